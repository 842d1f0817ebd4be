"""The hundred-and-eighty-third held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four families, each a trade of the old manor with its own synthetic data (numpy, seeds
18301-18324; the last PROBE_SIZE rows of every set are the probe, never trained on):
stackers predict how hot a hay rick gets and grade ricks (tabular MLPs and a custom loop);
cottars sort cloth swatches by weave (Conv2D) and loom sounds by shuttle tempo (Conv1D);
crofters forecast lamb gain, ewe illness and fleece counts from 20-40 days of flock records
(GRU, LSTM, SimpleRNN, a deep MLP); bordars appear in the reeve's ledgers (embeddings, a
two-input Poisson model, attention over charter tokens, custom GradientTape loops).

Healthy half (twelve runs, correct models trained correctly, flattening above zero): Huber
regression on Student-t noise; label-noisy grades under PiecewiseConstantDecay SGD; a
pinball (90th percentile) custom loop on heteroscedastic noise; a label-noisy CNN under
ReduceLROnPlateau; a Conv1D under linear warm-up and cosine decay; a CNN memorising 192
swatches over 40 epochs; a GRU on heteroscedastic regression; a rare-positive LSTM with
class_weight; a SimpleRNN with plain SGD at 0.01 still improving slowly at the end; a
two-input embedding model with a Poisson loss; an attention model on label-noisy charters
whose loss creeps down slowly from log 2; a dropout MLP in a custom loop.

Broken half (nine runs, one cause each, every one checked against the same model without
the mistake): Adam at 0.5 for 5e-4; raw ledger units with large offsets; L2(3.0) on every
kernel; conv biases initialised to -4 so every relu filter is dead; 1x1 conv filters that
cannot see a weave; a 12-layer sigmoid MLP; np.log of counts with a zero, giving -inf
targets and then NaN weights; SGD at 1e-6 in a custom loop; every initializer set to zeros.

Dropped, because they did not behave as intended when trained beside their fixed versions:
exploding gradients (a relu SimpleRNN with an orthogonal recurrent gain of 1.6 and no
clipping went to NaN in the first epoch, and at gain 1.1-1.25 it simply learned); a
one-unit softmax head with binary cross-entropy for loss/activation mismatch (Keras still
trained it as well as the sigmoid version), and a linear head with binary cross-entropy
(it learned, then jumped, but did not stall); saturated activations (a tanh MLP with
RandomNormal(stddev=4) kernels under SGD kept improving, only more slowly than glorot).
So the families are uneven: stackers six, the other three five each.

Labels: `expected_causes[0]` is the root cause each broken run was built around, and only
one is given. `stall_begins` is the 0-based optimizer step from which the loss stops
improving, None when it never improves on its start. The non-finite run's step is exact
(the -inf target is row 300, read in file order at batch 32: step 9); the over-regularized
run's (step 192, about epoch 6 at 32 steps an epoch) was read off the epoch losses and is
approximate. Runs that are flat from their first epoch (including those whose first epoch
falls from a huge initial loss straight to the constant-guess level) are labelled None.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _small_cnn, _standardize
from .scenarios import registrar

FAMILIES = ('stackers', 'cottars', 'crofters', 'bordars')
REGISTRY = []
holdout183 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE
BATCH = 32
STEPS = 1024 // BATCH  # optimizer steps per epoch of the 1,024 training rows


# ---------------------------------------------------------------------------------------------
# data


def _ricks(n, seed, noise="gauss"):
    """Hay ricks: six standardized measurements (moisture, density, height, days since cutting,
    rain, air temperature) and the core temperature a week later, with noise of the kind given."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 6)).astype("float32")
    signal = (1.2 * x[:, 0] + 0.8 * np.tanh(x[:, 1] * x[:, 3]) - 0.6 * x[:, 2] ** 2
              + 0.5 * np.sin(2.0 * x[:, 4]) + 0.3 * x[:, 5])
    if noise == "student":
        eps = 0.6 * rng.standard_t(2.5, size=n)
    elif noise == "hetero":
        eps = rng.normal(size=n) * (0.2 + 0.6 * np.abs(x[:, 0]))
    else:
        eps = 0.3 * rng.normal(size=n)
    return x, (signal + eps).astype("float32")[:, None]


def _rick_grades(n, seed, flip=0.0, classes=4):
    """Rick grades: the quarter of the temperature signal a rick falls in, some labels flipped."""
    rng = np.random.default_rng(seed)
    x, t = _ricks(n, seed, noise="gauss")
    edges = np.quantile(t[:, 0], np.linspace(0, 1, classes + 1)[1:-1])
    y = np.digitize(t[:, 0], edges)
    flipped = rng.random(n) < flip
    y[flipped] = rng.integers(0, classes, size=flipped.sum())
    return x, y.astype("int32")


def _cloth(n, seed, flip=0.0, size=12):
    """Cottar's cloth swatches: noisy 12x12 images of four weaves (plain, twill, rib, check)."""
    rng = np.random.default_rng(seed)
    i, j = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
    weaves = [((i + j) % 2), ((i + j) // 2 % 2), (i // 2 % 2), ((i // 3 + j // 3) % 2)]
    y = rng.integers(0, 4, size=n)
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        pattern = np.roll(weaves[y[k]], rng.integers(0, 4, size=2), axis=(0, 1))
        x[k, :, :, 0] = pattern * rng.uniform(0.6, 1.4) + rng.normal(0, 0.6, (size, size))
    x = (x - x.mean()) / x.std()
    flipped = rng.random(n) < flip
    y[flipped] = rng.integers(0, 4, size=flipped.sum())
    return x.astype("float32"), y.astype("int32")


def _loom(n, seed, length=64):
    """Loom sound: a shuttle beat at one of three tempos, with a fault tick or not, plus hum."""
    rng = np.random.default_rng(seed)
    t = np.arange(length)
    y = rng.integers(0, 3, size=n)
    x = np.empty((n, length, 1), dtype="float32")
    for k in range(n):
        period = (6, 9, 13)[y[k]]
        beat = (np.mod(t + rng.integers(0, period), period) < 2).astype(float)
        hum = 0.5 * np.sin(2 * np.pi * t / rng.uniform(20, 40) + rng.uniform(0, 6))
        x[k, :, 0] = beat + hum + rng.normal(0, 0.5, length)
    return x, y.astype("int32")


def _flock(n, seed, length=20):
    """Crofter's flock: daily grazing hours and rain over `length` days (standardized), and the
    lambs' weight gain at the end."""
    rng = np.random.default_rng(seed)
    graze = rng.normal(size=(n, length))
    rain = rng.normal(size=(n, length))
    x = np.stack([graze, rain], axis=-1).astype("float32")
    weights = np.exp(-np.arange(length)[::-1] / 6.0)
    gain = (graze * weights).sum(1) * 0.5 - 0.3 * (rain[:, -5:].mean(1)) ** 2
    return x, gain.astype("float32")


def _tenants(n, seed, tenants=60):
    """Bordars' ledger: tenant id, plot size (acres, standardized) and days of week-work owed;
    the bushels rendered at Michaelmas are a Poisson count."""
    rng = np.random.default_rng(seed)
    tenant = rng.integers(0, tenants, size=n)
    skill = np.random.default_rng(seed + 1).normal(0, 0.5, size=tenants)
    acres = rng.normal(size=n)
    days = rng.normal(size=n)
    rate = np.exp(1.0 + skill[tenant] + 0.4 * acres - 0.2 * days)
    bushels = rng.poisson(rate)
    return tenant.astype("int32"), np.stack([acres, days], 1).astype("float32"), bushels


def _charters(n, seed, length=16, vocab=40, flip=0.0):
    """Manor charters as token sequences: a charter is a grant (1) when the token for 'grant'
    (7) comes before the token for 'sold' (9) somewhere in it, a sale (0) otherwise."""
    rng = np.random.default_rng(seed)
    x = rng.integers(10, vocab, size=(n, length))
    y = rng.integers(0, 2, size=n)
    for k in range(n):
        a, b = sorted(rng.choice(length, size=2, replace=False))
        x[k, a], x[k, b] = (7, 9) if y[k] else (9, 7)
    flipped = rng.random(n) < flip
    y[flipped] = 1 - y[flipped]
    return x.astype("int32"), y.astype("int32")


# ---------------------------------------------------------------------------------------------
# stackers: hay ricks


@holdout183("stackers", healthy=True)
def rick_heat_huber(session):
    """A stacker predicts a rick's core temperature from six measurements; thermometer misreads
    give Student-t (2.5 dof) noise, so a 2x64 relu MLP trained with Huber loss and Adam 2e-3 for
    14 epochs levels off well above zero on the outliers it cannot explain."""
    keras = _keras()
    x, y = _ricks(N, seed=18301, noise="student")
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(delta=1.0))
    return _fit(session, model, x, y, epochs=14, batch_size=BATCH)


@holdout183("stackers", healthy=True)
def rick_grades_step_decay(session):
    """Four rick grades where the grader mislabels 20% of ricks; a 64-32 relu MLP with SGD and
    momentum 0.9 on a PiecewiseConstantDecay schedule (0.05, 0.01 after 6 epochs, 0.002 after
    11). The loss steps down at each drop and flattens near the noise floor of the labels."""
    keras = _keras()
    x, y = _rick_grades(N, seed=18302, flip=0.2)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay(
        [6 * STEPS, 11 * STEPS], [0.05, 0.01, 0.002])
    model = _mlp(keras, 6, [64, 32], 4)
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout183("stackers", healthy=True)
def rick_heat_quantile_loop(session):
    """A custom GradientTape loop fits the 90th percentile of rick temperature (pinball loss),
    whose spread grows with moisture; a 2x48 relu MLP with Adam 3e-3, 12 epochs. The pinball
    loss cannot reach zero: it settles at the spread of the upper tail."""
    import tensorflow as tf

    keras = _keras()
    x, y = _ricks(N, seed=18303, noise="hetero")
    model = _mlp(keras, 6, [48, 48], 1, out_activation=None)

    def pinball(targets, predictions, q=0.9):
        error = targets - predictions
        return tf.reduce_mean(tf.maximum(q * error, (q - 1.0) * error))

    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), pinball, x, y,
                        epochs=12, batch_size=BATCH, seed=18303)


def _rick_grades_adam(session, broken):
    keras = _keras()
    x, y = _rick_grades(N, seed=18304, flip=0.05)
    model = _mlp(keras, 6, [64, 64], 4)
    # A notebook's "lr=5e-1" where the recipe said 5e-4.
    model.compile(keras.optimizers.Adam(0.5 if broken else 5e-4),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=BATCH)


@holdout183("stackers", ["learning_rate_too_high"], stall_begins=None)
def rick_grades_adam_half(session):
    """Rick grades (5% mislabelled) with a 2x64 relu MLP and Adam at 0.5, a slip for 5e-4:
    the first updates throw the weights far away and the loss bounces around the
    constant-guess level from then on instead of falling."""
    return _rick_grades_adam(session, broken=True)


def _rick_raw_units(session, broken):
    keras = _keras()
    x, y = _rick_grades(N, seed=18305, flip=0.05)
    # The same measurements in the units the stackers wrote down: moisture in %, density in
    # kg/m3, height in cm, days, rain in mm, air temperature in kelvin.
    scale = np.array([4.0, 25.0, 40.0, 3.0, 8.0, 5.0], dtype="float32")
    offset = np.array([18.0, 180.0, 450.0, 20.0, 30.0, 288.0], dtype="float32")
    raw = x * scale + offset
    inputs = raw if broken else _standardize(raw)
    model = _mlp(keras, 6, [64, 64], 4)
    model.compile(keras.optimizers.SGD(1e-3, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, inputs, y, epochs=12, batch_size=BATCH)


@holdout183("stackers", ["unnormalized_inputs"], stall_begins=None)
def rick_grades_raw_units(session):
    """Rick grades from the ledger's raw units (height near 450 cm, air temperature near 288 K,
    spreads of a few units) fed straight into a 2x64 relu MLP with SGD 1e-3 and momentum: the
    large offsets swamp the small differences that carry the grade, and the loss stays high."""
    return _rick_raw_units(session, broken=True)


def _rick_heat_l2(session, broken):
    keras = _keras()
    x, y = _ricks(N, seed=18306)
    reg = keras.regularizers.L2(3.0 if broken else 1e-4)
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None, kernel_regularizer=reg)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


@holdout183("stackers", ["over_regularization"], stall_begins=192)  # approximate
def rick_heat_l2_three(session):
    """Rick temperature regression with L2(3.0) on every kernel (a weight-decay value copied
    from a different framework's convention): the penalty crushes the weights, the net falls
    to predicting little more than the mean within the first epochs and stays there."""
    return _rick_heat_l2(session, broken=True)


# ---------------------------------------------------------------------------------------------
# cottars: cloth and looms


@holdout183("cottars", healthy=True)
def cloth_weaves_reduce_on_plateau(session):
    """A cottar sorts cloth swatches into four weaves, but 25% of the swatches were filed under
    the wrong weave; the small CNN (8 and 16 filters) with Adam 3e-3 and ReduceLROnPlateau
    (factor 0.3, patience 2) flattens at the label-noise floor, the rate stepping down."""
    keras = _keras()
    x, y = _cloth(N, seed=18307, flip=0.25)
    model = _small_cnn(keras, x.shape[1:], 4)
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    reduce = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.3, patience=2)
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH, callbacks=[reduce])


@holdout183("cottars", healthy=True)
def loom_tempo_warmup_cosine(session):
    """Loom sounds classified by shuttle tempo with a Conv1D net (16 and 32 filters, global
    pooling), Adam on a 100-step linear warm-up to 3e-3 then cosine decay over the rest of the
    12 epochs: slow at first, fast in the middle, flattening as the rate goes to zero."""
    keras = _keras()
    x, y = _loom(N, seed=18308)
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, decay_steps=12 * STEPS - 100, warmup_target=3e-3, warmup_steps=100)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


@holdout183("cottars", healthy=True)
def cloth_few_swatches_overfit(session):
    """Only 192 swatches were photographed (10% mislabelled); a CNN with 16 and 32 filters and
    Adam 2e-3 trains 40 epochs at batch 16 and memorises them: the training loss keeps sinking
    slowly toward zero while the probe rows are never seen. Healthy for the data it was given."""
    keras = _keras()
    x, y = _cloth(192 + PROBE_SIZE, seed=18309, flip=0.1)
    model = _small_cnn(keras, x.shape[1:], 4, filters=(16, 32))
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


def _cloth_biased_convs(session, broken):
    keras = _keras()
    x, y = _cloth(N, seed=18310)
    conv = {"bias_initializer": keras.initializers.Constant(-4.0)} if broken else {}
    model = _small_cnn(keras, x.shape[1:], 4, conv=conv)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=BATCH)


@holdout183("cottars", ["dead_relus"], stall_begins=None)
def cloth_conv_bias_minus_four(session):
    """Cloth weaves with the small CNN whose conv layers got bias_initializer=Constant(-4.0)
    (a gate-bias trick pasted into the wrong layers): on standardized swatches every relu
    filter is negative everywhere, passes no gradient, and only the head's bias learns."""
    return _cloth_biased_convs(session, broken=True)


def _cloth_one_by_one(session, broken):
    keras = _keras()
    x, y = _cloth(N, seed=18312)
    if broken:
        model = keras.Sequential([
            keras.Input(x.shape[1:]),
            keras.layers.Conv2D(4, 1, activation="relu"),
            keras.layers.GlobalAveragePooling2D(),
            keras.layers.Dense(4, activation="softmax"),
        ])
    else:
        model = _small_cnn(keras, x.shape[1:], 4)
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=BATCH)


@holdout183("cottars", ["insufficient_capacity"], stall_begins=None)
def cloth_one_by_one_filters(session):
    """Cloth weaves with a 'lightweight' CNN: four 1x1 relu filters, global average pooling,
    then the softmax head. A 1x1 kernel sees one pixel, and every weave covers half the swatch,
    so the pooled features cannot tell the weaves apart: the loss sits at log 4 from the start
    where two 3x3 conv layers reach a few hundredths."""
    return _cloth_one_by_one(session, broken=True)


# ---------------------------------------------------------------------------------------------
# crofters: flocks


@holdout183("crofters", healthy=True)
def lamb_gain_gru_hetero(session):
    """A crofter forecasts lamb weight gain from 20 days of grazing and rain with a GRU(24) and
    Adam 3e-3, 10 epochs; noise in the weighing scale grows with the gain, so the MSE flattens
    at that noise rather than zero."""
    keras = _keras()
    x, gain = _flock(N, seed=18313)
    rng = np.random.default_rng(18313)
    y = (gain + rng.normal(size=len(gain)) * (0.2 + 0.3 * np.abs(gain))).astype("float32")
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y[:, None], epochs=10, batch_size=BATCH)


@holdout183("crofters", healthy=True)
def ewe_illness_lstm_rare(session):
    """Which ewes fall ill: about 6% of flock records are positive (low grazing in the last
    days, plus chance); an LSTM(16) with sigmoid output, binary cross-entropy, class_weight
    {0: 1, 1: 5} and Adam 2e-3. The weighted loss settles well above zero on the chance cases."""
    keras = _keras()
    x, gain = _flock(N, seed=18314)
    rng = np.random.default_rng(18314)
    risk = -x[:, -4:, 0].mean(1) * 2.0 - 3.6 + rng.normal(0, 0.7, len(x))
    y = (risk > 0).astype("float32")
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(16),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    (xt, yt), probe = (x[:-PROBE_SIZE], y[:-PROBE_SIZE]), (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(xt, yt, epochs=10, batch_size=BATCH, verbose=0,
                        class_weight={0: 1.0, 1: 5.0}, callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout183("crofters", healthy=True)
def lamb_gain_rnn_slow_sgd(session):
    """Lamb gain from the flock records with a SimpleRNN(16) and plain SGD at 0.01 for 15
    epochs: a conservative but correct setup that is still improving, slowly, when the run
    ends."""
    keras = _keras()
    x, gain = _flock(N, seed=18315)
    rng = np.random.default_rng(18315)
    y = (gain + 0.2 * rng.normal(size=len(gain))).astype("float32")[:, None]
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.SimpleRNN(16),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.01), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


def _flock_deep_sigmoid(session, broken):
    keras = _keras()
    x, gain = _flock(N, seed=18316)
    flat = x.reshape(len(x), -1)
    y = (gain > np.median(gain)).astype("int32")
    if broken:
        model = _mlp(keras, flat.shape[1], [32] * 12, 2, activation="sigmoid")
    else:
        model = _mlp(keras, flat.shape[1], [32] * 12, 2, activation="relu",
                     kernel_initializer="he_normal")
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, flat, y, epochs=10, batch_size=BATCH)


@holdout183("crofters", ["vanishing_gradients"], stall_begins=None)
def flock_twelve_sigmoid_layers(session):
    """Good or poor lambing from the flattened 20-day records with a 12-layer sigmoid MLP
    (32 units each) and SGD 0.05 with momentum: each sigmoid layer shrinks the gradient about
    fourfold, the first layers never learn, and the loss sits at log 2."""
    return _flock_deep_sigmoid(session, broken=True)


NAN_ROW = 300  # read in file order at batch 32: first in the batch of step 9 (0-based)


def _wool_log_counts(session, broken):
    keras = _keras()
    x, gain = _flock(N, seed=18318)
    counts = np.random.default_rng(18318).poisson(np.exp(1.0 + 0.5 * gain))
    counts[NAN_ROW] = 0
    # log of a count with zeros: -inf where log1p was meant.
    with np.errstate(divide="ignore"):
        y = (np.log(counts) if broken else np.log1p(counts)).astype("float32")[:, None]
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(16),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=6, batch_size=BATCH, shuffle=False)


@holdout183("crofters", ["non_finite_values"], stall_begins=NAN_ROW // BATCH)
def fleece_count_log_zero(session):
    """Fleece counts regressed in log space by a GRU(16), Adam 2e-3, rows read in file order:
    the targets were made with np.log, and a ewe with no fleece in row 300 gives -inf. The
    batch holding it yields an infinite loss, the weights turn NaN, and the loss is NaN from
    there on."""
    return _wool_log_counts(session, broken=True)


# ---------------------------------------------------------------------------------------------
# bordars: the manor's ledgers


@holdout183("bordars", healthy=True)
def bushels_poisson_embedding(session):
    """The reeve predicts bushels rendered by each of 60 bordars from an Embedding(60, 8) of
    the tenant plus plot size and week-work, merged in a two-input model with a Poisson loss
    and Adam 5e-3; Poisson counts keep the loss well above its minimum."""
    keras = _keras()
    tenant, extra, bushels = _tenants(N, seed=18319)
    t_in = keras.Input((1,), dtype="int32")
    e_in = keras.Input((2,))
    emb = keras.layers.Flatten()(keras.layers.Embedding(60, 8)(t_in))
    h = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([emb, e_in]))
    out = keras.layers.Dense(1, activation="exponential")(h)
    model = keras.Model([t_in, e_in], out)
    model.compile(keras.optimizers.Adam(5e-3), "poisson")
    y = bushels.astype("float32")[:, None]
    cut = -PROBE_SIZE
    probe = ([tenant[cut:, None], extra[cut:]], y[cut:])
    history = model.fit([tenant[:cut, None], extra[:cut]], y[:cut], epochs=10,
                        batch_size=BATCH, verbose=0, callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout183("bordars", healthy=True)
def charter_attention_noisy(session):
    """Charters as 16-token sequences labelled grant or sale by word order, 10% of labels
    copied wrongly; an Embedding(40, 16) with position embedding, one MultiHeadAttention
    block (2 heads) and pooling, Adam 2e-3 for 14 epochs. Word order is hard to find from
    pooled tokens: the loss starts near log 2 and keeps creeping down slowly to the end."""
    keras = _keras()
    x, y = _charters(N, seed=18320, flip=0.1)
    tokens = keras.Input((16,), dtype="int32")
    h = keras.layers.Embedding(40, 16)(tokens)
    positions = keras.ops.arange(16)
    h = h + keras.layers.Embedding(16, 16)(positions)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    out = keras.layers.Dense(1, activation="sigmoid")(h)
    model = keras.Model(tokens, out)
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y.astype("float32")[:, None], epochs=14, batch_size=BATCH)


@holdout183("bordars", healthy=True)
def rent_class_loop_dropout(session):
    """A custom GradientTape loop sorts rent roll entries into four bands from the rick-style
    measurements of the holdings, 15% mislabelled; a 64-64 relu MLP with dropout 0.2 and
    Adam 2e-3, 12 epochs: the loss flattens at the label noise, jittered by dropout."""
    keras = _keras()
    x, y = _rick_grades(N, seed=18321, flip=0.15)
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dropout(0.2),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3),
                        keras.losses.SparseCategoricalCrossentropy(), x, y,
                        epochs=12, batch_size=BATCH, seed=18321)


def _rent_loop_sgd(session, broken):
    keras = _keras()
    x, y = _rick_grades(N, seed=18322, flip=0.05)
    model = _mlp(keras, 6, [64, 64], 4)
    rate = 1e-6 if broken else 0.05
    return _custom_loop(session, model, keras.optimizers.SGD(rate, momentum=0.9),
                        keras.losses.SparseCategoricalCrossentropy(), x, y,
                        epochs=10, batch_size=BATCH, seed=18322)


@holdout183("bordars", ["learning_rate_too_low"], stall_begins=None)
def rent_loop_sgd_1e6(session):
    """Custom loop on the rent bands, 2x64 relu MLP, SGD with momentum at 1e-6: the rate of a
    fine-tuning recipe copied into a training from scratch. The weights hardly move and the
    loss stays at its initial value."""
    return _rent_loop_sgd(session, broken=True)


def _bushels_zero_init(session, broken):
    keras = _keras()
    x, y = _charters(N, seed=18323)
    init = "zeros" if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input((16,), dtype="int32"),
        keras.layers.Embedding(40, 16, embeddings_initializer="zeros" if broken else "uniform"),
        keras.layers.Flatten(),
        keras.layers.Dense(64, activation="relu", kernel_initializer=init),
        keras.layers.Dense(32, activation="relu", kernel_initializer=init),
        keras.layers.Dense(1, activation="sigmoid", kernel_initializer=init),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y.astype("float32")[:, None], epochs=10, batch_size=BATCH)


@holdout183("bordars", ["poor_initialization"], stall_begins=None)
def charters_zero_initialised(session):
    """Grant-or-sale charters through an embedding and a 64-32 relu MLP where every
    initializer was set to 'zeros' ("start from a clean slate"): all activations are zero,
    no weight but the output bias gets a gradient, and the loss stays at log 2."""
    return _bushels_zero_init(session, broken=True)
