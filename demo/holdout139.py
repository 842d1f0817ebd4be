"""The hundred-and-thirty-ninth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Twenty-four small trainings told as the work of four kinds of scientists (zoologists,
chemists, physicists, biologists), six each, half of them healthy and half broken by one
realistic coding mistake. Every data set is synthetic, generated with numpy from a fixed seed
in 13901..13926; the last PROBE_SIZE rows of each are the probe and are never trained on.

Healthy half (correct models trained correctly; none of them reaches zero, on purpose). The
zoologists classify bird species from field measurements a fifth of which were misidentified
(label noise), fit nest counts per plot with an exponential output and the Poisson loss, and
regress body mass through heavy-tailed (Student-t) scale errors with the Huber loss in a custom
GradientTape loop. The chemists fit reaction yields with heteroscedastic scatter under a
PiecewiseConstantDecay schedule, screen a 3% toxic class with class_weight (still improving at
the end), and count functional groups in spectra with a Conv1D net under a linear warm-up and
a cosine decay. The physicists fit the 90th percentile of a pendulum's period with the pinball
loss, a magnetic field map with plain SGD that is still slowly improving after twenty epochs,
and a calorimeter's energy from a two-input (Conv2D image plus dense beam settings) functional
model with a sampling-noise floor. The biologists overfit 160 DNA reads (embedding plus Conv1D
motif scanner, forty epochs), classify promoters with 15% mislabelled reads through an
embedding and a self-attention block, and forecast oscillating gene expression with an LSTM
under ReduceLROnPlateau.

Broken half, one cause each, every one checked against the same code without the mistake
(trained without tb-plateau, compared only on its own loss curve): a ten-layer sigmoid MLP on
SGD (vanishing gradients; flat at the class prior while relu/He learns); RandomNormal(1.0) read
by Keras as mean 1.0 on a tanh MLP (saturated activations; flat at the class prior after
~16 steps); kernel_initializer="ones" on a relu MLP (poor initialization; symmetry never
breaks); Adam(0.5) typed for 5e-4 (learning rate too high); a relu output for a log-solubility
that is always negative (loss/activation mismatch); relu biases initialized to -3 in a Conv1D
net (dead relus); raw SI units with pressure ~1e5 beside wavelengths ~5e-7 (unnormalized
inputs); a two-unit hidden layer for a two-slit interference pattern (insufficient capacity);
np.log of zero detector counts read in time order (non-finite values: NaN from step 18 on);
Adam at 1e-6 on a GRU (learning rate too low); an L1 penalty of 0.1 on a DNA motif scanner
(over-regularization); and an identity-initialized relu SimpleRNN with gain 1.1 and no
clipping (exploding gradients: gradient norms in the hundreds while the loss sits at the
constant-guess level).

Dropped or changed because they did not behave as intended: a chaotic tanh SimpleRNN with
N(0, 1) recurrent weights for exploding gradients (its gradients were small, the saturated
units pass none, and even the fixed net did not learn that task); RandomNormal(stddev=1.0) on a
tanh MLP for saturation (the saturated net's random sign features trained better than the
fixed net); a softmax output under binary cross-entropy for multi-label spectra (Keras 3
trains it through the logits, so it learned as well as the sigmoid); np.log of zero counts
into a relu MLP (relu turned the NaN into zero and the loss stayed finite, so the net became
tanh); identity gains 1.15 and 1.2 for the relu RNN (they kept falling from enormous losses
instead of stalling); and a Conv1D dead-relu run on imbalanced classes (its output bias crept
toward the class prior all run long, so the target became four equally common bands).

Labelling convention: a healthy run has healthy=True and no causes; a broken run lists exactly
one cause, the root cause it was built around. stall_begins is the 0-based optimizer step
(batches counted over the whole run) from which the broken loss stops improving, or None when
it never improves from the start. The non-finite run's step is exact (row 600 in batches of 32
read in order); every other number was read off the per-step loss of one run and is marked
"approximate" beside its scenario.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('zoologists', 'chemists', 'physicists', 'biologists')

REGISTRY = []
holdout139 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE
BATCH = 32


def _fit_with(session, model, x, y, *, epochs, batch_size, shuffle=True, **fit_kw):
    """Like `_fit` (the last PROBE_SIZE rows are the probe), for several inputs (a list of
    arrays) and with extra `fit` arguments such as class_weight or callbacks."""
    xs = x if isinstance(x, list) else [x]
    x_train = [a[:-PROBE_SIZE] for a in xs]
    probe_x = [a[-PROBE_SIZE:] for a in xs]
    if not isinstance(x, list):
        x_train, probe_x = x_train[0], probe_x[0]
    callbacks = list(fit_kw.pop("callbacks", []))
    history = model.fit(x_train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        shuffle=shuffle, verbose=0, **fit_kw,
                        callbacks=callbacks + session.callbacks((probe_x, y[-PROBE_SIZE:])))
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# data


def _field_notes(n, seed, classes=4, dim=10, flip=0.0):
    """Standardized field measurements of animals (beak, wing, tarsus, song pitch...) of
    `classes` species whose boundaries are curved; `flip` of the labels are misidentified."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, dim))
    score = np.stack([np.sin(1.5 * x[:, k % dim]) + x[:, (k + 1) % dim] * x[:, (k + 2) % dim]
                      + 0.5 * x[:, (k + 3) % dim] for k in range(classes)], axis=1)
    y = score.argmax(axis=1)
    wrong = rng.random(n) < flip
    y[wrong] = rng.integers(0, classes, size=wrong.sum())
    return x.astype("float32"), y.astype("int32")


def _spectra(n, seed, length=64, groups=5):
    """Infrared-like spectra: each functional group present (p=0.4) adds a peak at its own
    wavenumber; returns (spectra, presence matrix)."""
    rng = np.random.default_rng(seed)
    present = (rng.random((n, groups)) < 0.4).astype("float32")
    grid = np.arange(length)[None, :]
    centres = np.linspace(6, length - 6, groups)
    x = 0.15 * rng.normal(size=(n, length))
    for g, c in enumerate(centres):
        height = present[:, g:g + 1] * rng.uniform(0.6, 1.4, size=(n, 1))
        x += height * np.exp(-0.5 * ((grid - c - rng.normal(0, 1.0, (n, 1))) / 2.0) ** 2)
    return x[..., None].astype("float32"), present


def _dna(n, seed, length=40, motif=(2, 0, 3, 3, 1, 0)):
    """One-hot-free DNA reads (tokens 0..3); label 1 when the binding motif occurs (half do)."""
    rng = np.random.default_rng(seed)
    seq = rng.integers(0, 4, size=(n, length))
    y = (rng.random(n) < 0.5).astype("int32")
    starts = rng.integers(0, length - len(motif), size=n)
    for i in np.flatnonzero(y):
        seq[i, starts[i]:starts[i] + len(motif)] = motif
    return seq.astype("int32"), y


def _expression(n, seed, length=30):
    """Gene-expression time courses (standardized) whose next-step level depends on a
    damped oscillation with a per-cell period and noise."""
    rng = np.random.default_rng(seed)
    t = np.arange(length + 1)[None, :]
    period = rng.uniform(6, 14, size=(n, 1))
    phase = rng.uniform(0, 2 * np.pi, size=(n, 1))
    decay = rng.uniform(0.0, 0.05, size=(n, 1))
    clean = np.exp(-decay * t) * np.sin(2 * np.pi * t / period + phase)
    noisy = clean + 0.1 * rng.normal(size=clean.shape)
    return noisy[:, :-1, None].astype("float32"), noisy[:, -1:].astype("float32")


# ---------------------------------------------------------------------------------------------
# zoologists


@holdout139("zoologists", healthy=True)
def misidentified_species(session):
    """Four bird species told apart from ten standardized field measurements, where the
    volunteers misidentified a fifth of the birds (labels redrawn at random); a 2x64 relu MLP
    with Adam 2e-3 learns the curved boundaries, the loss falls ever more slowly and ends
    far above zero, bounded below by the floor the wrong labels leave."""
    keras = _keras()
    x, y = _field_notes(N, seed=13901, flip=0.2)
    model = _mlp(keras, 10, [64, 64], 4)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout139("zoologists", healthy=True)
def nest_counts_poisson(session):
    """Counts of nests per survey plot (Poisson, mean 0.2..20) from six habitat covariates,
    fitted with an exponential output and the Poisson loss by a 2x32 relu MLP, Adam 3e-3: the
    loss flattens at the Poisson noise of the counts, well above zero."""
    keras = _keras()
    rng = np.random.default_rng(13902)
    x = rng.normal(size=(N, 6)).astype("float32")
    rate = np.exp(0.8 + 0.6 * x[:, 0] - 0.4 * x[:, 1] ** 2 + 0.5 * np.tanh(x[:, 2] * x[:, 3]))
    y = rng.poisson(rate).astype("float32")[:, None]
    model = _mlp(keras, 6, [32, 32], 1, out_activation="exponential")
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout139("zoologists", healthy=True)
def body_mass_huber_loop(session):
    """Custom GradientTape loop: an animal's standardized log body mass from eight skeletal
    measurements, where the scale readings carry heavy-tailed (Student-t, 2 degrees of
    freedom) errors; a 2x64 relu MLP trained with the Huber loss and Adam 2e-3 settles at the
    floor of the outliers."""
    keras = _keras()
    rng = np.random.default_rng(13903)
    x = rng.normal(size=(N, 8)).astype("float32")
    clean = 0.9 * x[:, 0] + 0.5 * x[:, 1] * x[:, 2] + 0.4 * np.sin(2 * x[:, 3])
    y = (clean + 0.4 * rng.standard_t(2, size=N)).astype("float32")[:, None]
    model = _mlp(keras, 8, [64, 64], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), keras.losses.Huber(1.0),
                        x, y, epochs=15, batch_size=BATCH, seed=13903)


def _deep_sigmoid_species(session, broken):
    keras = _keras()
    x, y = _field_notes(N, seed=13904)
    if broken:
        model = _mlp(keras, 10, [32] * 10, 4, activation="sigmoid")
    else:
        model = _mlp(keras, 10, [32] * 10, 4, activation="relu", kernel_initializer="he_normal")
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


@holdout139("zoologists", ["vanishing_gradients"])
def deep_sigmoid_species(session):
    """Species from field measurements with a ten-layer, 32-unit sigmoid MLP ported from an
    old lab script, SGD 0.05 with momentum: the gradient reaching the lower layers is divided
    by ~4 per layer and the loss stays at the class-prior level from the first step (the same
    net with relu and He initialization learns)."""
    return _deep_sigmoid_species(session, broken=True)


def _tanh_wide_init(session, broken):
    keras = _keras()
    x, y = _field_notes(N, seed=13905, dim=16)
    init = keras.initializers.RandomNormal(1.0, seed=13905) if broken else "glorot_uniform"
    model = _mlp(keras, 16, [128, 128], 4, activation="tanh", kernel_initializer=init)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


@holdout139("zoologists", ["saturated_activations"], stall_begins=16)  # approximate
def tanh_wide_init(session):
    """Species from sixteen field measurements with a 2x128 tanh MLP whose kernels were
    initialized with RandomNormal(1.0), meant as a standard deviation of 1 but read by Keras
    as the mean (stddev 0.05): every first-layer unit sums the inputs with weights near +1 and
    every second-layer unit sums 128 tanh outputs, so nearly all units sit at +-1 and pass no
    gradient; after the first steps the loss stays at the class-prior level while the
    Glorot-initialized net learns."""
    return _tanh_wide_init(session, broken=True)


def _constant_init(session, broken):
    keras = _keras()
    x, y = _field_notes(N, seed=13906, dim=12)
    model = _mlp(keras, 12, [64, 64], 4, kernel_initializer="ones" if broken else "he_uniform")
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


@holdout139("zoologists", ["poor_initialization"], stall_begins=48)  # approximate
def constant_init(session):
    """Species from twelve measurements with a 2x64 relu MLP whose kernels were all set with
    kernel_initializer="ones" for a reproducible start: every hidden unit computes the same
    thing and receives the same gradient, the symmetry never breaks and the net behaves like
    one unit per layer; after the first epoch the loss jumps about around 2, above even the
    class-prior level, far above the randomly initialized net's."""
    return _constant_init(session, broken=True)


# ---------------------------------------------------------------------------------------------
# chemists


@holdout139("chemists", healthy=True)
def yield_step_decay(session):
    """A reaction's yield from five standardized conditions (temperature, time, catalyst
    loading...), whose run-to-run scatter grows with the temperature (heteroscedastic noise);
    a 2x64 relu MLP with Adam under a PiecewiseConstantDecay (3e-3, then 1e-3 and 3e-4 at
    steps 192 and 384) drops a little at each boundary and levels off at the noise floor."""
    keras = _keras()
    rng = np.random.default_rng(13907)
    x = rng.normal(size=(N, 5)).astype("float32")
    clean = np.tanh(x[:, 0]) + 0.6 * x[:, 1] * x[:, 2] - 0.3 * x[:, 3] ** 2
    y = (clean + rng.normal(size=N) * 0.2 * np.exp(0.7 * x[:, 0])).astype("float32")[:, None]
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([192, 384], [3e-3, 1e-3, 3e-4])
    model = _mlp(keras, 5, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(schedule), "mse")
    return _fit(session, model, x, y, epochs=16, batch_size=BATCH)


@holdout139("chemists", healthy=True)
def rare_toxic_weighted(session):
    """Toxicity screening: 3% of the compounds (eight standardized descriptors) are toxic;
    a 2x32 relu MLP with a sigmoid output and binary cross-entropy, Adam 1e-3, trained with
    class_weight {0: 1, 1: 10} as the assay team asked: the weighted loss falls slowly over
    the whole run and ends well above zero since toxic and harmless compounds overlap."""
    keras = _keras()
    rng = np.random.default_rng(13908)
    x = rng.normal(size=(N, 8)).astype("float32")
    logit = -4.6 + 1.2 * x[:, 0] + 0.8 * x[:, 1] * x[:, 2] + 0.6 * x[:, 3]
    y = (rng.random(N) < 1 / (1 + np.exp(-logit))).astype("float32")[:, None]
    model = _mlp(keras, 8, [32, 32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_with(session, model, x, y, epochs=15, batch_size=BATCH,
                     class_weight={0: 1.0, 1: 10.0})


@holdout139("chemists", healthy=True)
def spectra_warmup_cosine(session):
    """How many of five functional groups a compound carries (0-5), read from its noisy
    infrared-like spectrum by a small Conv1D net; Adam under a linear warm-up to 3e-3 over
    the first 64 steps and a cosine decay to zero by the end: the loss falls slowly during
    the warm-up, fast at the peak rate, and flattens as the rate decays, where noisy peaks
    leave some counts ambiguous."""
    keras = _keras()
    x, present = _spectra(N, seed=13909)
    y = present.sum(axis=1).astype("int32")
    epochs = 12
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, decay_steps=epochs * 32 - 64, warmup_target=3e-3, warmup_steps=64)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(6, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=epochs, batch_size=BATCH)


def _solvent_rate(session, broken):
    keras = _keras()
    x, y = _field_notes(N, seed=13910, classes=3, dim=8)
    model = _mlp(keras, 8, [64, 64], 3)
    model.compile(keras.optimizers.Adam(0.5 if broken else 1e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


@holdout139("chemists", ["learning_rate_too_high"], stall_begins=32)  # approximate
def solvent_rate_typo(session):
    """Which of three solvents dissolves a compound, from eight standardized descriptors, with
    a 2x64 relu MLP; the lab notebook said "lr 5e-4" and the script says Adam(0.5): the first
    steps throw the weights far away and the loss bounces at or above the constant-guess level
    for the rest of the run."""
    return _solvent_rate(session, broken=True)


def _log_solubility(session, broken):
    keras = _keras()
    rng = np.random.default_rng(13911)
    x = rng.normal(size=(N, 8)).astype("float32")
    log_s = -3.5 - 1.2 * x[:, 0] + 0.6 * np.tanh(x[:, 1] * x[:, 2]) - 0.4 * x[:, 3] ** 2
    y = np.minimum(log_s + 0.3 * rng.normal(size=N), -0.1).astype("float32")[:, None]
    model = _mlp(keras, 8, [64, 64], 1, out_activation="relu" if broken else None)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


@holdout139("chemists", ["loss_activation_mismatch"])
def relu_output_log_solubility(session):
    """Aqueous solubility as log10(mol/L), which is negative for every compound here (-8 to
    -0.1), regressed from eight descriptors by a 2x64 relu MLP whose output layer also got
    activation="relu" ("solubility is a positive quantity"): the output cannot go below zero,
    the units that produced positive outputs are pushed to zero where the relu passes no
    gradient, and the MSE sits at the mean squared log-solubility from the start."""
    return _log_solubility(session, broken=True)


def _negative_bias_conv(session, broken):
    keras = _keras()
    x, _ = _spectra(N, seed=13912)
    area = x.sum(axis=(1, 2))
    y = np.digitize(area, np.quantile(area, [0.25, 0.5, 0.75])).astype("int32")
    bias = keras.initializers.Constant(-3.0 if broken else 0.0)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu", bias_initializer=bias),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=BATCH)


@holdout139("chemists", ["dead_relus"])
def negative_bias_conv(session):
    """Sorting spectra into four equally common bands of total absorbance with a Conv1D net
    whose relu layers start with bias -3 ("sparse activations" from a forum recipe): the
    spectra are of order one, so almost no filter or unit ever fires, no gradient reaches
    them, and the loss stays at the uniform-guess level while the same net with zero biases
    learns."""
    return _negative_bias_conv(session, broken=True)


# ---------------------------------------------------------------------------------------------
# physicists


def _pendulum(n, seed):
    """Standardized (length, amplitude, mass, temperature) of a pendulum and its measured
    period in seconds, with reaction-time jitter that is skewed late."""
    rng = np.random.default_rng(seed)
    length = rng.uniform(0.2, 2.0, n)
    amplitude = rng.uniform(0.05, 1.2, n)
    mass = rng.uniform(0.1, 2.0, n)
    temperature = rng.uniform(280, 310, n)
    period = 2 * np.pi * np.sqrt(length / 9.81) * (1 + amplitude ** 2 / 16)
    period += rng.gamma(2.0, 0.08, n)
    raw = np.stack([length, amplitude, mass, temperature], axis=1)
    return raw, period.astype("float32")[:, None]


@holdout139("physicists", healthy=True)
def pendulum_quantile(session):
    """The 90th percentile of a pendulum's measured period (students' stopwatch delays are
    skewed late) from standardized length, amplitude, mass and temperature, by a 2x32 relu MLP
    with the pinball (quantile 0.9) loss and Adam 3e-3: the loss flattens at the spread of the
    delays, well above zero."""
    keras = _keras()
    raw, y = _pendulum(N, seed=13913)
    x = _standardize(raw)

    def pinball(targets, predictions):
        error = targets - predictions
        return keras.ops.mean(keras.ops.maximum(0.9 * error, -0.1 * error), axis=-1)

    model = _mlp(keras, 4, [32, 32], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(3e-3), pinball)
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout139("physicists", healthy=True)
def field_map_slow_sgd(session):
    """A magnetic field's strength on a plane, B(x, y) from a pair of wires, fitted by a
    3x64 tanh MLP with plain SGD at 0.02 (the lab's conservative default): the loss falls
    slowly and steadily and is still improving when the twenty epochs end."""
    keras = _keras()
    rng = np.random.default_rng(13914)
    p = rng.uniform(-2, 2, size=(N, 2)).astype("float32")
    d1 = (p[:, 0] - 0.7) ** 2 + p[:, 1] ** 2 + 0.3
    d2 = (p[:, 0] + 0.7) ** 2 + p[:, 1] ** 2 + 0.3
    y = (1 / np.sqrt(d1) - 0.6 / np.sqrt(d2)).astype("float32")[:, None]
    model = _mlp(keras, 2, [64, 64, 64], 1, activation="tanh", out_activation=None)
    model.compile(keras.optimizers.SGD(0.02), "mse")
    return _fit(session, model, p, y, epochs=20, batch_size=BATCH)


@holdout139("physicists", healthy=True)
def calorimeter_two_inputs(session):
    """A calorimeter shower's true energy from its 8x8 cell image (a Conv2D branch) and the
    beam settings (a Dense branch) joined in a functional model, Adam 2e-3, MSE: the sampling
    fluctuations of the shower (about 10% of the energy) leave a noise floor the loss flattens
    onto."""
    keras = _keras()
    rng = np.random.default_rng(13915)
    energy = rng.uniform(1, 5, N)
    beam = np.stack([energy + rng.normal(0, 0.5, N), rng.normal(size=N)], axis=1)
    cx, cy = rng.uniform(2.5, 4.5, (2, N))
    grid = np.arange(8)
    profile = np.exp(-((grid[None, :, None] - cx[:, None, None]) ** 2
                       + (grid[None, None, :] - cy[:, None, None]) ** 2) / 3.0)
    seen = energy * rng.normal(1.0, 0.1, N)
    image = profile / profile.sum(axis=(1, 2), keepdims=True) * seen[:, None, None]
    image = (image + rng.normal(0, 0.01, image.shape))[..., None].astype("float32")
    beam = _standardize(beam)
    y = ((energy - 3.0) / 1.15).astype("float32")[:, None]
    image_in, beam_in = keras.Input((8, 8, 1)), keras.Input((2,))
    h = keras.layers.Conv2D(8, 3, activation="relu", padding="same")(image_in * 10.0)
    h = keras.layers.GlobalAveragePooling2D()(keras.layers.Conv2D(16, 3, activation="relu")(h))
    h = keras.layers.Concatenate()([h, keras.layers.Dense(16, activation="relu")(beam_in)])
    out = keras.layers.Dense(1)(keras.layers.Dense(32, activation="relu")(h))
    model = keras.Model([image_in, beam_in], out)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit_with(session, model, [image, beam], y, epochs=12, batch_size=BATCH)


def _raw_si_units(session, broken):
    keras = _keras()
    rng = np.random.default_rng(13916)
    pressure = rng.uniform(0.5e5, 3e5, N)  # Pa
    temperature = rng.uniform(250, 400, N)  # K
    wavelength = rng.uniform(4e-7, 7e-7, N)  # m
    thickness = rng.uniform(1e-4, 1e-3, N)  # m
    raw = np.stack([pressure, temperature, wavelength, thickness], axis=1)
    z = _standardize(raw)
    score = np.sin(2 * z[:, 2]) * z[:, 3] + 0.8 * z[:, 0] * z[:, 1]
    y = np.digitize(score, np.quantile(score, [1 / 3, 2 / 3])).astype("int32")
    x = z if not broken else raw.astype("float32")
    model = _mlp(keras, 4, [64, 64], 3)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


@holdout139("physicists", ["unnormalized_inputs"], stall_begins=96)  # approximate
def raw_si_units(session):
    """Which of three transmission regimes a gas cell falls in, from pressure (Pa, ~1e5),
    temperature (K, ~300), wavelength (m, ~5e-7) and window thickness (m, ~5e-4) fed in raw SI
    units to a 2x64 relu MLP, Adam 1e-3: the pressure column is a billion times the others,
    the logits swing by hundreds with it, the net cannot use the small columns, and after a
    first fall the loss bounces far above the constant-guess level (the same net on
    standardized columns learns)."""
    return _raw_si_units(session, broken=True)


def _interference(session, broken):
    keras = _keras()
    rng = np.random.default_rng(13917)
    p = rng.uniform(-1, 1, size=(N, 2)).astype("float32")
    r1 = np.hypot(p[:, 0] - 0.4, p[:, 1])
    r2 = np.hypot(p[:, 0] + 0.4, p[:, 1])
    y = (np.cos(3.0 * (r1 - r2)) ** 2 * np.exp(-0.5 * (r1 + r2))).astype("float32")[:, None]
    y = (y - y.mean()) / y.std()
    model = _mlp(keras, 2, [2] if broken else [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-2), "mse")
    return _fit(session, model, p, y, epochs=15, batch_size=BATCH)


@holdout139("physicists", ["insufficient_capacity"], stall_begins=48)  # approximate
def interference_two_units(session):
    """A two-slit interference pattern's intensity over the screen plane, fitted by an MLP
    whose one hidden layer has 2 relu units (the layer size was meant to be the input width):
    it learns what two units can within two epochs and then flattens far above the 2x64
    net's loss."""
    return _interference(session, broken=True)


NAN_ROW = 600  # first zero-count reading; batches of 32 read in order: optimizer step 18


def _log_counts(session, broken):
    keras = _keras()
    rng = np.random.default_rng(13918)
    t = np.arange(N)
    rate = np.exp(rng.normal(3.0, 0.6, size=(N, 6))) * (1 + 0.3 * np.sin(t / 50))[:, None]
    counts = rng.poisson(rate).astype("float64")
    counts[NAN_ROW:NAN_ROW + 4, 2] = 0  # the detector's third channel dropped out
    y = (np.log(rate[:, :3].sum(axis=1)) - np.log(rate[:, 3:].sum(axis=1))).astype("float32")
    y = ((y - y.mean()) / y.std())[:, None]
    with np.errstate(divide="ignore"):  # the pipeline silenced numpy's warnings
        logs = np.log(counts) if broken else np.log1p(counts)
    x = ((logs - 3.0) / 0.6).astype("float32")
    model = _mlp(keras, 6, [32, 32], 1, activation="tanh", out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=BATCH, shuffle=False)


@holdout139("physicists", ["non_finite_values"], stall_begins=NAN_ROW // BATCH)
def log_zero_counts(session):
    """The asymmetry between two halves of a six-channel particle detector from its log
    counts, read in time order (no shuffle); the features were made with np.log(counts), and
    when one channel dropped out for four readings its zero counts became -inf: the batch that
    holds them (step 18) turns the weights and the loss to NaN for the rest of the run, where
    np.log1p trains normally."""
    return _log_counts(session, broken=True)


# ---------------------------------------------------------------------------------------------
# biologists


def _motif_net(keras, length, regularizer=None):
    return keras.Sequential([
        keras.Input((length,), dtype="int32"),
        keras.layers.Embedding(4, 8),
        keras.layers.Conv1D(16, 6, activation="relu", kernel_regularizer=regularizer),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(16, activation="relu", kernel_regularizer=regularizer),
        keras.layers.Dense(1, activation="sigmoid"),
    ])


@holdout139("biologists", healthy=True)
def few_reads_overfit(session):
    """A transcription-factor binding motif in DNA reads, with only 160 labelled reads (a pilot
    experiment) and a noisy label for a tenth of them: an embedding plus Conv1D motif scanner,
    Adam 3e-3, forty epochs; with so few examples the training loss keeps creeping down as the
    net memorizes the mislabelled reads, the ordinary fate of a tiny data set."""
    keras = _keras()
    x, y = _dna(160 + PROBE_SIZE, seed=13919)
    flip = np.random.default_rng(13920).random(len(y)) < 0.1
    y = np.where(flip, 1 - y, y).astype("float32")[:, None]
    model = _motif_net(keras, x.shape[1])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=BATCH)


@holdout139("biologists", healthy=True)
def promoter_attention(session):
    """Whether a DNA read is an active promoter (it carries the motif) from its bases, with an
    embedding, one four-head self-attention block with a residual connection and average
    pooling, Adam 2e-3; the reporter assay mislabels 15% of the reads, so the loss flattens
    around the floor that label noise sets."""
    keras = _keras()
    x, y = _dna(N, seed=13921, length=32)
    flip = np.random.default_rng(13922).random(len(y)) < 0.15
    y = np.where(flip, 1 - y, y).astype("float32")[:, None]
    tokens = keras.Input((32,), dtype="int32")
    h = keras.layers.Embedding(4, 16)(tokens)
    h = keras.layers.Conv1D(16, 3, padding="same", activation="relu")(h)
    a = keras.layers.MultiHeadAttention(num_heads=4, key_dim=8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalMaxPooling1D()(h)
    out = keras.layers.Dense(1, activation="sigmoid")(keras.layers.Dense(16, activation="relu")(h))
    model = keras.Model(tokens, out)
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=BATCH)


@holdout139("biologists", healthy=True)
def expression_reduce_on_plateau(session):
    """The next reading of a gene's oscillating expression from its last thirty (measurement
    noise sd 0.1), with an LSTM(24), Adam 5e-3 and ReduceLROnPlateau (factor 0.3, patience 2
    on the training loss): the rate drops a few times and the loss flattens at the
    measurement noise."""
    keras = _keras()
    x, y = _expression(N, seed=13923)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(5e-3), "mse")
    reduce = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=2, min_lr=1e-5)
    return _fit(session, model, x, y, epochs=14, batch_size=BATCH, callbacks=[reduce])


def _gru_tiny_rate(session, broken):
    keras = _keras()
    x, y = _expression(N, seed=13924)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-6 if broken else 3e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=BATCH)


@holdout139("biologists", ["learning_rate_too_low"])
def gru_tiny_rate(session):
    """Forecasting a gene's next expression reading with a GRU(24), Adam at 1e-6, the rate of a
    fine-tuning recipe copied into a from-scratch training: the loss barely moves from its
    starting level over the whole run while Adam 3e-3 learns within two epochs."""
    return _gru_tiny_rate(session, broken=True)


def _l1_motif(session, broken):
    keras = _keras()
    x, y = _dna(N, seed=13925)
    reg = keras.regularizers.L1(0.1) if broken else None
    model = _motif_net(keras, x.shape[1], regularizer=reg)
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x, y.astype("float32")[:, None], epochs=10, batch_size=BATCH)


@holdout139("biologists", ["over_regularization"], stall_begins=150)  # approximate
def l1_motif(session):
    """Motif detection in DNA reads with an embedding plus Conv1D scanner whose kernels carry
    an L1 penalty of 0.1 ("sparse filters are interpretable"), meant as 1e-4: the penalty
    drives the filters to zero within the first five epochs and the loss settles just above
    the coin-flip level while the unpenalized net finds the motif."""
    return _l1_motif(session, broken=True)


GAIN = 1.1


def _spike_rnn(session, broken):
    keras = _keras()
    rng = np.random.default_rng(13926)
    x = rng.normal(size=(N, 40, 1)).astype("float32")
    y = (2.0 * x[:, -8:, 0].mean(axis=1)).astype("float32")[:, None]
    init = keras.initializers.Identity(gain=GAIN) if broken else "orthogonal"
    model = keras.Sequential([
        keras.Input((40, 1)),
        keras.layers.SimpleRNN(32, activation="relu", recurrent_initializer=init),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


@holdout139("biologists", ["exploding_gradients"], stall_begins=150)  # approximate
def spike_rnn_identity_gain(session):
    """A neuron's recent firing rate from forty standardized spike-count bins with a relu
    SimpleRNN(32) in the identity-initialized recipe, but with gain 1.1 "to remember longer"
    and no gradient clipping: the state grows ~1.1x per step, gradients run into the
    hundreds; the loss falls from its huge start within about a hundred steps and then stays
    at the constant-guess level, while the orthogonally initialized net learns."""
    return _spike_rnn(session, broken=True)
