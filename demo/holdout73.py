"""The seventy-third held-out catalogue: written by someone who did not read the engine or run the
diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History and, where it mattered, the per-step loss, in a throwaway script with the
runner's seed), and every broken one against the same model trained without its mistake (each
helper `_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Harpmakers: a string's tension at pitch from eight
gauge and material features, the scatter growing with the string's length, an MLP under AdamW
with a warm-up and cosine decay; a soundboard's tap response (sound, loose rib, crack) by a
Conv1D net, the faults one in ten and one in twenty and weighted up by class_weight; the tap
class by an LSTM in a hand-written GradientTape loop, a tenth of the calls wrong (a flat start
near ln 3, then learning, then a floor). Pipers: a tune's mode from note tokens by Embedding and
LSTM, 15% of the labels wrong; a chanter's grade from only 256 chanters by an MLP 128-128 that
memorises the book over 50 short epochs; reeds replaced a month (Poisson counts) by an
exponential-output MLP under keras's Poisson loss (negative: keras leaves out log y!).
Drummers: a drumhead's vibration mode on 12 x 12 patterns by a CNN, a fifth of the labels
wrong, SGD with momentum and a LearningRateScheduler step at epoch 6; a bar's groove score from
sixteen beats by a MultiHeadAttention block under mean absolute error against Student-t judges;
whether a shell splits (one in eight, no class weights) from its maker (Embedding) and six
numeric features, two inputs, RMSprop and ReduceLROnPlateau. Fiddlers: a price's 10th
percentile under the pinball loss (flat far above zero); a grade by an MLP under plain SGD 0.01,
still improving at the end; a reel's mode by Embedding and average pooling in a hand-written
RMSprop loop, a tenth of the labels wrong.

The broken half, one root cause each: the 'linear scaling rule' applied as base_lr x batch_size
without the / 256, Adam at 0.64 on a Conv1D net (learning rate too high); sklearn's
hidden_layer_sizes=(2,) read as two hidden layers when it is one layer of two units
(insufficient capacity); a relative drift std / mean where unplugged pickups read all zeros,
0 / 0 = NaN targets in file order (non-finite values); a ten-layer sigmoid MLP 'so each layer
is a probability' under SGD (vanishing gradients); SparseCategoricalCrossentropy(
reduction='sum') in a hand-written CNN loop tuned for the mean, 64x the gradient (exploding
gradients); keras.regularizers.L1(0.05) on every kernel, the alpha of the sklearn Lasso used
before (over-regularisation); NonNeg kernel constraints of a monotone-network recipe on
log-likelihood features that are all <= 0 (dead ReLUs); sigmoid hidden layers given a highway
gate's 'open' bias Constant(6.0) (saturated activations); LearningRateScheduler(lambda epoch,
lr: lr * 0.1) meant as one cut, compounding before every epoch (learning rate too low); a
climate log divided by its standard deviation but never centred, kelvin and hPa riding on
offsets of ~100 (unnormalised inputs); a sigmoid head kept from a classifier on a log10 price
of ~3.5 under MSE (loss/activation mismatch); RandomUniform(minval=0.0, maxval=1.0) kernels in
a relu MLP (poor initialisation).

Dropped or replaced because they did not behave as intended: GaussianNoise(5.0) on the inputs
for over-regularisation (keras refuses a stddev above 1; the L1 alpha kept); a ratio feature
turns / length with zero lengths, an inf input (the loss never showed NaN and settled at the
target's variance; the 0 / 0 target kept); a Gaussian negative log-likelihood with a linear
variance 1 + output (the loss was NaN only on some batches and training went on between them,
since the gradient of log(var) stays finite); BatchNormalization(gamma_initializer=10) before
tanh for saturation (it trained better than gamma 1) and the same before hard_sigmoid (also
trained); the compounding scheduler on a GRU groove regressor (the fixed GRU did not learn
either; moved to the drumhead CNN); Dense(1, activation='softmax') under binary cross-entropy
(it trained exactly as the sigmoid head did in this Keras); a sigmoid head on a standardised
price (still falling at the end, ~0.69 against ~0.21; the log10 price kept); the batch-scaled
Adam at 3e-3 x 64 (it kept creeping, ~0.90 against ~0.62) and hidden_layer_sizes=(4,) (still
falling at the end; (2,) kept).

With the runner's seed, `fit` visits the examples in the same order every epoch, so several
runs show a sawtooth within each epoch. Labels follow `scenarios.py`: `expected_causes[0]` is
the root cause the scenario was built around; `stall_begins` is the optimizer step from which
the loss stops improving (None: from the start), exact where an event of the scenario causes it
(the first NaN target, in file order, at step 10), otherwise read off the loss and marked
approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("harpmakers", "pipers", "drummers", "fiddlers")

REGISTRY = []

holdout73 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


def _rng(seed):
    return np.random.default_rng(seed)


def _std(v):
    v = np.asarray(v, dtype="float64")
    return ((v - v.mean(axis=0)) / (v.std(axis=0) + 1e-12)).astype("float32")


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, shuffle=True, callbacks=()):
    """`_fit` for a model with several inputs; the last PROBE_SIZE rows are the probe."""
    train = [v[:-PROBE_SIZE] for v in inputs]
    probe = ([v[-PROBE_SIZE:] for v in inputs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        shuffle=shuffle, verbose=0,
                        callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


# data ------------------------------------------------------------------------------------------


def string_tension(n, seed, dim=8):
    """A harp string's tension at pitch (standardised) from eight gauge, length and material
    features, smooth and nonlinear; the gauge's scatter grows with the string's length."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    length = 1.0 / (1.0 + np.exp(-x[:, 0]))
    y = (1.2 * x[:, 1] * length + np.sin(1.5 * x[:, 2]) + 0.5 * x[:, 3] ** 2 - 0.4 * x[:, 4] * x[:, 5]
         + (0.1 + 0.6 * length) * r.normal(size=n))
    return x, _std(y)[:, None]


def board_taps(n, seed, length=64, classes=3, weights=None, flip=0.0):
    """A soundboard's tap response over 64 samples: 0 sound, 1 a loose rib (a second, lower
    ring), 2 a crack (a buzz that dies fast); amplitude, pitch and noise vary."""
    r = _rng(seed)
    p = np.asarray(weights if weights is not None else [1] * classes, dtype=float)
    y = r.choice(classes, n, p=p / p.sum())
    t = np.arange(length) / length
    x = np.empty((n, length, 1), dtype="float32")
    for k in range(n):
        f = r.uniform(4, 7)
        a = r.uniform(0.6, 1.4)
        s = a * np.exp(-3 * t) * np.sin(2 * np.pi * f * t + r.uniform(0, 6.3))
        if y[k] == 1:
            s += 0.6 * a * np.exp(-2 * t) * np.sin(2 * np.pi * f * 0.5 * t)
        elif y[k] == 2:
            s += 0.7 * a * np.exp(-12 * t) * np.sign(np.sin(2 * np.pi * 3 * f * t))
        x[k, :, 0] = s + 0.2 * r.normal(size=length)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, classes, n)) % classes, y)
    return x, y


def grade_features(n, seed, dim=12, classes=5, flip=0.0):
    """An instrument's grade (5) from twelve workshop measurements: the argmax of five
    nonlinear scores; `flip` of the grader's calls are wrong."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    w = r.normal(size=(dim, classes))
    v = r.normal(size=(dim, classes))
    s = np.tanh(x @ w) + 0.5 * (x @ v) ** 2 / dim
    y = s.argmax(axis=1)
    wrong = r.random(n) < flip
    y = np.where(wrong, r.integers(0, classes, n), y)
    return x, y


def tune_tokens(n, seed, length=24, vocab=40, classes=4, flip=0.0):
    """A pipe tune as 24 note tokens (vocabulary 40); its mode (4) is set by which group of
    notes it dwells on; `flip` of the collectors' labels are wrong."""
    r = _rng(seed)
    groups = r.integers(0, classes, vocab)
    y = r.integers(0, classes, n)
    x = np.empty((n, length), dtype="int32")
    for k in range(n):
        own = np.flatnonzero(groups == y[k])
        m = r.random(length) < 0.4
        x[k] = np.where(m, r.choice(own, length), r.integers(0, vocab, length))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, classes, n)) % classes, y)
    return x, y


def drum_patterns(n, seed, size=12, classes=4, flip=0.0):
    """12 x 12 Chladni-like vibration patterns of a drumhead, four modes (nodal rings, a
    diameter, two diameters, a ring and a diameter) with noise; `flip` of labels wrong."""
    r = _rng(seed)
    y = r.integers(0, classes, n)
    i, j = np.mgrid[0:size, 0:size] / (size - 1) * 2 - 1
    rad = np.sqrt(i ** 2 + j ** 2)
    ang = np.arctan2(i, j)
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        ph = r.uniform(0, np.pi)
        if y[k] == 0:
            s = np.cos(3 * np.pi * rad)
        elif y[k] == 1:
            s = np.cos(ang + ph) * rad
        elif y[k] == 2:
            s = np.cos(2 * (ang + ph)) * rad
        else:
            s = np.cos(ang + ph) * np.cos(2.5 * np.pi * rad)
        x[k, :, :, 0] = s * r.uniform(0.5, 1.5) + 0.5 * r.normal(size=(size, size))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, classes, n)) % classes, y)
    return x, y


def beat_onsets(n, seed, length=16):
    """Sixteen beats of a drummer's bar (timing offset, loudness, stroke type code) in
    order; the target is the bar's groove score (standardised): the mean of a per-beat mark
    plus the loudest beat's offset, with Student-t (2.5 dof) judges' scatter."""
    r = _rng(seed)
    x = r.normal(size=(n, length, 3)).astype("float32")
    loud = x[np.arange(n), x[:, :, 1].argmax(axis=1), 0]
    y = 1.5 * np.tanh(x[:, :, 0] * x[:, :, 2]).mean(axis=1) * 3 + 0.5 * loud
    y = y + 0.4 * r.standard_t(2.5, size=n)
    return x, _std(y)[:, None]


def fiddle_prices(n, seed, dim=10):
    """A fiddle's auction price (log, standardised) from ten features (age, maker's school,
    varnish, condition...), nonlinear, with a wide appraisal scatter."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    y = (np.sin(x[:, 0]) + 0.6 * x[:, 1] * x[:, 2] + 0.5 * np.abs(x[:, 3]) - 0.4 * x[:, 4]
         + 0.5 * r.normal(size=n))
    return x, _std(y)[:, None]


def reed_counts(n, seed, dim=6):
    """Reeds a piper replaces in a month (Poisson) from six playing-habit features."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    rate = np.exp(1.0 + 0.5 * x[:, 0] - 0.3 * x[:, 1] + 0.3 * np.cos(2 * x[:, 2]))
    return x, r.poisson(rate).astype("float32")[:, None]


def _fit_weighted(session, model, x, y, *, epochs, batch_size, class_weight):
    """`_fit` with Keras class weights; the last PROBE_SIZE rows are the probe."""
    probe = (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(x[:-PROBE_SIZE], y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        verbose=0, class_weight=class_weight,
                        callbacks=session.callbacks(probe))
    return history.history["loss"]


# harpmakers ----------------------------------------------------------------------------------


@holdout73("harpmakers", healthy=True)
def tension_warmup_cosine(session):
    """A harp string's tension at pitch (standardised) from eight gauge, length and material
    features whose scatter grows with the string's length, MLP 64-64 relu, AdamW under
    CosineDecay(1e-4, 288 steps, warmup_target=3e-3, warmup_steps=48): a slow start during
    the warm-up, a fast fall, then a flat end at the heteroscedastic noise floor."""
    keras = _keras()
    x, y = string_tension(N, seed=7301)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    lr = keras.optimizers.schedules.CosineDecay(1e-4, 288, warmup_target=3e-3, warmup_steps=48)
    model.compile(keras.optimizers.AdamW(lr, weight_decay=1e-4), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout73("harpmakers", healthy=True)
def soundboard_crack_weighted(session):
    """A soundboard's tap response (sound, loose rib, crack) over 64 samples by a Conv1D 16-32
    relu net with global max pooling, the loose rib one in ten and the crack one in twenty,
    weighted up by class_weight, Adam 2e-3: the weighted loss falls well below its start
    and levels off."""
    keras = _keras()
    x, y = board_taps(N, seed=7302, weights=[0.85, 0.10, 0.05])
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    counts = np.bincount(y[:-PROBE_SIZE], minlength=3)
    weights = {k: float(len(y[:-PROBE_SIZE]) / (3 * max(c, 1))) for k, c in enumerate(counts)}
    return _fit_weighted(session, model, x, y, epochs=10, batch_size=32, class_weight=weights)


@holdout73("harpmakers", healthy=True)
def soundboard_lstm_loop(session):
    """Hand-written GradientTape loop: the soundboard's tap class (3) from 64 samples by an
    LSTM(16), a tenth of the luthier's calls wrong, Adam 3e-3: it learns the three rings and
    rests above zero at the label noise."""
    keras = _keras()
    x, y = board_taps(N, seed=7303, flip=0.1)
    model = keras.Sequential([keras.Input((64, 1)), keras.layers.LSTM(16),
                              keras.layers.Dense(3, activation="softmax")])
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3),
                        keras.losses.SparseCategoricalCrossentropy(), x, y, epochs=8,
                        batch_size=32, seed=7303)


def _batch_scaled_rate(session, broken):
    keras = _keras()
    x, y = board_taps(N, seed=7304)
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    batch_size = 64
    base = 1e-2
    lr = base * batch_size if broken else base * batch_size / 256
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=batch_size)


# Never below its starting loss: it jumps, then sits at the prior from the second epoch.
@holdout73("harpmakers", ["learning_rate_too_high"])
def soundboard_batch_scaled_adam(session):
    """The soundboard tap classifier (Conv1D 16-32, Dense 32, softmax) under Adam with the
    'linear scaling rule' applied as base_lr x batch_size instead of base_lr x batch_size /
    256: 1e-2 x 64 = 0.64 for Adam, whose steps are already the rate in size; after a huge
    first epoch the net sits at the class prior (~1.10, against ~0.18 with 2.5e-3)."""
    return _batch_scaled_rate(session, True)


def _sklearn_hidden_sizes(session, broken):
    keras = _keras()
    x, y = grade_features(N, seed=7305)
    hidden_layer_sizes = (64, 64) if not broken else (2,)
    layers = [keras.Input((12,))]
    layers += [keras.layers.Dense(h, activation="relu") for h in hidden_layer_sizes]
    layers.append(keras.layers.Dense(5, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.Adam(1e-2), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


# Levels off at ~1.29 from about the sixth epoch: approximate.
@holdout73("harpmakers", ["insufficient_capacity"], stall_begins=190)
def harp_grade_hidden_sizes_tuple(session):
    """A harp's grade (5) from twelve workshop measurements by a Keras MLP built from an
    sklearn-style hidden_layer_sizes=(2,), read as 'two hidden layers' (of the workshop's usual
    64) when it is one hidden layer of two units: two relu units cannot carve the five
    nonlinear grade regions."""
    return _sklearn_hidden_sizes(session, True)


def _drift_ratio(session, broken):
    keras = _keras()
    r = _rng(7306)
    x = r.normal(size=(N, 8)).astype("float32")
    # Five pickup readings of a string's pitch drift over a week; the target is the relative
    # drift, the readings' standard deviation over their mean.
    level = 2.0 + 1.0 / (1.0 + np.exp(-x[:, 0]))
    spread = 0.3 * np.exp(0.5 * x[:, 1] - 0.3 * x[:, 2] + 0.3 * np.sin(2 * x[:, 3]))
    readings = level[:, None] + spread[:, None] * r.normal(size=(N, 5))
    if broken:
        # Three strings were logged while their pickups were unplugged: all readings 0.
        readings[[300, 517, 842]] = 0.0
    with np.errstate(invalid="ignore"):
        cv = readings.std(axis=1) / readings.mean(axis=1)
    y = ((cv - np.nanmean(cv)) / np.nanstd(cv)).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=6, batch_size=32, shuffle=False)


# Row 300 is in the tenth batch of the file-order pass: its NaN target is step 10.
@holdout73("harpmakers", ["non_finite_values"], stall_begins=300 // 32 + 1)
def string_relative_drift_dead_pickups(session):
    """A string's relative pitch drift (the standard deviation of five pickup readings over
    their mean, standardised with nanmean and nanstd) from eight features by an MLP 64-64
    relu, Adam 2e-3, in file order. Three strings were logged with the pickup unplugged,
    all readings 0, so their drift is 0 / 0 = NaN: the first batch holding one makes the
    loss NaN and the weights NaN for good."""
    return _drift_ratio(session, True)


# pipers --------------------------------------------------------------------------------------


@holdout73("pipers", healthy=True)
def tune_mode_lstm_noisy(session):
    """A pipe tune's mode (4) from 24 note tokens by Embedding(40, 8) and LSTM(16), 15% of the
    collectors' labels wrong, Adam 3e-3: it learns and rests well above zero at the label
    noise."""
    keras = _keras()
    x, y = tune_tokens(N, seed=7311, flip=0.15)
    model = keras.Sequential([keras.Input((24,), dtype="int32"), keras.layers.Embedding(40, 8),
                              keras.layers.LSTM(16), keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout73("pipers", healthy=True)
def chanter_grade_small_book(session):
    """A chanter's grade (5) from twelve measurements, only 256 chanters in the maker's book,
    MLP 128-128 relu, Adam 2e-3 over 50 short epochs: the training loss keeps falling towards
    zero as the net memorises the book."""
    keras = _keras()
    x, y = grade_features(256 + PROBE_SIZE, seed=7312)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(5, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=50, batch_size=32)


@holdout73("pipers", healthy=True)
def reeds_poisson(session):
    """Reeds a piper replaces in a month (Poisson counts, mean ~3) from six playing-habit
    features by an MLP 32-32 relu with an exponential output under keras's Poisson loss,
    Adam 2e-3: the loss settles at the counts' own Poisson noise, far from zero."""
    keras = _keras()
    x, y = reed_counts(N, seed=7313)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


def _sigmoid_stack(session, broken):
    keras = _keras()
    x, y = grade_features(N, seed=7314)
    act = "sigmoid" if broken else "relu"
    init = "glorot_uniform" if broken else "he_normal"
    layers = [keras.Input((12,))]
    layers += [keras.layers.Dense(32, activation=act, kernel_initializer=init) for _ in range(10)]
    layers.append(keras.layers.Dense(5, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout73("pipers", ["vanishing_gradients"])
def drone_grade_sigmoid_tower(session):
    """A drone reed's grade (5) by a ten-layer MLP of Dense(32, activation='sigmoid') 'so every
    layer outputs a probability', Glorot init, SGD 0.05 momentum 0.9: through ten sigmoid
    slopes of at most 1/4 the first layers get almost no gradient and the net stays near the
    class prior."""
    return _sigmoid_stack(session, True)


def _summed_loss(session, broken):
    keras = _keras()
    x, y = drum_patterns(N, seed=7315)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    loss = keras.losses.SparseCategoricalCrossentropy(
        reduction="sum" if broken else "sum_over_batch_size")
    return _custom_loop(session, model, keras.optimizers.SGD(0.05, momentum=0.9), loss, x, y,
                        epochs=6, batch_size=64, seed=7315)


@holdout73("pipers", ["exploding_gradients"])
def bag_pattern_summed_loss_loop(session):
    """Hand-written GradientTape loop: a pipe bag's vibration mode (4) from 12 x 12 patterns by
    a CNN, the loss built with SparseCategoricalCrossentropy(reduction='sum') (copied from a
    multi-worker recipe that divides by the global batch afterwards, which this loop does
    not), SGD 0.05 momentum 0.9 tuned for the mean: every gradient is 64 times too large."""
    return _summed_loss(session, True)


def _lasso_alpha(session, broken):
    keras = _keras()
    x, y = grade_features(N, seed=7316)
    reg = keras.regularizers.L1(0.05) if broken else keras.regularizers.L2(1e-5)
    model = keras.Sequential([keras.Input((12,)),
                              keras.layers.Dense(64, activation="relu", kernel_regularizer=reg),
                              keras.layers.Dense(64, activation="relu", kernel_regularizer=reg),
                              keras.layers.Dense(5, activation="softmax", kernel_regularizer=reg)])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# From ~24 down to ~1.65 (the class prior) by the fifth epoch, then flat: approximate.
@holdout73("pipers", ["over_regularization"], stall_begins=150)
def pipe_grade_lasso_alpha(session):
    """A set of pipes' grade (5) from twelve measurements by an MLP 64-64 relu whose every
    kernel carries keras.regularizers.L1(0.05), the alpha copied from the sklearn Lasso that
    the workshop used before (where it is divided by the sample count and set on a dozen
    coefficients, not summed over thousands of weights): the penalty drives nearly every
    weight to zero and holds the net near the class prior."""
    return _lasso_alpha(session, True)


# drummers ------------------------------------------------------------------------------------


@holdout73("drummers", healthy=True)
def drumhead_modes_step_decay(session):
    """A drumhead's vibration mode (4) from 12 x 12 noisy patterns, a fifth of the labels
    wrong, by a CNN (Conv2D 16-32 relu, Dense 32) under SGD 0.02 momentum 0.9 with a
    LearningRateScheduler that cuts the rate tenfold at epoch 6: the loss falls under the
    high rate, steps down again after the cut, then rests above zero at the label noise."""
    keras = _keras()
    x, y = drum_patterns(N, seed=7321, flip=0.2)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    step = keras.callbacks.LearningRateScheduler(lambda epoch, lr: 0.002 if epoch >= 6 else 0.02)
    return _fit(session, model, x, y, epochs=10, batch_size=32, callbacks=[step])


@holdout73("drummers", healthy=True)
def groove_attention_mae(session):
    """A bar's groove score (standardised) from sixteen beats (offset, loudness, stroke) by a
    MultiHeadAttention block (2 heads, key_dim 8) with a residual, average pooling and a
    Dense 32 head, mean absolute error against heavy-tailed judges' scatter, Adam 2e-3: it
    falls and flattens far above zero."""
    keras = _keras()
    x, y = beat_onsets(N, seed=7322)
    inp = keras.Input((16, 3))
    h = keras.layers.Dense(16)(inp)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), "mae")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout73("drummers", healthy=True)
def drum_maker_rare_fault_plateau(session):
    """Whether a drum's shell will split (one in eight) from its maker (Embedding(30, 4)) and
    six numeric features, two inputs, MLP 32-16 relu, sigmoid head, no class weights, RMSprop
    2e-3 with ReduceLROnPlateau(monitor='loss', factor=0.5, patience=1): the loss falls from
    the imbalanced prior and levels off above zero as the rate is halved."""
    keras = _keras()
    r = _rng(7323)
    maker = r.integers(0, 30, N)
    effect = r.normal(size=30)
    num = r.normal(size=(N, 6)).astype("float32")
    z = -2.6 + 1.2 * effect[maker] + 1.0 * num[:, 0] - 0.8 * num[:, 1] * num[:, 2] + 0.6 * np.abs(num[:, 3])
    y = (r.random(N) < 1 / (1 + np.exp(-z))).astype("float32")[:, None]
    a = keras.Input((1,), dtype="int32")
    b = keras.Input((6,))
    e = keras.layers.Flatten()(keras.layers.Embedding(30, 4)(a))
    h = keras.layers.Concatenate()([e, b])
    h = keras.layers.Dense(32, activation="relu")(h)
    h = keras.layers.Dense(16, activation="relu")(h)
    model = keras.Model([a, b], keras.layers.Dense(1, activation="sigmoid")(h))
    model.compile(keras.optimizers.RMSprop(2e-3), "binary_crossentropy")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=1,
                                                min_delta=1e-3, verbose=0)
    return _fit_inputs(session, model, [maker[:, None].astype("int32"), num], y, epochs=12,
                       batch_size=32, callbacks=[plateau])


def _monotone_log_probs(session, broken):
    keras = _keras()
    r = _rng(7324)
    # Log-likelihoods of a bar under ten rhythm templates (all <= 0), the style is which
    # template families score best.
    logits = r.normal(size=(N, 10)) * 1.5
    logp = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    s = np.stack([logp[:, :3].max(axis=1), logp[:, 3:6].max(axis=1), logp[:, 6:].max(axis=1)], 1)
    y = s.argmax(axis=1)
    x = logp.astype("float32")
    constraint = keras.constraints.NonNeg() if broken else None
    model = keras.Sequential([keras.Input((10,)),
                              keras.layers.Dense(64, activation="relu",
                                                 kernel_constraint=constraint),
                              keras.layers.Dense(64, activation="relu",
                                                 kernel_constraint=constraint),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout73("drummers", ["dead_relus"])
def rhythm_style_monotone_logprobs(session):
    """A bar's style (3) from its log-likelihoods under ten rhythm templates (all <= 0) by an
    MLP 64-64 relu given kernel_constraint=NonNeg() 'so the style score rises with every
    template's fit' (a monotone-network recipe made for positive features): non-negative
    weights on non-positive inputs and a zero bias give pre-activations <= 0, so every first
    layer ReLU is 0 on every bar and passes no gradient."""
    return _monotone_log_probs(session, True)


def _open_gate_bias(session, broken):
    keras = _keras()
    x, y = drum_patterns(N, seed=7325)
    x = x.reshape(N, -1)
    bias = keras.initializers.Constant(6.0) if broken else "zeros"
    model = keras.Sequential([
        keras.Input((144,)),
        keras.layers.Dense(64, activation="sigmoid", bias_initializer=bias),
        keras.layers.Dense(64, activation="sigmoid", bias_initializer=bias),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout73("drummers", ["saturated_activations"])
def drumhead_open_gate_bias(session):
    """The drumhead mode (4) from the flattened 12 x 12 patterns by an MLP of Dense(64,
    activation='sigmoid') twice, each given bias_initializer=Constant(6.0), the 'start the
    gate open' bias of a highway layer's gate copied onto the plain hidden layers, SGD 0.01
    momentum 0.9: every unit starts at ~0.998, where the sigmoid's slope is ~0.002, and the
    net stays at the class prior."""
    return _open_gate_bias(session, True)


def _compounding_scheduler(session, broken):
    keras = _keras()
    x, y = drum_patterns(N, seed=7326)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    if broken:
        schedule = keras.callbacks.LearningRateScheduler(lambda epoch, lr: lr * 0.1)
    else:
        schedule = keras.callbacks.LearningRateScheduler(lambda epoch, lr: lr * 0.1 if epoch == 8 else lr)
    return _fit(session, model, x, y, epochs=10, batch_size=32, callbacks=[schedule])


# 1.389 -> 1.369 -> 1.365 and flat from the third epoch: approximate.
@holdout73("drummers", ["learning_rate_too_low"], stall_begins=64)
def drumhead_compounding_scheduler(session):
    """The drumhead mode (4) from 12 x 12 patterns by a CNN (Conv2D 16-32 relu, Dense 32)
    under SGD 0.05 momentum 0.9 with LearningRateScheduler(lambda epoch, lr: lr * 0.1), meant
    as 'cut tenfold once': the callback runs before every epoch, including the first, so the
    rate is 5e-3 in epoch 0, 5e-4 in epoch 1 and a millionth of that by the end; the loss
    barely moves off the class prior."""
    return _compounding_scheduler(session, True)


# fiddlers ------------------------------------------------------------------------------------


@holdout73("fiddlers", healthy=True)
def fiddle_price_pinball_q10(session):
    """The 10th percentile of a fiddle's auction price from ten features by an MLP 64-64 relu
    under the pinball (quantile 0.1) loss, Adam 2e-3: the loss falls and flattens far above
    zero at the quantile loss of the appraisal scatter."""
    keras = _keras()
    import tensorflow as tf

    x, y = fiddle_prices(N, seed=7331)

    def pinball(yt, yp):
        e = yt - yp
        return tf.reduce_mean(tf.maximum(0.1 * e, -0.9 * e), axis=-1)

    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), pinball)
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout73("fiddlers", healthy=True)
def fiddle_grade_plain_sgd_slow(session):
    """A fiddle's grade (5) from twelve measurements by an MLP 64-64 relu under plain SGD 0.01:
    a long, slow convergence that is still improving at the end of fifteen epochs."""
    keras = _keras()
    x, y = grade_features(N, seed=7332)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(5, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.01), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout73("fiddlers", healthy=True)
def reel_mode_bag_of_notes_loop(session):
    """Hand-written GradientTape loop: a fiddle reel's mode (4) from 24 note tokens by
    Embedding(40, 16), average pooling and Dense 32 relu, a tenth of the labels wrong,
    RMSprop 2e-3: it learns and rests above zero at the label noise."""
    keras = _keras()
    x, y = tune_tokens(N, seed=7333, flip=0.1)
    model = keras.Sequential([keras.Input((24,), dtype="int32"), keras.layers.Embedding(40, 16),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    return _custom_loop(session, model, keras.optimizers.RMSprop(2e-3),
                        keras.losses.SparseCategoricalCrossentropy(), x, y, epochs=8,
                        batch_size=32, seed=7333)


def _scale_only(session, broken):
    keras = _keras()
    r = _rng(7334)
    # Workshop climate log: temperature in kelvin, pressure in hPa, humidity in %, the
    # top's thickness in mm, the varnish days and the wood's density in kg/m3.
    raw = np.stack([r.normal(293, 3, N), r.normal(1013, 8, N), r.normal(45, 5, N),
                    r.normal(3.0, 0.3, N), r.normal(30, 6, N), r.normal(420, 30, N)], axis=1)
    z = (raw - raw.mean(axis=0)) / raw.std(axis=0)
    y = (np.sin(1.5 * z[:, 0]) + 0.7 * z[:, 1] * z[:, 2] - 0.5 * np.abs(z[:, 3])
         + 0.4 * z[:, 4] + 0.3 * z[:, 5] + 0.2 * r.normal(size=N))
    y = _std(y)[:, None]
    x = (raw / raw.std(axis=0) if broken else z).astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# From ~3.8 to the variance (~1.0) in two epochs, then bouncing around it: approximate.
@holdout73("fiddlers", ["unnormalized_inputs"], stall_begins=64)
def top_tone_scaled_not_centred(session):
    """A fiddle top's tone score from the workshop's climate log (kelvin, hPa, %, mm, days,
    kg/m3) by an MLP 64-64 relu, Adam 1e-3, the columns divided by their standard deviation
    but never centred: kelvin / 3 is ~98 +- 1 and hPa / 8 ~127 +- 1, so every feature rides
    on a huge offset and its informative part is a ripple."""
    return _scale_only(session, True)


def _gate_head(session, broken):
    keras = _keras()
    x, y = fiddle_prices(N, seed=7335)
    # log10 of the hammer price in euros: ~3.5 +- 0.5 (a thousand to a hundred thousand).
    y = (3.5 + 0.5 * y).astype("float32")
    head = keras.layers.Dense(1, activation="sigmoid" if broken else None)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), head])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# Pinned at ~6.49 within the first ~40 steps: approximate.
@holdout73("fiddlers", ["loss_activation_mismatch"], stall_begins=40)
def fiddle_price_sigmoid_head(session):
    """A fiddle's hammer price as log10 of euros (~3.5 +- 0.5) from ten features by an MLP
    64-32 relu under mean squared error, Adam 2e-3, with the Dense(1, activation='sigmoid')
    head kept from the workshop's 'sells above estimate' classifier: the predictions are
    confined to (0, 1), every price lies above the band, and the loss stops at the squared
    distance to 1 once the sigmoid is pinned there."""
    return _gate_head(session, True)


def _positive_uniform(session, broken):
    keras = _keras()
    x, y = grade_features(N, seed=7336)
    init = (keras.initializers.RandomUniform(minval=0.0, maxval=1.0) if broken
            else "glorot_uniform")
    model = keras.Sequential([keras.Input((12,)),
                              keras.layers.Dense(64, activation="relu", kernel_initializer=init),
                              keras.layers.Dense(64, activation="relu", kernel_initializer=init),
                              keras.layers.Dense(64, activation="relu", kernel_initializer=init),
                              keras.layers.Dense(5, activation="softmax", kernel_initializer=init)])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# From ~700 it falls to ~9 in four epochs and bounces between 9 and 15: approximate.
@holdout73("fiddlers", ["poor_initialization"], stall_begins=130)
def bow_grade_uniform_zero_one(session):
    """A bow's grade (5) by an MLP 64-64-64 relu with kernel_initializer=RandomUniform(
    minval=0.0, maxval=1.0) ('weights between 0 and 1'), Adam 1e-3: every weight is positive
    and large, the units of a layer are near copies of one another and the logits are
    thousands apart, so every bow is confidently given the same grade."""
    return _positive_uniform(session, True)
