"""The two-hundred-and-twenty-second held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Every scenario was checked only from its own loss curve (Keras History or the custom loop's
epoch means, keras.utils.set_random_seed per scenario, Session(None)); every broken one was
trained beside the same model without its mistake (each helper `_name(session, broken)` trains
both). Four trades, numpy data from seeds 22201..22224, the last PROBE_SIZE rows the probe:
orchard grafters (ten readings of a graft: take, scion growth, fruit set), cloth fullers (12x12
speckled swatches of four weaves, and shrinkage), ice cutters (24-40 days of temperature, wind
and snow before a block is cut) and heather thatchers (tallies of sixteen bundle codes).

Healthy half (12). Grafters: take with 18% misrecorded outcomes (MLP, Adam, still sliding
slowly); scion growth with vigour-dependent noise under log-cosh, SGD Nesterov and
ExponentialDecay; Poisson fruit counts from a rootstock Embedding beside readings (two inputs,
exponential head, RMSprop). Fullers: 20% misfiled weaves under PiecewiseConstantDecay; 96
swatches memorised; heavy-tailed shrinkage by MAE in a hand-written GradientTape loop. Ice
cutters: a GRU with ReduceLROnPlateau; a dilated causal Conv1D under CosineDecayRestarts; rare
rotten blocks by an LSTM with balanced class_weight. Thatchers: an Embedding+GRU with 15%
misread styles (a plateau before it finds the marker); MultiHeadAttention under AdamW with
warm-up into CosineDecay; a slow plain-SGD regression loop still creeping down at the end.

Broken half (10, one root cause each): Lion at 0.3 from an Adam recipe (learning rate too
high); a hidden layer of two units (insufficient capacity; the loss creeps down a little but
stays far above the wide net's); kernel_initializer='zeros' on a tanh MLP (poor
initialisation); ReLU(threshold=6.0) written for ReLU6 (dead ReLUs); a SimpleRNN fed the logger's
kelvin / metres-per-hour / millimetre export (unnormalised inputs); a 48-unit SimpleRNN whose
recurrent kernel is RandomNormal(stddev=1.0), chaotic, under SGD with momentum (exploding
gradients); log of a water gauge that reads 0 in date order (non-finite values, exact: first
at row 300, batch index 9); Adadelta at Keras's default 0.001 (learning rate too low); ten
sigmoid Dense layers under SGD (vanishing gradients); ActivityRegularization(l1=1.0) meant
1e-4 (over-regularisation). All but the NaN one are labelled from the start (None): each broken
loss is flat or nearly so from its first epoch, approximate only in that sense.

Dropped because they did not behave as intended: Rescaling(100.0) before tanh meant as 1/100
(saturated activations: under SGD with momentum it still learned, to the fixed twin's loss),
so this catalogue has no saturation scenario; from_logits=True on a softmax head (Keras
notices the softmax, warns and ignores the flag, so it trained exactly like the fixed run).
Hence the cloth fullers have four scenarios. Not written because earlier catalogues hold them:
NaN targets, zero/tiny init on the main catalogue's models, L2 or dropout over-regularisation,
raw price targets, one-unit GRUs, handwritten cross-entropy, squared hinge on sigmoid heads.

Labelling: `expected_causes[0]` is the root cause the run was built around (only one is
given); `stall_begins` is the 0-based optimizer step, None meaning from the start.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('orchard_grafters', 'cloth_fullers', 'ice_cutters', 'heather_thatchers')
REGISTRY = []
holdout222 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data: four trades


def _grafts(seed, noise=0.0):
    """Ten readings of a graft (scion and stock girth, cambium match, days since cut, ...) and
    whether it took (0/1), with a share `noise` of misrecorded outcomes."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(N, 10)).astype("float32")
    score = np.sin(2 * x[:, 0]) + x[:, 1] * x[:, 2] - 0.8 * np.abs(x[:, 3]) + 0.5 * x[:, 4] + 0.4
    y = (score > 0).astype("float32")
    flip = rng.random(N) < noise
    y[flip] = 1 - y[flip]
    return x, y[:, None]


def _scion_growth(seed):
    """Ten graft readings and the first season's scion growth (standardised), with noise
    that grows with the stock's vigour."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(N, 10)).astype("float32")
    mean = np.tanh(x[:, 0] + x[:, 1]) + 0.5 * x[:, 2] * x[:, 3] + 0.3 * x[:, 4] ** 2
    y = mean + (0.2 + 0.4 * np.abs(x[:, 5])) * rng.normal(size=N)
    return x, _standardize(y[:, None])


def _swatches(seed, noise=0.0, n=N, classes=4):
    """12x12 grey patches of fulled cloth of `classes` weaves (stripe orientation/frequency),
    with speckle and a share `noise` of misfiled labels."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, classes, n)
    r, c = np.mgrid[0:12, 0:12]
    angle = y * np.pi / classes
    freq = 0.6 + 0.15 * (y % 2)
    phase = rng.uniform(0, 2 * np.pi, n)
    wave = np.cos(angle)[:, None, None] * r + np.sin(angle)[:, None, None] * c
    x = np.sin(freq[:, None, None] * wave
               + phase[:, None, None])
    x = x + 0.6 * rng.normal(size=x.shape)
    flip = rng.random(n) < noise
    y[flip] = rng.integers(0, classes, flip.sum())
    return x[..., None].astype("float32"), y


def _shrinkage(seed):
    """12x12 swatches and how much the cloth shrank in the stocks (standardised), with the
    miller's Student-t slips."""
    rng = np.random.default_rng(seed)
    x, kind = _swatches(seed, classes=4)
    density = x[:, 3:9, 3:9, 0].std(axis=(1, 2))
    y = 0.8 * kind + 2.0 * density + 0.4 * rng.standard_t(3, N)
    return x, _standardize(y[:, None])


def _ice_days(seed, steps=24):
    """`steps` days of (air temperature, wind, snow cover) standardised, and the ice thickness
    at the end (standardised), with gauge noise."""
    rng = np.random.default_rng(seed)
    temp = np.cumsum(rng.normal(0, 0.4, (N, steps)), axis=1) - 0.5
    wind = rng.gamma(2.0, 1.0, (N, steps))
    snow = (rng.random((N, steps)) < 0.2).cumsum(axis=1) / steps
    freezing = np.clip(-temp, 0, None) * (1 - 0.6 * snow) * (1 + 0.1 * wind)
    thick = np.sqrt(freezing.sum(axis=1) + 1.0) + 0.15 * rng.normal(size=N)
    x = np.stack([temp, wind, snow], axis=-1)
    x = (x - x.mean(axis=(0, 1))) / x.std(axis=(0, 1))
    return x.astype("float32"), _standardize(thick[:, None]), (temp, wind, snow)


def _thatch_words(seed, noise=0.0, length=16, vocab=40, classes=4):
    """Sequences of `length` bundle codes from a thatcher's tally book (`vocab` kinds) and the
    roof style they make (which of four marker codes comes first), `noise` misread."""
    rng = np.random.default_rng(seed)
    x = rng.integers(4, vocab, (N, length))
    y = rng.integers(0, classes, N)
    pos = rng.integers(0, length // 2, N)
    x[np.arange(N), pos] = y
    later = pos + rng.integers(1, length // 2, N)
    x[np.arange(N), later] = rng.integers(0, classes, N)
    flip = rng.random(N) < noise
    y[flip] = rng.integers(0, classes, flip.sum())
    return x.astype("int32"), y


# ---------------------------------------------------------------------------------------------
# orchard grafters


@holdout222("orchard_grafters", healthy=True)
def graft_take_misrecorded(session):
    """Whether a graft took, from ten readings of scion and stock, by a 64-32 ReLU MLP under
    Adam with binary cross-entropy; about 18% of the outcomes in the nursery ledger were
    misrecorded, so the loss flattens well above zero."""
    keras = _keras()
    keras.utils.set_random_seed(22201)
    x, y = _grafts(22201, noise=0.18)
    model = _mlp(keras, 10, (64, 32), 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout222("orchard_grafters", healthy=True)
def scion_growth_log_cosh(session):
    """First-season scion growth from ten graft readings, whose noise grows with stock
    vigour, by a tanh MLP under SGD with Nesterov momentum and an ExponentialDecay schedule,
    with log-cosh loss; it levels at the noise floor."""
    keras = _keras()
    keras.utils.set_random_seed(22202)
    x, y = _scion_growth(22202)
    model = _mlp(keras, 10, (48, 48), 1, activation="tanh", out_activation=None)
    schedule = keras.optimizers.schedules.ExponentialDecay(0.05, 200, 0.6)
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9, nesterov=True), "log_cosh")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout222("orchard_grafters", healthy=True)
def fruit_count_two_inputs(session):
    """Fruit set (a Poisson count) on a grafted tree from a rootstock code (Embedding of 12
    stocks) beside six orchard readings, a two-input functional model with an exponential
    head and Poisson loss under RMSprop; counts are noisy by nature, so the loss stays well
    above zero."""
    keras = _keras()
    keras.utils.set_random_seed(22203)
    rng = np.random.default_rng(22203)
    stock = rng.integers(0, 12, N)
    xs = rng.normal(size=(N, 6)).astype("float32")
    vigour = np.linspace(-0.8, 0.8, 12)[stock]
    rate = np.exp(1.0 + vigour + 0.4 * xs[:, 0] - 0.3 * xs[:, 1] ** 2)
    y = rng.poisson(rate).astype("float32")[:, None]
    a = keras.Input((1,), dtype="int32")
    b = keras.Input((6,))
    e = keras.layers.Flatten()(keras.layers.Embedding(12, 4)(a))
    h = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([e, b]))
    out = keras.layers.Dense(1, activation="exponential")(h)
    model = keras.Model([a, b], out)
    model.compile(keras.optimizers.RMSprop(1e-3), "poisson")
    n = N - PROBE_SIZE
    history = model.fit([stock[:n, None], xs[:n]], y[:n], epochs=20, batch_size=32, verbose=0,
                        callbacks=session.callbacks(([stock[n:, None], xs[n:]], y[n:])))
    return history.history["loss"]


def _graft_lion(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(22204)
    x, y = _grafts(22204)
    model = _mlp(keras, 10, (64, 32), 1, out_activation="sigmoid")
    # Lion's sign updates want a rate several times smaller than Adam's; the Adam recipe's
    # 'a big rate for a quick run' of 0.3 was kept.
    model.compile(keras.optimizers.Lion(0.3 if broken else 1e-4), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout222("orchard_grafters", ["learning_rate_too_high"], stall_begins=None)
def graft_lion_big_rate(session):
    """Graft take by a ReLU MLP under Lion at a learning rate of 0.3, carried over from a
    'fast' Adam recipe; Lion moves every weight by the full rate each step, so the loss
    bounces at a high level instead of falling."""
    return _graft_lion(session, broken=True)


def _graft_two_units(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(22205)
    x, y = _grafts(22205)
    # 'units=2' copied from the number of outcomes (took / failed) into the hidden layer.
    model = _mlp(keras, 10, (2,) if broken else (64, 32), 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout222("orchard_grafters", ["insufficient_capacity"], stall_begins=None)
def graft_hidden_two_units(session):
    """Graft take by an MLP whose one hidden layer has two units, the number of outcomes
    copied into the wrong place; the take depends on a sine and a product of readings, which
    two ReLU units cannot draw, so the loss levels early well above the wide net's."""
    return _graft_two_units(session, broken=True)


def _growth_zero_init(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(22206)
    x, y = _scion_growth(22206)
    init = "zeros" if broken else "glorot_uniform"
    model = _mlp(keras, 10, (48, 48), 1, activation="tanh", out_activation=None,
                 kernel_initializer=init)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout222("orchard_grafters", ["poor_initialization"], stall_begins=None)
def growth_zero_kernels(session):
    """Scion growth by a tanh MLP built with kernel_initializer='zeros' on every layer,
    chosen 'for reproducible runs'; with zero kernels and tanh(0) = 0 no weight gets a
    gradient and only the output bias learns, so the loss sits at the target's variance."""
    return _growth_zero_init(session, broken=True)


# ---------------------------------------------------------------------------------------------
# cloth fullers


def _cnn(keras, classes, activation="relu", mid=None, out="softmax"):
    layers = [keras.Input((12, 12, 1)), keras.layers.Conv2D(12, 3, padding="same")]
    layers += (mid or []) + [keras.layers.Activation(activation), keras.layers.MaxPooling2D(),
                             keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
                             keras.layers.GlobalAveragePooling2D(),
                             keras.layers.Dense(classes, activation=out)]
    return keras.Sequential(layers)


@holdout222("cloth_fullers", healthy=True)
def weave_misfiled_piecewise(session):
    """Four weaves of fulled cloth from 12x12 speckled patches by a small Conv2D net under SGD
    with momentum and a PiecewiseConstantDecay schedule (0.05, then 0.01, then 0.002); 20% of
    the swatches were misfiled, so the loss flattens far above zero after each rate cut."""
    keras = _keras()
    keras.utils.set_random_seed(22207)
    x, y = _swatches(22207, noise=0.2)
    model = _cnn(keras, 4)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([200, 400], [0.05, 0.01, 0.002])
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout222("cloth_fullers", healthy=True)
def few_swatches_memorised(session):
    """Only 96 labelled swatches (a new mill's first book) of four weaves by a Conv2D net
    with a wide dense layer under Adam; it memorises them, the training loss sliding close to
    zero slowly while the probe would say otherwise."""
    keras = _keras()
    keras.utils.set_random_seed(22208)
    x, y = _swatches(22208, n=96 + PROBE_SIZE)
    model = keras.Sequential([keras.Input((12, 12, 1)),
                              keras.layers.Conv2D(16, 3, activation="relu"),
                              keras.layers.Flatten(),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


@holdout222("cloth_fullers", healthy=True)
def shrinkage_mae_custom_loop(session):
    """Cloth shrinkage in the stocks from a swatch, with heavy-tailed slips, by a Conv2D
    regressor trained in a hand-written GradientTape loop under Adam with mean absolute error;
    the loss levels at the slips' median size."""
    keras = _keras()
    keras.utils.set_random_seed(22209)
    x, y = _shrinkage(22209)
    model = _cnn(keras, 1, out=None)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3),
                        keras.losses.MeanAbsoluteError(), x, y, epochs=15, batch_size=32,
                        seed=22209)


def _weave_threshold(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(22211)
    x, y = _swatches(22211)
    # ReLU6 from a mobile recipe, written with the wrong keyword: threshold, not max_value.
    relu = keras.layers.ReLU(threshold=6.0) if broken else keras.layers.ReLU(max_value=6.0)
    model = keras.Sequential([keras.Input((12, 12, 1)), keras.layers.Conv2D(12, 3),
                              relu, keras.layers.MaxPooling2D(),
                              keras.layers.Conv2D(16, 3), keras.layers.ReLU(**(
                                  {"threshold": 6.0} if broken else {"max_value": 6.0})),
                              keras.layers.GlobalAveragePooling2D(),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout222("cloth_fullers", ["dead_relus"], stall_begins=None)
def weave_relu_threshold_six(session):
    """Weaves by a Conv2D net meant to use ReLU6, written as ReLU(threshold=6.0) instead of
    max_value=6.0; almost no pre-activation exceeds 6, so the units output zero with zero
    gradient and the loss stays at chance."""
    return _weave_threshold(session, broken=True)


# ---------------------------------------------------------------------------------------------
# ice cutters


@holdout222("ice_cutters", healthy=True)
def thickness_gru_reduce_on_plateau(session):
    """Pond ice thickness from 24 days of air temperature, wind and snow cover by a GRU under
    Adam with ReduceLROnPlateau (factor 0.5, patience 2); gauge noise sets a floor that the
    loss approaches in steps."""
    keras = _keras()
    keras.utils.set_random_seed(22213)
    x, y, _ = _ice_days(22213)
    model = keras.Sequential([keras.Input((24, 3)), keras.layers.GRU(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    plateau = keras.callbacks.ReduceLROnPlateau("loss", factor=0.5, patience=2, verbose=0)
    return _fit(session, model, x, y, epochs=20, batch_size=32, callbacks=[plateau])


@holdout222("ice_cutters", healthy=True)
def thickness_conv1d_restarts(session):
    """Ice thickness by a causal Conv1D net under Adam with CosineDecayRestarts (first cycle
    150 steps); the loss dips with each cycle's low rate and settles near the gauge noise."""
    keras = _keras()
    keras.utils.set_random_seed(22214)
    x, y, _ = _ice_days(22214)
    model = keras.Sequential([keras.Input((24, 3)),
                              keras.layers.Conv1D(16, 3, padding="causal", activation="relu"),
                              keras.layers.Conv1D(16, 3, padding="causal", dilation_rate=2,
                                                  activation="relu"),
                              keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(1)])
    schedule = keras.optimizers.schedules.CosineDecayRestarts(5e-3, 150)
    model.compile(keras.optimizers.Adam(schedule), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout222("ice_cutters", healthy=True)
def rotten_ice_rare_weighted(session):
    """Whether a cut block turns out rotten (about one in ten, some misjudged) from 24 days
    of weather by an LSTM with balanced class_weight under Adam; the weighted loss flattens
    well above zero because the rare label is noisy."""
    keras = _keras()
    keras.utils.set_random_seed(22215)
    x, _, (temp, _, snow) = _ice_days(22215)
    rng = np.random.default_rng(22215)
    warm = np.clip(temp[:, -6:], 0, None).sum(axis=1) + snow[:, -1]
    y = (warm > np.quantile(warm, 0.9)).astype("float32")
    flip = rng.random(N) < 0.04
    y[flip] = 1 - y[flip]
    pos = y[:-PROBE_SIZE].mean()
    model = keras.Sequential([keras.Input((24, 3)), keras.layers.LSTM(16),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    (xt, yt), probe = (x[:-PROBE_SIZE], y[:-PROBE_SIZE, None]), (x[-PROBE_SIZE:],
                                                                  y[-PROBE_SIZE:, None])
    history = model.fit(xt, yt, epochs=15, batch_size=32, verbose=0,
                        class_weight={0: 0.5 / (1 - pos), 1: 0.5 / pos},
                        callbacks=session.callbacks(probe))
    return history.history["loss"]


def _ice_kelvin(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(22216)
    x, y, (temp, wind, snow) = _ice_days(22216)
    if broken:
        # The logger's export: temperature in kelvin, wind in metres per hour, snow in mm.
        x = np.stack([temp + 263.15, wind * 3600.0, snow * 300.0], axis=-1).astype("float32")
    model = keras.Sequential([keras.Input((24, 3)), keras.layers.SimpleRNN(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout222("ice_cutters", ["unnormalized_inputs"], stall_begins=None)
def ice_raw_logger_units(session):
    """Ice thickness by a SimpleRNN fed the weather logger's raw export (temperature in
    kelvin near 263, wind in metres per hour in the thousands, snow in millimetres) instead of
    the standardised readings; the tanh state saturates on the first step and the loss stays
    near the target's variance."""
    return _ice_kelvin(session, broken=True)


def _ice_chaotic_rnn(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(22217)
    x, y, _ = _ice_days(22217, steps=40)
    # 'Unit variance weights' copied onto the recurrent kernel of 48 units.
    rec = keras.initializers.RandomNormal(stddev=1.0) if broken else "orthogonal"
    model = keras.Sequential([keras.Input((40, 3)),
                              keras.layers.SimpleRNN(48, recurrent_initializer=rec),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout222("ice_cutters", ["exploding_gradients"], stall_begins=None)
def ice_rnn_unit_variance_recurrence(session):
    """Ice thickness over 40 days by a 48-unit SimpleRNN whose recurrent kernel was drawn
    from RandomNormal(stddev=1.0); the recurrence's gain is about seven, the state is chaotic,
    gradients through time grow step after step, and SGD's updates throw the loss about at the
    target's variance instead of lowering it."""
    return _ice_chaotic_rnn(session, broken=True)


def _ice_log_depth(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(22218)
    rng = np.random.default_rng(22218)
    x, y, _ = _ice_days(22218)
    depth = rng.gamma(3.0, 2.0, N)
    if broken:
        depth[300:] = np.where(rng.random(N - 300) < 0.05, 0.0, depth[300:])
        depth[300] = 0.0  # the first day the water gauge froze and read zero
    extra = np.log(depth + (0.0 if broken else 1.0))
    x = np.concatenate([x, np.repeat(((extra - 1.5) / 0.6)[:, None, None], 24, 1)], axis=-1)
    model = keras.Sequential([keras.Input((24, 4)), keras.layers.GRU(16),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x.astype("float32"), y, epochs=8, batch_size=32, shuffle=False)


@holdout222("ice_cutters", ["non_finite_values"], stall_begins=9)
def ice_log_of_frozen_gauge(session):
    """Ice thickness by a GRU given the log of the water depth gauge as a fourth reading,
    in date order; from row 300 the gauge sometimes froze and read 0, and log(0) is -inf, so
    from that batch (the tenth, step 9) the loss and the weights are NaN."""
    return _ice_log_depth(session, broken=True)


# ---------------------------------------------------------------------------------------------
# heather thatchers


def _words_model(keras, classes=4, mid=None, out="softmax"):
    layers = [keras.Input((16,), dtype="int32"), keras.layers.Embedding(40, 16)]
    layers += mid or [keras.layers.Conv1D(32, 3, activation="relu", padding="same"),
                      keras.layers.GlobalMaxPooling1D()]
    layers.append(keras.layers.Dense(classes, activation=out))
    return keras.Sequential(layers)


@holdout222("heather_thatchers", healthy=True)
def roof_style_misread_tally(session):
    """Roof style from a thatcher's tally of sixteen bundle codes by an Embedding + GRU
    classifier under Adam; a seventh of the styles were misread from faded books, so the loss
    levels far above zero."""
    keras = _keras()
    keras.utils.set_random_seed(22219)
    x, y = _thatch_words(22219, noise=0.15)
    model = _words_model(keras, mid=[keras.layers.GRU(24)])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout222("heather_thatchers", healthy=True)
def roof_style_attention_warmup(session):
    """Roof style by one MultiHeadAttention block over embedded bundle codes with learned
    positions, under AdamW with a linear warm-up into CosineDecay; 8% of the labels are
    re-drawn, and the loss settles above zero as the rate runs out."""
    keras = _keras()
    keras.utils.set_random_seed(22220)
    x, y = _thatch_words(22220, noise=0.08)
    inp = keras.Input((16,), dtype="int32")
    tok = keras.layers.Embedding(40, 16)(inp)
    pos = keras.layers.Embedding(16, 16)(keras.ops.arange(16)[None, :])
    h = keras.layers.Add()([tok, pos])
    h = keras.layers.Add()([h, keras.layers.MultiHeadAttention(2, 8)(h, h)])
    h = keras.layers.GlobalAveragePooling1D()(keras.layers.LayerNormalization()(h))
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(4, activation="softmax")(h))
    schedule = keras.optimizers.schedules.CosineDecay(1e-4, 600, warmup_target=3e-3,
                                                      warmup_steps=60)
    model.compile(keras.optimizers.AdamW(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout222("heather_thatchers", healthy=True)
def bundle_weight_slow_sgd(session):
    """The weight of a roof's heather from its tally by an Embedding + Conv1D regressor in a
    hand-written GradientTape loop under plain SGD at a modest rate; it converges slowly and
    is still creeping down at the end, above the scales' noise."""
    keras = _keras()
    keras.utils.set_random_seed(22221)
    x, _ = _thatch_words(22221)
    rng = np.random.default_rng(22221)
    w = rng.normal(size=40)
    y = _standardize((w[x].mean(axis=1) + 0.1 * rng.normal(size=N))[:, None])
    model = _words_model(keras, classes=1, out=None)
    return _custom_loop(session, model, keras.optimizers.SGD(0.02), keras.losses.MeanSquaredError(),
                        x, y, epochs=15, batch_size=32, seed=22221)


def _style_adadelta(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(22222)
    x, y = _thatch_words(22222)
    model = _words_model(keras)
    # Adadelta's paper uses a rate of 1.0; Keras's default is 0.001 and was left.
    opt = keras.optimizers.Adadelta() if broken else keras.optimizers.Adadelta(1.0)
    model.compile(opt, "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout222("heather_thatchers", ["learning_rate_too_low"], stall_begins=None)
def style_adadelta_default_rate(session):
    """Roof style by an Embedding + Conv1D classifier under Adadelta at Keras's default rate
    of 0.001 (the paper's recipe is 1.0); the weights hardly move and the loss stays near
    log(4)."""
    return _style_adadelta(session, broken=True)


def _style_deep_sigmoid(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(22223)
    x, y = _thatch_words(22223)
    act = "sigmoid" if broken else "relu"
    mid = [keras.layers.Flatten()] + [keras.layers.Dense(32, activation=act)
                                      for _ in range(10 if broken else 2)]
    model = _words_model(keras, mid=mid)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout222("heather_thatchers", ["vanishing_gradients"], stall_begins=None)
def style_ten_sigmoid_layers(session):
    """Roof style by an Embedding followed by ten sigmoid Dense layers of 32 (a 'deeper is
    better' rewrite of a two-layer ReLU head) under SGD with momentum; the gradient shrinks by
    a factor at every sigmoid and the embeddings and lower layers get almost none, so the
    loss stays at log(4)."""
    return _style_deep_sigmoid(session, broken=True)


def _style_activity_l1(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(22224)
    x, y = _thatch_words(22224)
    # A sparsity penalty from a paper, its 1e-4 read as 1.0 ('1 in the config file').
    reg = keras.layers.ActivityRegularization(l1=1.0 if broken else 1e-4)
    mid = [keras.layers.Conv1D(32, 3, activation="relu", padding="same"),
           keras.layers.GlobalMaxPooling1D(), reg]
    model = _words_model(keras, mid=mid)
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout222("heather_thatchers", ["over_regularization"], stall_begins=None)
def style_activity_l1_one(session):
    """Roof style by an Embedding + Conv1D classifier with an ActivityRegularization(l1=1.0)
    on the pooled features, a sparsity weight of 1e-4 misread as 1.0; the penalty drives the
    features to zero and the loss stays high."""
    return _style_activity_l1(session, broken=True)
