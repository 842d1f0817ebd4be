"""The hundred-and-ninety-first held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades keep the records. Lock keepers log fill times and upstream water levels; toll
collectors log axle-loop readings, vehicle counts and evasion flags; knife grinders log wheel
vibration spectra, edge close-ups and bench sheets; chimney sweeps log twenty weeks of burn log
per chimney and grade the soot they find. All data are synthetic, from seeds 19101-19136.

Healthy half (twelve runs, no causes): a heteroscedastic fill-time regression (MLP, Adam, MSE);
a GRU level forecast with Student-t gauge spikes under a Huber loss; a tanh MLP on SGD with
momentum and a PiecewiseConstantDecay schedule; five toll classes with a quarter of them keyed
by hand and partly wrong; Poisson vehicle counts from a multi-input model with booth and hour
embeddings and an exponential output; rare (4%) evasion flags with class_weight; a small
Conv2D on noisy edge close-ups under warm-up then cosine decay; a Conv1D on noisy spectra with
ReduceLROnPlateau; 160 bench records memorised by a wide MLP (small data); a 90th-percentile
pinball loss in a hand-written GradientTape loop; a multi-head-attention grader of burn logs;
and an LSTM on SGD with a cautious rate that is still improving at the end. Each flattens
where its data or schedule lets it, or keeps falling; nothing in the code needs fixing.

Broken half (eleven runs, one per cause, each a helper that trains the broken or the fixed
version; both were trained without tb-plateau and compared): gauge columns fed raw in their
logged units (thousands and tenths of a kelvin) to a relu MLP; a tanh SimpleRNN with an
orthogonal recurrent gain of 4 over 48 steps on SGD without clipping; L2(0.5) on every layer of
a Conv1D forecaster; RMSprop at 1e-6 on an
embedding model; a detection recipe's bias prior (-4.6) given to every hidden relu layer;
fraction-sized sigmoid outputs asked to fit percentages (the sigmoid pins at 1); ten stacked
sigmoid Conv1D layers; a softmax regression (hidden list left empty) on a pattern that needs
a hidden layer; log of a faulty gauge's zero or negative pressure (NaN and -inf in the
inputs, NaN loss from the first bad batch on); Adam at 0.5 on an LSTM; and zero-initialised
kernels in a custom loop.

Dropped or changed because they did not behave as intended: a softmax head under
SparseCategoricalCrossentropy(from_logits=True) trained as well as the matching loss (Keras
recovers the logits of a softmax output), and so did a one-unit softmax and a linear output
under binary crossentropy: the loss_activation_mismatch run was dropped for lack of time; tanh
units with N(0, 1) kernels on wide inputs (spectra, and a radial tolerance task) and a
Rescaling(255) typo before tanh layers both still learned, the saturated units acting as
random features, so the saturation run became the percent-versus-fraction sigmoid; a GRU(1)
on ordered wear states kept creeping down (one number can order four classes), so the
capacity run became the linear model; the deep sigmoid Conv1D first pooled globally, which
made even its relu fix fail (the class is where the peak lies), so both now flatten; a NaN
in the inputs under a softmax-output crossentropy gave a clipped finite loss, so the grader
is now a tanh regression in a GradientTape loop (relu units turned the NaN weights into
zeros and kept the loss finite), where the loss is NaN.

Labels: `expected_causes[0]` is the root cause the broken run was built around, and only one
is given. `stall_begins` is the optimizer step (0-based over the whole run, 32 steps per epoch
at batch 32) from which the loss stops improving, or None when it never improves. Two are
approximate, read off the per-epoch loss: the raw-units run falls from a huge start and levels
off near step 192, and the over-regularized Conv1D sheds its initial penalty and levels off
near step 288. The others are flat, bouncing or NaN from the start.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('lock_keepers', 'toll_collectors', 'knife_grinders', 'chimney_sweeps')
REGISTRY = []
holdout191 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data: each trade's own records, from fixed seeds


def _lock_table(seed, n=N):
    """A lock's fill records: head (m), chamber area, sluice opening, inflow, wind, temperature;
    the target is the fill time in minutes, noisier for deep locks (heteroscedastic)."""
    r = np.random.default_rng(seed)
    head = r.uniform(1.0, 12.0, n)
    area = r.uniform(200.0, 1500.0, n)
    opening = r.uniform(0.2, 1.0, n)
    inflow = r.gamma(2.0, 1.5, n)
    wind = r.normal(0.0, 1.0, n)
    temp = r.normal(12.0, 6.0, n)
    x = np.stack([head, area, opening, inflow, wind, temp], axis=1)
    clean = 4.0 * np.sqrt(head) * (area / 800.0) / opening / (1.0 + 0.1 * inflow) + 0.5 * wind
    y = clean + r.normal(0.0, 0.15 * head, n)
    y = (y - y.mean()) / y.std()
    return x.astype("float32"), y.astype("float32")


def _lock_levels(seed, n=N, length=32, heavy=False):
    """Upstream water-level traces sampled every ten minutes (tidal swing, gate pulses); the
    target is the level forty minutes after the trace ends."""
    r = np.random.default_rng(seed)
    t = np.arange(length + 4)
    period = r.uniform(10.0, 20.0, (n, 1))
    phase = r.uniform(0.0, 2 * np.pi, (n, 1))
    amp = r.uniform(0.5, 1.5, (n, 1))
    series = amp * np.sin(2 * np.pi * t / period + phase) + 0.1 * r.normal(size=(n, length + 4))
    x = series[:, :length, None]
    y = series[:, -1]
    if heavy:
        y = y + 0.3 * r.standard_t(2.0, n)
    return x.astype("float32"), y.astype("float32")


def _toll_table(seed, n=N, classes=5, flip=0.0):
    """Axle-loop readings of vehicles at a booth (axles, length, weight, speed, gap and eight
    loop-signal features); the label is the vehicle's toll class. `flip` mislabels a share."""
    r = np.random.default_rng(seed)
    centers = r.normal(0.0, 1.6, (classes, 12))
    y = r.integers(0, classes, n)
    x = centers[y] + r.normal(0.0, 1.0, (n, 12))
    x = x + 0.6 * np.sin(2.0 * x[:, ::-1])
    if flip:
        wrong = r.random(n) < flip
        y = np.where(wrong, r.integers(0, classes, n), y)
    return _standardize(x), y.astype("int32")


def _grind_spectra(seed, n=N, bins=48, classes=4, noise=0.6):
    """Vibration spectra from the grinding wheel (48 frequency bins); the label is the wear
    state of the blade, each with its own resonance peaks."""
    r = np.random.default_rng(seed)
    f = np.linspace(0.0, 1.0, bins)
    y = r.integers(0, classes, n)
    centre = 0.2 + 0.18 * y[:, None] + r.normal(0.0, 0.03, (n, 1))
    width = 0.04 + 0.01 * r.random((n, 1))
    x = np.exp(-((f - centre) ** 2) / (2 * width ** 2))
    x = x + 0.5 * np.exp(-((f - 0.5 * centre) ** 2) / (2 * width ** 2))
    x = x + noise * r.normal(size=(n, bins))
    return x.astype("float32"), y.astype("int32")


def _edge_images(seed, n=N, size=12, noise=0.5):
    """12x12 grey close-ups of a blade edge: a bright line at one of three bevel angles;
    the label is the bevel class."""
    r = np.random.default_rng(seed)
    y = r.integers(0, 3, n)
    angles = np.array([0.3, 0.8, 1.3])[y] + r.normal(0.0, 0.12, n)
    offsets = r.uniform(-2.0, 2.0, n)
    g = np.arange(size) - (size - 1) / 2.0
    yy, xx = np.meshgrid(g, g, indexing="ij")
    dist = (np.cos(angles)[:, None, None] * yy - np.sin(angles)[:, None, None] * xx
            - offsets[:, None, None])
    img = np.exp(-dist ** 2 / 1.5) + noise * r.normal(size=(n, size, size))
    return img[..., None].astype("float32"), y.astype("int32")


def _flue_sequences(seed, n=N, length=20, classes=3):
    """A chimney's weekly burn log: per week, hours burnt, wood moisture, draft and flue
    temperature; the label is the soot risk grade a sweep gave at the end."""
    r = np.random.default_rng(seed)
    hours = r.gamma(2.0, 1.0, (n, length))
    moist = r.uniform(0.1, 0.4, (n, length))
    draft = r.normal(0.0, 1.0, (n, length))
    temp = r.normal(0.0, 1.0, (n, length))
    deposit = (hours * moist * (1.0 - 0.3 * np.tanh(draft))).sum(axis=1)
    score = (deposit - deposit.mean()) / deposit.std() + 0.4 * r.normal(size=n)
    y = np.digitize(score, np.quantile(score, [1 / 3, 2 / 3]))
    x = np.stack([hours - 2.0, (moist - 0.25) * 10, draft, temp], axis=2)
    return x.astype("float32"), y.astype("int32")


# ---------------------------------------------------------------------------------------------
# lock_keepers: fill times and water levels of a canal lock


@holdout191("lock_keepers", healthy=True)
def fill_time_heteroscedastic(session):
    """A lock keeper's fill-time table (head, chamber area, sluice opening, inflow, wind,
    temperature), standardized, into a 2x64 relu MLP with Adam 2e-3 and MSE for 25 epochs. The
    gauge noise grows with the head, so the loss flattens well above zero where the
    noise of the deep locks leaves it; nothing is wrong with the run."""
    keras = _keras()
    x, y = _lock_table(19101)
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, _standardize(x), y, epochs=25, batch_size=32)


@holdout191("lock_keepers", healthy=True)
def level_gru_huber(session):
    """Upstream water-level traces (32 ten-minute samples) forecast forty minutes ahead by a
    GRU(24) with a linear head, Huber loss and Adam 3e-3 for 15 epochs. The targets carry
    Student-t (2 degrees of freedom) gauge spikes, so the Huber loss levels off at the spikes'
    floor after a steady fall."""
    keras = _keras()
    x, y = _lock_levels(19102, heavy=True)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.Huber(delta=1.0))
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout191("lock_keepers", healthy=True)
def leakage_piecewise_sgd(session):
    """The same fill-time table, a 2x48 tanh MLP trained with SGD + momentum 0.9 on a
    PiecewiseConstantDecay schedule (0.02, then 0.005 at step 320, 0.001 at step 640) for 30
    epochs: the loss drops at each boundary and settles on the noise floor."""
    keras = _keras()
    x, y = _lock_table(19103)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([320, 640], [0.02, 0.005, 0.001])
    model = _mlp(keras, 6, [48, 48], 1, activation="tanh", out_activation=None)
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "mse")
    return _fit(session, model, _standardize(x), y, epochs=30, batch_size=32)


def _raw_gauges(session, broken):
    x, y = _lock_table(19104)
    # chamber area in litres-equivalent and temperature in tenths of a kelvin, as logged
    x = x * np.array([1.0, 1000.0, 1.0, 1.0, 1.0, 10.0], dtype="float32")
    x[:, 5] += 2731.5
    keras = _keras()
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    inputs = x if broken else _standardize(x)
    return _fit(session, model, inputs, y, epochs=20, batch_size=32)


@holdout191("lock_keepers", ["unnormalized_inputs"], stall_begins=192)  # approximate
def raw_gauge_units(session):
    """The fill-time table fed straight from the gauge log: chamber area in thousands
    (hundreds of thousands), temperature in tenths of a kelvin (~2,800), head in metres; no
    scaling, a 2x64 relu MLP, Adam 1e-3, MSE, 20 epochs. The large columns swamp the first
    layer and the loss stays far above what the standardized table reaches."""
    return _raw_gauges(session, broken=True)


def _tidal_rnn(session, broken):
    keras = _keras()
    x, y = _lock_levels(19105, length=48)
    gain = 4.0 if broken else 1.0
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.SimpleRNN(32, recurrent_initializer=keras.initializers.Orthogonal(gain),
                               kernel_initializer=keras.initializers.RandomNormal(stddev=gain / 2)),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout191("lock_keepers", ["exploding_gradients"], stall_begins=None)
def tidal_rnn_gain(session):
    """Water-level traces of 48 samples into a tanh SimpleRNN(32) whose recurrent matrix was
    initialised orthogonal with gain 4 (a 'stronger memory' tweak from a forum post), SGD 0.05
    with momentum and no clipping. Back-propagated through 48 steps the gradient grows by the
    recurrent gain at every step; the updates throw the weights about and the loss never
    settles near what gain 1 reaches."""
    return _tidal_rnn(session, broken=True)


def _gate_conv(session, broken):
    keras = _keras()
    x, y = _lock_levels(19106)
    reg = keras.regularizers.L2(0.5 if broken else 1e-4)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", kernel_regularizer=reg),
        keras.layers.Conv1D(16, 5, activation="relu", kernel_regularizer=reg),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(1, kernel_regularizer=reg),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout191("lock_keepers", ["over_regularization"], stall_begins=288)  # approximate
def gate_conv_l2(session):
    """Water-level traces forecast by a Conv1D net (two 16-filter convs, pooling, 32 relu)
    where every layer carries L2(0.5): the weight decay was copied from a recipe that summed the
    penalty over a mean-reduced loss scaled differently. The penalty pins the weights near zero
    and the net predicts little more than the mean level; with L2(1e-4) it forecasts well."""
    return _gate_conv(session, broken=True)


# ---------------------------------------------------------------------------------------------
# toll_collectors: vehicle classes, traffic counts and toll evasion at a booth


@holdout191("toll_collectors", healthy=True)
def vehicle_class_label_noise(session):
    """Axle-loop readings classified into five toll classes by a 2x64 relu MLP, Adam 2e-3,
    sparse crossentropy, 20 epochs. A quarter of the classes were keyed by hand at the booth
    and a fifth of them are wrong, so the loss flattens high on the mislabelled share."""
    keras = _keras()
    x, y = _toll_table(19111, flip=0.25)
    model = _mlp(keras, 12, [64, 64], 5)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _traffic_counts(seed, n=N):
    r = np.random.default_rng(seed)
    booth = r.integers(0, 12, n)
    hour = r.integers(0, 24, n)
    weather = r.normal(0.0, 1.0, (n, 3))
    booth_rate = r.uniform(0.5, 2.0, 12)
    rush = 1.0 + 1.5 * np.exp(-((hour - 8) ** 2) / 4.0) + 1.2 * np.exp(-((hour - 17) ** 2) / 5.0)
    rate = booth_rate[booth] * rush * np.exp(0.2 * weather[:, 0] - 0.1 * weather[:, 1]) * 3.0
    y = r.poisson(rate).astype("float32")
    return booth.astype("int32"), hour.astype("int32"), weather.astype("float32"), y


@holdout191("toll_collectors", healthy=True)
def booth_counts_poisson(session):
    """Vehicles per five minutes at twelve booths: a multi-input model with embeddings of the
    booth (12x4) and the hour (24x4) and three weather readings, a 32-unit relu layer and an
    exponential output, Poisson loss, Adam 5e-3, 20 epochs. The counts are Poisson, so the loss
    stops at their own randomness."""
    keras = _keras()
    booth, hour, weather, y = _traffic_counts(19112)
    b_in, h_in, w_in = keras.Input((1,)), keras.Input((1,)), keras.Input((3,))
    b = keras.layers.Flatten()(keras.layers.Embedding(12, 4)(b_in))
    h = keras.layers.Flatten()(keras.layers.Embedding(24, 4)(h_in))
    z = keras.layers.Concatenate()([b, h, w_in])
    z = keras.layers.Dense(32, activation="relu")(z)
    out = keras.layers.Dense(1, activation="exponential")(z)
    model = keras.Model([b_in, h_in, w_in], out)
    model.compile(keras.optimizers.Adam(5e-3), "poisson")
    cut = -PROBE_SIZE
    history = model.fit([booth[:cut, None], hour[:cut, None], weather[:cut]], y[:cut],
                        epochs=20, batch_size=32, verbose=0,
                        callbacks=session.callbacks(
                            ([booth[cut:, None], hour[cut:, None], weather[cut:]], y[cut:])))
    return history.history["loss"]


@holdout191("toll_collectors", healthy=True)
def evasion_rare_weighted(session):
    """Toll evasion flags (about 4% of passages) from the axle-loop readings, a 32-16 relu MLP
    with a sigmoid output, binary crossentropy with class_weight {0: 1, 1: 10}, Adam 1e-3, 20
    epochs. The two classes overlap, so the weighted loss flattens well above zero."""
    keras = _keras()
    r = np.random.default_rng(19113)
    x, _ = _toll_table(19113)
    score = x[:, 0] + 0.7 * x[:, 3] - 0.5 * x[:, 7] + 0.8 * r.normal(size=len(x))
    y = (score > np.quantile(score, 0.96)).astype("float32")
    model = _mlp(keras, 12, [32, 16], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_weighted(session, model, x, y, {0: 1.0, 1: 10.0})


def _fit_weighted(session, model, x, y, class_weight):
    history = model.fit(x[:-PROBE_SIZE], y[:-PROBE_SIZE], epochs=20, batch_size=32, verbose=0,
                        class_weight=class_weight,
                        callbacks=session.callbacks((x[-PROBE_SIZE:], y[-PROBE_SIZE:])))
    return history.history["loss"]


def _booth_embed(session, broken):
    keras = _keras()
    booth, hour, weather, counts = _traffic_counts(19115)
    y = (counts > np.median(counts)).astype("int32")
    x = np.concatenate([booth[:, None], hour[:, None]], axis=1).astype("int32")
    model = keras.Sequential([
        keras.Input((2,), dtype="int32"),
        keras.layers.Embedding(24, 8),
        keras.layers.Flatten(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(2, activation="softmax"),
    ])
    rate = 1e-3 / 1000 if broken else 1e-3
    model.compile(keras.optimizers.RMSprop(rate), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout191("toll_collectors", ["learning_rate_too_low"], stall_begins=None)
def busy_slot_rmsprop_tiny(session):
    """Is a booth's five-minute slot busy? Booth and hour ids share an Embedding(24, 8), a
    32 relu layer and a softmax, RMSprop with the rate written as 1e-3 / 1000 (a milli- slip in a
    config converting 'per mille'). 1e-6 barely moves the embeddings: the loss stays at the
    coin-flip level for all 15 epochs."""
    return _booth_embed(session, broken=True)


def _prior_bias(session, broken):
    keras = _keras()
    x, y = _toll_table(19116, classes=4)
    bias = keras.initializers.Constant(-4.6 if broken else 0.0)
    model = _mlp(keras, 12, [64, 64, 64], 4, bias_initializer=bias)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout191("toll_collectors", ["dead_relus"], stall_begins=None)
def prior_bias_everywhere(session):
    """Four toll classes, a 3x64 relu MLP where bias_initializer=Constant(-4.6) (the
    rare-class prior log(0.01/0.99) of a detection recipe, meant for the output layer only) was
    passed to every hidden layer. Almost every relu starts below zero for every passage,
    passes no gradient and never comes back; the loss sits near the class-prior level."""
    return _prior_bias(session, broken=True)


# ---------------------------------------------------------------------------------------------
# knife_grinders: wear states, bevels and grit recipes at a grinding shop


@holdout191("knife_grinders", healthy=True)
def bevel_cnn_warmup_cosine(session):
    """Noisy 12x12 close-ups of blade edges classified into three bevel angles by a small
    Conv2D net (8 and 16 filters, pooling, 32 relu), Adam on a CosineDecay schedule with 80
    warm-up steps to 3e-3 then decay over the rest, 20 epochs. The angles overlap, so the loss
    settles above zero as the rate decays."""
    keras = _keras()
    x, y = _edge_images(19121)
    schedule = keras.optimizers.schedules.CosineDecay(1e-5, decay_steps=560, warmup_target=3e-3,
                                                      warmup_steps=80)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout191("knife_grinders", healthy=True)
def wear_spectra_reduce_on_plateau(session):
    """Vibration spectra (48 bins) of the wheel classified into four wear states by a Conv1D
    net (two 16-filter convs, pooling, 32 relu), Adam 3e-3 with ReduceLROnPlateau (factor 0.3,
    patience 2) on the training loss, 20 epochs. Heavy sensor noise keeps the loss above zero
    and the rate cuts make its last epochs flat."""
    keras = _keras()
    x, y = _grind_spectra(19122, noise=1.1)
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    cut = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=2, min_lr=1e-5)
    return _fit(session, model, x[..., None], y, epochs=20, batch_size=32, callbacks=[cut])


@holdout191("knife_grinders", healthy=True)
def grit_recipe_small_data(session):
    """A grinder's own notebook: 160 sharpenings (steel hardness, angle, grit sequence and
    pressure, 10 features) against the measured edge retention, with a 2x128 relu MLP, Adam
    2e-3 and MSE for 40 epochs on batches of 16. So few records for so many weights: the
    training loss falls towards zero as the net memorises them, as expected on small data."""
    keras = _keras()
    r = np.random.default_rng(19123)
    n = 160 + PROBE_SIZE
    x = r.normal(size=(n, 10)).astype("float32")
    y = (np.tanh(x[:, 0] * x[:, 1]) + 0.5 * x[:, 2] + 0.5 * r.normal(size=n)).astype("float32")
    model = _mlp(keras, 10, [128, 128], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


def _edge_retention(session, broken):
    keras = _keras()
    x, _ = _grind_spectra(19124, noise=0.3)
    r = np.random.default_rng(19124)
    frac = 1.0 / (1.0 + np.exp(-(4.0 * x[:, 10:20].mean(1) - 3.0 * x[:, 30:40].mean(1))))
    frac = np.clip(frac + 0.05 * r.normal(size=len(x)), 0.0, 1.0)
    # the bench sheet records the edge retention in percent
    y = (frac * 100.0 if broken else frac).astype("float32")
    model = _mlp(keras, 48, [64, 64], 1, activation="tanh", out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, _standardize(x), y, epochs=15, batch_size=32)


@holdout191("knife_grinders", ["saturated_activations"], stall_begins=None)
def retention_percent_sigmoid(session):
    """Edge retention after a grind (a share of the fresh edge kept after a cut test) from the
    wheel's spectrum, a 2x64 tanh MLP with a sigmoid output as for a fraction, MSE, Adam 1e-3.
    The bench sheet gives the retention in percent (0-100), not as a fraction: the sigmoid is
    pushed to 1 on every blade, its slope there is nil, and the loss stays on a high shelf
    from the first epoch while the fraction targets train down to the noise."""
    return _edge_retention(session, broken=True)


def _deep_sigmoid_conv(session, broken):
    keras = _keras()
    x, y = _grind_spectra(19125, noise=0.4)
    depth, act = (10, "sigmoid") if broken else (3, "relu")
    layers = [keras.Input((48, 1))]
    layers += [keras.layers.Conv1D(8, 3, padding="same", activation=act) for _ in range(depth)]
    layers += [keras.layers.Flatten(), keras.layers.Dense(4, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x[..., None], y, epochs=15, batch_size=32)


@holdout191("knife_grinders", ["vanishing_gradients"], stall_begins=None)
def deep_sigmoid_conv1d(session):
    """Wear spectra through ten stacked Conv1D(8, 3) layers with sigmoid activations (the
    'deeper is better' version of a three-layer relu net), a flatten and softmax, SGD 0.05 +
    momentum. Each sigmoid layer shrinks the backward signal by four or more; the early
    filters never learn and the loss stays at the chance level."""
    return _deep_sigmoid_conv(session, broken=True)


def _hardness_angle(session, broken):
    keras = _keras()
    r = np.random.default_rng(19126)
    x = r.normal(size=(N, 6)).astype("float32")
    # a blade holds its edge when hardness and bevel angle are both high or both low
    y = ((x[:, 0] * x[:, 1] + 0.3 * r.normal(size=N)) > 0).astype("int32")
    hidden = [] if broken else [32, 32]
    model = _mlp(keras, 6, hidden, 2)
    model.compile(keras.optimizers.Adam(5e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout191("knife_grinders", ["insufficient_capacity"], stall_begins=None)
def hold_edge_no_hidden(session):
    """Does a blade hold its edge? Six standardized shop measurements (hardness, bevel angle,
    grit, pressure, passes, coolant), where the edge holds when hardness and angle are both
    high or both low. The model helper was called with its hidden-layer list left empty, so it
    is a softmax regression: a linear boundary cannot split that pattern, and the loss sits
    near log 2 while 2x32 relu layers learn it."""
    return _hardness_angle(session, broken=True)


# ---------------------------------------------------------------------------------------------
# chimney_sweeps: soot, draft and burn logs


@holdout191("chimney_sweeps", healthy=True)
def soot_quantile_custom_loop(session):
    """A sweep's estimate of the soot thickness she will find, as its 90th percentile
    (pinball loss, q=0.9), from the total burn log (hours, moisture, draft, flue temperature
    summaries, 8 features), a 2x32 relu MLP in a hand-written GradientTape loop with Adam 3e-3,
    20 epochs. The pinball loss levels off at the spread of the soot itself."""
    keras = _keras()
    x, _ = _flue_sequences(19131)
    feats = np.concatenate([x.mean(axis=1), x.std(axis=1)], axis=1)
    r = np.random.default_rng(19131)
    y = (feats[:, 0] * feats[:, 1] + 0.5 * feats[:, 2] + (0.3 + 0.3 * np.abs(feats[:, 0]))
         * r.normal(size=len(x))).astype("float32")[:, None]

    def pinball(y_true, y_pred):
        e = y_true - y_pred
        return keras.ops.mean(keras.ops.maximum(0.9 * e, -0.1 * e))

    model = _mlp(keras, 8, [32, 32], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), pinball,
                        _standardize(feats), y, epochs=20, batch_size=32, seed=19131,
                        loss_description="pinball(q=0.9)")


@holdout191("chimney_sweeps", healthy=True)
def burn_log_attention(session):
    """Twenty weeks of burn log per chimney graded into three soot risks by a small attention
    model: a 16-wide projection, MultiHeadAttention (2 heads of 8) with a residual, LayerNorm,
    average pooling and softmax, Adam 2e-3, 15 epochs. The grade was given by eye, so the loss
    flattens above zero."""
    keras = _keras()
    x, y = _flue_sequences(19132)
    inp = keras.Input(x.shape[1:])
    h = keras.layers.Dense(16)(inp)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    out = keras.layers.Dense(3, activation="softmax")(h)
    model = keras.Model(inp, out)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout191("chimney_sweeps", healthy=True)
def draft_lstm_slow(session):
    """Flue-draft regression from the twenty-week burn log with an LSTM(16) and a linear
    head, SGD 0.02 with momentum 0.9 and MSE, 20 epochs: a cautious rate, so the loss is still
    coming down slowly at the end rather than levelling off."""
    keras = _keras()
    x, _ = _flue_sequences(19133)
    y = (x[:, :, 0] * x[:, :, 1]).mean(axis=1) + 0.5 * x[:, -3:, 2].mean(axis=1)
    y = ((y - y.mean()) / y.std()).astype("float32")
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(16),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _log_draft(session, broken):
    keras = _keras()
    x, _ = _flue_sequences(19134)
    r = np.random.default_rng(19134)
    y = ((x[:, :, 0] + 2.0) * (x[:, :, 1] / 10 + 0.25)).sum(axis=1)
    y = ((y - y.mean()) / y.std()).astype("float32")
    pressure = np.abs(x[:, :, 2]).mean(axis=1) + 0.05
    if broken:
        # a faulty gauge logged zero or slightly negative pressure on some visits
        bad = r.random(len(x)) < 0.03
        pressure = np.where(bad, -r.uniform(0.0, 0.01, len(x)), pressure)
    with np.errstate(invalid="ignore", divide="ignore"):
        log_p = np.log(pressure)
    feats = np.concatenate([x.mean(axis=1), x.std(axis=1), log_p[:, None]], axis=1)
    mu, sd = np.nanmean(feats, axis=0), np.nanstd(feats, axis=0)
    feats = ((feats - mu) / sd).astype("float32")
    model = _mlp(keras, 9, [32, 32], 1, activation="tanh", out_activation=None)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3),
                        keras.losses.MeanSquaredError(), feats, y[:, None], epochs=8,
                        batch_size=32, seed=19134)


@holdout191("chimney_sweeps", ["non_finite_values"], stall_begins=None)
def log_draft_bad_gauge(session):
    """Burn-log summaries plus log(draft pressure) into a 2x32 tanh MLP regressing the soot
    load, MSE in a hand-written GradientTape loop, Adam 2e-3, 8 epochs. A faulty gauge logged
    zero or negative pressure on about 3% of visits;
    np.log turns them into NaN and -inf (np.nanmean hides them in the scaling), the first batch
    holding one makes the loss NaN and the weights NaN with it."""
    return _log_draft(session, broken=True)


def _grade_lstm(session, broken):
    keras = _keras()
    x, y = _flue_sequences(19135)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(24),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(0.5 if broken else 5e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout191("chimney_sweeps", ["learning_rate_too_high"], stall_begins=None)
def grade_lstm_adam_half(session):
    """Soot grade from the twenty-week burn log with an LSTM(24) and softmax, Adam at 0.5 (the
    sweep's notes said '5e-3', typed as 0.5). Every step moves each weight by up to half a
    unit: the gates slam open and shut and the loss bounces around the chance level."""
    return _grade_lstm(session, broken=True)


def _zero_init(session, broken):
    keras = _keras()
    x, y = _flue_sequences(19136)
    feats = _standardize(np.concatenate([x.mean(axis=1), x.std(axis=1), x[:, -1]], axis=1))
    init = "zeros" if broken else "he_normal"
    model = _mlp(keras, 12, [48, 48], 3, out_activation=None, kernel_initializer=init)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), loss, feats, y,
                        epochs=15, batch_size=32, seed=19136)


@holdout191("chimney_sweeps", ["poor_initialization"], stall_begins=None)
def grade_zero_kernels(session):
    """A hand-written GradientTape loop for the soot grade from burn-log summaries, a 2x48
    relu MLP built with kernel_initializer='zeros' (to 'start from a neutral model'), Adam
    2e-3. Every hidden unit outputs zero, no gradient reaches the hidden kernels, and only the
    output bias learns: the loss stops at the class-prior level."""
    return _zero_init(session, broken=True)
