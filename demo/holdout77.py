"""The seventy-seventh held-out catalogue: written by someone who did not read the engine or run the
diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History and the per-step loss, in a throwaway script with the runner's seed), and
every broken one against the same model trained without its mistake (each helper
`_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Blockmakers: a pulley block's proof load from
eight timber and sheave features with rig scatter that grows with the load, an MLP under Adam
with ReduceLROnPlateau as a safeguard (a fast fall, then a slow settling at the noise); sheave
photographs in three classes by a small CNN, a fifth of the labels wrong (a floor well above
zero); a block's grade from only 256 graded blocks by an MLP 128-128 that memorises them over
40 short epochs. Mastmakers: a mast's state from two strain gauges by an LSTM under a linear
warm-up and cosine decay; a spar's class from a 16-token build sheet by an Embedding and a
two-head self-attention block, 15% of the sheets misfiled; cracked mast sections (8% positive)
by an MLP under class_weight, a slow descent still going at the end. Chartmakers: a sounding's
depth from an echo trace by a Conv1D net under the pinball loss at the 0.8 quantile against
Student-t lead-line error (slow, far above zero); soundings per sheet (Poisson counts) from six
features and the ship (Embedding), two inputs, an exponential head under keras's Poisson loss
(negative: keras leaves out the log y! term); the depth from the flattened trace by a tanh MLP
under SGD with momentum and a LearningRateScheduler dividing the rate by 5 at epochs 5 and 9.
Compassmakers: a compass's deviation from heading sine/cosine and hull features with
heavy-tailed swing error, in a hand-written GradientTape loop under log-cosh; badly magnetised
needles (8% positive) by a Conv1D net under unweighted binary cross-entropy; the strain-gauge
states by a GRU under plain SGD 0.05, a long slow descent from ln 3 still improving at the end.

The broken half, one root cause each: a hand-written warm-up LearningRateScheduler(lambda
epoch, lr: lr * 2) whose min() cap was left out, so Adam's rate doubles every epoch to ~1
(learning rate too high); every kernel initialised with Constant(0.01) 'small weights', so the
units of a layer never stop being identical (poor initialisation); a load per sheave computed
as load / sheaves where three register rows are deadeyes with zero sheaves, log(inf) = inf
inputs in file order (non-finite values: the weights turn NaN at step 10 and the net falls back
to a constant); six stacked Conv2D layers with activation='hard_sigmoid' from a mobile snippet
(vanishing gradients); PyTorch's nn.Conv1d(1, 16, 5) ported as keras Conv1D(1, 16), one filter
of width 16, with the forward()'s F.relu lost as well: a linear classifier of random-phase
series (insufficient capacity); an echo sounder's raw unsigned 16-bit ADC counts (offset 32768,
a ~40-count echo) fed to an MLP (unnormalised inputs); a linear Dense(4) head left for logits
while the loss kept from_logits=False (loss/activation mismatch); CategoricalCrossentropy(
label_smoothing=0.9) typed as 'the true class gets 0.9' (over-regularisation: the targets are
0.4 / 0.3 / 0.3); CosineDecay(2e-3, decay_steps=12) with twelve epochs meant, the rate zero from
step 12 (learning rate too low); keras ReLU(max_value=0.0) with a config's 'cap: 0' meant as
'no cap' (dead ReLUs: every hidden unit is clamped to zero); VarianceScaling(scale=fan_in,
mode='fan_in') 'scaled by the fan-in' in a tanh MLP (saturated activations).

No run for exploding_gradients: every mechanism tried kept learning or went to NaN instead of
stalling, and it was dropped rather than kept mislabelled. Tried: a nine-layer relu MLP with
Orthogonal(gain=3.0) kernels under SGD with momentum and clipnorm=1.0 (it started at ~940 and
kept falling, ~0.33 against ~0.14 at the end); the same without clipnorm at rates 1e-3 and 1e-4
and at gain 2.5 (NaN from the first epoch: a divergence); gain 2.0 (it trained, ~0.15); an
eleven-layer version at gain 4.0 with clipnorm (~4e6 falling to ~11, still falling). Also
replaced: six hard_sigmoid Conv2D layers under SGD with momentum (the relu fix did not learn
under that SGD either, so Adam was used for both); a single filter with global max pooling for
the capacity run (still falling, ~0.58 and ~0.71 with a wider amplitude spread, against
~0.03); the ADC counts at ~4000 counts per unit (still falling steadily from ~1e6, ~6e4 at the
end; the 40-count echo stalls) and SGD with clipnorm on them (still falling); the fan-in
scaling on a two-layer tanh MLP over the 32-reading echo trace (~0.42 against ~0.37, too close
to the fix); the first pinball-loss Conv1D with global average pooling, which cannot see where
the echo is, was given a Flatten before the run was kept. The uncapped warm-up was cut from 14
to 12 epochs, where the loss hovers at ~1.0 instead of climbing on.

With the runner's seed, `fit` visits the examples in the same order every epoch, so several
runs show a sawtooth within each epoch. Labels follow `scenarios.py`: `expected_causes[0]` is
the root cause the scenario was built around, no second cause was added; `stall_begins` is
the optimizer step from which the loss stops improving (None: from the start), exact where an
event of the scenario causes it (the first infinite input, in file order, at step 10; the
cosine rate reaching zero at step 12), otherwise read off the per-step loss and marked
approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("blockmakers", "mastmakers", "chartmakers", "compassmakers")

REGISTRY = []

holdout77 = registrar(REGISTRY)

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


def block_strength(n, seed, dim=8, hetero=True):
    """A pulley block's proof load (standardised) from eight timber and sheave features, smooth
    and nonlinear; the test-rig scatter grows with the load when `hetero`."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    mean = np.sin(1.5 * x[:, 0]) + 0.6 * x[:, 1] * x[:, 2] - 0.4 * x[:, 3] ** 2 + 0.5 * x[:, 4]
    scale = 0.2 + 0.3 * np.abs(x[:, 0]) if hetero else 0.3
    y = mean + scale * r.normal(size=n)
    return x, _std(y)[:, None]


def block_grades(n, seed, dim=12, classes=4, flip=0.0):
    """A block's grade (4) from twelve inspection features: the argmax of four nonlinear
    scores; `flip` of the grader's calls are wrong."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    w = r.normal(size=(dim, classes))
    v = r.normal(size=(dim, classes))
    s = np.tanh(x @ w) + 0.4 * (x @ v) ** 2 / dim
    y = s.argmax(axis=1)
    wrong = r.random(n) < flip
    y = np.where(wrong, r.integers(0, classes, n), y)
    return x, y.astype("int32")


def sheave_images(n, seed, size=12, flip=0.0):
    """12 x 12 grey photographs of sheave faces, three classes (sound, split along the
    grain, worn groove ring) with camera noise; `flip` of the labels are wrong."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    i, j = np.mgrid[0:size, 0:size]
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        ci, cj = r.integers(4, 8, 2)
        rad = np.hypot(i - ci, j - cj)
        if y[k] == 0:
            t = (rad < 4).astype(float) * 0.6
        elif y[k] == 1:
            t = (rad < 4) * 0.6 + ((np.abs(j - cj - (i - ci) // 3) < 1) & (rad < 5)) * 0.9
        else:
            t = (rad < 4) * 0.6 + (np.abs(rad - 2.5) < 0.7) * 0.9
        x[k, :, :, 0] = t + 0.3 * r.normal(size=(size, size))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 3, n)) % 3, y)
    return x, y.astype("int32")


def mast_sway(n, seed, length=40, channels=2, classes=3):
    """Forty readings of a mast's two strain gauges; the rig's state (3: steady, pumping,
    whipping) sets a sway frequency and a beat, with gauge noise."""
    r = _rng(seed)
    y = r.integers(0, classes, n)
    t = np.arange(length)
    x = np.empty((n, length, channels), dtype="float32")
    freq = np.array([0.08, 0.2, 0.35])
    for k in range(n):
        ph = r.uniform(0, 2 * np.pi)
        a = r.uniform(0.6, 1.4)
        x[k, :, 0] = a * np.sin(2 * np.pi * freq[y[k]] * t + ph)
        x[k, :, 1] = a * np.cos(2 * np.pi * freq[y[k]] * t + ph) * (1 + 0.5 * (y[k] == 2))
    x += 0.5 * r.normal(size=x.shape).astype("float32")
    return x, y.astype("int32")


def spar_tokens(n, seed, length=16, vocab=40, classes=4):
    """A spar's build sheet as 16 operation tokens (vocabulary 40); its class (4) is the group
    whose operations appear most."""
    r = _rng(seed)
    groups = r.integers(0, classes, vocab)
    y = r.integers(0, classes, n)
    x = np.empty((n, length), dtype="int32")
    for k in range(n):
        own = np.flatnonzero(groups == y[k])
        m = r.random(length) < 0.4
        x[k] = np.where(m, r.choice(own, length), r.integers(0, vocab, length))
    return x, y.astype("int32")


def chart_depths(n, seed, length=32, noise="t"):
    """A sounding's depth (standardised) from 32 readings of a sounding line's echo trace
    (Conv1D input): the depth is set by where and how strongly the echo rises; the lead line's
    error is Student-t (3 dof) or Gaussian."""
    r = _rng(seed)
    pos = r.uniform(6, 26, n)
    amp = r.uniform(0.5, 1.5, n)
    t = np.arange(length)
    x = amp[:, None] * np.exp(-0.5 * ((t[None, :] - pos[:, None]) / 2.0) ** 2)
    x = (x + 0.15 * r.normal(size=x.shape)).astype("float32")[:, :, None]
    depth = 0.8 * pos / 10 + 0.3 * amp
    err = r.standard_t(3, size=n) if noise == "t" else r.normal(size=n)
    return x, _std(depth + 0.35 * err)[:, None]


def chart_counts(n, seed, dim=6):
    """Soundings taken per chart sheet (Poisson counts) from six survey features."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    rate = np.exp(1.0 + 0.5 * x[:, 0] - 0.3 * x[:, 1] + 0.3 * np.sin(2 * x[:, 2]))
    return x, r.poisson(rate).astype("float32")[:, None]


def compass_deviation(n, seed, dim=6):
    """A ship compass's deviation (standardised) from heading sine/cosine and four hull
    features: the classic semicircular and quadrantal terms, with heavy-tailed swing error."""
    r = _rng(seed)
    h = r.uniform(0, 2 * np.pi, n)
    f = r.normal(size=(n, dim - 2))
    x = np.column_stack([np.sin(h), np.cos(h), f]).astype("float32")
    dev = (1.2 * np.sin(h) * (1 + 0.3 * f[:, 0]) + 0.7 * np.cos(h) * f[:, 1]
           + 0.5 * np.sin(2 * h) + 0.3 * np.cos(2 * h) * f[:, 2])
    dev = dev + 0.3 * r.standard_t(4, size=n)
    return x, _std(dev)[:, None]


def needle_faults(n, seed, dim=10, rare=0.08):
    """Whether a compass needle is badly magnetised (binary, ~8% positive) from ten
    bench-test readings."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    s = 1.5 * x[:, 0] + x[:, 1] * x[:, 2] - 0.8 * x[:, 3] + 0.5 * r.normal(size=n)
    thr = np.quantile(s, 1 - rare)
    return x, (s > thr).astype("float32")[:, None]


# blockmakers: healthy --------------------------------------------------------------------------


@holdout77("blockmakers", healthy=True)
def proof_load_plateau_cut(session):
    """A pulley block's proof load (standardised) from eight timber and sheave features whose
    rig scatter grows with the load, MLP 64-64 relu, Adam 3e-3 with ReduceLROnPlateau(factor
    0.3, patience 1, min_delta 0.005) as a safeguard: it falls fast and then keeps settling
    slowly towards the heteroscedastic noise floor, still improving a little at the end."""
    keras = _keras()
    x, y = block_strength(N, seed=7701)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    cut = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=1, min_delta=0.005)
    return _fit(session, model, x, y, epochs=14, batch_size=32, callbacks=[cut])


@holdout77("blockmakers", healthy=True)
def sheave_photos_noisy(session):
    """Sheave-face photographs (12 x 12) in three classes, 20% of the labels wrong, a small
    CNN (Conv2D 8-16 relu, max pooling, Dense 32) under Adam 2e-3: it learns the classes and
    then flattens well above zero at the label noise's floor."""
    keras = _keras()
    x, y = sheave_images(N, seed=7702, flip=0.2)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout77("blockmakers", healthy=True)
def grade_small_book(session):
    """A block's grade (4 classes) from twelve inspection features with only 256 graded
    blocks (plus the probe), MLP 128-128 relu under Adam 2e-3 over 40 short epochs: the
    training loss keeps falling towards zero as the net memorises the small book."""
    keras = _keras()
    x, y = block_grades(256 + PROBE_SIZE, seed=7703)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=32)


# mastmakers: healthy ---------------------------------------------------------------------------


@holdout77("mastmakers", healthy=True)
def sway_lstm_warmup_cosine(session):
    """A mast's state (steady, pumping, whipping) from forty readings of two strain gauges by
    an LSTM(16), Adam with a 64-step linear warm-up to 3e-3 and cosine decay over 320 steps:
    slow at first, then a steady descent that flattens as the rate decays."""
    keras = _keras()
    x, y = mast_sway(N, seed=7704)
    model = keras.Sequential([keras.Input((40, 2)), keras.layers.LSTM(16),
                              keras.layers.Dense(3, activation="softmax")])
    lr = keras.optimizers.schedules.CosineDecay(1e-4, 320, warmup_target=3e-3, warmup_steps=64)
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout77("mastmakers", healthy=True)
def spar_sheet_attention(session):
    """A spar's class (4) from its 16-token build sheet by an Embedding(40, 16), a two-head
    self-attention block with a residual, mean pooling and a softmax head, Adam 2e-3, 15% of
    the sheets filed under the wrong class: it learns and levels off at the filing noise."""
    keras = _keras()
    x, y = spar_tokens(N, seed=7705)
    r = _rng(77051)
    wrong = r.random(N) < 0.15
    y = np.where(wrong, r.integers(0, 4, N), y).astype("int32")
    inp = keras.Input((16,), dtype="int32")
    h = keras.layers.Embedding(40, 16)(inp)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(4, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout77("mastmakers", healthy=True)
def mast_cracks_weighted(session):
    """Whether a mast section is cracked (binary, ~8% positive) from ten bench readings, MLP
    32-16 relu, sigmoid head, binary cross-entropy with class_weight {0: 1, 1: 6}, Adam 1e-3:
    the weighted loss falls slowly and is still drifting down at the end, far above zero."""
    keras = _keras()
    x, y = needle_faults(N, seed=7706)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    (xt, yt), probe = (x[:-PROBE_SIZE], y[:-PROBE_SIZE]), (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(xt, yt, epochs=12, batch_size=32, verbose=0,
                        class_weight={0: 1.0, 1: 6.0}, callbacks=session.callbacks(probe))
    return history.history["loss"]


# chartmakers: healthy --------------------------------------------------------------------------


@holdout77("chartmakers", healthy=True)
def sounding_quantile_conv(session):
    """A sounding's depth (standardised) from a 32-reading echo trace by a Conv1D 16-16 relu
    net, flattened, under the pinball loss at the 0.8 quantile (safe
    clearance) against Student-t lead-line error, Adam 2e-3: it drops below the constant
    quantile's loss and then improves slowly, far above zero, where the quantile loss's
    minimum sits."""
    keras = _keras()
    import tensorflow as tf

    x, y = chart_depths(N, seed=7707)

    def pinball(yt, yp, q=0.8):
        e = yt - yp
        return tf.reduce_mean(tf.maximum(q * e, (q - 1.0) * e), axis=-1)

    model = keras.Sequential([
        keras.Input((32, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(2e-3), pinball)
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout77("chartmakers", healthy=True)
def soundings_poisson_two_inputs(session):
    """Soundings per chart sheet (Poisson counts, mean ~3) from six survey features and the
    surveying ship (12 ships, Embedding(12, 4)), two inputs, exponential-output head, keras
    Poisson loss, Adam 2e-3: it falls to the counts' own noise and stays there."""
    keras = _keras()
    x, y = chart_counts(N, seed=7708)
    r = _rng(77081)
    ship = r.integers(0, 12, N).astype("int32")
    effect = r.normal(scale=0.4, size=12)
    y = r.poisson(np.exp(1.0 + 0.5 * x[:, 0] - 0.3 * x[:, 1] + 0.3 * np.sin(2 * x[:, 2])
                         + effect[ship])).astype("float32")[:, None]
    xin = keras.Input((6,))
    sin = keras.Input((1,), dtype="int32")
    e = keras.layers.Flatten()(keras.layers.Embedding(12, 4)(sin))
    h = keras.layers.Concatenate()([xin, e])
    h = keras.layers.Dense(32, activation="relu")(h)
    h = keras.layers.Dense(16, activation="relu")(h)
    out = keras.layers.Dense(1, activation="exponential")(h)
    model = keras.Model([xin, sin], out)
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit_inputs(session, model, [x, ship[:, None]], y, epochs=10, batch_size=32)


@holdout77("chartmakers", healthy=True)
def depth_step_decay_sgd(session):
    """A sounding's depth (standardised) from the echo trace flattened, MLP 64-32 tanh under
    SGD 0.05 momentum 0.9 with a LearningRateScheduler that divides the rate by 5 at epochs 5
    and 9, Gaussian lead-line error: a bumpy descent, a ledge, then a drop after each cut to
    the noise floor."""
    keras = _keras()
    x, y = chart_depths(N, seed=7709, noise="g")
    x = x[:, :, 0]

    def step(epoch, lr):
        return 0.05 * (0.2 ** ((epoch >= 5) + (epoch >= 9)))

    model = keras.Sequential([keras.Input((32,)), keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(32, activation="tanh"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32,
                callbacks=[keras.callbacks.LearningRateScheduler(step)])


# compassmakers: healthy ------------------------------------------------------------------------


@holdout77("compassmakers", healthy=True)
def deviation_logcosh_loop(session):
    """Hand-written GradientTape loop: a compass's deviation (standardised) from heading
    sine/cosine and four hull features with heavy-tailed swing error, MLP 64-64 relu under
    log-cosh loss, Adam 2e-3: a quick fall, then a flat floor set by the swing error."""
    keras = _keras()
    x, y = compass_deviation(N, seed=7710)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    opt = keras.optimizers.Adam(2e-3)
    loss = keras.losses.LogCosh()
    return _custom_loop(session, model, opt, loss, x, y, epochs=10, batch_size=32, seed=7710,
                        loss_description="log_cosh")


@holdout77("compassmakers", healthy=True)
def needle_rare_unweighted_conv(session):
    """Whether a compass needle is badly magnetised (binary, ~8% positive) from ten bench
    readings treated as a short sequence, Conv1D 16 relu, flatten, Dense 16, sigmoid head,
    unweighted binary cross-entropy, Adam 2e-3: it drops from the imbalance's ~0.28 and keeps
    improving slowly."""
    keras = _keras()
    x, y = needle_faults(N, seed=7711)
    x = x[:, :, None]
    model = keras.Sequential([
        keras.Input((10, 1)),
        keras.layers.Conv1D(16, 3, activation="relu", padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout77("compassmakers", healthy=True)
def swing_gru_slow_sgd(session):
    """A mast's state from the strain-gauge series by a GRU(12) under plain SGD 0.05, no
    momentum: a long, slow descent from ln 3 that is still improving at the end."""
    keras = _keras()
    x, y = mast_sway(N, seed=7712)
    model = keras.Sequential([keras.Input((40, 2)), keras.layers.GRU(12),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.05), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# blockmakers: broken ---------------------------------------------------------------------------


def _doubling_warmup(session, broken):
    keras = _keras()
    x, y = block_strength(N, seed=7721, hetero=False)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])

    def warm(epoch, lr):
        if broken:
            return lr * 2.0 if epoch > 0 else lr
        return min(lr * 2.0, 4e-3) if epoch > 0 else lr

    model.compile(keras.optimizers.Adam(5e-4), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32,
                callbacks=[keras.callbacks.LearningRateScheduler(warm)])


# The per-step loss is lowest near step 175 (epoch 6, the rate at 0.016), then climbs to the
# constant predictor's ~1.0 by step 300 and hovers there: approximate.
@holdout77("blockmakers", ["learning_rate_too_high"], stall_begins=175)
def proof_load_uncapped_warmup(session):
    """A pulley block's proof load (standardised) from eight features, MLP 64-64 relu, Adam
    5e-4 with a hand-written warm-up LearningRateScheduler(lambda epoch, lr: lr * 2): meant to
    double the rate for a few epochs up to 4e-3, the min() cap was left out, so the rate
    doubles every epoch without end (0.5 by epoch 11)."""
    return _doubling_warmup(session, True)


def _constant_kernels(session, broken):
    keras = _keras()
    x, y = block_grades(N, seed=7722)
    init = keras.initializers.Constant(0.01) if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input((12,)),
        keras.layers.Dense(64, activation="relu", kernel_initializer=init),
        keras.layers.Dense(64, activation="relu", kernel_initializer=init),
        keras.layers.Dense(4, activation="softmax", kernel_initializer=init),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout77("blockmakers", ["poor_initialization"], stall_begins=None)
def grade_constant_small_kernels(session):
    """A block's grade (4 classes) from twelve inspection features, MLP 64-64 relu, Adam 2e-3,
    every kernel initialised with Constant(0.01) 'small weights, as the textbook says': every
    unit of a layer starts identical and gets the same update, so the symmetry is never
    broken and the net acts as one unit per layer."""
    return _constant_kernels(session, True)


def _per_sheave(session, broken):
    keras = _keras()
    r = _rng(7723)
    x = r.normal(size=(N, 6)).astype("float32")
    sheaves = r.integers(1, 5, N)
    # Deadeyes and bullseyes in the yard's register: blocks without a sheave.
    sheaves[[301, 555, 870]] = 0
    load = np.exp(0.5 * x[:, 0] + 0.3 * x[:, 1]) * 10.0 * np.maximum(sheaves, 1)
    with np.errstate(divide="ignore"):
        per = load / (sheaves if broken else np.maximum(sheaves, 1))
    feats = np.column_stack([x, np.log(per)]).astype("float32")
    y = _std(np.sin(x[:, 0]) + 0.5 * x[:, 2] * x[:, 3] + 0.4 * np.log(per if not broken else
                                                                       load / np.maximum(sheaves, 1))
             + 0.2 * r.normal(size=N))[:, None]
    model = keras.Sequential([keras.Input((7,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, feats, y, epochs=8, batch_size=32, shuffle=False)


# Row 301 is in the tenth batch of the file-order pass: its infinite input is step 10.
@holdout77("blockmakers", ["non_finite_values"], stall_begins=301 // 32 + 1)
def wear_load_per_sheave(session):
    """A block's wear (standardised) from six features and the log load per sheave, MLP 64-32
    relu, Adam 2e-3, in file order. The load per sheave is load / sheaves, and three
    register rows are deadeyes with zero sheaves: their input is log(inf) = inf, and the
    first batch holding one turns the loss and weights to NaN."""
    return _per_sheave(session, True)


# mastmakers: broken ----------------------------------------------------------------------------


def _hard_sigmoid_cnn(session, broken):
    keras = _keras()
    x, y = sheave_images(N, seed=7724)
    act = "hard_sigmoid" if broken else "relu"
    layers = [keras.Input((12, 12, 1))]
    for _ in range(6):
        layers.append(keras.layers.Conv2D(8, 3, activation=act, padding="same"))
    layers += [keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(3, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout77("mastmakers", ["vanishing_gradients"], stall_begins=None)
def sheave_hard_sigmoid_stack(session):
    """Sheave-face photographs (3 classes) by six stacked Conv2D(8) layers with
    activation='hard_sigmoid', copied from a mobile-net snippet 'because it is cheap', global
    average pooling, Adam 2e-3: each layer passes back at most a sixth of the gradient, and
    the head sees only grey mush."""
    return _hard_sigmoid_cnn(session, True)


def _one_filter(session, broken):
    keras = _keras()
    x, y = mast_sway(N, seed=7726)
    conv = keras.layers.Conv1D(1, 16) if broken else keras.layers.Conv1D(16, 5, activation="relu")
    model = keras.Sequential([keras.Input((40, 2)), conv, keras.layers.Flatten(),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout77("mastmakers", ["insufficient_capacity"], stall_begins=None)
def sway_pytorch_conv_port(session):
    """A mast's state (3) from the strain-gauge series, ported from PyTorch's
    nn.Conv1d(1, 16, 5) as keras Conv1D(1, 16): keras's first two arguments are filters and
    kernel_size, so the net has one filter of width 16, and the F.relu of the PyTorch forward()
    was lost in the port too: one linear filter, flattened into the softmax head, a linear
    classifier of series whose phase is random, Adam 3e-3."""
    return _one_filter(session, True)


# chartmakers: broken ---------------------------------------------------------------------------


def _raw_counts(session, broken):
    keras = _keras()
    x, y = chart_depths(N, seed=7727, noise="g")
    x = x[:, :, 0]
    if broken:
        # The echo sounder's raw 16-bit ADC counts: offset 32768, the weak echo ~40 counts.
        x = (32768.0 + 40.0 * x).astype("float32")
    else:
        x = _std(x)
    model = keras.Sequential([keras.Input((32,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# Read off the per-step loss: it falls from ~3e6 to ~20 by step 130 and hovers there: approximate.
@holdout77("chartmakers", ["unnormalized_inputs"], stall_begins=130)
def sounding_raw_adc_counts(session):
    """A sounding's depth (standardised) from the echo trace, MLP 64-32 relu, Adam 1e-3, fed
    the sounder's raw unsigned 16-bit ADC counts (offset 32768, the weak echo ~40 counts)
    because the export 'was already numeric': every input is ~32768 and the echo is a ripple
    of a tenth of a percent on top. The loss falls from ~1e6 and then stalls far above the
    target's variance."""
    return _raw_counts(session, True)


def _linear_probs(session, broken):
    keras = _keras()
    x, y = spar_tokens(N, seed=7728)
    model = keras.Sequential([
        keras.Input((16,), dtype="int32"),
        keras.layers.Embedding(40, 16),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation=None if broken else "softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3),
                  keras.losses.SparseCategoricalCrossentropy(from_logits=False))
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout77("chartmakers", ["loss_activation_mismatch"], stall_begins=None)
def chart_sheet_linear_head(session):
    """A chart sheet's class (4) from its 16 tokens by Embedding(40, 16), average pooling and
    Dense 32 relu, the head Dense(4) left linear (as for logits) while the loss kept
    SparseCategoricalCrossentropy(from_logits=False): keras divides the raw outputs by their
    sum and clips them as if they were probabilities, Adam 2e-3."""
    return _linear_probs(session, True)


def _heavy_smoothing(session, broken):
    keras = _keras()
    x, y = mast_sway(N, seed=7729)
    y1 = np.eye(3, dtype="float32")[y]
    model = keras.Sequential([keras.Input((40, 2)), keras.layers.GRU(16),
                              keras.layers.Dense(3, activation="softmax")])
    loss = keras.losses.CategoricalCrossentropy(label_smoothing=0.9 if broken else 0.1)
    model.compile(keras.optimizers.Adam(3e-3), loss)
    return _fit(session, model, x, y1, epochs=10, batch_size=32)


@holdout77("chartmakers", ["over_regularization"], stall_begins=None)
def tide_state_smoothing_09(session):
    """A tide gauge's state (3) from forty readings of two channels by a GRU(16), Adam 3e-3,
    CategoricalCrossentropy(label_smoothing=0.9) typed as 'the true class gets 0.9': the
    argument is the mass taken away, so the targets are 0.4 / 0.3 / 0.3 and the loss's floor
    is a hair under ln 3."""
    return _heavy_smoothing(session, True)


# compassmakers: broken -------------------------------------------------------------------------


def _cosine_in_epochs(session, broken):
    keras = _keras()
    x, y = compass_deviation(N, seed=7730)
    steps = 12 if broken else 12 * 32
    lr = keras.optimizers.schedules.CosineDecay(2e-3, decay_steps=steps)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(lr), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# The rate reaches zero at step 12 and stays there (CosineDecay's alpha is 0): exact.
@holdout77("compassmakers", ["learning_rate_too_low"], stall_begins=12)
def deviation_cosine_decay_epochs(session):
    """A compass's deviation (standardised) from heading sine/cosine and four hull features,
    MLP 64-64 relu, Adam under CosineDecay(2e-3, decay_steps=12) where twelve epochs were
    meant: decay_steps counts optimizer steps, so the rate is zero from step 12 on."""
    return _cosine_in_epochs(session, True)


def _relu_cap_zero(session, broken):
    keras = _keras()
    x, y = block_grades(N, seed=7731, classes=3)
    cap = 0.0 if broken else None
    model = keras.Sequential([
        keras.Input((12,)),
        keras.layers.Dense(64), keras.layers.ReLU(max_value=cap),
        keras.layers.Dense(64), keras.layers.ReLU(max_value=cap),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout77("compassmakers", ["dead_relus"], stall_begins=None)
def bowl_grade_relu_cap_zero(session):
    """A compass bowl's grade (3) from twelve inspection features, Dense 64 and 64 each
    followed by keras ReLU(max_value=0.0), the config's 'cap: 0' meaning 'no cap' as in the
    old export script: every unit is clamped to zero, Adam 2e-3."""
    return _relu_cap_zero(session, True)


def _fan_in_scale(session, broken):
    keras = _keras()
    x, y = compass_deviation(N, seed=7732)
    layers = [keras.Input((6,))]
    fan = 6
    for units in (64, 64, 64):
        init = (keras.initializers.VarianceScaling(scale=float(fan), mode="fan_in")
                if broken else "glorot_uniform")
        layers.append(keras.layers.Dense(units, activation="tanh", kernel_initializer=init))
        fan = units
    layers.append(keras.layers.Dense(1))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# Read off the per-step loss: it stops improving near step 190 and bounces at ~0.4-0.5.
@holdout77("compassmakers", ["saturated_activations"], stall_begins=190)
def deviation_fan_in_scale(session):
    """A compass's deviation (standardised) from heading sine/cosine and four hull features,
    MLP 64-64-64 tanh, SGD 0.02 momentum 0.9, kernels VarianceScaling(scale=fan_in, mode='fan_in') 'scaled by the fan-in':
    the fan-in is divided out and multiplied back, so each pre-activation has a standard
    deviation of ~sqrt(fan_in) (8 in the upper layers) and most tanh units sit at +-1."""
    return _fan_in_scale(session, True)
