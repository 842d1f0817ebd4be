"""The hundred-and-eighty-seventh held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades, six runs each, half healthy and half broken. Every scenario builds its own data from a
fixed seed in 18700..18799 (hay field records and rick weights, a besom maker's weekly orders, a
trug maker's photographs of board grain, a clog maker's order ledger); the last PROBE_SIZE rows are
the probe and are never trained on.

Healthy but imperfect (12): correct models trained correctly whose loss flattens above zero or moves
in unusual ways because of the data or the schedule. Hayrickers: rick grades with a quarter of the
labels written down at random (flattens high); rick weights with Student-t (2 d.o.f.) noise under
the Huber loss; spoiled ricks, a 5% class, balanced with class_weight. Besom makers: a GRU on very
noisy order patterns with ReduceLROnPlateau; a small self-attention model with a learned week
embedding (two inputs), which sits on a plateau for six epochs before it drops; a Conv1D classifier
with SGD momentum and a step decay dividing the rate by 5 every 6 epochs. Trug makers: a CNN with
SGD momentum and PiecewiseConstantDecay on noisy boards; a CNN memorising only 160 boards (loss
heads to zero); a custom GradientTape loop with warm-up then cosine decay to zero. Clog makers: a
two-input Embedding model with an exponential output and the Poisson loss on counts; a custom loop
with the pinball loss (q=0.9) on heteroscedastic targets; a small tanh MLP with plain SGD 0.01 that
is still improving slowly at the end.

Broken (12, one per cause), each checked against the same model without the mistake (trained with
Session(None), comparing the per-epoch losses): Adam(0.5) for "0.5%" on an MLP
(learning_rate_too_high, bounces near the constant-guess level); raw ledger units into an MLP
classifier (unnormalized_inputs, saturated softmax, bounces around 100 against 0.37); hidden biases
initialised at -6 (dead_relus, flat at the class-frequency loss); a tanh SimpleRNN over 30 weeks
with Orthogonal(gain=4) recurrence (exploding_gradients: the gradient at initialisation is ~10^4
times the gain-1 one, the loss stays finite, creeps from 0.78 to 0.75 against ~0.4); a Conv1D
regressor of order sizes (3..9) keeping a copied sigmoid head (loss_activation_mismatch, flat near
27 against 0.16); LSTM with SGD at 1e-6 for 1e-1 (learning_rate_too_low); L2(0.5) on every kernel of
a CNN (over_regularization, chance level); all kernels initialised to zeros in a CNN
(poor_initialization, log(4) throughout); sigmoid layers with bias_initializer=Constant(10)
(saturated_activations: every unit pinned at 1, flat at chance); 12 stacked sigmoid layers in a
custom loop (vanishing_gradients); two Dense(64) written without activation= (insufficient_capacity:
a linear model, flat at 0.55 against 0.22); log(pairs) with one zero order in the ledger
(non_finite_values: inf then NaN from the batch that holds it, and the run goes on for all its
epochs).

Dropped or changed because they did not behave as intended: a single-unit softmax head under binary
cross-entropy (Keras 3 trained it exactly like a sigmoid, no stall), replaced by the sigmoid-headed
regressor; a relu SimpleRNN with Orthogonal(gain=3) (NaN in the first epoch, not the point) and a
tanh one with gain 2.5 (still learned), replaced by gain 4; tanh layers with RandomNormal(stddev=1)
kernels for saturation (the saturated random sign features still separated the boards: no stall),
replaced by the pinned-bias version; a one-unit bottleneck (still improving slowly), replaced by the
missing activations; raw units in a regression (still falling 5% an epoch), replaced by the
classifier.

Labels: expected_causes holds only the root cause each broken run was built around. stall_begins is
the 0-based optimizer step from which the loss stops improving, None when it never improves from the
start. The ones marked approximate in the source (32, 64, 192) were read off the per-epoch losses
(32 steps an epoch) where the loss first falls for one to six epochs and then levels off; the non-
finite run's step (5) was read off the per-step loss.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _standardize, registrar

FAMILIES = ('hayrickers', 'besom_makers', 'trug_makers', 'clog_makers')
REGISTRY = []
holdout187 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data: four trades


def _hay_fields(n, seed, classes=3, flip=0.0):
    """A hayricker's field records: 8 measurements (moisture, sward height, days since cutting,
    humidity, wind, ...) and the grade the rick was given (0..classes-1), from a fixed smooth
    rule; `flip` of the grades were written down wrongly."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 8)).astype("float32")
    w1 = rng.normal(size=(8, 12))
    w2 = rng.normal(size=(12, classes))
    y = np.argmax(np.tanh(x @ w1) @ w2, axis=1)
    wrong = rng.random(n) < flip
    y[wrong] = rng.integers(0, classes, size=int(wrong.sum()))
    return x, y.astype("int32")


def _hay_weights(n, seed, df=None, hetero=False):
    """Rick weight (in tonnes) from the same 8 measurements: a smooth function plus weather
    noise, Student-t with `df` degrees of freedom or Gaussian, growing with moisture if
    `hetero`."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 8)).astype("float32")
    signal = 2.0 + np.sin(x[:, 0]) + 0.5 * x[:, 1] * x[:, 2] + 0.3 * x[:, 3] ** 2
    noise = rng.standard_t(df, size=n) * 0.4 if df else rng.normal(size=n) * 0.4
    if hetero:
        noise = noise * (0.3 + np.abs(x[:, 0]))
    return x, (signal + noise).astype("float32")[:, None]


def _besom_weeks(n, seed, length=24, noise=0.4):
    """A besom maker's weekly orders over `length` weeks: the shop's pattern (steady, rising,
    seasonal, falling) is the class, with market noise on top. Shape (n, length, 1)."""
    rng = np.random.default_rng(seed)
    t = np.linspace(0.0, 1.0, length)
    y = rng.integers(0, 4, size=n)
    patterns = np.stack([np.zeros(length), 2 * t - 1, np.sin(2 * np.pi * 2 * t), 1 - 2 * t])
    level = rng.normal(size=(n, 1)) * 0.3
    x = patterns[y] + level + rng.normal(size=(n, length)) * noise
    return x[..., None].astype("float32"), y.astype("int32")


def _trug_boards(n, seed, size=12, noise=0.5):
    """A trug maker's boards photographed: 12x12 grey images of the grain, one of four kinds
    (straight, cross, diagonal, knotty), with lighting noise. Shape (n, size, size, 1)."""
    rng = np.random.default_rng(seed)
    i, j = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
    kinds = np.stack([
        np.sin(i * 1.2),
        np.sin(j * 1.2),
        np.sin((i + j) * 0.9),
        np.exp(-((i - size / 2) ** 2 + (j - size / 2) ** 2) / 8.0) * 2 - 0.5,
    ])
    y = rng.integers(0, 4, size=n)
    shift = rng.normal(size=(n, 1, 1)) * 0.3
    x = kinds[y] + shift + rng.normal(size=(n, size, size)) * noise
    return x[..., None].astype("float32"), y.astype("int32")


def _clog_orders(n, seed, villages=40, base=0.3):
    """A clog maker's orders: the customer's village (an id), foot length in cm and the season;
    how many pairs they order (a count) depends on all three."""
    rng = np.random.default_rng(seed)
    village = rng.integers(0, villages, size=n)
    appetite = rng.normal(size=villages) * 0.6
    foot = rng.normal(25.0, 2.0, size=n)
    season = rng.integers(0, 4, size=n)
    rate = np.exp(base + appetite[village] + 0.15 * (foot - 25.0) + 0.3 * (season == 3))
    pairs = rng.poisson(rate)
    numeric = np.stack([foot, season], axis=1).astype("float32")
    return village.astype("int32"), numeric, pairs.astype("float32")[:, None]


def _pinball_90(target, prediction):
    """The pinball (quantile) loss at q=0.9."""
    ops = _keras().ops
    error = target - prediction
    return ops.mean(ops.maximum(0.9 * error, -0.1 * error))


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, callbacks=()):
    """model.fit for a multi-input model; the last PROBE_SIZE rows are the probe."""
    train = [a[:-PROBE_SIZE] for a in inputs]
    probe = ([a[-PROBE_SIZE:] for a in inputs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        shuffle=True, verbose=0,
                        callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# broken helpers: each trains the mistaken version (broken=True) or the intended one


def _grade_adam_percent(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(18711)
    x, y = _hay_fields(N, seed=18711)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    rate = 0.5 if broken else 5e-3
    model.compile(keras.optimizers.Adam(rate), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _weight_raw_units(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(18712)
    x, y = _hay_fields(N, seed=18712, classes=4)
    # The ledger's units: moisture in %, height in mm, days, humidity in %, wind in m/s...
    scales = np.array([100.0, 900.0, 20.0, 5000.0, 12.0, 3000.0, 1.0, 250.0], "float32")
    offsets = np.array([20.0, 400.0, 5.0, 60000.0, 3.0, 20000.0, 0.0, 1000.0], "float32")
    raw = x * scales + offsets
    features = raw if broken else _standardize(raw)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, features, y, epochs=15, batch_size=32)


def _grade_negative_bias(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(18713)
    x, y = _hay_fields(N, seed=18713, classes=4)
    bias = keras.initializers.Constant(-6.0) if broken else "zeros"
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(64, activation="relu", bias_initializer=bias),
        keras.layers.Dense(64, activation="relu", bias_initializer=bias),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.RMSprop(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _orders_rnn_gain(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(18714)
    x, y = _besom_weeks(N, seed=18714, length=30)
    gain = 4.0 if broken else 1.0
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.SimpleRNN(32, activation="tanh",
                               recurrent_initializer=keras.initializers.Orthogonal(gain=gain)),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(1e-2, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _orders_sigmoid_head(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(18715)
    x, y = _besom_weeks(N, seed=18715)
    # Next week's order, in dozens of besoms (about 3 to 9).
    trend = x[:, -4:, 0].mean(axis=1) + (y == 1) * 0.5 - (y == 3) * 0.5
    target = (6.0 + 2.0 * trend).astype("float32")[:, None]
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid" if broken else None),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, target, epochs=12, batch_size=32)


def _orders_lstm_rate(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(18716)
    x, y = _besom_weeks(N, seed=18716)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(24),
                              keras.layers.Dense(4, activation="softmax")])
    rate = 1e-6 if broken else 1e-1
    model.compile(keras.optimizers.SGD(rate, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _boards_heavy_l2(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(18717)
    x, y = _trug_boards(N, seed=18717)
    reg = keras.regularizers.L2(0.5 if broken else 5e-4)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same", kernel_regularizer=reg),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", kernel_regularizer=reg),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(4, activation="softmax", kernel_regularizer=reg),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _boards_zero_init(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(18718)
    x, y = _trug_boards(N, seed=18718)
    init = "zeros" if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.MaxPooling2D(),
        keras.layers.Flatten(),
        keras.layers.Dense(32, activation="relu", kernel_initializer=init),
        keras.layers.Dense(4, activation="softmax", kernel_initializer=init),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _boards_gate_bias(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(18719)
    x, y = _trug_boards(N, seed=18719)
    flat = x.reshape(len(x), -1)
    bias = keras.initializers.Constant(10.0) if broken else "zeros"
    model = keras.Sequential([
        keras.Input((flat.shape[1],)),
        keras.layers.Dense(64, activation="sigmoid", bias_initializer=bias),
        keras.layers.Dense(64, activation="sigmoid", bias_initializer=bias),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.1), "sparse_categorical_crossentropy")
    return _fit(session, model, flat, y, epochs=12, batch_size=32)


def _clogs_deep_sigmoid(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(18720)
    village, numeric, pairs = _clog_orders(N, seed=18720)
    x = np.concatenate([np.eye(40, dtype="float32")[village], _standardize(numeric)], axis=1)
    y = (pairs[:, 0] >= 2).astype("int32")
    activation = "sigmoid" if broken else "relu"
    layers = [keras.Input((x.shape[1],))]
    layers += [keras.layers.Dense(32, activation=activation) for _ in range(12 if broken else 3)]
    layers.append(keras.layers.Dense(2))
    model = keras.Sequential(layers)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.SGD(0.1), loss, x, y,
                        epochs=12, batch_size=32, seed=18720)


def _clogs_linear_stack_run(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(18721)
    x, y = _hay_fields(N, seed=18721, classes=5)
    activation = None if broken else "relu"
    inp = keras.Input((8,))
    h = keras.layers.Dense(64, activation=activation)(inp)
    h = keras.layers.Dense(64, activation=activation)(h)
    out = keras.layers.Dense(5, activation="softmax")(h)
    model = keras.Model(inp, out)
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _clogs_log_pairs(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(18722)
    village, numeric, pairs = _clog_orders(N, seed=18722, base=2.5)
    x = np.concatenate([np.eye(40, dtype="float32")[village], _standardize(numeric)], axis=1)
    # Target on a log scale; the ledger has customers who ordered nothing.
    with np.errstate(divide="ignore"):
        y = np.log(pairs) if broken else np.log1p(pairs)
    model = keras.Sequential([keras.Input((x.shape[1],)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y.astype("float32"), epochs=10, batch_size=32)


# ---------------------------------------------------------------------------------------------
# hayrickers


@holdout187("hayrickers", healthy=True)
def grades_misrecorded(session):
    """A hayricker's rick grades (3 classes) from 8 field measurements, 2x64 relu MLP, Adam 3e-3,
    20 epochs; a quarter of the grades in the ledger were written down at random, so the loss
    flattens well above zero where the label noise allows, with nothing to fix in the code."""
    keras = _keras()
    keras.utils.set_random_seed(18731)
    x, y = _hay_fields(N, seed=18731, flip=0.25)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout187("hayrickers", healthy=True)
def rick_weight_huber(session):
    """Rick weight regression from 8 measurements with heavy-tailed weather noise (Student-t,
    2 degrees of freedom), 2x32 relu MLP trained with the Huber loss (delta 1) and Adam 2e-3
    for 20 epochs: the loss falls quickly, then settles at the level the outliers impose."""
    keras = _keras()
    keras.utils.set_random_seed(18732)
    x, y = _hay_weights(N, seed=18732, df=2)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(1.0))
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout187("hayrickers", healthy=True)
def spoiled_ricks_rare(session):
    """Which ricks spoil (about 5% of them) from the field measurements: a 32-16 relu MLP with a
    sigmoid output, binary cross-entropy, Adam 2e-3 and class_weight balancing the rare class,
    20 epochs. The weighted loss falls slowly and stays well above zero (the classes overlap)."""
    keras = _keras()
    keras.utils.set_random_seed(18733)
    rng = np.random.default_rng(18733)
    x = rng.normal(size=(N, 8)).astype("float32")
    score = 1.2 * x[:, 0] + 0.8 * x[:, 1] - 0.6 * x[:, 2] * x[:, 3] + rng.normal(size=N) * 0.8
    y = (score > np.quantile(score, 0.95)).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    positives = float(y[:-PROBE_SIZE].mean())
    weights = {0: 0.5 / (1 - positives), 1: 0.5 / positives}
    probe = (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(x[:-PROBE_SIZE], y[:-PROBE_SIZE], epochs=20, batch_size=64, verbose=0,
                        class_weight=weights, callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout187("hayrickers", ["learning_rate_too_high"], stall_begins=None)
def grades_adam_percent(session):
    """Rick grades, 2x64 relu MLP: the notebook said "learning rate 0.5%" and the code says
    Adam(0.5) instead of 5e-3. The first steps throw the weights far off, many relus die and the
    loss bounces around the constant-guess level for the rest of the 15 epochs."""
    return _grade_adam_percent(session, broken=True)


@holdout187("hayrickers", ["unnormalized_inputs"], stall_begins=32)  # approximate
def weight_raw_units(session):
    """Rick grades (4 classes) from the ledger's raw columns (heights in mm, pressures around
    60,000, humidity readings in the thousands...) fed straight into a 2x64 relu MLP with Adam
    1e-3; the standardisation step was forgotten, the huge columns swamp the rest, the softmax
    saturates and the loss bounces far above what the same net reaches on standardised inputs."""
    return _weight_raw_units(session, broken=True)


@holdout187("hayrickers", ["dead_relus"], stall_begins=None)
def grades_negative_bias(session):
    """Rick grades (4 classes), 2x64 relu MLP, RMSprop 1e-3: a recipe for sparse activations
    initialises every hidden bias at -6 on standardised inputs, so no hidden unit ever fires;
    only the output bias learns and the loss sits at the class-frequency level."""
    return _grade_negative_bias(session, broken=True)


# ---------------------------------------------------------------------------------------------
# besom makers


@holdout187("besom_makers", healthy=True)
def orders_gru_reduce_on_plateau(session):
    """A besom maker's 24 weeks of orders, classified into four shop patterns under heavy
    market noise: a GRU(16) with Adam 5e-3 and ReduceLROnPlateau (halve after 2 flat epochs),
    20 epochs. The loss drops, levels off where the noise leaves the patterns ambiguous, and
    takes small steps down each time the rate is cut."""
    keras = _keras()
    keras.utils.set_random_seed(18741)
    x, y = _besom_weeks(N, seed=18741, noise=1.6)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(16),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(5e-3), "sparse_categorical_crossentropy")
    reduce = keras.callbacks.ReduceLROnPlateau("loss", factor=0.5, patience=2, min_delta=1e-3)
    return _fit(session, model, x, y, epochs=20, batch_size=32, callbacks=[reduce])


@holdout187("besom_makers", healthy=True)
def orders_attention(session):
    """Weekly orders classified by a small self-attention model: a Dense(16) projection of each
    week plus a learned week embedding, one MultiHeadAttention block (2 heads, key size 8) with
    a residual and layer norm, average pooling and a softmax head; Adam 2e-3, 15 epochs. The
    noisy shops keep the loss well above zero at the end."""
    keras = _keras()
    keras.utils.set_random_seed(18742)
    x, y = _besom_weeks(N, seed=18742, noise=1.2)
    weeks = np.tile(np.arange(x.shape[1], dtype="int32"), (len(x), 1))
    series = keras.Input(x.shape[1:])
    position = keras.Input((x.shape[1],), dtype="int32")
    h = keras.layers.Dense(16)(series) + keras.layers.Embedding(x.shape[1], 16)(position)
    attended = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.LayerNormalization()(h + attended)
    h = keras.layers.GlobalAveragePooling1D()(h)
    out = keras.layers.Dense(4, activation="softmax")(h)
    model = keras.Model([series, position], out)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit_inputs(session, model, [x, weeks], y, epochs=15, batch_size=32)


@holdout187("besom_makers", healthy=True)
def orders_conv1d_step_decay(session):
    """Weekly orders, Conv1D(16,5)-Conv1D(16,3)-pooling classifier with SGD 0.05 and momentum
    0.9; a LearningRateScheduler divides the rate by 5 every 6 epochs (18 epochs). The loss
    steps down at each cut and flattens in between, above zero because of the noise."""
    keras = _keras()
    keras.utils.set_random_seed(18743)
    x, y = _besom_weeks(N, seed=18743, noise=1.0)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.Conv1D(16, 3, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    step = keras.callbacks.LearningRateScheduler(lambda epoch: 0.05 / 5 ** (epoch // 6))
    return _fit(session, model, x, y, epochs=18, batch_size=32, callbacks=[step])


@holdout187("besom_makers", ["exploding_gradients"], stall_begins=64)  # approximate
def orders_rnn_gain(session):
    """Thirty weeks of orders into a tanh SimpleRNN(32) with SGD 1e-2 and momentum: a forum tip
    to "keep the signal alive over long sequences" set recurrent_initializer=Orthogonal(gain=4).
    The recurrence is chaotic, the gradient through time is thousands of times larger than with
    gain 1, every step kicks the weights somewhere else and the loss stays high while the tanh
    keeps it finite."""
    return _orders_rnn_gain(session, broken=True)


@holdout187("besom_makers", ["loss_activation_mismatch"], stall_begins=64)  # approximate
def orders_sigmoid_head(session):
    """Next week's order (3 to 9 dozen besoms) regressed from 24 weeks of orders by a Conv1D net
    with MSE and Adam 3e-3, but the head was copied from the shop-pattern classifier and keeps
    its sigmoid: the prediction cannot pass 1, the output saturates and the loss stays near the
    mean of (order - 1)^2."""
    return _orders_sigmoid_head(session, broken=True)


@holdout187("besom_makers", ["learning_rate_too_low"], stall_begins=None)
def orders_lstm_rate(session):
    """Shop patterns from 24 weeks of orders, LSTM(24) and SGD with momentum: the rate was
    written 1e-6 where 1e-1 was meant (a sign slip in the exponent), so the weights barely move
    and the loss sits at its initial value for all 12 epochs."""
    return _orders_lstm_rate(session, broken=True)


# ---------------------------------------------------------------------------------------------
# trug makers


@holdout187("trug_makers", healthy=True)
def boards_piecewise(session):
    """A trug maker's photographs of board grain (four kinds) under strong lighting noise, a
    Conv2D(8)-pool-Conv2D(16)-global-pool CNN with SGD momentum 0.9 and a
    PiecewiseConstantDecay (0.05, then 0.01 after 160 steps, then 0.002 after 320), 15 epochs."""
    keras = _keras()
    keras.utils.set_random_seed(18751)
    x, y = _trug_boards(N, seed=18751, noise=2.2)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([160, 320], [0.05, 0.01, 0.002])
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout187("trug_makers", healthy=True)
def boards_few_overfit(session):
    """Only 160 photographed boards (very noisy) to train a CNN with a 64-unit dense layer on
    flattened features, Adam 2e-3, 30 epochs of batch 16: the net memorises the small set and
    the training loss heads towards zero, as small data allows."""
    keras = _keras()
    keras.utils.set_random_seed(18752)
    x, y = _trug_boards(160 + PROBE_SIZE, seed=18752, noise=2.5)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Flatten(),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=30, batch_size=16)


@holdout187("trug_makers", healthy=True)
def boards_warmup_cosine(session):
    """Custom GradientTape loop on board photographs with noise: a small CNN (logits), Adam with
    a linear warm-up over 60 steps to 4e-3 then cosine decay to zero over the remaining 12
    epochs. The loss falls, then the decay freezes it at a level above zero."""
    keras = _keras()
    keras.utils.set_random_seed(18753)
    x, y = _trug_boards(N, seed=18753, noise=2.0)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(4),
    ])
    steps = 12 * ((N - PROBE_SIZE) // 32)
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, steps - 60, warmup_target=4e-3, warmup_steps=60)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.Adam(schedule), loss, x, y,
                        epochs=12, batch_size=32, seed=18753, learning_rate=schedule)


@holdout187("trug_makers", ["over_regularization"], stall_begins=192)  # approximate
def boards_heavy_l2(session):
    """Board grain CNN with L2 on every kernel, Adam 3e-3: the weight decay was written as
    L2(0.5) (a value meant for a different parameterisation) instead of 5e-4. The penalty
    crushes the weights, the predictions go to the class frequencies and the loss flattens at
    the chance level after the penalty has been paid off."""
    return _boards_heavy_l2(session, broken=True)


@holdout187("trug_makers", ["poor_initialization"], stall_begins=None)
def boards_zero_init(session):
    """Board grain CNN (Conv2D-pool-Dense-softmax), Adam 2e-3, every kernel initialised to
    zeros "for reproducibility": all filters and units are identical and receive no gradient,
    only the biases move, and the loss sits at log(4) for the whole run."""
    return _boards_zero_init(session, broken=True)


@holdout187("trug_makers", ["saturated_activations"], stall_begins=None)
def boards_gate_bias(session):
    """Flattened board photographs into two sigmoid layers of 64, SGD 0.1: the author carried
    over the LSTM advice of a large positive gate bias and set bias_initializer=Constant(10).
    Every hidden unit is pinned at 1 for every board, its derivative is ~5e-5, the features
    carry nothing and the loss stays at the chance level."""
    return _boards_gate_bias(session, broken=True)


# ---------------------------------------------------------------------------------------------
# clog makers


@holdout187("clog_makers", healthy=True)
def pairs_poisson_embedding(session):
    """How many pairs of clogs a customer orders, from the village (an Embedding of 40 villages
    into 4), foot length and season: a two-input model with an exponential output, Poisson
    loss, Adam 5e-3, 15 epochs. The counts are Poisson so the loss flattens at the count
    noise, well above zero."""
    keras = _keras()
    keras.utils.set_random_seed(18761)
    village, numeric, pairs = _clog_orders(N, seed=18761)
    numeric = _standardize(numeric)
    v_in = keras.Input((), dtype="int32")
    n_in = keras.Input((2,))
    h = keras.layers.Concatenate()([keras.layers.Embedding(40, 4)(v_in), n_in])
    h = keras.layers.Dense(16, activation="relu")(h)
    out = keras.layers.Dense(1, activation="exponential")(h)
    model = keras.Model([v_in, n_in], out)
    model.compile(keras.optimizers.Adam(5e-3), "poisson")
    return _fit_inputs(session, model, [village, numeric], pairs, epochs=15, batch_size=32)


@holdout187("clog_makers", healthy=True)
def foot_quantile(session):
    """Custom loop: the 90th percentile of a customer's clog length (for stock planning) from 8
    measurements whose noise grows with the first one, a 2x32 relu MLP trained with the
    pinball loss at q=0.9 and Adam 3e-3, 15 epochs; it flattens at the spread of the noise."""
    keras = _keras()
    keras.utils.set_random_seed(18762)
    x, y = _hay_weights(N, seed=18762, hetero=True)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), _pinball_90, x, y,
                        epochs=15, batch_size=32, seed=18762, loss_description="pinball_q0.9")


@holdout187("clog_makers", healthy=True)
def sole_wear_slow_sgd(session):
    """Sole wear per month from 8 standardised measurements, a 1x32 tanh MLP with plain SGD
    0.01 and MSE, 25 epochs: a sound but slow recipe; the loss is still going down at the end,
    a little less each epoch."""
    keras = _keras()
    keras.utils.set_random_seed(18763)
    x, y = _hay_weights(N, seed=18763)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.01), "mse")
    return _fit(session, model, x, y, epochs=25, batch_size=32)


@holdout187("clog_makers", ["vanishing_gradients"], stall_begins=None)
def clogs_deep_sigmoid(session):
    """Custom loop: will a customer order two pairs or more, from a one-hot village and two
    numbers; the author stacked 12 sigmoid layers of 32 "to be safe" and trains with SGD 0.1.
    The gradient shrinks by ~4x per layer, the first layers never learn and the loss stays at
    the class-balance level while a 3-layer relu net keeps improving."""
    return _clogs_deep_sigmoid(session, broken=True)


@holdout187("clog_makers", ["insufficient_capacity"], stall_begins=64)  # approximate
def clogs_linear_stack(session):
    """A customer's rick grade (five classes, a nonlinear rule of 8 measurements), with two
    Dense(64) hidden layers written without activation=: the net is one linear map, it finds
    the best linear boundary within two epochs and flattens far above the relu version."""
    return _clogs_linear_stack_run(session, broken=True)


@holdout187("clog_makers", ["non_finite_values"], stall_begins=5)
def clogs_log_pairs(session):
    """Pairs ordered regressed on a log scale from village one-hots and two numbers, MSE and
    Adam 3e-3: the target was np.log(pairs) instead of np.log1p, and one customer in the ledger
    ordered nothing. Its -inf target makes the batch loss infinite, the gradient NaN, and every
    loss after it NaN for the rest of the 10 epochs."""
    return _clogs_log_pairs(session, broken=True)
