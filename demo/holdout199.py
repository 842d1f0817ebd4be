"""The hundred-and-ninety-ninth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades of the Somerset Levels and the coast give the stories: the osier growers who cut
withies on the Levels (yield of a cut, the grade of the rods), the eel smokers (eels per
trap-night, spoiled smoking batches, weight lost in the smoke), the salt boilers (salt drawn from
a pan, its grade, the works that boiled it) and the lime kilners (thermal snapshots and firing
traces of a kiln, whether a burn comes out right). All data are synthetic, from seeds 19901 to
19943; the last PROBE_SIZE rows of each set are the probe and are never trained on.

Healthy half (eleven runs, nothing to fix): withy yield with heteroscedastic noise (the wet beds
vary more), a 2x64 MLP on MSE that flattens at the noise floor; rod grades with a quarter of the
rods mis-sorted, Adam on a PiecewiseConstantDecay schedule that steps down twice; one season of
records (160 rows) memorised by a 2x128 MLP, the training loss still sliding toward zero; eels
per night as Poisson counts from a GRU with a softplus output on the Poisson loss; rare spoiled
batches (5%) with class_weight; a custom GradientTape loop with the Huber loss on Student-t
noise; a custom loop with a linear warm-up then cosine decay on three borderline salt grades; a
90th-percentile pinball loss on gamma-skewed yields; a two-input model (an embedding of the salt
works plus the readings) on noisy yields; a Conv2D net on smoky kiln snapshots with
ReduceLROnPlateau; a three-switch parity an MLP learns only after a plateau near chance (a
slow start then a sharp drop).

Broken half (twelve runs, one per cause, each a helper that also trains the fixed version, which
was compared in a throwaway script): SGD with momentum at 4.0 in a custom loop (bounces above
chance); the survey sheet fed in raw units to a relu MLP (bounces far above the standardized
net); Conv1D layers with a bias initialised at -4 (every relu off from the start); a SimpleRNN
whose recurrent kernel is RandomNormal(stddev=0.6) instead of orthogonal (gradients through 40
steps blow up; it falls at first and then stays near chance); ten sigmoid layers under SGD
(gradient gone, chance loss); a catch-per-effort channel dividing by an effort of 0 in six
unshuffled late rows (inf input, NaN loss from that batch on, training goes on); a sigmoid output
left on a regression of bushels around 40 under MSE (flat near 1,900); an empty hidden-layer list
(a softmax regression on nonlinear grades); a tanh MLP with kernels RandomNormal(stddev=5.0)
under plain SGD in a custom loop (every unit pinned at +-1); a Conv2D net under SGD at 2e-6; an
LSTM with L2(0.5) on every kernel; and an attention model whose relu projection and head were
initialised with zeros.

Dropped or changed because they did not behave as intended: a healthy small self-attention
model with Adam 3e-4, meant to be still improving at the end, did not leave the chance loss in
15 epochs, so it was dropped (eleven healthy runs); a binary classifier trained with
binary cross-entropy on raw logits (from_logits left False) still learned nearly as well as
the fixed one, so the loss/activation mismatch became the sigmoid-capped regression; a width-1
bottleneck MLP for insufficient capacity sat exactly at chance (its single relu died, which is a
different cause), so it became the no-hidden-layer model; the raw-units run was first a
regression, whose loss kept falling from 2e4 for the whole run (not a stall), so it became a
classification; the exploding-recurrence run first used SGD, under which the fixed SimpleRNN
did not learn either, so both versions use Adam; the saturated tanh run with stddev 2.0 still
crept down, so the stddev became 5.0.

Labelling: `expected_causes[0]` is the root cause the run was built around, and each broken run
names only that one. `stall_begins` is the 0-based optimizer step from which the loss stops
improving, None when it never improves from the start. The NaN run's step is exact (the first
batch holding a zero-effort row, data unshuffled). The others were read off the per-epoch loss
(32 steps an epoch) and are approximate: the raw-units run (64), the wide-recurrent SimpleRNN
(192), the L2(0.5) LSTM (192) and the no-hidden-layer model (320, where it creeps by under 1% an
epoch).
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, registrar

FAMILIES = ('osiers_of_the_levels', 'eel_smokers', 'salt_boilers', 'lime_kilners')

REGISTRY = []
holdout199 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data


def _withy_beds(n, seed):
    """Osier beds on the Levels: 8 standardized field measurements (water-table depth, silt,
    rainfall, stool age, ...) and the bundle yield of a cut, a smooth nonlinear function."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 8)).astype("float32")
    signal = (np.sin(1.5 * x[:, 0]) + 0.8 * x[:, 1] * x[:, 2] + np.tanh(2 * x[:, 3])
              - 0.5 * x[:, 4] ** 2 + 0.3 * x[:, 5])
    return x, signal.astype("float32")


def _rod_grades(n, seed, classes=4, flip=0.0):
    """Rods sorted into `classes` basket grades from the same field measurements; `flip` is the
    share of rods the sorter put in a random grade."""
    rng = np.random.default_rng(seed)
    x, s = _withy_beds(n, seed)
    edges = np.quantile(s, np.linspace(0, 1, classes + 1)[1:-1])
    y = np.digitize(s, edges)
    wrong = rng.random(n) < flip
    y[wrong] = rng.integers(0, classes, wrong.sum())
    return x, y.astype("int32")


def _tide_traces(n, seed, length=32, channels=3, classes=4, noise=0.4):
    """Eel-trap nights: water level, temperature and turbidity over `length` half-hours; the
    run of eels (class) sets the frequency and phase pattern of the traces."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, classes, n)
    t = np.linspace(0, 1, length)[None, :, None]
    freq = (1.0 + y)[:, None, None] * np.array([1.0, 1.5, 0.5])[None, None, :channels]
    phase = rng.uniform(0, 2 * np.pi, (n, 1, channels))
    x = np.sin(2 * np.pi * freq * t + phase) + noise * rng.normal(size=(n, length, channels))
    return x.astype("float32"), y.astype("int32")


def _brine_pans(n, seed):
    """Salt pans: 6 standardized readings (brine strength, fire heat, pan depth, ...) and the
    salt drawn off, a nonlinear function plus a mild interaction."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 6)).astype("float32")
    signal = (1.2 * np.tanh(x[:, 0] + x[:, 1]) + 0.7 * np.cos(x[:, 2]) * x[:, 3]
              + 0.5 * np.abs(x[:, 4]) - 0.4 * x[:, 5])
    return x, signal.astype("float32")


def _kiln_images(n, seed, size=12, classes=4, noise=0.3):
    """Thermal snapshots of a kiln's charge (size x size): the class is the quadrant where the
    hot spot sits; the hot spot wanders inside it, over a noisy background."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, classes, n)
    half = size // 2
    rows = (y // 2) * half + rng.integers(1, half - 1, n)
    cols = (y % 2) * half + rng.integers(1, half - 1, n)
    grid = np.arange(size)
    x = np.exp(-((grid[None, :, None] - rows[:, None, None]) ** 2
                 + (grid[None, None, :] - cols[:, None, None]) ** 2) / 3.0)
    x = x + noise * rng.normal(size=(n, size, size))
    return x[..., None].astype("float32"), y.astype("int32")


# ---------------------------------------------------------------------------------------------
# broken runs: each helper trains the run with the mistake (broken=True) or without it


def _withy_sgd_rate(session, broken):
    keras = _keras()
    x, y = _rod_grades(N, seed=19911)
    model = _mlp(keras, 8, [64, 64], 4, out_activation=None)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    rate = 4.0 if broken else 0.05
    return _custom_loop(session, model, keras.optimizers.SGD(rate, momentum=0.9), loss, x, y,
                        epochs=12, batch_size=32, seed=19911)


def _withy_survey_units(session, broken):
    keras = _keras()
    x, y = _rod_grades(N, seed=19912)
    if broken:
        # the survey sheet's raw units: depths in mm below datum, rainfall in mm a year, ...
        offsets = np.array([2400, 800, 650, 1990, 300, 5000, 120, 1500], "float32")
        scales = np.array([150, 40, 60, 3, 25, 400, 10, 90], "float32")
        x = x * scales + offsets
    model = _mlp(keras, 8, [64, 64], 4)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _withy_conv_bias(session, broken):
    keras = _keras()
    x, y = _tide_traces(N, seed=19913, length=32)
    bias = keras.initializers.Constant(-4.0) if broken else "zeros"
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", bias_initializer=bias),
        keras.layers.Conv1D(16, 5, activation="relu", bias_initializer=bias),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _eel_rnn_recurrent(session, broken):
    keras = _keras()
    x, y = _tide_traces(N, seed=19921, length=40, noise=0.3)
    init = (keras.initializers.RandomNormal(stddev=0.6, seed=19921) if broken
            else keras.initializers.Orthogonal(seed=19921))
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.SimpleRNN(32, recurrent_initializer=init),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _eel_deep_sigmoid(session, broken):
    keras = _keras()
    x, y = _rod_grades(N, seed=19922)
    act = "sigmoid" if broken else "relu"
    model = _mlp(keras, 8, [32] * 10, 4, activation=act)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _eel_zero_effort(session, broken):
    keras = _keras()
    x, y = _tide_traces(N, seed=19923, length=24, noise=0.3)
    rng = np.random.default_rng(19923)
    effort = rng.uniform(2.0, 6.0, (N, 24, 1)).astype("float32")
    if broken:
        # the late-season nights where no trap was set: effort 0, catch-per-effort divides by it
        effort[600:606] = 0.0
    cpue = (np.abs(x[..., :1]) + 0.1) / effort
    x = np.concatenate([x, cpue], axis=-1).astype("float32")
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.GRU(24),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32, shuffle=False)


def _salt_logits(session, broken):
    keras = _keras()
    x, s = _brine_pans(N, seed=19931)
    y = (40.0 + 8.0 * s)[:, None]  # bushels of salt drawn per boiling
    model = _mlp(keras, 6, [64, 64], 1, out_activation="sigmoid" if broken else None)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _salt_bottleneck(session, broken):
    keras = _keras()
    x, y = _rod_grades(N, seed=19932, classes=6)
    model = _mlp(keras, 8, [] if broken else [64, 64], 6)
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _salt_tanh_init(session, broken):
    keras = _keras()
    x, s = _brine_pans(N, seed=19933)
    y = s[:, None]
    init = (keras.initializers.RandomNormal(stddev=5.0, seed=19933) if broken
            else keras.initializers.GlorotUniform(seed=19933))
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(128, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(128, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(1, activation="tanh", kernel_initializer=init),
        keras.layers.Rescaling(3.0),
    ])
    return _custom_loop(session, model, keras.optimizers.SGD(0.01), keras.losses.MeanSquaredError(),
                        x, y, epochs=12, batch_size=32, seed=19933)


def _kiln_cnn_rate(session, broken):
    keras = _keras()
    x, y = _kiln_images(N, seed=19941)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    rate = 2e-6 if broken else 2e-2
    model.compile(keras.optimizers.SGD(rate, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _kiln_lstm_l2(session, broken):
    keras = _keras()
    x, y = _tide_traces(N, seed=19942, length=24, noise=0.3)
    reg = keras.regularizers.L2(0.5 if broken else 1e-5)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.LSTM(24, kernel_regularizer=reg, recurrent_regularizer=reg),
        keras.layers.Dense(4, activation="softmax", kernel_regularizer=reg),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _kiln_attention_init(session, broken):
    keras = _keras()
    x, y = _tide_traces(N, seed=19943, length=16, noise=0.3)
    init = "zeros" if broken else "glorot_uniform"
    inputs = keras.Input(x.shape[1:])
    h = keras.layers.Dense(32, activation="relu", kernel_initializer=init)(inputs)
    h = keras.layers.MultiHeadAttention(2, 16)(h, h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu", kernel_initializer=init)(h)
    outputs = keras.layers.Dense(4, activation="softmax")(h)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# ---------------------------------------------------------------------------------------------
# osiers_of_the_levels


@holdout199("osiers_of_the_levels", healthy=True)
def withy_yield_uneven_beds(session):
    """Bundle yield of a withy cut from eight field measurements, a 2x64 relu MLP with Adam 2e-3
    on mean squared error; the noise grows with the water-table reading (the wet beds vary far
    more), so the loss flattens well above zero at the noise floor."""
    keras = _keras()
    x, s = _withy_beds(N, seed=19901)
    rng = np.random.default_rng(19901)
    y = s + (0.3 + 0.6 * np.abs(x[:, 0])) * rng.normal(size=N).astype("float32")
    model = _mlp(keras, 8, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y.astype("float32"), epochs=20, batch_size=32)


@holdout199("osiers_of_the_levels", healthy=True)
def rod_grading_sorter_errors(session):
    """Four basket grades of rods from field measurements, where a quarter of the rods were put
    in a random grade by the sorter; a 2x64 relu MLP with Adam on a piecewise-constant schedule
    (3e-3, then 1e-3 after 300 steps, 3e-4 after 600): the loss steps down at each drop and
    settles far above zero."""
    keras = _keras()
    x, y = _rod_grades(N, seed=19902, flip=0.25)
    rate = keras.optimizers.schedules.PiecewiseConstantDecay([300, 600], [3e-3, 1e-3, 3e-4])
    model = _mlp(keras, 8, [64, 64], 4)
    model.compile(keras.optimizers.Adam(rate), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=25, batch_size=32)


@holdout199("osiers_of_the_levels", healthy=True)
def one_season_of_records(session):
    """Only one season of records (160 cuts) to learn the withy yield, a 2x128 relu MLP with Adam
    1e-3 for 40 epochs: the small set is memorised, the training loss keeps sliding toward zero
    while the model overfits (a data problem, not a training fault)."""
    keras = _keras()
    n = 160 + PROBE_SIZE
    x, s = _withy_beds(n, seed=19903)
    y = s + 0.3 * np.random.default_rng(19903).normal(size=n).astype("float32")
    model = _mlp(keras, 8, [128, 128], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y.astype("float32"), epochs=40, batch_size=16)


# ---------------------------------------------------------------------------------------------
# eel_smokers


@holdout199("eel_smokers", healthy=True)
def eels_per_night_poisson(session):
    """Eels caught per trap-night from the tide, temperature and turbidity traces: a GRU(24)
    with a softplus output trained on the Poisson loss with Adam 3e-3; the counts are Poisson
    draws, so the loss levels off at the counts' own randomness."""
    keras = _keras()
    x, c = _tide_traces(N, seed=19904, length=24, noise=0.3)
    rng = np.random.default_rng(19904)
    y = rng.poisson(0.5 + 1.5 * c + 0.5 * np.maximum(x[:, -1, 0], 0)).astype("float32")
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.GRU(24),
        keras.layers.Dense(1, activation="softplus"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit(session, model, x, y[:, None], epochs=12, batch_size=32)


@holdout199("eel_smokers", healthy=True)
def spoiled_batch_rare(session):
    """Which smoking batches spoil (about 5% do) from eight readings of the smokehouse, a 2x32
    relu MLP with a sigmoid output, binary cross-entropy and class_weight {0: 1, 1: 8}, Adam
    2e-3: the weighted loss falls steadily over the run as the few positives are fitted."""
    keras = _keras()
    x, s = _withy_beds(N, seed=19905)
    s = s + 0.8 * np.random.default_rng(19905).normal(size=N)
    y = (s > np.quantile(s, 0.95)).astype("float32")
    model = _mlp(keras, 8, [32, 32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    (xt, yt), probe = (x[:-PROBE_SIZE], y[:-PROBE_SIZE]), (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(xt, yt, epochs=15, batch_size=32, verbose=0,
                        class_weight={0: 1.0, 1: 8.0}, callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout199("eel_smokers", healthy=True)
def weight_loss_in_smoke_huber(session):
    """Custom GradientTape loop: weight lost in the smoke from six readings, where a few eels are
    weighed wrong (Student-t noise with 2 degrees of freedom); a 2x64 relu MLP with the Huber
    loss and Adam 2e-3, which flattens at the heavy-tailed noise floor."""
    keras = _keras()
    x, s = _brine_pans(N, seed=19906)
    rng = np.random.default_rng(19906)
    y = (s + 0.5 * rng.standard_t(2, size=N))[:, None].astype("float32")
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), keras.losses.Huber(1.0),
                        x, y, epochs=15, batch_size=32, seed=19906)


# ---------------------------------------------------------------------------------------------
# salt_boilers


@holdout199("salt_boilers", healthy=True)
def pan_grade_warmup_cosine(session):
    """Custom GradientTape loop: the grade of salt (three grades, some pans borderline) from six
    pan readings, a 2x64 relu MLP with Adam under a 100-step linear warm-up to 3e-3 followed by
    cosine decay to zero over the run; the loss flattens as the rate anneals."""
    keras = _keras()
    x, s = _brine_pans(N, seed=19907)
    s = s + 0.4 * np.random.default_rng(19907).normal(size=N)
    y = np.digitize(s, np.quantile(s, [1 / 3, 2 / 3])).astype("int32")
    steps = 15 * (1024 // 32)
    rate = keras.optimizers.schedules.CosineDecay(0.0, steps - 100, warmup_target=3e-3,
                                                  warmup_steps=100)
    model = _mlp(keras, 6, [64, 64], 3, out_activation=None)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.Adam(rate), loss, x, y,
                        epochs=15, batch_size=32, seed=19907, learning_rate=rate)


@holdout199("salt_boilers", healthy=True)
def drawn_salt_upper_quantile(session):
    """The 90th percentile of salt drawn from a pan (to plan the carts), a 2x64 relu MLP trained
    on the pinball loss with Adam 2e-3; the yield is noisy (skewed gamma noise), so the
    quantile loss settles at a clearly positive value."""
    keras = _keras()
    x, s = _brine_pans(N, seed=19908)
    y = (s + np.random.default_rng(19908).gamma(2.0, 0.5, size=N))[:, None].astype("float32")

    def pinball(y_true, y_pred):
        err = y_true - y_pred
        return keras.ops.mean(keras.ops.maximum(0.9 * err, -0.1 * err), axis=-1)

    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), pinball)
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout199("salt_boilers", healthy=True)
def works_and_readings(session):
    """Two inputs: which of 40 salt works boiled the brine (an 8-wide embedding) and six pan
    readings; concatenated into a 64-unit relu layer, Adam 3e-3 on mean squared error. Each
    works has its own offset, and the yield carries noise, so the loss levels off above zero."""
    keras = _keras()
    x, s = _brine_pans(N, seed=19909)
    rng = np.random.default_rng(19909)
    works = rng.integers(0, 40, N).astype("int32")
    y = (s + rng.normal(size=40)[works] + 0.4 * rng.normal(size=N))[:, None].astype("float32")
    w_in = keras.Input((1,), dtype="int32")
    r_in = keras.Input((6,))
    e = keras.layers.Flatten()(keras.layers.Embedding(40, 8)(w_in))
    h = keras.layers.Dense(64, activation="relu")(keras.layers.Concatenate()([e, r_in]))
    out = keras.layers.Dense(1)(keras.layers.Dense(32, activation="relu")(h))
    model = keras.Model([w_in, r_in], out)
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    train = slice(None, -PROBE_SIZE)
    probe = ([works[-PROBE_SIZE:, None], x[-PROBE_SIZE:]], y[-PROBE_SIZE:])
    history = model.fit([works[train, None], x[train]], y[train], epochs=15, batch_size=32,
                        verbose=0, callbacks=session.callbacks(probe))
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# lime_kilners


@holdout199("lime_kilners", healthy=True)
def smoky_snapshots_reduce_on_plateau(session):
    """Hot-spot quadrant from smoky thermal snapshots of the kiln (heavy noise hides some of the
    hot spots), a small Conv2D net with Adam 2e-3 and ReduceLROnPlateau (factor 0.3, patience
    2): the rate is cut when the loss stops falling; it starts slowly near chance and then falls
    steadily toward the confusion the smoke leaves."""
    keras = _keras()
    x, y = _kiln_images(N, seed=19910, noise=1.0)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    cut = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=2, min_delta=1e-3)
    return _fit(session, model, x, y, epochs=20, batch_size=32, callbacks=[cut])


@holdout199("lime_kilners", healthy=True)
def burn_parity_plateau_then_drop(session):
    """Whether a burn comes out right, which depends on the parity of three of ten switches on
    the kiln (the other seven are irrelevant): a 2x64 relu MLP with Adam 1e-3 moves slowly near the
    chance loss for the first epochs before it finds the interaction, then drops sharply."""
    keras = _keras()
    rng = np.random.default_rng(19914)
    x = rng.choice([-1.0, 1.0], size=(N, 10)).astype("float32")
    y = (x[:, 0] * x[:, 1] * x[:, 2] > 0).astype("float32")
    model = _mlp(keras, 10, [64, 64], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=30, batch_size=32)


# ---------------------------------------------------------------------------------------------
# broken runs, registered (each trains its helper with the mistake)


@holdout199("osiers_of_the_levels", ["learning_rate_too_high"])
def grading_loop_sgd_rate_four(session):
    """Custom GradientTape loop grading rods into four basket grades, a 2x64 relu MLP on logits;
    SGD with momentum 0.9 at a rate of 4.0 (the recipe's 0.05 was overwritten by a sweep value):
    the loss jumps about above the chance level from the start and never settles."""
    return _withy_sgd_rate(session, broken=True)


@holdout199("osiers_of_the_levels", ["unnormalized_inputs"], stall_begins=64)
def grading_from_raw_survey_units(session):
    """Rod grades from the survey sheet fed in raw units (depths in mm below datum, rainfall in
    mm a year, the planting year, ...: offsets in the thousands and scales in the hundreds), a
    2x64 relu MLP with Adam 1e-3: after the first epochs the loss bounces far above what the
    same net reaches on standardized columns."""
    return _withy_survey_units(session, broken=True)


@holdout199("osiers_of_the_levels", ["dead_relus"])
def stem_scan_conv_negative_bias(session):
    """Conv1D classifier of 32-step stem scans (two relu Conv1D layers, pooling, softmax) with
    bias_initializer=Constant(-4.0) copied from a gating recipe: every relu is off on every
    input from the first step, and the loss sits at chance for the whole run."""
    return _withy_conv_bias(session, broken=True)


@holdout199("eel_smokers", ["exploding_gradients"], stall_begins=192)
def trap_night_rnn_wide_recurrent_init(session):
    """SimpleRNN(32) over 40 half-hours of tide traces, Adam 2e-3, whose recurrent kernel was
    initialised RandomNormal(stddev=0.6) instead of orthogonal (spectral radius about 3): the
    gradient through time blows up, and after a first fall the loss stays near chance."""
    return _eel_rnn_recurrent(session, broken=True)


@holdout199("eel_smokers", ["vanishing_gradients"])
def deep_sigmoid_smokehouse_grades(session):
    """Ten hidden layers of 32 sigmoid units (an old recipe; the same net with relu learns) to
    grade smoked eels from eight readings, SGD 0.05 with momentum: the gradient dies on its
    way down and the loss stays at chance."""
    return _eel_deep_sigmoid(session, broken=True)


@holdout199("eel_smokers", ["non_finite_values"], stall_begins=18)
def catch_per_effort_divides_by_zero(session):
    """GRU over trap-night traces with a catch-per-effort channel computed as catch / effort;
    six late-season nights with no trap set have effort 0, so that channel is inf from row 600
    (batch 18, the data is not shuffled) and the loss is NaN from then on."""
    return _eel_zero_effort(session, broken=True)


@holdout199("salt_boilers", ["loss_activation_mismatch"])
def bushels_through_a_sigmoid(session):
    """Bushels of salt drawn per boiling (around 40) regressed with mean squared error by a 2x64
    relu MLP whose output layer kept the sigmoid of the grade classifier it was copied from:
    the prediction cannot pass 1, and the loss stays flat at about 1,900."""
    return _salt_logits(session, broken=True)


@holdout199("salt_boilers", ["insufficient_capacity"], stall_begins=320)
def salt_grades_with_no_hidden_layer(session):
    """Six salt grades from nonlinear field readings with a model whose hidden-layer list came
    out empty (a softmax regression): Adam 3e-3, the loss levels off around 1.5 where the
    2x64 MLP goes below 0.7."""
    return _salt_bottleneck(session, broken=True)


@holdout199("salt_boilers", ["saturated_activations"])
def brine_loop_tanh_init_stddev_five(session):
    """Custom GradientTape loop: salt drawn from six readings by a tanh MLP (2x128, tanh output
    scaled by 3), kernels RandomNormal(stddev=5.0), SGD 0.01: every tanh is pinned at +-1, the
    gradients vanish through them and the loss stays near 2.5 where glorot gets 0.4."""
    return _salt_tanh_init(session, broken=True)


@holdout199("lime_kilners", ["learning_rate_too_low"])
def kiln_snapshots_rate_typo(session):
    """Small Conv2D net on kiln thermal snapshots, SGD with momentum at 2e-6 (meant 2e-2): the
    loss does not move off log(4) in ten epochs, where the intended rate gets near zero."""
    return _kiln_cnn_rate(session, broken=True)


@holdout199("lime_kilners", ["over_regularization"], stall_begins=192)
def firing_lstm_l2_half(session):
    """LSTM(24) on firing traces with L2(0.5) on kernel, recurrent kernel and output (meant
    1e-5), Adam 3e-3: the penalty drives the weights to zero and the loss settles at chance."""
    return _kiln_lstm_l2(session, broken=True)


@holdout199("lime_kilners", ["poor_initialization"])
def draw_trace_attention_zero_init(session):
    """Self-attention classifier of 16-step draw traces whose relu projection and head layer
    were given kernel_initializer='zeros': every unit outputs 0, no gradient reaches them, and
    the loss stays at log(4)."""
    return _kiln_attention_init(session, broken=True)
