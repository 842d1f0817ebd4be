"""The hundred-and-eighty-fifth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four farm trades, eighteen runs: sowers (a seed drill's settings, germination tallies, furrow
depths, trial plots), mowers (a swath's blade-speed and crop-density readings, field patches),
threshers (a drum's vibration per sheaf, cracked kernels) and winnowers (fan, sieve and wind
readings; the chaff left in the grain). Data are numpy generators with seeds 18501..18536; the
last PROBE_SIZE rows of every set are the probe. Every run was checked only from its own
per-epoch losses under Session(None) with keras's seed set to 0, and every broken run against
its helper `_name(session, broken)` with broken=False.

Healthy half (ten runs). Sowers: germination by a relu MLP under Nadam with a fifth of the
tallies wrong (~0.50 and creeping); yield under the Huber loss with Student-t scatter, Adam on a
PiecewiseConstantDecay (~0.11); 160 trial plots with an Embedding of the seed variety beside
the drill settings, memorised at batch 16 over 40 epochs. Mowers: dry weight by an LSTM with
ReduceLROnPlateau and a scatter growing with crop density (~0.42); the 0.1 quantile by a Conv1D
front end in a GradientTape loop under Adagrad with the pinball loss (~0.15). Threshers: rare
cracked kernels (~4%) under binary cross-entropy with Adamax and no class weights; a Conv1D net
under plain SGD at 0.01, a long slow descent still improving at the end. Winnowers: a
two-Input (fan, sieve) branch model under AdamW; a GradientTape loop with the log-cosh loss
under Adam on CosineDecay to zero; a Bidirectional GRU on gust series under RMSprop whose
outcome hangs on an unseen moisture (~0.38).

Broken half, eight runs, one root cause each (broken final epoch loss vs the fixed helper's):
- poor_initialization, sowers: Constant(0.1) hidden kernels in a tanh MLP, every unit identical
  (symmetry never broken): flat at ~0.551 from about epoch 8 vs ~0.48 and still falling.
- learning_rate_too_high, sowers: RMSprop given the SGD recipe's learning_rate=0.5: from ~540
  to a frozen ~0.729 vs ~0.23.
- non_finite_values, sowers: log1p of a furrow depth whose missing value was logged as -1, read
  in file order (shuffle=False): -inf in the batch holding row 700 and the loss stuck from there
  (~1.31) vs ~0.30.
- learning_rate_too_low, mowers: ExponentialDecay(decay_steps=1) on a GRU where per-epoch decay
  was meant: ~0.857 flat from the second epoch vs ~0.23.
- dead_relus, mowers: Constant(-3) biases on two relu Conv1D layers over standardised
  readings: ~1.00 (the variance) from the start vs ~0.11.
- over_regularization, mowers: L1(0.05) on every Conv2D/Dense kernel: ~1.12 vs ~0.004.
- unnormalized_inputs, winnowers: rpm, micrometre and per-mille columns fed raw (the scaler's
  output unused): from ~1,100 to a bouncing ~1.5-2.9 vs ~0.13.
- saturated_activations, winnowers: bias_initializer=Constant(5) (the LSTM forget-gate trick)
  on tanh layers under SGD with momentum: ~1.29 flat from the second epoch vs ~0.11.

Dropped because they did not behave as intended: a MultiHeadAttention classifier with warm-up
cosine meant as healthy never left ln 5; a sigmoid head under from_logits=True
(loss_activation_mismatch) trained exactly like the fixed run because Keras strips the sigmoid;
a Conv1D with filters=1 (insufficient_capacity) kept improving; an 8-layer relu MLP with
VarianceScaling(8) under clipped SGD (exploding_gradients) kept falling steeply from ~2e5; a
12-layer sigmoid MLP (vanishing_gradients) was no worse than its 2-layer fix. So threshers hold
only healthy runs, and exploding_gradients, vanishing_gradients, loss_activation_mismatch and
insufficient_capacity have no run here. Not written because earlier catalogues hold them:
zero/tiny init, dropout 0.95, L2 of ten, GaussianDropout, NaN rows in features or targets,
Adadelta's rate in Adam, LearningRateScheduler slips, ones-initialised depthwise filters.

Labels: `expected_causes[0]` is the root cause; `stall_begins` is the optimizer step (batch 32,
32 steps an epoch) from which the broken loss stops improving, None from the start. The
non-finite run's step is exact (row 700 // 32); the others were read off the epoch losses and
are approximate, as marked next to them.
"""
import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('sowers', 'mowers', 'threshers', 'winnowers')
REGISTRY = []
holdout185 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE
STEPS = (N - PROBE_SIZE) // 32  # optimizer steps per epoch at batch 32
NAN_ROW = 700  # a furrow whose depth was logged as the sentinel -1, read in file order


def _seed_keras():
    keras = _keras()
    keras.utils.set_random_seed(0)
    return keras


# ---------------------------------------------------------------------------------------------
# data: a sower's drill (seeds per metre, furrow depth, soil moisture, germination)

def _drill(seed, n=N, noise=0.3, flip=0.0):
    """Eight drill settings; a germinated/failed label (two classes) and a yield target."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 8)).astype("float32")
    score = np.sin(x[:, 0] * 1.5) + x[:, 1] * x[:, 2] - 0.6 * x[:, 3] ** 2 + 0.5 * x[:, 4]
    label = (score > np.median(score)).astype("int64")
    flips = rng.random(n) < flip
    label[flips] = 1 - label[flips]
    target = (score + noise * rng.standard_t(3, size=n)).astype("float32")
    return x, label, ((target - target.mean()) / target.std()).astype("float32")


def _swath(seed, n=N, steps=24, noise=0.3):
    """A mower's swath: 24 readings of blade speed and crop density; the hay's dry weight."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, steps, 2)).astype("float32")
    drift = np.cumsum(x[:, :, 0], axis=1) / np.sqrt(steps)
    y = np.tanh(drift[:, -1]) + 0.5 * x[:, -6:, 1].mean(axis=1) * np.abs(drift[:, steps // 2])
    scale = noise * (1.0 + np.abs(x[:, :, 1].mean(axis=1)) * 3)
    y = y + scale * rng.normal(size=n)
    return x, ((y - y.mean()) / y.std()).astype("float32")


def _sheaves(seed, n=N, classes=5, flip=0.0):
    """A thresher's drum: 32 vibration readings per sheaf; which of five grains it was."""
    rng = np.random.default_rng(seed)
    label = rng.integers(0, classes, size=n)
    t = np.linspace(0, 1, 32)
    freq = 2.0 + 1.5 * label
    x = np.sin(2 * np.pi * freq[:, None] * t[None, :] + rng.uniform(0, 6.3, size=(n, 1)))
    x = x + 0.6 * rng.normal(size=(n, 32))
    flips = rng.random(n) < flip
    label[flips] = rng.integers(0, classes, size=flips.sum())
    return x[..., None].astype("float32"), label.astype("int64")


def _chaff(seed, n=N, noise=0.2):
    """A winnower's riddle: fan speed, sieve mesh, grain moisture, wind and 8 more readings;
    the share of chaff left in the grain (standardised)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 12)).astype("float32")
    y = np.tanh(x[:, 0] - x[:, 1]) * x[:, 2] + 0.5 * np.cos(x[:, 3] * 2) + 0.3 * x[:, 4] * x[:, 5]
    y = y + noise * rng.normal(size=n)
    return x, ((y - y.mean()) / y.std()).astype("float32")


# ---------------------------------------------------------------------------------------------
# sowers

@holdout185("sowers", healthy=True)
def noisy_germination_tally(session):
    """Sowers: whether a drilled row germinated, from eight drill settings, by a 2x64 relu MLP
    under Nadam at batch 32 for 15 epochs; a fifth of the tallies were marked wrong in the
    field, so the cross-entropy levels well above zero."""
    keras = _seed_keras()
    x, label, _ = _drill(18501, flip=0.2)
    model = _mlp(keras, 8, [64, 64], 2)
    model.compile(keras.optimizers.Nadam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, label, epochs=15, batch_size=32)


@holdout185("sowers", healthy=True)
def huber_yield_staircase(session):
    """Sowers: a row's standardised yield from the drill settings under the Huber loss, the
    scatter Student-t with three degrees of freedom (stones, hare damage), a 2x48 relu MLP under
    Adam on a PiecewiseConstantDecay (3e-3, 1e-3, 3e-4 at steps 160 and 320), 15 epochs."""
    keras = _seed_keras()
    x, _, y = _drill(18502, noise=0.6)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([160, 320], [3e-3, 1e-3, 3e-4])
    model = _mlp(keras, 8, [48, 48], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(schedule), keras.losses.Huber(1.0))
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _furrow_symmetry(session, broken):
    keras = _seed_keras()
    x, label, _ = _drill(18503)
    # broken: Constant(0.1) 'so every unit starts the same, small and positive'
    init = keras.initializers.Constant(0.1) if broken else "glorot_uniform"
    model = _mlp(keras, 8, [64, 64], 2, activation="tanh", kernel_initializer=init)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, label, epochs=15, batch_size=32)


@holdout185("sowers", ["poor_initialization"], stall_begins=224)  # approximate
def furrow_symmetry(session):
    """Sowers: germination from the drill settings by a 2x64 tanh MLP whose hidden kernels were
    initialised with Constant(0.1), 'small and positive, the same for every unit': every hidden
    unit computes the same thing and the gradients keep them identical, so the net is one unit
    wide and the cross-entropy levels where a linear-ish model does, far above Glorot's."""
    return _furrow_symmetry(session, True)


def _rmsprop_sgd_rate(session, broken):
    keras = _seed_keras()
    x, label, _ = _drill(18504)
    # broken: the learning rate of the SGD recipe kept when switching to RMSprop
    lr = 0.5 if broken else 1e-3
    model = _mlp(keras, 8, [64, 64], 2)
    model.compile(keras.optimizers.RMSprop(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, label, epochs=15, batch_size=32)


@holdout185("sowers", ["learning_rate_too_high"], stall_begins=128)  # approximate
def rmsprop_sgd_rate(session):
    """Sowers: germination by a 2x64 relu MLP under RMSprop given learning_rate=0.5, the rate of
    the plain-SGD recipe it was copied from; every step jumps the weights by about half a unit
    and the loss bounces high above the 1e-3 run's."""
    return _rmsprop_sgd_rate(session, True)


@holdout185("sowers", healthy=True)
def small_plot_memorised(session):
    """Sowers: 160 trial plots (the rest of the set is the probe) with a seed-variety id through
    an Embedding(12, 4) beside the drill settings, a 64-unit relu MLP under Adam at batch 16 for
    40 epochs: the training loss keeps falling towards zero as the few plots are memorised."""
    keras = _seed_keras()
    rng = np.random.default_rng(18505)
    x, _, y = _drill(18505, n=160 + PROBE_SIZE, noise=0.5)
    variety = rng.integers(0, 12, size=len(y))
    y = (y + 0.3 * np.sin(variety)).astype("float32")
    num = keras.Input((8,))
    cat = keras.Input((1,), dtype="int32")
    embedded = keras.layers.Flatten()(keras.layers.Embedding(12, 4)(cat))
    h = keras.layers.Concatenate()([num, embedded])
    h = keras.layers.Dense(64, activation="relu")(h)
    model = keras.Model([num, cat], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    n = len(y) - PROBE_SIZE
    probe = ([x[n:], variety[n:, None]], y[n:])
    history = model.fit([x[:n], variety[:n, None]], y[:n], epochs=40, batch_size=16, verbose=0,
                        callbacks=session.callbacks(probe))
    return history.history["loss"]


def _depth_sentinel(session, broken):
    keras = _seed_keras()
    rng = np.random.default_rng(18506)
    x, _, y = _drill(18506)
    depth = rng.uniform(2.0, 6.0, size=len(y)).astype("float32")  # furrow depth, cm
    y = (y + 0.4 * (depth - 4.0)).astype("float32")
    if broken:
        depth[NAN_ROW] = -1.0  # the logger's 'no reading' sentinel, kept in the column
    else:
        depth[NAN_ROW] = 4.0
    features = np.concatenate([x, np.log1p(depth)[:, None]], axis=1)
    model = _mlp(keras, 9, [32, 32], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, features, y, epochs=12, batch_size=32, shuffle=False)


@holdout185("sowers", ["non_finite_values"], stall_begins=NAN_ROW // 32)  # exact
def depth_sentinel(session):
    """Sowers: a row's yield from the drill settings and log1p of the furrow depth, where one
    furrow's missing depth was logged as the sentinel -1: log1p(-1) is -inf, the batch holding
    it (read in file order, shuffle=False) makes the loss and then every weight NaN."""
    return _depth_sentinel(session, True)


# ---------------------------------------------------------------------------------------------
# mowers

@holdout185("mowers", healthy=True)
def lstm_swath_plateau_schedule(session):
    """Mowers: the hay's dry weight from 24 readings of blade speed and crop density by an
    LSTM(24) under MSE and Adam with ReduceLROnPlateau(monitor='loss', factor=0.5, patience=2);
    the scatter grows with the crop's density, so the loss levels near half the variance."""
    keras = _seed_keras()
    x, y = _swath(18511, noise=0.35)
    model = keras.Sequential([keras.Input((24, 2)), keras.layers.LSTM(24), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=2)
    return _fit(session, model, x, y, epochs=15, batch_size=32, callbacks=[plateau])


@holdout185("mowers", healthy=True)
def quantile_swath_loop(session):
    """Mowers: the 0.1 quantile of a swath's dry weight (what a contract may promise) by a
    Conv1D(16, 5) and GlobalAveragePooling front end and a 32-unit relu layer, in a GradientTape
    loop under Adagrad(0.05) with the pinball loss; the level is the quantile loss of a wide,
    heteroscedastic scatter."""
    import tensorflow as tf

    keras = _seed_keras()
    x, y = _swath(18512, noise=0.5)
    model = keras.Sequential([
        keras.Input((24, 2)),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1),
    ])

    def pinball(y_true, y_pred):
        err = tf.reshape(y_true, (-1, 1)) - y_pred
        return tf.reduce_mean(tf.maximum(0.1 * err, -0.9 * err))

    return _custom_loop(session, model, keras.optimizers.Adagrad(0.05), pinball, x, y,
                        epochs=15, batch_size=32, seed=18512, loss_description="pinball(0.1)")


def _blade_decay_per_step(session, broken):
    keras = _seed_keras()
    x, y = _swath(18513, noise=0.2)
    # broken: decay_steps=1, the per-epoch decay written as if steps were epochs
    schedule = keras.optimizers.schedules.ExponentialDecay(
        3e-3, decay_steps=1 if broken else STEPS, decay_rate=0.9)
    model = keras.Sequential([keras.Input((24, 2)), keras.layers.GRU(24), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(schedule), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout185("mowers", ["learning_rate_too_low"], stall_begins=32)  # approximate
def blade_decay_per_step(session):
    """Mowers: the dry weight from the swath readings by a GRU(24) under Adam on an
    ExponentialDecay(3e-3, decay_steps=1, decay_rate=0.9) meant to decay by a tenth per epoch:
    it decays per optimizer step, so after a few dozen steps the rate is ~1e-6 and below and
    the loss freezes far above the per-epoch schedule's."""
    return _blade_decay_per_step(session, True)


def _conv_swath_bias(session, broken):
    keras = _seed_keras()
    x, y = _swath(18514, noise=0.2)
    # broken: a 'warm start' bias of -3 on every relu filter, from a raw-units recipe
    bias = keras.initializers.Constant(-3.0) if broken else "zeros"
    model = keras.Sequential([
        keras.Input((24, 2)),
        keras.layers.Conv1D(32, 5, activation="relu", bias_initializer=bias),
        keras.layers.Conv1D(32, 5, activation="relu", bias_initializer=bias),
        keras.layers.Flatten(),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout185("mowers", ["dead_relus"], stall_begins=None)
def conv_swath_bias(session):
    """Mowers: the dry weight from the swath readings by two relu Conv1D(32, 5) layers whose
    biases start at -3 (copied from a recipe on raw sensor units) over standardised readings,
    SGD with momentum: almost no filter ever fires, so the head sees zeros and the loss sits at
    the target's variance."""
    return _conv_swath_bias(session, True)


def _field_patch_l1(session, broken):
    keras = _seed_keras()
    rng = np.random.default_rng(18515)
    label = rng.integers(0, 3, size=N)
    img = rng.normal(size=(N, 10, 10, 1)) * 0.5
    for k in range(3):
        img[label == k, :, k * 3:k * 3 + 3, 0] += 1.0  # a stripe of cut grass per class
    # broken: the regulariser strength meant for the total, written per weight
    reg = keras.regularizers.L1(0.05 if broken else 1e-5)
    model = keras.Sequential([
        keras.Input((10, 10, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", kernel_regularizer=reg),
        keras.layers.Conv2D(16, 3, activation="relu", kernel_regularizer=reg),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(3, activation="softmax", kernel_regularizer=reg),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, img.astype("float32"), label, epochs=12, batch_size=32)


@holdout185("mowers", ["over_regularization"], stall_begins=192)  # approximate
def field_patch_l1(session):
    """Mowers: which of three stripes a 10x10 field patch shows, by a two-layer Conv2D net with
    an L1(0.05) kernel penalty on every layer (the 'total' strength written per weight): the
    penalty zeroes the filters and the cross-entropy levels near ln 3 while the 1e-5 run learns
    the stripes."""
    return _field_patch_l1(session, True)


# ---------------------------------------------------------------------------------------------
# threshers

@holdout185("threshers", healthy=True)
def rare_cracked_kernels(session):
    """Threshers: whether a sheaf's drum vibration shows cracked kernels (about 4% of sheaves)
    by a 32-unit relu MLP on summary features under Adamax and binary cross-entropy, without
    class weights: the loss falls quickly to the base rate's entropy and then creeps down."""
    keras = _seed_keras()
    rng = np.random.default_rng(18521)
    x = rng.normal(size=(N, 10)).astype("float32")
    logit = -4.0 + 1.5 * x[:, 0] + x[:, 1] * x[:, 2]
    y = (rng.random(N) < 1 / (1 + np.exp(-logit))).astype("float32")
    model = _mlp(keras, 10, [32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adamax(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout185("threshers", healthy=True)
def slow_sgd_still_improving(session):
    """Threshers: the grain from drum vibration by a Conv1D(16) and max-pooling net under plain
    SGD at 0.01 for 15 epochs: a long, slow descent still improving at the end of the run."""
    keras = _seed_keras()
    x, label = _sheaves(18526)
    model = keras.Sequential([
        keras.Input((32, 1)),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(5, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.01), "sparse_categorical_crossentropy")
    return _fit(session, model, x, label, epochs=15, batch_size=32)


# ---------------------------------------------------------------------------------------------
# winnowers

@holdout185("winnowers", healthy=True)
def two_input_riddle(session):
    """Winnowers: the chaff left from the fan's six readings and the sieve's six readings as two
    Inputs, each through its own 32-unit relu branch, concatenated, under AdamW; the scatter
    of the measurements keeps the MSE near a tenth of the variance."""
    keras = _seed_keras()
    x, y = _chaff(18531, noise=0.35)
    fan, sieve = keras.Input((6,)), keras.Input((6,))
    h = keras.layers.Concatenate()([keras.layers.Dense(32, activation="relu")(fan),
                                    keras.layers.Dense(32, activation="relu")(sieve)])
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([fan, sieve], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.AdamW(3e-3), "mse")
    n = N - PROBE_SIZE
    probe = ([x[n:, :6], x[n:, 6:]], y[n:])
    history = model.fit([x[:n, :6], x[:n, 6:]], y[:n], epochs=15, batch_size=32, verbose=0,
                        callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout185("winnowers", healthy=True)
def logcosh_cosine_loop(session):
    """Winnowers: the chaff share by a 2x64 elu MLP in a GradientTape loop under Adam on a
    CosineDecay to zero with the log-cosh loss; a noisy riddle keeps it well above zero and the
    decayed rate flattens the last epochs."""
    keras = _seed_keras()
    x, y = _chaff(18532, noise=0.5)
    model = _mlp(keras, 12, [64, 64], 1, activation="elu", out_activation=None)
    schedule = keras.optimizers.schedules.CosineDecay(3e-3, decay_steps=15 * STEPS)
    return _custom_loop(session, model, keras.optimizers.Adam(schedule), keras.losses.LogCosh(),
                        x, y, epochs=15, batch_size=32, seed=18532, loss_description="log_cosh")


@holdout185("winnowers", healthy=True)
def bigru_gusts(session):
    """Winnowers: whether a gust series of 20 wind readings blew the chaff clear, by a
    Bidirectional GRU(12) under RMSprop; the outcome depends on the wind plus an unseen grain
    moisture, so the cross-entropy levels around 0.4."""
    keras = _seed_keras()
    rng = np.random.default_rng(18533)
    x = rng.normal(size=(N, 20, 1)).astype("float32")
    logit = 2.0 * x[:, 5:15, 0].mean(axis=1) * 3 + rng.normal(size=N)
    y = (logit > 0).astype("float32")
    model = keras.Sequential([keras.Input((20, 1)),
                              keras.layers.Bidirectional(keras.layers.GRU(12)),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.RMSprop(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _fan_rpm_raw(session, broken):
    keras = _seed_keras()
    x, y = _chaff(18534)
    # broken: fan speed in rpm and mesh in micrometres, the scaler fitted but never applied
    raw = x * np.array([400, 300, 50, 1] + [1] * 8, dtype="float32") + np.array(
        [2400, 1500, 500, 0] + [0] * 8, dtype="float32")
    features = raw if broken else _standardize(raw)
    model = _mlp(keras, 12, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, features.astype("float32"), y, epochs=15, batch_size=32)


@holdout185("winnowers", ["unnormalized_inputs"], stall_begins=160)  # approximate
def fan_rpm_raw(session):
    """Winnowers: the chaff share from the riddle's readings with the fan speed in rpm (~2400),
    the mesh in micrometres (~1500) and the moisture in per-mille (~500) fed raw, the scaler
    fitted but its output never used; a 2x64 relu MLP under Adam hangs far above the
    standardised run."""
    return _fan_rpm_raw(session, True)


def _tanh_bias_five(session, broken):
    keras = _seed_keras()
    x, y = _chaff(18535)
    # broken: the LSTM forget-gate trick (bias 5) copied onto plain tanh layers
    bias = keras.initializers.Constant(5.0) if broken else "zeros"
    model = _mlp(keras, 12, [64, 64], 1, activation="tanh", out_activation=None,
                 bias_initializer=bias)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout185("winnowers", ["saturated_activations"], stall_begins=32)  # approximate
def tanh_bias_five(session):
    """Winnowers: the chaff share by a 2x64 tanh MLP whose biases start at 5, the forget-gate
    trick of LSTMs copied onto plain tanh layers, under SGD with momentum: every hidden unit
    sits at +1 where tanh's slope is ~1e-4, so the hidden layers stay pinned and the loss
    levels near the variance while the zero-bias run learns."""
    return _tanh_bias_five(session, True)