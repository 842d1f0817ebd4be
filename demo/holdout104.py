"""The hundred-and-fourth held-out catalogue: written by someone who did not read the engine or run
the diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History and a per-step loss recovered from the running mean, in a throwaway script
with the runner's seed), and every broken one against the same model trained without its
mistake (each helper `_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Portreeves: a bridge toll's takings whose noise
grows with the traffic, an MLP under Adam (a flat floor well above zero); a market's footfall
rhythm from 64 half-hour counts by a Conv1D net, a fifth of the labels wrong; the 0.8 quantile of
the takings under the pinball loss in a hand-written GradientTape loop. Scavengers: a bin's next
fill level by an LSTM under Huber loss against Student-t noise with ReduceLROnPlateau; a rare
hazardous-load class (1 in 16) weighted up by class_weight, still falling slowly at the end;
missed pickups as Poisson counts by an exponential-output MLP under keras's Poisson loss.
Rakers: windrow direction on 12x12 tiles by a Conv2D net under CosineDecay with a warm-up, a
tenth of the labels wrong; a meadow's class from only 192 rows by an MLP 128-128 that memorises
them over 40 epochs; hay moisture by a GRU in a hand-written loop under mean absolute error
against Laplace noise with PiecewiseConstantDecay. Drainers: a ditch's state from note tokens by
an Embedding and a MultiHeadAttention block; a sluice's outflow from a district embedding and
five gauges (two inputs); a pump's law by a tanh MLP under plain SGD 0.01, still improving at
the last epoch.

The broken half, one root cause each: Adam with the learning_rate=1.0 kept from Adadelta
(learning rate too high); a sigmoid output 'because it is a percentage' on a 0-100 target
under MSE (loss/activation mismatch); a target made with groupby().shift(-1) and never
dropna'd (non-finite values); ten sigmoid layers as in a textbook (vanishing gradients); an
l2(1.0) on every layer read from scikit-learn's alpha, which is divided by the sample count
there and not in keras (over-regularisation); a relu SimpleRNN with an identity recurrent init
and no gradient clipping, NaN from the second step (exploding gradients, with the non-finite
loss it causes); Conv2D biases started at -3 'for sparse feature maps' (dead ReLUs); hidden
Dense layers left at keras's default activation=None on rings (insufficient capacity); raw
year, millimetre and fraction columns fed to a tanh MLP (unnormalised inputs);
kernel_initializer='zeros' on every layer (poor initialisation); a fine-tuning rate of 2e-6
for a GRU trained from scratch (learning rate too low).

Dropped or replaced because they did not behave as intended: Dense(1, activation='softmax')
under binary cross-entropy (keras 3 reads the softmax's logits and trained it exactly as the
sigmoid head; the sigmoid-percent head kept); np.log of a takings column with zero days, and
NaN feature cells not filled (both stayed finite: the ReLU after the first layer turned the
NaN activations into zeros and the loss sat at the target's variance without ever reading
non-finite; the NaN target kept); Dropout(0.9) from TF1's keep_prob=0.9 (it kept learning,
1.43 -> 0.82 and falling); l2(1.0) under Adam 1e-3 (the penalty was still shrinking after ten
epochs; SGD with momentum kept, which reaches the penalty's equilibrium); a relu SimpleRNN
without clipping under keras's default init (it learnt as well as the clipped one) and an
Identity(1.1) init (its clipped fix did not learn either); catchment area in m2 fed raw to a
relu MLP (the loss fell from 7e6 and was still falling at 134) and a relu MLP on raw year and
groundwater columns (still creeping, ~1.5 -> ~1.4 an epoch); the tanh kept. Saturated
activations were dropped altogether: RandomNormal(stddev=1.0) kernels (a from-scratch
tutorial's randn) under tanh with a softmax head and SGD, and under tanh with a sigmoid head
and MSE, at widths 64, 128 and 256, all kept falling (e.g. 0.37 -> 0.35 an epoch), and a
hard_sigmoid variant did not learn in its fixed form either; so no scenario of this set names
saturated_activations as its root cause.

With the runner's seed, `fit` visits the examples in the same order every epoch, so several
runs show a sawtooth within each epoch. Labels follow `scenarios.py`: `expected_causes[0]` is
the root cause the scenario was built around, a second cause only where that symptom is
genuinely present too (the unclipped IRNN: its loss is NaN from step 2); `stall_begins` is the
optimizer step from which the loss stops improving (None: from the start), exact where an event
of the scenario causes it (the first NaN loss), otherwise read off the per-step loss and marked
approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("portreeves", "scavengers", "rakers", "drainers")

REGISTRY = []

holdout104 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


def _rng(seed):
    return np.random.default_rng(seed)


def _std(v):
    v = np.asarray(v, dtype="float64")
    return ((v - v.mean(axis=0)) / (v.std(axis=0) + 1e-12)).astype("float32")


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, shuffle=True, callbacks=(),
                class_weight=None):
    """`_fit` for a model with several inputs; the last PROBE_SIZE rows are the probe."""
    train = [v[:-PROBE_SIZE] for v in inputs]
    probe = ([v[-PROBE_SIZE:] for v in inputs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        shuffle=shuffle, verbose=0, class_weight=class_weight,
                        callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


# data ------------------------------------------------------------------------------------------


def toll_takings(n, seed, dim=8):
    """A bridge toll's daily takings (standardised) from eight calendar and weather features:
    a market-day bump, rain, a fair, and noise that grows with the traffic."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    traffic = np.exp(0.5 * x[:, 0]) + 0.6 * np.tanh(2 * x[:, 1]) - 0.4 * (x[:, 2] > 0.8)
    mean = traffic + 0.5 * x[:, 3] * x[:, 4] + 0.3 * np.sin(2 * x[:, 5])
    y = mean + 0.3 * traffic * r.normal(size=n)
    return x, _std(y)[:, None]


def ledger(n, seed, dim=10, classes=4, flip=0.0, hidden=16):
    """Rows of a ledger classified by a fixed random two-layer tanh teacher; a fraction `flip`
    of the labels are replaced by another class (clerks' errors)."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    w1 = r.normal(size=(dim, hidden)) / np.sqrt(dim)
    w2 = r.normal(size=(hidden, classes)) * 1.5
    y = np.argmax(np.tanh(2 * x @ w1) @ w2, axis=1)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, classes, n)) % classes, y)
    return x, y.astype("int64")


def dispute_traces(n, seed, length=64, flip=0.0):
    """Footfall traces over 64 half-hours of a market, three classes by the rhythm that
    dominates (slow, medium, fast oscillation), with noise; a fraction `flip` wrong."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    t = np.arange(length)
    freqs = np.array([2.0, 5.0, 11.0]) / length
    phase = r.uniform(0, 2 * np.pi, n)
    x = np.sin(2 * np.pi * freqs[y][:, None] * t[None, :] + phase[:, None])
    x = x * r.uniform(0.5, 1.5, (n, 1)) + 0.8 * r.normal(size=(n, length))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 3, n)) % 3, y)
    return x[..., None].astype("float32"), y.astype("int64")


def bin_levels(n, seed, length=30):
    """Fill levels of a street bin over 30 readings; the target is the next reading's level,
    a damped trend plus a weekly pulse, with Student-t (3) sensor noise."""
    r = _rng(seed)
    t = np.arange(length + 1)
    rate = r.uniform(0.02, 0.08, (n, 1))
    pulse = r.uniform(0.0, 0.4, (n, 1)) * np.sin(2 * np.pi * t[None, :] / 7 + r.uniform(0, 6, (n, 1)))
    level = (rate * t[None, :]) % 1.0 + pulse
    obs = level + 0.05 * r.normal(size=level.shape)
    y = level[:, -1] + 0.15 * r.standard_t(3, size=n)
    return obs[:, :length, None].astype("float32"), y[:, None].astype("float32")


def hazard_rows(n, seed, dim=12, rate=0.06):
    """Collection rounds: is a hazardous item in the load (1 in ~16), from twelve features."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    score = 1.8 * x[:, 0] + 1.2 * x[:, 1] * x[:, 2] - 1.0 * np.abs(x[:, 3]) + 0.8 * x[:, 4]
    cut = np.quantile(score, 1 - rate)
    y = (score + 0.8 * r.normal(size=n) > cut).astype("float32")
    return x, y[:, None]


def pickup_counts(n, seed, dim=6):
    """Missed pickups per street per week: Poisson counts whose log-rate is a smooth function
    of six features."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    lograte = 0.5 + 0.6 * x[:, 0] - 0.4 * x[:, 1] ** 2 + 0.3 * np.sin(2 * x[:, 2])
    y = r.poisson(np.exp(lograte)).astype("float32")
    return x, y[:, None]


def windrow_tiles(n, seed, size=12, flip=0.0):
    """12x12 field tiles, four classes by the direction of the windrows (horizontal, vertical,
    two diagonals) under noise; a fraction `flip` of the labels wrong."""
    r = _rng(seed)
    y = r.integers(0, 4, n)
    i, j = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        period = r.uniform(3, 5)
        phase = r.uniform(0, 2 * np.pi)
        coord = (i, j, i + j, i - j)[y[k]] * (1.0 if y[k] < 2 else 0.7071)
        x[k, :, :, 0] = 0.5 + 0.5 * np.sin(2 * np.pi * coord / period + phase)
    x += 0.5 * r.normal(size=x.shape).astype("float32")
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 4, n)) % 4, y)
    return x.astype("float32"), y.astype("int64")


def hay_moisture(n, seed, length=20):
    """Hay moisture at baling from 20 hourly (temperature, humidity) readings; Laplace meter
    noise."""
    r = _rng(seed)
    x = r.normal(size=(n, length, 2)).astype("float32")
    w = np.exp(-np.arange(length)[::-1] / 6.0)
    drying = (x[:, :, 0] * w).sum(1) / w.sum() - (x[:, :, 1] * w).sum(1) / w.sum()
    y = np.tanh(1.5 * drying) + 0.3 * x[:, -1, 1] + r.laplace(scale=0.3, size=n)
    return x, y[:, None].astype("float32")


def rings(n, seed, dim=2, noise=0.1):
    """Points on two interleaved rings (inner and outer field) in two dimensions, plus
    `dim - 2` irrelevant columns."""
    r = _rng(seed)
    y = r.integers(0, 2, n)
    radius = np.where(y == 1, 1.0, 2.0) + noise * r.normal(size=n)
    angle = r.uniform(0, 2 * np.pi, n)
    x = np.stack([radius * np.cos(angle), radius * np.sin(angle)], 1)
    if dim > 2:
        x = np.concatenate([x, r.normal(size=(n, dim - 2))], 1)
    return x.astype("float32"), y[:, None].astype("float32")


def ditch_tokens(n, seed, length=24, vocab=40, classes=3):
    """Inspection notes of a ditch as 24 tokens; the class (clear, silted, blocked) is set by
    which of three marker-token groups appears most, among filler tokens."""
    r = _rng(seed)
    y = r.integers(0, classes, n)
    x = r.integers(classes * 4, vocab, (n, length))
    for k in range(n):
        m = r.integers(3, 6)
        pos = r.choice(length, m, replace=False)
        x[k, pos] = y[k] * 4 + r.integers(0, 4, m)
        other = r.choice(length, 2, replace=False)
        x[k, other] = r.integers(0, classes * 4, 2)
    return x.astype("int32"), y.astype("int64")


def sluice_flows(n, seed, districts=30):
    """A sluice's outflow (standardised) from its district (categorical) and five gauges."""
    r = _rng(seed)
    d = r.integers(0, districts, n)
    effect = r.normal(size=districts)
    g = r.normal(size=(n, 5)).astype("float32")
    y = effect[d] + 0.8 * g[:, 0] + 0.5 * np.tanh(g[:, 1] * g[:, 2]) + 0.4 * r.normal(size=n)
    return d.astype("int32")[:, None], g, _std(y)[:, None]


def pump_readings(n, seed, dim=6, noise=0.2):
    """A pump's discharge (standardised) from six gauge readings, a smooth nonlinear law."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    y = np.sin(1.5 * x[:, 0]) + 0.7 * x[:, 1] * x[:, 2] + 0.5 * x[:, 3] ** 2 + noise * r.normal(size=n)
    return x, _std(y)[:, None]


def _seq_dense(keras, shape, units, out, out_activation=None):
    return keras.Sequential([keras.Input(shape), keras.layers.Dense(units, activation="relu"),
                             keras.layers.Dense(units, activation="relu"),
                             keras.layers.Dense(out, activation=out_activation)])


# ---------------------------------------------------------------------------------------------
# portreeves: healthy


@holdout104("portreeves", healthy=True)
def toll_takings_heteroscedastic(session):
    """A bridge toll's daily takings (standardised) from eight calendar and weather features
    whose noise grows with the traffic, MLP 64-64 relu, Adam 1e-3, MSE: a quick fall, then a
    flat floor well above zero set by the noise."""
    keras = _keras()
    x, y = toll_takings(N, seed=10401)
    model = _seq_dense(keras, (8,), 64, 1)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout104("portreeves", healthy=True)
def market_rhythm_mislabelled(session):
    """A market's footfall rhythm (slow, medium, fast) from 64 half-hour counts, a fifth of the
    clerks' labels wrong, Conv1D 16-32 relu with global average pooling, Adam 2e-3: it learns
    the rhythm and then sits at the label noise's floor (well above zero)."""
    keras = _keras()
    x, y = dispute_traces(N, seed=10402, flip=0.2)
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 7, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _pinball(tau):
    import tensorflow as tf

    def loss(y_true, y_pred):
        e = y_true - y_pred
        return tf.reduce_mean(tf.maximum(tau * e, (tau - 1.0) * e))

    return loss


@holdout104("portreeves", healthy=True)
def stall_rent_quantile_loop(session):
    """Hand-written GradientTape loop: the 0.8 quantile of a toll's takings (the figure the
    portreeve budgets against) from eight features, MLP 32-32 relu, pinball loss, Adam 2e-3:
    the loss falls and flattens far above zero, as a quantile loss does on noisy data."""
    keras = _keras()
    x, y = toll_takings(N, seed=10403)
    model = _seq_dense(keras, (8,), 32, 1)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), _pinball(0.8), x, y,
                        epochs=10, batch_size=32, seed=10403, loss_description="pinball(0.8)")


# ---------------------------------------------------------------------------------------------
# scavengers: healthy


@holdout104("scavengers", healthy=True)
def bin_level_lstm_plateau_schedule(session):
    """The next fill level of a street bin from 30 readings by an LSTM(24), Huber loss against
    Student-t sensor noise, Adam 3e-3 with ReduceLROnPlateau(factor 0.3, patience 1): the loss
    falls fast, then creeps as the callback cuts the rate, and ends at the noise."""
    keras = _keras()
    x, y = bin_levels(N, seed=10404)
    model = keras.Sequential([keras.Input((30, 1)), keras.layers.LSTM(24),
                              keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.Huber(0.5))
    cb = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=1, min_delta=1e-3)
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[cb])


@holdout104("scavengers", healthy=True)
def hazard_rare_class_weighted(session):
    """Whether a collection round's load holds a hazardous item (about 1 in 16) from twelve
    features, MLP 32-16 relu, sigmoid, binary cross-entropy with class_weight {0: 1, 1: 8},
    Adam 1e-3: the weighted loss falls slowly from its start and levels off far above zero
    (the positives overlap the negatives)."""
    keras = _keras()
    x, y = hazard_rows(N, seed=10405)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_inputs(session, model, [x], y, epochs=12, batch_size=32,
                       class_weight={0: 1.0, 1: 8.0})


@holdout104("scavengers", healthy=True)
def missed_pickups_poisson(session):
    """Missed pickups per street per week (Poisson counts) by an MLP 32-32 relu with an
    exponential output, keras Poisson loss, RMSprop 1e-3: the loss falls and flattens at the
    counts' own randomness (keras leaves out the log y! term)."""
    keras = _keras()
    x, y = pickup_counts(N, seed=10406)
    model = _seq_dense(keras, (6,), 32, 1, out_activation="exponential")
    model.compile(keras.optimizers.RMSprop(1e-3), "poisson")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# ---------------------------------------------------------------------------------------------
# rakers: healthy


@holdout104("rakers", healthy=True)
def windrow_tiles_warmup_cosine(session):
    """The direction of windrows on 12x12 field tiles, a tenth of the labels wrong, Conv2D
    8-16 relu, Adam under CosineDecay(1e-4, 320 steps, warmup_target=3e-3, warmup_steps=48):
    slow for the warm-up, then a fall, then a flat end at the label noise as the rate dies."""
    keras = _keras()
    x, y = windrow_tiles(N, seed=10407, flip=0.1)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    lr = keras.optimizers.schedules.CosineDecay(1e-4, 320, warmup_target=3e-3, warmup_steps=48)
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout104("rakers", healthy=True)
def small_meadow_overfit(session):
    """A meadow's yield class from ten soil features with only 192 training rows, MLP 128-128
    relu, Adam 2e-3, 40 short epochs: the training loss keeps falling towards zero as the
    model memorises the book (overfitting, which the training loss alone calls fine)."""
    keras = _keras()
    x, y = ledger(192 + PROBE_SIZE, seed=10408, flip=0.1)
    model = _seq_dense(keras, (10,), 128, 4, out_activation="softmax")
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=32)


@holdout104("rakers", healthy=True)
def hay_moisture_gru_step_decay(session):
    """Hand-written GradientTape loop: hay moisture at baling from 20 hourly readings by a
    GRU(16), mean absolute error against Laplace meter noise, Adam under
    PiecewiseConstantDecay([128, 224], [3e-3, 1e-3, 3e-4]): falls, levels, dips a little at
    each cut, and ends at the noise's mean absolute size."""
    keras = _keras()
    x, y = hay_moisture(N, seed=10409)
    model = keras.Sequential([keras.Input((20, 2)), keras.layers.GRU(16), keras.layers.Dense(1)])
    lr = keras.optimizers.schedules.PiecewiseConstantDecay([128, 224], [3e-3, 1e-3, 3e-4])
    return _custom_loop(session, model, keras.optimizers.Adam(lr),
                        keras.losses.MeanAbsoluteError(), x, y, epochs=10, batch_size=32,
                        seed=10409)


# ---------------------------------------------------------------------------------------------
# drainers: healthy


@holdout104("drainers", healthy=True)
def ditch_notes_attention(session):
    """A ditch's state (clear, silted, blocked) from 24 note tokens by Embedding(40, 16), a
    MultiHeadAttention block (2 heads) with a residual, mean pooling and softmax, Adam 2e-3:
    a quick fall in the first epoch, then a slow approach to a small loss."""
    keras = _keras()
    x, y = ditch_tokens(N, seed=10410)
    inp = keras.Input((24,), dtype="int32")
    h = keras.layers.Embedding(40, 16)(inp)
    a = keras.layers.MultiHeadAttention(2, 8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    out = keras.layers.Dense(3, activation="softmax")(h)
    model = keras.Model(inp, out)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout104("drainers", healthy=True)
def sluice_district_two_inputs(session):
    """A sluice's outflow from its district (Embedding(30, 4)) and five gauges, two inputs
    concatenated into Dense 32 relu, MSE, Adam 3e-3: falls and sits at the gauge noise."""
    keras = _keras()
    d, g, y = sluice_flows(N, seed=10411)
    di = keras.Input((1,), dtype="int32")
    gi = keras.Input((5,))
    e = keras.layers.Flatten()(keras.layers.Embedding(30, 4)(di))
    h = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([e, gi]))
    h = keras.layers.Dense(16, activation="relu")(h)
    model = keras.Model([di, gi], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit_inputs(session, model, [d, g], y, epochs=10, batch_size=32)


@holdout104("drainers", healthy=True)
def pump_law_slow_sgd(session):
    """A pump's discharge from six gauges by an MLP 32-32 tanh under plain SGD 0.01 (no
    momentum), MSE: a long, slow descent that is still improving at the last epoch."""
    keras = _keras()
    x, y = pump_readings(N, seed=10412)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(32, activation="tanh"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.01), "mse")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


# ---------------------------------------------------------------------------------------------
# broken: one helper per mistake trains the broken run or its fixed variant


def _adadelta_rate(session, broken):
    keras = _keras()
    x, y = ledger(N, seed=10421)
    model = _seq_dense(keras, (10,), 64, 4, out_activation="softmax")
    model.compile(keras.optimizers.Adam(1.0 if broken else 1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# The loss falls from its blow-up to ln 4 and sits there from about step 81: approximate.
@holdout104("portreeves", ["learning_rate_too_high"], stall_begins=81)
def ledger_adam_adadelta_rate(session):
    """A ledger row's class (four) from ten features, MLP 64-64 relu, softmax: the optimizer
    was switched from Adadelta to Adam but Adadelta's customary learning_rate=1.0 was kept,
    so every Adam step moves each weight by about 1.0; the loss jumps about far above
    where Adam 1e-3 takes it and never settles."""
    return _adadelta_rate(session, True)


def _sigmoid_percent(session, broken):
    keras = _keras()
    x, _ = toll_takings(N, seed=10422)
    r = _rng(10422)
    share = 1 / (1 + np.exp(-(1.2 * x[:, 0] - 0.8 * x[:, 1] * x[:, 2] + 0.5 * np.sin(2 * x[:, 3]))))
    y = np.clip(100 * share + 6 * r.normal(size=N), 0, 100).astype("float32")[:, None]
    act = "sigmoid" if broken else None
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation=act)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout104("portreeves", ["loss_activation_mismatch"], stall_begins=None)
def stall_occupancy_sigmoid_percent(session):
    """The share of market stalls let (in percent, 0 to 100) from eight features, MLP 32-32
    relu with a sigmoid output 'because it is a percentage', MSE on the raw percent: the
    output can never exceed 1, the sigmoid saturates at its ceiling and the loss stays in the
    thousands."""
    return _sigmoid_percent(session, True)


def _missing_weeks(session, broken):
    keras = _keras()
    r = _rng(10423)
    x = r.normal(size=(N, 6)).astype("float32")
    takings = np.exp(1.0 + 0.8 * x[:, 0] + 0.3 * x[:, 1])
    y = _std(0.8 * np.log(takings) + 0.5 * x[:, 2] + 0.3 * r.normal(size=N))
    last = np.log(takings) + 0.1 * r.normal(size=N)
    xx = np.concatenate([x[:, 1:], last[:, None]], 1).astype("float32")
    # Each bridge's series is 12 weeks long; shift(-1) within it leaves the last week's
    # target empty (NaN). The fix drops nothing: it takes the true next week (no gap).
    if broken:
        y = np.where(np.arange(N) % 12 == 11, np.nan, y)
    y = y.astype("float32")[:, None]
    model = _seq_dense(keras, (6,), 32, 1)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, xx, y, epochs=8, batch_size=32)


# The first NaN loss, at step 2 with the runner's seed: exact.
@holdout104("portreeves", ["non_finite_values"], stall_begins=2)
def takings_shifted_target(session):
    """Next week's toll takings (log, standardised) from five features and this week's log
    takings; the target column was made with pandas groupby(bridge).shift(-1) and never
    dropna'd, so the last week of every 12-week bridge series has a NaN target: the first
    batch holding one makes the loss NaN, and every weight after it."""
    return _missing_weeks(session, True)


def _sigmoid_stack(session, broken):
    keras = _keras()
    x, y = rings(N, seed=10424, dim=6)
    act = "sigmoid" if broken else "relu"
    layers = [keras.Input((6,))]
    layers += [keras.layers.Dense(32, activation=act) for _ in range(10)]
    layers.append(keras.layers.Dense(1, activation="sigmoid"))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout104("scavengers", ["vanishing_gradients"], stall_begins=None)
def rounds_deep_sigmoid(session):
    """Inner or outer round of a collection map from two coordinates and four noise columns,
    ten Dense(32, activation='sigmoid') layers as in a textbook's 'deep network', SGD 0.05
    momentum 0.9: the gradient reaching the first layers is a tiny fraction of the last's and
    the loss stays at ln 2."""
    return _sigmoid_stack(session, True)


def _l2_alpha(session, broken):
    keras = _keras()
    x, y = hazard_rows(N, seed=10425, rate=0.5)
    reg = keras.regularizers.l2(1.0 if broken else 1.0 / 1024)
    opt = keras.optimizers.SGD(0.02, momentum=0.9)
    model = keras.Sequential([keras.Input((12,)),
                              keras.layers.Dense(64, activation="relu", kernel_regularizer=reg),
                              keras.layers.Dense(64, activation="relu", kernel_regularizer=reg),
                              keras.layers.Dense(1, activation="sigmoid", kernel_regularizer=reg)])
    model.compile(opt, "binary_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# The penalty shrinks the weights until about step 97, then the loss sits at ln 2: approximate.
@holdout104("scavengers", ["over_regularization"], stall_begins=97)
def hazard_l2_sklearn_alpha(session):
    """Hazardous loads (half of them) from twelve features, MLP 64-64 relu ported from
    scikit-learn's MLPClassifier(alpha=1.0) as kernel_regularizer=l2(1.0) on every layer:
    scikit-learn divides alpha by the number of samples, keras does not, so the penalty is
    ~1000 times the intended one and holds every weight near zero, the loss near ln 2."""
    return _l2_alpha(session, True)


def _raw_rnn(session, broken):
    keras = _keras()
    r = _rng(10426)
    x = r.normal(size=(N, 60, 1)).astype("float32")
    y = _std(x[:, -10:, 0].mean(1) + 0.5 * x[:, -1, 0])[:, None]
    if broken:
        rnn = keras.layers.SimpleRNN(32, activation="relu",
                                     recurrent_initializer=keras.initializers.Identity(1.0))
        opt = keras.optimizers.SGD(0.05, momentum=0.9)
    else:
        rnn = keras.layers.SimpleRNN(32, activation="relu")
        opt = keras.optimizers.SGD(0.05, momentum=0.9, clipnorm=1.0)
    model = keras.Sequential([keras.Input((60, 1)), rnn, keras.layers.Dense(1)])
    model.compile(opt, "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# The loss is infinite-sized at step 1 and NaN from step 2: exact.
@holdout104("scavengers", ["exploding_gradients", "non_finite_values"], stall_begins=2)
def fill_rate_relu_rnn_unclipped(session):
    """A bin's recent fill rate from 60 standardised readings by a SimpleRNN(32, relu) with
    recurrent_initializer=Identity() (the IRNN trick from a blog post), SGD 0.05 momentum 0.9
    and no gradient clipping: the gradients blow up through the 60 steps at once and the
    loss is NaN from the second step (keras's default init with clipnorm=1.0 learns it)."""
    return _raw_rnn(session, True)


def _sparse_bias(session, broken):
    keras = _keras()
    x, y = windrow_tiles(N, seed=10427)
    b = keras.initializers.Constant(-3.0) if broken else "zeros"
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same", bias_initializer=b),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", bias_initializer=b),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout104("rakers", ["dead_relus"], stall_begins=None)
def windrow_cnn_sparse_bias(session):
    """Windrow direction on 12x12 tiles by Conv2D 8-16 relu whose biases start at -3 'for
    sparse feature maps' (copied from a sparse-coding post): on inputs of size ~1 every
    filter's pre-activation is negative, no ReLU ever fires, and only the head's bias learns."""
    return _sparse_bias(session, True)


def _linear_stack(session, broken):
    keras = _keras()
    x, y = rings(N, seed=10428)
    act = "relu" if not broken else None
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(64, activation=act),
                              keras.layers.Dense(64, activation=act),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout104("rakers", ["insufficient_capacity"], stall_begins=None)
def field_rings_no_activation(session):
    """Inner or outer ring of a field from two coordinates, Dense(64), Dense(64), Dense(1,
    sigmoid), the hidden layers left with keras's default activation=None: the stack is one
    linear map, which cannot separate rings, and the loss stays at ln 2."""
    return _linear_stack(session, True)


def _raw_units(session, broken):
    keras = _keras()
    r = _rng(10430)
    rain = r.gamma(2.0, 10.0, N)  # mm
    slope = r.uniform(0.001, 0.02, N)  # fraction
    clay = r.uniform(0.0, 0.6, N)  # fraction
    level = r.normal(1500.0, 300.0, N)  # mm of groundwater
    year = r.integers(1950, 2020, N).astype("float64")  # when the drain was laid
    y = _std(2.0 * np.tanh(200 * (slope - 0.01)) - 3.0 * clay
             + 0.02 * rain * (clay > 0.3) + 0.2 * r.normal(size=N))[:, None]
    x = np.stack([year, rain, slope, clay, level], 1)
    if not broken:
        x = _std(x)
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(64, activation="tanh"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x.astype("float32"), y, epochs=10, batch_size=32)


# Flat at the target's variance from the second epoch (step 33): approximate.
@holdout104("drainers", ["unnormalized_inputs"], stall_begins=33)
def catchment_raw_units(session):
    """A drain's peak flow (standardised) from the year the drain was laid,
    rain in mm, slope and clay as fractions and groundwater in mm, fed raw to an MLP 64-64 tanh
    under Adam 1e-3: the year and groundwater columns (~2000 and ~1500) push every tanh unit
    to +-1 on every row, and the slope and clay that matter are never learnt."""
    return _raw_units(session, True)


def _zero_kernels(session, broken):
    keras = _keras()
    x, y = pump_readings(N, seed=10431)
    init = "zeros" if broken else "glorot_uniform"
    model = keras.Sequential([keras.Input((6,)),
                              keras.layers.Dense(64, activation="relu", kernel_initializer=init),
                              keras.layers.Dense(64, activation="relu", kernel_initializer=init),
                              keras.layers.Dense(1, kernel_initializer=init)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout104("drainers", ["poor_initialization"], stall_begins=None)
def pump_law_zero_kernels(session):
    """A pump's discharge from six gauges, MLP 64-64 relu with kernel_initializer='zeros' on
    every layer 'to start from a clean slate': every hidden unit outputs 0 with zero gradient,
    only the output bias learns, and the loss sits at the target's variance."""
    return _zero_kernels(session, True)


def _finetune_rate(session, broken):
    keras = _keras()
    x, y = ditch_tokens(N, seed=10432)
    model = keras.Sequential([keras.Input((24,), dtype="int32"), keras.layers.Embedding(40, 16),
                              keras.layers.GRU(24), keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-6 if broken else 2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout104("drainers", ["learning_rate_too_low"], stall_begins=None)
def ditch_gru_finetune_rate(session):
    """A ditch's state from 24 note tokens by Embedding(40, 16) and a GRU(24) trained from
    scratch with Adam 2e-6, the rate of a fine-tuning recipe it was copied from: the loss
    hardly leaves ln 3 in eight epochs."""
    return _finetune_rate(session, True)
