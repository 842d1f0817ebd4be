"""The fortieth held-out catalogue: written by someone who did not read the engine or run the
diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History and the per-step loss, in a throwaway script with the runner's seed), and
every broken one against the same model trained without its mistake (each helper
`_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Carters: a haul time from eight route features
whose delay noise grows with the distance, an MLP under a PiecewiseConstantDecay staircase (the
loss steps down at each drop, then sits at the noise); a cart axle's condition from 64 vibration
readings by a Conv1D net, 15% of the wheelwright's calls wrong, SGD with momentum under a
warm-up and cosine decay; waybills to flag, one in ten, from 16 tokens by an Embedding and
average pooling with class_weight (a slow start near the weighted prior, then a long descent).
Shepherds: lambs per ewe (Poisson counts) by an exponential-output MLP under keras's Poisson
loss; a fleece weight from 24 weekly readings by a GRU under Huber loss against Student-t
scatter; a ewe's condition grade in a hand-written RMSprop loop, 15% of the grades wrong, still
improving at the end. Cheesemakers: rind photographs by a small CNN under Adam with
ReduceLROnPlateau, a tenth of the calls wrong (a slow start near ln 4, then a steady descent);
only 256 wheels memorised by an MLP 128-128 over 36 short epochs; a vat's yield from ten
unordered curd samples by a MultiHeadAttention block under plain SGD (long and slow). Boatbuilders:
a build cost from a hull kind (Embedding) beside six numeric features, two inputs, log-cosh
against Laplace scatter; leaking seams, one in seventeen, by a Conv1D net without class weights,
a twentieth of the calls wrong; the 25th percentile of a plank's bend rating under the pinball
loss in a hand-written Adamax loop.

The broken half, one root cause each: CosineDecayRestarts(2e-3, 32, 1.0, 2.0) with t_mul and
m_mul taken in the wrong order, so each restart's peak doubles (learning rate too high; after
the blow-up the second convolution and the dense layer are dead on every probe trace, none of
the convolutions with the fix, so dead ReLUs second); class_weight built from np.bincount as
{class: count} where inverse frequencies were meant, every example weighing ~200 under SGD
with momentum (dead ReLUs: the whole second hidden layer is zero on every probe example, none
with the fix); a hand-written mean absolute percentage error without a floor on |y|, over
delivery counts of which a sixth are zero (non-finite values from the first batch);
ExponentialDecay(decay_steps=1) where a decay per epoch was meant, Adam's rate down 4% a step
(learning rate too low: ~0.76 against ~0.007); a graph convolution tanh(A H W) written without
its degree normalisation on dense grazing networks (saturated activations: every tanh unit of
both layers at +-1 on nearly every probe paddock, none with the normalised adjacency);
RandomUniform(0.05) meant as +-0.05, so every kernel starts at exactly 0.05 and every unit of a
layer stays the same unit (poor initialisation); eight Conv1D layers with he_normal kernels and
no activation, the relu moved after the tower (exploding gradients: the loss goes 18, 40, 70,
275, 476, 1.7e4, 4.7e15 and is NaN from step 8, so non-finite values too); a Normalization
layer given the statistics of the notebook's already standardised copy and fed raw readings
up to ~1500 (unnormalised inputs; every unit of the first tanh layer at +-1 on every probe
wheel, none with the fix, so saturated activations second); a linear Dense(1) 'quality axis'
kept as the first layer of a five-grade classifier (insufficient capacity: ~1.45 against
~0.17); 1 Hz strain readings upsampled to 5 Hz with np.repeat in front of a tanh SimpleRNN, the
deciding readings ~80-100 steps from the output (vanishing gradients: ln 2 throughout, the
fix ~0.29); a softmax head 'because they are shares' for three independent paint-cover
fractions under MSE (loss/activation mismatch: ~0.137 against ~0.003); LSTM(dropout=0.9,
recurrent_dropout=0.9), a TensorFlow 1 keep probability typed as Keras's drop rate
(over-regularisation: ~0.66 against ~0.24).

Dropped or replaced because they did not behave as intended: a softplus SimpleRNN, 'a smooth
relu that cannot explode', for the exploding gradients (it trained, ~0.16 against tanh's
~0.05); a relu SimpleRNN with orthogonal recurrent kernels at gains 1.0 and 1.5 and a ten-layer
SELU MLP with he_normal kernels (all three trained); the ExponentialDecay(decay_steps=1) slip
on the fleece GRU, under SGD with momentum at decay rates 0.9 and 0.96 (~0.195 and ~0.176
against the fix's ~0.161 and ~0.173) and under Adam (~0.190 against ~0.154): too close to the
fix; the gait Conv1D net kept; a Normalization
layer adapted on the preallocated zeros buffer (variance 0, the inputs multiplied ~1e7: the
loss came down from ~1e17 by a factor of ~0.7 an epoch, still falling) and the same stats
slip in front of relu layers (still falling at ~1.42 against ~0.13; the tanh layers kept);
a Dense(2) 'scatter plot' projection for the insufficient capacity (still creeping down, ~0.008 an
epoch at ~1.35; Dense(1) kept, and its rate raised to 5e-3 so that it reaches its floor);
the LSTM keep probability on a regression target (still falling, ~0.91 -> ~0.88 over the
last two epochs; the classification of the last readings kept); the first grazing-network generator, whose class
needed each paddock's own features beside its neighbourhood's mean, which the normalised graph
convolution cannot keep apart (the fix did worse than the broken run); it was rewritten before
the final check. The upsampling was reduced from 8x to 5x to keep the run near ten seconds
(both stay at ln 2).

With the runner's seed, `fit` visits the examples in the same order every epoch, so several
runs show a sawtooth within each epoch. Labels follow `scenarios.py`: `expected_causes[0]` is
the root cause the scenario was built around, a second cause only where that symptom is
genuinely present too (measured on the probe after training, as noted above, or the NaN the
linear tower ends in); `stall_begins` is the optimizer step from which the loss stops
improving (None: from the start), read off the per-step loss and marked approximate next to the
scenario where it is not from the start.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("carters", "shepherds", "cheesemakers", "boatbuilders")

REGISTRY = []

holdout40 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


def _rng(seed):
    return np.random.default_rng(seed)


def _std(v):
    v = np.asarray(v, dtype="float64")
    return ((v - v.mean(axis=0)) / (v.std(axis=0) + 1e-12)).astype("float32")


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, shuffle=True, callbacks=(),
                **fit_kw):
    """`_fit` for a model with several inputs; the last PROBE_SIZE rows are the probe."""
    train = [v[:-PROBE_SIZE] for v in inputs]
    probe = ([v[-PROBE_SIZE:] for v in inputs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        shuffle=shuffle, verbose=0,
                        callbacks=list(callbacks) + session.callbacks(probe), **fit_kw)
    return history.history["loss"]


def _fit_weighted(session, model, x, y, *, epochs, batch_size, class_weight):
    """`_fit` with a class_weight dict."""
    probe = (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(x[:-PROBE_SIZE], y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        shuffle=True, verbose=0, class_weight=class_weight,
                        callbacks=session.callbacks(probe))
    return history.history["loss"]


# data ------------------------------------------------------------------------------------------


def haul_times(n, seed, dim=8):
    """A carter's haul time (log, standardised) from eight route features: distance, climb, load,
    road surface, weather and two calendar features; the delay noise grows with the distance
    (heteroscedastic)."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    dist = np.exp(0.5 * x[:, 0])
    mean = 1.2 * dist + 0.5 * np.maximum(x[:, 1], 0) * dist + 0.4 * x[:, 2] - 0.3 * np.cos(2 * x[:, 3])
    y = mean + (0.1 + 0.35 * dist) * r.normal(size=n)
    return x, _std(y)[:, None]


def axle_traces(n, seed, length=64, flip=0.0):
    """64 vibration readings from a cart's axle, three classes: 0 a sound axle (slow sway), 1 a
    cracked spoke (a knock every 8-14 readings), 2 a dry bearing (fast chatter); `flip` of the
    wheelwright's calls are wrong."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    t = np.arange(length)
    x = np.empty((n, length, 1), dtype="float32")
    for k in range(n):
        s = 0.5 * np.sin(2 * np.pi * t / r.uniform(20, 40) + r.uniform(0, 6.3))
        if y[k] == 1:
            period = r.integers(8, 15)
            s = s + 1.5 * ((t + r.integers(0, period)) % period == 0)
        elif y[k] == 2:
            s = s + 0.6 * np.sin(2 * np.pi * t / r.uniform(2.2, 3.0))
        x[k, :, 0] = s + 0.3 * r.normal(size=length)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 3, n)) % 3, y)
    return x, y


def waybill_tokens(n, seed, length=16, vocab=40, rare=0.1):
    """A waybill as 16 tokens (vocabulary 40); it is flagged (class 1, a share `rare`) when it
    names one of four perishable goods together with one of four long routes."""
    r = _rng(seed)
    y = (r.random(n) < rare).astype("int64")
    x = r.integers(8, vocab, size=(n, length)).astype("int32")
    for k in range(n):
        pos = r.choice(length, 2, replace=False)
        if y[k] == 1:
            x[k, pos[0]] = r.integers(0, 4)
            x[k, pos[1]] = r.integers(4, 8)
        else:
            # half of the others name a perishable good or a long route, never both
            if r.random() < 0.5:
                x[k, pos[0]] = r.integers(0, 4) if r.random() < 0.5 else r.integers(4, 8)
    return x, y


def tabular_grades(n, seed, dim=12, classes=5, flip=0.0):
    """A grade (5) from twelve features: the argmax of five nonlinear scores; `flip` of the
    calls are wrong."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    w = r.normal(size=(dim, classes))
    v = r.normal(size=(dim, classes))
    s = np.tanh(x @ w) + 0.5 * (x @ v) ** 2 / dim
    y = s.argmax(axis=1)
    wrong = r.random(n) < flip
    y = np.where(wrong, r.integers(0, classes, n), y)
    return x, y


def smooth_target(n, seed, dim=10, noise=0.3):
    """A smooth nonlinear target (standardised) from ten standardised features, with noise."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    y = (np.sin(1.5 * x[:, 0]) + 0.7 * x[:, 1] * x[:, 2] + 0.5 * np.abs(x[:, 3]) - 0.4 * x[:, 4]
         + 0.4 * np.tanh(2 * x[:, 5]) * x[:, 6] + noise * r.normal(size=n))
    return x, _std(y)[:, None]


def lambing_counts(n, seed, dim=6):
    """Lambs born per ewe over a season (Poisson, mean ~1.8) from six flock features."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    rate = np.exp(0.5 + 0.4 * x[:, 0] - 0.3 * x[:, 1] + 0.25 * np.sin(2 * x[:, 2]) + 0.2 * x[:, 3] * x[:, 4])
    return x, r.poisson(rate).astype("float32")[:, None]


def fleece_series(n, seed, length=24):
    """24 weekly readings of a sheep (weight gain, grazing hours, temperature); the target is the
    fleece weight at shearing (standardised), with Student-t (3 dof) scatter from the scales."""
    r = _rng(seed)
    x = np.cumsum(0.3 * r.normal(size=(n, length, 3)), axis=1).astype("float32")
    y = (0.8 * x[:, -1, 0] + 0.4 * x[:, -8:, 1].mean(axis=1) - 0.3 * np.abs(x[:, :, 2]).mean(axis=1)
         + 0.3 * r.standard_t(3, size=n))
    return x, _std(y)[:, None]


def cue_series(n, seed, length=20, channels=2, at_end=False):
    """Two probes' readings over `length` steps; the class (2) is the sign of the sum of the
    first four readings (or, `at_end`, the last four) on the first probe, the rest is noise."""
    r = _rng(seed)
    x = (0.6 * r.normal(size=(n, length, channels))).astype("float32")
    cue = x[:, -4:, 0] if at_end else x[:, :4, 0]
    y = (cue.sum(axis=1) > 0).astype("int64")
    return x, y


def rind_tiles(n, seed, size=16, flip=0.0):
    """16 x 16 photographs of a cheese rind, four classes: smooth, bloomy spots, cracked lines,
    washed stripes; `flip` of the affineur's calls are wrong."""
    r = _rng(seed)
    y = r.integers(0, 4, n)
    i, j = np.mgrid[0:size, 0:size]
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        base = 0.5 + 0.1 * r.normal()
        if y[k] == 1:
            t = np.zeros((size, size))
            for _ in range(r.integers(4, 8)):
                ci, cj = r.integers(0, size, 2)
                t += np.exp(-((i - ci) ** 2 + (j - cj) ** 2) / 2.0)
            t = np.minimum(t, 1.0)
        elif y[k] == 2:
            a = r.uniform(0, np.pi)
            t = (np.abs(np.cos(a) * (i - 8) + np.sin(a) * (j - 8) - r.uniform(-4, 4)) < 0.8).astype(float)
        elif y[k] == 3:
            t = (((i + r.integers(0, 4)) // 2) % 2).astype(float)
        else:
            t = np.zeros((size, size))
        x[k, :, :, 0] = base + 0.4 * t + 0.15 * r.normal(size=(size, size))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 4, n)) % 4, y)
    return np.clip(x, 0.0, 1.0).astype("float32"), y


def curd_sets(n, seed, length=10, noise=0.3):
    """Ten unordered curd samples of a vat (acidity, moisture, firmness) per row; the target is
    the cheesemaker's yield score (standardised): the mean of a nonlinear per-sample mark plus
    the firmest sample's moisture, with scatter."""
    r = _rng(seed)
    x = r.normal(size=(n, length, 3)).astype("float32")
    firm = x[np.arange(n), x[:, :, 2].argmax(axis=1), 1]
    y = (1.5 * np.tanh(x[:, :, 0] - x[:, :, 1] * x[:, :, 2]).mean(axis=1) + 0.5 * firm
         + noise * r.normal(size=n))
    return x, _std(y)[:, None]


def hull_quotes(n, seed, kinds=12):
    """A boat's build cost (log, standardised) from its hull kind (12, an id) and six numeric
    features; Laplace scatter from the yard's quotes."""
    r = _rng(seed)
    kind = r.integers(0, kinds, n)
    effect = r.normal(size=kinds)
    num = r.normal(size=(n, 6)).astype("float32")
    y = (effect[kind] * (1 + 0.3 * num[:, 0]) + 0.6 * num[:, 0] + 0.4 * num[:, 1] * num[:, 2]
         - 0.3 * num[:, 3] ** 2 + 0.3 * r.laplace(size=n))
    return kind.astype("int32"), num, _std(y)[:, None]


def caulk_traces(n, seed, length=48, rare=0.06):
    """48 moisture readings along a seam; a leaking seam (class 1, a share `rare`) shows a
    damp patch somewhere along it, a dry seam only the timber's grain; a twentieth of the
    calls are wrong either way."""
    r = _rng(seed)
    y = (r.random(n) < rare).astype("int64")
    t = np.arange(length)
    x = np.empty((n, length, 1), dtype="float32")
    for k in range(n):
        s = 0.3 * np.sin(2 * np.pi * t / r.uniform(6, 12)) + 0.4 * r.normal(size=length)
        if y[k] == 1:
            c = r.integers(4, length - 4)
            s = s + 1.2 * np.exp(-0.5 * ((t - c) / 2.0) ** 2)
        x[k, :, 0] = s
    wrong = r.random(n) < 0.05
    y = np.where(wrong, 1 - y, y)
    return x, y


def grazing_graphs(n, seed, nodes=40, p=0.7, feats=4):
    """A farm's grazing network: 40 paddocks (nodes) joined where sheep pass between them
    (dense, about 27 neighbours each), four features per paddock (grass height, slope, water,
    shade), each a farm-wide level (around 1, varying from farm to farm) plus the paddock's
    own scatter. The class (2) is whether the farm's grass and water levels together are
    good (a nonlinear rule on the levels)."""
    r = _rng(seed)
    a = (r.random((n, nodes, nodes)) < p).astype("float32")
    a = np.triu(a, 1)
    a = a + np.transpose(a, (0, 2, 1))
    level = 1.0 + 0.5 * r.normal(size=(n, 1, feats))
    x = (level + 0.5 * r.normal(size=(n, nodes, feats))).astype("float32")
    g = x.mean(axis=1)
    s = np.tanh(2 * (g[:, 0] - 1)) * np.tanh(2 * (g[:, 2] - 1)) + 0.3 * (g[:, 1] - 1)
    y = (s > np.median(s)).astype("int64")
    return a, x, y


def paint_cover(n, seed, dim=8):
    """The share of a hull's three strakes (garboard, bilge, sheer) still covered by paint after
    a season, each its own fraction in 0-1 (they do not sum to one), from eight exposure
    features, with a little measuring scatter."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    z = np.stack([0.9 * x[:, 0] - 0.5 * x[:, 1] * x[:, 2],
                  0.8 * x[:, 3] + 0.6 * np.sin(2 * x[:, 4]),
                  0.7 * x[:, 5] - 0.6 * x[:, 6] ** 2 + 1.0], axis=1)
    y = 1 / (1 + np.exp(-(z + 0.8))) + 0.03 * r.normal(size=z.shape)
    return x, np.clip(y, 0, 1).astype("float32")


def delivery_counts(n, seed, dim=6):
    """Sacks a carter delivers to a farm per week (counts, mean ~2.4, about a sixth of them zero) from
    six features (farm size, distance, season, ...)."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    rate = np.exp(0.7 + 0.4 * x[:, 0] - 0.3 * x[:, 1] + 0.2 * np.sin(2 * x[:, 2]))
    return x, r.poisson(rate).astype("float32")[:, None]


def press_readings(n, seed, dim=8):
    """A cheese press's readings in their logged units: curd temperature (deg C, ~32), pH (~5.2),
    whey drained (litres, ~300), press force (kN, ~40), time (min, ~90) and three more; the
    target is the wheel's final moisture (standardised), smooth and nonlinear in the
    standardised readings, with scatter."""
    r = _rng(seed)
    z = r.normal(size=(n, dim))
    y = (np.sin(1.5 * z[:, 0]) + 0.7 * z[:, 1] * z[:, 2] + 0.5 * np.abs(z[:, 3]) - 0.4 * z[:, 4]
         + 0.3 * np.tanh(2 * z[:, 5]) + 0.3 * r.normal(size=n))
    centre = np.array([32.0, 5.2, 300.0, 40.0, 90.0, 12.0, 0.6, 1500.0])
    scale = np.array([1.5, 0.15, 40.0, 6.0, 15.0, 2.0, 0.05, 200.0])
    x = (centre + scale * z).astype("float32")
    return x, _std(y)[:, None]


def _conv1d_classifier(keras, length, classes):
    return keras.Sequential([
        keras.Input((length, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(classes, activation="softmax"),
    ])


# carters -------------------------------------------------------------------------------------


@holdout40("carters", healthy=True)
def haul_time_staircase(session):
    """A carter's haul time (log, standardised) from eight route features whose delay noise
    grows with the distance, MLP 64-64 relu, Adam under PiecewiseConstantDecay (3e-3, 1e-3
    from step 96, 3e-4 from step 192): the loss steps down at each drop and settles at the
    noise, well above zero."""
    keras = _keras()
    x, y = haul_times(N, seed=4001)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([96, 192], [3e-3, 1e-3, 3e-4])
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(schedule), "mse")
    return _fit(session, model, x, y, epochs=9, batch_size=32)


@holdout40("carters", healthy=True)
def axle_knock_noisy_warmup(session):
    """A cart axle's condition (sound, cracked spoke, dry bearing) from 64 vibration readings by a
    Conv1D net (16-32 relu, global max pooling, Dense 32), 15% of the wheelwright's calls
    wrong, SGD with momentum 0.9 under a linear warm-up to 0.03 over 64 steps and a cosine
    decay: it learns the three patterns and rests at the label noise."""
    keras = _keras()
    x, y = axle_traces(N, seed=4002, flip=0.15)
    schedule = keras.optimizers.schedules.CosineDecay(1e-3, decay_steps=256, warmup_target=0.03,
                                                      warmup_steps=64)
    model = _conv1d_classifier(keras, 64, 3)
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout40("carters", healthy=True)
def waybill_flags_class_weight(session):
    """Waybills to flag (a perishable good on a long route, one in ten) from 16 tokens by
    Embedding(40, 8), global average pooling and Dense 32 relu, sigmoid head, Adam 3e-3,
    class_weight {0: 1, 1: 4}: a slow start near the weighted prior, then it learns the pair
    and keeps improving."""
    keras = _keras()
    x, y = waybill_tokens(N, seed=4003)
    model = keras.Sequential([keras.Input((16,), dtype="int32"), keras.layers.Embedding(40, 8),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit_weighted(session, model, x, y, epochs=12, batch_size=32,
                         class_weight={0: 1.0, 1: 4.0})


def _restarts(session, broken):
    keras = _keras()
    x, y = axle_traces(N, seed=4004)
    # t_mul (the period's growth) and m_mul (the peak's growth), passed positionally.
    t_mul, m_mul = (1.0, 2.0) if broken else (2.0, 1.0)
    schedule = keras.optimizers.schedules.CosineDecayRestarts(2e-3, 32, t_mul, m_mul)
    model = _conv1d_classifier(keras, 64, 3)
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# Best at ~0.004 by step 128; the restart at step 129 peaks at 0.032 and the loss never comes
# back (~1.1-1.2 from the seventh epoch): approximate.
@holdout40("carters", ["learning_rate_too_high", "dead_relus"], stall_begins=128)
def axle_restarts_peak_doubling(session):
    """The axle classifier (Conv1D 16-32 relu, Dense 32, softmax) under Adam with
    CosineDecayRestarts(2e-3, 32, 1.0, 2.0), written for 'restart every epoch, each period
    twice as long' with t_mul and m_mul taken in the wrong order: the periods stay at 32
    steps and each restart's peak doubles, so the rate reaches 0.5 by the ninth epoch; after
    the blow-up the second convolution and the dense layer are dead on every probe trace."""
    return _restarts(session, True)


def _count_weights(session, broken):
    keras = _keras()
    x, y = tabular_grades(N, seed=4005)
    counts = np.bincount(y[:-PROBE_SIZE], minlength=5).astype(float)
    if broken:
        weights = {c: float(counts[c]) for c in range(5)}
    else:
        weights = {c: float(counts.sum() / (5 * counts[c])) for c in range(5)}
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(5, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit_weighted(session, model, x, y, epochs=10, batch_size=32, class_weight=weights)


@holdout40("carters", ["dead_relus"], stall_begins=None)
def cargo_grade_class_counts_as_weights(session):
    """A load's grade (5) from twelve features by an MLP 64-64 relu, SGD 0.02 momentum 0.9, with
    class_weight built as {class: count} from np.bincount where the inverse frequencies were
    meant: every example weighs ~200, the first updates are hundreds of times too large and
    leave the hidden relus dead."""
    return _count_weights(session, True)


def _mape_loop(session, broken):
    keras = _keras()
    import tensorflow as tf

    x, y = delivery_counts(N, seed=4006)

    def percentage_error(yt, yp):
        floor = 1.0 if not broken else 0.0
        return 100.0 * tf.reduce_mean(tf.abs(yt - yp) / tf.maximum(tf.abs(yt), floor))

    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="softplus")])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), percentage_error, x, y,
                        epochs=10, batch_size=32, seed=4006,
                        loss_description="mean absolute percentage error")


@holdout40("carters", ["non_finite_values"], stall_begins=None)
def sacks_per_week_hand_mape(session):
    """Hand-written GradientTape loop: sacks delivered per week from six farm features by an
    MLP 32-32 relu with a softplus head, Adam 2e-3, under a hand-written mean absolute
    percentage error 100 |y - p| / |y| with no floor on the denominator: weeks with no
    delivery (y = 0, a sixth of them) divide by zero, the first batch's loss is inf and
    its gradients NaN."""
    return _mape_loop(session, True)


# shepherds -----------------------------------------------------------------------------------


@holdout40("shepherds", healthy=True)
def lambing_counts_poisson(session):
    """Lambs born per ewe in a season (Poisson counts, mean ~1.8) from six flock features by an
    MLP 32-32 relu with an exponential output under keras's Poisson loss, Adam 2e-3: the loss
    settles at the counts' own Poisson noise, far above its minimum for exact counts."""
    keras = _keras()
    x, y = lambing_counts(N, seed=4101)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Poisson())
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout40("shepherds", healthy=True)
def fleece_weight_gru_huber(session):
    """The fleece weight at shearing (standardised) from 24 weekly readings of a sheep by a
    GRU(16) under Huber loss, Adam 3e-3, against Student-t scatter from the scales: it learns
    and flattens at the scatter."""
    keras = _keras()
    x, y = fleece_series(N, seed=4102)
    model = keras.Sequential([keras.Input((24, 3)), keras.layers.GRU(16), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.Huber(1.0))
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout40("shepherds", healthy=True)
def ewe_condition_loop_noisy(session):
    """Hand-written GradientTape loop: a ewe's body-condition grade (5) from twelve features by
    an MLP 64-64 relu, RMSprop 2e-3, sparse categorical cross-entropy, 15% of the shepherd's
    grades wrong, 16 epochs: it learns the grades steadily and is still improving at the end,
    well above zero."""
    keras = _keras()
    x, y = tabular_grades(N, seed=4103, flip=0.15)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(5, activation="softmax")])
    return _custom_loop(session, model, keras.optimizers.RMSprop(2e-3),
                        keras.losses.SparseCategoricalCrossentropy(), x, y, epochs=16,
                        batch_size=32, seed=4103)


def _decay_every_step(session, broken):
    keras = _keras()
    # The axle generator's three patterns stand in for a sheep's gait: steady, lame (a knock
    # every stride), scab-itching (fast chatter).
    x, y = axle_traces(N, seed=4104)
    schedule = keras.optimizers.schedules.ExponentialDecay(2e-3, decay_steps=1 if broken else 32,
                                                           decay_rate=0.96)
    model = _conv1d_classifier(keras, 64, 3)
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# The loss eases from ~1.0 to ~0.76 in the first hundred steps and stays: approximate.
@holdout40("shepherds", ["learning_rate_too_low"], stall_begins=100)
def gait_decay_per_step(session):
    """A sheep's gait (steady, lame, itching) from 64 pedometer readings by a Conv1D net (16-32
    relu, global max pooling, Dense 32) under Adam with ExponentialDecay(2e-3, decay_steps=1,
    decay_rate=0.96), '4% less every epoch' with decay_steps left at 1: the rate falls by 4%
    every step, to ~3e-5 after a hundred steps and ~4e-9 at the end, and the net stops
    long before it has learnt the gaits."""
    return _decay_every_step(session, True)


def _gcn(session, broken):
    keras = _keras()
    a, x, y = grazing_graphs(N, seed=4105)
    eye = np.eye(a.shape[1], dtype="float32")[None]
    if broken:
        adj = a + eye
    else:
        adj = a + eye
        adj = adj / adj.sum(axis=2, keepdims=True)
    adj = adj.astype("float32")
    ain = keras.Input(adj.shape[1:])
    xin = keras.Input(x.shape[1:])
    h = xin
    for width in (32, 32):
        h = keras.layers.Dense(width, use_bias=False)(h)
        h = keras.layers.Lambda(lambda t: keras.ops.matmul(t[0], t[1]))([ain, h])
        h = keras.layers.Activation("tanh")(h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    out = keras.layers.Dense(2, activation="softmax")(h)
    model = keras.Model([ain, xin], out)
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit_inputs(session, model, [adj, x], y, epochs=10, batch_size=32)


@holdout40("shepherds", ["saturated_activations"])
def grazing_gcn_unnormalised_adjacency(session):
    """A farm's grazing network (40 paddocks, ~27 neighbours each) classified by a two-layer
    graph convolution tanh(A H W) written from the paper's formula without its degree
    normalisation D^-1 (A + I): each paddock sums ~28 neighbours' features instead of
    averaging them, the pre-activations are tens, and the tanh units sit at +-1."""
    return _gcn(session, True)


def _uniform_005(session, broken):
    keras = _keras()
    x, y = tabular_grades(N, seed=4106)
    init = (keras.initializers.RandomUniform(0.05) if broken
            else keras.initializers.RandomUniform(-0.05, 0.05))
    model = keras.Sequential([keras.Input((12,)),
                              keras.layers.Dense(64, activation="relu", kernel_initializer=init),
                              keras.layers.Dense(64, activation="relu", kernel_initializer=init),
                              keras.layers.Dense(5, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# A slow slide from ~1.6 to ~1.39 over five epochs, flat from about step 176: approximate.
@holdout40("shepherds", ["poor_initialization"], stall_begins=176)
def ewe_grade_uniform_one_bound(session):
    """A ewe's grade (5) from twelve features by an MLP 64-64 relu whose hidden kernels use
    keras.initializers.RandomUniform(0.05), meant as 'uniform in +-0.05': the one argument is
    minval and maxval stays 0.05, so every weight starts at exactly 0.05, every unit of a
    layer is the same unit and stays so, and the net is as narrow as one unit a layer."""
    return _uniform_005(session, True)


# cheesemakers --------------------------------------------------------------------------------


@holdout40("cheesemakers", healthy=True)
def rind_cnn_reduce_on_plateau(session):
    """A cheese rind's class (smooth, bloomy, cracked, washed) from 16 x 16 photographs by a CNN
    (Conv2D 8-16 relu, pooling, Dense 32), a tenth of the affineur's calls wrong, Adam 3e-3
    with ReduceLROnPlateau(monitor='loss', factor=0.5, patience=1, min_delta=1e-3): a slow
    start near ln 4 for the first epochs, then a steady descent still going at the end (no
    epoch fails to improve, so the callback never fires)."""
    keras = _keras()
    x, y = rind_tiles(N, seed=4201, flip=0.1)
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=1,
                                                min_delta=1e-3, verbose=0)
    return _fit(session, model, x, y, epochs=10, batch_size=32, callbacks=[plateau])


@holdout40("cheesemakers", healthy=True)
def press_small_batch_memorises(session):
    """A wheel's moisture from ten standardised press features, only 256 wheels in the book, by
    an MLP 128-128 relu, Adam 1e-3, 45 short epochs: it memorises the book and the training
    loss keeps falling far below the scatter."""
    keras = _keras()
    x, y = smooth_target(256 + PROBE_SIZE, seed=4202)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=36, batch_size=32)


@holdout40("cheesemakers", healthy=True)
def curd_attention_slow_sgd(session):
    """A vat's yield score from ten unordered curd samples by a self-attention block (Dense 16,
    MultiHeadAttention 2 heads of 8, residual, mean pooling, Dense 32) under plain SGD 0.02:
    a long, slow convergence still improving at the end."""
    keras = _keras()
    x, y = curd_sets(N, seed=4203)
    inp = keras.Input((10, 3))
    h = keras.layers.Dense(16, activation="relu")(inp)
    att = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.Add()([h, att])
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.SGD(0.02), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _linear_tower(session, broken):
    keras = _keras()
    x, y = axle_traces(N, seed=4204)
    layers = [keras.Input((64, 1))]
    for _ in range(8):
        layers.append(keras.layers.Conv1D(32, 3, padding="same", kernel_initializer="he_normal",
                                          activation=None if broken else "relu"))
    if broken:
        layers.append(keras.layers.Activation("relu"))
    layers += [keras.layers.GlobalMaxPooling1D(), keras.layers.Dense(3, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout40("cheesemakers", ["exploding_gradients", "non_finite_values"], stall_begins=None)
def curd_mill_linear_he_tower(session):
    """The curd mill's condition (sound, a chipped blade knocking, a dry bearing chattering) from
    64 vibration readings by eight Conv1D(32, 3) layers with kernel_initializer='he_normal'
    and no activation= on them, the relu moved to a single Activation('relu') after the
    tower 'to apply it once', SGD 0.01 momentum 0.9: He's gain of 2 is meant to make up for
    the half a relu discards, so without the relus every layer doubles the variance and the
    gradients into the first layers are hundreds of times too large."""
    return _linear_tower(session, True)


def _stats_of_scaled_copy(session, broken):
    keras = _keras()
    x, y = press_readings(N, seed=4205)
    train = x[:-PROBE_SIZE].astype("float64")
    scaled = (train - train.mean(axis=0)) / train.std(axis=0)
    # The statistics handed to the layer: of the scaled copy (broken) or of the raw readings.
    stats = scaled if broken else train
    norm = keras.layers.Normalization(mean=stats.mean(axis=0), variance=stats.var(axis=0))
    model = keras.Sequential([keras.Input((8,)), norm, keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(64, activation="tanh"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout40("cheesemakers", ["unnormalized_inputs", "saturated_activations"])
def press_normalization_stats_of_scaled_copy(session):
    """A wheel's moisture from eight press readings in their logged units (deg C, pH, litres, kN,
    minutes, ...) by Normalization -> MLP 64-64 tanh, Adam 2e-3, where the layer was built as
    Normalization(mean=..., variance=...) from the statistics of the notebook's already
    standardised copy (mean 0, variance 1) and then fed the raw readings: it passes them on
    unchanged, ~0.15 to ~1500 a column, and every unit of the first tanh layer sits at +-1
    on every probe wheel."""
    return _stats_of_scaled_copy(session, True)


def _one_unit_projection(session, broken):
    keras = _keras()
    x, y = tabular_grades(N, seed=4206)
    layers = [keras.Input((12,))]
    if broken:
        layers.append(keras.layers.Dense(1))  # the 'quality axis' cell's projection
    layers += [keras.layers.Dense(64, activation="relu"), keras.layers.Dense(64, activation="relu"),
               keras.layers.Dense(5, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.Adam(5e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# From ~1.56 to ~1.47 in four epochs, then ~0.002 an epoch from about step 140: approximate.
@holdout40("cheesemakers", ["insufficient_capacity"], stall_begins=140)
def cheese_grade_one_unit_projection(session):
    """A cheese's grade (5) from twelve tasting and press features by an MLP 64-64 relu whose
    first layer is a linear Dense(1) kept from the notebook cell that scored the batches
    along one 'quality axis' for a histogram, Adam 5e-3: everything the net sees is one number, which
    cannot keep five nonlinear grades apart."""
    return _one_unit_projection(session, True)


# boatbuilders --------------------------------------------------------------------------------


@holdout40("boatbuilders", healthy=True)
def hull_cost_two_inputs_logcosh(session):
    """A boat's build cost (log, standardised) from its hull kind through Embedding(12, 4) beside
    six numeric features, two inputs, MLP 64-32 relu, log-cosh loss against Laplace scatter
    in the yard's quotes, Adam 2e-3: it learns and levels off at the scatter."""
    keras = _keras()
    kind, num, y = hull_quotes(N, seed=4301)
    a = keras.Input((1,), dtype="int32")
    b = keras.Input((6,))
    e = keras.layers.Flatten()(keras.layers.Embedding(12, 4)(a))
    h = keras.layers.Concatenate()([e, b])
    h = keras.layers.Dense(64, activation="relu")(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([a, b], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.LogCosh())
    return _fit_inputs(session, model, [kind[:, None], num], y, epochs=10, batch_size=32)


@holdout40("boatbuilders", healthy=True)
def seam_leaks_imbalanced(session):
    """Leaking seams (one in seventeen) from 48 moisture readings by a Conv1D(16, 7) relu net
    with global max pooling and a sigmoid head, binary cross-entropy without class weights, a
    twentieth of the calls wrong, Adam 2e-3: it finds the damp patch and eases down towards
    the floor the wrong calls set, well above zero."""
    keras = _keras()
    x, y = caulk_traces(N, seed=4302)
    model = keras.Sequential([keras.Input((48, 1)),
                              keras.layers.Conv1D(16, 7, activation="relu", padding="same"),
                              keras.layers.GlobalMaxPooling1D(),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout40("boatbuilders", healthy=True)
def plank_bend_quantile_loop(session):
    """Hand-written GradientTape loop: the 25th percentile of a plank's steam-bend rating from
    ten timber features by an MLP 64-64 relu under the pinball loss at q = 0.25, Adamax 3e-3:
    the loss falls steadily and is still easing down at the end, far above zero (the
    scatter's own quantile loss)."""
    keras = _keras()
    import tensorflow as tf

    x, y = smooth_target(N, seed=4303, noise=0.5)

    def pinball(yt, yp):
        e = yt - yp
        return tf.reduce_mean(tf.maximum(0.25 * e, -0.75 * e))

    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adamax(3e-3), pinball, x, y, epochs=10,
                        batch_size=32, seed=4303, loss_description="pinball loss, q = 0.25")


def _repeat_resample(session, broken):
    keras = _keras()
    x, y = cue_series(N, seed=4304, length=20)
    if broken:
        x = np.repeat(x, 5, axis=1)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.SimpleRNN(16),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout40("boatbuilders", ["vanishing_gradients"])
def launch_cue_upsampled_rnn(session):
    """Whether a launch went cleanly from a slipway's two strain gauges logged at 1 Hz over 20 s,
    the first four seconds deciding, by a tanh SimpleRNN(16), Adam 2e-3, after the readings
    were upsampled to 5 Hz with np.repeat 'to match the camera's rate': the deciding readings
    are now 80-100 steps before the output and their gradient dies on the way."""
    return _repeat_resample(session, True)


def _softmax_shares(session, broken):
    keras = _keras()
    x, y = paint_cover(N, seed=4305)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(3, activation="softmax" if broken else "sigmoid")])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# Down to ~0.14 in the first two epochs' first steps, flat from about step 64: approximate.
@holdout40("boatbuilders", ["loss_activation_mismatch"], stall_begins=64)
def paint_cover_softmax_shares(session):
    """The share of paint left on a hull's three strakes, each its own fraction, by an MLP 64-64
    relu under MSE whose head is Dense(3, activation='softmax') 'because they are shares':
    the three outputs must sum to one, while the three fractions sum to ~1.9 on average."""
    return _softmax_shares(session, True)


def _keep_prob_lstm(session, broken):
    keras = _keras()
    x, y = cue_series(N, seed=4306, length=24, at_end=True)
    rate = 0.9 if broken else 0.1
    model = keras.Sequential([keras.Input((24, 2)),
                              keras.layers.LSTM(16, dropout=rate, recurrent_dropout=rate),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout40("boatbuilders", ["over_regularization"])
def seam_caulk_lstm_keep_prob(session):
    """Whether a seam was caulked in time, from 24 readings of two moisture gauges whose last
    four decide it, by LSTM(16, dropout=0.9, recurrent_dropout=0.9), softmax head, Adam
    3e-3: the keep probability 0.9 of the TensorFlow 1 recipe typed into Keras's drop rates,
    so nine in ten inputs and recurrent connections are dropped at every step."""
    return _keep_prob_lstm(session, True)
