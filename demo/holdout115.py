"""The hundred-and-fifteenth held-out catalogue: written by someone who did not read the engine
or run the diagnosis on these runs, and scored once.

Twenty-four small trainings in four families, each with its own story: astronomers (stellar
colours, transient alerts, variable-star light curves), seismologists (magnitudes, aftershock
counts, seismograms and microseisms), oceanographers (wave heights, sea-surface temperature,
moored buoys, CTD casts) and hydrologists (catchments, gauges, floods, ephemeral streams). All
data are synthetic and drawn from fixed seeds 11501..11531; the last PROBE_SIZE rows of every
set are the held-out probe and are never trained on.

Healthy half (12 runs, correct models trained correctly, whose loss flattens above zero or
moves in unusual ways because of the data or the schedule): a colour MLP on spectral labels of
which 30% are random (flattens near 0.75); a rare-transient detector (~3% positives) trained
with class_weight; a Conv1D light-curve classifier on noisy curves with a PiecewiseConstantDecay
schedule; a magnitude regressor with Student-t label noise trained with the Huber loss; a
Poisson-loss aftershock-count model with an exponential output (its loss is negative, as the
Keras Poisson loss is); a GRU event classifier with ReduceLROnPlateau that sits at log 3 for its
first ~60 steps before it learns; a custom GradientTape loop fitting the 90th percentile of
wave height with the pinball loss; a heteroscedastic sea-surface-temperature MLP on a warm-up +
cosine schedule; a two-input model with a buoy-id embedding; a small-data MLP (160 catchments)
that memorizes its training set; a tanh MLP trained by plain SGD, slow at first and still
improving at the end; and a 3-of-10 parity flood rule whose loss sits near log 2 for ~100 steps
before it drops steeply.

Broken half (12 runs, one per cause, each a mistake made in code; every one was trained beside
its corrected twin with Session(None) and stalls well above it): Adam at 0.5 for a mistyped 5e-4
(Conv1D); kernels initialized to Constant(0.05), making every unit of a layer identical (MLP);
RandomNormal(0.5) read as the mean instead of the standard deviation, pinning a sigmoid MLP at 1
(MLP); Adam at 1e-5 copied from a fine-tuning recipe (LSTM); conv biases initialized to -2 so
no relu fires (Conv1D); a SimpleRNN with RandomNormal(stddev=1.0) recurrent weights whose
gradient is ~1e9 at the start (SimpleRNN); a 10-layer sigmoid MLP (vanishing gradients); a
relu output for a negative target (Conv1D regression); L2(0.5) pasted from an AdamW weight
decay into every layer of a self-attention model; raw catchment units (area ~15,000 km^2) into
a tanh MLP; a logistic regression on an XOR-like flood region; and log(0) in the targets of a
custom loop, which turns the loss NaN from its 11th step.

Dropped or changed because they did not behave as intended: a tanh output under binary
cross-entropy (meant as the loss/activation mismatch) still learned to 0.38 against 0.25, so the
mismatch became a relu head for a negative target. A 2x64 tanh MLP with RandomNormal(0.5) (meant
as saturation) slowly escaped, its first layer not being saturated, and became the 3x128 sigmoid
version whose units are pinned for every input. For exploding gradients, a tanh SimpleRNN with
large recurrent weights under SGD+momentum went to inf/NaN at once, and with the orthogonal
initialization SGD did not learn either, so the run uses Adam (bounded steps: the loss stays
finite but the gradient norm stays ~1e9); an identity-initialized relu RNN went NaN at once. The
L2 attention model first had a LayerNormalization without regularized scale, which undid the
penalty and let it learn; its gamma and beta are now penalized too. Raw units into a relu MLP
kept improving (from 1e6) for the whole run, so the net is tanh. log(rain) of zero inputs gave a
finite but frozen loss (relu maps NaN to 0), so the non-finite values are in the targets instead.
SGD at 3e-2 for the LSTM did not learn reliably, so that pair uses Adam.

Labels: `expected_causes` holds the one cause each broken run was built around. `stall_begins`
is the optimizer step (0-based, batches over the whole run) from which the loss stops
improving, None for runs flat from the start. Exact: log_discharge_dry_days (10, the first
batch of the loop's seeded permutation that holds a dry day). Read off the per-step loss and
approximate: light_curves_adam_half (32), colours_constant_init (128; in some runs it is
    flat from the start, as Keras's shuffling is not seeded),
rnn_unit_variance_recurrent (160), attention_profiles_l2_half (192) and
flood_logistic_regression (144).
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _standardize, registrar

FAMILIES = ('astronomers', 'seismologists', 'oceanographers', 'hydrologists')

REGISTRY = []
holdout115 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data: every generator draws from its own fixed seed


def _rng(seed):
    return np.random.default_rng(seed)


def _star_colours(n, seed, flip=0.0):
    """Five photometric colours of a star and its spectral group (3 classes), with a fraction
    `flip` of catalogue labels assigned at random (misclassified spectra)."""
    r = _rng(seed)
    x = r.normal(0.0, 1.0, size=(n, 5))
    score = np.stack([
        1.2 * x[:, 0] - 0.6 * x[:, 1] ** 2,
        np.sin(1.5 * x[:, 1]) + 0.8 * x[:, 2] * x[:, 3],
        0.7 * x[:, 4] - 0.5 * x[:, 0] * x[:, 2],
    ], axis=1)
    y = np.argmax(score, axis=1)
    wrong = r.random(n) < flip
    y[wrong] = r.integers(0, 3, size=wrong.sum())
    return x.astype("float32"), y.astype("int32")


def _light_curves(n, seed, length=64, noise=0.35):
    """Brightness of a variable star over `length` nights (standardized, [n, length, 1]); the
    class is the kind of variability: pulsating (sine), eclipsing (dips), sawtooth (RR Lyrae
    like) or flaring."""
    r = _rng(seed)
    y = r.integers(0, 4, size=n)
    t = np.arange(length)[None, :]
    period = r.uniform(8.0, 16.0, size=(n, 1))
    phase = r.uniform(0.0, 1.0, size=(n, 1))
    u = (t / period + phase) % 1.0
    sine = np.sin(2 * np.pi * u)
    dips = -2.0 * (u < 0.12)
    saw = 2.0 * (1.0 - u) - 1.0
    flare_at = r.integers(0, length, size=(n, 1))
    dt = t - flare_at
    flare = np.where(dt >= 0, 2.5 * np.exp(-np.maximum(dt, 0) / 3.0), 0.0)
    curves = np.choose(y[:, None], [sine, dips, saw, flare])
    x = curves + r.normal(0.0, noise, size=curves.shape)
    return x[..., None].astype("float32"), y.astype("int32")


def _seismograms(n, seed, length=48, noise=0.4):
    """Three-component-free toy seismograms [n, length, 1]: a tectonic quake (slow P then a
    larger S wave), a quarry blast (one sharp high-frequency burst) or background noise."""
    r = _rng(seed)
    y = r.integers(0, 3, size=n)
    t = np.arange(length)[None, :].astype(float)
    onset = r.integers(4, length // 2, size=(n, 1))
    dt = t - onset
    env = np.where(dt >= 0, np.exp(-np.maximum(dt, 0) / 8.0), 0.0)
    quake = env * np.sin(0.6 * dt) + 2.0 * np.roll(env, 10, axis=1) * np.sin(0.35 * dt)
    blast = 3.0 * np.where(dt >= 0, np.exp(-np.maximum(dt, 0) / 2.0), 0.0) * np.sin(2.2 * dt)
    quiet = np.zeros_like(quake)
    signal = np.choose(y[:, None], [quake, blast, quiet])
    x = signal + r.normal(0.0, noise, size=signal.shape)
    return x[..., None].astype("float32"), y.astype("int32")


def _catchment(n, seed):
    """Six standardized catchment descriptors (rain, soil moisture, slope, area, forest cover,
    snowpack) and a smooth nonlinear log-discharge target with a little gauge noise."""
    r = _rng(seed)
    z = r.normal(0.0, 1.0, size=(n, 6))
    y = (1.3 * z[:, 0] + 0.8 * z[:, 0] * z[:, 1] + np.tanh(2.0 * z[:, 2]) - 0.6 * z[:, 4]
         + 0.4 * z[:, 5] ** 2 + 0.25 * r.normal(size=n))
    return z.astype("float32"), y.astype("float32")


# ---------------------------------------------------------------------------------------------
# healthy-but-imperfect: astronomers


@holdout115("astronomers", healthy=True)
def mislabelled_spectral_groups(session):
    """Spectral group (3 classes) from five photometric colours, where about 30% of the survey
    labels were assigned at random by an automated pipeline; a 2x64 relu MLP with Adam 2e-3 fits
    the real boundary and its loss flattens near the entropy the random labels impose."""
    keras = _keras()
    x, y = _star_colours(N, seed=11501, flip=0.3)
    model = keras.Sequential([
        keras.Input((5,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout115("astronomers", healthy=True)
def rare_transients_weighted(session):
    """Transient alerts from eight difference-image features, of which about 3% are real
    supernovae; a relu MLP with class_weight balancing the two classes and Adam 1e-3. The
    weighted loss stays well above zero because the rare class overlaps with artefacts."""
    keras = _keras()
    r = _rng(11502)
    x = r.normal(0.0, 1.0, size=(N, 8)).astype("float32")
    logit = -4.6 + 1.6 * x[:, 0] + 1.0 * x[:, 1] * x[:, 2] + 0.8 * np.abs(x[:, 3])
    y = (r.random(N) < 1.0 / (1.0 + np.exp(-logit))).astype("int32")
    positive = max(float(y[:-PROBE_SIZE].mean()), 1e-3)
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    weights = {0: 0.5 / (1.0 - positive), 1: 0.5 / positive}
    (x_train, y_train) = (x[:-PROBE_SIZE], y[:-PROBE_SIZE])
    history = model.fit(x_train, y_train, epochs=15, batch_size=32, verbose=0,
                        class_weight=weights,
                        callbacks=session.callbacks((x[-PROBE_SIZE:], y[-PROBE_SIZE:])))
    return history.history["loss"]


@holdout115("astronomers", healthy=True)
def light_curve_step_decay(session):
    """Variable-star classification from 64-night light curves with a small Conv1D net, Adam on
    a PiecewiseConstantDecay schedule (3e-3, then 1e-3 after 200 steps, 3e-4 after 400): the
    loss drops in steps at each boundary and flattens above zero on the noisy curves."""
    keras = _keras()
    x, y = _light_curves(N, seed=11503, noise=1.2)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([200, 400], [3e-3, 1e-3, 3e-4])
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=18, batch_size=32)


# ---------------------------------------------------------------------------------------------
# healthy-but-imperfect: seismologists


@holdout115("seismologists", healthy=True)
def magnitude_huber_heavy_tails(session):
    """Local magnitude from six station-amplitude features, where the catalogue magnitudes carry
    Student-t (3 degrees of freedom) errors from mixed magnitude scales; a relu MLP trained with
    the Huber loss (delta 1) and Adam 1e-3 settles on the noise floor of the heavy tails."""
    keras = _keras()
    r = _rng(11504)
    x = r.normal(0.0, 1.0, size=(N, 6)).astype("float32")
    clean = 1.2 * x[:, 0] + 0.5 * x[:, 1] - 0.4 * x[:, 2] * x[:, 3] + 0.3 * np.sin(2 * x[:, 4])
    y = (clean + 0.6 * r.standard_t(3, size=N)).astype("float32")
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(1e-3), keras.losses.Huber(1.0))
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout115("seismologists", healthy=True)
def aftershock_counts_poisson(session):
    """Daily aftershock counts predicted from time since the main shock, its magnitude and the
    distance to the fault (standardized); an MLP with an exponential output and the Poisson loss,
    RMSprop 1e-3. Counts are Poisson draws, so the loss flattens at the Poisson noise level."""
    keras = _keras()
    r = _rng(11505)
    x = r.normal(0.0, 1.0, size=(N, 3)).astype("float32")
    rate = np.exp(1.0 - 0.8 * x[:, 0] + 0.6 * x[:, 1] - 0.4 * x[:, 2] ** 2)
    y = r.poisson(rate).astype("float32")
    model = keras.Sequential([
        keras.Input((3,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="exponential"),
    ])
    model.compile(keras.optimizers.RMSprop(1e-3), "poisson")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout115("seismologists", healthy=True)
def event_type_gru_reduce_on_plateau(session):
    """Quake / quarry blast / noise discrimination from 48-sample seismograms with a GRU(24),
    Adam 3e-3 and ReduceLROnPlateau on the training loss (factor 0.3, patience 2): the rate
    drops when the loss levels and the loss settles above zero on the noisiest traces."""
    keras = _keras()
    x, y = _seismograms(N, seed=11506)
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.GRU(24),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    reduce = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.3, patience=2,
                                               min_lr=1e-5)
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[reduce])


# ---------------------------------------------------------------------------------------------
# healthy-but-imperfect: oceanographers


@holdout115("oceanographers", healthy=True)
def wave_height_quantile_loop(session):
    """Custom GradientTape loop: the 90th percentile of significant wave height from wind speed,
    fetch and swell features, with the pinball (quantile) loss, a relu MLP and Adam 2e-3. The
    wave heights are skewed and noisy, so the quantile loss flattens well above zero."""
    import tensorflow as tf

    keras = _keras()
    r = _rng(11507)
    x = r.normal(0.0, 1.0, size=(N, 4)).astype("float32")
    mean = 2.0 + 0.8 * x[:, 0] + 0.4 * x[:, 0] * x[:, 1] + 0.3 * np.abs(x[:, 2])
    y = (mean + r.gamma(2.0, 0.4 * (1.0 + 0.5 * np.abs(x[:, 3])), size=N)).astype("float32")
    y = y[:, None]
    model = keras.Sequential([
        keras.Input((4,)),
        keras.layers.Dense(48, activation="relu"),
        keras.layers.Dense(48, activation="relu"),
        keras.layers.Dense(1),
    ])

    def pinball(targets, predictions, q=0.9):
        error = targets - predictions
        return tf.reduce_mean(tf.maximum(q * error, (q - 1.0) * error))

    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), pinball, x, y,
                        epochs=15, batch_size=32, seed=11507,
                        loss_description="pinball loss, q=0.9")


@holdout115("oceanographers", healthy=True)
def sst_warmup_cosine(session):
    """Sea-surface temperature anomaly from a float's position, season and mixed-layer features,
    where the measurement noise grows with latitude (heteroscedastic); relu MLP with MSE and
    Adam on a linear warm-up (100 steps to 3e-3) then cosine decay: the loss flattens at the
    average noise variance as the rate goes to zero."""
    keras = _keras()
    r = _rng(11508)
    x = r.normal(0.0, 1.0, size=(N, 6)).astype("float32")
    clean = np.sin(1.5 * x[:, 0]) + 0.7 * np.cos(x[:, 1]) * x[:, 2] + 0.5 * x[:, 3]
    y = (clean + r.normal(size=N) * (0.2 + 0.5 * np.abs(x[:, 0]))).astype("float32")
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, decay_steps=500, warmup_target=3e-3, warmup_steps=100, alpha=0.01)
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(schedule), "mse")
    return _fit(session, model, x, y, epochs=19, batch_size=32)


@holdout115("oceanographers", healthy=True)
def buoy_embedding_two_inputs(session):
    """Two-input model: a learned 4-d embedding of which of 40 moored buoys reported, plus five
    standardized weather features, predict the buoy's water temperature (each buoy has its own
    offset); Adam 3e-3, MSE. The loss flattens at the sensor noise level."""
    keras = _keras()
    r = _rng(11509)
    buoy = r.integers(0, 40, size=N).astype("int32")
    weather = r.normal(0.0, 1.0, size=(N, 5)).astype("float32")
    offset = r.normal(0.0, 1.0, size=40)
    y = (offset[buoy] + 0.8 * weather[:, 0] - 0.5 * weather[:, 1] * weather[:, 2]
         + 0.4 * r.normal(size=N)).astype("float32")
    buoy_in = keras.Input((1,), dtype="int32")
    weather_in = keras.Input((5,))
    embedded = keras.layers.Flatten()(keras.layers.Embedding(40, 4)(buoy_in))
    hidden = keras.layers.Concatenate()([embedded, weather_in])
    hidden = keras.layers.Dense(48, activation="relu")(hidden)
    hidden = keras.layers.Dense(24, activation="relu")(hidden)
    model = keras.Model([buoy_in, weather_in], keras.layers.Dense(1)(hidden))
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    cut = N - PROBE_SIZE
    probe = ([buoy[cut:, None], weather[cut:]], y[cut:])
    history = model.fit([buoy[:cut, None], weather[:cut]], y[:cut], epochs=15, batch_size=32,
                        verbose=0, callbacks=session.callbacks(probe))
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# healthy-but-imperfect: hydrologists


@holdout115("hydrologists", healthy=True)
def few_gauges_overfit(session):
    """Only 160 gauged catchments (plus the probe) for a 2x128 relu MLP, Adam 1e-3, batch 16:
    the training loss keeps falling towards zero as the net memorizes the small set - the
    normal picture of small data, not a broken run."""
    keras = _keras()
    x, y = _catchment(160 + PROBE_SIZE, seed=11510)
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


@holdout115("hydrologists", healthy=True)
def slow_sgd_discharge(session):
    """Log-discharge regression from six catchment descriptors with a tanh MLP and plain SGD
    at 0.01 (no momentum): a correct but slow recipe whose loss creeps down for the first half
    of the run, then falls faster and is still falling when the 20 epochs end."""
    keras = _keras()
    x, y = _catchment(N, seed=11511)
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(32, activation="tanh"),
        keras.layers.Dense(32, activation="tanh"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(0.01), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout115("hydrologists", healthy=True)
def flood_parity_plateau_then_drop(session):
    """Flood / no flood where a flood happens exactly when an odd number of three switches are
    on (saturated soil, snowmelt, upstream release) among ten binary station flags; relu MLP,
    Adam 1e-3. The loss sits near log 2 for the first ~100 steps while the net searches for
    the three relevant flags, then drops steeply to ~0 - the known plateau of parity-like
    targets."""
    keras = _keras()
    r = _rng(11512)
    flags = r.integers(0, 2, size=(N, 10))
    y = ((flags[:, 1] + flags[:, 4] + flags[:, 7]) % 2).astype("int32")
    x = (2.0 * flags - 1.0).astype("float32")
    model = keras.Sequential([
        keras.Input((10,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


# ---------------------------------------------------------------------------------------------
# broken runs: each helper trains the mistaken version (broken=True) or the corrected one


def _conv1d_light_curves(session, broken):
    keras = _keras()
    x, y = _light_curves(N, seed=11520)
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    # The paper's "5e-4" was typed as 0.5.
    model.compile(keras.optimizers.Adam(0.5 if broken else 5e-4),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout115("astronomers", ["learning_rate_too_high"], stall_begins=32)  # approximate
def light_curves_adam_half(session):
    """Variable-star Conv1D classifier trained with Adam at 0.5 because the paper's 5e-4 was
    mistyped: the first updates throw the weights far away and the loss stays at or above the
    guess-the-class level: after the first burst (epoch-1 mean 12 to 29) it hovers between
    ~0.9 and log 4 (the level depends on the unseeded shuffling) for the rest of the run, where
    Adam at 5e-4 reaches ~0.11."""
    return _conv1d_light_curves(session, broken=True)


def _galaxy_constant_init(session, broken):
    keras = _keras()
    x, y = _star_colours(N, seed=11521)
    # "Small positive weights" as a Constant: every unit of a layer starts identical.
    init = keras.initializers.Constant(0.05) if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input((5,)),
        keras.layers.Dense(64, activation="relu", kernel_initializer=init),
        keras.layers.Dense(64, activation="relu", kernel_initializer=init),
        keras.layers.Dense(3, activation="softmax", kernel_initializer=init),
    ])
    model.compile(keras.optimizers.Adam(5e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout115("astronomers", ["poor_initialization"], stall_begins=128)  # approximate
def colours_constant_init(session):
    """Spectral groups from colours with a relu MLP whose kernels are all initialized to the
    constant 0.05 ("small positive weights"): every unit in a layer computes the same thing and
    receives the same gradient, so the net acts like one unit per layer: it learns what one
    unit can in the first epochs and then levels off between ~0.8 and ~1.08 (some runs never
    leave the class-prior level), where the default init reaches ~0.1."""
    return _galaxy_constant_init(session, broken=True)


def _sigmoid_mean_misread(session, broken):
    keras = _keras()
    x, y = _star_colours(N, seed=11522)
    # RandomNormal's first argument is the mean, not the standard deviation.
    init = (keras.initializers.RandomNormal(0.5, seed=11522) if broken
            else keras.initializers.RandomNormal(stddev=0.5, seed=11522))
    model = keras.Sequential([
        keras.Input((5,)),
        keras.layers.Dense(128, activation="sigmoid", kernel_initializer=init),
        keras.layers.Dense(128, activation="sigmoid", kernel_initializer=init),
        keras.layers.Dense(128, activation="sigmoid", kernel_initializer=init),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout115("astronomers", ["saturated_activations"], stall_begins=None)
def sigmoid_init_mean_for_stddev(session):
    """Spectral groups with a 3x128 sigmoid MLP initialized by RandomNormal(0.5), meant as a
    standard deviation but read as the mean: the second layer adds 128 positive sigmoid outputs
    with weights ~0.5, its pre-activations sit near +32 for every star, every unit from there
    on is pinned at 1 with a gradient of ~1e-14, and the loss stays at the class-prior level
    where the same net with stddev=0.5 learns."""
    return _sigmoid_mean_misread(session, broken=True)


def _lstm_seismograms(session, broken):
    keras = _keras()
    x, y = _seismograms(N, seed=11523)
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.LSTM(24),
        keras.layers.Dense(3, activation="softmax"),
    ])
    # 1e-5 was copied from a fine-tuning recipe for a pretrained model.
    model.compile(keras.optimizers.Adam(1e-5 if broken else 3e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout115("seismologists", ["learning_rate_too_low"], stall_begins=None)
def lstm_finetuning_rate(session):
    """Quake / blast / noise LSTM(24) trained from scratch with Adam at 1e-5, a rate
    copied from a fine-tuning recipe: the weights barely move and the loss stays at the level
    of a random guess for the whole run, where 3e-3 learns the task."""
    return _lstm_seismograms(session, broken=True)


def _conv1d_negative_bias(session, broken):
    keras = _keras()
    x, y = _seismograms(N, seed=11524)
    # A sparse-coding recipe's "start with negative biases so only strong features fire".
    bias = keras.initializers.Constant(-2.0) if broken else "zeros"
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout115("seismologists", ["dead_relus"], stall_begins=None)
def conv1d_biases_minus_two(session):
    """Seismogram Conv1D classifier whose conv biases start at -2 (from a recipe meant to make
    features sparse): with pre-activations of a few tenths, no relu ever fires, no gradient
    reaches the filters and the loss stays at the class-prior level."""
    return _conv1d_negative_bias(session, broken=True)


def _microseisms(n, seed, length=32):
    """Microseism records [n, length, 1] whose class (3) is the dominant period band."""
    r = _rng(seed)
    y = r.integers(0, 3, size=n)
    t = np.arange(length)[None, :]
    period = np.array([6.0, 12.0, 3.0])[y][:, None] * r.uniform(0.9, 1.1, size=(n, 1))
    x = (np.sin(2 * np.pi * t / period + r.uniform(0.0, 6.3, size=(n, 1)))
         + 0.3 * r.normal(size=(n, length)))
    return x[..., None].astype("float32"), y.astype("int32")


def _chaotic_rnn(session, broken):
    keras = _keras()
    x, y = _microseisms(N, seed=11525)
    # "Unit-variance" recurrent weights: spectral radius ~sqrt(64) = 8 instead of 1.
    recurrent = (keras.initializers.RandomNormal(stddev=1.0, seed=11525) if broken
                 else keras.initializers.Orthogonal(seed=11525))
    model = keras.Sequential([
        keras.Input((32, 1)),
        keras.layers.SimpleRNN(64, recurrent_initializer=recurrent),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout115("seismologists", ["exploding_gradients"], stall_begins=160)  # approximate
def rnn_unit_variance_recurrent(session):
    """Microseism period-band classifier, a SimpleRNN(64) whose recurrent matrix was drawn as
    RandomNormal(stddev=1.0) ("unit variance"), giving a spectral radius near 8: the tanh state
    is chaotic, the gradient through the 32 steps is ~1e9 times larger than with the default
    orthogonal matrix, Adam's steps cannot follow it and the loss stays just above chance,
    where the orthogonal initialization learns the task to ~0."""
    return _chaotic_rnn(session, broken=True)


def _water_masses(n, seed):
    """Water-mass class (3) from eight standardized T/S/oxygen features of a CTD cast."""
    r = _rng(seed)
    x = r.normal(0.0, 1.0, size=(n, 8))
    score = np.stack([x[:, 0] + 0.5 * x[:, 1] * x[:, 2], np.sin(2 * x[:, 3]) + 0.6 * x[:, 4],
                      0.8 * x[:, 5] - 0.5 * x[:, 6] ** 2 + 0.3], axis=1)
    return x.astype("float32"), np.argmax(score, axis=1).astype("int32")


def _deep_sigmoid(session, broken):
    keras = _keras()
    x, y = _water_masses(N, seed=11526)
    activation = "sigmoid" if broken else "relu"
    init = "glorot_uniform" if broken else "he_normal"
    layers = [keras.Input((8,))]
    layers += [keras.layers.Dense(32, activation=activation, kernel_initializer=init)
               for _ in range(10)]
    layers.append(keras.layers.Dense(3, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout115("oceanographers", ["vanishing_gradients"], stall_begins=None)
def ten_sigmoid_layers(session):
    """Water-mass classification from CTD features with a 10-layer sigmoid MLP (a textbook
    architecture scaled up) and SGD+momentum: each sigmoid layer shrinks the backpropagated
    gradient by about 4x, the first layers receive almost nothing and the loss sits at the
    class-prior level, where the same depth with relu and He init learns."""
    return _deep_sigmoid(session, broken=True)


def _profiles(n, seed, depths=16):
    """CTD casts as sequences of 16 depth levels x 3 channels (temperature, salinity, oxygen);
    the class (3) is the depth band of the oxygen minimum."""
    r = _rng(seed)
    z = np.linspace(0.0, 1.0, depths)[None, :]
    centre = r.uniform(0.1, 0.9, size=(n, 1))
    oxygen = 1.0 - 1.5 * np.exp(-((z - centre) ** 2) / 0.01)
    temp = np.exp(-3.0 * z) + 0.2 * r.normal(size=(n, 1))
    salt = 0.5 * z + 0.2 * r.normal(size=(n, 1))
    x = np.stack([temp, salt, oxygen], axis=-1) + 0.15 * r.normal(size=(n, depths, 3))
    y = np.digitize(centre[:, 0], [0.37, 0.63])
    return x.astype("float32"), y.astype("int32")


def _attention_l2(session, broken):
    keras = _keras()
    x, y = _profiles(N, seed=11528)
    # weight_decay=0.5 from an AdamW recipe pasted into a Keras L2 regularizer.
    reg = keras.regularizers.L2(0.5 if broken else 1e-4)
    inputs = keras.Input((16, 3))
    h = keras.layers.Dense(24, activation="relu", kernel_regularizer=reg)(inputs)
    attended = keras.layers.MultiHeadAttention(2, 12, kernel_regularizer=reg)(h, h)
    h = keras.layers.LayerNormalization(gamma_regularizer=reg, beta_regularizer=reg)(
        h + attended)
    h = keras.layers.Flatten()(h)
    h = keras.layers.Dense(16, activation="relu", kernel_regularizer=reg)(h)
    outputs = keras.layers.Dense(3, activation="softmax", kernel_regularizer=reg)(h)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(1e-2), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout115("oceanographers", ["over_regularization"], stall_begins=192)  # approximate
def attention_profiles_l2_half(session):
    """Self-attention classifier of CTD casts (oxygen-minimum depth band) where an AdamW
    weight decay of 0.5 was pasted into an L2 kernel regularizer on every layer: the penalty
    dominates the loss, the weights are held near zero and the loss stalls near the class-prior
    level, where L2(1e-4) learns the task."""
    return _attention_l2(session, broken=True)


def _raw_catchment(session, broken):
    keras = _keras()
    z, y = _catchment(N, seed=11529)
    # rain mm, soil moisture fraction, slope degrees, area km^2, forest %, snowpack mm
    scale = np.array([20.0, 0.08, 4.0, 4000.0, 15.0, 150.0])
    offset = np.array([60.0, 0.25, 12.0, 15000.0, 45.0, 500.0])
    raw = (z * scale + offset).astype("float32")
    x = _standardize(raw) if not broken else raw
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(64, activation="tanh"),
        keras.layers.Dense(64, activation="tanh"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout115("hydrologists", ["unnormalized_inputs"], stall_begins=None)
def raw_catchment_units(session):
    """Log-discharge regression fed the catchment descriptors in their raw units (area in km^2
    around 15,000, snowpack in mm, soil moisture as a fraction): the area column dominates every
    first-layer unit, the small-scale columns are invisible and the loss stalls far above what
    the same MLP reaches on standardized columns."""
    return _raw_catchment(session, broken=True)


def _flood_zone(session, broken):
    keras = _keras()
    r = _rng(11530)
    x = r.uniform(-1.0, 1.0, size=(N, 2)).astype("float32")
    # Floods when rain and antecedent wetness are both high or both low (snowmelt regime).
    y = ((x[:, 0] * x[:, 1] > 0.05) | (x[:, 0] ** 2 + x[:, 1] ** 2 < 0.1)).astype("int32")
    hidden = [] if broken else [keras.layers.Dense(32, activation="relu"),
                                keras.layers.Dense(32, activation="relu")]
    model = keras.Sequential([keras.Input((2,))] + hidden
                             + [keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-2), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout115("hydrologists", ["insufficient_capacity"], stall_begins=144)  # approximate
def flood_logistic_regression(session):
    """Flood regime from rainfall and antecedent wetness, where floods occupy two opposite
    quadrants (an XOR-like region), fitted by a logistic regression (no hidden layer) kept from
    a baseline notebook: no line separates the quadrants and the loss stays near log 2."""
    return _flood_zone(session, broken=True)


DRY_DAYS = (310, 517, 840)  # rows where the ephemeral stream's gauge read 0.0 m^3/s


def _discharge_log_loop(session, broken):
    keras = _keras()
    r = _rng(11531)
    rain = np.log1p(r.gamma(0.9, 9.0, size=(N, 3)))
    soil = r.uniform(0.05, 0.45, size=(N, 1))
    x = np.concatenate([rain, soil], axis=1).astype("float32")
    discharge = np.exp(0.9 * rain[:, 0] + 0.5 * rain[:, 1] + 0.2 * rain[:, 2] + 3.0 * soil[:, 0]
                       - 3.0 + 0.2 * r.normal(size=N))
    discharge[list(DRY_DAYS)] = 0.0
    # log(q) of a stream that ran dry on a few days is -inf there; the fix floors q at 0.01.
    y = np.log(discharge if broken else discharge + 0.01).astype("float32")[:, None]
    model = keras.Sequential([
        keras.Input((4,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1),
    ])
    return _custom_loop(session, model, keras.optimizers.Adam(1e-3),
                        keras.losses.MeanSquaredError(), x, y, epochs=8, batch_size=32,
                        seed=11531)


# The custom loop's first permutation (seed 11531) puts row 310 in batch 10 of epoch 0.
@holdout115("hydrologists", ["non_finite_values"], stall_begins=10)
def log_discharge_dry_days(session):
    """Custom GradientTape loop regressing the log of an ephemeral stream's daily discharge from
    rainfall and soil moisture, where the stream ran dry on three days: log(0) = -inf in the
    targets makes the MSE infinite in the first batch that holds one, the gradients and then
    every weight turn NaN, and the loss is NaN for the rest of the run (flooring the discharge
    at 0.01 before the log trains normally)."""
    return _discharge_log_loop(session, broken=True)


def _oxygen_minimum_elevation(session, broken):
    keras = _keras()
    x, _ = _profiles(N, seed=11527)
    centre = np.argmin(x[:, :, 2], axis=1) / 15.0
    # Elevation of the oxygen minimum in hundreds of metres: negative, below the sea surface.
    y = (-1.0 - 8.0 * centre).astype("float32")
    model = keras.Sequential([
        keras.Input((16, 3)),
        keras.layers.Conv1D(16, 3, activation="relu", padding="same"),
        keras.layers.Conv1D(16, 3, activation="relu", padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dense(32, activation="relu"),
        # relu kept from a head written for depths counted positive downwards.
        keras.layers.Dense(1, activation="relu" if broken else None),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout115("oceanographers", ["loss_activation_mismatch"], stall_begins=None)
def oxygen_minimum_relu_head(session):
    """Conv1D regression of the elevation of a cast's oxygen minimum (negative, in hundreds of
    metres below the surface) through a relu output kept from a head written for positive
    depths: the output can never go below zero, its unit stops passing gradient and the MSE
    stalls at the mean squared elevation, where a linear output learns."""
    return _oxygen_minimum_elevation(session, broken=True)
