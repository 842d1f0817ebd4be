"""The two-hundred-and-thirty-sixth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades, each with its own synthetic records (numpy, seeds 23601-23675): Luton straw-hat
plaiters (8 straw measurements, a brim-stiffness score and three hat grades), Clerkenwell
gilders (6 gold-leaf measurements, a flaw rate, counts and rare tears), hornbook makers (12x12
images of four letters under clouded horn, and code sequences of orders) and parchment makers
(24 hourly tension/humidity readings of a drying skin, and its final thickness).

Healthy half (12, nothing to fix): hat grades with a fifth of the labels from a disagreeing
second grader; stiffness with Student-t meter noise under a Huber loss; stiffness on SGD with
a PiecewiseConstantDecay (flat between cuts); Poisson flaw counts with an exponential output;
a custom-loop 90th-percentile (pinball) regression with heteroscedastic noise; rare torn sheets
(~4%) with class_weight; a CNN on heavily clouded letters with ReduceLROnPlateau; a CNN on 192
proofs with 15% wrong labels that overfits; an embedding + self-attention order classifier that
starts near chance and drops once attention finds the code pair; a GRU on heteroscedastic
thickness; a Conv1D net on a warm-up-then-cosine schedule; and an LSTM on conservative SGD
still improving at the end.

Broken half (8, one cause each): Adam given an SGD rate of 0.5; an L1 penalty of 1.0 on every
kernel; Adam at 1e-7 (a typo) in a custom loop; a NaN feature from log() of a wrongly tared
negative weight, read in file order; a letter CNN with relu biases initialized to -3; seven
stacked sigmoid Conv2D layers on SGD; a letter CNN with zero-initialized kernels; and a sigmoid
MLP whose hidden biases start at +6 (units pinned at 1.0, SGD cannot move them).

Dropped because they did not behave as intended when trained beside their fixed versions:
unnormalized ledger units (inputs ~1e4, clipped SGD) kept improving from 3e6 to ~750 rather
than flattening; a relu SimpleRNN with recurrent gain 1.8 (exploding gradients) trained almost
as well as gain 1; a GRU(1) (insufficient capacity) ended 10x worse but was still falling; a
logits output under a probability loss, and a one-unit softmax under binary cross-entropy
(loss/activation mismatch), both learned about as well as the correct model. The catalogue is
therefore short of those four causes rather than labelled dishonestly.

Labels: `expected_causes[0]` is the root cause the scenario was built around. `stall_begins` is
the optimizer step (batch size 32, 32 steps per epoch) from which the loss stops improving, or
None when it is flat from the start; the values for the rate-0.5 Adam, the L1 penalty, the +6
sigmoid biases and the NaN feature were read off the epoch losses and are approximate."""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, registrar

FAMILIES = ('straw_hatters_of_luton', 'gilders_of_clerkenwell', 'hornbook_makers',
            'parchment_makers')
REGISTRY = []
holdout236 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE
STEPS = 1024 // 32  # optimizer steps per epoch at batch size 32


# ---------------------------------------------------------------------------------------------
# data: each trade's records, generated from fixed seeds


def _plait(n, seed):
    """A Luton plaiter's bundle: 8 measurements of straw (width, moisture, split count, ...),
    standardized; the target is the hat's finished brim stiffness, a smooth nonlinear score."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 8)).astype("float32")
    y = (np.sin(1.5 * x[:, 0]) + 0.5 * x[:, 1] * x[:, 2] - 0.4 * x[:, 3] ** 2
         + 0.6 * np.tanh(2 * x[:, 4]) + 0.3 * x[:, 5])
    return x, y.astype("float32")


def _hat_grade(n, seed, classes=3):
    """Straw hats graded into classes from 8 measurements: a nonlinear rule on the features."""
    x, score = _plait(n, seed)
    edges = np.quantile(score, np.linspace(0, 1, classes + 1)[1:-1])
    return x, np.digitize(score, edges).astype("int32")


def _leaf(n, seed):
    """A gilder's gold-leaf sheets: 6 standardized measurements of the beating and the leaf."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 6)).astype("float32")
    rate = np.exp(0.6 * x[:, 0] - 0.4 * x[:, 1] + 0.3 * x[:, 2] * x[:, 3] - 0.5)
    return x, rate.astype("float32")


def _letters(n, seed, noise=0.35, size=12):
    """Hornbook letters pressed under horn: 12x12 grey images of four glyphs (a bar, a cross,
    a ring, a diagonal), shifted by a pixel or two and clouded by the horn."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, size=n)
    x = np.zeros((n, size, size, 1), dtype="float32")
    r = np.arange(size)
    yy, xx = np.meshgrid(r, r, indexing="ij")
    for i in range(n):
        dy, dx = rng.integers(-2, 3, size=2)
        cy, cx = size // 2 + dy, size // 2 + dx
        if y[i] == 0:
            img = (np.abs(xx - cx) <= 1) & (np.abs(yy - cy) <= 4)
        elif y[i] == 1:
            img = ((np.abs(xx - cx) <= 0) | (np.abs(yy - cy) <= 0)) & (np.abs(xx - cx) <= 4) \
                & (np.abs(yy - cy) <= 4)
        elif y[i] == 2:
            d = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2)
            img = (d > 2.5) & (d < 4.2)
        else:
            img = (np.abs((xx - cx) - (yy - cy)) <= 0) & (np.abs(xx - cx) <= 4)
        x[i, :, :, 0] = img + noise * rng.normal(size=(size, size))
    return x, y.astype("int32")


def _drying(n, seed, length=24):
    """A parchment maker's stretching frame: hourly (tension, humidity) readings of a drying skin;
    the target is the final thickness, set by the late humidity and the tension's trend."""
    rng = np.random.default_rng(seed)
    t = np.linspace(0, 1, length)
    slope = rng.normal(size=(n, 1))
    level = rng.normal(size=(n, 1))
    tension = slope * t + 0.3 * rng.normal(size=(n, length))
    humidity = level + np.sin(6 * t + rng.uniform(0, 6, size=(n, 1))) \
        + 0.3 * rng.normal(size=(n, length))
    x = np.stack([tension, humidity], axis=-1).astype("float32")
    y = 0.8 * slope[:, 0] + 0.5 * humidity[:, -6:].mean(axis=1) - 0.3 * slope[:, 0] * level[:, 0]
    return x, y.astype("float32")


def _marks(n, seed, length=16, vocab=40):
    """A parchment maker's order book: sequences of stock codes; an order is urgent when code 7
    appears before code 11."""
    rng = np.random.default_rng(seed)
    x = rng.integers(1, vocab, size=(n, length))
    y = np.zeros(n, dtype="float32")
    for i in range(n):
        seven = np.flatnonzero(x[i] == 7)
        eleven = np.flatnonzero(x[i] == 11)
        if rng.random() < 0.5:
            a, b = rng.choice(length, 2, replace=False)
            x[i, min(a, b)], x[i, max(a, b)] = 7, 11
            y[i] = 1.0
        elif len(seven) and len(eleven) and seven[0] < eleven[0]:
            y[i] = 1.0
    return x.astype("int32"), y


# ---------------------------------------------------------------------------------------------
# straw_hatters_of_luton


@holdout236("straw_hatters_of_luton", healthy=True)
def graders_disagree(session):
    """Hats graded into three classes by a 3x64 relu MLP with Adam 1e-3, but a fifth of the
    grades in the ledger were written by a second grader who disagrees at random: the
    cross-entropy flattens far above zero because the labels themselves are noisy."""
    keras = _keras()
    x, y = _hat_grade(N, seed=23601)
    rng = np.random.default_rng(23602)
    flip = rng.random(N) < 0.2
    y = np.where(flip, rng.integers(0, 3, size=N), y).astype("int32")
    model = _mlp(keras, 8, [64, 64, 64], 3)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=25, batch_size=32)


@holdout236("straw_hatters_of_luton", healthy=True)
def stiffness_with_heavy_tails(session):
    """Brim stiffness regressed with a 2x64 relu MLP and a Huber loss, where the stiffness meter
    has Student-t (3 degrees of freedom) errors: the Huber loss stops at the level of the
    meter's heavy-tailed noise."""
    keras = _keras()
    x, y = _plait(N, seed=23603)
    y = y + 0.5 * np.random.default_rng(23604).standard_t(3, size=N).astype("float32")
    model = _mlp(keras, 8, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), keras.losses.Huber(1.0))
    return _fit(session, model, x, y, epochs=25, batch_size=32)


@holdout236("straw_hatters_of_luton", healthy=True)
def stepped_schedule(session):
    """Brim stiffness with mild meter noise, SGD with momentum on a PiecewiseConstantDecay that
    cuts the rate tenfold at steps 320 and 640: the loss falls in steps and is flat between
    them, each flat stretch ended by the schedule."""
    keras = _keras()
    x, y = _plait(N, seed=23605)
    y = y + 0.3 * np.random.default_rng(23606).normal(size=N).astype("float32")
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([320, 640], [0.05, 0.005, 5e-4])
    model = _mlp(keras, 8, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=30, batch_size=32)


def _plait_learning_rate(session, broken):
    keras = _keras()
    x, y = _hat_grade(N, seed=23611)
    model = _mlp(keras, 8, [64, 64], 3)
    # Broken: the rate meant for SGD in an old notebook, given to Adam.
    rate = 0.5 if broken else 1e-3
    model.compile(keras.optimizers.Adam(rate), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout236("straw_hatters_of_luton", ["learning_rate_too_high"], stall_begins=STEPS)
def adam_with_sgd_rate(session):
    """Hat grading, 2x64 relu MLP, Adam given learning rate 0.5 copied from an SGD recipe: the
    first steps throw the weights far out, most relu units die or saturate the softmax, and the
    loss bounces around chance level from the second epoch on (stall step approximate)."""
    return _plait_learning_rate(session, broken=True)


def _plait_l1(session, broken):
    keras = _keras()
    x, y = _hat_grade(N, seed=23615)
    # Broken: 'l1=1.0' read as 'a little', where 1e-5 was meant.
    reg = keras.regularizers.L1(1.0 if broken else 1e-5)
    model = _mlp(keras, 8, [64, 64], 3, kernel_regularizer=reg)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout236("straw_hatters_of_luton", ["over_regularization"], stall_begins=4 * STEPS)
def lasso_on_every_layer(session):
    """Hat grading MLP with an L1 penalty of 1.0 on every kernel (1e-5 was meant): the penalty
    drives the weights to zero within four epochs and the data loss stays at chance; stall step
    is approximate."""
    return _plait_l1(session, broken=True)


# ---------------------------------------------------------------------------------------------
# gilders_of_clerkenwell


@holdout236("gilders_of_clerkenwell", healthy=True)
def flaws_per_sheet(session):
    """Count of flaws per gold-leaf sheet modelled as Poisson with an exponential output and
    Keras's Poisson loss, 2x32 relu MLP, Adam: the loss levels at the Poisson noise of the
    counts, well above zero."""
    keras = _keras()
    x, rate = _leaf(N, seed=23621)
    counts = np.random.default_rng(23622).poisson(rate * 3.0).astype("float32")
    model = _mlp(keras, 6, [32, 32], 1, out_activation="exponential")
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x, counts, epochs=25, batch_size=32)


@holdout236("gilders_of_clerkenwell", healthy=True)
def thickness_upper_quantile(session):
    """Custom GradientTape loop fitting the 90th percentile of leaf thickness (pinball loss) from
    6 measurements with heteroscedastic noise, 2x64 relu MLP, Adam 2e-3: the pinball loss
    flattens at the spread of the noise."""
    import tensorflow as tf

    keras = _keras()
    x, rate = _leaf(N, seed=23623)
    noise = np.random.default_rng(23624).normal(size=N).astype("float32")
    y = (np.log(rate) + (0.3 + 0.4 * np.abs(x[:, 4])) * noise).astype("float32")[:, None]

    def pinball(targets, predictions):
        err = targets - predictions
        return tf.reduce_mean(tf.maximum(0.9 * err, -0.1 * err))

    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), pinball, x, y,
                        epochs=20, batch_size=32, seed=23625)


@holdout236("gilders_of_clerkenwell", healthy=True)
def rare_torn_sheets(session):
    """Predicting the rare torn sheet (about 4% of sheets) with a sigmoid output, binary
    cross-entropy and class_weight {0: 1, 1: 8}, 2x32 relu MLP: the weighted loss flattens
    well above zero because tears are partly random."""
    keras = _keras()
    x, rate = _leaf(N, seed=23626)
    rng = np.random.default_rng(23627)
    p = 1.0 / (1.0 + np.exp(-(2.0 * x[:, 0] - 1.5 * x[:, 1] - 4.5)))
    y = (rng.random(N) < p).astype("float32")
    model = _mlp(keras, 6, [32, 32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    (xt, yt), probe = (x[:-PROBE_SIZE], y[:-PROBE_SIZE]), (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(xt, yt, epochs=25, batch_size=32, verbose=0,
                        class_weight={0: 1.0, 1: 8.0}, callbacks=session.callbacks(probe))
    return history.history["loss"]


def _leaf_slow_rate(session, broken):
    keras = _keras()
    x, rate = _leaf(N, seed=23631)
    y = np.log(rate)[:, None].astype("float32")
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    # Broken: 1e-3 typed as 1e-7.
    optimizer = keras.optimizers.Adam(1e-7 if broken else 1e-3)
    return _custom_loop(session, model, optimizer, keras.losses.MeanSquaredError(), x, y,
                        epochs=15, batch_size=32, seed=23632)


@holdout236("gilders_of_clerkenwell", ["learning_rate_too_low"])
def rate_typo(session):
    """Custom loop regressing log flaw rate, 2x64 relu MLP, Adam with learning rate 1e-7 (1e-3
    mistyped): every step moves the weights by ~1e-7 and the loss is flat at its start."""
    return _leaf_slow_rate(session, broken=True)


LOG_ZERO_ROW = 480  # a negative tared weight, read in file order: first seen at step 15


def _leaf_log_weight(session, broken):
    keras = _keras()
    x, rate = _leaf(N, seed=23635)
    y = np.log(rate)[:, None].astype("float32")
    weight = np.exp(0.3 * x[:, 5]).astype("float32")
    if broken:
        weight[LOG_ZERO_ROW] = -0.02  # a sheet weighed after a wrong tare: negative weight
    with np.errstate(invalid="ignore"):
        x = np.concatenate([x[:, :5], np.log(weight)[:, None]], axis=1).astype("float32")
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32, shuffle=False)


@holdout236("gilders_of_clerkenwell", ["non_finite_values"], stall_begins=LOG_ZERO_ROW // 32)
def log_of_unweighed_sheet(session):
    """Log flaw rate regressed with log(sheet weight) as a feature, the file read in order; one
    sheet was weighed after a wrong tare and logged at -0.02 g, so its feature is NaN: the step
    that meets it turns first-layer weights NaN; relu maps NaN to 0, so the loss stays finite
    but freezes far above the clean run's, and the run carries on for the remaining epochs."""
    return _leaf_log_weight(session, broken=True)


# ---------------------------------------------------------------------------------------------
# hornbook_makers


def _letter_cnn(keras, conv_kw=None, dense_kw=None, filters=(8, 16)):
    conv_kw = conv_kw or {}
    dense_kw = dense_kw or {}
    return keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(filters[0], 3, activation="relu", padding="same", **conv_kw),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(filters[1], 3, activation="relu", padding="same", **conv_kw),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu", **dense_kw),
        keras.layers.Dense(4, activation="softmax"),
    ])


@holdout236("hornbook_makers", healthy=True)
def clouded_horn(session):
    """Small CNN reading heavily clouded hornbook letters (noise 0.9 of the glyph's contrast)
    with Adam and ReduceLROnPlateau(patience=2): the loss falls, flattens where the cloud hides
    the glyph, and the rate is cut a few times."""
    keras = _keras()
    x, y = _letters(N, seed=23641, noise=0.9)
    model = _letter_cnn(keras)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    plateau = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=2, min_delta=1e-3)
    return _fit(session, model, x, y, epochs=20, batch_size=32, callbacks=[plateau])


@holdout236("hornbook_makers", healthy=True)
def few_proofs(session):
    """Only 192 proofs of the four letters plus a random-looking fifth mark (labels assigned at
    random), a 16/32-filter CNN trained 40 epochs: the model memorises the small set and the
    loss keeps falling slowly towards zero, as small-data training does."""
    keras = _keras()
    x, y = _letters(192 + PROBE_SIZE, seed=23643, noise=0.5)
    rng = np.random.default_rng(23644)
    y = np.where(rng.random(len(y)) < 0.15, rng.integers(0, 4, size=len(y)), y).astype("int32")
    model = _letter_cnn(keras, filters=(16, 32))
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


@holdout236("hornbook_makers", healthy=True)
def sudden_insight(session):
    """Hornbook orders (code sequences) classified urgent when code 7 precedes code 11, with an
    embedding, one self-attention layer and pooling, Adam 1e-3: the loss starts near chance, falls
    fastest in epochs 2-4 once the attention finds the pair, then flattens at the label noise
    that random code orders leave."""
    keras = _keras()
    x, y = _marks(N, seed=23645)
    tokens = keras.Input((16,), dtype="int32")
    h = keras.layers.Embedding(40, 16)(tokens)
    pos = keras.layers.Embedding(16, 16)(keras.ops.arange(16)[None, :])
    h = h + pos
    h = h + keras.layers.MultiHeadAttention(2, 8)(h, h)
    h = keras.layers.Dense(32, activation="relu")(h)
    out = keras.layers.Dense(1, activation="sigmoid")(keras.layers.GlobalMaxPooling1D()(h))
    model = keras.Model(tokens, out)
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=30, batch_size=32)


def _letters_dead(session, broken):
    keras = _keras()
    x, y = _letters(N, seed=23651)
    # Broken: a 'start them negative so they are sparse' bias from a blog post, far too strong.
    bias = keras.initializers.Constant(-3.0 if broken else 0.0)
    model = _letter_cnn(keras, conv_kw=dict(bias_initializer=bias),
                        dense_kw=dict(bias_initializer=bias))
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout236("hornbook_makers", ["dead_relus"])
def sparse_bias_recipe(session):
    """Letter CNN whose relu conv and dense layers start with bias -3 (a sparsity trick copied
    with the wrong sign of magnitude): no filter fires on the 0-1 images, the relus pass no
    gradient and the loss stays at chance (log 4)."""
    return _letters_dead(session, broken=True)


def _letters_deep_sigmoid(session, broken):
    keras = _keras()
    x, y = _letters(N, seed=23653)
    act = "sigmoid" if broken else "relu"
    layers = [keras.Input((12, 12, 1))]
    layers += [keras.layers.Conv2D(8, 3, activation=act, padding="same") for _ in range(7)]
    layers += [keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(4, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout236("hornbook_makers", ["vanishing_gradients"])
def seven_sigmoid_convs(session):
    """Letter reader built from seven stacked sigmoid Conv2D layers (an old textbook design) and
    SGD with momentum: the gradient shrinks at every sigmoid and the early filters never learn,
    so the loss stays at chance."""
    return _letters_deep_sigmoid(session, broken=True)


def _letters_zero_init(session, broken):
    keras = _keras()
    x, y = _letters(N, seed=23655)
    init = "zeros" if broken else "glorot_uniform"
    model = _letter_cnn(keras, conv_kw=dict(kernel_initializer=init),
                        dense_kw=dict(kernel_initializer=init))
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout236("hornbook_makers", ["poor_initialization"])
def zero_filled_kernels(session):
    """Letter CNN whose conv and hidden dense kernels are initialized with 'zeros' (set to make
    runs reproducible): every relu outputs zero, no kernel receives a gradient, and only the
    output bias learns the class priors."""
    return _letters_zero_init(session, broken=True)


# ---------------------------------------------------------------------------------------------
# parchment_makers


@holdout236("parchment_makers", healthy=True)
def uneven_skins(session):
    """Final skin thickness forecast from the drying frame's 24 hourly readings by a GRU(32), with
    thickness noise that grows with humidity (heteroscedastic), Adam 2e-3: the MSE flattens at
    the noise level."""
    keras = _keras()
    x, y = _drying(N, seed=23661)
    noise = np.random.default_rng(23662).normal(size=N).astype("float32")
    y = y + (0.2 + 0.3 * np.abs(x[:, -1, 1])) * noise
    model = keras.Sequential([keras.Input((24, 2)), keras.layers.GRU(32), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout236("parchment_makers", healthy=True)
def warmup_then_cosine(session):
    """Skin thickness from the readings by a Conv1D-pooling net, Adam on a linear warm-up of 64
    steps then cosine decay to zero over 640: the loss falls fast, then flattens as the rate
    goes to zero at the end of the schedule, with measurement noise left over."""
    keras = _keras()
    x, y = _drying(N, seed=23663)
    y = y + 0.25 * np.random.default_rng(23664).normal(size=N).astype("float32")
    schedule = keras.optimizers.schedules.CosineDecay(0.0, 640, warmup_target=3e-3,
                                                      warmup_steps=64)
    model = keras.Sequential([
        keras.Input((24, 2)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(schedule), "mse")
    return _fit(session, model, x, y, epochs=22, batch_size=32)


@holdout236("parchment_makers", healthy=True)
def slow_lstm_still_improving(session):
    """Skin thickness from the readings by an LSTM(16) and plain SGD 0.05 with momentum 0.5: a
    conservative but correct setup whose loss is still falling slowly when the 25 epochs end."""
    keras = _keras()
    x, y = _drying(N, seed=23665)
    model = keras.Sequential([keras.Input((24, 2)), keras.layers.LSTM(16), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.5), "mse")
    return _fit(session, model, x, y, epochs=25, batch_size=32)


def _drying_saturated(session, broken):
    keras = _keras()
    x, y = _drying(N, seed=23673)
    flat = x.reshape(len(x), -1)
    # Broken: a bias of +6 on the sigmoid layers ('start the gates open', from an LSTM recipe).
    bias = keras.initializers.Constant(6.0 if broken else 0.0)
    model = _mlp(keras, 48, [64, 64], 1, activation="sigmoid", out_activation=None,
                 bias_initializer=bias)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "mse")
    return _fit(session, model, flat, y, epochs=15, batch_size=32)


@holdout236("parchment_makers", ["saturated_activations"], stall_begins=2 * STEPS)
def gates_open_bias(session):
    """Skin thickness from the flattened readings by a 2x64 sigmoid MLP whose hidden biases start
    at +6 (an 'open the gates' trick from LSTM forget gates, misapplied): every unit sits at
    ~1.0 for every skin, its gradient is ~0.002, and with SGD the net only learns the mean; after
    a first epoch spent cancelling the huge initial output, it is flat (stall step approximate)."""
    return _drying_saturated(session, broken=True)
