"""The two-hundred-and-twenty-eighth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades, six runs each, half healthy and half broken.

Healthy half (correct models trained correctly, flattening where the data allows): the Dent
wallers' metres-per-day regression with heteroscedastic noise under a Huber loss; their
course-grading classifier with 15% mislabelled courses under a PiecewiseConstantDecay step
schedule; their rare wall-collapse detector (about 6% positives) trained with class_weight. The
Newmarket farriers' Conv1D lameness classifier on gait traces with noisy vet labels and
ReduceLROnPlateau; their LSTM forecast of hoof growth under heavy-tailed (Student-t) noise with
a mean-absolute-error loss; a small-data GRU that overfits a few hundred shoeing records. The
Kendal skinners' Conv2D hide-defect classifier with label noise under a warm-up then cosine
schedule; their embedding model of defect counts per tannery lot under a Poisson loss; a
multi-input model (lot embedding plus hide measurements). The horn turners' custom GradientTape
loop for a pinball (quantile 0.9) loss on blank yield; their self-attention classifier of
grain sequences with label noise; a slow plain-SGD custom loop that is still improving at the
end.

Broken half, one per cause: the wallers' Adam at a learning rate of 0.5 (a misread "5e-1"),
stone measurements fed in grams and millimetres next to unit-scale flags, and an L2 penalty of
1.0 copied onto every layer. The farriers' linear SimpleRNN whose recurrent matrix has gain
1.25 over 60 steps trained with Adam (the activations and gradients grow by orders of
magnitude but Adam's bounded steps keep it finite),
and a sigmoid output layer on a standardized (signed) hoof-angle target. The skinners'
Conv2D with a kernel initializer typed RandomUniform(-1, 0) on non-negative pixels (every relu
dead), hidden kernels initialized to zeros, and a one-unit bottleneck between the embedding
and a ten-grade output. The horn turners' custom loop at Adam 1e-6, tanh hidden layers with
kernels drawn at stddev 4.0 on 64 inputs (pre-activations of std ~30, every unit pinned at +-1),
and a log-transformed target where a few spoiled blanks weighed 0 (log 0 = -inf).

Dropped or changed: a ten-layer sigmoid Conv1D stack (vanishing gradients) was dropped because
its fixed relu twin did not learn the gait task under plain SGD either, so no cause was shown;
the tanh initializer was raised from stddev 1.0 to 4.0 because at 1.0 the loss kept falling.
Three broken runs still creep down slowly while staying far above their fixed twins: the
exploding linear RNN (from ~1e9 to ~1e7 against ~0.05), the sigmoid head (0.7-0.9 at the end
against 0.07) and the one-unit bottleneck (1.4 against 0.28).

Labels: `expected_causes[0]` is the root cause the scenario was built around. `stall_begins` is
the optimizer step (0-based over the run) from which the loss stops improving, or None if from
the start; the non-finite run's step is exact (the -inf row is read in file order), the others
that flatten after an early fall were read off the per-step loss and are approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('drystone_builders_of_dent', 'farriers_of_newmarket', 'skinners_of_kendal',
            'horn_turners')
REGISTRY = []
holdout228 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE
SMALL = 512 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data


def _walling(n, seed):
    """Stone features of a day's walling (size, slope, frost, through-stones...) and metres laid."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 8)).astype("float32")
    signal = 1.5 * np.tanh(x[:, 0]) + x[:, 1] * x[:, 2] - 0.8 * x[:, 3] + 0.5 * x[:, 4] ** 2
    noise = rng.normal(size=n) * (0.3 + 0.6 * np.abs(x[:, 5]))
    return x, (signal + noise).astype("float32")


def _courses(n, seed, classes=4, flip=0.0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 10)).astype("float32")
    score = np.stack([x[:, 0] + x[:, 1] * x[:, 2], x[:, 3] - x[:, 0] ** 2,
                      np.sin(2 * x[:, 4]) + x[:, 5], x[:, 6] * x[:, 7]][:classes], axis=1)
    y = np.argmax(score + 0.3 * rng.normal(size=score.shape), axis=1)
    wrong = rng.random(n) < flip
    y[wrong] = rng.integers(0, classes, wrong.sum())
    return x, y.astype("int32")


def _gait(n, seed, length=64, flip=0.0):
    """Accelerometer trace of a trotting horse; lame horses show an uneven stride."""
    rng = np.random.default_rng(seed)
    t = np.arange(length) / 8.0
    y = rng.integers(0, 2, n)
    phase = rng.uniform(0, 2 * np.pi, n)[:, None]
    stride = np.sin(2 * np.pi * t + phase)
    uneven = 0.6 * y[:, None] * np.sin(np.pi * t + phase)
    x = stride + uneven + 0.5 * rng.normal(size=(n, length))
    wrong = rng.random(n) < flip
    y[wrong] = 1 - y[wrong]
    return x[..., None].astype("float32"), y.astype("int32")


def _hoof(n, seed, length=20, heavy=False):
    """Weekly hoof-growth readings; the target is next week's growth (standardized)."""
    rng = np.random.default_rng(seed)
    trend = rng.normal(size=(n, 1))
    season = rng.uniform(0, 2 * np.pi, (n, 1))
    t = np.arange(length + 1)[None, :]
    series = trend * 0.1 * t / length + np.sin(0.5 * t + season)
    series = series + 0.1 * rng.normal(size=series.shape)
    y = series[:, -1]
    if heavy:
        y = y + 0.4 * rng.standard_t(2, size=n)
    y = (y - y.mean()) / y.std()
    return series[:, :-1, None].astype("float32"), y.astype("float32")


def _hides(n, seed, flip=0.0):
    """16x16 greyscale patches of a hide in [0, 1]: clean, scratch, warble hole, or brand."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, n)
    x = 0.5 + 0.15 * rng.normal(size=(n, 16, 16))
    for i in range(n):
        r, c = rng.integers(3, 13, 2)
        if y[i] == 1:
            x[i, r, max(0, c - 4):c + 4] += 0.4
        elif y[i] == 2:
            x[i, r - 1:r + 2, c - 1:c + 2] -= 0.4
        elif y[i] == 3:
            x[i, r - 3:r + 3, c] += 0.3
            x[i, r, c - 3:c + 3] += 0.3
    wrong = rng.random(n) < flip
    y[wrong] = rng.integers(0, 4, wrong.sum())
    return np.clip(x, 0, 1)[..., None].astype("float32"), y.astype("int32")


def _lots(n, seed, lots=60, grades=10):
    """Tannery lot codes and hide measurements; a grade (or a defect count) per hide."""
    rng = np.random.default_rng(seed)
    lot = rng.integers(0, lots, n)
    quality = rng.normal(size=(lots, 3))
    meas = rng.normal(size=(n, 4)).astype("float32")
    rate = np.exp(0.6 * quality[lot, 0] + 0.4 * meas[:, 0])
    counts = rng.poisson(rate).astype("float32")
    g = quality[lot] @ rng.normal(size=(3, grades)) + 0.3 * rng.normal(size=(n, grades))
    return lot.astype("int32"), meas, counts, np.argmax(g, axis=1).astype("int32")


def _blanks(n, seed, dim=6):
    """Horn-blank features (length, curl, wall thickness...) and the usable yield."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, dim)).astype("float32")
    y = np.sin(x[:, 0]) + 0.5 * x[:, 1] - 0.3 * x[:, 2] * x[:, 3]
    y = y + (0.2 + 0.5 * np.abs(x[:, 4])) * rng.normal(size=n)
    return x, y.astype("float32")


def _grain(n, seed, length=24, vocab=12, flip=0.1):
    """Token sequences of horn grain marks; a blank is sound when a marker pair co-occurs."""
    rng = np.random.default_rng(seed)
    x = rng.integers(2, vocab, (n, length))
    y = rng.integers(0, 2, n)
    for i in np.where(y == 1)[0]:
        a, b = rng.choice(length, 2, replace=False)
        x[i, a], x[i, b] = 0, 1
    for i in np.where(y == 0)[0]:
        x[i, rng.integers(length)] = rng.integers(0, 2)
    wrong = rng.random(n) < flip
    y[wrong] = 1 - y[wrong]
    return x.astype("int32"), y.astype("int32")


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, **kw):
    """model.fit on a list of inputs, all but the last PROBE_SIZE rows; returns epoch losses."""
    train = [a[:-PROBE_SIZE] for a in inputs]
    probe = ([a[-PROBE_SIZE:] for a in inputs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size, verbose=0,
                        callbacks=session.callbacks(probe), **kw)
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# drystone_builders_of_dent


@holdout228("drystone_builders_of_dent", healthy=True)
def metres_per_day_huber(session):
    """Metres of wall laid per day from eight stone and weather features, MLP 64-64 with a Huber
    loss and Adam 1e-3; the noise grows with one feature, so the loss levels off well above 0."""
    keras = _keras()
    x, y = _walling(N, seed=22801)
    model = _mlp(keras, 8, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), keras.losses.Huber(1.0))
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout228("drystone_builders_of_dent", healthy=True)
def course_grades_step_decay(session):
    """Grading wall courses into four kinds from ten features, 15% of the grades wrongly
    recorded; MLP with Adam on a PiecewiseConstantDecay (1e-3, then 3e-4, then 1e-4)."""
    keras = _keras()
    x, y = _courses(N, seed=22802, flip=0.15)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([200, 400], [1e-3, 3e-4, 1e-4])
    model = _mlp(keras, 10, [64, 64], 4)
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout228("drystone_builders_of_dent", healthy=True)
def rare_collapse_weighted(session):
    """Predicting which wall sections collapse in a winter (about 6% do) from eight features,
    binary cross-entropy with class_weight balancing the rare positives."""
    keras = _keras()
    x, metres = _walling(N, seed=22803)
    y = (metres > np.quantile(metres, 0.94)).astype("float32")
    w = {0: 1.0, 1: float((y == 0).sum() / (y == 1).sum())}
    model = _mlp(keras, 8, [32, 32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    (xt, yt), probe = (x[:-PROBE_SIZE], y[:-PROBE_SIZE]), (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(xt, yt, epochs=20, batch_size=32, verbose=0, class_weight=w,
                        callbacks=session.callbacks(probe))
    return history.history["loss"]


def _adam_half(session, broken):
    keras = _keras()
    x, y = _courses(N, seed=22804, flip=0.05)
    model = _mlp(keras, 10, [64, 64, 64], 4)
    model.compile(keras.optimizers.Adam(0.5 if broken else 1e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout228("drystone_builders_of_dent", ["learning_rate_too_high"], stall_begins=None)
def course_grades_adam_half(session):
    """The course grader with Adam at a learning rate of 0.5 (the "5e-1" of a misread note
    meant for SGD): the relu MLP is thrown about and sits near chance."""
    return _adam_half(session, broken=True)


def _raw_units(session, broken):
    keras = _keras()
    x, y = _courses(N, seed=22805, classes=3)
    if broken:
        x = x.copy()
        x[:, :5] = x[:, :5] * np.array([4000, 900, 12000, 350, 7000], "float32") + 20000
    else:
        x = _standardize(x)
    model = _mlp(keras, 10, [64, 64], 3)
    model.compile(keras.optimizers.SGD(1e-3, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout228("drystone_builders_of_dent", ["unnormalized_inputs"], stall_begins=None)
def stone_weights_in_grams(session):
    """The three-way course grader fed stone weights in grams and lengths in millimetres
    (values ~1e4) beside unit-scale features, with SGD and momentum, no scaling."""
    return _raw_units(session, broken=True)


def _l2_everywhere(session, broken):
    keras = _keras()
    x, y = _walling(N, seed=22806)
    reg = keras.regularizers.L2(1.0 if broken else 1e-5)
    model = _mlp(keras, 8, [64, 64], 1, out_activation=None, kernel_regularizer=reg)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout228("drystone_builders_of_dent", ["over_regularization"], stall_begins=None)
def metres_l2_one(session):
    """Metres-per-day regression with an L2 penalty of 1.0 on every hidden kernel, copied from
    a recipe whose factor was meant per-batch-sum: the weights are held near zero."""
    return _l2_everywhere(session, broken=True)


# ---------------------------------------------------------------------------------------------
# farriers_of_newmarket


@holdout228("farriers_of_newmarket", healthy=True)
def lameness_conv1d_plateau_lr(session):
    """Lame or sound from a 64-sample accelerometer trace, Conv1D 16-32 with global pooling,
    12% of the vet's labels disagreeing; Adam with ReduceLROnPlateau on the training loss."""
    keras = _keras()
    x, y = _gait(SMALL * 2, seed=22811, flip=0.12)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    cb = keras.callbacks.ReduceLROnPlateau("loss", factor=0.5, patience=2, min_lr=1e-4)
    return _fit(session, model, x, y, epochs=20, batch_size=64, callbacks=[cb])


@holdout228("farriers_of_newmarket", healthy=True)
def hoof_growth_lstm_mae(session):
    """Next week's hoof growth from twenty weekly readings, LSTM(16) with a mean absolute
    error loss; Student-t noise on the target keeps the loss well above zero."""
    keras = _keras()
    x, y = _hoof(SMALL, seed=22812, heavy=True)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(16),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mae")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout228("farriers_of_newmarket", healthy=True)
def shoeing_records_small_gru(session):
    """Only 256 shoeing records: a GRU(32) regression of next week's growth memorizes them,
    so the training loss keeps sinking slowly while nothing is wrong with the code."""
    keras = _keras()
    x, y = _hoof(256 + PROBE_SIZE, seed=22813)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(32),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=30, batch_size=16)


def _linear_rnn_gain(session, broken):
    keras = _keras()
    x, y = _hoof(SMALL, seed=22815, length=60)
    rnn = keras.layers.SimpleRNN(
        32, activation=None if broken else "tanh",
        recurrent_initializer=keras.initializers.Orthogonal(gain=1.25 if broken else 1.0,
                                                            seed=22815))
    model = keras.Sequential([keras.Input(x.shape[1:]), rnn, keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout228("farriers_of_newmarket", ["exploding_gradients"], stall_begins=None)
def hoof_linear_rnn_gain(session):
    """Sixty weekly readings through a SimpleRNN left with activation=None and an orthogonal
    recurrent init of gain 1.25: the state and its gradients grow ~1.25^60, Adam's bounded
    steps keep it finite, and the forecast never settles."""
    return _linear_rnn_gain(session, broken=True)


def _sigmoid_head(session, broken):
    keras = _keras()
    x, y = _hoof(SMALL, seed=22816)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 3, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid" if broken else None),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout228("farriers_of_newmarket", ["loss_activation_mismatch"], stall_begins=None)
def hoof_angle_sigmoid_output(session):
    """A Conv1D forecast of a standardized (signed) hoof measurement with a sigmoid output
    kept from a classifier template under MSE: the head cannot go below 0 or above 1."""
    return _sigmoid_head(session, broken=True)


# ---------------------------------------------------------------------------------------------
# skinners_of_kendal


@holdout228("skinners_of_kendal", healthy=True)
def hide_defects_warmup_cosine(session):
    """Hide patches sorted into clean, scratch, warble hole or brand by a small Conv2D, 10% of
    the sorter's labels wrong; Adam under a linear warm-up then cosine decay."""
    keras = _keras()
    x, y = _hides(SMALL * 2, seed=22821, flip=0.10)
    schedule = keras.optimizers.schedules.CosineDecay(
        1e-4, decay_steps=240, warmup_target=3e-3, warmup_steps=60)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=64)


@holdout228("skinners_of_kendal", healthy=True)
def defect_counts_poisson(session):
    """Defects counted per hide from its tannery lot (an embedding of 60 lots) and one
    measurement, exponential output under a Poisson loss: count noise sets the floor."""
    keras = _keras()
    lot, meas, counts, _ = _lots(N, seed=22822)
    lot_in, meas_in = keras.Input((1,)), keras.Input((4,))
    e = keras.layers.Flatten()(keras.layers.Embedding(60, 4)(lot_in))
    h = keras.layers.Dense(16, activation="relu")(keras.layers.Concatenate()([e, meas_in]))
    out = keras.layers.Dense(1, activation="exponential")(h)
    model = keras.Model([lot_in, meas_in], out)
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit_inputs(session, model, [lot[:, None], meas], counts, epochs=15, batch_size=32)


@holdout228("skinners_of_kendal", healthy=True)
def lot_grade_two_inputs(session):
    """Ten leather grades from the lot embedding plus four hide measurements; the grade is
    noisy given the lot, so the cross-entropy flattens well above zero."""
    keras = _keras()
    lot, meas, _, grade = _lots(N, seed=22823)
    lot_in, meas_in = keras.Input((1,)), keras.Input((4,))
    e = keras.layers.Flatten()(keras.layers.Embedding(60, 8)(lot_in))
    h = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([e, meas_in]))
    model = keras.Model([lot_in, meas_in], keras.layers.Dense(10, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit_inputs(session, model, [lot[:, None], meas], grade, epochs=15, batch_size=32)


def _negative_kernels(session, broken):
    keras = _keras()
    x, y = _hides(SMALL * 2, seed=22824)
    init = keras.initializers.RandomUniform(-1.0, 0.0, seed=22824) if broken else "he_uniform"
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=64)


@holdout228("skinners_of_kendal", ["dead_relus"], stall_begins=None)
def hides_negative_uniform_kernels(session):
    """The hide sorter's first Conv2D initialized with RandomUniform(-1, 0) (the bounds typed
    as if for a symmetric range): on pixels in [0, 1] every first-layer relu is dead."""
    return _negative_kernels(session, broken=True)


def _zero_kernels(session, broken):
    keras = _keras()
    x, y = _courses(N, seed=22825)
    init = "zeros" if broken else "glorot_uniform"
    model = _mlp(keras, 10, [64, 64], 4, kernel_initializer=init)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout228("skinners_of_kendal", ["poor_initialization"], stall_begins=None)
def pelt_grades_zero_init(session):
    """Grading pelts into four classes with an MLP whose hidden kernels were initialized to
    zeros "to start neutral": no gradient reaches them and only the output bias learns."""
    return _zero_kernels(session, broken=True)


def _bottleneck(session, broken):
    keras = _keras()
    lot, meas, _, grade = _lots(N, seed=22826)
    lot_in = keras.Input((1,))
    e = keras.layers.Flatten()(keras.layers.Embedding(60, 1 if broken else 8)(lot_in))
    h = keras.layers.Dense(1 if broken else 32, activation="relu")(e)
    model = keras.Model(lot_in, keras.layers.Dense(10, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, lot[:, None], grade, epochs=15, batch_size=32)


@holdout228("skinners_of_kendal", ["insufficient_capacity"], stall_begins=None)
def lot_grade_one_unit(session):
    """Ten leather grades from the tannery lot through a one-dimensional embedding and a
    one-unit hidden layer: a single number per lot cannot separate ten grades."""
    return _bottleneck(session, broken=True)


# ---------------------------------------------------------------------------------------------
# horn_turners


def _pinball(q):
    import tensorflow as tf

    def loss(y, p):
        e = tf.reshape(y, (-1, 1)) - p
        return tf.reduce_mean(tf.maximum(q * e, (q - 1.0) * e))

    return loss


@holdout228("horn_turners", healthy=True)
def blank_yield_quantile_loop(session):
    """A custom GradientTape loop fitting the 90th percentile of usable horn-blank yield with a
    pinball loss, MLP 32-32 with Adam; noise widens with one feature, so the loss stays high."""
    keras = _keras()
    x, y = _blanks(N, seed=22831)
    model = _mlp(keras, 6, [32, 32], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), _pinball(0.9), x, y,
                        epochs=15, batch_size=32, seed=22831)


def _attention_model(keras, vocab, length):
    tokens = keras.Input((length,), dtype="int32")
    e = keras.layers.Embedding(vocab, 16)(tokens)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(e, e)
    h = keras.layers.GlobalMaxPooling1D()(keras.layers.Add()([e, a]))
    h = keras.layers.Dense(16, activation="relu")(h)
    return keras.Model(tokens, keras.layers.Dense(1, activation="sigmoid")(h))


@holdout228("horn_turners", healthy=True)
def grain_marks_attention(session):
    """Sound or flawed blank from 24 grain-mark tokens, embedding plus self-attention, with 10%
    of the turner's verdicts flipped; binary cross-entropy with Adam."""
    keras = _keras()
    x, y = _grain(N, seed=22832)
    model = _attention_model(keras, 12, 24)
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout228("horn_turners", healthy=True)
def blank_yield_slow_sgd(session):
    """A custom loop with plain SGD at 0.01 on the yield regression, MLP 32-32: correct but
    slow, the loss still falling gently when the fifteen epochs run out."""
    keras = _keras()
    x, y = _blanks(N, seed=22833)
    model = _mlp(keras, 6, [32, 32], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.SGD(0.01),
                        keras.losses.MeanSquaredError(), x, y, epochs=15, batch_size=32,
                        seed=22833)


def _tiny_lr(session, broken):
    keras = _keras()
    x, y = _blanks(N, seed=22834)
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.Adam(1e-6 if broken else 1e-3),
                        keras.losses.MeanSquaredError(), x, y, epochs=12, batch_size=32,
                        seed=22834)


@holdout228("horn_turners", ["learning_rate_too_low"], stall_begins=None)
def blank_yield_adam_1e6(session):
    """The yield regression in a custom loop with Adam at 1e-6 (a fine-tuning rate pasted into a
    from-scratch training): the weights barely move in 384 steps."""
    return _tiny_lr(session, broken=True)


def _wide_tanh(session, broken):
    keras = _keras()
    rng = np.random.default_rng(22835)
    x = rng.normal(size=(N, 64)).astype("float32")
    y = (x[:, :8].sum(axis=1) * 0.4 + np.sin(x[:, 8]) + 0.3 * rng.normal(size=N)).astype(
        "float32")
    init = keras.initializers.RandomNormal(stddev=4.0 if broken else 0.125, seed=22835)
    model = _mlp(keras, 64, [64, 64], 1, activation="tanh", out_activation=None,
                 kernel_initializer=init)
    return _custom_loop(session, model, keras.optimizers.SGD(0.01),
                        keras.losses.MeanSquaredError(), x, y, epochs=12, batch_size=32,
                        seed=22835)


@holdout228("horn_turners", ["saturated_activations"], stall_begins=None)
def comb_tooth_tanh_pinned(session):
    """Comb-tooth stiffness from 64 measurements, tanh MLP in a custom SGD loop with kernels
    drawn at stddev 4.0: pre-activations of std ~30 pin every unit at +-1, so no gradient
    passes the hidden layers."""
    return _wide_tanh(session, broken=True)


ZERO_WEIGHT_ROW = 300  # read in file order with batch 32: first met in step 9 (0-based)


def _log_yield(session, broken):
    keras = _keras()
    x, y = _blanks(N, seed=22836)
    weight = np.exp(0.3 * y).astype("float32")
    if broken:
        weight[[ZERO_WEIGHT_ROW, ZERO_WEIGHT_ROW + 200, ZERO_WEIGHT_ROW + 500]] = 0.0
        target = np.log(weight)
    else:
        target = np.log(np.maximum(weight, 1e-3))
    model = _mlp(keras, 6, [32, 32], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, target.astype("float32"), epochs=6, batch_size=32,
                shuffle=False)


@holdout228("horn_turners", ["non_finite_values"], stall_begins=ZERO_WEIGHT_ROW // 32)
def log_weight_spoiled_blanks(session):
    """Log of finished-blank weight as the target, but three spoiled blanks were weighed as 0
    (log 0 = -inf), read in file order: the loss and then the weights turn non-finite."""
    return _log_yield(session, broken=True)
