"""The hundred-and-second held-out catalogue: written by someone who did not read the engine or
run the diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History, in a throwaway script with the runner's seed), and every broken one against
the same model trained without its mistake (each helper `_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Summoners: days from writ to service from ten
parish features with Student-t (2 dof) noise, an MLP under Huber loss (a quick fall, then a slow
tail far above zero); whether a summoned parishioner defaults, from 32 weekly attendance
readings, 8% defaulters and no class weights, a Conv1D net under binary cross-entropy; next
week's fees from 30 circuit days by an LSTM under Adam with ReduceLROnPlateau. Pardoners: the
kind of pardon from a 24-token relic list by Embedding and global average pooling under RMSprop,
a fifth of the labels wrong; market-day takings under the pinball loss at the 0.1 quantile (flat
far above zero); the takings class from twelve features in a hand-written GradientTape loop,
swish MLP, SGD with Nesterov momentum, a tenth of the labels wrong. Sacrists: candle, candle pair
or censer on 12 x 12 shelf images by a CNN under AdamW with a linear warm-up and cosine decay,
a tenth of the labels wrong; only 192 inventory rows memorised by an MLP 128-128 over 25 short
epochs; a bell rope's wear from its tower (Embedding) and six numeric features, two inputs,
Nadam. Precentors: a chant's mode from neume tokens by a MultiHeadAttention block with learnt
positions, a tenth of the labels wrong (at the label noise's floor within two epochs); a choir's
pitch-drift class by a tanh MLP under SGD and a LearningRateScheduler halving the rate every
four epochs; the same task in a hand-written loop under plain SGD 0.01 (a long slow descent,
still going at the end).

The broken half, one root cause each: the linear scaling rule 0.1 * batch / 256 for SGD with
the division left out, 6.4 instead of 0.025 (learning rate too high); keras Ftrl swapped in for
Adam from a wide-and-deep snippet keeping Adam's 1e-3, under a GRU (learning rate too low);
counts turned into shares of a row total where three rows are empty, 0 / 0 NaN inputs in file
order (non-finite values); ReLU(max_value=0.0) written as 'no cap' (dead ReLUs); a tanh
SimpleRNN over 40 steps whose orthogonal recurrent kernel has gain 3.0, SGD with clipnorm
(exploding gradients); a bag-of-embeddings model (global average pooling) reused for an
order-only task, whether one token precedes another (insufficient capacity); seven stacked
sigmoid Conv1D layers under SGD (vanishing gradients); sigmoid hidden layers given a highway
gate's bias_initializer=Constant(-8.0) (saturated activations); every kernel drawn from
RandomNormal(stddev=1e-3), a word2vec embedding initialiser reused for a 4-layer relu MLP, SGD
(poor initialisation); a Unix timestamp in seconds and a temperature in deci-kelvin fed
unscaled with five ratings (unnormalised inputs); a sigmoid head kept 'because it is a share'
for a share given in per cent, 0 to 100, under MSE (loss/activation mismatch);
activity_regularizer=L1(0.1) on the hidden layers of a token Conv1D net, typed for 1e-5
(over-regularisation).

Dropped or replaced because they did not behave as intended: Adam with the same unscaled rule
(3e-3 x 64 = 0.19) for the rate too high (it kept learning, 0.42 against 0.43 for the fix); a
ReLU SimpleRNN with recurrent gain 2.0 and clipnorm 5 for exploding gradients (one huge first
epoch, then it kept falling, 0.67 and going); the tanh RNN at gain 3 under Adam (still falling
at 1.38); tanh hidden layers initialised RandomNormal(stddev=1.0) for saturated activations (the
head learnt from the saturated +-1 features, 0.37 and falling), the same with a tanh output
under MSE (0.48 and falling) and with hard_sigmoid layers under MSE (it trained better than the
fix); kernels from RandomUniform(minval=0.0, maxval=0.5) for poor initialisation (a loss of
1e11 that kept falling fast) and RandomUniform(0, 0.05) (kept learning, ~0.37 under SGD); a
Dense(1, activation='softmax') head under binary cross-entropy for the loss/activation mismatch
(Keras 3 trains it exactly as the sigmoid head, identical losses). The bag-of-embeddings run
first had a vocabulary of 40 and memorised the training rows slowly (0.674 and creeping); the
vocabulary was cut to 10. Runs over ~10 s were shortened (fewer epochs or smaller layers).

Labels follow `scenarios.py`: `expected_causes[0]` is the root cause the scenario was built
around; no run carries a second cause. `stall_begins` is the optimizer step from which the loss
stops improving (None: from the start), exact where an event of the scenario causes it (the
first empty row, in file order, at step 10), otherwise None: every other broken run stays near
or above the loss of a constant prediction (the class prior, the target's mean) from its first
epoch on, so it never improves on what the output bias alone gives.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("summoners", "pardoners", "sacrists", "precentors")

REGISTRY = []

holdout102 = registrar(REGISTRY)

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


def writ_delays(n, seed, dim=10, dof=2.0):
    """Days between a summons being written and served (standardised) from ten features of
    the parish, the distance and the season; smooth and nonlinear, with Student-t noise
    (a few summonses lie in a saddlebag for months)."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    y = (np.sin(1.5 * x[:, 0]) + 0.7 * x[:, 1] * x[:, 2] + 0.5 * np.abs(x[:, 3])
         - 0.5 * x[:, 4] + 0.3 * np.tanh(2 * x[:, 5]) + 0.35 * r.standard_t(dof, size=n))
    return x, _std(y)[:, None]


def attendance_traces(n, seed, length=32, positive=0.5, flip=0.0):
    """32 weekly attendance readings of a summoned parishioner; class 1 (a defaulter) shows a
    late drop-off with a dip pattern, class 0 a steady noisy level. `positive` is the share
    of defaulters, `flip` the clerk's wrong calls."""
    r = _rng(seed)
    y = (r.random(n) < positive).astype("int64")
    t = np.linspace(0, 1, length)
    x = np.empty((n, length, 1), dtype="float32")
    for k in range(n):
        s = r.uniform(-0.5, 0.5) + 0.2 * np.sin(2 * np.pi * (r.uniform(1, 3) * t + r.uniform()))
        if y[k] == 1:
            start = r.uniform(0.4, 0.8)
            s = s - r.uniform(0.8, 1.5) * np.clip((t - start) * 4, 0, 1)
        x[k, :, 0] = s + 0.3 * r.normal(size=length)
    wrong = r.random(n) < flip
    return x, np.where(wrong, 1 - y, y)


def circuit_series(n, seed, length=30, channels=3, noise=0.3):
    """30 days of a summoner's circuit (three channels: miles, calls, fees); the target is the
    next week's fees (standardised), a nonlinear function of the trend and recent days with
    noise."""
    r = _rng(seed)
    x = np.cumsum(0.3 * r.normal(size=(n, length, channels)), axis=1).astype("float32")
    y = (0.8 * x[:, -1, 0] - 0.5 * np.tanh(x[:, -7:, 1].mean(axis=1)) + 0.4 * x[:, :, 2].mean(axis=1)
         * np.sign(x[:, -1, 2]) + noise * r.normal(size=n))
    return x, _std(y)[:, None]


def relic_tokens(n, seed, length=24, vocab=50, classes=4, flip=0.0):
    """A pardoner's relic list as 24 tokens (vocabulary 50); the kind of pardon (4) is set by
    which group of relic words dominates; `flip` of the labels are wrong."""
    r = _rng(seed)
    groups = r.integers(0, classes, vocab)
    groups[0] = -1
    y = r.integers(0, classes, n)
    x = np.empty((n, length), dtype="int32")
    for k in range(n):
        own = np.flatnonzero(groups == y[k])
        other = np.flatnonzero(groups >= 0)
        m = r.random(length) < 0.4
        x[k] = np.where(m, r.choice(own, length), r.choice(other, length))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, classes, n)) % classes, y)
    return x, y


def order_tokens(n, seed, length=16, vocab=40):
    """A pardoner's sermon as 16 tokens (fillers from 3 to vocab - 1); the class is whether the 'sin' word (1) comes before
    the 'pardon' word (2), each appearing once among filler tokens: an order-only task."""
    r = _rng(seed)
    x = r.integers(3, vocab, size=(n, length)).astype("int32")
    y = r.integers(0, 2, n)
    for k in range(n):
        a, b = sorted(r.choice(length, 2, replace=False))
        if y[k] == 1:
            x[k, a], x[k, b] = 1, 2
        else:
            x[k, a], x[k, b] = 2, 1
    return x, y


def alms_tabular(n, seed, dim=12, classes=3, flip=0.0):
    """A pardoner's takings class (poor, fair, rich) from twelve market-day features: the
    argmax of three nonlinear scores; `flip` of the labels are wrong."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    w = r.normal(size=(dim, classes))
    v = r.normal(size=(dim, classes))
    s = np.tanh(x @ w / 2) + 0.4 * (x @ v) ** 2 / dim
    y = s.argmax(axis=1)
    wrong = r.random(n) < flip
    return x, np.where(wrong, r.integers(0, classes, n), y)


def candle_images(n, seed, size=12, flip=0.0):
    """12 x 12 images of a sacristy shelf, three classes: a single tall candle (a vertical
    bar), a pair of short candles, a censer (a ring); position, brightness and noise vary."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    i, j = np.mgrid[0:size, 0:size]
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        ci, cj = r.integers(3, 9, 2)
        if y[k] == 0:
            t = (np.abs(j - cj) < 1) & (np.abs(i - ci) < 4)
        elif y[k] == 1:
            t = ((np.abs(j - cj + 2) < 1) | (np.abs(j - cj - 2) < 1)) & (np.abs(i - ci) < 2)
        else:
            d = np.sqrt((i - ci) ** 2 + (j - cj) ** 2)
            t = np.abs(d - 2.5) < 0.8
        x[k, :, :, 0] = r.uniform(0.6, 1.2) * t + 0.3 * r.normal(size=(size, size))
    wrong = r.random(n) < flip
    return x, np.where(wrong, (y + r.integers(1, 3, n)) % 3, y)


def wax_usage(n, seed, dim=8):
    """Candle wax burnt in a week (standardised) from eight features of the church calendar
    and the weather; the noise grows with the number of services (heteroscedastic)."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    services = np.exp(0.5 * x[:, 0])
    mean = 1.2 * services + 0.5 * np.sin(2 * x[:, 1]) - 0.4 * x[:, 2] * x[:, 3] + 0.3 * x[:, 4]
    y = mean + 0.3 * services * r.normal(size=n)
    return x, _std(y)[:, None]


def chant_tokens(n, seed, length=20, vocab=24, flip=0.0):
    """A chant as 20 neume tokens (vocabulary 24); its mode (4 classes) is set by which pair
    of neumes recurs most often next to each other; `flip` of the labels are wrong."""
    r = _rng(seed)
    pairs = [(1, 2), (3, 4), (5, 6), (7, 8)]
    y = r.integers(0, 4, n)
    x = r.integers(9, vocab, size=(n, length)).astype("int32")
    for k in range(n):
        a, b = pairs[y[k]]
        for p in r.choice(np.arange(0, length - 1, 2), 4, replace=False):
            x[k, p], x[k, p + 1] = a, b
        c, d = pairs[r.integers(0, 4)]
        p = r.choice(np.arange(0, length - 1, 2))
        x[k, p], x[k, p + 1] = c, d
    wrong = r.random(n) < flip
    return x, np.where(wrong, (y + r.integers(1, 4, n)) % 4, y)


def pitch_table(n, seed, dim=10, classes=5, noise=0.0):
    """A choir's pitch drift class (5) from ten rehearsal features: the argmax of five
    smooth nonlinear scores plus rater noise."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    w = r.normal(size=(dim, classes))
    s = np.sin(x @ w / 2) + 0.5 * np.tanh(x[:, :classes] * x[:, classes:2 * classes])
    s = s + noise * r.normal(size=s.shape)
    return x, s.argmax(axis=1)


# summoners -------------------------------------------------------------------------------------


@holdout102("summoners", healthy=True)
def writ_delays_huber(session):
    """Days from writ to service (standardised) from ten parish features with Student-t (2
    dof) noise, MLP 64-64 relu under Huber loss (delta 1), Adam 2e-3: a quick fall, then a
    slow tail far above zero, held up by the heavy-tailed delays."""
    keras = _keras()
    x, y = writ_delays(N, seed=10201)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(1.0))
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout102("summoners", healthy=True)
def defaulters_imbalanced(session):
    """Whether a summoned parishioner will default, from 32 weekly attendance readings, only
    8% defaulters and no class weights, Conv1D 16-32 relu with global average pooling, Adam
    2e-3 under binary cross-entropy: it starts near the prior's loss (~0.28) and works its
    way down as the drop-off pattern is learnt."""
    keras = _keras()
    x, y = attendance_traces(N, seed=10202, positive=0.08)
    model = keras.Sequential([
        keras.Input((32, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout102("summoners", healthy=True)
def circuit_fees_plateau(session):
    """Next week's fees from 30 days of a summoner's circuit (three channels) by an LSTM(24),
    Adam 3e-3 with ReduceLROnPlateau(factor 0.3, patience 1) on the training loss: it learns,
    the rate is cut when the epoch loss stalls, and it settles at the noise."""
    keras = _keras()
    x, y = circuit_series(N, seed=10203)
    model = keras.Sequential([keras.Input((30, 3)), keras.layers.LSTM(16),
                              keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.3, patience=1,
                                                min_lr=1e-5)
    return _fit(session, model, x, y, epochs=10, batch_size=32, callbacks=[plateau])


# pardoners -------------------------------------------------------------------------------------


@holdout102("pardoners", healthy=True)
def relic_lists_noisy(session):
    """The kind of pardon from a 24-token relic list by Embedding(50, 16), global average
    pooling and Dense 32 relu, 20% of the labels wrong, RMSprop 2e-3: it learns the word
    groups and flattens at the label noise's floor."""
    keras = _keras()
    x, y = relic_tokens(N, seed=10204, flip=0.2)
    model = keras.Sequential([
        keras.Input((24,), dtype="int32"),
        keras.layers.Embedding(50, 16),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.RMSprop(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _pinball(tau):
    keras = _keras()

    def loss(y_true, y_pred):
        e = y_true - y_pred
        return keras.ops.mean(keras.ops.maximum(tau * e, (tau - 1.0) * e), axis=-1)

    return loss


@holdout102("pardoners", healthy=True)
def takings_low_quantile(session):
    """A pardoner's market-day takings (heteroscedastic, standardised) under the pinball loss
    at the 0.1 quantile (a prudent lower bound), MLP 64-32 relu, Adam 2e-3: the loss falls
    and flattens far above zero, as a quantile loss does."""
    keras = _keras()
    x, y = wax_usage(N, seed=10205)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), _pinball(0.1))
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout102("pardoners", healthy=True)
def takings_class_loop(session):
    """Hand-written GradientTape loop: the takings class (poor, fair, rich) from twelve
    market-day features, 10% of the labels wrong, MLP 64-64 with swish, SGD 0.05 with
    Nesterov momentum 0.9: a steady fall to the label noise's floor."""
    keras = _keras()
    x, y = alms_tabular(N, seed=10206, flip=0.1)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(64, activation="swish"),
                              keras.layers.Dense(64, activation="swish"),
                              keras.layers.Dense(3, activation="softmax")])
    return _custom_loop(session, model, keras.optimizers.SGD(0.05, momentum=0.9, nesterov=True),
                        keras.losses.SparseCategoricalCrossentropy(), x, y, epochs=12,
                        batch_size=32, seed=10206)


# sacrists --------------------------------------------------------------------------------------


@holdout102("sacrists", healthy=True)
def shelf_images_cosine(session):
    """Candle, candle pair or censer on 12 x 12 shelf images, 10% of the sacrist's labels
    wrong, CNN Conv2D 16-32 with max and global average pooling, AdamW 3e-3 under a 64-step
    linear warm-up then cosine decay over the run: it learns and settles near the label
    noise's floor."""
    keras = _keras()
    x, y = candle_images(N, seed=10207, flip=0.1)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    lr = keras.optimizers.schedules.CosineDecay(0.0, 10 * 32 - 64, warmup_target=3e-3,
                                                warmup_steps=64)
    model.compile(keras.optimizers.AdamW(lr, weight_decay=1e-4), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout102("sacrists", healthy=True)
def vestment_inventory_small(session):
    """Only 192 inventory rows: wax burnt from eight calendar features by an MLP 128-128 relu,
    Adam 1e-3 in batches of 16 for 25 short epochs: the training loss keeps falling well below the noise as
    the model memorises the small book (it overfits, as small data does)."""
    keras = _keras()
    x, y = wax_usage(192 + PROBE_SIZE, seed=10208)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=25, batch_size=16)


def bell_rope_wear(n, seed, towers=30):
    """A bell rope's wear (standardised) from its tower (30, an id) and six numeric features
    (peals rung, humidity, rope age ...), with noise from the sacrist's measuring."""
    r = _rng(seed)
    tower = r.integers(0, towers, n)
    effect = r.normal(size=towers)
    num = r.normal(size=(n, 6)).astype("float32")
    y = (effect[tower] + 0.7 * num[:, 0] + 0.4 * np.tanh(num[:, 1] * num[:, 2])
         - 0.3 * num[:, 3] ** 2 + 0.4 * r.normal(size=n))
    return tower.astype("int32"), num, _std(y)[:, None]


@holdout102("sacrists", healthy=True)
def rope_wear_two_inputs(session):
    """A bell rope's wear from its tower (Embedding(30, 4)) and six numeric features, two
    inputs concatenated into an MLP 48-24 relu, Nadam 2e-3 under MSE: a fall and a floor at
    the measuring noise."""
    keras = _keras()
    tower, num, y = bell_rope_wear(N, seed=10209)
    t_in = keras.Input((1,), dtype="int32")
    n_in = keras.Input((6,))
    e = keras.layers.Flatten()(keras.layers.Embedding(30, 4)(t_in))
    h = keras.layers.Concatenate()([e, n_in])
    h = keras.layers.Dense(48, activation="relu")(h)
    h = keras.layers.Dense(24, activation="relu")(h)
    model = keras.Model([t_in, n_in], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Nadam(2e-3), "mse")
    return _fit_inputs(session, model, [tower[:, None], num], y, epochs=12, batch_size=32)


# precentors ------------------------------------------------------------------------------------


@holdout102("precentors", healthy=True)
def chant_modes_attention(session):
    """A chant's mode from 20 neume tokens by Embedding(24, 16) plus a learnt position
    embedding, one MultiHeadAttention block (2 heads) and mean pooling, 10% of the labels
    wrong, Adam 2e-3: it learns the recurring neume pairs within two epochs and then sits at
    the label noise's floor (~0.43)."""
    keras = _keras()
    x, y = chant_tokens(N, seed=10210, flip=0.1)
    inp = keras.Input((20,), dtype="int32")
    h = keras.layers.Embedding(24, 16)(inp)
    pos = keras.layers.Embedding(20, 16)(keras.ops.arange(20)[None, :])
    h = h + pos
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(4, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=5, batch_size=32)


@holdout102("precentors", healthy=True)
def pitch_drift_step_decay(session):
    """A choir's pitch drift class (5) from ten rehearsal features with rater noise, MLP 64-64
    tanh, SGD 0.2 with momentum 0.5, a LearningRateScheduler halving the rate every 4 epochs:
    a steady fall, still going at the end, each cut trading speed for less jitter."""
    keras = _keras()
    x, y = pitch_table(N, seed=10211, noise=0.3)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(5, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.2, momentum=0.5), "sparse_categorical_crossentropy")
    step = keras.callbacks.LearningRateScheduler(lambda epoch: 0.2 * 0.5 ** (epoch // 4))
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[step])


@holdout102("precentors", healthy=True)
def pitch_drift_slow_loop(session):
    """Hand-written GradientTape loop: the pitch drift class from ten rehearsal features,
    MLP 32-32 relu, plain SGD 0.01: a long slow descent, still improving at the end."""
    keras = _keras()
    x, y = pitch_table(N, seed=10212)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(5, activation="softmax")])
    return _custom_loop(session, model, keras.optimizers.SGD(0.01),
                        keras.losses.SparseCategoricalCrossentropy(), x, y, epochs=12,
                        batch_size=32, seed=10212)


# broken: summoners ------------------------------------------------------------------------------


def _scaled_adam(session, broken):
    keras = _keras()
    x, y = attendance_traces(N, seed=10221, flip=0.05)
    model = keras.Sequential([
        keras.Input((32, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    batch = 64
    # The linear scaling rule, lr = 0.1 * batch / 256 for SGD, with the '/ 256' left out.
    lr = 0.1 * batch if broken else 0.1 * batch / 256
    model.compile(keras.optimizers.SGD(lr, momentum=0.9), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=batch)


@holdout102("summoners", ["learning_rate_too_high"], stall_begins=None)
def defaulters_scaled_rate(session):
    """Defaulters from 32 attendance readings by a Conv1D net under SGD with momentum 0.9, the
    rate set by the linear scaling rule 0.1 * batch / 256 with the division left out:
    0.1 x 64 = 6.4 instead of 0.025."""
    return _scaled_adam(session, True)


def _ftrl_swap(session, broken):
    keras = _keras()
    x, y = circuit_series(N, seed=10222)
    model = keras.Sequential([keras.Input((30, 3)), keras.layers.GRU(24),
                              keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
    optimizer = keras.optimizers.Ftrl(1e-3) if broken else keras.optimizers.Adam(1e-3)
    model.compile(optimizer, "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout102("summoners", ["learning_rate_too_low"], stall_begins=None)
def circuit_fees_ftrl(session):
    """Next week's fees from 30 circuit days by a GRU(24), Adam swapped for keras Ftrl (from a
    wide-and-deep snippet) keeping Adam's 1e-3: Ftrl's per-coordinate steps are lr over the
    root of the accumulated squared gradients, starting from 0.1, far too small here."""
    return _ftrl_swap(session, True)


def _empty_rows(session, broken):
    keras = _keras()
    r = _rng(10223)
    counts = r.poisson(np.exp(0.3 * r.normal(size=(N, 12))), size=(N, 12)).astype("float64")
    w = r.normal(size=12)
    y = ((counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)) @ w * 3
         + 0.2 * r.normal(size=N))
    y = _std(y)[:, None]
    # Parishes that returned no summonses at all this quarter: empty rows.
    empty = [300, 701, 955]
    counts[empty] = 0.0
    total = counts.sum(axis=1, keepdims=True)
    if not broken:
        total = np.maximum(total, 1.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        x = (counts / total).astype("float32")
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32, shuffle=False)


# Row 300 is in the tenth batch of the file-order pass: its NaN inputs are step 10.
@holdout102("summoners", ["non_finite_values"], stall_begins=300 // 32 + 1)
def summons_shares_empty(session):
    """Summonses per offence (12 counts) turned into shares of the parish's total before an
    MLP 64-32 relu, Adam 2e-3, file order: three parishes returned none at all, 0 / 0 gives NaN
    inputs, and the first of them poisons the weights."""
    return _empty_rows(session, True)


# broken: pardoners ------------------------------------------------------------------------------


def _zero_cap(session, broken):
    keras = _keras()
    x, y = alms_tabular(N, seed=10224)
    cap = 0.0 if broken else None
    model = keras.Sequential([
        keras.Input((12,)),
        keras.layers.Dense(64), keras.layers.ReLU(max_value=cap),
        keras.layers.Dense(64), keras.layers.ReLU(max_value=cap),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout102("pardoners", ["dead_relus"], stall_begins=None)
def takings_relu_cap_zero(session):
    """The takings class from twelve market-day features by an MLP of Dense + ReLU layers,
    ReLU(max_value=0.0) written as 'no cap' (as 0 means 'unlimited' in the config it came
    from): every hidden unit outputs zero on every example."""
    return _zero_cap(session, True)


def _rnn_gain(session, broken):
    keras = _keras()
    r = _rng(10225)
    x = (0.5 * r.normal(size=(N, 40, 1))).astype("float32")
    y = _std(x[:, :5, 0].sum(axis=1) - x[:, -5:, 0].sum(axis=1) + 0.2 * r.normal(size=N))[:, None]
    gain = 3.0 if broken else 1.0
    model = keras.Sequential([
        keras.Input((40, 1)),
        keras.layers.SimpleRNN(32, recurrent_initializer=keras.initializers.Orthogonal(gain=gain)),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(1e-2, momentum=0.9, clipnorm=1.0), "mse")
    return _fit(session, model, x, y, epochs=6, batch_size=32)


@holdout102("pardoners", ["exploding_gradients"], stall_begins=None)
def sermon_rnn_gain(session):
    """A SimpleRNN(32, tanh) over 40 steps of a sermon's loudness, the orthogonal recurrent
    kernel given gain 3.0 'to carry the opening further', SGD 0.01 momentum 0.9 with
    clipnorm 1: the recurrence is chaotic, its gradients through time blow up, and the clip
    leaves only their jittering direction."""
    return _rnn_gain(session, True)


def _bag_for_order(session, broken):
    keras = _keras()
    x, y = order_tokens(N, seed=10226, vocab=10)
    inp = keras.Input((16,), dtype="int32")
    h = keras.layers.Embedding(10, 16)(inp)
    if broken:
        h = keras.layers.GlobalAveragePooling1D()(h)
    else:
        h = keras.layers.GRU(32)(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(1, activation="sigmoid")(h))
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout102("pardoners", ["insufficient_capacity"], stall_begins=None)
def sermon_order_bag(session):
    """Whether 'sin' precedes 'pardon' in a 16-token sermon (vocabulary 10) by
    Embedding(10, 16) and global average pooling (the bag-of-words model reused from the
    relic lists), Dense 32 relu, Adam 2e-3: the
    average of the embeddings holds no order at all."""
    return _bag_for_order(session, True)


# broken: sacrists -------------------------------------------------------------------------------


def _sigmoid_stack(session, broken):
    keras = _keras()
    x, y = attendance_traces(N, seed=10227, flip=0.05)
    act = "sigmoid" if broken else "relu"
    layers = [keras.Input((32, 1))]
    for _ in range(7):
        layers.append(keras.layers.Conv1D(12, 5, activation=act, padding="same"))
    layers += [keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(1, activation="sigmoid")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout102("sacrists", ["vanishing_gradients"], stall_begins=None)
def candle_log_sigmoid_convs(session):
    """Whether a candle-log trace (32 readings) shows the late drop, by seven stacked
    Conv1D(12, 5) layers all with sigmoid activations (a smoothing filter bank from a
    signal-processing paper), SGD 0.02 momentum 0.9: the gradient shrinks through every
    sigmoid on its way to the first layers."""
    return _sigmoid_stack(session, True)


def _gate_bias(session, broken):
    keras = _keras()
    x, y = candle_images(N, seed=10228)
    x = x.reshape(N, 144)
    bias = keras.initializers.Constant(-8.0) if broken else "zeros"
    model = keras.Sequential([
        keras.Input((144,)),
        keras.layers.Dense(64, activation="sigmoid", bias_initializer=bias),
        keras.layers.Dense(64, activation="sigmoid", bias_initializer=bias),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.1, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout102("sacrists", ["saturated_activations"], stall_begins=None)
def shelf_pixels_gate_bias(session):
    """Shelf images flattened to 144 pixels into a sigmoid MLP 64-64 whose hidden layers were
    given bias_initializer=Constant(-8.0), copied from a highway network's transform gate
    (where it only closes the gate), SGD 0.1 momentum 0.9: every hidden unit starts pinned
    near 0 where the sigmoid is flat."""
    return _gate_bias(session, True)


def _tiny_normal(session, broken):
    keras = _keras()
    x, y = wax_usage(N, seed=10229)
    layers = [keras.Input((8,))]
    for _ in range(4):
        init = keras.initializers.RandomNormal(stddev=1e-3) if broken else "he_uniform"
        layers.append(keras.layers.Dense(64, activation="relu", kernel_initializer=init))
    init = keras.initializers.RandomNormal(stddev=1e-3) if broken else "glorot_uniform"
    layers.append(keras.layers.Dense(1, kernel_initializer=init))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout102("sacrists", ["poor_initialization"], stall_begins=None)
def wax_tiny_normal_init(session):
    """Wax burnt from eight calendar features by a 4-layer relu MLP (64 wide) whose kernels
    were all drawn from RandomNormal(stddev=1e-3) (the embedding initialiser of a word2vec
    tutorial, reused for every layer), SGD 0.01 momentum 0.9: the signal shrinks a
    thousandfold per layer and the output starts, and stays, at the mean."""
    return _tiny_normal(session, True)


# broken: precentors -----------------------------------------------------------------------------


def _raw_dates(session, broken):
    keras = _keras()
    r = _rng(10230)
    # Seconds since the epoch of each rehearsal (a year's span), the choir's size, the
    # organ's temperature in deci-kelvin as the logger writes it, and five ratings.
    stamp = 1.70e9 + r.uniform(0, 3.15e7, N)
    size = r.integers(8, 40, N).astype("float64")
    temp = 2880 + 60 * r.normal(size=N)
    rate = r.normal(size=(N, 5))
    season = np.sin(2 * np.pi * (stamp - 1.70e9) / 3.15e7)
    s = np.stack([season + 0.5 * np.tanh(rate[:, 0]),
                  (size - 24) / 10 + rate[:, 1] * rate[:, 2] * 0.5,
                  (temp - 2880) / 60 - 0.4 * rate[:, 3],
                  0.8 * rate[:, 4] - 0.3 * season], axis=1)
    y = s.argmax(axis=1)
    x = np.column_stack([stamp, size, temp, rate]).astype("float64")
    if not broken:
        x = (x - x.mean(axis=0)) / x.std(axis=0)
    x = x.astype("float32")
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout102("precentors", ["unnormalized_inputs"], stall_begins=None)
def rehearsal_raw_log(session):
    """Which part of a rehearsal went worst (4) from the logger's raw columns: a Unix
    timestamp in seconds (~1.7e9), the choir's size, the organ's temperature in deci-kelvin
    (~2880) and five ratings, fed unscaled to an MLP 64-32 relu, Adam 1e-3."""
    return _raw_dates(session, True)


def _percent_sigmoid(session, broken):
    keras = _keras()
    r = _rng(10231)
    x = r.normal(size=(N, 8)).astype("float32")
    share = 1 / (1 + np.exp(-(0.9 * x[:, 0] - 0.6 * x[:, 1] * x[:, 2] + 0.5 * np.sin(2 * x[:, 3])
                              + 0.8)))
    # The attendance share in per cent, 0 to 100, as the precentor's register gives it.
    y = (100 * share + 4 * r.normal(size=N)).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid" if broken else None)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout102("precentors", ["loss_activation_mismatch"], stall_begins=None)
def choir_attendance_percent_sigmoid(session):
    """The share of the choir at a feast's services, in per cent (0 to 100) as the register
    gives it, from eight calendar features by an MLP 64-32 relu whose head keeps the
    sigmoid 'because it is a share', under MSE, Adam 3e-3: the head cannot go above 1."""
    return _percent_sigmoid(session, True)


def _activity_l1(session, broken):
    keras = _keras()
    x, y = chant_tokens(N, seed=10232)
    reg = keras.regularizers.L1(0.1) if broken else None
    model = keras.Sequential([
        keras.Input((20,), dtype="int32"),
        keras.layers.Embedding(24, 16),
        keras.layers.Conv1D(32, 2, activation="relu", activity_regularizer=reg),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(32, activation="relu", activity_regularizer=reg),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout102("precentors", ["over_regularization"], stall_begins=None)
def chant_modes_sparse_codes(session):
    """A chant's mode from 20 neume tokens by Embedding, Conv1D(32, 2) and Dense 32, both with
    activity_regularizer=L1(0.1) copied from a sparse-autoencoder snippet (meant 1e-5 there
    too, typed as 0.1), Adam 2e-3: the penalty on every activation outweighs the task."""
    return _activity_l1(session, True)
