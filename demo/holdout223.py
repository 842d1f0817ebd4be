"""The two-hundred-and-twenty-third held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades, each with its own synthetic data (seeds 22301-22336): a Lewes wheelwright's rim
run-out after truing (tabular regression from six shop measurements), a clog dancer's
foot-sensor trace (sequences of heel and toe pressure; four step patterns, or the tempo), a
Portland quarryman's view of a stone block (16x16 patches: four beds, rare hairline cracks or a
shell count), and a Thames bargemaster's passage time (tide, wind, cargo and route id).

Healthy half (eleven runs): a Huber regression whose noise grows with one column; a 160-row ledger
that a wide MLP memorises; ReduceLROnPlateau under SGD on heavy-tailed noise; a GRU on 20%
miscalled labels; a Conv1D net under warm-up then cosine decay with 10% label noise; a CNN under
PiecewiseConstantDecay (this one reaches ~0); rare cracks with class_weight (a long flat start
before the cracks are learned); a Poisson count regression with an exponential output; a
custom-loop pinball (tau 0.9) regression; a two-input model with a route Embedding; and a
cautious plain-SGD custom loop still improving at the end.

Broken half (eight runs, one per cause): raw shop units left unstandardized (Adam; falls, then
bounces at ~15x the standardized model's loss); L2(0.5) on every layer; hidden relu biases
initialized to -3 (dead from the start); a ten-layer sigmoid MLP (vanishing; the relu/He
version reaches ~0); a sigmoid output on a tempo target that runs 0.95-1.40; a tanh dense head
with bias +6 in a CNN (saturated); a CNN cut to one filter per conv and a 2-unit head
(capacity); Adam at 1e-6 in a custom loop (too low; the loss creeps down ~0.1% an epoch).

Dropped because they did not behave as intended: exploding_gradients (an IRNN-style relu
SimpleRNN with identity recurrence x1.08 went NaN in the first epoch rather than growing);
learning_rate_too_high (Adam 0.1 on the stone CNN still solved the easy task); a self-attention
classifier meant to be healthy (stayed at chance, so not honestly healthy); poor_initialization
(constant 0.05 kernels only ended ~30% above the fixed model); non_finite_values (log(0) cargo
rows did not turn the Keras loss NaN as expected). No time remained to retry them.

Labelling: expected_causes holds the one root cause. stall_begins is the 0-based optimizer step
from which the loss stops improving, None when from the start; the two that first fall (raw
units, step ~96; L2, step ~160) were read off the epoch losses and are approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('wheelwrights_of_lewes', 'clog_dancers', 'quarrymen_of_portland', 'bargemasters')
REGISTRY = []
holdout223 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data


def _wheel_data(seed, n=N, raw=False, noise="hetero"):
    """A wheel's rim run-out (mm) after truing, from six shop measurements.

    Columns: spoke length (mm), rim diameter (mm), oak density (kg/m3), spoke count, hub bore
    (mm), hours since steaming. Returns the raw columns when `raw`, else standardized ones."""
    rng = np.random.default_rng(seed)
    length = rng.normal(650.0, 40.0, n)
    diameter = rng.normal(1400.0, 90.0, n)
    density = rng.normal(720.0, 50.0, n)
    spokes = rng.integers(10, 17, n).astype(float)
    bore = rng.normal(75.0, 6.0, n)
    hours = rng.gamma(2.0, 6.0, n)
    z = [(c - c.mean()) / c.std() for c in (length, diameter, density, spokes, bore, hours)]
    signal = (np.sin(1.5 * z[0]) + 0.8 * z[1] * z[2] - 0.6 * np.abs(z[3]) + 0.5 * z[4] ** 2
              + 0.7 * np.tanh(2 * z[5]) + 0.4 * z[0] * z[5])
    if noise == "hetero":
        y = signal + rng.normal(0, 1, n) * (0.2 + 0.4 * np.abs(z[5]))
    elif noise == "student":
        y = signal + 0.4 * rng.standard_t(2.5, n)
    else:
        y = signal + 0.1 * rng.normal(0, 1, n)
    x = np.stack([length, diameter, density, spokes, bore, hours], axis=1)
    x = x.astype("float32") if raw else _standardize(x)
    return x, y.astype("float32")[:, None]


def _clog_data(seed, n=N, steps=24, label_noise=0.0, cue_at_start=False):
    """A clog dancer's foot-sensor trace (heel and toe pressure per beat) and the step pattern
    being danced (one of four: shuffle, treble, heel-drop, double-tap)."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, n)
    t = np.arange(steps)
    x = rng.normal(0, 0.6, (n, steps, 2))
    period = np.array([3, 4, 6, 8])[y]
    phase = rng.uniform(0, 2 * np.pi, n)
    x[:, :, 0] += np.sin(2 * np.pi * t[None, :] / period[:, None] + phase[:, None])
    x[:, :, 1] += np.where(y[:, None] % 2 == 0, 0.8, -0.8) * np.cos(
        2 * np.pi * t[None, :] / period[:, None] + phase[:, None])
    if cue_at_start:
        # the pattern is called out only in the first two beats; the rest is noise
        x = rng.normal(0, 1.0, (n, steps, 2))
        x[:, :2, 0] = (y[:, None] - 1.5)
        x[:, :2, 1] = np.where(y[:, None] % 2 == 0, 1.0, -1.0)
    if label_noise:
        flip = rng.random(n) < label_noise
        y = np.where(flip, rng.integers(0, 4, n), y)
    return x.astype("float32"), y.astype("int64")


def _stone_data(seed, n=N, size=16, crack_rate=None):
    """16x16 grey patches of Portland stone under the quarry lamp: four beds (bedding lines,
    joints, shelly roach, plain whitbed), or, with `crack_rate`, whether a hairline crack runs
    through the block (binary, rare)."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:size, 0:size]
    x = rng.normal(0, 0.35, (n, size, size))
    if crack_rate is not None:
        y = (rng.random(n) < crack_rate).astype("float32")
        for i in np.flatnonzero(y):
            a, b = rng.uniform(-1, 1), rng.uniform(0, size)
            x[i] += 1.2 * np.exp(-((yy - (a * xx + b)) ** 2) / 0.8)
        x += 0.3 * rng.normal(0, 1, (n, 1, 1))
        return x[..., None].astype("float32"), y[:, None]
    y = rng.integers(0, 4, n)
    freq = rng.uniform(0.5, 0.9, n)[:, None, None]
    off = rng.uniform(0, 2 * np.pi, n)[:, None, None]
    pats = [np.sin(freq * yy + off), np.sin(freq * xx + off),
            np.sin(freq * 0.7 * (xx + yy) + off), np.zeros((n, size, size))]
    for k in range(4):
        x[y == k] += pats[k][y == k] if k < 3 else 0.0
    roach = y == 3
    holes = rng.random((n, size, size)) < 0.08
    x[roach] -= 1.5 * holes[roach]
    return x[..., None].astype("float32"), y.astype("int64")


def _barge_data(seed, n=N, ):
    """A Thames sailing barge's passage time (hours) from tide, wind, cargo and route.

    Columns: tide height (m), tide phase (sin, cos), wind speed (knots), wind angle (sin,
    cos), log cargo (tonnes); route id 0..29 returned separately."""
    rng = np.random.default_rng(seed)
    tide = rng.normal(3.0, 1.2, n)
    phase = rng.uniform(0, 2 * np.pi, n)
    wind = rng.gamma(3.0, 4.0, n)
    angle = rng.uniform(0, 2 * np.pi, n)
    cargo = rng.uniform(20.0, 150.0, n)
    route = rng.integers(0, 30, n)
    route_len = rng.uniform(4.0, 14.0, 30)
    log_cargo = np.log(cargo)
    speed = (4.0 + 1.2 * np.cos(phase) + 0.15 * wind * (1 + np.cos(angle)) / 2
             - 0.012 * cargo + 0.3 * (tide - 3.0))
    hours = route_len[route] / np.clip(speed, 1.0, None)
    hours = hours * rng.lognormal(0.0, 0.15, n)
    x = np.stack([tide, np.sin(phase), np.cos(phase), wind, np.sin(angle), np.cos(angle),
                  log_cargo], axis=1)
    x = _standardize(x)
    return x, route.astype("int64"), hours.astype("float32")[:, None]


# ---------------------------------------------------------------------------------------------
# wheelwrights_of_lewes


@holdout223("wheelwrights_of_lewes", healthy=True)
def huber_runout_heteroscedastic(session):
    """Rim run-out from six standardized shop measurements, 2x64 relu MLP, Huber loss, Adam
    2e-3, 30 epochs: the noise grows with hours since steaming, so the loss levels off well
    above zero where the unexplained scatter lies."""
    keras = _keras()
    x, y = _wheel_data(22301)
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(1.0))
    return _fit(session, model, x, y, epochs=30, batch_size=32)


@holdout223("wheelwrights_of_lewes", healthy=True)
def small_shop_ledger_overfits(session):
    """Only 160 wheels in the ledger (plus the probe), heavy-tailed Student-t noise, 3x128 relu
    MLP with Adam 1e-3 and MSE for 40 epochs of batch 16: the training loss keeps sinking as the
    net memorises the few wheels, a small-data overfit rather than a fault."""
    keras = _keras()
    x, y = _wheel_data(22302, n=160 + PROBE_SIZE, noise="student")
    model = _mlp(keras, 6, [128, 128, 128], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


@holdout223("wheelwrights_of_lewes", healthy=True)
def reduce_on_plateau_runout(session):
    """Rim run-out with Student-t noise, 2x64 elu MLP, SGD with momentum 0.9 at 0.02 and MSE,
    with ReduceLROnPlateau (factor 0.3, patience 2) for 30 epochs: the rate is cut as the loss
    flattens at the noise floor, giving small steps down after each cut."""
    keras = _keras()
    x, y = _wheel_data(22303, noise="student")
    model = _mlp(keras, 6, [64, 64], 1, activation="elu", out_activation=None)
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "mse")
    plateau = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=2, min_lr=1e-5)
    return _fit(session, model, x, y, epochs=30, batch_size=32, callbacks=[plateau])


def _raw_shop_units(session, broken):
    keras = _keras()
    x, y = _wheel_data(22304, raw=broken, noise="low")
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=25, batch_size=32)


@holdout223("wheelwrights_of_lewes", ["unnormalized_inputs"], stall_begins=96)  # approximate
def raw_shop_units(session):
    """Rim run-out from the shop's measurements fed as written in the ledger: millimetres
    around 650 and 1400, densities near 720 kg/m3, next to spoke counts of 10-16 — the
    standardization step was left out. 2x64 relu MLP, Adam 1e-3, MSE, 25 epochs."""
    return _raw_shop_units(session, broken=True)


def _l2_on_every_layer(session, broken):
    keras = _keras()
    x, y = _wheel_data(22305, noise="low")
    reg = keras.regularizers.L2(0.5 if broken else 1e-5)
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None, kernel_regularizer=reg)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout223("wheelwrights_of_lewes", ["over_regularization"], stall_begins=160)  # approximate
def l2_half_on_every_layer(session):
    """Rim run-out, 2x64 relu MLP with kernel_regularizer=L2(0.5) on every layer — the author
    read the weight-decay value off a paper that quotes it per epoch over the data set size.
    Adam 2e-3, MSE, 20 epochs: the penalty pins the weights near zero and the fit never
    leaves the mean-prediction level."""
    return _l2_on_every_layer(session, broken=True)


def _negative_bias_relu(session, broken):
    keras = _keras()
    x, y = _wheel_data(22306, noise="low")
    bias = keras.initializers.Constant(-3.0 if broken else 0.0)
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(64, activation="relu", bias_initializer=bias),
        keras.layers.Dense(64, activation="relu", bias_initializer=bias),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.RMSprop(1e-3), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout223("wheelwrights_of_lewes", ["dead_relus"], stall_begins=None)
def negative_bias_relu(session):
    """Rim run-out, 2x64 relu MLP whose hidden biases were initialized to -3 (a Constant
    initializer meant for the output's prior was passed to every Dense layer); inputs are
    standardized, so nearly every unit is off for every wheel from the first step. RMSprop
    1e-3, MSE, 20 epochs."""
    return _negative_bias_relu(session, broken=True)


# ---------------------------------------------------------------------------------------------
# clog_dancers


@holdout223("clog_dancers", healthy=True)
def gru_steps_with_miscalled_labels(session):
    """Foot-sensor traces of 24 beats, four step patterns, a GRU(24) and softmax head with
    Adam 3e-3 for 15 epochs; 20% of the patterns were miscalled by the caller at the dance, so
    the cross-entropy flattens far above zero at the label-noise floor."""
    keras = _keras()
    x, y = _clog_data(22311, label_noise=0.2)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(24),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout223("clog_dancers", healthy=True)
def conv1d_warmup_cosine(session):
    """Foot-sensor traces, two Conv1D(16, 5) relu layers, global average pooling and softmax;
    the rate warms up linearly to 3e-3 over 64 steps and then follows a cosine decay to zero
    over 640 steps (keras CosineDecay with warmup), 20 epochs; 10% label noise keeps the floor
    above zero and the decay flattens the end of the curve."""
    keras = _keras()
    x, y = _clog_data(22312, label_noise=0.1)
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, decay_steps=576, warmup_target=3e-3, warmup_steps=64)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _deep_sigmoid_steps(session, broken):
    keras = _keras()
    x, y = _clog_data(22314)
    x = x.reshape(len(x), -1)
    activation = "sigmoid" if broken else "relu"
    init = "glorot_uniform" if broken else "he_normal"
    model = _mlp(keras, x.shape[1], [32] * 10, 4, activation=activation,
                 kernel_initializer=init)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout223("clog_dancers", ["vanishing_gradients"], stall_begins=None)
def deep_sigmoid_steps(session):
    """Foot-sensor traces flattened into a ten-layer, 32-unit sigmoid MLP (an old recipe
    copied with its activation) trained with SGD 0.01 and momentum 0.9 for 20 epochs: the
    gradient reaching the first layers is a tiny fraction of the last's and the loss sits at
    the chance level, where the same stack with relu and He initialization learns."""
    return _deep_sigmoid_steps(session, broken=True)


def _sigmoid_tempo(session, broken):
    keras = _keras()
    x, labels = _clog_data(22316)
    rng = np.random.default_rng(22317)
    # tempo in hundreds of beats per minute: 0.95 to 1.40
    y = (0.95 + 0.15 * labels + 0.03 * rng.normal(0, 1, len(labels))).astype("float32")[:, None]
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.LSTM(16),
        keras.layers.Dense(1, activation="sigmoid" if broken else None),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout223("clog_dancers", ["loss_activation_mismatch"], stall_begins=None)
def sigmoid_tempo(session):
    """The dance's tempo from the foot-sensor trace, in hundreds of beats per minute (0.95 to
    1.40): the author divided by 100 believing that put it in [0, 1] and ended the LSTM(16)
    with a sigmoid, which can never reach the faster dances. Adam 3e-3, MSE, 12 epochs."""
    return _sigmoid_tempo(session, broken=True)


# ---------------------------------------------------------------------------------------------
# quarrymen_of_portland


def _stone_cnn(keras, outputs, out_activation, filters=(8, 16), dense=32, dense_activation="relu",
               dense_kw=None):
    return keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(filters[0], 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(filters[1], 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(dense, activation=dense_activation, **(dense_kw or {})),
        keras.layers.Dense(outputs, activation=out_activation),
    ])


@holdout223("quarrymen_of_portland", healthy=True)
def piecewise_decay_beds(session):
    """Stone patches of four beds, a small CNN (8 and 16 filters, 32-unit head), SGD with
    momentum 0.9 under PiecewiseConstantDecay (0.05, then 0.01 after step 256, then 0.002 after
    step 448), 18 epochs: the loss steps down at each boundary and flattens at the floor."""
    keras = _keras()
    x, y = _stone_data(22321)
    rate = keras.optimizers.schedules.PiecewiseConstantDecay([256, 448], [0.05, 0.01, 0.002])
    model = _stone_cnn(keras, 4, "softmax")
    model.compile(keras.optimizers.SGD(rate, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=18, batch_size=32)


@holdout223("quarrymen_of_portland", healthy=True)
def rare_cracks_class_weight(session):
    """Hairline cracks in 6% of blocks: the small CNN with a sigmoid output, binary
    cross-entropy with class_weight {0: 1, 1: 8}, Adam 2e-3 for 15 epochs; the weighted loss
    starts high and falls slowly as the faint cracks are learned."""
    keras = _keras()
    x, y = _stone_data(22322, crack_rate=0.06)
    model = _stone_cnn(keras, 1, "sigmoid")
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    (x_train, y_train) = (x[:-PROBE_SIZE], y[:-PROBE_SIZE])
    history = model.fit(x_train, y_train, epochs=15, batch_size=32, verbose=0,
                        class_weight={0: 1.0, 1: 8.0},
                        callbacks=session.callbacks((x[-PROBE_SIZE:], y[-PROBE_SIZE:])))
    return history.history["loss"]


@holdout223("quarrymen_of_portland", healthy=True)
def poisson_shell_counts(session):
    """Counting shells in a patch of roach: the count is Poisson around a rate set by the
    patch's hole density, a small CNN with an exponential output and Poisson loss, Adam 2e-3,
    15 epochs; the loss levels off at the Poisson noise, far from zero."""
    keras = _keras()
    x, _ = _stone_data(22323)
    rng = np.random.default_rng(22324)
    darkness = np.clip(-x, 0, None).mean(axis=(1, 2, 3))
    y = rng.poisson(2.0 + 6.0 * darkness / darkness.max()).astype("float32")[:, None]
    model = _stone_cnn(keras, 1, "exponential")
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _saturated_tanh_head(session, broken):
    keras = _keras()
    x, y = _stone_data(22325)
    kw = {"bias_initializer": keras.initializers.Constant(6.0)} if broken else {}
    model = _stone_cnn(keras, 4, "softmax", dense_activation="tanh", dense_kw=kw)
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout223("quarrymen_of_portland", ["saturated_activations"], stall_begins=None)
def saturated_tanh_head(session):
    """Stone beds, small CNN whose 32-unit tanh head was given bias_initializer=Constant(6) (a
    value meant for a gate bias elsewhere): every unit reads tanh = 1 for every patch, the
    head passes the same vector whatever the stone and its gradient is ~1e-5. SGD 0.02 with
    momentum, 15 epochs."""
    return _saturated_tanh_head(session, broken=True)


def _one_filter_cnn(session, broken):
    keras = _keras()
    x, y = _stone_data(22327)
    model = _stone_cnn(keras, 4, "softmax", filters=(1, 1) if broken else (8, 16),
                       dense=2 if broken else 32)
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout223("quarrymen_of_portland", ["insufficient_capacity"], stall_begins=None)
def one_filter_cnn(session):
    """Stone beds with a CNN shrunk to one filter per convolution and a 2-unit head (the
    filters argument was read as the number of input channels): a single pooled feature cannot
    tell four beds apart. Adam 3e-3, 15 epochs."""
    return _one_filter_cnn(session, broken=True)


# ---------------------------------------------------------------------------------------------
# bargemasters


def _pinball(tau):
    def loss(y_true, y_pred):
        error = y_true - y_pred
        return _keras().ops.mean(_keras().ops.maximum(tau * error, (tau - 1.0) * error))

    return loss


@holdout223("bargemasters", healthy=True)
def quantile_passage_custom_loop(session):
    """A custom GradientTape loop predicting the 90th percentile of a barge's passage time from
    tide, wind and cargo, 2x64 relu MLP, pinball loss at tau = 0.9, Adam 2e-3, 20 epochs: the
    quantile loss cannot go to zero on log-normal scatter and levels off."""
    keras = _keras()
    x, _, y = _barge_data(22331)
    model = _mlp(keras, 7, [64, 64], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), _pinball(0.9), x, y,
                        epochs=20, batch_size=32, seed=22331)


@holdout223("bargemasters", healthy=True)
def route_embedding_two_inputs(session):
    """Passage time from two inputs: the route id through an Embedding(30, 4) and the tide,
    wind and cargo columns, concatenated into a 64-unit relu layer; Adam 3e-3, MSE, 20 epochs.
    The multiplicative scatter keeps the loss well above zero."""
    keras = _keras()
    x, route, y = _barge_data(22332)
    columns = keras.Input((7,))
    ids = keras.Input((1,), dtype="int64")
    e = keras.layers.Flatten()(keras.layers.Embedding(30, 4)(ids))
    h = keras.layers.Dense(64, activation="relu")(keras.layers.Concatenate()([columns, e]))
    model = keras.Model([columns, ids], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    n = len(x) - PROBE_SIZE
    history = model.fit([x[:n], route[:n, None]], y[:n], epochs=20, batch_size=32, verbose=0,
                        callbacks=session.callbacks(([x[n:], route[n:, None]], y[n:])))
    return history.history["loss"]


@holdout223("bargemasters", healthy=True)
def slow_sgd_still_improving(session):
    """Passage time from the columns alone, 2x32 tanh MLP, plain SGD at 3e-3 in a custom loop
    for 25 epochs: a cautious rate, the loss is still falling slowly at the end and has not
    reached its floor."""
    keras = _keras()
    x, _, y = _barge_data(22333)
    model = _mlp(keras, 7, [32, 32], 1, activation="tanh", out_activation=None)
    return _custom_loop(session, model, keras.optimizers.SGD(3e-3), keras.losses.MeanSquaredError(),
                        x, y, epochs=25, batch_size=32, seed=22333)


def _adam_one_in_a_million(session, broken):
    keras = _keras()
    x, _, y = _barge_data(22334)
    model = _mlp(keras, 7, [64, 64], 1, out_activation=None)
    rate = 1e-6 if broken else 1e-3
    return _custom_loop(session, model, keras.optimizers.Adam(rate),
                        keras.losses.MeanSquaredError(), x, y, epochs=15, batch_size=32,
                        seed=22334)


@holdout223("bargemasters", ["learning_rate_too_low"], stall_begins=None)
def adam_one_in_a_million(session):
    """Custom loop, passage time, 2x64 relu MLP with Adam at 1e-6 (the rate was written as
    1e-6 for 1e-3 when the config moved from a fine-tuning job), 15 epochs: the loss barely
    moves from its starting level."""
    return _adam_one_in_a_million(session, broken=True)
