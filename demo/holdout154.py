"""The hundred-and-fifty-fourth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades, twenty-four runs (six each, three healthy and three broken per trade): waiters
(tips, no-shows, complaint tickets, table turnover, service ledgers, floor plans), logicians
(truth tables, formulas, proof times, syllogisms, premises), toymakers (toy-block photos,
wind-up toys, springs, motor test rigs) and quilters (quilt blocks, stitch rates, thread
tension, fabrics, seams, embroidery hoops). Data are numpy generators with seeds 15401..15424;
the last PROBE_SIZE rows of every set are the probe. Every run was checked only from its own
epoch losses (Keras History or the custom loop's means) under Session(None) with keras's seed
set, and every broken run against its helper `_name(session, broken)` with broken=False.

Healthy half (twelve runs, nothing to fix in the code). Waiters: the 90th percentile of a
right-skewed, heteroscedastic tip under a hand-written pinball loss in a GradientTape loop
(~0.12, easing); reservation no-shows (~6% positive) by a sigmoid MLP under Adamax without
class weights (~0.21, creeping); complaints from a 12-dish order ticket by an Embedding and a
GRU under RMSprop with 15% wrong records (~0.49, flat). Logicians: a four-bit sparse parity
among fourteen truth values by a relu MLP (crawls down from ln 2 for ~8 epochs, then a sharp
drop to ~0.001); a token Embedding with a sinusoidal position code and one MultiHeadAttention
block on symbol counts with a tenth of the verdicts wrong (~0.32); proof-checking minutes
with Student-t scatter under Huber loss and SGD with momentum on a PiecewiseConstantDecay
(~0.137, steps at the boundaries). Toymakers: 192 toy-block photos by a SeparableConv2D net
at batch 16 for 40 epochs (lingers under ln 4 for ~15 epochs, then falls to ~0.31, still
falling); a wind-up toy's run time with heteroscedastic scatter under Adam on a warm-up then
cosine schedule (~0.31); a spring's stiffness from compression traces by a dilated causal
Conv1D under LogCosh with ReduceLROnPlateau (~0.093, flat from the fourth epoch). Quilters:
quilt-block patterns by Conv2D / DepthwiseConv2D / 1x1 Conv2D under Nesterov SGD with a step
decay, a ninth misfiled (~0.47); stitches per minute from one array split inside the model
into a quilter-id Embedding and six features, MAE on Laplace scatter under Lion (~0.43,
approaching the scatter's 0.4); next thread tension by an LSTM under CosineDecayRestarts
(~0.033 at the sensor noise).

Broken half, one root cause each (broken final epoch loss vs the fixed helper's):
- learning_rate_too_low, waiters: ExponentialDecay(3e-3, decay_rate=0.9) meant per epoch but
  written with decay_steps=1 on an LSTM turnover forecaster: flat at 0.648 from the second
  epoch vs 0.069 and falling with decay_steps=32.
- non_finite_values, waiters: a tip-per-minute ratio that is inf for three zero-minute
  takeaway orders, a tanh MLP read in ledger order: NaN from step 18 vs 0.199.
- insufficient_capacity, waiters: hidden width set to x.shape[1] (2) on a 4x4 floor-plan
  pattern: 1.19, creeping by ~0.003 an epoch, vs 0.154.
- vanishing_gradients, logicians: an eight-layer, 64-wide sigmoid MLP under SGD with momentum:
  bouncing around 0.70-0.75 (the prior) vs 0.26 for the relu tower.
- loss_activation_mismatch, logicians: activation='log_softmax' on a small Conv1D net's head
  under sparse_categorical_crossentropy: exactly ln 2 from the first step vs 0.24.
- over_regularization, logicians: GaussianDropout(0.9), the rate written as a keep
  probability, after both hidden layers of a Nadam MLP: 1.57 down to ~0.70 and flat vs 0.28.
- saturated_activations, toymakers: kernel_initializer='ones' on two tanh Conv1D layers over
  positive motor traces: flat at 1.0986 (ln 3) from the second epoch vs 0.80 and falling.
- dead_relus, toymakers: RandomUniform(-0.3) meant as +-0.3 (maxval stays 0.05) on a relu
  Conv2D net over [0, 1] photos: flat at 1.386 (ln 4) vs 0.79 and falling.
- learning_rate_too_high, toymakers: Adam at 1e-3 * 64 (a linear scaling rule applied as lr
  times the batch size) on a small CNN: flat at 1.388 from the third epoch vs 0.77 and falling.
- unnormalized_inputs, quilters: fabric columns in raw units (~150 to ~2500) into a GRU under
  RMSprop: 0.705 creeping to 0.672 vs 0.19 on standardised columns.
- exploding_gradients, quilters: a tanh SimpleRNN(64) with a RandomUniform(-1, 1) recurrent
  kernel over 40 steps under SGD with momentum and clipnorm=1.0: bouncing between ~0.86 and
  ~1.08 (the target's variance) from the fourth epoch vs 0.014 with the orthogonal default.
- poor_initialization, quilters: Constant(0.05) on every kernel of a relu MLP in a GradientTape
  loop: every unit of a layer identical, 0.97 creeping vs 0.51 and falling with He normal.

Dropped or changed because they did not behave as intended: GaussianNoise(3.0) was the first
over-regularisation (a noise level in raw units kept on standardised inputs), but Keras 3
refuses a stddev above 1, so GaussianDropout's rate was used instead. The exploding-gradients
RNN first had 32 units: with clipnorm=1.0 it bounced and then kept falling (0.47 at the end),
and without clipping it fell to a flat 0.372 (a stall, but more partial learning than a
nothing-learnt stall); the 64-unit version with clipping was kept. The sparse-parity run was
meant to show a long flat plateau before a sudden drop; it crawls rather than sits before its
drop, and its description says so. The quilt-block CNN first had a Conv2D(8) without pooling
before the depthwise layer and a rate drop at step 200: it stopped at ~0.95, partly
unlearned, which a practitioner would fix, so it was widened and the drop moved to step 320.
The toy-block dead-relu fix at Adam 1e-3 learnt too slowly to be a convincing contrast; both
versions use 3e-3.

Not written because earlier catalogues hold them (from their docstrings): deep sigmoid MLPs
are common (kept here as the one vanishing-gradients run), as are hinge losses on sigmoid
heads, softmax heads on multi-label targets, NonNeg kernels on negative log features, label
smoothing read as a confidence, MaxNorm slips, Rescaling(255), raw unix timestamps, float16
overflow, IRNN gains, forget-gate biases on every LSTM gate, AdamW's weight_decay typo and
Dropout(0.9) as keep_prob. Overlaps in kind that remain: a log_softmax head (earlier a Dense
head ported from PyTorch; here on a Conv1D net), RandomUniform's positional minval (earlier
on MLPs; here a Conv2D net), a chaotic tanh recurrence (earlier RandomNormal and Orthogonal
gains; here uniform(-1, 1) with clipping), constant kernels, raw units into a recurrent net,
a decay_steps slip (here ExponentialDecay on an LSTM), an inf produced by the data (here a
ratio with a zero denominator) and kernels of ones on positive inputs before tanh.

Labels follow `scenarios.py`: `expected_causes[0]` is the root cause the scenario was built
around; no second cause is given. `stall_begins` counts 0-based optimizer steps (32 an epoch:
1,024 training rows at batch 32; 16 an epoch for the batch-64 CNN). Exact: the zero-minute
ledger rows (18: row 600 is in batch 18 in ledger order, shuffle=False). Approximate, read
off the epoch means: the per-step decay (40), the two-wide MLP (256), GaussianDropout (224),
the rate times the batch size (32), the chaotic recurrence (128) and the constant kernels
(192). None for the rest, which never move far from their first epoch's level.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('waiters', 'logicians', 'toymakers', 'quilters')

REGISTRY = []

holdout154 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


def _rng(seed):
    return np.random.default_rng(seed)


# ---------------------------------------------------------------------------------------------
# waiters: tips, no-shows, complaints, table turnover, service ledgers, floor plans


def _tips(seed):
    """Six standardised table features and a right-skewed, heteroscedastic tip."""
    r = _rng(seed)
    z = r.normal(size=(N, 6))
    mean = 1.0 + 0.6 * z[:, 0] + 0.3 * np.sin(2.0 * z[:, 1]) + 0.25 * z[:, 2] * z[:, 3]
    scale = 0.25 * (1.0 + np.abs(z[:, 0]))
    tip = mean + scale * (r.gamma(2.0, 1.0, size=N) - 2.0)
    return z.astype('float32'), tip.astype('float32')[:, None]


def _no_shows(seed):
    r = _rng(seed)
    z = r.normal(size=(N, 8))
    logit = -3.4 + 1.3 * z[:, 0] - 0.9 * z[:, 1] + 0.7 * z[:, 2] * z[:, 3]
    y = (r.uniform(size=N) < 1.0 / (1.0 + np.exp(-logit))).astype('float32')
    return z.astype('float32'), y[:, None]


def _order_tickets(seed, length=12, dishes=20, flip=0.15):
    r = _rng(seed)
    x = r.integers(0, dishes, size=(N, length))
    slow_late = (x[:, length // 2:] >= 15).sum(axis=1)
    y = (slow_late >= 2).astype('int32')
    flipped = r.uniform(size=N) < flip
    y[flipped] = 1 - y[flipped]
    return x.astype('int32'), y


def _turnover(seed, length=16):
    """Per-quarter-hour occupancy, kitchen queue and bill count of a table; the target is its
    remaining minutes (standardised)."""
    r = _rng(seed)
    t = np.arange(length)
    phase = r.uniform(0, 2 * np.pi, size=(N, 1))
    rate = r.uniform(0.2, 0.8, size=(N, 1))
    occ = np.sin(rate * t + phase)
    queue = np.cumsum(r.normal(0, 0.3, size=(N, length)), axis=1)
    bills = (t[None, :] > (length * r.uniform(0.3, 1.0, size=(N, 1)))).astype(float)
    x = np.stack([occ, queue, bills], axis=-1)
    y = np.cos(phase[:, 0] + rate[:, 0] * length) + 0.4 * queue[:, -1] - 0.8 * bills[:, -1]
    y = y + r.normal(0, 0.1, size=N)
    y = (y - y.mean()) / y.std()
    return x.astype('float32'), y.astype('float32')[:, None]


def _floor_plan(seed):
    """Seat coordinates on a 4x4 floor plan, labelled by which of four service stations serves
    the cell (a repeating pattern, not separable by a few lines)."""
    r = _rng(seed)
    x = r.uniform(-1, 1, size=(N, 2))
    cell = np.floor((x + 1.0) / 2.0 * 4).astype(int)
    y = (cell[:, 0] + 2 * (cell[:, 1] % 2)) % 4
    return x.astype('float32'), y.astype('int32')


@holdout154('waiters', healthy=True)
def tip_upper_quantile(session):
    """Custom GradientTape loop fitting the 90th percentile of a table's tip (right-skewed, noise
    growing with the bill) with a hand-written pinball loss, 2x64 relu MLP, Adam 3e-3, 20
    epochs: the pinball loss of a quantile cannot reach zero and levels off well above it."""
    import tensorflow as tf

    keras = _keras()
    x, y = _tips(seed=15401)
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)

    def pinball(targets, predictions, tau=0.9):
        err = targets - predictions
        return tf.reduce_mean(tf.maximum(tau * err, (tau - 1.0) * err))

    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), pinball, x, y,
                        epochs=20, batch_size=32, seed=15401)


@holdout154('waiters', healthy=True)
def reservation_no_shows(session):
    """Reservation no-shows (about 6% of bookings) from eight booking features, 32-16 relu MLP
    with a sigmoid head under binary cross-entropy and Adamax 2e-3, no class weights, 20
    epochs: the loss falls fast to the low entropy of a rare class and creeps there."""
    keras = _keras()
    x, y = _no_shows(seed=15402)
    model = _mlp(keras, 8, [32, 16], 1, out_activation='sigmoid')
    model.compile(keras.optimizers.Adamax(2e-3), 'binary_crossentropy')
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout154('waiters', healthy=True)
def complaint_from_order_ticket(session):
    """Whether a table complains, from the 12 dish ids of its order ticket (two slow dishes in
    the second half means a complaint), Embedding(20, 8) and GRU(16) under RMSprop 2e-3 for 15
    epochs; 15% of the complaint records are wrong, so the loss levels off near their entropy."""
    keras = _keras()
    x, y = _order_tickets(seed=15403)
    model = keras.Sequential([
        keras.Input((12,), dtype='int32'),
        keras.layers.Embedding(20, 8),
        keras.layers.GRU(16),
        keras.layers.Dense(2, activation='softmax'),
    ])
    model.compile(keras.optimizers.RMSprop(2e-3), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _turnover_lstm(session, broken):
    keras = _keras()
    x, y = _turnover(seed=15404)
    # "Decay by 0.9 every epoch": decay_steps counts optimizer steps, not epochs.
    steps = 1 if broken else 32
    schedule = keras.optimizers.schedules.ExponentialDecay(3e-3, decay_steps=steps,
                                                           decay_rate=0.9)
    model = keras.Sequential([keras.Input((16, 3)), keras.layers.LSTM(16), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(schedule), 'mse')
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout154('waiters', ['learning_rate_too_low'], stall_begins=40)  # approximate
def turnover_decay_per_step(session):
    """A table's remaining minutes forecast by an LSTM(16) from 16 quarter-hours of occupancy,
    kitchen queue and bills, Adam on ExponentialDecay(3e-3, decay_rate=0.9) meant per epoch but
    written with decay_steps=1: the rate is 0.9**step of its start, ~1e-5 of it by step 100,
    and the loss freezes where the first few dozen steps left it."""
    return _turnover_lstm(session, broken=True)


ZERO_MINUTE_ROW = 600  # ledger order, batch 32: first seen in step 18 (600 // 32)


def _service_ledger(session, broken):
    keras = _keras()
    r = _rng(15405)
    z = r.normal(size=(N, 5))
    tip = np.exp(0.3 * z[:, 0] + 1.0)
    minutes = np.exp(0.4 * z[:, 1] + 3.5)
    if broken:
        # takeaway orders are booked with zero minutes at a table
        minutes[ZERO_MINUTE_ROW:ZERO_MINUTE_ROW + 3] = 0.0
    with np.errstate(divide='ignore'):
        per_minute = tip / minutes
    score = np.tanh(z[:, 0] - 0.5 * z[:, 1]) + 0.3 * z[:, 2] * z[:, 3] + r.normal(0, 0.2, N)
    x = np.concatenate([z, 10.0 * per_minute[:, None]], axis=1).astype('float32')
    y = ((score - score.mean()) / score.std()).astype('float32')[:, None]
    model = _mlp(keras, 6, [32, 32], 1, activation='tanh', out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), 'mse')
    return _fit(session, model, x, y, epochs=8, batch_size=32, shuffle=False)


@holdout154('waiters', ['non_finite_values'], stall_begins=ZERO_MINUTE_ROW // 32)
def tip_per_minute_takeaways(session):
    """Guest satisfaction regressed by a 2x32 tanh MLP from five features and a tip-per-minute
    ratio; three takeaway orders have zero minutes at the table, so the ratio is inf, read in
    ledger order (shuffle=False): the weights turn NaN at step 18 and the loss is NaN after."""
    return _service_ledger(session, broken=True)


def _floor_mlp(session, broken):
    keras = _keras()
    x, y = _floor_plan(seed=15406)
    # "as wide as the input": the layer width copied from the feature count
    width = x.shape[1] if broken else 64
    model = _mlp(keras, 2, [width, width], 4)
    model.compile(keras.optimizers.Adam(1e-2), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout154('waiters', ['insufficient_capacity'], stall_begins=256)  # approximate
def station_from_seat_two_wide(session):
    """Which of four service stations serves a seat, from its floor-plan coordinates (a repeating
    4x4 pattern), by a relu MLP whose hidden width was set to x.shape[1] (2) instead of 64:
    two units per layer carve a few lines, and the loss levels off far above the wide net's."""
    return _floor_mlp(session, broken=True)


# ---------------------------------------------------------------------------------------------
# logicians: parities, formulas, proof times, syllogisms, noisy premises


def _truth_table(seed, bits=14, support=(1, 4, 8, 11)):
    r = _rng(seed)
    x = r.integers(0, 2, size=(N, bits))
    y = x[:, list(support)].sum(axis=1) % 2
    return (2.0 * x - 1.0).astype('float32'), y.astype('int32')


def _formulas(seed, length=16, vocab=12, flip=0.1):
    r = _rng(seed)
    x = r.integers(0, vocab, size=(N, length))
    y = ((x == 1).sum(axis=1) > (x == 2).sum(axis=1)).astype('int32')
    flipped = r.uniform(size=N) < flip
    y[flipped] = 1 - y[flipped]
    return x.astype('int32'), y


def _syllogisms(seed, dim=8):
    """Eight standardised premise features; validity is a smooth nonlinear rule."""
    r = _rng(seed)
    z = r.normal(size=(N, dim))
    s = np.sin(1.5 * z[:, 0]) + z[:, 1] * z[:, 2] - 0.5 * z[:, 3] ** 2 + 0.5
    return z.astype('float32'), (s > 0).astype('int32')


@holdout154('logicians', healthy=True)
def sparse_parity_plateau(session):
    """The parity of four of fourteen +-1 truth values, 2x128 relu MLP, Adam 1e-3, 40 epochs:
    no single bit is informative, so the loss crawls down from ln 2 for about eight epochs and
    then drops sharply to near zero once the hidden units find the four relevant bits."""
    keras = _keras()
    x, y = _truth_table(seed=15407)
    model = _mlp(keras, 14, [128, 128], 2)
    model.compile(keras.optimizers.Adam(1e-3), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=40, batch_size=32)


@holdout154('logicians', healthy=True)
def formula_attention(session):
    """Whether a 16-symbol formula holds more of symbol 1 than of symbol 2, a token Embedding
    and a sinusoidal position code, one MultiHeadAttention block (2 heads) with a residual and
    LayerNormalization, average pooling, Adam 2e-3 for 15 epochs; a tenth of the verdicts are
    wrong, so the loss flattens near that noise's entropy."""
    keras = _keras()
    x, y = _formulas(seed=15408)
    tokens = keras.Input((16,), dtype='int32')
    h = keras.layers.Embedding(12, 16)(tokens)
    position = np.arange(16)[:, None] / 10000.0 ** (np.arange(16)[None, :] // 2 * 2 / 16.0)
    position[:, 1::2] += np.pi / 2
    h = h + np.sin(position).astype('float32')[None]
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation='relu')(h)
    out = keras.layers.Dense(2, activation='softmax')(h)
    model = keras.Model(tokens, out)
    model.compile(keras.optimizers.Adam(2e-3), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout154('logicians', healthy=True)
def proof_time_huber_steps(session):
    """Minutes to check a proof from six features, heavy-tailed (Student-t, 3 degrees of
    freedom) scatter, 2x64 relu MLP under Huber loss and SGD with momentum on a
    PiecewiseConstantDecay (0.05, 0.01 after step 160, 0.002 after step 320), 15 epochs: the
    loss steps down at each boundary and levels off at the noise's Huber floor."""
    keras = _keras()
    r = _rng(15409)
    z = r.normal(size=(N, 6))
    y = np.tanh(z[:, 0]) + 0.5 * z[:, 1] * z[:, 2] + 0.3 * np.cos(z[:, 3]) + 0.4 * r.standard_t(
        3, size=N)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([160, 320], [0.05, 0.01, 0.002])
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), keras.losses.Huber(1.0))
    return _fit(session, model, z.astype('float32'), y.astype('float32')[:, None],
                epochs=15, batch_size=32)


def _syllogism_tower(session, broken):
    keras = _keras()
    x, y = _syllogisms(seed=15410)
    # a textbook recipe's logistic hidden units on an eight-layer tower
    activation = 'sigmoid' if broken else 'relu'
    model = _mlp(keras, 8, [64] * 8, 2, activation=activation)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout154('logicians', ['vanishing_gradients'])
def syllogism_sigmoid_tower(session):
    """Syllogism validity from eight premise features by an eight-layer, 64-wide MLP with
    logistic (sigmoid) hidden units copied from a textbook, SGD 0.05 with momentum 0.9: each
    sigmoid layer passes at most a quarter of the gradient back, the first layers hardly move
    and the loss stays at the class prior, where the relu tower learns the rule."""
    return _syllogism_tower(session, broken=True)


def _premise_net(session, broken):
    keras = _keras()
    x, y = _syllogisms(seed=15411)
    # the log_softmax head of a PyTorch NLLLoss recipe, kept under Keras's probability loss
    head = 'log_softmax' if broken else 'softmax'
    model = keras.Sequential([
        keras.Input((8, 1)),
        keras.layers.Conv1D(16, 3, padding='same', activation='relu'),
        keras.layers.Flatten(),
        keras.layers.Dense(32, activation='relu'),
        keras.layers.Dense(2, activation=head),
    ])
    model.compile(keras.optimizers.Adam(2e-3), 'sparse_categorical_crossentropy')
    return _fit(session, model, x[:, :, None], y, epochs=10, batch_size=32)


@holdout154('logicians', ['loss_activation_mismatch'])
def premise_log_softmax_head(session):
    """Syllogism validity by a small Conv1D net over the eight premises whose head is
    activation='log_softmax' (ported from a PyTorch NLLLoss recipe) under Keras's
    sparse_categorical_crossentropy, which expects probabilities: every output is negative,
    clipped to epsilon, and the loss sits at ln 2 with no gradient."""
    return _premise_net(session, broken=True)


def _noisy_premises(session, broken):
    keras = _keras()
    x, y = _syllogisms(seed=15412)
    # GaussianDropout's rate read as the keep probability of an old recipe
    rate = 0.9 if broken else 0.1
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(64, activation='relu'),
        keras.layers.GaussianDropout(rate),
        keras.layers.Dense(64, activation='relu'),
        keras.layers.GaussianDropout(rate),
        keras.layers.Dense(2, activation='softmax'),
    ])
    model.compile(keras.optimizers.Nadam(2e-3), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout154('logicians', ['over_regularization'], stall_begins=224)  # approximate
def premises_gaussian_dropout_keep(session):
    """Syllogism validity from standardised premise features, 2x64 relu MLP under Nadam, with
    GaussianDropout(0.9) after each hidden layer, the rate written as the keep probability of
    an older recipe: every activation is multiplied by noise of standard deviation 3, and the
    training loss levels off near the prior where rate 0.1 learns the rule."""
    return _noisy_premises(session, broken=True)


# ---------------------------------------------------------------------------------------------
# toymakers: blocks, wind-up toys, springs, motors, paint, test rigs


def _toy_blocks(n, seed, size=12, noise=0.15):
    """Images of a toy block: intact, scratched (a bright diagonal), chipped (a missing corner)
    or dented (a dark spot)."""
    r = _rng(seed)
    y = r.integers(0, 4, size=n)
    x = np.zeros((n, size, size), dtype=float)
    for i in range(n):
        a, b = r.integers(1, 4, size=2)
        x[i, a:a + 7, b:b + 7] = 0.6
        if y[i] == 1:
            k = np.arange(6)
            x[i, a + k, b + k] = 1.0
        elif y[i] == 2:
            x[i, a:a + 3, b:b + 3] = 0.0
        elif y[i] == 3:
            c, d = r.integers(2, 5, size=2)
            x[i, a + c:a + c + 2, b + d:b + d + 2] = 0.2
    x = np.clip(x + r.normal(0, noise, size=x.shape), 0.0, 1.0)
    return x[..., None].astype('float32'), y.astype('int32')


def _motor_traces(seed, length=64):
    """Four positive current / speed channels of a toy motor on the test rig, three makes."""
    r = _rng(seed)
    y = r.integers(0, 3, size=N)
    t = np.arange(length) / length
    freq = np.array([3.0, 5.0, 8.0])[y][:, None]
    base = 0.5 + 0.3 * np.sin(2 * np.pi * freq * t + r.uniform(0, 6, size=(N, 1)))
    channels = [base, 1.0 - base, 0.5 + 0.2 * np.cos(2 * np.pi * freq * t), base ** 2]
    x = np.stack(channels, axis=-1) + r.normal(0, 0.05, size=(N, length, 4))
    return np.clip(x, 0.0, 1.0).astype('float32'), y.astype('int32')


@holdout154('toymakers', healthy=True)
def defect_blocks_small_batch(session):
    """Only 192 photographed toy blocks (intact, scratched, chipped, dented), SeparableConv2D net
    with global max pooling, Adam 3e-3, batch 16 for 40 epochs: the loss lingers just under
    ln 4 for about fifteen epochs while the filters find the defects, then falls steadily
    (small data the net is starting to memorise) and is still falling at the end."""
    keras = _keras()
    x, y = _toy_blocks(192 + PROBE_SIZE, seed=15413)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.SeparableConv2D(8, 3, padding='same', activation='relu'),
        keras.layers.MaxPooling2D(),
        keras.layers.SeparableConv2D(16, 3, padding='same', activation='relu'),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(4, activation='softmax'),
    ])
    model.compile(keras.optimizers.Adam(3e-3), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=40, batch_size=16)


@holdout154('toymakers', healthy=True)
def windup_duration_warmup_cosine(session):
    """How long a wind-up toy runs, from six spring and gear features with scatter that grows
    with the spring's tension, 2x64 relu MLP, Adam on CosineDecay warming up from 1e-4 to 3e-3
    over 64 steps then decaying over 416, 15 epochs: slow start, fast middle, and a flat end
    at the noise floor as the rate reaches zero."""
    keras = _keras()
    r = _rng(15414)
    z = r.normal(size=(N, 6))
    y = 0.8 * z[:, 0] + 0.5 * np.sin(z[:, 1] * 2) + 0.3 * z[:, 2] * z[:, 4]
    y = y + 0.3 * (1.0 + np.abs(z[:, 0])) * r.normal(size=N)
    schedule = keras.optimizers.schedules.CosineDecay(1e-4, decay_steps=416, warmup_target=3e-3,
                                                      warmup_steps=64)
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(schedule), 'mse')
    return _fit(session, model, z.astype('float32'), y.astype('float32')[:, None],
                epochs=15, batch_size=32)


@holdout154('toymakers', healthy=True)
def spring_stiffness_dilated_logcosh(session):
    """A spring's stiffness from 64-sample compression traces (force and travel), dilated
    causal Conv1D (dilations 1, 2, 4) with average pooling, LogCosh loss on heavy-tailed
    measurement scatter, Adam 2e-3 with ReduceLROnPlateau on the training loss, 20 epochs: the
    loss flattens at the scatter's floor and the rate is halved along the way."""
    keras = _keras()
    r = _rng(15415)
    k = r.uniform(0.5, 2.0, size=(N, 1))
    travel = np.cumsum(r.uniform(0.0, 0.05, size=(N, 64)), axis=1)
    force = k * travel + 0.1 * travel ** 2 + r.normal(0, 0.05, size=(N, 64))
    x = np.stack([force, travel], axis=-1).astype('float32')
    y = (k[:, 0] - 1.25) / 0.43 + 0.2 * r.standard_t(2, size=N)
    model = keras.Sequential([
        keras.Input((64, 2)),
        keras.layers.Conv1D(16, 3, padding='causal', dilation_rate=1, activation='relu'),
        keras.layers.Conv1D(16, 3, padding='causal', dilation_rate=2, activation='relu'),
        keras.layers.Conv1D(16, 3, padding='causal', dilation_rate=4, activation='relu'),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.LogCosh())
    plateau = keras.callbacks.ReduceLROnPlateau(monitor='loss', factor=0.5, patience=2)
    return _fit(session, model, x, y.astype('float32')[:, None], epochs=20, batch_size=32,
                callbacks=[plateau])


def _motor_conv(session, broken):
    keras = _keras()
    x, y = _motor_traces(seed=15416)
    # 'ones' to start every filter as a running sum over its window
    init = 'ones' if broken else 'glorot_uniform'
    model = keras.Sequential([
        keras.Input((64, 4)),
        keras.layers.Conv1D(16, 9, activation='tanh', kernel_initializer=init),
        keras.layers.Conv1D(16, 5, activation='tanh', kernel_initializer=init),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation='softmax'),
    ])
    model.compile(keras.optimizers.Adam(1e-3), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout154('toymakers', ['saturated_activations'])
def motor_make_running_sum_filters(session):
    """Which of three makes a toy motor is, from four positive current and speed channels on
    the test rig, two tanh Conv1D layers with kernel_initializer='ones' (meant to start every
    filter as a running sum): each first-layer unit sums ~36 positive readings and sits at
    tanh = 1.0 for every trace, so nothing flows back and the loss stays at ln 3."""
    return _motor_conv(session, broken=True)


def _block_cnn(session, broken):
    keras = _keras()
    x, y = _toy_blocks(N, seed=15417)
    # RandomUniform(-0.3) meant as +-0.3: the positional argument is minval, maxval stays 0.05
    init = (keras.initializers.RandomUniform(-0.3, seed=15417) if broken
            else keras.initializers.HeUniform(seed=15417))
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, padding='same', activation='relu', kernel_initializer=init),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, padding='same', activation='relu', kernel_initializer=init),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation='softmax'),
    ])
    model.compile(keras.optimizers.Adam(3e-3), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout154('toymakers', ['dead_relus'])
def block_defects_one_sided_uniform(session):
    """Toy-block defect photos (pixels in [0, 1]) through a relu Conv2D net whose kernels are
    RandomUniform(-0.3), meant as +-0.3 but read as minval=-0.3, maxval=0.05: every filter
    weighs the non-negative pixels mostly negatively, no filter fires on any image, and the
    loss sits at the four-class prior."""
    return _block_cnn(session, broken=True)


def _paint_cnn(session, broken):
    keras = _keras()
    x, y = _toy_blocks(N, seed=15418)
    # the linear scaling rule applied as lr * batch_size rather than lr * batch_size / 256
    rate = 1e-3 * 64 if broken else 1e-3
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, padding='same', activation='relu'),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, padding='same', activation='relu'),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation='relu'),
        keras.layers.Dense(4, activation='softmax'),
    ])
    model.compile(keras.optimizers.Adam(rate), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=16, batch_size=64)


@holdout154('toymakers', ['learning_rate_too_high'], stall_begins=32)  # approximate
def block_defects_rate_times_batch(session):
    """Toy-block defect photos, small relu CNN, Adam at 1e-3 * 64 = 0.064 (a linear scaling rule
    applied as lr times the batch size, batch 64): the first steps throw the weights far off,
    the relus stop firing and the loss stays at the prior, where Adam 1e-3 learns the four
    defects."""
    return _paint_cnn(session, broken=True)


# ---------------------------------------------------------------------------------------------
# quilters: blocks, stitches, thread tension, fabrics, seams, makers


def _quilt_blocks(seed, size=16, flip=0.12):
    """Quilt-block photos of four patterns (horizontal stripes, vertical stripes, diagonals,
    checks) with fabric texture; some blocks are misfiled."""
    r = _rng(seed)
    y = r.integers(0, 4, size=N)
    i, j = np.meshgrid(np.arange(size), np.arange(size), indexing='ij')
    period = r.integers(3, 6, size=N)[:, None, None]
    patterns = [(i[None] // period) % 2, (j[None] // period) % 2,
                ((i + j)[None] // period) % 2, ((i[None] // period) + (j[None] // period)) % 2]
    x = np.choose(y[:, None, None], [p * np.ones((N, 1, 1)) for p in patterns])
    x = 0.2 + 0.6 * x + r.normal(0, 0.2, size=x.shape)
    flipped = r.uniform(size=N) < flip
    y[flipped] = r.integers(0, 4, size=flipped.sum())
    return x[..., None].astype('float32'), y.astype('int32')


@holdout154('quilters', healthy=True)
def block_pattern_depthwise(session):
    """Which of four patterns a quilt block shows, Conv2D, max pooling, DepthwiseConv2D and a
    1x1 Conv2D, global average pooling, SGD with Nesterov momentum on PiecewiseConstantDecay
    (0.05, then 0.01 after step 320), 18 epochs: a few flat epochs before the stripes are
    found, then a fall; about a ninth of the blocks are misfiled, so the loss flattens near
    0.47 instead of zero."""
    keras = _keras()
    x, y = _quilt_blocks(seed=15419)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([320], [0.05, 0.01])
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(16, 3, padding='same', activation='relu'),
        keras.layers.MaxPooling2D(),
        keras.layers.DepthwiseConv2D(3, padding='same', activation='relu'),
        keras.layers.Conv2D(32, 1, activation='relu'),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation='softmax'),
    ])
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9, nesterov=True),
                  'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=18, batch_size=32)


@holdout154('quilters', healthy=True)
def stitch_rate_by_quilter_mae(session):
    """Stitches per minute of a quilter on a job, one array whose first column is the quilter's
    id (30 quilters, an Embedding(30, 4)) and whose other six columns are job features, a 32
    relu layer on both, mean absolute error on Laplace scatter, Lion 1e-3, 15 epochs: the MAE
    levels off at the scatter's mean absolute deviation."""
    keras = _keras()
    r = _rng(15420)
    ids = r.integers(0, 30, size=N)
    skill = r.normal(0, 1, size=30)
    z = r.normal(size=(N, 6))
    y = skill[ids] + 0.6 * z[:, 0] - 0.4 * np.abs(z[:, 1]) + 0.3 * z[:, 2] * skill[ids]
    y = y + r.laplace(0, 0.4, size=N)
    x = np.concatenate([ids[:, None], z], axis=1).astype('float32')
    inputs = keras.Input((7,))
    who = keras.layers.Flatten()(keras.layers.Embedding(30, 4)(
        keras.ops.cast(inputs[:, 0], 'int32')))
    h = keras.layers.Concatenate()([who, inputs[:, 1:]])
    h = keras.layers.Dense(32, activation='relu')(h)
    model = keras.Model(inputs, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Lion(1e-3), 'mae')
    return _fit(session, model, x, y.astype('float32')[:, None], epochs=15, batch_size=32)


@holdout154('quilters', healthy=True)
def thread_tension_warm_restarts(session):
    """Next thread tension of a long-arm quilting machine from 20 readings of tension and speed,
    LSTM(24), Adam on CosineDecayRestarts(3e-3, first_decay_steps=96), 15 epochs: the loss
    bumps a little at every restart and settles at the sensor noise."""
    keras = _keras()
    r = _rng(15421)
    t = np.arange(21)
    phase = r.uniform(0, 2 * np.pi, size=(N, 1))
    speed = r.uniform(0.3, 1.0, size=(N, 1))
    tension = np.sin(speed * t + phase) + r.normal(0, 0.15, size=(N, 21))
    x = np.stack([tension[:, :20], np.repeat(speed, 20, axis=1)], axis=-1).astype('float32')
    y = tension[:, 20:].astype('float32')
    schedule = keras.optimizers.schedules.CosineDecayRestarts(3e-3, first_decay_steps=96)
    model = keras.Sequential([keras.Input((20, 2)), keras.layers.LSTM(24), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(schedule), 'mse')
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _fabric_sequence(seed, patches=10):
    """Per patch of a quilt: thread count per inch, fabric weight (g/m^2), seam length (mm) and
    price (cents); whether the quilt passes the show's judging."""
    r = _rng(seed)
    z = r.normal(size=(N, patches, 4))
    quality = z[:, :, 0].mean(axis=1) - 0.5 * np.abs(z[:, :, 2]).mean(axis=1) + z[:, -1, 1]
    y = (quality > np.median(quality)).astype('int32')
    raw = z * np.array([40.0, 30.0, 60.0, 800.0]) + np.array([200.0, 150.0, 300.0, 2500.0])
    return raw.astype('float32'), y


def _judging_gru(session, broken):
    keras = _keras()
    x, y = _fabric_sequence(seed=15422)
    if not broken:
        flat = x.reshape(-1, 4)
        x = ((x - flat.mean(axis=0)) / flat.std(axis=0)).astype('float32')
    model = keras.Sequential([keras.Input((10, 4)), keras.layers.GRU(16),
                              keras.layers.Dense(2, activation='softmax')])
    model.compile(keras.optimizers.RMSprop(1e-3), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout154('quilters', ['unnormalized_inputs'])
def judging_raw_fabric_units(session):
    """Whether a quilt passes the show's judging, from its ten patches' thread count, fabric
    weight, seam length and price in raw units (~150 to ~2500) fed to a GRU(16) under RMSprop:
    every gate saturates on the first patch and the loss stays near ln 2, where the same GRU
    on standardised columns learns the rule."""
    return _judging_gru(session, broken=True)


def _seam_rnn(session, broken):
    keras = _keras()
    r = _rng(15423)
    drift = r.normal(0, 1, size=(N, 1))
    x = drift * np.linspace(0, 1, 40)[None] + r.normal(0, 0.3, size=(N, 40))
    y = (drift[:, 0] + 0.2 * x[:, -1]).astype('float32')[:, None]
    # a reservoir-computing recipe's uniform(-1, 1) recurrent weights
    recurrent = (keras.initializers.RandomUniform(-1.0, 1.0, seed=15423) if broken
                 else keras.initializers.Orthogonal(seed=15423))
    model = keras.Sequential([
        keras.Input((40, 1)),
        keras.layers.SimpleRNN(64, recurrent_initializer=recurrent),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9, clipnorm=1.0), 'mse')
    return _fit(session, model, x[..., None].astype('float32'), y, epochs=12, batch_size=32)


@holdout154('quilters', ['exploding_gradients'], stall_begins=128)  # approximate
def seam_drift_uniform_recurrence(session):
    """How far a machine seam drifts, from 40 stitch offsets, tanh SimpleRNN(64) whose recurrent
    kernel is RandomUniform(-1, 1) (a reservoir recipe; spectral radius ~4.6) under SGD with
    momentum and clipnorm=1.0: the recurrence is chaotic, the gradient through the 40 steps is
    huge and clipped to a useless direction each step, and the loss stays near the target's
    variance where the orthogonal default learns the drift."""
    return _seam_rnn(session, broken=True)


def _rings(seed):
    r = _rng(seed)
    y = r.integers(0, 3, size=N)
    radius = 0.6 + 0.6 * y + r.normal(0, 0.12, size=N)
    angle = r.uniform(0, 2 * np.pi, size=N)
    extra = r.normal(size=(N, 4))
    x = np.concatenate([np.stack([radius * np.cos(angle), radius * np.sin(angle)], 1), extra], 1)
    return _standardize(x), y.astype('int32')


def _hoop_loop(session, broken):
    keras = _keras()
    x, y = _rings(seed=15424)
    init = (keras.initializers.Constant(0.05) if broken
            else keras.initializers.HeNormal(seed=15424))
    model = _mlp(keras, 6, [64, 64], 3, out_activation=None, kernel_initializer=init)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.Adam(1e-3), loss, x, y,
                        epochs=12, batch_size=32, seed=15424)


@holdout154('quilters', ['poor_initialization'], stall_begins=192)  # approximate
def hoop_ring_constant_kernels(session):
    """Custom GradientTape loop: which of three embroidery hoops (concentric rings in the first
    two of six standardised measurements) a stitch belongs to, 2x64 relu MLP with every kernel
    initialised to Constant(0.05) ('small and equal to start fair'): all units of a layer stay
    identical, the net acts as one unit wide and cannot separate rings."""
    return _hoop_loop(session, broken=True)
