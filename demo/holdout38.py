"""The thirty-eighth held-out catalogue: written by someone who did not read the engine or run the
diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History and the per-step loss, in a throwaway script with the runner's seed), and
every broken one against the same model trained without its mistake (each helper
`_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Drapers: a swatch's weave from 12 x 12 scans by a
CNN, a fifth of the cutter's labels wrong (a slow descent, far above zero); a bolt's price per
yard whose haggling scatter grows with the price, an MLP under Adam with a warm-up and cosine
decay; the dye a cloth takes up against Student-t scatter, a tanh MLP in a hand-written
GradientTape loop under the Huber loss. Loriners: a bit's forging fault from 48 temperature
readings by a Conv1D net, faults 10% and 5% and no class weights; a bit's fit from only 256
horses by an MLP 128-128 that memorises the book over 40 short epochs; a spur's wear from twenty
weekly readings by an LSTM against Laplace scatter under ReduceLROnPlateau. Upholders: a
customer's verdict from note tokens by an Embedding and a MultiHeadAttention block, 15%
misfiled, AdamW; cushion refills (Poisson counts) from the chair style (Embedding) beside four
numeric features, two inputs, an exponential output under keras's Poisson loss (negative: keras
leaves out the log y! term); a seat's firmness by a tanh MLP under plain SGD 0.01, a long slow
descent still going at the end. Plasterers: the 0.8 quantile of a coat's drying time under the
pinball loss against skewed (gamma) draught scatter; a cornice's moulding from a 40-point
profile by a GRU in a hand-written loop under SGD with momentum and PiecewiseConstantDecay, a
tenth of the labels wrong (a steady fall, smoother after the drop, towards the noise's floor);
whether a wall's plaster cracks (8%) from moisture readings by a Conv1D + GRU net with
class_weight (a wait near ln 2, then a fall).

The broken half, one root cause each: the linear scaling rule (rate x batch / base batch)
written without the division, Adam at 1e-2 x 64 = 0.64 on a weave CNN (learning rate too high);
a 4-way softmax head compiled with loss='mse' kept from the shop's regression model, the class
id broadcast against the four probabilities, so the gradient does not depend on the label at all
(loss/activation mismatch); keras L2(1.0) on every kernel, scikit-learn's C=1.0 (an inverse
strength) typed in as the penalty weight (over-regularisation: the loss sits at the target's
variance once the kernels have shrunk); a LearningRateScheduler 'divide by ten every ten epochs'
written as 1e-3 * 0.1 ** epoch, without the // 10 (learning rate too low from the second epoch);
a layer helper that hands the output layer's bias_initializer=Constant(mean of the target), -4
on a log-odds scale, to the hidden relu layers too (dead ReLUs: the loss is flat from the first
step); GlobalAveragePooling1D placed straight after the input of a trace classifier 'so it takes
any length', on traces levelled to mean zero (insufficient capacity: the net sees one constant
number); short notes padded to 80 with pad_sequences(padding='post') and no mask in front of an
LSTM, the deciding token first (vanishing gradients: it stays at ln 2 while pre-padding learns
it in three epochs); CategoryEncoding(output_mode='count') on 600-token reports into a tanh MLP
under SGD with momentum, raw counts (~15 a word) where frequencies were meant (saturated
activations: 82% of the first tanh layer's outputs at +-1 at the start, 99% at the end, none
with the fix; unnormalised inputs the cause of it: the loss first falls, then rises above ln 3
and sits there; with the counts rescaled to frequencies it reaches ~0.06);
TruncatedNormal(stddev=0.02) from a transformer recipe on every kernel of a six-layer relu MLP
without its LayerNorms, under SGD with momentum (poor initialisation: flat from the first step);
a five-digit postcode left as a number (10000-99999) beside standardised job features
(unnormalised inputs); an Arrhenius factor exp(Ea / (R T)) computed in float32 with T in Celsius
where kelvin was meant, which overflows to inf for the sites logged near freezing (non-finite
values: the first layer's weights turn NaN and the loss sits at the target's variance).

Dropped or replaced because they did not behave as intended: the scaling-rule run at Adam 1e-3 x
64 and 3e-3 x 64 (both learnt the weaves as well as or better than the recipe's rate; 1e-2 x 64
kept); the count bag under Adam 1e-3 (the saturated tanh units acted as sign features and it
learnt as well as the frequency fix, ~0.07 against ~0.05; SGD with momentum kept). No exploding-
gradients run is in the set: a job cost written as a keras Multiply of eight factor subnets
(with factors starting near 0 the product's gradients vanished instead, flat from the start;
with factors starting at 1 it learnt under SGD 0.01 and went to NaN under SGD 0.05, diverged,
not stalled, and the log-space fix did no better), SGD(momentum=1.0) read as 'momentum on' on a
tanh MLP (its gradient norm grew twenty-fold but the loss climbed steadily, 0.47 -> 20:
diverging, not stalled; at a lower rate it hovered without a clear growth of the gradients), and
a relu SimpleRNN over 60 steps under its default orthogonal recurrent kernel (it trained like
the tanh cell) were all tried and none stalled with exploding gradients. Not written because
earlier catalogues hold the mechanism: ReLU(threshold=6), Dropout(0.9) as keep_prob, label
smoothing typed as a confidence, a reduction='sum' loss, a Dense(1, activation='softmax') head,
Unix timestamps as a feature, float16 overflow, an LSTM bias_initializer meant for the forget
gate, sigmoid Conv2D towers, residual MLPs without normalisation, relu heads on standardised
targets.

The plasterers therefore hold two broken runs, the other families three. Labels follow
`scenarios.py`: `expected_causes[0]` is the root cause the scenario was built around, a second
cause only where that symptom is genuinely present too (the count bag's raw counts, which are
also unnormalised inputs); `stall_begins` is the optimizer step from which the loss stops
improving (None: from the start), exact where an event of the scenario causes it (the first
infinite factor, in file order, at step 2), otherwise read off the per-step loss and marked
approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("drapers", "loriners", "upholders", "plasterers")

REGISTRY = []

holdout38 = registrar(REGISTRY)

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
    probe = (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(x[:-PROBE_SIZE], y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        verbose=0, class_weight=class_weight, callbacks=session.callbacks(probe))
    return history.history["loss"]


# data ------------------------------------------------------------------------------------------


def cloth_swatches(n, seed, size=12, flip=0.0):
    """12 x 12 grey swatches of four weaves (plain check, twill diagonal, warp stripes, weft
    stripes), random phase, contrast and loom noise; `flip` of the cutter's labels wrong."""
    r = _rng(seed)
    y = r.integers(0, 4, n)
    i, j = np.mgrid[0:size, 0:size]
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        p = r.integers(0, 4)
        period = r.integers(2, 4)
        if y[k] == 0:
            t = ((i // period + j // period + p) % 2)
        elif y[k] == 1:
            t = (((i + j + p) // period) % 2)
        elif y[k] == 2:
            t = (((j + p) // period) % 2)
        else:
            t = (((i + p) // period) % 2)
        x[k, :, :, 0] = r.uniform(0.5, 1.0) * t + 0.4 * r.normal(size=(size, size))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 4, n)) % 4, y)
    return x, y


def bolt_prices(n, seed, dim=8):
    """A bolt of cloth's price per yard (standardised) from eight features (fibre, weight,
    width, dye, finish...), nonlinear, with a merchant's haggling scatter that grows with the
    price."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    mean = (0.9 * x[:, 0] + 0.5 * np.tanh(2 * x[:, 1]) + 0.4 * x[:, 2] * x[:, 3]
            - 0.3 * x[:, 4] ** 2 + 0.3 * np.sin(2 * x[:, 5]))
    y = mean + (0.2 + 0.2 * np.abs(mean)) * r.normal(size=n)
    return x, _std(y)[:, None]


def dye_uptake(n, seed, dim=6):
    """How much dye a cloth takes up (standardised) from six vat settings, with Student-t (3
    dof) scatter from the dyer's colour reading."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    y = (np.tanh(x[:, 0] + 0.5 * x[:, 1]) + 0.5 * x[:, 2] * x[:, 3] - 0.4 * np.abs(x[:, 4])
         + 0.3 * r.standard_t(3, size=n))
    return x, _std(y)[:, None]


def forge_traces(n, seed, length=48, weights=None, equal_means=False):
    """Temperature traces of a bit's forging over 48 readings, three classes: 0 an even heat,
    1 a quench too early (a drop in the second half), 2 a cold spot (a dip then a recovery);
    with `equal_means` every trace is shifted to the same mean, so only its shape tells."""
    r = _rng(seed)
    p = np.asarray(weights if weights is not None else [1, 1, 1], dtype=float)
    y = r.choice(3, n, p=p / p.sum())
    t = np.linspace(0, 1, length)
    x = np.empty((n, length, 1), dtype="float32")
    for k in range(n):
        s = 0.2 * np.sin(2 * np.pi * (t * r.uniform(1, 2) + r.uniform()))
        if y[k] == 1:
            c = r.uniform(0.4, 0.7)
            s = s - r.uniform(0.8, 1.5) * (t > c)
        elif y[k] == 2:
            c = r.uniform(0.2, 0.8)
            s = s - r.uniform(0.8, 1.5) * np.exp(-0.5 * ((t - c) / 0.07) ** 2)
        s = s + 0.2 * r.normal(size=length)
        if equal_means:
            s = s - s.mean()
        x[k, :, 0] = s
    return x, y


def bit_features(n, seed, dim=10, classes=4, flip=0.0):
    """A bit's fit (4 grades) from ten measurements of the horse's mouth and the bit: the
    grade is the argmax of four nonlinear scores; `flip` of the saddler's calls wrong."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    w = r.normal(size=(dim, classes))
    v = r.normal(size=(dim, classes))
    s = np.tanh(x @ w) + 0.4 * (x @ v) ** 2 / dim
    y = s.argmax(axis=1)
    wrong = r.random(n) < flip
    y = np.where(wrong, r.integers(0, classes, n), y)
    return x, y


def spur_wear(n, seed, length=20):
    """Twenty weekly readings (rides, ground hardness, rowel play) of a spur; the target is
    next month's wear (standardised) with the farrier's Laplace scatter."""
    r = _rng(seed)
    x = r.normal(size=(n, length, 3)).astype("float32")
    x[:, :, 2] = np.cumsum(0.3 * x[:, :, 2], axis=1)
    y = (0.6 * x[:, -4:, 0].mean(axis=1) + 0.5 * np.tanh(x[:, :, 1].mean(axis=1) * 3)
         + 0.5 * x[:, -1, 2] + 0.3 * r.laplace(size=n))
    return x, _std(y)[:, None]


def failure_log_odds(n, seed, dim=8):
    """The log-odds that a stirrup iron cracks in a season, from eight metallurgy and use
    features; rare failures, so the log-odds sit around -4, with the assessor's scatter."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    y = (-4.0 + 0.8 * x[:, 0] + 0.6 * np.tanh(2 * x[:, 1]) + 0.5 * x[:, 2] * x[:, 3]
         - 0.4 * x[:, 4] ** 2 + 0.2 * r.normal(size=n))
    return x, y.astype("float32")[:, None]


def review_tokens(n, seed, length=24, vocab=40, flip=0.0):
    """A customer's note on a reupholstered chair as 24 tokens (vocabulary 40): the verdict
    (3 classes) is set by which of three word groups the note uses most; `flip` misfiled."""
    r = _rng(seed)
    groups = r.integers(0, 3, vocab)
    groups[0] = -1
    y = r.integers(0, 3, n)
    x = np.empty((n, length), dtype="int32")
    for k in range(n):
        own = np.flatnonzero(groups == y[k])
        other = np.flatnonzero(groups >= 0)
        m = r.random(length) < 0.4
        x[k] = np.where(m, r.choice(own, length), r.choice(other, length))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 3, n)) % 3, y)
    return x, y


def short_notes(n, seed, vocab=30, max_len=12):
    """Short workshop notes (4 to 12 tokens, vocabulary 30, 0 is padding): whether the job is
    a recover (1) or a repair (0) is set by the first token, the job's code word."""
    r = _rng(seed)
    y = r.integers(0, 2, n)
    notes = []
    for k in range(n):
        m = r.integers(4, max_len + 1)
        body = r.integers(3, vocab, m)
        body[0] = 1 + y[k]
        notes.append(body)
    return notes, y


def pad(notes, length, post):
    x = np.zeros((len(notes), length), dtype="int32")
    for k, s in enumerate(notes):
        if post:
            x[k, :len(s)] = s
        else:
            x[k, length - len(s):] = s
    return x


def cushion_refills(n, seed, styles=25):
    """Cushion refills a customer orders in a year (Poisson counts) from the chair style (25,
    an id) and four numeric features (household, usage, age of the chair, fabric)."""
    r = _rng(seed)
    style = r.integers(0, styles, n)
    effect = 0.5 * r.normal(size=styles)
    num = r.normal(size=(n, 4)).astype("float32")
    rate = np.exp(0.7 + effect[style] + 0.4 * num[:, 0] - 0.3 * num[:, 1]
                  + 0.2 * np.sin(2 * num[:, 2]))
    return style.astype("int32"), num, r.poisson(rate).astype("float32")[:, None]


def stuffing_density(n, seed, dim=10):
    """A seat's firmness (standardised) from ten stuffing features, smooth and nonlinear, with
    the tester's scatter."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    y = (np.sin(x[:, 0]) + 0.6 * x[:, 1] * x[:, 2] + 0.5 * np.abs(x[:, 3]) - 0.4 * x[:, 4]
         + 0.3 * np.tanh(2 * x[:, 5]) + 0.3 * r.normal(size=n))
    return x, _std(y)[:, None]


def drying_times(n, seed, dim=7):
    """Hours until a coat of plaster is dry enough to paint (standardised) from seven room
    features, with a right-skewed (gamma) scatter from draughts."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    y = (0.8 * x[:, 0] + 0.5 * np.tanh(2 * x[:, 1]) + 0.4 * x[:, 2] * x[:, 3]
         + 0.5 * r.gamma(2.0, 0.5, size=n))
    return x, _std(y)[:, None]


def moisture_series(n, seed, length=30, positive=0.5):
    """Thirty daily moisture readings (two channels) of a wall; whether the plaster cracks
    (a fraction `positive` of walls) is set by a run of fast drying late in the record."""
    r = _rng(seed)
    y = (r.random(n) < positive).astype("int64")
    x = (0.5 * r.normal(size=(n, length, 2))).astype("float32")
    x = np.cumsum(0.4 * x, axis=1).astype("float32")
    for k in np.flatnonzero(y):
        s = r.integers(length // 2, length - 6)
        x[k, s:s + 6, 0] -= np.linspace(0.3, 1.5, 6).astype("float32")
    x[:, :, 1] += 0.3 * r.normal(size=(n, length)).astype("float32")
    return x, y


def cornice_profiles(n, seed, length=40, flip=0.0):
    """A cornice's moulding profile over 40 points, four classes (ovolo, cavetto, ogee, bead),
    random scale and noise; `flip` of the catalogue's labels wrong."""
    r = _rng(seed)
    y = r.integers(0, 4, n)
    t = np.linspace(0, 1, length)
    x = np.empty((n, length, 1), dtype="float32")
    for k in range(n):
        a = r.uniform(0.6, 1.2)
        if y[k] == 0:
            s = np.sqrt(np.clip(1 - (t - 1) ** 2, 0, 1))
        elif y[k] == 1:
            s = 1 - np.sqrt(np.clip(1 - t ** 2, 0, 1))
        elif y[k] == 2:
            s = 0.5 - 0.5 * np.cos(np.pi * t)
        else:
            s = np.exp(-0.5 * ((t - r.uniform(0.3, 0.7)) / 0.1) ** 2)
        x[k, :, 0] = a * s + 0.15 * r.normal(size=length)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 4, n)) % 4, y)
    return x, y


# drapers ---------------------------------------------------------------------------------------


@holdout38("drapers", healthy=True)
def swatch_weaves_noisy(session):
    """A swatch's weave (plain, twill, warp stripe, weft stripe) from 12 x 12 grey scans by a
    CNN (Conv2D 8-16 relu, global average pooling), a fifth of the cutter's labels wrong,
    Adam 2e-3: it learns the weaves slowly, still improving at the end, far above zero as
    the label noise allows."""
    keras = _keras()
    x, y = cloth_swatches(N, seed=3801, flip=0.2)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout38("drapers", healthy=True)
def bolt_price_warmup_cosine(session):
    """A bolt's price per yard (standardised) from eight features whose haggling scatter grows
    with the price, MLP 64-64 relu, Adam under CosineDecay with a 64-step warm-up to 3e-3 and
    decay to zero over 384 steps: slow while the rate warms up, a fall, then flat at the
    heteroscedastic noise floor."""
    keras = _keras()
    x, y = bolt_prices(N, seed=3802)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    lr = keras.optimizers.schedules.CosineDecay(0.0, 320, warmup_target=3e-3, warmup_steps=64)
    model.compile(keras.optimizers.Adam(lr), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout38("drapers", healthy=True)
def dye_uptake_huber_loop(session):
    """Hand-written GradientTape loop: the dye a cloth takes up from six vat settings by an MLP
    48-48 tanh, Huber loss (delta 1) against Student-t scatter from the colour reading,
    Adam 2e-3: a steady fall, still going at the end, towards a floor well above zero."""
    keras = _keras()
    x, y = dye_uptake(N, seed=3803)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(48, activation="tanh"),
                              keras.layers.Dense(48, activation="tanh"), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), keras.losses.Huber(1.0),
                        x, y, epochs=10, batch_size=32, seed=3803)


def _swatch_scaled_rate(session, broken):
    keras = _keras()
    x, y = cloth_swatches(N, seed=3804)
    batch_size = 64
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    base = 1e-2
    lr = base * batch_size if broken else base
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=batch_size)


# The first steps throw the loss to ~120; it is back at ~1.4, above ln 4, by step 4 and
# never goes lower: stalled from the start.
@holdout38("drapers", ["learning_rate_too_high"], stall_begins=None)
def swatch_linear_scaling_rule(session):
    """A swatch's weave from 12 x 12 scans by a CNN (Conv2D 16-32 relu, Dense 32), batch 64,
    Adam at 1e-2 * batch_size = 0.64: the linear scaling rule (rate x batch / base batch)
    was written without the division, so Adam runs at 64 times the recipe's rate."""
    return _swatch_scaled_rate(session, True)


def _weave_mse(session, broken):
    keras = _keras()
    x, y = cloth_swatches(N, seed=3805)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    loss = "mse" if broken else "sparse_categorical_crossentropy"
    model.compile(keras.optimizers.Adam(2e-3), loss)
    return _fit(session, model, x, y.astype("float32")[:, None] if broken else y, epochs=10,
                batch_size=32)


@holdout38("drapers", ["loss_activation_mismatch"], stall_begins=None)
def weave_softmax_under_mse(session):
    """A swatch's weave (class ids 0-3) by a CNN with a 4-way softmax head, compiled with
    loss='mse' kept from the shop's regression model: Keras broadcasts the (batch, 1) class
    id against the four probabilities, which can never reach ids 2 or 3 and must sum to 1."""
    return _weave_mse(session, True)


def _bolt_l2(session, broken):
    keras = _keras()
    x, y = bolt_prices(N, seed=3806)
    # sklearn's LogisticRegression / SVR default C=1.0 copied as the penalty weight.
    reg = keras.regularizers.L2(1.0 if broken else 1e-4)
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(64, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(64, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(1, kernel_regularizer=reg),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# The total loss falls only while the penalty shrinks the kernels; from ~step 185 it sits at
# ~1.0, the target's variance: approximate.
@holdout38("drapers", ["over_regularization"], stall_begins=185)
def bolt_price_sklearn_c(session):
    """A bolt's price per yard by an MLP 64-64 relu whose kernels carry
    keras.regularizers.L2(1.0): the 1.0 is scikit-learn's C=1.0 from the linear model the net
    replaced, an inverse penalty strength, typed in as the penalty weight itself."""
    return _bolt_l2(session, True)


# loriners --------------------------------------------------------------------------------------


@holdout38("loriners", healthy=True)
def forge_traces_imbalanced(session):
    """A bit's forging fault (even heat, early quench, cold spot) from 48 temperature readings
    by a Conv1D 16-32 relu net, the faults 10% and 5% and no class weights, Adam 1e-3: it
    first learns the prior, then the faults, and ends at a floor below the prior's loss."""
    keras = _keras()
    x, y = forge_traces(N, seed=3811, weights=[0.85, 0.10, 0.05])
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout38("loriners", healthy=True)
def bit_fit_small_book(session):
    """A bit's fit (4 grades) from ten measurements, only 256 horses in the saddler's book
    (128 more held out as the probe), by an MLP 128-128 relu under Adam 3e-3, 40 epochs of 8
    steps: the training loss falls towards zero as the net memorises the book."""
    keras = _keras()
    x, y = bit_features(256 + PROBE_SIZE, seed=3812)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=32)


@holdout38("loriners", healthy=True)
def spur_wear_reduce_on_plateau(session):
    """Next month's spur wear from twenty weekly readings by an LSTM(16), mean squared error
    against Laplace scatter, Adam 3e-3 with ReduceLROnPlateau(factor 0.3, patience 1) on the
    training loss: a fall, a slowing, a small further gain after each cut, then the floor."""
    keras = _keras()
    x, y = spur_wear(N, seed=3813)
    model = keras.Sequential([keras.Input((20, 3)), keras.layers.LSTM(16),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    cut = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.3, patience=1,
                                            min_delta=0.005)
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[cut])


def _bit_step_decay(session, broken):
    keras = _keras()
    x, y = bit_features(N, seed=3814)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    if broken:
        schedule = lambda epoch, lr: 1e-3 * 0.1 ** epoch  # noqa: E731
    else:
        schedule = lambda epoch, lr: 1e-3 * 0.1 ** (epoch // 10)  # noqa: E731
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32,
                callbacks=[keras.callbacks.LearningRateScheduler(schedule)])


# The rate is 1e-4 in the second epoch; the per-step loss is flat at ~1.15 from ~step 45:
# approximate.
@holdout38("loriners", ["learning_rate_too_low"], stall_begins=45)
def bit_fit_step_decay_every_epoch(session):
    """A bit's fit (4 grades) from ten measurements by an MLP 64-64 relu, Adam with
    LearningRateScheduler(lambda epoch, lr: 1e-3 * 0.1 ** epoch): 'divide by ten every ten
    epochs' written without the // 10, so the rate is 1e-5 from the third epoch on and falls
    tenfold each epoch after."""
    return _bit_step_decay(session, True)


def _stirrup_bias(session, broken):
    keras = _keras()
    x, y = failure_log_odds(N, seed=3815)
    # One keyword set for every layer: the output bias starts at the target's mean, and the
    # helper handed the same kwargs to the hidden layers too.
    start = float(y[:-PROBE_SIZE].mean())
    out_kw = dict(bias_initializer=keras.initializers.Constant(start))
    dense_kw = out_kw if broken else {}
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(64, activation="relu", **dense_kw),
        keras.layers.Dense(64, activation="relu", **dense_kw),
        keras.layers.Dense(1, **out_kw),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout38("loriners", ["dead_relus"], stall_begins=None)
def stirrup_log_odds_shared_bias(session):
    """The log-odds that a stirrup iron cracks (around -4) from eight features by an MLP 64-64
    relu, Adam 1e-3. The output bias was to start at the target's mean, but the layer helper
    passed the same dense_kw, bias_initializer=Constant(-4.0), to the hidden relu layers, so
    nearly every hidden unit starts below zero for every stirrup."""
    return _stirrup_bias(session, True)


def _pooled_first(session, broken):
    keras = _keras()
    x, y = forge_traces(N, seed=3816, equal_means=True)
    layers = [keras.Input((48, 1))]
    if broken:
        # 'Pool first so the net takes traces of any length.'
        layers += [keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(32, activation="relu"),
                   keras.layers.Dense(32, activation="relu")]
    else:
        layers += [keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
                   keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
                   keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(32, activation="relu"),
                   keras.layers.Dense(32, activation="relu")]
    layers.append(keras.layers.Dense(3, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout38("loriners", ["insufficient_capacity"], stall_begins=None)
def forge_traces_pooled_first(session):
    """A bit's forging fault from 48 temperature readings, each trace levelled to mean zero, by
    GlobalAveragePooling1D placed straight after the input ('so the net takes traces of any
    length') and then Dense 32-32 relu: all the net sees of a trace is its mean, the same
    for every trace, so it can learn nothing beyond the class prior."""
    return _pooled_first(session, True)


# upholders -------------------------------------------------------------------------------------


@holdout38("upholders", healthy=True)
def chair_notes_attention_noisy(session):
    """A customer's verdict on a reupholstered chair (3) from 24 note tokens by an Embedding(16)
    and one MultiHeadAttention block (2 heads) with mean pooling, 15% of the notes misfiled,
    AdamW 2e-3: it learns the word groups and ends at the misfiling's floor."""
    keras = _keras()
    x, y = review_tokens(N, seed=3821, flip=0.15)
    inp = keras.Input((24,), dtype="int32")
    h = keras.layers.Embedding(40, 16)(inp)
    a = keras.layers.MultiHeadAttention(2, 8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(3, activation="softmax")(h))
    model.compile(keras.optimizers.AdamW(2e-3, weight_decay=1e-4),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout38("upholders", healthy=True)
def cushion_refills_poisson(session):
    """Cushion refills a customer orders in a year (Poisson counts) from the chair style
    (Embedding(25, 4)) beside four numeric features, two inputs, an exponential output under
    keras's Poisson loss, Adam 3e-3: the loss falls and flattens at the counts' own Poisson
    scatter (keras's Poisson loss leaves out log y!, so its floor is not zero)."""
    keras = _keras()
    style, num, y = cushion_refills(N, seed=3822)
    s_in = keras.Input((1,), dtype="int32")
    n_in = keras.Input((4,))
    e = keras.layers.Flatten()(keras.layers.Embedding(25, 4)(s_in))
    h = keras.layers.Concatenate()([e, n_in])
    h = keras.layers.Dense(32, activation="relu")(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([s_in, n_in], keras.layers.Dense(1, activation="exponential")(h))
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit_inputs(session, model, [style[:, None], num], y, epochs=10, batch_size=32)


@holdout38("upholders", healthy=True)
def seat_firmness_slow_sgd(session):
    """A seat's firmness from ten stuffing features by an MLP 64-64 tanh under plain SGD 0.01
    (no momentum), 12 epochs: a long, slow descent that is still going at the end."""
    keras = _keras()
    x, y = stuffing_density(N, seed=3823)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(64, activation="tanh"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.01), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _post_padding(session, broken):
    keras = _keras()
    notes, y = short_notes(N, seed=3824)
    x = pad(notes, 80, post=broken)
    model = keras.Sequential([keras.Input((80,), dtype="int32"), keras.layers.Embedding(30, 8),
                              keras.layers.LSTM(16), keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=5, batch_size=32)


@holdout38("upholders", ["vanishing_gradients"], stall_begins=None)
def workshop_notes_post_padding(session):
    """Recover or repair, from a short workshop note (4 to 12 tokens, the job's code word
    first) by Embedding(30, 8) and an LSTM(16), Adam 2e-3. The notes were padded to 80 with
    pad_sequences(padding='post') and no mask: the code word is read and then 68 or more
    padding steps follow before the LSTM's last state, which is all the head sees."""
    return _post_padding(session, True)


def _bag_counts(session, broken):
    keras = _keras()
    r = _rng(3825)
    vocab, length = 40, 600
    groups = r.integers(0, 3, vocab)
    y = r.integers(0, 3, N)
    x = np.empty((N, length), dtype="int32")
    for k in range(N):
        own = np.flatnonzero(groups == y[k])
        m = r.random(length) < 0.08
        x[k] = np.where(m, r.choice(own, length), r.integers(0, vocab, length))
    layers = [keras.Input((length,), dtype="int32"),
              keras.layers.CategoryEncoding(num_tokens=vocab, output_mode="count")]
    if not broken:
        layers.append(keras.layers.Rescaling(1.0 / length * vocab))  # counts as frequencies
    layers += [keras.layers.Dense(64, activation="tanh"), keras.layers.Dense(64, activation="tanh"),
               keras.layers.Dense(3, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# Lowest near step 29 (~0.47), then worse and flat at ~1.12 from the third epoch: approximate.
@holdout38("upholders", ["saturated_activations", "unnormalized_inputs"], stall_begins=29)
def fitting_reports_bag_of_counts(session):
    """The upholsterer's job kind (3) from a 600-token fitting report by
    CategoryEncoding(output_mode='count') into a tanh MLP 64-64, Adam 1e-3: the bag keeps the
    raw counts (each word ~15 times a report), so the first tanh layer starts with 82% of its
    outputs at +-1 on the probe reports and ends with 99% (none with the counts rescaled to
    frequencies, which the tally was meant to be)."""
    return _bag_counts(session, True)


def _bert_init(session, broken):
    keras = _keras()
    x, y = stuffing_density(N, seed=3826)
    init = keras.initializers.TruncatedNormal(stddev=0.02) if broken else "he_normal"
    layers = [keras.Input((10,))]
    layers += [keras.layers.Dense(64, activation="relu", kernel_initializer=init) for _ in range(6)]
    layers.append(keras.layers.Dense(1, kernel_initializer=init))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout38("upholders", ["poor_initialization"], stall_begins=None)
def seat_firmness_bert_init(session):
    """A seat's firmness from ten stuffing features by a six-layer relu MLP (64 wide) whose
    kernels all use TruncatedNormal(stddev=0.02), copied from a transformer recipe where
    LayerNorm follows every block, SGD 0.01 momentum 0.9: each layer shrinks the signal about
    sixfold, so the output and every gradient below the top start near zero."""
    return _bert_init(session, True)


# plasterers ------------------------------------------------------------------------------------


@holdout38("plasterers", healthy=True)
def drying_time_quantile(session):
    """The 0.8 quantile of a coat's drying time from seven room features against right-skewed
    draught scatter, MLP 64-32 relu under the pinball loss at 0.8, Adam 2e-3: it falls and
    flattens far above zero, the pinball loss of the scatter itself."""
    keras = _keras()
    import tensorflow as tf

    x, y = drying_times(N, seed=3831)

    def pinball(yt, yp):
        e = yt - yp
        return tf.reduce_mean(tf.maximum(0.8 * e, -0.2 * e))

    model = keras.Sequential([keras.Input((7,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), pinball)
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout38("plasterers", healthy=True)
def cornice_profiles_step_loop(session):
    """Hand-written GradientTape loop: a cornice's moulding (ovolo, cavetto, ogee, bead) from a
    40-point profile by a GRU(16), a tenth of the labels wrong, SGD with momentum 0.9 under
    PiecewiseConstantDecay (0.05, then 0.01 after step 192): a steady fall, and after the
    drop a smoother approach to the label noise's floor."""
    keras = _keras()
    x, y = cornice_profiles(N, seed=3832, flip=0.1)
    model = keras.Sequential([keras.Input((40, 1)), keras.layers.GRU(16),
                              keras.layers.Dense(4, activation="softmax")])
    lr = keras.optimizers.schedules.PiecewiseConstantDecay([192], [0.05, 0.01])
    return _custom_loop(session, model, keras.optimizers.SGD(lr, momentum=0.9),
                        keras.losses.SparseCategoricalCrossentropy(), x, y, epochs=10,
                        batch_size=32, seed=3832)


@holdout38("plasterers", healthy=True)
def wall_cracks_class_weight(session):
    """Whether a wall's plaster cracks (8% of walls) from thirty daily moisture readings by a
    Conv1D 16 relu layer, max pooling by 2 and a GRU(16), class_weight balancing the rare
    cracks, Adam 2e-3: the weighted loss starts near ln 2, waits there, then falls."""
    keras = _keras()
    x, y = moisture_series(N, seed=3833, positive=0.08)
    counts = np.bincount(y[:-PROBE_SIZE], minlength=2)
    weights = {k: float(len(y[:-PROBE_SIZE]) / (2 * max(c, 1))) for k, c in enumerate(counts)}
    model = keras.Sequential([keras.Input((30, 2)),
                              keras.layers.Conv1D(16, 3, activation="relu", padding="same"),
                              keras.layers.MaxPooling1D(2),
                              keras.layers.GRU(16), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit_weighted(session, model, x, y, epochs=10, batch_size=32, class_weight=weights)


def _postcode(session, broken):
    keras = _keras()
    r = _rng(3835)
    region = r.integers(1, 10, N)
    postcode = region * 10000 + r.integers(0, 10000, N)
    num = r.normal(size=(N, 5))
    effect = r.normal(size=10)
    y = effect[region] + 0.7 * num[:, 0] + 0.4 * num[:, 1] * num[:, 2] - 0.3 * num[:, 3] ** 2
    y = _std(y + 0.2 * r.normal(size=N))[:, None]
    pc = postcode.astype("float64")
    if not broken:
        pc = (pc - pc[:-PROBE_SIZE].mean()) / pc[:-PROBE_SIZE].std()
    x = np.concatenate([pc[:, None], num], axis=1).astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# The loss falls from ~6e6 as the postcode's weights shrink and is flat at ~1.15 from ~step
# 175: approximate.
@holdout38("plasterers", ["unnormalized_inputs"], stall_begins=175)
def job_price_raw_postcode(session):
    """A plastering job's price (standardised) from the customer's five-digit postcode, read
    as a number (10000-99999), beside five standardised job features, MLP 64-64 relu, Adam
    1e-3: the other columns were standardised and the postcode column was left as the CRM
    exported it."""
    return _postcode(session, True)


def _arrhenius(session, broken):
    keras = _keras()
    r = _rng(3836)
    temp_c = r.uniform(8, 30, N)
    # Five sites logged just above freezing (file order: row 45 is the first).
    cold = [45, 300, 517, 902, 1011]
    temp_c[cold] = r.uniform(0.5, 3.0, len(cold))
    humidity = r.uniform(0.3, 0.9, N)
    thick = r.uniform(2, 15, N)
    theta = 600.0  # activation temperature Ea / R of the setting reaction, in kelvin
    y = _std(np.log(thick) + theta / (temp_c + 273.15) * 8 + 1.5 * humidity
             + 0.1 * r.normal(size=N))[:, None]
    # Kelvin meant; the broken pipeline passes the site log's Celsius.
    temp = (temp_c if broken else temp_c + 273.15).astype("float32")
    with np.errstate(over="ignore"):
        factor = np.exp(np.float32(theta) / temp)  # float32: overflows past ~3.4e38
    x = np.stack([factor, humidity, thick], axis=1).astype("float32")
    # The pipeline's scaler, fitted on the finite rows (it skips NaN / inf when fitting).
    finite = np.isfinite(x).all(axis=1)
    mu, sd = x[finite].mean(axis=0), x[finite].std(axis=0) + 1e-12
    with np.errstate(invalid="ignore", over="ignore"):
        x = ((x - mu) / sd).astype("float32")
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32, shuffle=False)


# Row 45 is in the second batch of the file-order pass: its infinite feature is step 2.
@holdout38("plasterers", ["non_finite_values"], stall_begins=45 // 32 + 1)
def setting_time_celsius_arrhenius(session):
    """A coat's setting time (standardised) from an Arrhenius factor exp(Ea / (R T)) computed in
    float32, the humidity and the coat's thickness, MLP 32-32 relu, Adam 2e-3, in site-log
    order. T was passed in Celsius where the formula wants kelvin: for the five sites logged
    just above freezing exp(600 / T) overflows to inf (and the scaler turns the column into
    NaN there); the first batch holding one turns the first layer's weights NaN, after
    which the hidden layers output nothing and the loss sits at the target's variance."""
    return _arrhenius(session, True)
