"""The seventy-fifth held-out catalogue: written by someone who did not read the engine or run
the diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History and the per-step running loss, in a throwaway script with the runner's
seed), and every broken one against the same model trained without its mistake (each helper
`_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Silversmiths: an assay grade from ten readings
by an MLP with a quarter of the grades wrong; a polishing time from two wheel channels by a
Conv1D net under Adam with PiecewiseConstantDecay; an ingot's weight loss under Huber loss
against Student-t noise in a hand-written GradientTape loop. Canvasmakers: weave faults on
loom-camera patches by a CNN with classes 70/15/10/5 weighted up by class_weight (a slow start
near ln 4, then a steady descent); a primer review from tokens by Embedding and pooling under
AdamW with a linear warm-up and cosine decay, a tenth of the labels flipped; a stretcher fit
from only 160 canvases by an MLP 128-128 that memorises them over 60 short epochs.
Ropewalkers: a strand's breaking load from tension series by an LSTM under mean absolute error
against heavy-tailed noise; the 0.9 quantile of fibre strength under the pinball loss with
noise that grows with one feature; a lay defect by a GRU under RMSprop with ReduceLROnPlateau
standing by and a fifth of the labels wrong, still easing down at the end. Watermen: ferry
passengers (Poisson counts) by an exponential-output MLP under keras's Poisson loss (negative,
keras leaves out log y!); a wherry's fare from a stair Embedding and five numbers, two inputs,
under plain SGD 0.01 (a long slow descent still going at the end); a call sheet by Embedding and
a MultiHeadAttention block in a hand-written GradientTape loop, 15% of the labels wrong.

The broken half, one root cause each: np.log instead of np.log1p on weekly order counts, so a
week with no orders is a -inf input (non-finite values; the first such row, read in file order,
is in step 5, after which the first layer's weights are NaN; with TensorFlow's relu the loss
stays finite and flat); a catalogue export in grams, years and parts per thousand fed raw, the
rate then lowered under SGD momentum until the NaNs stopped (unnormalised inputs); l2(1.0) on
every Conv1D and Dense kernel (over-regularisation); a Dense(1, activation='sigmoid') head kept
from a classifier for a standardised regression target (loss/activation mismatch); ReLU(threshold
=6.0) written for ReLU6, which is max_value=6 (dead ReLUs); kernel_initializer='zeros' on every
Dense 'for reproducibility' (poor initialisation); an eight-layer sigmoid MLP with keras's
'random_normal' kernels under SGD (vanishing gradients); a relu SimpleRNN with its recurrent
kernel an orthogonal matrix of gain 1.6 and no clipping under SGD momentum (exploding gradients,
with the loss NaN from the first epoch, so non-finite values is listed too); optimizer='adadelta'
from a tutorial that relied on Keras 2.0's learning_rate=1.0, now 0.001 (learning rate too low);
Adam keeping Adadelta's learning_rate=1.0 (learning rate too high); a single Dense(4, softmax)
for four classes set by a product's sign and a radius (insufficient capacity).

Dropped: saturated_activations has no scenario. Three mechanisms were tried and each kept
learning: tanh MLPs 256-256 and 256-256-8 with RandomNormal(stddev=1.0) kernels (and stddev
3.0, and sigmoid units) under SGD 0.01 and Adam 1e-3 (the readout learns on the pinned +-1
units: 1.48 -> 0.81 and 1.94 -> 1.06, still falling, against 0.52 and 0.39 for Glorot); a
SimpleRNN with RandomNormal(stddev=1.0) kernel and recurrent kernel under Adam (2.52 -> 1.34 and
still falling, against 0.25). Replaced: Dense(1, activation='softmax') under binary
cross-entropy for the mismatch (keras 3 trained it exactly as the sigmoid head, loss for loss);
the raw catalogue units under Adam 1e-3 (969 -> 5.0, still falling) and a raw Unix-time feature
under Adam (1.7e15 -> 7e3, still falling), both replaced by the lowered-rate SGD run; l2(1.0)
under Adam 2e-3 (the penalty was still shrinking at the end; Adam 1e-2 kept); the zero kernels
under Adam 2e-3 (the output bias still creeping; 1e-2 kept); np.log on counts with many zeros
(the first -inf in step 1; the counts were raised so that it comes at step 5).

With the runner's seed, `fit` visits the examples in the same order every epoch, so several
runs show the same sawtooth each epoch. Labels follow `scenarios.py`: `expected_causes[0]` is
the root cause the scenario was built around, a second cause only where that symptom is
genuinely present too (the relu RNN's NaN loss); `stall_begins` is the optimizer step from which
the loss stops improving (None: from the start), exact where an event of the scenario causes it
(the first -inf input in file order), otherwise read off the per-step loss and marked
approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("silversmiths", "canvasmakers", "ropewalkers", "watermen")

REGISTRY = []

holdout75 = registrar(REGISTRY)

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


def tabular(n, seed, dim=8, noise=0.2, tail=None, hetero=0.0):
    """A smooth nonlinear target of `dim` standard-normal features plus noise: Gaussian, or
    Student-t with `tail` degrees of freedom; its scale grows with |x0| when `hetero`."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    mean = (np.sin(1.5 * x[:, 0]) + 0.6 * x[:, 1] * x[:, 2] - 0.5 * np.abs(x[:, 3])
            + 0.4 * x[:, 4] + 0.3 * np.tanh(2 * x[:, 5]))
    eps = r.standard_t(tail, size=n) if tail else r.normal(size=n)
    y = mean + (noise + hetero * np.abs(x[:, 0])) * eps
    return x, y.astype("float32")[:, None]


def classes(n, seed, dim=10, k=4, flip=0.0):
    """`k` classes from `dim` features through a fixed random two-layer teacher; a fraction
    `flip` of labels replaced by a wrong class."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    v = r.normal(size=(dim, 16)) / np.sqrt(dim)
    w = r.normal(size=(16, k))
    y = np.argmax(np.tanh(2 * x @ v) @ w, axis=1)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, k, n)) % k, y)
    return x, y.astype("int64")


def images(n, seed, size=12, k=4, weights=None):
    """Small grey images of one stroke on noise: horizontal, vertical, diagonal, anti-diagonal
    (class = the stroke); `weights` sets the class frequencies."""
    r = _rng(seed)
    y = r.choice(k, size=n, p=weights)
    x = 0.35 * r.normal(size=(n, size, size, 1)).astype("float32")
    for i in range(n):
        c = r.integers(2, size - 2)
        lo = r.integers(0, 3)
        idx = np.arange(lo, size - r.integers(0, 3))
        if y[i] == 0:
            x[i, c, idx, 0] += 1.0
        elif y[i] == 1:
            x[i, idx, c, 0] += 1.0
        elif y[i] == 2:
            x[i, idx, idx, 0] += 1.0
        else:
            x[i, idx, size - 1 - idx, 0] += 1.0
    return x, y.astype("int64")


def series(n, seed, length=32, channels=2, noise=0.3):
    """Sequences of `channels` readings: a random-frequency sine with an event bump; the
    target is the bump's height times the sign of the trend, plus noise."""
    r = _rng(seed)
    t = np.linspace(0, 1, length)
    x = np.empty((n, length, channels), dtype="float32")
    y = np.empty(n, dtype="float32")
    for i in range(n):
        h = r.normal()
        trend = r.choice([-1.0, 1.0])
        pos = r.integers(4, length - 4)
        bump = h * np.exp(-0.5 * ((np.arange(length) - pos) / 2.0) ** 2)
        x[i, :, 0] = 0.5 * np.sin(2 * np.pi * (r.uniform(1, 3) * t + r.uniform())) + bump
        x[i, :, 1:] = (trend * t)[:, None] + 0.2 * r.normal(size=(length, channels - 1))
        y[i] = h * trend + noise * r.normal()
    return x, y[:, None]


def tokens(n, seed, length=20, vocab=200, flip=0.0):
    """Token sequences; label 1 when more 'positive' tokens (ids 10..39) than 'negative'
    ones (40..69) occur; a fraction `flip` of labels flipped."""
    r = _rng(seed)
    x = r.integers(70, vocab, size=(n, length))
    for i in range(n):
        m = r.integers(1, 6)
        pos = r.choice(length, size=m, replace=False)
        x[i, pos] = r.integers(10, 70, size=m)
    pos_count = ((x >= 10) & (x < 40)).sum(1)
    neg_count = ((x >= 40) & (x < 70)).sum(1)
    y = (pos_count > neg_count).astype("float32")
    wrong = r.random(n) < flip
    y = np.where(wrong, 1 - y, y).astype("float32")
    return x.astype("int32"), y[:, None]


# silversmiths: healthy ---------------------------------------------------------------------------


@holdout75("silversmiths", healthy=True)
def assay_grade_noisy_labels(session):
    """An assay grade (four classes) from ten furnace and touchstone readings by an MLP 64-64
    relu under Adam 1e-3, sparse categorical cross-entropy; 25% of the assayers' grades are
    wrong, so the loss falls and then levels off far above zero at the label noise."""
    keras = _keras()
    x, y = classes(N, seed=7501, flip=0.25)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout75("silversmiths", healthy=True)
def polish_time_conv1d_steps(session):
    """A piece's polishing time (standardised) from 32 readings of two wheel channels by a
    Conv1D 16-32 net with global average pooling, Adam under PiecewiseConstantDecay
    (3e-3, then 1e-3 at step 144, 2e-4 at step 288), MSE with timing noise: it learns, steps
    down at the drops, and sits at the noise."""
    keras = _keras()
    x, y = series(N, seed=7502)
    model = keras.Sequential([
        keras.Input((32, 2)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1),
    ])
    lr = keras.optimizers.schedules.PiecewiseConstantDecay([144, 288], [3e-3, 1e-3, 2e-4])
    model.compile(keras.optimizers.Adam(lr), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout75("silversmiths", healthy=True)
def ingot_weight_huber_loop(session):
    """Hand-written GradientTape loop: an ingot's weight loss from eight features by an MLP
    64-32 relu under Huber loss (delta 1) against Student-t (3 dof) scale noise, Adam 2e-3:
    a quick fall, then a floor far above zero set by the heavy-tailed noise."""
    keras = _keras()
    x, y = tabular(N, seed=7503, noise=0.5, tail=3)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), keras.losses.Huber(1.0),
                        x, y, epochs=10, batch_size=32, seed=7503)


# silversmiths: broken ----------------------------------------------------------------------------


def _log_counts(session, broken):
    keras = _keras()
    r = _rng(7504)
    # Order counts per week for six patterns; some weeks have none.
    counts = r.poisson(lam=np.exp(r.normal(2.3, 0.45, size=(N, 6))))
    with np.errstate(divide="ignore"):  # numpy warns once; the script carries on
        logc = np.log(counts) if broken else np.log1p(counts)
    y = _std(np.log1p(counts) @ np.array([0.8, -0.5, 0.4, 0.3, 0.0, 0.2])
             + 0.3 * np.log1p(counts[:, 0]) * np.log1p(counts[:, 1]) + 0.2 * r.normal(size=N))
    x = logc.astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y[:, None], epochs=8, batch_size=32, shuffle=False)


def _first_zero_step(batch_size=32):
    r = _rng(7504)
    counts = r.poisson(lam=np.exp(r.normal(2.3, 0.45, size=(N, 6))))
    row = int(np.argmax((counts == 0).any(axis=1)))
    return row // batch_size + 1


# The first row with a zero count, in file order, fixes the step exactly.
@holdout75("silversmiths", ["non_finite_values"], stall_begins=_first_zero_step())
def order_counts_log_features(session):
    """Next week's workshop load (standardised) from six weekly order counts, log-transformed
    'to tame the skew' with np.log instead of np.log1p, by an MLP 64-32 relu under Adam 1e-3
    in file order. Weeks with no orders of a pattern give log(0) = -inf inputs: the first
    batch holding one makes the loss NaN and every weight NaN after it."""
    return _log_counts(session, True)


def _raw_units(session, broken):
    keras = _keras()
    r = _rng(7505)
    weight_g = r.uniform(50, 3000, N)
    year = r.uniform(1750, 1950, N)
    purity = r.uniform(800, 999, N)
    height_mm = r.uniform(20, 400, N)
    z = [(weight_g - 1525) / 850, (year - 1850) / 58, (purity - 900) / 57, (height_mm - 210) / 110]
    y = _std(0.5 * z[0] + np.sin(2 * z[1]) + 0.6 * z[2] * z[3] - 0.4 * z[1] ** 2
             + 0.2 * r.normal(size=N))
    x = np.stack([weight_g, year, purity, height_mm], axis=1).astype("float32")
    if not broken:
        x = _std(x)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(3e-7 if broken else 1e-2, momentum=0.9), "mse")
    return _fit(session, model, x, y[:, None], epochs=10, batch_size=32)


# Huge values over the first epoch, flat at the variance from about step 30: approximate.
@holdout75("silversmiths", ["unnormalized_inputs"], stall_begins=30)
def auction_price_raw_units(session):
    """A piece's auction price (standardised) from its catalogue entry in raw units (weight in
    grams up to 3000, year made ~1850, purity in parts per thousand ~900, height in mm) fed
    straight into an MLP 64-64 relu; the scaler step of the tutorial was left out, the first
    runs went to NaN under SGD momentum 0.9, and the rate was lowered until they stopped
    (3e-7): the first steps swing the loss through huge values, then it sits flat at the
    target's variance, ten times the scaled model's loss."""
    return _raw_units(session, True)




def _heavy_l2(session, broken):
    keras = _keras()
    x, y = series(N, seed=7506, noise=0.2)
    reg = keras.regularizers.l2(1.0 if broken else 1e-4)
    model = keras.Sequential([
        keras.Input((32, 2)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", kernel_regularizer=reg),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same", kernel_regularizer=reg),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(16, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(1, kernel_regularizer=reg),
    ])
    model.compile(keras.optimizers.Adam(1e-2), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# The penalty collapses over the first two epochs; flat from about step 90: approximate.
@holdout75("silversmiths", ["over_regularization"], stall_begins=90)
def chasing_depth_l2_one(session):
    """A chasing depth from 32 readings of two hammer channels by a Conv1D 16-32 net under
    Adam 1e-2, every layer with kernel_regularizer=l2(1.0) (the factor written as 'the l2
    norm' rather than a small penalty weight): the penalty pins the kernels near zero and the
    training loss stays near the target's variance."""
    return _heavy_l2(session, True)


# canvasmakers: healthy ---------------------------------------------------------------------------


@holdout75("canvasmakers", healthy=True)
def weave_fault_imbalanced_weighted(session):
    """Weave faults on 12x12 loom-camera patches (four stroke directions) by a CNN 8-16 with
    global average pooling under Adam 2e-3; the classes come 70/15/10/5 and the rare ones are
    weighted up by class_weight, so the weighted loss starts high, falls steadily and is
    still easing down at the end."""
    keras = _keras()
    x, y = images(N, seed=7511, weights=[0.7, 0.15, 0.1, 0.05])
    counts = np.bincount(y[:-PROBE_SIZE], minlength=4)
    weights = {c: float(len(y[:-PROBE_SIZE]) / (4 * counts[c])) for c in range(4)}
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    (x_train, y_train), probe = (x[:-PROBE_SIZE], y[:-PROBE_SIZE]), (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(x_train, y_train, epochs=10, batch_size=32, verbose=0,
                        class_weight=weights, callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout75("canvasmakers", healthy=True)
def primer_review_warmup_cosine(session):
    """Whether a primer batch review is favourable, from 20 tokens by Embedding(200, 16),
    global average pooling and a Dense 16 relu, AdamW under CosineDecay with a linear warm-up
    (1e-4 to 3e-3 over 64 steps, then cosine over 256), binary cross-entropy with 10% of the
    labels flipped: a short wait, a fall, and a floor at the noise."""
    keras = _keras()
    x, y = tokens(N, seed=7512, flip=0.1)
    model = keras.Sequential([
        keras.Input((20,), dtype="int32"),
        keras.layers.Embedding(200, 16),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    lr = keras.optimizers.schedules.CosineDecay(1e-4, 256, warmup_target=3e-3, warmup_steps=64)
    model.compile(keras.optimizers.AdamW(lr, weight_decay=1e-4), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout75("canvasmakers", healthy=True)
def stretcher_fit_small_data(session):
    """Whether a stretcher frame fits, from 160 measured canvases (ten features) by an MLP
    128-128 relu under Adam 2e-3 for 60 epochs of five steps: the training loss keeps falling
    towards zero as it memorises the few examples."""
    keras = _keras()
    x, y = classes(160 + PROBE_SIZE, seed=7513, k=2, flip=0.1)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=60, batch_size=32)


# canvasmakers: broken ----------------------------------------------------------------------------


def _sigmoid_regression(session, broken):
    keras = _keras()
    r = _rng(7514)
    x, _ = images(N, seed=7514)
    # The target: the patch's mean thread tension (standardised, so about half is negative),
    # read off its brightness pattern with gauge noise.
    y = _std(x[:, :6].mean(axis=(1, 2, 3)) * 3.0 - x[:, 6:].mean(axis=(1, 2, 3)) * 2.0
             + 0.3 * np.abs(x).mean(axis=(1, 2, 3)) + 0.02 * r.normal(size=N))
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid" if broken else None),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y[:, None], epochs=10, batch_size=32)


# Flat (the same sawtooth every epoch) from about the first epoch's 20th step: approximate.
@holdout75("canvasmakers", ["loss_activation_mismatch"], stall_begins=20)
def tension_sigmoid_head(session):
    """A canvas patch's thread tension (standardised: mean 0, unit variance) from its 12x12
    camera patch by a CNN 8-16 under MSE and Adam 2e-3, with Dense(1, activation='sigmoid')
    kept from the classification model it was copied from: the head can only answer between
    0 and 1, so every negative tension (about half) and every tension above 1 stays out of
    reach and the loss levels off far above the linear head's."""
    return _sigmoid_regression(session, True)


def _relu_threshold(session, broken):
    keras = _keras()
    x, y = images(N, seed=7515)
    act = (lambda: keras.layers.ReLU(threshold=6.0)) if broken else (
        lambda: keras.layers.ReLU(max_value=6.0))
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, padding="same"), act(),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, padding="same"), act(),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32), act(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout75("canvasmakers", ["dead_relus"], stall_begins=None)
def brush_stroke_relu6_threshold(session):
    """Brush-stroke direction on 12x12 patches by a CNN 16-32 with a Dense 32, each followed by
    keras.layers.ReLU(threshold=6.0), meant as ReLU6 (which is max_value=6): every unit
    outputs zero unless its input passes 6, which almost none ever does, so the units are
    dead from the start and only the output bias learns."""
    return _relu_threshold(session, True)


def _zero_kernels(session, broken):
    keras = _keras()
    x, y = classes(N, seed=7516, dim=10, k=4)
    init = "zeros" if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input((10,)),
        keras.layers.Dense(64, activation="relu", kernel_initializer=init),
        keras.layers.Dense(64, activation="relu", kernel_initializer=init),
        keras.layers.Dense(4, activation="softmax", kernel_initializer=init),
    ])
    model.compile(keras.optimizers.Adam(1e-2), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# Only the output bias learns; flat from about step 40: approximate.
@holdout75("canvasmakers", ["poor_initialization"], stall_begins=40)
def canvas_grade_zero_kernels(session):
    """A canvas grade (four classes) from ten loom readings by an MLP 64-64 relu under Adam 1e-2, every
    Dense given kernel_initializer='zeros' 'so the runs are reproducible': every hidden unit
    outputs zero and receives zero gradient, so only the output bias learns the class
    frequencies and the loss stays near ln 4."""
    return _zero_kernels(session, True)


# ropewalkers: healthy ----------------------------------------------------------------------------


@holdout75("ropewalkers", healthy=True)
def strand_load_lstm_mae(session):
    """A strand's breaking load from 32 readings of two tension channels by an LSTM(24) under
    mean absolute error and Adam 3e-3, against Student-t (3 dof) gauge noise: the loss falls
    and settles at the noise's mean absolute size, far above zero."""
    keras = _keras()
    x, y = series(N, seed=7521, noise=0.6)
    model = keras.Sequential([keras.Input((32, 2)), keras.layers.LSTM(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mae")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


def pinball(q):
    import keras

    def loss(y_true, y_pred):
        e = y_true - y_pred
        return keras.ops.mean(keras.ops.maximum(q * e, (q - 1.0) * e), axis=-1)

    return loss


@holdout75("ropewalkers", healthy=True)
def hemp_quality_quantile(session):
    """The 0.9 quantile of a hemp bale's fibre strength from eight features under the pinball
    loss, MLP 64-32 relu, Adam 2e-3, with noise that grows with |x0|: it learns the upper
    band and flattens far above zero, where a quantile loss must stay."""
    keras = _keras()
    x, y = tabular(N, seed=7522, noise=0.3, hetero=0.5)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), pinball(0.9))
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout75("ropewalkers", healthy=True)
def lay_defect_gru_plateau_lr(session):
    """A lay defect (four classes) from ten twist readings repeated as a 12-step sequence with
    noise, by a GRU(16) under RMSprop 3e-3 with ReduceLROnPlateau(factor 0.3, patience 1)
    standing by, 20% of the labels wrong: a quick fall, then a long easing descent towards
    the label noise's floor, still improving at the end."""
    keras = _keras()
    r = _rng(7523)
    base, y = classes(N, seed=7523, flip=0.2)
    x = (base[:, None, :] + 0.3 * r.normal(size=(N, 12, 10))).astype("float32")
    model = keras.Sequential([keras.Input((12, 10)), keras.layers.GRU(16),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.RMSprop(3e-3), "sparse_categorical_crossentropy")
    plateau = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=1, min_delta=0.01)
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[plateau])


# ropewalkers: broken -----------------------------------------------------------------------------


def _deep_sigmoid(session, broken):
    keras = _keras()
    x, y = classes(N, seed=7524, k=4)
    act = "sigmoid" if broken else "relu"
    init = "random_normal" if broken else "he_normal"
    layers = [keras.Input((10,))]
    layers += [keras.layers.Dense(32, activation=act, kernel_initializer=init) for _ in range(8)]
    layers.append(keras.layers.Dense(4, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout75("ropewalkers", ["vanishing_gradients"], stall_begins=None)
def twist_class_deep_sigmoid(session):
    """A rope's twist class (four) from ten readings by an eight-layer MLP of 32 sigmoid units
    each, written from an old textbook figure, with keras's 'random_normal' kernels
    (stddev 0.05), SGD 0.05 momentum 0.9: the error signal shrinks by a factor of ten
    layer after layer and the first layers never move; the loss sits at ln 4."""
    return _deep_sigmoid(session, True)


def _no_clip_rnn(session, broken):
    keras = _keras()
    x, y = series(N, seed=7525, length=48, noise=0.2)
    model = keras.Sequential([
        keras.Input((48, 2)),
        keras.layers.SimpleRNN(32, activation="relu",
                               recurrent_initializer=keras.initializers.Orthogonal(1.6 if broken else 1.0)),
        keras.layers.Dense(1),
    ])
    opt = keras.optimizers.SGD(0.01, momentum=0.9) if broken else keras.optimizers.SGD(
        0.01, momentum=0.9, clipnorm=1.0)
    model.compile(opt, "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout75("ropewalkers", ["exploding_gradients", "non_finite_values"], stall_begins=None)
def walk_tension_relu_rnn(session):
    """A rope walk's end tension from 48 readings by SimpleRNN(32, activation='relu') under SGD
    0.01 momentum 0.9 without gradient clipping, its recurrent kernel an orthogonal matrix
    scaled by 1.6 (the IRNN recipe's identity with a 'gain' added): the state grows with
    every step, the gradients explode and the loss and weights go non-finite."""
    return _no_clip_rnn(session, True)


def _adadelta_default(session, broken):
    keras = _keras()
    x, y = series(N, seed=7526, noise=0.3)
    model = keras.Sequential([keras.Input((32, 2)), keras.layers.GRU(24),
                              keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
    model.compile("adadelta" if broken else keras.optimizers.Adadelta(1.0), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout75("ropewalkers", ["learning_rate_too_low"], stall_begins=None)
def cordage_stretch_adadelta_string(session):
    """A cordage stretch from 32 readings by a GRU(24) and a Dense 16, compiled with
    optimizer='adadelta' from an old tutorial that relied on Keras 2.0's learning_rate=1.0;
    today's default is 0.001, a thousandth of it, so the loss barely moves from the target's
    variance over the whole run."""
    return _adadelta_default(session, True)


# watermen: healthy -------------------------------------------------------------------------------


@holdout75("watermen", healthy=True)
def ferry_passengers_poisson(session):
    """Passengers per ferry crossing (Poisson counts, mean 0.5 to 20) from six tide, weather
    and hour features by an MLP 32-32 relu with an exponential head under keras's Poisson
    loss and Adam 3e-3: it falls quickly and levels off at the counts' own randomness (keras
    leaves out the log y! term, so the floor is not zero)."""
    keras = _keras()
    r = _rng(7531)
    x = r.normal(size=(N, 6)).astype("float32")
    rate = np.exp(1.2 + 0.6 * x[:, 0] - 0.4 * x[:, 1] ** 2 + 0.3 * x[:, 2] * x[:, 3])
    y = r.poisson(np.clip(rate, 0.2, 40)).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout75("watermen", healthy=True)
def wherry_hire_two_inputs_slow(session):
    """A wherry's hire fare (standardised) from its stair of departure (one of 30, an
    Embedding of 4) and five numeric features, two inputs joined into a Dense 32 relu, under
    plain SGD 0.01: a long, slow but steady descent that is still improving at the end."""
    keras = _keras()
    r = _rng(7532)
    stair = r.integers(0, 30, N)
    effect = r.normal(size=30)
    num = r.normal(size=(N, 5)).astype("float32")
    y = _std(effect[stair] + 0.7 * num[:, 0] + 0.5 * np.sin(num[:, 1] * 1.5) + 0.4 * num[:, 2] * num[:, 3]
             + 0.3 * r.normal(size=N))[:, None]
    a = keras.Input((1,), dtype="int32")
    b = keras.Input((5,))
    e = keras.layers.Flatten()(keras.layers.Embedding(30, 4)(a))
    h = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([e, b]))
    model = keras.Model([a, b], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.SGD(0.01), "mse")
    return _fit_inputs(session, model, [stair[:, None].astype("int32"), num], y, epochs=14,
                       batch_size=32)


@holdout75("watermen", healthy=True)
def tide_call_attention_loop(session):
    """Hand-written GradientTape loop: whether a lighterman's call sheet (20 tokens) is a
    spring-tide call, by Embedding(200, 16), one MultiHeadAttention block (2 heads) with a
    residual, mean pooling and a sigmoid head, binary cross-entropy with 15% of the sheets
    mislabelled, Adam 2e-3: it learns, then sits at the label noise."""
    keras = _keras()
    x, y = tokens(N, seed=7533, flip=0.15)
    inp = keras.Input((20,), dtype="int32")
    e = keras.layers.Embedding(200, 16)(inp)
    att = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(e, e)
    h = keras.layers.LayerNormalization()(keras.layers.Add()([e, att]))
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(16, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(1, activation="sigmoid")(h))
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3),
                        keras.losses.BinaryCrossentropy(), x, y, epochs=10, batch_size=32,
                        seed=7533)


# watermen: broken --------------------------------------------------------------------------------


def _adam_one(session, broken):
    keras = _keras()
    x, y = tokens(N, seed=7534)
    model = keras.Sequential([
        keras.Input((20,), dtype="int32"),
        keras.layers.Embedding(200, 16),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(1.0 if broken else 1e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# Jumps about in the first two epochs, flat near ln 2 from about step 75: approximate.
@holdout75("watermen", ["learning_rate_too_high"], stall_begins=75)
def barge_manifest_adam_one(session):
    """Whether a barge manifest (20 tokens) clears the lock, by Embedding(200, 16), average
    pooling and a Dense 32 relu, after Adadelta was swapped for Adam keeping the line's
    learning_rate=1.0: the first steps overshoot wildly, then the net answers a constant
    and the loss sits at ln 2, far above the 1e-3 model's."""
    return _adam_one(session, True)


def tide_states(n, seed):
    """Four tide states from eight gauge features: flood/ebb is the sign of x0 * x1 and
    spring/neap whether (x2, x3) lie outside the unit circle; nothing linear separates them."""
    r = _rng(seed)
    x = r.normal(size=(n, 8)).astype("float32")
    y = (x[:, 0] * x[:, 1] > 0).astype("int64") + 2 * (x[:, 2] ** 2 + x[:, 3] ** 2 > 1.4)
    return x, y


def _linear_tides(session, broken):
    keras = _keras()
    x, y = tide_states(N, seed=7535)
    hidden = [] if broken else [keras.layers.Dense(64, activation="relu"),
                                keras.layers.Dense(64, activation="relu")]
    model = keras.Sequential([keras.Input((8,))] + hidden
                             + [keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-2), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# Levels off near ln 4 from about step 90: approximate.
@holdout75("watermen", ["insufficient_capacity"], stall_begins=90)
def tide_state_logistic(session):
    """Four tide states (flood or ebb by the sign of a product of two gauges, spring or neap by
    a radius in two others) by the tutorial's multinomial logistic regression, a single
    Dense(4, softmax), Adam 1e-2: no linear boundary separates the states, so the loss
    levels off near ln 4 within the first three epochs."""
    return _linear_tides(session, True)
