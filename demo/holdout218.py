"""The two-hundred-and-eighteenth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades: rake makers (breaking loads, tine counts and handle lives from workshop
measurements), truss riggers (strain traces of vibrating joints, midspan sag, bolt slip),
almanac printers (a month of weather-ledger rows, printed weather sayings) and hurdy-gurdy
players (small spectrograms of the drone tuning, tunes as note ids). All data are synthetic,
from numpy generators seeded 21801..21838; the last PROBE_SIZE rows of every set are the probe.

Healthy half (twelve runs, nothing to fix in the code): a tine's breaking load with Student-t
rig scatter under Huber; snapped-tine counts under the Poisson loss with an exponential output
and a PiecewiseConstantDecay that cuts the rate tenfold twice; a two-input functional model
(numbers and an embedded ash supplier) under AdamW and ExponentialDecay; vibration modes from a
Conv1D net with a fifth of the labels wrong and a warm-up-then-cosine schedule; the 90th
percentile of sag with load-dependent scatter, pinball loss, in a GradientTape loop; 96 bolted
joints memorised by a wide MLP (training loss towards zero on small data); tomorrow's
temperature from a GRU with ReduceLROnPlateau; rare frost nights (6%) with class_weight; a
bag-of-embeddings saying classifier under SGD with momentum, still falling at the end; tunings
from noisy log-spectrograms by a small Conv2D net, slow to start; a repeated opening phrase found by
self-attention over note and position embeddings, learned gradually; and an LSTM under
CosineDecayRestarts whose loss bumps at each restart.

Broken half (seven runs, one cause each): Adam given the learning rate 1.0 of an Adadelta
recipe (GRU); Adagrad at 1e-5 from a percentage slip (Conv1D); spectrograms fed as raw power
instead of log power (Conv2D, every relu silenced after a huge first epoch); ReLU6 written as
ReLU(threshold=6.0) instead of max_value=6.0 (MLP, no unit ever fires); embeddings typed with
output_dim=1 for a rank-four smith-by-timber interaction (too little capacity); every kernel
initialised with Constant(0.1), so all hidden units stay copies of each other; and a
hand-written MAPE that divides by true counts that can be zero (inf, then NaN, in a custom
loop). Each was trained beside its fixed version with Session(None); the broken losses flatten
well above the fixed ones (numbers in each scenario's description).

Dropped because they did not behave as intended (so five causes have no scenario here):
saturated activations (a Rescaling(255.0) written for 1/255 before tanh layers: it kept
learning, 0.37 and falling against 0.005); exploding gradients (unit-normal kernels in a
six-layer relu MLP: a loss of ~1e9 that fell steadily every epoch, not a stall); vanishing
gradients (a ten-layer sigmoid Conv1D tower: its relu fix did not learn either under the same
SGD, so the comparison proved nothing); loss/activation mismatch (a one-unit softmax head under
binary cross-entropy on the attention model: it learned as fast as the sigmoid head); and over-
regularisation (activity L1 of 1.0 after an LSTM: it stalled for three epochs, then learned).
Not written because earlier catalogues already hold them: NaN in features or targets, float16
overflow, zero or tiny initialisation, large L2 and dropout, sigmoid-output regression,
GaussianNoise, AlphaDropout, Conv/UpSampling autoencoders, TimeDistributed taggers, ConvLSTM.

Labels: `expected_causes[0]` is the root cause, the only one given. `stall_begins` is the
optimizer step (0-based, 32 steps per epoch in every broken run) from which the loss stops
improving, or None from the start (the Adagrad slip, the ReLU threshold, the MAPE NaNs). The
three others are approximate, read off the per-epoch losses rather than the per-step ones: 32
(the Adadelta rate and the raw power, after their first epoch) and 128 (the one-dimensional
embeddings and the constant kernels, after about four epochs).
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _standardize, registrar

FAMILIES = ('rake_makers', 'truss_riggers', 'almanac_printers', 'hurdy_gurdy_players')

REGISTRY = []
holdout218 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data


def _rake_table(seed, n=N):
    """Rake-maker's workshop: ash moisture, tine gauge, ferrule depth, handle length, grain
    angle, kiln hours, and the resulting breaking load (standardised) and tine count."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 6)).astype("float32")
    load = (np.sin(1.5 * x[:, 0]) + 0.8 * x[:, 1] * x[:, 2] - 0.6 * x[:, 3] ** 2
            + 0.5 * np.tanh(2 * x[:, 4]) + 0.3 * x[:, 5])
    return x, load.astype("float32")


def _truss_signals(seed, n=N, steps=64, noise=0.3):
    """Truss-rigger's strain gauges: a 64-sample strain trace per joint; the class is which of
    four vibration modes (frequency) dominates."""
    rng = np.random.default_rng(seed)
    t = np.linspace(0, 1, steps, dtype="float32")
    y = rng.integers(0, 4, size=n)
    freq = np.array([2.0, 4.0, 7.0, 11.0])[y] + rng.normal(0, 0.3, size=n)
    phase = rng.uniform(0, 2 * np.pi, size=n)
    amp = rng.uniform(0.5, 1.5, size=n)
    x = amp[:, None] * np.sin(2 * np.pi * freq[:, None] * t[None] + phase[:, None])
    x = x + rng.normal(0, noise, size=x.shape)
    return x[..., None].astype("float32"), y.astype("int32")


def _almanac_series(seed, n=N, steps=30):
    """Almanac printer's weather ledger: 30 days of (temperature, pressure, rain) anomalies;
    the target is tomorrow's temperature anomaly."""
    rng = np.random.default_rng(seed)
    x = np.zeros((n, steps, 3), dtype="float32")
    a = rng.normal(size=(n, 3))
    for s in range(steps):
        a = 0.85 * a + 0.5 * rng.normal(size=(n, 3))
        x[:, s] = a
    y = 0.6 * x[:, -1, 0] - 0.4 * x[:, -3, 1] + 0.3 * x[:, :, 2].mean(axis=1) * 3
    return x, y.astype("float32")


def _almanac_tokens(seed, n=N, length=20, vocab=200):
    """Almanac sayings as token ids; a saying is 'fair-weather' (1) when it holds more tokens
    of the fair set (ids < 40) than of the foul set (40..79)."""
    rng = np.random.default_rng(seed)
    x = rng.integers(1, vocab, size=(n, length))
    fair = (x < 40).sum(axis=1)
    foul = ((x >= 40) & (x < 80)).sum(axis=1)
    y = (fair > foul).astype("float32")
    return x.astype("int32"), y


def _gurdy_spectra(seed, n=N, freq_bins=16, frames=16, classes=4):
    """Hurdy-gurdy player's recordings as small log-spectrograms: which of four drone tunings
    (a harmonic pattern over frequency bins) the instrument is in."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, classes, size=n)
    base = np.array([2, 3, 5, 6])[y]
    f = np.arange(freq_bins)[None, :, None]
    pattern = (np.exp(-((f - base[:, None, None]) ** 2) / 1.5)
               + 0.6 * np.exp(-((f - 2 * base[:, None, None]) ** 2) / 1.5))
    power = pattern * rng.uniform(0.5, 1.5, size=(n, 1, frames))
    power = power + 0.3 * rng.normal(size=(n, freq_bins, frames)) ** 2
    return power[..., None].astype("float32"), y.astype("int32")


def _gurdy_notes(seed, n=N, length=16, vocab=24):
    """A tune as 16 note ids; the target is whether the tune repeats its opening phrase of
    four notes anywhere later on (a relation between positions)."""
    rng = np.random.default_rng(seed)
    x = rng.integers(0, vocab, size=(n, length))
    y = rng.integers(0, 2, size=n)
    for i in np.nonzero(y)[0]:
        at = rng.integers(6, length - 3)
        x[i, at:at + 4] = x[i, :4]
    y = np.array([any((x[i, k:k + 4] == x[i, :4]).all() for k in range(4, length - 3))
                  for i in range(n)]).astype("float32")
    return x.astype("int32"), y


# ---------------------------------------------------------------------------------------------
# broken helpers (each trains the broken or the fixed version)


def _adadelta_rate_in_adam(session, broken):
    keras = _keras()
    x, y = _truss_signals(seed=21801)
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.GRU(24),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1.0 if broken else 3e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _percent_adagrad(session, broken):
    keras = _keras()
    x, y = _truss_signals(seed=21802)
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adagrad(1e-5 if broken else 0.1),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _raw_power_spectra(session, broken):
    keras = _keras()
    x, y = _gurdy_spectra(seed=21803)
    x = x * 4.0e4
    if not broken:
        x = _standardize(np.log1p(x).reshape(len(x), -1)).reshape(x.shape)
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(1e-2, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)





def _relu6_threshold(session, broken):
    keras = _keras()
    x, y = _rake_table(seed=21806)
    y = (y - y.mean()) / y.std()

    def relu6():
        if broken:
            return keras.layers.ReLU(threshold=6.0)
        return keras.layers.ReLU(max_value=6.0)

    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(64), relu6(),
        keras.layers.Dense(64), relu6(),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)




def _one_wide_embedding(session, broken):
    keras = _keras()
    rng = np.random.default_rng(21809)
    n = N
    smith = rng.integers(0, 40, size=n)
    wood = rng.integers(0, 30, size=n)
    a = rng.normal(size=(40, 4))
    b = rng.normal(size=(30, 4))
    y = ((a[smith] * b[wood]).sum(axis=1) + 0.1 * rng.normal(size=n)).astype("float32")
    y = (y - y.mean()) / y.std()
    x = np.stack([smith, wood], axis=1).astype("int32")
    dim = 1 if broken else 8
    inp = keras.Input((2,))
    e1 = keras.layers.Flatten()(keras.layers.Embedding(40, dim)(inp[:, 0:1]))
    e2 = keras.layers.Flatten()(keras.layers.Embedding(30, dim)(inp[:, 1:2]))
    out = keras.layers.Dot(axes=1)([e1, e2])
    model = keras.Model(inp, out)
    model.compile(keras.optimizers.Adam(2e-2), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)



def _constant_kernels(session, broken):
    keras = _keras()
    x, y = _rake_table(seed=21811)
    y = (y - y.mean()) / y.std()
    init = keras.initializers.Constant(0.1) if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(64, activation="elu", kernel_initializer=init),
        keras.layers.Dense(64, activation="elu", kernel_initializer=init),
        keras.layers.Dense(1, kernel_initializer=init),
    ])
    model.compile(keras.optimizers.RMSprop(1e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _handwritten_mape(session, broken):
    import tensorflow as tf

    keras = _keras()
    rng = np.random.default_rng(21812)
    x = rng.normal(size=(N, 5)).astype("float32")
    rate = np.exp(0.8 + 0.5 * x[:, 0] - 0.4 * x[:, 1])
    y = rng.poisson(rate).astype("float32")[:, None]
    model = keras.Sequential([
        keras.Input((5,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="softplus"),
    ])

    def mape(yt, yp):
        denom = yt if broken else tf.maximum(yt, 1.0)
        return 100.0 * tf.reduce_mean(tf.abs(yt - yp) / denom)

    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), mape, x, y,
                        epochs=8, batch_size=32, seed=21812)


# ---------------------------------------------------------------------------------------------
# broken runs


@holdout218("truss_riggers", ["learning_rate_too_high"], stall_begins=32)
def mode_gru_adadelta_rate(session):
    """Truss-riggers: the dominant vibration mode of a strain trace by a GRU(24) and a relu
    head; the learning rate 1.0 of an Adadelta recipe was kept when the optimizer was switched
    to Adam. After a first epoch of huge losses the model sits near chance (~1.43) for good,
    where Adam 3e-3 reaches ~0.1."""
    return _adadelta_rate_in_adam(session, broken=True)


@holdout218("truss_riggers", ["learning_rate_too_low"])
def mode_conv1d_adagrad_percent(session):
    """Truss-riggers: the same mode classification by a two-layer Conv1D net under Adagrad,
    whose rate was written as 1e-5 (0.001, read as a percentage, then divided once more) where
    0.1 was meant; the loss creeps from 1.4055 to 1.4033 in 12 epochs against ~0.01 fixed."""
    return _percent_adagrad(session, broken=True)


@holdout218("hurdy_gurdy_players", ["unnormalized_inputs"], stall_begins=32)
def tuning_raw_power_spectra(session):
    """Hurdy-gurdy players: drone tuning from 16x16 spectrograms fed as raw power (values up
    to ~1e5) instead of standardised log power, to a small Conv2D net under SGD with momentum;
    the first epoch's loss is ~1e8, after which every relu is silent and the loss stays at
    ln 4 (1.386) where the log-scaled version reaches ~0.1."""
    return _raw_power_spectra(session, broken=True)


@holdout218("rake_makers", ["dead_relus"])
def load_relu6_threshold(session):
    """Rake-makers: breaking load from six measurements by a 2x64 MLP with ReLU6 layers
    written as keras.layers.ReLU(threshold=6.0) where max_value=6.0 was meant: every
    pre-activation below 6 is zeroed, no unit ever fires, and the loss is flat at the target's
    variance (~1.02) from the first step."""
    return _relu6_threshold(session, broken=True)


@holdout218("rake_makers", ["insufficient_capacity"], stall_begins=128)
def smith_wood_one_dim_embedding(session):
    """Rake-makers: a rake's quality score from which of 40 smiths forged it and which of 30
    timber lots it came from (a rank-4 interaction), by two embeddings and their dot product;
    output_dim=1 was typed for the embeddings (read as 'one id per row'), so the model is rank
    one: after about four epochs it only creeps (0.69 to 0.61 over sixteen more), against ~0.005
    with 8 dimensions."""
    return _one_wide_embedding(session, broken=True)


@holdout218("rake_makers", ["poor_initialization"], stall_begins=128)
def handle_constant_kernels(session):
    """Rake-makers: breaking load by a 2x64 elu MLP whose kernels were all initialised with
    Constant(0.1) (copied from a bias initialiser): every hidden unit is a copy of the others,
    they receive identical updates, and the net behaves like a one-unit model, levelling off
    near 0.80 after about four epochs where glorot_uniform reaches ~0.14 and is still falling."""
    return _constant_kernels(session, broken=True)


@holdout218("almanac_printers", ["non_finite_values"])
def rain_days_handwritten_mape(session):
    """Almanac-printers: the number of rainy days in a week from five ledger features, a small
    MLP with a softplus output trained in a GradientTape loop under a hand-written mean
    absolute percentage error that divides by the true count; weeks with no rain divide by
    zero, the loss is inf and then NaN from the first such batch, and training runs on."""
    return _handwritten_mape(session, broken=True)



# ---------------------------------------------------------------------------------------------
# healthy-but-imperfect runs


@holdout218("rake_makers", healthy=True)
def tine_load_student_t_huber(session):
    """Rake-makers: the breaking load of a rake head from six workshop measurements, with
    Student-t (3 degrees of freedom) measurement scatter from the test rig; a 2x64 relu MLP under
    the Huber loss and Adam 2e-3. The loss flattens well above zero at the rig's noise."""
    keras = _keras()
    x, y = _rake_table(seed=21820)
    rng = np.random.default_rng(21821)
    y = ((y - y.mean()) / y.std() + 0.6 * rng.standard_t(3, size=len(y))).astype("float32")
    model = _plain(keras, 6, [64, 64], "relu")
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(1.0))
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout218("rake_makers", healthy=True)
def tine_count_poisson_piecewise(session):
    """Rake-makers: tines that snap in a season (a count) from the six measurements; an MLP with
    an exponential output under the Poisson loss and a PiecewiseConstantDecay schedule that
    cuts Adam's rate tenfold at steps 200 and 400. The loss steps down at each cut and settles at
    the Poisson noise of the counts."""
    keras = _keras()
    x, load = _rake_table(seed=21822)
    rng = np.random.default_rng(21823)
    y = rng.poisson(np.exp(0.5 + 0.4 * load / load.std())).astype("float32")
    model = _plain(keras, 6, [32, 32], "relu", out="exponential")
    lr = keras.optimizers.schedules.PiecewiseConstantDecay([200, 400], [1e-2, 1e-3, 1e-4])
    model.compile(keras.optimizers.Adam(lr), "poisson")
    return _fit(session, model, x, y, epochs=18, batch_size=32)


@holdout218("rake_makers", healthy=True)
def handle_multi_input_adamw(session):
    """Rake-makers: the handle's service life from four numeric measurements and the ash
    supplier (one of 25, embedded in 4 dimensions) in a two-input functional model, AdamW with
    an ExponentialDecay schedule; the supplier's effect and the timber's noise leave a floor
    near a third of the target variance."""
    keras = _keras()
    rng = np.random.default_rng(21824)
    num = rng.normal(size=(N, 4)).astype("float32")
    sup = rng.integers(0, 25, size=(N, 1))
    effect = rng.normal(size=25)
    y = (num[:, 0] - 0.5 * num[:, 1] * num[:, 2] + effect[sup[:, 0]]
         + 0.8 * rng.normal(size=N)).astype("float32")
    y = (y - y.mean()) / y.std()
    a = keras.Input((4,))
    b = keras.Input((1,))
    h = keras.layers.Concatenate()([a, keras.layers.Flatten()(keras.layers.Embedding(25, 4)(b))])
    h = keras.layers.Dense(48, activation="relu")(h)
    model = keras.Model([a, b], keras.layers.Dense(1)(h))
    lr = keras.optimizers.schedules.ExponentialDecay(3e-3, 300, 0.5)
    model.compile(keras.optimizers.AdamW(lr, weight_decay=1e-3), "mse")
    return _fit_inputs(session, model, [num, sup.astype("int32")], y, epochs=15, batch_size=32)


@holdout218("truss_riggers", healthy=True)
def strain_mode_label_noise_warmup(session):
    """Truss-riggers: which vibration mode dominates a joint's strain trace, from a Conv1D net;
    a fifth of the inspectors' mode labels are wrong (re-drawn at random). A CosineDecay schedule
    with a 100-step linear warm-up to 3e-3; the loss flattens near the label noise's entropy."""
    keras = _keras()
    x, y = _truss_signals(seed=21825)
    rng = np.random.default_rng(21826)
    flip = rng.random(len(y)) < 0.2
    y = np.where(flip, rng.integers(0, 4, size=len(y)), y).astype("int32")
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    lr = keras.optimizers.schedules.CosineDecay(0.0, 400, warmup_target=3e-3, warmup_steps=100)
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


@holdout218("truss_riggers", healthy=True)
def sag_quantile_custom_loop(session):
    """Truss-riggers: the 90th percentile of a truss's midspan sag from span, load and timber
    grade, with scatter that grows with the load (heteroscedastic); a tanh MLP trained in a
    hand-written GradientTape loop under the pinball loss at tau=0.9 with Adam 3e-3. The loss
    flattens at the scatter's pinball floor."""
    import tensorflow as tf

    keras = _keras()
    rng = np.random.default_rng(21827)
    x = rng.normal(size=(N, 3)).astype("float32")
    scale = 0.2 + 0.5 * (1 + np.tanh(x[:, 1]))
    y = (x[:, 0] + 0.5 * x[:, 1] + scale * rng.normal(size=N)).astype("float32")[:, None]
    model = _plain(keras, 3, [32, 32], "tanh")

    def pinball(yt, yp):
        e = yt - yp
        return tf.reduce_mean(tf.maximum(0.9 * e, -0.1 * e))

    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), pinball, x, y,
                        epochs=12, batch_size=32, seed=21827)


@holdout218("truss_riggers", healthy=True)
def bolt_slip_small_data_overfit(session):
    """Truss-riggers: whether a bolted joint slipped, from 96 inspected joints' 20 measurements
    (the rest of the rig's records are the probe); a 2x128 relu MLP with Adam memorises the
    small set, and the training loss falls towards zero without anything being wrong."""
    keras = _keras()
    rng = np.random.default_rng(21828)
    n = 96 + PROBE_SIZE
    x = rng.normal(size=(n, 20)).astype("float32")
    y = ((x[:, 0] + x[:, 1] * x[:, 2] + 0.7 * rng.normal(size=n)) > 0).astype("float32")
    model = _plain(keras, 20, [128, 128], "relu", out="sigmoid")
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


@holdout218("almanac_printers", healthy=True)
def forecast_gru_reduce_on_plateau(session):
    """Almanac-printers: tomorrow's temperature anomaly from a month of weather-ledger rows by a
    GRU(24) under MSE, Adam 3e-3 with ReduceLROnPlateau (factor 0.3, patience 2) on the
    training loss. Weather noise leaves a floor; the rate drops when it levels off."""
    keras = _keras()
    x, y = _almanac_series(seed=21829)
    rng = np.random.default_rng(21830)
    y = (y + 0.5 * rng.normal(size=len(y))).astype("float32")
    model = keras.Sequential([keras.Input((30, 3)), keras.layers.GRU(24), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    cb = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=2, min_delta=1e-3)
    return _fit(session, model, x, y, epochs=16, batch_size=32, callbacks=[cb])


@holdout218("almanac_printers", healthy=True)
def rare_frost_class_weight(session):
    """Almanac-printers: whether a night frosts (about 6% of nights) from the month's ledger
    summarised to nine features, a small relu MLP with class_weight {0: 1, 1: 8}; the weighted
    loss stays well above zero because frost is only partly predictable."""
    keras = _keras()
    x, _ = _almanac_series(seed=21831)
    rng = np.random.default_rng(21832)
    feats = np.concatenate([x[:, -1], x.mean(axis=1), x.std(axis=1)], axis=1)
    feats = _standardize(feats)
    score = -1.2 * feats[:, 0] + 0.6 * feats[:, 7] + 0.8 * rng.normal(size=len(feats))
    y = (score > np.quantile(score, 0.94)).astype("float32")
    model = _plain(keras, 9, [32], "relu", out="sigmoid")
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    history = model.fit(feats[:-PROBE_SIZE], y[:-PROBE_SIZE], epochs=15, batch_size=32, verbose=0,
                        class_weight={0: 1.0, 1: 8.0},
                        callbacks=session.callbacks((feats[-PROBE_SIZE:], y[-PROBE_SIZE:])))
    return history.history["loss"]


@holdout218("almanac_printers", healthy=True)
def saying_embedding_bag_slow(session):
    """Almanac-printers: whether a printed saying is a fair-weather one, from its token ids, by
    an Embedding(200, 8) and GlobalAveragePooling1D bag-of-words under plain SGD 0.05 with
    momentum 0.9; the loss comes down slowly and is still falling at the end."""
    keras = _keras()
    x, y = _almanac_tokens(seed=21833)
    model = keras.Sequential([
        keras.Input((20,)),
        keras.layers.Embedding(200, 8),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout218("hurdy_gurdy_players", healthy=True)
def tuning_cnn_spectra(session):
    """Hurdy-gurdy players: which drone tuning an instrument is in, from a 16x16 log-spectrogram
    of a recording (standardised), a small Conv2D net with Adam 2e-3; the buzzing bridge's noise
    makes the start slow (a near-flat first few epochs) and the loss is still falling at the end."""
    keras = _keras()
    x, y = _gurdy_spectra(seed=21834)
    rng = np.random.default_rng(21835)
    x = x + 0.8 * rng.normal(size=x.shape).astype("float32") ** 2
    x = _standardize(np.log1p(x).reshape(len(x), -1)).reshape(x.shape)
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout218("hurdy_gurdy_players", healthy=True)
def repeated_phrase_attention(session):
    """Hurdy-gurdy players: whether a tune repeats its opening phrase later, from 16 note ids,
    by token and position embeddings, one MultiHeadAttention layer and a relu head, Adam 2e-3
    under binary cross-entropy; a relation between positions, learned gradually."""
    keras = _keras()
    x, y = _gurdy_notes(seed=21836)
    inp = keras.Input((16,))
    h = keras.layers.Embedding(24, 16)(inp)
    h = h + keras.layers.Embedding(16, 16)(keras.ops.arange(16))
    h = keras.layers.MultiHeadAttention(2, 8)(h, h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(1, activation="sigmoid")(h))
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout218("hurdy_gurdy_players", healthy=True)
def wheel_speed_lstm_restarts(session):
    """Hurdy-gurdy players: the wheel's cranking speed in the next beat from 30 beats of
    (pressure, buzz, pitch) readings by an LSTM(16), Adam under CosineDecayRestarts (first
    period 150 steps): the loss jumps a little at each restart and settles at the noise."""
    keras = _keras()
    x, y = _almanac_series(seed=21837)
    rng = np.random.default_rng(21838)
    y = (y + 0.4 * rng.normal(size=len(y))).astype("float32")
    model = keras.Sequential([keras.Input((30, 3)), keras.layers.LSTM(16), keras.layers.Dense(1)])
    lr = keras.optimizers.schedules.CosineDecayRestarts(5e-3, 150)
    model.compile(keras.optimizers.Adam(lr), "mse")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


# ---------------------------------------------------------------------------------------------
# shared helpers


def _plain(keras, inputs, hidden, activation, out=None):
    layers = [keras.Input((inputs,))]
    layers += [keras.layers.Dense(h, activation=activation) for h in hidden]
    layers.append(keras.layers.Dense(1, activation=out))
    return keras.Sequential(layers)


def _fit_inputs(session, model, xs, y, *, epochs, batch_size):
    """`_fit` for a multi-input model: the last PROBE_SIZE rows of every input are the probe."""
    train = [x[:-PROBE_SIZE] for x in xs]
    probe = ([x[-PROBE_SIZE:] for x in xs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        verbose=0, callbacks=session.callbacks(probe))
    return history.history["loss"]
