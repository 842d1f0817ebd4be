"""The hundred-and-seventh held-out catalogue: written by someone who did not read the engine or
run the diagnosis on these runs, and scored once.

Four trades, each with its own numpy data generator and seeds 10701-10799: apothecaries
(a patient ledger: age, weight, dose, creatinine, pulse, pressure -> outcome or response
score), distillers (hourly gravity and temperature logs of a wash -> yeast strain or final
strength), dairymaids (12x12 rind patches -> rind kind; a herd book -> yield, cans filled,
butterfat) and hauliers (depot pairs on a 2-D map and loads -> trip hours; multi-drop legs
-> delay). The last PROBE_SIZE rows of every data set are the probe and never train.

Healthy half (12, healthy=True, no causes): correct models trained correctly whose loss
flattens far above zero or moves in unusual ways because of the data or the schedule. A fifth
of the outcomes misfiled (label noise); Huber loss on Student-t measurement error; a 4% rare
adverse reaction weighted 10x with class_weight; a GRU on a PiecewiseConstantDecay schedule;
a Conv1D net on warm-up then cosine decay; a 160-example LSTM that memorizes its small data
(loss still sliding at the end); a Poisson count model (Keras's Poisson loss omits log(y!),
so it settles below zero); a CNN with ReduceLROnPlateau and 10% apprentice label noise; a
custom GradientTape loop with a 0.9-quantile pinball loss on heteroscedastic yield; a
multi-input depot-embedding model with distance-dependent traffic noise; a self-attention
model on leg sequences; a custom loop with SGD+momentum on a staircase ExponentialDecay for
a lateness flag that is mostly luck.

Broken half (10, one per cause, each written as a helper `_name(session, broken)` whose
broken=False version was trained beside it with Session(None) to check that the mistake, not the
data, holds the loss up): raw ledger columns never standardized (unnormalized_inputs); 'weight
decay 5e-4' typed as L2(0.5) (over_regularization); kernel_initializer='ones' on a tanh MLP
(poor_initialization); eight stacked sigmoid Conv1D layers under SGD (vanishing_gradients);
RMSprop at a fine-tuning rate of 1e-6 from scratch (learning_rate_too_low); conv biases
initialized to -2 so no relu filter fires (dead_relus); a Dense(1, softmax) head copied onto a
regression (loss_activation_mismatch); Adam at 0.1 from an SGD recipe, in a custom loop
(learning_rate_too_high); depot embeddings feeding the output with the hidden layers commented
out (insufficient_capacity); np.log of zero-km transfers read in file order (non_finite_values,
the loss is NaN from the first batch holding one).

Dropped: exploding_gradients and saturated_activations. A linear SimpleRNN (activation=None)
with SGD+momentum and no clipping went NaN on its very first steps (at 0.01, gain 1.0 or 1.1),
which is a blow-up, not a stall; at 1e-3 it learned as well as the tanh version, so no honest
middle was found in the time given. A first vanishing-gradients version (a tanh SimpleRNN over a
60-hour log whose label sits in the first four hours) learned the task after eight epochs while
its GRU fix did not, so it was replaced by the sigmoid Conv1D stack. For saturation, tanh convs
behind Rescaling(255) (written for Rescaling(1/255)) still learned from the sign patterns; relu
convs with a sigmoid dense head behind the same Rescaling(255) sat at ln 4 under SGD+momentum,
but so did the correct Rescaling(1.0) version, and under Adam the broken one learned faster than
the fixed one: no version isolated the mistake, so the cause has no run here. A first
poor_initialization version with Constant(0.1) kernels kept improving slowly and was replaced by
'ones'. Adam at 0.5 in the custom loop blew up in the first epoch and then recovered steadily,
so the rate is 0.1, which sits on a level. So distillers and dairymaids hold five runs each, and
the catalogue 22 (12 healthy, 10 broken) rather than 24.

Labelling: expected_causes holds the one root cause each broken run was built around.
stall_begins is the optimizer step from which the broken loss stops improving, None when it
never improves beyond settling on the constant guess; the non-finite run's step is exact
(the bad row's batch, row // 32 + 1, as in the main catalogue); the others marked
approximate were read off the per-step loss (from Keras's running epoch mean) or, for the
custom loop, off the epoch means. Keras weight initialization is not seeded here, so the
raw-columns run bounces differently from run to run; its stall step is the roughest.
"""

import numpy as np

from .scenarios import (
    PROBE_SIZE,
    _custom_loop,
    _fit,
    _keras,
    _mlp,
    _standardize,
    registrar,
)

FAMILIES = ('apothecaries', 'distillers', 'dairymaids', 'hauliers')

REGISTRY = []
holdout107 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE
BATCH = 32
STEPS = -(-(N - PROBE_SIZE) // BATCH)  # optimizer steps per epoch at BATCH


# ---------------------------------------------------------------------------------------------
# data: each family's trade


def _patients(n, seed):
    """An apothecary's ledger: six patient columns in their own units (age in years, weight in
    kg, dose in mg, creatinine in umol/L, pulse, systolic pressure), the same standardized, a
    continuous response score and a three-way outcome (no effect, relief, adverse)."""
    r = np.random.default_rng(seed)
    raw = np.stack([
        r.uniform(18.0, 90.0, n),
        np.clip(r.normal(75.0, 15.0, n), 40.0, 140.0),
        r.uniform(50.0, 2000.0, n),
        r.lognormal(np.log(90.0), 0.3, n),
        r.normal(72.0, 10.0, n),
        r.normal(130.0, 18.0, n),
    ], axis=1)
    z = _standardize(raw)
    exposure = z[:, 2] - 0.8 * z[:, 1] + 0.6 * z[:, 3]
    score = np.sin(1.5 * exposure) + 0.6 * z[:, 0] * z[:, 5] + 0.3 * z[:, 4]
    outcome = np.digitize(score, np.quantile(score, [1 / 3, 2 / 3])).astype("int32")
    return raw.astype("float32"), z, score.astype("float32"), outcome


def _ferment(n, seed, length=40, noise=0.08):
    """A distiller's wash logs: specific gravity (fraction of sugar left) and temperature hour
    by hour; the yeast strain (three, by how fast they attenuate) and the final strength."""
    r = np.random.default_rng(seed)
    strain = r.integers(0, 3, n)
    rate = np.array([0.03, 0.06, 0.11])[strain] * r.uniform(0.8, 1.2, n)
    t = np.arange(length)[None, :]
    sugar = np.exp(-rate[:, None] * t) + r.normal(0.0, noise, (n, length))
    phase = r.uniform(0.0, 2 * np.pi, (n, 1))
    temp = 0.5 * np.sin(2 * np.pi * t / 24.0 + phase) + r.normal(0.0, noise, (n, length))
    x = np.stack([sugar - 0.5, temp], axis=-1).astype("float32")
    strength = 6.0 * (1.0 - np.exp(-rate * 2.0 * length)) + 0.3 * phase[:, 0]
    return x, strain.astype("int32"), strength.astype("float32")


def _cheese(n, seed, size=12, noise=0.35):
    """A dairymaid's rind inspections: 12x12 grey patches of a cheese rind, one of four kinds
    (cloth-bound stripes across, washed-rind stripes down, blue spots, smooth bloomy)."""
    r = np.random.default_rng(seed)
    kind = r.integers(0, 4, n)
    yy, xx = np.mgrid[0:size, 0:size].astype("float32")
    images = np.zeros((n, size, size), "float32")
    for i in range(n):
        freq = r.uniform(0.6, 1.1)
        phase = r.uniform(0, 2 * np.pi)
        if kind[i] == 0:
            img = 0.5 + 0.4 * np.sin(freq * yy + phase)
        elif kind[i] == 1:
            img = 0.5 + 0.4 * np.sin(freq * xx + phase)
        elif kind[i] == 2:
            img = np.full((size, size), 0.3, "float32")
            for _ in range(r.integers(3, 6)):
                cy, cx = r.uniform(0, size, 2)
                img = img + 0.6 * np.exp(-((yy - cy) ** 2 + (xx - cx) ** 2) / 2.0)
        else:
            img = np.full((size, size), r.uniform(0.3, 0.7), "float32")
        images[i] = img + r.normal(0.0, noise, (size, size))
    return np.clip(images, 0.0, 1.0)[..., None], kind.astype("int32")


def _herd(n, seed):
    """A dairymaid's herd book: five standardized columns per cow (days in milk, parity, feed,
    body condition, pasture hours); her daily yield in litres, the log-rate of cans filled,
    and the butterfat percentage."""
    r = np.random.default_rng(seed)
    z = r.normal(size=(n, 5)).astype("float32")
    lactation = np.exp(-0.5 * (z[:, 0] - 0.5) ** 2)
    yield_l = 20.0 + 6.0 * lactation + 2.0 * z[:, 2] - 1.0 * z[:, 1] ** 2 + 1.5 * z[:, 3]
    log_rate = 0.8 + 0.5 * lactation + 0.3 * z[:, 2] + 0.2 * np.tanh(z[:, 4])
    fat = 4.0 - 0.3 * z[:, 2] + 0.25 * z[:, 3] * z[:, 1] + 0.2 * np.sin(2 * z[:, 4])
    return z, yield_l.astype("float32"), log_rate.astype("float32"), fat.astype("float32")


def _routes(n, seed, depots=30):
    """A haulier's dockets: origin and destination depot ids on a 2-D map, load in tonnes; the
    road distance in km and the trip's hours (distance / speed, loading time, traffic noise)."""
    r = np.random.default_rng(seed)
    where = r.uniform(0.0, 1.0, (depots, 2))
    origin = r.integers(0, depots, n)
    dest = r.integers(0, depots, n)
    km = 300.0 * np.linalg.norm(where[origin] - where[dest], axis=1)
    load = r.uniform(1.0, 24.0, n)
    hours = km / 60.0 + 0.05 * load + 0.5
    return origin.astype("int32"), dest.astype("int32"), km, load, hours


def _legs(n, seed, length=10):
    """A haulier's multi-drop runs: per leg a kind (motorway, town, ferry, farm track) and
    its scheduled minutes; the delay depends on which kinds follow which."""
    r = np.random.default_rng(seed)
    kind = r.integers(0, 4, (n, length))
    minutes = r.uniform(0.2, 1.0, (n, length))
    x = np.concatenate([np.eye(4, dtype="float32")[kind], minutes[..., None]], axis=-1)
    town_after_ferry = ((kind[:, 1:] == 1) & (kind[:, :-1] == 2)).sum(axis=1)
    delay = 0.8 * town_after_ferry + (minutes * (kind == 3)).sum(axis=1) - 0.6
    delay = delay + r.normal(0.0, 0.3, n)
    return x.astype("float32"), delay.astype("float32")


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, shuffle=True, callbacks=(),
                class_weight=None):
    """`_fit` for a model with one input or several (a list), optionally with class weights:
    all but the last PROBE_SIZE examples train, the rest is the probe. Returns the per-epoch
    mean training loss."""
    several = isinstance(inputs, (list, tuple))
    parts = list(inputs) if several else [inputs]
    train_x = [a[:-PROBE_SIZE] for a in parts]
    probe_x = [a[-PROBE_SIZE:] for a in parts]
    probe = (probe_x if several else probe_x[0], y[-PROBE_SIZE:])
    history = model.fit(train_x if several else train_x[0], y[:-PROBE_SIZE], epochs=epochs,
                        batch_size=batch_size, shuffle=shuffle, verbose=0,
                        class_weight=class_weight,
                        callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# apothecaries: healthy


@holdout107("apothecaries", healthy=True)
def mislabelled_outcomes(session):
    """Apothecary outcome ledger (no effect / relief / adverse) where a fifth of the entries were
    copied into the wrong column by a tired clerk; 2x64 relu MLP on standardized columns, Adam
    2e-3, 20 epochs. The loss falls and eases towards ~0.67 nats, held up by the misfiled fifth
    (still creeping down as the net starts to memorize them): nothing in the code to fix."""
    keras = _keras()
    _, z, _, outcome = _patients(N, seed=10701)
    r = np.random.default_rng(10702)
    flip = r.random(N) < 0.2
    outcome = np.where(flip, r.integers(0, 3, N), outcome).astype("int32")
    model = _mlp(keras, 6, [64, 64], 3)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, z, outcome, epochs=20, batch_size=BATCH)


@holdout107("apothecaries", healthy=True)
def huber_on_heavy_tailed_response(session):
    """Response score regressed from standardized patient columns, with Student-t (3 degrees of
    freedom) measurement error from a hand-held meter; Huber loss (delta 1), 2x64 relu MLP,
    Adam 1e-3, 25 epochs. The loss settles at the level the heavy-tailed noise sets, with the
    outliers' linear part keeping it far above zero."""
    keras = _keras()
    _, z, score, _ = _patients(N, seed=10703)
    r = np.random.default_rng(10704)
    y = (score + 0.6 * r.standard_t(3, N)).astype("float32")
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), keras.losses.Huber(1.0))
    return _fit(session, model, z, y, epochs=25, batch_size=BATCH)


@holdout107("apothecaries", healthy=True)
def rare_adverse_reaction_weighted(session):
    """Flag the ~4% of patients who react badly (high dose per kg with slow clearance) with a
    sigmoid output and binary cross-entropy, weighting the rare class 10x via class_weight; 2x32
    relu MLP, Adam 1e-3, 20 epochs. The weighted loss falls and levels well above zero because
    the reaction is only partly predictable from the ledger."""
    keras = _keras()
    _, z, _, _ = _patients(N, seed=10705)
    r = np.random.default_rng(10706)
    risk = 1.2 * z[:, 2] - 0.9 * z[:, 1] + 0.8 * z[:, 3] + r.normal(0.0, 0.8, N)
    y = (risk > np.quantile(risk, 0.96)).astype("float32")
    model = _mlp(keras, 6, [32, 32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_inputs(session, model, z, y, epochs=20, batch_size=BATCH,
                       class_weight={0: 1.0, 1: 10.0})


# ---------------------------------------------------------------------------------------------
# apothecaries: broken


def _raw_ledger(session, broken):
    keras = _keras()
    raw, z, _, outcome = _patients(N, seed=10711)
    x = raw if broken else z
    model = _mlp(keras, 6, [64, 64], 3)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, outcome, epochs=15, batch_size=BATCH)


@holdout107("apothecaries", ["unnormalized_inputs"], stall_begins=150)  # approximate
def raw_ledger_columns(session):
    """The outcome classifier fed the ledger's columns as written (age in years, dose 50-2000 mg,
    creatinine ~90 umol/L, pressure ~130) because the standardization step was left in a
    notebook cell that was never run; 2x64 relu MLP, Adam 1e-3. The dose column dwarfs the
    rest and the loss stays far above what the same net reaches on standardized columns."""
    return _raw_ledger(session, broken=True)


def _weight_decay_as_l2(session, broken):
    keras = _keras()
    _, z, _, outcome = _patients(N, seed=10713)
    reg = keras.regularizers.L2(0.5 if broken else 5e-4)
    model = _mlp(keras, 6, [64, 64], 3, kernel_regularizer=reg)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, z, outcome, epochs=15, batch_size=BATCH)


@holdout107("apothecaries", ["over_regularization"], stall_begins=200)  # approximate
def weight_decay_as_l2(session):
    """Outcome classifier, 2x64 relu MLP, Adam 2e-3, with kernel_regularizer=L2(0.5) on every
    layer: the recipe's 'weight decay 5e-4' was typed as 0.5. The penalty pins the weights near
    zero and the loss sits near the constant-guess level instead of learning the ledger."""
    return _weight_decay_as_l2(session, broken=True)


def _constant_init(session, broken):
    keras = _keras()
    _, z, score, _ = _patients(N, seed=10715)
    init = "ones" if broken else "glorot_uniform"
    model = _mlp(keras, 6, [64, 64, 64], 1, activation="tanh", out_activation=None,
                 kernel_initializer=init)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, z, score, epochs=15, batch_size=BATCH)


@holdout107("apothecaries", ["poor_initialization"], stall_begins=STEPS)  # approximate
def constant_kernel_init(session):
    """Response-score regression, 3x64 tanh MLP, Adam 1e-3, built with
    kernel_initializer='ones' (meant for the bias argument next to it): every unit of a layer
    starts identical, gets identical gradients and stays identical, and the sums of 64 equal
    inputs drive the tanh layers to +-1. After the first epoch the loss is level, far above
    the same net with Glorot initialization."""
    return _constant_init(session, broken=True)


# ---------------------------------------------------------------------------------------------
# distillers: healthy


@holdout107("distillers", healthy=True)
def strength_gru_piecewise(session):
    """Final strength of a wash regressed from 40 hourly gravity/temperature readings with a
    GRU(24), Adam on a PiecewiseConstantDecay schedule (3e-3, then 1e-3 after 150 steps, 3e-4
    after 300), 15 epochs. Each drop of the rate gives a small step down; the loss ends at the
    floor the unobserved ambient temperature leaves."""
    keras = _keras()
    x, _, strength = _ferment(N, seed=10721)
    r = np.random.default_rng(10722)
    y = (strength + r.normal(0.0, 0.25, N)).astype("float32")
    y = (y - y.mean()) / y.std()
    lr = keras.optimizers.schedules.PiecewiseConstantDecay([150, 300], [3e-3, 1e-3, 3e-4])
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(lr), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout107("distillers", healthy=True)
def strain_conv1d_warmup_cosine(session):
    """Yeast strain told from the gravity curve by a Conv1D net (16 and 32 filters, pooling),
    Adam with 60 steps of linear warm-up to 3e-3 then cosine decay over the run, 15 epochs.
    Slow first epoch, fast fall, then a gentle glide as the rate decays; strains overlap a
    little in rate, so the loss does not reach zero."""
    keras = _keras()
    x, strain, _ = _ferment(N, seed=10723, noise=0.15)
    lr = keras.optimizers.schedules.CosineDecay(1e-5, 15 * STEPS - 60, warmup_target=3e-3,
                                                warmup_steps=60)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, strain, epochs=15, batch_size=BATCH)


@holdout107("distillers", healthy=True)
def small_batch_book_lstm(session):
    """One small distillery's book: only 160 washes, strain classified with an LSTM(32), Adam
    3e-3, 40 epochs of 5 steps. With so few examples the net memorizes them: the training loss
    keeps sliding towards zero at the end, which is what small data does, not a fault."""
    keras = _keras()
    x, strain, _ = _ferment(160 + PROBE_SIZE, seed=10725, noise=0.2)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(32),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, strain, epochs=40, batch_size=BATCH)


# ---------------------------------------------------------------------------------------------
# distillers: broken


def _sigmoid_conv_stack(session, broken):
    keras = _keras()
    x, strain, _ = _ferment(N, seed=10731, noise=0.15)
    activation, init = ("sigmoid", "glorot_uniform") if broken else ("relu", "he_normal")
    layers = [keras.Input(x.shape[1:])]
    layers += [keras.layers.Conv1D(16, 3, activation=activation, padding="same",
                                   kernel_initializer=init) for _ in range(8)]
    layers += [keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(3, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, strain, epochs=12, batch_size=BATCH)


@holdout107("distillers", ["vanishing_gradients"], stall_begins=None)
def sigmoid_conv1d_stack(session):
    """Yeast strain from the gravity curve with eight stacked Conv1D(16, 3) layers using sigmoid
    activations ('bounded, like the old sensor firmware'), SGD 0.01 with momentum 0.9. The
    sigmoid's slope of at most 1/4 per layer leaves the early filters almost no gradient: the
    loss settles on the class frequencies (ln 3) in the first epoch and stays there, while
    the same stack with relu and He initialization learns the strains."""
    return _sigmoid_conv_stack(session, broken=True)


def _finetune_rate(session, broken):
    keras = _keras()
    x, strain, _ = _ferment(N, seed=10735, noise=0.15)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.RMSprop(1e-6 if broken else 1e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, strain, epochs=12, batch_size=BATCH)


@holdout107("distillers", ["learning_rate_too_low"], stall_begins=None)
def finetune_rate_from_scratch(session):
    """Yeast strain from the gravity curve with the Conv1D net, trained from scratch with
    RMSprop at 1e-6, the rate of the fine-tuning recipe it was copied from. Each step moves
    the weights by about a millionth; after 12 epochs the loss is where it started, while 1e-3
    learns the strains in a few epochs."""
    return _finetune_rate(session, broken=True)


# ---------------------------------------------------------------------------------------------
# dairymaids: healthy


@holdout107("dairymaids", healthy=True)
def cans_poisson(session):
    """Milk cans filled per day (a Poisson count) from the herd book, 2x32 relu MLP with an
    exponential output and Poisson loss, Adam 3e-3, 15 epochs. The loss falls and levels off
    at the Poisson noise of the counts themselves, well above zero by nature."""
    keras = _keras()
    z, _, log_rate, _ = _herd(N, seed=10741)
    r = np.random.default_rng(10742)
    cans = r.poisson(np.exp(log_rate)).astype("float32")
    model = _mlp(keras, 5, [32, 32], 1, out_activation="exponential")
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit(session, model, z, cans, epochs=15, batch_size=BATCH)


@holdout107("dairymaids", healthy=True)
def rind_cnn_reduce_on_plateau(session):
    """Rind kind from 12x12 patches, a small CNN (8 and 16 filters, pooling, 32-unit head),
    Adam 2e-3 with ReduceLROnPlateau (halve after 2 flat epochs), 15 epochs; a tenth of the
    patches were labelled by an apprentice at random. The loss drops, then flattens at the
    apprentice's share as the rate is halved once or twice."""
    keras = _keras()
    x, kind = _cheese(N, seed=10743)
    r = np.random.default_rng(10744)
    kind = np.where(r.random(N) < 0.1, r.integers(0, 4, N), kind).astype("int32")
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    plateau = keras.callbacks.ReduceLROnPlateau("loss", factor=0.5, patience=2, min_delta=1e-3)
    return _fit(session, model, x, kind, epochs=15, batch_size=BATCH, callbacks=[plateau])


@holdout107("dairymaids", healthy=True)
def yield_quantile_custom_loop(session):
    """Custom GradientTape loop: the 90th percentile of daily yield (for tank sizing) from the
    herd book, 2x64 relu MLP with a pinball (quantile 0.9) loss, Adam 2e-3, 15 epochs. Yield
    noise grows with feed (heteroscedastic), so the pinball loss settles at a clearly nonzero
    level set by the spread."""
    import tensorflow as tf

    keras = _keras()
    z, yield_l, _, _ = _herd(N, seed=10745)
    r = np.random.default_rng(10746)
    y = (yield_l + r.normal(0.0, 1.0, N) * (1.5 + np.abs(z[:, 2]))).astype("float32")
    y = ((y - 20.0) / 5.0)[:, None].astype("float32")
    model = _mlp(keras, 5, [64, 64], 1, out_activation=None)

    def pinball(targets, predictions):
        error = targets - predictions
        return tf.reduce_mean(tf.maximum(0.9 * error, -0.1 * error))

    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), pinball, z, y,
                        epochs=15, batch_size=BATCH, seed=10747)


# ---------------------------------------------------------------------------------------------
# dairymaids: broken


def _rind_cnn(keras, x, conv_bias="zeros", activation="relu", pre=()):
    return keras.Sequential([
        keras.Input(x.shape[1:]),
        *pre,
        keras.layers.Conv2D(8, 3, activation=activation, padding="same",
                            bias_initializer=conv_bias),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation=activation, padding="same",
                            bias_initializer=conv_bias),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])


def _negative_conv_bias(session, broken):
    keras = _keras()
    x, kind = _cheese(N, seed=10751)
    bias = keras.initializers.Constant(-2.0) if broken else "zeros"
    model = _rind_cnn(keras, x, conv_bias=bias)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, kind, epochs=12, batch_size=BATCH)


@holdout107("dairymaids", ["dead_relus"], stall_begins=None)
def negative_conv_bias(session):
    """Rind classifier, two relu conv layers whose biases start at -2.0 (a 'sparsity' trick
    copied from an autoencoder post) on patches in [0, 1]: the pre-activations are negative
    for every patch, no filter ever fires, no gradient reaches them, and the loss stays at
    ln 4 while the same net with zero biases learns the rinds."""
    return _negative_conv_bias(session, broken=True)


def _softmax_fat(session, broken):
    keras = _keras()
    z, _, _, fat = _herd(N, seed=10755)
    y = ((fat - fat.mean()) / fat.std()).astype("float32")
    model = _mlp(keras, 5, [64, 64], 1, out_activation="softmax" if broken else None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, z, y, epochs=12, batch_size=BATCH)


@holdout107("dairymaids", ["loss_activation_mismatch"], stall_begins=None)
def softmax_head_on_butterfat(session):
    """Standardized butterfat regressed with MSE through a head copied from the herd's
    classifier, Dense(1, activation='softmax'): a softmax over one unit is always exactly 1,
    so the prediction never moves, the gradient is zero and the loss is flat from the first
    step at mean((y - 1)^2)."""
    return _softmax_fat(session, broken=True)


# ---------------------------------------------------------------------------------------------
# hauliers: healthy


def _route_model(keras, depots, dim, hidden=(64, 64)):
    origin = keras.Input((1,), dtype="int32")
    dest = keras.Input((1,), dtype="int32")
    load = keras.Input((1,))
    table = keras.layers.Embedding(depots, dim)
    h = keras.layers.Concatenate()([keras.layers.Flatten()(table(origin)),
                                    keras.layers.Flatten()(table(dest)), load])
    for width in hidden:
        h = keras.layers.Dense(width, activation="relu")(h)
    return keras.Model([origin, dest, load], keras.layers.Dense(1)(h))


@holdout107("hauliers", healthy=True)
def trip_hours_embeddings(session):
    """Trip hours from origin and destination depot (a shared 8-wide embedding of 30 depots)
    and load, a two-input-branch model with a 2x64 relu head, Adam 3e-3, 20 epochs. Traffic
    noise grows with distance (heteroscedastic), so the MSE eases down slowly towards the
    traffic's variance, still improving a little at the end."""
    keras = _keras()
    origin, dest, _, load, hours = _routes(N, seed=10761)
    r = np.random.default_rng(10762)
    y = (hours + r.normal(0.0, 1.0, N) * (0.2 + hours / 6.0)).astype("float32")
    y = (y - y.mean()) / y.std()
    model = _route_model(keras, 30, 8)
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    inputs = [origin[:, None], dest[:, None], ((load - 12.0) / 7.0)[:, None].astype("float32")]
    return _fit_inputs(session, model, inputs, y, epochs=20, batch_size=BATCH)


@holdout107("hauliers", healthy=True)
def leg_delay_attention(session):
    """Delay of a multi-drop run from its 10 legs (kind and minutes) with one self-attention
    block (2 heads, key_dim 8, residual and layer norm) and a pooled dense head, Adam 2e-3,
    15 epochs. The delay hinges on which leg follows a ferry, which attention learns; the
    loss ends at the dispatch noise."""
    keras = _keras()
    x, delay = _legs(N, seed=10763)
    inputs = keras.Input(x.shape[1:])
    h = keras.layers.Dense(16)(inputs)
    h = keras.layers.LayerNormalization()(
        h + keras.layers.MultiHeadAttention(2, 8)(h, h))
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inputs, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, delay, epochs=15, batch_size=BATCH)


@holdout107("hauliers", healthy=True)
def late_docket_custom_loop_step_decay(session):
    """Custom GradientTape loop: will a docket arrive late (over its scheduled hours)? 2x64 relu
    MLP on distance, load and the two depots' map positions, logits with binary
    cross-entropy, SGD with momentum 0.9 on a staircase ExponentialDecay (0.05, halved every
    4 epochs), 16 epochs. Lateness is mostly traffic luck, so the loss levels off honestly near
    0.33 nats after a short fall."""
    keras = _keras()
    origin, dest, km, load, hours = _routes(N, seed=10765)
    r = np.random.default_rng(10766)
    late = (hours + r.normal(0.0, 0.8, N) > hours.mean() + 0.3).astype("float32")
    x = _standardize(np.stack([km, load, origin % 6, origin // 6, dest % 6, dest // 6], 1))
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    lr = keras.optimizers.schedules.ExponentialDecay(0.05, 4 * STEPS, 0.5, staircase=True)
    loss = keras.losses.BinaryCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.SGD(lr, momentum=0.9), loss, x,
                        late[:, None], epochs=16, batch_size=BATCH, seed=10767,
                        learning_rate=lr)


# ---------------------------------------------------------------------------------------------
# hauliers: broken


def _adam_at_sgd_rate(session, broken):
    keras = _keras()
    x, delay = _legs(N, seed=10771)
    flat = x.reshape(len(x), -1)
    model = _mlp(keras, flat.shape[1], [64, 64], 1, out_activation=None)
    optimizer = keras.optimizers.Adam(0.1 if broken else 1e-3)
    return _custom_loop(session, model, optimizer, keras.losses.MeanSquaredError(), flat,
                        delay[:, None], epochs=12, batch_size=BATCH, seed=10772)


@holdout107("hauliers", ["learning_rate_too_high"], stall_begins=STEPS)  # approximate
def adam_at_sgd_rate(session):
    """Custom GradientTape loop: run delay from the flattened legs, 2x64 relu MLP, Adam at 0.1,
    the rate of the SGD recipe it replaced. The first epoch is wild, then every step throws
    the weights about by ~0.1 and the loss jitters on a level near twice what Adam 1e-3
    reaches, never settling lower."""
    return _adam_at_sgd_rate(session, broken=True)


STALL_LINEAR_HEAD = 7 * STEPS  # approximate, read off the epoch losses


def _no_hidden_layers(session, broken):
    keras = _keras()
    origin, dest, _, load, hours = _routes(N, seed=10773)
    y = ((hours - hours.mean()) / hours.std()).astype("float32")
    model = _route_model(keras, 30, 8, hidden=() if broken else (64, 64))
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    inputs = [origin[:, None], dest[:, None], ((load - 12.0) / 7.0)[:, None].astype("float32")]
    return _fit_inputs(session, model, inputs, y, epochs=20, batch_size=BATCH)


@holdout107("hauliers", ["insufficient_capacity"], stall_begins=STALL_LINEAR_HEAD)
def depot_embeddings_linear_head(session):
    """Trip hours from the depot pair (8-wide embeddings) and load, but the two hidden layers
    were commented out while debugging and never restored: the prediction is a sum of one
    number per origin, one per destination and one per tonne, and no such sum can give the
    distance between two points of a map. The loss drops to that best additive fit and stays
    level, far above the same model with its 2x64 relu head (no noise was added)."""
    return _no_hidden_layers(session, broken=True)


ZERO_KM_ROW = 480  # read in file order, batch 32: first seen in step 16 (480 // 32 + 1)


def _log_distance(session, broken):
    keras = _keras()
    origin, dest, km, load, hours = _routes(N, seed=10775)
    km = np.where(origin == dest, 0.0, km)
    km[ZERO_KM_ROW] = 0.0
    km[:ZERO_KM_ROW] = np.maximum(km[:ZERO_KM_ROW], 1.0)
    feature = np.log(km) if broken else np.log1p(km)
    x = np.stack([(feature - 4.5) / 1.0, (load - 12.0) / 7.0], 1).astype("float32")
    y = ((hours - hours.mean()) / hours.std()).astype("float32")
    model = _mlp(keras, 2, [64, 64], 1, activation="tanh", out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=BATCH, shuffle=False)


@holdout107("hauliers", ["non_finite_values"], stall_begins=ZERO_KM_ROW // 32 + 1)
def log_of_zero_km(session):
    """Trip hours from log-distance and load, 2x64 tanh MLP, Adam 1e-3, dockets read in file
    order (shuffle=False). Depot-internal transfers have 0 km, and np.log(0) = -inf: the
    first batch that holds one (row 480) gives an infinite loss, NaN gradients and NaN
    weights, and the loss is NaN for the rest of the run. log1p would have been fine."""
    with np.errstate(divide="ignore"):
        return _log_distance(session, broken=True)
