"""The two-hundred-and-eleventh held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades, six runs each, half healthy and half broken. Every run builds its own data from
seeds 21101-21136; the last PROBE_SIZE rows of each set are the probe.

Tinkers of tin (soldered seams: iron temperature, flux, dwell, tin fraction, gauge, humidity).
Healthy: a leak classifier whose inspector mislabelled 18% of seams (flattens near the noise's
cross-entropy); burst pressure with heteroscedastic gauge error under Huber loss and a
PiecewiseConstantDecay schedule (steps down, then a floor); a two-input model (iron tower and
sheet tower) trained with slow plain SGD that is still improving at the end. Broken: an SGD
recipe's learning rate 0.5 pasted into Adam (jumps, then bounces at the coin-flip loss); burst
pressure from the columns as written down (temperature ~320 C, humidity in %) with no scaling;
a custom GradientTape loop whose kernels were all initialized to one constant "for
reproducibility", so every unit of a layer stays identical.

Ploughmen of the fen (ditch gauges and field surveys). Healthy: tomorrow's water table from 30
days of rain, pumping and gauge readings with an LSTM and ReduceLROnPlateau; a rare flood class
(5%) with class_weight; eels per trap night under a Poisson loss with an exponential output.
Broken: a GRU with RMSprop at 3e-7 where the config said 3e-3; a 12-layer sigmoid MLP from an old
textbook (vanishing gradients, stuck at log 2); relu layers whose biases start at -3 after a
sparse-coding recipe, so every unit is dead on the standardized survey.

Scythe grinders (spark photographs and the whine of the stone). Healthy: a spark-grit Conv2D
classifier with 10% mis-filed photos under linear warm-up then cosine decay; wheel wear from the
whine with a Conv1D net and MAE against Student-t (2 dof) gauge error; 160 photographs with 15%
label slips that a small CNN slowly memorizes over 40 epochs. Broken: tanh Conv1D layers whose
biases start at +6 (a forget-gate trick copied to the wrong layers; every unit pinned at
tanh = 0.99999, SGD never moves them); an L2 factor of 0.5 where weight decay 5e-4 was meant; an
IRNN (relu SimpleRNN, identity recurrence) with its gain left at 1.15 over 48 steps, whose first
loss is ~1e4 and which Adam's bounded steps bring only down to ~10, ten times the variance.

Basket weavers of the Wye (pattern cards of stroke codes, withy beds). Healthy: a stiffness
grade from an embedding + Conv1D net (noisy grades); a stiffness score from a small
self-attention block (noise floor); the 90th percentile of rods per stool with a pinball loss in
a custom GradientTape loop. Broken: the 0-10 stiffness score regressed through a sigmoid head
copied from the stiff / not-stiff classifier; a "start simple" bag-of-strokes model (averaged
embeddings into a softmax) that cannot see a slew followed by a waling; a rods-per-stool feature
computed as rods / stools where one dead bed gives 0 / 0 = NaN (read in file order, so the
loss turns NaN at a known step and stays NaN while training goes on).

Every broken run was trained beside its fixed twin (the same helper with broken=False, with
Session(None)); each stops well above its twin: the fixed twins reach roughly a fifth or less of
the broken loss, except the bag-of-strokes model (~1.08 against ~0.9).

Dropped or changed because they did not behave as intended: a one-unit softmax head with binary
cross-entropy (Keras computed the loss from the layer's logits and it learned); an embedding of
width 1 for the capacity run (still creeping down after 25 epochs); np.log of a zero count
feeding relu layers (the -inf did not turn the loss NaN); the IRNN at gain 1.6 (NaN from the
first epoch) and 1.3 (loss falling steadily by orders of magnitude, no plateau).

Labels: `expected_causes[0]` is the single root cause each broken run was built around.
`stall_begins` is the 0-based optimizer step from which the loss stops improving, None when it
never improves from the start. The non-finite run's step is exact (the NaN row is met in batch
700 // 32); the ones marked "approximate" (raw units, constant init, L2, IRNN gain, bag of
strokes) were read off the per-epoch loss as the epoch after which it levels off.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('tinkers_of_tin', 'ploughmen_of_fen', 'scythe_grinders', 'basket_weavers_of_wye')
REGISTRY = []
holdout211 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data: one trade per family


def _solder(n, seed, flip=0.0, raw=False):
    """A tinker's soldered seams: iron temperature (C), flux (g), dwell (s), tin fraction, sheet
    gauge (mm), room humidity (%) -> does the seam leak (0/1) and its burst pressure (kPa)."""
    rng = np.random.default_rng(seed)
    temp = rng.normal(320.0, 25.0, n)
    flux = rng.gamma(4.0, 0.05, n)
    dwell = rng.uniform(1.0, 6.0, n)
    tin = rng.uniform(0.4, 0.7, n)
    gauge = rng.uniform(0.3, 1.2, n)
    humid = rng.uniform(30.0, 90.0, n)
    raw_x = np.stack([temp, flux, dwell, tin, gauge, humid], axis=1)
    z = _standardize(raw_x)
    score = (1.2 * np.tanh(z[:, 0]) - 0.8 * z[:, 1] ** 2 + 0.9 * z[:, 2] * z[:, 3]
             - 0.6 * z[:, 4] + 0.4 * np.sin(2.0 * z[:, 5]))
    leak = (score < np.median(score)).astype("int32")
    if flip:
        swap = rng.random(n) < flip
        leak = np.where(swap, 1 - leak, leak).astype("int32")
    pressure = (400.0 + 60.0 * score).astype("float32")
    x = raw_x.astype("float32") if raw else z
    return x, leak, pressure


def _fen_days(n, seed, length=30, noise=0.15):
    """A fen ploughman's ditch gauge: daily rain (mm, scaled), pump hours and the water table;
    the target is tomorrow's water table."""
    rng = np.random.default_rng(seed)
    rain = rng.gamma(0.6, 1.0, (n, length + 1))
    pump = rng.uniform(0.0, 1.0, (n, length + 1))
    table = np.zeros((n, length + 1))
    level = rng.normal(0.0, 0.5, n)
    for t in range(length + 1):
        level = 0.85 * level + 0.35 * rain[:, t] - 0.3 * pump[:, t] + rng.normal(0, noise, n)
        table[:, t] = level
    x = np.stack([rain[:, :-1], pump[:, :-1], table[:, :-1]], axis=-1)
    x = ((x - x.mean(axis=(0, 1))) / x.std(axis=(0, 1))).astype("float32")
    y = table[:, -1:]
    return x, ((y - y.mean()) / y.std()).astype("float32")


def _fen_fields(n, seed, dim=10, rare=None):
    """A fen field's survey: drainage, peat depth, slope, ... -> does it flood this winter."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0.0, 1.0, (n, dim)).astype("float32")
    score = (np.sin(1.5 * x[:, 0]) + x[:, 1] * x[:, 2] - 0.7 * np.abs(x[:, 3])
             + 0.5 * x[:, 4] + 0.3 * rng.normal(0, 1, n))
    threshold = np.quantile(score, 1.0 - rare) if rare else np.median(score)
    return x, (score > threshold).astype("int32"), score.astype("float32")


def _sparks(n, seed, size=16, flip=0.0):
    """A scythe grinder's spark sheet photographed over the wheel: the streak direction says
    which of four grits is on the wheel."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 4, n)
    images = rng.normal(0.0, 0.35, (n, size, size, 1))
    yy, xx = np.mgrid[0:size, 0:size]
    angles = np.array([0.0, np.pi / 4, np.pi / 2, 3 * np.pi / 4])
    for i in range(n):
        a = angles[labels[i]] + rng.normal(0, 0.12)
        cx, cy = rng.uniform(4, size - 4, 2)
        d = np.abs((xx - cx) * np.sin(a) - (yy - cy) * np.cos(a))
        images[i, :, :, 0] += np.exp(-d ** 2) * rng.uniform(0.6, 1.2)
    if flip:
        swap = rng.random(n) < flip
        labels = np.where(swap, rng.integers(0, 4, n), labels)
    return images.astype("float32"), labels.astype("int32")


def _whine(n, seed, length=64, tail=None):
    """The whine of a grindstone picked up by a microphone: a tone whose pitch rises with the
    wheel's wear; the target is the wear (mm), with optional heavy-tailed reading error."""
    rng = np.random.default_rng(seed)
    wear = rng.uniform(0.0, 1.0, n)
    t = np.arange(length)
    freq = 0.08 + 0.25 * wear
    phase = rng.uniform(0, 2 * np.pi, n)
    x = np.sin(2 * np.pi * freq[:, None] * t[None, :] + phase[:, None])
    x = x + rng.normal(0, 0.3, (n, length))
    y = (wear - 0.5) / 0.29
    if tail:
        y = y + 0.3 * rng.standard_t(tail, n)
    return x[..., None].astype("float32"), y[:, None].astype("float32")


def _weaves(n, seed, length=24, vocab=12):
    """A Wye basket weaver's pattern card: a row of stroke codes (randers, slews, waling...).
    The number of 'waling' strokes (code 3) following 'slew' strokes (code 5) sets how stiff the
    basket is, and its class (4 stiffness grades)."""
    rng = np.random.default_rng(seed)
    tokens = rng.integers(1, vocab, (n, length))
    pairs = ((tokens[:, :-1] == 5) & (tokens[:, 1:] == 3)).sum(axis=1)
    walings = (tokens == 3).sum(axis=1)
    stiffness = pairs * 1.5 + 0.3 * walings + rng.normal(0, 0.4, n)
    grade = np.digitize(stiffness, np.quantile(stiffness, [0.25, 0.5, 0.75]))
    return tokens.astype("int32"), grade.astype("int32"), stiffness.astype("float32")


def _willow_counts(n, seed, dim=8):
    """A count from 8 field measures: rods cut per stool in a withy bed (sun hours, flood days...);
    the same shape serves the fen's eel traps."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0.0, 1.0, (n, dim)).astype("float32")
    rate = np.exp(1.2 + 0.5 * x[:, 0] - 0.4 * x[:, 1] ** 2 / 2 + 0.3 * x[:, 2] * x[:, 3])
    return x, rng.poisson(rate).astype("float32")[:, None], rate


# ---------------------------------------------------------------------------------------------
# tinkers_of_tin: soldered seams


@holdout211("tinkers_of_tin", healthy=True)
def leaky_seams_noisy_inspector(session):
    """Tinker's seams, 6 standardized settings -> leaks or not, 2x48 relu MLP, Adam 2e-3, batch 32,
    20 epochs. The inspector who wrote down the labels got 18% of them wrong, so the loss levels
    off near the cross-entropy of that noise (~0.5), far above zero; nothing in the code is
    wrong."""
    keras = _keras()
    x, leak, _ = _solder(N, seed=21101, flip=0.18)
    model = _mlp(keras, 6, [48, 48], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, leak, epochs=20, batch_size=32)


@holdout211("tinkers_of_tin", healthy=True)
def burst_pressure_huber_steps(session):
    """Burst pressure of a seam (kPa, centred and scaled by the tinker's 100 kPa unit) with
    heteroscedastic gauge error that grows with the dwell time, Huber loss, 2x64 relu MLP, Adam
    with a PiecewiseConstantDecay (3e-3, then 1e-3 after step 300, 3e-4 after step 600), 24
    epochs of batch 32: the loss steps down at each boundary and flattens at the noise floor."""
    keras = _keras()
    x, _, pressure = _solder(N, seed=21102)
    rng = np.random.default_rng(21103)
    noise = rng.normal(0.0, 1.0, len(x)) * (0.2 + 0.5 * (x[:, 2] - x[:, 2].min()))
    y = ((pressure - 400.0) / 100.0 + noise)[:, None].astype("float32")
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([300, 600], [3e-3, 1e-3, 3e-4])
    model.compile(keras.optimizers.Adam(schedule), keras.losses.Huber(delta=1.0))
    return _fit(session, model, x, y, epochs=24, batch_size=32)


@holdout211("tinkers_of_tin", healthy=True)
def two_bench_inputs_slow_sgd(session):
    """Two-input model: the iron settings (temperature, flux, dwell) and the sheet (tin, gauge,
    humidity) go through their own small relu towers, concatenated into a sigmoid leak head.
    Plain SGD 0.02 with momentum 0.5, batch 32, 30 epochs: a slow, steady descent that is still
    improving at the end - a long but correct training."""
    keras = _keras()
    x, leak, _ = _solder(N, seed=21104, flip=0.05)
    iron = keras.Input((3,))
    sheet = keras.Input((3,))
    a = keras.layers.Dense(24, activation="relu")(iron)
    b = keras.layers.Dense(24, activation="relu")(sheet)
    h = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([a, b]))
    model = keras.Model([iron, sheet], keras.layers.Dense(1, activation="sigmoid")(h))
    model.compile(keras.optimizers.SGD(0.02, momentum=0.5), "binary_crossentropy")
    (xt, yt) = (x[:-PROBE_SIZE], leak[:-PROBE_SIZE])
    history = model.fit([xt[:, :3], xt[:, 3:]], yt, epochs=30, batch_size=32, verbose=0,
                        callbacks=session.callbacks(([x[-PROBE_SIZE:, :3], x[-PROBE_SIZE:, 3:]],
                                                     leak[-PROBE_SIZE:])))
    return history.history["loss"]


def _seams_adam_rate(session, broken):
    keras = _keras()
    x, leak, _ = _solder(N, seed=21105)
    model = _mlp(keras, 6, [64, 64, 32], 1, out_activation="sigmoid")
    # The recipe said "learning rate 0.5" for SGD; it was pasted into Adam.
    model.compile(keras.optimizers.Adam(0.5 if broken else 2e-3), "binary_crossentropy")
    return _fit(session, model, x, leak, epochs=15, batch_size=32)


@holdout211("tinkers_of_tin", ["learning_rate_too_high"], stall_begins=None)
def seams_adam_rate_from_sgd_recipe(session):
    """Leaky-seam classifier, 3-layer relu MLP, batch 32, 15 epochs. The learning rate 0.5 of an
    SGD recipe was pasted into Adam: the first steps throw the weights far away (first-epoch
    loss ~40-60), then the loss bounces between ~0.5 and ~1.8 around the coin-flip value and
    ends near 0.5-0.7 depending on the run (threads make it nondeterministic), where Adam 2e-3
    reaches ~0.1."""
    return _seams_adam_rate(session, broken=True)


def _raw_gauge_readings(session, broken):
    keras = _keras()
    x, _, pressure = _solder(N, seed=21106, raw=broken)
    y = ((pressure - 400.0) / 100.0)[:, None].astype("float32")
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout211("tinkers_of_tin", ["unnormalized_inputs"], stall_begins=32)  # approximate
def burst_pressure_raw_units(session):
    """Burst pressure from the bench sheet as written down - iron temperature in C (~320),
    humidity in % (~60), flux in grams (~0.2), tin fraction - with no scaling, 2x64 relu MLP,
    Adam 1e-3, MSE, batch 32, 15 epochs. The temperature column dominates every unit and the
    small columns are invisible: the loss sits near the variance of the target."""
    return _raw_gauge_readings(session, broken=True)


def _tin_custom_loop(session, broken):
    keras = _keras()
    x, leak, _ = _solder(N, seed=21107)
    # A "deterministic" constant initializer was chosen so that reruns match exactly.
    init = keras.initializers.Constant(0.05) if broken else "glorot_uniform"
    model = _mlp(keras, 6, [64, 64], 2, out_activation=None, kernel_initializer=init)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), loss, x, leak,
                        epochs=15, batch_size=32, seed=21107)


@holdout211("tinkers_of_tin", ["poor_initialization"], stall_begins=128)  # approximate
def seams_constant_kernel_init(session):
    """Custom GradientTape loop, leaky-seam classifier, 2x64 relu MLP with two logits, Adam 2e-3.
    Every kernel was initialized to the constant 0.05 so that reruns would be reproducible: all
    units of a layer compute the same thing and receive the same update, so the net is a chain
    of one-unit layers and the loss stays near that of a linear guess."""
    return _tin_custom_loop(session, broken=True)


# ---------------------------------------------------------------------------------------------
# ploughmen_of_fen: ditches and fields


@holdout211("ploughmen_of_fen", healthy=True)
def water_table_lstm_reduce_on_plateau(session):
    """Tomorrow's water table in a fen ditch from 30 days of rain, pump hours and gauge readings,
    LSTM(24) + linear head, MSE, Adam 3e-3 with ReduceLROnPlateau (factor 0.3, patience 2) on the
    training loss, 512 sequences, batch 32, 16 epochs. The day-to-day weather noise puts a floor
    under the loss; the rate cuts give small late steps down before it settles."""
    keras = _keras()
    x, y = _fen_days(512 + PROBE_SIZE, seed=21110)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    cut = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.3, patience=2, min_lr=1e-5)
    return _fit(session, model, x, y, epochs=16, batch_size=32, callbacks=[cut])


@holdout211("ploughmen_of_fen", healthy=True)
def flooded_fields_rare_weighted(session):
    """Which fen fields flood this winter: 10 survey measures, only 5% of fields flood; 2x32 relu
    MLP, sigmoid output, binary cross-entropy with class_weight {0: 1, 1: 8} so the rare floods
    count, Adam 1e-3, batch 64, 25 epochs. The weighted loss stays well above zero because the
    floods are partly luck (survey noise), and it flattens once the boundary is found."""
    keras = _keras()
    x, flooded, _ = _fen_fields(N, seed=21111, rare=0.05)
    model = _mlp(keras, 10, [32, 32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    (xt, yt) = (x[:-PROBE_SIZE], flooded[:-PROBE_SIZE])
    history = model.fit(xt, yt, epochs=25, batch_size=64, verbose=0,
                        class_weight={0: 1.0, 1: 8.0},
                        callbacks=session.callbacks((x[-PROBE_SIZE:], flooded[-PROBE_SIZE:])))
    return history.history["loss"]


@holdout211("ploughmen_of_fen", healthy=True)
def eels_in_the_trap_poisson(session):
    """Eels in a ploughman's ditch trap per night from 8 weather and water measures: a count, so
    Poisson loss with an exponential output, 2x32 relu MLP, Adam 3e-3, batch 32, 20 epochs. The
    Poisson loss cannot go below the counts' own randomness and flattens far above zero."""
    keras = _keras()
    x, counts, _ = _willow_counts(N, seed=21112)
    model = _mlp(keras, 8, [32, 32], 1, out_activation="exponential")
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit(session, model, x, counts, epochs=20, batch_size=32)


def _gauge_gru(session, broken):
    keras = _keras()
    x, y = _fen_days(768 + PROBE_SIZE, seed=21113)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(24),
                              keras.layers.Dense(1)])
    # The notebook's config said lr: 3e-3; it was typed into the cell as 3e-7.
    model.compile(keras.optimizers.RMSprop(3e-7 if broken else 3e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout211("ploughmen_of_fen", ["learning_rate_too_low"], stall_begins=None)
def water_table_gru_rate_typo(session):
    """Tomorrow's water table from 30 days of ditch readings, GRU(24), MSE, RMSprop at 3e-7 where
    the config said 3e-3, batch 32, 12 epochs: each update moves the weights by a few ten-millionths
    and the loss stays at the variance of the target from the first epoch to the last."""
    return _gauge_gru(session, broken=True)


def _deep_sigmoid_fields(session, broken):
    keras = _keras()
    x, flooded, _ = _fen_fields(N, seed=21114)
    if broken:
        # An old textbook network: sigmoid everywhere, made deeper to "add capacity".
        model = _mlp(keras, 10, [32] * 12, 1, activation="sigmoid", out_activation="sigmoid")
    else:
        model = _mlp(keras, 10, [32] * 3, 1, activation="relu", out_activation="sigmoid")
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "binary_crossentropy")
    return _fit(session, model, x, flooded, epochs=12, batch_size=32)


@holdout211("ploughmen_of_fen", ["vanishing_gradients"], stall_begins=None)
def flood_survey_twelve_sigmoid_layers(session):
    """Which fields flood, from 10 survey measures, with a 12-layer sigmoid MLP (32 units each)
    taken from an old textbook and deepened for capacity, SGD 0.05 + momentum 0.9, batch 32, 12
    epochs. Each sigmoid layer shrinks the backward signal about fourfold; the early layers get
    nothing and the loss stays at log 2 (a 3-layer relu net learns it)."""
    return _deep_sigmoid_fields(session, broken=True)


def _fields_dead_units(session, broken):
    keras = _keras()
    x, flooded, _ = _fen_fields(N, seed=21115)
    # Bias -3 came from a sparse-coding recipe that wanted "mostly silent" units.
    bias = keras.initializers.Constant(-3.0) if broken else "zeros"
    model = _mlp(keras, 10, [64, 64], 1, out_activation="sigmoid", bias_initializer=bias)
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, x, flooded, epochs=12, batch_size=32)


@holdout211("ploughmen_of_fen", ["dead_relus"], stall_begins=None)
def flood_survey_sparse_bias(session):
    """Which fields flood, 2x64 relu MLP, Adam 1e-3, batch 32, 12 epochs, with every hidden bias
    initialized to -3 after a sparse-coding recipe that wanted "mostly silent" units: on the
    standardized survey no pre-activation reaches zero, every relu outputs 0 with zero gradient,
    and only the output bias learns (the loss stays at log 2)."""
    return _fields_dead_units(session, broken=True)


# ---------------------------------------------------------------------------------------------
# scythe_grinders: sparks and the whine of the stone


def _spark_cnn(keras, shape, l2=None):
    reg = keras.regularizers.l2(l2) if l2 else None
    return keras.Sequential([
        keras.Input(shape),
        keras.layers.Conv2D(12, 3, activation="relu", padding="same", kernel_regularizer=reg),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", kernel_regularizer=reg),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(4, activation="softmax", kernel_regularizer=reg),
    ])


@holdout211("scythe_grinders", healthy=True)
def spark_grit_warmup_cosine(session):
    """Which grit is on the wheel, from 16x16 photographs of the spark streaks, small Conv2D net,
    Adam with a 60-step linear warm-up to 3e-3 then cosine decay to zero over the run, batch 32,
    12 epochs. 10% of the photos were filed under a random grit, so the loss flattens well above
    zero as the rate anneals."""
    keras = _keras()
    x, grit = _sparks(768 + PROBE_SIZE, seed=21120, flip=0.1)
    steps = 12 * (768 // 32)
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, steps - 60, warmup_target=3e-3, warmup_steps=60)
    model = _spark_cnn(keras, x.shape[1:])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, grit, epochs=12, batch_size=32)


@holdout211("scythe_grinders", healthy=True)
def stone_wear_heavy_tailed_mae(session):
    """Wheel wear from 64 samples of the grindstone's whine, Conv1D(16, 5) x2 + pooling + linear
    head, mean absolute error, Adam 2e-3, batch 32, 15 epochs. The wear gauge's reading error
    is Student-t with 2 degrees of freedom (occasional wild readings), so the MAE flattens at the
    error's own size; MAE is the right loss for such outliers."""
    keras = _keras()
    x, y = _whine(N, seed=21121, tail=2)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mae")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout211("scythe_grinders", healthy=True)
def few_blades_memorized(session):
    """Only 160 blades were photographed and graded by the old grinder: the same spark-grit task
    on 160 images with a 15% labelling slip, small Conv2D net, Adam 3e-3, batch 16, 40 epochs
    (400 steps). The net has more than enough weights to memorize the few images, so the
    training loss keeps sinking slowly through the noisy labels: overfitting small data, which
    is what such a net does, not a broken training."""
    keras = _keras()
    x, grit = _sparks(160 + PROBE_SIZE, seed=21122, flip=0.15)
    model = _spark_cnn(keras, x.shape[1:])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, grit, epochs=40, batch_size=16)


def _whine_tanh_bias(session, broken):
    keras = _keras()
    x, y = _whine(N, seed=21123)
    # "bias_initializer=Constant(6)" was meant for the LSTM forget-gate trick; it landed here.
    bias = keras.initializers.Constant(6.0) if broken else "zeros"
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="tanh", bias_initializer=bias),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="tanh", bias_initializer=bias),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout211("scythe_grinders", ["saturated_activations"], stall_begins=None)
def stone_wear_tanh_bias_six(session):
    """Wheel wear from the whine, two tanh Conv1D layers whose biases start at +6 (a forget-gate
    bias trick copied to the wrong layers), SGD 0.02 + momentum, MSE, batch 32, 15 epochs. Every
    unit sits at tanh = 0.99999 for every clip, its slope is ~1e-5, so the convolutions never
    move and the head sees a constant: the loss stays at the target's variance."""
    return _whine_tanh_bias(session, broken=True)


def _spark_l2(session, broken):
    keras = _keras()
    x, grit = _sparks(768 + PROBE_SIZE, seed=21124)
    # The paper's weight decay 5e-4 was entered as the Keras l2 factor 0.5.
    model = _spark_cnn(keras, x.shape[1:], l2=0.5 if broken else 5e-4)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, grit, epochs=15, batch_size=32)


@holdout211("scythe_grinders", ["over_regularization"], stall_begins=216)  # approximate
def spark_grit_l2_half(session):
    """Spark-grit Conv2D net, Adam 2e-3, batch 32, with an L2 kernel penalty of 0.5
    on every layer where the paper's weight decay of 5e-4 was meant (15 epochs): the penalty
    pins all weights near zero; the loss falls only as the penalty decays and stops near log 4
    with uniform outputs (the intended 5e-4 reaches ~0.16 in 12 epochs). Approximate stall."""
    return _spark_l2(session, broken=True)


def _whine_deep_rnn(session, broken):
    keras = _keras()
    x, y = _whine(768 + PROBE_SIZE, seed=21125, length=48)
    # "Identity recurrence" from the IRNN paper, with the gain left at a tuning value of 1.15.
    gain = 1.15 if broken else 1.0
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.SimpleRNN(32, activation="relu",
                               recurrent_initializer=keras.initializers.Identity(gain)),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout211("scythe_grinders", ["exploding_gradients"], stall_begins=72)  # approximate
def stone_wear_irnn_gain(session):
    """Wheel wear from 48 samples of the whine with an IRNN: relu SimpleRNN(32) whose recurrent
    weights start as the identity, but with the gain left at 1.15 from a tuning sweep, Adam 1e-3,
    MSE, batch 32, 12 epochs. The hidden state and the backward signal grow ~1.15x per time step
    (1.15^48 ~ 800): the first loss is ~1e4, Adam's bounded steps bring it down to ~10 within
    three epochs, and there it stays, ten times the target's variance (gain 1.0 reaches 0.12).
    Stall point approximate."""
    return _whine_deep_rnn(session, broken=True)


# ---------------------------------------------------------------------------------------------
# basket_weavers_of_wye: pattern cards and withy beds


def _attention_block(keras, tokens, vocab, width=16):
    e = keras.layers.Embedding(vocab, width)(tokens)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(e, e)
    h = keras.layers.LayerNormalization()(e + a)
    return keras.layers.GlobalAveragePooling1D()(h)


@holdout211("basket_weavers_of_wye", healthy=True)
def stiffness_grade_embedding(session):
    """Stiffness grade (4 classes) of a Wye basket from its 24-stroke pattern card, Embedding(12,
    16) + Conv1D(24, 2) (to see slew-then-waling pairs) + global max pooling + softmax, Adam 3e-3,
    batch 32, 15 epochs. The grade is a noisy function of the strokes (the withies vary), so the
    loss flattens well above zero."""
    keras = _keras()
    x, grade, _ = _weaves(N, seed=21130)
    model = keras.Sequential([
        keras.Input((24,), dtype="int32"),
        keras.layers.Embedding(12, 16),
        keras.layers.Conv1D(24, 2, activation="relu"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, grade, epochs=15, batch_size=32)


@holdout211("basket_weavers_of_wye", healthy=True)
def stiffness_attention_regression(session):
    """Basket stiffness (a number) from the pattern card with a small self-attention block
    (embedding 16, 2 heads, residual + layer norm, mean pooling, 32-unit relu head), MSE, Adam
    2e-3, batch 32, 15 epochs. The weaver's own variation is in the target, so the loss flattens
    at that noise after a slower start while the attention finds the stroke pairs."""
    keras = _keras()
    x, _, stiffness = _weaves(N, seed=21131)
    y = ((stiffness - stiffness.mean()) / stiffness.std())[:, None].astype("float32")
    tokens = keras.Input((24,), dtype="int32")
    h = keras.layers.Dense(32, activation="relu")(_attention_block(keras, tokens, 12))
    model = keras.Model(tokens, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout211("basket_weavers_of_wye", healthy=True)
def withy_rods_quantile_custom_loop(session):
    """Custom GradientTape loop: the 90th percentile of rods cut per willow stool, from 8 withy-bed
    measures, pinball (quantile 0.9) loss, 2x32 relu MLP, Adam 3e-3, batch 32, 20 epochs. A
    quantile loss of a Poisson count never reaches zero; it flattens once the upper band fits."""
    import tensorflow as tf

    keras = _keras()
    x, counts, _ = _willow_counts(N, seed=21132)

    def pinball(y_true, y_pred, q=0.9):
        err = y_true - y_pred
        return tf.reduce_mean(tf.maximum(q * err, (q - 1.0) * err))

    model = _mlp(keras, 8, [32, 32], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), pinball, x, counts,
                        epochs=20, batch_size=32, seed=21132)


def _score_sigmoid_head(session, broken):
    keras = _keras()
    x, _, stiffness = _weaves(N, seed=21133)
    # The weavers' 0-10 stiffness score.
    score = (10.0 * (stiffness - stiffness.min()) / np.ptp(stiffness))[:, None].astype("float32")
    tokens = keras.Input((24,), dtype="int32")
    h = keras.layers.Dense(32, activation="relu")(_attention_block(keras, tokens, 12))
    # The head was copied from the stiff / not-stiff classifier, sigmoid and all.
    out = keras.layers.Dense(1, activation="sigmoid" if broken else None)(h)
    model = keras.Model(tokens, out)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, score, epochs=12, batch_size=32)


@holdout211("basket_weavers_of_wye", ["loss_activation_mismatch"], stall_begins=None)
def stiffness_score_sigmoid_head(session):
    """The weavers' 0-10 stiffness score regressed from the pattern card with the attention model
    (MSE, Adam 2e-3, batch 32, 12 epochs), whose output head was copied from the stiff / not-stiff
    classifier with its sigmoid: the prediction can never exceed 1 while the scores run to 10,
    the sigmoid is driven into saturation and the loss sticks far above what a linear head
    reaches."""
    return _score_sigmoid_head(session, broken=True)


def _grade_bottleneck(session, broken):
    keras = _keras()
    x, grade, _ = _weaves(N, seed=21134)
    if broken:
        # "Start simple": averaged stroke embeddings straight into the softmax.
        body = [keras.layers.Embedding(12, 16), keras.layers.GlobalAveragePooling1D()]
    else:
        body = [keras.layers.Embedding(12, 16), keras.layers.Conv1D(24, 2, activation="relu"),
                keras.layers.GlobalMaxPooling1D()]
    model = keras.Sequential([keras.Input((24,), dtype="int32")] + body
                             + [keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, grade, epochs=15, batch_size=32)


@holdout211("basket_weavers_of_wye", ["insufficient_capacity"], stall_begins=224)  # approximate
def stiffness_grade_bag_of_strokes(session):
    """Stiffness grade from the pattern card with the "start simple" model: stroke embeddings
    averaged over the card straight into a softmax (a linear model of stroke counts), Adam 3e-3,
    batch 32, 15 epochs. It can count walings but cannot see a slew followed by a waling, which
    sets most of the grade, so the loss levels off at ~1.08 after seven epochs where the
    Conv1D grader reaches ~0.9 and keeps going."""
    return _grade_bottleneck(session, broken=True)


NAN_ROW = 700  # read in file order with batch 32: first met in step 700 // 32 (0-based)


def _withy_yield_ratio(session, broken):
    keras = _keras()
    x, counts, _ = _willow_counts(N, seed=21135)
    rng = np.random.default_rng(21136)
    stools = rng.poisson(3.0, len(x)).astype("float32") + 1.0
    last_rods = rng.poisson(4.0 * stools).astype("float32")
    stools[NAN_ROW] = last_rods[NAN_ROW] = 0.0  # a bed whose stools all died: 0 rods from 0
    if broken:
        ratio = last_rods / stools  # 0 / 0 is NaN for the dead bed
    else:
        ratio = np.where(stools > 0, last_rods / np.maximum(stools, 1.0), 0.0)
    x = np.concatenate([x, ((ratio - 4.0) / 2.0)[:, None].astype("float32")], axis=1)
    model = _mlp(keras, 9, [32, 32], 1, activation="tanh", out_activation="exponential")
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit(session, model, x, counts, epochs=10, batch_size=32, shuffle=False)


@holdout211("basket_weavers_of_wye", ["non_finite_values"], stall_begins=NAN_ROW // 32)
def withy_rods_per_stool_zero_over_zero(session):
    """Rods cut per stool (Poisson loss, exponential output, 2x32 tanh MLP, Adam 3e-3, batch 32,
    10 epochs, read in file order) with last season's rods-per-stool as a feature, computed as
    rods / stools: one bed whose stools all died has 0 / 0 = NaN, the batch that holds it turns
    the loss and then the weights NaN, and every later step is NaN while the run goes on."""
    return _withy_yield_ratio(session, broken=True)
