"""The hundred-and-seventy-ninth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four old leather-and-horn trades give the data, each from its own numpy generator with fixed
seeds (17900-17999): the fellmongers' sheepskins (six standardized measurements of a skin and
the clean wool it yields, or its grade), the whittawers' alum baths (an hourly log of
temperature, alum strength and pH, and the softness of the leather), the pointmakers' crimping
press (the force trace as the die closes on a lace's aglet, its defect class and peak force) and
the horners' pressed plates (16x16 photographs of the grain, its angle and the thickness). The
last PROBE_SIZE rows of every data set are the probe.

Healthy half (12 runs, nothing to fix in the code, the loss flattens where the data allows).
Fellmongers: wool yield with weighing noise that grows with the skin (heteroscedastic, MLP,
Adam); five grades with a quarter of the labels random, SGD with momentum on a
PiecewiseConstantDecay schedule; yield with Student-t errors fitted with the Huber loss in a
custom GradientTape loop. Whittawers: a rare (~6%) alum stain classified by a Conv1D net with
class_weight; softness from a GRU with a noisy target and ReduceLROnPlateau; one season's 192
hides memorized by a wide MLP (small data that overfits, training loss still falling).
Pointmakers: four crimp defects with 10% wrong labels, Conv1D with warm-up then cosine decay;
rejected tips per gross as a Poisson count from a workshop embedding plus settings (a two-input
model, Poisson loss, exponential output); a 3-way parity of worn dies, which sits near ln 2 for
the first epochs before the MLP finds the interaction and the loss drops. Horners: grain angle by a
small CNN with a fifth of the labels random; the 90th-percentile thickness from self-attention
over the photograph's rows with a pinball loss; thickness from a two-input (photograph and beast)
model with plain SGD at 3e-3, still improving when it stops.

Broken half (11 runs, one mistake each; each was trained with and without its mistake with
Session(None), and every broken one ends far above its fixed twin with a flat or bouncing loss).
Fellmongers: a clean/greasy wool fraction that is 0/0 for two shorn skins (NaN target, file
order, NaN loss from step 13 on); RMSprop given an SGD learning rate of 1.0; L2(1.0) on a breed
embedding and every kernel. Whittawers: a tanh SimpleRNN over 60 hours with a gain-1.5
recurrent kernel and SGD with momentum but no clipping (the loss bounces and never settles);
ten stacked sigmoid Conv1D layers; a GRU fed the logger's integer units. Pointmakers: Conv1D
relus whose biases start at -2 (a highway gate's bias copied); a sigmoid output for a target
scaled to [-1, 1]; zero kernels in a custom loop. Horners: a tanh MLP whose kernels use
RandomNormal(0.1), the mean rather than the stddev, so every unit is pinned at tanh = 1 on the
positive pixels; self-attention trained from scratch at a fine-tuning rate of 1e-6.

Dropped: insufficient_capacity. A 1-unit bottleneck (relu) before the plate classifier's
head died outright (a dead-relu run, not a capacity one); with tanh it kept improving; a
Conv2D with filters and kernel_size swapped (3 filters of 16x16) kept memorizing the training
set, so neither made an honest stall and the cause has no scenario here. Also changed before
writing: a relu SimpleRNN with a large recurrent gain either went to NaN in the second epoch or
still learned, so the exploding-gradient run uses a tanh RNN (bounded forward pass, growing
backward pass); a ratio feature with a NaN standardized with the plain mean turned the whole
column NaN, so the NaN is in the target instead; RMSprop at 0.1 still learned (now 1.0); a
GRU fed degrees Fahrenheit still learned (now the logger's integer units); a constant 0.05
kernel initialization still learned through its one effective unit per layer (now zeros).

Labels: every broken run names one cause, its root cause. `stall_begins` is the 0-based
optimizer step from which the loss stops improving, or None when it never improves from the
start. The NaN run's step is exact (the shorn skins' row // batch size in file order); the
others marked "approximate" beside their decorator were read off the per-step loss (recovered
from Keras's running epoch mean) of a Session(None) run.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, registrar

FAMILIES = ('fellmongers', 'whittawers', 'pointmakers', 'horners')

REGISTRY = []

holdout179 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data: one trade per family


def _fleeces(n, seed, noise=0.3):
    """A fellmonger's sheepskins: six standardized measurements of a skin (area, staple length,
    crimp, grease, age of the animal, days since slaughter) and the clean wool it yields."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 6)).astype("float32")
    signal = (1.2 * x[:, 0] + 0.8 * np.tanh(2.0 * x[:, 1]) - 0.5 * x[:, 2] * x[:, 3]
              + 0.6 * np.sin(2.0 * x[:, 4]) - 0.3 * x[:, 5] ** 2)
    y = signal + noise * rng.normal(size=n)
    return x, signal.astype("float32"), y.astype("float32")


def _grades(signal, classes):
    """Fleece grades: the wool signal cut at its quantiles into `classes` bins."""
    edges = np.quantile(signal, np.linspace(0, 1, classes + 1)[1:-1])
    return np.digitize(signal, edges).astype("int32")


def _tawing(n, seed, length=32):
    """A whittawer's alum bath, logged every hour: temperature, alum strength and hide pH as
    standardized channels; the leather's softness depends on how long the bath stayed warm and
    how strong it was in the second half."""
    rng = np.random.default_rng(seed)
    t = np.linspace(0.0, 1.0, length)
    warm = rng.uniform(0.2, 0.8, size=(n, 1))
    temp = 1.0 / (1.0 + np.exp(-(warm - t) * 20.0)) + 0.15 * rng.normal(size=(n, length))
    strength = rng.uniform(-1.0, 1.0, size=(n, 1))
    alum = strength * (t > 0.5) + 0.2 * rng.normal(size=(n, length))
    ph = np.cumsum(0.1 * rng.normal(size=(n, length)), axis=1)
    x = np.stack([temp, alum, ph], axis=-1).astype("float32")
    softness = 2.0 * warm[:, 0] - 1.0 + 0.8 * strength[:, 0] + 0.3 * ph[:, -1]
    return x, softness.astype("float32")


def _crimps(n, seed, length=48, classes=4):
    """A pointmaker's crimping press: the force trace (standardized) as the die closes on an
    aglet; the defect class sets where and how the force peaks."""
    rng = np.random.default_rng(seed)
    t = np.linspace(0.0, 1.0, length)
    y = rng.integers(0, classes, size=n)
    centre = 0.3 + 0.12 * y + rng.normal(0.0, 0.03, size=n)
    width = np.where(y % 2 == 0, 0.05, 0.12) * rng.uniform(0.8, 1.2, size=n)
    peak = rng.uniform(0.8, 1.4, size=n)
    x = peak[:, None] * np.exp(-((t - centre[:, None]) / width[:, None]) ** 2)
    x = x + 0.15 * rng.normal(size=(n, length))
    return x[..., None].astype("float32"), y.astype("int32"), peak.astype("float32")


def _plates(n, seed, size=16, classes=4):
    """A horner's pressed plates, photographed against light: stripes of the horn's grain at one
    of `classes` angles, with mottling; the thickness is read off the mean brightness."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:size, 0:size] / size
    y = rng.integers(0, classes, size=n)
    angle = y * np.pi / classes + rng.normal(0.0, 0.08, size=n)
    freq = rng.uniform(2.5, 4.0, size=n)
    phase = rng.uniform(0, 2 * np.pi, size=n)
    proj = np.cos(angle)[:, None, None] * xx + np.sin(angle)[:, None, None] * yy
    stripes = np.sin(2 * np.pi * freq[:, None, None] * proj + phase[:, None, None])
    thickness = rng.uniform(0.5, 1.5, size=n)
    img = 0.6 * stripes + thickness[:, None, None] + 0.35 * rng.normal(size=(n, size, size))
    return img[..., None].astype("float32"), y.astype("int32"), thickness.astype("float32")


def _fit_inputs(session, model, xs, y, *, epochs, batch_size, shuffle=True, **fit_kw):
    """_fit for a multi-input model: every input split into training part and probe."""
    train = [x[:-PROBE_SIZE] for x in xs]
    probe = ([x[-PROBE_SIZE:] for x in xs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        shuffle=shuffle, verbose=0, callbacks=session.callbacks(probe), **fit_kw)
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# broken runs, each trainable with or without its mistake


SHORN_ROWS = [420, 421]  # read in file order, batch 32: first met in step 420 // 32 = 13


def _yield_fraction_nan(session, broken):
    keras = _keras()
    x, _, wool = _fleeces(N, seed=17901)
    greasy = np.exp(0.3 * x[:, 0] + 1.0).astype("float32")  # kg of greasy fleece on the skin
    clean = greasy * (0.6 + 0.05 * wool)
    if broken:
        greasy[SHORN_ROWS] = 0.0  # skins sold already shorn: no fleece, no wool
        clean[SHORN_ROWS] = 0.0
    with np.errstate(invalid="ignore"):
        fraction = clean / greasy if broken else clean / np.maximum(greasy, 1e-3)
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, fraction.astype("float32"), epochs=8, batch_size=32,
                shuffle=False)


def _grade_rmsprop(session, broken):
    keras = _keras()
    x, signal, _ = _fleeces(N, seed=17902)
    y = _grades(signal, 5)
    model = _mlp(keras, 6, [64, 64], 5)
    lr = 1.0 if broken else 1e-3
    model.compile(keras.optimizers.RMSprop(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _breed_l2(session, broken):
    keras = _keras()
    x, signal, wool = _fleeces(N, seed=17903, noise=0.2)
    rng = np.random.default_rng(17903)
    breed = rng.integers(0, 12, size=N)
    wool = wool + np.linspace(-1.0, 1.0, 12)[breed].astype("float32")
    reg = keras.regularizers.L2(1.0 if broken else 1e-4)
    x_in = keras.Input((6,))
    b_in = keras.Input((1,), dtype="int32")
    e = keras.layers.Flatten()(keras.layers.Embedding(12, 4, embeddings_regularizer=reg)(b_in))
    h = keras.layers.Concatenate()([x_in, e])
    h = keras.layers.Dense(64, activation="relu", kernel_regularizer=reg)(h)
    h = keras.layers.Dense(32, activation="relu", kernel_regularizer=reg)(h)
    out = keras.layers.Dense(1)(h)
    model = keras.Model([x_in, b_in], out)
    model.compile(keras.optimizers.Adam(5e-3), "mse")
    return _fit_inputs(session, model, [x, breed[:, None].astype("int32")], wool,
                       epochs=10, batch_size=32)


def _bath_rnn_no_clip(session, broken):
    keras = _keras()
    x, y = _tawing(768 + PROBE_SIZE, seed=17912, length=60)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.SimpleRNN(32, recurrent_initializer=keras.initializers.Orthogonal(
            gain=1.5, seed=17912)),
        keras.layers.Dense(1),
    ])
    clip = {} if broken else {"clipnorm": 1.0}
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9, **clip), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _bath_deep_sigmoid(session, broken):
    keras = _keras()
    x, y = _tawing(768 + PROBE_SIZE, seed=17912, length=32)
    act = "sigmoid" if broken else "relu"
    layers = [keras.Input(x.shape[1:])]
    layers += [keras.layers.Conv1D(16, 3, padding="same", activation=act) for _ in range(10)]
    layers += [keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(1)]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _bath_raw_units(session, broken):
    keras = _keras()
    x, y = _tawing(768 + PROBE_SIZE, seed=17913, length=32)
    # the logger's integer units: hundredths of a degree, mg of alum per litre, pH x 100
    raw = x * np.array([1500.0, 15000.0, 50.0]) + np.array([3500.0, 60000.0, 450.0])
    if not broken:
        mean = raw[:-PROBE_SIZE].mean(axis=(0, 1))
        std = raw[:-PROBE_SIZE].std(axis=(0, 1))
        raw = (raw - mean) / std
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, raw.astype("float32"), y, epochs=10, batch_size=32)


def _crimp_gate_bias(session, broken):
    keras = _keras()
    x, y, _ = _crimps(N, seed=17921)
    bias = keras.initializers.Constant(-2.0 if broken else 0.0)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _crimp_force_sigmoid(session, broken):
    keras = _keras()
    x, _, peak = _crimps(N, seed=17922)
    lo, hi = peak[:-PROBE_SIZE].min(), peak[:-PROBE_SIZE].max()
    target = (2.0 * (peak - lo) / (hi - lo) - 1.0).astype("float32")  # scaled to [-1, 1]
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid" if broken else "tanh"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, target, epochs=10, batch_size=32)


def _crimp_zero_kernels(session, broken):
    keras = _keras()
    x, y, _ = _crimps(N, seed=17923)
    flat = x[..., 0]
    init = "zeros" if broken else "glorot_uniform"
    model = _mlp(keras, flat.shape[1], [64, 64], 4, out_activation=None, kernel_initializer=init)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.Adam(1e-3), loss, flat, y,
                        epochs=10, batch_size=32, seed=17923)


def _plates_255(seed):
    """Plate photographs as 8-bit greyscale, scaled /255 the usual way."""
    x, y, t = _plates(N, seed=seed)
    lo, hi = np.percentile(x, [0.5, 99.5])
    img = np.clip(np.round((x - lo) / (hi - lo) * 255.0), 0, 255)
    return (img / 255.0).astype("float32"), y, t


def _plates_mean_init(session, broken):
    keras = _keras()
    x, y, _ = _plates_255(17931)
    flat = x.reshape(len(x), -1)
    if broken:
        init = keras.initializers.RandomNormal(0.1, seed=17931)  # the first argument is the mean
    else:
        init = keras.initializers.RandomNormal(stddev=0.1, seed=17931)
    model = _mlp(keras, flat.shape[1], [64, 64], 4, activation="tanh", kernel_initializer=init)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, flat, y, epochs=12, batch_size=32)


def _plates_attention(session, broken):
    keras = _keras()
    x, y, _ = _plates(N, seed=17933)
    x = ((x - x[:-PROBE_SIZE].mean()) / x[:-PROBE_SIZE].std())[..., 0]  # 16 rows as tokens
    tokens = keras.Input(x.shape[1:])
    h = keras.layers.Dense(32)(tokens)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=16)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(tokens, keras.layers.Dense(4, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(1e-6 if broken else 1e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x.astype("float32"), y, epochs=10, batch_size=32)


# ---------------------------------------------------------------------------------------------
# fellmongers: the clean wool a sheepskin yields, and its grade


@holdout179("fellmongers", healthy=True)
def yield_noise_grows_with_skin(session):
    """Clean-wool yield regressed from six standardized measurements of a sheepskin with a 2x64
    relu MLP, Adam 1e-3, MSE, 20 epochs. The weighing error grows with the size of the skin
    (heteroscedastic noise, std 0.15 to ~1.2), so the loss comes down to about the noise
    variance (~0.33) and only creeps there, far above zero, with little left to learn."""
    keras = _keras()
    rng = np.random.default_rng(17941)
    x, signal, _ = _fleeces(N, seed=17941, noise=0.0)
    wool = (signal + 0.4 * np.exp(0.6 * x[:, 0]) * rng.normal(size=N)).astype("float32")
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, wool, epochs=20, batch_size=32)


@holdout179("fellmongers", healthy=True)
def grades_relabelled_by_apprentices(session):
    """Five fleece grades from the skin measurements, a quarter of the labels written by
    apprentices at random; 2x64 relu MLP, SGD with momentum 0.9 on a PiecewiseConstantDecay
    schedule (0.05, then 0.01 after step 200, 0.002 after step 400), 15 epochs. The loss drops at
    each boundary and settles near the label-noise floor (~1.0 nats)."""
    keras = _keras()
    rng = np.random.default_rng(17942)
    x, signal, _ = _fleeces(N, seed=17942, noise=0.1)
    y = _grades(signal, 5)
    flip = rng.random(N) < 0.25
    y[flip] = rng.integers(0, 5, size=int(flip.sum()))
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([200, 400], [0.05, 0.01, 0.002])
    model = _mlp(keras, 6, [64, 64], 5)
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout179("fellmongers", healthy=True)
def yield_huber_heavy_tails(session):
    """Custom GradientTape loop: wool yield with Student-t (2 degrees of freedom) weighing
    errors, a few skins off by several units; 2x64 relu MLP trained on the Huber loss (delta 1)
    with Adam 2e-3 for 15 epochs. The loss falls fast, then flattens at the level the outliers
    keep it at, jittering from batch to batch."""
    keras = _keras()
    rng = np.random.default_rng(17943)
    x, signal, _ = _fleeces(N, seed=17943, noise=0.0)
    wool = (signal + 0.4 * rng.standard_t(2.0, size=N)).astype("float32")
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), keras.losses.Huber(1.0),
                        x, wool[:, None], epochs=15, batch_size=32, seed=17943)


# ---------------------------------------------------------------------------------------------
# whittawers: the alum bath and the leather it makes


@holdout179("whittawers", healthy=True)
def rare_alum_stain_weighted(session):
    """Whether a hide comes out of the bath with an alum stain (about 6% do, when the bath
    stayed warm and strong, plus some stains nobody can explain), from the hourly bath log:
    Conv1D(16)-Conv1D(16)-pool-Dense, Adam 2e-3, binary cross-entropy with class_weight
    {0: 1, 1: 8}. The weighted loss falls and levels off well above zero."""
    keras = _keras()
    rng = np.random.default_rng(17944)
    x, softness = _tawing(768 + PROBE_SIZE, seed=17944)
    score = softness + 0.4 * rng.normal(size=len(x))
    y = (score > np.quantile(score, 0.95)).astype("float32")
    y[rng.random(len(x)) < 0.01] = 1.0
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    (x_train, y_train) = (x[:-PROBE_SIZE], y[:-PROBE_SIZE])
    history = model.fit(x_train, y_train, epochs=15, batch_size=32, verbose=0,
                        class_weight={0: 1.0, 1: 8.0},
                        callbacks=session.callbacks((x[-PROBE_SIZE:], y[-PROBE_SIZE:])))
    return history.history["loss"]


@holdout179("whittawers", healthy=True)
def softness_gru_reduce_on_plateau(session):
    """Leather softness from the 32-hour bath log with a GRU(16), Adam 3e-3, MSE, and
    ReduceLROnPlateau (halve the rate after 2 epochs without a 1% gain). The tester's thumb is
    a noisy instrument (std 0.35), so the loss flattens near 0.12-0.15 and the rate is cut a
    few times near the end."""
    keras = _keras()
    rng = np.random.default_rng(17945)
    x, softness = _tawing(768 + PROBE_SIZE, seed=17945)
    y = (softness + 0.35 * rng.normal(size=len(x))).astype("float32")
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(16),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    reduce = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=2,
                                               min_delta=0.01, min_lr=1e-4)
    return _fit(session, model, x, y, epochs=15, batch_size=32, callbacks=[reduce])


@holdout179("whittawers", healthy=True)
def one_seasons_baths_memorized(session):
    """Only one season of bath logs: 192 hides (plus the probe), the 32x3 log flattened into a
    2x128 relu MLP, Adam 1e-3, batch 16, 40 epochs. The training loss keeps falling towards zero
    as the net memorizes the noisy softness scores (small data that overfits; the training run
    itself has nothing wrong)."""
    keras = _keras()
    rng = np.random.default_rng(17946)
    x, softness = _tawing(192 + PROBE_SIZE, seed=17946)
    y = (softness + 0.3 * rng.normal(size=len(x))).astype("float32")
    flat = x.reshape(len(x), -1)
    model = _mlp(keras, flat.shape[1], [128, 128], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, flat, y, epochs=40, batch_size=16)


# ---------------------------------------------------------------------------------------------
# pointmakers: the crimping press that closes aglets on laces


@holdout179("pointmakers", healthy=True)
def crimp_defects_warmup_cosine(session):
    """Four crimp-defect classes from the press's force trace, one inspector in ten choosing the
    wrong class: Conv1D(16)-pool-Conv1D(32)-pool-Dense, Adam with a linear warm-up over 60 steps
    to 3e-3 and a cosine decay to zero at the last step (12 epochs). The loss falls slowly during
    the warm-up, fast after, and flattens at the label-noise floor as the rate dies away."""
    keras = _keras()
    rng = np.random.default_rng(17947)
    x, y, _ = _crimps(N, seed=17947)
    wrong = rng.random(N) < 0.1
    y[wrong] = rng.integers(0, 4, size=int(wrong.sum()))
    steps = 12 * 32
    schedule = keras.optimizers.schedules.CosineDecay(0.0, steps - 60, warmup_target=3e-3,
                                                      warmup_steps=60)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout179("pointmakers", healthy=True)
def rejected_tips_poisson(session):
    """How many tips out of a gross a workshop's press rejects in a day (a Poisson count, mean
    ~2), from the workshop (Embedding(20, 4)) and four standardized press settings; Dense 32
    relu, exponential output, Poisson loss, Adam 3e-3, 15 epochs. The count's own randomness
    keeps the loss at its floor (about -0.48: Keras's Poisson loss leaves out the log y! term)."""
    keras = _keras()
    rng = np.random.default_rng(17948)
    shop = rng.integers(0, 20, size=N)
    settings = rng.normal(size=(N, 4)).astype("float32")
    log_rate = (0.6 + rng.normal(0.0, 0.5, size=20)[shop] + 0.4 * settings[:, 0]
                - 0.3 * settings[:, 1] * settings[:, 2])
    counts = rng.poisson(np.exp(log_rate)).astype("float32")
    s_in = keras.Input((4,))
    w_in = keras.Input((1,), dtype="int32")
    e = keras.layers.Flatten()(keras.layers.Embedding(20, 4)(w_in))
    h = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([s_in, e]))
    model = keras.Model([s_in, w_in], keras.layers.Dense(1, activation="exponential")(h))
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit_inputs(session, model, [settings, shop[:, None].astype("int32")], counts,
                       epochs=15, batch_size=32)


@holdout179("pointmakers", healthy=True)
def parity_of_three_dies(session):
    """A tip is sound exactly when an odd number of three particular dies (out of 12 logged
    on/off switches, as +-1) were worn: a 3-way parity, learned by a 2x128 relu MLP with Adam
    1e-3 over 40 epochs. The loss stays near ln 2 for the first epochs, falling only slowly
    (no single switch or pair predicts anything), before the net finds the interaction and it
    drops suddenly to ~0: a plateau the data causes, followed by real learning."""
    keras = _keras()
    rng = np.random.default_rng(17949)
    x = rng.choice([-1.0, 1.0], size=(N, 12)).astype("float32")
    y = (np.prod(x[:, [1, 5, 8]], axis=1) > 0).astype("int32")
    model = _mlp(keras, 12, [128, 128], 2)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=32)


# ---------------------------------------------------------------------------------------------
# horners: pressed horn plates for lanterns and combs


@holdout179("horners", healthy=True)
def grain_angle_cnn_noisy_labels(session):
    """The grain angle of a horn plate (4 classes) from its 16x16 photograph; a fifth of the
    plates were sorted into a random bin. Two-block CNN with global pooling, Adam 2e-3, 12
    epochs: the loss falls and flattens at the label-noise floor (~0.7)."""
    keras = _keras()
    rng = np.random.default_rng(17950)
    x, y, _ = _plates(N, seed=17950)
    x = (x - x[:-PROBE_SIZE].mean()) / x[:-PROBE_SIZE].std()
    wrong = rng.random(N) < 0.2
    y[wrong] = rng.integers(0, 4, size=int(wrong.sum()))
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x.astype("float32"), y, epochs=12, batch_size=32)


@holdout179("horners", healthy=True)
def thickness_upper_quantile_attention(session):
    """The 90th percentile of a plate's thickness after pressing (the callipers scatter
    +-0.3, skewed) from its photograph's 16 rows as tokens: Dense(32), 2-head self-attention with
    a residual and LayerNorm, pooling, Dense; pinball (quantile 0.9) loss, Adam 2e-3, 12 epochs.
    The quantile loss flattens at its noise floor, not at zero."""
    keras = _keras()
    rng = np.random.default_rng(17951)
    x, _, thickness = _plates(N, seed=17951)
    x = ((x - x[:-PROBE_SIZE].mean()) / x[:-PROBE_SIZE].std())[..., 0]
    y = (thickness + 0.3 * rng.gamma(2.0, 0.5, size=N)).astype("float32")

    def pinball(y_true, y_pred):
        err = keras.ops.reshape(y_true, (-1, 1)) - y_pred
        return keras.ops.mean(keras.ops.maximum(0.9 * err, -0.1 * err))

    tokens = keras.Input(x.shape[1:])
    h = keras.layers.Dense(32)(tokens)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=16)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(tokens, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), pinball)
    return _fit(session, model, x.astype("float32"), y, epochs=12, batch_size=32)


@holdout179("horners", healthy=True)
def plate_and_beast_slow_sgd(session):
    """Plate thickness from two inputs, the photograph (a small conv branch) and the beast's
    age and the horn's weight (a dense branch), merged into one head; plain SGD at 3e-3 with
    MSE for 15 epochs. A sound but slow recipe: the loss is still falling when training stops."""
    keras = _keras()
    rng = np.random.default_rng(17952)
    x, _, thickness = _plates(N, seed=17952)
    x = ((x - x[:-PROBE_SIZE].mean()) / x[:-PROBE_SIZE].std()).astype("float32")
    beast = rng.normal(size=(N, 2)).astype("float32")
    y = (thickness + 0.2 * beast[:, 0] - 0.1 * beast[:, 1] ** 2
         + 0.05 * rng.normal(size=N)).astype("float32")
    img_in = keras.Input(x.shape[1:])
    h = keras.layers.Conv2D(8, 3, activation="relu", padding="same")(img_in)
    h = keras.layers.MaxPooling2D()(h)
    h = keras.layers.Conv2D(8, 3, activation="relu", padding="same")(h)
    h = keras.layers.GlobalAveragePooling2D()(h)
    b_in = keras.Input((2,))
    g = keras.layers.Dense(16, activation="relu")(b_in)
    h = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([h, g]))
    model = keras.Model([img_in, b_in], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.SGD(3e-3), "mse")
    return _fit_inputs(session, model, [x, beast], y, epochs=15, batch_size=32)


# ---------------------------------------------------------------------------------------------
# the broken half


@holdout179("fellmongers", ["non_finite_values"], stall_begins=13)
def clean_fraction_of_shorn_skins(session):
    """Clean wool as a fraction of the greasy fleece, computed as clean / greasy for every skin;
    two skins were sold already shorn (0 / 0 = NaN). 2x64 relu MLP, Adam 1e-3, MSE, read in file
    order (shuffle=False): the NaN target arrives in step 13, every weight turns NaN, and the
    loss is NaN for the rest of the 8 epochs (the same model reaches ~0.002 on clean data)."""
    return _yield_fraction_nan(session, broken=True)


# The loss blows up to ~1e3, comes back to ~1.8 (above ln 5) by step ~64 and stays: approximate.
@holdout179("fellmongers", ["learning_rate_too_high"], stall_begins=64)
def grades_rmsprop_at_sgd_rate(session):
    """Five fleece grades, 2x64 relu MLP, RMSprop given learning_rate=1.0 copied from an SGD
    recipe (the model learns at 1e-3). The first steps throw the loss to ~1e3; it falls back to
    ~1.76, above the ln 5 of a constant guess, and bounces there with spikes (0.81 when fixed)."""
    return _grade_rmsprop(session, broken=True)


# Falls from the inflated start (penalty on the initial weights) to ~1.8 by step ~112, then
# only drifts: approximate.
@holdout179("fellmongers", ["over_regularization"], stall_begins=112)
def breed_embedding_l2_one(session):
    """Wool yield from the skin measurements plus the breed (Embedding(12, 4)), two relu Dense
    layers; L2(1.0) on the embeddings and every kernel, where 1e-4 was meant. The penalty keeps
    every weight near zero and the loss levels off at ~1.6-1.8 (0.1 with L2(1e-4))."""
    return _breed_l2(session, broken=True)


@holdout179("whittawers", ["exploding_gradients"])
def bath_rnn_without_clipping(session):
    """Softness from a 60-hour bath log with a tanh SimpleRNN(32) whose recurrent kernel starts
    at gain 1.5, SGD 0.05 with momentum 0.9 and no gradient clipping. The backward pass through
    60 steps grows the gradient until each update throws the weights about: the loss bounces
    between ~0.6 and ~16 and never settles (clipnorm=1.0 takes the same model to ~0.15)."""
    return _bath_rnn_no_clip(session, broken=True)


@holdout179("whittawers", ["vanishing_gradients"])
def ten_sigmoid_conv_layers(session):
    """Softness from the bath log through ten stacked Conv1D(16) layers with sigmoid activations
    (an old recipe), global pooling and a linear head, SGD 0.02 with momentum. The gradient
    shrinks through each sigmoid and the loss stays flat at the target variance (~0.32) for all
    10 epochs; with relu the same stack reaches ~0.013."""
    return _bath_deep_sigmoid(session, broken=True)


# The head learns the mean in the first ~80 steps, then the loss is flat: approximate.
@holdout179("whittawers", ["unnormalized_inputs"], stall_begins=84)
def bath_log_in_logger_units(session):
    """The bath log fed to a GRU(24) in the logger's integer units (hundredths of a degree
    ~3500, mg of alum per litre ~60000, pH x 100) instead of standardized channels; Adam 1e-3,
    MSE. Every gate saturates on the first input, so only the output bias learns: the loss flattens
    at the target variance (~0.35) where the standardized log reaches ~0.014."""
    return _bath_raw_units(session, broken=True)


@holdout179("pointmakers", ["dead_relus"])
def crimp_highway_gate_bias(session):
    """Crimp defect class from the force trace, Conv1D(16)-pool-Conv1D(32) relu, with
    bias_initializer=Constant(-2.0) copied from a highway network's gate: every pre-activation
    is below zero for every trace, the relus output 0 and pass no gradient, and the loss sits at
    ln 4 (the same net reaches ~0.8 in 10 epochs with zero biases)."""
    return _crimp_gate_bias(session, broken=True)


# Flat from about step 32: approximate.
@holdout179("pointmakers", ["loss_activation_mismatch"], stall_begins=32)
def crimp_force_sigmoid_output(session):
    """Peak crimp force regressed from the trace after min-max scaling to [-1, 1], through a
    sigmoid output with MSE: half the targets lie where a sigmoid cannot go, and the loss
    freezes at ~0.34 (a tanh output reaches ~0.07)."""
    return _crimp_force_sigmoid(session, broken=True)


@holdout179("pointmakers", ["poor_initialization"])
def crimp_zero_kernels_custom_loop(session):
    """Custom GradientTape loop: crimp class from the raw 48-sample trace, 2x64 relu MLP with
    kernel_initializer="zeros" on every layer (pasted from the bias argument), Adam 1e-3. Every
    hidden unit outputs 0 and receives no gradient, so only the output bias moves: the loss stays
    at ln 4 (glorot_uniform reaches ~0.02)."""
    return _crimp_zero_kernels(session, broken=True)


# Saturated after the first ~40 steps: approximate.
@holdout179("horners", ["saturated_activations"], stall_begins=40)
def plates_normal_mean_not_stddev(session):
    """Grain angle from the 16x16 plate photograph (8-bit, /255) flattened into a 2x64 tanh
    MLP whose kernels use RandomNormal(0.1): the first argument is the mean, not the stddev, so
    every unit's pre-activation is ~+13 on these positive pixels and tanh is exactly 1 for every
    plate. No gradient passes and the loss stays at ln 4 (RandomNormal(stddev=0.1) learns)."""
    return _plates_mean_init(session, broken=True)


@holdout179("horners", ["learning_rate_too_low"])
def attention_fine_tuning_rate(session):
    """Grain angle from the plate photograph's 16 rows as tokens: Dense(32), 2-head
    self-attention with a residual and LayerNorm, pooling, Dense; Adam at 1e-6, the rate of a
    fine-tuning recipe, on a model trained from scratch. The loss creeps down by ~0.01 in 10
    epochs; at 1e-3 the same model reaches ~0.39."""
    return _plates_attention(session, broken=True)
