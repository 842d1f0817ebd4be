"""The two-hundred-and-forty-second held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Every scenario was checked only from its own per-epoch loss (Keras History or the custom loop's
means, with the runner's seed, Session(None)), and every broken one against the same model
trained without its mistake (each helper `_name(session, broken)` trains both). Data are the
file's own numpy generators (seeds 24201..24237); the last PROBE_SIZE rows are the probe.

Healthy half (12). Gunsmiths of Birmingham: a barrel bursting at proof (one in sixteen) with
class_weight 1:8; muzzle velocity under Huber loss with heteroscedastic chronograph scatter in a
hand-written GradientTape loop; rifling swatches by a Conv2D net under SGD with momentum and a
PiecewiseConstantDecay, an eighth of the calls wrong. Ropewalkers of Bridport: a lay fault from a
tension trace by a GRU with ReduceLROnPlateau (a plateau near ln 4 before a sudden drop); yarn
breaks as Poisson counts with an exponential head; a rope grade from a farm Embedding plus six
numeric columns (two inputs), a sixth of the grades wrong. Straw plaiters of Luton: weave scans
by a CNN under warm-up and cosine decay with a tenth of the labels wrong; the 0.9 quantile of
daily yards (gamma scatter) under a pinball loss in a GradientTape loop with RMSprop; 192
records memorised by an MLP 128-128. Thatchers of Norfolk: survey tokens by Embedding and a
MultiHeadAttention block under AdamW with label noise; a roof's life against Student-t noise
under plain SGD (a long slow descent); a ridge's re-laying from weather by a Conv1D net with a
fifth of the inspections wrong.

Broken half (9). A RMSprop rate typed 0.5 for 5e-4 (MLP, flat at 1.44); kernels initialised to
one Constant for every unit (symmetry never broken, MLP); an LSTM under SGD at a fine-tuning
rate of 1e-5; an inf feature from a zero-hours division read in file order (weights turn NaN,
the loss freezes, exact step 13); raw-unit columns (up to 4,000) under an SGD rate small enough
not to blow up (stall from about step 64); six stacked sigmoid Conv2D layers under Adagrad; an
L1(0.05) kernel penalty on a CNN (flat from about step 160); relu MLP biases starting at -4
(dead from the start); a relu SimpleRNN with recurrent gain 1.6 over 40 steps (a huge first
loss, then a high, barely drifting shelf; stall from about step 32, approximate).

Dropped because they did not behave as intended: a tanh MLP with RandomNormal(stddev=4) weights
for saturated_activations (it kept learning, to about twice the fixed loss but still falling); a
one-unit softmax head under binary cross-entropy for loss_activation_mismatch (Keras learned
exactly as with a sigmoid); an Embedding with output_dim=1 for insufficient_capacity (still
falling at the end). So saturated_activations, loss_activation_mismatch and
insufficient_capacity have no scenario here, and the file holds 21, not 24. Ideas left out
because earlier catalogues hold them: NaN features/targets, zero init, softmax on regression
targets, dropout 0.95, single-unit GRUs. Labels: `expected_causes[0]` is the root cause;
`stall_begins` is the optimizer step from which the loss stops improving (None: from the start),
approximate where noted."""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _split, _standardize, registrar

FAMILIES = ('gunsmiths_of_birmingham', 'ropewalkers_of_bridport', 'straw_plaiters_of_luton',
            'thatchers_of_norfolk')
REGISTRY = []
holdout242 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE
G, R, S, T = FAMILIES


# ---------------------------------------------------------------------------------------------
# data


def _barrels(n, seed):
    """Proof-house ledger: bore, wall thickness, steel carbon, charge, twist, temperature."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 6)).astype("float32")
    score = 1.4 * x[:, 1] - 1.1 * x[:, 3] + 0.8 * x[:, 2] * x[:, 0] - 0.6 * np.abs(x[:, 4])
    return x, score


def _tension_traces(n, seed, length=40):
    """Strand tension along the walk: one of four lay faults hidden in a noisy trace."""
    rng = np.random.default_rng(seed)
    t = np.linspace(0, 1, length)
    y = rng.integers(0, 4, n)
    freq = np.array([2.0, 3.5, 5.0, 6.5])[y]
    phase = rng.uniform(0, 2 * np.pi, (n, 1))
    x = np.sin(2 * np.pi * freq[:, None] * t + phase) + 0.6 * rng.normal(size=(n, length))
    return x[..., None].astype("float32"), y


def _plait_images(n, seed, size=12):
    """Plait swatch scans: diagonal, horizontal, vertical or checked weave, noisy."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, n)
    i, j = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
    pats = np.stack([np.sin((i + j) * 1.2), np.sin(i * 1.3), np.sin(j * 1.3),
                     np.sin(i * 1.3) * np.sin(j * 1.3)])
    x = pats[y] + 0.8 * rng.normal(size=(n, size, size))
    return x[..., None].astype("float32"), y


def _reed_tokens(n, seed, length=20, vocab=60):
    """A thatch survey as tokens (reed source, course, ridge kind); the roof type by the mix."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, n)
    tokens = rng.integers(1, vocab, (n, length))
    marker = rng.random((n, length)) < 0.3
    tokens = np.where(marker, 1 + y[:, None] * 3 + rng.integers(0, 3, (n, length)), tokens)
    return tokens.astype("int32"), y


def _flip(y, classes, rate, seed):
    rng = np.random.default_rng(seed)
    flip = rng.random(len(y)) < rate
    return np.where(flip, rng.integers(0, classes, len(y)), y)


def _fit_weighted(session, model, x, y, *, epochs, batch_size, class_weight):
    """_fit with a class_weight (the probe is still the last PROBE_SIZE rows)."""
    (x_train, y_train), probe = _split(x, y)
    history = model.fit(x_train, y_train, epochs=epochs, batch_size=batch_size, verbose=0,
                        class_weight=class_weight, callbacks=session.callbacks(probe))
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# gunsmiths of Birmingham: healthy


@holdout242(G, healthy=True)
def proof_burst_rare(session):
    """A barrel bursting at the proof house (about one in sixteen) from six ledger columns, an MLP
    32-32 under Adam with class_weight 1:8; the burst is partly chance given the columns, so the
    weighted loss flattens well above zero."""
    keras = _keras()
    x, score = _barrels(N, seed=24201)
    rng = np.random.default_rng(24202)
    y = (score + 1.2 * rng.normal(size=N) > 3.1).astype("float32")
    model = _mlp(keras, 6, [32, 32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit_weighted(session, model, x, y, epochs=15, batch_size=32,
                         class_weight={0: 1.0, 1: 8.0})


@holdout242(G, healthy=True)
def muzzle_velocity_tape(session):
    """Muzzle velocity (standardized) from the ledger with chronograph scatter that grows with the
    charge, a hand-written GradientTape loop under Huber loss and Adam; it falls fast then rests
    on the scatter's floor."""
    keras = _keras()
    x, score = _barrels(N, seed=24203)
    rng = np.random.default_rng(24204)
    y = score + (0.4 + 0.5 * np.abs(x[:, 3])) * rng.normal(size=N)
    y = ((y - y.mean()) / y.std()).astype("float32")[:, None]
    model = _mlp(keras, 6, [48, 48], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), keras.losses.Huber(1.0),
                        x, y, epochs=15, batch_size=32, seed=24204)


@holdout242(G, healthy=True)
def bore_scan_steps(session):
    """Bore-scan swatches (four rifling kinds) by a Conv2D 8-16 net under SGD with momentum and a
    PiecewiseConstantDecay (0.05, then 0.01, then 0.002), an eighth of the viewer's calls wrong:
    small steps down at each drop, then the label-noise floor."""
    keras = _keras()
    x, y = _plait_images(N, seed=24205)
    y = _flip(y, 4, 0.125, seed=24206)
    steps = (N - PROBE_SIZE) // 32
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay(
        [5 * steps, 10 * steps], [0.05, 0.01, 0.002])
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


# gunsmiths of Birmingham: broken




def _proof_grade(session, broken):
    keras = _keras()
    x, score = _barrels(N, seed=24208)
    y = np.digitize(score, np.quantile(score, [0.25, 0.5, 0.75]))
    model = _mlp(keras, 6, [64, 64], 4)
    # RMSprop's learning rate typed as 0.5 (meant 5e-4).
    model.compile(keras.optimizers.RMSprop(0.5 if broken else 5e-4),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout242(G, ["learning_rate_too_high"], stall_begins=None)
def proof_grade_rmsprop(session):
    """The proof grade (four quartile bands) from the ledger by an MLP 64-64 under RMSprop at
    0.5 instead of 5e-4: each step throws the weights far, the softmax saturates on a wrong band
    and the loss sits high and jumpy."""
    return _proof_grade(session, True)


def _stock_fit(session, broken):
    keras = _keras()
    x, score = _barrels(N, seed=24209)
    y = ((score - score.mean()) / score.std()).astype("float32")[:, None]
    # Every hidden unit starts equal: a Constant(0.05) kernel initializer copied from a bias line.
    init = keras.initializers.Constant(0.05) if broken else "he_uniform"
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None, kernel_initializer=init)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout242(G, ["poor_initialization"], stall_begins=None)
def stock_fit_constant_init(session):
    """How well a stock fits its barrel, from the ledger, by a relu MLP 64-64 whose kernels are
    all initialised to the same constant: every unit of a layer gets the same gradient, the net
    behaves like one unit per layer, and the loss stalls where a near-linear fit lands."""
    return _stock_fit(session, True)


# ---------------------------------------------------------------------------------------------
# ropewalkers of Bridport: healthy


@holdout242(R, healthy=True)
def lay_fault_gru_plateau_lr(session):
    """The lay fault (four kinds) from a strand-tension trace of 40 readings by a GRU(16) under
    Adam with ReduceLROnPlateau on the training loss; the trace noise leaves some walks
    ambiguous, so it flattens above zero after the rate is cut."""
    keras = _keras()
    x, y = _tension_traces(N, seed=24210)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(16),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    cut = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=2, min_lr=1e-5)
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[cut])


@holdout242(R, healthy=True)
def breaking_strain_poisson(session):
    """Yarn breaks per hundred fathoms (Poisson counts) from six hemp measurements, an MLP with an
    exponential head under keras's Poisson loss (it omits log(y!), so the loss settles at a
    negative-looking floor set by the counts' own randomness)."""
    keras = _keras()
    x, score = _barrels(N, seed=24211)
    rng = np.random.default_rng(24212)
    y = rng.poisson(np.exp(0.5 + 0.35 * np.tanh(score))).astype("float32")[:, None]
    model = _mlp(keras, 6, [32, 32], 1, out_activation="exponential")
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout242(R, healthy=True)
def rope_grade_two_inputs(session):
    """The rope's grade (three) from the hemp's farm (an Embedding of 30 farms) and six numeric
    measurements, a two-input functional model under Adam; a sixth of the grades were written
    down wrong, so it rests on the label-noise floor."""
    keras = _keras()
    x, score = _barrels(N, seed=24213)
    rng = np.random.default_rng(24214)
    farm = rng.integers(0, 30, N).astype("int32")
    farm_effect = rng.normal(size=30)
    total = score + farm_effect[farm]
    y = _flip(np.digitize(total, np.quantile(total, [0.33, 0.67])), 3, 0.17, seed=24215)
    farm_in = keras.Input((1,), dtype="int32")
    num_in = keras.Input((6,))
    e = keras.layers.Flatten()(keras.layers.Embedding(30, 4)(farm_in))
    h = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([e, num_in]))
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([farm_in, num_in], keras.layers.Dense(3, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    (f_train, x_train, y_train) = farm[:-PROBE_SIZE], x[:-PROBE_SIZE], y[:-PROBE_SIZE]
    probe = ([farm[-PROBE_SIZE:], x[-PROBE_SIZE:]], y[-PROBE_SIZE:])
    history = model.fit([f_train, x_train], y_train, epochs=12, batch_size=32, verbose=0,
                        callbacks=session.callbacks(probe))
    return history.history["loss"]


# ropewalkers of Bridport: broken


def _twist_count(session, broken):
    keras = _keras()
    x, y = _tension_traces(N, seed=24216)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(16),
                              keras.layers.Dense(4, activation="softmax")])
    # SGD at 1e-5: the value from a fine-tuning note, kept for a fresh model.
    model.compile(keras.optimizers.SGD(1e-5 if broken else 0.1, momentum=0.9),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout242(R, ["learning_rate_too_low"], stall_begins=None)
def lay_fault_lstm_slow(session):
    """The lay fault from the tension trace by an LSTM(16) under SGD with momentum at 1e-5, a
    fine-tuning rate kept for a fresh model: the loss hardly leaves ln 4."""
    return _twist_count(session, True)




FOUL_ROW = 416


def _tar_rate(session, broken):
    keras = _keras()
    x, score = _barrels(N, seed=24218)
    rng = np.random.default_rng(24219)
    hours = rng.uniform(2, 10, N)
    if broken:
        hours[FOUL_ROW] = 0.0  # a walk logged with no hours: tar per hour is inf
    tar = rng.uniform(5, 15, N) / hours
    x = np.column_stack([x, (tar - 2.0) / 1.0]).astype("float32")
    y = ((score - score.mean()) / score.std()).astype("float32")[:, None]
    model = _mlp(keras, 7, [32, 32], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32, shuffle=False)


@holdout242(R, ["non_finite_values"], stall_begins=FOUL_ROW // 32)
def tar_per_hour_inf(session):
    """A rope's strength from six hemp columns and its tar per hour, read in walk order; one walk
    was logged with zero hours, so its tar rate is inf; from that batch the first layer's weights
    are NaN, relu turns them to zeros, and the loss freezes at the target's variance."""
    return _tar_rate(session, True)


# ---------------------------------------------------------------------------------------------
# straw plaiters of Luton: healthy


@holdout242(S, healthy=True)
def weave_warmup_cosine(session):
    """The weave (four kinds) on 12x12 plait scans by a Conv2D 8-16 net under Adam with a linear
    warm-up and cosine decay, a tenth of the calls wrong: a slow start, a fast fall, a gentle
    landing on the label-noise floor."""
    keras = _keras()
    x, y = _plait_images(N, seed=24220)
    y = _flip(y, 4, 0.1, seed=24221)
    steps = (N - PROBE_SIZE) // 32 * 12
    schedule = keras.optimizers.schedules.CosineDecay(
        1e-4, steps, warmup_target=3e-3, warmup_steps=steps // 6)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout242(S, healthy=True)
def plait_length_quantile(session):
    """The 0.9 quantile of a plaiter's daily yards from six cottage columns (gamma scatter growing
    with the rate) under the pinball loss in a hand-written GradientTape loop with RMSprop: flat
    far above zero, as a quantile loss is."""
    import tensorflow as tf

    keras = _keras()
    x, score = _barrels(N, seed=24222)
    rng = np.random.default_rng(24223)
    rate = np.exp(0.3 * np.tanh(score))
    y = (rate * rng.gamma(2.0, 0.5, N)).astype("float32")[:, None]

    def pinball(yt, yp):
        e = yt - yp
        return tf.reduce_mean(tf.maximum(0.9 * e, -0.1 * e))

    model = _mlp(keras, 6, [32, 32], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.RMSprop(1e-3), pinball, x, y,
                        epochs=15, batch_size=32, seed=24223, loss_description="pinball_0.9")


@holdout242(S, healthy=True)
def small_workroom_memorised(session):
    """Only 192 plaiters' records (plus the probe): the grade (three) by an MLP 128-128 under Adam
    over 40 epochs, a tenth of the grades wrong; it memorises the small file and the loss keeps
    sinking slowly."""
    keras = _keras()
    x, score = _barrels(192 + PROBE_SIZE, seed=24224)
    y = _flip(np.digitize(score, np.quantile(score, [0.33, 0.67])), 3, 0.1, seed=24225)
    model = _mlp(keras, 6, [128, 128], 3)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


# straw plaiters of Luton: broken


def _plait_rate(session, broken):
    keras = _keras()
    rng = np.random.default_rng(24226)
    hours = rng.uniform(20, 70, N)          # hours a week
    straw = rng.uniform(500, 4000, N)       # straws bought, in count
    age = rng.uniform(8, 60, N)
    wage = rng.uniform(50, 300, N)          # pence
    x = np.column_stack([hours, straw, age, wage])
    z = _standardize(x)
    y = np.sin(2 * z[:, 0]) + z[:, 1] * z[:, 2] + 0.3 * rng.normal(size=N)
    y = ((y - y.mean()) / y.std()).astype("float32")[:, None]
    x = x.astype("float32") if broken else z
    model = _mlp(keras, 4, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.SGD(1e-6 if broken else 0.02, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout242(S, ["unnormalized_inputs"], stall_begins=64)
def yards_raw_units(session):
    """Yards of plait a week from hours, straws bought, age and wage in their raw units (up to
    4,000) by an MLP 64-64 under SGD; the only rate that does not blow up on the straw column is
    1e-6, at which the small columns never move, so the loss stays near the variance."""
    return _plait_rate(session, True)


def _weave_deep(session, broken):
    keras = _keras()
    x, y = _plait_images(N, seed=24227)
    act = "sigmoid" if broken else "relu"
    layers = [keras.Input(x.shape[1:])]
    for _ in range(6):
        layers.append(keras.layers.Conv2D(8, 3, activation=act, padding="same"))
    layers += [keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(4, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.Adagrad(0.05), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout242(S, ["vanishing_gradients"], stall_begins=None)
def weave_sigmoid_stack(session):
    """The weave on plait scans by six stacked sigmoid Conv2D layers under Adagrad, a net written
    before relu was the default: the slope shrinks at each layer, the early filters never learn,
    and the loss sits at ln 4."""
    return _weave_deep(session, True)


def _bonnet_grade(session, broken):
    keras = _keras()
    x, y = _plait_images(N, seed=24228)
    reg = keras.regularizers.L1(0.05 if broken else 1e-5)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same", kernel_regularizer=reg),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", kernel_regularizer=reg),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax", kernel_regularizer=reg),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout242(S, ["over_regularization"], stall_begins=160)
def weave_l1_heavy(session):
    """The weave on plait scans by a Conv2D 8-16 net with an L1(0.05) kernel penalty on every
    layer (5e-5 was meant): the penalty pins the kernels at zero and the loss stays near ln 4."""
    return _bonnet_grade(session, True)


# ---------------------------------------------------------------------------------------------
# thatchers of Norfolk: healthy


@holdout242(T, healthy=True)
def roof_kind_attention(session):
    """The roof kind (four) from a 20-token survey by an Embedding, a MultiHeadAttention block and
    pooling under AdamW, an eighth of the surveys misfiled: it settles on the noise floor."""
    keras = _keras()
    x, y = _reed_tokens(N, seed=24229)
    y = _flip(y, 4, 0.125, seed=24230)
    inp = keras.Input((20,), dtype="int32")
    e = keras.layers.Embedding(60, 16)(inp)
    a = keras.layers.MultiHeadAttention(2, 8)(e, e)
    h = keras.layers.GlobalAveragePooling1D()(keras.layers.Add()([e, a]))
    model = keras.Model(inp, keras.layers.Dense(4, activation="softmax")(h))
    model.compile(keras.optimizers.AdamW(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout242(T, healthy=True)
def roof_life_slow_sgd(session):
    """A roof's life in years (standardized) from six reed columns, heavy-tailed (Student-t, 3
    dof) estimates, an MLP 32-32 under plain SGD at 0.01: a long slow descent still easing at
    the end, far above zero."""
    keras = _keras()
    x, score = _barrels(N, seed=24231)
    rng = np.random.default_rng(24232)
    y = score + 0.8 * rng.standard_t(3, N)
    y = ((y - y.mean()) / y.std()).astype("float32")[:, None]
    model = _mlp(keras, 6, [32, 32], 1, out_activation=None)
    model.compile(keras.optimizers.SGD(0.01), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout242(T, healthy=True)
def ridge_weather_conv1d(session):
    """Whether a ridge needs re-laying from 40 weeks of weather (a noisy trace) by a Conv1D net
    under Adam, a fifth of the inspections wrong: it levels near the noise's entropy."""
    keras = _keras()
    x, y = _tension_traces(N, seed=24233)
    y = _flip((y % 2), 2, 0.2, seed=24234).astype("float32")
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# thatchers of Norfolk: broken




def _reed_bundle(session, broken):
    keras = _keras()
    x, score = _barrels(N, seed=24236)
    y = ((score - score.mean()) / score.std()).astype("float32")[:, None]
    bias = keras.initializers.Constant(-4.0) if broken else "zeros"
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None, bias_initializer=bias)
    model.compile(keras.optimizers.Nadam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout242(T, ["dead_relus"], stall_begins=None)
def reed_bundle_negative_bias(session):
    """A reed bundle's quality from six columns by a relu MLP 64-64 whose biases start at -4 (a
    sparse-coding recipe's init): standardized inputs never lift a unit above zero, so no unit
    fires, no gradient flows, and the loss stays at the target's variance."""
    return _reed_bundle(session, True)


def _pitch_rnn(session, broken):
    keras = _keras()
    x, y = _tension_traces(N, seed=24237)
    y = (y.astype("float32") - 1.5)[:, None]
    rec = keras.initializers.Orthogonal(gain=1.6 if broken else 1.0, seed=24237)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.SimpleRNN(32, activation="relu", recurrent_initializer=rec),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(1e-3, clipvalue=None if not broken else 1.0), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout242(T, ["exploding_gradients"], stall_begins=32)
def roof_pitch_relu_rnn(session):
    """The roof pitch band from 40 weeks of weather by a relu SimpleRNN(32) whose recurrent matrix
    was initialised orthogonal with gain 1.6: the state grows at each of 40 steps, gradients are
    huge, the clipped Adam steps thrash and the loss stays high without turning NaN."""
    return _pitch_rnn(session, True)
