"""The two-hundred-and-forty-fourth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Twenty-four small trainings in four trades, six each, half healthy and half broken. Every data
set is generated here from a fixed seed (24401-24436); the last PROBE_SIZE rows of each are the
probe and are never trained on. Each broken run was trained beside its fixed twin (the same
helper with broken=False) without tb-plateau, and kept only where the broken loss stops well
above the twin's.

Healthy half (correct models, trained correctly, whose loss flattens above zero or moves in
unusual ways because of the data or the schedule):
- bucket makers of Bewdley: a relu MLP on a bucket's measurements predicting whether it weeps,
  with a fifth of the overnight-test labels wrong (the cross-entropy flattens near 0.5); a wide
  MLP on one apprentice's ledger of 96 buckets, 40 epochs, which memorises it (the training
  loss keeps falling towards zero); and a seepage regression with irreducible noise trained
  with Adam and ReduceLROnPlateau on the training loss.
- ferriers of Lambeth: crossing time with heavy-tailed, wind-dependent noise under a Huber
  loss; fares per hour as Poisson counts with an exponential output and the Poisson loss (the
  loss goes negative and flattens); and a custom GradientTape loop fitting the 90th
  percentile of crossing time with a pinball loss.
- quill cutters of London: a rare class (about 5% split nibs) with class_weight {0: 1, 1: 8};
  an embedding bag over written orders with a tenth of them filed under the wrong pen; and a
  custom loop with Adam on a linear warm-up then cosine decay to zero.
- mat weavers of Hull: a small Conv2D net on noisy photos of four weaves with SGD and a
  PiecewiseConstantDecay (the loss steps down at each boundary); a one-block MultiHeadAttention
  model on a loom's row-by-row tensions with 8% wrong inspections; and a GRU on the same rows
  whose loss sits at the coin-flip level for about six epochs before it drops (a plateau
  before a sudden drop) and is still falling at the end.

Broken half (one realistic mistake each, one run per cause):
- bucket makers: the StandardScaler left out, raw columns in grams and millimetres fed to a
  tanh MLP (unnormalized_inputs); a first-layer RandomUniform(minval=-0.1, maxval=0.0) typo on
  min-max scaled, non-negative inputs, so every first-layer relu is off for every example
  (dead_relus); np.log instead of np.log1p on 'days since re-hooping', whose zeros give -inf
  and, through swish units, a NaN loss and NaN weights from the first batch holding one, in a
  run read in ledger order (non_finite_values).
- ferriers: SGD with momentum at 6.0 for 0.06 on a tanh MLP (learning_rate_too_high); a relu
  SimpleRNN with its recurrent weights at 2.0 x identity and clipnorm=1.0 added to stop the
  NaNs (exploding_gradients; the loss starts near 1e15, and when it comes down 31 of the 32
  relu units output zero on the training rows, so dead_relus is listed second); a ten-layer
  sigmoid MLP with SGD (vanishing_gradients).
- quill cutters: a Dense(1, activation='sigmoid') head copied from a binary model onto a
  standardized price regression (loss_activation_mismatch); kernel_initializer=Constant(0.05)
  in a relu MLP, so every unit of a layer stays identical (poor_initialization); tanh hidden
  layers with biases initialized to 6.0 and SGD, pinned at tanh = 1 (saturated_activations).
- mat weavers: a Conv1D net trained from scratch with Adam at a fine-tuning rate of 1e-6
  (learning_rate_too_low); L2(0.5) on every layer of the weave CNN (over_regularization); a
  single hidden layer of two relu units on a chequerboard ('two layers' misread as two units,
  insufficient_capacity).

Dropped or changed because they did not behave as intended: a Dense(1, activation='softmax')
head under binary cross-entropy learned as well as a sigmoid (Keras computes that loss from the
layer's logits), so the mismatch became the sigmoid head on a standardized target; MSE on
integer labels against a softmax did not even build; the raw-units mistake in a relu MLP still
learned (noisily, from 1e3 down to about 2), so it became a tanh MLP; relu IRNNs without
clipping (gains 1.1 to 1.5) went NaN in the first epoch, the gain-1.2 one with clipping learned,
the gain-1.5 one under Adam and a deep MLP with stddev-1 weights kept falling from huge losses,
which left the gain-2.0 clipped IRNN; the log(0) input in a relu MLP froze the loss at a finite
value (relu maps NaN to 0), so its units are swish; and a GRU with Adam 5e-4 barely moved, so it
became the plateau-then-drop run above at 1e-3 with a clearer signal.

Labels: `expected_causes[0]` is the root cause the run was built around; a second cause is
listed only for the IRNN, where the dead relus were measured. `stall_begins` is the 0-based
optimizer step (batches over the whole run, 32 per epoch) from which the broken loss stops
improving, or None when it never really improves. The NaN run's step is exact (the -inf row is
read in file order); the raw-units (step 64), IRNN (160), sigmoid-head (160) and heavy-L2 (256)
ones were read off the epoch losses and are approximate (the initial weights are not seeded, so
the bend moves by an epoch or two between runs); the others stall from the start.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('bucket_makers_of_bewdley', 'ferriers_of_lambeth', 'quill_cutters_of_london',
            'mat_weavers_of_hull')
REGISTRY = []
holdout244 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE
BATCH = 32
STEPS = (N - PROBE_SIZE) // BATCH  # 32 optimizer steps per epoch for the 1,024 training rows


# ---------------------------------------------------------------------------------------------
# data: one trade per family


def _bucket_staves(n, seed):
    """Raw workshop measurements of a bucket: diameter (mm), height (mm), stave thickness (mm),
    weight (g), wood moisture (fraction), days since the hoops were last driven, and whether it
    weeps at the seams after a night full of water (noisy, as a cooper's test is)."""
    rng = np.random.default_rng(seed)
    diameter = rng.normal(300.0, 40.0, n)
    height = rng.normal(350.0, 50.0, n)
    thickness = rng.normal(9.0, 1.2, n)
    weight = 2.0 * thickness * diameter * 0.9 + rng.normal(0.0, 300.0, n)
    moisture = np.clip(rng.normal(0.14, 0.04, n), 0.02, None)
    days = rng.poisson(20.0, n).astype(float)
    days[rng.random(n) < 0.08] = 0.0  # re-hooped that morning
    z = [(v - v.mean()) / v.std() for v in (diameter, height, thickness, weight, moisture, days)]
    score = (1.4 * np.tanh(2.0 * z[4]) - 1.1 * z[2] + 0.8 * z[5] * (z[4] > 0)
             + 0.6 * np.sin(2.0 * z[0]) + 0.4 * z[1] * z[2])
    x = np.stack([diameter, height, thickness, weight, moisture, days], axis=1)
    return x.astype("float32"), score.astype("float32"), rng


def _ferry_crossings(n, seed):
    """A Lambeth ferry's crossings: tide speed, wind, load, hour of day, and the river state."""
    rng = np.random.default_rng(seed)
    tide = rng.uniform(-1.0, 1.0, n)
    wind = rng.gamma(2.0, 0.5, n)
    load = rng.integers(1, 13, n).astype(float)
    hour = rng.uniform(5.0, 21.0, n)
    x = np.stack([tide, wind, load / 6.0, (hour - 13.0) / 4.5,
                  np.sin(hour / 24.0 * 2.0 * np.pi), rng.normal(0.0, 1.0, n)], axis=1)
    return x.astype("float32"), rng


def _tide_sequences(n, steps, seed):
    """Readings of the river at the landing stage, one per quarter hour: level and current."""
    rng = np.random.default_rng(seed)
    t = np.arange(steps)[None, :]
    phase = rng.uniform(0.0, 2.0 * np.pi, (n, 1))
    period = rng.uniform(8.0, 16.0, (n, 1))
    level = np.sin(2.0 * np.pi * t / period + phase) + rng.normal(0.0, 0.15, (n, steps))
    current = np.cos(2.0 * np.pi * t / period + phase) + rng.normal(0.0, 0.15, (n, steps))
    x = np.stack([level, current], axis=-1).astype("float32")
    ahead = np.sin(2.0 * np.pi * (steps + 3) / period[:, 0] + phase[:, 0])
    return x, ahead.astype("float32"), rng


def _quill_feathers(n, seed, positive_rate=None):
    """A feather before cutting: barrel diameter, wall thickness, curing days, flexibility..."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0.0, 1.0, (n, 8))
    score = (np.sin(1.5 * x[:, 0]) + 0.9 * x[:, 1] * x[:, 2] - 0.7 * np.abs(x[:, 3])
             + 0.5 * x[:, 4] - 0.4 * x[:, 5] ** 2)
    if positive_rate is None:
        y = np.digitize(score, np.quantile(score, [0.25, 0.5, 0.75]))
    else:
        y = (score + rng.normal(0.0, 0.35, n) > np.quantile(score, 1.0 - positive_rate))
    return x.astype("float32"), y.astype("int32"), rng


def _quill_orders(n, seed, vocab=200, length=20, label_noise=0.0):
    """Written orders to a quill cutter, as token ids; the kind of pen asked for (4 kinds) is
    given away by a few key words among the common ones."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, n)
    tokens = rng.integers(20, vocab, (n, length))
    for i in range(n):
        spots = rng.choice(length, 3, replace=False)
        tokens[i, spots] = 4 * rng.integers(0, 5, 3) + y[i]
    flip = rng.random(n) < label_noise
    y = np.where(flip, rng.integers(0, 4, n), y)
    return tokens.astype("int32"), y.astype("int32"), rng


def _mat_patches(n, seed, size=12, noise=0.6):
    """Grey-level photographs of a rush mat, size x size: plain, twill, herringbone or basket
    weave, at a random offset, under uneven light and with loose strands (noise)."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, n)
    i, j = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
    x = np.empty((n, size, size, 1), "float32")
    for k in range(n):
        a, b = rng.integers(0, 4, 2)
        ii, jj = i + a, j + b
        if y[k] == 0:
            img = (ii + jj) % 2
        elif y[k] == 1:
            img = ((ii + jj) // 2) % 2
        elif y[k] == 2:
            img = ((np.where((jj // 3) % 2 == 0, ii + jj, ii - jj)) // 2) % 2
        else:
            img = ((ii // 2) + (jj // 2)) % 2
        light = rng.uniform(0.5, 1.5)
        x[k, :, :, 0] = light * img + rng.normal(0.0, noise, (size, size))
    return x, y.astype("int32"), rng


def _weave_rows(n, steps, seed):
    """A loom's record, row by row: tension on four warp threads; the label is whether the mat
    passes inspection (a slack run of rows somewhere in it fails it)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0.0, 1.0, (n, steps, 4))
    y = rng.random(n) < 0.5
    for k in np.flatnonzero(y):
        start = rng.integers(0, steps - 5)
        x[k, start:start + 5, rng.integers(0, 4)] -= 2.2
    flip = rng.random(n) < 0.08
    y = np.where(flip, ~y, y)
    return x.astype("float32"), y.astype("float32"), rng


# ---------------------------------------------------------------------------------------------
# bucket makers of Bewdley


@holdout244("bucket_makers_of_bewdley", healthy=True)
def weeping_seams_noisy_test(session):
    """A 2x64 relu MLP with Adam 1e-3 predicts from standardized workshop measurements whether a
    bucket weeps at the seams; the overnight water test is unreliable (about a fifth of the
    labels are the wrong way round), so the binary cross-entropy flattens well above zero."""
    keras = _keras()
    x, score, rng = _bucket_staves(N, seed=24401)
    y = (score > 0.0).astype("float32")
    flip = rng.random(N) < 0.2
    y = np.where(flip, 1.0 - y, y).astype("float32")
    model = _mlp(keras, 6, [64, 64], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, _standardize(x), y, epochs=20, batch_size=BATCH)


@holdout244("bucket_makers_of_bewdley", healthy=True)
def one_apprentice_small_ledger(session):
    """One apprentice's ledger of 96 buckets: a 2x128 relu MLP, Adam 2e-3, 40 epochs of batches
    of 16 on the small table; the model memorises it and the training loss keeps falling towards
    zero (it overfits, which a held-out score would show; the training itself is sound)."""
    keras = _keras()
    x, score, _ = _bucket_staves(96 + PROBE_SIZE, seed=24402)
    y = (score > 0.0).astype("float32")
    model = _mlp(keras, 6, [128, 128], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, _standardize(x), y, epochs=40, batch_size=16)


@holdout244("bucket_makers_of_bewdley", healthy=True)
def seepage_rate_reduce_on_plateau(session):
    """Regression of the overnight seepage (standardized) from the measurements with a 2x64 relu
    MLP, Adam 3e-3 and ReduceLROnPlateau(factor 0.5, patience 2) on the training loss; the
    seepage carries irreducible noise (variance about 0.5), so the MSE settles near it in steps
    as the rate is halved."""
    keras = _keras()
    x, score, rng = _bucket_staves(N, seed=24403)
    y = (score - score.mean()) / score.std()
    y = (y + rng.normal(0.0, 0.7, N)).astype("float32")
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    reduce = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=2,
                                               min_lr=1e-5, verbose=0)
    return _fit(session, model, _standardize(x), y, epochs=30, batch_size=BATCH,
                callbacks=[reduce])


def _capacity_in_raw_units(session, broken):
    keras = _keras()
    x, score, _ = _bucket_staves(N, seed=24404)
    y = ((score - score.mean()) / score.std()).astype("float32")
    inputs = x if broken else _standardize(x)
    model = _mlp(keras, 6, [64, 64], 1, activation="tanh", out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, inputs, y, epochs=15, batch_size=BATCH)


# Falls for one to three epochs (it varies between runs), then hovers near 0.9: approximate.
@holdout244("bucket_makers_of_bewdley", ["unnormalized_inputs"], stall_begins=2 * STEPS)
def capacity_in_raw_units(session):
    """A 2x64 tanh MLP (Adam 1e-3, MSE) predicts a bucket's standardized leak score from the
    workshop columns exactly as written in the ledger: weight in grams (thousands), diameter and
    height in millimetres (hundreds), thickness in millimetres, moisture as a fraction (0.14)
    and days; the StandardScaler of the notebook was left out of the script, so the first
    layer sees inputs in the thousands, the small columns that carry most of the signal are
    drowned, and the loss hovers near 0.9 where the standardized run goes below 0.1."""
    return _capacity_in_raw_units(session, broken=True)


def _hoop_wear_dead_units(session, broken):
    keras = _keras()
    x, score, _ = _bucket_staves(N, seed=24405)
    y = (score > 0.0).astype("float32")
    x = (x - x.min(axis=0)) / (x.max(axis=0) - x.min(axis=0))  # min-max to [0, 1]
    if broken:
        first = keras.initializers.RandomUniform(minval=-0.1, maxval=0.0, seed=24405)
    else:
        first = keras.initializers.RandomUniform(minval=-0.1, maxval=0.1, seed=24405)
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(64, activation="relu", kernel_initializer=first),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, x.astype("float32"), y, epochs=15, batch_size=BATCH)


@holdout244("bucket_makers_of_bewdley", ["dead_relus"], stall_begins=None)
def hoop_wear_dead_units(session):
    """A relu MLP on min-max scaled (all non-negative) measurements whose first layer is
    initialized with RandomUniform(minval=-0.1, maxval=0.0), a typo for maxval=0.1: every weight
    is negative, every input is non-negative, so all 64 first-layer units output zero for every
    bucket and receive no gradient; only the output bias learns the base rate."""
    return _hoop_wear_dead_units(session, broken=True)


NAN_DAYS_ROW = 23 * BATCH + 5  # the first bucket re-hooped that morning, read in file order


def _days_since_hooping(session, broken):
    keras = _keras()
    x, score, _ = _bucket_staves(N, seed=24406)
    y = ((score - score.mean()) / score.std()).astype("float32")
    x = x.copy()
    x[:NAN_DAYS_ROW + 1, 5] = np.maximum(x[:NAN_DAYS_ROW + 1, 5], 1.0)
    x[NAN_DAYS_ROW, 5] = 0.0
    with np.errstate(divide="ignore"):
        x[:, 5] = np.log(x[:, 5]) if broken else np.log1p(x[:, 5])
    x[:, :5] = _standardize(x[:, :5])
    model = _mlp(keras, 6, [64, 64], 1, activation="swish", out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x.astype("float32"), y, epochs=8, batch_size=BATCH,
                shuffle=False)


@holdout244("bucket_makers_of_bewdley", ["non_finite_values"],
            stall_begins=NAN_DAYS_ROW // BATCH)
def days_since_hooping_log(session):
    """Leak-score regression (2x64 relu MLP, Adam 1e-3, read in ledger order without shuffling)
    where 'days since the hoops were driven' is log-transformed with np.log instead of np.log1p:
    buckets re-hooped that morning have 0 days, log(0) = -inf, and from the first batch holding
    one the loss and then the weights are NaN for the rest of the run."""
    return _days_since_hooping(session, broken=True)


# ---------------------------------------------------------------------------------------------
# ferriers of Lambeth


@holdout244("ferriers_of_lambeth", healthy=True)
def crossing_time_huber_rough_water(session):
    """Minutes per crossing from tide, wind, load and hour with a 2x64 relu MLP, Adam 2e-3 and a
    Huber loss; the spread grows with the wind and has heavy tails (Student-t, 3 dof: a wherry
    stuck behind a barge), so the loss flattens well above zero."""
    keras = _keras()
    x, rng = _ferry_crossings(N, seed=24411)
    base = 1.2 + 0.8 * x[:, 0] * np.sign(x[:, 4]) + 0.5 * x[:, 1] + 0.3 * x[:, 2]
    y = (base + (0.3 + 0.4 * x[:, 1]) * rng.standard_t(3, N)).astype("float32")
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(delta=1.0))
    return _fit(session, model, x, y, epochs=20, batch_size=BATCH)


@holdout244("ferriers_of_lambeth", healthy=True)
def fares_per_hour_poisson(session):
    """Fares taken per hour at Lambeth stairs (counts, mean about 4) from hour, tide and wind: a
    relu MLP with an exponential output and the Poisson loss, Adam 2e-3. The counts are Poisson
    draws, so the loss settles at their entropy, far from zero."""
    keras = _keras()
    x, rng = _ferry_crossings(N, seed=24412)
    rate = np.exp(1.3 + 0.5 * x[:, 4] - 0.3 * x[:, 1] + 0.2 * np.abs(x[:, 0]))
    y = rng.poisson(rate).astype("float32")
    model = _mlp(keras, 6, [32, 32], 1, out_activation="exponential")
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=20, batch_size=BATCH)


@holdout244("ferriers_of_lambeth", healthy=True)
def late_crossing_quantile_loop(session):
    """A custom GradientTape loop fits the 90th percentile of crossing time (pinball loss,
    q = 0.9) with a 2x32 relu MLP and Adam 3e-3, so the ferry can promise a time it beats nine
    times in ten; the pinball loss of a quantile never reaches zero."""
    import tensorflow as tf

    keras = _keras()
    x, rng = _ferry_crossings(N, seed=24413)
    y = (1.0 + 0.6 * x[:, 0] + 0.4 * x[:, 1] + rng.gamma(2.0, 0.3 + 0.2 * x[:, 1]))
    y = y.astype("float32")[:, None]

    def pinball(targets, predictions):
        error = targets - predictions
        return tf.reduce_mean(tf.maximum(0.9 * error, -0.1 * error))

    model = _mlp(keras, 6, [32, 32], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), pinball, x, y,
                        epochs=20, batch_size=BATCH, seed=24413)


def _fare_class_lr(session, broken):
    keras = _keras()
    x, rng = _ferry_crossings(N, seed=24414)
    score = x[:, 0] * x[:, 3] + np.sin(2.0 * x[:, 2]) + 0.5 * x[:, 1]
    y = np.digitize(score, np.quantile(score, [1 / 3, 2 / 3])).astype("int32")
    model = _mlp(keras, 6, [64, 64], 3, activation="tanh")
    model.compile(keras.optimizers.SGD(6.0 if broken else 0.06, momentum=0.9),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout244("ferriers_of_lambeth", ["learning_rate_too_high"], stall_begins=None)
def fare_band_sgd_six(session):
    """Which of three fare bands a crossing falls in, from tide, hour, load and wind: a 2x64 tanh
    MLP with SGD and momentum 0.9 at a learning rate of 6.0, two decimal places slipped from the
    0.06 of the recipe; the loss jumps about above the constant-guess level instead of falling."""
    return _fare_class_lr(session, broken=True)


def _tide_ahead_rnn(session, broken):
    keras = _keras()
    x, y, _ = _tide_sequences(N, 30, seed=24415)
    if broken:
        rnn = keras.layers.SimpleRNN(32, activation="relu",
                                     recurrent_initializer=keras.initializers.Identity(2.0))
    else:
        rnn = keras.layers.SimpleRNN(32, activation="tanh")
    model = keras.Sequential([keras.Input((30, 2)), rnn, keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(1e-2, momentum=0.9, clipnorm=1.0), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


# The loss falls from ~1e15 for four to six epochs, then sits at the constant-guess level:
# approximate.
@holdout244("ferriers_of_lambeth", ["exploding_gradients", "dead_relus"], stall_begins=5 * STEPS)
def tide_ahead_relu_rnn(session):
    """Forecasts the river level 45 minutes ahead from 30 quarter-hour readings with a relu
    SimpleRNN(32) whose recurrent weights start as 2.0 x identity (an 'IRNN' recipe copied with
    the wrong gain); SGD 0.01 with momentum and clipnorm=1.0, added to stop the NaNs. The
    state doubles at each of the 30 steps, the loss starts near 1e15 and the gradients are
    astronomically large, so every step is a clipped lurch; when the loss comes down the relu
    units are dead and it sits at the constant-guess level, spiking again now and then."""
    return _tide_ahead_rnn(session, broken=True)


def _late_arrival_deep(session, broken):
    keras = _keras()
    x, rng = _ferry_crossings(N, seed=24416)
    y = ((x[:, 0] * np.sign(x[:, 4]) + 0.5 * x[:, 1] - 0.4 * x[:, 2]) > 0.2).astype("float32")
    if broken:
        model = _mlp(keras, 6, [32] * 10, 1, activation="sigmoid", out_activation="sigmoid")
    else:
        model = _mlp(keras, 6, [32] * 10, 1, activation="relu", out_activation="sigmoid",
                     kernel_initializer="he_normal")
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout244("ferriers_of_lambeth", ["vanishing_gradients"], stall_begins=None)
def late_arrival_deep_sigmoid(session):
    """Whether a crossing lands late, from tide, wind and load: a ten-layer MLP of 32 sigmoid
    units (a textbook recipe from before relu), SGD 0.05 with momentum; the gradient reaching
    the first layers shrinks by a factor of four or more per layer and the loss stays at the
    base-rate level."""
    return _late_arrival_deep(session, broken=True)


# ---------------------------------------------------------------------------------------------
# quill cutters of London


@holdout244("quill_cutters_of_london", healthy=True)
def split_nib_rare_weighted(session):
    """About 5% of cut quills split at the nib; a 2x32 relu MLP (Adam 1e-3) predicts the split
    from the feather's measurements with class_weight {0: 1, 1: 8} to keep the rare class in
    view. The weighted loss falls and flattens well above zero, as the classes overlap."""
    keras = _keras()
    x, y, _ = _quill_feathers(N, seed=24421, positive_rate=0.05)
    model = _mlp(keras, 8, [32, 32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_weighted(session, model, x, y.astype("float32"), {0: 1.0, 1: 8.0}, epochs=20)


def _fit_weighted(session, model, x, y, class_weight, epochs):
    """_fit with a class_weight (the probe stays the last PROBE_SIZE rows)."""
    probe = (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(x[:-PROBE_SIZE], y[:-PROBE_SIZE], epochs=epochs, batch_size=BATCH,
                        class_weight=class_weight, verbose=0,
                        callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout244("quill_cutters_of_london", healthy=True)
def orders_bag_of_embeddings(session):
    """Which of four pens a written order asks for, from 20 token ids: Embedding(200, 16), global
    average pooling, a relu layer and softmax, Adam 3e-3. A tenth of the orders were filed under
    the wrong pen, so the cross-entropy flattens around that noise."""
    keras = _keras()
    x, y, _ = _quill_orders(N, seed=24422, label_noise=0.1)
    model = keras.Sequential([
        keras.Input((20,), dtype="int32"),
        keras.layers.Embedding(200, 16),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=BATCH)


@holdout244("quill_cutters_of_london", healthy=True)
def feather_grade_warmup_cosine(session):
    """A custom GradientTape loop grades feathers into four quartiles of quality with a 2x64 relu
    MLP and Adam on a schedule: linear warm-up over 64 steps to 3e-3, then cosine decay to zero
    over the remaining 576; the loss falls fast in the middle and flattens as the rate dies."""
    keras = _keras()
    x, y, _ = _quill_feathers(N, seed=24423)
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, decay_steps=20 * STEPS - 64, warmup_target=3e-3, warmup_steps=64)
    model = _mlp(keras, 8, [64, 64], 4)
    return _custom_loop(session, model, keras.optimizers.Adam(schedule),
                        keras.losses.SparseCategoricalCrossentropy(), x, y, epochs=20,
                        batch_size=BATCH, seed=24423)


def _order_price_head(session, broken):
    keras = _keras()
    x, kind, rng = _quill_orders(N, seed=24424)
    dozens = (x < 40).sum(axis=1)  # the small ids are the words naming the pens
    price = np.array([4.0, 6.0, 9.0, 14.0])[kind] * (1.0 + 0.5 * dozens) + rng.normal(0, 2, N)
    y = ((price - price.mean()) / price.std()).astype("float32")
    model = keras.Sequential([
        keras.Input((20,), dtype="int32"),
        keras.layers.Embedding(200, 16),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid" if broken else None),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


# Falls for about five epochs to the best a 0-to-1 output can do, then flat: approximate.
@holdout244("quill_cutters_of_london", ["loss_activation_mismatch"], stall_begins=5 * STEPS)
def order_price_sigmoid_head(session):
    """The price of a written order (standardized: mean 0, unit variance) from its token ids
    through an embedding bag, with MSE; the network was copied from the shop's binary
    'urgent order' model and kept its Dense(1, activation='sigmoid') head, which can only say
    0 to 1, so every order priced below the mean is out of reach and the loss stops far above
    what a linear head reaches."""
    return _order_price_head(session, broken=True)


def _feather_same_units(session, broken):
    keras = _keras()
    x, y, _ = _quill_feathers(N, seed=24425)
    init = keras.initializers.Constant(0.05) if broken else "glorot_uniform"
    model = _mlp(keras, 8, [64, 64], 4, kernel_initializer=init)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout244("quill_cutters_of_london", ["poor_initialization"], stall_begins=None)
def feather_grade_constant_init(session):
    """A 2x64 relu MLP (Adam 1e-3) grading feathers into four classes, built with
    kernel_initializer=Constant(0.05) for the hidden layers ('a small positive start'): every
    unit of a layer computes the same thing and gets the same gradient, so the symmetry is never
    broken and the net behaves as one unit wide."""
    return _feather_same_units(session, broken=True)


def _slit_tanh(session, broken):
    keras = _keras()
    x, y, _ = _quill_feathers(N, seed=24426)
    bias = keras.initializers.Constant(6.0 if broken else 0.0)
    model = _mlp(keras, 8, [64, 64], 4, activation="tanh", bias_initializer=bias)
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout244("quill_cutters_of_london", ["saturated_activations"], stall_begins=None)
def slit_grade_tanh_bias_six(session):
    """The same feather grading with a 2x64 tanh MLP and SGD 0.02 with momentum, whose hidden
    biases are initialized to Constant(6.0) (meant for a forget gate, pasted onto Dense layers):
    every hidden unit sits at tanh = 1 for every feather, its slope is about 2e-5, and SGD
    cannot pull it back."""
    return _slit_tanh(session, broken=True)


# ---------------------------------------------------------------------------------------------
# mat weavers of Hull


@holdout244("mat_weavers_of_hull", healthy=True)
def weave_pattern_cnn_step_decay(session):
    """Which weave (plain, twill, herringbone, basket) a noisy 12x12 photo of a rush mat shows: a
    small Conv2D net (8 and 16 filters), SGD with momentum 0.9 on a PiecewiseConstantDecay that
    divides 0.03 by ten after epoch 8 and again after epoch 14; the loss drops at each step."""
    keras = _keras()
    x, y, _ = _mat_patches(N, seed=24431)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay(
        [8 * STEPS, 14 * STEPS], [0.03, 0.003, 0.0003])
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=18, batch_size=BATCH)


@holdout244("mat_weavers_of_hull", healthy=True)
def slack_rows_attention(session):
    """Whether a mat passes inspection, from 24 rows of warp tensions: a Dense projection, one
    MultiHeadAttention block (2 heads) with a residual, global pooling and a sigmoid, Adam 2e-3.
    Some inspections are wrong (8%), so the loss flattens above zero."""
    keras = _keras()
    x, y, _ = _weave_rows(N, 24, seed=24432)
    inputs = keras.Input((24, 4))
    h = keras.layers.Dense(16)(inputs)
    h = keras.layers.Add()([h, keras.layers.MultiHeadAttention(2, 8)(h, h)])
    h = keras.layers.GlobalMaxPooling1D()(keras.layers.Dense(16, activation="relu")(h))
    model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(h))
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout244("mat_weavers_of_hull", healthy=True)
def slack_rows_gru_late_drop(session):
    """The same inspection from 24 rows with a GRU(16) and Adam 1e-3: the loss sits near the
    coin-flip level for about six epochs while the GRU finds the slack run, then drops and is
    still falling at the end of the 15 epochs (a plateau before a sudden drop)."""
    keras = _keras()
    x, y, _ = _weave_rows(N, 24, seed=24433)
    model = keras.Sequential([keras.Input((24, 4)), keras.layers.GRU(16),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


def _loom_conv1d(session, broken):
    keras = _keras()
    x, y, _ = _weave_rows(N, 24, seed=24434)
    model = keras.Sequential([
        keras.Input((24, 4)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.Conv1D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(1e-6 if broken else 1e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout244("mat_weavers_of_hull", ["learning_rate_too_low"], stall_begins=None)
def loom_conv1d_finetune_rate(session):
    """The loom inspection with a two-layer Conv1D net and global max pooling, trained from
    scratch with Adam at 1e-6, the rate of a fine-tuning recipe it was copied from: in 480 steps
    the weights barely move and the loss stays at its initial value."""
    return _loom_conv1d(session, broken=True)


def _mat_cnn_l2(session, broken):
    keras = _keras()
    x, y, _ = _mat_patches(N, seed=24435)
    reg = keras.regularizers.L2(0.5 if broken else 1e-4)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same", kernel_regularizer=reg),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", kernel_regularizer=reg),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax", kernel_regularizer=reg),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


# The penalty term falls for about eight epochs, then the loss sits at log(4): approximate.
@holdout244("mat_weavers_of_hull", ["over_regularization"], stall_begins=8 * STEPS)
def weave_cnn_heavy_l2(session):
    """The weave-pattern Conv2D net with kernel_regularizer=L2(0.5) on every layer (the 5e-4 of
    a paper, read as 0.5): the penalty crushes the filters to zero and the loss settles near
    the four-class guess instead of learning the weaves."""
    return _mat_cnn_l2(session, broken=True)


def _checker_capacity(session, broken):
    keras = _keras()
    rng = np.random.default_rng(24436)
    pos = rng.uniform(0.0, 4.0, (N, 2))
    y = ((np.floor(pos[:, 0]) + np.floor(pos[:, 1])) % 2).astype("float32")
    x = _standardize(pos)
    model = _mlp(keras, 2, [2] if broken else [64, 64], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=BATCH)


@holdout244("mat_weavers_of_hull", ["insufficient_capacity"], stall_begins=None)
def checker_mat_two_units(session):
    """Whether a point of a 4x4 chequered mat is on a dark square, from its two coordinates: the
    MLP was built as _mlp(..., [2], ...) meaning 'two hidden layers' but giving one layer of two
    relu units, which cannot carve eight dark squares; the loss stops near the coin-flip level
    while a 2x64 net learns the board."""
    return _checker_capacity(session, broken=True)
