"""The two-hundred-and-twelfth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades, six runs each (three healthy, three broken), all on synthetic data from fixed seeds
21201-21227; the last PROBE_SIZE rows of every data set are the probe.

turnpike_keepers (a toll booth's logs). Healthy: toll-class MLP with a fifth of the classes
keyed in wrongly (cross-entropy floors near 0.7); hourly lane counts with a Poisson loss and an
exponential output (floors at the counts' randomness); queue waits with Student-t noise under
Huber loss and a PiecewiseConstantDecay SGD schedule. Broken: Adam given an SGD learning rate
of 0.5 (loss at chance after the first epoch); sensor columns in raw units up to ~86,000 fed
unscaled into an SGD MLP (chance after the first epoch); l2(1.0) on every kernel of a revenue
regressor (loss at the targets' variance).

lamp_trimmers (street-lamp maintenance). Healthy: rare failures (6%) with class_weight, loss
still sinking slowly and far above zero; a 90th-percentile pinball loss in a GradientTape loop
on exponential remaining-life noise; a GRU on flicker traces with warm-up and cosine decay and
8% wrong labels. Broken: Conv1D with every bias at -4 (no relu ever fires); a softplus output
on a standardized (half negative) target; a bare softmax layer asked to tell concentric rings
apart.

saddle_stitchers (a bookbinder's stitching line). Healthy: spine-patch CNN with 10% wrong
labels and ReduceLROnPlateau; a Conv1D regressor on only 192 books that memorises them; a
patch-attention model with AdamW. Broken: a ten-layer all-sigmoid MLP (vanishing gradients);
zero-initialized kernels in a CNN; sigmoid layers initialized with RandomNormal(1.0), i.e.
mean 1, so every unit is pinned at exactly 1.0.

kiln_firers (a potter's kiln logs). Healthy: LSTM next-hour temperature with noise growing
with the temperature; a slow but correct plain-SGD GradientTape loop still improving at the
end; a two-input model (clay-code embedding and firing numbers) under ExponentialDecay.
Broken: a relu SimpleRNN with an Identity(1.5) recurrent kernel, clipped, whose loss bounces
between 1e4 and 1e6; NaN targets from np.log of a -1 missing-value code read in file order;
RMSprop at 1e-7.

Dropped or changed because they did not behave as intended (checked on the loss curves only,
training both versions with Session(None)): a one-unit softmax output under binary
cross-entropy learnt as well as the sigmoid one in this Keras, so the mismatch became the
softplus head; a one-unit bottleneck and then a linear model on sectors-and-rings kept
improving slowly, so the task became rings only; kernels at Constant(0.05) still learnt (one
filter per layer), so that run uses zeros; sigmoid layers at RandomNormal(stddev=1) learnt
better than the glorot net (the saturated units became a good random hash), so the mistake
became the mean-1 misreading, which pins them; a sigmoid SimpleRNN remembering the first of
50-60 samples was dropped because the GRU fix did not learn it either; a -inf feature (log of
0) and then a NaN feature did not give a NaN loss behind relu layers, so the NaN is in the
targets.

Labels: each broken run names one cause, its root cause. `stall_begins` is the 0-based
optimizer step from which the loss stops improving, None for from the start; it was read off
the per-step loss (16-step means) and is approximate (marked next to the scenario) except for
the NaN run, whose step is that of the batch holding the bad rows. The relu RNN's loss still
drifts down in log scale while bouncing by two orders of magnitude; it is labelled from the
start. Trainings are not seeded inside Keras, so the curves vary a little from run to run.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('turnpike_keepers', 'lamp_trimmers', 'saddle_stitchers', 'kiln_firers')

REGISTRY = []
holdout212 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data


def _rng(seed):
    return np.random.default_rng(seed)


def _toll_booth(n, seed, label_noise=0.0):
    """Vehicles at a toll booth: axle count, axle spacing (m), gross weight (t), speed (km/h),
    height (m), hour of day -> one of four toll classes (car, van, lorry, coach)."""
    r = _rng(seed)
    cls = r.integers(0, 4, n)
    axles = np.array([2, 2, 4, 3])[cls] + r.integers(0, 2, n) * (cls >= 2)
    spacing = np.array([2.6, 3.4, 4.2, 6.0])[cls] + r.normal(0, 0.45, n)
    weight = np.array([1.5, 3.0, 22.0, 14.0])[cls] * np.exp(r.normal(0, 0.35, n))
    speed = np.array([95.0, 85.0, 75.0, 88.0])[cls] + r.normal(0, 12.0, n)
    height = np.array([1.5, 2.3, 3.8, 3.4])[cls] + r.normal(0, 0.35, n)
    hour = r.uniform(0, 24, n)
    x = np.stack([axles, spacing, weight, speed, height, hour], axis=1).astype("float32")
    if label_noise:
        flip = r.random(n) < label_noise
        cls = np.where(flip, r.integers(0, 4, n), cls)
    return x, cls.astype("int64")


def _lamp_posts(n, seed, positive_rate=None):
    """Street lamps: age (years), voltage deviation, humidity, burn hours last month, bulb type
    code, distance to sea (km), flicker count; returns standardized features and the raw
    quantities needed for the targets."""
    r = _rng(seed)
    age = r.gamma(2.0, 3.0, n)
    volt = r.normal(0, 1, n)
    humid = r.uniform(0, 1, n)
    burn = r.normal(340, 40, n)
    bulb = r.integers(0, 3, n)
    sea = r.exponential(5.0, n)
    flicker = r.poisson(1.0 + 0.3 * age)
    raw = np.stack([age, volt, humid, burn, bulb, sea, flicker], axis=1)
    risk = 0.35 * age + 0.9 * np.abs(volt) + 1.4 * humid * (sea < 3) + 0.25 * flicker
    risk = risk - 0.6 * (bulb == 2)
    if positive_rate is not None:
        cut = np.quantile(risk + r.logistic(0, 0.6, n), 1 - positive_rate)
        label = (risk + r.logistic(0, 0.6, n) > cut).astype("float32")
    else:
        label = risk.astype("float32")
    return _standardize(raw), raw, label


def _stitch_traces(n, seed, length=40, label_noise=0.0):
    """Thread-tension traces from a saddle-stitching head (length samples per book): a clean
    stitch, a skipped stitch (a dip), a double stitch (two peaks) or a loose thread (a slow
    drift). Returns (n, length, 1) traces and the defect class."""
    r = _rng(seed)
    t = np.linspace(0, 1, length)
    cls = r.integers(0, 4, n)
    base = np.sin(2 * np.pi * 4 * t)[None, :] * r.uniform(0.6, 1.0, (n, 1))
    pos = r.uniform(0.2, 0.8, (n, 1))
    bump = np.exp(-((t[None, :] - pos) ** 2) / 0.003)
    bump2 = np.exp(-((t[None, :] - pos + 0.12) ** 2) / 0.003)
    x = base + r.normal(0, 0.35, (n, length))
    x += np.where(cls[:, None] == 1, -1.6 * bump, 0)
    x += np.where(cls[:, None] == 2, 1.4 * (bump + bump2), 0)
    x += np.where(cls[:, None] == 3, r.choice([-1.5, 1.5], (n, 1)) * t[None, :], 0)
    if label_noise:
        flip = r.random(n) < label_noise
        cls = np.where(flip, r.integers(0, 4, n), cls)
    return x[..., None].astype("float32"), cls.astype("int64")


def _stitch_patches(n, seed, size=12, label_noise=0.0):
    """Camera patches of a booklet's spine (size x size, one channel): a straight stitch row,
    a slanted one, a missing stitch gap, or a puckered (wavy) row."""
    r = _rng(seed)
    cls = r.integers(0, 3, n)
    yy, xx = np.mgrid[0:size, 0:size] / (size - 1)
    x = r.normal(0, 0.3, (n, size, size))
    for i in range(n):
        off = r.uniform(0.35, 0.65)
        if cls[i] == 0:
            line = np.abs(xx - off) < 0.07
        elif cls[i] == 1:
            line = np.abs(xx - off - r.choice([-0.4, 0.4]) * (yy - 0.5)) < 0.08
        else:
            line = np.abs(xx - off - 0.12 * np.sin(2 * np.pi * 2 * yy)) < 0.08
        x[i] += 1.2 * line
    if label_noise:
        flip = r.random(n) < label_noise
        cls = np.where(flip, r.integers(0, 3, n), cls)
    return x[..., None].astype("float32"), cls.astype("int64")


def _kiln_curves(n, seed, length=30, noise=0.05):
    """Kiln firing logs: length hourly readings (temperature / 1000 C, damper opening) and the
    next hour's temperature as target; the measurement noise grows with the temperature."""
    r = _rng(seed)
    t = np.arange(length + 1) / length
    ramp = r.uniform(0.6, 1.3, (n, 1))
    soak = r.uniform(0.4, 0.8, (n, 1))
    damper = r.uniform(0, 1, (n, length + 1)).cumsum(axis=1) / (length + 1)
    temp = ramp * np.minimum(t[None, :] / soak, 1.0) - 0.15 * damper * t[None, :]
    temp = temp + r.normal(0, 1, temp.shape) * noise * (0.3 + temp)
    x = np.stack([temp[:, :-1], damper[:, :-1]], axis=-1).astype("float32")
    return x, temp[:, -1:].astype("float32")


# ---------------------------------------------------------------------------------------------
# fitting helper for multi-input models


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, **fit_kw):
    """model.fit on a list of inputs; the last PROBE_SIZE rows of each are the probe."""
    train = [a[:-PROBE_SIZE] for a in inputs]
    probe = ([a[-PROBE_SIZE:] for a in inputs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        verbose=0, callbacks=list(fit_kw.pop("callbacks", ()))
                        + session.callbacks(probe), **fit_kw)
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# turnpike_keepers


@holdout212("turnpike_keepers", healthy=True)
def toll_class_noisy_clerks(session):
    """Toll-class classification from six standardized axle-sensor readings, 2x64 relu MLP, Adam
    2e-3, 20 epochs; about a fifth of the classes were keyed in wrongly by booth clerks, so the
    cross-entropy flattens near 0.7 instead of 0 while the model is right."""
    keras = _keras()
    x, y = _toll_booth(N, seed=21201, label_noise=0.27)
    model = _mlp(keras, 6, [64, 64], 4)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, _standardize(x), y, epochs=20, batch_size=32)


@holdout212("turnpike_keepers", healthy=True)
def hourly_vehicle_counts_poisson(session):
    """Vehicles counted per lane per hour (Poisson counts, mean 0.5-20) from hour-of-day
    harmonics and a weekday flag; MLP with an exponential output and Poisson loss, Adam 3e-3.
    The Poisson loss levels off at the counts' own randomness, well above zero."""
    keras = _keras()
    r = _rng(21202)
    hour = r.uniform(0, 24, N)
    weekday = r.integers(0, 2, N)
    lanes = r.integers(1, 5, N)
    rate = np.exp(0.6 + 1.2 * np.sin(2 * np.pi * (hour - 7) / 24) ** 2 + 0.5 * weekday
                  + 0.2 * lanes - 0.8 * ((hour < 5) | (hour > 22)))
    y = r.poisson(rate).astype("float32")[:, None]
    x = np.stack([np.sin(2 * np.pi * hour / 24), np.cos(2 * np.pi * hour / 24),
                  np.sin(4 * np.pi * hour / 24), np.cos(4 * np.pi * hour / 24),
                  weekday, lanes / 4.0], axis=1).astype("float32")
    model = _mlp(keras, 6, [32, 32], 1, out_activation="exponential")
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout212("turnpike_keepers", healthy=True)
def queue_wait_huber_step_decay(session):
    """Minutes a driver waits at the booth from queue length, open lanes and hour; the waits
    have heavy (Student-t, 2 dof) noise from breakdowns. 2x32 relu MLP, Huber loss, SGD with
    momentum under a PiecewiseConstantDecay (0.02 -> 0.005 -> 0.001 at steps 300 and 600):
    the loss drops at each boundary and flattens at the noise floor."""
    keras = _keras()
    r = _rng(21203)
    queue = r.poisson(6.0, N)
    lanes = r.integers(1, 6, N)
    hour = r.uniform(0, 24, N)
    wait = 1.5 * queue / lanes + 0.8 * np.sin(2 * np.pi * (hour - 8) / 24) + r.standard_t(2, N)
    x = _standardize(np.stack([queue, lanes, hour, queue / lanes], axis=1))
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([300, 600], [0.02, 0.005, 0.001])
    model = _mlp(keras, 4, [32, 32], 1, out_activation=None)
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), keras.losses.Huber(1.0))
    return _fit(session, model, x, wait.astype("float32")[:, None], epochs=25, batch_size=32)


def _toll_class_adam(session, broken):
    """Toll-class MLP trained with Adam; broken: learning_rate=0.5 (a value from an SGD recipe)."""
    keras = _keras()
    x, y = _toll_booth(N, seed=21204)
    model = _mlp(keras, 6, [64, 64, 64], 4)
    lr = 0.5 if broken else 1e-3
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, _standardize(x), y, epochs=15, batch_size=32)


@holdout212("turnpike_keepers", ["learning_rate_too_high"], stall_begins=32)  # approximate
def toll_class_sgd_rate_in_adam(session):
    """Toll-class 3x64 relu MLP whose optimizer was switched from SGD to Adam without changing
    the learning rate of 0.5: the first steps throw the weights far away and from about the
    second epoch the loss bounces around the chance level (ln 4) for the rest of the run,
    where Adam 1e-3 reaches ~0.1."""
    return _toll_class_adam(session, broken=True)


def _toll_raw_units(session, broken):
    """Toll class from the sensor readings in their raw units (tonnes, km/h, hour) vs scaled."""
    keras = _keras()
    x, y = _toll_booth(N, seed=21205)
    x = x * np.array([1, 1000, 1000, 1, 1000, 3600], dtype="float32")  # m->mm, t->kg, h->s
    if not broken:
        x = _standardize(x)
    model = _mlp(keras, 6, [64, 64], 4)
    model.compile(keras.optimizers.SGD(1e-3, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout212("turnpike_keepers", ["unnormalized_inputs"], stall_begins=32)  # approximate
def toll_class_raw_sensor_units(session):
    """Toll class from the axle sensors as the roadside unit exports them: spacing in mm,
    weight in kg, speed in km/h, time of day in seconds (columns from ~2 to ~86,000), fed
    straight into a 2x64 relu MLP with SGD 1e-3 momentum 0.9, no scaling: the first updates
    are enormous, the units are knocked out, and after the first epoch the loss sits at
    chance level (ln 4), where the standardized columns reach ~0.3."""
    return _toll_raw_units(session, broken=True)


def _toll_revenue_l2(session, broken):
    """Daily toll revenue regression, 3x64 relu MLP with L2 on every kernel."""
    keras = _keras()
    r = _rng(21206)
    x = r.normal(0, 1, (N, 8)).astype("float32")
    y = (np.sin(2 * x[:, 0]) + x[:, 1] * x[:, 2] + 0.5 * np.abs(x[:, 3]) - 0.4 * x[:, 4] ** 2
         + r.normal(0, 0.1, N)).astype("float32")[:, None]
    reg = keras.regularizers.l2(1.0 if broken else 1e-5)
    model = _mlp(keras, 8, [64, 64, 64], 1, out_activation=None, kernel_regularizer=reg)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout212("turnpike_keepers", ["over_regularization"], stall_begins=190)  # approximate
def toll_revenue_l2_of_one(session):
    """Toll-revenue regression on eight standardized traffic features, 3x64 relu MLP whose
    kernels all carry l2(1.0) (the author meant 1e-4 and typed the penalty's 'lambda=1'): the
    penalty first shrinks the weights, then pins them near zero and from about the sixth epoch
    the loss stays near 1.8 (the targets' variance), where l2(1e-5) fits them to ~0.05."""
    return _toll_revenue_l2(session, broken=True)


# ---------------------------------------------------------------------------------------------
# lamp_trimmers


@holdout212("lamp_trimmers", healthy=True)
def lamp_failure_rare_weighted(session):
    """Will a street lamp fail next month (6% positives) from seven standardized maintenance
    records; 2x32 relu MLP, sigmoid output, binary cross-entropy with class_weight {0: 1, 1: 8},
    Adam 1e-3, 20 epochs. The weighted loss flattens well above zero: failures are partly
    random and the classes overlap."""
    keras = _keras()
    x, _, y = _lamp_posts(N, seed=21207, positive_rate=0.06)
    model = _mlp(keras, 7, [32, 32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_inputs(session, model, [x], y[:, None], epochs=20, batch_size=32,
                       class_weight={0: 1.0, 1: 8.0})


@holdout212("lamp_trimmers", healthy=True)
def burn_hours_quantile_loop(session):
    """Hours a lamp will still burn, predicted at its 90th percentile (pinball loss, tau 0.9) in
    a hand-written GradientTape loop; the remaining life is exponential noise around a mean set
    by age and humidity, so the loss stays at the noise's spread. 2x64 relu MLP, Adam 2e-3."""
    import tensorflow as tf

    keras = _keras()
    x, raw, _ = _lamp_posts(N, seed=21208)
    r = _rng(21209)
    mean_life = 2.0 * np.exp(-0.12 * raw[:, 0] - 0.8 * raw[:, 2])
    y = (r.exponential(1.0, N) * mean_life).astype("float32")[:, None]
    model = _mlp(keras, 7, [64, 64], 1, out_activation=None)

    def pinball(targets, predictions):
        err = targets - predictions
        return tf.reduce_mean(tf.maximum(0.9 * err, -0.1 * err))

    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), pinball, x, y, epochs=20,
                        batch_size=32, seed=21209, loss_description="pinball(0.9)")


@holdout212("lamp_trimmers", healthy=True)
def flicker_gru_warmup_cosine(session):
    """Lamp flicker traces (40 photometer samples) classified as sound / failing starter /
    loose contact / dying ballast with a GRU(24), Adam under a 100-step linear warm-up to 5e-3
    then cosine decay to zero over the run; 8% of the labels come from a hurried crew, so the
    loss levels off well above zero as the rate anneals."""
    keras = _keras()
    x, y = _stitch_traces(N, seed=21210, label_noise=0.08)
    steps = 15 * (1024 // 32)
    schedule = keras.optimizers.schedules.CosineDecay(0.0, steps - 100, warmup_target=5e-3,
                                                      warmup_steps=100)
    model = keras.Sequential([keras.Input((40, 1)), keras.layers.GRU(24),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _lamp_conv_bias(session, broken):
    """Conv1D on flicker traces; broken: every conv/dense bias initialized to -4."""
    keras = _keras()
    x, y = _stitch_traces(N, seed=21211)
    kw = {"bias_initializer": keras.initializers.Constant(-4.0)} if broken else {}
    model = keras.Sequential([
        keras.Input((40, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", **kw),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same", **kw),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(32, activation="relu", **kw),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.RMSprop(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout212("lamp_trimmers", ["dead_relus"], stall_begins=None)
def flicker_conv_negative_bias(session):
    """Flicker-trace Conv1D (16 and 32 relu filters, a 32-unit relu dense layer), RMSprop
    1e-3, where a 'sparse activations' tip was applied as bias_initializer=Constant(-4) on
    every conv and dense layer: with traces of amplitude ~1, no unit ever fires, no gradient
    reaches them, and the loss sits at ln 4 for the whole run."""
    return _lamp_conv_bias(session, broken=True)


def _lamp_lumen_head(session, broken):
    """Standardized log light output regression; broken: a softplus output layer."""
    keras = _keras()
    x, raw, _ = _lamp_posts(N, seed=21212)
    r = _rng(21227)
    log_lumen = (-0.08 * raw[:, 0] - 0.3 * raw[:, 2] - 0.2 * np.abs(raw[:, 1])
                 + 0.15 * raw[:, 4] + r.normal(0, 0.1, N))
    y = _standardize(log_lumen[:, None])
    model = _mlp(keras, 7, [32, 32], 1, out_activation="softplus" if broken else None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout212("lamp_trimmers", ["loss_activation_mismatch"], stall_begins=192)  # approximate
def lamp_lumen_softplus_head(session):
    """Regression of a lamp's (standardized) log light output from seven maintenance
    records, 2x32 relu MLP, MSE, Adam 1e-3, whose output layer got activation='softplus'
    "because light output is positive" - but the target was standardized afterwards and half
    of it is negative: those lamps cannot be fitted and the loss levels off near 0.7, where a
    linear output reaches ~0.07."""
    return _lamp_lumen_head(session, broken=True)


def _lamp_route_width(session, broken):
    """Which of six trimming routes a lamp belongs to from its map position; broken: no hidden
    layer."""
    keras = _keras()
    r = _rng(21213)
    angle = r.uniform(0, 2 * np.pi, N)
    area = r.uniform(0, 1, N)
    pos = np.sqrt(area)[:, None] * np.stack([np.cos(angle), np.sin(angle)], axis=1)
    y = np.minimum(np.floor(6 * area), 5).astype("int64")
    hidden = [] if broken else [keras.layers.Dense(64, activation="relu"),
                                keras.layers.Dense(32, activation="relu")]
    model = keras.Sequential([keras.Input((2,))] + hidden
                             + [keras.layers.Dense(6, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-2), "sparse_categorical_crossentropy")
    return _fit(session, model, pos.astype("float32"), y, epochs=20, batch_size=32)


@holdout212("lamp_trimmers", ["insufficient_capacity"], stall_begins=32)  # approximate
def lamp_route_linear_only(session):
    """Which of six trimming rounds (equal-area rings around the depot) a lamp belongs to,
    from its map position; the model is a single Dense(6, softmax) layer - the hidden layers
    of the sketch were never added - so it cannot carve rings out of the plane and the loss
    sits near ln 6 after the first epoch, where a 64-32 relu MLP gets to ~0.2."""
    return _lamp_route_width(session, broken=True)


# ---------------------------------------------------------------------------------------------
# saddle_stitchers


@holdout212("saddle_stitchers", healthy=True)
def spine_patches_cnn_reduce_on_plateau(session):
    """12x12 camera patches of booklet spines (straight, slanted, puckered stitch rows) with 10%
    of the inspectors' labels wrong; small Conv2D (8 and 16 filters), Adam 2e-3 with
    ReduceLROnPlateau(factor 0.3, patience 2) on the training loss. The loss flattens near the
    label noise's floor and the rate steps down."""
    keras = _keras()
    x, y = _stitch_patches(768 + PROBE_SIZE, seed=21214, label_noise=0.1)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    plateau = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=2, min_lr=1e-5)
    return _fit(session, model, x, y, epochs=20, batch_size=32, callbacks=[plateau])


@holdout212("saddle_stitchers", healthy=True)
def tension_conv1d_small_batch_overfits(session):
    """Only 192 logged books: Conv1D on tension traces predicting the thread tension setting
    (regression with noise sd 0.3), Adam 1e-3, 40 epochs of 6 batches. The training loss keeps
    sinking below the noise as the small set is memorised - a correct run of a data-starved
    problem."""
    keras = _keras()
    n = 192 + PROBE_SIZE
    x, _ = _stitch_traces(n, seed=21215)
    r = _rng(21216)
    y = (x[:, :, 0].std(axis=1) * 2 + x[:, :10, 0].mean(axis=1) + r.normal(0, 0.3, n))
    model = keras.Sequential([
        keras.Input((40, 1)),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.Flatten(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y.astype("float32")[:, None], epochs=40, batch_size=32)


@holdout212("saddle_stitchers", healthy=True)
def stitch_attention_adamw(session):
    """Tension traces cut into 8 patches of 5 samples, projected to 16 dims plus a learnt
    position embedding, one MultiHeadAttention block (2 heads) with a residual and layer norm,
    average pooling, softmax over 4 defects; AdamW 2e-3. The classes are noisy (trace noise
    sd 0.35 swamps a few dips), so the loss settles around 0.2-0.3."""
    keras = _keras()
    x, y = _stitch_traces(N, seed=21217)
    x = x.reshape(-1, 8, 5)
    inputs = keras.Input((8, 5))
    h = keras.layers.Dense(16)(inputs)
    h = h + keras.layers.Embedding(8, 16)(keras.ops.arange(8))
    a = keras.layers.MultiHeadAttention(2, 8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    outputs = keras.layers.Dense(4, activation="softmax")(h)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.AdamW(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _tension_deep_mlp(session, broken):
    """Defect class of a tension trace with a deep MLP; broken: sigmoid in all ten layers."""
    keras = _keras()
    x, y = _stitch_traces(N, seed=21218)
    model = _mlp(keras, 40, [32] * 10, 4, activation="sigmoid" if broken else "relu",
                 kernel_initializer="glorot_uniform" if broken else "he_normal")
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x[:, :, 0], y, epochs=12, batch_size=32)


@holdout212("saddle_stitchers", ["vanishing_gradients"], stall_begins=None)
def tension_ten_sigmoid_layers(session):
    """Stitch-defect class of a 40-sample tension trace with a ten-layer MLP (32 units
    each) built with activation='sigmoid' everywhere, copied from an old textbook figure, SGD
    0.01 momentum 0.9: the gradient shrinks by about 4x per sigmoid layer, the lower layers
    never learn and the loss stays at ln 4, where the same net with relu/He reaches ~0.04."""
    return _tension_deep_mlp(session, broken=True)


def _patch_constant_init(session, broken):
    """Spine-patch CNN; broken: every kernel initialized to zeros."""
    keras = _keras()
    x, y = _stitch_patches(768 + PROBE_SIZE, seed=21219)
    kw = {"kernel_initializer": "zeros"} if broken else {}
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same", **kw),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", **kw),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(16, activation="relu", **kw),
        keras.layers.Dense(3, activation="softmax", **kw),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout212("saddle_stitchers", ["poor_initialization"], stall_begins=None)
def spine_patches_zero_kernels(session):
    """Spine-patch CNN (8 and 16 relu filters, a 16-unit dense layer) whose layers were all
    given kernel_initializer='zeros' "to start from a neutral model": every relu input is 0,
    no gradient reaches any kernel, only the output bias moves, and the loss sits at ln 3 for
    the whole run."""
    return _patch_constant_init(session, broken=True)


def _tension_sigmoid_init(session, broken):
    """Tension-trace MLP with three sigmoid hidden layers; broken: RandomNormal(1.0) (mean 1)."""
    keras = _keras()
    x, y = _stitch_traces(N, seed=21220)
    x = x[:, :, 0]
    init = keras.initializers.RandomNormal(1.0) if broken else "glorot_uniform"
    model = _mlp(keras, 40, [128, 128, 64], 4, activation="sigmoid", kernel_initializer=init)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout212("saddle_stitchers", ["saturated_activations"], stall_begins=16)  # approximate
def tension_mlp_saturated_sigmoids(session):
    """Tension-trace MLP (40 -> 128 -> 128 -> 64 sigmoid -> 4), Adam 1e-3, whose kernels
    were set with RandomNormal(1.0) meaning a standard deviation of 1 - the first argument is
    the mean: every weight is ~1, the second and third layers sum 128 positive inputs, every
    unit sits at exactly 1.0 for every trace with zero derivative, and after the output bias
    has learnt the class prior the loss stays at ln 4."""
    return _tension_sigmoid_init(session, broken=True)


# ---------------------------------------------------------------------------------------------
# kiln_firers


@holdout212("kiln_firers", healthy=True)
def next_hour_temperature_lstm(session):
    """Next hour's kiln temperature from 30 hours of readings (temperature, damper), LSTM(32),
    Adam 3e-3, MSE; the thermocouple noise grows with the temperature, so the loss flattens at
    the heteroscedastic noise level after a quick fall."""
    keras = _keras()
    x, y = _kiln_curves(N, seed=21221, noise=0.06)
    model = keras.Sequential([keras.Input((30, 2)), keras.layers.LSTM(32), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout212("kiln_firers", healthy=True)
def crack_risk_slow_sgd_loop(session):
    """Crack risk (binary) of a firing from 12 standardized kiln log features in a GradientTape
    loop with plain SGD 0.02: a correct but slow recipe, the cross-entropy is still going down
    at the end of 30 epochs."""
    keras = _keras()
    r = _rng(21222)
    x = r.normal(0, 1, (N, 12)).astype("float32")
    logit = 1.5 * x[:, 0] - x[:, 1] * x[:, 2] + np.sin(2 * x[:, 3]) + 0.7 * x[:, 4] ** 2 - 0.7
    y = (r.random(N) < 1 / (1 + np.exp(-2 * logit))).astype("float32")[:, None]
    model = _mlp(keras, 12, [64, 64], 1, out_activation="sigmoid")
    bce = keras.losses.BinaryCrossentropy()

    def loss_fn(targets, predictions):
        return bce(targets, predictions)

    return _custom_loop(session, model, keras.optimizers.SGD(0.02), loss_fn, x, y, epochs=30,
                        batch_size=32, seed=21222, loss_description=bce)


@holdout212("kiln_firers", healthy=True)
def glaze_shrinkage_two_inputs(session):
    """Shrinkage (%) of a glazed piece from the clay body (an embedding of 12 clay codes) and
    five standardized firing numbers, a two-input model (Embedding(12, 4) + Dense) with Adam
    under ExponentialDecay; the shrinkage carries 0.4% measurement noise, where the MSE ends."""
    keras = _keras()
    r = _rng(21223)
    clay = r.integers(0, 12, N)
    firing = r.normal(0, 1, (N, 5)).astype("float32")
    clay_effect = r.normal(0, 1.0, 12)
    y = (clay_effect[clay] + 0.8 * firing[:, 0] + 0.5 * np.tanh(firing[:, 1] * firing[:, 2])
         + r.normal(0, 0.4, N)).astype("float32")[:, None]
    clay_in = keras.Input((1,), dtype="int32")
    firing_in = keras.Input((5,))
    e = keras.layers.Flatten()(keras.layers.Embedding(12, 4)(clay_in))
    h = keras.layers.Concatenate()([e, firing_in])
    h = keras.layers.Dense(32, activation="relu")(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([clay_in, firing_in], keras.layers.Dense(1)(h))
    schedule = keras.optimizers.schedules.ExponentialDecay(3e-3, 200, 0.7)
    model.compile(keras.optimizers.Adam(schedule), "mse")
    return _fit_inputs(session, model, [clay[:, None].astype("int32"), firing], y, epochs=20,
                       batch_size=32)


def _kiln_relu_rnn(session, broken):
    """Next-hour temperature with a SimpleRNN; broken: relu with an identity*1.5 recurrence."""
    keras = _keras()
    x, y = _kiln_curves(N, seed=21224, noise=0.02)
    if broken:
        layer = keras.layers.SimpleRNN(
            32, activation="relu", recurrent_initializer=keras.initializers.Identity(1.5))
        opt = keras.optimizers.Adam(1e-3, clipnorm=1.0)
    else:
        layer = keras.layers.SimpleRNN(32)
        opt = keras.optimizers.Adam(1e-3, clipnorm=1.0)
    model = keras.Sequential([keras.Input((30, 2)), layer, keras.layers.Dense(1)])
    model.compile(opt, "mse")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


@holdout212("kiln_firers", ["exploding_gradients"], stall_begins=None)
def kiln_relu_rnn_identity_gain(session):
    """Next-hour temperature from 30 hourly readings with a SimpleRNN(32, relu) whose
    recurrent kernel was initialized to Identity(gain=1.5) (an IRNN recipe with the gain
    misread): the state grows by 1.5x per hour over 30 hours, the gradients are orders of
    magnitude too large, clipnorm=1 keeps the loss finite but it bounces between 1e4 and 1e6
    for 16 epochs, where the tanh RNN reaches 1e-3 in two."""
    return _kiln_relu_rnn(session, broken=True)


NAN_ROW = 480  # no shuffling, batches of 32: first met in 0-based step 15


def _kiln_log_duration(session, broken):
    """Log cooling time of a firing from soak, peak and cone readings; broken: four cooling times
    hold the missing-value code -1 and np.log gives NaN targets."""
    keras = _keras()
    r = _rng(21225)
    soak = r.gamma(3.0, 1.5, N)
    peak = r.normal(1.2, 0.1, N)
    cone = r.normal(0, 1, (N, 3))
    cooling = np.exp(0.5 * np.log1p(soak) * peak + 0.3 * cone[:, 0] + r.normal(0, 0.1, N))
    if broken:
        cooling[NAN_ROW:NAN_ROW + 4] = -1.0
    with np.errstate(invalid="ignore"):
        y = np.log(cooling).astype("float32")
    x = np.column_stack([np.log1p(soak), (peak - 1.2) / 0.1, cone]).astype("float32")
    model = _mlp(keras, 5, [32, 32], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y[:, None], epochs=10, batch_size=32, shuffle=False)


@holdout212("kiln_firers", ["non_finite_values"], stall_begins=NAN_ROW // 32)
def kiln_log_of_missing_code(session):
    """Log cooling time of a firing from soak, peak and cone readings, 2x32 relu MLP, Adam
    2e-3; four aborted firings logged a cooling time of -1 (the logger's missing-value code),
    np.log turns them into NaN targets (the warning was silenced), the data is read in file
    order, and from the batch holding them on the weights and the loss are NaN for the
    remaining epochs (exact step)."""
    return _kiln_log_duration(session, broken=True)


def _kiln_low_rate(session, broken):
    """Peak temperature from the firing curve, Conv1D, RMSprop."""
    keras = _keras()
    x, y = _kiln_curves(N, seed=21226, noise=0.02)
    y = x[:, :, 0].max(axis=1, keepdims=True) + 0.5 * x[:, -5:, 1].mean(axis=1, keepdims=True)
    model = keras.Sequential([
        keras.Input((30, 2)),
        keras.layers.Conv1D(16, 3, activation="relu"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.RMSprop(1e-7 if broken else 1e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout212("kiln_firers", ["learning_rate_too_low"], stall_begins=None)
def kiln_peak_rmsprop_1e7(session):
    """Peak temperature of a firing from its curve with a small Conv1D and RMSprop, where the
    learning rate was written 1e-7 (the author converted 'per 1000 steps' twice): the loss
    hardly moves from its initial value in 12 epochs, where 1e-3 fits it in two."""
    return _kiln_low_rate(session, broken=True)
