"""The two-hundred-and-twenty-fourth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades, four synthetic data sets (numpy, seeds 22400-22499):

- glass_blowers_of_stourbridge: a glasshouse's gathers (furnace temperature in degrees Celsius,
  gather mass in grams, blowing time in seconds, ambient humidity); the target is the wall
  thickness of the finished piece (mm), or its grade (good, thin, seedy).
- net_braiders: a braider's knot sequences (tokens for the 12 knot kinds, 20-40 knots long);
  the label is the kind of net (mesh pattern) the sequence comes from.
- button_makers_of_birmingham: 12x12 grey images of stamped buttons (two holes, four holes,
  shank, plain) with press noise and a shifted centre; the label is the button kind.
- ropewalk_spinners: the tension read along a ropewalk while a strand is twisted (sequences of
  24-32 readings); the target is the next tension, or the number of breaks in a shift.

Healthy half (twelve runs, nothing to fix): a glass thickness MLP with heteroscedastic noise
trained with the Huber loss; a glass grading MLP with 20% label noise and a
PiecewiseConstantDecay schedule; a small glass data set (160 gathers) that a wide MLP overfits;
a GRU over knot one-hots with some mislabelled nets; an embedding plus global-average-pooling
knot classifier; an LSTM knot classifier with ReduceLROnPlateau; a button CNN with a rare
shank class and class_weight; a Conv1D over button rows; a button CNN with linear warm-up then
cosine decay; a ropewalk custom GradientTape loop with a pinball (quantile 0.9) loss; a
ropewalk custom loop with a Poisson loss on break counts; and a two-input ropewalk model
(readings through self-attention plus the spinner's settings) that is still slowly improving at
the end.

Broken half (seven runs, one cause each, each a practitioner's slip; the fixed twin was
trained beside it in a scratch script and reaches a clearly lower loss): Adam at 0.5 instead
of 5e-3 on glass grading (learning_rate_too_high); a 10-layer sigmoid stack over pooled knot
embeddings trained with plain SGD (vanishing_gradients); a tanh SimpleRNN whose recurrent
initializer was given gain 4 (chaotic; the gradients through time grow large without turning
NaN) trained with SGD momentum and no clipping (exploding_gradients); a button CNN whose dense
relu layer had its bias initialized to -5 by a misread argument (dead_relus); a ropewalk custom
loop with SGD at 1e-6 (learning_rate_too_low); a custom loop whose model was built with zeros
kernel initializers in every layer (poor_initialization); and a custom loop regressing
log(breaks) where shifts with no break give log(0) = -inf targets (non_finite_values).

Dropped after the scratch comparison with the fixed twin, because they did not stall: raw
furnace degrees into an SGD MLP with the rate cut to 1e-7 (unnormalized_inputs; still falling
steadily at the end), an L2 of 1.0 (over_regularization; still falling a few percent an
epoch), a one-unit GRU (insufficient_capacity; still improving), a tanh head initialized with
RandomNormal(stddev=1.0) under plain SGD (saturated_activations; it learned, faster than the
fixed twin), and a one-unit softmax head with binary cross-entropy (loss_activation_mismatch;
the loss fell as fast as the sigmoid twin's). There was no time to rework them, so the
catalogue is short: 19 runs, 12 healthy and 7 broken.

Labels: `expected_causes[0]` is the root cause the scenario was built around (one cause each).
`stall_begins` is the 0-based optimizer step from which the broken loss stops improving, or
None where it never improves; the one non-None value (the
chaotic RNN, 96) was read off the per-epoch loss and is approximate (to within an epoch).
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _standardize, registrar

FAMILIES = ('glass_blowers_of_stourbridge', 'net_braiders', 'button_makers_of_birmingham',
            'ropewalk_spinners')

REGISTRY = []
holdout224 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data


def _gathers(n, seed, hetero=False):
    """Raw glass gathers: (features [temp C, mass g, blow s, humidity %], thickness mm, grade)."""
    rng = np.random.default_rng(seed)
    temp = rng.normal(1100.0, 60.0, n)
    mass = rng.normal(400.0, 80.0, n)
    blow = rng.normal(30.0, 8.0, n)
    humid = rng.uniform(30.0, 90.0, n)
    t, m, b, h = ((temp - 1100) / 60, (mass - 400) / 80, (blow - 30) / 8, (humid - 60) / 17)
    thick = 3.0 + 0.8 * m - 0.6 * b + 0.5 * np.tanh(2 * t) * b + 0.3 * m * t + 0.2 * h ** 2
    scale = 0.15 + 0.35 * np.abs(t) if hetero else 0.2
    thick = thick + rng.normal(0.0, 1.0, n) * scale
    seedy = (0.7 * t + 0.6 * h + 0.3 * rng.normal(size=n)) > 0.9
    grade = np.where(seedy, 2, np.where(thick < 2.6, 1, 0))
    x = np.stack([temp, mass, blow, humid], axis=1).astype("float32")
    return x, thick.astype("float32"), grade.astype("int64")


def _knots(n, seed, length=24, noise=0.0):
    """Knot token sequences from 4 net kinds, each a Markov chain over 12 knot tokens."""
    rng = np.random.default_rng(seed)
    kinds = 4
    trans = rng.dirichlet(np.full(12, 0.3), size=(kinds, 12))
    y = rng.integers(0, kinds, n)
    x = np.zeros((n, length), dtype="int64")
    x[:, 0] = rng.integers(0, 12, n)
    for i in range(1, length):
        cum = trans[y, x[:, i - 1]].cumsum(axis=1)
        x[:, i] = (rng.random((n, 1)) > cum).sum(axis=1).clip(0, 11)
    if noise:
        flip = rng.random(n) < noise
        y = np.where(flip, rng.integers(0, kinds, n), y)
    return x, y.astype("int64")


def _buttons(n, seed, rare=None):
    """12x12 button images; classes 0 two-hole, 1 four-hole, 2 shank, 3 plain."""
    rng = np.random.default_rng(seed)
    if rare is None:
        y = rng.integers(0, 4, n)
    else:
        y = rng.choice(4, size=n, p=[(1 - rare) / 3, (1 - rare) / 3, rare, (1 - rare) / 3])
    yy, xx = np.mgrid[0:12, 0:12].astype("float32")
    imgs = np.zeros((n, 12, 12), dtype="float32")
    for k in range(n):
        cy, cx = 5.5 + rng.normal(0, 0.7, 2)
        r = rng.uniform(3.8, 5.2)
        d = np.hypot(yy - cy, xx - cx)
        img = (d < r).astype("float32") * rng.uniform(0.6, 1.0)
        img += (np.abs(d - r + 0.6) < 0.5) * 0.3
        holes = {0: [(0, -1.3), (0, 1.3)],
                 1: [(-1.2, -1.2), (-1.2, 1.2), (1.2, -1.2), (1.2, 1.2)],
                 2: [], 3: []}[int(y[k])]
        for oy, ox in holes:
            img[np.hypot(yy - cy - oy, xx - cx - ox) < 0.8] = 0.0
        if y[k] == 2:
            img[np.hypot(yy - cy, xx - cx) < 1.3] += 0.6
        imgs[k] = img + rng.normal(0, 0.25, (12, 12))
    return imgs[..., None].astype("float32"), y.astype("int64")


def _ropewalk(n, seed, length=28):
    """Tension series (standardized units) and the next reading; a damped twist plus drift."""
    rng = np.random.default_rng(seed)
    freq = rng.uniform(0.15, 0.6, n)[:, None]
    damp = rng.uniform(0.0, 0.05, n)[:, None]
    phase = rng.uniform(0, 2 * np.pi, n)[:, None]
    level = rng.normal(0, 0.5, n)[:, None]
    steps = np.arange(length + 1)[None, :]
    series = level + np.exp(-damp * steps) * np.sin(freq * steps + phase)
    series = series + rng.normal(0, 0.1, series.shape)
    x = series[:, :-1, None].astype("float32")
    return x, series[:, -1].astype("float32")


def _shifts(n, seed):
    """Spinner settings per shift (6 standardized) and the number of strand breaks (Poisson)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 6)).astype("float32")
    rate = np.exp(0.3 + 0.6 * x[:, 0] - 0.4 * x[:, 1] + 0.3 * x[:, 2] * x[:, 3])
    return x, rng.poisson(rate).astype("float32")


# ---------------------------------------------------------------------------------------------
# glass_blowers_of_stourbridge


@holdout224("glass_blowers_of_stourbridge", healthy=True)
def huber_thickness_hetero(session):
    """Wall thickness from standardized gather features, a 2x64 relu MLP with the Huber loss and
    Adam; the measurement noise grows with distance from the nominal furnace temperature, so the
    loss levels off well above zero once the mean surface is learned."""
    keras = _keras()
    x, y, _ = _gathers(N, seed=22401, hetero=True)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.Huber(delta=0.5))
    return _fit(session, model, _standardize(x), y, epochs=25, batch_size=32)


@holdout224("glass_blowers_of_stourbridge", healthy=True)
def grading_label_noise_piecewise(session):
    """Glass grading (good, thin, seedy) where a fifth of the grades were written down wrong;
    a 2x48 relu MLP with SGD momentum on a PiecewiseConstantDecay schedule (0.05, then 0.01
    after 300 steps, then 0.002 after 600): the loss drops in steps and flattens near the
    noise floor of the labels."""
    keras = _keras()
    x, _, grade = _gathers(N, seed=22402)
    rng = np.random.default_rng(22403)
    flip = rng.random(N) < 0.2
    grade = np.where(flip, rng.integers(0, 3, N), grade)
    lr = keras.optimizers.schedules.PiecewiseConstantDecay([300, 600], [0.05, 0.01, 0.002])
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(48, activation="relu"),
                              keras.layers.Dense(48, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.SGD(lr, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, _standardize(x), grade, epochs=28, batch_size=32)


@holdout224("glass_blowers_of_stourbridge", healthy=True)
def small_ledger_overfits(session):
    """Only 160 gathers survive from one glasshouse's ledger; a 2x128 relu MLP with Adam fits
    them and the training loss keeps sliding well below what held-out gathers would allow (the
    noise is memorised), slowly, for 40 short epochs."""
    keras = _keras()
    x, y, _ = _gathers(160 + PROBE_SIZE, seed=22404)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, _standardize(x), y, epochs=40, batch_size=16)


def _grading_adam(session, broken):
    keras = _keras()
    x, _, grade = _gathers(N, seed=22405)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(0.5 if broken else 5e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, _standardize(x), grade, epochs=15, batch_size=32)


@holdout224("glass_blowers_of_stourbridge", ["learning_rate_too_high"], stall_begins=None)
def grading_adam_half(session):
    """Glass grading, 2x64 relu MLP, Adam with learning_rate=0.5 (the notebook said 5e-3 and a
    digit went missing): the first steps throw the weights far out, the units that survive
    predict the majority grade, and the loss sits at the class-prior level for the rest of the
    run."""
    return _grading_adam(session, broken=True)


# ---------------------------------------------------------------------------------------------
# net_braiders


@holdout224("net_braiders", healthy=True)
def gru_knots_mislabelled(session):
    """Net kind from 24-knot sequences (one-hot tokens) with a GRU(32) and Adam; one net in
    seven was filed under the wrong kind, so the cross-entropy bottoms out well above zero."""
    keras = _keras()
    x, y = _knots(N, seed=22410, noise=0.15)
    onehot = np.eye(12, dtype="float32")[x]
    model = keras.Sequential([keras.Input((24, 12)), keras.layers.GRU(32),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, onehot, y, epochs=12, batch_size=32)


@holdout224("net_braiders", healthy=True)
def knot_embedding_bag(session):
    """Net kind from an embedding of the knot tokens (dimension 8), a Conv1D of width 2 over
    adjacent knots (the transitions), global average pooling and a softmax; Adam. The short
    sequences leave some nets ambiguous, so the loss flattens above zero."""
    keras = _keras()
    x, y = _knots(N, seed=22411, length=20)
    model = keras.Sequential([keras.Input((20,), dtype="int64"), keras.layers.Embedding(12, 8),
                              keras.layers.Conv1D(32, 2, activation="relu"),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(5e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout224("net_braiders", healthy=True)
def lstm_reduce_on_plateau(session):
    """Net kind from 16-knot one-hot sequences with an LSTM(24) and Adam at 1e-2, halved by
    ReduceLROnPlateau (patience 2) when the training loss stops improving; the loss flattens,
    the rate drops, it improves a little more and settles."""
    keras = _keras()
    x, y = _knots(N, seed=22412, length=16, noise=0.05)
    onehot = np.eye(12, dtype="float32")[x]
    model = keras.Sequential([keras.Input((16, 12)), keras.layers.LSTM(24),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-2), "sparse_categorical_crossentropy")
    plateau = keras.callbacks.ReduceLROnPlateau("loss", factor=0.5, patience=2, min_lr=1e-4)
    return _fit(session, model, onehot, y, epochs=15, batch_size=32, callbacks=[plateau])


def _deep_sigmoid_bag(session, broken):
    keras = _keras()
    x, y = _knots(N, seed=22413, length=20)
    act = "sigmoid" if broken else "relu"
    layers = [keras.Input((20,), dtype="int64"), keras.layers.Embedding(12, 16),
              keras.layers.GlobalAveragePooling1D()]
    layers += [keras.layers.Dense(32, activation=act) for _ in range(10 if broken else 3)]
    layers.append(keras.layers.Dense(4, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout224("net_braiders", ["vanishing_gradients"], stall_begins=None)
def knot_bag_ten_sigmoids(session):
    """Net kind from pooled knot embeddings followed by ten Dense(32, sigmoid) layers (copied
    from a 1990s textbook network) and plain SGD 0.05: the gradient shrinks by the sigmoid's
    slope at every layer, the embedding and first layers never learn, and the loss sits at
    log(4)."""
    return _deep_sigmoid_bag(session, broken=True)


def _chaotic_rnn(session, broken):
    keras = _keras()
    x, y = _ropewalk(N, seed=22414, length=28)
    gain = 4.0 if broken else 1.0
    model = keras.Sequential([
        keras.Input((28, 1)),
        keras.layers.SimpleRNN(32, recurrent_initializer=keras.initializers.Orthogonal(
            gain=gain, seed=22415)),
        keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout224("net_braiders", ["exploding_gradients"], stall_begins=96)
def braid_tension_rnn_gain4(session):
    """The tension on the braiding line forecast one reading ahead with a tanh SimpleRNN(32)
    whose recurrent matrix was initialized Orthogonal(gain=4.0) (the gain meant for a relu
    layer elsewhere) and SGD momentum with no clipping: the recurrence is chaotic, the
    gradients through 28 steps are huge and point nowhere useful, tanh keeps the loss finite,
    and it never gets below the variance of the target."""
    return _chaotic_rnn(session, broken=True)


# ---------------------------------------------------------------------------------------------
# button_makers_of_birmingham


def _button_cnn(keras, head=None, out=4, out_activation="softmax"):
    head = head or keras.layers.Dense(32, activation="relu")
    return keras.Sequential([keras.Input((12, 12, 1)),
                             keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
                             keras.layers.MaxPooling2D(),
                             keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
                             keras.layers.Flatten(), head,
                             keras.layers.Dense(out, activation=out_activation)])


@holdout224("button_makers_of_birmingham", healthy=True)
def shank_rare_class_weight(session):
    """Button kinds where shank buttons are 4% of the stamped stock; a small CNN with Adam and
    class_weight up-weighting shanks eightfold: the weighted loss flattens above zero because
    the few shanks stay hard to separate from plain buttons under press noise."""
    keras = _keras()
    x, y = _buttons(N, seed=22420, rare=0.04)
    model = _button_cnn(keras)
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    (xt, yt), probe = (x[:-PROBE_SIZE], y[:-PROBE_SIZE]), (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(xt, yt, epochs=12, batch_size=32, verbose=0,
                        class_weight={0: 1.0, 1: 1.0, 2: 8.0, 3: 1.0},
                        callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout224("button_makers_of_birmingham", healthy=True)
def conv1d_button_rows(session):
    """Button kinds read as 12 rows of 12 pixels (a line scanner), Conv1D(16, 3) twice and a
    global max pool, Adam: the noisy rows make it plateau above zero after a steady fall."""
    keras = _keras()
    x, y = _buttons(N, seed=22421)
    rows = x[..., 0]
    model = keras.Sequential([keras.Input((12, 12)),
                              keras.layers.Conv1D(16, 3, activation="relu", padding="same"),
                              keras.layers.Conv1D(16, 3, activation="relu", padding="same"),
                              keras.layers.GlobalMaxPooling1D(),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, rows, y, epochs=15, batch_size=32)


@holdout224("button_makers_of_birmingham", healthy=True)
def warmup_cosine_cnn(session):
    """Button kinds with a small CNN and SGD momentum on a linear warm-up (100 steps to 0.05)
    followed by cosine decay to zero over the rest of the run: slow start, fast middle, and a
    flat tail as the learning rate goes to zero."""
    keras = _keras()
    x, y = _buttons(N, seed=22422)
    steps = 15 * 32
    lr = keras.optimizers.schedules.CosineDecay(0.0, steps - 100, warmup_target=0.05,
                                                warmup_steps=100)
    model = _button_cnn(keras)
    model.compile(keras.optimizers.SGD(lr, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _dead_head(session, broken):
    keras = _keras()
    x, y = _buttons(N, seed=22423)
    bias = keras.initializers.Constant(-5.0 if broken else 0.0)
    model = _button_cnn(keras, keras.layers.Dense(32, activation="relu", bias_initializer=bias))
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout224("button_makers_of_birmingham", ["dead_relus"], stall_begins=None)
def button_head_bias_minus5(session):
    """Button CNN whose Dense(32, relu) head was built with bias_initializer=Constant(-5.0) (the
    value was meant for an output layer's prior): every head unit is negative for every button,
    relu passes no gradient back, and the loss stays at log(4)."""
    return _dead_head(session, broken=True)


# ---------------------------------------------------------------------------------------------
# ropewalk_spinners


def _pinball(q):
    import tensorflow as tf

    def loss(y_true, y_pred):
        err = tf.reshape(y_true, (-1, 1)) - y_pred
        return tf.reduce_mean(tf.maximum(q * err, (q - 1.0) * err))

    return loss


@holdout224("ropewalk_spinners", healthy=True)
def tension_quantile90_loop(session):
    """Custom GradientTape loop forecasting the 90th percentile of the next tension reading from
    the last 28 (flattened) with a 2x64 relu MLP and Adam, under the pinball loss: the loss
    bottoms out at the spread of the reading noise, not at zero."""
    keras = _keras()
    x, y = _ropewalk(N, seed=22430)
    flat = x.reshape(len(x), -1)
    model = keras.Sequential([keras.Input((28,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), _pinball(0.9), flat, y,
                        epochs=15, batch_size=32, seed=22431)


@holdout224("ropewalk_spinners", healthy=True)
def breaks_poisson_loop(session):
    """Custom loop counting strand breaks per shift from six spinner settings, a 2x32 relu MLP
    with an exponential output and Keras's Poisson loss, Adam: the counts are Poisson, so the
    loss levels at the data's own entropy."""
    keras = _keras()
    x, y = _shifts(N, seed=22432)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), keras.losses.Poisson(),
                        x, y[:, None], epochs=15, batch_size=32, seed=22433)


@holdout224("ropewalk_spinners", healthy=True)
def attention_two_inputs_slow(session):
    """Next tension from the readings (through a Dense projection and two-head self-attention,
    pooled) and the spinner's six settings (a second input); Adam at a cautious 3e-4, so the
    loss is still falling slowly at the end of 20 epochs."""
    keras = _keras()
    x, y = _ropewalk(N, seed=22434)
    s, _ = _shifts(N, seed=22435)
    y = y + 0.1 * s[:, 0]
    series = keras.Input((28, 1))
    settings = keras.Input((6,))
    h = keras.layers.Dense(16)(series)
    h = keras.layers.MultiHeadAttention(2, 8)(h, h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    last = keras.layers.Flatten()(series[:, -4:, :])
    z = keras.layers.Concatenate()([h, last, settings])
    z = keras.layers.Dense(32, activation="relu")(z)
    model = keras.Model([series, settings], keras.layers.Dense(1)(z))
    model.compile(keras.optimizers.Adam(3e-4), "mse")
    (xt, st, yt) = (x[:-PROBE_SIZE], s[:-PROBE_SIZE], y[:-PROBE_SIZE])
    probe = ([x[-PROBE_SIZE:], s[-PROBE_SIZE:]], y[-PROBE_SIZE:])
    history = model.fit([xt, st], yt, epochs=20, batch_size=32, verbose=0,
                        callbacks=session.callbacks(probe))
    return history.history["loss"]


def _tiny_sgd_loop(session, broken):
    keras = _keras()
    x, y = _ropewalk(N, seed=22436)
    flat = x.reshape(len(x), -1)
    model = keras.Sequential([keras.Input((28,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(1)])
    opt = keras.optimizers.SGD(1e-6 if broken else 1e-2, momentum=0.9)
    return _custom_loop(session, model, opt, keras.losses.MeanSquaredError(), flat, y[:, None],
                        epochs=12, batch_size=32, seed=22437)


@holdout224("ropewalk_spinners", ["learning_rate_too_low"], stall_begins=None)
def tension_loop_sgd_1e6(session):
    """Custom loop forecasting the next tension with a 64-unit relu MLP and SGD momentum at
    1e-6 (the rate of an earlier run on raw newton readings, kept after the data were
    standardized): the loss barely moves from its starting value in 384 steps."""
    return _tiny_sgd_loop(session, broken=True)


def _zeros_loop(session, broken):
    keras = _keras()
    x, y = _shifts(N, seed=22438)
    target = (x[:, 0] * x[:, 1] + np.sin(2 * x[:, 2]) + 0.5 * x[:, 3]).astype("float32")
    init = "zeros" if broken else "glorot_uniform"
    model = keras.Sequential([keras.Input((6,)),
                              keras.layers.Dense(64, activation="tanh", kernel_initializer=init),
                              keras.layers.Dense(64, activation="tanh", kernel_initializer=init),
                              keras.layers.Dense(1, kernel_initializer=init)])
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3),
                        keras.losses.MeanSquaredError(), x, target[:, None], epochs=12,
                        batch_size=32, seed=22439)


@holdout224("ropewalk_spinners", ["poor_initialization"], stall_begins=None)
def twist_loop_zeros_init(session):
    """Custom loop predicting the twist error from six spinner settings with a 2x64 tanh MLP
    whose every layer was built with kernel_initializer="zeros" (meant for the biases): all
    hidden units are identical, they get identical gradients, and the net behaves as a single
    unit, so the loss flattens high."""
    return _zeros_loop(session, broken=True)


def _log_breaks(session, broken):
    keras = _keras()
    x, y = _shifts(N, seed=22440)
    target = np.log1p(y) if not broken else np.log(y)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3),
                        keras.losses.MeanSquaredError(), x, target.astype("float32")[:, None],
                        epochs=8, batch_size=32, seed=22441)


@holdout224("ropewalk_spinners", ["non_finite_values"], stall_begins=None)
def breaks_log_zero_loop(session):
    """Custom loop regressing log(breaks) per shift from the spinner settings (log, not log1p):
    a shift with no break gives a target of -inf, the squared error is inf in the first batch
    that holds one, the gradients turn NaN and the weights with them; the loop keeps running
    for its eight epochs with a NaN loss."""
    return _log_breaks(session, broken=True)
