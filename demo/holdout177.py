"""The hundred-and-seventy-seventh held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades, twenty-three runs: tollers (a turnpike's toll-keepers: axle-sensor traces, thermal
camera frames, takings, queues at the gate), reivers (the Border reivers: night rides, raids,
beacon signals, the glens raids came from), borderers (the Border farmers: fleece photographs,
lamb weights, ewes, hirsels, hill walks) and freebooters (privateers: headings of sighted ships,
prize values, crews, cargo tallies, coves). Data are numpy generators with seeds 17701..17724;
the last PROBE_SIZE rows of every set are the probe. Every run was checked only from its own
per-epoch losses (Keras History or the custom loop's epoch means) under Session(None) with
keras's seed set to 0, and every broken run against its helper `_name(session, broken)` with
broken=False.

Healthy half (twelve runs, nothing to fix in the code). Tollers: the queue in the next hour from
24 hourly counts by a Conv1D net under MAE with ReduceLROnPlateau, gamma scatter growing with
traffic; the vehicle class from the axle trace by an LSTM on a staircase ExponentialDecay, 15%
of classes keyed wrongly; the day's takings under the Huber loss in a GradientTape loop with
RMSprop, Laplace scatter. Reivers: rare successful raids (~7%) under BinaryFocalCrossentropy
with Nadam; the warning in twelve beacon tokens by an Embedding with learned positions and a
MultiHeadAttention block (residual, LayerNormalization) under AdamW on a warm-up into cosine
decay, a tenth misread; miles ridden by a small tanh model under plain SGD at 0.005, a long slow
descent still improving at the end. Borderers: fleece crimp direction from 12x12 patches by a
Conv2D net with BatchNormalization and a halving step schedule, a fifth misgraded; three
quantiles of a lamb's weight under a hand-written pinball loss, skewed heteroscedastic scatter;
a flock of 96 ewes memorised by a 2x128 MLP at batch 16 for 40 epochs. Freebooters: a ship's
heading as (sin, cos) with von Mises scatter under MSE and Nadam; a prize's log-normal value
under MSLE with a softplus head and PiecewiseConstantDecay; mutiny from a ship Embedding plus
six figures, a two-input model in a GradientTape loop with global_clipnorm, the outcome a
weighted coin.

Broken half, one root cause each (broken final epoch loss vs the fixed helper's):
- learning_rate_too_high, tollers: a linear scaling rule 0.1 * batch / 32 with the '/ 32' left
  out, SGD with momentum at 3.2 on a Conv1D net: ~1.56 flat from the first epoch (above ln 4)
  vs ~0.95 and falling at 0.1.
- learning_rate_too_low, tollers: ExponentialDecay(0.1, decay_steps=1, decay_rate=0.8) meant
  per epoch, a GRU under SGD with momentum: ~1.375 frozen from the second epoch vs ~0.77.
- unnormalized_inputs, tollers: a Conv2D net fed 16-bit thermal counts (~30,000 dark level):
  from ~1200 down to a bouncing 30-70 vs ~0.51 and falling standardised.
- vanishing_gradients, reivers: eight Dense(32, sigmoid) layers over flattened embeddings under
  SGD with momentum: ~1.39 (ln 4) throughout vs ~0.21 with relu.
- dead_relus, reivers: LayerNormalization(gamma_initializer='zeros') before every relu of a
  plain (non-residual) MLP: exactly ln 3 (1.097) throughout vs ~0.04.
- saturated_activations, borderers: the detector's prior bias -log(99) passed to both tanh
  Conv2D layers as well as the output, under SGD with momentum: ~0.544 (the class prior) flat
  from the second epoch vs ~0.002.
- insufficient_capacity, borderers: hidden width written as x.shape[1] (two units) on three
  interleaved spirals: creeps to ~0.99 vs ~0.014 at width 64.
- over_regularization, borderers: L1(0.05), a Lasso alpha, on every layer of a Conv1D net:
  ~0.723 (ln 2 plus the penalty) flat from epoch 6 vs ~4e-5.
- loss_activation_mismatch, freebooters: a tanh head on a GRU regressing a log10 value between
  2 and 4 under MSE: ~8.0 flat from the second epoch vs ~0.005.
- poor_initialization, freebooters: kernel_initializer='identity' (the IRNN trick) on every
  Dense layer of a 3x64 relu MLP, so 62 units of each layer start at zero with no gradient:
  creeps to ~0.97 vs ~0.01 with Glorot.
- non_finite_values, freebooters: a cargo-per-hand target cargo / crew, ships lost with all
  hands and nothing taken giving 0 / 0 from row 416, trained in file order: NaN vs a finite,
  falling loss when dividing by max(crew, 1).

Stall steps: the non-finite run's is exact (row 416 falls in batch 13, step 13 at batch 32,
0-based); 'None' (from the start) for the learning-rate-too-high, vanishing, dead and saturated
runs, flat from their first epoch; the others are approximate, read off the per-epoch loss at
the epoch where it stops improving (the per-step decay at 30, the raw counts at 96, the L1 net
at 160, the tanh head at 32, the two-unit MLP at 224 and the identity kernels at 160, the last
two still creeping by under 0.01 an epoch), and noted as such next to their scenarios.
Healthy runs carry no causes. Labelling convention: expected_causes holds the one root cause
each run was built around, with no secondary symptoms listed.

Dropped because they did not behave as intended: exploding_gradients has no run, so the reivers
hold five. A ten-block residual MLP with He-initialised branches and the LayerNormalization
after each addition left out, under SGD with momentum and clipnorm=5, fell from ~22 to ~0.17
(its fix ~0.01, both bumpy) and took 30-45 s, so it neither stalled nor fit the budget; a
SimpleRNN given activation='relu' over forty fixes under SGD with momentum was NaN from the
first epoch, a divergence rather than a stall. The first non-finite run divided by a zero crew
only (inf, not NaN) into relu convolutions, and then 0 / 0: the relus swallowed the NaN and the
loss sat at ln 2 without one; a tanh convolution did the same behind a sigmoid head (the clipped
probabilities swallowed it), so the zero day's cargo is zero, the convolution tanh and the head
a logit under from_logits=True; that too kept a finite loss (the NaN stopped in the weights of
the convolution), so the 0 / 0 moved from a feature into the regression target itself.

Not written because earlier catalogues hold the mechanism (judged from their docstrings only):
BatchNormalization with zero or large gamma, label smoothing read as a confidence, kernel_size=1
convolutions, residual towers without normalisation (tried anyway, above), Lion at an SGD rate,
CosineDecay with decay_steps in epochs, focal-loss prior biases on hidden relu layers, one-unit
softmax heads, Dropout keep probabilities, L2 overdoses and weight_decay typos. Overlaps in kind
that remain: the prior bias on tanh layers (here Conv2D, tanh), the deep sigmoid tower (here
over embeddings), the width taken from a config dimension, the tanh regression head (here on a
GRU), the ExponentialDecay decay_steps slip, a linear-scaling-rule slip, raw sensor counts and a
division by zero in a feature.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('tollers', 'reivers', 'borderers', 'freebooters')
REGISTRY = []
holdout177 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data


def _noisy_labels(y, classes, fraction, rng):
    """Replace a fraction of the labels by uniformly drawn ones."""
    flip = rng.random(len(y)) < fraction
    y = y.copy()
    y[flip] = rng.integers(0, classes, flip.sum())
    return y


def _axle_traces(n, seed, length=32, noise=0.3, label_noise=0.0):
    """A toll gate's axle-sensor trace: 2, 3, 4 or 5 axle pulses at random speed -> class."""
    rng = np.random.default_rng(seed)
    t = np.arange(length)
    y = rng.integers(0, 4, n)
    x = np.zeros((n, length), dtype="float32")
    for i in range(n):
        gap = rng.uniform(3.0, 5.5)
        start = rng.uniform(1, length - (y[i] + 1) * gap - 1)
        for k in range(y[i] + 2):
            x[i] += np.exp(-0.5 * ((t - start - k * gap) / 0.8) ** 2)
    x += noise * rng.standard_normal(x.shape)
    y = _noisy_labels(y, 4, label_noise, rng)
    return x[..., None].astype("float32"), y


def _tabular(n, seed, dim=8):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n, dim)).astype("float32"), rng


def _spirals(n, seed, arms=3, noise=0.08):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, arms, n)
    r = rng.uniform(0.1, 1.0, n)
    angle = 2 * np.pi * (r * 1.0 + y / arms)
    x = np.stack([r * np.cos(angle), r * np.sin(angle)], 1) * 2
    x += noise * rng.standard_normal(x.shape)
    return x.astype("float32"), y


def _fleece_images(n, seed, size=12, label_noise=0.0):
    """A fleece patch photograph: crimp stripes horizontal, vertical or diagonal, or none."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:size, 0:size]
    y = rng.integers(0, 4, n)
    x = np.zeros((n, size, size), dtype="float32")
    for i in range(n):
        phase = rng.uniform(0, 2 * np.pi)
        freq = rng.uniform(0.8, 1.3)
        coord = [yy, xx, (xx + yy) / np.sqrt(2), None][y[i]]
        if coord is not None:
            x[i] = np.sin(freq * coord + phase)
    x += 0.6 * rng.standard_normal(x.shape)
    y = _noisy_labels(y, 4, label_noise, rng)
    return x[..., None].astype("float32"), y


def _ride_tracks(n, seed, length=24):
    """A night ride's northing track: out-and-back (north then south) or the reverse."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    t = np.linspace(0, 1, length)
    turn = rng.uniform(0.3, 0.7, n)[:, None]
    shape = np.where(t < turn, t / turn, (1 - t) / (1 - turn))
    sign = np.where(y == 1, 1.0, -1.0)[:, None]
    x = sign * shape + 0.25 * rng.standard_normal((n, length))
    return x[..., None].astype("float32"), y


def _tokens(n, seed, length=12, vocab=40, label_noise=0.0):
    """Beacon-signal tokens: the class is which of four marker tokens appears most often."""
    rng = np.random.default_rng(seed)
    x = rng.integers(4, vocab, (n, length))
    y = rng.integers(0, 4, n)
    for i in range(n):
        pos = rng.choice(length, 3, replace=False)
        x[i, pos] = y[i]
    y = _noisy_labels(y, 4, label_noise, rng)
    return x.astype("int32"), y


# ---------------------------------------------------------------------------------------------
# tollers: a turnpike's toll-keepers (axle sensors, takings, queues at the gate)


@holdout177("tollers", healthy=True)
def queue_length_conv1d_reduce_on_plateau(session):
    """Tollers: the queue at the gate in an hour from the previous 24 hourly counts by a Conv1D
    net under the mean absolute error, Adam with ReduceLROnPlateau(factor 0.5, patience 2); the
    queue carries gamma-distributed scatter that grows with traffic, so the loss levels off far
    above zero."""
    keras = _keras()
    rng = np.random.default_rng(17701)
    t = np.arange(24)
    level = rng.uniform(0.5, 2.0, (N, 1))
    phase = rng.uniform(0, 2 * np.pi, (N, 1))
    counts = level * (1 + 0.6 * np.sin(2 * np.pi * t / 24 + phase))
    counts = rng.poisson(10 * counts) / 10.0
    mean = counts[:, -6:].mean(1) * 2 + 0.5 * counts[:, :6].mean(1)
    y = rng.gamma(4.0, mean / 4.0).astype("float32")
    x = ((counts - counts.mean()) / counts.std())[..., None].astype("float32")
    model = keras.Sequential([
        keras.Input((24, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mae")
    plateau = keras.callbacks.ReduceLROnPlateau("loss", factor=0.5, patience=2)
    return _fit(session, model, x, y, epochs=20, batch_size=32, callbacks=[plateau])


@holdout177("tollers", healthy=True)
def vehicle_class_lstm_label_noise(session):
    """Tollers: the vehicle class (2 to 5 axles) from the axle-sensor trace by an LSTM(24) under
    sparse categorical cross-entropy, Adam on a staircase ExponentialDecay (halving every 5
    epochs); 15% of the classes were keyed wrongly by the keeper, so the loss flattens well above
    zero."""
    keras = _keras()
    x, y = _axle_traces(N, seed=17702, label_noise=0.15)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.LSTM(24),
        keras.layers.Dense(4, activation="softmax"),
    ])
    schedule = keras.optimizers.schedules.ExponentialDecay(
        1e-2, decay_steps=5 * 32, decay_rate=0.5, staircase=True)
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


@holdout177("tollers", healthy=True)
def takings_huber_custom_loop(session):
    """Tollers: a day's takings from eight standardised traffic figures by a 2x32 relu MLP in a
    hand-written GradientTape loop under the Huber loss and RMSprop 1e-3; the takings carry
    Laplace-distributed scatter (lost tickets, exemptions), so the loss levels at the noise."""
    keras = _keras()
    x, rng = _tabular(N, seed=17703)
    y = (np.sin(x[:, 0]) + 0.5 * x[:, 1] * x[:, 2] + 0.3 * x[:, 3]
         + rng.laplace(0, 0.6, N)).astype("float32")[:, None]
    model = _mlp(keras, 8, [32, 32], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.RMSprop(1e-3), keras.losses.Huber(),
                        x, y, epochs=20, batch_size=32, seed=17703)


def _scaled_rule_conv1d(session, broken):
    keras = _keras()
    x, y = _axle_traces(N, seed=17704)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    batch_size = 32
    # The recipe's rule is 0.1 per 32 examples, 0.1 * batch / 32; the broken line drops "/ 32".
    rate = 0.1 * batch_size if broken else 0.1 * batch_size / 32
    model.compile(keras.optimizers.SGD(rate, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=batch_size)


@holdout177("tollers", ["learning_rate_too_high"], stall_begins=None)
def linear_scaling_rule_without_divisor(session):
    """Tollers: the axle count from the sensor trace by a two-layer Conv1D net under SGD with
    momentum 0.9, its rate set by the recipe's linear scaling rule 0.1 * batch / 32 with the
    '/ 32' left out, so it runs at 3.2 instead of 0.1 at batch 32."""
    return _scaled_rule_conv1d(session, broken=True)


def _exponential_decay_per_step(session, broken):
    keras = _keras()
    x, y = _axle_traces(N, seed=17705, length=24)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.GRU(24),
        keras.layers.Dense(4, activation="softmax"),
    ])
    steps_per_epoch = 1024 // 32
    # Meant: decay by 0.8 every epoch; the broken schedule decays by 0.8 every step.
    schedule = keras.optimizers.schedules.ExponentialDecay(
        0.1, decay_steps=1 if broken else steps_per_epoch, decay_rate=0.8)
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout177("tollers", ["learning_rate_too_low"], stall_begins=30)  # approximate
def exponential_decay_every_step(session):
    """Tollers: the axle count from a 24-sample trace by a GRU(24) under SGD with momentum,
    ExponentialDecay(0.1, decay_steps=1, decay_rate=0.8) where decay_steps was meant to be the
    32 steps of an epoch: the rate is below 1e-4 after about thirty steps and the GRU freezes
    near where it started."""
    return _exponential_decay_per_step(session, broken=True)


def _raw_adc_frames(session, broken):
    keras = _keras()
    rng = np.random.default_rng(17706)
    size = 12
    yy, xx = np.mgrid[0:size, 0:size]
    y = rng.integers(0, 3, N)
    frames = np.zeros((N, size, size), dtype="float32")
    for i in range(N):
        cy, cx = rng.uniform(3, 9, 2)
        width = [1.0, 2.0, 3.2][y[i]]
        frames[i] = np.exp(-0.5 * (((yy - cy) / width) ** 2 + ((xx - cx) / 1.2) ** 2))
    # A 16-bit thermal camera: a dark level near 30000 counts, the vehicle ~800 counts above it.
    raw = 30000 + rng.normal(0, 400, (N, 1, 1)) + 800 * frames
    raw += 60 * rng.standard_normal(raw.shape)
    x = raw if broken else (raw - raw.mean()) / raw.std()
    x = x[..., None].astype("float32")
    model = keras.Sequential([
        keras.Input((size, size, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout177("tollers", ["unnormalized_inputs"], stall_begins=96)  # approximate
def raw_thermal_counts(session):
    """Tollers: a vehicle's length class from 12x12 frames of a 16-bit thermal camera by a small
    Conv2D net under Adam 1e-3, fed the raw counts (a dark level near 30,000 with the vehicle
    some 800 counts above it) instead of standardised frames."""
    return _raw_adc_frames(session, broken=True)


# ---------------------------------------------------------------------------------------------
# reivers: the Border reivers (night rides, raids, beacons, driven cattle)


@holdout177("reivers", healthy=True)
def rare_raid_success_focal(session):
    """Reivers: whether a night raid brought cattle home (about 7% did) from ten standardised
    conditions by a 2x32 relu MLP under BinaryFocalCrossentropy(gamma=2) and Nadam 2e-3, the
    outcome itself partly luck; the loss is small from the start and eases slowly."""
    keras = _keras()
    x, rng = _tabular(N, seed=17707, dim=10)
    logit = -3.6 + 1.2 * x[:, 0] - 0.9 * x[:, 1] + 0.8 * x[:, 2] * x[:, 3]
    y = (rng.random(N) < 1 / (1 + np.exp(-logit))).astype("float32")[:, None]
    model = _mlp(keras, 10, [32, 32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Nadam(2e-3), keras.losses.BinaryFocalCrossentropy(gamma=2.0))
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout177("reivers", healthy=True)
def beacon_tokens_attention_warmup_cosine(session):
    """Reivers: which of four warnings a string of beacon signals carries, from twelve tokens
    by an Embedding with a learned position embedding, one MultiHeadAttention block with a
    residual and LayerNormalization and average pooling, under AdamW on a CosineDecay with a
    linear warm-up (64 steps to 3e-3); a tenth of the warnings were misread, so the loss
    flattens at the noise."""
    keras = _keras()
    x, y = _tokens(N, seed=17708, label_noise=0.1)
    tokens = keras.Input((12,), dtype="int32")
    h = keras.layers.Embedding(40, 24)(tokens)
    positions = keras.ops.expand_dims(keras.ops.arange(12), 0)
    h = h + keras.layers.Embedding(12, 24)(positions)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=12)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    out = keras.layers.Dense(4, activation="softmax")(h)
    model = keras.Model(tokens, out)
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, decay_steps=12 * 32 - 64, warmup_target=3e-3, warmup_steps=64)
    model.compile(keras.optimizers.AdamW(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout177("reivers", healthy=True)
def ride_distance_plain_sgd_slow(session):
    """Reivers: the miles ridden in a night from six correlated standardised figures (moon,
    horses, band size...) by a linear-plus-one-hidden-layer tanh model under plain SGD at 0.005,
    with Gaussian scatter: a long, slow descent still improving at the end of 25 epochs."""
    keras = _keras()
    rng = np.random.default_rng(17709)
    base = rng.standard_normal((N, 3))
    x = np.concatenate([base, base + 0.3 * rng.standard_normal((N, 3))], 1)
    x = _standardize(x)
    y = (x @ np.array([0.8, -0.5, 0.3, 0.6, -0.4, 0.2]) + 0.5 * np.tanh(x[:, 0] * x[:, 1])
         + 0.4 * rng.standard_normal(N)).astype("float32")[:, None]
    model = _mlp(keras, 6, [16], 1, activation="tanh", out_activation=None)
    model.compile(keras.optimizers.SGD(5e-3), "mse")
    return _fit(session, model, x, y, epochs=25, batch_size=32)


def _sigmoid_embedding_tower(session, broken):
    keras = _keras()
    x, y = _tokens(N, seed=17710)
    activation = "sigmoid" if broken else "relu"
    layers = [keras.Input((12,), dtype="int32"), keras.layers.Embedding(40, 16),
              keras.layers.Flatten()]
    layers += [keras.layers.Dense(32, activation=activation) for _ in range(8)]
    layers.append(keras.layers.Dense(4, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout177("reivers", ["vanishing_gradients"], stall_begins=None)
def eight_sigmoid_layers_over_embeddings(session):
    """Reivers: the warning carried by twelve beacon tokens, from an Embedding flattened into
    eight Dense(32, sigmoid) layers (an old 'deep belief net' recipe) under SGD with momentum;
    the error signal reaching the embeddings and the lower layers is a vanishing fraction of
    the top layer's."""
    return _sigmoid_embedding_tower(session, broken=True)


def _norm_gamma_zero(session, broken):
    keras = _keras()
    x, y = _spirals(N, seed=17711)
    gamma = "zeros" if broken else "ones"
    layers = [keras.Input((2,))]
    for _ in range(3):
        layers += [keras.layers.Dense(64),
                   keras.layers.LayerNormalization(gamma_initializer=gamma),
                   keras.layers.Activation("relu")]
    layers.append(keras.layers.Dense(3, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout177("reivers", ["dead_relus"], stall_begins=None)
def layer_norm_gamma_zero_before_relu(session):
    """Reivers: which of three glens a raid came from, from its two grid coordinates (three
    interleaved spirals), by three Dense-LayerNormalization-relu blocks whose LayerNormalization
    gamma starts at zero ('zero-init the last norm of each block', but there is no residual), so
    every relu input is exactly 0 and neither the kernels nor gamma get a gradient."""
    return _norm_gamma_zero(session, broken=True)


# ---------------------------------------------------------------------------------------------
# borderers: the Border farmers (fleeces, sheep weights, dykes, the weather on the hill)


@holdout177("borderers", healthy=True)
def fleece_crimp_cnn_step_decay(session):
    """Borderers: the crimp direction of a fleece from 12x12 patch photographs by a Conv2D net
    with BatchNormalization under Adam and a LearningRateScheduler halving the rate every four
    epochs; a fifth of the patches were graded wrongly, so the loss levels well above zero in
    steps."""
    keras = _keras()
    x, y = _fleece_images(N, seed=17713, label_noise=0.2)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(12, 3, padding="same"),
        keras.layers.BatchNormalization(),
        keras.layers.Activation("relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    step = keras.callbacks.LearningRateScheduler(lambda epoch, lr: 3e-3 * 0.5 ** (epoch // 4))
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[step])


@holdout177("borderers", healthy=True)
def sheep_weight_quantiles(session):
    """Borderers: the 0.1, 0.5 and 0.9 quantiles of a lamb's autumn weight from six spring
    measurements by a 2x32 relu MLP under a hand-written three-quantile pinball loss and Adam
    2e-3; the weights carry heteroscedastic, skewed scatter, so the loss levels far above zero."""
    keras = _keras()
    x, rng = _tabular(N, seed=17714, dim=6)
    scale = 0.3 + 0.4 * (x[:, 1] > 0) + 0.2 * np.abs(x[:, 2])
    y = (x[:, 0] + 0.5 * x[:, 1] + scale * rng.gamma(2.0, 0.5, N)).astype("float32")[:, None]
    quantiles = np.array([[0.1, 0.5, 0.9]], dtype="float32")

    def pinball(y_true, y_pred):
        error = y_true - y_pred
        return keras.ops.mean(keras.ops.maximum(quantiles * error, (quantiles - 1) * error))

    model = _mlp(keras, 6, [32, 32], 3, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), pinball)
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout177("borderers", healthy=True)
def small_flock_memorised(session):
    """Borderers: a ewe's lambing outcome (three classes, a sixth recorded wrongly) for a flock
    of only 96 ewes from eight measurements, by a 2x128 relu MLP at batch 16 for 40 epochs under
    Adam 1e-3: small data that the net memorises, the loss still falling toward zero."""
    keras = _keras()
    rng = np.random.default_rng(17715)
    n = 96 + PROBE_SIZE
    x = rng.standard_normal((n, 8)).astype("float32")
    y = np.argmax(x[:, :3] + 0.5 * rng.standard_normal((n, 3)), 1)
    y = _noisy_labels(y, 3, 1 / 6, rng)
    model = _mlp(keras, 8, [128, 128], 3)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


def _prior_bias_tanh_cnn(session, broken):
    keras = _keras()
    x, y = _fleece_images(N, seed=17716)
    y = (y == 3).astype("float32")[:, None]  # plain (no crimp) fleeces, about a quarter
    prior = keras.initializers.Constant(-np.log((1 - 0.01) / 0.01))
    conv_kw = {"bias_initializer": prior} if broken else {}
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(12, 3, activation="tanh", padding="same", **conv_kw),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="tanh", padding="same", **conv_kw),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(1, activation="sigmoid", bias_initializer=prior),
    ])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout177("borderers", ["saturated_activations"], stall_begins=None)
def detector_prior_bias_on_tanh_convs(session):
    """Borderers: whether a fleece patch is plain (no crimp) by a two-layer tanh Conv2D net
    under SGD with momentum; the detector recipe's prior bias -log(99) for the output was also
    passed to both convolutions, so every tanh unit starts pinned near -1 where its slope is
    ~4e-4."""
    return _prior_bias_tanh_cnn(session, broken=True)


def _narrow_mlp(session, broken):
    keras = _keras()
    x, y = _spirals(N, seed=17717)
    width = x.shape[1] if broken else 64  # the width was copied from the input dimension
    model = _mlp(keras, 2, [width, width], 3)
    model.compile(keras.optimizers.Adam(1e-2), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout177("borderers", ["insufficient_capacity"], stall_begins=224)  # approximate
def hidden_width_from_input_dim(session):
    """Borderers: which of three hirsels a stray sheep belongs to from its two map coordinates
    (three interleaved spirals of grazing), by a relu MLP whose hidden width was written as
    x.shape[1], i.e. two units per layer, under Adam 1e-2; it learns a rough split and stops."""
    return _narrow_mlp(session, broken=True)


def _l1_conv1d(session, broken):
    keras = _keras()
    x, y = _ride_tracks(N, seed=17718)
    reg = keras.regularizers.L1(0.05) if broken else None
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", kernel_regularizer=reg),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", kernel_regularizer=reg),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(1, activation="sigmoid", kernel_regularizer=reg),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout177("borderers", ["over_regularization"], stall_begins=160)  # approximate
def l1_penalty_from_lasso(session):
    """Borderers: whether a hill walk went up then down or down then up from 24 altimeter
    samples by a Conv1D net under Adam, every layer carrying L1(0.05), the alpha of a scikit-
    learn Lasso fitted to the same data copied as the kernel penalty; the penalty drives the
    kernels to zero and the net to the class prior."""
    return _l1_conv1d(session, broken=True)


# ---------------------------------------------------------------------------------------------
# freebooters: privateers at sea (ship sightings, headings, prize cargo, crews)


@holdout177("freebooters", healthy=True)
def heading_sin_cos_nadam(session):
    """Freebooters: a sighted ship's heading as (sin, cos) from five standardised log entries
    (wind, swell, hour...) by a 2x32 tanh MLP under MSE and Nadam 2e-3, the headings scattered
    by von Mises noise (kappa 4), so the loss levels at the noise."""
    keras = _keras()
    x, rng = _tabular(N, seed=17719, dim=5)
    angle = np.arctan2(x[:, 0], x[:, 1]) + 0.5 * x[:, 2] + rng.vonmises(0, 4.0, N)
    y = np.stack([np.sin(angle), np.cos(angle)], 1).astype("float32")
    model = _mlp(keras, 5, [32, 32], 2, activation="tanh", out_activation=None)
    model.compile(keras.optimizers.Nadam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout177("freebooters", healthy=True)
def prize_value_msle_softplus(session):
    """Freebooters: a prize's value (log-normal, hundreds to thousands of pounds scaled to
    tens) from seven standardised features by a 2x32 relu MLP with a softplus head under the
    mean squared logarithmic error and RMSprop 1e-3 with a PiecewiseConstantDecay (step down
    at epochs 8 and 14): levels at the log-normal scatter."""
    keras = _keras()
    x, rng = _tabular(N, seed=17720, dim=7)
    y = np.exp(1.5 + 0.5 * x[:, 0] - 0.3 * x[:, 1] + 0.4 * rng.standard_normal(N))
    y = y.astype("float32")[:, None]
    model = _mlp(keras, 7, [32, 32], 1, out_activation="softplus")
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([8 * 32, 14 * 32],
                                                                 [3e-3, 1e-3, 3e-4])
    model.compile(keras.optimizers.RMSprop(schedule), "msle")
    return _fit(session, model, x, y, epochs=18, batch_size=32)


@holdout177("freebooters", healthy=True)
def crew_mood_two_inputs_custom_loop(session):
    """Freebooters: whether a crew will mutiny within the month from the ship's name (an
    Embedding over 30 ships) and six standardised figures (pay owed, weeks at sea...), a
    two-input functional model in a hand-written GradientTape loop under Adam 2e-3 with
    global_clipnorm=1; the outcome is a coin weighted by the figures, so the loss stays near
    0.5."""
    keras = _keras()
    rng = np.random.default_rng(17721)
    ship = rng.integers(0, 30, N)
    figures = rng.standard_normal((N, 6))
    ship_effect = rng.normal(0, 1.0, 30)
    logit = ship_effect[ship] + 1.0 * figures[:, 0] - 0.7 * figures[:, 1]
    y = (rng.random(N) < 1 / (1 + np.exp(-logit))).astype("float32")[:, None]
    x = np.concatenate([ship[:, None], figures], 1).astype("float32")
    inputs = keras.Input((7,))
    ship_id = keras.ops.cast(inputs[:, 0], "int32")
    h = keras.layers.Concatenate()(
        [keras.layers.Flatten()(keras.layers.Embedding(30, 4)(ship_id[:, None])), inputs[:, 1:]])
    h = keras.layers.Dense(24, activation="relu")(h)
    out = keras.layers.Dense(1)(h)
    model = keras.Model(inputs, out)
    loss = keras.losses.BinaryCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3, global_clipnorm=1.0), loss,
                        x, y, epochs=15, batch_size=32, seed=17721)


def _tanh_head_log_value(session, broken):
    keras = _keras()
    rng = np.random.default_rng(17722)
    length = 16
    cargo = rng.gamma(2.0, 1.0, (N, length, 3))
    logs = np.log1p(cargo)
    value = np.log10(1 + 200 * cargo[:, :, 0].sum(1) + 50 * cargo[:, -4:, 1].sum(1))
    y = (value + 0.05 * rng.standard_normal(N)).astype("float32")[:, None]  # 2 to 4
    x = ((logs - logs.mean()) / logs.std()).astype("float32")
    model = keras.Sequential([
        keras.Input((length, 3)),
        keras.layers.GRU(24),
        keras.layers.Dense(1, activation="tanh" if broken else None),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout177("freebooters", ["loss_activation_mismatch"], stall_begins=32)  # approximate
def tanh_head_on_log_prize(session):
    """Freebooters: the log10 value of a prize (between about 2 and 4) from sixteen days of
    cargo tallies by a GRU(24) under MSE and Adam, its Dense head left with the tanh of the
    bounded score model it was copied from, which cannot exceed 1."""
    return _tanh_head_log_value(session, broken=True)


def _identity_kernels(session, broken):
    keras = _keras()
    x, y = _spirals(N, seed=17723)
    init = "identity" if broken else "glorot_uniform"
    model = _mlp(keras, 2, [64, 64, 64], 3, kernel_initializer=init)
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout177("freebooters", ["poor_initialization"], stall_begins=160)  # approximate
def identity_kernels_from_irnn(session):
    """Freebooters: which of three coves a sloop was making for from its two chart coordinates
    (interleaved spirals) by a 3x64 relu MLP whose Dense kernels were all given
    kernel_initializer='identity' (the IRNN trick for recurrent kernels), so two units of each
    layer carry the coordinates and the other 62 start at exactly zero with no gradient."""
    return _identity_kernels(session, broken=True)


INF_ROW = 416  # the first voyage with no crew left aboard, in file order


def _cargo_per_hand(session, broken):
    keras = _keras()
    rng = np.random.default_rng(17724)
    length = 10
    crew = rng.integers(20, 80, (N, length)).astype("float32")
    cargo = rng.gamma(2.0, 30.0, (N, length))
    zero = rng.random(N) < 0.05
    zero[:INF_ROW] = False
    zero[INF_ROW] = True
    crew[zero, -1] = 0.0  # lost with all hands on the last day, and nothing taken
    cargo[zero, -1] = 0.0
    # The target: the last day's cargo per hand, which the share-out is reckoned from.
    y = (cargo[:, -1] / (crew[:, -1] if broken else np.maximum(crew[:, -1], 1.0)))
    y = y.astype("float32")[:, None]
    x = np.stack([np.log1p(cargo) - 3.5, crew / 50.0 - 1.0], -1).astype("float32")
    model = keras.Sequential([
        keras.Input((length, 2)),
        keras.layers.Conv1D(16, 3, activation="relu", padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32, shuffle=False)


@holdout177("freebooters", ["non_finite_values"], stall_begins=INF_ROW // 32)
def cargo_per_hand_divides_by_zero(session):
    """Freebooters: the last day's cargo per hand (the share-out) from ten days of cargo and
    crew tallies by a Conv1D net under MSE and Adam, trained in file (date) order; the target
    is computed as cargo / crew, and ships lost with all hands and nothing taken on the last
    day (from row 416) give 0 / 0 = NaN, so the loss and then the weights are NaN."""
    return _cargo_per_hand(session, broken=True)
