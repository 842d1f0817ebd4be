"""The two-hundred-and-seventh held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four country trades, each with its own synthetic data (numpy, seeds 20701-20737): hedge layers
(metres laid per day, hedge style, snapping pleachers, photos of laid hedges), straw plaiters
(the run of straws fed into a plait, plait orders written as straw-grade words), peat cutters
(moisture profiles down a cut bank, turf-cutters' records in raw units) and cart wrights
(a wheel's life from its rim, where a crack starts on the wheel, the price of an order). The
last PROBE_SIZE rows of every data set are the probe and are never trained on.

Healthy half (12 runs, nothing in the code to fix): a heteroscedastic regression whose MSE
flattens at the noise; a label-noise classifier under SGD with PiecewiseConstantDecay that
steps down at each boundary; a rare positive class (6%) trained with class_weight; a GRU on
noisily labelled sequences; an Embedding + self-attention regression with Huber loss; an LSTM
forecaster with ReduceLROnPlateau; a Conv1D Poisson count model; a CNN under warm-up then
cosine decay; a tiny survey that a wide MLP overfits (the training loss falls toward zero); a
custom-loop quantile (pinball) regression on Student-t noise; a two-input functional model
with an embedding; and a custom loop with plain SGD on a checkerboard that is still improving
slowly at the end.

Broken half (11 runs, one per cause): RMSprop given an SGD learning rate (0.5); SGD at 1e-5 on
a GRU; raw-unit tabular inputs into a relu MLP; a 10-layer sigmoid MLP in a custom loop; hidden
biases initialized to -4 in a relu MLP; Rescaling(255) where Rescaling(1/255) was meant in
front of a tanh CNN; a sigmoid head kept for a regression whose targets are half negative;
a config default that leaves a softmax regression on a checkerboard; l2(0.5) on every kernel
of a Conv1D net; zero-initialized kernels in a tanh MLP (Adagrad, custom loop); and np.log
instead of np.log1p on a count with zeros, read in date order, so the loss turns NaN mid-epoch.
Each was trained beside its fixed twin with Session(None): every broken run ends far above its
twin and is flat or nearly flat.

Dropped: exploding_gradients. A relu IRNN with recurrent gain 1.3-1.5 went to NaN at the first
steps under SGD (not the point) and under Adam its huge loss kept falling; a tanh SimpleRNN
with an N(0, 1) recurrent kernel stayed at chance, but its fixed twin (orthogonal kernel, same
SGD) did not learn either, so it did not isolate the mistake. A first loss/activation mismatch,
Dense(1, softmax) with binary cross-entropy, was replaced: Keras 3 computes that loss from the
layer's logits, and it trained exactly like the sigmoid version.

Labels: `expected_causes[0]` is the root cause built into the run; only one cause is given.
`stall_begins` is the 0-based optimizer step from which the loss stops improving, None when it
never improves on its start. The NaN run's step is exact (the first batch holding log(0), read
without shuffling); the l2 run (320) and the softmax regression (128) were read off the
per-epoch loss and are approximate. The RMSprop run blows up in its first steps and comes back
to chance, never below its start, so it is labelled None.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _split, _standardize
from .scenarios import registrar

FAMILIES = ('hedge_layers', 'straw_plaiters', 'peat_cutters', 'cart_wrights')
REGISTRY = []
holdout207 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data


def _hedge_days(n, seed, hetero=True):
    """A hedger's day: stem thickness, slope, frost, wind, experience, stem density -> metres
    laid. Noise grows with the slope (steep banks make some days much worse)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 6)).astype("float32")
    signal = 2.0 * np.tanh(x[:, 0]) - 1.2 * x[:, 1] + 0.8 * x[:, 4] * x[:, 5] + 0.5 * x[:, 2] ** 2
    scale = 0.4 + (0.6 * np.abs(x[:, 1]) if hetero else 0.0)
    y = signal + scale * rng.normal(size=n)
    return x, y.astype("float32").reshape(-1, 1)


def _hedge_classes(n, seed, classes=4, flip=0.0):
    """Which style of hedge (Midland, South of England, Welsh, Devon) a stretch was laid in,
    from eight standardized measurements; `flip` relabels that share at random."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 8)).astype("float32")
    centres = rng.normal(scale=1.4, size=(classes, 8))
    logits = x @ centres.T + 0.6 * np.sin(2 * x[:, :classes])
    y = logits.argmax(axis=1)
    flipped = rng.random(n) < flip
    y[flipped] = rng.integers(0, classes, flipped.sum())
    return x, y.astype("int64")


def _hedge_photos(n, seed):
    """16x16 grey photos of a laid hedge: pleachers lean at one of three angles (the style)."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    rows, cols = np.mgrid[0:16, 0:16]
    slopes = np.array([0.5, 1.0, 2.0])
    x = np.empty((n, 16, 16, 1), dtype="float32")
    for i in range(n):
        phase = rng.uniform(0, 2 * np.pi)
        stripes = np.sin(0.8 * (cols * slopes[y[i]] - rows) + phase)
        x[i, :, :, 0] = 0.5 + 0.3 * stripes + 0.15 * rng.normal(size=(16, 16))
    return np.clip(x, 0.0, 1.0), y.astype("int64")


def _plait_sequences(n, seed, length=24, classes=3, flip=0.0):
    """A plaiter's straw, one step per straw fed in: thickness, moisture, twist, tension. The
    plait's pattern class follows from where along the run the twist reverses."""
    rng = np.random.default_rng(seed)
    x = rng.normal(scale=0.7, size=(n, length, 4)).astype("float32")
    y = rng.integers(0, classes, n)
    for i in range(n):
        start = 2 + y[i] * (length // classes) + rng.integers(0, 4)
        x[i, start:start + 5, 2] += 1.5
        x[i, :, 0] += 0.3 * y[i]
    flipped = rng.random(n) < flip
    y[flipped] = rng.integers(0, classes, flipped.sum())
    return x, y.astype("int64")


def _plait_tokens(n, seed, length=20, vocab=30):
    """Plait orders written as words (straw grade codes); the worth of an order is the sum of
    the grades' prices, doubled for grades bought together with a 'split' straw (token 1)."""
    rng = np.random.default_rng(seed)
    tokens = rng.integers(2, vocab, size=(n, length))
    has_split = rng.random(n) < 0.4
    tokens[has_split, rng.integers(0, length, has_split.sum())] = 1
    price = np.linspace(-1.0, 1.0, vocab)
    value = price[tokens].mean(axis=1) * np.where(has_split, 2.0, 1.0)
    value = value / value.std()
    return tokens.astype("int32"), value.astype("float32")


def _peat_profiles(n, seed, length=32):
    """Moisture down a cut peat bank, one reading per 5 cm: the number of turves a bank yields
    depends on the depth and thickness of the dry layer."""
    rng = np.random.default_rng(seed)
    depth = rng.uniform(4, 24, n)
    width = rng.uniform(2, 8, n)
    z = np.arange(length)[None, :]
    dry = np.exp(-((z - depth[:, None]) / width[:, None]) ** 2)
    x = (1.0 - 0.8 * dry + 0.1 * rng.normal(size=(n, length))).astype("float32")[..., None]
    rate = np.exp(0.3 + 0.15 * width - 0.04 * np.abs(depth - 12))
    return x, rng.poisson(rate).astype("float32").reshape(-1, 1), (depth, width)


def _peat_raw(n, seed):
    """A turf-cutter's records in their raw units: bank depth (mm), cutting date (day of year),
    dry days before cutting, slope (degrees), spade width (mm), ash content (%)."""
    rng = np.random.default_rng(seed)
    depth = rng.uniform(300, 2000, n)
    day = rng.uniform(90, 250, n)
    dry = rng.poisson(6, n).astype(float)
    slope = rng.uniform(0, 25, n)
    spade = rng.normal(110, 8, n)
    ash = rng.gamma(2.0, 1.5, n)
    x = np.stack([depth, day, dry, slope, spade, ash], axis=1)
    z = (x - x.mean(axis=0)) / x.std(axis=0)
    logit = 1.5 * z[:, 0] - 1.2 * z[:, 2] * z[:, 3] + np.sin(2 * z[:, 1]) + 0.8 * z[:, 5] ** 2
    y = (logit + 0.5 * rng.normal(size=n) > 0.6).astype("int64")
    return x.astype("float32"), y


def _wheel_rims(n, seed):
    """A wheelwright's rims: felloe depth, spoke count, tyre shrink, ash/elm, seasoning, dish;
    the target is the wheel's life in years (a log-scale with heavy-tailed, skewed luck)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 6)).astype("float32")
    life = 1.2 * x[:, 0] + np.sin(2 * x[:, 1]) + 0.7 * x[:, 2] * x[:, 3] - 0.5 * x[:, 4]
    luck = rng.standard_t(df=3, size=n) * 0.6
    return x, (life + luck).astype("float32").reshape(-1, 1)


def _wheel_checker(n, seed, classes=4):
    """Where on the wheel (by angle and radius) a crack starts sorts it into one of four
    repair classes, in a checkerboard of hub, spoke, felloe and tyre regions."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, size=(n, 2))
    cell = (np.floor(x[:, 0] * 2) + 2 * np.floor(x[:, 1] * 2)).astype(int) % classes
    extra = rng.normal(scale=0.3, size=(n, 4))
    return np.concatenate([x, extra], axis=1).astype("float32"), cell.astype("int64")


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, callbacks=()):
    """`_fit` for a model with several inputs: the last PROBE_SIZE rows are the probe."""
    train = [a[:-PROBE_SIZE] for a in inputs]
    probe = ([a[-PROBE_SIZE:] for a in inputs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        verbose=0, callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# hedge_layers


@holdout207("hedge_layers", healthy=True)
def hedge_metres_heteroscedastic(session):
    """Metres of hedge laid in a day from six standardized conditions; the noise grows with the
    bank's slope, so MSE flattens far above zero. 2x64 relu MLP, Adam 2e-3, batch 32."""
    keras = _keras()
    x, y = _hedge_days(N, seed=20701)
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout207("hedge_layers", healthy=True)
def hedge_style_label_noise_step_decay(session):
    """Hedge style from eight measurements, a quarter of the survey labels copied wrongly; SGD
    with momentum and a PiecewiseConstantDecay that divides the rate by 10 at steps 300 and 600.
    The cross-entropy steps down at each boundary and settles well above zero (label noise)."""
    keras = _keras()
    x, y = _hedge_classes(N, seed=20702, flip=0.25)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([300, 600], [0.05, 0.005, 5e-4])
    model = _mlp(keras, 8, [64, 32], 4)
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=28, batch_size=32)


@holdout207("hedge_layers", healthy=True)
def hedge_snapped_pleachers_rare(session):
    """Whether a pleacher snaps when laid (about 6% of stems), from six measurements; binary
    cross-entropy with class_weight {0: 1, 1: 8}, 32-16 relu MLP, Adam 1e-3. The weighted loss
    stays high because snaps overlap with sound stems."""
    keras = _keras()
    rng = np.random.default_rng(20703)
    x = rng.normal(size=(N, 6)).astype("float32")
    score = 1.3 * x[:, 0] + 0.9 * x[:, 1] * x[:, 2] - 0.7 * x[:, 3] + rng.normal(size=N)
    y = (score > np.quantile(score, 0.94)).astype("float32").reshape(-1, 1)
    model = _mlp(keras, 6, [32, 16], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_weighted(session, model, x, y, {0: 1.0, 1: 8.0}, epochs=20, batch_size=32)


def _fit_weighted(session, model, x, y, class_weight, *, epochs, batch_size):
    """`_fit` with a class_weight."""
    (x_train, y_train), probe = _split(x, y)
    history = model.fit(x_train, y_train, epochs=epochs, batch_size=batch_size, verbose=0,
                        class_weight=class_weight, callbacks=session.callbacks(probe))
    return history.history["loss"]


def _hedge_rmsprop(session, broken):
    keras = _keras()
    x, y = _hedge_classes(N, seed=20704, flip=0.05)
    model = _mlp(keras, 8, [64, 64], 4)
    model.compile(keras.optimizers.RMSprop(0.5 if broken else 1e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout207("hedge_layers", ["learning_rate_too_high"], stall_begins=None)
def hedge_style_rmsprop_half(session):
    """Hedge style from eight measurements, 2x64 relu MLP with RMSprop at learning_rate=0.5 (the
    value from an SGD recipe pasted into RMSprop): the steps throw the weights about and the
    cross-entropy never settles near what RMSprop 1e-3 reaches."""
    return _hedge_rmsprop(session, broken=True)


def _hedge_dead(session, broken):
    keras = _keras()
    x, y = _hedge_days(N, seed=20705, hetero=False)
    kw = {"bias_initializer": keras.initializers.Constant(-4.0)} if broken else {}
    model = _mlp(keras, 6, [64, 64, 64], 1, out_activation=None, **kw)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout207("hedge_layers", ["dead_relus"])
def hedge_metres_negative_bias(session):
    """Metres laid per day, 3x64 relu MLP whose hidden biases were all initialized to -4 (meant
    to 'sparsify' the units): on standardized inputs nearly no unit ever fires, and the loss
    stays at the variance of the target minus what the output bias can take."""
    return _hedge_dead(session, broken=True)


def _hedge_saturated(session, broken):
    keras = _keras()
    x, y = _hedge_photos(768 + PROBE_SIZE, seed=20706)
    x = (x * 255.0).round().astype("float32")  # stored as 8-bit pixels
    scale = 255.0 if broken else 1.0 / 255.0
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Rescaling(scale),
        keras.layers.Conv2D(8, 3, activation="tanh", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="tanh", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(16, activation="tanh"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout207("hedge_layers", ["saturated_activations"])
def hedge_photos_rescaling_255(session):
    """Hedge photos stored as 0-255 pixels, tanh CNN whose first layer is Rescaling(255.0) where
    Rescaling(1/255) was meant: every tanh unit sits at +-1, its derivative is ~0, and SGD with
    momentum cannot move them; the loss stays near chance."""
    return _hedge_saturated(session, broken=True)


# ---------------------------------------------------------------------------------------------
# straw_plaiters


@holdout207("straw_plaiters", healthy=True)
def plait_pattern_gru_label_noise(session):
    """Plait pattern from the run of straws fed in (24 steps x 4 readings), GRU(24) then a
    softmax, Adam 3e-3; 20% of the patterns were recorded wrongly, so the cross-entropy levels
    off far above zero."""
    keras = _keras()
    x, y = _plait_sequences(768 + PROBE_SIZE, seed=20711, flip=0.2)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(24),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout207("straw_plaiters", healthy=True)
def plait_order_attention_huber(session):
    """Worth of a plait order from its straw-grade words: Embedding(30, 16), one self-attention
    block (2 heads) with a residual, average pooling and a linear output; Huber loss, Adam 2e-3.
    Smooth decrease that flattens slowly."""
    keras = _keras()
    tokens, value = _plait_tokens(N, seed=20712)
    value = value + 0.3 * np.random.default_rng(20713).normal(size=value.shape).astype("float32")
    inp = keras.Input((tokens.shape[1],), dtype="int32")
    h = keras.layers.Embedding(30, 16)(inp)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(16, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(delta=1.0))
    return _fit(session, model, tokens, value.reshape(-1, 1), epochs=15, batch_size=32)


@holdout207("straw_plaiters", healthy=True)
def plait_length_lstm_reduce_on_plateau(session):
    """Length of plait a plaiter finishes from her last 20 days of output (noisy daily counts),
    LSTM(16), Adam 3e-3 with ReduceLROnPlateau (factor 0.3, patience 2) on the training loss; the
    MSE flattens at the noise and the rate drops in steps."""
    keras = _keras()
    rng = np.random.default_rng(20714)
    base = rng.normal(size=(N, 1))
    trend = rng.normal(scale=0.3, size=(N, 1))
    days = np.arange(20)[None, :]
    series = base + trend * days / 10 + 0.5 * np.sin(days / 3 + rng.uniform(0, 6, (N, 1)))
    series = series + 0.4 * rng.normal(size=series.shape)
    y = base + trend * 2.2 + 0.5 * rng.normal(size=(N, 1))
    x = series[..., None].astype("float32")
    model = keras.Sequential([keras.Input((20, 1)), keras.layers.LSTM(16), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    plateau = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=2, min_delta=1e-3)
    return _fit(session, model, x, y.astype("float32"), epochs=16, batch_size=32,
                callbacks=[plateau])


def _plait_lr_low(session, broken):
    keras = _keras()
    x, y = _plait_sequences(640 + PROBE_SIZE, seed=20715)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(24),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.SGD(1e-5 if broken else 0.05, momentum=0.9),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout207("straw_plaiters", ["learning_rate_too_low"])
def plait_pattern_gru_sgd_1e5(session):
    """Plait pattern from the straws fed in, GRU(24), SGD momentum 0.9 at learning_rate=1e-5 (an
    Adam fine-tuning value carried over to SGD): the cross-entropy sits at log(3)."""
    return _plait_lr_low(session, broken=True)


def _plait_mismatch(session, broken):
    keras = _keras()
    tokens, value = _plait_tokens(N, seed=20716)
    model = keras.Sequential([
        keras.Input((tokens.shape[1],), dtype="int32"),
        keras.layers.Embedding(30, 16),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid" if broken else None),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, tokens, value.reshape(-1, 1), epochs=12, batch_size=32)


@holdout207("straw_plaiters", ["loss_activation_mismatch"])
def plait_order_worth_sigmoid_head(session):
    """Worth of a plait order (standardized, so half the targets are negative) from its
    straw-grade words: Embedding + average pooling + Dense(32), with the Dense(1, sigmoid) head
    kept from the team's classifier and MSE. The output cannot go below 0, so the loss stalls
    at the negative half's error."""
    return _plait_mismatch(session, broken=True)


# ---------------------------------------------------------------------------------------------
# peat_cutters


@holdout207("peat_cutters", healthy=True)
def peat_turves_conv1d_poisson(session):
    """Number of turves a bank yields from its moisture profile (32 readings), Conv1D(8, 5) x2
    with pooling, exp-free softplus output and Poisson loss, Adam 3e-3. Counts are Poisson, so the
    loss flattens at the counts' own randomness."""
    keras = _keras()
    x, y, _ = _peat_profiles(N, seed=20721)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(8, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(8, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1, activation="softplus"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout207("peat_cutters", healthy=True)
def peat_bog_patches_cnn_warmup_cosine(session):
    """Whether a 16x16 bog-surface patch is cuttable (dry, fibrous texture) or not, small CNN,
    Adam with 100 steps of linear warm-up to 3e-3 and then cosine decay to ~0 at the end; the
    loss is slow at first, falls, and flattens as the rate vanishes, above zero because the
    textures overlap."""
    keras = _keras()
    rng = np.random.default_rng(20722)
    n = 768 + PROBE_SIZE
    y = rng.integers(0, 2, n)
    rough = np.where(y == 1, 0.9, 0.6) + rng.normal(scale=0.2, size=n)
    x = rng.normal(size=(n, 16, 16, 1)) * rough[:, None, None, None]
    x[:, :, 1:] += 0.5 * x[:, :, :-1]
    x = _standardize(x.reshape(n, -1)).reshape(n, 16, 16, 1)
    steps = 12 * -(-(n - PROBE_SIZE) // 32)
    schedule = keras.optimizers.schedules.CosineDecay(0.0, steps - 100, warmup_target=3e-3,
                                                     warmup_steps=100)
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(schedule), "binary_crossentropy")
    return _fit(session, model, x, y.astype("float32").reshape(-1, 1), epochs=12, batch_size=32)


@holdout207("peat_cutters", healthy=True)
def peat_small_survey_overfits(session):
    """Only 160 surveyed banks (moisture, depth and six more readings) to predict the season's
    yield, 2x128 relu MLP, Adam 3e-3, batch 16: the training loss keeps falling toward zero as the
    net memorizes the few banks (it overfits; nothing in the code is wrong)."""
    keras = _keras()
    rng = np.random.default_rng(20723)
    n = 160 + PROBE_SIZE
    x = rng.normal(size=(n, 8)).astype("float32")
    y = (x[:, 0] - 0.5 * x[:, 1] * x[:, 2] + 0.8 * rng.normal(size=n)).astype("float32")
    model = _mlp(keras, 8, [128, 128], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y.reshape(-1, 1), epochs=40, batch_size=16)


def _peat_unnormalized(session, broken):
    keras = _keras()
    x, y = _peat_raw(N, seed=20724)
    if not broken:
        x = _standardize(x)
    model = _mlp(keras, 6, [32, 32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "binary_crossentropy")
    return _fit(session, model, x, y.astype("float32").reshape(-1, 1), epochs=15, batch_size=32)


@holdout207("peat_cutters", ["unnormalized_inputs"])
def peat_cuttable_raw_units(session):
    """Whether a bank is worth cutting this season from six records in their raw units (depth in
    mm up to 2000, day of year up to 250, spade width ~110 mm...), fed unscaled to a 2x32 relu MLP
    with SGD momentum: the depth column dominates every unit and the loss stalls far above the
    standardized run's."""
    return _peat_unnormalized(session, broken=True)


def _peat_overreg(session, broken):
    keras = _keras()
    x, _, (depth, _) = _peat_profiles(N, seed=20725)
    y = ((depth - 14.0) / 5.8).astype("float32").reshape(-1, 1)
    reg = keras.regularizers.l2(0.5 if broken else 5e-4)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", kernel_regularizer=reg),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", kernel_regularizer=reg),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(1, kernel_regularizer=reg),
    ])
    model.compile(keras.optimizers.Nadam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout207("peat_cutters", ["over_regularization"], stall_begins=320)  # approximate
def peat_yield_conv1d_l2_half(session):
    """Depth of the dry layer (standardized) from a bank's moisture profile, Conv1D net with
    l2(0.5) on every kernel (the paper's 5e-4 misread as 0.5), Nadam: the penalty holds the
    weights near zero and the
    output at the mean, so the loss stalls near the target's variance."""
    return _peat_overreg(session, broken=True)


def _peat_nonfinite(session, broken):
    keras = _keras()
    rng = np.random.default_rng(20726)
    x, y = _peat_raw(N, seed=20726)
    # Rows in date order; the wet spell late in the season has days with zero dry days before.
    order = np.argsort(x[:, 1])
    x, y = x[order], y[order]
    wet = np.arange(N) >= WET_SPELL_ROW
    x[wet, 2] = np.where(rng.random(wet.sum()) < 0.3, 0.0, x[wet, 2])
    x[WET_SPELL_ROW, 2] = 0.0
    dry = x[:, 2].copy()
    x = _standardize(x)
    # The dry-day count is skewed: log-transform it, with the scale from last year's notes.
    x[:, 2] = ((np.log(dry) if broken else np.log1p(dry)) - 1.7) / 0.5
    model = _mlp(keras, 6, [32, 32], 1, activation="tanh", out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, x.astype("float32"), y.astype("float32").reshape(-1, 1),
                epochs=6, batch_size=32, shuffle=False)


WET_SPELL_ROW = 750  # read in date order with batch 32: first seen in step 750 // 32 = 23


@holdout207("peat_cutters", ["non_finite_values"], stall_begins=WET_SPELL_ROW // 32)
def peat_cuttable_log_dry_days(session):
    """Whether a bank is worth cutting, from its records in date order (no shuffle), with the
    skewed count of dry days before cutting log-transformed by np.log instead of np.log1p: the
    late-season wet spell has zero dry days, log(0) = -inf, and from the first such batch the
    loss is NaN for the rest of the run."""
    return _peat_nonfinite(session, broken=True)


# ---------------------------------------------------------------------------------------------
# cart_wrights


@holdout207("cart_wrights", healthy=True)
def wheel_life_quantile_custom_loop(session):
    """Custom GradientTape loop: the 0.8 quantile of a wheel's life (heavy-tailed Student-t
    luck) from six rim measurements, pinball loss, 2x32 relu MLP, Adam 2e-3. The pinball loss
    flattens at the spread of the luck, far above zero."""
    import tensorflow as tf

    keras = _keras()
    x, y = _wheel_rims(N, seed=20731)
    model = _mlp(keras, 6, [32, 32], 1, out_activation=None)

    def pinball(targets, predictions, q=0.8):
        error = targets - predictions
        return tf.reduce_mean(tf.maximum(q * error, (q - 1.0) * error))

    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), pinball, x, y,
                        epochs=15, batch_size=32, seed=20731)


@holdout207("cart_wrights", healthy=True)
def wheel_order_two_inputs(session):
    """Price of a wheel order from two inputs, the wheel's six measurements and the customer's
    trade (one of 12, embedded in 4 dimensions): a functional model joining a Dense branch and
    an Embedding, MSE with Gaussian noise, Adam 2e-3. Settles at the noise."""
    keras = _keras()
    x, life = _wheel_rims(N, seed=20732)
    rng = np.random.default_rng(20733)
    trade = rng.integers(0, 12, N).astype("int32")
    trade_effect = np.linspace(-1.5, 1.5, 12)[trade]
    y = (0.5 * life[:, 0] + trade_effect * (1 + 0.3 * x[:, 0]) + 0.5 * rng.normal(size=N))
    measures = keras.Input((6,))
    customer = keras.Input((1,), dtype="int32")
    a = keras.layers.Dense(32, activation="relu")(measures)
    b = keras.layers.Flatten()(keras.layers.Embedding(12, 4)(customer))
    h = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([a, b]))
    model = keras.Model([measures, customer], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit_inputs(session, model, [x, trade.reshape(-1, 1)],
                       y.astype("float32").reshape(-1, 1), epochs=15, batch_size=32)


@holdout207("cart_wrights", healthy=True)
def wheel_crack_slow_sgd(session):
    """Custom loop: crack repair class from where on the wheel it starts (a checkerboard of
    regions, plus four irrelevant readings), 2x64 relu MLP with plain SGD 0.05: a long, slow
    descent that is still improving when the run ends."""
    keras = _keras()
    x, y = _wheel_checker(N, seed=20734)
    model = _mlp(keras, 6, [64, 64], 4)
    return _custom_loop(session, model, keras.optimizers.SGD(0.05),
                        keras.losses.SparseCategoricalCrossentropy(), x, y,
                        epochs=25, batch_size=32, seed=20734)


def _wheel_vanishing(session, broken):
    keras = _keras()
    x, y = _wheel_checker(N, seed=20735)
    hidden = [32] * 10 if broken else [32] * 3
    model = _mlp(keras, 6, hidden, 4, activation="sigmoid" if broken else "relu")
    return _custom_loop(session, model, keras.optimizers.SGD(0.05, momentum=0.9),
                        keras.losses.SparseCategoricalCrossentropy(), x, y,
                        epochs=15, batch_size=32, seed=20735)


@holdout207("cart_wrights", ["vanishing_gradients"])
def wheel_crack_ten_sigmoid_layers(session):
    """Custom loop: crack repair class from its place on the wheel, a 10x32 sigmoid MLP (an old
    textbook's 'deep' net) with SGD momentum: each sigmoid layer scales the gradient by at most
    1/4, the first layers receive almost nothing, and the loss stays at log(4)."""
    return _wheel_vanishing(session, broken=True)


CAPACITY_STALL = 128  # approximate, read off the per-step loss


def _wheel_capacity(session, broken):
    keras = _keras()
    x, y = _wheel_checker(N, seed=20736)
    model = _mlp(keras, 6, [] if broken else [64, 64], 4)
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3),
                        keras.losses.SparseCategoricalCrossentropy(), x, y,
                        epochs=15, batch_size=32, seed=20736)


@holdout207("cart_wrights", ["insufficient_capacity"], stall_begins=CAPACITY_STALL)
def wheel_crack_no_hidden_layer(session):
    """Custom loop: crack repair class on the wheel's checkerboard of regions with
    hidden_layers=() left at the config's default, i.e. a softmax regression, Adam 3e-3: a
    linear boundary cannot separate the checkerboard and the loss stays near log(4), far above
    the 2x64 net's."""
    return _wheel_capacity(session, broken=True)


def _wheel_zero_init(session, broken):
    keras = _keras()
    x, y = _wheel_rims(N, seed=20737)
    init = "zeros" if broken else "glorot_uniform"
    model = _mlp(keras, 6, [32, 32], 1, activation="tanh", out_activation=None,
                 kernel_initializer=init)
    return _custom_loop(session, model, keras.optimizers.Adagrad(0.05),
                        keras.losses.MeanSquaredError(), x, y, epochs=12, batch_size=32,
                        seed=20737)


@holdout207("cart_wrights", ["poor_initialization"])
def wheel_life_zero_kernels(session):
    """Custom loop: a wheel's life from six rim measurements, 2x32 tanh MLP whose kernels were
    all initialized to zeros (set so that 'training starts from a neutral model'), Adagrad: the
    hidden units output 0 and receive no gradient, so only the output bias learns."""
    return _wheel_zero_init(session, broken=True)
