"""The two-hundred-and-twenty-seventh held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades give the data. Hedge layers of Leicestershire: how much a laid hedge regrows in a
season from the thickness of its pleachers, its age, the soil and the aspect. Wherry builders:
which of three hull rigs a Norfolk yard's plank measurements belong to. Copper beaters: the
sequence of hammer blows on a sheet (force, angle, annealing heat) and the dent depth or the
finish it gives. Tin streamers: pan images and gravel assays from which tin is predicted.

Healthy half (twelve runs, nothing to fix): heteroscedastic regrowth with an MSE MLP; Huber
loss on heavy-tailed regrowth under PiecewiseConstantDecay; noisy-label hedge grading with
ReduceLROnPlateau; a multi-input wherry model with a yard embedding and 15% mislabelled rigs;
a rare leaking-hull class trained with class_weight; a custom GradientTape loop with warm-up
then cosine decay; a GRU on noisy hammer sequences; a Conv1D finish classifier; Poisson
regression of blow counts; a small CNN on pan images with label noise; a small tin assay set
that overfits; and a self-attention model over gravel samples.

Broken half (eleven runs, one per cause): raw units in the hedge features under SGD; an L2 of
1.0 on every layer; a sigmoid head on a standardised regression target; Adam at 0.5; relu
layers whose biases start at -3; a single linear unit for a curved boundary; an RNN whose
recurrent weights start far above unit gain; a deep sigmoid stack under plain SGD; SGD at
1e-5 on a CNN; all-zero kernels; and log of tin counts
that include zeros.

Dropped: tanh layers initialised with a huge kernel spread (saturated activations) kept
learning slowly, and a one-unit softmax head under binary cross-entropy still learned in
Keras 3; the latter was replaced by a sigmoid regression head. Each kept broken run was
compared with its fixed twin under Session(None); the broken one ends well above it, and
the L2 and recurrent ones still creep down slowly at the end.

Labels: `expected_causes[0]` is the root cause; `stall_begins` is the optimizer step from
which the loss stops improving, None meaning from the start. The non-finite run's step is
exact (rows read in file order); the raw-units and recurrent ones are approximate (read off
the loss after its first fall); the others stall from the start.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _small_cnn, _standardize
from .scenarios import registrar

FAMILIES = ('hedge_layers_of_leicestershire', 'wherry_builders', 'copper_beaters',
            'tin_streamers')
REGISTRY = []
holdout227 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE
HEDGE, WHERRY, COPPER, TIN = FAMILIES


# ---------------------------------------------------------------------------------------------
# data


def _hedge(n=N, seed=22701, noise="gauss", raw=False):
    """Pleacher thickness (mm), age (years), soil depth (cm), aspect, rainfall (mm), shade:
    regrowth (standardised)."""
    rng = np.random.default_rng(seed)
    thick = rng.uniform(20, 120, n)
    age = rng.uniform(2, 60, n)
    soil = rng.uniform(10, 90, n)
    aspect = rng.uniform(0, 2 * np.pi, n)
    rain = rng.uniform(400, 1100, n)
    shade = rng.uniform(0, 1, n)
    signal = (np.sin(thick / 25) + 0.02 * soil - 0.015 * age + 0.5 * np.cos(aspect)
              + 0.002 * rain - 1.2 * shade ** 2)
    signal = (signal - signal.mean()) / signal.std()
    if noise == "gauss":
        y = signal + rng.normal(0, 0.3 + 0.6 * shade, n)
    elif noise == "heavy":
        y = signal + 0.4 * rng.standard_t(2, n)
    else:
        y = signal + rng.normal(0, 0.2, n)
    x = np.stack([thick, age, soil, np.cos(aspect), rain, shade], axis=1)
    x = x.astype("float32") if raw else _standardize(x)
    return x, y.astype("float32")[:, None]


def _wherry(n=N, seed=22710, flip=0.0):
    """Plank length, sheer, beam, draught, frame spacing, yard: one of three rigs."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 1, (n, 5)).astype("float32")
    yard = rng.integers(0, 8, n)
    score = np.stack([x[:, 0] * x[:, 1] + 0.3 * (yard % 3 == 0),
                      np.sin(2 * x[:, 2]) + x[:, 3],
                      0.8 * x[:, 4] ** 2 - 0.5], axis=1)
    y = score.argmax(1)
    wrong = rng.random(n) < flip
    y[wrong] = rng.integers(0, 3, wrong.sum())
    return x, yard.astype("int32"), y.astype("int32")


def _copper(n=N, seed=22720, length=20):
    """Sequences of blows (force, angle, heat): dent depth from a decaying sum of blows."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 1, (n, length, 3)).astype("float32")
    decay = 0.8 ** np.arange(length)[::-1]
    depth = (np.tanh(x[:, :, 0]) * (1 + 0.3 * x[:, :, 1]) * decay).sum(1)
    depth += 0.3 * (x[:, -5:, 2] > 0.5).sum(1)
    depth = (depth - depth.mean()) / depth.std()
    return x, depth.astype("float32")


def _tin_images(n=N, seed=22730, flip=0.0):
    """12x12 pan images: tin shows as a small dark bright-edged blob; 3 grades of richness."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    img = rng.normal(0, 0.5, (n, 12, 12, 1))
    for i in range(n):
        for _ in range(y[i] * 2 + 1):
            r, c = rng.integers(1, 11, 2)
            img[i, r - 1:r + 2, c - 1:c + 2, 0] += 1.5
    wrong = rng.random(n) < flip
    y[wrong] = rng.integers(0, 3, wrong.sum())
    return img.astype("float32"), y.astype("int32")


def _tin_assay(n=N, seed=22740):
    """Gravel assays (8 standardised columns): tin grains counted in a pan."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 1, (n, 8)).astype("float32")
    rate = np.exp(0.6 * x[:, 0] - 0.4 * x[:, 1] + 0.3 * np.sin(2 * x[:, 2]) + 0.5)
    return x, rng.poisson(rate).astype("float32")


# ---------------------------------------------------------------------------------------------
# hedge layers of Leicestershire


@holdout227(HEDGE, healthy=True)
def shaded_regrowth(session):
    """Hedge regrowth regression whose noise grows with shade (from 0.3 to 0.9 std): a 2x64
    relu MLP with Adam and MSE flattens at the noise floor near 0.45."""
    keras = _keras()
    x, y = _hedge(seed=22701)
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=25, batch_size=32)


@holdout227(HEDGE, healthy=True)
def storm_damage_huber(session):
    """Regrowth with Student-t (2 dof) noise from storm damage, fitted with Huber loss and a
    PiecewiseConstantDecay that steps the learning rate down twice; the loss drops at each
    step and settles well above zero."""
    keras = _keras()
    x, y = _hedge(seed=22702, noise="heavy")
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([300, 600], [3e-3, 1e-3, 3e-4])
    model = _mlp(keras, 6, [64, 32], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(schedule), keras.losses.Huber(1.0))
    return _fit(session, model, x, y, epochs=28, batch_size=32)


@holdout227(HEDGE, healthy=True)
def graded_by_eye(session):
    """Hedges graded into three classes by surveyors who disagree 25% of the time; an MLP with
    ReduceLROnPlateau on the training loss, which plateaus near the label-noise floor."""
    keras = _keras()
    x, y = _hedge(seed=22703, noise="low")
    rng = np.random.default_rng(22704)
    grade = np.digitize(y[:, 0], [-0.5, 0.5]).astype("int32")
    wrong = rng.random(len(grade)) < 0.25
    grade[wrong] = rng.integers(0, 3, wrong.sum())
    model = _mlp(keras, 6, [64, 64], 3)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    plateau = keras.callbacks.ReduceLROnPlateau("loss", factor=0.5, patience=2, min_lr=1e-5)
    return _fit(session, model, x, grade, epochs=25, batch_size=32, callbacks=[plateau])


def _raw_hedge_units(session, broken):
    keras = _keras()
    x, y = _hedge(seed=22705, raw=broken)
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.SGD(1e-3, momentum=0.9, clipnorm=1.0), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout227(HEDGE, ["unnormalized_inputs"], stall_begins=130)  # approximate
def raw_hedge_units(session):
    """Regrowth regression fed millimetres, years and rainfall in mm straight from the survey
    sheet (values up to ~1,100) instead of the standardised columns; clipped SGD cannot
    make progress on the badly scaled problem and the loss sits near the target variance."""
    return _raw_hedge_units(session, broken=True)


def _heavy_l2_hedge(session, broken):
    keras = _keras()
    x, y = _hedge(seed=22706, noise="low")
    reg = keras.regularizers.L2(1.0 if broken else 1e-4)
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None, kernel_regularizer=reg)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout227(HEDGE, ["over_regularization"])
def heavy_l2_hedge(session):
    """Regrowth MLP with kernel_regularizer L2(1.0) on every layer, copied from a recipe that
    meant 1e-4: the penalty pins the weights near zero and the loss stays near the variance."""
    return _heavy_l2_hedge(session, broken=True)


def _sigmoid_regrowth(session, broken):
    keras = _keras()
    x, y = _hedge(seed=22707, noise="low")
    model = _mlp(keras, 6, [64, 64], 1, out_activation="sigmoid" if broken else None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout227(HEDGE, ["loss_activation_mismatch"])
def sigmoid_regrowth(session):
    """Standardised regrowth (half the targets negative) regressed with MSE through a
    Dense(1, activation='sigmoid') head left from a classifier: predictions cannot leave
    (0, 1), so the loss stalls far above the linear-head model's."""
    return _sigmoid_regrowth(session, broken=True)


# ---------------------------------------------------------------------------------------------
# wherry builders


@holdout227(WHERRY, healthy=True)
def yard_embedding_noisy_rigs(session):
    """Two inputs, the plank measurements and the yard id through an Embedding(8, 4); 15% of
    the rigs in the register are mis-recorded, so the loss flattens well above zero."""
    keras = _keras()
    x, yard, y = _wherry(seed=22711, flip=0.15)
    num = keras.Input((5,))
    yid = keras.Input((1,), dtype="int32")
    e = keras.layers.Flatten()(keras.layers.Embedding(8, 4)(yid))
    h = keras.layers.Concatenate()([num, e])
    h = keras.layers.Dense(64, activation="relu")(h)
    h = keras.layers.Dense(64, activation="relu")(h)
    model = keras.Model([num, yid], keras.layers.Dense(3, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    p = -PROBE_SIZE
    history = model.fit([x[:p], yard[:p, None]], y[:p], epochs=25, batch_size=32, verbose=0,
                        callbacks=session.callbacks(([x[p:], yard[p:, None]], y[p:])))
    return history.history["loss"]


@holdout227(WHERRY, healthy=True)
def leaking_hulls_weighted(session):
    """Rare leaking hulls (about 4% positives) predicted from plank measurements with
    class_weight 1:12; weighted binary cross-entropy falls slowly and levels off."""
    keras = _keras()
    rng = np.random.default_rng(22712)
    x = rng.normal(0, 1, (N, 5)).astype("float32")
    logit = 1.5 * x[:, 0] - 1.0 * x[:, 1] * x[:, 2] - 4.0
    y = (rng.random(N) < 1 / (1 + np.exp(-logit))).astype("float32")
    model = _mlp(keras, 5, [32, 32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    weights = {0: 1.0, 1: 12.0}
    (xt, yt), probe = (x[:-PROBE_SIZE], y[:-PROBE_SIZE]), (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(xt, yt, epochs=20, batch_size=64, class_weight=weights, verbose=0,
                        callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout227(WHERRY, healthy=True)
def warmup_cosine_loop(session):
    """Custom GradientTape loop on the rigs (10% label noise) with a linear warm-up over 100
    steps then cosine decay to zero; the loss falls fast, then creeps down as the rate fades."""
    keras = _keras()
    x, _, y = _wherry(seed=22713, flip=0.10)
    steps = 20 * (1024 // 32)
    schedule = keras.optimizers.schedules.CosineDecay(0.0, steps - 100, warmup_target=3e-3,
                                                      warmup_steps=100)
    model = _mlp(keras, 5, [64, 64], 3)
    return _custom_loop(session, model, keras.optimizers.Adam(schedule),
                        keras.losses.SparseCategoricalCrossentropy(), x, y, epochs=20,
                        batch_size=32, seed=22713)


def _adam_half(session, broken):
    keras = _keras()
    x, _, y = _wherry(seed=22714)
    model = _mlp(keras, 5, [64, 64], 3)
    model.compile(keras.optimizers.Adam(0.5 if broken else 2e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout227(WHERRY, ["learning_rate_too_high"])
def adam_half(session):
    """Rig classifier with Adam(learning_rate=0.5), a misplaced decimal for 5e-3: every update
    throws the weights across the loss surface and the loss bounces high without settling."""
    return _adam_half(session, broken=True)


def _negative_bias_relus(session, broken):
    keras = _keras()
    x, _, y = _wherry(seed=22715)
    bias = keras.initializers.Constant(-3.0 if broken else 0.0)
    model = _mlp(keras, 5, [64, 64, 64], 3, bias_initializer=bias)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout227(WHERRY, ["dead_relus"])
def negative_bias_relus(session):
    """3x64 relu rig classifier whose Dense layers are built with bias_initializer -3 (meant
    for the output logit of a rare class): on standardised inputs nearly every relu is off and
    receives no gradient; the loss sits at the class prior."""
    return _negative_bias_relus(session, broken=True)


def _one_unit_linear(session, broken):
    keras = _keras()
    x, _, y = _wherry(seed=22716)
    hidden = [64, 64] if not broken else []
    model = _mlp(keras, 5, hidden, 3)
    model.compile(keras.optimizers.Adam(5e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout227(WHERRY, ["insufficient_capacity"])
def one_unit_linear(session):
    """Rig classifier written as a plain softmax regression (no hidden layer) for boundaries
    built on products, sines and squares of the measurements: it levels off quickly far above
    what a two-layer MLP reaches."""
    return _one_unit_linear(session, broken=True)


# ---------------------------------------------------------------------------------------------
# copper beaters


@holdout227(COPPER, healthy=True)
def gru_dent_depth(session):
    """GRU(24) on 20 hammer blows predicting dent depth; slow steady improvement that is still
    creeping down at the end of the run."""
    keras = _keras()
    x, y = _copper(seed=22721)
    y = y + np.random.default_rng(22722).normal(0, 0.3, len(y)).astype("float32")
    model = keras.Sequential([keras.Input((20, 3)), keras.layers.GRU(24), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout227(COPPER, healthy=True)
def conv1d_finish(session):
    """Conv1D classifier of the finish (matt, planished, burnished) from the blow sequence,
    with dropout; the classes overlap so the loss settles above zero."""
    keras = _keras()
    x, depth = _copper(seed=22723)
    y = np.digitize(depth, [-0.4, 0.4]).astype("int32")
    model = keras.Sequential([
        keras.Input((20, 3)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dropout(0.2),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout227(COPPER, healthy=True)
def blows_to_crack_poisson(session):
    """Number of blows before a sheet cracks, a Poisson count, from the first blows' summary
    statistics; exp output and Poisson loss, which flattens at the count noise."""
    keras = _keras()
    x, _ = _copper(seed=22724)
    feats = _standardize(np.concatenate([x.mean(1), x.std(1)], axis=1))
    rng = np.random.default_rng(22725)
    rate = np.exp(0.5 * feats[:, 0] - 0.3 * feats[:, 4] + 1.0)
    y = rng.poisson(rate).astype("float32")
    model = _mlp(keras, 6, [32, 32], 1, out_activation="exponential")
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x=feats, y=y, epochs=20, batch_size=32)


def _hot_recurrent(session, broken):
    keras = _keras()
    x, y = _copper(seed=22726)
    init = (keras.initializers.RandomNormal(stddev=0.3) if broken
            else keras.initializers.Orthogonal())
    model = keras.Sequential([
        keras.Input((20, 3)),
        keras.layers.SimpleRNN(32, activation="relu", recurrent_initializer=init),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout227(COPPER, ["exploding_gradients"], stall_begins=100)  # approximate
def hot_recurrent(session):
    """Relu SimpleRNN over the blows whose recurrent kernel is drawn from N(0, 0.9) (meant to
    be 0.9 / sqrt(units)): the hidden state and its gradients grow by several times per blow,
    and the loss jumps around far above the fixed model's."""
    return _hot_recurrent(session, broken=True)


def _deep_sigmoid_sgd(session, broken):
    keras = _keras()
    x, y = _copper(seed=22727)
    flat = x.reshape(len(x), -1)
    act = "sigmoid" if broken else "relu"
    model = _mlp(keras, 60, [64] * 8, 1, activation=act, out_activation=None)
    model.compile(keras.optimizers.SGD(0.01), "mse")
    return _fit(session, model, flat, y, epochs=15, batch_size=32)


@holdout227(COPPER, ["vanishing_gradients"])
def deep_sigmoid_sgd(session):
    """Dent depth from the flattened blows with an 8x64 sigmoid MLP under plain SGD(0.01): the
    gradient shrinks by ~4x per layer and the early layers never move; the loss stays at the
    target variance."""
    return _deep_sigmoid_sgd(session, broken=True)


# ---------------------------------------------------------------------------------------------
# tin streamers


@holdout227(TIN, healthy=True)
def pan_images_noisy(session):
    """Small CNN grading pan images into three tin grades, 20% of grades mis-entered in the
    ledger; the loss flattens well above zero."""
    keras = _keras()
    x, y = _tin_images(seed=22731, flip=0.2)
    model = _small_cnn(keras, (12, 12, 1), 3)
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout227(TIN, healthy=True)
def small_assay_overfits(session):
    """Only 200 assays with noisy log counts, a 2x128 MLP: the training loss keeps falling
    toward zero as it memorises the noise, slowly."""
    keras = _keras()
    x, y = _tin_assay(200 + PROBE_SIZE, seed=22732)
    y = np.log1p(y)[:, None].astype("float32")
    model = _mlp(keras, 8, [128, 128], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


@holdout227(TIN, healthy=True)
def gravel_attention(session):
    """Self-attention over 10 gravel samples from a stream bed (each 4 assays), predicting
    the richest sample's grade; the loss plateaus for some epochs then drops as attention
    finds the pattern, and settles above zero."""
    keras = _keras()
    rng = np.random.default_rng(22733)
    x = rng.normal(0, 1, (N, 10, 4)).astype("float32")
    y = np.digitize(x[:, :, 0].max(1) + 0.3 * rng.normal(0, 1, N), [1.3, 1.9]).astype("int32")
    inp = keras.Input((10, 4))
    h = keras.layers.Dense(16)(inp)
    h = keras.layers.MultiHeadAttention(2, 8)(h, h)
    h = keras.layers.GlobalMaxPooling1D()(h)
    out = keras.layers.Dense(3, activation="softmax")(keras.layers.Dense(16, activation="relu")(h))
    model = keras.Model(inp, out)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _sgd_crawl_cnn(session, broken):
    keras = _keras()
    x, y = _tin_images(seed=22734)
    model = _small_cnn(keras, (12, 12, 1), 3)
    model.compile(keras.optimizers.SGD(1e-5 if broken else 3e-2, momentum=0.9),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout227(TIN, ["learning_rate_too_low"])
def sgd_crawl_cnn(session):
    """Pan-image CNN with SGD(learning_rate=1e-5, momentum=0.9), a value from a fine-tuning
    recipe: the loss barely moves from its starting value in twelve epochs."""
    return _sgd_crawl_cnn(session, broken=True)


def _zero_kernels(session, broken):
    keras = _keras()
    x, y = _tin_assay(seed=22735)
    y = (y > 2).astype("int32")
    init = "zeros" if broken else "glorot_uniform"
    model = _mlp(keras, 8, [64, 64], 2, kernel_initializer=init)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout227(TIN, ["poor_initialization"])
def zero_kernels(session):
    """Rich-or-poor gravel classifier whose Dense layers were built with
    kernel_initializer='zeros': every hidden relu outputs 0, no kernel gets a gradient, and
    only the output bias learns the class prior."""
    return _zero_kernels(session, broken=True)


LOG_ZERO_ROW = 320


def _log_counts(session, broken):
    keras = _keras()
    x, y = _tin_assay(seed=22736)
    y = y.copy()
    y[:LOG_ZERO_ROW] = np.maximum(y[:LOG_ZERO_ROW], 1)
    y[LOG_ZERO_ROW] = 0
    target = (np.log(y) if broken else np.log1p(y))[:, None].astype("float32")
    model = _mlp(keras, 8, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, target, epochs=8, batch_size=32, shuffle=False)


@holdout227(TIN, ["non_finite_values"], stall_begins=LOG_ZERO_ROW // 32)
def log_counts(session):
    """Tin-count regression on np.log(count) instead of log1p, rows read in ledger order: the
    first empty pan gives log(0) = -inf, the loss turns non-finite and the weights NaN, and
    training carries on for the remaining epochs."""
    with np.errstate(divide="ignore"):
        return _log_counts(session, broken=True)
