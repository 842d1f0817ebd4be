"""The hundred-and-ninety-eighth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades, seeds 19801..19825: fruit pickers (apples per tree, bruise marks along a conveyor
scan, minutes per row, a packing belt's traces, punnet weights, fruit weight by variety), wool
staplers (fibre grades, staple length, crimp close-ups, bale prices, a clip's farm premium, a
fleece's moisture), bee keepers of the heath (swarming, a hive's hum, foraging, honey flow,
brood frames, flight patterns) and sheep shearers of Kent (the first blow's direction, a gang's
tally, shed throughput, lanolin yield, a gang's pay, a ewe's condition). The last PROBE_SIZE
rows of every data set are the probe and are never trained on. Every run was checked only from
its own per-epoch loss under Session(None) with keras's seed 0, and every broken one against
its helper `_name(session, broken)` trained with broken=False.

Healthy half (12, nothing to fix): negative-binomial apple counts under the Poisson loss with a
softplus head; a Conv1D segmenter under the Dice loss against blurred marks (~0.22); minutes
rounded to five under AdamW with a linear PolynomialDecay to zero; five overlapping fibre grades
by a BatchNormalization MLP under Nadam (still falling); log-normal staple length in a
GradientTape loop with Nesterov SGD; crimp textures by a DepthwiseConv2D net, a tenth
mislabelled; 4% swarms under BinaryFocalCrossentropy; a GRU on a hive's hum with an eighth of
the verdicts wrong under RMSprop; an exclusive-or of two readings by a small-init tanh MLP that
sits at ln 2 for thirteen epochs and then drops (a real plateau before a sudden fall); unit
direction vectors under the CosineSimilarity loss against a von Mises wobble; a tally pooled by
keras.layers.Attention under Huber against Student-t scatter; an LSTM at Adam 3e-4, slow.

Broken half (12, one root cause each; broken final loss vs fixed): the linear scaling rule
without its /256, RMSprop at 0.64 (learning rate too high: bouncing 0.2-0.7 vs 0.015); np.sqrt
of a bruise area that drifts negative, read in book order (non-finite values, NaN from step 22);
Dense(1, activation='softmax') on a regression (loss/activation mismatch: 4.05 flat vs 0.38);
x.mean()/x.std() over the whole table instead of per column (unnormalised inputs: 4.4 creeping
vs 0.07); Hashing(num_bins=4) for forty farms (insufficient capacity: 1.40 vs 0.09);
GaussianNoise at the hygrometer's tolerance in percent plus recurrent_dropout=0.5
(over-regularisation: ~0.33 vs 0.05); RandomUniform(0, 1) kernels on [0, 1] inputs into tanh,
every unit exactly 1.0 (saturated activations: 0.414 flat vs 0.12); eight sigmoid Conv2D layers
(vanishing gradients: ln 3 vs 0.013); ExponentialDecay with decay_steps=1 meant per epoch on a
GRU (learning rate too low: 0.75 vs 0.01); NonNeg kernel constraints on negative log-share
inputs (dead ReLUs: 1.01 flat vs 0.11); a RandomNormal(stddev=1.0) recurrent kernel in a
SimpleRNN under clipped SGD (exploding gradients: ~0.23 vs 0.02); TruncatedNormal(0.02) kernels
in an eight-layer relu MLP (poor initialisation: 1.506 flat vs 0.18).

Dropped or changed because they did not behave as intended: Adam at 0.064 and at 0.64 on the
belt sorter still learned (now RMSprop at 0.64, which bounces); a six-layer relu MLP with N(0,
1) kernels under clipped SGD kept falling from 5e4 (not a stall; exploding gradients became the
recurrent kernel); the sigmoid Conv2D stack was first compared with a relu stack that also
failed at SGD 0.05 (both now at 0.01); np.sqrt's NaN inputs into relu units gave a finite, flat
loss (the punnet model now uses elu, so the NaN reaches the loss); the hashed-farm model with
two relu layers kept memorising rows (now a linear head); GaussianNoise(stddev=4.0) is refused
by Keras 3 (stddev must lie in [0, 1]); the decay-per-batch run was first a MultiHeadAttention
model without positions whose fixed version could not learn the task either (now a GRU). Not
written because earlier catalogues hold them: deep sigmoid/tanh MLPs and Conv1D stacks,
L1/L2/MaxNorm and dropout-as-keep-prob, zero/constant kernels, negative relu biases, sigmoid
gate biases, orthogonal/identity recurrent gains, log of zeros, NaN cells and NaN targets,
Adagrad at 1.0, epsilon=1.0, one-unit bottlenecks, pinball/Gaussian-NLL/KL/MAPE losses.

Labels: `expected_causes` holds only the root cause. `stall_begins` is the 0-based optimizer
step from which the broken loss stops improving, None for from the start; 22 (the first batch
holding a NaN row) is exact, 64, 80, 100, 128, 160 and 320 were read off the epoch losses and
are approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ("fruit_pickers", "wool_staplers", "bee_keepers_of_the_heath", "sheep_shearers_of_kent")

REGISTRY = []
holdout198 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data


def _rows(seed, d=10, n=N):
    """Standardised readings and a smooth nonlinear latent score of them."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, d)).astype("float32")
    f = np.sin(1.5 * x[:, 0]) + 0.8 * x[:, 1] * x[:, 2] + 0.6 * np.tanh(2 * x[:, 3]) - 0.4 * x[:, 4]
    return rng, x, f.astype("float32")


def _sequences(seed, steps=24, n=N):
    """Noisy readings over `steps` days with a slow drift; the class is the drift's shape."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    t = np.linspace(0, 1, steps)
    shapes = np.stack([np.sin(2 * np.pi * t), t * 2 - 1, np.cos(3 * np.pi * t)])
    x = shapes[y] * rng.uniform(0.6, 1.2, (n, 1)) + rng.normal(0, 0.5, (n, steps))
    return rng, x[..., None].astype("float32"), y


def _fit_inputs(session, model, xs, y, *, epochs, batch_size, shuffle=True):
    """`_fit` for a model with several inputs: the last PROBE_SIZE rows of each are the probe."""
    train = [x[:-PROBE_SIZE] for x in xs]
    probe = ([x[-PROBE_SIZE:] for x in xs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        shuffle=shuffle, verbose=0, callbacks=session.callbacks(probe))
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# fruit pickers


@holdout198("fruit_pickers", healthy=True)
def apples_per_tree_overdispersed(session):
    """Apples picked per tree from ten orchard readings: gamma-Poisson (negative binomial)
    counts, so even the true rate leaves a wide scatter; a softplus MLP with a softplus head under
    the Poisson loss and Adam flattens well above its floor-free minimum."""
    keras = _keras()
    rng, x, f = _rows(19801)
    rate = np.exp(1.2 + 0.5 * f) * rng.gamma(2.0, 0.5, len(f))
    y = rng.poisson(rate).astype("float32")[:, None]
    model = _mlp(keras, 10, [32, 32], 1, activation="softplus", out_activation="softplus")
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.Poisson())
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout198("fruit_pickers", healthy=True)
def bruise_segments_dice(session):
    """Bruised stretches along a fruit's conveyor scan (64 positions) marked position by
    position by a picker whose marks blur at the edges; a small Conv1D segmenter with a sigmoid
    per position under the Dice loss and Adam levels off above zero at the marks' fuzz."""
    keras = _keras()
    rng = np.random.default_rng(19802)
    pos = np.arange(64)
    centre = rng.uniform(8, 56, (N, 1))
    width = rng.uniform(3, 8, (N, 1))
    truth = np.abs(pos - centre) < width
    edge = np.abs(np.abs(pos - centre) - width) < 2
    marks = np.where(edge, rng.random((N, 64)) < 0.5, truth).astype("float32")
    x = (truth * 1.0 + rng.normal(0, 0.7, (N, 64))).astype("float32")[..., None]
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, padding="same", activation="relu"),
        keras.layers.Conv1D(16, 5, padding="same", activation="relu"),
        keras.layers.Conv1D(1, 1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.Dice())
    return _fit(session, model, x, marks[..., None], epochs=15, batch_size=32)


@holdout198("fruit_pickers", healthy=True)
def picking_time_rounded(session):
    """Minutes to pick a row, written in the book to the nearest five minutes on top of a
    two-minute scatter; a swish MLP under MSE with AdamW and a linear PolynomialDecay to zero
    over the run settles at the rounding and scatter."""
    keras = _keras()
    rng, x, f = _rows(19803)
    minutes = 30 + 6 * f + rng.normal(0, 2, len(f))
    y = (np.round(minutes / 5) * 5 / 10).astype("float32")[:, None]
    steps = 20 * ((N - PROBE_SIZE) // 32)
    schedule = keras.optimizers.schedules.PolynomialDecay(3e-3, steps, 0.0, power=1.0)
    model = _mlp(keras, 10, [64, 32], 1, activation="swish", out_activation=None)
    model.compile(keras.optimizers.AdamW(schedule, weight_decay=1e-4), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _belt_sorter(session, broken):
    keras = _keras()
    rng, x, y = _sequences(19804, steps=32)
    batch_size = 64
    base_rate = 1e-2
    # The linear scaling rule is base_rate * batch_size / 256; the division was left out.
    rate = base_rate * batch_size if broken else base_rate * batch_size / 256
    model = keras.Sequential([
        keras.Input((32, 1)),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 3, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.RMSprop(rate), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=batch_size)


@holdout198("fruit_pickers", ["learning_rate_too_high"], stall_begins=80)
def belt_sorter_scaled_rate(session):
    """A Conv1D sorter of a packing belt's traces into three grades under RMSprop, the 'linear
    scaling rule' applied as the recipe's base rate 0.01 times the batch size (0.64) instead of
    times batch/256: after a first fall the loss bounces around 0.2-0.7 (approximate)."""
    return _belt_sorter(session, broken=True)


def _punnet_weights(session, broken):
    keras = _keras()
    rng, x, f = _rows(19805, d=6)
    # Bruised area in cm^2; the scale starts reading slightly negative after its battery sags.
    area = rng.gamma(1.5, 1.5, len(f))
    area[700:] -= 0.2
    y = (f + 0.3 * np.sqrt(np.abs(area)) + rng.normal(0, 0.3, len(f))).astype("float32")[:, None]
    root = np.sqrt(area) if broken else np.sqrt(np.clip(area, 0, None))
    x = np.concatenate([x, ((root - 1.4) / 0.6)[:, None]], 1).astype("float32")
    model = _mlp(keras, 7, [32, 32], 1, activation="elu", out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32, shuffle=False)


@holdout198("fruit_pickers", ["non_finite_values"], stall_begins=22)
def punnet_sqrt_area(session):
    """Punnet weight from six readings and the square root of a bruise area, read in the
    book's order (shuffle=False); after row 700 the scale drifts slightly negative, np.sqrt gives
    NaN there and the loss is NaN from the first batch that holds one."""
    return _punnet_weights(session, broken=True)


def _variety_weight(session, broken):
    keras = _keras()
    rng, x, f = _rows(19806, d=6)
    variety = rng.integers(0, 12, len(f))
    effect = rng.normal(0, 1, 12)
    y = (f + effect[variety] + rng.normal(0, 0.3, len(f))).astype("float32")[:, None]
    v_in = keras.Input((1,), dtype="int32")
    r_in = keras.Input((6,))
    h = keras.layers.Flatten()(keras.layers.Embedding(12, 4)(v_in))
    h = keras.layers.Concatenate()([h, r_in])
    h = keras.layers.Dense(32, activation="relu")(h)
    # Copied from the grade classifier's head: a softmax over one unit is always 1.0.
    out = keras.layers.Dense(1, activation="softmax" if broken else None)(h)
    model = keras.Model([v_in, r_in], out)
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit_inputs(session, model, [variety[:, None], x], y, epochs=12, batch_size=32)


@holdout198("fruit_pickers", ["loss_activation_mismatch"], stall_begins=None)
def variety_weight_softmax_head(session):
    """Fruit weight (standardised) from a variety Embedding beside six readings, the head
    copied from the grade classifier: Dense(1, activation='softmax') under MSE, which outputs
    1.0 whatever the input."""
    return _variety_weight(session, broken=True)


# ---------------------------------------------------------------------------------------------
# wool staplers


@holdout198("wool_staplers", healthy=True)
def micron_grade_ordinal(session):
    """Five fibre-diameter grades cut from a micron measurement that scatters by half a grade
    around what the fleece readings predict; a BatchNormalization relu MLP under sparse
    cross-entropy with Nadam flattens at the grades' overlap."""
    keras = _keras()
    rng, x, f = _rows(19807)
    micron = f + rng.normal(0, 0.45, len(f))
    y = np.digitize(micron, np.quantile(micron, [0.2, 0.4, 0.6, 0.8]))
    model = keras.Sequential([
        keras.Input((10,)),
        keras.layers.Dense(64), keras.layers.BatchNormalization(), keras.layers.Activation("relu"),
        keras.layers.Dense(32), keras.layers.BatchNormalization(), keras.layers.Activation("relu"),
        keras.layers.Dense(5, activation="softmax"),
    ])
    model.compile(keras.optimizers.Nadam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout198("wool_staplers", healthy=True)
def staple_length_lognormal(session):
    """Log staple length from ten fleece readings with a multiplicative (log-normal) scatter
    of 30%, a tanh MLP in a hand-written GradientTape loop under MSE with SGD and Nesterov
    momentum: it flattens at the scatter's variance."""
    keras = _keras()
    rng, x, f = _rows(19808)
    y = (0.5 * f + rng.normal(0, 0.3, len(f))).astype("float32")[:, None]
    model = _mlp(keras, 10, [48, 48], 1, activation="tanh", out_activation=None)
    optimizer = keras.optimizers.SGD(0.03, momentum=0.9, nesterov=True)
    return _custom_loop(session, model, optimizer, keras.losses.MeanSquaredError(), x, y,
                        epochs=20, batch_size=32, seed=19808)


@holdout198("wool_staplers", healthy=True)
def crimp_texture_depthwise(session):
    """Close-ups of wool crimp (12x12 stripes at one of four spacings, at any angle, in noise),
    a tenth of the sorter's labels wrong; a DepthwiseConv2D and pointwise Conv2D net with global
    pooling under Adam flattens above zero at the wrong labels."""
    keras = _keras()
    rng = np.random.default_rng(19809)
    y = rng.integers(0, 4, N)
    angle = rng.uniform(0, np.pi, N)[:, None, None]
    grid = np.arange(12)
    u = grid[None, :, None] * np.cos(angle) + grid[None, None, :] * np.sin(angle)
    freq = np.array([0.15, 0.3, 0.45, 0.6])[y][:, None, None]
    x = np.sin(2 * np.pi * freq * u + rng.uniform(0, 6.3, (N, 1, 1)))
    x = (x + rng.normal(0, 0.6, x.shape)).astype("float32")[..., None]
    flip = rng.random(N) < 0.1
    y = np.where(flip, rng.integers(0, 4, N), y)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu"),
        keras.layers.DepthwiseConv2D(3, depth_multiplier=2, activation="relu"),
        keras.layers.Conv2D(16, 1, activation="relu"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _bale_value(session, broken):
    keras = _keras()
    rng = np.random.default_rng(19810)
    weight_kg = rng.normal(150, 30, N)
    micron = rng.normal(20, 2, N)
    yield_frac = rng.normal(0.62, 0.05, N)
    vm_frac = np.abs(rng.normal(0.012, 0.005, N))
    y = (-0.8 * (micron - 20) / 2 + 2.0 * np.tanh((yield_frac - 0.62) / 0.05)
         - 1.5 * (vm_frac - 0.012) / 0.005 + 0.2 * (weight_kg - 150) / 30
         + rng.normal(0, 0.2, N)).astype("float32")[:, None]
    x = np.stack([weight_kg, micron, yield_frac, vm_frac], 1)
    if broken:  # one mean and one std for the whole table, not per column
        x = ((x - x.mean()) / x.std()).astype("float32")
    else:
        x = _standardize(x)
    model = _mlp(keras, 4, [32, 32], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout198("wool_staplers", ["unnormalized_inputs"], stall_begins=None)
def bale_value_global_scaling(session):
    """A bale's price from its weight (kg), fibre diameter (micron), yield and vegetable-matter
    fractions, standardised with x.mean() and x.std() over the whole table instead of per column
    (axis=0): the weight column still spans units while the fractions are squeezed to 1e-4."""
    return _bale_value(session, broken=True)


def _farm_clip(session, broken):
    keras = _keras()
    rng, x, f = _rows(19811, d=5)
    farm = rng.integers(0, 40, len(f))
    effect = rng.normal(0, 1.2, 40)
    y = (effect[farm] + 0.5 * x[:, 0] - 0.3 * x[:, 1] + rng.normal(0, 0.25, len(f)))
    y = y.astype("float32")[:, None]
    bins = 4 if broken else 512  # four bins were meant to be four hash *functions*
    farm_in = keras.Input((1,), dtype="int64")
    read_in = keras.Input((5,))
    h = keras.layers.Hashing(bins)(farm_in)
    h = keras.layers.Flatten()(keras.layers.Embedding(bins, 8)(h))
    h = keras.layers.Concatenate()([h, read_in])
    model = keras.Model([farm_in, read_in], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit_inputs(session, model, [farm[:, None], x], y, epochs=15, batch_size=32)


@holdout198("wool_staplers", ["insufficient_capacity"], stall_begins=320)
def farm_clip_four_hash_bins(session):
    """A clip's price premium from the farm it came from (40 farms) and five readings; the farm
    id goes through keras.layers.Hashing(num_bins=4), so ten farms share every embedding row."""
    return _farm_clip(session, broken=True)


def _fleece_moisture(session, broken):
    keras = _keras()
    rng = np.random.default_rng(19812)
    level = rng.normal(0, 1, (N, 1))
    trend = rng.normal(0, 1, (N, 1))
    t = np.linspace(0, 1, 20)[None, :]
    x = (level + trend * t + rng.normal(0, 0.3, (N, 20))).astype("float32")[..., None]
    y = (level + 1.3 * trend + rng.normal(0, 0.1, (N, 1))).astype("float32")
    # The hygrometer's tolerance is 1 % moisture; the inputs are standardised, not in %,
    # and a dropout of 0.5 inside the recurrence comes from the same copied config.
    stddev, recurrent = (1.0, 0.5) if broken else (0.05, 0.0)
    model = keras.Sequential([
        keras.Input((20, 1)),
        keras.layers.GaussianNoise(stddev),
        keras.layers.GRU(24, recurrent_dropout=recurrent),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout198("wool_staplers", ["over_regularization"], stall_begins=128)
def fleece_moisture_noise_in_percent(session):
    """A fleece's moisture at baling from twenty standardised hygrometer readings by a GRU,
    behind GaussianNoise(stddev=1.0), the hygrometer's tolerance in percent applied to inputs
    whose standard deviation is 1, with recurrent_dropout=0.5 from the same copied config."""
    return _fleece_moisture(session, broken=True)


# ---------------------------------------------------------------------------------------------
# bee keepers of the heath


@holdout198("bee_keepers_of_the_heath", healthy=True)
def swarm_alarm_focal(session):
    """Swarming on the heath (about 4% of hive-days) from ten hive readings, a relu MLP under
    BinaryFocalCrossentropy(gamma=2) with Adam: the rare class and an overlapping score keep the
    focal loss low but above zero, flattening after a quick fall."""
    keras = _keras()
    rng, x, f = _rows(19813)
    p = 1 / (1 + np.exp(-(2.0 * f - 5.5)))
    y = (rng.random(len(f)) < p).astype("float32")[:, None]
    model = _mlp(keras, 10, [32, 16], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.BinaryFocalCrossentropy(gamma=2.0))
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout198("bee_keepers_of_the_heath", healthy=True)
def queenless_hum_gru(session):
    """Queenless colonies told from 24 evenings of a hive's hum (a drift shape in noise), an
    eighth of the keeper's verdicts wrong; a GRU under binary cross-entropy with RMSprop
    flattens at the wrong verdicts."""
    keras = _keras()
    rng, x, y3 = _sequences(19814)
    y = (y3 == 0).astype("float32")
    y = np.where(rng.random(N) < 0.125, 1 - y, y)[:, None]
    model = keras.Sequential([keras.Input((24, 1)), keras.layers.GRU(16),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.RMSprop(3e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout198("bee_keepers_of_the_heath", healthy=True)
def forage_parity_plateau(session):
    """Whether bees forage on a patch: yes when wind and shade readings agree in sign (an
    exclusive-or of two of eight readings); a small tanh MLP with small initial kernels under
    SGD with momentum sits at ln 2 for a while, then drops sharply once it finds the product."""
    keras = _keras()
    rng = np.random.default_rng(19815)
    x = rng.normal(size=(N, 8)).astype("float32")
    y = ((x[:, 0] * x[:, 1]) > 0).astype("float32")[:, None]
    init = keras.initializers.RandomNormal(stddev=0.05, seed=19815)
    model = _mlp(keras, 8, [16], 1, activation="tanh", out_activation="sigmoid",
                 kernel_initializer=init)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=30, batch_size=32)


def _honey_flow(session, broken):
    keras = _keras()
    rng = np.random.default_rng(19816)
    raw = rng.random((N, 40))
    y = (np.sin(3 * raw[:, 0]) + raw[:, 1] * raw[:, 2] * 2 - raw[:, 3]
         + rng.normal(0, 0.1, N)).astype("float32")[:, None]
    x = raw.astype("float32")  # min-max scaled readings, all in [0, 1]
    # "Weights in [0, 1)": RandomUniform(0, 1) for the hidden kernels of a tanh net.
    init = keras.initializers.RandomUniform(0.0, 1.0) if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input((40,)),
        keras.layers.Dense(32, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(32, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(1),
    ])
    optimizer = keras.optimizers.Adam(1e-3)
    return _custom_loop(session, model, optimizer, keras.losses.MeanSquaredError(), x, y,
                        epochs=15, batch_size=32, seed=19816)


@holdout198("bee_keepers_of_the_heath", ["saturated_activations"], stall_begins=160)
def honey_flow_uniform_tanh(session):
    """Daily honey flow from forty min-max scaled heath readings (all in [0, 1]) by a tanh MLP
    in a GradientTape loop, hidden kernels RandomUniform(0.0, 1.0): every pre-activation is a sum
    of positive terms far beyond 9, so every tanh unit outputs exactly 1.0 for every hive."""
    return _honey_flow(session, broken=True)


def _brood_frames(session, broken):
    keras = _keras()
    rng = np.random.default_rng(19817)
    y = rng.integers(0, 3, N)
    x = rng.normal(0, 0.5, (N, 12, 12))
    r = rng.integers(0, 6, N)
    c = rng.integers(0, 6, N)
    for i in range(N):
        patch = x[i, r[i]:r[i] + 6, c[i]:c[i] + 6]
        if y[i] == 0:
            patch += 1.0
        elif y[i] == 1:
            patch[::2] += 1.0
        else:
            patch[:, ::2] += 1.0
    act = "sigmoid" if broken else "relu"
    layers = [keras.Input((12, 12, 1))]
    layers += [keras.layers.Conv2D(12, 3, padding="same", activation=act) for _ in range(8)]
    layers += [keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(3, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x.astype("float32")[..., None], y, epochs=12, batch_size=32)


@holdout198("bee_keepers_of_the_heath", ["vanishing_gradients"], stall_begins=None)
def brood_frame_sigmoid_convs(session):
    """Brood patterns on a frame (solid, row-striped or column-striped patch in noise) by eight
    stacked 3x3 Conv2D layers with sigmoid activations under SGD with momentum: the signal that
    reaches the first layers is too small to train them."""
    return _brood_frames(session, broken=True)


def _flight_counts(session, broken):
    keras = _keras()
    rng, x, y = _sequences(19818, steps=24)
    steps_per_epoch = -(-(N - PROBE_SIZE) // 32)
    # Meant to decay 5% per epoch; decay_steps=1 decays 5% per batch.
    decay_steps = 1 if broken else steps_per_epoch
    schedule = keras.optimizers.schedules.ExponentialDecay(3e-3, decay_steps, 0.95)
    model = keras.Sequential([keras.Input((24, 1)), keras.layers.GRU(16),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout198("bee_keepers_of_the_heath", ["learning_rate_too_low"], stall_begins=100)
def flight_pattern_decay_per_batch(session):
    """The kind of a day's flight pattern from 24 hourly entrance counts by a GRU under
    Adam with ExponentialDecay(3e-3, decay_steps=1, 0.95), meant
    per epoch: the rate is below 1e-4 within 70 batches and the loss freezes near 0.75 against
    0.01 for the fixed run (approximate)."""
    return _flight_counts(session, broken=True)


# ---------------------------------------------------------------------------------------------
# sheep shearers of kent


@holdout198("sheep_shearers_of_kent", healthy=True)
def shear_direction_cosine(session):
    """The direction of the blade's first blow (a unit vector) from ten readings of how a sheep
    is held, scattered by a von Mises wobble; a relu MLP with two linear outputs under the
    CosineSimilarity loss with Adam flattens above -1, at the wobble's mean cosine."""
    keras = _keras()
    rng, x, f = _rows(19819)
    angle = 1.2 * f + rng.vonmises(0, 4.0, len(f))
    y = np.stack([np.cos(angle), np.sin(angle)], 1).astype("float32")
    model = _mlp(keras, 10, [64, 32], 2, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.CosineSimilarity())
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout198("sheep_shearers_of_kent", healthy=True)
def tally_attention_pool(session):
    """A gang's day tally from twelve shearers' rows (speed, fatigue, breed as readings): a
    Dense encoder, keras.layers.Attention over the rows with a learned query row, under Huber
    with Adam; Student-t (3 dof) scatter in the tally keeps the loss well above zero."""
    keras = _keras()
    rng = np.random.default_rng(19820)
    x = rng.normal(size=(N, 12, 3)).astype("float32")
    y = (np.sum(np.tanh(x[:, :, 0]) - 0.5 * x[:, :, 1] ** 2, 1) / 3
         + 0.4 * rng.standard_t(3, N)).astype("float32")[:, None]
    inp = keras.Input((12, 3))
    h = keras.layers.Dense(16, activation="relu")(inp)
    q = keras.layers.Dense(16)(keras.layers.GlobalAveragePooling1D(keepdims=True)(h))
    pooled = keras.layers.Flatten()(keras.layers.Attention()([q, h]))
    total = keras.layers.Dense(1)(keras.layers.Dense(16, activation="relu")(
        keras.layers.Concatenate()([pooled, keras.layers.GlobalAveragePooling1D()(h)])))
    model = keras.Model(inp, total)
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber())
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout198("sheep_shearers_of_kent", healthy=True)
def shed_throughput_slow_lstm(session):
    """Next hour's sheep through the shed from 24 hours of counts by an LSTM under Adam at a
    cautious 3e-4: a slow start, a drop, then a long creep still improving at the end."""
    keras = _keras()
    rng = np.random.default_rng(19821)
    phase = rng.uniform(0, 2 * np.pi, (N, 1))
    amp = rng.uniform(0.5, 1.5, (N, 1))
    t = np.arange(25)[None, :]
    series = amp * np.sin(2 * np.pi * t / 12 + phase) + 0.3 * np.sin(2 * np.pi * t / 5 + 2 * phase)
    series = series + rng.normal(0, 0.1, series.shape)
    x = series[:, :24, None].astype("float32")
    y = series[:, 24:].astype("float32")
    model = keras.Sequential([keras.Input((24, 1)), keras.layers.LSTM(24), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-4), "mse")
    return _fit(session, model, x, y, epochs=25, batch_size=32)


def _lanolin(session, broken):
    keras = _keras()
    rng = np.random.default_rng(19822)
    probs = rng.dirichlet(np.ones(8), N)
    x = np.log(probs + 1e-3).astype("float32")  # log shares: every column negative
    y = (2 * probs[:, 0] - 3 * probs[:, 1] * probs[:, 2] * 8 + np.sin(6 * probs[:, 3])
         + rng.normal(0, 0.05, N)).astype("float32")[:, None]
    y = (y - y.mean()) / y.std()
    # Copied from the monotone price model: non-negative kernels on every layer.
    constraint = keras.constraints.NonNeg() if broken else None
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(48, activation="relu", kernel_constraint=constraint),
        keras.layers.Dense(24, activation="relu", kernel_constraint=constraint),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout198("sheep_shearers_of_kent", ["dead_relus"], stall_begins=None)
def lanolin_nonneg_kernels(session):
    """Lanolin yield from the log shares of eight breeds in a shearing (every input negative),
    a relu MLP with kernel_constraint=NonNeg() copied from a monotone model: once the kernels
    are clipped to be non-negative every pre-activation is at most the bias and the units die."""
    return _lanolin(session, broken=True)


def _gang_pay(session, broken):
    keras = _keras()
    rng = np.random.default_rng(19825)
    x = rng.normal(size=(N, 40, 2)).astype("float32")  # pace and fleece weight, 40 runs a day
    y = (np.tanh(3 * x[:, :, 0].mean(1)) + 0.5 * x[:, -5:, 1].mean(1)).astype("float32")[:, None]
    # "Unit-variance" recurrent weights: N(0, 1) entries give a spectral radius near sqrt(32).
    rec = keras.initializers.RandomNormal(stddev=1.0) if broken else "orthogonal"
    model = keras.Sequential([keras.Input((40, 2)),
                              keras.layers.SimpleRNN(32, recurrent_initializer=rec),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9, clipnorm=1.0), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout198("sheep_shearers_of_kent", ["exploding_gradients"], stall_begins=64)
def gang_pay_unit_normal_recurrence(session):
    """A shearing gang's day pay index from forty runs of (pace, fleece weight) by a tanh
    SimpleRNN whose recurrent kernel is RandomNormal(stddev=1.0): the recurrence is chaotic,
    gradients through forty steps are enormous, and SGD with momentum behind clipnorm=1.0 only
    bounces around a level ten times the fixed run's after its first epoch (approximate)."""
    return _gang_pay(session, broken=True)


def _ewe_condition(session, broken):
    keras = _keras()
    rng, x, f = _rows(19824)
    y = (f + rng.normal(0, 0.2, len(f))).astype("float32")[:, None]
    # The transformer recipe's TruncatedNormal(0.02), kept for a deep plain relu MLP.
    init = keras.initializers.TruncatedNormal(stddev=0.02) if broken else "he_normal"
    layers = [keras.Input((10,))]
    layers += [keras.layers.Dense(64, activation="relu", kernel_initializer=init)
               for _ in range(8)]
    layers.append(keras.layers.Dense(1, kernel_initializer=init))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout198("sheep_shearers_of_kent", ["poor_initialization"], stall_begins=None)
def ewe_condition_bert_init(session):
    """A ewe's condition score from ten readings by an eight-layer relu MLP under SGD with
    momentum, every kernel TruncatedNormal(stddev=0.02) from a transformer recipe: the signal
    shrinks about ten-fold per layer and the net outputs a constant."""
    return _ewe_condition(session, broken=True)
