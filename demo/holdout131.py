"""The hundred-and-thirty-first held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Twenty-four small trainings in four trades, six each, half healthy and half broken. Every
scenario builds its own data from numpy with fixed seeds 13101..13176 (the last PROBE_SIZE rows
are the probe) and seeds Keras with `keras.utils.set_random_seed`.

Healthy but imperfect (12), correct models trained correctly whose loss does not go to zero:
- pharmacists: a plasma-level regression whose assay noise grows with the dose (MSE, Adam);
  adverse-reaction reports with a fifth of the labels wrong, under ReduceLROnPlateau; a custom
  GradientTape loop with the Huber loss on refill delays with Student-t (df 2) outliers.
- dentists: a small Conv2D net on x-ray patches with 15% disputed labels, which sits near chance
  for three epochs and then drops (a real plateau before a sudden fall); appointment no-shows
  at ~6% positives with class_weight {0: 1, 1: 8}; a 192-patient practice where a 2x128 MLP
  memorizes its rows and the training loss keeps sliding.
- veterinarians: a GRU on heart-rate traces with a linear warm-up and cosine decay; a two-input
  model (breed Embedding + numeric) on SGD with momentum, flat for two epochs, then a sharp
  drop and a long slow tail; a MultiHeadAttention block over a cat's last ten visits whose
  outcome is only partly predictable, still slowly improving at the end.
- farmers: the 90th-percentile wheat yield with a pinball (quantile) loss on skewed noise; egg
  counts with an exponential output and the Poisson loss (negative in Keras, which drops the
  log(y!) term); a Conv1D + LSTM soil-moisture forecaster on SGD with PiecewiseConstantDecay.

Broken (12), one per cause, each a mistake in code; every helper `_name(session, broken)` also
trains the fixed run, and each broken loss was compared with its fix (Session(None)):
- learning_rate_too_high (pharmacists): the SGD rate 0.5 pasted into Adam for a 2x64 relu MLP
  on eight pill types; the loss bounces between ~10 and ~300 (fixed: ~0.004).
- poor_initialization (pharmacists): Constant(0.05) hidden kernels "for reproducibility", so
  each 64-wide layer acts as one unit; flat near 1.2 (fixed: ~0.1).
- non_finite_values (pharmacists): a daily-dose target computed as pills / days with one
  same-day refill (0 days), read in date order: inf in the target, NaN loss from that batch.
- unnormalized_inputs (dentists): a chart fed raw, income in dollars next to pocket depth in mm,
  2x64 relu MLP with Adam; the loss bounces in the hundreds (fixed: ~0.06).
- loss_activation_mismatch (dentists): a relu output kept from a depth regressor when predicting
  the (mostly negative) change in pocket depth; the output dies and the MSE is flat at ~2.1
  (fixed: ~0.07).
- dead_relus (dentists): a relu Conv2D net with biases -2 on [0, 1] patches; the loss is ln 2
  from the first step (fixed: ~0.007).
- vanishing_gradients (veterinarians): ten stacked sigmoid Conv1D layers on bird calls with SGD
  and momentum; flat at ln 4 (fixed with relu: ~0.2).
- exploding_gradients (veterinarians): a tanh SimpleRNN whose recurrent kernel is N(0, 1)
  instead of orthogonal: chaotic dynamics, gradients ~1e7 through 40 steps, while the tanh
  keeps the loss finite; it stays at the prior's ln 2 (fixed: ~0.26).
- insufficient_capacity (veterinarians): one relu unit for five ring-shaped grades; creeps to
  ~1.5 and levels off (fixed 2x64: ~0.17).
- learning_rate_too_low (farmers): an LSTM on Adam at 1e-6 (a rate read in the wrong units);
  1.615 to 1.607 in ten epochs (fixed: ~0.32).
- saturated_activations (farmers): RandomNormal(0.5) read as a stddev but the positional
  argument is the mean, on [0, 1] inputs: every tanh unit at +1; flat at ~0.645 after the head
  learns the prior (fixed: ~0.11).
- over_regularization (farmers): L1(0.5) for L1(5e-5) on the hidden kernels; once the penalty has
  shrunk the weights the loss is flat at ~2.75 (fixed: ~0.14).

Dropped or changed because they did not behave as intended: a multi-label softmax output under
binary cross-entropy (Keras 3 trains it through the logits as if sigmoid; identical to the fix
to four decimals); then a linear output under binary cross-entropy on probabilities (it still
learned, down to 0.15, with bumps), replaced by the relu output above; an inf in an input
feature of a relu MLP (the loss stayed finite and frozen, not NaN), moved to the target; the
exploding-gradient RNN with a glorot-initialized head (the loss crept down from 0.87 to the
prior's 0.69 for 13 epochs, which reads as improvement), given a zero-initialized head in both
versions; two relu units for the blood panel (still improving), reduced to one; the deep relu
Conv1D fix at SGD 0.05 (it diverged), so both versions use 0.02; Adam 1e-2 instead of 2e-3 for
the constant-init net so its ceiling shows within the run. Adam 2e-3 made the small-practice
run spike late (0.01 to 0.2 and back), so it uses 1e-3 and 36 epochs.

Labels: `expected_causes` holds the one root cause each broken run was built around.
`stall_begins` is the 0-based optimizer step from which the broken loss stops improving, or
None when it never improves (learning_rate_too_high, unnormalized_inputs, dead_relus,
vanishing_gradients, exploding_gradients, learning_rate_too_low, loss_activation_mismatch,
whose output dies within the first epoch). The non_finite_values step is exact (the inf row
608 is read in step 19 with batch 32); the others (poor_initialization 160,
insufficient_capacity 224, over_regularization 160, saturated_activations 24) were read off the
per-step loss and are approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _keras, _standardize, registrar

FAMILIES = ('pharmacists', 'dentists', 'veterinarians', 'farmers')

REGISTRY = []

holdout131 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# helpers


def _rng(seed):
    return np.random.default_rng(seed)


def _fit_inputs(session, model, x, y, *, epochs, batch_size, shuffle=True, callbacks=(),
                class_weight=None):
    """model.fit on all but the last PROBE_SIZE rows (the probe); `x` may be a list of arrays
    for a multi-input model. Returns the per-epoch mean training loss."""
    xs = x if isinstance(x, (list, tuple)) else [x]
    x_train = [part[:-PROBE_SIZE] for part in xs]
    probe_x = [part[-PROBE_SIZE:] for part in xs]
    if not isinstance(x, (list, tuple)):
        x_train, probe_x = x_train[0], probe_x[0]
    history = model.fit(
        x_train,
        y[:-PROBE_SIZE],
        epochs=epochs,
        batch_size=batch_size,
        shuffle=shuffle,
        verbose=0,
        class_weight=class_weight,
        callbacks=list(callbacks) + session.callbacks((probe_x, y[-PROBE_SIZE:])),
    )
    return history.history["loss"]


def _dense_stack(keras, inputs, hidden, outputs, activation="relu", out_activation=None,
                 **dense_kw):
    layers = [keras.Input((inputs,))]
    layers += [keras.layers.Dense(h, activation=activation, **dense_kw) for h in hidden]
    layers.append(keras.layers.Dense(outputs, activation=out_activation))
    return keras.Sequential(layers)


# ---------------------------------------------------------------------------------------------
# pharmacists: plasma levels, adverse reactions, refills, pill identification, dispensing


def _patients(seed, n=N, dim=8):
    """Standardized patient covariates: dose, body weight, age, kidney function and others."""
    return _rng(seed).normal(size=(n, dim)).astype("float32")


@holdout131("pharmacists", healthy=True)
def plasma_level_heteroscedastic(session):
    """A pharmacist predicts a drug's plasma level from dose, weight, age and kidney function
    with a 2x48 relu MLP, MSE and Adam 3e-3 for 20 epochs; the assay noise grows with the dose
    (its variance is ~0.6), so after a fast first drop the loss eases slowly down past 0.5 as
    the net starts to fit the noise of its 1,024 rows, far above zero."""
    keras = _keras()
    keras.utils.set_random_seed(13101)
    x = _patients(13101)
    rng = _rng(13102)
    dose = x[:, 0]
    mean = 1.2 * dose - 0.8 * x[:, 3] + 0.5 * np.tanh(x[:, 1] * x[:, 2]) + 0.3 * x[:, 4] ** 2
    noise = rng.normal(size=N) * 0.4 * (1.0 + np.abs(dose))
    y = (mean + noise).astype("float32")
    model = _dense_stack(keras, 8, [48, 48], 1)
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit_inputs(session, model, x, y, epochs=20, batch_size=32)


@holdout131("pharmacists", healthy=True)
def adverse_reaction_noisy_reports(session):
    """Adverse-reaction reports (yes/no) from 10 patient covariates where a fifth of the reports
    are wrong; 2x32 relu MLP, Adam 2e-3 with ReduceLROnPlateau on the training loss (factor 0.5,
    patience 2), 25 epochs: the cross-entropy descends slowly around the label-noise floor
    (~0.5) and ends a little under it as the net memorizes some flipped reports."""
    keras = _keras()
    keras.utils.set_random_seed(13103)
    x = _patients(13103, dim=10)
    rng = _rng(13104)
    logit = 2.0 * x[:, 0] - 1.5 * x[:, 1] * x[:, 2] + np.sin(2 * x[:, 3])
    y = (logit > 0).astype("int32")
    flip = rng.random(N) < 0.2
    y[flip] = 1 - y[flip]
    model = _dense_stack(keras, 10, [32, 32], 2, out_activation="softmax")
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=2,
                                                min_delta=1e-3)
    return _fit_inputs(session, model, x, y, epochs=25, batch_size=32, callbacks=[plateau])


@holdout131("pharmacists", healthy=True)
def refill_delay_huber_loop(session):
    """Custom GradientTape loop: days a refill is collected late, from 8 covariates, with
    heavy-tailed (Student-t, 2 degrees of freedom) noise from patients who forget; 2x32 relu
    MLP, Huber loss (delta 1), Adam 2e-3, 15 epochs. The Huber loss levels off where the
    outliers leave it, well above zero."""
    keras = _keras()
    keras.utils.set_random_seed(13105)
    x = _patients(13105)
    rng = _rng(13106)
    y = 1.5 * x[:, 0] + np.maximum(x[:, 1], 0) * 2.0 - x[:, 2] * x[:, 5] + rng.standard_t(2, N)
    y = y.astype("float32")[:, None]
    model = _dense_stack(keras, 8, [32, 32], 1)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), keras.losses.Huber(1.0),
                        x, y, epochs=15, batch_size=32, seed=13105)


def _pill_identification(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(13111)
    rng = _rng(13111)
    centres = rng.normal(size=(8, 16)) * 1.6
    y = rng.integers(0, 8, N)
    x = (centres[y] + rng.normal(size=(N, 16))).astype("float32")
    model = _dense_stack(keras, 16, [64, 64], 8, out_activation="softmax")
    rate = 0.5 if broken else 1e-3
    model.compile(keras.optimizers.Adam(rate), "sparse_categorical_crossentropy")
    return _fit_inputs(session, model, x, y.astype("int32"), epochs=12, batch_size=32)


@holdout131("pharmacists", ["learning_rate_too_high"])
def pill_identification_adam_half(session):
    """Eight pill types told apart from 16 imprint and colour measurements with a 2x64 relu MLP
    and Adam at 0.5: the SGD rate from the pharmacy's old script was pasted into Adam, which
    works at 1e-3. Each step throws the weights far past the minimum."""
    return _pill_identification(session, broken=True)


def _dispensing_error(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(13113)
    x = _patients(13113, dim=12)
    score = np.stack([x[:, 0] + x[:, 1], x[:, 2] * x[:, 3], -x[:, 0] + x[:, 4],
                      np.abs(x[:, 5]) - 0.8, x[:, 6] - x[:, 7], x[:, 8] * 0.0], axis=1)
    y = score.argmax(1).astype("int32")
    init = keras.initializers.Constant(0.05) if broken else "glorot_uniform"
    model = _dense_stack(keras, 12, [64, 64], 6, out_activation="softmax",
                         kernel_initializer=init)
    model.compile(keras.optimizers.Adam(1e-2), "sparse_categorical_crossentropy")
    return _fit_inputs(session, model, x, y, epochs=15, batch_size=32)


@holdout131("pharmacists", ["poor_initialization"], stall_begins=160)  # approximate
def dispensing_error_constant_init(session):
    """Which of six dispensing errors a prescription is at risk of, from 12 covariates; a 2x64
    relu MLP whose hidden kernels were initialized with Constant(0.05) "so runs are
    reproducible". Every unit of a layer starts identical and gets identical updates, so the
    64-wide layers act as one unit; Adam 2e-3."""
    return _dispensing_error(session, broken=True)


INF_ROW = 608  # read in file order with batch 32: first seen in step 19 (0-based)


def _daily_dose(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(13115)
    rng = _rng(13115)
    pills = rng.integers(10, 90, N).astype("float32")
    days = rng.integers(5, 30, N).astype("float32")
    age = rng.normal(60, 12, N).astype("float32")
    weight = rng.normal(75, 14, N).astype("float32")
    prescribed = pills / days * np.exp(0.1 * rng.normal(size=N))
    if broken:
        days[INF_ROW] = 0.0  # a same-day refill logged with zero days
    with np.errstate(divide="ignore"):
        taken = pills / days  # the daily dose actually taken, the target
    x = _standardize(np.stack([prescribed, age, weight, pills], axis=1))
    finite = np.isfinite(taken)
    y = ((taken - taken[finite].mean()) / taken[finite].std()).astype("float32")
    model = _dense_stack(keras, 4, [32, 32], 1)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit_inputs(session, model, x, y, epochs=8, batch_size=32, shuffle=False)


@holdout131("pharmacists", ["non_finite_values"], stall_begins=INF_ROW // 32)
def daily_dose_division_by_zero(session):
    """The daily dose a patient actually takes (pills dispensed / days until the next refill,
    standardized) from the prescribed dose, age, weight and pill count, read in date order (no
    shuffle), 2x32 relu MLP, Adam 2e-3. One same-day refill has zero days, so its target is
    inf; from that batch on the loss is inf/NaN and the weights are NaN."""
    return _daily_dose(session, broken=True)


# ---------------------------------------------------------------------------------------------
# dentists: x-ray patches, no-shows, small clinics, gum disease, findings, scans


def _xray_patches(seed, n=N, size=16, contrast=0.35):
    """Grey 16x16 x-ray patches; label 1 when a dark lesion (cavity) is present."""
    rng = _rng(seed)
    yy, xx = np.mgrid[0:size, 0:size]
    images = 0.6 + 0.1 * rng.normal(size=(n, size, size))
    labels = rng.integers(0, 2, n)
    for i in np.flatnonzero(labels):
        cy, cx = rng.uniform(3, size - 3, 2)
        radius = rng.uniform(1.5, 3.0)
        images[i] -= contrast * np.exp(-((yy - cy) ** 2 + (xx - cx) ** 2) / (2 * radius**2))
    return images[..., None].astype("float32"), labels.astype("int32")


@holdout131("dentists", healthy=True)
def cavity_patches_disputed_labels(session):
    """Cavity or not on 16x16 bitewing x-ray patches, a small Conv2D net (8 and 16 filters,
    max and global pooling), Adam 2e-3, 12 epochs; 15% of the labels are cases where two
    dentists disagreed and the second one was kept. The loss sits near chance for three
    epochs until the filters find the lesion, drops, and flattens well above zero (~0.44)."""
    keras = _keras()
    keras.utils.set_random_seed(13121)
    x, y = _xray_patches(13121)
    flip = _rng(13122).random(N) < 0.15
    y[flip] = 1 - y[flip]
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(2, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit_inputs(session, model, x, y, epochs=12, batch_size=32)


@holdout131("dentists", healthy=True)
def appointment_no_shows_weighted(session):
    """Appointment no-shows (about 6% of bookings) from 9 booking features, 2x32 relu MLP with
    a sigmoid output, binary cross-entropy with class_weight {0: 1, 1: 8}, Adam 1e-3, 15 epochs:
    the weighted loss falls and then flattens high because no-shows are mostly unpredictable."""
    keras = _keras()
    keras.utils.set_random_seed(13123)
    x = _patients(13123, dim=9)
    logit = -3.4 + 1.2 * x[:, 0] + 0.8 * x[:, 1] - 0.6 * x[:, 2] * x[:, 3]
    y = (_rng(13124).random(N) < 1 / (1 + np.exp(-logit))).astype("float32")
    model = _dense_stack(keras, 9, [32, 32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_inputs(session, model, x, y, epochs=15, batch_size=32,
                       class_weight={0: 1.0, 1: 8.0})


SMALL_CLINIC = 192


@holdout131("dentists", healthy=True)
def small_clinic_overfits(session):
    """A single practice's 192 patients: treatment time in minutes (standardized) from 10
    chart features, a 2x128 relu MLP, Adam 1e-3, batch 16, 36 epochs. With so few rows the
    training loss keeps sliding under the noise level as the net memorizes them."""
    keras = _keras()
    keras.utils.set_random_seed(13125)
    n = SMALL_CLINIC + PROBE_SIZE
    x = _patients(13125, n=n, dim=10)
    y = x[:, 0] - 0.7 * x[:, 1] + 0.5 * x[:, 2] * x[:, 3] + 0.6 * _rng(13126).normal(size=n)
    model = _dense_stack(keras, 10, [128, 128], 1)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit_inputs(session, model, x, y.astype("float32"), epochs=36, batch_size=16)


def _gum_disease(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(13131)
    rng = _rng(13131)
    z = rng.normal(size=(N, 6))
    # pocket depth (mm), age (years), income ($), sugary drinks per week, visits, bleeding sites
    scale = np.array([1.2, 14.0, 22000.0, 6.0, 1.5, 5.0])
    offset = np.array([3.5, 48.0, 61000.0, 9.0, 2.0, 8.0])
    logit = 1.6 * z[:, 0] + 0.9 * z[:, 5] - 0.8 * z[:, 4] + 0.7 * z[:, 1] * z[:, 3]
    y = (logit > 0).astype("int32")
    raw = (z * scale + offset).astype("float32")
    x = raw if broken else _standardize(raw)
    model = _dense_stack(keras, 6, [64, 64], 2, out_activation="softmax")
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit_inputs(session, model, x, y, epochs=12, batch_size=32)


@holdout131("dentists", ["unnormalized_inputs"])
def gum_disease_raw_chart(session):
    """Periodontitis from six chart columns fed raw: pocket depth in mm (~3.5), age in years,
    household income in dollars (~61,000), drinks per week, visits and bleeding sites. The
    income column dwarfs the rest; 2x64 relu MLP, Adam 1e-3, 12 epochs."""
    return _gum_disease(session, broken=True)


def _pocket_change(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(13133)
    x = _patients(13133, dim=14)
    rng = _rng(13134)
    weights = rng.normal(size=14) * 0.3
    # change in pocket depth (mm) after scaling and root planing: mostly a reduction
    y = (-1.0 + x @ weights + 0.3 * np.tanh(x[:, 0] * x[:, 1]) + 0.3 * rng.normal(size=N))
    model = _dense_stack(keras, 14, [64, 64], 1, out_activation="relu" if broken else None)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit_inputs(session, model, x, y.astype("float32"), epochs=12, batch_size=32)


@holdout131("dentists", ["loss_activation_mismatch"])
def pocket_change_relu_output(session):
    """The change in gum-pocket depth (mm) six weeks after scaling and root planing, from 14
    chart measurements, with a 2x64 relu MLP whose output layer kept the relu of the model it
    was copied from (one that predicted the depth itself, always positive). Most changes are
    reductions (negative), which a relu output cannot produce; MSE, Adam 2e-3."""
    return _pocket_change(session, broken=True)


def _panoramic(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(13135)
    x, y = _xray_patches(13135, contrast=0.5)
    bias = keras.initializers.Constant(-2.0) if broken else "zeros"
    conv = dict(activation="relu", padding="same", bias_initializer=bias)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(16, 3, **conv),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, **conv),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(2, activation="softmax"),
    ])
    model.compile(keras.optimizers.RMSprop(2e-3), "sparse_categorical_crossentropy")
    return _fit_inputs(session, model, x, y, epochs=10, batch_size=32)


@holdout131("dentists", ["dead_relus"])
def lesion_cnn_negative_bias(session):
    """Cavity detection on 16x16 x-ray patches with a two-layer relu Conv2D net whose biases
    were set to -2 (from a sparse-feature recipe meant for unnormalized inputs); the patches
    lie in [0, 1], so no filter ever fires and nothing flows back. RMSprop 2e-3."""
    return _panoramic(session, broken=True)


# ---------------------------------------------------------------------------------------------
# veterinarians: heart rhythms, breeds, visit histories, calls, arrhythmias, blood panels


def _rhythms(seed, n=N, length=32):
    """Heart-rate traces of three rhythm types (regular, sinus arrhythmia, dropped beats)."""
    rng = _rng(seed)
    t = np.arange(length)
    y = rng.integers(0, 3, n)
    x = rng.normal(size=(n, length)) * 0.5
    phase = rng.uniform(0, 2 * np.pi, n)
    x[y == 1] += np.sin(0.5 * t[None, :] + phase[y == 1, None]) * 1.0
    drops = (rng.random((n, length)) < 0.12) & (y[:, None] == 2)
    x -= 2.0 * drops
    return x[..., None].astype("float32"), y.astype("int32")


@holdout131("veterinarians", healthy=True)
def heart_rhythm_gru_warmup_cosine(session):
    """Three heart-rhythm types from 32-beat heart-rate traces of dogs, GRU(16), Adam with a
    linear warm-up over 60 steps to 4e-3 and cosine decay over the rest of the 12 epochs: the
    loss falls fast once warm, and flattens as the rate decays to zero."""
    keras = _keras()
    keras.utils.set_random_seed(13141)
    x, y = _rhythms(13141)
    steps = 12 * (N - PROBE_SIZE) // 32
    schedule = keras.optimizers.schedules.CosineDecay(0.0, steps - 60, warmup_target=4e-3,
                                                      warmup_steps=60)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(16),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit_inputs(session, model, x, y, epochs=12, batch_size=32)


BREEDS = 40


@holdout131("veterinarians", healthy=True)
def breed_weight_embedding_slow(session):
    """Adult body weight (standardized) from breed (a 40-way Embedding of width 4), age and
    sex, a two-input model with SGD 0.01 and momentum 0.9 for 15 epochs: the loss hardly moves
    for two epochs, drops sharply once the breed table sorts out, and then keeps easing down
    slowly just above the individual variation between animals."""
    keras = _keras()
    keras.utils.set_random_seed(13143)
    rng = _rng(13143)
    breed = rng.integers(0, BREEDS, N)
    numeric = rng.normal(size=(N, 2)).astype("float32")
    breed_size = rng.normal(size=BREEDS) * 1.2
    y = breed_size[breed] + 0.3 * numeric[:, 0] - 0.15 * numeric[:, 0] ** 2 + 0.2 * numeric[:, 1]
    y = (y + 0.35 * rng.normal(size=N)).astype("float32")
    breed_in = keras.Input((1,), dtype="int32")
    numeric_in = keras.Input((2,))
    embedded = keras.layers.Flatten()(keras.layers.Embedding(BREEDS, 4)(breed_in))
    hidden = keras.layers.Dense(32, activation="relu")(
        keras.layers.Concatenate()([embedded, numeric_in]))
    model = keras.Model([breed_in, numeric_in], keras.layers.Dense(1)(hidden))
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit_inputs(session, model, [breed[:, None].astype("int32"), numeric], y,
                       epochs=15, batch_size=32)


VISITS = 10


@holdout131("veterinarians", healthy=True)
def visit_history_attention(session):
    """Whether a cat develops kidney disease, from its last 10 visits (6 lab values each),
    with one MultiHeadAttention block (2 heads) over the visits, average pooling and a
    softmax head, Adam 2e-3, 12 epochs. The outcome is only partly written in the labs, so the
    loss descends slowly and steadily from 0.70 and is still well above zero (~0.65) at the
    end."""
    keras = _keras()
    keras.utils.set_random_seed(13145)
    rng = _rng(13145)
    x = rng.normal(size=(N, VISITS, 6)).astype("float32")
    trend = x[:, -3:, 0].mean(1) - x[:, :3, 0].mean(1) + 0.5 * x[:, :, 1].max(1)
    y = (trend + 0.6 * rng.normal(size=N) > 0.6).astype("int32")
    inputs = keras.Input((VISITS, 6))
    h = keras.layers.Dense(16)(inputs)
    h = keras.layers.LayerNormalization()(h + keras.layers.MultiHeadAttention(2, 8)(h, h))
    h = keras.layers.GlobalAveragePooling1D()(keras.layers.Dense(16, activation="relu")(h))
    model = keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit_inputs(session, model, x, y, epochs=12, batch_size=32)


def _bird_calls(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(13151)
    rng = _rng(13151)
    length = 64
    t = np.arange(length)
    y = rng.integers(0, 4, N)
    freq = np.array([0.15, 0.3, 0.5, 0.8])[y]
    x = np.sin(freq[:, None] * t[None, :] + rng.uniform(0, 6.3, (N, 1)))
    x = (x + 0.4 * rng.normal(size=(N, length)))[..., None].astype("float32")
    activation = "sigmoid" if broken else "relu"
    layers = [keras.Input((length, 1))]
    layers += [keras.layers.Conv1D(12, 3, activation=activation, padding="same")
               for _ in range(10)]
    layers += [keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(4, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit_inputs(session, model, x, y.astype("int32"), epochs=10, batch_size=32)


@holdout131("veterinarians", ["vanishing_gradients"])
def bird_call_deep_sigmoid_conv1d(session):
    """Which of four parrot species is calling, from 64-sample audio snippets, with ten stacked
    Conv1D layers (12 filters each) using sigmoid activations, as in the 1990s textbook the
    vet's script was ported from; SGD 0.02 with momentum 0.9. Each sigmoid layer scales the
    gradient down by 4 or more, so the first filters barely move."""
    return _bird_calls(session, broken=True)


BEATS = 40


def _arrhythmia(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(13153)
    rng = _rng(13153)
    x = rng.normal(size=(N, BEATS, 1)).astype("float32")
    y = (x[:, : BEATS // 2, 0].mean(1) > x[:, BEATS // 2:, 0].mean(1)).astype("int32")
    init = keras.initializers.RandomNormal(stddev=1.0, seed=13153) if broken else "orthogonal"
    model = keras.Sequential([
        keras.Input((BEATS, 1)),
        keras.layers.SimpleRNN(32, recurrent_initializer=init),
        keras.layers.Dense(2, activation="softmax", kernel_initializer="zeros"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit_inputs(session, model, x, y, epochs=15, batch_size=32)


@holdout131("veterinarians", ["exploding_gradients"])
def arrhythmia_rnn_unit_normal_recurrent(session):
    """Whether a horse's heart slows down over 40 beat intervals (first half faster than the
    second), a tanh SimpleRNN(32) whose recurrent kernel was initialized N(0, 1) ("standard
    normal") instead of orthogonal: its gain is ~5.7 per step, the dynamics are chaotic and the
    gradient through 40 steps is ~1e7 while the tanh keeps the loss finite. The softmax head
    starts at zero (the class prior), Adam 3e-3; the loss never gets below the prior's."""
    return _arrhythmia(session, broken=True)


def _blood_panel(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(13155)
    rng = _rng(13155)
    angle = rng.uniform(0, 2 * np.pi, N)
    y = rng.integers(0, 5, N)
    radius = 1.0 + y + 0.25 * rng.normal(size=N)
    x = np.stack([radius * np.cos(angle), radius * np.sin(angle)], 1)
    x = np.concatenate([x, rng.normal(size=(N, 4))], 1).astype("float32")
    width = [1] if broken else [64, 64]
    model = _dense_stack(keras, 6, width, 5, out_activation="softmax")
    model.compile(keras.optimizers.Adam(1e-2), "sparse_categorical_crossentropy")
    return _fit_inputs(session, model, x, y.astype("int32"), epochs=12, batch_size=32)


@holdout131("veterinarians", ["insufficient_capacity"], stall_begins=224)  # approximate
def blood_panel_one_unit(session):
    """Five grades of a liver condition from a blood panel where the grade is the distance from
    a healthy point in two enzyme values (rings), plus four irrelevant values; the network has
    one hidden layer of a single relu unit (the hidden-layer argument took the number of
    layers, 1, as the widths list). Adam 1e-2: it learns what one half-plane can, then
    plateaus."""
    return _blood_panel(session, broken=True)


# ---------------------------------------------------------------------------------------------
# farmers: yields, eggs, soil moisture, rainfall, soil probes, field records


def _fields(seed, n=N, dim=7):
    """Standardized field covariates: rainfall, nitrogen, temperature, soil depth and others."""
    return _rng(seed).normal(size=(n, dim)).astype("float32")


@holdout131("farmers", healthy=True)
def wheat_yield_upper_quantile(session):
    """A farmer wants the 90th-percentile wheat yield of a field (to size the storage), from
    rainfall, nitrogen, temperature and soil; a 2x32 relu MLP trained with the pinball loss at
    q = 0.9, Adam 2e-3, 15 epochs. The yield noise is skewed (gamma) so the pinball loss flattens
    at a positive level set by the spread."""
    keras = _keras()
    keras.utils.set_random_seed(13161)
    x = _fields(13161)
    rng = _rng(13162)
    y = 1.0 * x[:, 0] + 0.6 * x[:, 1] - 0.4 * x[:, 2] ** 2 + rng.gamma(2.0, 0.5, N) - 1.0
    y = y.astype("float32")[:, None]

    def pinball(targets, predictions):
        error = targets - predictions
        return keras.ops.mean(keras.ops.maximum(0.9 * error, -0.1 * error), axis=-1)

    model = _dense_stack(keras, 7, [32, 32], 1)
    model.compile(keras.optimizers.Adam(2e-3), pinball)
    return _fit_inputs(session, model, x, y, epochs=15, batch_size=32)


@holdout131("farmers", healthy=True)
def egg_counts_poisson(session):
    """Eggs laid per hen per week from breed, age, daylight hours and feed (Poisson counts,
    mean ~4), a 2x32 relu MLP with an exponential output and the Poisson loss, Adam 2e-3, 15
    epochs: the loss (Keras's Poisson loss leaves out the log(y!) term, so it is negative here)
    flattens at the Poisson noise floor rather than at its minimum for exact predictions."""
    keras = _keras()
    keras.utils.set_random_seed(13163)
    x = _fields(13163, dim=6)
    rate = np.exp(1.3 + 0.3 * x[:, 0] - 0.2 * x[:, 1] ** 2 + 0.15 * x[:, 2] * x[:, 3])
    y = _rng(13164).poisson(rate).astype("float32")[:, None]
    model = _dense_stack(keras, 6, [32, 32], 1, out_activation="exponential")
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit_inputs(session, model, x, y, epochs=15, batch_size=32)


def _soil_series(seed, n=N, length=30):
    """Daily soil-moisture readings (standardized) and the next day's reading."""
    rng = _rng(seed)
    rain = (rng.random((n, length + 1)) < 0.15) * rng.exponential(1.0, (n, length + 1))
    moisture = np.zeros((n, length + 1))
    for t in range(1, length + 1):
        moisture[:, t] = 0.85 * moisture[:, t - 1] + rain[:, t]
    moisture += 0.1 * rng.normal(size=moisture.shape)
    moisture = (moisture - moisture.mean()) / moisture.std()
    return moisture[:, :-1, None].astype("float32"), moisture[:, -1].astype("float32")


@holdout131("farmers", healthy=True)
def soil_moisture_step_decay(session):
    """Tomorrow's soil moisture from the last 30 days with a Conv1D(16, 5) + LSTM(16) model, SGD
    with momentum 0.9 and a PiecewiseConstantDecay rate (0.05, then 0.01 from step 192, 0.002
    from step 384), 16 epochs: the loss drops at each step of the schedule and then flattens at
    tomorrow's unforeseeable rain."""
    keras = _keras()
    keras.utils.set_random_seed(13165)
    x, y = _soil_series(13165)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([192, 384], [0.05, 0.01, 0.002])
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="causal"),
        keras.layers.LSTM(16),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "mse")
    return _fit_inputs(session, model, x, y, epochs=16, batch_size=32)


def _rainfall(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(13171)
    x, y = _soil_series(13171, length=24)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-6 if broken else 1e-3), "mse")
    return _fit_inputs(session, model, x, y, epochs=10, batch_size=32)


@holdout131("farmers", ["learning_rate_too_low"])
def soil_forecast_lstm_rate_in_wrong_units(session):
    """Tomorrow's soil moisture from 24 days of readings with an LSTM(24); the config file gave
    the rate as "1e-3" under a key documented in thousandths, so Adam ran at 1e-6. Ten epochs
    move the weights by a hundredth of what they need."""
    return _rainfall(session, broken=True)


def _soil_probe(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(13173)
    rng = _rng(13173)
    x = rng.uniform(size=(N, 12)).astype("float32")  # probe readings min-max scaled to [0, 1]
    w = rng.normal(size=12)
    y = ((x - 0.5) @ w + 0.5 * np.sin(3 * x[:, 0]) > 0).astype("int32")
    if broken:
        init = keras.initializers.RandomNormal(0.5, seed=13173)  # positional: mean, not stddev
    else:
        init = keras.initializers.RandomNormal(stddev=0.5, seed=13173)
    model = _dense_stack(keras, 12, [64, 64], 2, activation="tanh", out_activation="softmax",
                         kernel_initializer=init)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit_inputs(session, model, x, y, epochs=15, batch_size=32)


@holdout131("farmers", ["saturated_activations"], stall_begins=24)  # approximate
def soil_probe_tanh_init_mean(session):
    """Whether a field needs lime, from 12 soil-probe readings scaled to [0, 1], with a 2x64
    tanh MLP initialized with RandomNormal(0.5): meant as stddev 0.5, the positional argument
    is the mean. Every weight is ~0.5 and every input positive, so the pre-activations are ~3
    in the first layer and ~30 in the second: all units sit at tanh = 1. Adam 1e-3."""
    return _soil_probe(session, broken=True)


def _field_records(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(13175)
    x = _fields(13175, dim=10)
    y = (np.sin(x[:, 0]) + x[:, 1] * x[:, 2] - 0.5 * x[:, 3] ** 2 + 0.5 * x[:, 4]
         + 0.2 * _rng(13176).normal(size=N))
    penalty = keras.regularizers.L1(0.5 if broken else 5e-5)
    model = _dense_stack(keras, 10, [64, 64], 1, kernel_regularizer=penalty)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit_inputs(session, model, x, y.astype("float32"), epochs=12, batch_size=32)


@holdout131("farmers", ["over_regularization"], stall_begins=160)  # approximate
def field_yield_l1_half(session):
    """Standardized yield of a field from ten records (rainfall, nitrogen, soil and others)
    with a 2x64 relu MLP carrying an L1 penalty of 0.5 on each hidden kernel (meant 5e-5; the
    exponent was lost when the setting was copied). Adam 2e-3: the penalty pins the weights
    near zero and the fit stays near the mean."""
    return _field_records(session, broken=True)
