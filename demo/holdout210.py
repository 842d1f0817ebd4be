"""The two-hundred-and-tenth held-out catalogue: written by someone who did not read the engine
or run the diagnosis on these runs, and scored once.

Written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every broken scenario was checked only from its
own per-epoch loss (Keras History, with Session(None)) against the same model trained without
its mistake (each helper `_name(session, broken)` trains both). It holds 20 scenarios, not 24:
four broken ones did not stall and were dropped (below).

Four trades, each with its own numpy generator (seeds 21001..21036), the last PROBE_SIZE rows
of every data set being the probe: lace bobbiners (pillow readings -> pattern, thread tension,
12x12 pricking-card patches), gate hangers (swing logs of hinge angle and latch strain -> fault
kind, a season of load and rain -> sag), hedge wardens (species-token surveys -> condition,
blight, bird counts) and barrel coopers (stave moisture profiles -> monthly loss, the cooper's
ledger -> weeping, hoops reset as counts).

Healthy half (12, nothing to fix). Bobbiners: tension with scatter growing with one reading,
MLP under Nadam; stitch kinds by a Conv2D net under SGD with Nesterov momentum and
ExponentialDecay, 15% of labels wrong; pattern by an MLP under Lion with label_smoothing=0.1.
Gate hangers: sag by a GRU under the log-cosh loss against Student-t error (flat early, far
above zero); fault kind by a Conv1D net under CosineDecayRestarts, a tenth wrong; sag in a
hand-written GradientTape loop, LSTM under MAE and Adamax. Hedge wardens: condition by Embedding
and a MultiHeadAttention block with LayerNormalization under RMSprop and InverseTimeDecay, a
fifth wrong; a one-in-sixteen blight weighted by class_weight; 224 surveys memorised by a
Bidirectional GRU over 40 epochs. Coopers: the 0.9 quantile of stave loss in a custom loop
(pinball, SGD with momentum, heteroscedastic scatter); weeping from a noisy coin under Adam with
ReduceLROnPlateau; hoops reset as Poisson counts by a two-input model (cooperage Embedding plus
numeric readings) with an exponential head under keras's Poisson loss.

Broken half (8). Bobbiners: keras.layers.ReLU(threshold=2.0) read as a cap (dead units);
Adadelta left at Keras's default 0.001 when the copied recipe assumed 1.0 (the loss barely
moves); a Conv2D with its activation left at None, so the net is linear (capacity). Gate
hangers: a SimpleRNN whose recurrent kernel is RandomNormal(0.6), chaotic, gradients growing
through time (exploding, it thrashes near the target variance); AdamW(weight_decay=3.0) set in
the wrong units (over-regularization, reaches its shelf in the sixth epoch). Hedge wardens:
Adam at 1.0 copied from an Adagrad recipe (one huge first epoch, then near chance); np.log of
a gap count that is zero in three rows read in file order (-inf in the inputs; the loss then
freezes at a finite constant, since ReLU maps NaN to zero). Coopers: every Conv1D and Dense
kernel from RandomNormal(1e-3) under SGD (poor initialization, flat at the target variance).

Dropped because they did not behave as intended: a tanh MLP with RandomNormal(stddev 2 or 5)
kernels meant to pin its units (saturated_activations) learned as well as the Glorot one; a
sigmoid head under BinaryCrossentropy(from_logits=True), and before it a Dense(1) softmax head
(loss_activation_mismatch), both still learned under Keras 3; seven stacked sigmoid Conv1D
layers (vanishing_gradients) sat at chance, but so did the ReLU control, so nothing was shown;
the ledger's raw columns (unnormalized_inputs) bounced and kept falling under Adam and barely
moved either way under SGD at 1e-4. A one-filter conv (capacity) kept improving and was replaced
by the linear conv, and an all-'ones' init (poor initialization) started at 1e8 and kept falling,
replaced by the tiny-normal init. Not written because earlier catalogues hold them: label noise
with plain Adam MLPs, Huber loss on Student-t noise, PiecewiseConstantDecay, warm-up then
cosine, zero or tiny MLP init, L2 of ten, dropout 0.95, negative biases, raw pixel values,
NaN in features or targets, a hand-written cross-entropy.

Labels: `expected_causes[0]` is the root cause each broken run was built around (one cause
each); `stall_begins` is the optimizer step from which the loss stops improving, None from the
start. The non-finite run's step is exact (batch 15 in file order, 32 rows a batch); the
over-regularization run's 176 is approximate, read off the epoch means (32 steps an epoch).
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('lace_bobbiners', 'gate_hangers', 'hedge_wardens', 'barrel_coopers')
REGISTRY = []
holdout210 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data


def _pillow(n, seed, noise=0.3, label_flip=0.0, classes=4):
    """A lace pillow's ten readings (pin spacing, thread twist, bobbin pairs...) -> pattern."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 10)).astype("float32")
    w = rng.normal(size=(10, classes))
    score = np.tanh(x[:, :5] @ w[:5]) + 0.5 * (x[:, 5:] ** 2) @ w[5:] / 5
    score += noise * rng.normal(size=score.shape)
    y = score.argmax(axis=1)
    flip = rng.random(n) < label_flip
    y[flip] = rng.integers(0, classes, flip.sum())
    return x, y.astype("int64")


def _tension(n, seed, scale=1.0):
    """Thread tension from ten pillow readings, scatter growing with the load."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 10)).astype("float32")
    mean = np.sin(x[:, 0]) + 0.6 * x[:, 1] * x[:, 2] + 0.4 * x[:, 3] ** 2 - 0.5 * x[:, 4]
    y = mean + scale * (0.3 + 0.3 * np.abs(x[:, 5])) * rng.normal(size=n)
    return x, y.astype("float32").reshape(-1, 1)


def _pricking(n, seed, label_flip=0.0):
    """12x12 pricking-card patches: four stitch kinds drawn as stripes/dots in noise."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, n)
    img = 0.6 * rng.normal(size=(n, 12, 12, 1))
    r = np.arange(12)
    for i in range(n):
        k = y[i]
        off = rng.integers(0, 3)
        if k == 0:
            img[i, (r + off) % 3 == 0, :, 0] += 1.0
        elif k == 1:
            img[i, :, (r + off) % 3 == 0, 0] += 1.0
        elif k == 2:
            img[i, ((r[:, None] + r[None, :] + off) % 4 == 0), 0] += 1.0
        else:
            img[i, ((r[:, None] - r[None, :] + off) % 4 == 0), 0] += 1.0
    flip = rng.random(n) < label_flip
    y[flip] = rng.integers(0, 4, flip.sum())
    return img.astype("float32"), y.astype("int64")


def _swing(n, seed, steps=40, label_flip=0.0):
    """A gate's swing log: hinge angle and latch strain over `steps` readings -> fault kind."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    t = np.linspace(0, 1, steps)
    freq = np.array([2.0, 3.5, 5.0])[y][:, None] + 0.3 * rng.normal(size=(n, 1))
    phase = rng.uniform(0, 2 * np.pi, (n, 1))
    a = np.sin(2 * np.pi * freq * t + phase)
    b = np.exp(-t * (1 + y[:, None])) + 0.1 * rng.normal(size=(n, steps))
    x = np.stack([a + 0.5 * rng.normal(size=(n, steps)), b], axis=-1)
    flip = rng.random(n) < label_flip
    y[flip] = rng.integers(0, 3, flip.sum())
    return x.astype("float32"), y.astype("int64")


def _sag(n, seed, steps=30, noise=0.3):
    """A gate's sag in mm after a season, from 30 weekly readings of load and rain."""
    rng = np.random.default_rng(seed)
    load = rng.gamma(2.0, 1.0, (n, steps))
    rain = rng.normal(size=(n, steps))
    w = np.exp(-np.linspace(0, 3, steps))[::-1]
    y = (load * w).sum(1) / w.sum() + 0.3 * (rain[:, -5:]).mean(1)
    y = (y - y.mean()) / y.std() + noise * rng.standard_t(3, n)
    x = np.stack([(load - 2) / 1.4, rain], axis=-1)
    return x.astype("float32"), y.astype("float32").reshape(-1, 1)


def _hedgerow(n, seed, vocab=60, length=20, label_flip=0.0, classes=3):
    """A hedgerow survey as species tokens (0 is padding) -> the hedge's condition class."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, classes, n)
    tokens = rng.integers(1, vocab, (n, length))
    markers = 1 + (np.arange(classes)[:, None] * 7 + np.arange(5)[None, :])
    for i in range(n):
        k = rng.integers(3, 7)
        pos = rng.choice(length, k, replace=False)
        tokens[i, pos] = rng.choice(markers[y[i]], k)
    flip = rng.random(n) < label_flip
    y[flip] = rng.integers(0, classes, flip.sum())
    return tokens.astype("int32"), y.astype("int64")


def _stave(n, seed, steps=48, noise=0.4):
    """A barrel's stave moisture profile (48 points round the belly) -> litres lost a month."""
    rng = np.random.default_rng(seed)
    base = rng.normal(size=(n, 1))
    bumps = np.zeros((n, steps))
    centers = rng.integers(0, steps, (n, 3))
    heights = rng.gamma(2.0, 0.5, (n, 3))
    g = np.arange(steps)
    for j in range(3):
        bumps += heights[:, j:j + 1] * np.exp(-0.5 * ((g - centers[:, j:j + 1]) / 2.0) ** 2)
    x = base + bumps + 0.2 * rng.normal(size=(n, steps))
    y = heights.max(1) + 0.3 * base[:, 0]
    y = (y - y.mean()) / y.std()
    y = y + noise * (0.5 + 0.5 * np.abs(base[:, 0])) * rng.normal(size=n)
    return x[..., None].astype("float32"), y.astype("float32").reshape(-1, 1)


def _ledger(n, seed):
    """A cooper's ledger: oak age (years), stave count, head diameter (mm), toast minutes,
    hoop weight (g) and cellar humidity (%) -> whether the barrel weeps (leaks)."""
    rng = np.random.default_rng(seed)
    age = rng.uniform(1, 6, n)
    staves = rng.integers(26, 34, n).astype(float)
    diam = rng.normal(560, 25, n)
    toast = rng.uniform(10, 40, n)
    hoop = rng.normal(2400, 300, n)
    hum = rng.uniform(55, 90, n)
    x = np.stack([age, staves, diam, toast, hoop, hum], axis=1)
    z = _standardize(x)
    logit = 1.5 * z[:, 0] - 1.2 * z[:, 5] + z[:, 2] * z[:, 3] - 0.8 * z[:, 4] ** 2 + 0.5
    y = (rng.random(n) < 1 / (1 + np.exp(-2 * logit))).astype("float32")
    return x.astype("float32"), y.reshape(-1, 1)


# ---------------------------------------------------------------------------------------------
# lace_bobbiners


@holdout210("lace_bobbiners", healthy=True)
def tension_nadam_heteroscedastic(session):
    """Thread tension on a lace pillow from ten standardized readings, with a scatter that grows
    with one reading (the bobbin's swing), by an MLP 64-64 under Nadam and MSE: a quick fall,
    then a floor far above zero at the noise variance."""
    keras = _keras()
    x, y = _tension(N, seed=21001)
    model = _mlp(keras, 10, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Nadam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout210("lace_bobbiners", healthy=True)
def pricking_cnn_exponential_decay(session):
    """Stitch kind on 12x12 pricking-card patches by a Conv2D 8-16 net under SGD with Nesterov
    momentum and an ExponentialDecay schedule, 15% of the apprentice's labels wrong: the loss
    falls and levels off near the label noise's entropy."""
    keras = _keras()
    x, y = _pricking(N, seed=21002, label_flip=0.15)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    schedule = keras.optimizers.schedules.ExponentialDecay(0.05, decay_steps=200, decay_rate=0.7)
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9, nesterov=True),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout210("lace_bobbiners", healthy=True)
def pattern_label_smoothing_lion(session):
    """Lace pattern (four kinds) from ten pillow readings by an MLP 64-32 under the Lion
    optimizer with label_smoothing=0.1 on one-hot targets and noisy class boundaries: the
    smoothed cross-entropy cannot go below its own floor, and sits well above zero."""
    keras = _keras()
    x, y = _pillow(N, seed=21003, noise=0.4)
    model = _mlp(keras, 10, [64, 32], 4)
    model.compile(keras.optimizers.Lion(3e-4),
                  keras.losses.CategoricalCrossentropy(label_smoothing=0.1))
    return _fit(session, model, x, np.eye(4, dtype="float32")[y], epochs=20, batch_size=32)


def _pillow_dead_threshold(session, broken):
    keras = _keras()
    x, y = _pillow(N, seed=21004, noise=0.2)
    # The bobbiner wanted a ReLU "that starts at 2" to cap noise; `threshold` zeroes everything
    # below 2, so almost every unit sits at zero with no gradient.
    act = (lambda: keras.layers.ReLU(threshold=2.0)) if broken else keras.layers.ReLU
    model = keras.Sequential([
        keras.Input((10,)),
        keras.layers.Dense(64), act(),
        keras.layers.Dense(64), act(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout210("lace_bobbiners", ["dead_relus"], stall_begins=None)
def pillow_relu_threshold(session):
    """Lace pattern from ten pillow readings by an MLP whose hidden layers are Dense followed by
    keras.layers.ReLU(threshold=2.0): the argument was read as a cap, but it zeroes every
    pre-activation below 2, so nearly all units output zero with zero gradient from the start."""
    return _pillow_dead_threshold(session, True)


def _tension_adadelta(session, broken):
    keras = _keras()
    x, y = _tension(N, seed=21005, scale=0.5)
    model = _mlp(keras, 10, [64, 64], 1, out_activation=None)
    # Adadelta's paper uses a learning rate of 1.0; Keras's default is 0.001.
    opt = keras.optimizers.Adadelta() if broken else keras.optimizers.Adadelta(1.0)
    model.compile(opt, "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout210("lace_bobbiners", ["learning_rate_too_low"], stall_begins=None)
def tension_adadelta_default(session):
    """Thread tension by an MLP 64-64 under Adadelta left at Keras's default learning rate
    (0.001) when the recipe it was copied from relied on the paper's 1.0: the loss barely moves
    from its starting value over twenty epochs."""
    return _tension_adadelta(session, True)


def _pricking_capacity(session, broken):
    keras = _keras()
    x, y = _pricking(N, seed=21006)
    # Conv2D's activation defaults to None: without "relu" the whole net is linear.
    act = None if broken else "relu"
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation=act, padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-2), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout210("lace_bobbiners", ["insufficient_capacity"], stall_begins=None)
def pricking_linear_conv(session):
    """Stitch kind on pricking-card patches by Conv2D(8, 3) -> GlobalAveragePooling2D -> softmax
    with the conv's activation left at its default (None): the whole net is a linear map of the
    patch's mean pixel neighbourhoods, which cannot tell stripe and diagonal orientations at
    random offsets apart, and the loss stays near chance where the ReLU version falls to near
    zero."""
    return _pricking_capacity(session, True)


# ---------------------------------------------------------------------------------------------
# gate_hangers


@holdout210("gate_hangers", healthy=True)
def sag_gru_log_cosh(session):
    """A gate's sag after a season from thirty weekly readings of load and rain, by a GRU(16)
    under the log-cosh loss and Adam, with Student-t (3 dof) measurement error: a quick fall,
    then a slow tail that flattens far above zero."""
    keras = _keras()
    x, y = _sag(N, seed=21011, noise=0.4)
    model = keras.Sequential([keras.Input((30, 2)), keras.layers.GRU(16), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.LogCosh())
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout210("gate_hangers", healthy=True)
def swing_conv1d_cosine_restarts(session):
    """A gate's fault kind (three) from forty readings of hinge angle and latch strain, by a
    Conv1D 16-16 net under Adam with CosineDecayRestarts, a tenth of the calls wrong: the loss
    steps down with a small bump at each restart and settles above the label-noise floor."""
    keras = _keras()
    x, y = _swing(N, seed=21012, label_flip=0.1)
    model = keras.Sequential([
        keras.Input((40, 2)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    schedule = keras.optimizers.schedules.CosineDecayRestarts(3e-3, first_decay_steps=96)
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


@holdout210("gate_hangers", healthy=True)
def sag_custom_loop_mae_adamax(session):
    """The gate's sag in a hand-written GradientTape loop: an LSTM(16) under the mean absolute
    error and Adamax against heavy-tailed (Student-t) errors. MAE falls quickly and then eases
    down toward the noise's mean absolute deviation, far above zero."""
    keras = _keras()
    x, y = _sag(N, seed=21013, noise=0.5)
    model = keras.Sequential([keras.Input((30, 2)), keras.layers.LSTM(16),
                              keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adamax(5e-3),
                        keras.losses.MeanAbsoluteError(), x, y, epochs=12, batch_size=32,
                        seed=21013)


def _sag_exploding(session, broken):
    keras = _keras()
    x, y = _sag(N, seed=21015, noise=0.2)
    init = (keras.initializers.RandomNormal(stddev=0.6) if broken
            else keras.initializers.Orthogonal())
    model = keras.Sequential([
        keras.Input((30, 2)),
        keras.layers.SimpleRNN(32, recurrent_initializer=init),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout210("gate_hangers", ["exploding_gradients"], stall_begins=None)
def sag_rnn_wide_recurrent_init(session):
    """The gate's sag by a SimpleRNN(32) whose recurrent kernel was drawn from
    RandomNormal(stddev=0.6) (a recipe for input kernels) instead of orthogonal: its gain is
    about 3.4, the recurrence is chaotic over thirty weeks, back-propagated gradients grow with
    every step and SGD with momentum only thrashes, the loss staying near the target's variance
    where the orthogonal version falls to a seventh of it."""
    return _sag_exploding(session, True)


STALL_ADAMW = 176  # approximate: the loss reaches its shelf during the sixth epoch


def _swing_adamw_decay(session, broken):
    keras = _keras()
    x, y = _swing(N, seed=21016)
    model = keras.Sequential([
        keras.Input((40, 2)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    # weight_decay is decoupled and multiplied by the learning rate each step; 3.0 was meant for
    # a coupled L2 term in other units, here it shrinks every weight by 1.5% a step.
    wd = 3.0 if broken else 1e-4
    model.compile(keras.optimizers.AdamW(5e-3, weight_decay=wd), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout210("gate_hangers", ["over_regularization"], stall_begins=STALL_ADAMW)
def swing_adamw_weight_decay(session):
    """The gate's fault kind by a Conv1D net under AdamW(5e-3, weight_decay=3.0): the decay was
    set as if it were an L2 coefficient in a paper's units, but AdamW applies it decoupled,
    shrinking every weight by 1.5% per step, so the weights are held near zero and the loss
    stays near chance."""
    return _swing_adamw_decay(session, True)


# ---------------------------------------------------------------------------------------------
# hedge_wardens


@holdout210("hedge_wardens", healthy=True)
def survey_attention_inverse_time(session):
    """A hedgerow's condition (three classes) from a 20-token species survey by an Embedding(24),
    a MultiHeadAttention block with a residual and LayerNormalization and global average
    pooling, under RMSprop with InverseTimeDecay, a fifth of the wardens' calls wrong: the loss
    levels off near the label noise's floor."""
    keras = _keras()
    x, y = _hedgerow(N, seed=21021, label_flip=0.2)
    inp = keras.Input((20,), dtype="int32")
    h = keras.layers.Embedding(60, 24)(inp)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=12)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    out = keras.layers.Dense(3, activation="softmax")(h)
    model = keras.Model(inp, out)
    schedule = keras.optimizers.schedules.InverseTimeDecay(3e-3, decay_steps=100, decay_rate=0.5)
    model.compile(keras.optimizers.RMSprop(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout210("hedge_wardens", healthy=True)
def rare_blight_class_weight(session):
    """Whether a hedge carries fireblight (about one in sixteen) from ten survey readings, by an
    MLP 32-32 with LayerNormalization and class_weight {0: 1, 1: 8}: the weighted loss falls
    slowly and stays well above zero, since the blight is only partly predictable."""
    keras = _keras()
    rng = np.random.default_rng(21022)
    x = rng.normal(size=(N, 10)).astype("float32")
    logit = 1.4 * x[:, 0] - x[:, 1] + 0.8 * x[:, 2] * x[:, 3] - 3.4
    y = (rng.random(N) < 1 / (1 + np.exp(-logit))).astype("float32").reshape(-1, 1)
    model = keras.Sequential([
        keras.Input((10,)),
        keras.layers.Dense(32, activation="relu"), keras.layers.LayerNormalization(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    (xt, yt), probe = (x[:-PROBE_SIZE], y[:-PROBE_SIZE]), (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(xt, yt, epochs=20, batch_size=32, verbose=0,
                        class_weight={0: 1.0, 1: 8.0}, callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout210("hedge_wardens", healthy=True)
def small_survey_bidirectional_overfit(session):
    """Only 224 training surveys of the hedge's condition by an Embedding(16) and a
    Bidirectional GRU(16) under Adam for 40 short epochs, a tenth of
    the calls wrong: the loss keeps sliding as the network memorises its few examples."""
    keras = _keras()
    x, y = _hedgerow(224 + PROBE_SIZE, seed=21023, label_flip=0.1)
    model = keras.Sequential([
        keras.Input((20,), dtype="int32"),
        keras.layers.Embedding(60, 16),
        keras.layers.Bidirectional(keras.layers.GRU(16)),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


def _survey_embedding_lr(session, broken):
    keras = _keras()
    x, y = _hedgerow(N, seed=21024)
    model = keras.Sequential([
        keras.Input((20,), dtype="int32"),
        keras.layers.Embedding(60, 16),
        keras.layers.Conv1D(32, 3, activation="relu"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    # Adagrad's "lr=1.0" from an old sparse-features recipe, on a dense conv net under Adam.
    lr = 1.0 if broken else 3e-3
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout210("hedge_wardens", ["learning_rate_too_high"], stall_begins=None)
def survey_conv_adam_lr_one(session):
    """A hedge's condition from the species survey by Embedding, Conv1D and max pooling under
    Adam with learning_rate=1.0, carried over from an Adagrad recipe for sparse features: the
    first steps throw the weights far off, the ReLU units die or saturate the softmax, and the
    loss sits at or above chance."""
    return _survey_embedding_lr(session, True)


def _survey_log_feature(session, broken):
    keras = _keras()
    rng = np.random.default_rng(21026)
    x = rng.normal(size=(N, 8))
    gaps = rng.poisson(np.exp(2.0 + 0.4 * x[:, 0]))  # gaps in the hedge per km
    gaps[GAPLESS_ROW:GAPLESS_ROW + 3] = 0  # three newly laid hedges, no gaps yet
    y = (x[:, 1] + 0.8 * np.log1p(gaps) - 1.6 + 0.4 * rng.normal(size=N)).astype("float32")
    # np.log of a count that can be zero gives -inf; log1p was intended.
    with np.errstate(divide="ignore"):
        feat = np.log(gaps) if broken else np.log1p(gaps)
    x = np.column_stack([x, feat]).astype("float32")
    model = _mlp(keras, 9, [32, 32], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y.reshape(-1, 1), epochs=10, batch_size=32, shuffle=False)


GAPLESS_ROW = 488  # read in file order, batch 32: first reached in step 15 (488 // 32)


@holdout210("hedge_wardens", ["non_finite_values"], stall_begins=GAPLESS_ROW // 32)
def survey_log_of_zero_gaps(session):
    """A hedge's bird count from eight survey readings and the log of its gaps per km, read in
    file order: three newly laid hedges have no gaps, np.log(0) puts -inf in the features; from
    the batch that holds them the first layer's weights turn NaN, the ReLUs map NaN to zero and
    the loss freezes at a constant for the rest of the run (np.log1p was intended)."""
    return _survey_log_feature(session, True)


# ---------------------------------------------------------------------------------------------
# barrel_coopers


@holdout210("barrel_coopers", healthy=True)
def stave_quantile_custom_loop(session):
    """The 0.9 quantile of a barrel's monthly loss from a 48-point stave moisture profile, by a
    Conv1D 16-16 net in a hand-written GradientTape loop under the pinball loss and SGD with
    momentum; the scatter grows with the wood's base moisture, so the loss flattens far above
    zero."""
    import tensorflow as tf

    keras = _keras()
    x, y = _stave(N, seed=21031)
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(1),
    ])

    def pinball(targets, predictions):
        error = targets - predictions
        return tf.reduce_mean(tf.maximum(0.9 * error, -0.1 * error))

    return _custom_loop(session, model, keras.optimizers.SGD(0.02, momentum=0.9), pinball, x, y,
                        epochs=15, batch_size=32, seed=21031)


@holdout210("barrel_coopers", healthy=True)
def ledger_weeping_reduce_on_plateau(session):
    """Whether a barrel weeps, from six standardized ledger columns whose outcome is a noisy coin
    given them, by an MLP 64-32 under Adam with ReduceLROnPlateau on the training loss: a quick
    fall to a shelf well above zero, the learning-rate cuts flattening it further."""
    keras = _keras()
    x, y = _ledger(N, seed=21032)
    model = _mlp(keras, 6, [64, 32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=2)
    return _fit(session, model, _standardize(x), y, epochs=20, batch_size=32,
                callbacks=[plateau])


@holdout210("barrel_coopers", healthy=True)
def hoops_poisson_two_inputs(session):
    """Hoops reset in a year (Poisson counts) from the cooperage (one of twelve, by an
    Embedding(4)) and five standardized barrel readings, a two-input functional model with an
    exponential head under keras's Poisson loss: the loss settles where the counts' own
    randomness leaves it (Keras omits log(y!))."""
    keras = _keras()
    rng = np.random.default_rng(21033)
    shop = rng.integers(0, 12, N)
    x = rng.normal(size=(N, 5)).astype("float32")
    rate = np.exp(0.3 + 0.5 * x[:, 0] - 0.3 * x[:, 1] + rng.normal(0, 0.5, 12)[shop])
    y = rng.poisson(rate).astype("float32").reshape(-1, 1)
    shop_in = keras.Input((1,), dtype="int32")
    num_in = keras.Input((5,))
    e = keras.layers.Flatten()(keras.layers.Embedding(12, 4)(shop_in))
    h = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([e, num_in]))
    out = keras.layers.Dense(1, activation="exponential")(h)
    model = keras.Model([shop_in, num_in], out)
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    train, probe = slice(None, -PROBE_SIZE), slice(-PROBE_SIZE, None)
    s = shop.reshape(-1, 1).astype("int32")
    history = model.fit([s[train], x[train]], y[train], epochs=15, batch_size=32, verbose=0,
                        callbacks=session.callbacks(([s[probe], x[probe]], y[probe])))
    return history.history["loss"]


def _stave_tiny_init(session, broken):
    keras = _keras()
    x, y = _stave(N, seed=21036)
    # A "small" init copied from an old tutorial, for every layer.
    init = (keras.initializers.RandomNormal(stddev=1e-3) if broken
            else keras.initializers.GlorotUniform())
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(1, kernel_initializer=init),
    ])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout210("barrel_coopers", ["poor_initialization"], stall_begins=None)
def stave_conv_tiny_init(session):
    """A barrel's monthly loss from its stave moisture profile by a Conv1D 16-16 net whose every
    kernel is drawn from RandomNormal(stddev=1e-3), copied from an old tutorial, under SGD with
    momentum: the signal and its gradient shrink a thousandfold through each layer, and the
    loss sits at the target's variance where the Glorot-initialized net falls."""
    return _stave_tiny_init(session, True)
