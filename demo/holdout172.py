"""The hundred-and-seventy-second held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades, each with its own synthetic data (numpy, seeds 17201..17242): founders (a
foundry's melt logs and thermocouple cooling traces), framemakers (16x16 photos of
picture-frame corners from a workshop's bench camera), chaplains (a hospital chaplaincy's
ward-days, visit-request counts and tokenised visit notes) and curates (a parish's weekly
attendance registers and the houses on its visiting rounds). Every scenario trains on all
but the last PROBE_SIZE rows, which are the probe.

Healthy half (12 runs, correct code, losses that flatten above zero or move oddly because of
the data or the schedule): porosity flags with a fifth of them wrong (MLP, BCE ~0.53);
shrinkage with Student-t gauge errors under a Huber loss and a PiecewiseConstantDecay; noisy
thermocouple traces with a Conv1D net and ReduceLROnPlateau (flat near 1.16); 160 corner
photos that a CNN memorises (loss towards zero); a CNN on SGD with a warm-up then cosine
decay (near chance for four epochs, then a fall, then flat as the rate reaches zero); a
90th-percentile pinball-loss CNN on widths with a spread that grows with the width; Poisson
visit-request counts with an exponential output; a two-input model (token embedding,
self-attention, ward features) on notes with a tenth mislabelled; rare urgent call-outs (~5%)
with class_weight; a GRU attendance forecast that is still creeping down at the end; a
custom GradientTape loop with a staircase ExponentialDecay on noisy visiting-round labels;
and a Conv1D collection forecast with MAE on heteroscedastic noise.

Broken half (12 runs, one per cause, each written as a helper that trains the run with or
without its mistake; both versions were trained and compared): Adam at 0.3 for 3e-3 on a
Conv1D net (learning_rate_too_high); a melt log in its exported units (unnormalized_inputs);
an IRNN whose identity recurrent init has gain 1.15 over 48 steps, kept finite by Adam but
bouncing above chance (exploding_gradients); relu layers with bias Constant(-1) in a CNN
(dead_relus); a sigmoid head left on a CNN regressing widths of 3.5-5.5 cm with MSE
(loss_activation_mismatch); L2 of 0.1 for 1e-4 on a CNN (over_regularization); RMSprop at
1e-6 on an embedding-LSTM trained from scratch (learning_rate_too_low); a 10-layer sigmoid
MLP in a custom loop (vanishing_gradients); a 100 * requests / patients target with 0 / 0 on
a closed ward's days, read in date order (non_finite_values: NaN from that batch on, for the
rest of the run); one hidden layer of 2 units for four concentric rings
(insufficient_capacity); zero kernel init in a tanh MLP in a custom loop
(poor_initialization); and a RandomNormal init with stddev sqrt(fan_in) = 8 for a 3x64 tanh
MLP, which pins the units at +-1 (saturated_activations; it creeps from 1.7 to 1.3 with
chance at 1.39, while the intended init is at 0.44 and falling).

Dropped or changed because they did not behave as intended: a one-unit softmax head with
binary cross-entropy, and a softmax head with from_logits=True, both train exactly like the
correct model (Keras recovers the logits behind a softmax output in its cross-entropies), so
the mismatch became the sigmoid regression head. A log(patients) feature with -inf on empty
days did not make the loss non-finite (it stayed finite and kept learning), so the division
by zero moved into the target. For saturation, tanh layers with a bias of 4 (the loss rose
and wandered rather than stalled), and with a stddev of 1 or 2 on standardized inputs or of 4
on the rings (the loss kept falling steadily), were not stalls; only the sqrt(fan_in) slip
pins the units for good. The IRNN gain was tried at 1.05 (it still learns), 1.5 and 1.25
(losses in the thousands to millions); 1.15 is kept.

Labels: a broken run's first cause is the one it was built around (one cause each).
stall_begins is the 0-based optimizer step (batch 32, 32 steps an epoch) from which the loss
stops improving, None when it never improves. The NaN run's step is exact (row 640 of the
file order is in batch 20); the others with a step were read off the per-step loss and are
approximate: Adam typo 64, exported units 128, IRNN 224, sigmoid head 40, L2 160, two
units 256.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _standardize, registrar

FAMILIES = ('founders', 'framemakers', 'chaplains', 'curates')
REGISTRY = []
holdout172 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE
BATCH = 32
STEPS = (N - PROBE_SIZE) // BATCH  # optimizer steps per epoch with `_fit` at batch 32


# ---------------------------------------------------------------------------------------------
# data


def _melt_log(n, seed, raw=False):
    """A foundry's melt log: 8 process readings per pour (metal temperature in degrees C, mould
    moisture %, pour time s, ladle pressure Pa, alloy fractions ...) and the casting's measured
    shrinkage (a smooth nonlinear function of them plus noise). `raw` keeps the logged units."""
    r = np.random.default_rng(seed)
    z = r.normal(size=(n, 8))
    shrink = (np.tanh(z[:, 0] - 0.5 * z[:, 1]) + 0.5 * z[:, 2] * z[:, 3] + 0.4 * np.sin(2 * z[:, 4])
              - 0.3 * z[:, 5] ** 2 + 0.3)
    shrink = shrink + 0.15 * r.normal(size=n)
    scale = np.array([60.0, 2.0, 4.0, 8000.0, 0.01, 0.02, 30.0, 500.0])
    offset = np.array([1480.0, 4.0, 22.0, 101000.0, 0.03, 0.9, 300.0, 7000.0])
    x = z * scale + offset if raw else z
    return x.astype("float32"), shrink.astype("float32")


def _cooling_curves(n, seed, length=48, classes=4, noise=0.3):
    """Thermocouple traces of a cooling casting: an exponential decay whose rate and the time
    and depth of a recalescence bump (the alloy's phase change) depend on the defect class."""
    r = np.random.default_rng(seed)
    y = r.integers(0, classes, size=n)
    t = np.linspace(0.0, 1.0, length)[None, :]
    rate = 2.0 + 0.8 * y[:, None] + 0.3 * r.normal(size=(n, 1))
    bump_at = 0.3 + 0.12 * (y[:, None] % 2) + 0.03 * r.normal(size=(n, 1))
    bump = (0.4 + 0.3 * (y[:, None] // 2)) * np.exp(-((t - bump_at) ** 2) / 0.004)
    x = np.exp(-rate * t) + bump + noise * r.normal(size=(n, length))
    return x[..., None].astype("float32"), y.astype("int32")


def _frame_photos(n, seed, size=16, noise=0.25):
    """Greyscale 16x16 photos of picture-frame corners: class 0 a clean mitre, 1 an open
    joint (a gap line along the diagonal), 2 a misaligned corner (the rails offset), 3 a
    chipped corner (a dark blot). Positions jitter; sensor noise on top."""
    r = np.random.default_rng(seed)
    y = r.integers(0, 4, size=n)
    ii, jj = np.mgrid[0:size, 0:size]
    x = np.zeros((n, size, size), dtype="float32")
    for k in range(n):
        w = r.integers(3, 6)
        o = r.integers(1, 4)
        shift = 3 if y[k] == 2 else 0
        frame = ((ii >= o) & (ii < o + w) & (jj >= o)) | ((jj >= o + shift) & (jj < o + w + shift)
                                                          & (ii >= o))
        img = frame.astype("float32")
        if y[k] == 1:
            img[np.abs(ii - jj) <= 0] = 0.0
        if y[k] == 3:
            c = o + r.integers(0, w)
            img[(ii - c) ** 2 + (jj - c) ** 2 <= 4] = -0.5
        x[k] = img
    x += noise * r.normal(size=x.shape).astype("float32")
    return x[..., None], y.astype("int32")


def _ward_days(n, seed):
    """A hospital chaplaincy's ward-days: 6 standardized features (patients, end-of-life
    cases, weekend, faith mix, ward type, staffing) and the count of chaplain visit requests,
    Poisson around a smooth rate."""
    r = np.random.default_rng(seed)
    x = r.normal(size=(n, 6))
    log_rate = 0.6 + 0.5 * x[:, 0] + 0.4 * np.tanh(x[:, 1] * x[:, 2]) - 0.3 * x[:, 3] ** 2 / 2
    counts = r.poisson(np.exp(log_rate))
    return x.astype("float32"), counts.astype("float32")


def _visit_notes(n, seed, length=20, vocab=60, flip=0.1):
    """Tokenised chaplaincy visit notes (ids in [1, vocab)); the request type (4 classes) is
    set by which of a few key words occur, with some notes mislabelled by the ward."""
    r = np.random.default_rng(seed)
    y = r.integers(0, 4, size=n)
    tokens = r.integers(5, vocab, size=(n, length))
    for k in range(n):
        spots = r.choice(length, size=2, replace=False)
        tokens[k, spots] = 1 + y[k]
    noisy = r.random(n) < flip
    y = np.where(noisy, r.integers(0, 4, size=n), y)
    return tokens.astype("int32"), y.astype("int32")


def _attendance(n, seed, weeks=26, noise=0.3):
    """A parish's weekly attendance over half a year (standardized), to forecast next week's:
    a trend, a season, a festival spike, plus noise."""
    r = np.random.default_rng(seed)
    t = np.arange(weeks + 1)[None, :]
    level = r.normal(size=(n, 1))
    trend = 0.03 * r.normal(size=(n, 1))
    phase = r.uniform(0, 2 * np.pi, size=(n, 1))
    series = level + trend * t + 0.6 * np.sin(2 * np.pi * t / 13 + phase)
    series = series + noise * r.normal(size=series.shape)
    return series[:, :-1, None].astype("float32"), series[:, -1].astype("float32")


def _parish_rings(n, seed, classes=4, noise=0.08):
    """Parishioners placed by (distance east, distance north) of the church, labelled by which
    of four concentric parish rounds a curate visits them on: not linearly separable."""
    r = np.random.default_rng(seed)
    y = r.integers(0, classes, size=n)
    radius = (y + 0.5) / classes * 2.0 + noise * r.normal(size=n)
    angle = r.uniform(0, 2 * np.pi, size=n)
    x = np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1)
    return x.astype("float32"), y.astype("int32")


# ---------------------------------------------------------------------------------------------
# broken runs, each trainable with or without its mistake


def _conv1d_curves(keras, length, filters=16):
    return keras.Sequential([
        keras.Input((length, 1)),
        keras.layers.Conv1D(filters, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(filters, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])


def _curves_adam_typo(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(17210)
    x, y = _cooling_curves(N, seed=17210)
    model = _conv1d_curves(keras, x.shape[1])
    model.compile(keras.optimizers.Adam(0.3 if broken else 3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


def _raw_melt_log(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(17211)
    x, y = _melt_log(N, seed=17211, raw=True)
    if not broken:
        x = _standardize(x)
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=BATCH)


def _irnn_gain(session, broken, gain=1.15):
    keras = _keras()
    keras.utils.set_random_seed(17212)
    x, y = _cooling_curves(N, seed=17212, length=48)
    recurrent = keras.initializers.Identity(gain=gain if broken else 1.0)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.SimpleRNN(32, activation="relu", recurrent_initializer=recurrent),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


def _negative_bias_cnn(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(17220)
    x, y = _frame_photos(N, seed=17220)
    bias = keras.initializers.Constant(-1.0 if broken else 0.0)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu", bias_initializer=bias),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


def _sigmoid_width_head(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(17221)
    x, _ = _frame_photos(N, seed=17221)
    # the moulding's rail width in cm, read from the photo: 0.5 cm per pixel of rail
    width = 0.5 * (x[:, :, :, 0] > 0.5).sum(axis=(1, 2)) ** 0.5
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid" if broken else None),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, width.astype("float32"), epochs=12, batch_size=BATCH)


def _heavy_l2(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(17222)
    x, y = _frame_photos(N, seed=17222)
    reg = keras.regularizers.l2(0.1 if broken else 1e-4)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", kernel_regularizer=reg),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", kernel_regularizer=reg),
        keras.layers.Flatten(),
        keras.layers.Dense(32, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(4, activation="softmax", kernel_regularizer=reg),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


def _fine_tune_rate(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(17230)
    x, y = _visit_notes(N, seed=17230)
    model = keras.Sequential([
        keras.Input((x.shape[1],), dtype="int32"),
        keras.layers.Embedding(60, 16),
        keras.layers.LSTM(24),
        keras.layers.Dense(4, activation="softmax"),
    ])
    optimizer = keras.optimizers.RMSprop(1e-6 if broken else 3e-3)
    model.compile(optimizer, "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=BATCH)


def _deep_sigmoid_loop(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(17231)
    x, counts = _ward_days(N, seed=17231)
    y = (counts >= 3).astype("int32")
    act = "sigmoid" if broken else "relu"
    init = "glorot_uniform" if broken else "he_normal"
    layers = [keras.Input((6,))]
    layers += [keras.layers.Dense(32, activation=act, kernel_initializer=init) for _ in range(10)]
    layers.append(keras.layers.Dense(2))
    model = keras.Sequential(layers)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.SGD(0.05, momentum=0.9), loss, x, y,
                        epochs=15, batch_size=BATCH, seed=17231)


ZERO_ROW = 640  # first ward-day of a ward closed for refurbishment, read in file order


def _rate_per_patient(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(17232)
    x, counts = _ward_days(N, seed=17232)
    patients = np.round(np.exp(2.5 + 0.4 * x[:, 0]))
    patients[ZERO_ROW:ZERO_ROW + 240:40] = 0.0
    counts[ZERO_ROW:ZERO_ROW + 240:40] = 0.0
    if not broken:
        keep = patients > 0
        x, counts, patients = x[keep], counts[keep], patients[keep]
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = (100.0 * counts / patients).astype("float32")
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, rate, epochs=10, batch_size=BATCH, shuffle=False)


def _two_unit_bottleneck(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(17240)
    x, y = _parish_rings(N, seed=17240)
    hidden = [2] if broken else [32, 32]
    layers = [keras.Input((2,))]
    layers += [keras.layers.Dense(h, activation="relu") for h in hidden]
    layers.append(keras.layers.Dense(4, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.Adam(1e-2), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=BATCH)


def _zeros_init_loop(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(17241)
    x, y = _attendance(N, seed=17241)
    x = x[..., 0]
    init = "zeros" if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input((x.shape[1],)),
        keras.layers.Dense(32, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(32, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(1, kernel_initializer=init),
    ])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3),
                        keras.losses.MeanSquaredError(), x, y[:, None],
                        epochs=15, batch_size=BATCH, seed=17241)


def _sqrt_fan_in_init(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(17242)
    x, y = _parish_rings(N, seed=17242)
    # meant stddev = 1 / sqrt(fan_in) = 0.125 for 64 units; typed sqrt(fan_in) = 8
    std = 64 ** 0.5 if broken else 64 ** -0.5
    init = keras.initializers.RandomNormal(stddev=std)
    layers = [keras.Input((2,))]
    layers += [keras.layers.Dense(64, activation="tanh", kernel_initializer=init)
               for _ in range(3)]
    layers.append(keras.layers.Dense(4, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


def _fit_inputs(session, model, xs, y, *, epochs, batch_size, class_weight=None, callbacks=()):
    """`_fit` for a model with several inputs (a list of arrays) and an optional class_weight:
    trains on all but the last PROBE_SIZE examples, which are the probe. Returns the per-epoch
    mean training loss."""
    train = [x[:-PROBE_SIZE] for x in xs]
    probe = ([x[-PROBE_SIZE:] for x in xs], y[-PROBE_SIZE:])
    if len(xs) == 1:
        train, probe = train[0], (probe[0][0], probe[1])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        class_weight=class_weight, verbose=0,
                        callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


def _pinball(tau):
    keras = _keras()

    def pinball(y_true, y_pred):
        error = y_true - y_pred
        return keras.ops.mean(keras.ops.maximum(tau * error, (tau - 1.0) * error), axis=-1)

    return pinball


# ---------------------------------------------------------------------------------------------
# founders: a bronze and iron foundry's melt logs and thermocouple traces


@holdout172("founders", healthy=True)
def porosity_flags_mislabelled(session):
    """A foundry flags porous castings from 8 standardized melt-log readings; the inspectors'
    flags are wrong on about a fifth of the castings (a quick visual check), so a correct 2x32
    relu MLP with Adam 1e-3 and binary cross-entropy flattens around 0.55, far above zero."""
    keras = _keras()
    keras.utils.set_random_seed(17201)
    x, shrink = _melt_log(N, seed=17201)
    r = np.random.default_rng(17202)
    y = (shrink > 0.4).astype("float32")
    flip = r.random(N) < 0.2
    y = np.where(flip, 1.0 - y, y).astype("float32")
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=BATCH)


@holdout172("founders", healthy=True)
def shrinkage_huber_piecewise(session):
    """Casting shrinkage regressed from standardized melt-log readings, with heavy-tailed
    measurement errors (Student-t, 2 degrees of freedom: a gauge now and then misread). Huber
    loss, 2x64 relu MLP, Adam on a PiecewiseConstantDecay of 3e-3, 1e-3 then 3e-4 at steps
    200 and 400: the loss drops in steps and settles at the noise's floor."""
    keras = _keras()
    keras.utils.set_random_seed(17203)
    x, y = _melt_log(N, seed=17203)
    r = np.random.default_rng(17204)
    y = (y + 0.3 * r.standard_t(2, size=N)).astype("float32")
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([200, 400], [3e-3, 1e-3, 3e-4])
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(schedule), keras.losses.Huber(delta=1.0))
    return _fit(session, model, x, y, epochs=20, batch_size=BATCH)


@holdout172("founders", healthy=True)
def noisy_thermocouples_reduce_on_plateau(session):
    """Defect class from a casting's thermocouple cooling trace, with a cheap, noisy sensor
    (noise as large as the recalescence bump), so classes overlap. A two-layer Conv1D net,
    Adam 3e-3 and ReduceLROnPlateau on the training loss (halve after 2 flat epochs): the loss
    falls, then levels well above zero as the rate is halved."""
    keras = _keras()
    keras.utils.set_random_seed(17205)
    x, y = _cooling_curves(N, seed=17205, noise=0.6)
    model = _conv1d_curves(keras, x.shape[1])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=2,
                                                min_lr=1e-5)
    return _fit(session, model, x, y, epochs=18, batch_size=BATCH, callbacks=[plateau])


@holdout172("founders", ["learning_rate_too_high"], stall_begins=64)  # approximate
def cooling_curves_adam_typo(session):
    """Thermocouple traces classified by a Conv1D net with Adam at 0.3 where the notebook meant
    3e-3 (a dropped "e-2"): after the first epoch the loss bounces around 1.2 (chance is 1.39)
    while the same net at 3e-3 keeps falling below 0.9."""
    return _curves_adam_typo(session, broken=True)


@holdout172("founders", ["unnormalized_inputs"], stall_begins=128)  # approximate
def melt_log_in_logged_units(session):
    """Shrinkage regressed from the melt log as exported: metal temperature in degrees C
    (~1480), ladle pressure in Pa (~101,000), pour time in s, alloy fractions (~0.03) side by
    side, never standardized. A 2x64 relu MLP with Adam 1e-3 brings the huge first losses down
    to ~95 and then wanders there and climbs (standardized, it reaches 0.05)."""
    return _raw_melt_log(session, broken=True)


@holdout172("founders", ["exploding_gradients"], stall_begins=224)  # approximate
def irnn_gain_above_one(session):
    """An IRNN (SimpleRNN, relu, identity recurrent init) over 48-step cooling traces, with the
    identity's gain set to 1.15 "to keep the memory from fading": the hidden state and its
    gradients grow ~1.15^48 times along the sequence. Adam 1e-3 keeps it finite, but the loss
    falls from the hundreds to ~4 and then bounces between 2 and 9, above chance (gain 1.0
    reaches 0.58)."""
    return _irnn_gain(session, broken=True)


# ---------------------------------------------------------------------------------------------
# framemakers: photos of picture-frame corners from a framing workshop's bench camera


@holdout172("framemakers", healthy=True)
def few_corners_overfit(session):
    """Only 160 labelled corner photos (a week of the bench camera) for a small CNN, batch 16,
    Adam 2e-3, 40 epochs: the training loss goes on down towards zero as the net memorises
    them. A correct run on too little data (it overfits, which the training loss does not
    show as a fault)."""
    keras = _keras()
    keras.utils.set_random_seed(17206)
    x, y = _frame_photos(160 + PROBE_SIZE, seed=17206)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


@holdout172("framemakers", healthy=True)
def corner_defects_warmup_cosine(session):
    """Corner defects classified by a small CNN with SGD (momentum 0.9) on a CosineDecay
    schedule: linear warm-up from 0 to 0.1 over the first 64 steps, then cosine decay to zero
    at step 384. The loss sits near chance for about four epochs while the rate is small and
    the pooled features form, falls in the middle, and flattens near 0.94 at the end because
    the rate is near zero and the noisy photos leave the loss above zero."""
    keras = _keras()
    keras.utils.set_random_seed(17207)
    x, y = _frame_photos(N, seed=17207, noise=0.4)
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, decay_steps=320, warmup_target=0.1, warmup_steps=64)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


@holdout172("framemakers", healthy=True)
def moulding_width_upper_quantile(session):
    """The moulding's rail width (cm) read from a corner photo, with a measurement spread that
    grows with the width (wider mouldings are hand-finished); the workshop orders stock by the
    90th percentile, so the CNN is trained with the pinball loss at 0.9, Adam 2e-3. The loss
    flattens at the spread's quantile level, not at zero."""
    keras = _keras()
    keras.utils.set_random_seed(17208)
    x, _ = _frame_photos(N, seed=17208)
    r = np.random.default_rng(17209)
    width = 0.5 * (x[:, :, :, 0] > 0.5).sum(axis=(1, 2)) ** 0.5
    width = (width + 0.1 * width * r.normal(size=N)).astype("float32")
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(2e-3), _pinball(0.9))
    return _fit(session, model, x, width, epochs=12, batch_size=BATCH)


@holdout172("framemakers", ["dead_relus"])
def negative_bias_everywhere(session):
    """A corner-defect CNN whose conv and dense relu layers were given bias_initializer
    Constant(-1.0) (copied from a sparse-coding recipe). The photos' pixels are about 0..1, so
    nearly every unit starts below zero, gets no gradient and stays dead: the loss sits at
    chance (1.386) while the same net with zero biases falls to 0.9 and keeps going."""
    return _negative_bias_cnn(session, broken=True)


@holdout172("framemakers", ["loss_activation_mismatch"], stall_begins=40)  # approximate
def sigmoid_head_for_width_cm(session):
    """The moulding's rail width in cm (about 3.5 to 5.5) regressed by a CNN whose head kept the
    sigmoid of the classification model it was copied from, with MSE: predictions cannot
    exceed 1, so the loss drops to ~14.7 in the first epoch and stays there (a linear head
    reaches 0.02)."""
    return _sigmoid_width_head(session, broken=True)


@holdout172("framemakers", ["over_regularization"], stall_begins=160)  # approximate
def l2_a_thousand_times_too_strong(session):
    """A corner-defect CNN with an L2 kernel penalty of 0.1 on every layer (meant 1e-4): the
    penalty holds the weights near zero, and the loss creeps towards ~0.9 and stays there,
    while the same net with 1e-4 reaches 0.01."""
    return _heavy_l2(session, broken=True)


# ---------------------------------------------------------------------------------------------
# chaplains: a hospital chaplaincy's ward-days and visit notes


@holdout172("chaplains", healthy=True)
def visit_requests_poisson(session):
    """Daily chaplain visit requests per ward, a count around a smooth rate of the ward's
    patients, end-of-life cases, day of week and staffing. A 2x32 relu MLP with an exponential
    output and the Poisson loss, Adam 2e-3: it flattens at the counts' own Poisson noise,
    well above zero."""
    keras = _keras()
    keras.utils.set_random_seed(17213)
    x, counts = _ward_days(N, seed=17213)
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="exponential"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x, counts, epochs=20, batch_size=BATCH)


@holdout172("chaplains", healthy=True)
def notes_attention_with_ward(session):
    """Request type from a visit note's tokens plus the ward's day features (two inputs):
    embedding, one self-attention block, average pooling, concatenated with the ward features,
    softmax over 4 types; Adam 2e-3. A tenth of the notes were filed under the wrong type,
    so the loss flattens well above zero."""
    keras = _keras()
    keras.utils.set_random_seed(17214)
    tokens, y = _visit_notes(N, seed=17214)
    ward, _ = _ward_days(N, seed=17215)
    words = keras.Input((tokens.shape[1],), dtype="int32")
    days = keras.Input((6,))
    h = keras.layers.Embedding(60, 16)(words)
    h = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Concatenate()([h, days])
    h = keras.layers.Dense(32, activation="relu")(h)
    out = keras.layers.Dense(4, activation="softmax")(h)
    model = keras.Model([words, days], out)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit_inputs(session, model, [tokens, ward], y, epochs=12, batch_size=BATCH)


@holdout172("chaplains", healthy=True)
def urgent_calls_class_weighted(session):
    """Whether a ward-day brings an urgent call-out (about 5% of days), from the ward's day
    features; a 2x32 relu MLP with Adam 1e-3 and class_weight {0: 1, 1: 8} to count the rare
    days more. The weighted loss is noisy and flattens well above zero, as rare,
    half-random events allow."""
    keras = _keras()
    keras.utils.set_random_seed(17216)
    x, _ = _ward_days(N, seed=17216)
    r = np.random.default_rng(17217)
    logit = -3.6 + 0.9 * x[:, 1] + 0.6 * x[:, 0]
    y = (r.random(N) < 1.0 / (1.0 + np.exp(-logit))).astype("float32")
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_inputs(session, model, [x], y, epochs=20, batch_size=BATCH,
                       class_weight={0: 1.0, 1: 8.0})


@holdout172("chaplains", ["learning_rate_too_low"])
def lstm_fine_tuning_rate(session):
    """Request type from visit-note tokens with an embedding and an LSTM, trained from scratch
    with RMSprop at 1e-6, the rate of the fine-tuning recipe it was copied from: the loss sits
    at chance (1.385) for all 10 epochs, while 3e-3 brings it to 0.35."""
    return _fine_tune_rate(session, broken=True)


@holdout172("chaplains", ["vanishing_gradients"])
def ten_sigmoid_layers_loop(session):
    """Custom GradientTape loop: whether a ward-day brings 3 or more requests, from a 10-layer
    sigmoid MLP (32 units each, Glorot init) with SGD 0.05 and momentum 0.9. The gradient
    shrinks at every sigmoid layer and hardly reaches the first ones: the loss stays at the
    constant guess (~0.61) while the same depth with relu and He init reaches 0.44."""
    return _deep_sigmoid_loop(session, broken=True)


@holdout172("chaplains", ["non_finite_values"], stall_begins=ZERO_ROW // BATCH)
def requests_per_patient_closed_ward(session):
    """Requests per 100 patients regressed from the ward's day features, read in date order
    (no shuffle); the target was computed as 100 * requests / patients, and a ward closed for
    refurbishment has days with 0 patients, so 0 / 0 puts NaN in the targets from row 640: the
    loss turns NaN at that batch, the weights follow, and it stays NaN for the remaining
    epochs (dropping those days, it settles near 118)."""
    return _rate_per_patient(session, broken=True)


# ---------------------------------------------------------------------------------------------
# curates: a parish's attendance registers and visiting rounds


@holdout172("curates", healthy=True)
def attendance_gru_still_improving(session):
    """Next Sunday's attendance (standardized) forecast from the previous 26 weeks by a GRU(16)
    with Adam 1e-3 and MSE: seasonal, trending registers with counting noise. The loss falls
    quickly, then keeps creeping down slowly to the end of the 15 epochs."""
    keras = _keras()
    keras.utils.set_random_seed(17218)
    x, y = _attendance(N, seed=17218)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.GRU(16),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout172("curates", healthy=True)
def visiting_round_loop_staircase(session):
    """Custom GradientTape loop: which of four visiting rounds a parishioner's house belongs
    to, from its position; 15% of the register's entries name the wrong round. A 2x64 relu
    MLP, SGD with momentum 0.9 on a staircase ExponentialDecay (0.05, halved every 160 steps):
    the loss drops in steps and flattens at the label noise's floor."""
    keras = _keras()
    keras.utils.set_random_seed(17219)
    x, y = _parish_rings(N, seed=17219)
    r = np.random.default_rng(17223)
    y = np.where(r.random(N) < 0.15, r.integers(0, 4, size=N), y).astype("int32")
    schedule = keras.optimizers.schedules.ExponentialDecay(0.05, 160, 0.5, staircase=True)
    model = keras.Sequential([
        keras.Input((2,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(4),
    ])
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.SGD(schedule, momentum=0.9), loss, x, y,
                        epochs=20, batch_size=BATCH, seed=17219, learning_rate=schedule)


@holdout172("curates", healthy=True)
def collection_plate_conv1d_mae(session):
    """Next Sunday's collection (standardized) forecast from 26 weeks of collections by a
    Conv1D net with MAE loss, Adam 2e-3; the plate's takings scatter more in the weeks with
    bigger congregations (heteroscedastic noise), so the absolute error flattens well above
    zero."""
    keras = _keras()
    keras.utils.set_random_seed(17224)
    x, y = _attendance(N, seed=17224, noise=0.2)
    r = np.random.default_rng(17225)
    y = (y + 0.3 * (1.0 + np.abs(y)) * r.normal(size=N)).astype("float32")
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 3, activation="relu", padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mae")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout172("curates", ["insufficient_capacity"], stall_begins=256)  # approximate
def two_unit_hidden_layer(session):
    """Which of four concentric visiting rounds a house is on, from its position, by an MLP
    with a single hidden layer of 2 relu units (Adam 1e-2): two units cannot draw four
    rings, so the loss creeps to ~0.97 and flattens, where 2x32 units reach 0.006."""
    return _two_unit_bottleneck(session, broken=True)


@holdout172("curates", ["poor_initialization"])
def zeros_kernel_init_loop(session):
    """Custom GradientTape loop: next Sunday's attendance from the flattened 26 weeks by a
    2x32 tanh MLP built with kernel_initializer="zeros" on every layer. Every hidden unit
    outputs 0 and the weights after them get no gradient, so only the output bias learns:
    the loss sits at the targets' variance (~1.88) where Glorot init reaches 0.12."""
    return _zeros_init_loop(session, broken=True)


@holdout172("curates", ["saturated_activations"])
def tanh_init_sqrt_fan_in(session):
    """Visiting rounds from a house's position by a 3x64 tanh MLP whose RandomNormal init was
    given stddev = sqrt(fan_in) = 8 instead of 1/sqrt(fan_in): every tanh unit is pinned at
    +-1 with a zero derivative, so the net only sees which side of a few lines a house lies.
    Adam 1e-3 nudges the output layer, and the loss creeps from 1.7 to ~1.3 (chance 1.39)
    where the intended init is at 0.44 after the same 15 epochs and still falling."""
    return _sqrt_fan_in_init(session, broken=True)
