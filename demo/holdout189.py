"""The hundred-and-eighty-ninth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades of the willow and the bog, six runs each. Withy cutters grade and weigh willow
rods (eight measurements, twenty weekly girth readings, where on the alternating beds a rod
was cut); reed cutters log a reed bed's water levels, their day's bundles as tokens and the
bundles cut a day; osier peelers photograph peeled rods (12x12, the bark left and the grain);
peat diggers read a bank (six readings) and its cores (sixteen depth readings). All data are
numpy generators with seeds 18901..18939; the last PROBE_SIZE rows of every set are the probe.
Every run was checked only from its own per-epoch losses under Session(None) with keras's seed
set to 0, and every broken run against its helper `_name(session, broken)` with broken=False.

Healthy half (twelve runs, nothing to fix in the code). Withy cutters: a rod's grade with a
tenth misgraded, coded -1/+1 under the squared hinge loss and Adam on an InverseTimeDecay
(~0.43 and easing); a two-head functional model (weight under MSE, sold-or-not under binary
cross-entropy, loss_weights 1 and 0.5) under Nadam (~0.49); a Bidirectional LSTM on girth
readings under Adam on a PolynomialDecay, levelling at the weight's scatter (~0.10). Reed
cutters: an Embedding + Conv1D + max pooling day-log classifier under categorical
cross-entropy with label_smoothing=0.1 and Adagrad, a tenth of the verdicts arbitrary (a
slow fall, ~0.48 at the end); a GRU under Nesterov SGD on a triangular cyclical rate (a
LearningRateScheduler), rippling at ~0.10; daily bundle counts under the mean squared
logarithmic error with a softplus head in a GradientTape loop with Adagrad (~0.13). Osier
peelers: SeparableConv2D with GroupNormalization under a staircase ExponentialDecay, an
eighth mislabelled (~0.35); 160 photographs memorised by a DepthwiseConv2D net at batch 16
for 40 epochs (falling towards zero); the grain's direction as a unit vector under the
cosine-similarity loss in a GradientTape loop, levelling near -0.47 (a 35-degree reading
scatter). Peat diggers: a heteroscedastic dry weight under the log-cosh loss in a GradientTape
loop with RMSprop (~0.072); a MultiHeadAttention core classifier under AdamW, 15% arbitrary
verdicts (~0.53); a tanh MLP under plain Adagrad at its default 1e-3, a long slow descent
still improving after 20 epochs.

Broken half, one root cause each (broken final epoch loss vs the fixed helper's):
- learning_rate_too_high, withy cutters: Adam's rate from the linear scaling rule with the
  "/ 256" left out (0.32, not 0.00125) on a Conv1D net: 1.1 flat from the third epoch vs 0.15.
- insufficient_capacity, withy cutters: hidden Dense(2) written from the input width where 64
  units were meant, on a 4x4 checkerboard of willow beds: ~0.68 vs 0.18.
- non_finite_values, withy cutters: hand-written (x - mean) / std over a constant column
  (std 0, so 0/0): the MSE is NaN from the first step for all eight epochs vs 0.23.
- exploding_gradients, reed cutters: a tanh SimpleRNN(48) whose recurrent weights came from
  np.random.randn (stddev 1), Adam, no clipping: ~1.03-1.05 from about epoch 10 vs 0.12.
- loss_activation_mismatch, reed cutters: a classifier's softmax head kept on Dense(1) for a
  regression under MSE (softmax of one unit is 1): 1.96 flat from the start vs 0.10.
- over_regularization, reed cutters: MaxNorm(0.05) on every Dense kernel where c = 3 was
  meant: ~0.99 (the targets' variance) vs 0.084.
- dead_relus, osier peelers: RandomUniform(-0.1, 0.0) kernels (maxval typed 0.0) on the first
  relu Conv2D over non-negative pixels: ln 2 exactly from the start vs 0.004.
- saturated_activations, osier peelers: BatchNormalization(gamma_initializer=Constant(10))
  before every tanh in a regression MLP under SGD with momentum: wobbles at ~0.48-0.52 from
  about epoch 8 vs 0.16.
- unnormalized_inputs, osier peelers: Rescaling(255.0) where Rescaling(1.0 / 255) was meant on
  8-bit photographs: from ~241 to a loss bouncing between 0 and ~1.8 vs 0.001.
- learning_rate_too_low, peat diggers: CosineDecay(3e-3, decay_steps=15) given epochs where
  steps are counted, in a GradientTape loop: the rate is 0 after step 15, flat at 0.788 vs 0.031.
- vanishing_gradients, peat diggers: ten Dense(32) layers with activation='hard_sigmoid'
  (slope 1/6) under SGD with momentum: ~0.699 (ln 2) vs 0.073 with relu and He init.
- poor_initialization, peat diggers: RandomNormal(0.05, 0.0) read as (stddev, mean), so every
  kernel weight is 0.05 and the units of a layer stay identical: creeps to ~0.29 vs 0.029.

Dropped or changed because they did not behave as intended: BatchNormalization gamma 10 before
tanh in a Conv2D stripe/speckle classifier (the task only needs signs, so it learned as well as
the fix), moved to a regression MLP; the zero-std column under binary cross-entropy and a relu
MLP (the relu mapped NaN to 0 and the loss stayed a finite ln 2), moved to MSE with tanh
units; a 6x6 checkerboard for the capacity run (the fixed net also crawled), made 4x4 at a
higher rate. Not written because earlier catalogues hold them: zero, tiny, constant and
'ones' initialisation, L1/L2 penalties, Dropout/GaussianDropout at 0.9, raw tabular columns and
NaN cells, Adadelta/SGD rates pasted into Adam or RMSprop, ExponentialDecay(decay_steps=1) and
LearningRateScheduler slips, deep sigmoid stacks, negative bias constants, ReLU thresholds,
one-unit GRUs, sigmoid/softplus/relu heads on regressions, Orthogonal gains and
RandomUniform(-1, 1) recurrent kernels, label noise under plain cross-entropy, Poisson, Huber,
pinball and KL losses, ReduceLROnPlateau and warm-up cosine.

Labels: `expected_causes` holds one cause, the root cause each broken run was built around.
`stall_begins` is the 0-based optimizer step (32 steps an epoch at batch 32) from which the
broken loss stops improving, None when it never improves on its start or is flat from its
first epoch. The learning-rate-too-low run's step (15) is exact; the saturated and the
poorly initialised runs' (8 * 32 = 256) and the exploding run's (9 * 32 = 288) were read off
the epoch losses and are approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _standardize, registrar

FAMILIES = ('withy_cutters', 'reed_cutters', 'osier_peelers', 'peat_diggers')
REGISTRY = []
holdout189 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE
STEPS = (N - PROBE_SIZE) // 32  # optimizer steps an epoch at batch 32


# ---------------------------------------------------------------------------------------------
# data


def _rods(seed, n=N, flip=0.0):
    """A withy rod's eight measurements (length, butt, tip, knots...) and its grade (0/1)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 8)).astype("float32")
    score = x[:, 0] - 0.8 * x[:, 1] + 0.6 * x[:, 2] * x[:, 3] + 0.5 * np.sin(2 * x[:, 4])
    y = (score > 0).astype("float32")
    wrong = rng.random(n) < flip
    y[wrong] = 1 - y[wrong]
    return x, y


def _growth(seed, n=N, steps=20, noise=0.3):
    """Twenty weekly girth readings of a withy stool, and the season's cut weight."""
    rng = np.random.default_rng(seed)
    rate = rng.normal(size=(n, 1))
    phase = rng.uniform(0, 2 * np.pi, size=(n, 1))
    t = np.arange(steps)[None, :]
    series = rate * t / steps + 0.5 * np.sin(t / 3 + phase) + 0.2 * rng.normal(size=(n, steps))
    y = rate[:, 0] + 0.4 * np.sin(phase[:, 0]) + noise * rng.normal(size=n)
    return series[..., None].astype("float32"), y.astype("float32")


def _checkerboard(seed, n=N):
    """Where on a withy bed a rod was cut (two coordinates): the beds alternate willow kinds."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-2, 2, size=(n, 2)).astype("float32")
    y = ((np.floor(x[:, 0]) + np.floor(x[:, 1])) % 2).astype("float32")
    return x, y


def _reed_levels(seed, n=N, steps=24):
    """Twenty-four daily water levels at a reed bed, and the next week's harvestable bundles
    (standardised)."""
    rng = np.random.default_rng(seed)
    a = rng.normal(size=(n, 1))
    b = rng.normal(size=(n, 1))
    t = np.arange(steps)[None, :] / steps
    series = a * np.sin(3 * t) + b * t + 0.2 * rng.normal(size=(n, steps))
    y = np.tanh(a[:, 0]) + 0.5 * b[:, 0] * a[:, 0] + 0.2 * rng.normal(size=n)
    y = (y - y.mean()) / y.std()
    return series[..., None].astype("float32"), y.astype("float32")


def _bundle_tokens(seed, n=N, length=16, vocab=40, flip=0.1):
    """A reed cutter's day log as tokens (bundle kinds), and whether the merchant took it."""
    rng = np.random.default_rng(seed)
    tokens = rng.integers(1, vocab, size=(n, length))
    good = ((tokens < 8).sum(axis=1) - (tokens > 34).sum(axis=1)) > 0
    y = good.astype("int32")
    wrong = rng.random(n) < flip
    y[wrong] = 1 - y[wrong]
    return tokens.astype("int32"), y


def _bark(seed, n=N, flip=0.0, size=12):
    """12x12 photographs of a peeled osier rod (pixels 0..1): the bark left is a stripe
    (class 1) or speckle (class 0)."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, size=n)
    img = 0.3 * rng.random((n, size, size))
    for i in range(n):
        if y[i]:
            r = rng.integers(1, size - 3)
            img[i, r:r + 2, :] += 0.5
        else:
            spots = rng.integers(0, size, size=(12, 2))
            img[i, spots[:, 0], spots[:, 1]] += 0.6
    img = np.clip(img, 0, 1)
    wrong = rng.random(n) < flip
    y[wrong] = 1 - y[wrong]
    return img[..., None].astype("float32"), y.astype("int32")


def _peat(seed, n=N, noise="hetero"):
    """A peat bank's six readings (depth, moisture, fibre, ash...) and the dry weight of its
    turves (standardised)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 6)).astype("float32")
    mean = x[:, 0] + 0.5 * x[:, 1] ** 2 - 0.7 * x[:, 2] * x[:, 3] + 0.3 * x[:, 4]
    if noise == "hetero":
        eps = (0.2 + 0.4 * np.abs(x[:, 5])) * rng.normal(size=n)
    else:
        eps = 0.1 * rng.normal(size=n)
    y = mean + eps
    return x, ((y - y.mean()) / y.std()).astype("float32")


def _profiles(seed, n=N, steps=16, flip=0.15):
    """A core's sixteen depth readings (moisture, fibre) and whether the bank is worth cutting."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, steps, 2))
    depth = rng.integers(3, steps - 3, size=n)
    y = rng.integers(0, 2, size=n)
    for i in range(n):
        x[i, depth[i]:depth[i] + 3, 1] += 1.5 if y[i] else -1.5
    wrong = rng.random(n) < flip
    y[wrong] = 1 - y[wrong]
    return x.astype("float32"), y.astype("int32")


# ---------------------------------------------------------------------------------------------
# withy_cutters: healthy


@holdout189("withy_cutters", healthy=True)
def rod_grade_squared_hinge(session):
    """A withy rod's grade from eight measurements, a tenth of the grades written down wrong;
    the grades are coded -1/+1 for a tanh-output 2x32 relu MLP under the squared hinge loss with
    Adam on an InverseTimeDecay. The loss falls and levels far above zero at the misgraded
    rods' margin."""
    keras = _keras()
    x, y = _rods(18901, flip=0.1)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="tanh")])
    schedule = keras.optimizers.schedules.InverseTimeDecay(3e-3, decay_steps=100, decay_rate=0.5)
    model.compile(keras.optimizers.Adam(schedule), "squared_hinge")
    return _fit(session, model, x, 2 * y - 1, epochs=15, batch_size=32)


@holdout189("withy_cutters", healthy=True)
def bundle_two_heads(session):
    """A bundle of withies: one functional model with two heads, its weight (MSE, scatter from
    the scales) and whether it sold (binary cross-entropy, a coin toss near the boundary),
    summed with loss_weights 1.0 and 0.5 under Nadam. The total loss levels well above zero."""
    keras = _keras()
    rng = np.random.default_rng(18902)
    x = rng.normal(size=(N, 8)).astype("float32")
    weight = (x[:, 0] + 0.5 * x[:, 1] * x[:, 2] + 0.5 * rng.normal(size=N)).astype("float32")
    sold = (rng.random(N) < 1 / (1 + np.exp(-(x[:, 3] - x[:, 4])))).astype("float32")
    inputs = keras.Input((8,))
    h = keras.layers.Dense(48, activation="relu")(inputs)
    h = keras.layers.Dense(48, activation="relu")(h)
    out_w = keras.layers.Dense(1, name="weight")(h)
    out_s = keras.layers.Dense(1, activation="sigmoid", name="sold")(h)
    model = keras.Model(inputs, [out_w, out_s])
    model.compile(keras.optimizers.Nadam(2e-3), loss=["mse", "binary_crossentropy"],
                  loss_weights=[1.0, 0.5])
    tr = slice(0, N - PROBE_SIZE)
    history = model.fit(x[tr], [weight[tr], sold[tr]], epochs=15, batch_size=32, verbose=0,
                        callbacks=session.callbacks((x[-PROBE_SIZE:], [weight[-PROBE_SIZE:],
                                                                     sold[-PROBE_SIZE:]])))
    return history.history["loss"]


@holdout189("withy_cutters", healthy=True)
def growth_bilstm_polynomial(session):
    """The season's cut weight of a withy stool from twenty weekly girth readings, by a
    Bidirectional LSTM(16) under MSE and Adam on a PolynomialDecay (power 2) to a tenth of its
    rate; the weight carries a scatter of 0.3 the readings cannot explain, so the loss levels
    near it."""
    keras = _keras()
    x, y = _growth(18903)
    model = keras.Sequential([keras.Input((20, 1)),
                              keras.layers.Bidirectional(keras.layers.LSTM(16)),
                              keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
    schedule = keras.optimizers.schedules.PolynomialDecay(5e-3, 15 * STEPS, 5e-4, power=2.0)
    model.compile(keras.optimizers.Adam(schedule), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


# ---------------------------------------------------------------------------------------------
# withy_cutters: broken


def _linear_scaling(session, broken):
    keras = _keras()
    x, y = _growth(18904, noise=0.1)
    batch_size = 32
    base_lr = 0.01
    # The linear scaling rule is base_lr * batch_size / 256; the division was left out.
    lr = base_lr * batch_size if broken else base_lr * batch_size / 256
    model = keras.Sequential([keras.Input((20, 1)),
                              keras.layers.Conv1D(16, 3, activation="relu"),
                              keras.layers.Conv1D(16, 3, activation="relu"),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(lr), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=batch_size)


@holdout189("withy_cutters", ["learning_rate_too_high"], stall_begins=None)
def linear_scaling_rule_without_division(session):
    """The cut weight from twenty girth readings by a small Conv1D net under Adam, whose rate
    follows the linear scaling rule base_lr * batch_size / 256 with the division left out:
    0.01 * 32 = 0.32 instead of 0.00125. The loss bounces near the constant guess."""
    return _linear_scaling(session, True)


def _bottleneck(session, broken):
    keras = _keras()
    x, y = _checkerboard(18905)
    # Dense(units) written with the input dimension (2) where 64 units were meant.
    units = 2 if broken else 64
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(units, activation="relu"),
                              keras.layers.Dense(units, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-2), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=25, batch_size=32)


@holdout189("withy_cutters", ["insufficient_capacity"], stall_begins=None)
def hidden_width_is_input_width(session):
    """Which willow kind a rod came from, given where on the alternating beds it was cut (a
    checkerboard of 4x4 squares): the MLP's two hidden layers were written Dense(2) from the
    input's width where 64 units were meant. It stays near ln 2 while the 64-unit net learns
    the beds."""
    return _bottleneck(session, True)


def _constant_column(session, broken):
    keras = _keras()
    x, y = _peat(18906, noise="small")
    x = np.concatenate([x, np.full((N, 1), 17.0, dtype="float32")], axis=1)  # the bog's id
    if broken:
        # Hand-written standardisation: the bog column is constant, so its std is 0 -> 0/0.
        x = ((x - x.mean(axis=0)) / x.std(axis=0)).astype("float32")
    else:
        x = _standardize(x)
    model = keras.Sequential([keras.Input((7,)), keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(32, activation="tanh"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout189("withy_cutters", ["non_finite_values"], stall_begins=None)
def zero_std_column(session):
    """The weight of a cut of withies from six readings plus the id of the one bog-side bed
    they came from this season, standardised by hand as (x - mean) / std: the constant
    column's std is 0, so every row holds 0/0 = NaN and the MSE is NaN from the first step
    for all eight epochs."""
    return _constant_column(session, True)


# ---------------------------------------------------------------------------------------------
# reed_cutters: healthy


@holdout189("reed_cutters", healthy=True)
def day_log_label_smoothing(session):
    """Whether the merchant took a reed cutter's day (sixteen bundle-kind tokens), a tenth of
    the verdicts arbitrary: an Embedding(40, 16), a relu Conv1D and global max pooling under
    categorical cross-entropy with label_smoothing=0.1 and Adagrad at 0.05. The smoothed loss
    cannot go below its floor and the noise holds it well above that."""
    keras = _keras()
    x, y = _bundle_tokens(18911)
    model = keras.Sequential([keras.Input((16,), dtype="int32"), keras.layers.Embedding(40, 16),
                              keras.layers.Conv1D(32, 3, activation="relu"),
                              keras.layers.GlobalMaxPooling1D(),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.Adagrad(0.05),
                  keras.losses.CategoricalCrossentropy(label_smoothing=0.1))
    return _fit(session, model, x, np.eye(2, dtype="float32")[y], epochs=15, batch_size=32)


@holdout189("reed_cutters", healthy=True)
def water_level_gru_triangular(session):
    """Next week's bundles from twenty-four daily water levels, by a GRU(24) under MSE and SGD
    with Nesterov momentum on a triangular cyclical rate (0.005 to 0.05 and back every four
    epochs, a LearningRateScheduler). The loss falls with a ripple at each cycle and levels
    near the scatter of the harvest."""
    keras = _keras()
    x, y = _reed_levels(18912)
    model = keras.Sequential([keras.Input((24, 1)), keras.layers.GRU(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.005, momentum=0.9, nesterov=True), "mse")

    def triangular(epoch, lr):
        phase = abs((epoch % 4) / 2.0 - 1.0)
        return 0.005 + (0.05 - 0.005) * (1.0 - phase)

    return _fit(session, model, x, y, epochs=16, batch_size=32,
                callbacks=[keras.callbacks.LearningRateScheduler(triangular)])


@holdout189("reed_cutters", healthy=True)
def bundle_counts_msle_loop(session):
    """Bundles cut a day (skewed counts, from 0 to the hundreds) from six conditions, fitted on
    a softplus-output MLP under the mean squared logarithmic error in a hand-written
    GradientTape loop with Adagrad: the counts' Poisson scatter keeps the loss well above zero."""
    keras = _keras()
    rng = np.random.default_rng(18913)
    x = rng.normal(size=(N, 6)).astype("float32")
    rate = np.exp(2.5 + 0.8 * x[:, 0] - 0.5 * x[:, 1] + 0.3 * x[:, 2] * x[:, 3])
    y = rng.poisson(rate).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="softplus")])
    loss = keras.losses.MeanSquaredLogarithmicError()
    return _custom_loop(session, model, keras.optimizers.Adagrad(0.1), loss, x, y,
                        epochs=15, batch_size=32, seed=18914)


# ---------------------------------------------------------------------------------------------
# reed_cutters: broken


def _randn_recurrent(session, broken):
    keras = _keras()
    x, y = _reed_levels(18915)
    # Recurrent weights ported from a numpy RNN that used np.random.randn (stddev 1).
    recurrent = keras.initializers.RandomNormal(stddev=1.0, seed=18916) if broken \
        else "orthogonal"
    model = keras.Sequential([keras.Input((24, 1)),
                              keras.layers.SimpleRNN(48, recurrent_initializer=recurrent),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout189("reed_cutters", ["exploding_gradients"], stall_begins=9 * STEPS)  # approximate
def randn_recurrent_kernel(session):
    """Next week's bundles from the water levels by a tanh SimpleRNN(48) whose recurrent
    weights were ported from a numpy RNN that drew them with np.random.randn (stddev 1, a
    spectral radius near 7 at 48 units), under Adam without clipping: the state's Jacobians
    blow up through the 24 days and the loss stays high against the orthogonal default's."""
    return _randn_recurrent(session, True)


def _softmax_regression(session, broken):
    keras = _keras()
    x, y = _reed_levels(18917)
    # The classifier's head, Dense(n, activation='softmax'), kept with n set to 1.
    head = keras.layers.Dense(1, activation="softmax" if broken else None)
    model = keras.Sequential([keras.Input((24, 1)), keras.layers.LSTM(24),
                              keras.layers.Dense(16, activation="relu"), head])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout189("reed_cutters", ["loss_activation_mismatch"], stall_begins=None)
def softmax_single_unit_regression(session):
    """Next week's bundles (standardised) by an LSTM(24) whose head was copied from the
    bundle-kind classifier, Dense(n, activation='softmax'), with n set to 1 for the
    regression: a softmax over one unit is always 1, so the MSE stays at the mean of (y - 1)^2
    from the first step."""
    return _softmax_regression(session, True)


def _max_norm(session, broken):
    keras = _keras()
    x, y = _reed_levels(18918)
    # MaxNorm's max_value written as 0.05 (a dropout-paper's rate mixed up with its c = 3).
    limit = 0.05 if broken else 3.0
    dense = dict(kernel_constraint=keras.constraints.MaxNorm(limit))
    model = keras.Sequential([keras.Input((24, 1)), keras.layers.Flatten(),
                              keras.layers.Dense(64, activation="relu", **dense),
                              keras.layers.Dense(64, activation="relu", **dense),
                              keras.layers.Dense(1, **dense)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout189("reed_cutters", ["over_regularization"], stall_begins=None)
def max_norm_too_tight(session):
    """Next week's bundles from the water levels by a 2x64 relu MLP with a MaxNorm kernel
    constraint on every Dense layer, max_value=0.05 where the paper's c = 3 was meant: every
    unit's incoming weights are squeezed to a norm of 0.05 after each step, so the output can
    barely move from zero and the loss stays near the targets' variance."""
    return _max_norm(session, True)


# ---------------------------------------------------------------------------------------------
# osier_peelers: healthy


@holdout189("osier_peelers", healthy=True)
def bark_separable_groupnorm(session):
    """Stripe or speckle of bark left on a peeled osier, 12x12 photographs, an eighth of the
    verdicts wrong: SeparableConv2D layers with GroupNormalization (4 groups) and global
    pooling under sparse categorical cross-entropy and Adam on a staircase ExponentialDecay.
    The loss levels near the misjudged photographs' share."""
    keras = _keras()
    x, y = _bark(18921, flip=0.125)
    model = keras.Sequential([
        keras.Input((12, 12, 1)), keras.layers.SeparableConv2D(16, 3, padding="same"),
        keras.layers.GroupNormalization(4), keras.layers.Activation("relu"),
        keras.layers.SeparableConv2D(16, 3, padding="same"),
        keras.layers.GroupNormalization(4), keras.layers.Activation("relu"),
        keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(2, activation="softmax")])
    schedule = keras.optimizers.schedules.ExponentialDecay(3e-3, 4 * STEPS, 0.5, staircase=True)
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout189("osier_peelers", healthy=True)
def few_rods_depthwise(session):
    """Only 160 photographed rods, stripe or speckle, a fifth mislabelled: a DepthwiseConv2D
    (depth multiplier 8) and a relu Dense(64) net trained for 40 epochs at batch 16 memorises
    the small set, mislabels included; the loss is still falling towards zero at the end."""
    keras = _keras()
    x, y = _bark(18922, n=160 + PROBE_SIZE, flip=0.2)
    model = keras.Sequential([keras.Input((12, 12, 1)),
                              keras.layers.DepthwiseConv2D(3, depth_multiplier=8,
                                                           activation="relu"),
                              keras.layers.Flatten(), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


@holdout189("osier_peelers", healthy=True)
def grain_direction_cosine_loop(session):
    """The grain's direction on a rod (a unit vector) from its photograph, by a small Conv2D
    net with a linear two-unit head under the cosine-similarity loss (-1 at perfect) in a
    GradientTape loop with Adam; the grain is read with a scatter of ~35 degrees, so the loss
    levels well above -1."""
    keras = _keras()
    rng = np.random.default_rng(18923)
    angle = rng.uniform(0, np.pi, size=N)
    u, v = np.meshgrid(np.arange(12), np.arange(12))
    waves = np.sin(0.9 * (np.cos(angle)[:, None, None] * u + np.sin(angle)[:, None, None] * v))
    img = (waves + 0.5 * rng.normal(size=(N, 12, 12)))[..., None].astype("float32")
    read = 2 * angle + 1.2 * rng.normal(size=N)  # doubled: a line's direction has no sign
    y = np.stack([np.cos(read), np.sin(read)], axis=1).astype("float32")
    model = keras.Sequential([keras.Input((12, 12, 1)),
                              keras.layers.Conv2D(16, 3, activation="relu"),
                              keras.layers.Conv2D(16, 3, activation="relu"),
                              keras.layers.GlobalAveragePooling2D(),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(2)])
    loss = keras.losses.CosineSimilarity()
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), loss, img, y,
                        epochs=12, batch_size=32, seed=18924)


# ---------------------------------------------------------------------------------------------
# osier_peelers: broken


def _negative_uniform(session, broken):
    keras = _keras()
    x, y = _bark(18925)
    # RandomUniform(minval=-0.1, maxval=0.0): maxval typed 0.0 where 0.1 was meant.
    init = keras.initializers.RandomUniform(-0.1, 0.0 if broken else 0.1, seed=18926)
    model = keras.Sequential([keras.Input((12, 12, 1)),
                              keras.layers.Conv2D(16, 3, activation="relu",
                                                  kernel_initializer=init),
                              keras.layers.MaxPooling2D(),
                              keras.layers.Conv2D(16, 3, activation="relu"),
                              keras.layers.GlobalAveragePooling2D(),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout189("osier_peelers", ["dead_relus"], stall_begins=None)
def uniform_init_maxval_zero(session):
    """Stripe or speckle from 12x12 photographs (pixels 0..1), whose first relu Conv2D was
    given RandomUniform(minval=-0.1, maxval=0.0), the maxval typed 0.0 for 0.1: every kernel
    weight is negative and every pixel non-negative, so every first-layer unit is 0 for every
    photograph and the loss stays at ln 2."""
    return _negative_uniform(session, True)


def _bn_gamma(session, broken):
    keras = _keras()
    x, y = _peat(18927, noise="small")
    # gamma_initializer=Constant(10.0): a 'temperature' from another recipe put in BN's scale.
    gamma = keras.initializers.Constant(10.0) if broken else "ones"
    layers = [keras.Input((6,))]
    for _ in range(2):
        layers += [keras.layers.Dense(64),
                   keras.layers.BatchNormalization(gamma_initializer=gamma),
                   keras.layers.Activation("tanh")]
    model = keras.Sequential(layers + [keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout189("osier_peelers", ["saturated_activations"], stall_begins=8 * STEPS)  # approximate
def batchnorm_gamma_ten(session):
    """The dry weight of the peeled rods' bark waste from six readings by a 2x64 MLP whose
    BatchNormalization layers, each before a tanh, were given gamma_initializer=Constant(10.0):
    every normalised pre-activation is scaled to a standard deviation of 10, so nearly every
    tanh unit sits at +-1 and passes back almost no gradient; under SGD with momentum the loss
    falls for a few epochs and then wobbles about three times above the fixed net's."""
    return _bn_gamma(session, True)


def _rescaling(session, broken):
    keras = _keras()
    x, y = _bark(18928)
    raw = np.round(x * 255.0).astype("float32")  # the photographs as 8-bit pixel values
    # Rescaling(255.0) where Rescaling(1.0 / 255) was meant.
    scale = 255.0 if broken else 1.0 / 255
    model = keras.Sequential([keras.Input((12, 12, 1)), keras.layers.Rescaling(scale),
                              keras.layers.Conv2D(16, 3, activation="relu"),
                              keras.layers.MaxPooling2D(),
                              keras.layers.Conv2D(16, 3, activation="relu"),
                              keras.layers.GlobalAveragePooling2D(),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, raw, y, epochs=12, batch_size=32)


@holdout189("osier_peelers", ["unnormalized_inputs"], stall_begins=None)
def rescaling_by_255(session):
    """Stripe or speckle from 8-bit photographs (0..255) by a relu Conv2D net whose first layer
    is Rescaling(255.0) where Rescaling(1.0 / 255) was meant: pixels reach 65,025 and the
    loss bounces far above the fixed net's."""
    return _rescaling(session, True)


# ---------------------------------------------------------------------------------------------
# peat_diggers: healthy


@holdout189("peat_diggers", healthy=True)
def turf_weight_logcosh_loop(session):
    """The dry weight of a bank's turves from six readings, its scatter growing with the ash
    reading, by a 2x32 relu MLP under the log-cosh loss in a GradientTape loop with RMSprop at
    1e-3. The loss levels at the heteroscedastic noise."""
    keras = _keras()
    x, y = _peat(18931)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.RMSprop(1e-3), keras.losses.LogCosh(),
                        x, y[:, None], epochs=15, batch_size=32, seed=18932)


@holdout189("peat_diggers", healthy=True)
def core_attention_noisy(session):
    """Whether a bank is worth cutting from a core's sixteen depth readings, 15% of the
    verdicts arbitrary, by a Dense projection, a MultiHeadAttention block (2 heads, residual,
    LayerNormalization) and global pooling under AdamW. The loss falls and levels near the
    noisy verdicts' floor."""
    keras = _keras()
    x, y = _profiles(18933)
    inputs = keras.Input((16, 2))
    h = keras.layers.Dense(16)(inputs)
    a = keras.layers.MultiHeadAttention(2, 8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.Dense(16, activation="relu")(h)
    h = keras.layers.GlobalMaxPooling1D()(h)
    model = keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(h))
    model.compile(keras.optimizers.AdamW(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout189("peat_diggers", healthy=True)
def turf_weight_adagrad_slow(session):
    """The dry weight of turves under a small scatter, by a 3x32 tanh MLP under MSE and plain
    Adagrad at its default 0.001 rate: a long slow descent, still improving at the end of 20
    epochs."""
    keras = _keras()
    x, y = _peat(18934, noise="small")
    model = keras.Sequential([keras.Input((6,))] +
                             [keras.layers.Dense(32, activation="tanh") for _ in range(3)] +
                             [keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adagrad(), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


# ---------------------------------------------------------------------------------------------
# peat_diggers: broken


def _cosine_steps(session, broken):
    keras = _keras()
    x, y = _peat(18935, noise="small")
    epochs = 15
    # CosineDecay's decay_steps counts optimizer steps; the number of epochs was given.
    decay_steps = epochs if broken else epochs * STEPS
    schedule = keras.optimizers.schedules.CosineDecay(3e-3, decay_steps)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(schedule),
                        keras.losses.MeanSquaredError(), x, y[:, None], epochs=epochs,
                        batch_size=32, seed=18936)


@holdout189("peat_diggers", ["learning_rate_too_low"], stall_begins=15)
def cosine_decay_steps_in_epochs(session):
    """The dry weight of turves in a GradientTape loop with Adam on CosineDecay(3e-3,
    decay_steps=15), the number of epochs given where optimizer steps are counted: the rate
    reaches zero after fifteen steps and the loss stays where those steps left it."""
    return _cosine_steps(session, True)


def _hard_sigmoid_stack(session, broken):
    keras = _keras()
    x, y = _rods(18937)
    act = "hard_sigmoid" if broken else "relu"
    init = "glorot_uniform" if broken else "he_normal"
    model = keras.Sequential([keras.Input((8,))] +
                             [keras.layers.Dense(32, activation=act, kernel_initializer=init)
                              for _ in range(10)] +
                             [keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout189("peat_diggers", ["vanishing_gradients"], stall_begins=None)
def ten_hard_sigmoid_layers(session):
    """Whether a bank's turves pass, from eight readings, by ten Dense(32) layers with
    activation='hard_sigmoid' (chosen as 'a cheap sigmoid' for a microcontroller) under SGD
    with momentum: each layer passes back at most a sixth of its gradient, so the first
    layers never learn and the loss stays at ln 2, where the same net with relu learns."""
    return _hard_sigmoid_stack(session, True)


def _positional_normal(session, broken):
    keras = _keras()
    x, y = _profiles(18938, flip=0.0)
    x = x.reshape(len(x), -1)
    # RandomNormal(0.05, 0.0) read as (stddev, mean); its positional order is (mean, stddev).
    init = keras.initializers.RandomNormal(0.05, 0.0) if broken \
        else keras.initializers.RandomNormal(0.0, 0.05, seed=18939)
    model = keras.Sequential([keras.Input((32,))] +
                             [keras.layers.Dense(64, activation="relu", kernel_initializer=init)
                              for _ in range(3)] +
                             [keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout189("peat_diggers", ["poor_initialization"], stall_begins=8 * STEPS)  # approximate
def random_normal_arguments_swapped(session):
    """Whether a bank is worth cutting from a core's flattened depth readings by a 3x64 relu
    MLP initialised with RandomNormal(0.05, 0.0), read as (stddev, mean) though the positional
    order is (mean, stddev): every kernel weight is exactly 0.05, every unit of a layer is the
    same, and the net stays as weak as one unit a layer."""
    return _positional_normal(session, True)
