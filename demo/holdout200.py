"""The two-hundredth held-out catalogue: written by someone who did not read the engine or run
the diagnosis on these runs, and scored once.

Scenarios, in four trades. The flax dressers grade hackled fibre from eight measurements and
read strand direction from 12x12 lamp patches; the tallow chandlers keep a batch book (wick,
diameter, tallow mass, beeswax, temperature, draught) and predict burn time, gutterings and
guaranteed hours; the wheel tappers call a railway wheel cracked or sound from the 64-sample
ring of the hammer; the signal men predict the next train's delay from the register of the
last 20 or 40 trains through the block.

Healthy half (12 runs, nothing to fix, each flattens for a reason in the data or schedule):
flax grading with a fifth of the labels written at random (loss floor near 0.9 nats); rare
over-retted stricks (~4%) with class_weight 1:10; a strand-angle Conv2D net under a
PiecewiseConstantDecay with 10% wrong labels; candle burn time with size-dependent noise,
Huber loss and ReduceLROnPlateau; Poisson counts of gutterings with an exponential output;
a custom GradientTape loop fitting the 90th percentile (pinball loss) under Student-t noise;
a Conv1D ring classifier with 15% wrong calls under warm-up then cosine decay; a Conv1D net
that memorises only 192 rings (its loss keeps falling towards zero); an LSTM on the ring with
Adam that is still improving when it ends; a two-input model (an Embedding of
the signal box plus four numbers) with MAE under heavy-tailed noise; a self-attention model
over the register with MSE; and a custom-loop GRU with Huber loss.

Broken half (11 runs, one per cause; each trains a helper with `broken=True`, and the same
helper with `broken=False` was trained beside it to check the stall): RMSprop at 0.5 pasted
for 5e-4 on the strand Conv2D net (learning_rate_too_high); relu layers given a -2.5 bias
from a sparse-coding recipe on standardized fibre measurements (dead_relus); burn hours
regressed from the raw batch-book columns, grams beside fractions, into tanh units with SGD
(unnormalized_inputs); a one-unit softmax head copied from a classifier onto a regression
(loss_activation_mismatch); 'weight decay 0.5' typed in as an L2 coefficient
(over_regularization); a logistic regression on the raw ring whose conv layers were
commented out (insufficient_capacity); eight stacked sigmoid Conv1D layers
(vanishing_gradients); a helper whose kernel_initializer defaulted to zeros
(poor_initialization); Adam at 2e-7 on the attention model, divided by the row count instead
of the batch (learning_rate_too_low); a SimpleRNN with an Orthogonal(gain=3) recurrent matrix
over 40 steps and no clipping (exploding_gradients); a Lambda log(t) on dwell times where two
rows are 0 s, giving -inf then NaN in the loss for the rest of the run (non_finite_values).

Dropped: saturated_activations. Two honest tries did not stall: a 2x128 tanh MLP on the raw
ring with kernels N(0, 3) learned as well as its Glorot twin, and the same on the fibre
grading with N(0, 4) learned better than its twin (with SGD + momentum enough units stay in
the linear range to carry the gradient). A first version of the deep sigmoid conv stack was
fixed because its relu twin did not learn either (global average pooling, default init); it
now uses global max pooling and He init for the twin. The insufficient-capacity run began as
a one-unit bottleneck MLP that was still improving at the end and was replaced.

Labelling: `expected_causes` has one cause, the root cause the run was built around.
`stall_begins` is the 0-based optimizer step (batches over the whole run) from which the
broken loss stops improving, None where it never improves. It is exact for the NaN run
(rows in file order, batch 32: the zero dwell is in batch 13); for the raw-columns,
heavy-L2, recurrent-gain and logistic runs it was read off the epoch losses (32 steps per
epoch) and is approximate, as marked next to them.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _keras, _standardize, registrar

FAMILIES = ('flax_dressers', 'tallow_chandlers', 'wheel_tappers', 'signal_men')

REGISTRY = []
holdout200 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data: every generator is seeded, nothing is downloaded


def _flax(n, seed, flip=0.0, classes=4):
    """A flax dresser grading hackled fibre: length, fineness, strength, colour, gum, moisture,
    shive and nep count (standardized). The grade is a nonlinear score cut into `classes`
    bands; a fraction `flip` of the grades was written down wrongly at random."""
    r = np.random.default_rng(seed)
    x = r.normal(size=(n, 8)).astype("float32")
    score = (1.2 * x[:, 0] + 0.8 * np.tanh(x[:, 1] * x[:, 2]) - 0.6 * x[:, 3] ** 2
             + 0.5 * np.sin(2.0 * x[:, 4]) - 0.4 * x[:, 6] * x[:, 7])
    cuts = np.quantile(score, np.linspace(0, 1, classes + 1)[1:-1])
    y = np.searchsorted(cuts, score)
    wrong = r.random(n) < flip
    y[wrong] = r.integers(0, classes, size=wrong.sum())
    return x, y.astype("int32")


def _flax_patches(n, seed, flip=0.0):
    """12x12 grey patches of a fibre strick under the lamp: parallel strands at one of four
    angles (the class), with uneven lighting and speckle; `flip` of the labels are wrong."""
    r = np.random.default_rng(seed)
    y = r.integers(0, 4, size=n)
    angle = y * np.pi / 4 + r.normal(0, 0.12, size=n)
    grid = np.arange(12, dtype="float32") - 5.5
    gx, gy = np.meshgrid(grid, grid)
    proj = gx[None] * np.cos(angle)[:, None, None] + gy[None] * np.sin(angle)[:, None, None]
    phase = r.uniform(0, 2 * np.pi, size=(n, 1, 1))
    img = np.sin(1.3 * proj + phase) * r.uniform(0.4, 1.0, size=(n, 1, 1))
    img = img + r.normal(0, 0.6, size=img.shape) + r.normal(0, 0.3, size=(n, 1, 1))
    wrong = r.random(n) < flip
    y[wrong] = r.integers(0, 4, size=wrong.sum())
    return img[..., None].astype("float32"), y.astype("int32")


def _candles(n, seed):
    """A tallow chandler's batch book: wick diameter (mm), candle diameter (mm), tallow mass (g),
    beeswax fraction, room temperature (C) and draught (m/s), raw; and the clean part of the
    burn time in hours, a smooth function of them."""
    r = np.random.default_rng(seed)
    wick = r.uniform(1.0, 3.0, n)
    diam = r.uniform(15.0, 40.0, n)
    mass = diam ** 2 * r.uniform(0.08, 0.14, n) * 6.0
    wax = r.uniform(0.0, 0.4, n)
    temp = r.normal(16.0, 5.0, n)
    draught = np.abs(r.normal(0.0, 0.4, n))
    hours = (mass / (18.0 * wick ** 1.3) * (1.0 + 0.8 * wax) * (1.0 - 0.01 * (temp - 16.0))
             / (1.0 + 0.9 * draught))
    raw = np.stack([wick, diam, mass, wax, temp, draught], axis=1).astype("float32")
    return raw, hours.astype("float32")


def _taps(n, seed, length=64, flip=0.0):
    """A wheel tapper's hammer ring, 64 samples: a sound wheel rings long at one pitch, a
    cracked one dies fast with a buzzing second partial. Label 1 = cracked; `flip` of the
    tapper's calls are wrong (he is listening in the yard, with traffic)."""
    r = np.random.default_rng(seed)
    y = (r.random(n) < 0.5).astype("int32")
    t = np.arange(length, dtype="float32")[None] / length
    f0 = r.uniform(5.0, 8.0, size=(n, 1))
    decay = np.where(y[:, None] == 1, r.uniform(3.5, 6.0, (n, 1)), r.uniform(1.5, 3.5, (n, 1)))
    buzz = np.where(y[:, None] == 1, r.uniform(0.2, 0.5, (n, 1)), r.uniform(0.0, 0.25, (n, 1)))
    ring = np.exp(-decay * t) * (np.sin(2 * np.pi * f0 * t)
                                 + buzz * np.sin(2 * np.pi * 2.7 * f0 * t))
    ring = ring * r.uniform(0.6, 1.4, size=(n, 1)) + r.normal(0, 0.25, size=ring.shape)
    wrong = r.random(n) < flip
    y[wrong] = 1 - y[wrong]
    return ring[..., None].astype("float32"), y


def _signals(n, seed, length=20):
    """A signalman's train register: for each of `length` past trains through the block, its
    standardized running delay and block occupancy time; the target is the next train's
    delay (standardized), which follows the recent trend, a knock-on from the slowest block
    occupancy and noise."""
    r = np.random.default_rng(seed)
    drift = np.cumsum(r.normal(0, 0.3, size=(n, length)), axis=1)
    delay = drift + r.normal(0, 0.3, size=(n, length))
    occupancy = r.gamma(2.0, 0.5, size=(n, length))
    x = np.stack([delay, occupancy], axis=-1)
    target = (0.7 * delay[:, -3:].mean(axis=1) + 0.5 * np.log1p(occupancy.max(axis=1))
              + r.normal(0, 0.3, n))
    x = (x - x.mean(axis=(0, 1))) / x.std(axis=(0, 1))
    return x.astype("float32"), ((target - target.mean()) / target.std()).astype("float32")


def _split_rows(a):
    return a[:-PROBE_SIZE], a[-PROBE_SIZE:]


def _train(session, model, x, y, *, epochs, batch_size, shuffle=True, callbacks=(), **fit_kw):
    """model.fit on all but the last PROBE_SIZE rows (the probe), for one input array or a list
    of them; extra keyword arguments (class_weight) go to fit. Returns the per-epoch loss."""
    xs = x if isinstance(x, (list, tuple)) else [x]
    parts = [_split_rows(a) for a in xs]
    x_train = [p[0] for p in parts]
    x_probe = [p[1] for p in parts]
    y_train, y_probe = _split_rows(y)
    if not isinstance(x, (list, tuple)):
        x_train, x_probe = x_train[0], x_probe[0]
    callbacks = list(callbacks) + session.callbacks((x_probe, y_probe))
    history = model.fit(x_train, y_train, epochs=epochs, batch_size=batch_size, shuffle=shuffle,
                        verbose=0, callbacks=callbacks, **fit_kw)
    return history.history["loss"]


def _steps(n, batch_size):
    return -(-(n - PROBE_SIZE) // batch_size)


# ---------------------------------------------------------------------------------------------
# flax_dressers


@holdout200("flax_dressers", healthy=True)
def grading_with_clerks_errors(session):
    """Flax grading, four grades from eight fibre measurements, one grade in five written down
    at random by the clerk; 2x64 relu MLP, Adam 2e-3, batch 32, 20 epochs. The loss eases
    down to about 0.75 nats, well above zero, because a fifth of the labels cannot be
    predicted; the last epochs gain a little by fitting some of the wrong grades."""
    keras = _keras()
    x, y = _flax(N, seed=20001, flip=0.2)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _train(session, model, x, y, epochs=20, batch_size=32)


@holdout200("flax_dressers", healthy=True)
def rare_rotted_stricks(session):
    """Spotting the rare over-retted strick (about 4% of them) from the same eight measurements:
    binary relu MLP with a sigmoid output, binary cross-entropy, class_weight 1:10 to balance
    the rare positives, Adam 1e-3, 20 epochs. The weighted loss stays well above zero: the
    positives overlap the negatives and the weighting keeps the boundary cautious."""
    keras = _keras()
    x, _ = _flax(N, seed=20002)
    r = np.random.default_rng(20003)
    logit = -4.0 + 1.5 * x[:, 5] + 1.0 * x[:, 3] ** 2 - 0.8 + r.normal(0, 0.8, N)
    y = (logit > 0).astype("float32")
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _train(session, model, x, y, epochs=20, batch_size=32, class_weight={0: 1.0, 1: 10.0})


@holdout200("flax_dressers", healthy=True)
def strand_angle_cnn_step_decay(session):
    """Strand direction in 12x12 lamp patches, small Conv2D net (8 and 16 filters, global
    pooling), Adam with a PiecewiseConstantDecay of 3e-3, 1e-3, 3e-4 at steps 200 and 400;
    10% of the labels are wrong. The loss falls, drops a little at each rate step and ends
    flat above zero."""
    keras = _keras()
    x, y = _flax_patches(N, seed=20004, flip=0.1)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([200, 400], [3e-3, 1e-3, 3e-4])
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _train(session, model, x, y, epochs=16, batch_size=32)


def _grade_patches_fast(session, broken):
    keras = _keras()
    x, y = _flax_patches(N, seed=20010)
    rate = 0.5 if broken else 1e-3
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.RMSprop(rate), "sparse_categorical_crossentropy")
    return _train(session, model, x, y, epochs=10, batch_size=32)


@holdout200("flax_dressers", ["learning_rate_too_high"], stall_begins=None)
def rmsprop_half(session):
    """Strand direction patches, Conv2D net trained with RMSprop at 0.5: the config said
    'lr: 5e-4' and was pasted as 0.5. The first updates throw the weights far off and the
    loss bounces at or above the constant-guess level (ln 4) for the whole run; at 1e-3 the
    same net learns the angles."""
    return _grade_patches_fast(session, broken=True)


def _grading_dead(session, broken):
    keras = _keras()
    x, y = _flax(N, seed=20011)
    bias = keras.initializers.Constant(-2.5 if broken else 0.0)
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(64, activation="relu", kernel_initializer="he_uniform",
                           bias_initializer=bias),
        keras.layers.Dense(64, activation="relu", kernel_initializer="he_uniform",
                           bias_initializer=bias),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _train(session, model, x, y, epochs=12, batch_size=32)


@holdout200("flax_dressers", ["dead_relus"], stall_begins=None)
def sparsity_bias_recipe(session):
    """Flax grading MLP whose relu layers were given bias_initializer=Constant(-2.5), copied
    from a sparse-coding recipe that meant the inputs to be positive and large. On standardized
    measurements almost no unit ever fires, no gradient reaches the hidden weights, and the
    loss sits at the class-prior level from the start."""
    return _grading_dead(session, broken=True)


# ---------------------------------------------------------------------------------------------
# tallow_chandlers


@holdout200("tallow_chandlers", healthy=True)
def uneven_burn_huber(session):
    """Burn time of tallow candles from the batch book (standardized inputs), with noise that
    grows with the candle's size (long candles gutter unpredictably): 2x64 relu MLP, Huber
    loss, Adam 3e-3 with ReduceLROnPlateau(patience 2, factor 0.3), 25 epochs. The loss
    flattens at the noise floor and the rate drops a few times near the end."""
    keras = _keras()
    raw, hours = _candles(N, seed=20020)
    r = np.random.default_rng(20021)
    y = hours * (1.0 + r.normal(0, 0.25, N)) + r.normal(0, 0.5, N)
    y = ((y - y.mean()) / y.std()).astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.Huber(1.0))
    plateau = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=2, min_lr=1e-5)
    return _train(session, model, _standardize(raw), y, epochs=25, batch_size=32,
                  callbacks=[plateau])


@holdout200("tallow_chandlers", healthy=True)
def guttering_counts_poisson(session):
    """Number of gutterings per night for each candle (counts, mean ~2), a Poisson process
    whose rate depends on wick, draught and temperature: MLP with an exponential output and
    Keras's Poisson loss, Adam 2e-3, 20 epochs. The loss flattens at the Poisson noise level
    (negative, as Keras's Poisson loss omits the log y! term), as it must for count data."""
    keras = _keras()
    raw, _ = _candles(N, seed=20022)
    z = _standardize(raw)
    r = np.random.default_rng(20023)
    rate = np.exp(0.6 + 0.5 * z[:, 0] + 0.6 * z[:, 5] - 0.3 * z[:, 4] * z[:, 0])
    y = r.poisson(rate).astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _train(session, model, z, y, epochs=20, batch_size=32)


@holdout200("tallow_chandlers", healthy=True)
def pinball_loss_custom_loop(session):
    """Custom GradientTape loop fitting the 90th percentile of burn time (the chandler promises
    'at least' a time), pinball loss at q = 0.9, heavy-tailed Student-t noise (df 3), relu
    MLP, Adam 2e-3, batch 32, 15 epochs. The loss levels off at the quantile's irreducible
    risk, far above zero."""
    import tensorflow as tf

    keras = _keras()
    raw, hours = _candles(N, seed=20024)
    r = np.random.default_rng(20025)
    y = hours + 0.8 * r.standard_t(3, N)
    y = ((y - y.mean()) / y.std()).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])

    def pinball(targets, predictions):
        error = targets - predictions
        return tf.reduce_mean(tf.maximum(0.9 * error, -0.1 * error))

    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), pinball, _standardize(raw),
                        y, epochs=15, batch_size=32, seed=20025)


def _raw_batch_book(session, broken):
    keras = _keras()
    raw, hours = _candles(N, seed=20030)
    r = np.random.default_rng(20031)
    y = (hours + r.normal(0, 0.5, N)).astype("float32")
    x = raw if broken else _standardize(raw)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(32, activation="tanh"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(1e-3, momentum=0.9), "mse")
    return _train(session, model, x, y, epochs=15, batch_size=32)


@holdout200("tallow_chandlers", ["unnormalized_inputs"], stall_begins=30)  # approximate
def raw_batch_book_columns(session):
    """Burn hours regressed from the batch book's raw columns: tallow mass in grams (up to
    ~1,300), diameters in mm, temperature in C, fractions near 0.2. The 2x32 tanh MLP with
    SGD 1e-3 + momentum sees its first-layer units driven to +-1 by the gram column, learns
    the mean and a crude size trend, and stays far above the standardized version."""
    return _raw_batch_book(session, broken=True)


def _burn_hours_head(session, broken):
    keras = _keras()
    raw, hours = _candles(N, seed=20032)
    r = np.random.default_rng(20033)
    y = (hours + r.normal(0, 0.5, N)).astype("float32")
    y = (y - y.mean()) / y.std()
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="softmax" if broken else None)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _train(session, model, _standardize(raw), y, epochs=12, batch_size=32)


@holdout200("tallow_chandlers", ["loss_activation_mismatch"], stall_begins=None)
def classifier_head_on_hours(session):
    """Burn time (standardized hours) regressed with MSE through a head copied from the shop's
    wick classifier: Dense(1, activation='softmax'). A softmax over one unit is always 1.0,
    so every prediction is 1 whatever the weights, and the loss is flat from the first step
    at the variance plus one."""
    return _burn_hours_head(session, broken=True)


def _heavy_penalty(session, broken):
    keras = _keras()
    raw, hours = _candles(N, seed=20034)
    r = np.random.default_rng(20035)
    y = (hours + r.normal(0, 0.5, N)).astype("float32")
    y = (y - y.mean()) / y.std()
    reg = keras.regularizers.L2(0.5 if broken else 1e-5)
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(64, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(64, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(1, kernel_regularizer=reg),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _train(session, model, _standardize(raw), y, epochs=15, batch_size=32)


@holdout200("tallow_chandlers", ["over_regularization"], stall_begins=190)  # approximate
def weight_decay_as_l2(session):
    """Burn-time MLP with kernel_regularizer=L2(0.5) on every layer: the paper's 'weight decay
    0.5' (a decoupled per-epoch factor) was typed in as an L2 coefficient. The penalty
    outweighs the fit, the weights are pinned near zero and the training loss (penalty
    included) flattens not far below the variance of the target."""
    return _heavy_penalty(session, broken=True)


# ---------------------------------------------------------------------------------------------
# wheel_tappers


@holdout200("wheel_tappers", healthy=True)
def yard_noise_warmup_cosine(session):
    """Cracked-or-sound from the hammer's ring, a Conv1D net (16 and 32 filters, global max
    pooling), 15% of the tapper's calls wrong; Adam under a linear warm-up to 3e-3 over 100
    steps then cosine decay to zero over the run, 20 epochs. The loss is slow in the
    warm-up, falls, and settles well above zero at the end of the cosine."""
    keras = _keras()
    x, y = _taps(N, seed=20040, flip=0.15)
    steps = 20 * _steps(N, 32)
    schedule = keras.optimizers.schedules.CosineDecay(0.0, steps - 100, warmup_target=3e-3,
                                                      warmup_steps=100)
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(schedule), "binary_crossentropy")
    return _train(session, model, x, y, epochs=20, batch_size=32)


@holdout200("wheel_tappers", healthy=True)
def one_shed_small_sample(session):
    """Only 192 rings recorded at one shed, a Conv1D net with a wide dense layer, Adam 2e-3,
    batch 16, 40 epochs: the training loss keeps falling towards zero as the net memorises
    the few examples (it would not generalise, but the training itself is correct)."""
    keras = _keras()
    x, y = _taps(192 + PROBE_SIZE, seed=20041, flip=0.1)
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Flatten(),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _train(session, model, x, y, epochs=40, batch_size=16)


@holdout200("wheel_tappers", healthy=True)
def lstm_patient_listener(session):
    """An LSTM(16) listening to the ring sample by sample (subsampled to 32 steps), Adam 3e-3,
    12 epochs: flat near ln 2 for three epochs, then it finds the decay rate and is still
    improving when the run ends."""
    keras = _keras()
    x, y = _taps(N, seed=20042)
    model = keras.Sequential([keras.Input((32, 1)), keras.layers.LSTM(16),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _train(session, model, x[:, ::2], y, epochs=12, batch_size=32)


def _ring_linear(session, broken):
    keras = _keras()
    x, y = _taps(N, seed=20050)
    if broken:
        body = [keras.layers.Flatten()]
    else:
        body = [keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
                keras.layers.MaxPooling1D(2),
                keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
                keras.layers.GlobalMaxPooling1D()]
    model = keras.Sequential([keras.Input((64, 1))] + body
                             + [keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(2e-2), "binary_crossentropy")
    return _train(session, model, x, y, epochs=12, batch_size=32)


@holdout200("wheel_tappers", ["insufficient_capacity"], stall_begins=200)  # approximate
def logistic_on_raw_ring(session):
    """The ring classified by a logistic regression on the 64 raw samples: the conv layers were
    commented out for a quick baseline and never put back. A cracked wheel differs in how
    fast the ring dies and in a buzzing partial, at a random phase, which no weighted sum of
    the samples can see; the loss falls to about 0.5 in six epochs and levels off there,
    while the Conv1D net goes on to about 0.23."""
    return _ring_linear(session, broken=True)


def _deep_sigmoid_conv(session, broken):
    keras = _keras()
    x, y = _taps(N, seed=20051)
    act, init = ("sigmoid", "glorot_uniform") if broken else ("relu", "he_normal")
    layers = [keras.Input((64, 1))]
    layers += [keras.layers.Conv1D(12, 3, activation=act, padding="same", kernel_initializer=init)
               for _ in range(8)]
    layers += [keras.layers.GlobalMaxPooling1D(), keras.layers.Dense(1, activation="sigmoid")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "binary_crossentropy")
    return _train(session, model, x, y, epochs=10, batch_size=32)


@holdout200("wheel_tappers", ["vanishing_gradients"], stall_begins=None)
def eight_sigmoid_convs(session):
    """Eight stacked Conv1D layers with sigmoid activations ('smoother than relu' said the
    forum post) on the ring, SGD 0.02 + momentum: each sigmoid passes back at most a quarter
    of the gradient, so the lower filters hardly learn and the loss stays near ln 2, where
    the same stack with relu (He init) learns."""
    return _deep_sigmoid_conv(session, broken=True)


def _ring_conv_init(session, broken):
    keras = _keras()
    x, y = _taps(N, seed=20052)
    init = "zeros" if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(16, activation="relu", kernel_initializer=init),
        keras.layers.Dense(1, activation="sigmoid", kernel_initializer=init),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _train(session, model, x, y, epochs=10, batch_size=32)


@holdout200("wheel_tappers", ["poor_initialization"], stall_begins=None)
def zeros_everywhere(session):
    """Conv1D ring classifier built by a helper whose kernel_initializer argument defaulted to
    'zeros' (it was written for a linear baseline). Every conv and dense kernel starts at 0,
    every relu outputs 0, no kernel gets a gradient, and only the output bias moves: the loss
    sits at ln 2 from the first step."""
    return _ring_conv_init(session, broken=True)


# ---------------------------------------------------------------------------------------------
# signal_men


@holdout200("signal_men", healthy=True)
def box_embedding_mae(session):
    """Next-train delay from two inputs: an Embedding(30, 8) of the signal box (30 boxes, each
    with its own habits) and four standardized numbers (hour, load, weather, previous delay);
    Student-t noise (df 2.5), MAE loss, Adam 2e-3, 20 epochs. The MAE flattens at the
    heavy-tailed noise floor."""
    keras = _keras()
    r = np.random.default_rng(20060)
    box = r.integers(0, 30, N).astype("int32")
    habit = r.normal(0, 1.0, 30)
    num = r.normal(size=(N, 4)).astype("float32")
    y = (habit[box] + 0.8 * num[:, 3] + 0.5 * np.sin(2 * num[:, 0]) * num[:, 1]
         + 0.5 * r.standard_t(2.5, N)).astype("float32")
    box_in = keras.Input((1,), dtype="int32")
    num_in = keras.Input((4,))
    emb = keras.layers.Flatten()(keras.layers.Embedding(30, 8)(box_in))
    h = keras.layers.Concatenate()([emb, num_in])
    h = keras.layers.Dense(64, activation="relu")(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([box_in, num_in], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), "mae")
    return _train(session, model, [box[:, None], num], y, epochs=20, batch_size=32)


@holdout200("signal_men", healthy=True)
def register_attention(session):
    """The register's last 20 trains through one self-attention layer (2 heads, key size 8)
    with a residual and layer norm, pooled, then a small dense head; MSE on the next delay,
    Adam 2e-3, 15 epochs. Converges to the noise level (about 0.1 of the variance) and flattens."""
    keras = _keras()
    x, y = _signals(N, seed=20061)
    inp = keras.Input((20, 2))
    h = keras.layers.Dense(16)(inp)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Concatenate()([h, keras.layers.Flatten()(inp[:, -3:, :])])
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _train(session, model, x, y, epochs=15, batch_size=32)


@holdout200("signal_men", healthy=True)
def gru_register_custom_loop(session):
    """Custom GradientTape loop, GRU(16) over the register, Huber loss, Adam 3e-3, batch 32,
    12 epochs: a correct hand-written loop that converges to the noise floor of the next
    train's delay and stays there."""
    keras = _keras()
    x, y = _signals(N, seed=20062)
    model = keras.Sequential([keras.Input((20, 2)), keras.layers.GRU(16), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), keras.losses.Huber(),
                        x, y[:, None], epochs=12, batch_size=32, seed=20062)


def _attention_rate(session, broken):
    keras = _keras()
    x, y = _signals(N, seed=20070)
    inp = keras.Input((20, 2))
    h = keras.layers.Dense(16)(inp)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-7 if broken else 2e-3), "mse")
    return _train(session, model, x, y, epochs=12, batch_size=32)


@holdout200("signal_men", ["learning_rate_too_low"], stall_begins=None)
def rate_divided_twice(session):
    """The attention model over the register with Adam at 2e-7: the rate was 'scaled for the
    batch size' by dividing 2e-3 by 10,000 (the number of rows, not the batch). Each update is
    a hair's breadth, and the MSE stays at the variance of the delay all run long."""
    return _attention_rate(session, broken=True)


def _chaotic_rnn(session, broken):
    keras = _keras()
    x, y = _signals(N, seed=20071, length=40)
    gain = 3.0 if broken else 1.0
    model = keras.Sequential([
        keras.Input((40, 2)),
        keras.layers.SimpleRNN(48, recurrent_initializer=keras.initializers.Orthogonal(
            gain=gain, seed=20071)),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _train(session, model, x, y, epochs=12, batch_size=32)


@holdout200("signal_men", ["exploding_gradients"], stall_begins=40)  # approximate
def recurrent_gain_three(session):
    """A SimpleRNN(48) over 40 trains of the register whose recurrent matrix was initialised
    Orthogonal(gain=3.0) ('to remember longer'), SGD 0.01 + momentum, no clipping. The tanh
    keeps the forward pass finite, but back through 40 steps the gradient is multiplied by
    up to 3 at each: the norms are huge, the updates throw the weights about, and the loss
    stays near the variance while the gain-1 version learns."""
    return _chaotic_rnn(session, broken=True)


ZERO_DWELL_ROW = 416  # in file order with batch 32: first seen in batch 13 (0-based)


def _log_dwell(session, broken):
    keras = _keras()
    r = np.random.default_rng(20072)
    dwell = r.gamma(2.0, 30.0, size=(N, 3)).astype("float32")
    dwell[ZERO_DWELL_ROW:ZERO_DWELL_ROW + 2, 1] = 0.0
    y = (0.6 * np.log(dwell + 1.0).sum(axis=1) + r.normal(0, 0.3, N)).astype("float32")
    y = (y - y.mean()) / y.std()
    offset = 1.0 if not broken else 0.0
    inp = keras.Input((3,))
    h = keras.layers.Lambda(lambda t: keras.ops.log(t + offset) - 3.5)(inp)
    h = keras.layers.Dense(32, activation="tanh")(h)
    h = keras.layers.Dense(32, activation="tanh")(h)
    model = keras.Model(inp, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _train(session, model, dwell, y, epochs=8, batch_size=32, shuffle=False)


@holdout200("signal_men", ["non_finite_values"], stall_begins=ZERO_DWELL_ROW // 32)
def log_of_zero_dwell(session):
    """Standing time at three stations, log-transformed inside the model by a Lambda layer
    (log(t), where the analyst's notebook had log1p), MLP, Adam, rows in file order. Two
    trains that ran straight through have a dwell of 0 s: log(0) = -inf, the gradient is NaN,
    the weights turn NaN at that batch, and the loss is NaN for the rest of the run."""
    return _log_dwell(session, broken=True)
