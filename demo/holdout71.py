"""The seventy-first held-out catalogue: written by someone who did not read the engine or run the
diagnosis on these runs, and scored once.

It was written from the mistakes practitioners most often report (forum questions, issue
trackers, code reviews), without reading the engine's detectors or thresholds and without
running the diagnosis. Every scenario was checked only from its own loss curve (Keras History
and the per-step loss, in a throwaway script with the runner's seed), and every broken one
against the same model trained without its mistake (each helper `_name(session, broken)`
trains both).

Half of it is healthy-but-imperfect training. Cabinetmakers: a glued joint's shear strength
with scatter growing with the moisture, an MLP under Adam with a linear warm-up and cosine
decay (flat at the heteroscedastic floor); a saw's state from vibration traces by a Conv1D net,
15% of the calls wrong; the workshop's humidity by a GRU in a hand-written GradientTape loop
under the Huber loss against Student-t noise. Upholsterers: warranty returns, one job in
twelve, weighted up by class_weight (a slow descent to a floor well above zero); customer
notes by Embedding and average pooling with 12% misfiled notes under RMSprop and
ReduceLROnPlateau; a spring tension from only 192 chairs by an MLP 128-128 that memorises the
book over 60 short epochs (with a brief bump late on). Lapidaries: facet-pattern tiles by a
Conv2D net under SGD with PiecewiseConstantDecay, 10% of labels wrong; inclusion counts
(Poisson) by an exponential-output MLP under keras's Poisson loss; humidity by an LSTM under
plain SGD 0.02, still improving at the end. Assayers: the 0.9 quantile of an ore grade under
the pinball loss; a two-input model (assay office by Embedding, six readings); ore lots of ten
samples by a MultiHeadAttention block in a hand-written AdamW loop.

The broken half, one root cause each: Adam with learning_rate=1.0 kept from an Adadelta
recipe (learning rate too high); SGD(1e-5) copied from a fine-tuning recipe for a net trained
from scratch (learning rate too low); ten stacked sigmoid layers (vanishing gradients); the
IRNN recipe (relu SimpleRNN, identity recurrence) without its gradient clipping, which goes
to inf and NaN at the second step (exploding gradients, with non-finite values genuinely
present too); the focal-loss prior bias -4.6 put into the hidden layers' shared keyword
arguments (dead ReLUs: no hidden unit ever fires); keras Rescaling(255) in front of a tanh MLP
fed [0, 1] readings (saturated activations); a sigmoid head kept from a classifier on a
standardised regression target (loss/activation mismatch); three Dense layers with the
activation keyword left out, one linear map on a bowl-shaped target (insufficient capacity);
Dropout(0.9) ported from TF1's keep_prob (over-regularisation); kernel_initializer='zeros'
everywhere (poor initialisation); NaN targets of untested joints passed to fit without
dropna (non-finite values, exact in file order).
The unnormalised-inputs run rescales the lab sheet's raw columns with a row-wise L2
normalisation (what sklearn's preprocessing.normalize does, taken for a scaler): the mass
column in mg makes every row ~(1, 0.03, ...), and the informative readings vary by ~1e-4.

Dropped or replaced because they did not behave as intended: Dense(1, activation='softmax')
under binary cross-entropy (the most asked-about mismatch; it trained exactly as the sigmoid
head, identical losses: keras 3 computes the cross-entropy from the cached logits and repairs
it; the sigmoid head on a standardised target replaced it); Adam(0.1) on the notes model (it
trained better than Adam 1e-3; 1.0 kept); NaN in an input column instead of the target (the
loss stayed finite at ~1.0, relu maps the NaN activations to zero, so the non-finite values
never reach the loss; NaN targets kept); the focal prior bias in every layer including the
head (the head's bias kept climbing from -4.6 and the loss kept falling; hidden layers only
kept); Rescaling(255) in a tanh Conv2D net (it trained, ~0.24 against ~0.17; the tanh MLP
kept); a plain relu SimpleRNN(32) over 60 steps without clipping under SGD 0.02 momentum 0.9
(it trained fine, ~0.08; the IRNN kept); SGD(1e-5, momentum 0.9) (it crept down ~0.002 an
epoch; plain SGD(1e-5) kept); the lab sheet's raw columns fed unscaled to the MLP, under
Adam 1e-3 and 1e-2 and with the mass in mg or in g (the loss fell from ~1e6 or ~1e4 and was
still falling at the end, ~265, ~574, ~1.1, ~1.2; the row-wise normalisation kept). Not written: a second mechanism for a cause whose first one
behaved.

With the runner's seed, `fit` visits the examples in the same order every epoch, so some runs
show a sawtooth within each epoch. Labels follow `scenarios.py`: `expected_causes[0]` is the
root cause the scenario was built around, a second cause only where that symptom is genuinely
present too (the unclipped IRNN's loss is inf at step 2 and NaN after); `stall_begins` is the
optimizer step from which the loss stops improving (None: from the start), exact where an
event of the scenario causes it (the first NaN target in file order at step 10, the IRNN's
inf at step 2), otherwise read off the per-step loss and marked approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("cabinetmakers", "upholsterers", "lapidaries", "assayers")

REGISTRY = []

holdout71 = registrar(REGISTRY)

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


def joint_strength(n, seed, dim=8, hetero=True):
    """A glued joint's shear strength (standardised) from eight shop features (glue, clamp
    time, grain angle, moisture...), non-linear, with scatter that grows with the moisture
    when `hetero`."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    mean = (np.tanh(1.2 * x[:, 0]) + 0.6 * x[:, 1] * x[:, 2] - 0.5 * np.abs(x[:, 3])
            + 0.4 * np.sin(2.0 * x[:, 4]))
    scale = 0.2 + 0.35 * np.abs(x[:, 5]) if hetero else 0.25
    y = mean + scale * r.normal(size=n)
    return x, _std(y)[:, None]


def timber_grades(n, seed, dim=10, classes=4, flip=0.0):
    """A board's grade (classes) from ten measurements, by the argmax of non-linear scores; a
    fraction `flip` of the grades are wrong."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    w = r.normal(size=(dim, classes))
    scores = np.tanh(x @ w) + 0.8 * np.sin(x[:, :classes] * 1.5) + 0.5 * (x[:, 1:classes + 1] ** 2)
    y = scores.argmax(axis=1)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, classes, n)) % classes, y)
    return x, y.astype("int64")


def saw_traces(n, seed, length=64, flip=0.0):
    """Vibration traces of a saw over 64 readings, three classes: 0 sharp (smooth), 1 dull (a
    low hum grows), 2 a chipped tooth (periodic spikes); a fraction `flip` mislabelled."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    t = np.arange(length)
    x = np.empty((n, length, 1), dtype="float32")
    for k in range(n):
        s = 0.4 * np.sin(2 * np.pi * t / r.uniform(6, 12) + r.uniform(0, 6.3))
        if y[k] == 1:
            s = s + r.uniform(0.4, 0.9) * np.sin(2 * np.pi * t / 32.0) * (t / length)
        elif y[k] == 2:
            period = r.integers(7, 12)
            s = s + 1.2 * ((t + r.integers(0, period)) % period == 0)
        x[k, :, 0] = s + 0.3 * r.normal(size=length)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 3, n)) % 3, y)
    return x, y.astype("int64")


def humidity_series(n, seed, length=30, heavy=False):
    """Tomorrow's workshop humidity (standardised) from 30 days of humidity and temperature:
    a damped trend of the last week plus a cross term; the noise is Student-t (df=2.5)
    when `heavy`."""
    r = _rng(seed)
    x = np.zeros((n, length, 2), dtype="float32")
    level = r.normal(size=n)
    for t in range(length):
        level = 0.85 * level + 0.4 * r.normal(size=n)
        x[:, t, 0] = level
        x[:, t, 1] = 0.5 * np.sin(t / 4.0 + r.uniform(0, 6.3, n)) + 0.3 * r.normal(size=n)
    y = 0.7 * x[:, -1, 0] + 0.3 * x[:, -7:, 0].mean(axis=1) - 0.4 * x[:, -1, 1] * x[:, -2, 0]
    noise = r.standard_t(2.5, size=n) * 0.25 if heavy else 0.2 * r.normal(size=n)
    return x, _std(y + noise)[:, None]


def fabric_tokens(n, seed, length=24, vocab=40, classes=3, flip=0.0):
    """A customer's note about a sofa fabric as 24 tokens of a 40-word vocabulary; the class
    (3) is set by which group of key words outnumbers the others; `flip` mislabelled."""
    r = _rng(seed)
    x = r.integers(4 + 3 * 4, vocab, size=(n, length))
    y = r.integers(0, classes, n)
    for k in range(n):
        m = r.integers(2, 5)
        pos = r.choice(length, m, replace=False)
        x[k, pos] = 4 + 4 * y[k] + r.integers(0, 4, m)
        other = r.integers(0, classes)
        if other != y[k]:
            q = r.integers(0, m)
            spare = [p for p in range(length) if p not in pos]
            x[k, r.choice(spare, q, replace=False)] = 4 + 4 * other + r.integers(0, 4, q)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, classes, n)) % classes, y)
    return x.astype("int32"), y.astype("int64")


def gem_tiles(n, seed, size=12, flip=0.0):
    """12x12 grey tiles of a cut stone's facet pattern, three classes: 0 horizontal bands,
    1 vertical bands, 2 a bright centre (a brilliant's table); values in [0, 1]."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    i, j = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        f = r.uniform(0.5, 1.2)
        ph = r.uniform(0, 6.3)
        if y[k] == 0:
            img = 0.5 + 0.35 * np.sin(f * i + ph)
        elif y[k] == 1:
            img = 0.5 + 0.35 * np.sin(f * j + ph)
        else:
            c = size / 2 + r.normal(0, 1.0, 2)
            img = 0.2 + 0.6 * np.exp(-((i - c[0]) ** 2 + (j - c[1]) ** 2) / r.uniform(4, 10))
        x[k, :, :, 0] = np.clip(img + 0.12 * r.normal(size=(size, size)), 0, 1)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 3, n)) % 3, y)
    return x, y.astype("int64")


def inclusion_counts(n, seed, dim=6):
    """Inclusions counted under the loupe (Poisson, mean ~2) from six features of the rough."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    rate = np.exp(0.6 + 0.5 * x[:, 0] - 0.3 * x[:, 1] ** 2 / 2 + 0.3 * np.sin(2 * x[:, 2]))
    return x, r.poisson(rate).astype("float32")[:, None]


def assay_sets(n, seed, items=10, dim=4):
    """A lot of ten ore samples (four readings each), unordered; the lot's class (3) is set by
    how many of its samples carry a rich vein signature (reading 0 and 1 both high)."""
    r = _rng(seed)
    x = r.normal(size=(n, items, dim)).astype("float32")
    rich = ((x[:, :, 0] > 0.3) & (x[:, :, 1] > 0.0)).sum(axis=1)
    y = np.digitize(rich, [2, 4])
    return x, y.astype("int64")


def ore_grade(n, seed, dim=10, noise=0.5):
    """An ore's gold grade (standardised) from ten assay features, with a wide scatter."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    y = (0.8 * x[:, 0] + 0.5 * np.maximum(x[:, 1], 0) * x[:, 2] + 0.4 * np.cos(1.5 * x[:, 3])
         + noise * (1 + 0.5 * np.abs(x[:, 4])) * r.normal(size=n))
    return x, _std(y)[:, None]


def _dense_net(keras, inputs, hidden, outputs, activation="relu", out_activation=None, **kw):
    layers = [keras.Input((inputs,))]
    layers += [keras.layers.Dense(h, activation=activation, **kw) for h in hidden]
    layers.append(keras.layers.Dense(outputs, activation=out_activation))
    return keras.Sequential(layers)


# cabinetmakers -------------------------------------------------------------------------------


@holdout71("cabinetmakers", healthy=True)
def joint_strength_warmup_cosine(session):
    """A glued joint's shear strength (standardised) from eight shop features whose scatter
    grows with the wood's moisture, MLP 64-64 relu, Adam under CosineDecay(0 -> 3e-3 over a
    64-step warm-up, then cosine to zero over 320 steps): it falls fast and flattens at the
    heteroscedastic noise floor, far above zero."""
    keras = _keras()
    x, y = joint_strength(N, seed=7101)
    model = _dense_net(keras, 8, [64, 64], 1)
    lr = keras.optimizers.schedules.CosineDecay(0.0, 320, warmup_target=3e-3, warmup_steps=64)
    model.compile(keras.optimizers.Adam(lr), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout71("cabinetmakers", healthy=True)
def saw_vibration_noisy_labels(session):
    """A saw's state (sharp, dull, chipped tooth) from 64 vibration readings, 15% of the
    sharpener's calls wrong, Conv1D 16-32 relu with global max pooling, Adam 2e-3: it learns
    the three states and rests at the label noise's floor."""
    keras = _keras()
    x, y = saw_traces(N, seed=7102, flip=0.15)
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout71("cabinetmakers", healthy=True)
def workshop_humidity_huber_loop(session):
    """Hand-written GradientTape loop: tomorrow's workshop humidity from 30 days of humidity
    and temperature by a GRU(16) -> Dense 1, Huber loss (delta 1) against Student-t noise,
    Adam 3e-3: the loss falls and settles at the heavy-tailed noise's Huber floor."""
    keras = _keras()
    x, y = humidity_series(N, seed=7103, heavy=True)
    model = keras.Sequential([keras.Input((30, 2)), keras.layers.GRU(16), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), keras.losses.Huber(1.0),
                        x, y, epochs=8, batch_size=32, seed=7103)


def _sigmoid_regression_head(session, broken):
    keras = _keras()
    x, y = joint_strength(N, seed=7104, hetero=False)
    model = _dense_net(keras, 8, [64, 32], 1, out_activation="sigmoid" if broken else None)
    model.compile(keras.optimizers.Adam(5e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# The loss levels off at ~0.63 from about the fifth 16-step stretch: approximate.
@holdout71("cabinetmakers", ["loss_activation_mismatch"], stall_begins=80)
def joint_strength_sigmoid_head(session):
    """A joint's shear strength, standardised with a StandardScaler (mean 0, half the targets
    negative), by an MLP 64-32 relu whose Dense(1, activation='sigmoid') head was kept from
    the shop's pass/fail classifier, MSE, Adam 5e-3: the head can only say 0..1, so every
    weak joint is predicted at 0 at best and the loss rests far above the linear head's."""
    return _sigmoid_regression_head(session, True)


def _nan_feature(session, broken):
    keras = _keras()
    x, y = joint_strength(N, seed=7105, hetero=False)
    y = y.copy()
    # Four joints were never put on the tester: their strength cell is empty, read as NaN.
    missing = [300, 301, 650, 877]
    y[missing] = np.nan
    if not broken:
        keep = np.ones(len(y), bool)
        keep[missing] = False
        x, y = x[keep], y[keep]
    model = _dense_net(keras, 8, [64, 64], 1)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=6, batch_size=32, shuffle=False)


# Row 300 is in the tenth batch of the file-order pass: its NaN feature is step 10.
@holdout71("cabinetmakers", ["non_finite_values"], stall_begins=300 // 32 + 1)
def joint_log_untested_joints(session):
    """A joint's shear strength from eight shop-log features by an MLP 64-64 relu, Adam 2e-3,
    in file order; four joints were never put on the tester, their strength cell is empty
    and the DataFrame was passed to fit without dropna, so those targets are NaN: the first
    batch holding one makes the loss NaN and every weight NaN from then on."""
    return _nan_feature(session, True)


def _keep_prob_dropout(session, broken):
    keras = _keras()
    x, y = saw_traces(N, seed=7106)
    rate = 0.9 if broken else 0.1
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.Dropout(rate),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.Dropout(rate),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dropout(rate),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# Flat at ~1.13 (the fix: ~0.06) from about step 100: approximate.
@holdout71("cabinetmakers", ["over_regularization"], stall_begins=100)
def saw_vibration_dropout_keep_prob(session):
    """The saw's state from 64 vibration readings by a Conv1D 16-32 net with Dropout(0.9)
    after every layer, ported from TF1 code where 0.9 was keep_prob: Keras's rate is the
    fraction dropped, so nine units in ten are zeroed on every step and the net cannot fit
    even the clean labels."""
    return _keep_prob_dropout(session, True)


# upholsterers --------------------------------------------------------------------------------


@holdout71("upholsterers", healthy=True)
def reupholstery_claims_class_weight(session):
    """Whether a reupholstery job comes back under warranty (about one job in twelve) from ten
    job features, MLP 32-32 relu with a sigmoid head, binary cross-entropy with
    class_weight {0: 1, 1: 6}, Adam 1e-3: the weighted loss falls slowly and steadily from
    its start, still falling at the end, well above zero (the classes overlap)."""
    keras = _keras()
    r = _rng(7201)
    x = r.normal(size=(N, 10)).astype("float32")
    score = 1.2 * x[:, 0] - 0.8 * x[:, 1] + 0.6 * x[:, 2] * x[:, 3] + 0.7 * r.normal(size=N)
    y = (score > np.quantile(score, 0.92)).astype("float32")[:, None]
    model = _dense_net(keras, 10, [32, 32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    (xt, yt), probe = (x[:-PROBE_SIZE], y[:-PROBE_SIZE]), (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(xt, yt, epochs=10, batch_size=32, verbose=0,
                        class_weight={0: 1.0, 1: 6.0}, callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout71("upholsterers", healthy=True)
def fabric_notes_reduce_on_plateau(session):
    """A customer's note about a fabric (24 tokens) classed as complaint, praise or question by
    Embedding(40, 16) -> GlobalAveragePooling1D -> Dense 32 relu -> softmax, 12% of the notes
    misfiled, RMSprop 3e-3 with ReduceLROnPlateau(monitor='loss', factor=0.3, patience=1):
    it learns the key words, then the rate is cut and the loss rests at the misfiled
    notes' floor."""
    keras = _keras()
    x, y = fabric_tokens(N, seed=7202, flip=0.12)
    model = keras.Sequential([keras.Input((24,), dtype="int32"),
                              keras.layers.Embedding(40, 16),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.RMSprop(3e-3), "sparse_categorical_crossentropy")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.3, patience=1,
                                                min_delta=0.01, verbose=0)
    return _fit(session, model, x, y, epochs=14, batch_size=32, callbacks=[plateau])


@holdout71("upholsterers", healthy=True)
def small_shop_spring_tension(session):
    """A chair's spring tension (standardised) from ten features of only 192 chairs in one
    small shop's book, MLP 128-128 relu, Adam 2e-3, 60 epochs of 6 steps: the training loss
    keeps falling past the noise level as the net memorises the few chairs it has (with a
    brief bump late on, from which it falls again)."""
    keras = _keras()
    x, y = ore_grade(192 + PROBE_SIZE, seed=7203, noise=0.4)
    model = _dense_net(keras, 10, [128, 128], 1)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=60, batch_size=32)


def _adam_rate(session, broken):
    keras = _keras()
    x, y = fabric_tokens(N, seed=7204)
    model = keras.Sequential([keras.Input((24,), dtype="int32"),
                              keras.layers.Embedding(40, 16),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(1.0 if broken else 1e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# The first steps' loss is in the hundreds; it settles at ~1.13 (above ln 3) by about step 60: approximate.
@holdout71("upholsterers", ["learning_rate_too_high"], stall_begins=60)
def fabric_notes_adam_adadelta_rate(session):
    """The fabric notes (24 tokens, three classes, clean labels) by Embedding(40, 16) ->
    average pooling -> Dense 64 relu -> softmax under Adam(learning_rate=1.0), the rate kept
    from the Adadelta recipe it replaced: Adam's steps are already normalised, so every weight
    moves by about 1.0 each step, the first logits are hundreds apart and the loss then sits
    above the class prior."""
    return _adam_rate(session, True)


def _prior_bias_hidden(session, broken):
    keras = _keras()
    x, y = timber_grades(N, seed=7205, classes=2, dim=10)
    y = y.astype("float32")[:, None]
    prior = keras.initializers.Constant(-4.6)  # -log((1 - 0.01) / 0.01)
    hidden = {"bias_initializer": prior} if broken else {}
    model = _dense_net(keras, 10, [64, 64], 1, out_activation="sigmoid", **hidden)
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout71("upholsterers", ["dead_relus"])
def stitch_fault_prior_bias_hidden(session):
    """Whether a seam will fail (binary, balanced) from ten features by an MLP 64-64 relu,
    Adam 1e-3. The focal-loss 'prior probability' bias init, -log((1 - 0.01) / 0.01) = -4.6,
    meant for the final classifier layer only, went into the keyword arguments shared by the
    hidden Dense layers (the head built apart with its default zero bias): every hidden
    pre-activation starts near -4.6 on standardised inputs, no ReLU ever fires, and the
    output stays at one half."""
    return _prior_bias_hidden(session, True)


def _no_activation(session, broken):
    keras = _keras()
    r = _rng(7206)
    x = r.normal(size=(N, 6)).astype("float32")
    # Foam firmness after a cushion's cycles: a bowl in the density and a twist in the rest.
    y = _std(x[:, 0] ** 2 + np.sin(2 * x[:, 1]) * x[:, 2] + 0.5 * np.abs(x[:, 3])
             + 0.15 * r.normal(size=N))[:, None]
    act = None if broken else "relu"
    model = _dense_net(keras, 6, [64, 64, 64], 1, activation=act)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# ~1.0 from about step 40, creeping ~0.002 an epoch after (the fix: ~0.09): approximate.
@holdout71("upholsterers", ["insufficient_capacity"], stall_begins=40)
def cushion_firmness_no_activation(session):
    """A cushion's firmness after wear (standardised) from six foam features by three
    Dense(64) layers written without activation= (the keyword left out, so Keras uses none)
    and a Dense(1) head, Adam 2e-3: the stack is one linear map and the loss levels off at
    the best straight-line fit of a bowl-shaped target."""
    return _no_activation(session, True)


# lapidaries ----------------------------------------------------------------------------------


@holdout71("lapidaries", healthy=True)
def facet_tiles_step_decay(session):
    """A cut stone's facet pattern (horizontal bands, vertical bands, bright table) from 12x12
    grey tiles, 10% of the labels wrong, Conv2D 8-16 relu with pooling, SGD 0.05 momentum
    0.9 under PiecewiseConstantDecay at steps 160 and 320 (0.05, 0.01, 0.002): it learns,
    steps down at the first drop, and rests at the label noise."""
    keras = _keras()
    x, y = gem_tiles(N, seed=7301, flip=0.1)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    lr = keras.optimizers.schedules.PiecewiseConstantDecay([160, 320], [0.05, 0.01, 0.002])
    model.compile(keras.optimizers.SGD(lr, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout71("lapidaries", healthy=True)
def inclusion_counts_poisson(session):
    """Inclusions counted under the loupe (Poisson counts, mean ~2) from six features of the
    rough by an MLP 32-32 relu with an exponential output under keras's Poisson loss, Adam
    2e-3: the loss settles at the counts' own Poisson noise, far from zero (keras leaves
    out the log y! term)."""
    keras = _keras()
    x, y = inclusion_counts(N, seed=7302)
    model = _dense_net(keras, 6, [32, 32], 1, out_activation="exponential")
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout71("lapidaries", healthy=True)
def polishing_wheel_lstm_slow(session):
    """Tomorrow's wheel humidity (the polishing room's, standardised) from 30 days by an
    LSTM(16) under plain SGD 0.02: a long, slow descent that is still improving at the end
    of the run."""
    keras = _keras()
    x, y = humidity_series(N, seed=7303)
    model = keras.Sequential([keras.Input((30, 2)), keras.layers.LSTM(16), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.02), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _deep_sigmoid(session, broken):
    keras = _keras()
    x, y = timber_grades(N, seed=7304, classes=3, dim=10)
    act = "sigmoid" if broken else "relu"
    init = "glorot_uniform" if broken else "he_normal"
    model = _dense_net(keras, 10, [32] * 10, 3, activation=act, out_activation="softmax",
                       kernel_initializer=init)
    model.compile(keras.optimizers.SGD(0.05), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout71("lapidaries", ["vanishing_gradients"])
def cut_grade_ten_sigmoid_layers(session):
    """A stone's cut grade (3) from ten measurements by an MLP of ten Dense(32,
    activation='sigmoid') layers (a textbook network made 'deeper'), plain SGD 0.05: each
    sigmoid passes back at most a quarter of the gradient, so the first layers receive
    almost nothing and the loss sits at the class prior."""
    return _deep_sigmoid(session, True)


def _rescale_wrong_way(session, broken):
    keras = _keras()
    x, y = timber_grades(N, seed=7305, classes=3)
    # The gauge readings were min-max scaled to [0, 1] upstream.
    x = ((x - x.min(axis=0)) / (x.max(axis=0) - x.min(axis=0))).astype("float32")
    scale = 255.0 if broken else 1.0
    model = keras.Sequential([keras.Input((10,)), keras.layers.Rescaling(scale),
                              keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout71("lapidaries", ["saturated_activations"])
def stone_grade_rescaling_255(session):
    """A stone's polish grade (3) from ten gauge readings already min-max scaled to [0, 1], by
    an MLP 64-64 tanh whose first layer is keras Rescaling(255), copied from an image model
    'to be safe': the readings reach 255, the first layer's pre-activations are in the tens
    and nearly every tanh unit sits at +1 or -1 with no gradient; SGD 0.02 momentum 0.9
    bounces at the class prior."""
    return _rescale_wrong_way(session, True)


def _zeros_init(session, broken):
    keras = _keras()
    x, y = saw_traces(N, seed=7306)
    init = "zeros" if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(32, activation="relu", kernel_initializer=init),
        keras.layers.Dense(3, activation="softmax", kernel_initializer=init),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout71("lapidaries", ["poor_initialization"])
def grinder_vibration_zero_init(session):
    """A grinding wheel's state (true, glazed, chipped) from 64 vibration readings by a Conv1D
    16-32 relu net whose every layer has kernel_initializer='zeros' ('start from a neutral
    model'): every unit computes the same zero, no gradient reaches any hidden kernel, and
    only the head's bias learns the class prior."""
    return _zeros_init(session, True)


# assayers ------------------------------------------------------------------------------------


@holdout71("assayers", healthy=True)
def ore_grade_quantile_90(session):
    """The 90th percentile of an ore's gold grade from ten assay features by an MLP 64-64 relu
    under the pinball (quantile 0.9) loss, Adam 2e-3: the loss falls and flattens far above
    zero at the quantile loss of the wide assay scatter."""
    keras = _keras()
    import tensorflow as tf

    x, y = ore_grade(N, seed=7401, noise=0.6)

    def pinball(yt, yp):
        e = yt - yp
        return tf.reduce_mean(tf.maximum(0.9 * e, -0.1 * e), axis=-1)

    model = _dense_net(keras, 10, [64, 64], 1)
    model.compile(keras.optimizers.Adam(2e-3), pinball)
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout71("assayers", healthy=True)
def assay_office_two_inputs(session):
    """A sample's fineness (standardised) from its assay office (one of 30, by Embedding(30, 4))
    and six numeric readings, a two-input functional model, MSE, Nadam 2e-3, the offices'
    own biases plus scatter: it learns both inputs and settles at the scatter."""
    keras = _keras()
    r = _rng(7402)
    office = r.integers(0, 30, N)
    bias = r.normal(0, 0.8, 30)
    xn = r.normal(size=(N, 6)).astype("float32")
    y = (bias[office] + 0.9 * xn[:, 0] - 0.5 * xn[:, 1] * xn[:, 2] + 0.4 * np.sin(2 * xn[:, 3])
         + 0.5 * r.normal(size=N))
    y = _std(y)[:, None]
    a = keras.Input((1,), dtype="int32")
    b = keras.Input((6,))
    e = keras.layers.Flatten()(keras.layers.Embedding(30, 4)(a))
    h = keras.layers.Concatenate()([e, b])
    h = keras.layers.Dense(64, activation="relu")(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([a, b], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Nadam(2e-3), "mse")
    return _fit_inputs(session, model, [office[:, None].astype("int32"), xn], y, epochs=10,
                       batch_size=32)


@holdout71("assayers", healthy=True)
def ore_lot_attention_loop(session):
    """Hand-written GradientTape loop: a lot of ten ore samples (four readings each, unordered)
    classed by how many carry a rich vein, by Dense 16 -> MultiHeadAttention(2 heads) over
    the samples -> mean pooling -> softmax, AdamW 2e-3: it learns to count and levels off
    where the threshold cases stay ambiguous."""
    keras = _keras()
    x, y = assay_sets(N, seed=7403)
    inp = keras.Input((10, 4))
    h = keras.layers.Dense(16, activation="relu")(inp)
    att = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.Add()([h, att])
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(3, activation="softmax")(h))
    return _custom_loop(session, model, keras.optimizers.AdamW(2e-3),
                        keras.losses.SparseCategoricalCrossentropy(), x, y, epochs=10,
                        batch_size=32, seed=7403)


def _relu_rnn(session, broken):
    keras = _keras()
    x, y = humidity_series(N, seed=7404, length=80)
    clip = {} if broken else {"clipnorm": 1.0}
    model = keras.Sequential([keras.Input((80, 2)),
                              keras.layers.SimpleRNN(32, activation="relu",
                                                     recurrent_initializer="identity"),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9, **clip), "mse")
    return _fit(session, model, x, y, epochs=6, batch_size=32)


# The first step's loss is ~42, the second inf, NaN from then on: exact.
@holdout71("assayers", ["exploding_gradients", "non_finite_values"], stall_begins=2)
def furnace_humidity_irnn_unclipped(session):
    """The furnace room's humidity from 80 days of readings by the IRNN recipe, SimpleRNN(32,
    activation='relu', recurrent_initializer='identity'), SGD 0.01 momentum 0.9, copied
    without the gradient clipping the recipe depends on: the unbounded relu state is
    carried unchanged through 80 steps, the first gradients are enormous and one update
    sends the loss to inf and the weights to NaN (clipnorm=1.0 trains the same net)."""
    return _relu_rnn(session, True)


def _tiny_sgd(session, broken):
    keras = _keras()
    x, y = assay_sets(N, seed=7405)
    model = keras.Sequential([keras.Input((10, 4)), keras.layers.Flatten(),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.SGD(1e-5 if broken else 0.05),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout71("assayers", ["learning_rate_too_low"])
def ore_lot_finetune_rate(session):
    """The ore lots (ten samples of four readings) by an MLP 64-64 relu trained from scratch
    with SGD(1e-5), the rate copied from a fine-tuning recipe: the weights
    barely move in ten epochs and the loss stays at its start."""
    return _tiny_sgd(session, True)


def _raw_units(session, broken):
    keras = _keras()
    r = _rng(7406)
    n = N
    # The lab sheet: sample mass in mg, furnace temperature in K, flux in g, cupel age in days,
    # lead ratio and a pH.
    mass = r.uniform(2e4, 6e4, n)
    temp = r.normal(1320, 25, n)
    flux = r.normal(30, 4, n)
    age = r.uniform(0, 400, n)
    lead = r.normal(8, 1, n)
    ph = r.normal(6.5, 0.4, n)
    z = [(mass - 4e4) / 1.15e4, (temp - 1320) / 25, (flux - 30) / 4, (age - 200) / 115,
         (lead - 8) / 1, (ph - 6.5) / 0.4]
    y = (np.sin(1.5 * z[1]) + 0.6 * z[2] * z[4] - 0.5 * np.abs(z[5]) + 0.4 * z[3]
         + 0.3 * z[0] + 0.2 * r.normal(size=n))
    raw = np.stack([mass, temp, flux, age, lead, ph], axis=1)
    if broken:
        x = raw / np.linalg.norm(raw, axis=1, keepdims=True)
    else:
        x = np.stack(z, axis=1)
    x = x.astype("float32")
    model = _dense_net(keras, 6, [64, 64], 1)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, _std(y)[:, None], epochs=10, batch_size=32)


@holdout71("assayers", ["unnormalized_inputs"])
def assay_sheet_raw_units(session):
    """The recovered fineness (standardised) from the lab sheet's six columns as recorded
    (sample mass in mg ~4e4, furnace temperature in K ~1320, flux in g, cupel age in days,
    lead ratio, pH), 'normalised' with a row-wise L2 norm (sklearn's preprocessing.normalize
    taken for a scaler) and fed to an MLP 64-64 relu, Adam 1e-3: every row becomes about
    (1, 0.03, 0.001, ...) set by its mass, the temperature, flux and pH swings that decide the
    fineness vary in the fourth decimal, and the loss stays at the target's variance."""
    return _raw_units(session, True)
