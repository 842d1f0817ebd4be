"""The one-hundredth held-out catalogue: written by someone who did not read the engine or run
the diagnosis on these runs, and scored once.

It was written from the mistakes practitioners most often report (forum questions, issue
trackers, code reviews, tutorials gone wrong), without reading the engine's detectors or
thresholds, without reading the earlier held-out catalogues' scenarios, and without running the
diagnosis. Every scenario was checked only from its own loss (Keras History, and the per-step
loss recovered from the per-batch running mean, in a throwaway script with the runner's seed),
and every broken one against the same model trained without its mistake (each helper
`_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Wardmen: a ward's night calls from ten street
features with scatter that grows with the load, MLP 64-64 under Adam (a slow descent still going
at the end, far above zero); a street lamp's state from 48 flicker readings by a Conv1D net, a
fifth of the labels wrong (levels off near the label noise's entropy); a hand-written
GradientTape loop, a GRU under Huber loss against Student-t noise. Tithingmen: a rare (1 in 20)
fraud flag weighted up by class_weight; a small CNN on stamped marks under a linear warm-up then
cosine decay (slow start, fast fall, gentle landing); 192 ledger lines memorised by an MLP
128-128 over 40 short epochs. Constables: ledger lines by Embedding and global average pooling, a
tenth of the categories wrong; an LSTM regression under RMSprop with ReduceLROnPlateau; a
hand-written loop under the 0.9-quantile pinball loss (flat far above zero). Jailers: Poisson
counts by an exponential head under keras's Poisson loss (negative: keras leaves out log y!);
an unordered set by MultiHeadAttention under AdamW; a two-input model (Embedding id beside twelve
numeric features) under SGD with PiecewiseConstantDecay.

The broken half, one root cause each: Adam kept at an SGD tutorial's learning_rate=0.1
(learning rate too high); ten sigmoid layers of a 'deeper is better' MLP under plain SGD
(vanishing gradients); np.log of a count column with a zero in it, giving -inf (non-finite
values); SGD 1e-5, a fine-tuning guide's rate, used to train a CNN from scratch (learning rate
too low); a 'start sparse' Constant(-3) bias in every hidden ReLU layer (dead ReLUs); the sigmoid
head of a copied classifier kept on a count regression under MSE (loss/activation mismatch);
raw ledger columns (pounds, yards, years) with SGD lowered to 1e-8 'until the NaN went away'
(unnormalised inputs); three Dense layers written without activation= on two rings
(insufficient capacity); 0-255 grey levels (the /255 forgotten) into a tanh MLP (saturated
activations, with unnormalised inputs as the genuine second cause); an IRNN (ReLU SimpleRNN,
identity recurrent init) trained without the paper's gradient clipping (exploding gradients);
L2(0.3) on every kernel, the number carried over from a Dropout(0.3) (over-regularisation);
kernel_initializer='zeros' on a tanh MLP (poor initialisation).

Dropped or replaced because they did not behave as intended: Dense(1, activation='softmax')
under binary cross-entropy (the classic one-unit softmax; with this Keras it trained exactly as
the sigmoid head did, so something repairs it); Dense(2, softmax) with 0/1 labels under binary
cross-entropy (Keras 3 refuses the shape mismatch); a linear head under binary cross-entropy
(kept learning, ~0.56 against ~0.37) and a sigmoid or relu head on a standardised regression
(still falling at the end); Dropout(0.9) as a misread keep_prob, on the hidden layers and on the
input too (the loss kept falling); L2(0.1) (still creeping down ~0.01 an epoch at the end; 0.3
flattens); raw ledger columns under Adam 1e-3 (the loss fell from ~4e5 for the whole run and
was still falling) and under SGD 1e-9 (still falling); a ReLU SimpleRNN with identity gain 1.2,
first without clipping (NaN from the first epoch: a divergence, not a stall) and then with
clipnorm=1.0 (it learnt); a 60-step long-range cue task, which even a GRU could not learn in
ten epochs (replaced by the 30-step mean-sign task).

With the runner's seed, `fit` visits the examples in the same order every epoch, so several
runs show a sawtooth within each epoch. Labels follow `scenarios.py`: `expected_causes[0]` is
the root cause the scenario was built around, a second cause only where that symptom is
genuinely present too (the raw-pixel tanh run: its inputs are in the hundreds as well as its
units saturated); `stall_begins` is the optimizer step from which the loss stops improving
(None: from the start), exact where an event of the scenario causes it (the first zero count,
row 300 in file order under shuffle=False, at step 10), otherwise read off the per-step or
per-epoch loss and marked approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("wardmen", "tithingmen", "constables", "jailers")

REGISTRY = []

holdout100 = registrar(REGISTRY)

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


def patrol_load(n, seed):
    """Night calls on a ward (standardised) from ten street features; the scatter grows with
    the expected load (heteroscedastic)."""
    r = _rng(seed)
    x = r.normal(size=(n, 10)).astype("float32")
    m = np.sin(1.5 * x[:, 0]) + 0.7 * x[:, 1] * x[:, 2] + 0.5 * np.abs(x[:, 3]) - 0.4 * x[:, 4]
    y = m + (0.2 + 0.3 * np.abs(m)) * r.normal(size=n)
    return x, _std(y)[:, None]


def beat_classes(n, seed, dim=16, classes=4, flip=0.0):
    """A beat's kind (4) from sixteen features: the argmax of four nonlinear scores; a fraction
    `flip` of the labels are wrong."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    w = r.normal(size=(dim, classes)) / np.sqrt(dim) * 2.0
    v = r.normal(size=(dim, classes)) / np.sqrt(dim)
    s = np.tanh(x @ w) + 0.8 * (x @ v) ** 2
    y = s.argmax(axis=1)
    wrong = r.random(n) < flip
    y = np.where(wrong, r.integers(0, classes, n), y)
    return x, y.astype("int64")


def lantern_traces(n, seed, length=48, flip=0.0):
    """48 readings of a street lamp's flicker, three classes (steady, failing drift, a
    periodic stutter); `flip` of the lamplighter's calls are wrong."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    t = np.linspace(0, 1, length)
    x = np.empty((n, length, 1), dtype="float32")
    for k in range(n):
        base = 0.3 * np.sin(2 * np.pi * (t * r.uniform(1, 2) + r.uniform()))
        if y[k] == 1:
            base = base - r.uniform(0.6, 1.2) * t
        elif y[k] == 2:
            base = base + 0.6 * (np.sin(2 * np.pi * r.uniform(6, 9) * t) > 0.5)
        x[k, :, 0] = base + 0.3 * r.normal(size=length)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 3, n)) % 3, y)
    return x, y.astype("int64")


def watch_series(n, seed, length=24, tail="laplace"):
    """24 hourly readings of two channels of a watch-house log; the target is the next
    watch's level with heavy-tailed noise."""
    r = _rng(seed)
    x = np.cumsum(0.3 * r.normal(size=(n, length, 2)), axis=1).astype("float32")
    y = 0.8 * x[:, -1, 0] - 0.5 * x[:, -4:, 1].mean(axis=1) + 0.3 * x[:, :, 0].mean(axis=1)
    noise = r.laplace(size=n) if tail == "laplace" else r.standard_t(3, size=n)
    y = y + 0.35 * noise
    return x, _std(y)[:, None]


def tithe_images(n, seed, size=12, raw=False):
    """12 x 12 stamped tithe tokens, four marks (cross, ring, bar, dots) with wear noise;
    raw=True keeps the scanner's 0..255 grey levels."""
    r = _rng(seed)
    y = r.integers(0, 4, n)
    i, j = np.mgrid[0:size, 0:size]
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        ci, cj = r.integers(4, 8, 2)
        if y[k] == 0:
            t = ((np.abs(i - ci) < 1) & (np.abs(j - cj) < 4)) | ((np.abs(j - cj) < 1) & (np.abs(i - ci) < 4))
        elif y[k] == 1:
            d = np.sqrt((i - ci) ** 2 + (j - cj) ** 2)
            t = np.abs(d - 3) < 0.8
        elif y[k] == 2:
            t = (np.abs(i - ci) < 2) & (np.abs(j - cj) < 4)
        else:
            t = ((i % 3 == 0) & (j % 3 == 0)) & (np.abs(i - ci) < 5) & (np.abs(j - cj) < 5)
        img = np.clip(t.astype(float) * 0.8 + 0.1 + 0.2 * r.normal(size=(size, size)), 0, 1)
        x[k, :, :, 0] = img
    if raw:
        x = np.round(x * 255.0).astype("float32")
    return x, y.astype("int64")


def parish_rolls(n, seed, fraud_rate=0.05):
    """A parish roll entry's fraud flag (rare) from twelve features."""
    r = _rng(seed)
    x = r.normal(size=(n, 12)).astype("float32")
    s = 1.2 * x[:, 0] - 0.9 * x[:, 1] * x[:, 2] + 0.8 * np.abs(x[:, 3]) + 0.5 * r.normal(size=n)
    thr = np.quantile(s, 1 - fraud_rate)
    return x, (s > thr).astype("float32")[:, None]


def tithe_tokens(n, seed, length=24, vocab=40, flip=0.1):
    """A tithe ledger line as 24 word tokens (vocabulary 40); its category (3) is set by which
    word group dominates; `flip` of the clerks' categories are wrong."""
    r = _rng(seed)
    groups = r.integers(0, 3, vocab)
    groups[0] = -1
    y = r.integers(0, 3, n)
    x = np.empty((n, length), dtype="int32")
    for k in range(n):
        own = np.flatnonzero(groups == y[k])
        other = np.flatnonzero(groups >= 0)
        m = r.random(length) < 0.4
        x[k] = np.where(m, r.choice(own, length), r.choice(other, length))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 3, n)) % 3, y)
    return x, y.astype("int64")


def checkpoint_rings(n, seed, dim=2):
    """Two concentric rings of constable checkpoints plus noise: the class is inner/outer."""
    r = _rng(seed)
    y = r.integers(0, 2, n)
    rad = np.where(y == 1, 2.0, 1.0) + 0.25 * r.normal(size=n)
    a = r.uniform(0, 2 * np.pi, n)
    x = np.stack([rad * np.cos(a), rad * np.sin(a)], axis=1)
    extra = r.normal(size=(n, dim - 2)) if dim > 2 else np.zeros((n, 0))
    return np.concatenate([x, extra], axis=1).astype("float32"), y.astype("float32")[:, None]


def fine_table(n, seed):
    """A fine (standardised) from a constable's ledger: six columns on their natural scales
    (annual income in pounds, age in years, distance in yards, a 0..1 ratio, count of prior
    offences, a 0..1 flag); the target leans on the small-scale columns."""
    r = _rng(seed)
    income = r.lognormal(10.0, 0.5, n)
    age = r.uniform(18, 70, n)
    dist = r.uniform(0, 5000, n)
    ratio = r.uniform(0, 1, n)
    prior = r.poisson(1.5, n).astype(float)
    flag = (r.random(n) < 0.3).astype(float)
    y = (np.sin(6 * ratio) + 0.8 * prior * flag - 0.5 * (ratio - 0.5) ** 2 * prior
         + 0.3 * np.log(income) + 0.01 * (age - 40) + 0.2 * r.normal(size=n))
    x = np.stack([income, age, dist, ratio, prior, flag], axis=1).astype("float32")
    return x, _std(y)[:, None]


def gaol_counts(n, seed, dim=6):
    """Nightly admissions to a gaol (Poisson counts) from six features."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    rate = np.exp(0.9 + 0.5 * x[:, 0] - 0.4 * x[:, 1] + 0.3 * np.sin(2 * x[:, 2]))
    return x, r.poisson(rate).astype("float32")[:, None]


def cell_sets(n, seed, length=10):
    """Ten prisoners per cell block, each with three features, in no order; the target is a
    block's unrest score (standardised): a nonlinear mean plus the worst prisoner's mark."""
    r = _rng(seed)
    x = r.normal(size=(n, length, 3)).astype("float32")
    worst = x[np.arange(n), x[:, :, 1].argmax(axis=1), 0]
    y = 2.0 * np.tanh(x[:, :, 0] * x[:, :, 2]).mean(axis=1) + 0.5 * worst + 0.3 * r.normal(size=n)
    return x, _std(y)[:, None]


def gaol_sequences(n, seed, length=60):
    """60 daily readings of a cell's noise; the label is whether the first five days' sum is
    positive (a long-range cue)."""
    r = _rng(seed)
    x = r.normal(size=(n, length, 1)).astype("float32")
    y = (x[:, :5, 0].sum(axis=1) > 0).astype("float32")
    return x, y[:, None]


def _dense_net(keras, inputs, hidden, outputs, activation="relu", out_activation=None, **kw):
    layers = [keras.Input((inputs,))]
    layers += [keras.layers.Dense(h, activation=activation, **kw) for h in hidden]
    layers.append(keras.layers.Dense(outputs, activation=out_activation))
    return keras.Sequential(layers)


# wardmen ---------------------------------------------------------------------------------------


@holdout100("wardmen", healthy=True)
def night_calls_heteroscedastic(session):
    """Night calls on a ward (standardised) from ten street features, the scatter growing with
    the expected load, MLP 64-64 relu, Adam 1e-3 under mean squared error: a quick fall, then
    a slow descent still going at the end, well above zero (the heteroscedastic noise)."""
    keras = _keras()
    x, y = patrol_load(N, seed=10001)
    model = _dense_net(keras, 10, (64, 64), 1)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout100("wardmen", healthy=True)
def lamp_flicker_noisy_labels(session):
    """A street lamp's state (steady, failing, stuttering) from 48 flicker readings, a fifth of
    the lamplighters' calls wrong, Conv1D 16-32 relu with pooling and global average pooling,
    Adam 2e-3: it learns the three shapes and levels off far above zero at the label noise."""
    keras = _keras()
    x, y = lantern_traces(N, seed=10002, flip=0.2)
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout100("wardmen", healthy=True)
def watch_level_huber_loop(session):
    """Hand-written GradientTape loop: the next watch's level from 24 hourly readings of two
    channels by a GRU(16), Huber loss (delta 1) against Student-t (3 dof) noise, Adam 2e-3:
    it falls quickly and flattens at the heavy-tailed noise's floor."""
    keras = _keras()
    x, y = watch_series(N, seed=10003, tail="t")
    model = keras.Sequential([keras.Input((24, 2)), keras.layers.GRU(16),
                              keras.layers.Dense(1)])
    opt = keras.optimizers.Adam(2e-3)
    return _custom_loop(session, model, opt, keras.losses.Huber(1.0), x, y, epochs=10,
                        batch_size=32, seed=10003, loss_description="huber")


def _adam_point_one(session, broken):
    keras = _keras()
    x, y = beat_classes(N, seed=10004)
    model = _dense_net(keras, 16, (64, 64), 4, out_activation="softmax")
    model.compile(keras.optimizers.Adam(0.1 if broken else 1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout100("wardmen", ["learning_rate_too_high"], stall_begins=16)
def beat_kind_adam_lr_from_sgd(session):
    """A beat's kind (4) from sixteen features, MLP 64-64 relu with a softmax head; the
    optimizer was switched from an SGD tutorial's SGD(0.1) to Adam keeping learning_rate=0.1,
    a hundred times Adam's usual 1e-3: the loss jumps about near ln 4 and never comes down
    to where Adam 1e-3 takes it."""
    return _adam_point_one(session, True)


def _deep_sigmoid(session, broken):
    keras = _keras()
    x, y = checkpoint_rings(N, seed=10005, dim=6)
    act = "sigmoid" if broken else "relu"
    model = _dense_net(keras, 6, (32,) * 10, 1, activation=act, out_activation="sigmoid")
    model.compile(keras.optimizers.SGD(0.05), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout100("wardmen", ["vanishing_gradients"])
def checkpoint_rings_deep_sigmoid(session):
    """Inner or outer ring of checkpoints from two coordinates and four distractors, an MLP of
    ten sigmoid layers of 32 (a textbook's sigmoid carried into a 'deeper is better' net),
    plain SGD 0.05: the gradient reaching the first layers is a tiny fraction of the last's
    and the loss sits at ln 2 for the whole run."""
    return _deep_sigmoid(session, True)


NAN_ROW = 300


def _log_counts(session, broken):
    keras = _keras()
    x, y = patrol_load(N, seed=10006)
    r = _rng(10006)
    counts = r.poisson(np.exp(1.0 + 0.5 * x[:, 5]), size=N).astype("float32")
    counts[:NAN_ROW] = np.maximum(counts[:NAN_ROW], 1.0)
    counts[NAN_ROW] = 0.0
    with np.errstate(divide="ignore"):
        feat = np.log(counts) if broken else np.log1p(counts)
    x = np.concatenate([x, feat[:, None]], axis=1).astype("float32")
    model = _dense_net(keras, 11, (64, 64), 1)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32, shuffle=False)


@holdout100("wardmen", ["non_finite_values"], stall_begins=NAN_ROW // 32 + 1)
def night_calls_log_of_zero_count(session):
    """Night calls from ten street features plus the ward's log reported-incident count, taken
    with np.log on raw counts (log1p meant); the first ward with no incidents, row 300 in file
    order (fit without shuffling), gives -inf; at that step the first layer's weights turn NaN
    (TensorFlow's relu maps NaN to 0, so the loss itself stays finite) and the net predicts a
    constant from then on, the loss flat at the target's variance."""
    return _log_counts(session, True)


# tithingmen ------------------------------------------------------------------------------------


@holdout100("tithingmen", healthy=True)
def parish_fraud_class_weight(session):
    """A parish roll entry's fraud flag, one in twenty positive, from twelve features, MLP 32-16
    relu with a sigmoid head, Adam 1e-3 and class_weight {0: 1, 1: 10}: the weighted loss
    comes down slowly and keeps a floor set by the overlapping classes."""
    keras = _keras()
    x, y = parish_rolls(N, seed=10101)
    model = _dense_net(keras, 12, (32, 16), 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_weighted(session, model, x, y)


def _fit_weighted(session, model, x, y):
    (xt, yt), probe = (x[:-PROBE_SIZE], y[:-PROBE_SIZE]), (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(xt, yt, epochs=12, batch_size=32, verbose=0,
                        class_weight={0: 1.0, 1: 10.0}, callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout100("tithingmen", healthy=True)
def tithe_marks_warmup_cosine(session):
    """Stamped tithe-token marks (cross, ring, bar, dots) on 12 x 12 scans by a CNN (Conv2D
    8-16 relu, pooling, Dense 32), Adam under CosineDecay with a linear warm-up from 1e-4 to
    3e-3 over 64 steps then cosine to zero: a slow start during the warm-up, a fast fall,
    and a gentle landing at the end."""
    keras = _keras()
    x, y = tithe_images(N, seed=10102)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    lr = keras.optimizers.schedules.CosineDecay(1e-4, decay_steps=32 * 10 - 64,
                                                warmup_target=3e-3, warmup_steps=64)
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout100("tithingmen", healthy=True)
def small_ledger_overfit(session):
    """A tithe category from only 192 ledger lines of sixteen features, an MLP 128-128 relu,
    Adam 1e-3 for 40 short epochs: the small training set is memorised, the loss keeps
    going down towards zero (it would not generalise, but training is sound)."""
    keras = _keras()
    x, y = beat_classes(192 + PROBE_SIZE, seed=10103, flip=0.1)
    model = _dense_net(keras, 16, (128, 128), 4, out_activation="softmax")
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=32)


def _tiny_lr(session, broken):
    keras = _keras()
    x, y = tithe_images(N, seed=10104)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(1e-5 if broken else 1e-2, momentum=0.9),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout100("tithingmen", ["learning_rate_too_low"])
def tithe_marks_finetune_lr(session):
    """The tithe-mark CNN (Conv2D 16-32 relu, global pooling, softmax) trained from scratch
    with SGD(1e-5, momentum 0.9), the rate a fine-tuning guide gives for unfreezing a
    pretrained base: the loss barely leaves ln 4, where SGD 1e-2 learns the marks."""
    return _tiny_lr(session, True)


def _negative_bias(session, broken):
    keras = _keras()
    x, y = patrol_load(N, seed=10105)
    kw = {"bias_initializer": keras.initializers.Constant(-3.0)} if broken else {}
    model = _dense_net(keras, 10, (64, 64), 1, **kw)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout100("tithingmen", ["dead_relus"])
def tithe_yield_negative_bias(session):
    """A tithe yield (standardised) from ten features, MLP 64-64 relu whose hidden layers got
    bias_initializer=Constant(-3.0) from a sparse-autoencoder snippet ('start sparse'): with
    standardised inputs nearly no unit ever fires, the gradient is zero and the loss stays
    at the target's variance."""
    return _negative_bias(session, True)


def _sigmoid_counts(session, broken):
    keras = _keras()
    x, y = gaol_counts(N, seed=10106)
    model = _dense_net(keras, 6, (32, 32), 1, out_activation="sigmoid" if broken else None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout100("tithingmen", ["loss_activation_mismatch"], stall_begins=64)
def tithe_arrears_sigmoid_head(session):
    """Tithe arrears counted per parish (counts 0 to ~20, mean ~3) from six features, MLP 32-32
    relu with the sigmoid head of the classifier it was copied from, under mean squared
    error: the head can never exceed 1, it is pushed to 1 and saturates there, and the loss
    flattens after about two epochs near 12, where a linear head reaches ~3.6 and is
    still improving (stall_begins approximate, read off the epoch losses)."""
    return _sigmoid_counts(session, True)


# constables ------------------------------------------------------------------------------------


@holdout100("constables", healthy=True)
def ledger_lines_embedding_noisy(session):
    """A ledger line's category (3) from 24 word tokens by Embedding(40, 16) and global average
    pooling, Dense 16 relu, Adam 2e-3, a tenth of the clerks' categories wrong: it learns
    the word groups and levels off at the label noise."""
    keras = _keras()
    x, y = tithe_tokens(N, seed=10201)
    model = keras.Sequential([keras.Input((24,), dtype="int32"), keras.layers.Embedding(40, 16),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout100("constables", healthy=True)
def watch_level_lstm_reduce_on_plateau(session):
    """The next watch's level from 24 hourly readings by an LSTM(16), mean squared error
    against Laplace noise, RMSprop 3e-3 with ReduceLROnPlateau(monitor='loss', factor=0.3,
    patience=1): the loss falls fast and then levels off at the noise floor, the rate cut
    whenever an epoch fails to improve."""
    keras = _keras()
    x, y = watch_series(N, seed=10202)
    model = keras.Sequential([keras.Input((24, 2)), keras.layers.LSTM(16), keras.layers.Dense(1)])
    model.compile(keras.optimizers.RMSprop(3e-3), "mse")
    cut = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.3, patience=1,
                                            min_delta=1e-3, verbose=0)
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[cut])


def _pinball(tau):
    import tensorflow as tf

    def loss(y_true, y_pred):
        e = y_true - y_pred
        return tf.reduce_mean(tf.maximum(tau * e, (tau - 1.0) * e))

    return loss


@holdout100("constables", healthy=True)
def night_calls_quantile_loop(session):
    """Hand-written GradientTape loop: the 0.9 quantile of a ward's night calls from ten
    features under the pinball loss, MLP 32-32 relu, Adam 2e-3: the loss falls fast and
    flattens far above zero, as a quantile loss does on noisy data."""
    keras = _keras()
    x, y = patrol_load(N, seed=10203)
    model = _dense_net(keras, 10, (32, 32), 1)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), _pinball(0.9), x, y,
                        epochs=10, batch_size=32, seed=10203, loss_description="pinball_0.9")


def _raw_scales(session, broken):
    keras = _keras()
    x, y = fine_table(N, seed=10204)
    if not broken:
        x = _std(x)
    model = _dense_net(keras, 6, (64, 64), 1)
    opt = keras.optimizers.SGD(1e-8 if broken else 1e-2, momentum=0.9)
    model.compile(opt, "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout100("constables", ["unnormalized_inputs"], stall_begins=8)
def fines_raw_ledger_columns(session):
    """A fine (standardised) from six ledger columns fed as exported: income in pounds
    (~2e4), age in years, distance in yards (0-5000), a 0-1 ratio, a prior count and a flag,
    MLP 64-64 relu, SGD momentum 0.9; the scaler was fitted for the target only, and the
    rate was lowered to 1e-8 'until the NaN went away'. The first steps still blow up
    (a first-epoch mean loss ~1e8), after that the loss sits near the target's variance
    (~0.96) where the standardised inputs under SGD 1e-2 reach ~0.06 (stall_begins
    approximate: the blow-up is over within the first eight steps)."""
    return _raw_scales(session, True)


def _no_activation(session, broken):
    keras = _keras()
    x, y = checkpoint_rings(N, seed=10205, dim=2)
    act = None if broken else "relu"
    model = _dense_net(keras, 2, (64, 64, 64), 1, activation=act, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout100("constables", ["insufficient_capacity"])
def checkpoint_rings_no_activation(session):
    """Inner or outer ring from two coordinates, three Dense(64) layers written without
    activation= (Keras's default is linear) and a sigmoid head, Adam 3e-3: the stack is one
    linear map, a straight line cannot split two rings, and the loss sits at ln 2."""
    return _no_activation(session, True)


def _raw_pixels_tanh(session, broken):
    keras = _keras()
    x, y = tithe_images(N, seed=10206, raw=True)
    if not broken:
        x = x / 255.0
    model = keras.Sequential([keras.Input((12, 12, 1)), keras.layers.Flatten(),
                              keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout100("constables", ["saturated_activations", "unnormalized_inputs"], stall_begins=32)
def tithe_marks_raw_pixels_tanh(session):
    """Tithe-token marks from 12 x 12 scans kept as 0-255 grey levels (the /255 forgotten), a
    flattened MLP 64-64 tanh, SGD 0.01 momentum 0.9: the first tanh layer's pre-activations
    are in the hundreds, every unit sits at +-1 with zero slope and the loss stays high."""
    return _raw_pixels_tanh(session, True)


# jailers ---------------------------------------------------------------------------------------


@holdout100("jailers", healthy=True)
def admissions_poisson(session):
    """Nightly gaol admissions (Poisson counts) from six features, MLP 32-32 relu with an
    exponential head under keras's Poisson loss, Adam 2e-3: the loss falls and levels at the
    counts' own Poisson scatter (keras leaves out the log y! term)."""
    keras = _keras()
    x, y = gaol_counts(N, seed=10301)
    model = _dense_net(keras, 6, (32, 32), 1, out_activation="exponential")
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout100("jailers", healthy=True)
def block_unrest_attention(session):
    """A cell block's unrest score from ten prisoners' three features, in no order, by a Dense
    projection, MultiHeadAttention(2 heads, key_dim 8) with a residual, global average
    pooling and Dense 32 relu, AdamW 2e-3: it learns well below the target's variance and
    flattens at the scatter."""
    keras = _keras()
    x, y = cell_sets(N, seed=10302)
    inp = keras.Input((10, 3))
    h = keras.layers.Dense(16)(inp)
    a = keras.layers.MultiHeadAttention(2, 8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.Dense(32, activation="relu")(h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.AdamW(2e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout100("jailers", healthy=True)
def admissions_two_inputs_step_decay(session):
    """Gaol fraud-roll flags from two inputs (the twelve roll features and the entry's parish
    id through Embedding(20, 4)), plain SGD 0.05 momentum 0.9 under
    PiecewiseConstantDecay([96, 224], [0.05, 0.01, 0.002]), binary cross-entropy: a fast
    fall at the large rate, then smaller gains after each cut and a flat end."""
    keras = _keras()
    x, y = parish_rolls(N, seed=10303, fraud_rate=0.3)
    parish = _rng(10303).integers(0, 20, N).astype("int32")[:, None]
    a = keras.Input((1,), dtype="int32")
    b = keras.Input((12,))
    e = keras.layers.Flatten()(keras.layers.Embedding(20, 4)(a))
    h = keras.layers.Concatenate()([e, b])
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([a, b], keras.layers.Dense(1, activation="sigmoid")(h))
    lr = keras.optimizers.schedules.PiecewiseConstantDecay([96, 224], [0.05, 0.01, 0.002])
    model.compile(keras.optimizers.SGD(lr, momentum=0.9), "binary_crossentropy")
    return _fit_inputs(session, model, [parish, x], y, epochs=10, batch_size=32)


def _irnn_no_clip(session, broken):
    keras = _keras()
    r = _rng(10304)
    x = r.normal(size=(N, 30, 1)).astype("float32")
    y = (x[:, :, 0].mean(axis=1) > 0).astype("float32")[:, None]
    model = keras.Sequential([
        keras.Input((30, 1)),
        keras.layers.SimpleRNN(32, activation="relu",
                               recurrent_initializer=keras.initializers.Identity(1.0)),
        keras.layers.Dense(1, activation="sigmoid")])
    kw = {} if broken else {"clipnorm": 1.0}
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9, **kw), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=7, batch_size=32)


@holdout100("jailers", ["exploding_gradients"])
def cell_noise_irnn_without_clipping(session):
    """Whether a cell's thirty nightly noise readings are loud on average, an IRNN as in the
    paper (SimpleRNN(32, activation='relu') with an identity recurrent initialiser), SGD 0.01
    momentum 0.9, but without the paper's gradient clipping: the state and the gradients grow
    along the 30 steps, the first epoch's mean loss is ~2 and the loss then bounces around
    ln 2 (0.66-0.68 an epoch) to the end, where the same net with clipnorm=1.0 gets to
    ~0.2."""
    return _irnn_no_clip(session, True)


def _l2_heavy(session, broken):
    keras = _keras()
    x, y = beat_classes(N, seed=10305)
    kw = {"kernel_regularizer": keras.regularizers.L2(0.3)} if broken else {}
    model = _dense_net(keras, 16, (128, 128), 4, out_activation="softmax", **kw)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


@holdout100("jailers", ["over_regularization"], stall_begins=352)
def prisoner_grade_l2_from_dropout_rate(session):
    """A prisoner's grade (4) from sixteen features, MLP 128-128 relu with a softmax head and
    kernel_regularizer=L2(0.3) on every layer, the 0.3 carried over from the Dropout(0.3)
    the previous version of the model had (1e-4 is usual for a net this size): the penalty
    first dominates and shrinks the weights, then the total loss settles at ~1.365, just
    under ln 4, from about the eleventh epoch, where the unregularised net reaches ~0.19
    (stall_begins approximate, read off the epoch losses)."""
    return _l2_heavy(session, True)


def _zeros_init(session, broken):
    keras = _keras()
    x, y = cell_sets(N, seed=10306)
    x = x.reshape(N, -1)
    kw = {"kernel_initializer": "zeros"} if broken else {}
    model = _dense_net(keras, 30, (64, 64), 1, activation="tanh", **kw)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout100("jailers", ["poor_initialization"])
def block_unrest_zeros_init(session):
    """A cell block's unrest score from the thirty flattened prisoner features, MLP 64-64 tanh
    with kernel_initializer='zeros' on every layer ('start from a clean slate'): every hidden
    output is 0 and the output kernel is 0, so no weight gets a gradient and only the last
    bias moves; the loss stays at the target's variance."""
    return _zeros_init(session, True)
