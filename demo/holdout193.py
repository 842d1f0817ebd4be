"""The hundred-and-ninety-third held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four street trades of an old town, seeds 19301..19336: crossing sweepers (minutes to clear a
crossing, puddle depths by the hour, tips from passers-by, photos of a crossing's mess, mud
readings through a morning, a pitch's takings), link boys (fog and visibility by the hour, a
night's fare, torch supplies run short, a route in the ledger's units), town criers
(proclamations as word ids, how far a cry carries, the crowd gathered, a handbell's peals) and
postboys (delays stage by stage, whether the mail is late). The last PROBE_SIZE rows of every
data set are the probe and are never trained on. Every run was checked only from its own
per-epoch losses under Session(None) with keras's seed 0, and every broken one against its
helper `_name(session, broken)` with broken=False.

Healthy half (twelve runs, nothing to fix in the code): sweeping times under a hand-written
Gamma negative log-likelihood with a log link in a GradientTape loop (~1.53); puddle depth
from an hour bucketed by a Discretization layer and embedded beside readings (two inputs)
under MAE against Laplace scatter (~0.42); a two-tower Dot model of sweeper and passer
embeddings under MSE, which memorises rare pairs below the noise; visibility at every hour by
a sequence-to-sequence LSTM with a TimeDistributed head under MAE (~0.36); fares under SGD
with momentum on CosineDecayRestarts, with bumps at each restart; a five-label multi-label
sigmoid head under binary cross-entropy, drawn outcomes (~0.34); a small attention encoder
under Lion with weight decay, 15% of the kinds wrong; a mean and log-variance head under a
Gaussian negative log-likelihood in a GradientTape loop (the loss goes below zero); crowd sizes
under MAPE with a softplus head; a dilated causal Conv1D stack under a staircase
ExponentialDecay (~0.47); 160 stages memorised by a GRU at batch 16 for 40 epochs; late mail
with a fifth of the outcomes flipped under Adafactor.

Broken half (seven runs, one root cause each; broken final loss vs fixed): RandomUniform
kernels with maxval typed 0.0 on non-negative pixels, every relu off (dead ReLUs, ln 4 vs
0.004); a 'reset between folds' helper that assigns zero to every GRU variable (poor
initialisation, 0.996 vs 0.035); Adam's epsilon=1.0 copied from the Inception note (learning
rate too low, 0.70 creeping vs 0.39); RandomNormal(1.0) read as a stddev in a hard_sigmoid
stack (saturated activations, 0.987 flat vs 0.62); a Normalization layer built with
invert=True (unnormalised inputs, bouncing in the hundreds vs 0.23); Conv1D kernel_size=1 with
global average pooling on an order-only task (insufficient capacity, ln 2 vs 0.0004); ten
sigmoid Conv1D layers under SGD momentum (vanishing gradients, 1.145 vs 0.45).

Dropped because they did not behave as intended: a twelve- and fourteen-block residual MLP
without the zero-initialised branch ends under clipped SGD (exploding gradients: its loss
fell steadily by orders of magnitude, still improving, not a stall); hard_tanh layers with
RandomNormal(stddev=1.0) (the output layer still learned from the saturated signs); Lion at
ten times Adam's rate (it ended no worse than the right rate); a one-unit softmax output under
binary cross-entropy (Keras 3 trained it exactly like a sigmoid); activity_regularizer=L2(1.0)
on hidden layers (it kept learning); postage stored as float16 and overflowing to inf (the
loss stayed finite, so no non-finite run). No learning_rate_too_high, exploding_gradients,
loss_activation_mismatch, over_regularization or non_finite_values scenario was kept: a short
catalogue rather than a dishonest one. Ideas left out because earlier catalogues hold them:
negative or large constant biases, zeros/ones/constant kernels, raw units, L1/L2/MaxNorm
penalties, huge dropout, deep sigmoid MLPs, relu or high-gain RNNs, log of zero, NaN cells,
swapped schedules, decay_steps slips; the healthy side avoids their Poisson, Huber, quantile,
class-weight and label-smoothing runs.

Labels: `expected_causes[0]` is the root cause each broken run was built around (only one is
given). `stall_begins` is None where the loss is flat from the first epoch; 64 (saturated
activations) and 192 (vanishing gradients) are approximate, read off the epoch losses where
the loss stops falling after a first drop.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ('crossing_sweepers', 'link_boys', 'town_criers', 'postboys')
REGISTRY = []
holdout193 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


def _fit_inputs(session, model, xs, y, *, epochs, batch_size, shuffle=True, callbacks=()):
    """`_fit` for a model with several inputs: the last PROBE_SIZE rows of each are the probe."""
    train = [x[:-PROBE_SIZE] for x in xs]
    probe = ([x[-PROBE_SIZE:] for x in xs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        shuffle=shuffle, verbose=0,
                        callbacks=list(callbacks) + session.callbacks(probe))
    return history.history['loss']


# ---------------------------------------------------------------------------------------------
# data: crossing sweepers


def _sweeping_times(seed, n=N):
    """Minutes to clear a crossing: mud depth, traffic, rain, width...; Gamma-distributed."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 6)).astype('float32')
    mean = np.exp(0.4 * x[:, 0] - 0.3 * x[:, 1] + 0.25 * x[:, 2] * x[:, 3] + 0.5)
    y = rng.gamma(4.0, mean / 4.0).astype('float32')[:, None]
    return x, y


def _puddle_depths(seed, n=N):
    """Hour of the day (0-24, to be bucketed) and five street readings; Laplace scatter."""
    rng = np.random.default_rng(seed)
    hour = rng.uniform(0, 24, size=(n, 1)).astype('float32')
    x = rng.normal(size=(n, 5)).astype('float32')
    rush = np.where((hour[:, 0] > 7) & (hour[:, 0] < 10), 1.0, 0.0)
    y = (np.sin(hour[:, 0] / 24 * 2 * np.pi) + rush + 0.5 * x[:, 0] - 0.4 * x[:, 1] * x[:, 2])
    y = (y + rng.laplace(scale=0.4, size=n)).astype('float32')[:, None]
    return hour, x, y


def _tips(seed, n=N, sweepers=40, passers=120):
    """A passer-by's tip to a sweeper: a low-rank affinity plus generous noise."""
    rng = np.random.default_rng(seed)
    s = rng.integers(0, sweepers, size=n)
    p = rng.integers(0, passers, size=n)
    a, b = rng.normal(size=(sweepers, 3)), rng.normal(size=(passers, 3))
    y = (a[s] * b[p]).sum(1) + rng.normal(scale=0.6, size=n)
    return s[:, None], p[:, None], y.astype('float32')[:, None]


def _crossing_photos(seed, n=N):
    """16x16 photos of a crossing (pixels in [0, 1]); is it swept or muddy (4 kinds of mess)."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, size=n)
    x = rng.uniform(0, 0.3, size=(n, 16, 16, 1))
    for i, k in enumerate(y):
        r, c = rng.integers(2, 10, size=2)
        if k == 0:
            x[i, r:r + 5, c:c + 1] += 0.6
        elif k == 1:
            x[i, r:r + 1, c:c + 5] += 0.6
        elif k == 2:
            x[i, r:r + 4, c:c + 4] += 0.5
        else:
            x[i, np.arange(5) + r, np.arange(5) + c] += 0.7
    return np.clip(x, 0, 1).astype('float32'), y


def _mud_series(seed, n=N, steps=20):
    """Twenty readings of mud on a crossing through a morning; the broom-hours it needs."""
    rng = np.random.default_rng(seed)
    x = np.cumsum(rng.normal(scale=0.5, size=(n, steps, 2)), axis=1).astype('float32')
    y = (x[:, -5:, 0].mean(1) - 0.5 * x[:, :5, 1].mean(1) + 0.3 * rng.normal(size=n))
    y = (y / y.std()).astype('float32')[:, None]
    return x, y


def _street_ledger(seed, n=N):
    """A sweeper's day: eight standardised readings; whether the pitch paid (binary)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 8)).astype('float32')
    logit = 2.0 * np.tanh(x[:, 0] * x[:, 1]) + 1.5 * np.sin(2 * x[:, 2]) - x[:, 3]
    y = (rng.uniform(size=n) < 1 / (1 + np.exp(-2 * logit))).astype('float32')[:, None]
    return x, y


# ---------------------------------------------------------------------------------------------
# data: link boys


def _fog_traces(seed, n=N, steps=24):
    """Hourly fog and wind readings; the visibility each hour, noisier in thick fog."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, steps, 3)).astype('float32')
    fog = np.cumsum(x[:, :, 0], axis=1) / np.sqrt(np.arange(1, steps + 1))
    y = -fog + 0.4 * x[:, :, 1] + (0.2 + 0.3 * np.abs(fog)) * rng.normal(size=(n, steps))
    return x, y.astype('float32')[:, :, None]


def _link_fares(seed, n=N, dim=10):
    """A night's walk: ten standardised readings (distance, fog, hour...); the fare."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, dim)).astype('float32')
    y = (np.sin(x[:, 0]) + x[:, 1] * x[:, 2] - 0.5 * x[:, 3] ** 2 + 0.7 * x[:, 4]
         + 0.3 * rng.normal(size=n))
    return x, ((y - y.mean()) / y.std()).astype('float32')[:, None]


def _torch_supplies(seed, n=N):
    """Twelve readings of a night; which of five supplies (pitch, tow, wax...) ran short."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 12)).astype('float32')
    w = rng.normal(size=(12, 5))
    logit = np.tanh(x @ w) * 3 + 0.5 * x[:, :5] * x[:, 5:10]
    y = (rng.uniform(size=(n, 5)) < 1 / (1 + np.exp(-logit))).astype('float32')
    return x, y


def _route_raw(seed, n=N):
    """A route in its ledger's units: yards (~800), minutes after dusk (~120), farthings (~40),
    lamps passed (~12); the fare's grade (3 classes)."""
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(n, 4))
    raw = np.stack([800 + 250 * z[:, 0], 120 + 40 * z[:, 1], 40 + 12 * z[:, 2],
                    12 + 4 * z[:, 3]], axis=1).astype('float32')
    score = z[:, 0] + z[:, 1] * z[:, 2] - 0.7 * z[:, 3]
    y = np.digitize(score, np.quantile(score, [1 / 3, 2 / 3]))
    return raw, y


# ---------------------------------------------------------------------------------------------
# data: town criers


def _proclamations(seed, n=N, length=16, vocab=60, noise=0.15):
    """A proclamation as 16 word ids; its kind (4 classes) from which key words come and in
    what order; a share of the kinds written down wrongly."""
    rng = np.random.default_rng(seed)
    x = rng.integers(4, vocab, size=(n, length))
    y = rng.integers(0, 4, size=n)
    for i, k in enumerate(y):
        a, b = sorted(rng.choice(length, size=2, replace=False))
        first, second = (1, 2) if k in (0, 1) else (2, 3)
        x[i, a], x[i, b] = (first, second) if k in (0, 2) else (second, first)
    flip = rng.uniform(size=n) < noise
    y[flip] = rng.integers(0, 4, size=flip.sum())
    return x.astype('int32'), y


def _voice_reach(seed, n=N):
    """Yards a cry carries: wind, rain, crowd, pitch...; the scatter grows with the wind."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 6)).astype('float32')
    y = np.tanh(x[:, 0]) - 0.5 * x[:, 1] + 0.3 * x[:, 2] * x[:, 3]
    y = y + np.exp(0.6 * x[:, 4] - 0.8) * rng.normal(size=n)
    return x, y.astype('float32')[:, None]


def _crowd_sizes(seed, n=N):
    """Listeners gathered for a cry (always some; log-normal scatter about the trend)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 7)).astype('float32')
    y = 40 * np.exp(0.4 * x[:, 0] + 0.2 * x[:, 1] * x[:, 2] + 0.25 * rng.normal(size=n))
    return x, (y / 40).astype('float32')[:, None]


def _bell_traces(seed, n=N, steps=32):
    """A handbell's loudness over 32 beats; did the crier ring rising or falling peals
    (both orders have the same loudness values, so only their order tells)."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, size=n)
    base = np.sort(rng.normal(size=(n, steps)), axis=1)
    x = np.where(y[:, None] == 1, base, base[:, ::-1]) + 0.1 * rng.normal(size=(n, steps))
    return x.astype('float32')[:, :, None], y.astype('float32')[:, None]


# ---------------------------------------------------------------------------------------------
# data: postboys


def _mail_delays(seed, n=N, steps=32):
    """Minutes late at each of 32 stages; the delay at the next stage (noisy AR with a lag)."""
    rng = np.random.default_rng(seed)
    e = rng.normal(size=(n, steps + 1))
    d = np.zeros((n, steps + 1))
    for t in range(steps + 1):
        d[:, t] = e[:, t] + (0.6 * d[:, t - 1] if t >= 1 else 0) - (0.3 * d[:, t - 8]
                                                                    if t >= 8 else 0)
    d = d / d.std()
    return d[:, :steps, None].astype('float32'), d[:, steps:].astype('float32')


def _stage_readings(seed, n=N, dim=9, noise=0.0):
    """A stage's nine readings (horses, miles, weather, bags...); the chance the mail is late
    (binary), a share of the outcomes written down wrongly."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, dim)).astype('float32')
    logit = 2 * np.sin(x[:, 0] * 1.5) + x[:, 1] * x[:, 2] - np.abs(x[:, 3]) + 0.5
    y = (logit > 0).astype('float32')
    flip = rng.uniform(size=n) < noise
    y[flip] = 1 - y[flip]
    return x, y[:, None]


# ---------------------------------------------------------------------------------------------
# crossing sweepers


@holdout193('crossing_sweepers', healthy=True)
def sweeping_time_gamma(session):
    """Minutes to clear a crossing, Gamma-distributed about a trend, fitted by a relu MLP with a
    log-link output under a hand-written Gamma negative log-likelihood in a GradientTape loop,
    Adam 3e-3: it levels off at the Gamma scatter's entropy, well above zero."""
    import tensorflow as tf

    keras = _keras()
    x, y = _sweeping_times(seed=19301)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation='relu'),
                              keras.layers.Dense(32, activation='relu'), keras.layers.Dense(1)])

    def gamma_nll(yt, log_mean):
        return tf.reduce_mean(yt * tf.exp(-log_mean) + log_mean)

    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), gamma_nll, x, y,
                        epochs=15, batch_size=32, seed=19301,
                        loss_description='gamma negative log-likelihood (log link)')


@holdout193('crossing_sweepers', healthy=True)
def puddle_hour_buckets(session):
    """Puddle depth from the hour of day, bucketed by a Discretization layer into 12 two-hour
    bins and embedded, beside five street readings (two inputs), mean absolute error against
    Laplace scatter, Adam 2e-3: it flattens at the scatter's mean absolute deviation."""
    keras = _keras()
    hour, x, y = _puddle_depths(seed=19302)
    h_in, x_in = keras.Input((1,)), keras.Input((5,))
    bins = keras.layers.Discretization(bin_boundaries=list(np.arange(2.0, 24.0, 2.0)))(h_in)
    e = keras.layers.Flatten()(keras.layers.Embedding(12, 4)(bins))
    z = keras.layers.Concatenate()([e, x_in])
    z = keras.layers.Dense(32, activation='relu')(z)
    model = keras.Model([h_in, x_in], keras.layers.Dense(1)(z))
    model.compile(keras.optimizers.Adam(2e-3), 'mae')
    return _fit_inputs(session, model, [hour, x], y, epochs=15, batch_size=32)


@holdout193('crossing_sweepers', healthy=True)
def tips_two_tower(session):
    """A passer-by's tip to a sweeper as a dot product of a sweeper embedding and a passer
    embedding (two towers, rank 4) under MSE, Adam 1e-2: the low-rank affinity is learned and
    the loss settles at the tips' noise, with a little overfitting of rare pairs."""
    keras = _keras()
    s, p, y = _tips(seed=19303)
    s_in, p_in = keras.Input((1,), dtype='int32'), keras.Input((1,), dtype='int32')
    a = keras.layers.Flatten()(keras.layers.Embedding(40, 4)(s_in))
    b = keras.layers.Flatten()(keras.layers.Embedding(120, 4)(p_in))
    model = keras.Model([s_in, p_in], keras.layers.Dot(axes=1)([a, b]))
    model.compile(keras.optimizers.Adam(1e-2), 'mse')
    return _fit_inputs(session, model, [s, p], y, epochs=20, batch_size=32)


def _crossing_cnn(session, broken):
    keras = _keras()
    x, y = _crossing_photos(seed=19304)
    # The kernel initialiser was meant to be RandomUniform(-0.1, 0.1); maxval=0.0 was typed.
    init = (keras.initializers.RandomUniform(-0.1, 0.0, seed=19304) if broken
            else keras.initializers.RandomUniform(-0.1, 0.1, seed=19304))
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(16, 3, activation='relu', padding='same', kernel_initializer=init),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation='relu', padding='same', kernel_initializer=init),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(4, activation='softmax'),
    ])
    model.compile(keras.optimizers.Adam(2e-3), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout193('crossing_sweepers', ['dead_relus'], stall_begins=None)
def crossing_cnn_negative_kernels(session):
    """Photos of a crossing (pixels in [0, 1]) sorted into four kinds of mess by a two-layer
    relu CNN whose kernels were drawn from RandomUniform(-0.1, 0.0) (maxval typed 0.0 for 0.1):
    every weight is negative on non-negative pixels, so every relu is off from the first batch
    and only the output bias learns (flat at ln 4 against a near-zero loss when fixed)."""
    return _crossing_cnn(session, broken=True)


def _mud_gru(session, broken):
    keras = _keras()
    x, y = _mud_series(seed=19305)
    model = keras.Sequential([keras.Input((20, 2)), keras.layers.GRU(16),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), 'mse')
    if broken:
        # A 'reset between folds' helper written to zero every variable instead of
        # re-initialising them.
        for w in model.weights:
            w.assign(np.zeros(w.shape, dtype='float32'))
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout193('crossing_sweepers', ['poor_initialization'], stall_begins=None)
def mud_gru_zeroed_reset(session):
    """Broom-hours from twenty mud readings by a GRU(16), Adam 3e-3, after a 'reset between
    folds' helper set every variable to zero instead of re-initialising it: the GRU's state
    stays zero and the output kernel gets no gradient, so only the output bias learns (flat at
    the target's variance, ~1.0, against ~0.1 fixed)."""
    return _mud_gru(session, broken=True)


def _ledger_mlp(session, broken):
    keras = _keras()
    x, y = _street_ledger(seed=19306)
    # Adam's docstring mentions epsilon=1.0 as a good value for Inception on ImageNet; it was
    # copied here, where the gradients are ~1e-2, so every step is ~100 times too small.
    eps = 1.0 if broken else 1e-7
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation='relu'),
                              keras.layers.Dense(64, activation='relu'),
                              keras.layers.Dense(1, activation='sigmoid')])
    model.compile(keras.optimizers.Adam(1e-3, epsilon=eps), 'binary_crossentropy')
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout193('crossing_sweepers', ['learning_rate_too_low'], stall_begins=None)
def ledger_adam_epsilon_one(session):
    """Whether a pitch paid, from eight standardised readings, by a relu MLP under Adam 1e-3
    with epsilon=1.0 copied from the Inception note in Adam's docstring: with gradients far
    below 1 the denominator is ~1 and each step is lr times the raw gradient, so the loss
    barely moves from the constant-guess level while the fixed run falls well below it."""
    return _ledger_mlp(session, broken=True)


# ---------------------------------------------------------------------------------------------
# link boys


@holdout193('link_boys', healthy=True)
def fog_visibility_per_hour(session):
    """Visibility at every hour of a foggy night from fog and wind readings, an LSTM with
    return_sequences=True and a TimeDistributed Dense head (one prediction per hour) under MAE,
    Adam 3e-3; the scatter grows with the fog, so the loss levels off far above zero."""
    keras = _keras()
    x, y = _fog_traces(seed=19311)
    model = keras.Sequential([keras.Input((24, 3)), keras.layers.LSTM(24, return_sequences=True),
                              keras.layers.TimeDistributed(keras.layers.Dense(1))])
    model.compile(keras.optimizers.Adam(3e-3), 'mae')
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout193('link_boys', healthy=True)
def fares_cosine_restarts(session):
    """A night's fare by a relu MLP under SGD with momentum 0.9 on CosineDecayRestarts (first
    period 128 steps, doubling, peak 0.05): each restart shakes the loss up a little before it
    falls again to a lower level; it settles near the fares' noise."""
    keras = _keras()
    x, y = _link_fares(seed=19312)
    schedule = keras.optimizers.schedules.CosineDecayRestarts(0.05, first_decay_steps=128)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation='relu'),
                              keras.layers.Dense(64, activation='relu'), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), 'mse')
    return _fit(session, model, x, y, epochs=24, batch_size=32)


@holdout193('link_boys', healthy=True)
def torch_supplies_multilabel(session):
    """Which of five torch supplies ran short on a night (several can), five sigmoid outputs
    under binary cross-entropy, an elu MLP under Nadam 2e-3: the outcomes are drawn from their
    probabilities, so the loss levels off at the draw's entropy, far above zero."""
    keras = _keras()
    x, y = _torch_supplies(seed=19313)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(64, activation='elu'),
                              keras.layers.Dense(5, activation='sigmoid')])
    model.compile(keras.optimizers.Nadam(2e-3), 'binary_crossentropy')
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _fares_hard_sigmoid(session, broken):
    keras = _keras()
    x, y = _link_fares(seed=19314, dim=32)
    # RandomNormal(1.0) meant stddev=1.0 (numpy's randn habit); the first argument is the mean.
    init = (keras.initializers.RandomNormal(1.0, seed=19314) if broken
            else keras.initializers.GlorotUniform(seed=19314))
    model = keras.Sequential([keras.Input((32,))] + [
        keras.layers.Dense(64, activation='hard_sigmoid', kernel_initializer=init)
        for _ in range(3)] + [keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), 'mse')
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout193('link_boys', ['saturated_activations'], stall_begins=64)  # approximate
def fares_hard_sigmoid_mean_one(session):
    """A night's fare from 32 readings by three hard_sigmoid layers of 64 whose kernels were
    drawn RandomNormal(1.0) (read as the stddev, but the first argument is the mean): every
    unit sums its inputs with weights near 1, lands on a flat arm of hard_sigmoid where the
    gradient is exactly zero, and stays pinned; the loss sits at the target's variance (~0.99)
    from the third epoch against ~0.62 and falling with Glorot kernels."""
    return _fares_hard_sigmoid(session, broken=True)


def _route_inverted(session, broken):
    keras = _keras()
    x, y = _route_raw(seed=19316)
    # invert=True was copied from the target's de-normalisation layer: it multiplies by the
    # std and adds the mean instead of standardising.
    norm = keras.layers.Normalization(invert=broken)
    norm.adapt(x[:-PROBE_SIZE])
    model = keras.Sequential([keras.Input((4,)), norm,
                              keras.layers.Dense(32, activation='relu'),
                              keras.layers.Dense(32, activation='relu'),
                              keras.layers.Dense(3, activation='softmax')])
    model.compile(keras.optimizers.Adam(1e-3), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout193('link_boys', ['unnormalized_inputs'], stall_begins=None)
def route_normalization_inverted(session):
    """A route's fare grade from yards, minutes after dusk, farthings and lamps in the ledger's
    units, through a Normalization layer adapted on the data but built with invert=True (copied
    from the target's de-normalisation): it scales the columns up to the tens of thousands
    instead of standardising them, and the relu MLP's loss bounces high against ~0.5 fixed."""
    return _route_inverted(session, broken=True)


# ---------------------------------------------------------------------------------------------
# town criers


@holdout193('town_criers', healthy=True)
def proclamation_encoder_lion(session):
    """A proclamation's kind from its word ids (which key words come in which order), a small
    encoder block (token and position Embeddings, MultiHeadAttention, LayerNormalization, a
    feed-forward relu) under Lion at 5e-4 with a small weight decay; 15% of the kinds were
    written down wrongly, so it levels off well above zero."""
    keras = _keras()
    x, y = _proclamations(seed=19321)
    inp = keras.Input((16,), dtype='int32')
    tok = keras.layers.Embedding(60, 32)(inp)
    pos = keras.layers.Embedding(16, 32)(keras.ops.arange(16))
    z = tok + pos
    att = keras.layers.MultiHeadAttention(num_heads=2, key_dim=16)(z, z)
    z = keras.layers.LayerNormalization()(z + att)
    z = keras.layers.LayerNormalization()(z + keras.layers.Dense(32)(
        keras.layers.Dense(64, activation='relu')(z)))
    z = keras.layers.GlobalAveragePooling1D()(z)
    model = keras.Model(inp, keras.layers.Dense(4, activation='softmax')(z))
    model.compile(keras.optimizers.Lion(5e-4, weight_decay=1e-4),
                  'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout193('town_criers', healthy=True)
def voice_reach_gaussian_nll(session):
    """How far a cry carries, with a scatter that grows with the wind, by a relu MLP with two
    outputs (mean and log-variance) under a hand-written Gaussian negative log-likelihood in a
    GradientTape loop, Adam 2e-3: the loss falls below zero (a likelihood, not an error) and
    levels off where the scatter allows."""
    import tensorflow as tf

    keras = _keras()
    x, y = _voice_reach(seed=19322)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(48, activation='relu'),
                              keras.layers.Dense(48, activation='relu'), keras.layers.Dense(2)])

    def gaussian_nll(yt, out):
        mean, log_var = out[:, :1], out[:, 1:]
        return tf.reduce_mean(0.5 * (log_var + tf.square(yt - mean) * tf.exp(-log_var)))

    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), gaussian_nll, x, y,
                        epochs=15, batch_size=32, seed=19322,
                        loss_description='gaussian negative log-likelihood')


@holdout193('town_criers', healthy=True)
def crowd_size_mape(session):
    """Listeners gathered for a cry (in units of 40, always positive, log-normal scatter) by a
    relu MLP with a softplus output under mean absolute percentage error, RMSprop 1e-3: the
    loss settles at the scatter's percentage error, around twenty."""
    keras = _keras()
    x, y = _crowd_sizes(seed=19323)
    model = keras.Sequential([keras.Input((7,)), keras.layers.Dense(32, activation='relu'),
                              keras.layers.Dense(1, activation='softplus')])
    model.compile(keras.optimizers.RMSprop(1e-3), 'mape')
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _bell_conv(session, broken):
    keras = _keras()
    x, y = _bell_traces(seed=19324)
    # kernel_size=1 was left from a per-beat feature experiment; 5 beats were meant.
    model = keras.Sequential([
        keras.Input((32, 1)),
        keras.layers.Conv1D(16, 1 if broken else 5, activation='relu'),
        keras.layers.Conv1D(16, 1 if broken else 5, activation='relu'),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(1, activation='sigmoid'),
    ])
    model.compile(keras.optimizers.Adam(3e-3), 'binary_crossentropy')
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout193('town_criers', ['insufficient_capacity'], stall_begins=None)
def bell_peals_pointwise_conv(session):
    """Rising or falling peals from a handbell's loudness over 32 beats by two Conv1D layers
    with kernel_size=1 (left from an experiment; 5 was meant) and global average pooling: the
    two orders hold the same loudness values, and a per-beat feature averaged over the beats
    cannot see their order, so it stays at chance (ln 2) against near zero with kernel 5."""
    return _bell_conv(session, broken=True)


# ---------------------------------------------------------------------------------------------
# postboys


@holdout193('postboys', healthy=True)
def delays_dilated_causal(session):
    """The delay at the next stage from the last 32 stages' delays, a causal Conv1D stack with
    dilations 1, 2, 4 and 8 under Adam on a staircase ExponentialDecay (halved every 160
    steps): it finds the lag-one and lag-eight pull and levels off at the shocks' variance."""
    keras = _keras()
    x, y = _mail_delays(seed=19331)
    layers = [keras.Input((32, 1))]
    layers += [keras.layers.Conv1D(16, 2, dilation_rate=d, padding='causal', activation='relu')
               for d in (1, 2, 4, 8)]
    layers += [keras.layers.Lambda(lambda t: t[:, -1, :]), keras.layers.Dense(1)]
    schedule = keras.optimizers.schedules.ExponentialDecay(3e-3, 160, 0.5, staircase=True)
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.Adam(schedule), 'mse')
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout193('postboys', healthy=True)
def few_stages_gru_memorised(session):
    """Only 160 recorded stages (plus the probe), a GRU(32) over the delay history under Adam
    2e-3 at batch 16 for 40 epochs: it fits the few stages ever closer, and the training
    loss is still falling at the end, well below the shocks' variance."""
    keras = _keras()
    x, y = _mail_delays(seed=19332, n=160 + PROBE_SIZE, steps=16)
    model = keras.Sequential([keras.Input((16, 1)), keras.layers.GRU(32),
                              keras.layers.Dense(32, activation='relu'), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), 'mse')
    return _fit(session, model, x, y, epochs=40, batch_size=16)


@holdout193('postboys', healthy=True)
def late_mail_adafactor(session):
    """Whether the mail is late at a stage, from nine readings, a fifth of the outcomes written
    down wrongly, a relu MLP under Adafactor at 1e-2: it levels off near the flipped share's
    cross-entropy, far above zero."""
    keras = _keras()
    x, y = _stage_readings(seed=19333, noise=0.2)
    model = keras.Sequential([keras.Input((9,)), keras.layers.Dense(64, activation='relu'),
                              keras.layers.Dense(64, activation='relu'),
                              keras.layers.Dense(1, activation='sigmoid')])
    model.compile(keras.optimizers.Adafactor(1e-2), 'binary_crossentropy')
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _delays_sigmoid_stack(session, broken):
    keras = _keras()
    x, y = _mail_delays(seed=19336)
    act = 'sigmoid' if broken else 'relu'
    layers = [keras.Input((32, 1))]
    layers += [keras.layers.Conv1D(16, 3, padding='same', activation=act,
                                   kernel_initializer='glorot_uniform' if broken else 'he_normal')
               for _ in range(10)]
    layers += [keras.layers.Flatten(), keras.layers.Dense(1)]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(1e-2, momentum=0.9), 'mse')
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout193('postboys', ['vanishing_gradients'], stall_begins=192)  # approximate
def delays_deep_sigmoid_conv(session):
    """The next stage's delay by ten stacked Conv1D layers with sigmoid activations (an old
    recipe's default) under SGD with momentum: each sigmoid layer scales the backward signal
    by at most a quarter, so the early layers barely move and the loss stays near the
    target's variance against the relu stack's low loss."""
    return _delays_sigmoid_stack(session, broken=True)
