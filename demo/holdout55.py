"""The fifty-fifth held-out catalogue: written by someone who did not read the engine or run the
diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History, and the per-step loss where a step was needed, in a throwaway script with
the runner's seed), and every broken one against the same model trained without its mistake
(each broken function takes `fixed=False`; `fixed=True` trains the repaired model).

Half of it is healthy-but-imperfect training. Feltmakers: a felt batt's density from ten fleece
and fulling measurements with scatter growing with the rolling time, an MLP under Adam (a quick
fall, then the noise floor); a felt roller's fault from 48 force readings by a Conv1D net under
RMSprop, a fifth of the foreman's calls wrong; the batt's density in a hand-written GradientTape
loop under Huber loss against Student-t scatter. Mapmakers: engraved chart patches by a small
CNN, the blank-sea class eight times as common and class_weight set to balance; a map label's
feature class from 16 tokens by Embedding and a MultiHeadAttention block, 15% of the classes
wrong; a survey sheet's error from two inputs (an MLP branch and a Conv1D branch) under SGD
with momentum and ReduceLROnPlateau (a cut late in the run, then a further step down).
Typefounders: damaged sorts per case (Poisson counts) by an exponential-output MLP under keras's
Poisson loss; a matrix's wear at the 0.1 quantile under the pinball loss; a punchcutter's rating
of only 256 punches by an MLP 128-128 that memorises them over 50 short epochs (with one Adam
spike that it recovers from). Luthiers: a string's sustain rating from its envelope by a Conv1D
net under AdamW with a warm-up and cosine decay; the same by an LSTM under plain SGD, a long slow
descent still going at the end; a violin top's grade from tap tones by a GRU under Adam with a
PiecewiseConstantDecay staircase, 15% of the grades wrong.

The broken half, one root cause each: kernel_constraint=NonNeg() copied from a monotone model
onto an MLP whose inputs are logs of blend fractions (all negative), so after the first update
no first-layer ReLU can fire (dead ReLUs); a roller's force traces fed to a GRU as the logger's
raw 12-bit ADC counts, around 2048, instead of the scaled readings (unnormalised inputs: it sits
at chance, ln 3, while the scaled run learns); tanh layers with bias_initializer=Constant(4) 'to start
them in the positive range', under SGD (saturated activations); a sigmoid head kept from a
classifier on a standardised regression target under MSE (loss/activation mismatch); Dense
layers written without activation=, so the MLP is one linear map on a nonlinear target
(insufficient capacity); embeddings_regularizer='l1' and kernel_regularizer='l1' taken for 'a
touch' (the string means 0.01), holding the embeddings at zero (over-regularisation);
RandomNormal(0.5) meant as stddev 0.5 but read as the mean, on a tanh MLP (poor initialisation);
the linear scaling rule for SGD's rate applied twice, about 5e-5 without momentum (learning rate
too low); glyph counts divided by each page's own total with a few blank pages, 0/0 = NaN, in an
unshuffled fit (non-finite values, from the first blank page's batch); eight Conv1D layers with
activation='sigmoid' copied from a gate, under Adam (vanishing gradients); a SimpleRNN with
activation='relu' over 48 steps under SGD with momentum and clipnorm (exploding gradients: a
spike to ~37 nats, then it bounces near chance while the tanh RNN learns); SGD(learning_rate=5e0),
a typo for 5e-2 (learning rate too high).

Dropped or replaced because they did not behave as intended: a density regressed from
measurements in their sheet's units (fibre diameter in metres beside soap in ppm under Adam,
then the same under the largest SGD rate that did not give NaN, then tiny-unit relevant columns
beside huge irrelevant ones under Adam) kept falling from its huge first loss in all three
forms (the ADC-count GRU replaced it); NonNeg with fractions drawn uniformly (some
ReLUs came back after four epochs; Dirichlet blend fractions kept); BatchNormalization with
gamma_initializer=Constant(25) before tanh (it trained better than gamma 1; the bias-4 tanh
kept); a linear head under binary cross-entropy with from_logits left False (it trained) and a
one-unit softmax head under binary cross-entropy (Keras recovers the logits, it trained); the
sigmoid conv stack under SGD with momentum (the relu fix could not train either; Adam kept);
RandomNormal(0.5) on a relu MLP (the loss fell steadily from ~1e7; tanh kept); the doubled
scaling rule with momentum 0.9 (still falling steadily); twelve and twenty residual blocks
without their normalisation under clipped SGD (both recovered, ~0.3 against ~0.2; the relu RNN
kept); a LearningRateScheduler whose exponential decay lost its minus sign (the loss fell and
then blew up in the last epochs, a divergence rather than a stall, and its fix decayed too
fast to be a fair comparison); Adam with an SGD recipe's rate 0.1 on the GRU (it trained better
than Adam 2e-3).

With the runner's seed, `fit` visits the examples in the same order every epoch. Labels follow
`scenarios.py`: `expected_causes[0]` is the root cause the scenario was built around (no second
cause was added: none was measured); `stall_begins` is the optimizer step from which the loss
stops improving (None: from the start), exact where an event of the scenario causes it (the
first blank page, row 701 of the unshuffled file, in step 21), otherwise read off the epoch
losses and marked approximate (the sigmoid head from about step 96, the RandomNormal(0.5) tanh
MLP from about step 120, the 5e0 typo from about step 192)."""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("feltmakers", "mapmakers", "typefounders", "luthiers")

REGISTRY = []

holdout55 = registrar(REGISTRY)

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
                        shuffle=True, verbose=0, class_weight=class_weight,
                        callbacks=session.callbacks((x[-PROBE_SIZE:], y[-PROBE_SIZE:])))
    return history.history["loss"]


# data ------------------------------------------------------------------------------------------


def fleece_batches(n, seed, noise=0.3, hetero=0.0, tail=None):
    """A felt batt's density (standardised) from ten fleece and fulling measurements (fibre
    diameter, crimp, lanolin, water temperature, soap, rolling minutes, ...): a smooth nonlinear
    mixture plus the fuller's scatter, optionally growing with the fulling time
    (`hetero`) or Student-t (`tail` dof)."""
    r = _rng(seed)
    x = r.normal(size=(n, 10)).astype("float32")
    mean = (np.tanh(1.5 * x[:, 0]) + 0.6 * x[:, 1] * x[:, 2] + 0.5 * np.sin(2 * x[:, 3])
            - 0.4 * np.abs(x[:, 4]) + 0.3 * x[:, 5])
    scale = noise * (1.0 + hetero * np.abs(x[:, 5]))
    e = r.standard_t(tail, size=n) if tail else r.normal(size=n)
    return x, _std(mean + scale * e)[:, None]


def rolling_traces(n, seed, length=48, flip=0.0, classes=3):
    """Force traces of a felt roller over 48 readings, three classes: 0 even felting, 1 a slipping
    belt (a slow sawtooth), 2 a lump (one sharp bump); a fraction `flip` of labels wrong."""
    r = _rng(seed)
    y = r.integers(0, classes, n)
    t = np.linspace(0, 1, length)
    x = np.empty((n, length, 1), dtype="float32")
    for k in range(n):
        base = 0.3 * np.sin(2 * np.pi * (t * r.uniform(1, 2) + r.uniform()))
        if y[k] == 1:
            base = base + 0.8 * ((t * r.uniform(3, 5) + r.uniform()) % 1.0)
        elif y[k] == 2:
            c = r.uniform(0.15, 0.85)
            base = base + 1.2 * np.exp(-0.5 * ((t - c) / 0.03) ** 2)
        x[k, :, 0] = base + 0.25 * r.normal(size=length)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, classes, n)) % classes, y)
    return x, y


def chart_tiles(n, seed, size=12, flip=0.0, weights=None):
    """12 x 12 patches of an engraved chart, four classes (contour line, hachures, coastline
    stipple, blank sea) with paper noise; `weights` skews the class mix, `flip` mislabels."""
    r = _rng(seed)
    p = np.asarray(weights if weights is not None else [1, 1, 1, 1], dtype=float)
    y = r.choice(4, n, p=p / p.sum())
    i, j = np.mgrid[0:size, 0:size]
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        o = r.integers(0, 4)
        if y[k] == 0:
            t = np.abs(i - (size / 2 + 2.5 * np.sin((j + o) / 2.0))) < 1
        elif y[k] == 1:
            t = ((j + o) % 3 == 0) & (i > 3) & (i < 9)
        elif y[k] == 2:
            t = ((i + j + o) % 2 == 0) & ((i * 7 + j * 3 + o) % 5 == 0)
        else:
            t = np.zeros((size, size), bool)
        x[k, :, :, 0] = t.astype(float) + 0.3 * r.normal(size=(size, size))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 4, n)) % 4, y)
    return x, y


def place_names(n, seed, length=16, vocab=60, flip=0.0):
    """A map label's 16 tokens (vocabulary 60); the feature class (river, town, hill, sea)
    is set by which of four marker-token groups occurs most; the rest is filler."""
    r = _rng(seed)
    y = r.integers(0, 4, n)
    x = r.integers(20, vocab, size=(n, length))
    for k in range(n):
        pos = r.choice(length, 4, replace=False)
        x[k, pos[:3]] = 1 + 5 * y[k] + r.integers(0, 5, 3)
        x[k, pos[3]] = 1 + 5 * r.integers(0, 4) + r.integers(0, 5)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 4, n)) % 4, y)
    return x.astype("int32"), y


def sort_counts(n, seed):
    """Damaged sorts per case of type (Poisson counts) from six foundry features: the rate
    is exp of a smooth function of alloy, casting temperature and age."""
    r = _rng(seed)
    x = r.normal(size=(n, 6)).astype("float32")
    rate = np.exp(0.6 + 0.5 * x[:, 0] - 0.4 * x[:, 1] ** 2 / 2 + 0.3 * np.sin(2 * x[:, 2]))
    return x, r.poisson(rate).astype("float32")[:, None]


def string_decay(n, seed, length=32):
    """32 readings of a plucked string's envelope (two channels); the target is its sustain
    rating (standardised): the decay rate of the first channel plus the beat depth of the
    second, with the listener's scatter."""
    r = _rng(seed)
    t = np.linspace(0, 1, length)
    d = r.uniform(1, 5, n)
    b = r.uniform(0, 1, n)
    x = np.empty((n, length, 2), dtype="float32")
    x[:, :, 0] = np.exp(-d[:, None] * t) + 0.1 * r.normal(size=(n, length))
    x[:, :, 1] = 1 + b[:, None] * np.cos(2 * np.pi * 4 * t + r.uniform(0, 6, (n, 1))) + 0.1 * r.normal(size=(n, length))
    y = -d + 2.0 * b + 0.4 * r.normal(size=n)
    return x, _std(y)[:, None]


# feltmakers ------------------------------------------------------------------------------------


@holdout55("feltmakers", healthy=True)
def batt_density_heteroscedastic(session):
    """A felt batt's density (standardised) from ten fleece and fulling measurements, the
    fuller's scatter growing with the rolling time (heteroscedastic), MLP 64-32 relu, Adam
    2e-3, 14 epochs of batch 32: it falls quickly and then sits near the noise floor, far
    above zero."""
    keras = _keras()
    x, y = fleece_batches(N, 5501, noise=0.45, hetero=1.0)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.Adam(2e-3), loss="mse")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout55("feltmakers", healthy=True)
def roller_traces_mislabelled(session):
    """A felt roller's fault (even, slipping belt, lump) from 48 force readings, a fifth of the
    foreman's calls wrong, Conv1D 16-32 relu with global max pooling, RMSprop 1e-3, 12 epochs
    of batch 32: it learns the three traces and levels off high, at the label noise."""
    keras = _keras()
    x, y = rolling_traces(N, 5502, flip=0.2)
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(optimizer=keras.optimizers.RMSprop(1e-3), loss="sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout55("feltmakers", healthy=True)
def batt_density_huber_loop(session):
    """Hand-written GradientTape loop: the batt's density from the ten measurements with
    Student-t (3 dof) scatter, MLP 48-48 tanh, Huber loss (delta 1), Adam 1e-3 over 12 epochs
    of batch 32: a steady fall to a floor well above zero set by the heavy-tailed noise."""
    keras = _keras()
    x, y = fleece_batches(N, 5503, noise=0.4, tail=3)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(48, activation="tanh"),
                              keras.layers.Dense(48, activation="tanh"), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(1e-3), keras.losses.Huber(1.0), x, y,
                        epochs=12, batch_size=32, seed=5503, loss_description="huber")


# mapmakers -------------------------------------------------------------------------------------


@holdout55("mapmakers", healthy=True)
def chart_tiles_imbalanced_weighted(session):
    """Engraved chart patches (contour, hachures, stipple, blank sea), blank sea eight times as
    common as each other class and class_weight set to balance them, CNN 8-16 relu with max
    pooling, Adam 1e-3, 10 epochs of batch 32: a slow first epoch, then a steady fall."""
    keras = _keras()
    x, y = chart_tiles(N, 5504, weights=[1, 1, 1, 8])
    counts = np.bincount(y[:-PROBE_SIZE], minlength=4)
    weight = {c: float(len(y[:-PROBE_SIZE]) / (4 * counts[c])) for c in range(4)}
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy")
    return _fit_weighted(session, model, x, y, epochs=10, batch_size=32, class_weight=weight)


@holdout55("mapmakers", healthy=True)
def place_names_attention(session):
    """A map label's feature class (river, town, hill, sea) from 16 tokens, 15% of the
    engraver's classes wrong, Embedding(60, 16) and a two-head MultiHeadAttention block with
    mean pooling, Adam 2e-3, 10 epochs of batch 32: it levels off above zero at the label
    noise."""
    keras = _keras()
    x, y = place_names(N, 5505, flip=0.15)
    inp = keras.Input((16,), dtype="int32")
    h = keras.layers.Embedding(60, 16)(inp)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(4, activation="softmax")(h))
    model.compile(optimizer=keras.optimizers.Adam(2e-3), loss="sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout55("mapmakers", healthy=True)
def survey_two_inputs_plateau_schedule(session):
    """A survey sheet's error (standardised) from ten instrument readings plus a sheet's
    48-reading traverse trace, two inputs (MLP branch and Conv1D branch), Student-t noise,
    SGD 0.05 with momentum 0.9 and ReduceLROnPlateau(factor 0.3, patience 1) on the training
    loss, 16 epochs of batch 32: it settles, the rate is cut, and it steps down a little."""
    keras = _keras()
    xa, y = fleece_batches(N, 5506, noise=0.5, tail=4)
    xb, yb = rolling_traces(N, 5507)
    y = _std(y[:, 0] + 0.7 * (yb == 2))[:, None]
    a_in = keras.Input((10,))
    b_in = keras.Input((48, 1))
    a = keras.layers.Dense(32, activation="relu")(a_in)
    b = keras.layers.Conv1D(8, 5, activation="relu", padding="same")(b_in)
    b = keras.layers.GlobalMaxPooling1D()(b)
    h = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([a, b]))
    model = keras.Model([a_in, b_in], keras.layers.Dense(1)(h))
    model.compile(optimizer=keras.optimizers.SGD(0.05, momentum=0.9), loss="mse")
    cb = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.3, patience=1, min_delta=0.01)
    return _fit_inputs(session, model, [xa, xb], y, epochs=16, batch_size=32, callbacks=[cb])


# typefounders ----------------------------------------------------------------------------------


@holdout55("typefounders", healthy=True)
def damaged_sorts_poisson(session):
    """Damaged sorts per case (Poisson counts) from six foundry features, MLP 32-32 relu with an
    exponential output, keras's Poisson loss, Adam 2e-3, 12 epochs of batch 32: it falls
    quickly and flattens at the counts' own randomness (keras's Poisson loss leaves out
    log y!, so its floor is not zero)."""
    keras = _keras()
    x, y = sort_counts(N, 5508)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    model.compile(optimizer=keras.optimizers.Adam(2e-3), loss="poisson")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _pinball(q):
    import tensorflow as tf

    def loss(y_true, y_pred):
        e = y_true - y_pred
        return tf.reduce_mean(tf.maximum(q * e, (q - 1.0) * e), axis=-1)

    return loss


@holdout55("typefounders", healthy=True)
def matrix_wear_quantile(session):
    """A matrix's wear (standardised) from ten measurements with heteroscedastic scatter,
    predicted at the 0.1 quantile by a pinball loss, MLP 32-32 relu, Adam 1e-3, 12 epochs of
    batch 32: the loss falls and flattens well above zero, as a quantile loss must."""
    keras = _keras()
    x, y = fleece_batches(N, 5509, noise=0.6, hetero=0.8)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss=_pinball(0.1))
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout55("typefounders", healthy=True)
def punch_ratings_small_data(session):
    """A punchcutter's rating (standardised) of only 256 punches from ten measurements, MLP
    128-128 relu, Adam 2e-3, 50 epochs of batch 32 (8 steps an epoch): it memorises the book;
    near the end of the first half one Adam spike lifts the loss for a few epochs, and it falls
    back below its earlier best, still creeping down at the end."""
    keras = _keras()
    x, y = fleece_batches(256 + PROBE_SIZE, 5510, noise=0.5)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.Adam(2e-3), loss="mse")
    return _fit(session, model, x, y, epochs=50, batch_size=32)


# luthiers --------------------------------------------------------------------------------------


@holdout55("luthiers", healthy=True)
def string_sustain_warmup_cosine(session):
    """A string's sustain rating (standardised) from 32 envelope readings of two channels,
    Conv1D 16-16 relu with global average pooling, AdamW under a 64-step warm-up to 3e-3 and a
    cosine decay over 384 steps, 12 epochs of batch 32: flat during the warm-up, then a fall
    to the listener's scatter."""
    keras = _keras()
    x, y = string_decay(N, 5511)
    sched = keras.optimizers.schedules.CosineDecay(0.0, 384, warmup_target=3e-3, warmup_steps=64)
    model = keras.Sequential([
        keras.Input((32, 2)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(optimizer=keras.optimizers.AdamW(sched, weight_decay=1e-4), loss="mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout55("luthiers", healthy=True)
def string_sustain_lstm_slow(session):
    """The sustain rating from the 32 envelope readings by an LSTM(16) under plain SGD 0.05
    (no momentum), 16 epochs of batch 32: a long slow descent still improving at the end."""
    keras = _keras()
    x, y = string_decay(N, 5512)
    model = keras.Sequential([keras.Input((32, 2)), keras.layers.LSTM(16), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(0.05), loss="mse")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


@holdout55("luthiers", healthy=True)
def top_tap_tones_step_decay(session):
    """A violin top's grade (three classes) from 48 tap-tone readings with 15% of the grades
    wrong, a GRU(24), Adam under PiecewiseConstantDecay (3e-3, then 1e-3 after step 192,
    3e-4 after step 320), 12 epochs of batch 32: it falls, steps down at the first cut and
    levels off at the label noise."""
    keras = _keras()
    x, y = rolling_traces(N, 5513, flip=0.15)
    sched = keras.optimizers.schedules.PiecewiseConstantDecay([192, 320], [3e-3, 1e-3, 3e-4])
    model = keras.Sequential([keras.Input((48, 1)), keras.layers.GRU(24),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(sched), loss="sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# broken runs -----------------------------------------------------------------------------------


def fibre_fractions(n, seed):
    """Eight fibre fractions of a fleece blend (merino, alpaca, mohair, ... each in (0, 1]),
    given as their natural logs (all negative, the way the blend sheet exports them); the
    felt's shrinkage (standardised) depends nonlinearly on them."""
    r = _rng(seed)
    f = np.maximum(r.dirichlet(np.ones(8), size=n), 1e-3)
    x = np.log(f).astype("float32")
    y = np.tanh(6 * (f[:, 0] - f[:, 1])) + 8 * f[:, 2] * f[:, 3] - 3 * (f[:, 4] - 0.2) ** 2 \
        + np.sqrt(f[:, 5]) + 0.05 * r.normal(size=n)
    return x, _std(y)[:, None]


@holdout55("feltmakers", ["dead_relus"], stall_begins=None)
def shrinkage_monotone_nonneg(session, fixed=False):
    """A felt's shrinkage from the logs of eight fibre fractions (all negative), MLP 64-64 relu
    with kernel_constraint=NonNeg() copied from a monotone pricing model, Adam 1e-3, 10 epochs
    of batch 32: after the first update every kernel is non-negative, so every first-layer
    unit sees a non-positive sum of negative inputs and is zero from then on."""
    keras = _keras()
    x, y = fibre_fractions(N, 5521)
    kw = {} if fixed else {"kernel_constraint": keras.constraints.NonNeg()}
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu", **kw),
                              keras.layers.Dense(64, activation="relu", **kw), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout55("feltmakers", ["unnormalized_inputs"], stall_begins=None)
def roller_traces_adc_counts(session, fixed=False):
    """The roller's fault from 48 force readings fed to a GRU(24) as the logger's raw 12-bit
    ADC counts (mid-scale 2048, about 400 counts per unit of force) instead of the scaled
    readings, Adam 2e-3, 8 epochs of batch 32: the GRU's gates see inputs in the thousands
    (the fix feeds the scaled readings)."""
    keras = _keras()
    x, y = rolling_traces(N, 5522)
    if not fixed:
        x = (x * 400 + 2048).astype("float32")
    model = keras.Sequential([keras.Input((48, 1)), keras.layers.GRU(24),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(2e-3), loss="sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout55("feltmakers", ["saturated_activations"], stall_begins=None)
def roller_traces_biased_tanh(session, fixed=False):
    """The roller's fault from 48 force readings, flattened, MLP 64-64 tanh with
    bias_initializer=Constant(4) 'to start the units in the positive range', SGD 0.01, 10
    epochs of batch 32: nearly every tanh unit sits at +1 from the first batch, with a
    derivative near 1e-3 (the fix: zero biases)."""
    keras = _keras()
    x, y = rolling_traces(N, 5523)
    bias = "zeros" if fixed else keras.initializers.Constant(4.0)
    layers = [keras.Input((48, 1)), keras.layers.Flatten()]
    for _ in range(2):
        layers.append(keras.layers.Dense(64, activation="tanh", bias_initializer=bias))
    layers.append(keras.layers.Dense(3, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(optimizer=keras.optimizers.SGD(0.01), loss="sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout55("mapmakers", ["loss_activation_mismatch"], stall_begins=96)
def shore_survey_sigmoid_head(session, fixed=False):
    """A shoreline survey's drift (standardised, so half of it negative) from 32 readings of two
    tide-gauge channels, Conv1D 16-16 relu with global average pooling, the Dense(1,
    activation='sigmoid') head kept from the same file's classifier, mean squared error, Adam
    2e-3, 10 epochs of batch 32: the head cannot go below 0 or above 1, so it fits the
    positive part and stays high (the fix: a linear head)."""
    keras = _keras()
    x, y = string_decay(N, 5524)
    model = keras.Sequential([
        keras.Input((32, 2)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1, activation=None if fixed else "sigmoid"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(2e-3), loss="mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout55("mapmakers", ["insufficient_capacity"], stall_begins=None)
def projection_error_no_activation(session, fixed=False):
    """A chart's projection error (standardised) from ten survey readings that bend it
    nonlinearly, MLP 64-64-64 whose Dense layers were written without activation= (Keras's
    default is linear), Adam 1e-3, 10 epochs of batch 32: the stack is one linear map and
    settles at the linear fit."""
    keras = _keras()
    x, y = fleece_batches(N, 5525, noise=0.15)
    act = "relu" if fixed else None
    model = keras.Sequential([keras.Input((10,))] + [keras.layers.Dense(64, activation=act)
                                                     for _ in range(3)] + [keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.Adam(3e-3), loss="mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout55("mapmakers", ["over_regularization"], stall_begins=None)
def place_names_l1_string(session, fixed=False):
    """A map label's feature class from 16 tokens, Embedding(60, 16) with
    embeddings_regularizer='l1' and a Dense(32, kernel_regularizer='l1') (the string's default
    factor is 0.01, taken for 'a touch'), mean pooling, Adam 2e-3, 10 epochs of batch 32: the
    penalty holds the embeddings at zero."""
    keras = _keras()
    x, y = place_names(N, 5526)
    reg = None if fixed else "l1"
    model = keras.Sequential([
        keras.Input((16,), dtype="int32"),
        keras.layers.Embedding(60, 16, embeddings_regularizer=reg),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(2e-3), loss="sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout55("typefounders", ["poor_initialization"], stall_begins=120)
def alloy_hardness_normal_mean(session, fixed=False):
    """A type alloy's hardness (standardised) from ten assay readings, MLP 32-32-32 relu with
    kernel_initializer=RandomNormal(0.5), meant as stddev 0.5 but the first positional argument
    is the mean (stddev stays 0.05): every kernel starts near 0.5, all units alike and the
    output thousands strong. Adam 1e-3, 10 epochs of batch 32."""
    keras = _keras()
    x, y = fleece_batches(N, 5527, noise=0.3)
    init = "glorot_uniform" if fixed else keras.initializers.RandomNormal(0.5)
    model = keras.Sequential([keras.Input((10,))] + [
        keras.layers.Dense(32, activation="tanh", kernel_initializer=init) for _ in range(3)
    ] + [keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout55("typefounders", ["learning_rate_too_low"], stall_begins=None)
def damaged_sorts_scaled_twice(session, fixed=False):
    """Damaged sorts per case (Poisson counts) by an MLP 32-32 relu with exponential output
    under the Poisson loss and SGD with momentum 0.9, the rate from the linear scaling rule
    applied twice (0.1 x 32/256 / 256, about 5e-5), 10 epochs of batch 32 (the fix: 0.1 x
    32/256)."""
    keras = _keras()
    x, y = sort_counts(N, 5528)
    lr = 0.1 * 32 / 256 if fixed else 0.1 * 32 / 256 / 256
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    model.compile(optimizer=keras.optimizers.SGD(lr), loss="poisson")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def specimen_counts(n, seed, glyphs=40, blank=0.02):
    """Glyph counts on a type specimen page (40 glyph kinds) for four typeface families, each
    family with its own glyph mix; a fraction `blank` of the scanned pages are blank (all
    counts zero)."""
    r = _rng(seed)
    mix = r.dirichlet(np.ones(glyphs) * 0.5, size=4)
    y = r.integers(0, 4, n)
    length = r.integers(30, 200, n)
    length[r.random(n) < blank] = 0
    x = np.stack([r.multinomial(length[k], mix[y[k]]) for k in range(n)]).astype("float32")
    return x, y


@holdout55("typefounders", ["non_finite_values"], stall_begins=21)
def specimen_pages_row_share(session, fixed=False):
    """A specimen page's typeface family from its 40 glyph counts, each row divided by its own
    total to give glyph shares; four pages in a thousand are blank, so their rows are 0/0 = NaN.
    MLP 64 relu, Adam 1e-3, 8 epochs of batch 32, unshuffled, so the first batch holding a blank
    page (row 701, step 21) turns the weights NaN (the fix divides by max(total, 1))."""
    keras = _keras()
    x, y = specimen_counts(N, 5541, blank=0.004)
    total = x.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore"):
        x = x / (np.maximum(total, 1) if fixed else total)
    model = keras.Sequential([keras.Input((40,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy")
    return _fit(session, model, x.astype("float32"), y, epochs=8, batch_size=32, shuffle=False)


@holdout55("luthiers", ["vanishing_gradients"], stall_begins=None)
def sustain_sigmoid_conv_stack(session, fixed=False):
    """The string's sustain rating from 32 envelope readings, eight Conv1D(16, 3) layers each
    with activation='sigmoid' (copied from the gate of a gated conv block), global average
    pooling, SGD 0.05 with momentum 0.9, 10 epochs of batch 32: the gradient reaching the
    first layers is a tiny fraction of the last's."""
    keras = _keras()
    x, y = string_decay(N, 5530)
    act = "relu" if fixed else "sigmoid"
    model = keras.Sequential([keras.Input((32, 2))] + [
        keras.layers.Conv1D(16, 3, activation=act, padding="same") for _ in range(8)
    ] + [keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout55("luthiers", ["exploding_gradients"], stall_begins=None)
def top_grade_relu_rnn(session, fixed=False):
    """A violin top's grade (three classes) from 48 tap-tone readings by a SimpleRNN(32,
    activation='relu') ('relu trains faster'), SGD 0.05 with momentum 0.9 and clipnorm=1.0,
    10 epochs of batch 32: the unbounded state compounds over the 48 steps, the raw gradients
    blow up and the clipped steps only shake the loss (the fix keeps the default tanh)."""
    keras = _keras()
    x, y = rolling_traces(N, 5531)
    model = keras.Sequential([keras.Input((48, 1)),
                              keras.layers.SimpleRNN(32, activation="tanh" if fixed else "relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(optimizer=keras.optimizers.SGD(0.05, momentum=0.9, clipnorm=1.0),
                  loss="sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout55("luthiers", ["learning_rate_too_high"], stall_begins=192)
def top_grade_exponent_typo(session, fixed=False):
    """A violin top's grade (three classes) from 48 tap-tone readings, flattened, MLP 64-64
    tanh under SGD(learning_rate=5e0), a typo for 5e-2 in the config file, 10 epochs of batch
    32 (14 epochs): every step overshoots, the loss starts in the tens, comes down to a few
    nats by the sixth epoch and then jumps about there, far above chance (the fix: 5e-2)."""
    keras = _keras()
    x, y = rolling_traces(N, 5532)
    model = keras.Sequential([keras.Input((48, 1)), keras.layers.Flatten(),
                              keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(optimizer=keras.optimizers.SGD(5e-2 if fixed else 5e0),
                  loss="sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=14, batch_size=32)
