"""The held-out catalogue: broken and healthy trainings written AFTER the diagnosis engine was
tuned on `scenarios.py`. It was measured once (benchmarks/results/accuracy_holdout_before_round2.md);
the engine's second tuning round then studied its misses, so it is no longer held out:
`holdout2.py` is.

`benchmarks/accuracy.py --catalogue holdout` scores the engine on these runs; that number is
the honest estimate of how it does on trainings it has not seen, while the main catalogue's
score is a ceiling. Do not tune the engine on this file: when a scenario here is diagnosed
wrongly, the fix belongs in the engine only if it also makes sense for trainings that are in
neither catalogue, and the run must then be replaced by a new held-out one.

The scenarios were designed from how these failures happen in practice, without reading the
engine's detectors or thresholds, and use models, data and magnitudes the main catalogue does
not: Conv1D nets on 1-D signals, Embedding + GlobalAveragePooling1D on token sequences,
functional residual models, Huber regression, 40-class problems, RGB images in 0..255,
RMSprop / Adagrad / AdamW / SGD with momentum, batch sizes 8 and 256, and PlateauLogger in a
hand-written loop inside tf.function.

Labels follow `scenarios.py`: `expected_causes[0]` is the root cause the scenario was built
around, a second cause only where that symptom is genuinely present too; `stall_begins` is
the optimizer step from which the loss stops improving (None: from the start), exact where an
event of the scenario causes it, otherwise read off the logged per-step loss and marked
approximate. Every scenario was checked to break as labelled from its loss curve and logged
signals (not from the diagnosis) before the benchmark was run once.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("text", "conv1d", "images", "tabular", "resnet", "custom")

REGISTRY = []


# Registered here, not in the main catalogue.
holdout = registrar(REGISTRY)


# ---------------------------------------------------------------------------------------------
# data (new generators; the main catalogue's data.py is not used)


def _rng(seed):
    return np.random.default_rng(seed)


VOCAB = 300
SEQ_LEN = 24


def topic_tokens(n, seed, classes=6, keywords=5, per_text=3):
    """Token-id sequences [n, SEQ_LEN] (0 is never used) whose class is the topic of the few
    keyword tokens sprinkled into random filler words."""
    r = _rng(seed)
    first_filler = 1 + classes * keywords
    x = r.integers(first_filler, VOCAB, size=(n, SEQ_LEN))
    y = r.integers(0, classes, size=n)
    for i in range(n):
        where = r.choice(SEQ_LEN, size=per_text, replace=False)
        x[i, where] = 1 + y[i] * keywords + r.integers(0, keywords, size=per_text)
    return x.astype("int32"), y.astype("int32")


def ordered_tokens(n, seed, fillers=20):
    """4 classes = (which of two keywords appears) x (whether marker P comes before marker Q).

    Both markers appear in every sequence, so half of the label is only in the word order. The
    filler words come from a small vocabulary, so single texts cannot be memorized by their
    bag of words either."""
    r = _rng(seed)
    x = r.integers(5, 5 + fillers, size=(n, SEQ_LEN))
    keyword = r.integers(0, 2, size=n)
    order = r.integers(0, 2, size=n)
    for i in range(n):
        a, b, k = r.choice(SEQ_LEN, size=3, replace=False)
        first, second = min(a, b), max(a, b)
        x[i, first], x[i, second] = (1, 2) if order[i] == 0 else (2, 1)
        x[i, k] = 3 + keyword[i]
    y = 2 * order + keyword
    return x.astype("int32"), y.astype("int32")


MOTIF_LEN = 12


def motifs(n, seed, length=64, classes=4, noise=0.5):
    """1-D signals [n, length, 1]: noise with one motif (sine burst, square pulse, ramp, double
    spike) at a random place; the label is the motif. Also returns each motif's amplitude."""
    r = _rng(seed)
    t = np.linspace(0.0, 1.0, MOTIF_LEN)
    shapes = [
        np.sin(2 * np.pi * 2 * t),
        np.where((t > 0.2) & (t < 0.8), 1.0, -0.3),
        2 * t - 1.0,
        np.where((np.abs(t - 0.25) < 0.06) | (np.abs(t - 0.75) < 0.06), 1.5, 0.0),
    ]
    x = r.normal(0.0, noise, size=(n, length))
    y = r.integers(0, classes, size=n)
    amplitude = r.uniform(1.0, 2.5, size=n)
    for i in range(n):
        at = r.integers(0, length - MOTIF_LEN)
        x[i, at : at + MOTIF_LEN] += amplitude[i] * shapes[y[i]]
    return x[..., None].astype("float32"), y.astype("int32"), amplitude.astype("float32")


def stripes(n, seed, size=16):
    """RGB images [n, size, size, 3] with pixel values 0..255 (as a decoded PNG gives them):
    coloured stripes whose orientation (horizontal, vertical, diagonal, anti-diagonal) is the
    label."""
    r = _rng(seed)
    yy, xx = np.mgrid[0:size, 0:size]
    coords = [yy, xx, yy + xx, yy - xx]
    images = np.empty((n, size, size, 3), dtype="float32")
    y = r.integers(0, 4, size=n)
    for i in range(n):
        period = r.integers(3, 7)
        phase = r.uniform(0, 2 * np.pi)
        wave = 0.5 + 0.5 * np.sin(2 * np.pi * coords[y[i]] / period + phase)
        fg, bg = r.uniform(0, 255, size=3), r.uniform(0, 255, size=3)
        images[i] = wave[..., None] * fg + (1 - wave[..., None]) * bg
    images += r.normal(0.0, 20.0, size=images.shape)
    return np.clip(images, 0, 255).astype("float32"), y.astype("int32")


def prototypes(n, seed, classes=40, dim=32, spread=1.0, separation=1.6):
    """Standardized 40-class data in 32-D: noisy copies of one prototype per class."""
    r = _rng(seed)
    centers = r.normal(0.0, separation, size=(classes, dim))
    y = r.integers(0, classes, size=n)
    x = centers[y] + r.normal(0.0, spread, size=(n, dim))
    x = (x - x.mean(axis=0)) / x.std(axis=0)
    return x.astype("float32"), y.astype("int32")


def friedman(n, seed):
    """Friedman #1 regression: 10 features uniform in [0, 1] (5 unused), target ~14 +- 5
    (read as an energy use in kWh)."""
    r = _rng(seed)
    x = r.uniform(0.0, 1.0, size=(n, 10))
    y = (10 * np.sin(np.pi * x[:, 0] * x[:, 1]) + 20 * (x[:, 2] - 0.5) ** 2 + 10 * x[:, 3]
         + 5 * x[:, 4] + r.normal(0.0, 1.0, size=n))
    return x.astype("float32"), y.astype("float32")


def _standardized(y):
    return ((y - y.mean()) / y.std()).astype("float32")


# ---------------------------------------------------------------------------------------------
# model builders


def _bag_of_words(keras, outputs, out_activation="softmax", hidden=32, **dense_kw):
    return keras.Sequential(
        [
            keras.Input((SEQ_LEN,), dtype="int32"),
            keras.layers.Embedding(VOCAB, 16),
            keras.layers.GlobalAveragePooling1D(),
            keras.layers.Dense(hidden, activation="relu", **dense_kw),
            keras.layers.Dense(outputs, activation=out_activation),
        ]
    )


def _conv1d(keras, outputs, out_activation="softmax", filters=(16, 16, 16), kernel=5,
            activation="relu", head=None, pool="max", **conv_kw):
    layers = [keras.Input((64, 1))]
    for f in filters:
        layers.append(keras.layers.Conv1D(f, kernel, activation=activation, padding="same",
                                          **conv_kw))
    layers.append(keras.layers.GlobalMaxPooling1D() if pool == "max"
                  else keras.layers.GlobalAveragePooling1D())
    for layer in head or []:
        layers.append(layer)
    layers.append(keras.layers.Dense(outputs, activation=out_activation,
                                     **{k: v for k, v in conv_kw.items()
                                        if k in ("kernel_initializer", "kernel_regularizer")}))
    return keras.Sequential(layers)


def _stripes_cnn(keras, rescale=True, dropout=0.0):
    layers = [keras.Input((16, 16, 3))]
    if rescale:
        layers.append(keras.layers.Rescaling(1.0 / 255))
    for f in (16, 32):
        layers.append(keras.layers.Conv2D(f, 3, activation="relu", padding="same"))
        if dropout:
            layers.append(keras.layers.Dropout(dropout))
        layers.append(keras.layers.MaxPooling2D())
    layers += [keras.layers.Flatten(), keras.layers.Dense(32, activation="relu")]
    if dropout:
        layers.append(keras.layers.Dropout(dropout))
    layers.append(keras.layers.Dense(4, activation="softmax"))
    return keras.Sequential(layers)


def _dense_stack(keras, inputs, hidden, outputs, out_activation="softmax", **dense_kw):
    layers = [keras.Input((inputs,))]
    layers += [keras.layers.Dense(h, **dense_kw) for h in hidden]
    layers.append(keras.layers.Dense(outputs, activation=out_activation))
    return keras.Sequential(layers)


def _residual_mlp(keras, inputs, outputs, blocks, width=64, out_activation=None,
                  block_initializer="glorot_uniform", branch_out_activation="relu"):
    x_in = keras.Input((inputs,))
    h = keras.layers.Dense(width, activation="relu", name="stem")(x_in)
    for b in range(blocks):
        branch = keras.layers.Dense(width, activation="relu", kernel_initializer=block_initializer,
                                    name=f"block{b}_a")(h)
        branch = keras.layers.Dense(width, activation=branch_out_activation,
                                    kernel_initializer=block_initializer, name=f"block{b}_b")(branch)
        h = keras.layers.Add(name=f"block{b}_add")([h, branch])
    out = keras.layers.Dense(outputs, activation=out_activation, name="head")(h)
    return keras.Model(x_in, out)


# ---------------------------------------------------------------------------------------------
# controls


@holdout("text", healthy=True)
def bag_of_words_topics(session):
    """6 topics in 24-token texts, Embedding(300, 16) + GlobalAveragePooling1D + Dense, Adam 3e-3,
    batch 8: learns throughout."""
    keras = _keras()
    x, y = topic_tokens(768 + PROBE_SIZE, seed=201)
    model = _bag_of_words(keras, 6)
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=3, batch_size=8)


@holdout("conv1d", healthy=True)
def motif_detector(session):
    """Motif detection in 64-step signals, 3 Conv1D relu layers + GlobalMaxPooling1D, RMSprop 1e-3."""
    keras = _keras()
    x, y, _ = motifs(1024 + PROBE_SIZE, seed=202)
    model = _conv1d(keras, 4)
    model.compile(keras.optimizers.RMSprop(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout("tabular", healthy=True)
def huber_energy_regression(session):
    """Friedman-1 energy regression (target standardized), 3x64 relu MLP, Huber loss, SGD 0.03 +
    momentum 0.9, batch 256: still improving at the end."""
    keras = _keras()
    x, y = friedman(2048 + PROBE_SIZE, seed=203)
    model = _dense_stack(keras, 10, [64, 64, 64], 1, out_activation=None, activation="relu")
    model.compile(keras.optimizers.SGD(0.03, momentum=0.9), keras.losses.Huber())
    return _fit(session, model, x, _standardized(y), epochs=20, batch_size=256)


@holdout("custom", healthy=True)
def residual_40_classes(session):
    """Custom tf.function loop with PlateauLogger: functional residual MLP (3 blocks) on 40
    classes in 32-D, logits + from_logits cross-entropy, Adam 1e-3."""
    keras = _keras()
    x, y = prototypes(1024 + PROBE_SIZE, seed=204)
    model = _residual_mlp(keras, 32, 40, blocks=3)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.Adam(1e-3), loss, x, y,
                        epochs=8, batch_size=32, seed=204)


# ---------------------------------------------------------------------------------------------
# learning_rate_too_high


# The loss is ln(6) at step 1, jumps to ~600 and bounces above ln(6) for the rest of the run;
# the first updates also leave the hidden relu layer zero for every text.
@holdout("text", ["learning_rate_too_high", "dead_relus"])
def adam_lr_3(session):
    """Topic classifier (Embedding + pooling) with Adam at 3.0 (meant 3e-3), batch 8: the first
    updates throw the weights far off; the loss stays above ln(6) for the rest of the run."""
    keras = _keras()
    x, y = topic_tokens(768 + PROBE_SIZE, seed=211)
    model = _bag_of_words(keras, 6)
    model.compile(keras.optimizers.Adam(3.0), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=2, batch_size=8)


# ExponentialDecay with decay_rate=2 (meant 0.5) doubles the rate every 20 steps: 1e-3 at the
# start, 1e-2 at step 66, 0.1 at step 133. The loss falls to ~0.06 at step ~70, then rises and
# bounces (0.1-0.27), and jumps to ~ln(4) and above from step ~140: approximate.
# By the end the last conv layer outputs zero for every signal.
@holdout("conv1d", ["learning_rate_too_high", "dead_relus"], stall_begins=70)
def growing_exponential_schedule(session):
    """Motif Conv1D net, Adam with ExponentialDecay(1e-3, decay_steps=20, decay_rate=2.0): a
    'decay' that doubles the learning rate every 20 steps."""
    keras = _keras()
    x, y, _ = motifs(1024 + PROBE_SIZE, seed=212)
    model = _conv1d(keras, 4)
    schedule = keras.optimizers.schedules.ExponentialDecay(1e-3, decay_steps=20, decay_rate=2.0)
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# ---------------------------------------------------------------------------------------------
# learning_rate_too_low


@holdout("conv1d", ["learning_rate_too_low"])
def rmsprop_lr_1e6(session):
    """Motif Conv1D net with RMSprop at 1e-6 (meant 1e-3): the loss barely moves in 256 steps."""
    keras = _keras()
    x, y, _ = motifs(1024 + PROBE_SIZE, seed=221)
    model = _conv1d(keras, 4)
    model.compile(keras.optimizers.RMSprop(1e-6), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout("tabular", ["learning_rate_too_low"])
def adagrad_lr_1e5_batch_8(session):
    """Huber energy regression, 3x64 relu MLP, Adagrad at 1e-5 with batch 8: Adagrad's already
    shrinking steps start 100x too small; the loss creeps."""
    keras = _keras()
    x, y = friedman(1024 + PROBE_SIZE, seed=222)
    model = _dense_stack(keras, 10, [64, 64, 64], 1, out_activation=None, activation="relu")
    model.compile(keras.optimizers.Adagrad(1e-5), keras.losses.Huber())
    return _fit(session, model, x, _standardized(y), epochs=2, batch_size=8)


# ---------------------------------------------------------------------------------------------
# vanishing_gradients


@holdout("conv1d", ["vanishing_gradients"])
def sigmoid_12_layers(session):
    """12 stacked sigmoid Conv1D layers on motif signals, SGD 0.05 + momentum 0.9: the gradient
    reaching the first layers is orders of magnitude smaller than at the head."""
    keras = _keras()
    x, y, _ = motifs(1024 + PROBE_SIZE, seed=231)
    model = _conv1d(keras, 4, filters=(8,) * 12, kernel=3, activation="sigmoid", pool="avg")
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# ---------------------------------------------------------------------------------------------
# exploding_gradients


# Gradient norm ~9e3 at step 1, loss 5 -> 7e2 -> 3e36 -> NaN from step 4.
@holdout("resnet", ["exploding_gradients", "non_finite_values"])
def unnormalized_residual_stack(session):
    """Functional residual MLP, 10 blocks (Dense relu -> Dense linear, added back) without any
    normalization or branch scaling: the activations' scale doubles block after block, the
    gradient norm starts ~1e4; MSE regression, SGD 0.01 + momentum 0.9, no clipping."""
    keras = _keras()
    x, y = friedman(1024 + PROBE_SIZE, seed=241)
    model = _residual_mlp(keras, 10, 1, blocks=10, branch_out_activation=None)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, _standardized(y), epochs=8, batch_size=32)



# ---------------------------------------------------------------------------------------------
# dead_relus


@holdout("tabular", ["dead_relus"])
def relu_bias_minus3(session):
    """40-class prototypes, 4x128 relu Dense stack without BatchNorm, biases initialized to -3,
    RMSprop 1e-3: almost every unit is zero for every example."""
    keras = _keras()
    x, y = prototypes(1024 + PROBE_SIZE, seed=251)
    model = _dense_stack(keras, 32, [128] * 4, 40, activation="relu",
                         bias_initializer=keras.initializers.Constant(-3.0))
    model.compile(keras.optimizers.RMSprop(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# ---------------------------------------------------------------------------------------------
# saturated_activations


@holdout("tabular", ["saturated_activations"])
def tanh_bias_minus5(session):
    """40-class prototypes, 3x64 tanh MLP with biases initialized to -5: every unit sits at
    tanh = -1 for every example, SGD 0.02 + momentum 0.9."""
    keras = _keras()
    x, y = prototypes(1024 + PROBE_SIZE, seed=261)
    model = _dense_stack(keras, 32, [64] * 3, 40, activation="tanh",
                         bias_initializer=keras.initializers.Constant(-5.0))
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout("conv1d", ["saturated_activations"])
def sigmoid_head_bias_minus6(session):
    """Motif Conv1D features into two sigmoid Dense layers with biases -6: the sigmoids output
    ~0.002 for every signal, the head sees a constant."""
    keras = _keras()
    x, y, _ = motifs(1024 + PROBE_SIZE, seed=262)
    bias = keras.initializers.Constant(-6.0)
    head = [keras.layers.Dense(64, activation="sigmoid", bias_initializer=bias),
            keras.layers.Dense(64, activation="sigmoid", bias_initializer=bias)]
    model = _conv1d(keras, 4, head=head)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# ---------------------------------------------------------------------------------------------
# unnormalized_inputs


# Loss ~2e4 at the first steps, down to ln(4) by step ~17 and flat there; the first huge
# updates leave the first conv layer zero for every image.
@holdout("images", ["unnormalized_inputs", "dead_relus"], stall_begins=17)
def pixels_0_255(session):
    """Stripe-orientation CNN fed decoded RGB pixels 0..255 without a Rescaling layer, SGD 0.01."""
    keras = _keras()
    x, y = stripes(1024 + PROBE_SIZE, seed=271)
    model = _stripes_cnn(keras, rescale=False)
    model.compile(keras.optimizers.SGD(0.01), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout("tabular", ["unnormalized_inputs", "saturated_activations"])
def grams_not_kilograms(session):
    """Huber energy regression with the 10 features recorded x500 (grams, 0..500, instead of
    kg), 2x64 tanh MLP, SGD 0.01 + momentum 0.9: the first tanh layer is pinned at +-1."""
    keras = _keras()
    x, y = friedman(1024 + PROBE_SIZE, seed=272)
    model = _dense_stack(keras, 10, [64, 64], 1, out_activation=None, activation="tanh")
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), keras.losses.Huber())
    return _fit(session, model, x * 500.0, _standardized(y), epochs=8, batch_size=32)


# ---------------------------------------------------------------------------------------------
# loss_activation_mismatch


@holdout("tabular", ["loss_activation_mismatch"])
def softmax_one_unit_regression(session):
    """Energy use in kWh (~14 +- 5) regressed with Huber through Dense(1, activation='softmax'):
    a softmax over one unit is always 1.0, whatever the weights."""
    keras = _keras()
    x, y = friedman(1024 + PROBE_SIZE, seed=281)
    model = _dense_stack(keras, 10, [64, 64], 1, out_activation="softmax", activation="relu")
    model.compile(keras.optimizers.Adam(1e-3), keras.losses.Huber())
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# From ~8 at the first steps to exactly ln(20) by step ~25, flat there (all gradients 0).
@holdout("text", ["loss_activation_mismatch"], stall_begins=25)
def linear_logits_without_from_logits(session):
    """20 topics, bag-of-words model whose last Dense has no activation (logits) but is compiled
    with 'sparse_categorical_crossentropy' (from_logits=False): the 'probabilities' it
    normalizes and clips are not probabilities."""
    keras = _keras()
    x, y = topic_tokens(1024 + PROBE_SIZE, seed=282, classes=20, keywords=4)
    model = _bag_of_words(keras, 20, out_activation=None)
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# ---------------------------------------------------------------------------------------------
# insufficient_capacity


# Learns the keyword half (ln 4 -> ln 2) by step ~110, then flat at ~0.70: approximate.
@holdout("text", ["insufficient_capacity"], stall_begins=110)
def order_blind_pooling(session):
    """4 classes = keyword x word order; Embedding + GlobalAveragePooling1D cannot see order,
    so it learns the keyword half and plateaus at ln(2)."""
    keras = _keras()
    x, y = ordered_tokens(1024 + PROBE_SIZE, seed=291)
    model = _bag_of_words(keras, 4)
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)



# ---------------------------------------------------------------------------------------------
# over_regularization


# The penalty falls from ~14 and the loss settles at ~1.435 (above ln 4) from step ~160:
# approximate.
@holdout("conv1d", ["over_regularization"], stall_begins=160)
def l1_everywhere(session):
    """Motif Conv1D net with an L1 penalty of 0.05 on every kernel, Adam 3e-3: the penalty
    drives the filters to zero faster than the data can shape them."""
    keras = _keras()
    x, y, _ = motifs(1024 + PROBE_SIZE, seed=301)
    model = _conv1d(keras, 4, kernel_regularizer=keras.regularizers.L1(0.05))
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# Falls from ~10 to ~1.42 by step ~120 and stays at ~ln(4): approximate. At inference the
# dense layer outputs zero for every image.
@holdout("images", ["over_regularization", "dead_relus"], stall_begins=120)
def dropout_09_cnn(session):
    """Stripe-orientation CNN (rescaled inputs) with Dropout(0.9) after each conv block and the
    dense layer."""
    keras = _keras()
    x, y = stripes(1024 + PROBE_SIZE, seed=302)
    model = _stripes_cnn(keras, dropout=0.9)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# ln(40) = 3.69 at step 1, ~3.61 at step ~15, back to 3.689 and flat: from the start.
@holdout("resnet", ["over_regularization"])
def adamw_weight_decay_typo(session):
    """Residual MLP on 40 classes with AdamW(weight_decay=50) (meant 5e-4 style decay): every
    step shrinks every weight by 5%."""
    keras = _keras()
    x, y = prototypes(1024 + PROBE_SIZE, seed=303)
    model = _residual_mlp(keras, 32, 40, blocks=2, out_activation="softmax")
    model.compile(keras.optimizers.AdamW(1e-3, weight_decay=50.0),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# ---------------------------------------------------------------------------------------------
# poor_initialization


# Loss 2e10 at step 1, 1e36 at step 2, NaN from step 3.
@holdout("tabular", ["poor_initialization", "exploding_gradients", "non_finite_values"])
def he_init_x50(session):
    """6x64 relu MLP on 40 classes with He-normal kernels scaled x50 (VarianceScaling(5000)),
    SGD 1e-3 + momentum 0.9: the logits start ~1e10 and the first update blows up."""
    keras = _keras()
    x, y = prototypes(1024 + PROBE_SIZE, seed=311)
    init = keras.initializers.VarianceScaling(scale=2.0 * 50**2, mode="fan_in",
                                              distribution="untruncated_normal", seed=311)
    model = _dense_stack(keras, 32, [64] * 6, 40, activation="relu", kernel_initializer=init)
    model.compile(keras.optimizers.SGD(1e-3, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# Falls from ln(4) to ~1.0 by step ~35, then flat around 0.95 (healthy: ~0.07): approximate.
@holdout("conv1d", ["poor_initialization"], stall_begins=35)
def constant_init_symmetry(session):
    """Motif Conv1D net with every kernel initialized to the constant 0.05: all filters of a
    layer are identical and stay identical, the net is one filter wide."""
    keras = _keras()
    x, y, _ = motifs(1024 + PROBE_SIZE, seed=312)
    model = _conv1d(keras, 4, kernel_initializer=keras.initializers.Constant(0.05))
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# ---------------------------------------------------------------------------------------------
# non_finite_values

NAN_LABEL_ROW = 1300  # batch 256 in file order: first seen in step 6 (1300 // 256 + 1)


@holdout("tabular", ["non_finite_values"], stall_begins=NAN_LABEL_ROW // 256 + 1)
def nan_in_label_column(session):
    """Huber energy regression, batch 256 in file order, where one meter reading in the label
    column is NaN (a missing value read from CSV)."""
    keras = _keras()
    x, y = friedman(2048 + PROBE_SIZE, seed=321)
    y = _standardized(y)
    y[NAN_LABEL_ROW] = np.nan
    model = _dense_stack(keras, 10, [64, 64, 64], 1, out_activation=None, activation="relu")
    model.compile(keras.optimizers.SGD(0.03, momentum=0.9), keras.losses.Huber())
    return _fit(session, model, x, y, epochs=20, batch_size=256, shuffle=False)


LOG_ZERO_SEED = 322
LOG_ZERO_ROWS = (517, 902)  # counts recorded as 0


def _first_step_with(rows, n_train, batch_size, seed):
    """The optimizer step at which _custom_loop (epoch 0 permutation) first trains on `rows`."""
    index = np.random.default_rng(seed).permutation(n_train)
    batches = n_train // batch_size
    for b in range(batches):
        if set(index[b * batch_size : (b + 1) * batch_size]) & set(rows):
            return b + 1
    return None


@holdout(
    "custom",
    ["non_finite_values"],
    stall_begins=_first_step_with(LOG_ZERO_ROWS, 1024, 32, LOG_ZERO_SEED),
)
def log_of_zero_count(session):
    """Custom tf.function loop, Huber regression on log-transformed counts where two counts are
    0: log(0) = -inf enters the first layer when their batch comes."""
    keras = _keras()
    r = _rng(LOG_ZERO_SEED)
    x, y = friedman(1024 + PROBE_SIZE, seed=LOG_ZERO_SEED)
    counts = np.maximum(1.0, np.round(np.exp(x[:, :4] * 5.0) * r.uniform(0.5, 1.5, size=(len(x), 4))))
    counts[list(LOG_ZERO_ROWS), 1] = 0.0
    with np.errstate(divide="ignore"):
        features = np.concatenate([np.log(counts), x[:, 4:]], axis=1).astype("float32")
    model = _dense_stack(keras, 10, [64, 64], 1, out_activation=None, activation="relu")
    return _custom_loop(session, model, keras.optimizers.Adam(1e-3), keras.losses.Huber(),
                        features, _standardized(y), epochs=8, batch_size=32, seed=LOG_ZERO_SEED)
