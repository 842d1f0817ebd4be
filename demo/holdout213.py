"""The two-hundred-and-thirteenth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every broken scenario was checked only from its
own loss (Keras History and the per-step loss, with Session(None)) against the same model
trained without its mistake (each helper `_name(session, broken)` trains both). It holds 21
scenarios, not 24: three broken ones did not stall and were dropped (below).

Four trades, each with its own numpy generator (seeds 21301..21336), the last PROBE_SIZE rows
of every data set being the probe: dry stone wallers (10x10 height maps of wall faces, section
lifespans, course heights up a wall, quarry measurements of stones, laser profiles along a
course), wherry men (wind reads for the passage to Yarmouth, zero-padded voyage logs, sail-trim
switches, hatch-board chalk tokens, a tide table stamped with Unix time), pewter casters (mould
thermal images, porosity in eighths, cooling curves, assay readings, tankard finish) and rat
catchers of the wharf (rat-king nights, a terrier's trail tokens, hideout shares of ten
sightings, quay depths below datum, berth plus signs, the nightly catch ledger).

Healthy half (12, nothing to fix). Wallers: wall-face classes with one label in eight wrong by a
ZeroPadding2D/AveragePooling2D conv net under SGD with momentum and PolynomialDecay; lifespans
with Gumbel-skewed surprises by a selu/lecun_normal MLP under MAE and Adamax; lean with batter-
dependent scatter by a GRU predicting mean and log-variance, trained on a Gaussian negative log-
likelihood in a custom GradientTape loop. Wherry men: fair/foul calls a tenth wrong by a gelu
MLP under squared hinge with SGD, clipnorm and staircase ExponentialDecay; passage time from
zero-padded logs by Masking and an LSTM under RMSprop against Laplace delays; a three-way parity
hidden among noise readings, which a tanh MLP under Adam barely moves on for a few epochs before
falling steeply (a slow start, then a sharp drop). Pewter casters: four defect kinds, two look-
alike, by SeparableConv2D with GroupNormalization under AdamW; porosity fractions (soft targets
in eighths) by a swish MLP with a sigmoid head under binary cross-entropy and Lamb, whose floor
is the targets' own entropy; shrinkage with heteroscedastic scatter by a Conv1D net in a custom
loop under Adagrad, slow and still creeping. Rat catchers: a one-in-25 rat king under
BinaryFocalCrossentropy; trail tokens a fifth mislabelled by Embedding plus AdditiveAttention
under Nadam; 256 quays' hideout shares by a PReLU MLP under the KL divergence to noisy counted
shares, 40 epochs on the small set.

Broken half (9). Wallers: a first linear Dense(1) 'to plot the stones on a line' where 16 units
were meant, eight quarries overlapping on the line (capacity; it levels off and creeps);
eight stacked sigmoid Conv1D layers under SGD (vanishing gradients; at chance where the ReLU
stack learns). Wherry men: Nadam at 5e-1 typed for 5e-3 on an Embedding-GRU classifier (rate
too high; thrashes above chance); the Unix time (1.6e9 s) appended after standardizing the
other columns (unnormalized inputs; the loss falls from 1e15 to a shelf hundreds of times the
target variance and stays). Pewter casters: tanh kernels drawn with stddev sqrt(fan_in) where
1/sqrt(fan_in) was meant (saturated activations; the units sit pinned at +-1 and the loss
crawls near chance under SGD); Ftrl left at Keras's default 0.001 (rate too low; flat at the
target variance). Rat catchers: NonNeg kernels (from a monotone recipe) on depths recorded as
negative numbers, so the first ReLU layer dies (dead ReLUs; flat from the first epoch); L1 of
0.05 on every kernel and the embedding of a two-input model (over-regularization); a linear
Poisson head with its bias at the mean count, read in file order, until a rate dips below zero
and the log turns the loss NaN in the third epoch (non-finite values).

Dropped because they did not behave as intended: a ReLU SimpleRNN with an Orthogonal recurrent
kernel of gain 1.6, 2, 2.5 or 3, with SGD or Adam and clipnorm (exploding_gradients): the loss
started huge or high and kept falling in every variant, so no exploding-gradient run is here; a
softmax head under per-tag binary cross-entropy for multi-label defect tags
(loss_activation_mismatch) trained exactly like the sigmoid head under Keras 3; every kernel at
Constant(0.05) in a conv net (poor_initialization, symmetric filters) kept improving, slowly.
A Dense(1) bottleneck placed after a ReLU layer kept learning (the ReLU layer maps the clusters
to distinct numbers) and was moved to the first layer; the sqrt(fan_in) init first had 64-wide
layers and kept improving on their sign patterns, so the layers are 16 wide. Not written
because earlier catalogues hold them: plain label noise with Adam MLPs, Huber and quantile
losses, PiecewiseConstantDecay, warm-up then cosine, ReduceLROnPlateau, Poisson counts with an
exponential head, zero/tiny inits, L2 of ten, dropout 0.95, negative biases, raw pixels, NaN in
features or targets, log of zero counts, ReLU thresholds, relu output heads.

Labels: `expected_causes[0]` is the root cause each broken run was built around (one cause
each); `stall_begins` is the optimizer step from which the loss stops improving, None from the
start. The NaN run's 81 is read off the per-step loss (file order, 32 rows a batch); those of
the rate-too-high (64), unnormalized (320), capacity (384) and over-regularization (144) runs
are approximate, read off the per-step loss in windows of 16 steps (32 steps an epoch).
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('dry_stone_wallers', 'wherry_men', 'pewter_casters', 'rat_catchers_of_the_wharf')
REGISTRY = []
holdout213 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data: dry stone wallers


def _wall_faces(n, seed, noise=0.12):
    """10x10 height maps of a wall face -> sound (0), bulging (1) or slumping (2); a share of
    the labels are the waller's misjudgement."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    r, c = np.mgrid[0:10, 0:10] / 9.0
    x = rng.normal(0, 0.5, (n, 10, 10))
    bulge = np.exp(-((r - 0.5) ** 2 + (c - 0.5) ** 2) / 0.08)
    slump = np.clip(r - 0.4, 0, None) * 2.0
    x += (y == 1)[:, None, None] * bulge * rng.uniform(0.6, 1.2, (n, 1, 1))
    x += (y == 2)[:, None, None] * slump * rng.uniform(0.6, 1.2, (n, 1, 1))
    flip = rng.random(n) < noise
    y = np.where(flip, rng.integers(0, 3, n), y)
    return x[..., None].astype("float32"), y


def _wall_lifespans(n, seed):
    """Section features -> years the section stands, with Gumbel-distributed surprises."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 1, (n, 10))
    mean = 2.0 * np.tanh(x[:, 0]) + x[:, 1] * x[:, 2] - 0.8 * x[:, 3] ** 2 + 0.6 * x[:, 4]
    y = mean + rng.gumbel(0, 0.8, n)
    return x.astype("float32"), ((y - y.mean()) / y.std()).astype("float32")[:, None]


def _wall_courses(n, seed, steps=16):
    """Heights of the courses up a wall -> its lean; the scatter grows with the wall's batter."""
    rng = np.random.default_rng(seed)
    batter = rng.uniform(0, 1, n)
    drift = rng.normal(0, 1, n)
    t = np.arange(steps) / steps
    seq = drift[:, None] * t + batter[:, None] * np.sin(6 * t) + rng.normal(0, 0.3, (n, steps))
    lean = drift + 0.5 * batter + rng.normal(0, 0.2 + 0.8 * batter, n)
    x = np.stack([seq, np.repeat(batter[:, None], steps, 1)], -1)
    return x.astype("float32"), lean.astype("float32")[:, None]


def _stone_kinds(n, seed, classes=8, dim=16):
    """Sixteen measurements of a stone -> which of eight quarries it came from; the quarries
    sit as clusters spread around a 16-dimensional space."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(0, 1.6, (classes, dim))
    y = rng.integers(0, classes, n)
    x = centres[y] + rng.normal(0, 1.0, (n, dim))
    return _standardize(x), y


def _course_profiles(n, seed, length=32):
    """A laser profile along a course -> whether it holds a hearting gap (a dip somewhere)."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    x = rng.normal(0, 0.6, (n, length))
    where = rng.integers(4, length - 4, n)
    idx = np.arange(length)
    dip = np.exp(-((idx[None, :] - where[:, None]) ** 2) / 4.0)
    x -= y[:, None] * dip * 1.5
    return x[..., None].astype("float32"), y


# ---------------------------------------------------------------------------------------------
# data: wherry men


def _wind_reads(n, seed, flip=0.1):
    """Wind, tide and cloud readings -> fair (+1) or foul (-1) for the passage to Yarmouth."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 1, (n, 8))
    score = np.sin(1.5 * x[:, 0]) + x[:, 1] * x[:, 2] + 0.5 * x[:, 3]
    y = np.where(score > 0, 1.0, -1.0)
    y = np.where(rng.random(n) < flip, -y, y)
    return x.astype("float32"), y.astype("float32")[:, None]


def _voyage_logs(n, seed, steps=20):
    """Hourly logs (wind, quanting effort) of voyages of 6..20 hours, zero-padded at the end
    -> passage time, with Laplace-tailed delays at the staithes."""
    rng = np.random.default_rng(seed)
    lengths = rng.integers(6, steps + 1, n)
    x = rng.normal(0, 1, (n, steps, 3))
    mask = np.arange(steps)[None, :] < lengths[:, None]
    x *= mask[..., None]
    x[..., 2] = np.where(mask, x[..., 2] * 0.3 + 1.0, 0.0)
    y = 0.15 * lengths - 0.05 * (x[..., 0] * mask).sum(1) + rng.laplace(0, 0.35, n)
    return x.astype("float32"), ((y - y.mean()) / y.std()).astype("float32")[:, None]


def _cargo_signs(n, seed, steps=12, vocab=40):
    """The tokens chalked on a wherry's hatch boards -> which of 5 cargoes she carries."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 5, n)
    x = rng.integers(1, vocab, (n, steps))
    marks = 1 + y * 3
    pos = rng.integers(0, steps, n)
    x[np.arange(n), pos] = marks
    x[np.arange(n), (pos + 5) % steps] = marks + rng.integers(1, 3, n)
    return x.astype("int32"), y


def _tide_table(n, seed):
    """Tide, wind and load readings plus the reading's Unix time -> hours to cross Breydon."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 1, (n, 6))
    stamp = 1.6e9 + rng.uniform(0, 3.0e7, n)
    y = np.tanh(x[:, 0]) + 0.7 * x[:, 1] * x[:, 2] - 0.5 * x[:, 3] + rng.normal(0, 0.15, n)
    return x, stamp, ((y - y.mean()) / y.std()).astype("float32")[:, None]


def _parity_reads(n, seed):
    """Three sail-trim switches (+-1) among twelve noisy readings -> whether an odd number are
    set (the boat points high), a three-way parity."""
    rng = np.random.default_rng(seed)
    bits = rng.choice([-1.0, 1.0], (n, 3))
    x = np.concatenate([bits, rng.normal(0, 1, (n, 9))], 1)
    y = (bits.prod(1) > 0).astype("float32")
    return x.astype("float32"), y[:, None]


# ---------------------------------------------------------------------------------------------
# data: pewter casters


def _mould_images(n, seed):
    """12x12 thermal images of a mould -> four defect kinds, two of which look alike."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, n)
    r, c = np.mgrid[0:12, 0:12] / 11.0
    pats = np.stack([np.sin(3 * r), np.cos(3 * c), r * c * 2, r * c * 2 + 0.25 * np.sin(5 * r)])
    x = pats[y] * rng.uniform(0.5, 1.5, (n, 1, 1)) + rng.normal(0, 0.6, (n, 12, 12))
    return x[..., None].astype("float32"), y


def _porosity(n, seed):
    """Melt temperature, alloy tin share, pour speed... -> the fraction of a casting's volume
    that is pores, each a fraction measured from a few sectioned slices."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 1, (n, 7))
    p = 1 / (1 + np.exp(-(1.2 * x[:, 0] - x[:, 1] ** 2 + 0.8 * x[:, 2] * x[:, 3])))
    y = rng.binomial(8, p) / 8.0
    return x.astype("float32"), y.astype("float32")[:, None]


def _cooling_curves(n, seed, length=40):
    """Thermocouple cooling curves -> the casting's shrinkage; the scatter grows with pour
    temperature."""
    rng = np.random.default_rng(seed)
    pour = rng.uniform(0, 1, n)
    rate = rng.uniform(0.05, 0.2, n)
    t = np.arange(length)
    curve = (1 + pour[:, None]) * np.exp(-rate[:, None] * t) + rng.normal(0, 0.05, (n, length))
    y = 3 * rate + pour + rng.normal(0, 0.05 + 0.3 * pour, n)
    return curve[..., None].astype("float32"), ((y - y.mean()) / y.std()).astype("float32")[:, None]


def _alloy_grades(n, seed):
    """Twenty assay readings of a pour -> which of three grades (fine, trifle, ley)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 1, (n, 20))
    score = np.stack([x[:, 0] + x[:, 1] * x[:, 2], np.sin(2 * x[:, 3]) + x[:, 4],
                      x[:, 5] ** 2 - 1 + 0.5 * x[:, 6]], 1)
    y = score.argmax(1)
    return x.astype("float32"), y


def _surface_finish(n, seed):
    """Lathe and polish readings -> the finish score of a tankard (smooth, standardized)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 1, (n, 32))
    y = np.sin(x[:, 0] * 1.5) + np.cos(x[:, 1] + x[:, 2]) + 0.5 * x[:, 3] * x[:, 4]
    y += rng.normal(0, 0.1, n)
    return x.astype("float32"), ((y - y.mean()) / y.std()).astype("float32")[:, None]


# ---------------------------------------------------------------------------------------------
# data: rat catchers of the wharf


def _rat_king(n, seed, rate=0.04):
    """A warehouse's night readings -> whether a rat king was found (about 1 in 25)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 1, (n, 9))
    logit = 1.5 * x[:, 0] + x[:, 1] * x[:, 2] - 4.2
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype("float32")
    return x.astype("float32"), y[:, None]


def _dog_trails(n, seed, steps=14, vocab=30, noise=0.2):
    """The sequence of holes the terrier marked (tokens) -> which of 4 warehouses holds the
    nest; a fifth of the records name the wrong warehouse."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, n)
    x = rng.integers(1, vocab, (n, steps))
    for k in range(3):
        pos = rng.integers(0, steps, n)
        x[np.arange(n), pos] = 1 + y * 4 + k
    y = np.where(rng.random(n) < noise, rng.integers(0, 4, n), y)
    return x.astype("int32"), y


def _hideout_shares(n, seed, sightings=10):
    """A quay's readings -> the shares of ten sightings among three hideouts (sacks, bilge,
    drain), as counted on the night."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 1, (n, 6))
    logits = np.stack([x[:, 0], x[:, 1] * x[:, 2], -x[:, 0] + 0.5 * x[:, 3]], 1)
    p = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
    counts = np.array([rng.multinomial(sightings, q) for q in p])
    return x.astype("float32"), (counts / sightings).astype("float32")


def _quay_depths(n, seed):
    """Depths of the water at eight points under a quay, in metres below datum (negative
    numbers) -> the night's catch (standardized)."""
    rng = np.random.default_rng(seed)
    x = -rng.uniform(0.5, 6.0, (n, 8))
    y = np.sin(x[:, 0]) + 0.3 * x[:, 1] * x[:, 2] / 6 - 0.2 * x[:, 3] + rng.normal(0, 0.1, n)
    return x.astype("float32"), ((y - y.mean()) / y.std()).astype("float32")[:, None]


def _catch_ledger(n, seed):
    """Bait, weather and warehouse readings -> rats caught per night (counts, often none)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 1, (n, 8))
    rate = np.exp(0.6 + 1.2 * np.tanh(x[:, 0]) + 0.5 * x[:, 1] * x[:, 2] - 0.3 * x[:, 3])
    y = rng.poisson(rate)
    return x.astype("float32"), y.astype("float32")[:, None]


def _wharf_sightings(n, seed):
    """Two readings per wharf: numeric signs and the wharf's berth number (of 24) -> whether
    rats are in the grain store."""
    rng = np.random.default_rng(seed)
    berth = rng.integers(0, 24, n)
    effect = rng.normal(0, 1.2, 24)
    x = rng.normal(0, 1, (n, 6))
    logit = effect[berth] + np.sin(2 * x[:, 0]) + x[:, 1] * x[:, 2]
    y = (logit > 0).astype("float32")
    return x.astype("float32"), berth.astype("int32"), y[:, None]


# ---------------------------------------------------------------------------------------------
# helpers


def _fit_inputs(session, model, xs, y, *, epochs, batch_size, shuffle=True):
    """model.fit on a model with several inputs, all but the last PROBE_SIZE rows; the last
    rows of every input are the probe. Returns the per-epoch mean training loss."""
    train = [x[:-PROBE_SIZE] for x in xs]
    probe = ([x[-PROBE_SIZE:] for x in xs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        shuffle=shuffle, verbose=0, callbacks=session.callbacks(probe))
    return history.history["loss"]


def _gaussian_nll(y_true, y_pred):
    """Negative log-likelihood of y under N(mean, exp(log_var)), both predicted."""
    keras = _keras()
    mean, log_var = y_pred[:, :1], y_pred[:, 1:]
    return keras.ops.mean(0.5 * (log_var + (y_true - mean) ** 2 * keras.ops.exp(-log_var))
                          + 0.9189385)


# ---------------------------------------------------------------------------------------------
# dry stone wallers


@holdout213("dry_stone_wallers", healthy=True)
def face_bulges_polynomial_decay(session):
    """A waller's 10x10 height maps of wall faces -> sound, bulging or slumping, with one label
    in eight the waller's misjudgement. A small Conv2D net (ZeroPadding2D, AveragePooling2D,
    global average pooling) under SGD with momentum and a PolynomialDecay from 0.05 to 0.005
    over the run: the loss flattens well above zero, at the level the wrong labels allow."""
    keras = _keras()
    x, y = _wall_faces(N, seed=21301)
    model = keras.Sequential([
        keras.Input((10, 10, 1)),
        keras.layers.ZeroPadding2D(1),
        keras.layers.Conv2D(12, 3, activation="relu"),
        keras.layers.AveragePooling2D(2),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    schedule = keras.optimizers.schedules.PolynomialDecay(0.05, 20 * 32, 0.005)
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout213("dry_stone_wallers", healthy=True)
def lifespan_gumbel_selu(session):
    """Ten measurements of a wall section -> the years it stands, standardized, with
    Gumbel-skewed surprises (frost heave, a tractor). A self-normalizing MLP (selu, lecun_normal)
    under the mean absolute error and Adamax: the loss levels off far above zero, at the
    scatter of the surprises."""
    keras = _keras()
    x, y = _wall_lifespans(N, seed=21302)
    model = _mlp(keras, 10, [64, 64], 1, activation="selu", out_activation=None,
                 kernel_initializer="lecun_normal")
    model.compile(keras.optimizers.Adamax(2e-3), "mean_absolute_error")
    return _fit(session, model, x, y, epochs=25, batch_size=32)


@holdout213("dry_stone_wallers", healthy=True)
def lean_gaussian_nll_loop(session):
    """The heights of sixteen courses up a wall (plus its batter) -> the wall's lean, whose
    scatter grows with the batter. A GRU predicts both the mean lean and its log-variance and is
    trained on the Gaussian negative log-likelihood in a hand-written GradientTape loop under
    Adam: the loss falls, then flattens at the entropy of the scatter."""
    keras = _keras()
    x, y = _wall_courses(N, seed=21303)
    model = keras.Sequential([keras.Input((16, 2)), keras.layers.GRU(24),
                              keras.layers.Dense(2)])
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), _gaussian_nll, x, y,
                        epochs=20, batch_size=32, seed=21304,
                        loss_description="gaussian_negative_log_likelihood")


def _quarry_bottleneck(session, broken):
    keras = _keras()
    x, y = _stone_kinds(N, seed=21305)
    model = keras.Sequential([
        keras.Input((16,)),
        keras.layers.Dense(1 if broken else 16),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(8, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=25, batch_size=32)


@holdout213("dry_stone_wallers", ["insufficient_capacity"], stall_begins=384)  # approximate
def quarry_one_unit_bottleneck(session):
    """Sixteen measurements of a stone -> which of eight quarries it came from (clusters spread
    around the space). The MLP's first layer is a linear Dense(1) 'so the stones could be
    plotted along a line' where 16 units were meant: eight clusters overlap on any one line,
    and the loss levels off far above what the 16-wide projection reaches."""
    return _quarry_bottleneck(session, broken=True)


def _gap_sigmoid_stack(session, broken):
    keras = _keras()
    x, y = _course_profiles(N, seed=21306)
    activation = "sigmoid" if broken else "relu"
    layers = [keras.Input((32, 1))]
    layers += [keras.layers.Conv1D(16, 3, padding="same", activation=activation)
               for _ in range(8)]
    layers += [keras.layers.GlobalMaxPooling1D(), keras.layers.Dense(1, activation="sigmoid")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout213("dry_stone_wallers", ["vanishing_gradients"])
def hearting_gap_sigmoid_convs(session):
    """Laser profiles along a course -> whether a hearting gap (a dip) is in it. Eight stacked
    Conv1D layers all with sigmoid activations (copied from an old gating recipe), under SGD with
    momentum: the gradient reaching the first convolutions is a product of eight small sigmoid
    slopes, and the loss sits at chance where the same stack with ReLU learns."""
    return _gap_sigmoid_stack(session, broken=True)


# ---------------------------------------------------------------------------------------------
# wherry men


@holdout213("wherry_men", healthy=True)
def fair_wind_squared_hinge(session):
    """Wind, tide and cloud readings -> fair (+1) or foul (-1) for the passage to Yarmouth, one
    call in ten wrong (the skipper's guess). A gelu MLP with a linear head under squared hinge,
    SGD with momentum, clipnorm=1 and a staircase ExponentialDecay: the loss falls, steps down at
    each decay and flattens far above zero because of the wrong calls."""
    keras = _keras()
    x, y = _wind_reads(N, seed=21311)
    model = _mlp(keras, 8, [64, 64], 1, activation="gelu", out_activation=None)
    schedule = keras.optimizers.schedules.ExponentialDecay(0.05, 128, 0.6, staircase=True)
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9, clipnorm=1.0), "squared_hinge")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout213("wherry_men", healthy=True)
def voyage_masked_lstm(session):
    """Hourly logs of voyages of 6 to 20 hours, zero-padded to 20 -> the passage time
    (standardized), with Laplace-tailed delays at the staithes. Masking then an LSTM, a linear
    head, mean squared error under RMSprop: the loss flattens at the delays' variance."""
    keras = _keras()
    x, y = _voyage_logs(N, seed=21312)
    model = keras.Sequential([keras.Input((20, 3)), keras.layers.Masking(0.0),
                              keras.layers.LSTM(24), keras.layers.Dense(1)])
    model.compile(keras.optimizers.RMSprop(2e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout213("wherry_men", healthy=True)
def trim_parity_sudden_drop(session):
    """Three sail-trim switches among twelve readings -> whether an odd number are set (a
    three-way parity, no single reading carries anything). A small tanh MLP under Adam barely moves
    from chance for its first few epochs, as parity nets do, then finds the product and falls
    steeply to near zero: a slow start before a sharp drop, nothing to fix."""
    keras = _keras()
    x, y = _parity_reads(N, seed=21313)
    model = _mlp(keras, 12, [32, 32], 1, activation="tanh", out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=30, batch_size=64)


def _cargo_gru(session, broken):
    keras = _keras()
    x, y = _cargo_signs(N, seed=21314)
    model = keras.Sequential([keras.Input((12,), dtype="int32"), keras.layers.Embedding(40, 16),
                              keras.layers.GRU(32), keras.layers.Dense(5, activation="softmax")])
    model.compile(keras.optimizers.Nadam(5e-1 if broken else 5e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout213("wherry_men", ["learning_rate_too_high"], stall_begins=64)  # approximate
def cargo_nadam_five_tenths(session):
    """The tokens chalked on a wherry's hatch boards -> which of five cargoes she carries.
    Embedding, GRU, softmax, under Nadam with learning_rate=5e-1 typed for 5e-3: the steps throw
    the embeddings and gates about, and the loss stays near chance or above it while the same
    model at 5e-3 learns the marks."""
    return _cargo_gru(session, broken=True)


def _breydon_time(session, broken):
    keras = _keras()
    x, stamp, y = _tide_table(N, seed=21315)
    if broken:
        features = np.concatenate([_standardize(x), stamp[:, None]], 1).astype("float32")
    else:
        features = _standardize(np.concatenate([x, stamp[:, None]], 1))
    model = _mlp(keras, 7, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, features, y, epochs=20, batch_size=32)


@holdout213("wherry_men", ["unnormalized_inputs"], stall_begins=320)  # approximate
def breydon_raw_unix_time(session):
    """Tide, wind and load readings -> hours to cross Breydon Water (standardized). The readings
    were standardized, then the reading's Unix time (about 1.6e9 seconds) appended as a seventh
    column afterwards: that column swamps every first-layer unit, and the MLP under Adam stalls
    near the targets' variance where the standardized table fits well."""
    return _breydon_time(session, broken=True)


# ---------------------------------------------------------------------------------------------
# pewter casters


@holdout213("pewter_casters", healthy=True)
def mould_sepconv_groupnorm(session):
    """12x12 thermal images of a mould -> four defect kinds, two of which look nearly alike.
    SeparableConv2D layers each followed by GroupNormalization, under AdamW: the loss flattens
    well above zero because the two look-alike kinds stay confused."""
    keras = _keras()
    x, y = _mould_images(N, seed=21321)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.SeparableConv2D(16, 3, padding="same"),
        keras.layers.GroupNormalization(groups=4),
        keras.layers.Activation("relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.SeparableConv2D(32, 3, padding="same"),
        keras.layers.GroupNormalization(groups=4),
        keras.layers.Activation("relu"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.AdamW(2e-3, weight_decay=1e-4),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout213("pewter_casters", healthy=True)
def porosity_soft_targets_lamb(session):
    """Melt temperature, tin share, pour speed... -> the fraction of a casting that is pores,
    each measured from eight sectioned slices (so in eighths). A swish MLP with a sigmoid head
    under binary cross-entropy on the fractions, optimizer Lamb: the cross-entropy of soft
    targets cannot fall below their own entropy, so the loss flattens far above zero."""
    keras = _keras()
    x, y = _porosity(N, seed=21322)
    model = _mlp(keras, 7, [64, 64], 1, activation="swish", out_activation="sigmoid")
    model.compile(keras.optimizers.Lamb(5e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=25, batch_size=32)


@holdout213("pewter_casters", healthy=True)
def shrinkage_adagrad_loop(session):
    """Thermocouple cooling curves -> the casting's shrinkage (standardized), whose scatter grows
    with pour temperature. A Conv1D net in a hand-written GradientTape loop under Adagrad and
    mean squared error: slow, still creeping down at the end, far above zero."""
    keras = _keras()
    x, y = _cooling_curves(N, seed=21323)
    model = keras.Sequential([
        keras.Input((40, 1)),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.MaxPooling1D(),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(1),
    ])
    return _custom_loop(session, model, keras.optimizers.Adagrad(0.05),
                        keras.losses.MeanSquaredError(), x, y, epochs=20, batch_size=32,
                        seed=21324)


def _grades_init(session, broken):
    keras = _keras()
    x, y = _alloy_grades(N, seed=21326)

    def init(fan_in):
        stddev = np.sqrt(fan_in) if broken else 1 / np.sqrt(fan_in)
        return keras.initializers.RandomNormal(stddev=float(stddev), seed=fan_in + 21327)

    model = keras.Sequential([
        keras.Input((20,)),
        keras.layers.Dense(16, activation="tanh", kernel_initializer=init(20)),
        keras.layers.Dense(16, activation="tanh", kernel_initializer=init(16)),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout213("pewter_casters", ["saturated_activations"], stall_begins=None)
def alloy_grades_sqrt_fan_in(session):
    """Twenty assay readings -> the grade of the pour (fine, trifle, ley). The tanh layers'
    kernels are drawn from RandomNormal with stddev sqrt(fan_in) where 1/sqrt(fan_in) was meant:
    pre-activations of tens, every tanh unit pinned at +-1 with slopes near zero, so the hidden
    layers never move and only the softmax head learns on frozen sign patterns; the loss stalls
    far above the correctly scaled twin's."""
    return _grades_init(session, broken=True)


def _finish_ftrl(session, broken):
    keras = _keras()
    x, y = _surface_finish(N, seed=21328)
    model = _mlp(keras, 32, [64, 64], 1, out_activation=None)
    optimizer = keras.optimizers.Ftrl() if broken else keras.optimizers.Ftrl(0.2)
    model.compile(optimizer, "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout213("pewter_casters", ["learning_rate_too_low"])
def tankard_finish_ftrl_default(session):
    """Lathe and polish readings -> a tankard's finish score (standardized). An MLP under Ftrl
    left at Keras's default learning_rate of 0.001 (the recipe it came from set 0.2): Ftrl's
    per-coordinate steps shrink as squared gradients accumulate, and the loss barely moves from
    the targets' variance."""
    return _finish_ftrl(session, broken=True)


# ---------------------------------------------------------------------------------------------
# rat catchers of the wharf


@holdout213("rat_catchers_of_the_wharf", healthy=True)
def rat_king_binary_focal(session):
    """A warehouse's night readings -> whether a rat king was found, about one night in
    twenty-five. A small MLP under BinaryFocalCrossentropy(gamma=2) and Adam: the loss drops
    quickly to a small value set by the rare, noisy positives and then barely moves."""
    keras = _keras()
    x, y = _rat_king(N, seed=21331)
    model = _mlp(keras, 9, [32, 32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3),
                  keras.losses.BinaryFocalCrossentropy(gamma=2.0))
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout213("rat_catchers_of_the_wharf", healthy=True)
def terrier_trails_additive_attention(session):
    """The holes a terrier marked, as tokens -> which of four warehouses holds the nest, a fifth
    of the records naming the wrong one. Embedding, AdditiveAttention of the sequence over
    itself, global average pooling and a softmax, under Nadam: the loss flattens at the level
    the wrong records allow."""
    keras = _keras()
    x, y = _dog_trails(N, seed=21332)
    tokens = keras.Input((14,), dtype="int32")
    emb = keras.layers.Embedding(30, 16)(tokens)
    att = keras.layers.AdditiveAttention()([emb, emb])
    h = keras.layers.GlobalAveragePooling1D()(keras.layers.Concatenate()([emb, att]))
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(tokens, keras.layers.Dense(4, activation="softmax")(h))
    model.compile(keras.optimizers.Nadam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout213("rat_catchers_of_the_wharf", healthy=True)
def hideout_shares_kl_prelu(session):
    """Only 256 quays' readings -> the shares of ten sightings among three hideouts, as
    counted. A PReLU MLP with a softmax head under the KL divergence to the counted shares,
    Adam, 40 epochs on the small set: the counted shares are noisy draws, so the divergence
    flattens well above zero while the net slowly memorises."""
    keras = _keras()
    x, y = _hideout_shares(256 + PROBE_SIZE, seed=21333)
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(64), keras.layers.PReLU(),
        keras.layers.Dense(64), keras.layers.PReLU(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.KLDivergence())
    return _fit(session, model, x, y, epochs=40, batch_size=16)


def _quay_net(session, broken):
    keras = _keras()
    x, y = _quay_depths(N, seed=21334)
    constraint = keras.constraints.NonNeg() if broken else None
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(64, activation="relu", kernel_constraint=constraint),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout213("rat_catchers_of_the_wharf", ["dead_relus"], stall_begins=None)
def quay_depths_nonneg_kernel(session):
    """Depths of water at eight points under a quay, recorded as metres below datum (negative
    numbers) -> the night's catch. The first ReLU layer carries kernel_constraint=NonNeg()
    from a monotone model ('deeper water, more rats'): non-negative weights on all-negative
    inputs give every unit a negative pre-activation, the first layer dies after its first
    step, and the loss stalls at the targets' variance."""
    return _quay_net(session, broken=True)


def _wharf_l1(session, broken):
    keras = _keras()
    x, berth, y = _wharf_sightings(N, seed=21335)
    reg = keras.regularizers.L1(0.05 if broken else 1e-5)
    numbers = keras.Input((6,))
    berths = keras.Input((1,), dtype="int32")
    e = keras.layers.Flatten()(keras.layers.Embedding(24, 4, embeddings_regularizer=reg)(berths))
    h = keras.layers.Concatenate()([numbers, e])
    h = keras.layers.Dense(32, activation="relu", kernel_regularizer=reg)(h)
    h = keras.layers.Dense(32, activation="relu", kernel_regularizer=reg)(h)
    out = keras.layers.Dense(1, activation="sigmoid", kernel_regularizer=reg)(h)
    model = keras.Model([numbers, berths], out)
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit_inputs(session, model, [x, berth[:, None]], y, epochs=20, batch_size=32)


@holdout213("rat_catchers_of_the_wharf", ["over_regularization"], stall_begins=144)  # approximate
def grain_store_l1_penalty(session):
    """Numeric signs plus the wharf's berth number (an Embedding) -> whether rats are in the
    grain store. Every kernel and the embedding carry an L1 penalty of 0.05, a value meant for a
    penalty summed over the batch, not added to the mean loss: the penalty drives weights to
    zero, and the loss stalls near chance where the lightly penalised twin learns."""
    return _wharf_l1(session, broken=True)


def _catch_counts(session, broken):
    keras = _keras()
    x, y = _catch_ledger(N, seed=21336)
    if broken:
        head = keras.layers.Dense(1, bias_initializer=keras.initializers.Constant(float(y.mean())))
    else:
        head = keras.layers.Dense(1, activation="exponential",
                                  bias_initializer=keras.initializers.Constant(float(np.log(
                                      y.mean()))))
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), head])
    model.compile(keras.optimizers.Adam(1e-3), keras.losses.Poisson())
    return _fit(session, model, x, y, epochs=15, batch_size=32, shuffle=False)


@holdout213("rat_catchers_of_the_wharf", ["non_finite_values"], stall_begins=81)
def catch_poisson_linear_head(session):
    """Bait, weather and warehouse readings -> rats caught per night, under keras's Poisson loss.
    The head was left linear (its bias set to the mean count) where the rate needs an
    exponential: the loss takes the log of the predicted rate, and once a prediction for a
    blank night dips below zero the log is NaN, the weights become NaN and the loss is NaN from
    then on."""
    return _catch_counts(session, broken=True)
