"""The hundred-and-third held-out catalogue: written by someone who did not read the engine or
run the diagnosis on these runs, and scored once.

It was written from how trainings go wrong and right in practice, without reading the engine's
detectors or thresholds, without reading the earlier held-out catalogues and without running
the diagnosis. Every scenario was checked only from its own per-epoch loss (Keras History or
the custom loop's means, in a throwaway script with the runner's seed), and every broken one
against the same model trained without its mistake (each helper `_name(session, broken)`
trains both).

Half of it is healthy-but-imperfect training. Bailies: a property's rates bill from ten
valuation features with noise that grows with the value, an MLP under a PiecewiseConstantDecay
step schedule; market-street footfall days (ordinary, market day, closure) from 48 hourly
readings by a Conv1D net, a fifth of the labels misfiled; the rates bill against Student-t
noise under Huber loss in a hand-written GradientTape loop. Provosts: tomorrow's water draw
from 30 days of two channels by a GRU under plain SGD (a long slow descent); a petition's
subject from word tokens by an Embedding with pooling, the classes 80/15/5 and balanced by
class_weight, a tenth misfiled; a small burgh's 256 complaints memorised by an MLP 128-128.
Aldermen: burgh seals on noisy 16x16 scans by a Conv2D net under a warm-up and cosine decay;
weekly licence applications (Poisson counts) from numeric features and a ward Embedding, two
inputs, under keras's Poisson loss; complaints with 15% misfiled under SGD with momentum and
ReduceLROnPlateau (a bumpy plateau, then a step down after the rate drop). Burgesses: a ward's
budget need from ten unordered households by a MultiHeadAttention block under the pinball loss
at the 0.9 quantile; footfall days by an LSTM under RMSprop, a tenth mislabelled; a rare
petition subject without class weights under binary cross-entropy in a GradientTape loop.

The broken half, one root cause each: Adam(learning_rate=1.0), a rate copied from an SGD
example (learning rate too high); np.log of a count that is zero for a fifth of the rows where
log1p was meant, -inf inputs that turn most weights of the first two layers NaN (non-finite
values; the loss stays finite, ~1.02 against ~0.12, because the relus pass NaN on as zero and
the output is one constant); income and rateable value in pounds fed raw
with age, household size and distance into a sigmoid MLP (unnormalised inputs, with every
first-layer sigmoid saturated, so saturated activations is listed second); ten sigmoid hidden
layers 'for depth' under SGD (vanishing gradients); a sigmoid head kept from a classifier for a
regression whose targets lie around 2.5 (loss/activation mismatch); the activation argument
left out of every hidden Dense layer, so the net is linear, on two concentric rings
(insufficient capacity); bias_initializer=Constant(-1.0) on every relu layer of a small CNN
from a 'sparse activations' tip (dead ReLUs); kernel_initializer='zeros' on every layer
(poor initialisation); kernel_regularizer=l2(1.0) on every layer, scikit-learn's Ridge alpha
carried over (over-regularisation); a regression target left in pounds (~1800, spread ~400)
for a tanh MLP under SGD with momentum in a GradientTape loop, gradients in the thousands and
the loss bouncing at half the target's variance (exploding gradients); Adam(1e-6) kept from a
fine-tuning recipe for a GRU trained from scratch (learning rate too low).

Dropped or replaced because they did not behave as intended. Saturated activations has no run
of its own: three mechanisms kept learning (an MLP tanh net with RandomNormal(0, 1) kernels,
~1.0 and still falling against ~0.6, also with an 8-unit tanh bottleneck and under SGD 0.1;
a tanh CNN behind Rescaling(255) instead of 1/255, ~0.40 against ~0.33; a SimpleRNN with
RandomNormal(0, 1) kernels, ~0.56 and falling against ~0.05): the output layer keeps learning
on the saturated units' signs. It appears as the second cause of the raw-pounds sigmoid run.
A softmax over a single unit under binary cross-entropy trained exactly as the sigmoid head
did (keras repairs it), so the sigmoid regression head replaced it. The regression in pounds
first ran with a relu MLP, whose units died after the first overshoot and whose loss then
fell by a factor of four an epoch from 1e18 (not a stall); the same under SGD 0.01 without
momentum and 0.001 with momentum did the same; tanh units were kept, and a SimpleRNN(relu)
under SGD with momentum, tried for exploding gradients, trained as well as tanh. Dropout(0.9)
as TensorFlow 1's keep_prob kept falling (~1.49 to ~1.38 over 14 epochs) and l2(0.1) and
l2(1.0) under Adam 1e-3 were still falling at the end; l2(1.0) under Adam 3e-3 was kept. A
relu MLP on the raw pound columns fell from 4.6e5 to ~76 and was still falling; the sigmoid
MLP was kept. Two healthy runs learnt to nearly zero loss and were given misfiled labels.

With the runner's seed, `fit` visits the examples in the same order every epoch. Labels follow
`scenarios.py`: `expected_causes[0]` is the root cause the scenario was built around, a second
cause only where that symptom is genuinely present too (the raw-pounds sigmoid MLP, whose
first-layer units sit at 0 or 1 for every household); `stall_begins` is the optimizer step from
which the loss stops improving (None: from the start, where the first epoch's mean already
sits at the final level), read off the per-epoch loss and marked approximate where the loss
first falls and then levels off. The learning rate too low run (Adam 1e-6) creeps by about a
tenth of a percent an epoch, ~0.606 to ~0.599 against ~0.056 for Adam 2e-3.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("bailies", "provosts", "aldermen", "burgesses")

REGISTRY = []

holdout103 = registrar(REGISTRY)

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


def _fit_weighted(session, model, x, y, *, epochs, batch_size, class_weight=None, callbacks=()):
    """`_fit` with class weights."""
    probe = (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(x[:-PROBE_SIZE], y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        verbose=0, class_weight=class_weight,
                        callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


# data ------------------------------------------------------------------------------------------


def rates_roll(n, seed, noise="hetero"):
    """A property's rates bill (standardised) from ten valuation features: a smooth nonlinear
    mean, with noise that grows with the value (heteroscedastic) or Student-t noise."""
    r = _rng(seed)
    x = r.normal(size=(n, 10)).astype("float32")
    mean = (1.2 * x[:, 0] + 0.8 * np.tanh(2 * x[:, 1]) + 0.6 * x[:, 2] * x[:, 3]
            - 0.5 * np.abs(x[:, 4]) + 0.4 * np.sin(2 * x[:, 5]))
    if noise == "hetero":
        eps = (0.2 + 0.4 * np.abs(x[:, 0])) * r.normal(size=n)
    else:
        eps = 0.5 * r.standard_t(2.5, size=n)
    return x, _std(mean + eps)[:, None]


def complaint_classes(n, seed, dim=12, classes=4, flip=0.0, weights=None):
    """A burgh complaint's department (classes) from twelve features: classes are regions of a
    random two-layer function; a fraction `flip` of labels are clerks' wrong filings."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    w1 = r.normal(size=(dim, 16))
    w2 = r.normal(size=(16, classes))
    logits = np.tanh(x @ w1 / np.sqrt(dim)) @ w2
    if weights is not None:
        logits = logits + np.log(np.asarray(weights))[None, :] * 2.0
    y = logits.argmax(axis=1)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, classes, n)) % classes, y)
    return x, y.astype("int64")


def footfall_traces(n, seed, length=48, flip=0.0):
    """Hourly footfall on a market street over 48 readings, three classes: 0 an ordinary day,
    1 a market day (a midday bump), 2 a closure (a sudden drop); `flip` of labels wrong."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    t = np.linspace(0, 1, length)
    x = np.empty((n, length, 1), dtype="float32")
    for k in range(n):
        base = 0.5 * np.sin(2 * np.pi * (t + r.uniform(-0.1, 0.1)))
        if y[k] == 1:
            c = r.uniform(0.3, 0.7)
            base = base + r.uniform(0.8, 1.5) * np.exp(-((t - c) ** 2) / 0.005)
        elif y[k] == 2:
            base = base - r.uniform(0.8, 1.5) * (t > r.uniform(0.2, 0.8))
        x[k, :, 0] = base + 0.3 * r.normal(size=length)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 3, n)) % 3, y)
    return x, y.astype("int64")


def meter_series(n, seed, length=30):
    """Tomorrow's water draw (standardised) from 30 days of two channels (draw, rainfall): a
    weighted recent mean, a rain effect, noise."""
    r = _rng(seed)
    draw = np.cumsum(0.3 * r.normal(size=(n, length)), axis=1) + r.normal(size=(n, 1))
    rain = r.exponential(1.0, size=(n, length))
    y = 0.7 * draw[:, -3:].mean(axis=1) - 0.4 * rain[:, -5:].mean(axis=1) + 0.3 * r.normal(size=n)
    x = np.stack([_std(draw.reshape(-1)).reshape(n, length),
                  _std(rain.reshape(-1)).reshape(n, length)], axis=2).astype("float32")
    return x, _std(y)[:, None]


def petition_tokens(n, seed, length=24, vocab=60, classes=3, weights=(0.8, 0.15, 0.05),
                    flip=0.0):
    """A petition's subject from 24 word tokens: each class has its own six marker words
    scattered among common words; imbalanced classes; `flip` of the labels filed wrongly."""
    r = _rng(seed)
    y = r.choice(classes, size=n, p=np.asarray(weights) / np.sum(weights))
    x = r.integers(classes * 6 + 1, vocab, size=(n, length))
    for k in range(n):
        m = r.integers(2, 5)
        pos = r.choice(length, m, replace=False)
        x[k, pos] = 1 + y[k] * 6 + r.integers(0, 6, m)
        if r.random() < 0.3:  # a stray marker of another class
            x[k, r.integers(length)] = 1 + r.integers(0, classes * 6)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, classes, n)) % classes, y)
    return x.astype("int32"), y.astype("int64")


def seal_images(n, seed, size=16, flip=0.0):
    """Burgh seals on 16x16 scans, four classes (bar, cross, ring, blob), with noise."""
    r = _rng(seed)
    y = r.integers(0, 4, n)
    yy, xx = np.mgrid[0:size, 0:size] / (size - 1.0)
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        cx, cy = r.uniform(0.3, 0.7, 2)
        if y[k] == 0:
            img = (np.abs(yy - cy) < 0.1).astype(float)
        elif y[k] == 1:
            img = ((np.abs(yy - cy) < 0.08) | (np.abs(xx - cx) < 0.08)).astype(float)
        elif y[k] == 2:
            d = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2)
            img = (np.abs(d - 0.25) < 0.07).astype(float)
        else:
            d = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2)
            img = np.exp(-d ** 2 / 0.02)
        x[k, :, :, 0] = img + 0.35 * r.normal(size=(size, size))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 4, n)) % 4, y)
    return x, y.astype("int64")


def licence_counts(n, seed):
    """Licence applications a week (Poisson) from five numeric features and a ward (0-19)."""
    r = _rng(seed)
    x = r.normal(size=(n, 5)).astype("float32")
    ward = r.integers(0, 20, n)
    effect = r.normal(0, 0.5, 20)
    rate = np.exp(0.8 + 0.4 * x[:, 0] - 0.3 * x[:, 1] ** 2 / 2 + 0.3 * x[:, 2] + effect[ward])
    y = r.poisson(rate).astype("float32")[:, None]
    return x, ward.astype("int32")[:, None], y


def ward_sets(n, seed, length=10, noise=0.3):
    """A ward's budget need (standardised) from ten unordered households (4 features each):
    a sum of a nonlinear function per household plus heavy noise."""
    r = _rng(seed)
    x = r.normal(size=(n, length, 4)).astype("float32")
    per = np.tanh(x[:, :, 0] * x[:, :, 1]) + 0.5 * x[:, :, 2]
    y = per.mean(axis=1) * 3 + noise * r.standard_t(3, size=n)
    return x, _std(y)[:, None]


def ring_points(n, seed, dim=2):
    """Two concentric rings of points (inside/outside a boundary), a little jitter."""
    r = _rng(seed)
    y = r.integers(0, 2, n)
    radius = np.where(y == 1, 2.0, 1.0) + 0.25 * r.normal(size=n)
    ang = r.uniform(0, 2 * np.pi, n)
    x = np.stack([radius * np.cos(ang), radius * np.sin(ang)], axis=1)
    if dim > 2:
        x = np.concatenate([x, 0.5 * r.normal(size=(n, dim - 2))], axis=1)
    return x.astype("float32"), y.astype("int64")


# bailies ---------------------------------------------------------------------------------------


@holdout103("bailies", healthy=True)
def rates_bill_step_decay(session):
    """A property's rates bill (standardised) from ten valuation features, the noise growing
    with the value, by an MLP 64-64 relu under Adam with a step decay (PiecewiseConstantDecay
    3e-3, 1e-3, 3e-4 at steps 128 and 256): it falls, steps down at each drop and then sits at
    the noise."""
    keras = _keras()
    x, y = rates_roll(N, seed=10301)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    lr = keras.optimizers.schedules.PiecewiseConstantDecay([128, 256], [3e-3, 1e-3, 3e-4])
    model.compile(keras.optimizers.Adam(lr), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout103("bailies", healthy=True)
def footfall_conv1d_misfiled(session):
    """Market-street footfall days (ordinary, market day, closure) from 48 hourly readings,
    a fifth of the labels misfiled, by a Conv1D 16-32 relu net with global max pooling, Adam
    1e-3: it learns quickly and levels off at the label noise's floor, far above zero."""
    keras = _keras()
    x, y = footfall_traces(N, seed=10302, flip=0.2)
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout103("bailies", healthy=True)
def rates_bill_huber_loop(session):
    """Hand-written GradientTape loop: the rates bill from ten features with Student-t (2.5
    degrees of freedom) noise, an MLP 64-32 relu under Huber loss (delta 1), Adam 2e-3: a fall,
    then a floor set by the heavy-tailed noise."""
    keras = _keras()
    x, y = rates_roll(N, seed=10303, noise="t")
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), keras.losses.Huber(1.0),
                        x, y, epochs=10, batch_size=32, seed=10303)


def _adam_rate_one(session, broken):
    keras = _keras()
    x, y = complaint_classes(N, seed=10304)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(1.0 if broken else 1e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout103("bailies", ["learning_rate_too_high"])
def complaints_adam_rate_one(session):
    """A complaint's department (four classes) from twelve features by an MLP 64-64 relu,
    Adam(learning_rate=1.0): the rate copied from an SGD example where 1.0 was fine, a
    thousand times Adam's default; the loss jumps about far above what the net can reach."""
    return _adam_rate_one(session, True)


def _log_of_zero(session, broken):
    keras = _keras()
    r = _rng(10305)
    x = r.normal(size=(N, 6)).astype("float32")
    floor_area = np.exp(1.0 + 0.8 * r.normal(size=N))
    lets = r.poisson(1.5, N).astype("float64")  # rooms let: zero for owner-occupied houses
    y = (0.9 * np.log(floor_area) + 0.5 * np.log1p(lets) + 0.5 * np.tanh(x[:, 0])
         + 0.3 * x[:, 1] * x[:, 2] + 0.3 * r.normal(size=N))
    feats = [np.log(floor_area), np.log(lets) if broken else np.log1p(lets)]
    xx = np.concatenate([x, np.stack(feats, axis=1)], axis=1).astype("float32")
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, xx, _std(y)[:, None], epochs=8, batch_size=32)


@holdout103("bailies", ["non_finite_values"])
def tenancy_log_of_lets(session):
    """A house's council-tax band value (standardised) from six features plus the log floor
    area and np.log of the number of rooms let, where log1p was meant: owner-occupied houses
    let none, so about a fifth of the rows carry -inf: the first batch's gradients are NaN,
    most first- and second-layer weights become NaN, the relus pass them on as zeros, and the
    net is left predicting one constant at the target's variance from the first epoch on."""
    with np.errstate(divide="ignore"):
        return _log_of_zero(session, True)


def _raw_units(session, broken):
    keras = _keras()
    r = _rng(10306)
    income = r.lognormal(10.3, 0.5, N)          # pounds a year
    rateable = r.lognormal(9.5, 0.6, N)          # rateable value, pounds
    age = r.uniform(18, 90, N)                   # years
    household = r.integers(1, 7, N).astype(float)
    distance = r.exponential(2.0, N)             # km to the town hall
    zi, zr = _std(np.log(income)), _std(np.log(rateable))
    za, zh, zd = _std(age), _std(household), _std(distance)
    y = (np.sin(2 * za) + 0.8 * zh * zd - 0.6 * zd ** 2 / 2 + 0.4 * zi + 0.3 * zr
         + 0.2 * r.normal(size=N))
    x = np.stack([income, rateable, age, household, distance], axis=1).astype("float32")
    if not broken:
        x = np.stack([zi, zr, za, zh, zd], axis=1).astype("float32")
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(64, activation="sigmoid"),
                              keras.layers.Dense(64, activation="sigmoid"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, _std(y)[:, None], epochs=10, batch_size=32)


@holdout103("bailies", ["unnormalized_inputs", "saturated_activations"])
def hardship_fund_raw_columns(session):
    """A hardship-fund award (standardised) from a household's income and rateable value in
    pounds (~3e4 and ~1.3e4), age in years, household size and distance in km, fed to an MLP
    64-64 sigmoid as read from the spreadsheet, Adam 1e-3: the two money columns swamp every
    first-layer unit, which sits at 0 or 1 whatever the household, and the age, size and
    distance effects are never learnt."""
    return _raw_units(session, True)


# provosts --------------------------------------------------------------------------------------


@holdout103("provosts", healthy=True)
def water_draw_gru_sgd_slow(session):
    """Tomorrow's water draw from 30 days of draw and rainfall by a GRU(16) under plain SGD
    0.05: a long, slow descent still improving at the end."""
    keras = _keras()
    x, y = meter_series(N, seed=10311)
    model = keras.Sequential([keras.Input((30, 2)), keras.layers.GRU(16), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.05), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout103("provosts", healthy=True)
def petition_subject_weighted(session):
    """A petition's subject (roads 80%, licensing 15%, burial grounds 5%) from 24 word tokens
    by an Embedding(60, 16) and global average pooling, class_weight balancing the rare
    subjects, a tenth of the petitions filed under the wrong subject, Adam 3e-3: the weighted
    loss falls and settles well above zero at the filing noise."""
    keras = _keras()
    x, y = petition_tokens(N, seed=10312, flip=0.1)
    counts = np.bincount(y[:-PROBE_SIZE], minlength=3)
    cw = {k: float(len(y[:-PROBE_SIZE]) / (3 * max(c, 1))) for k, c in enumerate(counts)}
    model = keras.Sequential([keras.Input((24,)), keras.layers.Embedding(60, 16),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit_weighted(session, model, x, y, epochs=12, batch_size=32, class_weight=cw)


@holdout103("provosts", healthy=True)
def small_burgh_overfit(session):
    """Only 256 complaints from a small burgh, four departments, an MLP 128-128 relu, Adam
    2e-3, batches of 16 over 30 short epochs: the training loss falls towards zero as the net
    memorises the book."""
    keras = _keras()
    x, y = complaint_classes(256 + PROBE_SIZE, seed=10313, flip=0.1)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=30, batch_size=16)


def _deep_sigmoid(session, broken):
    keras = _keras()
    x, y = complaint_classes(N, seed=10314)
    act = "sigmoid" if broken else "relu"
    layers = [keras.Input((12,))]
    layers += [keras.layers.Dense(32, activation=act) for _ in range(10)]
    layers.append(keras.layers.Dense(4, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# It learns the class prior (ln 4) within the first epoch and nothing after: approximate.
@holdout103("provosts", ["vanishing_gradients"], stall_begins=32)
def complaints_ten_sigmoid_layers(session):
    """A complaint's department from twelve features by ten Dense(32, activation='sigmoid')
    layers, as in an old textbook network made 'deeper for accuracy', SGD 0.05 momentum 0.9:
    the gradient shrinks by about four at each sigmoid, and the loss sits at the class prior."""
    return _deep_sigmoid(session, True)


def _sigmoid_regression(session, broken):
    keras = _keras()
    x, _ = footfall_traces(N, seed=10315)
    # the peak in thousands of visitors: ~2.5, spread ~0.8
    y = 2.5 + 0.8 * _std(x[:, :, 0].max(axis=1) + 0.5 * x[:, 20:28, 0].mean(axis=1))[:, None]
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(1, activation="sigmoid" if broken else None),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# Flat at ~2.9 from early in the second epoch: approximate.
@holdout103("provosts", ["loss_activation_mismatch"], stall_begins=40)
def peak_footfall_sigmoid_head(session):
    """A day's peak footfall in thousands of visitors (~2.5, spread ~0.8) from 48 hourly
    readings by a Conv1D 16-32 net whose head kept Dense(1, activation='sigmoid') from the
    market-day classifier it was copied from, under MSE: the output cannot pass 1, the
    sigmoid is driven into saturation reaching for targets above it, and the loss sits far
    above the linear head's."""
    return _sigmoid_regression(session, True)


def _no_activation(session, broken):
    keras = _keras()
    x, y = ring_points(N, seed=10316, dim=4)
    act = "relu" if not broken else None
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(64, activation=act),
                              keras.layers.Dense(64, activation=act),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x, y.astype("float32"), epochs=10, batch_size=32)


# Near ln 2 within the first epoch and creeping by a thousandth an epoch after: approximate.
@holdout103("provosts", ["insufficient_capacity"], stall_begins=32)
def boundary_rings_no_activation(session):
    """Inside or outside the burgh boundary (two concentric rings, two noise columns) by a
    Dense(64)-Dense(64) net with the activation argument left out: Keras's default is linear,
    so the whole net is one logistic regression that cannot draw a ring, and the loss sits
    at ln 2."""
    return _no_activation(session, True)


# aldermen --------------------------------------------------------------------------------------


@holdout103("aldermen", healthy=True)
def seals_cnn_warmup_cosine(session):
    """Burgh seals (bar, cross, ring, blob) on noisy 16x16 scans by a Conv2D 16-32 relu net,
    Adam under CosineDecay with a 48-step warm-up to 3e-3: slow while the rate warms up, then a
    fall and a gentle finish as the rate decays."""
    keras = _keras()
    x, y = seal_images(N, seed=10321, flip=0.05)
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    lr = keras.optimizers.schedules.CosineDecay(0.0, 240, warmup_target=3e-3, warmup_steps=48)
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=9, batch_size=32)


@holdout103("aldermen", healthy=True)
def licences_poisson_ward_embedding(session):
    """Licence applications a week (Poisson counts) from five numeric features and the ward
    (an Embedding(20, 4)), two inputs, an exponential output under keras's Poisson loss, Adam
    3e-3: the loss settles at the counts' own noise, far from zero."""
    keras = _keras()
    x, ward, y = licence_counts(N, seed=10322)
    num = keras.Input((5,))
    w = keras.Input((1,), dtype="int32")
    e = keras.layers.Flatten()(keras.layers.Embedding(20, 4)(w))
    h = keras.layers.Concatenate()([num, e])
    h = keras.layers.Dense(32, activation="relu")(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([num, w], keras.layers.Dense(1, activation="exponential")(h))
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit_inputs(session, model, [x, ward], y, epochs=8, batch_size=32)


@holdout103("aldermen", healthy=True)
def complaints_reduce_on_plateau(session):
    """A complaint's department from twelve features, 15% misfiled, an MLP 64-64 relu under
    SGD 0.1 momentum 0.9 with ReduceLROnPlateau (factor 0.2, patience 1): a bumpy plateau,
    then the rate drops and the loss steps down towards the label noise's floor."""
    keras = _keras()
    x, y = complaint_classes(N, seed=10323, flip=0.15)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.1, momentum=0.9), "sparse_categorical_crossentropy")
    plateau = keras.callbacks.ReduceLROnPlateau("loss", factor=0.2, patience=1, min_delta=0.01)
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[plateau])


def _negative_bias(session, broken):
    keras = _keras()
    x, y = seal_images(N, seed=10324)
    init = keras.initializers.Constant(-1.0) if broken else "zeros"
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Rescaling(1.0 / 4.0),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", bias_initializer=init),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same", bias_initializer=init),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu", bias_initializer=init),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout103("aldermen", ["dead_relus"])
def seals_negative_bias_sparsity(session):
    """Burgh seals on 16x16 scans (divided by 4 'to keep them small') by a Conv2D 16-32 relu
    net with bias_initializer=Constant(-1.0) on every relu layer, copied from a 'sparse
    activations' tip: almost every pre-activation starts below zero, the relus output zero
    and pass no gradient, and the loss sits at ln 4."""
    return _negative_bias(session, True)


def _zeros_kernel(session, broken):
    keras = _keras()
    x, y = rates_roll(N, seed=10325)
    kw = {"kernel_initializer": "zeros"} if broken else {}
    model = keras.Sequential([keras.Input((10,)),
                              keras.layers.Dense(64, activation="relu", **kw),
                              keras.layers.Dense(64, activation="relu", **kw),
                              keras.layers.Dense(1, **kw)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout103("aldermen", ["poor_initialization"])
def rates_bill_zero_kernels(session):
    """The rates bill from ten features by an MLP 64-64 relu with kernel_initializer='zeros'
    on every layer, 'to start from a clean slate': every unit computes the same zero, no
    weight gets a gradient, and only the output bias learns the mean."""
    return _zeros_kernel(session, True)


def _ridge_alpha(session, broken):
    keras = _keras()
    x, y = seal_images(N, seed=10326)
    reg = keras.regularizers.l2(1.0) if broken else None
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Flatten(),
        keras.layers.Dense(128, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(64, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(4, activation="softmax", kernel_regularizer=reg),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# The penalty falls from ~100 to the class prior's ln 4 over five epochs and sits there from
# about the sixth: approximate.
@holdout103("aldermen", ["over_regularization"], stall_begins=160)
def seals_ridge_alpha_one(session):
    """Burgh seals by a flattened MLP 128-64 relu with kernel_regularizer=l2(1.0) on every
    layer, the 1.0 carried over from scikit-learn's Ridge(alpha=1.0), Adam 3e-3: the penalty
    on the sum of squared weights crushes every kernel to nearly zero and the loss settles at
    the class prior."""
    return _ridge_alpha(session, True)


# burgesses -------------------------------------------------------------------------------------


@holdout103("burgesses", healthy=True)
def ward_budget_attention_quantile(session):
    """A ward's budget need (standardised) from ten unordered households by one
    MultiHeadAttention block (2 heads, key dim 8) and mean pooling, under the pinball loss at
    the 0.9 quantile against Student-t noise, Adam 2e-3: the loss falls and flattens far above
    zero."""
    keras = _keras()
    import tensorflow as tf

    x, y = ward_sets(N, seed=10331)

    def pinball(yt, yp):
        e = yt - yp
        return tf.reduce_mean(tf.maximum(0.9 * e, -0.1 * e))

    inp = keras.Input((10, 4))
    h = keras.layers.Dense(16)(inp)
    a = keras.layers.MultiHeadAttention(2, 8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), pinball)
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout103("burgesses", healthy=True)
def footfall_lstm_misfiled(session):
    """Market-street footfall days from 48 readings by an LSTM(24), a tenth of the labels
    wrong, RMSprop 3e-3, batches of 64: a slow start, then a descent to the label noise's
    floor."""
    keras = _keras()
    x, y = footfall_traces(N, seed=10332, flip=0.1)
    model = keras.Sequential([keras.Input((48, 1)), keras.layers.LSTM(24),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.RMSprop(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=64)


@holdout103("burgesses", healthy=True)
def petition_rare_bce_loop(session):
    """Hand-written GradientTape loop: whether a petition is about burial grounds (one in
    ten) from 24 tokens by Embedding(60, 16), global average pooling and a sigmoid head, no
    class weights, 5% of the subjects misfiled, binary cross-entropy, Adam 3e-3: it first
    learns the prior, then the rare class, and levels off above zero at the misfilings."""
    keras = _keras()
    x, y = petition_tokens(N, seed=10333, weights=(0.6, 0.3, 0.1), flip=0.05)
    y = (y == 2).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((24,)), keras.layers.Embedding(60, 16),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3),
                        keras.losses.BinaryCrossentropy(), x, y, epochs=10, batch_size=32,
                        seed=10333)


def _raw_target_sgd(session, broken):
    keras = _keras()
    x, y = rates_roll(N, seed=10334)
    y = y * 400.0 + 1800.0  # the bill in pounds
    if not broken:
        y = (y - 1800.0) / 400.0
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(64, activation="tanh"), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.SGD(0.01, momentum=0.9),
                        keras.losses.MeanSquaredError(), x, y, epochs=8, batch_size=32,
                        seed=10334)


# A fall from ~1e6 over two epochs, then a bounce around ~1e5 (the target's variance is
# 1.6e5) from about the third: approximate.
@holdout103("burgesses", ["exploding_gradients"], stall_begins=64)
def rates_bill_pounds_sgd_loop(session):
    """Hand-written GradientTape loop: the rates bill regressed in pounds (~1800, spread
    ~400) rather than standardised, MLP 64-64 tanh, SGD 0.01 momentum 0.9 under MSE: errors
    in the thousands give gradients in the thousands, each step overshoots, and the loss
    bounces at around half the bill's variance."""
    return _raw_target_sgd(session, True)


def _fine_tune_rate(session, broken):
    keras = _keras()
    x, y = meter_series(N, seed=10335)
    model = keras.Sequential([keras.Input((30, 2)), keras.layers.GRU(16), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-6 if broken else 2e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout103("burgesses", ["learning_rate_too_low"])
def water_draw_gru_finetune_rate(session):
    """Tomorrow's water draw by a GRU(16) trained from scratch with Adam(1e-6), the rate kept
    from a fine-tuning recipe: every step moves the weights by about a millionth and the
    loss stays at its starting level."""
    return _fine_tune_rate(session, True)
