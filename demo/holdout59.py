"""The fifty-ninth held-out catalogue: written by someone who did not read the engine or run the
diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History and the per-step loss, in a throwaway script with the runner's seed), and
every broken one against the same model trained without its mistake (each helper
`_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Sailmakers: a bolt of sailcloth's grade from
twelve loom measurements by an MLP under Adam, a fifth of the grades wrong (a steady descent
from ln 5, still going at the end and far above zero); the next gust's peak strain from 24
readings of two gauges by a GRU, the gauge noise growing with the strain (down to a floor well
above zero); which gust motif the gauges carry by a Conv1D net with global max pooling, 15% of
the calls wrong, RMSprop under ReduceLROnPlateau on the training loss (a fast fall, then a
slow descent as the rate is cut). Tentmakers: torn canvas patches one in ten, no class
weights, by a Conv2D net; a guy-line's peak load from ten site features and the soil type (an
Embedding), two inputs, Huber loss against Student-t gusts; the 0.8 quantile of that load by
an MLP in a hand-written GradientTape loop under the pinball loss (flat far above zero).
Broommakers: a broom's grade from only 256 logged brooms by an MLP 128-128 that memorises the
log over 50 short epochs; a sweep score from ten unordered tufts by a MultiHeadAttention block
under SGD with momentum and a warm-up then cosine decay; returned brooms per batch (Poisson
counts) by an exponential-output MLP under keras's Poisson loss (its floor is not zero).
Basketmakers: a weave pattern from 20 stitch tokens by an Embedding and an LSTM, Adam halved
every three epochs by a LearningRateScheduler, a tenth of the labels wrong; a basket rim's
strain motif by a Conv1D net under plain SGD 0.01 (a long, slow descent still going at the
end); the weave pattern by a mean-pooled Embedding in a hand-written RMSprop loop, a fifth of
the labels wrong (levelling near the wrong labels' floor).

The broken half, one root cause each: the linear scaling rule copied as lr = 0.1 x batch with
the / 256 dropped, SGD with momentum at 6.4 on a Conv1D net (learning rate too high: it bounces
at ~2-2.8, above ln 4); ReduceLROnPlateau(min_delta=0.5, patience=0) with the 0.5 meant as half
a percent, so the rate is cut tenfold every epoch (learning rate too low); eight stacked
Conv1D layers with activation='sigmoid' ported from an old model (vanishing gradients); an
'IRNN' (relu SimpleRNN, Identity recurrent initializer) with the gain raised to 1.1 under plain
SGD without clipping, whose first updates blow the weights up to ~1e8 (exploding gradients,
with dead ReLUs: after training 30 of its 32 recurrent units output zero on every probe
example); the residual nets' zero-init BN gamma applied to every BatchNormalization of a plain
Conv2D-BN-ReLU net (dead ReLUs: every ReLU input is exactly zero); an LSTM recipe's
'start the gates open' bias_initializer=Constant(4.0) on the tanh layers of an MLP (saturated
activations); keras Normalization(invert=True) read as 'apply the transform' on a raw export
in counts, mm, g and fractions, before tanh layers (unnormalised inputs, with every first-layer
tanh unit at +-1); a sigmoid head 'because it is a proportion' regressing targets in percent
under mean squared error (loss/activation mismatch); hidden Dense layers written without an
activation, so the MLP is one linear map (insufficient capacity); CategoricalCrossentropy(
label_smoothing=0.9) meant as 'be 90% sure', so the targets are nearly uniform
(over-regularisation); kernel_initializer='ones' on the hidden layers of a relu MLP, every unit
an exact copy of the others (poor initialisation); a log stored as float16 'to halve the
memory', where pressures above 65504 Pa overflow to inf (non-finite values). Against the fixed
variants at the end: ~2.3 against 0.135, 1.406 against 0.81, 1.397 against ~0.07, 1.38 against
~0.69, 0.693 against 0.031, 1.615 against 1.317, ~1.03 against 0.52, ~4870 against ~115, 1.391
against 0.68, 1.372 against 0.350 (label smoothing 0.1), ~2.5 against 0.96, ~1.02 against 0.089.

Dropped or replaced because they did not behave as intended: the IRNN at gain 1.5 under Adam
(1.1e4 -> ~850, still falling) and at gain 1.5 with clipnorm under Adam or SGD (still falling);
RandomUniform(-1, 1) kernels on tanh layers for saturated activations (they trained better than
Glorot, ~0.44 against ~1.26, and ~0.025 at three layers of 256; sigmoid layers ~0.93 and still
falling); Normalization(invert=True) before relu layers (3.5e9 -> 1.7e6, still falling by a
sixth an epoch, also under Adam 1e-2; tanh layers kept); Conv1D(3, 64) for 'width 3, 64
filters' on a motif task, and with 2 or 1 filters (~0.49, ~0.85 and ~1.09, all still falling;
the forgotten hidden activation kept); RandomNormal(0.1) read as a standard deviation, the mean
0.1 (~1.556, still creeping down ~0.01 an epoch; six layers at 0.1 and four at 0.3 bounced and
kept falling; the 'ones' kernels kept). The sigmoid Conv1D stack was first written at SGD 0.05,
where the relu fix blew up after three epochs; both were set to 0.02. Two healthy runs were
adjusted before their labels were set: the noisy-grade MLP at Adam 3e-3 for 24 epochs went
below the wrong grades' floor (memorising); the ReduceLROnPlateau motif run without wrong
calls went straight to ~0.013, with no plateau for the callback to act on. In the float16 run
the loss does not turn NaN: the first layer's weights do, and (with oneDNN) the NaN ReLU
outputs come out as zero, so the net predicts a constant and the loss stays finite at ~1.02.

With the runner's seed, `fit` visits the examples in the same order every epoch, so several
runs show a sawtooth within each epoch. Labels follow `scenarios.py`: `expected_causes[0]` is
the root cause the scenario was built around, a second cause only where that symptom is
genuinely present too (the IRNN's dead recurrent units, measured on the probe; the inverted
normalisation's saturated tanh units, whose inputs are ~1e6 times Glorot weights);
`stall_begins` is the optimizer step from which the loss stops improving (None: from the
start), exact where an event of the scenario causes it (the first inf reading, in date order,
at step 20), otherwise read off the per-step loss and marked approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("sailmakers", "tentmakers", "broommakers", "basketmakers")

REGISTRY = []

holdout59 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


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


def cloth_grades(n, seed, features=12, classes=5, flip=0.0):
    """A bolt of sailcloth's grade (5) from twelve loom and finish measurements: the grade is
    set by a few nonlinear interactions (a weave score, a tension-humidity product, a ring of
    good finish); a fraction `flip` of the labels are the inspector's wrong calls."""
    r = _rng(seed)
    x = r.normal(size=(n, features)).astype("float32")
    score = (np.tanh(x[:, 0] + x[:, 1]) + 0.8 * x[:, 2] * x[:, 3] - 0.6 * (x[:, 4] ** 2 - 1)
             + 0.5 * np.sin(2 * x[:, 5]) + 0.4 * x[:, 6])
    edges = np.quantile(score, np.linspace(0, 1, classes + 1)[1:-1])
    y = np.digitize(score, edges)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, classes, n)) % classes, y)
    return x, y.astype("int64")


def wind_series(n, seed, length=32, channels=2, flip=0.0):
    """Readings of a sail's strain gauges over 32 gusts; the class (4) is which motif the
    gusts carry (a steady luff, a flog, a slow build, a sharp knock) at a random place,
    under noise; a fraction `flip` of the labels are the rigger's wrong calls."""
    r = _rng(seed)
    y = r.integers(0, 4, n)
    x = 0.4 * r.normal(size=(n, length, channels))
    t = np.arange(8)
    motifs = [np.sin(np.pi * t / 7), np.sign(np.sin(2.2 * t)), t / 7.0, -np.exp(-t)]
    for k in range(n):
        at = r.integers(0, length - 8)
        x[k, at:at + 8, 0] += 1.5 * motifs[y[k]]
        x[k, at:at + 8, 1] += 0.8 * motifs[(y[k] + 1) % 4]
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 4, n)) % 4, y)
    return x.astype("float32"), y.astype("int64")


def canvas_patches(n, seed, size=12, weights=(0.5, 0.5)):
    """12 x 12 grey patches of a tent canvas under a lamp: class 1 has a tear (a short bright
    line at a random place and angle), class 0 only the weave and the grain."""
    r = _rng(seed)
    p = np.asarray(weights, dtype=float)
    y = r.choice(len(p), n, p=p / p.sum())
    x = 0.3 * r.normal(size=(n, size, size, 1))
    ii, jj = np.mgrid[0:size, 0:size]
    x[..., 0] += 0.2 * np.sin(ii[None] * 1.3)
    for k in range(n):
        if y[k] == 1:
            i0, j0 = r.integers(2, size - 2, 2)
            a = r.uniform(0, np.pi)
            for s in range(-2, 3):
                i = int(round(i0 + s * np.sin(a)))
                j = int(round(j0 + s * np.cos(a)))
                x[k, i, j, 0] += 1.2
    return x.astype("float32"), y.astype("int64")


def guy_loads(n, seed, features=10):
    """A tent guy-line's peak load (standardised) from ten site features, nonlinear, with
    Student-t (3 dof) gusts on top: a heavy-tailed, irreducible floor."""
    r = _rng(seed)
    x = r.normal(size=(n, features)).astype("float32")
    y = (np.sin(x[:, 0]) + 0.7 * x[:, 1] * x[:, 2] + 0.5 * np.abs(x[:, 3]) - 0.3 * x[:, 4]
         + 0.4 * r.standard_t(3, size=n))
    return x, _std(y)[:, None]


def bristle_partials(n, seed, length=10):
    """Ten tufts of a broom head (stiffness, length, angle) in no fixed order; the target
    is the sweep score (standardised): the mean of a per-tuft mark plus the stiffest tuft's
    angle, and the tester's scatter."""
    r = _rng(seed)
    x = r.normal(size=(n, length, 3)).astype("float32")
    stiff = x[np.arange(n), x[:, :, 0].argmax(axis=1), 2]
    y = 2.0 * np.tanh(x[:, :, 0] * x[:, :, 1] + x[:, :, 2]).mean(axis=1) + 0.5 * stiff
    y = y + 0.3 * r.normal(size=n)
    return x, _std(y)[:, None]


def broom_counts(n, seed, features=8):
    """Brooms returned per batch (Poisson counts, mean ~2) from eight workshop features."""
    r = _rng(seed)
    x = r.normal(size=(n, features)).astype("float32")
    rate = np.exp(0.5 + 0.5 * np.tanh(x[:, 0]) + 0.3 * x[:, 1] * x[:, 2] - 0.2 * x[:, 3] ** 2)
    return x, r.poisson(rate).astype("float32")[:, None]


def weave_tokens(n, seed, length=20, vocab=40, flip=0.0):
    """A basket's weave pattern as 20 stitch tokens; the class (4) is which pair of marker
    stitches occurs most, a fraction `flip` of the labels wrong."""
    r = _rng(seed)
    x = r.integers(4, vocab, size=(n, length))
    y = r.integers(0, 4, n)
    for k in range(n):
        pos = r.choice(length, 4, replace=False)
        x[k, pos] = y[k]
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 4, n)) % 4, y)
    return x.astype("int64"), y.astype("int64")


# sailmakers ----------------------------------------------------------------------------------


@holdout59("sailmakers", healthy=True)
def cloth_grade_noisy_inspector(session):
    """A bolt of sailcloth's grade (5) from twelve loom measurements by an MLP 64-64 relu
    under Adam 2e-3, a fifth of the inspector's grades wrong: from ln 5 a steady descent,
    still going at the end and far above zero."""
    keras = _keras()
    x, y = cloth_grades(N, seed=5901, flip=0.2)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(5, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout59("sailmakers", healthy=True)
def luff_strain_gru_gusty(session):
    """The next gust's peak strain on a sail (standardised) from 24 readings of two gauges by
    a GRU(24) under Adam 2e-3; the gauge noise grows with the strain (heteroscedastic), so
    the loss comes down to a floor well above zero and stays there."""
    keras = _keras()
    r = _rng(5902)
    x = np.cumsum(0.3 * r.normal(size=(N, 24, 2)), axis=1).astype("float32")
    mean = 0.8 * x[:, -1, 0] + 0.5 * np.tanh(x[:, -8:, 1].mean(axis=1)) - 0.3 * x[:, 0, 0]
    y = mean + (0.2 + 0.3 * np.abs(mean)) * r.normal(size=N)
    model = keras.Sequential([keras.Input((24, 2)), keras.layers.GRU(24),
                              keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, _std(y)[:, None], epochs=10, batch_size=32)


@holdout59("sailmakers", healthy=True)
def flog_motif_reduce_on_plateau(session):
    """Which gust motif a sail's strain gauges carry (4) by a Conv1D 16-32 relu net with
    global max pooling, 15% of the rigger's calls wrong, RMSprop 3e-3 under ReduceLROnPlateau
    on the training loss (factor 0.3, patience 1, min_delta 0.01): a fast fall in two epochs,
    then a slow descent as the rate is cut, levelling near the floor the wrong calls set."""
    keras = _keras()
    x, y = wind_series(N, seed=5903, flip=0.15)
    model = keras.Sequential([keras.Input((32, 2)),
                              keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
                              keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
                              keras.layers.GlobalMaxPooling1D(),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.RMSprop(3e-3), "sparse_categorical_crossentropy")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.3, patience=1,
                                                min_delta=1e-2, verbose=0)
    return _fit(session, model, x, y, epochs=14, batch_size=32, callbacks=[plateau])


def _scaled_rate(session, broken):
    keras = _keras()
    x, y = wind_series(N, seed=5904)
    batch = 64
    # The linear scaling rule: lr = 0.1 * batch / 256. The broken run drops the / 256.
    lr = 0.1 * batch if broken else 0.1 * batch / 256
    model = keras.Sequential([keras.Input((32, 2)),
                              keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
                              keras.layers.MaxPooling1D(2),
                              keras.layers.Conv1D(32, 3, activation="relu", padding="same"),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.SGD(lr, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=batch)


@holdout59("sailmakers", ["learning_rate_too_high"], stall_begins=None)
def gust_motif_linear_scaling_rule(session):
    """Which gust motif a sail's strain gauges carry (4) by a Conv1D 16-32 relu net, SGD with
    momentum 0.9 at batch 64, the rate set by the 'linear scaling rule' copied from a paper,
    lr = 0.1 x batch, with the / 256 of the base batch dropped: 6.4 instead of 0.025."""
    return _scaled_rate(session, True)


def _plateau_min_delta(session, broken):
    keras = _keras()
    x, y = cloth_grades(N, seed=5905)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(5, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.1, patience=0,
                                                min_delta=0.5 if broken else 1e-3, verbose=0)
    return _fit(session, model, x, y, epochs=14, batch_size=32, callbacks=[plateau])


# The rate is 1e-5 in the fourth epoch and lower after; flat at ~1.40 from about step 96:
# approximate.
@holdout59("sailmakers", ["learning_rate_too_low"], stall_begins=96)
def cloth_grade_plateau_min_delta(session):
    """A bolt's grade (5) from twelve loom measurements by an MLP 64-64 relu, Adam 1e-3,
    with ReduceLROnPlateau(monitor='loss', factor=0.1, patience=0, min_delta=0.5), the 0.5
    meant as 'half a percent': no epoch after the first improves the loss by 0.5, so the
    rate is cut tenfold after every epoch from the second on and is 1e-5 in the fourth."""
    return _plateau_min_delta(session, True)


def _sigmoid_convs(session, broken):
    keras = _keras()
    x, y = wind_series(N, seed=5906)
    act = "sigmoid" if broken else "relu"
    layers = [keras.Input((32, 2))]
    layers += [keras.layers.Conv1D(16, 3, activation=act, padding="same") for _ in range(8)]
    layers += [keras.layers.GlobalMaxPooling1D(), keras.layers.Dense(4, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout59("sailmakers", ["vanishing_gradients"], stall_begins=None)
def knock_sigmoid_conv_stack(session):
    """Which gust motif the gauges carry (4) by eight stacked Conv1D(16, 3) layers with
    activation='sigmoid', ported from an old Theano model, SGD 0.02 momentum 0.9: through
    eight sigmoid slopes of at most 1/4 the first layers receive almost nothing."""
    return _sigmoid_convs(session, True)


# tentmakers ----------------------------------------------------------------------------------


@holdout59("tentmakers", healthy=True)
def canvas_tear_rare_unweighted(session):
    """Whether a 12 x 12 canvas patch holds a tear, one patch in ten torn and no class
    weights, by a Conv2D 8-16 relu net with global max pooling under Adam 2e-3: from about
    the prior's ~0.33 it learns the tears steadily and ends far below the prior."""
    keras = _keras()
    x, y = canvas_patches(N, seed=5907, weights=(0.9, 0.1))
    model = keras.Sequential([keras.Input((12, 12, 1)),
                              keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
                              keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
                              keras.layers.GlobalMaxPooling2D(),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y.astype("float32")[:, None], epochs=10, batch_size=32)


@holdout59("tentmakers", healthy=True)
def guy_load_huber_two_inputs(session):
    """A guy-line's peak load from ten site features and the pitch's soil type (one of eight,
    an Embedding of 4), two inputs, Huber loss against Student-t gusts, Adam 2e-3: down
    from ~0.4 to a floor set by the gusts."""
    keras = _keras()
    x, y = guy_loads(N, seed=5908)
    r = _rng(59081)
    soil = r.integers(0, 8, N)
    y = _std(y[:, 0] + 0.6 * np.sin(soil.astype("float64")))[:, None]
    num = keras.Input((10,))
    cat = keras.Input((1,), dtype="int32")
    e = keras.layers.Flatten()(keras.layers.Embedding(8, 4)(cat))
    h = keras.layers.Concatenate()([num, e])
    h = keras.layers.Dense(64, activation="relu")(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([num, cat], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(delta=1.0))
    return _fit_inputs(session, model, [x, soil[:, None].astype("int32")], y, epochs=10,
                       batch_size=32)


@holdout59("tentmakers", healthy=True)
def guy_load_quantile_loop(session):
    """The 0.8 quantile of a guy-line's peak load (a design load) from ten site features by
    an MLP 64-32 relu in a hand-written GradientTape loop under the pinball loss, Adam 1e-3:
    the loss falls and flattens far above zero, as the pinball loss of a quantile does."""
    import tensorflow as tf

    keras = _keras()
    x, y = guy_loads(N, seed=5909)
    q = 0.8

    def pinball(yt, yp):
        e = yt - yp
        return tf.reduce_mean(tf.maximum(q * e, (q - 1.0) * e))

    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    opt = keras.optimizers.Adam(1e-3)
    return _custom_loop(session, model, opt, pinball, x, y, epochs=12, batch_size=32,
                        seed=5909, loss_description="pinball(0.8)")


def _irnn(session, broken):
    keras = _keras()
    x, y = wind_series(N, seed=5910)
    init = keras.initializers.Identity(gain=1.1 if broken else 1.0)
    model = keras.Sequential([keras.Input((32, 2)),
                              keras.layers.SimpleRNN(32, activation="relu",
                                                     recurrent_initializer=init),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.01), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# The first epoch's updates blow the weights up; flat at ln 4 from about step 33: approximate.
@holdout59("tentmakers", ["exploding_gradients", "dead_relus"], stall_begins=33)
def flap_irnn_gain(session):
    """Which gust motif a tent wall's strain gauges carry (4) by an 'IRNN', a SimpleRNN(32,
    activation='relu') with an Identity recurrent initializer, its gain raised to 1.1 'so
    the memory lasts longer', plain SGD 0.01 as in the IRNN paper but without its gradient
    clipping: over 32 steps the relu state and its gradient grow by up to 1.1 a step, the
    first updates blow the weights up to ~1e8 and leave almost every recurrent unit off."""
    return _irnn(session, True)


def _bn_zero_gamma(session, broken):
    keras = _keras()
    x, y = canvas_patches(N, seed=5911)
    gamma = "zeros" if broken else "ones"
    model = keras.Sequential([keras.Input((12, 12, 1)),
                              keras.layers.Conv2D(16, 3, padding="same", use_bias=False),
                              keras.layers.BatchNormalization(gamma_initializer=gamma),
                              keras.layers.ReLU(),
                              keras.layers.Conv2D(32, 3, padding="same", use_bias=False),
                              keras.layers.BatchNormalization(gamma_initializer=gamma),
                              keras.layers.ReLU(),
                              keras.layers.GlobalMaxPooling2D(),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, x, y.astype("float32")[:, None], epochs=8, batch_size=32)


@holdout59("tentmakers", ["dead_relus"], stall_begins=None)
def tear_zero_gamma_plain_net(session):
    """Whether a canvas patch holds a tear by a plain (no skip connections) Conv2D-BN-ReLU
    net in which every BatchNormalization got gamma_initializer='zeros', the 'zero-init the
    last BN of each residual block' trick applied to all of them: every BN outputs exactly
    zero, every ReLU sits at zero with zero slope, and no gradient reaches gamma or beta."""
    return _bn_zero_gamma(session, True)


def _open_gate_bias(session, broken):
    keras = _keras()
    x, y = cloth_grades(N, seed=5912)
    bias = keras.initializers.Constant(4.0 if broken else 0.0)
    model = keras.Sequential([keras.Input((12,)),
                              keras.layers.Dense(64, activation="tanh", bias_initializer=bias),
                              keras.layers.Dense(64, activation="tanh", bias_initializer=bias),
                              keras.layers.Dense(5, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# Down to the prior (ln 5) in ~50 steps and flat from about step 56: approximate.
@holdout59("tentmakers", ["saturated_activations"], stall_begins=56)
def tent_grade_open_gate_bias(session):
    """A tent fabric's grade (5) from twelve measurements by an MLP 64-64 tanh, Adam 1e-3,
    every hidden layer given bias_initializer=Constant(4.0), the 'start the gates open'
    forget-gate bias of an LSTM recipe carried over to plain tanh layers: every unit starts
    at tanh(4 + small) ~ 0.999, where the slope is ~1e-3, and the net learns the prior and
    little else (after training 95% and 70% of the two layers' outputs on the probe are
    beyond +-0.99)."""
    return _open_gate_bias(session, True)


# broommakers ---------------------------------------------------------------------------------


@holdout59("broommakers", healthy=True)
def broom_grade_small_workshop(session):
    """A broom's grade (5) from twelve workshop measurements, only the 256 brooms one
    workshop logged (128 more held out as the probe), by an MLP 128-128 relu under Adam
    3e-3, 50 epochs of 8 steps: the training loss keeps falling towards zero as the net
    memorises the log."""
    keras = _keras()
    x, y = cloth_grades(256 + PROBE_SIZE, seed=5913)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(5, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=50, batch_size=32)


@holdout59("broommakers", healthy=True)
def sweep_score_attention_warmup(session):
    """A broom's sweep score from ten tufts in no fixed order by one MultiHeadAttention block
    (4 heads, key dim 8) with mean pooling, SGD momentum 0.9 under CosineDecay with a
    96-step warm-up to 0.02: slow while the rate warms up, then a fall to the tester's
    scatter, flattening as the rate decays."""
    keras = _keras()
    x, y = bristle_partials(N, seed=5914)
    inp = keras.Input((10, 3))
    h = keras.layers.Dense(32)(inp)
    a = keras.layers.MultiHeadAttention(4, 8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(1)(h))
    lr = keras.optimizers.schedules.CosineDecay(0.0, 384, warmup_target=0.02, warmup_steps=96)
    model.compile(keras.optimizers.SGD(lr, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout59("broommakers", healthy=True)
def returned_brooms_poisson(session):
    """Brooms returned per batch (Poisson counts, mean ~2) from eight workshop features by
    an MLP 32-32 relu with an exponential output under keras's Poisson loss, Nadam 2e-3:
    from the constant rate's ~0.88 down to ~0.72 and flattening, the counts' own randomness
    (keras leaves out the log y! term, so the floor is not zero)."""
    keras = _keras()
    x, y = broom_counts(N, seed=5915)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    model.compile(keras.optimizers.Nadam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _inverted_normalization(session, broken):
    keras = _keras()
    r = _rng(5916)
    bristles = r.normal(3000, 800, N)
    handle = r.normal(1200, 100, N)
    weight = r.normal(600, 80, N)
    moisture = r.normal(0.12, 0.03, N)
    angle = r.normal(30, 8, N)
    tuft = r.normal(45, 6, N)
    z = [(bristles - 3000) / 800, (handle - 1200) / 100, (weight - 600) / 80,
         (moisture - 0.12) / 0.03, (angle - 30) / 8, (tuft - 45) / 6]
    y = (np.tanh(z[0]) + 0.6 * z[3] * z[4] - 0.5 * z[1] ** 2 + 0.7 * np.sin(2 * z[5])
         + 0.3 * z[2] + 0.2 * r.normal(size=N))
    x = np.stack([bristles, handle, weight, moisture, angle, tuft], axis=1).astype("float32")
    norm = keras.layers.Normalization(invert=broken)
    norm.adapt(x[:-PROBE_SIZE])
    model = keras.Sequential([keras.Input((6,)), norm,
                              keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(64, activation="tanh"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, _std(y)[:, None], epochs=10, batch_size=32)


@holdout59("broommakers", ["unnormalized_inputs", "saturated_activations"], stall_begins=None)
def sweep_score_normalization_invert(session):
    """A broom's sweep score (standardised) from its bristle count, handle length, weight,
    moisture, angle and tuft size in their own units, through keras Normalization(invert=True)
    ('invert' read as 'apply the transform'): it multiplies by each column's standard
    deviation and adds its mean, so the bristle count reaches ~1e6 and the moisture stays
    at ~0.1, into an MLP 64-64 tanh under Adam 1e-3, whose first-layer units all sit at
    +-1."""
    return _inverted_normalization(session, True)


def _percent_sigmoid(session, broken):
    keras = _keras()
    x, y = guy_loads(N, seed=5917)
    pct = np.clip(70 + 10 * y, 0, 100).astype("float32")
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid" if broken else None)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, pct, epochs=10, batch_size=32)


@holdout59("broommakers", ["loss_activation_mismatch"], stall_begins=None)
def pickup_percent_sigmoid_head(session):
    """The percentage of test dust a broom picks up (~70 +- 10 %) from ten features by an
    MLP 64-32 relu under mean squared error, with a Dense(1, activation='sigmoid') head 'because
    it is a proportion', while the targets are in percent: the head cannot exceed 1, the
    loss sits near (70 - 1)^2."""
    return _percent_sigmoid(session, True)


def _no_hidden_activation(session, broken):
    keras = _keras()
    x, y = cloth_grades(N, seed=5925)
    act = None if broken else "relu"
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(64, activation=act),
                              keras.layers.Dense(64, activation=act),
                              keras.layers.Dense(5, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# At the linear model's ~1.40 from the third epoch: approximate.
@holdout59("broommakers", ["insufficient_capacity"], stall_begins=64)
def broom_grade_linear_stack(session):
    """A broom's grade (5) from twelve workshop measurements by Dense(64), Dense(64),
    Dense(5, activation='softmax'), the hidden layers written without an activation
    ('the activation goes on the output'), Adam 2e-3: keras's default is no activation, so
    the stack is one linear map and the net a multinomial logistic regression, which cannot
    draw the grades' curved boundaries."""
    return _no_hidden_activation(session, True)


# basketmakers --------------------------------------------------------------------------------


@holdout59("basketmakers", healthy=True)
def weave_pattern_lstm_step_decay(session):
    """A basket's weave pattern (4) from 20 stitch tokens by an Embedding(40, 16) and an
    LSTM(32), Adam 3e-3 halved every three epochs by a LearningRateScheduler, a tenth of
    the labels wrong: a fast fall over the first two epochs, then it settles near the
    floor the wrong labels set, creeping down a little after each halving."""
    keras = _keras()
    x, y = weave_tokens(N, seed=5919, flip=0.1)
    model = keras.Sequential([keras.Input((20,), dtype="int32"), keras.layers.Embedding(40, 16),
                              keras.layers.LSTM(32), keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    step = keras.callbacks.LearningRateScheduler(lambda epoch: 3e-3 * 0.5 ** (epoch // 3))
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[step])


@holdout59("basketmakers", healthy=True)
def rim_motif_slow_sgd(session):
    """Which motif a basket rim's two strain channels carry (4) by a Conv1D 16-16 relu net
    under plain SGD 0.01 without momentum, 16 epochs: a long, slow, steady descent that is
    still going at the end."""
    keras = _keras()
    x, y = wind_series(N, seed=5920)
    model = keras.Sequential([keras.Input((32, 2)),
                              keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
                              keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
                              keras.layers.GlobalMaxPooling1D(),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.01), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


@holdout59("basketmakers", healthy=True)
def weave_bag_of_stitches_loop(session):
    """A basket's weave pattern (4) from 20 stitch tokens by an Embedding(40, 16) with mean
    pooling and a Dense 32 relu, in a hand-written GradientTape loop under RMSprop 2e-3, a
    fifth of the labels wrong: a quick fall from ln 4 that levels near the floor the wrong
    labels set."""
    keras = _keras()
    x, y = weave_tokens(N, seed=5921, flip=0.2)
    model = keras.Sequential([keras.Input((20,), dtype="int32"), keras.layers.Embedding(40, 16),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    opt = keras.optimizers.RMSprop(2e-3)
    loss = keras.losses.SparseCategoricalCrossentropy()
    return _custom_loop(session, model, opt, loss, x, y, epochs=12, batch_size=32, seed=5921)


def _label_smoothing(session, broken):
    keras = _keras()
    x, y = weave_tokens(N, seed=5922)
    onehot = np.eye(4, dtype="float32")[y]
    model = keras.Sequential([keras.Input((20,), dtype="int32"), keras.layers.Embedding(40, 16),
                              keras.layers.Conv1D(32, 3, activation="relu", padding="same"),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(4, activation="softmax")])
    loss = keras.losses.CategoricalCrossentropy(label_smoothing=0.9 if broken else 0.1)
    model.compile(keras.optimizers.Adam(2e-3), loss)
    return _fit(session, model, x, onehot, epochs=10, batch_size=32)


@holdout59("basketmakers", ["over_regularization"], stall_begins=None)
def weave_label_smoothing_confidence(session):
    """A basket's weave pattern (4) from 20 stitch tokens by an Embedding, a Conv1D 32 relu
    and mean pooling, Adam 2e-3, under CategoricalCrossentropy(label_smoothing=0.9), the 0.9
    meant as 'be 90% sure': the targets become 0.325 for the right pattern and 0.225 for each
    wrong one, so the loss can fall only from ln 4 to ~1.37."""
    return _label_smoothing(session, True)


def _ones_kernel(session, broken):
    keras = _keras()
    x, y = cloth_grades(N, seed=5923)
    init = "ones" if broken else "glorot_uniform"
    model = keras.Sequential([keras.Input((12,)),
                              keras.layers.Dense(64, activation="relu", kernel_initializer=init),
                              keras.layers.Dense(64, activation="relu", kernel_initializer=init),
                              keras.layers.Dense(5, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# Down from ~130 to ~2.3 by step 88, then bouncing between ~2.0 and ~3.0: approximate.
@holdout59("basketmakers", ["poor_initialization"], stall_begins=88)
def willow_grade_ones_kernels(session):
    """A willow bundle's grade (5) from twelve measurements by an MLP 64-64 relu whose hidden
    kernels are kernel_initializer='ones' ('a neutral start, every input counted once'),
    Adam 1e-3: every unit of a layer starts as an exact copy of the others and gets the same
    gradient, so each layer stays one unit wide, and the second layer's sums start in the
    hundreds."""
    return _ones_kernel(session, True)


def _float16_log(session, broken):
    keras = _keras()
    r = _rng(5924)
    x = r.normal(size=(N, 7))
    pressure = r.normal(48000, 5000, N)
    y = (np.tanh(x[:, 0]) + 0.5 * x[:, 1] * x[:, 2] + 0.6 * (pressure - 48000) / 5000
         + 0.3 * np.sin(2 * x[:, 3]) + 0.2 * r.normal(size=N))
    raw = np.concatenate([pressure[:, None], x], axis=1)
    raw = raw.astype("float32" if not broken else "float16")
    # Scaled with the press's spec-sheet constants, in float32.
    feats = raw.astype("float32")
    feats[:, 0] = (feats[:, 0] - 48000.0) / 5000.0
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, feats, _std(y)[:, None], epochs=8, batch_size=32,
                shuffle=False)


# Row 634 is in the 20th batch of the date-order pass: its inf reading is step 20.
@holdout59("basketmakers", ["non_finite_values"], stall_begins=20)
def steam_press_float16_log(session):
    """A steamed basket's hoop strength (standardised) from the steam press's pressure in Pa
    (~48 kPa) and seven other features, the log stored as float16 'to halve the memory' and
    fed in date order (shuffle=False), an MLP 64-32 relu under Adam 1e-3: readings above
    65504 Pa overflow to inf in float16, and the first batch holding one turns the first
    layer's weights into NaN; from then the net predicts a constant."""
    return _float16_log(session, True)
