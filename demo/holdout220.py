"""The two-hundred-and-twentieth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades along old English waters supply the stories. The lock keepers of the Severn log lock
filling times and the Gloucester gauge; the tanners of Bermondsey grade hides; the slate riveters
classify slate patches and the ring of a tapped slate; the fishwives price and count their catch.
All data are synthetic (numpy, seeds 22001-22055); the last PROBE_SIZE rows are the probe.

Healthy half (twelve runs, correct models trained correctly, flattening above zero): a lock
fill-time regression with noise proportional to the fill time; a GRU gauge forecaster under
ReduceLROnPlateau; a hand-written GradientTape loop with a Huber loss on Student-t noise; hide
grading with 20% random grades; a rare (about 5%) damage class trained with class_weight; a
two-input model with a supplier embedding under warm-up then cosine decay; a small Conv2D slate
classifier with 15% label noise under PiecewiseConstantDecay; a tiny data set (96 rows) that a
wide MLP memorizes slowly; a Conv1D tap-ring classifier with step decay; Poisson counts with an
exponential output; a 90th-percentile pinball loss in a custom loop; and a MultiHeadAttention
model over a morning's lots with unexplained noise.

Broken half (eleven runs, one per cause, each compared with the same code without the mistake):
Adam at 3.0 instead of 1e-3 (flat at chance); raw millimetre and litre columns fed to an MLP
(levels near 700 against 0.02); a sigmoid head copied onto a regression of days (pinned at
(40 - 1)^2); L2(1.0) on every layer (class prior); zero kernels in a two-input model (class
prior); conv biases at -3 on grey images (dead filters); eight stacked sigmoid Conv1D layers
(log 2, the relu stack learns); a single-filter conv net (prior, 16 filters learn); Adam at 1e-7;
sigmoid hidden biases at +6 with SGD (bouncing above log 2, unbiased reaches 0.28); and two
unsold lots booked at price 0 whose log is -inf (NaN from their batch on, read in ledger order).

Dropped: an exploding-gradients run (a relu SimpleRNN whose recurrent kernel was initialized
RandomNormal(0.5), then 0.3, SGD with momentum, no clipping) went to NaN in its first epoch both
times instead of training with growing gradients, so it is not in the catalogue; the lock
keepers have five runs. Two first tries were changed: Adam at 0.5 still learnt (now 3.0), and
raw inputs with SGD went to NaN at once (now Adam).

Labels: `expected_causes[0]` is the root cause the run was built around, alone. `stall_begins`
is the 0-based optimizer step (24 steps per epoch) from which the broken loss stops improving,
None where it never improves; the ones read off epoch losses (Adam 3.0, raw columns, L2(1.0), the
one-filter net) are approximate and marked so; the NaN run's step is exact (the batch holding
row 200).
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ("lock_keepers_of_the_severn", "tanners_of_bermondsey", "slate_riveters", "fishwives")

REGISTRY = []
holdout220 = registrar(REGISTRY)

N = 768 + PROBE_SIZE
BATCH = 32


# ---------------------------------------------------------------------------------------------
# data


def _lock_cycles(n, seed):
    """A lock keeper's log: head (m), chamber length (m), paddle opening, river flow, tide."""
    rng = np.random.default_rng(seed)
    head = rng.uniform(0.5, 6.0, n)
    length = rng.uniform(20.0, 60.0, n)
    paddle = rng.uniform(0.2, 1.0, n)
    flow = rng.lognormal(3.0, 0.5, n)
    tide = np.sin(rng.uniform(0, 2 * np.pi, n))
    x = np.stack([head, length, paddle, flow, tide], axis=1).astype("float32")
    minutes = 2.0 * np.sqrt(head) * length / 20.0 / paddle + 0.3 * tide * head
    return x, minutes


def _tide_windows(n, seed, length=24):
    """Windows of a river gauge at Gloucester: two tidal harmonics, a freshet, gauge noise."""
    rng = np.random.default_rng(seed)
    t = np.arange(length + 1)[None, :] + rng.uniform(0, 500, (n, 1))
    amp = rng.uniform(0.5, 1.5, (n, 1))
    level = amp * np.sin(2 * np.pi * t / 12.4) + 0.3 * np.sin(2 * np.pi * t / 6.2)
    level += rng.uniform(-0.5, 0.5, (n, 1)) + 0.1 * rng.normal(size=level.shape)
    x = level[:, :length, None].astype("float32")
    return x, level[:, length].astype("float32")


def _hides(n, seed, classes=4):
    """A tannery's hides: thickness, fat, scars, days in the pit... -> grade."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 8)).astype("float32")
    score = (x[:, 0] * x[:, 1] + np.sin(2 * x[:, 2]) + 0.8 * x[:, 3] - 0.5 * x[:, 4] ** 2
             + 0.4 * x[:, 5] * x[:, 6])
    edges = np.quantile(score, np.linspace(0, 1, classes + 1)[1:-1])
    return x, np.digitize(score, edges).astype("int32")


def _slates(n, seed, size=16):
    """Grey 16x16 slate patches: sound, cracked along a line, holed by a rivet, or delaminated."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, n).astype("int32")
    img = 0.5 + 0.1 * rng.normal(size=(n, size, size))
    rr, cc = np.mgrid[0:size, 0:size]
    for i in range(n):
        if y[i] == 1:
            a, b = rng.uniform(-1, 1), rng.uniform(2, size - 2)
            img[i][np.abs(rr - (a * cc + b)) < 0.8] -= 0.4
        elif y[i] == 2:
            r0, c0 = rng.integers(3, size - 3, 2)
            img[i][(rr - r0) ** 2 + (cc - c0) ** 2 < 5] += 0.4
        elif y[i] == 3:
            r0 = rng.integers(2, size - 6)
            img[i][r0:r0 + 4] += 0.25 * np.sign(rng.normal())
    return img[..., None].astype("float32"), y


def _tap_sounds(n, seed, length=64):
    """The ring of a riveter's hammer on a slate: sound slates ring, cracked ones buzz and die."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n).astype("int32")
    t = np.arange(length)[None, :] / length
    f = rng.uniform(6, 10, (n, 1))
    decay = np.where(y[:, None] == 1, 6.0, 1.5)
    buzz = np.where(y[:, None] == 1, 0.5 * np.sin(2 * np.pi * 23 * t), 0.0)
    sig = np.exp(-decay * t) * (np.sin(2 * np.pi * f * t) + buzz)
    sig += 0.3 * rng.normal(size=sig.shape)
    return sig[..., None].astype("float32"), y


def _catch(n, seed):
    """A Billingsgate fishwife's day: boat, weight, freshness, weather, hour -> price per stone."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 6)).astype("float32")
    price = 3.0 + 1.2 * x[:, 0] - 0.8 * np.tanh(x[:, 1]) + 0.5 * x[:, 2] * x[:, 3]
    price += 0.6 * np.sin(x[:, 4])
    return x, price.astype("float32")


def _split_inputs(xs, y):
    return ([a[:-PROBE_SIZE] for a in xs], y[:-PROBE_SIZE]), ([a[-PROBE_SIZE:] for a in xs],
                                                             y[-PROBE_SIZE:])


def _fit_inputs(session, model, xs, y, *, epochs, batch_size, callbacks=()):
    """`_fit` for a multi-input model: the last PROBE_SIZE rows of every input are the probe."""
    (x_train, y_train), probe = _split_inputs(xs, y)
    history = model.fit(x_train, y_train, epochs=epochs, batch_size=batch_size, verbose=0,
                        callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# broken helpers (each trains the broken or the fixed version)


def _lock_sluice_adam(session, broken):
    keras = _keras()
    x, minutes = _lock_cycles(N, seed=22001)
    y = (minutes > np.median(minutes)).astype("float32")
    model = _mlp(keras, 5, [64, 64], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(3.0 if broken else 1e-3), "binary_crossentropy")
    return _fit(session, model, _standardize(x), y, epochs=12, batch_size=BATCH)


def _lock_raw_gauges(session, broken):
    keras = _keras()
    x, minutes = _lock_cycles(N, seed=22002)
    x = x * np.array([1000.0, 1000.0, 100.0, 1000.0, 1.0], dtype="float32")
    x = x if broken else _standardize(x)
    y = _standardize(minutes[:, None])
    model = _mlp(keras, 5, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


def _tan_pit_days(session, broken):
    keras = _keras()
    x, _ = _hides(N, seed=22004)
    days = (40 + 12 * x[:, 3] + 5 * np.tanh(x[:, 0] * x[:, 1])).astype("float32")[:, None]
    model = _mlp(keras, 8, [64, 64], 1, out_activation="sigmoid" if broken else None)
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, days, epochs=12, batch_size=BATCH)


def _tan_grade_l2(session, broken):
    keras = _keras()
    x, y = _hides(N, seed=22005)
    reg = keras.regularizers.L2(1.0 if broken else 1e-4)
    model = _mlp(keras, 8, [64, 64], 4, kernel_regularizer=reg)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


def _tan_supplier_zeros(session, broken):
    keras = _keras()
    x, y = _hides(N, seed=22006)
    supplier = np.random.default_rng(22006).integers(0, 20, N).astype("int32")
    init = "zeros" if broken else "glorot_uniform"
    numeric = keras.Input((8,))
    ident = keras.Input((1,), dtype="int32")
    emb = keras.layers.Flatten()(keras.layers.Embedding(20, 4)(ident))
    h = keras.layers.Concatenate()([numeric, emb])
    h = keras.layers.Dense(64, activation="relu", kernel_initializer=init)(h)
    h = keras.layers.Dense(64, activation="relu", kernel_initializer=init)(h)
    out = keras.layers.Dense(4, activation="softmax", kernel_initializer=init)(h)
    model = keras.Model([numeric, ident], out)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit_inputs(session, model, [x, supplier[:, None]], y, epochs=12, batch_size=BATCH)


def _slate_dead_filters(session, broken):
    keras = _keras()
    x, y = _slates(N, seed=22007)
    bias = keras.initializers.Constant(-3.0 if broken else 0.0)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(12, 3, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=BATCH)


def _slate_deep_sigmoid(session, broken):
    keras = _keras()
    x, y = _tap_sounds(N, seed=22008)
    act = "sigmoid" if broken else "relu"
    layers = [keras.Input(x.shape[1:])]
    layers += [keras.layers.Conv1D(16, 5, activation=act, padding="same") for _ in range(8)]
    layers += [keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(1, activation="sigmoid")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "binary_crossentropy")
    return _fit(session, model, x, y.astype("float32"), epochs=12, batch_size=BATCH)


def _slate_one_filter(session, broken):
    keras = _keras()
    x, y = _slates(N, seed=22009)
    width = 1 if broken else 16
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(width, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


def _fish_tiny_lr(session, broken):
    keras = _keras()
    x, price = _catch(N, seed=22010)
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-7 if broken else 1e-3), "mse")
    return _fit(session, model, x, price[:, None], epochs=12, batch_size=BATCH)


def _fish_saturated(session, broken):
    keras = _keras()
    x, price = _catch(N, seed=22011)
    y = (price > np.median(price)).astype("float32")
    bias = keras.initializers.Constant(6.0 if broken else 0.0)
    model = _mlp(keras, 6, [64, 64, 64], 1, activation="sigmoid", out_activation="sigmoid",
                 bias_initializer=bias)
    model.compile(keras.optimizers.SGD(0.1, momentum=0.9), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


BAD_PRICE_ROW = 200  # in file order: the first unsold lot, logged at price 0


def _fish_log_price(session, broken):
    keras = _keras()
    x, price = _catch(N, seed=22012)
    price = np.abs(price) + 0.5
    if broken:
        price[BAD_PRICE_ROW:BAD_PRICE_ROW + 2] = 0.0
    y = np.log(price)[:, None].astype("float32")
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=BATCH, shuffle=False)


# ---------------------------------------------------------------------------------------------
# lock keepers of the Severn


@holdout220("lock_keepers_of_the_severn", healthy=True)
def fill_time_by_head(session):
    """Regression of a lock's filling time (minutes) from head, chamber length, paddle opening,
    river flow and tide, 2x64 relu MLP, Adam 2e-3, MSE on standardized targets. The keepers'
    stopwatch readings are noisy in proportion to the fill time (a long fill is timed more
    loosely), so the loss flattens at the heteroscedastic noise floor, well above zero."""
    keras = _keras()
    x, minutes = _lock_cycles(N, seed=22020)
    noise = np.random.default_rng(22021).normal(size=N) * 0.35 * minutes
    y = _standardize((minutes + noise)[:, None])
    model = _mlp(keras, 5, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, _standardize(x), y, epochs=15, batch_size=BATCH)


@holdout220("lock_keepers_of_the_severn", healthy=True)
def gauge_gru_reduce_on_plateau(session):
    """Forecasting the next hourly reading of the Gloucester gauge from the last 24 with a GRU(24),
    Adam 3e-3, MSE, and ReduceLROnPlateau (factor 0.5, patience 2) on the training loss. The
    gauge's own noise and an unpredictable freshet offset leave a floor; the rate is halved as
    the loss levels, producing small late steps down."""
    keras = _keras()
    x, y = _tide_windows(N, seed=22022)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    reduce = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=2, min_lr=1e-5)
    return _fit(session, model, x, y[:, None], epochs=12, batch_size=BATCH, callbacks=[reduce])


@holdout220("lock_keepers_of_the_severn", healthy=True)
def huber_custom_loop_heavy_tails(session):
    """A hand-written GradientTape loop fitting the water lost per lock cycle (standardized) with
    a Huber loss (delta 1.0), 2x48 relu MLP, Adam 2e-3. Leaky gates and the odd misread gauge give
    Student-t (3 degrees of freedom) errors: Huber ignores the outliers' pull, and the loss
    settles at the heavy-tailed noise's level."""
    keras = _keras()
    x, minutes = _lock_cycles(N, seed=22023)
    rng = np.random.default_rng(22024)
    y = _standardize((np.log(minutes) + 0.25 * rng.standard_t(3, N))[:, None])
    model = _mlp(keras, 5, [48, 48], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), keras.losses.Huber(1.0),
                        _standardize(x), y, epochs=12, batch_size=BATCH, seed=22025)


# stall_begins approximate
@holdout220("lock_keepers_of_the_severn", ["learning_rate_too_high"], stall_begins=72)
def sluice_adam_half(session):
    """Classifying slow lock cycles (above the median fill time) from standardized gauges, 2x64
    relu MLP, sigmoid output, binary cross-entropy, Adam at 3.0: the keeper typed 3.0 where the
    tutorial had 1e-3. The first steps blow the weights apart and, after two epochs of huge
    losses, the loss sits at chance level (about 0.5) for the rest of the run; at 1e-3
    the same model separates the classes easily."""
    return _lock_sluice_adam(session, broken=True)


@holdout220("lock_keepers_of_the_severn", ["unnormalized_inputs"], stall_begins=192)  # approximate
def raw_gauge_millimetres(session):
    """Fill-time regression (standardized target) from the logbook's raw columns: head and
    chamber in millimetres, paddle in percent, flow in litres per second, tide as is; 2x64 relu
    MLP, Adam 1e-3, MSE. The inputs are in the thousands, so the first predictions are in the
    thousands too; the loss falls from 1e6 and levels off near 700, far above the 0.02 reached.
    Standardizing the columns fixes it."""
    return _lock_raw_gauges(session, broken=True)


# ---------------------------------------------------------------------------------------------
# tanners of Bermondsey


@holdout220("tanners_of_bermondsey", healthy=True)
def hide_grade_label_noise(session):
    """Grading hides into four grades from eight measurements, 2x64 relu MLP, Adam 2e-3, sparse
    categorical cross-entropy. Two graders disagree: one hide in five carries a random grade, so
    the cross-entropy flattens far above zero while the model has learnt the rule."""
    keras = _keras()
    x, y = _hides(N, seed=22030)
    rng = np.random.default_rng(22031)
    flip = rng.random(N) < 0.2
    y = np.where(flip, rng.integers(0, 4, N), y).astype("int32")
    model = _mlp(keras, 8, [64, 64], 4)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout220("tanners_of_bermondsey", healthy=True)
def rare_grub_damage_weighted(session):
    """Spotting warble-fly damage, present on about 5% of hides, 2x32 relu MLP, sigmoid output,
    binary cross-entropy with class_weight {0: 1, 1: 8}, Adam 1e-3. The weighted loss starts
    high and comes down slowly and unevenly; the damage is only partly visible in the
    measurements, so it stays well above zero."""
    keras = _keras()
    x, _ = _hides(N, seed=22032)
    rng = np.random.default_rng(22033)
    logit = -3.6 + 1.5 * x[:, 2] + 0.8 * x[:, 0] * x[:, 5]
    y = (rng.random(N) < 1 / (1 + np.exp(-logit))).astype("float32")
    model = _mlp(keras, 8, [32, 32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_weighted(session, model, x, y)


def _fit_weighted(session, model, x, y):
    (x_train, y_train), probe = (x[:-PROBE_SIZE], y[:-PROBE_SIZE]), (x[-PROBE_SIZE:],
                                                                     y[-PROBE_SIZE:])
    history = model.fit(x_train, y_train, epochs=15, batch_size=BATCH, verbose=0,
                        class_weight={0: 1.0, 1: 8.0}, callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout220("tanners_of_bermondsey", healthy=True)
def supplier_embedding_warmup_cosine(session):
    """Grading hides from eight measurements plus the supplying knacker (one of 20, embedded in 4
    dimensions), a two-input functional model, 2x64 relu, Adam with a 48-step linear warm-up to
    3e-3 then cosine decay to zero over the run. Some suppliers' hides are graded a notch
    differently; 10% of grades are noisy, so the loss levels off above zero as the rate decays."""
    keras = _keras()
    x, y = _hides(N, seed=22034)
    rng = np.random.default_rng(22035)
    supplier = rng.integers(0, 20, N).astype("int32")
    y = np.where(supplier % 5 == 0, np.minimum(y + 1, 3), y)
    y = np.where(rng.random(N) < 0.1, rng.integers(0, 4, N), y).astype("int32")
    numeric = keras.Input((8,))
    ident = keras.Input((1,), dtype="int32")
    emb = keras.layers.Flatten()(keras.layers.Embedding(20, 4)(ident))
    h = keras.layers.Concatenate()([numeric, emb])
    h = keras.layers.Dense(64, activation="relu")(h)
    h = keras.layers.Dense(64, activation="relu")(h)
    out = keras.layers.Dense(4, activation="softmax")(h)
    model = keras.Model([numeric, ident], out)
    steps = 14 * (N - PROBE_SIZE) // BATCH
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, steps - 48, warmup_target=3e-3, warmup_steps=48)
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit_inputs(session, model, [x, supplier[:, None]], y, epochs=14, batch_size=BATCH)


@holdout220("tanners_of_bermondsey", ["loss_activation_mismatch"], stall_begins=None)
def sigmoid_head_for_pit_days(session):
    """Predicting days in the tan pit (about 40, raw days) with a 2x64 relu MLP whose output layer
    kept the sigmoid of the grading model it was copied from; MSE, Adam 3e-3. The output can never
    exceed 1, so the loss sits near (40 - 1)^2 from the first epoch; a linear output learns it."""
    return _tan_pit_days(session, broken=True)


@holdout220("tanners_of_bermondsey", ["over_regularization"], stall_begins=192)  # approximate
def grade_l2_one(session):
    """Hide grading, 2x64 relu MLP with kernel_regularizer L2(1.0) on every layer (the tanner read
    '1.0' as 'a normal amount'), Adam 2e-3. The penalty pins the weights at zero and the model
    predicts the class frequencies: the loss flattens at about log 4 plus a small penalty. With
    L2(1e-4) the same model learns the grades."""
    return _tan_grade_l2(session, broken=True)


@holdout220("tanners_of_bermondsey", ["poor_initialization"], stall_begins=None)
def zero_kernels_two_input(session):
    """Two-input grader (measurements plus embedded supplier), 2x64 relu with
    kernel_initializer='zeros' on every Dense layer (set to make runs 'reproducible'). Every
    hidden unit outputs 0 and receives a zero gradient; only the output bias moves, so the loss
    stops at the class prior's entropy within a few steps."""
    return _tan_supplier_zeros(session, broken=True)


# ---------------------------------------------------------------------------------------------
# slate riveters


@holdout220("slate_riveters", healthy=True)
def slate_defects_piecewise(session):
    """A Conv2D(12)-pool-Conv2D(16)-global-average-pool net classifying 16x16 slate patches as
    sound, cracked, rivet-holed or delaminated, Adam with PiecewiseConstantDecay (3e-3, then 1e-3
    after epoch 5, then 3e-4 after epoch 9). The riveters' labels are wrong on about 15% of
    patches, so the loss steps down at each boundary and flattens well above zero."""
    keras = _keras()
    x, y = _slates(N, seed=22040)
    rng = np.random.default_rng(22041)
    y = np.where(rng.random(N) < 0.15, rng.integers(0, 4, N), y).astype("int32")
    per_epoch = (N - PROBE_SIZE) // BATCH
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay(
        [5 * per_epoch, 9 * per_epoch], [3e-3, 1e-3, 3e-4])
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(12, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


@holdout220("slate_riveters", healthy=True)
def small_batch_of_slates_overfits(session):
    """Only 96 graded slates from one quarry (plus the probe): a 2x128 relu MLP, Adam 1e-3, batch
    16, 40 epochs, predicting a slate's breaking load from eight measurements with noisy loads.
    The training loss keeps falling towards memorization, slowly at the end; nothing is wrong,
    there is simply too little data."""
    keras = _keras()
    n = 96 + PROBE_SIZE
    rng = np.random.default_rng(22042)
    x = rng.normal(size=(n, 8)).astype("float32")
    load = x[:, 0] - 0.5 * x[:, 1] * x[:, 2] + np.sin(x[:, 3]) + 0.5 * rng.normal(size=n)
    model = _mlp(keras, 8, [128, 128], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, load[:, None].astype("float32"), epochs=40, batch_size=16)


@holdout220("slate_riveters", healthy=True)
def tap_ring_conv1d_step_decay(session):
    """Telling cracked from sound slates by the ring of a tap (64 noisy samples), Conv1D(16, 7)-
    pool-Conv1D(16, 5)-global-pool, sigmoid output, binary cross-entropy, SGD 0.05 momentum 0.9
    with the rate divided by 4 every 5 epochs (LearningRateScheduler). Heavy recording noise
    leaves a floor; the loss drops, steps down at the decays and levels."""
    keras = _keras()
    x, y = _tap_sounds(N, seed=22043)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 7, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "binary_crossentropy")
    decay = keras.callbacks.LearningRateScheduler(lambda epoch: 0.05 * 0.25 ** (epoch // 5))
    return _fit(session, model, x, y.astype("float32"), epochs=14, batch_size=BATCH,
                callbacks=[decay])


@holdout220("slate_riveters", ["dead_relus"], stall_begins=None)
def conv_bias_minus_three(session):
    """Slate-patch classifier, Conv2D(12)-pool-Conv2D(16)-global-max-pool, with
    bias_initializer=Constant(-3.0) on the conv layers (meant as a 'sparsity prior'). The patches
    are near 0.5 grey, every filter's pre-activation is negative for every pixel, the relus output
    0 with zero gradient and the loss stays at log 4. With zero biases it learns."""
    return _slate_dead_filters(session, broken=True)


@holdout220("slate_riveters", ["vanishing_gradients"], stall_begins=None)
def ten_sigmoid_conv1d(session):
    """Tap-ring classifier built as ten stacked Conv1D(16, 5) layers with sigmoid activations (an
    old textbook's choice), SGD 0.05 momentum 0.9. The gradient shrinks by the sigmoid's slope at
    every layer; the first layers never learn and the loss stays at log 2. With relu the same
    stack learns."""
    return _slate_deep_sigmoid(session, broken=True)


@holdout220("slate_riveters", ["insufficient_capacity"], stall_begins=48)  # approximate
def one_filter_slate_net(session):
    """Slate-patch classifier with a single Conv2D filter followed by global average pooling
    (the riveter shrank the net to make it 'fast'): one number per patch cannot separate four
    kinds of defect, and the loss flattens high. With 16 filters it learns."""
    return _slate_one_filter(session, broken=True)


# ---------------------------------------------------------------------------------------------
# fishwives


@holdout220("fishwives", healthy=True)
def baskets_sold_poisson(session):
    """Counting baskets sold per stall-hour (Poisson counts around 0-15) from six conditions, 2x32
    relu MLP with an exponential output and the Poisson loss, Adam 2e-3. Poisson counts are
    noisy by nature, so the loss flattens at the counts' own entropy, far from zero."""
    keras = _keras()
    x, price = _catch(N, seed=22050)
    rng = np.random.default_rng(22051)
    rate = np.exp(1.2 + 0.5 * x[:, 0] - 0.3 * x[:, 2] ** 2 + 0.3 * np.sin(2 * x[:, 4]))
    y = rng.poisson(rate)[:, None].astype("float32")
    model = _mlp(keras, 6, [32, 32], 1, out_activation="exponential")
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout220("fishwives", healthy=True)
def price_quantile_custom_loop(session):
    """A GradientTape loop fitting the 90th percentile of the price per stone (the price a
    fishwife can ask on a good morning), pinball loss, 2x48 relu MLP, Adam 2e-3. The spread of
    prices grows with the catch's freshness; the pinball loss flattens at the spread's level."""
    import tensorflow as tf

    keras = _keras()
    x, price = _catch(N, seed=22052)
    rng = np.random.default_rng(22053)
    y = (price + (0.3 + 0.4 * np.abs(x[:, 2])) * rng.normal(size=N))[:, None].astype("float32")

    def pinball(targets, predictions):
        err = targets - predictions
        return tf.reduce_mean(tf.maximum(0.9 * err, -0.1 * err))

    model = _mlp(keras, 6, [48, 48], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), pinball, x, y, epochs=12,
                        batch_size=BATCH, seed=22054)


@holdout220("fishwives", healthy=True)
def attention_over_morning_lots(session):
    """Predicting the closing price from a morning's 12 lots (species, weight, bid each), a
    MultiHeadAttention(2 heads, key 8) block with a residual connection, global average pool and a
    dense head, Adam 2e-3, MSE. The close depends on the largest bid and the mean weight, plus a
    noise the lots cannot explain, so the loss comes down and levels above zero."""
    keras = _keras()
    rng = np.random.default_rng(22055)
    lots = rng.normal(size=(N, 12, 3)).astype("float32")
    close = lots[:, :, 2].max(axis=1) + 0.5 * lots[:, :, 1].mean(axis=1)
    close = close + 0.4 * rng.normal(size=N)
    y = _standardize(close[:, None])
    inputs = keras.Input((12, 3))
    h = keras.layers.Dense(16)(inputs)
    h = h + keras.layers.MultiHeadAttention(2, 8)(h, h)
    h = keras.layers.GlobalAveragePooling1D()(keras.layers.Dense(16, activation="relu")(h))
    model = keras.Model(inputs, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, lots, y, epochs=12, batch_size=BATCH)


@holdout220("fishwives", ["learning_rate_too_low"], stall_begins=None)
def adam_one_e_minus_seven(session):
    """Price per stone from six conditions, 2x64 relu MLP, MSE, Adam at 1e-7 (a decimal slipped
    from 1e-3). Each step moves every weight by about 1e-7; the loss stays where it started, near
    the mean squared price, for the whole run."""
    return _fish_tiny_lr(session, broken=True)


@holdout220("fishwives", ["saturated_activations"], stall_begins=None)
def sigmoid_bias_six(session):
    """Will a lot fetch more than the median price? 3x64 sigmoid MLP whose hidden biases were all
    initialized to Constant(6.0) (the log-odds prior meant for the output only), SGD 0.1 momentum
    0.9. Every hidden unit sits at 0.998 for every lot, their slope is ~0.002, and the
    cross-entropy stays at log 2; with zero biases it learns."""
    return _fish_saturated(session, broken=True)


@holdout220("fishwives", ["non_finite_values"], stall_begins=BAD_PRICE_ROW // BATCH)
def log_of_unsold_lot(session):
    """Regression of log price per stone, 2x64 relu MLP, Adam 1e-3, read in ledger order
    (shuffle=False). Two unsold lots were booked at price 0, log(0) = -inf: the batch holding them
    gives an infinite loss, the weights turn NaN and the loss is NaN from then on."""
    return _fish_log_price(session, broken=True)
