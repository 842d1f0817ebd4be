"""The two-hundred-and-seventeenth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Every scenario was checked only from its own loss curve (Keras History or the custom loop's
epoch means, with keras.utils.set_random_seed(0) and Session(None)), and every broken one
against the same model trained without its mistake (each helper `_name(session, broken)` trains
both). Four trades with their own numpy data (seeds 21701..21733; the last PROBE_SIZE rows of
every data set are the probe): Chiltern bodgers (twelve readings of a green beech billet and the
chair leg it turns into), Leek pattern-makers (12x12 noisy silk swatches of four weaves), the
lengthsmen who keep a length of road (24 hourly rain, traffic and drain readings) and flint
knappers (ten measurements of a struck flake and the tool it makes).

Healthy half (11). Bodgers: leg quality against Student-t slips under Huber loss; the 90th
percentile of turning time (heteroscedastic) by a pinball loss in a hand-written GradientTape
loop; 96 billets memorised by a wide MLP under AdamW (near zero, one brief bump). Pattern-
makers: weaves with 20% misfiled labels by a Conv2D net under SGD with Nesterov momentum and
PiecewiseConstantDecay; a SeparableConv2D + BatchNormalization net under CosineDecay with
warm-up and 8% re-drawn labels. Lengthsmen: rutting by a GRU with ReduceLROnPlateau and gauge
noise; Poisson pothole counts by a dilated causal Conv1D net with an exponential head; ditch
overflow by a two-input model (MultiHeadAttention over the readings beside a parish Embedding).
Knappers: a rare tool kind (about 1 in 9, 5% misread) with balanced class_weight; five kinds
with label_smoothing in a hand-written loop under Adamax (still creeping down at the end); five
kinds from a strike sequence by a Bidirectional SimpleRNN with a halving LearningRateScheduler.

Broken half (10, one root cause each): bias_initializer=Constant(3.0), a ReLU habit, on
hard_tanh layers, which pins every unit at +1 with zero gradient (saturated activations); a
squared_hinge loss put on a sigmoid head that cannot reach the hinge's -1 side (loss/activation
mismatch); hour shares of rain days with no hours logged, 0/0 = NaN, trained in log order
(non-finite values, exact: the first such row is in batch 6); BatchNormalization with
beta_initializer=Constant(-4.0) before ReLU (dead ReLUs); GaussianDropout(0.95) meant as 'keep
95%' (over-regularisation); Constant(0.05) kernels everywhere in a CNN, so units never break
symmetry (poor initialisation: the width-one net crawls, far above its twin); raw traffic counts
and drain levels in millimetres beside standardised rain into an LSTM (unnormalised inputs);
Ftrl left at its default rate of 0.001 on a GRU (learning rate too low); a linear Dense(1)
'flake score' bottleneck (insufficient capacity); Adamax at a rate of 1.0 (learning rate too
high). Every stall but the NaN one is labelled from the start (None): each broken loss is flat
or nearly so from its first epochs, so those are approximate only in that sense.

Dropped because they did not behave as intended: a MinMaxNorm(6, 6) weight-norm constraint on
hard_tanh layers meant as saturation (the sign-like units learned better than the fixed twin);
a 12- then 8-block residual MLP without normalisation under SGD meant as exploding gradients
(NaN from the first epoch, then, at a smaller rate, it learned faster than the LayerNorm twin);
eight sigmoid causal Conv1D layers meant as vanishing gradients (the relu twin did not learn
under the same SGD either, so the comparison proved nothing). A relu net swallowed NaN inputs
(relu of NaN came out 0), so the NaN scenario's targets carry the 0/0 as well. Hence no
exploding_gradients or vanishing_gradients scenario here, and 21 scenarios, not 24.

Not written because earlier catalogues hold them: pixels in 0..255, L2/Dropout over-
regularisation, zero and tiny initialisers, softmax under from_logits=True, ReLU(threshold=...),
NonNeg constraints, sigmoid 'open gate' biases, orthogonal-gain RNNs without clipping,
decay_steps=1 schedules, Rescaling(255), Adadelta's default rate and deep hard_sigmoid loops.

Labels: `expected_causes[0]` is the root cause the scenario was built around (only one each);
`stall_begins` is the optimizer step from which the loss stops improving, None for the start.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ('bodgers_of_the_chilterns', 'pattern_makers_of_leek', 'lengthsmen', 'flint_knappers')

REGISTRY = []
holdout217 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data: four trades


def _lathe(seed, n=N, dim=12):
    """A pole-lathe bodger's chair legs: twelve readings of a green beech billet (moisture,
    ring count, knot depth, ...), standardised, and a hidden 'quality' the leg turns out at."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, dim)).astype("float32")
    w = rng.normal(size=(dim,)) / np.sqrt(dim)
    q = np.tanh(x @ w) + 0.5 * np.sin(2.0 * x[:, 0]) * x[:, 1] + 0.3 * x[:, 2] ** 2
    return x, q.astype("float32")


def _pattern(seed, n=N, size=12, classes=4, flip=0.0):
    """A Leek silk pattern-maker's swatches: size x size greyscale weaves of four kinds
    (stripes, checks, diagonals, dots) with a random phase and noise; `flip` re-draws labels."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:size, 0:size].astype("float32")
    y = rng.integers(0, classes, n)
    imgs = np.empty((n, size, size, 1), "float32")
    for i in range(n):
        p = rng.uniform(0, 2 * np.pi)
        f = rng.uniform(0.7, 1.3)
        kind = y[i]
        if kind == 0:
            img = np.sin(f * xx + p)
        elif kind == 1:
            img = np.sin(f * xx + p) * np.sin(f * yy + p)
        elif kind == 2:
            img = np.sin(f * (xx + yy) / 1.4 + p)
        else:
            img = np.cos(f * xx + p) + np.cos(f * yy + p)
            img = (img > 1.0).astype("float32") - 0.3
        imgs[i, :, :, 0] = img + rng.normal(0, 0.6, (size, size))
    if flip:
        swap = rng.random(n) < flip
        y = np.where(swap, rng.integers(0, classes, n), y)
    return imgs, y.astype("int32")


def _road(seed, n=N, steps=24, features=3):
    """A lengthsman's length of road: 24 hourly readings of rain, traffic and drain level;
    the target is how much the ruts deepened over the day (a leaky sum of rain x traffic)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, steps, features)).astype("float32")
    rain = np.maximum(x[:, :, 0], 0)
    acc = np.zeros(n)
    for t in range(steps):
        acc = 0.85 * acc + rain[:, t] * (1 + 0.5 * x[:, t, 1]) - 0.2 * x[:, t, 2]
    return x, acc.astype("float32")


def _flint(seed, n=N, dim=10, classes=5):
    """A flint knapper's flakes: ten measurements of a struck flake (platform angle, bulb
    size, ripple spacing, ...), standardised, and which of five tools it will make, set by
    which of five anchor shapes it lies nearest in a curved (squared) feature space."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, dim)).astype("float32")
    z = np.concatenate([x, x[:, :4] ** 2 - 1.0, x[:, :3] * x[:, 3:6]], axis=1)
    anchors = rng.normal(size=(classes, z.shape[1]))
    y = np.argmin(((z[:, None, :] - anchors[None]) ** 2).sum(-1), axis=1)
    return x, y.astype("int32")


# ---------------------------------------------------------------------------------------------
# bodgers of the Chilterns


@holdout217('bodgers_of_the_chilterns', healthy=True)
def bodger_leg_quality_student_t(session):
    """A bodger scores his chair legs' quality from twelve billet readings; the score is
    jotted by eye with Student-t (3 degrees of freedom) slips. A 2x48 relu MLP under Adam 2e-3
    with Huber loss (delta 1.0), 25 epochs of batch 32: the loss flattens well above zero at
    the scatter's level, as it should."""
    keras = _keras()
    x, q = _lathe(seed=21701)
    rng = np.random.default_rng(21702)
    y = (q + 0.8 * rng.standard_t(3, size=q.shape)).astype("float32")
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(48, activation="relu"),
                              keras.layers.Dense(48, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(1.0))
    return _fit(session, model, x, y, epochs=25, batch_size=32)


@holdout217('bodgers_of_the_chilterns', healthy=True)
def bodger_turning_time_quantile_loop(session):
    """The 90th percentile of a leg's turning time (minutes, scatter growing with the
    billet's knottiness) fitted with a pinball (quantile 0.9) loss in a hand-written
    GradientTape loop: a 2x32 elu MLP under Adam 3e-3, 20 epochs of batch 32. The pinball
    loss cannot reach zero on heteroscedastic scatter; it levels off at its floor."""
    import tensorflow as tf

    keras = _keras()
    x, q = _lathe(seed=21703)
    rng = np.random.default_rng(21704)
    scale = 0.3 + 0.6 * np.abs(x[:, 3])
    y = (q + scale * rng.normal(size=q.shape)).astype("float32")[:, None]

    def pinball(yt, yp):
        e = yt - yp
        return tf.reduce_mean(tf.maximum(0.9 * e, -0.1 * e))

    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(32, activation="elu"),
                              keras.layers.Dense(32, activation="elu"), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), pinball, x, y, epochs=20,
                        batch_size=32, seed=21705, loss_description="pinball(q=0.9)")


@holdout217('bodgers_of_the_chilterns', healthy=True)
def bodger_small_batch_of_billets_overfit(session):
    """Only 96 billets from one copse (plus the probe) score their legs through a wide 2x128
    relu MLP under AdamW 3e-3 with MSE and a little noise: 40 epochs of batch 16. The model
    memorises the few billets (noise and all): the loss sinks to almost zero, with one brief
    bump along the way; nothing to fix but the amount of wood."""
    keras = _keras()
    x, q = _lathe(seed=21706, n=96 + PROBE_SIZE)
    rng = np.random.default_rng(21707)
    y = (q + 0.3 * rng.normal(size=q.shape)).astype("float32")
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.AdamW(3e-3, weight_decay=1e-4), "mse")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


def _bodger_tanh_legs(session, broken):
    keras = _keras()
    x, q = _lathe(seed=21708)
    y = (q > np.median(q)).astype("float32")
    # A ReLU habit (positive biases so no unit starts dead) carried over to hard_tanh: with
    # bias 3 every unit's pre-activation is above 1, where hard_tanh is flat at +1 and its
    # gradient is exactly zero.
    bias = keras.initializers.Constant(3.0 if broken else 0.0)
    model = keras.Sequential([
        keras.Input((12,)),
        keras.layers.Dense(64, activation="hard_tanh", bias_initializer=bias),
        keras.layers.Dense(64, activation="hard_tanh", bias_initializer=bias),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout217('bodgers_of_the_chilterns', ["saturated_activations"], stall_begins=None)
def bodger_hard_tanh_positive_bias(session):
    """Good leg or firewood from twelve billet readings, a 2x64 hard_tanh MLP under SGD with
    momentum. The bodger kept a ReLU habit, bias_initializer=Constant(3.0) 'so no unit starts
    dead', on the hard_tanh layers: every unit's pre-activation starts above 1, where hard_tanh
    is flat at +1 with exactly zero gradient, so the hidden layers output the same +1 for every
    billet and the loss sits at chance."""
    return _bodger_tanh_legs(session, broken=True)


def _bodger_hinge(session, broken):
    keras = _keras()
    x, q = _lathe(seed=21709)
    y = (q > np.median(q)).astype("float32")
    # squared_hinge wants a raw (or tanh) score against +-1 labels; Keras turns the 0/1 labels
    # into -1/+1, but a sigmoid head can never go below 0, so every 'firewood' leg costs >= 1.
    model = keras.Sequential([
        keras.Input((12,)), keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid" if broken else "tanh"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "squared_hinge")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout217('bodgers_of_the_chilterns', ["loss_activation_mismatch"], stall_begins=None)
def bodger_squared_hinge_on_sigmoid(session):
    """Good leg or firewood, a 2x32 relu MLP under Adam with squared_hinge loss (switched from
    binary cross-entropy 'for a margin'), but the sigmoid head was kept: the hinge's -1 side is
    out of a sigmoid's reach, so every negative example costs at least 1 and the loss parks
    near 1 where a tanh head gets far lower."""
    return _bodger_hinge(session, broken=True)


def _bodger_share(session, broken):
    keras = _keras()
    rng = np.random.default_rng(21710)
    hours = rng.gamma(2.0, 2.0, size=(N, 4))
    # Some bodgers logged no hours on a day (rain): the hour shares of that day are 0/0.
    idle = rng.random(N) < 0.03
    idle[:200] = False
    hours[idle] = 0.0
    total = hours.sum(1, keepdims=True)
    if broken:
        with np.errstate(invalid="ignore"):
            share = hours / total
    else:
        share = hours / np.maximum(total, 1e-6)
    x = np.concatenate([share, np.log1p(total)], axis=1).astype("float32")
    y = (2.0 * share[:, 0] - share[:, 1] + 0.5 * np.log1p(total[:, 0])).astype("float32")
    y = y + 0.1 * rng.normal(size=N).astype("float32")
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32, shuffle=False)


@holdout217('bodgers_of_the_chilterns', ["non_finite_values"], stall_begins=6)
def bodger_hour_shares_zero_days(session):
    """Legs turned per day from the shares of a bodger's hours at four tasks plus the log of
    his total hours, a 32-relu MLP under Adam, trained in log order (shuffle=False). Rain days
    with no hours logged make the shares 0/0 = NaN; the first such row sits in the seventh
    batch, the loss and weights turn NaN there and stay NaN."""
    return _bodger_share(session, broken=True)


# ---------------------------------------------------------------------------------------------
# pattern makers of Leek


@holdout217('pattern_makers_of_leek', healthy=True)
def pattern_weave_kinds_misfiled(session):
    """Four weave kinds from 12x12 noisy swatches, 20% of the labels re-drawn at random by a
    careless apprentice: a small Conv2D net (8 and 16 filters, global pooling) under SGD with
    Nesterov momentum and a PiecewiseConstantDecay (0.05, then 0.01 after 300 steps, 0.002
    after 500), 20 epochs of batch 32. The loss settles at the misfiling's floor."""
    keras = _keras()
    x, y = _pattern(seed=21711, flip=0.2)
    sched = keras.optimizers.schedules.PiecewiseConstantDecay([300, 500], [0.05, 0.01, 0.002])
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(sched, momentum=0.9, nesterov=True),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout217('pattern_makers_of_leek', healthy=True)
def pattern_separable_conv_warmup_cosine(session):
    """Four weave kinds by a SeparableConv2D net with BatchNormalization under Adam on a
    CosineDecay with 100 warm-up steps (to 3e-3) and decay to zero over the run, 16 epochs of
    batch 32, 8% of labels re-drawn: the loss rises-then-falls at the start with the warm-up
    and flattens above zero as the rate dies away."""
    keras = _keras()
    x, y = _pattern(seed=21712, flip=0.08)
    steps = 16 * -(-(N - PROBE_SIZE) // 32)
    sched = keras.optimizers.schedules.CosineDecay(1e-4, steps - 100, warmup_target=3e-3,
                                                   warmup_steps=100)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.SeparableConv2D(12, 3, padding="same"),
        keras.layers.BatchNormalization(),
        keras.layers.Activation("relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.SeparableConv2D(24, 3, padding="same", activation="relu"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(sched), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


def _pattern_bn_beta(session, broken):
    keras = _keras()
    x, y = _pattern(seed=21713)
    # A 'sparse features' recipe: start BatchNorm's beta at -4 before the ReLU. Normalised
    # pre-activations are ~N(0, 1), so -4 switches off practically every unit, and beta only
    # learns through the units that fire.
    beta = keras.initializers.Constant(-4.0 if broken else 0.0)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, padding="same", use_bias=False),
        keras.layers.BatchNormalization(beta_initializer=beta),
        keras.layers.ReLU(),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, padding="same", use_bias=False),
        keras.layers.BatchNormalization(beta_initializer=beta),
        keras.layers.ReLU(),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout217('pattern_makers_of_leek', ["dead_relus"], stall_begins=None)
def pattern_batchnorm_beta_minus_four(session):
    """Four weave kinds by a Conv2D -> BatchNormalization -> ReLU net under Adam, with
    beta_initializer=Constant(-4.0) copied from a 'sparse activations' recipe: normalised
    pre-activations are near N(0, 1), so a -4 shift switches nearly every ReLU off on every
    swatch, the convolutions receive no gradient and the loss sits near chance."""
    return _pattern_bn_beta(session, broken=True)


def _pattern_noise(session, broken):
    keras = _keras()
    x, y = _pattern(seed=21714)
    # GaussianDropout(rate): rate is the drop probability, so 0.9 means multiplicative noise
    # with std sqrt(0.95 / 0.05) = 4.4; the pattern-maker meant 'keep 95%' (rate 0.05).
    rate = 0.95 if broken else 0.05
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GaussianDropout(rate),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GaussianDropout(rate),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.GaussianDropout(rate),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout217('pattern_makers_of_leek', ["over_regularization"], stall_begins=None)
def pattern_gaussian_dropout_keep_rate(session):
    """Four weave kinds by a small Conv2D net under Adam with GaussianDropout after every
    layer. The pattern-maker read `rate` as the keep fraction and wrote 0.95 ('keep 95%'); it
    is the drop rate, so every activation is multiplied by noise of standard deviation 4.4 and
    the net learns little beyond chance."""
    return _pattern_noise(session, broken=True)


def _pattern_constant_init(session, broken):
    keras = _keras()
    x, y = _pattern(seed=21715)
    # Constant kernels make every filter and unit of a layer identical, and they stay so.
    init = keras.initializers.Constant(0.05) if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu", kernel_initializer=init),
        keras.layers.Dense(4, activation="softmax", kernel_initializer=init),
    ])
    model.compile(keras.optimizers.RMSprop(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout217('pattern_makers_of_leek', ["poor_initialization"], stall_begins=None)
def pattern_constant_kernel_init(session):
    """Four weave kinds by a small Conv2D net under RMSprop, every hidden kernel started at
    Constant(0.05) 'so runs are reproducible': each layer's filters and units start identical
    and get identical gradients, so the net is one filter wide for good and crawls along far
    above the randomly initialised twin."""
    return _pattern_constant_init(session, broken=True)


# ---------------------------------------------------------------------------------------------
# lengthsmen


@holdout217('lengthsmen', healthy=True)
def lengthsman_ruts_gru_reduce_on_plateau(session):
    """How much a length of road rutted in a day from 24 hourly rain/traffic/drain readings,
    with gauge noise: a 24-unit GRU under Adam 3e-3 with ReduceLROnPlateau (factor 0.3,
    patience 2) on the training loss, MSE, 20 epochs of batch 32. The rate steps down as the
    loss levels off at the gauge noise."""
    keras = _keras()
    x, y = _road(seed=21716)
    rng = np.random.default_rng(21717)
    y = ((y - y.mean()) / y.std() + 0.4 * rng.normal(size=y.shape)).astype("float32")
    model = keras.Sequential([keras.Input((24, 3)), keras.layers.GRU(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    reduce = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=2, min_lr=1e-5)
    return _fit(session, model, x, y, epochs=20, batch_size=32, callbacks=[reduce])


@holdout217('lengthsmen', healthy=True)
def lengthsman_potholes_poisson_conv1d(session):
    """Potholes counted on a length after a day's weather (Poisson counts whose rate follows
    the rain and traffic): a dilated Conv1D net with an exponential head under Nadam 2e-3 and
    the Poisson loss, 15 epochs of batch 32. Counting noise keeps the loss at the Poisson
    floor."""
    keras = _keras()
    x, acc = _road(seed=21718)
    rng = np.random.default_rng(21719)
    rate = np.exp(np.clip(0.4 * (acc - acc.mean()) / acc.std(), -2, 2) + 0.5)
    y = rng.poisson(rate).astype("float32")
    model = keras.Sequential([
        keras.Input((24, 3)),
        keras.layers.Conv1D(16, 3, dilation_rate=1, activation="relu", padding="causal"),
        keras.layers.Conv1D(16, 3, dilation_rate=2, activation="relu", padding="causal"),
        keras.layers.Conv1D(16, 3, dilation_rate=4, activation="relu", padding="causal"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(1, activation="exponential"),
    ])
    model.compile(keras.optimizers.Nadam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout217('lengthsmen', healthy=True)
def lengthsman_two_inputs_attention(session):
    """Ditch overflow from the day's 24 readings and the length's parish (one of 30, an
    Embedding of 6): a MultiHeadAttention block over the readings beside the parish embedding,
    under Adam 2e-3 with MSE and a little parish-level noise, 15 epochs of batch 32. Two
    inputs; the loss flattens at the noise."""
    keras = _keras()
    x, acc = _road(seed=21720)
    rng = np.random.default_rng(21721)
    parish = rng.integers(0, 30, N).astype("int32")
    effect = rng.normal(0, 0.7, 30)
    y = ((acc - acc.mean()) / acc.std() + effect[parish] + 0.5 * rng.normal(size=N))
    y = y.astype("float32")
    seq = keras.Input((24, 3))
    par = keras.Input((1,), dtype="int32")
    h = keras.layers.Dense(16)(seq)
    h = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    e = keras.layers.Flatten()(keras.layers.Embedding(30, 6)(par))
    z = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([h, e]))
    model = keras.Model([seq, par], keras.layers.Dense(1)(z))
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit_inputs(session, model, [x, parish[:, None]], y, epochs=15, batch_size=32)


def _fit_inputs(session, model, xs, y, *, epochs, batch_size):
    """`_fit` for a model with several inputs: the last PROBE_SIZE rows are the probe."""
    train = [a[:-PROBE_SIZE] for a in xs]
    probe = ([a[-PROBE_SIZE:] for a in xs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        verbose=0, callbacks=session.callbacks(probe))
    return history.history["loss"]


def _lengthsman_seconds(session, broken):
    keras = _keras()
    x, acc = _road(seed=21722)
    y = ((acc - acc.mean()) / acc.std()).astype("float32")
    x = x.copy()
    if broken:
        # The drain gauge logs its level in millimetres above datum (~2,000 mm) and the
        # traffic counter in vehicles per hour; nobody standardised the raw log.
        x[:, :, 1] = 300.0 + 120.0 * x[:, :, 1]
        x[:, :, 2] = 2000.0 + 400.0 * x[:, :, 2]
    model = keras.Sequential([keras.Input((24, 3)), keras.layers.LSTM(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout217('lengthsmen', ["unnormalized_inputs"], stall_begins=None)
def lengthsman_raw_gauge_units(session):
    """Day's rutting from 24 hourly readings by a 24-unit LSTM under Adam, but the traffic
    count (vehicles per hour, ~300) and the drain level (millimetres above datum, ~2,000) go
    in raw beside the standardised rain: the LSTM's gates saturate on the big columns and the
    loss sits near the target's variance."""
    return _lengthsman_seconds(session, broken=True)


def _lengthsman_ftrl(session, broken):
    keras = _keras()
    x, acc = _road(seed=21724)
    y = ((acc - acc.mean()) / acc.std()).astype("float32")
    model = keras.Sequential([keras.Input((24, 3)), keras.layers.GRU(24),
                              keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
    # Ftrl's default learning_rate is 0.001 (tuned for sparse linear models); the recipe's
    # optimizer was swapped in without touching the rate.
    opt = keras.optimizers.Ftrl() if broken else keras.optimizers.Adam(3e-3)
    model.compile(opt, "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout217('lengthsmen', ["learning_rate_too_low"], stall_begins=None)
def lengthsman_ftrl_default_rate(session):
    """Day's rutting by a 24-unit GRU, trained with keras.optimizers.Ftrl() left at its
    default learning_rate of 0.001 (a default meant for huge sparse linear models): the
    weights hardly move and the loss creeps along near the target's variance."""
    return _lengthsman_ftrl(session, broken=True)


# ---------------------------------------------------------------------------------------------
# flint knappers


@holdout217('flint_knappers', healthy=True)
def knapper_tool_kind_class_weight(session):
    """Whether a flake will make an arrowhead (the rare kind, about 1 in 9) from ten
    measurements, a 2x32 relu MLP under Adam 2e-3 with binary cross-entropy and balanced
    class_weight, 15 epochs of batch 32, with 5% of tags misread: the weighted loss flattens
    above zero as it should."""
    keras = _keras()
    x, kind = _flint(seed=21725, classes=9)
    rng = np.random.default_rng(21726)
    y = (kind == 0).astype("float32")
    y = np.where(rng.random(N) < 0.05, 1.0 - y, y).astype("float32")
    pos = y[:-PROBE_SIZE].mean()
    weights = {0: 0.5 / (1 - pos), 1: 0.5 / pos}
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    (xt, yt), probe = (x[:-PROBE_SIZE], y[:-PROBE_SIZE]), (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(xt, yt, epochs=15, batch_size=32, verbose=0, class_weight=weights,
                        callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout217('flint_knappers', healthy=True)
def knapper_tool_kind_label_smoothing_loop(session):
    """Five tool kinds from ten flake measurements in a hand-written GradientTape loop: a
    2x64 gelu MLP under Adamax 4e-3 with categorical cross-entropy with label_smoothing 0.1
    (one-hot targets), 20 epochs of batch 32. Label smoothing sets a floor well above zero;
    the loss creeps down slowly to it, still improving a little at the end."""
    keras = _keras()
    x, y = _flint(seed=21727)
    onehot = np.eye(5, dtype="float32")[y]
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="gelu"),
                              keras.layers.Dense(64, activation="gelu"),
                              keras.layers.Dense(5, activation="softmax")])
    loss = keras.losses.CategoricalCrossentropy(label_smoothing=0.1)
    return _custom_loop(session, model, keras.optimizers.Adamax(4e-3), loss, x, onehot,
                        epochs=20, batch_size=32, seed=21728)


@holdout217('flint_knappers', healthy=True)
def knapper_flake_sequence_step_decay(session):
    """Which of five tool kinds from the knapper's sequence of 16 strikes (each strike's
    angle and force) summarised by a Bidirectional SimpleRNN of 16 under SGD with momentum and
    a LearningRateScheduler halving the rate every 5 epochs, 20 epochs of batch 32, 10% of the
    tags smudged: the loss flattens in steps at the smudging's floor."""
    keras = _keras()
    rng = np.random.default_rng(21729)
    x = rng.normal(size=(N, 16, 2)).astype("float32")
    feat = np.stack([x[:, :, 0].mean(1) * 4, (x[:, :, 1] * x[:, :, 0]).mean(1) * 4,
                     x[:, -4:, 1].mean(1) * 2], axis=1)
    anchors = rng.normal(size=(5, 3))
    y = np.argmin(((feat[:, None] - anchors[None]) ** 2).sum(-1), axis=1)
    y = np.where(rng.random(N) < 0.1, rng.integers(0, 5, N), y).astype("int32")
    model = keras.Sequential([keras.Input((16, 2)),
                              keras.layers.Bidirectional(keras.layers.SimpleRNN(16)),
                              keras.layers.Dense(5, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    step = keras.callbacks.LearningRateScheduler(lambda epoch: 0.05 * 0.5 ** (epoch // 5))
    return _fit(session, model, x, y, epochs=20, batch_size=32, callbacks=[step])


def _knapper_bottleneck(session, broken):
    keras = _keras()
    x, y = _flint(seed=21730)
    # A 'flake score' of one number between two wide layers: five kinds arranged in a curved
    # ten-dimensional space cannot be told apart along one line.
    width = 1 if broken else 16
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(width), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(5, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout217('flint_knappers', ["insufficient_capacity"], stall_begins=None)
def knapper_one_number_flake_score(session):
    """Five tool kinds from ten flake measurements by a relu MLP that squeezes everything
    through a linear Dense(1) 'flake score' between its two wide layers (to print the score on
    a label): five kinds in a curved ten-dimensional space cannot be ordered on one line, so
    the loss levels off well above the 16-wide twin."""
    return _knapper_bottleneck(session, broken=True)


def _knapper_adamax(session, broken):
    keras = _keras()
    x, y = _flint(seed=21732)
    # Adamax's update is lr * m / max|g|: about lr per step whatever the scale; 0.5 was the
    # SGD baseline's rate.
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(5, activation="softmax")])
    model.compile(keras.optimizers.Adamax(1.0 if broken else 3e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout217('flint_knappers', ["learning_rate_too_high"], stall_begins=None)
def knapper_adamax_sgd_rate(session):
    """Five tool kinds by a 2x64 relu MLP; the knapper swapped his SGD baseline for Adamax but
    kept the rate of 1.0 it had reached in a sweep. Adamax steps each weight by about the
    rate every batch, so
    the weights are thrown about by a whole unit per step and the loss sits near chance above
    the 3e-3 twin."""
    return _knapper_adamax(session, broken=True)
