"""The hundred-and-eighteenth held-out catalogue: written by someone who did not read the engine
or run the diagnosis on these runs, and scored once.

Four trades, six runs each (three healthy, three broken): sommeliers (tasting panels, NIR
spectra of wines, fermentations, auction prices), perfumers (note intensities of blends, gas
chromatograph traces of essences, formulas as note sequences, how long a scent lasts),
archivists (ledger scans, catalogue cards, registry numbers of deposits, dating documents) and
horologists (a watch's daily rate, amplitude logs of movements, bench measurements). Data are
numpy generators with seeds 11801..11834; the last PROBE_SIZE rows of each set are the probe.
Every run was checked only from its own loss curve under Session(None), with the runner's
keras seed (0); every broken one against the same helper with broken=False.

Healthy half (twelve runs, nothing to fix in the code). Sommeliers: a tasting class from lab
columns by a relu MLP under Adamax, a fifth of the classes a second taster's verdict (slow, still
falling at ~1.18); a bottle's log auction price from an appellation Embedding and six numbers
(two inputs) under Huber, with Student-t scatter growing with age (levels at ~0.28); residual
sugar from the density curve by an LSTM under MSE with ReduceLROnPlateau on the training loss
(slow for five epochs, then a long descent, still improving). Perfumers: the upper (q = 0.9)
quantile of a scent's longevity under the pinball loss in a hand-written GradientTape loop,
gamma scatter (levels at ~0.52); a formula's family from note ids by Embedding plus position
Embedding, MultiHeadAttention and max pooling under AdamW with a linear warm-up and CosineDecay,
15% misfiled; a rare allergen (5%) from GC traces by a Conv1D net under class_weight {0: 1,
1: 8} (slow, still falling). Archivists: ledger letters by a Conv2D net under SGD with Nesterov
momentum and PiecewiseConstantDecay, 12% mis-transcribed (steps down, rests at ~1.0); only 160
catalogue cards memorised by Embedding and Flatten (the loss runs to ~1e-3: overfitting, which
the training loss does not show as a fault); a document's year from word ids under MAE and
RMSprop with Cauchy-like scatter (levels at ~0.86). Horologists: missed beats (Poisson counts)
by an MLP with an exponential head under keras's Poisson loss and Nadam; whether a movement was
fully wound, from an amplitude log padded at the front, by a GRU (a first epoch near ln 2, then
a steady fall); the next rate reading by a GRU under LogCosh and RMSprop in a hand-written loop,
flat at the readings' jitter from the second epoch.

Broken half (twelve runs, one root cause each). Sommeliers: RMSprop at 3e-1 typed for 3e-3 on a
Conv1D spectrum classifier (learning_rate_too_high: ~8e3 at step 1, then ~1.41 against ~0.67);
a sigmoid head left on a GRU regressing residual sugar in g/L (loss_activation_mismatch: ~288
against ~1.3); acidity logged as 0.0 for untitrated samples and divided by, the inf ratio fed to
a tanh MLP in cellar order (non_finite_values: NaN from step 20). Perfumers:
RandomUniform(maxval=0.2) with minval left at its default -0.05 in a three-layer tanh MLP under
SGD, positive kernels on positive inputs pinning the deeper layers at +1 for every blend
(saturated_activations: ~1.88 against ~0.37-0.46); bias_initializer=Constant(-2.0) on a Conv1D
relu net under SGD (dead_relus: ln 4 against ~0.45); an MLP helper called with hidden=[1] for
'one hidden layer' (insufficient_capacity: ~1.35 against ~0.27). Archivists: registry numbers
up to ~1e8 fed raw to a relu MLP under Adam (unnormalized_inputs: bouncing between ~1e5 and
~5e5 against ~0.37 with log-scaled, standardised columns); PolynomialDecay with decay_steps=10
meant as epochs (learning_rate_too_low: ~1.37 against ~0.016); MaxNorm(0.1) on every kernel of
a Conv2D net where 3.0 was meant (over_regularization: ln 6 against ~0.15). Horologists: a
hand-written gradient accumulator subclassing SGD that applies its running sum every step and is
never reset, in a GradientTape loop (exploding_gradients: the loss falls to ~0.05 by step ~34,
then swings up to ~17 and bounces at ~1.2 against ~0.013, never NaN); amplitude logs padded
with padding='post' and no mask in front of a GRU, the deciding first reading 70+ zero steps
from the output (vanishing_gradients: ln 2 against ~0.09); VarianceScaling(scale=0.01) with
the scale read as a standard deviation in an eight-layer relu MLP under SGD
(poor_initialization: ln 4 against ~0.29-0.43).

Dropped or changed because they did not behave as intended. The post-padding run was first a
SimpleRNN: with keras's orthogonal recurrent kernel the zero steps kept the first reading and
it learnt better than the front-padded one (0.001 against 0.34), so it became a GRU, whose
gates do forget. RMSprop at 0.1 for 1e-3 still learnt (0.91 against 0.82); 0.3 for 3e-3 kept.
The untitrated-acidity run was first a relu classifier: the inf input made the first layer's
weights NaN but relu passed the NaN on as zeros and the loss sat at a finite ln 5, so it became
a tanh regressor whose loss is NaN. The one-unit MLP still crept at twenty epochs (thirty
used). No cause was dropped.

Already written by earlier catalogues (from their docstrings; not repeated as they were): Adam's
epsilon=1.0, Adadelta/Adagrad defaults, reduction='sum' and summed losses, IRNNs and
orthogonal gains, unscaled targets and sample weights for exploding gradients, deep sigmoid /
softsign / hard_sigmoid stacks, sum pooling before tanh, LayerNormalization gains, NonNeg
kernels, ReLU(threshold), float16 overflow, sqrt and log of negatives or zeros, softplus heads
on standardised targets, LSTM(1) and GRU(1). Overlaps that remain in kind: a negative-bias
relu net (earlier with -3 on Conv2D), post-padding without a mask (earlier with an LSTM and a
GRU of events), MaxNorm(0.05) on an MLP, RandomUniform with maxval only (earlier for dead
relus), decay_steps counted in steps (earlier ExponentialDecay / InverseTimeDecay), a sigmoid
head on a regression, raw columns; they are written here on other models, optimisers and data.

Labels: expected_causes[0] is the root cause, one per run. stall_begins is the 0-based optimizer
step from which the broken loss stops improving, None for "from the start"; 32 steps an epoch
(batch 32, 1,024 training rows). Exact: the acidity run (first inf row 621 in step 19, NaN from
step 20, shuffle=False) and the decay run (the rate reaches 1e-6 at step 10; the loss moved
only 1.39 -> 1.37 before). Approximate, read off the per-step or epoch losses: the sigmoid head
(~32, the end of the first epoch, flat after), the raw registry columns (~48, when the fall
from ~1e7 ends), the one-unit MLP (~640, where its creep ends) and the accumulator (~34, its
lowest loss before the swings). The RMSprop typo is None: it blows up at step 1 and never comes
below its starting loss again.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ("sommeliers", "perfumers", "archivists", "horologists")

REGISTRY = []

holdout118 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE  # 1,024 training rows (32 steps an epoch at batch 32) and the probe


def _rng(seed):
    return np.random.default_rng(seed)


# ---------------------------------------------------------------------------------------------
# data: sommeliers


def _wine_panel(seed, n=N, noise=0.0):
    """Twelve standardised lab columns of a wine and its tasting class (0..4); a fraction
    `noise` of the classes are a second taster's different verdict."""
    rng = _rng(seed)
    x = rng.normal(size=(n, 12)).astype("float32")
    score = x[:, 0] * x[:, 1] + np.sin(2 * x[:, 2]) + 0.8 * x[:, 3] - 0.5 * x[:, 4] ** 2
    y = np.digitize(score, np.quantile(score, [0.2, 0.4, 0.6, 0.8]))
    flip = rng.random(n) < noise
    y[flip] = rng.integers(0, 5, flip.sum())
    return x, y.astype("int32")


def _nir_spectra(seed, n=N, points=64, classes=4):
    """Near-infrared spectra of wines from `classes` regions: each region shifts and scales
    three absorption bands; baseline drift and sensor noise on top. Shape (n, points, 1)."""
    rng = _rng(seed)
    y = rng.integers(0, classes, n)
    grid = np.linspace(0, 1, points)
    centres = np.array([0.25, 0.5, 0.75])
    spectra = np.zeros((n, points))
    for k, c in enumerate(centres):
        shift = 0.03 * np.cos(np.pi * y * (k + 1) / classes)
        height = 1.0 + 0.4 * np.sin(y + k)
        spectra += height[:, None] * np.exp(-((grid - c - shift[:, None]) ** 2) / 0.002)
    spectra += rng.normal(0, 0.3, (n, 1)) * grid + rng.normal(0, 0.15, (n, points))
    spectra = (spectra - spectra.mean()) / spectra.std()
    return spectra[..., None].astype("float32"), y.astype("int32")


def _fermentation(seed, n=N, steps=24):
    """Must density over 24 readings of a fermentation and the residual sugar left (g/L,
    0..~35): the sugar follows from where and how fast the density curve levels off."""
    rng = _rng(seed)
    rate = rng.uniform(0.1, 0.5, n)
    stop = rng.uniform(0.0, 1.0, n)
    t = np.arange(steps)[None, :]
    density = stop[:, None] + (1 - stop[:, None]) * np.exp(-rate[:, None] * t)
    density += rng.normal(0, 0.02, density.shape)
    sugar = 35.0 * stop ** 1.5 + 3.0 * (0.5 - rate) + rng.normal(0, 1.0, n)
    x = ((density - 0.5) / 0.3)[..., None].astype("float32")
    return x, np.clip(sugar, 0, None).astype("float32")


# ---------------------------------------------------------------------------------------------
# data: perfumers


def _accords(seed, n=N, notes=16, classes=5):
    """Sixteen note intensities (min-max scaled to [0, 1]) of a blend and its olfactive family,
    decided by pairs of notes meeting (interactions, not single notes)."""
    rng = _rng(seed)
    x = rng.random((n, notes)).astype("float32")
    score = np.stack([x[:, 2 * k] * x[:, 2 * k + 1] - 0.3 * x[:, k + 8] for k in range(classes)],
                     axis=1)
    score += rng.normal(0, 0.03, score.shape)
    return x, score.argmax(axis=1).astype("int32")


def _chromatograms(seed, n=N, points=96, classes=4, rare=None):
    """Gas-chromatograph traces (standardised) of an essence: which of `classes` adulterants
    is present shows as a small peak at its retention time. With `rare`, a binary label: the
    allergen peak is present in a fraction `rare` of the traces."""
    rng = _rng(seed)
    grid = np.arange(points)
    trace = np.zeros((n, points))
    for centre in rng.uniform(5, points - 5, 12):
        trace += rng.uniform(0.5, 1.5, (n, 1)) * np.exp(-((grid - centre) ** 2) / 6.0)
    if rare is None:
        y = rng.integers(0, classes, n)
        where = 15 + 20 * y
    else:
        y = (rng.random(n) < rare).astype("int32")
        where = np.full(n, 47)
    peak = np.exp(-((grid[None, :] - where[:, None]) ** 2) / 3.0)
    present = np.ones(n) if rare is None else y
    trace += 0.6 * present[:, None] * peak + rng.normal(0, 0.2, (n, points))
    trace = (trace - trace.mean()) / trace.std()
    return trace[..., None].astype("float32"), y.astype("int32")


def _note_sequences(seed, n=N, length=12, vocab=40, noise=0.0):
    """A formula as a sequence of 12 note ids (vocabulary 40) and its family (0..3): the family
    is set by which note of a marker group comes latest in the formula."""
    rng = _rng(seed)
    x = rng.integers(4, vocab, (n, length))
    y = rng.integers(0, 4, n)
    slots = rng.integers(length // 2, length, n)
    x[np.arange(n), slots] = y
    late = np.arange(length)[None, :] > slots[:, None]
    x[late & (x < 8)] = 8
    flip = rng.random(n) < noise
    y[flip] = rng.integers(0, 4, flip.sum())
    return x.astype("int32"), y.astype("int32")


# ---------------------------------------------------------------------------------------------
# data: archivists


def _glyphs(seed, n=N, size=12, classes=6, noise=0.0):
    """12x12 scans of handwritten letters from old ledgers: six stroke templates, jittered by a
    pixel, with ink blots and paper noise; a fraction `noise` mis-transcribed."""
    rng = _rng(seed)
    templates = np.zeros((classes, size + 2, size + 2))
    for c in range(classes):
        templates[c, 2 + c : 4 + c, 2:12] = 1.0
        templates[c, 2:12, 2 + (5 * c) % 9 : 4 + (5 * c) % 9] = 1.0
        if c % 2:
            np.fill_diagonal(templates[c, 1:13, 1:13], 1.0)
    y = rng.integers(0, classes, n)
    dx, dy = rng.integers(0, 3, n), rng.integers(0, 3, n)
    images = np.stack([templates[y[i], dy[i] : dy[i] + size, dx[i] : dx[i] + size]
                       for i in range(n)])
    images = images * rng.uniform(0.6, 1.0, (n, 1, 1)) + rng.normal(0, 0.3, images.shape)
    flip = rng.random(n) < noise
    y[flip] = rng.integers(0, classes, flip.sum())
    return images[..., None].astype("float32"), y.astype("int32")


def _catalogue_cards(seed, n=N, vocab=300, length=30):
    """A catalogue card's words as ids (vocabulary 300, 30 words) and its collection (0..3):
    each collection has its own 25 favourite words among common ones."""
    rng = _rng(seed)
    y = rng.integers(0, 4, n)
    common = rng.integers(100, vocab, (n, length))
    favourite = 25 * y[:, None] + rng.integers(0, 25, (n, length))
    x = np.where(rng.random((n, length)) < 0.3, favourite, common)
    return x.astype("int32"), y.astype("int32")


def _registry_sizes(seed, n=N):
    """A deposit's raw registry numbers (pages, sheets, word count, bytes of its scan, box
    depth in mm) and its retention class (0..3), set by the proportions between them."""
    rng = _rng(seed)
    pages = rng.lognormal(5.0, 0.6, n)
    words = pages * rng.lognormal(5.8, 0.3, n)
    sheets = pages * rng.uniform(0.5, 1.0, n)
    scan = pages * rng.lognormal(13.0, 0.4, n)
    depth = sheets * rng.uniform(0.08, 0.12, n)
    x = np.stack([pages, sheets, words, scan, depth], axis=1)
    ratio = np.log(words / pages) - 5.8 + 1.5 * (sheets / pages - 0.75)
    y = np.digitize(ratio, np.quantile(ratio, [0.25, 0.5, 0.75]))
    return x.astype("float32"), y.astype("int32")


# ---------------------------------------------------------------------------------------------
# data: horologists


def _timing_traces(seed, n=N, steps=40):
    """A watch's rate deviation (s/day) over 40 daily readings and the week-after drift:
    a short-memory signal the next reading follows from the last few."""
    rng = _rng(seed)
    phase = rng.uniform(0, 2 * np.pi, n)
    amp = rng.uniform(0.5, 2.0, n)
    t = np.arange(steps + 1)[None, :]
    wave = amp[:, None] * np.sin(0.4 * t + phase[:, None]) + rng.normal(0, 0.1, (n, steps + 1))
    return wave[:, :steps, None].astype("float32"), wave[:, steps].astype("float32")


def _wound_logs(seed, n=N, events=(6, 20), total=90):
    """A movement's amplitude log of 6..20 readings and whether it was wound fully at the first
    reading (the first reading carries it; the rest is amplitude wander). Lists of varying
    length, to be padded to 90."""
    rng = _rng(seed)
    y = rng.integers(0, 2, n)
    logs = []
    for i in range(n):
        length = rng.integers(*events)
        log = rng.normal(0, 0.5, length)
        log[0] = (1.5 if y[i] else -1.5) + rng.normal(0, 0.3)
        logs.append(log)
    return logs, y.astype("int32"), total


def _pad(logs, total, padding):
    out = np.zeros((len(logs), total, 1), dtype="float32")
    for i, log in enumerate(logs):
        if padding == "pre":
            out[i, total - len(log) :, 0] = log
        else:
            out[i, : len(log), 0] = log
    return out


def _movements(seed, n=N, classes=4):
    """Twelve standardised bench measurements of a movement and its chronometer class."""
    rng = _rng(seed)
    x = rng.normal(size=(n, 12)).astype("float32")
    score = np.tanh(x[:, 0] + x[:, 1]) * 2 + x[:, 2] * x[:, 3] + np.abs(x[:, 4]) - x[:, 5]
    y = np.digitize(score, np.quantile(score, np.linspace(0, 1, classes + 1)[1:-1]))
    return x, y.astype("int32")


# =============================================================================================
# sommeliers


def _region_spectra(session, broken):
    """Wine region from its NIR spectrum, Conv1D net under RMSprop; broken, 3e-1 typed for 3e-3."""
    keras = _keras()
    x, y = _nir_spectra(seed=11801)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    rate = 0.3 if broken else 3e-3
    model.compile(keras.optimizers.RMSprop(rate), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _residual_sugar(session, broken):
    """Residual sugar (g/L) from a fermentation's density curve by a GRU; broken, the head is
    Dense(1, activation='sigmoid')."""
    keras = _keras()
    x, y = _fermentation(seed=11802)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.GRU(32),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid" if broken else None),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _sugar_acid_ratio(session, broken):
    """Tasting score (0..4) from lab columns plus sugar / titratable acidity, in cellar order, by
    a tanh MLP under MSE; broken,
    the acidity of untitrated samples is logged as 0.0 and divided by."""
    keras = _keras()
    rng = _rng(11803)
    x, y = _wine_panel(seed=11804)
    acid = rng.uniform(4.5, 9.0, len(x))
    sugar = np.clip(2.0 + 6.0 * x[:, 0] + rng.normal(0, 1.0, len(x)), 0.5, None)
    untitrated = (np.arange(len(x)) >= 600) & (rng.random(len(x)) < 0.04)
    untitrated[-PROBE_SIZE:] = False
    acid[untitrated] = 0.0 if broken else np.median(acid[~untitrated])
    with np.errstate(divide="ignore"):
        ratio = sugar / acid - 0.5
    features = np.concatenate([x, ratio[:, None].astype("float32")], axis=1)
    model = _mlp(keras, 13, [64, 64], 1, activation="tanh", out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, features, y.astype("float32"), epochs=10, batch_size=32,
                shuffle=False)


# perfumers


def _maxval_only(session, broken):
    """Olfactive family from note intensities, three tanh layers under SGD with momentum;
    broken, RandomUniform(maxval=0.2) with minval left at its default -0.05."""
    keras = _keras()
    x, y = _accords(seed=11805)
    init = (keras.initializers.RandomUniform(maxval=0.2) if broken
            else keras.initializers.RandomUniform(-0.2, 0.2))
    model = _mlp(keras, 16, [64, 64, 64], 5, activation="tanh", kernel_initializer=init)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _sparse_bias(session, broken):
    """Adulterant from a GC trace, Conv1D relu net under SGD with momentum; broken,
    bias_initializer=Constant(-2.0) on every conv and hidden Dense layer."""
    keras = _keras()
    x, y = _chromatograms(seed=11806)
    bias = keras.initializers.Constant(-2.0) if broken else "zeros"
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 7, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(32, activation="relu", bias_initializer=bias),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _one_hidden(session, broken):
    """Olfactive family from note intensities by an MLP under Adam; broken, hidden=[1] written
    for 'one hidden layer', so the hidden layer has one unit."""
    keras = _keras()
    x, y = _accords(seed=11807)
    model = _mlp(keras, 16, [1] if broken else [64], 5)
    model.compile(keras.optimizers.Adam(5e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=30, batch_size=32)


# archivists


def _registry_numbers(session, broken):
    """Retention class from a deposit's registry numbers, MLP under Adam; broken, the raw
    numbers (pages to bytes, up to ~1e9) fed as they are; fixed, log and standardise."""
    keras = _keras()
    x, y = _registry_sizes(seed=11808)
    if not broken:
        x = _standardize(np.log(x))
    model = _mlp(keras, 5, [64, 64], 4)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _decay_in_epochs(session, broken):
    """Collection of a catalogue card from its words, Embedding and average pooling under
    Adam with PolynomialDecay to 1e-6; broken, decay_steps=10 meant as ten epochs."""
    keras = _keras()
    x, y = _catalogue_cards(seed=11809)
    steps = 10 if broken else 10 * 32
    rate = keras.optimizers.schedules.PolynomialDecay(3e-3, steps, end_learning_rate=1e-6)
    model = keras.Sequential([
        keras.Input((x.shape[1],), dtype="int32"),
        keras.layers.Embedding(300, 16),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(rate), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _max_norm(session, broken):
    """Letters from ledger scans, small Conv2D net under Adam with max-norm constraints;
    broken, MaxNorm(0.1) (a dropout rate typed in) where MaxNorm(3.0) was meant."""
    keras = _keras()
    x, y = _glyphs(seed=11810)
    limit = keras.constraints.MaxNorm(0.1 if broken else 3.0)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", kernel_constraint=limit),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same", kernel_constraint=limit),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu", kernel_constraint=limit),
        keras.layers.Dense(6, activation="softmax", kernel_constraint=limit),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# horologists


def _accumulating_sgd(keras, rate, reset):
    """SGD behind a hand-written gradient accumulator that applies the running sum every step;
    `reset=False` is the bug: the sum is never cleared after it is applied."""

    class AccumulatingSGD(keras.optimizers.SGD):
        def build(self, variables):
            super().build(variables)
            self.sums = [self.add_variable_from_reference(v, "sum") for v in variables]

        def apply(self, grads, trainable_variables=None):
            grads = list(grads)
            if not self.built:
                self.build(trainable_variables)
            for total, g in zip(self.sums, grads):
                if reset:
                    total.assign(keras.ops.zeros_like(total))
                total.assign_add(g)
            return super().apply(list(self.sums), trainable_variables)

    return AccumulatingSGD(rate)


def _drift_accumulator(session, broken):
    """Next week's drift from 40 daily rate readings, MLP in a GradientTape loop under a
    hand-written accumulating SGD; broken, the accumulator is never reset."""
    keras = _keras()
    x, y = _timing_traces(seed=11811)
    x = x[..., 0]
    model = _mlp(keras, 40, [64, 64], 1, out_activation=None)
    optimizer = _accumulating_sgd(keras, 0.01, reset=not broken)
    return _custom_loop(session, model, optimizer, keras.losses.MeanSquaredError(), x, y,
                        epochs=12, batch_size=32, seed=11812)


def _post_padding(session, broken):
    """Whether a movement was fully wound, from its amplitude log padded to 90 readings, by a
    GRU under Adam; broken, pad_sequences(padding='post') with no mask."""
    keras = _keras()
    logs, y, total = _wound_logs(seed=11813)
    x = _pad(logs, total, "post" if broken else "pre")
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.GRU(16),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _scale_as_stddev(session, broken):
    """Chronometer class from bench measurements, eight-layer relu MLP under SGD with momentum;
    broken, VarianceScaling(scale=0.01), the scale read as a standard deviation."""
    keras = _keras()
    x, y = _movements(seed=11814)
    init = keras.initializers.VarianceScaling(0.01 if broken else 2.0)
    model = _mlp(keras, 12, [64] * 8, 4, kernel_initializer=init)
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


# =============================================================================================
# broken runs, one root cause each


@holdout118("sommeliers", ["learning_rate_too_high"], stall_begins=None)
def rmsprop_rate_typo(session):
    """A wine's region (four) from its 64-point NIR spectrum by a Conv1D net under RMSprop with
    learning_rate=3e-1 typed for 3e-3: the loss jumps to ~8e3 at the second step and then sits
    at ~1.41, just above ln 4, for the whole run, where the intended rate reaches ~0.67."""
    return _region_spectra(session, broken=True)


@holdout118("sommeliers", ["loss_activation_mismatch"], stall_begins=32)  # approximate
def sugar_through_sigmoid(session):
    """Residual sugar in g/L (0 to ~35) from a fermentation's density curve by a GRU under MSE,
    its head left as Dense(1, activation='sigmoid') from the stuck-fermentation classifier it
    was copied from: the output cannot pass 1 g/L and the loss sits at ~288 against ~1.3."""
    return _residual_sugar(session, broken=True)


@holdout118("sommeliers", ["non_finite_values"], stall_begins=20)
def untitrated_acidity(session):
    """A tasting score from twelve lab columns and the sugar / titratable-acidity ratio, by a
    tanh MLP under MSE, in cellar-book order (shuffle=False); samples never titrated were
    logged with acidity 0.0, so their ratio is inf. The first one (row 621) is in step 19,
    whose gradient (inf times a zero tanh slope) is NaN: the loss is NaN from step 20 on."""
    return _sugar_acid_ratio(session, broken=True)


@holdout118("perfumers", ["saturated_activations"], stall_begins=None)
def uniform_without_minval(session):
    """A blend's olfactive family from sixteen note intensities in [0, 1] by three 64-unit tanh
    layers under SGD with momentum, every kernel RandomUniform(maxval=0.2) with minval left at
    its default -0.05 (meant: -0.2 to 0.2). The kernels are mostly positive on positive
    inputs, so the second and third layers sit at +1 for every blend; flat at ~1.88 against
    ~0.37-0.46 with the symmetric range."""
    return _maxval_only(session, broken=True)


@holdout118("perfumers", ["dead_relus"], stall_begins=None)
def sparsity_bias(session):
    """The adulterant (four) in an essence from its GC trace by a Conv1D relu net under SGD
    with momentum, bias_initializer=Constant(-2.0) on every conv and hidden Dense layer, taken
    from a sparse-autoencoder snippet: the units are off for every trace and the loss is flat
    at ln 4 against ~0.45 with zero biases."""
    return _sparse_bias(session, broken=True)


@holdout118("perfumers", ["insufficient_capacity"], stall_begins=640)  # approximate
def hidden_list_one(session):
    """A blend's olfactive family (five, set by pairs of notes meeting) by an MLP helper called
    with hidden=[1], written for 'one hidden layer', so the hidden layer has a single relu
    unit: under Adam it creeps from ~1.59 to ~1.35 and stays there, against ~0.27 with
    hidden=[64]."""
    return _one_hidden(session, broken=True)


@holdout118("archivists", ["unnormalized_inputs"], stall_begins=48)  # approximate
def raw_registry_columns(session):
    """A deposit's retention class from its registry numbers (pages, sheets, word count, scan
    bytes ~1e8, box depth in mm) fed raw to a relu MLP under Adam: the loss comes down from
    ~1e7 in the first epoch and then bounces between ~1e5 and ~5e5, where the log-scaled,
    standardised columns reach ~0.37."""
    return _registry_numbers(session, broken=True)


@holdout118("archivists", ["learning_rate_too_low"], stall_begins=10)
def decay_steps_in_epochs(session):
    """A catalogue card's collection from its words by Embedding and average pooling under
    Adam with PolynomialDecay(3e-3, decay_steps=10, end_learning_rate=1e-6), the ten meant as
    epochs but counted in steps: the rate is 1e-6 from step 10 and the loss stays at ~1.37
    against ~0.016 with 320 steps."""
    return _decay_in_epochs(session, broken=True)


@holdout118("archivists", ["over_regularization"], stall_begins=None)
def max_norm_from_dropout(session):
    """Letters from 12x12 ledger scans by a Conv2D net under Adam, every kernel constrained by
    MaxNorm(0.1), a dropout rate typed where the max-norm recipe's 3.0 was meant: the logits
    cannot spread and the loss stays at ln 6 (~1.79) against ~0.15."""
    return _max_norm(session, broken=True)


@holdout118("horologists", ["exploding_gradients"], stall_begins=34)  # approximate
def accumulator_never_reset(session):
    """Next week's drift from 40 daily rate readings by an MLP in a hand-written GradientTape
    loop, under SGD behind a gradient accumulator that applies its running sum every step and
    is never reset: the applied gradient grows with every step, the loss falls to ~0.05 by step
    ~34, then swings up (to ~17 in epoch 8) and bounces at ~1.2 against ~0.013."""
    return _drift_accumulator(session, broken=True)


@holdout118("horologists", ["vanishing_gradients"], stall_begins=None)
def logs_padded_after(session):
    """Whether a movement was fully wound, read at the first of 6 to 19 amplitude readings, by
    a GRU over logs padded to 90 with padding='post' and no mask: the first reading is 70 or
    more zero steps from the output, its gradient vanishes, and the loss sits at ln 2 against
    ~0.09 with the default front padding."""
    return _post_padding(session, broken=True)


@holdout118("horologists", ["poor_initialization"], stall_begins=None)
def variance_scale_as_stddev(session):
    """A movement's chronometer class (four) by an eight-layer relu MLP under SGD with momentum,
    every kernel VarianceScaling(scale=0.01), 0.01 being the standard deviation of an old
    recipe: the signal shrinks ~14-fold a layer and the loss is flat at ln 4 against
    ~0.29-0.43 with scale=2.0."""
    return _scale_as_stddev(session, broken=True)

# =============================================================================================
# healthy runs


def _pinball(q):
    keras = _keras()

    def loss(y_true, y_pred):
        error = keras.ops.reshape(y_true, (-1, 1)) - y_pred
        return keras.ops.mean(keras.ops.maximum(q * error, (q - 1.0) * error))

    return loss


@holdout118("sommeliers", healthy=True)
def panel_disagreement(session):
    """A wine's tasting class (five) from twelve standardised lab columns by a 64-64 relu MLP
    under Adamax 2e-3; a fifth of the classes are a second taster's verdict, so the loss
    falls slowly and is still far above zero at the end."""
    keras = _keras()
    x, y = _wine_panel(seed=11820, noise=0.2)
    model = _mlp(keras, 12, [64, 64], 5)
    model.compile(keras.optimizers.Adamax(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout118("sommeliers", healthy=True)
def auction_price(session):
    """A bottle's log auction price from its appellation (Embedding of 30) and six numbers, two
    inputs, under Huber loss with Adam; the scatter grows with the vintage's age and has
    fat tails, so the loss levels off at the noise."""
    keras = _keras()
    rng = _rng(11821)
    region = rng.integers(0, 30, N)
    nums = rng.normal(size=(N, 6)).astype("float32")
    worth = rng.normal(0, 1.0, 30)
    age = np.abs(nums[:, 0])
    y = (worth[region] + 0.8 * nums[:, 1] - 0.5 * nums[:, 2] * nums[:, 3]
         + (0.2 + 0.4 * age) * rng.standard_t(3, N))
    r_in = keras.Input((1,), dtype="int32")
    n_in = keras.Input((6,))
    h = keras.layers.Flatten()(keras.layers.Embedding(30, 4)(r_in))
    h = keras.layers.Concatenate()([h, n_in])
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([r_in, n_in], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.Huber(1.0))
    train, probe = slice(0, N - PROBE_SIZE), slice(N - PROBE_SIZE, N)
    inputs = [region[:, None].astype("int32"), nums]
    history = model.fit([a[train] for a in inputs], y[train].astype("float32"), epochs=15,
                        batch_size=32, verbose=0,
                        callbacks=session.callbacks(([a[probe] for a in inputs],
                                                     y[probe].astype("float32"))))
    return history.history["loss"]


@holdout118("sommeliers", healthy=True)
def cellar_curve_on_plateau(session):
    """Residual sugar (g/L) from a fermentation's density curve by an LSTM with a linear head
    under MSE and Adam, with ReduceLROnPlateau (factor 0.3, patience 2) on the training loss
    as the recipe has it: a slow first five epochs near the sugar's variance, then a long
    descent towards the lab's scatter, still improving at the end."""
    keras = _keras()
    x, y = _fermentation(seed=11822)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.LSTM(24),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(5e-3), "mse")
    cut = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=2, min_lr=1e-5)
    return _fit(session, model, x, y, epochs=20, batch_size=32, callbacks=[cut])


@holdout118("perfumers", healthy=True)
def longevity_upper_quantile(session):
    """Hours a fragrance lasts on skin (gamma scatter growing with the oil concentration) by a
    relu MLP in a hand-written GradientTape loop under the pinball loss at q=0.9 and Adam:
    the loss of a quantile never nears zero."""
    keras = _keras()
    rng = _rng(11823)
    x = rng.normal(size=(N, 8)).astype("float32")
    mean = np.exp(1.5 + 0.4 * x[:, 0] - 0.3 * x[:, 1] ** 2 / 2 + 0.2 * x[:, 2])
    y = rng.gamma(3.0, mean / 3.0).astype("float32")
    model = _mlp(keras, 8, [64, 32], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), _pinball(0.9), x, y,
                        epochs=20, batch_size=32, seed=11824, loss_description="pinball q=0.9")


@holdout118("perfumers", healthy=True)
def formula_attention(session):
    """A formula's family from its sequence of note ids by Embedding, a two-head
    MultiHeadAttention block and max pooling, under AdamW with CosineDecay and a linear
    warm-up; 15% of the formulas were filed under a wrong family."""
    keras = _keras()
    x, y = _note_sequences(seed=11825, noise=0.15)
    tokens = keras.Input((x.shape[1],), dtype="int32")
    h = keras.layers.Embedding(40, 24)(tokens)
    position = keras.layers.Embedding(x.shape[1], 24)(keras.ops.arange(x.shape[1]))
    h = h + position
    a = keras.layers.MultiHeadAttention(2, 12)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalMaxPooling1D()(keras.layers.Dense(32, activation="relu")(h))
    model = keras.Model(tokens, keras.layers.Dense(4, activation="softmax")(h))
    rate = keras.optimizers.schedules.CosineDecay(1e-4, 20 * 32, warmup_target=3e-3,
                                                  warmup_steps=2 * 32)
    model.compile(keras.optimizers.AdamW(rate), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout118("perfumers", healthy=True)
def rare_allergen(session):
    """Whether an essence carries a regulated allergen (5% of the traces) from its GC trace by a
    Conv1D net under binary cross-entropy with class_weight {0: 1, 1: 8}; the weighted loss
    falls slowly and is still well above zero at the end, the small peak hiding in noise."""
    keras = _keras()
    x, y = _chromatograms(seed=11826, rare=0.05)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 7, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    (x_train, y_train), probe = (x[:-PROBE_SIZE], y[:-PROBE_SIZE]), (x[-PROBE_SIZE:],
                                                                       y[-PROBE_SIZE:])
    history = model.fit(x_train, y_train, epochs=15, batch_size=32, verbose=0,
                        class_weight={0: 1.0, 1: 8.0}, callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout118("archivists", healthy=True)
def ledger_letters(session):
    """Letters from 12x12 ledger scans by a Conv2D net under SGD with Nesterov momentum and a
    PiecewiseConstantDecay (0.05, 0.01 after epoch 6, 0.002 after epoch 12); 12% were
    mis-transcribed, so the loss steps down at each boundary and rests well above zero."""
    keras = _keras()
    x, y = _glyphs(seed=11827, noise=0.12)
    rate = keras.optimizers.schedules.PiecewiseConstantDecay([6 * 32, 12 * 32],
                                                             [0.05, 0.01, 0.002])
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(6, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(rate, momentum=0.9, nesterov=True),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


@holdout118("archivists", healthy=True)
def few_cards_memorised(session):
    """Only 160 catalogue cards (plus the probe) by Embedding, Flatten and a 64-unit relu layer
    under Adam: the model memorises its few cards, the training loss running towards zero
    (overfitting, which the training loss does not show as a fault)."""
    keras = _keras()
    x, y = _catalogue_cards(seed=11828, n=160 + PROBE_SIZE)
    model = keras.Sequential([
        keras.Input((x.shape[1],), dtype="int32"),
        keras.layers.Embedding(300, 8),
        keras.layers.Flatten(),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


@holdout118("archivists", healthy=True)
def dating_by_vocabulary(session):
    """A document's year (standardised) from its words, each word having its era of use, by
    Embedding and average pooling under MAE and RMSprop; undated copies and reused forms give
    Cauchy-like scatter, so the absolute error rests at the scatter's median size."""
    keras = _keras()
    rng = _rng(11829)
    era = rng.normal(0, 1, 300)
    x = rng.integers(0, 300, (N, 30))
    y = era[x].mean(axis=1) * 4 + 0.3 * rng.standard_cauchy(N).clip(-30, 30)
    model = keras.Sequential([
        keras.Input((30,), dtype="int32"),
        keras.layers.Embedding(300, 8),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.RMSprop(2e-3), "mae")
    return _fit(session, model, x.astype("int32"), y.astype("float32"), epochs=15,
                batch_size=32)


@holdout118("horologists", healthy=True)
def stopped_beats(session):
    """Missed beats per day of a movement on the timing machine (Poisson counts, mean ~3) from
    its bench measurements by an MLP with an exponential head under keras's Poisson loss and
    Nadam; the loss is still easing at the end, towards the counts' own randomness."""
    keras = _keras()
    rng = _rng(11830)
    x, _ = _movements(seed=11831)
    y = rng.poisson(np.exp(0.8 + 0.5 * x[:, 0] - 0.4 * np.abs(x[:, 1]))).astype("float32")
    model = _mlp(keras, 12, [32, 32], 1, out_activation="exponential")
    model.compile(keras.optimizers.Nadam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout118("horologists", healthy=True)
def wound_with_gru(session):
    """Whether a movement was fully wound, from its amplitude log padded at the front to 90
    readings, by a GRU under Adam; a first epoch near ln 2 while the GRU finds the first
    reading, then a steady fall to a low loss."""
    keras = _keras()
    logs, y, total = _wound_logs(seed=11832)
    x = _pad(logs, total, "pre")
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.GRU(16),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout118("horologists", healthy=True)
def drift_logcosh_loop(session):
    """Next reading of a watch's rate from the 40 before it by a GRU in a hand-written
    GradientTape loop under LogCosh and RMSprop; the reading's own jitter is a floor."""
    keras = _keras()
    x, y = _timing_traces(seed=11833)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.GRU(16),
        keras.layers.Dense(1),
    ])
    return _custom_loop(session, model, keras.optimizers.RMSprop(3e-3),
                        keras.losses.LogCosh(), x, y, epochs=10, batch_size=32, seed=11834)
