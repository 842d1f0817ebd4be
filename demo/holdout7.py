"""The seventh held-out catalogue: written BEFORE the engine changes it will judge, by someone who
did not read the engine or run the diagnosis on these runs, and scored once.

`benchmarks/accuracy.py --catalogue holdout7` scores the engine on these runs. It is measured
once, and that number is the honest estimate; once its misses are studied it stops being held
out (say so where it is reported). Written from how trainings behave in practice, without
reading the engine's detectors or thresholds and without running the diagnosis: every scenario
was checked only from its own loss curve (its per-step training loss and epoch means) against
the loss of the best constant prediction and the noise put into its data.

Half of it is healthy-but-imperfect training of kinds no other catalogue has: an ordinal
grade model with the cumulative-link (K-1 sigmoids) encoding on noisy grades, multi-label
coding with ten rare flags whose output biases start at the base rates, assay readings
left-censored at a detection limit, a weighted least-squares fit with 1/variance sample weights
(its loss levels off near 1, not 0), a Huber(delta=0.1) median-like regression on skewed noise
(a tiny loss from the start), an exposure-weighted Poisson claim-frequency model that ends just
below the constant rate's loss, a GRU sequence-to-one regressor on a noisy meter target, a
triangular cyclical learning rate (the per-step loss wobbles with the cycle), a wind direction
regressed as (sin, cos) with vane noise, a bottleneck autoencoder that reconstructs the scans
but not their pixel noise, Adam with use_ema (weight averaging) on noisy labels, and a CNN blob
counter whose touching blobs stay ambiguous. A tool that calls these STALLED gets switched off,
so each one must come back with no problem interval.

The broken half uses models and mechanisms the other catalogues do not: a cyclical schedule's
peak typed 3.0 for 3e-3, SGD at 1.0 'because the Huber gradient is bounded', a CosineDecay
warm-up counted in examples (50 000 steps), use_ema with ema_overwrite_frequency=1 (the weights
keep 1% of each update), CT scans fed in Hounsfield units under SGD, 24 stacked swish layers,
one shared Dense block applied 16 times as a weight-tied residual refinement, Hashing(8) for a
300-school id, RandomUniform(0.05) (minval = maxval: constant kernels), a log(0) of blank wells
in a feature column, a sigmoid output kept under a Hinge loss, and a vertical-flip augmentation
on an upper/lower-half task. Dropped because they did not break as intended: a cumulative-link
head under softmax and SparseCategoricalCrossentropy(from_logits=True) on a softmax output (both
trained: Keras copes), a 12-layer cross network (its loss only fell from a huge start), a
GaussianNoise(5.0) typo (Keras refuses a stddev above 1) and a Gaussian NLL head with a linear
variance (its NaN losses healed once the variances turned positive). No scenario has
saturated_activations as its root cause.

Labels follow `scenarios.py`: `expected_causes[0]` is the root cause the scenario was built
around, a second cause only where that symptom is genuinely present too; `stall_begins` is the
optimizer step from which the loss stops improving (None: from the start), exact where an
event of the scenario causes it, otherwise read off the per-step loss and marked approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _fit, _keras, _split, registrar

FAMILIES = ("grades", "assays", "telemetry", "scans")

REGISTRY = []

holdout7 = registrar(REGISTRY)


# ---------------------------------------------------------------------------------------------
# data (new generators: none of data.py's or the other held-out catalogues')


def _rng(seed):
    return np.random.default_rng(seed)


def graded_essays(n, seed, dim=8, levels=5, noise=0.6):
    """Standardised essay features [n, dim] and an ordinal grade 0..levels-1: a latent quality
    (a smooth function of the features, unit variance) plus Gaussian rater noise of std `noise`,
    cut at the latent's quantiles into `levels` grades. Returns (x, grade)."""
    r = _rng(seed)
    x = r.normal(size=(n, dim))
    latent = (0.9 * x[:, 0] - 0.6 * x[:, 1] + 0.5 * np.tanh(1.5 * x[:, 2])
              + 0.4 * x[:, 3] * x[:, 4])
    latent = (latent - latent.mean()) / latent.std() + noise * r.normal(size=n)
    cuts = np.quantile(latent, np.linspace(0, 1, levels + 1)[1:-1])
    grade = np.searchsorted(cuts, latent)
    return x.astype("float32"), grade.astype("int32")


def cumulative_targets(grade, levels=5):
    """The K-1 'grade > k' indicators of an ordinal grade (the cumulative-link encoding)."""
    return (grade[:, None] > np.arange(levels - 1)[None, :]).astype("float32")


def assay_table(n, seed, dim=8):
    """Standardised sample descriptors [n, dim] and a smooth, unit-variance signal (the true
    log-concentration an assay measures)."""
    r = _rng(seed)
    x = r.normal(size=(n, dim))
    s = (np.sin(x[:, 0]) + 0.8 * x[:, 1] - 0.5 * x[:, 2] ** 2 + 0.6 * x[:, 3] * x[:, 4]
         + 0.3 * x[:, 5])
    s = (s - s.mean()) / s.std()
    return x.astype("float32"), s


def instrument_classes(n, seed, dim=8, classes=8, spread=3.0):
    """Readings [n, dim] from `classes` instruments (Gaussian clusters, centres N(0, spread));
    the class is the instrument, almost always recoverable."""
    r = _rng(seed)
    centres = r.normal(0.0, spread, size=(classes, dim))
    y = r.integers(0, classes, size=n)
    x = centres[y] + r.normal(size=(n, dim))
    return x.astype("float32"), y.astype("int32")


def telemetry(n, seed, length=30, channels=3, target_noise=0.5):
    """Machine telemetry windows [n, length, channels]: a hidden load level L ~ N(0, 1) drives
    each channel through its own gain and lag, plus unit reading noise. The target is the load
    reported later by a meter with noise `target_noise` (what no model can predict)."""
    r = _rng(seed)
    level = r.normal(size=n)
    t = np.arange(length)
    gains = np.array([1.0, -0.7, 0.5])[:channels]
    ramp = 1.0 - np.exp(-(t + 1) / 6.0)
    x = level[:, None, None] * gains[None, None, :] * ramp[None, :, None]
    x = x + 0.3 * np.sin(2 * np.pi * t / 10.0)[None, :, None] + r.normal(size=(n, length, channels))
    y = level + target_noise * r.normal(size=n)
    return x.astype("float32"), y.astype("float32")[:, None]


def blob_scans(n, seed, size=16, max_count=4, noise=0.25, min_count=1):
    """Scans [n, size, size, 1] holding min_count..max_count bright Gaussian blobs (sigma 1.2,
    amplitude 0.6..1.0) at random places, in Gaussian pixel noise; the blob count [n]. Blobs
    may overlap, so a few counts are genuinely ambiguous."""
    r = _rng(seed)
    count = r.integers(min_count, max_count + 1, size=n)
    yy, xx = np.mgrid[0:size, 0:size]
    img = np.zeros((n, size, size))
    for i in range(n):
        for _ in range(count[i]):
            cy, cx = r.uniform(2, size - 2, size=2)
            img[i] += r.uniform(0.6, 1.0) * np.exp(-((yy - cy) ** 2 + (xx - cx) ** 2) / (2 * 1.2 ** 2))
    img = img + noise * r.normal(size=img.shape)
    return img[..., None].astype("float32"), count.astype("int32")


# ---------------------------------------------------------------------------------------------
# models and helpers


def _mlp(keras, dim, out, out_activation=None, hidden=(32, 32), activation="relu", front=()):
    layers = [keras.Input((dim,))] + list(front)
    layers += [keras.layers.Dense(h, activation=activation) for h in hidden]
    layers.append(keras.layers.Dense(out, activation=out_activation))
    return keras.Sequential(layers)


def _fit_weighted(session, model, x, y, w, *, epochs, batch_size, shuffle=True):
    """model.fit with per-example sample weights on all but the last PROBE_SIZE examples."""
    (x_train, y_train), probe = _split(x, y)
    history = model.fit(x_train, y_train, sample_weight=w[:-PROBE_SIZE], epochs=epochs,
                        batch_size=batch_size, shuffle=shuffle, verbose=0,
                        callbacks=session.callbacks(probe))
    return history.history["loss"]


def _gru_regressor(keras, length=30, channels=3, front=()):
    return keras.Sequential([keras.Input((length, channels))] + list(front) + [
        keras.layers.GRU(16), keras.layers.Dense(1)])


def _scan_cnn(keras, outputs, out_activation="softmax", size=16, **conv_kw):
    return keras.Sequential([
        keras.Input((size, size, 1)),
        keras.layers.Conv2D(8, 3, padding="same", activation="relu", **conv_kw),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu", **conv_kw),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu", **conv_kw),
        keras.layers.Dense(outputs, activation=out_activation, **conv_kw),
    ])


def _triangular(keras, low, high, half_cycle):
    """A triangular cyclical learning rate (Smith 2017): from `low` up to `high` and back over
    2 x `half_cycle` optimizer steps, repeated."""

    class Triangular(keras.optimizers.schedules.LearningRateSchedule):
        def __call__(self, step):
            step = keras.ops.cast(step, "float32")
            phase = keras.ops.abs(keras.ops.mod(step, 2.0 * half_cycle) / half_cycle - 1.0)
            return low + (high - low) * (1.0 - phase)

        def get_config(self):
            return {"low": low, "high": high, "half_cycle": half_cycle}

    return Triangular()


# ---------------------------------------------------------------------------------------------
# healthy but imperfect: the loss ends far above zero, or is noisy, or levels off for a reason
# that is not a bug


@holdout7("grades", healthy=True)
def cumulative_link_ordinal(session):
    """Essay grades 0..4 with the cumulative-link ('CORAL') encoding: four sigmoid outputs, one
    per 'grade > k', binary cross-entropy, 2x32 relu MLP, Adam 3e-3, batch 32. Raters disagree
    (noise of 0.6 on a unit latent), so neighbouring grades stay confusable: the loss falls from
    the constant prediction's ~0.50 and levels off far above 0."""
    keras = _keras()
    x, grade = graded_essays(1536 + PROBE_SIZE, seed=7101)
    model = _mlp(keras, 8, 4, "sigmoid")
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x, cumulative_targets(grade), epochs=6, batch_size=32)


@holdout7("grades", healthy=True)
def rare_multilabel_codes(session):
    """Multi-label coding of essays: 10 independent rubric flags, each raised for 1..6% of the
    essays by a noisy logistic score of the features; 10 sigmoid outputs, binary cross-entropy,
    2x32 relu MLP whose output biases start at the base rates' log-odds (the usual advice),
    Adam 3e-3, batch 64. The rare flags make the loss small from the first step (~0.26, the
    base rates' entropy); it falls slowly below that and the labels' noise keeps it well above
    0 at the end."""
    keras = _keras()
    r = _rng(7102)
    n = 3072 + PROBE_SIZE
    x = r.normal(size=(n, 8))
    w = r.normal(size=(8, 10))
    prevalence = np.linspace(0.01, 0.06, 10)
    logit = 1.5 * (x @ w) / np.linalg.norm(w, axis=0) + np.log(prevalence / (1 - prevalence))
    y = (r.random((n, 10)) < 1 / (1 + np.exp(-logit))).astype("float32")
    model = keras.Sequential([
        keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(10, activation="sigmoid", bias_initializer=keras.initializers.Constant(
            np.log(prevalence / (1 - prevalence)).astype("float32"))),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x.astype("float32"), y, epochs=8, batch_size=64)


@holdout7("assays", healthy=True)
def detection_limit_censored(session):
    """Assay readings below the detection limit are reported AT the limit (left-censored: ~30%
    of rows equal -0.5), on top of measurement noise of std 0.5. MSE, 2x32 relu MLP, Adam 3e-3,
    batch 32: the loss falls from the readings' variance and levels off near the noise left
    after censoring, well above 0."""
    keras = _keras()
    x, s = assay_table(1536 + PROBE_SIZE, seed=7201)
    y = np.maximum(s + 0.5 * _rng(7201).normal(size=len(s)), -0.5).astype("float32")[:, None]
    model = _mlp(keras, 8, 1)
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=6, batch_size=32)


@holdout7("assays", healthy=True)
def inverse_variance_weights(session):
    """Readings from instruments of known precision (noise std 0.1..1.5, each reading's own),
    weighted by 1 / variance as a weighted least-squares fit is: sample_weight = 1/sigma^2, MSE,
    2x32 relu MLP, Adam 3e-3, batch 32, 12 epochs. Each term is then a squared z-score, so the weighted
    loss falls from the hundreds and levels off near 1 (the noise), not near 0."""
    keras = _keras()
    x, s = assay_table(1536 + PROBE_SIZE, seed=7202)
    r = _rng(7202)
    sigma = r.uniform(0.1, 1.5, size=len(s))
    y = (s + sigma * r.normal(size=len(s))).astype("float32")[:, None]
    w = (1.0 / sigma ** 2).astype("float32")
    model = _mlp(keras, 8, 1)
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit_weighted(session, model, x, y, w, epochs=12, batch_size=32)


@holdout7("assays", healthy=True)
def huber_small_delta_skewed_noise(session):
    """A robust (median-like) regression: keras Huber(delta=0.1), which is nearly the absolute
    error, on readings with skewed noise (exponential, mean 0.8, as contamination adds to a
    sample). 2x32 relu MLP, Adam 3e-3, batch 32. The loss is small in absolute terms (delta x
    the noise's mean absolute deviation) from the start, falls, and levels off well above 0."""
    keras = _keras()
    x, s = assay_table(1536 + PROBE_SIZE, seed=7203)
    y = (s + _rng(7203).exponential(0.8, size=len(s))).astype("float32")[:, None]
    model = _mlp(keras, 8, 1)
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.Huber(delta=0.1))
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout7("telemetry", healthy=True)
def gru_noisy_meter_target(session):
    """Sequence-to-one regression: a GRU(16) reads 30 steps of 3 noisy telemetry channels and
    predicts the machine's load as a meter reports it later, with meter noise of std 0.6. MSE,
    Adam 3e-3, batch 32. The loss falls from the target's variance (~1.4) and levels off near
    the meter's noise plus what 30 noisy readings cannot pin down."""
    keras = _keras()
    x, y = telemetry(1536 + PROBE_SIZE, seed=7301, target_noise=0.6)
    model = _gru_regressor(keras)
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=6, batch_size=32)


@holdout7("telemetry", healthy=True)
def triangular_cyclical_lr(session):
    """The telemetry regressor flattened into a 2x32 relu MLP, Adam with a triangular cyclical
    learning rate between 1e-4 and 6e-3 (half cycle 48 steps, half an epoch), batch 32,
    meter noise 0.5. The per-step loss wobbles with the cycle (it rises a little while the rate
    climbs) but the trend falls and levels off at the noise: a schedule working as designed."""
    keras = _keras()
    x, y = telemetry(3072 + PROBE_SIZE, seed=7302)
    model = _mlp(keras, 90, 1)
    model.compile(keras.optimizers.Adam(_triangular(keras, 1e-4, 6e-3, 48)), "mse")
    return _fit(session, model, x.reshape(len(x), -1), y, epochs=5, batch_size=32)


@holdout7("telemetry", healthy=True)
def wind_direction_sin_cos(session):
    """Wind direction from 8 standardised weather-station features, predicted as (sin, cos) of
    the angle (the usual way to regress a circular quantity), with the vane's noise of ~0.6 rad
    (von Mises, kappa 3). MSE on the two components, 2x32 tanh MLP, Adam 3e-3, batch 32. The
    loss falls from 0.5 (the constant (0, 0)) and levels off at what the noisy angle leaves."""
    keras = _keras()
    r = _rng(7303)
    n = 1536 + PROBE_SIZE
    x = r.normal(size=(n, 8))
    angle = np.arctan2(x[:, 0] + 0.5 * x[:, 2], x[:, 1] - 0.4 * x[:, 3]) + r.vonmises(0.0, 3.0, n)
    y = np.stack([np.sin(angle), np.cos(angle)], 1).astype("float32")
    model = _mlp(keras, 8, 2, activation="tanh")
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x.astype("float32"), y, epochs=6, batch_size=32)


@holdout7("scans", healthy=True)
def bottleneck_autoencoder_noise(session):
    """A dense autoencoder (256 -> 64 -> 8 -> 64 -> 256, relu, linear output) reconstructing
    16x16 scans of 1..3 blobs in pixel noise of std 0.25. The bottleneck keeps the blobs and
    drops the noise, as it should: the MSE falls from the pixels' variance and levels off near
    the noise's variance (0.0625), not near 0. Adam 2e-3, batch 32."""
    keras = _keras()
    x, _ = blob_scans(1536 + PROBE_SIZE, seed=7401, max_count=3)
    flat = x.reshape(len(x), -1)
    model = keras.Sequential([
        keras.Input((256,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(8),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(256),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, flat, flat, epochs=8, batch_size=32)


@holdout7("scans", healthy=True)
def ema_weight_averaging(session):
    """Blob counting as 4-way classification (1..4 blobs, touching blobs ambiguous, 10% of the
    labels wrong) with a small CNN and Adam(2e-3, use_ema=True, ema_momentum=0.99): the
    optimizer keeps a moving average of the weights for evaluation. The training loss is the
    raw weights' as usual: falls from ln 4 and levels off well above 0. Batch 32."""
    keras = _keras()
    x, count = blob_scans(1024 + PROBE_SIZE, seed=7402)
    r = _rng(7402)
    y = count - 1
    wrong = r.random(len(y)) < 0.1
    y = np.where(wrong, r.integers(0, 4, size=len(y)), y).astype("int32")
    model = _scan_cnn(keras, 4)
    model.compile(keras.optimizers.Adam(2e-3, use_ema=True, ema_momentum=0.99),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout7("scans", healthy=True)
def blob_count_regression(session):
    """Counting 0..6 blobs as a regression (MSE on the count, linear output) with a small CNN,
    Adam 2e-3, batch 32. Touching blobs and faint ones make some counts ambiguous, so the loss
    falls from the count's variance (~4) and levels off well above 0."""
    keras = _keras()
    x, count = blob_scans(1024 + PROBE_SIZE, seed=7403, max_count=6, min_count=0, noise=0.3)
    model = _scan_cnn(keras, 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, count.astype("float32")[:, None], epochs=8, batch_size=32)


@holdout7("assays", healthy=True)
def exposure_weighted_claims(session):
    """Insurance-style claim frequency: claim counts over policy exposures of 0.1..1 year,
    rate ~0.14 a year; the target is claims / exposure with the exposure as sample_weight and
    keras's Poisson loss, exponential output, 2x32 relu MLP, Adam 2e-3, batch 32. Claims are
    rare and mostly luck: the weighted loss falls just below the constant rate's (~0.26) and
    levels off there."""
    keras = _keras()
    r = _rng(7204)
    n = 3072 + PROBE_SIZE
    x = r.normal(size=(n, 8)).astype("float32")
    rate = np.exp(-2.0 + 0.5 * x[:, 0] - 0.3 * x[:, 1] + 0.2 * np.tanh(x[:, 2]))
    exposure = r.uniform(0.1, 1.0, size=n)
    y = (r.poisson(rate * exposure) / exposure).astype("float32")[:, None]
    model = _mlp(keras, 8, 1, "exponential")
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit_weighted(session, model, x, y, exposure.astype("float32"), epochs=8,
                         batch_size=32)


# ---------------------------------------------------------------------------------------------
# broken


@holdout7("telemetry", ["learning_rate_too_high"])
def cyclical_max_rate_typo(session):
    """The cyclical-rate telemetry MLP with the triangle's peak typed 3.0 for 3e-3 (Adam,
    1e-4 .. 3.0, half cycle 48 steps), batch 32: every half cycle the rate climbs past any step
    Adam can take on this model, and the loss never gets near the ~0.3 the intended schedule
    reaches."""
    keras = _keras()
    x, y = telemetry(3072 + PROBE_SIZE, seed=7311)
    model = _mlp(keras, 90, 1)
    model.compile(keras.optimizers.Adam(_triangular(keras, 1e-4, 3.0, 48)), "mse")
    return _fit(session, model, x.reshape(len(x), -1), y, epochs=5, batch_size=32)


@holdout7("telemetry", ["learning_rate_too_low"])
def warmup_steps_counted_in_samples(session):
    """GRU(16) telemetry regressor on keras CosineDecay(initial_learning_rate=0.0,
    warmup_target=3e-3, warmup_steps=50_000, decay_steps=1_000): the warm-up length was
    computed as 'about 50k examples' and passed where optimizer steps are counted. After the
    run's 288 steps the rate has only reached ~2e-5 of the intended 3e-3. Adam, MSE, batch 32."""
    keras = _keras()
    x, y = telemetry(1536 + PROBE_SIZE, seed=7312)
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, decay_steps=1_000, warmup_target=3e-3, warmup_steps=50_000)
    model = _gru_regressor(keras)
    model.compile(keras.optimizers.Adam(schedule), "mse")
    return _fit(session, model, x, y, epochs=6, batch_size=32)


@holdout7("scans", ["unnormalized_inputs", "dead_relus"])
def hounsfield_units_raw(session):
    """CT-like scans fed in Hounsfield units as the DICOM stores them: air -1000 around a body
    of ~40 HU, each nodule up to +100 HU, reading noise 25 HU; the task is the 4-way nodule
    count. The small CNN (relu, SGD 0.01 momentum 0.9, batch 32: the recipe that trains the
    same net on scaled scans to ~0.7) never saw a windowing / rescaling step: its first
    activations are in the thousands, the first updates are huge and leave the relus dead,
    and the loss sits at ln 4 (the uniform prediction) for the rest of the run."""
    keras = _keras()
    x, count = blob_scans(1024 + PROBE_SIZE, seed=7411)
    size = x.shape[1]
    yy, xx = np.mgrid[0:size, 0:size]
    body = ((yy - 7.5) ** 2 / 7.5 ** 2 + (xx - 7.5) ** 2 / 7.0 ** 2) <= 1.0
    hu = np.where(body, 40.0, -1000.0)[None, :, :, None] + 100.0 * x
    model = _scan_cnn(keras, 4)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, hu.astype("float32"), count - 1, epochs=8, batch_size=32)


@holdout7("assays", ["vanishing_gradients"])
def swish_24_layers(session):
    """Assay regression through 24 stacked Dense(16, activation='swish') layers (a 'modern'
    activation swapped into a deep tabular net without normalisation or skips), linear output,
    SGD 0.01 momentum 0.9, MSE, batch 32: swish's slope is ~0.5 near 0, so the gradient shrinks
    layer after layer and the head sees a near-constant."""
    keras = _keras()
    x, s = assay_table(1536 + PROBE_SIZE, seed=7211)
    y = (s + 0.3 * _rng(7211).normal(size=len(s))).astype("float32")[:, None]
    model = _mlp(keras, 8, 1, hidden=(16,) * 24, activation="swish")
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=6, batch_size=32)


@holdout7("grades", ["insufficient_capacity"], stall_begins=48)  # approximate
def hashing_8_bins_for_300_schools(session):
    """Grade regression whose strongest feature is the school (300 schools with their own
    grading levels), fed through keras Hashing(num_bins=8) + one-hot (8 was meant for a
    different column): ~37 schools share every bin, so the model can only learn bin averages.
    Plus two standardised features; 2x32 relu MLP, MSE, Adam 3e-3, batch 32."""
    keras = _keras()
    r = _rng(7113)
    n = 3072 + PROBE_SIZE
    school = r.integers(0, 300, size=n)
    effect = r.normal(0, 1.2, size=300)
    other = r.normal(size=(n, 2))
    y = (effect[school] + 0.4 * other[:, 0] + 0.3 * r.normal(size=n)).astype("float32")[:, None]
    inp_school = keras.Input((1,), dtype="int32")
    inp_other = keras.Input((2,))
    code = keras.layers.CategoryEncoding(8, output_mode="one_hot")(
        keras.layers.Hashing(8)(inp_school))
    h = keras.layers.Concatenate()([code, inp_other])
    h = keras.layers.Dense(32, activation="relu")(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([inp_school, inp_other], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    (xs, ys), (ps, py) = _split(np.column_stack([school, other]), y)
    history = model.fit([xs[:, :1].astype("int32"), xs[:, 1:].astype("float32")], ys, epochs=6,
                        batch_size=32, verbose=0,
                        callbacks=session.callbacks(
                            ([ps[:, :1].astype("int32"), ps[:, 1:].astype("float32")], py)))
    return history.history["loss"]


@holdout7("assays", ["poor_initialization"], stall_begins=100)  # approximate
def random_uniform_minval_typo(session):
    """Assay regression (target noise 0.3) on a 2x32 relu MLP whose kernels use
    keras.initializers.RandomUniform(0.05), meant as a +-0.05 range: the first positional
    argument is minval, so minval = maxval = 0.05 and every kernel starts as the constant 0.05.
    All units of a layer compute the same thing and get the same gradient, so they never
    differ and the net is one unit wide: the loss levels off near 0.7 where the same net with
    the default initializer reaches ~0.15. Adam 3e-3, batch 32."""
    keras = _keras()
    x, s = assay_table(1536 + PROBE_SIZE, seed=7217)
    y = (s + 0.3 * _rng(7217).normal(size=len(s))).astype("float32")[:, None]
    init = keras.initializers.RandomUniform(0.05)
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(32, activation="relu", kernel_initializer=init),
        keras.layers.Dense(32, activation="relu", kernel_initializer=init),
        keras.layers.Dense(1, kernel_initializer=init),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=6, batch_size=32)


LOG_ZERO_ROW = 500  # read in file order, batch 32: first trained on in step 16 (500 // 32 + 1)


@holdout7("assays", ["non_finite_values"], stall_begins=LOG_ZERO_ROW // 32 + 1)
def log_of_zero_concentration(session):
    """Assay descriptors where one column is a reagent concentration fed as its logarithm (it
    spans decades); three rows have a concentration of exactly 0 (blanks), and np.log(0) is
    -inf. Rows in file order (shuffle=False, plate order), 2x32 relu MLP, MSE, Adam 3e-3, batch
    32: the batch holding the first blank turns the loss and then the weights to NaN."""
    keras = _keras()
    x, s = assay_table(1536 + PROBE_SIZE, seed=7214)
    r = _rng(7214)
    conc = np.exp(r.normal(0.0, 2.0, size=len(s)))
    conc[[LOG_ZERO_ROW, LOG_ZERO_ROW + 301, LOG_ZERO_ROW + 777]] = 0.0
    with np.errstate(divide="ignore"):
        log_conc = np.log(conc) / 2.0
    x = np.column_stack([x, log_conc]).astype("float32")
    y = (s + 0.3 * r.normal(size=len(s))).astype("float32")[:, None]
    model = _mlp(keras, 9, 1)
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=3, batch_size=32, shuffle=False)


@holdout7("assays", ["learning_rate_too_high"])
def huber_sgd_rate_1(session):
    """Robust assay regression with keras Huber(delta=1.0) and SGD(1.0, momentum=0.9): 'the
    Huber gradient is bounded, so a big rate is safe' -- bounded per example, but the net's
    weights still overshoot on every step. 2x32 relu MLP, batch 32."""
    keras = _keras()
    x, s = assay_table(1536 + PROBE_SIZE, seed=7215)
    y = (s + 0.3 * _rng(7215).normal(size=len(s))).astype("float32")[:, None]
    model = _mlp(keras, 8, 1)
    model.compile(keras.optimizers.SGD(1.0, momentum=0.9), keras.losses.Huber(1.0))
    return _fit(session, model, x, y, epochs=6, batch_size=32)


@holdout7("telemetry", ["learning_rate_too_low"])
def ema_overwrite_every_step(session):
    """GRU(16) telemetry regressor with Adam(3e-3, use_ema=True, ema_overwrite_frequency=1):
    meant to evaluate with averaged weights, but overwriting the weights with their moving
    average (momentum 0.99) after every step keeps only 1% of each update, an effective rate
    of ~3e-5. MSE, batch 32: the loss creeps down from ~1.05 where the plain Adam run reaches
    ~0.31 in the same 288 steps."""
    keras = _keras()
    x, y = telemetry(1536 + PROBE_SIZE, seed=7314)
    model = _gru_regressor(keras)
    model.compile(keras.optimizers.Adam(3e-3, use_ema=True, ema_overwrite_frequency=1), "mse")
    return _fit(session, model, x, y, epochs=6, batch_size=32)


@holdout7("assays", ["exploding_gradients", "non_finite_values"], stall_begins=2)
def weight_tied_refinement_16(session):
    """An 'iterative refinement' regressor: h <- h + relu(Dense_shared(h)) applied 16 times with
    ONE shared Dense(16) (weight-tied, like an unrolled recursive block), no normalisation, SGD
    0.01 momentum 0.9, MSE, batch 32. Each pass multiplies the state (and the gradient) by up to
    ~2: the forward values and the gradients grow by orders of magnitude and the weights go
    to NaN (the loss is inf at step 1 and NaN from step 2). The same block applied twice trains
    to ~0.17."""
    keras = _keras()
    x, s = assay_table(1536 + PROBE_SIZE, seed=7218)
    y = (s + 0.3 * _rng(7218).normal(size=len(s))).astype("float32")[:, None]
    inp = keras.Input((8,))
    h = keras.layers.Dense(16)(inp)
    shared = keras.layers.Dense(16, activation="relu")
    for _ in range(16):
        h = keras.layers.Add()([h, shared(h)])
    model = keras.Model(inp, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=6, batch_size=32)


@holdout7("assays", ["loss_activation_mismatch"], stall_begins=48)  # approximate
def hinge_on_sigmoid_output(session):
    """Which of two instruments took a reading (well separated: a working model reaches 0):
    the model kept its Dense(1, sigmoid) output when the loss was switched from binary
    cross-entropy to keras Hinge. Hinge maps the 0/1 labels to -1/+1 and wants scores beyond
    +-1, but a sigmoid output is in (0, 1): a negative example's loss can never go below 1, so
    the loss levels off near 0.5. 2x32 relu MLP, Adam 3e-3, batch 32."""
    keras = _keras()
    x, y = instrument_classes(1536 + PROBE_SIZE, seed=7212, classes=2)
    model = _mlp(keras, 8, 1, "sigmoid")
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.Hinge())
    return _fit(session, model, x, y.astype("float32")[:, None], epochs=6, batch_size=32)


@holdout7("scans", ["over_regularization"])
def vertical_flip_on_up_down_task(session):
    """Is the nodule in the upper or the lower half of the scan? A small conv net (Conv2D 8,
    MaxPooling, Flatten, Dense 32, softmax), with the augmentation block copied from a texture
    classifier: RandomFlip('vertical'). Every flip turns an upper nodule into a lower one with
    the label unchanged, so half of what the net sees contradicts the other half: the loss
    stays near ln 2, where the same net without the flip reaches ~0.13. Adam 2e-3, batch 32."""
    keras = _keras()
    x, _ = blob_scans(1024 + PROBE_SIZE, seed=7413, max_count=1)
    y = (np.argmax(np.clip(x[..., 0], 0, None).sum(2), 1) < 8).astype("int32")
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.RandomFlip("vertical"),
        keras.layers.Conv2D(8, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.Flatten(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(2, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=6, batch_size=32)
