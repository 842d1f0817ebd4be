"""The hundred-and-thirty-fifth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades, six runs each, half of them healthy and half broken on purpose. Every run builds
its own data from a fixed seed (13501-13535); the last PROBE_SIZE rows of every data set are
the probe and are never trained on. Each broken run is written as a helper `_name(session,
broken)` that trains either the broken or the fixed version; both were trained without
tb-plateau and their loss curves compared before the label was written.

Healthy half (correct models, trained correctly; the loss flattens where the data allows):
- landscapers: weekly lawn growth with noise that grows with sunshine (heteroscedastic MSE,
  flattens near ~0.75); shrub survival with a fifth of the survey labels flipped, SGD with a
  PiecewiseConstantDecay step schedule (settles near ~0.48); soil moisture forecast by a GRU
  with Huber loss under a warm-up-then-cosine schedule (frozen at the sensor-noise floor).
- lumberjacks: timber volume from a two-input functional model (numbers plus a species
  Embedding) with heavy-tailed Student-t errors and Huber loss; bark species from only 192
  photos with a small Conv2D net, memorizing towards zero; the 90th percentile of log yield
  with a pinball loss in a custom GradientTape loop (flattens clearly above zero).
- grocers: rare spoiled crates (~4%) with class_weight; daily units sold with store and
  product Embeddings, an exponential output, Poisson loss and ReduceLROnPlateau (the loss is
  negative: Keras's Poisson loss drops log(y!)); a 'party basket' tagger with self-attention
  over product ids and one label in ten wrong (still falling slowly at the end).
- stonemasons: crack orientation in slab photos with a patient SGD-with-momentum recipe,
  still improving at the end; stone type from the chisel's ring with a Conv1D net, where
  neighbouring stones ring alike (flattens near ~0.54); a three-way parity of mixing
  conditions among irrelevant readings, learned by a tanh MLP after a short hesitation.

Broken half (one run per cause; the fixed twin trains the same model without the mistake):
- learning_rate_too_high: irrigation-zone MLP with Adam(learning_rate=1.0), read as a
  multiplier; bounces at the constant-guess level after the first blow-up.
- vanishing_gradients: a 12-layer sigmoid MLP with SGD; flat at the constant-guess level.
- poor_initialization: custom loop, tanh MLP with Constant(0.05) kernels; every unit stays
  identical and the loss levels at what one unit per layer can fit.
- learning_rate_too_low: a GRU moved from Adam to plain SGD keeping a 1e-5 fine-tuning rate.
- exploding_gradients: a tanh SimpleRNN with a RandomNormal(stddev=1.0) recurrent kernel
  (spectral radius ~5.7), SGD with momentum and no clipping; sits at the target variance
  while the orthogonal default goes on to ~0.003 (no NaN).
- over_regularization: a Conv1D grader with L1(0.05) on every kernel.
- dead_relus: a 3x64 relu MLP whose hidden biases start at -2; every unit is off for every
  input and the MSE sits at the target variance.
- loss_activation_mismatch: counts (5-20 a day) through a sigmoid output with Poisson loss.
- non_finite_values: custom loop, np.log(0) of three empty shelves put -inf in the features;
  the first batch holding one turns loss and weights NaN and the loop trains on for ten
  epochs (tanh hidden layers, so the NaN is not masked by relu).
- saturated_activations: two tanh Conv1D layers with biases initialized to +5; every unit is
  pinned at +1 for every trace.
- unnormalized_inputs: stone lab tests in raw SI units (Pa, kg/m^3), two columns ~1e8-1e10.
- insufficient_capacity: crack orientation through a single 3x3 filter and global pooling.

Dropped or changed because they did not behave as intended: a saturated_activations run with
tanh kernels drawn from RandomNormal(stddev=3.0) learned as well as the Glorot twin (the
saturated sign features still carried the signal), so it became the +5-bias Conv1D run; the
non_finite_values run first used relu hidden layers, and relu turned the NaN activations into
zeros, so its loss stayed finite and it kept learning: it uses tanh now; the one-filter crack
model with global max pooling at batch 16 sat at ln 4 and then started to learn late in the
run, so it is trained at batch 32 with Adam 3e-2, where it levels off (still creeping); the GRU
at SGD 1e-4 crept down steadily (~2% per epoch), so its rate is 1e-5; the parity run was meant
to show a long plateau before a sudden drop, but it only hesitated for a few dozen steps, so
it is described (and kept) as a healthy run that converges near zero.

Labels: `expected_causes` holds one cause, the root cause the run was built around.
`stall_begins` is the 0-based optimizer step from which the broken loss stops improving, or
None when it never improves from the start. The non_finite_values step is exact (computed
from the seeded shuffle of the custom loop); all the others were read off the per-step loss
of one training and are approximate, as noted in each scenario's description. Most Keras
initializers are left unseeded, so final losses vary a little from one training to the next.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _standardize, registrar

FAMILIES = ('landscapers', 'lumberjacks', 'grocers', 'stonemasons')

REGISTRY = []
holdout135 = registrar(REGISTRY)

N = 640 + PROBE_SIZE  # 640 training rows: 20 steps per epoch at batch size 32


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, callbacks=()):
    """model.fit for a multi-input model; the last PROBE_SIZE rows are the probe."""
    train = [a[:-PROBE_SIZE] for a in inputs]
    probe = ([a[-PROBE_SIZE:] for a in inputs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        verbose=0, callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


def _fit_weighted(session, model, x, y, *, epochs, batch_size, class_weight):
    """`_fit` with a class_weight (the probe is the last PROBE_SIZE rows)."""
    history = model.fit(x[:-PROBE_SIZE], y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        class_weight=class_weight, verbose=0,
                        callbacks=session.callbacks((x[-PROBE_SIZE:], y[-PROBE_SIZE:])))
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# data: each family's trade, from fixed seeds


def _garden_plots(n, seed, noise=0.3):
    """Garden plots: sun hours, water, fertilizer, soil pH, shade, slope (standardized) and a
    smooth nonlinear 'plant health' score."""
    r = np.random.default_rng(seed)
    x = r.normal(0.0, 1.0, size=(n, 6))
    score = (np.tanh(x[:, 0]) * 1.5 + np.sin(1.5 * x[:, 1]) - 0.5 * x[:, 2] ** 2
             + x[:, 3] * x[:, 4] * 0.7 - 0.4 * x[:, 5])
    score = score + r.normal(0.0, noise, size=n)
    return x.astype("float32"), score.astype("float32")


def _saw_sequences(n, seed, length=40, noise=0.3):
    """Chainsaw vibration traces: a tone whose frequency and amplitude rise as the chain dulls.
    Returns traces (n, length, 1) and the dullness in [0, 1]."""
    r = np.random.default_rng(seed)
    dull = r.uniform(0.0, 1.0, size=n)
    t = np.arange(length)[None, :]
    phase = r.uniform(0.0, 2 * np.pi, size=(n, 1))
    freq = 0.15 + 0.35 * dull[:, None]
    trace = (0.6 + 0.8 * dull[:, None]) * np.sin(freq * t + phase)
    trace = trace + r.normal(0.0, noise, size=(n, length))
    return trace[..., None].astype("float32"), dull.astype("float32")


def _bark_images(n, seed, size=16, noise=0.4):
    """Bark patches of three species: stripes of a species-specific spacing and slant."""
    r = np.random.default_rng(seed)
    y = r.integers(0, 3, size=n)
    rows, cols = np.mgrid[0:size, 0:size]
    spacing = np.array([2.0, 3.5, 5.5])[y]
    slant = np.array([0.0, 0.4, -0.3])[y] + r.normal(0.0, 0.1, size=n)
    phase = r.uniform(0.0, 2 * np.pi, size=n)
    arg = (cols[None] + slant[:, None, None] * rows[None]) * (2 * np.pi / spacing[:, None, None])
    img = np.sin(arg + phase[:, None, None]) + r.normal(0.0, noise, size=(n, size, size))
    return img[..., None].astype("float32"), y.astype("int32")


def _slab_images(n, seed, size=16, noise=0.35):
    """Stone slabs with a crack: none (0), horizontal (1), vertical (2) or diagonal (3),
    a darker line over a grainy texture."""
    r = np.random.default_rng(seed)
    y = r.integers(0, 4, size=n)
    img = r.normal(0.0, noise, size=(n, size, size))
    for i in range(n):
        p = r.integers(3, size - 3)
        if y[i] == 1:
            img[i, p, :] -= 1.0
        elif y[i] == 2:
            img[i, :, p] -= 1.0
        elif y[i] == 3:
            k = np.arange(size)
            img[i, k, (k + p) % size] -= 1.0
    return img[..., None].astype("float32"), y.astype("int32")


def _shop_days(n, seed):
    """Grocery days: store id (8), product id (30), price ratio, promotion flag, weekday
    features, and the units sold (Poisson around a multiplicative rate)."""
    r = np.random.default_rng(seed)
    store = r.integers(0, 8, size=n)
    product = r.integers(0, 30, size=n)
    store_eff = r.normal(0.0, 0.4, size=8)
    product_eff = r.normal(2.2, 0.5, size=30)
    price = r.normal(0.0, 1.0, size=n)
    promo = (r.uniform(size=n) < 0.2).astype("float64")
    weekend = (r.uniform(size=n) < 2 / 7).astype("float64")
    rate = np.exp(store_eff[store] + product_eff[product] - 0.3 * price + 0.5 * promo
                  + 0.3 * weekend)
    units = r.poisson(rate)
    dense = np.stack([price, promo, weekend], axis=1).astype("float32")
    return store.astype("int32"), product.astype("int32"), dense, units.astype("float32")


# ---------------------------------------------------------------------------------------------
# landscapers: garden plots, lawns and soil moisture


@holdout135("landscapers", healthy=True)
def lawn_growth_uneven_noise(session):
    """A landscaper's weekly lawn growth from six plot features, 2x64 relu MLP, MSE, Adam 3e-3.
    The growth varies more on sunny plots (noise sd from 0.2 to 1.4, heteroscedastic), so the
    loss flattens near the noise variance (~0.75), not near zero; nothing to fix."""
    keras = _keras()
    r = np.random.default_rng(13501)
    x, score = _garden_plots(N, seed=13502, noise=0.0)
    sd = 0.2 + 1.2 / (1.0 + np.exp(-2.0 * x[:, 0]))
    y = (score + r.normal(0.0, 1.0, size=N) * sd).astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout135("landscapers", healthy=True)
def plant_survival_noisy_labels(session):
    """Whether a planted shrub survives its first season, from the plot features; a fifth of the
    survey labels are wrong (a crew ticked the wrong box). 2x32 relu MLP, binary cross-entropy,
    SGD with momentum and a PiecewiseConstantDecay step schedule (0.05, then 0.01 at step 200,
    then 0.002 at step 320): the loss drops in steps and settles near 0.48, the floor the
    flipped labels set."""
    keras = _keras()
    r = np.random.default_rng(13503)
    x, score = _garden_plots(N, seed=13504, noise=0.2)
    y = (score > np.median(score)).astype("float32")
    flip = r.uniform(size=N) < 0.2
    y[flip] = 1.0 - y[flip]
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([200, 320], [0.05, 0.01, 0.002])
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout135("landscapers", healthy=True)
def soil_moisture_gru_warmup_cosine(session):
    """Tomorrow's soil moisture from the last 24 hourly readings of a bed (a slow drying curve,
    rain spikes and sensor noise), GRU(16), Huber loss, Adam with a linear warm-up to 5e-3
    over 60 steps then cosine decay to ~0: the loss falls fast, then the decay freezes it at
    the sensor-noise floor."""
    keras = _keras()
    r = np.random.default_rng(13505)
    length = 25
    base = r.uniform(0.2, 0.8, size=(N, 1))
    dry = r.uniform(0.005, 0.03, size=(N, 1))
    t = np.arange(length)[None, :]
    rain = (r.uniform(size=(N, length)) < 0.05) * r.uniform(0.1, 0.4, size=(N, length))
    series = base - dry * t + np.cumsum(rain, axis=1) + r.normal(0.0, 0.03, size=(N, length))
    series = (series - 0.5) / 0.3
    x = series[:, :-1, None].astype("float32")
    y = series[:, -1].astype("float32")
    steps = 14 * 20
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, decay_steps=steps - 60, warmup_target=5e-3, warmup_steps=60)
    model = keras.Sequential([keras.Input((length - 1, 1)), keras.layers.GRU(16),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(schedule), keras.losses.Huber(delta=1.0))
    return _fit(session, model, x, y, epochs=14, batch_size=32)


def _zone_classifier(session, broken):
    """Irrigation-zone class (3) of a plot, 2x64 relu MLP, Adam: 1.0 when broken, 3e-3 fixed."""
    keras = _keras()
    x, score = _garden_plots(N, seed=13506, noise=0.2)
    y = np.digitize(score, np.quantile(score, [1 / 3, 2 / 3])).astype("int32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    rate = 1.0 if broken else 3e-3
    model.compile(keras.optimizers.Adam(rate), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout135("landscapers", ["learning_rate_too_high"], stall_begins=40)
def zone_classifier_adam_rate_one(session):
    """Which of three irrigation zones a plot belongs in, 2x64 relu MLP, Adam with
    learning_rate=1.0: the author read the argument as a multiplier on the default rate. The
    first steps blow the logits up (the loss starts in the hundreds); by step ~40 it is back
    near the constant-guess level (~1.1) and bounces there for the rest of the run, while at
    3e-3 the same model reaches ~0.38 and is still improving. Stall step approximate."""
    return _zone_classifier(session, broken=True)


def _deep_plant_health(session, broken):
    """Plant-health class (3), 12 hidden layers of 32: sigmoid when broken, relu when fixed."""
    keras = _keras()
    x, score = _garden_plots(N, seed=13507, noise=0.2)
    y = np.digitize(score, np.quantile(score, [1 / 3, 2 / 3])).astype("int32")
    layers = [keras.Input((6,))]
    for _ in range(12):
        if broken:
            layers.append(keras.layers.Dense(32, activation="sigmoid"))
        else:
            layers.append(keras.layers.Dense(32, activation="relu",
                                             kernel_initializer="he_normal"))
    layers.append(keras.layers.Dense(3, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout135("landscapers", ["vanishing_gradients"], stall_begins=None)
def deep_sigmoid_plant_health(session):
    """Plant health (poor, fair, good) from six plot features through a 12-layer sigmoid MLP
    (a textbook network made deeper), SGD 0.05 with momentum: each sigmoid layer scales the
    backward signal by at most 1/4, the first layers get nothing, and the loss stays at the
    constant-guess level (~1.1). The same depth with relu and He initialization reaches ~0.4."""
    return _deep_plant_health(session, broken=True)


def _mowing_time_loop(session, broken):
    """Custom loop: mowing time regression, 2x64 tanh MLP; Constant(0.05) kernels when broken."""
    keras = _keras()
    x, y = _garden_plots(N, seed=13508, noise=0.2)
    y = (y - y.mean()) / y.std()
    init = keras.initializers.Constant(0.05) if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(64, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(64, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(1, kernel_initializer=init),
    ])
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3),
                        keras.losses.MeanSquaredError(), x, y, epochs=12, batch_size=32,
                        seed=13508)


@holdout135("landscapers", ["poor_initialization"], stall_begins=60)
def mowing_time_constant_init(session):
    """Custom GradientTape loop: a plot's mowing time (standardized) from its features, 2x64 tanh
    MLP whose kernels were all initialized with Constant(0.05) ("small weights"). Every hidden
    unit starts identical and receives the identical gradient, so each layer acts as one unit:
    the loss drops to what a single tanh path can fit (~0.53) and levels there, while the
    randomly initialized net goes on to ~0.2. Stall step approximate."""
    return _mowing_time_loop(session, broken=True)


# ---------------------------------------------------------------------------------------------
# lumberjacks: trees, bark and saws


@holdout135("lumberjacks", healthy=True)
def tree_volume_two_inputs(session):
    """Timber volume of a felled tree from its girth and height (two numeric inputs) and its
    species (an Embedding of 6), a functional model that concatenates them into a 32-unit relu
    layer, Huber loss, Adam 5e-3. The cruisers' tape readings have heavy-tailed errors (Student
    t, 2 degrees of freedom), so the loss levels off well above zero."""
    keras = _keras()
    r = np.random.default_rng(13510)
    girth = r.normal(0.0, 1.0, size=N)
    height = r.normal(0.0, 1.0, size=N)
    species = r.integers(0, 6, size=N)
    form = r.normal(1.0, 0.25, size=6)
    volume = form[species] * np.exp(0.5 * girth + 0.25 * height) - 1.0
    volume = volume + 0.3 * r.standard_t(2.0, size=N)
    numeric = np.stack([girth, height], axis=1).astype("float32")
    num_in = keras.Input((2,))
    sp_in = keras.Input((1,), dtype="int32")
    sp = keras.layers.Flatten()(keras.layers.Embedding(6, 4)(sp_in))
    h = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([num_in, sp]))
    model = keras.Model([num_in, sp_in], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(5e-3), keras.losses.Huber(delta=1.0))
    return _fit_inputs(session, model, [numeric, species[:, None].astype("int32")],
                       volume.astype("float32"), epochs=15, batch_size=32)


@holdout135("lumberjacks", healthy=True)
def bark_species_small_data(session):
    """Tree species from 16x16 bark patches, only 192 training photos, a small Conv2D net (8 and
    16 filters, max pooling, 32-unit head), Adam 2e-3, batch 16, 30 epochs: with so few photos
    the training loss keeps sliding towards zero (the net memorizes the set), a correct run on
    small data."""
    keras = _keras()
    x, y = _bark_images(192 + PROBE_SIZE, seed=13511, noise=0.6)
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Flatten(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=30, batch_size=16)


@holdout135("lumberjacks", healthy=True)
def log_yield_quantile_loop(session):
    """Custom GradientTape loop: the 90th percentile of sawn-board yield of a log (so the mill
    plans for good logs), from five log measurements, 2x32 relu MLP, pinball loss at q = 0.9,
    SGD 0.02 with momentum. Yield has wide skewed noise, so the pinball loss settles at a
    clearly positive value."""
    import tensorflow as tf

    keras = _keras()
    r = np.random.default_rng(13512)
    x = r.normal(0.0, 1.0, size=(N, 5)).astype("float32")
    y = 0.8 * x[:, 0] + 0.5 * np.tanh(2 * x[:, 1]) - 0.3 * x[:, 2] * x[:, 3]
    y = (y + r.gamma(2.0, 0.4, size=N) * (1.0 + 0.5 * np.abs(x[:, 4]))).astype("float32")
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])

    def pinball(targets, predictions):
        error = tf.reshape(targets, [-1]) - tf.reshape(predictions, [-1])
        return tf.reduce_mean(tf.maximum(0.9 * error, -0.1 * error))

    return _custom_loop(session, model, keras.optimizers.SGD(0.02, momentum=0.9), pinball, x, y,
                        epochs=15, batch_size=32, seed=13512)


def _chain_dullness_gru(session, broken):
    """Chain dullness from a vibration trace, GRU(16); SGD 1e-5 when broken, Adam 1e-3 fixed."""
    keras = _keras()
    x, y = _saw_sequences(N, seed=13513)
    model = keras.Sequential([keras.Input((40, 1)), keras.layers.GRU(16), keras.layers.Dense(1)])
    optimizer = keras.optimizers.SGD(1e-5) if broken else keras.optimizers.Adam(1e-3)
    model.compile(optimizer, "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout135("lumberjacks", ["learning_rate_too_low"], stall_begins=None)
def chain_dullness_sgd_tiny_rate(session):
    """When to sharpen: the dullness of a chainsaw chain (0..1) from a 40-sample vibration trace,
    GRU(16) + linear output, MSE. The author swapped Adam for plain SGD but kept the rate of the
    fine-tuning recipe the code came from, 1e-5: the loss barely moves from its starting value
    (~0.34, four times the target variance) over 240 steps, while Adam 1e-3 reaches ~0.02."""
    return _chain_dullness_gru(session, broken=True)


def _saw_rnn(session, broken):
    """Dullness from a vibration trace, tanh SimpleRNN(32); the recurrent kernel drawn from
    N(0, 1) when broken, Keras's orthogonal default when fixed."""
    keras = _keras()
    x, y = _saw_sequences(N, seed=13514)
    recurrent = (keras.initializers.RandomNormal(stddev=1.0, seed=13514) if broken
                 else "orthogonal")
    model = keras.Sequential([
        keras.Input((40, 1)),
        keras.layers.SimpleRNN(32, recurrent_initializer=recurrent),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout135("lumberjacks", ["exploding_gradients"], stall_begins=40)
def saw_rnn_unit_normal_recurrent(session):
    """Chain dullness from a 40-step vibration trace with a tanh SimpleRNN(32) whose recurrent
    kernel was set to RandomNormal(stddev=1.0) (copied from a Dense example): its spectral
    radius is ~5.7, so the state is chaotic and the backward signal grows by that factor per
    step through time. SGD 0.01 with momentum, no clipping: the huge, erratic gradients throw
    the weights around: after the first drop from the initial offset (~40 steps) the MSE sits
    at the target variance (~0.08) for the rest of the run, while the orthogonal default
    reaches ~0.003. Stall step approximate."""
    return _saw_rnn(session, broken=True)


def _log_grade_conv1d(session, broken):
    """Log grade (3) from a trace, Conv1D net; L1(0.05) on every kernel when broken, none
    fixed."""
    keras = _keras()
    x, dull = _saw_sequences(N, seed=13515)
    y = np.digitize(dull, [1 / 3, 2 / 3]).astype("int32")
    reg = keras.regularizers.L1(0.05) if broken else None
    model = keras.Sequential([
        keras.Input((40, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", kernel_regularizer=reg),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", kernel_regularizer=reg),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="softmax", kernel_regularizer=reg),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout135("lumberjacks", ["over_regularization"], stall_begins=150)
def log_grade_conv1d_heavy_l1(session):
    """Grade of a log (three classes) from the saw's vibration trace as it cuts, a Conv1D net
    with L1(0.05) on every kernel (the author wanted a sparse model and took the coefficient
    from a linear-model tutorial): the penalty drives the filters to zero within a couple of
    epochs (the loss falls from ~7 as the penalty shrinks) and from step ~150 the loss sits at
    ~1.12, the constant-guess cross-entropy plus what is left of the penalty, while the
    unpenalized net reaches ~0.16. Stall step approximate."""
    return _log_grade_conv1d(session, broken=True)


# ---------------------------------------------------------------------------------------------
# grocers: shelves, sales and baskets


@holdout135("grocers", healthy=True)
def spoiled_crate_rare_class(session):
    """Whether a produce crate spoils before it sells (about 4% of crates), from six readings
    (cold-room temperature, days in transit, humidity...), 2x32 relu MLP, binary cross-entropy
    with class_weight {0: 1, 1: 8} so the rare spoiled crates count, Adam 2e-3: the weighted
    loss falls and levels off well above zero, because spoilage is only partly predictable."""
    keras = _keras()
    r = np.random.default_rng(13520)
    x = r.normal(0.0, 1.0, size=(N, 6)).astype("float32")
    risk = 1.3 * x[:, 0] + 0.8 * x[:, 1] - 0.5 * x[:, 2] + r.normal(0.0, 1.0, size=N)
    y = (risk > np.quantile(risk, 0.96)).astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit_weighted(session, model, x, y, epochs=15, batch_size=32,
                         class_weight={0: 1.0, 1: 8.0})


@holdout135("grocers", healthy=True)
def daily_units_poisson_reduce_lr(session):
    """Units of a product sold in a store on a day: store and product Embeddings plus price,
    promotion and weekend flags, a 32-unit relu layer and an exponential output, Poisson loss,
    Adam 1e-2 with ReduceLROnPlateau (halve after 2 flat epochs). Counts are Poisson, so the
    loss settles at the Poisson noise level (a negative number in Keras's Poisson loss, which
    drops the log(y!) term); the rate is cut a few times as it flattens."""
    keras = _keras()
    store, product, dense, units = _shop_days(N, seed=13521)
    s_in = keras.Input((1,), dtype="int32")
    p_in = keras.Input((1,), dtype="int32")
    d_in = keras.Input((3,))
    s = keras.layers.Flatten()(keras.layers.Embedding(8, 3)(s_in))
    p = keras.layers.Flatten()(keras.layers.Embedding(30, 4)(p_in))
    h = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([s, p, d_in]))
    out = keras.layers.Dense(1, activation="exponential")(h)
    model = keras.Model([s_in, p_in, d_in], out)
    model.compile(keras.optimizers.Adam(1e-2), "poisson")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=2)
    return _fit_inputs(session, model, [store[:, None], product[:, None], dense], units,
                       epochs=15, batch_size=32, callbacks=[plateau])


@holdout135("grocers", healthy=True)
def party_basket_attention(session):
    """Whether a 10-item checkout basket is a 'party basket' (it holds both a snack from one
    aisle and a drink from another), product-id Embedding(40, 16), one MultiHeadAttention
    self-attention block (2 heads), average pooling and a sigmoid output, Adam 3e-3. One
    label in ten is wrong (cashiers' tagging), so the loss can only fall towards ~0.33; it is
    still falling slowly at ~0.43 at the end of the run."""
    keras = _keras()
    r = np.random.default_rng(13522)
    items = r.integers(0, 40, size=(N, 10))
    has_snack = (items < 6).any(axis=1)
    has_drink = ((items >= 6) & (items < 12)).any(axis=1)
    y = (has_snack & has_drink).astype("float32")
    flip = r.uniform(size=N) < 0.1
    y[flip] = 1.0 - y[flip]
    inp = keras.Input((10,), dtype="int32")
    e = keras.layers.Embedding(40, 16)(inp)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(e, e)
    h = keras.layers.GlobalAveragePooling1D()(keras.layers.Add()([e, a]))
    h = keras.layers.Dense(16, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(1, activation="sigmoid")(h))
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, items.astype("int32"), y, epochs=15, batch_size=32)


def _basket_value(session, broken):
    """Basket value from six features, 3x64 relu MLP; hidden biases Constant(-2) when broken."""
    keras = _keras()
    r = np.random.default_rng(13523)
    x = r.normal(0.0, 1.0, size=(N, 6)).astype("float32")
    y = (np.abs(x[:, 0]) + np.sin(2 * x[:, 1]) + x[:, 2] * x[:, 3] + 0.2 * r.normal(size=N))
    y = ((y - y.mean()) / y.std()).astype("float32")
    bias = keras.initializers.Constant(-2.0) if broken else "zeros"
    model = keras.Sequential(
        [keras.Input((6,))]
        + [keras.layers.Dense(64, activation="relu", bias_initializer=bias) for _ in range(3)]
        + [keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout135("grocers", ["dead_relus"], stall_begins=None)
def basket_value_negative_bias(session):
    """A basket's value (standardized) from six shopper features, 3x64 relu MLP whose hidden
    biases were initialized to -2 (the author meant to start 'mostly off' for sparsity): on
    standardized inputs no unit's pre-activation ever gets above zero, every relu outputs 0
    for every basket, and only the output bias learns, so the MSE sits at the target variance
    (~1.02); with zero biases the same net reaches ~0.12."""
    return _basket_value(session, broken=True)


def _units_sold(session, broken):
    """Units sold, Poisson loss; sigmoid output when broken, exponential output fixed."""
    keras = _keras()
    _, _, dense, units = _shop_days(N, seed=13524)
    r = np.random.default_rng(13524)
    extra = r.normal(0.0, 1.0, size=(N, 3)).astype("float32")
    x = np.concatenate([dense, extra], axis=1)
    out = "sigmoid" if broken else "exponential"
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation=out)])
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit(session, model, x, units, epochs=12, batch_size=32)


@holdout135("grocers", ["loss_activation_mismatch"], stall_begins=50)
def units_sold_sigmoid_poisson(session):
    """Units of a line sold per day (typically 5-20) from price, promotion and calendar
    features, Poisson loss, but the output layer kept the sigmoid from the spoilage classifier
    it was copied from: the predicted rate can never exceed 1, the output saturates at 1 and
    the loss flattens at ~1.0 from step ~50 while the exponential output reaches the
    (negative) Poisson floor, ~-18.8. Stall step approximate."""
    return _units_sold(session, broken=True)


STOCK_SEED = 13525
STOCK_ZERO_ROWS = (101, 377, 512)  # shelves counted empty: log(0) = -inf in the features


def _first_batch_with(rows, n_train, batch_size, seed):
    """The 1-based optimizer step at which `_custom_loop` (seeded order, remainder dropped)
    first feeds one of `rows`."""
    order = np.random.default_rng(seed).permutation(n_train)
    position = min(int(np.where(order == row)[0][0]) for row in rows)
    return position // batch_size + 1


def _shelf_turnover_loop(session, broken):
    """Custom loop, log-units regression with log(stock) as a feature; three empty shelves are
    left in when broken (log(0) = -inf), counted as 0.5 units when fixed; 2x32 tanh MLP."""
    keras = _keras()
    r = np.random.default_rng(STOCK_SEED)
    stock = r.integers(1, 60, size=N).astype("float64")
    stock[list(STOCK_ZERO_ROWS)] = 0.0 if broken else 0.5
    with np.errstate(divide="ignore"):
        log_stock = np.log(stock)
    other = r.normal(0.0, 1.0, size=(N, 4))
    y = 0.6 * np.log1p(stock) + 0.5 * other[:, 0] - 0.3 * other[:, 1] ** 2
    y = (y + 0.3 * r.normal(size=N)).astype("float32")
    x = np.concatenate([(log_stock[:, None] - 3.0), other], axis=1).astype("float32")
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(32, activation="tanh"), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3),
                        keras.losses.MeanSquaredError(), x, y, epochs=10, batch_size=32,
                        seed=STOCK_SEED)


@holdout135("grocers", ["non_finite_values"],
            stall_begins=_first_batch_with(STOCK_ZERO_ROWS, N - PROBE_SIZE, 32, STOCK_SEED) - 1)
def shelf_turnover_log_of_empty_stock(session):
    """Custom GradientTape loop: log units sold of a product from log(shelf stock) and four
    other features. Three shelves were counted empty and np.log(0) put -inf in those rows
    (numpy only warns). The first batch that holds one gives an infinite pre-activation, a
    NaN loss and NaN gradients; Adam writes NaN into every weight and the loss is NaN from
    then on, while the loop keeps training through all ten epochs. The step is exact for
    this seed (0-based, from the seeded shuffle)."""
    return _shelf_turnover_loop(session, broken=True)


# ---------------------------------------------------------------------------------------------
# stonemasons: slabs, chisels and mortar


@holdout135("stonemasons", healthy=True)
def slab_crack_cnn_patient_sgd(session):
    """Crack orientation (none, horizontal, vertical, diagonal) in grainy 16x16 slab photos,
    a small Conv2D net trained with SGD 0.02 and momentum 0.9 for 15 epochs: a sound but
    patient recipe whose loss falls steadily and is still going down at the end."""
    keras = _keras()
    x, y = _slab_images(N, seed=13530, noise=0.6)
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout135("stonemasons", healthy=True)
def stone_type_from_chisel_ring(session):
    """Which of three stones (granite, marble, limestone) is being dressed, from the ring of the
    chisel (a 40-sample trace whose pitch depends on the stone, but stones overlap and the
    workshop is noisy), Conv1D(16)-Conv1D(16)-pooling, Adam 3e-3: the loss flattens near 0.6
    because neighbouring stones ring alike."""
    keras = _keras()
    x, hardness = _saw_sequences(N, seed=13531, noise=0.9)
    r = np.random.default_rng(13531)
    blurred = hardness + r.normal(0.0, 0.12, size=N)
    y = np.digitize(blurred, [1 / 3, 2 / 3]).astype("int32")
    model = keras.Sequential([
        keras.Input((40, 1)),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout135("stonemasons", healthy=True)
def mortar_set_parity(session):
    """Whether a mortar batch sets properly: it fails when an odd number of three on/off mixing
    conditions hold (lime added, frost, over-watered), among five irrelevant readings. A 2x32
    tanh MLP with Adam 3e-3 hesitates near 0.62 for a few dozen steps while it finds the
    three-way interaction, then descends steadily and converges close to zero."""
    keras = _keras()
    r = np.random.default_rng(13532)
    bits = r.choice([-1.0, 1.0], size=(N, 3))
    noise = r.normal(0.0, 1.0, size=(N, 5))
    x = np.concatenate([bits, noise], axis=1).astype("float32")
    y = (np.prod(bits, axis=1) > 0).astype("float32")
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _ring_tanh_conv(session, broken):
    """Stone type (3) from a chisel ring trace, two tanh Conv1D layers; their biases start at
    +5 when broken, at zero when fixed; Adam 1e-3."""
    keras = _keras()
    x, hardness = _saw_sequences(N, seed=13533, noise=0.4)
    y = np.digitize(hardness, [1 / 3, 2 / 3]).astype("int32")
    bias = keras.initializers.Constant(5.0) if broken else "zeros"
    model = keras.Sequential([
        keras.Input((40, 1)),
        keras.layers.Conv1D(16, 5, activation="tanh", bias_initializer=bias),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="tanh", bias_initializer=bias),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout135("stonemasons", ["saturated_activations"], stall_begins=50)
def ring_tanh_conv_bias_five(session):
    """Which stone (granite, marble, limestone) is under the chisel, from its ring, with two
    tanh Conv1D layers whose biases were initialized to +5 (the author wanted the units
    'switched on' from the start): every tanh unit sits at +1 at every position of every
    trace, its slope is ~2e-4, the pooled features are the same for all stones and the loss
    falls only while the output layer learns the class frequencies (~50 steps), then stays at
    the constant-guess level (~1.10); with zero biases the same net learns the pitch and
    reaches ~0.7, still falling. Stall step approximate."""
    return _ring_tanh_conv(session, broken=True)


def _quarry_tests(session, broken):
    """Stone grade (3) from lab tests in raw SI units (kg/m^3, Pa, fractions) when broken,
    standardized when fixed; 2x64 relu MLP, Adam 1e-3."""
    keras = _keras()
    z, score = _garden_plots(N, seed=13534, noise=0.2)
    y = np.digitize(score, np.quantile(score, [1 / 3, 2 / 3])).astype("int32")
    scale = np.array([200.0, 3e7, 0.02, 0.004, 5e9, 40.0])
    offset = np.array([2600.0, 1.2e8, 0.05, 0.01, 4e10, 300.0])
    raw = (z * scale + offset).astype("float32")
    x = raw if broken else _standardize(raw)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout135("stonemasons", ["unnormalized_inputs"], stall_begins=20)
def quarry_lab_tests_raw_units(session):
    """Grade of a stone (three grades) from six lab tests fed in raw SI units: density in
    kg/m^3 (~2600), compressive strength in Pa (~1.2e8), porosity and absorption as fractions
    (~0.05, ~0.01), Young's modulus in Pa (~4e10), freeze-thaw cycles (~300). Two columns in
    the 1e8-1e10 range swamp the others: the logits are enormous, the cross-entropy starts in
    the billions, falls to ~2e8 within 20 steps and then bounces between 1e8 and 3e8 for the
    rest of the run, while the standardized version reaches ~0.5 and is still improving.
    Stall step approximate."""
    return _quarry_tests(session, broken=True)


def _slab_crack_filters(session, broken):
    """Crack orientation from slab photos: one 3x3 filter when broken, 16 when fixed."""
    keras = _keras()
    x, y = _slab_images(N, seed=13535, noise=0.35)
    filters = 1 if broken else 16
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(filters, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-2), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout135("stonemasons", ["insufficient_capacity"], stall_begins=150)
def slab_crack_one_filter(session):
    """Crack orientation (none, horizontal, vertical, diagonal) in slab photos with a single
    3x3 relu filter and global max pooling (the author shrank the net to 'start simple' and
    left it): one number per photo can tell a crack from no crack but not which way it runs,
    so the loss falls until step ~150 and then creeps by about 1% an epoch (it ended at ~0.85
    and ~0.70 in two trainings: the initial draw matters), while 16 filters reach ~0.003.
    Stall step approximate."""
    return _slab_crack_filters(session, broken=True)
