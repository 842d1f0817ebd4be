"""The hundred-and-seventy-first held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades keep the records: shearmen (fleece weights, wool grades), salters (brine gauges,
salt-pan yields), poulters (hens and their eggs) and broderers (embroidery samplers, pattern
books, finished-work inspections). Every data set is synthetic, from a fixed seed of this file
(17101..17138); the last PROBE_SIZE rows of each are the probe and are never trained on.

Healthy but imperfect (12, no causes). Shearmen: fleece weight with size-dependent noise, an
MLP under ReduceLROnPlateau, creeping towards its noise floor; wool grades with 20% mistyped
grades under a PiecewiseConstantDecay SGD schedule, stepping down at each cut to the noise;
a custom GradientTape loop with a Huber loss on fleece weights with decimal-slip outliers.
Salters: a GRU brine forecaster under warm-up then cosine decay, flattening at the gauge
noise; the 10th-percentile pan yield with a pinball loss on storm-skewed, heavy-tailed
yields, still easing down; a Conv1D forecaster on one season's small log, 40 epochs of
batch 16, which falls then levels. Poulters: weekly egg counts with the Poisson loss and an
exponential output (a negative loss whose floor is the count's randomness); a rare (~4%),
mostly unpredictable illness with class_weight; egg weight from a two-input model (breed
embedding plus measurements). Broderers: a CNN on sampler patches with 12% misfiled; a
self-attention model on pattern-book rows with 15% misfiled, creeping down slowly; an LSTM
in a custom loop on the rows with 10% misfiled.

Broken (12, one per cause; each helper `_name(session, broken)` trains the mistaken or the
corrected run, and both were compared from their own loss curves). Shearmen: Adam at 0.5 for
5e-4 (learning_rate_too_high); a custom loop whose kernels all start at the constant 0.1, so
each layer's units stay identical (poor_initialization); an L1 penalty of 0.05 on every kernel
(over_regularization). Salters: a GRU under RMSprop at a fine-tuning rate of 2e-6
(learning_rate_too_low); a tanh SimpleRNN with recurrent gain 3, chaotic, whose gradient spikes
by orders of magnitude under SGD+momentum without clipping and whose loss stays high without
reaching NaN (exploding_gradients); log(inflow) with inflow 0 on sluice-shut days, -inf in the
features, NaN from the next step (non_finite_values). Poulters: raw units (a day-number hatch
date, grams) into a relu MLP under SGD (unnormalized_inputs); relu layers whose biases start at
-3 (dead_relus); a sigmoid head copied onto a Poisson count regression
(loss_activation_mismatch). Broderers: eight sigmoid layers under SGD
(vanishing_gradients); tanh layers on flattened patches whose kernels start uniform in
[0, 0.5], all positive, so every unit is pinned at +1 (saturated_activations); a single
Dense(2) tanh hidden layer for four curved grades (insufficient_capacity).

Dropped or changed because they did not behave as intended (checked on the loss curves with
Session(None) only): a relu net with a BatchNormalization shift initialized to -3 (BatchNorm's
shift learns its way back, so the loss kept falling; replaced by negative Dense biases, and
their Adam rate raised to 1e-2 so the output bias alone settles quickly); positive-uniform
[0, 0.1] tanh kernels (the pre-activations were only ~1-3, and Adam unstuck the units after
~150 steps; widened to [0, 0.5]); a CNN with filters=1 and an Embedding with output_dim=1
for insufficient capacity (both kept improving slowly to the end; replaced by the Dense(2)
layer); a relu network reading -inf features (relu turns NaN into 0, so the loss stayed finite
and crawled down with the output bias; the layers are tanh now and the loss turns NaN); the
constant-init scenario as a regression (a single tanh unit already did nearly as well as the
full net; moved to the grades); the raw-units scenario as an Adam MSE regression (the loss
stayed huge but kept falling a few percent an epoch; now a classification under SGD that
settles at the prior). Large N(0, 1) tanh/sigmoid kernels were tried for saturation and
learned faster than the Glorot net, so they are not here.

Labels: `expected_causes[0]` is the root cause the scenario was built around, and each broken
run lists only that one. `stall_begins` is the 0-based optimizer step (batches over the whole
run, 32 a Keras epoch, 32 a custom-loop epoch) from which the loss stops improving, None when
it never improves. It is exact for the NaN scenario (the first NaN loss is step 10: the batch
holding the first -inf row, step 9, still has a finite loss); every other number was read off
the per-step loss and is approximate (marked so beside the scenario).
"""
import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _standardize, registrar

FAMILIES = ('shearmen', 'salters', 'poulters', 'broderers')

REGISTRY = []
holdout171 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, class_weight=None):
    """`_fit` for a model with a list of inputs (and an optional class_weight): model.fit on
    all but the last PROBE_SIZE examples, the probe. Returns the per-epoch training loss."""
    train = [part[:-PROBE_SIZE] for part in inputs]
    probe = ([part[-PROBE_SIZE:] for part in inputs], y[-PROBE_SIZE:])
    if len(inputs) == 1:
        train, probe = train[0], (probe[0][0], probe[1])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        class_weight=class_weight, verbose=0,
                        callbacks=session.callbacks(probe))
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# data: each trade's records, generated from a fixed seed


def _fleeces(n, seed):
    """A shearman's fleece book: 8 standardized measurements of a sheep (age, body weight,
    staple length, crimp, days since the last clip, pasture, breed score, fibre diameter) and
    the fleece weight in kg, whose noise grows with the sheep's size."""
    r = np.random.default_rng(seed)
    z = r.normal(size=(n, 8))
    size = 1.0 + 0.3 * np.tanh(z[:, 1])
    mean = (4.0 + 0.8 * z[:, 1] + 0.5 * np.tanh(z[:, 2]) + 0.4 * z[:, 4] * (z[:, 4] > 0)
            - 0.3 * z[:, 0] ** 2 / 2 + 0.3 * np.sin(2.0 * z[:, 3]) + 0.2 * z[:, 5] * z[:, 6])
    weight = mean + 0.35 * size * r.normal(size=n)
    return z.astype("float32"), weight.astype("float32")


def _wool_grades(n, seed, flip=0.0):
    """Wool graded into 4 classes from 8 standardized fibre measurements; a fraction `flip` of
    the grades were written down wrong by a tired grader (replaced by a random grade)."""
    r = np.random.default_rng(seed)
    z = r.normal(size=(n, 8))
    s = 1.2 * z[:, 0] + np.sin(2.0 * z[:, 1]) + 0.8 * z[:, 2] * z[:, 3] - 0.5 * z[:, 4] ** 2
    y = np.digitize(s, np.quantile(s, [0.25, 0.5, 0.75]))
    wrong = r.random(n) < flip
    y[wrong] = r.integers(0, 4, size=wrong.sum())
    return z.astype("float32"), y.astype("int32")


def _finished_work(n, seed):
    """A broderers' guild inspection book: finished pieces graded into 4 qualities from 8
    standardized measurements (stitch density, tension, registration, ...); the grades depend on
    them the same curved way the wool grades do on fibre measurements."""
    return _wool_grades(n, seed)


def _brine(n, seed, length=24):
    """A salt works' brine gauge: hourly salinity readings (a tidal cycle, evaporation drift and
    gauge noise), standardized; the target is the next reading."""
    r = np.random.default_rng(seed)
    t = np.arange(length + 1)[None, :]
    phase = r.uniform(0, 2 * np.pi, size=(n, 1))
    drift = r.normal(0.0, 0.04, size=(n, 1)) * t
    series = np.sin(2 * np.pi * t / 12.4 + phase) + drift + r.normal(0.0, 0.1, (n, length + 1))
    series = (series - series.mean()) / series.std()
    return series[:, :length, None].astype("float32"), series[:, length].astype("float32")


def _pans(n, seed):
    """A salter's pan log: 6 standardized conditions of a day (sun hours, wind, temperature,
    humidity, brine depth, days since raking) and the salt raked from the pan (tonnes, a
    skewed, heavy-tailed quantity: storms spoil some pans)."""
    r = np.random.default_rng(seed)
    z = r.normal(size=(n, 6))
    mean = 2.0 + 0.7 * z[:, 0] + 0.4 * z[:, 1] - 0.5 * z[:, 3] + 0.3 * np.sin(2 * z[:, 4])
    spoil = r.random(n) < 0.08
    tonnes = mean + 0.3 * r.standard_t(3, size=n) - spoil * r.uniform(1.0, 3.0, size=n)
    return z.astype("float32"), tonnes.astype("float32")


def _hens(n, seed):
    """A poulter's flock records: 7 standardized measurements of a hen (age, weight, feed, daylight,
    coop temperature, molt score, laying history) and the eggs she laid in a week."""
    r = np.random.default_rng(seed)
    z = r.normal(size=(n, 7))
    rate = np.exp(1.2 + 0.35 * z[:, 3] - 0.25 * z[:, 0] ** 2 / 2 + 0.2 * z[:, 2]
                  - 0.3 * np.maximum(z[:, 5], 0) + 0.15 * z[:, 6])
    eggs = r.poisson(rate)
    return z.astype("float32"), eggs.astype("float32"), rate


def _samplers(n, seed, size=16, classes=4, noise=0.15):
    """Scanned embroidery samplers: 16x16 grayscale patches (values in [0, 1]) of one of four
    stitches (horizontal satin, vertical satin, cross stitch, chain of dots) at a random place,
    on linen with its own weave noise."""
    r = np.random.default_rng(seed)
    images = np.zeros((n, size, size), dtype="float32")
    y = r.integers(0, classes, size=n)
    yy, xx = np.mgrid[0:size, 0:size]
    for i in range(n):
        h = r.integers(3, 6)
        cy, cx = r.integers(h, size - h, size=2)
        box = (np.abs(yy - cy) <= h) & (np.abs(xx - cx) <= h)
        if y[i] == 0:
            mask = box & ((yy - cy) % 2 == 0)
        elif y[i] == 1:
            mask = box & ((xx - cx) % 2 == 0)
        elif y[i] == 2:
            mask = box & ((np.abs(yy - cy) == np.abs(xx - cx)))
        else:
            mask = box & ((yy - cy) % 3 == 0) & ((xx - cx) % 3 == 0)
        images[i][mask] = 1.0
    images += r.normal(0.0, noise, size=images.shape).astype("float32")
    return np.clip(images, 0.0, 1.0)[..., None], y.astype("int32")


def _stitch_sequences(n, seed, length=20, vocab=24, flip=0.0):
    """A broderer's pattern book as token sequences: each row of a pattern is `length` stitch
    codes (vocab of 24); the label (one of 4 motifs) is set by which of four marker stitches
    occurs most often in the row, among filler stitches. `flip` of the labels are misfiled."""
    r = np.random.default_rng(seed)
    x = r.integers(4, vocab, size=(n, length))
    y = r.integers(0, 4, size=n)
    for i in range(n):
        k = r.integers(3, 6)
        pos = r.choice(length, size=k + 2, replace=False)
        x[i, pos[:k]] = y[i]
        x[i, pos[k:]] = r.integers(0, 4, size=2)
    wrong = r.random(n) < flip
    y[wrong] = r.integers(0, 4, size=wrong.sum())
    return x.astype("int32"), y.astype("int32")


# ---------------------------------------------------------------------------------------------
# shearmen: fleece weights and wool grades


@holdout171("shearmen", healthy=True)
def fleece_weight_plateau_schedule(session):
    """Fleece weight (kg) from 8 sheep measurements, 2x64 relu MLP, Adam 3e-3 with
    ReduceLROnPlateau (factor 0.3, patience 2) standing by: the clip's weight has noise that grows
    with the sheep, so the MSE creeps down ever more slowly towards that noise (about 0.12),
    well above zero."""
    keras = _keras()
    x, y = _fleeces(N, seed=17101)
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    cut = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.3, patience=2,
                                            min_lr=1e-5)
    return _fit(session, model, x, y, epochs=24, batch_size=32, callbacks=[cut])


@holdout171("shearmen", healthy=True)
def wool_grades_tired_grader(session):
    """Wool graded into 4 classes, 20% of the grades written down wrong; 2x64 relu MLP, SGD with
    momentum 0.9 on a PiecewiseConstantDecay (0.05, then 0.01 after 300 steps, 0.002 after 600):
    the cross-entropy steps down at each cut and levels off far above zero, at the noise."""
    keras = _keras()
    x, y = _wool_grades(N, seed=17102, flip=0.2)
    rate = keras.optimizers.schedules.PiecewiseConstantDecay([300, 600], [0.05, 0.01, 0.002])
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(rate, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=24, batch_size=32)


@holdout171("shearmen", healthy=True)
def fleece_huber_custom_loop(session):
    """Custom GradientTape loop: fleece weight with 3% of the entries mistyped (a decimal point
    slipped, weights x10), learned with a Huber loss (delta 1) by a 2x48 elu MLP, Adam 2e-3.
    The loss falls quickly, then creeps down and levels at the noise and the outliers' linear
    part, far above zero."""
    keras = _keras()
    x, y = _fleeces(N, seed=17103)
    slip = np.random.default_rng(17104).random(N) < 0.03
    y = np.where(slip, y * 10.0, y).astype("float32")
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(48, activation="elu"),
        keras.layers.Dense(48, activation="elu"),
        keras.layers.Dense(1),
    ])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), keras.losses.Huber(1.0),
                        x, y[:, None], epochs=16, batch_size=32, seed=17103)


def _grades_rate_typo(session, broken):
    keras = _keras()
    x, y = _wool_grades(N, seed=17105)
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    rate = 0.5 if broken else 5e-4
    model.compile(keras.optimizers.Adam(rate), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout171("shearmen", ["learning_rate_too_high"], stall_begins=60)  # approximate
def wool_grades_rate_typo(session):
    """Wool grades, 2x64 relu MLP with Adam at 0.5: the config file said 5e-4 and was read as
    5e-1. The first steps throw the weights far, the relus die or saturate the softmax, and after
    two epochs the loss sits just above the constant-guess level and never comes down."""
    return _grades_rate_typo(session, broken=True)


def _grades_constant_init(session, broken):
    keras = _keras()
    x, y = _wool_grades(N, seed=17106)
    init = keras.initializers.Constant(0.1) if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(64, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(64, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(4, kernel_initializer=init),
    ])
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.Adam(1e-2), loss, x, y, epochs=14,
                        batch_size=32, seed=17106)


@holdout171("shearmen", ["poor_initialization"], stall_begins=40)  # approximate
def grades_constant_init(session):
    """Custom loop, wool grades (logits, from_logits cross-entropy) by a 2x64 tanh MLP, Adam
    1e-2, whose kernels were all initialized to the
    constant 0.1 ("small and positive", to be reproducible): every unit of a layer computes the
    same thing and gets the same update, so the 64 units stay one, and after its first epoch
    the loss stays where a single tanh unit per layer leaves it."""
    return _grades_constant_init(session, broken=True)


def _grades_l1(session, broken):
    keras = _keras()
    x, y = _wool_grades(N, seed=17107)
    penalty = keras.regularizers.L1(0.05 if broken else 1e-5)
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(96, activation="relu", kernel_regularizer=penalty),
        keras.layers.Dropout(0.1),
        keras.layers.Dense(96, activation="relu", kernel_regularizer=penalty),
        keras.layers.Dense(4, activation="softmax", kernel_regularizer=penalty),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout171("shearmen", ["over_regularization"], stall_begins=150)  # approximate
def wool_grades_l1_penalty(session):
    """Wool grades, 2x96 relu MLP with an L1 penalty of 0.05 on every kernel (a sparsity recipe's
    value for a model with a thousand times fewer weights): the penalty pulls almost every weight
    to zero and the loss stays near the constant guess."""
    return _grades_l1(session, broken=True)


# ---------------------------------------------------------------------------------------------
# salters: brine gauges and salt pans


@holdout171("salters", healthy=True)
def brine_gru_warmup_cosine(session):
    """Next brine-gauge reading from the last 24 hours with a 24-unit GRU, Adam under a linear
    warm-up (60 steps) to 5e-3 and a cosine decay to zero: the loss falls, flattens at the
    gauge noise as the rate decays, far above zero."""
    keras = _keras()
    x, y = _brine(N, seed=17111)
    steps = 16 * ((N - PROBE_SIZE) // 32)
    rate = keras.optimizers.schedules.CosineDecay(0.0, steps - 60, warmup_target=5e-3,
                                                  warmup_steps=60)
    model = keras.Sequential([keras.Input((24, 1)), keras.layers.GRU(24), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(rate), "mse")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


@holdout171("salters", healthy=True)
def pan_yield_lower_quantile(session):
    """Salt raked from a pan: the 10th percentile (what the salter can promise) with the pinball
    loss, 2x32 relu MLP, Adam 2e-3. The heavy-tailed, storm-skewed yields leave the pinball
    loss flat at a positive floor; a quantile loss never reaches zero."""
    keras = _keras()
    x, y = _pans(N, seed=17112)

    def pinball(target, prediction):
        error = target - prediction
        return keras.ops.mean(keras.ops.maximum(0.1 * error, -0.9 * error), axis=-1)

    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(2e-3), pinball)
    return _fit(session, model, x, y[:, None], epochs=20, batch_size=32)


@holdout171("salters", healthy=True)
def brine_conv1d_small_log(session):
    """One season's brine log (only 192 training windows) through a Conv1D(16, 5) +
    Conv1D(16, 3) + pooling regressor, Adam 3e-3, 40 epochs of batch 16: the training loss keeps
    falling for a dozen epochs, then levels at the gauge noise; nothing is wrong."""
    keras = _keras()
    x, y = _brine(192 + PROBE_SIZE, seed=17113)
    model = keras.Sequential([
        keras.Input((24, 1)),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.Conv1D(16, 3, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


def _brine_tiny_rate(session, broken):
    keras = _keras()
    x, y = _brine(N, seed=17114)
    model = keras.Sequential([keras.Input((24, 1)), keras.layers.GRU(24), keras.layers.Dense(1)])
    model.compile(keras.optimizers.RMSprop(2e-6 if broken else 2e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout171("salters", ["learning_rate_too_low"], stall_begins=None)
def brine_gru_fine_tune_rate(session):
    """Next brine reading with a 24-unit GRU trained from scratch with RMSprop at 2e-6, the rate
    of the fine-tuning recipe it was copied from: the loss barely moves from its first value."""
    return _brine_tiny_rate(session, broken=True)


def _brine_chaotic_rnn(session, broken):
    keras = _keras()
    x, y = _brine(N, seed=17115, length=30)
    gain = 3.0 if broken else 1.0
    model = keras.Sequential([
        keras.Input((30, 1)),
        keras.layers.SimpleRNN(32, recurrent_initializer=keras.initializers.Orthogonal(
            gain=gain, seed=17115)),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout171("salters", ["exploding_gradients"], stall_begins=60)  # approximate
def brine_rnn_recurrent_gain(session):
    """Next brine reading, tanh SimpleRNN over 30 hours whose recurrent matrix was initialized
    orthogonal with gain 3 ("to carry the tide further"), SGD 0.02 + momentum 0.9, no clipping:
    the state is chaotic, the gradient through time spikes by orders of magnitude every few
    batches and each spike throws the weights, so after two epochs the loss stays about eight
    times above the gain-1 net's."""
    return _brine_chaotic_rnn(session, broken=True)


PAN_ZERO_ROW = 300  # the first pan logged with no brine inflow, read in file order (batch 32)


def _pan_log_inflow(session, broken):
    keras = _keras()
    x, y = _pans(N, seed=17116)
    inflow = np.exp(x[:, 4]).astype("float32")  # brine inflow in m^3, a positive quantity
    inflow[PAN_ZERO_ROW::97] = 0.0  # a sluice shut for repairs
    feature = np.log(inflow) if broken else np.log1p(inflow)
    x = np.concatenate([x[:, :4], feature[:, None], x[:, 5:]], axis=1).astype("float32")
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(48, activation="tanh"),
        keras.layers.Dense(48, activation="tanh"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32, shuffle=False)


@holdout171("salters", ["non_finite_values"], stall_begins=PAN_ZERO_ROW // 32 + 1)
def pan_log_of_zero_inflow(session):
    """Salt yield from the pan log, where the brine inflow is fed as log(inflow): on days the
    sluice was shut the inflow is 0 and the feature is -inf. The log is read in date order (no
    shuffling); the first such day is in batch 9 (0-based), whose loss is still finite (tanh of
    -inf is -1) but whose gradients are NaN; from the next step on the weights and the loss are
    NaN for the rest of the 8 epochs."""
    return _pan_log_inflow(session, broken=True)


# ---------------------------------------------------------------------------------------------
# poulters: hens and eggs


@holdout171("poulters", healthy=True)
def weekly_eggs_poisson(session):
    """Eggs a hen lays in a week (a Poisson count, mean ~3) from 7 measurements, 2x32 relu MLP
    with an exponential output and the Poisson loss, Adam 3e-3: the loss flattens at the
    count's own randomness, a floor well above zero."""
    keras = _keras()
    x, y, _ = _hens(N, seed=17121)
    model = keras.Sequential([
        keras.Input((7,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="exponential"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit(session, model, x, y[:, None], epochs=16, batch_size=32)


@holdout171("poulters", healthy=True)
def sick_hens_class_weight(session):
    """Which hens fall ill (4% of the flock, partly by chance) from their measurements, a 2x32
    relu MLP with a sigmoid output, binary cross-entropy with class_weight {0: 1, 1: 12},
    Adam 1e-3: the weighted loss falls a little and stays high, the illness being mostly
    unpredictable."""
    keras = _keras()
    x, _, rate = _hens(N, seed=17122)
    r = np.random.default_rng(17123)
    risk = 1.0 / (1.0 + np.exp(-(-4.2 + 1.0 * x[:, 5] + 0.6 * x[:, 0] - 0.3 * np.log(rate))))
    y = (r.random(N) < risk).astype("float32")
    model = keras.Sequential([
        keras.Input((7,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_inputs(session, model, [x], y[:, None], epochs=16, batch_size=32,
                       class_weight={0: 1.0, 1: 12.0})


@holdout171("poulters", healthy=True)
def egg_weight_breed_embedding(session):
    """Egg weight (standardized grams) from a hen's breed (one of 12, through a 4-wide Embedding)
    and her 7 measurements, a two-input functional model (concatenate, 2x32 relu), Adam 2e-3:
    eggs of the same hen vary, so the MSE levels off at about 0.3, not zero."""
    keras = _keras()
    x, _, _ = _hens(N, seed=17124)
    r = np.random.default_rng(17125)
    breed = r.integers(0, 12, size=N).astype("int32")
    breed_size = r.normal(0.0, 0.8, size=12)
    grams = (breed_size[breed] + 0.5 * x[:, 1] + 0.3 * np.tanh(x[:, 2]) - 0.2 * x[:, 0]
             + 0.55 * r.normal(size=N))
    y = ((grams - grams.mean()) / grams.std()).astype("float32")
    breed_in = keras.Input((1,), dtype="int32")
    numbers_in = keras.Input((7,))
    embedded = keras.layers.Flatten()(keras.layers.Embedding(12, 4)(breed_in))
    h = keras.layers.Concatenate()([embedded, numbers_in])
    h = keras.layers.Dense(32, activation="relu")(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([breed_in, numbers_in], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit_inputs(session, model, [breed[:, None], x], y[:, None], epochs=14,
                       batch_size=32)


def _raw_hens(x):
    """The flock records in the units the poultry keeper logs them in."""
    scale = np.array([150.0, 250.0, 15.0, 2.0, 5.0, 1.2, 6.0], dtype="float32")
    offset = np.array([45300.0, 1800.0, 115.0, 14.0, 20.0, 2.0, 20.0], dtype="float32")
    return (x * scale + offset).astype("float32")


def _layers_raw_units(session, broken):
    keras = _keras()
    x, eggs, _ = _hens(N, seed=17126)
    x = _raw_hens(x) if broken else _standardize(_raw_hens(x))
    good = (eggs >= 4).astype("float32")
    model = keras.Sequential([
        keras.Input((7,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "binary_crossentropy")
    return _fit(session, model, x, good[:, None], epochs=12, batch_size=32)


@holdout171("poulters", ["unnormalized_inputs"], stall_begins=50)  # approximate
def good_layers_raw_units(session):
    """Which hens lay 4 or more eggs a week (binary cross-entropy), a 2x64 relu MLP with SGD
    0.01 + momentum, fed the keeper's raw columns: the hatch date as a day number (~45,300),
    body weight in grams (~1,800), feed in grams, daylight hours, coop temperature, molt score,
    last month's eggs. The first steps are enormous, the relus end up pinned by the day number
    and the grams, and within the first epoch the loss settles at the class prior's entropy."""
    return _layers_raw_units(session, broken=True)


def _eggs_dead_units(session, broken):
    keras = _keras()
    x, y, _ = _hens(N, seed=17127)
    bias = keras.initializers.Constant(-3.0 if broken else 0.0)
    model = keras.Sequential([
        keras.Input((7,)),
        keras.layers.Dense(64, activation="relu", bias_initializer=bias),
        keras.layers.Dense(64, activation="relu", bias_initializer=bias),
        keras.layers.Dense(1, activation="exponential"),
    ])
    model.compile(keras.optimizers.Adam(1e-2), "poisson")
    return _fit(session, model, x, y[:, None], epochs=12, batch_size=32)


@holdout171("poulters", ["dead_relus"], stall_begins=150)  # approximate
def weekly_eggs_negative_bias(session):
    """Weekly eggs (Poisson loss, exponential output) from a 2x64 relu net whose
    biases were initialized to -3, copied from a sparse-coding recipe: every pre-activation sits
    far below zero, so every relu outputs 0 for every hen and passes no gradient back; only the
    output bias learns (Adam 1e-2), and after ~5 epochs the loss is flat, well above the
    working net's."""
    return _eggs_dead_units(session, broken=True)


def _eggs_copied_head(session, broken):
    keras = _keras()
    x, y, _ = _hens(N, seed=17128)
    model = keras.Sequential([
        keras.Input((7,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid" if broken else "exponential"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit(session, model, x, y[:, None], epochs=12, batch_size=32)


@holdout171("poulters", ["loss_activation_mismatch"], stall_begins=50)  # approximate
def weekly_eggs_sigmoid_head(session):
    """Weekly eggs with the Poisson loss, but the output layer was copied from the sick-hen
    classifier and keeps its sigmoid: the predicted rate can never pass 1 egg while hens lay
    about 3, so the loss is pinned against the ceiling."""
    return _eggs_copied_head(session, broken=True)


# ---------------------------------------------------------------------------------------------
# broderers: stitched samplers and pattern books


@holdout171("broderers", healthy=True)
def sampler_cnn_misfiled(session):
    """Scanned sampler patches classified into 4 stitches by a Conv2D(16)-pool-Conv2D(32)-GAP
    CNN, Adam 2e-3, with 12% of the patches misfiled under a random stitch: the loss falls and
    levels at the misfiling's floor, far above zero."""
    keras = _keras()
    x, y = _samplers(N, seed=17131)
    wrong = np.random.default_rng(17132).random(N) < 0.12
    y = np.where(wrong, np.random.default_rng(17133).integers(0, 4, size=N), y).astype("int32")
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout171("broderers", healthy=True)
def pattern_rows_attention(session):
    """Pattern-book rows (20 stitch codes) classified into 4 motifs by an Embedding(24, 16) +
    2-head self-attention + average pooling model, Adam 2e-3, 15% of the rows misfiled: a fast first
    epoch, then a long, slow creep down towards the misfiling's floor, far above zero."""
    keras = _keras()
    x, y = _stitch_sequences(N, seed=17134, flip=0.15)
    tokens = keras.Input((20,), dtype="int32")
    h = keras.layers.Embedding(24, 16)(tokens)
    attended = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.LayerNormalization()(h + attended)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(tokens, keras.layers.Dense(4, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout171("broderers", healthy=True)
def pattern_rows_lstm_custom_loop(session):
    """Custom GradientTape loop: pattern-book rows through Embedding(24, 8) and a 32-unit LSTM,
    logits and a from_logits cross-entropy, Adam 3e-3, 10% of the rows misfiled. The loss drops
    fast in the first three epochs and then creeps down, noisily, at the misfiling's floor."""
    keras = _keras()
    x, y = _stitch_sequences(N, seed=17135, flip=0.1)
    model = keras.Sequential([
        keras.Input((20,), dtype="int32"),
        keras.layers.Embedding(24, 8),
        keras.layers.LSTM(32),
        keras.layers.Dense(4),
    ])
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), loss, x, y, epochs=14,
                        batch_size=32, seed=17135)


def _rows_deep_sigmoid(session, broken):
    keras = _keras()
    x, y = _stitch_sequences(N, seed=17136)
    act = "sigmoid" if broken else "relu"
    init = "glorot_uniform" if broken else "he_normal"
    model = keras.Sequential(
        [keras.Input((20,), dtype="int32"), keras.layers.Embedding(24, 8),
         keras.layers.Flatten()]
        + [keras.layers.Dense(48, activation=act, kernel_initializer=init) for _ in range(8)]
        + [keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout171("broderers", ["vanishing_gradients"], stall_begins=None)
def pattern_rows_deep_sigmoid(session):
    """Pattern-book rows, Embedding + Flatten + eight Dense(48) sigmoid layers (an old
    textbook's deep net), SGD 0.05 + momentum: each sigmoid passes back at most a quarter of
    the gradient, so the embedding and the first layers get almost nothing and the loss stays
    at log 4."""
    return _rows_deep_sigmoid(session, broken=True)


def _samplers_positive_init(session, broken):
    keras = _keras()
    x, y = _samplers(N, seed=17137)
    init = keras.initializers.RandomUniform(0.0, 0.5, seed=17137) if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Flatten(),
        keras.layers.Dense(64, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(64, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout171("broderers", ["saturated_activations"], stall_begins=50)  # approximate
def samplers_tanh_positive_weights(session):
    """Flattened sampler patches (256 pixels in [0, 1]) through two Dense(64) tanh layers whose
    kernels were initialized uniform in [0, 0.5], a "start the units active" habit carried over
    from relu nets: every pre-activation is a sum of positive terms (several units in the first
    layer, over ten in the second), the units sit at tanh = 1 for every patch and pass back no
    gradient; the softmax layer learns the class prior and the loss stays at log 4."""
    return _samplers_positive_init(session, broken=True)


def _work_grades_bottleneck(session, broken):
    keras = _keras()
    x, y = _finished_work(N, seed=17138)
    model = keras.Sequential(
        [keras.Input((8,))]
        + [keras.layers.Dense(h, activation="tanh") for h in ((2,) if broken else (64, 64))]
        + [keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-2), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout171("broderers", ["insufficient_capacity"], stall_begins=150)  # approximate
def finished_work_two_unit_layer(session):
    """Finished pieces graded into 4 qualities from 8 inspection measurements by a net whose only
    hidden layer is Dense(2, tanh), kept from a notebook that plotted the hidden layer in 2-D:
    two tanh units cannot draw the curved grade boundaries; the loss falls for five epochs and
    levels far above what a 2x64 net reaches."""
    return _work_grades_bottleneck(session, broken=True)
