"""The two-hundred-and-twenty-first held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades: stocking framers (yarn tension on a knitting frame, stitch-pattern traces), barge
horse leaders (towing times along a canal, lock-wait sequences), gunflint makers (knapped-flake
sizes, small images of flint faces, ring tones of a struck nodule) and pin setters (strike
records of a bowling lane, ball-by-ball sequences). All data are synthetic, from numpy
generators seeded 22101..22199; the last PROBE_SIZE rows of every set are the probe.

Healthy half (eight runs, nothing to fix in the code): yarn tension with Laplace scatter under
log-cosh, Nadam and InverseTimeDecay; stitch patterns from a SeparableConv1D net with a sixth of
the labels wrong and label smoothing; towing time along a lock sequence by a bidirectional LSTM
under MAE with scatter growing with the load; a two-headed functional model (towing time and a
late-arrival flag) with loss weights; three flint qualities from noisy face images by a
DepthwiseConv2D net; a rare split strike (4%) under binary focal cross-entropy; pins left
standing from ball sequences by self-attention; and a squared-hinge custom GradientTape loop on
overlapping classes. Where they level off it is the data or the task, not the code.

Broken half (one cause each): RMSprop(0.9) written for the rho argument, so 0.9 became the
learning rate (MLP; 1.65 against 0.27); Adam(1e-7) written for epsilon, so 1e-7 became the
learning rate (GRU; 1.21 flat against 0.30); ring tones fed to a Conv1D net in raw counts of
thousands (about 0.75, jumping, against 0.07); a ReLU(max_value=0.0) typed as "no cap", so
every hidden unit outputs zero (1.63 against 0.08); and an L1 of 0.05 on pin-setter
embeddings in a custom loop (0.39 flat against 0.11). Each was trained beside its fixed
version with Session(None). Every stall_begins is None (from the start).

Dropped because they did not behave as intended: tanh layers initialised with stddev 4.0 for
saturated activations (it kept learning, and ended near its fixed version); a softmax head
under a loss told from_logits=True for loss/activation mismatch (it learned to 0.37 and was
still falling); and a hand-written Poisson likelihood taking log of a relu output for
non-finite values (NaN from the very first epoch, not after a few epochs of training).

Not written because earlier catalogues hold them, or for lack of time: vanishing and exploding
gradients, poor initialisation, insufficient capacity (and the three dropped causes) have no
scenario here (too little time to make them stall honestly; left out, not mislabelled);
quantile/Poisson/Huber regression, ReduceLROnPlateau, warm-up-then-cosine, class_weight and
small-data memorisation are held by earlier catalogues and were not repeated.

Labels: expected_causes[0] is the mistake the run was built around; stall_begins is the
optimizer step from which the broken loss stops improving (None: from the start), read off
the per-step loss and approximate where noted.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _standardize, registrar

FAMILIES = ('stocking_framers', 'barge_horse_leaders', 'gunflint_makers', 'pin_setters')
REGISTRY = []
holdout221 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


def _tension(seed, n=N):
    """Yarn tension from twelve frame settings: smooth nonlinear, Laplace scatter."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 12)).astype("float32")
    y = np.sin(x[:, 0]) + 0.5 * x[:, 1] * x[:, 2] + np.tanh(x[:, 3] - x[:, 4])
    y = y + rng.laplace(scale=0.4, size=n)
    return x, y.astype("float32")[:, None]


def _patterns(seed, n=N, classes=6, length=64, noise_labels=0.0):
    """Stitch-pattern traces: each class a mixture of two frequencies, plus noise."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, classes, n)
    t = np.linspace(0, 1, length)
    phase = rng.uniform(0, 2 * np.pi, (n, 1))
    freq = 2 + 2 * labels[:, None]
    x = np.sin(2 * np.pi * freq * t + phase) + 0.5 * np.sin(2 * np.pi * (freq + 1) * t)
    x = x + rng.normal(scale=0.6, size=x.shape)
    flip = rng.random(n) < noise_labels
    labels = np.where(flip, rng.integers(0, classes, n), labels)
    return x.astype("float32")[..., None], labels.astype("int32")


def _locks(seed, n=N, steps=20):
    """Lock-wait sequences (wait, depth, load) and the total towing time."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, steps, 3)).astype("float32")
    load = np.abs(x[:, :, 2]).mean(axis=1)
    y = np.tanh(x[:, :, 0]).sum(axis=1) / 3 + 0.5 * x[:, -5:, 1].mean(axis=1)
    y = y + rng.normal(size=n) * (0.1 + 0.5 * load)
    return x, y.astype("float32")[:, None]


def _faces(seed, n=N, size=16, classes=3):
    """Flint-face images: each quality a different stripe orientation, noisy."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, classes, n)
    ii, jj = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
    angle = labels[:, None, None] * np.pi / classes
    phase = rng.uniform(0, 2 * np.pi, (n, 1, 1))
    img = np.sin(0.9 * (np.cos(angle) * ii + np.sin(angle) * jj) + phase)
    img = img + rng.normal(scale=1.0, size=img.shape)
    return img.astype("float32")[..., None], labels.astype("int32")


def _rolls(seed, n=N, steps=12, vocab=40):
    """Ball-by-ball sequences of lane-spot ids and the pins left standing."""
    rng = np.random.default_rng(seed)
    ids = rng.integers(0, vocab, (n, steps))
    weight = rng.normal(size=vocab)
    y = np.tanh(weight[ids]).mean(axis=1) * 3 + (ids[:, 0] == ids[:, -1]) * 1.0
    y = y + rng.normal(scale=0.3, size=n)
    return ids.astype("int32"), y.astype("float32")[:, None]


# ---------------------------------------------------------------------------------------------
# stocking framers


@holdout221("stocking_framers", healthy=True)
def logcosh_tension(session):
    """Yarn tension on a stocking frame from twelve standardised settings, with Laplace scatter
    from the yarn itself; an MLP under log-cosh with Nadam and an InverseTimeDecay schedule.
    The loss flattens at the scatter's level, not at zero."""
    keras = _keras()
    x, y = _tension(22101)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    lr = keras.optimizers.schedules.InverseTimeDecay(3e-3, decay_steps=200, decay_rate=0.5)
    model.compile(keras.optimizers.Nadam(lr), keras.losses.LogCosh())
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout221("stocking_framers", healthy=True)
def separable_patterns_noisy(session):
    """Six stitch patterns from knitting-frame traces by a SeparableConv1D net; a sixth of the
    labels were written down wrong by the framers, and training uses label smoothing 0.1. The
    loss flattens well above zero because of the wrong labels."""
    keras = _keras()
    x, labels = _patterns(22102, noise_labels=1 / 6)
    y = keras.utils.to_categorical(labels, 6)
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.SeparableConv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.SeparableConv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(6, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3),
                  keras.losses.CategoricalCrossentropy(label_smoothing=0.1))
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _rmsprop_tension(session, broken):
    keras = _keras()
    x, y = _tension(22111)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    opt = keras.optimizers.RMSprop(0.9) if broken else keras.optimizers.RMSprop(rho=0.9)
    model.compile(opt, "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout221("stocking_framers", ["learning_rate_too_high"], stall_begins=None)
def rmsprop_rho_as_rate(session):
    """Yarn tension from frame settings by an MLP; the framer meant RMSprop's rho=0.9 but
    wrote RMSprop(0.9), which is the learning rate. The loss jumps about at a level far above
    what the same model reaches at the default rate."""
    return _rmsprop_tension(session, broken=True)


# ---------------------------------------------------------------------------------------------
# barge horse leaders


@holdout221("barge_horse_leaders", healthy=True)
def bilstm_towing_mae(session):
    """Towing time of a barge through twenty locks (wait, depth, load) by a bidirectional
    LSTM under mean absolute error; the scatter grows with the load the horse pulls, so the
    loss flattens at the noise level."""
    keras = _keras()
    x, y = _locks(22121)
    model = keras.Sequential([keras.Input((20, 3)),
                              keras.layers.Bidirectional(keras.layers.LSTM(16)),
                              keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mae")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout221("barge_horse_leaders", healthy=True)
def two_headed_arrival(session):
    """A functional model with two heads: the towing time (MSE) and whether the barge
    arrives late (binary cross-entropy), weighted 1.0 and 0.5; both targets are noisy, so the
    summed loss flattens well above zero."""
    keras = _keras()
    x, y = _locks(22122)
    late = (y[:, 0] + np.random.default_rng(22123).normal(scale=0.5, size=len(y)) > 0.3)
    flat = x.reshape(len(x), -1)
    inp = keras.Input((60,))
    h = keras.layers.Dense(64, activation="relu")(inp)
    h = keras.layers.Dense(32, activation="relu")(h)
    time = keras.layers.Dense(1, name="time")(h)
    flag = keras.layers.Dense(1, activation="sigmoid", name="late")(h)
    model = keras.Model(inp, [time, flag])
    model.compile(keras.optimizers.Adam(1e-3), loss=["mse", "binary_crossentropy"],
                  loss_weights=[1.0, 0.5])
    train = slice(0, len(x) - PROBE_SIZE)
    history = model.fit(flat[train], [y[train], late[train, None].astype("float32")],
                        epochs=15, batch_size=32, verbose=0,
                        callbacks=session.callbacks((flat[-PROBE_SIZE:], [
                            y[-PROBE_SIZE:], late[-PROBE_SIZE:, None].astype("float32")])))
    return history.history["loss"]


def _gru_locks(session, broken):
    keras = _keras()
    x, y = _locks(22131)
    model = keras.Sequential([keras.Input((20, 3)), keras.layers.GRU(32),
                              keras.layers.Dense(1)])
    opt = keras.optimizers.Adam(1e-7) if broken else keras.optimizers.Adam(epsilon=1e-7)
    model.compile(opt, "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout221("barge_horse_leaders", ["learning_rate_too_low"], stall_begins=None)
def adam_epsilon_as_rate(session):
    """Towing time from lock sequences by a GRU; the leader meant Adam(epsilon=1e-7) but
    wrote Adam(1e-7), the learning rate. The loss barely moves from its first value."""
    return _gru_locks(session, broken=True)


# ---------------------------------------------------------------------------------------------
# gunflint makers


@holdout221("gunflint_makers", healthy=True)
def depthwise_flint_faces(session):
    """Three flint qualities from small noisy images of the knapped face by a DepthwiseConv2D
    net under RMSprop; the stripes survive the noise, so the loss falls close to zero and levels."""
    keras = _keras()
    x, y = _faces(22141)
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.DepthwiseConv2D(3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.RMSprop(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout221("gunflint_makers", healthy=True)
def hinge_loop_flakes(session):
    """Good or spoiled flakes (+-1) from eight standardised knapping measurements, whose
    classes overlap; an MLP with a linear output trained by squared hinge in a hand-written
    GradientTape loop. The loss flattens at the overlap."""
    keras = _keras()
    rng = np.random.default_rng(22142)
    x = rng.normal(size=(N, 8)).astype("float32")
    score = x[:, 0] - x[:, 1] * x[:, 2] + 0.7 * rng.normal(size=N)
    y = np.where(score > 0, 1.0, -1.0).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3),
                        keras.losses.SquaredHinge(), x, y, epochs=20, batch_size=32,
                        seed=22143)


def _ring_tones(session, broken):
    keras = _keras()
    x, labels = _patterns(22151, classes=4, length=64)
    x = x * 800 + 3000
    if not broken:
        x = (x - x.mean()) / x.std()
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x.astype("float32"), labels, epochs=15, batch_size=32)


@holdout221("gunflint_makers", ["unnormalized_inputs"], stall_begins=None)
def raw_ring_counts(session):
    """Four nodule grades from the ring tone of a struck flint by a Conv1D net, the tone fed
    in raw microphone counts around 3,000 instead of standardised: the first updates throw the
    relu units out of range and the loss stays high."""
    return _ring_tones(session, broken=True)


# ---------------------------------------------------------------------------------------------
# pin setters


@holdout221("pin_setters", healthy=True)
def focal_split_strikes(session):
    """Whether a roll leaves a split (about 4% of rolls) from ten standardised lane readings,
    by an MLP under binary focal cross-entropy; the class is rare and partly random, so the
    loss flattens low but far from zero."""
    keras = _keras()
    rng = np.random.default_rng(22161)
    x = rng.normal(size=(N, 10)).astype("float32")
    logit = 1.5 * x[:, 0] - x[:, 1] + 0.8 * x[:, 2] * x[:, 3] - 4.0
    y = (rng.random(N) < 1 / (1 + np.exp(-logit))).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), keras.losses.BinaryFocalCrossentropy(gamma=2.0))
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout221("pin_setters", healthy=True)
def attention_pins_left(session):
    """Pins left standing from twelve rolls' lane-spot ids by token embeddings and one
    self-attention block; the count is noisy, so the MSE flattens at the noise."""
    keras = _keras()
    x, y = _rolls(22162)
    inp = keras.Input((12,), dtype="int32")
    e = keras.layers.Embedding(40, 16)(inp)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(e, e)
    h = keras.layers.GlobalAveragePooling1D()(keras.layers.Add()([e, a]))
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _capped_relu(session, broken):
    keras = _keras()
    rng = np.random.default_rng(22171)
    x = rng.normal(size=(N, 10)).astype("float32")
    y = (x[:, 0] * x[:, 1] + np.abs(x[:, 2]) + 0.2 * rng.normal(size=N)).astype("float32")
    cap = 0.0 if broken else None
    model = keras.Sequential([
        keras.Input((10,)), keras.layers.Dense(64), keras.layers.ReLU(max_value=cap),
        keras.layers.Dense(64), keras.layers.ReLU(max_value=cap), keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, _standardize(x), y[:, None], epochs=20, batch_size=32)


@holdout221("pin_setters", ["dead_relus"], stall_begins=None)
def relu_max_value_zero(session):
    """Ball speed from ten lane readings by an MLP with separate ReLU layers written
    ReLU(max_value=0.0) in the belief that zero meant no cap: every hidden unit outputs
    exactly zero, and only the output bias learns."""
    return _capped_relu(session, broken=True)


def _embed_l1(session, broken):
    keras = _keras()
    x, y = _rolls(22181)
    reg = keras.regularizers.L1(0.05 if broken else 1e-6)
    model = keras.Sequential([
        keras.Input((12,), dtype="int32"),
        keras.layers.Embedding(40, 16, embeddings_regularizer=reg),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1),
    ])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3),
                        keras.losses.MeanSquaredError(), x, y, epochs=15, batch_size=32,
                        seed=22182)


@holdout221("pin_setters", ["over_regularization"], stall_begins=None)
def embedding_l1_heavy(session):
    """Pins left from lane-spot ids by an embedding bag in a custom GradientTape loop; the
    embeddings carry an L1 penalty of 0.05 (meant 5e-6), which holds every embedding at zero
    so the model predicts a constant."""
    return _embed_l1(session, broken=True)
