"""The hundred-and-eighty-eighth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades give the stories. Hedgelayers survey and lay field hedges (species from leaf
measurements, next-season regrowth, rare gaps, laser profiles of the cut). Drystone wallers
sort stones from tiny photos of their faces, measure the lean of walls and tell which gang built
a section. Charcoal burners log clamp temperature and draught by the hour, count the cracks in the
earth cover and grade burns from raw clamp records. Rope walkers test breaking loads per fibre
supplier and read tension traces as a rope is laid for lay faults.

Healthy half (twelve correct trainings whose loss flattens above zero or in unusual ways): hedge
species with 30% wrong labels (MLP); heteroscedastic regrowth regression with SGD on a
PiecewiseConstantDecay schedule; a 4% rare class with class_weight; stone photos with 20%
mis-sorted labels, a small CNN and ReduceLROnPlateau; wall lean with Student-t errors under a
Huber loss; a 192-row survey memorized by a wide MLP; kiln traces through a GRU on warm-up then
cosine decay; crack counts with a Poisson loss; a 0.9-quantile pinball loss in a custom
GradientTape loop; breaking load from a fibre Embedding plus numbers (multi-input); a slow
self-attention classifier still improving at the end; a noisy LSTM classifier that flattens high.

Broken half (eleven runs, one per cause, each compared in a throwaway script with the same model
without the mistake): an L2 penalty of 1.0 where 1e-4 was meant; SGD at 2.0 on a Conv1D;
hidden biases of -2 on min-max inputs that kill every relu; kernels RandomUniform(0, 1) on
min-max inputs that pin every tanh unit at +1; ten sigmoid layers in a custom loop; raw clamp
units (seconds, kilograms) into an MLP under SGD; zeros kernel initialization of a Conv1D net;
NaN thermocouple readings reaching a GRU; SGD at 1e-5 on a GRU; a sigmoid output on a
standardized regression target (custom loop, attention); and an identity-initialized relu
SimpleRNN of gain 1.1 trained without the clipnorm of its recipe, whose first-epoch loss reaches
~1e7-1e9 (finite) and then stays flat.

Dropped or changed because they did not behave as intended: Adam at 0.5 on the Conv1D still
learned (replaced by SGD at 2.0); kernels RandomNormal(stddev=4) in a tanh MLP saturated the
units but the output layer learned from their signs anyway (replaced by the all-positive
uniform initialization); a softmax output under from_logits=True still learned in the custom
loop (replaced by the sigmoid regression head); the IRNN at gain 1.0 and SGD 0.05 was unstable
even with clipping (gain 1.1 and SGD 0.01 kept the clipped run healthy); and an
insufficient_capacity run (a one-filter CNN on the stone photos) kept learning steadily, so the
catalogue has no insufficient_capacity scenario: eleven broken runs, twenty-three in all.

Labelling: `expected_causes` holds the one root cause each broken run was built around.
`stall_begins` is the 0-based optimizer step from which the loss stops improving, None when it
never improves on its first steps (the runs that are flat, or blow up and then sit at the
constant-guess level, from the start). The NaN run's step is exact (the first batch holding a
NaN, in time order); the over-regularized run (~190) and the sigmoid-head run (~64) were read
off the per-epoch loss and are approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('hedgelayers', 'drystone_wallers', 'charcoal_burners', 'rope_walkers')

REGISTRY = []
holdout188 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


def _fit_inputs(session, model, x, y, *, epochs, batch_size, shuffle=True, callbacks=(),
                class_weight=None):
    """model.fit on all but the last PROBE_SIZE rows; `x` may be a list of input arrays."""
    if isinstance(x, (list, tuple)):
        train_x = [part[:-PROBE_SIZE] for part in x]
        probe_x = [part[-PROBE_SIZE:] for part in x]
    else:
        train_x, probe_x = x[:-PROBE_SIZE], x[-PROBE_SIZE:]
    probe = (probe_x, y[-PROBE_SIZE:])
    history = model.fit(train_x, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        shuffle=shuffle, verbose=0, class_weight=class_weight,
                        callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# data: hedgelayers (laying and surveying field hedges)


def _hedge_survey(n, seed, flip=0.0):
    """Leaf and stem measurements of hedge plants -> species (4 classes), some labels flipped."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(0.0, 1.6, size=(4, 10))
    y = rng.integers(0, 4, size=n)
    x = centres[y] + rng.normal(0.0, 1.0, size=(n, 10))
    x[:, :3] += 0.5 * np.sin(2.0 * x[:, 3:6])
    if flip:
        wrong = rng.random(n) < flip
        y = np.where(wrong, rng.integers(0, 4, size=n), y)
    return _standardize(x), y.astype("int32")


def _hedge_regrowth(n, seed):
    """Stem diameter, cut angle, soil, age -> next-season regrowth (cm); noise grows with age."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 8))
    mean = 30.0 + 8.0 * x[:, 0] - 5.0 * x[:, 1] ** 2 + 6.0 * np.tanh(x[:, 2] * x[:, 3])
    age = np.abs(x[:, 4])
    y = mean + rng.normal(size=n) * (3.0 + 6.0 * age)
    return _standardize(x), ((y - y.mean()) / y.std()).astype("float32")[:, None]


def _hedge_profile(n, seed):
    """A laser profile of the hedge along 48 positions -> which of 3 laying styles it was cut in."""
    rng = np.random.default_rng(seed)
    t = np.linspace(0.0, 1.0, 48)
    y = rng.integers(0, 3, size=n)
    period = np.array([4.0, 7.0, 11.0])[y][:, None]
    phase = rng.uniform(0, 2 * np.pi, size=(n, 1))
    x = np.sin(2 * np.pi * period * t + phase) + 0.6 * rng.normal(size=(n, 48))
    return x[..., None].astype("float32"), y.astype("int32")


# ---------------------------------------------------------------------------------------------
# data: drystone_wallers (building and inspecting dry-stone walls)


def _stone_images(n, seed, flip=0.0, size=12):
    """Tiny greyscale photos of a stone face -> shape class: through-stone, cope, hearting, pin."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, size=n)
    yy, xx = np.mgrid[0:size, 0:size] / (size - 1) - 0.5
    images = np.empty((n, size, size), dtype="float32")
    for i in range(n):
        cx, cy = rng.uniform(-0.15, 0.15, size=2)
        r = rng.uniform(0.2, 0.35)
        if y[i] == 0:  # long flat through-stone
            img = (np.abs(yy - cy) < r / 3) & (np.abs(xx - cx) < r * 1.3)
        elif y[i] == 1:  # rounded cope
            img = (xx - cx) ** 2 + (yy - cy) ** 2 < r ** 2
        elif y[i] == 2:  # tall hearting
            img = (np.abs(xx - cx) < r / 3) & (np.abs(yy - cy) < r * 1.3)
        else:  # wedge-shaped pin
            img = (yy - cy > -r) & (np.abs(xx - cx) < (yy - cy + r) * 0.6)
        images[i] = img + 0.35 * rng.normal(size=(size, size))
    if flip:
        wrong = rng.random(n) < flip
        y = np.where(wrong, rng.integers(0, 4, size=n), y)
    return images[..., None], y.astype("int32")


def _wall_lean(n, seed, dim=6):
    """Batter, height, stone density, frost days... -> measured lean (mm), heavy-tailed errors."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, dim))
    w = rng.normal(size=dim)
    y = x @ w + 0.8 * np.sin(2.0 * x[:, 0]) + 0.5 * rng.standard_t(2.0, size=n)
    return _standardize(x), y.astype("float32")[:, None]


def _wall_gangs(n, seed):
    """Twenty survey features of a wall section -> which of 5 repair gangs' styles built it."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 20))
    w1 = rng.normal(size=(20, 24))
    w2 = rng.normal(size=(24, 5))
    logits = np.tanh(x @ w1 / np.sqrt(20)) @ w2 * 2.0
    y = np.argmax(logits + 0.3 * rng.gumbel(size=(n, 5)), axis=1)
    return _standardize(x), y.astype("int32")


# ---------------------------------------------------------------------------------------------
# data: charcoal_burners (running earth-covered charcoal clamps)


def _kiln_traces(n, seed, length=24):
    """Hourly clamp temperature and vent draught over a day -> charcoal yield (standardized)."""
    rng = np.random.default_rng(seed)
    t = np.arange(length) / length
    rate = rng.uniform(0.5, 2.0, size=(n, 1))
    peak = rng.uniform(0.3, 0.7, size=(n, 1))
    temp = np.exp(-((t - peak) ** 2) / 0.05) * rate + 0.2 * rng.normal(size=(n, length))
    draught = np.cumsum(rng.normal(0, 0.2, size=(n, length)), axis=1)
    x = np.stack([temp, draught], axis=-1)
    y = 2.0 * rate[:, 0] - 1.5 * (peak[:, 0] - 0.5) ** 2 * 8 - 0.3 * draught[:, -1]
    y = y + 0.4 * rng.normal(size=n)
    return x.astype("float32"), ((y - y.mean()) / y.std()).astype("float32")[:, None]


def _clamp_readings(n, seed):
    """Raw clamp records in their own units -> quality grade of the burn (3 classes).

    Columns: wood load (kg, ~2000), burn time (s, ~90000), moisture (fraction, ~0.2), peak
    temperature (deg C, ~450), vent count (~6), ambient (deg C, ~10)."""
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(n, 6))
    scale = np.array([400.0, 15000.0, 0.05, 60.0, 2.0, 5.0])
    offset = np.array([2000.0, 90000.0, 0.2, 450.0, 6.0, 10.0])
    raw = z * scale + offset
    score = 1.2 * z[:, 1] - 1.5 * z[:, 2] + z[:, 3] * z[:, 0] + 0.3 * rng.normal(size=n)
    y = np.digitize(score, np.quantile(score, [1 / 3, 2 / 3]))
    return raw.astype("float32"), z.astype("float32"), y.astype("int32")


def _crack_counts(n, seed):
    """Clamp conditions -> number of cracks the earth cover opens during the burn (counts)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 7))
    rate = np.exp(0.8 + 0.6 * x[:, 0] - 0.4 * x[:, 1] + 0.3 * x[:, 2] * x[:, 3])
    y = rng.poisson(rate)
    return _standardize(x), y.astype("float32")[:, None]


# ---------------------------------------------------------------------------------------------
# data: rope_walkers (spinning and laying rope on a rope walk)


def _twist_sequences(n, seed, length=20, classes=4):
    """Tension readings along a rope as it is laid -> which of 4 lay faults (or none) it has."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, classes, size=n)
    t = np.arange(length)
    freq = np.array([0.15, 0.3, 0.15, 0.3])[y][:, None]
    amp = np.array([0.5, 0.5, 1.5, 1.5])[y][:, None]
    x = amp * np.sin(2 * np.pi * freq * t + rng.uniform(0, 6.3, size=(n, 1)))
    x = x + 0.3 * rng.normal(size=(n, length))
    return x[..., None].astype("float32"), y.astype("int32")


def _rope_batches(n, seed):
    """Fibre (one of 12 suppliers), strand count, twist, length -> breaking load (standardized)."""
    rng = np.random.default_rng(seed)
    fibre = rng.integers(0, 12, size=n)
    strength = rng.normal(0.0, 1.0, size=12)
    x = rng.normal(size=(n, 5))
    y = strength[fibre] * (1.0 + 0.4 * x[:, 0]) + 0.8 * x[:, 1] - 0.5 * x[:, 2] ** 2
    y = y + 0.5 * rng.normal(size=n)
    return [fibre.astype("int32"), _standardize(x)], ((y - y.mean()) / y.std()).astype("float32")


# ---------------------------------------------------------------------------------------------
# broken helpers: each trains the mistaken version (broken=True) or the corrected one


def _over_regularized(session, broken):
    keras = _keras()
    x, y = _hedge_survey(N, seed=18801)
    reg = keras.regularizers.l2(1.0 if broken else 1e-4)
    model = _mlp(keras, 10, [64, 64], 4, kernel_regularizer=reg)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _conv1d_lr(session, broken):
    keras = _keras()
    x, y = _hedge_profile(N, seed=18802)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(2.0 if broken else 0.05, momentum=0.9),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _negative_bias(session, broken):
    keras = _keras()
    x, y = _hedge_regrowth(N, seed=18803)
    x = (x - x.min(axis=0)) / (x.max(axis=0) - x.min(axis=0))  # min-max to [0, 1]
    bias = keras.initializers.Constant(-2.0 if broken else 0.0)
    model = _mlp(keras, 8, [64, 64], 1, out_activation=None, bias_initializer=bias)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _wide_normal_tanh(session, broken):
    keras = _keras()
    x, y = _wall_gangs(N, seed=18804)
    x = (x - x.min(axis=0)) / (x.max(axis=0) - x.min(axis=0))  # min-max to [0, 1]
    init = keras.initializers.RandomUniform(0.0, 1.0) if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input((20,)),
        keras.layers.Dense(128, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(128, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(5, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _deep_sigmoid_loop(session, broken):
    keras = _keras()
    x, y = _wall_gangs(N, seed=18805)
    model = _mlp(keras, 20, [32] * 10, 5, activation="sigmoid" if broken else "relu",
                 out_activation=None)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.SGD(0.05, momentum=0.9), loss, x, y,
                        epochs=15, batch_size=32, seed=18805)


def _raw_clamp_columns(session, broken):
    keras = _keras()
    raw, z, y = _clamp_readings(N, seed=18807)
    x = raw if broken else _standardize(raw)
    model = _mlp(keras, 6, [32, 32], 3)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _zeros_conv1d(session, broken):
    keras = _keras()
    x, y = _kiln_traces(N, seed=18808)
    init = "zeros" if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 3, activation="relu", kernel_initializer=init),
        keras.layers.Conv1D(16, 3, activation="relu", kernel_initializer=init),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation="relu", kernel_initializer=init),
        keras.layers.Dense(1, kernel_initializer=init),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


NAN_ROW = 20 * 32  # the first clamp log with a dropped thermocouple reading (time order)


def _dropped_readings(session, broken):
    keras = _keras()
    x, y = _kiln_traces(N, seed=18809)
    x = x.copy()
    rng = np.random.default_rng(18809)
    dropped = NAN_ROW + np.flatnonzero(rng.random(N - PROBE_SIZE - NAN_ROW) < 0.05)
    dropped[0] = NAN_ROW
    hours = rng.integers(0, x.shape[1], size=len(dropped))
    if broken:
        x[dropped, hours, 0] = np.nan
    else:  # the fix: carry the previous hour's reading forward
        x[dropped, hours, 0] = x[dropped, np.maximum(hours - 1, 0), 0]
    model = keras.Sequential([
        keras.Input(x.shape[1:]), keras.layers.GRU(16), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32, shuffle=False)


def _tiny_sgd_gru(session, broken):
    keras = _keras()
    x, y = _twist_sequences(N, seed=18810)
    model = keras.Sequential([
        keras.Input(x.shape[1:]), keras.layers.GRU(24),
        keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.SGD(1e-5 if broken else 0.05, momentum=0.9),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _sigmoid_regression_head(session, broken):
    keras = _keras()
    x, y = _twist_sequences(N, seed=18811)
    amp = np.array([0.5, 0.5, 1.5, 1.5])[y] + 2.0 * np.array([0.15, 0.3, 0.15, 0.3])[y]
    target = ((amp - amp.mean()) / amp.std()).astype("float32")[:, None]
    inputs = keras.Input(x.shape[1:])
    h = keras.layers.Conv1D(16, 3, padding="same", activation="relu")(inputs)
    h = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    outputs = keras.layers.Dense(1, activation="sigmoid" if broken else None)(h)
    model = keras.Model(inputs, outputs)
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3),
                        keras.losses.MeanSquaredError(), x, target,
                        epochs=15, batch_size=32, seed=18811)


def _unclipped_rnn(session, broken):
    keras = _keras()
    x, y = _twist_sequences(N, seed=18812, length=30)
    target = (y[:, None] >= 2).astype("float32")  # heavy-amplitude faults
    eye = keras.initializers.Identity(gain=1.1)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.SimpleRNN(32, activation="relu", recurrent_initializer=eye),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    clip = {} if broken else {"clipnorm": 1.0}
    opt = keras.optimizers.SGD(0.01, momentum=0.9, **clip)
    model.compile(opt, "binary_crossentropy")
    return _fit(session, model, x, target, epochs=12, batch_size=32)


# ---------------------------------------------------------------------------------------------
# hedgelayers


@holdout188("hedgelayers", healthy=True)
def species_with_misnamed_plants(session):
    """Hedge survey: ten leaf and stem measurements -> one of four hedge species, with about 30%
    of the labels written down wrong by volunteers; 2x64 relu MLP, Adam 1e-3, 20 epochs. The loss
    flattens far above zero where the wrong labels leave it."""
    keras = _keras()
    x, y = _hedge_survey(N, seed=18820, flip=0.3)
    model = _mlp(keras, 10, [64, 64], 4)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout188("hedgelayers", healthy=True)
def regrowth_step_decay(session):
    """Next-season regrowth of a laid hedge from stem diameter, cut angle, soil and age, whose
    noise grows with the hedge's age (heteroscedastic); 64-32 relu MLP, MSE, SGD with momentum on
    a PiecewiseConstantDecay schedule (0.02, /10 at steps 320 and 640), 30 epochs."""
    keras = _keras()
    x, y = _hedge_regrowth(N, seed=18821)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([320, 640], [0.02, 2e-3, 2e-4])
    model = _mlp(keras, 8, [64, 32], 1, out_activation=None)
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=30, batch_size=32)


@holdout188("hedgelayers", healthy=True)
def rare_gap_with_class_weight(session):
    """Rare gaps: about 4% of surveyed hedge sections have a gap a hedger must re-lay; 32-16 relu
    MLP with sigmoid output, binary crossentropy, Adam 1e-3, class_weight 1:12, 20 epochs. The
    weighted loss settles high because the rare class overlaps the common one."""
    keras = _keras()
    rng = np.random.default_rng(18822)
    x = rng.normal(size=(N, 8))
    score = 1.5 * x[:, 0] + x[:, 1] * x[:, 2] + 0.8 * rng.normal(size=N)
    y = (score > np.quantile(score, 0.96)).astype("float32")[:, None]
    model = _mlp(keras, 8, [32, 16], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_inputs(session, model, _standardize(x), y, epochs=20, batch_size=32,
                       class_weight={0: 1.0, 1: 12.0})


@holdout188("hedgelayers", ["over_regularization"], stall_begins=190)  # approximate
def hedge_species_l2_one(session):
    """Hedge species from leaf measurements, 2x64 relu MLP, Adam 2e-3, with an L2 kernel
    penalty of 1.0 on every layer (1e-4 was meant): the penalty pins the weights near zero and the
    loss settles near the constant-guess level while the unpenalized fit reaches ~0.01."""
    return _over_regularized(session, broken=True)


@holdout188("hedgelayers", ["learning_rate_too_high"])
def profile_conv_sgd_two(session):
    """Laser profiles along the hedge -> laying style, Conv1D(16)x2 + dense head, SGD with
    momentum at 2.0, a rate copied from a large-batch recipe (0.05 works): the loss bounces above
    the constant-guess level from the first epoch."""
    return _conv1d_lr(session, broken=True)


@holdout188("hedgelayers", ["dead_relus"])
def regrowth_negative_bias(session):
    """Regrowth regression on min-max scaled inputs, 2x64 relu MLP, Adam 1e-3, with every
    hidden bias initialized to -2.0 (a sparse-coding recipe): no hidden unit ever fires, so only
    the output bias learns and the loss is flat at the variance of the target."""
    return _negative_bias(session, broken=True)


# ---------------------------------------------------------------------------------------------
# drystone_wallers


@holdout188("drystone_wallers", healthy=True)
def stone_shapes_noisy_plateau_lr(session):
    """Tiny photos of stone faces -> through-stone, cope, hearting or pin, with 20% of the labels
    mis-sorted in the yard; Conv2D 8-16 CNN, Adam 3e-3 with ReduceLROnPlateau on the loss
    (factor 0.3, patience 2), 20 epochs."""
    keras = _keras()
    x, y = _stone_images(N, seed=18830, flip=0.2)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.3, patience=2)
    return _fit(session, model, x, y, epochs=20, batch_size=32, callbacks=[plateau])


@holdout188("drystone_wallers", healthy=True)
def wall_lean_huber(session):
    """Measured lean of a wall from batter, height, stone density and frost days, with
    heavy-tailed (Student-t, 2 dof) measurement errors; 32-32 relu MLP, Huber loss, Adam 2e-3,
    25 epochs. Flattens at the noise floor."""
    keras = _keras()
    x, y = _wall_lean(N, seed=18831)
    model = _mlp(keras, 6, [32, 32], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(delta=1.0))
    return _fit(session, model, x, y, epochs=25, batch_size=32)


@holdout188("drystone_wallers", healthy=True)
def gangs_small_survey(session):
    """Only 192 surveyed wall sections -> which of five gangs built them; 2x128 relu MLP, Adam
    2e-3, 40 epochs of 6 steps: the small data is memorized and the training loss keeps falling
    slowly towards zero."""
    keras = _keras()
    x, y = _wall_gangs(192 + PROBE_SIZE, seed=18832)
    model = _mlp(keras, 20, [128, 128], 5)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=32)


@holdout188("drystone_wallers", ["saturated_activations"])
def gangs_uniform_positive_init(session):
    """Gang style from min-max scaled survey features, 2x128 tanh MLP, SGD momentum 0.02, with
    kernels initialized RandomUniform(0.0, 1.0) (meant as a small symmetric range): every
    pre-activation is large and positive, every tanh unit sits at +1 on every example, and the
    loss never gets below the constant guess."""
    return _wide_normal_tanh(session, broken=True)


@holdout188("drystone_wallers", ["vanishing_gradients"])
def gangs_ten_sigmoid_layers(session):
    """Custom GradientTape loop: gang style from survey features through ten sigmoid layers of 32
    units (relu was meant), SGD momentum 0.05: the gradient reaching the first layers is tiny and
    the loss stays near the constant guess while the relu stack learns."""
    return _deep_sigmoid_loop(session, broken=True)


# ---------------------------------------------------------------------------------------------
# charcoal_burners


@holdout188("charcoal_burners", healthy=True)
def kiln_yield_gru_warmup_cosine(session):
    """Hourly clamp temperature and draught over a day -> standardized charcoal yield (noisy);
    GRU(16), MSE, Adam on a linear warm-up (64 steps to 5e-3) then cosine decay over 20 epochs."""
    keras = _keras()
    x, y = _kiln_traces(N, seed=18840)
    steps = 20 * (1024 // 32)
    schedule = keras.optimizers.schedules.CosineDecay(
        1e-4, steps - 64, warmup_target=5e-3, warmup_steps=64)
    model = keras.Sequential([
        keras.Input(x.shape[1:]), keras.layers.GRU(16), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(schedule), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout188("charcoal_burners", healthy=True)
def crack_counts_poisson(session):
    """Cracks opening in the earth cover of a clamp (Poisson counts) from burn conditions;
    32-32 relu MLP with exponential output, Poisson loss, Adam 2e-3, 20 epochs: the loss flattens
    at the Poisson noise level."""
    keras = _keras()
    x, y = _crack_counts(N, seed=18841)
    model = _mlp(keras, 7, [32, 32], 1, out_activation="exponential")
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout188("charcoal_burners", healthy=True)
def crack_quantile_loop(session):
    """Custom GradientTape loop: the 90th percentile of cracks per clamp, pinball (quantile 0.9)
    loss on a 32-32 relu MLP, Adam 3e-3, 20 epochs; the loss flattens well above zero."""
    keras = _keras()
    x, y = _crack_counts(N, seed=18842)

    def pinball(target, prediction, q=0.9):
        error = target - prediction
        return keras.ops.mean(keras.ops.maximum(q * error, (q - 1.0) * error))

    model = _mlp(keras, 7, [32, 32], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), pinball, x, y,
                        epochs=20, batch_size=32, seed=18842, loss_description="pinball_0.9")


@holdout188("charcoal_burners", ["unnormalized_inputs"])
def clamp_grade_raw_units(session):
    """Burn grade from raw clamp records (wood load in kg, burn time in seconds ~90,000,
    moisture fraction, temperature in deg C) fed unscaled to a 2x32 relu MLP, SGD momentum 0.01:
    the first steps blow up and the loss then sits at ln 3; standardized, it falls to ~0.2."""
    return _raw_clamp_columns(session, broken=True)


@holdout188("charcoal_burners", ["poor_initialization"])
def kiln_conv_zeros_init(session):
    """Kiln traces -> yield, Conv1D(16)x2 + Dense(16) relu, Adam 3e-3, with
    kernel_initializer='zeros' on every layer (copied from an output-layer recipe): all units are
    identical and silent, and the loss is flat at the target variance from the start."""
    return _zeros_conv1d(session, broken=True)


@holdout188("charcoal_burners", ["non_finite_values"], stall_begins=NAN_ROW // 32)
def kiln_gru_missing_readings(session):
    """Kiln traces in time order (shuffle=False) where a dropped thermocouple reading was stored
    as NaN from the 21st batch on, GRU(16), Adam 3e-3: the first NaN batch turns the loss and the
    weights NaN for the rest of the run."""
    return _dropped_readings(session, broken=True)


# ---------------------------------------------------------------------------------------------
# rope_walkers


@holdout188("rope_walkers", healthy=True)
def breaking_load_fibre_embedding(session):
    """Breaking load of a rope from its fibre supplier (Embedding(12, 4)) and strand count,
    twist and length (multi-input model), 32-32 relu, MSE, Adam 3e-3, 20 epochs; the test-rig
    noise leaves the loss flat well above zero."""
    keras = _keras()
    x, y = _rope_batches(N, seed=18850)
    fibre = keras.Input((), dtype="int32")
    numbers = keras.Input((5,))
    h = keras.layers.Concatenate()([keras.layers.Embedding(12, 4)(fibre), numbers])
    h = keras.layers.Dense(32, activation="relu")(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([fibre, numbers], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit_inputs(session, model, x, y[:, None], epochs=20, batch_size=32)


@holdout188("rope_walkers", healthy=True)
def lay_faults_attention_slow(session):
    """Tension readings along a rope being laid -> lay fault; Conv1D(16) + self-attention
    (2 heads) + pooling, Adam 5e-4, 20 epochs: a long slow descent still improving at the end."""
    keras = _keras()
    x, y = _twist_sequences(N, seed=18851)
    inputs = keras.Input(x.shape[1:])
    h = keras.layers.Conv1D(16, 3, padding="same", activation="relu")(inputs)
    h = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    model = keras.Model(inputs, keras.layers.Dense(4, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(5e-4), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout188("rope_walkers", healthy=True)
def lay_faults_lstm_noisy(session):
    """Lay faults from short, very noisy tension traces (noise twice the small amplitude),
    LSTM(24), Adam 2e-3, 15 epochs: the loss flattens high, where the noise hides the
    small-amplitude faults."""
    keras = _keras()
    x, y = _twist_sequences(N, seed=18852)
    x = x + np.random.default_rng(18853).normal(0.0, 1.0, size=x.shape).astype("float32")
    model = keras.Sequential([
        keras.Input(x.shape[1:]), keras.layers.LSTM(24),
        keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout188("rope_walkers", ["learning_rate_too_low"])
def lay_faults_gru_sgd_1e5(session):
    """Lay faults from tension traces, GRU(24), SGD momentum at 1e-5 (0.05 works): the loss sits
    at ln 4 for the whole run."""
    return _tiny_sgd_gru(session, broken=True)


@holdout188("rope_walkers", ["loss_activation_mismatch"], stall_begins=64)  # approximate
def tension_attention_sigmoid_head(session):
    """Custom GradientTape loop: standardized tension amplitude from the trace, Conv1D +
    self-attention regressor with MSE, but a sigmoid output left from a classifier: half the
    targets are negative and out of reach, so the loss stays far above the linear head's."""
    return _sigmoid_regression_head(session, broken=True)


@holdout188("rope_walkers", ["exploding_gradients"])
def heavy_lay_irnn_no_clipping(session):
    """Heavy-lay detection from 30-step traces, SimpleRNN(32) relu with an identity recurrent
    init of gain 1.1 (IRNN), SGD momentum 0.01 without the clipnorm the recipe used: the first
    epoch's gradients explode (loss ~1e9, still finite) and the loss then stays flat; clipped, it
    reaches ~0.005."""
    return _unclipped_rnn(session, broken=True)
