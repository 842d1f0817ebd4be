"""The hundred-and-fifth held-out catalogue: written by someone who did not read the engine or
run the diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History and the per-step loss, in a throwaway script with the runner's seed), and
every broken one against the same model trained without its mistake (each helper
`_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Dykers: a drystone wall's condition from a laser
profile by a Conv1D net, a fifth of the surveyor's calls wrong; a field drain's outflow under
Huber(0.5) against Student-t (2 dof) gauge errors, Adam with ReduceLROnPlateau; the 0.1
quantile of a ditch's silt depth (skewed, heteroscedastic gamma scatter) under the pinball loss
in a hand-written GradientTape loop with SGD and momentum. Wherrymen: a rare fare dispute (about
7%) by an MLP with class_weight (a steady fall with a sawtooth, still improving at the end); a
river gauge's next reading by a GRU under AdamW with a warm-up and cosine decay; a wharf from a
cargo manifest by Embedding, a position embedding and a MultiHeadAttention block, a tenth of the
records wrong. Keelmen: a coal sample's grade from the orientation of its banding by a small
Conv2D net, SGD with momentum under PiecewiseConstantDecay, a tenth of the grades wrong; a keel's
load from only 256 weighings by an MLP 128-128 that memorises the book over 40 short epochs (with
a brief bump midway); a berth's waiting time from an Embedding of the berth beside four numeric
features, two inputs, Nadam, heteroscedastic noise. Trowmen: the Severn bore's size class by a
Conv1D net under plain SGD 0.02 in a hand-written loop (a long slow convergence still going at
the end); damaged sacks per voyage (Poisson counts) by a softplus-head MLP under keras's Poisson
loss (negative: keras leaves out the log y! term); the bore's class by a GRU under Adam 1e-2
with ReduceLROnPlateau (near ln 3 for three epochs, then a steep fall).

The broken half, one root cause each: LearningRateScheduler(lambda epoch, lr: lr * 0.1), meant
as 'a tenth every ten epochs', called at the start of every epoch (learning rate too low);
SimpleRNN(go_backwards=True) 'to read the newest readings first', so the last six readings that
carry the answer must cross 154 tanh steps (vanishing gradients); RMSprop swapped in for SGD
keeping the SGD recipe's 0.1 (learning rate too high); Conv1D kernels with NonNeg constraints
and a non-negative initialiser over log-likelihood inputs that are all negative (dead ReLUs);
keras Normalization adapted on the training targets instead of the features, so a staithe's
export reaches the net in its own units (hours since 1970, pence, tonnes: unnormalised inputs);
a sigmoid head 'because it is a proportion' on a share recorded in percent and never divided by
100 (loss/activation mismatch); LSTM(2) with units read as 'the number of input channels'
(insufficient capacity); L2(0.5) on every layer from a paper's 'lambda/2 ||w||^2, lambda = 1'
written for a loss summed over the data set (over-regularisation); RandomNormal(1.0) written for
unit standard deviation, whose first argument is the mean (poor initialisation); a batch
standardisation Lambda (x - mean) / std without an epsilon over a rare 0/1 flag, 0/0 in a batch
without the flag (non-finite values).

Dropped because they did not behave as intended, and with them two causes this catalogue does
not cover: for exploding gradients, a stack of ten (then six, then eight) residual Dense blocks
copied without their LayerNormalization under SGD with momentum (NaN within the first epoch at
rates from 1e-2 down to 1e-4: a divergence, not a stall; the LayerNorm fix learnt) and an
'IRNN' SimpleRNN(relu) with Identity(gain=1.3) recurrent kernels (NaN as well); for saturated
activations, an MLP 64-64 with sigmoid, then tanh, then hard_tanh units and the textbook
RandomUniform(-1, 1) kernels on 200 and then 400 standardised inputs (each kept learning,
~1.5 -> ~0.45 to ~0.60 and still falling: the saturated units still act as random binary
features for the head). Replaced: a softmax head kept for multi-label cargo kinds under binary
cross-entropy (it trained exactly as the sigmoid head: Keras 3 takes the logits from behind
either activation); the seepage SimpleRNN ran over 120 readings first (still creeping down,
0.680 -> 0.675 an epoch; 160 kept). A hidden ReLU in the batch-standardising net turned the NaN
inputs into zeros and a finite flat loss, so that net uses tanh and its NaN reaches the loss.
Not written because earlier catalogues hold the mechanism: ReLU(threshold=...), bias and beta
shifts, InverseTimeDecay per step, keep_prob read as Dropout's rate.

With the runner's seed, `fit` visits the examples in the same order every epoch, so several
runs show a sawtooth within each epoch. Labels follow `scenarios.py`: `expected_causes[0]` is
the root cause the scenario was built around, with no second cause here; `stall_begins` is the
optimizer step from which the loss stops improving (None: from the start), exact where an event
of the scenario causes it (the batch without the flag is the first one, so that run is None),
otherwise read off the per-step loss and marked approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("dykers", "wherrymen", "keelmen", "trowmen")

REGISTRY = []

holdout105 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


def _rng(seed):
    return np.random.default_rng(seed)


def _std(v):
    v = np.asarray(v, dtype="float64")
    return ((v - v.mean(axis=0)) / (v.std(axis=0) + 1e-12)).astype("float32")


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, shuffle=True, callbacks=(),
                class_weight=None):
    """`_fit` for a model with several inputs (or one, with class weights); the last
    PROBE_SIZE rows are the probe."""
    if not isinstance(inputs, (list, tuple)):
        inputs = [inputs]
    single = len(inputs) == 1
    train = [v[:-PROBE_SIZE] for v in inputs]
    probe = ([v[-PROBE_SIZE:] for v in inputs], y[-PROBE_SIZE:])
    if single:
        train, probe = train[0], (probe[0][0], probe[1])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        shuffle=shuffle, verbose=0, class_weight=class_weight,
                        callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


# data ------------------------------------------------------------------------------------------


def wall_profiles(n, seed, length=64, flip=0.0):
    """A drystone wall's laser profile along 64 points (standardised offsets): sound (0), a
    bulge (1, a broad bump somewhere) or a slump (2, a step down somewhere); `flip` of the
    surveyor's calls are wrong."""
    r = _rng(seed)
    t = np.arange(length)
    y = r.integers(0, 3, n)
    x = 0.35 * r.normal(size=(n, length))
    pos = r.integers(12, length - 12, n)
    for k in range(n):
        if y[k] == 1:
            x[k] += 1.2 * np.exp(-0.5 * ((t - pos[k]) / 4.0) ** 2)
        elif y[k] == 2:
            x[k] += np.where(t > pos[k], -0.9, 0.0)
    wrong = r.random(n) < flip
    y = np.where(wrong, r.integers(0, 3, n), y)
    return x.astype("float32")[:, :, None], y


def drain_flow(n, seed, dim=8):
    """A field drain's outflow (standardised) from eight soil and rainfall features, smooth,
    with heavy-tailed (Student-t, 2 dof) gauge errors."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    y = (1.2 * np.tanh(x[:, 0]) + 0.6 * x[:, 1] * x[:, 2] - 0.5 * np.abs(x[:, 3])
         + 0.4 * np.sin(2 * x[:, 4]) + 0.5 * r.standard_t(2, size=n))
    return x, _std(y)[:, None]


def ditch_depths(n, seed, dim=6):
    """A ditch's silt depth (standardised) from six flow and soil features, its scatter
    growing with the flow (heteroscedastic, skewed: gamma-distributed)."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    scale = 0.3 + 0.4 * np.abs(x[:, 0])
    y = 0.8 * x[:, 0] + 0.5 * np.sin(x[:, 1]) + 0.4 * x[:, 2] * x[:, 3] + r.gamma(2.0, scale)
    return x, _std(y)[:, None]


def fare_records(n, seed, dim=10, rate=0.07):
    """Whether a wherry passenger disputes the fare (rare, about 7%) from ten trip features."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    s = 1.5 * x[:, 0] - 1.0 * x[:, 1] + 0.8 * x[:, 2] * x[:, 3] + 0.5 * r.normal(size=n)
    cut = np.quantile(s, 1 - rate)
    return x, (s > cut).astype("float32")[:, None]


def tide_series(n, seed, length=32):
    """The next reading of a river gauge (standardised) from 32 earlier readings of level
    and wind: a tidal sine with a random phase and amplitude, a wind set-up, gauge noise."""
    r = _rng(seed)
    t = np.arange(length + 1)
    phase = r.uniform(0, 2 * np.pi, n)
    amp = r.uniform(0.5, 1.5, n)
    wind = r.normal(size=(n, 1)) * np.ones((1, length + 1))
    level = amp[:, None] * np.sin(2 * np.pi * t / 12.4 + phase[:, None]) + 0.3 * wind
    level = level + 0.25 * r.normal(size=level.shape)
    x = np.stack([level[:, :-1], wind[:, :-1] + 0.2 * r.normal(size=(n, length))], axis=-1)
    return x.astype("float32"), _std(level[:, -1])[:, None]


def cargo_tokens(n, seed, length=16, vocab=40, flip=0.1):
    """A wherry's cargo manifest as 16 tokens (vocabulary 40); its wharf (3) is set by which
    of two marker tokens appear and in what order; `flip` of the wharf records are wrong."""
    r = _rng(seed)
    x = r.integers(3, vocab, (n, length))
    y = r.integers(0, 3, n)
    for k in range(n):
        i, j = sorted(r.choice(length, 2, replace=False))
        if y[k] == 0:
            x[k, i], x[k, j] = 1, 2
        elif y[k] == 1:
            x[k, i], x[k, j] = 2, 1
        else:
            x[k, i] = 1 if r.random() < 0.5 else 2
    wrong = r.random(n) < flip
    y = np.where(wrong, r.integers(0, 3, n), y)
    return x.astype("int32"), y


def coal_samples(n, seed, size=12, flip=0.0):
    """A 12x12 grey image of a coal sample; its grade (4) by the orientation of its banding
    (horizontal, vertical, two diagonals); `flip` of the grades are wrong."""
    r = _rng(seed)
    i, j = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
    dirs = [(1, 0), (0, 1), (1, 1), (1, -1)]
    y = r.integers(0, 4, n)
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        a, b = dirs[y[k]]
        f = r.uniform(0.6, 1.1)
        ph = r.uniform(0, 2 * np.pi)
        x[k, :, :, 0] = np.sin(f * (a * i + b * j) + ph) + 0.6 * r.normal(size=(size, size))
    wrong = r.random(n) < flip
    y = np.where(wrong, r.integers(0, 4, n), y)
    return x, y


def keel_loads(n, seed, dim=12):
    """A keel's coal load (standardised) from twelve features, a nonlinear function plus the
    staithe's weighing noise."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    y = (np.sin(1.5 * x[:, 0]) + 0.7 * x[:, 1] * x[:, 2] + 0.5 * x[:, 3] ** 2 - 0.4 * x[:, 4]
         + 0.3 * r.normal(size=n))
    return x, _std(y)[:, None]


def berth_times(n, seed, berths=30):
    """Hours a keel waits at a berth (standardised) from the berth (30, id) and four numeric
    features; the waiting noise grows with the tide's height (heteroscedastic)."""
    r = _rng(seed)
    b = r.integers(0, berths, n)
    effect = r.normal(size=berths)
    num = r.normal(size=(n, 4)).astype("float32")
    y = (effect[b] + 0.6 * num[:, 0] - 0.4 * num[:, 1] * num[:, 2]
         + (0.2 + 0.5 * np.abs(num[:, 3])) * r.normal(size=n))
    return b.astype("int32"), num, _std(y)[:, None]


def sack_counts(n, seed, dim=6):
    """Sacks damaged per trow's voyage (Poisson counts, mean ~2) from six voyage features."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    rate = np.exp(0.6 + 0.5 * x[:, 0] - 0.4 * x[:, 1] + 0.3 * np.cos(2 * x[:, 2]))
    return x, r.poisson(rate).astype("float32")[:, None]


def bore_series(n, seed, length=40, classes=3):
    """The Severn bore's size class (3) from 40 readings of two channels (level, flow): the
    class is set by the steepness of a rise somewhere in the window, plus channel noise."""
    r = _rng(seed)
    t = np.arange(length)
    y = r.integers(0, classes, n)
    pos = r.integers(8, length - 8, n)
    steep = np.array([0.4, 1.0, 3.0])[y]
    level = np.tanh(steep[:, None] * (t[None, :] - pos[:, None]) / 3.0)
    flow = np.gradient(level, axis=1)
    x = np.stack([level, flow], axis=-1) + 0.3 * _rng(seed + 1).normal(size=(n, length, 2))
    return x.astype("float32"), y


# dykers --------------------------------------------------------------------------------------


@holdout105("dykers", healthy=True)
def wall_profile_noisy_calls(session):
    """A drystone wall's condition (sound, bulge, slump) from a 64-point laser profile by a
    Conv1D net (16 and 32 filters of width 5, max-pooling, global average pooling), a fifth
    of the surveyor's calls wrong, Adam 2e-3: the loss falls from ln 3 and levels off well
    above zero, at the label noise."""
    keras = _keras()
    x, y = wall_profiles(N, seed=10501, flip=0.2)
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout105("dykers", healthy=True)
def drain_flow_huber_rlrop(session):
    """A field drain's outflow (standardised) from eight soil and rainfall features by an MLP
    64-64 relu under Huber(delta=0.5) against heavy-tailed (Student-t, 2 dof) gauge errors,
    Adam 3e-3 with ReduceLROnPlateau(monitor='loss', factor=0.3, patience=1): a quick fall,
    then a slow creep toward a floor far above zero set by the gauge errors."""
    keras = _keras()
    x, y = drain_flow(N, seed=10502)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.Huber(0.5))
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.3, patience=1,
                                                min_delta=1e-3, verbose=0)
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[plateau])


def _pinball(tau):
    import tensorflow as tf

    def loss(y_true, y_pred):
        e = y_true - y_pred
        return tf.reduce_mean(tf.maximum(tau * e, (tau - 1.0) * e))

    return loss


@holdout105("dykers", healthy=True)
def ditch_silt_low_quantile_loop(session):
    """Hand-written GradientTape loop: the 0.1 quantile of a ditch's silt depth from six flow
    and soil features (skewed, heteroscedastic gamma scatter) by an MLP 32-32 tanh under the
    pinball loss at tau=0.1, SGD 0.05 with momentum 0.9: the loss falls and then sits far
    above zero, where the quantile loss of a calibrated low quantile lies."""
    keras = _keras()
    x, y = ditch_depths(N, seed=10503)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(32, activation="tanh"), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.SGD(0.05, momentum=0.9), _pinball(0.1),
                        x, y, epochs=10, batch_size=32, seed=10503,
                        loss_description="pinball loss, tau=0.1")


def _lr_scheduler_every_epoch(session, broken):
    keras = _keras()
    x, y = wall_profiles(N, seed=10504)
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    if broken:
        # Meant: a tenth every 10 epochs. The schedule runs at the start of every epoch.
        sched = keras.callbacks.LearningRateScheduler(lambda epoch, lr: lr * 0.1)
    else:
        sched = keras.callbacks.LearningRateScheduler(
            lambda epoch, lr: lr * 0.1 if epoch and epoch % 10 == 0 else lr)
    return _fit(session, model, x, y, epochs=10, batch_size=32, callbacks=[sched])


# The rate is 1e-4 in the first epoch and 1e-5 from step 32 on; flat from then: approximate.
@holdout105("dykers", ["learning_rate_too_low"], stall_begins=32)
def wall_profile_scheduler_every_epoch(session):
    """The wall-profile Conv1D classifier (sound, bulge, slump), Adam 1e-3 with
    LearningRateScheduler(lambda epoch, lr: lr * 0.1), meant as 'a tenth every ten epochs':
    the callback calls it at the start of every epoch, the first included, so the rate is
    1e-4 in the first epoch, 1e-5 in the second, and 1e-12 by the ninth."""
    return _lr_scheduler_every_epoch(session, True)


def _backwards_rnn(session, broken):
    keras = _keras()
    r = _rng(10505)
    length = 160
    x = 0.5 * r.normal(size=(N, length, 2))
    y = r.integers(0, 2, N)
    # The collapse shows in the last six readings of the window.
    x[:, -6:, 0] += np.where(y == 1, 1.0, -1.0)[:, None]
    model = keras.Sequential([keras.Input((length, 2)),
                              keras.layers.SimpleRNN(24, go_backwards=broken),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, x.astype("float32"), y.astype("float32")[:, None], epochs=5,
                batch_size=32)


@holdout105("dykers", ["vanishing_gradients"])
def dyke_seepage_rnn_backwards(session):
    """Whether a dyke section is about to slump, from 160 seepage and pore-pressure readings
    whose last six show it, by a SimpleRNN(24, tanh) with go_backwards=True 'so it reads the
    newest readings first': the newest readings enter first and must be carried 154 tanh
    steps to the output, and the gradient from the output back to them fades to nothing."""
    return _backwards_rnn(session, True)


def _sgd_recipe_rmsprop(session, broken):
    keras = _keras()
    x, y = drain_flow(N, seed=10506)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.RMSprop(0.1 if broken else 1e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# Near the constant-prediction loss, bouncing, from the third epoch (step 64): approximate.
@holdout105("dykers", ["learning_rate_too_high"], stall_begins=64)
def drain_flow_rmsprop_sgd_rate(session):
    """The drain-outflow MLP 64-64 relu under MSE, switched from SGD to RMSprop keeping the
    SGD recipe's rate of 0.1: RMSprop's steps are ~the rate in every weight, so each update
    moves every weight by ~0.1 and the loss bounces high instead of settling."""
    return _sgd_recipe_rmsprop(session, True)


# wherrymen -----------------------------------------------------------------------------------


@holdout105("wherrymen", healthy=True)
def fare_dispute_class_weight(session):
    """Whether a wherry passenger disputes the fare (about 7% do) from ten trip features by an
    MLP 32-16 relu with a sigmoid head, binary cross-entropy with class_weight {0: 1, 1: 6},
    Adam 1e-3: the weighted loss falls from ~0.9 steadily, with a sawtooth within each epoch,
    and is still improving slowly at the end, well above zero (the classes overlap through
    the noise)."""
    keras = _keras()
    x, y = fare_records(N, seed=10511)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_inputs(session, model, x, y, epochs=10, batch_size=32,
                       class_weight={0: 1.0, 1: 6.0})


@holdout105("wherrymen", healthy=True)
def tide_gauge_gru_warmup_cosine(session):
    """The river gauge's next reading (standardised) from 32 earlier readings of level and
    wind by a GRU(24), MSE, AdamW under CosineDecay(1e-4, 192 steps, warmup_target=3e-3,
    warmup_steps=64): slow in the warm-up, a fast fall, then a flat floor at the gauge
    noise as the rate decays."""
    keras = _keras()
    x, y = tide_series(N, seed=10512)
    model = keras.Sequential([keras.Input((32, 2)), keras.layers.GRU(24), keras.layers.Dense(1)])
    lr = keras.optimizers.schedules.CosineDecay(1e-4, 192, warmup_target=3e-3, warmup_steps=64)
    model.compile(keras.optimizers.AdamW(lr), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout105("wherrymen", healthy=True)
def cargo_manifest_attention(session):
    """A wherry's wharf (3) from a 16-token cargo manifest, set by which of two marker tokens
    comes first, by Embedding(40, 16) plus a learned position embedding, one
    MultiHeadAttention(2 heads, key_dim 8) block and global average pooling, Adam 2e-3; a
    tenth of the wharf records are wrong, so the loss levels off above zero."""
    keras = _keras()
    x, y = cargo_tokens(N, seed=10513)
    inp = keras.Input((16,), dtype="int32")
    tok = keras.layers.Embedding(40, 16)(inp)
    pos = keras.layers.Embedding(16, 16)(keras.ops.arange(16)[None, :])
    h = keras.layers.Add()([tok, pos])
    a = keras.layers.MultiHeadAttention(2, 8)(h, h)
    h = keras.layers.LayerNormalization()(keras.layers.Add()([h, a]))
    h = keras.layers.Dense(32, activation="relu")(h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    model = keras.Model(inp, keras.layers.Dense(3, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=9, batch_size=32)


def _log_scores(n, seed):
    # Log-likelihoods from an upstream acoustic model: every value is negative.
    r = _rng(seed)
    y = r.integers(0, 2, n)
    base = r.uniform(-6.0, -0.5, size=(n, 48))
    base[:, 10:20] += np.where(y == 1, 0.4, -0.4)[:, None]
    return np.minimum(base, -0.01).astype("float32")[:, :, None], y.astype("float32")[:, None]


def _nonneg_conv(session, broken):
    keras = _keras()
    x, y = _log_scores(N, seed=10515)
    kw = {"kernel_constraint": keras.constraints.NonNeg()} if broken else {}
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same",
                            kernel_initializer=keras.initializers.RandomUniform(0.0, 0.1)
                            if broken else "glorot_uniform", **kw),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", **kw),
        keras.layers.Flatten(),
        keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout105("wherrymen", ["dead_relus"])
def hull_knock_nonneg_conv(session):
    """Whether a hull knock is a loose plank, from 48 log-likelihood scores of an upstream
    acoustic model (all negative) by a Conv1D relu net whose kernels carry NonNeg
    constraints and a non-negative uniform initialiser 'because a higher score should never
    lower the evidence': every weighted sum of negative scores is negative, so every unit of
    the first convolution is zero on every example from the first step."""
    return _nonneg_conv(session, True)


# keelmen -------------------------------------------------------------------------------------


@holdout105("keelmen", healthy=True)
def coal_banding_cnn_step_decay(session):
    """A coal sample's grade (4) from the orientation of its banding on a noisy 12x12 image
    by a CNN (Conv2D 8 and 16, max-pooling, Dense 32), a tenth of the grades wrong, SGD with
    momentum 0.9 under PiecewiseConstantDecay([128, 256], [0.02, 0.005, 0.001]): a slow
    start, a fall, a smaller step down at each drop, then a floor above zero."""
    keras = _keras()
    x, y = coal_samples(N, seed=10521, flip=0.1)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Flatten(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax")])
    lr = keras.optimizers.schedules.PiecewiseConstantDecay([128, 256], [0.02, 0.005, 0.001])
    model.compile(keras.optimizers.SGD(lr, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout105("keelmen", healthy=True)
def keel_load_small_book(session):
    """A keel's coal load (standardised) from twelve features, only 256 weighings in the
    book, by an MLP 128-128 relu under Adam 2e-3 over 40 short epochs: the training loss
    falls far below the weighing noise as the net memorises the book, with a brief bump
    midway where Adam overshoots, then lower again."""
    keras = _keras()
    x, y = keel_loads(256 + PROBE_SIZE, seed=10522)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=40, batch_size=32)


@holdout105("keelmen", healthy=True)
def berth_wait_two_inputs(session):
    """Hours a keel waits at a berth (standardised) from the berth through Embedding(30, 4)
    beside four numeric features, two inputs, MLP 64-32 relu, MSE against waiting noise that
    grows with the tide (heteroscedastic), Nadam 2e-3: a quick fall, then a floor near the
    noise's share of the variance."""
    keras = _keras()
    b, num, y = berth_times(N, seed=10523)
    a = keras.Input((1,), dtype="int32")
    c = keras.Input((4,))
    e = keras.layers.Flatten()(keras.layers.Embedding(30, 4)(a))
    h = keras.layers.Concatenate()([e, c])
    h = keras.layers.Dense(64, activation="relu")(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([a, c], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Nadam(2e-3), "mse")
    return _fit_inputs(session, model, [b[:, None], num], y, epochs=10, batch_size=32)


def _staithe_export(n, seed):
    """A staithe's export in its own units: tonnage (~200 t), a timestamp in hours since
    1970 (~4.9e5), the tide in metres, the coal's moisture (0..1), a price in pence (~3000)
    and the keel's age in years; the target is the load time (standardised)."""
    r = _rng(seed)
    ton = r.normal(200, 40, n)
    hours = r.uniform(4.85e5, 4.95e5, n)
    tide = r.normal(3.0, 1.2, n)
    moist = r.uniform(0, 1, n)
    pence = r.normal(3000, 500, n)
    age = r.uniform(1, 40, n)
    z = [(ton - 200) / 40, (hours - 4.9e5) / 2900, (tide - 3) / 1.2, (moist - 0.5) / 0.29,
         (pence - 3000) / 500, (age - 20) / 11]
    y = (0.7 * z[0] + np.sin(1.5 * z[2]) + 0.6 * z[3] * z[4] - 0.5 * np.abs(z[5])
         + 0.3 * z[1] + 0.2 * r.normal(size=n))
    x = np.stack([ton, hours, tide, moist, pence, age], axis=1).astype("float32")
    return x, _std(y)[:, None]


def _adapt_on_targets(session, broken):
    keras = _keras()
    x, y = _staithe_export(N, seed=10524)
    norm = keras.layers.Normalization(axis=-1 if not broken else None)
    norm.adapt(y[:-PROBE_SIZE] if broken else x[:-PROBE_SIZE])
    model = keras.Sequential([keras.Input((6,)), norm,
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# Falls from ~1e7 to ~1e4 in the first 80 steps, then wanders there: approximate.
@holdout105("keelmen", ["unnormalized_inputs"], stall_begins=80)
def staithe_load_time_adapt_targets(session):
    """A keel's loading time (standardised) from a staithe's export in its own units
    (tonnage ~200, hours since 1970 ~4.9e5, tide in m, moisture, price in pence ~3000, age)
    through a keras Normalization layer adapted, by a slip in the cell, on the training
    targets instead of the features: it subtracts ~0 and divides by ~1, so the raw columns
    reach the MLP 64-64 relu unscaled (Adam 1e-3)."""
    return _adapt_on_targets(session, True)


def _percent_sigmoid(session, broken):
    keras = _keras()
    r = _rng(10525)
    x = r.normal(size=(N, 16)).astype("float32")
    s_ = np.tanh(0.8 * x[:, 0] - 0.6 * x[:, 1] + 0.5 * x[:, 2] * x[:, 3] + 0.3 * x[:, 4])
    # The share of a keel's coal lost as small coal, in percent (0..100).
    y = (100.0 / (1.0 + np.exp(-2.0 * s_ - 0.3 * r.normal(size=N)))).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((16,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid" if broken else None)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout105("keelmen", ["loss_activation_mismatch"])
def small_coal_percent_sigmoid(session):
    """The share of a keel's coal broken into small coal, recorded in percent (0..100), from
    sixteen features by an MLP 64-64 relu under MSE, with a sigmoid head 'because it is a
    proportion' while the targets were never divided by 100: the head can say at most 1%,
    so the loss stays near the mean square of the percentages (Adam 2e-3)."""
    return _percent_sigmoid(session, True)


def _lstm_units_as_channels(session, broken):
    keras = _keras()
    x, y = bore_series(N, seed=10526)
    model = keras.Sequential([keras.Input((40, 2)), keras.layers.LSTM(2 if broken else 32),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout105("keelmen", ["insufficient_capacity"])
def tyne_surge_lstm_two_units(session):
    """The size class (3) of a surge on the Tyne from 40 readings of level and flow by
    LSTM(2) and a softmax, units read as 'the number of input channels': a two-number state
    for the whole window, Adam 3e-3; the loss stays near ln 3, far above what LSTM(32)
    reaches."""
    return _lstm_units_as_channels(session, True)


# trowmen -------------------------------------------------------------------------------------


@holdout105("trowmen", healthy=True)
def bore_class_slow_sgd_loop(session):
    """Hand-written GradientTape loop: the Severn bore's size class (3) from 40 readings of
    level and flow by a Conv1D net (16 filters of width 5, max-pooling, Conv1D 16, global
    max-pooling) under plain SGD 0.02: a long slow convergence, the loss near ln 3 for a
    while and then falling steadily, still improving at the end."""
    keras = _keras()
    x, y = bore_series(N, seed=10531)
    model = keras.Sequential([
        keras.Input((40, 2)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(3, activation="softmax")])
    return _custom_loop(session, model, keras.optimizers.SGD(0.02),
                        keras.losses.SparseCategoricalCrossentropy(), x, y, epochs=14,
                        batch_size=32, seed=10531)


@holdout105("trowmen", healthy=True)
def damaged_sacks_poisson(session):
    """Sacks damaged per trow voyage (Poisson counts, mean ~2) from six voyage features by an
    MLP 32-32 relu with a softplus head under keras's Poisson loss, Adam 2e-3: the loss falls
    and levels off at the counts' own Poisson spread, far from zero (keras leaves out the
    log y! term)."""
    keras = _keras()
    x, y = sack_counts(N, seed=10532)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="softplus")])
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout105("trowmen", healthy=True)
def bore_class_gru_rlrop(session):
    """The bore's size class (3) from 40 readings of level and flow by a GRU(16), Adam started
    at a brisk 1e-2 with ReduceLROnPlateau(monitor='loss', factor=0.2, patience=1): the
    loss sits near ln 3 for about three epochs, then falls steeply and flattens, bouncing a
    little at the brisk rate, lower again as the callback cuts the rate."""
    keras = _keras()
    x, y = bore_series(N, seed=10533)
    model = keras.Sequential([keras.Input((40, 2)), keras.layers.GRU(16),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-2), "sparse_categorical_crossentropy")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.2, patience=1,
                                                min_delta=1e-3, verbose=0)
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[plateau])


def port_tokens(n, seed, length=24, vocab=50):
    """A trow's voyage log as 24 port and wharf tokens (vocabulary 50); its trade (4) is set
    by which of four port groups the log names most."""
    r = _rng(seed)
    groups = r.integers(0, 4, vocab)
    y = r.integers(0, 4, n)
    x = np.empty((n, length), dtype="int32")
    for k in range(n):
        own = np.flatnonzero(groups == y[k])
        m = r.random(length) < 0.4
        x[k] = np.where(m, r.choice(own, length), r.integers(0, vocab, length))
    return x, y


def _half_norm_l2(session, broken):
    keras = _keras()
    x, y = port_tokens(N, seed=10534)
    reg = keras.regularizers.L2(0.5 if broken else 1e-5)
    model = keras.Sequential([
        keras.Input((24,), dtype="int32"),
        keras.layers.Embedding(50, 16, embeddings_regularizer=reg),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(4, activation="softmax", kernel_regularizer=reg)])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# The penalty itself shrinks for ~200 steps, then the loss sits at ln 4: approximate.
@holdout105("trowmen", ["over_regularization"], stall_begins=200)
def voyage_log_half_norm_l2(session):
    """A trow's trade (4) from a 24-token voyage log by Embedding(50, 16), average pooling,
    Dense 32 relu and a softmax, every layer with L2(0.5) copied from a paper's 'lambda/2
    ||w||^2 with lambda = 1' (a penalty on a loss summed over the whole data set, here added
    to a per-example mean), Adam 3e-3: the penalty pins the weights near zero and the loss
    near ln 4."""
    return _half_norm_l2(session, True)


def _normal_mean_one(session, broken):
    keras = _keras()
    r = _rng(10535)
    x = r.normal(size=(N, 10)).astype("float32")
    w = r.normal(size=(10, 4))
    y = (np.tanh(x @ w) + 0.3 * (x[:, :4] ** 2) + 0.3 * r.normal(size=(N, 4))).argmax(axis=1)
    init = keras.initializers.RandomNormal(1.0) if broken else "glorot_uniform"
    model = keras.Sequential([keras.Input((10,)),
                              keras.layers.Dense(64, activation="relu", kernel_initializer=init),
                              keras.layers.Dense(64, activation="relu", kernel_initializer=init),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# Huge, then bouncing, then flat at ln 4 from about step 80: approximate.
@holdout105("trowmen", ["poor_initialization"], stall_begins=80)
def cargo_trade_normal_mean_one(session):
    """A trow cargo's market (4) from ten standardised features by an MLP 64-64 relu whose
    kernels use keras.initializers.RandomNormal(1.0), written for 'unit standard deviation':
    the first positional argument is the mean, so every weight is ~1.0 +- 0.05, every hidden
    unit computes nearly the same sum, and the outputs start huge (SGD 0.01, momentum 0.9)."""
    return _normal_mean_one(session, True)


def _batch_standardise(session, broken):
    keras = _keras()
    r = _rng(10536)
    num = r.normal(size=(N, 7))
    # A flag for a lock closure: about one voyage in sixty.
    flag = (r.random(N) < 1 / 60).astype("float64")
    y = (0.8 * num[:, 0] + 0.5 * np.sin(2 * num[:, 1]) + 0.4 * num[:, 2] * num[:, 3]
         + 1.0 * flag + 0.3 * r.normal(size=N))
    x = np.concatenate([num, flag[:, None]], axis=1).astype("float32")
    eps = 0.0 if broken else 1e-6

    def standardise(t):
        mean = keras.ops.mean(t, axis=0, keepdims=True)
        std = keras.ops.std(t, axis=0, keepdims=True)
        return (t - mean) / (std + eps)

    model = keras.Sequential([keras.Input((8,)), keras.layers.Lambda(standardise),
                              keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(32, activation="tanh"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, _std(y)[:, None], epochs=6, batch_size=32)


# With the runner's seed the very first batch has no closure: NaN from step 0.
@holdout105("trowmen", ["non_finite_values"])
def passage_time_batch_standardise(session):
    """A trow's passage time (standardised) from seven voyage features and a rare lock-closure
    flag (one voyage in sixty), standardised inside the model by a Lambda layer,
    (x - mean) / std over the batch, written without an epsilon: the first batch with no
    closure in it (with the runner's seed, the very first) has a flag column of zeros, 0 / 0 = NaN, and the loss and every weight
    are NaN from that step on (MLP 64-32 tanh, Adam 2e-3)."""
    return _batch_standardise(session, True)
