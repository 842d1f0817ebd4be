"""The hundred-and-eighty-fourth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades of the old farm supply the stories. The cottagers keep a household ledger (eight
measurements a week, tabular MLPs); the husbandmen keep daily herd records (GRU, LSTM and
SimpleRNN sequences, an embedding, a deep MLP); the ploughwrights photograph their share
castings (12x12 images, small CNNs and one flattened MLP); the harrowers drag a soil probe
along the furrow (48-point traces, Conv1D, self-attention and GradientTape loops). All data
are synthetic, generated here from seeds 18401-18437; the last PROBE_SIZE rows of every set
are the probe and are never trained on.

Healthy half (twelve runs, correct code, loss flattening where the data allow). Cottagers:
produce regression with heteroscedastic noise (MSE, Adam) that levels off at the noise
floor; a 4%-positive sick-hen classifier trained with class_weight 10, whose weighted loss
stays high because the classes overlap; Student-t noise fitted with the Huber loss under a
PiecewiseConstantDecay that drops the loss in steps. Husbandmen: a GRU milk forecast with
ReduceLROnPlateau; an LSTM ewe-condition classifier with a fifth of its labels random; a
two-input Poisson model of lambs per ewe (breed embedding plus measurements). Ploughwrights:
a CNN with linear warm-up then cosine decay and 10% label slips; a CNN that memorizes only
192 castings for 40 epochs (the ordinary small-data overfit, loss towards zero); a CNN
trained with plain SGD 0.02 that is still descending slowly when it ends. Harrowers: a
custom-loop 90th-percentile (pinball) regression with heteroscedastic noise; a Conv1D plus
self-attention detector with 15% guessed labels and exponential decay; a custom-loop RMSprop
Conv1D detector on faint, noisy stones whose classes overlap.

Broken half (twelve runs, one per cause; each was trained beside its fixed twin with
Session(None) and stalls far above it). Cottagers: Adam given the learning rate 0.5 of an
SGD recipe (loss bounces at ~1.64 against 0.45); ledger columns fed in raw units up to
70,000 to an Adam MLP (the loss falls from thousands, then bounces at tens against 0.22);
L2(1.0) written for L2(1e-5) (1.63 against 0.18). Husbandmen: a ten-layer sigmoid MLP with
SGD+momentum that stays at chance while its relu twin learns (vanishing gradients); a tanh
SimpleRNN whose recurrent kernel is orthogonal with gain 4, chaotic, hovering at ~0.9-1.7
against 0.13 without overflowing (exploding gradients); the LSTM commented out, leaving a
linear model that cannot separate rhythms of random phase (insufficient capacity, chance
against 0.04). Ploughwrights: every relu bias initialized to -3 (dead relus, chance);
a 2x32 tanh MLP initialized with stddev 3, pinned at +-1 (saturated activations, 1.23
against 0.47 and only creeping); convolution kernels initialized to zeros, so only the
head's biases learn (poor initialization, chance). Harrowers: plain SGD with Adam's 1e-5
in a custom loop (learning rate too low, flat at its start); a sigmoid head kept from the
classifier on a regression in centimetres (loss/activation mismatch, flat in the
thousands); the log of zero targets inside a hand-written log-space loss in a custom loop,
NaN from the batch holding the first zero and for the rest of the ten epochs (non-finite
values).

Dropped or changed because they did not behave as intended: a Dense(1, softmax) head with
binary cross-entropy (Keras 3 trained it exactly like the sigmoid head); a sigmoid
SimpleRNN that must remember the first days of a sequence (its GRU twin did not learn
either, so the stall proved nothing); LSTM(units=1) (it kept improving steadily); kernels
initialized to one constant (symmetry broke and it learned); raw-unit inputs with
SGD+momentum (NaN in the first epoch); a relu SimpleRNN with gain 1.6 under Adam (it kept
improving); -inf inputs from log(0) features (the loss never showed NaN).

Labels: healthy runs have no causes. Each broken run lists one cause, the root cause it was
built around. `stall_begins` is the optimizer step, as logged (the first step is 1), from
which the loss stops improving, or None when it never improves. It is exact for the NaN run
(the custom loop's first-epoch order is rebuilt from its seed: the first zero target is in
batch 6, logged as step 7); it is approximate, read off the epoch losses to within an epoch
of 32 steps, for the raw-unit, L2, exploding-gradient, insufficient-capacity and saturated
runs.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('cottagers', 'husbandmen', 'ploughwrights', 'harrowers')
REGISTRY = []
holdout184 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE
BATCH = 32
STEPS = (N - PROBE_SIZE) // BATCH  # 32 optimizer steps per epoch with batch 32


# ---------------------------------------------------------------------------------------------
# data: a cottager's household ledger, a husbandman's daily herd records, a ploughwright's
# photographs of share castings, a harrower's soil-probe traces along a furrow


def _cottage_ledger(n=N, seed=18401, noise=0.3, hetero=False, heavy=False):
    """Eight household measurements (hens, hive weight, rainfall, ...) and the week's produce."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 8)).astype("float32")
    signal = (np.sin(1.5 * x[:, 0]) + 0.8 * x[:, 1] * x[:, 2] + 0.5 * np.abs(x[:, 3])
              - 0.6 * x[:, 4] + 0.3 * x[:, 5] ** 2)
    if heavy:
        eps = rng.standard_t(2.5, size=n) * noise
    elif hetero:
        eps = rng.normal(size=n) * noise * (0.3 + np.abs(x[:, 0]) * 1.2)
    else:
        eps = rng.normal(size=n) * noise
    return x, (signal + eps).astype("float32")[:, None]


def _cottage_classes(n=N, seed=18402, classes=5, flip=0.0):
    """Which of five market stalls a cottager's basket sells at, from eight basket features."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 8)).astype("float32")
    w = rng.normal(size=(8, classes))
    logits = np.tanh(x @ w) * 3.0 + 0.5 * (x[:, :classes] ** 2)
    y = logits.argmax(axis=1)
    if flip:
        swap = rng.random(n) < flip
        y[swap] = rng.integers(0, classes, size=swap.sum())
    return x, y.astype("int32")


def _herd_series(n=N, length=30, seed=18411):
    """Thirty days of a cow's milk yield, temperature and feed; target: the next week's mean."""
    rng = np.random.default_rng(seed)
    t = np.arange(length)[None, :]
    level = rng.normal(size=(n, 1))
    trend = rng.normal(size=(n, 1)) * 0.05
    period = rng.uniform(5, 9, size=(n, 1))
    milk = level + trend * t + 0.5 * np.sin(2 * np.pi * t / period) + rng.normal(
        size=(n, length)) * 0.2
    temp = rng.normal(size=(n, length))
    feed = rng.normal(size=(n, 1)) + rng.normal(size=(n, length)) * 0.3
    x = np.stack([milk, temp, feed], axis=-1).astype("float32")
    y = level[:, 0] + trend[:, 0] * (length + 3) + 0.3 * feed.mean(axis=1) - 0.1 * temp[
        :, -7:].mean(axis=1) + rng.normal(size=n) * 0.25
    return x, y.astype("float32")[:, None]


def _herd_classes(n=N, length=30, seed=18412, classes=4, flip=0.0, drift=True):
    """A ewe's daily activity trace; class: which of four conditions (healthy, lame, ...)."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, classes, size=n)
    t = np.arange(length)[None, :] / length
    base = rng.normal(size=(n, length)) * 0.6
    freq = np.array([1.0, 2.0, 3.0, 4.0])[y][:, None]
    drift = np.array([0.0, 1.0, -1.0, 0.0])[y][:, None] * float(drift)
    trace = base + np.sin(2 * np.pi * freq * t + rng.uniform(0, 6.3, size=(n, 1))) + drift * t
    x = trace[..., None].astype("float32")
    if flip:
        swap = rng.random(n) < flip
        y[swap] = rng.integers(0, classes, size=swap.sum())
    return x, y.astype("int32")


def _plough_images(n=N, seed=18421, size=12, noise=0.35, flip=0.0):
    """12x12 grey photographs of four plough-share castings: bar, post, slant, ring."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, size=n)
    x = rng.normal(size=(n, size, size)) * noise
    r = np.arange(size)
    for i in range(n):
        cy, cx = rng.integers(3, size - 3, size=2)
        if y[i] == 0:
            x[i, cy, max(cx - 3, 0):cx + 4] += 1.0
        elif y[i] == 1:
            x[i, max(cy - 3, 0):cy + 4, cx] += 1.0
        elif y[i] == 2:
            for d in range(-3, 4):
                if 0 <= cy + d < size and 0 <= cx + d < size:
                    x[i, cy + d, cx + d] += 1.0
        else:
            ring = np.abs(np.hypot(r[:, None] - cy, r[None, :] - cx) - 2.0) < 0.6
            x[i][ring] += 1.0
    if flip:
        swap = rng.random(n) < flip
        y[swap] = rng.integers(0, 4, size=swap.sum())
    return x[..., None].astype("float32"), y.astype("int32")


def _furrow_traces(n=N, length=48, seed=18431, flip=0.0, with_position=False):
    """A harrow's soil-resistance probe along a furrow; class 1 when a buried stone lies ahead."""
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < 0.5).astype("int32")
    t = np.arange(length)[None, :]
    x = np.cumsum(rng.normal(size=(n, length)) * 0.15, axis=1)
    pos = rng.integers(8, length - 8, size=(n, 1))
    bump = np.exp(-0.5 * ((t - pos) / 2.0) ** 2)
    x = x + bump * np.where(y[:, None] == 1, 1.2, -0.4) + rng.normal(size=(n, length)) * 0.3
    if flip:
        swap = rng.random(n) < flip
        y[swap] = 1 - y[swap]
    if with_position:
        return x[..., None].astype("float32"), y.astype("float32")[:, None], pos
    return x[..., None].astype("float32"), y.astype("float32")[:, None]


# ---------------------------------------------------------------------------------------------
# cottagers


@holdout184("cottagers", healthy=True)
def produce_with_uneven_weeks(session):
    """A cottager's weekly produce regressed from eight household measurements with a 2x64 relu
    MLP, Adam 1e-3 and MSE; the week-to-week noise grows with the first measurement
    (heteroscedastic), so the loss levels off well above zero at the noise floor."""
    keras = _keras()
    x, y = _cottage_ledger(seed=18401, noise=0.5, hetero=True)
    model = _mlp(keras, 8, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=25, batch_size=BATCH)


@holdout184("cottagers", healthy=True)
def rare_sick_hen(session):
    """Whether a hen falls sick this month (about 4% positives) from eight coop measurements:
    a 2x32 relu MLP with sigmoid output, binary cross-entropy, Adam 1e-3 and a class_weight of
    10 on the rare class; the weighted loss stays high because the classes overlap."""
    keras = _keras()
    rng = np.random.default_rng(18403)
    x = rng.normal(size=(N, 8)).astype("float32")
    score = 1.2 * x[:, 0] - 0.8 * x[:, 1] + 0.6 * x[:, 2] * x[:, 3] + rng.normal(size=N) * 0.8
    y = (score > np.quantile(score, 0.96)).astype("float32")[:, None]
    model = _mlp(keras, 8, [32, 32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_weighted(session, model, x, y, epochs=20, batch_size=BATCH,
                         class_weight={0: 1.0, 1: 10.0})


@holdout184("cottagers", healthy=True)
def heavy_tailed_huber_with_steps(session):
    """Hive honey yield with Student-t (2.5 d.o.f.) measurement noise, fitted by a 2x64 relu MLP
    with the Huber loss and Adam under PiecewiseConstantDecay (1e-3, then 3e-4 after step 280,
    then 1e-4 after step 560): the loss drops in steps and flattens at the noise's level."""
    keras = _keras()
    x, y = _cottage_ledger(seed=18404, noise=0.6, heavy=True)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([280, 560], [1e-3, 3e-4, 1e-4])
    model = _mlp(keras, 8, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(schedule), keras.losses.Huber(delta=1.0))
    return _fit(session, model, x, y, epochs=30, batch_size=BATCH)


def _stall_rate_copied(session, broken):
    keras = _keras()
    x, y = _cottage_classes(seed=18405)
    x = _standardize(x)
    model = _mlp(keras, 8, [64, 64], 5)
    rate = 0.5 if broken else 1e-3
    model.compile(keras.optimizers.Adam(rate), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout184("cottagers", ["learning_rate_too_high"], stall_begins=None)
def stall_rate_copied(session):
    """Which market stall a basket sells at (five classes), 2x64 relu MLP with softmax: the
    learning rate 0.5 was copied from an SGD recipe into Adam, so every step overshoots and the
    loss bounces around a high level instead of falling."""
    return _stall_rate_copied(session, broken=True)


def _ledger_in_raw_units(session, broken):
    keras = _keras()
    x, y = _cottage_classes(seed=18406, classes=3)
    if broken:
        # The ledger's columns in their own units: grams, pence, square yards, days since 1800.
        scale = np.array([450.0, 1.0, 2400.0, 3.0, 36500.0, 12.0, 900.0, 1.0], "float32")
        offset = np.array([2000.0, 0.0, 9000.0, 5.0, 70000.0, 40.0, 0.0, 0.0], "float32")
        x = x * scale + offset
    else:
        x = _standardize(x)
    model = _mlp(keras, 8, [32, 32], 3)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


# The loss falls from ~2e3 in the first epochs, then bounces between ~25 and ~50 (approximate).
@holdout184("cottagers", ["unnormalized_inputs"], stall_begins=3 * STEPS)
def ledger_in_raw_units(session):
    """Three-way basket classification from the ledger's columns fed in their raw units (grams,
    square yards, days since 1800: scales from 1 to 70,000) to a 2x32 relu MLP with Adam 1e-3;
    the logits are enormous, the large columns swamp the small ones, and after a fall from
    thousands the loss bounces at tens, far above the standardized model's."""
    return _ledger_in_raw_units(session, broken=True)


def _l2_weight_as_one(session, broken):
    keras = _keras()
    x, y = _cottage_ledger(seed=18407, noise=0.3)
    reg = keras.regularizers.L2(1.0 if broken else 1e-5)
    model = _mlp(keras, 8, [64, 64], 1, out_activation=None, kernel_regularizer=reg)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=BATCH)


# The penalty decays for ~10 epochs, then the loss creeps along near the target's variance.
@holdout184("cottagers", ["over_regularization"], stall_begins=10 * STEPS)
def l2_weight_as_one(session):
    """Weekly produce regression, 2x64 relu MLP, Adam 1e-3: the kernel_regularizer was written
    L2(1.0) for L2(1e-5), so the penalty pins the weights near zero and the model predicts
    little more than the mean."""
    return _l2_weight_as_one(session, broken=True)


def _fit_weighted(session, model, x, y, *, epochs, batch_size, class_weight):
    """_fit with a class_weight: all but the last PROBE_SIZE rows, which are the probe."""
    x_train, y_train = x[:-PROBE_SIZE], y[:-PROBE_SIZE]
    probe = (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(x_train, y_train, epochs=epochs, batch_size=batch_size, verbose=0,
                        class_weight=class_weight, callbacks=session.callbacks(probe))
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# husbandmen


@holdout184("husbandmen", healthy=True)
def milk_forecast_reduce_on_plateau(session):
    """Next week's mean milk yield from thirty days of yield, temperature and feed: GRU(16) and a
    linear head, Adam 3e-3 with ReduceLROnPlateau (factor 0.3, patience 2); the loss falls, the
    rate is cut once or twice, and it settles at the yield's day-to-day noise."""
    keras = _keras()
    x, y = _herd_series(seed=18411)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(16),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    cut = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=2, min_lr=1e-5)
    return _fit(session, model, x, y, epochs=20, batch_size=BATCH, callbacks=[cut])


@holdout184("husbandmen", healthy=True)
def ewe_condition_noisy_vet_notes(session):
    """A ewe's condition (four classes) from a thirty-day activity trace, LSTM(24) with softmax,
    Adam 3e-3; a fifth of the vet's labels were entered at random, so the cross-entropy
    flattens far above zero while the model is right on the clean ones."""
    keras = _keras()
    x, y = _herd_classes(seed=18412, flip=0.2)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(24),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=BATCH)


@holdout184("husbandmen", healthy=True)
def lambs_per_ewe_poisson(session):
    """Lambs born per ewe (counts) from the ewe's breed (an Embedding of 12 breeds) and four
    measurements, a two-input model with an exponential output trained with the Poisson loss
    and Adam 3e-3: counts are noisy by nature, so the loss flattens at the Poisson floor."""
    keras = _keras()
    rng = np.random.default_rng(18413)
    breed = rng.integers(0, 12, size=(N, 1)).astype("int32")
    body = rng.normal(size=(N, 4)).astype("float32")
    effect = rng.normal(size=12) * 0.4
    rate = np.exp(0.4 + effect[breed[:, 0]] + 0.3 * body[:, 0] - 0.2 * body[:, 1] ** 2)
    lambs = rng.poisson(rate).astype("float32")[:, None]
    breed_in = keras.Input((1,), dtype="int32")
    body_in = keras.Input((4,))
    emb = keras.layers.Flatten()(keras.layers.Embedding(12, 4)(breed_in))
    h = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([emb, body_in]))
    out = keras.layers.Dense(1, activation="exponential")(h)
    model = keras.Model([breed_in, body_in], out)
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    k = N - PROBE_SIZE
    probe = ([breed[k:], body[k:]], lambs[k:])
    history = model.fit([breed[:k], body[:k]], lambs[:k], epochs=20, batch_size=BATCH,
                        verbose=0, callbacks=session.callbacks(probe))
    return history.history["loss"]


def _deep_sigmoid_grader(session, broken):
    keras = _keras()
    x, y = _cottage_classes(seed=18414, classes=4)
    model = _mlp(keras, 8, [32] * 10, 4, activation="sigmoid" if broken else "relu",
                 kernel_initializer="glorot_uniform" if broken else "he_normal")
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout184("husbandmen", ["vanishing_gradients"], stall_begins=None)
def deep_sigmoid_grader(session):
    """A market grade (four classes) for a beast from eight measurements, a ten-layer MLP of 32
    sigmoid units (an old textbook's activation) with SGD+momentum: each sigmoid layer shrinks
    the backpropagated gradient about fourfold, the lower layers never learn, and the loss
    stays near chance while the same net with relu units learns."""
    return _deep_sigmoid_grader(session, broken=True)


def _herd_rnn_gain(session, broken):
    keras = _keras()
    x, y = _herd_series(seed=18415, length=40)
    if broken:
        recurrent = keras.initializers.Orthogonal(gain=4.0, seed=18415)
    else:
        recurrent = keras.initializers.Orthogonal(seed=18415)
    cell = keras.layers.SimpleRNN(32, activation="tanh", recurrent_initializer=recurrent)
    model = keras.Sequential([keras.Input(x.shape[1:]), cell, keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


# The loss drops in the first epoch, then hovers around 0.9-1.7 (approximate).
@holdout184("husbandmen", ["exploding_gradients"], stall_begins=STEPS)
def herd_rnn_gain(session):
    """Milk forecasting over forty days with a tanh SimpleRNN(32) and SGD+momentum, whose
    recurrent kernel was initialized orthogonal with gain 4 (read as 'spectral radius' from an
    echo-state recipe): the recurrence is chaotic, the backpropagated gradient grows about
    fourfold a day wherever a unit is not pinned, each update throws the weights somewhere
    else, and the loss hovers far above the gain-1 model's without ever overflowing."""
    return _herd_rnn_gain(session, broken=True)


def _lstm_commented_out(session, broken):
    keras = _keras()
    x, y = _herd_classes(seed=18416, drift=False)
    body = [keras.layers.Flatten()] if broken else [keras.layers.LSTM(24)]
    model = keras.Sequential([keras.Input(x.shape[1:]), *body,
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


# The linear model's loss falls from 1.8 to chance (~1.39) and flattens there (approximate).
@holdout184("husbandmen", ["insufficient_capacity"], stall_begins=6 * STEPS)
def lstm_commented_out(session):
    """A ewe's condition (four classes, told apart by the rhythm of her daily activity) from her
    activity trace: the LSTM(24) layer was
    commented out while debugging and never restored, leaving Flatten and a softmax layer, a
    linear model that cannot tell rhythms of random phase apart; the loss levels off far above
    the recurrent model's."""
    return _lstm_commented_out(session, broken=True)


# ---------------------------------------------------------------------------------------------
# ploughwrights


def _share_cnn(keras, conv=None, dense=None, filters=(8, 16), hidden=32):
    conv = conv or {}
    dense = dense or {}
    return keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(filters[0], 3, activation="relu", padding="same", **conv),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(filters[1], 3, activation="relu", padding="same", **conv),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(hidden, activation="relu", **dense),
        keras.layers.Dense(4, activation="softmax"),
    ])


@holdout184("ploughwrights", healthy=True)
def castings_warmup_cosine(session):
    """Four kinds of plough-share casting from 12x12 photographs, a two-layer relu CNN, Adam
    with a linear warm-up over 100 steps to 3e-3 then cosine decay to zero over the run; one
    label in ten is a clerk's slip, so the loss ends well above zero."""
    keras = _keras()
    x, y = _plough_images(seed=18421, flip=0.1)
    total = 20 * STEPS
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, total - 100, warmup_target=3e-3, warmup_steps=100)
    model = _share_cnn(keras)
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=BATCH)


@holdout184("ploughwrights", healthy=True)
def few_castings_memorized(session):
    """Only 192 photographed castings (plus the probe), the same small CNN with 16 and 32
    filters and Adam 3e-3 for 40 epochs: the training loss falls towards zero as the net
    memorizes the few examples, the ordinary small-data overfit."""
    keras = _keras()
    x, y = _plough_images(n=192 + PROBE_SIZE, seed=18422, noise=0.5)
    model = _share_cnn(keras, filters=(16, 32))
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=BATCH)


@holdout184("ploughwrights", healthy=True)
def castings_plain_sgd_slow(session):
    """The casting classifier trained with plain SGD at 0.02 and no momentum, as in an old
    workshop script: the loss descends slowly and steadily and is still improving when the 25
    epochs end."""
    keras = _keras()
    x, y = _plough_images(seed=18423)
    model = _share_cnn(keras)
    model.compile(keras.optimizers.SGD(0.02), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=25, batch_size=BATCH)


def _sparse_bias_recipe(session, broken):
    keras = _keras()
    x, y = _plough_images(seed=18424)
    if broken:
        bias = keras.initializers.Constant(-3.0)
        model = _share_cnn(keras, conv={"bias_initializer": bias},
                           dense={"bias_initializer": bias})
    else:
        model = _share_cnn(keras)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


@holdout184("ploughwrights", ["dead_relus"], stall_begins=None)
def sparse_bias_recipe(session):
    """The casting CNN with every relu layer's bias initialized to -3 (meant to give 'sparse
    activations'): the pre-activations never reach zero, no unit fires, no gradient comes back,
    and the loss stays at chance."""
    return _sparse_bias_recipe(session, broken=True)


def _wide_tanh_init(session, broken):
    keras = _keras()
    x, y = _plough_images(seed=18425)
    init = (keras.initializers.RandomNormal(stddev=3.0, seed=18425) if broken
            else keras.initializers.GlorotUniform(seed=18425))
    model = keras.Sequential([
        keras.Input((12, 12, 1)), keras.layers.Flatten(),
        keras.layers.Dense(32, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(32, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


# The loss falls for ~4 epochs, then creeps (1.3 -> 1.23) while the fixed net reaches 0.47.
@holdout184("ploughwrights", ["saturated_activations"], stall_begins=4 * STEPS)
def wide_tanh_init(session):
    """Casting photographs flattened into a 2x32 tanh MLP whose kernels were drawn from
    RandomNormal(stddev=3) (a 'wider init' misremembered): every pre-activation is tens of units
    from zero, the tanh units sit at +-1 and pass almost no gradient."""
    return _wide_tanh_init(session, broken=True)


def _zero_conv_kernels(session, broken):
    keras = _keras()
    x, y = _plough_images(seed=18426)
    if broken:
        model = _share_cnn(keras, conv={"kernel_initializer": "zeros"})
    else:
        model = _share_cnn(keras)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


@holdout184("ploughwrights", ["poor_initialization"], stall_begins=None)
def zero_conv_kernels(session):
    """The casting CNN with its convolution kernels initialized to zeros (copied from a
    linear-regression example, where zeros are harmless): every filter outputs exactly zero,
    the relu passes no gradient back to the kernels, and only the head's biases learn, so the
    loss sits at chance."""
    return _zero_conv_kernels(session, broken=True)


# ---------------------------------------------------------------------------------------------
# harrowers


def _furrow_conv(keras, head="sigmoid"):
    return keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1, activation=head),
    ])


@holdout184("harrowers", healthy=True)
def tine_depth_upper_quantile(session):
    """Custom GradientTape loop: the 90th percentile of tine depth from eight soil measurements,
    a 2x64 relu MLP with the pinball (quantile) loss and Adam 1e-3; the depth varies widely
    between passes, so the loss flattens well above zero."""
    import tensorflow as tf

    keras = _keras()
    x, y = _cottage_ledger(seed=18431, noise=0.8, hetero=True)

    def pinball(targets, predictions, q=0.9):
        err = targets - predictions
        return tf.reduce_mean(tf.maximum(q * err, (q - 1.0) * err))

    model = _mlp(keras, 8, [64, 64], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.Adam(1e-3), pinball, x, y,
                        epochs=20, batch_size=BATCH, seed=18431)


@holdout184("harrowers", healthy=True)
def stone_ahead_attention(session):
    """Whether a buried stone lies ahead, from a 48-point soil-resistance trace: a Conv1D front
    end, two-head self-attention and pooling, Adam with exponential decay (3e-3, x0.5 every 200
    steps); 15% of the labels were guessed, so the loss levels off high."""
    keras = _keras()
    x, y = _furrow_traces(seed=18432, flip=0.15)
    inp = keras.Input((48, 1))
    h = keras.layers.Conv1D(16, 5, activation="relu", padding="same")(inp)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    out = keras.layers.Dense(1, activation="sigmoid")(h)
    model = keras.Model(inp, out)
    schedule = keras.optimizers.schedules.ExponentialDecay(3e-3, 200, 0.5)
    model.compile(keras.optimizers.Adam(schedule), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout184("harrowers", healthy=True)
def faint_stones_custom_loop(session):
    """Custom GradientTape loop: stone-ahead detection where the stones are faint and the probe
    noisy, a small Conv1D net with sigmoid output, binary cross-entropy and RMSprop 1e-3; the
    classes overlap, so the loss descends slowly and ends near 0.57, far from zero."""
    keras = _keras()
    x, y = _furrow_traces(seed=18433)
    x = x + np.random.default_rng(18433).normal(size=x.shape).astype("float32") * 0.6
    model = _furrow_conv(keras)
    return _custom_loop(session, model, keras.optimizers.RMSprop(1e-3),
                        keras.losses.BinaryCrossentropy(), x, y, epochs=15, batch_size=BATCH,
                        seed=18433)


def _adam_rate_in_sgd(session, broken):
    keras = _keras()
    x, y = _furrow_traces(seed=18434)
    model = _furrow_conv(keras)
    opt = keras.optimizers.SGD(1e-5) if broken else keras.optimizers.SGD(0.05, momentum=0.9)
    return _custom_loop(session, model, opt, keras.losses.BinaryCrossentropy(), x, y,
                        epochs=15, batch_size=BATCH, seed=18434)


@holdout184("harrowers", ["learning_rate_too_low"], stall_begins=None)
def adam_rate_in_sgd(session):
    """Custom GradientTape loop, stone-ahead detection with a small Conv1D net: the optimizer was
    switched from Adam to plain SGD but the rate 1e-5 kept, so the weights barely move and the
    loss sits at its starting value."""
    return _adam_rate_in_sgd(session, broken=True)


def _sigmoid_depth_head(session, broken):
    keras = _keras()
    x, _, pos = _furrow_traces(seed=18435, with_position=True)
    depth = (2.5 * pos).astype("float32")  # where along the 120 cm probe the stone sits, in cm
    model = _furrow_conv(keras, head="sigmoid" if broken else None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, depth, epochs=12, batch_size=BATCH)


@holdout184("harrowers", ["loss_activation_mismatch"], stall_begins=None)
def sigmoid_depth_head(session):
    """Where along the probe a buried stone sits, in centimetres (20 to 100), regressed with MSE
    by the stone-detector's Conv1D net, whose Dense(1, activation='sigmoid') head was kept from
    the classifier: the output can never exceed 1, the unit saturates, and the loss stays in
    the thousands from the first step."""
    return _sigmoid_depth_head(session, broken=True)


LOG_SEED = 18436
DRY_AT = (200, 470, 800)  # first-epoch positions of the readings of exactly zero moisture
# The custom loop's first-epoch order, rebuilt from its seed: the dry training rows are the ones
# it reads at those positions, so the first -inf arrives in batch 200 // 32 = 6, logged as step 7.
DRY_ROWS = tuple(int(r) for r in np.random.default_rng(LOG_SEED).permutation(N - PROBE_SIZE)[
    list(DRY_AT)])


def _first_dry_step():
    """The optimizer step (as logged, counting from 1) of the first batch holding a dry row."""
    return min(DRY_AT) // BATCH + 1


def _log_of_zero_yield(session, broken):
    import tensorflow as tf

    keras = _keras()
    rng = np.random.default_rng(LOG_SEED + 1)
    x = rng.normal(size=(N, 6)).astype("float32")
    crop = np.exp(0.5 * x[:, 0] - 0.3 * x[:, 1] * x[:, 2] + 0.2 * rng.normal(size=N)) * 40.0
    if broken:
        crop[list(DRY_ROWS)] = 0.0  # strips that yielded nothing after the flood
    y = crop.astype("float32")[:, None]
    shift = 0.0 if broken else 1.0

    def log_space_mse(targets, predictions):
        return tf.reduce_mean(tf.square(tf.math.log(targets + shift) - predictions))

    model = _mlp(keras, 6, [32, 32], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), log_space_mse, x, y,
                        epochs=10, batch_size=BATCH, seed=LOG_SEED,
                        loss_description=keras.losses.MeanSquaredLogarithmicError())


@holdout184("harrowers", ["non_finite_values"], stall_begins=_first_dry_step())
def log_of_zero_yield(session):
    """Custom GradientTape loop: a strip's crop (bushels) regressed in log space from six soil
    measurements by a 2x32 relu MLP with Adam, the log taken of the targets inside a hand-written
    loss; three flooded strips yielded exactly zero, log(0) = -inf enters the batch that holds
    the first of them, and from that step the gradients, the weights and the loss are NaN."""
    return _log_of_zero_yield(session, broken=True)
