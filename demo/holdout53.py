"""The fifty-third held-out catalogue: written by someone who did not read the engine or run the
diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History and the running per-step loss, in a throwaway script with the runner's
seed), and every broken one against the same model trained without its mistake (each helper
`_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Ropemakers: a rope's fault (sound, broken strand,
kinked lay) from 32 bench tension readings by an LSTM, a fifth of the calls wrong (it sits at the
label noise's floor); a braided sheath's weave from only 256 12x12 patches by a Conv2D net with a
Dense head over 40 short epochs (it memorises the book, the loss falling towards zero); a rope's
breaking load under Huber loss against Student-t scatter, Adam 1e-2 with ReduceLROnPlateau
(a quick fall, then a slow descent still going at the end). Glassblowers: a melt's viscosity
index by an MLP predicting a mean and a log-variance under the Gaussian negative log-likelihood,
heteroscedastic scatter (a steady fall towards zero); glass defect textures by a Conv2D net,
AdamW under a warm-up and cosine decay (flat while the rate warms up, then a fall); a glass
batch's grade in a hand-written GradientTape loop under categorical cross-entropy with label
smoothing 0.2 (a slow descent far above zero). Farriers: lameness from fore and hind hoof-load
traces by a GRU, one horse in eight lame and no class weights (from near the prior's entropy, a
slow fall); a job ticket's ten tokens (Embedding, max pooling) and three numbers as two inputs,
SGD with momentum under a LearningRateScheduler step decay; worn nail holes per shoe (Poisson
counts) by a softplus-headed MLP under keras's Poisson loss. Plumbers: a pressure drop by a tanh
MLP under plain SGD 0.01 (a long, slow descent still going at the end); the 0.9 quantile of a
night leak flow by a MultiHeadAttention block in a hand-written loop under the pinball loss
against gamma scatter (flat far above zero); a fitting's class from pressure transients by a
Conv1D net under RMSprop, a quarter of the labels wrong.

The broken half, one root cause each: keras.optimizers.SGD(0.9) written for 'SGD with momentum
0.9', whose first positional argument is the learning rate (learning rate too high);
ExponentialDecay(decay_steps=1) meant per epoch, so a GRU's Adam rate is 2e-3 * 0.9**step
(learning rate too low); each window of a Conv1D's input z-scored by its own standard deviation
where a saturated logger held its value, 0/0 in file order (non-finite values); seven stacked
Conv2D layers with activation='sigmoid' under SGD with momentum (vanishing gradients); the LSTM
forget-gate bias trick, bias_initializer=Constant(5.0), copied onto plain tanh layers
(saturated activations); a sigmoid head 'because it is a rate' regressing a pass rate the log
keeps in percent (loss/activation mismatch); a highway gate's bias_initializer=Constant(-3.0)
copied onto a Conv1D relu net (dead ReLUs); TruncatedNormal(stddev=1e-3) kernels from an old
word-embedding snippet in a five-layer relu MLP under SGD (poor initialisation); two Dense(64)
layers written without an activation after a mean-pooled Embedding, on an exclusive-or of two
token groups (insufficient capacity); a hand-written loop whose loss is the batch's sum of
per-example cross-entropy under a rate tuned for its mean, 64 times too large a gradient
(exploding gradients); a GRU fed raw line pressure in Pa (~3e5) (unnormalised inputs); a ridge
model's alpha carried over as kernel_regularizer=L2(0.3) on every layer (over-regularisation).

Dropped or replaced because they did not behave as intended: RandomNormal(0.1) read as 'stddev
0.1' (the first positional argument is the mean) for poor initialisation under Adam (it bounced
and then kept creeping down, ~1.27 -> ~1.07 over four more epochs; the tiny truncated normal
under SGD kept); GaussianNoise(2.5), the gauge tolerance in kPa applied after standardisation,
for over-regularisation (keras 3 refuses a stddev above 1) and GaussianNoise(1.0) (it bounced
around ~0.65 and ended at its lowest; the L2 kept); L2(0.1) (still creeping, ~0.7% an epoch;
0.3 kept); the linear Dense stack behind a max-pooled Embedding (the max pooling is itself
nonlinear and it kept learning, ~0.24 and falling; mean pooling kept); SGD(0.9) on the Conv2D
net with global average pooling (it learnt to ~0.33 before blowing up and was recovering at the
end; the Flatten-Dense head, which blows up in its second epoch and stays at ln 4, kept).

With the runner's seed, `fit` visits the examples in the same order every epoch. Labels follow
`scenarios.py`: `expected_causes[0]` is the root cause the scenario was built around (no second
cause was added: none was checked to be measurably present); `stall_begins` is the optimizer
step from which the loss stops improving (None: from the start), exact where an event of the
scenario causes it (the first flat window, read in file order), otherwise read off the running
per-step loss and marked approximate next to the scenario.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("ropemakers", "glassblowers", "farriers", "plumbers")

REGISTRY = []

holdout53 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE
STEPS = 1024 // 32  # optimizer steps per epoch at batch 32


def _rng(seed):
    return np.random.default_rng(seed)


def _std(v):
    v = np.asarray(v, dtype="float64")
    return ((v - v.mean(axis=0)) / (v.std(axis=0) + 1e-12)).astype("float32")


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, shuffle=True, callbacks=()):
    """`_fit` for a model with several inputs; the last PROBE_SIZE rows are the probe."""
    train = [v[:-PROBE_SIZE] for v in inputs]
    probe = ([v[-PROBE_SIZE:] for v in inputs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        shuffle=shuffle, verbose=0,
                        callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


# data ------------------------------------------------------------------------------------------


def strand_traces(n, seed, length=32, flip=0.0):
    """Tension along a rope on a test bench over `length` readings, three classes: 0 sound, 1 a
    broken strand (a dip and recovery somewhere), 2 a kinked lay (a periodic ripple); a
    fraction `flip` of the inspector's calls are wrong."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    t = np.arange(length)
    x = np.empty((n, length, 1), dtype="float32")
    for k in range(n):
        s = 0.2 * np.cumsum(r.normal(size=length)) / np.sqrt(length)
        if y[k] == 1:
            c = r.integers(4, length - 4)
            s = s - r.uniform(0.8, 1.5) * np.exp(-0.5 * ((t - c) / 1.5) ** 2)
        elif y[k] == 2:
            s = s + r.uniform(0.4, 0.8) * np.sin(2 * np.pi * t / r.uniform(4, 7) + r.uniform(0, 6))
        x[k, :, 0] = s + 0.2 * r.normal(size=length)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 3, n)) % 3, y)
    return x, y


def melt_table(n, seed, dim=8):
    """Eight standardised furnace features and a smooth nonlinear signal of them (a glass melt's
    viscosity index), without noise: each scenario adds its own."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    f = (np.sin(1.3 * x[:, 0]) + 0.6 * x[:, 1] * x[:, 2] - 0.5 * np.abs(x[:, 3])
         + 0.4 * x[:, 4] + 0.3 * np.tanh(2 * x[:, 5]) * x[:, 6])
    return x, f


def weave_patches(n, seed, size=12, classes=4, noise=0.5):
    """`size` x `size` greyscale patches of a weave: horizontal, vertical, diagonal or
    cross-hatched stripes at a random phase and period, under pixel noise."""
    r = _rng(seed)
    y = r.integers(0, classes, n)
    i, j = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        p, ph = r.uniform(3, 5), r.uniform(0, 2 * np.pi)
        w = 2 * np.pi / p
        pat = [np.sin(w * i + ph), np.sin(w * j + ph), np.sin(w * (i + j) / 1.4 + ph),
               0.5 * (np.sin(w * i + ph) + np.sin(w * j + ph))][y[k]]
        x[k, :, :, 0] = pat + noise * r.normal(size=(size, size))
    return x, y


def gait_sequences(n, seed, length=40, positive=0.5):
    """A horse's hoof-load trace over `length` samples (two channels, fore and hind); lame
    horses (a fraction `positive`) load one side short every stride."""
    r = _rng(seed)
    y = (r.random(n) < positive).astype("int64")
    t = np.arange(length)
    x = np.empty((n, length, 2), dtype="float32")
    for k in range(n):
        period, ph = r.uniform(7, 11), r.uniform(0, 2 * np.pi)
        fore = np.sin(2 * np.pi * t / period + ph)
        hind = np.sin(2 * np.pi * t / period + ph + np.pi)
        if y[k]:
            fore = fore * (1 - r.uniform(0.3, 0.6) * (np.sin(np.pi * t / period + ph) > 0))
        x[k, :, 0] = fore + 0.35 * r.normal(size=length)
        x[k, :, 1] = hind + 0.35 * r.normal(size=length)
    return x, y


def pipe_network(n, seed):
    """A pipe run's features (standardised): diameter, length, roughness, flow, fittings,
    height change: the pressure drop follows a Darcy-like law in them."""
    r = _rng(seed)
    x = r.normal(size=(n, 6)).astype("float32")
    drop = (np.exp(0.5 * x[:, 3] - 0.6 * x[:, 0]) * (1 + 0.3 * x[:, 1]) + 0.3 * x[:, 2] * x[:, 4]
            + 0.5 * x[:, 5])
    return x, drop


def token_bags(n, seed, vocab=40, length=10):
    """A farrier's job ticket as `length` tokens from `vocab`; whether the job needs a forge
    fitting is an exclusive-or: a hot-shoe token or a remedial token, but not both."""
    r = _rng(seed)
    tok = r.integers(1, vocab, size=(n, length))
    a = np.isin(tok, np.arange(1, 6)).any(axis=1)
    b = np.isin(tok, np.arange(6, 11)).any(axis=1)
    y = (a ^ b).astype("int64")
    return tok.astype("int32"), y


# ropemakers ------------------------------------------------------------------------------------


@holdout53("ropemakers", healthy=True)
def strand_faults_noisy_lstm(session):
    """A rope's fault (sound, broken strand, kinked lay) from 32 bench tension readings by an
    LSTM(24), a fifth of the inspector's calls wrong, Adam 3e-3: it learns the faults and then
    sits at the label noise's floor, far above zero."""
    keras = _keras()
    x, y = strand_traces(N, seed=5301, flip=0.2)
    model = keras.Sequential([keras.Input((32, 1)), keras.layers.LSTM(24),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout53("ropemakers", healthy=True)
def lay_pattern_small_batch_overfit(session):
    """The weave of a braided sheath (four patterns) from 12x12 patches, only 256 patches in
    the book (128 more held out), a Conv2D 16-32 net with a Dense 64 head under Adam 2e-3 for
    40 short epochs: the training loss falls towards zero as it memorises the book."""
    keras = _keras()
    x, y = weave_patches(256 + PROBE_SIZE, seed=5302, noise=0.9)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=32)


@holdout53("ropemakers", healthy=True)
def breaking_load_huber_plateau(session):
    """A rope's breaking load (standardised) from eight yarn features by an MLP 64-64 relu under
    Huber loss, Student-t (3 dof) scatter from the test machine, Adam 1e-2 with
    ReduceLROnPlateau(factor 0.3, patience 1) watching the loss: a quick fall, then a slow,
    steady descent towards the scatter's floor, still going at the end."""
    keras = _keras()
    x, f = melt_table(N, seed=5303)
    y = _std(f + 0.5 * _rng(5303).standard_t(3, size=N))[:, None]
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-2), keras.losses.Huber(1.0))
    plateau = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=1, min_lr=1e-5)
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[plateau])


def _sgd_positional(session, broken):
    keras = _keras()
    x, y = weave_patches(N, seed=5304)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    opt = keras.optimizers.SGD(0.9) if broken else keras.optimizers.SGD(0.01, momentum=0.9)
    model.compile(opt, "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout53("ropemakers", ["learning_rate_too_high"], stall_begins=None)
def sheath_weave_sgd_positional(session):
    """The weave of a braided sheath from 12x12 patches by a Conv2D 16-32 net, compiled with
    keras.optimizers.SGD(0.9) written for 'SGD with momentum 0.9': the first positional
    argument is the learning rate, so it runs plain SGD at a rate of 0.9."""
    return _sgd_positional(session, True)


def _per_step_decay(session, broken):
    keras = _keras()
    x, y = strand_traces(N, seed=5305)
    model = keras.Sequential([keras.Input((32, 1)), keras.layers.GRU(24),
                              keras.layers.Dense(3, activation="softmax")])
    lr = keras.optimizers.schedules.ExponentialDecay(
        2e-3, decay_steps=1 if broken else STEPS, decay_rate=0.9)
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# At ~ln 3 from the first step: the rate is 2e-3 * 0.9**step, ~1e-4 by step 30.
@holdout53("ropemakers", ["learning_rate_too_low"], stall_begins=None)
def strand_gru_decay_every_step(session):
    """A rope's fault from 32 tension readings by a GRU(24) under Adam with
    ExponentialDecay(2e-3, decay_steps=1, decay_rate=0.9), meant as 'ten percent less every
    epoch': decay_steps counts optimizer steps, so the rate is 0.9**step and below 1e-6 within
    the first epoch's 32 steps, leaving the GRU where it stood."""
    return _per_step_decay(session, True)


def _flat_windows(session, broken):
    keras = _keras()
    x, y = strand_traces(N, seed=5306)
    r = _rng(5306)
    # The bench logger holds its last value when its amplifier saturates: some windows are flat.
    stuck = np.sort(r.choice(np.arange(40, N - PROBE_SIZE), 12, replace=False))
    x[stuck, :, 0] = x[stuck, :1, 0]
    mean = x.mean(axis=1, keepdims=True)
    sd = x.std(axis=1, keepdims=True)
    x = ((x - mean) / (sd + (1e-6 if not broken else 0.0))).astype("float32")
    model = keras.Sequential([
        keras.Input((32, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=6, batch_size=32, shuffle=False)


FIRST_FLAT = int(np.sort(_rng(5306).choice(np.arange(40, N - PROBE_SIZE), 12, replace=False))[0])


# The first flat window (0/0 after the per-window z-score) is read in file order: exact.
@holdout53("ropemakers", ["non_finite_values"], stall_begins=FIRST_FLAT // 32 + 1)
def strand_per_window_zscore(session):
    """A rope's fault from 32 tension readings by a Conv1D 16-32 net, each window z-scored by
    its own mean and standard deviation ('so every bench reads alike'), in file order. Twelve
    windows come from the logger holding its value while its amplifier saturated: their
    standard deviation is exactly 0, the z-score is 0/0 = NaN, and the first batch holding one
    makes the weights NaN."""
    return _flat_windows(session, True)


# glassblowers ----------------------------------------------------------------------------------


def _gaussian_nll(y, out):
    keras = _keras()
    mu, log_var = out[:, :1], out[:, 1:2]
    return keras.ops.mean(0.5 * (log_var + (y - mu) ** 2 / keras.ops.exp(log_var)))


@holdout53("glassblowers", healthy=True)
def melt_viscosity_gaussian_nll(session):
    """A melt's viscosity index from eight furnace features by an MLP 64-64 relu that predicts
    a mean and a log-variance, under the Gaussian negative log-likelihood, with scatter that
    grows with the temperature feature (heteroscedastic), Adam 2e-3: the loss falls steadily
    towards zero and is still slowly falling at the end, bounded below by the noise's entropy."""
    keras = _keras()
    x, f = melt_table(N, seed=5311)
    r = _rng(5311)
    y = (f + (0.2 + 0.5 * (1 + np.tanh(x[:, 7]))) * r.normal(size=N)).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(2)])
    model.compile(keras.optimizers.Adam(2e-3), _gaussian_nll)
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout53("glassblowers", healthy=True)
def bubble_patches_warmup_cosine(session):
    """Seed bubbles and cords in pressed glass (four weave-like defect textures) from 12x12
    patches by a Conv2D 16-32 net, AdamW under CosineDecay with a 96-step warm-up to 3e-3:
    flat while the rate warms up, then a fall that slows as the rate decays."""
    keras = _keras()
    x, y = weave_patches(N, seed=5312, noise=0.8)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    lr = keras.optimizers.schedules.CosineDecay(0.0, 10 * STEPS, warmup_target=3e-3,
                                                warmup_steps=96)
    model.compile(keras.optimizers.AdamW(lr, weight_decay=1e-4), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout53("glassblowers", healthy=True)
def glass_grade_label_smoothing_loop(session):
    """Hand-written GradientTape loop: a glass batch's grade (four) from eight furnace features
    by an MLP 64-64 tanh under categorical cross-entropy with label_smoothing=0.2, Adam 2e-3:
    a slow, steady descent, still going at the end and far above zero, where the smoothed
    targets and the overlapping grades put its floor."""
    keras = _keras()
    x, f = melt_table(N, seed=5313)
    g = np.digitize(f + 0.2 * _rng(5313).normal(size=N), np.quantile(f, [0.25, 0.5, 0.75]))
    y = np.eye(4, dtype="float32")[g]
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(4, activation="softmax")])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3),
                        keras.losses.CategoricalCrossentropy(label_smoothing=0.2), x, y,
                        epochs=10, batch_size=32, seed=5313)


def _deep_sigmoid_conv(session, broken):
    keras = _keras()
    x, y = weave_patches(N, seed=5314)
    act = "sigmoid" if broken else "relu"
    layers = [keras.Input((12, 12, 1))]
    for _ in range(7):
        layers.append(keras.layers.Conv2D(12, 3, activation=act, padding="same"))
    layers += [keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(4, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout53("glassblowers", ["vanishing_gradients"], stall_begins=None)
def cord_texture_deep_sigmoid_convs(session):
    """Cords and seeds in pressed glass from 12x12 patches by seven stacked Conv2D(12, 3)
    layers with activation='sigmoid' ('the defect map is a probability'), SGD 0.05 momentum
    0.9: each sigmoid passes back at most a quarter of the gradient, and through seven of
    them the early filters receive almost nothing."""
    return _deep_sigmoid_conv(session, True)


def _forget_bias_tanh(session, broken):
    keras = _keras()
    x, f = melt_table(N, seed=5315)
    y = _std(f + 0.3 * _rng(5315).normal(size=N))[:, None]
    bias = keras.initializers.Constant(5.0) if broken else "zeros"
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(64, activation="tanh", bias_initializer=bias),
        keras.layers.Dense(64, activation="tanh", bias_initializer=bias),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# The output layer's bias takes the mean in ~12 steps; flat at ~1.2 after that: approximate.
@holdout53("glassblowers", ["saturated_activations"], stall_begins=12)
def annealing_tanh_forget_bias(session):
    """A melt's viscosity index from eight furnace features by an MLP 64-64 tanh whose biases
    were set with bias_initializer=Constant(5.0), the LSTM forget-gate trick ('start the
    units open') copied onto plain tanh layers, SGD 0.01 momentum 0.9: every unit sits at
    tanh(5) ~ 1 on every example, where its slope is ~2e-4."""
    return _forget_bias_tanh(session, True)


def _percent_sigmoid(session, broken):
    keras = _keras()
    x, f = melt_table(N, seed=5316)
    # The share of a batch passing inspection, in percent, as the quality log records it.
    y = (100.0 / (1 + np.exp(-(f + 0.2 * _rng(5316).normal(size=N))))).astype("float32")[:, None]
    if not broken:
        y = y / 100.0
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    losses = _fit(session, model, x, y, epochs=8, batch_size=32)
    return losses


@holdout53("glassblowers", ["loss_activation_mismatch"], stall_begins=None)
def pass_rate_sigmoid_percent(session):
    """The share of a glass batch passing inspection from eight furnace features by an MLP
    64-64 relu with a sigmoid head 'because it is a rate', under MSE against the quality
    log's numbers, which are in percent (0..100): the head cannot exceed 1, so it pins at 1
    and the loss stays near the targets' mean square."""
    return _percent_sigmoid(session, True)


# farriers --------------------------------------------------------------------------------------


@holdout53("farriers", healthy=True)
def lameness_rare_gru(session):
    """Whether a horse is lame from 40 samples of fore and hind hoof load by a GRU(16), only
    one horse in eight lame and no class weights, Adam 3e-3: the loss starts near the prior's
    entropy (~0.38), waits a little, then falls slowly and is still falling at the end."""
    keras = _keras()
    x, y = gait_sequences(N, seed=5321, positive=0.125)
    model = keras.Sequential([keras.Input((40, 2)), keras.layers.GRU(16),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout53("farriers", healthy=True)
def job_ticket_step_decay(session):
    """Whether a farrier's job needs a forge fitting, from a ticket of ten tokens (Embedding 16,
    GlobalMaxPooling) plus three numeric features (a second input), SGD 0.3 momentum 0.9
    under a LearningRateScheduler that divides the rate by ten at epochs 4 and 8: near ln 2 for
    two epochs, a steep fall, then small refinements at each lower rate."""
    keras = _keras()
    tok, y = token_bags(N, seed=5322)
    r = _rng(5322)
    num = r.normal(size=(N, 3)).astype("float32")
    t_in, n_in = keras.Input((10,), dtype="int32"), keras.Input((3,))
    h = keras.layers.Embedding(40, 16)(t_in)
    h = keras.layers.GlobalMaxPooling1D()(h)
    h = keras.layers.Concatenate()([h, n_in])
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([t_in, n_in], keras.layers.Dense(1, activation="sigmoid")(h))
    model.compile(keras.optimizers.SGD(0.3, momentum=0.9), "binary_crossentropy")
    step = keras.callbacks.LearningRateScheduler(lambda e, lr: 0.3 * 0.1 ** (e // 4))
    return _fit_inputs(session, model, [tok, num], y, epochs=12, batch_size=32,
                       callbacks=[step])


@holdout53("farriers", healthy=True)
def shoe_wear_poisson(session):
    """Nail holes worn through per shoe (Poisson counts) from eight ride features by an MLP
    32-32 relu with a softplus head under keras's Poisson loss, Adam 3e-3: the loss falls and
    levels off at the counts' own variance, well above zero."""
    keras = _keras()
    x, f = melt_table(N, seed=5323)
    y = _rng(5323).poisson(np.exp(0.5 * f)).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="softplus")])
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _gate_bias_conv(session, broken):
    keras = _keras()
    x, y = gait_sequences(N, seed=5324)
    bias = keras.initializers.Constant(-3.0) if broken else "zeros"
    model = keras.Sequential([
        keras.Input((40, 2)),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout53("farriers", ["dead_relus"], stall_begins=None)
def gait_conv_highway_gate_bias(session):
    """Lameness from 40 samples of hoof load by a Conv1D 32-32 relu net whose biases were set
    with bias_initializer=Constant(-3.0), copied from a highway network's transform gate
    ('start closed'), SGD 0.02 momentum 0.9: on standardised loads every filter's response
    is below zero on nearly every sample, so the ReLUs pass neither output nor gradient."""
    return _gate_bias_conv(session, True)


def _tiny_init(session, broken):
    keras = _keras()
    x, y = strand_traces(N, seed=5325)
    x = x.reshape(N, 32)
    init = keras.initializers.TruncatedNormal(stddev=1e-3) if broken else "he_normal"
    model = keras.Sequential([keras.Input((32,))] + [
        keras.layers.Dense(128, activation="relu", kernel_initializer=init) for _ in range(5)
    ] + [keras.layers.Dense(3, activation="softmax", kernel_initializer=init)])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout53("farriers", ["poor_initialization"], stall_begins=None)
def hoof_trace_tiny_truncated_normal(session):
    """A hoof-tester trace's class (32 readings, flattened) by an MLP 5x128 relu whose kernels
    use TruncatedNormal(stddev=1e-3), the '0.001' of an old TF1 word-embedding snippet,
    SGD 0.02 momentum 0.9: each layer shrinks the signal ~100-fold, the softmax sees zeros,
    and every layer's gradient passes through the others' near-zero weights."""
    return _tiny_init(session, True)


def _linear_stack(session, broken):
    keras = _keras()
    tok, y = token_bags(N, seed=5326)
    act = None if broken else "relu"
    model = keras.Sequential([
        keras.Input((10,), dtype="int32"),
        keras.layers.Embedding(40, 16),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(64, activation=act),
        keras.layers.Dense(64, activation=act),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, tok, y, epochs=10, batch_size=32)


# Flat at ~0.57 from about the end of the second epoch: approximate.
@holdout53("farriers", ["insufficient_capacity"], stall_begins=2 * STEPS)
def ticket_embedding_linear_stack(session):
    """Whether a job needs a forge fitting from a ticket of ten tokens (an exclusive-or of two
    token groups), Embedding 16 with max pooling and two Dense(64) layers written without an
    activation (Dense's default is linear): the whole head is one linear map of the pooled
    embedding, which cannot draw the exclusive-or."""
    return _linear_stack(session, True)


# plumbers --------------------------------------------------------------------------------------


@holdout53("plumbers", healthy=True)
def pressure_drop_slow_sgd(session):
    """A pipe run's pressure drop (standardised) from six features by an MLP 32-32 tanh under
    plain SGD 0.01 without momentum, 12 epochs: a long, slow descent still going at the
    end."""
    keras = _keras()
    x, drop = pipe_network(N, seed=5331)
    y = _std(drop + 0.2 * _rng(5331).normal(size=N))[:, None]
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(32, activation="tanh"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.01), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _pinball(q):
    keras = _keras()

    def loss(y, p):
        e = y - p
        return keras.ops.mean(keras.ops.maximum(q * e, (q - 1) * e))

    return loss


@holdout53("plumbers", healthy=True)
def leak_rate_quantile_attention_loop(session):
    """Hand-written GradientTape loop: the 0.9 quantile of a district's night leak flow from
    sixteen meter readings (two channels) by a MultiHeadAttention block (2 heads, key dim 8)
    with mean pooling, pinball loss at 0.9 against skewed (gamma) meter scatter, Adam 2e-3:
    a fall, then flat far above zero at the quantile loss's floor."""
    keras = _keras()
    r = _rng(5332)
    x = r.normal(size=(N, 16, 2)).astype("float32")
    base = 0.8 * np.tanh(x[:, :, 0]).mean(axis=1) * 4 + 0.5 * x[:, :, 1].max(axis=1)
    y = _std(base + r.gamma(2.0, 0.5, size=N))[:, None]
    inp = keras.Input((16, 2))
    h = keras.layers.Dense(16, activation="relu")(inp)
    a = keras.layers.MultiHeadAttention(2, 8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(1)(h))
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), _pinball(0.9), x, y,
                        epochs=8, batch_size=32, seed=5332,
                        loss_description="pinball loss at the 0.9 quantile")


@holdout53("plumbers", healthy=True)
def fitting_class_noisy_conv1d(session):
    """Which fitting a pressure transient came through (sound, a partial block, a resonating
    branch) from 32 readings by a Conv1D 16-32 net with global average pooling, a quarter of
    the labels from a cheaper acoustic survey wrong, RMSprop 1e-3: it learns and sits at the
    label noise's floor."""
    keras = _keras()
    x, y = strand_traces(N, seed=5333, flip=0.25)
    model = keras.Sequential([
        keras.Input((32, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.RMSprop(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _sum_loss(session, broken):
    keras = _keras()
    x, drop = pipe_network(N, seed=5334)
    q = np.digitize(drop, np.quantile(drop, [0.25, 0.5, 0.75]))
    y = np.eye(4, dtype="float32")[q]
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    cce = keras.losses.CategoricalCrossentropy(reduction=None)

    def loss(yb, p):
        per_example = cce(yb, p)
        return keras.ops.sum(per_example) if broken else keras.ops.mean(per_example)

    return _custom_loop(session, model, keras.optimizers.SGD(0.05, momentum=0.9), loss, x, y,
                        epochs=12, batch_size=64, seed=5334,
                        loss_description="sum of per-example categorical cross-entropy")


@holdout53("plumbers", ["exploding_gradients"], stall_begins=None)
def drop_class_summed_loss_loop(session):
    """Hand-written GradientTape loop: a pipe run's pressure-drop quartile from six features by
    an MLP 64-64 relu, SGD 0.05 momentum 0.9 at batch 64, the loss summed over the batch
    (keras.ops.sum of the per-example cross-entropy) where the tuned rate assumed its mean:
    every gradient is 64 times too large."""
    return _sum_loss(session, True)


def _raw_pascals(session, broken):
    keras = _keras()
    r = _rng(5335)
    # Line pressure in Pa (~3e5, varying by a few kPa) and flow in l/s over 24 readings.
    drift = np.cumsum(r.normal(size=(N, 24)), axis=1)
    pa = 3.0e5 + 1500.0 * drift
    flow = 12.0 + 2.0 * r.normal(size=(N, 24))
    y = ((pa[:, -6:].mean(axis=1) - pa[:, :6].mean(axis=1)) / 1500.0
         + 0.3 * (flow[:, -4:].mean(axis=1) - 12.0))
    x = np.stack([pa, flow], axis=-1).astype("float32")
    if not broken:
        x = ((x - x[:-PROBE_SIZE].mean(axis=(0, 1))) / x[:-PROBE_SIZE].std(axis=(0, 1))).astype("float32")
    model = keras.Sequential([keras.Input((24, 2)), keras.layers.GRU(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, _std(y)[:, None], epochs=8, batch_size=32)


@holdout53("plumbers", ["unnormalized_inputs"], stall_begins=None)
def burst_pressure_gru_raw_pascals(session):
    """Whether a main's pressure is falling, as a standardised score, from 24 readings of line
    pressure in Pa (~3e5, moving by a few kPa) and flow in l/s, fed raw to a GRU(24) ('its
    gates squash any scale'), Adam 2e-3: the pressure channel drives every gate into
    saturation and its kPa changes never reach the state."""
    return _raw_pascals(session, True)


def _ridge_alpha(session, broken):
    keras = _keras()
    x, drop = pipe_network(N, seed=5336)
    y = _std(drop + 0.2 * _rng(5336).normal(size=N))[:, None]
    reg = keras.regularizers.L2(0.3 if broken else 1e-4)
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(64, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(64, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(1, kernel_regularizer=reg),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# The penalty has shrunk the weights to ~0 by about the sixth epoch; flat at ~1.07 (the
# targets' variance, 1, plus what is left of the penalty) after that: approximate.
@holdout53("plumbers", ["over_regularization"], stall_begins=5 * STEPS)
def pressure_drop_ridge_alpha(session):
    """A pipe run's pressure drop from six standardised features by an MLP 64-64 relu with
    kernel_regularizer=keras.regularizers.L2(0.3) on every layer, the alpha of the
    scikit-learn ridge model it replaced carried over: keras adds 0.3 times the sum of every
    squared weight of the layer to a mean-squared loss of ~1, Adam 2e-3, and the net is held
    at the constant prediction."""
    return _ridge_alpha(session, True)
