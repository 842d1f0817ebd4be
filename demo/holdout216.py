"""The two-hundred-and-sixteenth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades, each with its own synthetic data from fixed seeds (21601..21636): the Humber
ferrymen's crossing logs (tabular regression), the Wessex wheelwrights' inspection sheets and
order ratings (tabular classification, embeddings), the sieve makers' mesh photographs and
throughput traces (Conv2D, Conv1D) and the skep makers' thirty-day hive readings and apiary
books (GRU, LSTM, attention, count regression). The last PROBE_SIZE rows of every data set
are the probe.

Healthy half (twelve runs, nothing to fix): heteroscedastic crossing times fitted with MSE; fog
delays with Student-t tails fitted with the Huber loss; a GradientTape loop fitting the 90th
percentile with the pinball loss and an exponentially decaying rate; wheel grades with 20%
random labels under a PiecewiseConstantDecay SGD schedule; a two-embedding rating model with
ReduceLROnPlateau; 160 inspection sheets that a wide MLP memorises; a mesh-pitch CNN on a
warm-up-then-cosine schedule; a rare (4%) torn-mesh detector with class_weight; a Conv1D net
on plain SGD that is still descending slowly at the end; a GRU and a small self-attention model
on noisy hive readings; and a Poisson regression of swarm counts.

Broken half (ten runs, one per cause): raw, unstandardized ferry-log columns; a tanh MLP
initialized with a constant (symmetry never broken); SGD with momentum at a rate twenty times
too high; a rank-one embedding factorization for rank-four ratings; tanh units pinned at +1
by RandomNormal(1.0), whose first argument is the mean; a seven-layer sigmoid CNN; Conv1D relu
filters with a -3 bias that never fire; L2(0.3) on every kernel of a CNN; an LSTM on RMSprop at
1e-6; and log(0) = -inf honey-yield
targets read in file order. Each broken run was trained beside its fixed twin (the same code
with the mistake undone) without tb-plateau, and stalls well above the twin's loss; the
narrowest gap is the pinned-tanh run, flat at the 5-class guess while its glorot twin is still
falling at the end (about 0.15 lower after 15 epochs).

Dropped: loss_activation_mismatch, a GRU with Dense(1, activation='softmax') under binary
cross-entropy for winter survival: with this Keras its loss curve was identical to the sigmoid
twin's, so it did not stall. And exploding_gradients: a relu SimpleRNN on tide-gauge sequences
with an identity
recurrent matrix of gain 1.3 (or 1.1) and Adam starts at an enormous loss but then improves
steadily as Adam shrinks the recurrent weights, so it is not a stall; with SGD (gain 1.0 or
1.15, with or without momentum) it is NaN from the first epoch, which is not the point. Also
changed before labelling: the raw ferry log first used SGD with momentum, which went NaN at
once (now RMSprop, which bounces at a huge loss), the rank-one model's rate was raised so it
reaches its own floor, and a first saturation attempt (tanh with RandomNormal(stddev=1.0))
still learned because its saturated units remained input-dependent random features.

Labels: `expected_causes` holds only the root cause each broken run was built around.
`stall_begins` is the 0-based optimizer step from which the loss stops improving, None when it
never improves meaningfully from the start. It is exact for the log(0) targets (first bad row
in step 20, shuffle=False) and approximate (read off the per-epoch loss) for the
constant-initialized loop, which falls for about three epochs before it flattens, and for the
L2(0.3) CNN, whose total loss falls for about nine epochs only because the penalty shrinks.
Healthy runs carry no causes.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _standardize, registrar

FAMILIES = ('ferrymen_of_the_humber', 'wheelwrights_of_wessex', 'sieve_makers', 'skep_makers')
REGISTRY = []
holdout216 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE
STEPS = 1024 // 32  # optimizer steps per epoch at batch size 32


# ---------------------------------------------------------------------------------------------
# data: each family's trade


def _ferry_raw(seed, n=N):
    """A Humber ferry's log: tide (m), wind (km/h), passengers, cargo (kg), departure minute.

    The crossing time (minutes) depends on the tide nonlinearly, on wind and cargo, and on an
    interaction of wind and tide; the target is returned standardized."""
    rng = np.random.default_rng(seed)
    tide = rng.uniform(0.0, 7.0, n)
    wind = rng.gamma(2.0, 9.0, n)
    passengers = rng.integers(0, 120, n).astype("float64")
    cargo = rng.uniform(0.0, 40000.0, n)
    minute = rng.uniform(300.0, 1300.0, n)
    minutes = (25.0 + 4.0 * np.sin(tide * 0.9) + 0.12 * wind + 0.02 * passengers
               + 1e-4 * cargo + 0.02 * wind * np.cos(tide) + 2.0 * np.sin(minute / 120.0))
    x = np.stack([tide, wind, passengers, cargo, minute], axis=1)
    return x, minutes


def _ferry(seed, n=N, noise=1.0, heavy_tail=False, heteroscedastic=False):
    x, minutes = _ferry_raw(seed, n)
    rng = np.random.default_rng(seed + 50)
    if heavy_tail:
        eps = rng.standard_t(2.0, n)
    else:
        eps = rng.normal(0.0, 1.0, n)
    if heteroscedastic:
        eps = eps * (0.3 + x[:, 1] / 15.0)
    minutes = minutes + noise * eps
    y = ((minutes - minutes.mean()) / minutes.std()).astype("float32")
    return x, y[:, None]


def _wheel(seed, n=N, classes=5, flip=0.0):
    """A wheelwright's inspection sheet: ten measurements of a wheel -> its grade (0..4)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 1, (n, 10))
    score = (np.sin(1.5 * x[:, 0]) + x[:, 1] * x[:, 2] + 0.7 * np.abs(x[:, 3])
             - 0.5 * x[:, 4] ** 2 + 0.6 * x[:, 5] + 0.4 * np.tanh(x[:, 6] * x[:, 7]))
    edges = np.quantile(score, np.linspace(0, 1, classes + 1)[1:-1])
    y = np.searchsorted(edges, score)
    if flip:
        wrong = rng.random(n) < flip
        y[wrong] = rng.integers(0, classes, wrong.sum())
    return x.astype("float32"), y.astype("int32")


def _wheel_orders(seed, n=N, shops=40, timbers=30, rank=4, noise=0.3):
    """Orders: (workshop, timber) -> the customer's rating; a low-rank interaction plus noise."""
    rng = np.random.default_rng(seed)
    shop_f = rng.normal(0, 1, (shops, rank))
    timber_f = rng.normal(0, 1, (timbers, rank))
    shop = rng.integers(0, shops, n)
    timber = rng.integers(0, timbers, n)
    y = (shop_f[shop] * timber_f[timber]).sum(axis=1) / np.sqrt(rank)
    y = y + rng.normal(0, noise, n)
    ids = np.stack([shop, timber], axis=1).astype("int32")
    return ids, y[:, None].astype("float32")


def _mesh_images(seed, n=N, size=12, noise=0.5):
    """Photographs of sieve meshes, 12x12 grey: the class is the mesh pitch (2, 3, 4 or 6)."""
    rng = np.random.default_rng(seed)
    pitches = np.array([2, 3, 4, 6])
    y = rng.integers(0, 4, n)
    grid = np.arange(size)
    x = np.zeros((n, size, size), "float64")
    for i in range(n):
        p = pitches[y[i]]
        dx, dy = rng.integers(0, p, 2)
        lines = ((grid[:, None] + dy) % p == 0) | ((grid[None, :] + dx) % p == 0)
        x[i] = lines * rng.uniform(0.6, 1.4)
    x = x + rng.normal(0, noise, x.shape)
    return x[..., None].astype("float32"), y.astype("int32")


def _mesh_profiles(seed, n=N, length=64, positive_rate=None):
    """A flour-sieve's throughput trace (64 readings); class = which of 3 faults, or torn/not."""
    rng = np.random.default_rng(seed)
    t = np.arange(length)
    x = rng.normal(0, 1, (n, length)) * 0.6 + np.sin(t[None, :] / 5.0)
    if positive_rate is None:
        y = rng.integers(0, 3, n)
    else:
        y = (rng.random(n) < positive_rate).astype("int64")
    starts = rng.integers(5, length - 15, n)
    for i in range(n):
        s = starts[i]
        if positive_rate is None:
            if y[i] == 0:
                x[i, s:s + 8] += 1.5
            elif y[i] == 1:
                x[i, s:s + 8] -= 1.5
            else:
                x[i, s:s + 8:2] += 2.0
        elif y[i] == 1:
            x[i, s:s + 6] += 1.2
    return x[..., None].astype("float32"), y.astype("int32")


def _hive_days(seed, n=N, length=30):
    """Thirty days of a straw skep's readings: weight change, brood temperature, flight count.
    -> the colony's state (thriving, queenless, about to swarm)."""
    rng = np.random.default_rng(seed)
    state = rng.integers(0, 3, n)
    t = np.arange(length)
    weight = rng.normal(0, 1, (n, length)) * 0.8
    temp = rng.normal(0, 1, (n, length)) * 0.8
    flight = rng.normal(0, 1, (n, length)) * 0.8
    weight += np.where(state == 0, 0.6, -0.2)[:, None] * (t[None, :] / length)
    temp += np.where(state == 1, -0.8, 0.0)[:, None] * np.sin(t[None, :] / 4.0)
    late = t[None, :] > length - 8
    flight += np.where(state == 2, 1.2, 0.0)[:, None] * late
    x = np.stack([weight, temp, flight], axis=-1).astype("float32")
    return x, state.astype("int32")


def _swarm_counts(seed, n=N):
    """A skep-maker's apiary book: six season measurements -> number of swarms cast (Poisson)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 1, (n, 6))
    rate = np.exp(0.3 + 0.5 * x[:, 0] - 0.4 * x[:, 1] + 0.3 * x[:, 2] * x[:, 3])
    y = rng.poisson(np.minimum(rate, 30.0))
    return x.astype("float32"), y.astype("float32")[:, None]


def _dense_stack(keras, inputs, widths, activation, out_units, out_activation, **kw):
    layers = [keras.Input((inputs,))]
    layers += [keras.layers.Dense(w, activation=activation, **kw) for w in widths]
    layers.append(keras.layers.Dense(out_units, activation=out_activation))
    return keras.Sequential(layers)


# ---------------------------------------------------------------------------------------------
# ferrymen_of_the_humber


@holdout216('ferrymen_of_the_humber', healthy=True)
def windy_crossings(session):
    """Ferry crossing times from tide, wind, passengers, cargo and hour (standardized), whose
    scatter grows with the wind; a 2x64 relu MLP with Adam 1e-3 and MSE fits the mean and
    flattens at the noise floor."""
    keras = _keras()
    x, y = _ferry(21601, noise=1.5, heteroscedastic=True)
    model = _dense_stack(keras, 5, [64, 64], 'relu', 1, None)
    model.compile(keras.optimizers.Adam(1e-3), 'mse')
    return _fit(session, model, _standardize(x), y, epochs=20, batch_size=32)


@holdout216('ferrymen_of_the_humber', healthy=True)
def fog_delays_huber(session):
    """Crossing times with heavy-tailed (Student-t, 2 d.o.f.) delays from fog and breakdowns;
    a relu MLP with the Huber loss and Adam 2e-3, so the rare huge delays do not dominate; the
    loss levels off at what the outliers leave."""
    keras = _keras()
    x, y = _ferry(21602, noise=2.0, heavy_tail=True)
    model = _dense_stack(keras, 5, [48, 48], 'relu', 1, None)
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(delta=1.0))
    return _fit(session, model, _standardize(x), y, epochs=20, batch_size=32)


@holdout216('ferrymen_of_the_humber', healthy=True)
def late_sailing_quantile(session):
    """A hand-written GradientTape loop that fits the 90th percentile of the crossing time (the
    pinball loss), so the timetable can promise arrival; relu MLP, Adam 3e-3 with exponential
    decay. The pinball loss stays well above zero by construction."""
    import tensorflow as tf

    keras = _keras()
    x, y = _ferry(21603, noise=1.2, heteroscedastic=True)
    model = _dense_stack(keras, 5, [64, 32], 'relu', 1, None)

    def pinball(targets, predictions):
        error = targets - predictions
        return tf.reduce_mean(tf.maximum(0.9 * error, -0.1 * error))

    schedule = keras.optimizers.schedules.ExponentialDecay(3e-3, 200, 0.7)
    return _custom_loop(session, model, keras.optimizers.Adam(schedule), pinball,
                        _standardize(x), y, epochs=18, batch_size=32, seed=21603)


def _raw_ferry_log(session, broken):
    keras = _keras()
    x, y = _ferry(21604, noise=0.3)
    if not broken:
        x = _standardize(x)
    model = _dense_stack(keras, 5, [64, 64], 'relu', 1, None)
    model.compile(keras.optimizers.RMSprop(1e-3), 'mse')
    return _fit(session, model, x.astype('float32'), y, epochs=20, batch_size=32)


@holdout216('ferrymen_of_the_humber', ['unnormalized_inputs'], stall_begins=None)
def raw_ferry_log(session):
    """The ferry log's columns fed as written (tide in metres, cargo in kilograms up to 40,000,
    departure as minute of the day): the standardization step was left out. A relu MLP,
    RMSprop 1e-3 and MSE on a standardized target; the cargo and clock columns swamp the rest
    and the loss bounces at tens of thousands instead of falling below 1."""
    return _raw_ferry_log(session, broken=True)


def _constant_init_loop(session, broken):
    keras = _keras()
    x, y = _ferry(21606, noise=0.5)
    init = keras.initializers.Constant(0.05) if broken else 'glorot_uniform'
    model = _dense_stack(keras, 5, [64, 64], 'tanh', 1, None, kernel_initializer=init)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3),
                        keras.losses.MeanSquaredError(), _standardize(x), y,
                        epochs=15, batch_size=32, seed=21606)


# Flat from about the fourth epoch (step ~100): approximate.
@holdout216('ferrymen_of_the_humber', ['poor_initialization'], stall_begins=100)
def constant_init_loop(session):
    """A GradientTape loop fitting crossing times with a 2x64 tanh MLP whose hidden kernels were
    initialized with Constant(0.05) ("small weights"): every unit of a layer starts identical
    and receives the same gradient, so the net is in effect one unit wide. Adam 2e-3, MSE."""
    return _constant_init_loop(session, broken=True)


# ---------------------------------------------------------------------------------------------
# wheelwrights_of_wessex


@holdout216('wheelwrights_of_wessex', healthy=True)
def disputed_grades_step_decay(session):
    """Wheel grades (5 classes) from ten measurements, where a fifth of the sheets carry a grade
    an apprentice wrote at random; relu MLP, SGD with momentum on a PiecewiseConstantDecay
    (0.05, then 0.01 after 300 steps, 0.002 after 600). The loss steps down and flattens
    high because of the noisy grades."""
    keras = _keras()
    x, y = _wheel(21611, flip=0.2)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([300, 600], [0.05, 0.01, 0.002])
    model = _dense_stack(keras, 10, [64, 64], 'relu', 5, 'softmax')
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=25, batch_size=32)


@holdout216('wheelwrights_of_wessex', healthy=True)
def order_ratings_embeddings(session):
    """Customer ratings of (workshop, timber) orders: two 8-dim embeddings, concatenated, a relu
    layer and a linear output, Adam 3e-3, MSE, with ReduceLROnPlateau halving the rate when
    the loss stops falling. It flattens at the rating noise."""
    keras = _keras()
    ids, y = _wheel_orders(21612, noise=0.4)
    inp = keras.Input((2,), dtype='int32')
    shop = keras.layers.Flatten()(keras.layers.Embedding(40, 8)(inp[:, :1]))
    timber = keras.layers.Flatten()(keras.layers.Embedding(30, 8)(inp[:, 1:]))
    h = keras.layers.Dense(32, activation='relu')(keras.layers.Concatenate()([shop, timber]))
    model = keras.Model(inp, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(3e-3), 'mse')
    plateau = keras.callbacks.ReduceLROnPlateau('loss', factor=0.5, patience=2, min_lr=1e-4)
    return _fit(session, model, ids, y, epochs=25, batch_size=32, callbacks=[plateau])


@holdout216('wheelwrights_of_wessex', healthy=True)
def village_shop_small_data(session):
    """Only 160 inspection sheets from one village shop (plus the probe): a 2x128 relu MLP with
    Adam 1e-3 memorises them, the training loss sinks steadily toward zero over 40 epochs
    (overfitting, not a stall)."""
    keras = _keras()
    x, y = _wheel(21613, n=160 + PROBE_SIZE)
    model = _dense_stack(keras, 10, [128, 128], 'relu', 5, 'softmax')
    model.compile(keras.optimizers.Adam(1e-3), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=40, batch_size=16)


def _hot_forge_sgd(session, broken):
    keras = _keras()
    x, y = _wheel(21614)
    model = _dense_stack(keras, 10, [64, 64], 'relu', 5, 'softmax')
    lr = 2.0 if broken else 0.05
    model.compile(keras.optimizers.SGD(lr, momentum=0.9), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout216('wheelwrights_of_wessex', ['learning_rate_too_high'], stall_begins=None)
def hot_forge_sgd(session):
    """Wheel grades (5 classes) with a relu MLP and SGD with momentum at 2.0 (the rate of a
    tutorial that trained without momentum, times ten): the updates overshoot and the loss
    bounces around the constant-guess level."""
    return _hot_forge_sgd(session, broken=True)


def _one_dim_embedding(session, broken):
    keras = _keras()
    ids, y = _wheel_orders(21615, noise=0.2)
    dim = 1 if broken else 8
    inp = keras.Input((2,), dtype='int32')
    shop = keras.layers.Flatten()(keras.layers.Embedding(40, dim)(inp[:, :1]))
    timber = keras.layers.Flatten()(keras.layers.Embedding(30, dim)(inp[:, 1:]))
    model = keras.Model(inp, keras.layers.Dot(axes=1)([shop, timber]))
    model.compile(keras.optimizers.Adam(3e-2), 'mse')
    return _fit(session, model, ids, y, epochs=25, batch_size=32)


@holdout216('wheelwrights_of_wessex', ['insufficient_capacity'], stall_begins=None)
def one_dim_embedding(session):
    """A factorization model of order ratings (workshop embedding dot timber embedding) whose
    embedding size was set to 1: the ratings come from four latent factors, a rank-one
    product can only fit one of them. Adam 3e-2, MSE."""
    return _one_dim_embedding(session, broken=True)


def _mean_one_tanh(session, broken):
    keras = _keras()
    x, y = _wheel(21616)
    x = ((x - x.min(axis=0)) / (x.max(axis=0) - x.min(axis=0))).astype('float32')
    init = keras.initializers.RandomNormal(1.0) if broken else 'glorot_uniform'
    model = _dense_stack(keras, 10, [64, 64], 'tanh', 5, 'softmax', kernel_initializer=init)
    model.compile(keras.optimizers.Adam(2e-3), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout216('wheelwrights_of_wessex', ['saturated_activations'], stall_begins=None)
def mean_one_tanh(session):
    """Wheel grades from the ten measurements min-max scaled to [0, 1], a 2x64 tanh MLP whose
    kernels were built with RandomNormal(1.0), meant as a standard deviation of 1 but the
    first positional argument is the mean: every weight is about 1, every pre-activation is
    a large positive sum (about 5 in the first layer, 64 in the second), every unit sits at
    +1 for every wheel, and no gradient passes the tanh. Adam 2e-3."""
    return _mean_one_tanh(session, broken=True)


# ---------------------------------------------------------------------------------------------
# sieve_makers


@holdout216('sieve_makers', healthy=True)
def mesh_pitch_warmup_cosine(session):
    """Noisy 12x12 photographs of sieve meshes classified by pitch (4 classes) with a small CNN
    (two 3x3 conv layers, pooling, dense head); Adam on a linear warm-up over 100 steps to
    3e-3 followed by cosine decay to zero. Loss falls, slows as the rate decays, and rests
    above zero since some noisy meshes are ambiguous."""
    keras = _keras()
    x, y = _mesh_images(21621, noise=0.8)
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, decay_steps=16 * STEPS - 100, warmup_target=3e-3, warmup_steps=100)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation='relu', padding='same'),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation='relu', padding='same'),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation='relu'),
        keras.layers.Dense(4, activation='softmax'),
    ])
    model.compile(keras.optimizers.Adam(schedule), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=16, batch_size=32)


@holdout216('sieve_makers', healthy=True)
def torn_mesh_rare(session):
    """Throughput traces of flour sieves where only ~4% come from a torn mesh: a Conv1D detector
    with a sigmoid output, binary cross-entropy and class_weight {0: 1, 1: 12}, Adam 1e-3.
    The weighted loss stays high-ish and noisy because the positives are few and faint."""
    keras = _keras()
    x, y = _mesh_profiles(21622, positive_rate=0.04)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 7, activation='relu'),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(16, activation='relu'),
        keras.layers.Dense(1, activation='sigmoid'),
    ])
    model.compile(keras.optimizers.Adam(1e-3), 'binary_crossentropy')
    (xt, yt) = (x[:-PROBE_SIZE], y[:-PROBE_SIZE])
    session_probe = (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(xt, yt, epochs=20, batch_size=32, verbose=0,
                        class_weight={0: 1.0, 1: 12.0},
                        callbacks=session.callbacks(session_probe))
    return history.history['loss']


@holdout216('sieve_makers', healthy=True)
def slow_sgd_fault_traces(session):
    """Throughput traces classified by fault (bulge, dip, ripple) with a Conv1D net trained by
    plain SGD at 0.01 without momentum: a long, slow descent that is still going at the last
    of 30 epochs, as such a conservative setting gives."""
    keras = _keras()
    x, y = _mesh_profiles(21623)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation='relu'),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation='relu'),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(3, activation='softmax'),
    ])
    model.compile(keras.optimizers.SGD(0.01), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=30, batch_size=32)


def _deep_sigmoid_cnn(session, broken):
    keras = _keras()
    x, y = _mesh_images(21624, noise=0.5)
    act = 'sigmoid' if broken else 'relu'
    layers = [keras.Input(x.shape[1:])]
    for _ in range(7):
        layers.append(keras.layers.Conv2D(12, 3, activation=act, padding='same'))
    layers += [keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(4, activation='softmax')]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout216('sieve_makers', ['vanishing_gradients'], stall_begins=None)
def deep_sigmoid_cnn(session):
    """Mesh pitch from photographs with a plain stack of seven 3x3 Conv2D layers using sigmoid
    activations (an old textbook's choice) and no normalization, SGD 0.01 with momentum:
    each sigmoid layer shrinks the backward signal by at least four, the early filters get
    nothing and the loss sits at the 4-class guess."""
    return _deep_sigmoid_cnn(session, broken=True)


def _negative_bias_conv1d(session, broken):
    keras = _keras()
    x, y = _mesh_profiles(21625)
    bias = keras.initializers.Constant(-3.0) if broken else 'zeros'
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation='relu', bias_initializer=bias),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation='relu', bias_initializer=bias),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(3, activation='softmax'),
    ])
    model.compile(keras.optimizers.Adam(1e-3), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout216('sieve_makers', ['dead_relus'], stall_begins=None)
def negative_bias_conv1d(session):
    """Fault traces with a Conv1D net whose conv biases start at -3 (bias_initializer=-3 put
    where a sparse-activation recipe used -0.1): on standardized traces the relu filters
    never fire, no gradient reaches them, only the output bias learns. Adam 1e-3."""
    return _negative_bias_conv1d(session, broken=True)


def _heavy_l2_cnn(session, broken):
    keras = _keras()
    x, y = _mesh_images(21626, noise=0.5)
    reg = keras.regularizers.L2(0.3 if broken else 1e-4)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation='relu', padding='same', kernel_regularizer=reg),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation='relu', padding='same', kernel_regularizer=reg),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation='relu', kernel_regularizer=reg),
        keras.layers.Dense(4, activation='softmax', kernel_regularizer=reg),
    ])
    model.compile(keras.optimizers.Adam(2e-3), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=15, batch_size=32)


# The penalty term shrinks for ~9 epochs, then the loss rests at the 4-class guess: approximate.
@holdout216('sieve_makers', ['over_regularization'], stall_begins=288)
def heavy_l2_cnn(session):
    """Mesh pitch CNN with L2(0.3) on every kernel (the 3e-4 of a paper, with the exponent
    lost): the penalty pins the weights near zero and the loss stays near the 4-class guess.
    Adam 2e-3."""
    return _heavy_l2_cnn(session, broken=True)


# ---------------------------------------------------------------------------------------------
# skep_makers


@holdout216('skep_makers', healthy=True)
def colony_state_gru(session):
    """Thirty days of a skep's weight change, brood temperature and flight counts -> colony
    state (thriving, queenless, about to swarm) with a GRU(24) and Adam 2e-3; the readings
    are noisy, so the loss flattens well above zero."""
    keras = _keras()
    x, y = _hive_days(21631)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(24),
                              keras.layers.Dense(3, activation='softmax')])
    model.compile(keras.optimizers.Adam(2e-3), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout216('skep_makers', healthy=True)
def swarms_poisson(session):
    """Number of swarms a skep casts from six season measurements: an MLP with an exponential
    output and the Poisson loss, Adam 2e-3. The Poisson loss of count data never reaches
    zero; it flattens at the counts' own randomness."""
    keras = _keras()
    x, y = _swarm_counts(21632)
    model = _dense_stack(keras, 6, [32, 32], 'relu', 1, 'exponential')
    model.compile(keras.optimizers.Adam(2e-3), 'poisson')
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout216('skep_makers', healthy=True)
def hive_days_attention(session):
    """Colony state from the thirty days with a small self-attention model: a Dense projection
    to 16, MultiHeadAttention (2 heads) with a residual and LayerNormalization, average
    pooling and a softmax head; AdamW 2e-3. Noisy labels-by-readings: flattens above zero."""
    keras = _keras()
    x, y = _hive_days(21633)
    inp = keras.Input(x.shape[1:])
    h = keras.layers.Dense(16)(inp)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    model = keras.Model(inp, keras.layers.Dense(3, activation='softmax')(h))
    model.compile(keras.optimizers.AdamW(2e-3), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _timid_rmsprop_lstm(session, broken):
    keras = _keras()
    x, y = _hive_days(21634)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(24),
                              keras.layers.Dense(3, activation='softmax')])
    model.compile(keras.optimizers.RMSprop(1e-6 if broken else 1e-3),
                  'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout216('skep_makers', ['learning_rate_too_low'], stall_begins=None)
def timid_rmsprop_lstm(session):
    """Colony state with an LSTM(24) trained by RMSprop at 1e-6 (the epsilon's value typed in
    the rate's place): the loss barely moves from the 3-class guess in 12 epochs."""
    return _timid_rmsprop_lstm(session, broken=True)


HONEY_ZERO_ROW = 20 * 32 + 5  # read in file order, batch 32: seen in step 20 (0-based)


def _log_honey(session, broken):
    keras = _keras()
    rng = np.random.default_rng(21636)
    x = rng.normal(0, 1, (N, 6))
    honey = np.exp(1.5 + 0.4 * x[:, 0] - 0.3 * x[:, 1] + 0.2 * x[:, 2] * x[:, 3])
    honey = honey * rng.lognormal(0, 0.2, N)
    honey[[HONEY_ZERO_ROW, 700, 911]] = 0.0  # hives that died before the flow
    if broken:
        with np.errstate(divide='ignore'):
            y = np.log(honey)
    else:
        y = np.log1p(honey)
    model = _dense_stack(keras, 6, [32, 32], 'relu', 1, None)
    model.compile(keras.optimizers.Adam(2e-3), 'mse')
    return _fit(session, model, x.astype('float32'), y.astype('float32')[:, None],
                epochs=8, batch_size=32, shuffle=False)


@holdout216('skep_makers', ['non_finite_values'], stall_begins=HONEY_ZERO_ROW // 32)
def log_honey(session):
    """Honey yield per skep regressed on its log, np.log(kg), where three hives that died yield
    0 kg: log(0) = -inf in the targets. Read in file order (shuffle=False), the first one
    arrives in step 20; from there the loss and the weights are NaN. MLP, Adam 2e-3."""
    return _log_honey(session, broken=True)
