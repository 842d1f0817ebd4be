"""The sixty-second held-out catalogue: written by someone who did not read the engine or run
the diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History, and for one the per-step loss, in a throwaway script with the runner's
seed), and every broken one against the same model trained without its mistake (each helper
`_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Skinners: a hide's grade from 16 x 16 patches by
a Conv2D net, 18% of the grader's calls wrong (a steady descent ending far above zero); a
hide's shaved thickness with a scatter that grows with the chrome, an elu MLP under SGD with
momentum and ReduceLROnPlateau; the days a hide has left in the pit from 20 daily readings by
an LSTM in a hand-written GradientTape loop under the pinball loss at the 0.8 quantile against
a skewed gamma spread. Wickmakers: a candle's burn time from its wax (Embedding) and five
numeric features, two inputs, Huber loss against Student-t scatter; a rare drowning wick (6%)
from flame-height traces by a Conv1D net with the rare class weighted eight-fold by
class_weight; a wick's soot score from only 192 wicks by an MLP 128-128 that memorises them
over 60 short epochs (one brief bump near epoch 35, recovered). Oarmakers: an oar stroke's
fault from 32 strain readings by an LSTM, 10% of the calls wrong, Adam under CosineDecay with
a warm-up; chips per blade (Poisson counts) by an exponential-output tanh MLP under keras's
Poisson loss (negative: keras leaves out the log y! term); a shaft's stiffness, a sum of many
small interacting terms, by a relu MLP under plain SGD with one PiecewiseConstantDecay step, a
long slow descent still improving at the end. Sledgemakers: a runner's wear class from ten
unordered load-cell readings by a MultiHeadAttention block under AdamW, 12% of the labels
wrong; a run's friction from 32 glide readings by a Conv1D net in a hand-written loop under
mean absolute error against Laplace scatter; a sledge's repair class, 85/10/5 imbalanced, from
a 12-token parts list by Embedding and global average pooling, no class weights.

The broken half, one root cause each: the SGD recipe's rate 0.3 kept when the optimizer was
swapped for RMSprop on an Embedding + Conv1D order router (learning rate too high); RandomUniform's
bounds (-0.05, 0.05) typed positionally into RandomNormal's (mean, stddev) for a six-layer
relu MLP (dead ReLUs); a siamese pair model's hand-written Euclidean distance sqrt(sum sq)
where the pairing list holds a swatch paired with itself, an exactly-zero distance whose
square-root gradient is infinite (non-finite values); ExponentialDecay(decay_steps=10) meant
as ten epochs, counted in steps (learning rate too low); a chandler's ledger fed raw, pence and
grains beside 0-1 columns that carry the signal (unnormalised inputs); Dense hidden layers
written without activation=, a linear stack for a nonlinear eight-class target (insufficient
capacity); eight stacked sigmoid Conv1D layers under SGD (vanishing gradients);
VarianceScaling(scale=6.0, 'fan_avg', 'uniform') on a twelve-layer relu MLP, the 6 of Glorot's
bound typed into the scale (exploding gradients: the first epoch's loss is ~1e29, then it sits
at ln 6); RandomNormal(stddev=0.01) from an old tutorial on a six-layer tanh MLP (poor
initialisation); keras Normalization(invert=True) in front of an LSTM on raw kelvin and newton
readings, which de-normalises them into the hundreds (saturated activations); a Conv1D
regression net copied from a classifier with its Dense(1, 'sigmoid') head kept, on a
standardised target half of which is negative (loss/activation mismatch); MaxNorm(0.05) on
every kernel of an MLP, max_value read like an output cap (over-regularisation).

Dropped or replaced because they did not behave as intended: a one-unit softmax head under
binary cross-entropy for the loss/activation mismatch (Keras 3 trained it exactly as the
sigmoid head, loss for loss; the sigmoid head on a signed regression target kept); a relu
SimpleRNN with Orthogonal(gain=2.0) recurrent kernel for exploding gradients, at 30, 20 and 12
steps under Adam and SGD (it either learnt, to ~0.37 at 12 steps, or its fixed gain-1 variant
did not learn either at 20 and 30 steps; the scale-6 VarianceScaling kept, at SGD 3e-3: at
SGD 1e-2 and 5e-3 it turned to NaN, with eight layers it kept learning); Dense(units=2) as a
two-unit bottleneck for insufficient capacity (still falling at 16 epochs; the linear stack
kept); RandomNormal(stddev=1.0) on a relu MLP for poor initialisation (3787 -> 546 and still
falling fast under Adam; stddev 0.01 on tanh kept); RandomNormal(-0.05, 0.05) on four relu
layers of 64 (it recovered slowly, 1.79 -> 1.66; six of 128 kept); RMSprop at 0.1 (still
creeping, 1.49 -> 1.37; 0.3 kept); ten sigmoid Conv1D layers with global average pooling
under SGD 0.05 (the relu fix did not learn either; eight with Flatten at 0.01 kept); the
ledger in pence at ~3e4 (the loss swung between 17 and 51, a thrash rather than a stall;
~600 kept). Not written because earlier catalogues hold the mechanism: ReLU(threshold=),
Dropout as keep_prob, warm-up targets read as fractions, int16 PCM and 16-bit images unscaled,
GaussianNoise on standardised inputs.

Labels follow `scenarios.py`: `expected_causes[0]` is the root cause the scenario was built
around (no second cause was added: none was measured); `stall_begins` is the optimizer step
from which the loss stops improving (None: from the start), exact where an event of the
scenario causes it (the first self-paired swatch, row 200 in file order with shuffle=False and
batches of 32, in the batch at step 6), otherwise read off the per-step loss and marked
approximate (the step-counted ExponentialDecay: about step 48).
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("skinners", "wickmakers", "oarmakers", "sledgemakers")

REGISTRY = []

holdout62 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


def _rng(seed):
    return np.random.default_rng(seed)


def _std(v):
    v = np.asarray(v, dtype="float64")
    return ((v - v.mean(axis=0)) / (v.std(axis=0) + 1e-12)).astype("float32")


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, shuffle=True, callbacks=(),
                class_weight=None):
    """`_fit` for a model with several inputs; the last PROBE_SIZE rows are the probe."""
    train = [v[:-PROBE_SIZE] for v in inputs]
    probe = ([v[-PROBE_SIZE:] for v in inputs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        shuffle=shuffle, verbose=0, class_weight=class_weight,
                        callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


# data ------------------------------------------------------------------------------------------


def hide_patches(n, seed, size=16, flip=0.0):
    """16 x 16 grey patches of a tanned hide, four grades (clean grain, scratches in one
    direction, pitting spots, a brand's ring), with grain texture noise; `flip` of the
    grader's calls are wrong."""
    r = _rng(seed)
    y = r.integers(0, 4, n)
    i, j = np.mgrid[0:size, 0:size]
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        ci, cj = r.integers(5, 11, 2)
        if y[k] == 0:
            t = np.zeros((size, size))
        elif y[k] == 1:
            t = (np.abs((i - ci) - (j - cj)) < 1) & (np.abs(i - ci) < 6)
        elif y[k] == 2:
            t = ((i - ci) % 4 == 0) & ((j - cj) % 4 == 0) & (np.abs(i - ci) < 7) & (np.abs(j - cj) < 7)
        else:
            d = np.sqrt((i - ci) ** 2 + (j - cj) ** 2)
            t = np.abs(d - 3.5) < 0.8
        x[k, :, :, 0] = t.astype(float) + 0.35 * r.normal(size=(size, size))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 4, n)) % 4, y)
    return x, y


def hide_thickness(n, seed, dim=8):
    """A hide's shaved thickness (standardised) from eight tanning-bath features, with a
    scatter that grows with the bath's chrome (heteroscedastic)."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    chrome = 1.0 / (1.0 + np.exp(-x[:, 0]))
    mean = 1.2 * np.tanh(x[:, 1]) + 0.6 * x[:, 2] * chrome - 0.4 * x[:, 3] ** 2 + 0.3 * x[:, 4]
    y = mean + (0.1 + 0.6 * chrome) * r.normal(size=n)
    return x, _std(y)[:, None]


def tanning_days(n, seed, length=20):
    """20 daily readings (pH, temperature) of a tanning pit; the target is the days left
    until the hide is done, with a right-skewed (gamma) spread."""
    r = _rng(seed)
    x = np.cumsum(0.3 * r.normal(size=(n, length, 2)), axis=1).astype("float32")
    mean = 0.8 * x[:, -1, 0] - 0.5 * x[:, -5:, 1].mean(axis=1)
    y = mean + r.gamma(2.0, 0.4, size=n) - 0.8
    return x, _std(y)[:, None]


def hide_orders(n, seed, vocab=60, length=16):
    """A tanner's order as 16 item tokens (vocabulary 60); the class (5) is the workshop
    it goes to, set by which item group dominates the order."""
    r = _rng(seed)
    groups = r.integers(0, 5, vocab)
    groups[0] = -1
    y = r.integers(0, 5, n)
    x = np.empty((n, length), dtype="int32")
    for k in range(n):
        own = np.flatnonzero(groups == y[k])
        other = np.flatnonzero(groups >= 0)
        m = r.random(length) < 0.5
        x[k] = np.where(m, r.choice(own, length), r.choice(other, length))
    return x, y


def hide_features(n, seed, dim=16, classes=6):
    """Sixteen standardised measurements of a hide; the buyer (6 classes) is the argmax of
    six nonlinear scores."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    w = r.normal(size=(dim, classes))
    v = r.normal(size=(dim, classes))
    y = (np.tanh(x @ w) + 0.4 * np.sin(x @ v)).argmax(axis=1)
    return x, y


def hide_pairs(n, seed, dim=12, same_at=()):
    """Pairs of hide swatches (twelve measurements each) and whether they come from the same
    animal (1) or not (0): same-animal pairs differ by a small scatter. Rows in `same_at`
    are one swatch paired with itself (a duplicate in the pairing list)."""
    r = _rng(seed)
    a = r.normal(size=(n, dim))
    y = (r.random(n) < 0.5).astype("float32")
    b = np.where(y[:, None] > 0, a + 0.3 * r.normal(size=(n, dim)), r.normal(size=(n, dim)))
    for k in same_at:
        b[k] = a[k]
        y[k] = 1.0
    return a.astype("float32"), b.astype("float32"), y[:, None]


def burn_times(n, seed, waxes=12):
    """A candle's burn time (standardised) from its wax (12 kinds, id) and five numeric
    features (wick diameter, height, room draught...), Student-t (3 dof) scatter."""
    r = _rng(seed)
    wax = r.integers(0, waxes, n)
    effect = r.normal(size=waxes)
    num = r.normal(size=(n, 5)).astype("float32")
    y = effect[wax] + 0.7 * num[:, 0] - 0.5 * np.abs(num[:, 1]) + 0.4 * num[:, 2] * num[:, 3]
    y = y + 0.35 * r.standard_t(3, size=n)
    return wax.astype("int32"), num, _std(y)[:, None]


def flame_traces(n, seed, length=64, rare=0.06):
    """64 readings of a flame-height sensor; 1 (rare) a drowning wick (a slow decay with
    flicker bursts), 0 a steady flame; `rare` is the defect share."""
    r = _rng(seed)
    y = (r.random(n) < rare).astype("int64")
    t = np.linspace(0, 1, length)
    x = np.empty((n, length, 1), dtype="float32")
    for k in range(n):
        s = 0.2 * np.sin(2 * np.pi * t * r.uniform(2, 6) + r.uniform(0, 6))
        if y[k]:
            s = s - r.uniform(0.3, 0.8) * t
            burst = r.integers(10, 50)
            s[burst:burst + 6] += r.normal(0, 0.8, 6)
        x[k, :, 0] = s + 0.25 * r.normal(size=length)
    return x, y


def wick_quality(n, seed, dim=10, noise=0.3):
    """A wick's soot score (standardised) from ten braid features, smooth and nonlinear."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    y = (np.sin(1.5 * x[:, 0]) + 0.7 * x[:, 1] * x[:, 2] + 0.5 * np.abs(x[:, 3])
         - 0.5 * x[:, 4] + 0.3 * np.cos(2 * x[:, 5]) + noise * r.normal(size=n))
    return x, _std(y)[:, None]


def chandler_ledger(n, seed):
    """A chandler's ledger row: price paid in pence (~600), tallow weight in grains (~500),
    wick count, a dye share (0-1), a draught index (-1-1) and whether a 0/1 bleach was
    used; the candle's class (smoky, clean) depends on the dye share, the draught and
    the bleach, the big columns are nearly irrelevant."""
    r = _rng(seed)
    price = r.normal(600, 160, n)
    grains = r.normal(500, 150, n)
    wicks = r.integers(1, 4, n).astype(float)
    dye = r.random(n)
    draught = r.uniform(-1, 1, n)
    bleach = (r.random(n) < 0.5).astype(float)
    score = 3.0 * (dye - 0.5) * np.sign(draught) + 1.5 * bleach * (draught > 0.3) - 0.8 * bleach
    y = (score + 0.3 * r.normal(size=n) + 5e-4 * (price - 600) > 0).astype("int64")
    x = np.stack([price, grains, wicks, dye, draught, bleach], axis=1).astype("float32")
    return x, y


def oar_strokes(n, seed, length=32, classes=4, flip=0.0):
    """32 readings of an oar's strain gauge over a stroke, four classes (clean catch, late
    catch, washing out, crab) by where and how the load rises; `flip` of the coach's calls
    wrong."""
    r = _rng(seed)
    y = r.integers(0, classes, n)
    t = np.linspace(0, 1, length)
    x = np.empty((n, length, 1), dtype="float32")
    for k in range(n):
        start = 0.15 + 0.2 * (y[k] == 1) + r.uniform(-0.05, 0.05)
        end = 0.75 - 0.25 * (y[k] == 2) + r.uniform(-0.05, 0.05)
        s = np.where((t > start) & (t < end), np.sin(np.pi * (t - start) / (end - start)), 0.0)
        if y[k] == 3:
            s = s - 1.2 * np.exp(-0.5 * ((t - r.uniform(0.4, 0.6)) / 0.04) ** 2)
        x[k, :, 0] = s + 0.2 * r.normal(size=length)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, classes, n)) % classes, y)
    return x, y


def oar_chips(n, seed, dim=6):
    """Chips found per blade at inspection (Poisson counts) from six shaping settings."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    rate = np.exp(0.6 + 0.5 * x[:, 0] - 0.4 * x[:, 1] + 0.3 * np.cos(2 * x[:, 2]))
    return x, r.poisson(rate).astype("float32")[:, None]


def oar_stiffness(n, seed, dim=12, noise=0.2):
    """An oar shaft's stiffness (standardised) from twelve grain and lay-up features, a
    sum of many small interacting terms (slow to fit)."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    y = sum(np.sin(x[:, i] * x[:, (i + 1) % dim]) for i in range(dim))
    y = y + 0.5 * x[:, 0] + noise * r.normal(size=n)
    return x, _std(y)[:, None]


def oar_series_cue(n, seed, length=30):
    """30 readings of a rowing machine; whether the stroke was legal (1/0) depends on the
    first five readings' sum, the rest is the tail's noise."""
    r = _rng(seed)
    x = (0.5 * r.normal(size=(n, length, 1))).astype("float32")
    y = (x[:, :5, 0].sum(axis=1) > 0).astype("int64")
    return x, y


def runner_readings(n, seed, length=10, flip=0.0):
    """Ten unordered load-cell readings (position, load, temperature) along a sledge runner;
    the class (3) is set by the heaviest reading's position and the mean load; `flip` of
    the labels wrong."""
    r = _rng(seed)
    x = r.normal(size=(n, length, 3)).astype("float32")
    heavy = x[np.arange(n), x[:, :, 1].argmax(axis=1), 0]
    s = heavy + 0.8 * np.tanh(x[:, :, 1] * x[:, :, 2]).mean(axis=1) * 4
    y = np.digitize(s, np.quantile(s, [1 / 3, 2 / 3]))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 3, n)) % 3, y)
    return x, y


def glide_series(n, seed, length=32):
    """32 readings of a sledge's glide sensor; the target is the run's friction coefficient
    (standardised) with Laplace scatter from the snow."""
    r = _rng(seed)
    x = np.cumsum(0.3 * r.normal(size=(n, length, 1)), axis=1).astype("float32")
    y = 0.6 * x[:, -1, 0] - 0.5 * x[:, :8, 0].mean(axis=1) + 0.3 * np.abs(x[:, 16, 0])
    y = y + 0.4 * r.laplace(size=n)
    return x, _std(y)[:, None]


def sledge_parts(n, seed, vocab=40, length=12, weights=(0.85, 0.1, 0.05)):
    """A sledge's parts list as 12 part tokens (vocabulary 40); the repair class (3) is
    imbalanced: mostly 'none', a few 'rebind', fewer 'replace runner'."""
    r = _rng(seed)
    p = np.asarray(weights)
    y = r.choice(3, n, p=p / p.sum())
    groups = r.integers(0, 3, vocab)
    x = np.empty((n, length), dtype="int32")
    for k in range(n):
        own = np.flatnonzero(groups == y[k])
        m = r.random(length) < 0.35
        x[k] = np.where(m, r.choice(own, length), r.integers(0, vocab, length))
    return x, y


def sensor_rig(n, seed, length=24):
    """24 readings of two sledge-rig sensors in raw units (runner temperature around 260 K
    with a 15 K swing, load around 900 N with 200 N swing); the class (1/0) is whether the
    load trend over the last third rises faster than the temperature falls."""
    r = _rng(seed)
    temp = 260 + np.cumsum(r.normal(0, 3, size=(n, length)), axis=1)
    load = 900 + np.cumsum(r.normal(0, 40, size=(n, length)), axis=1)
    a = (load[:, -1] - load[:, -8]) / 40.0 + (temp[:, -1] - temp[:, -8]) / 3.0
    y = (a > 0).astype("int64")
    return np.stack([temp, load], axis=-1).astype("float32"), y



# skinners -------------------------------------------------------------------------------------


@holdout62("skinners", healthy=True)
def hide_grades_noisy(session):
    """A tanned hide's grade (clean, scratched, pitted, branded) from 16 x 16 patches by a
    Conv2D 16-32 relu net with global average pooling, 18% of the grader's calls wrong,
    Adam 2e-3: a quick fall, then a steady slow descent that ends well above zero, where
    the wrong calls allow no better."""
    keras = _keras()
    x, y = hide_patches(N, seed=6201, flip=0.18)
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout62("skinners", healthy=True)
def thickness_reduce_on_plateau(session):
    """A hide's shaved thickness (standardised) from eight bath features with a scatter that
    grows with the chrome, MLP 64-32 elu, SGD 0.05 momentum 0.9 with ReduceLROnPlateau
    (factor 0.3, patience 2): it falls, hovers, and after each cut of the rate edges down
    to the heteroscedastic noise floor."""
    keras = _keras()
    x, y = hide_thickness(N, seed=6202)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="elu"),
                              keras.layers.Dense(32, activation="elu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "mse")
    cut = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=2, min_delta=1e-3)
    return _fit(session, model, x, y, epochs=16, batch_size=32, callbacks=[cut])


@holdout62("skinners", healthy=True)
def tanning_quantile_loop(session):
    """Hand-written GradientTape loop: the days a hide has left in the pit from 20 daily pH
    and temperature readings by an LSTM(16), pinball loss at the 0.8 quantile against a
    skewed gamma spread, Adam 3e-3: a fall, then a flat floor well above zero."""
    import tensorflow as tf

    keras = _keras()
    x, y = tanning_days(N, seed=6203)
    model = keras.Sequential([keras.Input((20, 2)), keras.layers.LSTM(16),
                              keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])

    def pinball(yt, yp):
        e = yt - yp
        return tf.reduce_mean(tf.maximum(0.8 * e, -0.2 * e))

    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), pinball, x, y,
                        epochs=8, batch_size=32, seed=6203, loss_description="pinball_q0.8")


def _order_text(session, broken):
    keras = _keras()
    x, y = hide_orders(N, seed=6204)
    model = keras.Sequential([
        keras.Input((16,), dtype="int32"),
        keras.layers.Embedding(60, 16),
        keras.layers.Conv1D(32, 3, activation="relu"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(5, activation="softmax"),
    ])
    # The SGD recipe's rate kept when the optimizer was swapped for RMSprop.
    model.compile(keras.optimizers.RMSprop(0.3 if broken else 1e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout62("skinners", causes=["learning_rate_too_high"], stall_begins=None)
def orders_rmsprop_sgd_rate(session):
    """A tanner's order (16 item tokens) routed to one of five workshops by Embedding,
    Conv1D and an MLP; the optimizer was swapped from the recipe's SGD to RMSprop but the
    recipe's rate 0.3 kept: after a first epoch's blow-up the loss sits just above ln 5
    (chance) to the end."""
    return _order_text(session, True)


def _buyer_mlp(session, broken):
    keras = _keras()
    x, y = hide_features(N, seed=6205)
    # RandomUniform's (minval, maxval) = (-0.05, 0.05) typed positionally into RandomNormal,
    # whose arguments are (mean, stddev).
    init = (keras.initializers.RandomNormal(-0.05, 0.05, seed=1) if broken
            else "he_normal")
    model = keras.Sequential([keras.Input((16,))]
                             + [keras.layers.Dense(128, activation="relu", kernel_initializer=init)
                                for _ in range(6)]
                             + [keras.layers.Dense(6, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout62("skinners", causes=["dead_relus"], stall_begins=None)
def buyer_mean_shifted_init(session):
    """Which of six buyers takes a hide, from sixteen measurements, by an MLP of six relu
    layers of 128 whose kernels were initialised with RandomNormal(-0.05, 0.05): the
    RandomUniform bounds typed into (mean, stddev), so every weight leans negative and the
    deeper relu units see only negative pre-activations."""
    return _buyer_mlp(session, True)


def _swatch_pairs(session, broken):
    keras = _keras()
    same = (200, 611, 905) if broken else ()
    a, b, y = hide_pairs(N, seed=6206, same_at=same)
    ia, ib = keras.Input((12,)), keras.Input((12,))
    tower = keras.Sequential([keras.Input((12,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(8)])
    ea, eb = tower(ia), tower(ib)
    d = keras.layers.Lambda(
        lambda t: keras.ops.sqrt(keras.ops.sum(keras.ops.square(t[0] - t[1]), axis=1,
                                               keepdims=True)))([ea, eb])
    out = keras.layers.Dense(1, activation="sigmoid")(d)
    model = keras.Model([ia, ib], out)
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit_inputs(session, model, [a, b], y, epochs=6, batch_size=32, shuffle=False)


@holdout62("skinners", causes=["non_finite_values"], stall_begins=6)
def swatch_pairs_self_distance(session):
    """Whether two hide swatches come from the same animal, by a shared MLP tower and the
    Euclidean distance sqrt(sum((ea - eb)^2)) of their embeddings into a sigmoid; the
    pairing list holds a few duplicates, a swatch paired with itself, whose distance is
    exactly zero, where the square root's gradient is infinite: the first (row 200, in
    file order, step 6) turns the weights into NaN."""
    return _swatch_pairs(session, True)


# wickmakers -----------------------------------------------------------------------------------


@holdout62("wickmakers", healthy=True)
def burn_time_huber(session):
    """A candle's burn time (standardised) from its wax (Embedding of 12 kinds) and five
    numeric features, two inputs, Huber loss against Student-t scatter, Adam 2e-3: it
    falls and flattens far above zero at the heavy-tailed noise."""
    keras = _keras()
    wax, num, y = burn_times(N, seed=6211)
    iw, inum = keras.Input((1,), dtype="int32"), keras.Input((5,))
    e = keras.layers.Flatten()(keras.layers.Embedding(12, 4)(iw))
    h = keras.layers.Concatenate()([e, inum])
    h = keras.layers.Dense(48, activation="relu")(h)
    h = keras.layers.Dense(24, activation="relu")(h)
    model = keras.Model([iw, inum], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(1.0))
    return _fit_inputs(session, model, [wax[:, None], num], y, epochs=10, batch_size=32)


@holdout62("wickmakers", healthy=True)
def drowning_wick_weighted(session):
    """A drowning wick (6% of the traces) against a steady flame from 64 flame-height
    readings by a Conv1D 16-16 net with global max pooling, the rare class weighted up
    eight-fold by class_weight, Adam 1e-3: a slow start, then a steady descent."""
    keras = _keras()
    x, y = flame_traces(N, seed=6212)
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 7, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    (xt, yt) = x[:-PROBE_SIZE], y[:-PROBE_SIZE]
    history = model.fit(xt, yt, epochs=10, batch_size=32, verbose=0,
                        class_weight={0: 1.0, 1: 8.0},
                        callbacks=session.callbacks((x[-PROBE_SIZE:], y[-PROBE_SIZE:])))
    return history.history["loss"]


@holdout62("wickmakers", healthy=True)
def soot_small_data(session):
    """A wick's soot score from ten braid features with only 192 training wicks, an MLP
    128-128 relu under Adam 2e-3 for 60 short epochs: the training loss keeps falling well
    below the noise as it memorises the few wicks, with one brief bump (about epoch 35)
    that it recovers from."""
    keras = _keras()
    x, y = wick_quality(192 + PROBE_SIZE, seed=6213)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=60, batch_size=32)


def _soot_decay(session, broken):
    keras = _keras()
    x, y = wick_quality(N, seed=6214)
    # 'halve every 10 epochs', but decay_steps counts optimizer steps.
    lr = (keras.optimizers.schedules.ExponentialDecay(5e-3, 10, 0.5) if broken
          else keras.optimizers.schedules.ExponentialDecay(5e-3, 320, 0.5))
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(lr), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout62("wickmakers", causes=["learning_rate_too_low"], stall_begins=48)
def soot_decay_in_steps(session):
    """A wick's soot score from ten braid features, MLP 64-64 relu, Adam under
    ExponentialDecay(5e-3, decay_steps=10, 0.5) meant as 'halve every ten epochs': the
    rate halves every ten steps, so after the first few epochs it is too small to move the
    weights (approximate, read off the per-step loss) and the loss freezes far above what
    the same net reaches."""
    return _soot_decay(session, True)


def _ledger(session, broken):
    keras = _keras()
    x, y = chandler_ledger(N, seed=6215)
    if not broken:
        x = _std(x)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout62("wickmakers", causes=["unnormalized_inputs"], stall_begins=None)
def ledger_raw_pence(session):
    """Smoky or clean candles from a chandler's ledger, fed raw: price in pence (~600),
    tallow in grains (~500), beside a dye share, a draught index and a bleach flag that
    carry the signal; MLP 32-32 relu, Adam 1e-3: the pence and grains columns swamp every
    unit's pre-activation; after a first epoch far above chance the loss hovers above the
    constant predictor's ln 2 to the end."""
    return _ledger(session, True)


def _buyer_bottleneck(session, broken):
    keras = _keras()
    x, y = hide_features(N, seed=6216, classes=8)
    # activation= left out of the hidden layers: Dense's default is linear.
    act = None if broken else "relu"
    model = keras.Sequential([keras.Input((16,)), keras.layers.Dense(64, activation=act),
                              keras.layers.Dense(64, activation=act),
                              keras.layers.Dense(8, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout62("wickmakers", causes=["insufficient_capacity"], stall_begins=None)
def wax_grade_linear_stack(session):
    """A wax batch's grade (8, the argmax of nonlinear scores) from sixteen measurements by
    Dense(64), Dense(64), Dense(8, softmax), the hidden layers written without activation=
    (Dense's default is linear): the stack is one linear map, and the loss flattens within
    two epochs at a multinomial-logistic floor far above the relu net's."""
    return _buyer_bottleneck(session, True)


# oarmakers ------------------------------------------------------------------------------------


@holdout62("oarmakers", healthy=True)
def stroke_lstm_warmup_cosine(session):
    """An oar stroke's fault (clean, late catch, washing out, crab) from 32 strain readings by
    an LSTM(24), 10% of the coach's calls wrong, Adam under CosineDecay with a 64-step
    warm-up to 4e-3: a slow start during the warm-up, a fall, then a flat tail at the label
    noise."""
    keras = _keras()
    x, y = oar_strokes(N, seed=6221, flip=0.1)
    lr = keras.optimizers.schedules.CosineDecay(1e-4, 256, warmup_target=4e-3, warmup_steps=64)
    model = keras.Sequential([keras.Input((32, 1)), keras.layers.LSTM(24),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout62("oarmakers", healthy=True)
def blade_chips_poisson(session):
    """Chips per oar blade (Poisson counts) from six shaping settings, MLP 32-32 tanh with an
    exponential output, keras's Poisson loss, Nadam 2e-3: it falls to the counts' own
    randomness, a floor well away from zero."""
    keras = _keras()
    x, y = oar_chips(N, seed=6222)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(1, activation="exponential")])
    model.compile(keras.optimizers.Nadam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout62("oarmakers", healthy=True)
def shaft_stiffness_slow_sgd(session):
    """An oar shaft's stiffness from twelve grain features, a sum of many small interacting
    terms, MLP 128-64 relu under plain SGD 0.02 with PiecewiseConstantDecay (halved at step
    480): a long slow descent still improving at the end."""
    keras = _keras()
    x, y = oar_stiffness(N, seed=6223)
    lr = keras.optimizers.schedules.PiecewiseConstantDecay([480], [0.02, 0.01])
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(lr), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _deep_sigmoid_conv(session, broken):
    keras = _keras()
    x, y = oar_strokes(N, seed=6224)
    act = "sigmoid" if broken else "relu"
    layers = [keras.Input((32, 1))]
    layers += [keras.layers.Conv1D(16, 3, activation=act, padding="same") for _ in range(8)]
    layers += [keras.layers.Flatten(), keras.layers.Dense(4, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout62("oarmakers", causes=["vanishing_gradients"], stall_begins=None)
def stroke_deep_sigmoid_conv(session):
    """An oar stroke's fault from 32 strain readings by eight stacked Conv1D(16) layers with
    sigmoid activations ('the strain is a bounded level'), SGD 0.01 momentum 0.9: the
    gradient shrinks through each sigmoid and the loss sits near ln 4."""
    return _deep_sigmoid_conv(session, True)


def _scale_six(session, broken):
    keras = _keras()
    x, y = hide_features(N, seed=6225)
    # Glorot's uniform bound is sqrt(6 / (fan_in + fan_out)); the 6 was typed into
    # VarianceScaling's scale, whose uniform bound is already sqrt(3 * scale / fan_avg).
    init = keras.initializers.VarianceScaling(scale=6.0 if broken else 2.0, mode="fan_avg",
                                              distribution="uniform", seed=4)
    model = keras.Sequential([keras.Input((16,))]
                             + [keras.layers.Dense(64, activation="relu", kernel_initializer=init)
                                for _ in range(12)]
                             + [keras.layers.Dense(6, activation="softmax")])
    model.compile(keras.optimizers.SGD(3e-3, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout62("oarmakers", causes=["exploding_gradients"], stall_begins=None)
def loom_class_scale_six(session):
    """Which of six looms wove an oar's cloth binding, from sixteen measurements, by a
    twelve-layer relu MLP of 64 whose kernels are VarianceScaling(scale=6.0, 'fan_avg',
    'uniform'), the 6 of Glorot's bound typed into the scale (He's 2 is the fix): the signal and its gradient
    grow about 1.7-fold a layer, the first SGD steps are enormous, and the loss lands on
    ln 6 and stays."""
    return _scale_six(session, True)


def _tiny_init(session, broken):
    keras = _keras()
    x, y = hide_features(N, seed=6226)
    # The 0.01 of an old tutorial's tf.random_normal(stddev=0.01) weights.
    init = keras.initializers.RandomNormal(stddev=0.01, seed=5) if broken else "glorot_uniform"
    model = keras.Sequential([keras.Input((16,))]
                             + [keras.layers.Dense(64, activation="tanh", kernel_initializer=init)
                                for _ in range(6)]
                             + [keras.layers.Dense(6, activation="softmax", kernel_initializer=init)])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout62("oarmakers", causes=["poor_initialization"], stall_begins=None)
def blade_maker_stddev_001(session):
    """Which of six blade makers an oar came from, sixteen measurements, an MLP of six tanh
    layers of 64 with every kernel RandomNormal(stddev=0.01), copied from an old
    tutorial's weights: each layer shrinks the signal about twelve-fold, the output starts
    as a constant and the loss sits at ln 6."""
    return _tiny_init(session, True)


# sledgemakers ---------------------------------------------------------------------------------


@holdout62("sledgemakers", healthy=True)
def runner_attention_noisy(session):
    """A sledge runner's wear class (3) from ten unordered load-cell readings by a
    MultiHeadAttention block (2 heads) with mean pooling, 12% of the labels wrong, AdamW
    2e-3: it learns steadily and is still edging down at the end, far above zero with the
    wrong labels."""
    keras = _keras()
    x, y = runner_readings(N, seed=6231, flip=0.12)
    inp = keras.Input((10, 3))
    h = keras.layers.Dense(32, activation="relu")(inp)
    a = keras.layers.MultiHeadAttention(2, 16)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.Dense(32, activation="relu")(h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    model = keras.Model(inp, keras.layers.Dense(3, activation="softmax")(h))
    model.compile(keras.optimizers.AdamW(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout62("sledgemakers", healthy=True)
def glide_mae_loop(session):
    """Hand-written GradientTape loop: a sledge run's friction (standardised) from 32 glide
    readings by a Conv1D 16-16 net, mean absolute error against Laplace scatter from the
    snow, RMSprop 1e-3: a quick fall, then a flat floor far above zero."""
    keras = _keras()
    x, y = glide_series(N, seed=6232)
    model = keras.Sequential([
        keras.Input((32, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1),
    ])
    return _custom_loop(session, model, keras.optimizers.RMSprop(1e-3),
                        keras.losses.MeanAbsoluteError(), x, y, epochs=8, batch_size=32,
                        seed=6232, loss_description="mae")


@holdout62("sledgemakers", healthy=True)
def parts_imbalanced_unweighted(session):
    """A sledge's repair class (none 85%, rebind 10%, replace runner 5%) from its 12-token
    parts list by Embedding(40, 16) and global average pooling into an MLP, no class
    weights, Adam 2e-3: it starts near the majority-class loss and keeps improving as the
    rare classes are learnt."""
    keras = _keras()
    x, y = sledge_parts(N, seed=6233)
    model = keras.Sequential([
        keras.Input((12,), dtype="int32"),
        keras.layers.Embedding(40, 16),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _rig_lstm(session, broken):
    keras = _keras()
    x, y = sensor_rig(N, seed=6234)
    norm = keras.layers.Normalization(axis=-1, invert=broken)
    norm.adapt(x[:-PROBE_SIZE])
    model = keras.Sequential([keras.Input((24, 2)), norm, keras.layers.LSTM(16),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout62("sledgemakers", causes=["saturated_activations"], stall_begins=None)
def rig_normalization_inverted(session):
    """Whether a sledge rig's load trend outruns its temperature trend, 24 raw readings
    (kelvin, newtons) by an LSTM(16) behind keras Normalization(invert=True) ('invert' read
    as 'apply the inverse-std scaling'): it multiplies by the std and adds the mean, so
    the LSTM's gates and tanh see values in the hundreds and sit saturated."""
    return _rig_lstm(session, True)


def _glide_head(session, broken):
    keras = _keras()
    x, y = glide_series(N, seed=6235)
    model = keras.Sequential([
        keras.Input((32, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dense(16, activation="relu"),
        # The sigmoid head of the icy-patch classifier this net was copied from.
        keras.layers.Dense(1, activation="sigmoid" if broken else None),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout62("sledgemakers", causes=["loss_activation_mismatch"], stall_begins=None)
def friction_sigmoid_head(session):
    """A sledge run's friction (standardised, half of it negative) from 32 glide readings by
    a Conv1D net copied from the icy-patch classifier with its Dense(1, 'sigmoid') head
    kept, under mean squared error: the output cannot leave (0, 1), so the loss flattens
    at the floor the negative half sets."""
    return _glide_head(session, True)


def _runner_maxnorm(session, broken):
    keras = _keras()
    x, y = runner_readings(N, seed=6236)
    # MaxNorm(max_value) read like ReLU's max_value: a cap on the output, set small.
    con = keras.constraints.MaxNorm(0.05) if broken else None
    x = x.reshape(len(x), -1)
    model = keras.Sequential([keras.Input((30,)),
                              keras.layers.Dense(64, activation="relu", kernel_constraint=con),
                              keras.layers.Dense(64, activation="relu", kernel_constraint=con),
                              keras.layers.Dense(3, activation="softmax", kernel_constraint=con)])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout62("sledgemakers", causes=["over_regularization"], stall_begins=None)
def runner_wear_maxnorm_tiny(session):
    """A runner's wear class (3) from its thirty flattened load-cell values by an MLP 64-64
    relu whose every kernel carries MaxNorm(0.05), max_value read like an output cap: each
    unit's incoming weights are held to norm 0.05, the logits can barely move and the loss
    stays near ln 3."""
    return _runner_maxnorm(session, True)
