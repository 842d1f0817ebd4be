"""The hundred-and-ninety-fourth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Every scenario was checked only from its own loss (Keras History, the per-batch running loss,
or the custom loop's epoch means, Session(None), seed 0), and every broken one against the
same model trained without its mistake (each helper `_name(session, broken)` trains both).
Four trades, seeds 19401..19441: fen ferrymen (a crossing's readings, a fen gauge's trace over
a tide, forty ferries' takings), night-soil men (a round's readings and cart loads, a round's
log as street tokens, cesspit overflows, a parish privy survey), drovers (pasture maps, a
month's drove log, market prices, a route's place tokens) and shepherds of the downs (flock
records, lambing rates, fold maps, a tally of fold tokens, a month of weather). The last
PROBE_SIZE rows of every data set are the probe and are never trained on.

Healthy half (12): crossing times with Student-t (2 dof) delays, a gelu MLP under Huber with
Nadam and a staircase ExponentialDecay; a fen gauge's Conv1D classifier under a warm-up then
cosine schedule with an eighth of the labels wrong; a two-input model (ferry Embedding beside
readings) under MAE against Laplace noise with RMSprop and ReduceLROnPlateau; Poisson cart
loads by an exponential-head softplus MLP in a hand-written GradientTape loop (the Keras
Poisson loss has no log-factorial term, so it flattens below zero); 4% cesspit overflows by a
BatchNormalization MLP with class_weight, slowly descending; a 96-row survey memorised by a
256-256 MLP under AdamW; pasture maps by a SeparableConv2D net with a tenth mislabelled (a
short plateau at ln 3 before it learns); the 80th percentile of a heteroscedastic weight
change by a Conv1D net under a pinball loss; a tanh MLP under plain SGD, still improving at
the end; tally tokens by Embedding + MultiHeadAttention under label_smoothing=0.1; a
mean/log-variance head under a Gaussian negative log-likelihood; a GRU under SGD with momentum
and a PiecewiseConstantDecay.

Broken half (12, one root cause each): a tanh SimpleRNN with Orthogonal(gain=3) recurrence,
chaotic under clipped SGD (exploding gradients, 0.77 against 0.03); gauge readings in
millimetres above the datum (unnormalised inputs, at ln 3 after a first blow-up); NaN gaps left
in by np.nanmean/np.nanstd standardisation, read in book order (non-finite values, NaN from step
13); Conv1D biases started at -2 (dead ReLUs, at ln 3 from the start); a sigmoid head kept from
a classifier under a Poisson loss on counts (loss/activation mismatch, 1.0 against 0.25); a
learning rate written 0.5 / len(x_train) for an Embedding + LSTM (learning rate too low);
ten sigmoid layers in a GradientTape loop (vanishing gradients, near ln 4 against 0.65);
LSTM(1) for four classes (insufficient capacity, 0.74 against 0.0008; it still creeps down
slowly); Adagrad(learning_rate=1.0) on a CNN (learning rate too high, at ln 3); an L1(0.1)
activity_regularizer on both convolutions (over-regularisation, at ln 3); every kernel of a
tanh net with a tanh head RandomNormal(stddev=1.0) (saturated activations, 0.95 against 0.01);
Constant(0.05) kernels in a tanh MLP (poor initialisation: identical units, 0.12 against
0.008).

Overlaps with earlier catalogues that remain (after 190 of them few mechanisms are new):
Embedding(output_dim=1)/filters=1 style bottlenecks, zero or constant kernels, Adagrad and
activity_regularizer misuse, label smoothing and Poisson heads all appear in some earlier
docstring; I did not write the ReLU(max_value=0) slip, the one-unit softmax head, sigmoid
biases at 10, a constant-kernel CNN or an Orthogonal-gain IRNN behind global_clipnorm, nor a
plateau-then-drop task, because earlier catalogues hold them.

Dropped or changed because they did not behave as intended: a linear head under
BinaryCrossentropy(from_logits=False) (it kept learning, 0.30 and falling; replaced by the
sigmoid head on counts); RandomNormal(stddev=1) then stddev=4 on tanh hidden layers under a
softmax head (the head kept learning over the saturated features; replaced by the tanh head,
which saturates as well); twelve residual Dense branches started with VarianceScaling(scale=4)
behind global_clipnorm (at 1e-2 it kept falling from 50,000 to 14; at 1e-3 it swung flat in
the thousands, but it was a second exploding-gradients run and the slowest, so it was cut);
relu hidden layers fed the NaN gaps (relu turned NaN
into 0 on this CPU and the loss stayed finite; the net is tanh now).

Labelling: expected_causes[0] is the root cause built in; one cause each. stall_begins is
the optimizer step (0-based over the run, 32 steps an epoch) from which the loss stops
improving, None for from the start. Exact: the NaN run (13, the batch holding row 416).
Approximate, read off the per-batch running loss: gauge_in_millimetres (32),
drove_rnn_recurrent_gain_three (32), sigmoid_head_on_cart_counts (128),
activity_l1_on_conv_maps (96), constant_kernels_tanh (96) and one_unit_lstm (256, a creep
rather than a flat line). The saturated tanh run moves only from 1.07 to 0.95 and is
labelled None.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('ferrymen_of_the_fens', 'night_soil_men', 'drovers_of_cattle', 'shepherds_of_downs')
REGISTRY = []
holdout194 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data: the four trades' records


def _crossings(n, seed, dim=12):
    """A ferryman's crossings: water level, wind, load, tide phase and so on, standardised,
    and the crossing time (minutes, centred) as a smooth function of them."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, dim)).astype("float32")
    w = rng.normal(size=(dim,)) / np.sqrt(dim)
    t = np.tanh(x @ w) * 1.5 + 0.5 * np.sin(2 * x[:, 0]) + 0.4 * x[:, 1] * x[:, 2]
    return x, t.astype("float32")


def _fen_gauges(n, seed, length=48, classes=3):
    """A fen gauge's trace over a tide: the class (ebbing, slack, flooding) is the sign of the
    trace's slope, hidden under a tidal wobble and gauge noise."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, classes, size=n)
    t = np.linspace(0, 1, length)
    slope = (y - 1)[:, None] * 0.8 * t
    phase = rng.uniform(0, 2 * np.pi, size=(n, 1))
    x = slope + 0.5 * np.sin(6 * t + phase) + rng.normal(scale=0.3, size=(n, length))
    return x[..., None].astype("float32"), y.astype("int32")


def _cart_rounds(n, seed, dim=10):
    """A night-soil round: a street's houses, privies, days since the last emptying and so on,
    standardised; the rate of cart loads is exp of a linear-plus-bump score."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, dim)).astype("float32")
    w = rng.normal(size=(dim,)) * 0.35
    rate = np.exp(0.6 + x @ w * 0.8 - 0.3 * x[:, 0] ** 2)
    return x, rate.astype("float32")


def _round_tokens(n, seed, length=24, vocab=60, classes=4):
    """A round's log as street tokens: the ward (class) is whichever of four street groups
    appears most often; the rest of the vocabulary is noise."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, classes, size=n)
    tokens = rng.integers(1, vocab, size=(n, length))
    group = 1 + y[:, None] * 5 + rng.integers(0, 5, size=(n, length))
    pick = rng.random((n, length)) < 0.35
    tokens = np.where(pick, group, tokens)
    return tokens.astype("int32"), y.astype("int32")


def _pasture_maps(n, seed, size=12, classes=3):
    """A drover's pasture map: a blob of grass (its shape the class: round, long east-west, long
    north-south) on a noisy field."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, classes, size=n)
    g = np.arange(size)
    yy, xx = np.meshgrid(g, g, indexing="ij")
    cy = rng.uniform(3, size - 3, size=(n, 1, 1))
    cx = rng.uniform(3, size - 3, size=(n, 1, 1))
    sy = np.where(y == 2, 4.0, np.where(y == 1, 1.2, 2.2))[:, None, None]
    sx = np.where(y == 1, 4.0, np.where(y == 2, 1.2, 2.2))[:, None, None]
    img = np.exp(-((yy - cy) ** 2) / (2 * sy ** 2) - ((xx - cx) ** 2) / (2 * sx ** 2))
    img = img + rng.normal(scale=0.25, size=img.shape)
    return img[..., None].astype("float32"), y.astype("int32")


def _drove_days(n, seed, length=30, dim=3):
    """A drove's daily log (miles, rain, grazing) over a month: the herd's weight change is a
    weighted sum of the days, later days counting more."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, length, dim)).astype("float32")
    decay = np.linspace(0.2, 1.0, length)
    w = np.array([0.8, -0.5, 0.6])
    target = (x * w).sum(axis=2) @ decay / np.sqrt(length) * 1.2
    return x, target.astype("float32")


def _flocks(n, seed, dim=16):
    """A shepherd's flock records (ewes, tups, grazing, weather, standardised) and the flock's
    lambing rate, a smooth function of them."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, dim)).astype("float32")
    w1 = rng.normal(size=(dim, 6)) / np.sqrt(dim)
    w2 = rng.normal(size=(6,))
    t = np.tanh(x @ w1 * 1.5) @ w2 / 1.5
    return x, t.astype("float32")


def _flock_classes(n, seed, dim=16, classes=4):
    """Which of four downs a flock grazed, from its records: the class is the argmax of four
    nonlinear scores."""
    x, _ = _flocks(n, seed, dim)
    rng = np.random.default_rng(seed + 1)
    w = rng.normal(size=(dim, classes))
    scores = np.tanh(x @ w / 2) + 0.3 * np.sin(x[:, :classes] * 2)
    return x, np.argmax(scores, axis=1).astype("int32")


def _noisy_labels(y, classes, fraction, seed):
    rng = np.random.default_rng(seed)
    flip = rng.random(len(y)) < fraction
    return np.where(flip, rng.integers(0, classes, size=len(y)), y).astype("int32")


# ---------------------------------------------------------------------------------------------
# broken helpers: each trains the broken version or its fix


def _chaotic_rnn(session, broken):
    keras = _keras()
    x, y = _drove_days(N, seed=19418)
    gain = 3.0 if broken else 1.0
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.SimpleRNN(
            32, recurrent_initializer=keras.initializers.Orthogonal(gain=gain, seed=19419)),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(1e-2, momentum=0.9, clipnorm=1.0), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _gauge_millimetres(session, broken):
    x, y = _fen_gauges(N, seed=19403)
    keras = _keras()
    if broken:
        # Gauge readings in millimetres above the fen datum, fed as read.
        x = (x * 250.0 + 3200.0).astype("float32")
    else:
        x = _standardize(x.reshape(len(x), -1)).reshape(x.shape)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(1e-2, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


NAN_ROW = 416


def _gauge_dropouts(session, broken):
    keras = _keras()
    x, y = _crossings(N, seed=19404)
    x = x.copy()
    rng = np.random.default_rng(19405)
    late = np.arange(NAN_ROW, len(x) - PROBE_SIZE)
    gone = np.append(rng.choice(late, size=40, replace=False), NAN_ROW)
    x[gone, 3] = np.nan  # the wind gauge dropped out on some later crossings
    # nanmean/nanstd standardise around the gaps but leave them in; the fix fills them.
    x = (x - np.nanmean(x, axis=0)) / np.nanstd(x, axis=0)
    if not broken:
        x = np.nan_to_num(x, nan=0.0)
    model = _mlp(keras, 12, [64, 64], 1, activation="tanh", out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    # The crossings are kept in book order (shuffle=False) to "respect time".
    return _fit(session, model, x.astype("float32"), y, epochs=12, batch_size=32, shuffle=False)


def _bias_minus_two(session, broken):
    keras = _keras()
    x, y = _fen_gauges(N, seed=19406, classes=3)
    x = (x - x.mean()) / x.std()
    bias = keras.initializers.Constant(-2.0) if broken else "zeros"
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", bias_initializer=bias),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", bias_initializer=bias),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _sigmoid_head_poisson(session, broken):
    keras = _keras()
    x, rate = _cart_rounds(N, seed=19407)
    loads = np.random.default_rng(19417).poisson(rate).astype("float32")
    # The mistake: the head of the overflow classifier (sigmoid) kept for the load counts.
    model = _mlp(keras, 10, [32, 32], 1, out_activation="sigmoid" if broken else "exponential")
    model.compile(keras.optimizers.Adam(1e-3), keras.losses.Poisson())
    return _fit(session, model, x, loads, epochs=15, batch_size=32)


def _rate_per_example(session, broken):
    keras = _keras()
    x, y = _round_tokens(N, seed=19408)
    n_train = len(x) - PROBE_SIZE
    # The mistake: a "per-example" rate, 0.5 divided by the data set's size.
    rate = 0.5 / n_train if broken else 0.5
    model = keras.Sequential([
        keras.Input((x.shape[1],)),
        keras.layers.Embedding(60, 16),
        keras.layers.LSTM(32),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(rate, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _deep_sigmoid_loop(session, broken):
    keras = _keras()
    x, y = _flock_classes(N, seed=19409, classes=4)
    activation = "sigmoid" if broken else "relu"
    model = _mlp(keras, 16, [48] * 10, 4, activation=activation)
    optimizer = keras.optimizers.SGD(0.05, momentum=0.9)
    loss = keras.losses.SparseCategoricalCrossentropy()
    return _custom_loop(session, model, optimizer, loss, x, y, epochs=15, batch_size=32,
                        seed=19410)


def _unit_normal_tanh(session, broken):
    keras = _keras()
    x, t = _flocks(N, seed=19411, dim=64)
    y = (t / np.abs(t).max()).astype("float32")  # the lambing rate scaled to [-1, 1]
    # The mistake: RandomNormal(stddev=1.0) "unit-variance weights" on every layer, the tanh
    # head included; the fix keeps Keras's Glorot default.
    init = (keras.initializers.RandomNormal(stddev=1.0, seed=19412) if broken
            else keras.initializers.GlorotUniform(seed=19412))
    model = keras.Sequential([keras.Input((64,))] + [
        keras.layers.Dense(units, activation="tanh", kernel_initializer=init)
        for units in (256, 256, 1)])
    model.compile(keras.optimizers.SGD(0.05), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _one_unit_lstm(session, broken):
    keras = _keras()
    x, y = _round_tokens(N, seed=19413, classes=4)
    units = 1 if broken else 32
    model = keras.Sequential([
        keras.Input((x.shape[1],)),
        keras.layers.Embedding(60, 16),
        keras.layers.LSTM(units),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _adagrad_one(session, broken):
    keras = _keras()
    x, y = _pasture_maps(N, seed=19414)
    rate = 1.0 if broken else 0.05
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adagrad(rate), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _activity_l1(session, broken):
    keras = _keras()
    x, y = _pasture_maps(N, seed=19415)
    reg = keras.regularizers.L1(0.1) if broken else None
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", activity_regularizer=reg),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", activity_regularizer=reg),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _constant_kernels_tanh(session, broken):
    keras = _keras()
    x, y = _flocks(N, seed=19416)
    init = keras.initializers.Constant(0.05) if broken else "glorot_uniform"
    model = _mlp(keras, 16, [64, 64], 1, activation="tanh", out_activation=None,
                 kernel_initializer=init)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _pinball(tau):
    """The quantile (pinball) loss at level tau."""

    def loss(y_true, y_pred):
        keras = _keras()
        err = keras.ops.reshape(y_true, (-1, 1)) - y_pred
        return keras.ops.mean(keras.ops.maximum(tau * err, (tau - 1.0) * err))

    return loss


def _gaussian_nll(y_true, y_pred):
    """The Gaussian negative log-likelihood of a (mean, log-variance) head, constant dropped."""
    keras = _keras()
    y = keras.ops.reshape(y_true, (-1,))
    mean, log_var = y_pred[:, 0], y_pred[:, 1]
    return keras.ops.mean(0.5 * (log_var + (y - mean) ** 2 * keras.ops.exp(-log_var)))


# ---------------------------------------------------------------------------------------------
# ferrymen of the fens


@holdout194("ferrymen_of_the_fens", healthy=True)
def crossing_time_student_t_huber(session):
    """A ferryman's crossing times from twelve standardised readings, with Student-t (2 degrees
    of freedom) delays added (a snagged pole, a loose cow), a gelu MLP 64-64 under the Huber
    loss with Nadam and a staircase ExponentialDecay: it flattens far above zero because the
    heavy-tailed delays cannot be predicted."""
    keras = _keras()
    x, t = _crossings(N, seed=19420)
    y = (t + 0.5 * np.random.default_rng(19421).standard_t(2, size=len(t))).astype("float32")
    model = _mlp(keras, 12, [64, 64], 1, activation="gelu", out_activation=None)
    schedule = keras.optimizers.schedules.ExponentialDecay(2e-3, 96, 0.6, staircase=True)
    model.compile(keras.optimizers.Nadam(schedule), keras.losses.Huber(1.0))
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout194("ferrymen_of_the_fens", healthy=True)
def fen_gauge_conv1d_warmup_cosine(session):
    """A fen gauge's trace over a tide classed as ebbing, slack or flooding by a small Conv1D
    net under a warm-up then cosine schedule (Adam), with an eighth of the labels mistaken by
    the lock-keeper: the loss levels off well above zero where the mistaken labels leave it."""
    keras = _keras()
    x, y = _fen_gauges(N, seed=19422)
    y = _noisy_labels(y, 3, 0.125, seed=19423)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    schedule = keras.optimizers.schedules.CosineDecay(
        1e-4, decay_steps=480, warmup_target=4e-3, warmup_steps=64)
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=17, batch_size=32)


@holdout194("ferrymen_of_the_fens", healthy=True)
def ferry_embedding_two_inputs_mae(session):
    """Two inputs: which of forty ferries (an Embedding of 4) beside six readings of the day,
    predicting the fare takings under MAE with RMSprop and ReduceLROnPlateau on the training
    loss; the takings carry Laplace noise, so the loss stops near the noise's mean absolute
    value."""
    keras = _keras()
    rng = np.random.default_rng(19424)
    ferry = rng.integers(0, 40, size=N).astype("int32")
    offset = rng.normal(size=40)
    readings = rng.normal(size=(N, 6)).astype("float32")
    y = offset[ferry] + np.tanh(readings @ rng.normal(size=6) / 2) + rng.laplace(0, 0.4, N)
    ferry_in = keras.Input((1,), dtype="int32")
    read_in = keras.Input((6,))
    h = keras.layers.Flatten()(keras.layers.Embedding(40, 4)(ferry_in))
    h = keras.layers.Concatenate()([h, read_in])
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([ferry_in, read_in], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.RMSprop(3e-3), "mae")
    cut = N - PROBE_SIZE
    history = model.fit(
        [ferry[:cut, None], readings[:cut]], y[:cut].astype("float32"), epochs=15, batch_size=32,
        verbose=0,
        callbacks=[keras.callbacks.ReduceLROnPlateau("loss", factor=0.5, patience=2)]
        + session.callbacks(([ferry[cut:, None], readings[cut:]], y[cut:].astype("float32"))))
    return history.history["loss"]


@holdout194("ferrymen_of_the_fens", ["unnormalized_inputs"], stall_begins=32)
def gauge_in_millimetres(session):
    """The fen gauge classifier fed the readings in millimetres above the datum (about 3,200
    give or take 250) instead of standardised: SGD with momentum blows the first epoch's loss
    up to the hundreds of thousands, then the loss sits at ln 3 for good (0.06 and falling
    fed standardised readings)."""
    return _gauge_millimetres(session, broken=True)


@holdout194("ferrymen_of_the_fens", ["non_finite_values"], stall_begins=NAN_ROW // 32)
def wind_gauge_gaps_left_in(session):
    """Crossing times from readings standardised with np.nanmean / np.nanstd, which step
    around the wind gauge's gaps on forty later crossings but leave them NaN; fed in book
    order (shuffle=False) to a tanh MLP, the first gap (row 416, step 13) turns the weights
    and every later loss NaN (0.21 and falling with the gaps filled)."""
    return _gauge_dropouts(session, broken=True)


# ---------------------------------------------------------------------------------------------
# night-soil men


@holdout194("night_soil_men", healthy=True)
def cart_loads_poisson_loop(session):
    """Cart loads per round drawn from a Poisson rate of the street's readings, modelled by a
    softplus MLP with an exponential head in a hand-written GradientTape loop under the
    Poisson loss with Adam: it flattens near -2, at the counts' own randomness (Keras's Poisson
    loss leaves out the log-factorial term, so its floor lies below zero)."""
    keras = _keras()
    x, rate = _cart_rounds(N, seed=19425)
    y = np.random.default_rng(19426).poisson(rate).astype("float32")[:, None]
    model = _mlp(keras, 10, [32, 32], 1, activation="softplus", out_activation="exponential")
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), keras.losses.Poisson(),
                        x, y, epochs=15, batch_size=32, seed=19427)


@holdout194("night_soil_men", healthy=True)
def cesspit_overflow_rare_weighted(session):
    """Whether a cesspit overflowed before its emptying (4% of pits), from ten readings, by a
    BatchNormalization MLP under binary cross-entropy with class_weight 1:12: the weighted loss
    descends slowly and stays well above zero because the rare positives overlap the rest."""
    keras = _keras()
    x, rate = _cart_rounds(N, seed=19428)
    score = np.log(rate) + np.random.default_rng(19429).normal(scale=0.5, size=len(rate))
    y = (score > np.quantile(score, 0.96)).astype("float32")
    model = keras.Sequential([
        keras.Input((10,)),
        keras.layers.Dense(32),
        keras.layers.BatchNormalization(),
        keras.layers.Activation("relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    cut = N - PROBE_SIZE
    history = model.fit(x[:cut], y[:cut], epochs=20, batch_size=32, verbose=0,
                        class_weight={0: 1.0, 1: 12.0},
                        callbacks=session.callbacks((x[cut:], y[cut:])))
    return history.history["loss"]


@holdout194("night_soil_men", healthy=True)
def privy_survey_small_adamw(session):
    """A parish privy survey of only 96 rows (ten readings, the carting cost), memorised by a
    wide MLP 256-256 under AdamW with its default weight decay: the training loss sinks close
    to zero, as small data allows; nothing is wrong with the training."""
    keras = _keras()
    x, rate = _cart_rounds(96 + PROBE_SIZE, seed=19430)
    y = (np.log(rate) + np.random.default_rng(19431).normal(scale=0.3, size=len(rate)))
    model = _mlp(keras, 10, [256, 256], 1, out_activation=None)
    model.compile(keras.optimizers.AdamW(2e-3), "mse")
    return _fit(session, model, x, y.astype("float32"), epochs=22, batch_size=16)


@holdout194("night_soil_men", ["dead_relus"], stall_begins=None)
def conv_biases_minus_two(session):
    """The fen gauge's Conv1D classifier rebuilt for a night-soil round's tide of work, with
    bias_initializer=Constant(-2.0) on both convolutions 'to keep the feature maps sparse':
    with inputs of unit scale every relu is dead from the first batch and the loss stays at
    ln 3 (0.05 with zero biases)."""
    return _bias_minus_two(session, broken=True)


@holdout194("night_soil_men", ["loss_activation_mismatch"], stall_begins=128)
def sigmoid_head_on_cart_counts(session):
    """Cart-load counts (a mean of about two a round) under the Poisson loss, by an MLP whose
    head was copied from the overflow classifier and so ends in a sigmoid: predictions cannot
    pass 1, the sigmoid saturates pushing up, and the loss sits at 1.0 from the fifth epoch
    (0.25 and falling with an exponential head)."""
    return _sigmoid_head_poisson(session, broken=True)


@holdout194("night_soil_men", ["learning_rate_too_low"], stall_begins=None)
def rate_divided_by_rows(session):
    """A round's log as street tokens classed by ward with an Embedding and an LSTM under SGD
    with momentum, whose learning rate was written 0.5 / len(x_train), a 'per-example' rate
    (about 5e-4): the loss creeps from 1.385 to 1.378 in 15 epochs (0.0008 at a rate of 0.5)."""
    return _rate_per_example(session, broken=True)


# ---------------------------------------------------------------------------------------------
# drovers of cattle


@holdout194("drovers_of_cattle", healthy=True)
def pasture_maps_separable_noisy(session):
    """A drover's pasture maps (round, east-west or north-south grass) by a SeparableConv2D
    net with Adam, a tenth of the maps mislabelled by the drover: the loss flattens where the
    wrong labels leave it, well above zero."""
    keras = _keras()
    x, y = _pasture_maps(N, seed=19432)
    y = _noisy_labels(y, 3, 0.1, seed=19433)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.SeparableConv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.SeparableConv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout194("drovers_of_cattle", healthy=True)
def drove_weight_quantile_conv1d(session):
    """A month's drove log (miles, rain, grazing) and the herd's weight change, whose noise
    grows with the miles walked; a Conv1D net fits the 80th percentile under the pinball loss
    with Adam: it levels off far above zero, where the spread of the noise puts it."""
    keras = _keras()
    x, t = _drove_days(N, seed=19434)
    spread = 0.3 + 0.5 * np.abs(x[:, :, 0].mean(axis=1)) * 4
    y = t + spread * np.random.default_rng(19435).normal(size=len(t))
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 3, activation="relu"),
        keras.layers.Conv1D(16, 3, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(3e-3), _pinball(0.8))
    return _fit(session, model, x, y.astype("float32"), epochs=15, batch_size=32)


@holdout194("drovers_of_cattle", healthy=True)
def market_price_plain_sgd_slow(session):
    """The market price of a drove from sixteen standardised readings, a tanh MLP 32-32 under
    plain SGD at 0.01: a long, slow descent that is still improving at the end of the run."""
    keras = _keras()
    x, y = _flocks(N, seed=19436)
    model = _mlp(keras, 16, [32, 32], 1, activation="tanh", out_activation=None)
    model.compile(keras.optimizers.SGD(0.01), "mse")
    return _fit(session, model, x, y, epochs=25, batch_size=32)


@holdout194("drovers_of_cattle", ["vanishing_gradients"], stall_begins=None)
def ten_sigmoid_layers_loop(session):
    """Which of four downs a herd grazed, by ten Dense(48) sigmoid layers in a hand-written
    GradientTape loop with SGD and momentum, the activation kept from a 1990s textbook: the
    gradient fades through the stack and the loss stays near ln 4 (0.65 with relu)."""
    return _deep_sigmoid_loop(session, broken=True)


@holdout194("drovers_of_cattle", ["exploding_gradients"], stall_begins=32)
def drove_rnn_recurrent_gain_three(session):
    """A month's drove log read by a tanh SimpleRNN whose recurrent kernel was given
    Orthogonal(gain=3.0) 'to remember longer': the recurrence runs chaotic, its gradients
    through thirty days are enormous and clipped SGD wanders around 0.77 from the second
    epoch (0.03 at gain 1)."""
    return _chaotic_rnn(session, broken=True)


@holdout194("drovers_of_cattle", ["insufficient_capacity"], stall_begins=256)
def one_unit_lstm(session):
    """A drove's route as place tokens classed by which of four markets it ends at, by an
    Embedding and LSTM(1), 'one output per sequence': one unit cannot carry four markets and
    the loss flattens near 0.74 after seven epochs, barely creeping (0.0008 with LSTM(32))."""
    return _one_unit_lstm(session, broken=True)


# ---------------------------------------------------------------------------------------------
# shepherds of the downs


@holdout194("shepherds_of_downs", healthy=True)
def tally_attention_label_smoothing(session):
    """A shepherd's tally of fold tokens classed by which of four downs it came from, by an
    Embedding, MultiHeadAttention (2 heads) and average pooling under categorical
    cross-entropy with label_smoothing=0.1: the loss settles at the smoothing's floor, far
    above zero, as it must."""
    keras = _keras()
    x, y = _round_tokens(N, seed=19437)
    onehot = np.eye(4, dtype="float32")[y]
    inputs = keras.Input((x.shape[1],))
    h = keras.layers.Embedding(60, 16)(inputs)
    h = keras.layers.Add()([h, keras.layers.MultiHeadAttention(2, 8)(h, h)])
    h = keras.layers.GlobalAveragePooling1D()(keras.layers.LayerNormalization()(h))
    model = keras.Model(inputs, keras.layers.Dense(4, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(2e-3),
                  keras.losses.CategoricalCrossentropy(label_smoothing=0.1))
    return _fit(session, model, x, onehot, epochs=12, batch_size=32)


@holdout194("shepherds_of_downs", healthy=True)
def lambing_gaussian_nll(session):
    """A flock's lambing rate with noise that grows with the flock's age, fitted by an MLP
    with a two-unit head (mean, log-variance) under the Gaussian negative log-likelihood with
    Adam at 5e-4: the loss flattens at the noise's entropy, not at zero."""
    keras = _keras()
    x, t = _flocks(N, seed=19438)
    sd = 0.2 + 0.4 * (np.tanh(x[:, 0]) + 1)
    y = t + sd * np.random.default_rng(19439).normal(size=len(t))
    model = _mlp(keras, 16, [64, 64], 2, out_activation=None)
    model.compile(keras.optimizers.Adam(5e-4), _gaussian_nll)
    return _fit(session, model, x, y.astype("float32"), epochs=20, batch_size=32)


@holdout194("shepherds_of_downs", healthy=True)
def fold_weather_gru_piecewise(session):
    """A month of weather on the downs (wind, rain, frost) and the flock's weight change, by a
    GRU(24) under SGD with momentum and a PiecewiseConstantDecay (0.05, 0.01, 0.002 at steps
    192 and 384), with measurement noise: each drop of the rate gives a small step down and
    the loss flattens above the noise floor."""
    keras = _keras()
    x, t = _drove_days(N, seed=19440)
    y = t + 0.3 * np.random.default_rng(19441).normal(size=len(t))
    model = keras.Sequential([
        keras.Input(x.shape[1:]), keras.layers.GRU(24), keras.layers.Dense(1)])
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([192, 384], [0.05, 0.01, 0.002])
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "mse")
    return _fit(session, model, x, y.astype("float32"), epochs=18, batch_size=32)


@holdout194("shepherds_of_downs", ["learning_rate_too_high"], stall_begins=None)
def adagrad_at_one(session):
    """A shepherd's fold maps (round, long east-west or north-south pens) by a small Conv2D
    net under Adagrad(learning_rate=1.0), the rate taken from a note that 'Adagrad adapts, so
    start big': the first steps throw the weights far off and the loss sits at ln 3 (0.10 at
    0.05)."""
    return _adagrad_one(session, broken=True)


@holdout194("shepherds_of_downs", ["over_regularization"], stall_begins=96)
def activity_l1_on_conv_maps(session):
    """The fold-map CNN with activity_regularizer=L1(0.1) on both convolutions, copied from a
    sparse-coding recipe whose penalty was meant per map, not summed over every position: the
    penalty drives the feature maps to zero and the loss sits at ln 3 from the fourth epoch
    (0.04 without it)."""
    return _activity_l1(session, broken=True)


@holdout194("shepherds_of_downs", ["saturated_activations"], stall_begins=None)
def unit_normal_tanh_head(session):
    """The lambing rate scaled to [-1, 1] by a tanh MLP 256-256 with a tanh head, every kernel
    RandomNormal(stddev=1.0) 'unit-variance weights': the pre-activations run to tens, every
    tanh is pinned at +/-1, and SGD leaves the loss near 0.95 (0.01 with Glorot)."""
    return _unit_normal_tanh(session, broken=True)


@holdout194("ferrymen_of_the_fens", ["poor_initialization"], stall_begins=96)
def constant_kernels_tanh(session):
    """A ferry's takings from sixteen readings by a tanh MLP 64-64 with
    kernel_initializer=Constant(0.05), so every
    hidden unit starts, and stays, identical: the net behaves as one unit wide and the loss
    sits at 0.12 from the fourth epoch (0.008 with Glorot)."""
    return _constant_kernels_tanh(session, broken=True)
