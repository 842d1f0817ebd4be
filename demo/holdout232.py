"""The two-hundred-and-thirty-second held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

The healthy half (twelve runs) are correct trainings whose loss flattens far above zero or
in unusual ways because of the data or the schedule. The cutlers grade blades from steel
measurements with a quarter of the grades mislabelled (the loss floors at the noise), regress
edge life under heavy-tailed heteroscedastic noise with the Huber loss, and grade blades with
SGD on a PiecewiseConstantDecay schedule (stepwise drops). The shipwrights forecast speed
through the water from a passage log with a GRU, with an LSTM under ReduceLROnPlateau, and
with a Conv1D model fitting the 90th percentile (pinball loss) in a custom GradientTape loop.
The ochre miners classify seams in noisy core sections with a small CNN and 20% wrong labels,
fit Poisson nodule counts, and overfit a 96-pit assay. The pewterers detect forged touch-marks
with a rare positive class and class_weight, with a small self-attention block, and with a
custom loop under warm-up-then-cosine decay.

The broken half holds one run per cause that stalled when checked against the same model
without the mistake: Adam with an SGD learning rate of 0.5 (learning_rate_too_high), raw
workshop units of scale 1e2..8e4 (unnormalized_inputs), L2(0.5) on every layer
(over_regularization), a relu SimpleRNN with recurrent gain 3 under clipnorm, whose loss sits
at a huge constant value (exploding_gradients), a GRU with one unit (insufficient_capacity,
which still creeps down slowly at the end), conv biases of -6 (dead_relus), zero kernels
(poor_initialization) and SGD at 1e-5 (learning_rate_too_low).

Dropped because they did not behave as intended: a SimpleRNN asked to remember the first of
60 steps (vanishing_gradients) learned something while the LSTM fix did not; a Dense(1,
softmax) head with binary cross-entropy (loss_activation_mismatch) still learned under Keras
3; a tanh MLP with RandomNormal(stddev=4) (saturated_activations) kept improving slowly
(tried with SGD and Adam); and a log(0) feature (non_finite_values) stalled the run without
a NaN or Inf ever reaching the reported loss. So the catalogue has 20 runs, not 24.

Labelling: healthy runs carry no causes; each broken run's first (only) cause is the root
cause it was built around. Every broken run is labelled stall_begins=None (from the start):
each was flat, at chance or at a blown-up constant, from the first or second epoch; for
adam_half_rate, raw_workshop_units and weight_decay_half the first epoch is a short collapse
from a huge initial loss to the stuck level, and for one_unit_gru the flattening is gradual,
so those four are approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('cutlers_of_sheffield', 'shipwrights_of_bristol', 'ochre_miners', 'pewterers_of_london')

REGISTRY = []
holdout232 = registrar(REGISTRY)

N = 768 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data


def _blades(n, seed, noise=0.0):
    """A cutler's grading of a blade (0 reject, 1 seconds, 2 firsts) from eight measured
    properties of the steel; `noise` is the share of grades the inspector got wrong."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 8)).astype("float32")
    score = np.sin(x[:, 0]) + x[:, 1] * x[:, 2] + 0.5 * x[:, 3] - 0.4 * x[:, 4] ** 2
    y = np.digitize(score, np.quantile(score, [1 / 3, 2 / 3])).astype("int32")
    flip = rng.random(n) < noise
    y[flip] = rng.integers(0, 3, flip.sum())
    return x, y


def _edge_life(n, seed):
    """Hours a blade keeps its edge, in standardized units, from hardness, carbon and temper;
    noisier for the harder blades (heteroscedastic, with heavy tails)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 6)).astype("float32")
    mean = np.tanh(x[:, 0]) + 0.6 * x[:, 1] - 0.3 * x[:, 2] * x[:, 3]
    scale = 0.2 + 0.3 * np.abs(x[:, 0])
    y = mean + scale * rng.standard_t(3, size=n)
    return x, y.astype("float32")[:, None]


def _hull_log(n, seed, length=24):
    """A ship's daily log over `length` days (wind, swell, heading, load); the target is the
    speed through the water on the last day, which depends on the whole passage."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, length, 4)).astype("float32")
    w = 0.85 ** np.arange(length)[::-1]
    y = (x[:, :, 0] * w).sum(1) * 0.3 - 0.4 * (x[:, :, 1] * w).sum(1) * 0.3 + 0.5 * x[:, -1, 2]
    y = y + 0.3 * rng.normal(size=n)
    return x, y.astype("float32")[:, None]


def _seams(n, seed, noise=0.0):
    """An 10x10 core section from an ochre pit: classify the seam (none, horizontal, vertical,
    diagonal band) under speckle noise; `noise` is the share of mislabelled cores."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, n).astype("int32")
    x = rng.normal(0, 0.6, size=(n, 10, 10, 1)).astype("float32")
    for i in range(n):
        p = rng.integers(2, 8)
        if y[i] == 1:
            x[i, p, :, 0] += 1.5
        elif y[i] == 2:
            x[i, :, p, 0] += 1.5
        elif y[i] == 3:
            x[i, np.arange(10), np.arange(10), 0] += 1.5
    flip = rng.random(n) < noise
    y[flip] = rng.integers(0, 4, flip.sum())
    return x, y


def _assay(n, seed):
    """Iron-oxide grade of a pit from six survey measurements; target standardized."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 6)).astype("float32")
    y = np.sin(1.5 * x[:, 0]) * x[:, 1] + np.abs(x[:, 2]) - 0.5 * x[:, 3] * x[:, 4]
    y = y + 0.1 * rng.normal(size=n)
    y = (y - y.mean()) / y.std()
    return x, y.astype("float32")[:, None]


def _marks(n, seed, length=12, vocab=40, rare=0.5):
    """A pewterer's touch-marks read off a piece as a sequence of tokens; the piece is a
    forgery (1) when a guild mark (token 3) follows a date mark (token 7) somewhere."""
    rng = np.random.default_rng(seed)
    x = rng.integers(8, vocab, size=(n, length)).astype("int32")
    y = (rng.random(n) < rare).astype("int32")
    for i in range(n):
        p = rng.integers(0, length - 1)
        if y[i]:
            x[i, p], x[i, p + 1] = 7, 3
        else:
            x[i, p] = rng.choice([3, 7])
    return x, y


# ---------------------------------------------------------------------------------------------
# cutlers_of_sheffield


@holdout232("cutlers_of_sheffield", healthy=True)
def noisy_inspector_grades(session):
    """Blade grading from eight steel measurements, a 2x64 relu MLP with Adam 1e-3, where a
    quarter of the training grades were written down wrongly by the inspector: the loss
    flattens well above zero at the floor the label noise sets."""
    keras = _keras()
    x, y = _blades(N, seed=23201, noise=0.25)
    model = _mlp(keras, 8, [64, 64], 3)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=25, batch_size=32)


@holdout232("cutlers_of_sheffield", healthy=True)
def edge_life_huber(session):
    """Edge-life regression with heavy-tailed, heteroscedastic noise, a 2x32 relu MLP trained
    with the Huber loss and Adam 1e-3: it flattens at the noise floor, not at zero."""
    keras = _keras()
    x, y = _edge_life(N, seed=23202)
    model = _mlp(keras, 6, [32, 32], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), keras.losses.Huber(1.0))
    return _fit(session, model, x, y, epochs=25, batch_size=32)


@holdout232("cutlers_of_sheffield", healthy=True)
def grades_piecewise_decay(session):
    """Blade grading with 10% label noise, SGD with momentum 0.9 on a PiecewiseConstantDecay
    schedule (0.05, then 0.01 after step 240, then 0.002 after step 480): the loss drops in
    steps at each decay and settles at the label-noise floor."""
    keras = _keras()
    x, y = _blades(N, seed=23203, noise=0.1)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([240, 480], [0.05, 0.01, 0.002])
    model = _mlp(keras, 8, [64, 64], 3)
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=30, batch_size=32)


def _lr_high(session, broken):
    keras = _keras()
    x, y = _blades(N, seed=23204, noise=0.05)
    model = _mlp(keras, 8, [64, 64], 3)
    lr = 0.5 if broken else 1e-3
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout232("cutlers_of_sheffield", ["learning_rate_too_high"], stall_begins=None)
def adam_half_rate(session):
    """Blade grading, 2x64 relu MLP, Adam with learning_rate=0.5 (an SGD value pasted into an
    Adam recipe): the first steps throw the weights far off, the relus mostly die or blow up,
    and the loss bounces around chance level from the start."""
    return _lr_high(session, True)


def _raw_units(session, broken):
    keras = _keras()
    x, y = _blades(N, seed=23205, noise=0.05)
    scale = np.array([1e3, 5e4, 2e2, 1e4, 3e3, 8e4, 1e2, 6e4], dtype="float32")
    raw = x * scale + scale * 4
    model = _mlp(keras, 8, [64, 64], 3)
    model.compile(keras.optimizers.SGD(1e-2, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, raw if broken else _standardize(raw), y, epochs=20, batch_size=32)


@holdout232("cutlers_of_sheffield", ["unnormalized_inputs"], stall_begins=None)
def raw_workshop_units(session):
    """Blade grading from the workshop's raw readings (tensile strength in psi, hardness in
    Vickers, carbon in ppm: columns of scale 1e2..8e4 with large offsets) fed straight to a
    relu MLP with SGD+momentum 0.01; the fix is one standardization line."""
    return _raw_units(session, True)


def _l2(session, broken):
    keras = _keras()
    x, y = _blades(N, seed=23206, noise=0.05)
    reg = keras.regularizers.L2(0.5 if broken else 1e-4)
    model = _mlp(keras, 8, [64, 64], 3, kernel_regularizer=reg)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout232("cutlers_of_sheffield", ["over_regularization"], stall_begins=None)
def weight_decay_half(session):
    """Blade grading, 2x64 relu MLP whose Dense layers carry L2(0.5) (a weight-decay value
    copied from a recipe that meant AdamW's decoupled decay): the penalty pins the weights near
    zero and the loss sits near chance."""
    return _l2(session, True)


# ---------------------------------------------------------------------------------------------
# shipwrights_of_bristol


@holdout232("shipwrights_of_bristol", healthy=True)
def passage_gru(session):
    """Speed through the water from a 24-day log, a GRU(32) with Adam 2e-3 and MSE: the target
    has irreducible sea-state noise, so the loss flattens near its variance."""
    keras = _keras()
    x, y = _hull_log(N, seed=23207)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(32),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout232("shipwrights_of_bristol", healthy=True)
def passage_lstm_reduce_on_plateau(session):
    """The same passage log with an LSTM(24), Adam 3e-3 and ReduceLROnPlateau on the training
    loss (factor 0.3, patience 2): the rate is cut when progress slows and the loss settles at
    the noise floor."""
    keras = _keras()
    x, y = _hull_log(N, seed=23208)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    cut = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=2, verbose=0)
    return _fit(session, model, x, y, epochs=18, batch_size=32, callbacks=[cut])


@holdout232("shipwrights_of_bristol", healthy=True)
def passage_quantile_loop(session):
    """A custom GradientTape loop fitting the 90th percentile of passage speed (pinball loss)
    with a Conv1D+pooling model and Adam 2e-3: the pinball loss flattens well above zero, as a
    quantile loss on noisy targets must."""
    keras = _keras()
    import tensorflow as tf

    x, y = _hull_log(N, seed=23209)

    def pinball(t, p):
        e = t - p
        return tf.reduce_mean(tf.maximum(0.9 * e, -0.1 * e))

    model = keras.Sequential([keras.Input(x.shape[1:]),
                              keras.layers.Conv1D(16, 5, activation="relu"),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), pinball, x, y, epochs=20,
                        batch_size=32, seed=23209, loss_description="pinball(0.9)")


def _exploding(session, broken):
    keras = _keras()
    x, y = _hull_log(N, seed=23211, length=30)
    gain = 3.0 if broken else 1.0
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.SimpleRNN(32, activation="relu", recurrent_initializer=keras.initializers
                               .Orthogonal(gain=gain, seed=23211)),
        keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(1e-3, clipnorm=1.0), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout232("shipwrights_of_bristol", ["exploding_gradients"], stall_begins=None)
def relu_rnn_gain_three(session):
    """Passage speed from a 30-day log with a relu SimpleRNN whose recurrent matrix was
    initialized orthogonal with gain 3 (a typo for 1.0), SGD 1e-3 with clipnorm=1: the state
    grows threefold per day, gradients are enormous, clipping turns every step into a tiny
    move along a useless direction and the loss does not come down."""
    return _exploding(session, True)


def _capacity(session, broken):
    keras = _keras()
    x, y = _hull_log(N, seed=23212)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(1 if broken else 24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout232("shipwrights_of_bristol", ["insufficient_capacity"], stall_begins=None)
def one_unit_gru(session):
    """Passage speed from the 24-day log with GRU(units=1) (the author meant one output and put
    it in the wrong layer): one number of state cannot carry wind, swell and heading at once,
    and the loss flattens far above what GRU(24) reaches."""
    return _capacity(session, True)


# ---------------------------------------------------------------------------------------------
# ochre_miners


def _seam_cnn(keras, **conv_kw):
    return keras.Sequential([
        keras.Input((10, 10, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", **conv_kw),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", **conv_kw),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(4, activation="softmax")])


@holdout232("ochre_miners", healthy=True)
def mislabelled_cores(session):
    """Seam classification from 10x10 core sections with a small CNN and Adam 2e-3, where 20%
    of the cores were logged under the wrong seam: the loss flattens at the noise floor."""
    keras = _keras()
    x, y = _seams(N, seed=23213, noise=0.2)
    model = _seam_cnn(keras)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout232("ochre_miners", healthy=True)
def nodule_counts_poisson(session):
    """Count of ochre nodules per sample bag (Poisson, mean from the survey measurements), a
    2x32 relu MLP with exponential output and Poisson loss, Adam 2e-3: the loss floors at the
    Poisson noise's entropy, far from zero."""
    keras = _keras()
    rng = np.random.default_rng(23214)
    x = rng.normal(size=(N, 6)).astype("float32")
    rate = np.exp(0.5 + 0.6 * np.tanh(x[:, 0]) + 0.4 * x[:, 1] * x[:, 2].clip(-1, 1))
    y = rng.poisson(rate).astype("float32")[:, None]
    model = _mlp(keras, 6, [32, 32], 1, out_activation="exponential")
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout232("ochre_miners", healthy=True)
def few_pits_overfit(session):
    """Assay grade from only 96 surveyed pits, a 2x64 relu MLP with Adam 3e-3, batch 16: the
    training loss keeps sinking slowly as the net memorizes the handful of pits."""
    keras = _keras()
    x, y = _assay(96 + PROBE_SIZE, seed=23215)
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


def _dead(session, broken):
    keras = _keras()
    x, y = _seams(N, seed=23216)
    kw = {"bias_initializer": keras.initializers.Constant(-6.0)} if broken else {}
    model = _seam_cnn(keras, **kw)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout232("ochre_miners", ["dead_relus"], stall_begins=None)
def cores_negative_conv_bias(session):
    """Seam classification with a CNN whose conv biases were initialized to -6 (meant as a
    sparse-activation trick): the relu filters output zero on every core, nothing flows back
    and the loss stays at log 4."""
    return _dead(session, True)


def _zero_init(session, broken):
    keras = _keras()
    x, y = _assay(N, seed=23217)
    init = "zeros" if broken else "glorot_uniform"
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None, kernel_initializer=init)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout232("ochre_miners", ["poor_initialization"], stall_begins=None)
def assay_zero_kernels(session):
    """Assay-grade regression, 2x64 relu MLP built with kernel_initializer='zeros' (copied from
    a linear-model snippet): every hidden unit starts identical and gets no gradient, so only
    the output bias learns the mean and the loss stays at the target's variance."""
    return _zero_init(session, True)


# ---------------------------------------------------------------------------------------------
# pewterers_of_london


def _mark_model(keras, pool="max"):
    pooling = (keras.layers.GlobalMaxPooling1D() if pool == "max"
               else keras.layers.GlobalAveragePooling1D())
    return keras.Sequential([
        keras.Input((12,), dtype="int32"), keras.layers.Embedding(40, 16),
        keras.layers.Conv1D(32, 2, activation="relu"), pooling,
        keras.layers.Dense(1, activation="sigmoid")])


@holdout232("pewterers_of_london", healthy=True)
def rare_forgeries_weighted(session):
    """Forgery detection from touch-mark sequences where only 8% of pieces are forgeries;
    embedding, Conv1D over mark pairs, max pooling, Adam 2e-3 with class_weight {0: 1, 1: 6}:
    the weighted loss comes down and flattens once the pair pattern is found."""
    keras = _keras()
    x, y = _marks(N, seed=23219, rare=0.08)
    model = _mark_model(keras)
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    (xt, yt), probe = (x[:-PROBE_SIZE], y[:-PROBE_SIZE]), (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(xt, yt, epochs=15, batch_size=32, verbose=0,
                        class_weight={0: 1.0, 1: 6.0}, callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout232("pewterers_of_london", healthy=True)
def marks_attention(session):
    """Forgery detection with a self-attention block (embedding + positions, 2-head
    MultiHeadAttention, average pooling), Adam 1e-3: a plateau near log 2 while the heads find
    the date-then-guild pair, then a drop to a low loss."""
    keras = _keras()
    x, y = _marks(N, seed=23220)
    inp = keras.Input((12,), dtype="int32")
    h = keras.layers.Embedding(40, 16)(inp)
    pos = keras.layers.Embedding(12, 16)(keras.ops.arange(12))
    h = h + pos
    h = h + keras.layers.MultiHeadAttention(2, 8)(h, h)
    h = keras.layers.Dense(32, activation="relu")(h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    model = keras.Model(inp, keras.layers.Dense(1, activation="sigmoid")(h))
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout232("pewterers_of_london", healthy=True)
def marks_warmup_cosine_loop(session):
    """A custom GradientTape loop on the touch-mark model with Adam under warm-up then cosine
    decay (CosineDecay, 40 warm-up steps to 3e-3, decaying to zero at the end): slow start,
    fast fall, and a flat tail as the rate goes to zero."""
    keras = _keras()
    x, y = _marks(N, seed=23221)
    x = x.astype("float32")
    steps = 20 * ((N - PROBE_SIZE) // 32)
    schedule = keras.optimizers.schedules.CosineDecay(0.0, steps - 40, warmup_target=3e-3,
                                                      warmup_steps=40)
    inp = keras.Input((12,))
    h = keras.layers.Embedding(40, 16)(inp)
    h = keras.layers.Conv1D(32, 2, activation="relu")(h)
    h = keras.layers.GlobalMaxPooling1D()(h)
    model = keras.Model(inp, keras.layers.Dense(1, activation="sigmoid")(h))
    return _custom_loop(session, model, keras.optimizers.Adam(schedule),
                        keras.losses.BinaryCrossentropy(), x, y[:, None].astype("float32"),
                        epochs=20, batch_size=32, seed=23221)


def _lr_low(session, broken):
    keras = _keras()
    x, y = _marks(N, seed=23222)
    model = _mark_model(keras)
    model.compile(keras.optimizers.SGD(1e-5 if broken else 0.1, momentum=0.9),
                  "binary_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout232("pewterers_of_london", ["learning_rate_too_low"], stall_begins=None)
def sgd_rate_units_slip(session):
    """Touch-mark forgery model trained with SGD(1e-5, momentum 0.9): the rate was meant as
    1e-1 and lost four decimal places; the loss creeps down invisibly at log 2."""
    return _lr_low(session, True)
