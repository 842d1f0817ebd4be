"""The hundred-and-sixty-fifth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades, twenty-four runs, six each (three healthy, three broken): lutenists (pluck
recordings of a lute's six courses, a luthier's fret sheet, varnish inspections, gut-string
test benches, tremolo passages), harpists (pedal votes, broken strings, glissandi, soundboard
measurements of three workshops, tuning drift after a concert), buglers (mouthpiece pressure,
lip fatigue, note spectra, embouchure readings, calls told by the order of their notes) and
keepers, lighthouse keepers (photometer readings of the beam, photographs of the lantern
glass, ship sightings, the night log of lamp oil, the kinds of passing vessels). Data are
numpy generators with seeds 16501..16536; the last PROBE_SIZE rows of every set are the
probe. Every run was checked only from its own losses (Keras History epoch means, per-step
losses recovered from Keras's running batch means, or the custom loop's epoch means) under
Session(None) with keras's seed set to 0 as the runner does, and every broken run against its
helper `_name(session, broken)` with broken=False.

Healthy half (twelve runs, nothing to fix in the code). Lutenists: the course of a pluck by a
Conv1D net with LayerNormalization under AdamW on a PolynomialDecay (power 2), 12% misfiled
(~0.79, flattening as the rate decays); the nut-to-fret distance under keras's mean absolute
percentage error with Student-t placement errors of a few per cent (~7%, levelled); a varnish
grade 0-4 as four cumulative sigmoid outputs (ordinal regression) under binary cross-entropy
(~0.26, easing slowly). Harpists: the shares of seven harpists' pedal votes under keras's
KLDivergence (~0.10, the multinomial coarseness of seven votes); broken strings per month
under the poisson loss with Adam accumulating gradients over four batches
(`gradient_accumulation_steps=4`, ~0.28, still easing); glissando direction from zero-padded
string sequences by Embedding(mask_zero=True) and an LSTM, a tenth mislabelled (~0.38, still
falling at the end). Buglers: note frames marked in mouthpiece pressure by a fully
convolutional Conv1D net under keras's Dice loss with wandering boundaries (~0.14, flat); lip
fatigue with its own variance, a mean and a log-variance output under a Gaussian negative
log-likelihood in a GradientTape loop (below zero, ~-0.43, still easing); in-tune notes from
spectra under the Lion optimizer at 3e-4, 15% misjudged (~0.19, the small set being slowly
memorised). Keepers: the beam's visibility range under Huber(0.5) with Adam keeping an
exponential moving average of the weights (`use_ema=True`, ~0.009, easing); the lantern
glass's state from 12x12 photographs by Conv2D, DepthwiseConv2D and a 1x1 Conv2D under Nesterov
SGD, a sixth misfiled (~0.78, flat); the next evening's ship count by a GRU on only 224
fortnights at batch 16 for 40 epochs (small data overfitted, ~0.064, sliding below the noise).

Broken half, one root cause each (broken final epoch loss vs the fixed helper's):
- learning_rate_too_high, lutenists: RMSprop's rate taken as `lr_range[-1]` (1.0) of a sweep's
  bounds instead of `lr_range[0]` (1e-3) on a Conv1D course classifier: ~9e3 in the first
  epoch, then flat at 1.998 (above ln 6) vs 0.90 and falling. stall_begins=16, approximate.
- exploding_gradients, lutenists: a tanh SimpleRNN(32) with Orthogonal(gain=sqrt(units)),
  ~5.7, under SGD with momentum and clipnorm=1 (both versions clip): bouncing at ~1.0 from the
  second epoch vs 0.15 at gain 1. stall_begins=40, approximate.
- dead_relus, lutenists: ReLU6 written `ReLU(threshold=6.0)` instead of `max_value=6.0`: no
  unit ever reaches 6, 0.9946 (the target's variance) flat vs 0.05.
- learning_rate_too_low, harpists: Adam(3e-4, epsilon=1.0), the epsilon from an
  image-classification recipe, on a relu MLP regression: 1.09 creeping to 0.89 vs 0.031.
- poor_initialization, harpists: kernel_initializer="ones" (a gamma's default typed into the
  kernels) on a tanh MLP in a GradientTape loop with SGD and momentum: the units of a layer
  never differ; bouncing between 1.2 and 2.0 for all fifteen epochs vs 0.21.
- non_finite_values, harpists: a hand-written Poisson negative log-likelihood,
  `rate - count * log(rate)`, over a relu output in a GradientTape loop: log(0) makes the loss
  NaN in every epoch from the first vs 0.32 with an exponential output. stall_begins=0 (the
  first epoch mean is already NaN; the exact first NaN batch was not read off, as the custom
  loop reports epoch means only).
- insufficient_capacity, buglers: the bag-of-embeddings baseline (Embedding, average
  pooling, Dense) kept for calls told only by the order of two notes: 0.6935 to 0.6866 (ln 2)
  vs 0.0004 with a GRU.
- saturated_activations, buglers: `TruncatedNormal(0.3)`, the standard deviation passed where
  keras takes the mean, on a 16-128-128 tanh MLP under SGD with momentum: every weight
  positive, the tanh units pinned at +-1, ~0.74-0.79 (above ln 2) throughout vs 0.014 with
  `TruncatedNormal(stddev=0.3)`.
- loss_activation_mismatch, buglers: keras's Hinge loss on 0/1 labels with the sigmoid output
  of the cross-entropy version kept: 0.78 down to 0.484 by the third epoch and flat vs 0.0006
  with tanh. stall_begins=80, approximate.
- unnormalized_inputs, keepers: the night log's Unix timestamp (~1.6e9) and seconds after
  midnight fed raw beside standardized weather to a relu MLP under Adam: 1e15 falling for
  eight epochs to ~1.2e4 and bouncing there vs 0.021. stall_begins=260, approximate.
- vanishing_gradients, keepers: five Dense(64) blocks reading their activation from the
  variable holding the head's "softmax": 1.386 (ln 4) to 1.381 flat vs 0.23 with relu.
- over_regularization, keepers: an L1 activity regularizer with a paper's sparsity weight 0.5
  (the working value was 1e-5) on both relu layers: 9.2 down to 1.004 (the target's variance)
  from the sixth epoch vs 0.042. stall_begins=150, approximate.

Dropped or changed because they did not behave as intended: the saturated run was first a
tanh MLP on note spectra with kernels drawn U(-1, 1) without fan-in scaling, under plain SGD:
the saturated units still made informative random sign features and the output layer learnt
from them (0.04 vs 0.007, still falling), not a stall; TruncatedNormal(0.3) on the spectra
also learnt (0.020), because one bit (the spectrum's total) already separates them, so the
embouchure data (a rule on contrasts of the readings) replaced them. The over-regularization
run was first a GaussianNoise layer given the photometer's noise in lux (6.0) after
standardisation: keras 3 refuses a stddev above 1, so it became the L1 activity weight. The
learning-rate-too-low run was first at Adam(1e-3, epsilon=1.0): 1.09 to 0.57 in twenty
epochs, too much progress to call a stall, so the rate is 3e-4 in both versions.

Held by earlier catalogues and not written again: label noise on plain MLPs, Huber or MAE on
Student-t noise, pinball losses, plain Poisson counts, class weights for a rare class,
PiecewiseConstantDecay, warm-up then cosine, ReduceLROnPlateau and LearningRateScheduler
step schedules, multi-head self-attention taggers, siamese and two-headed models; among
mistakes, Adadelta's rate 1.0 kept for Adam, L2 or weight-decay values typed a thousandfold,
Dropout(0.9) read as keep_prob, RandomNormal(1.0) read as the standard deviation, biases
of -3 or 9, kernel_initializer="zeros" or Constant(0.05), linear models left in place,
ExponentialDecay with decay_steps=1, sigmoid stacks deep enough to vanish, log1p after
standardising, tanh recurrences with random normal or uniform recurrent kernels, and raw
pixel or bench units. (The TruncatedNormal(0.3) slip is a cousin of RandomNormal(1.0) read as
the mean; here the value is a standard deviation and the initializer a different one.)

Labels: `expected_causes` holds one root cause per broken run. `stall_begins` is the optimizer
step (0-based, counted over the whole run) from which the broken loss stops improving, None
when it never improves; where it follows a fall it was read off the per-step losses and is
marked approximate above.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _standardize, registrar

FAMILIES = ('lutenists', 'harpists', 'buglers', 'keepers')

REGISTRY = []
holdout165 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data


def _plucks(n, seed, noise_frac=0.0):
    """64-sample recordings of a plucked lute course: six courses, each its own pitch and
    decay, a random phase, loudness and a second partial, over room noise. Label: the course."""
    rng = np.random.default_rng(seed)
    t = np.arange(64) / 64.0
    y = rng.integers(0, 6, n)
    freq = np.array([3.0, 4.0, 5.0, 6.5, 8.0, 10.0])[y] * rng.uniform(0.97, 1.03, n)
    decay = np.array([1.5, 2.0, 2.5, 3.0, 3.5, 4.0])[y]
    phase = rng.uniform(0, 2 * np.pi, n)
    amp = rng.uniform(0.6, 1.4, n)
    wave = np.sin(2 * np.pi * freq[:, None] * t + phase[:, None])
    wave += 0.4 * np.sin(4 * np.pi * freq[:, None] * t + 2 * phase[:, None])
    x = amp[:, None] * np.exp(-decay[:, None] * t) * wave + 0.35 * rng.normal(size=(n, 64))
    flip = rng.random(n) < noise_frac
    y = np.where(flip, rng.integers(0, 6, n), y)
    return x[..., None].astype("float32"), y.astype("int32")


def _fret_sheet(n, seed):
    """A luthier's fret sheet: scale length (mm), fret number, string gauge, action height, neck
    relief, bridge compensation and two wood densities, standardized. Target: the distance from
    the nut to the fret (mm), with a multiplicative placement error of a few per cent."""
    rng = np.random.default_rng(seed)
    scale = rng.uniform(540, 640, n)
    fret = rng.integers(1, 11, n)
    extras = rng.normal(size=(n, 6))
    dist = scale * (1 - 2 ** (-fret / 12.0)) * (1 + 0.01 * extras[:, 0])
    dist *= np.exp(0.06 * rng.standard_t(4, n))
    x = np.column_stack([scale, fret, extras])
    return _standardize(x), dist.astype("float32")


def _varnish(n, seed):
    """A varnish inspection: ten readings of a finished lute (gloss, haze, thickness...) and an
    inspector's grade 0-4 from a latent quality with logistic noise (graders disagree)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 10))
    w = rng.normal(size=10) / np.sqrt(10)
    latent = 1.8 * (x @ w) + 0.6 * np.tanh(x[:, 0] * x[:, 1]) + rng.logistic(0, 0.45, n)
    grade = np.digitize(latent, [-1.5, -0.5, 0.5, 1.5])
    return x.astype("float32"), grade.astype("int32")


def _tension(n, seed):
    """A string-maker's test bench: twelve readings of a gut string (gauge, length, humidity,
    twist...), standardized; target: the tension at pitch, standardized, a smooth nonlinear
    function of the readings plus bench noise."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 12))
    y = (np.sin(1.3 * x[:, 0]) + 0.8 * x[:, 1] * x[:, 2] + 0.6 * np.abs(x[:, 3])
         + 0.5 * np.tanh(2 * x[:, 4]) - 0.4 * x[:, 5] ** 2 + 0.15 * rng.normal(size=n))
    return x.astype("float32"), ((y - y.mean()) / y.std()).astype("float32")


def _tremolo(n, seed, steps=30):
    """A tremolo passage: the finger's pressure over 30 strokes; target: the mean loudness of
    the strokes, a smooth function of the sequence (standardized)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, steps, 2))
    y = np.tanh(x[:, :, 0]).mean(axis=1) * 3 + 0.5 * x[:, -5:, 1].mean(axis=1)
    y += 0.1 * rng.normal(size=n)
    return x.astype("float32"), ((y - y.mean()) / y.std()).astype("float32")


def _pedal_votes(n, seed, voters=7):
    """Seven harpists asked which position (flat, natural, sharp) each pedal should take for a
    passage described by twelve features: the target is the share of their votes, a noisy
    multinomial draw around a distribution the features determine."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 12))
    w = rng.normal(size=(12, 3)) * 0.7
    logits = x @ w + 0.5 * np.sin(x[:, :3])
    p = np.exp(logits - logits.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    votes = np.stack([rng.multinomial(voters, pi) for pi in p]) / voters
    return x.astype("float32"), votes.astype("float32")


def _string_breaks(n, seed):
    """A harp workshop's month per instrument: eight standardized features (humidity swings,
    hours played, string age...) and the count of strings that broke, Poisson around a rate."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 8))
    rate = np.exp(0.4 + 0.5 * x[:, 0] - 0.3 * x[:, 1] + 0.3 * x[:, 2] * x[:, 3])
    return x.astype("float32"), rng.poisson(rate).astype("float32")


def _glissandi(n, seed, noise_frac=0.1, length=20):
    """Glissandi written as the strings touched (tokens 1..47, zero-padded to 20): rising or
    falling, with a few strings skipped or repeated; a tenth of the labels are mistaken."""
    rng = np.random.default_rng(seed)
    x = np.zeros((n, length), dtype="int32")
    y = rng.integers(0, 2, n)
    for i in range(n):
        k = rng.integers(6, length + 1)
        start = rng.integers(1, 48)
        steps = rng.choice([1, 1, 1, 2, 0, -1], size=k - 1) * (1 if y[i] else -1)
        seq = np.clip(start + np.concatenate([[0], np.cumsum(steps)]), 1, 47)
        x[i, :k] = seq
    flip = rng.random(n) < noise_frac
    return x, np.where(flip, 1 - y, y).astype("int32")


def _harp_makes(n, seed):
    """Twelve standardized soundboard measurements of a harp and its maker (three workshops),
    the workshops separated by a nonlinear boundary, a few entries wrong."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 12))
    score = np.stack([x[:, 0] + x[:, 1] * x[:, 2], -x[:, 0] + np.sin(2 * x[:, 3]),
                      0.8 * x[:, 4] - 0.5 * x[:, 5] ** 2 + 0.5], axis=1)
    y = np.argmax(score + 0.3 * rng.normal(size=(n, 3)), axis=1)
    return x.astype("float32"), y.astype("int32")


def _drift(n, seed):
    """How far (cents, standardized) a harp's strings have gone flat after a concert, from ten
    standardized conditions of the hall."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 10))
    y = 1.2 * x[:, 0] - 0.8 * x[:, 1] + np.tanh(x[:, 2] * x[:, 3]) + 0.2 * rng.normal(size=n)
    return x.astype("float32"), ((y - y.mean()) / y.std()).astype("float32")


def _calls(n, seed, length=16):
    """Bugle calls as note tokens (1..12): the 'assembly' and the 'retreat' use the same notes,
    the call is told only by whether the high G (token 1) comes before the low C (token 2)."""
    rng = np.random.default_rng(seed)
    x = rng.integers(3, 13, size=(n, length))
    for i in range(n):
        a, b = rng.choice(length, 2, replace=False)
        x[i, a], x[i, b] = 1, 2
    y = (np.argmax(x == 1, axis=1) < np.argmax(x == 2, axis=1)).astype("int32")
    return x.astype("int32"), y


def _breath(n, seed, steps=64):
    """A bugler's mouthpiece pressure over 64 frames: blown notes are pressure bumps over
    noise; the target marks the frames where a note sounds, marked by a listener whose
    boundaries wander by a frame or two."""
    rng = np.random.default_rng(seed)
    x = 0.3 * rng.normal(size=(n, steps))
    mask = np.zeros((n, steps))
    for i in range(n):
        for _ in range(rng.integers(1, 4)):
            s = rng.integers(0, steps - 10)
            d = rng.integers(5, 14)
            x[i, s:s + d] += rng.uniform(0.6, 1.2)
            s2 = np.clip(s + rng.integers(-2, 3), 0, steps)
            mask[i, s2:s2 + d + rng.integers(-2, 3)] = 1
    return x[..., None].astype("float32"), mask[..., None].astype("float32")


def _fatigue(n, seed):
    """A bugler's lip fatigue (minutes until the tone cracks, standardized) from eight
    standardized features of the day's duty; the scatter grows with the hours already played."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 8))
    mean = 0.9 * x[:, 0] - 0.6 * x[:, 1] + 0.4 * np.sin(2 * x[:, 2])
    sd = 0.15 + 0.5 * np.exp(0.6 * x[:, 3]) / 2
    y = mean + sd * rng.normal(size=n)
    return x.astype("float32"), y.astype("float32")


def _spectra(n, seed, bins=64, noise_frac=0.0):
    """A bugle note's 64-bin spectrum (standardized), and whether the note was in tune: the
    tuned notes put their partials on a fixed comb, the cracked ones smear them."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    f = np.arange(bins)
    base = rng.uniform(5, 9, n)
    smear = np.where(y == 1, 0.8, 2.2) + rng.uniform(0, 0.5, n)
    x = sum(np.exp(-((f - k * base[:, None]) ** 2) / (2 * smear[:, None] ** 2)) / k
            for k in range(1, 8))
    x = x + 0.15 * rng.normal(size=(n, bins))
    flip = rng.random(n) < noise_frac
    return _standardize(x), np.where(flip, 1 - y, y).astype("int32")


def _lamp_log(n, seed, raw_time=False):
    """A lighthouse keeper's night log: wind, fog, cloud, lamp wick length, oil temperature,
    the date and the lighting time; target: the oil burnt (standardized). With raw_time the
    date is the Unix timestamp of the evening and the lighting time is seconds after
    midnight, as the logging script writes them."""
    rng = np.random.default_rng(seed)
    weather = rng.normal(size=(n, 5))
    day = rng.integers(0, 730, n)
    light = rng.uniform(15.5, 21.0, n) * 3600
    night = 24 - light / 3600 - 6 + 2 * np.cos(2 * np.pi * day / 365)
    y = 0.5 * night + 0.6 * weather[:, 1] + 0.4 * weather[:, 0] * weather[:, 2]
    y = y + 0.3 * weather[:, 3] + 0.2 * rng.normal(size=n)
    if raw_time:
        x = np.column_stack([weather, 1.577e9 + day * 86400.0, light]).astype("float32")
    else:
        x = np.column_stack([weather, np.cos(2 * np.pi * day / 365),
                             np.sin(2 * np.pi * day / 365), light])
        x = _standardize(x)
    return x, ((y - y.mean()) / y.std()).astype("float32")


def _fog_images(n, seed, noise_frac=0.0):
    """12x12 photographs of the beam through the lantern glass: clear, hazed, streaked by
    spray or cracked; some are misfiled in the keeper's album."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, n)
    yy, xx = np.mgrid[0:12, 0:12]
    imgs = np.empty((n, 12, 12))
    for i in range(n):
        cx, cy = rng.uniform(4, 8, 2)
        img = np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / rng.uniform(3, 6))
        if y[i] == 1:
            img = img * 0.5 + 0.35
        elif y[i] == 2:
            img = img + 0.5 * (np.sin(xx * 1.4 + rng.uniform(0, 6)) > 0.6)
        elif y[i] == 3:
            k = rng.integers(2, 10)
            img = img.copy()
            img[np.abs(xx - yy - k + 5) < 1] = 0
        imgs[i] = img + 0.15 * rng.normal(size=(12, 12))
    flip = rng.random(n) < noise_frac
    return imgs[..., None].astype("float32"), np.where(flip, rng.integers(0, 4, n), y)


def _sightings(n, seed, days=14):
    """Ships sighted from the gallery each evening over 14 days (log counts) with the wind;
    target: the next evening's log count (standardized), noisy."""
    rng = np.random.default_rng(seed)
    wind = rng.normal(size=(n, days))
    level = rng.normal(size=n)[:, None]
    counts = level + 0.5 * np.sin(np.arange(days) * 2 * np.pi / 7) - 0.3 * wind
    counts += 0.3 * rng.normal(size=(n, days))
    y = level[:, 0] + 0.5 * np.sin(days * 2 * np.pi / 7) - 0.3 * wind[:, -1]
    y = y + 0.4 * rng.normal(size=n)
    x = np.stack([counts, wind], axis=-1)
    return x.astype("float32"), ((y - y.mean()) / y.std()).astype("float32")


def _beam_readings(n, seed):
    """A keeper's photometer: sixteen standardized readings of the beam through the night;
    target: the visibility range the passing ships report (standardized)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 16))
    y = x[:, :4].sum(1) / 2 + np.tanh(x[:, 4] * x[:, 5]) + 0.3 * x[:, 6] ** 2
    y += 0.25 * rng.normal(size=n)
    return x.astype("float32"), ((y - y.mean()) / y.std()).astype("float32")


def _ships(n, seed):
    """Ten standardized features of a vessel seen from the tower (lights, masts, speed...) and
    its kind: fishing smack, collier, packet steamer or naval cutter."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 10))
    score = np.stack([x[:, 0] + x[:, 1], x[:, 2] - x[:, 0] * x[:, 3],
                      np.sin(2 * x[:, 4]) + x[:, 5], 0.7 * x[:, 6] - x[:, 1]], axis=1)
    y = np.argmax(score + 0.3 * rng.normal(size=(n, 4)), axis=1)
    return x.astype("float32"), y.astype("int32")


# ---------------------------------------------------------------------------------------------
# lutenists


@holdout165("lutenists", healthy=True)
def pluck_courses_polynomial(session):
    """Which of six courses a lute's 64-sample pluck recording came from, by a Conv1D net with
    LayerNormalization under AdamW on a PolynomialDecay (power 2) from 3e-3 to 1e-4, 12% of
    the recordings misfiled by the student who labelled them: the loss flattens at the noise."""
    keras = _keras()
    x, y = _plucks(N, seed=16501, noise_frac=0.12)
    schedule = keras.optimizers.schedules.PolynomialDecay(3e-3, 640, 1e-4, power=2.0)
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.LayerNormalization(),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(6, activation="softmax"),
    ])
    model.compile(keras.optimizers.AdamW(schedule, weight_decay=1e-4),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout165("lutenists", healthy=True)
def fret_distance_mape(session):
    """The distance from the nut to a fret (mm) from a luthier's fret sheet, by a relu MLP
    under keras's mean absolute percentage error and Adam: the frets are placed with a
    heavy-tailed error of a few per cent, so the loss levels off at a few per cent, never 0."""
    keras = _keras()
    x, y = _fret_sheet(N, seed=16502)
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1, activation="softplus"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mean_absolute_percentage_error")
    return _fit(session, model, x, y, epochs=25, batch_size=32)


@holdout165("lutenists", healthy=True)
def varnish_grade_ordinal(session):
    """A varnish grade 0-4 as four cumulative yes/no questions (grade > 0, > 1, > 2, > 3), a
    relu MLP with four sigmoid outputs under binary cross-entropy: the inspectors' grades
    scatter around the latent quality, so the loss flattens well above zero."""
    keras = _keras()
    x, g = _varnish(N, seed=16503)
    y = (g[:, None] > np.arange(4)[None, :]).astype("float32")
    model = keras.Sequential([
        keras.Input((10,)),
        keras.layers.Dense(48, activation="relu"),
        keras.layers.Dense(48, activation="relu"),
        keras.layers.Dense(4, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _pluck_rmsprop(session, broken):
    keras = _keras()
    x, y = _plucks(N, seed=16504)
    lr_range = (1e-3, 1.0)  # the sweep's bounds
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(6, activation="softmax"),
    ])
    lr = lr_range[-1] if broken else lr_range[0]
    model.compile(keras.optimizers.RMSprop(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout165("lutenists", ["learning_rate_too_high"], stall_begins=16)
def pluck_sweep_upper_bound(session):
    """The six-course pluck classifier (Conv1D, relu) under RMSprop, whose rate was taken as
    `lr_range[-1]` from the sweep's bounds (1e-3, 1.0) instead of `lr_range[0]`: RMSprop at
    1.0 throws the weights about in the first batches (a loss in the thousands) and then sits
    at ~2.0, above the ln 6 of a uniform guess, where 1e-3 keeps descending."""
    return _pluck_rmsprop(session, broken=True)


def _tremolo_rnn(session, broken):
    keras = _keras()
    x, y = _tremolo(N, seed=16505)
    units = 32
    gain = np.sqrt(units) if broken else 1.0
    model = keras.Sequential([
        keras.Input((30, 2)),
        keras.layers.SimpleRNN(units, recurrent_initializer=keras.initializers.Orthogonal(
            gain=float(gain), seed=16505)),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9, clipnorm=1.0), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout165("lutenists", ["exploding_gradients"], stall_begins=40)
def tremolo_rnn_gain_sqrt_units(session):
    """A tremolo's loudness from 30 strokes by a tanh SimpleRNN(32) whose recurrent kernel is
    Orthogonal with gain sqrt(units) (~5.7), the He-style fan scaling typed into an argument
    that multiplies an already norm-preserving matrix; SGD with momentum and clipnorm=1 (both
    versions clip). The recurrence amplifies every backward step, the clipped updates bounce,
    and the loss stays far above the gain-1 twin."""
    return _tremolo_rnn(session, broken=True)


def _tension_relu6(session, broken):
    keras = _keras()
    x, y = _tension(N, seed=16506)
    relu6 = {"threshold": 6.0} if broken else {"max_value": 6.0}
    model = keras.Sequential([
        keras.Input((12,)),
        keras.layers.Dense(64), keras.layers.ReLU(**relu6),
        keras.layers.Dense(64), keras.layers.ReLU(**relu6),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout165("lutenists", ["dead_relus"], stall_begins=None)
def string_tension_relu_threshold(session):
    """A gut string's tension from twelve bench readings by an MLP whose ReLU6 layers were
    written `keras.layers.ReLU(threshold=6.0)` instead of `max_value=6.0`: a unit passes
    nothing until its input exceeds 6, which standardized readings through Glorot weights
    almost never reach, so both hidden layers are silent and the loss sits at the target's
    variance."""
    return _tension_relu6(session, broken=True)


# ---------------------------------------------------------------------------------------------
# harpists


@holdout165("harpists", healthy=True)
def pedal_vote_shares_kld(session):
    """The shares of seven harpists' votes for each pedal position (flat, natural, sharp) by a
    relu MLP with a softmax output under keras's KLDivergence loss and Adam: seven votes are a
    coarse multinomial draw around the true preference, so the divergence levels off above
    zero."""
    keras = _keras()
    x, y = _pedal_votes(N, seed=16511)
    model = keras.Sequential([
        keras.Input((12,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.KLDivergence())
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout165("harpists", healthy=True)
def string_breaks_accumulated(session):
    """Broken strings per harp and month (Poisson counts) by an MLP with an exponential output
    under keras's poisson loss, with Adam accumulating gradients over four batches of 16
    (`gradient_accumulation_steps=4`, an effective batch of 64): fewer, steadier updates, and a
    loss that settles at the counts' own randomness."""
    keras = _keras()
    x, y = _string_breaks(N, seed=16512)
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="exponential"),
    ])
    model.compile(keras.optimizers.Adam(3e-3, gradient_accumulation_steps=4), "poisson")
    return _fit(session, model, x, y, epochs=20, batch_size=16)


@holdout165("harpists", healthy=True)
def glissando_direction_masked(session):
    """Rising or falling glissandi written as the strings touched, zero-padded to 20, by an
    Embedding(mask_zero=True) and an LSTM(24) that skips the padding; a tenth of the labels
    are wrong, so the loss comes down and then flattens around the mislabelled tenth."""
    keras = _keras()
    x, y = _glissandi(N, seed=16513)
    model = keras.Sequential([
        keras.Input((20,), dtype="int32"),
        keras.layers.Embedding(48, 16, mask_zero=True),
        keras.layers.LSTM(24),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _drift_adam(session, broken):
    keras = _keras()
    x, y = _drift(N, seed=16514)
    model = keras.Sequential([
        keras.Input((10,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1),
    ])
    eps = 1.0 if broken else 1e-7
    model.compile(keras.optimizers.Adam(3e-4, epsilon=eps), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout165("harpists", ["learning_rate_too_low"], stall_begins=None)
def tuning_drift_adam_epsilon(session):
    """How flat a harp goes after a concert, by a relu MLP under Adam(3e-4, epsilon=1.0), the
    epsilon copied from an image-classification recipe that recommends 1.0: with gradients of
    order 1e-2 the denominator is dominated by epsilon, so every step is about a hundred times
    smaller than Adam's and the loss creeps where the default epsilon brings it down."""
    return _drift_adam(session, broken=True)


def _makes_ones(session, broken):
    keras = _keras()
    x, y = _harp_makes(N, seed=16515)
    init = "ones" if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input((12,)),
        keras.layers.Dense(64, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(64, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(3, activation="softmax"),
    ])
    return _custom_loop(session, model, keras.optimizers.SGD(0.05, momentum=0.9),
                        keras.losses.SparseCategoricalCrossentropy(), x, y, epochs=15,
                        batch_size=32, seed=16515)


@holdout165("harpists", ["poor_initialization"], stall_begins=None)
def harp_maker_ones_kernels(session):
    """Which of three workshops built a harp, from twelve soundboard measurements, by a tanh
    MLP in a hand-written GradientTape loop (SGD with momentum) whose hidden kernels were
    created with kernel_initializer="ones" (meant for a BatchNormalization gamma): every hidden
    unit of a layer computes the same thing and receives the same gradient, so the symmetry is
    never broken and each layer acts as a single, mostly saturated unit."""
    return _makes_ones(session, broken=True)


def _poisson_nll(y_true, y_pred):
    import tensorflow as tf

    return tf.reduce_mean(y_pred - y_true * tf.math.log(y_pred))


def _breaks_relu_head(session, broken):
    keras = _keras()
    x, y = _string_breaks(N, seed=16516)
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="relu" if broken else "exponential"),
    ])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), _poisson_nll,
                        x, y[:, None], epochs=10, batch_size=32, seed=16516,
                        loss_description="poisson negative log-likelihood")


@holdout165("harpists", ["non_finite_values"], stall_begins=0)
def string_breaks_log_of_relu(session):
    """Broken strings per month under a hand-written Poisson negative log-likelihood,
    `mean(rate - count * log(rate))`, in a GradientTape loop, whose model ends in a relu (the
    rates must not be negative) instead of an exponential: some rates are exactly zero, log(0)
    is -inf and 0 * -inf is NaN, so the loss and every gradient are NaN from the first batch."""
    return _breaks_relu_head(session, broken=True)


# ---------------------------------------------------------------------------------------------
# buglers


@holdout165("buglers", healthy=True)
def breath_frames_dice(session):
    """Which of 64 frames of a bugler's mouthpiece pressure sound a note, by a small
    fully-convolutional Conv1D net with a sigmoid per frame under keras's Dice loss: the
    listener's marks wander a frame or two at every note's edges, so the overlap can never be
    perfect and the loss flattens well above zero."""
    keras = _keras()
    x, y = _breath(N, seed=16521)
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", dilation_rate=2),
        keras.layers.Conv1D(1, 3, activation="sigmoid", padding="same"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.Dice())
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _gaussian_nll(y_true, y_pred):
    import tensorflow as tf

    mean, log_var = y_pred[:, 0], y_pred[:, 1]
    return tf.reduce_mean(0.5 * (log_var + (y_true - mean) ** 2 / tf.exp(log_var)))


@holdout165("buglers", healthy=True)
def lip_fatigue_gaussian_nll(session):
    """A bugler's lip fatigue with its own uncertainty: a relu MLP predicting a mean and a log
    variance, trained on the Gaussian negative log-likelihood in a hand-written GradientTape
    loop with Adam. The scatter grows with the hours already played; the model learns it, so
    the loss falls below zero and then levels off at the noise's own entropy."""
    keras = _keras()
    x, y = _fatigue(N, seed=16522)
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(2),
    ])
    return _custom_loop(session, model, keras.optimizers.Adam(1e-3), _gaussian_nll, x, y,
                        epochs=20, batch_size=32, seed=16522,
                        loss_description="gaussian negative log-likelihood")


@holdout165("buglers", healthy=True)
def tuned_notes_lion(session):
    """Whether a bugle note was in tune from its 64-bin spectrum, by a relu MLP under the Lion
    optimizer (3e-4, a tenth of Adam's usual rate, as its authors advise), 15% of the notes
    misjudged by the band sergeant: the loss drops fast and flattens at the mistaken labels."""
    keras = _keras()
    x, y = _spectra(N, seed=16523, noise_frac=0.15)
    model = keras.Sequential([
        keras.Input((64,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Lion(3e-4), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _calls_model(session, broken):
    keras = _keras()
    x, y = _calls(N, seed=16524)
    layers = [keras.Input((16,), dtype="int32"), keras.layers.Embedding(13, 16)]
    if broken:
        layers += [keras.layers.GlobalAveragePooling1D(),
                   keras.layers.Dense(32, activation="relu")]
    else:
        layers += [keras.layers.GRU(32)]
    layers.append(keras.layers.Dense(1, activation="sigmoid"))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout165("buglers", ["insufficient_capacity"], stall_begins=None)
def bugle_call_bag_of_notes(session):
    """The 'assembly' told from the 'retreat', calls that use the same notes and differ only in
    whether the high G comes before the low C, by the bag-of-embeddings baseline (Embedding,
    GlobalAveragePooling1D, Dense) that was kept when the GRU was meant to replace it: the
    average of the notes is the same for both calls, so the loss stays at ln 2."""
    return _calls_model(session, broken=True)


def _embouchure(n, seed):
    """Sixteen standardized readings of a bugler's embouchure (lip pressure, jaw angle, air
    speed...) and whether the note came out in tune, a nonlinear rule with a little noise."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 16))
    s = x[:, 0] * x[:, 1] + np.sin(2 * x[:, 2]) - 0.7 * x[:, 3] + 0.5 * x[:, 4] * x[:, 5]
    return x.astype("float32"), (s + 0.2 * rng.normal(size=n) > 0).astype("int32")


def _embouchure_tanh(session, broken):
    keras = _keras()
    x, y = _embouchure(N, seed=16525)
    if broken:
        init = keras.initializers.TruncatedNormal(0.3, seed=16525)
    else:
        init = keras.initializers.TruncatedNormal(stddev=0.3, seed=16525)
    model = keras.Sequential([
        keras.Input((16,)),
        keras.layers.Dense(128, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(128, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout165("buglers", ["saturated_activations"], stall_begins=None)
def embouchure_truncated_normal_mean(session):
    """Whether a note comes out in tune from sixteen embouchure readings, by a tanh MLP
    (16-128-128) under SGD with momentum whose kernels were built with
    `TruncatedNormal(0.3)`, the intended standard deviation passed positionally where keras
    takes the mean: every weight is positive, so all the units of a layer add up the same
    inputs, the second layer's pre-activations reach tens, and every tanh sits at +-1 with no
    gradient to pass back. The loss stays above ln 2."""
    return _embouchure_tanh(session, broken=True)


def _spectra_hinge(session, broken):
    keras = _keras()
    x, y = _spectra(N, seed=16526)
    model = keras.Sequential([
        keras.Input((64,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid" if broken else "tanh"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), keras.losses.Hinge())
    return _fit(session, model, x, y.astype("float32"), epochs=15, batch_size=32)


@holdout165("buglers", ["loss_activation_mismatch"], stall_begins=80)
def tuned_notes_hinge_sigmoid(session):
    """The in-tune classifier switched to keras's Hinge loss (0/1 labels, which it maps to
    -1/+1) but keeping the sigmoid output of its cross-entropy version: a sigmoid never goes
    below 0, so every out-of-tune note costs at least 1 and the loss cannot fall below ~0.5,
    where a tanh output reaches nearly zero."""
    return _spectra_hinge(session, broken=True)


# ---------------------------------------------------------------------------------------------
# keepers


@holdout165("keepers", healthy=True)
def beam_range_ema_huber(session):
    """The visibility range ships report for the beam, from sixteen photometer readings, by a
    relu MLP under Huber loss and Adam with an exponential moving average of the weights
    (`use_ema=True`, momentum 0.99): the reports are noisy, so the loss settles at their
    scatter."""
    keras = _keras()
    x, y = _beam_readings(N, seed=16531)
    model = keras.Sequential([
        keras.Input((16,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(2e-3, use_ema=True, ema_momentum=0.99),
                  keras.losses.Huber(0.5))
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout165("keepers", healthy=True)
def lantern_glass_depthwise(session):
    """The state of the lantern glass (clear, hazed, spray-streaked, cracked) from 12x12
    photographs of the beam, by a Conv2D, a DepthwiseConv2D and a pointwise (1x1) Conv2D under
    SGD with Nesterov momentum, a sixth of the album misfiled: after a slow first epoch the
    loss comes down and flattens well above zero."""
    keras = _keras()
    x, y = _fog_images(N, seed=16532, noise_frac=0.16)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.DepthwiseConv2D(3, activation="relu", padding="same"),
        keras.layers.Conv2D(24, 1, activation="relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9, nesterov=True),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout165("keepers", healthy=True)
def sightings_small_log_gru(session):
    """The next evening's ship count from the last fortnight's counts and winds, by a GRU(48)
    and a Dense head on only 224 logged fortnights, under Adam at batch 16 for 40 epochs: a
    small log overfitted, the training loss levelling at the evening-to-evening noise and
    then sliding slowly below it as the net memorises the fortnights."""
    keras = _keras()
    x, y = _sightings(224 + PROBE_SIZE, seed=16533)
    model = keras.Sequential([
        keras.Input((14, 2)),
        keras.layers.GRU(48),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


def _lamp_mlp(session, broken):
    keras = _keras()
    x, y = _lamp_log(N, seed=16534, raw_time=broken)
    model = keras.Sequential([
        keras.Input((x.shape[1],)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout165("keepers", ["unnormalized_inputs"], stall_begins=260)
def lamp_oil_unix_timestamps(session):
    """The oil burnt in a night from the keeper's log, by a relu MLP under Adam, where the
    logging script's date (a Unix timestamp, ~1.6e9) and lighting time (seconds after
    midnight, ~6e4) go in as they are beside the standardized weather: the first layer's
    pre-activations are in the billions and the loss bounces far above the standardized
    twin's."""
    return _lamp_mlp(session, broken=True)


def _ships_mlp(session, broken):
    keras = _keras()
    x, y = _ships(N, seed=16535)

    def block(units, activation):
        return keras.layers.Dense(units, activation=activation)

    act = "softmax"  # the head's activation, in the variable the hidden blocks also read
    hidden = act if broken else "relu"
    model = keras.Sequential([keras.Input((10,))] + [block(64, hidden) for _ in range(5)]
                             + [block(4, act)])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout165("keepers", ["vanishing_gradients"], stall_begins=None)
def vessel_kind_softmax_blocks(session):
    """The kind of a passing vessel from ten features, by five Dense(64) blocks whose
    activation is read from the variable that holds the head's 'softmax': each hidden layer
    spreads a unit sum over 64 units, the signal and its gradient shrink by about 64 at every
    layer, and the loss stays at the class prior's entropy."""
    return _ships_mlp(session, broken=True)


def _beam_sparse(session, broken):
    keras = _keras()
    x, y = _beam_readings(N, seed=16536)
    sparsity = 0.5 if broken else 1e-5
    reg = keras.regularizers.L1(sparsity)
    model = keras.Sequential([
        keras.Input((16,)),
        keras.layers.Dense(64, activation="relu", activity_regularizer=reg),
        keras.layers.Dense(64, activation="relu", activity_regularizer=reg),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout165("keepers", ["over_regularization"], stall_begins=150)
def beam_range_sparsity_weight(session):
    """The visibility range from sixteen photometer readings, by a relu MLP whose hidden
    layers carry an L1 activity regularizer with the sparse-autoencoder paper's sparsity
    weight beta = 0.5, where the penalty in keras is summed over the batch's activations and
    the working value was 1e-5: the penalty wins, the hidden activity is driven to zero within
    a few epochs, and the loss sits at the target's variance."""
    return _beam_sparse(session, broken=True)
