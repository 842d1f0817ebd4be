"""The hundred-and-fifty-fifth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades, six runs each (three healthy, three broken), all on synthetic data generated here
from seeds 15501..15532; the last PROBE_SIZE rows of every data set are the probe.

puzzlemakers -- scanned 12x12 jigsaw-piece silhouettes (count the tabs, equally many pieces of
each count) and a puzzle shop's tabular records. Healthy: a Conv2D tab counter with 20% of the
labels wrong (it flattens well above zero); a solve-time regression with heteroscedastic,
Student-t noise under a Huber loss and a PiecewiseConstantDecay schedule (falls in steps, then
sits on the noise floor); a hand-written GradientTape loop fitting a wide MLP to 256 ratings
(it memorizes: the loss sinks slowly towards zero). Broken: the Conv2D counter with
RandomUniform(-0.5) kernels on non-negative pixels (minval only: every relu is dead); an MLP
written without activation= in its hidden layers, trained in a custom loop on classes that
depend on products of the features (a linear model, out of capacity); the Conv2D counter
compiled with loss="mse" over its 5-way softmax and integer labels (a loss/output mismatch).

kitemakers -- kite-line telemetry (wind m/s, altitude m, air pressure Pa, one reading a second)
and a kite shop's design sheet. Healthy: a GRU forecasting line tension with Student-t sensor
spikes; a tanh MLP for lift-to-drag ratio with ReduceLROnPlateau; a Conv1D net trained with a
pinball (q = 0.9) loss. Broken: a tanh SimpleRNN whose recurrent matrix was drawn from a
standard normal (spectral radius ~7), SGD with momentum and no clipping (the first gradient is
~1e12, the recurrent weights are thrown to ~1e11 and the layer freezes); an LSTM under
ExponentialDecay with decay_steps=1 meant per epoch (the rate vanishes within two epochs); a
Conv1D net fed the telemetry in raw units, pressure ~1e5 Pa (unnormalized inputs).

pianotuners -- 64-sample microphone snippets of a piano string (six notes a major third apart)
and a tuner's visit log. Healthy: a Conv1D note classifier under warm-up then cosine decay; a
Poisson count model of broken strings with an exponential output; a rare class (4% cracked
soundboards) balanced with class_weight. Broken: nine stacked sigmoid Conv1D layers with SGD
(vanishing gradients; the relu version learns); a GRU with L2(1.0) on every kernel and
recurrent kernel, meant 1e-4 (over-regularized); the log of labour hours where one visit was
logged as 0 hours, read in file order (-inf target, then NaN weights and NaN losses).

beadworkers -- strung-bead colour sequences (name the motif length, 2..5 colours) and the
colour shares of bead orders. Healthy: an Embedding + Conv1D net with 10% wrong labels; a
one-block self-attention model in a custom loop, slow at first and still improving; a small
MLP with plain SGD and no momentum, still coming down at the last epoch. Broken: a 3x128
sigmoid MLP initialized with RandomNormal(0.2), meant stddev but read as the mean (every deeper
unit pinned at 1.0, saturated); an Embedding + LSTM with Adam at 0.3, meant 3e-3 (the loss
bounces above the constant guess); an Embedding + Conv1D net with every weight initialized to
the constant 0.05 (symmetric units that never differ: poor initialization).

What was changed or dropped because it did not behave as intended, checked by training every
broken run and its corrected twin without tb-plateau and comparing their loss curves: a sigmoid
output under BinaryCrossentropy(from_logits=True) trained as well as the correct model (Keras
copes with it), so the mismatch became the softmax-with-mse one; the dead-relu counter first
had binomially distributed tab counts and its loss crept down towards the class prior through
the output bias, so the classes were made equally frequent; a 2-unit bottleneck meant for
insufficient capacity was still improving after 20 epochs and was replaced by the missing
activations; a -inf *feature* (the log of a zero amplitude) left the loss finite and frozen
(the relu layer swallowed it), so the log of zero moved into the target; notes a semitone apart
could not be told apart in 64 samples even by the healthy net, so they were spread to major
thirds; and the saturated sigmoid MLP first used SGD with momentum, whose output layer (fed 128
identical inputs) bounced at a loss of ~10, a learning-rate symptom, so it uses Adam 1e-3.

Labelling: healthy runs carry no cause. Each broken run names one cause, the mistake it was
built around. stall_begins is the 0-based optimizer step from which the broken loss stops
improving, None when it never improves. It is exact for the NaN run (the -inf row is in step
15 in file order); for the runs that first fall and then level off (insufficient capacity,
exploding gradients, learning rate too low, unnormalized inputs, over-regularization, poor
initialization) it was read off the per-step loss and is approximate, as noted at each one.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _standardize, registrar

FAMILIES = ('puzzlemakers', 'kitemakers', 'pianotuners', 'beadworkers')

REGISTRY = []

holdout155 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE
STEPS_32 = 1024 // 32  # optimizer steps per epoch of a 1024-row training set at batch 32


# ---------------------------------------------------------------------------------------------
# data: one story per trade


def _piece_images(n, seed, noise=0.15, label_noise=0.0):
    """Scanned 12x12 jigsaw-piece silhouettes; the label is how many of the four sides carry a
    tab (0..4), equally many of each. Each side is a tab (a bump outward), a blank (a notch
    inward) or flat."""
    r = np.random.default_rng(seed)
    x = np.zeros((n, 12, 12, 1), dtype="float32")
    sides = np.where(r.random((n, 4)) < 0.5, 0, 2)  # 0 flat, 1 tab, 2 blank
    tabs = r.integers(0, 5, size=n)  # the shop sorts equal numbers of each kind
    for i in range(n):
        sides[i, r.permutation(4)[:tabs[i]]] = 1
    shift = r.integers(-1, 2, size=(n, 2))
    for i in range(n):
        img = np.zeros((12, 12), dtype="float32")
        a, b = 3 + shift[i, 0], 3 + shift[i, 1]
        img[a:a + 6, b:b + 6] = 1.0
        mid_r, mid_c = a + 2, b + 2
        for s, kind in enumerate(sides[i]):
            if kind == 0:
                continue
            value = 1.0 if kind == 1 else 0.0
            if s == 0:
                rows = slice(a - 2, a) if kind == 1 else slice(a, a + 2)
                img[rows, mid_c:mid_c + 2] = value
            elif s == 1:
                rows = slice(a + 6, a + 8) if kind == 1 else slice(a + 4, a + 6)
                img[rows, mid_c:mid_c + 2] = value
            elif s == 2:
                cols = slice(b - 2, b) if kind == 1 else slice(b, b + 2)
                img[mid_r:mid_r + 2, cols] = value
            else:
                cols = slice(b + 6, b + 8) if kind == 1 else slice(b + 4, b + 6)
                img[mid_r:mid_r + 2, cols] = value
        x[i, :, :, 0] = img
    x += r.normal(0.0, noise, size=x.shape).astype("float32")
    y = (sides == 1).sum(axis=1).astype("int32")
    if label_noise:
        flip = r.random(n) < label_noise
        y[flip] = r.integers(0, 5, size=flip.sum())
    return x, y


def _puzzle_table(n, seed):
    """A puzzle shop's records: standardized features (log piece count, share of sky, colour
    variety, solver's experience, edge ratio, box-art size) and a latent solving difficulty."""
    r = np.random.default_rng(seed)
    z = r.normal(size=(n, 6)).astype("float32")
    difficulty = (1.2 * z[:, 0] + 0.8 * z[:, 1] - 0.6 * z[:, 2] - 0.9 * z[:, 3]
                  + 0.5 * z[:, 0] * z[:, 1] + 0.4 * np.sin(2.0 * z[:, 4]))
    return z, difficulty.astype("float32")


def _kite_telemetry(n, seed, length=32):
    """Kite-line telemetry, one reading a second: wind speed (m/s), altitude (m), air pressure
    (Pa). The target is the line tension over the next seconds, in standard units. Returns
    (raw readings, standardized readings, target)."""
    r = np.random.default_rng(seed)
    wind = np.empty((n, length), dtype="float64")
    wind[:, 0] = r.uniform(3.0, 12.0, size=n)
    for t in range(1, length):
        gust = (r.random(n) < 0.05) * r.uniform(2.0, 6.0, size=n)
        wind[:, t] = 0.9 * wind[:, t - 1] + 0.1 * 7.0 + r.normal(0.0, 0.6, size=n) + gust
    altitude = 40.0 + np.cumsum(r.normal(0.0, 1.5, size=(n, length)), axis=1)
    pressure = 101325.0 - 12.0 * altitude + r.normal(0.0, 3.0, size=(n, length))
    raw = np.stack([wind, altitude, pressure], axis=-1)
    tension = (0.6 * wind[:, -4:].mean(axis=1) ** 2 / 10.0 + 0.02 * altitude[:, -1]
               + 0.3 * (wind[:, -1] - wind[:, -8]))
    tension = (tension - tension.mean()) / tension.std()
    mean = raw.reshape(-1, 3).mean(axis=0)
    std = raw.reshape(-1, 3).std(axis=0)
    return raw.astype("float32"), ((raw - mean) / std).astype("float32"), tension.astype("float32")


def _kite_table(n, seed):
    """A kite shop's design sheet: standardized sail area, spar stiffness, tail length, bridle
    angle, wind speed, fabric weight; the target is the lift-to-drag ratio (standardized)."""
    r = np.random.default_rng(seed)
    z = r.normal(size=(n, 6)).astype("float32")
    ratio = (0.9 * z[:, 0] - 0.7 * z[:, 5] + 0.6 * np.tanh(z[:, 4]) + 0.4 * z[:, 3] * z[:, 4]
             - 0.3 * z[:, 2] ** 2)
    return z, ratio.astype("float32")


NOTES = np.array([220.0, 277.2, 349.2, 440.0, 554.4, 698.5])  # A3 to F5, major thirds, in Hz


def _string_recordings(n, seed, length=64, noise=0.4):
    """Short microphone snippets (8 kHz) of one piano string, slightly detuned, with its second
    harmonic, a random phase and room noise; the label is which of six notes it is."""
    r = np.random.default_rng(seed)
    y = r.integers(0, len(NOTES), size=n)
    freq = NOTES[y] * (1.0 + r.normal(0.0, 0.004, size=n))
    t = np.arange(length) / 8000.0
    phase = r.uniform(0.0, 2.0 * np.pi, size=(n, 1))
    wave = (np.sin(2.0 * np.pi * freq[:, None] * t + phase)
            + 0.4 * np.sin(4.0 * np.pi * freq[:, None] * t + 2.0 * phase))
    wave += r.normal(0.0, noise, size=wave.shape)
    return wave[..., None].astype("float32"), y.astype("int32")


def _tuning_table(n, seed):
    """A piano tuner's visit log: standardized days since the last tuning, humidity swing, the
    piano's age, string gauge, pin-block wear, hours played a week; and a latent wear score."""
    r = np.random.default_rng(seed)
    z = r.normal(size=(n, 6)).astype("float32")
    wear = 0.7 * z[:, 0] + 0.5 * z[:, 1] + 0.6 * z[:, 2] + 0.4 * z[:, 4] + 0.3 * z[:, 1] * z[:, 2]
    return z, wear.astype("float32")


def _bead_strings(n, seed, length=24, vocab=16, label_noise=0.0):
    """Strung-bead patterns as colour ids: a motif of 2..5 distinct colours repeated along the
    string, with a few beads swapped by mistake; the label is the motif length minus 2."""
    r = np.random.default_rng(seed)
    y = r.integers(0, 4, size=n)
    x = np.empty((n, length), dtype="int32")
    for i in range(n):
        motif = r.choice(vocab, size=y[i] + 2, replace=False)
        x[i] = np.resize(motif, length)
    swap = r.random((n, length)) < 0.08
    x[swap] = r.integers(0, vocab, size=swap.sum())
    if label_noise:
        flip = r.random(n) < label_noise
        y[flip] = r.integers(0, 4, size=flip.sum())
    return x, y.astype("int32")


def _bead_counts(n, seed):
    """A bead shop's order sheet: the share of each of 16 colours in an order (non-negative,
    summing to one) and the order's style (4 classes), set by which colours dominate."""
    r = np.random.default_rng(seed)
    y = r.integers(0, 4, size=n)
    base = np.ones((4, 16)) * 0.3
    for k in range(4):
        base[k, 4 * k:4 * k + 4] = 3.0
    x = np.stack([r.dirichlet(base[k]) for k in y])
    return x.astype("float32"), y.astype("int32")


# ---------------------------------------------------------------------------------------------
# puzzlemakers


@holdout155("puzzlemakers", healthy=True)
def tab_count_noisy_labels(session):
    """A small Conv2D net counts the tabs on scanned jigsaw pieces, Adam 2e-3, 12 epochs; one
    label in five was typed in wrong by the sorting staff, so the loss flattens well above zero
    while the network is learning everything the clean part of the labels allows."""
    keras = _keras()
    x, y = _piece_images(N, seed=15501, label_noise=0.2)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(5, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout155("puzzlemakers", healthy=True)
def solve_time_huber_steps(session):
    """Solve-time regression from a puzzle shop's records with a 2x64 relu MLP and Huber loss:
    the noise grows with the puzzle's difficulty (heteroscedastic, some solvers give up and
    leave it for a week), and a PiecewiseConstantDecay schedule divides Adam's rate by ten at
    steps 160 and 320, so the loss falls in steps and levels off at the noise floor."""
    keras = _keras()
    z, difficulty = _puzzle_table(N, seed=15502)
    r = np.random.default_rng(15503)
    scale = 0.3 + 0.4 * np.abs(difficulty)
    hours = difficulty + scale * r.standard_t(3, size=len(z))
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1),
    ])
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([160, 320], [3e-3, 3e-4, 3e-5])
    model.compile(keras.optimizers.Adam(schedule), keras.losses.Huber(delta=1.0))
    return _fit(session, model, z, hours.astype("float32"), epochs=14, batch_size=32)


@holdout155("puzzlemakers", healthy=True)
def box_rating_small_data_loop(session):
    """A hand-written GradientTape loop fits a 2x128 relu MLP to only 256 customer ratings
    (good / bad box) of puzzles, Adam 1e-3 with an L2 of 1e-4: with so few rows the training
    loss keeps sinking towards zero (it memorizes), which is what a correct model on small data
    does."""
    keras = _keras()
    z, difficulty = _puzzle_table(256 + PROBE_SIZE, seed=15504)
    r = np.random.default_rng(15505)
    y = (difficulty + r.normal(0.0, 0.8, size=len(z)) > 0.0).astype("int32")
    reg = keras.regularizers.L2(1e-4)
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(128, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(128, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(2),
    ])
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.Adam(1e-3), loss, z, y,
                        epochs=40, batch_size=16, seed=15505)


def _tab_counter_init(session, broken):
    keras = _keras()
    x, y = _piece_images(N, seed=15506)
    x = np.clip(x, 0.0, 1.0)  # scanner intensities, 0 (background) to 1 (cardboard)
    # Meant a symmetric U(-0.5, 0.5); RandomUniform's first argument is minval and maxval
    # keeps its default of 0.05, so nearly every weight is negative on non-negative pixels.
    init = (keras.initializers.RandomUniform(-0.5, seed=15506) if broken
            else keras.initializers.RandomUniform(-0.5, 0.5, seed=15506))
    conv = dict(activation="relu", padding="same", kernel_initializer=init)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, **conv),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, **conv),
        keras.layers.Flatten(),
        keras.layers.Dense(32, activation="relu", kernel_initializer=init),
        keras.layers.Dense(5, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout155("puzzlemakers", ["dead_relus"])
def tab_counter_negative_init(session):
    """The tab-counting Conv2D net with its kernels drawn from RandomUniform(-0.5): meant as
    U(-0.5, 0.5), but the single argument is minval and maxval stays 0.05, so on non-negative
    pixel intensities every relu filter starts (and stays) below zero: no unit fires, no
    gradient reaches the kernels, and the loss sits at the class-prior level from the start."""
    return _tab_counter_init(session, broken=True)


def _edge_fit_linear(session, broken):
    keras = _keras()
    z, _ = _puzzle_table(N, seed=15507)
    r = np.random.default_rng(15508)
    # Which of eight edge profiles a piece has, decided by interacting measurements.
    y = ((z[:, 0] * z[:, 4] > 0).astype(int) * 4 + (z[:, 1] * z[:, 2] > 0) * 2
         + (np.sin(2.0 * z[:, 3]) > 0)).astype("int32")
    flip = r.random(len(y)) < 0.03
    y[flip] = r.integers(0, 8, size=flip.sum())
    activation = None if broken else "relu"  # the broken run left the activations out
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(64, activation=activation),
        keras.layers.Dense(64, activation=activation),
        keras.layers.Dense(8),
    ])
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), loss, z, y,
                        epochs=25, batch_size=32, seed=15508)


# Falls in the first epoch, level from step ~40: approximate.
@holdout155("puzzlemakers", ["insufficient_capacity"], stall_begins=40)
def edge_profile_mlp_without_activations(session):
    """Custom GradientTape loop classifying eight edge profiles from piece measurements (the
    classes depend on products and a sine of the features) with a 2x64 MLP whose Dense layers
    were written without activation=: the stack collapses to one linear map, which can only
    learn the part of the classes a linear boundary captures, so the loss levels off high
    after a couple of epochs and stays there."""
    return _edge_fit_linear(session, broken=True)


def _tab_count_mse(session, broken):
    keras = _keras()
    x, y = _piece_images(N, seed=15509)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(5, activation="softmax"),
    ])
    # The broken run swapped the loss for "mse" and kept the softmax over five classes and the
    # integer labels: the class id is compared with each of the five probabilities.
    loss = "mse" if broken else "sparse_categorical_crossentropy"
    model.compile(keras.optimizers.Adam(2e-3), loss)
    labels = y.reshape(-1, 1)  # the label column as read from the sorting sheet
    return _fit(session, model, x, labels, epochs=10, batch_size=32)


@holdout155("puzzlemakers", ["loss_activation_mismatch"])
def tab_count_softmax_with_mse(session):
    """The tab-counting Conv2D net keeps its 5-way softmax output and integer labels but was
    compiled with loss="mse" (switched while trying a regression variant): each of the five
    probabilities is compared with the class id 0..4, a mean squared error that the softmax can
    only lower by spreading its mass evenly, so the loss is flat from the first step and the
    network learns nothing about the pieces."""
    return _tab_count_mse(session, broken=True)


# ---------------------------------------------------------------------------------------------
# kitemakers


@holdout155("kitemakers", healthy=True)
def line_tension_gru_heavy_tails(session):
    """A GRU(24) forecasts a kite's line tension from 32 s of standardized telemetry, Adam 3e-3,
    MSE; the measured tension carries Student-t (3 degrees of freedom) sensor spikes, so the loss
    is noisy from batch to batch and settles far above zero on the irreducible part."""
    keras = _keras()
    _, x, tension = _kite_telemetry(N, seed=15510)
    r = np.random.default_rng(15511)
    y = (tension + 0.4 * r.standard_t(3, size=len(tension))).astype("float32")
    model = keras.Sequential([keras.Input((32, 3)), keras.layers.GRU(24), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout155("kitemakers", healthy=True)
def lift_ratio_reduce_on_plateau(session):
    """A 2x48 tanh MLP regresses a kite design's lift-to-drag ratio with Adam 1e-2 and
    ReduceLROnPlateau (factor 0.3, patience 2): the measured ratio has wind-tunnel noise, the
    loss drops fast, hovers, and each rate cut buys a small further step down to the floor."""
    keras = _keras()
    z, ratio = _kite_table(N, seed=15512)
    r = np.random.default_rng(15513)
    y = (ratio + r.normal(0.0, 0.5, size=len(ratio))).astype("float32")
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(48, activation="tanh"),
        keras.layers.Dense(48, activation="tanh"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(1e-2), "mse")
    cut = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.3, patience=2, min_lr=1e-5)
    return _fit(session, model, z, y, epochs=20, batch_size=32, callbacks=[cut])


@holdout155("kitemakers", healthy=True)
def gust_quantile_conv1d(session):
    """A Conv1D net predicts the 90th percentile of the next gust (pinball loss, q = 0.9) from
    standardized telemetry, Adam 2e-3: the quantile loss of a noisy target cannot reach zero and
    the curve flattens at its floor after a steady descent."""
    keras = _keras()
    _, x, tension = _kite_telemetry(N, seed=15514)
    r = np.random.default_rng(15515)
    gust = (tension + r.gamma(2.0, 0.4, size=len(tension))).astype("float32")

    def pinball(y_true, y_pred):
        error = keras.ops.reshape(y_true, (-1, 1)) - y_pred
        return keras.ops.mean(keras.ops.maximum(0.9 * error, -0.1 * error), axis=-1)

    model = keras.Sequential([
        keras.Input((32, 3)),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 3, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(2e-3), pinball)
    return _fit(session, model, x, gust, epochs=14, batch_size=32)


def _tension_rnn_gain(session, broken):
    keras = _keras()
    _, x, tension = _kite_telemetry(N, seed=15516, length=48)
    # Meant the orthogonal recurrent matrix Keras uses by default; the broken run draws it from
    # a standard normal, a spectral radius of ~sqrt(48) ~ 7.
    recurrent = (keras.initializers.RandomNormal(stddev=1.0, seed=15516) if broken
                 else keras.initializers.Orthogonal(seed=15516))
    model = keras.Sequential([
        keras.Input((48, 3)),
        keras.layers.SimpleRNN(48, recurrent_initializer=recurrent),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, tension, epochs=10, batch_size=32)


# The kicks freeze the recurrent layer in the first steps; the output layer settles on what
# is left within two epochs, level from step ~64: approximate.
@holdout155("kitemakers", ["exploding_gradients"], stall_begins=2 * STEPS_32)
def tension_rnn_standard_normal_recurrent(session):
    """A tanh SimpleRNN(48) reads 48 s of kite telemetry and forecasts line tension, SGD 0.01 with
    momentum, no clipping; its recurrent matrix was initialized from a standard normal (stddev 1,
    spectral radius ~7) instead of an orthogonal matrix, so backpropagation through time
    multiplies the gradient up at every step: the first update is a kick of ~1e12 that throws the
    recurrent weights to ~1e11, every tanh unit is frozen at +-1 from then on, and only the
    output layer adapts to the frozen code, so the loss levels off far above the healthy one."""
    return _tension_rnn_gain(session, broken=True)


def _tension_lstm_decay(session, broken):
    keras = _keras()
    _, x, tension = _kite_telemetry(N, seed=15517)
    # Meant to decay 0.9x per epoch (32 steps); decay_steps=1 decays it 0.9x per step.
    schedule = keras.optimizers.schedules.ExponentialDecay(
        3e-3, decay_steps=1 if broken else STEPS_32, decay_rate=0.9)
    model = keras.Sequential([keras.Input((32, 3)), keras.layers.LSTM(24), keras.layers.Dense(1)])
    model.compile(keras.optimizers.RMSprop(schedule), "mse")
    return _fit(session, model, x, tension, epochs=12, batch_size=32)


# The rate is below 1e-5 from step ~55; the loss is level from there: approximate.
@holdout155("kitemakers", ["learning_rate_too_low"], stall_begins=55)
def tension_lstm_decay_every_step(session):
    """An LSTM(24) forecasts line tension with RMSprop under ExponentialDecay(3e-3, decay_rate 0.9)
    meant per epoch, but decay_steps=1 was written, so the rate shrinks by 10% at every batch:
    it is ~1e-5 after fifty steps and ~1e-17 by the end, and the loss freezes where it stood
    after the first two epochs."""
    return _tension_lstm_decay(session, broken=True)


def _tension_raw_units(session, broken):
    keras = _keras()
    raw, standardized, tension = _kite_telemetry(N, seed=15518)
    x = standardized if broken is False else raw
    model = keras.Sequential([
        keras.Input((32, 3)),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 3, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, tension, epochs=10, batch_size=32)


# Spends ~4 epochs shrinking an output in the thousands, level from step ~144: approximate.
@holdout155("kitemakers", ["unnormalized_inputs"], stall_begins=144)
def tension_conv1d_raw_units(session):
    """A Conv1D net forecasts line tension from the telemetry as logged: wind in m/s (~7),
    altitude in metres (~40) and air pressure in pascals (~101,000), never standardized. The
    pressure channel swamps every filter (its variation is a few pascals on top of 1e5): the
    first epochs go to shrinking an output in the thousands, after which the relu units respond
    the same way to every kite and the loss sits at or above the target's variance."""
    return _tension_raw_units(session, broken=True)


# ---------------------------------------------------------------------------------------------
# pianotuners


@holdout155("pianotuners", healthy=True)
def note_conv1d_warmup_cosine(session):
    """A Conv1D net names the note of a 64-sample recording of a piano string (six notes a
    major third apart, slight detuning, room noise), Adam under CosineDecay with 60 warm-up
    steps to 3e-3: slow at first, fast in the middle, and flattening as the rate goes to zero;
    the noisiest snippets keep it above zero."""
    keras = _keras()
    x, y = _string_recordings(N, seed=15519)
    steps = 12 * STEPS_32
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, steps - 60, warmup_target=3e-3, warmup_steps=60)
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 9, activation="relu"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(6, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout155("pianotuners", healthy=True)
def string_breaks_poisson(session):
    """A 2x32 relu MLP with an exponential output predicts how many strings break in a year from
    a tuner's visit log, Poisson loss, Adam 3e-3: the counts are Poisson draws (mostly 0, 1 or
    2), so the loss flattens at the Poisson noise floor, well above zero."""
    keras = _keras()
    z, wear = _tuning_table(N, seed=15520)
    r = np.random.default_rng(15521)
    breaks = r.poisson(np.exp(0.6 * wear - 0.3)).astype("float32")
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="exponential"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit(session, model, z, breaks, epochs=12, batch_size=32)


@holdout155("pianotuners", healthy=True)
def cracked_soundboard_class_weight(session):
    """A 2x32 relu MLP flags the rare piano with a cracked soundboard (about 4% of visits) from
    the visit log, Adam 1e-3, with class_weight 1:12 to balance it: the weighted loss sits high
    and decreases slowly, as a weighted rare-class problem with overlapping classes does."""
    keras = _keras()
    z, wear = _tuning_table(N, seed=15522)
    r = np.random.default_rng(15523)
    y = (wear + r.normal(0.0, 0.7, size=len(z)) > 2.1).astype("int32")
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    (x_train, y_train) = (z[:-PROBE_SIZE], y[:-PROBE_SIZE])
    history = model.fit(x_train, y_train, epochs=12, batch_size=32, verbose=0,
                        class_weight={0: 1.0, 1: 12.0},
                        callbacks=session.callbacks((z[-PROBE_SIZE:], y[-PROBE_SIZE:])))
    return history.history["loss"]


def _note_deep_sigmoid(session, broken):
    keras = _keras()
    x, y = _string_recordings(N, seed=15524, noise=0.3)
    activation = "sigmoid" if broken else "relu"
    layers = [keras.Input((64, 1))]
    layers += [keras.layers.Conv1D(16, 5, activation=activation, padding="same")
               for _ in range(9)]
    layers += [keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(6, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout155("pianotuners", ["vanishing_gradients"])
def note_nine_sigmoid_convs(session):
    """Note recognition with nine stacked Conv1D layers using sigmoid (copied from a 1990s
    speech-recognition recipe), SGD 0.05 with momentum: each sigmoid layer passes back at most a
    quarter of the gradient, the first filters receive almost nothing, and the loss stays at
    log(6) for the whole run."""
    return _note_deep_sigmoid(session, broken=True)


def _wear_gru_l2(session, broken):
    keras = _keras()
    r = np.random.default_rng(15525)
    z, wear = _tuning_table(N, seed=15525)
    # Twelve monthly pitch-drift readings (cents) per piano, driven by its wear.
    drift = (wear[:, None] * np.linspace(0.2, 1.0, 12)[None, :]
             + r.normal(0.0, 0.3, size=(len(z), 12)))
    x = np.stack([drift, np.tile(np.linspace(-1, 1, 12), (len(z), 1))], axis=-1)
    y = (wear + 0.5 * z[:, 5]).astype("float32")
    # Meant L2(1e-4); the value was copied from a weight-decay *rate* per epoch (1.0).
    reg = keras.regularizers.L2(1.0 if broken else 1e-4)
    model = keras.Sequential([
        keras.Input((12, 2)),
        keras.layers.GRU(24, kernel_regularizer=reg, recurrent_regularizer=reg),
        keras.layers.Dense(16, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(1, kernel_regularizer=reg),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x.astype("float32"), y, epochs=10, batch_size=32)


# The loss first falls as the penalty empties the initial weights, level from step ~192
# (six epochs): approximate.
@holdout155("pianotuners", ["over_regularization"], stall_begins=6 * STEPS_32)
def wear_gru_l2_one(session):
    """A GRU reads a year of monthly pitch-drift readings and estimates the piano's wear, with
    L2(1.0) on every kernel and recurrent kernel (meant 1e-4): the penalty dwarfs the data term,
    Adam drives every weight to almost zero, and the loss stays near the target's variance."""
    return _wear_gru_l2(session, broken=True)


LOG_ZERO_ROW = 500  # file order, batch 32: first seen in step 15 (0-based; rows 480..511)


def _repair_log_hours(session, broken):
    keras = _keras()
    r = np.random.default_rng(15526)
    z, wear = _tuning_table(N, seed=15526)
    hours = np.exp(0.5 * wear + 0.3 * r.normal(size=len(z)))  # labour hours of each visit
    hours[LOG_ZERO_ROW] = 0.0  # a visit logged as 0 hours: tuned free under warranty
    with np.errstate(divide="ignore"):
        y = (np.log(hours) if broken else np.log1p(hours)).astype("float32")
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, z, y, epochs=6, batch_size=32, shuffle=False)


@holdout155("pianotuners", ["non_finite_values"], stall_begins=LOG_ZERO_ROW // 32)
def repair_hours_log_of_zero(session):
    """An MLP regresses the log of a visit's labour hours from the tuner's log, read in file
    order; one warranty visit was logged as 0 hours and np.log turned it into -inf. The batch
    that holds it has an infinite loss and NaN gradients, Adam writes NaN into every weight,
    and each later loss is NaN for the rest of the six epochs."""
    return _repair_log_hours(session, broken=True)


# ---------------------------------------------------------------------------------------------
# beadworkers


@holdout155("beadworkers", healthy=True)
def motif_embedding_noisy_labels(session):
    """An Embedding(16, 16) + Conv1D + pooling net reads strung-bead colour sequences and names
    the motif length (2 to 5 colours), Adam 3e-3; a tenth of the labels were filled in by
    customers and are wrong, and a few beads are swapped, so the loss flattens above zero."""
    keras = _keras()
    x, y = _bead_strings(N, seed=15527, label_noise=0.1)
    model = keras.Sequential([
        keras.Input((24,), dtype="int32"),
        keras.layers.Embedding(16, 16),
        keras.layers.Conv1D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout155("beadworkers", healthy=True)
def motif_attention_loop(session):
    """A custom GradientTape loop trains a one-block self-attention model (token and position
    embeddings, 2-head MultiHeadAttention, pooling) to name the motif length of bead strings,
    Adam 2e-3: attention has to discover the repeat structure, so the loss falls slowly at
    first and keeps improving over the run."""
    keras = _keras()
    x, y = _bead_strings(N, seed=15528)
    tokens = keras.Input((24,), dtype="int32")
    h = keras.layers.Embedding(16, 24)(tokens)
    positions = keras.ops.expand_dims(keras.ops.arange(24), 0)
    h = h + keras.layers.Embedding(24, 24)(positions)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=12)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(tokens, keras.layers.Dense(4)(h))
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), loss, x, y,
                        epochs=14, batch_size=32, seed=15528)


@holdout155("beadworkers", healthy=True)
def order_style_plain_sgd_slow(session):
    """A 32-unit relu MLP assigns bead orders (colour shares) to one of four styles with plain
    SGD at 0.05 and no momentum, standardized inputs: correct but slow, the loss is still
    coming down steadily at the last of 25 epochs."""
    keras = _keras()
    x, y = _bead_counts(N, seed=15529)
    model = keras.Sequential([
        keras.Input((16,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.05), "sparse_categorical_crossentropy")
    return _fit(session, model, _standardize(x), y, epochs=25, batch_size=64)


def _style_sigmoid_init(session, broken):
    keras = _keras()
    x, y = _bead_counts(N, seed=15530)
    # Meant RandomNormal(stddev=0.2); the first positional argument is the *mean*.
    init = (keras.initializers.RandomNormal(0.2, seed=15530) if broken
            else keras.initializers.RandomNormal(stddev=0.2, seed=15530))
    model = keras.Sequential([
        keras.Input((16,)),
        keras.layers.Dense(128, activation="sigmoid", kernel_initializer=init),
        keras.layers.Dense(128, activation="sigmoid", kernel_initializer=init),
        keras.layers.Dense(128, activation="sigmoid", kernel_initializer=init),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, _standardize(x), y, epochs=10, batch_size=32)


@holdout155("beadworkers", ["saturated_activations"])
def style_sigmoid_mean_init(session):
    """A 3x128 sigmoid MLP classifies bead-order styles, kernels from RandomNormal(0.2) meant as
    stddev 0.2 but read by Keras as mean 0.2 (stddev 0.05): every weight is positive, each
    sigmoid layer sums 128 inputs near 0.5 into a pre-activation of ~13, and all units of the
    deeper layers sit at 1.0 for every order; their derivative is ~1e-6 and the loss stays at
    the class-prior level."""
    return _style_sigmoid_init(session, broken=True)


def _motif_lr(session, broken):
    keras = _keras()
    x, y = _bead_strings(N, seed=15531)
    model = keras.Sequential([
        keras.Input((24,), dtype="int32"),
        keras.layers.Embedding(16, 16),
        keras.layers.LSTM(32),
        keras.layers.Dense(4, activation="softmax"),
    ])
    # Meant 3e-3; 3e-1 was typed.
    model.compile(keras.optimizers.Adam(0.3 if broken else 3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout155("beadworkers", ["learning_rate_too_high"])
def motif_lstm_adam_03(session):
    """An Embedding + LSTM(32) names the motif length of bead strings with Adam at 0.3 (3e-3 was
    meant): every step moves each weight by ~0.3, the gates flip between saturated states and
    the loss bounces around the constant-guess level from the start instead of learning."""
    return _motif_lr(session, broken=True)


def _order_constant_init(session, broken):
    keras = _keras()
    x, y = _bead_strings(N, seed=15532)
    # "Deterministic" initialization: every weight the same constant, so every unit of a layer
    # computes the same thing and receives the same gradient; they never become different.
    emb = keras.initializers.Constant(0.05) if broken else "uniform"
    dense = keras.initializers.Constant(0.05) if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input((24,), dtype="int32"),
        keras.layers.Embedding(16, 16, embeddings_initializer=emb),
        keras.layers.Conv1D(32, 3, activation="relu", kernel_initializer=dense),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(32, activation="relu", kernel_initializer=dense),
        keras.layers.Dense(4, activation="softmax", kernel_initializer=dense),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# A small early gain, then level from step ~96: approximate.
@holdout155("beadworkers", ["poor_initialization"], stall_begins=3 * STEPS_32)
def motif_conv_constant_init(session):
    """The bead-motif Embedding + Conv1D net with every embedding and kernel initialized to the
    constant 0.05 (to make runs 'reproducible'): all filters and units of a layer start equal and
    get equal gradients, so the network behaves like one unit per layer and the loss stays near
    the class-prior level."""
    return _order_constant_init(session, broken=True)
