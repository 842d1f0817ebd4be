"""The two-hundred-and-fourteenth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Every scenario was checked only from its own loss curve (Keras History or the custom loop's epoch
means, in a throwaway script with the runner's seed and Session(None)), and every broken one
against the same model trained without its mistake (each helper `_name(session, broken)` trains
both). Four trades with their own numpy data (seeds 21401..21424; the last PROBE_SIZE rows of
every data set are the probe): thatch menders (a roof survey of ten readings and a wear score),
coal heavers (48 ten-minute readings of sacks carried in a shift), wick trimmers (a candle
flame's flicker from a photodiode; a candle ledger) and hay balers (field and weather readings).

Healthy half (12). Thatch menders: five reed-wear grades, 15% misfiled, by an MLP with
LayerNormalization under Adamax; ridge damp with scatter growing with the roof's age under Adam
with InverseTimeDecay; rain runoff against Laplace scatter by a Conv1D net in a hand-written
GradientTape loop under log-cosh and Nadam. Coal heavers: unloading hours by a Bidirectional
LSTM under a smooth ExponentialDecay; tonnage (MSE) and a mostly random spill flag (binary
cross-entropy) from one Conv1D trunk with two heads and loss_weights; a rare fall (about 5%)
under BinaryFocalCrossentropy without class weights. Wick trimmers: the wick's condition from
its flicker by a GRU under RMSprop with label_smoothing and 12% re-drawn labels; burn times of
only 160 candles memorised by a Dropout MLP over 60 epochs (still sinking at the end); the
flicker cut into patches for a MultiHeadAttention block with learned positions under AdamW.
Hay balers: bales per acre (Poisson) with a log-rate head under tf.nn.log_poisson_loss in a
hand-written loop (negative: it leaves out log y!); bale moisture with probe noise under SGD
with momentum and CosineDecayRestarts; yield from a field Embedding beside six weather readings
(two inputs) under Lion with Huber loss against Student-t scatter.

Broken half (9, one root cause each): kernel_constraint=NonNeg() on the ReLU layers of a
'monotone' MLP fed the raw logs of surviving-reed fractions, all negative (dead ReLUs);
bias_initializer=Constant(6.0) on hidden sigmoid Dense layers, the LSTM 'open gate' trick
copied to an MLP under SGD (saturated activations); activity_regularizer=L1(0.5) on the hidden
layers 'for sparse features' (over-regularisation); a SimpleRNN with Orthogonal(gain=1.6)
recurrence whose recipe's clipnorm=1.0 was dropped, SGD with momentum (exploding gradients: the
loss jumps about between 4 and 6 while the clipped twin sits near 0.6); ExponentialDecay with
decay_steps=1 meant as 'per epoch' (learning rate too low: the rate is gone before the loss
leaves chance);
four targets squeezed through a Dense(1) 'fitness score' bottleneck (insufficient capacity); a
log burn rate of grams / hours with three candles logged at 0 hours, inf targets in a ledger
trained in order (non-finite values, NaN from the first batch holding one); RMSprop kept at an
SGD baseline's 0.5 (learning rate too high); a ten-layer hard_sigmoid MLP in a hand-written loop
under plain SGD (vanishing gradients).

Dropped because they did not behave as intended: Conv1D kernels all Constant(0.02) (poor
initialisation) still learned, the random Dense head breaking the symmetry; a CNN given 16-bit
TIFFs with the 8-bit Rescaling(1/255) (unnormalised inputs) learned faster than its fixed twin
under Adam; a softmax head on a multi-label defect problem under binary cross-entropy (loss /
activation mismatch) trained to the same curve as its sigmoid twin in my check, which I could
not explain in the time, so it is out; a GaussianNoise(4.0) layer is refused by keras 3
(stddev must be in [0, 1]). Not written because earlier catalogues hold them: sigmoid heads on
percentages, np.log of zero features, Adam at SGD rates, L2(1.0) read from scikit-learn's alpha,
stacked sigmoid layers, Constant(-3) ReLU biases, dropout 0.95, zero and 'ones' initialisers,
class_weight rare classes, pinball quantile losses and PiecewiseConstantDecay shelves.

Labels follow `scenarios.py`: `expected_causes[0]` is the root cause the scenario was built
around; `stall_begins` is the optimizer step from which the loss stops improving (None: from the
start). Exact for the NaN run (row 300 is in batch 9 of the unshuffled ledger); approximate,
read off the epoch losses, for the activity penalty (130) and the bottleneck (100, where
its loss has levelled to within a few hundredths of its final 0.63 against its twin's 0.20).
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('thatch_menders', 'coal_heavers', 'wick_trimmers', 'hay_balers')

REGISTRY = []

holdout214 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data


def _roof(seed, n=N):
    """A thatched roof's survey: ten readings (reed length, bundle girth, pitch, age, ...)
    standardised, and a smooth nonlinear 'wear score' they determine."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 10)).astype("float32")
    score = (np.sin(1.5 * x[:, 0]) + x[:, 1] * x[:, 2] + 0.5 * x[:, 3] ** 2 - 0.7 * x[:, 4]
             + np.tanh(2 * x[:, 5]) - 0.5)
    return x, rng, score.astype("float32")


def _classes(score, k, rng, flip=0.0):
    """k ordered classes cut at the score's quantiles, a fraction `flip` re-drawn at random."""
    edges = np.quantile(score, np.linspace(0, 1, k + 1)[1:-1])
    y = np.digitize(score, edges).astype("int32")
    wrong = rng.random(len(y)) < flip
    y[wrong] = rng.integers(0, k, wrong.sum())
    return y


def _shift_log(seed, n=N, t=48):
    """A coal heaver's shift: t readings of sack weight carried per ten minutes, whose pattern
    (steady, tiring, bursty) and level set the hours the ship takes to unload."""
    rng = np.random.default_rng(seed)
    kind = rng.integers(0, 3, n)
    level = rng.uniform(0.5, 1.5, n)
    s = np.linspace(0, 1, t)
    base = np.where(kind[:, None] == 0, 1.0, np.where(kind[:, None] == 1, 1.3 - 0.8 * s,
                                                      0.8 + 0.6 * (np.sin(12 * s) > 0)))
    x = level[:, None] * base + 0.15 * rng.normal(size=(n, t))
    hours = 3.0 / level + 0.5 * kind
    return x[..., None].astype("float32"), kind.astype("int32"), hours.astype("float32"), rng


def _flame(seed, n=N, t=64):
    """A candle flame's flicker from a photodiode: t readings whose dominant rhythm marks one
    of four wick conditions (trimmed, long, mushroomed, drowning)."""
    rng = np.random.default_rng(seed)
    kind = rng.integers(0, 4, n)
    freq = np.array([2.0, 4.0, 7.0, 11.0])[kind] * rng.uniform(0.9, 1.1, n)
    s = np.linspace(0, 1, t)
    x = np.sin(2 * np.pi * freq[:, None] * s + rng.uniform(0, 6.3, (n, 1)))
    x += 0.6 * rng.normal(size=(n, t))
    return x[..., None].astype("float32"), kind.astype("int32"), rng


def _meadow(seed, n=N, side=12):
    """A hay bale's cross-section photographed at side x side: stripes whose angle marks the
    grass (rye, timothy, clover) under speckle."""
    rng = np.random.default_rng(seed)
    kind = rng.integers(0, 3, n)
    angle = np.array([0.0, 1.05, 2.1])[kind] + rng.normal(0, 0.15, n)
    u, v = np.meshgrid(np.arange(side), np.arange(side), indexing="ij")
    phase = rng.uniform(0, 6.3, n)
    img = np.sin(1.3 * (np.cos(angle)[:, None, None] * u + np.sin(angle)[:, None, None] * v)
                 + phase[:, None, None])
    img = 0.5 + 0.35 * img + 0.2 * rng.normal(size=(n, side, side))
    return np.clip(img, 0, 1)[..., None].astype("float32"), kind.astype("int32"), rng


def _conv1d(keras, t, outputs, out_activation="softmax", filters=(16, 16), **conv_kw):
    layers = [keras.Input((t, 1))]
    for f in filters:
        layers += [keras.layers.Conv1D(f, 5, activation="relu", padding="same", **conv_kw),
                   keras.layers.MaxPooling1D(2)]
    layers += [keras.layers.GlobalAveragePooling1D(),
               keras.layers.Dense(outputs, activation=out_activation)]
    return keras.Sequential(layers)


# ---------------------------------------------------------------------------------------------
# thatch menders: healthy


@holdout214("thatch_menders", healthy=True)
def reed_grade_misfiled(session):
    """A thatch mender grades a roof's reed into five wear classes from ten survey readings; an
    apprentice misfiled 15% of the grades at random. An MLP 64-64 with LayerNormalization after
    each hidden layer under Adamax 2e-3, 20 epochs of batch 32. The loss falls for a few epochs
    and levels off well above zero, at the floor the misfiled grades and the ordinal boundaries
    leave."""
    keras = _keras()
    x, rng, score = _roof(21401)
    y = _classes(score, 5, rng, flip=0.15)
    model = keras.Sequential([
        keras.Input((10,)),
        keras.layers.Dense(64, activation="relu"), keras.layers.LayerNormalization(),
        keras.layers.Dense(64, activation="relu"), keras.layers.LayerNormalization(),
        keras.layers.Dense(5, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adamax(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout214("thatch_menders", healthy=True)
def ridge_damp_inverse_time(session):
    """The damp in a roof's ridge from the survey readings, with measurement scatter that grows
    with the roof's age reading (heteroscedastic Gaussian noise). An MLP 48-48 under Adam whose
    rate follows InverseTimeDecay (halved after every 200 steps' worth), MSE, 25 epochs of batch
    32: a quick fall, then a slow flattening at the noise variance, far above zero."""
    keras = _keras()
    x, rng, score = _roof(21402)
    y = score + (0.3 + 0.5 * np.abs(x[:, 3])) * rng.normal(size=len(score))
    y = ((y - y.mean()) / y.std()).astype("float32")
    schedule = keras.optimizers.schedules.InverseTimeDecay(3e-3, decay_steps=200, decay_rate=1.0)
    model = _mlp(keras, 10, (48, 48), 1, out_activation=None)
    model.compile(keras.optimizers.Adam(schedule), "mse")
    return _fit(session, model, x, y, epochs=25, batch_size=32)


@holdout214("thatch_menders", healthy=True)
def rain_runoff_logcosh_loop(session):
    """How much rain a roof sheds, from 48 readings of a rain gauge on the ridge, by a Conv1D
    net in a hand-written GradientTape loop under log-cosh loss with Nadam; the runoff's
    scatter is Laplace (a gutter that sometimes overflows). 15 epochs of batch 32: a fall, then
    a slow ease far above zero."""
    keras = _keras()
    x, kind, hours, rng = _shift_log(21403)
    y = hours + 0.4 * rng.laplace(size=len(hours))
    y = ((y - y.mean()) / y.std()).astype("float32")[:, None]
    model = _conv1d(keras, 48, 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.Nadam(2e-3), keras.losses.LogCosh(),
                        x, y, epochs=15, batch_size=32, seed=21403)


# ---------------------------------------------------------------------------------------------
# thatch menders: broken


def _monotone_wear(session, broken):
    keras = _keras()
    rng = np.random.default_rng(21404)
    # Fractions of reed surviving in ten sample bundles: their logs are all negative.
    frac = rng.uniform(0.05, 0.95, (N, 10))
    logf = np.log(frac).astype("float32")
    y = (np.log(frac[:, :4]).sum(1) - 0.5 * np.log(frac[:, 4:6]).prod(1)
         + 0.2 * rng.normal(size=N))
    y = ((y - y.mean()) / y.std()).astype("float32")
    x = logf if broken else _standardize(logf)
    constraint = keras.constraints.NonNeg() if broken else None
    model = _mlp(keras, 10, (32, 32), 1, out_activation=None, kernel_constraint=constraint)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout214("thatch_menders", ["dead_relus"], stall_begins=None)
def monotone_log_fractions(session):
    """A roof's remaining life from the log of the fraction of reed surviving in ten sample
    bundles (all logs negative). Wanting 'more surviving reed, longer life', the mender put
    kernel_constraint=NonNeg() on every ReLU layer of an MLP 32-32 and fed the raw logs: a
    non-negative kernel times all-negative inputs gives no positive pre-activation, so every
    first-layer ReLU is silent from the first step. Adam 1e-3, MSE, 20 epochs of batch 32."""
    return _monotone_wear(session, broken=True)


def _gate_bias_mlp(session, broken):
    keras = _keras()
    x, rng, score = _roof(21405)
    y = _classes(score, 4, rng, flip=0.05)
    bias = keras.initializers.Constant(6.0) if broken else "zeros"
    model = _mlp(keras, 10, (64, 64), 4, activation="sigmoid", bias_initializer=bias)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=25, batch_size=32)


@holdout214("thatch_menders", ["saturated_activations"], stall_begins=None)
def open_gate_bias(session):
    """Four wear classes from the survey readings by a sigmoid MLP 64-64 under SGD 0.05 with
    momentum. The mender carried the LSTM trick of 'start the gates open' over to plain Dense
    layers: bias_initializer=Constant(6.0) on every hidden sigmoid, so every unit starts at
    0.998 with a slope of 0.002 and stays pinned there, the hidden layers passing on next to
    nothing of the readings. 25 epochs of batch 32."""
    return _gate_bias_mlp(session, broken=True)


def _noisy_survey(session, broken):
    keras = _keras()
    x, rng, score = _roof(21406)
    y = ((score - score.mean()) / score.std() + 0.2 * rng.normal(size=N)).astype("float32")
    reg = keras.regularizers.L1(0.5 if broken else 1e-5)
    model = _mlp(keras, 10, (64, 64), 1, out_activation=None, activity_regularizer=reg)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=25, batch_size=32)


@holdout214("thatch_menders", ["over_regularization"], stall_begins=130)
def activity_l1_sparse(session):
    """The wear score from the survey readings by an MLP 64-64 under Adam, with
    activity_regularizer=L1(0.5) on both hidden layers 'for sparse, interpretable features'
    (the mender meant 5e-5, the value of a paper that summed over a far larger batch). The
    penalty on every activation outweighs the fit: the units are driven to zero within four
    epochs and the prediction stays near the mean. MSE, 25 epochs of batch 32."""
    return _noisy_survey(session, broken=True)


# ---------------------------------------------------------------------------------------------
# coal heavers: healthy


@holdout214("coal_heavers", healthy=True)
def unload_hours_bilstm(session):
    """Hours to unload a collier from 48 ten-minute readings of sacks carried by a gang, by a
    Bidirectional LSTM(16) under Adam with a smooth ExponentialDecay (0.5 per 600 steps), MSE on
    hours with the foreman's rounding and a tide that delays some ships (Gaussian noise of a
    third of the spread). 12 epochs of batch 32: a fall, then a flat floor at the noise."""
    keras = _keras()
    x, kind, hours, rng = _shift_log(21407)
    y = hours + 0.35 * hours.std() * rng.normal(size=len(hours)) * 1.5
    y = ((y - y.mean()) / y.std()).astype("float32")
    schedule = keras.optimizers.schedules.ExponentialDecay(3e-3, 600, 0.5)
    model = keras.Sequential([keras.Input((48, 1)),
                              keras.layers.Bidirectional(keras.layers.LSTM(16)),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(schedule), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout214("coal_heavers", healthy=True)
def tonnage_and_spill_two_heads(session):
    """One trunk, two heads: a gang's tonnage for the shift (MSE) and whether a sack was
    spilled on the gangway (binary cross-entropy, a coin flip that depends only weakly on the
    readings), loss_weights 1.0 and 0.5, a Conv1D trunk under Adam, 15 epochs of batch 32. The
    summed loss drops, then flattens far above zero: the spill head cannot beat its entropy by
    much."""
    keras = _keras()
    x, kind, hours, rng = _shift_log(21408)
    tonnage = x[..., 0].sum(1) + 0.5 * rng.normal(size=len(hours))
    tonnage = ((tonnage - tonnage.mean()) / tonnage.std()).astype("float32")
    spill = (rng.random(len(hours)) < 0.25 + 0.2 * (kind == 2)).astype("float32")
    inp = keras.Input((48, 1))
    h = keras.layers.Conv1D(16, 5, activation="relu", padding="same")(inp)
    h = keras.layers.MaxPooling1D(2)(h)
    h = keras.layers.Conv1D(16, 5, activation="relu", padding="same")(h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    out_t = keras.layers.Dense(1, name="tonnage")(h)
    out_s = keras.layers.Dense(1, activation="sigmoid", name="spill")(h)
    model = keras.Model(inp, [out_t, out_s])
    model.compile(keras.optimizers.Adam(2e-3), ["mse", "binary_crossentropy"],
                  loss_weights=[1.0, 0.5])
    history = model.fit(x[:-PROBE_SIZE], [tonnage[:-PROBE_SIZE], spill[:-PROBE_SIZE]], epochs=15,
                        batch_size=32, verbose=0,
                        callbacks=session.callbacks((x[-PROBE_SIZE:], [tonnage[-PROBE_SIZE:],
                                                                        spill[-PROBE_SIZE:]])))
    return history.history["loss"]


@holdout214("coal_heavers", healthy=True)
def rare_fall_focal(session):
    """Whether a heaver falls through a hatch during a shift (about 5% of shifts, partly
    predictable from a tiring pattern), by an MLP 32-32 on twelve summary features of the shift
    under BinaryFocalCrossentropy(gamma=2) with no class weights, Adam, 20 epochs of batch 32.
    The focal loss is small from the start and eases down slowly, flattening far above zero."""
    keras = _keras()
    x, kind, hours, rng = _shift_log(21409)
    feats = x[..., 0].reshape(len(x), 12, 4).mean(2)
    risk = -3.4 + 1.2 * (kind == 1) + 0.8 * (feats[:, -1] < 0.6)
    y = (rng.random(len(x)) < 1 / (1 + np.exp(-risk))).astype("float32")
    model = _mlp(keras, 12, (32, 32), 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), keras.losses.BinaryFocalCrossentropy(gamma=2.0))
    return _fit(session, model, _standardize(feats), y, epochs=20, batch_size=32)


# ---------------------------------------------------------------------------------------------
# coal heavers: broken


def _gangway_rnn(session, broken):
    keras = _keras()
    x, kind, hours, rng = _shift_log(21410, t=40)
    y = ((hours - hours.mean()) / hours.std()).astype("float32")
    model = keras.Sequential([
        keras.Input((40, 1)),
        keras.layers.SimpleRNN(32, recurrent_initializer=keras.initializers.Orthogonal(1.6)),
        keras.layers.Dense(1),
    ])
    opt = keras.optimizers.SGD(0.05, momentum=0.9, clipnorm=None if broken else 1.0)
    model.compile(opt, "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout214("coal_heavers", ["exploding_gradients"], stall_begins=None)
def rnn_clipnorm_dropped(session):
    """Unloading hours from 40 readings by a SimpleRNN(32) under SGD 0.05 with momentum, copied
    from a recipe that initialised the recurrent kernel Orthogonal(gain=1.6) 'to remember
    longer' and clipped gradients with clipnorm=1.0; the clipping was dropped when the optimizer
    was rebuilt for a new run. Gradients through 40 steps of an expanding recurrence are
    enormous, every step throws the weights far, and the loss stays high. 15 epochs of batch 32."""
    return _gangway_rnn(session, broken=True)


def _per_step_decay(session, broken):
    keras = _keras()
    x, kind, hours, rng = _shift_log(21411)
    steps = -(-(N - PROBE_SIZE) // 32)
    schedule = keras.optimizers.schedules.ExponentialDecay(
        3e-3, decay_steps=1 if broken else steps, decay_rate=0.9)
    model = _conv1d(keras, 48, 3)
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, kind, epochs=20, batch_size=32)


@holdout214("coal_heavers", ["learning_rate_too_low"], stall_begins=None)
def decay_every_step(session):
    """The gang's working pattern (steady, tiring, bursty) from 48 readings by a Conv1D net under
    Adam with ExponentialDecay(3e-3, decay_steps=1, decay_rate=0.9): 'decay by 0.9 every
    epoch', but decay_steps counts optimizer steps, so the rate is under 1e-4 after 32 steps
    and under 1e-8 by the end of the second epoch. The loss never leaves chance.
    20 epochs of batch 32."""
    return _per_step_decay(session, broken=True)


def _bottleneck(session, broken):
    keras = _keras()
    x, kind, hours, rng = _shift_log(21412)
    feats = _standardize(x[..., 0].reshape(len(x), 12, 4).mean(2))
    targets = np.stack([hours, x[..., 0, 0] - x[..., -1, 0], (kind == 2).astype("float32"),
                        x[..., 0].std(1)], 1)
    targets = _standardize(targets + 0.1 * rng.normal(size=targets.shape))
    model = keras.Sequential([
        keras.Input((12,)), keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1) if broken else keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, feats, targets, epochs=25, batch_size=32)


@holdout214("coal_heavers", ["insufficient_capacity"], stall_begins=100)
def one_score_bottleneck(session):
    """Four things about a shift (unloading hours, how much the gang tired, whether it worked in
    bursts, how uneven its pace was) from twelve summary features, by an MLP whose second
    hidden layer the foreman made a linear Dense(1) 'to get one fitness score per gang' before a
    Dense(4) head: four unrelated targets squeezed through one number. Adam, MSE, 25 epochs of
    batch 32."""
    return _bottleneck(session, broken=True)


# ---------------------------------------------------------------------------------------------
# wick trimmers: healthy


@holdout214("wick_trimmers", healthy=True)
def flicker_gru_smoothed(session):
    """The wick's condition (four kinds) from 64 photodiode readings of its flicker by a GRU(24)
    under RMSprop 2e-3, categorical cross-entropy with label_smoothing=0.1 on one-hot labels of
    which 12% are the trimmer's guesses re-drawn at random. 12 epochs of batch 32: a slow start,
    a fall, and a floor far above zero (smoothing and wrong labels both hold it up)."""
    keras = _keras()
    x, kind, rng = _flame(21413)
    wrong = rng.random(len(kind)) < 0.12
    kind = np.where(wrong, rng.integers(0, 4, len(kind)), kind)
    y = np.eye(4, dtype="float32")[kind]
    model = keras.Sequential([keras.Input((64, 1)), keras.layers.GRU(24),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.RMSprop(2e-3),
                  keras.losses.CategoricalCrossentropy(label_smoothing=0.1))
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout214("wick_trimmers", healthy=True)
def burn_time_few_candles(session):
    """Burn time of a candle from ten features of its wax and wick, but only 160 candles were
    timed (plus the probe), by an MLP 128-128 with Dropout(0.2) under Adam, MSE, 60 epochs of
    batch 16. The training loss keeps sinking toward the memorised set while the noise in the
    timings stays; a long decline, still going at the end."""
    keras = _keras()
    x, rng, score = _roof(21414, n=160 + PROBE_SIZE)
    y = score + 0.5 * rng.normal(size=len(score))
    y = ((y - y.mean()) / y.std()).astype("float32")
    model = keras.Sequential([
        keras.Input((10,)), keras.layers.Dense(128, activation="relu"), keras.layers.Dropout(0.2),
        keras.layers.Dense(128, activation="relu"), keras.layers.Dropout(0.2),
        keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=60, batch_size=16)


@holdout214("wick_trimmers", healthy=True)
def flicker_attention(session):
    """The wick's condition from its flicker split into 16 patches of four readings, by a patch
    Dense projection, a learned position embedding and one MultiHeadAttention block (2 heads)
    with a residual and LayerNormalization, under AdamW, 15 epochs of batch 32; the diode's
    noise is heavy, so the loss levels off above zero."""
    keras = _keras()
    x, kind, rng = _flame(21415)
    patches = x.reshape(len(x), 16, 4)
    inp = keras.Input((16, 4))
    h = keras.layers.Dense(24)(inp)
    pos = keras.layers.Embedding(16, 24)(np.arange(16)[None])
    h = h + pos
    a = keras.layers.MultiHeadAttention(2, 12)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    out = keras.layers.Dense(4, activation="softmax")(h)
    model = keras.Model(inp, out)
    model.compile(keras.optimizers.AdamW(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, patches, kind, epochs=15, batch_size=32)


# ---------------------------------------------------------------------------------------------
# wick trimmers: broken


def _burn_rate(session, broken):
    keras = _keras()
    rng = np.random.default_rng(21416)
    wax_g = rng.uniform(20, 200, N)
    hours = rng.uniform(1, 12, N)
    hours[[300, 301, 700]] = 0.0  # candles logged before they were lit
    wick_mm = rng.uniform(1, 4, N)
    draught = rng.uniform(0, 1, N)
    rate = wax_g / hours if broken else wax_g / np.maximum(hours, 0.5)
    y = np.log(rate) + 0.3 * wick_mm + 0.2 * draught + 0.1 * rng.normal(size=N)
    finite = np.isfinite(y)
    y = ((y - y[finite].mean()) / y[finite].std()).astype("float32")
    x = _standardize(np.stack([wax_g, np.log(np.maximum(hours, 0.5)), wick_mm, draught], 1))
    model = _mlp(keras, 4, (32, 32), 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32, shuffle=False)


@holdout214("wick_trimmers", ["non_finite_values"], stall_begins=9)
def burn_rate_zero_hours(session):
    """The log of a candle's burn rate (grams of wax per hour) from its wax weight, hours,
    wick length and draught, by an MLP 32-32 under Adam, MSE, 12 epochs of batch 32 in the
    ledger's order. Three candles were logged at 0 hours before they were lit, so the target's
    log burn rate (grams / hours) is inf for them (numpy only warns, and the scaling skipped
    them); the first batch holding one turns the loss and the weights NaN for the rest of the
    run."""
    return _burn_rate(session, broken=True)


def _rmsprop_rate(session, broken):
    keras = _keras()
    x, kind, rng = _flame(21418)
    model = _conv1d(keras, 64, 4)
    model.compile(keras.optimizers.RMSprop(0.5 if broken else 1e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, kind, epochs=15, batch_size=32)


@holdout214("wick_trimmers", ["learning_rate_too_high"], stall_begins=None)
def rmsprop_half(session):
    """The wick's condition from its flicker by a Conv1D 16-16 net, RMSprop at learning_rate=0.5:
    the trimmer's notes said 'lr 5e-1' for the SGD baseline and it was kept when RMSprop went
    in. The first steps throw the filters far, the ReLUs and the head saturate, and the loss
    sits at or above chance. 15 epochs of batch 32."""
    return _rmsprop_rate(session, broken=True)


# ---------------------------------------------------------------------------------------------
# hay balers: healthy


@holdout214("hay_balers", healthy=True)
def bales_per_acre_log_poisson(session):
    """Bales per acre (Poisson counts, mean 2 to 20) from eight field readings by an MLP with a
    linear log-rate head in a hand-written GradientTape loop under tf.nn.log_poisson_loss with
    Adam: the loss leaves out log(y!) and so settles at a negative value, far from zero and
    fully converged. 20 epochs of batch 32."""
    import tensorflow as tf

    keras = _keras()
    rng = np.random.default_rng(21419)
    x = rng.normal(size=(N, 8)).astype("float32")
    log_rate = 1.8 + 0.5 * x[:, 0] - 0.3 * x[:, 1] ** 2 + 0.3 * np.tanh(x[:, 2] * x[:, 3])
    y = rng.poisson(np.exp(log_rate)).astype("float32")[:, None]
    model = _mlp(keras, 8, (32, 32), 1, out_activation=None)

    def loss_fn(targets, log_rates):
        return tf.reduce_mean(tf.nn.log_poisson_loss(targets, log_rates))

    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), loss_fn, x, y, epochs=20,
                        batch_size=32, seed=21419, loss_description="log_poisson_loss")


@holdout214("hay_balers", healthy=True)
def moisture_cosine_restarts(session):
    """A bale's moisture from ten readings of the meadow and the weather, noisy probes (a third
    of the variance is probe error), by an MLP 64-64 under SGD with momentum and
    CosineDecayRestarts (first period 200 steps, doubling): the loss falls in steps with small
    bumps at each restart and flattens at the probe's noise. 20 epochs of batch 32."""
    keras = _keras()
    x, rng, score = _roof(21420)
    s = (score - score.mean()) / score.std()
    y = (s + 0.7 * rng.normal(size=len(s))).astype("float32")
    schedule = keras.optimizers.schedules.CosineDecayRestarts(0.05, 200)
    model = _mlp(keras, 10, (64, 64), 1, out_activation=None)
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout214("hay_balers", healthy=True)
def yield_field_embedding_lion(session):
    """Bales per field from which of 60 fields it was (Embedding of 8) beside six weather
    readings, two inputs, under Lion 3e-4, Huber loss against Student-t (3 dof) yields. 20 epochs
    of batch 32: a quick fall and a floor the heavy-tailed scatter keeps well above zero."""
    keras = _keras()
    rng = np.random.default_rng(21421)
    field = rng.integers(0, 60, N)
    fertility = rng.normal(size=60)
    w = rng.normal(size=(N, 6)).astype("float32")
    y = fertility[field] + 0.6 * w[:, 0] - 0.4 * w[:, 1] * w[:, 2] + 0.5 * rng.standard_t(3, N)
    y = ((y - y.mean()) / y.std()).astype("float32")
    fi = keras.Input((1,), dtype="int32")
    wi = keras.Input((6,))
    e = keras.layers.Flatten()(keras.layers.Embedding(60, 8)(fi))
    h = keras.layers.Concatenate()([e, wi])
    h = keras.layers.Dense(32, activation="relu")(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([fi, wi], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Lion(3e-4), keras.losses.Huber(1.0))
    cut = -PROBE_SIZE
    history = model.fit([field[:cut, None], w[:cut]], y[:cut], epochs=20, batch_size=32,
                        verbose=0,
                        callbacks=session.callbacks(([field[cut:, None], w[cut:]], y[cut:])))
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# hay balers: broken


def _hard_sigmoid_tower(session, broken):
    keras = _keras()
    x, rng, score = _roof(21423)
    y = _classes(score, 3, rng, flip=0.05)
    act = "hard_sigmoid" if broken else "relu"
    model = _mlp(keras, 10, (48,) * 10, 3, activation=act,
                 kernel_initializer="glorot_uniform" if broken else "he_normal")
    return _custom_loop(session, model, keras.optimizers.SGD(0.05),
                        keras.losses.SparseCategoricalCrossentropy(), x, y, epochs=20,
                        batch_size=32, seed=21423)


@holdout214("hay_balers", ["vanishing_gradients"], stall_begins=None)
def hard_sigmoid_tower(session):
    """Three hay qualities from ten meadow readings by a ten-layer MLP of width 48 with
    activation='hard_sigmoid' ('cheaper than sigmoid on the baler's board'), in a hand-written
    GradientTape loop under plain SGD 0.05. The slope of hard_sigmoid is 1/6 where it is not
    flat, so each layer divides the gradient by about six and the first layers get almost
    nothing. 20 epochs of batch 32."""
    return _hard_sigmoid_tower(session, broken=True)
