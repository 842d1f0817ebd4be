"""The seventy-ninth held-out catalogue: written by someone who did not read the engine or run the
diagnosis on these runs, and scored once.

It was written from what practitioners get wrong in forum questions, issue trackers and
tutorials, without reading the engine's detectors or thresholds and without running the
diagnosis. Every scenario was checked only from its own loss (Keras History, and the per-step
loss recovered from the batch logs, in a throwaway script with the runner's seed), and every
broken one against the same model trained without its mistake (each helper
`_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Carders: a wool lot's carding yield from eight
fibre measurements whose lab scatter grows with the staple length, an MLP under a
LearningRateScheduler step decay (halved every three epochs), flat at the noise floor; a card
sliver's fault from 48 thickness readings by a Conv1D net with a fifth of the calls wrong; the
next hour's card output from 24 readings by a GRU in a hand-written GradientTape loop under
Huber loss against Student-t scatter (a slow start, then a steady fall). Butchers: a carcass's
weight at the 0.8 quantile (pinball loss, far above zero); the cut on the block from 12 x 12
photos by a Conv2D net, the rare kind weighted up by class_weight; a customer's usual order from
only 192 ledger rows by an MLP 128-128 that memorises them over 50 short epochs. Fishmongers:
boxes sold per morning (Poisson counts) by an exponential-output MLP under keras's Poisson loss
(negative, with a floor set by the counts' randomness); a slate's stall from 16 item tokens by
Embedding and average pooling under Adam with a warm-up and cosine decay; the next landing's size
from 24 hourly readings by a MultiHeadAttention block under ReduceLROnPlateau. Mercers: a bolt's
price from its cloth id (Embedding) and five numeric features, two inputs, Huber loss against
Student-t noise; a customer segment on concentric rings by a tanh MLP under plain SGD without
momentum, slow and still falling at the end; a loom's cloth fault, 75/18/7 and not re-weighted,
by a Conv1D net in a hand-written loop.

The broken half, one root cause each: an LSTM forecaster fed the card room's log in its own
units (rpm ~350, hPa ~1013), the tutorial's MinMaxScaler skipped (unnormalised inputs);
keras ReLU(threshold=6.0) written for ReLU6, which is max_value=6.0 (dead ReLUs); a ten-layer
all-sigmoid MLP from an old tutorial under SGD with momentum (vanishing gradients); a sigmoid
head 'because it is a share' on a lean share left in percent, 55-85 (loss/activation
mismatch); flattened photos left in 8-bit grey levels into a tanh MLP, the '/ 255.0'
forgotten (saturated activations, with the unnormalised inputs behind them); every kernel
initialised with 'zeros' (poor initialisation); Adam(learning_rate=1.0) kept from Adadelta
after switching optimizers, on an Embedding-LSTM (learning rate too high); a relu SimpleRNN over
40 steps under SGD 0.05 with momentum and no clipnorm, whose loss jumps at step 10 and is NaN
from step 12 (exploding gradients, then non-finite values; the fix is the default tanh with
clipnorm 1.0); hand standardisation (x - mean) / std with a constant column (one market's
site code), 0 / 0 = NaN in every row: relu passes the NaN as 0, so the loss stays finite at the
target's variance while the first kernel's row for that column is NaN (non-finite values);
kernel_regularizer=l1(0.01) on every layer of a 64-64 MLP (over-regularisation);
Dense layers written without activation=, so linear, on concentric rings (insufficient
capacity); Adam(2e-6), a fine-tuning recipe's rate, on a net trained from scratch in a
hand-written loop (learning rate too low).

Dropped or replaced because they did not behave as intended: Dense(1, activation='softmax')
under binary cross-entropy (Keras 3 trained it exactly as the sigmoid head, loss for loss; the
sigmoid-on-percent head kept); a raw Unix timestamp column and a mill export in raw units into
a relu MLP under Adam (the loss kept falling, from 3e15 and from 3e3; the raw-unit LSTM kept,
flat at ~1.0 against 0.74); np.log of counts with zeros as inputs (the loss stayed finite and
kept falling, 0.92 to -0.12; the zero-std column kept); a relu SimpleRNN over 60 steps under
SGD 0.02 (the tanh fix did not learn the cue either), the same at SGD 0.01 to 0.03 over 40
steps (it learnt or bounced without a clean outcome) and relu with clipnorm alone as the fix
(itself unstable at 0.05); an unscaled price target under SGD for the exploding gradients
(NaN at 1e-3, still falling at 1e-4); Dropout(0.9) read from TF1's keep_prob (still falling,
1.19 to 0.94; l1(0.01) kept); Adam(0.1) on the LSTM (it bounced but was still falling at the
end, 0.44 to 0.30; 1.0 kept).

Labels follow `scenarios.py`: `expected_causes[0]` is the root cause the scenario was built
around, a second cause only where that symptom is genuinely present too (the relu RNN's loss
and weights are NaN; the raw 8-bit photos are the unnormalised inputs that saturate the tanh
units); `stall_begins` is the optimizer step from which the loss stops improving (None: from
the start, where the per-step loss is flat or noisy about its first value), read off the
per-step loss and marked approximate next to the scenario where it is a step.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("carders", "butchers", "fishmongers", "mercers")

REGISTRY = []

holdout79 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


def _rng(seed):
    return np.random.default_rng(seed)


def _std(v):
    v = np.asarray(v, dtype="float64")
    return ((v - v.mean(axis=0)) / (v.std(axis=0) + 1e-12)).astype("float32")


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, shuffle=True, callbacks=(),
                **fit_kw):
    """`_fit` for a model with several inputs; the last PROBE_SIZE rows are the probe."""
    train = [v[:-PROBE_SIZE] for v in inputs]
    probe = ([v[-PROBE_SIZE:] for v in inputs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        shuffle=shuffle, verbose=0,
                        callbacks=list(callbacks) + session.callbacks(probe), **fit_kw)
    return history.history["loss"]


def _fit_weighted(session, model, x, y, *, epochs, batch_size, class_weight):
    """`_fit` with class weights."""
    history = model.fit(x[:-PROBE_SIZE], y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        verbose=0, class_weight=class_weight,
                        callbacks=session.callbacks((x[-PROBE_SIZE:], y[-PROBE_SIZE:])))
    return history.history["loss"]


# data ------------------------------------------------------------------------------------------


def fibre_table(n, seed, dim=8, noise=0.3, hetero=0.0):
    """A wool lot's measured features (staple length, crimp, micron, vegetable matter, ...) and a
    smooth nonlinear target (a carding yield, standardised) with the lab's scatter, which may
    grow with the first feature (heteroscedastic)."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    mean = (np.sin(1.5 * x[:, 0]) + 0.7 * x[:, 1] * x[:, 2] - 0.5 * np.abs(x[:, 3])
            + 0.4 * np.tanh(2 * x[:, 4]) + 0.3 * x[:, 5])
    y = mean + (noise + hetero * np.abs(x[:, 0])) * r.normal(size=n)
    return x, _std(y)[:, None]


def fibre_classes(n, seed, dim=10, classes=4, flip=0.0, weights=None):
    """A class (4) from ten features, the argmax of nonlinear scores; `flip` of the labels are
    re-drawn at random; `weights` thin out classes (imbalance) by rejection."""
    r = _rng(seed)
    w = r.normal(size=(dim, classes))
    v = r.normal(size=(dim, classes))
    xs, ys = [], []
    keep = None if weights is None else np.asarray(weights, float) / max(weights)
    while sum(len(a) for a in ys) < n:
        x = r.normal(size=(4 * n, dim)).astype("float32")
        y = (np.tanh(x @ w) + 0.4 * (x @ v) ** 2 / dim).argmax(axis=1)
        if keep is not None:
            m = r.random(len(y)) < keep[y]
            x, y = x[m], y[m]
        xs.append(x)
        ys.append(y)
    x = np.concatenate(xs)[:n]
    y = np.concatenate(ys)[:n]
    wrong = r.random(n) < flip
    y = np.where(wrong, r.integers(0, classes, n), y)
    return x, y


def sliver_traces(n, seed, length=48, flip=0.0, weights=(1, 1, 1)):
    """A card sliver's thickness over 48 readings, three classes: 0 even, 1 a periodic
    thick-thin fault (a bent card wire), 2 a slow drift; a fraction `flip` of the labels are
    wrong; `weights` are the class shares."""
    r = _rng(seed)
    p = np.asarray(weights, float)
    y = r.choice(3, n, p=p / p.sum())
    t = np.arange(length)
    x = np.empty((n, length, 1), dtype="float32")
    for k in range(n):
        s = 0.4 * r.normal(size=length)
        if y[k] == 1:
            s += 0.8 * np.sin(2 * np.pi * t / r.uniform(5, 9) + r.uniform(0, 6))
        elif y[k] == 2:
            s += r.choice([-1, 1]) * r.uniform(0.8, 1.5) * t / length
        x[k, :, 0] = s
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 3, n)) % 3, y)
    return x, y


def cut_images(n, seed, size=12, weights=(1, 1, 1, 1), flip=0.0):
    """12 x 12 grey photos of a cut on the block, four classes (a bar, a ring, a cross, a blob)
    with noise, placement varying; `weights` are the class shares."""
    r = _rng(seed)
    p = np.asarray(weights, float)
    y = r.choice(4, n, p=p / p.sum())
    i, j = np.mgrid[0:size, 0:size]
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        ci, cj = r.integers(4, 8, 2)
        d = np.sqrt((i - ci) ** 2 + (j - cj) ** 2)
        if y[k] == 0:
            t = (np.abs(i - ci) < 1.5) & (np.abs(j - cj) < 4)
        elif y[k] == 1:
            t = np.abs(d - 3) < 0.8
        elif y[k] == 2:
            t = ((np.abs(i - ci) < 1) & (np.abs(j - cj) < 4)) | ((np.abs(j - cj) < 1) & (np.abs(i - ci) < 4))
        else:
            t = d < 2.5
        x[k, :, :, 0] = t.astype(float) + 0.3 * r.normal(size=(size, size))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 4, n)) % 4, y)
    return x, y


def catch_tokens(n, seed, length=16, vocab=40, classes=4):
    """A market slate as 16 item tokens (vocabulary 40); the stall it comes from (4) is the
    group most items belong to."""
    r = _rng(seed)
    groups = r.integers(0, classes, vocab)
    groups[0] = -1
    y = r.integers(0, classes, n)
    x = np.empty((n, length), dtype="int32")
    other = np.flatnonzero(groups >= 0)
    for k in range(n):
        own = np.flatnonzero(groups == y[k])
        m = r.random(length) < 0.4
        x[k] = np.where(m, r.choice(own, length), r.choice(other, length))
    return x, y


def tide_series(n, seed, length=24, noise=0.3):
    """24 hourly readings of three channels (tide height, wind, water temperature) in no
    particular order of importance; the target is the next landing's size (standardised): a
    mean over steps of a nonlinear mark plus the largest wind reading's tide, with scatter."""
    r = _rng(seed)
    x = r.normal(size=(n, length, 3)).astype("float32")
    big = x[np.arange(n), x[:, :, 1].argmax(axis=1), 0]
    y = 2.0 * np.tanh(x[:, :, 0] * x[:, :, 2] + 0.5 * x[:, :, 1]).mean(axis=1) + 0.5 * big
    y = y + noise * r.normal(size=n)
    return x, _std(y)[:, None]


def cue_series(n, seed, length=60):
    """A fish-box temperature log over `length` readings; whether the box was spoiled depends on
    the sign of the mean of the first five readings (the time on the quay), the rest is the
    cold-room noise."""
    r = _rng(seed)
    x = (0.5 * r.normal(size=(n, length, 1))).astype("float32")
    y = (x[:, :5, 0].sum(axis=1) > 0).astype("int64")
    return x, y


def two_moons(n, seed, noise=0.15, dim=2):
    """Two interleaved half-moons (plus extra noise dims): a bolt is sold or not from two cloth
    features; no straight line separates them."""
    r = _rng(seed)
    y = r.integers(0, 2, n)
    t = r.uniform(0, np.pi, n)
    a = np.where(y == 0, np.cos(t), 1 - np.cos(t))
    b = np.where(y == 0, np.sin(t), 0.5 - np.sin(t))
    x = np.stack([a, b], axis=1) + noise * r.normal(size=(n, 2))
    if dim > 2:
        x = np.concatenate([x, r.normal(size=(n, dim - 2))], axis=1)
    return x.astype("float32"), y.astype("int64")


def rings(n, seed, classes=3, dim=2, noise=0.12):
    """Concentric rings (3 classes) in two features: a mercer's customer segment from spend
    and visits; only a nonlinear boundary separates them."""
    r = _rng(seed)
    y = r.integers(0, classes, n)
    ang = r.uniform(0, 2 * np.pi, n)
    rad = 0.5 + y + noise * 3 * r.normal(size=n)
    x = np.stack([rad * np.cos(ang), rad * np.sin(ang)], axis=1)
    x = x / 2.0
    return x.astype("float32"), y.astype("int64")


# carders -------------------------------------------------------------------------------------


@holdout79("carders", healthy=True)
def carding_yield_step_decay(session):
    """A wool lot's carding yield (standardised) from eight fibre measurements whose lab scatter
    grows with the staple length (heteroscedastic), MLP 64-64 relu, Adam 3e-3 halved every
    three epochs by a LearningRateScheduler step decay: a quick fall, small steps down at the
    drops, then flat at the noise floor far above zero."""
    keras = _keras()
    x, y = fibre_table(N, seed=7901, noise=0.35, hetero=0.3)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    step = keras.callbacks.LearningRateScheduler(lambda epoch: 3e-3 * 0.5 ** (epoch // 3))
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[step])


@holdout79("carders", healthy=True)
def sliver_faults_mislabelled(session):
    """A card sliver's fault (even, periodic thick-thin, drift) from 48 thickness readings by
    a Conv1D 16-32 relu net with global average pooling, Adam 2e-3, a fifth of the
    inspectors' calls wrong: it learns the faults and levels off at the label noise."""
    keras = _keras()
    x, y = sliver_traces(N, seed=7902, flip=0.2)
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout79("carders", healthy=True)
def card_output_huber_loop(session):
    """Hand-written GradientTape loop: the next hour's card output (standardised) from 24
    readings of three channels by a GRU(16), Huber loss (delta 1) against heavy-tailed
    scatter, RMSprop 2e-3: a few epochs near the constant prediction's loss, then a steady
    fall towards the scatter's Huber size."""
    keras = _keras()
    r = _rng(7903)
    x, y = tide_series(N, seed=7903, noise=0.0)
    y = _std(y[:, 0] + 0.4 * r.standard_t(2.5, size=N))[:, None]
    model = keras.Sequential([keras.Input((24, 3)), keras.layers.GRU(16),
                              keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.RMSprop(2e-3), keras.losses.Huber(1.0),
                        x, y, epochs=12, batch_size=32, seed=7903)


def _raw_room_readings(session, broken):
    keras = _keras()
    x, y = tide_series(N, seed=7941, noise=0.3)
    if broken:
        # The card room's log as recorded: doffer speed (rpm ~350), room temperature (C ~12)
        # and air pressure (hPa ~1013).
        x = (np.array([350.0, 12.0, 1013.0], dtype="float32")
             + np.array([40.0, 3.0, 8.0], dtype="float32") * x).astype("float32")
    model = keras.Sequential([keras.Input((24, 3)), keras.layers.LSTM(32), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout79("carders", ["unnormalized_inputs"], stall_begins=None)
def card_room_lstm_raw_units(session):
    """The next hour's sliver weight (standardised) from 24 hourly readings of the card room
    by an LSTM(32), Adam 2e-3, the readings fed as logged (doffer speed ~350 rpm, room
    temperature ~12 C, air pressure ~1013 hPa) with no scaling, as in a forecasting tutorial
    that skipped its MinMaxScaler: the gates' inputs are in the hundreds and thousands."""
    return _raw_room_readings(session, True)


def _relu_threshold(session, broken):
    keras = _keras()
    x, y = fibre_classes(N, seed=7905)
    act = (lambda: keras.layers.ReLU(threshold=6.0)) if broken else (lambda: keras.layers.ReLU(max_value=6.0))
    model = keras.Sequential([keras.Input((10,)),
                              keras.layers.Dense(64), act(),
                              keras.layers.Dense(64), act(),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout79("carders", ["dead_relus"], stall_begins=None)
def fleece_grade_relu_threshold(session):
    """A fleece's grade (4) from ten measurements, MLP 64-64 with keras.layers.ReLU(threshold=6.0)
    meant as ReLU6 (that is max_value=6.0): threshold zeroes every input below 6, and
    Glorot pre-activations almost never reach 6, so the hidden units are dead from the
    start."""
    return _relu_threshold(session, True)


def _deep_sigmoid(session, broken):
    keras = _keras()
    x, y = fibre_classes(N, seed=7906)
    act = "sigmoid" if broken else "relu"
    layers = [keras.Input((10,))]
    layers += [keras.layers.Dense(32, activation=act) for _ in range(10)]
    layers.append(keras.layers.Dense(4, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout79("carders", ["vanishing_gradients"], stall_begins=None)
def blend_class_deep_sigmoid(session):
    """A wool blend's class (4) from ten measurements by a ten-layer MLP of Dense(32,
    activation='sigmoid') copied from an old tutorial, SGD 0.05 momentum 0.9: each sigmoid
    layer multiplies the gradient by at most 1/4, and the first layers hardly move."""
    return _deep_sigmoid(session, True)


# butchers ------------------------------------------------------------------------------------


def _pinball(tau):
    keras = _keras()

    def loss(y_true, y_pred):
        e = y_true - y_pred
        return keras.ops.mean(keras.ops.maximum(tau * e, (tau - 1.0) * e), axis=-1)

    return loss


@holdout79("butchers", healthy=True)
def carcass_weight_quantile(session):
    """A carcass's hanging weight (standardised) from eight live-animal measurements, predicted
    at the 0.8 quantile (pinball loss) for the cold-store plan, MLP 64-32 relu, Adam 2e-3: a
    quick fall, then a slow one towards the quantile loss of the scale's scatter, far above
    zero."""
    keras = _keras()
    x, y = fibre_table(N, seed=7911, noise=0.6)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), _pinball(0.8))
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout79("butchers", healthy=True)
def cut_photos_rare_class_weighted(session):
    """The cut on the block (4 kinds) from 12 x 12 photos by a Conv2D 8-16 relu net, the fourth
    kind one photo in twelve and weighted up by class_weight, Adam 2e-3: a weighted loss that
    falls steadily and ends low."""
    keras = _keras()
    x, y = cut_images(N, seed=7912, weights=(0.4, 0.3, 0.22, 0.08))
    counts = np.bincount(y[:-PROBE_SIZE], minlength=4)
    cw = {k: float(len(y[:-PROBE_SIZE]) / (4 * max(c, 1))) for k, c in enumerate(counts)}
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit_weighted(session, model, x, y, epochs=10, batch_size=32, class_weight=cw)


@holdout79("butchers", healthy=True)
def shop_ledger_small_overfit(session):
    """A customer's usual order (4 kinds) from ten ledger features, only 192 customers (128 more
    held out as the probe), MLP 128-128 relu, Adam 3e-3 for 50 short epochs: the training
    loss keeps falling towards zero as the net memorises the ledger."""
    keras = _keras()
    x, y = fibre_classes(192 + PROBE_SIZE, seed=7913)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=50, batch_size=32)


def _sigmoid_percent(session, broken):
    keras = _keras()
    x, cls = cut_images(N, seed=7914)
    r = _rng(7914)
    # The lean share of the cut in percent, from the butcher's trim sheet.
    lean = 55.0 + 8.0 * cls + 3.0 * x.reshape(N, -1).mean(axis=1) * 10 + 4.0 * r.normal(size=N)
    y = (lean if broken else lean / 100.0).astype("float32")[:, None]
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout79("butchers", ["loss_activation_mismatch"], stall_begins=None)
def lean_share_sigmoid_percent(session):
    """A cut's lean share from a 12 x 12 photo by a Conv2D 8-16 relu net with a
    Dense(1, activation='sigmoid') head 'because it is a share', under MSE, while the target
    stayed in percent (55-85, the trim sheet's units): the head cannot pass 1.0, so the loss
    sits near (share - 1)^2 whatever the net learns."""
    return _sigmoid_percent(session, True)


def _raw_pixels_tanh(session, broken):
    keras = _keras()
    x, y = cut_images(N, seed=7915)
    # The photos as the camera gives them: 8-bit grey levels.
    x = np.clip(np.round(127 + 100 * x), 0, 255).reshape(N, -1).astype("float32")
    if not broken:
        x = x / 255.0
    model = keras.Sequential([keras.Input((144,)), keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout79("butchers", ["saturated_activations", "unnormalized_inputs"], stall_begins=None)
def cut_photos_tanh_raw_bytes(session):
    """The cut on the block (4 kinds) from flattened 12 x 12 photos left in 8-bit grey levels
    (0-255, the '/ 255.0' forgotten), MLP 64-64 tanh, SGD 0.01 momentum 0.9: pre-activations
    in the hundreds pin every tanh unit at +-1."""
    return _raw_pixels_tanh(session, True)


def _zeros_init(session, broken):
    keras = _keras()
    x, y = fibre_table(N, seed=7916, noise=0.3)
    init = "zeros" if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(64, activation="relu", kernel_initializer=init),
        keras.layers.Dense(64, activation="relu", kernel_initializer=init),
        keras.layers.Dense(1, kernel_initializer=init),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout79("butchers", ["poor_initialization"], stall_begins=None)
def trim_loss_zero_init(session):
    """A carcass's trim loss (standardised) from eight measurements, MLP 64-64 relu built with
    kernel_initializer='zeros' on every layer ('start from a clean slate'), Adam 2e-3: every
    hidden unit is the same zero, no gradient reaches the hidden kernels, and only the output
    bias learns the mean."""
    return _zeros_init(session, True)


# fishmongers ---------------------------------------------------------------------------------


def catch_counts(n, seed, dim=6):
    """Boxes of a species sold per morning (Poisson counts) from six weather and calendar
    features."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    rate = np.exp(1.0 + 0.5 * x[:, 0] - 0.4 * x[:, 1] + 0.3 * np.sin(2 * x[:, 2]) + 0.2 * x[:, 3] * x[:, 4])
    return x, r.poisson(rate).astype("float32")[:, None]


@holdout79("fishmongers", healthy=True)
def boxes_sold_poisson(session):
    """Boxes of cod sold per morning (Poisson counts) from six weather and calendar features by
    an MLP 32-32 relu with an exponential output, keras's Poisson loss, Adam 2e-3: it falls
    and flattens at the counts' own randomness (the loss leaves out log y!, so its floor is
    not zero)."""
    keras = _keras()
    x, y = catch_counts(N, seed=7921)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout79("fishmongers", healthy=True)
def slate_tokens_warmup_cosine(session):
    """Which stall a market slate comes from (4) from its 16 item tokens by Embedding(40, 16),
    global average pooling and Dense(32) relu, Adam under CosineDecay with an 80-step warm-up
    to 3e-3: slow while the rate warms up, then a fall that eases off as the rate decays."""
    keras = _keras()
    x, y = catch_tokens(N, seed=7922)
    model = keras.Sequential([keras.Input((16,), dtype="int32"),
                              keras.layers.Embedding(40, 16),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    lr = keras.optimizers.schedules.CosineDecay(0.0, 240, warmup_target=3e-3, warmup_steps=80)
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout79("fishmongers", healthy=True)
def landing_attention_reduce_on_plateau(session):
    """The next landing's size (standardised) from 24 hourly readings of tide, wind and water
    temperature by a MultiHeadAttention block (2 heads, key dim 8) with mean and max pooling,
    Adam 3e-3 with ReduceLROnPlateau(factor 0.3, patience 1): it falls, the rate is cut when
    an epoch does not improve, and it settles near the scatter."""
    keras = _keras()
    x, y = tide_series(N, seed=7923, noise=0.35)
    inp = keras.Input((24, 3))
    h = keras.layers.Dense(16)(inp)
    a = keras.layers.MultiHeadAttention(2, 8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.Concatenate()([keras.layers.GlobalAveragePooling1D()(h),
                                    keras.layers.GlobalMaxPooling1D()(h)])
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    plateau = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=1, min_lr=1e-5)
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[plateau])


def _lstm_high_rate(session, broken):
    keras = _keras()
    x, y = catch_tokens(N, seed=7924)
    model = keras.Sequential([keras.Input((16,), dtype="int32"),
                              keras.layers.Embedding(40, 16),
                              keras.layers.LSTM(32),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(1.0 if broken else 1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout79("fishmongers", ["learning_rate_too_high"], stall_begins=None)
def slate_lstm_adam_rate_from_adadelta(session):
    """Which stall a slate comes from (4), from its 16 item tokens by Embedding(40, 16) and
    LSTM(32), compiled with Adam(learning_rate=1.0): the optimizer was switched from Adadelta,
    whose rate of 1.0 was kept, a thousand times Adam's usual rate: every step overshoots and
    the loss bounces well above the untrained ln 4."""
    return _lstm_high_rate(session, True)


def _relu_rnn(session, broken):
    keras = _keras()
    r = _rng(7925)
    # A fish box's temperature log over 40 readings; spoiled when the last eight sum above 0.
    x = r.normal(size=(N, 40, 1)).astype("float32")
    y = (x[:, -8:, 0].sum(axis=1) > 0).astype("int64")
    model = keras.Sequential([keras.Input((40, 1)),
                              keras.layers.SimpleRNN(32, activation="relu" if broken else "tanh"),
                              keras.layers.Dense(2, activation="softmax")])
    clip = {} if broken else {"clipnorm": 1.0}
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9, **clip),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# Per-step loss falls to 0.37 by step 9, jumps to 2.2 at step 10 and 2.8e5 at step 11, and is NaN from
# step 12 on: the stall begins at step 10 (read off the per-step loss).
@holdout79("fishmongers", ["exploding_gradients", "non_finite_values"], stall_begins=10)
def fishbox_relu_rnn_unclipped(session):
    """Whether a fish box spoiled, from the last readings of a 40-reading temperature log, by
    SimpleRNN(32, activation='relu') ('relu trains better than tanh'), SGD 0.05 momentum 0.9
    and no clipnorm: the unbounded recurrent state and its gradient grow through the 40
    steps, an update overshoots, and the loss and the weights become NaN within the first
    epoch."""
    return _relu_rnn(session, True)


def _zero_std(session, broken):
    keras = _keras()
    x, y = fibre_table(N, seed=7951, noise=0.3)
    x = x.copy()
    # The market's site code: this export holds one market only, so the column is constant.
    x[:, 7] = 1.0
    mu, sd = x[:-PROBE_SIZE].mean(axis=0), x[:-PROBE_SIZE].std(axis=0)
    xs = ((x - mu) / (sd if broken else sd + 1e-7)).astype("float32")
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, xs, y, epochs=8, batch_size=32)


@holdout79("fishmongers", ["non_finite_values"], stall_begins=None)
def morning_sales_zero_std_column(session):
    """A morning's sales (standardised) from eight features by an MLP 64-64 relu, Adam 2e-3, the
    features standardised by hand as (x - mean) / std: the market's site code is the same in
    every row of this one-market export, its std is 0, and 0 / 0 puts a NaN in every row.
    The NaN column turns every first-layer pre-activation into NaN (and the first kernel's
    gradient with it); the loss stays finite only because relu passes NaN as 0, so the net
    can learn nothing but the output bias."""
    return _zero_std(session, True)


# mercers -------------------------------------------------------------------------------------


def bolt_sales(n, seed, cloths=30):
    """A bolt's sale price (log, standardised) from its cloth (30 kinds, an id) and five
    numeric features (width, weight, thread count, dye, season); Student-t (3 dof) noise
    from haggling."""
    r = _rng(seed)
    kind = r.integers(0, cloths, n)
    effect = r.normal(size=cloths)
    num = r.normal(size=(n, 5)).astype("float32")
    y = effect[kind] + 0.6 * num[:, 0] + 0.4 * num[:, 1] * num[:, 2] - 0.3 * np.abs(num[:, 3])
    y = y + 0.35 * r.standard_t(3, size=n)
    return kind.astype("int32"), num, _std(y)[:, None]


@holdout79("mercers", healthy=True)
def bolt_price_two_inputs_huber(session):
    """A bolt's sale price (standardised) from its cloth id (Embedding(30, 8)) and five numeric
    features, two inputs concatenated into an MLP 64-32 relu, Huber loss against Student-t
    haggling noise, Adam 2e-3: it falls and settles at the noise's Huber size."""
    keras = _keras()
    kind, num, y = bolt_sales(N, seed=7931)
    k_in = keras.Input((1,), dtype="int32")
    n_in = keras.Input((5,))
    e = keras.layers.Flatten()(keras.layers.Embedding(30, 8)(k_in))
    h = keras.layers.Concatenate()([e, n_in])
    h = keras.layers.Dense(64, activation="relu")(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([k_in, n_in], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(1.0))
    return _fit_inputs(session, model, [kind[:, None], num], y, epochs=10, batch_size=32)


@holdout79("mercers", healthy=True)
def customer_rings_plain_sgd_slow(session):
    """A customer's segment (3) from spend and visits, concentric rings, MLP 32-32 tanh under
    plain SGD 0.05 without momentum, 20 epochs: a long, slow descent still going at the end
    of training."""
    keras = _keras()
    x, y = rings(N, seed=7932)
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.05), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout79("mercers", healthy=True)
def loom_faults_imbalanced_loop(session):
    """Hand-written GradientTape loop: a loom's cloth fault (even, periodic, drift) from 48
    thickness readings, the classes 75/18/7 and not re-weighted, by a Conv1D 16-16 relu net,
    Adam 2e-3: the loss starts at the prior's entropy, not ln 3, and falls below it as the
    rare faults are learnt."""
    keras = _keras()
    x, y = sliver_traces(N, seed=7933, weights=(0.75, 0.18, 0.07))
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3),
                        keras.losses.SparseCategoricalCrossentropy(), x, y, epochs=8,
                        batch_size=32, seed=7933)


def _l1_everywhere(session, broken):
    keras = _keras()
    x, y = rings(N, seed=7934)

    def reg():
        return keras.regularizers.l1(0.01) if broken else None

    model = keras.Sequential([
        keras.Input((2,)),
        keras.layers.Dense(64, activation="relu", kernel_regularizer=reg()),
        keras.layers.Dense(64, activation="relu", kernel_regularizer=reg()),
        keras.layers.Dense(3, activation="softmax", kernel_regularizer=reg()),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# The penalty is shed over the first epochs (the data term never improves on ln 3); the total
# loss is flat at ~1.11 from about step 145 on: approximate, read off the per-step loss.
@holdout79("mercers", ["over_regularization"], stall_begins=145)
def customer_rings_l1_every_layer(session):
    """A customer's segment (3) from spend and visits, MLP 64-64 relu with
    kernel_regularizer=regularizers.l1(0.01) on every layer, the tutorial snippet's value
    pasted onto a net with 8,500 weights, Adam 2e-3: the penalty outweighs the data, drives
    the kernels to zero and leaves the class prior."""
    return _l1_everywhere(session, True)


def _no_activation(session, broken):
    keras = _keras()
    x, y = rings(N, seed=7935)
    act = "relu" if not broken else None
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(64, activation=act),
                              keras.layers.Dense(64, activation=act),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout79("mercers", ["insufficient_capacity"], stall_begins=None)
def customer_rings_dense_without_activation(session):
    """A customer's segment (3) from spend and visits, concentric rings, by Dense(64),
    Dense(64), Dense(3, softmax): the hidden layers were written without activation=, whose
    default is linear, so the whole net is one linear map and cannot draw a ring."""
    return _no_activation(session, True)


def _finetune_rate(session, broken):
    keras = _keras()
    x, y = fibre_classes(N, seed=7936, classes=4)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    rate = 2e-6 if broken else 2e-3
    return _custom_loop(session, model, keras.optimizers.Adam(rate),
                        keras.losses.SparseCategoricalCrossentropy(), x, y, epochs=8,
                        batch_size=32, seed=7936)


@holdout79("mercers", ["learning_rate_too_low"], stall_begins=None)
def cloth_grade_finetune_rate_loop(session):
    """Hand-written GradientTape loop: a cloth's grade (4) from ten features by an MLP 64-64
    relu trained from scratch with Adam(2e-6), the rate from a fine-tuning recipe for a
    pretrained model: in 256 steps no weight moves more than ~5e-4."""
    return _finetune_rate(session, True)
