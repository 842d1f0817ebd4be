"""The two-hundred-and-forty-sixth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Every scenario was checked only from its own loss (Keras History, the per-step running mean, or
the custom loop's epoch means, with Session(None) and the runner's seed 0), and every broken one
against the same model trained without its mistake: each helper `_name(session, broken)` trains
both. Data come from this file's own numpy generators (seeds 24601..24699); the last PROBE_SIZE
rows are the probe, as in `_fit`.

Healthy half (12). Flax dressers of Belfast: fibre grades from eight scutching measurements with
a fifth of the tallies wrong (relu MLP, Adam; the loss keeps sinking slowly far above zero);
retting days with scatter that grows with the water's warmth, under a Huber loss in a
GradientTape loop; the grades again with a tenth wrong, a batch-normalised MLP under Nesterov SGD
and a PiecewiseConstantDecay. Bottle blowers of St Helens: bottles cracking in the lehr (one in
twenty) under class_weight 1:8; a furnace trace forecasting seed counts by a GRU with
ReduceLROnPlateau on the training loss; blister counts under Keras's Poisson loss with an
exponential head started at log 20 (the loss is negative and flattens). Brickmakers of
Accrington: the 0.9 quantile of crushing strength under gamma scatter with a pinball loss in a
GradientTape loop under RMSprop; kiln firing traces by a Conv1D net under a warm-up into cosine
decay; brick-face photographs by a Conv2D net under SGD with an ExponentialDecay, 15% of labels
wrong. Coracle makers of Ironbridge: order-book token lines by token and position Embeddings and
a MultiHeadAttention block, a tenth mislabelled; hide service from a tanner Embedding plus four
numbers (a two-input functional model) under log-cosh with Student-t scatter; paddle strokes by
an LSTM under plain SGD (a long plateau near ln 2, then a sudden drop, still falling at the end).

Broken half (11). A Nadam rate typed 2.0 for 2e-3 (MLP, flat at ln 4 from about step 160); an
MLP of three sigmoid layers whose kernels came from RandomUniform(0.0, 1.0), all positive, so the
deeper layers sit at sigmoid's ceiling under SGD (flat from the start); an activity_regularizer
L1(1.0) on both hidden layers of a regression MLP, meant as 1e-5 (flat from about step 160); gob
readings fed raw (milligrams near 450,000) to a relu MLP under SGD at a rate lowered to 1e-11
after smaller ones overflowed (flat from within the first epoch); log counts made with np.log
instead of np.log1p, read in file order, so the first zero count (row 691, step 21) is a -inf
target and the loss turns NaN for the rest of six epochs; eight stacked sigmoid Conv1D layers
under SGD (flat at ln 3 from the start); Conv2D layers with kernel_size 1 on brick faces, which
cannot tell scoring across from scoring down (a shelf near 0.6 from about step 192); relu
Conv1D and Dense biases initialised to -3 (flat at ln 3 from the start); an attention model
under Adagrad at a fine-tuning rate of 1e-6 (flat from the start); a softmax head on three
independent shares regressed under MSE (flat from about step 64); a tanh MLP whose kernels came
from RandomNormal(0.5), the mean taken for the standard deviation (flat from about step 32).

Dropped because it did not behave as intended: exploding_gradients. A relu SimpleRNN with an
Orthogonal recurrent kernel of gain 1.1 to 1.5 under SGD (with and without momentum, rates 1e-5
to 1e-2) either turned NaN in the first epoch or kept learning after a first spike, and an
eight-layer relu MLP with VarianceScaling 3 to 8 under SGD did the same (NaN at once, or
learning at scale 3 with a small rate); so the file holds 23 scenarios, not 24. Also changed on
the way: GaussianNoise(5.0) for over-regularization (Keras refuses a stddev above 1); a bias of
3 on a linear Poisson head in a custom loop for non_finite_values (NaN from the first epoch,
replaced by the log of a zero count); Conv2D(1, 3), one filter, for insufficient capacity (still
falling steadily, replaced by kernel_size 1). Ideas left out because earlier catalogues hold
them: NaN features or targets, zero and constant kernel initialisation, softmax or sigmoid heads
on unbounded regression targets, dropout near 1, L2 and L1 kernel penalties, single-unit
recurrent layers, plain deep sigmoid MLPs, relu RNNs with large recurrent gain.

Labels: `expected_causes[0]` is the root cause the scenario was built around, the only one
given; `stall_begins` is the 0-based optimizer step from which the loss stops improving (None:
from the start). Exact only for the NaN run (step 21); the others marked approximate in the code
(160, 160, 32, 192, 64, 32) were read off the per-epoch and per-step running-mean losses at 32
steps an epoch. The kernel-size-1 run is the least clear stall: it still creeps down about 1% an
epoch on its shelf."""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('flax_dressers_of_belfast', 'bottle_blowers_of_st_helens',
            'brickmakers_of_accrington', 'coracle_makers_of_ironbridge')
F, B, K, C = FAMILIES
REGISTRY = []
holdout246 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE
RAW_RATE = 1e-11  # the rate after 1e-6 and 1e-8 overflowed
FIRST_ZERO_ROW = 691  # the first sheet with no blister, in file order (seed 24622)


# ---------------------------------------------------------------------------------------------
# data generators


def _flip(y, classes, rate, seed):
    """Replace a `rate` share of the labels by a uniformly drawn class (a wrong tally)."""
    rng = np.random.default_rng(seed)
    y = y.copy()
    wrong = rng.random(len(y)) < rate
    y[wrong] = rng.integers(0, classes, wrong.sum())
    return y


def _fibre_grades(n, seed, dim=8, classes=4):
    """Eight scutched-flax measurements; the grade is a fixed nonlinear function of them."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, dim)).astype("float32")
    w1 = np.random.default_rng(24600).normal(size=(dim, 16))
    w2 = np.random.default_rng(24699).normal(size=(16, classes))
    y = np.argmax(np.tanh(x @ w1 / 2.0) @ w2, axis=1).astype("int32")
    return x, y


def _retting_days(n, seed):
    """Days a flax bundle needs in the dam, from six readings; the scatter grows with warmth."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 6)).astype("float32")
    mean = 1.5 * np.sin(x[:, 0]) + x[:, 1] * x[:, 2] - 0.8 * x[:, 3]
    scale = 0.3 + 0.6 * (1.0 + np.tanh(x[:, 4]))
    y = mean + scale * rng.normal(size=n)
    return x, y.astype("float32")[:, None]


def _furnace_traces(n, seed, length=30):
    """Three-channel furnace readings over a shift; the target is the glass's seed count, driven
    by the early part of the trace."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, length, 3)).astype("float32")
    x = np.cumsum(x, axis=1) / np.sqrt(np.arange(1, length + 1))[None, :, None]
    y = 0.8 * x[:, 5, 0] - 0.6 * x[:, 12, 1] + 0.5 * np.tanh(x[:, 20, 2]) * x[:, 8, 0]
    y = y + 0.3 * rng.normal(size=n)
    return x.astype("float32"), y.astype("float32")[:, None]


def _bottle_batches(n, seed, rate=0.05):
    """Ten gob measurements per bottle; a rare few crack in the lehr."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 10)).astype("float32")
    score = 1.2 * x[:, 0] - x[:, 1] * x[:, 2] + 0.7 * x[:, 3] ** 2
    cut = np.quantile(score, 1.0 - rate)
    y = (score + 0.5 * rng.normal(size=n) > cut).astype("float32")[:, None]
    return x, y


def _blister_counts(n, seed):
    """Blisters counted per sheet of crown glass: Poisson, log-rate linear in six readings."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 6)).astype("float32")
    rate = np.exp(3.0 + 0.5 * x[:, 0] - 0.4 * x[:, 1] + 0.3 * x[:, 2] * x[:, 3])
    return x, rng.poisson(rate).astype("float32")[:, None]


def _raw_gob_readings(n, seed):
    """Gob weight in milligrams, furnace temperature in degrees, shear delay in microseconds
    and two small ratios; the wall thickness depends on all of them."""
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(n, 5))
    x = np.stack([450_000 + 20_000 * z[:, 0], 1_450 + 30 * z[:, 1], 8_000 + 900 * z[:, 2],
                  0.5 + 0.1 * z[:, 3], 0.2 + 0.05 * z[:, 4]], axis=1).astype("float32")
    y = 0.9 * z[:, 0] - 0.5 * z[:, 1] + 0.7 * z[:, 3] - 0.6 * z[:, 4] * z[:, 2]
    y = y + 0.2 * rng.normal(size=n)
    return x, y.astype("float32")[:, None]


def _kiln_traces(n, seed, length=48, classes=3):
    """A kiln's two-channel firing trace (temperature, draught): a clamp fired too fast, right,
    or with a late soak; the class is in the shape of the curve."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, classes, n).astype("int32")
    t = np.linspace(0.0, 1.0, length)
    start = rng.uniform(0.1, 0.3, n)[:, None]
    slope = np.where(y == 0, 4.0, 2.0)[:, None]
    temp = np.clip((t[None, :] - start) * slope, 0.0, 1.0)
    soak = np.where(y == 2, 1.0, 0.0)[:, None] * np.exp(-((t[None, :] - 0.75) ** 2) / 0.005)
    temp = temp - 0.4 * soak + 0.15 * rng.normal(size=(n, length))
    draught = np.gradient(temp, axis=1) * 10 + 0.2 * rng.normal(size=(n, length))
    x = np.stack([temp, draught], axis=-1).astype("float32")
    return (x - x.mean()) / x.std(), y


def _brick_faces(n, seed, size=12, classes=4):
    """Photographs of a brick face: smooth, horizontally scored, vertically scored, frogged
    (a central hollow); 12x12 grey with noise and a random brightness."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, classes, n).astype("int32")
    r, c = np.mgrid[0:size, 0:size]
    patterns = np.stack([np.zeros((size, size)), np.sin(r * 1.6), np.sin(c * 1.6),
                         -np.exp(-((r - 5.5) ** 2 + (c - 5.5) ** 2) / 6.0) * 2.0])
    x = patterns[y] + 0.5 * rng.normal(size=(n, size, size))
    x = x + rng.normal(0, 0.3, (n, 1, 1))
    return x[..., None].astype("float32"), y


def _clay_strength(n, seed):
    """Crushing strength of a fired brick from five clay and firing numbers; scatter is gamma."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 5)).astype("float32")
    y = 1.0 + 0.8 * x[:, 0] - 0.5 * np.abs(x[:, 1]) + 0.4 * x[:, 2] * x[:, 3]
    y = y + rng.gamma(2.0, 0.5, n)
    return x, y.astype("float32")[:, None]


def _river_tokens(n, seed, length=16, vocab=40, classes=3):
    """A coracle maker's order book line as word tokens; the kind of boat ordered is told by
    which of a few key words come, and whether 'salmon' comes before 'net'."""
    rng = np.random.default_rng(seed)
    x = rng.integers(4, vocab, (n, length))
    y = rng.integers(0, classes, n).astype("int32")
    for i in range(n):
        a, b = sorted(rng.choice(length, 2, replace=False))
        if y[i] == 0:
            x[i, a], x[i, b] = 1, 2
        elif y[i] == 1:
            x[i, a], x[i, b] = 2, 1
        else:
            x[i, a], x[i, b] = 3, 3
    return x.astype("int32"), y


def _hide_records(n, seed, makers=12):
    """Coracle hides: the tanner (one of twelve) and four numeric readings; the target is the
    hide's days of service, with Student-t scatter."""
    rng = np.random.default_rng(seed)
    maker = rng.integers(0, makers, n)
    effect = np.random.default_rng(24698).normal(0, 1.0, makers)
    x = rng.normal(size=(n, 4)).astype("float32")
    y = effect[maker] + 0.7 * x[:, 0] - 0.5 * x[:, 1] * x[:, 2] + 0.4 * rng.standard_t(3, n)
    return maker.astype("int32")[:, None], x, y.astype("float32")[:, None]


def _paddle_strokes(n, seed, length=24):
    """An accelerometer on a coracle paddle: is the stroke pattern a figure-of-eight (1) or a
    pull (0)? The phase is random, the class is in the sign pattern over time."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n).astype("float32")
    t = np.linspace(0, 4 * np.pi, length)[None, :]
    phase = rng.uniform(0, 2 * np.pi, (n, 1))
    a = np.sin(t + phase)
    b = np.where(y[:, None] == 1, np.sin(2 * (t + phase)), np.cos(t + phase))
    x = np.stack([a, b], axis=-1) + 0.6 * rng.normal(size=(n, length, 2))
    return x.astype("float32"), y[:, None]


def _shares(n, seed):
    """Three independent shares (willow, hazel, hide) of a coracle's weight in [0, 1] each,
    from eight build readings; they do not add up to one."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 8)).astype("float32")
    w = np.random.default_rng(24697).normal(size=(8, 3))
    y = 1.0 / (1.0 + np.exp(-(x @ w) / 1.5))
    return x, y.astype("float32")


# ---------------------------------------------------------------------------------------------
# broken helpers (each trains the run with or without its mistake)


def _grade_nadam(session, broken):
    keras = _keras()
    x, y = _fibre_grades(N, seed=24611)
    model = _mlp(keras, 8, [64, 64], 4)
    model.compile(keras.optimizers.Nadam(2.0 if broken else 2e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _grade_positive_uniform(session, broken):
    keras = _keras()
    x, y = _fibre_grades(N, seed=24612)
    init = keras.initializers.RandomUniform(0.0, 1.0) if broken else "glorot_uniform"
    model = _mlp(keras, 8, [64, 64, 64], 4, activation="sigmoid", kernel_initializer=init)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _retting_activity(session, broken):
    keras = _keras()
    x, y = _retting_days(N, seed=24613)
    reg = keras.regularizers.L1(1.0 if broken else 1e-5)
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(64, activation="relu", activity_regularizer=reg),
        keras.layers.Dense(64, activation="relu", activity_regularizer=reg),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _raw_gob(session, broken):
    keras = _keras()
    x, y = _raw_gob_readings(N, seed=24615)
    x = x if broken else _standardize(x)
    model = _mlp(keras, 5, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.SGD(RAW_RATE if broken else 0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _blister_log_target(session, broken):
    keras = _keras()
    x, counts = _blister_counts(N, seed=24622)
    y = np.log(counts) if broken else np.log1p(counts)
    model = _mlp(keras, 6, [32, 32], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=6, batch_size=32, shuffle=False)


def _kiln_sigmoid_stack(session, broken):
    keras = _keras()
    x, y = _kiln_traces(N, seed=24617)
    act, init = ("sigmoid", "glorot_uniform") if broken else ("relu", "he_normal")
    layers = [keras.Input(x.shape[1:])]
    layers += [keras.layers.Conv1D(16, 3, padding="same", activation=act, kernel_initializer=init)
               for _ in range(8)]
    layers += [keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(3, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _brick_pointwise(session, broken):
    keras = _keras()
    x, y = _brick_faces(N, seed=24618)
    kernel = 1 if broken else 3
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(16, kernel, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, kernel, padding="same", activation="relu"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-2), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _kiln_negative_bias(session, broken):
    keras = _keras()
    x, y = _kiln_traces(N, seed=24619)
    bias = keras.initializers.Constant(-3.0) if broken else "zeros"
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(32, 5, activation="relu", bias_initializer=bias),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", bias_initializer=bias),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(32, activation="relu", bias_initializer=bias),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.RMSprop(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _order_attention(session, broken):
    keras = _keras()
    x, y = _river_tokens(N, seed=24620)
    tokens = keras.Input((x.shape[1],), dtype="int32")
    h = keras.layers.Embedding(40, 32)(tokens)
    h = h + keras.layers.Embedding(x.shape[1], 32)(keras.ops.arange(x.shape[1]))
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=16)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    out = keras.layers.Dense(3, activation="softmax")(h)
    model = keras.Model(tokens, out)
    model.compile(keras.optimizers.Adagrad(1e-6 if broken else 0.05),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _share_head(session, broken):
    keras = _keras()
    x, y = _shares(N, seed=24621)
    model = _mlp(keras, 8, [64, 64], 3, out_activation="softmax" if broken else "sigmoid")
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _hide_normal_mean(session, broken):
    keras = _keras()
    _, x, y = _hide_records(N, seed=24623)
    init = keras.initializers.RandomNormal(0.5) if broken else "glorot_uniform"
    model = _mlp(keras, 4, [64, 64, 64], 1, activation="tanh", out_activation=None,
                 kernel_initializer=init)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


# ---------------------------------------------------------------------------------------------
# flax dressers of Belfast


@holdout246(F, healthy=True)
def hackled_grades_mislabelled(session):
    """A flax dresser grades scutched fibre into four grades from eight measurements; a fifth of
    the tallies were entered wrong. A 64-64 relu MLP under Adam 2e-3, 20 epochs: the loss falls
    quickly, then keeps sinking slowly well above zero, where the wrong grades cannot be fitted
    without memorising them."""
    keras = _keras()
    x, y = _fibre_grades(N, seed=24601)
    y = _flip(y, 4, 0.2, seed=24602)
    model = _mlp(keras, 8, [64, 64], 4)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout246(F, healthy=True)
def retting_days_huber_loop(session):
    """Days a bundle must lie in the retting dam, from six readings, with scatter that grows with
    the water's warmth. A hand-written GradientTape loop, Huber loss (delta 1), Adam 3e-3, a
    64-64 relu MLP, 15 epochs: it flattens at the heteroscedastic noise floor."""
    keras = _keras()
    x, y = _retting_days(N, seed=24603)
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), keras.losses.Huber(1.0),
                        x, y, epochs=15, batch_size=32, seed=24603)


@holdout246(F, healthy=True)
def grades_piecewise_sgd(session):
    """The same fibre grading with a tenth of the tallies wrong, a 64-64 relu MLP with batch
    normalisation under SGD with Nesterov momentum and a PiecewiseConstantDecay (0.05, then
    0.01 after step 250, then 0.002 after step 450), 20 epochs: a step down in the loss at each
    drop of the rate, then a flat tail at the label-noise floor."""
    keras = _keras()
    x, y = _fibre_grades(N, seed=24604)
    y = _flip(y, 4, 0.1, seed=24605)
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(64), keras.layers.BatchNormalization(), keras.layers.Activation("relu"),
        keras.layers.Dense(64), keras.layers.BatchNormalization(), keras.layers.Activation("relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([250, 450], [0.05, 0.01, 0.002])
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9, nesterov=True),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout246(F, ["learning_rate_too_high"], stall_begins=160)  # approximate
def grades_nadam_two(session):
    """Fibre grading by a 64-64 relu MLP under Nadam whose rate was typed 2.0 for 2e-3: a huge
    first epoch and a few more spikes, then the loss settles at the constant-guess level (about
    ln 4) and stays there (the fixed rate reaches about 0.17)."""
    return _grade_nadam(session, broken=True)


@holdout246(F, ["saturated_activations"], stall_begins=None)
def grades_positive_uniform_sigmoid(session):
    """Fibre grading by a 3x64 sigmoid MLP under SGD with momentum, whose kernels were set with
    RandomUniform(0.0, 1.0) (meant as "small and uniform"): every weight positive, so the second
    and third layers sum 64 positive inputs and sit at sigmoid's ceiling for every example. The
    loss bounces well above ln 4 from the start (the glorot version reaches about 0.35)."""
    return _grade_positive_uniform(session, broken=True)


@holdout246(F, ["over_regularization"], stall_begins=160)  # approximate
def retting_activity_l1(session):
    """Retting days by a 64-64 relu MLP under Adam 2e-3 with an activity_regularizer of L1(1.0)
    on both hidden layers (copied from a sparse-autoencoder recipe, meant as 1e-5): the penalty
    drives the hidden activations to zero and the loss settles at about 3.24 after five epochs
    (the 1e-5 version reaches about 0.83 and is still falling)."""
    return _retting_activity(session, broken=True)


# ---------------------------------------------------------------------------------------------
# bottle blowers of St Helens


@holdout246(B, healthy=True)
def lehr_cracks_class_weight(session):
    """One bottle in twenty cracks in the annealing lehr; ten gob measurements per bottle. A 32-32
    relu MLP with a sigmoid head, binary cross-entropy with class_weight 1:8, Adam 1e-3, 20
    epochs: the weighted loss falls and flattens well above zero (the crack is noisy)."""
    keras = _keras()
    x, y = _bottle_batches(N, seed=24606)
    model = _mlp(keras, 10, [32, 32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    (x_train, y_train), probe = (x[:-PROBE_SIZE], y[:-PROBE_SIZE]), (x[-PROBE_SIZE:],
                                                                     y[-PROBE_SIZE:])
    history = model.fit(x_train, y_train, epochs=20, batch_size=32, verbose=0,
                        class_weight={0: 1.0, 1: 8.0}, callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout246(B, healthy=True)
def furnace_gru_reduce_on_plateau(session):
    """A furnace's three-channel trace over a shift (30 readings) forecasts the glass's seed
    count, with noise. A GRU(16) under Adam 3e-3 with ReduceLROnPlateau on the training loss
    (factor 0.3, patience 2), 20 epochs: it flattens at the noise floor, with small steps down
    when the rate is cut."""
    keras = _keras()
    x, y = _furnace_traces(N, seed=24607)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(16),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    reduce = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.3, patience=2)
    return _fit(session, model, x, y, epochs=20, batch_size=32, callbacks=[reduce])


@holdout246(B, healthy=True)
def blister_counts_poisson(session):
    """Blisters per sheet of crown glass (Poisson counts, a mean in the twenties) from six
    readings. A 32-32 relu MLP with an exponential head whose bias starts at log 20, Keras's
    Poisson loss, Adam 2e-3, 15 epochs: the loss flattens at the Poisson floor, far from zero."""
    keras = _keras()
    x, y = _blister_counts(N, seed=24608)
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="exponential",
                           bias_initializer=keras.initializers.Constant(float(np.log(20.0)))),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout246(B, ["unnormalized_inputs"], stall_begins=32)  # approximate
def gob_raw_units(session):
    """Wall thickness from gob weight in milligrams (about 450,000), furnace temperature in
    degrees, shear delay in microseconds and two ratios, fed raw to a 64-64 relu MLP under SGD
    with momentum; the rate was lowered to 1e-11 after 1e-6 and 1e-8 overflowed. The loss starts
    in the billions, the first steps throw the weights far, and by the end of the first epoch it
    sits on a flat shelf at or above the target's spread (standardized columns at 0.01 reach
    about 0.05)."""
    return _raw_gob(session, broken=True)


@holdout246(B, ["non_finite_values"], stall_begins=FIRST_ZERO_ROW // 32)
def blister_log_of_zero(session):
    """Blister counts regressed on their log, np.log(counts) (meant np.log1p), read in file order
    without shuffling: the first sheet with no blister (row 691, step 21) gives a -inf target,
    the loss turns inf and the weights NaN, and training runs on for six epochs of NaN."""
    return _blister_log_target(session, broken=True)


# ---------------------------------------------------------------------------------------------
# brickmakers of Accrington


@holdout246(K, healthy=True)
def strength_quantile_loop(session):
    """The 0.9 quantile of a brick's crushing strength (gamma scatter above a smooth mean) from
    five clay and firing numbers, for a safe rating. A GradientTape loop with a pinball loss,
    RMSprop 2e-3, a 64-64 relu MLP, 15 epochs: it flattens at the pinball floor of the gamma
    noise."""
    import tensorflow as tf

    keras = _keras()
    x, y = _clay_strength(N, seed=24609)
    model = _mlp(keras, 5, [64, 64], 1, out_activation=None)

    def pinball(targets, predictions, q=0.9):
        error = targets - predictions
        return tf.reduce_mean(tf.maximum(q * error, (q - 1.0) * error))

    return _custom_loop(session, model, keras.optimizers.RMSprop(2e-3), pinball, x, y,
                        epochs=15, batch_size=32, seed=24609)


@holdout246(K, healthy=True)
def kiln_conv1d_warmup_cosine(session):
    """A clamp kiln's two-channel firing trace (48 readings) classed as fired too fast, right, or
    with a late soak. A Conv1D(32, 5)-pool-Conv1D(32, 5) net under Adam with a linear warm-up
    over 100 steps to 3e-3 and a cosine decay over 380 more, 15 epochs: slow at first, then a
    descent that levels off as the rate goes to zero."""
    keras = _keras()
    x, y = _kiln_traces(N, seed=24610)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(32, 5, activation="relu"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    schedule = keras.optimizers.schedules.CosineDecay(0.0, 380, warmup_target=3e-3,
                                                      warmup_steps=100)
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout246(K, healthy=True)
def brick_faces_mislabelled_exponential(session):
    """Photographs of brick faces (smooth, scored across, scored down, frogged), 12x12 grey, with
    15% of the sorter's labels wrong. A Conv2D 16-32 net under SGD with momentum and an
    ExponentialDecay (0.03, halving every 200 steps), 15 epochs: it flattens at the label-noise
    floor."""
    keras = _keras()
    x, y = _brick_faces(N, seed=24624)
    y = _flip(y, 4, 0.15, seed=24625)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    schedule = keras.optimizers.schedules.ExponentialDecay(0.03, 200, 0.5)
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout246(K, ["vanishing_gradients"], stall_begins=None)
def kiln_eight_sigmoid_convs(session):
    """Kiln traces classed by eight stacked Conv1D(16, 3) layers with sigmoid activations and
    glorot kernels under SGD 0.01 with momentum: the gradient dies on its way down the stack and
    the loss stays at ln 3 from the start (relu with He kernels reaches about 0.17)."""
    return _kiln_sigmoid_stack(session, broken=True)


@holdout246(K, ["insufficient_capacity"], stall_begins=192)  # approximate
def brick_faces_pointwise_convs(session):
    """Brick faces classed by two Conv2D(16, kernel_size=1) layers (the kernel size typed 1 while
    porting a pointwise recipe), max pooling, global averaging and a softmax, Adam 1e-2: a net
    that sees no neighbourhood cannot tell scoring across from scoring down, and the loss
    creeps to a shelf near 0.6 (the 3x3 version reaches about 0.002). Stall from about epoch
    six."""
    return _brick_pointwise(session, broken=True)


@holdout246(K, ["dead_relus"], stall_begins=None)
def kiln_negative_bias(session):
    """Kiln traces classed by a Conv1D-Conv1D-Dense relu net under RMSprop whose biases were all
    initialised to -3 (a copied "sparse start"): every unit is off for every trace and the loss
    stays at ln 3 from the start (zero biases reach about 0.05)."""
    return _kiln_negative_bias(session, broken=True)


# ---------------------------------------------------------------------------------------------
# coracle makers of Ironbridge


@holdout246(C, healthy=True)
def order_book_attention_mislabelled(session):
    """A coracle maker's order-book lines as 16 word tokens; the kind of boat is in which key
    words come and in which order, with a tenth of the kinds entered wrong. Token and position
    Embeddings, one MultiHeadAttention block with a residual and LayerNormalization, pooling and
    a relu layer, Adam 2e-3, 15 epochs: a fast first epoch, then a slow drift along the label-
    noise floor."""
    keras = _keras()
    x, y = _river_tokens(N, seed=24626)
    y = _flip(y, 3, 0.1, seed=24627)
    tokens = keras.Input((x.shape[1],), dtype="int32")
    h = keras.layers.Embedding(40, 32)(tokens)
    h = h + keras.layers.Embedding(x.shape[1], 32)(keras.ops.arange(x.shape[1]))
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=16)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(tokens, keras.layers.Dense(3, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout246(C, healthy=True)
def hide_service_two_inputs(session):
    """Days of service of a coracle hide from its tanner (one of twelve, an Embedding of 4) and
    four readings, with Student-t scatter. A two-input functional model, log-cosh loss, Adam
    2e-3, 20 epochs: it flattens at the heavy-tailed noise floor."""
    keras = _keras()
    maker, x, y = _hide_records(N, seed=24628)
    maker_in = keras.Input((1,), dtype="int32")
    numbers_in = keras.Input((4,))
    e = keras.layers.Flatten()(keras.layers.Embedding(12, 4)(maker_in))
    h = keras.layers.Concatenate()([e, numbers_in])
    h = keras.layers.Dense(64, activation="relu")(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([maker_in, numbers_in], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), "log_cosh")
    train = [maker[:-PROBE_SIZE], x[:-PROBE_SIZE]]
    probe = ([maker[-PROBE_SIZE:], x[-PROBE_SIZE:]], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=20, batch_size=32, verbose=0,
                        callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout246(C, healthy=True)
def paddle_lstm_slow_sgd(session):
    """An accelerometer on a coracle paddle: a figure-of-eight stroke or a pull, at a random phase
    and with noise. An LSTM(16) under plain SGD 0.05 with a sigmoid head, 20 epochs: a long
    plateau near ln 2 while the recurrent state finds the pattern, then a sudden drop, still
    falling at the end."""
    keras = _keras()
    x, y = _paddle_strokes(N, seed=24629)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(16),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.SGD(0.05), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout246(C, ["learning_rate_too_low"], stall_begins=None)
def order_book_adagrad_tiny(session):
    """Order-book lines by the token and position Embeddings, attention block and relu head,
    under Adagrad at 1e-6 (a fine-tuning rate left in from a pretrained run; Adagrad wants about
    0.05): the loss barely moves from its first value (0.05 reaches about 0.45)."""
    return _order_attention(session, broken=True)


@holdout246(C, ["loss_activation_mismatch"], stall_begins=64)  # approximate
def shares_softmax_head(session):
    """Three independent shares of a coracle's weight (willow, hazel, hide, each in [0, 1], not
    adding to one) regressed by a 64-64 relu MLP with a softmax head under MSE: the head forces
    the three to sum to one, and the loss settles at about 0.059 after two epochs (sigmoid
    outputs reach about 0.0002)."""
    return _share_head(session, broken=True)


@holdout246(C, ["poor_initialization"], stall_begins=32)  # approximate
def hide_normal_mean_half(session):
    """Hide service from four readings by a 3x64 tanh MLP under SGD with momentum, whose kernels
    were made with RandomNormal(0.5), the first argument taken for the standard deviation though
    it is the mean: every weight near 0.5, the units all alike and pinned. After a huge first
    epoch the loss sits near 1.5 (or wanders above it) and never improves (glorot kernels reach
    about 1.0)."""
    return _hide_normal_mean(session, broken=True)
