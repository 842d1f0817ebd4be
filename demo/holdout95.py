"""The ninety-fifth held-out catalogue: written by someone who did not read the engine or run
the diagnosis on these runs, and scored once.

It was written from the mistakes practitioners most often report (forum questions, issue
trackers, tutorials gone wrong), without reading the engine's detectors or thresholds, without
running the diagnosis, and without reading the earlier held-out catalogues. Every scenario was
checked only from its own loss curve (Keras History and a per-step loss recovered from the
running mean, in a throwaway script with the runner's seed), and every broken one against the
same model trained without its mistake (each helper `_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Chamberlains: a cellar bottle's value from eight
features with scatter that grows with the first feature, an MLP under a staircase
ExponentialDecay (steps down at each halving, then the noise floor); which room rang on the
servants' bell board from 40 ticks by a Conv1D net, a fifth of the footman's calls wrong; next
week's larder draw from 24 days of stock by a GRU in a hand-written GradientTape loop under the
Huber loss. Butlers: the kind of household month from ten account features, classes 70/20/7/3
weighted back by class_weight (a slow descent still going at the end); a dinner order's course
from 16 dish tokens by an Embedding with average pooling under RMSprop and ReduceLROnPlateau;
only 192 accounts memorised by an MLP 128-128 over 45 short epochs. Cooks: silver photographs
(tarnish, scratch, clean) by a small CNN under Adam with a linear warm-up and cosine decay, a
tenth of the labels wrong; the 0.9 quantile of the larder draw by an LSTM under the pinball
loss (flat far above zero); broken plates per week (Poisson) from the maid's id (Embedding) and
six workload features, two inputs, keras's Poisson loss (negative: it leaves out log y!).
Scullions: the bottle's value from its features as eight tokens through a MultiHeadAttention
block, mean absolute error against Student-t scatter under AdamW; the bell board again in a
hand-written RMSprop loop, a tenth of the calls wrong; the dinner course by Embedding and a GRU
under plain SGD 0.5 (a plateau near ln 3 for three epochs, then a long descent still going).

The broken half, one root cause each: Adam(learning_rate=0.1) copied from an SGD tutorial
(learning rate too high); '1e-3' typed as '1e-7' for an LSTM's Adam (learning rate too low); a
ten-layer sigmoid MLP with Keras's 'random_normal' initializer under SGD (vanishing gradients);
a relu SimpleRNN over 50 steps with recurrent Orthogonal(gain=1.5), a 'relu gain' carried over
from feed-forward layers, and clipnorm=1.0 added so it would not go NaN (exploding gradients:
the starting gradient norm is about a hundred times that of the tanh RNN with gain 1); ReLU
(threshold=6.0) written for ReLU6, whose argument is max_value (dead ReLUs); Rescaling(255.0)
in front of a tanh CNN on images already in [0, 1], read as 'divide by 255' (saturated
activations); an MLP fed the loader's 0-255 pixels with the '/ 255.0' left out, under SGD with
momentum (unnormalised inputs; every hidden relu is zero on every probe example after the first
epoch, none is with scaled pixels, so dead ReLUs is listed second); a sigmoid output kept from a
classification notebook for a price in pounds under MSE (loss/activation mismatch);
Dense layers with no activation= (Keras's default is linear) on two concentric rings
(insufficient capacity); l2(0.1) on every kernel of a Conv1D net (over-regularisation);
kernel_initializer='zeros' on every Dense layer of an MLP (poor initialisation); np.log instead
of np.log1p on a count column that holds a few zeros (non-finite values).

Dropped or replaced because they did not behave as intended: Dense(1, activation='softmax')
under binary cross-entropy for the mismatch (it trained exactly as the sigmoid head: Keras 3
computes the loss from the logits it keeps on the softmax output); the relu RNN at
Orthogonal(gain=3.0) (its loss started near 1e13 and kept falling by orders of magnitude; 1.5
kept); a raw tabular export in pence, tenths of a degree and days into an MLP under SGD
(1e-9, 1e-10) and under Adam for the unnormalised inputs (the loss came down from 1e5 and was
still falling at ~230; a raw export into a softmax classifier bounced between ~17 and ~90
rather than sitting; a 'year' column around 1960 with Adam kept falling; the pixel MLP kept);
Dropout(0.9) from TF1's keep_prob for the over-regularisation (still falling, 1.31 -> 1.24
in the last epochs, against 0.03 for Dropout(0.1)), and l2(0.1) and l2(1.0) under Adam 1e-3
(the penalty still decaying at the end; l2(0.1) under Adam 1e-2 kept, which sits at ln 3 by
the third epoch). Among the healthy runs the attention block first pooled its tokens by their
mean (it barely beat the constant prediction, 0.73 against 0.78; flattened kept) and the GRU
under SGD 0.05 did not leave ln 3 in ten epochs (SGD 0.5 kept).

With the runner's seed, `fit` visits the examples in the same order every epoch, so several
runs show a sawtooth within each epoch. Labels follow `scenarios.py`: `expected_causes[0]` is
the root cause the scenario was built around, a second cause only where that symptom is
genuinely present too (the 0-255 pixel MLP: every hidden unit dead on the probe);
`stall_begins` is the optimizer step from which the loss stops improving (None: from the
start), exact where an event of the scenario causes it (the first log 0 = -inf, read in file
order, in step 12), otherwise read off the per-step loss and marked approximate."""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("chamberlains", "butlers", "cooks", "scullions")

REGISTRY = []

holdout95 = registrar(REGISTRY)

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


def household_accounts(n, seed, dim=10, classes=4, flip=0.0, weights=None):
    """A household's monthly account (ten features: spending on kitchen, cellar, stables,
    wages...) classed into one of `classes` kinds of month; the class is the argmax of
    nonlinear scores. `flip` of the steward's calls are wrong; `weights` skews the classes."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    w = r.normal(size=(dim, classes))
    v = r.normal(size=(dim, classes))
    s = np.tanh(x @ w) + 0.6 * np.sin(x @ v)
    if weights is not None:
        s = s + np.log(np.asarray(weights, dtype=float))[None, :] * 1.5
    y = s.argmax(axis=1)
    wrong = r.random(n) < flip
    y = np.where(wrong, r.integers(0, classes, n), y)
    return x, y.astype("int64")


def cellar_values(n, seed, dim=8, noise=0.4, kind="normal"):
    """A cellar bottle's value (standardised) from eight features (vintage, grape, storage,
    label...), smooth and nonlinear, with the merchant's scatter: normal, heteroscedastic
    ('hetero') or heavy-tailed Student-t ('t')."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    m = (np.sin(1.5 * x[:, 0]) + 0.7 * x[:, 1] * x[:, 2] + 0.5 * np.abs(x[:, 3]) - 0.4 * x[:, 4]
         + 0.3 * np.tanh(2 * x[:, 5]))
    if kind == "hetero":
        e = (0.1 + 0.5 * np.abs(x[:, 0])) * r.normal(size=n)
    elif kind == "t":
        e = noise * r.standard_t(2.5, size=n)
    else:
        e = noise * r.normal(size=n)
    return x, _std(m + e)[:, None]


def bell_pulls(n, seed, length=40, classes=3, flip=0.0):
    """The servants' bell board over 40 ticks: which room rang (3 classes: a short double
    ring, a long ring, a rising jangle somewhere in the trace) with board noise; `flip` of the
    footman's calls are wrong."""
    r = _rng(seed)
    y = r.integers(0, classes, n)
    t = np.arange(length)
    x = (0.3 * r.normal(size=(n, length, 1))).astype("float32")
    for k in range(n):
        c = r.integers(5, length - 10)
        if y[k] == 0:
            x[k, c:c + 2, 0] += 1.5
            x[k, c + 4:c + 6, 0] += 1.5
        elif y[k] == 1:
            x[k, c:c + 8, 0] += 1.0
        else:
            x[k, c:c + 8, 0] += np.linspace(0, 2, 8) * np.sign(np.sin(t[c:c + 8] * 2.5))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, classes, n)) % classes, y)
    return x, y.astype("int64")


def larder_series(n, seed, length=24, noise=0.3):
    """24 days of two larder stock channels (random walks); the target is the next week's
    draw (standardised) with the cook's own scatter."""
    r = _rng(seed)
    x = np.cumsum(0.3 * r.normal(size=(n, length, 2)), axis=1).astype("float32")
    y = 0.8 * x[:, -1, 0] - 0.5 * x[:, -7:, 1].mean(axis=1) + 0.3 * np.tanh(x[:, :, 0].mean(axis=1))
    y = y + noise * r.normal(size=n)
    return x, _std(y)[:, None]


def silver_tiles(n, seed, size=12, classes=3, flip=0.0):
    """12 x 12 photographs of a piece of silver: tarnish spot, scratch line, or clean with
    glare; noise; values in [0, 1] as an image loader gives them. `flip` labels wrong."""
    r = _rng(seed)
    y = r.integers(0, classes, n)
    i, j = np.mgrid[0:size, 0:size]
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        ci, cj = r.integers(3, size - 3, 2)
        if y[k] == 0:
            t = ((i - ci) ** 2 + (j - cj) ** 2 < 5).astype(float)
        elif y[k] == 1:
            t = ((np.abs(i - j - (ci - cj)) < 1) & (np.abs(i - ci) < 4)).astype(float)
        else:
            t = 0.5 * np.exp(-((i - ci) ** 2 + (j - cj) ** 2) / 12.0)
        x[k, :, :, 0] = np.clip(0.3 + 0.6 * t + 0.12 * r.normal(size=(size, size)), 0, 1)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, classes, n)) % classes, y)
    return x, y.astype("int64")


def menu_tokens(n, seed, length=16, vocab=40, classes=3):
    """A dinner order as 16 dish tokens (vocabulary 40, 0 for padding); the course it
    belongs to (3) is set by which dish group dominates it."""
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
        x[k, r.integers(10, length + 1):] = 0
    return x, y.astype("int64")


def breakage_counts(n, seed, dim=6, kinds=12):
    """Plates broken in a scullery week (Poisson) from the maid's id (12) and six workload
    features."""
    r = _rng(seed)
    kid = r.integers(0, kinds, n)
    eff = 0.5 * r.normal(size=kinds)
    x = r.normal(size=(n, dim)).astype("float32")
    rate = np.exp(0.7 + eff[kid] + 0.4 * x[:, 0] - 0.3 * x[:, 1] + 0.3 * np.sin(2 * x[:, 2]))
    return kid.astype("int32"), x, r.poisson(rate).astype("float32")[:, None]


def rings(n, seed, noise=0.15):
    """Two interleaved rings in the plane (which wing of the house a tray goes to), a
    nonlinear boundary; a little noise."""
    r = _rng(seed)
    y = r.integers(0, 2, n)
    a = r.uniform(0, 2 * np.pi, n)
    rad = np.where(y == 1, 1.0, 2.0) + noise * r.normal(size=n)
    x = np.stack([rad * np.cos(a), rad * np.sin(a)], axis=1)
    x = np.concatenate([x, 0.5 * r.normal(size=(n, 4))], axis=1)
    return x.astype("float32"), y.astype("int64")


def cue_sequences(n, seed, length=50):
    """A bell-wire's tension over 50 ticks; whether the pull was from upstairs depends on
    the sign of the first five ticks' sum, the rest is noise."""
    r = _rng(seed)
    x = (0.5 * r.normal(size=(n, length, 1))).astype("float32")
    y = (x[:, :5, 0].sum(axis=1) > 0).astype("int64")
    return x, y


# chamberlains -----------------------------------------------------------------------------------


@holdout95("chamberlains", healthy=True)
def cellar_staircase(session):
    """A cellar bottle's value (standardised) from eight features with merchant's scatter that
    grows with the first feature (heteroscedastic), MLP 64-64 relu, Adam under
    ExponentialDecay(3e-3, 64 steps, 0.5, staircase=True): the loss drops in steps at each
    halving and flattens at the noise floor, well above zero."""
    keras = _keras()
    x, y = cellar_values(N, seed=9501, kind="hetero")
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    lr = keras.optimizers.schedules.ExponentialDecay(3e-3, 64, 0.5, staircase=True)
    model.compile(keras.optimizers.Adam(lr), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout95("chamberlains", healthy=True)
def bell_board_noisy(session):
    """Which room rang from 40 ticks of the bell board, 20% of the footman's calls wrong,
    Conv1D 16-32 relu with global max pooling, Adam 2e-3: it learns the rings and then sits
    at the label noise's floor."""
    keras = _keras()
    x, y = bell_pulls(N, seed=9502, flip=0.2)
    model = keras.Sequential([
        keras.Input((40, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout95("chamberlains", healthy=True)
def larder_huber_loop(session):
    """Hand-written GradientTape loop: next week's larder draw from 24 days of two stock
    channels by a GRU(16), Huber loss (delta 1) against the cook's scatter, Adam 3e-3: a quick
    fall, then a flat floor far above zero."""
    keras = _keras()
    x, y = larder_series(N, seed=9503, noise=0.5)
    model = keras.Sequential([keras.Input((24, 2)), keras.layers.GRU(16), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), keras.losses.Huber(1.0),
                        x, y, epochs=8, batch_size=32, seed=9503)


def _accounts_adam_point_one(session, broken):
    keras = _keras()
    x, y = household_accounts(N, seed=9504)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(LR_HIGH if broken else 1e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


LR_HIGH = 0.1
LR_HIGH_STALL = 48  # approximate, read off the per-step loss


@holdout95("chamberlains", ["learning_rate_too_high"], stall_begins=LR_HIGH_STALL)
def accounts_adam_point_one(session):
    """The kind of month from ten account features, MLP 64-64 relu softmax, Adam with
    learning_rate=0.1 copied from an SGD tutorial's setting: the loss jumps about near the
    chance level instead of falling."""
    return _accounts_adam_point_one(session, True)


def _larder_lr_typo(session, broken):
    keras = _keras()
    x, y = larder_series(N, seed=9505, noise=0.3)
    model = keras.Sequential([keras.Input((24, 2)), keras.layers.LSTM(24),
                              keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-7 if broken else 1e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout95("chamberlains", ["learning_rate_too_low"], stall_begins=None)
def larder_lr_typo(session):
    """Next week's larder draw from 24 days of stock by an LSTM(24), MSE, Adam with
    learning_rate=1e-7 (a '1e-3' typed as '1e-7'): the loss sits at the variance of the
    target for the whole run."""
    return _larder_lr_typo(session, True)


def _deep_sigmoid_accounts(session, broken):
    keras = _keras()
    x, y = household_accounts(N, seed=9506, classes=3)
    act = "sigmoid" if broken else "relu"
    init = "random_normal" if broken else "he_normal"
    layers = [keras.Input((10,))]
    layers += [keras.layers.Dense(48, activation=act, kernel_initializer=init) for _ in range(10)]
    layers.append(keras.layers.Dense(3, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout95("chamberlains", ["vanishing_gradients"], stall_begins=None)
def deep_sigmoid_accounts(session):
    """The kind of month (3) from ten account features by a ten-layer MLP of 48 sigmoid units
    with Keras's 'random_normal' initializer (a 2014 tutorial's stack made 'deeper to help'),
    SGD 0.05 momentum 0.9: the gradients reaching the first layers are vanishingly small and
    the loss sits at ln 3."""
    return _deep_sigmoid_accounts(session, True)


# butlers ----------------------------------------------------------------------------------------


@holdout95("butlers", healthy=True)
def accounts_imbalanced_weighted(session):
    """The kind of month (4) from ten account features, the classes 70/20/7/3 and weighted
    back by class_weight, MLP 32-32 relu, Adam 2e-3: learns steadily and flattens at a
    weighted loss well above zero."""
    keras = _keras()
    x, y = household_accounts(N, seed=9507, weights=[0.7, 0.2, 0.07, 0.03], flip=0.05)
    counts = np.bincount(y[:-PROBE_SIZE], minlength=4).astype(float)
    cw = {k: float(len(y[:-PROBE_SIZE]) / (4 * max(c, 1.0))) for k, c in enumerate(counts)}
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit_weighted(session, model, x, y, epochs=12, batch_size=32, class_weight=cw)


@holdout95("butlers", healthy=True)
def menu_embedding_plateau(session):
    """The course of a dinner order from 16 dish tokens by Embedding(40, 16), global average
    pooling and a Dense 16 relu head, RMSprop 1e-3 with ReduceLROnPlateau(factor 0.3,
    patience 1): learns, the rate is cut when it levels off, and it improves a little more."""
    keras = _keras()
    x, y = menu_tokens(N, seed=9508)
    model = keras.Sequential([keras.Input((16,), dtype="int32"), keras.layers.Embedding(40, 16),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.RMSprop(1e-3), "sparse_categorical_crossentropy")
    cb = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=1, min_delta=0.01)
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[cb])


@holdout95("butlers", healthy=True)
def small_accounts_overfit(session):
    """Only 192 monthly accounts with 10% wrong calls, MLP 128-128 relu, Adam 2e-3 over 45
    short epochs: the training loss keeps falling as the net memorises the book."""
    keras = _keras()
    x, y = household_accounts(192 + PROBE_SIZE, seed=9509, flip=0.1)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=45, batch_size=32)


def _relu_rnn_gain(session, broken):
    keras = _keras()
    x, y = cue_sequences(N, seed=9510)
    rinit = keras.initializers.Orthogonal(gain=1.5 if broken else 1.0)
    model = keras.Sequential([keras.Input((50, 1)),
                              keras.layers.SimpleRNN(32, activation="relu" if broken else "tanh",
                                                     recurrent_initializer=rinit),
                              keras.layers.Dense(1, activation="sigmoid")])
    opt = keras.optimizers.SGD(1e-3, momentum=0.9, clipnorm=1.0)
    model.compile(opt, "binary_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout95("butlers", ["exploding_gradients"], stall_begins=None)
def relu_rnn_gain(session):
    """Whether a bell-wire pull came from upstairs, from 50 ticks, by SimpleRNN(32,
    activation='relu') with recurrent Orthogonal(gain=1.5) (a 'gain for relu' carried over from
    feed-forward layers), SGD 1e-3 momentum 0.9 with clipnorm=1.0 so the loss does not go NaN:
    the gradient norm at the start is about a hundred times that of a tanh RNN with gain 1,
    grown over the 50 recurrent steps; the clipped steps lead nowhere and the loss sits at
    ln 2."""
    return _relu_rnn_gain(session, True)


def _relu_threshold_typo(session, broken):
    keras = _keras()
    x, y = household_accounts(N, seed=9511)
    act = (lambda: keras.layers.ReLU(threshold=6.0)) if broken else (lambda: keras.layers.ReLU(max_value=6.0))
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64), act(),
                              keras.layers.Dense(64), act(),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout95("butlers", ["dead_relus"], stall_begins=None)
def relu_threshold_typo(session):
    """The kind of month from ten account features, MLP of Dense 64 layers each followed by
    keras.layers.ReLU(threshold=6.0), meant as ReLU6 (max_value=6.0): almost no unit's input
    exceeds 6, so the hidden units output zero and pass no gradient; the loss sits near
    ln 4."""
    return _relu_threshold_typo(session, True)


def _silver_rescaling(session, broken):
    keras = _keras()
    x, y = silver_tiles(N, seed=9512)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Rescaling(255.0 if broken else 1.0),
        keras.layers.Conv2D(16, 3, activation="tanh", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="tanh", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout95("butlers", ["saturated_activations"], stall_begins=None)
def silver_rescaling(session):
    """Tarnish, scratch or clean from 12 x 12 photographs of silver already loaded in [0, 1],
    a Conv2D tanh net that starts with keras.layers.Rescaling(255.0), the argument read as
    'divide by 255' (it multiplies), SGD 0.05 momentum 0.9: the first tanh layer's inputs are
    in the hundreds, its units sit at +-1 and the loss barely moves."""
    return _silver_rescaling(session, True)


# cooks -------------------------------------------------------------------------------------------


@holdout95("cooks", healthy=True)
def silver_warmup_cosine(session):
    """Tarnish, scratch or clean from 12 x 12 photographs of silver, 10% of the labels wrong,
    a small Conv2D relu net, Adam under CosineDecay with a linear warm-up from 1e-4 to 3e-3
    over 64 steps and a cosine to zero: slow for the warm-up, then a steady fall that
    flattens as the rate decays."""
    keras = _keras()
    x, y = silver_tiles(N, seed=9513, flip=0.1)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    lr = keras.optimizers.schedules.CosineDecay(1e-4, decay_steps=256, warmup_target=3e-3,
                                                warmup_steps=64)
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _pinball(tau):
    import keras

    def loss(y_true, y_pred):
        e = y_true - y_pred
        return keras.ops.mean(keras.ops.maximum(tau * e, (tau - 1.0) * e), axis=-1)

    return loss


@holdout95("cooks", healthy=True)
def larder_quantile(session):
    """The 0.9 quantile of next week's larder draw from 24 days of stock by an LSTM(16), the
    pinball loss at tau 0.9 against a wide scatter, Adam 3e-3: it falls and levels off far
    above zero, as a quantile loss must."""
    keras = _keras()
    x, y = larder_series(N, seed=9514, noise=0.8)
    model = keras.Sequential([keras.Input((24, 2)), keras.layers.LSTM(16), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), _pinball(0.9))
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout95("cooks", healthy=True)
def breakage_poisson_two_inputs(session):
    """Plates broken in a week (Poisson counts) from the maid's id (Embedding(12, 4)) and six
    workload features, two inputs joined into a Dense 32 relu and an exponential output,
    keras's Poisson loss, Adam 3e-3: it falls and flattens at the counts' own randomness
    (keras's Poisson loss leaves out the log y! term, so its floor is not zero)."""
    keras = _keras()
    kid, num, y = breakage_counts(N, seed=9515)
    a = keras.Input((1,), dtype="int32")
    b = keras.Input((6,))
    e = keras.layers.Flatten()(keras.layers.Embedding(12, 4)(a))
    h = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([e, b]))
    out = keras.layers.Dense(1, activation="exponential")(h)
    model = keras.Model([a, b], out)
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit_inputs(session, model, [kid[:, None], num], y, epochs=10, batch_size=32)


RAW_PIXEL_STALL = 33  # approximate, read off the per-step loss


def _raw_pixel_mlp(session, broken):
    keras = _keras()
    x, y = silver_tiles(N, seed=9516)
    x = x.reshape(len(x), -1)
    if broken:
        x = np.round(x * 255.0)  # the uint8 values as the image loader gives them
    model = keras.Sequential([keras.Input((144,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x.astype("float32"), y, epochs=10, batch_size=32)


@holdout95("cooks", ["unnormalized_inputs", "dead_relus"], stall_begins=RAW_PIXEL_STALL)
def raw_pixel_mlp(session):
    """Tarnish, scratch or clean from 12 x 12 photographs of silver flattened into an MLP
    64-32 relu, the pixels fed as the loader's 0-255 values (the '/ 255.0' of the tutorial
    left out), SGD 0.01 momentum 0.9: the first updates are huge, the hidden relus are
    knocked off and the loss sits at ln 3 from the first epoch on."""
    return _raw_pixel_mlp(session, True)


def _sigmoid_price_head(session, broken):
    keras = _keras()
    x, y = cellar_values(N, seed=9517, noise=0.3)
    y = (20.0 + 8.0 * y).astype("float32")  # the price in pounds
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid" if broken else None)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout95("cooks", ["loss_activation_mismatch"], stall_begins=None)
def sigmoid_price_head(session):
    """A bottle's price in pounds (around 20, spread 8) from eight features, MLP 64-32 relu
    with the sigmoid output kept from a classification notebook, MSE: the prediction cannot
    pass 1.0, the sigmoid sits at its top and the loss stays at about 420 for the whole
    run."""
    return _sigmoid_price_head(session, True)


def _linear_stack(session, broken):
    keras = _keras()
    x, y = rings(N, seed=9518)
    act = None if broken else "relu"
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation=act),
                              keras.layers.Dense(64, activation=act),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y.astype("float32"), epochs=10, batch_size=32)


@holdout95("cooks", ["insufficient_capacity"], stall_begins=None)
def linear_stack(session):
    """Which wing a tray goes to (two concentric rings plus four noise features), Dense 64,
    Dense 64 with no activation= given (Keras's default is linear) and a sigmoid head: the
    stack is one linear map, no line separates the rings, the loss sits at ln 2."""
    return _linear_stack(session, True)


# scullions ------------------------------------------------------------------------------------


@holdout95("scullions", healthy=True)
def cellar_attention_mae(session):
    """A bottle's value from eight features seen as eight tokens (value and position
    embedding) by a MultiHeadAttention block (2 heads, 8 dims), flattened into a Dense
    head, mean absolute error against heavy-tailed Student-t scatter, AdamW 2e-3: it falls
    and flattens at the noise's mean absolute size."""
    keras = _keras()
    x, y = cellar_values(N, seed=9519, noise=0.25, kind="t")
    inp = keras.Input((8,))
    t = keras.layers.Reshape((8, 1))(inp)
    t = keras.layers.Dense(16)(t)
    pos = keras.layers.Embedding(8, 16)(keras.ops.arange(8))
    t = t + pos
    a = keras.layers.MultiHeadAttention(2, 8)(t, t)
    t = keras.layers.LayerNormalization()(t + a)
    t = keras.layers.Dense(32, activation="relu")(t)
    h = keras.layers.Flatten()(t)
    out = keras.layers.Dense(1)(h)
    model = keras.Model(inp, out)
    model.compile(keras.optimizers.AdamW(2e-3), "mae")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout95("scullions", healthy=True)
def bell_board_loop(session):
    """Hand-written GradientTape loop: which room rang from 40 ticks, 10% wrong calls, Conv1D
    16 relu with global max pooling, sparse categorical cross-entropy, RMSprop 2e-3: learns
    and flattens at the label noise's floor."""
    keras = _keras()
    x, y = bell_pulls(N, seed=9520, flip=0.1)
    model = keras.Sequential([keras.Input((40, 1)),
                              keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
                              keras.layers.GlobalMaxPooling1D(),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    return _custom_loop(session, model, keras.optimizers.RMSprop(2e-3),
                        keras.losses.SparseCategoricalCrossentropy(), x, y, epochs=10,
                        batch_size=32, seed=9520)


@holdout95("scullions", healthy=True)
def menu_gru_slow_sgd(session):
    """The course of a dinner order from 16 dish tokens by Embedding(40, 8) and a GRU(16),
    plain SGD 0.5: a plateau near ln 3 for about three epochs, then a long descent still
    going at the end of the run."""
    keras = _keras()
    x, y = menu_tokens(N, seed=9521)
    model = keras.Sequential([keras.Input((16,), dtype="int32"), keras.layers.Embedding(40, 8),
                              keras.layers.GRU(16), keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.5), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


L2_STALL = 72  # approximate, read off the per-step loss


def _l2_point_one(session, broken):
    keras = _keras()
    x, y = bell_pulls(N, seed=9522)
    c = 0.1 if broken else 1e-4

    def reg():
        return keras.regularizers.l2(c)

    model = keras.Sequential([
        keras.Input((40, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", kernel_regularizer=reg()),
        keras.layers.Conv1D(32, 3, activation="relu", padding="same", kernel_regularizer=reg()),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(32, activation="relu", kernel_regularizer=reg()),
        keras.layers.Dense(3, activation="softmax", kernel_regularizer=reg()),
    ])
    model.compile(keras.optimizers.Adam(1e-2), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout95("scullions", ["over_regularization"], stall_begins=L2_STALL)
def l2_point_one(session):
    """Which room rang from 40 ticks by a Conv1D 16-32 net and Dense 32 head, every layer with
    kernel_regularizer=l2(0.1), a value from a forum answer about 'stronger regularisation',
    Adam 1e-2: the penalty drives every kernel to zero within the first epochs and the loss
    sits at ln 3 (the fix, l2(1e-4), fits the rings almost perfectly)."""
    return _l2_point_one(session, True)


def _zeros_init(session, broken):
    keras = _keras()
    x, y = larder_series(N, seed=9523)
    init = "zeros" if broken else "glorot_uniform"
    model = keras.Sequential([keras.Input((24, 2)), keras.layers.Flatten(),
                              keras.layers.Dense(64, activation="relu", kernel_initializer=init),
                              keras.layers.Dense(32, activation="relu", kernel_initializer=init),
                              keras.layers.Dense(1, kernel_initializer=init)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout95("scullions", ["poor_initialization"], stall_begins=None)
def zeros_init(session):
    """Next week's larder draw from 24 days of stock, flattened into an MLP 64-32 relu whose
    Dense layers all take kernel_initializer='zeros' ('start from a neutral model'): every
    hidden unit outputs zero with zero gradient, only the output bias learns and the loss
    sits at the target's variance."""
    return _zeros_init(session, True)


LOG_ZERO_ROW = 352  # first zero count, in file order; batch 32, no shuffling: step 12


def _log_of_counts(session, broken):
    keras = _keras()
    kid, num, y = breakage_counts(N, seed=9524)
    r = _rng(9524)
    counts = r.poisson(3.0, size=(N, 1)).astype("float32") + 1.0
    counts[LOG_ZERO_ROW:LOG_ZERO_ROW + 1] = 0.0
    counts[LOG_ZERO_ROW + 200::97] = 0.0
    feat = np.log(counts) if broken else np.log1p(counts)
    x = np.concatenate([num, feat], axis=1).astype("float32")
    model = keras.Sequential([keras.Input((7,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit(session, model, x, y, epochs=6, batch_size=32, shuffle=False)


@holdout95("scullions", ["non_finite_values"], stall_begins=LOG_ZERO_ROW // 32 + 1)
def log_of_counts(session):
    """Plates broken in a week (Poisson) from six workload features and the log of the
    week's deliveries, np.log instead of np.log1p on a count column that holds a few zeros
    (log 0 = -inf), read in file order: the first -inf reaches the net in step 12, the
    weights turn NaN and the loss is NaN from then on."""
    return _log_of_counts(session, True)
