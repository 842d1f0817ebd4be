"""The two-hundred-and-thirty-fourth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades, numpy data from seeds 23401..23481, the last PROBE_SIZE rows of each set the probe:
flint knappers of Brandon (flake length from six strike readings with Student-t scatter from
hidden flaws; nodule photographs banded across or down), whip makers (tension traces along a
plaited thong, three plait kinds), needle scourers of Redditch (needles spoilt per thousand in a
scouring barrel, a Poisson count) and felt hatters (whether a hat body fails inspection).

It holds 13 scenarios, not 24: time ran short, so it is a short honest catalogue.

Healthy half (6, nothing to fix): flake length under Huber loss with SGD momentum and
PiecewiseConstantDecay; nodule banding by a small Conv2D net with a quarter of the labels
swapped; plait kind by a Conv1D-fronted self-attention block under AdamW with a fifth of labels
wrong; spoilt needles by an exponential head under Keras's Poisson loss with RMSprop; the 90th
percentile of spoilt needles by a pinball loss in a GradientTape loop; rare (5%) inspection
failures with class_weight, still falling slowly at the end.

Broken half (7, one root cause each, each trained beside its fixed twin with Session(None)):
ReLU(threshold=6) written for ReLU(max_value=6) (dead relus; 1.13 against 0.23); 1x1 Conv2D
kernels copied from a channel-mixing recipe on a direction task (capacity; log 2 against 0);
Adagrad given 1e-6, an epsilon pasted as the rate (too low; 1.09 flat against 0.007); raw
spindle rpm and newtons into an LSTM (unnormalised; log 3 from about step 32, approximate,
against 0.007); a hand-written Poisson likelihood over a linear head in a custom loop
(non-finite: NaN from the first steps); activity_regularizer=L1(0.5) where a kernel penalty was
meant (over-regularisation; log 2 from about step 384, approximate, against 0.40); Adam(0.5),
the rate of the SGD recipe it replaced (too high; ~0.66 wandering from about step 64,
approximate, against 0.25).

Dropped because they did not behave as intended: a one-unit softmax head under binary
cross-entropy (loss/activation mismatch: Keras 3 trained it exactly like the sigmoid fix); a
first self-attention healthy run with a Dense front had no positional information and barely
learned, so it got a Conv1D front. Not written, for lack of time: vanishing and exploding
gradients, saturated activations, poor initialisation. Not written because earlier catalogues
hold them: deep sigmoid stacks, zero/constant kernels, negative relu biases, L1/L2 kernel and
dropout over-regularisation, raw units into MLPs/CNNs, NaN features/targets, log(0) targets,
ReduceLROnPlateau, warm-up then cosine, small-data memorisation.

Labels: expected_causes[0] is the mistake the run was built around (only one is given);
stall_begins is the 0-based optimizer step from which the broken loss stops improving (None:
from the start), read off the epoch losses (32 steps an epoch); the three non-None are
approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _split, registrar

FAMILIES = ('flint_knappers_of_brandon', 'whip_makers', 'needle_scourers_of_redditch',
            'felt_hatters')
REGISTRY = []
holdout234 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data


def _flakes(seed, n=N, noise=0.3):
    """A Brandon knapper's strike: six readings (angle, force, platform depth...) -> flake
    length in standardised units, with Student-t scatter from hidden flaws in the flint."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 6)).astype("float32")
    y = np.tanh(x[:, 0]) + 0.6 * x[:, 1] * x[:, 2] - 0.4 * x[:, 3] + 0.3 * np.abs(x[:, 4])
    y = y + noise * rng.standard_t(3.0, size=n)
    return x, y.astype("float32")[:, None]


def _nodules(seed, n=N, size=12, flip=0.0):
    """Photographs of flint nodules: banding runs across (0) or down (1) the stone."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 2, size=n)
    i, j = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
    phase = rng.uniform(0, 6.28, size=(n, 1, 1))
    across = np.sin(1.1 * i[None] + phase)
    down = np.sin(1.1 * j[None] + phase)
    x = np.where(labels[:, None, None] == 0, across, down) + 0.5 * rng.normal(size=(n, size, size))
    if flip:
        bad = rng.random(n) < flip
        labels = np.where(bad, 1 - labels, labels)
    return x.astype("float32")[..., None], labels.astype("int32")


def _thong(seed, n=N, steps=24, flip=0.0):
    """A whip maker's braid: tension along a plaited thong (three channels); three plait kinds."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 3, size=n)
    t = np.linspace(0, 1, steps)
    freq = np.array([2.0, 4.0, 6.0])[labels]
    x = np.sin(2 * np.pi * freq[:, None] * t[None] + rng.uniform(0, 6.28, size=(n, 1)))
    x = np.stack([x, np.cos(2 * np.pi * freq[:, None] * t[None]), 0 * x], -1)
    x = x + 0.5 * rng.normal(size=(n, steps, 3))
    if flip:
        bad = rng.random(n) < flip
        labels = np.where(bad, rng.integers(0, 3, size=n), labels)
    return x.astype("float32"), labels.astype("int32")


def _scour(seed, n=N):
    """A Redditch scouring barrel: five readings (hours, emery grade, soap, load, speed) ->
    needles spoilt per thousand, a Poisson count."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 5)).astype("float32")
    rate = np.exp(0.8 + 0.5 * x[:, 0] - 0.3 * x[:, 1] + 0.2 * x[:, 2] * x[:, 3])
    return x, rng.poisson(rate).astype("float32")[:, None]


def _hats(seed, n=N, positive=0.5):
    """A felt hatter's batch: eight readings of the planking (heat, mercury wash, fur blend...)
    -> whether the hat body failed inspection."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 8)).astype("float32")
    score = x[:, 0] + 0.8 * x[:, 1] * x[:, 2] - 0.6 * x[:, 3] + 0.5 * np.sin(2 * x[:, 4])
    cut = np.quantile(score, 1 - positive)
    p = 1 / (1 + np.exp(-4 * (score - cut)))
    return x, (rng.random(n) < p).astype("float32")[:, None]


# ---------------------------------------------------------------------------------------------
# broken runs, each trainable with or without its mistake


def _relu_threshold(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(23410)
    x, y = _flakes(23411)
    # ReLU(threshold=6) was meant as ReLU(max_value=6), a capped "relu6".
    act = dict(threshold=6.0) if broken else dict(max_value=6.0)
    model = keras.Sequential([keras.Input((6,)),
                              keras.layers.Dense(64), keras.layers.ReLU(**act),
                              keras.layers.Dense(64), keras.layers.ReLU(**act),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _pointwise_conv(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(23420)
    x, y = _nodules(23421)
    k = 1 if broken else 3  # kernel_size=1 copied from a channel-mixing recipe
    model = keras.Sequential([keras.Input((12, 12, 1)),
                              keras.layers.Conv2D(16, k, activation="relu"),
                              keras.layers.Conv2D(16, k, activation="relu"),
                              keras.layers.GlobalAveragePooling2D(),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _adagrad_tiny(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(23440)
    x, y = _thong(23441)
    # the rate of an Adam recipe's epsilon pasted into Adagrad's learning_rate
    lr = 1e-6 if broken else 5e-2
    model = keras.Sequential([keras.Input((24, 3)),
                              keras.layers.Conv1D(16, 5, activation="relu"),
                              keras.layers.Conv1D(16, 5, activation="relu"),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adagrad(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _handwritten_poisson(session, broken):
    import tensorflow as tf

    keras = _keras()
    keras.utils.set_random_seed(23450)
    x, y = _scour(23451)
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation=None if broken else "exponential")])

    def poisson_nll(targets, rate):
        # the rate is taken to be positive; a linear head does not promise that
        return tf.reduce_mean(rate - targets * tf.math.log(rate))

    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), poisson_nll, x, y,
                        epochs=10, batch_size=32, seed=23452)


def _activity_l1(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(23460)
    x, y = _hats(23461)
    reg = keras.regularizers.L1(0.5) if broken else None  # meant as kernel_regularizer=L1(5e-4)
    kreg = None if broken else keras.regularizers.L1(5e-4)
    model = keras.Sequential([keras.Input((8,)),
                              keras.layers.Dense(64, activation="relu", activity_regularizer=reg,
                                                 kernel_regularizer=kreg),
                              keras.layers.Dense(64, activation="relu", activity_regularizer=reg,
                                                 kernel_regularizer=kreg),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _raw_rpm_lstm(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(23470)
    x, y = _thong(23471)
    if broken:
        # the braiding machine logs spindle speed in rpm and tension in newtons
        x = x * np.array([400.0, 250.0, 1.0], "float32") + np.array([2400.0, 900.0, 0.0],
                                                                      "float32")
    model = keras.Sequential([keras.Input((24, 3)), keras.layers.LSTM(16),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _adam_half(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(23480)
    x, y = _hats(23481)
    lr = 0.5 if broken else 1e-3  # Adam given the SGD rate of the recipe it replaced
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(lr), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


# ---------------------------------------------------------------------------------------------
# flint knappers of Brandon


@holdout234("flint_knappers_of_brandon", healthy=True)
def flake_length_huber_piecewise(session):
    """Flake length from six strike readings with Student-t scatter from hidden flaws, a relu MLP
    under Huber loss with SGD momentum and a PiecewiseConstantDecay schedule (0.05, 0.01, 0.002
    at steps 200 and 400); it flattens at the scatter, far above zero."""
    keras = _keras()
    keras.utils.set_random_seed(23401)
    x, y = _flakes(23402, noise=0.6)
    lr = keras.optimizers.schedules.PiecewiseConstantDecay([200, 400], [0.05, 0.01, 0.002])
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(48, activation="relu"),
                              keras.layers.Dense(48, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(lr, momentum=0.9), keras.losses.Huber(1.0))
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout234("flint_knappers_of_brandon", healthy=True)
def nodule_banding_noisy_labels(session):
    """Nodule photographs, banding across or down, a small Conv2D net under Adam, with a
    quarter of the labels swapped by a careless sorter; the loss levels near the noise floor."""
    keras = _keras()
    keras.utils.set_random_seed(23403)
    x, y = _nodules(23404, flip=0.25)
    model = keras.Sequential([keras.Input((12, 12, 1)),
                              keras.layers.Conv2D(16, 3, activation="relu"),
                              keras.layers.Conv2D(16, 3, activation="relu"),
                              keras.layers.GlobalAveragePooling2D(),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout234("flint_knappers_of_brandon", ["dead_relus"], stall_begins=None)
def relu_threshold_for_max_value(session):
    """Flake length by a relu MLP whose ReLU layers were written ReLU(threshold=6.0) where a
    capped relu6, ReLU(max_value=6.0), was meant: nearly every unit sits below the threshold
    and passes no gradient."""
    return _relu_threshold(session, broken=True)


@holdout234("flint_knappers_of_brandon", ["insufficient_capacity"], stall_begins=None)
def pointwise_kernels_for_banding(session):
    """Nodule banding by a Conv2D net whose kernel_size=1 was copied from a channel-mixing
    recipe: 1x1 kernels and global pooling see no direction, so across and down look alike."""
    return _pointwise_conv(session, broken=True)


# ---------------------------------------------------------------------------------------------
# whip makers


@holdout234("whip_makers", healthy=True)
def plait_kind_attention_label_noise(session):
    """Plait kind from the tension trace along a thong, a one-block self-attention model (a
    Conv1D front for local order, MultiHeadAttention, pooled) under AdamW, with a fifth of the
    plait labels recorded wrong."""
    keras = _keras()
    keras.utils.set_random_seed(23405)
    x, y = _thong(23406, flip=0.2)
    inp = keras.Input((24, 3))
    h = keras.layers.Conv1D(16, 5, padding="same", activation="relu")(inp)
    h = h + keras.layers.MultiHeadAttention(2, 8)(h, h)
    h = keras.layers.GlobalAveragePooling1D()(keras.layers.LayerNormalization()(h))
    model = keras.Model(inp, keras.layers.Dense(3, activation="softmax")(h))
    model.compile(keras.optimizers.AdamW(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout234("whip_makers", ["learning_rate_too_low"], stall_begins=None)
def adagrad_given_epsilon(session):
    """Plait kind by a Conv1D net under Adagrad whose learning_rate was given 1e-6, a number
    pasted from an Adam recipe's epsilon; the loss does not move."""
    return _adagrad_tiny(session, broken=True)


@holdout234("whip_makers", ["unnormalized_inputs"], stall_begins=32)
def spindle_rpm_into_lstm(session):
    """Plait kind by an LSTM fed the braiding machine's raw log: spindle speed in rpm (around
    2400) and tension in newtons (around 900); the gates saturate and the loss sits at log 3
    from the second epoch (approximate)."""
    return _raw_rpm_lstm(session, broken=True)


# ---------------------------------------------------------------------------------------------
# needle scourers of Redditch


@holdout234("needle_scourers_of_redditch", healthy=True)
def spoilt_needles_poisson(session):
    """Spoilt needles per thousand from five barrel readings, an exponential-head MLP under
    Keras's Poisson loss with RMSprop; the count noise keeps the loss well above zero."""
    keras = _keras()
    keras.utils.set_random_seed(23407)
    x, y = _scour(23408)
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    model.compile(keras.optimizers.RMSprop(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout234("needle_scourers_of_redditch", healthy=True)
def spoilt_needles_quantile_loop(session):
    """Spoilt needles, the 90th percentile by a pinball loss in a GradientTape loop under Adam:
    a scourer's planning figure, flattening at the quantile's own spread."""
    import tensorflow as tf

    keras = _keras()
    keras.utils.set_random_seed(23409)
    x, y = _scour(23412)

    def pinball(targets, pred):
        err = targets - pred
        return tf.reduce_mean(tf.maximum(0.9 * err, -0.1 * err))

    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), pinball, x, y,
                        epochs=20, batch_size=32, seed=23413)


@holdout234("needle_scourers_of_redditch", ["non_finite_values"], stall_begins=None)
def handwritten_poisson_linear_head(session):
    """Spoilt needles in a GradientTape loop whose Poisson likelihood was written by hand,
    rate - y * log(rate), over a linear head: negative rates give log of a negative and the
    loss is NaN from the first steps while the loop keeps training."""
    return _handwritten_poisson(session, broken=True)


# ---------------------------------------------------------------------------------------------
# felt hatters


@holdout234("felt_hatters", healthy=True)
def rare_failures_class_weight(session):
    """Hat bodies failing inspection, one in twenty, a relu MLP under Adam with class_weight
    balancing the rare failures; the weighted loss flattens well above zero."""
    keras = _keras()
    keras.utils.set_random_seed(23414)
    x, y = _hats(23415, positive=0.05)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    (x_train, y_train), probe = _split(x, y)
    history = model.fit(x_train, y_train, epochs=20, batch_size=64, verbose=0,
                        class_weight={0: 1.0, 1: 10.0}, callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout234("felt_hatters", ["over_regularization"], stall_begins=384)
def activity_l1_for_kernel_l1(session):
    """Inspection failures by a relu MLP given activity_regularizer=L1(0.5) where a small
    kernel_regularizer was meant: the penalty silences the hidden units and the loss settles
    at log 2 after about twelve epochs (approximate)."""
    return _activity_l1(session, broken=True)


@holdout234("felt_hatters", ["learning_rate_too_high"], stall_begins=64)
def adam_given_sgd_rate(session):
    """Inspection failures by a relu MLP under Adam(0.5), the rate of the SGD recipe it
    replaced: the loss jumps, then wanders near 0.6-0.7 (from about step 64, approximate)."""
    return _adam_half(session, broken=True)
