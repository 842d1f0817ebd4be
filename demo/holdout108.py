"""The hundred-and-eighth held-out catalogue: written by someone who did not read the engine or
run the diagnosis on these runs, and scored once.

Four trades, each with its own synthetic data from fixed seeds (10801..10828): muleteers
(trail legs: hours, lameness, difficulty bands, elevation profiles), camelmen (caravans:
waterskins refilled, crossing days, water used over thirty days of heat, rations),
dragomans (phrases in six languages: token ids from a shared Zipf vocabulary mixed with each
language's own words) and coastguards (radar patches, receiver traces, contacts, ranges).
The last PROBE_SIZE rows of every data set are the probe and are never trained on.

Healthy half (12 runs, nothing to fix): heteroscedastic leg times with an MLP and MSE
(flattens at the noise variance); rare lameness (~5%) with class_weight 1:8; difficulty
bands under SGD with a PiecewiseConstantDecay (steps down at each boundary); a Poisson count
with an exponential head and ReduceLROnPlateau (negative Keras Poisson loss); a custom
GradientTape loop with a pinball (q=0.9) loss on log-normal delays; a Conv1D on heat series
with 15% wrong outcomes under slow SGD (creeps near its floor); a bag-of-embeddings language
classifier with 20% label noise (keeps sinking as it memorizes them); a GRU under warm-up
then cosine decay to zero; a small-data attention block that overfits 256 phrases; a radar
CNN under SGD with momentum that sits at log(4) for ~13 epochs before dropping (a real
plateau before a sudden drop) and still improves at the end; a two-input model (signal
features + a station embedding) with a Huber loss on Student-t range errors; a Conv1D
custom loop on noisy receiver traces.

Broken half (9 runs, one per cause, each trained beside its fixed twin with the same seed):
zero kernel initializers in a regression MLP (poor_initialization: 1.009 vs 0.075); relu
biases initialized at -3 in a Conv1D net (dead_relus: 1.098 vs 0.393); Adam at 0.3 for a
recipe's SGD rate (learning_rate_too_high: 1.41 vs 0.41); SGD at 1e-5 in a Conv1D custom
loop (learning_rate_too_low: 0.95 vs 0.009, creeping); l2(1.0) for 1e-4 on every layer
(over_regularization: 1.00 vs 0.018); eight sigmoid layers over averaged embeddings
(vanishing_gradients: 1.79 vs 0.82); a sigmoid head on standardized regression targets
behind an LSTM (loss_activation_mismatch: 0.559 vs 0.048); empty frequency cells read as
NaN in time-ordered data with shuffle=False (non_finite_values: NaN from step 22 vs 0.10);
raw metres, knots and square metres into an MLP under SGD (unnormalized_inputs: 1.06 vs
0.09, after a first epoch in the thousands).

Dropped because they did not behave as intended: saturated_activations (tanh and sigmoid
MLPs with RandomNormal(stddev=1 or 4) kernels learnt as well as or better than Glorot: the
saturated units acted as random features); exploding_gradients (a relu SimpleRNN with
Orthogonal gain 1.6 or 2.0, and a tanh one with gain 3.0, all kept descending, never flat);
insufficient_capacity (one-filter convs, a linear softmax on pixels and a Dense(1) linear
bottleneck all kept improving; a Dense(1) relu bottleneck died instead, which is a dead
relu, not a capacity stall); loss_activation_mismatch as softmax + from_logits=True and as
Dense(1, softmax) with binary cross-entropy (both trained normally under this Keras 3);
non_finite_values as np.log of zero counts, and as NaN into a relu layer (the relu turned
the NaN into 0, the weights went NaN and the loss stayed finite at log(6)); the NaN run now
uses a tanh layer. So the catalogue has 21 scenarios: muleteers 6, camelmen 5, dragomans 6,
coastguards 4.

Labelling: `expected_causes[0]` is the root cause the run was built around (one each).
`stall_begins` is the 0-based optimizer step from which the loss stops improving, None for
"from the start". It is exact for the NaN run (the first batch holding a NaN row, in file
order); the ones marked approximate were read off the per-step loss (16-step windows):
learning_rate_too_high (lowest loss around steps 32-47, then it climbs and bounces),
over_regularization (the penalty's own decay ends near step 192), loss_activation_mismatch
(flat after about two epochs) and unnormalized_inputs (flat after the first ~16 steps).
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _standardize, registrar

FAMILIES = ('muleteers', 'camelmen', 'dragomans', 'coastguards')

REGISTRY = []
holdout108 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data: each family's trade


def _trail_legs(n, seed):
    """Muleteers' trail legs: distance (km), climb (m), pack load (kg), mule age (years), rain
    (0/1), and the hours the leg took, whose spread grows with the leg's length."""
    r = np.random.default_rng(seed)
    dist = r.uniform(2.0, 30.0, n)
    climb = r.gamma(2.0, 300.0, n)
    load = r.uniform(40.0, 140.0, n)
    age = r.integers(3, 20, n).astype(float)
    rain = r.binomial(1, 0.3, n).astype(float)
    hours = (dist / 4.5 + climb / 400.0 + 0.02 * np.maximum(load - 90.0, 0.0) * dist / 10.0
             + 0.8 * rain * dist / 10.0 + 0.005 * (age - 10.0) ** 2)
    hours = hours + r.normal(0.0, 1.0, n) * 0.12 * hours
    raw = np.stack([dist, climb, load, age, rain], axis=1)
    return raw.astype("float32"), hours.astype("float32")


def _elevation_profiles(n, seed, length=48):
    """Trail elevation profiles (standardized per step) and a difficulty class 0..2 set by the
    steepest sustained climb over five steps."""
    r = np.random.default_rng(seed)
    steps = r.normal(0.0, 1.0, (n, length))
    y = r.integers(0, 3, n)
    for i in range(n):
        start = r.integers(0, length - 8)
        steps[i, start:start + 6] += 1.2 * y[i]
    profile = np.cumsum(steps, axis=1)
    profile = profile - profile.mean(axis=1, keepdims=True)
    x = np.diff(profile, axis=1, prepend=profile[:, :1])
    return _standardize(x)[..., None], y.astype("int32")


def _caravans(n, seed):
    """Camel caravans: camels, heat (C), distance (km), load fraction, wind (km/h), oasis on
    the way (0/1), plus the day's latent strain used by the targets."""
    r = np.random.default_rng(seed)
    camels = r.integers(5, 60, n).astype(float)
    heat = r.normal(38.0, 5.0, n)
    dist = r.uniform(20.0, 200.0, n)
    load = r.uniform(0.3, 1.0, n)
    wind = r.gamma(2.0, 5.0, n)
    oasis = r.binomial(1, 0.4, n).astype(float)
    strain = (0.06 * (heat - 38.0) + 0.8 * (load - 0.65) + 0.02 * (wind - 10.0)
              - 0.5 * oasis + 0.3 * np.sin(dist / 30.0))
    raw = np.stack([camels, heat, dist, load, wind, oasis], axis=1)
    return raw.astype("float32"), strain, r


def _heat_series(n, seed, length=30):
    """Thirty days of noon heat along a crossing (standardized) and the water used, which rises
    with the hottest three-day spell."""
    r = np.random.default_rng(seed)
    base = r.normal(0.0, 1.0, (n, 1))
    days = base + 0.3 * np.cumsum(r.normal(0.0, 0.4, (n, length)), axis=1)
    kernel = np.ones(3) / 3.0
    spells = np.stack([np.convolve(row, kernel, mode="valid") for row in days])
    water = np.maximum(spells, 0.0).sum(axis=1) * 0.5 + spells.max(axis=1)
    water = water + r.normal(0.0, 0.3, n)
    return _standardize(days)[..., None], water


def _phrases(n, seed, languages=6, vocab=300, length=16, shared=0.55, flip=0.0):
    """Phrases a dragoman hears: token ids (0 is padding) drawn from a Zipf vocabulary shared
    by all languages mixed with each language's own favourite words; label = the language,
    a `flip` share of them written down wrong."""
    r = np.random.default_rng(seed)
    ranks = 1.0 / np.arange(1, vocab + 1) ** 1.1
    common = ranks[r.permutation(vocab)]
    common = common / common.sum()
    y = r.integers(0, languages, n)
    x = np.zeros((n, length), dtype="int32")
    for lang in range(languages):
        own = ranks[r.permutation(vocab)]
        p = shared * common + (1.0 - shared) * own / own.sum()
        rows = np.flatnonzero(y == lang)
        x[rows] = r.choice(vocab, size=(len(rows), length), p=p) + 1
    lengths = r.integers(length // 2, length + 1, n)
    x[np.arange(length)[None, :] >= lengths[:, None]] = 0
    wrong = r.random(n) < flip
    y[wrong] = r.integers(0, languages, wrong.sum())
    return x, y.astype("int32")


def _radar(n, seed, clutter=0.6, size=12):
    """Coastguard radar patches: sea clutter, plus a point echo (class 1), a vessel along the
    swell (2) or across it (3); class 0 is clutter alone."""
    r = np.random.default_rng(seed)
    x = np.abs(r.normal(0.0, clutter, (n, size, size)))
    y = r.integers(0, 4, n)
    for i in range(n):
        a, b = r.integers(2, size - 6, 2)
        if y[i] == 1:
            x[i, a:a + 2, b:b + 2] += 1.5
        elif y[i] == 2:
            x[i, a, b:b + 5] += 1.2
        elif y[i] == 3:
            x[i, a:a + 5, b] += 1.2
    return x[..., None].astype("float32"), y.astype("int32")


def _waveforms(n, seed, length=64, noise=0.8):
    """Receiver traces: a routine call (a steady tone), a distress call (three short bursts),
    a beacon (a slow pulse) or static; random phase, gain and noise."""
    r = np.random.default_rng(seed)
    t = np.arange(length)
    y = r.integers(0, 4, n)
    x = r.normal(0.0, noise, (n, length))
    gain = r.uniform(0.6, 1.4, n)
    phase = r.uniform(0.0, 2 * np.pi, n)
    for i in range(n):
        if y[i] == 1:
            x[i] += gain[i] * np.sin(0.7 * t + phase[i])
        elif y[i] == 2:
            start = r.integers(0, length - 30)
            for k in range(3):
                x[i, start + 10 * k:start + 10 * k + 4] += 2.0 * gain[i]
        elif y[i] == 3:
            x[i] += gain[i] * (np.sin(0.12 * t + phase[i]) > 0.6) * 1.5
    return x[..., None].astype("float32"), y.astype("int32")


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, shuffle=True, callbacks=(),
                **fit_kw):
    """model.fit on all but the last PROBE_SIZE rows of every input (the probe), with extra
    fit arguments (class_weight...). Returns the per-epoch mean training loss."""
    inputs = list(inputs) if isinstance(inputs, (list, tuple)) else [inputs]
    train = [a[:-PROBE_SIZE] for a in inputs]
    probe_x = [a[-PROBE_SIZE:] for a in inputs]
    single = len(inputs) == 1
    probe = (probe_x[0] if single else probe_x, y[-PROBE_SIZE:])
    history = model.fit(
        train[0] if single else train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
        shuffle=shuffle, verbose=0, callbacks=list(callbacks) + session.callbacks(probe),
        **fit_kw,
    )
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# muleteers


@holdout108("muleteers", healthy=True)
def leg_hours_heteroscedastic(session):
    """A muleteer's leg times (hours) from distance, climb, load, mule age and rain, 2x64 relu
    MLP, Adam 1e-3, MSE on raw hours: the noise grows with the leg (12% of its length in
    time), so the loss flattens around the noise variance, far above zero."""
    keras = _keras()
    raw, hours = _trail_legs(N, seed=10801)
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, _standardize(raw), hours, epochs=30, batch_size=32)


@holdout108("muleteers", healthy=True)
def lameness_rare_weighted(session):
    """Whether a mule comes back lame (about 5% of legs) from its leg's features, 32-16 relu
    MLP with a sigmoid output, binary cross-entropy, Adam 1e-3, class_weight 1:8 for the rare
    positives: a weighted loss that stays high because lameness is mostly luck."""
    keras = _keras()
    raw, hours = _trail_legs(N, seed=10802)
    r = np.random.default_rng(10803)
    x = _standardize(raw)
    logit = -3.6 + 0.9 * x[:, 2] + 0.6 * x[:, 1] + 0.5 * x[:, 3] ** 2
    y = (r.random(N) < 1.0 / (1.0 + np.exp(-logit))).astype("float32")
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_inputs(session, model, x, y, epochs=25, batch_size=32,
                       class_weight={0: 1.0, 1: 8.0})


@holdout108("muleteers", healthy=True)
def difficulty_step_decay(session):
    """Leg difficulty in four bands (quartiles of the noisy hours), 2x64 relu MLP, SGD with
    momentum 0.9 on a PiecewiseConstantDecay (0.05, then 0.005 after 320 steps, 0.0005 after
    640): the loss drops a notch at each boundary and then sits at the bands' overlap."""
    keras = _keras()
    raw, hours = _trail_legs(N, seed=10804)
    y = np.searchsorted(np.quantile(hours, [0.25, 0.5, 0.75]), hours).astype("int32")
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([320, 640], [0.05, 0.005, 5e-4])
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, _standardize(raw), y, epochs=30, batch_size=32)


def _leg_hours_zero_init(session, broken):
    keras = _keras()
    raw, hours = _trail_legs(N, seed=10805)
    y = ((hours - hours.mean()) / hours.std()).astype("float32")
    init = "zeros" if broken else "glorot_uniform"
    model = keras.Sequential([keras.Input((5,))] + [
        keras.layers.Dense(64, activation="relu", kernel_initializer=init) for _ in range(2)
    ] + [keras.layers.Dense(1, kernel_initializer=init)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, _standardize(raw), y, epochs=20, batch_size=32)


@holdout108("muleteers", ["poor_initialization"], stall_begins=None)
def leg_hours_zero_init(session):
    """Leg times (standardized hours), 2x64 relu MLP, Adam 1e-3, MSE; every Dense layer was
    given kernel_initializer='zeros' "so that runs are reproducible": no hidden unit ever gets
    a gradient, only the output bias learns, and the loss stays at the targets' variance."""
    return _leg_hours_zero_init(session, broken=True)


def _profile_dead_bias(session, broken):
    keras = _keras()
    x, y = _elevation_profiles(N, seed=10806)
    bias = keras.initializers.Constant(-3.0) if broken else "zeros"
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", bias_initializer=bias),
        keras.layers.Conv1D(16, 5, activation="relu", bias_initializer=bias),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(32, activation="relu", bias_initializer=bias),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout108("muleteers", ["dead_relus"], stall_begins=None)
def profile_dead_bias(session):
    """Trail elevation profiles rated easy/hard/brutal by a Conv1D(16)-Conv1D(16)-max-pool-
    Dense(32) relu net, Adam 1e-3; the relu layers were given bias_initializer=Constant(-3.0),
    copied from a sparse-coding recipe: every relu is off on every profile from the first
    step, and the net predicts the class shares and nothing else."""
    return _profile_dead_bias(session, broken=True)


def _difficulty_adam_high(session, broken):
    keras = _keras()
    raw, hours = _trail_legs(N, seed=10807)
    y = np.searchsorted(np.quantile(hours, [0.25, 0.5, 0.75]), hours).astype("int32")
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    lr = 0.3 if broken else 3e-3
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, _standardize(raw), y, epochs=20, batch_size=32)


@holdout108("muleteers", ["learning_rate_too_high"], stall_begins=32)  # approximate
def difficulty_adam_high(session):
    """Leg difficulty in four bands, 2x64 relu MLP, Adam at 0.3: the author moved the
    recipe's SGD rate to Adam unchanged (Adam wants ~3e-3 here). The loss jumps about well
    above the bands' overlap and never settles."""
    return _difficulty_adam_high(session, broken=True)


# ---------------------------------------------------------------------------------------------
# camelmen


@holdout108("camelmen", healthy=True)
def waterskins_poisson_plateau(session):
    """How many waterskins a caravan refills (a Poisson count with a rate set by heat, load,
    wind and the oasis), 2x32 relu MLP with an exponential output, Poisson loss, Adam 3e-3
    with ReduceLROnPlateau (factor 0.3, patience 2): the loss floors at the counts' own
    Poisson noise and the rate is cut once or twice as it does."""
    keras = _keras()
    raw, strain, r = _caravans(N, seed=10808)
    rate = np.exp(1.0 + 0.8 * strain + 0.015 * (raw[:, 0] - 30.0))
    y = r.poisson(rate).astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    plateau = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=2, min_lr=1e-5)
    return _fit(session, model, _standardize(raw), y, epochs=30, batch_size=32,
                callbacks=[plateau])


@holdout108("camelmen", healthy=True)
def crossing_days_quantile_loop(session):
    """Days a crossing takes, planned at its 90th percentile: a custom GradientTape loop, 2x64
    relu MLP, Adam 2e-3, pinball loss at q=0.9 on log-normal delays; the pinball loss has a
    floor set by the spread of the delays and flattens there."""
    import tensorflow as tf

    keras = _keras()
    raw, strain, r = _caravans(N, seed=10809)
    days = raw[:, 2] / (35.0 - 0.4 * raw[:, 4] + 3.0 * raw[:, 5]) * np.exp(
        0.3 * strain + r.normal(0.0, 0.35, N))
    y = days[:, None].astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])

    def pinball(y_true, y_pred):
        err = y_true - y_pred
        return tf.reduce_mean(tf.maximum(0.9 * err, -0.1 * err))

    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), pinball, _standardize(raw),
                        y, epochs=30, batch_size=32, seed=10809,
                        loss_description="pinball loss, q=0.9")


@holdout108("camelmen", healthy=True)
def well_in_time_slow_sgd(session):
    """Whether a caravan reaches the well before its water runs out, from thirty days of
    heat: Conv1D(16, 5)-Conv1D(16, 3)-global-average relu net, sigmoid output, plain SGD 0.02
    with momentum 0.9, and 15% of the logbook's outcomes wrong: a quick first drop, then a
    long, slow creep (0.48 to 0.44) near the floor the wrong outcomes set."""
    keras = _keras()
    x, water = _heat_series(N, seed=10810)
    r = np.random.default_rng(10811)
    y = (water > np.median(water)).astype("float32")
    flip = r.random(N) < 0.15
    y[flip] = 1.0 - y[flip]
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.Conv1D(16, 3, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=30, batch_size=32)


def _water_lr_tiny(session, broken):
    keras = _keras()
    x, water = _heat_series(N, seed=10812)
    y = ((water - water.mean()) / water.std())[:, None].astype("float32")
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 3, activation="relu"),
        keras.layers.Conv1D(16, 3, activation="relu"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1),
    ])
    lr = 1e-5 if broken else 1e-2
    return _custom_loop(session, model, keras.optimizers.SGD(lr, momentum=0.9),
                        keras.losses.MeanSquaredError(), x, y, epochs=20, batch_size=32,
                        seed=10812)


@holdout108("camelmen", ["learning_rate_too_low"], stall_begins=None)
def water_lr_tiny(session):
    """Water used over a crossing from thirty days of heat, custom GradientTape loop, a small
    Conv1D regression net, SGD with momentum 0.9 at 1e-5: a rate copied from a fine-tuning
    recipe for a pretrained model, on a net trained from scratch (1e-2 works). The loss
    barely moves off the targets' variance."""
    return _water_lr_tiny(session, broken=True)


def _ration_l2_heavy(session, broken):
    keras = _keras()
    raw, strain, r = _caravans(N, seed=10814)
    ration = 20.0 + 6.0 * strain + 3.0 * np.tanh(strain * 2.0) + r.normal(0.0, 0.4, N)
    y = ((ration - ration.mean()) / ration.std()).astype("float32")
    reg = keras.regularizers.l2(1.0 if broken else 1e-4)
    model = keras.Sequential([keras.Input((6,))] + [
        keras.layers.Dense(64, activation="relu", kernel_regularizer=reg) for _ in range(2)
    ] + [keras.layers.Dense(1, kernel_regularizer=reg)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, _standardize(raw), y, epochs=20, batch_size=32)


@holdout108("camelmen", ["over_regularization"], stall_begins=192)  # approximate
def ration_l2_heavy(session):
    """Water ration per camel (standardized) from the caravan's features, 2x64 relu MLP, Adam
    2e-3; every layer has kernel_regularizer=l2(1.0) where the team's config said
    'weight_decay: 1e-4' and someone typed the percentage: the penalty holds every weight at
    zero and the loss stays at the targets' variance."""
    return _ration_l2_heavy(session, broken=True)


# ---------------------------------------------------------------------------------------------
# dragomans


@holdout108("dragomans", healthy=True)
def language_bag_label_noise(session):
    """Which of six languages a phrase is in, Embedding(301, 16)-global-average-Dense(32)
    softmax, Adam 3e-3, with 20% of the phrase book's labels wrong: the loss falls, then keeps
    sinking slowly as the net starts memorizing the wrong labels; it ends high (~0.48)."""
    keras = _keras()
    x, y = _phrases(N, seed=10815, flip=0.2)
    model = keras.Sequential([
        keras.Input((x.shape[1],)),
        keras.layers.Embedding(301, 16),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(6, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout108("dragomans", healthy=True)
def language_gru_warmup_cosine(session):
    """Language of short, mostly shared-word phrases, Embedding(301, 16)-GRU(24) softmax,
    Adam with a linear warm-up to 5e-3 over 100 steps then cosine decay to zero over 540:
    slow at first, fastest mid-run, and flat at the end as the rate reaches zero."""
    keras = _keras()
    x, y = _phrases(N, seed=10816, shared=0.75, length=12)
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, decay_steps=540, warmup_target=5e-3, warmup_steps=100)
    model = keras.Sequential([
        keras.Input((x.shape[1],)),
        keras.layers.Embedding(301, 16),
        keras.layers.GRU(24),
        keras.layers.Dense(6, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout108("dragomans", healthy=True)
def register_attention_small_data(session):
    """A phrase's language from only 256 phrases (plus the probe), token embeddings (word
    order does not matter for the language), one residual MultiHeadAttention block (2 heads
    of 8), average pooling, softmax, Adam 2e-3, 40 epochs of 8 steps: the small set is learnt
    by heart and the loss
    keeps sinking well past what the held-out phrases would support."""
    keras = _keras()
    x, y = _phrases(256 + PROBE_SIZE, seed=10817, shared=0.7)
    tokens = keras.Input((x.shape[1],))
    h = keras.layers.Embedding(301, 16)(tokens)
    h = h + keras.layers.MultiHeadAttention(2, 8)(h, h)
    h = keras.layers.LayerNormalization()(h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    out = keras.layers.Dense(6, activation="softmax")(h)
    model = keras.Model(tokens, out)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=32)


def _language_deep_sigmoid(session, broken):
    keras = _keras()
    x, y = _phrases(N, seed=10818)
    act = "sigmoid" if broken else "relu"
    init = "glorot_uniform" if broken else "he_normal"
    model = keras.Sequential(
        [keras.Input((x.shape[1],)), keras.layers.Embedding(301, 16),
         keras.layers.GlobalAveragePooling1D()]
        + [keras.layers.Dense(32, activation=act, kernel_initializer=init) for _ in range(8)]
        + [keras.layers.Dense(6, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout108("dragomans", ["vanishing_gradients"], stall_begins=None)
def language_deep_sigmoid(session):
    """Language of a phrase, Embedding(301, 16)-average, then eight Dense(32) sigmoid layers
    (an old textbook's 'deep network'), SGD 0.05 with momentum: the gradient reaching the
    embeddings and the early layers is a vanishing fraction of the top's, and the loss sits
    at log(6). The same net with relu and He init learns."""
    return _language_deep_sigmoid(session, broken=True)


def _phrase_minutes_sigmoid(session, broken):
    keras = _keras()
    r = np.random.default_rng(10828)
    x, lang = _phrases(N, seed=10819, shared=0.7)
    words = (x > 0).sum(axis=1)
    rare = (x > 60).sum(axis=1)
    minutes = 0.6 * words + 1.5 * rare + 2.0 * (lang % 3) + r.normal(0.0, 1.0, N)
    y = ((minutes - minutes.mean()) / minutes.std()).astype("float32")
    model = keras.Sequential([
        keras.Input((x.shape[1],)),
        keras.layers.Embedding(301, 16),
        keras.layers.LSTM(24),
        keras.layers.Dense(1, activation="sigmoid" if broken else None),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout108("dragomans", ["loss_activation_mismatch"], stall_begins=64)  # approximate
def phrase_minutes_sigmoid(session):
    """Minutes a written translation of a phrase takes (standardized by the team's scaler),
    Embedding(301, 16)-LSTM(24)-Dense(1), MSE, Adam 3e-3; the head was copied from the
    language classifier with activation='sigmoid', so every prediction is squeezed into
    (0, 1) while half the targets are negative and many above 1: the loss flattens far above
    the linear head's."""
    return _phrase_minutes_sigmoid(session, broken=True)


NAN_ROW = 704  # the first phrase-book entry with no counted frequency (file order)


def _phrase_frequency_gaps(session, broken):
    keras = _keras()
    r = np.random.default_rng(10820)
    tokens, y = _phrases(N, seed=10821, shared=0.7)
    bag = np.zeros((N, 301), dtype="float32")
    np.add.at(bag, (np.repeat(np.arange(N), tokens.shape[1]), tokens.ravel()), 1.0)
    bag[:, 0] = 0.0
    bag = bag / np.maximum(bag.sum(axis=1, keepdims=True), 1.0)
    freq = np.log1p(r.poisson(30.0 + 10.0 * y, N)).astype("float32")
    freq[NAN_ROW:N - PROBE_SIZE:5] = np.nan  # newer entries: the count cell is empty
    if not broken:
        freq = np.where(np.isnan(freq), np.nanmedian(freq), freq)
    x = np.concatenate([bag * 10.0, (freq - np.nanmean(freq))[:, None]], axis=1)
    model = keras.Sequential([keras.Input((302,)), keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(6, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x.astype("float32"), y, epochs=10, batch_size=32,
                shuffle=False)


@holdout108("dragomans", ["non_finite_values"], stall_begins=NAN_ROW // 32)
def phrase_frequency_gaps(session):
    """Language of a phrase from its bag of words (share of each word, x10) and the log of
    how often it was heard, Dense(64) tanh MLP, Adam 2e-3, shuffle=False because the phrase
    book is kept in date order; the newest entries have no count yet, and the empty cells
    were read as NaN and never filled. The first batch that holds one turns the loss and
    then every weight NaN, and the remaining epochs train on NaN (filling the gaps with the
    median count trains)."""
    return _phrase_frequency_gaps(session, broken=True)


# ---------------------------------------------------------------------------------------------
# coastguards


@holdout108("coastguards", healthy=True)
def radar_slow_momentum(session):
    """Radar patches in heavy sea clutter (clutter, point echo, vessel along or across the
    swell), Conv2D(8)-pool-Conv2D(16)-global-average-Dense(32) relu net, SGD 0.01 with
    momentum 0.9: the loss sits at log(4) for some 13 epochs while the filters find the
    echoes, then drops and is still falling steadily when the run ends."""
    keras = _keras()
    x, y = _radar(N, seed=10822, clutter=0.7)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=25, batch_size=32)


@holdout108("coastguards", healthy=True)
def range_huber_two_inputs(session):
    """Range to a caller (km) from signal strength, bearing spread and arrival lag plus the
    receiving station (an Embedding(8, 4) of its id), a two-input model, Huber loss (delta
    1), Adam 3e-3; the ranges carry Student-t (2 d.o.f.) errors, so the Huber loss flattens
    well above zero."""
    keras = _keras()
    r = np.random.default_rng(10823)
    station = r.integers(0, 8, N)
    true_km = r.uniform(2.0, 40.0, N)
    offset = r.normal(0.0, 3.0, 8)
    strength = -20.0 * np.log10(true_km) + offset[station] + r.normal(0.0, 1.0, N)
    spread = 0.1 * true_km + r.normal(0.0, 0.5, N)
    lag = true_km * 3.3 + r.normal(0.0, 4.0, N)
    y = (true_km + r.standard_t(2.0, N)).astype("float32")
    signal = _standardize(np.stack([strength, spread, lag], axis=1))
    station = station.astype("int32")
    sig_in = keras.Input((3,))
    st_in = keras.Input((1,), dtype="int32")
    st = keras.layers.Flatten()(keras.layers.Embedding(8, 4)(st_in))
    h = keras.layers.Concatenate()([sig_in, st])
    h = keras.layers.Dense(32, activation="relu")(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([sig_in, st_in], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.Huber(1.0))
    return _fit_inputs(session, model, [signal, station[:, None]], y, epochs=25, batch_size=32)


@holdout108("coastguards", healthy=True)
def calls_conv1d_loop(session):
    """Receiver traces sorted into routine call, distress bursts, beacon or static, in a
    custom GradientTape loop: Conv1D(16, 7)-pool-Conv1D(32, 5)-global-max relu net, logits
    and sparse cross-entropy from logits, Adam 2e-3; the noisiest traces stay ambiguous and
    the loss flattens above zero."""
    keras = _keras()
    x, y = _waveforms(N, seed=10824, noise=1.0)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 7, activation="relu"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(4),
    ])
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), loss, x, y,
                        epochs=15, batch_size=32, seed=10824)


def _contacts_raw_units(session, broken):
    keras = _keras()
    r = np.random.default_rng(10825)
    kind = r.integers(0, 3, N)  # fishing boat, cargo ship, pleasure craft
    range_m = r.uniform(500.0, 20000.0, N)
    speed_kn = np.array([6.0, 14.0, 22.0])[kind] + r.normal(0.0, 3.0, N)
    rcs_m2 = np.array([40.0, 900.0, 15.0])[kind] * r.lognormal(0.0, 0.4, N)
    heading = r.uniform(0.0, 360.0, N)
    raw = np.stack([range_m, speed_kn, rcs_m2, heading], axis=1).astype("float32")
    x = raw if broken else _standardize(raw)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.SGD(1e-3, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, kind.astype("int32"), epochs=20, batch_size=32)


@holdout108("coastguards", ["unnormalized_inputs"], stall_begins=16)  # approximate
def contacts_raw_units(session):
    """Radar contacts (fishing boat, cargo ship, pleasure craft) from range in metres, speed
    in knots, radar cross-section in square metres and heading in degrees, fed in raw units
    to a 2x32 relu MLP, SGD 1e-3 with momentum: the metres dominate every unit, the rate
    that suits them is far too small for the knots that carry the signal, and the loss
    stalls. Standardized, the same net learns."""
    return _contacts_raw_units(session, broken=True)
