"""The hundred-and-sixty-seventh held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades give the data: a shire marshal's stables (horse measures, hoof-sensor gaits,
strides), a county gaol's ledgers (night disturbances, head counts, cell-block plans), a
franklin's fields (harvests, aerial furrow patches, tithes) and a manor's villeins (manor-roll
entries as tokens, weeks of labour owed). Every generator is numpy with a fixed seed in
16700..16799; the last PROBE_SIZE rows of each data set are the probe, as `_fit` does.

Healthy half (12 runs; correct models trained correctly, imperfect because of the data or the
schedule): sound/lame verdicts with a fifth of the labels flipped (the loss flattens near
0.55); a GRU on gaits under ReduceLROnPlateau; stride regression with Student-t noise under
Huber loss; Poisson counts with an exponential output (the Keras Poisson loss is negative
here and flattens at the noise); a rare (~4 %) positive class with class_weight; a custom
GradientTape Conv1D loop under warm-up then cosine decay; a CNN on only 192 images that
memorises (the training loss goes to ~0); a pinball (q = 0.9) loss on heteroscedastic
harvests under PiecewiseConstantDecay; a linear model on ill-conditioned correlated columns
with plain SGD, still creeping down at the end; an Embedding + MultiHeadAttention classifier
with a tenth of the labels wrong; a parity task that sits at ln 2 for ~10 epochs before the
loss falls (a real plateau, still improving at the end); an LSTM under a step decay.

Broken half (12 runs, one per cause, each a code mistake; every one was trained beside its
fixed twin with Session(None) and stalls far above it): an unclipped tanh SimpleRNN over 80
steps with SGD+momentum (exploding gradients; it bounces around ln 4 where the clipped twin
reaches ~0.4); an MLP with Constant(0.05) kernels (symmetric units: poor initialization);
raw-unit horse measures (unnormalized inputs); an LSTM under RMSprop 1e-6 (learning rate too
low); a 0 / 0 target on an empty night, read in file order (non-finite values: NaN from step
16 to the end of eight epochs); a CNN with a linear Dense(1) output under
"binary_crossentropy" without from_logits (loss/activation mismatch: flat from the start); a
CNN under Adam 0.3 (learning rate too high); a one-unit hidden layer (insufficient capacity);
a sigmoid MLP whose RandomNormal(1.0) set the mean, not the spread, so the second layer sits
at sigmoid = 1 for every input (saturated activations; custom loop); ten sigmoid Conv1D
layers under SGD (vanishing gradients); relu Conv1D layers with bias -3 after an Embedding
(dead relus); L2 = 1.0 on an embedding bag (over-regularization).

Dropped or changed because they did not behave as intended: a saturation built from a large
kernel standard deviation (N(0, 4) weights on standardized inputs) still learned, since the
saturated units act as random binary features for the output layer, so the mean/stddev
misread (which pins units at the same value for every input) replaced it; a -inf feature from
np.log(0) and then a NaN feature from 0 / 0 did not turn the loss NaN (the run went on with a
finite, worse loss), so the non-finite value was moved into the target; a two-unit hidden
layer was still improving at the end, so the capacity run uses one unit and a higher rate.
The exploding-gradient run does not fall first and then stall: it never settles from the
start, dips once mid-run and is thrown back.

Labels: `expected_causes[0]` is the root cause each broken run was built around (one cause
each). `stall_begins` is the 0-based optimizer step from which the loss stops improving, None
for "from the start"; the NaN run's step is exact (the batch holding the empty night), the
others marked "approximate" beside their decorator were read off the per-step loss
(reconstructed from Keras's running batch mean) of one Session(None) run.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, registrar

FAMILIES = ('marshals', 'gaolers', 'franklins', 'villeins')

REGISTRY = []

holdout167 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data: a marshal's stables, a gaoler's ledgers, a franklin's fields, a villein's manor roll


def _horses(n, seed):
    """A marshal's stable book: 6 standardized measures of a horse (height, weight, age,
    stride, daily feed, shoe wear), a lameness score, and the scale/offset of the raw units
    (cm, kg, days, cm, grams, mm)."""
    r = np.random.default_rng(seed)
    z = r.normal(0.0, 1.0, size=(n, 6))
    score = (1.1 * z[:, 3] - 0.9 * z[:, 5] * z[:, 2] + np.cos(1.5 * z[:, 1])
             + 0.6 * np.tanh(2.0 * z[:, 0]) + 0.3 * r.normal(size=n))
    scale = np.array([8.0, 60.0, 1500.0, 20.0, 2000.0, 3.0])
    offset = np.array([160.0, 500.0, 3000.0, 150.0, 8000.0, 6.0])
    return z.astype("float32"), score.astype("float32"), (scale, offset)


def _gait(n, seed, length=40):
    """Three hoof sensors over `length` ticks; the label is the gait (walk, trot, canter,
    gallop), carried by the stride frequency and by a square-wave rhythm in two of them."""
    r = np.random.default_rng(seed)
    y = r.integers(0, 4, size=n)
    t = np.arange(length)[None, :]
    freq = 0.25 + 0.12 * y
    phase = r.uniform(0.0, 2 * np.pi, size=n)
    swing = np.sin(freq[:, None] * t + phase[:, None])
    beat = np.sign(np.sin(0.5 * freq[:, None] * t + phase[:, None])) * (y[:, None] % 2)
    x = np.stack([swing, beat, r.normal(0.0, 1.0, (n, length))], axis=-1)
    x = x + r.normal(0.0, 0.4, size=x.shape)
    return x.astype("float32"), y.astype("int32")


def _nights(n, seed):
    """A gaoler's night ledger: 8 standardized facts about a night (moon, rain, guards on
    duty, feast day, ...) and the rate of disturbances in the cells that night."""
    r = np.random.default_rng(seed)
    z = r.normal(0.0, 1.0, size=(n, 8))
    log_rate = (1.2 + 0.5 * z[:, 0] - 0.4 * z[:, 1] + 0.3 * np.sin(2.0 * z[:, 2])
                + 0.2 * z[:, 3] * z[:, 4])
    return z.astype("float32"), np.exp(log_rate).astype("float32")


def _headcounts(n, seed, length=30):
    """Nightly head counts of a gaol over `length` nights (standardized; a weekly market-day
    cycle plus a drifting level), the count of the next night, and the trend class."""
    r = np.random.default_rng(seed)
    t = np.arange(length + 1)[None, :]
    phase = r.uniform(0.0, 2 * np.pi, size=n)
    slope = r.normal(0.0, 0.04, size=n)
    walk = np.cumsum(r.normal(0.0, 0.05, size=(n, length + 1)), axis=1)
    series = np.sin(2 * np.pi * t / 7.0 + phase[:, None]) + slope[:, None] * t + walk
    series = series + r.normal(0.0, 0.1, size=series.shape)
    x, nxt = series[:, :length], series[:, length]
    trend = np.digitize(series[:, -1] - series[:, 0], [-0.6, 0.6])
    return x[..., None].astype("float32"), nxt.astype("float32"), trend.astype("int32")


def _cell_maps(n, seed, size=12):
    """A gaol's cell-block plan as a size x size grid: lit cells are occupied; the label
    says whether one block (a 4x4 corner of the plan) is overcrowded."""
    r = np.random.default_rng(seed)
    density = r.uniform(0.1, 0.6, size=(n, 1, 1))
    maps = (r.uniform(size=(n, size, size)) < density).astype("float32")
    corner = r.integers(0, 4, size=n)
    crowded = r.random(n) < 0.5
    for i in np.nonzero(crowded)[0]:
        cy, cx = divmod(corner[i], 2)
        block = maps[i, cy * 8 : cy * 8 + 4, cx * 8 : cx * 8 + 4]
        maps[i, cy * 8 : cy * 8 + 4, cx * 8 : cx * 8 + 4] = np.maximum(
            block, (r.uniform(size=(4, 4)) < 0.95).astype("float32"))
    maps = maps + r.normal(0.0, 0.1, size=maps.shape).astype("float32")
    return maps[..., None].astype("float32"), crowded.astype("int32")


def _fields(n, seed):
    """A franklin's field book: 8 standardized measures of a field (soil, rain, slope,
    manure, ...), the harvest score, and its tercile (poor, middling, good)."""
    r = np.random.default_rng(seed)
    z = r.normal(0.0, 1.0, size=(n, 8))
    score = (1.2 * z[:, 0] + 1.5 * np.sin(1.5 * z[:, 1]) - 0.8 * z[:, 2] * z[:, 3]
             + 0.6 * np.abs(z[:, 4]) + 0.3 * r.normal(size=n))
    y = np.digitize(score, np.quantile(score, [1 / 3, 2 / 3]))
    return z.astype("float32"), score.astype("float32"), y.astype("int32")


def _furrows(n, seed, size=12):
    """Aerial patches of a franklin's land: furrows ploughed across, down, along either
    diagonal, or fallow (5 classes), with soil noise."""
    r = np.random.default_rng(seed)
    y = r.integers(0, 5, size=n)
    yy, xx = np.mgrid[0:size, 0:size]
    period = r.uniform(3.0, 5.0, size=n)
    phase = r.uniform(0.0, 2 * np.pi, size=n)
    direction = np.stack([yy, xx, yy + xx, yy - xx, 0 * yy])[y]
    angle = 2 * np.pi * direction / period[:, None, None] + phase[:, None, None]
    images = 0.5 + 0.5 * np.sin(angle)
    images[y == 4] = 0.5
    images = images + r.normal(0.0, 0.35, size=images.shape)
    return images[..., None].astype("float32"), y.astype("int32")


def _roll(n, seed, length=20, vocab=40):
    """Entries of a manor roll as token sequences (`vocab` words); the label is which of four
    services (tokens 1-4) the entry names most often, ties broken by the first named."""
    r = np.random.default_rng(seed)
    tokens = r.integers(5, vocab, size=(n, length))
    y = r.integers(0, 4, size=n)
    for i in range(n):
        spots = r.choice(length, size=r.integers(3, 6), replace=False)
        tokens[i, spots] = 1 + y[i]
        other = r.choice(length, size=r.integers(0, 2), replace=False)
        tokens[i, np.setdiff1d(other, spots)] = 1 + r.integers(0, 4)
    counts = np.stack([(tokens == k).sum(axis=1) for k in range(1, 5)], axis=1)
    return tokens.astype("int32"), counts.argmax(axis=1).astype("int32")


def _labour(n, seed, length=32):
    """A villein's weeks of labour owed (standardized days of week-work and boon-work over
    `length` weeks, two channels) and the season's harvest dues to forecast."""
    r = np.random.default_rng(seed)
    t = np.arange(length)[None, :]
    phase = r.uniform(0.0, 2 * np.pi, size=n)
    amp = r.uniform(0.5, 1.5, size=n)
    work = amp[:, None] * np.sin(2 * np.pi * t / 16.0 + phase[:, None])
    boon = (np.sin(2 * np.pi * t / 8.0 + 2 * phase[:, None]) > 0.7).astype(float)
    x = np.stack([work, boon], axis=-1) + r.normal(0.0, 0.3, size=(n, length, 2))
    dues = amp * np.cos(phase) + 0.5 * boon[:, -8:].sum(axis=1) / 2.0 + 0.3 * r.normal(size=n)
    return x.astype("float32"), dues.astype("float32")


def _seeded(seed):
    _keras().utils.set_random_seed(seed)
    return _keras()


# ---------------------------------------------------------------------------------------------
# marshals: the stables of a shire marshal (farriery, gaits, strides)


@holdout167("marshals", healthy=True)
def farrier_noisy_verdicts(session):
    """Marshal's stable book, sound/lame verdicts of which a fifth were written down wrong by
    the farrier's boy (labels flipped at random), 2x64 relu MLP, Adam 1e-3, 20 epochs: the
    model learns the real rule and the loss flattens near 0.6, the price of the noisy ledger."""
    keras = _seeded(16710)
    x, score, _ = _horses(N, seed=16710)
    y = (score > np.median(score)).astype("int32")
    flip = np.random.default_rng(16711).random(len(y)) < 0.2
    y = np.where(flip, 1 - y, y).astype("int32")
    model = _mlp(keras, 6, [64, 64], 2)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout167("marshals", healthy=True)
def gait_gru_reduce_on_plateau(session):
    """Hoof-sensor sequences (40 ticks, 3 channels) classified into four gaits by a GRU(24),
    Adam 3e-3 with ReduceLROnPlateau (factor 0.5, patience 2, on the training loss), 14
    epochs: fast learning, then halvings of the rate as the loss levels off near its floor."""
    keras = _seeded(16712)
    x, y = _gait(768 + PROBE_SIZE, seed=16712)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(24),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=2,
                                                min_lr=1e-5, verbose=0)
    return _fit(session, model, x, y, epochs=14, batch_size=32, callbacks=[plateau])


@holdout167("marshals", healthy=True)
def stride_huber_heavy_tails(session):
    """Stride length from the stable book's measures, where the tape-measure readings carry
    heavy-tailed errors (Student t, 2 degrees of freedom), fitted with Huber loss by a 2x64
    relu MLP, Adam 1e-3, 16 epochs: the loss flattens well above zero, set by the outliers."""
    keras = _seeded(16713)
    x, score, _ = _horses(N, seed=16713)
    y = (score + 0.6 * np.random.default_rng(16714).standard_t(2.0, size=len(score)))
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), keras.losses.Huber(delta=1.0))
    return _fit(session, model, x, y.astype("float32"), epochs=16, batch_size=32)


def _gait_rnn_unclipped(session, broken):
    keras = _seeded(16715)
    x, y = _gait(N, seed=16715, length=80)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.SimpleRNN(32),
                              keras.layers.Dense(4, activation="softmax")])
    clip = {} if broken else {"clipnorm": 1.0}
    model.compile(keras.optimizers.SGD(0.1, momentum=0.9, **clip),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout167("marshals", ["exploding_gradients"])
def gait_rnn_unclipped(session):
    """Gait classification from 80-tick hoof-sensor sequences with a tanh SimpleRNN(32) and
    SGD 0.1 with momentum 0.9, the recipe's clipnorm=1.0 left out: the gradient through 80
    recurrent steps blows up, each update throws the recurrent weights into the chaotic regime
    and the loss bounces around the constant-guess level (ln 4) for the whole run, dipping once
    mid-run and thrown back (with the clipping the same run reaches ~0.4)."""
    return _gait_rnn_unclipped(session, broken=True)


def _symmetric_init(session, broken):
    keras = _seeded(16716)
    x, score, _ = _horses(N, seed=16716)
    init = keras.initializers.Constant(0.05) if broken else "glorot_uniform"
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None, kernel_initializer=init)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, score, epochs=15, batch_size=32)


@holdout167("marshals", ["poor_initialization"], stall_begins=100)  # approximate
def lameness_constant_init(session):
    """Lameness score regressed by a 2x64 relu MLP whose kernels were all initialized to
    Constant(0.05) (to make runs "reproducible"): every hidden unit starts identical, gets the
    same gradient and stays identical, so the net has the power of one unit per layer: the
    loss levels off near 1.5 after a few epochs and only creeps, where the same MLP from
    Glorot weights reaches ~0.2."""
    return _symmetric_init(session, broken=True)


def _raw_horse_measures(session, broken):
    keras = _seeded(16717)
    z, score, (scale, offset) = _horses(N, seed=16717)
    y = (score > np.median(score)).astype("int32")
    x = z if not broken else (z * scale + offset).astype("float32")
    model = _mlp(keras, 6, [64, 64], 2)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout167("marshals", ["unnormalized_inputs"], stall_begins=80)  # approximate
def lameness_raw_units(session):
    """Sound/lame classification from the stable book in its raw units (height in cm, weight
    in kg, age in days, feed in grams: columns from ~6 to ~8,000, all far from zero), 2x64
    relu MLP, Adam 1e-3: the large columns swamp the small ones, the softmax is driven to
    extreme, confidently wrong outputs, and after the first epochs the loss bounces between ~6
    and ~35 for the rest of the run, where the standardized run reaches ~0.19."""
    return _raw_horse_measures(session, broken=True)


# ---------------------------------------------------------------------------------------------
# gaolers: a county gaol's ledgers (night disturbances, head counts, cell plans)


@holdout167("gaolers", healthy=True)
def disturbances_poisson(session):
    """Disturbances in the cells per night (Poisson counts, mean ~3) from eight facts about
    the night, 2x32 relu MLP with an exponential output and Poisson loss, Adam 2e-3, 15
    epochs: converges to the Poisson noise floor, which is far from zero."""
    keras = _seeded(16720)
    x, rate = _nights(N, seed=16720)
    y = np.random.default_rng(16721).poisson(rate).astype("float32")
    model = _mlp(keras, 8, [32, 32], 1, out_activation="exponential")
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout167("gaolers", healthy=True)
def escapes_rare_weighted(session):
    """Escape attempts, about 4 nights in 100, predicted from the night ledger by a 2x32 relu
    MLP with a sigmoid output and binary cross-entropy, class_weight {0: 1, 1: 12}, Adam 1e-3,
    20 epochs: the weighted loss is noisy batch to batch and flattens well above zero."""
    keras = _seeded(16722)
    x, rate = _nights(N, seed=16722)
    logit = np.log(rate) * 2.5 - 7.0
    p = 1.0 / (1.0 + np.exp(-logit))
    y = (np.random.default_rng(16723).random(len(p)) < p).astype("float32")
    model = _mlp(keras, 8, [32, 32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_weighted(session, model, x, y)


def _fit_weighted(session, model, x, y):
    """`_fit` with class_weight {0: 1, 1: 12} (the escape ledger's rare positives)."""
    x_train, y_train = x[:-PROBE_SIZE], y[:-PROBE_SIZE]
    probe = (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(x_train, y_train, epochs=20, batch_size=32, shuffle=True, verbose=0,
                        class_weight={0: 1.0, 1: 12.0}, callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout167("gaolers", healthy=True)
def night_watch_custom_cosine(session):
    """Custom GradientTape loop: the trend of a gaol's head count (falling, steady, rising)
    from 30 nights, Conv1D(16, 5) x2 + pooling, Adam under CosineDecay with a 60-step linear
    warm-up to 3e-3, 12 epochs: slow start, fast fall, then a gentle landing as the rate
    decays toward zero."""
    keras = _seeded(16724)
    x, _, trend = _headcounts(N, seed=16724)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3),
    ])
    steps = 12 * (1024 // 32)
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, decay_steps=steps - 60, warmup_target=3e-3, warmup_steps=60)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.Adam(schedule), loss, x, trend,
                        epochs=12, batch_size=32, seed=16724, learning_rate=schedule)


def _ledger_lstm(session, broken):
    keras = _seeded(16725)
    x, nxt, _ = _headcounts(N, seed=16725)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.RMSprop(1e-6 if broken else 1e-3), "mse")
    return _fit(session, model, x, nxt, epochs=12, batch_size=32)


@holdout167("gaolers", ["learning_rate_too_low"])
def headcount_lstm_rmsprop_1e6(session):
    """Forecasting tomorrow's head count from 30 nights with an LSTM(24) and RMSprop whose
    learning_rate was set to 1e-6 (copied from a fine-tuning recipe; 1e-3 was meant): every
    step moves the weights by about a millionth and the loss stays where it started."""
    return _ledger_lstm(session, broken=True)


NAN_NIGHT = 520  # read in file order with batch 32: first met in batch 520 // 32 = 16 (0-based)
NAN_BATCH = 32


def _disturbances_per_inmate(session, broken):
    keras = _seeded(16726)
    x, rate = _nights(N, seed=16726)
    r = np.random.default_rng(16727)
    inmates = r.integers(20, 60, size=len(x)).astype("float32")
    counts = r.poisson(rate * inmates / 40.0).astype("float32")
    inmates[NAN_NIGHT], counts[NAN_NIGHT] = 0.0, 0.0  # the night the gaol stood empty
    with np.errstate(invalid="ignore"):
        per_inmate = counts / inmates if broken else counts / np.maximum(inmates, 1.0)
    y = (per_inmate * 10.0).astype("float32")
    model = _mlp(keras, 8, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=NAN_BATCH, shuffle=False)


@holdout167("gaolers", ["non_finite_values"], stall_begins=NAN_NIGHT // NAN_BATCH)
def disturbances_per_inmate_nan(session):
    """Night-ledger regression of disturbances per inmate, the target computed as counts /
    inmates: one night the gaol stood empty (no inmates, no disturbances) and 0 / 0 is NaN.
    Read in file order (shuffle=False), the first batch holding it makes the loss NaN, the
    update turns every weight NaN, and the run goes on for eight epochs with a NaN loss (with
    the head count floored at 1 it trains normally)."""
    return _disturbances_per_inmate(session, broken=True)


def _cell_map_linear_bce(session, broken):
    keras = _seeded(16728)
    x, y = _cell_maps(N, seed=16728)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1),
    ])
    loss = keras.losses.BinaryCrossentropy(from_logits=not broken)
    model.compile(keras.optimizers.Adam(1e-3), loss)
    return _fit(session, model, x, y.astype("float32"), epochs=12, batch_size=32)


@holdout167("gaolers", ["loss_activation_mismatch"])
def cell_block_logits_as_probabilities(session):
    """Overcrowded-block detection on 12x12 cell-block plans with a small CNN whose last layer
    is a linear Dense(1) (logits), compiled with "binary_crossentropy" (from_logits defaults
    to False): the loss clips the raw outputs to (0, 1) as if they were probabilities, outputs
    outside that range get no gradient, and the loss stalls far above the from_logits run."""
    return _cell_map_linear_bce(session, broken=True)


# ---------------------------------------------------------------------------------------------
# franklins: a free landholder's fields (harvests, furrows, tithes)


@holdout167("franklins", healthy=True)
def furrows_small_data_overfit(session):
    """Only 192 aerial patches of ploughed land (5 furrow directions), a Conv2D(16)-Conv2D(32)
    CNN with a 64-unit dense head, Adam 2e-3, batch 16, 40 epochs: with so little data the
    training loss keeps falling toward zero (memorisation; nothing is broken)."""
    keras = _seeded(16730)
    x, y = _furrows(192 + PROBE_SIZE, seed=16730)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(5, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


@holdout167("franklins", healthy=True)
def harvest_quantile_piecewise(session):
    """The 90th percentile of a field's harvest, whose spread grows with the rain
    (heteroscedastic noise), fitted with the pinball loss (q = 0.9) by a 2x64 relu MLP, Adam
    under PiecewiseConstantDecay (3e-3, then 1e-3 after 200 steps, 3e-4 after 400), 18 epochs:
    steps down at each boundary and flattens at the noise's quantile loss."""
    keras = _seeded(16731)
    x, score, _ = _fields(N, seed=16731)
    noise = np.random.default_rng(16732).normal(size=len(score)) * (0.3 + 0.8 * np.abs(x[:, 5]))
    y = (score + noise).astype("float32")

    def pinball(target, prediction):
        error = target - prediction[:, 0]
        return keras.ops.mean(keras.ops.maximum(0.9 * error, -0.1 * error))

    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([200, 400], [3e-3, 1e-3, 3e-4])
    model = _mlp(keras, 8, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(schedule), pinball)
    return _fit(session, model, x, y, epochs=18, batch_size=32)


@holdout167("franklins", healthy=True)
def tithe_linear_slow_sgd(session):
    """The tithe owed as a linear function of 12 strongly correlated field measures (acreage,
    ploughland, meadow... all near-copies of each other), a linear model, plain SGD 0.01, 15
    epochs: the ill-conditioned directions are learned slowly, so the loss is still creeping
    down at the end, toward the noise floor."""
    keras = _seeded(16733)
    r = np.random.default_rng(16733)
    base = r.normal(size=(N, 3))
    mix = r.normal(size=(3, 12))
    x = base @ mix + 0.15 * r.normal(size=(N, 12))
    x = ((x - x.mean(axis=0)) / x.std(axis=0)).astype("float32")
    w = r.normal(size=12)
    y = (x @ w * 0.5 + 0.4 * r.normal(size=N)).astype("float32")
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.01), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _furrow_cnn_lr(session, broken):
    keras = _seeded(16734)
    x, y = _furrows(N, seed=16734)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(5, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(0.3 if broken else 3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout167("franklins", ["learning_rate_too_high"], stall_begins=26)  # approximate
def furrows_adam_0_3(session):
    """Furrow-direction CNN trained with Adam at 0.3 (the SGD recipe's rate kept when the
    optimizer was switched to Adam): the first steps throw the weights far away and the loss
    falls back from ~20 to the constant guess (ln 5) and sits there for the rest of the run."""
    return _furrow_cnn_lr(session, broken=True)


def _harvest_bottleneck(session, broken):
    keras = _seeded(16735)
    x, _, y = _fields(N, seed=16735)
    model = _mlp(keras, 8, [1] if broken else [64, 64], 3)
    model.compile(keras.optimizers.Adam(1e-2), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout167("franklins", ["insufficient_capacity"], stall_begins=240)  # approximate
def harvest_one_unit_hidden(session):
    """Harvest tercile (poor, middling, good) from a field's 8 measures through an MLP whose
    hidden layer has a single relu unit (`_mlp(keras, 8, [1], 3)`: the number of hidden layers
    typed where the list of widths was meant), Adam 1e-2: it learns the main linear trend,
    then levels off far above the 2x64 MLP's loss."""
    return _harvest_bottleneck(session, broken=True)


def _harvest_mean_init(session, broken):
    keras = _seeded(16736)
    x, _, y = _fields(N, seed=16736)
    init = keras.initializers.RandomNormal(1.0, seed=16736) if broken else "glorot_uniform"
    model = _mlp(keras, 8, [64, 64], 3, activation="sigmoid", out_activation=None,
                 kernel_initializer=init)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.Adam(1e-3), loss, x, y,
                        epochs=15, batch_size=32, seed=16736)


@holdout167("franklins", ["saturated_activations"])
def harvest_sigmoid_saturated(session):
    """Custom GradientTape loop, harvest tercile through a 2x64 sigmoid MLP whose kernels use
    RandomNormal(1.0), meant as a standard deviation but the first argument is the mean: every
    weight is ~1, so the second layer's pre-activations are ~+30 for every field and its
    sigmoids sit at 1.0 with zero slope; the output sees a constant and the loss stays near
    ln 3 while the same MLP from Glorot weights goes well below it."""
    return _harvest_mean_init(session, broken=True)


# ---------------------------------------------------------------------------------------------
# villeins: a manor's unfree tenants (roll entries, week-work, dues)


@holdout167("villeins", healthy=True)
def roll_attention_noisy(session):
    """Manor-roll entries (20 tokens) classified by the service they name most, with a tenth
    of the clerk's labels wrong: Embedding(40, 16), one MultiHeadAttention block (2 heads)
    with a residual connection, average pooling, Adam 2e-3, 15 epochs: the loss flattens at
    the level the wrong labels allow."""
    keras = _seeded(16740)
    x, y = _roll(N, seed=16740)
    r = np.random.default_rng(16741)
    wrong = r.random(len(y)) < 0.1
    y = np.where(wrong, r.integers(0, 4, size=len(y)), y).astype("int32")
    tokens = keras.Input((x.shape[1],), dtype="int32")
    h = keras.layers.Embedding(40, 16)(tokens)
    h = keras.layers.Add()([h, keras.layers.MultiHeadAttention(2, 8)(h, h)])
    h = keras.layers.GlobalAveragePooling1D()(h)
    out = keras.layers.Dense(4, activation="softmax")(keras.layers.Dense(32, activation="relu")(h))
    model = keras.Model(tokens, out)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout167("villeins", healthy=True)
def boon_parity_plateau_then_drop(session):
    """Whether a villein owes an odd number of the four boon-days (parity of four +-1 bits,
    plus four irrelevant noisy columns), a 1x16 tanh MLP, Adam 3e-3, 25 epochs: the loss sits
    at ln 2 for a while (no single bit says anything about parity) and then drops sharply
    once the units find the interaction: a real plateau, not a stall."""
    keras = _seeded(16742)
    r = np.random.default_rng(16742)
    bits = r.choice([-1.0, 1.0], size=(N, 4))
    x = np.concatenate([bits + 0.05 * r.normal(size=(N, 4)), r.normal(size=(N, 4))], axis=1)
    y = ((bits > 0).sum(axis=1) % 2).astype("int32")
    model = _mlp(keras, 8, [16], 2, activation="tanh")
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x.astype("float32"), y, epochs=25, batch_size=32)


@holdout167("villeins", healthy=True)
def dues_lstm_step_decay(session):
    """The season's harvest dues forecast from 32 weeks of labour with an LSTM(24), Adam
    starting at 3e-3 and halved every 4 epochs by a LearningRateScheduler (a step decay),
    14 epochs, noisy dues: the loss drops in stairs and flattens at the noise."""
    keras = _seeded(16743)
    x, y = _labour(768 + PROBE_SIZE, seed=16743)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    decay = keras.callbacks.LearningRateScheduler(lambda epoch, lr: 3e-3 * 0.5 ** (epoch // 4))
    return _fit(session, model, x, y, epochs=14, batch_size=32, callbacks=[decay])


def _deep_sigmoid_conv1d(session, broken):
    keras = _seeded(16744)
    x, y = _labour(N, seed=16744)
    conv = (dict(activation="sigmoid") if broken
            else dict(activation="relu", kernel_initializer="he_normal"))
    layers = [keras.Input(x.shape[1:])]
    layers += [keras.layers.Conv1D(16, 3, padding="same", **conv) for _ in range(10)]
    layers += [keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(1)]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout167("villeins", ["vanishing_gradients"])
def dues_ten_sigmoid_convs(session):
    """Harvest dues from 32 weeks of labour through ten stacked Conv1D(16, 3) layers with
    sigmoid activations (an old textbook's choice), SGD 0.01 with momentum: each sigmoid
    layer shrinks the gradient by 4x or more, the early filters get nothing and the loss
    hardly moves, where the same stack with relu and He init learns."""
    return _deep_sigmoid_conv1d(session, broken=True)


def _roll_conv_negative_bias(session, broken):
    keras = _seeded(16745)
    x, y = _roll(N, seed=16745)
    bias = keras.initializers.Constant(-3.0 if broken else 0.0)
    model = keras.Sequential([
        keras.Input((x.shape[1],), dtype="int32"),
        keras.layers.Embedding(40, 16),
        keras.layers.Conv1D(32, 3, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.Conv1D(32, 3, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout167("villeins", ["dead_relus"])
def roll_conv_bias_minus_3(session):
    """Manor-roll classification with Embedding(40, 16) and two relu Conv1D(32, 3) layers
    whose biases were initialized to -3 (a "sparse activations" tip taken too far): the
    embeddings are ~0.05, so every pre-activation is ~-3, every relu outputs 0 for every
    entry, no gradient reaches the filters and the loss stays at the class prior."""
    return _roll_conv_negative_bias(session, broken=True)


def _roll_embedding_l2(session, broken):
    keras = _seeded(16746)
    x, y = _roll(N, seed=16746)
    reg = keras.regularizers.L2(1.0 if broken else 1e-4)
    model = keras.Sequential([
        keras.Input((x.shape[1],), dtype="int32"),
        keras.layers.Embedding(40, 16, embeddings_regularizer=reg),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout167("villeins", ["over_regularization"], stall_begins=200)  # approximate
def roll_embedding_l2_one(session):
    """Manor-roll classification by a bag of embeddings (Embedding(40, 16), average pooling,
    Dense(32, relu)) with an L2 penalty of 1.0 on the embeddings and the dense kernel (1e-4
    was meant): the penalty pins the weights near zero, and the loss levels off near the
    class prior while the lightly regularized model learns the services."""
    return _roll_embedding_l2(session, broken=True)
