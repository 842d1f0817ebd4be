"""The two-hundred-and-fourth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades give the data stories: sheep dippers (tabular yard records: dip minutes, fleece
weight, scab risk), harness menders (stitch-by-stitch sensor traces and job-ticket part
codes), quill cutters (12x12 loupe images of cut nibs) and ink grinders (grinding logs).

Healthy half (12 runs, correct models trained correctly): a Huber regression with Student-t
noise; a rare positive class with class_weight and flipped marks; SGD with momentum on a
PiecewiseConstantDecay schedule under heteroscedastic noise; a GRU with ReduceLROnPlateau; an
LSTM with 20% random labels; an embedding model with a Poisson loss on count targets; a CNN on
a warm-up then cosine schedule; a CNN that overfits 160 images; a pinball (quantile) CNN in a
GradientTape loop; a self-attention block; a two-input model with an embedding, still
improving slowly at the end; and a tanh MLP in a GradientTape loop on coarse, noisy targets.

Broken half (11 runs, one per cause): raw yard columns in their units (SGD); RMSprop at 0.3;
l2(0.5) on every layer; a 12-layer sigmoid stack; Conv1D and Dense relus with a -4 bias; a
sigmoid output on a millimetre regression target; a CNN with one filter per layer; a CNN with
zero kernels; a 0/0 ratio feature that makes the loss NaN from a known step; sigmoid layers
with a +8 bias trained by SGD; Adam at 3e-7 in a GradientTape loop. Each was trained beside its
fixed twin with Session(None): the broken one stays flat well above the fixed one.

Dropped: exploding_gradients (a relu SimpleRNN with 1.3x and then 1.1x identity recurrence and
no clipping went NaN from the first epoch, so it is not a stall); a first vanishing-gradient
try (SimpleRNN on a long-range memory task), because the GRU twin could not learn it either;
a first loss/activation mismatch (softmax over a single unit with binary cross-entropy),
because Keras recovered the logits and the run learned.

Labels: expected_causes holds the one root cause. stall_begins is None (from the start) for
every broken run but the NaN one, whose step is exact (row 700 read in file order with batch
32 arrives in step 21, 0-based)."""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _standardize, registrar

FAMILIES = ('sheep_dippers', 'harness_menders', 'quill_cutters', 'ink_grinders')
REGISTRY = []
holdout204 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data


def _flock_raw(n, seed):
    """Raw dipping-yard records: fleece kg, flock size, dip ppm, water degC, age in days,
    minutes in the race. Returns the raw columns and a latent 'scab risk' score."""
    rng = np.random.default_rng(seed)
    fleece = rng.normal(4.5, 1.0, n)
    flock = rng.uniform(300, 2000, n)
    ppm = rng.normal(2200, 350, n)
    temp = rng.normal(12, 4, n)
    age = rng.uniform(200, 2500, n)
    minutes = rng.gamma(4.0, 0.5, n)
    raw = np.stack([fleece, flock, ppm, temp, age, minutes], axis=1)
    z = (raw - raw.mean(0)) / raw.std(0)
    score = (1.2 * z[:, 0] - 0.9 * z[:, 2] + 0.8 * z[:, 1] * z[:, 3] + np.sin(2 * z[:, 4])
             - 0.7 * z[:, 5] ** 2)
    return raw.astype("float32"), score


def _flock_classes(n, seed, classes=3):
    raw, score = _flock_raw(n, seed)
    edges = np.quantile(score, np.linspace(0, 1, classes + 1)[1:-1])
    return raw, np.digitize(score, edges).astype("int32")


def _stitch_sequences(n, length, seed, channels=3):
    """Harness-stitching sensor traces: awl pressure, thread tension, spacing, per stitch."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 1, (n, length, channels)).astype("float32")
    kernel = np.exp(-np.arange(length)[::-1] / (length / 4))
    trend = (x[:, :, 0] * kernel).sum(1) / np.sqrt((kernel ** 2).sum())
    bumps = np.tanh(x[:, :, 1] * x[:, :, 2]).mean(1) * np.sqrt(length)
    return x, trend, bumps


def _nib_images(n, seed, size=12, noise=0.6):
    """12x12 loupe images of cut quill nibs: a slit, a shoulder angle and a tip, in 4 cuts."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, n).astype("int32")
    yy, xx = np.mgrid[0:size, 0:size] / (size - 1) - 0.5
    x = np.empty((n, size, size, 1), "float32")
    for i in range(n):
        angle = (y[i] * 0.6 + rng.normal(0, 0.25)) + 0.3
        shift = rng.normal(0, 0.08, 2)
        u = np.cos(angle) * (xx - shift[0]) + np.sin(angle) * (yy - shift[1])
        v = -np.sin(angle) * (xx - shift[0]) + np.cos(angle) * (yy - shift[1])
        nib = np.exp(-(u ** 2) / 0.01) * (v > -0.1) + 0.5 * np.exp(-(v ** 2) / 0.02)
        x[i, :, :, 0] = nib + rng.normal(0, noise, (size, size))
    return x, y


def _ink_batches(n, seed):
    """Ink-stone grinding logs: strokes/min, water ml, stone grit, stick hardness, minutes."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 1, (n, 5)).astype("float32")
    darkness = 1.5 * np.tanh(x[:, 0] + 0.5 * x[:, 4]) - 0.8 * x[:, 1] + 0.4 * x[:, 2] * x[:, 3]
    return x, darkness


# ---------------------------------------------------------------------------------------------
# sheep_dippers: tabular records from a dipping yard


@holdout204("sheep_dippers", healthy=True)
def dip_minutes_huber(session):
    """Minutes each sheep spends in the dip race predicted from six standardized yard columns
    by a 2x64 relu MLP with Huber loss and Adam 2e-3; the recorded times carry Student-t (3 dof)
    noise from stuck gates and stopwatch slips, so the loss settles well above zero."""
    keras = _keras()
    raw, score = _flock_raw(N, seed=20401)
    rng = np.random.default_rng(20402)
    y = (score + 1.0 * rng.standard_t(3, N)).astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(delta=1.0))
    return _fit(session, model, _standardize(raw), y, epochs=20, batch_size=32)


@holdout204("sheep_dippers", healthy=True)
def rare_scab_class_weight(session):
    """Rare scab detection (about 4% positives) from standardized yard records: a 32-16 relu MLP
    with a sigmoid output and binary cross-entropy, Adam 1e-3, class_weight {0: 1, 1: 8} to
    compensate the imbalance; 10% of the inspectors' marks are wrong, so the weighted loss
    flattens far above zero."""
    keras = _keras()
    raw, score = _flock_raw(N, seed=20403)
    rng = np.random.default_rng(20404)
    y = (score > np.quantile(score, 0.96)).astype("float32")
    flip = rng.random(N) < 0.02
    y[flip] = 1 - y[flip]
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    x = _standardize(raw)
    n = N - PROBE_SIZE
    history = model.fit(x[:n], y[:n], epochs=20, batch_size=32, verbose=0,
                        class_weight={0: 1.0, 1: 8.0},
                        callbacks=session.callbacks((x[n:], y[n:])))
    return history.history["loss"]


@holdout204("sheep_dippers", healthy=True)
def fleece_weight_step_decay(session):
    """Fleece weight after dipping regressed from the yard columns by a 64-32 relu MLP with SGD
    (momentum 0.9) on a PiecewiseConstantDecay schedule (0.02, then 0.005 after step 300, then
    0.001 after step 600); heteroscedastic noise that grows with flock size keeps the MSE high,
    and each drop of the rate gives a small step down in the loss."""
    keras = _keras()
    raw, score = _flock_raw(N, seed=20405)
    rng = np.random.default_rng(20406)
    z = _standardize(raw)
    y = (score + rng.normal(0, 1, N) * (0.5 + 0.5 * np.abs(z[:, 1]))).astype("float32")
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([300, 600], [0.02, 0.005, 0.001])
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "mse")
    return _fit(session, model, z, y, epochs=25, batch_size=32)


def _raw_yard_columns(session, broken):
    keras = _keras()
    raw, y = _flock_classes(N, seed=20407)
    x = raw if broken else _standardize(raw)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.SGD(1e-3, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout204("sheep_dippers", ["unnormalized_inputs"], stall_begins=None)
def raw_yard_columns(session):
    """Scab-risk grade (3 classes) from the yard's columns fed in their recorded units (flock
    size in the thousands, dip strength in ppm around 2,200, age in days) to a 2x64 relu MLP
    with SGD 1e-3 and momentum; the standardization step of the notebook was skipped, so the
    huge columns swamp the others and the loss does not come down from chance-level."""
    return _raw_yard_columns(session, broken=True)


def _dip_grade_rmsprop(session, broken):
    keras = _keras()
    raw, y = _flock_classes(N, seed=20409)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.RMSprop(0.3 if broken else 1e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, _standardize(raw), y, epochs=20, batch_size=32)


@holdout204("sheep_dippers", ["learning_rate_too_high"], stall_begins=None)
def dip_grade_rmsprop(session):
    """The same scab-risk grade on standardized columns, 2x64 relu MLP, but RMSprop with
    learning_rate=0.3 (the value was carried over from an SGD recipe where it worked); the
    first updates throw the weights far away and the loss stays above chance for the run."""
    return _dip_grade_rmsprop(session, broken=True)


def _dip_strength_l2(session, broken):
    keras = _keras()
    raw, score = _flock_raw(N, seed=20411)
    rng = np.random.default_rng(20412)
    y = (score + rng.normal(0, 0.3, N)).astype("float32")
    reg = keras.regularizers.l2(0.5 if broken else 1e-5)
    model = keras.Sequential([keras.Input((6,)),
                              keras.layers.Dense(64, activation="relu", kernel_regularizer=reg),
                              keras.layers.Dense(64, activation="relu", kernel_regularizer=reg),
                              keras.layers.Dense(1, kernel_regularizer=reg)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, _standardize(raw), y, epochs=20, batch_size=32)


@holdout204("sheep_dippers", ["over_regularization"], stall_begins=None)
def dip_strength_l2(session):
    """Risk score regressed from standardized yard columns by a 2x64 relu MLP with Adam 2e-3,
    every layer carrying kernel_regularizer=l2(0.5) (the author meant 5e-5 and typed the
    weight-decay factor of another library); the penalty pins the weights near zero and the
    loss stalls at roughly the variance of the target."""
    return _dip_strength_l2(session, broken=True)


# ---------------------------------------------------------------------------------------------
# harness_menders: stitch-by-stitch sensor traces


@holdout204("harness_menders", healthy=True)
def stitch_gru_reduce_on_plateau(session):
    """Seam strength from a 30-stitch trace of three sensors, GRU(24) into a linear output, Adam
    3e-3 with ReduceLROnPlateau(factor 0.5, patience 2) on the training loss; the leather's
    own variation adds Gaussian noise of std 0.7, and the loss flattens there as the rate is
    halved."""
    keras = _keras()
    x, trend, bumps = _stitch_sequences(N, 30, seed=20413)
    rng = np.random.default_rng(20414)
    y = (trend + 0.5 * bumps + rng.normal(0, 0.7, N)).astype("float32")
    model = keras.Sequential([keras.Input((30, 3)), keras.layers.GRU(24), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    plateau = keras.callbacks.ReduceLROnPlateau("loss", factor=0.5, patience=2, min_lr=1e-4)
    return _fit(session, model, x, y, epochs=16, batch_size=32, callbacks=[plateau])


@holdout204("harness_menders", healthy=True)
def stitch_lstm_label_noise(session):
    """Which of three faults a mender logged for a 24-stitch trace, LSTM(24) with a softmax head,
    Adam 2e-3; a fifth of the fault labels were entered by apprentices at random, so the
    cross-entropy flattens far above zero."""
    keras = _keras()
    x, trend, bumps = _stitch_sequences(N, 24, seed=20415)
    rng = np.random.default_rng(20416)
    s = trend + bumps
    y = np.digitize(s, np.quantile(s, [1 / 3, 2 / 3])).astype("int32")
    noisy = rng.random(N) < 0.2
    y[noisy] = rng.integers(0, 3, noisy.sum())
    model = keras.Sequential([keras.Input((24, 3)), keras.layers.LSTM(24),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout204("harness_menders", healthy=True)
def part_codes_embedding(session):
    """Repair hours from the 12 part codes written on a job ticket (vocabulary 60): an
    Embedding(60, 16), global average pooling and a 32-unit relu layer, Poisson loss with an
    exponential output, Adam 3e-3; the hours are Poisson counts, so the loss levels off at the
    counts' own randomness."""
    keras = _keras()
    rng = np.random.default_rng(20417)
    codes = rng.integers(0, 60, (N, 12)).astype("int32")
    cost = rng.normal(0, 0.25, 60)
    rate = np.exp(0.8 + cost[codes].sum(1) / 2)
    y = rng.poisson(rate).astype("float32")
    model = keras.Sequential([keras.Input((12,), dtype="int32"), keras.layers.Embedding(60, 16),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit(session, model, codes, y, epochs=20, batch_size=32)


def _deep_sigmoid_harness(session, broken):
    keras = _keras()
    x, trend, bumps = _stitch_sequences(N, 8, seed=20419)
    s = trend + bumps
    y = np.digitize(s, np.quantile(s, [1 / 3, 2 / 3])).astype("int32")
    act, init = ("sigmoid", "glorot_uniform") if broken else ("relu", "he_normal")
    model = keras.Sequential(
        [keras.Input((24,)), keras.layers.Flatten()]
        + [keras.layers.Dense(32, activation=act, kernel_initializer=init) for _ in range(12)]
        + [keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x.reshape(N, 24), y, epochs=14, batch_size=32)


@holdout204("harness_menders", ["vanishing_gradients"], stall_begins=None)
def deep_sigmoid_harness(session):
    """Seam fault class (3) from an 8-stitch trace flattened to 24 numbers, a 12-layer stack of
    Dense(32, sigmoid) with SGD 0.02 and momentum (an old textbook network made deeper); each
    sigmoid layer shrinks the backward signal by at least four, the early layers receive
    nothing and the loss stays at chance, where the same stack with relu learns."""
    return _deep_sigmoid_harness(session, broken=True)


def _awl_conv_bias(session, broken):
    keras = _keras()
    x, trend, bumps = _stitch_sequences(N, 32, seed=20423)
    s = trend + bumps
    y = np.digitize(s, np.quantile(s, [0.25, 0.5, 0.75])).astype("int32")
    bias = keras.initializers.Constant(-4.0 if broken else 0.0)
    model = keras.Sequential([
        keras.Input((32, 3)),
        keras.layers.Conv1D(16, 5, activation="relu", bias_initializer=bias),
        keras.layers.Conv1D(16, 5, activation="relu", bias_initializer=bias),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation="relu", bias_initializer=bias),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout204("harness_menders", ["dead_relus"], stall_begins=None)
def awl_conv_bias(session):
    """Seam quality grade (4 classes) from a 32-stitch trace by two Conv1D(16, 5, relu) layers,
    pooling and a 16-unit relu layer, Adam 1e-3; every relu layer was given
    bias_initializer=Constant(-4.0) (copied from a sparse-coding example), so no unit ever
    fires on standardized inputs, no gradient reaches the weights and the loss sits at
    chance."""
    return _awl_conv_bias(session, broken=True)


# ---------------------------------------------------------------------------------------------
# quill_cutters: loupe images of cut nibs


@holdout204("quill_cutters", healthy=True)
def nib_cut_warmup_cosine(session):
    """Which of four cuts a quill nib has, from noisy 12x12 loupe images (the angles of
    neighbouring cuts overlap), a Conv2D 8-16 network with global pooling, Adam on a linear
    warm-up of 60 steps to 3e-3 followed by cosine decay over the rest of the run; the loss
    flattens where the overlapping cuts leave it."""
    keras = _keras()
    x, y = _nib_images(N, seed=20425)
    steps = 18 * 32
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, steps - 60, warmup_target=3e-3, warmup_steps=60)
    model = keras.Sequential([
        keras.Input((12, 12, 1)), keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(), keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=18, batch_size=32)


@holdout204("quill_cutters", healthy=True)
def few_nibs_overfit(session):
    """Only 160 photographed nibs (plus the probe) for the four-cut problem, a Conv2D 16-32
    network with a 64-unit dense layer, Adam 2e-3 for 40 epochs; the training loss keeps
    falling toward zero as the network memorises the small set, which is what small data does
    and not a fault of the training."""
    keras = _keras()
    x, y = _nib_images(160 + PROBE_SIZE, seed=20426, noise=0.5)
    model = keras.Sequential([
        keras.Input((12, 12, 1)), keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(), keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.Flatten(), keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


@holdout204("quill_cutters", healthy=True)
def slit_length_quantile_loop(session):
    """The 90th percentile of slit length a cutter's knife will produce, from the mean loupe
    image of its nib cut, a Conv2D 8-16 network trained in a GradientTape loop with the pinball
    loss at q=0.9 and Adam 2e-3; the lengths are skewed and noisy, so the pinball loss levels
    off well above zero."""
    keras = _keras()
    x, cut = _nib_images(N, seed=20427)
    rng = np.random.default_rng(20428)
    y = (0.5 * cut + rng.gamma(2.0, 0.5, N)).astype("float32")[:, None]

    def pinball(target, pred, q=0.9):
        err = target - pred
        return keras.ops.mean(keras.ops.maximum(q * err, (q - 1) * err))

    model = keras.Sequential([
        keras.Input((12, 12, 1)), keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(), keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), pinball, x, y, epochs=15,
                        batch_size=32, seed=20429, loss_description="pinball q=0.9")


def _slit_mm_sigmoid(session, broken):
    keras = _keras()
    x, cut = _nib_images(N, seed=20430)
    rng = np.random.default_rng(20446)
    y = (3.0 + 1.2 * cut + rng.normal(0, 0.4, N)).astype("float32")
    model = keras.Sequential([
        keras.Input((12, 12, 1)), keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(), keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid" if broken else None)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout204("quill_cutters", ["loss_activation_mismatch"], stall_begins=None)
def slit_mm_sigmoid(session):
    """Slit length in millimetres (3 to 7 mm) regressed from loupe images by a small Conv2D
    network with MSE, Adam 2e-3, but the output unit kept activation='sigmoid' from the
    broad-or-fine classifier it was adapted from; predictions cannot exceed 1 mm, the output
    saturates against its ceiling and the loss stalls far above the linear-output model's."""
    return _slit_mm_sigmoid(session, broken=True)


def _one_filter_nib(session, broken):
    keras = _keras()
    x, y = _nib_images(N, seed=20431)
    filters = (1, 1) if broken else (8, 16)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(filters[0], 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(filters[1], 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout204("quill_cutters", ["insufficient_capacity"], stall_begins=None)
def one_filter_nib(session):
    """The four-cut problem with Conv2D(1) - pool - Conv2D(1) - global pool - softmax: the
    filter counts were written as a tuple of ones while testing shapes and never set back, so
    every image is summarised by one number and the loss levels off far above what 8 and 16
    filters reach, Adam 3e-3."""
    return _one_filter_nib(session, broken=True)


def _zero_kernel_nib(session, broken):
    keras = _keras()
    x, y = _nib_images(N, seed=20432)
    init = "zeros" if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu", kernel_initializer=init),
        keras.layers.Dense(4, activation="softmax", kernel_initializer=init)])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout204("quill_cutters", ["poor_initialization"], stall_begins=None)
def zero_kernel_nib(session):
    """The four-cut network with kernel_initializer='zeros' on every layer (set to make runs
    'reproducible'), Adam 2e-3: all units compute the same zero, relu passes no gradient back
    and only the output bias learns, so the loss stalls at the class prior."""
    return _zero_kernel_nib(session, broken=True)


# ---------------------------------------------------------------------------------------------
# ink_grinders: ink-stone grinding logs


@holdout204("ink_grinders", healthy=True)
def stroke_attention(session):
    """Ink darkness after 16 grinding intervals, each logged as strokes, water and pressure: a
    Dense(16) projection, one MultiHeadAttention(2 heads) self-attention block with a residual,
    pooling and a linear output, Adam 2e-3; the stone's wear adds noise of std 0.5 and the loss
    flattens there."""
    keras = _keras()
    rng = np.random.default_rng(20433)
    x = rng.normal(0, 1, (N, 16, 3)).astype("float32")
    y = (np.tanh(x[:, :, 0] * x[:, :, 2]).sum(1) / 3 - x[:, -4:, 1].mean(1)
         + rng.normal(0, 0.5, N)).astype("float32")
    inp = keras.Input((16, 3))
    h = keras.layers.Dense(16)(inp)
    h = keras.layers.LayerNormalization()(h + keras.layers.MultiHeadAttention(2, 8)(h, h))
    h = keras.layers.GlobalAveragePooling1D()(h)
    out = keras.layers.Dense(1)(keras.layers.Dense(16, activation="relu")(h))
    model = keras.Model(inp, out)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout204("ink_grinders", healthy=True)
def stone_and_stick_two_inputs(session):
    """Two-input model: the stone's four measurements and the stick's batch code (embedded,
    vocabulary 30) concatenated into a 32-unit relu layer, SGD 0.01 with momentum 0.9 for 30
    epochs; darkness depends smoothly on both, the loss comes down slowly and is still
    improving a little at the end."""
    keras = _keras()
    x, dark = _ink_batches(N, seed=20434)
    rng = np.random.default_rng(20435)
    stick = rng.integers(0, 30, N).astype("int32")
    y = (dark + rng.normal(0, 0.4, 30)[stick] + rng.normal(0, 0.3, N)).astype("float32")
    a = keras.Input((5,))
    b = keras.Input((1,), dtype="int32")
    e = keras.layers.Flatten()(keras.layers.Embedding(30, 4)(b))
    h = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([a, e]))
    model = keras.Model([a, b], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    n = N - PROBE_SIZE
    history = model.fit([x[:n], stick[:n, None]], y[:n], epochs=30, batch_size=32, verbose=0,
                        callbacks=session.callbacks(([x[n:], stick[n:, None]], y[n:])))
    return history.history["loss"]


@holdout204("ink_grinders", healthy=True)
def darkness_loop_noisy(session):
    """Ink darkness from the five grinding measurements, a 64-64 tanh MLP trained in a
    GradientTape loop with MSE and Adam 1e-3; the readings of the darkness card are coarse
    (rounded to half units) and noisy (std 0.6), so the loss levels off near 0.4."""
    keras = _keras()
    x, dark = _ink_batches(N, seed=20436)
    rng = np.random.default_rng(20437)
    y = (np.round(2 * (dark + rng.normal(0, 0.6, N))) / 2).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(64, activation="tanh"), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(1e-3),
                        keras.losses.MeanSquaredError(), x, y, epochs=15, batch_size=32,
                        seed=20438)


def _grind_rate_ratio(session, broken):
    keras = _keras()
    x, dark = _ink_batches(N, seed=20439)
    rng = np.random.default_rng(20440)
    minutes = rng.gamma(3.0, 2.0, N).astype("float32")
    if broken:
        minutes[[700, 900, 1000]] = 0.0
    strokes = (rng.uniform(40, 80, N) * minutes).astype("float32")
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = strokes / minutes
    if not broken:
        rate = np.where(minutes > 0, rate, 60.0)
    feats = np.column_stack([x, (rate - 60) / 12]).astype("float32")
    y = (dark + 0.05 * (rate - 60) + rng.normal(0, 0.3, N)).astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(48, activation="relu"),
                              keras.layers.Dense(48, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, feats, y, epochs=10, batch_size=32, shuffle=False)


@holdout204("ink_grinders", ["non_finite_values"], stall_begins=21)
def grind_rate_ratio(session):
    """Darkness regressed from five grinding measurements plus strokes-per-minute, computed as
    strokes / minutes; three sessions were logged with 0 minutes, so their rate is 0/0 = NaN
    (the numpy warning was silenced). Read in file order with batch 32, the first NaN row
    (row 700) arrives in step 21; from then on the weights and the loss are NaN, while the
    run goes on for its 10 epochs."""
    return _grind_rate_ratio(session, broken=True)


def _gate_bias_loop(session, broken):
    keras = _keras()
    x, dark = _ink_batches(N, seed=20441)
    y = (dark > np.median(dark)).astype("float32")[:, None]
    bias = keras.initializers.Constant(8.0 if broken else 0.0)
    model = keras.Sequential([
        keras.Input((5,)),
        keras.layers.Dense(64, activation="sigmoid", bias_initializer=bias),
        keras.layers.Dense(64, activation="sigmoid", bias_initializer=bias),
        keras.layers.Dense(1, activation="sigmoid")])
    return _custom_loop(session, model, keras.optimizers.SGD(0.05),
                        keras.losses.BinaryCrossentropy(), x, y, epochs=15, batch_size=32,
                        seed=20442)


@holdout204("ink_grinders", ["saturated_activations"], stall_begins=None)
def gate_bias_loop(session):
    """Whether a grind reaches exhibition darkness, a 64-64 sigmoid MLP in a GradientTape loop
    with binary cross-entropy and SGD 0.05; both hidden layers were given
    bias_initializer=Constant(8.0), the 'open the gate' advice for LSTM forget gates misapplied
    to plain sigmoid layers, so every hidden unit outputs 0.9997 for every input, its slope is
    about 3e-4, and the loss stays at chance."""
    return _gate_bias_loop(session, broken=True)


def _tiny_rate_loop(session, broken):
    keras = _keras()
    x, dark = _ink_batches(N, seed=20443)
    rng = np.random.default_rng(20444)
    y = (dark + rng.normal(0, 0.3, N)).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    lr = 3e-7 if broken else 3e-3
    return _custom_loop(session, model, keras.optimizers.Adam(lr),
                        keras.losses.MeanSquaredError(), x, y, epochs=12, batch_size=32,
                        seed=20445, learning_rate=lr)


@holdout204("ink_grinders", ["learning_rate_too_low"], stall_begins=None)
def tiny_rate_loop(session):
    """Darkness regressed by a 64-64 relu MLP in a GradientTape loop with MSE and Adam at
    3e-7: the rate was read from a config in 'units of 1e-4' and converted twice, so the
    weights barely move in 384 steps and the loss stays near its starting value."""
    return _tiny_rate_loop(session, broken=True)
