"""The hundred-and-thirty-seventh held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades, six runs each (three healthy, three broken): photographers (a focus checker's
patches, hand-held camera shake, a lens bench's vignetting, a reflector's light, rental lens
mounts), journalists (clickbait flags, an article's shares, copy deadlines, reading time,
review verdicts, a reporter's keystrokes), editors (typo pairs, line breaks and widows, house
styles, a revision pass, a proofreading service, style flags) and publishers (print runs,
returns, genre tags, the bestseller list, royalties, reprints). Data are numpy generators with
seeds 13701..13738; the last PROBE_SIZE rows of every set are the probe. Every run was checked
only from its own loss curve under Session(None) with keras's seed 0, and every broken one
against the same helper with broken=False.

Healthy half (twelve runs, nothing to fix in the code). Photographers: focus levels of 16x16
textured patches by a Conv2D net under SGD with Nesterov momentum and CosineDecayRestarts, 12%
of the keys wrong (~0.66, a bump at each warm restart); camera-shake blur whose scatter grows
with the shutter time, a mean and a log-variance under a hand-written Gaussian negative
log-likelihood (negative, ~-0.41, still easing); a lens's light fall-off with Laplace meter
errors by a silu MLP under MAE and Adamax (~0.18, slowly nearing the meter's 0.14).
Journalists: clickbait flags, a fifth of them wrong, from a masked Embedding and a
Bidirectional LSTM (~0.30, under the noise's entropy as it starts to memorise); first-hour
shares as Poisson counts with a log-link deviance in a hand-written GradientTape loop under
SGD with Nesterov momentum (negative, ~-0.79, noisy and flat); minutes past a copy deadline with
Student-t delays under Huber loss and a one-cycle LearningRateScheduler (~0.29). Editors: a
transposed letter pair in 8% of manuscript lines by an Embedding and Conv1D net under
BinaryFocalCrossentropy (a small loss from the start, converging to ~5e-5); a two-headed
functional model (lines filled by MSE, widow flag by cross-entropy, loss_weights 1 and 0.5)
whose summed loss flattens at both heads' noise (~0.44); house styles from token pairs by an
Embedding with learned positions and a MultiHeadAttention block under AdamW with CosineDecay's
warm-up, a tenth misfiled (~0.15, a small bump mid-run). Publishers: lognormal first-year sales
under mean squared logarithmic error with a softplus head (~0.61, still falling from 16);
shipment returns from a Hashing-ed retailer id and five features, two inputs, under Lion at
3e-4 (~0.58, still falling); earning out an advance from a CategoryEncoding multi-hot of genre
tags, a logistic regression under Ftrl (~0.41, still creeping down at the last epoch).

Broken half, one root cause each (broken final loss vs the fixed helper's, final epoch):
- saturated_activations, photographers/reflector_nonneg_sigmoid: kernel_constraint=NonNeg()
  copied onto both sigmoid hidden layers of an MLP over raw [0, 1] pixels, SGD with momentum;
  the units sum ~256 positive terms and sit near 1 (1.41, around ln 4, vs 0.002).
- dead_relus, photographers/blur_relu_max_value_zero: keras.layers.ReLU(max_value=0.0) read as
  "no cap" in a Conv2D net: every unit outputs 0 (flat at ln 3 = 1.099 vs 0.22).
- learning_rate_too_high, photographers/lens_mount_rmsprop_rate: RMSprop(0.3), the SGD cell's
  rate (1.34 flat from epoch four vs 0.71).
- non_finite_values, journalists/reading_time_per_word_galleries: seconds / words with photo
  galleries of zero words gives inf, fed in file order (shuffle=False); NaN from step 9, the
  first gallery's batch, and every epoch after (vs 0.57). The hidden layers are tanh: in a first
  version with relu layers the weights turned NaN but TensorFlow's relu mapped the NaN to 0 and
  the loss stayed finite at ~0.69, so that version was not kept.
- insufficient_capacity, journalists/review_negation_bag_of_words: "not good" vs "good not"
  from averaged embeddings, the Conv1D(32, 2) over word pairs commented out (0.684 vs 1e-4). A
  first version with a vocabulary of 190 filler words memorised the training lines from the
  averages (0.48 and falling), so the filler vocabulary is twelve words.
- poor_initialization, journalists/keystroke_gru_constant_init: Constant(0.02) kernel and
  recurrent initializers on a GRU(24) and its head, so the units stay copies of each other
  (0.47, creeping ~1% an epoch, vs 0.093).
- exploding_gradients, editors/revision_rnn_tanh_gain_three: a tanh SimpleRNN(32) whose
  recurrent Orthogonal(gain=3.0) came from a mistyped tanh gain (5/3), 40 steps, SGD with
  momentum and clipnorm=1 in both versions: bounces at ~0.68 around ln 2 vs 0.39 and falling.
  Dropped on the way: an IRNN-style relu SimpleRNN with Orthogonal(gain=1.6), under Adam and
  then SGD (both with clipnorm): it kept learning (0.51-0.55 vs 0.48), no stall.
- vanishing_gradients, editors/proof_deep_sigmoid_conv1d: eight stacked sigmoid Conv1D layers
  over character embeddings under Adam (flat at 0.6936 vs 3e-4 for relu). A first version
  under SGD with momentum was dropped because its relu fix did not learn either.
- loss_activation_mismatch, editors/style_flags_softmax_multilabel: a softmax head for five
  style flags that can be on together, under the notebook's hand-written binary cross-entropy
  in a GradientTape loop (0.637 vs 0.050). Keras's own binary_crossentropy rescues a softmax
  head (it takes the softmax's logits as sigmoid logits: the broken and fixed curves were
  identical to the last digit, also with a separate Softmax layer), so the loss had to be the
  hand-written one to keep the mistake.
- unnormalized_inputs, publishers/bestseller_raw_copies: 26 weeks of raw copies sold (hundreds
  to hundreds of thousands) into a Conv1D net (305 in epoch one, then bouncing between 2 and 18
  vs 0.19).
- over_regularization, publishers/royalty_maxnorm_typo: MaxNorm(0.05) typed for the recipe's
  MaxNorm(3) on every Dense kernel (0.987, the target's variance, vs 0.084).
- learning_rate_too_low, publishers/reprint_lstm_decay_every_epoch: a LearningRateScheduler
  `lambda epoch, lr: lr * 0.1` meant as "every ten epochs", so Adam's 1e-2 is 1e-3 in the first
  epoch, 1e-5 by the third (frozen at 0.625 from epoch three vs 0.078).

stall_begins: None where the broken loss is flat or only bouncing from the start (dead ReLUs,
saturated NonNeg sigmoids, RMSprop's rate, the bag of words, the constant-initialised GRU, the
deep sigmoid stack, the softmax multi-label head, the raw sales, MaxNorm). The NaN step of the
reading-time run (9) is exact; the exploding RNN (32) and the reprint schedule (64) are
approximate, read off the per-epoch losses at the end of the first fall.

Not written because earlier catalogues hold the mechanism: ReLU(threshold=6), the softmax
temperature before a clipped cross-entropy, Rescaling in front of a sigmoid head, the hinge
loss on a sigmoid head, a one-unit softmax, LSTM(1), InverseTimeDecay per step, dropout's
keep_prob, label smoothing at 0.9, L2(0.5) on every kernel, a randn recurrent kernel, 'ones'
kernels on convolutions, barcode columns, bias shifts before relus and sigmoids.

Labels: `expected_causes[0]` is the root cause the scenario was built around; only one cause is
given per broken run. Healthy runs carry no cause.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _standardize, registrar

FAMILIES = ('photographers', 'journalists', 'editors', 'publishers')
REGISTRY = []
holdout137 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


def _rng(seed):
    return np.random.default_rng(seed)


def _steps(n, batch_size):
    return -(-(n - PROBE_SIZE) // batch_size)


# ---------------------------------------------------------------------------------------------
# data: photographers


def _box_blur(images, k):
    """A k x k box blur of a batch of square images (edge-padded)."""
    if k <= 1:
        return images
    pad = k // 2
    padded = np.pad(images, ((0, 0), (pad, pad), (pad, pad)), mode="edge")
    out = np.zeros_like(images)
    size = images.shape[1]
    for dy in range(k):
        for dx in range(k):
            out += padded[:, dy:dy + size, dx:dx + size]
    return out / (k * k)


def _focus_patches(n, seed, size=16):
    """Textured 16x16 patches blurred by a lens that was in focus (0), slightly off (1) or far
    off (2); sensor noise on top. Returns (x of shape (n, size, size, 1) in [0, 1], y)."""
    r = _rng(seed)
    y = r.integers(0, 3, size=n)
    base = r.uniform(0.0, 1.0, size=(n, size, size))
    x = np.empty_like(base)
    for level, k in enumerate((1, 3, 5)):
        x[y == level] = _box_blur(base[y == level], k)
    x = np.clip(x + r.normal(0.0, 0.04, size=x.shape), 0.0, 1.0)
    return x[..., None].astype("float32"), y.astype("int32")


def _light_direction(n, seed, size=16):
    """16x16 grey frames lit from the left, right, top or bottom (the class), at varying
    strength, with a random exposure offset and noise; pixel values in [0, 1]."""
    r = _rng(seed)
    y = r.integers(0, 4, size=n)
    ramp = np.linspace(-1.0, 1.0, size)
    grads = np.stack([np.tile(-ramp, (size, 1)), np.tile(ramp, (size, 1)),
                      np.tile(-ramp[:, None], (1, size)), np.tile(ramp[:, None], (1, size))])
    strength = r.uniform(0.1, 0.3, size=(n, 1, 1))
    level = r.uniform(0.35, 0.65, size=(n, 1, 1))
    x = level + strength * grads[y] + r.normal(0.0, 0.08, size=(n, size, size))
    return np.clip(x, 0.0, 1.0).reshape(n, -1).astype("float32"), y.astype("int32")


# ---------------------------------------------------------------------------------------------
# healthy: photographers


@holdout137("photographers", healthy=True)
def focus_patches_sgdr(session):
    """A photographer's focus checker: 16x16 textured patches in focus, slightly or far out of
    focus, classified by a small Conv2D net under SGD with Nesterov momentum and
    CosineDecayRestarts (warm restarts every 4 epochs, each cycle twice as long), with 12% of the
    keys mislabelled by the assistant who sorted them; the loss flattens well above zero with a
    small bump at each restart."""
    keras = _keras()
    x, y = _focus_patches(N, seed=13701)
    r = _rng(13702)
    flip = r.random(N) < 0.12
    y = np.where(flip, r.integers(0, 3, size=N), y).astype("int32")
    steps = _steps(N, 32)
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(12, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    schedule = keras.optimizers.schedules.CosineDecayRestarts(0.05, first_decay_steps=4 * steps,
                                                              t_mul=2.0, alpha=0.02)
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9, nesterov=True),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


def _gaussian_nll(y_true, y_pred):
    """Negative log-likelihood of y under N(mean, exp(log_var)), both predicted (up to a
    constant)."""
    keras = _keras()
    ops = keras.ops
    mean, log_var = y_pred[:, 0], y_pred[:, 1]
    y = ops.reshape(y_true, (-1,))
    return ops.mean(0.5 * log_var + 0.5 * ops.square(y - mean) / ops.exp(log_var))


@holdout137("photographers", healthy=True)
def shake_blur_gaussian_nll(session):
    """Hand-held camera shake: blur length in pixels from log shutter time, focal length,
    stabiliser on/off and the photographer's grip score, whose scatter grows with the shutter
    time. A relu MLP predicts a mean and a log-variance under a hand-written Gaussian
    negative log-likelihood with Adam; the loss goes below zero and levels off at the noise's
    entropy, not at zero."""
    keras = _keras()
    r = _rng(13703)
    log_t = r.uniform(-7.0, -1.0, size=N)
    focal = r.uniform(-1.0, 1.0, size=N)
    stab = r.integers(0, 2, size=N).astype(float)
    grip = r.normal(0.0, 1.0, size=N)
    mean = 0.6 * (log_t + 7.0) + 0.5 * focal - 0.8 * stab - 0.3 * grip
    scale = 0.1 + 0.12 * (log_t + 7.0)
    y = mean + scale * r.normal(size=N)
    x = _standardize(np.stack([log_t, focal, stab, grip], axis=1))
    model = keras.Sequential([
        keras.Input((4,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(2),
    ])
    model.compile(keras.optimizers.Adam(3e-3), _gaussian_nll)
    return _fit(session, model, x, y.astype("float32")[:, None], epochs=20, batch_size=32)


@holdout137("photographers", healthy=True)
def vignetting_silu_adamax_mae(session):
    """A lens test bench: light fall-off at a point of the frame from its radius, the
    aperture, the focal length and the filter stack, with Laplace-distributed read-out errors
    (a flaky light meter); a silu MLP under mean absolute error and Adamax. The loss eases
    down towards the meter's mean absolute error (~0.14), never towards zero."""
    keras = _keras()
    r = _rng(13704)
    radius = r.uniform(0.0, 1.0, size=N)
    aperture = r.uniform(1.4, 16.0, size=N)
    focal = r.uniform(16.0, 200.0, size=N)
    filters = r.integers(0, 3, size=N).astype(float)
    falloff = (np.cos(np.arctan(radius * 36.0 / focal * 2.0)) ** 4
               - 0.25 * radius ** 2 / np.sqrt(aperture) - 0.05 * filters * radius)
    y = 4.0 * falloff + r.laplace(0.0, 0.14, size=N)
    x = _standardize(np.stack([radius, np.log(aperture), np.log(focal), filters], axis=1))
    model = keras.Sequential([
        keras.Input((4,)),
        keras.layers.Dense(48, activation="silu"),
        keras.layers.Dense(48, activation="silu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adamax(4e-3), "mean_absolute_error")
    return _fit(session, model, x, (y - y.mean()).astype("float32"), epochs=20, batch_size=32)


# ---------------------------------------------------------------------------------------------
# broken: photographers


def _reflector_nonneg(session, broken):
    keras = _keras()
    x, y = _light_direction(N, seed=13705)
    constraint = keras.constraints.NonNeg() if broken else None
    model = keras.Sequential([
        keras.Input((256,)),
        keras.layers.Dense(64, activation="sigmoid", kernel_constraint=constraint),
        keras.layers.Dense(32, activation="sigmoid", kernel_constraint=constraint),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.1, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout137("photographers", ["saturated_activations"], stall_begins=None)
def reflector_nonneg_sigmoid(session):
    """Which side a reflector lit a 16x16 frame from, read off the raw [0, 1] pixels by a
    two-layer sigmoid MLP under SGD with momentum; kernel_constraint=NonNeg() was copied onto
    both hidden layers from a monotone pricing model. With every weight and every pixel
    non-negative, each hidden unit sums ~256 positive terms and sits at sigmoid ~1, where its
    gradient is nearly zero, so the units never separate the four lighting directions."""
    return _reflector_nonneg(session, broken=True)


def _blur_relu_cap(session, broken):
    keras = _keras()
    x, y = _focus_patches(N, seed=13706)
    cap = 0.0 if broken else None
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(12, 3, padding="same"),
        keras.layers.ReLU(max_value=cap),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, padding="same"),
        keras.layers.ReLU(max_value=cap),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(16),
        keras.layers.ReLU(max_value=cap),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout137("photographers", ["dead_relus"], stall_begins=None)
def blur_relu_max_value_zero(session):
    """The focus checker's patches (in focus, slightly, far off) through a Conv2D net whose
    separate keras.layers.ReLU layers were written ReLU(max_value=0.0) by someone who read 0 as
    "no cap" (as some APIs do): every ReLU clips to [0, 0], outputs zero with zero gradient on
    every patch, and the loss stays at ln 3 from the first step under Adam."""
    return _blur_relu_cap(session, broken=True)


def _lens_rmsprop(session, broken):
    keras = _keras()
    r = _rng(13707)
    x = r.normal(0.0, 1.0, size=(N, 10))
    logits = np.stack([x[:, 0] + x[:, 1] * x[:, 2], x[:, 3] - np.abs(x[:, 4]),
                       np.sin(2 * x[:, 5]) + 0.5 * x[:, 6], 0.5 * x[:, 7] * x[:, 8]], axis=1)
    y = np.argmax(logits + r.gumbel(0.0, 0.3, size=logits.shape), axis=1).astype("int32")
    model = keras.Sequential([
        keras.Input((10,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.RMSprop(0.3 if broken else 1e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x.astype("float32"), y, epochs=12, batch_size=32)


@holdout137("photographers", ["learning_rate_too_high"], stall_begins=None)
def lens_mount_rmsprop_rate(session):
    """Which of four lens mounts a rental lens came back with, from ten standardised bench
    readings, by a 2x64 relu MLP under RMSprop(0.3): the rate was copied from the notebook's
    SGD cell. RMSprop's normalised steps of ~0.3 per weight throw the net around from the
    first batch and the loss bounces around the constant guess instead of falling."""
    return _lens_rmsprop(session, broken=True)


# ---------------------------------------------------------------------------------------------
# data: journalists


def _headlines(n, seed, length=12, vocab=120, flip=0.0):
    """Headline token ids (0 = padding at the end) and a clickbait flag: a headline is
    clickbait when it holds one of the bait tokens 1..8 before position 4, or a question token
    9..12 together with a number token 13..20; `flip` of the flags are wrong."""
    r = _rng(seed)
    lengths = r.integers(6, length + 1, size=n)
    x = r.integers(21, vocab, size=(n, length))
    bait = r.random(n) < 0.3
    pos = r.integers(0, 4, size=n)
    x[bait, pos[bait]] = r.integers(1, 9, size=bait.sum())
    quest = r.random(n) < 0.35
    x[quest, r.integers(4, 6, size=quest.sum())] = r.integers(9, 13, size=quest.sum())
    num = r.random(n) < 0.5
    x[num, 6 + r.integers(0, 2, size=num.sum())] = r.integers(13, 21, size=num.sum())
    x[np.arange(length)[None, :] >= lengths[:, None]] = 0
    early_bait = (x[:, :4] >= 1) & (x[:, :4] <= 8)
    has_q = ((x >= 9) & (x <= 12)).any(axis=1)
    has_n = ((x >= 13) & (x <= 20)).any(axis=1)
    y = (early_bait.any(axis=1) | (has_q & has_n)).astype("int32")
    wrong = r.random(n) < flip
    y = np.where(wrong, 1 - y, y)
    return x.astype("int32"), y.astype("float32")


# ---------------------------------------------------------------------------------------------
# healthy: journalists


@holdout137("journalists", healthy=True)
def clickbait_bilstm_noisy_flags(session):
    """A news desk's clickbait flag for headlines of 6-12 tokens, from an Embedding with
    mask_zero and a Bidirectional LSTM under Adam, where a fifth of the flags the interns set
    are wrong: the loss falls fast, then slowly as the net starts memorising the wrong flags,
    far above zero."""
    keras = _keras()
    x, y = _headlines(N, seed=13711, flip=0.2)
    model = keras.Sequential([
        keras.Input((12,), dtype="int32"),
        keras.layers.Embedding(120, 16, mask_zero=True),
        keras.layers.Bidirectional(keras.layers.LSTM(16)),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(5e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _poisson_log_link(y_true, log_rate):
    keras = _keras()
    ops = keras.ops
    return ops.mean(ops.exp(log_rate) - y_true * log_rate)


@holdout137("journalists", healthy=True)
def article_shares_log_link_loop(session):
    """How many times an article is shared in its first hour, as Poisson counts whose log-rate
    depends on the section, the hour of publication and the headline length; a relu MLP
    outputs the log-rate and a hand-written GradientTape loop minimises the log-link Poisson
    deviance (exp(z) - y z, without log y!) under SGD with Nesterov momentum. The loss
    flattens at the counts' own randomness and is negative."""
    keras = _keras()
    r = _rng(13712)
    section = r.integers(0, 5, size=N)
    hour = r.uniform(0.0, 24.0, size=N)
    length = r.integers(4, 20, size=N).astype(float)
    log_rate = (0.3 * section - 0.6 + 0.8 * np.cos((hour - 18.0) / 24.0 * 2 * np.pi)
                - 0.05 * np.abs(length - 10.0))
    y = r.poisson(np.exp(log_rate + 1.0)).astype("float32")[:, None]
    x = np.concatenate([np.eye(5)[section], _standardize(
        np.stack([np.sin(hour / 24 * 2 * np.pi), np.cos(hour / 24 * 2 * np.pi), length], 1))],
        axis=1).astype("float32")
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1),
    ])
    optimizer = keras.optimizers.SGD(0.01, momentum=0.9, nesterov=True)
    return _custom_loop(session, model, optimizer, _poisson_log_link, x, y, epochs=15,
                        batch_size=32, seed=13713, loss_description="poisson_log_link")


@holdout137("journalists", healthy=True)
def copy_deadline_one_cycle(session):
    """Minutes a reporter files after the copy deadline, from story length, interviews, the
    desk's load and the hour, with Student-t delays (a train strike, a source who calls back
    late); a relu MLP under Huber loss and SGD with momentum following a one-cycle rate
    (LearningRateScheduler: up from 0.004 to 0.04 over five epochs, back down over the rest).
    The loss falls fastest at the peak and settles at the delays' spread."""
    keras = _keras()
    r = _rng(13714)
    x = r.normal(0.0, 1.0, size=(N, 6))
    y = (1.2 * x[:, 0] + 0.8 * np.maximum(x[:, 1], 0) - 0.5 * x[:, 2] * x[:, 3]
         + 0.4 * np.tanh(2 * x[:, 4]) + 0.6 * r.standard_t(3, size=N))
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1),
    ])
    epochs = 18

    def one_cycle(epoch, lr):
        if epoch < 5:
            return 0.004 + (0.04 - 0.004) * epoch / 5
        return 0.04 - (0.04 - 0.0004) * (epoch - 5) / (epochs - 6)

    model.compile(keras.optimizers.SGD(0.004, momentum=0.9), keras.losses.Huber(1.0))
    return _fit(session, model, x.astype("float32"), y.astype("float32"), epochs=epochs,
                batch_size=32, callbacks=[keras.callbacks.LearningRateScheduler(one_cycle)])


# ---------------------------------------------------------------------------------------------
# broken: journalists


def _reading_time(session, broken):
    keras = _keras()
    r = _rng(13715)
    words = r.integers(200, 2500, size=N).astype(float)
    gallery = np.zeros(N, dtype=bool)
    gallery[[300, 301, 655, 900]] = True
    words[gallery] = 0.0
    seconds = words * r.uniform(0.18, 0.32, size=N) + r.uniform(5, 60, size=N)
    images = r.integers(0, 12, size=N).astype(float)
    scroll = r.uniform(0.1, 1.0, size=N)
    per_word = seconds / words if broken else seconds / np.maximum(words, 1.0)
    finished = (scroll * 2.0 - 1.2 + 2.5 * (per_word < 0.25) - 0.1 * images
                + r.normal(0, 0.5, size=N)) > 0
    raw = np.stack([np.log1p(words), images, scroll, per_word], axis=1)
    with np.errstate(invalid="ignore"):
        finite = np.isfinite(raw).all(axis=1)
        mu = raw[finite].mean(axis=0)
        sd = raw[finite].std(axis=0)
        x = ((raw - mu) / sd).astype("float32")
    model = keras.Sequential([
        keras.Input((4,)),
        keras.layers.Dense(32, activation="tanh"),
        keras.layers.Dense(16, activation="tanh"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.BinaryCrossentropy(from_logits=True))
    return _fit(session, model, x, finished.astype("float32"), epochs=10, batch_size=32,
                shuffle=False)


@holdout137("journalists", ["non_finite_values"], stall_begins=9)
def reading_time_per_word_galleries(session):
    """Whether a reader finishes an article, from its word count, images, scroll depth and
    seconds per word, fed in publication order (shuffle=False); photo galleries have zero
    words, so seconds / words is inf for four of them (the standardisation skipped them as
    non-finite and left them in). The first gallery sits in the tenth batch, the weights turn
    NaN there and every loss after it is NaN (exact)."""
    return _reading_time(session, broken=True)


def _negation_bag(session, broken):
    keras = _keras()
    r = _rng(13716)
    length = 10
    x = r.integers(10, 22, size=(N, length))
    sentiment_pos = r.integers(2, length, size=N)
    good = r.random(N) < 0.5
    x[np.arange(N), sentiment_pos] = np.where(good, 1, 2)
    negated = r.random(N) < 0.5
    x[negated, sentiment_pos[negated] - 1] = 3
    decoy = ~negated
    later = np.minimum(sentiment_pos[decoy] + 1 + r.integers(0, 2, size=decoy.sum()), length - 1)
    x[decoy, later] = np.where(later == sentiment_pos[decoy], x[decoy, later], 3)
    y = (good ^ negated).astype("float32")
    layers = [keras.Input((length,), dtype="int32"), keras.layers.Embedding(22, 16)]
    if not broken:
        layers.append(keras.layers.Conv1D(32, 2, activation="relu"))
    layers += [keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(32, activation="relu"),
               keras.layers.Dense(1, activation="sigmoid")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x.astype("int32"), y, epochs=15, batch_size=32)


@holdout137("journalists", ["insufficient_capacity"], stall_begins=None)
def review_negation_bag_of_words(session):
    """A culture desk's verdict on a review sentence ("not good" vs "good", with a "not" also
    scattered after the sentiment word where it negates nothing), from an Embedding averaged by
    GlobalAveragePooling1D into a relu head under Adam: the Conv1D(32, 2) that read word pairs
    was commented out while debugging shapes, and an average of embeddings cannot tell "not
    good" from "good not", so the loss stays near ln 2."""
    return _negation_bag(session, broken=True)


def _typing_gru(session, broken):
    keras = _keras()
    r = _rng(13717)
    steps = 20
    gaps = r.gamma(2.0, 0.5, size=(N, steps))
    edits = (r.random((N, steps)) < 0.15).astype(float)
    noise = r.normal(0.0, 1.0, size=(N, steps))
    x = np.stack([_standardize(gaps), edits * 2 - 0.3, noise], axis=-1).astype("float32")
    y = (0.8 * x[:, -5:, 0].mean(1) - 0.6 * edits[:, :10].sum(1) / 1.5
         + 0.5 * np.maximum(x[:, :, 2], 0).mean(1) * 3 - 0.4 * (x[:, 10:, 0] * x[:, 10:, 1]).mean(1)
         + r.normal(0, 0.1, size=N))
    y = ((y - y.mean()) / y.std()).astype("float32")
    init = dict(kernel_initializer=keras.initializers.Constant(0.02),
                recurrent_initializer=keras.initializers.Constant(0.02)) if broken else {}
    model = keras.Sequential([
        keras.Input((steps, 3)),
        keras.layers.GRU(24, **init),
        keras.layers.Dense(16, activation="relu",
                           kernel_initializer=init.get("kernel_initializer", "glorot_uniform")),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout137("journalists", ["poor_initialization"], stall_begins=None)
def keystroke_gru_constant_init(session):
    """A reporter's words-to-deadline estimate from 20 keystroke intervals, edit flags and a
    distraction signal, by a GRU(24) and a relu head under Adam and MSE, where a "stable RNN"
    recipe set kernel_initializer and recurrent_initializer (and the head's kernel) to
    Constant(0.02): every unit starts identical, receives identical gradients and stays a
    copy of the others, so the 24 units act as one and the loss levels off high."""
    return _typing_gru(session, broken=True)


# ---------------------------------------------------------------------------------------------
# data: editors


def _manuscript_chars(n, seed, length=32, vocab=30, typo_rate=0.08):
    """Character ids of manuscript lines; a typo is a doubled letter pair 5-6 (e.g. 'teh')
    planted in `typo_rate` of them."""
    r = _rng(seed)
    x = r.integers(7, vocab, size=(n, length))
    typo = r.random(n) < typo_rate
    pos = r.integers(0, length - 1, size=n)
    x[typo, pos[typo]] = 5
    x[typo, pos[typo] + 1] = 6
    decoy = r.random(n) < 0.5
    x[decoy, r.integers(0, length, size=decoy.sum())] = 5
    x[decoy, r.integers(0, length, size=decoy.sum())] = 6
    pair = ((x[:, :-1] == 5) & (x[:, 1:] == 6)).any(axis=1)
    return x.astype("int32"), pair.astype("float32")


# ---------------------------------------------------------------------------------------------
# healthy: editors


@holdout137("editors", healthy=True)
def typo_pairs_conv1d_focal(session):
    """A copy editor's typo spotter: 32-character manuscript lines with a transposed pair in
    about 8% of them (the single letters also appear apart as decoys), by an Embedding and
    a Conv1D net under BinaryFocalCrossentropy and Adam; the rare class and the focal weight
    make the loss small from the start, and it converges towards zero once the pair detector
    forms."""
    keras = _keras()
    x, y = _manuscript_chars(N, seed=13721)
    model = keras.Sequential([
        keras.Input((32,), dtype="int32"),
        keras.layers.Embedding(30, 8),
        keras.layers.Conv1D(24, 2, activation="relu"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.BinaryFocalCrossentropy(gamma=2.0))
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout137("editors", healthy=True)
def line_break_two_heads(session):
    """A typesetting editor's two questions about a paragraph, from its font size, column
    width, word lengths and language: how many lines it fills (regression, with scatter from
    the hyphenation engine) and whether it ends in a widow (class, noisy): a functional model
    with a shared relu trunk and two heads under MSE + binary cross-entropy with
    loss_weights (1, 0.5) and Adam. The summed loss flattens at both heads' noise."""
    keras = _keras()
    r = _rng(13722)
    x = r.normal(0.0, 1.0, size=(N, 7)).astype("float32")
    lines = 1.5 * x[:, 0] - 1.0 * x[:, 1] + 0.5 * x[:, 2] * x[:, 0] + r.normal(0, 0.4, size=N)
    widow = ((np.sin(3 * lines) + 0.3 * x[:, 3] + r.normal(0, 0.5, size=N)) > 0.4)
    inputs = keras.Input((7,))
    trunk = keras.layers.Dense(64, activation="relu")(inputs)
    trunk = keras.layers.Dense(32, activation="relu")(trunk)
    out_lines = keras.layers.Dense(1, name="lines")(trunk)
    out_widow = keras.layers.Dense(1, activation="sigmoid", name="widow")(trunk)
    model = keras.Model(inputs, [out_lines, out_widow])
    model.compile(keras.optimizers.Adam(3e-3), ["mse", "binary_crossentropy"],
                  loss_weights=[1.0, 0.5])
    targets = (lines.astype("float32")[:, None], widow.astype("float32")[:, None])
    (x_train, probe_x) = x[:-PROBE_SIZE], x[-PROBE_SIZE:]
    train_y = tuple(t[:-PROBE_SIZE] for t in targets)
    probe_y = tuple(t[-PROBE_SIZE:] for t in targets)
    history = model.fit(x_train, train_y, epochs=15, batch_size=32, verbose=0,
                        callbacks=session.callbacks((probe_x, probe_y)))
    return history.history["loss"]


@holdout137("editors", healthy=True)
def house_style_attention_warmup(session):
    """Which of four house styles a sentence follows, from its 16 tokens: an Embedding plus a
    learned position Embedding, a MultiHeadAttention block with a residual and
    LayerNormalization, pooled, under AdamW with CosineDecay's warm-up (two epochs) and decay;
    a tenth of the sentences were filed under the wrong style, so the loss flattens near that
    noise once the rate runs out."""
    keras = _keras()
    r = _rng(13723)
    length, vocab = 16, 80
    y = r.integers(0, 4, size=N)
    x = r.integers(8, vocab, size=(N, length))
    marker = r.integers(0, length - 3, size=N)
    x[np.arange(N), marker] = 2 * y + 0
    x[np.arange(N), marker + 2] = 2 * y + 1
    swap = r.random(N) < 0.5
    x[swap, marker[swap] + 2] = 2 * ((y[swap] + 1) % 4) + 1
    style = np.where(swap, (y + 2) % 4, y)
    flip = r.random(N) < 0.1
    style = np.where(flip, r.integers(0, 4, size=N), style).astype("int32")
    tokens = keras.Input((length,), dtype="int32")
    positions = keras.ops.arange(length)
    h = keras.layers.Embedding(vocab, 32)(tokens)
    h = h + keras.layers.Embedding(length, 32)(positions)[None]
    attended = keras.layers.MultiHeadAttention(num_heads=2, key_dim=16)(h, h)
    h = keras.layers.LayerNormalization()(h + attended)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(tokens, keras.layers.Dense(4, activation="softmax")(h))
    steps = _steps(N, 32)
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, decay_steps=14 * steps, warmup_target=3e-3, warmup_steps=2 * steps)
    model.compile(keras.optimizers.AdamW(schedule, weight_decay=1e-4),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x.astype("int32"), style, epochs=16, batch_size=32)


# ---------------------------------------------------------------------------------------------
# broken: editors


def _keystroke_rnn(session, broken):
    keras = _keras()
    r = _rng(13724)
    steps = 40
    x = r.normal(0.0, 1.0, size=(N, steps, 2)).astype("float32")
    y = (x[:, :8, 0].mean(1) - x[:, -8:, 1].mean(1) > 0).astype("int32")
    gain = 3.0 if broken else 1.0
    model = keras.Sequential([
        keras.Input((steps, 2)),
        keras.layers.SimpleRNN(32, recurrent_initializer=keras.initializers.Orthogonal(gain=gain)),
        keras.layers.Dense(2, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9, clipnorm=1.0),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# Epoch one falls from ~1.1 towards ln 2; from about the end of it the loss only bounces
# (approximate).
@holdout137("editors", ["exploding_gradients"], stall_begins=32)
def revision_rnn_tanh_gain_three(session):
    """Whether an editor's revision pass speeds up, from 40 steps of two keystroke signals,
    by a SimpleRNN(32) (tanh) under SGD with momentum and clipnorm=1, whose recurrent
    Orthogonal initializer was given gain=3.0: the "tanh gain" of 5/3 from a feed-forward
    recipe, mistyped, and meant for input weights anyway. Every step multiplies the state's
    perturbations by up to 3, the gradients through 40 steps are enormous (clipping keeps them
    finite), and the loss bounces around ln 2 while the gain-1 fix keeps learning."""
    return _keystroke_rnn(session, broken=True)


def _deep_sigmoid_conv(session, broken):
    keras = _keras()
    x, y = _manuscript_chars(N, seed=13725, typo_rate=0.5)
    activation = "sigmoid" if broken else "relu"
    layers = [keras.Input((32,), dtype="int32"), keras.layers.Embedding(30, 8)]
    layers += [keras.layers.Conv1D(16, 3, padding="same", activation=activation)
               for _ in range(8)]
    layers += [keras.layers.GlobalMaxPooling1D(), keras.layers.Dense(1, activation="sigmoid")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout137("editors", ["vanishing_gradients"], stall_begins=None)
def proof_deep_sigmoid_conv1d(session):
    """The typo spotter rebuilt deeper for a proofreading service: eight stacked Conv1D(16, 3)
    layers with activation="sigmoid" (kept from a tutorial that drew "a neuron" with a
    sigmoid) over character embeddings, under SGD with momentum; each sigmoid passes at most a
    quarter of the gradient, the embedding and first layers hardly move, and the loss sits at
    ln 2 on the balanced lines."""
    return _deep_sigmoid_conv(session, broken=True)


def _hand_written_bce(y_true, y_pred):
    """The notebook's own binary cross-entropy on probabilities."""
    ops = _keras().ops
    p = ops.clip(y_pred, 1e-7, 1.0 - 1e-7)
    return -ops.mean(y_true * ops.log(p) + (1.0 - y_true) * ops.log(1.0 - p))


def _style_flags(session, broken):
    keras = _keras()
    r = _rng(13726)
    x = r.normal(0.0, 1.0, size=(N, 12)).astype("float32")
    w = r.normal(0.0, 1.0, size=(12, 5))
    scores = x @ w + 0.5 * np.sin(2 * x[:, :5])
    flags = (scores > -0.3).astype("float32")
    model = keras.Sequential([
        keras.Input((12,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(5, activation="softmax" if broken else "sigmoid"),
    ])
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), _hand_written_bce, x,
                        flags, epochs=15, batch_size=32, seed=13727,
                        loss_description="binary_crossentropy")


@holdout137("editors", ["loss_activation_mismatch"], stall_begins=None)
def style_flags_softmax_multilabel(session):
    """An editor's five style flags per paragraph (passive voice, jargon, long sentences,
    clichés, hedging), any number of which can be on at once, from twelve readability scores,
    by a relu MLP trained in a GradientTape loop under Adam with the notebook's hand-written
    binary cross-entropy: the head was copied from the single-style classifier and kept
    activation="softmax", so the five outputs must sum to one and cannot reach the several 1s
    of a paragraph; the loss levels off high."""
    return _style_flags(session, broken=True)


# ---------------------------------------------------------------------------------------------
# data: publishers


def _weekly_sales(n, seed, weeks=26):
    """Weekly copies sold of a title (hundreds to hundreds of thousands) and whether it makes
    the bestseller list in week weeks+1: a rising trend over the last weeks does it."""
    r = _rng(seed)
    base = np.exp(r.uniform(5.0, 12.0, size=(n, 1)))
    trend = r.normal(0.0, 0.06, size=(n, 1))
    t = np.arange(weeks)[None, :]
    late = np.where(t >= weeks - 6, trend * (t - weeks + 6) * 3.0, 0.0)
    sales = base * np.exp(late + r.normal(0.0, 0.1, size=(n, weeks)))
    y = (trend[:, 0] + r.normal(0.0, 0.015, size=n) > 0.0).astype("int32")
    return sales, y


# ---------------------------------------------------------------------------------------------
# healthy: publishers


@holdout137("publishers", healthy=True)
def print_run_msle(session):
    """A publisher's first-year sales of a title, lognormal with a wide scatter (a review in
    the right paper, a shelf in the wrong shop), from the author's backlist, genre, price and
    preorders, by a relu MLP under mean squared logarithmic error and Adam; the loss falls to
    the scatter's log-variance and flattens there."""
    keras = _keras()
    r = _rng(13731)
    x = r.normal(0.0, 1.0, size=(N, 6)).astype("float32")
    log_sales = 7.0 + 0.9 * x[:, 0] + 0.5 * x[:, 1] * (x[:, 2] > 0) - 0.3 * x[:, 3] ** 2
    y = np.exp(log_sales + r.normal(0.0, 0.6, size=N)).astype("float32")
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="softplus", bias_initializer="ones"),
    ])
    model.compile(keras.optimizers.Adam(1e-2), "mean_squared_logarithmic_error")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout137("publishers", healthy=True)
def returns_lion_hashed_retailer(session):
    """Whether a retailer sends a shipment of books back, from the retailer's id (hashed into
    64 bins by a Hashing layer and embedded) beside five shipment features, two inputs into
    one functional model under the Lion optimizer (3e-4); returns are noisy at the source
    (damaged stock), so the loss flattens far above zero."""
    keras = _keras()
    r = _rng(13732)
    retailer = r.integers(1000, 1400, size=N)
    habit = _rng(13733).normal(0.0, 1.0, size=1400)[retailer]
    feats = r.normal(0.0, 1.0, size=(N, 5)).astype("float32")
    logit = 1.2 * habit + 0.8 * feats[:, 0] - 0.6 * feats[:, 1] * feats[:, 2]
    y = (logit + r.logistic(0.0, 0.8, size=N) > 0).astype("float32")
    ids = keras.Input((1,), dtype="int32")
    num = keras.Input((5,))
    e = keras.layers.Hashing(num_bins=64)(ids)
    e = keras.layers.Flatten()(keras.layers.Embedding(64, 8)(e))
    h = keras.layers.Concatenate()([e, num])
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([ids, num], keras.layers.Dense(1, activation="sigmoid")(h))
    model.compile(keras.optimizers.Lion(3e-4), "binary_crossentropy")
    split = N - PROBE_SIZE
    history = model.fit([retailer[:split, None], feats[:split]], y[:split], epochs=15,
                        batch_size=32, verbose=0, callbacks=session.callbacks(
                            ([retailer[split:, None], feats[split:]], y[split:])))
    return history.history["loss"]


@holdout137("publishers", healthy=True)
def genre_tags_ftrl_slow(session):
    """Whether a catalogue title earns out its advance, from a multi-hot of its 40 genre and
    format tags (CategoryEncoding), as a logistic regression under the Ftrl optimizer at its
    0.05 rate; Ftrl's per-coordinate rates shrink as 1/sqrt of the gradient sums, so the loss
    is still creeping down at the last epoch."""
    keras = _keras()
    r = _rng(13734)
    tags = np.stack([r.choice(40, size=5, replace=False) for _ in range(N)])
    w = _rng(13735).normal(0.0, 1.0, size=40)
    y = ((w[tags].sum(1) + r.logistic(0.0, 0.5, size=N)) > 0).astype("float32")
    model = keras.Sequential([
        keras.Input((5,), dtype="int32"),
        keras.layers.CategoryEncoding(num_tokens=40, output_mode="multi_hot"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Ftrl(0.05), "binary_crossentropy")
    return _fit(session, model, tags.astype("int32"), y, epochs=20, batch_size=32)


# ---------------------------------------------------------------------------------------------
# broken: publishers


def _bestseller_conv(session, broken):
    keras = _keras()
    sales, y = _weekly_sales(N, seed=13736)
    if broken:
        x = sales[..., None].astype("float32")
    else:
        logs = np.log(sales)
        x = ((logs - logs.mean(axis=1, keepdims=True)) / 0.1)[..., None].astype("float32")
    model = keras.Sequential([
        keras.Input((26, 1)),
        keras.layers.Conv1D(16, 3, activation="relu"),
        keras.layers.Conv1D(16, 3, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(2, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout137("publishers", ["unnormalized_inputs"], stall_begins=None)
def bestseller_raw_copies(session):
    """Whether a title makes next week's bestseller list, from 26 weeks of copies sold, by a
    Conv1D net under Adam; the sales export was fed in raw copies (hundreds to a few hundred
    thousand a week) where the prototype took log sales relative to the title's own level, so
    the first convolution's outputs span six orders of magnitude and the loss bounces far
    above the fix's."""
    return _bestseller_conv(session, broken=True)


def _royalty_maxnorm(session, broken):
    keras = _keras()
    r = _rng(13737)
    x = r.normal(0.0, 1.0, size=(N, 8)).astype("float32")
    y = (1.5 * x[:, 0] + np.sin(2 * x[:, 1]) + x[:, 2] * x[:, 3] - 0.8 * np.abs(x[:, 4])
         + r.normal(0.0, 0.3, size=N))
    y = ((y - y.mean()) / y.std()).astype("float32")
    limit = 0.05 if broken else 3.0
    kw = dict(kernel_constraint=keras.constraints.MaxNorm(limit))
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(64, activation="relu", **kw),
        keras.layers.Dropout(0.05),
        keras.layers.Dense(64, activation="relu", **kw),
        keras.layers.Dropout(0.05),
        keras.layers.Dense(1, **kw),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout137("publishers", ["over_regularization"], stall_begins=None)
def royalty_maxnorm_typo(session):
    """A royalty statement's next-quarter income from eight standardised catalogue
    features, by a relu MLP with light dropout under Adam and MSE, where the recipe's
    kernel_constraint=MaxNorm(3) was typed MaxNorm(0.05) (the dropout rate beside it): every
    unit's incoming weights are held to a norm of 0.05, the net's output can hardly move
    away from the mean, and the loss stays near the target's variance."""
    return _royalty_maxnorm(session, broken=True)


def _reprint_schedule(session, broken):
    keras = _keras()
    r = _rng(13738)
    x = r.normal(0.0, 1.0, size=(N, 12, 3)).astype("float32")
    y = (x[:, :, 0].mean(1) * 2.0 + np.tanh(x[:, -3:, 1].sum(1)) - x[:, :4, 2].mean(1)
         + r.normal(0.0, 0.2, size=N))
    y = ((y - y.mean()) / y.std()).astype("float32")

    def schedule(epoch, lr):
        if broken:
            return lr * 0.1
        return lr * 0.1 if epoch and epoch % 10 == 0 else lr

    model = keras.Sequential([
        keras.Input((12, 3)),
        keras.layers.LSTM(24),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(1e-2), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32,
                callbacks=[keras.callbacks.LearningRateScheduler(schedule)])


@holdout137("publishers", ["learning_rate_too_low"], stall_begins=64)
def reprint_lstm_decay_every_epoch(session):
    """How many copies a reprint should run to, from twelve months of orders, returns and
    reviews, by an LSTM(24) under Adam(1e-2) and MSE with a LearningRateScheduler meant to cut
    the rate tenfold every ten epochs, written `lambda epoch, lr: lr * 0.1`: it cuts every
    epoch, from the first (1e-3 in epoch one, 1e-4 in epoch two, 1e-6 by epoch four), and
    the loss freezes high from the third epoch on (approximate)."""
    return _reprint_schedule(session, broken=True)
