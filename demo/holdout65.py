"""The sixty-fifth held-out catalogue: written by someone who did not read the engine or run the
diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History and the per-step loss, in a throwaway script with the runner's seed), and
every broken one against the same model trained without its mistake (each helper
`_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Nailmakers: a forged nail's grade from ten forge
features by an MLP, a fifth of the smith's calls wrong; a drawn rod's tensile strength from 32
diameter readings by a Conv1D net under a LearningRateScheduler that cuts the rate tenfold after
epoch 6, against scatter that grows with the roughness (a drop after the cut, then the floor);
a hearth's next peak temperature by a GRU in a hand-written GradientTape loop under Huber loss
against Student-t pyrometer noise. Thatchmakers: whether a thatched roof leaks (8% do) by an MLP
with class_weight (slow, well above zero); a reed batch's grade from only 256 examples by an MLP
128-128 that memorises the book over 50 epochs; reed-bundle images by a small CNN under Adam with
a warm-up and cosine decay, 15% of labels wrong. Rushcutters: a rush bed's cut from its site
(Embedding) and six numeric features, two inputs, RMSprop with ReduceLROnPlateau against
Student-t noise; seed-head counts by an exponential-output MLP under keras's Poisson loss
(negative); tomorrow's lowest water level by an LSTM under a hand-written pinball loss at the
0.1 quantile (flat far above zero). Besommakers: a broom order's kind from 16 material tokens by
Embedding and a MultiHeadAttention block under AdamW, a tenth of labels wrong; a besom's weight
by an MLP tanh under plain SGD 0.01 (a long slow descent still going at the end); a binding
wire's tension trace by a Conv1D net in a hand-written loop under Nadam, a tenth of labels
wrong.

The broken half, one root cause each: keras's Lion swapped in for SGD with SGD's rate of 0.1 kept
(learning rate too high: a sign update moves every weight by the full rate); Adadelta() with its
keras default learning_rate of 0.001 read as 'needs no rate' on an LSTM (learning rate too low);
kernel_constraint=NonNeg() on a relu MLP fed band levels in dBFS, all at or below zero, so every
first-layer relu is dead after the first update (dead ReLUs); eight stacked Conv1D layers with
activation='sigmoid' under SGD (vanishing gradients); an IRNN whose identity recurrent kernel
was given gain 2.0 over 30 steps, Adam with clipnorm (exploding gradients: the loss bounces at
values of order 1e5); a Deep Sets net pooling 64 relu outputs by a sum before a tanh MLP, under
SGD (saturated activations); a GRU fed piezometer readings raw in Pa and temperature in kelvin
(unnormalised inputs); a counts regressor that kept a classifier's sigmoid head under MSE
(loss/activation mismatch); three Dense(64) layers written without an activation, so the stack
is linear, on a check-pattern target (insufficient capacity); activity_regularizer=L2(5.0) on a
token Conv1D net, a per-element-mean sparsity weight put into keras's summed penalty
(over-regularisation); a six-layer relu MLP initialised with TruncatedNormal(stddev=1e-3)
(poor initialisation); a hand-written binary cross-entropy without clipping in a GradientTape
loop, whose log(1 - p) is -inf once a prediction rounds to 1.0 (non-finite values).

Dropped or replaced because they did not behave as intended: the IRNN at gain 1.6 under SGD 0.01
momentum 0.9 with clipnorm 5 (the broken run fell to a flat ln 2, but so did the gain-1.0 fix,
which could not learn the cue under that optimiser; Adam with clipnorm 1 and gain 2.0 kept), the
IRNN at gain 1.6 over 20 steps under Adam (bumpy but still falling, ~3.7 at the end); a
residual MLP of 16 blocks without normalisation under clipped SGD as a second exploding
mechanism (it recovered to ~1.06, near the constant prediction); the Deep Sets sum pool under
Adam 1e-3 (Adam rescales the tiny gradients: ~0.71 against ~0.69 for the mean pool), with 128
straws and sigmoid layers (the mean-pool fix did not learn either), with sigmoid layers under SGD
0.05 (it bounced and partly learned) and under SGD 0.05 with tanh (still creeping, ~1.075); a
Rescaling(255) layer copied before a tanh MLP as a second saturation mechanism (it kept
learning, ~0.71 against ~0.63); activity_regularizer=L2(0.5) (it kept learning, ~0.41 against
~0.05) and kernel_regularizer=L2(0.1) as the over-regularisation (it kept falling, ~0.79). Not
written because many earlier catalogues hold the mechanism: ReLU(threshold=...) read as a cap,
Dropout read as a keep probability, division by a zero standard deviation.

The Adadelta run creeps by about a thousandth an epoch (1.112 -> 1.101 over ten epochs against
0.35 for Adadelta(1.0)): it is meant as the stall a too-low rate makes. Labels follow
`scenarios.py`: `expected_causes[0]` is the root cause the scenario was built around, no second
cause was given; `stall_begins` is the optimizer step from which the loss stops improving
(None: from the start), exact where an event of the scenario causes it (the first infinite loss,
at step 15; the first update that kills every relu, step 1), otherwise None where the loss
bounces or sits from the first steps.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("nailmakers", "thatchmakers", "rushcutters", "besommakers")

REGISTRY = []

holdout65 = registrar(REGISTRY)

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


def forge_grades(n, seed, dim=10, classes=4, flip=0.0):
    """A forged nail's grade (4) from ten forge features (heat, hammer blows, rod gauge, ...):
    the argmax of four smooth nonlinear scores; `flip` of the smith's calls are wrong."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    w = r.normal(size=(dim, classes))
    v = r.normal(size=(dim, classes))
    s = np.tanh(x @ w) + 0.4 * np.sin(x @ v)
    y = s.argmax(axis=1)
    wrong = r.random(n) < flip
    y = np.where(wrong, r.integers(0, classes, n), y)
    return x, y


def rod_traces(n, seed, length=32):
    """32 readings along a drawn iron rod (diameter deviation); the target is its tensile
    strength (standardised), set by the trace's mean, slope and roughness, with test-bench
    scatter that grows with the roughness (heteroscedastic)."""
    r = _rng(seed)
    t = np.linspace(-1, 1, length)
    a, b, c = r.normal(size=(3, n))
    rough = np.abs(c)
    x = (a[:, None] + b[:, None] * t + 0.3 * rough[:, None] * r.normal(size=(n, length)))
    y = 0.8 * a - 0.5 * b ** 2 + 0.6 * rough + (0.2 + 0.4 * rough) * r.normal(size=n)
    return x[:, :, None].astype("float32"), _std(y)[:, None]


def hearth_series(n, seed, length=20):
    """20 readings of a forge hearth's bellows rate and coal feed; the target is the next
    heat's peak temperature (standardised) with Student-t (2 dof) pyrometer noise."""
    r = _rng(seed)
    x = np.cumsum(0.3 * r.normal(size=(n, length, 2)), axis=1).astype("float32")
    y = 0.8 * x[:, -1, 0] + 0.5 * np.tanh(x[:, -5:, 1].mean(axis=1)) - 0.3 * x[:, :, 0].std(axis=1)
    y = y + 0.3 * r.standard_t(2, size=n)
    return x, _std(y)[:, None]


def hammer_levels(n, seed, dim=16, classes=3):
    """A nail header's hammer sound as sixteen band levels in dBFS (all at or below zero); the
    fault (3: sound, cracked die, loose anvil) shifts and shapes the band levels."""
    r = _rng(seed)
    y = r.integers(0, classes, n)
    f = np.linspace(0, 1, dim)
    shape = np.stack([np.exp(-((f - 0.3) / 0.2) ** 2), np.exp(-((f - 0.7) / 0.15) ** 2),
                      0.5 + 0.5 * np.cos(6 * f)])
    level = -40 + 18 * shape[y] + 4 * r.normal(size=(n, dim)) + r.uniform(-8, 8, (n, 1))
    return np.minimum(level, 0.0).astype("float32"), y


def thatch_leaks(n, seed, dim=8, rate=0.08):
    """Whether a thatched roof will leak within a year (about 8% do) from eight survey
    features (pitch, age, reed length, moss cover, ...), with surveyor noise."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    s = 1.2 * x[:, 0] - 0.8 * x[:, 1] * x[:, 2] + 0.6 * np.abs(x[:, 3]) + 0.7 * r.normal(size=n)
    y = (s > np.quantile(s, 1 - rate)).astype("float32")
    return x, y[:, None]


def bundle_images(n, seed, size=16, flip=0.0):
    """16 x 16 images of reed bundles, three classes by the straws' direction (upright,
    leaning, crossed) with straw noise; `flip` of the labels are wrong."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    i, j = np.mgrid[0:size, 0:size]
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        ph = r.uniform(0, 2 * np.pi)
        if y[k] == 0:
            img = np.sin(1.2 * j + ph)
        elif y[k] == 1:
            img = np.sin(0.85 * (i + j) + ph)
        else:
            img = 0.5 * (np.sin(0.85 * (i + j) + ph) + np.sin(0.85 * (i - j) + ph))
        x[k, :, :, 0] = img + 0.6 * r.normal(size=(size, size))
    wrong = r.random(n) < flip
    y = np.where(wrong, r.integers(0, 3, n), y)
    return x, y


def straw_sets(n, seed, count=64):
    """A sample of 64 straws from a thatching batch, each with three measurements (length,
    thickness, moisture), in no order; the batch's grade (3) is set by the share of long
    dry straws."""
    r = _rng(seed)
    x = r.normal(size=(n, count, 3)).astype("float32")
    share = ((x[:, :, 0] > 0.3) & (x[:, :, 2] < 0.0)).mean(axis=1)
    y = np.digitize(share, np.quantile(share, [1 / 3, 2 / 3]))
    return x, y


def cue_series(n, seed, length=30):
    """A thatch ladder's strain gauge over 30 samples; whether it was set firmly depends on the
    sign of the first three samples' sum; the rest is noise."""
    r = _rng(seed)
    x = (0.5 * r.normal(size=(n, length, 1))).astype("float32")
    y = (x[:, :3, 0].sum(axis=1) > 0).astype("int64")
    return x, y


def marsh_yield(n, seed, sites=30):
    """A rush bed's cut (log bundles, standardised) from its site (30, id) and six weather and
    water features; Student-t (3 dof) noise from the cutters' tallies."""
    r = _rng(seed)
    site = r.integers(0, sites, n)
    effect = r.normal(size=sites)
    num = r.normal(size=(n, 6)).astype("float32")
    y = effect[site] + 0.7 * num[:, 0] - 0.5 * num[:, 1] * num[:, 2] + 0.4 * np.sin(2 * num[:, 3])
    y = y + 0.4 * r.standard_t(3, size=n)
    return site.astype("int32"), num, _std(y)[:, None]


def rush_counts(n, seed, dim=6):
    """Seed heads counted on a metre of rush (Poisson) from six bed features."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    rate = np.exp(1.2 + 0.5 * x[:, 0] - 0.4 * x[:, 1] + 0.3 * np.cos(2 * x[:, 2]))
    return x, r.poisson(rate).astype("float32")[:, None]


def water_levels(n, seed, length=24):
    """24 hourly readings of a rush bed's water level and rain; the target is tomorrow's
    lowest level (standardised), with noise."""
    r = _rng(seed)
    x = np.cumsum(0.3 * r.normal(size=(n, length, 2)), axis=1).astype("float32")
    y = 0.9 * x[:, -1, 0] - 0.4 * x[:, -8:, 1].mean(axis=1) + 0.5 * r.normal(size=n)
    return x, _std(y)[:, None]


def bed_pressure(n, seed, length=24):
    """24 hourly readings of a rush bed's piezometer (absolute pressure in Pa, about 101 kPa
    and a few hundred Pa of swing) and the air temperature in kelvin; the class (3) is whether
    the water table is falling, steady or rising over the day."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    t = np.linspace(0, 1, length)
    slope = np.array([-1.0, 0.0, 1.0])[y] * r.uniform(0.6, 1.2, n)
    p = 101325 + r.normal(0, 800, (n, 1)) + 400 * slope[:, None] * t + 120 * r.normal(size=(n, length))
    k = 283 + r.normal(0, 5, (n, 1)) + 2 * r.normal(size=(n, length))
    return np.stack([p, k], axis=-1).astype("float32"), y


def bundle_counts(n, seed, dim=8):
    """Bundles of rush a cutter brings in per tide (counts 0..~30) from eight tide, weather
    and bed features."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    mean = 8 + 4 * x[:, 0] ** 2 + 3 * np.tanh(x[:, 1]) - 2 * x[:, 2] * x[:, 3]
    return x, np.maximum(0, r.poisson(np.maximum(mean, 0.5))).astype("float32")[:, None]


def rush_quality(n, seed, dim=8):
    """A rush bundle's grade (2) from eight features, set by the parity-like interaction of
    the first four (a check pattern), the rest irrelevant."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    y = ((x[:, 0] * x[:, 1] > 0) ^ (x[:, 2] * x[:, 3] > 0)).astype("int64")
    return x, y


def broom_tokens(n, seed, length=16, vocab=40, flip=0.0):
    """A broom order as 16 material tokens (vocabulary 40): its kind (3) is set by whether the
    birch, heather or broom-corn tokens appear most in the order; `flip` of the labels are
    wrong."""
    r = _rng(seed)
    groups = r.integers(0, 3, vocab)
    y = r.integers(0, 3, n)
    x = np.empty((n, length), dtype="int32")
    for k in range(n):
        own = np.flatnonzero(groups == y[k])
        m = r.random(length) < 0.4
        x[k] = np.where(m, r.choice(own, length), r.integers(0, vocab, length))
    wrong = r.random(n) < flip
    y = np.where(wrong, r.integers(0, 3, n), y)
    return x, y


def besom_weight(n, seed, dim=12):
    """A besom's finished weight (standardised) from twelve material features, a smooth
    nonlinear function with small scatter."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    y = (np.sin(1.5 * x[:, 0]) + 0.6 * x[:, 1] * x[:, 2] + 0.5 * np.abs(x[:, 3])
         - 0.4 * x[:, 4] ** 2 + 0.3 * np.cos(2 * x[:, 5]) + 0.2 * r.normal(size=n))
    return x, _std(y)[:, None]


def binding_traces(n, seed, length=40, flip=0.1):
    """A besom binding wire's tension over 40 samples as it is wound, three classes (tight,
    slipping, snagging); `flip` of the labels are wrong."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    t = np.linspace(0, 1, length)
    x = np.empty((n, length, 1), dtype="float32")
    for k in range(n):
        base = 0.3 * np.sin(2 * np.pi * r.uniform(1, 3) * t + r.uniform(0, 6))
        if y[k] == 1:
            base = base - 0.8 * (t > r.uniform(0.3, 0.7))
        elif y[k] == 2:
            c = r.uniform(0.2, 0.8)
            base = base + 1.2 * np.exp(-((t - c) / 0.04) ** 2)
        x[k, :, 0] = base + 0.3 * r.normal(size=length)
    wrong = r.random(n) < flip
    y = np.where(wrong, r.integers(0, 3, n), y)
    return x, y


def handle_split(n, seed, dim=10):
    """Whether a besom handle will split (1) from ten timber features; nearly separable."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    s = 2.0 * x[:, 0] - 1.5 * x[:, 1] + x[:, 2] * x[:, 3]
    return x, (s > 0).astype("float32")[:, None]


# nailmakers ----------------------------------------------------------------------------------


@holdout65("nailmakers", healthy=True)
def nail_grade_noisy_calls(session):
    """A forged nail's grade (4) from ten forge features by an MLP 64-64 relu under Adam 2e-3,
    a fifth of the smith's calls wrong: the loss falls steadily and stays far above zero,
    towards the floor the wrong calls set."""
    keras = _keras()
    x, y = forge_grades(N, seed=6501, flip=0.2)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout65("nailmakers", healthy=True)
def rod_strength_step_decay(session):
    """A drawn rod's tensile strength from 32 diameter readings by a Conv1D net (16, 32 filters,
    global average pooling) under Adam with a LearningRateScheduler that cuts the rate tenfold
    after epoch 6, against scatter that grows with the rod's roughness: a bumpy plateau,
    then a further drop after the cut, then the noise floor."""
    keras = _keras()
    x, y = rod_traces(N, seed=6502)
    model = keras.Sequential([
        keras.Input((32, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(1e-2), "mse")
    schedule = keras.callbacks.LearningRateScheduler(lambda epoch, lr: 1e-2 if epoch < 6 else 1e-3)
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[schedule])


@holdout65("nailmakers", healthy=True)
def hearth_peak_huber_loop(session):
    """The next heat's peak hearth temperature from 20 readings of bellows and coal feed by a
    GRU(24) in a hand-written GradientTape loop under Huber loss (delta 1) and Adam 3e-3,
    against Student-t (2 dof) pyrometer noise: it falls and levels at the noise."""
    keras = _keras()
    x, y = hearth_series(N, seed=6503)
    model = keras.Sequential([keras.Input((20, 2)), keras.layers.GRU(24),
                              keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), keras.losses.Huber(1.0),
                        x, y, epochs=8, batch_size=32, seed=6503)


def _lion_rate(session, broken):
    keras = _keras()
    x, y = forge_grades(N, seed=6504)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Lion(0.1 if broken else 3e-4), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout65("nailmakers", ["learning_rate_too_high"], stall_begins=None)
def nail_grade_lion_sgd_rate(session):
    """A nail's grade (4) from ten forge features by an MLP 64-64 relu, with Adam swapped for
    keras's Lion but the SGD rate of 0.1 kept from the old script ('Lion wants a larger
    rate'): Lion moves every weight by the full rate each step (a sign update), so the
    weights jump by 0.1 a step and the loss bounces high."""
    return _lion_rate(session, True)


def _adadelta_default(session, broken):
    keras = _keras()
    x, y = rod_traces(N, seed=6505)
    model = keras.Sequential([
        keras.Input((32, 1)),
        keras.layers.LSTM(24),
        keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adadelta(1.0 if not broken else 0.001), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout65("nailmakers", ["learning_rate_too_low"], stall_begins=None)
def rod_strength_adadelta_default(session):
    """A drawn rod's tensile strength from 32 diameter readings by an LSTM(24), optimiser
    `keras.optimizers.Adadelta()` with its defaults, on the paper's word that Adadelta needs
    no learning rate: keras's default learning_rate is 0.001 (the paper's is 1.0), so every
    update is a thousandth of the intended one and the loss barely moves from the
    constant-prediction level."""
    return _adadelta_default(session, True)


def _nonneg_db(session, broken):
    keras = _keras()
    x, y = hammer_levels(N, seed=6506)
    kw = {"kernel_constraint": keras.constraints.NonNeg()} if broken else {}
    model = keras.Sequential([keras.Input((16,)),
                              keras.layers.Dense(64, activation="relu", **kw),
                              keras.layers.Dense(32, activation="relu", **kw),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# The first update leaves every first-layer relu dead; the loss is flat from step 2.
@holdout65("nailmakers", ["dead_relus"], stall_begins=1)
def hammer_sound_nonneg_db(session):
    """A nail header's fault (3) from sixteen hammer-sound band levels in dBFS (all at or
    below zero) by an MLP 64-32 relu whose layers carry kernel_constraint=NonNeg() ('louder
    bands can only mean more fault'): with non-negative weights on non-positive inputs and
    zero biases every first-layer pre-activation is at most zero, so every relu is dead from
    the first step and no gradient reaches the layers."""
    return _nonneg_db(session, True)


# thatchmakers --------------------------------------------------------------------------------


@holdout65("thatchmakers", healthy=True)
def roof_leak_class_weight(session):
    """Whether a thatched roof will leak within a year (about 8% do) from eight survey features
    by an MLP 32-32 relu under Adam 1e-3 with class_weight {0: 1, 1: 6}: the weighted loss
    starts high, falls slowly and stays well above zero (the surveyor's noise overlaps the
    classes)."""
    keras = _keras()
    x, y = thatch_leaks(N, seed=6511)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    (xt, yt), probe = (x[:-PROBE_SIZE], y[:-PROBE_SIZE]), (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(xt, yt, epochs=12, batch_size=32, verbose=0,
                        class_weight={0: 1.0, 1: 6.0}, callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout65("thatchmakers", healthy=True)
def reed_grade_small_book(session):
    """A reed batch's grade (4) from ten features, only 256 graded batches, by an MLP 128-128
    relu under Adam 2e-3 for 50 short epochs: it memorises the book, the training loss going
    on down towards zero."""
    keras = _keras()
    x, y = forge_grades(256 + PROBE_SIZE, seed=6512, flip=0.1)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=50, batch_size=32)


@holdout65("thatchmakers", healthy=True)
def bundle_images_warmup_cosine(session):
    """Reed-bundle images (16 x 16, three straw directions, 15% of labels wrong) by a small CNN
    (8 and 16 filters) under Adam with CosineDecay from 1e-4, a 64-step warm-up to 3e-3 and
    cosine decay over the rest: slow at first, fast in the warm-up's end, levelling at the
    label-noise floor as the rate decays."""
    keras = _keras()
    x, y = bundle_images(N, seed=6513, flip=0.15)
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"), keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(16, activation="relu"), keras.layers.Dense(3, activation="softmax"),
    ])
    lr = keras.optimizers.schedules.CosineDecay(1e-4, decay_steps=256, warmup_target=3e-3,
                                                warmup_steps=64)
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _sigmoid_conv_stack(session, broken):
    keras = _keras()
    x, y = binding_traces(N, seed=6514, flip=0.0)
    act = "sigmoid" if broken else "relu"
    layers = [keras.Input((40, 1))]
    for _ in range(8):
        layers.append(keras.layers.Conv1D(16, 3, activation=act, padding="same"))
    layers += [keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(3, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout65("thatchmakers", ["vanishing_gradients"], stall_begins=None)
def ladder_tension_sigmoid_convs(session):
    """A thatch binding's tension trace (40 samples, tight, slipping or snagging) by eight
    stacked Conv1D(16, 3) layers with activation='sigmoid', copied from an old tutorial's
    'smooth' conv net, SGD 0.05 momentum 0.9: through eight sigmoid slopes of at most 1/4
    the gradient reaching the first layers is tiny and the loss sits at ln 3."""
    return _sigmoid_conv_stack(session, True)


def _irnn(session, broken):
    keras = _keras()
    x, y = cue_series(N, seed=6515)
    init = keras.initializers.Identity(gain=2.0 if broken else 1.0)
    model = keras.Sequential([
        keras.Input((30, 1)),
        keras.layers.SimpleRNN(32, activation="relu", recurrent_initializer=init),
        keras.layers.Dense(2, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3, clipnorm=1.0), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout65("thatchmakers", ["exploding_gradients"], stall_begins=None)
def ladder_set_irnn_gain(session):
    """Whether a thatch ladder was set firmly, from the first three of 30 strain samples, by an
    IRNN (SimpleRNN(32, relu) with an identity recurrent kernel) whose identity gain was set
    to 2.0 'to carry the cue further', Adam 1e-3 with clipnorm=1: the state and the
    gradients double a step over 30 steps, every update is clipped to the same norm in a
    direction set by the blown-up tail, and the loss bounces at enormous values."""
    return _irnn(session, True)


def _sum_pool(session, broken):
    keras = _keras()
    x, y = straw_sets(N, seed=6516)
    inp = keras.Input((64, 3))
    h = keras.layers.Dense(32, activation="relu")(inp)
    h = keras.layers.Dense(32, activation="relu")(h)
    if broken:
        pooled = keras.layers.Lambda(lambda t: keras.ops.sum(t, axis=1))(h)
    else:
        pooled = keras.layers.GlobalAveragePooling1D()(h)
    z = keras.layers.Dense(32, activation="tanh")(pooled)
    z = keras.layers.Dense(32, activation="tanh")(z)
    out = keras.layers.Dense(3, activation="softmax")(z)
    model = keras.Model(inp, out)
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout65("thatchmakers", ["saturated_activations"], stall_begins=None)
def straw_batch_sum_pool_tanh(session):
    """A thatching batch's grade (3) from 64 straws' measurements by a Deep Sets net: a
    per-straw relu MLP, the set pooled by a sum (the Deep Sets paper's sum, where a mean was
    meant), then a tanh MLP 32-32 and a softmax, SGD 0.02 momentum 0.9. The sum of 64 positive relu outputs is in
    the tens, so the tanh units sit at +-1 with no slope and the loss stays near ln 3."""
    return _sum_pool(session, True)


# rushcutters ---------------------------------------------------------------------------------


@holdout65("rushcutters", healthy=True)
def rush_cut_two_inputs_plateau_lr(session):
    """A rush bed's cut from its site (Embedding(30, 4)) and six weather and water features,
    two inputs joined into an MLP 32 relu, MSE against Student-t tallies, RMSprop 3e-3 with
    ReduceLROnPlateau(factor 0.3, patience 1): the loss falls, wobbles at the noise, the
    rate is cut and it settles a little lower."""
    keras = _keras()
    site, num, y = marsh_yield(N, seed=6521)
    s_in = keras.Input((), dtype="int32")
    n_in = keras.Input((6,))
    e = keras.layers.Embedding(30, 4)(s_in)
    h = keras.layers.Concatenate()([e, n_in])
    h = keras.layers.Dense(32, activation="relu")(h)
    out = keras.layers.Dense(1)(h)
    model = keras.Model([s_in, n_in], out)
    model.compile(keras.optimizers.RMSprop(3e-3), "mse")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.3, patience=1,
                                                min_delta=0.005)
    return _fit_inputs(session, model, [site, num], y, epochs=12, batch_size=32,
                       callbacks=[plateau])


@holdout65("rushcutters", healthy=True)
def seed_heads_poisson(session):
    """Seed heads per metre of rush (Poisson counts) from six bed features by an MLP 32-32 relu
    with an exponential output, keras's Poisson loss, Adam 3e-3: it falls to the Poisson
    floor, far from zero (keras leaves out the log y! term)."""
    keras = _keras()
    x, y = rush_counts(N, seed=6522)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout65("rushcutters", healthy=True)
def low_water_quantile_lstm(session):
    """Tomorrow's lowest water level in a rush bed from 24 hourly level and rain readings by an
    LSTM(24) under the pinball loss at the 0.1 quantile (a hand-written loss), Adam 3e-3:
    the loss falls quickly, then flattens far above zero."""
    keras = _keras()
    x, y = water_levels(N, seed=6523)

    def pinball(y_true, y_pred):
        e = y_true - y_pred
        return keras.ops.mean(keras.ops.maximum(0.1 * e, (0.1 - 1.0) * e), axis=-1)

    model = keras.Sequential([keras.Input((24, 2)), keras.layers.LSTM(24), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), pinball)
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _raw_pascal(session, broken):
    keras = _keras()
    x, y = bed_pressure(N, seed=6524)
    if not broken:
        x = ((x - x[:-PROBE_SIZE].mean(axis=(0, 1))) / x[:-PROBE_SIZE].std(axis=(0, 1))).astype("float32")
    model = keras.Sequential([keras.Input((24, 2)), keras.layers.GRU(24),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout65("rushcutters", ["unnormalized_inputs"], stall_begins=None)
def water_table_gru_raw_pascal(session):
    """Whether a rush bed's water table is falling, steady or rising, from 24 hourly
    piezometer readings in Pa (about 101 kPa, a few hundred Pa of swing) and air temperature
    in kelvin, fed raw to a GRU(24) under Adam 2e-3 ('the recurrent net will cope'): the
    gates see inputs of order 1e5, the swing that carries the class is a fraction of a
    percent of it, and the loss stays near ln 3."""
    return _raw_pascal(session, True)


def _sigmoid_counts(session, broken):
    keras = _keras()
    x, y = bundle_counts(N, seed=6525)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid" if broken else None)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout65("rushcutters", ["loss_activation_mismatch"], stall_begins=None)
def tide_bundles_sigmoid_head(session):
    """Bundles of rush per tide (counts up to ~40) from eight tide and bed features by an MLP
    64-64 relu whose head kept the sigmoid of the 'good tide / bad tide' classifier it was
    copied from, under MSE: the prediction cannot pass 1 while the counts average over ten,
    so the loss settles at the mean squared count."""
    return _sigmoid_counts(session, True)


def _linear_stack(session, broken):
    keras = _keras()
    x, y = rush_quality(N, seed=6526)
    act = None if broken else "relu"
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation=act),
                              keras.layers.Dense(64, activation=act),
                              keras.layers.Dense(64, activation=act),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout65("rushcutters", ["insufficient_capacity"], stall_begins=None)
def rush_grade_dense_no_activation(session):
    """A rush bundle's grade (2), a check-pattern interaction of four features, by three
    Dense(64) layers written without an activation argument (keras's default is linear), then
    a softmax: the stack is one linear map, which cannot draw a check pattern, so the loss
    stays at ln 2."""
    return _linear_stack(session, True)


# besommakers ---------------------------------------------------------------------------------


@holdout65("besommakers", healthy=True)
def broom_order_attention_noisy(session):
    """A broom order's kind (3) from 16 material tokens by Embedding(40, 16), one
    MultiHeadAttention(2 heads, key_dim 8) block with a residual, mean pooling and a softmax,
    AdamW 2e-3; a tenth of the labels wrong: it learns and levels at the noise floor."""
    keras = _keras()
    x, y = broom_tokens(N, seed=6531, flip=0.1)
    inp = keras.Input((16,), dtype="int32")
    e = keras.layers.Embedding(40, 16)(inp)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(e, e)
    h = keras.layers.LayerNormalization()(e + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    out = keras.layers.Dense(3, activation="softmax")(h)
    model = keras.Model(inp, out)
    model.compile(keras.optimizers.AdamW(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout65("besommakers", healthy=True)
def besom_weight_slow_sgd(session):
    """A besom's finished weight from twelve material features by an MLP 64-64 tanh under plain
    SGD 0.01: a long, slow descent, still improving at the end of 16 epochs."""
    keras = _keras()
    x, y = besom_weight(N, seed=6532)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(64, activation="tanh"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.01), "mse")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


@holdout65("besommakers", healthy=True)
def binding_wire_conv_loop(session):
    """A besom binding wire's tension trace (40 samples: tight, slipping, snagging; a tenth of
    labels wrong) by a Conv1D net (16, 16 filters, max pooling, global average pooling) in a
    hand-written GradientTape loop, Nadam 2e-3: it falls and levels at the noise floor."""
    keras = _keras()
    x, y = binding_traces(N, seed=6533, flip=0.1)
    model = keras.Sequential([
        keras.Input((40, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"), keras.layers.MaxPooling1D(),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    return _custom_loop(session, model, keras.optimizers.Nadam(2e-3),
                        keras.losses.SparseCategoricalCrossentropy(), x, y,
                        epochs=8, batch_size=32, seed=6533)


def _activity_penalty(session, broken):
    keras = _keras()
    x, y = broom_tokens(N, seed=6534)
    kw = {"activity_regularizer": keras.regularizers.L2(5.0)} if broken else {}
    model = keras.Sequential([
        keras.Input((16,), dtype="int32"),
        keras.layers.Embedding(40, 16),
        keras.layers.Conv1D(32, 3, activation="relu", padding="same", **kw),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(32, activation="relu", **kw),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout65("besommakers", ["over_regularization"], stall_begins=None)
def broom_order_activity_penalty(session):
    """A broom order's kind (3) from 16 material tokens by Embedding, Conv1D(32) relu, max
    pooling and a Dense(32) relu, each hidden layer with activity_regularizer=L2(5.0), a
    sparsity weight copied from a paper whose penalty is a mean over units and examples,
    where keras's L2 sums over them: the penalty holds every activation at zero from the
    first epoch and the loss stays at ln 3."""
    return _activity_penalty(session, True)


def _tiny_init(session, broken):
    keras = _keras()
    x, y = besom_weight(N, seed=6535)
    init = keras.initializers.TruncatedNormal(stddev=1e-3) if broken else "glorot_uniform"
    layers = [keras.Input((12,))]
    for _ in range(6):
        layers.append(keras.layers.Dense(64, activation="relu", kernel_initializer=init))
    layers.append(keras.layers.Dense(1, kernel_initializer=init))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout65("besommakers", ["poor_initialization"], stall_begins=None)
def besom_weight_tiny_init(session):
    """A besom's finished weight from twelve features by a relu MLP six layers of 64 deep,
    every kernel initialised with TruncatedNormal(stddev=1e-3) ('small weights train
    stably'), SGD 0.01 momentum 0.9: the signal shrinks a thousandfold per layer, the
    output is a constant and the gradients to every layer are vanishingly small."""
    return _tiny_init(session, True)


def _hand_bce(session, broken):
    import tensorflow as tf

    keras = _keras()
    x, y = handle_split(N, seed=6536)
    x = (4.0 * x).astype("float32")

    def bce(y_true, p):
        if broken:
            return -tf.reduce_mean(y_true * tf.math.log(p) + (1 - y_true) * tf.math.log(1 - p))
        return tf.reduce_mean(keras.losses.binary_crossentropy(y_true, p))

    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    return _custom_loop(session, model, keras.optimizers.Adam(0.05), bce, x, y,
                        epochs=8, batch_size=32, seed=6536, loss_description="binary_crossentropy")


# The first infinite loss is the fifteenth step's (exact, with the catalogue's seeds).
@holdout65("besommakers", ["non_finite_values"], stall_begins=15)
def handle_split_hand_bce(session):
    """Whether a besom handle will split, from ten timber features (scaled by four, nearly
    separable), by an MLP 32 relu with a sigmoid head in a hand-written GradientTape loop,
    Adam 0.05, whose loss is a hand-written binary cross-entropy -mean(y log p + (1-y)
    log(1-p)) without clipping: once a confident prediction rounds to exactly 1.0 in float32,
    log(1-p) is -inf, the loss is infinite, the gradients NaN, and every weight NaN after."""
    return _hand_bce(session, True)
