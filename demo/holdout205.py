"""The two-hundred-and-fifth held-out catalogue: written by someone who did not read the engine
or run the diagnosis on these runs, and scored once.

Scenarios, in four trades. The vellum scrapers grade a scraped calf skin from ten measurements,
tag its blemishes and read the grain of 12x12 raking-light patches; the seal engravers read a
seal's style from the 16 glyphs of its legend and the angle of its field from 12x12 patches;
the candle wickers predict a candle's burn rate (and its spread) from 20-40 flame-height
readings; the ale conners pass or fail a brew from eight readings or from its daily gravity.

Healthy half (12 runs, nothing to fix; each flattens above zero because of the data, the loss
or the schedule): grades with 10% random labels under label_smoothing=0.1 and GroupNormalization;
a SeparableConv2D grain net under CosineDecayRestarts with 12% wrong angles (saw-teeth); a
five-tag multi-label sigmoid head behind UnitNormalization with Nadam; a MultiHeadAttention
legend reader with learned positions and AdamW, 8% misread styles; a Hashing + Embedding
bag-of-glyphs under RMSprop with PolynomialDecay; a Conv2D student distilled from soft calls
under KLDivergence; a custom GradientTape loop fitting mean and log-variance under a Gaussian
negative log-likelihood with heteroscedastic noise (its loss goes below zero); a causal dilated
Conv1D stack with Adamax under log-cosh and Student-t noise; a Bidirectional GRU under a
staircase ExponentialDecay; CategoricalHinge on a linear head with 10% disputed verdicts; a
custom-loop GRU with Nesterov SGD and global-norm clipping; and rare (5%) off casks under
BinaryFocalCrossentropy with Adam(use_ema=True).

Broken half (10 runs, one per cause but exploding_gradients and loss_activation_mismatch;
each registered scenario calls a helper with `broken=True`, and the same helper with
`broken=False` was trained beside it with
Session(None) to check that the mistake, and only it, makes the loss stall): Ftrl() with its
click-model defaults where Adam was meant (learning_rate_too_low); ten sigmoid hidden layers
under SGD (vanishing_gradients); hidden kernels initialized to Constant(0.05), so every unit is
a copy (poor_initialization); ReLU(threshold=4.0) written for max_value in a Conv2D net
(dead_relus); a conv stack cut to one 1x1 filter before global pooling
(insufficient_capacity); Lion at 0.3, an Adam-sized rate scaled the wrong way
(learning_rate_too_high); flame readings logged as milligrams (~4,000)
fed raw into an LSTM under SGD (unnormalized_inputs); log(0) of late soot readings read in
order, NaN from an exact step (non_finite_values); Rescaling(1 / 0.02) where a division by a
temperature of 50 was meant, in front of sigmoid layers under SGD (saturated_activations); and
an elastic-net alpha of 0.05 pasted in as a Keras L1 penalty on every kernel
(over_regularization).

Dropped or changed because they did not behave as intended: the saturation run first used
Adam, which rescales the saturated units' tiny gradients and kept learning (it even beat the
fixed run), so it now uses SGD with momentum, where it thrashes ~0.13 nats above the fixed run;
GaussianNoise(4.0) as over-regularization is refused by Keras 3 (stddev must be at most 1),
so that run uses an L1 penalty instead; the log-of-zero run first had zero soot readings
scattered everywhere and was NaN from the first step, so the zeros now begin at row 704 of an
unshuffled book. No exploding_gradients run: a relu
SimpleRNN over 40 readings with its recurrent kernel initialized Identity(gain=1.3), then 1.12,
started at enormous losses (1e8, 1e3) but under Adam kept falling for the whole run instead of
stalling, so it was dropped rather than labelled a stall. No loss_activation_mismatch run: a
tanh output layer under binary cross-entropy sat flat at 8.3 in one unseeded trial but, under
the runner's seed 0, kept learning to 0.24 (the sigmoid head reaches 0.20), so it was dropped.
The candle wickers and the ale conners have five runs each.

Left out because earlier catalogues hold them: dead relus from a negative bias recipe,
Adadelta's small default rate, GaussianNoise/GaussianDropout regularizers, Orthogonal(gain)
recurrent kernels, hard_sigmoid saturation, Poisson and quantile (pinball) losses, Huber with
ReduceLROnPlateau, warm-up then cosine, LearningRateScheduler step decay, small-data
memorisation and a one-unit softmax regression head.

Labels: `expected_causes[0]` is the mistake the scenario was built around; one cause each.
`stall_begins` is the optimizer step (0-based over the whole run, 32 steps an epoch) from which
the loss stops improving, None for "from the start"; the non-finite run's step is exact (the
first batch holding a zero, read in order); Lion's (96), the L1 run's (128) and the saturation
run's (16) were read off the epoch losses and are approximate.
"""


import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('vellum_scrapers', 'seal_engravers', 'candle_wickers', 'ale_conners')
REGISTRY = []
holdout205 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data


def _hides(seed, n=N, dim=10, noise=0.0):
    """A scraped calf skin: ten standardized measurements (thickness, translucency, follicle
    count, ...) and its grade, 0-2, in thirds of a hidden score."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, dim))
    score = np.sin(1.5 * x[:, 0]) + x[:, 1] * x[:, 2] + 0.8 * x[:, 3] - 0.5 * x[:, 4] ** 2
    y = np.digitize(score, np.quantile(score, [1 / 3, 2 / 3]))
    flip = rng.random(n) < noise
    y[flip] = rng.integers(0, 3, flip.sum())
    return _standardize(x), y.astype("int32")


def _patches(seed, n=N, classes=4, noise=0.0):
    """12x12 raking-light patches of a skin (or a seal's field): a striped grain at one of
    `classes` angles under speckle; the label is the angle's index."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:12, 0:12] / 11.0 - 0.5
    y = rng.integers(0, classes, n)
    angle = y * np.pi / classes + rng.normal(0, 0.15, n)
    phase = rng.uniform(0, 2 * np.pi, n)
    proj = np.cos(angle)[:, None, None] * xx + np.sin(angle)[:, None, None] * yy
    img = np.sin(14 * proj + phase[:, None, None]) + rng.normal(0, 0.6, (n, 12, 12))
    flip = rng.random(n) < noise
    y[flip] = rng.integers(0, classes, flip.sum())
    return img[..., None].astype("float32"), y.astype("int32")


def _glyphs(seed, n=N, length=16, vocab=40, noise=0.0):
    """A seal's legend as 16 glyph ids (1-39); its style, 0-2, depends on how many glyphs of
    two sets it holds and by how much one outnumbers the other."""
    rng = np.random.default_rng(seed)
    tokens = rng.integers(1, vocab, (n, length))
    a = (tokens < 8).sum(1)
    b = ((tokens >= 8) & (tokens < 14)).sum(1)
    y = (a > b).astype("int32") + (np.abs(a - b) > 3).astype("int32")
    flip = rng.random(n) < noise
    y[flip] = rng.integers(0, 3, flip.sum())
    return tokens.astype("int32"), y


def _flicker(seed, n=N, steps=30):
    """A candle's flame height read `steps` times (flicker frequency and amplitude depend on
    the wick); the target is the standardized burn rate."""
    rng = np.random.default_rng(seed)
    freq = rng.uniform(0.2, 1.2, n)
    amp = rng.uniform(0.5, 2.0, n)
    t = np.arange(steps)
    seq = amp[:, None] * np.sin(freq[:, None] * t + rng.uniform(0, 6, (n, 1)))
    seq = seq + rng.normal(0, 0.3, (n, steps))
    y = 2.0 * freq + 0.7 * amp + rng.normal(0, 0.2, n)
    return seq[..., None].astype("float32"), ((y - y.mean()) / y.std()).astype("float32")


def _brews(seed, n=N, dim=8):
    """An ale's eight standardized readings (gravity, hop rate, mash heat, ...) and whether
    the ale conner passed it (logistic noise on a nonlinear score)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, dim))
    logit = 1.4 * x[:, 0] - 1.1 * x[:, 1] * x[:, 2] + np.tanh(2 * x[:, 3]) - 0.6 * x[:, 4]
    y = (logit + rng.logistic(0, 0.5, n) > 0).astype("float32")
    return x.astype("float32"), y


# ---------------------------------------------------------------------------------------------
# broken helpers (broken=False is the same run without the mistake)


def _ftrl_defaults(session, broken):
    keras = _keras()
    x, y = _hides(seed=20501)
    model = _mlp(keras, 10, [64, 64], 3)
    opt = keras.optimizers.Ftrl() if broken else keras.optimizers.Adam(3e-3)
    model.compile(opt, "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _deep_sigmoid(session, broken):
    keras = _keras()
    x, y = _hides(seed=20502)
    act = "sigmoid" if broken else "relu"
    model = _mlp(keras, 10, [48] * 10, 3, activation=act)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _constant_kernels(session, broken):
    keras = _keras()
    x, y = _hides(seed=20503)
    init = keras.initializers.Constant(0.05) if broken else "glorot_uniform"
    model = _mlp(keras, 10, [64, 64], 3, activation="tanh", kernel_initializer=init)
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _relu_threshold(session, broken):
    keras = _keras()
    x, y = _patches(seed=20504)
    relu = (lambda: keras.layers.ReLU(threshold=4.0)) if broken else keras.layers.ReLU
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, padding="same"), relu(),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, padding="same"), relu(),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32), relu(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _one_filter(session, broken):
    keras = _keras()
    x, y = _patches(seed=20505)
    conv = [keras.layers.Conv2D(1, 1, activation="relu")] if broken else [
        keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu")]
    model = keras.Sequential([keras.Input((12, 12, 1)), *conv,
                              keras.layers.GlobalAveragePooling2D(),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _lion_rate(session, broken):
    keras = _keras()
    x, y = _glyphs(seed=20506)
    model = keras.Sequential([
        keras.Input((16,), dtype="int32"),
        keras.layers.Embedding(40, 16),
        keras.layers.Conv1D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Lion(0.3 if broken else 1e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _milligrams(session, broken):
    keras = _keras()
    x, y = _flicker(seed=20508, steps=24)
    if broken:
        x = 4000.0 + 900.0 * x  # flame height logged as wax mass burnt, in milligrams
    model = keras.Sequential([
        keras.Input((24, 1)),
        keras.layers.LSTM(24),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _log_soot(session, broken):
    keras = _keras()
    x, y = _flicker(seed=20509, steps=24)
    rng = np.random.default_rng(20510)
    soot = 1.0 + rng.poisson(3.0, (len(x), 24, 1)).astype("float32")
    if broken:
        # the last batches of the book are a new wick whose sooting was logged as 0 readings
        late = np.arange(704, len(x))
        soot[late, rng.integers(0, 24, len(late)), 0] = 0.0
    x = np.concatenate([x, soot], axis=-1)
    inp = keras.Input((24, 2))
    flame = keras.layers.Lambda(lambda t: t[..., :1])(inp)
    logsoot = keras.layers.Lambda(lambda t: keras.ops.log(t[..., 1:]))(inp)
    h = keras.layers.GRU(16)(keras.layers.Concatenate()([flame, logsoot]))
    model = keras.Model(inp, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32, shuffle=False)


def _sigmoid_temperature(session, broken):
    keras = _keras()
    x, y = _brews(seed=20511)
    gain = 1 / 0.02 if broken else 1.0  # 'divide by the temperature 50' typed as 1/0.02
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Rescaling(gain),
        keras.layers.Dense(64, activation="sigmoid"),
        keras.layers.Rescaling(gain),
        keras.layers.Dense(64, activation="sigmoid"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    loss = keras.losses.BinaryCrossentropy()
    return _custom_loop(session, model, keras.optimizers.SGD(0.1, momentum=0.9),
                        lambda t, p: loss(t[:, None], p), x, y, epochs=20, batch_size=32,
                        seed=20512, loss_description="binary_crossentropy")


def _elastic_alpha(session, broken):
    keras = _keras()
    x, y = _brews(seed=20514)
    reg = keras.regularizers.L1(0.05 if broken else 1e-5)
    model = _mlp(keras, 8, [64, 64], 1, out_activation="sigmoid", kernel_regularizer=reg)
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


# ---------------------------------------------------------------------------------------------
# vellum scrapers


@holdout205("vellum_scrapers", healthy=True)
def smoothed_grades(session):
    """Skin grades from ten measurements with a tenth of the grades written at random, a
    2x64 relu MLP with GroupNormalization trained by Adam 2e-3 under categorical
    cross-entropy with label_smoothing=0.1: the smoothing and the wrong grades keep the loss
    well above zero, where it flattens."""
    keras = _keras()
    x, y = _hides(seed=20520, noise=0.1)
    model = keras.Sequential([
        keras.Input((10,)),
        keras.layers.Dense(64), keras.layers.GroupNormalization(groups=8),
        keras.layers.Activation("relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3),
                  keras.losses.CategoricalCrossentropy(label_smoothing=0.1))
    return _fit(session, model, x, keras.utils.to_categorical(y, 3), epochs=20, batch_size=32)


@holdout205("vellum_scrapers", healthy=True)
def grain_restarts(session):
    """Grain angle from raking-light patches, 12% of the angles mislabelled, a SeparableConv2D
    net trained by SGD with momentum under CosineDecayRestarts (first period 150 steps, each
    twice as long): the loss falls in saw-teeth with each warm restart and levels off at the
    floor the wrong labels leave."""
    keras = _keras()
    x, y = _patches(seed=20521, noise=0.12)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.SeparableConv2D(32, 3, padding="same", activation="relu"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    schedule = keras.optimizers.schedules.CosineDecayRestarts(0.05, first_decay_steps=150)
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


@holdout205("vellum_scrapers", healthy=True)
def blemish_tags(session):
    """Multi-label tagging of a skin's blemishes (hair follicles, scars, veins, holes, stains),
    each tag a noisy logistic function of the measurements, inputs passed through
    UnitNormalization, a 2x64 MLP with five sigmoid outputs trained by Nadam 2e-3 under
    binary cross-entropy: it flattens at the tags' own uncertainty."""
    keras = _keras()
    x, _ = _hides(seed=20522)
    rng = np.random.default_rng(20523)
    w = rng.normal(size=(10, 5))
    logits = 1.5 * np.tanh(x @ w / 2.0) + 0.5 * (x[:, :5] ** 2 - 1)
    tags = (logits + rng.logistic(0, 0.7, logits.shape) > 0).astype("float32")
    model = keras.Sequential([
        keras.Input((10,)),
        keras.layers.UnitNormalization(),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(5, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Nadam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, tags, epochs=20, batch_size=32)


@holdout205("vellum_scrapers", ["learning_rate_too_low"], stall_begins=None)
def ftrl_recipe(session):
    """Skin grades from ten measurements, a 2x64 relu MLP: the optimizer line was copied from
    a click-through model, keras.optimizers.Ftrl() with its defaults (learning rate 1e-3
    shrinking with the square root of the accumulated gradients), where Adam 3e-3 was meant;
    the loss barely moves from log(3) for the whole run."""
    return _ftrl_defaults(session, broken=True)


@holdout205("vellum_scrapers", ["vanishing_gradients"], stall_begins=None)
def ten_sigmoid_layers(session):
    """Skin grades, a ten-layer 48-unit MLP whose hidden layers were all given
    activation='sigmoid' (as in an old textbook figure) trained by SGD 0.05 with momentum: the
    gradient reaching the first layers is a tiny fraction of the last layer's, and the loss
    sits at log(3)."""
    return _deep_sigmoid(session, broken=True)


@holdout205("vellum_scrapers", ["poor_initialization"], stall_begins=None)
def constant_kernels(session):
    """Skin grades, a 2x64 tanh MLP whose hidden kernels were initialized with
    keras.initializers.Constant(0.05) (meant as the bias's starting value): every hidden unit
    starts identical, gets the same gradient and stays a copy of its neighbours, so the
    network is a one-unit-wide net and the loss stalls far above the same MLP with Glorot
    kernels."""
    return _constant_kernels(session, broken=True)


# ---------------------------------------------------------------------------------------------
# seal engravers


@holdout205("seal_engravers", healthy=True)
def legend_attention(session):
    """A seal's style from the 16 glyphs of its legend with 8% of styles misread: an Embedding
    with a learned position embedding, one MultiHeadAttention block (2 heads) with a residual
    and LayerNormalization, mean pooling and a softmax head, trained by AdamW 2e-3 (weight
    decay 1e-4): it learns to count glyphs and flattens above zero at the misread styles."""
    keras = _keras()
    x, y = _glyphs(seed=20530, noise=0.08)
    inp = keras.Input((16,), dtype="int32")
    h = keras.layers.Embedding(40, 24)(inp)
    pos = keras.layers.Embedding(16, 24)(keras.ops.arange(16))
    h = h + pos
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=12)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.Dense(32, activation="relu")(keras.layers.GlobalAveragePooling1D()(h))
    model = keras.Model(inp, keras.layers.Dense(3, activation="softmax")(h))
    model.compile(keras.optimizers.AdamW(2e-3, weight_decay=1e-4),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout205("seal_engravers", healthy=True)
def hashed_legends(session):
    """A seal's style from its legend, the glyph ids hashed into 64 bins by a Hashing layer
    (as the engraver's shop receives new glyphs), a bag-of-glyphs Embedding with mean pooling
    and a 32-unit relu layer, RMSprop under PolynomialDecay from 5e-3 to 5e-4 over the run, 5%
    of styles misread: a slow steady fall that levels off as the rate reaches its end."""
    keras = _keras()
    x, y = _glyphs(seed=20531, noise=0.05)
    model = keras.Sequential([
        keras.Input((16,), dtype="int32"),
        keras.layers.Hashing(64),
        keras.layers.Embedding(64, 16),
        keras.layers.Conv1D(32, 1, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    schedule = keras.optimizers.schedules.PolynomialDecay(5e-3, 32 * 20, 5e-4)
    model.compile(keras.optimizers.RMSprop(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout205("seal_engravers", healthy=True)
def field_distillation(session):
    """A small student net learns the seal-field angle from a master engraver's soft calls: the
    targets are probability vectors (a softmax of the true angle's score at temperature 1.5,
    never one-hot), a Conv2D student trained by Adam 2e-3 under KLDivergence; the KL falls
    towards the part of the soft calls the student cannot reproduce from the noisy patch and
    flattens there."""
    keras = _keras()
    x, y = _patches(seed=20532)
    rng = np.random.default_rng(20533)
    scores = 3.0 * np.eye(4)[y] + rng.normal(0, 1.0, (len(y), 4))
    soft = np.exp(scores / 1.5)
    soft = (soft / soft.sum(1, keepdims=True)).astype("float32")
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.KLDivergence())
    return _fit(session, model, x, soft, epochs=15, batch_size=32)


@holdout205("seal_engravers", ["dead_relus"], stall_begins=None)
def relu_threshold(session):
    """Seal-field angle from 12x12 patches, a Conv2D net with explicit keras.layers.ReLU layers
    written ReLU(threshold=4.0) where max_value (a capped relu) was meant: with unit-scale
    pre-activations almost no unit clears the threshold, the relus output zero with zero
    gradient, and the loss sits near log(4)."""
    return _relu_threshold(session, broken=True)


@holdout205("seal_engravers", ["insufficient_capacity"], stall_begins=None)
def one_filter(session):
    """Seal-field angle from 12x12 patches where the conv stack was cut to a single
    Conv2D(1, 1) (one 1x1 filter, a per-pixel rescale) before global average pooling: the
    pooled value cannot tell one stripe angle from another, and the loss stays near log(4)
    while two 3x3 layers of 16 filters learn the task."""
    return _one_filter(session, broken=True)


@holdout205("seal_engravers", ["learning_rate_too_high"], stall_begins=96)
def lion_rate(session):
    """A seal's style from its legend, Embedding + Conv1D + mean pooling, trained by Lion with
    learning_rate=0.3 (an Adam-sized rate multiplied, not divided, when switching to Lion,
    which wants rates 3-10x smaller than Adam's): every sign-step moves every weight by 0.3
    and after two epochs of spikes the loss sits flat at ~0.94 from about step 96
    (approximate), where Lion 1e-3 keeps falling."""
    return _lion_rate(session, broken=True)


# ---------------------------------------------------------------------------------------------
# candle wickers


@holdout205("candle_wickers", healthy=True)
def burn_rate_spread(session):
    """Burn rate and its spread from 24 flame readings, where a thick wick's candles vary
    three times as much as a thin one's: a Conv1D net with two heads (mean and log-variance)
    fitted by a custom GradientTape loop under the Gaussian negative log-likelihood with Adam
    2e-3; the loss falls below zero and flattens where the noise of each candle allows."""
    import tensorflow as tf

    keras = _keras()
    x, y = _flicker(seed=20540, steps=24)
    rng = np.random.default_rng(20541)
    spread = 0.2 + 0.5 * (x[:, :, 0].std(axis=1) / x[:, :, 0].std(axis=1).max())
    y = (y + spread * rng.standard_normal(len(y))).astype("float32")
    model = keras.Sequential([
        keras.Input((24, 1)),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(2, activation="linear"),
    ])

    def nll(t, p):
        mean, log_var = p[:, 0], p[:, 1]
        return tf.reduce_mean(0.5 * (log_var + tf.square(t - mean) / tf.exp(log_var)))

    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), nll, x, y, epochs=25,
                        batch_size=32, seed=20542, loss_description="gaussian_nll")


@holdout205("candle_wickers", healthy=True)
def dilated_logcosh(session):
    """Burn rate from 32 flame readings with Student-t (3 d.o.f.) noise on the rate, a causal
    dilated Conv1D stack (dilations 1, 2, 4) trained by Adamax 3e-3 under log-cosh loss: it
    flattens at the heavy-tailed noise's floor."""
    keras = _keras()
    x, y = _flicker(seed=20543, steps=32)
    y = (y + 0.4 * np.random.default_rng(20544).standard_t(3, len(y))).astype("float32")
    model = keras.Sequential([
        keras.Input((32, 1)),
        keras.layers.Conv1D(16, 3, dilation_rate=1, padding="causal", activation="relu"),
        keras.layers.Conv1D(16, 3, dilation_rate=2, padding="causal", activation="relu"),
        keras.layers.Conv1D(16, 3, dilation_rate=4, padding="causal", activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adamax(3e-3), keras.losses.LogCosh())
    return _fit(session, model, x, y, epochs=25, batch_size=32)


@holdout205("candle_wickers", healthy=True)
def staircase_bigru(session):
    """Burn rate from 20 flame readings, a Bidirectional GRU(12) with Adam under a staircase
    ExponentialDecay (3e-3 halved every 150 steps) and MSE: the loss steps down with the rate
    and settles at the target's irreducible noise."""
    keras = _keras()
    x, y = _flicker(seed=20545, steps=20)
    model = keras.Sequential([
        keras.Input((20, 1)),
        keras.layers.Bidirectional(keras.layers.GRU(12)),
        keras.layers.Dense(1),
    ])
    schedule = keras.optimizers.schedules.ExponentialDecay(3e-3, 150, 0.5, staircase=True)
    model.compile(keras.optimizers.Adam(schedule), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout205("candle_wickers", ["unnormalized_inputs"], stall_begins=None)
def milligram_readings(session):
    """Burn rate from 24 readings that were logged as wax mass burnt in milligrams (around
    4,000 with a spread of 900) and fed raw into an LSTM(24) trained by SGD 0.02 with
    momentum: the gates are pinned by the huge inputs and the loss stays at the target's
    variance, where the same net on standardized readings reaches ~0.13."""
    return _milligrams(session, broken=True)


@holdout205("candle_wickers", ["non_finite_values"], stall_begins=22)
def log_of_zero_soot(session):
    """Burn rate from 24 flame and soot readings, the soot count passed through a log Lambda
    before a GRU(16); the book is read in order (shuffle=False) and its last third, a new wick,
    has soot readings of 0: from the first batch that holds one (step 22, exact) log(0) is
    -inf, the loss and then every weight are NaN for the rest of the 10 epochs."""
    return _log_soot(session, broken=True)


# ---------------------------------------------------------------------------------------------
# ale conners


@holdout205("ale_conners", healthy=True)
def hinge_verdicts(session):
    """The conner's verdict (sour, flat, sound) from eight readings with a nonlinear boundary
    and 10% of verdicts disputed, a 2x48 relu MLP with a linear head under CategoricalHinge
    loss and Adam 2e-3: the hinge loss flattens above zero at the disputed verdicts."""
    keras = _keras()
    x, y = _hides(seed=20550, dim=8, noise=0.1)
    model = _mlp(keras, 8, [48, 48], 3, out_activation="linear")
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.CategoricalHinge())
    return _fit(session, model, x, keras.utils.to_categorical(y, 3), epochs=20, batch_size=32)


@holdout205("ale_conners", healthy=True)
def clipped_nesterov_gru(session):
    """Whether a brew passes, from its 20 daily gravity readings (the drop rate and the
    final gravity decide, with noise on the verdict): a custom GradientTape loop over a
    GRU(16), SGD 0.05 with Nesterov momentum and global-norm clipping at 1.0, binary
    cross-entropy: it levels off at the verdict noise."""
    keras = _keras()
    rng = np.random.default_rng(20551)
    drop = rng.uniform(0.5, 2.0, N)
    final = rng.normal(0, 1, N)
    t = np.linspace(0, 1, 20)
    seq = final[:, None] + 2.0 * np.exp(-drop[:, None] * 4 * t) + rng.normal(0, 0.2, (N, 20))
    y = ((drop - 1.25) - 0.8 * final + rng.logistic(0, 0.3, N) > 0).astype("float32")
    model = keras.Sequential([
        keras.Input((20, 1)),
        keras.layers.GRU(16),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    loss = keras.losses.BinaryCrossentropy()
    optimizer = keras.optimizers.SGD(0.05, momentum=0.9, nesterov=True, global_clipnorm=1.0)
    return _custom_loop(session, model, optimizer, lambda a, p: loss(a[:, None], p),
                        seq[..., None].astype("float32"), y, epochs=20, batch_size=32,
                        seed=20552, loss_description="binary_crossentropy")


@holdout205("ale_conners", healthy=True)
def rare_off_casks(session):
    """Rare off casks (about 5%) flagged from eight readings, a 2x32 relu MLP with a sigmoid
    head under BinaryFocalCrossentropy (gamma 2), Adam 2e-3 with use_ema=True: the focal loss
    is small from the start and keeps creeping down, slower and slower, to the end."""
    keras = _keras()
    x, _ = _brews(seed=20553)
    rng = np.random.default_rng(20554)
    score = 1.2 * x[:, 0] + x[:, 1] * x[:, 2] + rng.normal(0, 0.5, len(x))
    y = (score > np.quantile(score, 0.95)).astype("float32")
    model = _mlp(keras, 8, [32, 32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(2e-3, use_ema=True),
                  keras.losses.BinaryFocalCrossentropy(gamma=2.0))
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout205("ale_conners", ["saturated_activations"], stall_begins=16)
def tempered_sigmoids(session):
    """Whether a brew passes, a custom GradientTape loop over a 2x64 sigmoid MLP whose hidden
    layers are each preceded by a Rescaling meant to divide by a temperature of 50 but
    written Rescaling(1 / 0.02): the pre-activations are fifty times too large, the sigmoid
    units sit at 0 or 1 and SGD 0.1 with momentum gets almost no gradient through them; the
    loss levels off within the first epoch (step 16, approximate) at ~0.54 and thrashes there,
    where the same loop with gain 1 keeps falling to ~0.41."""
    return _sigmoid_temperature(session, broken=True)


@holdout205("ale_conners", ["over_regularization"], stall_begins=128)
def elastic_alpha(session):
    """Whether a brew passes, a 2x64 relu MLP whose every kernel carries
    keras.regularizers.L1(0.05), the alpha of a scikit-learn elastic net pasted in as a
    per-weight Keras penalty: the penalty crushes the weights to zero, and after a fall from
    the large starting penalty the loss sits near the prior's (~0.75) from about step 128
    (approximate), where L1(1e-5) lets it fall to ~0.24."""
    return _elastic_alpha(session, broken=True)
