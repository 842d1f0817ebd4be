"""The two-hundred-and-thirty-first held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

The catalogue is short: ten scenarios, over the first two of the four families. Time ran out
before the bodkin forgers' and the Bristol brush makers' runs were written; those families are
declared but hold no scenario.

Healthy half (six, correct code whose loss flattens above zero because of the data):
- Glovers of Yeovil: a glove-size classifier whose ledger has a fifth of its sizes miswritten
  (cross-entropy flattens high); a rare torn-seam flag (about 6%) trained with class_weight on a
  nearly random outcome; a big MLP on a 160-customer order book that keeps memorising it.
- Rush lightmakers: burn-time regression with Huber loss and a PiecewiseConstantDecay schedule
  on heteroscedastic noise; a Poisson count of gutterings with an exponential output; a custom
  GradientTape loop fitting the 90th percentile with a pinball loss.

Broken half (four, one per cause):
- Glovers: Adam at 0.3 (an SGD rate kept after swapping optimizers) - loss hovers high from the
  start; L2(2.0) instead of 2e-4 - the loss falls off its huge initial penalty and settles near
  the uniform guess (stall step read off the epoch losses: approximate).
- Rush lightmakers: raw workshop units (mm, mg, seconds) into a tanh MLP - stalls from the start
  near the target variance; a log target with one zero burn time, read in file order - the loss
  turns non-finite at the batch holding that row (exact: step 18).

Dropped: a loss/activation mismatch (sigmoid output under BinaryCrossentropy(from_logits=True),
and before it a one-unit softmax): this Keras recognises the sigmoid output and both versions
learned equally, so it was not a stall.

Labels: `expected_causes[0]` is the root cause the scenario was built around; `stall_begins` is
the 0-based optimizer step from which the loss stops improving, None for "from the start".
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('glovers_of_yeovil', 'rush_lightmakers', 'bodkin_forgers', 'brush_makers_of_bristol')
REGISTRY = []
holdout231 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data: one trade per family


def _glove_hands(n=N, seed=23101, noise=0.0):
    """Six hand measurements (mm) of a Yeovil glover's customers and the glove size (0-3)."""
    rng = np.random.default_rng(seed)
    length = rng.normal(185, 12, n)
    width = 0.45 * length + rng.normal(0, 5, n)
    thumb = 0.33 * length + rng.normal(0, 4, n)
    wrist = 0.8 * width + rng.normal(0, 6, n)
    finger = 0.42 * length + rng.normal(0, 3, n)
    palm = 0.55 * length + rng.normal(0, 4, n)
    x = np.stack([length, width, thumb, wrist, finger, palm], 1).astype("float32")
    score = 0.6 * (length - 185) / 12 + 0.8 * (width - 83) / 7 + 0.3 * np.sin((wrist - 66) / 5)
    y = np.digitize(score, [-0.9, 0.0, 0.9])
    flip = rng.random(n) < noise
    y = np.where(flip, rng.integers(0, 4, n), y)
    return x, y.astype("int32")


def _rush_burn(n=N, seed=23121):
    """Five measurements of a rushlight (length cm, pith g, tallow g, room temperature, draught)
    and its burn time in minutes, noisier for the longer rushes."""
    rng = np.random.default_rng(seed)
    length = rng.uniform(20, 60, n)
    pith = rng.uniform(0.5, 2.0, n)
    tallow = rng.uniform(2, 12, n)
    temp = rng.normal(12, 5, n)
    draught = rng.exponential(1.0, n)
    minutes = 0.9 * length + 3 * tallow * np.sqrt(pith) - 1.5 * draught - 0.2 * temp
    minutes = minutes + rng.normal(0, 1, n) * (0.05 * length + 1)
    x = np.stack([length, pith, tallow, temp, draught], 1).astype("float32")
    return x, minutes.astype("float32")


def _fit_with(session, model, x, y, *, epochs, batch_size, **fit_kw):
    """Like `_fit`, for inputs given as a list (multi-input models) and extra `fit` arguments
    (class_weight, callbacks): the last PROBE_SIZE rows are the probe."""
    xs = x if isinstance(x, list) else [x]
    train = [a[:-PROBE_SIZE] for a in xs]
    probe = [a[-PROBE_SIZE:] for a in xs]
    probe = (probe if isinstance(x, list) else probe[0], y[-PROBE_SIZE:])
    callbacks = list(fit_kw.pop("callbacks", ())) + session.callbacks(probe)
    history = model.fit(train if isinstance(x, list) else train[0], y[:-PROBE_SIZE],
                        epochs=epochs, batch_size=batch_size, verbose=0, callbacks=callbacks,
                        **fit_kw)
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# glovers_of_yeovil


@holdout231("glovers_of_yeovil", healthy=True)
def glove_sizes_noisy_ledger(session):
    """Glove size from six standardized hand measurements, 2x32 relu MLP, Adam 2e-3; a fifth of
    the ledger's sizes were written down wrong, so the cross-entropy flattens well above zero."""
    keras = _keras()
    x, y = _glove_hands(seed=23102, noise=0.2)
    model = _mlp(keras, 6, [32, 32], 4)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, _standardize(x), y, epochs=15, batch_size=32)


@holdout231("glovers_of_yeovil", healthy=True)
def torn_seam_rare_class_weighted(session):
    """Binary flag for a torn seam (about 6% of gloves) from the measurements, 32-unit relu MLP
    with class_weight balancing the rare class; the weighted loss stays high because the seams
    tear almost at random."""
    keras = _keras()
    x, _ = _glove_hands(seed=23103)
    rng = np.random.default_rng(23104)
    xs = _standardize(x)
    logit = -3.2 + 0.8 * xs[:, 3] + rng.normal(0, 1, len(x))
    y = (logit > 0).astype("float32")
    model = _mlp(keras, 6, [32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    ytr = y[:-PROBE_SIZE]
    weight = {0: 1.0, 1: float((ytr == 0).sum() / max((ytr == 1).sum(), 1))}
    return _fit_with(session, model, xs, y, epochs=15, batch_size=32, class_weight=weight)


def _glove_sizes_high_lr(session, broken):
    keras = _keras()
    x, y = _glove_hands(seed=23105)
    model = _mlp(keras, 6, [64, 64], 4)
    lr = 0.3 if broken else 1e-3
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, _standardize(x), y, epochs=12, batch_size=32)


@holdout231("glovers_of_yeovil", ["learning_rate_too_high"], stall_begins=None)
def glove_sizes_adam_lr_typo(session):
    """Glove size classifier, 2x64 relu MLP on standardized measurements, trained with Adam at
    0.3 (the SGD rate of an old script, kept when the optimizer was swapped): the first steps
    throw the weights far off and the loss hovers high, never approaching the 1e-3 run."""
    return _glove_sizes_high_lr(session, broken=True)


def _glove_sizes_l2(session, broken):
    keras = _keras()
    x, y = _glove_hands(seed=23107)
    reg = keras.regularizers.L2(2.0 if broken else 1e-4)
    model = _mlp(keras, 6, [64, 64], 4, kernel_regularizer=reg)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, _standardize(x), y, epochs=12, batch_size=32)


@holdout231("glovers_of_yeovil", ["over_regularization"], stall_begins=190)  # approximate
def glove_sizes_l2_two(session):
    """Glove size classifier, 2x64 relu MLP with kernel_regularizer=L2(2.0) on every layer (the
    author meant 2e-4 and dropped the exponent): the penalty pins the weights near zero and the
    loss settles near the uniform guess after a short initial fall."""
    return _glove_sizes_l2(session, broken=True)


@holdout231("glovers_of_yeovil", healthy=True)
def glove_sizes_small_book(session):
    """Only 160 customers in the glover's first order book, a 2x128 relu MLP, Adam 3e-3, 40
    epochs: the training loss keeps falling as the net memorises the small book."""
    keras = _keras()
    x, y = _glove_hands(n=160 + PROBE_SIZE, seed=23108, noise=0.1)
    model = _mlp(keras, 6, [128, 128], 4)
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, _standardize(x), y, epochs=40, batch_size=16)


# ---------------------------------------------------------------------------------------------
# rush_lightmakers


@holdout231("rush_lightmakers", healthy=True)
def burn_time_huber_piecewise(session):
    """Rushlight burn time from five standardized measurements, 2x32 relu MLP with Huber loss
    and a PiecewiseConstantDecay learning rate (3e-3, 1e-3, 3e-4); the burn time is noisier for
    long rushes, so the loss settles at the noise floor in steps at each boundary."""
    keras = _keras()
    x, y = _rush_burn(seed=23122)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([160, 320], [3e-3, 1e-3, 3e-4])
    model = _mlp(keras, 5, [32, 32], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(schedule), keras.losses.Huber(2.0))
    yz = (y - y.mean()) / y.std()
    return _fit(session, model, _standardize(x), yz, epochs=15, batch_size=32)


@holdout231("rush_lightmakers", healthy=True)
def gutterings_poisson(session):
    """How many times a rushlight gutters in an evening (a count) from its measurements, a
    32-unit relu MLP with an exponential output and Poisson loss: counts are Poisson, so the
    loss flattens at the Poisson noise of the data."""
    keras = _keras()
    x, _ = _rush_burn(seed=23123)
    xs = _standardize(x)
    rng = np.random.default_rng(23124)
    y = rng.poisson(np.exp(0.4 + 0.5 * xs[:, 4] - 0.3 * xs[:, 2])).astype("float32")
    model = _mlp(keras, 5, [32], 1, out_activation="exponential")
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit(session, model, xs, y, epochs=12, batch_size=32)


@holdout231("rush_lightmakers", healthy=True)
def burn_time_quantile_custom_loop(session):
    """Custom GradientTape loop fitting the 90th percentile of burn time (pinball loss) with a
    2x32 relu MLP and Adam 2e-3: the quantile loss cannot reach zero on noisy targets."""
    import tensorflow as tf

    keras = _keras()
    x, y = _rush_burn(seed=23125)
    yz = ((y - y.mean()) / y.std()).reshape(-1, 1).astype("float32")
    model = _mlp(keras, 5, [32, 32], 1, out_activation=None)

    def pinball(targets, predictions):
        error = targets - predictions
        return tf.reduce_mean(tf.maximum(0.9 * error, -0.1 * error))

    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), pinball, _standardize(x),
                        yz, epochs=12, batch_size=32, seed=23126)


def _burn_time_raw(session, broken):
    keras = _keras()
    x, y = _rush_burn(seed=23127)
    x = x * np.array([10, 1000, 1000, 1, 60], "float32")  # mm, mg, mg, degrees, seconds
    model = _mlp(keras, 5, [32, 32], 1, activation="tanh", out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    yz = (y - y.mean()) / y.std()
    return _fit(session, model, x if broken else _standardize(x), yz, epochs=12, batch_size=32)


@holdout231("rush_lightmakers", ["unnormalized_inputs"], stall_begins=None)
def burn_time_raw_workshop_units(session):
    """Burn time from the workshop's raw records (length in mm, pith and tallow in milligrams,
    draught in seconds) fed unscaled to a 2x32 tanh MLP: the inputs run to thousands, the tanh
    units are pinned at +-1 and the loss barely moves from the variance of the target."""
    return _burn_time_raw(session, broken=True)


def _burn_time_log(session, broken):
    keras = _keras()
    x, y = _rush_burn(seed=23128)
    y = y.copy()
    if broken:
        y[600] = 0.0  # a rush that never lit, logged as zero minutes
    else:
        y = np.maximum(y, 1.0)
    model = _mlp(keras, 5, [32, 32], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, _standardize(x), np.log(y), epochs=8, batch_size=32,
                shuffle=False)


@holdout231("rush_lightmakers", ["non_finite_values"], stall_begins=600 // 32)
def log_burn_time_unlit_rush(session):
    """Log burn time regression, 2x32 relu MLP read in file order: one rush that never lit is
    logged as 0 minutes, its log target is -inf, and from that batch (step 18) the loss and
    then the weights turn non-finite."""
    return _burn_time_log(session, broken=True)
