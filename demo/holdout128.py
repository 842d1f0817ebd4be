"""The hundred-and-twenty-eighth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades, six runs each, on numpy data generated here from seeds 12801-12838: carpenters
(a mill's board ledger: grade, warp, job hours), roofers (roof jobs, weather over the
shingles, rain through a gutter), welders (current/voltage traces of weld beads, radiograph
patches of a seam, seam-tracker flags) and machinists (cutting settings, spindle vibration
tokens, cutting-force sequences). The last PROBE_SIZE rows of every data set are the probe.

Healthy half (twelve runs, nothing to fix in the code; the loss flattens above zero or moves
in an unusual way because of the data or the schedule). Carpenters: board grades with a
quarter of the labels random (flattens at the noise floor); warp regression under a Huber
loss with moisture-dependent noise and a PiecewiseConstantDecay schedule; a GradientTape loop
fitting the 90th percentile of log-normal job hours with a pinball loss. Roofers: leaks in 4%
of roofs with class_weight; shingle wear from weather with a GRU and ReduceLROnPlateau; 256
quotes through a two-input model with a material Embedding that memorizes slowly (small
data). Welders: bead classes from Conv1D with 12.5% wrong labels under warm-up then cosine
decay; a Conv2D pore counter with overlapping classes and a step decay; an XOR of two of
sixteen tracker flags, where a tanh MLP sits at log 2 for about 150 steps and then drops to
~0 (a saddle plateau before a sudden drop, which is healthy). Machinists: defect counts with
a Poisson loss and an exponential output, still creeping down at the end; spindle faults
from tokens with an Embedding and a MultiHeadAttention block, 15% wrong labels; tool wear
from an LSTM in a GradientTape loop with an MAE loss against Student-t gauge errors.

Broken half (twelve runs, one per cause, each a slip in code; each was trained beside its
fixed twin, which reaches a far lower loss). unnormalized_inputs: board grading on raw
ledger columns including a Unix timestamp (cross-entropy in the millions, bouncing).
dead_relus: the output's log-prior bias initializer (-2.2) also passed to the relu hidden
layers. saturated_activations: a sigmoid MLP initialized RandomUniform(0, 1) on positive
min-max scaled inputs, so the second layer's sigmoids sit at 1.0. learning_rate_too_high:
SGD's rate of 0.3 kept after a switch to Adam (embedding + MLP). loss_activation_mismatch:
Dense(1, activation='softmax') on a regression head, a constant 1.0. exploding_gradients: a
gain-2 tanh SimpleRNN over 40 rain steps, SGD with momentum, with the recipe's clipnorm
dropped (the fixed twin only adds clipnorm=1). non_finite_values: log(0 W) = -inf where the
welding arc went out, in file order, so the loss is NaN from one known batch on while the
run goes on. over_regularization: L2(0.5) on every Conv1D/Dense kernel where 5e-4 was meant.
learning_rate_too_low: RMSprop at 2e-7 for an LSTM (meant 2e-3). vanishing_gradients: a
12-layer sigmoid MLP with SGD (the twin: relu, He init). insufficient_capacity: the hidden
layers commented out, leaving linear regression on a wiggly target. poor_initialization:
every kernel Constant(0.1) in a GradientTape-loop MLP, so each layer's units stay identical.

Dropped or changed because they did not behave as intended: a SimpleRNN that had to carry a
code from the first of 50 steps (vanishing gradients) still learned slowly while its GRU twin
had not learned at all in ten epochs, so it became the sigmoid stack; a 64-2-64 relu
bottleneck (insufficient capacity) kept improving steadily, so it became the linear model;
a first gutter RNN at SGD 0.5 went to NaN in the first epoch both with and without
clipnorm, so the rate was lowered to 0.02 and the gain-2 recurrence carries the explosion;
the sigmoid stack first used SGD 0.01, where its relu twin blew up too, so both use 3e-3;
the constant-init loop first regressed a nearly linear target, which a chain of single
relus fits, so it now regresses the wiggly surface-finish target (it still creeps down by
about 1% an epoch after epoch 3, far above its twin).

Labels: `expected_causes` holds the one root cause each broken run was built around.
`stall_begins` is a 0-based optimizer step (batches over the whole run; 32 per epoch at
1024 training rows, 24 at 768). None means the loss is flat from the start: the only early
movement is the output bias settling (prior_bias_everywhere, softmax_single_output,
lstm_rate_exponent, sigmoid_stack). arc_power_log's step is exact
(row 600 in file order at batch 32 is batch 18). The others were read off the per-step loss
and are approximate: textbook_uniform_init (~16, once the softmax layer has fitted the
class prior on top of the pinned sigmoids), raw_mill_columns and adam_with_sgd_rate (end
of the first epoch),
gutter_rnn_no_clipping (end of the first epoch; afterwards it bounces around the target's
variance), conv_weight_decay_typo (~260, where the decaying penalty is spent and the loss
sits at log 4), hidden_layers_commented_out and constant_kernel_loop (~3 epochs).
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _standardize, registrar

FAMILIES = ('carpenters', 'roofers', 'welders', 'machinists')
REGISTRY = []
holdout128 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE
BATCH = 32
STEPS = (N - PROBE_SIZE) // BATCH  # optimizer steps per epoch at batch 32


def _fit_with(session, model, x, y, *, epochs, batch_size, callbacks=(), **fit_kw):
    """Like `_fit`, for what it does not take: a list of inputs (multi-input models) and extra
    `model.fit` arguments such as class_weight. The last PROBE_SIZE rows are the probe."""
    xs = x if isinstance(x, (list, tuple)) else [x]
    train = [part[:-PROBE_SIZE] for part in xs]
    probe = [part[-PROBE_SIZE:] for part in xs]
    if not isinstance(x, (list, tuple)):
        train, probe = train[0], probe[0]
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        verbose=0, callbacks=list(callbacks) + session.callbacks(
                            (probe, y[-PROBE_SIZE:])), **fit_kw)
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# data: every generator takes its own seed (12800..12899) and returns float32 arrays


def _rng(seed):
    return np.random.default_rng(seed)


def _boards(n, seed):
    """Sawn boards as a mill's ledger records them.

    Returns (raw columns, standardized columns, latent quality score, warp in mm). The raw
    columns are moisture %, density kg/m^3, width mm, length mm, knot count, ring width mm,
    kiln hours and the ledger's timestamp in Unix seconds."""
    r = _rng(seed)
    z = r.normal(size=(n, 8))
    scale = np.array([3.0, 60.0, 25.0, 600.0, 2.0, 1.2, 10.0, 2.0e6])
    offset = np.array([14.0, 520.0, 140.0, 3600.0, 4.0, 3.5, 48.0, 1.69e9])
    raw = (z * scale + offset).astype("float32")
    score = (1.2 * z[:, 1] - 1.0 * z[:, 4] - 0.8 * z[:, 0] + 0.6 * z[:, 5] * z[:, 2]
             + 0.5 * np.sin(2.0 * z[:, 3]) + 0.4 * z[:, 6] * z[:, 0])
    warp = (2.0 + 1.1 * z[:, 0] - 0.6 * z[:, 1] + 0.5 * z[:, 0] * z[:, 6] + 0.4 * z[:, 5] ** 2
            + r.normal(size=n) * (0.3 + 0.8 * np.abs(z[:, 0])))
    return raw, _standardize(raw), score.astype("float32"), warp.astype("float32")


def _grades(score, cuts=(-0.8, 0.8)):
    return np.digitize(score, cuts).astype("int32")


def _roofs(n, seed):
    """Roof jobs: standardized (area, pitch, age, storeys, exposure, gutters), a material id of
    8, and the latent condition score."""
    r = _rng(seed)
    x = r.normal(size=(n, 6)).astype("float32")
    material = r.integers(0, 8, size=n).astype("int32")
    material_effect = r.normal(0.0, 1.0, size=8)
    condition = (0.9 * x[:, 2] + 0.7 * x[:, 4] - 0.5 * x[:, 5] + 0.6 * x[:, 1] * x[:, 4]
                 + material_effect[material])
    return x, material, condition.astype("float32")


def _weather(n, seed, length=24):
    """Weather sequences over a roof (rain, sun, wind, frost), standardized per channel, and the
    shingle wear they cause: UV in the recent past and frost after rain wear the shingles."""
    r = _rng(seed)
    x = r.normal(size=(n, length, 4))
    x[:, :, 0] = np.abs(x[:, :, 0])
    recency = np.linspace(0.3, 1.0, length)
    wear = ((x[:, :, 1] * recency).sum(1) * 0.4 + (x[:, 1:, 3] * x[:, :-1, 0]).sum(1) * 0.5
            + 0.3 * x[:, -3:, 2].sum(1))
    wear = (wear - wear.mean()) / wear.std() + r.normal(0.0, 0.35, size=n)
    return _standardize(x.reshape(n * length, 4)).reshape(n, length, 4), wear.astype("float32")


def _runoff(n, seed, length=40):
    """Rain over a roof (mm per 5 minutes) and the water leaving its gutter: a leaky running
    store of the rain, standardized."""
    r = _rng(seed)
    rain = np.maximum(r.normal(0.0, 1.0, size=(n, length)), 0.0) * r.uniform(0.2, 2.0, (n, 1))
    store = np.zeros(n)
    for t in range(length):
        store = 0.85 * store + rain[:, t]
    y = (store - store.mean()) / store.std() + r.normal(0.0, 0.1, size=n)
    x = (rain - rain.mean()) / rain.std()
    return x[:, :, None].astype("float32"), y.astype("float32")


def _bead_traces(n, seed, length=64, noise=0.6):
    """Welding current/voltage traces (standardized) and their defect class: 0 sound, 1 porosity
    (fast ripple), 2 undercut (slow drift in voltage), 3 spatter (short current spikes)."""
    r = _rng(seed)
    t = np.arange(length)
    y = r.integers(0, 4, size=n)
    x = r.normal(0.0, noise, size=(n, length, 2))
    phase = r.uniform(0, 2 * np.pi, size=n)
    ripple = np.sin(2 * np.pi * t[None, :] / 4.0 + phase[:, None])
    drift = np.linspace(-1.0, 1.0, length)[None, :] * r.choice([-1.0, 1.0], size=(n, 1))
    x[y == 1, :, 0] += 0.8 * ripple[y == 1]
    x[y == 2, :, 1] += 1.2 * drift[y == 2]
    for i in np.flatnonzero(y == 3):
        spikes = r.choice(length, size=4, replace=False)
        x[i, spikes, 0] += 3.0
    return x.astype("float32"), y.astype("int32")


def _radiographs(n, seed, size=12):
    """Radiograph patches of a weld seam (size x size) with round pores; class = 0 clean,
    1 a few pores, 2 many pores. Faint pores and grain noise make the classes overlap."""
    r = _rng(seed)
    yy, xx = np.mgrid[0:size, 0:size]
    x = r.normal(0.0, 0.35, size=(n, size, size))
    y = r.integers(0, 3, size=n)
    counts = np.where(y == 0, r.integers(0, 2, n), np.where(y == 1, r.integers(1, 4, n),
                                                            r.integers(3, 7, n)))
    for i in range(n):
        for _ in range(counts[i]):
            cy, cx = r.uniform(1, size - 1, size=2)
            x[i] += r.uniform(0.3, 1.0) * np.exp(-((yy - cy) ** 2 + (xx - cx) ** 2) / 1.5)
    return x[..., None].astype("float32"), y.astype("int32")


def _shop_jobs(n, seed):
    """Machine-shop jobs: standardized (spindle speed, feed, depth of cut, tool age, material
    hardness, coolant flow) and the latent log-rate of defects per batch."""
    r = _rng(seed)
    x = r.normal(size=(n, 6)).astype("float32")
    log_rate = (0.5 + 0.5 * x[:, 1] + 0.4 * x[:, 3] - 0.3 * x[:, 5] + 0.3 * x[:, 0] * x[:, 2]
                - 0.2 * x[:, 4] ** 2)
    return x, log_rate.astype("float32")


def _vibration_tokens(n, seed, length=20, vocab=24):
    """Spindle vibration spectra quantized into tokens; class 0 healthy, 1 bearing wear (token 5
    follows token 3), 2 imbalance (token 7 repeated), 3 chatter (tokens 11 and 13 both
    present). 15% of the inspection labels are wrong."""
    r = _rng(seed)
    x = r.integers(14, vocab, size=(n, length))
    y = r.integers(0, 4, size=n)
    for i in range(n):
        a, b = r.choice(length - 1, size=2, replace=False)
        if y[i] == 1:
            x[i, a], x[i, a + 1] = 3, 5
        elif y[i] == 2:
            x[i, a], x[i, b] = 7, 7
        elif y[i] == 3:
            x[i, a], x[i, b] = 11, 13
    flip = r.random(n) < 0.15
    y[flip] = r.integers(0, 4, size=flip.sum())
    return x.astype("int32"), y.astype("int32")


def _cutting_forces(n, seed, length=20):
    """Cutting-force sequences (feed, thrust, torque; standardized) and the tool's flank wear,
    measured with a heavy-tailed gauge error (Student t, 2 degrees of freedom)."""
    r = _rng(seed)
    x = r.normal(size=(n, length, 3))
    x[:, :, 0] += np.linspace(0, 1, length)[None, :] * r.normal(size=(n, 1))
    wear = 0.6 * x[:, -5:, 0].mean(1) * 3 + 0.4 * (x[:, :, 1] * x[:, :, 2]).mean(1) * 3
    wear = wear + 0.3 * r.standard_t(2, size=n)
    return x.astype("float32"), wear.astype("float32")


def _seam_flags(n, seed, bits=16):
    """Sixteen binary seam-tracker flags (+-1); the seam is off-track when flags 3 and 11
    disagree. Nothing else about the flags matters."""
    r = _rng(seed)
    x = r.choice([-1.0, 1.0], size=(n, bits))
    y = (x[:, 3] != x[:, 11]).astype("int32")
    return x.astype("float32"), y


# ---------------------------------------------------------------------------------------------
# carpenters


@holdout128('carpenters', healthy=True)
def grader_label_noise(session):
    """A mill grades boards into three grades from eight ledger measurements; a quarter of the
    grader's labels are random (tired graders). A 2x48 relu MLP with Adam 2e-3 learns the grade
    rule, and its loss flattens far above zero at the noise floor."""
    keras = _keras()
    _, x, score, _ = _boards(N, seed=12801)
    y = _grades(score)
    r = _rng(12802)
    wrong = r.random(N) < 0.25
    y[wrong] = r.integers(0, 3, size=wrong.sum())
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(48, activation="relu"),
                              keras.layers.Dense(48, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=BATCH)


@holdout128('carpenters', healthy=True)
def warp_huber_piecewise(session):
    """Board warp (mm) regressed from the ledger with a Huber loss; the gauge error grows with
    the board's moisture (heteroscedastic), so the loss levels off well above zero. Adam on a
    PiecewiseConstantDecay schedule 3e-3 -> 1e-3 -> 3e-4 at steps 200 and 400: the curve
    shows two small steps down where the rate drops."""
    keras = _keras()
    _, x, _, warp = _boards(N, seed=12803)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([200, 400], [3e-3, 1e-3, 3e-4])
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(schedule), keras.losses.Huber(delta=1.0))
    return _fit(session, model, x, warp, epochs=18, batch_size=BATCH)


@holdout128('carpenters', healthy=True)
def joinery_hours_quantile_loop(session):
    """Custom GradientTape loop: a joinery shop quotes from the 90th percentile of job hours
    (pinball loss, q = 0.9). Hours are log-normal around the board-derived difficulty, so the
    pinball loss flattens at its floor quickly and stays there. 2x32 relu MLP, Adam 3e-3."""
    import tensorflow as tf

    keras = _keras()
    _, x, score, _ = _boards(N, seed=12804)
    hours = np.exp(1.5 + 0.3 * score + _rng(12805).normal(0.0, 0.5, size=N)).astype("float32")
    y = (hours / hours.std())[:, None].astype("float32")
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])

    def pinball(targets, predictions):
        error = targets - predictions
        return tf.reduce_mean(tf.maximum(0.9 * error, -0.1 * error))

    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), pinball, x, y,
                        epochs=15, batch_size=BATCH, seed=12806)


def _raw_mill_columns(session, broken):
    keras = _keras()
    raw, standardized, score, _ = _boards(N, seed=12807)
    y = _grades(score)
    x = raw if broken else standardized
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout128('carpenters', ["unnormalized_inputs"], stall_begins=STEPS)  # approximate
def raw_mill_columns(session):
    """Board grading on the ledger's raw columns: moisture in %, density in kg/m^3, length in mm
    and the record's Unix timestamp (~1.7e9 s), never standardized. The timestamp column alone
    sets the first layer's pre-activations in the billions; 2x64 relu MLP, Adam 1e-3."""
    return _raw_mill_columns(session, broken=True)


def _prior_bias_everywhere(session, broken):
    keras = _keras()
    _, x, score, _ = _boards(N, seed=12808)
    y = (score > np.quantile(score, 0.9)).astype("int32")  # split boards: ~10%
    prior = keras.initializers.Constant(float(np.log(0.1 / 0.9)))
    hidden_kw = {"bias_initializer": prior} if broken else {}
    model = keras.Sequential([keras.Input((8,)),
                              keras.layers.Dense(64, activation="relu", **hidden_kw),
                              keras.layers.Dense(64, activation="relu", **hidden_kw),
                              keras.layers.Dense(64, activation="relu", **hidden_kw),
                              keras.layers.Dense(1, activation="sigmoid",
                                                 bias_initializer=prior)])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout128('carpenters', ["dead_relus"])
def prior_bias_everywhere(session):
    """Flagging the ~10% of boards that split. The author initializes the output bias at the
    log prior, log(0.1/0.9) = -2.2, and passes the same bias_initializer to the three 64-unit
    relu hidden layers too, so almost no hidden unit ever fires; SGD 0.05 with momentum."""
    return _prior_bias_everywhere(session, broken=True)


def _textbook_uniform_init(session, broken):
    keras = _keras()
    raw, _, score, _ = _boards(N, seed=12809)
    x = ((raw - raw.min(0)) / (raw.max(0) - raw.min(0))).astype("float32")  # min-max to [0, 1]
    y = _grades(score)
    init = keras.initializers.RandomUniform(0.0, 1.0, seed=12810) if broken else "glorot_uniform"
    model = keras.Sequential([keras.Input((8,)),
                              keras.layers.Dense(64, activation="sigmoid", kernel_initializer=init),
                              keras.layers.Dense(64, activation="sigmoid", kernel_initializer=init),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout128('carpenters', ["saturated_activations"], stall_begins=16)  # approximate
def textbook_uniform_init(session):
    """Board grading with a 2x64 sigmoid MLP on min-max scaled columns, its kernels initialized
    RandomUniform(0.0, 1.0) as an old textbook says ("weights in [0, 1]"): every input is
    positive, every weight is positive, so the second layer's pre-activations sit near +28
    and its sigmoids at 1.0 for every board. Adam 3e-3."""
    return _textbook_uniform_init(session, broken=True)


# ---------------------------------------------------------------------------------------------
# roofers


@holdout128('roofers', healthy=True)
def leak_rare_class_weight(session):
    """A roofing firm predicts which inspected roofs will leak within a year: about 4% do. A
    2x32 relu MLP over the six job columns and a one-hot material, binary cross-entropy with
    class_weight {0: 1, 1: 8}, Adam 1e-3. The weighted loss falls early and then wanders at a
    level set by the overlap of leaking and sound roofs."""
    keras = _keras()
    x, material, condition = _roofs(N, seed=12811)
    r = _rng(12812)
    p = 1.0 / (1.0 + np.exp(-(1.6 * condition - 4.6)))
    y = (r.random(N) < p).astype("int32")
    features = np.concatenate([x, np.eye(8, dtype="float32")[material]], axis=1)
    model = keras.Sequential([keras.Input((14,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_with(session, model, features, y, epochs=15, batch_size=BATCH,
                     class_weight={0: 1.0, 1: 8.0})


@holdout128('roofers', healthy=True)
def shingle_wear_gru_reduce_on_plateau(session):
    """Shingle wear from 24 steps of weather over the roof (rain, sun, wind, frost) with a GRU(24)
    and MSE; a third of the wear's variance is measurement noise. Adam 3e-3 with
    ReduceLROnPlateau(monitor='loss', factor=0.5, patience=2): the loss falls, then levels at
    the noise floor while the rate halves a few times."""
    keras = _keras()
    x, wear = _weather(768 + PROBE_SIZE, seed=12813)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    reduce = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=2,
                                               min_lr=1e-4)
    return _fit(session, model, x, wear, epochs=16, batch_size=BATCH, callbacks=[reduce])


@holdout128('roofers', healthy=True)
def quote_small_data_embedding(session):
    """A small roofer's 256 past quotes: price from six job columns plus the roofing material
    (an Embedding(8, 4) on the material id), two inputs concatenated into a 2x64 relu MLP,
    MSE, Adam 2e-3, batch 16, 40 epochs. With so few jobs the training loss keeps sinking
    slowly below the noise level: it memorizes, which is what small data does."""
    keras = _keras()
    n = 256 + PROBE_SIZE
    x, material, condition = _roofs(n, seed=12814)
    price = (1.5 * x[:, 0] + 0.5 * x[:, 1] * x[:, 0] + 0.4 * condition
             + _rng(12815).normal(0.0, 0.6, size=n)).astype("float32")
    numbers = keras.Input((6,))
    kind = keras.Input((1,), dtype="int32")
    embedded = keras.layers.Flatten()(keras.layers.Embedding(8, 4)(kind))
    h = keras.layers.Concatenate()([numbers, embedded])
    h = keras.layers.Dense(64, activation="relu")(h)
    h = keras.layers.Dense(64, activation="relu")(h)
    model = keras.Model([numbers, kind], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit_with(session, model, [x, material[:, None]], price, epochs=40, batch_size=16)


def _condition_classes(n, seed):
    x, material, condition = _roofs(n, seed=seed)
    y = np.digitize(condition, np.quantile(condition, [0.33, 0.67])).astype("int32")
    return x, material, y


def _adam_with_sgd_rate(session, broken):
    keras = _keras()
    x, material, y = _condition_classes(N, seed=12816)
    numbers = keras.Input((6,))
    kind = keras.Input((1,), dtype="int32")
    embedded = keras.layers.Flatten()(keras.layers.Embedding(8, 4)(kind))
    h = keras.layers.Concatenate()([numbers, embedded])
    h = keras.layers.Dense(64, activation="relu")(h)
    h = keras.layers.Dense(64, activation="relu")(h)
    model = keras.Model([numbers, kind], keras.layers.Dense(3, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(0.3 if broken else 1e-3),
                  "sparse_categorical_crossentropy")
    return _fit_with(session, model, [x, material[:, None]], y, epochs=15, batch_size=BATCH)


@holdout128('roofers', ["learning_rate_too_high"], stall_begins=STEPS)  # approximate
def adam_with_sgd_rate(session):
    """Roof condition (poor / fair / good) from the job columns and an embedded material. The
    author switched the optimizer from SGD to Adam and kept SGD's learning rate of 0.3; Adam's
    steps are ~0.3 per weight per step whatever the gradient, so the loss jumps about above
    the constant-guess level."""
    return _adam_with_sgd_rate(session, broken=True)


def _softmax_single_output(session, broken):
    keras = _keras()
    x, material, condition = _roofs(N, seed=12817)
    hours = (12.0 + 3.0 * x[:, 0] + 2.0 * x[:, 1] + 1.5 * condition
             + _rng(12818).normal(0.0, 1.5, size=N)).astype("float32")
    features = np.concatenate([x, np.eye(8, dtype="float32")[material]], axis=1)
    model = keras.Sequential([keras.Input((14,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="softmax" if broken else None)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, features, hours, epochs=12, batch_size=BATCH)


@holdout128('roofers', ["loss_activation_mismatch"])
def softmax_single_output(session):
    """Job hours (about 12 +- 4) regressed with MSE through a head copied from the firm's
    classifier, Dense(1, activation='softmax'): a softmax over one unit is 1.0 for every
    roof, so the prediction never moves and the loss is the mean squared distance to 1."""
    return _softmax_single_output(session, broken=True)


def _gutter_rnn_no_clipping(session, broken):
    keras = _keras()
    x, y = _runoff(768 + PROBE_SIZE, seed=12819)
    optimizer = keras.optimizers.SGD(0.02, momentum=0.9, clipnorm=None if broken else 1.0)
    recurrent = keras.initializers.Orthogonal(gain=2.0, seed=12824)
    model = keras.Sequential([keras.Input(x.shape[1:]),
                              keras.layers.SimpleRNN(32, recurrent_initializer=recurrent),
                              keras.layers.Dense(1)])
    model.compile(optimizer, "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


@holdout128('roofers', ["exploding_gradients"], stall_begins=24)  # approximate
def gutter_rnn_no_clipping(session):
    """Gutter outflow from 40 five-minute rain readings with a tanh SimpleRNN(32) whose recurrent
    kernel starts orthogonal with gain 2 (meant to keep a long memory of the rain), SGD 0.02
    with momentum 0.9. The recipe it came from clipped the gradient norm to 1; the author
    dropped the clipnorm. Backpropagated through 40 steps of a gain-2 recurrence, the
    gradients blow up batch after batch and the loss stops falling far above where the
    clipped run goes."""
    return _gutter_rnn_no_clipping(session, broken=True)


# ---------------------------------------------------------------------------------------------
# welders


@holdout128('welders', healthy=True)
def bead_trace_warmup_cosine(session):
    """Classifying weld beads (sound, porosity, undercut, spatter) from 64-sample current and
    voltage traces with a Conv1D(16, 5) -> Conv1D(32, 5) -> global pooling net; the traces are
    noisy and an eighth of the inspector labels are wrong. Adam under a 60-step linear
    warm-up to 3e-3 and a cosine decay to zero over the run: the loss flattens as the rate
    dies, above zero."""
    keras = _keras()
    x, y = _bead_traces(N, seed=12820)
    r = _rng(12821)
    wrong = r.random(N) < 0.125
    y[wrong] = r.integers(0, 4, size=wrong.sum())
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, decay_steps=14 * STEPS - 60, warmup_target=3e-3, warmup_steps=60)
    model = keras.Sequential([keras.Input(x.shape[1:]),
                              keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
                              keras.layers.MaxPooling1D(2),
                              keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=14, batch_size=BATCH)


@holdout128('welders', healthy=True)
def porosity_cnn_step_decay(session):
    """Counting pores on 12x12 radiograph patches of a seam (clean / a few / many) with a small
    Conv2D net; faint pores make the classes overlap, so the loss cannot reach zero. Adam
    2e-3 divided by 5 every 5 epochs (a LearningRateScheduler step decay): the curve
    flattens in visible steps."""
    keras = _keras()
    x, y = _radiographs(768 + PROBE_SIZE, seed=12822)
    model = keras.Sequential([keras.Input(x.shape[1:]),
                              keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
                              keras.layers.MaxPooling2D(),
                              keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
                              keras.layers.GlobalAveragePooling2D(),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")

    def step_decay(epoch, lr):
        return 2e-3 / 5 ** (epoch // 5)

    return _fit(session, model, x, y, epochs=15, batch_size=BATCH,
                callbacks=[keras.callbacks.LearningRateScheduler(step_decay)])


@holdout128('welders', healthy=True)
def seam_flags_plateau_then_drop(session):
    """A seam tracker raises sixteen +-1 flags; the seam is off track exactly when flags 3 and
    11 disagree (an XOR, invisible to any single flag). A 2x32 tanh MLP with SGD 0.05 and
    momentum sits at the chance loss, log 2, while it slowly finds the two flags, then drops
    fast to near zero: the plateau is a saddle, not a stall."""
    keras = _keras()
    x, y = _seam_flags(N, seed=12823)
    model = keras.Sequential([keras.Input((16,)), keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=BATCH)


ARC_OUT_ROW = 600  # first trace (in file order) whose arc went out; batch 32, no shuffle


def _arc_power_log(session, broken):
    keras = _keras()
    x, y = _bead_traces(N, seed=12825)
    power = np.exp(0.4 * x[:, :, :1] + 8.0)  # watts, ~3 kW
    if broken:
        power[ARC_OUT_ROW, 20:26] = 0.0  # the arc went out: the logger wrote 0 W
        power[ARC_OUT_ROW + 150, 40:44] = 0.0
    floor = 0.0 if broken else 1.0
    with np.errstate(divide="ignore"):
        log_power = ((np.log(power + floor) - 8.0) / 0.4).astype("float32")
    features = np.concatenate([log_power, x[:, :, 1:]], axis=2)
    model = keras.Sequential([keras.Input(features.shape[1:]),
                              keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
                              keras.layers.MaxPooling1D(2),
                              keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
                              keras.layers.GlobalMaxPooling1D(),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, features, y, epochs=8, batch_size=BATCH, shuffle=False)


@holdout128('welders', ["non_finite_values"], stall_begins=ARC_OUT_ROW // BATCH)
def arc_power_log(session):
    """Bead classification on log arc power and voltage, Conv1D net, Adam 2e-3, read in file
    order. Where the arc went out the logger recorded 0 W, and log(0) = -inf went into the
    features (the fix is log(power + 1)); the first such trace is row 600, so the batch at
    step 18 (0-based) turns the loss NaN, and every weight with it, for the rest of the run."""
    return _arc_power_log(session, broken=True)


def _conv_weight_decay_typo(session, broken):
    keras = _keras()
    x, y = _bead_traces(N, seed=12826, noise=0.5)
    l2 = keras.regularizers.L2(0.5 if broken else 5e-4)
    model = keras.Sequential([keras.Input(x.shape[1:]),
                              keras.layers.Conv1D(16, 5, activation="relu", padding="same",
                                                  kernel_regularizer=l2),
                              keras.layers.MaxPooling1D(2),
                              keras.layers.Conv1D(32, 5, activation="relu", padding="same",
                                                  kernel_regularizer=l2),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(32, activation="relu", kernel_regularizer=l2),
                              keras.layers.Dense(4, activation="softmax", kernel_regularizer=l2)])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


@holdout128('welders', ["over_regularization"], stall_begins=260)  # approximate
def conv_weight_decay_typo(session):
    """Bead classification with a Conv1D net whose every kernel carries L2(0.5): the paper it
    follows used weight decay 5e-4. The penalty outweighs the data term, so the kernels are
    held near zero and the model barely leaves the constant guess. Adam 2e-3."""
    return _conv_weight_decay_typo(session, broken=True)


def _lstm_rate_exponent(session, broken):
    keras = _keras()
    x, y = _bead_traces(768 + PROBE_SIZE, seed=12827, length=32, noise=0.4)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(32),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.RMSprop(2e-7 if broken else 2e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=BATCH)


@holdout128('welders', ["learning_rate_too_low"])
def lstm_rate_exponent(session):
    """Bead classification from 32-sample traces with an LSTM(32), RMSprop at 2e-7 where the
    author meant 2e-3 (the exponent in the config was edited for a fine-tuning run and never
    put back). Each step moves every weight by ~2e-7; the loss stays at log 4."""
    return _lstm_rate_exponent(session, broken=True)


# ---------------------------------------------------------------------------------------------
# machinists


@holdout128('machinists', healthy=True)
def defect_counts_poisson(session):
    """Defective parts per batch of 50 from six cutting settings, with a Poisson loss on an
    exponential output (a log link), 2x32 relu MLP, plain SGD 5e-3 with momentum. Counts are
    noisy by nature, so the loss flattens at the Poisson floor; the rate is modest and the
    loss is still creeping down at the end."""
    keras = _keras()
    x, log_rate = _shop_jobs(N, seed=12828)
    counts = _rng(12829).poisson(np.exp(log_rate)).astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    model.compile(keras.optimizers.SGD(5e-3, momentum=0.9), "poisson")
    return _fit(session, model, x, counts, epochs=20, batch_size=BATCH)


@holdout128('machinists', healthy=True)
def vibration_attention(session):
    """Spindle faults from 20 quantized vibration tokens: Embedding(24, 16), one
    MultiHeadAttention block (2 heads) with a residual, global pooling and a softmax over
    healthy / bearing wear / imbalance / chatter. 15% of the inspection labels are wrong, so
    the loss flattens well above zero. Adam 2e-3."""
    keras = _keras()
    x, y = _vibration_tokens(N, seed=12830)
    tokens = keras.Input((20,), dtype="int32")
    h = keras.layers.Embedding(24, 16)(tokens)
    h = keras.layers.Add()([h, keras.layers.MultiHeadAttention(2, 8)(h, h)])
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(tokens, keras.layers.Dense(4, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout128('machinists', healthy=True)
def tool_wear_lstm_mae_loop(session):
    """Custom GradientTape loop: flank wear from 20 steps of cutting forces with an LSTM(16) and
    a mean-absolute-error loss, because the wear gauge has Student-t (2 dof) errors with
    outliers that would dominate MSE. Adam 3e-3; the loss flattens at the gauge's typical
    error."""
    keras = _keras()
    x, wear = _cutting_forces(768 + PROBE_SIZE, seed=12831)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(16),
                              keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3),
                        keras.losses.MeanAbsoluteError(), x, wear[:, None],
                        epochs=12, batch_size=BATCH, seed=12832)


def _finish(n, seed):
    """Surface finish (standardized) from the six cutting settings: a wiggly function of them,
    with a little gauge noise."""
    x, log_rate = _shop_jobs(n, seed=seed)
    finish = (np.sin(2.0 * x[:, 0]) * np.cos(1.5 * x[:, 2]) + 0.6 * x[:, 1] * x[:, 3]
              + 0.5 * np.abs(x[:, 4]) + _rng(seed + 1).normal(0.0, 0.1, size=n))
    return x, ((finish - finish.mean()) / finish.std()).astype("float32")


def _sigmoid_stack(session, broken):
    keras = _keras()
    x, finish = _finish(N, seed=12833)
    activation = "sigmoid" if broken else "relu"
    init = "glorot_uniform" if broken else "he_normal"
    layers = [keras.Input((6,))]
    layers += [keras.layers.Dense(32, activation=activation, kernel_initializer=init)
               for _ in range(12)]
    model = keras.Sequential(layers + [keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(3e-3, momentum=0.9), "mse")
    return _fit(session, model, x, finish, epochs=15, batch_size=BATCH)


@holdout128('machinists', ["vanishing_gradients"])
def sigmoid_stack(session):
    """Surface finish from six cutting settings with a 12-layer, 32-unit sigmoid MLP (a design
    carried over from an old in-house tool), SGD 3e-3 with momentum. Each sigmoid layer
    passes back at most a quarter of the gradient, so the first layers get almost nothing
    and the net predicts the mean finish; the same stack with relu and He init learns it."""
    return _sigmoid_stack(session, broken=True)


def _hidden_layers_commented_out(session, broken):
    keras = _keras()
    x, finish = _finish(N, seed=12834)
    hidden = [] if broken else [keras.layers.Dense(64, activation="relu"),
                                keras.layers.Dense(64, activation="relu")]
    model = keras.Sequential([keras.Input((6,))] + hidden + [keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-2), "mse")
    return _fit(session, model, x, finish, epochs=15, batch_size=BATCH)


@holdout128('machinists', ["insufficient_capacity"], stall_begins=3 * STEPS)  # approximate
def hidden_layers_commented_out(session):
    """Surface finish from six cutting settings, a wiggly function of them. The two hidden
    layers were commented out while debugging a shape error and never restored, so the
    model is one Dense(1): linear regression. It learns the linear trend in the first
    epochs and then sits at the variance the line cannot explain. Adam 1e-2."""
    return _hidden_layers_commented_out(session, broken=True)


def _constant_kernel_loop(session, broken):
    keras = _keras()
    x, finish = _finish(N, seed=12836)
    y = finish[:, None]
    init = keras.initializers.Constant(0.1) if broken else "glorot_uniform"
    model = keras.Sequential([keras.Input((6,)),
                              keras.layers.Dense(64, activation="relu", kernel_initializer=init),
                              keras.layers.Dense(64, activation="relu", kernel_initializer=init),
                              keras.layers.Dense(1, kernel_initializer=init)])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3),
                        keras.losses.MeanSquaredError(), x, y,
                        epochs=12, batch_size=BATCH, seed=12838)


@holdout128('machinists', ["poor_initialization"], stall_begins=3 * STEPS)  # approx.
def constant_kernel_loop(session):
    """Custom GradientTape loop regressing surface finish with a 2x64 relu MLP whose kernels
    are all initialized to Constant(0.1) ("small positive weights"). Every unit of a layer
    starts identical and receives the identical gradient, so each layer stays one unit
    repeated 64 times: the model is a chain of single relus and its loss levels off early,
    high. Adam 2e-3."""
    return _constant_kernel_loop(session, broken=True)
