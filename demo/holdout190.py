"""The hundred-and-ninetieth held-out catalogue: written by someone who did not read the engine
or run the diagnosis on these runs, and scored once.

Every scenario was checked only from its own per-epoch loss (Keras History or the custom loop's
epoch means, Session(None), the runner's seed 0), and every broken one against the same model
trained without its mistake (each helper `_name(session, broken)` trains both). Four trades,
seeds 19001..19054: eel trappers (a night at the weir, a tide gauge's trace), mole catchers
(a field's readings, raised-soil maps, a trap book), warreners (a warren's id and readings,
a warrener's notes) and cider pressers (a pressing's chemistry, a fermentation's gravity).
The last PROBE_SIZE rows of every data set are the probe and are never trained on.

Healthy half (12): a third of the eel-run calls re-drawn, a celu MLP under Adamax (flat far
above zero); tide states by a Conv1D net with GroupNormalization under a power-2
PolynomialDecay, a tenth mislabelled; catch weight by keras.layers.RNN(GRUCell) in a
hand-written GradientTape loop under Huber against Student-t errors; molehill counts by a mish
MLP under MSLE; mole-run maps by a CNN with a RandomZoom augmentation layer (near zero); 160
trap-book rows memorised by a squareplus MLP 128-128; a note's verdict by Embedding(mask_zero)
and a Bidirectional LSTM with ReduceLROnPlateau, a tenth mislabelled; a burrow's use (-1/+1, an
eighth wrong) under the squared hinge loss with RMSprop; a two-input (warren Embedding beside
readings) model under log-cosh against Student-t (2 dof) errors with Nadam; days to dryness by
Conv1D + LSTM under CosineDecay with a warm-up; a tasting panel's vote shares under the KL
divergence (a multinomial draw, so far above zero); juice sugar by a tanh MLP under plain SGD
with InverseTimeDecay (a slow descent still going at the end).

Broken half (9, one root cause each): a PolynomialDecay with its start and end rates swapped,
climbing to 0.3 under Adam (learning rate too high); a rate computed as eels / hours with
unset traps at 0 hours, inf targets read in file order (non-finite values, NaN from step 21);
a relu SimpleRNN with Identity(gain=1.6) recurrence behind a global_clipnorm (exploding
gradients: loss in the millions against 0.17 fixed); ReLU(threshold=6.0) written for ReLU6
(dead ReLUs); Constant(0.05) kernels in a CNN, so every filter stays identical (poor
initialisation: 0.56 and creeping against 0.001); sigmoid biases started at 10 under SGD with
momentum (saturated activations: pinned at the target's variance after a first swing);
MaxNorm(0.04) for 4 on every weight (over-regularisation, at ln 4); unix-second timestamps and
millilitres beside standardised columns (unnormalised inputs); ReduceLROnPlateau with
min_delta=0.1 read as relative (learning rate too low, frozen near 0.2 against 0.07 fixed).

Dropped because they did not behave as intended: a SimpleRNNCell with a sigmoid activation over
60 steps (vanishing gradients: the GRU 'fix' failed to learn the task as well); hidden layers
given the layer count as their width, Dense(2) x 2 (insufficient capacity: still improving
steadily at the end); a relu output feeding a from_logits binary cross-entropy (loss/activation
mismatch: still improving). Also dropped: a BatchNormalization gamma of 20 before sigmoids and
a tanh MLP under RandomNormal(stddev=3) kernels, tried for saturation under Adam, which both
still learned. Not written because earlier catalogues hold them: deep sigmoid/tanh stacks,
L2(1.0) and dropout-as-keep-prob, zero/tiny kernels, negative relu biases, sigmoid heads on
unbounded targets, np.log of zeros and NaN feature cells, Adam at SGD rates, fine-tuning rates
from scratch, raw prices and counts, Poisson and pinball losses, class weights.

Labels: `expected_causes[0]` is the root cause; `stall_begins` is exact for the NaN run (step
21) and for the runs flat from the first step (None); the others (learning rate too high ~150,
exploding gradients ~128, poor initialisation ~160, saturated activations ~130, unnormalised
inputs ~190, learning rate too low ~160) were read off the epoch losses and are approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _standardize, registrar

FAMILIES = ('eel_trappers', 'mole_catchers', 'warreners', 'cider_pressers')

REGISTRY = []

holdout190 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE
STALL_RAMP = 150
STALL_IRNN = 128
STALL_CONST = 160
STALL_GATES = 130
STALL_RAW = 190
STALL_MIN_DELTA = 160


# ---------------------------------------------------------------------------------------------
# data


def _noisy_labels(labels, classes, fraction, rng):
    """A `fraction` of the labels re-drawn uniformly at random."""
    labels = labels.copy()
    flip = rng.random(len(labels)) < fraction
    labels[flip] = rng.integers(0, classes, flip.sum())
    return labels


def _eel_nights(n, seed):
    """Ten readings of a night at the weir: river level, water temperature, moon phase (sin,
    cos), rain, turbidity, night length, pressure, wind, days since the last flood."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 10))
    drive = 1.2 * x[:, 0] - 0.9 * x[:, 2] + 0.7 * x[:, 4] * x[:, 5] + 0.5 * np.tanh(x[:, 1])
    return x.astype("float32"), drive


def _gauge_traces(n, seed, length=64):
    """A tide gauge's 64 readings: flood (rising), ebb (falling) or slack (a wobble)."""
    rng = np.random.default_rng(seed)
    t = np.linspace(0, 1, length)
    y = rng.integers(0, 3, n)
    phase = rng.uniform(0, 2 * np.pi, n)[:, None]
    shapes = np.stack([t, 1 - t, 0.5 + 0.15 * np.sin(6 * np.pi * t)])
    x = shapes[y] + 0.25 * np.sin(2 * np.pi * t + phase) + rng.normal(0, 0.25, (n, length))
    return x[..., None].astype("float32"), y


def _mole_fields(n, seed):
    """Eight readings of a field: soil moisture, worm count, clay fraction, grass height,
    drainage, last year's hills, hedge length, days since ploughing."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 8))
    rate = np.exp(1.5 + 0.5 * x[:, 0] + 0.4 * x[:, 1] - 0.3 * x[:, 2] + 0.2 * x[:, 3] * x[:, 4])
    return x.astype("float32"), rate


def _tunnel_maps(n, seed, size=16):
    """A field's 16 x 16 map of raised soil: a run along the hedge (horizontal), a run across
    (vertical) or a fortress (a blob)."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    x = rng.normal(0, 0.35, (n, size, size))
    for i, k in enumerate(y):
        r, c = rng.integers(3, size - 3, 2)
        if k == 0:
            x[i, r, 2:size - 2] += 1.0
        elif k == 1:
            x[i, 2:size - 2, c] += 1.0
        else:
            x[i, r - 2:r + 2, c - 2:c + 2] += 1.0
    return x[..., None].astype("float32"), y


def _warren_notes(n, seed, length=20, vocab=60):
    """A warrener's note on a warren as word tokens (0 pads the short ones): four verdicts,
    each with its own telling words among common ones."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, n)
    x = np.zeros((n, length), dtype="int32")
    for i in range(n):
        size = rng.integers(8, length + 1)
        words = rng.integers(10, vocab, size)
        cue = rng.choice(size, 2, replace=False)
        words[cue] = 2 + 2 * y[i] + rng.integers(0, 2, 2)
        x[i, :size] = words
    return x, y


def _warrens(n, seed, warrens=30):
    """A warren's id beside six readings: bank slope, sand fraction, gorse cover, fox signs,
    buzzard sightings, grazing pressure."""
    rng = np.random.default_rng(seed)
    ids = rng.integers(0, warrens, n)
    effect = rng.normal(0, 1.0, warrens)
    x = rng.normal(size=(n, 6))
    signal = effect[ids] + 0.8 * x[:, 0] - 0.6 * x[:, 3] + 0.4 * x[:, 1] * x[:, 2]
    return ids.astype("int32"), x.astype("float32"), signal


def _pressings(n, seed):
    """Nine readings of a pressing: Brix, pH, malic acid, tannin, apple firmness, mill
    setting, pomace depth, cellar temperature, days the fruit was stored."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 9))
    signal = (np.sin(1.3 * x[:, 0]) + 0.8 * x[:, 1] * x[:, 2] - 0.6 * x[:, 3]
              + 0.5 * np.abs(x[:, 4]) - 0.4 * x[:, 5] * x[:, 6])
    return x.astype("float32"), signal


# ---------------------------------------------------------------------------------------------
# broken helpers: each trains the mistake (broken=True) or the same run without it


def _ramp_swapped(session, broken):
    keras = _keras()
    x, drive = _eel_nights(N, seed=19001)
    y = np.digitize(drive, np.quantile(drive, [0.25, 0.5, 0.75]))
    steps = 20 * 32
    if broken:
        schedule = keras.optimizers.schedules.PolynomialDecay(
            initial_learning_rate=1e-4, decay_steps=steps, end_learning_rate=0.3)
    else:
        schedule = keras.optimizers.schedules.PolynomialDecay(
            initial_learning_rate=3e-3, decay_steps=steps,
            end_learning_rate=1e-4)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _catch_per_hour(session, broken):
    keras = _keras()
    rng = np.random.default_rng(19002)
    x, drive = _eel_nights(N + 6, seed=19003)
    hours = rng.uniform(4, 10, N + 6)
    eels = rng.poisson(hours * np.exp(0.8 + 0.5 * drive - 0.1 * drive ** 2))
    unset = np.array([700, 701, 903, 958, 1010, 1011])  # traps logged but never set
    hours[unset] = 0.0
    eels[unset] = rng.integers(0, 3, len(unset))
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = (eels / hours).astype("float32")
    if not broken:
        keep = np.isfinite(rate)
        x, rate = x[keep], rate[keep]
    x, rate = x[:N], rate[:N]
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, rate, epochs=12, batch_size=32, shuffle=False)


def _gauge_rnn_gain(session, broken):
    keras = _keras()
    x, y = _gauge_traces(N, seed=19004, length=48)
    gain = 1.6 if broken else 1.0
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.SimpleRNN(32, activation="relu",
                               recurrent_initializer=keras.initializers.Identity(gain=gain)),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3, global_clipnorm=1.0),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _relu6_threshold(session, broken):
    keras = _keras()
    rng = np.random.default_rng(19005)
    x, rate = _mole_fields(N, seed=19006)
    y = rng.poisson(rate).astype("float32")
    y = (y - y.mean()) / y.std()

    def unit():
        if broken:
            return keras.layers.ReLU(threshold=6.0)  # meant max_value=6.0, ReLU6
        return keras.layers.ReLU(max_value=6.0)

    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64), unit(),
                              keras.layers.Dense(64), unit(), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _constant_kernels(session, broken):
    keras = _keras()
    x, y = _tunnel_maps(N, seed=19008)
    init = keras.initializers.Constant(0.05) if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(32, activation="relu", kernel_initializer=init),
        keras.layers.Dense(3, activation="softmax", kernel_initializer=init),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _open_gates(session, broken):
    keras = _keras()
    ids, x, signal = _warrens(N, seed=19009)
    y = (signal + np.random.default_rng(19010).normal(0, 0.3, N)).astype("float32")
    y = (y - y.mean()) / y.std()
    x = np.concatenate([x, np.eye(30, dtype="float32")[ids]], axis=1)
    bias = keras.initializers.Constant(10.0) if broken else "zeros"  # meant 1.0, 'open gates'
    model = keras.Sequential([
        keras.Input((36,)),
        keras.layers.Dense(64, activation="sigmoid", bias_initializer=bias),
        keras.layers.Dense(64, activation="sigmoid", bias_initializer=bias),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _max_norm_typo(session, broken):
    keras = _keras()
    x, y = _warren_notes(N, seed=19012)
    norm = keras.constraints.MaxNorm(0.04 if broken else 4.0)  # '4e-0' read as 4e-2
    model = keras.Sequential([
        keras.Input((20,)),
        keras.layers.Embedding(60, 16, embeddings_constraint=norm),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu", kernel_constraint=norm),
        keras.layers.Dense(4, activation="softmax", kernel_constraint=norm),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _press_log_raw(session, broken):
    keras = _keras()
    rng = np.random.default_rng(19013)
    x, signal = _pressings(N, seed=19014)
    stamp = 1.69e9 + rng.uniform(0, 90 * 86400, N)  # when it was pressed, unix seconds
    litres = rng.uniform(200, 900, N)
    y = (signal + 0.8 * (stamp - stamp.mean()) / stamp.std() + rng.normal(0, 0.3, N))
    y = ((y - y.mean()) / y.std()).astype("float32")
    raw = np.concatenate([x, stamp[:, None], litres[:, None] * 1000.0], axis=1)  # millilitres
    x = raw.astype("float32") if broken else _standardize(raw)
    model = keras.Sequential([keras.Input((11,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _plateau_min_delta(session, broken):
    keras = _keras()
    rng = np.random.default_rng(19017)
    x, signal = _pressings(N, seed=19018)
    y = (signal + rng.normal(0, 0.3, N)).astype("float32")
    y = (y - y.mean()) / y.std()
    # min_delta=0.1 read as 'a 10% improvement'; it is absolute, in loss units
    reduce = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.1, patience=0,
                                               min_delta=0.1 if broken else 1e-4,
                                               min_lr=1e-9)
    model = keras.Sequential([keras.Input((9,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32, callbacks=[reduce])


# ---------------------------------------------------------------------------------------------
# eel trappers


@holdout190("eel_trappers", healthy=True)
def eel_run_celu_adamax(session):
    """Whether the eels run at the weir tonight from ten river readings, a third of the trap
    books re-drawn at random, a celu MLP 32-32 under Adamax: falls, then flattens far above
    zero."""
    keras = _keras()
    x, drive = _eel_nights(N, seed=19020)
    y = _noisy_labels((drive > 0).astype(int), 2, 0.33, np.random.default_rng(19021))
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(32, activation="celu"),
                              keras.layers.Dense(32, activation="celu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adamax(3e-3), "binary_crossentropy")
    return _fit(session, model, x, y.astype("float32"), epochs=15, batch_size=32)


@holdout190("eel_trappers", healthy=True)
def tide_trace_groupnorm(session):
    """The tide's state from 64 gauge readings by a Conv1D net with GroupNormalization, a
    tenth of the labels re-drawn, Adam under a PolynomialDecay (power 2) to 1e-4."""
    keras = _keras()
    x, y = _gauge_traces(N, seed=19022)
    y = _noisy_labels(y, 3, 0.1, np.random.default_rng(19023))
    schedule = keras.optimizers.schedules.PolynomialDecay(3e-3, 12 * 32, 1e-4, power=2.0)
    model = keras.Sequential([
        keras.Input((64, 1)), keras.layers.Conv1D(16, 5),
        keras.layers.GroupNormalization(groups=4), keras.layers.Activation("relu"),
        keras.layers.MaxPooling1D(2), keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout190("eel_trappers", healthy=True)
def catch_weight_gru_cell_loop(session):
    """A night's catch weight from 20 hourly readings by keras.layers.RNN around a GRUCell in
    a hand-written GradientTape loop, Huber loss against Student-t (3 dof) weighing errors."""
    keras = _keras()
    rng = np.random.default_rng(19024)
    x = rng.normal(size=(N, 20, 3)).astype("float32")
    y = (x[:, -5:, 0].mean(axis=1) + 0.5 * x[:, -3:, 1].mean(axis=1) * x[:, -1, 2]
         + 0.5 * rng.standard_t(3, N)).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((20, 3)), keras.layers.RNN(keras.layers.GRUCell(16)),
                              keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), keras.losses.Huber(),
                        x, y, epochs=12, batch_size=32, seed=19025)


@holdout190("eel_trappers", ["learning_rate_too_high"], stall_begins=STALL_RAMP)
def swapped_polynomial_ramp(session):
    """Eel run strength (four bands) by an MLP 64-64 under Adam whose PolynomialDecay had its
    start and end swapped: the rate climbs from 1e-4 to 0.3, the loss falls, then climbs back
    up to about ln 4 and stays there."""
    return _ramp_swapped(session, broken=True)


@holdout190("eel_trappers", ["non_finite_values"], stall_begins=21)
def eels_per_hour_unset_traps(session):
    """Eels per trap-hour from ten river readings, the nightly log read in order
    (shuffle=False); traps logged but never set have 0 hours, so their rate is inf and the
    MSE turns NaN at the first such row (step 21) and stays NaN."""
    return _catch_per_hour(session, broken=True)


@holdout190("eel_trappers", ["exploding_gradients"], stall_begins=STALL_IRNN)
def gauge_irnn_gain(session):
    """The tide's state from 48 gauge readings by a relu SimpleRNN with an Identity recurrent
    initialiser whose gain was set to 1.6 (for 'a longer memory'), Adam with global_clipnorm:
    activations grow 1.6-fold a step, the loss sits in the millions."""
    return _gauge_rnn_gain(session, broken=True)


# ---------------------------------------------------------------------------------------------
# mole catchers


@holdout190("mole_catchers", healthy=True)
def molehills_msle_mish(session):
    """New molehills per field from eight readings (Poisson counts around a multiplicative
    rate), a mish MLP under mean squared logarithmic error: flat well above zero."""
    keras = _keras()
    x, rate = _mole_fields(N, seed=19030)
    y = np.random.default_rng(19031).poisson(rate).astype("float32")
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="mish"),
                              keras.layers.Dense(32, activation="mish"),
                              keras.layers.Dense(1, activation="softplus")])
    model.compile(keras.optimizers.Adam(2e-3), "msle")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout190("mole_catchers", healthy=True)
def tunnel_maps_random_zoom(session):
    """The kind of mole run on 16 x 16 raised-soil maps by a small CNN trained with a
    RandomZoom augmentation layer: a fast fall to near zero, jittered by the zoom."""
    keras = _keras()
    x, y = _tunnel_maps(N, seed=19032)
    model = keras.Sequential([
        keras.Input((16, 16, 1)), keras.layers.RandomZoom(0.15, seed=19033),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(), keras.layers.Conv2D(16, 3, activation="relu"),
        keras.layers.GlobalMaxPooling2D(), keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout190("mole_catchers", healthy=True)
def trap_book_small_squareplus(session):
    """Which of six trap sets worked, from only 160 trap-book rows, by a squareplus MLP
    128-128 that memorises them over 40 short epochs (a long slide towards zero)."""
    keras = _keras()
    rng = np.random.default_rng(19034)
    x = rng.normal(size=(160 + PROBE_SIZE, 8)).astype("float32")
    y = np.argmax(x[:, :6] + 0.8 * rng.normal(size=(len(x), 6)), axis=1)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(128, activation="squareplus"),
                              keras.layers.Dense(128, activation="squareplus"),
                              keras.layers.Dense(6, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


@holdout190("mole_catchers", ["dead_relus"], stall_begins=None)
def relu6_as_threshold(session):
    """Molehill counts (standardised) by an MLP meant to use ReLU6, written
    ReLU(threshold=6.0) instead of max_value=6.0: no pre-activation reaches 6, every unit
    outputs 0 and the loss sits at the target's variance from the first step."""
    return _relu6_threshold(session, broken=True)


@holdout190("mole_catchers", ["poor_initialization"], stall_begins=STALL_CONST)
def constant_kernels_cnn(session):
    """The kind of mole run on tunnel maps by a CNN whose kernels were all initialised with
    Constant(0.05) like its biases: every filter and unit of a layer is the same and stays so,
    and the loss creeps near 0.6 where the fixed net reaches about 0."""
    return _constant_kernels(session, broken=True)


# ---------------------------------------------------------------------------------------------
# warreners


@holdout190("warreners", healthy=True)
def ferret_notes_bilstm(session):
    """A warren's verdict from a warrener's note by Embedding(mask_zero=True) and a
    Bidirectional LSTM, a tenth of the verdicts re-drawn, ReduceLROnPlateau on the loss."""
    keras = _keras()
    x, y = _warren_notes(N, seed=19040)
    y = _noisy_labels(y, 4, 0.1, np.random.default_rng(19041))
    model = keras.Sequential([keras.Input((20,)), keras.layers.Embedding(60, 16, mask_zero=True),
                              keras.layers.Bidirectional(keras.layers.LSTM(16)),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    reduce = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=1)
    return _fit(session, model, x, y, epochs=10, batch_size=32, callbacks=[reduce])


@holdout190("warreners", healthy=True)
def burrow_active_squared_hinge(session):
    """Whether a burrow is in use (labels -1/+1, an eighth wrong) by a tanh-output MLP under
    the squared hinge loss with RMSprop: a floor well above zero."""
    keras = _keras()
    ids, x, signal = _warrens(N, seed=19042)
    rng = np.random.default_rng(19043)
    y = np.where(signal + 0.5 * rng.normal(size=N) > 0, 1.0, -1.0)
    y[rng.random(N) < 0.125] *= -1
    x = np.concatenate([x, np.eye(30, dtype="float32")[ids]], axis=1)
    model = keras.Sequential([keras.Input((36,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="tanh")])
    model.compile(keras.optimizers.RMSprop(1e-3), "squared_hinge")
    return _fit(session, model, x, y.astype("float32"), epochs=15, batch_size=32)


@holdout190("warreners", healthy=True)
def rabbit_count_two_inputs_logcosh(session):
    """Rabbits caught (standardised) from a warren's id (Embedding) beside six readings, two
    inputs, log-cosh loss against Student-t (2 dof) tallying errors, Nadam."""
    keras = _keras()
    ids, x, signal = _warrens(N, seed=19044)
    y = (signal + 0.5 * np.random.default_rng(19045).standard_t(2, N)).astype("float32")
    y = (y - np.median(y)) / signal.std()
    warren = keras.Input((1,), dtype="int32")
    readings = keras.Input((6,))
    h = keras.layers.Flatten()(keras.layers.Embedding(30, 4)(warren))
    h = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([h, readings]))
    model = keras.Model([warren, readings], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Nadam(2e-3), "log_cosh")
    ids = ids[:, None]
    train, probe = slice(0, -PROBE_SIZE), slice(-PROBE_SIZE, None)
    history = model.fit([ids[train], x[train]], y[train], epochs=15, batch_size=32, verbose=0,
                        callbacks=session.callbacks(([ids[probe], x[probe]], y[probe])))
    return history.history["loss"]


@holdout190("warreners", ["saturated_activations"], stall_begins=STALL_GATES)
def sigmoid_bias_ten(session):
    """A warren's yield from its id (one-hot) and six readings by a sigmoid MLP under SGD
    with momentum whose biases were started at 10 'so the units start open' (meant 1): every
    unit sits at 1, the gradients through them vanish, and after a first wild swing of the
    output layer the loss settles at the target's variance."""
    return _open_gates(session, broken=True)


@holdout190("warreners", ["over_regularization"], stall_begins=None)
def max_norm_typo(session):
    """A warren's verdict from a note by Embedding and global average pooling with MaxNorm
    constraints of 0.04 on every weight (meant 4): the logits cannot grow and the loss stays
    at ln 4."""
    return _max_norm_typo(session, broken=True)


# ---------------------------------------------------------------------------------------------
# cider pressers


@holdout190("cider_pressers", healthy=True)
def gravity_conv_lstm_warmup(session):
    """Days to dryness from 30 daily gravity readings by a Conv1D front and an LSTM, Adam
    under CosineDecay with a linear warm-up, noisy hydrometer readings."""
    keras = _keras()
    rng = np.random.default_rng(19050)
    speed = rng.uniform(0.5, 2.0, N)
    t = np.arange(30) / 30
    x = (np.exp(-speed[:, None] * 3 * t) + rng.normal(0, 0.05, (N, 30)))[..., None]
    y = (1.0 / speed + rng.normal(0, 0.1, N)).astype("float32")
    schedule = keras.optimizers.schedules.CosineDecay(1e-4, 12 * 32, warmup_target=3e-3,
                                                      warmup_steps=64)
    model = keras.Sequential([keras.Input((30, 1)), keras.layers.Conv1D(16, 3, activation="relu"),
                              keras.layers.LSTM(16), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(schedule), "mse")
    return _fit(session, model, x.astype("float32"), y, epochs=12, batch_size=32)


@holdout190("cider_pressers", healthy=True)
def taster_panel_kl(session):
    """The share of ten tasters calling a cider sweet, medium or dry, from nine pressing
    readings, a softmax MLP under the KL divergence to the panel's votes: the votes are a
    noisy draw, so the loss stays well above zero."""
    keras = _keras()
    rng = np.random.default_rng(19051)
    x, signal = _pressings(N, seed=19052)
    logits = np.stack([signal, 0.5 * x[:, 1], -signal], axis=1)
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    votes = np.stack([rng.multinomial(10, row) for row in p]) / 10.0
    model = keras.Sequential([keras.Input((9,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "kl_divergence")
    return _fit(session, model, x, votes.astype("float32"), epochs=15, batch_size=32)


@holdout190("cider_pressers", healthy=True)
def sugar_sgd_inverse_time(session):
    """Juice sugar from nine pressing readings by a tanh MLP under plain SGD with an
    InverseTimeDecay: a long slow descent, still going at the end."""
    keras = _keras()
    x, signal = _pressings(N, seed=19053)
    y = (signal + np.random.default_rng(19054).normal(0, 0.3, N)).astype("float32")
    schedule = keras.optimizers.schedules.InverseTimeDecay(0.02, 32, 0.1)
    model = keras.Sequential([keras.Input((9,)), keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(32, activation="tanh"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(schedule), "mse")
    return _fit(session, model, x, y, epochs=25, batch_size=32)


@holdout190("cider_pressers", ["unnormalized_inputs"], stall_begins=STALL_RAW)
def press_log_unix_seconds(session):
    """Pressing yield from nine standardised readings beside the pressing time in unix
    seconds (about 1.7e9) and the juice volume in millilitres, not standardised: the loss
    falls from 1e15 and flattens near 4e8."""
    return _press_log_raw(session, broken=True)


@holdout190("cider_pressers", ["learning_rate_too_low"], stall_begins=STALL_MIN_DELTA)
def plateau_min_delta_relative(session):
    """Pressing yield by an MLP under Adam with ReduceLROnPlateau(factor=0.1, patience=0,
    min_delta=0.1) meant as 'a 10% improvement': min_delta is absolute, so once the loss
    falls by less than 0.1 an epoch the rate is cut tenfold every epoch and the loss freezes
    near 0.2."""
    return _plateau_min_delta(session, broken=True)
