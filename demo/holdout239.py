"""The two-hundred-and-thirty-ninth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

A short catalogue (14 runs: 6 healthy, 8 broken) written under a tight time limit; it is four
trades' stories on synthetic data with fixed seeds 23901..23933.

The wheelwrights of Ludlow predict a wheel's rim run-out after a season from eight workshop
measurements (a 2x64 or 3x64 MLP). The chandlers of Bristol classify how a wax batch burns
(clean, smoky, guttering) from six chemistry readings. The slaters of Delabole classify the grain
of noisy 12x12 patches of split slate with a small two-conv CNN. The nailers of Dudley forecast
the next hour's nail count from a 24-hour (heat, bellows, iron feed) record with a GRU, an LSTM
or a Conv1D.

Healthy half (correct models, trained correctly, whose loss flattens above zero or slowly):
heteroscedastic run-out noise that grows with road roughness (MSE settles at the noise floor);
Student-t run-out errors fitted with a Huber loss under ReduceLROnPlateau; a cautious tanh MLP
on plain SGD that is still improving when the run ends; burn classes with a fifth of the labels
written at random (cross-entropy flattens high); a slate CNN on a PiecewiseConstantDecay
schedule (the loss falls fast, then flattens); a GRU on a noisy nail count (MSE at the noise floor).

Broken half, one cause each, every one compared in a scratch script against the same model
without the mistake: SGD with momentum at 0.35 where the recipe said 0.01 (the MSE bounces near
the target's variance, the fixed one reaches ~0.04); the raw workshop columns (millimetres,
grams) fed without standardization under clipped SGD (finite, but stuck at the variance); a
3x64 tanh MLP with kernels from RandomNormal(stddev=6) (saturated units, ~1.4 against ~0.15); a
twelve-layer sigmoid MLP on SGD (stuck at the class prior, the three-layer relu one reaches
~0.3); a slate CNN on SGD at 1e-5 (sits at log 4); a slate CNN with conv biases of -6 (every
filter dead, log 4); an LSTM with zero kernels and a zero head (only the output bias learns);
a Conv1D nail-count model with L2 of 1.0 on every kernel (flattens near the variance).

Dropped: a one-unit softmax output under binary cross-entropy (the intended loss/activation
mismatch) still learned as well as the sigmoid version in this Keras, so it was removed. For
lack of time no scenario was written for exploding_gradients, non_finite_values,
insufficient_capacity or dead relus in an MLP, and the families are uneven (six wheelwright
runs, two chandler runs, three of each of the others).

Labels: a healthy run has no causes; a broken run's single cause is the mistake it was built
around. stall_begins is the optimizer step (32 steps per epoch) from which the loss stops
improving, None for "from the start". All non-None values were read off the per-epoch loss and
are approximate to about an epoch: 64 (learning rate too high, tanh saturation), 352 (raw
units: the clipped loss falls from the thousands and lands on its floor in epoch 9 to 12,
varying between runs), 32
(deep sigmoid stack), 256 (L2 of 1.0: the penalty shrinks for eight epochs, then holds).
"""

import numpy as np

from .scenarios import PROBE_SIZE, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('wheelwrights_of_ludlow', 'chandlers_of_bristol', 'slaters_of_delabole',
            'nailers_of_dudley')
REGISTRY = []
holdout239 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE

# ---------------------------------------------------------------------------------------------
# data


def _wheel_raw(seed, n=N, noise="gauss"):
    """Wheel measurements in workshop units -> rim run-out after a season on the road.

    Columns: diameter (mm), spoke count, felloe thickness (mm), hub weight (g), oak density
    (kg/m3), years seasoned, cart load (kg), road roughness (0-10)."""
    rng = np.random.default_rng(seed)
    cols = [rng.normal(1300, 120, n), rng.integers(10, 16, n).astype(float),
            rng.normal(75, 8, n), rng.normal(9000, 900, n), rng.normal(700, 60, n),
            rng.uniform(1, 9, n), rng.normal(600, 150, n), rng.uniform(0, 10, n)]
    x = np.stack(cols, axis=1)
    z = (x - x.mean(0)) / x.std(0)
    signal = (np.sin(z[:, 0]) + 0.8 * z[:, 6] * z[:, 7] - 0.6 * np.tanh(z[:, 5])
              + 0.5 * z[:, 2] ** 2 - 0.4 * z[:, 1] * z[:, 3] + 0.3 * z[:, 4])
    if noise == "gauss":
        eps = 0.1 * rng.normal(size=n)
    elif noise == "hetero":
        eps = (0.1 + 0.5 * (x[:, 7] / 10.0)) * rng.normal(size=n)
    else:
        eps = 0.4 * rng.standard_t(2, size=n)
    y = (signal + eps).astype("float32")[:, None]
    return x.astype("float32"), y


def _wheel(seed, n=N, noise="gauss"):
    x, y = _wheel_raw(seed, n, noise)
    return _standardize(x), y


def _candles(seed, n=N, classes=3, flip=0.0):
    """Wax batch chemistry -> how a candle burns (clean, smoky, guttering)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 6)).astype("float32")
    score = np.stack([x[:, 0] * x[:, 1] + np.sin(2 * x[:, 2]),
                      x[:, 3] ** 2 - 1 + 0.5 * x[:, 4],
                      -x[:, 0] + np.cos(x[:, 5]) * x[:, 1]], axis=1)[:, :classes]
    y = score.argmax(1)
    flipped = rng.random(n) < flip
    y[flipped] = rng.integers(0, classes, flipped.sum())
    return x, y.astype("int32")


def _slates(seed, n=N, noise=0.6):
    """12x12 grey patches of split slate: the grain runs horizontal, vertical, diagonal, or the
    patch is flawed (a blotch). Label = grain class."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, n)
    r, c = np.mgrid[0:12, 0:12]
    x = np.empty((n, 12, 12, 1), "float32")
    for i in range(n):
        phase = rng.uniform(0, 2 * np.pi)
        if y[i] == 0:
            img = np.sin(1.3 * r + phase)
        elif y[i] == 1:
            img = np.sin(1.3 * c + phase)
        elif y[i] == 2:
            img = np.sin(0.9 * (r + c) + phase)
        else:
            cy, cx = rng.uniform(3, 9, 2)
            img = 2 * np.exp(-((r - cy) ** 2 + (c - cx) ** 2) / 6.0) - 0.5
        x[i, :, :, 0] = img + noise * rng.normal(size=(12, 12))
    return x, y.astype("int32")


def _forge(seed, n=N, steps=24, noise=0.15):
    """A nail forge's last 24 hours: (heat, bellows, iron feed) -> nails made the next hour."""
    rng = np.random.default_rng(seed)
    t = np.arange(steps)
    heat = np.sin(t[None] / 4.0 + rng.uniform(0, 6, (n, 1))) + 0.3 * rng.normal(size=(n, steps))
    bellows = rng.normal(size=(n, steps))
    feed = np.cumsum(0.3 * rng.normal(size=(n, steps)), axis=1)
    x = np.stack([heat, bellows, feed], axis=-1).astype("float32")
    y = (0.8 * heat[:, -1] + 0.5 * feed[:, -4:].mean(1) + 0.4 * bellows[:, -3] * heat[:, -2]
         + noise * rng.normal(size=n))
    return x, y.astype("float32")[:, None]


# ---------------------------------------------------------------------------------------------
# wheelwrights_of_ludlow: rim run-out regression


@holdout239("wheelwrights_of_ludlow", healthy=True)
def runout_heteroscedastic(session):
    """Run-out of a wheel predicted from eight workshop measurements (standardized) with a 2x64
    relu MLP and Adam 1e-3; the measurement error grows with road roughness, so the MSE flattens
    well above zero at the noise floor."""
    keras = _keras()
    x, y = _wheel(23901, noise="hetero")
    model = _mlp(keras, 8, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=25, batch_size=32)


@holdout239("wheelwrights_of_ludlow", healthy=True)
def runout_huber_heavy_tails(session):
    """Run-out with heavy-tailed (Student-t, 2 dof) errors from cracked felloes, fitted with a
    Huber loss by a 2x64 relu MLP, Adam 2e-3 and ReduceLROnPlateau (factor 0.5, patience 2); the
    loss settles at the level the outliers allow."""
    keras = _keras()
    x, y = _wheel(23902, noise="t")
    model = _mlp(keras, 8, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(delta=1.0))
    plateau = keras.callbacks.ReduceLROnPlateau("loss", factor=0.5, patience=2, min_lr=1e-5)
    return _fit(session, model, x, y, epochs=25, batch_size=32, callbacks=[plateau])


@holdout239("wheelwrights_of_ludlow", healthy=True)
def runout_slow_sgd(session):
    """Run-out regression with a 2x32 tanh MLP and plain SGD 0.01 with momentum 0.5, a cautious
    setting: the loss falls slowly and steadily and is still improving when the 30 epochs end."""
    keras = _keras()
    x, y = _wheel(23903)
    model = _mlp(keras, 8, [32, 32], 1, activation="tanh", out_activation=None)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.5), "mse")
    return _fit(session, model, x, y, epochs=30, batch_size=32)


def _runout_sgd_rate(session, broken):
    keras = _keras()
    x, y = _wheel(23904)
    model = _mlp(keras, 8, [64, 64], 1, out_activation=None)
    rate = 0.35 if broken else 0.01
    model.compile(keras.optimizers.SGD(rate, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout239("wheelwrights_of_ludlow", ["learning_rate_too_high"], stall_begins=64)
def runout_sgd_rate_typo(session):
    """Run-out regression, 2x64 relu MLP, SGD with momentum 0.9 at 0.35 (the recipe said 0.01):
    the steps overshoot, the relus die or bounce, and the MSE sits near the variance of the
    target."""
    return _runout_sgd_rate(session, True)


def _runout_raw_units(session, broken):
    keras = _keras()
    x, y = _wheel_raw(23905)
    if not broken:
        x = _standardize(x)
    model = _mlp(keras, 8, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.SGD(1e-2, momentum=0.9, clipnorm=1.0), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout239("wheelwrights_of_ludlow", ["unnormalized_inputs"], stall_begins=352)
def runout_raw_workshop_units(session):
    """Run-out regression fed the raw workshop columns (millimetres, grams, kg/m3, spoke
    counts): the standardization step was left out, so the first layer sees inputs in the
    thousands; SGD with momentum and gradient clipping (clipnorm 1) keeps it finite but the MSE
    hardly moves."""
    return _runout_raw_units(session, True)


def _runout_tanh_init(session, broken):
    keras = _keras()
    x, y = _wheel(23906)
    init = (keras.initializers.RandomNormal(stddev=6.0, seed=23906) if broken
            else keras.initializers.GlorotUniform(seed=23906))
    model = _mlp(keras, 8, [64, 64, 64], 1, activation="tanh", out_activation=None,
                 kernel_initializer=init)
    model.compile(keras.optimizers.SGD(0.05), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout239("wheelwrights_of_ludlow", ["saturated_activations"], stall_begins=64)
def runout_tanh_wide_init(session):
    """Run-out regression, 3x64 tanh MLP whose kernels are drawn from RandomNormal(stddev=6.0)
    (copied from a note about a 1-input toy): pre-activations are in the tens, every tanh unit
    sits at +-1, and SGD barely moves the loss."""
    return _runout_tanh_init(session, True)


# ---------------------------------------------------------------------------------------------
# chandlers_of_bristol: how a wax batch burns


@holdout239("chandlers_of_bristol", healthy=True)
def burn_label_noise(session):
    """Burn class (clean, smoky, guttering) from six wax-chemistry readings, 2x64 relu MLP, Adam
    1e-3; a fifth of the tallies were written down by an apprentice at random, so the
    cross-entropy flattens far above zero."""
    keras = _keras()
    x, y = _candles(23911, flip=0.2)
    model = _mlp(keras, 6, [64, 64], 3)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=25, batch_size=32)


def _burn_deep_sigmoid(session, broken):
    keras = _keras()
    x, y = _candles(23913)
    depth, act = (12, "sigmoid") if broken else (3, "relu")
    model = _mlp(keras, 6, [32] * depth, 3, activation=act)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout239("chandlers_of_bristol", ["vanishing_gradients"], stall_begins=32)
def burn_deep_sigmoid_stack(session):
    """Burn class from wax chemistry with a twelve-layer 32-unit sigmoid MLP (an old textbook
    recipe), SGD 0.05 with momentum: the gradient shrinks layer by layer and the loss stays at
    the class-prior level."""
    return _burn_deep_sigmoid(session, True)


# ---------------------------------------------------------------------------------------------
# slaters_of_delabole: grain of split slate


def _slate_cnn(keras, filters=(8, 16), conv_bias=0.0):
    return keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(filters[0], 3, activation="relu", padding="same",
                            bias_initializer=keras.initializers.Constant(conv_bias)),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(filters[1], 3, activation="relu", padding="same",
                            bias_initializer=keras.initializers.Constant(conv_bias)),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])


@holdout239("slaters_of_delabole", healthy=True)
def grain_cnn_step_decay(session):
    """Slate grain class from noisy 12x12 patches, a two-conv CNN with Adam on a
    PiecewiseConstantDecay schedule (3e-3, then 1e-3 and 3e-4): the loss drops in steps at each
    boundary and then levels off low and flat."""
    keras = _keras()
    x, y = _slates(23921)
    rate = keras.optimizers.schedules.PiecewiseConstantDecay([160, 320], [3e-3, 1e-3, 3e-4])
    model = _slate_cnn(keras)
    model.compile(keras.optimizers.Adam(rate), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _grain_sgd_rate(session, broken):
    keras = _keras()
    x, y = _slates(23922)
    model = _slate_cnn(keras)
    model.compile(keras.optimizers.SGD(1e-5 if broken else 0.05, momentum=0.9),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout239("slaters_of_delabole", ["learning_rate_too_low"], stall_begins=None)
def grain_rate_in_wrong_units(session):
    """Slate grain CNN with SGD and momentum at 1e-5 (the rate was written as a percent and then
    divided again): the loss sits at log(4) for the whole run."""
    return _grain_sgd_rate(session, True)


def _grain_dead_filters(session, broken):
    keras = _keras()
    x, y = _slates(23923)
    model = _slate_cnn(keras, conv_bias=-6.0 if broken else 0.0)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout239("slaters_of_delabole", ["dead_relus"], stall_begins=None)
def grain_negative_conv_bias(session):
    """Slate grain CNN whose conv layers were given bias_initializer=Constant(-6) (meant to make
    the features sparse): no relu filter ever fires, the head sees zeros and the loss stays at
    log(4)."""
    return _grain_dead_filters(session, True)


# ---------------------------------------------------------------------------------------------
# nailers_of_dudley: next hour's nail count


@holdout239("nailers_of_dudley", healthy=True)
def forge_gru_noisy(session):
    """Next hour's nail count from a 24-hour (heat, bellows, feed) record, GRU(16) and Adam 3e-3;
    the count is noisy, so the MSE flattens at the noise floor."""
    keras = _keras()
    x, y = _forge(23931, noise=0.4)
    model = keras.Sequential([keras.Input((24, 3)), keras.layers.GRU(16), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _forge_lstm_zeros(session, broken):
    keras = _keras()
    x, y = _forge(23932)
    kw = ({"kernel_initializer": "zeros", "recurrent_initializer": "zeros"} if broken else {})
    model = keras.Sequential([
        keras.Input((24, 3)), keras.layers.LSTM(16, **kw),
        keras.layers.Dense(1, kernel_initializer="zeros" if broken else "glorot_uniform"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout239("nailers_of_dudley", ["poor_initialization"], stall_begins=None)
def forge_lstm_zero_init(session):
    """Nail-count LSTM(16) whose kernels and head were initialized to zeros "for
    reproducibility": the hidden state and every weight gradient are zero, only the output bias
    learns, and the MSE stays at the target's variance."""
    return _forge_lstm_zeros(session, True)


def _forge_l2(session, broken):
    keras = _keras()
    x, y = _forge(23933)
    reg = keras.regularizers.l2(1.0 if broken else 1e-4)
    model = keras.Sequential([
        keras.Input((24, 3)),
        keras.layers.Conv1D(16, 5, activation="relu", kernel_regularizer=reg),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(1, kernel_regularizer=reg),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout239("nailers_of_dudley", ["over_regularization"], stall_begins=256)
def forge_conv1d_l2_one(session):
    """Nail-count Conv1D model with L2 of 1.0 on every kernel (meant 1e-4): the penalty pins the
    weights near zero and the loss flattens near the target's variance."""
    return _forge_l2(session, True)
