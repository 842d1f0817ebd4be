"""The eighty-fourth held-out catalogue: written by someone who did not read the engine or run
the diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History, in a throwaway script with the runner's seed), and every broken one
against the same model trained without its mistake (each helper `_name(session, broken)` trains
both).

Half of it is healthy-but-imperfect training. Hewers: a seam's yield per shift from eight
geology features by an MLP, the noise growing with the yield (heteroscedastic), Adam under a
staircase ExponentialDecay; a roof-fall warning class from 48 strain readings by a Conv1D net,
15% of the deputies' calls wrong, SGD with momentum under PiecewiseConstantDecay; the next
shift's gas reading from 24 hourly readings by a GRU in a hand-written GradientTape loop under
mean absolute error against Laplace noise. Refiners: a batch grade from twelve assays by an MLP,
the off-spec class one in twenty and weighted up by class_weight; a purity score from ten
unordered tank readings by a MultiHeadAttention block under AdamW with warm-up and cosine decay;
a pan's fault from only 192 batches by a wide MLP that memorises them. Weighers: a parcel's
class from 12x12 scale images by a small Conv2D net under Nadam, a fifth of the labels wrong;
a load's tariff from its route (Embedding) and six numeric features, two inputs, Huber loss
against Student-t noise under RMSprop and ReduceLROnPlateau; a weighbridge class from 20
tokens by an Embedding and LSTM under plain SGD (a plateau near ln 4, then a long descent). Tallowers:
a melt's yield under the pinball loss at the 0.9 quantile (flat far above zero); wick faults
(Poisson counts) by an exponential-output MLP in a hand-written loop under keras's Poisson loss;
a candle order's grade from a bag of tokens, imbalanced and not reweighted, by an Embedding
with mean pooling.

The broken half, one root cause each, written from the mistakes most often seen in forum
questions: Adam(learning_rate=0.1) copied from an SGD example (learning rate too high);
Adam(1e-6) kept from a fine-tuning recipe for a net trained from scratch (learning rate too
low); an eight-layer sigmoid MLP under SGD (vanishing gradients); a hand-written loop whose
loss is tf.reduce_sum of the squared errors, not their mean, under SGD with momentum (exploding
gradients: 32 times the gradient); Dense layers given bias_initializer=Constant(-3) from a
'sparsity' snippet so every unit starts below zero (dead ReLUs); camera pixels left as 0..255
into a tanh MLP, the '/ 255.0' dropped (saturated activations, with the unnormalised inputs
genuinely present too); raw ledger columns (income in pounds, weights in grams) fed to a relu
MLP (unnormalised inputs); a kilogram regression keeping the Dense(1, activation='sigmoid')
head of the classifier it was copied from (loss/activation mismatch); Dense layers with no
activation argument, so the whole net is linear on two interleaved spirals (insufficient
capacity); l2(0.1) on every layer copied from a tutorial meant for l2(1e-4)
(over-regularisation); kernel_initializer='zeros' on every layer (poor initialisation); a CSV
column with three missing readings left as NaN (non-finite values; the relu turns the NaN
weights' outputs into zeros, so the loss is not NaN but flat at a constant prediction's).

Dropped or replaced because they did not behave as intended: Adam(0.05) (still falling, ~0.92
against ~0.35; 0.1 kept); a relu SimpleRNN over 80 steps under SGD with momentum for the
exploding gradients (it trained as well as the tanh cell, ~0.18 both; the summed loss kept); a
ten-layer sigmoid stack on two spirals (the relu fix could not learn it either under the same
SGD; the five-class assays kept); Dense(1, activation='softmax') under binary cross-entropy
(Keras 3 warns and its loss trained exactly as the sigmoid head did, identical curves; the
sigmoid kilogram head kept); tanh layers with RandomNormal(stddev=1.0 and 2.0) on 64 inputs
for the saturation (still falling, ~0.68 and ~0.81 against ~0.17; the 0..255 pixels kept); a
checkerboard for the linear net (the relu fix learned it too slowly to tell them apart; the
spirals kept).

Labels follow `scenarios.py`: `expected_causes[0]` is the root cause the scenario was built
around, a second cause only where that symptom is genuinely present too; `stall_begins` is the
optimizer step from which the loss stops improving (None: from the start), exact where an event
of the scenario causes it (the first NaN row in file order), otherwise read off the loss and
marked approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("hewers", "refiners", "weighers", "tallowers")

REGISTRY = []

holdout84 = registrar(REGISTRY)

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


def seam_yield(n, seed):
    """A shift's yield (standardised) from eight geology features, noise growing with it."""
    r = _rng(seed)
    x = r.normal(size=(n, 8)).astype("float32")
    m = np.maximum(0, x[:, 0] + 0.5) + 0.6 * x[:, 1] * x[:, 2] + 0.5 * np.sin(2 * x[:, 3])
    y = m + (0.1 + 0.3 * np.abs(m)) * r.normal(size=n)
    return x, _std(y)[:, None]


def strain_traces(n, seed, length=48, flip=0.0):
    """Strain readings of a roadway roof: 0 quiet, 1 creeping (a ramp), 2 bursts (spikes)."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    t = np.linspace(0, 1, length)
    x = 0.3 * r.normal(size=(n, length))
    x += 0.3 * np.sin(2 * np.pi * (t[None] * r.uniform(1, 3, (n, 1)) + r.uniform(size=(n, 1))))
    x[y == 1] += r.uniform(0.6, 1.2, ((y == 1).sum(), 1)) * t[None]
    spikes = (r.random((n, length)) < 0.08) * r.uniform(1.0, 2.0, (n, length))
    x[y == 2] += spikes[y == 2]
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 3, n)) % 3, y)
    return x[..., None].astype("float32"), y


def gas_series(n, seed, length=24):
    """24 hourly readings of two channels; the target is a smoothed future level plus Laplace
    noise."""
    r = _rng(seed)
    x = np.cumsum(0.3 * r.normal(size=(n, length, 2)), axis=1).astype("float32")
    y = 0.7 * x[:, -1, 0] - 0.4 * x[:, -6:, 1].mean(axis=1) + 0.3 * np.tanh(x[:, -1, 1])
    y = y + r.laplace(scale=0.3, size=n)
    return x, y.astype("float32")[:, None]


def assays(n, seed, classes=5, weights=None, flip=0.0):
    """Twelve assay features and a grade: the grade is an argmax of non-linear scores."""
    r = _rng(seed)
    x = r.normal(size=(n, 12)).astype("float32")
    w = r.normal(size=(12, classes))
    s = np.tanh(x @ w / 2) + 0.5 * np.sin(x[:, :classes] * 2) + 0.4 * (x[:, 5:5 + classes] ** 2)
    if weights is not None:
        s = s + np.log(np.asarray(weights))[None] * 1.5
    y = s.argmax(axis=1)
    wrong = r.random(n) < flip
    y = np.where(wrong, r.integers(0, classes, n), y)
    return x, y


def spirals(n, seed, noise=0.15):
    """Two interleaved spirals in the plane, plus six noise coordinates."""
    r = _rng(seed)
    y = r.integers(0, 2, n)
    t = r.uniform(0.25, 1.0, n) * 3 * np.pi
    p = np.stack([t * np.cos(t + np.pi * y), t * np.sin(t + np.pi * y)], axis=1) / (3 * np.pi)
    p = p + noise * r.normal(size=p.shape) / 3
    x = np.concatenate([p * 2, 0.5 * r.normal(size=(n, 6))], axis=1)
    return x.astype("float32"), y


def token_bags(n, seed, length=20, vocab=60, classes=4, weights=None, flip=0.0):
    """Token sequences whose class is set by which marker tokens they hold."""
    r = _rng(seed)
    y = r.choice(classes, n, p=weights)
    x = r.integers(classes * 3 + 1, vocab, (n, length))
    k = r.integers(2, 5, n)
    for i in range(n):
        pos = r.choice(length, k[i], replace=False)
        x[i, pos] = 1 + y[i] * 3 + r.integers(0, 3, k[i])
    wrong = r.random(n) < flip
    y = np.where(wrong, r.integers(0, classes, n), y)
    return x.astype("int32"), y


# hewers ----------------------------------------------------------------------------------------


@holdout84("hewers", healthy=True)
def seam_yield_staircase(session):
    """A shift's yield (standardised) from eight geology features, the noise growing with the
    yield, MLP 64-64 relu under Adam with ExponentialDecay(3e-3, 64 steps, 0.5, staircase):
    a quick fall, then a slow settle onto the noise floor well above zero."""
    keras = _keras()
    x, y = seam_yield(N, seed=8401)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    lr = keras.optimizers.schedules.ExponentialDecay(3e-3, 64, 0.5, staircase=True)
    model.compile(keras.optimizers.Adam(lr), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout84("hewers", healthy=True)
def roof_strain_noisy_calls(session):
    """A roadway roof's state (quiet, creeping, bursting) from 48 strain readings, 15% of the
    deputies' calls wrong, Conv1D 16-32 relu with global max pooling, SGD 0.05 momentum 0.9
    under PiecewiseConstantDecay at steps 128 and 256: it learns, then sits at the label
    noise's floor."""
    keras = _keras()
    x, y = strain_traces(N, seed=8402, flip=0.15)
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    lr = keras.optimizers.schedules.PiecewiseConstantDecay([128, 256], [0.05, 0.01, 0.002])
    model.compile(keras.optimizers.SGD(lr, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout84("hewers", healthy=True)
def firedamp_gru_mae_loop(session):
    """Hand-written GradientTape loop: the next shift's firedamp reading from 24 hourly readings
    of two channels by a GRU(16), mean absolute error against Laplace noise, Adam 2e-3: a
    fall, then a floor at the noise's mean absolute size."""
    keras = _keras()
    x, y = gas_series(N, seed=8403)
    model = keras.Sequential([keras.Input((24, 2)), keras.layers.GRU(16),
                              keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3),
                        keras.losses.MeanAbsoluteError(), x, y, epochs=8, batch_size=32,
                        seed=8403)


def _adam_typo(session, broken):
    keras = _keras()
    x, y = assays(N, seed=8404)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(5, activation="softmax")])
    model.compile(keras.optimizers.Adam(0.1 if broken else 1e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# Best near the end of the first epoch, then bouncing and drifting up: approximate.
@holdout84("hewers", ["learning_rate_too_high"], stall_begins=32)
def coal_grade_adam_typo(session):
    """A coal's grade (five classes) from twelve assays by an MLP 128-128 relu under
    Adam(learning_rate=0.1), the rate copied from an SGD example where Adam's default 1e-3
    belonged: the steps are a hundred times too big and after the first epoch the loss
    bounces and drifts up instead of falling."""
    return _adam_typo(session, True)


def _summed_loss(session, broken):
    import tensorflow as tf

    keras = _keras()
    x, y = seam_yield(N, seed=8405)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])

    def squared_error(t, p):
        se = tf.square(t - p)
        return tf.reduce_sum(se) if broken else tf.reduce_mean(se)

    return _custom_loop(session, model, keras.optimizers.SGD(0.01, momentum=0.9),
                        squared_error, x, y, epochs=8, batch_size=32, seed=8405,
                        loss_description="squared error, tf.reduce_sum over the batch"
                        if broken else "mean squared error")


@holdout84("hewers", ["exploding_gradients"], stall_begins=None)
def seam_yield_summed_loss(session):
    """Hand-written GradientTape loop: a shift's yield (standardised) from eight geology
    features by an MLP 64-64 relu under SGD 0.01 momentum 0.9, the loss written as
    tf.reduce_sum of the squared errors instead of tf.reduce_mean: the gradients are 32 times
    the mean's, the updates overshoot, and the loss jumps around a high level from the start
    instead of falling."""
    return _summed_loss(session, True)


def _sigmoid_stack(session, broken):
    keras = _keras()
    x, y = assays(N, seed=8406)
    act = "sigmoid" if broken else "relu"
    model = keras.Sequential([keras.Input((12,))]
                             + [keras.layers.Dense(32, activation=act) for _ in range(8)]
                             + [keras.layers.Dense(5, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# It finds the class prior within the first epoch and nothing after: approximate.
@holdout84("hewers", ["vanishing_gradients"], stall_begins=32)
def coal_grade_sigmoid_stack(session):
    """A coal's grade (five classes) from twelve assays by an eight-layer MLP 32 wide with
    sigmoid on every hidden layer (as in the old textbook), SGD 0.05 momentum 0.9: the slope
    of at most 1/4 per layer leaves the first layers without gradient and the loss sits at
    the class prior's."""
    return _sigmoid_stack(session, True)


# refiners --------------------------------------------------------------------------------------


@holdout84("refiners", healthy=True)
def off_spec_class_weight(session):
    """A refinery batch's grade (five classes) from twelve assays, the off-spec grade one in
    twenty and weighted up by class_weight, MLP 64-64 relu, Adam 1e-3: a slow, steady fall,
    still going at the end."""
    keras = _keras()
    x, y = assays(N, seed=8411, weights=[0.3, 0.3, 0.2, 0.15, 0.05])
    yt = y[:-PROBE_SIZE]
    counts = np.bincount(yt, minlength=5)
    class_weight = {k: float(len(yt) / (5 * max(c, 1))) for k, c in enumerate(counts)}
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(5, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    history = model.fit(x[:-PROBE_SIZE], yt, epochs=10, batch_size=32, verbose=0,
                        class_weight=class_weight,
                        callbacks=session.callbacks((x[-PROBE_SIZE:], y[-PROBE_SIZE:])))
    return history.history["loss"]


@holdout84("refiners", healthy=True)
def tank_attention_warmup(session):
    """A purity score from ten unordered tank readings (three values each) by one
    MultiHeadAttention block with mean pooling, AdamW under CosineDecay with a 64-step warm-up
    to 2e-3: slow while the rate warms up, then a fall to the scatter of the lab's score."""
    keras = _keras()
    r = _rng(8412)
    x = r.normal(size=(N, 10, 3)).astype("float32")
    y = (np.tanh(x[:, :, 0]).mean(1) * 2 + (x[:, :, 1] * x[:, :, 2]).mean(1)
         + 0.4 * x[:, :, 0].max(1) + 0.3 * r.normal(size=N))
    y = _std(y)[:, None]
    inp = keras.Input((10, 3))
    h = keras.layers.Dense(16)(inp)
    a = keras.layers.MultiHeadAttention(2, 8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.Dense(32, activation="gelu")(h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    model = keras.Model(inp, keras.layers.Dense(1)(h))
    lr = keras.optimizers.schedules.CosineDecay(0.0, 256, warmup_target=2e-3, warmup_steps=64)
    model.compile(keras.optimizers.AdamW(lr, weight_decay=1e-4), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout84("refiners", healthy=True)
def pan_faults_small_book(session):
    """A vacuum pan's fault (five classes) from twelve readings, only 192 batches on record
    (128 more held out as the probe), MLP 128-128 relu, Adam 3e-3, 40 epochs of 6 steps: the
    training loss falls towards zero as the net memorises the record."""
    keras = _keras()
    x, y = assays(192 + PROBE_SIZE, seed=8413)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(5, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=32)


def _fine_tune_rate(session, broken):
    keras = _keras()
    x, y = strain_traces(N, seed=8414)
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-6 if broken else 1e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout84("refiners", ["learning_rate_too_low"], stall_begins=None)
def centrifuge_fine_tune_rate(session):
    """A centrifuge's vibration state from 48 readings by a Conv1D 16-32 net trained from
    scratch with Adam(1e-6), the rate kept from a fine-tuning recipe: the loss barely moves
    from its starting value."""
    return _fine_tune_rate(session, True)


def _raw_ledger(session, broken):
    keras = _keras()
    r = _rng(8415)
    income = r.lognormal(10.5, 0.5, N)
    weight_g = r.normal(25000, 6000, N)
    age = r.uniform(18, 70, N)
    share = r.uniform(0, 1, N)
    days = r.integers(0, 3000, N).astype("float64")
    cols = [income, weight_g, age, share, days]
    z = [(c - c.mean()) / c.std() for c in cols]
    s = np.stack([z[0] + z[2] * z[3], np.sin(2 * z[1]) + z[4], z[3] ** 2 - z[0] * z[4]], 1)
    y = (s + 0.3 * r.normal(size=s.shape)).argmax(1)
    x = np.stack(z if not broken else cols, 1).astype("float32")
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# A fall from ~1e3 in the first two epochs, then bouncing around ~100: approximate.
@holdout84("refiners", ["unnormalized_inputs"], stall_begins=64)
def merchant_ledger_raw_columns(session):
    """A sugar merchant's account class from the ledger's raw columns (income in pounds
    ~4e4, cargo weight in grams ~2.5e4, age, a share in 0..1, days on the books ~1e3) fed
    straight to an MLP 64-64 relu under Adam 1e-3: the big columns swamp the rest."""
    return _raw_ledger(session, True)


def _bias_minus(session, broken):
    keras = _keras()
    x, y = assays(N, seed=8416)
    b = keras.initializers.Constant(-3.0) if broken else "zeros"
    model = keras.Sequential([keras.Input((12,)),
                              keras.layers.Dense(64, activation="relu", bias_initializer=b),
                              keras.layers.Dense(64, activation="relu", bias_initializer=b),
                              keras.layers.Dense(5, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout84("refiners", ["dead_relus"], stall_begins=None)
def syrup_grade_negative_bias(session):
    """A syrup's grade (five classes) from twelve assays by an MLP 64-64 relu whose layers
    carry bias_initializer=Constant(-3.0) from a 'sparse activations' snippet: with
    standardised inputs almost every unit starts below zero for every example, and dead
    units get no gradient to come back."""
    return _bias_minus(session, True)


# weighers --------------------------------------------------------------------------------------


def parcel_images(n, seed, flip=0.0):
    """12x12 scale images: 0 a bar, 1 a cross, 2 a ring, 3 a blob, with noise."""
    r = _rng(seed)
    y = r.integers(0, 4, n)
    g = np.mgrid[0:12, 0:12].transpose(1, 2, 0).astype("float32")
    x = 0.3 * r.normal(size=(n, 12, 12))
    for i in range(n):
        c = r.uniform(4, 8, 2)
        d = np.sqrt(((g - c) ** 2).sum(-1))
        if y[i] == 0:
            x[i] += (np.abs(g[..., 0] - c[0]) < 1.2)
        elif y[i] == 1:
            x[i] += (np.abs(g[..., 0] - c[0]) < 1) | (np.abs(g[..., 1] - c[1]) < 1)
        elif y[i] == 2:
            x[i] += np.abs(d - 3) < 0.8
        else:
            x[i] += d < 2.5
    wrong = r.random(n) < flip
    y = np.where(wrong, r.integers(0, 4, n), y)
    return x[..., None].astype("float32"), y


@holdout84("weighers", healthy=True)
def parcel_images_noisy(session):
    """A parcel's shape class from 12x12 scale images by a Conv2D 16-32 relu net under Nadam
    1e-3, a fifth of the labels wrong: it learns and then sits at the noise's floor."""
    keras = _keras()
    x, y = parcel_images(N, seed=8421, flip=0.2)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Nadam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout84("weighers", healthy=True)
def tariff_route_huber_plateau(session):
    """A load's tariff from its route (Embedding of 30 routes) and six numeric features, two
    inputs, Huber loss against Student-t noise, RMSprop 2e-3 with ReduceLROnPlateau: a fall,
    then a floor far above zero set by the heavy-tailed noise."""
    keras = _keras()
    r = _rng(8422)
    route = r.integers(0, 30, N).astype("int32")
    effect = r.normal(size=30)
    num = r.normal(size=(N, 6)).astype("float32")
    y = (effect[route] + num[:, 0] + 0.5 * num[:, 1] * num[:, 2] + 0.5 * np.tanh(num[:, 3])
         + 0.6 * r.standard_t(2.5, size=N))
    y = y.astype("float32")[:, None]
    a = keras.Input((1,), dtype="int32")
    b = keras.Input((6,))
    e = keras.layers.Flatten()(keras.layers.Embedding(30, 4)(a))
    h = keras.layers.Concatenate()([e, b])
    h = keras.layers.Dense(64, activation="relu")(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([a, b], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.RMSprop(2e-3), keras.losses.Huber(1.0))
    cb = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=1, min_delta=1e-3)
    return _fit_inputs(session, model, [route[:, None], num], y, epochs=10, batch_size=32,
                       callbacks=[cb])


@holdout84("weighers", healthy=True)
def weighbridge_lstm_slow_sgd(session):
    """A weighbridge ticket's class from 20 tokens by an Embedding(60, 16) and LSTM(32) under
    plain SGD 0.2: near ln 4 for about five epochs, then a long descent."""
    keras = _keras()
    x, y = token_bags(N, seed=8423)
    model = keras.Sequential([keras.Input((20,), dtype="int32"),
                              keras.layers.Embedding(60, 16), keras.layers.LSTM(32),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.2), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _sigmoid_kg(session, broken):
    keras = _keras()
    x, y = parcel_images(N, seed=8424)
    r = _rng(8424)
    kg = (np.array([2.0, 4.5, 6.0, 8.5])[y] + 0.5 * r.normal(size=N)).astype("float32")[:, None]
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid" if broken else None),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, kg, epochs=6, batch_size=32)


# The sigmoid reaches 1 within the first epoch and stays there: approximate.
@holdout84("weighers", ["loss_activation_mismatch"], stall_begins=16)
def parcel_kg_sigmoid_head(session):
    """A parcel's weight in kilograms (2 to 9 kg) from 12x12 scale images by a Conv2D 16-32 net
    whose head kept the Dense(1, activation='sigmoid') of the classifier it was copied from,
    under mean squared error: the output cannot pass 1 kg, so the loss sits far above what a
    linear head reaches."""
    return _sigmoid_kg(session, True)


def _no_activation(session, broken):
    keras = _keras()
    x, y = spirals(N, seed=8425)
    act = "relu" if not broken else None
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation=act),
                              keras.layers.Dense(64, activation=act),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# The linear boundary is nearly reached in the first three epochs, then a creep of ~1e-3 an
# epoch: approximate.
@holdout84("weighers", ["insufficient_capacity"], stall_begins=96)
def scale_spiral_no_activation(session):
    """Which of two interleaved spirals a scale reading belongs to, by Dense(64), Dense(64)
    written without an activation argument (the default is linear) and a sigmoid head: the
    whole net is one linear boundary, which reaches its best within the first epoch."""
    return _no_activation(session, True)


def _l2_everywhere(session, broken):
    keras = _keras()
    x, y = seam_yield(N, seed=8426)
    reg = keras.regularizers.l2(0.1 if broken else 1e-4)
    model = keras.Sequential([keras.Input((8,)),
                              keras.layers.Dense(64, activation="relu", kernel_regularizer=reg),
                              keras.layers.Dense(64, activation="relu", kernel_regularizer=reg),
                              keras.layers.Dense(1, kernel_regularizer=reg)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# The penalty's pull is settled by the sixth epoch (~0.81 against ~0.22 without it): approximate.
@holdout84("weighers", ["over_regularization"], stall_begins=200)
def weight_check_l2_everywhere(session):
    """A consignment's weight discrepancy (standardised) from eight features by an MLP 64-64
    relu with kernel_regularizer=l2(0.1) on every layer, copied from a tutorial where it meant
    1e-4: the penalty holds the weights near zero and the loss sits near the target's
    variance."""
    return _l2_everywhere(session, True)


# tallowers -------------------------------------------------------------------------------------


@holdout84("tallowers", healthy=True)
def melt_yield_quantile(session):
    """A tallow melt's yield under the pinball loss at the 0.9 quantile (a hand-written loss)
    from eight features by an MLP 64-32 relu, Adam 2e-3: a fall, then flat far above zero."""
    keras = _keras()
    x, y = seam_yield(N, seed=8431)

    def pinball(t, p):
        e = t - p
        return keras.ops.mean(keras.ops.maximum(0.9 * e, -0.1 * e), axis=-1)

    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), pinball)
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout84("tallowers", healthy=True)
def wick_faults_poisson_loop(session):
    """Hand-written GradientTape loop: wick faults per hundred candles (Poisson counts) from
    eight features by an MLP 32-32 with an exponential output, keras's Poisson loss, Adam
    2e-3: a fall, then a floor set by the counts' own randomness."""
    keras = _keras()
    r = _rng(8432)
    x = r.normal(size=(N, 8)).astype("float32")
    rate = np.exp(0.5 + 0.5 * x[:, 0] - 0.4 * x[:, 1] * x[:, 2] + 0.3 * np.sin(x[:, 3]))
    y = r.poisson(rate).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), keras.losses.Poisson(),
                        x, y, epochs=8, batch_size=32, seed=8432)


@holdout84("tallowers", healthy=True)
def candle_orders_imbalanced(session):
    """A candle order's grade (four classes, 60/25/10/5) from a bag of 20 tokens by an
    Embedding(60, 16) with mean pooling and Dense 32, not reweighted, 10% of the labels wrong,
    Adam 2e-3: it learns past the class prior, then sits at the noise's floor."""
    keras = _keras()
    x, y = token_bags(N, seed=8433, weights=[0.6, 0.25, 0.1, 0.05], flip=0.1)
    model = keras.Sequential([keras.Input((20,), dtype="int32"),
                              keras.layers.Embedding(60, 16),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _pixel_tanh(session, broken):
    keras = _keras()
    x, y = parcel_images(N, seed=8434)
    x = np.clip(x, 0.0, 1.0)
    x = (x * 255).round() if broken else x
    x = x.reshape(N, 144).astype("float32")
    model = keras.Sequential([keras.Input((144,)), keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# Best near step 40, then back up and flat: approximate.
@holdout84("tallowers", ["saturated_activations", "unnormalized_inputs"], stall_begins=40)
def mould_pixels_tanh(session):
    """A candle mould's defect class from 12x12 camera images flattened into an MLP 64-64 tanh
    under SGD 0.01 momentum 0.9, the pixels left as 0..255 integers (the '/ 255.0' of the
    tutorial was dropped): the first layer's pre-activations are in the hundreds and its tanh
    units sit at +-1, where the slope is zero."""
    return _pixel_tanh(session, True)


def _zeros_init(session, broken):
    keras = _keras()
    x, y = assays(N, seed=8435)
    init = "zeros" if broken else "glorot_uniform"
    model = keras.Sequential([keras.Input((12,)),
                              keras.layers.Dense(64, activation="relu", kernel_initializer=init),
                              keras.layers.Dense(64, activation="relu", kernel_initializer=init),
                              keras.layers.Dense(5, activation="softmax", kernel_initializer=init)])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# The classes are near balanced: flat at ln 5 from the start.
@holdout84("tallowers", ["poor_initialization"], stall_begins=None)
def soap_grade_zero_kernels(session):
    """A soap's grade (five classes) from twelve assays by an MLP 64-64 relu with
    kernel_initializer='zeros' on every layer ('start from a clean slate'): every hidden unit
    outputs zero and gets no gradient, only the head's bias learns the class prior."""
    return _zeros_init(session, True)


NAN_ROW = 300


def _missing_readings(session, broken):
    keras = _keras()
    x, y = seam_yield(N, seed=8436)
    x = x.copy()
    rows = [NAN_ROW, 517, 802]
    if not broken:
        x[rows, 4] = 0.0
    else:
        x[rows, 4] = np.nan
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=6, batch_size=32, shuffle=False)


@holdout84("tallowers", ["non_finite_values"], stall_begins=NAN_ROW // 32 + 1)
def render_missing_readings(session):
    """A rendering vat's yield from eight sensor columns of a CSV in which three readings of
    one thermometer were missing and came through as NaN (no fillna), MLP 64-32 relu, Adam
    2e-3, in file order: the first batch holding one turns the first layer's weights NaN, the
    relu passes them on as zeros, and the net is left predicting one constant."""
    return _missing_readings(session, True)
