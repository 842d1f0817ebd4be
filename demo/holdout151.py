"""The hundred-and-fifty-first held-out catalogue: written by someone who did not read the engine
or run the diagnosis on these runs, and scored once.

Four trades lend the data, each from its own seeded generator (seeds 15110..15144): the
nutritionists' food-diary survey (eight diary columns, standardized or in their units), the
archaeologists' excavation (radiocarbon samples, pottery sherd profiles, midden bones), the
theologians' manuscript collection (token ids of passages of four genres marked by their own
words) and the geographers' survey office (16x16 elevation patches of four landforms, a river
gauge's rain and level). Every run keeps its last PROBE_SIZE rows as the probe.

Healthy half (twelve runs, nothing to fix in the code). The nutritionists regress weekly weight
change under Student-t (df=2) diary noise with a Huber loss and a 2x64 MLP; predict a rare iron
deficiency (about 5%) with a class-weighted sigmoid output; and count snacks per day with a
Poisson loss and an exponential output in a custom GradientTape loop. The archaeologists date
charcoal whose error grows with age (heteroscedastic MSE, ReduceLROnPlateau); type sherds from
their wall profiles with a Conv1D net, a quarter of the labels random, under
PiecewiseConstantDecay; and tell species apart from 224 bones with a 2x128 MLP that memorizes
them (the loss sinks towards zero over 40 epochs). The theologians classify genres with
averaged embeddings under a warm-up-then-cosine rate; attribute scribes with one
MultiHeadAttention block against a sixth of wrong attributions; and train a GRU at a cautious
rate, which sits near chance for about six epochs before a sudden drop and is still falling at
the end. The geographers classify landforms from a survey as noisy as the relief with an
exponentially decaying rate; forecast a flood quantile of a river gauge with a GRU and the
pinball loss; and regress soil erosion from a two-input model (an elevation patch through a CNN
and three plot records through an MLP) with unrecorded storms as noise.

Broken half (eleven runs, one mistake each, every one checked against the same code without
the mistake). Nutritionists: a hypertension classifier fed the raw diary columns in kcal, mg
and minutes into tanh units (unnormalized_inputs); an HbA1c regression in a custom loop with an
L2 penalty of 1.0 copied from a recipe that averaged it over the weights (over_regularization);
and log(alcohol) targets computed with np.log over the abstainers' zeros, read in file order,
so the loss is infinite and then NaN from the first abstainer's batch on (non_finite_values).
Archaeologists: a sigmoid MLP whose kernels were initialized with RandomNormal(0.5), meant as a
standard deviation but read as the mean, so the deeper layers sit at sigmoid = 1 for every
input under SGD (saturated_activations, with poor_initialization listed second because the
initializer is where the mistake is made); a Conv1D net under RMSprop at 1.0, a scale factor
passed as the rate (learning_rate_too_high); and a relu MLP with every kernel set to
Constant(0.05), so the units of a layer never become different (poor_initialization).
Theologians: incipits padded with padding='post' in front of a tanh SimpleRNN without masking,
110 padding steps between the words and the output (vanishing_gradients); averaged embeddings
through relu layers whose biases start at -1, all of them silent from the first step
(dead_relus); and a linear output trained with binary_crossentropy, whose predictions Keras
clips to [1e-7, 1 - 1e-7] so that the loss is frozen at ~8.3 (loss_activation_mismatch).
Geographers: a landform CNN trained from scratch with a fine-tuning recipe's SGD rate of 1e-5
(learning_rate_too_low); and a one-filter "baseline" left in the config, whose loss levels off
several times above the real CNN's while still creeping down (insufficient_capacity).

Dropped: exploding_gradients, after three honest tries. A tanh SimpleRNN with recurrent kernels
drawn from RandomNormal(stddev=1.0) or 0.5 on the river gauge did stall under SGD with
momentum, but its gradient norms were only two to ten times those of the orthogonally
initialized net, more a saturated chaotic recurrence than an explosion; relu SimpleRNNs with
orthogonal gains of 1.1 to 1.3 and small SGD rates trained normally; and a six-layer relu MLP
with kernels of stddev 1.0 under Adam had gradient norms of ~1e9 but its loss kept falling by a
tenth each epoch, not a stall. The geographers therefore have five scenarios. Also changed
before keeping: RMSprop at 0.1 still learned the sherds (better than at 1e-3), so the rate was
raised to 1.0; a 60-step post-padding still let the SimpleRNN learn the incipits halfway, so it
is 110 steps; a -inf feature (log of zero in the inputs) left a finite frozen loss rather than
a non-finite one, so the log is in the target.

Labels: `expected_causes[0]` is the mistake the run was built around; a second cause is given
only for the sigmoid initializer run. `stall_begins` is the optimizer step (0-based, over the
whole run; 32 steps an epoch at batch 32) from which the broken loss stops improving, None when
it never improves. It is exact for the NaN target (step 20, the batch holding row 640 in file
order); for the raw-units classifier (2 epochs), the HbA1c penalty (6), the RMSprop rate (2),
the constant initializer (4) and the one-filter CNN (6) it was read off the epoch losses and is
approximate (marked next to the scenario). Runs labelled None (the saturated sigmoids, the
post-padded RNN, the dead relus, the clipped linear output, the fine-tuning rate) are flat or
barely creeping from the first epoch.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _standardize, registrar

FAMILIES = ('nutritionists', 'archaeologists', 'theologians', 'geographers')

REGISTRY = []
holdout151 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE
BATCH = 32
STEPS = -(-(N - PROBE_SIZE) // BATCH)  # optimizer steps per epoch at batch 32


# ---------------------------------------------------------------------------------------------
# data: a nutrition survey's food diaries, an excavation's finds, a scriptorium's manuscripts,
# a survey office's terrain patches and river gauges


def _diet(n, seed):
    """A nutrition survey: 8 standardized diary columns, the same columns in their units
    (kcal, protein g, fat g, carbohydrate g, fibre g, sodium mg, sugar g, activity min/week),
    and the generator for the target's noise."""
    rng = np.random.default_rng(seed)
    mix = np.eye(8) + 0.25 * rng.normal(size=(8, 8))
    z = rng.normal(size=(n, 8)) @ mix
    z = (z - z.mean(axis=0)) / z.std(axis=0)
    mean = np.array([2200.0, 80.0, 75.0, 260.0, 25.0, 3400.0, 90.0, 150.0])
    spread = np.array([500.0, 25.0, 25.0, 70.0, 8.0, 900.0, 35.0, 90.0])
    raw = np.maximum(z * spread + mean, 0.0)
    return z.astype("float32"), raw.astype("float32"), rng


def _sherds(n, seed, noise=0.15, label_noise=0.0):
    """Pottery sherd profiles: a vessel wall's radius at 48 heights, 4 vessel types (bowl,
    jar, amphora, plate) with jittered proportions and scanner noise; shape (n, 48, 1)."""
    rng = np.random.default_rng(seed)
    t = np.linspace(0.0, 1.0, 48)
    y = rng.integers(0, 4, size=n)
    scale = rng.uniform(0.7, 1.3, size=(n, 1))
    tt = np.clip(t[None, :] + rng.uniform(-0.1, 0.1, size=(n, 1)), 0.0, 1.0)
    curves = np.stack([
        np.sin(np.pi * 0.5 * tt),                         # bowl: opens steadily
        0.6 + 0.4 * np.sin(np.pi * tt),                  # jar: bulges, closes at the neck
        0.3 + 0.7 * np.exp(-((tt - 0.35) / 0.18) ** 2),  # amphora: high belly, long neck
        np.minimum(1.0, 4.0 * tt),                        # plate: flat after a short rise
    ])
    x = scale * curves[y, np.arange(n)] + rng.normal(0.0, noise, size=(n, 48))
    if label_noise:
        flip = rng.random(n) < label_noise
        y = np.where(flip, rng.integers(0, 4, size=n), y)
    x = (x - x.mean()) / x.std()
    return x[..., None].astype("float32"), y.astype("int32")


def _radiocarbon(n, seed):
    """Charcoal samples from a dig: depth, stratum, two isotope ratios, a soil pH and a
    burial-context code (standardized), and the calibrated age in millennia, whose
    measurement error grows with the age (older samples hold less carbon-14)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 6))
    age = 3.0 + 1.2 * x[:, 0] + 0.5 * np.tanh(2.0 * x[:, 1]) + 0.3 * x[:, 2] * x[:, 0]
    age = np.clip(age, 0.3, None)
    y = age + rng.normal(size=n) * 0.12 * age
    return x.astype("float32"), ((y - 3.0) / 1.5).astype("float32")


def _bones(n, seed, classes=4):
    """Animal bones from a midden: 12 standardized measurements (lengths, widths, ratios),
    labelled by species; the species overlap in size, so the classes touch."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(0.0, 1.1, size=(classes, 12))
    y = rng.integers(0, classes, size=n)
    size = rng.normal(0.0, 0.8, size=(n, 1))  # an animal's overall size shifts every length
    x = centres[y] + size + rng.normal(0.0, 1.0, size=(n, 12))
    return _standardize(x), y.astype("int32")


def _manuscripts(n, seed, length=40, vocab=300, label_noise=0.0):
    """Passages of a manuscript collection as token ids (0 is padding), 4 genres (psalm,
    law, prophecy, narrative): each genre uses its own 12 marker words a little more often
    than the others, over a Zipf-like background vocabulary."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, size=n)
    ranks = np.arange(1, vocab - 48)
    background = (1.0 / ranks) / np.sum(1.0 / ranks)
    x = rng.choice(ranks + 48, size=(n, length), p=background)
    markers = 1 + np.arange(48).reshape(4, 12)
    use = rng.random((n, length)) < 0.18
    own = rng.random((n, length)) < 0.7
    pick = np.where(own, markers[y][np.arange(n)[:, None], rng.integers(0, 12, (n, length))],
                    rng.integers(1, 49, size=(n, length)))
    x = np.where(use, pick, x)
    if label_noise:
        flip = rng.random(n) < label_noise
        y = np.where(flip, rng.integers(0, 4, size=n), y)
    return x.astype("int32"), y.astype("int32")


def _terrain(n, seed, size=16, noise=0.25):
    """16x16 elevation patches from a survey, 4 landforms (peak, valley, ridge, plain on a
    slope) at random positions, angles and heights, with measurement noise."""
    rng = np.random.default_rng(seed)
    g = np.linspace(-1.0, 1.0, size)
    xx, yy = np.meshgrid(g, g)
    y = rng.integers(0, 4, size=n)
    out = np.empty((n, size, size), dtype="float64")
    for i in range(n):
        cx, cy = rng.uniform(-0.5, 0.5, size=2)
        angle = rng.uniform(0.0, np.pi)
        height = rng.uniform(0.6, 1.4)
        d_line = (xx - cx) * np.sin(angle) - (yy - cy) * np.cos(angle)
        if y[i] == 0:
            z = np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / 0.15)
        elif y[i] == 1:
            z = -np.exp(-d_line ** 2 / 0.08)
        elif y[i] == 2:
            z = np.exp(-d_line ** 2 / 0.08)
        else:
            z = 0.4 * ((xx - cx) * np.cos(angle) + (yy - cy) * np.sin(angle))
        out[i] = height * z + rng.normal(0.0, noise, size=(size, size))
    return out[..., None].astype("float32"), y.astype("int32")


def _river(n, seed, length=30):
    """A river gauge: 30 days of (rainfall, level) standardized, and the next day's level;
    the level follows the rain through a slow catchment with a lag, plus gauge noise."""
    rng = np.random.default_rng(seed)
    total = length + 1 + 20
    rain = rng.gamma(0.6, 1.0, size=(n, total)) * (rng.random((n, total)) < 0.35)
    level = np.zeros((n, total))
    for t in range(3, total):
        level[:, t] = 0.85 * level[:, t - 1] + 0.25 * rain[:, t - 3] + 0.1 * rain[:, t - 2]
    level += rng.normal(0.0, 0.05, size=level.shape)
    rain, level = rain[:, 20:], level[:, 20:]
    mean, std = level.mean(), level.std()
    level = (level - mean) / std
    rain = (rain - rain.mean()) / rain.std()
    x = np.stack([rain[:, :length], level[:, :length]], axis=-1)
    return x.astype("float32"), level[:, length].astype("float32")



def _fit_weighted(session, model, x, y, *, epochs, class_weight):
    """`_fit` with a class_weight (the last PROBE_SIZE rows are the probe)."""
    probe = (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(x[:-PROBE_SIZE], y[:-PROBE_SIZE], epochs=epochs, batch_size=BATCH,
                        shuffle=True, verbose=0, class_weight=class_weight,
                        callbacks=session.callbacks(probe))
    return history.history["loss"]


def _dense_stack(keras, inputs, hidden, outputs, out_activation=None, **dense_kw):
    layers = [keras.Input((inputs,))]
    layers += [keras.layers.Dense(h, **dense_kw) for h in hidden]
    layers.append(keras.layers.Dense(outputs, activation=out_activation))
    return keras.Sequential(layers)


# ---------------------------------------------------------------------------------------------
# nutritionists: a food-diary survey


@holdout151("nutritionists", healthy=True)
def weight_change_huber(session):
    """Weekly weight change from 8 standardized food-diary columns, 2x64 relu MLP, Huber loss,
    Adam 2e-3, 25 epochs: the diaries are self-reported, so the target carries Student-t
    (df=2) noise with wild outliers; the Huber loss ignores their pull and levels off far
    above zero, at the noise."""
    keras = _keras()
    z, _, rng = _diet(N, 15110)
    y = (0.6 * z[:, 0] - 0.4 * z[:, 7] + 0.3 * z[:, 2] * z[:, 6] + 0.3 * np.tanh(z[:, 3])
         + 0.35 * rng.standard_t(2.0, size=N)).astype("float32")
    model = _dense_stack(keras, 8, [64, 64], 1, activation="relu")
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(delta=1.0))
    return _fit(session, model, z, y, epochs=25, batch_size=BATCH)


@holdout151("nutritionists", healthy=True)
def rare_deficiency_weighted(session):
    """Iron deficiency (about 5% of respondents) from the diary, 32-16 relu MLP with a sigmoid
    output and binary cross-entropy, class_weight 1:10, Adam 1e-3, 20 epochs: the weighted
    loss of a rare, partly unpredictable class stays well above zero."""
    keras = _keras()
    z, _, rng = _diet(N, 15111)
    logit = -3.6 - 1.1 * z[:, 1] - 0.8 * z[:, 4] + 0.5 * z[:, 6] + 0.4 * z[:, 1] * z[:, 4]
    y = (rng.random(N) < 1.0 / (1.0 + np.exp(-logit))).astype("float32")
    model = _dense_stack(keras, 8, [32, 16], 1, out_activation="sigmoid", activation="relu")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_weighted(session, model, z, y, epochs=20, class_weight={0: 1.0, 1: 10.0})


@holdout151("nutritionists", healthy=True)
def snack_counts_poisson(session):
    """Custom GradientTape loop: snacks eaten per day (a count, mean ~2) from the diary, 2x32
    relu MLP with an exponential output and the Poisson loss, Adam 3e-3, 20 epochs: a
    count's own Poisson noise keeps the loss far from zero; it flattens there."""
    keras = _keras()
    z, _, rng = _diet(N, 15112)
    rate = np.exp(0.6 + 0.4 * z[:, 6] - 0.3 * z[:, 4] + 0.2 * z[:, 0] * z[:, 6])
    y = rng.poisson(rate).astype("float32")[:, None]
    model = _dense_stack(keras, 8, [32, 32], 1, out_activation="exponential",
                         activation="relu")
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), keras.losses.Poisson(),
                        z, y, epochs=20, batch_size=BATCH, seed=15112)


def _hypertension_raw(session, broken):
    """Hypertension risk from the diary; broken: the raw columns in their units."""
    keras = _keras()
    z, raw, rng = _diet(N, 15113)
    logit = 1.4 * z[:, 5] + 0.8 * z[:, 0] - 0.9 * z[:, 7] + 0.6 * z[:, 2] * z[:, 5]
    y = (rng.random(N) < 1.0 / (1.0 + np.exp(-2.0 * logit))).astype("int32")
    x = raw if broken else z
    model = _dense_stack(keras, 8, [64, 64], 2, out_activation="softmax", activation="tanh")
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout151("nutritionists", ["unnormalized_inputs"], stall_begins=2 * STEPS)  # approximate
def hypertension_raw_units(session):
    """Hypertension risk from the food diary, 2x64 tanh MLP, Adam 1e-3, 15 epochs, fed the raw
    columns in their units (kcal ~2200, sodium ~3400 mg, fibre ~25 g, activity ~150 min)
    because the scaler was fitted but its output never used: every tanh unit starts pinned
    at +-1 and the loss stays near the class-balance guess (the standardized diary reaches
    well below it)."""
    return _hypertension_raw(session, broken=True)


def _hba1c_penalty(session, broken):
    """HbA1c from the diary in a custom loop; broken: L2 of 1.0 on every kernel."""
    keras = _keras()
    z, _, rng = _diet(N, 15114)
    y = (0.7 * z[:, 6] - 0.5 * z[:, 4] + 0.5 * np.sin(1.5 * z[:, 3]) + 0.4 * z[:, 0] * z[:, 7]
         + 0.2 * rng.normal(size=N)).astype("float32")[:, None]
    penalty = keras.regularizers.L2(1.0 if broken else 1e-5)
    model = _dense_stack(keras, 8, [64, 64], 1, activation="relu", kernel_regularizer=penalty)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3),
                        keras.losses.MeanSquaredError(), z, y, epochs=20, batch_size=BATCH,
                        seed=15114)


@holdout151("nutritionists", ["over_regularization"], stall_begins=6 * STEPS)  # approximate
def hba1c_penalty_per_weight(session):
    """Custom GradientTape loop: blood sugar (HbA1c, standardized) from the diary, 2x64 relu
    MLP, Adam 2e-3, 20 epochs, with L2(1.0) on every kernel, copied from a recipe whose
    penalty was averaged over the weights (Keras sums it): the penalty pins the weights near
    zero; the loss falls from the penalty's start and from about the sixth epoch only creeps,
    ten times above the lightly penalized net's."""
    return _hba1c_penalty(session, broken=True)


ABSTAINER_ROW = 640  # first abstainer in file order (the second recruitment wave)


def _alcohol_log(session, broken):
    """log(alcohol g/day) regressed on the diary; broken: np.log of the abstainers' zeros."""
    keras = _keras()
    z, _, rng = _diet(N, 15115)
    grams = np.exp(2.3 + 0.5 * z[:, 0] - 0.3 * z[:, 4] + 0.4 * rng.normal(size=N))
    grams[ABSTAINER_ROW:][rng.random(N - ABSTAINER_ROW) < 0.3] = 0.0
    with np.errstate(divide="ignore"):
        y = (np.log(grams) if broken else np.log1p(grams)).astype("float32")
    model = _dense_stack(keras, 8, [48, 48], 1, activation="relu")
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, z, y, epochs=8, batch_size=BATCH, shuffle=False)


@holdout151("nutritionists", ["non_finite_values"], stall_begins=ABSTAINER_ROW // BATCH)
def alcohol_log_of_zero(session):
    """Habitual alcohol intake, as log(g/day), regressed on the 8 diary columns, 2x48 relu MLP,
    MSE, Adam 2e-3, 8 epochs, read in file order (no shuffle): abstainers of the second
    recruitment wave (from row 640) report 0 g and np.log(0) is -inf, so the batch that first
    holds one makes the loss infinite and the weights NaN, and the loss is NaN from then on
    (np.log1p was meant)."""
    return _alcohol_log(session, broken=True)


# ---------------------------------------------------------------------------------------------
# archaeologists: an excavation's finds


@holdout151("archaeologists", healthy=True)
def radiocarbon_heteroscedastic(session):
    """Calibrated radiocarbon age from six standardized sample measurements, 2x64 relu MLP,
    MSE, Adam 3e-3 with ReduceLROnPlateau (factor 0.5, patience 2), 25 epochs: the
    measurement error grows with the sample's age, so the loss settles at that noise floor
    and the rate is halved a few times on the way."""
    keras = _keras()
    x, y = _radiocarbon(N, 15120)
    model = _dense_stack(keras, 6, [64, 64], 1, activation="relu")
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    reduce = keras.callbacks.ReduceLROnPlateau("loss", factor=0.5, patience=2, min_lr=1e-5)
    return _fit(session, model, x, y, epochs=25, batch_size=BATCH, callbacks=[reduce])


@holdout151("archaeologists", healthy=True)
def sherd_types_noisy_labels(session):
    """Vessel type from a sherd's wall profile (48 points), Conv1D 16-32 relu with pooling,
    Adam under PiecewiseConstantDecay (2e-3, then 5e-4 at step 320, 1e-4 at step 480), 20
    epochs: about a fifth of the field labels were assigned at random by a tired
    cataloguer, so the loss flattens well above zero, a step down at each rate drop."""
    keras = _keras()
    x, y = _sherds(N, 15121, label_noise=0.25)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([320, 480], [2e-3, 5e-4, 1e-4])
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=BATCH)


@holdout151("archaeologists", healthy=True)
def bone_species_small_midden(session):
    """Species from 12 measurements of the 224 bones of a small midden, 2x128 relu MLP, Adam
    1e-3, 40 epochs at batch 16: the net memorizes the few bones, so the training loss keeps
    sinking slowly towards zero although the species overlap; nothing is wrong with the
    code, there is simply little data."""
    keras = _keras()
    x, y = _bones(224 + PROBE_SIZE, 15122)
    model = _dense_stack(keras, 12, [128, 128], 4, out_activation="softmax", activation="relu")
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


def _bone_sigmoid(session, broken):
    """Bone species, 3x64 sigmoid MLP, SGD; broken: RandomNormal(0.5) kernels (mean 0.5)."""
    keras = _keras()
    x, y = _bones(N, 15123)
    init = keras.initializers.RandomNormal(0.5, seed=15123) if broken else "glorot_uniform"
    model = _dense_stack(keras, 12, [64, 64, 64], 4, out_activation="softmax",
                         activation="sigmoid", kernel_initializer=init)
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout151("archaeologists", ["saturated_activations", "poor_initialization"])
def bone_sigmoid_mean_half(session):
    """Species from 12 bone measurements, 3x64 sigmoid MLP, SGD 0.02 with momentum, 15 epochs,
    kernels initialized with keras.initializers.RandomNormal(0.5), meant as a standard
    deviation but read as the mean: every weight is ~0.5, so the second and third layers
    sum 64 positive inputs into pre-activations of ~+16 and sit at sigmoid = 1 for every
    bone; their gradient is ~1e-7 and the loss never leaves the chance level."""
    return _bone_sigmoid(session, broken=True)


def _sherd_rmsprop(session, broken):
    """Sherd types, Conv1D; broken: RMSprop at 1.0 (a scale factor passed as the rate)."""
    keras = _keras()
    x, y = _sherds(N, 15124)
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.RMSprop(1.0 if broken else 1e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


@holdout151("archaeologists", ["learning_rate_too_high"], stall_begins=2 * STEPS)  # approximate
def sherd_rmsprop_rate_one(session):
    """Vessel type from sherd profiles, Conv1D 16-32 relu, RMSprop, 12 epochs, with the rate
    set to 1.0 (a config's `lr_scale: 1.0` passed where the rate, 1e-3, was meant): the
    first epoch's loss is in the hundreds, and from the third epoch on it bounces above the
    chance level, where the same net at 1e-3 learns the four types."""
    return _sherd_rmsprop(session, broken=True)


def _bone_constant(session, broken):
    """Bone species, 3x64 relu MLP; broken: every kernel initialized to Constant(0.05)."""
    keras = _keras()
    x, y = _bones(N, 15125)
    init = keras.initializers.Constant(0.05) if broken else "he_normal"
    model = keras.Sequential([keras.Input((12,))] + [
        keras.layers.Dense(64, activation="relu", kernel_initializer=init) for _ in range(3)
    ] + [keras.layers.Dense(4, activation="softmax", kernel_initializer=init)])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout151("archaeologists", ["poor_initialization"], stall_begins=4 * STEPS)  # approximate
def bone_constant_init(session):
    """Species from 12 bone measurements, 3x64 relu MLP, Adam 1e-3, 15 epochs, every kernel
    initialized with Constant(0.05) ("small weights"): all units of a layer start identical,
    receive identical gradients and stay identical, so the net is a one-unit-wide chain and
    the loss stays far above what a randomly initialized one reaches."""
    return _bone_constant(session, broken=True)


# ---------------------------------------------------------------------------------------------
# theologians: a manuscript collection


@holdout151("theologians", healthy=True)
def genre_embedding_warmup_cosine(session):
    """Genre of a 40-token passage, Embedding(300, 16) averaged by GlobalAveragePooling1D and a
    32-unit relu layer, Adam under CosineDecay with a linear warm-up (0 to 3e-3 over 64
    steps, then cosine to 0 at step 640), 20 epochs: fast early, then the loss flattens as
    the rate goes to zero, at the level the overlapping marker words allow."""
    keras = _keras()
    x, y = _manuscripts(N, 15130)
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, decay_steps=640 - 64, warmup_target=3e-3, warmup_steps=64)
    model = keras.Sequential([
        keras.Input((40,), dtype="int32"),
        keras.layers.Embedding(300, 16),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=BATCH)


@holdout151("theologians", healthy=True)
def scribe_attention_noisy_attribution(session):
    """Which of 4 scribal traditions copied a passage, Embedding(300, 16) plus one
    MultiHeadAttention block (2 heads, key_dim 8, residual and LayerNormalization), average
    pooling and a softmax, Adam 1e-3, 15 epochs: a sixth of the attributions in the old
    catalogue are wrong, so the loss levels off well above zero."""
    keras = _keras()
    x, y = _manuscripts(N, 15131, label_noise=0.2)
    tokens = keras.Input((40,), dtype="int32")
    h = keras.layers.Embedding(300, 16)(tokens)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    out = keras.layers.Dense(4, activation="softmax")(h)
    model = keras.Model(tokens, out)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout151("theologians", healthy=True)
def genre_gru_slow(session):
    """Genre of a 40-token passage with Embedding(300, 16) and GRU(16), Adam 4e-4, 12 epochs: a
    cautious rate, so the loss sits near the chance level for about six epochs while the
    recurrent state finds the marker words, then drops quickly and is still falling when
    the run ends; correct, just slow and not finished."""
    keras = _keras()
    x, y = _manuscripts(N, 15132)
    model = keras.Sequential([
        keras.Input((40,), dtype="int32"),
        keras.layers.Embedding(300, 16),
        keras.layers.GRU(16),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(4e-4), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


def _incipit_padding(session, broken):
    """Scriptorium from a 10-token incipit padded to 120; broken: padding='post'."""
    keras = _keras()
    x10, y = _manuscripts(N, 15133, length=10)
    pad = np.zeros((N, 110), dtype="int32")
    x = np.concatenate([x10, pad] if broken else [pad, x10], axis=1)
    model = keras.Sequential([
        keras.Input((120,), dtype="int32"),
        keras.layers.Embedding(300, 16),
        keras.layers.SimpleRNN(32),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


@holdout151("theologians", ["vanishing_gradients"])
def incipit_post_padding(session):
    """Scriptorium of a manuscript from its 10-token incipit, Embedding(300, 16) and a tanh
    SimpleRNN(32) without masking, Adam 2e-3, 12 epochs, with the incipits padded to 120
    tokens with padding='post' (pad_sequences' default is 'pre'): the words are followed by
    110 padding steps, the gradient from the last step fades over them before it reaches a
    word, and the loss stays at the chance level."""
    return _incipit_padding(session, broken=True)


def _canonical_bias(session, broken):
    """Bag of embeddings with two relu layers; broken: their biases start at -1."""
    keras = _keras()
    x, y = _manuscripts(N, 15134)
    bias = keras.initializers.Constant(-1.0) if broken else "zeros"
    model = keras.Sequential([
        keras.Input((40,), dtype="int32"),
        keras.layers.Embedding(300, 16),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(64, activation="relu", bias_initializer=bias),
        keras.layers.Dense(64, activation="relu", bias_initializer=bias),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


@holdout151("theologians", ["dead_relus"])
def genre_relu_bias_minus_one(session):
    """Genre of a passage from averaged word embeddings through two 64-unit relu layers, Adam
    1e-3, 12 epochs, their biases initialized to -1 (a sparse-coding recipe's habit): the
    averaged embeddings are ~0.05 in size, so every pre-activation is about -1, every relu
    outputs 0 for every passage, no gradient reaches the embeddings and the loss stays at
    the chance level."""
    return _canonical_bias(session, broken=True)


def _canonical_logits(session, broken):
    """Canonical or not; broken: a linear output trained with binary_crossentropy."""
    keras = _keras()
    x, genre = _manuscripts(N, 15135)
    y = (genre < 2).astype("float32")
    model = keras.Sequential([
        keras.Input((40,), dtype="int32"),
        keras.layers.Embedding(300, 16),
        keras.layers.Conv1D(32, 3, activation="relu"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(1, activation=None if broken else "sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


@holdout151("theologians", ["loss_activation_mismatch"])
def canonical_linear_output_bce(session):
    """Whether a passage belongs to the canonical books, Embedding(300, 16), Conv1D(32, 3)
    relu and global max pooling, Adam 1e-3, 12 epochs, with a linear Dense(1) output but
    loss='binary_crossentropy' (from_logits defaults to False): Keras clips the raw output
    to [1e-7, 1 - 1e-7] before the log, so every output outside that range gets no
    gradient and the loss stays high."""
    return _canonical_logits(session, broken=True)


# ---------------------------------------------------------------------------------------------
# geographers: a survey office's terrain and river gauges


def _terrain_cnn(keras, filters=(8, 16), dense=32):
    layers = [keras.Input((16, 16, 1))]
    for i, f in enumerate(filters):
        layers.append(keras.layers.Conv2D(f, 3, activation="relu", padding="same"))
        layers.append(keras.layers.MaxPooling2D() if i < len(filters) - 1
                      else keras.layers.GlobalAveragePooling2D())
    if dense:
        layers.append(keras.layers.Dense(dense, activation="relu"))
    layers.append(keras.layers.Dense(4, activation="softmax"))
    return keras.Sequential(layers)


@holdout151("geographers", healthy=True)
def landform_noisy_survey(session):
    """Landform (peak, valley, ridge, slope) of a 16x16 elevation patch from an old, noisy
    survey (noise as large as the relief), Conv2D 8-16 relu CNN, Adam under ExponentialDecay
    (2e-3, x0.5 every 192 steps), 15 epochs: the noisiest patches cannot be told apart and
    the loss flattens above zero while the rate decays."""
    keras = _keras()
    x, y = _terrain(N, 15140, noise=0.9)
    schedule = keras.optimizers.schedules.ExponentialDecay(2e-3, 192, 0.5)
    model = _terrain_cnn(keras)
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


def _pinball(tau):
    def loss(y_true, y_pred):
        import keras

        error = keras.ops.reshape(y_true, (-1, 1)) - y_pred
        return keras.ops.mean(keras.ops.maximum(tau * error, (tau - 1.0) * error), axis=-1)

    return loss


@holdout151("geographers", healthy=True)
def flood_quantile_gru(session):
    """Tomorrow's river level at the 90th percentile (a flood-warning quantile) from 30 days of
    rain and level, GRU(16) and the pinball loss at tau=0.9, Adam 3e-3, 12 epochs: the
    quantile loss of a noisy gauge cannot reach zero; it flattens at the noise."""
    keras = _keras()
    x, y = _river(N, 15141)
    model = keras.Sequential([keras.Input((30, 2)), keras.layers.GRU(16), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), _pinball(0.9))
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


@holdout151("geographers", healthy=True)
def erosion_two_inputs(session):
    """Soil erosion of a plot from two inputs, its 16x16 elevation patch (a small CNN) and
    three standardized plot records (rainfall, soil cover, clay fraction, an MLP), joined and
    regressed with MSE, Adam 2e-3, 15 epochs: erosion also depends on storms nobody
    recorded, so the loss levels off at that noise."""
    keras = _keras()
    patches, _ = _terrain(N, 15142, noise=0.2)
    rng = np.random.default_rng(15142)
    plots = rng.normal(size=(N, 3)).astype("float32")
    relief = patches.reshape(N, -1).std(axis=1)
    relief = (relief - relief.mean()) / relief.std()
    y = (0.6 * relief + 0.5 * plots[:, 0] - 0.4 * plots[:, 1] + 0.3 * relief * plots[:, 0]
         + 0.4 * rng.normal(size=N)).astype("float32")
    image = keras.Input((16, 16, 1))
    table = keras.Input((3,))
    h = keras.layers.Conv2D(8, 3, activation="relu", padding="same")(image)
    h = keras.layers.MaxPooling2D()(h)
    h = keras.layers.Conv2D(16, 3, activation="relu", padding="same")(h)
    h = keras.layers.GlobalAveragePooling2D()(h)
    t = keras.layers.Dense(16, activation="relu")(table)
    h = keras.layers.Concatenate()([h, t])
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([image, table], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    probe = ([patches[-PROBE_SIZE:], plots[-PROBE_SIZE:]], y[-PROBE_SIZE:])
    history = model.fit([patches[:-PROBE_SIZE], plots[:-PROBE_SIZE]], y[:-PROBE_SIZE],
                        epochs=15, batch_size=BATCH, shuffle=True, verbose=0,
                        callbacks=session.callbacks(probe))
    return history.history["loss"]


def _landform_sgd(session, broken):
    """Landform CNN with SGD+momentum; broken: a fine-tuning rate of 1e-5."""
    keras = _keras()
    x, y = _terrain(N, 15143)
    model = _terrain_cnn(keras)
    model.compile(keras.optimizers.SGD(1e-5 if broken else 2e-2, momentum=0.9),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


@holdout151("geographers", ["learning_rate_too_low"])
def landform_finetuning_rate(session):
    """Landform of an elevation patch, Conv2D 8-16 relu CNN trained from scratch with SGD and
    momentum 0.9 at 1e-5, the rate of the fine-tuning recipe it was copied from (2e-2 is
    right from scratch), 12 epochs: the weights barely move and the loss stays at the
    chance level."""
    return _landform_sgd(session, broken=True)


def _landform_one_filter(session, broken):
    """Landform CNN; broken: a single 3x3 filter straight into global average pooling."""
    keras = _keras()
    x, y = _terrain(N, 15144)
    model = (_terrain_cnn(keras, filters=(1,), dense=0) if broken
             else _terrain_cnn(keras))
    model.compile(keras.optimizers.Adam(1e-2), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout151("geographers", ["insufficient_capacity"], stall_begins=6 * STEPS)  # approximate
def landform_one_filter(session):
    """Landform of an elevation patch from a "baseline" left in the config, one 3x3 relu filter
    averaged over the patch into a softmax, Adam 3e-3, 12 epochs: one number per patch
    cannot separate a ridge from a valley at every angle; the loss falls for about six epochs
    and then only creeps, several times above the two-layer CNN's."""
    return _landform_one_filter(session, broken=True)
