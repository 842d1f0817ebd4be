"""The hundred-and-eighty-sixth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Written without reading the engine, its tests or results, and without running the diagnosis.
Every scenario was checked only from its own per-epoch loss (Keras History with Session(None)
and the runner's seed), and every broken one against the same model trained without its
mistake (each helper `_name(session, broken)` trains both). Earlier catalogues already hold
raw tabular columns, NaN cells, zero and tiny initialisation, L2(10) and dropout 0.95, deep
sigmoid stacks, relu RNNs without clipping, negative biases and one-unit GRUs, so those
mechanisms were not written again.

Healthy half. Stookers: a sheaf's ripeness grade by an MLP with a fifth of the grades random;
a stook's drying days under heteroscedastic noise by an MLP under a PiecewiseConstantDecay;
a stook's lean from an anemometer trace by a Conv1D net under Huber loss against Student-t
errors. Fencers: posts per furlong (Poisson counts) by an exponential-output MLP under the
Poisson loss; a rail's cost from a timber Embedding and numeric readings (two inputs) under
mean absolute error against Laplace noise; a gate's sag from only 192 gates by a wide MLP
that memorises them. Drovers of geese: a flock's pace by a GRU under warm-up and cosine
decay; a rare straying goose (one log in ten) by Embedding and pooling with class_weight; the
0.8 quantile of skewed arrival delays in a hand-written GradientTape loop (pinball loss).

Broken half, one root cause each: RMSprop(1.0) carried over from an Adadelta example (too
high a rate); weights in grams and lengths in millimetres fed raw into a tanh MLP; a tanh
stack initialised RandomNormal(stddev=4) under SGD (saturated units; its loss still creeps
down slowly but stays about ten times above the fixed run's); a SimpleRNN whose recurrent
kernel is Orthogonal(gain=3), which thrashes at a high finite loss (exploding gradients);
an L1(0.1) penalty on every Conv1D kernel; kernel_initializer='ones', which keeps every unit
of a layer identical (poor initialisation; its loss wanders around 1.5-2.7 against 0.3).

Dropped because they did not behave as intended, or for lack of time: a sigmoid output under
from_logits=True (Keras 3 detects the sigmoid and uses its logits, so it trained normally);
the same output under Hinge loss (still falling at the end, not a stall); a SimpleRNN
against an LSTM on a 60-step memory task (the LSTM failed as well, so no honest contrast).
The shepherdesses family and the remaining causes (learning_rate_too_low, dead_relus,
vanishing_gradients, loss_activation_mismatch, insufficient_capacity, non_finite_values)
were not written within the time allowed: a short catalogue rather than an unchecked one.

Labels: `expected_causes[0]` is the root cause the scenario was built around. `stall_begins`
is None where the loss is flat from the start; the other three (32, 288 and 160) are
approximate, read off the per-epoch loss at 32 steps an epoch."""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('stookers', 'fencers', 'drovers_of_geese', 'shepherdesses')
REGISTRY = []
holdout186 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


def _rng(seed):
    return np.random.default_rng(seed)


def _sheaves(seed, classes=4, noise=0.0):
    """Sheaf features (12 standardized readings) and a class from a nonlinear rule."""
    rng = _rng(seed)
    x = rng.normal(size=(N, 12)).astype("float32")
    score = np.stack([np.sin(x[:, i]) + x[:, i + 4] * x[:, i + 8] for i in range(classes)], 1)
    y = score.argmax(1)
    flip = rng.random(N) < noise
    y[flip] = rng.integers(0, classes, flip.sum())
    return x, y.astype("int32")


def _regression(seed, d=10, scale=0.3):
    rng = _rng(seed)
    x = rng.normal(size=(N, d)).astype("float32")
    y = np.sin(x[:, 0]) + x[:, 1] * x[:, 2] + 0.5 * np.tanh(x[:, 3] - x[:, 4])
    return x, (y + scale * rng.normal(size=N)).astype("float32")[:, None]


# ---------------------------------------------------------------------------------------------
# stookers


@holdout186("stookers", healthy=True)
def sheaf_grade_misjudged(session):
    """A sheaf's ripeness grade (four classes) from twelve field readings by an MLP 64-64 under
    Adam, with a fifth of the stookers' grades given at random; the loss flattens well above
    zero where the wrong grades leave it."""
    keras = _keras()
    x, y = _sheaves(18601, noise=0.2)
    model = _mlp(keras, 12, [64, 64], 4)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout186("stookers", healthy=True)
def drying_days_staircase(session):
    """Days a stook needs to dry from ten weather readings by an MLP 64-32 under Adam with a
    PiecewiseConstantDecay (1e-3, then 3e-4 after 250 steps, then 1e-4 after 500); the weather's
    scatter grows with the drying time, so the loss settles far above zero."""
    keras = _keras()
    rng = _rng(18602)
    x = rng.normal(size=(N, 10)).astype("float32")
    clean = np.sin(x[:, 0]) + 0.5 * x[:, 1] * x[:, 2] + x[:, 3]
    y = (clean + (0.2 + 0.4 * np.abs(clean)) * rng.normal(size=N)).astype("float32")[:, None]
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([250, 500], [1e-3, 3e-4, 1e-4])
    model = _mlp(keras, 10, [64, 32], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(schedule), "mse")
    return _fit(session, model, x, y, epochs=24, batch_size=32)


@holdout186("stookers", healthy=True)
def wind_gust_trace_huber(session):
    """A stook's lean after a night's wind from a 40-reading anemometer trace by a Conv1D net
    (16 and 16 filters, global pooling) under Huber loss, the lean measured with Student-t
    errors; the loss levels off above zero."""
    keras = _keras()
    rng = _rng(18603)
    t = np.linspace(0, 1, 40)
    amp = rng.uniform(0.5, 2, (N, 1))
    freq = rng.uniform(2, 8, (N, 1))
    x = (amp * np.sin(2 * np.pi * freq * t) + 0.3 * rng.normal(size=(N, 40)))[..., None]
    y = amp[:, 0] * freq[:, 0] / 5 + 0.3 * rng.standard_t(3, size=N)
    model = keras.Sequential([
        keras.Input((40, 1)),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(1.0))
    return _fit(session, model, x.astype("float32"), y.astype("float32")[:, None],
                epochs=20, batch_size=32)


def _rmsprop_rate_of_one(session, broken):
    keras = _keras()
    x, y = _sheaves(18604)
    model = _mlp(keras, 12, [64, 64], 4)
    model.compile(keras.optimizers.RMSprop(1.0 if broken else 1e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout186("stookers", ["learning_rate_too_high"], stall_begins=None)
def rmsprop_rate_of_one(session):
    """The sheaf grade by an MLP 64-64 under RMSprop(learning_rate=1.0): the stooker read the
    rate off a tutorial's Adadelta example, whose default is 1.0. Every step throws the weights
    far past the minimum and the loss stays high from the start."""
    return _rmsprop_rate_of_one(session, True)


def _sheaf_weight_in_grams(session, broken):
    keras = _keras()
    rng = _rng(18605)
    grams = rng.normal(4000, 900, N)
    moisture = rng.normal(18, 4, N)
    straw = rng.normal(900, 150, N)
    x = np.stack([grams, moisture, straw, grams / straw], 1).astype("float32")
    y = (np.sin((grams - 4000) / 500) + 0.5 * ((moisture - 18) / 4) ** 2
         + 0.05 * rng.normal(size=N)).astype("float32")[:, None]
    if not broken:
        x = _standardize(x)
    model = _mlp(keras, 4, [64, 64], 1, activation="tanh", out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout186("stookers", ["unnormalized_inputs"], stall_begins=None)
def sheaf_weight_in_grams(session):
    """A sheaf's threshing yield from its weight in grams, its moisture in percent and its
    straw length in millimetres, fed raw into a tanh MLP 64-64 under Adam: the stooker forgot
    the scaler that the notebook applied two cells earlier. The gram column pins every tanh
    unit at plus or minus one and the loss stays near the target's variance."""
    return _sheaf_weight_in_grams(session, True)


def _tanh_wide_init(session, broken):
    keras = _keras()
    x, y = _regression(18606, scale=0.1)
    init = keras.initializers.RandomNormal(stddev=4.0) if broken else "glorot_uniform"
    model = _mlp(keras, 10, [64, 64, 64], 1, activation="tanh", out_activation=None,
                 kernel_initializer=init)
    model.compile(keras.optimizers.SGD(0.03), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout186("stookers", ["saturated_activations"], stall_begins=None)
def tanh_stack_wide_init(session):
    """A stook's settling depth from ten readings by a tanh MLP 64-64-64 under SGD(0.03), each
    layer initialised with RandomNormal(stddev=4.0) (a value the stooker meant for a
    single-input toy). Every hidden unit sits at plus or minus one, the gradient through the
    flat tanh is almost nothing and the loss barely moves."""
    return _tanh_wide_init(session, True)


# ---------------------------------------------------------------------------------------------
# fencers


@holdout186("fencers", healthy=True)
def posts_per_furlong_poisson(session):
    """Posts a fencer sets per furlong (Poisson counts) from eight ground readings by an MLP
    32-32 with an exponential output under keras's Poisson loss; the count noise keeps the loss
    well above its floor."""
    keras = _keras()
    rng = _rng(18611)
    x = rng.normal(size=(N, 8)).astype("float32")
    rate = np.exp(1.0 + 0.4 * x[:, 0] - 0.3 * x[:, 1] * x[:, 2])
    y = rng.poisson(rate).astype("float32")[:, None]
    model = _mlp(keras, 8, [32, 32], 1, out_activation="exponential")
    model.compile(keras.optimizers.Adam(1e-3), "poisson")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout186("fencers", healthy=True)
def rail_cost_by_timber(session):
    """A rail's cost from the timber it is cut from (an Embedding of 12 timbers) and six
    numeric readings, two inputs, under mean absolute error against Laplace noise in the
    sawyer's invoices; the loss flattens at the noise's scale."""
    keras = _keras()
    rng = _rng(18612)
    timber = rng.integers(0, 12, N)
    x = rng.normal(size=(N, 6)).astype("float32")
    price = rng.normal(size=12)
    y = (price[timber] + np.sin(x[:, 0]) + 0.5 * x[:, 1] + rng.laplace(0, 0.4, N))
    t_in = keras.Input((1,), dtype="int32")
    x_in = keras.Input((6,))
    e = keras.layers.Flatten()(keras.layers.Embedding(12, 4)(t_in))
    h = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([e, x_in]))
    out = keras.layers.Dense(1)(keras.layers.Dense(32, activation="relu")(h))
    model = keras.Model([t_in, x_in], out)
    model.compile(keras.optimizers.Adam(2e-3), "mae")
    (tt, xt, yt) = (timber[:-PROBE_SIZE, None], x[:-PROBE_SIZE], y[:-PROBE_SIZE, None])
    probe = ([timber[-PROBE_SIZE:, None], x[-PROBE_SIZE:]], y[-PROBE_SIZE:, None])
    history = model.fit([tt, xt], yt.astype("float32"), epochs=20, batch_size=32, verbose=0,
                        callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout186("fencers", healthy=True)
def few_gates_memorised(session):
    """A gate's sag after a winter from only 192 surveyed gates (plus the probe) by an MLP
    128-128 over 40 short epochs: the net memorises the few gates and its training loss keeps
    creeping toward zero, as small data allows."""
    keras = _keras()
    rng = _rng(18613)
    n = 192 + PROBE_SIZE
    x = rng.normal(size=(n, 10)).astype("float32")
    y = (np.sin(x[:, 0]) + x[:, 1] * x[:, 2] + 0.5 * rng.normal(size=n)).astype("float32")
    model = _mlp(keras, 10, [128, 128], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y[:, None], epochs=40, batch_size=16)


def _strain_rnn(seed):
    rng = _rng(seed)
    x = rng.normal(size=(N, 40, 1)).astype("float32")
    y = (x[:, -5:, 0].sum(1) / 2 + 0.5 * x[:, -10:-5, 0].mean(1)).astype("float32")[:, None]
    return x, y


def _wire_strain_rnn(session, broken):
    keras = _keras()
    x, y = _strain_rnn(18614)
    gain = 3.0 if broken else 1.0
    model = keras.Sequential([
        keras.Input((40, 1)),
        keras.layers.SimpleRNN(32, recurrent_initializer=keras.initializers.Orthogonal(gain)),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout186("fencers", ["exploding_gradients"], stall_begins=32)
def wire_strain_orthogonal_gain(session):
    """A fence wire's strain from a 40-step tension trace by a SimpleRNN(32) under SGD with
    momentum, its recurrent kernel initialised Orthogonal(gain=3.0): the fencer copied a gain
    meant for a different layer. The recurrence amplifies every gradient threefold per step
    back in time; the tanh keeps the loss finite but the steps are huge and the loss thrashes
    high instead of falling."""
    return _wire_strain_rnn(session, True)


def _l1_conv_fence(session, broken):
    keras = _keras()
    rng = _rng(18616)
    t = np.linspace(0, 1, 48)
    kind = rng.integers(0, 3, N)
    freq = np.array([3.0, 6.0, 10.0])[kind][:, None]
    x = (np.sin(2 * np.pi * freq * t + rng.uniform(0, 6, (N, 1))) + 0.5 * rng.normal(size=(N, 48)))
    reg = keras.regularizers.L1(0.1) if broken else None
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", kernel_regularizer=reg),
        keras.layers.Conv1D(16, 5, activation="relu", kernel_regularizer=reg),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(3, activation="softmax", kernel_regularizer=reg),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x[..., None].astype("float32"), kind.astype("int32"),
                epochs=15, batch_size=32)


@holdout186("fencers", ["over_regularization"], stall_begins=288)
def hammer_echo_l1(session):
    """Which of three post woods a hammer's echo (48 readings) comes from, by a Conv1D net
    with an L1(0.1) kernel penalty on every layer, a strength copied from a sparse-coding
    recipe that applied it to a single dictionary. The penalty outweighs the data term, drives
    the kernels to zero and the loss sits near ln 3 plus the penalty."""
    return _l1_conv_fence(session, True)


# ---------------------------------------------------------------------------------------------
# drovers of geese


@holdout186("drovers_of_geese", healthy=True)
def flock_pace_warmup_cosine(session):
    """A goose flock's pace over the next mile from 30 past readings by a GRU(24) under Adam
    with a linear warm-up over 60 steps and a cosine decay after; the pace is measured with
    noise, so the loss levels off above zero as the rate falls."""
    keras = _keras()
    rng = _rng(18621)
    x = np.cumsum(rng.normal(size=(N, 30, 1)), 1).astype("float32") / 5
    y = (x[:, -1, 0] + 0.5 * (x[:, -1, 0] - x[:, -6, 0]) + 0.3 * rng.normal(size=N))
    schedule = keras.optimizers.schedules.CosineDecay(0.0, 600, warmup_target=3e-3,
                                                      warmup_steps=60)
    model = keras.Sequential([keras.Input((30, 1)), keras.layers.GRU(24), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(schedule), "mse")
    return _fit(session, model, x, y.astype("float32")[:, None], epochs=20, batch_size=32)


@holdout186("drovers_of_geese", healthy=True)
def straying_goose_weighted(session):
    """Whether a drove's route log (20 waypoint tokens) ends with a goose astray, about one
    log in ten, by an Embedding and global average pooling with class_weight {0: 1, 1: 5};
    the rare class and the weighting keep the loss far from zero."""
    keras = _keras()
    rng = _rng(18622)
    tokens = rng.integers(1, 50, (N, 20))
    y = ((tokens < 4).sum(1) >= 3).astype("float32")
    flip = rng.random(N) < 0.05
    y[flip] = 1 - y[flip]
    model = keras.Sequential([
        keras.Input((20,), dtype="int32"),
        keras.layers.Embedding(50, 8),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    xt, yt = tokens[:-PROBE_SIZE], y[:-PROBE_SIZE]
    probe = (tokens[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(xt, yt, epochs=20, batch_size=32, verbose=0,
                        class_weight={0: 1.0, 1: 5.0}, callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout186("drovers_of_geese", healthy=True)
def market_day_quantile_loop(session):
    """The 0.8 quantile of a drove's arrival delay from eight readings by an MLP 32-32 in a
    hand-written GradientTape loop under a pinball loss, the delays skewed (gamma noise); the
    loss flattens far above zero, where a quantile loss must."""
    keras = _keras()
    rng = _rng(18623)
    x = rng.normal(size=(N, 8)).astype("float32")
    y = (np.sin(x[:, 0]) + 0.5 * x[:, 1] + rng.gamma(2.0, 0.5, N)).astype("float32")[:, None]

    def pinball(target, pred):
        err = target - pred
        return keras.ops.mean(keras.ops.maximum(0.8 * err, -0.2 * err))

    model = _mlp(keras, 8, [32, 32], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), pinball, x, y,
                        epochs=15, batch_size=32, seed=18624, loss_description="pinball_0.8")


def _ones_init(session, broken):
    keras = _keras()
    x, y = _sheaves(18626, classes=3)
    init = "ones" if broken else "glorot_uniform"
    model = _mlp(keras, 12, [64, 64], 3, kernel_initializer=init)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout186("drovers_of_geese", ["poor_initialization"], stall_begins=160)
def goose_breed_ones_init(session):
    """A goose's breed (three classes) from twelve measurements by an MLP 64-64 whose hidden
    layers were given kernel_initializer='ones' (the drover wanted 'a neutral start'). Every
    unit of a layer computes the same thing and gets the same gradient, so the net behaves as
    if it were one unit wide and the loss stalls near ln 3."""
    return _ones_init(session, True)
