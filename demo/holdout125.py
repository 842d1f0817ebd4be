"""The hundred-and-twenty-fifth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades (twenty-one runs: twelve healthy, nine broken): ophthalmologists (drusen counted on
fundus patches, a refraction's scatter, intra-ocular pressure and a referral flag, retinal
textures, gaze direction from eye landmarks), anaesthetists (hypotension alarms and arterial
pressure from intra-operative traces, time to waking, a difficult-airway grade, an induction
dose), midwives (shoulder dystocia, contractions on a tocodynamometer, birth weight from
ultrasound biometry, cardiotocograph strips) and paramedics (triage words in call transcripts,
rhythm strips, response times, a potassium level from a strip). Data are numpy generators with
seeds 12501..12526; the last PROBE_SIZE rows of every set are the probe. Every run was checked
only from its own loss curve under Session(None) with keras's seed 0 (as the runner sets it),
and every broken one against the same helper with broken=False.

Healthy half (twelve runs, nothing to fix in the code). Ophthalmologists: drusen counts on
16x16 patches with glare by a Conv2D net under Huber and ReduceLROnPlateau on the training loss,
a tenth of the counts one off (a slow first epochs, then a fall to ~0.33 and a flattening); a
refraction from four biometry measures with scatter growing with axial length, mean and log-
variance heads under the Gaussian negative log-likelihood in a GradientTape loop (below zero,
flat at ~-0.31 with batch noise); pressure (MSE) and a referral flag (cross-entropy, a tenth
flipped) on two heads of one trunk with loss_weights (~0.34, still easing). Anaesthetists: a
hypotension alarm from a GRU(24) under CosineDecayRestarts, a twelfth of the alarms charted
wrongly (~0.37, small bumps at the restarts); the 90th percentile of waking time under the
pinball loss and Adagrad (a long, slowing descent to ~0.15); a difficult-airway grade from twelve
measures as tokens through MultiHeadAttention, trained on a senior's soft labels under AdamW
(ln 3 for three epochs, then a descent to ~0.77, where the labels' own entropy floors it).
Midwives: rare shoulder dystocia (~3%) under BinaryFocalCrossentropy (small and still easing);
contractions in the next ten minutes (Poisson) by a GRU with an exponential head under keras's
Poisson loss and RMSprop (a quick drop, then a slow descent, ~0.23); birth weight from biometry
under log-cosh and SGD with Nesterov momentum, ended by EarlyStopping on the training loss after
13 of 40 epochs (~0.028). Paramedics: a triage category from transcript words by an Embedding
and average pooling, 15% of the labels disputed (a long descent as it memorises them, ~0.18); a
rhythm class from strips by a Conv1D net under SGD with Nesterov momentum and
PiecewiseConstantDecay (steps down, rests at ~0.03); response times with Student-t delays under
MAE and Adamax (flattening at ~0.48, the tails' mean deviation).

Broken half (nine runs, one root cause each). Ophthalmologists: ExponentialDecay(0.05,
decay_steps, 0.01) meant to end the run at 1% of its rate, given the steps of one epoch, so SGD's
rate falls a hundredfold every epoch on a Conv2D net (learning_rate_too_low: ~0.96 from the
third epoch against ~2e-5); an angular gaze error acos(cos) without a clamp, a third of the
frames calibration fixations on one target, so once the net points them straight at it the
cosine rounds to 1 (non_finite_values: ~0.03 and falling, then NaN from step 221, against
~0.012). Anaesthetists: a LearningRateScheduler meant to cut Adam's rate tenfold every three
epochs written lr / 0.1, on a GRU (learning_rate_too_high: 0.057 before epoch 6, then a jump to
~1 at rate 0.2 and to ~100 at rate 2, never back below 0.22, against ~0.058); a statsmodels
lasso's alpha pasted in as keras.regularizers.L1(0.5) on every kernel of an MLP
(over_regularization: flat at ~1.67, the target's variance plus the penalty, against ~0.08).
Midwives: ten sigmoid Conv1D layers under SGD with momentum on cardiotocograph strips
(vanishing_gradients: ln 3 throughout against ~0.11 with relu); a relu left on the three-way
head under sparse categorical cross-entropy (loss_activation_mismatch: ln 3 throughout against
~0.03); a residual block helper's Zeros() kernel initializer passed to every convolution of a
plain stack (poor_initialization: ln 3 throughout against ~0.03). Paramedics: distance in
metres and time of day in seconds left raw beside a dispatch-code Embedding in a tanh MLP
(unnormalized_inputs: ~0.72-0.76 from the first epoch against ~0.05); the output bias's start
at the target mean (log10 potassium, -2.4) passed to every layer's bias_initializer of a relu
Conv1D net (dead_relus: flat at ~0.0051, the target's variance, against ~0.0011).

Dropped or changed because they did not behave as intended. saturated_activations: a sigmoid
MLP on 128-angle OCT profiles with every kernel RandomUniform(-1, 1) under SGD, once under
cross-entropy and once under the Brier score; both learnt faster than the glorot fix (0.06
against 0.04, 0.04 against 0.09): zero-mean weights saturate the units to random 0/1 features
that the head reads well. exploding_gradients: a SimpleRNN in a GradientTape loop whose squared
error was summed over the batch where the recipe averaged it, under SGD: at rates 0.006 and
above it was NaN from the first epoch (not the finite stall intended), at 0.003 and 0.0045 it
bounced but kept improving to about the fixed run's level per example. insufficient_capacity:
a Conv1D net whose convolutions were frozen (trainable=False) with no pretrained weights loaded,
so only a linear read-out of random pooled filters learns: it kept falling (1.06 -> 0.63 under
Adam 1e-2), no stall. poor_initialization was first Constant(1/5) moving-average kernels (all
filters identical): the single effective filter kept creeping down (1.10 -> 1.05, speeding up),
so Zeros() replaced it. The raw dispatch columns first fed relu layers: the loss fell from ~1e6
and was still falling at ~42, so the layers became tanh (the seconds column pins them). The
deep sigmoid run first used SGD 0.05, at which the relu fix did not learn either; 0.02 is used.
The scheduler first cut every four epochs: over twelve epochs the loss recovered after the
jump to 0.2, so every three epochs (a further jump to 2.0) is used.

Not written because earlier catalogues hold them (from their docstrings): NonNeg kernels on
negative inputs, label_smoothing read as a confidence, MaxNorm and MinMaxNorm slips, randn-
style kernels, CosineDecay's warmup_target as a multiplier, LearningRateScheduler 0.1 ** epoch,
a never-reset gradient accumulator, a multi-label softmax, from_logits behind a sigmoid or
softmax (keras 3 repairs it), a free-running rollout, Dense(1) / GRU(1) / Embedding(1)
bottlenecks, sqrt without a floor. Overlaps in kind that remain: a decay_steps slip (here on
ExponentialDecay's end-of-run recipe), an arccos above 1 (here from calibration fixations in a
hand-written loop), a schedule that raises the rate (here a divide-by-0.1 step decay), zero
kernels (here from a residual helper on Conv1D), a negative bias in front of relus (here the
target's mean copied to every layer), deep sigmoid stacks (here ten Conv1D layers), raw units
beside standardised ones (here metres and seconds beside an Embedding, into tanh).

Labels: expected_causes[0] is the root cause, one per run. stall_begins is the 0-based optimizer
step from which the broken loss stops improving, None for "from the start"; 32 steps an epoch
(batch 32, 1,024 training rows). Exact: the arccos run (finite to step 220, NaN from step 221,
read off its per-step loss) and the scheduler (6 * 32 = 192, the epoch whose rate is 0.2).
Approximate, read off the epoch losses: the one-epoch decay (~48: flat from the second epoch)
and the L1 run (~160: the penalty is spent by the sixth epoch). From the start: the sigmoid
stack, the relu head, the zero kernels, the raw columns and the copied bias.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('ophthalmologists', 'anaesthetists', 'midwives', 'paramedics')

REGISTRY = []
holdout125 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE
STEPS = 32  # optimizer steps an epoch at batch 32 (1,024 training rows)


# ---------------------------------------------------------------------------------------------
# helpers and data


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, callbacks=()):
    """model.fit for several named inputs (or several targets); the last PROBE_SIZE rows are the
    probe. Returns the per-epoch mean training loss."""
    def cut(part):
        if isinstance(part, dict):
            return {k: v[:-PROBE_SIZE] for k, v in part.items()}
        return part[:-PROBE_SIZE]

    def tail(part):
        if isinstance(part, dict):
            return {k: v[-PROBE_SIZE:] for k, v in part.items()}
        return part[-PROBE_SIZE:]

    history = model.fit(cut(inputs), cut(y), epochs=epochs, batch_size=batch_size, shuffle=True,
                        verbose=0, callbacks=list(callbacks) + session.callbacks(
                            (tail(inputs), tail(y))))
    return history.history["loss"]


def _retina_streaks(seed, n=N, size=16):
    """Fundus patches with one of three textures (vessel-like horizontal streaks, vertical
    streaks, or scattered exudate dots) under speckle; labels 0..2."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    x = rng.normal(0.0, 0.45, (n, size, size, 1))
    rows = np.arange(size)
    for i in range(n):
        phase = rng.uniform(0, 2 * np.pi)
        if y[i] == 0:
            x[i, :, :, 0] += np.sin(rows * 1.2 + phase)[:, None]
        elif y[i] == 1:
            x[i, :, :, 0] += np.sin(rows * 1.2 + phase)[None, :]
        else:
            spots = rng.integers(0, size, (10, 2))
            x[i, spots[:, 0], spots[:, 1], 0] += 2.5
    return x.astype("float32"), y


def _drusen_counts(seed, n=N, size=16):
    """Fundus patches with 0..6 bright drusen of random size under background glare; the count
    read by a grader misses or doubles one drusen in a tenth of the patches."""
    rng = np.random.default_rng(seed)
    count = rng.integers(0, 7, n)
    grid = np.arange(size)
    x = rng.normal(0.0, 0.3, (n, size, size))
    x += rng.uniform(-0.5, 0.5, (n, 1, 1)) * grid[None, :, None] / size
    for i in range(n):
        for _ in range(count[i]):
            r, c = rng.uniform(1, size - 1, 2)
            w = rng.uniform(0.8, 1.4)
            x[i] += 1.5 * np.exp(-((grid[:, None] - r) ** 2 + (grid[None, :] - c) ** 2) / w)
    graded = count + rng.choice([-1, 0, 1], n, p=[0.05, 0.9, 0.05])
    return x[..., None].astype("float32"), np.clip(graded, 0, None).astype("float32")


def _ctg(seed, n=N, steps=64):
    """Cardiotocograph strips (fetal heart rate, standardised, and uterine contractions) of three
    kinds: reassuring, late decelerations after each contraction, or reduced variability."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    t = np.arange(steps)
    x = np.zeros((n, steps, 2))
    for i in range(n):
        period = rng.uniform(14, 22)
        toco = np.maximum(0, np.sin(2 * np.pi * t / period + rng.uniform(0, 6))) ** 2
        variability = 0.25 if y[i] == 2 else 1.0
        fhr = variability * rng.normal(0, 0.6, steps) + rng.normal(0, 0.3)
        if y[i] == 1:
            fhr -= 1.6 * np.roll(toco, int(rng.integers(3, 6)))
        x[i, :, 0] = fhr
        x[i, :, 1] = toco + rng.normal(0, 0.1, steps)
    return x.astype("float32"), y


def _vitals(seed, n=N, steps=30):
    """Intra-operative traces (mean arterial pressure, heart rate, propofol infusion, all
    standardised) and the pressure five minutes after the window, standardised."""
    rng = np.random.default_rng(seed)
    x = np.zeros((n, steps, 3))
    infusion = np.cumsum(rng.normal(0, 0.25, (n, steps)), axis=1)
    x[:, :, 2] = infusion
    pressure = np.zeros((n, steps))
    level = rng.normal(0, 1, n)
    for k in range(steps):
        level = 0.85 * level - 0.12 * infusion[:, k] + rng.normal(0, 0.2, n)
        pressure[:, k] = level
    x[:, :, 0] = pressure
    x[:, :, 1] = -0.6 * pressure + rng.normal(0, 0.5, (n, steps))
    ahead = 0.85 ** 5 * pressure[:, -1] - 0.5 * infusion[:, -1] + rng.normal(0, 0.25, n)
    return x.astype("float32"), _standardize(ahead[:, None])


def _ecg(seed, n=N, steps=96):
    """Single-lead rhythm strips with R-waves every RR samples: bradycardia (RR 28-34), sinus
    (RR 16-20) or tachycardia (RR 8-11), with baseline wander and noise; labels 0..2."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    t = np.arange(steps)
    low, high = np.array([28, 16, 8]), np.array([34, 20, 11])
    x = rng.normal(0, 0.25, (n, steps))
    x += 0.4 * np.sin(2 * np.pi * t[None, :] / rng.uniform(60, 120, (n, 1)))
    for i in range(n):
        rr = rng.uniform(low[y[i]], high[y[i]])
        for beat in np.arange(rng.uniform(0, rr), steps, rr):
            x[i] += 2.0 * np.exp(-0.5 * ((t - beat) / 0.9) ** 2)
    return x[..., None].astype("float32"), y


# ---------------------------------------------------------------------------------------------
# ophthalmologists


@holdout125("ophthalmologists", healthy=True)
def drusen_count_huber(session):
    """Drusen counted on 16x16 fundus patches with background glare by a small Conv2D net under
    Huber loss and Adam 2e-3 with ReduceLROnPlateau on the training loss (factor 0.5, patience
    2); a tenth of the graders' counts are one off, so the loss levels off well above zero."""
    keras = _keras()
    x, y = _drusen_counts(12501)
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(delta=1.0))
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=2)
    return _fit(session, model, x, y, epochs=16, batch_size=32, callbacks=[plateau])


@holdout125("ophthalmologists", healthy=True)
def refraction_gaussian_likelihood(session):
    """A spherical-equivalent refraction predicted from axial length, corneal power, age and
    lens thickness, with scatter that grows with axial length; an MLP gives a mean and a log-
    variance, trained on the Gaussian negative log-likelihood in a GradientTape loop under Adam
    3e-3. The loss goes below zero and flattens at the noise's entropy."""
    import tensorflow as tf

    keras = _keras()
    rng = np.random.default_rng(12502)
    x = rng.normal(0, 1, (N, 4))
    mean = -1.8 * x[:, 0] + 0.9 * x[:, 1] + 0.3 * x[:, 2] * x[:, 0] - 0.2 * x[:, 3]
    y = mean + rng.normal(0, 1, N) * (0.25 + 0.2 * np.abs(x[:, 0] + 1))
    model = _mlp(keras, 4, [64, 64], 2, out_activation=None)

    def nll(yb, out):
        mu, log_var = out[:, :1], out[:, 1:]
        return tf.reduce_mean(0.5 * (log_var + tf.square(yb - mu) * tf.exp(-log_var)))

    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), nll, x.astype("float32"),
                        y[:, None].astype("float32"), epochs=20, batch_size=32, seed=12503,
                        loss_description="gaussian_nll")


@holdout125("ophthalmologists", healthy=True)
def pressure_and_glaucoma_two_heads(session):
    """Two heads on one trunk: intra-ocular pressure (MSE, standardised, noisy tonometry) and a
    glaucoma referral flag (binary cross-entropy, graders disagree on a tenth) from twelve exam
    measurements, loss_weights {iop: 1, flag: 0.5}, Adam 2e-3; the summed loss flattens at the
    two noise floors."""
    keras = _keras()
    rng = np.random.default_rng(12504)
    x = rng.normal(0, 1, (N, 12)).astype("float32")
    iop = 0.8 * x[:, 0] - 0.5 * x[:, 1] * x[:, 2] + 0.4 * np.tanh(x[:, 3]) + rng.normal(0, 0.5, N)
    risk = 1.2 * iop + 1.5 * x[:, 4] - 0.8 * x[:, 5]
    flag = (risk > 0.5).astype("float32")
    flip = rng.random(N) < 0.1
    flag[flip] = 1 - flag[flip]
    inputs = keras.Input((12,), name="exam")
    trunk = keras.layers.Dense(64, activation="relu")(inputs)
    trunk = keras.layers.Dense(64, activation="relu")(trunk)
    out_iop = keras.layers.Dense(1, name="iop")(trunk)
    out_flag = keras.layers.Dense(1, activation="sigmoid", name="flag")(trunk)
    model = keras.Model(inputs, {"iop": out_iop, "flag": out_flag})
    model.compile(keras.optimizers.Adam(2e-3),
                  loss={"iop": "mse", "flag": "binary_crossentropy"},
                  loss_weights={"iop": 1.0, "flag": 0.5})
    return _fit_inputs(session, model, {"exam": x},
                       {"iop": _standardize(iop[:, None]), "flag": flag[:, None]},
                       epochs=16, batch_size=32)


def _streaks_decay(session, broken):
    keras = _keras()
    x, y = _retina_streaks(12505)
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    epochs = 16
    # "Decay to 1% over the run": decay_steps is the run's length in steps; the broken recipe
    # passes the steps of one epoch, so the rate falls a hundredfold every epoch.
    decay_steps = STEPS if broken else epochs * STEPS
    rate = keras.optimizers.schedules.ExponentialDecay(0.05, decay_steps, 0.01)
    model.compile(keras.optimizers.SGD(rate, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=epochs, batch_size=32)


@holdout125("ophthalmologists", ["learning_rate_too_low"], stall_begins=48)  # approximate
def decay_over_one_epoch(session):
    """Retinal texture patches (vessel streaks either way, or exudate dots) by a Conv2D net
    under SGD 0.05 with momentum and ExponentialDecay(0.05, decay_steps, 0.01) meant to end the
    run at 1% of the rate, but decay_steps was given the steps of one epoch (32) instead of the
    run's 512, so the rate is 5e-4 after one epoch and 5e-6 after two."""
    return _streaks_decay(session, broken=True)


def _gaze_angle(session, broken):
    import tensorflow as tf

    keras = _keras()
    rng = np.random.default_rng(12507)
    # Eye-tracker calibration: a third of the frames fixate the centre target (0, 0, 1).
    yaw = rng.uniform(-0.5, 0.5, N)
    pitch = rng.uniform(-0.35, 0.35, N)
    centre = rng.random(N) < 0.35
    yaw[centre], pitch[centre] = 0.0, 0.0
    gaze = np.stack([np.sin(yaw) * np.cos(pitch), np.sin(pitch), np.cos(yaw) * np.cos(pitch)], 1)
    landmarks = np.stack([yaw, pitch, yaw * pitch, yaw ** 2, pitch ** 2, np.sin(2 * yaw)], 1)
    x = (landmarks @ rng.normal(0, 1, (6, 10)) + rng.normal(0, 0.01, (N, 10))).astype("float32")
    model = _mlp(keras, 10, [64, 64], 3, activation="tanh", out_activation=None)

    def angular_error(yb, out):
        cosine = tf.reduce_sum(tf.math.l2_normalize(out, axis=1) * yb, axis=1)
        if not broken:
            cosine = tf.clip_by_value(cosine, -1.0 + 1e-6, 1.0 - 1e-6)
        return tf.reduce_mean(tf.acos(cosine))

    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), angular_error, x,
                        gaze.astype("float32"), epochs=20, batch_size=32, seed=12508,
                        loss_description="angular_error")


@holdout125("ophthalmologists", ["non_finite_values"], stall_begins=221)
def arccos_without_clamp(session):
    """Gaze direction from ten eye-landmark features by a tanh MLP whose three outputs are
    normalised to a unit vector, trained in a GradientTape loop on the angular error
    acos(cos) with Adam 2e-3; the cosine is not clamped below 1, and a third of the frames are
    calibration fixations on the same centre target, so once the net points them straight at
    it the cosine rounds to 1 and acos's gradient there is infinite: the weights and the loss
    turn NaN."""
    return _gaze_angle(session, broken=True)


# ---------------------------------------------------------------------------------------------
# anaesthetists


@holdout125("anaesthetists", healthy=True)
def hypotension_gru_restarts(session):
    """Whether pressure drops below threshold five minutes after a 30-sample window of MAP,
    heart rate and propofol infusion, by a GRU(24) under Adam with CosineDecayRestarts (first
    period 4 epochs, doubling); a twelfth of the alarms are charted wrongly, so the loss shows
    small bumps at the restarts and levels off near the noise's cross-entropy."""
    keras = _keras()
    x, ahead = _vitals(12509)
    y = (ahead[:, 0] < -0.4).astype("float32")
    flip = np.random.default_rng(12510).random(N) < 0.08
    y[flip] = 1 - y[flip]
    model = keras.Sequential([keras.Input((30, 3)), keras.layers.GRU(24),
                              keras.layers.Dense(1, activation="sigmoid")])
    rate = keras.optimizers.schedules.CosineDecayRestarts(3e-3, first_decay_steps=4 * STEPS)
    model.compile(keras.optimizers.Adam(rate), "binary_crossentropy")
    return _fit(session, model, x, y[:, None], epochs=12, batch_size=32)


@holdout125("anaesthetists", healthy=True)
def wake_time_quantile_adagrad(session):
    """The 90th percentile of time to eye-opening after a propofol-remifentanil anaesthetic from
    age, weight, duration, end-tidal concentrations and BMI (log-normal scatter), by an MLP
    under the pinball loss and Adagrad 0.05, whose shrinking steps make the descent long and
    slow; it is still easing at the end."""
    keras = _keras()
    rng = np.random.default_rng(12511)
    x = rng.normal(0, 1, (N, 6)).astype("float32")
    median = 0.5 * x[:, 0] + 0.3 * x[:, 2] + 0.4 * x[:, 3] - 0.2 * x[:, 1] + 0.2 * x[:, 4] ** 2
    y = np.exp(0.4 * median + rng.normal(0, 0.35, N))
    y = (y / y.std()).astype("float32")[:, None]

    def pinball(y_true, y_pred, q=0.9):
        error = y_true - y_pred
        return keras.ops.mean(keras.ops.maximum(q * error, (q - 1) * error))

    model = _mlp(keras, 6, [32, 32], 1, out_activation=None)
    model.compile(keras.optimizers.Adagrad(0.05), pinball)
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout125("anaesthetists", healthy=True)
def airway_grade_attention_soft_labels(session):
    """A difficult-airway grade (three classes) from twelve bedside measures treated as tokens
    (value times a learned measure Embedding) through one MultiHeadAttention block, trained on
    soft labels, the probabilities a senior anaesthetist's model gives, under categorical cross-
    entropy and AdamW: a slow start, a descent, and a flattening near 0.77, since those labels'
    own entropy is the loss's floor."""
    keras = _keras()
    rng = np.random.default_rng(12512)
    values = rng.normal(0, 1, (N, 12)).astype("float32")
    logits = np.stack([values[:, 0] + values[:, 1], values[:, 2] - values[:, 0],
                       0.8 * values[:, 3] * values[:, 4]], 1) * 1.3
    soft = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
    token_in = keras.Input((12,), name="values")
    ids = keras.ops.arange(12)
    measure = keras.layers.Embedding(12, 16)(ids)
    tokens = keras.layers.Reshape((12, 1))(token_in) * measure[None] + measure[None]
    attended = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(tokens, tokens)
    pooled = keras.layers.GlobalAveragePooling1D()(attended + tokens)
    hidden = keras.layers.Dense(32, activation="relu")(pooled)
    model = keras.Model(token_in, keras.layers.Dense(3, activation="softmax")(hidden))
    model.compile(keras.optimizers.AdamW(2e-3), "categorical_crossentropy")
    return _fit(session, model, values, soft.astype("float32"), epochs=14, batch_size=32)


def _pressure_gru_schedule(session, broken):
    keras = _keras()
    x, y = _vitals(12513)

    def tenth_every_four(epoch, lr):
        if epoch and epoch % 3 == 0:
            # Meant to divide the rate by ten; the broken one divides by 0.1.
            return lr / 0.1 if broken else lr * 0.1
        return lr

    model = keras.Sequential([keras.Input((30, 3)), keras.layers.GRU(32),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    schedule = keras.callbacks.LearningRateScheduler(tenth_every_four)
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[schedule])


@holdout125("anaesthetists", ["learning_rate_too_high"], stall_begins=6 * STEPS)
def step_decay_divides_by_a_tenth(session):
    """Mean arterial pressure five minutes ahead from MAP, heart-rate and infusion traces by a
    GRU(32) under Adam 2e-3 with a LearningRateScheduler meant to cut the rate tenfold every
    three epochs, written lr / 0.1: the rate is 2e-2 from epoch 3, 0.2 from epoch 6 and 2.0
    from epoch 9; from epoch 6 the loss jumps and never comes back to its earlier level."""
    return _pressure_gru_schedule(session, broken=True)


def _dose_lasso(session, broken):
    keras = _keras()
    rng = np.random.default_rng(12516)
    # Induction dose (mg/kg, standardised) from twenty patient features, five of which matter.
    x = rng.normal(0, 1, (N, 20)).astype("float32")
    y = (0.9 * x[:, 0] - 0.6 * x[:, 1] + 0.5 * np.tanh(2 * x[:, 2]) + 0.4 * x[:, 3] * x[:, 4]
         + rng.normal(0, 0.3, N))
    # A statsmodels lasso's alpha (0.5 on a summed loss over the rows) pasted as a keras L1.
    penalty = keras.regularizers.L1(0.5 if broken else 1e-4)
    model = _mlp(keras, 20, [64, 64], 1, out_activation=None, kernel_regularizer=penalty)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, _standardize(y[:, None]), epochs=16, batch_size=32)


@holdout125("anaesthetists", ["over_regularization"], stall_begins=5 * STEPS)  # approximate
def lasso_alpha_as_l1(session):
    """A propofol induction dose from twenty patient features by a relu MLP 64-64 under Adam
    2e-3, every kernel under keras.regularizers.L1(0.5), the alpha of a statsmodels lasso fit
    pasted in: the penalty crushes the kernels to zero and the fit to the mean."""
    return _dose_lasso(session, broken=True)


# ---------------------------------------------------------------------------------------------
# midwives


@holdout125("midwives", healthy=True)
def shoulder_dystocia_focal(session):
    """Shoulder dystocia (about 3% of births) from estimated fetal weight, maternal BMI, glucose
    and parity by an MLP under BinaryFocalCrossentropy(gamma=2) and Adam 1e-3; the rare class
    and overlapping risk keep the (small, focal) loss from reaching zero."""
    keras = _keras()
    rng = np.random.default_rng(12517)
    x = rng.normal(0, 1, (N, 8)).astype("float32")
    score = 1.3 * x[:, 0] + 0.7 * x[:, 1] + 0.5 * x[:, 2] * (x[:, 0] > 0) - 4.0
    y = (rng.random(N) < 1 / (1 + np.exp(-score))).astype("float32")
    model = _mlp(keras, 8, [32, 16], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), keras.losses.BinaryFocalCrossentropy(gamma=2.0))
    return _fit(session, model, x, y[:, None], epochs=14, batch_size=32)


@holdout125("midwives", healthy=True)
def contractions_poisson_gru(session):
    """Contractions in the next ten minutes (a Poisson count, mean ~3) after a 24-sample
    tocodynamometer trace, by a GRU(16) with an exponential head under keras's Poisson loss and
    RMSprop 2e-3; a quick drop to the mean rate, then a slow, still continuing descent as the
    GRU reads the contraction period; the count's own scatter keeps it far from a perfect
    forecast."""
    keras = _keras()
    rng = np.random.default_rng(12518)
    rate = rng.uniform(0.15, 0.55, N)
    t = np.arange(24)
    phase = rng.uniform(0, 6, (N, 1))
    x = np.maximum(0, np.sin(2 * np.pi * rate[:, None] * t[None, :] / 2 + phase))
    x = (x + rng.normal(0, 0.2, (N, 24)))[..., None].astype("float32")
    y = rng.poisson(rate * 7).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((24, 1)), keras.layers.GRU(16),
                              keras.layers.Dense(1, activation="exponential")])
    model.compile(keras.optimizers.RMSprop(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout125("midwives", healthy=True)
def birth_weight_logcosh_early_stop(session):
    """Birth weight (standardised) from ultrasound biometry (head and abdominal circumference,
    femur length, gestational age) through a Hadlock-like log formula with 8% scatter, by an MLP
    under log-cosh and SGD 0.02 with Nesterov momentum, and EarlyStopping on the training loss
    (patience 3, min_delta 1e-3) that ends the run once it has flattened."""
    keras = _keras()
    rng = np.random.default_rng(12519)
    x = rng.normal(0, 1, (N, 4)).astype("float32")
    log_weight = 0.5 * x[:, 0] + 0.7 * x[:, 1] + 0.3 * x[:, 2] + 0.1 * x[:, 1] * x[:, 2]
    y = np.exp(0.35 * log_weight + rng.normal(0, 0.08, N))
    model = _mlp(keras, 4, [32, 32], 1, out_activation=None)
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9, nesterov=True), "log_cosh")
    stop = keras.callbacks.EarlyStopping(monitor="loss", patience=3, min_delta=1e-3)
    return _fit(session, model, x, _standardize(y[:, None]), epochs=40, batch_size=32,
                callbacks=[stop])


def _ctg_conv(session, broken, kind):
    keras = _keras()
    x, y = _ctg(12520)
    layers = [keras.Input((64, 2))]
    if kind == "deep":
        activation = "sigmoid" if broken else "relu"
        for _ in range(10):
            layers.append(keras.layers.Conv1D(16, 3, padding="same", activation=activation))
        optimizer = keras.optimizers.SGD(0.02, momentum=0.9)
    else:
        # A block helper's init argument, keras.initializers.Zeros() for the last convolution of
        # a residual branch ("start as the identity"), passed to every convolution of a plain
        # stack.
        init = keras.initializers.Zeros() if kind == "flat" and broken else "glorot_uniform"
        for filters in (16, 16):
            layers.append(keras.layers.Conv1D(filters, 5, padding="same", activation="relu",
                                              kernel_initializer=init))
        optimizer = keras.optimizers.Adam(2e-3)
    layers.append(keras.layers.GlobalAveragePooling1D())
    layers.append(keras.layers.Dense(16, activation="relu"))
    head = "relu" if kind == "head" and broken else "softmax"
    layers.append(keras.layers.Dense(3, activation=head))
    model = keras.Sequential(layers)
    model.compile(optimizer, "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout125("midwives", ["vanishing_gradients"])
def ten_sigmoid_convolutions(session):
    """Cardiotocograph strips (reassuring, late decelerations, reduced variability) by ten
    stacked Conv1D(16, 3) layers with sigmoid activations ('smooth like the trace') under SGD
    0.05 with momentum; the gradient shrinks by sigmoid's quarter slope at every layer and the
    lower filters never learn."""
    return _ctg_conv(session, broken=True, kind="deep")


@holdout125("midwives", ["loss_activation_mismatch"], stall_begins=None)
def relu_head_for_classes(session):
    """The same strips by a two-layer Conv1D net whose three-way head kept the relu of the
    hidden layers (a helper's default) under sparse categorical cross-entropy: keras normalises
    the relu outputs into probabilities, and a class whose output reaches zero gets no gradient
    back, so those strips stay at the clipped probability."""
    return _ctg_conv(session, broken=True, kind="head")


@holdout125("midwives", ["poor_initialization"], stall_begins=None)
def residual_zeros_everywhere(session):
    """The same strips by a two-layer Conv1D(16, 5) relu net under Adam 2e-3, built with a block
    helper whose init argument, Zeros() for the last convolution of a residual branch ('start
    as the identity'), was passed to every convolution of this plain stack: every feature map
    is zero, relu passes no gradient at zero, and only the head's biases move."""
    return _ctg_conv(session, broken=True, kind="flat")


# ---------------------------------------------------------------------------------------------
# paramedics


@holdout125("paramedics", healthy=True)
def triage_words_noisy_labels(session):
    """A triage category (four classes) from the first twenty words of a call transcript (a
    300-word vocabulary), an Embedding(300, 16) with GlobalAveragePooling1D and a relu layer
    under Nadam 2e-3; call-takers disagree on 15% of the categories, which the net learns
    slowly to memorise: a fast fall, then a long steady descent still going at the end."""
    keras = _keras()
    rng = np.random.default_rng(12521)
    y = rng.integers(0, 4, N)
    words = rng.integers(40, 300, (N, 20))
    cues = rng.integers(0, 10, (N, 3)) + 10 * y[:, None]
    positions = np.argsort(rng.random((N, 20)), axis=1)[:, :3]
    np.put_along_axis(words, positions, cues, axis=1)
    noisy = np.where(rng.random(N) < 0.15, rng.integers(0, 4, N), y)
    model = keras.Sequential([
        keras.Input((20,), dtype="int32"),
        keras.layers.Embedding(300, 16),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Nadam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, words.astype("int32"), noisy, epochs=14, batch_size=32)


@holdout125("paramedics", healthy=True)
def rhythm_strips_piecewise(session):
    """Rhythm strips (bradycardia, sinus, tachycardia) with baseline wander by a Conv1D net under
    SGD 0.05 with Nesterov momentum and PiecewiseConstantDecay (x0.2 after epochs 5 and 10):
    the loss steps down at each boundary and rests near zero."""
    keras = _keras()
    x, y = _ecg(12522)
    model = keras.Sequential([
        keras.Input((96, 1)),
        keras.layers.Conv1D(16, 7, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 7, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    rate = keras.optimizers.schedules.PiecewiseConstantDecay([5 * STEPS, 10 * STEPS],
                                                             [0.05, 0.01, 0.002])
    model.compile(keras.optimizers.SGD(rate, momentum=0.9, nesterov=True),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout125("paramedics", healthy=True)
def response_time_heavy_tails(session):
    """Ambulance response time (standardised) from distance, hour, traffic index and crew
    availability, with Student-t (3 degrees of freedom) delays from road closures, by an MLP
    under mean absolute error and Adamax 3e-3; the loss flattens at the tails' mean absolute
    deviation."""
    keras = _keras()
    rng = np.random.default_rng(12523)
    x = rng.normal(0, 1, (N, 5)).astype("float32")
    y = 0.9 * x[:, 0] + 0.4 * np.sin(2 * x[:, 1]) + 0.3 * x[:, 2] * (x[:, 3] > 0)
    y = y + 0.4 * rng.standard_t(3, N)
    model = _mlp(keras, 5, [32, 32], 1, out_activation=None)
    model.compile(keras.optimizers.Adamax(3e-3), "mae")
    return _fit(session, model, x, y[:, None].astype("float32"), epochs=16, batch_size=32)


def _dispatch(session, broken):
    keras = _keras()
    rng = np.random.default_rng(12524)
    code = rng.integers(0, 40, N)
    metres = rng.gamma(2.0, 4000.0, N)
    seconds = rng.uniform(0, 86400, N)
    age = rng.uniform(1, 95, N)
    code_effect = rng.normal(0, 0.6, 40)
    rush = np.exp(-((seconds - 30600) / 4000) ** 2) + np.exp(-((seconds - 63000) / 5000) ** 2)
    minutes = (4 + metres / 800 + 4 * rush + code_effect[code] * 3 + 0.01 * age
               + rng.normal(0, 1.0, N))
    numeric = np.stack([metres, seconds, age], 1)
    numeric = numeric.astype("float32") if broken else _standardize(numeric)
    code_in = keras.Input((1,), name="code", dtype="int32")
    numeric_in = keras.Input((3,), name="numeric")
    embedded = keras.layers.Flatten()(keras.layers.Embedding(40, 4)(code_in))
    hidden = keras.layers.Concatenate()([embedded, numeric_in])
    hidden = keras.layers.Dense(64, activation="tanh")(hidden)
    hidden = keras.layers.Dense(32, activation="tanh")(hidden)
    model = keras.Model([code_in, numeric_in], keras.layers.Dense(1)(hidden))
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit_inputs(session, model, {"code": code[:, None].astype("int32"), "numeric": numeric},
                       _standardize(minutes[:, None]), epochs=16, batch_size=32)


@holdout125("paramedics", ["unnormalized_inputs"])
def metres_and_seconds_raw(session):
    """Response minutes from a dispatch code (Embedding) and three numeric columns left in the
    export's units, distance in metres (~8,000), time of day in seconds since midnight (0 to
    86,400) and age in years, beside the code's small embedding, by a relu MLP under Adam 1e-3:
    the seconds column swamps the first layer and the rush-hour effect is never learned."""
    return _dispatch(session, broken=True)


def _ecg_bias(session, broken):
    keras = _keras()
    rng = np.random.default_rng(12525)
    x, rhythm = _ecg(12526)
    # log10 of serum potassium in mol/L (about -2.4), higher with faster rhythms.
    y = (-2.4 + 0.08 * (rhythm - 1) + rng.normal(0, 0.03, N)).astype("float32")[:, None]
    # The output bias "starts at the target's mean", pasted onto every layer.
    start = keras.initializers.Constant(float(y.mean()))
    hidden_bias = start if broken else "zeros"
    model = keras.Sequential([
        keras.Input((96, 1)),
        keras.layers.Conv1D(16, 7, activation="relu", padding="same", bias_initializer=hidden_bias),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 7, activation="relu", padding="same", bias_initializer=hidden_bias),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu", bias_initializer=hidden_bias),
        keras.layers.Dense(1, bias_initializer=start),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout125("paramedics", ["dead_relus"], stall_begins=None)
def target_mean_bias_everywhere(session):
    """log10 serum potassium (about -2.4) estimated from a rhythm strip by a relu Conv1D net
    under Adam 1e-3; the recipe starts the output bias at the target's mean, and the helper
    passed that Constant(-2.4) to every layer's bias_initializer, so the hidden relus start
    below zero for every strip and get no gradient."""
    return _ecg_bias(session, broken=True)
