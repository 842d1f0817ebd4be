"""The thirtieth held-out catalogue: written by someone who did not read the engine or run the
diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History and the per-step loss, in a throwaway script with the runner's seed), and
every broken one against the same model trained without its mistake (each helper
`_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Gasworks: a day's gas send-out from weather and
calendar features with meter noise that grows with the demand, an MLP under a staircase
ExponentialDecay (the loss steps down at each halving, then sits at the noise); a gasholder's
lift trouble from 48 pressure readings by a Conv1D net, 15% of the inspector's calls wrong,
SGD with momentum under PiecewiseConstantDecay; the next shift's calorific value from 24 hourly
readings by a GRU in a hand-written GradientTape loop under mean absolute error against Laplace
calorimeter noise. Bellfounders: how a bell rings from its strike spectrum by a Conv1D net, the
cracked class one in twenty and weighted up by class_weight (a long wait near ln 4, then a slow
descent still going at the end); a tuning score from twelve unordered partials by a
MultiHeadAttention block under AdamW with a warm-up and cosine decay; a clapper's fit from only
224 bells by an MLP 128-128 that memorises the book over 60 short epochs. Mapsellers: map symbols
on scanned tiles by a CNN under Nadam, a fifth of the labels wrong; a map's auction price from
its region (Embedding) and five numeric features, two inputs, Huber loss against Student-t noise,
RMSprop and ReduceLROnPlateau; a surveyor's route sheet from 20 place tokens by Embedding and an
LSTM under plain SGD 0.1 (a plateau at ln 4 for four epochs, then a long descent). Ropewalks: a
rope's breaking load under the pinball loss at the 0.9 quantile (flat far above zero); a yarn's
twist class from 48 tension readings by a Bidirectional GRU under RMSprop, a tenth of the calls
wrong; broken yarns per 100 m (Poisson counts) by an exponential-output MLP in a hand-written
Adagrad loop under keras's Poisson loss (negative: keras leaves out the log y! term).

The broken half, one root cause each: PolynomialDecay's end_learning_rate read as a fraction
(0.5, 'to half'), so Adam's rate climbs 250-fold to 0.5 (learning rate too high); arctanh of
meter correlations where twin meters have exactly 1.0, an infinite target (non-finite values);
keras Normalization(axis=None) on a raw export in m3, Pa and fractions, one mean and variance
for all columns (unnormalised inputs); SimpleRNN(activation='sigmoid') 'because the state is a
level' carrying a cue over 36 steps (vanishing gradients); a hand-written 'soft sign' tanh(20 z)
for a binarised net (saturated activations); a softmax pair head, kept from a two-class model,
regressing a bearing as a unit vector under CosineSimilarity (loss/activation mismatch: it can
only point into the first quadrant); keras Adafactor swapped in for Adam with Adam's 1e-3,
whose steps are relative to the weights' RMS (learning rate too low); Embedding(output_dim=1)
read as 'one vector per token' (insufficient capacity); a softmax head initialised with
RandomNormal(stddev=30) (poor initialisation, with the whole second hidden layer dead after the
first updates); logits divided by a softmax temperature of 0.005 under SGD with momentum
(exploding gradients); the 'numerically stable' z - max(z) of a softmax copied in front of each
hidden ReLU (dead ReLUs); SGD(weight_decay=1.0) with 1e-4 meant, decoupled, 5% a step
(over-regularisation).

Dropped or replaced because they did not behave as intended: a tanh head kept under binary
cross-entropy (0/1 labels) for the loss/activation mismatch (it trained nearly as well as the
sigmoid head, ~0.29 against ~0.22, and earlier catalogues hold it); a relu head under binary
cross-entropy and a relu head under the Poisson loss (both kept learning, ~0.45 against ~0.33
and ~-0.48 against ~-0.55); tanh(20 z) under Adam on the flattened spectra (it trained better
than the plain tanh: Adam rescales the tiny gradients; SGD with momentum kept); Adafactor on the
symbol CNN (1.41 -> 1.28 and accelerating; the LSTM with its ln 4 plateau kept); the softmax
head at stddev 8 under SGD and under Adam (both kept falling, ~1.11 and ~0.58; stddev 30 kept);
SGD weight_decay 0.5 (still creeping, ~1.02 -> ~1.01 an epoch; 1.0 kept); PolynomialDecay to
0.2 (it bounced at ~0.2 against ~0.13, too close to the fix; 0.5 kept). The first bell-spectrum
generator (classes by partial ratios) could not be learnt by a Conv1D with global pooling, which
sees no positions, and the first attention target depended on fixed partial positions that mean
pooling cannot see; both generators were rewritten before the runs were checked. Not written
because earlier catalogues hold the mechanism: the double softmax under from_logits=True (Keras
3 repairs it), a sigmoid head under Hinge, bias-shifted and beta-shifted ReLUs, zero and
constant kernels.

With the runner's seed, `fit` visits the examples in the same order every epoch, so several
runs show a sawtooth within each epoch. Labels follow `scenarios.py`: `expected_causes[0]` is
the root cause the scenario was built around, a second cause only where that symptom is
genuinely present too (the stddev-30 head: every unit of the second hidden layer is zero on
every probe example after training, none with a Glorot head); `stall_begins` is the optimizer
step from which the loss stops improving (None: from the start), exact where an event of the
scenario causes it (the first infinite target, in file order, at step 8), otherwise read off
the per-step loss and marked approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("gasworks", "bellfounders", "mapsellers", "ropewalks")

REGISTRY = []

holdout30 = registrar(REGISTRY)

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


def gas_demand(n, seed):
    """A day's gas send-out (standardised) from eight weather and calendar features: heating
    degree days dominate, with wind chill, a weekend dip and a holiday effect; the meter
    noise grows with the demand (heteroscedastic)."""
    r = _rng(seed)
    x = r.normal(size=(n, 8)).astype("float32")
    hdd = np.maximum(0.0, 0.8 - x[:, 0])
    mean = 1.5 * hdd + 0.5 * hdd * x[:, 1] - 0.4 * (x[:, 2] > 1.0) + 0.3 * np.sin(2 * x[:, 3])
    y = mean + (0.15 + 0.25 * hdd) * r.normal(size=n)
    return x, _std(y)[:, None]


def holder_traces(n, seed, length=48, flip=0.0):
    """Pressure traces of a gasholder's lift over 48 readings, three classes: 0 steady, 1 a
    slow leak (a downward drift), 2 a sticking guide (steps); a fraction `flip` of labels
    are the inspector's wrong calls."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    t = np.linspace(0, 1, length)
    x = np.empty((n, length, 1), dtype="float32")
    for k in range(n):
        base = 0.3 * np.sin(2 * np.pi * (t * r.uniform(1, 3) + r.uniform()))
        if y[k] == 1:
            base = base - r.uniform(0.5, 1.2) * t
        elif y[k] == 2:
            base = base + 0.5 * np.floor(t * r.integers(3, 6)) * r.choice([-1, 1])
        x[k, :, 0] = base + 0.25 * r.normal(size=length)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 3, n)) % 3, y)
    return x, y


def calorific_series(n, seed, length=24):
    """24 hourly readings of two gas-quality channels; the target is the next shift's mean
    calorific value, with Laplace noise from the calorimeter (an irreducible floor)."""
    r = _rng(seed)
    x = r.normal(size=(n, length, 2)).astype("float32")
    x = np.cumsum(x * 0.3, axis=1).astype("float32")
    y = 0.7 * x[:, -1, 0] - 0.4 * x[:, -6:, 1].mean(axis=1) + 0.3 * x[:, :, 0].mean(axis=1)
    y = y + 0.35 * r.laplace(size=n)
    return x, _std(y)[:, None]


def bell_spectra(n, seed, bins=64, classes=4, weights=None):
    """64-bin spectra of a struck bell; the class is how the bell rings (4): the partials
    (hum, prime, tierce, nominal) are sharp lines, broadened, split into doublets (an
    out-of-round casting) or buzzing (a crack's sidebands); strike strength, pitch and
    noise vary."""
    r = _rng(seed)
    p = np.asarray(weights if weights is not None else [1] * classes, dtype=float)
    y = r.choice(classes, n, p=p / p.sum())
    f = np.arange(bins)
    x = np.empty((n, bins, 1), dtype="float32")
    for k in range(n):
        f0 = r.uniform(6, 9)
        s = np.zeros(bins)
        for i, q in enumerate((1, 2, 2.4, 4)):
            a = r.uniform(0.5, 1.0) / (1 + 0.5 * i)
            c = f0 * q
            if y[k] == 0:
                s += a * np.exp(-0.5 * ((f - c) / 0.7) ** 2)
            elif y[k] == 1:
                s += 0.6 * a * np.exp(-0.5 * ((f - c) / 2.5) ** 2)
            elif y[k] == 2:
                s += a * (np.exp(-0.5 * ((f - c + 1.5) / 0.7) ** 2) + np.exp(-0.5 * ((f - c - 1.5) / 0.7) ** 2))
            else:
                s += a * np.exp(-0.5 * ((f - c) / 0.7) ** 2) * (1 + 0.8 * np.cos(2.2 * (f - c)))
        x[k, :, 0] = s * r.uniform(0.6, 1.4) + 0.1 * r.normal(size=bins)
    return x, y


def bell_partials(n, seed, length=12, noise=0.3):
    """Twelve measured partials of a bell (frequency deviation, amplitude, decay) per row, in
    no fixed order; the target is the founder's tuning score (standardised), the mean of a
    nonlinear per-partial mark plus the loudest partial's deviation, and the tuner's
    scatter."""
    r = _rng(seed)
    x = r.normal(size=(n, length, 3)).astype("float32")
    loud = x[np.arange(n), x[:, :, 1].argmax(axis=1), 0]
    y = (2.0 * np.tanh(x[:, :, 0] + x[:, :, 1] * x[:, :, 2]).mean(axis=1) + 0.4 * loud
         + noise * r.normal(size=n))
    return x, _std(y)[:, None]


def cue_sequences(n, seed, length=40):
    """A bell's ring decay over 40 samples; whether the strike was clean depends on the sign
    of the first four samples' sum (the strike), the rest is the tail's noise."""
    r = _rng(seed)
    x = (0.5 * r.normal(size=(n, length, 1))).astype("float32")
    s = x[:, :4, 0].sum(axis=1)
    y = (s > 0).astype("int64")
    return x, y


def map_tiles(n, seed, size=16, flip=0.2):
    """16 x 16 scanned tiles of an old map, four symbol classes (church cross, windmill,
    marsh tufts, woodland dots) with scan noise; a fraction `flip` of the cataloguer's labels
    are wrong."""
    r = _rng(seed)
    y = r.integers(0, 4, n)
    i, j = np.mgrid[0:size, 0:size]
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        ci, cj = r.integers(5, 11, 2)
        if y[k] == 0:
            t = ((np.abs(i - ci) < 1) & (np.abs(j - cj) < 5)) | ((np.abs(j - cj) < 1) & (np.abs(i - ci) < 5))
        elif y[k] == 1:
            t = (np.abs(np.abs(i - ci) - np.abs(j - cj)) < 1) & (np.abs(i - ci) < 5)
        elif y[k] == 2:
            t = ((i - ci) % 3 == 0) & (np.abs(j - cj) < 4) & (np.abs(i - ci) < 5)
        else:
            t = (((i + j) % 4 == 0) & ((i - j) % 4 == 0)) & (np.abs(i - ci) < 6) & (np.abs(j - cj) < 6)
        x[k, :, :, 0] = t.astype(float) + 0.35 * r.normal(size=(size, size))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 4, n)) % 4, y)
    return x, y


def map_sales(n, seed, regions=40):
    """A map's sale price (log, standardised) from its region (40, id), age, size, colouring,
    condition and edition; Student-t (3 dof) noise from the auction room."""
    r = _rng(seed)
    reg = r.integers(0, regions, n)
    effect = r.normal(size=regions)
    num = r.normal(size=(n, 5)).astype("float32")
    y = effect[reg] + 0.6 * num[:, 0] + 0.4 * num[:, 1] * num[:, 2] - 0.3 * num[:, 3] ** 2
    y = y + 0.3 * r.standard_t(3, size=n)
    return reg.astype("int32"), num, _std(y)[:, None]


def route_tokens(n, seed, length=20, vocab=30):
    """A surveyor's route as 20 place tokens (vocabulary 30); the sheet it belongs to (4
    classes) is set by which of four place groups the route visits most."""
    r = _rng(seed)
    groups = r.integers(0, 4, vocab)
    groups[0] = -1
    y = r.integers(0, 4, n)
    x = np.empty((n, length), dtype="int32")
    for k in range(n):
        own = np.flatnonzero(groups == y[k])
        other = np.flatnonzero(groups >= 0)
        m = r.random(length) < 0.45
        x[k] = np.where(m, r.choice(own, length), r.choice(other, length))
    return x, y


def rope_strength(n, seed, dim=10, noise=0.4):
    """A rope's breaking load (standardised) from ten lay and fibre features, smooth and
    nonlinear, with the test bench's scatter."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    y = (np.sin(x[:, 0]) + 0.6 * x[:, 1] * x[:, 2] + 0.5 * np.abs(x[:, 3]) - 0.4 * x[:, 4]
         + 0.3 * np.tanh(2 * x[:, 5]) + noise * r.normal(size=n))
    return x, _std(y)[:, None]


def rope_grades(n, seed, dim=12, classes=5, flip=0.0):
    """A rope's grade (5) from twelve inspection features: the grade is the argmax of five
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


def strand_counts(n, seed, dim=6):
    """Broken yarns counted per 100 m of rope (Poisson) from six twisting settings."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    rate = np.exp(0.8 + 0.5 * x[:, 0] - 0.4 * x[:, 1] + 0.3 * np.sin(2 * x[:, 2]))
    return x, r.poisson(rate).astype("float32")[:, None]


# gasworks ------------------------------------------------------------------------------------


@holdout30("gasworks", healthy=True)
def send_out_staircase(session):
    """A day's gas send-out (standardised) from eight weather and calendar features whose meter
    noise grows with the demand, MLP 64-64 relu, Adam under ExponentialDecay(3e-3, 96 steps,
    0.5, staircase=True): the loss drops in steps at each halving and flattens at the
    heteroscedastic noise floor."""
    keras = _keras()
    x, y = gas_demand(N, seed=3001)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    lr = keras.optimizers.schedules.ExponentialDecay(3e-3, 96, 0.5, staircase=True)
    model.compile(keras.optimizers.Adam(lr), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout30("gasworks", healthy=True)
def holder_traces_noisy(session):
    """A gasholder's lift trouble (steady, slow leak, sticking guide) from 48 pressure readings,
    15% of the inspector's calls wrong, Conv1D 16-32 relu with global max pooling, SGD 0.05
    momentum 0.9 with PiecewiseConstantDecay at steps 160 and 288: it learns and then sits
    at the label noise's floor."""
    keras = _keras()
    x, y = holder_traces(N, seed=3002, flip=0.15)
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    lr = keras.optimizers.schedules.PiecewiseConstantDecay([160, 288], [0.05, 0.01, 0.002])
    model.compile(keras.optimizers.SGD(lr, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout30("gasworks", healthy=True)
def calorific_mae_loop(session):
    """Hand-written GradientTape loop: the next shift's calorific value from 24 hourly readings
    of two quality channels by a GRU(16), mean absolute error against Laplace calorimeter
    noise, Adam 2e-3: a quick fall, then a flat floor at the noise's mean absolute size."""
    keras = _keras()
    x, y = calorific_series(N, seed=3003)
    model = keras.Sequential([keras.Input((24, 2)), keras.layers.GRU(16),
                              keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3),
                        keras.losses.MeanAbsoluteError(), x, y, epochs=10, batch_size=32,
                        seed=3003)


def _send_out_rising_rate(session, broken):
    keras = _keras()
    x, y = calorific_series(N, seed=3004)
    model = keras.Sequential([keras.Input((24, 2)), keras.layers.GRU(24),
                              keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
    end = 0.5 if broken else 2e-5
    lr = keras.optimizers.schedules.PolynomialDecay(2e-3, 128, end_learning_rate=end)
    model.compile(keras.optimizers.Adam(lr), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# The loss is lowest near step 62, as the rate passes ~0.25, then jumps and never returns: approximate.
@holdout30("gasworks", ["learning_rate_too_high"], stall_begins=62)
def calorific_polynomial_end(session):
    """The calorific value from 24 hourly readings by a GRU(24) under Adam with
    PolynomialDecay(2e-3, decay_steps=128, end_learning_rate=0.5): end_learning_rate was read
    as a fraction of the start (as CosineDecay's alpha is), but it is an absolute rate, so
    the 'decay' (meant: to half the rate) climbs 250-fold to 0.5 by step 128 and stays there."""
    return _send_out_rising_rate(session, True)


def _fisher_z(session, broken):
    keras = _keras()
    r = _rng(3005)
    x = r.normal(size=(N, 6)).astype("float32")
    rho = np.tanh(0.8 * x[:, 0] - 0.5 * x[:, 1] + 0.4 * x[:, 2] * x[:, 3] + 0.2 * r.normal(size=N))
    # Twin meters on a shared main report identical series: a correlation of exactly 1.
    twins = [233, 611, 904]
    rho[twins] = 1.0
    if not broken:
        rho = np.clip(rho, -0.999, 0.999)
    y = np.arctanh(rho).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32, shuffle=False)


# Row 233 is in the eighth batch of the file-order pass: its infinite target is step 8.
@holdout30("gasworks", ["non_finite_values"], stall_begins=233 // 32 + 1)
def meter_correlation_fisher_z(session):
    """How strongly two district meters move together, regressed on the Fisher z scale
    (arctanh of the correlation) from six network features by an MLP 64-32 relu, Adam 2e-3,
    in file order. Three pairs of twin meters on one main have a correlation of exactly 1.0,
    whose arctanh is inf: the first batch holding one makes the loss inf and the weights
    NaN."""
    return _fisher_z(session, True)


def _global_normalization(session, broken):
    keras = _keras()
    r = _rng(3006)
    n = N
    # The works' export: holder volume in m3, pressure in Pa, the calorific value in MJ/m3,
    # temperature in C, the specific gravity and the valve position (0..1).
    vol = r.uniform(2e4, 8e4, n)
    pa = r.normal(101325, 800, n)
    cv = r.normal(39.0, 0.6, n)
    temp = r.normal(12, 6, n)
    sg = r.normal(0.6, 0.03, n)
    valve = r.uniform(0, 1, n)
    z = [(vol - 5e4) / 1.7e4, (pa - 101325) / 800, (cv - 39) / 0.6, (temp - 12) / 6,
         (sg - 0.6) / 0.03, (valve - 0.5) / 0.29]
    y = (0.6 * z[0] + np.sin(1.5 * z[2]) + 0.7 * z[3] * z[4] - 0.5 * np.abs(z[5])
         + 0.4 * z[1] + 0.2 * r.normal(size=n))
    x = np.stack([vol, pa, cv, temp, sg, valve], axis=1).astype("float32")
    norm = keras.layers.Normalization(axis=None if broken else -1)
    norm.adapt(x[:-PROBE_SIZE])
    model = keras.Sequential([keras.Input((6,)), norm,
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, _std(y)[:, None], epochs=10, batch_size=32)


# Flat at ~0.80 from the first epoch's 17th step: approximate.
@holdout30("gasworks", ["unnormalized_inputs"], stall_begins=17)
def works_export_global_normalization(session):
    """The next hour's holder draw (standardised) from the works' export in its own units
    (volume in m3 ~5e4, pressure in Pa ~1e5, calorific value, temperature, gravity, valve),
    through keras Normalization(axis=None) to 'normalise everything': one mean and one
    variance over all the columns, so the pressure and volume stay ~1 and every other column
    is squeezed to ~1e-5 around one constant."""
    return _global_normalization(session, True)


# bellfounders --------------------------------------------------------------------------------


@holdout30("bellfounders", healthy=True)
def tuning_fault_rare_class(session):
    """How a bell rings (sound, broadened, split partials, a crack's buzz) from its 64-bin
    strike spectrum by a Conv1D 16-32 relu net, the cracked bells one in twenty and weighted
    up by class_weight, Adam 1e-3: near ln 4 for three epochs, then a slow, steady descent
    still going at the end."""
    keras = _keras()
    x, y = bell_spectra(N, seed=3101, weights=[0.45, 0.3, 0.2, 0.05])
    counts = np.bincount(y[:-PROBE_SIZE], minlength=4)
    class_weight = {k: float(len(y[:-PROBE_SIZE]) / (4 * max(c, 1))) for k, c in enumerate(counts)}
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    (xt, yt), probe = (x[:-PROBE_SIZE], y[:-PROBE_SIZE]), (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(xt, yt, epochs=12, batch_size=32, verbose=0, class_weight=class_weight,
                        callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout30("bellfounders", healthy=True)
def partials_attention_warmup(session):
    """The founder's tuning score from twelve measured partials by one MultiHeadAttention block
    (2 heads, key dim 8) with mean pooling, AdamW under CosineDecay with a 64-step warm-up to
    2e-3: flat while the rate warms up, then a fall to the tuner's scatter."""
    keras = _keras()
    x, y = bell_partials(N, seed=3102)
    inp = keras.Input((12, 3))
    h = keras.layers.Dense(16)(inp)
    a = keras.layers.MultiHeadAttention(2, 8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="gelu")(h)
    model = keras.Model(inp, keras.layers.Dense(1)(h))
    lr = keras.optimizers.schedules.CosineDecay(0.0, 320, warmup_target=2e-3, warmup_steps=64)
    model.compile(keras.optimizers.AdamW(lr, weight_decay=1e-4), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout30("bellfounders", healthy=True)
def clapper_small_foundry_book(session):
    """A clapper's fit (5 grades) from twelve features, only the 224 bells in one foundry's
    book (128 more held out as the probe), by an MLP 128-128 relu under Adam 3e-3, 60 epochs of 7 steps: the
    training loss falls towards zero as the net memorises the book."""
    keras = _keras()
    x, y = rope_grades(224 + PROBE_SIZE, seed=3103)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(5, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=60, batch_size=32)


def _sigmoid_rnn(session, broken):
    keras = _keras()
    x, y = cue_sequences(N, seed=3104)
    model = keras.Sequential([keras.Input((40, 1)),
                              keras.layers.SimpleRNN(32, activation="sigmoid" if broken else "tanh"),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# It learns the class prior (ln 2) in ~30 steps and nothing after: approximate.
@holdout30("bellfounders", ["vanishing_gradients"], stall_begins=30)
def strike_sigmoid_rnn(session):
    """Whether a strike was clean, from the sign of the first four samples of a 40-sample ring
    decay, by SimpleRNN(32, activation='sigmoid') ('the state is a level between 0 and 1'),
    Adam 2e-3. Through the sigmoid's slope of at most 1/4 per step the gradient from the
    last step to the strike shrinks by far more than the tanh cell's over 36 steps."""
    return _sigmoid_rnn(session, True)


def _steep_tanh(session, broken):
    keras = _keras()
    x, y = rope_grades(N, seed=3105)
    gain = 20.0 if broken else 1.0

    def soft_sign(z):
        return keras.ops.tanh(gain * z)

    model = keras.Sequential([
        keras.Input((12,)),
        keras.layers.Dense(64), keras.layers.Activation(soft_sign),
        keras.layers.Dense(64), keras.layers.Activation(soft_sign),
        keras.layers.Dense(5, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# It falls to ~1.3 in three epochs and bounces there: approximate.
@holdout30("bellfounders", ["saturated_activations"], stall_begins=97)
def spectrum_binarised_tanh(session):
    """A bell's casting grade (5) from twelve foundry features by an MLP 64-64 meant for a
    binarised deployment, whose hidden activation is a hand-written 'soft sign' tanh(20 z) (a
    smooth step for the straight-through trick), SGD 0.05 momentum 0.9: nearly every unit
    sits at +-1, where the slope is ~0, and the net learns little more than the prior."""
    return _steep_tanh(session, True)


def _bearing_softmax(session, broken):
    keras = _keras()
    r = _rng(3106)
    theta = r.uniform(0, 2 * np.pi, N)
    # Eight readings of the founder's sighting compass: the bearing mixed through fixed
    # gains and offsets, a little distortion and noise.
    m = r.normal(size=(2, 8))
    x = np.stack([np.cos(theta), np.sin(theta)], axis=1) @ m
    x = (x + 0.2 * np.sin(2 * x) + 0.1 * r.normal(size=x.shape)).astype("float32")
    y = np.stack([np.cos(theta), np.sin(theta)], axis=1).astype("float32")
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(2, activation="softmax" if broken else None)])
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.CosineSimilarity())
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# At ~-0.45 (the first quadrant's reach) from about step 17: approximate.
@holdout30("bellfounders", ["loss_activation_mismatch"], stall_begins=17)
def bell_axis_bearing_softmax(session):
    """The bearing a bell's sound bow faces in the tower, as a unit vector (cos, sin), from
    eight readings of a sighting compass by an MLP 64-64 relu under keras CosineSimilarity,
    with the Dense(2, activation='softmax') head kept from the two-class 'faces the louvres
    or not' model: a softmax pair is positive and sums to one, so it can only point into the
    first quadrant and three quarters of the bearings are out of its reach."""
    return _bearing_softmax(session, True)


# mapsellers ----------------------------------------------------------------------------------


@holdout30("mapsellers", healthy=True)
def symbol_tiles_noisy(session):
    """Map symbols (church, windmill, marsh, woodland) on 16 x 16 scanned tiles, a fifth of the
    cataloguer's labels wrong, by a CNN (Conv2D 16-32 relu, pooling, Dense 32) under Nadam
    1e-3: it learns the symbols and levels off well above zero at the label noise."""
    keras = _keras()
    x, y = map_tiles(N, seed=3201)
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Nadam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout30("mapsellers", healthy=True)
def auction_price_region_embedding(session):
    """A map's auction price (log, standardised) from its region through Embedding(40, 4)
    beside five numeric features, MLP 64-32 relu, Huber loss against Student-t room noise,
    RMSprop 2e-3 with ReduceLROnPlateau(monitor='loss', factor=0.5, patience=1): the loss
    levels off with the rate halved a few times."""
    keras = _keras()
    reg, num, y = map_sales(N, seed=3202)
    a = keras.Input((1,), dtype="int32")
    b = keras.Input((5,))
    e = keras.layers.Flatten()(keras.layers.Embedding(40, 4)(a))
    h = keras.layers.Concatenate()([e, b])
    h = keras.layers.Dense(64, activation="relu")(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([a, b], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.RMSprop(2e-3), keras.losses.Huber(1.0))
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=1,
                                                min_delta=1e-3, verbose=0)
    return _fit_inputs(session, model, [reg[:, None], num], y, epochs=14, batch_size=32,
                       callbacks=[plateau])


@holdout30("mapsellers", healthy=True)
def route_sheet_lstm_slow(session):
    """The sheet a surveyor's route belongs to (4) from 20 place tokens by Embedding(30, 8) and
    LSTM(16) under plain SGD 0.1: a long slow convergence, a plateau near ln 4 for the first
    epochs, then a gradual descent that is still going at the end."""
    keras = _keras()
    x, y = route_tokens(N, seed=3203)
    model = keras.Sequential([keras.Input((20,), dtype="int32"), keras.layers.Embedding(30, 8),
                              keras.layers.LSTM(16), keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.1), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


def _adafactor(session, broken):
    keras = _keras()
    x, y = route_tokens(N, seed=3204)
    model = keras.Sequential([keras.Input((20,), dtype="int32"), keras.layers.Embedding(30, 8),
                              keras.layers.LSTM(16), keras.layers.Dense(4, activation="softmax")])
    opt = keras.optimizers.Adafactor(1e-3) if broken else keras.optimizers.Adam(1e-3)
    model.compile(opt, "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout30("mapsellers", ["learning_rate_too_low"])
def symbol_tiles_adafactor(session):
    """The route-sheet model (Embedding(30, 8), LSTM(16), softmax) switched from Adam to keras
    Adafactor 'to save memory', keeping Adam's 1e-3. Adafactor scales each step by the
    weight's own RMS, so a step is ~1e-3 x ~0.1 of a weight: the loss hardly leaves ln 4
    (1.388 -> 1.356 in ten epochs, where Adam reaches ~0.11)."""
    return _adafactor(session, True)


def _embedding_dim_one(session, broken):
    keras = _keras()
    x, y = route_tokens(N, seed=3205)
    model = keras.Sequential([keras.Input((20,), dtype="int32"),
                              keras.layers.Embedding(30, 1 if broken else 8),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


# The descent levels off at ~0.52 from about the eighth epoch: approximate.
@holdout30("mapsellers", ["insufficient_capacity"], stall_begins=225)
def route_sheet_embedding_dim_one(session):
    """The route's sheet from its 20 place tokens by Embedding(30, output_dim=1) -> average
    pooling -> Dense 32 relu -> softmax, output_dim read as 'one vector per place': every
    place is one number, the route its mean, which cannot keep four place groups apart."""
    return _embedding_dim_one(session, True)


def _huge_head(session, broken):
    keras = _keras()
    x, y = rope_grades(N, seed=3206)
    init = keras.initializers.RandomNormal(stddev=30.0) if broken else "glorot_uniform"
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(5, activation="softmax", kernel_initializer=init)])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# The loss falls from ~45 to ~1.54 in three epochs' first steps and stays: approximate.
@holdout30("mapsellers", ["poor_initialization", "dead_relus"], stall_begins=50)
def engraving_grade_head_stddev_8(session):
    """A plate's engraving grade (5) from twelve features by an MLP 64-64 relu whose softmax
    head has kernel_initializer=RandomNormal(stddev=30.0) (30 copied from the input-scale
    note), SGD 0.02 momentum 0.9: the first logits are hundreds apart and every example is
    confidently wrong; the first huge updates leave the whole second hidden layer dead and
    the loss at the class prior (~1.53, against ~0.36 with a Glorot head)."""
    return _huge_head(session, True)


# ropewalks -----------------------------------------------------------------------------------


@holdout30("ropewalks", healthy=True)
def breaking_load_pinball_q90(session):
    """The breaking load's 90th percentile from ten lay and fibre features by an MLP 64-64
    relu under the pinball (quantile 0.9) loss, Adam 2e-3: the loss falls and flattens far
    above zero at the quantile loss of the bench scatter."""
    keras = _keras()
    import tensorflow as tf

    x, y = rope_strength(N, seed=3301)

    def pinball(yt, yp):
        e = yt - yp
        return tf.reduce_mean(tf.maximum(0.9 * e, -0.1 * e), axis=-1)

    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), pinball)
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout30("ropewalks", healthy=True)
def twist_bigru_noisy_grades(session):
    """A yarn's twist class (3) from 48 tension readings by a Bidirectional GRU(12), a tenth of
    the calls wrong, RMSprop 2e-3: it learns and rests at the label noise."""
    keras = _keras()
    x, y = holder_traces(N, seed=3302, flip=0.1)
    model = keras.Sequential([keras.Input((48, 1)),
                              keras.layers.Bidirectional(keras.layers.GRU(12)),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.RMSprop(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout30("ropewalks", healthy=True)
def broken_yarns_poisson_loop(session):
    """Hand-written GradientTape loop: broken yarns per 100 m (Poisson counts, mean ~2.5) from
    six twisting settings by an MLP 32-32 relu with an exponential output under keras's
    Poisson loss, Adagrad 0.05: the loss settles at the counts' own Poisson noise, far
    above zero."""
    keras = _keras()
    x, y = strand_counts(N, seed=3303)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    return _custom_loop(session, model, keras.optimizers.Adagrad(0.05), keras.losses.Poisson(),
                        x, y, epochs=10, batch_size=32, seed=3303)


def _sharp_logits(session, broken):
    keras = _keras()
    x, y = rope_grades(N, seed=3304)
    temperature = 0.005 if broken else 1.0
    inp = keras.Input((12,))
    h = keras.layers.Dense(64, activation="relu")(inp)
    h = keras.layers.Dense(64, activation="relu")(h)
    z = keras.layers.Dense(5)(h)
    z = keras.layers.Rescaling(1.0 / temperature)(z)
    model = keras.Model(inp, keras.layers.Softmax()(z))
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout30("ropewalks", ["exploding_gradients"])
def rope_grade_temperature_005(session):
    """The rope's grade (5) by an MLP 64-64 relu whose logits are divided by a softmax
    temperature of 0.005 (a Rescaling(200) before the softmax, 'to sharpen the
    probabilities' as in a contrastive recipe), SGD 0.02 momentum 0.9: every gradient into
    the net is 200x the plain one and the weights are thrown about."""
    return _sharp_logits(session, True)


def _shift_by_max(session, broken):
    keras = _keras()
    x, y = rope_strength(N, seed=3305)

    def stabilise(z):
        return z - keras.ops.max(z, axis=-1, keepdims=True)

    layers = [keras.Input((10,))]
    for _ in range(2):
        layers.append(keras.layers.Dense(64))
        if broken:
            layers.append(keras.layers.Lambda(stabilise))
        layers.append(keras.layers.ReLU())
    layers.append(keras.layers.Dense(1))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout30("ropewalks", ["dead_relus"])
def breaking_load_max_shift(session):
    """The breaking load by an MLP of Dense(64) -> Lambda(z - max(z)) -> ReLU twice, the
    'numerically stable' shift of a softmax copied into the hidden blocks: every shifted
    pre-activation is at most 0, so every ReLU outputs 0 for every rope and passes no
    gradient."""
    return _shift_by_max(session, True)


def _sgd_weight_decay(session, broken):
    keras = _keras()
    x, y = rope_grades(N, seed=3306)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(5, activation="softmax")])
    wd = 1.0 if broken else 1e-4
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9, weight_decay=wd),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# The loss dips to ~1.55 in the first ~20 steps, then rises to ~1.58 and stays: approximate.
@holdout30("ropewalks", ["over_regularization"], stall_begins=20)
def rope_grade_sgd_weight_decay(session):
    """The rope's grade by an MLP 64-64 relu under SGD(0.05, momentum=0.9, weight_decay=1.0),
    1e-4 meant (the exponent lost): Keras applies the decay decoupled, w -= lr x wd x w, so
    every weight shrinks by 5% a step and the net is held at the class prior (~1.58, against
    ~0.41 with the intended decay)."""
    return _sgd_weight_decay(session, True)
