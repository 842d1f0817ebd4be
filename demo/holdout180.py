"""The hundred-and-eightieth held-out catalogue: written by someone who did not read the engine or
run the diagnosis on these runs, and scored once.

Four trades, six trainings each. The cofferers keep a treasury: they assay coins (eight
standardized measurements, genuine or forged), spot clipped coins, forecast a market day's tax
receipts and keep ledgers. The cellarmen keep a wine cellar: they forecast its temperature from
32 days of temperature and humidity, read the course of a fermentation from density readings
and count burst bottles. The tapsters serve rounds: the tip of a round from the drink (an
embedding) and five conditions, whether the table orders another round, an evening's bill from
its orders, the kind of a pour from a tap's flow-meter trace. The silkthrowers throw silk: the
twist of a thread from magnified patches, a reel's chance of breaking, tension traces, the hours
until a thread breaks and a doubling frame's plied strength. All data are synthetic, from seeds
18001..18065; the last PROBE_SIZE rows of every set are the probe.

Healthy half (12, nothing to fix in the code). Cofferers: coin assays with 15% of the verdicts
misfiled (label noise), the loss falls and stays far above zero; clipped coins, 4% positives,
trained with class_weight; receipts with Student-t noise under a Huber loss in a custom
GradientTape loop. Cellarmen: a GRU temperature forecast with heteroscedastic noise and
ReduceLROnPlateau; a Conv1D fermentation classifier with 10% wrong labels under warm-up then
cosine decay; Poisson counts of burst bottles with an exponential output and the Poisson loss.
Tapsters: a two-input tip model (drink embedding plus conditions) levelling at the tipping
noise; 160 rounds memorized by a wide MLP over 50 epochs of batch 16 (small data that
overfits, still falling); an embedding + GRU summing the evening's orders into a bill, flat at
the noise within a few epochs. Silkthrowers: a Conv2D twist classifier with ambiguous labels
and a PiecewiseConstantDecay under SGD with momentum; a pinball (quantile 0.9) loss in a custom
loop on exponentially scattered break times; a self-attention net trained slowly by plain SGD,
still improving at the end.

Broken half (12, one per cause, each checked against the same code with the mistake fixed).
Cofferers: Adam given the learning rate 0.5 of the plain-SGD recipe it replaced (bounces at the
constant-guess level); every hidden kernel initialized to one constant, so the units of a layer
stay identical (poor initialization); the log of ledger amounts some of which are 0, read in
file order, so the loss turns NaN at an exact step and training goes on in NaN. Cellarmen:
RMSprop with its epsilon, 1e-7, pasted as the learning rate (flat from the start); GRU(1) where
the 1 was meant as the output size (insufficient capacity, stays far above GRU(16)); a tanh
SimpleRNN with a N(0, 0.5) recurrent matrix and no clipping, whose first updates blow the weights
up by orders of magnitude (exploding gradients), after which the state pins and the loss stays
high. Tapsters: the till's raw columns (seconds since opening ~14000) fed to a sigmoid classifier
(unnormalized inputs); ReLU6 written ReLU(threshold=6.0), which no pre-activation passes (dead
relus from the first step); a softplus output kept after the targets were standardized (loss /
activation mismatch). Silkthrowers: ten stacked sigmoid Conv1D layers under SGD (vanishing
gradients; the relu + He version learns); a sigmoid MLP initialized uniform on [0, 1), ported
from np.random.rand, whose units from the second layer on sit at exactly 1 for every input
(saturated activations); TF1's keep_prob=0.9 ported as Dropout(0.9) and SpatialDropout2D(0.9)
(over-regularization).

Dropped or changed because they did not behave as intended: a linear output under
BinaryCrossentropy() with from_logits=False (Keras's clipping still let it learn as well as the
fix), replaced by the softplus head; raw till columns under an MSE tip regression (the loss kept
falling from its huge start rather than stalling), moved to a classifier; a one-filter Conv1D on
the fermentation curves (kept learning) and GRU(1) at lower rates (still creeping down),
replaced by GRU(1) at Adam 3e-2, which nearly levels (it still creeps down slowly); log(0) in a
feature of a relu MLP (relu mapped the NaN weights' output to 0 and the loss stayed finite),
moved to the target; keep_prob dropout on the attention net (the fixed net was poor too, so the
gap was not clear), moved to the Conv2D net; ten sigmoid conv layers at SGD 0.05, where the relu
fix also failed, so both run at 0.01; an LSTM that must remember the first order of the evening,
meant as a healthy plateau before a sudden drop (its drop was ragged and it overfit), not kept.

Labels: `expected_causes` holds one cause, the root cause each broken run was built around.
`stall_begins` is the 0-based optimizer step from which the broken loss stops improving, None
when it never improves on its start (the too-high and too-low rates, the dead and the vanishing
nets). The NaN run's step is exact (the first batch holding a zero amount, row 704 in file order
at batch 32); the others, marked "approximate" beside them, were read off the per-epoch losses
(32 steps an epoch) of a run without tb-plateau and are good to about an epoch.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, registrar

FAMILIES = ('cofferers', 'cellarmen', 'tapsters', 'silkthrowers')

REGISTRY = []
holdout180 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data: a cofferer's coin assays and ledgers


def _coins(n, seed):
    """Eight standardized assay measurements of a coin (weight, diameter, thickness, ring
    tone, reeding count, density, magnetic pull, wear) and whether it is genuine."""
    r = np.random.default_rng(seed)
    z = r.normal(0.0, 1.0, size=(n, 8))
    score = (1.4 * z[:, 0] - z[:, 1] * z[:, 2] + np.sin(2.0 * z[:, 3]) + 0.6 * z[:, 4] ** 2
             + 0.7 * z[:, 5] * z[:, 6] - 0.6)
    y = (score + 0.25 * r.normal(size=n) > 0).astype("int32")
    return z.astype("float32"), y, score


def _receipts(n, seed):
    """Six standardized features of a market day and the day's tax receipts (standardized),
    with heavy-tailed day-to-day noise (Student t, 2 degrees of freedom)."""
    r = np.random.default_rng(seed)
    z = r.normal(0.0, 1.0, size=(n, 6))
    y = (1.2 * z[:, 0] + 0.8 * np.tanh(2.0 * z[:, 1]) + 0.5 * z[:, 2] * z[:, 3]
         + 0.4 * np.cos(z[:, 4]) + 0.4 * r.standard_t(2.0, size=n))
    return z.astype("float32"), y.astype("float32")


# ---------------------------------------------------------------------------------------------
# data: a cellarman's cellar


def _cellar(n, seed, length=32):
    """Daily cellar temperature and humidity (standardized, 2 channels) over `length` days and
    the mean temperature of the next three days; the noise grows with the weather's swing."""
    r = np.random.default_rng(seed)
    t = np.arange(length + 3)
    base = r.normal(0.0, 1.0, size=(n, 1))
    drift = r.normal(0.0, 0.03, size=(n, 1))
    swing = r.uniform(0.2, 1.2, size=(n, 1))
    period = r.uniform(6.0, 14.0, size=(n, 1))
    phase = r.uniform(0.0, 2 * np.pi, size=(n, 1))
    temp = base + drift * t + swing * np.sin(2 * np.pi * t / period + phase)
    temp = temp + 0.1 * r.normal(size=temp.shape)
    humid = 0.6 * temp + 0.4 * r.normal(size=temp.shape)
    x = np.stack([temp[:, :length], humid[:, :length]], axis=-1)
    y = temp[:, length:].mean(axis=1) + 0.3 * swing[:, 0] * r.normal(size=n)
    return x.astype("float32"), y.astype("float32")


def _fermentation(n, seed, length=40, label_noise=0.0):
    """Must density over `length` readings of a fermenting cask and its course: 0 normal,
    1 stuck (stops half way), 2 sluggish, 3 restarted (pauses then resumes)."""
    r = np.random.default_rng(seed)
    y = r.integers(0, 4, size=n)
    t = np.arange(length)[None, :] / length
    rate = r.uniform(3.0, 5.0, size=(n, 1))
    curve = np.exp(-rate * t)
    stuck = 0.5 + 0.5 * np.exp(-2.0 * rate * t)
    sluggish = np.exp(-0.35 * rate * t)
    pause = np.where(t < 0.5, np.exp(-rate * t), np.exp(-rate * 0.5))
    restarted = np.where(t < 0.75, pause, np.exp(-rate * 0.5) * np.exp(-3 * rate * (t - 0.75)))
    x = np.choose(y[:, None], [curve, stuck, sluggish, restarted])
    x = x * r.uniform(0.9, 1.1, size=(n, 1)) + 0.05 * r.normal(size=x.shape)
    x = (x - 0.5) / 0.3
    if label_noise:
        flip = r.random(n) < label_noise
        y = np.where(flip, r.integers(0, 4, size=n), y)
    return x[..., None].astype("float32"), y.astype("int32")


def _breakages(n, seed):
    """Five standardized conditions of a cellar week and the count of bottles that burst."""
    r = np.random.default_rng(seed)
    z = r.normal(0.0, 1.0, size=(n, 5))
    rate = np.exp(0.8 + 0.6 * z[:, 0] + 0.4 * np.tanh(z[:, 1] * z[:, 2]) - 0.3 * z[:, 3] ** 2)
    return z.astype("float32"), r.poisson(rate).astype("float32")


# ---------------------------------------------------------------------------------------------
# data: a tapster's taproom

DRINKS = 24
RAW_SCALE = np.array([3.0, 60.0, 250.0, 8000.0, 100.0])  # hour, crowd, price (cents), s, ml
RAW_OFFSET = np.array([20.0, 120.0, 700.0, 14000.0, 400.0])


def _taproom(n, seed):
    """One round served: the drink poured (an id among DRINKS), five standardized conditions
    (hour, crowd, price, seconds since opening, glass size) and the tip, standardized."""
    r = np.random.default_rng(seed)
    drink = r.integers(0, DRINKS, size=n)
    effect = r.normal(0.0, 1.0, size=DRINKS)
    z = r.normal(0.0, 1.0, size=(n, 5))
    tip = (effect[drink] * (1.0 + 0.5 * np.tanh(z[:, 0])) + 0.8 * z[:, 2]
           - 0.5 * z[:, 1] * z[:, 4] + 0.4 * np.sin(2.0 * z[:, 3]) + 0.4 * r.normal(size=n))
    return drink.astype("int32"), z.astype("float32"), (tip / tip.std()).astype("float32")


def _another_round(n, seed):
    """The same rounds with a yes/no target: does the table order another round?"""
    drink, z, tip = _taproom(n, seed)
    r = np.random.default_rng(seed + 1)
    logit = 1.5 * tip + np.abs(z[:, 1]) - 0.8 + 0.3 * r.normal(size=n)
    return drink, z, (logit > 0).astype("float32")


def _orders(n, seed, length=16):
    """The evening's orders of one table as drink ids (0 = no order that minute) and the
    bill, the sum of the orders' prices, standardized, plus a little tab-keeping noise."""
    r = np.random.default_rng(seed)
    price = np.concatenate([[0.0], r.uniform(2.0, 9.0, size=DRINKS - 1)])
    busy = r.uniform(0.2, 0.8, size=(n, 1))
    orders = np.where(r.random((n, length)) < busy, r.integers(1, DRINKS, size=(n, length)), 0)
    bill = price[orders].sum(axis=1) + 1.0 * r.normal(size=n)
    bill = (bill - bill.mean()) / bill.std()
    return orders.astype("int32"), bill.astype("float32")


def _flow_traces(n, seed, length=48):
    """Flow-meter trace (standardized) of a tap during one pour, and the pour's kind:
    0 clean, 1 foaming (ripples), 2 air in the line (a spike), 3 empty keg (tails off)."""
    r = np.random.default_rng(seed)
    y = r.integers(0, 4, size=n)
    t = np.arange(length)[None, :] / length
    ramp = np.clip(t * 8.0, 0.0, 1.0) * np.clip((1.0 - t) * 8.0, 0.0, 1.0)
    ripple = ramp * (1.0 + 0.4 * np.sin(2 * np.pi * r.uniform(5.0, 8.0, size=(n, 1)) * t))
    where = r.uniform(0.3, 0.7, size=(n, 1))
    spike = ramp + 1.5 * np.exp(-(((t - where) * 40.0) ** 2))
    tails = ramp * np.clip((0.9 - t) / (0.9 - where), 0.0, 1.0)
    x = np.choose(y[:, None], [ramp, ripple, spike, tails]) + 0.1 * r.normal(size=(n, length))
    return ((x - 0.6) / 0.45)[..., None].astype("float32"), y.astype("int32")


# ---------------------------------------------------------------------------------------------
# data: a silkthrower's mill


def _thread_patches(n, seed, size=12, label_noise=0.08):
    """12x12 magnified patches of thrown silk: the fibres' angle tells the twist (0 S-twist,
    1 Z-twist, 2 untwisted); some patches are ambiguous and the inspector's label is random."""
    r = np.random.default_rng(seed)
    y = r.integers(0, 3, size=n)
    angle = np.choose(y, [np.pi / 4, -np.pi / 4, 0.0]) + r.normal(0.0, 0.2, size=n)
    yy, xx = np.mgrid[0:size, 0:size] / size
    freq = r.uniform(2.5, 4.0, size=n)
    phase = r.uniform(0.0, 2 * np.pi, size=n)
    proj = (np.cos(angle)[:, None, None] * yy + np.sin(angle)[:, None, None] * xx)
    x = np.sin(2 * np.pi * freq[:, None, None] * proj + phase[:, None, None])
    x = x + 0.6 * r.normal(size=x.shape)
    flip = r.random(n) < label_noise
    y = np.where(flip, r.integers(0, 3, size=n), y)
    return x[..., None].astype("float32"), y.astype("int32")


def _reel(n, seed):
    """Twelve standardized readings of a reel (humidity, twist per metre, spindle speed, ...)
    and whether its thread will break within the shift."""
    r = np.random.default_rng(seed)
    z = r.normal(0.0, 1.0, size=(n, 12))
    logit = (2.0 * np.sin(1.5 * z[:, 0]) + z[:, 1] * z[:, 2] - 1.2 * z[:, 3] + np.abs(z[:, 4])
             - 0.8 + 0.3 * r.normal(size=n))
    return z.astype("float32"), (logit > 0).astype("float32")


def _tension(n, seed, length=48):
    """Thread tension (standardized) over `length` turns of the spindle and its fault:
    0 even, 1 slubs (a periodic bump), 2 a snag (one sharp peak)."""
    r = np.random.default_rng(seed)
    y = r.integers(0, 3, size=n)
    t = np.arange(length)[None, :]
    period = r.integers(6, 12, size=(n, 1))
    slubs = 0.8 * (t % period < 2)
    where = r.integers(8, length - 8, size=(n, 1))
    snag = 2.0 * np.exp(-((t - where) ** 2) / 2.0)
    x = np.choose(y[:, None], [np.zeros((n, length)), slubs, snag])
    x = x + 0.3 * r.normal(size=(n, length))
    return ((x - x.mean()) / x.std())[..., None].astype("float32"), y.astype("int32")


def _break_times(n, seed):
    """Six standardized conditions of a spindle and the hours until its thread breaks
    (exponential scatter around a condition-dependent mean)."""
    r = np.random.default_rng(seed)
    z = r.normal(0.0, 1.0, size=(n, 6))
    mean = np.exp(0.5 + 0.5 * z[:, 0] - 0.4 * z[:, 1] + 0.3 * np.tanh(z[:, 2] * z[:, 3]))
    return z.astype("float32"), (mean * r.exponential(1.0, size=n)).astype("float32")


def _bobbins(n, seed, length=12, dim=4):
    """A doubling frame's bobbins in a row, four readings each; the plied thread's strength
    depends on how well each bobbin matches the bobbin that sets the pace (the first one)."""
    r = np.random.default_rng(seed)
    x = r.normal(0.0, 1.0, size=(n, length, dim))
    match = np.einsum("nld,nd->nl", x, x[:, 0, :]) / np.sqrt(dim)
    y = np.tanh(match).mean(axis=1) * 3.0 + 0.5 * x[:, :, 1].mean(axis=1)
    y = y + 0.2 * r.normal(size=n)
    return x.astype("float32"), ((y - y.mean()) / y.std()).astype("float32")


# ---------------------------------------------------------------------------------------------
# helpers


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, shuffle=True, callbacks=(),
                **fit_kw):
    """`_fit` for a model with several inputs: the last PROBE_SIZE rows are the probe."""
    train = [part[:-PROBE_SIZE] for part in inputs]
    probe = ([part[-PROBE_SIZE:] for part in inputs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        shuffle=shuffle, verbose=0,
                        callbacks=list(callbacks) + session.callbacks(probe), **fit_kw)
    return history.history["loss"]


def _taproom_model(keras, hidden=64, out_activation=None):
    drink = keras.Input((), dtype="int32")
    conditions = keras.Input((5,))
    embedded = keras.layers.Embedding(DRINKS, 8)(drink)
    h = keras.layers.Concatenate()([embedded, conditions])
    h = keras.layers.Dense(hidden, activation="relu")(h)
    h = keras.layers.Dense(hidden, activation="relu")(h)
    output = keras.layers.Dense(1, activation=out_activation)(h)
    return keras.Model([drink, conditions], output)


# =============================================================================================
# cofferers


@holdout180("cofferers", healthy=True)
def assay_with_misfiled_labels(session):
    """A mint's assay office classifies coins as genuine or forged from eight standardized
    measurements, but a clerk misfiled about 15% of the verdicts (labels flipped at random).
    2x64 relu MLP, Adam 2e-3, 20 epochs: the loss falls quickly, then slowly, far above
    zero, as the net starts memorizing the flipped labels."""
    keras = _keras()
    x, y, _ = _coins(N, seed=18001)
    flip = np.random.default_rng(18002).random(N) < 0.15
    y = np.where(flip, 1 - y, y).astype("int32")
    model = _mlp(keras, 8, [64, 64], 2)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout180("cofferers", healthy=True)
def rare_clipped_coins(session):
    """Spotting clipped coins, about 4% of the takings, from the same assay measurements;
    sigmoid output, binary cross-entropy, Keras class_weight balancing the two classes, Adam
    1e-3, 15 epochs. The weighted loss falls steadily and is still falling at the end; the
    rare class is noisy and up-weighted, which keeps it well above zero."""
    keras = _keras()
    x, _, score = _coins(N, seed=18003)
    noisy = score + 0.8 * np.random.default_rng(18004).normal(size=N)
    y = (noisy > np.quantile(noisy, 0.96)).astype("float32")
    positive = y[:-PROBE_SIZE].mean()
    weights = {0: 0.5 / (1.0 - positive), 1: 0.5 / positive}
    model = _mlp(keras, 8, [32, 32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    (x_train, y_train), probe = (x[:-PROBE_SIZE], y[:-PROBE_SIZE]), (x[-PROBE_SIZE:],
                                                                     y[-PROBE_SIZE:])
    history = model.fit(x_train, y_train, epochs=15, batch_size=32, verbose=0,
                        class_weight=weights, callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout180("cofferers", healthy=True)
def receipts_huber_loop(session):
    """A treasury forecasts a market day's tax receipts from six standardized features; the
    days scatter with heavy tails (Student t, 2 dof: fairs, storms, a thief). Custom
    GradientTape loop, 2x64 relu MLP, Huber loss (delta 1), Adam 2e-3, 15 epochs: the loss
    drops quickly and levels at the heavy-tailed noise floor."""
    keras = _keras()
    x, y = _receipts(N, seed=18005)
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), keras.losses.Huber(1.0),
                        x, y[:, None], epochs=15, batch_size=32, seed=18005)


def _assay_adam_rate(session, broken):
    keras = _keras()
    x, y, _ = _coins(N, seed=18006)
    model = _mlp(keras, 8, [64, 64], 2)
    # Broken: the rate of the plain-SGD recipe the office started from, kept for Adam.
    rate = 0.5 if broken else 1e-3
    model.compile(keras.optimizers.Adam(rate), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout180("cofferers", ["learning_rate_too_high"], stall_begins=None)
def assay_adam_rate(session):
    """Genuine-or-forged coins, 2x64 relu MLP trained with Adam at 0.5: the office switched
    its plain-SGD recipe to Adam and kept SGD's learning rate. Every step throws the weights
    far past the minimum; the loss jumps around the constant-guess level instead of falling
    (Adam 1e-3 gets far lower on the same data)."""
    return _assay_adam_rate(session, broken=True)


def _ledger_constant_init(session, broken):
    keras = _keras()
    x, y, _ = _coins(N, seed=18007)
    # Broken: "small weights" written as one constant for every weight of a hidden layer.
    init = keras.initializers.Constant(0.05) if broken else "glorot_uniform"
    model = _mlp(keras, 8, [64, 64, 64], 2, activation="tanh", kernel_initializer=init)
    model.compile(keras.optimizers.RMSprop(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout180("cofferers", ["poor_initialization"], stall_begins=96)  # approximate
def assay_constant_init(session):
    """Genuine-or-forged coins, 3x64 tanh MLP, RMSprop 1e-3, every hidden kernel initialized
    to the constant 0.05 ("small weights"). All units of a layer start identical, receive
    identical gradients and stay identical, so the net behaves like a one-unit-wide net: it
    learns the linear part in the first epochs and then stays far above the same net with
    Glorot initialization."""
    return _ledger_constant_init(session, broken=True)


ZERO_AMOUNT_ROW = 704  # first ledger line with a zero amount; file order, batch 32: step 22


def _ledger_log_amounts(session, broken):
    keras = _keras()
    x, y = _receipts(N, seed=18008)
    amount = np.round(np.exp(2.0 + 0.8 * y), 2)
    zero = np.zeros(N, dtype=bool)
    zero[ZERO_AMOUNT_ROW::97] = True
    zero[-PROBE_SIZE:] = False
    amount[zero] = 0.0
    # Broken: the target is log(amount), and a few ledger lines were voided to an amount of 0.
    with np.errstate(divide="ignore"):
        target = np.log(amount) if broken else np.log1p(amount)
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, target.astype("float32"), epochs=10, batch_size=32,
                shuffle=False)


@holdout180("cofferers", ["non_finite_values"], stall_begins=ZERO_AMOUNT_ROW // 32)
def ledger_log_amounts(session):
    """Regressing the log of a ledger line's amount from six standardized features, read in
    file order; a few voided lines carry an amount of 0, whose log is -inf. The first such
    batch (step 22) makes the loss infinite and the update NaN; from then on the loss is
    NaN and the run keeps training on NaN for the remaining epochs (log1p, the fix, trains
    normally)."""
    return _ledger_log_amounts(session, broken=True)


# =============================================================================================
# cellarmen


@holdout180("cellarmen", healthy=True)
def cellar_forecast_reduce_on_plateau(session):
    """A cellarman forecasts the next three days' mean cellar temperature from 32 days of
    temperature and humidity; the weather's swing makes the noise heteroscedastic. GRU(16),
    Adam 3e-3 with ReduceLROnPlateau (factor 0.5, patience 2), 18 epochs: the loss falls,
    the rate is halved as it levels, and it settles at the noise floor."""
    keras = _keras()
    x, y = _cellar(N, seed=18020)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(16),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    reduce = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=2)
    return _fit(session, model, x, y, epochs=18, batch_size=32, callbacks=[reduce])


@holdout180("cellarmen", healthy=True)
def fermentation_warmup_cosine(session):
    """Classifying a cask's fermentation (normal, stuck, sluggish, restarted) from 40 density
    readings with a Conv1D net; a tenth of the casks were logged under the wrong course.
    Adam with 60 warm-up steps to 3e-3 and a cosine decay to zero over the run, 15 epochs:
    the loss falls quickly, then flattens at the label-noise floor as the rate decays."""
    keras = _keras()
    x, y = _fermentation(N, seed=18021, label_noise=0.1)
    steps = 15 * 32
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, steps - 60, warmup_target=3e-3, warmup_steps=60)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout180("cellarmen", healthy=True)
def burst_bottles_poisson(session):
    """Counting the bottles that burst in a cellar week from five standardized conditions:
    Poisson counts, 2x32 relu MLP with an exponential output and Keras's Poisson loss,
    Adam 3e-3, 15 epochs. The Poisson loss cannot go to zero (the counts are random given
    the conditions); it flattens at the Poisson noise level."""
    keras = _keras()
    x, y = _breakages(N, seed=18022)
    model = _mlp(keras, 5, [32, 32], 1, out_activation="exponential")
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit(session, model, x, y[:, None], epochs=15, batch_size=32)


def _fermentation_rmsprop_rate(session, broken):
    keras = _keras()
    x, y = _fermentation(N, seed=18023)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    # Broken: the optimizer's epsilon (1e-7) pasted into the learning-rate slot.
    rate = 1e-7 if broken else 1e-3
    model.compile(keras.optimizers.RMSprop(rate), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout180("cellarmen", ["learning_rate_too_low"], stall_begins=None)
def fermentation_rmsprop_rate(session):
    """Fermentation courses from 40 density readings, a two-layer Conv1D net trained with
    RMSprop at 1e-7: the optimizer's epsilon was pasted into the learning-rate argument.
    The weights barely move and the loss stays at its initial level for the whole run
    (1e-3 learns the four courses in a few epochs)."""
    return _fermentation_rmsprop_rate(session, broken=True)


def _cellar_gru_units(session, broken):
    keras = _keras()
    x, y = _cellar(N, seed=18024)
    # Broken: GRU(1), "one output", though the Dense layer after it is the output.
    units = 1 if broken else 16
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(units),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-2), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout180("cellarmen", ["insufficient_capacity"], stall_begins=192)  # approximate
def cellar_gru_units(session):
    """Cellar temperature forecast with GRU(1) followed by Dense(1), Adam 3e-2: the GRU's
    units were set to 1 as if it were the output. One number cannot carry the level, the
    drift and the phase of the weather's swing; the loss drops for a few epochs and then
    only creeps, about four times above GRU(16), which forecasts close to the noise floor."""
    return _cellar_gru_units(session, broken=True)


def _cellar_recurrent_init(session, broken):
    keras = _keras()
    x, y = _cellar(N, seed=18025)
    # Broken: a large random recurrent matrix "so the memory does not fade", no clipping.
    init = keras.initializers.RandomNormal(stddev=0.5, seed=18025) if broken else "orthogonal"
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.SimpleRNN(32, recurrent_initializer=init),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout180("cellarmen", ["exploding_gradients"], stall_begins=64)  # approximate
def cellar_recurrent_init(session):
    """Cellar temperature forecast with a tanh SimpleRNN(32) whose recurrent matrix was
    initialized N(0, 0.5) "so the memory does not fade" (its gain is ~2.8 per day), SGD
    0.02 with momentum 0.9, no gradient clipping. Back-propagated through 32 days the
    gradients explode; the first updates blow the weights up by orders of magnitude, the
    state pins at +-1, and the loss stays far above the orthogonally initialized net."""
    return _cellar_recurrent_init(session, broken=True)


# =============================================================================================
# tapsters


@holdout180("tapsters", healthy=True)
def tips_by_drink_embedding(session):
    """A tapster predicts the tip of a round from the drink poured (an embedding of 24 drinks)
    and five standardized conditions (hour, crowd, price, time open, glass): a two-input
    Keras model, Adam 2e-3, MSE, 15 epochs. Tipping is noisy, so the loss flattens at the
    noise floor once the drinks' effects are learned."""
    keras = _keras()
    drink, z, tip = _taproom(N, seed=18040)
    model = _taproom_model(keras)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit_inputs(session, model, [drink, z], tip, epochs=15, batch_size=32)


@holdout180("tapsters", healthy=True)
def regulars_small_tab(session):
    """Only 160 rounds of one inn's regulars to learn from (plus the probe): a 2x128 relu
    MLP on the five conditions, Adam 1e-3, batch 16, 50 epochs. The model has far more
    weights than examples and memorizes them; the training loss keeps falling slowly toward
    zero (a validation loss would rise, but training is what it is)."""
    keras = _keras()
    _, z, tip = _taproom(160 + PROBE_SIZE, seed=18041)
    model = _mlp(keras, 5, [128, 128], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, z, tip, epochs=50, batch_size=16)


@holdout180("tapsters", healthy=True)
def evening_bill_gru(session):
    """The bill of a table's evening from its minute-by-minute orders (embedded drink ids,
    0 = no order), GRU(24), Nadam 3e-3, MSE, 15 epochs. The bill is a sum of prices plus
    tab-keeping slips, so the loss falls steadily and flattens at the slips' noise."""
    keras = _keras()
    orders, bill = _orders(N, seed=18042)
    model = keras.Sequential([
        keras.Input((orders.shape[1],), dtype="int32"),
        keras.layers.Embedding(DRINKS, 8),
        keras.layers.GRU(24),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Nadam(3e-3), "mse")
    return _fit(session, model, orders, bill, epochs=15, batch_size=32)


def _round_raw_columns(session, broken):
    keras = _keras()
    drink, z, again = _another_round(N, seed=18043)
    # Broken: the till's raw columns (hours, heads, cents, seconds, ml) go in as they are.
    conditions = (z * RAW_SCALE + RAW_OFFSET).astype("float32") if broken else z
    model = _taproom_model(keras, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_inputs(session, model, [drink, conditions], again, epochs=12, batch_size=32)


@holdout180("tapsters", ["unnormalized_inputs"], stall_begins=64)  # approximate
def round_raw_columns(session):
    """Will the table order another round? A drink embedding plus five conditions fed as the
    till exports them: hour (~20), heads in the room (~120), price in cents (~700), seconds
    since opening (~14000), glass in ml (~400). The seconds column swamps every unit and
    the sigmoid output swings between certainties; the loss stays high, far above the same
    model on standardized columns."""
    return _round_raw_columns(session, broken=True)


def _tap_flow_relu6(session, broken):
    keras = _keras()
    x, y = _flow_traces(N, seed=18044)
    # Broken: ReLU6 written with the wrong keyword, threshold=6.0 instead of max_value=6.0.
    relu6 = dict(threshold=6.0) if broken else dict(max_value=6.0)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, padding="same"),
        keras.layers.ReLU(**relu6),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, padding="same"),
        keras.layers.ReLU(**relu6),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout180("tapsters", ["dead_relus"], stall_begins=None)
def tap_flow_relu6(session):
    """Classifying a pour (clean, foaming, air in the line, empty keg) from its flow-meter
    trace with a Conv1D net meant to use ReLU6, written ReLU(threshold=6.0) instead of
    ReLU(max_value=6.0): a unit outputs zero unless its input exceeds 6, which no
    pre-activation does. Every unit is dead from the first step and the loss stays at the
    constant-guess level."""
    return _tap_flow_relu6(session, broken=True)


def _tips_softplus_head(session, broken):
    keras = _keras()
    drink, z, tip = _taproom(N, seed=18045)
    # Broken: the head of the bottle-count model, softplus "since tips are never negative",
    # kept after the tips were standardized (half of them are now negative).
    model = _taproom_model(keras, out_activation="softplus" if broken else None)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit_inputs(session, model, [drink, z], tip, epochs=12, batch_size=32)


@holdout180("tapsters", ["loss_activation_mismatch"], stall_begins=128)  # approx.
def tips_softplus_head(session):
    """The tip model (drink embedding and five conditions, MSE, Adam 2e-3) with a softplus
    output unit kept from an earlier count model "since tips are never negative"; but the
    tips were standardized, and half of them are now below zero, which softplus cannot
    reach. The loss levels off far above the same model with a linear output."""
    return _tips_softplus_head(session, broken=True)


# =============================================================================================
# silkthrowers


@holdout180("silkthrowers", healthy=True)
def twist_patches_step_decay(session):
    """A silkthrower's inspector tells S-twist, Z-twist and untwisted thread from noisy 12x12
    magnified patches (some labels random where the patch is ambiguous). Small Conv2D net,
    SGD with momentum 0.9 and a PiecewiseConstantDecay (0.02, then 0.005 after 6 epochs,
    0.001 after 11), 15 epochs: the loss steps down at each decay and levels at the floor."""
    keras = _keras()
    x, y = _thread_patches(N, seed=18060)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([6 * 32, 11 * 32],
                                                                 [0.02, 0.005, 0.001])
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout180("silkthrowers", healthy=True)
def break_time_quantile_loop(session):
    """The 90th percentile of a spindle's hours until its thread breaks, from six standardized
    conditions, learned with a pinball (quantile 0.9) loss in a custom GradientTape loop;
    2x32 relu MLP, Adam 3e-3, 15 epochs. The break times scatter exponentially, so the
    pinball loss levels off well above zero."""
    import tensorflow as tf

    keras = _keras()
    x, y = _break_times(N, seed=18061)
    model = _mlp(keras, 6, [32, 32], 1, out_activation=None)

    def pinball(target, prediction):
        error = target - prediction
        return tf.reduce_mean(tf.maximum(0.9 * error, -0.1 * error))

    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), pinball, x, y[:, None],
                        epochs=15, batch_size=32, seed=18061,
                        loss_description="pinball loss, quantile 0.9")


@holdout180("silkthrowers", healthy=True)
def doubling_attention_slow(session):
    """A doubling frame's plied strength from twelve bobbins' readings, with one self-attention
    layer (2 heads) and a pooled dense head, trained by plain SGD at 0.02 with momentum 0.5
    for 25 epochs. The conservative optimizer makes it slow: the loss keeps falling, ever
    more slowly, right to the end, without having levelled off."""
    keras = _keras()
    x, y = _bobbins(N, seed=18062)
    inputs = keras.Input(x.shape[1:])
    h = keras.layers.Dense(16)(inputs)
    h = h + keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(16, activation="relu")(h)
    model = keras.Model(inputs, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.SGD(0.02, momentum=0.5), "mse")
    return _fit(session, model, x, y, epochs=25, batch_size=32)


def _tension_sigmoid_stack(session, broken):
    keras = _keras()
    x, y = _tension(N, seed=18063)
    # Broken: a 2000s-era deep net recipe, sigmoid in every conv layer.
    conv = dict(activation="sigmoid") if broken else dict(activation="relu",
                                                          kernel_initializer="he_normal")
    layers = [keras.Input(x.shape[1:])]
    layers += [keras.layers.Conv1D(12, 3, padding="same", **conv) for _ in range(10)]
    layers += [keras.layers.GlobalMaxPooling1D(), keras.layers.Dense(3, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout180("silkthrowers", ["vanishing_gradients"], stall_begins=None)
def tension_sigmoid_stack(session):
    """Thread-tension faults (even, slubs, snag) from a trace, with ten stacked Conv1D layers
    that all use sigmoid, SGD 0.01 + momentum 0.9: the gradient shrinks by about four at
    every sigmoid, so the first layers, which must see the slubs and snags, learn nothing
    and the loss sits at the constant-guess level (relu with He initialization learns)."""
    return _tension_sigmoid_stack(session, broken=True)


def _reel_rand_init(session, broken):
    keras = _keras()
    x, y = _reel(N, seed=18064)
    # Broken: initialization ported from a numpy script that used np.random.rand ([0, 1)).
    init = keras.initializers.RandomUniform(0.0, 1.0, seed=18064) if broken else "glorot_uniform"
    model = _mlp(keras, 12, [128, 128, 128], 1, activation="sigmoid", out_activation="sigmoid",
                 kernel_initializer=init)
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout180("silkthrowers", ["saturated_activations"], stall_begins=32)  # approximate
def reel_rand_init(session):
    """Will a reel's thread break this shift? 3x128 sigmoid MLP whose kernels were initialized
    uniform on [0, 1), ported from a numpy script's np.random.rand. Sigmoid outputs are all
    positive, so from the second layer on every unit sums ~128 positive terms and sits at
    exactly 1 for every reel: no gradient passes, the output sees a constant, and the loss
    stops at the base-rate entropy after the first epoch (Glorot learns the rule)."""
    return _reel_rand_init(session, broken=True)


def _patches_keep_prob(session, broken):
    keras = _keras()
    x, y = _thread_patches(N, seed=18065)
    # Broken: TF1's keep_prob=0.9 ported as Keras's Dropout(0.9), which is the drop rate.
    rate = 0.9 if broken else 0.1
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.SpatialDropout2D(rate),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dropout(rate),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dropout(rate),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.AdamW(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout180("silkthrowers", ["over_regularization"], stall_begins=128)  # approximate
def patches_keep_prob(session):
    """Twist of thrown silk from 12x12 patches with a small Conv2D net, AdamW 2e-3, ported
    from TensorFlow 1 where dropout took keep_prob=0.9: here SpatialDropout2D(0.9) and
    Dropout(0.9) drop nine units in ten at every step. The training loss levels off high,
    far above the same net with a 0.1 drop rate."""
    return _patches_keep_prob(session, broken=True)
