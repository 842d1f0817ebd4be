"""The hundred-and-forty-third held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Twenty-four small trainings in four trades, six each: herpetologists (frog calls, snake
clutches, basking lizards, skink tail-flicks, viper strikes), botanists (leaf scans, blight,
seedling growth, pollen seasons, germination), ichthyologists (trout weights, tagged salmon,
a hatchery, sonar echoes, trawl catches, shoals) and hydrographers (tide gauges, river
discharge, echo soundings, estuaries, wave buoys). All data are synthetic, from numpy seeds
14301-14324; the last PROBE_SIZE rows of every set are the probe and are never trained on.

The healthy half (twelve runs) are correct models trained correctly whose loss flattens above
zero or moves in unusual ways because of the data or the schedule: a frog-call classifier on
labels a quarter of which are wrong; a Poisson-count regression in a GradientTape loop whose
loss goes negative and settles at the counting noise; a GRU with ReduceLROnPlateau; a CNN on
noisy leaf scans with SGD on a PiecewiseConstantDecay schedule; a rare positive class (one in
twenty) with class_weight whose weighted loss falls slowly all run; a Huber-loss loop on
heteroscedastic, heavy-tailed growth; a mean-squared-error fit to Student-t (two degrees of
freedom) residuals; a two-input model with an Embedding whose outcome is a matter of chance;
96 examples memorized by a wide MLP; a Conv1D forecaster on CosineDecay with a linear
warm-up; a pinball (q = 0.9) loss loop; and a self-attention model learning a minimum slowly,
still improving at the end.

The broken half (twelve runs) is one realistic mistake per cause, each written as a helper
`_name(session, broken)` and checked against its fixed twin with the same seed, optimizer and
epochs (the broken run stalls well above the fixed run's final loss): Adam at 0.5 where 5e-4
was meant (MLP); a recurrent initializer with gain 2.5 from a reservoir-computing recipe in a
tanh SimpleRNN on SGD without clipping (the loss bounces above the target's variance, no NaN);
a 1e-3 weight standard deviation in a Conv1D net on SGD (sits at log 4); RMSprop at 1e-6 in an
LSTM; a sigmoid head regressing targets in percent (CNN); a hand-written initializer that
multiplies by sqrt(fan_in) instead of dividing, pinning a tanh MLP in a GradientTape loop;
raw-unit sonar features (grams, millimetres) with SGD and momentum; a -5 bias initializer
shared by every relu layer (Nadam); an L2 penalty of 0.5 for 5e-4; ten sigmoid layers on SGD;
a Dense stack without activations (one linear map); and NaN windows from a gauge outage in a
time-ordered Conv1D fit.

Dropped or changed because they did not behave as intended: a single-unit softmax head with
binary cross-entropy (Keras 3 repairs it and the net learned as well as the fixed one; replaced
by the sigmoid-versus-percent head); a relu IRNN with identity gain 1.6 under Adam (the loss
was astronomical but kept falling by factors, not a stall; replaced by the tanh gain-2.5 RNN,
whose SGD rate was also lowered to 0.02 because the fixed twin diverged at 0.05); a tanh MLP
with unit-normal kernels (still learned slowly from the sign pattern; replaced by the
sqrt(fan_in) slip, which stalls); a constant 0.05 kernel initialization (symmetric units, but
the loss kept drifting down; replaced by the tiny-weights one); and an Adam-0.5 run on
well-separated frog calls, which bounced for ten epochs and then reached zero loss, so the
broken frog data overlap more.

Labels: `expected_causes` holds one cause id, the root cause the run was built around.
`stall_begins` is the 0-based optimizer step from which the broken loss stops improving, or
None where it never improves; it is exact for the NaN run (the first batch holding an outage
window, with shuffle=False) and approximate, read off the smoothed per-step loss (or the
epoch means of a custom loop), where marked so beside the scenario.
"""

import numpy as np

from .scenarios import (PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _small_cnn, _standardize,
                        registrar)

FAMILIES = ('herpetologists', 'botanists', 'ichthyologists', 'hydrographers')
REGISTRY = []
holdout143 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE
# The first NaN window of the gauge outage; batch OUTAGE_ROW // 32 is the first that holds it.
OUTAGE_ROW = 600


# ---------------------------------------------------------------------------------------------
# data


def _rng(seed):
    return np.random.default_rng(seed)


def _calls(n, seed, flip=0.0, dim=12, classes=5, separation=1.6):
    """Frog calls: spectral features of `classes` species on a warped manifold, a share `flip`
    of the labels given to a random species (field recordings named by ear)."""
    r = _rng(seed)
    y = r.integers(0, classes, size=n)
    centers = r.normal(0.0, separation, size=(classes, dim))
    x = centers[y] + r.normal(0.0, 1.0, size=(n, dim))
    x[:, :3] += 0.6 * np.sin(1.5 * x[:, 3:6])
    if flip:
        wrong = r.random(n) < flip
        y = np.where(wrong, r.integers(0, classes, size=n), y)
    return _standardize(x), y.astype("int32")


def _waveforms(n, seed, length=64, classes=4):
    """Skink tail-flick accelerometer traces: a burst whose rhythm and envelope name the
    behaviour, in sensor noise."""
    r = _rng(seed)
    y = r.integers(0, classes, size=n)
    t = np.linspace(0.0, 1.0, length)[None, :]
    freq = (3.0 + 2.5 * y)[:, None] + r.normal(0.0, 0.3, size=(n, 1))
    start = r.uniform(0.0, 0.4, size=(n, 1))
    envelope = np.exp(-((t - start - 0.25) ** 2) / (0.02 + 0.03 * (y[:, None] % 2)))
    x = envelope * np.sin(2 * np.pi * freq * t + r.uniform(0, 2 * np.pi, size=(n, 1)))
    x = x + r.normal(0.0, 0.3, size=x.shape)
    return x[..., None].astype("float32"), y.astype("int32")


def _leaves(n, seed, size=16, classes=4, noise=1.0):
    """Leaf-scan patches: venation stripes at one of `classes` angles, with blotches and noise."""
    r = _rng(seed)
    y = r.integers(0, classes, size=n)
    yy, xx = np.mgrid[0:size, 0:size] / size
    angle = np.pi * y / classes + r.normal(0.0, 0.35, size=n)
    phase = r.uniform(0, 2 * np.pi, size=n)
    proj = np.cos(angle)[:, None, None] * xx + np.sin(angle)[:, None, None] * yy
    x = np.sin(2 * np.pi * 3.0 * proj + phase[:, None, None])
    x = x + r.normal(0.0, noise, size=x.shape)
    return x[..., None].astype("float32"), y.astype("int32")


# ---------------------------------------------------------------------------------------------
# herpetologists


@holdout143("herpetologists", healthy=True)
def frog_calls_named_by_ear(session):
    """A frog-call survey: twelve spectral features, five species, a quarter of the labels
    given by volunteers to a random species. A 2x64 relu MLP with Adam 1e-3 for 20 epochs
    learns the species quickly and then flattens far above zero, at the entropy of the
    mislabelled calls: the noise is in the labels, not in the training."""
    keras = _keras()
    x, y = _calls(N, seed=14301, flip=0.25)
    model = _mlp(keras, 12, [64, 64], 5)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout143("herpetologists", healthy=True)
def clutch_sizes_poisson(session):
    """Custom GradientTape loop: the number of eggs in a snake's clutch from six measurements
    of the mother and the season, drawn from a Poisson law whose rate depends smoothly on them.
    A 32-unit relu MLP with an exponential output, Poisson loss, Adam 3e-3, 15 epochs: the loss
    falls and settles at the Poisson noise of the counts, which no model can remove."""
    keras = _keras()
    r = _rng(14302)
    x = r.normal(0.0, 1.0, size=(N, 6)).astype("float32")
    rate = np.exp(1.2 + 0.4 * x[:, 0] - 0.3 * x[:, 1] + 0.3 * np.sin(2.0 * x[:, 2]))
    y = r.poisson(rate)[:, None].astype("float32")
    model = _mlp(keras, 6, [32], 1, out_activation="exponential")
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), keras.losses.Poisson(),
                        x, y, epochs=15, batch_size=32, seed=14302)


@holdout143("herpetologists", healthy=True)
def basking_gru_reduce_on_plateau(session):
    """A lizard's body temperature from the last twenty readings of the rock it basks on (a
    lagged, smoothed copy of them plus measurement noise). GRU(16) and a linear read-out, Adam
    1e-2 with ReduceLROnPlateau halving the rate after two flat epochs, 20 epochs: the loss
    drops fast, then steps down a little at each halving and flattens at the sensor noise."""
    keras = _keras()
    r = _rng(14303)
    length = 20
    rock = np.cumsum(r.normal(0.0, 0.5, size=(N, length)), axis=1)
    weights = 0.7 ** np.arange(length)[::-1]
    body = (rock * weights).sum(axis=1) / weights.sum() + r.normal(0.0, 0.3, size=N)
    x = ((rock - rock.mean()) / rock.std())[..., None].astype("float32")
    y = ((body - body.mean()) / body.std())[:, None].astype("float32")
    model = keras.Sequential([keras.Input((length, 1)), keras.layers.GRU(16),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-2), "mse")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=2)
    return _fit(session, model, x, y, epochs=20, batch_size=32, callbacks=[plateau])


def _frog_calls_learning_rate(session, broken):
    keras = _keras()
    x, y = _calls(N, seed=14304, separation=0.7)
    model = _mlp(keras, 12, [64, 64], 5)
    # The lab notebook said "lr 5e-4"; the config file got 5e-1.
    rate = 0.5 if broken else 5e-4
    model.compile(keras.optimizers.Adam(rate), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


# Approximate: two epochs of bouncing, then level at the constant-guess loss.
@holdout143("herpetologists", ["learning_rate_too_high"], stall_begins=64)
def frog_calls_adam_half(session):
    """The frog-call species classifier (2x64 relu MLP, clean labels) trained with Adam at 0.5:
    the notebook said 5e-4 and the config file got 5e-1. The first steps throw the weights far
    off, the loss jumps above the constant-guess level and bounces there instead of falling
    to the near-zero loss the same model reaches at 5e-4."""
    return _frog_calls_learning_rate(session, broken=True)


def _tail_flicks_initialization(session, broken):
    keras = _keras()
    x, y = _waveforms(N, seed=14305)
    # A textbook's "initialize with small random weights", taken as a standard deviation of 1e-3.
    if broken:
        init = keras.initializers.RandomNormal(stddev=1e-3, seed=14305)
    else:
        init = "glorot_uniform"
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", kernel_initializer=init),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", kernel_initializer=init),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu", kernel_initializer=init),
        keras.layers.Dense(4, activation="softmax", kernel_initializer=init),
    ])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout143("herpetologists", ["poor_initialization"])
def tail_flicks_tiny_init(session):
    """Skink tail-flick traces (64 accelerometer samples, four behaviours) classified by a small
    Conv1D net (two convolutions, a dense layer) with SGD 0.02 and momentum, every kernel drawn
    with a standard deviation of 1e-3 because a textbook said "small random weights". The
    signal shrinks a thousandfold at each of the four layers, the output is the same for every
    trace and each layer's gradient is scaled by the other layers' tiny weights: the loss sits
    at log 4 for the whole run, while the Glorot-initialized net with the same optimizer learns
    the behaviours."""
    return _tail_flicks_initialization(session, broken=True)


def _strike_counts_rnn(session, broken):
    keras = _keras()
    r = _rng(14306)
    length = 40
    x = r.normal(0.0, 1.0, size=(N, length, 2)).astype("float32")
    y = (x[:, -10:, 0].mean(axis=1) - 0.5 * x[:, -5:, 1].mean(axis=1))[:, None]
    y = (y / y.std()).astype("float32")
    # A reservoir-computing recipe's "edge of chaos" recurrent gain, 2.5, in a trained RNN.
    gain = 2.5 if broken else 1.0
    recurrent = keras.initializers.Orthogonal(gain=gain, seed=14306)
    model = keras.Sequential([
        keras.Input((length, 2)),
        keras.layers.SimpleRNN(32, recurrent_initializer=recurrent),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# Approximate: the loss bounces from about step 16 on.
@holdout143("herpetologists", ["exploding_gradients"], stall_begins=16)
def strike_rnn_chaotic_gain(session):
    """A viper's strike readiness from forty time steps of two vibration sensors, with a tanh
    SimpleRNN(32) whose orthogonal recurrent initializer has gain 2.5, the "edge of chaos"
    setting of a reservoir-computing recipe, trained with SGD 0.02 and momentum 0.9, no
    clipping. The gradient through forty steps of a recurrence with gain 2.5 is huge and
    erratic; each update throws the state dynamics somewhere else, the loss bounces around the
    target's variance without turning NaN, while the gain-1 twin goes far below."""
    return _strike_counts_rnn(session, broken=True)


# ---------------------------------------------------------------------------------------------
# botanists


@holdout143("botanists", healthy=True)
def leaf_venation_piecewise(session):
    """Leaf-scan patches (16x16) classified by the angle of their venation among four, in heavy
    scanner noise. A small CNN with SGD momentum 0.9 on a PiecewiseConstantDecay schedule
    (0.03, then 0.006 after step 200, 0.0012 after step 400), 16 epochs: the loss falls, steps
    down at each boundary and flattens where the noise leaves ambiguous patches."""
    keras = _keras()
    x, y = _leaves(N, seed=14307)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([200, 400],
                                                                 [0.03, 0.006, 0.0012])
    model = _small_cnn(keras, x.shape[1:], 4)
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


@holdout143("botanists", healthy=True)
def blight_rare_class_weighted(session):
    """Which seedlings in a greenhouse will show blight: ten soil and leaf measurements, about
    one plant in twenty positive, and a nonlinear risk with chance involved. A 32-16 relu MLP
    with a sigmoid output, binary cross-entropy, class_weight {0: 1, 1: 8}, Adam 1e-3, 20
    epochs: the weighted loss falls slowly over the whole run and is still far above zero at
    the end, as the outcome is partly luck."""
    keras = _keras()
    r = _rng(14308)
    x = r.normal(0.0, 1.0, size=(N, 10))
    logit = -3.6 + 1.2 * x[:, 0] + 0.9 * x[:, 1] * x[:, 2] + 0.8 * np.abs(x[:, 3])
    y = (r.random(N) < 1.0 / (1.0 + np.exp(-logit))).astype("float32")[:, None]
    model = _mlp(keras, 10, [32, 16], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    weights = {0: 1.0, 1: 8.0}
    (x_train, y_train), probe = (x[:-PROBE_SIZE], y[:-PROBE_SIZE]), (x[-PROBE_SIZE:],
                                                                       y[-PROBE_SIZE:])
    history = model.fit(x_train.astype("float32"), y_train, epochs=20, batch_size=32,
                        class_weight=weights, verbose=0,
                        callbacks=session.callbacks((probe[0].astype("float32"), probe[1])))
    return history.history["loss"]


@holdout143("botanists", healthy=True)
def growth_huber_heteroscedastic(session):
    """Custom GradientTape loop: a seedling's four-week growth from fertilizer, light, water and
    soil pH, whose spread grows with the fertilizer dose (heteroscedastic noise, occasional
    outliers). A 2x32 relu MLP, Huber loss (delta 1), Adam 2e-3, 15 epochs: the loss falls and
    levels at the noise floor, which is high for heavily fed plants."""
    keras = _keras()
    r = _rng(14309)
    x = r.normal(0.0, 1.0, size=(N, 4)).astype("float32")
    mean = 1.5 * np.tanh(x[:, 0]) + 0.8 * x[:, 1] - 0.5 * x[:, 3] ** 2
    spread = 0.3 + 0.6 * (x[:, 0] > 0) * x[:, 0]
    y = mean + spread * r.standard_t(4, size=N)
    y = y[:, None].astype("float32")
    model = _mlp(keras, 4, [32, 32], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3),
                        keras.losses.Huber(delta=1.0), x, y, epochs=15, batch_size=32,
                        seed=14309)


def _pollen_seasons(session, broken):
    keras = _keras()
    r = _rng(14310)
    length, classes = 24, 3
    y = r.integers(0, classes, size=N)
    t = np.linspace(0.0, 1.0, length)[None, :]
    peak = np.array([0.25, 0.5, 0.75])[y][:, None] + r.normal(0.0, 0.06, size=(N, 1))
    counts = np.exp(-((t - peak) ** 2) / 0.01) + r.normal(0.0, 0.25, size=(N, length))
    x = counts[..., None].astype("float32")
    model = keras.Sequential([keras.Input((length, 1)), keras.layers.LSTM(24),
                              keras.layers.Dense(classes, activation="softmax")])
    # RMSprop(1e-6): the "rho" and "learning_rate" positional arguments of an old recipe.
    rate = 1e-6 if broken else 3e-3
    model.compile(keras.optimizers.RMSprop(rate), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y.astype("int32"), epochs=12, batch_size=32)


@holdout143("botanists", ["learning_rate_too_low"])
def pollen_lstm_rmsprop_micro(session):
    """Which of three flowering seasons a site is in, from 24 daily pollen counts, with an
    LSTM(24) and RMSprop at 1e-6 (a rate from an old recipe's positional arguments read in the
    wrong order; 3e-3 was meant). Every update is a millionth of a weight: the loss sits at
    the constant-guess level for the whole run while the same net learns at 3e-3."""
    return _pollen_seasons(session, broken=True)


def _blight_severity(session, broken):
    keras = _keras()
    r = _rng(14311)
    size = 16
    x = r.normal(0.0, 0.3, size=(N, size, size))
    spots = r.integers(0, 6, size=N)
    yy, xx = np.mgrid[0:size, 0:size]
    for i in range(N):
        for _ in range(spots[i]):
            cy, cx = r.integers(2, size - 2, size=2)
            x[i] += 1.2 * np.exp(-((yy - cy) ** 2 + (xx - cx) ** 2) / 3.0)
    x = x[..., None].astype("float32")
    # Percent of the leaf blighted; the sigmoid head was written for fractions.
    y = (12.0 * spots + r.normal(0.0, 3.0, size=N)).clip(0.0, 100.0)[:, None].astype("float32")
    model = _small_cnn(keras, (size, size, 1), 1, out_activation="sigmoid" if broken else None)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout143("botanists", ["loss_activation_mismatch"])
def blight_percent_sigmoid_head(session):
    """Leaf photos (16x16) with zero to five blight lesions and the share of the leaf blighted,
    labelled in percent (0-100), fitted with mean squared error by a small CNN whose head
    kept the sigmoid of the fraction-valued version of the notebook. The sigmoid cannot go
    above 1, it saturates at once against targets in the tens, the gradient through it is zero
    and the loss is flat from the start, while a linear head fits the percentages."""
    return _blight_severity(session, broken=True)


def _germination_tanh(session, broken):
    keras = _keras()
    r = _rng(14312)
    x = r.normal(0.0, 1.0, size=(N, 16)).astype("float32")
    score = np.sin(x[:, 0] * 1.5) + x[:, 1] * x[:, 2] - 0.7 * x[:, 3]
    y = np.digitize(score, np.quantile(score, [1 / 3, 2 / 3])).astype("int32")
    layers = [keras.Input((16,))]
    fan_in = 16
    for i, units in enumerate([128, 128, 8, 3]):
        # LeCun's rule is stddev = 1 / sqrt(fan_in); the hand-written init multiplies instead.
        stddev = np.sqrt(fan_in) if broken else 1.0 / np.sqrt(fan_in)
        init = keras.initializers.RandomNormal(stddev=float(stddev), seed=14312 + i)
        layers.append(keras.layers.Dense(units, activation="tanh" if units != 3 else None,
                                         kernel_initializer=init))
        fan_in = units
    model = keras.Sequential(layers)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.SGD(0.02, momentum=0.9), loss, x, y,
                        epochs=15, batch_size=32, seed=14312)


# Approximate: read off the epoch means of the custom loop (32 steps an epoch).
@holdout143("botanists", ["saturated_activations"], stall_begins=128)
def germination_tanh_fan_in_slip(session):
    """Custom GradientTape loop: which of three germination speeds a seed lot has, from sixteen
    assay measurements, with a tanh MLP (128-128-8) and a hand-written initializer that draws
    each kernel with standard deviation sqrt(fan_in) where LeCun's rule divides by it, SGD 0.02
    with momentum. The pre-activations are tens to a hundred units wide, the tanh units sit at
    +1 or -1 with zero slope, only the read-out learns from the frozen sign pattern and the
    loss stalls near log 3, far above the correctly initialized twin's."""
    return _germination_tanh(session, broken=True)


# ---------------------------------------------------------------------------------------------
# ichthyologists


def _fit_inputs(session, model, xs, y, *, epochs, batch_size):
    """model.fit for a multi-input model on all but the last PROBE_SIZE rows (the probe)."""
    train = [x[:-PROBE_SIZE] for x in xs]
    probe = ([x[-PROBE_SIZE:] for x in xs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        verbose=0, callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout143("ichthyologists", healthy=True)
def trout_weight_heavy_tails(session):
    """A trout's weight from its length, girth and condition, with heavy-tailed errors (fish
    weighed wet, with stomach contents, on a rocking boat: Student-t noise with two degrees of
    freedom). A 2x32 relu MLP, mean squared error, Adam 1e-3, 15 epochs: the loss falls within
    a few epochs and then wanders around a high floor set by the occasional huge residual."""
    keras = _keras()
    r = _rng(14313)
    x = r.normal(0.0, 1.0, size=(N, 3)).astype("float32")
    y = 1.5 * x[:, 0] + 0.6 * x[:, 1] + 0.4 * x[:, 0] * x[:, 2] + 0.5 * r.standard_t(2, size=N)
    y = np.clip(y, -15.0, 15.0)[:, None].astype("float32")
    model = _mlp(keras, 3, [32, 32], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout143("ichthyologists", healthy=True)
def tagged_fish_river_embedding(session):
    """Whether a tagged salmon returns to spawn, from the river it was tagged in (one of 24,
    through an 8-dimensional Embedding) and four numeric measurements, in a two-input
    functional model, Adam 2e-3, binary cross-entropy, 15 epochs. Each river has its own
    return rate; the loss falls as the embedding learns them and flattens well above zero,
    since return is a matter of chance."""
    keras = _keras()
    r = _rng(14314)
    rivers = r.integers(0, 24, size=N)
    effect = r.normal(0.0, 1.2, size=24)
    num = r.normal(0.0, 1.0, size=(N, 4)).astype("float32")
    logit = effect[rivers] + 0.8 * num[:, 0] - 0.5 * num[:, 1] ** 2 + 0.3
    y = (r.random(N) < 1.0 / (1.0 + np.exp(-logit))).astype("float32")[:, None]
    river_in = keras.Input((1,), dtype="int32")
    num_in = keras.Input((4,))
    embedded = keras.layers.Flatten()(keras.layers.Embedding(24, 8)(river_in))
    h = keras.layers.Concatenate()([embedded, num_in])
    h = keras.layers.Dense(32, activation="relu")(h)
    out = keras.layers.Dense(1, activation="sigmoid")(h)
    model = keras.Model([river_in, num_in], out)
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit_inputs(session, model, [rivers[:, None].astype("int32"), num], y,
                       epochs=15, batch_size=32)


@holdout143("ichthyologists", healthy=True)
def hatchery_small_sample(session):
    """A hatchery's first season: 96 fry with six measurements and their growth rate, noisy.
    A 2x128 relu MLP, Adam 1e-3, batch 16, 40 epochs: the training loss keeps going down as
    the net memorizes the few fish, slowly towards zero, which is what small data does to a
    training loss (the probe fish would tell another story)."""
    keras = _keras()
    r = _rng(14315)
    n = 96 + PROBE_SIZE
    x = r.normal(0.0, 1.0, size=(n, 6)).astype("float32")
    y = np.tanh(x[:, 0]) + 0.5 * x[:, 1] * x[:, 2] + 0.6 * r.normal(0.0, 1.0, size=n)
    y = y[:, None].astype("float32")
    model = _mlp(keras, 6, [128, 128], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


def _sonar_units(session, broken):
    keras = _keras()
    r = _rng(14316)
    length_mm = r.uniform(80.0, 900.0, size=N)
    depth_m = r.uniform(2.0, 300.0, size=N)
    temp_c = r.uniform(4.0, 20.0, size=N)
    weight_g = 1e-5 * length_mm ** 3 * r.uniform(0.8, 1.2, size=N)
    echo_db = -60.0 + 20 * np.log10(length_mm) + r.normal(0.0, 2.0, size=N)
    raw = np.stack([length_mm, depth_m, temp_c, weight_g, echo_db], axis=1)
    score = (np.log(length_mm) - 5.5) * 2.0 + (temp_c - 12.0) / 4.0 - (depth_m - 150) / 80.0
    y = np.digitize(score, np.quantile(score, [1 / 3, 2 / 3])).astype("int32")
    # The scaler was fitted in the notebook but never applied before fit.
    x = raw.astype("float32") if broken else _standardize(raw)
    model = _mlp(keras, 5, [64, 64], 3)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# Approximate: a first epoch of astronomical loss, flat from about step 32.
@holdout143("ichthyologists", ["unnormalized_inputs"], stall_begins=32)
def sonar_species_raw_units(session):
    """Which of three species an echo on the sounder is, from fish length in millimetres (80-900),
    depth in metres, water temperature, weight in grams (up to several kilograms) and echo
    strength in dB, fed to a 2x64 relu MLP with SGD 0.01 and momentum in their raw units: the
    scaler was fitted but never applied. The kilogram-scale column dominates every
    pre-activation and the loss stalls far above what the same net reaches on the
    standardized table."""
    return _sonar_units(session, broken=True)


def _catch_bias(session, broken):
    keras = _keras()
    r = _rng(14317)
    x = r.normal(0.0, 1.0, size=(N, 8)).astype("float32")
    y = np.sin(x[:, 0]) + 0.5 * x[:, 1] * x[:, 2] + 0.3 * x[:, 3] + 0.2 * r.normal(size=N)
    y = ((y - y.mean()) / y.std())[:, None].astype("float32")
    # The rare-species head's prior bias, log(1/150), passed to every layer through a shared
    # keyword dictionary.
    dense_kw = {"bias_initializer": keras.initializers.Constant(-5.0)} if broken else {}
    model = _mlp(keras, 8, [64, 64], 1, out_activation=None, **dense_kw)
    model.compile(keras.optimizers.Nadam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout143("ichthyologists", ["dead_relus"])
def catch_per_haul_negative_bias(session):
    """Catch per haul (standardized) from eight trawl measurements with a 2x64 relu MLP and
    Nadam 1e-3, where a bias initializer of -5, meant for a rare-species classifier's output
    prior, reached every layer through a shared keyword dictionary. Every hidden unit starts
    below zero for every haul, no gradient reaches them, only the output bias learns the mean
    and the loss sits at the target's variance from the start."""
    return _catch_bias(session, broken=True)


def _shoal_regularization(session, broken):
    keras = _keras()
    r = _rng(14318)
    x = r.normal(0.0, 1.0, size=(N, 10)).astype("float32")
    score = x[:, 0] * x[:, 1] + np.sin(2.0 * x[:, 2]) + 0.8 * x[:, 3]
    y = np.digitize(score, np.quantile(score, [0.25, 0.5, 0.75])).astype("int32")
    # l2(0.5) typed for l2(5e-4).
    reg = keras.regularizers.L2(0.5 if broken else 5e-4)
    model = _mlp(keras, 10, [64, 64], 4, kernel_regularizer=reg)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


# Approximate: the penalty has shrunk the weights by about step 200.
@holdout143("ichthyologists", ["over_regularization"], stall_begins=200)
def shoal_class_heavy_l2(session):
    """Which of four shoal sizes an acoustic survey line holds, from ten echo statistics, with a
    2x64 relu MLP whose kernels carry an L2 penalty of 0.5 (5e-4 was meant), Adam 2e-3. The
    penalty shrinks every weight to near zero, the net predicts the class prior and the loss
    flattens at about log 4 while the lightly regularized net goes far below."""
    return _shoal_regularization(session, broken=True)


# ---------------------------------------------------------------------------------------------
# hydrographers


def _tides(n, seed, length=48, noise=0.1):
    """Tide-gauge windows: `length` hourly levels, a sum of semi-diurnal and diurnal
    constituents with random phases and a storm surge; the target is the next hour's level."""
    r = _rng(seed)
    t = np.arange(length + 1)[None, :]
    level = np.zeros((n, length + 1))
    for period, amp in ((12.42, 1.0), (12.0, 0.45), (25.82, 0.3), (23.93, 0.25)):
        a = amp * r.uniform(0.7, 1.3, size=(n, 1))
        level += a * np.sin(2 * np.pi * t / period + r.uniform(0, 2 * np.pi, size=(n, 1)))
    level += np.cumsum(r.normal(0.0, 0.05, size=level.shape), axis=1)
    level += r.normal(0.0, noise, size=level.shape)
    return level[:, :length, None].astype("float32"), level[:, length:].astype("float32")


@holdout143("hydrographers", healthy=True)
def tide_conv1d_warmup_cosine(session):
    """Next-hour tide level from a 48-hour gauge window (four constituents, surge, gauge noise)
    with a Conv1D net, Adam on Keras's CosineDecay with a linear warm-up to 3e-3 over the first
    100 steps and a cosine to zero over the rest of the 20 epochs. The loss falls fast during
    the warm-up, keeps falling slowly and flattens at the gauge noise as the rate reaches
    zero."""
    keras = _keras()
    x, y = _tides(N, seed=14319)
    steps = 20 * (1024 // 32)
    schedule = keras.optimizers.schedules.CosineDecay(0.0, steps - 100, warmup_target=3e-3,
                                                      warmup_steps=100)
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 7, activation="relu"),
        keras.layers.Conv1D(16, 7, activation="relu", dilation_rate=2),
        keras.layers.Flatten(),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(schedule), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout143("hydrographers", healthy=True)
def discharge_quantile_custom(session):
    """Custom GradientTape loop: the 90th percentile of tomorrow's river discharge from rainfall
    over five sub-catchments and the soil moisture, lognormal in the flow. A 2x32 relu MLP
    trained on the pinball loss for q = 0.9, Adam 2e-3, 15 epochs: the loss falls and settles
    at the positive floor the pinball loss keeps even for the true quantile."""
    import tensorflow as tf

    keras = _keras()
    r = _rng(14320)
    x = r.normal(0.0, 1.0, size=(N, 6)).astype("float32")
    log_flow = 0.6 * x[:, :5].sum(axis=1) / np.sqrt(5) + 0.5 * np.tanh(x[:, 5]) * x[:, 0]
    y = np.exp(log_flow + 0.5 * r.normal(size=N))[:, None].astype("float32")

    def pinball(y_true, y_pred, q=0.9):
        error = y_true - y_pred
        return tf.reduce_mean(tf.maximum(q * error, (q - 1.0) * error))

    model = _mlp(keras, 6, [32, 32], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), pinball, x, y,
                        epochs=15, batch_size=32, seed=14320, loss_description="pinball q=0.9")


@holdout143("hydrographers", healthy=True)
def sounding_attention_slow(session):
    """The least depth along a line of sixteen echo soundings (depth and along-track slope per
    ping), with a small self-attention model: Dense embedding, one MultiHeadAttention block
    with a residual, pooling and a read-out, Adam 3e-4, 20 epochs. A minimum is an awkward
    thing for attention to learn; the loss falls fast for four epochs, then slowly and steadily,
    and is still improving at the end of the run."""
    keras = _keras()
    r = _rng(14321)
    depth = 20.0 + np.cumsum(r.normal(0.0, 1.0, size=(N, 16)), axis=1)
    slope = np.diff(depth, axis=1, prepend=depth[:, :1])
    x = np.stack([(depth - 20.0) / 4.0, slope], axis=-1).astype("float32")
    y = ((depth.min(axis=1) - 20.0) / 4.0)[:, None].astype("float32")
    inputs = keras.Input((16, 2))
    h = keras.layers.Dense(16)(inputs)
    h = h + keras.layers.MultiHeadAttention(2, 8)(h, h)
    h = keras.layers.Dense(32, activation="relu")(h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    model = keras.Model(inputs, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(3e-4), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _estuary_depth(session, broken):
    keras = _keras()
    r = _rng(14322)
    x = r.normal(0.0, 1.0, size=(N, 8)).astype("float32")
    score = np.sin(1.5 * x[:, 0]) + x[:, 1] * x[:, 2] - np.abs(x[:, 3])
    y = np.digitize(score, np.quantile(score, [0.5])).astype("int32")
    # A 1990s salinity-model recipe: ten sigmoid layers.
    activation = "sigmoid" if broken else "relu"
    model = _mlp(keras, 8, [32] * 10, 2, activation=activation)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout143("hydrographers", ["vanishing_gradients"])
def estuary_ten_sigmoid_layers(session):
    """Whether an estuary cell is navigable at low water, from eight survey measurements, with a
    ten-layer sigmoid MLP taken from a 1990s salinity-model recipe, SGD 0.05 with momentum.
    The sigmoid's slope of at most a quarter shrinks the gradient layer after layer; the first
    layers receive almost nothing and the loss stays at log 2 for the whole run, while the
    same depth with relu units learns."""
    return _estuary_depth(session, broken=True)


def _harmonic_height(session, broken):
    keras = _keras()
    r = _rng(14323)
    x = r.uniform(-2.0, 2.0, size=(N, 4)).astype("float32")
    y = np.sin(2.0 * x[:, 0]) * np.cos(x[:, 1]) + 0.5 * np.abs(x[:, 2]) - 0.3 * x[:, 3] ** 2
    y = ((y - y.mean()) / y.std() + 0.05 * r.normal(size=N))[:, None].astype("float32")
    # Dense's default activation is None: without it the stack is one linear map.
    activation = None if broken else "relu"
    model = _mlp(keras, 4, [64, 64, 64], 1, activation=activation, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# Approximate: the linear fit is done within half an epoch.
@holdout143("hydrographers", ["insufficient_capacity"], stall_begins=16)
def harmonic_height_linear_stack(session):
    """Wave height at a buoy from four harmonic and wind features, a strongly nonlinear
    function, with three Dense(64) layers written without an activation (Dense's default is
    linear): the stack is one linear map. It fits the linear part within the first epoch and
    then stays flat at the residual of a linear fit, while the same stack with relu goes near
    the noise."""
    return _harmonic_height(session, broken=True)


def _gauge_outage(session, broken):
    keras = _keras()
    x, y = _tides(N, seed=14324)
    if broken:
        # A station outage exported as empty cells, read back as NaN.
        x[OUTAGE_ROW:OUTAGE_ROW + 6, 20:30, 0] = np.nan
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    # Time-ordered windows, kept in order ("never shuffle time series").
    return _fit(session, model, x, y, epochs=6, batch_size=32, shuffle=False)


@holdout143("hydrographers", ["non_finite_values"], stall_begins=OUTAGE_ROW // 32)
def gauge_outage_nan_windows(session):
    """Next-hour tide level from 48-hour gauge windows with a Conv1D net, Adam 2e-3, windows
    kept in time order (shuffle=False). A station outage was exported as empty cells and read
    back as NaN in six windows; the first batch that holds one makes the loss and then every
    weight NaN, and the run goes on for six epochs with a NaN loss."""
    return _gauge_outage(session, broken=True)
