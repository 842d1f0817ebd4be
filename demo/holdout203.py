"""The two-hundred-and-third held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades give the data. The thatch rakers judge roofs and reed bundles (tabular MLPs); the
cider tasters read fermentation logs and colour spectra (GRU, LSTM, SimpleRNN, Conv1D and
sigmoid MLPs); the bark strippers sort 12x12 grey patches of bark (small Conv2D nets); the
besom binders quote binding times and grade brooms from twig kinds (custom GradientTape loops,
embeddings, a two-input model, self-attention). All data are synthetic, from seeds 20301-20342.

Healthy half (twelve runs, nothing to fix): roof life under Student-t survey noise with a
Huber loss; noisy reed grades on SGD with a PiecewiseConstantDecay staircase; rare roof leaks
(6%) with class_weight; a GRU on ferment curves with ReduceLROnPlateau; an LSTM memorising
only 192 tasted batches; airlock bubble counts with an exponential head and Poisson loss; a
bark CNN with 15% wrong labels on warm-up-then-cosine; bark thickness with noise that grows
with the target; a CNN on 160 patches that keeps improving for 40 epochs; a custom loop with a
pinball (q=0.9) loss on gamma-skewed binding times; a two-input embedding regression with
tester noise; and a self-attention style classifier with 10% guessed labels. Each flattens
well above zero, or keeps falling slowly, because of the data or the schedule.

Broken half (twelve runs, one per cause, each a code mistake; each helper `_x(session,
broken)` was trained both ways with Session(None) and the broken loss stalls well above the
fixed one): an SGD rate typed as 1e-5 instead of 1e-2; survey columns in raw units (cm^2,
days); l2(1.0) on every hidden layer; ten stacked sigmoid Conv1D layers; a SimpleRNN whose
recurrent kernel was drawn with stddev 2.0 under SGD without clipping (finite but bouncing);
8-bit transmittance counts fed to a sigmoid MLP on SGD, pinning its units; conv biases
initialised to -3 so no relu ever fires; a millimetre regression under a sigmoid head; conv
kernels initialised to zeros; np.log of targets that contain zeros (NaN from the first such
batch, the loop runs on); RMSprop at 0.3; and a "hidden" stack built with activation=None on
an XOR-like task.

Dropped or changed because they did not behave as intended: the loss/activation mismatch was
first a one-unit softmax under binary cross-entropy, then a softmax head under
from_logits=True; Keras 3 silently uses the layer's logits in both and they trained normally.
The exploding RNN first used stddev 1.0 with Adam 1e-3 (and 40 steps): Adam's normalisation
let it keep learning slowly, so it became stddev 2.0 with SGD+momentum. The saturated sigmoid
MLP first ran on Adam with absorbance counts: Adam's sign-like steps moved the units out of
saturation and it learned (better than the scaled version), so it became SGD on transmittance
counts, where every first-layer unit sits at a zero slope.

Labels: `expected_causes[0]` is the root cause the scenario was built around (only one is
given). `stall_begins` is the optimizer step (0-based, over the whole run, 32 steps per epoch
at batch 32) from which the broken loss stops improving, None when it never improves. The
values for the raw-unit roofs (160), the l2(1.0) reed grades (224), the exploding RNN (64),
the sigmoid-head thickness (32) and the RMSprop 0.3 grades (32, after the first epoch's
blow-up) are approximate, read off the epoch losses; the others are None."""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('thatch_rakers', 'cider_tasters', 'bark_strippers', 'besom_binders')

REGISTRY = []
holdout203 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE
STEPS_32 = 1024 // 32  # optimizer steps per epoch at batch size 32
STALL_SIGMOID = 32  # approximate: the head saturates within the first epoch


# ---------------------------------------------------------------------------------------------
# data: a thatcher's roofs, a cider-maker's fermentations, a bark-stripper's patches, a
# besom-binder's brooms


def _thatch(n, seed, noise=0.3, tail=None):
    """Six standardized roof measurements and a thatch's remaining life (years, centred)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 6)).astype("float32")
    y = (np.sin(1.5 * x[:, 0]) + 0.8 * x[:, 1] * x[:, 2] - 0.5 * x[:, 3] ** 2
         + 0.6 * np.tanh(2 * x[:, 4]) + 0.3 * x[:, 5])
    if tail is None:
        y = y + noise * rng.normal(size=n)
    else:
        y = y + noise * rng.standard_t(tail, size=n)
    return x, y.astype("float32").reshape(-1, 1)


def _reed_grade(n, seed, flip=0.0, classes=3):
    """Reed bundles graded into `classes` by a nonlinear rule; `flip` of the grades are wrong."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 8)).astype("float32")
    score = np.sin(2 * x[:, 0]) + x[:, 1] * x[:, 2] + 0.7 * x[:, 3] - 0.4 * x[:, 4] ** 2
    edges = np.quantile(score, np.linspace(0, 1, classes + 1)[1:-1])
    y = np.digitize(score, edges)
    wrong = rng.random(n) < flip
    y[wrong] = rng.integers(0, classes, size=wrong.sum())
    return x, y.astype("int32")


def _fermentation(n, seed, length=24, noise=0.1):
    """Daily gravity/temperature readings of a cider's ferment; target: final dryness."""
    rng = np.random.default_rng(seed)
    rate = rng.uniform(0.05, 0.3, size=(n, 1))
    temp = rng.normal(size=(n, 1))
    t = np.arange(length)[None, :]
    gravity = np.exp(-rate * t) + noise * rng.normal(size=(n, length))
    warmth = temp + 0.3 * rng.normal(size=(n, length))
    x = np.stack([gravity, warmth], axis=-1).astype("float32")
    y = (3 * rate[:, 0] + 0.3 * temp[:, 0] * rate[:, 0] * 3).astype("float32")
    return x, y


def _bark(n, seed, size=12, classes=4, flip=0.0):
    """Grey-scale bark patches of `classes` textures (stripes at angles, blotches), in [0, 1]."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:size, 0:size] / size
    y = rng.integers(0, classes, size=n)
    images = np.empty((n, size, size, 1), dtype="float32")
    for i in range(n):
        phase = rng.uniform(0, 2 * np.pi)
        freq = rng.uniform(2.5, 4.0) * np.pi
        angle = y[i] * np.pi / classes + rng.normal(0, 0.1)
        wave = np.sin(freq * (np.cos(angle) * xx + np.sin(angle) * yy) * 2 + phase)
        images[i, :, :, 0] = 0.5 + 0.35 * wave + 0.15 * rng.normal(size=(size, size))
    wrong = rng.random(n) < flip
    y[wrong] = rng.integers(0, classes, size=wrong.sum())
    return np.clip(images, 0, 1), y.astype("int32")


def _brooms(n, seed, kinds=12, length=10):
    """Brooms as `length` twig-kind ids plus two numeric features; target: a sweep score."""
    rng = np.random.default_rng(seed)
    twigs = rng.integers(0, kinds, size=(n, length))
    stiffness = np.linspace(-1, 1, kinds)[rng.permutation(kinds)]
    numeric = rng.normal(size=(n, 2)).astype("float32")
    mean_stiff = stiffness[twigs].mean(axis=1)
    y = 2 * mean_stiff + np.abs(numeric[:, 0]) * 0.7 - 0.4 * numeric[:, 1] * mean_stiff
    return twigs.astype("int32"), numeric, y.astype("float32")


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, callbacks=()):
    """model.fit for a multi-input model: the last PROBE_SIZE rows are the probe."""
    train = [a[:-PROBE_SIZE] for a in inputs]
    probe = ([a[-PROBE_SIZE:] for a in inputs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        verbose=0, callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# thatch_rakers: tabular MLPs on roofs and reed bundles


@holdout203("thatch_rakers", healthy=True)
def thatch_life_heavy_tailed(session):
    """A thatcher predicts a roof's remaining life from six measurements; the surveys' errors are
    heavy-tailed (Student-t, 2 degrees of freedom), so a 2x64 relu MLP trained with Huber loss
    and Adam 2e-3 flattens well above zero: the outliers cannot be fitted."""
    keras = _keras()
    x, y = _thatch(N, seed=20301, noise=0.6, tail=2)
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(delta=1.0))
    return _fit(session, model, x, y, epochs=25, batch_size=32)


@holdout203("thatch_rakers", healthy=True)
def reed_grades_noisy_step_decay(session):
    """Reed bundles are graded into three classes, but a fifth of the grades written in the
    yard book are random. A 2x48 relu MLP with SGD+momentum on a PiecewiseConstantDecay
    schedule (0.05, then 0.01 after 320 steps, then 0.002 after 640) drops in steps and
    flattens near the noise floor."""
    keras = _keras()
    x, y = _reed_grade(N, seed=20302, flip=0.2)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([320, 640], [0.05, 0.01, 0.002])
    model = _mlp(keras, 8, [48, 48], 3)
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=30, batch_size=32)


@holdout203("thatch_rakers", healthy=True)
def roof_leaks_rare(session):
    """Which roofs will leak this winter: only about 6% do. A 32-16 relu MLP with a sigmoid
    output, binary cross-entropy, Adam 1e-3 and class_weight {0: 1, 1: 8}; the weighted loss
    falls slowly and stays well above zero because the leak is only partly predictable."""
    keras = _keras()
    rng = np.random.default_rng(20303)
    x = rng.normal(size=(N, 6)).astype("float32")
    logit = 1.4 * x[:, 0] - 1.0 * x[:, 1] * x[:, 2] + 0.8 * np.abs(x[:, 3]) - 4.0
    y = (rng.random(N) < 1 / (1 + np.exp(-logit))).astype("float32").reshape(-1, 1)
    model = _mlp(keras, 6, [32, 16], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_weighted(session, model, x, y, epochs=25, batch_size=32,
                         class_weight={0: 1.0, 1: 8.0})


def _fit_weighted(session, model, x, y, *, epochs, batch_size, class_weight):
    """_fit with a class_weight: the last PROBE_SIZE rows are the probe."""
    probe = (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(x[:-PROBE_SIZE], y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        verbose=0, class_weight=class_weight, callbacks=session.callbacks(probe))
    return history.history["loss"]


def _sgd_too_low(session, broken):
    keras = _keras()
    x, y = _thatch(N, seed=20304, noise=0.2)
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.SGD(1e-5 if broken else 1e-2, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout203("thatch_rakers", ["learning_rate_too_low"], stall_begins=None)
def thatch_life_sgd_crawl(session):
    """The roof-life regression (2x64 relu MLP, MSE) with SGD+momentum at 1e-5: the notebook
    said 'lr = 1e-2' and the rate was typed from a different cell. The loss barely moves from
    its starting value over 640 steps; at 1e-2 the same model reaches a small fraction of it."""
    return _sgd_too_low(session, broken=True)


def _raw_roofs(session, broken):
    keras = _keras()
    rng = np.random.default_rng(20305)
    area_cm2 = rng.uniform(2e5, 2e6, size=N)          # roof area in square centimetres
    pitch_deg = rng.uniform(35, 60, size=N)
    age_days = rng.uniform(0, 12000, size=N)
    rain_mm = rng.uniform(500, 2000, size=N)
    z = np.stack([(area_cm2 - 1.1e6) / 5e5, (pitch_deg - 47) / 7, (age_days - 6000) / 3500,
                  (rain_mm - 1250) / 430], axis=1)
    y = (np.sin(2 * z[:, 2]) + 0.8 * z[:, 1] * z[:, 3] - 0.5 * z[:, 0] ** 2
         + 0.1 * rng.normal(size=N)).astype("float32").reshape(-1, 1)
    x = np.stack([area_cm2, pitch_deg, age_days, rain_mm], axis=1).astype("float32")
    if not broken:
        x = _standardize(x)
    model = _mlp(keras, 4, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=25, batch_size=32)


@holdout203("thatch_rakers", ["unnormalized_inputs"], stall_begins=160)  # approximate
def roof_survey_raw_units(session):
    """Roof wear from four survey columns fed in their raw units (area in cm^2 ~1e6, age in
    days ~1e4, rainfall in mm, pitch in degrees): the standardization step was skipped. A
    2x64 relu MLP with Adam 1e-3 starts with huge outputs (loss ~1e10), falls for five epochs
    and then hangs around 1e4, creeping down only slowly; standardized, the same model fits
    the interactions to ~0.04."""
    return _raw_roofs(session, broken=True)


def _reed_l2(session, broken):
    keras = _keras()
    x, y = _reed_grade(N, seed=20306)
    reg = keras.regularizers.l2(1.0 if broken else 1e-4)
    model = _mlp(keras, 8, [64, 64], 3, kernel_regularizer=reg)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout203("thatch_rakers", ["over_regularization"], stall_begins=224)  # approximate
def reed_grades_l2_one(session):
    """The clean reed-grading task (2x64 relu MLP, Adam 2e-3) with kernel_regularizer=l2(1.0)
    on every hidden layer: the recipe said 'l2 1e-0' for a tiny model's final layer and it was
    applied everywhere. The penalty pins the weights near zero; the loss flattens near the
    three-class chance level (ln 3) once the penalty has shrunk them, after ~7 epochs."""
    return _reed_l2(session, broken=True)


# ---------------------------------------------------------------------------------------------
# cider_tasters: a cider house's fermentation logs and tasting spectra


@holdout203("cider_tasters", healthy=True)
def ferment_gru_reduce_on_plateau(session):
    """Final dryness of a cider from 24 daily gravity/temperature readings, noisy hydrometer
    readings. GRU(16) + Dense(1), MSE, Adam 3e-3 with ReduceLROnPlateau (factor 0.3,
    patience 2) on the training loss: the rate drops twice and the loss settles at the noise."""
    keras = _keras()
    x, y = _fermentation(N, seed=20311, noise=0.15)
    y = y + 0.1 * np.random.default_rng(20312).normal(size=N).astype("float32")
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(16),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    plateau = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=2, min_lr=1e-5)
    return _fit(session, model, x, y, epochs=20, batch_size=32, callbacks=[plateau])


@holdout203("cider_tasters", healthy=True)
def tasting_notes_small_lstm(session):
    """Only 192 tasted batches: sweet/dry/sharp/flat from the ferment curves. An LSTM(24)
    classifier with Adam 3e-3 memorises the small set; the training loss keeps falling
    towards zero over 40 epochs (overfitting, as expected with so little data)."""
    keras = _keras()
    x, yv = _fermentation(192 + PROBE_SIZE, seed=20313, noise=0.2)
    y = np.digitize(yv, np.quantile(yv, [0.25, 0.5, 0.75])).astype("int32")
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(24),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


@holdout203("cider_tasters", healthy=True)
def bubbles_poisson_conv1d(session):
    """Bubbles per minute in the airlock (a count) from the ferment curve: Conv1D(16, 3) x2,
    global pooling, Dense(1, exponential), Poisson loss, Adam 2e-3. Counts are Poisson, so the
    loss flattens at the Poisson noise, far from zero."""
    keras = _keras()
    x, yv = _fermentation(N, seed=20314, noise=0.1)
    rng = np.random.default_rng(20315)
    y = rng.poisson(np.exp(0.5 + 1.2 * yv)).astype("float32").reshape(-1, 1)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 3, activation="relu", padding="same"),
        keras.layers.Conv1D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(1, activation="exponential"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _deep_sigmoid_conv(session, broken):
    keras = _keras()
    x, yv = _fermentation(N, seed=20316, noise=0.1)
    y = np.digitize(yv, np.quantile(yv, [1 / 3, 2 / 3])).astype("int32")
    act = "sigmoid" if broken else "relu"
    layers = [keras.Input(x.shape[1:])]
    layers += [keras.layers.Conv1D(16, 3, activation=act, padding="same") for _ in range(10)]
    layers += [keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(3, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout203("cider_tasters", ["vanishing_gradients"], stall_begins=None)
def ferment_ten_sigmoid_convs(session):
    """Dry/medium/sweet from the ferment curve with ten stacked Conv1D(16, 3) layers, all
    with activation='sigmoid' (an old tutorial's choice), SGD+momentum 0.05. The gradient
    shrinks by each sigmoid's quarter-slope on the way down and the loss stays at the
    three-class chance level; with relu the same stack learns."""
    return _deep_sigmoid_conv(session, broken=True)


def _rnn_recurrent_scale(session, broken):
    keras = _keras()
    rng = np.random.default_rng(20317)
    x = rng.normal(size=(N, 30, 1)).astype("float32")
    y = (x[:, -8:, 0].mean(axis=1) * 2 + 0.5 * x[:, -3:, 0].sum(axis=1) ** 2 / 3)
    y = y.astype("float32").reshape(-1, 1)
    init = keras.initializers.RandomNormal(stddev=2.0) if broken else "orthogonal"
    model = keras.Sequential([keras.Input((30, 1)),
                              keras.layers.SimpleRNN(32, recurrent_initializer=init),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout203("cider_tasters", ["exploding_gradients"], stall_begins=64)  # approximate
def cellar_temps_rnn_wild_recurrence(session):
    """Cellar temperature log (30 hourly steps) to a tasting score that depends on the last
    hours; SimpleRNN(32, tanh) trained with SGD 0.01 + momentum 0.9 and no clipping, with
    recurrent_initializer=RandomNormal(stddev=2.0) copied from a dense-layer snippet instead
    of the orthogonal default. The recurrence has a spectral radius near 11: back-propagated
    gradients grow step after step, the updates throw the weights about and the loss bounces
    around 0.9-1.0 without improving (finite throughout); with the default initializer the
    same run fits to ~0.03."""
    return _rnn_recurrent_scale(session, broken=True)


def _spectra(session, broken):
    keras = _keras()
    rng = np.random.default_rng(20318)
    wl = np.linspace(0, 1, 32)
    hue = rng.uniform(0.2, 0.8, size=(N, 1))
    depth = rng.uniform(0.3, 1.0, size=(N, 1))
    absorb = depth * np.exp(-((wl[None, :] - hue) ** 2) / 0.02) + 0.05 * rng.normal(size=(N, 32))
    counts = np.clip(255 * (1 - 0.6 * absorb), 0, 255).astype("float32")  # 8-bit transmittance
    y = (hue[:, 0] > 0.5).astype("int32") + (depth[:, 0] > 0.65).astype("int32") * 2
    x = counts if broken else counts / 255.0
    model = _mlp(keras, 32, [64, 32], 4, activation="sigmoid")
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout203("cider_tasters", ["saturated_activations"], stall_begins=None)
def colour_spectra_sigmoid_counts(session):
    """A cider's colour class from a 32-band transmittance spectrum, fed as the meter's raw
    8-bit counts (mostly 150-255) because the '/ 255' line was dropped, into a 64-32 sigmoid
    MLP trained with SGD 0.05 + momentum. The first layer's pre-activations are in the
    hundreds, its sigmoids sit at 0 or 1 with a zero slope that SGD cannot climb out of, and
    the loss stays at the four-class chance level; scaled to [0, 1] the same model learns."""
    return _spectra(session, broken=True)


# ---------------------------------------------------------------------------------------------
# bark_strippers: small CNNs on 12x12 patches of bark


def _bark_cnn(keras, classes, out_activation="softmax", **conv_kw):
    return keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same", **conv_kw),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", **conv_kw),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(classes, activation=out_activation),
    ])


@holdout203("bark_strippers", healthy=True)
def bark_textures_warmup_cosine(session):
    """A stripper sorts bark patches into four grain directions; 15% of the sorted labels are
    mistakes. Small CNN, Adam on a schedule with 100 warm-up steps to 3e-3 then cosine decay
    over the run: slow start, steady fall, flattening at the label-noise floor."""
    keras = _keras()
    x, y = _bark(N, seed=20321, flip=0.15)
    schedule = keras.optimizers.schedules.CosineDecay(
        1e-4, decay_steps=20 * STEPS_32 - 100, warmup_target=3e-3, warmup_steps=100)
    model = _bark_cnn(keras, 4)
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout203("bark_strippers", healthy=True)
def bark_thickness_heteroscedastic(session):
    """Bark thickness (mm, centred) from a patch: thicker bark is measured less precisely, so
    the noise grows with the target. Small CNN with a linear output, MSE, Adam 2e-3: the loss
    flattens at the noise variance, well above zero."""
    keras = _keras()
    x, grain = _bark(N, seed=20322)
    rng = np.random.default_rng(20323)
    thick = 0.6 * grain + x.mean(axis=(1, 2, 3)) * 4
    thick = (thick - thick.mean()) / thick.std()
    y = (thick + (0.2 + 0.3 * np.abs(thick)) * rng.normal(size=N)).astype("float32")
    model = _bark_cnn(keras, 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y.reshape(-1, 1), epochs=20, batch_size=32)


@holdout203("bark_strippers", healthy=True)
def bark_few_patches_overfit(session):
    """Only 160 labelled patches from one tree. The small CNN (Adam 3e-3, batch 16) keeps
    driving its training loss down for all 40 epochs, slowly at first: small data, long
    convergence, no mistake in the code."""
    keras = _keras()
    x, y = _bark(160 + PROBE_SIZE, seed=20324, flip=0.1)
    model = _bark_cnn(keras, 4)
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


def _bark_dead(session, broken):
    keras = _keras()
    x, y = _bark(N, seed=20325)
    bias = keras.initializers.Constant(-3.0 if broken else 0.0)
    model = _bark_cnn(keras, 4, bias_initializer=bias)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout203("bark_strippers", ["dead_relus"], stall_begins=None)
def bark_conv_negative_bias(session):
    """Bark grain classifier whose two relu Conv2D layers were given
    bias_initializer=Constant(-3.0) (a 'start sparse' trick misremembered from a paper): on
    inputs in [0, 1] every conv unit starts below zero and never fires, no gradient reaches
    the filters, and the loss stays at chance; with zero biases it learns."""
    return _bark_dead(session, broken=True)


def _bark_sigmoid_head(session, broken):
    keras = _keras()
    x, grain = _bark(N, seed=20326)
    rng = np.random.default_rng(20328)
    thickness_mm = 3.0 + 2.0 * grain + 0.3 * rng.normal(size=N)
    model = _bark_cnn(keras, 1, out_activation="sigmoid" if broken else None)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, thickness_mm.astype("float32").reshape(-1, 1),
                epochs=12, batch_size=32)


@holdout203("bark_strippers", ["loss_activation_mismatch"], stall_begins=STALL_SIGMOID)
def bark_thickness_sigmoid_head(session):
    """Bark thickness in millimetres (3 to 9 mm) regressed with MSE by the bark CNN whose head
    kept Dense(1, activation='sigmoid') from the rot classifier it was copied from: the
    prediction can never exceed 1 mm, the output saturates at 1 and the loss flattens at
    about the mean squared distance of the targets from 1; with a linear head it fits. (Two
    first versions were dropped because Keras 3 repairs them silently: a one-unit softmax
    under binary cross-entropy, and a softmax head under from_logits=True.)"""
    return _bark_sigmoid_head(session, broken=True)


def _bark_zero_init(session, broken):
    keras = _keras()
    x, y = _bark(N, seed=20327)
    kw = {"kernel_initializer": "zeros"} if broken else {}
    model = _bark_cnn(keras, 4, **kw)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout203("bark_strippers", ["poor_initialization"], stall_begins=None)
def bark_conv_zero_kernels(session):
    """The bark grain CNN with kernel_initializer='zeros' on both conv layers (set while
    making the run 'deterministic'): every filter is identical and zero, the relus output
    zeros and no gradient reaches the filters, so the loss stays at chance."""
    return _bark_zero_init(session, broken=True)


# ---------------------------------------------------------------------------------------------
# besom_binders: custom loops, embeddings and attention on brooms of twigs


@holdout203("besom_binders", healthy=True)
def binding_time_quantile_loop(session):
    """The 90th percentile of a besom's binding time (for quoting delivery dates), from six
    features, with right-skewed (gamma) noise. Custom GradientTape loop, 2x32 relu MLP,
    pinball loss at q=0.9, Adam 2e-3: the loss flattens at the quantile loss of the noise."""
    keras = _keras()
    x, y = _thatch(N, seed=20331, noise=0.0)
    y = y + np.random.default_rng(20332).gamma(2.0, 0.4, size=(N, 1)).astype("float32")
    model = _mlp(keras, 6, [32, 32], 1, out_activation=None)

    def pinball(y_true, y_pred, q=0.9):
        err = y_true - y_pred
        return keras.ops.mean(keras.ops.maximum(q * err, (q - 1) * err))

    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), pinball, x, y,
                        epochs=20, batch_size=32, seed=20333, loss_description="pinball q=0.9")


def _broom_model(keras, kinds=12, length=10, activation="relu"):
    twigs = keras.Input((length,), dtype="int32")
    numeric = keras.Input((2,))
    emb = keras.layers.Embedding(kinds, 8)(twigs)
    pooled = keras.layers.GlobalAveragePooling1D()(emb)
    h = keras.layers.Concatenate()([pooled, numeric])
    h = keras.layers.Dense(32, activation=activation)(h)
    h = keras.layers.Dense(32, activation=activation)(h)
    return keras.Model([twigs, numeric], keras.layers.Dense(1)(h))


@holdout203("besom_binders", healthy=True)
def broom_sweep_embedding_noisy(session):
    """A besom's sweep score from its twig kinds (embedded, averaged) and two handle
    measurements; tester-to-tester noise of 0.4. Two-input model, MSE, Adam 3e-3: converges
    to the noise variance."""
    keras = _keras()
    twigs, numeric, y = _brooms(N, seed=20334)
    y = y + 0.4 * np.random.default_rng(20335).normal(size=N).astype("float32")
    model = _broom_model(keras)
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit_inputs(session, model, [twigs, numeric], y.reshape(-1, 1),
                       epochs=20, batch_size=32)


@holdout203("besom_binders", healthy=True)
def broom_style_attention(session):
    """Which of three village styles a broom was bound in, read from its sequence of twig
    kinds with one self-attention layer (MultiHeadAttention, 2 heads) over embeddings, Adam
    2e-3; 10% of the style labels are guesses. The loss falls and flattens above zero."""
    keras = _keras()
    twigs, numeric, score = _brooms(N, seed=20336)
    rng = np.random.default_rng(20337)
    y = np.digitize(score, np.quantile(score, [1 / 3, 2 / 3]))
    wrong = rng.random(N) < 0.1
    y[wrong] = rng.integers(0, 3, size=wrong.sum())
    inp = keras.Input((10,), dtype="int32")
    emb = keras.layers.Embedding(12, 16)(inp)
    att = keras.layers.MultiHeadAttention(2, 8)(emb, emb)
    h = keras.layers.LayerNormalization()(emb + att)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(16, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(3, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, twigs, y.astype("int32"), epochs=20, batch_size=32)


def _log_targets(session, broken):
    keras = _keras()
    rng = np.random.default_rng(20338)
    x = rng.normal(size=(N, 5)).astype("float32")
    rate = np.exp(0.8 * x[:, 0] - 0.5 * x[:, 1] + 0.3 * x[:, 2] * x[:, 3])
    sold = rng.poisson(rate).astype("float32").reshape(-1, 1)
    y = np.log(sold) if broken else np.log1p(sold)
    model = _mlp(keras, 5, [32, 32], 1, out_activation=None)
    with np.errstate(divide="ignore"):
        y = y.astype("float32")
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3),
                        keras.losses.MeanSquaredError(), x, y,
                        epochs=8, batch_size=32, seed=20339)


@holdout203("besom_binders", ["non_finite_values"], stall_begins=None)
def brooms_sold_log_of_zero(session):
    """Brooms sold per market day, regressed on the log scale in a custom loop (2x32 relu MLP,
    MSE, Adam 2e-3). The target was built with np.log(sold) instead of np.log1p: days with no
    sale give -inf targets, the first such batch makes the loss and every weight non-finite,
    and the loop runs on with NaN losses for the remaining epochs."""
    return _log_targets(session, broken=True)


def _broom_lr(session, broken):
    keras = _keras()
    twigs, numeric, y = _brooms(N, seed=20340)
    yc = np.digitize(y, np.quantile(y, [0.25, 0.5, 0.75])).astype("int32")
    tw = keras.Input((10,), dtype="int32")
    nu = keras.Input((2,))
    pooled = keras.layers.GlobalAveragePooling1D()(keras.layers.Embedding(12, 8)(tw))
    h = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([pooled, nu]))
    model = keras.Model([tw, nu], keras.layers.Dense(4, activation="softmax")(h))
    model.compile(keras.optimizers.RMSprop(0.3 if broken else 1e-3),
                  "sparse_categorical_crossentropy")
    return _fit_inputs(session, model, [twigs, numeric], yc, epochs=15, batch_size=32)


@holdout203("besom_binders", ["learning_rate_too_high"], stall_begins=32)  # approximate
def broom_grade_rmsprop_high(session):
    """Four broom grades from twig-kind embeddings and handle measurements, RMSprop at 0.3
    (the '3e-3' of the recipe lost its exponent on the way into a config file). The first
    steps throw the weights far out; the loss jumps above the chance level and bounces there;
    at 1e-3 the model learns the grades."""
    return _broom_lr(session, broken=True)


def _broom_linear(session, broken):
    keras = _keras()
    rng = np.random.default_rng(20341)
    x = rng.uniform(-1, 1, size=(N, 2)).astype("float32")
    y = ((x[:, 0] * x[:, 1] > 0) ^ (np.hypot(x[:, 0], x[:, 1]) < 0.5)).astype("int32")
    model = _mlp(keras, 2, [32, 32], 2, activation=None if broken else "relu",
                 out_activation=None)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), loss, x, y,
                        epochs=20, batch_size=32, seed=20342)


@holdout203("besom_binders", ["insufficient_capacity"], stall_begins=None)
def broom_balance_linear_hidden(session):
    """Whether a besom balances, from the twig head's two offsets (an XOR of quadrants with a
    centre ring). Custom loop, two Dense(32) hidden layers built with activation=None (the
    helper's default was taken), so the whole net is linear and cannot represent the
    decision; the loss stays near ln 2. With relu it reaches a small fraction of that."""
    return _broom_linear(session, broken=True)
