"""The ninety-ninth held-out catalogue: written by someone who did not read the engine or run the
diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History and a per-step loss recovered from the running mean, in a throwaway script
with the runner's seed), and every broken one against the same model trained without its
mistake (each helper `_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Almoners: an applicant's need band by an MLP
with a fifth of the clerk's bands wrong; loaves handed out per week (Poisson counts) by an
exponential-head MLP under keras's Poisson loss (negative, its floor far from zero); next
week's relief spend by a GRU under a PiecewiseConstantDecay step schedule. Beadles: pew-end
carvings by a small Conv2D net with a rare class weighted up by class_weight; sermon themes
from word tokens by Embedding and average pooling with 15% wrong labels; a tithe assessment
with Student-t noise under Huber loss in a hand-written GradientTape loop. Haywards: a pound
fee from only 192 pens by an MLP that memorises them; the same fee from ten strays in no
order by a MultiHeadAttention block under AdamW with warm-up and cosine decay; hedge traces
by a Conv1D net with 15% wrong calls under SGD and ReduceLROnPlateau. Pinders: the 0.9
quantile of a fee with heteroscedastic noise under the pinball loss; a fine from a parish
Embedding and five numeric features (two inputs) under Nadam; hedge traces by an LSTM under
Adam 5e-4, a long slow descent still going at the end.

The broken half, one root cause each: Adam(0.3), the gradient-boosting baseline's eta carried
over (learning rate too high); NaN cells of an export never filled, fit in file order
(non-finite values); keras ReLU(threshold=6.0) written for ReLU6, whose argument is max_value
(dead ReLUs); a sigmoid head copied from a classifier onto a standardised regression target
under MSE was meant for loss/activation mismatch (see below); hidden Dense layers without an activation argument, a
linear stack, on two concentric rings (insufficient capacity); ten sigmoid layers under SGD
(vanishing gradients); Adam(1e-6) from a fine-tuning tutorial on a GRU trained from scratch
(learning rate too low); SimpleRNN(activation='relu') over 60 steps under SGD with momentum
and the recipe's clipnorm left out (exploding gradients, with the weights overflowing to NaN:
non-finite values as a second, genuinely present cause); kernel_regularizer=l2(0.1) on every
layer (over-regularisation); kernel_initializer='zeros' (poor initialisation).

Dropped or replaced because they did not behave as intended: Adam(0.1) on a Conv1D trace
classifier (it trained better than Adam 1e-3); SGD 0.5 momentum 0.9 to kill the ReLUs of an
MLP (the LeakyReLU fix diverged to NaN too, so the rate, not the ReLUs, was at fault), and SGD
0.1-0.3 and Adam 0.02-0.05 for the same (only part of the units died and the loss kept
falling or bounced); Dense(1, activation='softmax') under binary cross-entropy (Keras 3 gives
the same loss as the sigmoid head) and a linear head under binary cross-entropy with
from_logits=False (it trained to ~0.07); the sigmoid head on a standardised regression
target (worse than the linear head, ~0.64 against ~0.16, but still falling ~0.01 an epoch at
the end), so loss_activation_mismatch has no scenario; SGD(1e-5, momentum 0.9) on the GRU (still falling
steadily, 0.97 -> 0.80); SimpleRNN relu over 30 steps under SGD 0.01 (it trained better than
tanh); RandomNormal(stddev=1.0) kernels in a wide tanh MLP for saturated activations, under
SGD with momentum (the loss rose, a learning-rate symptom), Adam and plain SGD (it trained as
well as or better than Glorot): saturated_activations has no scenario; a pound ledger in its
raw units (pence, lb, yards) and a variant with a year column for unnormalised inputs (under
Adam the loss kept falling, from 3e5 to ~150 and from 666 to ~1.2, too slowly to call a
stall): unnormalized_inputs has no scenario. An LSTM under SGD 0.05 with momentum for the
slow-convergence run was replaced by Adam 5e-4 (a spike in the fourth epoch), and the small
pound book's 60 epochs of 6 steps by 30 of 12 (too slow, and it wandered up mid-way).

With the runner's seed, `fit` visits the examples in the same order every epoch, so several
runs show a sawtooth within each epoch. Labels follow `scenarios.py`: `expected_causes[0]` is
the root cause the scenario was built around, a second cause only where that symptom is
genuinely present too (the NaN weights of the unclipped relu RNN); `stall_begins` is the
optimizer step from which the loss stops improving (None: from the start), exact where an
event of the scenario causes it (the first NaN cell, in file order, at step 10), otherwise
read off the per-step loss and marked approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("almoners", "beadles", "haywards", "pinders")

REGISTRY = []

holdout99 = registrar(REGISTRY)

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


def alms_needs(n, seed, dim=10, classes=4, flip=0.0):
    """An almshouse applicant's need (4 bands) from ten household features: the band is the
    argmax of four nonlinear scores; a fraction `flip` of the clerk's bands are wrong."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    w = r.normal(size=(dim, classes))
    v = r.normal(size=(dim, classes))
    s = np.tanh(x @ w / np.sqrt(dim) * 2) + 0.6 * np.sin(x @ v / np.sqrt(dim) * 2)
    y = s.argmax(axis=1)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, classes, n)) % classes, y)
    return x, y


def dole_counts(n, seed, dim=6):
    """Loaves handed out per week at a dole window (Poisson counts) from six parish features."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    rate = np.exp(1.0 + 0.5 * x[:, 0] - 0.3 * x[:, 1] + 0.3 * np.cos(2 * x[:, 2]) + 0.2 * x[:, 3] * x[:, 4])
    return x, r.poisson(rate).astype("float32")[:, None]


def parish_series(n, seed, length=30, channels=2, noise=0.3):
    """30 weekly readings of two parish channels (bread price, applicants); the target is next
    week's relief spend (standardised), a nonlinear function of the recent readings with noise."""
    r = _rng(seed)
    x = np.cumsum(0.3 * r.normal(size=(n, length, channels)), axis=1).astype("float32")
    y = (0.8 * x[:, -1, 0] - 0.5 * np.tanh(x[:, -4:, 1].mean(axis=1)) + 0.3 * x[:, :, 0].mean(axis=1)
         + 0.3 * x[:, -1, 0] * x[:, -1, 1] + noise * r.normal(size=n))
    return x, _std(y)[:, None]


def ring_points(n, seed, dim=2, noise=0.1):
    """Two classes on concentric rings in the first two of `dim` features (the rest noise)."""
    r = _rng(seed)
    y = r.integers(0, 2, n)
    radius = np.where(y == 1, 2.0, 1.0) + noise * r.normal(size=n)
    angle = r.uniform(0, 2 * np.pi, n)
    x = r.normal(size=(n, dim))
    x[:, 0] = radius * np.cos(angle)
    x[:, 1] = radius * np.sin(angle)
    return x.astype("float32"), y


def pew_images(n, seed, size=12, weights=None):
    """12 x 12 sketches of a church's pew-end carvings, three classes (vertical bars, a ring, a
    cross), with noise; `weights` sets the class frequencies."""
    r = _rng(seed)
    p = np.asarray(weights if weights is not None else [1, 1, 1], dtype=float)
    y = r.choice(3, n, p=p / p.sum())
    i, j = np.mgrid[0:size, 0:size]
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        ci, cj = r.integers(4, 8, 2)
        if y[k] == 0:
            t = ((j - cj) % 3 == 0) & (np.abs(i - ci) < 4) & (np.abs(j - cj) < 4)
        elif y[k] == 1:
            t = np.abs(np.hypot(i - ci, j - cj) - 3) < 0.7
        else:
            t = ((np.abs(i - ci) < 1) & (np.abs(j - cj) < 4)) | ((np.abs(j - cj) < 1) & (np.abs(i - ci) < 4))
        x[k, :, :, 0] = t.astype(float) + 0.4 * r.normal(size=(size, size))
    return x, y


def sermon_tokens(n, seed, length=24, vocab=60, classes=3, flip=0.0):
    """A sermon note as 24 word tokens (vocabulary 60); its theme (3) is the word group the note
    uses most; `flip` of the beadle's themes are wrong."""
    r = _rng(seed)
    groups = r.integers(0, classes, vocab)
    groups[0] = -1
    y = r.integers(0, classes, n)
    x = np.empty((n, length), dtype="int32")
    for k in range(n):
        own = np.flatnonzero(groups == y[k])
        other = np.flatnonzero(groups >= 0)
        m = r.random(length) < 0.4
        x[k] = np.where(m, r.choice(own, length), r.choice(other, length))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, classes, n)) % classes, y)
    return x, y


def tithe_regression(n, seed, dim=8, noise="normal", scale=0.3):
    """A tithe assessment (standardised) from eight field features, smooth and nonlinear;
    `noise` is 'normal', 'student' (3 dof) or 'hetero' (growing with the first feature)."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    mean = (np.sin(1.5 * x[:, 0]) + 0.6 * x[:, 1] * x[:, 2] + 0.5 * np.abs(x[:, 3]) - 0.4 * x[:, 4]
            + 0.3 * np.tanh(2 * x[:, 5]))
    if noise == "student":
        e = scale * r.standard_t(3, size=n)
    elif noise == "hetero":
        e = scale * (0.3 + np.abs(x[:, 0])) * r.normal(size=n)
    else:
        e = scale * r.normal(size=n)
    return x, _std(mean + e)[:, None]


def hedge_traces(n, seed, length=40, classes=3, flip=0.0):
    """40 readings along a hedge line, three kinds (sound, gapped: a dip, overgrown: a slow
    rise); `flip` of the hayward's calls are wrong."""
    r = _rng(seed)
    y = r.integers(0, classes, n)
    t = np.linspace(0, 1, length)
    x = np.empty((n, length, 1), dtype="float32")
    for k in range(n):
        s = 0.3 * np.sin(2 * np.pi * (r.uniform(1, 3) * t + r.uniform()))
        if y[k] == 1:
            c = r.uniform(0.2, 0.8)
            s = s - 1.2 * np.exp(-0.5 * ((t - c) / 0.05) ** 2)
        elif y[k] == 2:
            s = s + r.uniform(0.6, 1.2) * t
        x[k, :, 0] = s + 0.3 * r.normal(size=length)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, classes, n)) % classes, y)
    return x, y


def stray_sets(n, seed, length=10, noise=0.3):
    """Ten strays in a pound (each: weight, age, days held), in no fixed order; the target is the
    pound fee owed (standardised), a mean of per-animal marks plus the oldest one's weight."""
    r = _rng(seed)
    x = r.normal(size=(n, length, 3)).astype("float32")
    old = x[np.arange(n), x[:, :, 1].argmax(axis=1), 0]
    y = 2.0 * np.tanh(x[:, :, 0] + 0.5 * x[:, :, 2]).mean(axis=1) + 0.5 * old + noise * r.normal(size=n)
    return x, _std(y)[:, None]


def pound_fees(n, seed, parishes=30):
    """A pound's fine (log, standardised) from the owner's parish (30, id) and five numeric
    features, with noise."""
    r = _rng(seed)
    par = r.integers(0, parishes, n)
    effect = r.normal(size=parishes)
    num = r.normal(size=(n, 5)).astype("float32")
    y = effect[par] + 0.6 * num[:, 0] + 0.4 * num[:, 1] * num[:, 2] - 0.3 * num[:, 3] ** 2
    y = y + 0.3 * r.normal(size=n)
    return par.astype("int32"), num, _std(y)[:, None]


def _mlp(keras, dim, hidden, out, out_activation=None, activation="relu", **kw):
    layers = [keras.Input((dim,))]
    layers += [keras.layers.Dense(h, activation=activation, **kw) for h in hidden]
    layers.append(keras.layers.Dense(out, activation=out_activation))
    return keras.Sequential(layers)


# almoners ------------------------------------------------------------------------------------


@holdout99("almoners", healthy=True)
def need_bands_noisy_clerk(session):
    """An applicant's need band (4) from ten household features, a fifth of the clerk's bands
    wrong, MLP 64-64 relu, Adam 1e-3: the loss falls and then flattens well above zero at
    the label noise's floor."""
    keras = _keras()
    x, y = alms_needs(N, seed=9901, flip=0.2)
    model = _mlp(keras, 10, (64, 64), 4, "softmax")
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout99("almoners", healthy=True)
def dole_loaves_poisson(session):
    """Loaves handed out per week (Poisson counts) from six parish features by an MLP 32-32 relu
    with an exponential head under keras's Poisson loss, Adam 2e-3: a fall to the count
    noise's floor, far from zero."""
    keras = _keras()
    x, y = dole_counts(N, seed=9902)
    model = _mlp(keras, 6, (32, 32), 1, "exponential")
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout99("almoners", healthy=True)
def relief_spend_step_decay(session):
    """Next week's relief spend from 30 weekly readings by a GRU(16), Adam under
    PiecewiseConstantDecay (3e-3, then 1e-3 from step 192, then 2e-4 from step 320): a fall,
    a slower stretch, a small further drop after each step of the rate, then the noise floor."""
    keras = _keras()
    x, y = parish_series(N, seed=9903)
    model = keras.Sequential([keras.Input((30, 2)), keras.layers.GRU(16), keras.layers.Dense(1)])
    lr = keras.optimizers.schedules.PiecewiseConstantDecay([192, 320], [3e-3, 1e-3, 2e-4])
    model.compile(keras.optimizers.Adam(lr), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _xgboost_eta(session, broken):
    keras = _keras()
    x, y = alms_needs(N, seed=9904)
    model = _mlp(keras, 10, (64, 64), 4, "softmax", activation="tanh")
    model.compile(keras.optimizers.Adam(0.3 if broken else 1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# Bouncing between ~1.9 and ~2.6 (above ln 4) from about the 32nd step: approximate.
@holdout99("almoners", ["learning_rate_too_high"], stall_begins=32)
def need_bands_adam_eta(session):
    """An applicant's need band (4) from ten household features by an MLP 64-64 tanh,
    Adam(learning_rate=0.3): the 0.3 carried over from the gradient-boosting baseline's eta
    in the same notebook, three hundred times Adam's usual 1e-3; the loss bounces above the
    prior's."""
    return _xgboost_eta(session, True)


def _missing_cells(session, broken):
    keras = _keras()
    x, y = tithe_regression(N, seed=9905)
    # The export left blank cells where a field was not surveyed; pandas reads them as NaN.
    r = _rng(99051)
    rows = np.sort(r.choice(np.arange(300, 1000), 12, replace=False))
    rows[0] = 300
    x = x.copy()
    x[rows, 6] = np.nan
    if not broken:
        x[rows, 6] = 0.0
    model = _mlp(keras, 8, (64, 32), 1)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32, shuffle=False)


# Row 300 is the first blank cell; in the file-order pass it is in the tenth batch: step 10.
@holdout99("almoners", ["non_finite_values"], stall_begins=300 // 32 + 1)
def tithe_blank_cells(session):
    """A tithe assessment from eight field features by an MLP 64-32 relu, Adam 2e-3, in file
    order; twelve rows have a blank cell in the seventh column (a field not surveyed), read
    as NaN and never filled (no fillna, no imputer): from the first batch holding one the
    fit is wrecked and the loss sits flat at about the constant prediction's level."""
    return _missing_cells(session, True)


def _relu_threshold(session, broken):
    keras = _keras()
    x, y = alms_needs(N, seed=9906)
    kw = {"threshold": 6.0} if broken else {"max_value": 6.0}
    model = keras.Sequential([
        keras.Input((10,)),
        keras.layers.Dense(64), keras.layers.ReLU(**kw),
        keras.layers.Dense(64), keras.layers.ReLU(**kw),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout99("almoners", ["dead_relus"], stall_begins=None)
def need_bands_relu6_threshold(session):
    """The need band from ten household features by Dense(64) layers each followed by
    keras.layers.ReLU(threshold=6.0), meant as MobileNet's ReLU6 (which is max_value=6.0):
    the threshold zeroes every pre-activation below 6, which on standardised inputs is all
    of them, so the hidden units output zero and pass no gradient."""
    return _relu_threshold(session, True)


# beadles -------------------------------------------------------------------------------------


@holdout99("beadles", healthy=True)
def pew_carvings_rare_class_weighted(session):
    """A pew-end carving (bars, ring, cross) from a 12 x 12 sketch by a Conv2D 8-16 relu net,
    the crosses one in twelve and weighted up by class_weight, Adam 2e-3: it learns all three
    and ends well below the weighted prior's loss."""
    keras = _keras()
    x, y = pew_images(N, seed=9911, weights=[0.55, 0.37, 0.08])
    counts = np.bincount(y[:-PROBE_SIZE], minlength=3)
    class_weight = {k: float(len(y[:-PROBE_SIZE]) / (3 * max(c, 1))) for k, c in enumerate(counts)}
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    (xt, yt), probe = (x[:-PROBE_SIZE], y[:-PROBE_SIZE]), (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(xt, yt, epochs=10, batch_size=32, verbose=0, class_weight=class_weight,
                        callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout99("beadles", healthy=True)
def sermon_themes_embedding_noisy(session):
    """A sermon note's theme (3) from 24 word tokens by Embedding(60, 16) with global average
    pooling and a Dense 32 relu, 15% of the themes wrong, RMSprop 2e-3: a fall, then a floor
    set by the wrong labels."""
    keras = _keras()
    x, y = sermon_tokens(N, seed=9912, flip=0.15)
    model = keras.Sequential([
        keras.Input((24,), dtype="int32"),
        keras.layers.Embedding(60, 16),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.RMSprop(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout99("beadles", healthy=True)
def tithe_huber_loop(session):
    """Hand-written GradientTape loop: a tithe assessment from eight field features with
    Student-t (3 dof) noise, MLP 64-64 relu under Huber loss (delta 1), Adam 2e-3: a quick
    fall, then a flat floor set by the heavy-tailed noise."""
    keras = _keras()
    x, y = tithe_regression(N, seed=9913, noise="student", scale=0.4)
    model = _mlp(keras, 8, (64, 64), 1)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), keras.losses.Huber(1.0),
                        x, y, epochs=10, batch_size=32, seed=9913)


def _no_activation(session, broken):
    keras = _keras()
    x, y = ring_points(N, seed=9915, dim=4)
    act = None if broken else "relu"
    model = _mlp(keras, 4, (64, 64), 1, "sigmoid", activation=act)
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x, y.astype("float32"), epochs=10, batch_size=32)


@holdout99("beadles", ["insufficient_capacity"], stall_begins=None)
def bell_rope_rings_no_activation(session):
    """Inner or outer ring of bell-rope positions from four features by Dense(64), Dense(64)
    and a sigmoid head, the hidden layers written without an activation argument (Keras's
    default is linear): the stack is one linear map, which cannot separate two rings."""
    return _no_activation(session, True)


def _deep_sigmoid(session, broken):
    keras = _keras()
    x, y = alms_needs(N, seed=9916)
    act = "sigmoid" if broken else "relu"
    model = _mlp(keras, 10, (32,) * 10, 4, "softmax", activation=act)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# It reaches the prior (ln 4) in ~16 steps and nothing after: approximate.
@holdout99("beadles", ["vanishing_gradients"], stall_begins=16)
def poor_roll_deep_sigmoid(session):
    """The need band of a poor-roll entry from ten features by ten Dense(32, 'sigmoid') layers
    (a textbook sigmoid network made deeper 'for more capacity'), SGD 0.05 momentum 0.9: the
    gradient shrinks by at least a quarter per layer and the first layers barely move."""
    return _deep_sigmoid(session, True)


# haywards ------------------------------------------------------------------------------------


@holdout99("haywards", healthy=True)
def strays_small_pound_book(session):
    """The pound fee owed for a pen of ten strays, only 192 pens in the book (128 more held out
    as the probe), by an MLP 128-128 relu on the flattened pen, Adam 2e-3, 30 epochs of 12
    steps: the training loss keeps falling towards zero as the net memorises the book."""
    keras = _keras()
    x, y = stray_sets(192 + PROBE_SIZE, seed=9921)
    x = x.reshape(len(x), -1)
    model = _mlp(keras, 30, (128, 128), 1)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=30, batch_size=16)


@holdout99("haywards", healthy=True)
def strays_attention_warmup_cosine(session):
    """The pound fee owed from ten strays in no fixed order by one MultiHeadAttention block (2
    heads, key dim 8) with mean pooling, AdamW under CosineDecay with a 64-step warm-up to
    2e-3: slow while the rate warms up, then a fall to the noise's floor."""
    keras = _keras()
    x, y = stray_sets(N, seed=9922)
    inp = keras.Input((10, 3))
    h = keras.layers.Dense(16)(inp)
    a = keras.layers.MultiHeadAttention(2, 8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(1)(h))
    lr = keras.optimizers.schedules.CosineDecay(0.0, 320, warmup_target=2e-3, warmup_steps=64)
    model.compile(keras.optimizers.AdamW(lr, weight_decay=1e-4), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout99("haywards", healthy=True)
def hedge_noisy_reduce_on_plateau(session):
    """The kind of a hedge line from 40 readings by a Conv1D 16-32 relu net, 15% of the
    hayward's calls wrong, SGD 0.05 momentum 0.9 with ReduceLROnPlateau(factor 0.3, patience
    1) on the training loss: it learns, wobbles on a plateau, and improves a little after
    each cut to the label noise's floor."""
    keras = _keras()
    x, y = hedge_traces(N, seed=9923, flip=0.15)
    model = keras.Sequential([
        keras.Input((40, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    cb = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=1, min_delta=0.01)
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[cb])


def _gru_tiny_rate(session, broken):
    keras = _keras()
    x, y = parish_series(N, seed=9924)
    model = keras.Sequential([keras.Input((30, 2)), keras.layers.GRU(24),
                              keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-6 if broken else 1e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout99("haywards", ["learning_rate_too_low"], stall_begins=None)
def field_count_gru_fine_tune_rate(session):
    """Next week's straying count (standardised) from 30 weekly readings by a GRU(24) trained
    from scratch with Adam(1e-6), the rate copied from a fine-tuning tutorial:
    each step moves the weights by a hair and the loss stays where it started."""
    return _gru_tiny_rate(session, True)


def _relu_rnn(session, broken):
    keras = _keras()
    x, y = parish_series(N, seed=9925, length=60)
    model = keras.Sequential([keras.Input((60, 2)), keras.layers.SimpleRNN(64, activation="relu"),
                              keras.layers.Dense(1)])
    kw = {} if broken else {"clipnorm": 1.0}
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9, **kw), "mse")
    return _fit(session, model, x, y, epochs=6, batch_size=32)


# The loss climbs from the second step (0.84, 39, 225) and is NaN from step 4: from the start.
@holdout99("haywards", ["exploding_gradients", "non_finite_values"], stall_begins=None)
def field_levels_relu_rnn(session):
    """Next week's hay level (standardised) from 60 weekly cumulative readings by
    SimpleRNN(64, activation='relu') ('relu trains better than tanh'), SGD 0.05 momentum 0.9,
    the clipnorm=1.0 of the RNN recipe left out: the unbounded state multiplies through 60
    steps, the gradient blows up and the weights overflow to NaN."""
    return _relu_rnn(session, True)


# pinders -------------------------------------------------------------------------------------


@holdout99("pinders", healthy=True)
def impound_fee_quantile(session):
    """The 0.9 quantile of a pound fee from eight features with noise that grows with the
    first feature, MLP 64-64 relu under the pinball loss, Adam 2e-3: the loss falls and
    flattens far above zero, the pinball loss's floor."""
    keras = _keras()
    x, y = tithe_regression(N, seed=9931, noise="hetero", scale=0.6)
    q = 0.9

    def pinball(yt, yp):
        e = yt - yp
        return keras.ops.mean(keras.ops.maximum(q * e, (q - 1) * e), axis=-1)

    model = _mlp(keras, 8, (64, 64), 1)
    model.compile(keras.optimizers.Adam(2e-3), pinball)
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout99("pinders", healthy=True)
def pound_fine_two_inputs(session):
    """A pound's fine from the owner's parish (Embedding 30 x 8) and five numeric features, two
    inputs, MLP 64-32 relu, Nadam 2e-3: a steady fall to the noise floor."""
    keras = _keras()
    par, num, y = pound_fees(N, seed=9932)
    pi = keras.Input((1,), dtype="int32")
    ni = keras.Input((5,))
    e = keras.layers.Flatten()(keras.layers.Embedding(30, 8)(pi))
    h = keras.layers.Concatenate()([e, ni])
    h = keras.layers.Dense(64, activation="relu")(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([pi, ni], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Nadam(2e-3), "mse")
    return _fit_inputs(session, model, [par[:, None], num], y, epochs=12, batch_size=32)


@holdout99("pinders", healthy=True)
def hedge_lstm_slow_adam(session):
    """The kind of a hedge line from 40 readings by an LSTM(16) under Adam 5e-4: a long, slow
    descent that is still going at the end of twelve epochs."""
    keras = _keras()
    x, y = hedge_traces(N, seed=9933)
    model = keras.Sequential([keras.Input((40, 1)), keras.layers.LSTM(16),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(5e-4), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _heavy_l2(session, broken):
    keras = _keras()
    x, y = alms_needs(N, seed=9935)
    reg = keras.regularizers.l2(0.1 if broken else 1e-4)
    model = keras.Sequential([
        keras.Input((10,)),
        keras.layers.Dense(64, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(64, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(4, activation="softmax", kernel_regularizer=reg),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# The penalty has pulled the loss down to the prior by ~step 208, flat after: approximate.
@holdout99("pinders", ["over_regularization"], stall_begins=208)
def pinfold_class_l2_point_one(session):
    """A stray's class (4) from ten features by an MLP 64-64 relu with
    kernel_regularizer=l2(0.1) on every layer (the ridge penalty's 0.1 from a scikit-learn
    habit, but keras adds 0.1 * sum(w^2) per layer to every batch's loss): the penalty pins
    the weights near zero and the fit stops near the prior."""
    return _heavy_l2(session, True)


def _zero_kernels(session, broken):
    keras = _keras()
    x, y = tithe_regression(N, seed=9936)
    init = "zeros" if broken else "glorot_uniform"
    model = _mlp(keras, 8, (64, 64), 1, kernel_initializer=init)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout99("pinders", ["poor_initialization"], stall_begins=None)
def stray_value_zero_kernels(session):
    """A stray's value (standardised) from eight features by an MLP 64-64 relu with
    kernel_initializer='zeros' on every layer ('start from a neutral model'), Adam 2e-3: every
    hidden unit is zero and gets a zero gradient, so only the output bias learns (the mean)."""
    return _zero_kernels(session, True)
