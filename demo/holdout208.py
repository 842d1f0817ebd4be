"""The two-hundred-and-eighth held-out catalogue: written by someone who did not read the engine
or run the diagnosis on these runs, and scored once.

Four trades: slate splitters (grading split slates from quarry measurements and grain images),
mill wrights (water-wheel sensor sequences), hurdle makers (woven willow hurdles: weaving time,
defects, orders) and cheese pressers (press and ripening records, some in hand-written loops).

Healthy half (11, labelled healthy with no causes): a slate grade classifier with 20% of the
grades mislabelled by the sorters (loss flattens far above zero); a grain-image CNN with a
PiecewiseConstantDecay step schedule; a rare cracked-slate detector (5% positives) with
class_weight; a wheel-speed GRU forecaster with heteroscedastic noise; a Conv1D flour-yield model
with Huber loss on heavy-tailed (Student-t) noise; an LSTM with ReduceLROnPlateau; an embedding
model of hurdle orders trained with Poisson loss on counts; a two-input functional model of
weaving time trained with a quantile (pinball) loss; a 200-row hurdle defect set that a wide MLP
overfits; a custom GradientTape loop with linear warm-up then cosine decay; a self-attention
classifier of ripening sequences (dropped, see below); and a custom loop with plain SGD that
converges slowly and is still improving at the end.

Broken half (9, one cause each): Adam with learning rate 0.5; sigmoid layers whose biases were
initialised to +6 (a forget-gate recipe copied onto dense layers), trained with SGD; a relu MLP
whose biases start at -4 (every unit dead); raw wheel sensor readings in the thousands fed to a
GRU; twelve stacked sigmoid dense layers after a Conv1D; a one-unit bottleneck before a 5-class
softmax; L2 of 1.0 on every layer; an embedding model with every kernel initialised to zeros;
and a custom loop with Adam at 1e-6. So the broken half holds 9 runs, not 12.

Dropped: a tanh MLP with a N(0, 2) initialiser (meant to be saturated) still learned as well as
the fixed model from its random binary features, and was replaced by the bias version above. No
exploding-gradients run survived: a relu SimpleRNN with recurrent gain 1.6 and clipnorm learned
fine, and an 8-layer relu MLP with a hand-set N(0, 0.6) initialiser and clipnorm started at a
loss of ~1e6 but kept falling by orders of magnitude (no stall). A one-unit softmax output with
binary cross-entropy (meant as loss_activation_mismatch) learned as well as the sigmoid version
under Keras 3, and log-transformed features with one log(0) = -inf row (meant as
non_finite_values) kept a finite, slowly falling loss instead of NaN; both were dropped. The
self-attention cellar classifier learned too little in its budget to be honestly called healthy
and was dropped as well, leaving 11 healthy runs.

Labels: `expected_causes[0]` is the root cause the scenario was built around. `stall_begins` is
the 0-based optimizer step from which the broken loss stops improving, None for "from the start".
The ones marked approximate were read off the per-epoch loss of a Session(None) run.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, registrar

FAMILIES = ('slate_splitters', 'mill_wrights', 'hurdle_makers', 'cheese_pressers')
REGISTRY = []
holdout208 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE
BATCH = 32


# ---------------------------------------------------------------------------------------------
# data


def _slate_table(seed, classes=3, dim=12, noise=0.3):
    """Quarry measurements of a block (standardized) and the grade it splits into."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(N, dim)).astype("float32")
    w = rng.normal(size=(dim, classes))
    y = np.argmax(np.tanh(x @ w / 2.0) + noise * rng.normal(size=(N, classes)), axis=1)
    return x, y.astype("int64")


def _grain_images(seed, size=12):
    """Grain photographs: 3 classes of stripe orientation (horizontal, vertical, diagonal)."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, N)
    i, j = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
    patterns = [np.sin(i * 1.2), np.sin(j * 1.2), np.sin((i + j) * 0.9)]
    phase = rng.uniform(0, 3, N)
    x = np.stack([np.roll(patterns[c], int(p), axis=0) for c, p in zip(y, phase)])
    x = x + 0.8 * rng.normal(size=x.shape)
    return x[..., None].astype("float32"), y.astype("int64")


def _wheel_series(seed, steps=24, raw=False):
    """Water-wheel rpm and head height over `steps` readings; target: next-hour rpm."""
    rng = np.random.default_rng(seed)
    head = rng.uniform(0.5, 2.0, (N, 1))
    t = np.arange(steps)[None, :]
    rpm = 8.0 * head + np.sin(t / 3.0 + rng.uniform(0, 6, (N, 1))) + 0.2 * rng.normal(
        size=(N, steps))
    y = rpm[:, -1] * 0.7 + 2.0 * head[:, 0] + 0.3 * rng.normal(size=N) * head[:, 0]
    x = np.stack([rpm, np.repeat(head, steps, axis=1)], axis=-1)
    if raw:
        x = x * np.array([150.0, 1000.0])  # rpm of the millstone, head in millimetres
    else:
        x = (x - x.mean(axis=(0, 1))) / x.std(axis=(0, 1))
    y = (y - y.mean()) / y.std()
    return x.astype("float32"), y.astype("float32")


def _hurdle_table(seed, dim=8):
    """Hurdle features (rod count, willow age, ...) and a standardized weaving time."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(N, dim)).astype("float32")
    y = np.sin(x[:, 0]) + 0.5 * x[:, 1] * x[:, 2] + 0.3 * x[:, 3] ** 2
    return x, ((y - y.mean()) / y.std()).astype("float32")


def _press_table(seed, dim=10):
    """Cheese press logs (pressure, hours, curd temperature, ...) and ripened weight loss."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(N, dim)).astype("float32")
    w = rng.normal(size=dim) / np.sqrt(dim)
    y = np.tanh(x @ w) + 0.3 * np.sin(2 * x[:, 0]) + 0.1 * rng.normal(size=N)
    return x, y.astype("float32")


# ---------------------------------------------------------------------------------------------
# slate_splitters


@holdout208("slate_splitters", healthy=True)
def sorters_mislabelled_grades(session):
    """Slate grade classifier (12 quarry measurements, 3 grades, 2x64 relu MLP, Adam 1e-3) where
    the sorters put 20% of blocks in a random grade: the cross-entropy flattens far above zero."""
    keras = _keras()
    x, y = _slate_table(20800)
    flip = np.random.default_rng(20801).random(N) < 0.2
    y = np.where(flip, np.random.default_rng(20802).integers(0, 3, N), y)
    model = _mlp(keras, 12, [64, 64], 3)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout208("slate_splitters", healthy=True)
def grain_cnn_step_schedule(session):
    """Noisy 12x12 grain photographs, small Conv2D net, SGD+momentum with a PiecewiseConstantDecay
    schedule (0.05, then 0.01 at step 200, 0.002 at step 400): the loss drops at each boundary."""
    keras = _keras()
    x, y = _grain_images(20803)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([200, 400], [0.05, 0.01, 0.002])
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=16, batch_size=BATCH)


@holdout208("slate_splitters", healthy=True)
def rare_cracked_slates(session):
    """Detector of cracked slates (5% positives) from 12 measurements, 32-unit relu MLP with a
    sigmoid output and binary cross-entropy, class_weight 1:10: a weighted loss that stays high."""
    keras = _keras()
    rng = np.random.default_rng(20804)
    x = rng.normal(size=(N, 12)).astype("float32")
    score = x[:, 0] + 0.8 * x[:, 1] - 0.5 * x[:, 2] + 0.7 * rng.normal(size=N)
    y = (score > np.quantile(score, 0.95)).astype("float32")
    model = _mlp(keras, 12, [32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_weighted(session, model, x, y, {0: 1.0, 1: 10.0})


def _fit_weighted(session, model, x, y, class_weight, epochs=15):
    """_fit with a class_weight (the probe is the last PROBE_SIZE rows, as in _fit)."""
    x_train, y_train = x[:-PROBE_SIZE], y[:-PROBE_SIZE]
    probe = (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(x_train, y_train, epochs=epochs, batch_size=BATCH, verbose=0,
                        class_weight=class_weight, callbacks=session.callbacks(probe))
    return history.history["loss"]


def _lr_half(session, broken):
    keras = _keras()
    x, y = _slate_table(20810, classes=4, noise=0.2)
    model = _mlp(keras, 12, [64, 64], 4)
    model.compile(keras.optimizers.Adam(0.5 if broken else 1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


@holdout208("slate_splitters", ["learning_rate_too_high"], stall_begins=None)
def adam_half(session):
    """Four-grade slate classifier, 2x64 relu MLP, where learning_rate=0.5 was typed for Adam (a
    value from an SGD recipe): the loss jumps up and never comes back near the fixed run's."""
    return _lr_half(session, True)


def _pinned_sigmoids(session, broken):
    keras = _keras()
    x, y = _slate_table(20811, dim=40)
    bias = keras.initializers.Constant(6.0) if broken else "zeros"
    model = keras.Sequential([
        keras.Input((40,)),
        keras.layers.Dense(64, activation="sigmoid", bias_initializer=bias),
        keras.layers.Dense(64, activation="sigmoid", bias_initializer=bias),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout208("slate_splitters", ["saturated_activations"], stall_begins=None)
def gate_bias_on_dense(session):
    """Slate grade classifier whose two sigmoid dense layers got bias_initializer=Constant(6.0),
    copied from an LSTM forget-gate tip: every unit sits at ~0.998 for every block, SGD barely
    moves them and the loss stays around chance."""
    return _pinned_sigmoids(session, True)


def _dead_threshold(session, broken):
    keras = _keras()
    x, y = _slate_table(20812, classes=3, dim=12)
    bias = keras.initializers.Constant(-4.0) if broken else "zeros"
    model = _mlp(keras, 12, [64, 64], 3, bias_initializer=bias)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


@holdout208("slate_splitters", ["dead_relus"], stall_begins=None)
def threshold_bias(session):
    """Slate grade classifier, 2x64 relu MLP, where bias_initializer=Constant(-4.0) was meant as
    a 'detection threshold': on standardized inputs no relu ever fires and the loss is flat."""
    return _dead_threshold(session, True)


# ---------------------------------------------------------------------------------------------
# mill_wrights


@holdout208("mill_wrights", healthy=True)
def wheel_gru_noisy_flow(session):
    """Next-hour wheel speed from 24 readings of rpm and head, GRU(16), Adam 3e-3, MSE: the
    noise grows with the head (heteroscedastic), so the loss flattens well above zero."""
    keras = _keras()
    x, y = _wheel_series(20820)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(16),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


@holdout208("mill_wrights", healthy=True)
def flour_yield_huber(session):
    """Flour yield from 24 wheel readings with Student-t (3 dof) noise on the yield, Conv1D net
    with Huber loss, Adam 2e-3: robust to the outliers, flattens at the noise floor."""
    keras = _keras()
    x, y = _wheel_series(20821)
    y = y + 0.4 * np.random.default_rng(20822).standard_t(3, size=N).astype("float32")
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(delta=1.0))
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout208("mill_wrights", healthy=True)
def lstm_reduce_on_plateau(session):
    """Wheel-speed forecaster, LSTM(16), Adam 1e-2 with ReduceLROnPlateau(monitor='loss',
    factor=0.3, patience=2): the rate steps down as the loss levels off at the noise."""
    keras = _keras()
    x, y = _wheel_series(20823)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(16),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-2), "mse")
    reduce = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.3, patience=2)
    return _fit(session, model, x, y, epochs=14, batch_size=BATCH, callbacks=[reduce])


def _raw_wheel(session, broken):
    keras = _keras()
    x, y = _wheel_series(20830, raw=broken)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(16),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


@holdout208("mill_wrights", ["unnormalized_inputs"], stall_begins=None)
def raw_millstone_readings(session):
    """GRU forecaster fed the raw logger columns (millstone rpm ~1,500, head in millimetres
    ~1,000) without scaling: the gates saturate and the loss hardly moves."""
    return _raw_wheel(session, True)


def _deep_sigmoid_head(session, broken):
    keras = _keras()
    x, y = _wheel_series(20831)
    depth, activation = (12, "sigmoid") if broken else (3, "relu")
    layers = [keras.Input(x.shape[1:]), keras.layers.Conv1D(16, 5, activation="relu"),
              keras.layers.GlobalAveragePooling1D()]
    layers += [keras.layers.Dense(32, activation=activation) for _ in range(depth)]
    layers.append(keras.layers.Dense(1))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


@holdout208("mill_wrights", ["vanishing_gradients"], stall_begins=None)
def twelve_sigmoid_layers(session):
    """Conv1D feature extractor followed by twelve sigmoid Dense(32) layers (an old textbook's
    'deep' head), SGD+momentum: the gradient reaching the early layers is nearly zero and the
    loss stays near the target's variance."""
    return _deep_sigmoid_head(session, True)


# ---------------------------------------------------------------------------------------------
# hurdle_makers


@holdout208("hurdle_makers", healthy=True)
def orders_per_village_poisson(session):
    """Monthly hurdle orders (counts) per village (an Embedding of 40 villages) and 4 season
    features, Poisson loss with an exponential output, Adam 5e-3: flattens at the count noise."""
    keras = _keras()
    rng = np.random.default_rng(20840)
    village = rng.integers(0, 40, N)
    season = rng.normal(size=(N, 4)).astype("float32")
    rate = np.exp(0.5 + 0.6 * rng.normal(size=40)[village] + 0.4 * season[:, 0])
    counts = rng.poisson(rate).astype("float32")
    v_in = keras.Input((1,), dtype="int32")
    s_in = keras.Input((4,))
    h = keras.layers.Flatten()(keras.layers.Embedding(40, 4)(v_in))
    h = keras.layers.Dense(16, activation="relu")(keras.layers.Concatenate()([h, s_in]))
    model = keras.Model([v_in, s_in], keras.layers.Dense(1, activation="exponential")(h))
    model.compile(keras.optimizers.Adam(5e-3), "poisson")
    return _fit_inputs(session, model, [village[:, None].astype("int32"), season], counts,
                       epochs=15)


def _fit_inputs(session, model, inputs, y, epochs):
    """_fit for a multi-input model: the last PROBE_SIZE rows of every input are the probe."""
    train = [a[:-PROBE_SIZE] for a in inputs]
    probe = ([a[-PROBE_SIZE:] for a in inputs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=BATCH, verbose=0,
                        callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout208("hurdle_makers", healthy=True)
def weaving_time_quantile(session):
    """Two-input model (rod measurements, weaver experience) predicting the 90th percentile of
    weaving time with a pinball loss, Adam 3e-3: the loss floor is set by the noise spread."""
    import tensorflow as tf

    keras = _keras()
    x, y = _hurdle_table(20841)
    y = y + 0.5 * np.random.default_rng(20842).gamma(2.0, size=N).astype("float32")
    rods, weaver = x[:, :5], x[:, 5:]

    def pinball(target, pred):
        err = target - pred[:, 0]
        return tf.reduce_mean(tf.maximum(0.9 * err, -0.1 * err))

    r_in, w_in = keras.Input((5,)), keras.Input((3,))
    h = keras.layers.Concatenate()([keras.layers.Dense(32, activation="relu")(r_in),
                                    keras.layers.Dense(8, activation="relu")(w_in)])
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([r_in, w_in], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(3e-3), pinball)
    return _fit_inputs(session, model, [rods, weaver], y, epochs=15)


@holdout208("hurdle_makers", healthy=True)
def small_defect_ledger(session):
    """Only 200 hurdles in the defect ledger (plus the probe), 2x128 relu MLP, Adam 3e-3: the
    training loss keeps falling towards zero as the wide net memorises the few examples."""
    keras = _keras()
    x, y = _slate_table(20843, classes=2, dim=10, noise=0.8)
    x, y = x[-(200 + PROBE_SIZE):], y[-(200 + PROBE_SIZE):]
    model = _mlp(keras, 10, [128, 128], 2)
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


def _bottleneck(session, broken):
    keras = _keras()
    x, y = _slate_table(20850, classes=5, dim=10, noise=0.1)
    width = 1 if broken else 32
    model = keras.Sequential([
        keras.Input((10,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(width, activation="relu"),
        keras.layers.Dense(5, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout208("hurdle_makers", ["insufficient_capacity"], stall_begins=100)  # approximate
def one_unit_bottleneck(session):
    """Five hurdle styles from 10 measurements; the hidden Dense got units=1 (the author meant
    one layer, not one unit): everything passes through a single relu and the loss levels off
    high while the 32-unit version keeps going down."""
    return _bottleneck(session, True)


def _heavy_l2(session, broken):
    keras = _keras()
    x, y = _hurdle_table(20851)
    reg = keras.regularizers.L2(1.0 if broken else 1e-5)
    model = _mlp(keras, 8, [64, 64], 1, out_activation=None, kernel_regularizer=reg)
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout208("hurdle_makers", ["over_regularization"], stall_begins=130)  # approximate
def l2_of_one(session):
    """Weaving-time regression, 2x64 relu MLP, kernel_regularizer=L2(1.0) on every layer (the
    author read the factor as a fraction of the loss): the weights are held near zero and the
    loss levels off around the target's variance."""
    return _heavy_l2(session, True)


def _zero_init(session, broken):
    keras = _keras()
    rng = np.random.default_rng(20852)
    willow = rng.integers(0, 30, N)
    feats = rng.normal(size=(N, 4)).astype("float32")
    y = (np.sin(rng.normal(size=30)[willow] * 2) + feats[:, 0] * feats[:, 1]).astype("float32")
    init = "zeros" if broken else "glorot_uniform"
    w_in, f_in = keras.Input((1,), dtype="int32"), keras.Input((4,))
    h = keras.layers.Flatten()(keras.layers.Embedding(30, 8, embeddings_initializer=init
                                                      if broken else "uniform")(w_in))
    h = keras.layers.Concatenate()([h, f_in])
    h = keras.layers.Dense(32, activation="tanh", kernel_initializer=init)(h)
    h = keras.layers.Dense(32, activation="tanh", kernel_initializer=init)(h)
    model = keras.Model([w_in, f_in], keras.layers.Dense(1, kernel_initializer=init)(h))
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit_inputs(session, model, [willow[:, None].astype("int32"), feats], y, epochs=12)


@holdout208("hurdle_makers", ["poor_initialization"], stall_begins=None)
def zeros_everywhere(session):
    """Willow-bed embedding plus 4 features, two tanh Dense(32) layers, where a config set
    every initializer to 'zeros' for reproducibility: every hidden unit stays identical and the
    loss stays near the target's variance."""
    return _zero_init(session, True)


# ---------------------------------------------------------------------------------------------
# cheese_pressers


def _warmup_cosine(keras, peak, warmup, total):
    return keras.optimizers.schedules.CosineDecay(0.0, total - warmup, warmup_target=peak,
                                                  warmup_steps=warmup)


@holdout208("cheese_pressers", healthy=True)
def press_loop_warmup_cosine(session):
    """Custom GradientTape loop on press logs, 2x64 relu MLP, Adam with a 60-step linear
    warm-up to 3e-3 then cosine decay to zero over 640 steps, MSE: flattens at the noise."""
    keras = _keras()
    x, y = _press_table(20860)
    model = _mlp(keras, 10, [64, 64], 1, out_activation=None)
    optimizer = keras.optimizers.Adam(_warmup_cosine(keras, 3e-3, 60, 640))
    return _custom_loop(session, model, optimizer, keras.losses.MeanSquaredError(), x, y,
                        epochs=20, batch_size=BATCH, seed=20861)


@holdout208("cheese_pressers", healthy=True)
def slow_sgd_still_improving(session):
    """Custom loop, 2x32 tanh MLP on press logs, plain SGD 0.02 without momentum: converges
    slowly and is still improving, steadily, at the end of the run."""
    keras = _keras()
    x, y = _press_table(20863)
    model = _mlp(keras, 10, [32, 32], 1, activation="tanh", out_activation=None)
    return _custom_loop(session, model, keras.optimizers.SGD(0.02),
                        keras.losses.MeanSquaredError(), x, y, epochs=20, batch_size=BATCH,
                        seed=20864)


def _tiny_adam(session, broken):
    keras = _keras()
    x, y = _press_table(20870)
    model = _mlp(keras, 10, [64, 64], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.Adam(1e-6 if broken else 1e-3),
                        keras.losses.MeanSquaredError(), x, y, epochs=15, batch_size=BATCH,
                        seed=20871)


@holdout208("cheese_pressers", ["learning_rate_too_low"], stall_begins=None)
def adam_one_micro(session):
    """Custom loop on press logs, 2x64 relu MLP, Adam(1e-6) (a fine-tuning rate reused for a
    model trained from scratch): the loss barely moves from its starting value."""
    return _tiny_adam(session, True)
