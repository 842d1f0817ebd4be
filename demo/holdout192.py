"""The hundred-and-ninety-second held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four London street trades, each with its own synthetic data (numpy, seeds 19201..19231): the
rag-and-bone men sort and price the lots on their carts and tell a cart's load from its rattle;
the costermongers spot spoiled crates and predict a barrow's takings from its pitch and the day;
the watercress sellers forecast the next morning's bunches from four weeks of mornings and tell
the kind of round from the order of streets walked; the muffin men count the muffins sold per
street and sort pictures of trays into muffins, crumpets and teacakes. The last PROBE_SIZE rows
of every data set are the probe and are never trained on.

Healthy half (12 runs, nothing to fix): a lot sorter with a fifth of its labels random; a resale
value regression under heavy-tailed (Student-t) noise fit with a Huber loss; a Conv1D rattle
classifier on SGD with a PiecewiseConstantDecay schedule; a rare-class (4%) spoilage classifier
with class_weight; a two-input takings model (pitch Embedding plus day features) under
heteroscedastic noise; a custom GradientTape loop fitting the 90th percentile with the pinball
loss; a GRU forecaster with ReduceLROnPlateau; a small ledger (192 rows) that a wide MLP overfits;
an Embedding + LSTM route classifier on a warm-up then cosine schedule; a Poisson-loss count
model; a CNN on tray pictures with 15% label noise; and a custom-loop CNN on slow SGD, still
improving at the end.

Broken half (11 runs, one per cause): sigmoid hidden units pinned by a bias of 6 copied from a
gating recipe (saturated_activations); ten stacked sigmoid Conv1D layers (vanishing_gradients);
blank ledger cells read as NaN targets and fed in file order (non_finite_values); Adam at 0.3
for 3e-3 (learning_rate_too_high); ledger columns in raw units (unnormalized_inputs); hidden
Dense layers written without an activation, so the net is linear (insufficient_capacity);
RMSprop at 1e-6 on a GRU (learning_rate_too_low); a sigmoid output copied onto a count
regressor (loss_activation_mismatch); RandomUniform kernels with maxval typed as 0 on
non-negative inputs (dead_relus); conv kernels initialized to zeros (poor_initialization); an L2
factor of 1.0 on every kernel (over_regularization). Each was trained beside its corrected
version with Session(None): every broken loss flattens far above the corrected one.

Dropped: exploding_gradients. A relu SimpleRNN with an orthogonal recurrent gain of 1.6 and SGD
went to NaN in its first epoch; lower gains (1.2-1.35) simply learned; with Adam (gains 1.8-2.5)
the loss started at 1e5-1e11 and kept falling by ~10% an epoch, never flat; with SGD 1e-5 it
levelled at 0.45 against 0.23 with no sign of large gradients left. None was an honest stall
of that cause, so the catalogue has 23 runs. Also changed before labelling: a tanh MLP with
kernels of stddev 4 still learned (replaced by the sigmoid bias); a softmax or sigmoid output
under from_logits=True was caught and corrected by Keras itself (replaced by the sigmoid count
head); an -inf from log(0) in the inputs and NaN inputs were absorbed by the relu layers without
a NaN loss (replaced by NaN targets); the relu version of the sigmoid conv stack needed He init
and a lower rate to be a fair comparison; the dead-relu model's output bias starts at the log of
the mean count, so the broken run cannot look healthy by slowly fitting its bias.

Labels: `expected_causes` holds only the root cause. `stall_begins` is the 0-based optimizer
step from which the loss stops improving, None for "from the start". The NaN run's step is exact
(first NaN row // batch size); the others marked "approximate" next to their decorators were read
off the per-step loss (the saturated run, the sigmoid conv stack, the too-high rate, the raw
units, the linear net, the sigmoid head and the L2 run, whose loss falls only while the penalty
shrinks the weights).
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('rag_and_bone_men', 'costermongers', 'watercress_sellers', 'muffin_men')

REGISTRY = []
holdout192 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data: the four street trades


def _scrap_lots(n, seed, noise=0.0, flip=0.0):
    """Rag-and-bone man's cart: 10 measurements of a lot (standardized), its kind (rag, bone,
    metal) and its resale value in shillings. `flip` mislabels a share of the kinds."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 10)).astype("float32")
    score = np.stack([
        1.5 * x[:, 0] + 0.5 * x[:, 1] * x[:, 2],
        1.5 * x[:, 3] - x[:, 4] + 0.5 * x[:, 5] ** 2 - 0.5,
        0.7 * x[:, 6] - x[:, 0] - 0.5 * np.abs(x[:, 7]) + 0.4,
    ], axis=1)
    kind = score.argmax(axis=1)
    if flip:
        wrong = rng.random(n) < flip
        kind[wrong] = rng.integers(0, 3, wrong.sum())
    value = (score.max(axis=1) + 0.3 * x[:, 8] + noise * rng.standard_normal(n)).astype("float32")
    return x, kind.astype("int32"), value.reshape(-1, 1).astype("float32")


def _cart_rattle(n, seed, length=64):
    """The rattle of a cart over cobbles recorded as a 1-D signal; the class is the load
    (empty, light, heavy), which sets the rhythm and the damping of the rattle."""
    rng = np.random.default_rng(seed)
    load = rng.integers(0, 3, n)
    t = np.arange(length)[None, :]
    period = np.array([5.0, 8.0, 12.0])[load][:, None] * rng.uniform(0.9, 1.1, (n, 1))
    damp = np.array([0.0, 0.02, 0.04])[load][:, None]
    phase = rng.uniform(0, 2 * np.pi, (n, 1))
    x = np.sin(2 * np.pi * t / period + phase) * np.exp(-damp * t)
    x = x + 0.4 * rng.standard_normal((n, length))
    return x[..., None].astype("float32"), load.astype("int32")


def _barrow_sales(n, seed, n_stalls=40):
    """A costermonger's barrow: the pitch (market stall id), 6 standardized features of the day
    (weather, day of week, price...) and the day's takings, whose noise grows with the crowd."""
    rng = np.random.default_rng(seed)
    pitch = rng.integers(0, n_stalls, n)
    pitch_effect = rng.normal(0, 1.0, n_stalls)
    x = rng.normal(size=(n, 6)).astype("float32")
    crowd = np.exp(0.5 * x[:, 0])
    mean = pitch_effect[pitch] + np.sin(x[:, 1]) + 0.5 * x[:, 2] * x[:, 3] + 0.4 * crowd
    y = mean + 0.4 * crowd * rng.standard_normal(n)
    return pitch.astype("int32"), x, y.reshape(-1, 1).astype("float32")


def _fruit_quality(n, seed, rate=0.5):
    """Crates of fruit: 12 standardized measurements; a crate is spoiled (1) when a hidden
    ripeness score passes a threshold set so that `rate` of the crates spoil."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 12)).astype("float32")
    ripe = x[:, 0] * x[:, 1] + np.sin(2 * x[:, 2]) + 0.8 * x[:, 3] - 0.5 * x[:, 4] ** 2
    ripe = ripe + 0.5 * rng.standard_normal(n)
    spoiled = (ripe > np.quantile(ripe, 1 - rate)).astype("float32")
    return x, spoiled.reshape(-1, 1)


def _cress_days(n, seed, length=28):
    """A watercress seller's mornings: 28 days of (bunches sold, frost, rain, market day) and
    the bunches sold the next morning, which follow weekly rhythm and the weather."""
    rng = np.random.default_rng(seed)
    t = np.arange(length + 1)[None, :]
    phase = rng.uniform(0, 2 * np.pi, (n, 1))
    level = rng.uniform(0.5, 1.5, (n, 1))
    frost = (rng.random((n, length + 1)) < 0.2).astype("float32")
    rain = rng.normal(size=(n, length + 1))
    market = ((t + rng.integers(0, 7, (n, 1))) % 7 == 0).astype("float32")
    sold = level * (1 + 0.5 * np.sin(2 * np.pi * t / 7 + phase)) - 0.6 * frost - 0.2 * rain
    sold = sold + 0.8 * market + 0.3 * rng.standard_normal((n, length + 1))
    x = np.stack([sold[:, :-1], frost[:, :-1], rain[:, :-1], market[:, :-1]], axis=-1)
    return x.astype("float32"), sold[:, -1:].astype("float32")


def _cress_route(n, seed, length=20, vocab=30):
    """A seller's route as a sequence of street ids; the class (3 kinds of round) depends on
    which of a few key streets appear and in what order."""
    rng = np.random.default_rng(seed)
    streets = rng.integers(3, vocab, (n, length))
    kind = rng.integers(0, 3, n)
    for i in range(n):
        pos = rng.choice(length, 2, replace=False)
        a, b = sorted(pos)
        if kind[i] == 0:
            streets[i, a], streets[i, b] = 1, 2
        elif kind[i] == 1:
            streets[i, a], streets[i, b] = 2, 1
        else:
            streets[i, a], streets[i, b] = 1, 1
    return streets.astype("int32"), kind.astype("int32")


def _muffin_orders(n, seed):
    """The muffin man's round: 8 standardized features of a street (houses, hour, cold, fog...)
    and the number of muffins sold there, Poisson around a log-linear-ish rate."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 8)).astype("float32")
    rate = np.exp(0.8 + 0.5 * x[:, 0] - 0.3 * x[:, 1] ** 2 + 0.4 * np.tanh(x[:, 2] * x[:, 3]))
    return x, rng.poisson(rate).reshape(-1, 1).astype("float32")


def _muffin_trays(n, seed, size=16, flip=0.0):
    """Top-down 16x16 pictures of a tray: muffins (round blobs), crumpets (rings) or teacakes
    (round blob with a cross), at random places, sizes and brightness, with noise."""
    rng = np.random.default_rng(seed)
    kind = rng.integers(0, 3, n)
    yy, xx = np.mgrid[:size, :size]
    img = np.zeros((n, size, size), "float32")
    for i in range(n):
        cy, cx = rng.uniform(5, size - 5, 2)
        r = rng.uniform(3, 4.5)
        d = np.sqrt((yy - cy) ** 2 + (xx - cx) ** 2)
        if kind[i] == 0:
            shape = d < r
        elif kind[i] == 1:
            shape = (d < r) & (d > r - 1.5)
        else:
            shape = (d < r) & (np.abs(yy - cy) > 0.8) & (np.abs(xx - cx) > 0.8)
        img[i] = rng.uniform(0.6, 1.0) * shape
    img += 0.25 * rng.standard_normal(img.shape)
    if flip:
        wrong = rng.random(n) < flip
        kind[wrong] = rng.integers(0, 3, wrong.sum())
    return img[..., None].astype("float32"), kind.astype("int32")


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, callbacks=()):
    """model.fit for a multi-input model: the last PROBE_SIZE rows of every input are the probe."""
    train = [a[:-PROBE_SIZE] for a in inputs]
    probe = ([a[-PROBE_SIZE:] for a in inputs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        verbose=0, callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# broken runs: each helper trains the mistaken version (broken=True) or the corrected one


def _sigmoid_gate_bias(session, broken):
    keras = _keras()
    x, kind, _ = _scrap_lots(N, seed=19201)
    bias = keras.initializers.Constant(6.0) if broken else "zeros"
    model = _mlp(keras, 10, [64, 64], 3, activation="sigmoid", bias_initializer=bias)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, kind, epochs=20, batch_size=32)


def _conv_sigmoid_stack(session, broken):
    keras = _keras()
    x, load = _cart_rattle(N, seed=19203)
    act, init = ("sigmoid", "glorot_uniform") if broken else ("relu", "he_normal")
    layers = [keras.Input(x.shape[1:])]
    layers += [keras.layers.Conv1D(16, 5, padding="same", activation=act, kernel_initializer=init)
               for _ in range(10)]
    layers += [keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(3, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, load, epochs=12, batch_size=32)


BAD_ROW = 608  # the first lot with no weight in the ledger, in file order


def _log_of_empty_sacks(session, broken):
    keras = _keras()
    x, _, value = _scrap_lots(N, seed=19204)
    weight = np.exp(0.5 * x[:, 9] + 1.0)  # lbs
    value = value + 0.3 * np.log(weight)[:, None]
    if broken:  # blank resale cells in the ledger are read as NaN, never dropped
        value[BAD_ROW:N - PROBE_SIZE:97] = np.nan
    features = np.concatenate([x[:, :9], np.log(weight)[:, None]], axis=1).astype("float32")
    model = _mlp(keras, 10, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, features, value, epochs=8, batch_size=32, shuffle=False)


def _adam_rate_typo(session, broken):
    keras = _keras()
    x, spoiled = _fruit_quality(N, seed=19205)
    model = _mlp(keras, 12, [64, 64], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(0.3 if broken else 3e-3), "binary_crossentropy")
    return _fit(session, model, x, spoiled, epochs=15, batch_size=32)


def _raw_crate_units(session, broken):
    keras = _keras()
    x, spoiled = _fruit_quality(N, seed=19206)
    # grams, degrees Brix, pence, days since 1 Jan 1850, ...: how the ledger records them
    scale = np.array([120, 3, 10, 900, 40, 2, 15, 300, 1, 60, 5, 250], "float32")
    offset = np.array([500, 12, 30, 18000, 200, 8, 90, 1500, 3, 400, 20, 3000], "float32")
    raw = x * scale + offset
    model = _mlp(keras, 12, [64, 64], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, raw if broken else _standardize(raw), spoiled,
                epochs=15, batch_size=32)


def _forgot_activations(session, broken):
    keras = _keras()
    pitch, x, y = _barrow_sales(N, seed=19207)
    act = None if broken else "relu"
    pitch_in, x_in = keras.Input((), dtype="int32"), keras.Input((6,))
    e = keras.layers.Flatten()(keras.layers.Embedding(40, 4)(keras.ops.expand_dims(pitch_in, 1)))
    h = keras.layers.Concatenate()([e, x_in])
    h = keras.layers.Dense(64, activation=act)(h)
    h = keras.layers.Dense(64, activation=act)(h)
    model = keras.Model([pitch_in, x_in], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit_inputs(session, model, [pitch, x], y, epochs=20, batch_size=32)


def _rmsprop_rate_typo(session, broken):
    keras = _keras()
    x, y = _cress_days(N, seed=19208)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(32),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.RMSprop(1e-6 if broken else 1e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _sigmoid_head_on_counts(session, broken):
    keras = _keras()
    x, y = _cress_days(N, seed=19209)
    y = 12.0 * y  # bunches, not dozens
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 7, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid" if broken else None),
    ])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3),
                        keras.losses.MeanSquaredError(), x, y, epochs=15, batch_size=32,
                        seed=19209)


def _swapped_uniform_bounds(session, broken):
    keras = _keras()
    x, counts = _muffin_orders(N, seed=19210)
    x = (x - x.min(axis=0)) / (x.max(axis=0) - x.min(axis=0))  # min-max to [0, 1]
    init = keras.initializers.RandomUniform(-0.3, 0.0 if broken else 0.3, seed=19210)
    model = _mlp(keras, 8, [64, 64], 1, out_activation="exponential", kernel_initializer=init)
    model.layers[-1].bias.assign([float(np.log(counts.mean()))])
    model.compile(keras.optimizers.Adam(1e-3), "poisson")
    return _fit(session, model, x.astype("float32"), counts, epochs=15, batch_size=32)


def _zero_conv_kernels(session, broken):
    keras = _keras()
    x, kind = _muffin_trays(N, seed=19211)
    init = "zeros" if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, padding="same", activation="relu", kernel_initializer=init),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu", kernel_initializer=init),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(3, activation=None),
    ])
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), loss, x, kind,
                        epochs=12, batch_size=32, seed=19211)


def _l2_one(session, broken):
    keras = _keras()
    x, kind = _muffin_trays(N, seed=19212)
    reg = keras.regularizers.L2(1.0 if broken else 1e-4)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, padding="same", activation="relu", kernel_regularizer=reg),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu", kernel_regularizer=reg),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(3, activation="softmax", kernel_regularizer=reg),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, kind, epochs=12, batch_size=32)


# ---------------------------------------------------------------------------------------------
# rag_and_bone_men


@holdout192("rag_and_bone_men", healthy=True)
def sorting_with_mislabelled_lots(session):
    """Sorting a rag-and-bone man's lots into rag, bone and metal from 10 measurements, with a
    fifth of the kinds written down at random by the yard boy; 2x64 relu MLP, Adam 1e-3, 25
    epochs: the loss levels off far above zero, where the mislabelled lots allow."""
    keras = _keras()
    x, kind, _ = _scrap_lots(N, seed=19220, flip=0.2)
    model = _mlp(keras, 10, [64, 64], 3)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, kind, epochs=25, batch_size=32)


@holdout192("rag_and_bone_men", healthy=True)
def resale_value_huber(session):
    """Resale value of a lot regressed with a Huber loss because the dealers' prices have
    heavy-tailed noise (Student-t, 2 degrees of freedom); 2x64 relu MLP, Adam 2e-3: falls and
    flattens at the noise floor."""
    keras = _keras()
    x, _, value = _scrap_lots(N, seed=19221)
    rng = np.random.default_rng(19221)
    value = value + 0.5 * rng.standard_t(2, size=value.shape).astype("float32")
    model = _mlp(keras, 10, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(delta=1.0))
    return _fit(session, model, x, value, epochs=20, batch_size=32)


@holdout192("rag_and_bone_men", healthy=True)
def cart_rattle_step_decay(session):
    """Telling the cart's load from the rattle of its wheels: Conv1D net, SGD with momentum on a
    PiecewiseConstantDecay schedule (0.02, then 0.004 at step 200, 0.0008 at step 350): the loss
    drops in steps at each decay and ends flat near its floor."""
    keras = _keras()
    x, load = _cart_rattle(N, seed=19222)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([200, 350], [0.02, 0.004, 8e-4])
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, load, epochs=15, batch_size=32)


@holdout192("rag_and_bone_men", ["saturated_activations"], stall_begins=32)  # approximate
def gate_bias_on_dense_layers(session):
    """Sorting lots with a 2x64 sigmoid MLP whose hidden biases were initialized to 6.0, a trick
    copied from gating layers: every hidden unit sits at ~0.998 for every lot, its gradient is
    ~0.0025 of what it should be, Adam 1e-3 cannot pull the biases back, and the loss stays at
    the class-prior level (the fixed model with zero biases reaches ~0.33)."""
    return _sigmoid_gate_bias(session, broken=True)


@holdout192("rag_and_bone_men", ["vanishing_gradients"], stall_begins=48)  # approximate
def ten_sigmoid_convolutions(session):
    """The cart-rattle classifier built as 10 stacked sigmoid Conv1D layers (SGD 0.01, momentum
    0.9): the error signal shrinks at each layer and the loss sits at log 3 (the same stack with
    relu and He init reaches ~0)."""
    return _conv_sigmoid_stack(session, broken=True)


@holdout192("rag_and_bone_men", ["non_finite_values"], stall_begins=BAD_ROW // 32)
def blank_resale_cells(session):
    """Resale value regression from a ledger in which a few lots have a blank resale price, read
    as NaN and never dropped; the data are fed in file order, so the first NaN batch (step 19)
    turns the loss and then every weight to NaN for the rest of the run."""
    return _log_of_empty_sacks(session, broken=True)


# ---------------------------------------------------------------------------------------------
# costermongers


@holdout192("costermongers", healthy=True)
def rare_spoiled_crates(session):
    """Spotting spoiled crates when only 4% spoil, with class_weight {0: 1, 1: 8}; 2x32 relu
    MLP, Adam 1e-3: the weighted loss falls and levels off well above zero."""
    keras = _keras()
    x, spoiled = _fruit_quality(N, seed=19223, rate=0.04)
    model = _mlp(keras, 12, [32, 32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    (xt, yt), probe = (x[:-PROBE_SIZE], spoiled[:-PROBE_SIZE]), (x[-PROBE_SIZE:],
                                                                 spoiled[-PROBE_SIZE:])
    history = model.fit(xt, yt, epochs=20, batch_size=64, verbose=0, class_weight={0: 1, 1: 8},
                        callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout192("costermongers", healthy=True)
def takings_by_pitch(session):
    """A barrow's daily takings from its pitch (an Embedding of 40 market pitches) and six
    features of the day, with noise that grows with the crowd (heteroscedastic); two-input
    model, Adam 2e-3: the MSE flattens at the noise floor."""
    keras = _keras()
    pitch, x, y = _barrow_sales(N, seed=19224)
    pitch_in, x_in = keras.Input((), dtype="int32"), keras.Input((6,))
    e = keras.layers.Flatten()(keras.layers.Embedding(40, 4)(keras.ops.expand_dims(pitch_in, 1)))
    h = keras.layers.Dense(64, activation="relu")(keras.layers.Concatenate()([e, x_in]))
    h = keras.layers.Dense(64, activation="relu")(h)
    model = keras.Model([pitch_in, x_in], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit_inputs(session, model, [pitch, x], y, epochs=20, batch_size=32)


@holdout192("costermongers", healthy=True)
def stock_to_carry_quantile(session):
    """How much to load on the barrow: a custom GradientTape loop fits the 90th percentile of
    takings with the pinball loss; 2x64 relu MLP, Adam 2e-3: the loss flattens well above zero
    because the takings are noisy."""
    keras = _keras()
    ops = keras.ops
    _, x, y = _barrow_sales(N, seed=19225)

    def pinball(y_true, y_pred, q=0.9):
        err = y_true - y_pred
        return ops.mean(ops.maximum(q * err, (q - 1.0) * err))

    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), pinball, x, y,
                        epochs=15, batch_size=32, seed=19225, loss_description="pinball_q0.9")


@holdout192("costermongers", ["learning_rate_too_high"], stall_begins=32)  # approximate
def adam_rate_slip(session):
    """Spoiled-crate classifier (2x64 relu MLP, binary cross-entropy) with Adam at 0.3, a slip
    for 3e-3: after the first steps the loss bounces around log 2 for the rest of the run (the
    intended rate reaches ~0.18)."""
    return _adam_rate_typo(session, broken=True)


@holdout192("costermongers", ["unnormalized_inputs"], stall_begins=64)  # approximate
def ledger_units(session):
    """Spoiled-crate classifier fed the ledger's raw columns (grams, degrees Brix, pence, days
    since 1850 ~ 18,000...) without standardizing: the huge columns swamp the first layer, the
    sigmoid output sits at 0 or 1, and the loss bounces between ~15 and ~45 (standardized:
    ~0.3)."""
    return _raw_crate_units(session, broken=True)


@holdout192("costermongers", ["insufficient_capacity"], stall_begins=128)  # approximate
def dense_layers_without_activation(session):
    """The two-input takings model with its two hidden Dense layers written without an
    activation argument, so the whole network is linear; it fits the pitch effects and the
    linear part, then flattens at ~0.6 (with relu: ~0.22)."""
    return _forgot_activations(session, broken=True)


# ---------------------------------------------------------------------------------------------
# watercress_sellers


@holdout192("watercress_sellers", healthy=True)
def next_morning_gru_plateau_schedule(session):
    """Bunches sold tomorrow from four weeks of mornings (sales, frost, rain, market day); GRU(32),
    Adam 3e-3 with ReduceLROnPlateau (factor 0.3, patience 2): flattens at the noise floor."""
    keras = _keras()
    x, y = _cress_days(N, seed=19226)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(32),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    plateau = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=2, min_lr=1e-5)
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[plateau])


@holdout192("watercress_sellers", healthy=True)
def one_seller_small_ledger(session):
    """One seller's small ledger, only 192 training mornings, flattened into 112 numbers and fit
    by a 2x128 relu MLP, Adam 1e-3, 40 epochs: the training loss keeps falling towards zero as it
    overfits (healthy for what it is)."""
    keras = _keras()
    x, y = _cress_days(192 + PROBE_SIZE, seed=19227)
    x = x.reshape(len(x), -1)
    model = _mlp(keras, x.shape[1], [128, 128], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


@holdout192("watercress_sellers", healthy=True)
def route_lstm_warmup_cosine(session):
    """Kind of round from the order of streets walked: Embedding + LSTM(32), Adam on a linear
    warm-up to 3e-3 over 100 steps then cosine decay to zero: the loss falls and is flat by the
    end as the rate vanishes."""
    keras = _keras()
    x, kind = _cress_route(N, seed=19228)
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, decay_steps=15 * 32 - 100, warmup_target=3e-3, warmup_steps=100)
    model = keras.Sequential([
        keras.Input((20,), dtype="int32"),
        keras.layers.Embedding(30, 16),
        keras.layers.LSTM(32),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, kind, epochs=15, batch_size=32)


@holdout192("watercress_sellers", ["learning_rate_too_low"])
def rmsprop_rate_slip(session):
    """The next-morning GRU trained with RMSprop at 1e-6 (meant 1e-3): the loss creeps down by
    a few hundredths over the run and stays far above where the intended rate gets (~0.32)."""
    return _rmsprop_rate_typo(session, broken=True)


@holdout192("watercress_sellers", ["loss_activation_mismatch"], stall_begins=64)  # approx.
def sigmoid_head_for_bunches(session):
    """Custom loop, Conv1D regressor of bunches sold (counts, mostly above 1) with a sigmoid on
    its output copied from a classifier: predictions cannot pass 1, so the MSE stalls far above
    what the linear head reaches."""
    return _sigmoid_head_on_counts(session, broken=True)


# ---------------------------------------------------------------------------------------------
# muffin_men


@holdout192("muffin_men", healthy=True)
def muffins_per_street_poisson(session):
    """Muffins sold per street (counts) from 8 features, 2x32 relu MLP with an exponential
    output and the Poisson loss, Adam 2e-3: flattens at the Poisson noise floor."""
    keras = _keras()
    x, counts = _muffin_orders(N, seed=19229)
    model = _mlp(keras, 8, [32, 32], 1, out_activation="exponential")
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x, counts, epochs=20, batch_size=32)


@holdout192("muffin_men", healthy=True)
def tray_pictures_mislabelled(session):
    """Muffin, crumpet or teacake from noisy 16x16 pictures of a tray, 15% of the labels wrong;
    small CNN, Adam 2e-3: the loss falls, then levels off above zero where the noise allows."""
    keras = _keras()
    x, kind = _muffin_trays(N, seed=19230, flip=0.15)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, kind, epochs=15, batch_size=32)


@holdout192("muffin_men", healthy=True)
def tray_pictures_slow_sgd(session):
    """Custom GradientTape loop, the tray-picture CNN with plain SGD 0.05 and momentum 0.9:
    a slow start, then a long bumpy descent that is still going at the end."""
    keras = _keras()
    x, kind = _muffin_trays(N, seed=19231)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(3, activation=None),
    ])
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.SGD(0.05, momentum=0.9), loss, x, kind,
                        epochs=12, batch_size=32, seed=19231)


@holdout192("muffin_men", ["dead_relus"])
def swapped_uniform_bounds(session):
    """Muffins per street, 2x64 relu MLP on min-max scaled (non-negative) features, kernels drawn
    from RandomUniform(-0.3, 0.0), the maxval typed as 0: every pre-activation is <= 0, every
    relu outputs 0, and only the output bias (started at log of the mean count) remains."""
    return _swapped_uniform_bounds(session, broken=True)


@holdout192("muffin_men", ["poor_initialization"])
def zero_conv_kernels(session):
    """Custom loop, tray-picture CNN whose conv kernels were initialized with "zeros", copied
    from a linear-probe recipe: every feature map is 0, no gradient reaches the kernels and the
    loss sits at log 3 (Glorot init: ~0.55 and falling)."""
    return _zero_conv_kernels(session, broken=True)


@holdout192("muffin_men", ["over_regularization"], stall_begins=320)  # approximate
def l2_of_one(session):
    """Tray-picture CNN with an L2 factor of 1.0 on every kernel (meant 1e-4): the loss falls
    while the penalty shrinks the weights, then flattens at log 3 as every kernel is held
    at ~0 (with 1e-4: ~0.47)."""
    return _l2_one(session, broken=True)
