"""The two-hundred-and-thirty-seventh held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own
per-epoch loss (Keras History, or the hand-written loop's epoch means) with Session(None), and
every broken one against the same model trained without its mistake (each helper
`_name(session, broken)` trains both).

The healthy half (eleven runs). Bell ringers: which of four bells rang a strike, by a Conv1D net
under SGD with Nesterov momentum and CosineDecayRestarts, 20% of labels wrong; a bell's hum
level by an LSTM under Adam with InverseTimeDecay against noise that grows with the level.
Sawyers: a log's sawn yield by an MLP under Adamax and the log-cosh loss against Student-t
noise; grain direction on 12x12 photographs by SeparableConv2D layers, a quarter of labels
wrong; the yield from only 160 logs by an MLP 128-128 under Lion over 60 short epochs (it
memorises the pile). Tallymen: rare flagged manifests (about 6%) by an Embedding and Conv1D
under BinaryFocalCrossentropy; cargo shares over five berths (noisy Dirichlet targets) by an MLP
under the KL-divergence loss; flagged manifests by a MultiHeadAttention block under AdamW with
CosineDecay's built-in warm-up, a tenth of flags wrong. Turners: the 0.8 quantile of a turning
time with exponential noise under a pinball loss in a hand-written GradientTape loop; a
spindle's pass/fail (-1/+1, 10% misgraded) under the squared hinge loss with SGD and
PiecewiseConstantDecay; a bowl's wall thickness by a tanh MLP under Adagrad 0.01, a long slow
descent still falling at the end.

The broken half (eight runs, one root cause each): RMSprop(0.9) with rho meant, the rate passed
positionally (learning rate too high); a mixed-precision loss scale of 1024 never divided out of
the gradients in a hand-written SGD loop (exploding gradients; the logged loss is the scaled
one); GaussianNoise(1.0) for the recipe's 0.01 on standardised features (over-regularisation);
Constant(0.1) kernel initialisation 'for reproducibility', every unit identical (poor
initialisation); a raw Unix timestamp column appended unscaled (unnormalised inputs);
ExponentialDecay with decay_steps=1 where a per-epoch decay was meant (learning rate too low);
relu biases initialised Constant(-4) 'for sparse features' (dead ReLUs); a hand-written
(x - mean) / std on a constant column, 0 / 0 NaN inputs into a tanh MLP (non-finite values).

Dropped because they did not behave as intended: twelve hard_sigmoid layers under SGD for
vanishing gradients (the two-layer fix did not learn under the same SGD rate either); Conv2D(1)
'for grayscale' for insufficient capacity (it was still learning steadily, not stalled); a tanh
head under binary cross-entropy for loss/activation mismatch (it kept learning nearly as well
as the sigmoid head); sigmoid hidden biases of Constant(8) for saturated activations (the fixed
sigmoid MLP under the same SGD did barely better, so no honest contrast); a two-input
(trace plus tower Embedding) healthy GRU (the shared _fit helper does not split list inputs).
So saturated activations, vanishing gradients, insufficient capacity and loss/activation
mismatch have no scenario here. GaussianNoise(3.0) was first tried and rejected by keras
(stddev must be within [0, 1]), so 1.0 was used. Also left out because earlier catalogues hold
them: label noise on MLPs, ReduceLROnPlateau, Poisson and Huber losses, class_weight,
reduction='sum', Adam's beta copied into momentum, Rescaling slips, NonNeg and MaxNorm
constraints, L1/L2 penalties, dropout 0.9, zero and tiny initialisations, NaN cells and log(0)
targets.

Labelling: stall_begins is the 0-based optimizer step (32 steps an epoch here) from which the
broken loss stops improving, None when it never improves; 64 (learning rate too high), 160
(poor initialisation), 32 (learning rate too low) and 300 (unnormalised inputs) are approximate,
read off the epoch losses.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('bell_ringers_of_norwich', 'sawyers_of_the_pit', 'tallymen_of_the_docks',
            'turners_of_high_wycombe')
REGISTRY = []
holdout237 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE
BELLS, SAWYERS, TALLY, TURNERS = FAMILIES


# ---------------------------------------------------------------------------------------------
# data


def _peals(n, seed, length=32, noise=0.3, flip=0.0):
    """A bell's recorded strike (a damped tone) and which of four bells rang it."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, n)
    t = np.arange(length)[None, :]
    freq = 0.15 + 0.1 * y[:, None] + rng.normal(0, 0.01, (n, 1))
    decay = rng.uniform(0.03, 0.08, (n, 1))
    x = np.sin(2 * np.pi * freq * t + rng.uniform(0, 6.3, (n, 1))) * np.exp(-decay * t)
    x = x + rng.normal(0, noise, x.shape)
    if flip:
        wrong = rng.random(n) < flip
        y = np.where(wrong, rng.integers(0, 4, n), y)
    return x[..., None].astype("float32"), y.astype("int32")


def _log_yield(n, seed, d=8):
    """A log's sawn yield from its survey features: a smooth nonlinear target."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 1, (n, d)).astype("float32")
    y = np.sin(1.5 * x[:, 0]) + x[:, 1] * x[:, 2] + 0.5 * np.abs(x[:, 3]) - 0.3 * x[:, 4] ** 2
    return x, y.astype("float32")[:, None]


def _rings(n, seed, noise=0.08):
    """Sound or split board: a grain point inside the ring band or not (two classes)."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1.5, 1.5, (n, 2))
    r = np.sqrt((x ** 2).sum(1))
    y = ((r > 0.6) & (r < 1.1)).astype("int32")
    x = x + rng.normal(0, noise, x.shape)
    return x.astype("float32"), y


def _grain_tiles(n, seed, size=12, flip=0.0):
    """12x12 grain photographs: stripes at one of four angles."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, n)
    i, j = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
    angles = y * np.pi / 4
    phase = rng.uniform(0, 6.3, n)
    u = np.cos(angles)[:, None, None] * i + np.sin(angles)[:, None, None] * j
    x = np.sin(1.2 * u + phase[:, None, None]) + rng.normal(0, 0.5, (n, size, size))
    if flip:
        wrong = rng.random(n) < flip
        y = np.where(wrong, rng.integers(0, 4, n), y)
    return x[..., None].astype("float32"), y.astype("int32")


def _manifests(n, seed, length=20, vocab=50, rare=0.5):
    """Cargo manifests as token ids; a manifest is flagged when it holds two marker tokens."""
    rng = np.random.default_rng(seed)
    x = rng.integers(2, vocab, (n, length))
    y = (rng.random(n) < rare).astype("int32")
    for k in np.flatnonzero(y):
        x[k, rng.choice(length, 2, replace=False)] = 1
    return x.astype("int32"), y


# ---------------------------------------------------------------------------------------------
# bell ringers of Norwich


@holdout237(BELLS, healthy=True)
def strike_bells_with_restarts(session):
    """Which of four bells rang a recorded strike, by a Conv1D net under SGD with Nesterov
    momentum and CosineDecayRestarts; 20% of the ringers' logbook labels are wrong, so the
    loss saws with each restart and flattens well above zero."""
    keras = _keras()
    x, y = _peals(N, seed=23701, flip=0.2)
    model = keras.Sequential([
        keras.Input((32, 1)),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 3, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    schedule = keras.optimizers.schedules.CosineDecayRestarts(0.05, first_decay_steps=64)
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9, nesterov=True),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout237(BELLS, healthy=True)
def hum_decay_lstm(session):
    """A bell's hum level at the next sample from the last 24, by an LSTM under Adam with
    InverseTimeDecay; the recording hiss grows with the level (heteroscedastic), so the MSE
    flattens far above zero."""
    keras = _keras()
    rng = np.random.default_rng(23702)
    t = np.arange(25)[None, :]
    amp = rng.uniform(0.5, 2.0, (N, 1))
    clean = amp * np.sin(0.4 * t + rng.uniform(0, 6.3, (N, 1)))
    series = clean + rng.normal(0, 1, clean.shape) * 0.3 * np.abs(clean)
    x, y = series[:, :24, None].astype("float32"), series[:, 24:].astype("float32")
    model = keras.Sequential([keras.Input((24, 1)), keras.layers.LSTM(24), keras.layers.Dense(1)])
    schedule = keras.optimizers.schedules.InverseTimeDecay(3e-3, decay_steps=100, decay_rate=0.5)
    model.compile(keras.optimizers.Adam(schedule), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _swapped_rmsprop(session, broken):
    keras = _keras()
    x, y = _peals(N, seed=23705)
    model = keras.Sequential([
        keras.Input((32, 1)),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    optimizer = keras.optimizers.RMSprop(0.9) if broken else keras.optimizers.RMSprop(rho=0.9)
    model.compile(optimizer, "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout237(BELLS, ["learning_rate_too_high"], stall_begins=64)
def rmsprop_rho_as_rate(session):
    """Four-bell strike classifier (Conv1D) under RMSprop(0.9): the ringer meant rho=0.9 but
    passed it positionally, where the first argument is the learning rate, so every step
    jumps the weights by order one and the loss bounces high from the start."""
    return _swapped_rmsprop(session, True)


def _unscaled_loss(session, broken):
    keras = _keras()
    x, y = _peals(N, seed=23707)
    x = x[..., 0]
    model = _mlp(keras, 32, [64, 64], 4, activation="tanh", out_activation=None)
    ce = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    scale = 1024.0 if broken else 1.0

    def scaled_loss(targets, logits):
        return scale * ce(targets, logits)

    return _custom_loop(session, model, keras.optimizers.SGD(0.05), scaled_loss, x, y,
                        epochs=10, batch_size=32, seed=23708)


@holdout237(BELLS, ["exploding_gradients"], stall_begins=None)
def loss_scale_never_undone(session):
    """A hand-written GradientTape loop for the strike classifier (tanh MLP, SGD 0.05) that
    copies a mixed-precision recipe's loss scale of 1024 but never divides the gradients by it:
    every gradient is a thousand times too large, the tanh units are thrown to their rails and
    the (scaled) loss bounces high without ever settling."""
    return _unscaled_loss(session, True)


# ---------------------------------------------------------------------------------------------
# sawyers of the pit


@holdout237(SAWYERS, healthy=True)
def board_yield_logcosh(session):
    """A log's sawn yield from eight survey features, by an MLP under Adamax and the log-cosh
    loss; the pit's tally of boards has Student-t (3 dof) errors, so the loss flattens far
    above zero."""
    keras = _keras()
    x, y = _log_yield(N, seed=23710)
    y = y + 0.5 * np.random.default_rng(23711).standard_t(3, y.shape).astype("float32")
    model = _mlp(keras, 8, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adamax(3e-3), "log_cosh")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout237(SAWYERS, healthy=True)
def grain_tiles_separable(session):
    """Grain direction on 12x12 board photographs by SeparableConv2D layers under Adam; a
    quarter of the labels were called wrong by a tired top-sawyer, so the loss eases off well
    above zero."""
    keras = _keras()
    x, y = _grain_tiles(N, seed=23712, flip=0.25)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.SeparableConv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.SeparableConv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout237(SAWYERS, healthy=True)
def few_logs_lion(session):
    """Sawn yield from only 160 logs (plus the probe) by an MLP 128-128 under the Lion
    optimizer over 60 short epochs: it memorises the small pile, the training loss keeps
    sinking slowly while there is nothing wrong in the code."""
    keras = _keras()
    x, y = _log_yield(160 + PROBE_SIZE, seed=23713)
    y = y + np.random.default_rng(23714).normal(0, 0.3, y.shape).astype("float32")
    model = _mlp(keras, 8, [128, 128], 1, out_activation=None)
    model.compile(keras.optimizers.Lion(3e-4), "mse")
    return _fit(session, model, x, y, epochs=60, batch_size=32)


def _noise_layer(session, broken):
    keras = _keras()
    x, y = _log_yield(N, seed=23716)
    stddev = 1.0 if broken else 0.01
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.GaussianNoise(stddev),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout237(SAWYERS, ["over_regularization"], stall_begins=None)
def gaussian_noise_one(session):
    """Sawn yield from standardised survey features behind GaussianNoise(1.0), the sawyer
    having read the augmentation recipe's 0.01 as 1: the noise is as large as the features
    themselves and the MSE stalls far above the lightly-noised model's."""
    return _noise_layer(session, True)


def _symmetric_init(session, broken):
    keras = _keras()
    x, y = _rings(N, seed=23717)
    init = keras.initializers.Constant(0.1) if broken else "glorot_uniform"
    model = _mlp(keras, 2, [64, 64], 2, kernel_initializer=init)
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout237(SAWYERS, ["poor_initialization"], stall_begins=160)
def constant_kernel_init(session):
    """Sound or split from a point on the board's grain rings, by an MLP 64-64 whose kernels
    were initialised Constant(0.1) 'so runs are reproducible': every hidden unit starts equal
    and receives the same gradient, so the net is one unit wide and stalls near ln 2."""
    return _symmetric_init(session, True)


# ---------------------------------------------------------------------------------------------
# tallymen of the docks


@holdout237(TALLY, healthy=True)
def manifest_flags_focal(session):
    """Whether a cargo manifest is flagged (about 6%), by an Embedding and global max pooling
    under BinaryFocalCrossentropy with Adam; focal loss on a rare class flattens low but far
    from zero once the easy negatives are down-weighted."""
    keras = _keras()
    x, y = _manifests(N, seed=23720, rare=0.06)
    y = np.where(np.random.default_rng(23721).random(N) < 0.03, 1 - y, y).astype("float32")
    model = keras.Sequential([
        keras.Input((20,), dtype="int32"),
        keras.layers.Embedding(50, 16),
        keras.layers.Conv1D(16, 3, activation="relu"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.BinaryFocalCrossentropy(gamma=2.0))
    return _fit(session, model, x, y[:, None], epochs=12, batch_size=32)


@holdout237(TALLY, healthy=True)
def berth_shares_kl(session):
    """How a ship's cargo split over five berths (a distribution, not a label) from ten
    features, by an MLP under RMSprop and the KL-divergence loss; the tallies themselves are
    noisy Dirichlet draws, so the loss flattens well above zero."""
    keras = _keras()
    rng = np.random.default_rng(23722)
    x = rng.normal(0, 1, (N, 10)).astype("float32")
    logits = np.tanh(x[:, :5] + 0.5 * x[:, 5:]) * 2
    mean = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
    y = np.stack([rng.dirichlet(10 * m + 0.1) for m in mean]).astype("float32")
    model = _mlp(keras, 10, [64, 64], 5)
    model.compile(keras.optimizers.RMSprop(1e-3), "kl_divergence")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout237(TALLY, healthy=True)
def manifest_attention_warmup(session):
    """Flagged manifests (half of them) by one MultiHeadAttention block over token embeddings,
    under AdamW with CosineDecay's built-in linear warm-up; a tenth of the tallymen's flags are
    wrong, so the loss comes down after the warm-up and flattens above zero."""
    keras = _keras()
    x, y = _manifests(N, seed=23723, rare=0.5)
    y = np.where(np.random.default_rng(23724).random(N) < 0.1, 1 - y, y)
    tokens = keras.Input((20,), dtype="int32")
    h = keras.layers.Embedding(50, 16)(tokens)
    h = keras.layers.LayerNormalization()(h + keras.layers.MultiHeadAttention(2, 8)(h, h))
    h = keras.layers.GlobalAveragePooling1D()(h)
    out = keras.layers.Dense(2, activation="softmax")(h)
    model = keras.Model(tokens, out)
    steps = 12 * 32
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, steps - 64, warmup_target=3e-3, warmup_steps=64)
    model.compile(keras.optimizers.AdamW(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _timestamp_column(session, broken):
    keras = _keras()
    x, y = _log_yield(N, seed=23725, d=6)
    stamp = 1.7e9 + np.random.default_rng(23726).uniform(0, 3e7, (N, 1))
    x = np.concatenate([x, stamp.astype("float32")], axis=1)
    if not broken:
        x = _standardize(x)
    model = _mlp(keras, 7, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout237(TALLY, ["unnormalized_inputs"], stall_begins=300)
def unix_time_column(session):
    """A cargo's unloading time from six standardised features and the tally's raw Unix
    timestamp (about 1.7e9 seconds), appended as a seventh column without scaling: that
    column swamps every hidden unit; the loss falls from about 1e14 and then stalls near 950,
    far above the scaled model's (the start of the stall, about step 300, is approximate)."""
    return _timestamp_column(session, True)


def _per_step_decay(session, broken):
    keras = _keras()
    x, y = _manifests(N, seed=23727, rare=0.5)
    steps = 1 if broken else 32
    schedule = keras.optimizers.schedules.ExponentialDecay(3e-3, decay_steps=steps,
                                                           decay_rate=0.9)
    model = keras.Sequential([
        keras.Input((20,), dtype="int32"),
        keras.layers.Embedding(50, 16),
        keras.layers.LSTM(16),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(schedule), "binary_crossentropy")
    return _fit(session, model, x, y[:, None].astype("float32"), epochs=12, batch_size=32)


@holdout237(TALLY, ["learning_rate_too_low"], stall_begins=32)
def decay_steps_per_batch(session):
    """Flagged manifests by an Embedding and an LSTM under Adam with ExponentialDecay(3e-3,
    decay_steps=1, decay_rate=0.9): the tallyman wanted a tenth off per epoch but decay_steps
    counts batches, so within a few dozen steps the rate is negligible and the loss freezes near
    ln 2 (the start of the stall is approximate)."""
    return _per_step_decay(session, True)


# ---------------------------------------------------------------------------------------------
# turners of High Wycombe


@holdout237(TURNERS, healthy=True)
def chair_leg_quantile_custom(session):
    """The 0.8 quantile of a chair leg's turning time from eight features, by an MLP in a
    hand-written GradientTape loop under the pinball loss, the time's noise exponential
    (skewed); the loss flattens well above zero as a quantile loss must."""
    keras = _keras()
    import tensorflow as tf

    x, y = _log_yield(N, seed=23730)
    y = y + np.random.default_rng(23731).exponential(1.0, y.shape).astype("float32")
    model = _mlp(keras, 8, [64, 64], 1, out_activation=None)

    def pinball(targets, predictions):
        err = targets - predictions
        return tf.reduce_mean(tf.maximum(0.8 * err, -0.2 * err))

    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), pinball, x, y,
                        epochs=15, batch_size=32, seed=23732)


@holdout237(TURNERS, healthy=True)
def spindle_grade_squared_hinge(session):
    """Whether a turned spindle passes (labels -1/+1, 10% misgraded) from the ring points, by
    an MLP with a linear head under the squared hinge loss and SGD with momentum and
    PiecewiseConstantDecay; the loss steps down at the boundaries and stays above zero."""
    keras = _keras()
    x, y = _rings(N, seed=23733)
    y = np.where(np.random.default_rng(23734).random(N) < 0.1, 1 - y, y)
    y = (2.0 * y - 1.0).astype("float32")[:, None]
    model = _mlp(keras, 2, [64, 64], 1, out_activation=None)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([192, 320], [0.05, 0.01, 2e-3])
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "squared_hinge")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout237(TURNERS, healthy=True)
def bowl_wall_slow_adagrad(session):
    """A bowl's wall thickness from eight lathe readings, by a tanh MLP under Adagrad 0.01:
    a long slow descent, still falling at the end of 20 epochs, with a little measurement
    noise below it."""
    keras = _keras()
    x, y = _log_yield(N, seed=23735)
    y = y + np.random.default_rng(23736).normal(0, 0.2, y.shape).astype("float32")
    model = _mlp(keras, 8, [32, 32], 1, activation="tanh", out_activation=None)
    model.compile(keras.optimizers.Adagrad(0.01), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _bias_dead(session, broken):
    keras = _keras()
    x, y = _grain_tiles(N, seed=23737)
    x = x[..., 0]
    bias = keras.initializers.Constant(-4.0) if broken else "zeros"
    model = keras.Sequential([
        keras.Input((12, 12)),
        keras.layers.Conv1D(32, 3, activation="relu", bias_initializer=bias),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(32, activation="relu", bias_initializer=bias),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout237(TURNERS, ["dead_relus"], stall_begins=None)
def sparse_bias_minus_four(session):
    """Grain direction of turned blanks, rows of the 12x12 photograph as a sequence, by a
    Conv1D and Dense relu net whose biases were initialised Constant(-4) 'for sparse features',
    as in a sparse-coding recipe: on standardised inputs almost no unit ever fires, and the
    loss sits at ln 4."""
    return _bias_dead(session, True)


def _zero_std_column(session, broken):
    keras = _keras()
    x, y = _log_yield(N, seed=23739, d=7)
    x = np.concatenate([x, np.zeros((N, 1), "float32")], axis=1)
    std = x.std(axis=0)
    if not broken:
        std = np.where(std == 0, 1.0, std)
    with np.errstate(invalid="ignore", divide="ignore"):
        x = ((x - x.mean(axis=0)) / std).astype("float32")
    model = _mlp(keras, 8, [64, 64], 1, activation="tanh", out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout237(TURNERS, ["non_finite_values"], stall_begins=None)
def zero_variance_column(session):
    """A lathe's spindle-time estimate from eight columns standardised by hand as (x - mean) /
    std: the workshop-id column is constant in this export, so 0 / 0 turns it into NaN and the
    loss is NaN from the first batch on, epoch after epoch."""
    return _zero_std_column(session, True)
