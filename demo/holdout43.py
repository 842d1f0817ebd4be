"""The forty-third held-out catalogue: written by someone who did not read the engine or run the
diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History and the per-step loss, in a throwaway script with the runner's seed), and
every broken one against the same model trained without its mistake (each helper
`_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Bricklayers: a brick's crushing strength from ten
clay and firing features whose press scatter grows with the firing temperature, an MLP under
Adam and ReduceLROnPlateau (a fast fall, then a long easing down); whether a mortar bed cured,
was rewetted or stalled, from 40 moisture readings by a Conv1D net, a fifth of the calls wrong,
Adam under a LearningRateScheduler step at epoch 6 (a small step down after it, then a level
near the label noise's floor); the 10th percentile of the strength under the pinball loss with
Student-t scatter in a hand-written GradientTape loop (flat far above zero). Glaziers: defects
on float-glass camera crops by a small CNN, 85% of panes clean, balanced class_weight; a lens's
grinding error from only 192 examples by an MLP 256-256 that memorises them over 40 short
epochs; whether a lehr's two temperature curves cross early by a Bidirectional LSTM under a
linear warm-up and cosine decay. Shinglers: a roof type from 24 job-sheet tokens by Embedding
and a GRU, a tenth of the sheets mis-filed; leaks per roof (Poisson counts) by an
exponential-output MLP under keras's Poisson loss (negative: keras leaves out the log y!
term); a roof's risk band by an MLP 64-64 tanh under plain SGD without momentum, a long slow
descent still going, and speeding up, at the end. Potters: a pot's price from its style
(Embedding) and six numeric features, two inputs, Huber loss against Student-t noise; a glaze's
gloss from 36 readings of two thermocouples by an LSTM in a hand-written RMSprop loop, its
scatter growing with the peak temperature; whether a kiln load is rejected, from ten test tiles
in no order, by a self-attention block, 8% of loads rejected and no class weights.

The broken half, one root cause each: CosineDecay's decay_steps given in epochs (10), so the
rate is exactly 0 from the tenth optimizer step of 320 (learning rate too low); a monotone
net (NonNeg kernels) fed the log of trace-additive mass fractions, every input negative, so
every first-layer ReLU is dark after the first update (dead ReLUs); Dense(64) - Dense(64)
written in the belief that Dense defaults to relu, a linear classifier for nonlinear grades
(insufficient capacity); log(waviness) where perfectly flat panes read exactly 0, an -inf input
in the first batch that turns the first two layers' weights into NaN, which the ReLUs pass on
as zeros, so the net predicts a constant and the loss sits at the target's variance (non-finite
values); a thickness gauge's readings fed to a GRU in micrometres around 4000 when the shapes
that matter are tens of micrometres (unnormalised inputs); a GRU built with
bias_initializer=Constant(5.0) after a tip meant for the forget gate, every gate starting near
its end and the update gate at 0.993 (saturated activations); LearningRateScheduler(lambda
epoch: 0.9 ** epoch) written as a decay factor, but its return value is the rate, so Adam runs
at 1.0, 0.9, 0.81 ... (learning rate too high); ten Dense(32, sigmoid) layers under SGD with
momentum (vanishing gradients); a moss-index regression copied from the moss-flag classifier
with its Dense(1, sigmoid) head kept, while half of the standardised targets are negative
(loss/activation mismatch); keras.regularizers.L1(0.1) on the embedding and every kernel 'for
a sparse model' (over-regularisation); keras.initializers.RandomNormal(0.1) meant as a standard
deviation, but the first positional argument is the mean, so every weight of the tanh MLP is
0.1 +- 0.05 (poor initialisation).

Exploding gradients has no run here: none of the mechanisms tried stalled cleanly. Tried and
dropped: a 16- and a 10-block residual MLP without the LayerNormalization after each addition
(under SGD with momentum, NaN from the first steps; with clipnorm=1.0, and with 8 blocks under
Adam or clipped SGD, it came down from ~700 to ~2-25 and was still falling, noisily); a
SimpleRNN with relu on 48 steps under Adam (it trained as well as the tanh fix); a tanh
SimpleRNN under SGD 0.1 momentum 0.9 without clipnorm (NaN within the first epoch on a
regression, and on a classification it bounced as much as its clipped fix did). Also dropped or
replaced because they did not behave as intended: a Dense(1, relu) 'quality score' bottleneck
for the insufficient capacity (still falling, 1.79 -> 1.40 over 14 epochs; the linear stack
kept); BinaryCrossentropy(from_logits=True) on a sigmoid head (it trained exactly like the fix:
Keras 3 repairs it; the sigmoid head on a standardised regression kept); an LSTM with
bias_initializer=Constant(5.0) for the saturated activations (under Adam it learned after four
epochs, 0.22 at the end; under SGD it crept down while its fix swung between 0.24 and 0.87;
the GRU kept, over six epochs, the loss flat at ln 2 while its fix reaches 0.08); sum pooling
over 80 positive-valued measurements of a set into a tanh layer (it trained better than the
mean-pooled fix); a hand-written 'Glorot uniform' RandomUniform(-sqrt 6, sqrt 6) without the
fan division for the poor initialisation (it trained better than the fix);
RandomNormal(0.1) on a six-class problem (it crept down, 2.03 -> 1.73, under SGD 0.05; the
binary kiln loads under SGD 0.02 kept, flat at ln 2); the monotone net on ingredient shares of
0.005 .. 0.6 (logs of -5.3 to -0.5 left some units alive and it learned, 0.99 -> 0.51;
trace additives kept); L1(0.05) (still creeping down at the end; 0.1 kept). The cure-trace
Conv1D with global average pooling and SGD learnt too slowly to show its schedule (1.10 ->
0.92); a Flatten head under Adam kept. The slow SGD run at 0.02 was near-flat at ln 4 (1.44 ->
1.33, which could read as a stall); 0.3 kept.

With the runner's seed, `fit` visits the examples in the same order every epoch, so several
runs show a sawtooth within each epoch. Labels follow `scenarios.py`: `expected_causes[0]` is
the root cause the scenario was built around (no second cause was added: none was measured);
`stall_begins` is the optimizer step from which the loss stops improving (None: from the
start), exact where an event of the scenario causes it (the rate reaching 0 at step 10, the
first -inf input in the first batch), otherwise read off the per-step loss and marked
approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("bricklayers", "glaziers", "shinglers", "potters")

REGISTRY = []

holdout43 = registrar(REGISTRY)

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


def _fit_weighted(session, model, x, y, *, epochs, batch_size, class_weight):
    """`_fit` with Keras class weights."""
    probe = (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(x[:-PROBE_SIZE], y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        verbose=0, class_weight=class_weight, callbacks=session.callbacks(probe))
    return history.history["loss"]


# data ------------------------------------------------------------------------------------------


def brick_strength(n, seed, dim=10, heavy=False):
    """A brick's crushing strength (standardised) from ten clay, moulding and firing features,
    smooth and nonlinear; the press's scatter grows with the firing temperature
    (heteroscedastic) or, with `heavy`, is Student-t with 2.5 degrees of freedom."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    mean = (np.sin(1.2 * x[:, 0]) + 0.6 * x[:, 1] * x[:, 2] + 0.5 * np.abs(x[:, 3])
            - 0.4 * x[:, 4] + 0.3 * np.tanh(2 * x[:, 5]))
    if heavy:
        noise = 0.5 * r.standard_t(2.5, size=n)
    else:
        noise = (0.15 + 0.35 * np.abs(x[:, 6])) * r.normal(size=n)
    return x, _std(mean + noise)[:, None]


def cure_traces(n, seed, length=40, flip=0.0):
    """40 readings of a mortar bed's moisture sensor while it cures, three classes: 0 a smooth
    exponential drying curve, 1 a rewetting bump (rain on the course), 2 a stalled cure (the
    curve flattens halfway); a fraction `flip` of the mason's calls are wrong."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    t = np.linspace(0, 1, length)[None, :]
    rate = r.uniform(2.0, 4.0, (n, 1))
    base = np.exp(-rate * t)
    bump_at = r.uniform(0.3, 0.7, (n, 1))
    bump = 0.5 * np.exp(-0.5 * ((t - bump_at) / 0.06) ** 2)
    flat = np.exp(-rate * np.minimum(t, bump_at))
    x = np.where((y == 1)[:, None], base + bump, np.where((y == 2)[:, None], flat, base))
    x = x + 0.08 * r.normal(size=x.shape)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 3, n)) % 3, y)
    return x[..., None].astype("float32"), y


def brick_grades(n, seed, dim=12, classes=6):
    """A brick's grade (6) from twelve inspection features: the argmax of six nonlinear
    scores."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    w = r.normal(size=(dim, classes))
    v = r.normal(size=(dim, classes))
    s = np.tanh(x @ w) + 0.4 * (x @ v) ** 2 / dim
    return x, s.argmax(axis=1)


def pane_images(n, seed, size=12, weights=None):
    """12 x 12 inspection-camera crops of float glass, four classes: clean, a scratch (a
    straight line), a seed bubble (a ring) and a star crack (a cross); camera noise."""
    r = _rng(seed)
    p = np.asarray(weights if weights is not None else [1, 1, 1, 1], dtype=float)
    y = r.choice(4, n, p=p / p.sum())
    i, j = np.mgrid[0:size, 0:size]
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        ci, cj = r.integers(3, size - 3, 2)
        if y[k] == 1:
            a = r.uniform(0, np.pi)
            d = np.abs((i - ci) * np.cos(a) - (j - cj) * np.sin(a))
            t = (d < 0.7).astype(float)
        elif y[k] == 2:
            rad = np.hypot(i - ci, j - cj)
            t = (np.abs(rad - 2.0) < 0.7).astype(float)
        elif y[k] == 3:
            t = (((i == ci) | (j == cj)) & (np.abs(i - ci) < 4) & (np.abs(j - cj) < 4)).astype(float)
        else:
            t = np.zeros((size, size))
        x[k, :, :, 0] = t + 0.3 * r.normal(size=(size, size))
    return x, y


def gauge_traces(n, seed, length=32):
    """A thickness gauge's 32 readings across a pane, in micrometres around 4000: three classes,
    0 flat, 1 a wedge (a linear slope of 20 to 60 um), 2 a ripple (a 25 um wave); the
    gauge's own noise is 8 um and the line's set thickness drifts by 40 um."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    t = np.linspace(-1, 1, length)[None, :]
    slope = r.uniform(20, 60, (n, 1)) * r.choice([-1, 1], (n, 1))
    wave = 25 * np.sin(2 * np.pi * (r.uniform(2, 4, (n, 1)) * t + r.uniform(0, 1, (n, 1))))
    shape = np.where((y == 1)[:, None], slope * t, np.where((y == 2)[:, None], wave, 0.0))
    x = 4000 + r.normal(0, 40, (n, 1)) + shape + 8 * r.normal(size=(n, length))
    return x[..., None].astype("float32"), y


def anneal_curves(n, seed, length=30):
    """30 readings of a lehr's (annealing oven's) temperature along a batch of glass, two
    channels (top, bottom), standardised; a batch is flagged (1) when the top and bottom
    curves cross in the first third (stress from uneven cooling)."""
    r = _rng(seed)
    t = np.linspace(0, 1, length)[None, :]
    top = -1.5 * t + 0.4 * r.normal(size=(n, 1)) + 0.15 * r.normal(size=(n, length))
    tilt = r.normal(size=(n, 1))
    bottom = -1.5 * t + 0.4 * r.normal(size=(n, 1)) + 0.6 * tilt * (t - 0.2) + 0.15 * r.normal(size=(n, length))
    y = ((top[:, :10] - bottom[:, :10]).mean(axis=1) > 0).astype("int64")
    x = np.stack([top, bottom], axis=-1).astype("float32")
    return x, y


def shingle_tokens(n, seed, length=24, vocab=40, flip=0.0):
    """A roofer's job sheet as 24 item tokens (vocabulary 40); the roof type (4 classes) is the
    one whose item group the sheet draws on most; `flip` of the types are mis-filed."""
    r = _rng(seed)
    groups = r.integers(0, 4, vocab)
    groups[0] = -1
    y = r.integers(0, 4, n)
    x = np.empty((n, length), dtype="int32")
    other = np.flatnonzero(groups >= 0)
    for k in range(n):
        own = np.flatnonzero(groups == y[k])
        m = r.random(length) < 0.4
        x[k] = np.where(m, r.choice(own, length), r.choice(other, length))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 4, n)) % 4, y)
    return x, y


def roof_features(n, seed, dim=10, classes=4):
    """A roof's leak risk band (4) from ten survey features (pitch, exposure, age ...), the
    argmax of four smooth scores."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    w = r.normal(size=(dim, classes))
    s = np.sin(x @ w * 0.7) + 0.3 * (x[:, :classes] ** 2)
    return x, s.argmax(axis=1)


def leak_counts(n, seed, dim=6):
    """Leaks reported per roof over a winter (Poisson) from six survey features."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    rate = np.exp(0.6 + 0.5 * x[:, 0] - 0.4 * x[:, 1] * x[:, 2] + 0.3 * np.cos(2 * x[:, 3]))
    return x, r.poisson(rate).astype("float32")[:, None]


def moss_sequences(n, seed, length=48):
    """48 weekly moisture readings of a shingle course (standardised per course); the moss
    index (standardised) grows with how much wetter the second half of the year ran than
    the first and with the wettest month, plus the surveyor's scatter."""
    r = _rng(seed)
    walk = np.cumsum(0.35 * r.normal(size=(n, length)), axis=1)
    walk = walk - walk.mean(axis=1, keepdims=True)
    late = walk[:, length // 2:].mean(axis=1) - walk[:, : length // 2].mean(axis=1)
    wettest = np.max(np.stack([walk[:, k:k + 4].mean(axis=1) for k in range(length - 3)]), axis=0)
    y = late + 0.5 * wettest + 0.2 * r.normal(size=n)
    x = (walk + 0.2 * r.normal(size=(n, length)))[..., None].astype("float32")
    return x, _std(y)[:, None]


def pot_sales(n, seed, styles=30):
    """A pot's sale price (log, standardised) from its style (30, id) and six numeric features
    (height, glaze coverage, firing, maker's age ...), Student-t (3 dof) noise from the
    market stall."""
    r = _rng(seed)
    style = r.integers(0, styles, n)
    effect = r.normal(size=styles)
    num = r.normal(size=(n, 6)).astype("float32")
    y = (effect[style] + 0.6 * num[:, 0] + 0.4 * num[:, 1] * num[:, 2] - 0.3 * num[:, 3] ** 2
         + 0.2 * np.sin(2 * num[:, 4]))
    y = y + 0.35 * r.standard_t(3, size=n)
    return style.astype("int32"), num, _std(y)[:, None]


def kiln_series(n, seed, length=36):
    """36 readings of a kiln's two thermocouples (standardised); the target is the glaze's
    final gloss (standardised) with a scatter that grows with the peak temperature."""
    r = _rng(seed)
    x = np.cumsum(0.3 * r.normal(size=(n, length, 2)), axis=1).astype("float32")
    peak = x[:, :, 0].max(axis=1)
    y = 0.8 * x[:, -1, 0] - 0.5 * x[:, -8:, 1].mean(axis=1) + 0.3 * peak
    y = y + (0.2 + 0.2 * np.abs(peak)) * r.normal(size=n)
    return x, _std(y)[:, None]


def glaze_sets(n, seed, length=10, positive=0.5):
    """Ten glaze test tiles from a kiln load, each (colour shift, crazing, thickness), in no
    fixed order; the load is rejected (1) when its worst tile's combined defect score passes
    a threshold set so that a fraction `positive` of loads are rejected."""
    r = _rng(seed)
    x = r.normal(size=(n, length, 3)).astype("float32")
    score = (x[:, :, 0] + 0.8 * x[:, :, 1] * x[:, :, 2]).max(axis=1)
    cut = np.quantile(score, 1 - positive)
    return x, (score > cut).astype("int64")


def pot_properties(n, seed, dim=8, noise=0.3):
    """A pot's wall strength (standardised) from eight clay-body features, smooth and
    nonlinear, with the test rig's scatter."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    y = (np.sin(x[:, 0]) + 0.6 * x[:, 1] * x[:, 2] + 0.5 * np.abs(x[:, 3]) - 0.4 * x[:, 4]
         + 0.3 * np.tanh(2 * x[:, 5]) + noise * r.normal(size=n))
    return x, _std(y)[:, None]


# bricklayers ---------------------------------------------------------------------------------


@holdout43("bricklayers", healthy=True)
def strength_reduce_on_plateau(session):
    """A brick's crushing strength (standardised) from ten clay, moulding and firing features
    whose press scatter grows with the firing temperature, MLP 64-64 relu, Adam 3e-3 with
    ReduceLROnPlateau on the training loss (factor 0.3, patience 1, cutting the rate only
    if an epoch fails to improve): a fast fall, then a long easing down at and a little
    below the heteroscedastic noise's level."""
    keras = _keras()
    x, y = brick_strength(N, seed=4301)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    cb = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.3, patience=1, min_lr=1e-5)
    return _fit(session, model, x, y, epochs=14, batch_size=32, callbacks=[cb])


@holdout43("bricklayers", healthy=True)
def cure_traces_step_decay(session):
    """Whether a mortar bed cures cleanly, was rewetted or stalled, from 40 moisture readings,
    a fifth of the mason's calls wrong, Conv1D 16-32 relu, max pooling, a Dense(32) head,
    Adam 3e-3 and a LearningRateScheduler that divides the rate by 5 at epoch 6: it learns,
    slows down above the label noise's floor (~0.64), steps down a little after the drop
    and then sits near ~0.69."""
    keras = _keras()
    x, y = cure_traces(N, seed=4302, flip=0.2)
    model = keras.Sequential([
        keras.Input((40, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Flatten(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    cb = keras.callbacks.LearningRateScheduler(lambda epoch: 3e-3 if epoch < 6 else 6e-4)
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[cb])


@holdout43("bricklayers", healthy=True)
def strength_low_quantile_loop(session):
    """Hand-written GradientTape loop: the 10th percentile of a brick's crushing strength
    (what the spec sheet may promise) from ten features with Student-t (2.5 dof) press
    scatter, MLP 64-32 relu under the pinball loss at q = 0.1, Adam 2e-3: it learns the
    quantile and sits at a pinball loss far above zero."""
    import tensorflow as tf

    keras = _keras()
    x, y = brick_strength(N, seed=4303, heavy=True)
    q = 0.1

    def pinball(yt, yp):
        e = yt - yp
        return tf.reduce_mean(tf.maximum(q * e, (q - 1.0) * e))

    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), pinball, x, y, epochs=10,
                        batch_size=32, seed=4303, loss_description="pinball(q=0.1)")


def _cure_cosine(session, broken):
    keras = _keras()
    x, y = cure_traces(N, seed=4304)
    steps = 10 if broken else 10 * 32
    lr = keras.optimizers.schedules.CosineDecay(3e-3, decay_steps=steps)
    model = keras.Sequential([keras.Input((40, 1)), keras.layers.GRU(24),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# CosineDecay reaches a rate of exactly 0 at step 10: nothing moves after it.
@holdout43("bricklayers", ["learning_rate_too_low"], stall_begins=10)
def cure_cosine_decay_in_epochs(session):
    """Whether a mortar bed cures cleanly, was rewetted or stalled, from 40 moisture readings
    by a GRU(24), Adam under CosineDecay(3e-3, decay_steps=10): decay_steps was given in
    epochs (a 10-epoch schedule) but the schedule counts optimizer steps, so the rate reaches
    0 after the tenth of 320 steps and the weights stop where they are."""
    return _cure_cosine(session, True)


def _monotone_log_shares(session, broken):
    keras = _keras()
    r = _rng(4305)
    # Six trace additives of a clay body as mass fractions (1e-4 .. 1e-2 each).
    shares = 10 ** r.uniform(-4, -2, size=(N, 6))
    z = shares * 100
    y = (1.5 * np.sqrt(z[:, 0]) + 1.0 * z[:, 1] + 0.8 * np.log1p(5 * z[:, 2])
         + 0.6 * z[:, 3] ** 0.3 + 0.4 * z[:, 4] * z[:, 5] + 0.05 * r.normal(size=N))
    shares = z if not broken else shares
    x = np.log(shares) if broken else shares
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(32, activation="relu", kernel_constraint=keras.constraints.NonNeg()),
        keras.layers.Dense(32, activation="relu", kernel_constraint=keras.constraints.NonNeg()),
        keras.layers.Dense(1, kernel_constraint=keras.constraints.NonNeg()),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x.astype("float32"), _std(y)[:, None], epochs=10, batch_size=32)


@holdout43("bricklayers", ["dead_relus"], stall_begins=None)
def monotone_net_log_shares(session):
    """A clay body's fired strength (standardised), known to rise with each of six trace
    additives, by a monotone MLP 32-32 relu (NonNeg kernel constraints on every layer), Adam
    2e-3. The additives' mass fractions (1e-4 .. 1e-2) were log-transformed 'as for
    compositional data' before it: every input is between -9 and -4.6, the constrained
    kernels are non-negative after the first update, so every first-layer pre-activation
    is far below its bias and the ReLUs go dark (the same net on the additives in percent
    learns)."""
    return _monotone_log_shares(session, True)


def _grade_linear(session, broken):
    keras = _keras()
    x, y = brick_grades(N, seed=4306)
    act = None if broken else "relu"
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(64, activation=act),
                              keras.layers.Dense(64, activation=act),
                              keras.layers.Dense(6, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# Flat (a creep of ~0.001 an epoch) from the end of the second epoch: approximate.
@holdout43("bricklayers", ["insufficient_capacity"], stall_begins=64)
def grade_dense_without_activation(session):
    """A brick's grade (6) from twelve inspection features by Dense(64) - Dense(64) - softmax,
    Adam 3e-3, written in the belief that Dense defaults to relu: with activation=None the
    two hidden layers compose to one linear map, and the net is a linear softmax classifier
    for grades set by nonlinear scores."""
    return _grade_linear(session, True)


# glaziers ------------------------------------------------------------------------------------


@holdout43("glaziers", healthy=True)
def pane_defects_class_weights(session):
    """Float-glass camera crops (clean, scratch, seed bubble, star crack), 85% of panes clean,
    a small CNN 8-16 relu under Adam 2e-3 with balanced class_weight: the weighted loss
    falls from near ln 4 and is still easing down at the end."""
    keras = _keras()
    x, y = pane_images(N, seed=4311, weights=[0.85, 0.05, 0.05, 0.05])
    counts = np.bincount(y[:-PROBE_SIZE], minlength=4)
    cw = {k: float(len(y[:-PROBE_SIZE]) / (4 * max(c, 1))) for k, c in enumerate(counts)}
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit_weighted(session, model, x, y, epochs=10, batch_size=32, class_weight=cw)


@holdout43("glaziers", healthy=True)
def lens_grinding_small_overfit(session):
    """A lens's grinding error (standardised) from eight machine settings with only 192
    training examples, MLP 256-256 relu, Adam 1e-3, 40 short epochs: the training loss
    keeps falling well below the noise as the net memorises the small book."""
    keras = _keras()
    x, y = pot_properties(192 + PROBE_SIZE, seed=4312, noise=0.4)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(256, activation="relu"),
                              keras.layers.Dense(256, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=40, batch_size=32)


@holdout43("glaziers", healthy=True)
def anneal_bilstm_warmup_cosine(session):
    """Whether a lehr's top and bottom temperature curves cross early (uneven cooling), from
    30 readings of both by a Bidirectional LSTM(16), Adam under CosineDecay with a linear
    warm-up (1e-4 to 3e-3 over 64 steps, then cosine to 1e-5 over 320): slow at first,
    then a steady fall that flattens as the rate decays."""
    keras = _keras()
    x, y = anneal_curves(N, seed=4313)
    lr = keras.optimizers.schedules.CosineDecay(1e-4, decay_steps=320, alpha=1e-5 / 3e-3,
                                                warmup_target=3e-3, warmup_steps=64)
    model = keras.Sequential([keras.Input((30, 2)),
                              keras.layers.Bidirectional(keras.layers.LSTM(16)),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(lr), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _waviness(session, broken):
    keras = _keras()
    r = _rng(4314)
    x = r.normal(size=(N, 7))
    # Surface waviness (um) from the profilometer; perfectly flat panes read exactly 0.
    wav = np.abs(r.normal(0, 1.0, N)) * (r.random(N) > 0.02)
    y = 0.8 * x[:, 0] + np.sin(1.5 * x[:, 1]) + 0.5 * x[:, 2] * x[:, 3] - 0.4 * np.sqrt(wav)
    y = y + 0.2 * r.normal(size=N)
    with np.errstate(divide="ignore"):
        feat = np.log(wav) if broken else np.log(wav + 1e-2)
    xs = np.column_stack([x, feat]).astype("float32")
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, xs, _std(y)[:, None], epochs=8, batch_size=32, shuffle=False)


# Row 2 (in file order) is the first flat pane: its -inf is in the first batch, step 1.
@holdout43("glaziers", ["non_finite_values"], stall_begins=2 // 32 + 1)
def breakage_log_waviness(session):
    """A pane's edge-strength margin (standardised) from seven process features and the log of
    its surface waviness, MLP 64-32 relu, Adam 2e-3, in file order. About one pane in fifty
    is perfectly flat and the profilometer reads exactly 0: log(0) = -inf in the input, so
    the first update (its batch holds one) turns the first two layers' weights into NaN;
    the ReLUs pass the NaNs on as zeros, and from then on the net predicts one constant
    and the loss sits at the target's variance."""
    return _waviness(session, True)


def _gauge(session, broken):
    keras = _keras()
    x, y = gauge_traces(N, seed=4315)
    if not broken:
        x = (x - x[:-PROBE_SIZE].mean()) / x[:-PROBE_SIZE].std()
    model = keras.Sequential([keras.Input((32, 1)), keras.layers.GRU(24),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x.astype("float32"), y, epochs=10, batch_size=32)


# At ln 3 from about step 16 (the first steps only find the class prior): approximate.
@holdout43("glaziers", ["unnormalized_inputs"], stall_begins=16)
def gauge_micrometres_raw(session):
    """Whether a pane is flat, wedged or rippled, from a thickness gauge's 32 readings across
    it by a GRU(24), Adam 2e-3; the readings went in as the gauge exports them, in
    micrometres around 4000, where the shapes that matter are tens of micrometres."""
    return _gauge(session, True)


def _gru_bias(session, broken):
    keras = _keras()
    x, y = anneal_curves(N, seed=4316)
    kw = {"bias_initializer": keras.initializers.Constant(5.0)} if broken else {}
    model = keras.Sequential([keras.Input((30, 2)), keras.layers.GRU(24, **kw),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y.astype("float32"), epochs=6, batch_size=32)


@holdout43("glaziers", ["saturated_activations"])
def lehr_gru_bias_five(session):
    """Whether a lehr's top and bottom temperature curves cross early, from 30 readings of both
    by a GRU(24), Adam 2e-3, six epochs, built with bias_initializer=Constant(5.0) after a
    tip to 'start the gates open so the state remembers': the constant goes to every gate,
    so the update gate sits at sigmoid(5) = 0.993 and the state barely moves from zero,
    the reset gate and the candidate's tanh start near their ends too."""
    return _gru_bias(session, True)


# shinglers -----------------------------------------------------------------------------------


@holdout43("shinglers", healthy=True)
def job_sheet_gru_noisy(session):
    """A roof type (4) from a job sheet's 24 item tokens by Embedding(40, 16) and a GRU(24),
    a tenth of the sheets mis-filed, Adam 2e-3: the loss falls from ln 4 and levels off at
    the mis-filing's floor."""
    keras = _keras()
    x, y = shingle_tokens(N, seed=4321, flip=0.1)
    model = keras.Sequential([keras.Input((24,), dtype="int32"), keras.layers.Embedding(40, 16),
                              keras.layers.GRU(24), keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout43("shinglers", healthy=True)
def leak_counts_poisson(session):
    """Leaks per roof over a winter (Poisson counts) from six survey features by an MLP 32-32
    relu with an exponential output, keras's Poisson loss, Adam 2e-3: it learns the rate and
    sits at the counts' own Poisson floor (keras leaves out the log y! term)."""
    keras = _keras()
    x, y = leak_counts(N, seed=4322)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout43("shinglers", healthy=True)
def risk_band_plain_sgd_slow(session):
    """A roof's leak risk band (4) from ten survey features, MLP 64-64 tanh under plain SGD
    0.3 without momentum, batch 64, 16 epochs: a long slow descent from ln 4 that is still
    going, and speeding up, at the end."""
    keras = _keras()
    x, y = roof_features(N, seed=4323)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=16, batch_size=64)


def _scheduler_factor(session, broken):
    keras = _keras()
    x, y = shingle_tokens(N, seed=4324)
    fn = (lambda epoch: 0.9 ** epoch) if broken else (lambda epoch: 2e-3 * 0.9 ** epoch)
    model = keras.Sequential([keras.Input((24,), dtype="int32"), keras.layers.Embedding(40, 16),
                              keras.layers.Conv1D(32, 3, activation="relu"),
                              keras.layers.GlobalMaxPooling1D(),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    cb = keras.callbacks.LearningRateScheduler(fn)
    return _fit(session, model, x, y, epochs=10, batch_size=32, callbacks=[cb])


@holdout43("shinglers", ["learning_rate_too_high"], stall_begins=None)
def job_sheet_scheduler_factor(session):
    """A roof type (4) from a job sheet's 24 item tokens by Embedding and Conv1D(32) with max
    pooling, Adam 2e-3, and LearningRateScheduler(lambda epoch: 0.9 ** epoch) written as 'decay
    by 0.9 each epoch': the callback's return value is the rate itself, not a factor, so
    Adam runs at 1.0, 0.9, 0.81 ... from the first step."""
    return _scheduler_factor(session, True)


def _deep_logistic(session, broken):
    keras = _keras()
    x, y = roof_features(N, seed=4325)
    act = "sigmoid" if broken else "relu"
    layers = [keras.Input((10,))]
    layers += [keras.layers.Dense(32, activation=act) for _ in range(10)]
    layers.append(keras.layers.Dense(4, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout43("shinglers", ["vanishing_gradients"])
def risk_band_ten_logistic_layers(session):
    """A roof's leak risk band (4) from ten survey features by a 'deep' MLP of ten Dense(32,
    sigmoid) layers, as in an old textbook's logistic network, SGD 0.05 momentum 0.9: each
    sigmoid passes at most a quarter of the gradient back."""
    return _deep_logistic(session, True)


def _sigmoid_regression(session, broken):
    keras = _keras()
    x, y = moss_sequences(N, seed=4326)
    model = keras.Sequential([keras.Input((48, 1)),
                              keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
                              keras.layers.MaxPooling1D(2),
                              keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid" if broken else None)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# Flat at ~0.976 after the first half epoch: approximate.
@holdout43("shinglers", ["loss_activation_mismatch"], stall_begins=16)
def moss_index_sigmoid_head(session):
    """A shingle course's moss index (standardised) from 48 weekly moisture readings by a
    Conv1D 16-32 net, Adam 2e-3, mean squared error; the net was copied from the moss-flag
    classifier with its Dense(1, sigmoid) head kept, so it can only predict between 0 and 1
    while half of the standardised targets are negative."""
    return _sigmoid_regression(session, True)


# potters -------------------------------------------------------------------------------------


@holdout43("potters", healthy=True)
def pot_prices_huber_two_inputs(session):
    """A pot's sale price (log, standardised) from its style (Embedding(30, 8)) and six numeric
    features, two inputs concatenated into an MLP 64-32, Huber loss against Student-t market
    noise, Adam 2e-3: a quick fall, then a slow settle far above zero."""
    keras = _keras()
    style, num, y = pot_sales(N, seed=4331)
    s_in = keras.Input((1,), dtype="int32")
    n_in = keras.Input((6,))
    e = keras.layers.Flatten()(keras.layers.Embedding(30, 8)(s_in))
    h = keras.layers.Concatenate()([e, n_in])
    h = keras.layers.Dense(64, activation="relu")(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([s_in, n_in], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(1.0))
    return _fit_inputs(session, model, [style[:, None], num], y, epochs=10, batch_size=32)


@holdout43("potters", healthy=True)
def gloss_lstm_rmsprop_loop(session):
    """Hand-written GradientTape loop: a glaze's final gloss from 36 readings of a kiln's two
    thermocouples by an LSTM(16), mean squared error against a scatter that grows with the
    peak temperature, RMSprop 1e-3: it learns and flattens at the heteroscedastic floor."""
    keras = _keras()
    x, y = kiln_series(N, seed=4332)
    model = keras.Sequential([keras.Input((36, 2)), keras.layers.LSTM(16), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.RMSprop(1e-3),
                        keras.losses.MeanSquaredError(), x, y, epochs=10, batch_size=32, seed=4332)


@holdout43("potters", healthy=True)
def kiln_load_attention_imbalanced(session):
    """Whether a kiln load is rejected, from ten glaze test tiles in no order, 8% of loads
    rejected, no class weights, by a self-attention block (MultiHeadAttention, 2 heads) and
    global max pooling, Adam 2e-3: the loss falls from the imbalance's entropy (~0.28) and
    is still easing down, above zero, at the end."""
    keras = _keras()
    x, y = glaze_sets(N, seed=4333, positive=0.08)
    inp = keras.Input((10, 3))
    h = keras.layers.Dense(32, activation="relu")(inp)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=16)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.Dense(32, activation="relu")(h)
    h = keras.layers.GlobalMaxPooling1D()(h)
    model = keras.Model(inp, keras.layers.Dense(1, activation="sigmoid")(h))
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y.astype("float32"), epochs=10, batch_size=32)


def _l1_everywhere(session, broken):
    keras = _keras()
    style, num, y = pot_sales(N, seed=4335)
    reg = keras.regularizers.L1(0.1 if broken else 1e-5)
    s_in = keras.Input((1,), dtype="int32")
    n_in = keras.Input((6,))
    e = keras.layers.Flatten()(keras.layers.Embedding(30, 8, embeddings_regularizer=reg)(s_in))
    h = keras.layers.Concatenate()([e, n_in])
    h = keras.layers.Dense(64, activation="relu", kernel_regularizer=reg)(h)
    h = keras.layers.Dense(32, activation="relu", kernel_regularizer=reg)(h)
    model = keras.Model([s_in, n_in], keras.layers.Dense(1, kernel_regularizer=reg)(h))
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit_inputs(session, model, [style[:, None], num], y, epochs=12, batch_size=32)


# The data part of the loss never improves; the total stops falling once the penalty has
# pulled the weights in, near step 176: approximate.
@holdout43("potters", ["over_regularization"], stall_begins=176)
def pot_prices_l1_everywhere(session):
    """A pot's sale price (log, standardised) from its style (Embedding) and six numeric
    features, MLP 64-32, Adam 2e-3, with keras.regularizers.L1(0.05) put on the embedding and
    every kernel 'for a sparse, interpretable model': the penalty on a few hundred weights
    outweighs the price error."""
    return _l1_everywhere(session, True)


def _normal_mean(session, broken):
    keras = _keras()
    x, y = glaze_sets(N, seed=4336, positive=0.5)
    x = x.reshape(N, -1)

    def init():
        if broken:
            return keras.initializers.RandomNormal(0.1)
        return keras.initializers.RandomNormal(stddev=0.1)

    model = keras.Sequential([keras.Input((30,)),
                              keras.layers.Dense(64, activation="tanh", kernel_initializer=init()),
                              keras.layers.Dense(64, activation="tanh", kernel_initializer=init()),
                              keras.layers.Dense(64, activation="tanh", kernel_initializer=init()),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "binary_crossentropy")
    return _fit(session, model, x, y.astype("float32"), epochs=14, batch_size=32)


# Down from ~0.83 to ln 2 in the first epoch, then flat there: approximate.
@holdout43("potters", ["poor_initialization"], stall_begins=32)
def kiln_load_random_normal_mean(session):
    """Whether a kiln load is rejected, from its ten test tiles flattened to 30 features, MLP
    64-64-64 tanh, SGD 0.02 momentum 0.9, every hidden kernel initialised with
    keras.initializers.RandomNormal(0.1) meant as a standard deviation of 0.1: the first
    positional argument is the mean, so every weight is 0.1 +- 0.05 and the units of a
    layer start as near-copies of one another, the deeper ones near tanh's ends."""
    return _normal_mean(session, True)
