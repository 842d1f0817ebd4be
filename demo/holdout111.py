"""The hundred-and-eleventh held-out catalogue: written by someone who did not read the engine
or run the diagnosis on these runs, and scored once.

Four trades, six runs each, each with its own synthetic data (seeds 11101..11152): bargees
(voyage features, water-level gauges, cargo logs), drysalters (colorimeter and spectrometer
readings of dyes and salts, alum orders, brine strength), knackers (carcass measures, hide
grades, tallow yields, gait accelerometer traces) and riveters (16x16 plate patches,
hammer-tap recordings, joint strength). The last PROBE_SIZE rows of every data set are the
probe and are never trained on.

Healthy half (12): a heteroscedastic lock-transit regression that levels off at its noise; a rare
spoilage class (~4%) trained with class_weight; a GRU on gauge readings under ReduceLROnPlateau;
six dye shades with 20% wrong labels under a PiecewiseConstantDecay SGD schedule; Poisson crate
counts with an exponential output; a custom GradientTape loop fitting the 90th percentile of
Student-t brine noise with a pinball loss, warm-up then cosine; 160 hides memorized by a wide
MLP (overfits, the optimization is fine); a slow Conv1D on gait traces still improving at the
end; a two-input breed-embedding model with the Huber loss on heavy-tailed noise; a plate CNN
with 10% wrong labels and a step decay; a sparse-parity MLP that improves slowly all run; and a
two-input Conv1D + MultiHeadAttention regression on CosineDecay.

Broken half (12, one per cause), each compared in a throwaway script with the same run with its
mistake corrected: ten sigmoid layers under SGD (vanishing); a tanh SimpleRNN with a gain-3
recurrent kernel and no clipping (exploding: the loss bounces above the constant guess, finite);
log(0) targets from two zero-tonnage voyages read in file order (non-finite: NaN from the batch
holding them); a GRU under Adam at 0.5 (rate too high); Conv1D biases at -3 (dead relus); a
softmax regression without a hidden layer on ring-shaped classes (capacity); a custom loop with
SGD at 1e-5 (rate too low); sigmoid layers with RandomUniform(0, 1) kernels pinned at 1
(saturated); an LSTM under L2(0.5) (over-regularization); raw SI columns in pascals and metres
(unnormalized inputs); a one-unit softmax head under MSE (loss/activation mismatch); and a CNN
with all-zero kernels (poor initialization).

Dropped or changed because they did not behave as intended: a sigmoid output under
BinaryCrossentropy(from_logits=True) (Keras warns and trains it through the logits, so it
learned like the fixed run); an identity-initialized relu SimpleRNN without clipping (NaN at the
first step rather than a stall), replaced by the gain-3 tanh net; a 40-step summation for that
net (the corrected run did not learn it either), shortened to 20 steps; an inf rate feature from
a division by zero hours (the first layer went NaN but relu turned it into a finite frozen loss,
not a non-finite one), replaced by the log(0) target; Constant(0.05) kernels in the plate CNN
(the symmetric net still learned slowly), replaced by zeros; and a Dense(1) bottleneck in a
shade classifier (still improving at the end), replaced by the linear baseline on rings. The
sparse-parity run was meant to show a plateau before a sudden drop; in 30 epochs it only fell
slowly and steadily, so it is kept, and described, as a slow healthy run.

Labels: `expected_causes[0]` is the root cause; only one is given per run. `stall_begins` is the
0-based optimizer step from which the broken loss stops improving, None when it never improves.
The log(0) run's step is exact (row 600 in file order, batch 32: step 18); the others marked
"approximate" were read off the per-step loss of a run without tb-plateau (the linear baseline
~70, the heavy-L2 LSTM ~110, the raw-SI-units MLP ~64).
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _keras, _standardize, registrar

FAMILIES = ('bargees', 'drysalters', 'knackers', 'riveters')

REGISTRY = []

holdout111 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# helpers and data


def _fit_any(session, model, x, y, *, epochs, batch_size, shuffle=True, callbacks=(),
             **fit_kw):
    """model.fit on all but the last PROBE_SIZE rows (x may be a list of inputs); the last rows
    are the probe. Extra keyword arguments (class_weight) go to fit. Returns epoch losses."""
    inputs = x if isinstance(x, (list, tuple)) else [x]
    train = [a[:-PROBE_SIZE] for a in inputs]
    probe_x = [a[-PROBE_SIZE:] for a in inputs]
    if not isinstance(x, (list, tuple)):
        train, probe_x = train[0], probe_x[0]
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        shuffle=shuffle, verbose=0,
                        callbacks=list(callbacks) + session.callbacks((probe_x, y[-PROBE_SIZE:])),
                        **fit_kw)
    return history.history["loss"]


def _voyages(n, seed, dim=6):
    """Canal voyage features (standardized draught, load, wind, lock queue...) and a smooth
    nonlinear score of them."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, dim)).astype("float32")
    score = (np.sin(1.5 * x[:, 0]) + 0.6 * x[:, 1] * x[:, 2] + 0.5 * np.abs(x[:, 3])
             - 0.4 * x[:, 4] ** 2 + 0.3 * x[:, 5])
    return x, score.astype("float32")


def _levels(n, seed, length=20):
    """Water-level gauge readings along a canal (standardized) and the delay they cause."""
    rng = np.random.default_rng(seed)
    t = np.arange(length, dtype="float32")
    base = rng.normal(size=(n, 1)) * 0.8
    trend = rng.normal(size=(n, 1)) * 0.05
    wave = 0.5 * np.sin(t / 3.0 + rng.uniform(0, 6.28, size=(n, 1)))
    x = base + trend * t + wave + 0.2 * rng.normal(size=(n, length))
    delay = 0.8 * x[:, -5:].mean(axis=1) - 0.5 * trend[:, 0] * 20 + 0.3 * np.abs(base[:, 0])
    return x[..., None].astype("float32"), delay.astype("float32")


def _dye_lots(n, seed, classes=6, dim=10, spread=1.0):
    """Dye lots measured by a 10-channel colorimeter; each shade is a cluster."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(classes, dim)) * 1.6
    y = rng.integers(0, classes, size=n)
    x = centres[y] + spread * rng.normal(size=(n, dim))
    return _standardize(x), y.astype("int32")


def _spectra(n, seed, classes=4, length=48):
    """Absorption spectra of salts and mordants: each kind has its peaks; noisy baselines."""
    rng = np.random.default_rng(seed)
    grid = np.linspace(0, 1, length)
    peaks = rng.uniform(0.1, 0.9, size=(classes, 2))
    y = rng.integers(0, classes, size=n)
    shift = rng.normal(scale=0.03, size=(n, 1))
    x = (np.exp(-((grid - peaks[y, :1] - shift) / 0.05) ** 2)
         + 0.7 * np.exp(-((grid - peaks[y, 1:] - shift) / 0.08) ** 2)
         + rng.normal(scale=0.5, size=(n, 1)) * grid + 0.25 * rng.normal(size=(n, length)))
    return _standardize(x)[..., None], y.astype("int32")


def _carcasses(n, seed, dim=8):
    """Horse carcass measurements (standardized girth, age, weight...) and a latent quality."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, dim)).astype("float32")
    w = rng.normal(size=dim)
    quality = np.tanh(x @ w / np.sqrt(dim)) + 0.5 * np.sin(2 * x[:, 0]) * x[:, 1]
    return x, quality.astype("float32")


def _gaits(n, seed, length=48):
    """Accelerometer traces of a walking horse; a lame horse's stride is lopsided."""
    rng = np.random.default_rng(seed)
    t = np.arange(length)
    y = rng.integers(0, 2, size=n)
    period = rng.uniform(7, 11, size=(n, 1))
    phase = rng.uniform(0, 6.28, size=(n, 1))
    skew = np.where(y[:, None] == 1, rng.uniform(0.2, 0.6, size=(n, 1)), 0.0)
    stride = np.sin(2 * np.pi * t / period + phase)
    x = stride + skew * np.sin(np.pi * t / period + phase) ** 2 + 0.6 * rng.normal(size=(n, length))
    return _standardize(x)[..., None], y.astype("int32")


def _plates(n, seed, size=16, crack_rate=0.5):
    """16x16 grey patches of riveted plate: a rivet head in each, a crack line in cracked ones."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:size, 0:size]
    x = 0.3 * rng.normal(size=(n, size, size))
    y = (rng.random(n) < crack_rate).astype("int32")
    for i in range(n):
        cy, cx = rng.uniform(4, 12, size=2)
        x[i] += 1.5 * np.exp(-((yy - cy) ** 2 + (xx - cx) ** 2) / 4.0)
        if y[i]:
            angle = rng.uniform(0, np.pi)
            dist = np.abs((yy - cy) * np.cos(angle) - (xx - cx) * np.sin(angle))
            along = (yy - cy) * np.sin(angle) + (xx - cx) * np.cos(angle)
            x[i] += 1.0 * ((dist < 0.8) & (along > 2) & (along < 8))
    return x[..., None].astype("float32"), y


def _taps(n, seed, length=40):
    """Hammer-tap recordings of rivets: a loose rivet rings lower and dies away faster."""
    rng = np.random.default_rng(seed)
    t = np.arange(length, dtype="float32")
    loose = rng.integers(0, 2, size=n)
    freq = np.where(loose == 1, rng.uniform(0.35, 0.55, n), rng.uniform(0.5, 0.8, n))[:, None]
    decay = np.where(loose == 1, rng.uniform(0.08, 0.15, n), rng.uniform(0.03, 0.08, n))[:, None]
    amp = rng.uniform(0.5, 1.5, size=(n, 1))
    x = amp * np.exp(-decay * t) * np.sin(freq * t) + 0.15 * rng.normal(size=(n, length))
    return x[..., None].astype("float32"), loose.astype("int32"), freq[:, 0], decay[:, 0]


# ---------------------------------------------------------------------------------------------
# broken runs: each helper trains the mistaken version (broken=True) or the corrected one


def _sigmoid_towpath(session, broken):
    """Lock-queue score regression through ten sigmoid layers with plain SGD (fixed: relu, He)."""
    keras = _keras()
    x, score = _voyages(N, seed=11101)
    act, init = ("sigmoid", "glorot_uniform") if broken else ("relu", "he_normal")
    layers = [keras.Input((6,))]
    layers += [keras.layers.Dense(32, activation=act, kernel_initializer=init) for _ in range(10)]
    model = keras.Sequential(layers + [keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "mse")
    return _fit_any(session, model, x, score, epochs=12, batch_size=32)


def _echo_state_gain(session, broken):
    """tanh SimpleRNN summing the last 8 of 20 gauge readings, recurrent kernel
    Orthogonal(gain=3) copied from an echo-state recipe and no clipping (fixed: gain 1,
    clipnorm=1.0)."""
    keras = _keras()
    rng = np.random.default_rng(11102)
    x = rng.normal(size=(N, 20, 1)).astype("float32")
    y = (x[:, -8:, 0].sum(axis=1) / np.sqrt(8) + 0.1 * rng.normal(size=N)).astype("float32")
    gain = 3.0 if broken else 1.0
    model = keras.Sequential([
        keras.Input((20, 1)),
        keras.layers.SimpleRNN(32, recurrent_initializer=keras.initializers.Orthogonal(
            gain=gain, seed=11102)),
        keras.layers.Dense(1),
    ])
    clip = {} if broken else {"clipnorm": 1.0}
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9, **clip), "mse")
    return _fit_any(session, model, x, y, epochs=10, batch_size=32)


ZERO_CARGO_ROW = 600  # read in file order with batch 32: first met in step 18 (0-based)


def _log_zero_cargo(session, broken):
    """Regress log(tonnes carried per hour); two voyages logged with 0 t give log(0) = -inf
    targets (fixed: those two rows carry their real tonnage)."""
    keras = _keras()
    x, score = _voyages(N, seed=11103)
    rng = np.random.default_rng(11103)
    tonnes = np.exp(0.4 * score + 0.1 * rng.normal(size=N)) * 60.0
    if broken:
        tonnes[ZERO_CARGO_ROW:ZERO_CARGO_ROW + 2] = 0.0
    with np.errstate(divide="ignore"):
        y = (np.log(tonnes) - np.log(60.0)).astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit_any(session, model, x, y, epochs=8, batch_size=32, shuffle=False)


def _gru_adam_half(session, broken):
    """GRU classifying colour-drift series of dye vats, Adam at 0.5 (fixed: 5e-3)."""
    keras = _keras()
    x, y = _spectra(N, seed=11104, length=24)
    model = keras.Sequential([keras.Input((24, 1)), keras.layers.GRU(24),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(0.5 if broken else 5e-3), "sparse_categorical_crossentropy")
    return _fit_any(session, model, x, y, epochs=10, batch_size=32)


def _conv1d_negative_bias(session, broken):
    """Conv1D spectrum classifier whose conv biases start at -3 (fixed: zeros)."""
    keras = _keras()
    x, y = _spectra(N, seed=11105)
    bias = keras.initializers.Constant(-3.0 if broken else 0.0)
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", bias_initializer=bias),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", bias_initializer=bias),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit_any(session, model, x, y, epochs=10, batch_size=32)


def _linear_baseline(session, broken):
    """Dye depth (pale, medium, deep: rings of chroma radius) from 2 chroma + 6 other channels
    with a softmax regression and no hidden layer (fixed: one 64-unit relu layer)."""
    keras = _keras()
    rng = np.random.default_rng(11106)
    chroma = rng.normal(size=(N, 2)) * 1.2
    radius = np.sqrt((chroma ** 2).sum(axis=1)) + 0.15 * rng.normal(size=N)
    y = np.digitize(radius, [0.9, 1.7]).astype("int32")
    x = np.concatenate([chroma, rng.normal(size=(N, 6))], axis=1).astype("float32")
    hidden = [] if broken else [keras.layers.Dense(64, activation="relu")]
    model = keras.Sequential([keras.Input((8,))] + hidden
                             + [keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-2), "sparse_categorical_crossentropy")
    return _fit_any(session, model, x, y, epochs=12, batch_size=32)


def _embedding_sgd_tiny(session, broken):
    """Custom loop: breed embedding + measurements -> hide grade, SGD 1e-5 (fixed: 5e-2)."""
    keras = _keras()
    x, quality = _carcasses(N, seed=11107)
    rng = np.random.default_rng(11107)
    breed = rng.integers(0, 12, size=N)
    effect = rng.normal(size=12)
    grade = np.digitize(quality + 0.6 * effect[breed], [-0.6, 0.0, 0.6]).astype("int32")
    feats = np.concatenate([x, breed[:, None].astype("float32")], axis=1)
    inputs = keras.Input((9,))
    emb = keras.layers.Flatten()(keras.layers.Embedding(12, 4)(inputs[:, 8:]))
    h = keras.layers.Concatenate()([inputs[:, :8], emb])
    h = keras.layers.Dense(64, activation="relu")(h)
    outputs = keras.layers.Dense(4)(h)
    model = keras.Model(inputs, outputs)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    optimizer = keras.optimizers.SGD(1e-5 if broken else 5e-2, momentum=0.9)
    return _custom_loop(session, model, optimizer, loss, feats, grade,
                        epochs=12, batch_size=32, seed=11107)


def _uniform_positive_init(session, broken):
    """Sigmoid MLP grading carcasses, kernels RandomUniform(0, 1) (fixed: Glorot)."""
    keras = _keras()
    x, quality = _carcasses(N, seed=11108)
    y = (quality > np.median(quality)).astype("int32")
    init = (keras.initializers.RandomUniform(0.0, 1.0, seed=11108) if broken
            else keras.initializers.GlorotUniform(seed=11108))
    layers = [keras.Input((8,))]
    layers += [keras.layers.Dense(64, activation="sigmoid", kernel_initializer=init)
               for _ in range(3)]
    model = keras.Sequential(layers + [keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit_any(session, model, x, y, epochs=12, batch_size=32)


def _lstm_heavy_l2(session, broken):
    """LSTM flagging lame horses from gait traces, L2(0.5) on every kernel (fixed: 1e-4)."""
    keras = _keras()
    x, y = _gaits(N, seed=11109, length=32)
    reg = keras.regularizers.L2(0.5 if broken else 1e-4)
    model = keras.Sequential([
        keras.Input((32, 1)),
        keras.layers.LSTM(24, kernel_regularizer=reg, recurrent_regularizer=reg),
        keras.layers.Dense(2, activation="softmax", kernel_regularizer=reg),
    ])
    model.compile(keras.optimizers.Adam(5e-3), "sparse_categorical_crossentropy")
    return _fit_any(session, model, x, y, epochs=10, batch_size=32)


def _raw_si_units(session, broken):
    """Rivet-joint failure from raw SI columns: metres, pascals, newtons (fixed: standardized)."""
    keras = _keras()
    rng = np.random.default_rng(11110)
    diameter = rng.uniform(0.008, 0.016, N)        # m
    pitch = rng.uniform(0.03, 0.06, N)             # m
    pressure = rng.normal(6.0e5, 0.8e5, N)         # Pa, set pressure of the riveting gun
    load = rng.normal(2.0e4, 4.0e3, N)             # N, service load
    temp = rng.normal(290.0, 8.0, N)               # K
    margin = (diameter - 0.012) / 0.002 - (pitch - 0.045) / 0.008 - (load - 2e4) / 4e3 * 0.5
    y = (margin + 0.3 * rng.normal(size=N) < 0).astype("int32")
    x = np.stack([diameter, pitch, pressure, load, temp], axis=1).astype("float32")
    if not broken:
        x = _standardize(x)
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit_any(session, model, x, y, epochs=10, batch_size=32)


def _one_unit_softmax(session, broken):
    """Conv1D scoring rivet looseness in [0, 1] with MSE through Dense(1, softmax), copied from
    the classifier head (fixed: sigmoid)."""
    keras = _keras()
    x, _, _, decay = _taps(N, seed=11111)
    score = np.clip((decay - 0.03) / 0.12, 0.0, 1.0).astype("float32")[:, None]
    model = keras.Sequential([
        keras.Input((40, 1)),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1, activation="softmax" if broken else "sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit_any(session, model, x, score, epochs=10, batch_size=32)


def _zero_kernels(session, broken):
    """Plate-crack CNN built with kernel_initializer="zeros" (meant for the biases; fixed:
    Glorot)."""
    keras = _keras()
    x, y = _plates(768 + PROBE_SIZE, seed=11112)
    init = "zeros" if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(12, 3, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(32, activation="relu", kernel_initializer=init),
        keras.layers.Dense(2, activation="softmax", kernel_initializer=init),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit_any(session, model, x, y, epochs=10, batch_size=32)


# ---------------------------------------------------------------------------------------------
STALL_LINEAR = 70  # the softmax regression has learned the class frequencies by ~step 70


# ---------------------------------------------------------------------------------------------
# bargees: canal boatmen's logs (voyage times, cargo, lock delays)


@holdout111("bargees", healthy=True)
def lock_transit_heteroscedastic(session):
    """Lock transit time from six voyage features, 2x64 relu MLP, Adam 2e-3, MSE, 20 epochs. The
    noise grows with the lock queue (its sd runs from 0.3 to ~2), so the loss falls quickly and
    then edges down toward the noise variance, far above zero, still creeping at the end."""
    keras = _keras()
    x, score = _voyages(N, seed=11120)
    rng = np.random.default_rng(11120)
    y = (score + (0.3 + 0.6 * np.abs(x[:, 3])) * rng.normal(size=N)).astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit_any(session, model, x, y, epochs=20, batch_size=32)


@holdout111("bargees", healthy=True)
def spoiled_cargo_rare(session):
    """Which loads spoil in transit (about 4% do), 32-unit relu MLP with a sigmoid output and
    binary cross-entropy, class_weight {0: 1, 1: 8}, Adam 1e-3, 15 epochs. The weighted loss
    falls slowly and steadily and is still falling at a modest level at the end: the positives
    are rare and noisy."""
    keras = _keras()
    x, score = _voyages(N, seed=11121)
    rng = np.random.default_rng(11121)
    logit = 1.5 * score - 4.2 + 0.8 * rng.normal(size=N)
    y = (rng.random(N) < 1 / (1 + np.exp(-logit))).astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_any(session, model, x, y, epochs=15, batch_size=32,
                    class_weight={0: 1.0, 1: 8.0})


@holdout111("bargees", healthy=True)
def gauge_gru_reduce_on_plateau(session):
    """Delay predicted from 20 water-level gauge readings, GRU(16) + Dense(1), Adam 3e-3 with
    ReduceLROnPlateau on the training loss (factor 0.5, patience 2), 14 epochs. The rate is
    halved once or twice as the loss flattens at the gauge noise."""
    keras = _keras()
    x, delay = _levels(N, seed=11122)
    rng = np.random.default_rng(11122)
    y = (delay + 0.3 * rng.normal(size=N)).astype("float32")
    model = keras.Sequential([keras.Input((20, 1)), keras.layers.GRU(16), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=2)
    return _fit_any(session, model, x, y, epochs=14, batch_size=32, callbacks=[plateau])


@holdout111("bargees", ["vanishing_gradients"])
def sigmoid_towpath(session):
    """Lock-queue score regression through ten 32-unit sigmoid layers (Glorot) with SGD 0.02 and
    momentum, a depth copied from a relu recipe: the gradient shrinks at every sigmoid and the
    first layers never learn, so the loss sits at the target variance (relu + He: ~0.1)."""
    return _sigmoid_towpath(session, broken=True)


@holdout111("bargees", ["exploding_gradients"])
def echo_state_gain(session):
    """A tanh SimpleRNN(32) summing 40 gauge readings, its recurrent kernel Orthogonal(gain=3)
    copied from an echo-state recipe, SGD 0.05 + momentum and no clipping: the backpropagated
    gradient grows through the chaotic recurrence, every step overshoots, and the loss bounces
    above the constant guess (gain 1 with clipnorm=1.0 gets below it)."""
    return _echo_state_gain(session, broken=True)


@holdout111("bargees", ["non_finite_values"], stall_begins=ZERO_CARGO_ROW // 32)
def log_zero_cargo(session):
    """Regress log(tonnes carried per hour) with a 2x64 MLP, Adam, rows in file order (no
    shuffle); two voyages were logged with 0 t, so their target is log(0) = -inf. The batch that
    holds them makes the loss infinite and the weights NaN; the loss is NaN from then on."""
    return _log_zero_cargo(session, broken=True)


# ---------------------------------------------------------------------------------------------
# drysalters: dealers in dyes, salts and mordants (colorimeter and spectrometer readings)


@holdout111("drysalters", healthy=True)
def shade_label_noise_piecewise(session):
    """Six dye shades from a 10-channel colorimeter, 20% of the lots mislabelled by the clerks,
    2x64 relu MLP, SGD with momentum on a PiecewiseConstantDecay (0.05, 0.01 after step 300,
    0.002 after 600), 25 epochs: two visible drops at the boundaries and a floor set by the
    wrong labels."""
    keras = _keras()
    x, y = _dye_lots(N, seed=11130, classes=6)
    rng = np.random.default_rng(11130)
    flip = rng.random(N) < 0.2
    y = np.where(flip, rng.integers(0, 6, size=N), y).astype("int32")
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([300, 600], [0.05, 0.01, 0.002])
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(6, activation="softmax")])
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit_any(session, model, x, y, epochs=25, batch_size=32)


@holdout111("drysalters", healthy=True)
def crates_poisson(session):
    """Crates of alum ordered per week, Poisson counts around a smooth rate, MLP with an
    exponential output and the Poisson loss, Adam 3e-3, 20 epochs: the loss flattens at the
    counts' own Poisson noise, well above its minimum of zero."""
    keras = _keras()
    x, score = _voyages(N, seed=11131)
    rng = np.random.default_rng(11131)
    y = rng.poisson(np.exp(0.5 * score + 1.0)).astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit_any(session, model, x, y, epochs=20, batch_size=32)


@holdout111("drysalters", healthy=True)
def brine_quantile_warmup_cosine(session):
    """Custom GradientTape loop: the 90th percentile of brine strength (Student-t noise, 3
    degrees of freedom) with a pinball loss, 2x32 relu MLP, Adam with a 60-step linear warm-up
    to 5e-3 then cosine decay to zero over 15 epochs: the loss flattens at the noise's own
    pinball loss while the rate is still falling."""
    import tensorflow as tf

    keras = _keras()
    x, score = _voyages(N, seed=11132)
    rng = np.random.default_rng(11132)
    y = (score + 0.5 * rng.standard_t(3, size=N)).astype("float32")[:, None]
    total = 15 * ((N - PROBE_SIZE) // 32)

    class WarmupCosine(keras.optimizers.schedules.LearningRateSchedule):
        def __call__(self, step):
            step = tf.cast(step, "float32")
            warm = 5e-3 * (step + 1.0) / 60.0
            cos = 2.5e-3 * (1.0 + tf.cos(np.pi * tf.minimum(1.0, (step - 60.0) / (total - 60.0))))
            return tf.where(step < 60.0, warm, cos)

        def get_config(self):
            return {"peak": 5e-3, "warmup": 60, "total": total}

    def pinball(target, pred):
        err = target - pred
        return tf.reduce_mean(tf.maximum(0.9 * err, -0.1 * err))

    schedule = WarmupCosine()
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(schedule), pinball, x, y,
                        epochs=15, batch_size=32, seed=11132, learning_rate=schedule)


@holdout111("drysalters", ["learning_rate_too_high"])
def gru_adam_half(session):
    """A GRU(24) classifying 24-step colour-drift series from dye vats, Adam at 0.5 copied from
    an SGD recipe: the first updates throw the gates into saturation and the loss bounces above
    log(4) for the whole run (Adam 5e-3: ~0.24)."""
    return _gru_adam_half(session, broken=True)


@holdout111("drysalters", ["dead_relus"])
def conv1d_negative_bias(session):
    """Conv1D classifier of salt spectra (4 kinds) whose conv layers were given
    bias_initializer=Constant(-3) by a sparse-activation recipe: on standardized spectra no
    filter ever fires, no gradient reaches them, and the loss sits at log(4) (zero biases: 0.73
    and falling)."""
    return _conv1d_negative_bias(session, broken=True)


@holdout111("drysalters", ["insufficient_capacity"], stall_begins=STALL_LINEAR)  # approximate
def linear_baseline(session):
    """Dye depth (pale, medium or deep: rings of chroma radius around the grey point) from eight
    colorimeter channels with the logistic-regression baseline, a single softmax Dense layer,
    left in as the model: rings are not linearly separable, so it learns the class frequencies
    and nothing more (one hidden relu layer of 64 gets far lower)."""
    return _linear_baseline(session, broken=True)


# ---------------------------------------------------------------------------------------------
# knackers: horse slaughterers and renderers (carcass measures, hides, tallow, gaits)


@holdout111("knackers", healthy=True)
def hide_grade_small_data(session):
    """Only 160 graded hides: a 2x128 relu MLP, Adam 3e-3, batch 16, 40 epochs. The training
    loss goes to nearly zero as the network memorizes the few rows: overfitting, but the
    optimization itself is healthy and finished."""
    keras = _keras()
    x, quality = _carcasses(160 + PROBE_SIZE, seed=11140)
    rng = np.random.default_rng(11140)
    y = np.digitize(quality + 0.3 * rng.normal(size=len(quality)), [-0.5, 0.5]).astype("int32")
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit_any(session, model, x, y, epochs=40, batch_size=16)


@holdout111("knackers", healthy=True)
def gait_conv1d_slow(session):
    """Lameness from 48-step accelerometer traces, Conv1D(16)-pool-Conv1D(16)-global pool, Adam
    at a careful 4e-4, 15 epochs: the faint asymmetry is found slowly and the loss is still
    falling at the end of the run."""
    keras = _keras()
    x, y = _gaits(N, seed=11141)
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(2, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(4e-4), "sparse_categorical_crossentropy")
    return _fit_any(session, model, x, y, epochs=15, batch_size=32)


@holdout111("knackers", healthy=True)
def tallow_breed_embedding_huber(session):
    """Tallow yield from two inputs, a breed id (Embedding(15, 4)) and eight carcass measures,
    with heavy-tailed Student-t noise (2 degrees of freedom) and the Huber loss, Adam 3e-3, 20
    epochs: the loss flattens where the outliers leave it."""
    keras = _keras()
    x, quality = _carcasses(N, seed=11142)
    rng = np.random.default_rng(11142)
    breed = rng.integers(0, 15, size=N).astype("int32")
    effect = rng.normal(size=15)
    y = (quality + 0.7 * effect[breed] + 0.4 * rng.standard_t(2, size=N)).astype("float32")
    breed_in = keras.Input((1,), dtype="int32")
    measures = keras.Input((8,))
    emb = keras.layers.Flatten()(keras.layers.Embedding(15, 4)(breed_in))
    h = keras.layers.Dense(48, activation="relu")(keras.layers.Concatenate()([emb, measures]))
    model = keras.Model([breed_in, measures], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.Huber(delta=1.0))
    return _fit_any(session, model, [breed[:, None], x], y, epochs=20, batch_size=32)


@holdout111("knackers", ["learning_rate_too_low"])
def embedding_sgd_tiny(session):
    """Custom GradientTape loop: breed embedding + carcass measures -> hide grade (4 grades),
    SGD with momentum at 1e-5 (the weight-decay value pasted into the rate): the loss creeps down
    by a thousandth per epoch (at 5e-2 it reaches ~0.5)."""
    return _embedding_sgd_tiny(session, broken=True)


@holdout111("knackers", ["saturated_activations"])
def uniform_positive_init(session):
    """Three 64-unit sigmoid layers grading carcasses, kernels RandomUniform(0, 1): every weight
    is positive, so from the second layer on each unit sums ~64 positive terms, sits at
    sigmoid(~16) = 1 for every horse and passes back a gradient of ~1e-7; SGD never moves them
    and the loss stays at the coin-flip level (Glorot: ~0.25)."""
    return _uniform_positive_init(session, broken=True)


@holdout111("knackers", ["over_regularization"], stall_begins=110)  # approximate
def lstm_heavy_l2(session):
    """LSTM(24) flagging lame horses from gait traces with L2(0.5) on kernel, recurrent kernel
    and head (meant 1e-4): the penalty drives every weight to zero, the loss falls as the
    penalty does and then sits at log(2) (with 1e-4: ~0.42)."""
    return _lstm_heavy_l2(session, broken=True)


# ---------------------------------------------------------------------------------------------
# riveters: shipyard riveting gangs (plate patches, hammer-tap recordings, joint strength)


@holdout111("riveters", healthy=True)
def plate_cnn_step_decay(session):
    """Cracked or sound plate patches (16x16), 10% of the inspectors' labels wrong, a small
    Conv2D net, Adam 2e-3 halved every 4 epochs by a LearningRateScheduler, 12 epochs: steps
    down at each halving and a floor from the wrong labels."""
    keras = _keras()
    x, y = _plates(768 + PROBE_SIZE, seed=11150)
    rng = np.random.default_rng(11150)
    y = np.where(rng.random(len(y)) < 0.1, 1 - y, y).astype("int32")
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(12, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(2, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    step = keras.callbacks.LearningRateScheduler(lambda epoch: 2e-3 * 0.5 ** (epoch // 4))
    return _fit_any(session, model, x, y, epochs=12, batch_size=32, callbacks=[step])


@holdout111("riveters", healthy=True)
def gang_parity_slow(session):
    """Whether a seam passes depends on the parity of three of 20 binary inspection marks
    (sparse parity), 128-unit relu MLP, Adam 1e-3, 30 epochs: the loss starts at log(2) and
    falls slowly and steadily, by ~0.01 an epoch, still improving at the end."""
    keras = _keras()
    rng = np.random.default_rng(11151)
    bits = rng.integers(0, 2, size=(N, 20))
    y = (bits[:, [2, 7, 13]].sum(axis=1) % 2).astype("int32")
    x = (2.0 * bits - 1.0).astype("float32")
    model = keras.Sequential([keras.Input((20,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit_any(session, model, x, y, epochs=30, batch_size=32)


@holdout111("riveters", healthy=True)
def tap_attention_cosine(session):
    """Joint shear strength from a 40-step hammer-tap recording plus the plate thickness (two
    inputs), a Conv1D embedding, one MultiHeadAttention block and pooling, Adam on CosineDecay
    from 3e-3, MSE, 12 epochs: the loss levels off at the measurement noise."""
    keras = _keras()
    x, _, freq, decay = _taps(N, seed=11152)
    rng = np.random.default_rng(11152)
    thickness = rng.normal(size=(N, 1)).astype("float32")
    y = (3.0 * (freq - 0.6) - 8.0 * (decay - 0.08) + 0.5 * thickness[:, 0]
         + 0.3 * rng.normal(size=N)).astype("float32")
    y = (y - y.mean()) / y.std()
    taps = keras.Input((40, 1))
    thick = keras.Input((1,))
    h = keras.layers.Conv1D(16, 5, padding="same", activation="relu")(taps)
    h = h + keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.GlobalAveragePooling1D()(keras.layers.LayerNormalization()(h))
    h = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([h, thick]))
    model = keras.Model([taps, thick], keras.layers.Dense(1)(h))
    schedule = keras.optimizers.schedules.CosineDecay(3e-3, 12 * 32)
    model.compile(keras.optimizers.Adam(schedule), "mse")
    return _fit_any(session, model, [x, thickness], y, epochs=12, batch_size=32)


@holdout111("riveters", ["unnormalized_inputs"], stall_begins=64)  # approximate
def raw_si_units(session):
    """Joint failure classified from raw SI columns (rivet diameter ~0.012 m, pitch ~0.045 m,
    gun pressure ~6e5 Pa, load ~2e4 N, temperature ~290 K) into a relu MLP, Adam 1e-3: the
    pascals and newtons swamp the millimetre-scale columns that decide failure and the logits
    are thousands; the loss falls from ~1e4 to ~1e3 and bounces there (standardized: ~0.11)."""
    return _raw_si_units(session, broken=True)


@holdout111("riveters", ["loss_activation_mismatch"])
def one_unit_softmax(session):
    """Conv1D scoring rivet looseness in [0, 1] from tap recordings with MSE, its head
    Dense(1, activation="softmax") copied from the classifier: a softmax over one unit is 1.0
    for every input, no gradient flows, and the loss is frozen (sigmoid head: near the noise)."""
    return _one_unit_softmax(session, broken=True)


@holdout111("riveters", ["poor_initialization"])
def zero_kernels(session):
    """Plate-crack CNN whose layers were all built with kernel_initializer="zeros" (meant for the
    biases): every activation and every kernel gradient is zero, only the output bias learns,
    and the loss sits at log(2) (Glorot: ~0.05)."""
    return _zero_kernels(session, broken=True)
