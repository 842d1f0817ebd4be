"""The two-hundred-and-ninth held-out catalogue: written by someone who did not read the engine
or run the diagnosis on these runs, and scored once.

Four trades, numpy data from seeds 20901..20937; the last PROBE_SIZE rows are the probe. Glove
stitchers: fit grades from cutting-room measurements, seam-sensor traces, order-slip part codes.
Well diggers: the water seam's direction, daily well levels, buckets per day, depth to water.
Bell founders: casting-flaw photographs, hum spectra beside the casting book, partials, grades.
Pin makers: headless-pin batches, the drawing bench's hourly log, pin-head photographs, slips.

Healthy half (10, nothing to fix): fit grades with an eighth wrong under Nesterov SGD and an
InverseTimeDecay; seam faults by Conv1D under Lion with 15% wrong tickets; an Embedding + max
pooling slip classifier with 10% wrong labels; a seam direction under the CosineSimilarity loss
(floor near -0.85, not -1); an LSTM under MAE and centered RMSprop on heteroscedastic
Student-t surges; a 0.1-quantile pinball loss in a GradientTape loop with AMSGrad on gamma
scatter; a Conv2D flaw net with 10% wrong notes under SGD and ReduceLROnPlateau; a two-input
Conv1D spectrum + Dense book regression with reading scatter; a 3% rare class under plain
binary cross-entropy; a GRU memorising 160 days over 40 epochs (a plateau, then a sudden drop).

Broken half (8, one root cause each; each helper `_name(session, broken)` was trained both ways
with Session(None)): a tanh output under sparse categorical cross-entropy (loss/activation
mismatch, ~1.08 flat vs 0.04); a linear Dense(1) waist typed for Dense(32) in a six-sector
classifier (insufficient capacity, 0.72 creeping slowly vs 0.035; stall step approximate);
np.sqrt of a -1 'no water' sentinel (non-finite values; with shuffle=False the first NaN row is
read in step 15, exact; the recorded epoch loss then sits flat); ExponentialDecay with
decay_steps=1 meant as epochs (learning rate too low, 1.93 flat vs 0.10; step approximate);
Adamax at 2.0, a multiplier typed as the rate, on a GRU (learning rate too high, ~2.2 bouncing
vs 0.04); fourteen sigmoid layers under SGD in a custom loop (vanishing gradients, flat at
ln 3 vs a two-layer twin still falling at 0.94); RandomUniform(0, 1) hidden kernels (poor
initialization, bouncing 8-12 vs 0.59; step approximate); relu feed-forward layers with bias -6
in an attention model (dead relus, 0.693 flat vs 0.0).

Dropped because they did not behave as intended: saturated_activations (BatchNormalization with
gamma_initializer=20 before tanh learned as fast as its twin); exploding_gradients
(RandomNormal(0.6) relu stack under SGD with clipvalue kept falling, 8e5 to 2.4);
unnormalized_inputs (Rescaling(255) for 1/255 on a Conv2D net kept falling, 1200 to 18);
over_regularization (GaussianNoise(8.0): Keras 3 refuses stddev above 1). Two healthy runs were
dropped too: a MultiHeadAttention partials classifier that never left ln 2 (the data hid the
signal too well) and a Conv2D net under plain SGD 0.02 that barely moved (it looked like a
stall). Not written because earlier catalogues hold them: negative conv/dense biases in plain
MLPs and CNNs, raw-unit columns, L2/dropout overdoses, deep sigmoid Conv1D stacks, zero or
constant kernels, log of zero counts, float16 overflow, Poisson/Huber/focal healthy runs, warm-
up cosine schedules.

Labels: expected_causes holds the one root cause; stall_begins is None for a stall from the
first step, else the 0-based optimizer step read off the per-step loss (approximate where
marked).
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, registrar

FAMILIES = ('glove_stitchers', 'well_diggers', 'bell_founders', 'pin_makers')
REGISTRY = []
holdout209 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data


def _ledger(n, dim, seed, noise=0.3):
    """Standardized columns and a smooth non-linear score of them (plus Gaussian noise)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, dim)).astype("float32")
    score = np.sin(1.5 * x[:, 0]) + 0.8 * x[:, 1] * x[:, 2] + 0.5 * x[:, 3] ** 2 - 0.5
    score = score + 0.6 * np.tanh(x[:, 4 % dim] + x[:, 5 % dim])
    y = score + noise * rng.normal(size=n)
    return x, y.astype("float32"), score.astype("float32")


def _classes(score, k, flip, seed):
    """k ordered classes cut from a score at its quantiles, a fraction `flip` re-drawn."""
    rng = np.random.default_rng(seed)
    edges = np.quantile(score, np.linspace(0, 1, k + 1)[1:-1])
    y = np.digitize(score, edges)
    wrong = rng.random(len(y)) < flip
    y[wrong] = rng.integers(0, k, wrong.sum())
    return y.astype("int32")


def _traces(n, steps, seed, classes=3, flip=0.0):
    """Seam-sensor or water-level traces: a class sets the frequency and a bump's position."""
    rng = np.random.default_rng(seed)
    t = np.linspace(0, 1, steps)
    y = rng.integers(0, classes, n)
    freq = 2.0 + 2.0 * y[:, None] + 0.3 * rng.normal(size=(n, 1))
    phase = rng.uniform(0, 2 * np.pi, (n, 1))
    centre = 0.2 + 0.3 * (y[:, None] % 2) + 0.05 * rng.normal(size=(n, 1))
    x = np.sin(2 * np.pi * freq * t + phase) + np.exp(-((t - centre) / 0.05) ** 2)
    x = x + 0.3 * rng.normal(size=(n, steps))
    wrong = rng.random(n) < flip
    y[wrong] = rng.integers(0, classes, wrong.sum())
    return x[..., None].astype("float32"), y.astype("int32")


def _patches(n, seed, flip=0.0):
    """12x12 grey patches with a bar at one of four angles (a casting flaw, a pin's shank)."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, n)
    g = np.arange(12) - 5.5
    yy, xx = np.meshgrid(g, g, indexing="ij")
    x = np.empty((n, 12, 12, 1), "float32")
    for i in range(n):
        a = y[i] * np.pi / 4 + 0.15 * rng.normal()
        off = rng.normal(scale=1.5)
        d = np.abs(np.cos(a) * yy - np.sin(a) * xx - off)
        x[i, ..., 0] = np.exp(-d ** 2) + 0.35 * rng.normal(size=(12, 12))
    wrong = rng.random(n) < flip
    y[wrong] = rng.integers(0, 4, wrong.sum())
    return x, y.astype("int32")


def _tokens(n, length, vocab, seed, flip=0.0):
    """Order slips of part codes: the class is set by which of two marker codes appears."""
    rng = np.random.default_rng(seed)
    x = rng.integers(3, vocab, (n, length))
    y = rng.integers(0, 2, n)
    pos = rng.integers(0, length, n)
    x[np.arange(n), pos] = 1 + y
    wrong = rng.random(n) < flip
    y[wrong] = 1 - y[wrong]
    return x.astype("int32"), y.astype("float32")


# ---------------------------------------------------------------------------------------------
# glove_stitchers: a glove's fit grade from ten cutting-room measurements, seam-sensor traces
# of the stitching machine, and part codes on the order slip.


@holdout209("glove_stitchers", healthy=True)
def fit_grade_inverse_time(session):
    """A glove's fit grade (four classes) from ten cutting-room measurements, an eighth of the
    grades written by a hurried inspector at random; relu MLP under SGD with Nesterov momentum
    and an InverseTimeDecay. The loss levels off well above zero at the inspector's noise."""
    keras = _keras()
    x, _, score = _ledger(N, 10, seed=20901)
    y = _classes(score, 4, 0.125, seed=20902)
    lr = keras.optimizers.schedules.InverseTimeDecay(0.05, decay_steps=150, decay_rate=1.0)
    model = _mlp(keras, 10, [64, 64], 4)
    model.compile(keras.optimizers.SGD(lr, momentum=0.9, nesterov=True),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout209("glove_stitchers", healthy=True)
def seam_trace_lion(session):
    """Which stitching fault a seam-sensor trace (64 readings) shows, three kinds, 15% of the
    fault tickets wrong; Conv1D net trained with Lion at 2e-4 (a Lion-sized rate). Flattens at
    the floor the wrong tickets set."""
    keras = _keras()
    x, y = _traces(N, 64, seed=20903, flip=0.15)
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Lion(2e-4), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout209("glove_stitchers", healthy=True)
def order_slip_embedding(session):
    """Whether an order slip of 12 part codes (vocabulary 60) is a lined or an unlined glove,
    set by one marker code, with 10% of the slips mislabelled; Embedding + global max pooling
    + sigmoid under binary cross-entropy and Adam. Floors near the label noise's entropy."""
    keras = _keras()
    x, y = _tokens(N, 12, 60, seed=20904, flip=0.1)
    model = keras.Sequential([
        keras.Input((12,), dtype="int32"),
        keras.layers.Embedding(60, 16),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _seam_tanh_ce(session, broken):
    keras = _keras()
    x, y = _traces(N, 64, seed=20907)
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="tanh" if broken else "softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout209("glove_stitchers", ["loss_activation_mismatch"])
def tanh_head_fault_kinds(session):
    """Seam-trace fault kind (three classes) by a Conv1D net whose output layer was given
    activation='tanh' (copied from the regression head of the same codebase) under sparse
    categorical cross-entropy, which expects probabilities: negative outputs are clipped to
    epsilon and the loss stays high."""
    return _seam_tanh_ce(session, broken=True)


def _bottleneck(session, broken):
    keras = _keras()
    rng = np.random.default_rng(20908)
    angle = rng.uniform(0, 2 * np.pi, N)
    radius = 1.0 + 0.1 * rng.normal(size=N)
    x = np.stack([radius * np.cos(angle), radius * np.sin(angle)], 1)
    x = np.concatenate([x, 0.3 * rng.normal(size=(N, 4))], 1).astype("float32")
    y = (np.floor(angle / (2 * np.pi) * 6).astype("int32") % 6)
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(64, activation="relu"),
        # Meant to be Dense(32): the width was typed as the number of output heads.
        keras.layers.Dense(1 if broken else 32),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(6, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout209("glove_stitchers", ["insufficient_capacity"], stall_begins=160)  # approximate
def one_unit_waist(session):
    """Which of six thumb-gusset positions (sectors of a circle, two coordinates plus four
    noise columns) a cut belongs to; the MLP has a linear Dense(1) in its middle where
    Dense(32) was meant, so all six sectors must pass through one number and sectors on the
    circle cannot be kept apart by a single linear projection."""
    return _bottleneck(session, broken=True)


# ---------------------------------------------------------------------------------------------
# well_diggers: depth to water from a survey's readings, daily water levels in a dug well, and
# buckets drawn per day.


@holdout209("well_diggers", healthy=True)
def depth_cosine_similarity(session):
    """The direction of the water seam (a unit 3-vector) from eight survey readings, with the
    diviner's scatter of about 30 degrees; linear-headed MLP under the CosineSimilarity loss
    and Adam. The loss settles near -0.85, not -1, because of the scatter."""
    keras = _keras()
    rng = np.random.default_rng(20910)
    x = rng.normal(size=(N, 8)).astype("float32")
    d = np.stack([np.tanh(x[:, 0]), np.sin(x[:, 1]), 0.5 + 0.5 * x[:, 2] * x[:, 3]], 1)
    d = d + 0.45 * rng.normal(size=d.shape)
    d = (d / np.linalg.norm(d, axis=1, keepdims=True)).astype("float32")
    model = _mlp(keras, 8, [64, 64], 3, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.CosineSimilarity())
    return _fit(session, model, x, d, epochs=15, batch_size=32)


@holdout209("well_diggers", healthy=True)
def level_lstm_mae(session):
    """Tomorrow's water level in a dug well from the last 30 daily levels, with pumping
    surges whose noise grows with the level; LSTM under mean absolute error with RMSprop
    (centered). Flattens at the surge noise."""
    keras = _keras()
    rng = np.random.default_rng(20911)
    t = np.arange(31)
    base = rng.uniform(1, 3, (N, 1)) + rng.normal(size=(N, 1)) * 0.3
    series = base + 0.5 * np.sin(2 * np.pi * t / rng.uniform(8, 16, (N, 1)))
    series = series + 0.1 * base * rng.standard_t(3, size=(N, 31))
    x = series[:, :30, None].astype("float32")
    y = series[:, 30].astype("float32")
    model = keras.Sequential([keras.Input((30, 1)), keras.layers.LSTM(24), keras.layers.Dense(1)])
    model.compile(keras.optimizers.RMSprop(2e-3, centered=True), "mae")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout209("well_diggers", healthy=True)
def buckets_custom_quantile(session):
    """The 10th percentile of buckets drawn per day (a guaranteed supply) from six readings,
    with skewed gamma scatter; custom GradientTape loop with a pinball loss at q=0.1 and
    Adam(amsgrad=True). The pinball loss cannot fall to zero on scattered data."""
    import tensorflow as tf

    keras = _keras()
    rng = np.random.default_rng(20912)
    x = rng.normal(size=(N, 6)).astype("float32")
    mean = 20 + 5 * np.tanh(x[:, 0]) + 3 * x[:, 1] * x[:, 2]
    y = (mean + 4 * rng.gamma(2.0, 1.0, N) - 8).astype("float32")[:, None] / 10.0

    def pinball(targets, predictions):
        e = targets - predictions
        return tf.reduce_mean(tf.maximum(0.1 * e, -0.9 * e))

    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3, amsgrad=True), pinball, x, y,
                        epochs=12, batch_size=32, seed=20912)


def _sqrt_depth(session, broken):
    keras = _keras()
    x, y, _ = _ledger(N, 8, seed=20913)
    rng = np.random.default_rng(20914)
    depth = rng.uniform(4, 30, N)
    if broken:
        # The survey book writes -1 where the rope did not reach water.
        depth[[480, 700, 910]] = -1.0
    else:
        depth[[480, 700, 910]] = 30.0
    x = np.concatenate([x, np.sqrt(depth)[:, None] / 3.0 - 1.0], 1).astype("float32")
    model = _mlp(keras, 9, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32, shuffle=False)


# Row 480 is read in step 15 (480 // 32, 0-based) of the first epoch: exact, rows in file order.
@holdout209("well_diggers", ["non_finite_values"], stall_begins=15)
def sentinel_depth_sqrt(session):
    """Depth to water from eight survey readings plus the square root of the rope depth; the
    survey book writes -1 where the rope did not reach water, np.sqrt turns those three rows
    into NaN, and the MLP (fit with shuffle=False) reads the first one in step 15 and trains
    on NaN weights from then on."""
    return _sqrt_depth(session, broken=True)


def _decay_steps(session, broken):
    keras = _keras()
    x, y, _ = _ledger(N, 8, seed=20915)
    # The author meant 'halve every 10 epochs' but decay_steps counts optimizer steps.
    lr = keras.optimizers.schedules.ExponentialDecay(0.05, decay_steps=1 if broken else 320,
                                                     decay_rate=0.5)
    model = _mlp(keras, 8, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.SGD(lr, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout209("well_diggers", ["learning_rate_too_low"], stall_begins=10)  # approximate
def halving_every_step(session):
    """Depth to water from eight survey readings, MLP under SGD with momentum and an
    ExponentialDecay(0.05, decay_steps=1, decay_rate=0.5) meant as 'halve every 10 epochs':
    decay_steps counts optimizer steps, so the rate is below 1e-4 after ten steps and the loss
    freezes near where it stood then."""
    return _decay_steps(session, broken=True)


def _gru_adamax(session, broken):
    keras = _keras()
    x, y = _traces(N, 40, seed=20916)
    model = keras.Sequential([keras.Input((40, 1)), keras.layers.GRU(24),
                              keras.layers.Dense(3, activation="softmax")])
    # A rate of 2.0 from a tuning sheet where it was the *multiplier* on Adamax's 2e-3.
    model.compile(keras.optimizers.Adamax(2.0 if broken else 4e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout209("well_diggers", ["learning_rate_too_high"])
def adamax_multiplier_as_rate(session):
    """The pump's fault kind (three) from 40 daily water levels by a GRU; the tuning sheet's
    '2.0' (a multiplier on the default rate) was typed in as Adamax's learning_rate, so every
    step moves each weight by about 2 and the loss bounces far above chance-level learning."""
    return _gru_adamax(session, broken=True)


# ---------------------------------------------------------------------------------------------
# bell_founders: casting-flaw photographs (12x12), a bell's hum spectrum and the casting book.


@holdout209("bell_founders", healthy=True)
def flaw_cnn_reduce_on_plateau(session):
    """Which way a casting flaw runs in a 12x12 photograph (four angles), a tenth of the
    founder's notes wrong; small Conv2D net under SGD with momentum and ReduceLROnPlateau on
    the training loss. Levels off above zero at the wrong notes."""
    keras = _keras()
    x, y = _patches(768 + PROBE_SIZE, seed=20920, flip=0.1)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    plateau = keras.callbacks.ReduceLROnPlateau("loss", factor=0.5, patience=2, min_lr=1e-4)
    return _fit(session, model, x, y, epochs=15, batch_size=32, callbacks=[plateau])


@holdout209("bell_founders", healthy=True)
def hum_and_book_two_inputs(session):
    """A bell's tuning error in cents from its hum spectrum (48 bins, Conv1D) and five casting
    book numbers (Dense), joined by Concatenate; MSE under Adam. The founder's tuning fork is
    read to within a few cents, so the loss floors at that scatter."""
    keras = _keras()
    rng = np.random.default_rng(20921)
    book = rng.normal(size=(N, 5)).astype("float32")
    peak = rng.uniform(8, 40, N)
    spec = np.exp(-((np.arange(48)[None] - peak[:, None]) / 2.0) ** 2)
    spec = (spec + 0.1 * rng.normal(size=(N, 48)))[..., None].astype("float32")
    y = ((peak - 24) / 8 + 0.5 * book[:, 0] - 0.3 * book[:, 1] * book[:, 2]
         + 0.3 * rng.normal(size=N)).astype("float32")
    s_in, b_in = keras.Input((48, 1)), keras.Input((5,))
    h = keras.layers.Conv1D(16, 5, activation="relu", padding="same")(s_in)
    h = keras.layers.GlobalMaxPooling1D()(h)
    h = keras.layers.Concatenate()([h, keras.layers.Dense(16, activation="relu")(b_in)])
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([s_in, b_in], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    train = slice(0, N - PROBE_SIZE)
    history = model.fit([spec[train], book[train]], y[train], epochs=15, batch_size=32, verbose=0,
                        callbacks=session.callbacks(([spec[train.stop:], book[train.stop:]],
                                                     y[train.stop:])))
    return history.history["loss"]


def _sigmoid_stack(session, broken):
    keras = _keras()
    x, _, score = _ledger(N, 10, seed=20925, noise=0.0)
    y = _classes(score, 3, 0.0, seed=20926)
    depth = 14 if broken else 2
    model = _mlp(keras, 10, [32] * depth, 3, activation="sigmoid")
    return _custom_loop(session, model, keras.optimizers.SGD(0.1, momentum=0.9),
                        keras.losses.SparseCategoricalCrossentropy(), x, y, epochs=12,
                        batch_size=32, seed=20926)


@holdout209("bell_founders", ["vanishing_gradients"])
def fourteen_sigmoid_floors(session):
    """A casting's grade (three) from ten book numbers, in a custom GradientTape loop, with a
    'deeper is better' MLP of fourteen sigmoid layers of 32 under SGD with momentum: each
    sigmoid passes back at most a quarter of the gradient and the first layers never move."""
    return _sigmoid_stack(session, broken=True)




# ---------------------------------------------------------------------------------------------
# pin_makers: pin heads under the glass (12x12), the drawing bench's hourly log, wire batches.


@holdout209("pin_makers", healthy=True)
def rare_headless_pins(session):
    """Whether a wire batch yields headless pins (about 3% of batches) from eight bench
    readings; relu MLP under plain binary cross-entropy and Adam, no class weights. The loss
    falls fast to the rare class's small entropy and then creeps."""
    keras = _keras()
    x, _, score = _ledger(N, 8, seed=20930, noise=0.0)
    rng = np.random.default_rng(20931)
    y = (score + 0.5 * rng.normal(size=N) > np.quantile(score, 0.97)).astype("float32")
    model = _mlp(keras, 8, [32, 32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout209("pin_makers", healthy=True)
def few_benches_gru(session):
    """The drawing bench's fault kind (three) from 30 hourly readings, but only 160 logged
    days; a GRU of 32 under Adam for 40 epochs memorises them, its training loss still
    falling towards zero at the end."""
    keras = _keras()
    x, y = _traces(160 + PROBE_SIZE, 30, seed=20932, flip=0.1)
    model = keras.Sequential([keras.Input((30, 1)), keras.layers.GRU(32),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


def _uniform_init(session, broken):
    keras = _keras()
    x, _, score = _ledger(N, 8, seed=20935, noise=0.0)
    y = _classes(score, 4, 0.0, seed=20936)
    init = keras.initializers.RandomUniform(0.0, 1.0, seed=20935) if broken else "glorot_uniform"
    model = _mlp(keras, 8, [64, 64, 64], 4, kernel_initializer=init)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout209("pin_makers", ["poor_initialization"], stall_begins=96)  # approximate
def uniform_zero_one_kernels(session):
    """A wire batch's grade (four) from eight bench readings by a relu MLP whose hidden kernels
    use RandomUniform(0.0, 1.0), the initializer's documented example range taken as a
    default: all weights positive and large, every unit a near copy of the others, the logits
    enormous and the loss stuck far above the glorot run."""
    return _uniform_init(session, broken=True)


def _dead_ffn(session, broken):
    keras = _keras()
    x, y = _tokens(N, 12, 60, seed=20937)
    bias = keras.initializers.Constant(-6.0 if broken else 0.0)
    inp = keras.Input((12,), dtype="int32")
    h = keras.layers.Embedding(60, 16)(inp)
    h = h + keras.layers.MultiHeadAttention(2, 8)(h, h)
    h = keras.layers.Dense(32, activation="relu", bias_initializer=bias)(h)
    h = keras.layers.GlobalMaxPooling1D()(h)
    h = keras.layers.Dense(16, activation="relu", bias_initializer=bias)(h)
    model = keras.Model(inp, keras.layers.Dense(1, activation="sigmoid")(h))
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout209("pin_makers", ["dead_relus"])
def minus_six_feed_forward(session):
    """Whether a wire order slip (12 part codes) is brass or iron pins, by an Embedding +
    MultiHeadAttention model whose relu feed-forward layers start with bias -6 (a 'sparse
    activations' trick from another project): with embeddings of scale 0.05 no unit ever
    fires, nothing flows back, and the loss stays at ln 2."""
    return _dead_ffn(session, broken=True)
