"""The hundred-and-sixteenth held-out catalogue: written by someone who did not read the engine
or run the diagnosis on these runs, and scored once.

Four trades lend the data, each generated here from its own seed (11601-11643, unique to this
file): ornithologists (warbler measurements, migrant arrival days, clutch sizes, nocturnal
flight calls), entomologists (light-trap moth counts, aphid outbreaks, mosquito wingbeat traces,
beetle morphometrics, sticky-trap crops), mycologists (field-guide trait records, spore prints,
fruiting-body counts) and agronomists (wheat trial plots, season weather with a soil table).
Every set has 1024 training rows plus PROBE_SIZE held-out probe rows at the end (the small
herbarium has 160 plus the probe).

Healthy half (12 runs, nothing to fix, losses that flatten above zero or move unusually):
- ornithologists: warblers with a quarter of the labels wrong (floor ~1.2); heavy-tailed arrival
  days under Huber loss with ReduceLROnPlateau; flight calls in a Conv1D under linear warm-up then
  cosine decay to zero.
- entomologists: Poisson moth counts with an exponential output; rare (~6%) aphid outbreaks with
  class_weight 1:8; a GRU on wingbeats under PiecewiseConstantDecay (two rate drops).
- mycologists: a shared-embedding classifier of categorical traits with 10% wrong labels in a
  custom GradientTape loop; 160 spore prints memorized by a 128-128 MLP (loss heads to zero);
  self-attention over the four trait tokens with 5% wrong labels.
- agronomists: a 90th-percentile pinball loss on heteroscedastic yields; a two-input model (LSTM
  over monthly weather, dense over soil); SGD with momentum whose loss falls fast, then edges
  down in a long noisy tail to the last epoch.

Broken half (12 runs, one per cause, each a code mistake; every one was trained beside its fixed
version with Session(None), see each helper `_name(session, broken)`):
- learning_rate_too_high: Adam at 0.5 typed for 5e-4 (MLP); it drops for a few epochs, then
  jumps and bounces near the constant-guess loss, 1.4-1.65 at the end (fixed ~0.27).
- exploding_gradients: a tanh SimpleRNN with recurrent Orthogonal(gain=6); at initialization the
  recurrent kernel's gradient norm is ~1e9 against ~1 at gain 1 (measured). Adam keeps it finite;
  the loss crawls down for ~300 steps and flattens at ~1.36 (fixed ~0.25).
- loss_activation_mismatch: Poisson loss on clutch sizes through a sigmoid output (rate <= 1):
  ~1.0 against ~-5.2 with an exponential output.
- learning_rate_too_low: SGD+momentum at 1e-5 on a Conv1D wingbeat classifier: ln 4 throughout.
- dead_relus: conv and dense biases initialized to -3 in a Conv2D net: ln 4 throughout.
- poor_initialization: every kernel Constant(0.05) in a relu MLP (the units never differ):
  levels near 1.04 (fixed ~0.1).
- vanishing_gradients: eight sigmoid layers, SGD+momentum: ln 8 throughout (relu ~0.3).
- saturated_activations: a 3x64 tanh MLP initialized RandomUniform(0, 1) on [0, 1] inputs: the
  layers past the first sit at tanh = 1 for every input; ln 8 after the output bias settles in
  ~16 steps (Glorot ~0.24).
- non_finite_values: a hand-written Poisson loss, rate - y * log(rate), on a relu output in a
  custom loop; log(0) gives inf at step 89 (weights and batch order seeded, exact) and NaN for the
  rest of the 10 epochs, which keep training.
- unnormalized_inputs: the trial table in field units (rain in mm, growing degree days ~1750)
  into a tanh MLP with SGD+momentum: bounces around 2.0 (standardized ~0.27).
- insufficient_capacity: no hidden layer (linear regression) for a yield with a pH optimum and an
  interaction: flat at ~1.1 (two hidden layers ~0.19).
- over_regularization: TF1 keep_prob=0.9 passed to Keras Dropout as rate=0.9: levels near 1.9,
  still creeping down slowly (rate 0.1 ~0.3).

Dropped or changed because they did not behave as intended: a tanh MLP initialized
RandomNormal(stddev=2.0) (a misplaced He factor) meant for saturated_activations kept learning
slowly from its random sign features, with Adam and with SGD; the same RandomUniform(0, 1)
mistake with sigmoid units was dropped because its Glorot-initialized fix did not learn either
in 15 epochs. The exploding-gradient RNN first used SGD+momentum at gains 3-4, where the broken
run beat the gain-1 one trained the same way, and gain 4 with Adam, which still crept down at the
end. The Poisson relu output first started at zero bias and was NaN from the first step, so its
bias now starts at 1 and Adam runs at 1e-3: the run learns for two epochs (89 steps) first. The
capacity and dropout runs first regressed the yield in t/ha around 7; the loss was still falling
only because the bias had not reached 7, so they now regress the anomaly against the county mean.
The healthy long-tail run first used plain SGD at 0.01, which sat near 1.0 where the data allow
~0.2, a rate a reviewer would raise; it now uses SGD 0.03 with momentum.

Labels: `expected_causes[0]` is the root cause each broken run was built around, and only one is
given. `stall_begins` is the 0-based optimizer step from which the broken loss stops improving,
None from the start; it was read off the per-step loss (reconstructed from Keras's running batch
mean, a 32-step moving average) of one run. Only non_finite_values (89) is exact; the others
(adam_rate_typo 100, chaotic_recurrent_init 320, clutch_size_sigmoid_rate 100,
constant_init_for_reproducibility 240, positive_uniform_init 16, raw_field_units 48,
no_hidden_layer 150, keep_prob_as_rate 200) are approximate, and the Keras initial weights are
unseeded, so they move a little from run to run.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ("ornithologists", "entomologists", "mycologists", "agronomists")

REGISTRY = []
holdout116 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data: every generator draws from its own seed; the last PROBE_SIZE rows are the probe


def _rng(seed):
    return np.random.default_rng(seed)


def _wing_measurements(n, seed, flip=0.0):
    """Five warbler species told apart by wing chord, tail, bill depth, bill length, tarsus and
    mass (standardized), with a fraction `flip` of the field labels wrong."""
    r = _rng(seed)
    species = r.integers(0, 5, size=n)
    centers = r.normal(0.0, 1.3, size=(5, 6))
    x = centers[species] + r.normal(0.0, 1.0, size=(n, 6))
    x[:, 5] += 0.4 * x[:, 0] * x[:, 1]  # mass grows with wing and tail together
    wrong = r.random(n) < flip
    species = np.where(wrong, r.integers(0, 5, size=n), species)
    return _standardize(x), species.astype("int32")


def _arrival_days(n, seed):
    """Spring arrival day of a migrant at a ringing station (days after 1 April, standardized
    scale ~10 days) from spring temperature, latitude, wind and the bird's age: smooth trend plus
    heavy-tailed noise (Student t, 2 degrees of freedom: storms hold whole flocks back)."""
    r = _rng(seed)
    x = r.normal(0.0, 1.0, size=(n, 4))
    trend = -1.2 * x[:, 0] + 0.8 * x[:, 1] + 0.5 * np.tanh(2.0 * x[:, 2]) - 0.4 * x[:, 3] ** 2
    y = trend + 0.6 * r.standard_t(2.0, size=n)
    return x.astype("float32"), y.astype("float32")


def _clutch_sizes(n, seed):
    """Clutch size (eggs, 1..12) of tits from food index, laying date, female age, altitude and
    nest-box size (standardized): Poisson counts around a log-linear rate near 6."""
    r = _rng(seed)
    x = r.normal(0.0, 1.0, size=(n, 5))
    rate = np.exp(1.75 + 0.25 * x[:, 0] - 0.2 * x[:, 1] + 0.1 * x[:, 2] * x[:, 3])
    return x.astype("float32"), np.minimum(r.poisson(rate), 14).astype("float32")


def _flight_calls(n, seed, length=40, channels=2):
    """Nocturnal flight calls recorded as `length` frames of (pitch, energy): four species, each a
    frequency sweep with its own start pitch and slope, plus recorder noise."""
    r = _rng(seed)
    y = r.integers(0, 4, size=n)
    t = np.linspace(0.0, 1.0, length)[None, :]
    start = np.array([-1.0, -0.3, 0.3, 1.0])[y][:, None] + 0.25 * r.normal(size=(n, 1))
    slope = np.array([1.2, -1.0, 0.8, -1.4])[y][:, None] + 0.3 * r.normal(size=(n, 1))
    pitch = start + slope * t + 0.35 * r.normal(size=(n, length))
    onset = r.uniform(0.0, 0.4, size=(n, 1))
    energy = np.exp(-((t - onset - 0.3) ** 2) / 0.04) + 0.2 * r.normal(size=(n, length))
    x = np.stack([pitch, energy][:channels], axis=-1)
    return x.astype("float32"), y.astype("int32")


def _wingbeats(n, seed, length=48):
    """Optical wingbeat sensor traces of four mosquito species: a fundamental frequency per
    species with a harmonic and random phase, amplitude and sensor noise."""
    r = _rng(seed)
    y = r.integers(0, 4, size=n)
    t = np.arange(length)[None, :]
    freq = np.array([0.06, 0.09, 0.12, 0.15])[y][:, None] * (1.0 + 0.05 * r.normal(size=(n, 1)))
    phase = r.uniform(0.0, 2 * np.pi, size=(n, 1))
    amplitude = r.uniform(0.6, 1.4, size=(n, 1))
    trace = amplitude * (np.sin(2 * np.pi * freq * t + phase)
                         + 0.4 * np.sin(4 * np.pi * freq * t + 2 * phase))
    x = trace + 0.5 * r.normal(size=(n, length))
    return x[..., None].astype("float32"), y.astype("int32")


def _trap_counts(n, seed):
    """Weekly moth counts in a light trap from night temperature, humidity, moon phase, wind
    and hedge cover: Poisson counts around a smooth log-rate (mean ~4, some weeks 40+)."""
    r = _rng(seed)
    x = r.normal(0.0, 1.0, size=(n, 5))
    log_rate = (1.2 + 0.7 * x[:, 0] + 0.3 * np.sin(2.0 * x[:, 1]) - 0.4 * np.cos(np.pi * x[:, 2])
                - 0.3 * x[:, 3] + 0.25 * x[:, 0] * x[:, 4])
    return x.astype("float32"), r.poisson(np.exp(log_rate)).astype("float32")


def _outbreaks(n, seed):
    """Whether a field sees an aphid outbreak next week (about 6% do) from 8 standardized
    weather and crop readings; the outbreaks follow a noisy logistic of a few of them."""
    r = _rng(seed)
    x = r.normal(0.0, 1.0, size=(n, 8))
    logit = -3.6 + 1.3 * x[:, 0] + 0.9 * x[:, 1] * (x[:, 2] > 0) - 0.8 * x[:, 3] + 0.5 * x[:, 4]
    y = (r.random(n) < 1.0 / (1.0 + np.exp(-logit))).astype("int32")
    return x.astype("float32"), y


def _pest_species(n, seed):
    """Which of four beetle pests a trap catch is, from 10 standardized morphometrics, with
    class regions that need a nonlinear boundary (the species differ by ratios of parts)."""
    r = _rng(seed)
    x = r.normal(0.0, 1.0, size=(n, 10))
    a = x[:, 0] + 0.6 * x[:, 1] * x[:, 2]
    b = x[:, 3] - 0.5 * x[:, 4] ** 2 + 0.5
    y = (a > 0).astype(int) * 2 + (b > 0).astype(int)
    return x.astype("float32"), y.astype("int32")


def _sticky_traps(n, seed, size=12):
    """12x12 crops of yellow sticky-trap photos: four insect orders drawn as a dark blob, a
    horizontal bar (fly wings), a vertical bar (wasp) or a ring (beetle) at a random place."""
    r = _rng(seed)
    y = r.integers(0, 4, size=n)
    x = 0.3 * r.normal(size=(n, size, size))
    grid = np.arange(size)
    for i in range(n):
        cy, cx = r.integers(3, size - 3, size=2)
        dy, dx = grid[:, None] - cy, grid[None, :] - cx
        dist = np.sqrt(dy ** 2 + dx ** 2)
        if y[i] == 0:
            mask = dist < 2.0
        elif y[i] == 1:
            mask = (np.abs(dy) < 1) & (np.abs(dx) < 3)
        elif y[i] == 2:
            mask = (np.abs(dx) < 1) & (np.abs(dy) < 3)
        else:
            mask = (dist > 1.5) & (dist < 2.8)
        x[i][mask] += 1.0
    return x[..., None].astype("float32"), y.astype("int32")


MUSHROOM_FIELDS = (8, 6, 5, 9)  # cap colour, gill type, habitat, odour


def _mushroom_records(n, seed, flip=0.0):
    """Field-guide records of mushrooms: four categorical traits (cap colour, gill type,
    habitat, odour) coded as integer ids, and edibility, which depends on odour and on
    which gills go with which habitat; a fraction `flip` of the labels are misidentified."""
    r = _rng(seed)
    x = np.stack([r.integers(0, k, size=n) for k in MUSHROOM_FIELDS], axis=1)
    odour_bad = np.isin(x[:, 3], [1, 4, 6])
    pair_bad = (x[:, 1] + x[:, 2]) % 3 == 0
    cap_bad = x[:, 0] == 7
    y = (odour_bad | (pair_bad & ~cap_bad)).astype(int)
    wrong = r.random(n) < flip
    y = np.where(wrong, 1 - y, y)
    return x.astype("int32"), y.astype("int32")


def _spore_prints(n, seed):
    """Spore measurements of eight mushroom genera (length, width, wall, ornament, colour
    channels...): 12 standardized features, genera separated along curved boundaries."""
    r = _rng(seed)
    y = r.integers(0, 8, size=n)
    angle = 2 * np.pi * y / 8
    radius = 2.0 + 0.3 * r.normal(size=n)
    x = r.normal(0.0, 0.5, size=(n, 12))
    x[:, 0] += radius * np.cos(angle)
    x[:, 1] += radius * np.sin(angle)
    x[:, 2] += np.sin(3 * angle) + x[:, 0] * x[:, 1] * 0.2
    return _standardize(x), y.astype("int32")


def _fruiting_counts(n, seed):
    """Fruiting bodies counted per 10 m^2 plot after rain: rain in the last fortnight, soil
    temperature, canopy, dead wood and pH (standardized); Poisson counts, many plots with 0-2."""
    r = _rng(seed)
    x = r.normal(0.0, 1.0, size=(n, 5))
    log_rate = 0.9 + 0.8 * x[:, 0] - 0.3 * x[:, 1] ** 2 + 0.4 * x[:, 2] * x[:, 3] + 0.2 * x[:, 4]
    return x.astype("float32"), r.poisson(np.exp(log_rate)).astype("float32")


def _field_trials(n, seed):
    """Wheat yield anomaly of trial plots (t/ha against the county mean, sd ~1.5) from nitrogen,
    phosphorus, pH, organic matter, seasonal rain and growing degree days: a nitrogen x rain
    response, a pH optimum, and noise that grows on the heavy plots (hail and lodging).

    Returns (standardized x, yield anomaly, raw x in field units)."""
    r = _rng(seed)
    z = r.normal(0.0, 1.0, size=(n, 6))
    y = (1.0 * np.tanh(z[:, 0]) * (1.0 + 0.5 * z[:, 4]) + 0.3 * z[:, 1] - 0.6 * z[:, 2] ** 2
         + 0.4 * z[:, 3] + 0.5 * np.sin(z[:, 5]) + 0.6)
    y = y + (0.3 + 0.3 * np.maximum(y, 0.0)) * r.normal(size=n)
    scale = np.array([45.0, 9.0, 0.6, 1.1, 140.0, 220.0])
    offset = np.array([160.0, 28.0, 6.5, 3.2, 620.0, 1750.0])
    return z.astype("float32"), y.astype("float32"), (z * scale + offset).astype("float32")


def _season_weather(n, seed, months=12):
    """Monthly (rain, temperature) of a growing season for each plot, standardized, and a soil
    table of 4 readings; yield responds to spring rain, a summer heat spell and soil nitrogen,
    with noise that grows in wet years."""
    r = _rng(seed)
    weather = r.normal(0.0, 1.0, size=(n, months, 2))
    soil = r.normal(0.0, 1.0, size=(n, 4))
    spring_rain = weather[:, 2:5, 0].mean(axis=1)
    heat = np.maximum(weather[:, 5:9, 1], 0.0).max(axis=1)
    y = (1.0 * np.tanh(spring_rain * 1.5) - 0.6 * heat + 0.7 * soil[:, 0]
         - 0.3 * soil[:, 1] * soil[:, 2])
    y = y + (0.25 + 0.2 * np.abs(spring_rain)) * r.normal(size=n)
    return weather.astype("float32"), soil.astype("float32"), y.astype("float32")


# ---------------------------------------------------------------------------------------------
# a fit for several inputs or class weights, with the same probe convention as `_fit`


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, callbacks=(), **fit_kw):
    """model.fit on all but the last PROBE_SIZE rows of every input; those rows are the probe.

    Returns the per-epoch mean training loss."""
    inputs = list(inputs) if isinstance(inputs, (list, tuple)) else [inputs]
    train = [x[:-PROBE_SIZE] for x in inputs]
    probe = [x[-PROBE_SIZE:] for x in inputs]
    train_x = train if len(train) > 1 else train[0]
    probe_x = probe if len(probe) > 1 else probe[0]
    history = model.fit(train_x, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        shuffle=True, verbose=0,
                        callbacks=list(callbacks) + session.callbacks((probe_x, y[-PROBE_SIZE:])),
                        **fit_kw)
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# broken runs: each helper trains the broken version or the fixed one

# stall_begins of the broken runs, read off their per-step loss (approximate except POISSON)
STALL_RATE_TYPO = 100
STALL_GAIN = 320
STALL_CLUTCH = 100
STALL_CONSTANT = 240
STALL_POISSON = 89
STALL_RAW = 48
STALL_LINEAR = 150
STALL_DROPOUT = 200


def _rate_typo(session, broken):
    keras = _keras()
    x, y = _wing_measurements(N, seed=11611)
    model = _mlp(keras, 6, [64, 64], 5)
    model.compile(keras.optimizers.Adam(0.5 if broken else 5e-4),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _recurrent_gain(session, broken):
    keras = _keras()
    x, y = _flight_calls(N, seed=11612)
    gain = 6.0 if broken else 1.0
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.SimpleRNN(48, recurrent_initializer=keras.initializers.Orthogonal(
            gain=gain, seed=11612)),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _clutch_output(session, broken):
    keras = _keras()
    x, y = _clutch_sizes(N, seed=11613)
    model = _mlp(keras, 5, [32, 32], 1, out_activation="sigmoid" if broken else "exponential")
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _sgd_rate_from_adam(session, broken):
    keras = _keras()
    x, y = _wingbeats(N, seed=11621)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(1e-5 if broken else 2e-2, momentum=0.9),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _negative_conv_bias(session, broken):
    keras = _keras()
    x, y = _sticky_traps(N, seed=11622)
    bias = keras.initializers.Constant(-3.0 if broken else 0.0)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(32, activation="relu", bias_initializer=bias),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _constant_kernel(session, broken):
    keras = _keras()
    x, y = _pest_species(N, seed=11623)
    init = keras.initializers.Constant(0.05) if broken else "glorot_uniform"
    model = _mlp(keras, 10, [64, 64], 4, kernel_initializer=init)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _sigmoid_stack(session, broken):
    keras = _keras()
    x, y = _spore_prints(N, seed=11631)
    model = _mlp(keras, 12, [64] * 8, 8, activation="sigmoid" if broken else "relu")
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _positive_uniform_init(session, broken):
    keras = _keras()
    x, y = _spore_prints(N, seed=11632)
    x = (x - x.min(axis=0)) / (x.max(axis=0) - x.min(axis=0))  # min-max scaled to [0, 1]
    init = keras.initializers.RandomUniform(0.0, 1.0, seed=11632) if broken else "glorot_uniform"
    model = _mlp(keras, 12, [64] * 3, 8, activation="tanh", kernel_initializer=init)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _handwritten_poisson(session, broken):
    keras = _keras()
    ops = keras.ops
    x, y = _fruiting_counts(N, seed=11633)

    def init(i):
        return keras.initializers.GlorotUniform(seed=11633 + i)

    model = keras.Sequential([
        keras.Input((5,)),
        keras.layers.Dense(32, activation="relu", kernel_initializer=init(1)),
        keras.layers.Dense(32, activation="relu", kernel_initializer=init(2)),
        keras.layers.Dense(1, activation="relu" if broken else "softplus",
                           kernel_initializer=init(3), bias_initializer="ones"),
    ])

    def poisson_nll(targets, rate):
        return ops.mean(rate - targets * ops.log(rate))

    return _custom_loop(session, model, keras.optimizers.Adam(1e-3), poisson_nll, x, y[:, None],
                        epochs=10, batch_size=32, seed=11633,
                        loss_description=keras.losses.Poisson())


def _raw_field_units(session, broken):
    keras = _keras()
    z, y, raw = _field_trials(N, seed=11641)
    x = raw if broken else z
    model = _mlp(keras, 6, [64, 64], 1, activation="tanh", out_activation=None)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _no_hidden_layer(session, broken):
    keras = _keras()
    z, y, _ = _field_trials(N, seed=11642)
    model = _mlp(keras, 6, [] if broken else [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-2), "mse")
    return _fit(session, model, z, y, epochs=15, batch_size=32)


def _keep_prob_as_rate(session, broken):
    keras = _keras()
    z, y, _ = _field_trials(N, seed=11643)
    rate = 0.9 if broken else 0.1
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dropout(rate),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dropout(rate),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, z, y, epochs=15, batch_size=32)


# ---------------------------------------------------------------------------------------------
# ornithologists


@holdout116("ornithologists", healthy=True)
def misidentified_warblers(session):
    """Five warbler species from six standardized field measurements, a quarter of the ringers'
    identifications wrong (drawn at random), 64-32 relu MLP, Adam 1e-3, 20 epochs: the loss falls
    and flattens near 1.2, the floor the wrong labels set."""
    keras = _keras()
    x, y = _wing_measurements(N, seed=11601, flip=0.25)
    model = _mlp(keras, 6, [64, 32], 5)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout116("ornithologists", healthy=True)
def storm_delayed_arrivals(session):
    """Spring arrival day of a migrant from temperature, latitude, wind and age, with Student-t
    (2 d.o.f.) noise from storms; 32-32 relu MLP with Huber loss, Adam 3e-3 and
    ReduceLROnPlateau on the training loss (halving after 2 flat epochs), 20 epochs: the loss
    settles at the heavy-tailed noise while the rate steps down."""
    keras = _keras()
    x, y = _arrival_days(N, seed=11602)
    model = _mlp(keras, 4, [32, 32], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.Huber(delta=1.0))
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=2,
                                                min_lr=1e-5)
    return _fit(session, model, x, y, epochs=20, batch_size=32, callbacks=[plateau])


@holdout116("ornithologists", healthy=True)
def flight_calls_warmup_cosine(session):
    """Four species' nocturnal flight calls (40 frames of pitch and energy), two Conv1D blocks,
    Adam under a linear warm-up from 1e-4 to 3e-3 over 64 steps then cosine decay to zero over
    the rest of the 12 epochs: slow first steps, fast fall, then a flat tail as the rate dies."""
    keras = _keras()
    x, y = _flight_calls(N, seed=11603)
    steps = 12 * ((N - PROBE_SIZE) // 32)
    schedule = keras.optimizers.schedules.CosineDecay(1e-4, decay_steps=steps - 64,
                                                      warmup_target=3e-3, warmup_steps=64)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout116("ornithologists", ["learning_rate_too_high"], stall_begins=STALL_RATE_TYPO)
def adam_rate_typo(session):
    """The warbler classifier (64-64 relu MLP, clean labels) with Adam at 0.5: the rate was typed
    5e-1 for 5e-4. The loss drops for two to four epochs, then jumps and settles bouncing
    around the constant-guess loss ln 5 ~ 1.6 (1.4-1.65 at the end); at 5e-4 it reaches ~0.27."""
    return _rate_typo(session, broken=True)


@holdout116("ornithologists", ["exploding_gradients"], stall_begins=STALL_GAIN)
def chaotic_recurrent_init(session):
    """Flight-call classifier with a 48-unit tanh SimpleRNN whose recurrent kernel is
    Orthogonal(gain=6) (the 6 of the Glorot limit sqrt(6 / fan) misread as the gain),
    Adam 2e-3: the recurrence is chaotic, gradients through the 40 frames grow exponentially
    with the lag, and the loss crawls to a floor far above the ~0.25 that gain 1 reaches."""
    return _recurrent_gain(session, broken=True)


@holdout116("ornithologists", ["loss_activation_mismatch"], stall_begins=STALL_CLUTCH)
def clutch_size_sigmoid_rate(session):
    """Clutch sizes (1-12 eggs) with a Poisson loss, but the output layer kept the sigmoid of
    the nest-success model it was copied from: the predicted rate cannot pass 1 egg, so the loss
    pins near 1.0 while an exponential output reaches about -5.2 (Keras's Poisson loss omits the
    log-factorial)."""
    return _clutch_output(session, broken=True)


# ---------------------------------------------------------------------------------------------
# entomologists


@holdout116("entomologists", healthy=True)
def moth_trap_poisson(session):
    """Weekly light-trap moth counts from night weather, moon and hedge cover, a 32-32 relu MLP
    with an exponential output and Poisson loss, Adam 2e-3, 15 epochs: the loss flattens at the
    Poisson noise of the counts, which no model can remove."""
    keras = _keras()
    x, y = _trap_counts(N, seed=11604)
    model = _mlp(keras, 5, [32, 32], 1, out_activation="exponential")
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout116("entomologists", healthy=True)
def rare_aphid_outbreaks_weighted(session):
    """Next-week aphid outbreak (about 6% of fields) from 8 readings, 32-16 relu MLP with a
    sigmoid output and binary cross-entropy, class_weight 1:8 for the outbreaks, Adam 1e-3,
    15 epochs: the weighted loss falls and levels well above zero because outbreaks are a noisy
    function of the weather."""
    keras = _keras()
    x, y = _outbreaks(N, seed=11605)
    model = _mlp(keras, 8, [32, 16], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_inputs(session, model, x, y, epochs=15, batch_size=32,
                       class_weight={0: 1.0, 1: 8.0})


@holdout116("entomologists", healthy=True)
def wingbeat_gru_step_decay(session):
    """Mosquito species from 48-sample optical wingbeat traces, a 24-unit GRU, Adam under a
    PiecewiseConstantDecay of 3e-3, 1e-3 and 3e-4 (boundaries at steps 192 and 384), 15 epochs:
    each drop in the rate gives a small step down, then a flat tail."""
    keras = _keras()
    x, y = _wingbeats(N, seed=11606)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([192, 384], [3e-3, 1e-3, 3e-4])
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.GRU(24),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout116("entomologists", ["learning_rate_too_low"])
def sgd_rate_from_adam_recipe(session):
    """Wingbeat classifier, two Conv1D blocks, SGD with momentum at 1e-5: the rate was copied
    from an Adam fine-tuning recipe. The loss stays at ln 4 ~ 1.386 for all 15 epochs; at 2e-2
    the same net reaches ~0.05."""
    return _sgd_rate_from_adam(session, broken=True)


@holdout116("entomologists", ["dead_relus"])
def sparse_bias_recipe(session):
    """Sticky-trap crops (12x12, four insect orders), a small Conv2D net whose conv and dense
    biases start at -3 (copied from a sparse-activation recipe for unnormalized images): no relu
    fires on these standardized inputs, so the loss stays at ln 4; with zero biases it reaches
    ~0.01."""
    return _negative_conv_bias(session, broken=True)


@holdout116("entomologists", ["poor_initialization"], stall_begins=STALL_CONSTANT)
def constant_init_for_reproducibility(session):
    """Four beetle pests from 10 morphometrics, 64-64 relu MLP whose kernels are all
    Constant(0.05) (set "for reproducible runs"): every unit of a layer computes the same thing
    and keeps the same weights, so the net is one unit wide and levels off near 1.03 where the
    randomly initialized net reaches ~0.1."""
    return _constant_kernel(session, broken=True)


# ---------------------------------------------------------------------------------------------
# mycologists


@holdout116("mycologists", healthy=True)
def guidebook_embeddings_custom_loop(session):
    """Edibility from four categorical traits (cap colour, gills, habitat, odour) with 10% of the
    records misidentified; one shared Embedding over the offset trait ids, a 32-unit relu layer,
    logits, trained in a custom GradientTape loop with Adam 3e-3 for 15 epochs: the loss flattens
    at the label noise."""
    keras = _keras()
    x, y = _mushroom_records(N, seed=11607, flip=0.1)
    x = x + np.cumsum((0,) + MUSHROOM_FIELDS[:-1]).astype("int32")
    model = keras.Sequential([
        keras.Input((4,), dtype="int32"),
        keras.layers.Embedding(sum(MUSHROOM_FIELDS), 8),
        keras.layers.Flatten(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(2),
    ])
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), loss, x, y,
                        epochs=15, batch_size=32, seed=11607)


SMALL_N = 160 + PROBE_SIZE


@holdout116("mycologists", healthy=True)
def small_herbarium_overfits(session):
    """Only 160 spore prints of eight genera, a 128-128 relu MLP, Adam 1e-3, batch 16 for 40
    epochs: the training loss keeps falling towards zero as the net memorizes the small set
    (overfitting, which the training loss alone does not show as a problem)."""
    keras = _keras()
    x, y = _spore_prints(SMALL_N, seed=11608)
    model = _mlp(keras, 12, [128, 128], 8)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


@holdout116("mycologists", healthy=True)
def trait_attention(session):
    """The four mushroom traits as a sequence of tokens: Embedding(16) plus a learned position,
    a 2-head self-attention layer with a residual, average pooling and a sigmoid output, Adam
    2e-3, 15 epochs, 5% misidentified records: learns which trait pairs matter and levels at
    the label noise."""
    keras = _keras()
    x, y = _mushroom_records(N, seed=11609, flip=0.05)
    x = x + np.cumsum((0,) + MUSHROOM_FIELDS[:-1]).astype("int32")
    tokens = keras.Input((4,), dtype="int32")
    h = keras.layers.Embedding(sum(MUSHROOM_FIELDS), 16)(tokens)
    h = h + keras.layers.Embedding(4, 16)(keras.ops.arange(4))
    h = h + keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    out = keras.layers.Dense(1, activation="sigmoid")(h)
    model = keras.Model(tokens, out)
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout116("mycologists", ["vanishing_gradients"])
def eight_sigmoid_layers(session):
    """Eight genera from spore prints with an 8x64 MLP of sigmoid units (the activation of an
    old textbook recipe), SGD 0.05 + momentum: the gradient shrinks ~4x per layer before it
    reaches the first layers and the loss sits at ln 8 ~ 2.08; with relu it reaches ~0.3."""
    return _sigmoid_stack(session, broken=True)


@holdout116("mycologists", ["saturated_activations"], stall_begins=16)
def positive_uniform_init(session):
    """Spore prints min-max scaled to [0, 1] into a 3x64 tanh MLP initialized RandomUniform(0, 1)
    ("weights between 0 and 1"): every pre-activation past the first layer is a sum of ~64
    positive terms, ~30, so the units sit at tanh = 1 for every input, their gradient underflows
    and the loss stays at ln 8; Glorot initialization learns."""
    return _positive_uniform_init(session, broken=True)


@holdout116("mycologists", ["non_finite_values"], stall_begins=STALL_POISSON)
def relu_rate_poisson_log(session):
    """Fruiting-body counts per plot, custom loop with a hand-written Poisson loss
    rate - y * log(rate) on a relu output (to keep the rate positive): once a plot drives the
    relu to exactly 0, log(0) = -inf, the gradient is NaN, the weights turn NaN and every later
    loss is NaN; the run keeps training to the end. A softplus output trains to ~-1.5."""
    return _handwritten_poisson(session, broken=True)


# ---------------------------------------------------------------------------------------------
# agronomists


QUANTILE = 0.9


@holdout116("agronomists", healthy=True)
def yield_quantile_90(session):
    """The 90th percentile of wheat yield anomaly (for insurance) from six standardized field
    readings, with noise that grows on high-yield plots; 64-64 relu MLP with a pinball loss,
    Adam 2e-3, 15 epochs: the pinball loss levels well above zero, set by the spread."""
    keras = _keras()
    ops = keras.ops
    z, y, _ = _field_trials(N, seed=11610)

    def pinball(targets, predictions):
        error = targets - predictions
        return ops.mean(ops.maximum(QUANTILE * error, (QUANTILE - 1.0) * error), axis=-1)

    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), pinball)
    return _fit(session, model, z, y[:, None], epochs=15, batch_size=32)


@holdout116("agronomists", healthy=True)
def soil_and_season_two_inputs(session):
    """Two inputs: 12 months of (rain, temperature) through a 16-unit LSTM and a 4-reading soil
    table through a 16-unit dense layer, concatenated into a 32-unit head, MSE, Adam 3e-3,
    15 epochs: the loss levels at the wet-year noise of the yields."""
    keras = _keras()
    weather, soil, y = _season_weather(N, seed=11611)
    w_in = keras.Input(weather.shape[1:])
    s_in = keras.Input(soil.shape[1:])
    h = keras.layers.Concatenate()([keras.layers.LSTM(16)(w_in),
                                    keras.layers.Dense(16, activation="relu")(s_in)])
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([w_in, s_in], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit_inputs(session, model, [weather, soil], y, epochs=15, batch_size=32)


@holdout116("agronomists", healthy=True)
def sgd_momentum_long_tail(session):
    """Yield anomaly regression with a 64-64 tanh MLP, SGD 0.03 with momentum 0.9, batch 64,
    20 epochs: a fast fall over the first five epochs, then a long, noisy tail that is still
    edging down at the last epoch towards the heteroscedastic noise."""
    keras = _keras()
    z, y, _ = _field_trials(N, seed=11612)
    model = _mlp(keras, 6, [64, 64], 1, activation="tanh", out_activation=None)
    model.compile(keras.optimizers.SGD(0.03, momentum=0.9), "mse")
    return _fit(session, model, z, y, epochs=20, batch_size=64)


@holdout116("agronomists", ["unnormalized_inputs"], stall_begins=STALL_RAW)
def raw_field_units(session):
    """Yield anomaly from the trial table in field units (N kg/ha ~160, rain mm ~620, growing
    degree days ~1750...) straight into a 64-64 tanh MLP, SGD 0.01 + momentum: the first layer
    saturates and the loss bounces around 2.0; standardized, the same net reaches ~0.27."""
    return _raw_field_units(session, broken=True)


@holdout116("agronomists", ["insufficient_capacity"], stall_begins=STALL_LINEAR)
def no_hidden_layer(session):
    """Yield anomaly (with a pH optimum and a nitrogen x rain interaction) from a model with no
    hidden layer, a linear regression, Adam 1e-2: it learns the linear part and flattens at
    ~1.1; two 64-unit hidden layers reach ~0.19."""
    return _no_hidden_layer(session, broken=True)


@holdout116("agronomists", ["over_regularization"], stall_begins=STALL_DROPOUT)
def keep_prob_as_rate(session):
    """Yield regression MLP ported from TF1 code with keep_prob=0.9, passed to Keras Dropout as
    rate=0.9: nine units in ten are dropped at every step and the loss levels near 1.9, where
    rate 0.1 reaches ~0.3."""
    return _keep_prob_as_rate(session, broken=True)
