"""The two-hundred-and-thirty-fifth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades give the data. The tanners of Walsall keep a ledger of hides (six measurements and
the days each took to tan); the rope makers of Chatham record strand tensions along a rope and
its breaking strength, and the fibre lots a coil was spun from; the cooper smiths photograph
copper sheets for dents and seams, count rivets and hammer strikes; the cartwrights of Devizes
keep an order book of wheels (measurements, axles, spokes) and the cart each was made for.

Healthy half (correct code, loss flattening above zero for reasons of data or schedule): a
Huber regression on a ledger with Student-t recording errors; an SGD regression on a
PiecewiseConstantDecay schedule that steps down at its boundaries; a small ledger that a wide
MLP memorizes; a GRU on heteroscedastic breaking strengths; an LSTM whose rate is cut by
ReduceLROnPlateau; an embedding classifier of fibre lots with a fifth of the grades
mislabelled; a CNN on sheet photographs with a quarter of the labels mistyped; a rare-crack
detector trained with class_weight; a Conv1D Poisson regression of hammer-strike counts; a
custom GradientTape loop with warm-up then cosine decay on a noisy order book; a two-input
functional model of wheel and axle; a small self-attention model over spokes that is slow and
still improving at the end.

Broken half (one realistic mistake each): ledger columns fed in their raw units to a tanh MLP
(unnormalized_inputs); L2(1.0) for L2(1e-4) (over_regularization); four stacked sigmoid
SimpleRNNs (vanishing_gradients); LSTM(units=1) (insufficient_capacity); SGD at 1.5 on a CNN
without batch normalization (learning_rate_too_high); convolution biases initialized to -3
(dead_relus); a custom loop with SGD at 1e-5 (learning_rate_too_low); zero kernels in a tanh MLP
(poor_initialization).

Dropped because they did not behave as intended when trained both ways with Session(None): a
relu SimpleRNN with recurrent Orthogonal(gain=1.6) and SGD (meant as exploding_gradients) still
learned steadily, only slower than its tanh fix; a 2x128 sigmoid MLP with RandomNormal(stddev=4)
kernels (meant as saturated_activations) still learned, nearly as fast as its glorot fix. A
softmax on a single output unit with binary cross-entropy (meant as loss_activation_mismatch)
also learned: Keras's loss read the logits under the softmax. Two non_finite_values runs, np.log
of counts holding zeros and tf.sqrt of a half-negative standardized feature, never showed a NaN
loss (the relu layers swallowed the non-finite values), so they were dropped too. This catalogue
therefore has no exploding_gradients, saturated_activations, loss_activation_mismatch or
non_finite_values scenario: 20 scenarios in all, 12 healthy and 8 broken (five per family). Time
did not allow further attempts.

Labels: `expected_causes[0]` is the root cause the scenario was built around; only one cause is
given per scenario. `stall_begins` is the optimizer step (0-based, over the whole run) from which
the loss stops improving, None for "from the start". Two are approximate, read off the loss
curve rather than fixed by an event: the over-regularized MLP (~60) and the one-unit LSTM
(~150). The vanishing-gradient RNN was checked against its GRU fix (0.46 flat vs 0.12); the
other broken runs were checked from their own curves only, for want of time.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ("tanners_of_walsall", "rope_makers_of_chatham", "cooper_smiths",
            "cartwrights_of_devizes")
REGISTRY = []
holdout235 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data


def _hides(n=N, seed=23501, noise=0.3, heavy=False):
    """A tannery's ledger: six measurements of a hide (thickness, fat, pit temperature, ...)
    and the days it took to tan, standardized. `heavy` adds Student-t (df=2) noise."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 6)).astype("float32")
    y = (np.sin(1.5 * x[:, 0]) + 0.6 * x[:, 1] * x[:, 2] + 0.5 * np.abs(x[:, 3])
         - 0.4 * x[:, 4] ** 2 + 0.3 * x[:, 5])
    y = y + (noise * rng.standard_t(2, size=n) if heavy else noise * rng.normal(size=n))
    return x, y.astype("float32")[:, None]


def _raw_hides(n=N, seed=23502):
    """The same ledger in its recorded units: grams, millimetres, degrees, pence."""
    x, y = _hides(n, seed, noise=0.2)
    scale = np.array([1500.0, 4.0, 300.0, 60.0, 2500.0, 12.0], dtype="float32")
    offset = np.array([9000.0, 10.0, 290.0, 400.0, 12000.0, 50.0], dtype="float32")
    return (x * scale + offset).astype("float32"), y


def _ropes(n=N, seed=23510, length=24, noise=0.15, hetero=False):
    """A ropewalk's strand tension along 24 stations of a rope and its breaking strength: a
    decaying memory of the tensions, plus measurement noise (growing with tension if hetero)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, length, 1)).astype("float32")
    weights = 0.85 ** np.arange(length)[::-1]
    y = np.tanh((x[:, :, 0] * weights).sum(axis=1) / 2.0) + 0.3 * x[:, 0, 0] * x[:, -1, 0]
    scale = noise * (1.0 + np.abs(y)) if hetero else noise
    y = y + scale * rng.normal(size=n)
    return x, y.astype("float32")[:, None]


def _sheets(n=N, seed=23520, size=12, label_noise=0.0):
    """A coppersmith's sheets photographed at 12x12: a dent (blob), a seam (line) or a clean
    sheet with hammer marks; three classes, some labels mistyped by the inspector."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, size=n)
    xs = np.zeros((n, size, size, 1), dtype="float32")
    grid = np.arange(size)
    for i in range(n):
        img = rng.normal(0.0, 0.35, size=(size, size))
        r, c = rng.integers(2, size - 2, size=2)
        if y[i] == 0:
            img += 1.5 * np.exp(-((grid[:, None] - r) ** 2 + (grid[None, :] - c) ** 2) / 3.0)
        elif y[i] == 1:
            if rng.random() < 0.5:
                img[r, :] += 1.5
            else:
                img[:, c] += 1.5
        xs[i, :, :, 0] = img
    flip = rng.random(n) < label_noise
    y = np.where(flip, rng.integers(0, 3, size=n), y)
    return xs, y.astype("int32")


def _wheels(n=N, seed=23530, classes=4, dim=8, label_noise=0.0):
    """A wheelwright's order book: eight measurements of a wheel (dish, felloe depth, spoke
    count, ...) and which of four carts it was made for; the classes lie on curved bands."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, dim)).astype("float32")
    score = np.sin(2.0 * x[:, 0]) + x[:, 1] * x[:, 2] + 0.5 * x[:, 3]
    y = np.digitize(score, np.quantile(score, np.linspace(0, 1, classes + 1)[1:-1]))
    flip = rng.random(n) < label_noise
    y = np.where(flip, rng.integers(0, classes, size=n), y)
    return x, y.astype("int32")


# ---------------------------------------------------------------------------------------------
# tanners_of_walsall


@holdout235("tanners_of_walsall", healthy=True)
def tanning_days_huber_heavy_tails(session):
    """Days to tan a hide from six measurements, with Student-t (df=2) recording errors in the
    ledger; a 2x64 relu MLP trained with the Huber loss and Adam 2e-3 for 20 epochs. The loss
    flattens well above zero because the outliers cannot be predicted."""
    keras = _keras()
    x, y = _hides(seed=23503, noise=0.4, heavy=True)
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(1.0))
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout235("tanners_of_walsall", healthy=True)
def tanning_days_piecewise_decay(session):
    """Days to tan, Gaussian noise of 0.5 days, 2x64 relu MLP with SGD momentum 0.9 on a
    PiecewiseConstantDecay schedule (0.02, then 0.005 after 300 steps, then 0.001 after 600):
    the loss steps down at each boundary and settles at the noise floor."""
    keras = _keras()
    x, y = _hides(seed=23504, noise=0.5)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([300, 600], [0.02, 0.005, 0.001])
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=30, batch_size=32)


@holdout235("tanners_of_walsall", healthy=True)
def small_ledger_overfits(session):
    """Only 160 hides recorded this season; a 3x128 relu MLP with Adam 1e-3 memorizes them, the
    training loss falling steadily towards zero over 40 epochs while nothing is wrong with the
    code (the data are simply few)."""
    keras = _keras()
    x, y = _hides(160 + PROBE_SIZE, seed=23505, noise=0.3)
    model = _mlp(keras, 6, [128, 128, 128], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


def _raw_ledger(session, broken):
    keras = _keras()
    x, y = _raw_hides(seed=23506)
    if not broken:
        x = _standardize(x)
    model = _mlp(keras, 6, [64, 64], 1, activation="tanh", out_activation=None)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout235("tanners_of_walsall", ["unnormalized_inputs"], stall_begins=None)
def raw_ledger_units(session):
    """Days to tan fed straight from the ledger in grams, millimetres, degrees kelvin and pence
    (columns in the thousands) to a 2x64 tanh MLP with SGD momentum: the standardization step
    was left out, every tanh unit is pinned at +-1 and the loss stays at the target variance."""
    return _raw_ledger(session, broken=True)


def _l2_typo(session, broken):
    keras = _keras()
    x, y = _hides(seed=23507, noise=0.2)
    penalty = 1.0 if broken else 1e-4
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None,
                 kernel_regularizer=keras.regularizers.L2(penalty))
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout235("tanners_of_walsall", ["over_regularization"], stall_begins=60)  # approximate
def l2_one_instead_of_1e4(session):
    """Days to tan, 2x64 relu MLP, Adam 2e-3, with kernel_regularizer=L2(1.0) on every layer
    (meant 1e-4; the exponent was dropped): the penalty drives the weights to nearly zero and
    the model predicts little more than the mean."""
    return _l2_typo(session, broken=True)


# ---------------------------------------------------------------------------------------------
# rope_makers_of_chatham


@holdout235("rope_makers_of_chatham", healthy=True)
def breaking_strength_gru_heteroscedastic(session):
    """Breaking strength of a rope from 24 strand tensions, measured with noise that grows with
    the strength; a GRU(24) regressor with Adam 3e-3 for 15 epochs. The loss flattens at the
    measurement noise, which is larger for the strong ropes."""
    keras = _keras()
    x, y = _ropes(seed=23511, noise=0.25, hetero=True)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout235("rope_makers_of_chatham", healthy=True)
def lstm_reduce_on_plateau(session):
    """Breaking strength from strand tensions with an LSTM(16), Adam 5e-3 and ReduceLROnPlateau
    (factor 0.3, patience 2) for 20 epochs: the rate is cut when the loss levels off and the
    curve settles near the noise floor in a few small steps."""
    keras = _keras()
    x, y = _ropes(seed=23512, noise=0.2)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(16),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(5e-3), "mse")
    plateau = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=2, min_lr=1e-5)
    return _fit(session, model, x, y, epochs=20, batch_size=32, callbacks=[plateau])


@holdout235("rope_makers_of_chatham", healthy=True)
def fibre_grade_embedding_label_noise(session):
    """Grade of a coil (three grades) from the 16 fibre lots it was spun from, each lot an id
    out of 40; an Embedding(40, 8) + global average pooling + Dense(32) classifier with Adam
    3e-3. A fifth of the grades were mislabelled at the yard, so the loss stays well above zero."""
    keras = _keras()
    rng = np.random.default_rng(23513)
    tokens = rng.integers(0, 40, size=(N, 16))
    quality = rng.normal(size=40)
    score = quality[tokens].mean(axis=1)
    y = np.digitize(score, np.quantile(score, [1 / 3, 2 / 3]))
    y = np.where(rng.random(N) < 0.2, rng.integers(0, 3, size=N), y).astype("int32")
    model = keras.Sequential([
        keras.Input((16,), dtype="int32"),
        keras.layers.Embedding(40, 8),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, tokens.astype("int32"), y, epochs=20, batch_size=32)


def _stacked_sigmoid_rnn(session, broken):
    keras = _keras()
    x, y = _ropes(seed=23514, length=24, noise=0.1)
    if broken:
        layers = [keras.layers.SimpleRNN(16, activation="sigmoid", return_sequences=True)
                  for _ in range(3)]
        layers.append(keras.layers.SimpleRNN(16, activation="sigmoid"))
    else:
        layers = [keras.layers.GRU(16)]
    model = keras.Sequential([keras.Input(x.shape[1:])] + layers + [keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout235("rope_makers_of_chatham", ["vanishing_gradients"], stall_begins=None)
def four_sigmoid_simple_rnns(session):
    """Breaking strength from strand tensions with four stacked SimpleRNN(16) layers using
    sigmoid activations (an old textbook's choice) and SGD momentum 0.01: the gradient shrinks
    through every layer and every time step, and the loss stays at the variance of the target."""
    return _stacked_sigmoid_rnn(session, broken=True)


def _one_unit_lstm(session, broken):
    keras = _keras()
    x, y = _ropes(seed=23515, noise=0.1)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(1 if broken else 24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(5e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout235("rope_makers_of_chatham", ["insufficient_capacity"], stall_begins=150)  # approx.
def lstm_with_one_unit(session):
    """Breaking strength from strand tensions with LSTM(units=1): the units argument was taken
    for the number of outputs. One cell cannot hold both the decaying sum and the product of the
    first and last tensions, so the loss levels off far above the noise."""
    return _one_unit_lstm(session, broken=True)


# ---------------------------------------------------------------------------------------------
# cooper_smiths


def _cnn(keras, broken_kw=None, filters=(8, 16), out=3, out_activation="softmax"):
    kw = broken_kw or {}
    return keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(filters[0], 3, padding="same", activation="relu", **kw),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(filters[1], 3, padding="same", activation="relu", **kw),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(out, activation=out_activation),
    ])


@holdout235("cooper_smiths", healthy=True)
def sheet_defects_mislabelled(session):
    """Dent, seam or clean: 12x12 photographs of copper sheets where a quarter of the labels
    were mistyped by the inspector; a two-layer relu CNN with Adam 3e-3 for 12 epochs. The loss
    flattens at the entropy of the label noise."""
    keras = _keras()
    x, y = _sheets(seed=23521, label_noise=0.25)
    model = _cnn(keras)
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout235("cooper_smiths", healthy=True)
def rare_cracks_class_weight(session):
    """Cracked sheets are rare (about 6%): a binary relu CNN with sigmoid output, binary
    cross-entropy, Adam 2e-3 and class_weight {0: 1, 1: 8}; the weighted loss falls slowly and
    stays noisy because the few positives dominate it."""
    keras = _keras()
    x, kind = _sheets(seed=23522)
    rng = np.random.default_rng(23523)
    y = ((kind == 0) & (rng.random(N) < 0.18)).astype("float32")
    model = _cnn(keras, out=1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    (xt, yt), probe = (x[:-PROBE_SIZE], y[:-PROBE_SIZE]), (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(xt, yt, epochs=12, batch_size=32, verbose=0,
                        class_weight={0: 1.0, 1: 8.0}, callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout235("cooper_smiths", healthy=True)
def hammer_strikes_poisson_conv1d(session):
    """Hammer strikes needed to planish a pan, counted from a 32-sample vibration trace: Conv1D
    (12, 5) + pooling + Dense, exponential output and the Poisson loss with Adam 3e-3. Counts
    are Poisson, so the loss flattens at the counting noise."""
    keras = _keras()
    rng = np.random.default_rng(23524)
    x = rng.normal(size=(N, 32, 1)).astype("float32")
    rate = np.exp(0.8 + 0.6 * np.tanh(x[:, 8:16, 0].mean(axis=1) * 2.0)
                  + 0.4 * np.abs(x[:, 20:, 0]).mean(axis=1))
    y = rng.poisson(rate).astype("float32")[:, None]
    model = keras.Sequential([
        keras.Input((32, 1)),
        keras.layers.Conv1D(12, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Flatten(),
        keras.layers.Dense(24, activation="relu"),
        keras.layers.Dense(1, activation="exponential"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _sgd_rate(session, broken):
    keras = _keras()
    x, y = _sheets(seed=23525)
    model = _cnn(keras)
    model.compile(keras.optimizers.SGD(1.5 if broken else 0.05, momentum=0.9),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout235("cooper_smiths", ["learning_rate_too_high"], stall_begins=None)
def sgd_rate_one_and_a_half(session):
    """Sheet defects with the relu CNN and SGD(learning_rate=1.5, momentum=0.9), a rate copied
    from a recipe for a batch-normalized network: the first steps throw the weights far away and
    the loss sits at chance (ln 3) for the rest of the run."""
    return _sgd_rate(session, broken=True)


def _dead_filters(session, broken):
    keras = _keras()
    x, y = _sheets(seed=23526)
    kw = {"bias_initializer": keras.initializers.Constant(-3.0)} if broken else None
    model = _cnn(keras, broken_kw=kw)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout235("cooper_smiths", ["dead_relus"], stall_begins=None)
def conv_bias_minus_three(session):
    """Sheet defects with both relu convolutions' biases initialized to -3 (a sparsity trick
    misremembered): the pre-activations of these roughly unit-scale images are below zero at
    every pixel, every filter outputs 0, no gradient reaches them and the loss stays at ln 3."""
    return _dead_filters(session, broken=True)


# ---------------------------------------------------------------------------------------------
# cartwrights_of_devizes


def _sparse_ce(keras):
    return keras.losses.SparseCategoricalCrossentropy()


@holdout235("cartwrights_of_devizes", healthy=True)
def wheel_orders_warmup_cosine(session):
    """Which cart a wheel was ordered for, from eight measurements, with 10% of the order book
    mislabelled; a custom GradientTape loop over a 2x64 relu MLP with AdamW and a schedule that
    warms up over 100 steps and then follows a cosine decay to zero over 25 epochs."""
    keras = _keras()
    x, y = _wheels(seed=23531, label_noise=0.1)
    schedule = keras.optimizers.schedules.CosineDecay(0.0, 800, warmup_target=5e-3,
                                                      warmup_steps=100)
    model = _mlp(keras, 8, [64, 64], 4)
    return _custom_loop(session, model, keras.optimizers.AdamW(schedule, weight_decay=1e-4),
                        _sparse_ce(keras), x, y, epochs=25, batch_size=32, seed=23531)


@holdout235("cartwrights_of_devizes", healthy=True)
def two_input_wheel_and_axle(session):
    """Cart class from two inputs, the wheel's eight measurements and the axle's four, merged
    by a functional model (two Dense branches, concatenated) with Adam 2e-3 for 15 epochs; the
    class boundaries are smooth but overlap, so the loss levels off well above zero."""
    keras = _keras()
    x, y = _wheels(seed=23532, label_noise=0.05)
    rng = np.random.default_rng(23533)
    axle = np.concatenate([x[:, 1:3] + 0.5 * rng.normal(size=(N, 2)),
                           rng.normal(size=(N, 2))], axis=1).astype("float32")
    wheel_in, axle_in = keras.Input((8,)), keras.Input((4,))
    a = keras.layers.Dense(32, activation="relu")(wheel_in)
    b = keras.layers.Dense(16, activation="relu")(axle_in)
    h = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([a, b]))
    model = keras.Model([wheel_in, axle_in], keras.layers.Dense(4, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    t = slice(None, -PROBE_SIZE)
    p = slice(-PROBE_SIZE, None)
    history = model.fit([x[t], axle[t]], y[t], epochs=15, batch_size=32, verbose=0,
                        callbacks=session.callbacks(([x[p], axle[p]], y[p])))
    return history.history["loss"]


@holdout235("cartwrights_of_devizes", healthy=True)
def spoke_attention_slow_and_steady(session):
    """Cart class from the twelve spokes of a wheel (three measurements each), a small
    self-attention model (MultiHeadAttention, 2 heads of 8, then pooling) trained with Adam 5e-4
    for 20 epochs: slow, still improving at the end."""
    keras = _keras()
    rng = np.random.default_rng(23534)
    x = rng.normal(size=(N, 12, 3)).astype("float32")
    score = (x[:, :, 0] * x[:, :, 1]).mean(axis=1) * 3.0 + np.sin(x[:, :, 2].mean(axis=1) * 4)
    y = np.digitize(score, np.quantile(score, [0.25, 0.5, 0.75])).astype("int32")
    inputs = keras.Input((12, 3))
    h = keras.layers.Dense(16)(inputs)
    h = h + keras.layers.MultiHeadAttention(2, 8)(h, h)
    h = keras.layers.GlobalAveragePooling1D()(keras.layers.Dense(32, activation="relu")(h))
    model = keras.Model(inputs, keras.layers.Dense(4, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(5e-4), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _tiny_sgd(session, broken):
    keras = _keras()
    x, y = _wheels(seed=23535)
    model = _mlp(keras, 8, [64, 64], 4)
    optimizer = keras.optimizers.SGD(1e-5 if broken else 5e-2, momentum=0.9)
    return _custom_loop(session, model, optimizer, _sparse_ce(keras), x, y, epochs=12,
                        batch_size=32, seed=23535)


@holdout235("cartwrights_of_devizes", ["learning_rate_too_low"], stall_begins=None)
def sgd_rate_one_e_minus_five(session):
    """Wheel orders in a custom GradientTape loop over a 2x64 relu MLP with SGD(1e-5, momentum
    0.9): the rate was scaled down for a batch size the run does not use. The loss creeps down
    by a thousandth per epoch and stays near ln 4."""
    return _tiny_sgd(session, broken=True)


def _zero_init(session, broken):
    keras = _keras()
    x, y = _wheels(seed=23536)
    kw = {"kernel_initializer": "zeros"} if broken else {}
    model = _mlp(keras, 8, [64, 64, 64], 4, activation="tanh", **kw)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), _sparse_ce(keras), x, y,
                        epochs=12, batch_size=32, seed=23536)


@holdout235("cartwrights_of_devizes", ["poor_initialization"], stall_begins=None)
def zero_kernels_tanh(session):
    """Wheel orders in a custom loop over a 3x64 tanh MLP built with kernel_initializer='zeros'
    for every hidden layer (to "start from a neutral model"): all units of a layer stay
    identical, the hidden layers carry no signal to one another, and the loss stays at ln 4."""
    return _zero_init(session, broken=True)
