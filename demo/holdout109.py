"""The hundred-and-ninth held-out catalogue: written by someone who did not read the engine or run
the diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own
per-epoch loss curve (Keras History or the custom loop's epoch means, in a throwaway script with
the runner's seed), and every broken one against the same model trained without its mistake
(each helper `_name(session, broken)` trains both). It holds 21 scenarios, not 24: three broken
ones did not stall and were dropped (below).

Half of it is healthy-but-imperfect training. Lifeboatmen: minutes to reach a casualty, with a
scatter growing with the swell, by an MLP that predicts a mean and a log-variance under the
Gaussian negative log-likelihood in a hand-written GradientTape loop (the loss goes below zero
and is still easing down at the end); night-watch camera frames (four signal kinds) by a small
CNN under label_smoothing=0.1 with an eighth of the frames re-drawn at random (flat near 1.12);
call-outs in the next six hours (Poisson counts) from a day of wind and swell by a Conv1D net
with a softplus head under keras's Poisson loss (negative, slowly easing). Divers: each sample of
a dive trace tagged descent/bottom/ascent by a Bidirectional GRU with a per-step softmax (a long
fall still going at the end); the no-decompression time left by a dilated Conv1D net under
log-cosh against Student-t errors and CosineDecayRestarts (flat at the noise, small bumps);
decompression-sickness reports (one dive in twenty) by an MLP under Nadam with class_weight
10 (a weighted loss that keeps easing far above zero). Pearlers: a pearl's blemish grade by a
SeparableConv2D net under SGD with Nesterov momentum and a staircase ExponentialDecay (a wait
at ln 4 for five epochs, then a drop, then a floor near 0.9: the plateau-before-a-drop kind);
diameter and lustre from one trunk with two heads under a weighted sum of MSE and binary
cross-entropy; a shell's pearl weight from an Embedding of 40 oyster beds and five readings (two
inputs) under Adagrad, a long slow descent. Spongers: a sponge's grade from a 20-word note by an
Embedding and one MultiHeadAttention block under Adam with CosineDecay's warm-up, a fifth of the
grades re-drawn; a diver's haul on a reef by a two-tower factorisation (Embedding dot product
plus biases) under ReduceLROnPlateau(monitor='loss'); the weight a sponge loses drying by a GRU
in a hand-written loop under mean absolute error against Laplace errors, RMSprop.

The broken half, one root cause each: sixteen Dense(32, activation='hard_sigmoid') layers, the
'cheap sigmoid' stacked deep, under SGD with momentum (vanishing gradients: ~1.0, the target's
variance, against ~0.07 for four relu layers); a variance head left linear and fed to
tf.sqrt/tf.math.log in a hand-written Gaussian likelihood (non-finite values: NaN from the
first epoch, the softplus fix reaches -0.03); Nadam at 0.5, a learning-rate finder's plot read
at 10^-0.3 for an LSTM (learning rate too high: the loss jumps between 0.6 and 1.1, against
0.06); a dive computer's depth exported as absolute pressure in pascals, fed unscaled to a
Conv1D net (unnormalised inputs: a cross-entropy in the hundreds, jumping about from its second
epoch); CategoricalCrossentropy(label_smoothing=1.0) set like a switch on a GRU (over-
regularisation: every target uniform, the loss exactly ln 3 throughout, against 0.34 with 0.1);
clipnorm=1e-4, a config's tolerance pasted into SGD (learning rate too low: ln 4 throughout,
against 0.50); bias_initializer=Constant(-log(99)), the focal-loss output prior, copied onto
the hidden relu layers (dead ReLUs: only the output bias moves, the loss creeping from 0.69
toward the class prior's 0.56, against 0.04 for the fix); MultiHeadAttention(num_heads=1,
key_dim=1) over a strand of ten pearls whose matching pairs set the price (insufficient
capacity: ~0.60 and creeping ~0.003 an epoch, against ~0.33 and still falling for four heads of
16, the weakest stall of the set); Constant(sqrt(2 / fan_in)), He's standard deviation typed
as the constant value of every kernel (poor initialisation: identical units, flat at ~1.11
against 0.13).

Dropped because they did not behave as intended: keras Normalization given the standard
deviations as variance= in front of tanh layers, for saturated activations (it learnt a little
better than the fix, 0.21 against 0.23, both still falling); a hand-written squared error with
tf.reduce_sum under SGD with momentum, for exploding gradients (NaN from the first epoch at 0.05,
a divergence; at 0.01 its summed loss, divided by the batch of 32, trained as well as the
mean-reduced fix); keras Hinge loss on a kept sigmoid head, for loss/activation mismatch (flat
at ~1.0 for six epochs, then it learnt, 0.80 and falling). So saturated_activations,
exploding_gradients and loss_activation_mismatch have no scenario here. The focal prior was first
also left on the output layer, where the output bias alone crept down ~0.01 an epoch; the
output layer now has the default bias. The variance head first used only tf.math.log, whose
gradient at a negative input is finite: the NaN stayed in the first epoch's mean and the net
learnt on; the tf.sqrt of the scale makes the gradient NaN too.

Not written because earlier catalogues hold the mechanism: ReLU(threshold=6), Adadelta's
default rate, the linear scaling rule without its division, a LearningRateScheduler compounding
lr * 0.1, MinMaxNorm/MaxNorm and weight_decay slips, activity regularisers, RandomUniform(0, 1)
and Constant(0.01) kernels, Hashing with too few bins, Embedding(output_dim=1), Dense layers
without an activation, a log_softmax head, a one-unit softmax head, float16 overflow, a MAPE
without a floor, a manual loss scale never undone, sigmoid SimpleRNNs, softsign towers,
Rescaling(255) and 16-bit pixels over 255.

Labels follow `scenarios.py`: `expected_causes[0]` is the root cause the scenario was built
around, with no second cause; `stall_begins` is the optimizer step from which the loss stops
improving (None: from the start). Every broken run here is flat or jumping about from its
first epoch (32 steps), so all are None; for the hard_sigmoid tower, the pascal inputs and the
Nadam rate the first epoch's fall (the output bias finding the mean) makes None approximate,
and the dead-ReLU run's output bias keeps creeping toward the prior throughout.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _standardize, registrar

FAMILIES = ('lifeboatmen', 'divers', 'pearlers', 'spongers')
REGISTRY = []
holdout109 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE
STEPS = (N - PROBE_SIZE) // 32  # optimizer steps an epoch at batch 32


# ---------------------------------------------------------------------------------------------
# data: one story per family


def _launch_log(n, seed, noise=0.3, heteroscedastic=False):
    """Lifeboatmen: minutes to reach a casualty from eight standardised readings (wind, swell,
    distance, crew, ...), a smooth nonlinear function plus noise."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 8)).astype("float32")
    signal = (np.sin(1.5 * x[:, 0]) + 0.5 * x[:, 1] * x[:, 2] + np.tanh(x[:, 3] - x[:, 4])
              + 0.3 * x[:, 5] ** 2)
    scale = noise * (1.0 + 0.8 * np.abs(x[:, 6])) if heteroscedastic else noise
    y = signal + scale * rng.normal(size=n)
    return x, _standardize(y[:, None])


def _dive_traces(n, seed, length=48, classes=3):
    """Divers: a dive computer's depth and temperature trace; the class is the ascent profile
    (steady, staged, fast), seen in the shape of the second half of the trace."""
    rng = np.random.default_rng(seed)
    t = np.linspace(0.0, 1.0, length)
    y = rng.integers(0, classes, size=n)
    depth = np.empty((n, length))
    for i in range(n):
        bottom = rng.uniform(10, 40)
        down = np.minimum(t / 0.3, 1.0)
        if y[i] == 0:
            up = np.clip((t - 0.5) / 0.5, 0, 1)
        elif y[i] == 1:
            up = np.clip(np.floor((t - 0.5) / 0.5 * 4) / 4, 0, 1)
        else:
            up = np.clip((t - 0.7) / 0.15, 0, 1)
        depth[i] = bottom * down * (1 - up) + rng.normal(0, 1.5, length)
    temperature = 24.0 - 0.2 * depth + rng.normal(0, 0.5, (n, length))
    return np.stack([depth, temperature], axis=-1), y


def _pearl_images(n, seed, classes=4, size=16, noise=0.35):
    """Pearlers: 16x16 grey photographs of a pearl; the grade is the blemish pattern (a ring,
    a spot, a streak or none), with camera noise and a random position."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:size, 0:size]
    y = rng.integers(0, classes, size=n)
    images = np.empty((n, size, size, 1), dtype="float32")
    for i in range(n):
        cy, cx = rng.uniform(6, 10, size=2)
        r = np.hypot(yy - cy, xx - cx)
        img = np.exp(-(r / 5.0) ** 2)
        if y[i] == 1:
            img = img - 0.6 * np.exp(-((r - 3.0) / 0.8) ** 2)
        elif y[i] == 2:
            img = img - 0.7 * np.exp(-(np.hypot(yy - cy + 2, xx - cx - 2) / 1.2) ** 2)
        elif y[i] == 3:
            img = img - 0.6 * np.exp(-((yy - cy - (xx - cx)) / 1.0) ** 2) * (r < 5)
        images[i, :, :, 0] = img + noise * rng.normal(size=(size, size))
    return images, y


def _sponge_notes(n, seed, length=20, vocab=120, classes=3, wrong=0.0):
    """Spongers: a buyer's 20-word note on a sponge; the grade is set by which quality words
    appear (words 1-30 fine, 31-60 coarse, the rest filler)."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, classes, size=n)
    tokens = rng.integers(61, vocab, size=(n, length))
    for i in range(n):
        k = rng.integers(2, 5)
        pos = rng.choice(length, size=k, replace=False)
        if y[i] == 0:
            tokens[i, pos] = rng.integers(1, 31, size=k)
        elif y[i] == 1:
            tokens[i, pos] = rng.integers(31, 61, size=k)
        else:
            tokens[i, pos[: k // 2 + 1]] = rng.integers(1, 31, size=k // 2 + 1)
            tokens[i, pos[k // 2 + 1:]] = rng.integers(31, 61, size=k - k // 2 - 1)
    flip = rng.random(n) < wrong
    y = np.where(flip, rng.integers(0, classes, size=n), y)
    return tokens.astype("int32"), y


def _fit_inputs(session, model, xs, y, *, epochs, batch_size, shuffle=True, callbacks=()):
    """`_fit` for a model with several inputs (a list of arrays); the last PROBE_SIZE rows of
    each are the probe."""
    train = [x[:-PROBE_SIZE] for x in xs]
    probe = ([x[-PROBE_SIZE:] for x in xs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        shuffle=shuffle, verbose=0,
                        callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# lifeboatmen


@holdout109("lifeboatmen", healthy=True)
def launch_time_gaussian_nll(session):
    """Lifeboatmen: minutes to reach a casualty from eight readings, the coxswain's log scatter
    growing with the swell; an MLP predicts a mean and a log-variance and is trained on the
    Gaussian negative log-likelihood in a hand-written GradientTape loop under Adam. The loss
    falls below zero and flattens where the learned variance matches the real scatter."""
    import tensorflow as tf

    keras = _keras()
    x, y = _launch_log(N, seed=10901, noise=0.4, heteroscedastic=True)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(2)])

    def gaussian_nll(targets, outputs):
        mean, log_var = outputs[:, :1], outputs[:, 1:]
        return tf.reduce_mean(0.5 * (log_var + tf.square(targets - mean) / tf.exp(log_var)))

    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), gaussian_nll, x, y,
                        epochs=20, batch_size=32, seed=10901)


@holdout109("lifeboatmen", healthy=True)
def shouts_label_smoothing_cnn(session):
    """Lifeboatmen: which signal a 16x16 night-watch camera frame shows (a flare's ring, a
    torch's spot, a streak or nothing; four kinds), a small CNN under Adam with
    CategoricalCrossentropy(label_smoothing=0.1) and an eighth of the frames re-drawn at random;
    the smoothed targets keep the loss well above zero even where the net is right."""
    keras = _keras()
    x, y = _pearl_images(N, seed=10905, noise=0.45)
    rng = np.random.default_rng(10905)
    y = np.where(rng.random(N) < 0.125, rng.integers(0, 4, N), y)
    model = keras.Sequential([
        keras.Input((16, 16, 1)), keras.layers.Conv2D(12, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(), keras.layers.Conv2D(24, 3, activation="relu"),
        keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3),
                  keras.losses.CategoricalCrossentropy(label_smoothing=0.1))
    return _fit(session, model, x, np.eye(4, dtype="float32")[y], epochs=15, batch_size=32)


@holdout109("lifeboatmen", healthy=True)
def call_outs_poisson_conv1d(session):
    """Lifeboatmen: call-outs in the next six hours (Poisson counts, about two on average) from
    a day of hourly wind and swell, a Conv1D net with a softplus rate head under keras's Poisson
    loss and Adam; the loss flattens at the counts' own randomness, far above zero."""
    keras = _keras()
    rng = np.random.default_rng(10906)
    x = rng.normal(size=(N, 24, 2)).astype("float32")
    x = np.cumsum(x, axis=1) / 4.0
    rate = np.exp(0.5 + 0.6 * np.tanh(x[:, -6:, 0].mean(1)) + 0.3 * x[:, -1, 1] ** 2 / 2)
    y = rng.poisson(np.minimum(rate, 20)).astype("float32")[:, None]
    model = keras.Sequential([
        keras.Input((24, 2)), keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.Conv1D(16, 5, activation="relu"), keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1, activation="softplus")])
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Poisson())
    return _fit(session, model, _standardize_series(x), y, epochs=15, batch_size=32)


def _standardize_series(x):
    """Per-channel standardisation of (n, time, channel) series."""
    mean = x.mean(axis=(0, 1), keepdims=True)
    std = x.std(axis=(0, 1), keepdims=True)
    return ((x - mean) / (std + 1e-8)).astype("float32")


def _hard_sigmoid_tower(session, broken):
    keras = _keras()
    x, y = _launch_log(N, seed=10907, noise=0.2)
    activation = "hard_sigmoid" if broken else "relu"
    layers = [keras.Input((8,))]
    layers += [keras.layers.Dense(32, activation=activation) for _ in range(16 if broken else 4)]
    layers.append(keras.layers.Dense(1))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout109("lifeboatmen", ["vanishing_gradients"], stall_begins=None)
def hard_sigmoid_tower(session):
    """Lifeboatmen: the time to reach a casualty by sixteen stacked Dense(32,
    activation='hard_sigmoid') layers under SGD with momentum, the 'cheap sigmoid' picked for a
    lifeboat's embedded board and stacked deep 'for capacity'; hard_sigmoid's slope is at most
    0.2, so the gradient that reaches the first layers is vanishingly small and the net sits at
    the target's variance."""
    return _hard_sigmoid_tower(session, broken=True)


def _log_variance_head(session, broken):
    import tensorflow as tf

    keras = _keras()
    x, y = _launch_log(N, seed=10909, noise=0.4, heteroscedastic=True)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(2)])

    def gaussian_nll(targets, outputs):
        mean = outputs[:, :1]
        variance = outputs[:, 1:] if broken else tf.nn.softplus(outputs[:, 1:]) + 1e-4
        scale = tf.sqrt(variance)
        return tf.reduce_mean(tf.math.log(scale) + 0.5 * tf.square(targets - mean) / variance)

    return _custom_loop(session, model, keras.optimizers.Adam(1e-3), gaussian_nll, x, y,
                        epochs=8, batch_size=32, seed=10909)


@holdout109("lifeboatmen", ["non_finite_values"], stall_begins=None)
def log_of_linear_variance(session):
    """Lifeboatmen: a mean-and-variance regression of the launch time in a hand-written loop,
    whose variance output is the raw linear unit (the softplus of the tutorial left out) fed
    to tf.math.log in the Gaussian negative log-likelihood; the first example with a negative
    variance makes the loss NaN, and the NaN gradient spreads into every weight."""
    return _log_variance_head(session, broken=True)


# ---------------------------------------------------------------------------------------------
# divers


@holdout109("divers", healthy=True)
def dive_phase_tagger(session):
    """Divers: each of a dive trace's 48 samples tagged as descent, bottom or ascent by a
    Bidirectional GRU with a per-step softmax under Adam; around each turn the phases overlap
    (the sensor noise hides where one ends), so the per-step loss flattens above zero."""
    keras = _keras()
    x, _ = _dive_traces(N, seed=10911)
    depth = x[:, :, 0]
    slope = np.gradient(depth, axis=1)
    tags = np.where(slope > 0.6, 0, np.where(slope < -0.6, 2, 1)).astype("int32")
    model = keras.Sequential([
        keras.Input((48, 2)),
        keras.layers.Bidirectional(keras.layers.GRU(16, return_sequences=True)),
        keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, _standardize_series(x), tags, epochs=10, batch_size=32)


@holdout109("divers", healthy=True)
def bottom_time_logcosh_restarts(session):
    """Divers: the no-decompression time left, from a 48-sample trace, by a dilated Conv1D net
    under the log-cosh loss against Student-t (3 dof) table errors, Adam under
    CosineDecayRestarts (first period two epochs, doubling); the loss bumps at each restart and
    flattens at the heavy-tailed noise."""
    keras = _keras()
    x, _ = _dive_traces(N, seed=10912)
    rng = np.random.default_rng(10912)
    depth = x[:, :, 0]
    y = 60.0 - 1.2 * depth.max(1) - 0.4 * depth[:, 24:].mean(1) + 3 * rng.standard_t(3, N)
    schedule = keras.optimizers.schedules.CosineDecayRestarts(3e-3, first_decay_steps=2 * STEPS,
                                                              t_mul=2.0, m_mul=0.8)
    model = keras.Sequential([
        keras.Input((48, 2)), keras.layers.Conv1D(16, 3, dilation_rate=1, activation="relu"),
        keras.layers.Conv1D(16, 3, dilation_rate=2, activation="relu"),
        keras.layers.Conv1D(16, 3, dilation_rate=4, activation="relu"),
        keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(schedule), keras.losses.LogCosh())
    return _fit(session, model, _standardize_series(x), _standardize(y[:, None]), epochs=14,
                batch_size=32)


@holdout109("divers", healthy=True)
def decompression_sickness_rare(session):
    """Divers: whether a logged dive ended in a decompression-sickness report (about one dive
    in twenty, some reports unexplained) from six standardised dive features, an MLP under
    Nadam with class_weight giving the rare reports ten times the weight; the weighted loss
    falls and flattens well above zero."""
    keras = _keras()
    rng = np.random.default_rng(10913)
    x = rng.normal(size=(N, 6)).astype("float32")
    logit = -3.6 + 1.4 * x[:, 0] + 0.9 * np.maximum(x[:, 1], 0) + 0.6 * x[:, 2] * x[:, 3]
    y = (rng.random(N) < 1 / (1 + np.exp(-logit))).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Nadam(1e-3), "binary_crossentropy")
    return _fit_weighted(session, model, x, y, {0: 1.0, 1: 10.0})


def _fit_weighted(session, model, x, y, class_weight):
    """`_fit` with a class_weight (15 epochs, batch 32)."""
    history = model.fit(x[:-PROBE_SIZE], y[:-PROBE_SIZE], epochs=15, batch_size=32, verbose=0,
                        class_weight=class_weight,
                        callbacks=session.callbacks((x[-PROBE_SIZE:], y[-PROBE_SIZE:])))
    return history.history["loss"]


def _finder_rate_lstm(session, broken):
    keras = _keras()
    x, y = _dive_traces(N, seed=10914)
    model = keras.Sequential([keras.Input((48, 2)), keras.layers.LSTM(24),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Nadam(0.5 if broken else 3e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, _standardize_series(x), y, epochs=10, batch_size=32)


@holdout109("divers", ["learning_rate_too_high"], stall_begins=None)
def finder_exponent_as_rate(session):
    """Divers: the ascent profile from a dive trace by an LSTM(24) under Nadam at 0.5: the
    learning-rate finder's plot was read at 10^-0.3 where 10^-2.5 was marked, so every step
    throws the gates across their range and the loss stays at or above ln 3."""
    return _finder_rate_lstm(session, broken=True)


def _pascal_trace(session, broken):
    keras = _keras()
    x, y = _dive_traces(N, seed=10915)
    pressure = 101325.0 + 10052.0 * x[:, :, 0]  # absolute pressure in Pa, 1.0 m = 10052 Pa
    raw = np.stack([pressure, x[:, :, 1]], axis=-1).astype("float32")
    inputs = raw if broken else _standardize_series(raw)
    model = keras.Sequential([
        keras.Input((48, 2)), keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.Conv1D(16, 5, activation="relu"), keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, inputs, y, epochs=12, batch_size=32)


@holdout109("divers", ["unnormalized_inputs"], stall_begins=None)
def pressure_in_pascals(session):
    """Divers: the ascent profile from a new dive computer's export, whose depth channel is the
    absolute pressure in pascals (about 1e5 to 5e5) beside the water temperature in degrees,
    fed straight into a Conv1D net under Adam because the old export (in metres) had not needed
    scaling."""
    return _pascal_trace(session, broken=True)


def _smoothing_one(session, broken):
    keras = _keras()
    x, y = _dive_traces(N, seed=10916)
    model = keras.Sequential([keras.Input((48, 2)), keras.layers.GRU(24),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3),
                  keras.losses.CategoricalCrossentropy(label_smoothing=1.0 if broken else 0.1))
    return _fit(session, model, _standardize_series(x), np.eye(3, dtype="float32")[y],
                epochs=10, batch_size=32)


@holdout109("divers", ["over_regularization"], stall_begins=None)
def label_smoothing_one(session):
    """Divers: the ascent profile by a GRU(24) under CategoricalCrossentropy(label_smoothing=1.0),
    the argument set like a switch ('smoothing on'); every target becomes the uniform
    distribution, so the regulariser leaves no signal and the loss sits at ln 3."""
    return _smoothing_one(session, broken=True)


# ---------------------------------------------------------------------------------------------
# pearlers


@holdout109("pearlers", healthy=True)
def pearl_grade_separable(session):
    """Pearlers: a pearl's blemish grade from its photograph by a SeparableConv2D net under SGD
    with Nesterov momentum and a staircase ExponentialDecay halving the rate every three
    epochs; the camera noise makes some grades unreadable, so the loss steps down and settles
    above zero."""
    keras = _keras()
    x, y = _pearl_images(N, seed=10921, noise=0.5)
    schedule = keras.optimizers.schedules.ExponentialDecay(0.05, 3 * STEPS, 0.5, staircase=True)
    model = keras.Sequential([
        keras.Input((16, 16, 1)), keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.SeparableConv2D(32, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(), keras.layers.SeparableConv2D(32, 3, activation="relu"),
        keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9, nesterov=True),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout109("pearlers", healthy=True)
def pearl_size_and_lustre(session):
    """Pearlers: a pearl's diameter (regression, noisy calipers) and whether it has lustre
    (binary, a tenth misjudged) from eight oyster-bed readings, a functional model with two
    heads under a weighted sum of MSE and binary cross-entropy, Adam; the summed loss flattens
    at the two noise floors."""
    keras = _keras()
    x, size = _launch_log(N, seed=10922, noise=0.5)
    rng = np.random.default_rng(10922)
    lustre = ((x[:, 0] + x[:, 7] > 0) ^ (rng.random(N) < 0.1)).astype("float32")[:, None]
    inputs = keras.Input((8,))
    h = keras.layers.Dense(64, activation="relu")(inputs)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inputs, [keras.layers.Dense(1, name="size")(h),
                                 keras.layers.Dense(1, activation="sigmoid", name="lustre")(h)])
    model.compile(keras.optimizers.Adam(2e-3), ["mse", "binary_crossentropy"],
                  loss_weights=[1.0, 0.5])
    (x_train, probe_x) = x[:-PROBE_SIZE], x[-PROBE_SIZE:]
    history = model.fit(x_train, [size[:-PROBE_SIZE], lustre[:-PROBE_SIZE]], epochs=15,
                        batch_size=32, verbose=0,
                        callbacks=session.callbacks(
                            (probe_x, [size[-PROBE_SIZE:], lustre[-PROBE_SIZE:]])))
    return history.history["loss"]


@holdout109("pearlers", healthy=True)
def bed_yield_adagrad(session):
    """Pearlers: a shell's pearl weight from the oyster bed (an Embedding of 40 beds) and five
    water readings, two inputs, under Adagrad at 0.05; Adagrad's shrinking steps make a long
    slow descent still under way at the end of 20 epochs, far above zero because of the
    weighing noise."""
    keras = _keras()
    rng = np.random.default_rng(10923)
    bed = rng.integers(0, 40, size=N).astype("int32")
    effect = rng.normal(0, 1.0, size=40)
    w = rng.normal(size=(N, 5)).astype("float32")
    y = effect[bed] + np.tanh(w[:, 0] * w[:, 1]) + 0.5 * w[:, 2] + 0.6 * rng.normal(size=N)
    bed_in, w_in = keras.Input((1,), dtype="int32"), keras.Input((5,))
    e = keras.layers.Flatten()(keras.layers.Embedding(40, 8)(bed_in))
    h = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([e, w_in]))
    model = keras.Model([bed_in, w_in], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adagrad(0.05), "mse")
    return _fit_inputs(session, model, [bed[:, None], w], _standardize(y[:, None]), epochs=20,
                       batch_size=32)


def _clipnorm_tolerance(session, broken):
    keras = _keras()
    x, y = _pearl_images(N, seed=10924, noise=0.3)
    model = keras.Sequential([
        keras.Input((16, 16, 1)), keras.layers.Conv2D(12, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(), keras.layers.Conv2D(24, 3, activation="relu"),
        keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9, clipnorm=1e-4 if broken else 1.0),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout109("pearlers", ["learning_rate_too_low"], stall_begins=None)
def clipnorm_as_tolerance(session):
    """Pearlers: the blemish grade by a small Conv2D net under SGD 0.05 with momentum and
    clipnorm=1e-4, the config's 'tol: 1e-4' pasted into the wrong argument; every gradient is
    cut to a norm of 1e-4, so each step is ~5e-6 long and the loss hardly leaves ln 4."""
    return _clipnorm_tolerance(session, broken=True)


def _prior_bias_hidden(session, broken):
    keras = _keras()
    x, y = _pearl_images(N, seed=10925, noise=0.3)
    prior = keras.initializers.Constant(-np.log(99.0))
    hidden_kw = {"bias_initializer": prior} if broken else {}
    model = keras.Sequential([
        keras.Input((16, 16, 1)), keras.layers.Flatten(),
        keras.layers.Dense(64, activation="relu", **hidden_kw),
        keras.layers.Dense(64, activation="relu", **hidden_kw),
        keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    flawed = (y == 2).astype("float32")[:, None]
    return _fit(session, model, x, flawed, epochs=12, batch_size=32)


@holdout109("pearlers", ["dead_relus"], stall_begins=None)
def focal_prior_on_hidden(session):
    """Pearlers: spotting the spotted pearls (a quarter of the photographs) by an MLP whose two
    hidden relu layers were given bias_initializer=Constant(-log(99)), the focal-loss paper's
    rare-class prior for the output layer copied onto the hidden layers; every hidden
    pre-activation starts near -4.6, no unit ever fires, and only the output bias moves, creeping
    toward the class prior."""
    return _prior_bias_hidden(session, broken=True)


def _attention_key_dim(session, broken):
    keras = _keras()
    rng = np.random.default_rng(10926)
    pearls = rng.normal(size=(N, 10, 4)).astype("float32")
    # a strand's price: pairs of pearls that match in size and lustre are worth a premium
    a, b = pearls[:, :, None, :2], pearls[:, None, :, :2]
    match = np.exp(-np.sum((a - b) ** 2, axis=-1) * 2.0).sum(axis=(1, 2)) - 10
    y = _standardize((match + 0.5 * pearls[:, :, 2].sum(1) + 0.3 * rng.normal(size=N))[:, None])
    inputs = keras.Input((10, 4))
    h = keras.layers.Dense(32)(inputs)
    key_dim = 1 if broken else 16
    h = h + keras.layers.MultiHeadAttention(num_heads=4 if not broken else 1, key_dim=key_dim)(h, h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inputs, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, pearls, y, epochs=15, batch_size=32)


@holdout109("pearlers", ["insufficient_capacity"], stall_begins=None)
def attention_key_dim_one(session):
    """Pearlers: a strand's price from its ten pearls (matching pairs fetch a premium) by a
    MultiHeadAttention(num_heads=1, key_dim=1) block, the key_dim read as 'one key per pearl';
    a single one-dimensional query/key/value cannot compare pearls on two properties, and the
    loss flattens far above the four-head, key_dim=16 block's."""
    return _attention_key_dim(session, broken=True)


# ---------------------------------------------------------------------------------------------
# spongers


@holdout109("spongers", healthy=True)
def note_grade_attention_warmup(session):
    """Spongers: a sponge's grade (fine, coarse, mixed) from a buyer's 20-word note by an
    Embedding, one MultiHeadAttention block and average pooling, under Adam with CosineDecay's
    linear warm-up (one epoch) and a cosine decay; many of the grades are a different
    buyer's call (a fifth re-drawn at random), so the loss flattens far above zero."""
    keras = _keras()
    x, y = _sponge_notes(N, seed=10931, wrong=0.2)
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, decay_steps=11 * STEPS, warmup_target=3e-3, warmup_steps=STEPS)
    inputs = keras.Input((20,), dtype="int32")
    h = keras.layers.Embedding(120, 24)(inputs)
    h = keras.layers.LayerNormalization()(h + keras.layers.MultiHeadAttention(2, 12)(h, h))
    h = keras.layers.GlobalAveragePooling1D()(h)
    model = keras.Model(inputs, keras.layers.Dense(3, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout109("spongers", healthy=True)
def diver_reef_factorisation(session):
    """Spongers: a diver's haul on a reef (weighed sponges, noisy) by a two-tower model, a
    diver Embedding dotted with a reef Embedding plus biases, under Adam with
    ReduceLROnPlateau(monitor='loss', patience=2); the rate drops when the fall slows and the
    loss settles at the weighing noise."""
    keras = _keras()
    rng = np.random.default_rng(10932)
    divers, reefs = rng.integers(0, 60, N), rng.integers(0, 40, N)
    u, v = rng.normal(size=(60, 3)), rng.normal(size=(40, 3))
    y = _standardize(((u[divers] * v[reefs]).sum(1) + 0.8 * rng.normal(size=N))[:, None])
    d_in, r_in = keras.Input((1,), dtype="int32"), keras.Input((1,), dtype="int32")
    d = keras.layers.Flatten()(keras.layers.Embedding(60, 6)(d_in))
    r = keras.layers.Flatten()(keras.layers.Embedding(40, 6)(r_in))
    db = keras.layers.Flatten()(keras.layers.Embedding(60, 1)(d_in))
    rb = keras.layers.Flatten()(keras.layers.Embedding(40, 1)(r_in))
    out = keras.layers.Add()([keras.layers.Dot(axes=1)([d, r]), db, rb])
    model = keras.Model([d_in, r_in], out)
    model.compile(keras.optimizers.Adam(1e-2), "mse")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.3, patience=2)
    return _fit_inputs(session, model, [divers[:, None].astype("int32"),
                                        reefs[:, None].astype("int32")], y,
                       epochs=20, batch_size=32, callbacks=[plateau])


@holdout109("spongers", healthy=True)
def drying_loss_mae_loop(session):
    """Spongers: the weight a sponge loses drying, from 30 hourly humidity and wind readings,
    by a GRU(16) in a hand-written GradientTape loop under mean absolute error and RMSprop,
    against Laplace scale errors; the loss flattens at the noise's mean absolute deviation."""
    keras = _keras()
    rng = np.random.default_rng(10933)
    x = np.cumsum(rng.normal(size=(N, 30, 2)), axis=1).astype("float32") / 3.0
    y = (np.tanh(-x[:, :, 0].mean(1)) + 0.5 * x[:, -5:, 1].mean(1)
         + 0.4 * rng.laplace(size=N)).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((30, 2)), keras.layers.GRU(16), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.RMSprop(2e-3),
                        keras.losses.MeanAbsoluteError(), _standardize_series(x), y,
                        epochs=12, batch_size=32, seed=10933)


def _he_std_constant(session, broken):
    keras = _keras()
    x, y = _sponge_notes(N, seed=10935)
    counts = np.stack([(x == t).sum(1) for t in range(120)], axis=1).astype("float32")
    init = keras.initializers.Constant(np.sqrt(2.0 / 120)) if broken else "he_normal"
    model = keras.Sequential([
        keras.Input((120,)), keras.layers.Dense(64, activation="relu", kernel_initializer=init),
        keras.layers.Dense(64, activation="relu", kernel_initializer=init),
        keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, counts, y, epochs=12, batch_size=32)


@holdout109("spongers", ["poor_initialization"], stall_begins=None)
def he_std_as_constant(session):
    """Spongers: the grade from a note's word counts by a relu MLP whose kernels were set with
    Constant(sqrt(2 / fan_in)), He's standard deviation typed as the value itself; every unit
    of a layer starts identical and gets identical updates, so the layers never tell words
    apart and the loss flattens far above the He-normal run's."""
    return _he_std_constant(session, broken=True)
