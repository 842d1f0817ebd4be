"""The two-hundred-and-fifteenth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades give the data. The cobblers of the close grade worn shoes (patch, resole, rebuild,
discard), time their repairs (heavy-tailed: a hidden nail, a rotten welt) and price them per
customer, last and leather. The drovers of the Ridgeway count the beasts that stray each day
(Poisson) and forecast the last day's distance from thirty days of weather. The nail-makers
photograph nails on the bench (straight, bent, headless, double-headed; or bent as a rare
defect) and tell the temper of the iron from the ring of a struck nail. The quarrymen of
Purbeck drill cores through the beds (stone yield, noisier in shelly beds) and survey blocks in
raw units to say whether a block will dress or go for rubble.

Healthy half (twelve runs, nothing to fix): a grade classifier with a quarter of its labels
random; Huber regression of heavy-tailed repair minutes under a piecewise-constant schedule; a
192-row ledger that a 3x128 MLP memorizes; a Poisson count model at its noise floor; a GRU
distance forecaster with noisy tallies under ReduceLROnPlateau; a custom GradientTape loop
fitting the 90th percentile with a pinball loss; a rare-defect CNN with class_weight whose
weighted loss falls slowly and unevenly; a Conv1D net under warm-up then cosine decay to zero;
a custom loop with plain SGD on a CNN, slow and still improving at the end; an LSTM whose
heteroscedastic noise floors the loss; a self-attention block with a halving schedule; a
two-input model (MLP + Conv1D) with 10% flipped labels.

Broken half (twelve runs, one per cause, each trained beside its fixed version with
Session(None) to check it stalls well above it): Adam given the 0.5 of an SGD recipe; an L2
factor typed 1.0 on embeddings and kernels; ten sigmoid layers trained with SGD; a tanh
SimpleRNN with recurrent weights from RandomNormal(stddev=1.0) (chaotic, gradients growing
through time, held finite by clipnorm, loss noisy and far above the orthogonal run); np.log
of a 'days since rain' column holding zeros (-inf, then NaN weights and a NaN loss to the
end); Conv1D relu layers with biases started at -3; a sigmoid CNN with biases at +6; kernels
all initialized to one constant; SGD at 1e-6 for 1e-2; a survey in raw units; a logistic
regression kept as the model; a sigmoid output on a standardized regression target.

Dropped or changed while writing: a softmax over a single output unit with binary
cross-entropy trained exactly like the sigmoid version here, so it was replaced by the
sigmoid-on-a-standardized-target mismatch. For exploding gradients a linear SimpleRNN with
recurrent gain 1.3 and a deep relu MLP with too-wide normal init both fell steadily from a huge
loss instead of stalling, and were replaced by the chaotic tanh RNN. The np.log run first had
relu layers, which map the NaN to 0 and kept the loss finite; its layers are now tanh. The
constant-kernel run is the weakest stall: it still creeps down (~0.02 an epoch at ~0.96, where
the Glorot run reaches ~0.05).

Labels: `expected_causes` holds the one root cause a scenario was built around. `stall_begins`
is the 0-based optimizer step from which the loss stops improving, None when it never improves;
the NaN run's step is exact (first zero row 320, batch 32, read in file order); every other
step was read off the epoch losses and is approximate (marked so next to the scenario).
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('cobblers_of_the_close', 'drovers_of_the_ridgeway', 'nail_makers',
            'quarrymen_of_purbeck')

REGISTRY = []
holdout215 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data: one story per family


def _lasts(n, seed, noise_flip=0.0):
    """Cobblers: 10 measurements of a worn shoe (sole depth, heel tilt, stitch gaps...) and the
    repair grade it gets (0 patch, 1 resole, 2 rebuild, 3 discard)."""
    r = np.random.default_rng(seed)
    x = r.normal(0.0, 1.0, size=(n, 10))
    wear = np.tanh(x[:, 0] + 0.5 * x[:, 1] * x[:, 2]) + 0.6 * np.sin(2.0 * x[:, 3]) - 0.4 * x[:, 4]
    y = np.digitize(wear, np.quantile(wear, [0.25, 0.5, 0.75]))
    if noise_flip:
        flip = r.uniform(size=n) < noise_flip
        y = np.where(flip, r.integers(0, 4, size=n), y)
    return x.astype("float32"), y.astype("int32")


def _repair_minutes(n, seed):
    """Cobblers: minutes a repair takes, from 8 job features, with heavy-tailed surprises
    (a hidden nail, a rotten welt): Student-t noise with 2 degrees of freedom."""
    r = np.random.default_rng(seed)
    x = r.normal(0.0, 1.0, size=(n, 8))
    clean = 1.5 * np.tanh(x[:, 0]) + x[:, 1] * x[:, 2] * 0.5 + np.cos(x[:, 3]) + 0.3 * x[:, 4]
    y = clean + 0.5 * r.standard_t(2.0, size=n)
    return x.astype("float32"), y.astype("float32")[:, None]


def _drove_days(n, seed, length=30):
    """Drovers: 30 days of (rain, wind, grass, slope) along the Ridgeway; the target is the
    distance covered on the last day, driven by the past week's rain and today's grass."""
    r = np.random.default_rng(seed)
    x = r.normal(0.0, 1.0, size=(n, length, 4))
    rain = x[:, -7:, 0].mean(axis=1)
    y = 1.2 * np.tanh(x[:, -1, 2]) - 0.8 * rain + 0.4 * x[:, -3, 1] * x[:, -1, 3]
    return x.astype("float32"), y.astype("float32")


def _strays(n, seed):
    """Drovers: 6 day features (fog, herd size, dogs, fences...) and the count of beasts that
    stray that day, Poisson with a log-rate that is a smooth function of the features."""
    r = np.random.default_rng(seed)
    x = r.normal(0.0, 1.0, size=(n, 6))
    rate = np.exp(0.3 + 0.6 * x[:, 0] - 0.4 * np.abs(x[:, 1]) + 0.3 * x[:, 2] * x[:, 3])
    return x.astype("float32"), r.poisson(rate).astype("float32")[:, None]


def _nail_images(n, seed, size=12, defect_rate=None):
    """Nail-makers: 12x12 grey photographs of a nail on the bench. Classes: 0 straight,
    1 bent, 2 headless, 3 double-headed. With `defect_rate`, a binary label: bent or not,
    with bent nails that rare."""
    r = np.random.default_rng(seed)
    if defect_rate is None:
        y = r.integers(0, 4, size=n)
    else:
        y = (r.uniform(size=n) < defect_rate).astype(int)
    x = r.normal(0.0, 0.25, size=(n, size, size))
    for i in range(n):
        col = r.integers(3, size - 3)
        top, bottom = r.integers(1, 3), r.integers(size - 3, size - 1)
        bend = 0
        for row in range(top, bottom):
            if y[i] == 1 and row > (top + bottom) // 2:
                bend += 1
            c = min(size - 1, col + bend // 2)
            x[i, row, c] += 1.0
        cls = y[i] if defect_rate is None else 0
        if cls != 2:
            x[i, top, max(0, col - 1):col + 2] += 1.0
        if cls == 3:
            x[i, top + 2, max(0, col - 1):col + 2] += 1.0
    return x[..., None].astype("float32"), y.astype("int32")


def _hammer_sound(n, seed, length=64):
    """Nail-makers: 64 samples of the ring of a nail struck on the anvil; the pitch (0..3) tells
    the temper of the iron. Noise and a random phase."""
    r = np.random.default_rng(seed)
    y = r.integers(0, 4, size=n)
    t = np.arange(length)[None, :]
    freq = 0.08 + 0.05 * y[:, None] + r.normal(0.0, 0.008, size=(n, 1))
    phase = r.uniform(0, 2 * np.pi, size=(n, 1))
    decay = np.exp(-t / r.uniform(20, 60, size=(n, 1)))
    x = np.sin(2 * np.pi * freq * t + phase) * decay + r.normal(0.0, 0.35, size=(n, length))
    return x[..., None].astype("float32"), y.astype("int32")


def _core_samples(n, seed, length=32):
    """Quarrymen: a 32-step drill core (hardness, grain, shell content) through the Purbeck
    beds; the target is the yield of building stone from the block, with noise whose spread
    grows with the shell content (shelly beds split unpredictably)."""
    r = np.random.default_rng(seed)
    x = r.normal(0.0, 1.0, size=(n, length, 3))
    x = np.cumsum(x, axis=1) / np.sqrt(np.arange(1, length + 1))[None, :, None]
    hard = x[:, 10:20, 0].mean(axis=1)
    shell = x[:, :, 2].mean(axis=1)
    clean = np.tanh(hard) + 0.5 * x[:, -1, 1] - 0.3 * shell ** 2
    y = clean + r.normal(0.0, 1.0, size=n) * (0.15 + 0.4 * np.abs(shell))
    return x.astype("float32"), y.astype("float32")


def _block_survey(n, seed):
    """Quarrymen: a surveyed block in raw units: depth (mm, 0..30000), dip (degrees), bed
    thickness (mm), density (kg/m^3, ~2300), moisture (fraction), joint spacing (m). The label is
    whether the block is sound enough to dress (1) or only fit for rubble (0)."""
    r = np.random.default_rng(seed)
    z = r.normal(0.0, 1.0, size=(n, 6))
    scale = np.array([6000.0, 8.0, 150.0, 60.0, 0.03, 0.8])
    offset = np.array([15000.0, 12.0, 400.0, 2300.0, 0.08, 2.5])
    raw = z * scale + offset
    score = np.sin(1.5 * z[:, 0]) + z[:, 1] * z[:, 2] - 0.7 * z[:, 3] + 0.5 * np.abs(z[:, 5])
    y = (score > np.median(score)).astype("int32")
    return raw.astype("float32"), z.astype("float32"), y, score.astype("float32")


# ---------------------------------------------------------------------------------------------
# the broken trainings, each with the version that works


def _adam_sgd_rate(session, broken):
    """Grade classifier, 2x64 relu MLP; Adam given the 0.5 of an SGD recipe (works at 1e-3)."""
    keras = _keras()
    x, y = _lasts(N, seed=21510)
    model = _mlp(keras, 10, [64, 64], 4)
    model.compile(keras.optimizers.Adam(0.5 if broken else 1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _sigmoid_on_standardized_score(session, broken):
    """Quarry-block score regressor whose output layer kept the sigmoid of the classifier it was
    copied from, while the target (a
    standardized block-quality score) is standardized (half of it negative)."""
    keras = _keras()
    _, x, _, score = _block_survey(N, seed=21511)
    y = _standardize(score[:, None])
    model = _mlp(keras, 6, [64, 64], 1, out_activation="sigmoid" if broken else None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _l2_on_embeddings(session, broken):
    """Repair price from (customer, last model, leather) ids through embeddings; the L2 factor
    meant as 1e-4 typed as 1.0 on every layer."""
    keras = _keras()
    r = np.random.default_rng(21512)
    cust, last, leather = r.integers(0, 60, N), r.integers(0, 12, N), r.integers(0, 5, N)
    tc, tl, tm = r.normal(0, 1, 60), r.normal(0, 1, 12), r.normal(0, 1, 5)
    y = (tc[cust] + tl[last] * tm[leather] + 0.5 * tl[last] + 0.2 * r.normal(size=N))
    y = y.astype("float32")[:, None]
    reg = keras.regularizers.L2(1.0 if broken else 1e-4)
    inputs = [keras.Input((1,), dtype="int32") for _ in range(3)]
    parts = [keras.layers.Flatten()(keras.layers.Embedding(v, 8, embeddings_regularizer=reg)(i))
             for v, i in zip((60, 12, 5), inputs)]
    h = keras.layers.Dense(64, activation="relu", kernel_regularizer=reg)(
        keras.layers.Concatenate()(parts))
    out = keras.layers.Dense(1, kernel_regularizer=reg)(h)
    model = keras.Model(inputs, out)
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    xs = [cust[:, None], last[:, None], leather[:, None]]
    split = len(y) - PROBE_SIZE
    history = model.fit([a[:split] for a in xs], y[:split], epochs=15, batch_size=32, verbose=0,
                        callbacks=session.callbacks(([a[split:] for a in xs], y[split:])))
    return history.history["loss"]


def _deep_sigmoid_drove(session, broken):
    """Herd-route classifier from day features, 10 sigmoid layers, SGD 0.05 (a textbook net);
    fixed: relu with He init."""
    keras = _keras()
    x, grade = _lasts(N, seed=21513)
    act, init = ("sigmoid", "glorot_uniform") if broken else ("relu", "he_normal")
    model = _mlp(keras, 10, [48] * 10, 4, activation=act, kernel_initializer=init)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, grade, epochs=15, batch_size=32)


def _normal_recurrent_init(session, broken):
    """Day-distance forecaster: tanh SimpleRNN(64) whose recurrent weights were drawn from
    RandomNormal(stddev=1.0) (spectral radius ~8) instead of orthogonal; SGD with clipnorm 5."""
    keras = _keras()
    x, y = _drove_days(768 + PROBE_SIZE, seed=21514)
    init = keras.initializers.RandomNormal(stddev=1.0, seed=21514) if broken else "orthogonal"
    model = keras.Sequential([keras.Input(x.shape[1:]),
                              keras.layers.SimpleRNN(64, recurrent_initializer=init),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(1e-2, momentum=0.9, clipnorm=5.0), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


LOG_ZERO_ROW = 320  # first dry-day row, read in file order, batch size 32: batch 10 (0-based)


def _log_of_days_since_rain(session, broken):
    """Strays model with a 'days since rain' feature passed through np.log; a few days had rain
    that very day (0 days), giving -inf; read in file order."""
    keras = _keras()
    x, y = _strays(N, seed=21515)
    r = np.random.default_rng(21515)
    days = r.integers(1, 20, size=N).astype("float32")
    if broken:
        days[LOG_ZERO_ROW::97] = 0.0
    with np.errstate(divide="ignore"):
        feature = np.log(days) if broken else np.log1p(days)
    x = np.concatenate([x, ((feature - 1.5) / 0.8)[:, None]], axis=1).astype("float32")
    model = _mlp(keras, 7, [32, 32], 1, activation="tanh", out_activation="exponential")
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=8, batch_size=32, shuffle=False)


def _dead_conv_bias(session, broken):
    """Temper-from-ring classifier, Conv1D relu stack whose biases start at -3 (copied from a
    'sparse features' recipe); the sound's amplitude is below 1, so no filter ever fires."""
    keras = _keras()
    x, y = _hammer_sound(N, seed=21516)
    bias = keras.initializers.Constant(-3.0 if broken else 0.0)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", bias_initializer=bias),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", bias_initializer=bias),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _sigmoid_convnet_bias(session, broken):
    """Nail-defect CNN with sigmoid conv and dense layers whose bias starts at +6: every unit
    outputs ~1.0 for every photograph; SGD with momentum."""
    keras = _keras()
    x, y = _nail_images(768 + PROBE_SIZE, seed=21517)
    act = "sigmoid" if broken else "relu"
    bias = keras.initializers.Constant(6.0 if broken else 0.0)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(16, 3, activation=act, padding="same", bias_initializer=bias),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation=act, padding="same", bias_initializer=bias),
        keras.layers.Flatten(),
        keras.layers.Dense(32, activation=act, bias_initializer=bias),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _constant_kernel_init(session, broken):
    """Temper-from-ring classifier where every kernel was initialized to Constant(0.05) 'for
    reproducibility': all filters and units start identical and stay identical."""
    keras = _keras()
    x, y = _hammer_sound(N, seed=21518)
    init = keras.initializers.Constant(0.05) if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 7, activation="relu", kernel_initializer=init),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", kernel_initializer=init),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation="relu", kernel_initializer=init),
        keras.layers.Dense(4, activation="softmax", kernel_initializer=init),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _sgd_rate_units_slip(session, broken):
    """Stone-yield regressor (Conv1D over the drill core); SGD learning rate written 1e-6
    instead of 1e-2."""
    keras = _keras()
    x, y = _core_samples(N, seed=21519)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(1e-6 if broken else 1e-2, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _raw_survey_units(session, broken):
    """Sound-block classifier fed the survey in raw units (depth in mm, density in kg/m^3...),
    2x64 relu MLP, Adam 1e-3; fixed: the same columns z-scored."""
    keras = _keras()
    raw, _, y, _ = _block_survey(N, seed=21520)
    x = raw if broken else _standardize(raw)
    model = _mlp(keras, 6, [64, 64], 2)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _baseline_kept(session, broken):
    """Sound-block classifier left as the logistic-regression baseline (no hidden layer) on a
    label made of a sine, a product and an absolute value of the z-scored survey."""
    keras = _keras()
    _, z, y, _ = _block_survey(N, seed=21521)
    model = _mlp(keras, 6, [] if broken else [64, 64], 2)
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, z, y, epochs=15, batch_size=32)


# ---------------------------------------------------------------------------------------------
# healthy-but-imperfect


@holdout215("cobblers_of_the_close", healthy=True)
def grades_with_disputed_labels(session):
    """Repair-grade classifier, 2x64 relu MLP, Adam 1e-3, where a quarter of the grades were
    written down by an apprentice at random: the loss flattens far above zero."""
    keras = _keras()
    x, y = _lasts(N, seed=21530, noise_flip=0.25)
    model = _mlp(keras, 10, [64, 64], 4)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout215("cobblers_of_the_close", healthy=True)
def repair_minutes_huber_step_decay(session):
    """Repair minutes with heavy-tailed surprises, 2x64 relu MLP, Huber loss, Adam with a
    piecewise-constant schedule (3e-3, 1e-3, 3e-4 at steps 200 and 400)."""
    keras = _keras()
    x, y = _repair_minutes(N, seed=21531)
    rate = keras.optimizers.schedules.PiecewiseConstantDecay([200, 400], [3e-3, 1e-3, 3e-4])
    model = _mlp(keras, 8, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(rate), keras.losses.Huber(1.0))
    return _fit(session, model, x, y, epochs=18, batch_size=32)


@holdout215("cobblers_of_the_close", healthy=True)
def small_ledger_overfits(session):
    """Only 192 graded shoes from one season, 3x128 relu MLP, Adam 2e-3: it memorizes the ledger
    and the training loss heads to zero."""
    keras = _keras()
    x, y = _lasts(192 + PROBE_SIZE, seed=21532)
    model = _mlp(keras, 10, [128, 128, 128], 4)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


@holdout215("drovers_of_the_ridgeway", healthy=True)
def strays_poisson(session):
    """Daily count of strays, Poisson loss with an exponential output, 2x32 relu MLP, Adam 2e-3:
    the loss settles at the Poisson noise floor."""
    keras = _keras()
    x, y = _strays(N, seed=21533)
    model = _mlp(keras, 6, [32, 32], 1, out_activation="exponential")
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout215("drovers_of_the_ridgeway", healthy=True)
def day_distance_gru_plateau_schedule(session):
    """Last-day distance from 30 days of weather with noisy drovers' tallies, GRU(24), Adam 3e-3
    with ReduceLROnPlateau (factor 0.3, patience 2)."""
    keras = _keras()
    x, y = _drove_days(768 + PROBE_SIZE, seed=21534)
    y = y + np.random.default_rng(21534).normal(0.0, 0.4, size=y.shape).astype("float32")
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    plateau = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=2, min_lr=1e-5)
    return _fit(session, model, x, y, epochs=14, batch_size=32, callbacks=[plateau])


@holdout215("drovers_of_the_ridgeway", healthy=True)
def strays_upper_quantile_loop(session):
    """Custom GradientTape loop: the 90th percentile of daily strays (pinball loss), 2x64 relu
    MLP, Adam 2e-3: flattens at the pinball loss of Poisson noise."""
    import tensorflow as tf

    keras = _keras()
    x, y = _strays(N, seed=21535)
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)

    def pinball(targets, predictions):
        err = targets - predictions
        return tf.reduce_mean(tf.maximum(0.9 * err, -0.1 * err))

    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), pinball, x, y,
                        epochs=15, batch_size=32, seed=21535)


@holdout215("nail_makers", healthy=True)
def rare_bent_nails_class_weight(session):
    """Bent-or-straight from nail photographs, bent nails 5% of the batch, small CNN, Adam 1e-3,
    class_weight {0: 1, 1: 10}: the weighted loss falls slowly and unevenly."""
    keras = _keras()
    x, y = _nail_images(N, seed=21536, defect_rate=0.05)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    split = len(y) - PROBE_SIZE
    history = model.fit(x[:split], y[:split].astype("float32"), epochs=12, batch_size=32,
                        verbose=0, class_weight={0: 1.0, 1: 10.0},
                        callbacks=session.callbacks((x[split:], y[split:].astype("float32"))))
    return history.history["loss"]


@holdout215("nail_makers", healthy=True)
def ring_warmup_cosine(session):
    """Temper from the hammer's ring, Conv1D net, Adam with 100 warm-up steps to 3e-3 then cosine
    decay to zero over the run: fast fall, then flat as the rate vanishes."""
    keras = _keras()
    x, y = _hammer_sound(N, seed=21537)
    rate = keras.optimizers.schedules.CosineDecay(
        0.0, decay_steps=380, warmup_target=3e-3, warmup_steps=100)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(rate), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout215("nail_makers", healthy=True)
def nail_classes_slow_sgd_loop(session):
    """Custom loop, nail photographs in 4 classes, small CNN, plain SGD 0.02 without momentum:
    slow, still improving when the run ends."""
    keras = _keras()
    x, y = _nail_images(768 + PROBE_SIZE, seed=21538)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4),
    ])
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.SGD(0.02), loss, x, y,
                        epochs=12, batch_size=32, seed=21538)


@holdout215("quarrymen_of_purbeck", healthy=True)
def shelly_beds_lstm(session):
    """Stone yield from the drill core, LSTM(24), Adam 3e-3, MSE: the noise grows with the shell
    content, so the loss levels off well above zero."""
    keras = _keras()
    x, y = _core_samples(768 + PROBE_SIZE, seed=21539)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout215("quarrymen_of_purbeck", healthy=True)
def core_attention_step_decay(session):
    """Stone yield from the drill core with one self-attention block (2 heads) and pooling,
    Adam with a halving every 5 epochs (LearningRateScheduler), MSE."""
    keras = _keras()
    x, y = _core_samples(768 + PROBE_SIZE, seed=21540)
    inputs = keras.Input(x.shape[1:])
    h = keras.layers.Dense(16)(inputs)
    h = keras.layers.LayerNormalization()(
        h + keras.layers.MultiHeadAttention(2, 8)(h, h))
    h = keras.layers.GlobalAveragePooling1D()(keras.layers.Dense(32, activation="relu")(h))
    model = keras.Model(inputs, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    halve = keras.callbacks.LearningRateScheduler(lambda epoch, lr: 2e-3 * 0.5 ** (epoch // 5))
    return _fit(session, model, x, y, epochs=15, batch_size=32, callbacks=[halve])


@holdout215("quarrymen_of_purbeck", healthy=True)
def survey_and_core_two_inputs(session):
    """Sound-block classifier with two inputs, the z-scored survey (MLP) and the drill core
    (Conv1D), Adam 1e-3; 10% of the labels are the foreman's misjudgements."""
    keras = _keras()
    _, z, y, _ = _block_survey(N, seed=21541)
    core, _ = _core_samples(N, seed=21541)
    r = np.random.default_rng(21541)
    y = np.where(r.uniform(size=N) < 0.1, 1 - y, y).astype("int32")
    a, b = keras.Input((6,)), keras.Input(core.shape[1:])
    ha = keras.layers.Dense(64, activation="relu")(a)
    hb = keras.layers.GlobalAveragePooling1D()(
        keras.layers.Conv1D(8, 5, activation="relu")(b))
    h = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([ha, hb]))
    model = keras.Model([a, b], keras.layers.Dense(2, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    split = N - PROBE_SIZE
    history = model.fit([z[:split], core[:split]], y[:split], epochs=15, batch_size=32,
                        verbose=0, callbacks=session.callbacks(([z[split:], core[split:]],
                                                                y[split:])))
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# broken: one per cause


@holdout215("cobblers_of_the_close", ["learning_rate_too_high"], stall_begins=32)  # approximate
def grades_adam_at_sgd_rate(session):
    """Repair-grade classifier, 2x64 relu MLP, Adam given the learning rate 0.5 of the SGD
    recipe it replaced: after a blow-up in the first epoch it bounces at the constant-guess
    loss (ln 4) for the rest of the run."""
    return _adam_sgd_rate(session, broken=True)


@holdout215("cobblers_of_the_close", ["over_regularization"], stall_begins=128)  # approximate
def repair_price_l2_typo(session):
    """Repair price from customer, last and leather ids through embeddings and a relu layer;
    the L2 factor meant as 1e-4 was typed 1.0 on every embedding and kernel, so the weights are
    pressed to zero and the model predicts little more than the mean."""
    return _l2_on_embeddings(session, broken=True)


@holdout215("drovers_of_the_ridgeway", ["vanishing_gradients"])
def route_ten_sigmoid_layers(session):
    """Route classifier from ten day features, ten sigmoid layers of 48 with Glorot init, SGD
    0.05 with momentum (a textbook net): the gradient reaching the lower layers is tiny and the
    loss stays at the constant-guess level from the start."""
    return _deep_sigmoid_drove(session, broken=True)


@holdout215("drovers_of_the_ridgeway", ["exploding_gradients"], stall_begins=72)  # approximate
def distance_rnn_normal_recurrent(session):
    """Last-day distance from 30 days of weather, tanh SimpleRNN(64) whose recurrent weights
    were drawn from RandomNormal(stddev=1.0) (spectral radius ~8, chaotic), SGD 1e-2 with
    momentum and clipnorm 5: backpropagated gradients grow with the sequence, the clip keeps
    them finite, and the loss stalls far above the orthogonal-init run."""
    return _normal_recurrent_init(session, broken=True)


@holdout215("drovers_of_the_ridgeway", ["non_finite_values"], stall_begins=LOG_ZERO_ROW // 32)
def strays_log_of_zero_days(session):
    """Strays model with a 'days since rain' column passed through np.log; a few days had rain
    that very morning (0 days) and give -inf, read in file order: the first reaches the model
    in batch 10, the weights turn NaN and the loss is NaN to the end."""
    return _log_of_days_since_rain(session, broken=True)


@holdout215("nail_makers", ["dead_relus"])
def ring_conv_negative_bias(session):
    """Temper from the hammer's ring, Conv1D relu layers with biases started at -3 (from a
    'sparse features' recipe): the ring's amplitude is below one, no filter ever fires, and
    the loss sits at ln 4 from the first step."""
    return _dead_conv_bias(session, broken=True)


@holdout215("nail_makers", ["saturated_activations"])
def nail_sigmoid_convnet_bias(session):
    """Nail-class CNN with sigmoid conv and dense layers whose biases start at +6: every unit
    outputs ~1.0 for every photograph, the slope is ~0.002, and SGD with momentum leaves the
    loss at the constant-guess level."""
    return _sigmoid_convnet_bias(session, broken=True)


@holdout215("nail_makers", ["poor_initialization"], stall_begins=128)  # approximate
def ring_constant_kernels(session):
    """Temper from the ring, Conv1D net whose kernels were all initialized to Constant(0.05)
    'for reproducibility': filters and units start identical and get identical updates, so the
    net behaves as one filter wide and levels off far above the Glorot run."""
    return _constant_kernel_init(session, broken=True)


@holdout215("quarrymen_of_purbeck", ["learning_rate_too_low"])
def core_yield_sgd_1e6(session):
    """Stone yield from the drill core, Conv1D net, SGD with momentum at 1e-6 where 1e-2 was
    meant: the loss creeps down by a thousandth an epoch from the start."""
    return _sgd_rate_units_slip(session, broken=True)


@holdout215("quarrymen_of_purbeck", ["unnormalized_inputs"], stall_begins=32)  # approximate
def block_survey_raw_units(session):
    """Sound-block classifier fed the survey in raw units (depth in mm, density in kg/m^3,
    moisture as a fraction), 2x64 relu MLP, Adam 1e-3: the depth column dominates and the loss
    bounces far above the z-scored run after the first epoch."""
    return _raw_survey_units(session, broken=True)


@holdout215("quarrymen_of_purbeck", ["insufficient_capacity"], stall_begins=256)  # approximate
def block_survey_baseline_kept(session):
    """Sound-block classifier left as its logistic-regression baseline (no hidden layer) while
    the label is a sine, a product and an absolute value of the survey: it levels off far above
    what a 2x64 MLP reaches."""
    return _baseline_kept(session, broken=True)


@holdout215("quarrymen_of_purbeck", ["loss_activation_mismatch"], stall_begins=224)  # approx.
def block_score_sigmoid_output(session):
    """Block-quality score regression (standardized target), 2x64 relu MLP whose output layer
    kept the sigmoid of the classifier it was copied from: predictions cannot go below zero, so
    the negative half of the target is never fitted."""
    return _sigmoid_on_standardized_score(session, broken=True)
