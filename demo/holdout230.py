"""The two-hundred-and-thirtieth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades, numpy data from seeds 23001..23131, the last PROBE_SIZE rows of each set the probe:
fustian cutters (pile depth from six knife readings, knife-pressure traces along the race with
four fault kinds), cordwainers of Northampton (eight foot measurements and five fittings,
closing times, pairs per week, awl-mark codes), swill basket makers (12x12 photographs of three
weaves, riven strip thickness, prices, riving load per day) and copper beaters of Swansea
(twenty hourly furnace readings and the yield or sheet gauge, ore grades by mine).

Healthy half (12, nothing to fix): pile depth with Student-t scatter under log-cosh and
Adafactor; race faults by a causal, dilated Conv1D net under Lion with a fifth of labels wrong;
a 3% rare cut-through without class weights; ordinal fittings as four cumulative sigmoid flags
under binary cross-entropy; a bimodal closing time (two unrecorded closers) under MSE; Poisson
pairs per week in a GradientTape loop under RMSprop; weave photographs through SpatialDropout2D
and AveragePooling with a quarter misfiled; strip thickness with knots under Huber and SGD with
PiecewiseConstantDecay in a custom loop; a slow plain-SGD price regression still falling at the
end; furnace yield by an LSTM under RMSprop; an 80th-percentile pinball loss on self-attention;
a two-input mine Embedding plus assays model under ExponentialDecay with a sixth of grades random.

Broken half (8, one root cause each, each trained beside its fixed twin with Session(None)): the
SGD rate divided by examples and batch in a custom loop (too low; 1.13 creeping against 0.09);
an LSTM with Constant(0.05) kernels and a zero head, all units identical (poor initialisation;
near log 4 against 0.04); tanh layers behind Rescaling(1/0.01), a gate temperature set too
early (saturated; ~1.22 flat from about step 96, approximate, against 0.42); awl-mark embeddings
flattened straight into the head on a parity task (capacity; log 2 against 0); BatchNormalization
beta initialised at -3 before every ReLU (dead relus; log 3 against 0.18); a load/days column
with one days=0 row read in file order (non-finite: inf then NaN from step 21, exact); blast
pressure in pascals into a GRU (unnormalised; flat at 1.0 from about step 96, approximate,
against 0.10); MaxNorm(0.02) on every kernel (over-regularisation; 0.96 flat against 0.07).

Dropped because they did not behave as intended: an eight-layer relu MLP at three times He's
variance under clipped SGD (exploding gradients: it kept falling, from 1.5e4 to 4, not a stall);
Adamax(0.9) with beta_1 written positionally (learning rate too high: it crept down, 1.10
against 0.62, not a clean stall); a nine-layer sigmoid Conv1D stack (vanishing gradients: its
relu twin did not learn either, so no honest comparison); a sigmoid head under
from_logits=True (loss/activation mismatch: Keras noticed and trained it exactly like the
fixed run). Those four causes have no run here. Not written because earlier catalogues hold
them: deep sigmoid Dense stacks, zero/constant Dense kernels, relu biases at -3, L1/L2 and
dropout over-regularisation, raw units into MLPs/CNNs, NaN features/targets, log(0) targets,
float16 overflow, ReduceLROnPlateau, warm-up then cosine, class_weight, focal loss, small-data
memorisation.

Labels: expected_causes[0] is the mistake the run was built around (only one is given);
stall_begins is the 0-based optimizer step from which the broken loss stops improving (None:
from the start), read off the epoch losses (32 steps an epoch); the two at 96 are approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ('fustian_cutters', 'cordwainers_of_northampton', 'swill_basket_makers',
            'copper_beaters_of_swansea')
REGISTRY = []
holdout230 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data


def _pile(seed, n=N, noise="t"):
    """Fustian pile: six knife readings (blade angle, race speed, cloth weight...) -> pile depth."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 6)).astype("float32")
    y = np.sin(x[:, 0]) + 0.5 * x[:, 1] * x[:, 2] + 0.3 * x[:, 3] ** 2 - 0.4 * x[:, 4]
    if noise == "t":
        y = y + 0.4 * rng.standard_t(2.5, size=n)
    else:
        y = y + 0.2 * rng.normal(size=n)
    return x, y.astype("float32")[:, None]


def _race(seed, n=N, steps=24, flip=0.0):
    """A cutter's race: knife-pressure traces along a length of cloth; four fault kinds."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 4, size=n)
    t = np.linspace(0, 1, steps)
    freq = np.array([2.0, 3.5, 5.0, 6.5])[labels]
    x = np.sin(2 * np.pi * freq[:, None] * t[None] + rng.uniform(0, 6.28, size=(n, 1)))
    x = x + 0.4 * rng.normal(size=(n, steps))
    if flip:
        bad = rng.random(n) < flip
        labels = np.where(bad, rng.integers(0, 4, size=n), labels)
    return x.astype("float32")[..., None], labels.astype("int32")


def _last(seed, n=N, flip=0.0):
    """A cordwainer's last: eight foot measurements -> one of five shoe fittings."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 8)).astype("float32")
    score = x[:, 0] + 0.8 * x[:, 1] * x[:, 2] + 0.6 * np.tanh(x[:, 3] * 2) - 0.5 * x[:, 4]
    labels = np.digitize(score, np.quantile(score, [0.2, 0.4, 0.6, 0.8]))
    if flip:
        bad = rng.random(n) < flip
        labels = np.where(bad, rng.integers(0, 5, size=n), labels)
    return x, labels.astype("int32")


def _swill(seed, n=N, flip=0.0, size=12):
    """Photographs of an oak swill's weave: three weave kinds (stripes, checks, diagonals)."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 3, size=n)
    i, j = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
    pats = [np.sin(i * 1.3), np.sin(i * 1.3) * np.sin(j * 1.3), np.sin((i + j) * 1.0)]
    x = np.stack([pats[k] for k in labels]) + 0.8 * rng.normal(size=(n, size, size))
    if flip:
        bad = rng.random(n) < flip
        labels = np.where(bad, rng.integers(0, 3, size=n), labels)
    return x.astype("float32")[..., None], labels.astype("int32")


def _furnace(seed, n=N, steps=20):
    """A Swansea copper furnace: twenty hourly readings (heat, draught, ore charge) -> yield."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, steps, 3)).astype("float32")
    w = np.exp(-np.arange(steps)[::-1] / 6.0)
    y = (x[:, :, 0] * w).sum(1) * 0.5 - 0.3 * (x[:, :, 1] * w).sum(1) * x[:, -1, 2]
    y = y + 0.3 * rng.normal(size=n)
    return x, ((y - y.mean()) / y.std()).astype("float32")[:, None]


def _seed(keras, s):
    keras.utils.set_random_seed(s)


# ---------------------------------------------------------------------------------------------
# healthy: fustian cutters


@holdout230("fustian_cutters", healthy=True)
def pile_depth_student_t_adafactor(session):
    """Pile depth from six knife readings with Student-t (2.5 degrees of freedom) scatter in the
    shop's gauge; a 2x48 relu MLP under log-cosh with the Adafactor optimizer. The loss levels
    off at the scatter's level, far above zero."""
    keras = _keras()
    _seed(keras, 23001)
    x, y = _pile(23001)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(48, activation="relu"),
                              keras.layers.Dense(48, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adafactor(learning_rate=0.02), "log_cosh")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout230("fustian_cutters", healthy=True)
def race_faults_causal_conv_lion(session):
    """Four fault kinds from knife-pressure traces, one label in five written against the wrong
    fault by the overlooker; a causal Conv1D net with GlobalMaxPooling under Lion at 3e-4. It
    learns the real faults and settles where the miswritten labels leave it."""
    keras = _keras()
    _seed(keras, 23002)
    x, y = _race(23002, flip=0.2)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, padding="causal", activation="relu"),
        keras.layers.Conv1D(16, 5, padding="causal", activation="relu", dilation_rate=2),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Lion(3e-4), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout230("fustian_cutters", healthy=True)
def rare_cut_through_no_weights(session):
    """Rare cut-through (about 3% of lengths) from six knife readings, a plain binary
    cross-entropy MLP without class weights: the loss falls fast to the base-rate entropy and
    then slowly below it as the rare pattern is learned; it stays well above zero."""
    keras = _keras()
    _seed(keras, 23003)
    rng = np.random.default_rng(23003)
    x = rng.normal(size=(N, 6)).astype("float32")
    logit = 2.0 * x[:, 0] + 1.5 * x[:, 1] - 5.0
    y = (rng.random(N) < 1 / (1 + np.exp(-logit))).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


# ---------------------------------------------------------------------------------------------
# healthy: cordwainers


@holdout230("cordwainers_of_northampton", healthy=True)
def fitting_ordinal_cumulative_sigmoids(session):
    """Five ordered shoe fittings as four cumulative 'at least this fitting' flags: a relu MLP
    with four sigmoid outputs under binary cross-entropy, a tenth of the fittings recorded at
    random. An ordinal model done properly; it flattens above zero because of the misrecorded
    fittings and the ordinal boundaries' overlap."""
    keras = _keras()
    _seed(keras, 23004)
    x, labels = _last(23004, flip=0.1)
    y = (labels[:, None] > np.arange(4)[None]).astype("float32")
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(4, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout230("cordwainers_of_northampton", healthy=True)
def bimodal_stitch_time_mse(session):
    """Closing time of an upper, whose distribution is bimodal (two closers of very different
    speed share the bench, and the ledger does not say who stitched). An MLP under MSE learns the
    mean of the two modes and flattens at the gap between them; nothing in the code to fix."""
    keras = _keras()
    _seed(keras, 23005)
    rng = np.random.default_rng(23005)
    x = rng.normal(size=(N, 5)).astype("float32")
    who = rng.random(N) < 0.5
    y = 0.8 * x[:, 0] - 0.5 * x[:, 1] ** 2 + np.where(who, 1.0, -1.0) + 0.2 * rng.normal(size=N)
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y.astype("float32")[:, None], epochs=20, batch_size=32)


@holdout230("cordwainers_of_northampton", healthy=True)
def pairs_per_week_poisson_loop(session):
    """Pairs finished per week by an outworker, Poisson counts from eight last measurements, in a
    hand-written GradientTape loop with an exponential output under the Poisson loss and
    RMSprop. It settles at the counts' own randomness."""
    keras = _keras()
    _seed(keras, 23006)
    rng = np.random.default_rng(23006)
    x = rng.normal(size=(N, 8)).astype("float32")
    rate = np.exp(1.0 + 0.4 * x[:, 0] - 0.3 * x[:, 1] + 0.2 * x[:, 2] * x[:, 3])
    y = rng.poisson(rate).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    return _custom_loop(session, model, keras.optimizers.RMSprop(2e-3),
                        keras.losses.Poisson(), x, y, epochs=15, batch_size=32, seed=23006)


# ---------------------------------------------------------------------------------------------
# healthy: swill basket makers


@holdout230("swill_basket_makers", healthy=True)
def weave_photos_spatial_dropout(session):
    """Three weave kinds from grainy 12x12 photographs, a quarter of them filed under a random
    kind by the apprentice; a Conv2D net with SpatialDropout2D and AveragePooling under Adam.
    It settles at the floor the misfiled photographs set."""
    keras = _keras()
    _seed(keras, 23007)
    x, y = _swill(23007, flip=0.25)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(12, 3, padding="same", activation="relu"),
        keras.layers.SpatialDropout2D(0.1),
        keras.layers.AveragePooling2D(2),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout230("swill_basket_makers", healthy=True)
def strip_thickness_huber_piecewise_loop(session):
    """Thickness of riven oak strips from six cleaving readings, with rare knots that add large
    errors; a custom GradientTape loop under the Huber loss and SGD with momentum whose rate
    steps down by PiecewiseConstantDecay (0.05, 0.01, 0.002). Flat stretches between the steps
    are the schedule, and the floor is the knots' scatter."""
    keras = _keras()
    _seed(keras, 23008)
    x, y = _pile(23008, noise="gauss")
    rng = np.random.default_rng(23108)
    y = y + (rng.random((N, 1)) < 0.05) * rng.normal(0, 4.0, size=(N, 1)).astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(48, activation="relu"),
                              keras.layers.Dense(1)])
    steps = (N - PROBE_SIZE) // 32
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay(
        [steps * 6, steps * 12], [0.05, 0.01, 0.002])
    return _custom_loop(session, model, keras.optimizers.SGD(schedule, momentum=0.9),
                        keras.losses.Huber(1.0), x, y.astype("float32"), epochs=18,
                        batch_size=32, seed=23008)


@holdout230("swill_basket_makers", healthy=True)
def basket_price_slow_sgd(session):
    """A swill's price from six features (size, oak grade, rim...) with a cautious plain SGD at
    0.003 on a small tanh MLP: the loss drops fast, then is still creeping down at the last
    epoch, a long slow convergence rather than a stall."""
    keras = _keras()
    _seed(keras, 23009)
    x, y = _pile(23009, noise="gauss")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.003), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


# ---------------------------------------------------------------------------------------------
# healthy: copper beaters


@holdout230("copper_beaters_of_swansea", healthy=True)
def furnace_yield_lstm_rmsprop(session):
    """Copper yield from twenty hourly furnace readings, with assay scatter the readings cannot
    explain; an LSTM(24) under RMSprop and MSE. It flattens at the assay noise."""
    keras = _keras()
    _seed(keras, 23010)
    x, y = _furnace(23010)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.RMSprop(3e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout230("copper_beaters_of_swansea", healthy=True)
def sheet_gauge_quantile_attention(session):
    """The 80th percentile of a beaten sheet's gauge from its furnace record: self-attention
    (MultiHeadAttention, two heads) over the hours, pooled, under a pinball loss at 0.8 written
    in the compile call. A quantile loss flattens well above zero by construction."""
    keras = _keras()
    _seed(keras, 23011)
    x, y = _furnace(23011)

    def pinball(y_true, y_pred):
        err = y_true - y_pred
        return keras.ops.mean(keras.ops.maximum(0.8 * err, -0.2 * err), axis=-1)

    inputs = keras.Input(x.shape[1:])
    h = keras.layers.Dense(16)(inputs)
    h = h + keras.layers.MultiHeadAttention(2, 8)(h, h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    outputs = keras.layers.Dense(1)(keras.layers.Dense(16, activation="relu")(h))
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(2e-3), pinball)
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout230("copper_beaters_of_swansea", healthy=True)
def ore_grade_two_inputs_embedding(session):
    """Ore grade class (four) from the mine it came from (an Embedding over 30 mine ids) and five
    assay readings, a two-input functional model under Adam with ExponentialDecay; mines
    differ only partly and a sixth of grades are random, so it levels above zero."""
    keras = _keras()
    _seed(keras, 23012)
    rng = np.random.default_rng(23012)
    mine = rng.integers(0, 30, size=N)
    effect = rng.normal(size=30)[mine]
    assay = rng.normal(size=(N, 5)).astype("float32")
    score = effect + assay[:, 0] - 0.5 * assay[:, 1] * assay[:, 2]
    y = np.digitize(score, np.quantile(score, [0.25, 0.5, 0.75]))
    y = np.where(rng.random(N) < 0.17, rng.integers(0, 4, size=N), y).astype("int32")
    m_in = keras.Input((1,), dtype="int32")
    a_in = keras.Input((5,))
    e = keras.layers.Flatten()(keras.layers.Embedding(30, 4)(m_in))
    h = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([e, a_in]))
    model = keras.Model([m_in, a_in], keras.layers.Dense(4, activation="softmax")(h))
    schedule = keras.optimizers.schedules.ExponentialDecay(3e-3, 300, 0.5)
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    x_train = [mine[:-PROBE_SIZE, None], assay[:-PROBE_SIZE]]
    history = model.fit(x_train, y[:-PROBE_SIZE], epochs=15, batch_size=32, verbose=0,
                        callbacks=session.callbacks(([mine[-PROBE_SIZE:, None],
                                                      assay[-PROBE_SIZE:]],
                                                     y[-PROBE_SIZE:])))
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# broken helpers (each trains the broken run or its fixed twin)



def _per_example_rate(session, broken):
    keras = _keras()
    _seed(keras, 23021)
    x, y = _pile(23021, noise="gauss")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(48, activation="relu"),
                              keras.layers.Dense(1)])
    # The rate divided by the number of examples, as if the loss were summed, not averaged.
    rate = 0.05 / (N - PROBE_SIZE) / 32 if broken else 0.05
    return _custom_loop(session, model, keras.optimizers.SGD(rate, momentum=0.9),
                        keras.losses.MeanSquaredError(), x, y, epochs=15, batch_size=32,
                        seed=23021)


def _pascal_pressure(session, broken):
    keras = _keras()
    _seed(keras, 23022)
    x, y = _furnace(23022)
    x = x.copy()
    if broken:
        # The blast pressure logged in pascals (~101 kPa) beside standardized columns.
        x[:, :, 1] = 101325.0 + 2000.0 * x[:, :, 1]
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)




def _bn_beta_shift(session, broken):
    keras = _keras()
    _seed(keras, 23025)
    x, y = _swill(23025)
    beta = keras.initializers.Constant(-3.0 if broken else 0.0)

    def block(filters):
        return [keras.layers.Conv2D(filters, 3, padding="same", use_bias=False),
                keras.layers.BatchNormalization(beta_initializer=beta), keras.layers.ReLU()]

    model = keras.Sequential([keras.Input(x.shape[1:])] + block(12) + [
        keras.layers.MaxPooling2D()] + block(16) + [
        keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.02), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _gate_temperature(session, broken):
    keras = _keras()
    _seed(keras, 23026)
    x, y = _last(23026)
    # A gate "temperature" of 0.01 meant to sharpen at the end of training, set from the start.
    tau = 0.01 if broken else 1.0
    inputs = keras.Input((8,))
    h = inputs
    for _ in range(2):
        h = keras.layers.Dense(48)(h)
        h = keras.layers.Activation("tanh")(keras.layers.Rescaling(1.0 / tau)(h))
    model = keras.Model(inputs, keras.layers.Dense(5, activation="softmax")(h))
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)



def _bag_of_marks(session, broken):
    keras = _keras()
    _seed(keras, 23028)
    rng = np.random.default_rng(23028)
    tokens = rng.integers(0, 20, size=(N, 2))
    y = ((tokens[:, 0] % 2) ^ (tokens[:, 1] % 2)).astype("float32")[:, None]
    inputs = keras.Input((2,), dtype="int32")
    h = keras.layers.Flatten()(keras.layers.Embedding(20, 8)(inputs))
    if not broken:
        h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(h))
    model.compile(keras.optimizers.Adam(1e-2), "binary_crossentropy")
    return _fit(session, model, tokens.astype("int32"), y, epochs=15, batch_size=32)


def _max_norm_tiny(session, broken):
    keras = _keras()
    _seed(keras, 23029)
    x, y = _furnace(23029)
    kw = {"kernel_constraint": keras.constraints.MaxNorm(0.02)} if broken else {}
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(24, **kw),
                              keras.layers.Dense(16, activation="relu", **kw),
                              keras.layers.Dense(1, **kw)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _constant_lstm(session, broken):
    keras = _keras()
    _seed(keras, 23030)
    x, y = _race(23030)
    kw = {}
    if broken:
        kw = {"kernel_initializer": keras.initializers.Constant(0.05),
              "recurrent_initializer": keras.initializers.Constant(0.05)}
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(24, **kw),
                              keras.layers.Dense(4, activation="softmax", **(
                                  {"kernel_initializer": "zeros"} if broken else {}))])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


INF_ROW = 700  # read in file order with batch 32: first in step 21 (700 // 32)


def _load_per_day(session, broken):
    keras = _keras()
    _seed(keras, 23031)
    rng = np.random.default_rng(23031)
    load = rng.gamma(4.0, 5.0, size=N)
    days = rng.integers(1, 30, size=N).astype("float64")
    if broken:
        days[INF_ROW] = 0.0  # a hammer serviced on the day: no guard on the division
    ratio = load / days
    x = np.stack([load, days, ratio], axis=1)
    x = ((x - np.nanmean(x[np.isfinite(x).all(1)], 0)) /
         x[np.isfinite(x).all(1)].std(0)).astype("float32")
    y = (np.log1p(load) - 0.03 * days + 0.2 * rng.normal(size=N)).astype("float32")[:, None]
    y = (y - y.mean()) / y.std()
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32, shuffle=False)


# ---------------------------------------------------------------------------------------------
# broken runs


@holdout230("fustian_cutters", ["learning_rate_too_low"])
def pile_depth_rate_per_example(session):
    """Pile depth regression in a custom GradientTape loop with SGD and momentum, whose rate of
    0.05 was divided by the number of examples and by the batch size, as if the loss were a sum;
    the loss creeps down about a thousandth an epoch where the intended rate reaches ~0.09."""
    return _per_example_rate(session, broken=True)


@holdout230("fustian_cutters", ["poor_initialization"])
def race_lstm_constant_init(session):
    """Race fault classifier, an LSTM(24) whose kernel and recurrent kernel were given
    Constant(0.05) and whose softmax head was zero-initialised: every unit starts identical and
    gets identical updates, so the 24 units act as one; it stays near chance (log 4)."""
    return _constant_lstm(session, broken=True)


@holdout230("cordwainers_of_northampton", ["saturated_activations"], stall_begins=96)
def fitting_gate_temperature(session):
    """Shoe fitting from foot measurements by two tanh layers, each preceded by a Rescaling of
    1/0.01, a 'gate temperature' meant for the end of training set from the start: the tanh
    units are driven to +-1 and the loss sits near 1.22 where the fixed net reaches 0.42."""
    return _gate_temperature(session, broken=True)


@holdout230("cordwainers_of_northampton", ["insufficient_capacity"])
def awl_marks_embedding_straight_to_head(session):
    """Whether a pair of awl marks (two of twenty mark codes) makes a matched pair, a parity of
    the two codes: the embeddings are flattened straight into the sigmoid head, a model linear
    in the codes that cannot represent the interaction; flat near log 2."""
    return _bag_of_marks(session, broken=True)


@holdout230("swill_basket_makers", ["dead_relus"])
def weave_bn_beta_minus_three(session):
    """Weave photographs through Conv2D-BatchNormalization-ReLU blocks whose BN beta was
    initialised to -3 (copied from a sparse-activation recipe): nearly every ReLU sees a
    negative input and outputs zero; the loss stays at log 3 under SGD."""
    return _bn_beta_shift(session, broken=True)


@holdout230("swill_basket_makers", ["non_finite_values"], stall_begins=INF_ROW // 32)
def riving_load_per_day_zero_days(session):
    """Riving load per day since the froe was ground, computed without a guard: one froe ground
    on the day gives days=0 and an infinite ratio in row 700; read in file order the first
    batch holding it turns the weights NaN and every loss after it is NaN."""
    return _load_per_day(session, broken=True)


@holdout230("copper_beaters_of_swansea", ["unnormalized_inputs"], stall_begins=96)
def furnace_blast_in_pascals(session):
    """Furnace yield by a GRU(24) where the blast pressure column was left in pascals (about
    101,325) beside standardised columns: the gates saturate on it and the loss falls to the
    target variance (1.0) and sits there, where the fixed GRU reaches 0.10."""
    return _pascal_pressure(session, broken=True)


@holdout230("copper_beaters_of_swansea", ["over_regularization"])
def furnace_lstm_max_norm(session):
    """Furnace yield by an LSTM and dense head whose kernels carry MaxNorm(0.02), the value
    meant for a learning rate typed into the constraint: the weights cannot grow and the loss
    sits at 0.96 from the first epoch, where the unconstrained net reaches 0.07."""
    return _max_norm_tiny(session, broken=True)
