"""The hundred-and-fifty-seventh held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades, twenty-four runs (six each, three healthy and three broken per trade):
basketweavers (weave photos, market-stall tags, handles, a basket's load), candlemakers (burn
hours, soot, wick trials, wax blends, recipes in workshop units), soapmakers (oil spectra,
oil blends, cracked bars, curing shrinkage) and dollmakers (doll faces, buyers' ratings,
sewing-machine stitch traces, defect counts). Data are numpy generators with seeds
15702..15728; the last PROBE_SIZE rows of every set are the probe. Every run was checked only
from its own losses (Keras History epoch means, and per-step losses recovered from Keras's
running batch means) under Session(None) with keras's seed set to 0, and every broken run
against its helper `_name(session, broken)` with broken=False.

Healthy half (twelve runs, nothing to fix in the code). Basketweavers: weave photos by a small
Conv2D net under Nesterov SGD on a staircase ExponentialDecay, a fifth mislabelled (~0.46,
flat); market-stall tag words by an Embedding, a dot-product keras.layers.Attention and
pooling, a tenth mislabelled (~0.34, creeping); a handle's lean as a unit 3-vector under the
CosineSimilarity loss with a random reed twist (~-0.95, never -1). Candlemakers: log-normal
burn hours under MeanSquaredLogarithmicError with a softplus head (~0.10, easing); one
functional model with two heads (burn-time MSE plus a noisy soot rule under binary
cross-entropy, loss_weights 1 and 0.5) whose summed loss flattens at both floors (~0.23);
burn time under Adadelta at 1.0, a steady slowish descent still easing (~0.11). Soapmakers: oil
spectra by a Conv1D net under categorical_hinge and RMSprop with 15% wrong oils (~0.69, easing
slowly); only 160 standardized oil blends memorised by a 2x128 MLP under Adagrad at batch 16
for 40 epochs (~0.005, still falling); rare cracked bars (~7%) in a GradientTape loop under
BinaryFocalCrossentropy (~0.010, easing). Dollmakers: doll-face photos by Conv2D with
BatchNormalization under AdamW on a warm-up then cosine decay to zero, 15% mislabelled (~0.78,
still easing when the rate reaches zero); buyers' ratings as a two-input matrix factorization
(two Embeddings and a Dot), whose factors memorise the few ratings per buyer (~0.08,
flattening); stitch traces by Conv1D and a GRU under ReduceLROnPlateau, an eighth mislabelled
(~0.42, levelled).

Broken half, one root cause each (broken final epoch loss vs the fixed helper's):
- vanishing_gradients, basketweavers: a ten-layer sigmoid MLP in a GradientTape loop under SGD
  with momentum: flat at ~1.21 (the target's variance) vs 0.17 with relu and He init.
- poor_initialization, basketweavers: Constant(0.05) for every kernel of a Conv2D net, so all
  filters and units stay identical: a first drop, then creeping at ~0.57 vs 0.004.
- learning_rate_too_high, basketweavers: the linear scaling rule inverted on an Embedding
  classifier (Adam at base_lr * batch_size = 1.28): losses in the thousands, then ln 3 (1.11)
  vs 0.33.
- learning_rate_too_low, candlemakers: a LearningRateScheduler `lr * 0.1` meant every ten
  epochs that fires every epoch: flat at 1.055 from the third epoch vs 0.083.
- unnormalized_inputs, candlemakers: a Normalization layer adapted on the target instead of
  the features, so a tanh MLP sees wax grams and degrees raw: creeping near 0.67 vs 0.024.
- saturated_activations, candlemakers: hard_tanh units behind a "sharpening temperature"
  0.02 applied as Rescaling(1 / 0.02), under SGD with momentum: every unit pinned at +-1 with
  zero slope, bouncing around 0.85-1.15 vs 0.088 without the factor.
- non_finite_values, soapmakers: a hand-written percentage error |y - p| / y over records in
  ledger order with three 0% shrinkage records: inf at step 21, NaN afterwards, the run goes on,
  vs 0.23 with MAE.
- dead_relus, soapmakers: kernel_constraint=NonNeg() on relu layers fed negative
  log-proportions: every first-layer unit dead after the first update, flat at 1.001 vs 0.036.
- over_regularization, soapmakers: activity_regularizer=L1(1.0) (meant 1e-5) on a Conv1D
  net's hidden layers: the penalty is paid off, then ln 4 (1.39) vs 0.35.
- insufficient_capacity, dollmakers: keras.layers.LSTM(1), units read as "one layer", on
  eight stitches: ln 8 (2.074) from the start vs ~0.27 for LSTM(32).
- exploding_gradients, dollmakers: a tanh SimpleRNN over 90 ticks under SGD with momentum
  whose recipe's clipnorm=1.0 was dropped: learning for two epochs, then a gradient burst at
  ~step 88 and flat at ~1.46 for good vs 0.02 with clipping.
- loss_activation_mismatch, dollmakers: a sigmoid output (kept from a pass/fail model) under
  the Poisson loss on defect counts with mean ~4: flat at ~1.00 vs -1.78 with an exponential
  head.

Dropped or changed because they did not behave as intended: a SimpleRNN on weave rows whose
class is set by the first rows (meant as vanishing gradients through time): the SimpleRNN
learned it, better than the GRU meant as its fix, so it was replaced by the sigmoid tower in a
custom loop; a sigmoid (and a hard_sigmoid) hidden layer behind the same "temperature" under
Adam: Adam's normalised steps kept learning from the few examples in the linear region (the
sharpened net even beat the plain sigmoid one), and a tanh version under SGD still drifted
down, so the hard_tanh / SGD version was kept; a relu SimpleRNN with Orthogonal(1.5) recurrence
(meant as exploding gradients) bounced erratically yet kept learning; a six-layer relu MLP
with RandomNormal(stddev=1.0) kernels (loss ~1e8) fell steadily in log scale instead of
stalling; the Embedding classifier's scaled learning rate at 0.64 on an easier tag set still
reached zero loss (the data were made harder and the base rate doubled); LSTM(1) on four
stitches began to learn after ten epochs (eight stitches were used); NonNeg on six oils left
enough units alive to learn to ~0.37 (twelve oils were used); Adagrad at 0.05 on raw oil
log-proportions threw a first-epoch loss of ~60 (the inputs were standardized and the rate
lowered for the healthy run).

Not written because earlier catalogues hold them: pixel values or Unix times left raw, learning
rates typed off by powers of ten, L2 or L1 kernel penalties meant tiny, zeros initializers,
hidden biases set far negative or positive, Orthogonal recurrent gains, sigmoid outputs on
standardized or percentage targets, log_softmax heads, empty or two-unit hidden widths, linear
hidden layers, ExponentialDecay per step, +inf ratio features, and on the healthy side
KLDivergence, Huber, pinball, Poisson with an exponential head, LogCosh, focal cross-entropy
under Keras fit, MultiHeadAttention, sparse parity, CosineDecayRestarts and Lion.

Labels: `expected_causes[0]` is the root cause the scenario was built around (one each).
`stall_begins` is the optimizer step (0-based over the whole run, 32 steps an epoch except the
tag classifier's 16) from which the broken loss stops improving, None for the LSTM(1) run that
never improves. The non-finite run's step 21 is exact (the batch holding the first zero record
in ledger order); the scheduler's 32 is the epoch boundary where the rate is cut to 3e-5; all
others were read off the per-step loss (or, for the custom loop, the epoch means) and are
approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('basketweavers', 'candlemakers', 'soapmakers', 'dollmakers')

REGISTRY = []
holdout157 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


def _rng(seed):
    return np.random.default_rng(seed)


def _fit_many(session, model, xs, ys, *, epochs, batch_size, shuffle=True, callbacks=()):
    """model.fit for a model with several inputs or outputs (lists of arrays); the last
    PROBE_SIZE rows of every array are the probe. Returns the per-epoch mean training loss."""
    def part(arrays, rows):
        arrays = [a[rows] for a in arrays]
        return arrays[0] if len(arrays) == 1 else arrays

    train, probe_rows = slice(None, -PROBE_SIZE), slice(-PROBE_SIZE, None)
    probe = (part(xs, probe_rows), part(ys, probe_rows))
    history = model.fit(part(xs, train), part(ys, train), epochs=epochs,
                        batch_size=batch_size,
                        shuffle=shuffle, verbose=0,
                        callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# data


def _weave_grid(n, seed, label_noise=0.0):
    """A 12x12 photo of a basket's weave: twill, plain or herringbone plus fibre noise."""
    r = _rng(seed)
    y = r.integers(0, 3, size=n)
    i, j = np.meshgrid(np.arange(12), np.arange(12), indexing="ij")
    patterns = np.stack([((i + j) % 4 < 2), ((i + j) % 2 == 0), ((np.abs(i - 6) + j) % 4 < 2)])
    x = patterns[y].astype("float32") + r.normal(0.0, 0.6, size=(n, 12, 12))
    if label_noise:
        flip = r.random(n) < label_noise
        y = np.where(flip, r.integers(0, 3, size=n), y)
    return x[..., None].astype("float32"), y.astype("int32")


def _recipe_table(n, seed, noise=0.3):
    """A workshop's recipes: 8 standardized features (for a candle: wax blend, wick size, dye,
    scent load, pour temperature...; for a basket: strand count, soak time, reed gauge...) and
    a smooth nonlinear target (burn time, load a basket holds) with irreducible scatter."""
    r = _rng(seed)
    x = r.normal(0.0, 1.0, size=(n, 8))
    y = np.sin(x[:, 0]) + 0.5 * x[:, 1] * x[:, 2] - 0.4 * x[:, 3] ** 2 + 0.3 * x[:, 4]
    y = y + r.normal(0.0, noise, size=n)
    return x.astype("float32"), y.astype("float32")


def _soap_spectra(n, seed, length=48, classes=4, label_noise=0.0):
    """Infrared spectra of soap batches: which oil (of `classes`) was used, seen as a bump at
    an oil-specific wavenumber over a drifting baseline."""
    r = _rng(seed)
    y = r.integers(0, classes, size=n)
    t = np.arange(length)
    centers = np.linspace(8, length - 8, classes)
    bump = np.exp(-0.5 * ((t[None, :] - centers[y][:, None]) / 2.5) ** 2)
    drift = r.normal(0.0, 0.5, size=(n, 1)) * (t[None, :] / length)
    x = bump + drift + r.normal(0.0, 0.3, size=(n, length))
    if label_noise:
        flip = r.random(n) < label_noise
        y = np.where(flip, r.integers(0, classes, size=n), y)
    return x[..., None].astype("float32"), y.astype("int32")


def _doll_faces(n, seed, label_noise=0.0):
    """16x16 greyscale photos of doll faces: which of 4 painted expressions (a mouth curve and
    eye position), with lighting and paint noise."""
    r = _rng(seed)
    y = r.integers(0, 4, size=n)
    i, j = np.meshgrid(np.linspace(-1, 1, 16), np.linspace(-1, 1, 16), indexing="ij")
    curve = np.array([0.4, -0.4, 0.0, 0.4])
    eyes = np.array([-0.4, -0.4, -0.5, -0.2])
    mouth = np.exp(-((i[None] - 0.4 - curve[y][:, None, None] * j[None] ** 2) ** 2) / 0.02)
    eye = np.exp(-((i[None] - eyes[y][:, None, None]) ** 2 + (np.abs(j[None]) - 0.4) ** 2)
                 / 0.02)
    light = r.normal(0.0, 0.3, size=(n, 1, 1)) * j[None]
    x = mouth + eye + light + r.normal(0.0, 0.35, size=(n, 16, 16))
    if label_noise:
        flip = r.random(n) < label_noise
        y = np.where(flip, r.integers(0, 4, size=n), y)
    return x[..., None].astype("float32"), y.astype("int32")


def _basket_tags(n, seed, length=12, vocab=60):
    """Market-stall tags of a basket (word ids: reed, willow, lidded, oval, handle...), and
    which of 3 uses (storage, carrying, decoration) it was sold for; some words carry it."""
    r = _rng(seed)
    y = r.integers(0, 3, size=n)
    x = r.integers(1, vocab, size=(n, length))
    keys = 1 + 3 * np.arange(6)
    for k in range(2):
        x[:, k] = keys[2 * y + r.integers(0, 2, size=n)]
    flip = r.random(n) < 0.1
    y = np.where(flip, r.integers(0, 3, size=n), y)
    x = np.take_along_axis(x, r.permuted(np.tile(np.arange(length), (n, 1)), axis=1), axis=1)
    return x.astype("int32"), y.astype("int32")


def _candle_raw(n, seed):
    """Candle recipes in workshop units: wax grams (150-900), wick mm (2-6), pour temperature
    in degC (60-95), scent load in per mille (0-120), dye drops (0-20), cure days (1-30); the
    target is the standardized burn time, with scatter."""
    r = _rng(seed)
    lo = np.array([150.0, 2.0, 60.0, 0.0, 0.0, 1.0])
    hi = np.array([900.0, 6.0, 95.0, 120.0, 20.0, 30.0])
    u = r.random((n, 6))
    x = lo + u * (hi - lo)
    z = 2 * u - 1
    y = 1.2 * z[:, 0] - 0.9 * z[:, 1] ** 2 + np.sin(2 * z[:, 2]) - 0.6 * z[:, 3] * z[:, 5]
    y = y + r.normal(0.0, 0.15, size=n)
    y = (y - y.mean()) / y.std()
    return x.astype("float32"), y.astype("float32")


def _soap_oils(n, seed, oils=12):
    """Oil fractions of a soap recipe (Dirichlet over 12 oils) given as log-proportions, and
    the bar's standardized hardness, a nonlinear function of the blend with scatter."""
    r = _rng(seed)
    frac = r.dirichlet(np.full(oils, 1.0), size=n)
    x = np.log(frac + 1e-4)
    y = 3 * frac[:, 0] * frac[:, 1] + np.sqrt(frac[:, 2]) - 2 * frac[:, 3] ** 2 + frac[:, 4]
    y = y + r.normal(0.0, 0.03, size=n)
    y = (y - y.mean()) / y.std()
    return x.astype("float32"), y.astype("float32")


def _stitch_traces(n, seed, length=30, classes=4):
    """Vibration of a doll-clothes sewing machine over 30 ticks (3 axes): which of `classes`
    stitches is sewn, told by the stitch's rhythm (frequency) and phase."""
    r = _rng(seed)
    y = r.integers(0, classes, size=n)
    t = np.arange(length)[None, :]
    freq = np.linspace(0.15, 0.75 if classes > 4 else 0.6, classes)[y][:, None]
    phase = r.uniform(0, 2 * np.pi, size=(n, 1))
    base = np.sin(freq * t * 2 + phase)
    x = np.stack([base, np.cos(freq * t * 2 + phase) * 0.5, r.normal(0, 1, (n, length))], -1)
    x = x + r.normal(0.0, 0.3, size=x.shape)
    return x.astype("float32"), y.astype("int32")


def _doll_defects(n, seed):
    """Paint and seam defects counted per doll (Poisson, mean ~4) from 7 standardized
    workshop features (painter's hours, brush age, humidity...)."""
    r = _rng(seed)
    x = r.normal(0.0, 1.0, size=(n, 7))
    rate = np.exp(1.2 + 0.4 * x[:, 0] - 0.3 * x[:, 1] + 0.25 * np.tanh(x[:, 2] * x[:, 3]))
    y = r.poisson(rate)
    return x.astype("float32"), y.astype("float32")


# ---------------------------------------------------------------------------------------------
# broken helpers (each trains the mistaken version, or with broken=False the fixed one)


def _basket_load_sigmoid_tower(session, broken):
    keras = _keras()
    x, y = _recipe_table(N, seed=15714)
    activation, init = ("sigmoid", "glorot_uniform") if broken else ("relu", "he_normal")
    model = _mlp(keras, 8, [32] * 10, 1, activation=activation, out_activation=None,
                 kernel_initializer=init)
    optimizer = keras.optimizers.SGD(0.01, momentum=0.9)
    return _custom_loop(session, model, optimizer, keras.losses.MeanSquaredError(), x, y,
                        epochs=15, batch_size=32, seed=15714)


def _weave_constant_init(session, broken):
    keras = _keras()
    x, y = _weave_grid(N, seed=15702)
    init = keras.initializers.Constant(0.05) if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu", kernel_initializer=init),
        keras.layers.Dense(3, activation="softmax", kernel_initializer=init),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _tags_scaled_lr(session, broken):
    keras = _keras()
    x, y = _basket_tags(N, seed=15703)
    batch_size = 64
    base_lr = 2e-2
    lr = base_lr * batch_size if broken else base_lr * batch_size / 256
    model = keras.Sequential([
        keras.Input((12,), dtype="int32"),
        keras.layers.Embedding(60, 16),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=batch_size)


def _candle_scheduler(session, broken):
    keras = _keras()
    x, y = _recipe_table(N, seed=15704)

    def every_epoch(epoch, lr):
        return lr * 0.1

    def every_tenth_epoch(epoch, lr):
        return lr * 0.1 if epoch and epoch % 10 == 0 else lr

    schedule = every_epoch if broken else every_tenth_epoch
    model = _mlp(keras, 8, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32,
                callbacks=[keras.callbacks.LearningRateScheduler(schedule)])


def _candle_misadapted(session, broken):
    keras = _keras()
    x, y = _candle_raw(N, seed=15705)
    norm = keras.layers.Normalization()
    norm.adapt(y[:-PROBE_SIZE, None] if broken else x[:-PROBE_SIZE])
    model = keras.Sequential([
        keras.Input((6,)), norm,
        keras.layers.Dense(64, activation="tanh"),
        keras.layers.Dense(64, activation="tanh"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _candle_temperature(session, broken):
    keras = _keras()
    x, y = _recipe_table(N, seed=15706, noise=0.2)
    temperature = 0.02
    scale = 1.0 / temperature if broken else 1.0
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(64),
        keras.layers.Rescaling(scale),
        keras.layers.Activation("hard_tanh"),
        keras.layers.Dense(64),
        keras.layers.Rescaling(scale),
        keras.layers.Activation("hard_tanh"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _cure_loss_by_hand(session, broken):
    keras = _keras()
    r = _rng(15707)
    x = r.normal(0.0, 1.0, size=(N, 6)).astype("float32")
    shrink = np.exp(0.8 + 0.3 * x[:, 0] - 0.2 * x[:, 1] * x[:, 2]) + r.normal(0.0, 0.2, N)
    shrink = np.round(np.maximum(shrink, 0.0), 1)
    shrink[[700, 701, 702]] = 0.0  # bars weighed before they were cut: no loss recorded
    y = shrink.astype("float32")

    def mape(y_true, y_pred):
        y_true = keras.ops.reshape(y_true, (-1, 1))
        return 100.0 * keras.ops.mean(keras.ops.abs((y_true - y_pred) / y_true))

    model = _mlp(keras, 6, [32, 32], 1, out_activation="softplus")
    model.compile(keras.optimizers.Adam(2e-3), mape if broken else "mae")
    return _fit(session, model, x, y, epochs=10, batch_size=32, shuffle=False)


def _oils_nonneg(session, broken):
    keras = _keras()
    x, y = _soap_oils(N, seed=15708)
    constraint = keras.constraints.NonNeg() if broken else None
    model = keras.Sequential([
        keras.Input((12,)),
        keras.layers.Dense(64, activation="relu", kernel_constraint=constraint),
        keras.layers.Dense(64, activation="relu", kernel_constraint=constraint),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _spectra_activity(session, broken):
    keras = _keras()
    x, y = _soap_spectra(N, seed=15709)
    reg = keras.regularizers.L1(1.0) if broken else keras.regularizers.L1(1e-5)
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", activity_regularizer=reg),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", activity_regularizer=reg),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(32, activation="relu", activity_regularizer=reg),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _stitch_units(session, broken):
    keras = _keras()
    x, y = _stitch_traces(N, seed=15710, classes=8)
    model = keras.Sequential([
        keras.Input((30, 3)),
        keras.layers.LSTM(1 if broken else 32),
        keras.layers.Dense(8, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(5e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _stitch_unclipped(session, broken):
    keras = _keras()
    x, y = _stitch_traces(N, seed=15711)
    x = np.concatenate([x, x, x], axis=1)
    model = keras.Sequential([
        keras.Input((90, 3)),
        keras.layers.SimpleRNN(64),
        keras.layers.Dense(4, activation="softmax"),
    ])
    clip = {} if broken else {"clipnorm": 1.0}
    model.compile(keras.optimizers.SGD(1e-2, momentum=0.9, **clip),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _defects_sigmoid(session, broken):
    keras = _keras()
    x, y = _doll_defects(N, seed=15713)
    model = _mlp(keras, 7, [32, 32], 1, out_activation="sigmoid" if broken else "exponential")
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


# ---------------------------------------------------------------------------------------------
# basketweavers


@holdout157("basketweavers", healthy=True)
def weave_photos_step_decay(session):
    """A basket weaver sorts photos of her baskets' weave (twill, plain, herringbone; 12x12
    greyscale with fibre noise) with a small Conv2D net under SGD with Nesterov momentum on a
    staircase ExponentialDecay (halved every two epochs); a fifth of the photos were filed
    under a random pattern by an apprentice, so the loss flattens well above zero."""
    keras = _keras()
    x, y = _weave_grid(N, seed=15715, label_noise=0.2)
    schedule = keras.optimizers.schedules.ExponentialDecay(0.05, decay_steps=64,
                                                           decay_rate=0.5, staircase=True)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9, nesterov=True),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout157("basketweavers", healthy=True)
def market_tags_attention(session):
    """The use a basket was sold for (storage, carrying, decoration) read from twelve
    market-stall tag words by an Embedding, a dot-product keras.layers.Attention over the
    words themselves and average pooling, under Adam; a tenth of the sales records name the
    wrong use, so the loss settles near the noise's floor."""
    keras = _keras()
    x, y = _basket_tags(N, seed=15716)
    words = keras.Input((12,), dtype="int32")
    e = keras.layers.Embedding(60, 16)(words)
    a = keras.layers.Attention()([e, e])
    h = keras.layers.GlobalAveragePooling1D()(keras.layers.Add()([e, a]))
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(words, keras.layers.Dense(3, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout157("basketweavers", healthy=True)
def handle_direction_cosine(session):
    """The direction a finished basket's handle leans (a unit 3-vector) predicted from eight
    standardized weaving measurements by a relu MLP under the CosineSimilarity loss and
    Adam; the leaning is only partly set by the measurements (the reed's twist adds a random
    tilt), so the loss settles near -0.94 instead of reaching -1."""
    keras = _keras()
    r = _rng(15717)
    x = r.normal(0.0, 1.0, size=(N, 8))
    d = np.stack([np.tanh(x[:, 0]) + 0.5 * x[:, 1], 1.0 + 0.3 * x[:, 2] * x[:, 3],
                  np.sin(x[:, 4]) - 0.4 * x[:, 5]], axis=1) + r.normal(0.0, 0.35, (N, 3))
    y = d / np.linalg.norm(d, axis=1, keepdims=True)
    model = _mlp(keras, 8, [64, 64], 3, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.CosineSimilarity())
    return _fit(session, model, x.astype("float32"), y.astype("float32"), epochs=15,
                batch_size=32)


@holdout157("basketweavers", ["vanishing_gradients"], stall_begins=32)
def basket_load_sigmoid_tower(session):
    """The load a basket holds from eight weaving measurements, by a ten-layer, 32-wide
    sigmoid MLP (the activation of an old textbook net, with its glorot init) trained in a
    GradientTape loop under SGD with momentum: the gradient shrinks by each sigmoid and the
    first layers barely move, so the loss sits near the target's variance from the second
    epoch while the same tower with relu and He init learns (approximate stall step)."""
    return _basket_load_sigmoid_tower(session, broken=True)


@holdout157("basketweavers", ["poor_initialization"], stall_begins=64)
def weave_constant_init(session):
    """The weave photos classified by a two-layer Conv2D net whose every kernel was
    initialized with Constant(0.05) (copied from a recipe that set biases that way): all
    filters and units start identical and get identical updates, so the net behaves as if
    it had one filter and one unit per layer; after a first drop it creeps at several
    hundred times the loss of the glorot-initialized net (approximate stall step)."""
    return _weave_constant_init(session, broken=True)


@holdout157("basketweavers", ["learning_rate_too_high"], stall_begins=48)
def market_tags_scaled_lr(session):
    """The market-tag Embedding classifier under Adam with the linear scaling rule applied
    the wrong way round: the learning rate is base_lr * batch_size (1.28) instead of
    base_lr * batch_size / 256; the first steps blow the loss into the thousands, the relu
    units die and it settles at ln 3, the class prior, where the intended rate reaches
    ~0.33 (approximate stall step)."""
    return _tags_scaled_lr(session, broken=True)


# ---------------------------------------------------------------------------------------------
# candlemakers


@holdout157("candlemakers", healthy=True)
def burn_hours_msle(session):
    """A candlemaker predicts burn hours (log-normal, right-skewed, with multiplicative
    scatter from wick trimming) from eight recipe features with a softplus-headed MLP under
    MeanSquaredLogarithmicError and Adam: a loss that flattens at the scatter's level in
    log space, far above zero."""
    keras = _keras()
    r = _rng(15718)
    x = r.normal(0.0, 1.0, size=(N, 8))
    hours = np.exp(2.5 + 0.4 * x[:, 0] - 0.3 * np.abs(x[:, 1]) + 0.2 * x[:, 2] * x[:, 3]
                   + r.normal(0.0, 0.3, N))
    model = _mlp(keras, 8, [64, 32], 1, out_activation="softplus")
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.MeanSquaredLogarithmicError())
    return _fit(session, model, x.astype("float32"), hours.astype("float32"), epochs=15,
                batch_size=32)


@holdout157("candlemakers", healthy=True)
def burn_and_soot_two_heads(session):
    """One functional model with two heads on the same candle recipes: burn time (MSE,
    irreducible scatter) and whether the candle soots (sigmoid, binary cross-entropy, a
    noisy rule), the losses summed with weights 1 and 0.5; the total flattens at the sum of
    both floors."""
    keras = _keras()
    x, y = _recipe_table(N, seed=15719)
    r = _rng(15720)
    soot = ((x[:, 1] + 0.5 * x[:, 5] + r.normal(0.0, 0.7, N)) > 0.8).astype("float32")
    inputs = keras.Input((8,))
    h = keras.layers.Dense(64, activation="relu")(inputs)
    h = keras.layers.Dense(64, activation="relu")(h)
    burn = keras.layers.Dense(1, name="burn")(h)
    soots = keras.layers.Dense(1, activation="sigmoid", name="soot")(h)
    model = keras.Model(inputs, [burn, soots])
    model.compile(keras.optimizers.Adam(2e-3), ["mse", "binary_crossentropy"],
                  loss_weights=[1.0, 0.5])
    return _fit_many(session, model, [x], [y, soot], epochs=15, batch_size=32)


@holdout157("candlemakers", healthy=True)
def wick_trials_adadelta(session):
    """Burn time from the recipe table by a relu MLP under Adadelta at learning_rate=1.0
    (the paper's setting, not Keras's tiny default): a steady, slowish descent to the
    scatter's floor, still easing at the end."""
    keras = _keras()
    x, y = _recipe_table(N, seed=15721)
    model = _mlp(keras, 8, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adadelta(1.0), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout157("candlemakers", ["learning_rate_too_low"], stall_begins=32)
def wax_blend_scheduler(session):
    """Burn time from the recipe table by a relu MLP under Adam 3e-3 with a
    LearningRateScheduler whose function, `lambda epoch, lr: lr * 0.1`, was meant to cut
    the rate every ten epochs but cuts it every epoch (already at the first): from the
    second epoch the rate is 3e-5 and falling, and the loss stays at the target's variance
    where the intended schedule reaches ~0.08."""
    return _candle_scheduler(session, broken=True)


@holdout157("candlemakers", ["unnormalized_inputs"], stall_begins=32)
def recipe_units_misadapted(session):
    """Candle recipes in workshop units (wax grams in the hundreds, pour temperatures near
    80 degC, scent load in per mille) through a Normalization layer adapted on the target
    column instead of the features, so the tanh MLP sees raw values in the hundreds and its
    first layer is saturated: the loss creeps near 0.7 where the properly adapted layer
    reaches ~0.02 (approximate stall step)."""
    return _candle_misadapted(session, broken=True)


@holdout157("candlemakers", ["saturated_activations"], stall_begins=16)
def melt_sharpened_units(session):
    """A burn-time MLP with hard_tanh units whose preactivations pass through a "sharpening
    temperature" of 0.02 applied as Rescaling(1 / 0.02): every unit sits at +-1 for nearly
    every example, its slope exactly zero there, and under SGD with momentum the loss bounces
    around the target's variance while the same net without the factor reaches ~0.09
    (approximate stall step)."""
    return _candle_temperature(session, broken=True)


# ---------------------------------------------------------------------------------------------
# soapmakers


@holdout157("soapmakers", healthy=True)
def oil_spectra_categorical_hinge(session):
    """A soapmaker identifies the oil in a batch from its infrared spectrum (a bump over a
    drifting baseline) with a Conv1D net under categorical_hinge on one-hot labels and
    RMSprop; 15% of batches were logged with the wrong oil, so the hinge loss eases slowly
    and stays well above zero."""
    keras = _keras()
    x, y = _soap_spectra(N, seed=15722, label_noise=0.15)
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(4),
    ])
    model.compile(keras.optimizers.RMSprop(1e-3), "categorical_hinge")
    return _fit(session, model, x, np.eye(4, dtype="float32")[y], epochs=15, batch_size=32)


@holdout157("soapmakers", healthy=True)
def few_recipes_adagrad(session):
    """Only 160 soap recipes (plus the probe): the bar's hardness from the twelve oil
    log-proportions, standardized, by a 2x128 relu MLP under Adagrad at batch 16 for 40 epochs; it
    memorizes the few recipes, its loss falling well below the scatter's level and still
    falling at the end."""
    keras = _keras()
    x, y = _soap_oils(160 + PROBE_SIZE, seed=15723)
    x = _standardize(x)
    model = _mlp(keras, 12, [128, 128], 1, out_activation=None)
    model.compile(keras.optimizers.Adagrad(0.02), "mse")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


@holdout157("soapmakers", healthy=True)
def cracked_bars_focal_loop(session):
    """Rare cracked bars (about 7%) flagged from six curing measurements by a sigmoid-headed
    relu MLP in a GradientTape loop under BinaryFocalCrossentropy (gamma 2) and Adam; the
    cracking rule is noisy, so the focal loss flattens at a small level and eases slowly."""
    keras = _keras()
    r = _rng(15724)
    x = r.normal(0.0, 1.0, size=(N, 6))
    logit = 1.6 * x[:, 0] - 1.2 * x[:, 1] * (x[:, 2] > 0) - 3.6 + r.normal(0.0, 0.6, N)
    y = (logit > 0).astype("float32")[:, None]
    model = _mlp(keras, 6, [32, 32], 1, out_activation="sigmoid")
    loss = keras.losses.BinaryFocalCrossentropy(gamma=2.0)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), loss, x.astype("float32"),
                        y, epochs=15, batch_size=32, seed=15724)


@holdout157("soapmakers", ["non_finite_values"], stall_begins=21)
def cure_shrinkage_percent_error(session):
    """Weight lost while curing (percent) from six batch measurements, trained on a
    mean-absolute-percentage error written by hand, |y - p| / y, over records in ledger
    order (shuffle=False); three bars were weighed before cutting and logged with 0% loss,
    so the batch holding them divides by zero at step 21: the loss is inf, the weights turn
    NaN and every later step is NaN while the run goes on."""
    return _cure_loss_by_hand(session, broken=True)


@holdout157("soapmakers", ["dead_relus"], stall_begins=24)
def oil_blend_nonneg(session):
    """Bar hardness from the log-proportions of twelve oils (all negative numbers) by a relu
    MLP whose Dense kernels carry kernel_constraint=NonNeg(), kept from a model meant to be
    monotone in oil amounts: with non-negative weights on negative inputs every first-layer
    preactivation is below zero after the first update, the units are dead and the loss sits
    at the target's variance (approximate stall step)."""
    return _oils_nonneg(session, broken=True)


@holdout157("soapmakers", ["over_regularization"], stall_begins=160)
def spectra_activity_l1(session):
    """The oil-spectrum Conv1D classifier with activity_regularizer=L1(1.0) on every hidden
    layer (a sparsity strength meant as 1e-5): the penalty on the activations drives them to
    zero, and once it is paid off the loss settles at ln 4, the prior, where the light
    penalty reaches ~0.35 (approximate stall step)."""
    return _spectra_activity(session, broken=True)


# ---------------------------------------------------------------------------------------------
# dollmakers


@holdout157("dollmakers", healthy=True)
def doll_faces_warmup_cosine(session):
    """A dollmaker sorts photos of painted doll faces (four expressions, 16x16 with lighting
    and paint noise) with a Conv2D / BatchNormalization net under AdamW on a linear warm-up
    then cosine decay (CosineDecay with warmup_steps); 15% of the photos carry the wrong
    expression, so the loss is still easing, well above zero, when the rate reaches zero."""
    keras = _keras()
    x, y = _doll_faces(N, seed=15725, label_noise=0.15)
    schedule = keras.optimizers.schedules.CosineDecay(0.0, decay_steps=416, alpha=0.0,
                                                      warmup_target=1e-2, warmup_steps=64)
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(16, 3, padding="same"),
        keras.layers.BatchNormalization(),
        keras.layers.Activation("relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.AdamW(schedule, weight_decay=1e-4),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout157("dollmakers", healthy=True)
def buyer_ratings_dot(session):
    """Ratings that buyers gave doll models, fitted as a matrix factorization: a buyer id
    Embedding and a doll model id Embedding (8 factors each) joined by a Dot layer plus a
    bias, two inputs, under Adam; the ratings carry a buyer's mood (noise of std 0.5) and
    each buyer rated only about a dozen dolls, so the factors memorize the few ratings and
    the training MSE eases below the noise's 0.25, flattening rather than reaching zero."""
    keras = _keras()
    r = _rng(15726)
    buyers, dolls = 80, 30
    bu, do = r.normal(0.0, 0.6, (buyers, 3)), r.normal(0.0, 0.6, (dolls, 3))
    b = r.integers(0, buyers, N)
    d = r.integers(0, dolls, N)
    rating = (np.sum(bu[b] * do[d], axis=1) + r.normal(0.0, 0.5, N)).astype("float32")
    bi, di = keras.Input((1,), dtype="int32"), keras.Input((1,), dtype="int32")
    eb = keras.layers.Flatten()(keras.layers.Embedding(buyers, 8)(bi))
    ed = keras.layers.Flatten()(keras.layers.Embedding(dolls, 8)(di))
    bias = keras.layers.Flatten()(keras.layers.Embedding(dolls, 1)(di))
    out = keras.layers.Add()([keras.layers.Dot(axes=1)([eb, ed]), bias])
    model = keras.Model([bi, di], out)
    model.compile(keras.optimizers.Adam(1e-2), "mse")
    return _fit_many(session, model, [b[:, None].astype("int32"), d[:, None].astype("int32")],
                     [rating], epochs=25, batch_size=32)


@holdout157("dollmakers", healthy=True)
def stitch_conv_gru_plateau_lr(session):
    """Which of four stitches a doll-clothes sewing machine sews, from its 30-tick vibration
    trace, by a Conv1D front end and a GRU under Adam with ReduceLROnPlateau on the training
    loss; an eighth of the traces were labelled with a random stitch, so the loss levels
    off near the noise's floor and the rate is cut when it does."""
    keras = _keras()
    x, y = _stitch_traces(N, seed=15727)
    r = _rng(15728)
    flip = r.random(N) < 0.125
    y = np.where(flip, r.integers(0, 4, N), y).astype("int32")
    model = keras.Sequential([
        keras.Input((30, 3)),
        keras.layers.Conv1D(16, 3, activation="relu", padding="same"),
        keras.layers.GRU(16),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(5e-3), "sparse_categorical_crossentropy")
    plateau = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=2, min_delta=0.01)
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[plateau])


@holdout157("dollmakers", ["insufficient_capacity"])
def stitch_lstm_one_unit(session):
    """Which of eight stitches a sewing machine sews, by keras.layers.LSTM(1): the units
    argument read as "one LSTM layer", so the whole trace is squeezed through a single
    state number and the loss stays at ln 8 from the start, where LSTM(32) reaches ~0.2."""
    return _stitch_units(session, broken=True)


@holdout157("dollmakers", ["exploding_gradients"], stall_begins=88)
def stitch_rnn_without_clipping(session):
    """The four-stitch traces repeated to 90 ticks, read by a tanh SimpleRNN under SGD with
    momentum 0.9 whose recipe's clipnorm=1.0 was dropped when the optimizer line was
    rewritten: after two epochs of learning a gradient burst through the long recurrence
    throws the weights off, the units saturate and the loss goes back to ~1.46 for good,
    while the clipped run reaches ~0.02 (approximate stall step)."""
    return _stitch_unclipped(session, broken=True)


@holdout157("dollmakers", ["loss_activation_mismatch"], stall_begins=64)
def defects_sigmoid_poisson(session):
    """Paint and seam defects per doll (counts, mean ~4) under the Poisson loss, with a
    sigmoid output layer kept from the workshop's pass/fail model: the predicted rate
    cannot exceed 1, so the loss settles at ~1.0 where the exponential head reaches ~-1.8
    (approximate stall step)."""
    return _defects_sigmoid(session, broken=True)
