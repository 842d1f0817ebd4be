"""The eighty-ninth held-out catalogue: written by someone who did not read the engine or run the
diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History and the per-step loss, in a throwaway script with the runner's seed), and
every broken one against the same model trained without its mistake (each helper
`_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Linemen: a span's conductor sag from weather and
load features with noise that grows with the load, an MLP under Huber loss and
ReduceLROnPlateau; a line fault's kind from a recorder trace by a Conv1D net, a fifth of the
dispatcher's calls wrong; the 0.8 quantile of the sag under Student-t noise in a hand-written
GradientTape loop under the pinball loss (its floor is far above zero). Porters: a parcel
docket's class from tokens by Embedding and pooling, the fragile class one in fifteen and
weighted up by class_weight; a bag's weight from a 288-row ledger by a two-input model (numeric
features and a station Embedding) that memorises it over 40 short epochs (one brief bump
midway); dockets by a MultiHeadAttention block under AdamW with a linear warm-up and cosine
decay, 8% of the labels wrong. Messengers: a route's kind from 30 steps by an LSTM under plain
SGD, a long slow descent still going at the end; letters per round (Poisson counts) by an
exponential-output MLP under keras's Poisson loss (negative: it leaves out log y!); a seal's
kind on noisy tiles by a Conv2D net under SGD with momentum and a tenfold step decay at epoch
6, 15% of the labels wrong. Heralds: a reach under Student-t noise by a tanh MLP in a
hand-written loop under mean squared error (it levels at the noise's variance); a fanfare's
kind by Conv1D then GRU, one class in twenty-five, no class weights; a proclamation's category
by an MLP with dropout, a quarter of the labels wrong (a floor far above zero).

The broken half, one root cause each: SGD momentum set to 0.999 like a moving-average decay
(learning rate too high: the effective step is a thousand-fold, the loss climbs back after
step ~96 and bounces); 1 / (distance to the nearest tower) with whole-metre distances that are
0 at a tower (non-finite values: infinite inputs, NaN weights); Conv1D filters with
kernel_constraint=NonNeg() over a log power spectrum whose values are all at most 0 (dead
relus); Adam's epsilon 1e-7 copied into SGD's clipvalue (learning rate too low: every step is
clipped to nothing); two hidden layers whose width was taken from the config's n_outputs, 1
(insufficient capacity); label_smoothing=0.95 read as a confidence (over-regularisation: the
targets are almost uniform); eight stacked sigmoid Conv1D layers under SGD (vanishing
gradients); SimpleRNN(tanh) with recurrent_initializer='ones' from a running-sum example
(saturated activations: the states pin at +-1); a 4-way softmax head compiled with loss='mse'
against the class index (loss/activation mismatch: the probabilities cannot reach 2 or 3);
VarianceScaling(scale=1e-3) read as a standard deviation in a six-layer relu MLP under SGD
(poor initialisation: the signal shrinks ~45-fold a layer); the second channel of an LSTM's
input exported as an odometer in metres (1 200 to 36 000) instead of the per-step speed
(unnormalised inputs); an IRNN (SimpleRNN relu, identity recurrent kernel) with gain 1.3 and
clipnorm=1.0 added after the first NaN (exploding gradients: the loss falls from its huge start
to about ln 4 and bounces there while the gain-1.0 net learns).

Dropped or replaced because they did not behave as intended: MSLE picked for a standardised
target on a linear head (the loss kept falling; its values cannot be compared with the MSE fix);
a one-unit softmax head under binary cross-entropy and a sigmoid head under
BinaryCrossentropy(from_logits=True) (both trained exactly like the fixed model: keras 3 takes
the logits behind the activation); GRU(1) for a 4-way route task (still falling at the end,
1.39 -> 1.31); two Dense(2) hidden layers (still creeping down); clipvalue 1e-5 (a steady
slow decline; 1e-7 kept); the IRNN with gain 1.6 and no clipping (NaN from the first epoch:
diverged, not stalled) and with gain 1.2 under Adam with clipnorm (it kept falling); loss
reduction='sum' (earlier catalogues hold it). With gain 1.0 and no clipping the IRNN fix also
blew up, so both variants of the kept one clip at norm 1.0. The deep sigmoid stack's relu fix
was unstable at SGD 0.05, so both run at 0.02.

Labels follow `scenarios.py`: `expected_causes[0]` is the root cause the scenario was built
around, and no scenario here lists a second one; `stall_begins` is the optimizer step from
which the loss stops improving (None: from the start), exact where an event of the scenario
causes it (the first infinite input, in file order, at step 16), otherwise read off the
per-step loss and marked approximate next to the scenario.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("linemen", "porters", "messengers", "heralds")

REGISTRY = []

holdout89 = registrar(REGISTRY)

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


def _fit_weighted(session, model, x, y, *, epochs, batch_size, class_weight):
    """`_fit` with class weights."""
    history = model.fit(x[:-PROBE_SIZE], y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        verbose=0, class_weight=class_weight,
                        callbacks=session.callbacks((x[-PROBE_SIZE:], y[-PROBE_SIZE:])))
    return history.history["loss"]


# data ------------------------------------------------------------------------------------------


def line_sag(n, seed, dim=10, hetero=True, tails=None):
    """A span's conductor sag (standardised) from ten weather and load features: a smooth
    nonlinear mean; noise that grows with the load (heteroscedastic) or Student-t noise."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    mean = (1.2 * np.tanh(x[:, 0]) + 0.6 * x[:, 1] * x[:, 2] + 0.5 * np.sin(2 * x[:, 3])
            + 0.4 * np.abs(x[:, 4]))
    if tails is not None:
        noise = 0.4 * r.standard_t(tails, size=n)
    elif hetero:
        noise = (0.1 + 0.35 * np.abs(x[:, 1])) * r.normal(size=n)
    else:
        noise = 0.2 * r.normal(size=n)
    return x, _std(mean + noise)[:, None]


def fault_traces(n, seed, length=48, classes=4, flip=0.0, weights=None):
    """A line's fault recorder trace (length x 1): a class-specific frequency burst at a random
    place in noise; `flip` of the labels redrawn at random; `weights` the class frequencies."""
    r = _rng(seed)
    y = r.choice(classes, size=n, p=weights)
    t = np.arange(length)
    x = 0.5 * r.normal(size=(n, length))
    for i in range(n):
        start = r.integers(0, length - 16)
        freq = 0.25 + 0.35 * y[i]
        x[i, start:start + 16] += 1.5 * np.sin(freq * t[:16] + r.uniform(0, 6.28))
    if flip:
        redraw = r.random(n) < flip
        y[redraw] = r.integers(0, classes, size=redraw.sum())
    return x[:, :, None].astype("float32"), y.astype("int32")


def parcel_tokens(n, seed, length=16, vocab=40, classes=3, weights=None, flip=0.0):
    """A porter's parcel docket as `length` tokens: each class favours its own band of tokens
    among background tokens; `weights` the class frequencies."""
    r = _rng(seed)
    y = r.choice(classes, size=n, p=weights)
    x = r.integers(1, vocab, size=(n, length))
    band = (vocab - 1) // classes
    for i in range(n):
        k = r.integers(3, 7)
        pos = r.choice(length, size=k, replace=False)
        x[i, pos] = 1 + y[i] * band + r.integers(0, band, size=k)
    if flip:
        redraw = r.random(n) < flip
        y[redraw] = r.integers(0, classes, size=redraw.sum())
    return x.astype("int32"), y.astype("int32")


def route_sequences(n, seed, length=30, classes=4):
    """A messenger's route as `length` steps of (heading change, speed): the class is set by
    which quarter of the route holds a sustained turn."""
    r = _rng(seed)
    y = r.integers(0, classes, size=n)
    x = 0.6 * r.normal(size=(n, length, 2))
    q = length // classes
    for i in range(n):
        x[i, y[i] * q:(y[i] + 1) * q, 0] += 1.2
    return x.astype("float32"), y.astype("int32")


def seal_images(n, seed, size=12, classes=4, flip=0.0):
    """A herald's seal on a noisy 12x12 tile: a bar, a cross, a ring or a diagonal at a jittered
    place; `flip` of the labels redrawn at random."""
    r = _rng(seed)
    y = r.integers(0, classes, size=n)
    x = 0.35 * r.normal(size=(n, size, size))
    yy, xx = np.mgrid[:size, :size]
    for i in range(n):
        cy, cx = r.integers(4, size - 4, size=2)
        if y[i] == 0:
            x[i, cy, cx - 3:cx + 4] += 1.0
        elif y[i] == 1:
            x[i, cy, cx - 2:cx + 3] += 1.0
            x[i, cy - 2:cy + 3, cx] += 1.0
        elif y[i] == 2:
            ring = np.abs(np.hypot(yy - cy, xx - cx) - 2.5) < 0.7
            x[i][ring] += 1.0
        else:
            for d in range(-3, 4):
                x[i, cy + d, cx + d] += 1.0
    if flip:
        redraw = r.random(n) < flip
        y[redraw] = r.integers(0, classes, size=redraw.sum())
    return x[..., None].astype("float32"), y.astype("int32")


def herald_calls(n, seed, dim=12, classes=5, flip=0.0):
    """A proclamation's category from twelve features (nonlinear class boundaries)."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    score = np.stack([x[:, 0] * x[:, 1], np.sin(2 * x[:, 2]) + x[:, 3], x[:, 4] ** 2 - 1,
                      x[:, 5] - x[:, 6] * x[:, 7], np.tanh(x[:, 8] + x[:, 9])], axis=1)[:, :classes]
    y = np.argmax(score * 2.0, axis=1)
    if flip:
        redraw = r.random(n) < flip
        y[redraw] = r.integers(0, classes, size=redraw.sum())
    return x, y.astype("int32")


def delivery_counts(n, seed, dim=6):
    """Letters a messenger delivers per round (Poisson counts) from six route features."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    rate = np.exp(0.8 + 0.5 * x[:, 0] - 0.4 * x[:, 1] + 0.3 * np.sin(2 * x[:, 2]))
    return x, r.poisson(rate).astype("float32")[:, None]


# linemen ---------------------------------------------------------------------------------------


@holdout89("linemen", healthy=True)
def sag_huber_plateau_schedule(session):
    """A span's conductor sag (standardised) from ten weather and load features whose noise
    grows with the load, MLP 64-32 relu under Huber(delta=0.5), Adam 3e-3 with
    ReduceLROnPlateau(factor 0.3, patience 1) watching the loss: a quick fall, then a long
    easing descent towards the floor set by the heteroscedastic noise."""
    keras = _keras()
    x, y = line_sag(N, seed=8901)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.Huber(delta=0.5))
    cut = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.3, patience=1, min_delta=1e-3)
    return _fit(session, model, x, y, epochs=14, batch_size=32, callbacks=[cut])


@holdout89("linemen", healthy=True)
def fault_recorder_noisy_calls(session):
    """A line fault's kind from a 48-sample recorder trace (a frequency burst at a random place),
    a fifth of the dispatcher's calls wrong, Conv1D 16-32 relu with global max pooling, Adam
    2e-3: it learns the bursts and then sits at the label noise's floor, well above zero."""
    keras = _keras()
    x, y = fault_traces(N, seed=8902, flip=0.2)
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _pinball(tau):
    import tensorflow as tf

    def loss(y_true, y_pred):
        e = y_true - y_pred
        return tf.reduce_mean(tf.maximum(tau * e, (tau - 1.0) * e))

    return loss


@holdout89("linemen", healthy=True)
def sag_quantile_loop(session):
    """Hand-written GradientTape loop: the 0.8 quantile of a span's sag from ten features with
    Student-t noise (3 degrees of freedom), MLP 48-48 relu, pinball loss, RMSprop 1e-3: the
    loss falls and levels far above zero (the pinball loss of the true quantile is not
    zero)."""
    keras = _keras()
    x, y = line_sag(N, seed=8903, tails=3)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(48, activation="relu"),
                              keras.layers.Dense(48, activation="relu"), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.RMSprop(1e-3), _pinball(0.8), x, y,
                        epochs=10, batch_size=32, seed=8903, loss_description="pinball_0.8")


# porters ---------------------------------------------------------------------------------------


@holdout89("porters", healthy=True)
def docket_rare_class_weighted(session):
    """A parcel docket's handling class from 16 tokens, Embedding(40, 16) and global average
    pooling into Dense 32 relu, the fragile class one docket in fifteen and weighted up
    7-fold by class_weight, Adam 2e-3: slow first epochs near the weighted prior, then a
    steady descent."""
    keras = _keras()
    x, y = parcel_tokens(N, seed=8904, weights=[0.62, 0.315, 0.065])
    model = keras.Sequential([
        keras.Input((16,), dtype="int32"),
        keras.layers.Embedding(40, 16),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit_weighted(session, model, x, y, epochs=10, batch_size=32,
                         class_weight={0: 1.0, 1: 1.5, 2: 7.0})


@holdout89("porters", healthy=True)
def luggage_small_ledger_two_inputs(session):
    """A bag's weight class (standardised regression) from a porter's ledger of only 288 rows:
    ten numeric features and a station id (Embedding(12, 4)), two inputs concatenated into an
    MLP 128-128 relu, Adam 2e-3 for 40 short epochs: it memorises the small ledger, the
    training loss falling well below the noise (one brief bump midway, when Adam overshoots,
    then down again)."""
    keras = _keras()
    n = 288 + PROBE_SIZE
    x, y = line_sag(n, seed=8905, hetero=False)
    r = _rng(8905)
    station = r.integers(0, 12, size=n).astype("int32")
    y = (y + 0.3 * np.sin(station)[:, None]).astype("float32")
    num = keras.Input((10,))
    st = keras.Input((1,), dtype="int32")
    e = keras.layers.Flatten()(keras.layers.Embedding(12, 4)(st))
    h = keras.layers.Concatenate()([num, e])
    h = keras.layers.Dense(128, activation="relu")(h)
    h = keras.layers.Dense(128, activation="relu")(h)
    model = keras.Model([num, st], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit_inputs(session, model, [x, station[:, None]], y, epochs=40, batch_size=32)


@holdout89("porters", healthy=True)
def docket_attention_warmup_cosine(session):
    """A parcel docket's handling class from 16 tokens by Embedding(40, 24) and one
    MultiHeadAttention(2 heads, key_dim 12) block with a residual and layer norm, mean
    pooled, 8% of the labels wrong, AdamW under CosineDecay with a 64-step linear warm-up to
    3e-3: slow at the very start, then a fall, then a floor set by the noisy labels."""
    keras = _keras()
    x, y = parcel_tokens(N, seed=8906, flip=0.08)
    inp = keras.Input((16,), dtype="int32")
    h = keras.layers.Embedding(40, 24)(inp)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=12)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(3, activation="softmax")(h))
    lr = keras.optimizers.schedules.CosineDecay(0.0, 8 * 32, warmup_target=3e-3, warmup_steps=64)
    model.compile(keras.optimizers.AdamW(lr, weight_decay=1e-4), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# messengers ------------------------------------------------------------------------------------


@holdout89("messengers", healthy=True)
def route_lstm_slow_sgd(session):
    """A messenger's route kind (which quarter holds a sustained turn) from 30 steps of heading
    change and speed by an LSTM(16) under plain SGD 0.05: a long slow descent from ln 4 that is
    still improving at the end of the run."""
    keras = _keras()
    x, y = route_sequences(N, seed=8907)
    model = keras.Sequential([keras.Input((30, 2)), keras.layers.LSTM(16),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.05), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout89("messengers", healthy=True)
def deliveries_poisson(session):
    """Letters delivered per round (Poisson counts, mean about 2.5) from six route features, MLP
    32 relu with an exponential output, keras's Poisson loss, Adam 3e-3: it falls and levels
    at the Poisson noise (keras's Poisson loss leaves out log y!, so the floor is not zero)."""
    keras = _keras()
    x, y = delivery_counts(N, seed=8908)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout89("messengers", healthy=True)
def seal_tiles_step_decay(session):
    """A seal's kind on a noisy 12x12 tile by a Conv2D 8-16 net, 15% of the labels wrong, SGD
    0.03 momentum 0.9 with a LearningRateScheduler that divides the rate by ten at epoch 6: a
    fall, a noisy shelf, a small step down after the cut, and the label noise's floor."""
    keras = _keras()
    x, y = seal_images(N, seed=8909, flip=0.15)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.03, momentum=0.9), "sparse_categorical_crossentropy")
    step = keras.callbacks.LearningRateScheduler(lambda epoch: 0.03 if epoch < 6 else 0.003)
    return _fit(session, model, x, y, epochs=10, batch_size=32, callbacks=[step])


# heralds ---------------------------------------------------------------------------------------


@holdout89("heralds", healthy=True)
def proclamation_student_t_loop(session):
    """Hand-written GradientTape loop: a proclamation's reach (standardised) from ten features
    with Student-t noise (4 degrees of freedom), MLP 64-64 tanh, mean squared error, Adam 1e-3:
    the loss falls quickly and levels at the heavy-tailed noise's variance, jumpy from batch
    to batch."""
    keras = _keras()
    x, y = line_sag(N, seed=8910, tails=4)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(64, activation="tanh"), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(1e-3),
                        keras.losses.MeanSquaredError(), x, y, epochs=10, batch_size=32,
                        seed=8910)


@holdout89("heralds", healthy=True)
def fanfare_imbalanced_conv_gru(session):
    """A fanfare recording's kind from 48 samples, one class in twenty-five and no class
    weights, Conv1D(16) then GRU(16), Adam 2e-3: the loss drops at once to the imbalanced
    prior and then keeps falling as the minority classes are learnt."""
    keras = _keras()
    x, y = fault_traces(N, seed=8911, weights=[0.55, 0.3, 0.11, 0.04])
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.GRU(16),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout89("heralds", healthy=True)
def proclamation_noisy_clerks(session):
    """A proclamation's category from twelve features by an MLP 64-64 relu with dropout 0.2,
    a quarter of the clerks' labels wrong, Nadam 2e-3: it learns the boundaries and levels at
    the noise floor, far above zero."""
    keras = _keras()
    x, y = herald_calls(N, seed=8912, flip=0.25)
    model = keras.Sequential([
        keras.Input((12,)),
        keras.layers.Dense(64, activation="relu"), keras.layers.Dropout(0.2),
        keras.layers.Dense(64, activation="relu"), keras.layers.Dropout(0.2),
        keras.layers.Dense(5, activation="softmax"),
    ])
    model.compile(keras.optimizers.Nadam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# broken: linemen -------------------------------------------------------------------------------


def _momentum_as_decay(session, broken):
    keras = _keras()
    x, y = route_sequences(N, seed=8921)
    model = keras.Sequential([keras.Input((30, 2)), keras.layers.GRU(24),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    momentum = 0.999 if broken else 0.9
    model.compile(keras.optimizers.SGD(0.05, momentum=momentum), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# The per-step loss is lowest near step 96, then jumps and never returns: approximate.
@holdout89("linemen", ["learning_rate_too_high"], stall_begins=96)
def patrol_route_momentum_0999(session):
    """A lineman's patrol route kind (which quarter holds a sustained turn) from 30 steps by a
    GRU(24) under SGD(0.05, momentum=0.999): the momentum was set like a moving-average decay
    ('0.999, as in BatchNorm'), which multiplies the effective step a thousand-fold; the
    weights swing back and forth and the loss never settles below the prior."""
    return _momentum_as_decay(session, True)


def _inverse_distance(session, broken):
    keras = _keras()
    r = _rng(8922)
    x, y = line_sag(N, seed=8922, hetero=False)
    dist = r.uniform(0.0, 40.0, size=N).round(0)          # metres to the nearest tower, whole
    y = (y + 0.8 * np.exp(-dist / 10.0)[:, None]).astype("float32")
    with np.errstate(divide="ignore"):
        inv = 1.0 / (dist + (0.0 if broken else 1.0))
        feat = np.concatenate([x, inv[:, None].astype("float32")], axis=1)
    model = keras.Sequential([keras.Input((11,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, feat, y, epochs=10, batch_size=32, shuffle=False)


# The first span at a tower is training row 490 (not shuffled): batch 16 of 32 rows.
@holdout89("linemen", ["non_finite_values"], stall_begins=490 // 32 + 1)
def span_sag_inverse_tower_distance(session):
    """A span's sag from ten weather features plus 1 / (distance to the nearest tower), the
    distance logged in whole metres: spans at a tower have distance 0, so the feature is
    infinite, and the first batch holding such a span (batch 16, not shuffled) turns the
    first layer's weights NaN; from then on the hidden units output nothing and the loss sits
    at the target's variance (the fix, 1 / (d + 1 m), trains normally)."""
    return _inverse_distance(session, True)


def _nonneg_log_spectrum(session, broken):
    keras = _keras()
    x, y = fault_traces(N, seed=8923)
    spec = np.abs(np.fft.rfft(x[:, :, 0], axis=1)) ** 2 / 48.0
    spec = np.log(spec / (spec.max() + 1e-9) + 1e-6).astype("float32")[:, :, None]  # all <= 0
    kw = {"kernel_constraint": keras.constraints.NonNeg()} if broken else {}
    model = keras.Sequential([
        keras.Input((25, 1)),
        keras.layers.Conv1D(16, 3, activation="relu", padding="same", **kw),
        keras.layers.Conv1D(16, 3, activation="relu", padding="same", **kw),
        keras.layers.Flatten(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, spec, y, epochs=10, batch_size=32)


@holdout89("linemen", ["dead_relus"], stall_begins=None)
def fault_log_spectrum_nonneg_filters(session):
    """A line fault's kind from the log power spectrum of its trace (log of power over the
    peak: every value is at most 0) by Conv1D 16-16 relu with kernel_constraint=NonNeg(),
    copied from a non-negative spectrogram model that took raw power: with non-negative
    filters over non-positive inputs every pre-activation sits at or below its bias, and the
    relu units go silent."""
    return _nonneg_log_spectrum(session, True)


# broken: porters -------------------------------------------------------------------------------


def _clipvalue_tiny(session, broken):
    keras = _keras()
    x, y = seal_images(N, seed=8924)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    kw = {"clipvalue": 1e-7} if broken else {}
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9, **kw), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout89("porters", ["learning_rate_too_low"], stall_begins=None)
def luggage_tag_clipvalue_epsilon(session):
    """A luggage tag's stamp on a noisy 12x12 tile by a Conv2D 8-16 net under SGD(0.05,
    momentum=0.9, clipvalue=1e-7): Adam's epsilon, 1e-7, was copied along with the rest of
    the optimizer arguments and landed in clipvalue, so every gradient component is clipped to
    1e-7 and each step moves a weight by at most about 5e-8 (with momentum): the loss stays
    near ln 4."""
    return _clipvalue_tiny(session, True)


def _one_unit_width(session, broken):
    keras = _keras()
    x, y = herald_calls(N, seed=8925)
    width = 1 if broken else 64
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(width, activation="relu"),
                              keras.layers.Dense(width, activation="relu"),
                              keras.layers.Dense(5, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout89("porters", ["insufficient_capacity"], stall_begins=None)
def manifest_width_from_outputs_field(session):
    """A porter's manifest category (five classes with nonlinear boundaries) from twelve
    features by an MLP whose two hidden layers take their width from the config's `n_outputs`
    field, 1 (the regression version of the model), instead of `width`, 64: two one-unit relu
    layers cannot carve five nonlinear classes, and the loss levels just under ln 5."""
    return _one_unit_width(session, True)


def _label_smoothing(session, broken):
    keras = _keras()
    x, y = parcel_tokens(N, seed=8926, classes=3)
    model = keras.Sequential([
        keras.Input((16,), dtype="int32"),
        keras.layers.Embedding(40, 16),
        keras.layers.Conv1D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    y1 = keras.utils.to_categorical(y, 3).astype("float32")
    loss = keras.losses.CategoricalCrossentropy(label_smoothing=0.95 if broken else 0.0)
    model.compile(keras.optimizers.Adam(2e-3), loss)
    return _fit(session, model, x, y1, epochs=10, batch_size=32)


@holdout89("porters", ["over_regularization"], stall_begins=None)
def docket_label_smoothing_095(session):
    """A parcel docket's handling class from 16 tokens by Embedding and Conv1D(32) under
    CategoricalCrossentropy(label_smoothing=0.95): the smoothing was read as a confidence
    ('95% sure of the labels'), so every target is almost uniform and the loss cannot fall
    far below ln 3."""
    return _label_smoothing(session, True)


# broken: messengers ----------------------------------------------------------------------------


def _sigmoid_deep_conv(session, broken):
    keras = _keras()
    x, y = fault_traces(N, seed=8927)
    act = "sigmoid" if broken else "relu"
    layers = [keras.Input((48, 1))]
    for _ in range(8):
        layers.append(keras.layers.Conv1D(12, 3, activation=act, padding="same"))
    layers += [keras.layers.GlobalMaxPooling1D(), keras.layers.Dense(4, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=7, batch_size=32)


@holdout89("messengers", ["vanishing_gradients"], stall_begins=None)
def signal_lamp_deep_sigmoid_conv(session):
    """A signal lamp's flash pattern from 48 samples by eight stacked Conv1D(12) layers with
    sigmoid activations ('smooth like the lamp's response'), SGD 0.02 momentum 0.9: the
    gradient shrinks by the sigmoid's slope at every layer and the first layers receive
    almost nothing; the loss sits at ln 4."""
    return _sigmoid_deep_conv(session, True)


def _ones_recurrent(session, broken):
    keras = _keras()
    x, y = route_sequences(N, seed=8928)
    kw = {"recurrent_initializer": "ones"} if broken else {}
    model = keras.Sequential([keras.Input((30, 2)),
                              keras.layers.SimpleRNN(32, activation="tanh", **kw),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout89("messengers", ["saturated_activations"], stall_begins=None)
def courier_path_ones_recurrent(session):
    """A courier's path kind from 30 steps by SimpleRNN(32, tanh) with
    recurrent_initializer='ones', copied from a running-sum example: every unit feeds all 32
    states back with weight one, so the tanh states pin at +1 or -1 after a few steps and
    pass almost no gradient."""
    return _ones_recurrent(session, True)


def _softmax_mse_index(session, broken):
    keras = _keras()
    x, y = parcel_tokens(N, seed=8929, classes=4, length=16, vocab=41)
    model = keras.Sequential([
        keras.Input((16,), dtype="int32"),
        keras.layers.Embedding(41, 16),
        keras.layers.LSTM(16),
        keras.layers.Dense(4, activation="softmax"),
    ])
    loss = "mse" if broken else "sparse_categorical_crossentropy"
    model.compile(keras.optimizers.Adam(3e-3), loss)
    return _fit(session, model, x, y.astype("float32")[:, None], epochs=8, batch_size=32)


@holdout89("messengers", ["loss_activation_mismatch"], stall_begins=None)
def dispatch_desk_softmax_under_mse(session):
    """Which of four desks a dispatch goes to from 16 docket tokens by Embedding and LSTM(16)
    with a 4-way softmax head, compiled with loss='mse' against the desk index (0 to 3) 'since
    the index is a number': every softmax probability is pulled towards the index, which the
    probabilities (each in (0, 1), summing to one) cannot reach for desks 2 and 3; the loss
    levels high while the same net under sparse categorical cross-entropy learns."""
    return _softmax_mse_index(session, True)


# broken: heralds -------------------------------------------------------------------------------


def _tiny_variance_scaling(session, broken):
    keras = _keras()
    x, y = herald_calls(N, seed=8930)
    init = keras.initializers.VarianceScaling(scale=1e-3 if broken else 2.0, mode="fan_in")
    layers = [keras.Input((12,))]
    for _ in range(6):
        layers.append(keras.layers.Dense(64, activation="relu", kernel_initializer=init))
    layers.append(keras.layers.Dense(5, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout89("heralds", ["poor_initialization"], stall_begins=None)
def proclamation_variance_scaling_1e3(session):
    """A proclamation's category from twelve features by a six-layer MLP 64 relu whose kernels
    use VarianceScaling(scale=1e-3, mode='fan_in'): the scale was read as a standard deviation,
    but it multiplies the variance, so each layer shrinks the signal about 45-fold and the
    head sees nothing; under SGD with momentum the loss stays at the prior."""
    return _tiny_variance_scaling(session, True)


def _raw_milestones(session, broken):
    keras = _keras()
    x, y = route_sequences(N, seed=8931)
    seq = x.copy()
    if broken:
        seq[:, :, 1] = np.cumsum(1200.0 + 300.0 * x[:, :, 1], axis=1)  # metres travelled
    model = keras.Sequential([keras.Input((30, 2)), keras.layers.LSTM(24),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, seq, y, epochs=10, batch_size=32)


@holdout89("heralds", ["unnormalized_inputs"], stall_begins=None)
def herald_ride_odometer_metres(session):
    """A herald's ride kind from 30 steps of (heading change, odometer) by an LSTM(24), Adam
    2e-3: the second channel was exported as the odometer reading in metres (1 200 to 36 000)
    instead of the per-step speed the model was built for, next to a heading change of
    about 1; the big channel swamps every gate."""
    return _raw_milestones(session, True)


def _identity_relu_rnn(session, broken):
    keras = _keras()
    x, y = fault_traces(N, seed=8932, length=48)
    gain = 1.3 if broken else 1.0
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.SimpleRNN(32, activation="relu",
                               recurrent_initializer=keras.initializers.Identity(gain=gain)),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9, clipnorm=1.0),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# The loss falls from its huge start to about ln 4 by step 57, then bounces there: approximate.
@holdout89("heralds", ["exploding_gradients"], stall_begins=57)
def trumpet_call_irnn_gain(session):
    """A trumpet call's kind from 48 samples by an IRNN: SimpleRNN(32, relu) with an identity
    recurrent kernel, its gain set to 1.3 'to keep the signal alive' over the long sequence,
    SGD 0.01 momentum 0.9 with clipnorm=1.0 added after the first NaN: the state and the
    gradients grow by about 1.3 a step (1.3^48 is about 3e5), the clipped steps point
    wherever the largest blown-up term points, and the loss, after falling from its huge
    start, bounces at and above ln 4 (the same net with gain 1.0 learns)."""
    return _identity_relu_rnn(session, True)
