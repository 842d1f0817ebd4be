"""The ninety-sixth held-out catalogue: written by someone who did not read the engine or run the
diagnosis on these runs, and scored once.

It was written from how trainings go wrong in practice (the mistakes most often met in forum
questions, issue trackers and code reviews), without reading the engine's detectors or
thresholds, without reading the earlier catalogues' scenarios and without running the
diagnosis. Every scenario was checked only from its own loss curve (Keras History, in a
throwaway script with the runner's seed), and every broken one against the same model trained
without its mistake (each helper `_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Grooms: a horse's gait from 48 girth
accelerometer readings by a Conv1D net, 15% of the calls wrong; daily hay intake under
heteroscedastic weighing noise by an MLP under a staircase ExponentialDecay; a stable's
inspection grade in a hand-written GradientTape loop, 10% of grades wrong, a slow fall still
going at the end. Coachmen: a fare surcharge under the pinball loss at the 0.8 quantile
(flat far above zero); a road's delay from 30 stages by a GRU under a warm-up and cosine
decay with Student-t noise; rare breakdowns (8%) weighted up by class_weight. Postilions: a
relay time from only 192 rows by a wide MLP that memorises them over 30 short epochs;
horseshoe wear prints by a CNN, 10% of the calls wrong, with ReduceLROnPlateau; a relay time
under plain SGD 0.01, a long slow descent still going at the end. Stewards: pantry counts
(Poisson) by an exponential-output MLP under keras's Poisson loss (negative); a guest's bill
from a room Embedding and numeric features, two inputs, Huber loss against Laplace noise;
order slips of item tokens by Embedding and MultiHeadAttention, 10% routed wrongly.

The broken half, one root cause each: Adam(0.5), the rate kept from an SGD-with-momentum
tutorial (learning rate too high; its second hidden layer was measured dead on every probe
example after training, so dead ReLUs are listed second); a CSV export's blank target cells
read as NaN and never filled (non-finite values); relu layers given bias_initializer
Constant(-3) from a 'sparse activations' tip (dead ReLUs); a sigmoid head kept from a
classifier on a regression of a fare around 12 (loss/activation mismatch); a SimpleRNN with
activation='relu' over 60 steps under SGD with momentum and clipnorm (exploding gradients:
bursts that throw the loss up, never back to its best); hidden Dense layers written without
activation=, a linear stack (insufficient capacity); Rescaling(255.0) written for 1/255 in
front of a tanh CNN (saturated activations, with the inputs themselves unnormalised); a
post-house ledger in metres, pounds and pence fed raw to a tanh MLP (unnormalised inputs,
with its first layer saturated); ten sigmoid layers under plain SGD in a GradientTape loop
(vanishing gradients); SGD with momentum at 1e-5 from a fine-tuning recipe on an Embedding
model trained from scratch (learning rate too low); kernel_initializer='zeros' everywhere
(poor initialisation: no hidden unit ever gets a gradient); l2(1.0) on every kernel, the
lambda of a summed-loss formula (over-regularisation).

Dropped or replaced because they did not behave as intended: a Dense(1, activation='softmax')
head under binary cross-entropy (Keras 3 trained it exactly as the sigmoid head, loss for
loss; the sigmoid head on a regression replaced it); Adam(0.1) for the too-high rate (it
still learned, ~0.70 against ~0.52; 0.5 kept); blank cells in an input column (the NaN only
killed the first layer, the loss stayed finite at the constant prediction's; the target
column kept); an LSTM(activation='relu') under Adam with clipnorm (one huge first epoch, then
it trained as the tanh LSTM did); targets in raw seconds under clipped SGD (still falling
steadily); the Rescaling(255) slip under Adam with global pooling (Adam rescued part of it,
1.10 -> 0.46 and still falling; SGD with momentum and a Flatten kept); the raw ledger into a
relu MLP under Adam at 1e-3, 1e-2 and 3e-2 (the loss kept falling from huge values, 58, 90
and 4.4 after eight epochs, none flat); Dropout(0.9) from a TF1 keep_prob=0.9, with and
without an l2(0.1) head, and l1(0.1) on every kernel (all still falling; l2(1.0) under Adam
1e-2 kept).

Labels follow `scenarios.py`: `expected_causes[0]` is the root cause the scenario was built
around, a second cause only where that symptom is genuinely present too; `stall_begins` is the
optimizer step from which the loss stops improving (None: from the start), exact where an event
of the scenario causes it (the first NaN target, in file order, at step 10), otherwise read off
the per-epoch loss (32 steps an epoch) and marked approximate. The linear stack still creeps
down by ~0.3% an epoch at the end, at ten times the fixed model's loss.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("grooms", "coachmen", "postilions", "stewards")

REGISTRY = []

holdout96 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


def _rng(seed):
    return np.random.default_rng(seed)


def _std(v):
    v = np.asarray(v, dtype="float64")
    return ((v - v.mean(axis=0)) / (v.std(axis=0) + 1e-12)).astype("float32")


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, shuffle=True, callbacks=()):
    """`_fit` for a model with several inputs; the last PROBE_SIZE rows are the probe."""
    train = [v[:-PROBE_SIZE] for v in inputs]
    probe = ([v[-PROBE_SIZE:] for v in inputs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        shuffle=shuffle, verbose=0,
                        callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


# data ------------------------------------------------------------------------------------------


def gait_traces(n, seed, length=48, flip=0.0):
    """A horse's gait (walk, trot, canter) from 48 readings of a girth accelerometer: each gait
    has its own stride rhythm (one, two or three beats a stride) at a varying tempo, with
    jolts and sensor noise; a fraction `flip` of the groom's calls are wrong."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    t = np.linspace(0, 1, length)
    x = np.empty((n, length, 1), dtype="float32")
    for k in range(n):
        f = r.uniform(2.5, 4.0) * (1 + y[k])
        x[k, :, 0] = (np.sin(2 * np.pi * f * t + r.uniform(0, 6.3)) * r.uniform(0.6, 1.4)
                      + 0.35 * r.normal(size=length))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 3, n)) % 3, y)
    return x, y


def feed_records(n, seed, dim=8):
    """A horse's daily hay intake (standardised) from eight stable features (weight, work
    hours, temperature, age, ...), smooth and nonlinear, with a weighing noise that grows
    with the intake (heteroscedastic)."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    mean = 1.2 * np.tanh(x[:, 0]) + 0.6 * x[:, 1] * x[:, 2] + 0.5 * np.abs(x[:, 3]) - 0.3 * x[:, 4]
    y = mean + (0.2 + 0.3 * np.abs(mean)) * r.normal(size=n)
    return x, _std(y)[:, None]


def stable_grades(n, seed, dim=10, classes=4, flip=0.0):
    """A stable's inspection grade (4) from ten features: the argmax of four nonlinear scores;
    `flip` of the inspector's grades are wrong (drawn at random)."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    w = r.normal(size=(dim, classes))
    v = r.normal(size=(dim, classes))
    s = np.tanh(x @ w) + 0.4 * (x @ v) ** 2 / dim
    y = s.argmax(axis=1)
    wrong = r.random(n) < flip
    y = np.where(wrong, r.integers(0, classes, n), y)
    return x, y


def fare_table(n, seed, dim=6):
    """A coach fare's surcharge (standardised) from six journey features, with a skewed
    (gamma) scatter of tips and tolls."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    y = np.sin(x[:, 0]) + 0.5 * x[:, 1] * x[:, 2] - 0.4 * x[:, 3] + r.gamma(2.0, 0.4, size=n)
    return x, _std(y)[:, None]


def road_series(n, seed, length=30):
    """30 stages of a coach road (two channels: gradient and mud); the target is the delay at
    the end (standardised), a sum of recent mud and the steepest climb, with Student-t
    noise from the weather."""
    r = _rng(seed)
    x = r.normal(size=(n, length, 2)).astype("float32")
    y = (0.8 * x[:, -8:, 1].mean(axis=1) * 3 + 0.5 * x[:, :, 0].max(axis=1)
         + 0.3 * r.standard_t(4, size=n))
    return x, _std(y)[:, None]


def breakdown_records(n, seed, dim=10, rate=0.08):
    """Whether a coach breaks down on a journey (about 8%) from ten wear features."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    score = 1.5 * x[:, 0] + x[:, 1] * x[:, 2] + 0.8 * np.abs(x[:, 3]) + 0.5 * r.normal(size=n)
    y = (score > np.quantile(score, 1 - rate)).astype("float32")
    return x, y[:, None]


def shoe_prints(n, seed, size=12, flip=0.0):
    """12 x 12 prints of a horseshoe's wear (three patterns: toe, heel, side worn) as a bar
    of darker pixels, with noise; `flip` of the farrier's calls are wrong."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    i, j = np.mgrid[0:size, 0:size]
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        c = r.integers(3, 9)
        if y[k] == 0:
            t = np.abs(i - c) < 1.5
        elif y[k] == 1:
            t = np.abs(j - c) < 1.5
        else:
            t = np.abs(i - j - (c - 6)) < 1.5
        x[k, :, :, 0] = t.astype(float) * r.uniform(0.7, 1.3) + 0.4 * r.normal(size=(size, size))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 3, n)) % 3, y)
    return x, y


def relay_times(n, seed, dim=8):
    """A post relay's change-over time (standardised) from eight features."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    y = (np.sin(1.5 * x[:, 0]) + 0.7 * x[:, 1] * x[:, 2] + 0.5 * x[:, 3] ** 2 - 0.4 * x[:, 4]
         + 0.3 * r.normal(size=n))
    return x, _std(y)[:, None]


def pantry_counts(n, seed, dim=6):
    """Loaves drawn from the steward's pantry a day (Poisson counts) from six features."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    rate = np.exp(1.0 + 0.5 * x[:, 0] - 0.4 * x[:, 1] + 0.3 * np.sin(2 * x[:, 2]))
    return x, r.poisson(rate).astype("float32")[:, None]


def guest_bills(n, seed, rooms=30):
    """A guest's bill (standardised) from the room (30, id) and five numeric features, with
    Laplace noise."""
    r = _rng(seed)
    room = r.integers(0, rooms, n)
    effect = r.normal(size=rooms)
    num = r.normal(size=(n, 5)).astype("float32")
    y = effect[room] + 0.6 * num[:, 0] + 0.4 * num[:, 1] * num[:, 2] + 0.3 * r.laplace(size=n)
    return room.astype("int32"), num, _std(y)[:, None]


def order_tokens(n, seed, length=16, vocab=40, flip=0.1):
    """A steward's order slip as 16 item tokens (vocabulary 40); the kitchen it goes to (3) is
    the group whose items are most frequent; `flip` of the slips went to the wrong kitchen."""
    r = _rng(seed)
    groups = r.integers(0, 3, vocab)
    y = r.integers(0, 3, n)
    x = np.empty((n, length), dtype="int32")
    for k in range(n):
        own = np.flatnonzero(groups == y[k])
        m = r.random(length) < 0.5
        x[k] = np.where(m, r.choice(own, length), r.integers(0, vocab, length))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 3, n)) % 3, y)
    return x, y


def cue_sequences(n, seed, length=60):
    """A coach horn signal over 60 samples; which stop is called depends on the sign of the
    first five samples' sum, the rest is the road's noise."""
    r = _rng(seed)
    x = (0.5 * r.normal(size=(n, length, 1))).astype("float32")
    y = (x[:, :5, 0].sum(axis=1) > 0).astype("float32")
    return x, y[:, None]


# grooms -----------------------------------------------------------------------------------------


@holdout96("grooms", healthy=True)
def gait_conv_noisy(session):
    """A horse's gait (walk, trot, canter) from 48 girth-accelerometer readings by a Conv1D
    16-32 relu net with global average pooling, Adam 2e-3, 15% of the groom's calls wrong: it
    learns and then sits at the label noise's floor."""
    keras = _keras()
    x, y = gait_traces(N, seed=9601, flip=0.15)
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout96("grooms", healthy=True)
def hay_intake_staircase(session):
    """A horse's daily hay intake (standardised) from eight stable features with a weighing
    noise that grows with the intake, MLP 64-64 relu, Adam under ExponentialDecay(3e-3, 64
    steps, 0.5, staircase=True): the loss steps down and flattens at the heteroscedastic
    noise floor."""
    keras = _keras()
    x, y = feed_records(N, seed=9602)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    lr = keras.optimizers.schedules.ExponentialDecay(3e-3, 64, 0.5, staircase=True)
    model.compile(keras.optimizers.Adam(lr), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout96("grooms", healthy=True)
def stable_grade_loop(session):
    """Hand-written GradientTape loop: a stable's inspection grade (4) from ten features by an
    MLP 64-64 tanh, sparse categorical cross-entropy, Adam 2e-3, 10% of the grades wrong: a
    slow steady fall, still going at the end and far above zero."""
    keras = _keras()
    x, y = stable_grades(N, seed=9603, flip=0.1)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(4, activation="softmax")])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3),
                        keras.losses.SparseCategoricalCrossentropy(), x, y, epochs=10,
                        batch_size=32, seed=9603)


def _grade_rate(session, broken):
    keras = _keras()
    x, y = stable_grades(N, seed=9604)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(0.5 if broken else 1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# Flat near ln 4 from the second epoch on (32 steps an epoch): approximate.
@holdout96("grooms", ["learning_rate_too_high", "dead_relus"], stall_begins=48)
def grade_adam_sgd_rate(session):
    """A stable's inspection grade (4) from ten features by an MLP 64-64 relu under
    Adam(learning_rate=0.5): the rate was kept from the SGD-with-momentum tutorial when the
    optimizer was swapped to Adam, five hundred times Adam's usual 1e-3; the first huge
    steps throw the loss up and it comes back only to the class prior, with the second
    hidden layer dead."""
    return _grade_rate(session, True)


def _hay_nan(session, broken):
    keras = _keras()
    x, y = feed_records(N, seed=9605)
    y = y.copy()
    # The intake column of the CSV export has blank cells, which pandas reads as NaN.
    y[[300, 517, 842], 0] = np.nan
    if not broken:
        y = np.nan_to_num(y, nan=0.0)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=6, batch_size=32, shuffle=False)


# Row 300 is in the tenth batch of the file-order pass: its NaN makes step 10's loss NaN.
@holdout96("grooms", ["non_finite_values"], stall_begins=300 // 32 + 1)
def hay_csv_blank_cells(session):
    """A horse's hay intake from eight stable features read from a CSV export whose intake
    column (the target) has three blank cells, read as NaN and never filled or dropped, MLP
    64-64 relu, Adam 2e-3, in file order: the first batch holding one makes the loss and
    then every weight NaN."""
    return _hay_nan(session, True)


def _gait_dead(session, broken):
    keras = _keras()
    x, y = gait_traces(N, seed=9606)
    bias = keras.initializers.Constant(-3.0) if broken else "zeros"
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu", bias_initializer=bias),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout96("grooms", ["dead_relus"], stall_begins=None)
def gait_negative_bias_relu(session):
    """A horse's gait from 48 accelerometer readings by a Conv1D net whose relu layers were
    given bias_initializer=Constant(-3.0), copied from a 'sparse activations' tip: every
    pre-activation starts far below zero, so the relus output zero and pass no gradient."""
    return _gait_dead(session, True)


# coachmen ---------------------------------------------------------------------------------------


def _pinball(q):
    import keras

    def loss(y_true, y_pred):
        e = y_true - y_pred
        return keras.ops.mean(keras.ops.maximum(q * e, (q - 1) * e), axis=-1)

    return loss


@holdout96("coachmen", healthy=True)
def fare_quantile(session):
    """A coach fare's surcharge from six journey features with a skewed scatter, MLP 64-64 relu
    under the pinball loss at the 0.8 quantile, Adam 2e-3: it falls quickly and levels off
    far above zero (the quantile loss of the scatter itself)."""
    keras = _keras()
    x, y = fare_table(N, seed=9611)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), _pinball(0.8))
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout96("coachmen", healthy=True)
def road_delay_warmup_cosine(session):
    """The delay at the end of a 30-stage coach road from gradient and mud by a GRU(16), Adam
    under CosineDecay with a linear warm-up (0 to 3e-3 over 32 steps, then cosine to zero by
    step 256), Student-t weather noise: slow at first, then a fall to the noise floor."""
    keras = _keras()
    x, y = road_series(N, seed=9612)
    model = keras.Sequential([keras.Input((30, 2)), keras.layers.GRU(16), keras.layers.Dense(1)])
    lr = keras.optimizers.schedules.CosineDecay(0.0, 224, warmup_target=3e-3, warmup_steps=32)
    model.compile(keras.optimizers.Adam(lr), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout96("coachmen", healthy=True)
def breakdown_weighted(session):
    """Whether a coach breaks down (8% of journeys) from ten wear features, MLP 32-32 relu with
    a sigmoid head, binary cross-entropy with class_weight {0: 1, 1: 6}, Adam 1e-3: it
    learns the rare class; the weighted loss ends well above zero."""
    keras = _keras()
    x, y = breakdown_records(N, seed=9613)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    (xt, yt), probe = (x[:-PROBE_SIZE], y[:-PROBE_SIZE]), (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(xt, yt, epochs=10, batch_size=32, verbose=0,
                        class_weight={0: 1.0, 1: 6.0}, callbacks=session.callbacks(probe))
    return history.history["loss"]


def _breakdown_softmax(session, broken):
    keras = _keras()
    x, y = fare_table(N, seed=9614)
    # The fare in shillings (about 12, spread 4), not standardised.
    y = (12.0 + 4.0 * y).astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid" if broken else None)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=6, batch_size=32)


@holdout96("coachmen", ["loss_activation_mismatch"], stall_begins=None)
def fare_sigmoid_head(session):
    """A coach fare in shillings (about 12) from six journey features by an MLP 64-64 relu
    whose Dense(1, activation='sigmoid') head was kept from the breakdown classifier it was
    copied from, under mean squared error: the prediction cannot exceed 1, the sigmoid
    pins at its ceiling and the loss stays at (fare - 1) squared."""
    return _breakdown_softmax(session, True)


def _road_relu_lstm(session, broken):
    keras = _keras()
    x, y = road_series(N, seed=9615, length=60)
    x = x * 3.0
    act = "relu" if broken else "tanh"
    model = keras.Sequential([keras.Input((60, 2)), keras.layers.SimpleRNN(64, activation=act),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9, clipnorm=1.0), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# Lowest near the end of the second epoch (32 steps an epoch), then spikes: approximate.
@holdout96("coachmen", ["exploding_gradients"], stall_begins=64)
def road_rnn_relu_clipped(session):
    """The delay at the end of a 60-stage road (inputs of spread ~3) by a SimpleRNN(64,
    activation='relu') ('relu trains better than tanh'), SGD 0.05 with momentum 0.9 and
    clipnorm=1.0 added after the first NaN: the unbounded state compounds over 60 steps,
    the gradients blow up in bursts, the loss spikes and never comes back to where it
    was."""
    return _road_relu_lstm(session, True)


def _fare_linear(session, broken):
    keras = _keras()
    x, y = relay_times(N, seed=9616)
    act = None if broken else "relu"
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation=act),
                              keras.layers.Dense(64, activation=act), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(5e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout96("coachmen", ["insufficient_capacity"], stall_begins=None)
def relay_dense_no_activation(session):
    """A relay's change-over time from eight features by Dense(64) -> Dense(64) -> Dense(1),
    the hidden layers written without activation= (keras's default is linear): the stack is
    one linear map and levels off at the linear fit of a nonlinear target."""
    return _fare_linear(session, True)


# postilions -------------------------------------------------------------------------------------


@holdout96("postilions", healthy=True)
def relay_small_data(session):
    """A relay's change-over time from eight features with only 192 training rows, MLP 128-128
    relu, Adam 2e-3, 30 short epochs: the training loss keeps falling below the noise (it
    memorises the book), a well-behaved small-data fit."""
    keras = _keras()
    x, y = relay_times(192 + PROBE_SIZE, seed=9621)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=30, batch_size=32)


@holdout96("postilions", healthy=True)
def shoe_prints_plateau_schedule(session):
    """Horseshoe wear patterns on 12 x 12 prints by a CNN 8-16 relu, 10% of the farrier's calls
    wrong, Adam 3e-3 with ReduceLROnPlateau(factor 0.3, patience 1) on the training loss:
    learns, wobbles, the rate drops and it settles at the label noise's floor."""
    keras = _keras()
    x, y = shoe_prints(N, seed=9622, flip=0.1)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    cb = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=1, min_delta=0.01)
    return _fit(session, model, x, y, epochs=10, batch_size=32, callbacks=[cb])


@holdout96("postilions", healthy=True)
def relay_plain_sgd_slow(session):
    """A relay's change-over time from eight features, MLP 32-32 tanh under plain SGD 0.01: a
    long slow descent, still improving at the end of ten epochs."""
    keras = _keras()
    x, y = relay_times(N, seed=9623)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(32, activation="tanh"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.01), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _shoe_rescale(session, broken):
    keras = _keras()
    x, y = shoe_prints(N, seed=9624)
    # The prints as 8-bit images.
    x = np.clip(np.round((x + 1.0) * 100.0), 0, 255).astype("float32")
    scale = 255.0 if broken else 1.0 / 255.0
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Rescaling(scale),
        keras.layers.Conv2D(8, 3, activation="tanh", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="tanh", padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dense(32, activation="tanh"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# Flat from about the third epoch (32 steps an epoch): approximate.
@holdout96("postilions", ["saturated_activations", "unnormalized_inputs"], stall_begins=64)
def shoe_rescaling_inverted(session):
    """Horseshoe wear on 12 x 12 8-bit prints by a tanh CNN (SGD 0.05, momentum 0.9) whose
    first layer is
    Rescaling(255.0), the scale written as the divisor it was meant to be (1/255): the
    pixels reach ~6e4, every tanh unit sits at +-1 and passes almost no gradient."""
    return _shoe_rescale(session, True)


def _relay_raw(session, broken):
    keras = _keras()
    r = _rng(9625)
    # The post-house ledger: distance in metres, horses' weight in kg, the toll in pence,
    # the hour, a mud index (0..1) and the load in pounds.
    dist = r.uniform(8000, 24000, N)
    weight = r.normal(520, 40, N)
    toll = r.uniform(0, 600, N)
    hour = r.uniform(0, 24, N)
    mud = r.uniform(0, 1, N)
    load = r.normal(1800, 300, N)
    z = [(dist - 16000) / 4600, (weight - 520) / 40, (toll - 300) / 173, (hour - 12) / 7,
         (mud - 0.5) / 0.29, (load - 1800) / 300]
    y = (0.7 * z[0] + np.sin(1.5 * z[4]) + 0.6 * z[1] * z[5] - 0.4 * np.abs(z[3])
         + 0.3 * z[2] + 0.2 * r.normal(size=N))
    x = np.stack([dist, weight, toll, hour, mud, load], axis=1).astype("float32")
    if not broken:
        x = _std(x)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(64, activation="tanh"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, _std(y)[:, None], epochs=8, batch_size=32)


@holdout96("postilions", ["unnormalized_inputs", "saturated_activations"], stall_begins=None)
def ledger_raw_units(session):
    """A stage's running time (standardised) from the post-house ledger in its own units
    (distance in metres ~1.6e4, load in pounds ~1.8e3, toll in pence, hour, weight in kg, a
    0..1 mud index) fed straight to an MLP 64-64 tanh, Adam 1e-3: the StandardScaler step
    was left out, the metres and pounds push every first-layer unit to +-1 and the loss
    stays at the constant prediction's."""
    return _relay_raw(session, True)


def _post_vanish(session, broken):
    keras = _keras()
    x, y = stable_grades(N, seed=9626, classes=3)
    act = "sigmoid" if broken else "relu"
    layers = [keras.Input((10,))]
    layers += [keras.layers.Dense(32, activation=act) for _ in range(10)]
    layers.append(keras.layers.Dense(3, activation="softmax"))
    model = keras.Sequential(layers)
    return _custom_loop(session, model, keras.optimizers.SGD(0.05),
                        keras.losses.SparseCategoricalCrossentropy(), x, y, epochs=8,
                        batch_size=32, seed=9626)


@holdout96("postilions", ["vanishing_gradients"], stall_begins=None)
def grade_deep_sigmoid_loop(session):
    """Hand-written GradientTape loop: an inspection grade (3) from ten features by ten Dense(32,
    sigmoid) layers, as in an old textbook network made deeper, plain SGD 0.05: each sigmoid
    layer scales the gradient by at most 1/4, so the first layers get almost nothing and
    the loss sits near ln 3."""
    return _post_vanish(session, True)


# stewards ---------------------------------------------------------------------------------------


@holdout96("stewards", healthy=True)
def pantry_poisson(session):
    """Loaves drawn from the pantry a day (Poisson counts) from six features by an MLP 32-32
    relu with an exponential output, keras's Poisson loss, Adam 2e-3: it falls and levels
    off at the counts' own Poisson noise (the loss omits log y! and stays far from zero)."""
    keras = _keras()
    x, y = pantry_counts(N, seed=9631)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout96("stewards", healthy=True)
def guest_bill_two_inputs(session):
    """A guest's bill from the room (Embedding(30, 8)) and five numeric features, two inputs
    concatenated into an MLP 64 relu, Huber loss against Laplace noise, Adam 2e-3: a quick
    fall to a floor set by the noise."""
    keras = _keras()
    room, num, y = guest_bills(N, seed=9632)
    a = keras.Input((1,), dtype="int32")
    b = keras.Input((5,))
    e = keras.layers.Flatten()(keras.layers.Embedding(30, 8)(a))
    h = keras.layers.Dense(64, activation="relu")(keras.layers.Concatenate()([e, b]))
    out = keras.layers.Dense(1)(h)
    model = keras.Model([a, b], out)
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber())
    return _fit_inputs(session, model, [room[:, None], num], y, epochs=10, batch_size=32)


@holdout96("stewards", healthy=True)
def order_slip_attention(session):
    """A steward's order slip (16 item tokens) routed to one of three kitchens, 10% of the slips
    wrongly routed, Embedding(40, 16) and a MultiHeadAttention block (2 heads) with mean
    pooling, Adam 2e-3: it learns and settles at the routing noise."""
    keras = _keras()
    x, y = order_tokens(N, seed=9633)
    inp = keras.Input((16,), dtype="int32")
    e = keras.layers.Embedding(40, 16)(inp)
    a = keras.layers.MultiHeadAttention(2, 8)(e, e)
    h = keras.layers.GlobalAveragePooling1D()(keras.layers.Add()([e, a]))
    h = keras.layers.Dense(32, activation="relu")(h)
    out = keras.layers.Dense(3, activation="softmax")(h)
    model = keras.Model(inp, out)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _pantry_low(session, broken):
    keras = _keras()
    x, y = order_tokens(N, seed=9634, flip=0.0)
    model = keras.Sequential([keras.Input((16,), dtype="int32"), keras.layers.Embedding(40, 16),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.SGD(1e-5 if broken else 0.1, momentum=0.9),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout96("stewards", ["learning_rate_too_low"], stall_begins=None)
def order_slip_finetune_rate(session):
    """An order slip's kitchen from 16 item tokens by Embedding(40, 16), average pooling and a
    Dense(32) relu head, SGD with momentum 0.9 at learning_rate=1e-5, the rate copied from a
    fine-tuning recipe for a model trained from scratch: the loss barely leaves ln 3."""
    return _pantry_low(session, True)


def _guest_zeros(session, broken):
    keras = _keras()
    x, y = relay_times(N, seed=9635)
    init = "zeros" if broken else "glorot_uniform"
    model = keras.Sequential([keras.Input((8,)),
                              keras.layers.Dense(64, activation="relu", kernel_initializer=init),
                              keras.layers.Dense(64, activation="relu", kernel_initializer=init),
                              keras.layers.Dense(1, kernel_initializer=init)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout96("stewards", ["poor_initialization"], stall_begins=None)
def accounts_zero_kernels(session):
    """A steward's accounting time from eight features by an MLP 64-64 relu with
    kernel_initializer='zeros' everywhere ('start from zero, let training decide'): every
    hidden unit outputs relu(0) = 0 and gets no gradient, so only the output bias learns
    and the loss stays at the constant prediction's."""
    return _guest_zeros(session, True)


def _cellar_dropout(session, broken):
    keras = _keras()
    x, y = stable_grades(N, seed=9636)
    reg = keras.regularizers.l2(1.0 if broken else 1e-4)
    model = keras.Sequential([
        keras.Input((10,)),
        keras.layers.Dense(64, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(64, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(4, activation="softmax", kernel_regularizer=reg),
    ])
    model.compile(keras.optimizers.Adam(1e-2), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# Flat from the third epoch (32 steps an epoch) once the penalty has shrunk the kernels: approximate.
@holdout96("stewards", ["over_regularization"], stall_begins=70)
def cellar_l2_lambda_one(session):
    """A cellar's stock grade (4) from ten features by an MLP 64-64 relu, Adam 1e-2, every
    kernel under keras.regularizers.l2(1.0): the lambda = 1 of the course's formula, where
    the data term was summed, not averaged; the penalty crushes the weights to zero and the
    loss stays at the class prior (~ln 4)."""
    return _cellar_dropout(session, True)
