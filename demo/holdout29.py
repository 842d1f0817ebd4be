"""The twenty-ninth held-out catalogue: written by someone who did not read the engine or run the
diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History and the per-step loss, in a throwaway script with the runner's seed), and
every broken one against the same model trained without its mistake (each `_..._run(session,
broken)` trains both).

Half of it is healthy-but-imperfect training: almshouse residents' weekly care hours by an MLP
under MAE and a staircase exponential decay, against Student-t carer-log noise; five application
outcomes from overlapping trait clouds by a batch-normalised MLP under SGD with Nesterov
momentum (a Bayes error floor); a trustees' ledger of 160 rows memorised by a wide MLP over 120
epochs (with one Adam bump near epoch 100); lameness from stride accelerometer sequences by a
GRU, 15% of the farriers' labels wrong; horseshoe wear from past shift loads by an LSTM under
ReduceLROnPlateau, against noise that grows with the load; forge job notes by an Embedding and a
bidirectional GRU under AdamW with a warm-up and cosine decay, a tenth of the notes naming two
jobs; seam defects from photographs by a batch-normalised CNN, 18% of the inspector's calls
wrong; seam strength from solder temperature traces by a Conv1D net under SGD with momentum
and a piecewise-constant rate; seam defects from 192 photographs memorised by a separable-
convolution CNN over 60 epochs; an orrery arm's period by a tanh MLP in a hand-written
GradientTape loop, against measuring scatter; the motion a gear train drives from its tooth
codes by a one-block self-attention encoder, a fifth of the trains ambiguous; and commission
hours from a workshop id (an Embedding) and numeric columns, two inputs, under plain SGD at
0.01 (a long slow descent).

The broken half, one root cause each: a log10 rate from a tuning sheet turned back with np.exp
(Adam at 0.05 instead of 0.001; learning rate too high); an interpretable additive model (one
subnet per column) for a target made of interactions (insufficient capacity); an
activity_regularizer L2(1.0) on the regression output layer itself (over-regularisation); a
Transformer recipe's embedding, N(0, 1) times sqrt(256), in front of an LSTM (saturated
activations); a 2006-style eleven-layer sigmoid autoencoder trained end to end without
pre-training (vanishing gradients); a rate converted from 'milli' units after the config had
moved to absolute ones, Adam at 1e-6 (learning rate too low); a WAV file's int16 samples fed to
a Conv1D net under SGD (unnormalised inputs; the first steps blow the loss up to ~1e25, after
which every unit of the second convolution and the dense layer is dead on the training data,
against none with the fix, so dead ReLUs too, and the net sits at ln 3); a residual block that already returns x + f(x) while the caller adds x
again, six blocks under SGD (exploding gradients, NaN from step 3, so non-finite values too);
a ReLU put first 'to clip negative sensor noise' on log-transmittance images, all below zero
(dead ReLUs: every input becomes zero); a tanh on the last Dense of a classifier whose loss takes
logits (loss/activation mismatch: four logits in [-1, 1] floor the loss at ~0.34); eight
averaged towers all given one seeded HeNormal instance, so they start and stay identical (poor
initialisation); and a per-trace standardisation inside the model whose variance is computed
the one-pass way, E[x^2] - E[x]^2, in float32 on encoder counts of ~60000 (non-finite values:
NaN from the first batch).

Dropped or replaced because they did not behave as intended: the sequence's probability
multiplied out and taken through log(P + 1e-7), for the vanishing gradients (the gradient did
vanish and the loss sat still, but the floored log caps the loss at -log(1e-7) / 30 ~ 0.54,
below the fixed model's per-step NLL of ~1.17, so the stall is not above what the fix reaches;
the deep sigmoid autoencoder replaced it); loss_weights=[0.01] kept from a multi-task config
under SGD with momentum, for the rate too low (Keras reports the weighted loss, 100x smaller,
and it kept falling ~2% an epoch towards the fixed run's level; the double 'milli' conversion
replaced it); the sqrt(d_model) embedding at d = 64 (the LSTM kept learning, ~1.25 -> ~0.32;
d = 256 kept, which still creeps ~1% an epoch); the shared-seed towers at Adam 3e-3 over 10
epochs (still falling ~10% an epoch; 1e-2 over 12 kept); the residual-added-twice net with ten
blocks at SGD 0.01 (the fixed net went NaN too; six blocks at 0.002 kept); the one-pass
variance on traces whose slips showed as a larger wobble (per-trace standardisation removes the
wobble's size, so the fixed model did not learn either; the slips became a jump) and with ReLU
layers behind it (the ReLUs turned the NaNs into zeros and the loss sat at ln 2, finite; tanh
layers kept); the log-transmittance images at low contrast (the fixed CNN barely learnt, ~1.39
-> ~1.19; a wider range and Adam 3e-3 kept). Not written because earlier catalogues hold the
mechanism: negative or log-odds biases on ReLU layers, positive kernels on negative inputs, the
variance used as the scale, zero-padded long sequences, a GAM as a healthy model.

With the runner's seed, `fit` visits the examples in the same order every epoch, so several
runs show a sawtooth within each epoch. Labels follow `scenarios.py`: `expected_causes[0]` is
the root cause the scenario was built around, a second cause only where that symptom is
genuinely present too (the NaN of the doubled residual net; the dead second convolution and
dense layer after the int16 samples' blow-up, measured on the training data); `stall_begins` is the optimizer
step from which the loss stops improving (None: from the start), exact where an event of the
scenario causes it (the doubled residual net's loss rises at step 2, NaN from step 3; the
one-pass variance is NaN from the first batch), otherwise read off the per-step loss (smoothed
over 25 steps) and marked approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("almshouses", "ferriers", "tinsmiths", "orreries")

REGISTRY = []

holdout29 = registrar(REGISTRY)


def _rng(seed):
    return np.random.default_rng(seed)


def _std(v):
    v = np.asarray(v, dtype="float64")
    return ((v - v.mean(axis=0)) / v.std(axis=0)).astype("float32")


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, shuffle=True, callbacks=()):
    """`_fit` for a model with several inputs: the last PROBE_SIZE rows of every input are
    the probe (never trained on). Returns the per-epoch mean training loss."""
    train = [v[:-PROBE_SIZE] for v in inputs]
    probe = ([v[-PROBE_SIZE:] for v in inputs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        shuffle=shuffle, verbose=0,
                        callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


# almshouses ----------------------------------------------------------------------------------


def care_hours(n, seed):
    """Weekly care hours of an almshouse resident from 8 standardised traits (age, mobility,
    ...): a smooth function plus Student-t (3 dof) carer-log noise."""
    r = _rng(seed)
    x = r.normal(size=(n, 8)).astype("float32")
    f = 1.2 * np.tanh(x[:, 0] + 0.5 * x[:, 1]) + 0.6 * x[:, 2] * x[:, 3] + 0.4 * np.sin(2 * x[:, 4])
    y = f + 0.5 * r.standard_t(3, size=n)
    return x, y.astype("float32")[:, None]


def vacancy_outcomes(n, seed, overlap=1.0):
    """Which of 5 outcomes an almshouse place application has (granted, waitlisted, ...)
    from 10 traits: class means on a ring, overlapping clouds (a Bayes error floor)."""
    r = _rng(seed)
    y = r.integers(0, 5, n)
    centres = r.normal(size=(5, 10)) * 1.1
    x = centres[y] + overlap * r.normal(size=(n, 10))
    return x.astype("float32"), y


def pension_table(n, seed, noise=0.15):
    """A resident's monthly pension need from 6 standardised columns: additive parts plus a
    strong interaction of income and rent (x0 * x1) and a threshold in x2 * x3."""
    r = _rng(seed)
    x = r.normal(size=(n, 6)).astype("float32")
    y = (0.5 * x[:, 4] + 0.3 * np.sin(x[:, 5]) + 1.2 * x[:, 0] * x[:, 1]
         + 0.8 * np.sign(x[:, 2] * x[:, 3]) + noise * r.normal(size=n))
    return x, y.astype("float32")[:, None]


def benefit_bands(n, seed):
    """10 benefit bands from 12 traits, a nonlinear rule (nearly separable)."""
    r = _rng(seed)
    x = r.normal(size=(n, 12)).astype("float32")
    w = r.normal(size=(12, 10))
    z = np.tanh(x @ w[:, :6]) @ r.normal(size=(6, 10)) + 0.5 * (x ** 2) @ w * 0.3
    y = z.argmax(1)
    return x, y


@holdout29("almshouses", healthy=True)
def care_hours_student_t_mae_staircase(session):
    """Weekly care hours of almshouse residents by an MLP under MAE, Adam with a staircase
    exponential decay (halving every 3 epochs); the carer logs have Student-t noise, so the loss
    flattens at the noise's mean absolute deviation, far above zero."""
    keras = _keras()
    x, y = care_hours(2048 + PROBE_SIZE, seed=29001)
    steps = -(-2048 // 32)
    schedule = keras.optimizers.schedules.ExponentialDecay(3e-3, 3 * steps, 0.5, staircase=True)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(schedule), "mae")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout29("almshouses", healthy=True)
def vacancy_outcomes_overlap_nesterov(session):
    """Five application outcomes from overlapping trait clouds by a batch-normalised MLP under
    SGD with Nesterov momentum: the classes overlap, so the cross-entropy levels off near the
    Bayes error's, well above zero."""
    keras = _keras()
    x, y = vacancy_outcomes(2048 + PROBE_SIZE, seed=29002)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64), keras.layers.BatchNormalization(),
                              keras.layers.Activation("relu"), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(5, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.03, momentum=0.9, nesterov=True),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout29("almshouses", healthy=True)
def trustees_small_ledger_memorised(session):
    """A trustees' ledger of 160 residents' pension needs fitted by a wide MLP for many epochs:
    with so few rows the training loss keeps sinking slowly below the noise as it memorises
    (overfitting, not a fault of the optimisation)."""
    keras = _keras()
    x, y = pension_table(160 + PROBE_SIZE, seed=29003, noise=0.4)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=120, batch_size=16)


def _log10_rate_run(session, broken):
    keras = _keras()
    x, y = benefit_bands(2048 + PROBE_SIZE, seed=29004)
    log10_lr = -3.0  # as the tuning sheet stores it
    lr = float(np.exp(log10_lr)) if broken else 10.0 ** log10_lr
    model = keras.Sequential([keras.Input((12,))] + [keras.layers.Dense(64, activation="relu")
                                                     for _ in range(4)]
                             + [keras.layers.Dense(10, activation="softmax")])
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _additive_run(session, broken):
    keras = _keras()
    x, y = pension_table(2048 + PROBE_SIZE, seed=29005)
    inp = keras.Input((6,))
    if broken:
        parts = []
        for k in range(6):
            col = keras.layers.Lambda(lambda t, k=k: t[:, k:k + 1])(inp)
            h = keras.layers.Dense(32, activation="relu")(col)
            h = keras.layers.Dense(32, activation="relu")(h)
            parts.append(keras.layers.Dense(1)(h))
        out = keras.layers.Add()(parts)
    else:
        h = keras.layers.Dense(64, activation="relu")(inp)
        h = keras.layers.Dense(64, activation="relu")(h)
        out = keras.layers.Dense(1)(h)
    model = keras.Model(inp, out)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _output_activity_run(session, broken):
    keras = _keras()
    x, y = care_hours(2048 + PROBE_SIZE, seed=29006)
    y = y * 0 + (1.2 * np.tanh(x[:, 0] + 0.5 * x[:, 1]) + 0.6 * x[:, 2] * x[:, 3])[:, None] + 2.0
    y = y.astype("float32")

    def dense(units, activation=None):
        reg = keras.regularizers.L2(1.0) if broken else None
        return keras.layers.Dense(units, activation=activation, activity_regularizer=reg)

    hidden_reg = keras.regularizers.L2(1e-4)
    model = keras.Sequential([keras.Input((8,)),
                              keras.layers.Dense(64, activation="relu", activity_regularizer=hidden_reg),
                              keras.layers.Dense(64, activation="relu", activity_regularizer=hidden_reg),
                              dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout29("almshouses", ["learning_rate_too_high"], stall_begins=45)  # approximate
def natural_exp_of_log10_rate(session):
    """Benefit bands by a four-layer ReLU MLP whose Adam rate was read from a tuning sheet that
    stores log10 of the rate (-3) and turned back with np.exp instead of 10 ** x: Adam runs at
    0.05 instead of 0.001."""
    return _log10_rate_run(session, broken=True)


@holdout29("almshouses", ["insufficient_capacity"], stall_begins=40)  # approximate
def pension_need_additive_model(session):
    """Pension need by an interpretable additive model (one small subnet per column, summed):
    the need hinges on the product of income and rent and a sign rule of two columns, which no
    sum of one-column functions can express, so the loss levels off at the interactions'
    variance."""
    return _additive_run(session, broken=True)


@holdout29("almshouses", ["over_regularization"], stall_begins=70)  # approximate
def activity_penalty_on_the_output_layer(session):
    """Care hours (targets around 2) by an MLP whose hidden layers carry a small activity
    penalty and whose output layer was given activity_regularizer=L2(1.0) as well: the
    penalty on the predictions themselves pulls them towards zero, and the loss levels off far
    above the fit."""
    return _output_activity_run(session, broken=True)


# ferriers ------------------------------------------------------------------------------------


def hoof_strides(n, seed, steps=24, flip=0.15):
    """Accelerometer strides of a horse [n, 24, 3]: 0 sound, 1 lame fore, 2 lame hind, a
    rhythm with a class-dependent asymmetry and sensor noise; `flip` of the farrier's labels
    are wrong."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    t = np.arange(steps) / steps * 4 * np.pi
    phase = r.uniform(0, 2 * np.pi, (n, 1))
    base = np.sin(t + phase)
    x = np.stack([base, np.cos(t + phase), np.sin(2 * (t + phase))], -1)
    x[:, :, 0] += 0.5 * (y == 1)[:, None] * np.maximum(base, 0)
    x[:, :, 1] += 0.5 * (y == 2)[:, None] * np.maximum(-base, 0)
    x += 0.4 * r.normal(size=x.shape)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 3, n)) % 3, y)
    return x.astype("float32"), y


def shoe_wear(n, seed, steps=20):
    """Shoe wear in mm after the next 20 shifts from the past shifts' loads [n, 20, 2]: a
    decaying sum of the loads, with heteroscedastic noise growing with the load."""
    r = _rng(seed)
    x = r.gamma(2.0, 0.5, size=(n, steps, 2))
    w = 0.85 ** np.arange(steps)[::-1]
    f = (x[:, :, 0] * w).sum(1) * 0.3 + 0.2 * (x[:, :, 1] * w).sum(1)
    y = f + 0.15 * f * r.normal(size=n)
    return _std(x.reshape(n, -1)).reshape(n, steps, 2), _std(y)[:, None]


def forge_words(n, seed, steps=16, vocab=40):
    """Token sequences of a forge's job notes [n, 16] and which of 4 jobs they describe: the
    job is set by which cue tokens appear, with filler tokens, and 10% of the notes say two
    jobs (ambiguous, labelled at random)."""
    r = _rng(seed)
    y = r.integers(0, 4, n)
    x = r.integers(8, vocab, size=(n, steps))
    for k in range(n):
        pos = r.choice(steps, 3, replace=False)
        x[k, pos] = 2 * y[k] + r.integers(0, 2, 3)
        if r.random() < 0.1:
            other = (y[k] + r.integers(1, 4)) % 4
            x[k, pos[:2]] = 2 * other
            if r.random() < 0.5:
                y[k] = other
    return x.astype("int32"), y


@holdout29("ferriers", healthy=True)
def lameness_strides_gru_mislabelled(session):
    """Lameness classes from stride accelerometer sequences by a GRU under Adam; 15% of the
    farriers' labels are wrong, so the cross-entropy flattens well above zero."""
    keras = _keras()
    x, y = hoof_strides(2048 + PROBE_SIZE, seed=29101)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(32),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout29("ferriers", healthy=True)
def shoe_wear_lstm_reduce_on_plateau(session):
    """Shoe wear from past shift loads by an LSTM under MSE, Adam and ReduceLROnPlateau
    (factor 0.3, patience 1); the noise grows with the load, so the loss flattens at its
    share of the variance."""
    keras = _keras()
    x, y = shoe_wear(2048 + PROBE_SIZE, seed=29102)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    plateau = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=1, min_delta=1e-3)
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[plateau])


@holdout29("ferriers", healthy=True)
def job_notes_bidirectional_gru_warmup_cosine(session):
    """Forge job notes by an Embedding and a bidirectional GRU under AdamW with a linear
    warm-up (60 steps) and a cosine decay; a tenth of the notes name two jobs, so the loss
    levels off above zero."""
    keras = _keras()
    x, y = forge_words(2048 + PROBE_SIZE, seed=29103)
    steps = 8 * 64
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, steps - 60, warmup_target=4e-3, warmup_steps=60)
    model = keras.Sequential([keras.Input((16,), dtype="int32"), keras.layers.Embedding(40, 16),
                              keras.layers.Bidirectional(keras.layers.GRU(16)),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.AdamW(schedule, weight_decay=1e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


def _embedding_scale_run(session, broken):
    keras = _keras()
    x, y = forge_words(2048 + PROBE_SIZE, seed=29104)
    d = 256
    inp = keras.Input((16,), dtype="int32")
    if broken:
        e = keras.layers.Embedding(40, d, embeddings_initializer=keras.initializers.RandomNormal(stddev=1.0))(inp)
        e = keras.layers.Rescaling(float(np.sqrt(d)))(e)
    else:
        e = keras.layers.Embedding(40, d)(inp)
    h = keras.layers.LSTM(32)(e)
    model = keras.Model(inp, keras.layers.Dense(4, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


def horseshoe_profiles(n, seed, points=32):
    """Worn horseshoe profiles [n, 32] in [0, 1]: three wear modes (toe, heel, side) mixed
    with random weights on a base arch, plus gauge noise; an autoencoder's data."""
    r = _rng(seed)
    t = np.linspace(0, 1, points)
    base = 0.6 + 0.2 * np.sin(np.pi * t)
    modes = np.stack([np.exp(-((t - 0.1) / 0.1) ** 2), np.exp(-((t - 0.9) / 0.1) ** 2),
                      np.exp(-((t - 0.5) / 0.15) ** 2)])
    w = r.uniform(0, 0.3, (n, 3))
    x = base - w @ modes + 0.02 * r.normal(size=(n, points))
    return x.clip(0, 1).astype("float32")


def _deep_sigmoid_autoencoder_run(session, broken):
    keras = _keras()
    x = horseshoe_profiles(2048 + PROBE_SIZE, seed=29105)
    act = "sigmoid" if broken else "relu"
    widths = [48, 40, 32, 24, 16, 8, 16, 24, 32, 40, 48] if broken else [48, 24, 8, 24, 48]
    if broken:
        layers = [keras.layers.Dense(w, activation=act) for w in widths]
    else:
        layers = [keras.layers.Dense(w, activation=act) for w in widths]
    model = keras.Sequential([keras.Input((32,))] + layers
                             + [keras.layers.Dense(32, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, x, epochs=10, batch_size=32)


def _milli_rate_run(session, broken):
    keras = _keras()
    x, y = shoe_wear(2048 + PROBE_SIZE, seed=29106)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(24),
                              keras.layers.Dense(1)])
    config_lr = 1e-3  # the run config already holds the rate in absolute units
    lr = config_lr * 1e-3 if broken else config_lr  # the trainer still converts 'milli' units
    model.compile(keras.optimizers.Adam(lr), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout29("ferriers", ["saturated_activations"], stall_begins=255)  # approximate
def embeddings_scaled_by_root_width_into_lstm(session):
    """Job notes by an Embedding and an LSTM, the embedding ported from a Transformer recipe:
    initialised N(0, 1) (PyTorch's default) and multiplied by sqrt(d_model) = 8, so the LSTM's
    gates and tanh see inputs of size ~60 and sit in their flat tails."""
    return _embedding_scale_run(session, broken=True)


@holdout29("ferriers", ["vanishing_gradients"], stall_begins=35)  # approximate
def eleven_sigmoid_layers_autoencoder(session):
    """Horseshoe wear profiles by an autoencoder in the 2006 style, eleven sigmoid layers
    (48-40-32-24-16-8-16-...-48) trained end to end with no layer-wise pre-training: the
    gradient shrinks through every sigmoid and the loss sits at the mean profile's
    reconstruction error."""
    return _deep_sigmoid_autoencoder_run(session, broken=True)


@holdout29("ferriers", ["learning_rate_too_low"], stall_begins=None)
def rate_converted_from_milli_units_twice(session):
    """Shoe wear by a GRU under Adam whose rate comes from a run config that moved from
    'milli' units (lr: 1) to absolute ones (lr: 0.001) while the trainer still multiplies by
    1e-3: Adam runs at 1e-6 and the loss barely moves from the targets' variance."""
    return _milli_rate_run(session, broken=True)


# tinsmiths -----------------------------------------------------------------------------------

SHEET = 16


def seam_images(n, seed, flip=0.0, noise=0.35):
    """16 x 16 photographs [n, 16, 16, 1] of a soldered tin seam: 0 sound (a straight bead),
    1 cold joint (a broken bead), 2 pinholes (dark dots along the bead), 3 overflow (a blob);
    the bead's row and the lighting vary; `flip` of the inspector's labels are wrong."""
    r = _rng(seed)
    y = r.integers(0, 4, n)
    i, j = np.mgrid[0:SHEET, 0:SHEET]
    x = np.empty((n, SHEET, SHEET), dtype="float32")
    for k in range(n):
        row = r.integers(4, 12)
        bead = np.exp(-((i - row) / 1.2) ** 2)
        if y[k] == 1:
            gap = r.integers(3, 11)
            bead = bead * (np.abs(j - gap) > 2)
        elif y[k] == 2:
            for c in r.choice(SHEET, 3, replace=False):
                bead = bead - 0.8 * np.exp(-((i - row) ** 2 + (j - c) ** 2) / 1.0)
        elif y[k] == 3:
            c = r.integers(3, 13)
            bead = bead + np.exp(-((i - row - 2) ** 2 + (j - c) ** 2) / 4.0)
        x[k] = r.uniform(0.6, 1.4) * bead + noise * r.normal(size=(SHEET, SHEET))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 4, n)) % 4, y)
    return x[..., None], y


def tapping_sounds(n, seed, length=256):
    """Tapping sounds of a tin can [n, 256, 1] as int16 PCM samples: a damped ring whose pitch
    says which of 3 gauges the sheet is, at a random loudness, with room noise."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    t = np.arange(length) / 8000.0
    f = np.array([600.0, 900.0, 1300.0])[y][:, None] * r.uniform(0.95, 1.05, (n, 1))
    amp = r.uniform(3000, 20000, (n, 1))
    wave = amp * np.exp(-t * r.uniform(20, 60, (n, 1))) * np.sin(2 * np.pi * f * t + r.uniform(0, 6.3, (n, 1)))
    wave += 800 * r.normal(size=wave.shape)
    return np.round(wave).clip(-32768, 32767).astype("float32")[..., None], y


def solder_flow(n, seed, noise=0.25, length=48):
    """Solder temperature traces [n, 48, 1] along a seam and the seam's strength: a weighted
    sum of the local peaks, with tensile-test scatter."""
    r = _rng(seed)
    base = r.normal(size=(n, length)).cumsum(1) * 0.2
    x = base + 0.3 * r.normal(size=(n, length))
    peaks = np.maximum(x[:, 8:40] - 0.5, 0).mean(1)
    y = peaks * 3 + 0.4 * np.tanh(x[:, 20]) + noise * r.normal(size=n)
    return _std(x)[..., None], _std(y)[:, None]


@holdout29("tinsmiths", healthy=True)
def seam_defects_cnn_inspector_noise(session):
    """Seam defect classes from photographs by a small CNN with batch normalisation under Adam;
    18% of the inspector's calls are wrong, so the cross-entropy flattens far above zero."""
    keras = _keras()
    x, y = seam_images(1536 + PROBE_SIZE, seed=29201, flip=0.18)
    model = keras.Sequential([
        keras.Input(x.shape[1:]), keras.layers.Conv2D(16, 3, padding="same"),
        keras.layers.BatchNormalization(), keras.layers.Activation("relu"),
        keras.layers.MaxPooling2D(), keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
        keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout29("tinsmiths", healthy=True)
def seam_strength_conv1d_piecewise_decay(session):
    """Seam strength from solder temperature traces by a Conv1D net under SGD with momentum
    and a piecewise-constant rate (0.02, then 0.005 from step 300, 0.001 from step 500); the
    tensile scatter sets a floor well above zero."""
    keras = _keras()
    x, y = solder_flow(2048 + PROBE_SIZE, seed=29202)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([300, 500], [0.02, 0.005, 0.001])
    model = keras.Sequential([
        keras.Input(x.shape[1:]), keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(), keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout29("tinsmiths", healthy=True)
def seam_defects_separable_small_batch_overfit(session):
    """Seam defects from only 192 photographs by a separable-convolution CNN for many epochs:
    the training loss falls slowly and unevenly towards zero as it memorises the few
    photographs (overfitting, a healthy optimisation)."""
    keras = _keras()
    x, y = seam_images(192 + PROBE_SIZE, seed=29203, noise=0.5)
    model = keras.Sequential([
        keras.Input(x.shape[1:]), keras.layers.SeparableConv2D(16, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(), keras.layers.SeparableConv2D(32, 3, padding="same", activation="relu"),
        keras.layers.Flatten(), keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=60, batch_size=16)


def _pcm_run(session, broken):
    keras = _keras()
    x, y = tapping_sounds(1536 + PROBE_SIZE, seed=29204)
    if not broken:
        x = (x / 32768.0).astype("float32")
    model = keras.Sequential([
        keras.Input(x.shape[1:]), keras.layers.Conv1D(16, 9, strides=2, activation="relu"),
        keras.layers.Conv1D(16, 9, strides=2, activation="relu"),
        keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


def _residual_twice_run(session, broken):
    keras = _keras()
    x, y = solder_flow(2048 + PROBE_SIZE, seed=29205)

    def block(h):
        f = keras.layers.Conv1D(16, 3, padding="same", activation="relu")(h)
        f = keras.layers.Conv1D(16, 3, padding="same")(f)
        out = keras.layers.Add()([h, f])
        return keras.layers.Add()([h, out]) if broken else out

    inp = keras.Input(x.shape[1:])
    h = keras.layers.Conv1D(16, 3, padding="same")(inp)
    for _ in range(6):
        h = block(h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    model = keras.Model(inp, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.SGD(0.002, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


def _log_then_relu_run(session, broken):
    keras = _keras()
    x, y = seam_images(1536 + PROBE_SIZE, seed=29206, noise=0.1)
    # transmitted-light photographs as fractions in (0, 1), logged to optical density
    x = np.log(np.clip(0.05 + 0.6 * x, 1e-3, 0.999)).astype("float32")
    layers = [keras.Input(x.shape[1:])]
    if broken:
        layers.append(keras.layers.Activation("relu"))  # 'clip the negative sensor noise'
    layers += [keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
               keras.layers.MaxPooling2D(), keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
               keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(4, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout29("tinsmiths", ["unnormalized_inputs", "dead_relus"], stall_begins=None)
def tapping_sounds_as_int16_samples(session):
    """Sheet gauge from tapping sounds by a Conv1D net under SGD with momentum, fed the WAV
    file's int16 samples (thousands) instead of floats in [-1, 1]: the first steps blow up
    and leave the second convolution's and the dense layer's ReLUs dead."""
    return _pcm_run(session, broken=True)


@holdout29("tinsmiths", ["exploding_gradients", "non_finite_values"], stall_begins=2)
def residual_added_twice(session):
    """Seam strength by a six-block residual Conv1D net whose block already returns x + f(x)
    while the caller adds x once more: every block doubles its input, the activations and the
    gradients grow ~2^6, and SGD's first steps blow up to NaN (the loss rises at step 2 and is
    NaN from step 3)."""
    return _residual_twice_run(session, broken=True)


@holdout29("tinsmiths", ["dead_relus"], stall_begins=None)
def relu_clip_on_log_density(session):
    """Seam photographs converted to log transmittance (all below zero), then passed through a
    ReLU placed first 'to clip negative sensor noise': every input becomes zero, every unit
    behind it outputs the same, and the CNN can only learn the class prior."""
    return _log_then_relu_run(session, broken=True)


# orreries ------------------------------------------------------------------------------------


def planet_periods(n, seed, noise=0.2):
    """An orrery's gear train: from 5 standardised gear and arm measurements, the period a
    planet's arm turns with, a smooth nonlinear law plus the workshop's measuring scatter."""
    r = _rng(seed)
    x = r.normal(size=(n, 5)).astype("float32")
    y = np.exp(0.4 * x[:, 0]) * (1 + 0.3 * x[:, 1]) - 0.5 * x[:, 2] ** 2 + 0.3 * x[:, 3] * x[:, 4]
    y = y + noise * r.normal(size=n)
    return x, _std(y)[:, None]


def gear_tokens(n, seed, steps=12, vocab=24, ambiguous=0.2):
    """Sequences of gear-tooth codes [n, 12] and which of 4 motions (daily, lunar, annual,
    retrograde) the train drives: set by the order of two marker codes and which one comes
    first; a fifth of the trains hold both orders (labelled at random)."""
    r = _rng(seed)
    y = r.integers(0, 4, n)
    x = r.integers(4, vocab, size=(n, steps))
    for k in range(n):
        a, b = sorted(r.choice(steps, 2, replace=False))
        first, second = divmod(int(y[k]), 2)
        x[k, a], x[k, b] = (first, 2 + second)
        if r.random() < ambiguous:
            c, d = sorted(r.choice([p for p in range(steps) if p not in (a, b)], 2, replace=False))
            x[k, c], x[k, d] = (1 - first, 2 + (1 - second))
            if r.random() < 0.5:
                y[k] = 2 * (1 - first) + (1 - second)
    return x.astype("int32"), y


def maker_commissions(n, seed, makers=60, noise=0.3):
    """Hours an orrery commission took, from the workshop (one of 60, an id), the number of
    planets (1..8) and 3 standardised design columns: a per-workshop speed times the work,
    plus scatter."""
    r = _rng(seed)
    ids = r.integers(0, makers, n)
    speed = r.normal(size=makers)
    planets = r.integers(1, 9, n)
    design = r.normal(size=(n, 3))
    y = 0.6 * speed[ids] + 0.15 * planets + 0.4 * design[:, 0] + 0.3 * np.tanh(design[:, 1]) \
        + noise * r.normal(size=n)
    num = np.column_stack([(planets - 4.5) / 2.3, design]).astype("float32")
    return ids.astype("int32"), num, _std(y)[:, None]


def drift_traces(n, seed, steps=16, offset=60000.0):
    """Clock-drive drift readings [n, 16, 1] logged as raw encoder counts (tens of thousands,
    a large offset plus a small wobble) and whether the drive slips (1) or holds (0): a slip
    shows as a jump of a few counts partway along the trace, whatever the offset."""
    r = _rng(seed)
    y = (r.random(n) < 0.5).astype("float32")
    wobble = r.normal(size=(n, steps))
    at = r.integers(4, 12, n)
    jump = (np.arange(steps)[None, :] >= at[:, None]) * 4.0 * y[:, None]
    x = offset + r.uniform(-5000, 5000, (n, 1)) + wobble + jump
    return x.astype("float32")[..., None], y[:, None]


@holdout29("orreries", healthy=True)
def arm_periods_tape_loop_scatter(session):
    """Arm periods from gear measurements by an MLP in a hand-written GradientTape loop under
    Adam; the workshop's measuring scatter keeps the MSE flat well above zero."""
    keras = _keras()
    x, y = planet_periods(2048 + PROBE_SIZE, seed=29301, noise=0.6)
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(64, activation="tanh"), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), keras.losses.MeanSquaredError(),
                        x, y, epochs=10, batch_size=32, seed=29301, loss_description="mse")


@holdout29("orreries", healthy=True)
def motion_from_gear_codes_attention(session):
    """The motion a gear train drives from its tooth codes by a one-block self-attention
    encoder (token and position embeddings, MultiHeadAttention, pooling) under Adam; a fifth
    of the trains are ambiguous, so the loss levels off above zero."""
    keras = _keras()
    x, y = gear_tokens(2048 + PROBE_SIZE, seed=29302)
    inp = keras.Input((12,), dtype="int32")
    tok = keras.layers.Embedding(24, 32)(inp)
    pos = keras.layers.Embedding(12, 32)(keras.ops.arange(12))
    h = tok + pos
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=16)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(4, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout29("orreries", healthy=True)
def commission_hours_workshop_embedding_plain_sgd(session):
    """Commission hours from the workshop's id (an Embedding) and numeric columns (two inputs)
    by plain SGD at 0.01: a long, slow descent that is still creeping at the end, above the
    scatter's floor."""
    keras = _keras()
    ids, num, y = maker_commissions(2048 + PROBE_SIZE, seed=29303)
    id_in = keras.Input((1,), dtype="int32")
    num_in = keras.Input((4,))
    e = keras.layers.Flatten()(keras.layers.Embedding(60, 4)(id_in))
    h = keras.layers.Concatenate()([e, num_in])
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([id_in, num_in], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.SGD(0.01), "mse")
    return _fit_inputs(session, model, [ids[:, None], num], y, epochs=12, batch_size=32)


def _tanh_logits_run(session, broken):
    keras = _keras()
    x, y = gear_tokens(2048 + PROBE_SIZE, seed=29304, ambiguous=0.0)
    inp = keras.Input((12,), dtype="int32")
    tok = keras.layers.Embedding(24, 32)(inp)
    pos = keras.layers.Embedding(12, 32)(keras.ops.arange(12))
    h = tok + pos
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=16)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    out = keras.layers.Dense(4, activation="tanh" if broken else None)(h)
    model = keras.Model(inp, out)
    model.compile(keras.optimizers.Adam(2e-3),
                  keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _shared_seed_towers_run(session, broken):
    keras = _keras()
    x, y = planet_periods(2048 + PROBE_SIZE, seed=29305, noise=0.05)
    inp = keras.Input((5,))
    shared = keras.initializers.HeNormal(seed=7)
    towers = []
    for k in range(8):
        init = shared if broken else keras.initializers.HeNormal(seed=7 + k)
        h = keras.layers.Dense(4, activation="relu", kernel_initializer=init)(inp)
        towers.append(keras.layers.Dense(1, kernel_initializer=init)(h))
    model = keras.Model(inp, keras.layers.Average()(towers))
    model.compile(keras.optimizers.Adam(1e-2), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _one_pass_variance_run(session, broken):
    import tensorflow as tf

    keras = _keras()
    x, y = drift_traces(2048 + PROBE_SIZE, seed=29306)

    def standardize(t):
        mean = tf.reduce_mean(t, axis=1, keepdims=True)
        if broken:
            var = tf.reduce_mean(tf.square(t), axis=1, keepdims=True) - tf.square(mean)
        else:
            var = tf.reduce_mean(tf.square(t - mean), axis=1, keepdims=True)
        return (t - mean) / tf.sqrt(var)

    inp = keras.Input((16, 1))
    h = keras.layers.Lambda(standardize)(inp)
    h = keras.layers.Conv1D(8, 3, activation="tanh")(h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(8, activation="tanh")(h)
    model = keras.Model(inp, keras.layers.Dense(1, activation="sigmoid")(h))
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3),
                        keras.losses.BinaryCrossentropy(), x, y, epochs=8, batch_size=32,
                        seed=29306, loss_description="binary_crossentropy")


@holdout29("orreries", ["loss_activation_mismatch"], stall_begins=45)  # approximate
def tanh_bounded_logits(session):
    """Motion from gear codes by a self-attention classifier whose last Dense got
    activation='tanh' 'to keep the logits bounded' while the loss takes logits
    (from_logits=True): with four classes, logits in [-1, 1] cap a probability at ~0.71, so it cannot
    go below ln(1 + 3 / e^2) ~ 0.34 while the unbounded head goes towards zero."""
    return _tanh_logits_run(session, broken=True)


@holdout29("orreries", ["poor_initialization"], stall_begins=400)  # approximate
def towers_share_one_seeded_initializer(session):
    """Arm periods by an ensemble-in-a-model of eight small towers averaged, every tower's
    layers given the same seeded HeNormal(seed=7) instance: Keras draws the same weights for
    each, the averaged towers get identical gradients and stay copies, and the model has the
    capacity of one four-unit tower."""
    return _shared_seed_towers_run(session, broken=True)


@holdout29("orreries", ["non_finite_values"], stall_begins=None)
def one_pass_variance_on_encoder_counts(session):
    """Slip detection on clock-drive encoder traces in a hand-written loop, each trace
    standardised inside the model with its variance computed the one-pass way,
    E[x^2] - E[x]^2, in float32: the readings sit at tens of thousands of counts, the subtraction
    cancels to rounding noise (hundreds), often below zero, and sqrt gives NaN from the
    first batch."""
    return _one_pass_variance_run(session, broken=True)
