"""The two-hundred-and-twenty-ninth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Checked only from loss curves (Keras History or the custom loop's epoch means) with Session(None);
numpy data from seeds 22901..22921, the last PROBE_SIZE rows of each set the probe. Four trades:
Honiton lacemakers (motif prickings, thread lengths, broken threads), Wealden charcoal burners
(kiln temperature traces, yields, clamp collapses), Prescot clockmakers (movement readings,
grades, rate drift) and woad growers (vat readings, weather, spectra, soil fractions).

Healthy half (10): misfiled motif cards by a Conv2D net; thread length under Huber with
Student-t errors and PiecewiseConstantDecay; broken-thread counts under Poisson loss with an
Embedding of the lacemaker joined to measurements (two inputs); burn rate by a GRU under
warm-up + CosineDecay with heteroscedastic noise; the 0.9 quantile of yield by Conv1D in a
GradientTape loop; rare clamp collapses with class_weight; a 160-row bench set an MLP nearly
memorises; rate drift under ReduceLROnPlateau; noisy woad grades by MultiHeadAttention; indigo
yield by an LSTM under slow Adagrad, still falling.

Broken half (9, one root cause each): eight hard_sigmoid layers (vanishing gradients);
activity_regularizer L1(5.0) (over-regularisation, flat from about step 128); a per-example
learning-rate rule dividing SGD's rate by the set size on an LSTM (too low; creeps);
a hand-written Poisson NLL on a relu rate head (non-finite: NaN from the start); RMSprop(0.9)
meaning rho (too high); tanh layers with Orthogonal(gain=30) (saturation, from about step 96);
raw 16-bit spectrometer numbers into a Conv1D net (unnormalised, from about step 64; the
fixed twin learns only slowly on this task); NonNeg kernels on all-negative log inputs (dead
relus, from about step 32); a linear head under binary_crossentropy (mismatch, flattening
from about step 192). All stall steps except None are approximate, read off epoch means.

Dropped: a Dense(units=1) bottleneck before a 4-way softmax (insufficient capacity: it kept
learning) and kernel_initializer='ones' on a Conv1D loop (poor initialisation: the loss started
near 1e9 and kept falling, not a clean stall); exploding gradients was not tried for lack of
time. Not written because earlier catalogues hold them: plain deep sigmoid stacks, zero/tiny
init, L2/dropout extremes, NaN in features or targets, relu RNNs without clipping, raw price
targets, spiral linear models. Labelling: expected_causes[0] is the mistake each broken run was
built around; each broken run has a helper that trains the fixed twin, compared by hand.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _standardize, registrar

FAMILIES = ('lacemakers_of_honiton', 'charcoal_burners_of_the_weald', 'clockmakers_of_prescot',
            'woad_growers')
REGISTRY = []
holdout229 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data


def _lace_motifs(n, seed, noise=0.0):
    """8x8 prickings of four lace motifs (sprig, bar, ring, cross), with thread jitter; a
    fraction `noise` of the labels are misfiled."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:8, 0:8]
    masks = [((yy - 3.5) ** 2 + (xx - 3.5) ** 2 < 4).astype(float),
             (np.abs(yy - 3.5) < 1.2).astype(float),
             (np.abs(np.hypot(yy - 3.5, xx - 3.5) - 3) < 0.8).astype(float),
             ((np.abs(yy - xx) < 1) | (np.abs(yy + xx - 7) < 1)).astype(float)]
    y = rng.integers(0, 4, n)
    x = np.stack([masks[k] for k in y]) * rng.uniform(0.5, 1.0, (n, 1, 1))
    x = x + rng.normal(0, 0.35, x.shape)
    flip = rng.random(n) < noise
    y = np.where(flip, rng.integers(0, 4, n), y)
    return x[..., None].astype("float32"), y.astype("int32")


def _pillow_tabular(n, seed, d=8):
    """A lacemaker's pillow: bobbin count, thread weight, pin spacing... standardized."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, d)).astype("float32")
    w = rng.normal(size=d)
    return x, w, rng


def _kiln_sequences(n, seed, steps=24):
    """Hourly kiln temperatures of a charcoal clamp (standardized), with a hidden burn rate."""
    rng = np.random.default_rng(seed)
    rate = rng.uniform(-1, 1, n)
    t = np.linspace(0, 1, steps)
    x = rate[:, None] * t[None, :] * 2 + np.sin(6 * t[None, :] + rng.uniform(0, 6, (n, 1)))
    x = x + rng.normal(0, 0.3, x.shape)
    return x[..., None].astype("float32"), rate.astype("float32"), rng


def _movement_readings(n, seed, d=10):
    """Prescot watch movements: wheel counts, pinion leaves, beat errors... standardized."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, d)).astype("float32")
    return x, rng


def _woad_fields(n, seed, d=12):
    """Woad fields: soil, rain, sun and couching measurements, standardized."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, d)).astype("float32")
    return x, rng


def _smooth_target(x, rng, hidden=16):
    """A smooth nonlinear function of x, standardized to unit variance."""
    w1 = rng.normal(size=(x.shape[1], hidden)) / np.sqrt(x.shape[1])
    w2 = rng.normal(size=hidden)
    f = np.tanh(x @ w1 * 1.5) @ w2 + 0.5 * (x[:, 0] * x[:, 1])
    return ((f - f.mean()) / f.std()).astype("float32")


# ---------------------------------------------------------------------------------------------
# lacemakers of Honiton


@holdout229("lacemakers_of_honiton", healthy=True)
def misfiled_motifs_cnn(session):
    """Honiton motif prickings (8x8) sorted into four motifs by a small Conv2D net with Adam; a
    fifth of the cards were misfiled in the pattern book, so the loss settles well above zero."""
    keras = _keras()
    x, y = _lace_motifs(N, seed=22901, noise=0.2)
    model = keras.Sequential([
        keras.Input((8, 8, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout229("lacemakers_of_honiton", healthy=True)
def thread_length_huber_piecewise(session):
    """Thread length needed for a pillow, from eight pillow measurements, by a 2x32 relu MLP
    under Huber loss with a PiecewiseConstantDecay (SGD momentum, 0.05 -> 0.01 -> 0.002); the
    recorded lengths carry Student-t (3 dof) errors, so the loss steps down twice and rests."""
    keras = _keras()
    x, w, rng = _pillow_tabular(N, seed=22902)
    y = (np.tanh(x @ w / 3) * 2 + 0.3 * x[:, 0] ** 2 + rng.standard_t(3, N) * 0.6)
    steps = 32
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay(
        [6 * steps, 12 * steps], [0.05, 0.01, 0.002])
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), keras.losses.Huber(1.0))
    return _fit(session, model, x, y.astype("float32"), epochs=16, batch_size=32)


@holdout229("lacemakers_of_honiton", healthy=True)
def broken_threads_poisson_embedding(session):
    """Broken threads per day (counts) for forty lacemakers: an Embedding of the lacemaker's id
    joined to the pillow measurements (two inputs), a softplus rate head under Poisson loss and
    Adam. Counts are Poisson draws, so the loss floors at the Poisson noise."""
    keras = _keras()
    rng = np.random.default_rng(22903)
    who = rng.integers(0, 40, N).astype("int32")
    skill = rng.normal(0, 0.5, 40)
    x = rng.normal(size=(N, 6)).astype("float32")
    rate = np.exp(0.5 + skill[who] + 0.4 * x[:, 0] - 0.3 * x[:, 1])
    y = rng.poisson(rate).astype("float32")
    id_in = keras.Input((1,), dtype="int32")
    x_in = keras.Input((6,))
    e = keras.layers.Flatten()(keras.layers.Embedding(40, 4)(id_in))
    h = keras.layers.Dense(16, activation="relu")(keras.layers.Concatenate()([e, x_in]))
    out = keras.layers.Dense(1, activation="softplus")(h)
    model = keras.Model([id_in, x_in], out)
    model.compile(keras.optimizers.Adam(1e-2), "poisson")
    history = model.fit([who[:-PROBE_SIZE, None], x[:-PROBE_SIZE]], y[:-PROBE_SIZE],
                        epochs=12, batch_size=32, verbose=0,
                        callbacks=session.callbacks(
                            ([who[-PROBE_SIZE:, None], x[-PROBE_SIZE:]], y[-PROBE_SIZE:])))
    return history.history["loss"]


def _hard_sigmoid_stack(session, broken):
    keras = _keras()
    x, y = _lace_motifs(N, seed=22904)
    x = x.reshape(len(x), -1)
    act = "hard_sigmoid" if broken else "relu"
    layers = [keras.Input((64,))]
    layers += [keras.layers.Dense(32, activation=act) for _ in range(8)]
    layers.append(keras.layers.Dense(4, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout229("lacemakers_of_honiton", ["vanishing_gradients"], stall_begins=None)
def hard_sigmoid_eight_deep(session):
    """Flattened motif prickings through eight Dense(32) layers with activation='hard_sigmoid'
    (chosen as a "cheap sigmoid"), SGD momentum 0.02: each layer passes at most a fifth of the
    gradient back, so the first layers never learn and the loss stays at log 4."""
    return _hard_sigmoid_stack(session, broken=True)


def _activity_l1(session, broken):
    keras = _keras()
    x, w, rng = _pillow_tabular(N, seed=22906)
    y = _smooth_target(x, rng)
    reg = keras.regularizers.L1(5.0) if broken else None
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(64, activation="relu", activity_regularizer=reg),
        keras.layers.Dense(64, activation="relu", activity_regularizer=reg),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout229("lacemakers_of_honiton", ["over_regularization"], stall_begins=128)  # approximate
def activity_l1_five(session):
    """Pillow measurements to a smooth pricking-time target by a 2x64 relu MLP with
    activity_regularizer=L1(5.0) on both hidden layers (meant as a sparsity nudge, written
    with the strength of a kernel penalty): the hidden units are pressed to zero."""
    return _activity_l1(session, broken=True)


# ---------------------------------------------------------------------------------------------
# charcoal burners of the Weald


@holdout229("charcoal_burners_of_the_weald", healthy=True)
def burn_rate_gru_warmup_cosine(session):
    """The burn rate of a clamp from 24 hourly temperatures by a GRU(16), Adam under CosineDecay
    with a linear warm-up (0 -> 3e-3 over two epochs, then cosine to zero); the thermocouples'
    noise grows with the clamp's heat (heteroscedastic), so MSE rests above zero."""
    keras = _keras()
    x, rate, rng = _kiln_sequences(N, seed=22907)
    y = (rate + rng.normal(0, 0.1 + 0.3 * np.abs(rate))).astype("float32")
    steps = 32
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, decay_steps=12 * steps, warmup_target=3e-3, warmup_steps=2 * steps)
    model = keras.Sequential([keras.Input((24, 1)), keras.layers.GRU(16), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(schedule), "mse")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout229("charcoal_burners_of_the_weald", healthy=True)
def yield_quantile_conv1d_loop(session):
    """The ninetieth percentile of charcoal yield from the temperature trace: Conv1D + pooling
    in a hand-written GradientTape loop with Adam, under the pinball (quantile 0.9) loss; the
    yield's spread is wide, so the pinball loss settles at a positive floor."""
    import tensorflow as tf

    keras = _keras()
    x, rate, rng = _kiln_sequences(N, seed=22908)
    y = (1.0 + rate + rng.gamma(2.0, 0.3, N)).astype("float32")[:, None]

    def pinball(yt, yp):
        e = yt - yp
        return tf.reduce_mean(tf.maximum(0.9 * e, -0.1 * e))

    model = keras.Sequential([
        keras.Input((24, 1)),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1),
    ])
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), pinball, x, y,
                        epochs=14, batch_size=32, seed=22908, loss_description="pinball_0.9")


@holdout229("charcoal_burners_of_the_weald", healthy=True)
def clamp_collapse_rare_class_weight(session):
    """Whether a clamp collapses (about 4% of burns) from ten clamp measurements, by a 32-unit
    relu MLP with a sigmoid head, binary cross-entropy and class_weight {0: 1, 1: 8}; the
    collapses are partly chance, so the weighted loss flattens well above zero."""
    keras = _keras()
    rng = np.random.default_rng(22909)
    x = rng.normal(size=(N, 10)).astype("float32")
    logit = -4.0 + 1.2 * x[:, 0] + 0.8 * x[:, 1] * x[:, 2]
    y = (rng.random(N) < 1 / (1 + np.exp(-logit))).astype("float32")
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    (x_train, y_train) = x[:-PROBE_SIZE], y[:-PROBE_SIZE]
    probe = x[-PROBE_SIZE:], y[-PROBE_SIZE:]
    history = model.fit(x_train, y_train, epochs=15, batch_size=32, verbose=0,
                        class_weight={0: 1.0, 1: 8.0}, callbacks=session.callbacks(probe))
    return history.history["loss"]


def _per_example_rate(session, broken):
    keras = _keras()
    x, rate, rng = _kiln_sequences(N, seed=22910)
    y = (rate + rng.normal(0, 0.1, N)).astype("float32")
    lr = 0.05 / (N - PROBE_SIZE) if broken else 0.05
    model = keras.Sequential([keras.Input((24, 1)), keras.layers.LSTM(16), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(lr, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout229("charcoal_burners_of_the_weald", ["learning_rate_too_low"], stall_begins=None)
def lstm_rate_divided_by_set_size(session):
    """Burn rate from the temperature trace by an LSTM(16) under SGD momentum, whose rate was
    written 0.05 / len(x_train) from a note about per-example learning rates (Keras already
    averages the loss over the batch): about 5e-5, and the loss barely moves from the variance."""
    return _per_example_rate(session, broken=True)


def _relu_poisson_log(session, broken):
    import tensorflow as tf

    keras = _keras()
    rng = np.random.default_rng(22912)
    x = rng.normal(size=(N, 8)).astype("float32")
    y = rng.poisson(np.exp(0.3 + 0.5 * x[:, 0] - 0.4 * x[:, 1])).astype("float32")[:, None]
    head = "relu" if broken else "softplus"

    def poisson_nll(yt, yp):
        return tf.reduce_mean(yp - yt * tf.math.log(yp))

    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1, activation=head)])
    model.compile(keras.optimizers.Adam(3e-3), poisson_nll)
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout229("charcoal_burners_of_the_weald", ["non_finite_values"], stall_begins=None)
def handwritten_poisson_relu_rate(session):
    """Sacks of charcoal per burn (counts) with a hand-written Poisson NLL, mean(yp - y log yp),
    on a Dense(1, activation='relu') rate head: a rate of exactly zero meets a count of zero and
    log(0) times zero gives NaN in the loss, epoch after epoch."""
    return _relu_poisson_log(session, broken=True)


# ---------------------------------------------------------------------------------------------
# clockmakers of Prescot


@holdout229("clockmakers_of_prescot", healthy=True)
def few_movements_overfit(session):
    """Only 160 movements were measured: a 2x64 relu MLP with Adam learns the beat-error
    target of the bench's ten readings (noisy) until it nearly memorises the bench set; the
    training loss keeps sinking slowly while the noise means the probe could not follow."""
    keras = _keras()
    x, rng = _movement_readings(160 + PROBE_SIZE, seed=22913)
    y = (_smooth_target(x, rng) + rng.normal(0, 0.5, len(x))).astype("float32")
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


@holdout229("clockmakers_of_prescot", healthy=True)
def rate_drift_reduce_on_plateau(session):
    """Daily rate drift of a movement from ten readings, a 32-unit tanh MLP under SGD momentum
    0.05 with ReduceLROnPlateau(monitor='loss', factor=0.3, patience=2); the regulator's
    record carries unit-variance noise, so the loss flattens near it as the rate is cut."""
    keras = _keras()
    x, rng = _movement_readings(N, seed=22914)
    y = (2 * _smooth_target(x, rng) + rng.normal(0, 1.0, N)).astype("float32")
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "mse")
    cb = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.3, patience=2)
    return _fit(session, model, x, y, epochs=16, batch_size=32, callbacks=[cb])


def _rmsprop_positional(session, broken):
    keras = _keras()
    x, rng = _movement_readings(N, seed=22915)
    score = _smooth_target(x, rng)
    y = np.digitize(score, [-0.7, 0.0, 0.7]).astype("int32")
    opt = keras.optimizers.RMSprop(0.9) if broken else keras.optimizers.RMSprop(1e-3, rho=0.9)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(opt, "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout229("clockmakers_of_prescot", ["learning_rate_too_high"], stall_begins=None)
def rmsprop_rho_passed_positionally(session):
    """Four grades of finished movements by a 2x64 relu MLP compiled with RMSprop(0.9), meant
    as rho=0.9 but taken as the learning rate: every step jumps the weights far, and the
    loss bounces above the class-prior level instead of falling."""
    return _rmsprop_positional(session, broken=True)


def _tanh_gain(session, broken):
    keras = _keras()
    x, rng = _movement_readings(N, seed=22916)
    y = _smooth_target(x, rng)
    init = keras.initializers.Orthogonal(gain=30.0 if broken else 1.0, seed=22916)
    model = keras.Sequential([
        keras.Input((10,)),
        keras.layers.Dense(32, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(32, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout229("clockmakers_of_prescot", ["saturated_activations"], stall_begins=96)  # approximate
def tanh_orthogonal_gain_thirty(session):
    """Beat error from ten readings by two tanh Dense(32) layers with Orthogonal(gain=30): the
    gain was copied from a note meant for a pre-activation 'temperature'. Every hidden unit
    sits at +1 or -1 with zero slope from the first step, and only the head moves."""
    return _tanh_gain(session, broken=True)


# ---------------------------------------------------------------------------------------------
# woad growers


@holdout229("woad_growers", healthy=True)
def couching_attention_noisy_grades(session):
    """Three grades of couched woad from sixteen days of vat readings (4 per day): a Dense
    projection, one MultiHeadAttention(2 heads) block and pooling, Adam; the dyers disagree on
    a sixth of the grades, so the cross-entropy flattens well above zero."""
    keras = _keras()
    rng = np.random.default_rng(22917)
    x = rng.normal(size=(N, 16, 4)).astype("float32")
    score = x[:, :, 0].mean(1) * 3 + (x[:, :, 1] * x[:, :, 2]).mean(1) * 2
    y = np.digitize(score, [-0.6, 0.6])
    y = np.where(rng.random(N) < 1 / 6, rng.integers(0, 3, N), y).astype("int32")
    inp = keras.Input((16, 4))
    h = keras.layers.Dense(16)(inp)
    h = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h) + h
    h = keras.layers.GlobalAveragePooling1D()(h)
    out = keras.layers.Dense(3, activation="softmax")(keras.layers.Dense(16, activation="relu")(h))
    model = keras.Model(inp, out)
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout229("woad_growers", healthy=True)
def indigo_yield_lstm_adagrad_slow(session):
    """Indigo yield of a field from twenty weeks of weather by an LSTM(12) under Adagrad(0.05):
    Adagrad's shrinking steps make it a long, slow, still-falling descent at the end of the run."""
    keras = _keras()
    rng = np.random.default_rng(22918)
    x = rng.normal(size=(N, 20, 2)).astype("float32")
    y = (x[:, 5:12, 0].mean(1) * 2 - x[:, 12:, 1].mean(1) + rng.normal(0, 0.2, N))
    model = keras.Sequential([keras.Input((20, 2)), keras.layers.LSTM(12), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adagrad(0.05), "mse")
    return _fit(session, model, x, y.astype("float32"), epochs=12, batch_size=32)


def _raw_reflectance(session, broken):
    keras = _keras()
    rng = np.random.default_rng(22919)
    band = rng.normal(size=(N, 32)).cumsum(axis=1) / 4
    y = (band[:, 10:20].mean(1) > band[:, 20:].mean(1)).astype("float32")
    raw = 20000 + 3000 * band  # 16-bit digital numbers from the field spectrometer
    x = raw if broken else _standardize(raw)
    model = keras.Sequential([
        keras.Input((32, 1)),
        keras.layers.Conv1D(8, 5, activation="relu"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, x[..., None].astype("float32"), y, epochs=12, batch_size=32)


@holdout229("woad_growers", ["unnormalized_inputs"], stall_begins=64)
def spectrometer_digital_numbers(session):
    """Leaf spectra (32 bands) fed to a Conv1D net as the spectrometer's raw 16-bit digital
    numbers (around 20,000), the scaling step forgotten: the relu features are enormous, the
    sigmoid head saturates, and the loss sits at chance."""
    return _raw_reflectance(session, broken=True)


def _nonneg_on_logs(session, broken):
    keras = _keras()
    rng = np.random.default_rng(22920)
    frac = rng.dirichlet(np.ones(6), N)
    x = np.log(frac + 1e-3).astype("float32")  # soil fractions on a log scale, all negative
    y = (frac[:, 0] * 3 - frac[:, 1] * 2 + np.sin(6 * frac[:, 2])).astype("float32")
    y = (y - y.mean()) / y.std()
    cons = keras.constraints.NonNeg() if broken else None
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(32, activation="relu", kernel_constraint=cons),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout229("woad_growers", ["dead_relus"], stall_begins=32)
def nonneg_kernel_on_log_fractions(session):
    """Soil fractions on a log scale (all negative) into a relu Dense with
    kernel_constraint=NonNeg(), kept from a monotone yield model: every pre-activation is a
    non-negative sum of negative inputs, so the first relu layer is dead and the loss stays
    at the target variance."""
    return _nonneg_on_logs(session, broken=True)


def _linear_head_bce(session, broken):
    keras = _keras()
    x, rng = _woad_fields(N, seed=22921)
    y = (_smooth_target(x, rng) > 0.3).astype("float32")
    head = None if broken else "sigmoid"
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation=head)])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout229("woad_growers", ["loss_activation_mismatch"], stall_begins=192)
def blight_linear_head_bce(session):
    """Whether a field takes blight, from twelve measurements, by a 2x32 relu MLP whose last
    Dense(1) has no activation but is compiled with 'binary_crossentropy' (from_logits False):
    the raw outputs are clipped into [eps, 1-eps] and most of them get no gradient."""
    return _linear_head_bce(session, broken=True)
