"""The hundred-and-forty-seventh held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades, six runs each, every data set generated here from its own seed (14701-14799):
dietitians (weekly diet logs in their recorded units: kcal, grams, steps, sleep, age; weight
change, adherence, snack counts), podiatrists (16x16 plantar-pressure scans and insole
accelerometer walks; foot and gait types), chiropractors (a wearable spine sensor over a
working session; next-day pain, its tertile and its upper quantile) and osteopaths (clinic
referrals with therapist and technique ids and intake measurements; recovery, pain scores,
and a mobility-pattern task on two range-of-motion angles).

Healthy half (12 runs, nothing to fix, each flattens or slows for a reason of the data or the
schedule): a Huber regression of weight change whose scale readings carry Student-t noise; a
rare (5%) deficiency flag trained with class_weight; a custom-loop Poisson regression of snack
counts; a pressure-map CNN with a fifth of its labels random and a PiecewiseConstantDecay
schedule; a Conv1D gait classifier on linear warm-up then cosine decay to zero; a 160-scan
practice whose MLP memorizes its data (training loss sliding to ~1e-3); an LSTM pain forecast
with noisy reports and ReduceLROnPlateau; a GRU fitted with the pinball loss at quantile 0.9
on heteroscedastic reports; a GRU with plain SGD 0.03 still improving when it ends; a
multi-input model with therapist and technique embeddings; a self-attention block
(MultiHeadAttention, residual, layer normalization) over 20 readings with 10% wrong labels;
and a custom loop on ExponentialDecay over mobility patterns with 15% wrong labels.

Broken half (12 runs, one per cause, each a mistake in code): Adam at 0.5 where 1e-3 was
meant (MLP); raw recorded units into a tanh MLP (no standardization); np.log instead of
np.log1p on a gram column with zero days, read in file order (NaN from a known batch, the run
goes on); relu conv and dense layers with a copied bias of -2 (all units dead); tanh dense
layers after a Conv1D trunk started at bias +6 under SGD (pinned at +1 for good); every
kernel initialized to zeros in a Conv1D net (RMSprop); a 10-layer sigmoid MLP in a custom
loop (vanishing); a SimpleRNN over 60 steps with a RandomNormal(0.5) recurrent kernel and no
gradient clipping (gradients of ~1e4-1e5 on the first steps throw it into saturation; the
same run with clipnorm=1.0 learns); a GRU on RMSprop 1e-6; a sigmoid output for 0-10 pain
scores under MSE (embeddings model); a softmax regression with no hidden layer for a pattern
that alternates by sector; L1(0.1) on every kernel in a custom loop. Each was trained next to
its corrected twin (the helper's broken=False) without tb-plateau, and each broken loss
levels off far above the twin's.

Dropped or changed on the way: a two-unit hidden layer for the capacity run kept improving
slowly over 15 epochs (replaced by the missing hidden layer on a harder, alternating
pattern); the first log-of-zero run used a relu MLP, where relu maps the NaN to 0 and the
loss stayed finite but frozen, so it uses elu and the NaN reaches the loss; the first
unclipped RNN (recurrent RandomNormal(1.0), compared with an orthogonal twin) was replaced by
a milder kernel compared with a clipped twin, so the only difference is the clipping; the L1
run at 0.05 and Adam 2e-3 was still descending at the end and became 0.1 and 5e-3; a plateau
before a sudden drop was planned for the healthy half but not built for lack of time.

Labels: `expected_causes` holds the one root cause each broken run was built around.
`stall_begins` is an optimizer step counted from 0 over the whole run (the batch index), or
None when the loss never improves from the start. The log-of-zero run's step is exact (the
first batch holding the -inf rows, in file order); every other one was read off the per-step
loss (Keras batch logs de-averaged) or, for the custom loops, the epoch means, and is marked
approximate next to its scenario.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('dietitians', 'podiatrists', 'chiropractors', 'osteopaths')

REGISTRY = []

holdout147 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data: one generator per trade, every one from its own fixed seed


def _diet_logs(n, seed):
    """A dietitian's weekly client logs in their recorded units, and a weight-change signal.

    Columns: kcal/day, protein g, carbohydrate g, fat g, fibre g, steps/day, sleep h, age y.
    The signal is the smooth part of the week's weight change in kg (no noise added)."""
    rng = np.random.default_rng(seed)
    kcal = rng.normal(2200.0, 450.0, n)
    protein = rng.gamma(6.0, 15.0, n)
    carbs = rng.normal(260.0, 70.0, n)
    fat = rng.normal(80.0, 25.0, n)
    fibre = rng.gamma(3.0, 8.0, n)
    steps = rng.gamma(4.0, 2200.0, n)
    sleep = rng.normal(7.0, 1.1, n)
    age = rng.uniform(20.0, 75.0, n)
    raw = np.stack([kcal, protein, carbs, fat, fibre, steps, sleep, age], axis=1)
    balance = (kcal - 1900.0 - 0.045 * steps - 5.0 * (age - 45.0)) / 450.0
    signal = (0.7 * balance + 0.35 * np.tanh((protein - 90.0) / 30.0) * (balance > 0)
              - 0.25 * np.abs(sleep - 7.5) - 0.2 * np.tanh((fibre - 24.0) / 10.0)
              + 0.15 * np.sin(carbs / 40.0) * (fat - 80.0) / 25.0)
    return raw.astype("float32"), signal.astype("float32")


def _pressure_maps(n, seed, size=16):
    """A podiatrist's plantar-pressure scans: 16x16 maps of a footprint, values in [0, 1].

    Classes: 0 neutral arch, 1 flat foot (midfoot fully loaded), 2 high arch (midfoot empty),
    3 heel-dominant strike. Feet are shifted, scaled and noisy from scan to scan."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, n)
    rows, cols = np.mgrid[0:size, 0:size].astype("float32")
    maps = np.empty((n, size, size), dtype="float32")
    for i in range(n):
        dx, dy = rng.normal(0.0, 0.8, 2)
        heel = np.exp(-(((rows - 12.5 - dy) / 2.2) ** 2 + ((cols - 7.5 - dx) / 2.0) ** 2))
        fore = np.exp(-(((rows - 3.5 - dy) / 2.0) ** 2 + ((cols - 8.0 - dx) / 3.2) ** 2))
        mid_width = {0: 1.0, 1: 2.6, 2: 0.25, 3: 1.0}[int(y[i])]
        mid = np.exp(-(((rows - 8.0 - dy) / 2.5) ** 2 + ((cols - 5.5 - dx) / mid_width) ** 2))
        heel_gain = 1.8 if y[i] == 3 else 1.0
        fore_gain = 0.5 if y[i] == 3 else 1.0
        load = heel_gain * heel + fore_gain * fore + (0.8 if y[i] == 1 else 0.5) * mid
        load = load * rng.uniform(0.7, 1.3) + rng.normal(0.0, 0.12, (size, size))
        maps[i] = np.clip(load, 0.0, None)
    maps /= maps.max(axis=(1, 2), keepdims=True)
    return maps[..., None], y.astype("int32")


def _gait_series(n, seed, length=48):
    """A podiatrist's insole accelerometer: `length` samples x 3 axes per walk, standardized.

    Classes: 0 even gait, 1 limp (alternate steps weaker), 2 shuffle (low, fast steps),
    3 toe walking (vertical spike early in each step). Also returns the cadence in steps/s."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, n)
    t = np.arange(length, dtype="float32") / 16.0
    cadence = rng.uniform(1.4, 2.2, n)
    cadence[y == 2] *= 1.35
    x = np.empty((n, length, 3), dtype="float32")
    for i in range(n):
        phase = 2 * np.pi * cadence[i] * t + rng.uniform(0, 2 * np.pi)
        amp = 0.4 if y[i] == 2 else 1.0
        vertical = amp * np.sin(phase)
        if y[i] == 1:
            vertical *= np.where(np.sin(phase / 2.0) > 0, 1.0, 0.45)
        if y[i] == 3:
            vertical += 0.9 * np.maximum(np.sin(phase + 0.8), 0.0) ** 4
        forward = amp * 0.6 * np.cos(phase) + 0.1 * rng.normal()
        lateral = 0.3 * np.sin(phase / 2.0 + rng.uniform(0, 2 * np.pi))
        x[i] = np.stack([vertical, forward, lateral], axis=1)
    x += rng.normal(0.0, 0.25, x.shape).astype("float32")
    return x, y.astype("int32"), cadence.astype("float32")


def _posture_series(n, seed, length=40):
    """A chiropractor's wearable spine sensor over one working session: `length` readings of
    (lumbar flexion, thoracic kyphosis, neck tilt), standardized; and a pain signal (no noise)
    driven by time spent slouched, its worst stretch and how often the client moved."""
    rng = np.random.default_rng(seed)
    x = np.empty((n, length, 3), dtype="float32")
    drift = rng.normal(0.0, 1.0, n)
    for i in range(n):
        walk = np.cumsum(rng.normal(0.0, 0.35, (length, 3)), axis=0)
        walk += drift[i] * np.linspace(0.0, 1.0, length)[:, None]
        x[i] = walk - walk[0] * rng.uniform(0.0, 1.0)
    slouch = np.mean(x[:, :, 0] > 0.5, axis=1)
    worst = np.max(x[:, :, 1], axis=1)
    moves = np.mean(np.abs(np.diff(x[:, :, 2], axis=1)) > 0.5, axis=1)
    signal = 2.0 * slouch + 0.4 * np.tanh(worst) - 1.5 * moves + 0.3 * x[:, -1, 2]
    x = (x - x.mean(axis=(0, 1))) / x.std(axis=(0, 1))
    return x.astype("float32"), ((signal - signal.mean()) / signal.std()).astype("float32")


def _clinic_records(n, seed, therapists=24, techniques=6):
    """An osteopathy clinic's referrals: (therapist id, technique id, 6 standardized intake
    measurements) and the expected recovery signal, which depends on the therapist, on how
    the technique suits the complaint, and on the intake measurements."""
    rng = np.random.default_rng(seed)
    therapist = rng.integers(0, therapists, n)
    technique = rng.integers(0, techniques, n)
    intake = rng.normal(0.0, 1.0, (n, 6))
    skill = rng.normal(0.0, 0.5, therapists)
    suits = rng.normal(0.0, 1.0, (techniques, 6))
    signal = (skill[therapist] + np.tanh(np.sum(suits[technique] * intake, axis=1) / 2.0)
              + 0.4 * intake[:, 0] * intake[:, 1] - 0.3 * intake[:, 2] ** 2)
    return (therapist.astype("int32"), technique.astype("int32"), intake.astype("float32"),
            signal.astype("float32"))


def _split_inputs(inputs, y):
    """(training inputs, training targets, probe) for one input array or a list of them."""
    if isinstance(inputs, np.ndarray):
        return inputs[:-PROBE_SIZE], y[:-PROBE_SIZE], (inputs[-PROBE_SIZE:], y[-PROBE_SIZE:])
    train = [a[:-PROBE_SIZE] for a in inputs]
    probe = ([a[-PROBE_SIZE:] for a in inputs], y[-PROBE_SIZE:])
    return train, y[:-PROBE_SIZE], probe


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, callbacks=(), **fit_kw):
    """model.fit (one or several inputs, extra fit arguments), holding out the last
    PROBE_SIZE rows as the probe.

    Returns the per-epoch mean training loss."""
    train, y_train, probe = _split_inputs(inputs, y)
    history = model.fit(train, y_train, epochs=epochs, batch_size=batch_size, verbose=0,
                        callbacks=list(callbacks) + session.callbacks(probe), **fit_kw)
    return history.history["loss"]


def _seq_classifier(keras, shape, outputs, recurrent, **recurrent_kw):
    return keras.Sequential([keras.Input(shape), recurrent(**recurrent_kw),
                             keras.layers.Dense(outputs, activation="softmax")])


# ---------------------------------------------------------------------------------------------
# broken runs: each helper trains the mistaken version (broken=True) or the corrected one


def _adherence_classes(seed):
    raw, signal = _diet_logs(N, seed)
    x = _standardize(raw)
    y = np.digitize(signal, np.quantile(signal, [0.25, 0.5, 0.75])).astype("int32")
    return x, y


def _dietitian_adam_rate_one(session, broken):
    keras = _keras()
    x, y = _adherence_classes(14721)
    model = _mlp(keras, 8, [64, 64], 4)
    model.compile(keras.optimizers.Adam(0.5 if broken else 1e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _dietitian_raw_units(session, broken):
    keras = _keras()
    raw, signal = _diet_logs(N, 14722)
    x = raw if broken else _standardize(raw)
    model = _mlp(keras, 8, [64, 64], 1, activation="tanh", out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, signal, epochs=15, batch_size=32)


FIBRE_ZERO_ROW = 300  # read in file order with batch 32: first met in the batch of index 9


def _dietitian_log_fibre(session, broken):
    keras = _keras()
    raw, signal = _diet_logs(N, 14723)
    raw = raw.copy()
    raw[FIBRE_ZERO_ROW:FIBRE_ZERO_ROW + 4, 4] = 0.0  # days with no fibre logged
    # log-transform the skewed gram columns (protein, fibre) before standardizing
    grams = raw[:, [1, 4]] if broken else raw[:, [1, 4]] + 1.0
    with np.errstate(divide="ignore"):
        logged = np.log(grams)
    x = np.concatenate([raw[:, [0, 2, 3, 5, 6, 7]], logged], axis=1)
    finite = np.isfinite(x).all(axis=1)
    mean, std = x[finite].mean(axis=0), x[finite].std(axis=0)
    x = ((x - mean) / std).astype("float32")
    model = _mlp(keras, 8, [64, 64], 1, activation="elu", out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, signal, epochs=8, batch_size=32, shuffle=False)


def _podiatrist_negative_conv_bias(session, broken):
    keras = _keras()
    x, y = _pressure_maps(768 + PROBE_SIZE, 14724)
    bias = keras.initializers.Constant(-2.0 if broken else 0.0)
    conv = dict(activation="relu", padding="same", bias_initializer=bias)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(16, 3, **conv),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, **conv),
        keras.layers.MaxPooling2D(),
        keras.layers.Flatten(),
        keras.layers.Dense(32, activation="relu", bias_initializer=bias),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _podiatrist_tanh_head_bias(session, broken):
    keras = _keras()
    x, y, _ = _gait_series(768 + PROBE_SIZE, 14725)
    bias = keras.initializers.Constant(6.0 if broken else 0.0)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(64, activation="tanh", bias_initializer=bias),
        keras.layers.Dense(64, activation="tanh", bias_initializer=bias),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _podiatrist_zero_kernels(session, broken):
    keras = _keras()
    x, y, _ = _gait_series(768 + PROBE_SIZE, 14726)
    init = "zeros" if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu", kernel_initializer=init),
        keras.layers.Dense(4, activation="softmax", kernel_initializer=init),
    ])
    model.compile(keras.optimizers.RMSprop(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _posture_classes(seed):
    x, signal = _posture_series(N, seed)
    y = np.digitize(signal, np.quantile(signal, [1 / 3, 2 / 3])).astype("int32")
    return x, y


def _chiropractor_deep_sigmoid(session, broken):
    keras = _keras()
    x, y = _posture_classes(14727)
    summary = np.concatenate([x.mean(axis=1), x.std(axis=1), x.max(axis=1), x[:, -1]], axis=1)
    summary = _standardize(summary)
    if broken:
        model = _mlp(keras, 12, [32] * 10, 3, activation="sigmoid", out_activation=None)
    else:
        model = _mlp(keras, 12, [32] * 10, 3, activation="relu", out_activation=None,
                     kernel_initializer="he_normal")
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.SGD(0.05, momentum=0.9), loss,
                        summary, y, epochs=15, batch_size=32, seed=14727)


def _chiropractor_rnn_unclipped(session, broken):
    keras = _keras()
    x, signal = _posture_series(768 + PROBE_SIZE, 14728, length=60)
    recurrent = keras.initializers.RandomNormal(stddev=0.5, seed=14728)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.SimpleRNN(32, recurrent_initializer=recurrent),
        keras.layers.Dense(1),
    ])
    clip = {} if broken else {"clipnorm": 1.0}
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9, **clip), "mse")
    return _fit(session, model, x, signal, epochs=12, batch_size=32)


def _chiropractor_rmsprop_rate(session, broken):
    keras = _keras()
    x, y = _posture_classes(14729)
    model = _seq_classifier(keras, x.shape[1:], 3, keras.layers.GRU, units=24)
    model.compile(keras.optimizers.RMSprop(1e-6 if broken else 1e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _pain_scores(seed):
    therapist, technique, intake, signal = _clinic_records(N, seed)
    rng = np.random.default_rng(seed + 50)
    pain = np.clip(np.round(5.0 - 1.6 * signal + rng.normal(0.0, 0.8, N)), 0, 10)
    return therapist, technique, intake, pain.astype("float32")


def _clinic_model(keras, out_activation, hidden=(64, 32), embed=4, regularizer=None):
    therapist = keras.Input((), dtype="int32", name="therapist")
    technique = keras.Input((), dtype="int32", name="technique")
    intake = keras.Input((6,), name="intake")
    parts = [keras.layers.Embedding(24, embed)(therapist),
             keras.layers.Embedding(6, embed)(technique), intake]
    h = keras.layers.Concatenate()(parts)
    for units in hidden:
        h = keras.layers.Dense(units, activation="relu", kernel_regularizer=regularizer)(h)
    out = keras.layers.Dense(1, activation=out_activation)(h)
    return keras.Model([therapist, technique, intake], out)


def _osteopath_sigmoid_pain(session, broken):
    keras = _keras()
    therapist, technique, intake, pain = _pain_scores(14730)
    model = _clinic_model(keras, "sigmoid" if broken else None)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit_inputs(session, model, [therapist, technique, intake], pain,
                       epochs=12, batch_size=32)


def _mobility_patterns(n, seed, classes=3):
    """Range-of-motion test results reduced to 2 standardized angles (flexion, rotation
    asymmetry); the dysfunction pattern alternates around neutral, sector by sector, and
    flips between the inner and the outer ring."""
    rng = np.random.default_rng(seed)
    radius = rng.uniform(0.2, 2.0, n)
    angle = rng.uniform(0.0, 2 * np.pi, n)
    sector = np.floor(angle / (2 * np.pi) * 6)
    y = ((sector + (radius > 1.1)) % classes).astype("int32")
    x = np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1)
    x += rng.normal(0.0, 0.05, x.shape)
    return x.astype("float32"), y


def _osteopath_no_hidden_layer(session, broken):
    keras = _keras()
    x, y = _mobility_patterns(N, 14731)
    model = _mlp(keras, 2, [] if broken else [64, 64], 3)
    model.compile(keras.optimizers.Adam(1e-2), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _osteopath_l1_penalty(session, broken):
    keras = _keras()
    therapist, technique, intake, pain = _pain_scores(14732)
    x = np.concatenate([np.eye(24, dtype="float32")[therapist],
                        np.eye(6, dtype="float32")[technique], intake], axis=1)
    penalty = keras.regularizers.L1(0.1 if broken else 1e-4)
    model = _mlp(keras, x.shape[1], [64, 64], 1, out_activation=None, kernel_regularizer=penalty)
    return _custom_loop(session, model, keras.optimizers.Adam(5e-3),
                        keras.losses.MeanSquaredError(), x, pain, epochs=15, batch_size=32,
                        seed=14732)


# ---------------------------------------------------------------------------------------------
# healthy-but-imperfect runs


@holdout147("dietitians", healthy=True)
def weight_change_huber_heavy_tails(session):
    """Weekly weight change (kg) regressed from standardized diet logs by a 2x64 relu MLP with a
    Huber loss and Adam 1e-3; the scale readings carry heavy-tailed noise (Student t, 2 degrees
    of freedom: water retention, clothes, a missed weigh-in), so the loss flattens well above
    zero once the smooth part is learned."""
    keras = _keras()
    raw, signal = _diet_logs(N, 14701)
    noise = 0.35 * np.random.default_rng(14702).standard_t(2.0, N)
    y = (signal + noise).astype("float32")
    model = _mlp(keras, 8, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), keras.losses.Huber(delta=1.0))
    return _fit(session, model, _standardize(raw), y, epochs=15, batch_size=32)


@holdout147("dietitians", healthy=True)
def rare_deficiency_class_weight(session):
    """Flag the ~5% of clients whose logs point to an iron deficiency (a noisy rule on protein,
    fibre and energy balance) with a 2x32 relu MLP, sigmoid output, binary cross-entropy, Adam
    1e-3 and class_weight {0: 1, 1: 8}: the weighted loss falls and levels off well above zero
    because the rare class overlaps the common one."""
    keras = _keras()
    raw, signal = _diet_logs(N, 14703)
    rng = np.random.default_rng(14704)
    risk = -signal - 0.02 * (raw[:, 1] - 90.0) + rng.normal(0.0, 0.6, N)
    y = (risk > np.quantile(risk, 0.95)).astype("float32")
    model = _mlp(keras, 8, [32, 32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_inputs(session, model, _standardize(raw), y, epochs=15, batch_size=32,
                       class_weight={0: 1.0, 1: 8.0})


@holdout147("dietitians", healthy=True)
def snack_counts_poisson_loop(session):
    """Custom GradientTape loop: the number of unplanned snacks a client logs per week, a Poisson
    count whose rate depends on sleep, energy balance and steps, fitted by a 2x32 relu MLP with
    an exponential output and the Poisson loss, Adam 3e-3. Count noise keeps the loss at the
    Poisson floor, far from zero."""
    keras = _keras()
    raw, signal = _diet_logs(N, 14705)
    x = _standardize(raw)
    rate = np.exp(1.2 - 0.5 * x[:, 6] + 0.3 * np.tanh(signal) - 0.2 * x[:, 5])
    y = np.random.default_rng(14706).poisson(rate).astype("float32")[:, None]
    model = _mlp(keras, 8, [32, 32], 1, out_activation="exponential")
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), keras.losses.Poisson(),
                        x, y, epochs=15, batch_size=32, seed=14705)


@holdout147("podiatrists", healthy=True)
def pressure_maps_noisy_labels_step_decay(session):
    """Foot-type classification from 16x16 plantar-pressure maps with a small CNN (two relu conv
    blocks, dense head), Adam on a PiecewiseConstantDecay schedule (3e-3, then 1e-3 after 150
    steps, 3e-4 after 300); a fifth of the labels were entered by a locum and are random, so
    the cross-entropy settles near the noise floor, in steps at each rate drop."""
    keras = _keras()
    x, y = _pressure_maps(768 + PROBE_SIZE, 14707)
    rng = np.random.default_rng(14708)
    flip = rng.random(len(y)) < 0.2
    y = np.where(flip, rng.integers(0, 4, len(y)), y).astype("int32")
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([150, 300], [3e-3, 1e-3, 3e-4])
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


@holdout147("podiatrists", healthy=True)
def gait_conv1d_warmup_cosine(session):
    """Gait-type classification from insole accelerometer walks with a Conv1D net (two relu conv
    layers, global pooling), Adam on a linear warm-up (1e-4 to 3e-3 over 100 steps) followed by
    cosine decay to zero: slow at first, fast in the middle, and flat at the end only because
    the rate has annealed to nothing, at the level the sensor noise allows."""
    keras = _keras()
    x, y, _ = _gait_series(768 + PROBE_SIZE, 14709)
    schedule = keras.optimizers.schedules.CosineDecay(
        1e-4, decay_steps=260, warmup_target=3e-3, warmup_steps=100)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 7, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout147("podiatrists", healthy=True)
def small_clinic_overfits(session):
    """A single practice's 160 labelled scans: a 2x128 relu MLP on the flattened pressure maps,
    Adam 1e-3, batch 16, 40 epochs. With far more weights than scans it memorizes them: the
    training loss keeps sliding towards zero (the probe would tell another story)."""
    keras = _keras()
    x, y = _pressure_maps(160 + PROBE_SIZE, 14710)
    x = x.reshape(len(x), -1)
    model = _mlp(keras, x.shape[1], [128, 128], 4)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


@holdout147("chiropractors", healthy=True)
def posture_lstm_reduce_on_plateau(session):
    """Next-day pain (standardized) forecast from a session of spine-sensor readings by an LSTM
    (24 units), MSE, Adam 3e-3 with ReduceLROnPlateau on the training loss (factor 0.3,
    patience 2); pain reports are noisy (noise sd 0.5 on a unit-variance signal), so the loss
    levels off near 0.25 while the callback lowers the rate."""
    keras = _keras()
    x, signal = _posture_series(768 + PROBE_SIZE, 14711)
    y = (signal + np.random.default_rng(14712).normal(0.0, 0.5, len(signal))).astype("float32")
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.3, patience=2,
                                                min_lr=1e-5, verbose=0)
    return _fit(session, model, x, y, epochs=15, batch_size=32, callbacks=[plateau])


@holdout147("chiropractors", healthy=True)
def pain_quantile_gru(session):
    """The 90th percentile of reported pain, from the spine-sensor session, by a GRU (16 units)
    trained with the pinball (quantile 0.9) loss and Adam 3e-3. The reports are noisier for
    clients who slouch more (heteroscedastic), and a quantile loss never reaches zero."""
    keras = _keras()
    x, signal = _posture_series(768 + PROBE_SIZE, 14713)
    rng = np.random.default_rng(14714)
    y = (signal + (0.3 + 0.4 * np.abs(signal)) * rng.normal(0.0, 1.0, len(signal)))
    y = y.astype("float32")[:, None]

    def pinball(targets, predictions, q=0.9):
        error = targets - predictions
        return keras.ops.mean(keras.ops.maximum(q * error, (q - 1.0) * error), axis=-1)

    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(16),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), pinball)
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout147("chiropractors", healthy=True)
def posture_gru_slow_sgd(session):
    """Pain tertile from the spine-sensor session with a GRU (24 units), plain SGD at 0.03 and
    no momentum, 14 epochs: a cautious but correct setting whose loss falls slowly and steadily
    and is still improving when the run ends."""
    keras = _keras()
    x, signal = _posture_series(768 + PROBE_SIZE, 14715)
    y = np.digitize(signal, np.quantile(signal, [1 / 3, 2 / 3])).astype("int32")
    model = _seq_classifier(keras, x.shape[1:], 3, keras.layers.GRU, units=24)
    model.compile(keras.optimizers.SGD(0.03), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout147("osteopaths", healthy=True)
def recovery_embeddings_multi_input(session):
    """Days to recovery (standardized) from a referral: therapist and technique ids through
    4-wide embeddings, concatenated with six intake measurements, a 64-32 relu MLP, MSE, Adam
    2e-3. Recovery also depends on what the clinic never records (noise sd 0.6), so the loss
    falls slowly towards the share of the variance the clinic never records."""
    keras = _keras()
    therapist, technique, intake, signal = _clinic_records(N, 14716)
    y = signal + np.random.default_rng(14717).normal(0.0, 0.6, N)
    y = ((y - y.mean()) / y.std()).astype("float32")
    model = _clinic_model(keras, None)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit_inputs(session, model, [therapist, technique, intake], y,
                       epochs=12, batch_size=32)


@holdout147("osteopaths", healthy=True)
def mobility_attention_visits(session):
    """Pain tertile from a sequence of 20 mobility readings (3 channels) with self-attention: a
    Dense projection to 16, a 2-head MultiHeadAttention block with a residual connection and
    layer normalization, average pooling, softmax; Adam 2e-3. A tenth of the tertiles are
    mislabelled, so the loss stays well above zero."""
    keras = _keras()
    x, signal = _posture_series(768 + PROBE_SIZE, 14718, length=20)
    rng = np.random.default_rng(14719)
    y = np.digitize(signal, np.quantile(signal, [1 / 3, 2 / 3]))
    y = np.where(rng.random(len(y)) < 0.1, rng.integers(0, 3, len(y)), y).astype("int32")
    inputs = keras.Input(x.shape[1:])
    h = keras.layers.Dense(16)(inputs)
    attended = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.LayerNormalization()(h + attended)
    h = keras.layers.GlobalAveragePooling1D()(h)
    outputs = keras.layers.Dense(3, activation="softmax")(h)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout147("osteopaths", healthy=True)
def mobility_patterns_exponential_decay_loop(session):
    """Custom GradientTape loop: dysfunction pattern from two mobility angles, a 3x64 relu MLP
    with logits, Adam on an ExponentialDecay schedule (3e-3, halved every 150 steps); 15% of
    the patterns were recorded wrongly, so the loss flattens at the label-noise level."""
    keras = _keras()
    x, y = _mobility_patterns(N, 14720)
    rng = np.random.default_rng(14799)
    y = np.where(rng.random(len(y)) < 0.15, rng.integers(0, 3, len(y)), y).astype("int32")
    schedule = keras.optimizers.schedules.ExponentialDecay(3e-3, 150, 0.5)
    model = _mlp(keras, 2, [64, 64, 64], 3, out_activation=None)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.Adam(schedule), loss, x, y,
                        epochs=15, batch_size=32, seed=14720, learning_rate=schedule)


# ---------------------------------------------------------------------------------------------
# broken runs: the registered scenarios (steps per epoch: 32 for N rows, 24 for 768 rows)


@holdout147("dietitians", ["learning_rate_too_high"], stall_begins=20)  # approximate
def adherence_adam_rate_half(session):
    """Diet-adherence quartile from standardized logs, 2x64 relu MLP, Adam at 0.5: the rate was
    typed as "0.5" where 1e-3 was meant. The first steps throw the loss to ~30, it
    comes back to the constant-guess level (ln 4) and bounces there; at 1e-3 it falls to 0.36."""
    return _dietitian_adam_rate_one(session, broken=True)


@holdout147("dietitians", ["unnormalized_inputs"], stall_begins=60)  # approximate
def weight_change_raw_units(session):
    """Weekly weight change regressed from the logs in their recorded units (kcal ~2200, steps
    ~9000, grams, hours, years) by a 2x64 tanh MLP, MSE, Adam 1e-3: the standardization step
    was left out, every tanh unit is pinned by the large columns and the loss sits near 0.37;
    standardized, the same model reaches 0.04."""
    return _dietitian_raw_units(session, broken=True)


@holdout147("dietitians", ["non_finite_values"], stall_begins=FIBRE_ZERO_ROW // 32)
def weight_change_log_of_zero_fibre(session):
    """Weekly weight change from the logs, the skewed gram columns log-transformed with np.log
    instead of np.log1p: four days with no fibre logged (rows 300-303) become -inf, met in file
    order (no shuffle) in the batch of index 9. The elu MLP turns them into NaN, the Adam
    update spreads NaN into every weight and the loss is NaN from then on (the 8 epochs still
    run)."""
    return _dietitian_log_fibre(session, broken=True)


@holdout147("podiatrists", ["dead_relus"])
def pressure_cnn_negative_bias(session):
    """Foot-type CNN on plantar-pressure maps (values in [0, 1]) whose conv and dense relu layers
    were given bias_initializer=Constant(-2.0), copied from a gating layer's recipe: every unit
    is below zero for every scan, no gradient flows, and the loss stays at ln 4 from the first
    step (the same net with zero biases reaches 0.12)."""
    return _podiatrist_negative_conv_bias(session, broken=True)


@holdout147("podiatrists", ["saturated_activations"], stall_begins=20)  # approximate
def gait_conv1d_tanh_head_bias(session):
    """Gait-type Conv1D net whose two tanh dense layers start with bias +6 (a "keep the units
    active" trick meant for relu), SGD 0.02 with momentum: every tanh unit sits at +1 for
    every walk, its derivative is ~1e-5, and after a first small fall the loss stays at ~1.55
    (zero biases: 0.04)."""
    return _podiatrist_tanh_head_bias(session, broken=True)


@holdout147("podiatrists", ["poor_initialization"])
def gait_conv1d_zero_kernels(session):
    """Gait-type Conv1D net built with kernel_initializer="zeros" on every layer (to make runs
    reproducible), RMSprop 1e-3: every relu input is exactly zero, no kernel receives a
    gradient, only the output bias learns, and the loss stays at ln 4 (Glorot: 0.24)."""
    return _podiatrist_zero_kernels(session, broken=True)


@holdout147("chiropractors", ["vanishing_gradients"])
def posture_deep_sigmoid_loop(session):
    """Custom GradientTape loop: pain tertile from 12 summary statistics of the spine-sensor
    session, a 10-layer sigmoid MLP (width 32, Glorot init) with SGD 0.05 and momentum: the
    gradient shrinks about fourfold per layer, the early layers never learn and the loss stays
    at ~1.11 from the start (the same depth with relu and He init reaches 0.2)."""
    return _chiropractor_deep_sigmoid(session, broken=True)


@holdout147("chiropractors", ["exploding_gradients"], stall_begins=40)  # approximate
def posture_rnn_unclipped(session):
    """Pain forecast from 60 spine-sensor readings by a tanh SimpleRNN (32 units) whose recurrent
    kernel is RandomNormal(0.5) (spectral radius ~3), SGD 0.01 with momentum and no gradient
    clipping: the first gradients through time are ~1e4-1e5, the update throws the recurrent
    weights deep into saturation and the loss stalls at ~0.6 (clipnorm=1.0: 0.32, improving)."""
    return _chiropractor_rnn_unclipped(session, broken=True)


@holdout147("chiropractors", ["learning_rate_too_low"])
def posture_gru_rmsprop_1e6(session):
    """Pain tertile from the spine-sensor session with a GRU (24 units) and RMSprop at 1e-6 (the
    exponent of 1e-3 mistyped): the loss creeps from 1.165 to 1.161 in 12 epochs, while at 1e-3
    it falls to 0.31."""
    return _chiropractor_rmsprop_rate(session, broken=True)


@holdout147("osteopaths", ["loss_activation_mismatch"], stall_begins=25)  # approximate
def pain_score_sigmoid_output(session):
    """Pain score 0-10 after treatment from therapist and technique embeddings and intake
    measurements, MSE, with a sigmoid output (the targets were meant to be divided by 10 and
    were not): the output cannot pass 1, and the loss stalls near 24 (linear output: 1.7)."""
    return _osteopath_sigmoid_pain(session, broken=True)


@holdout147("osteopaths", ["insufficient_capacity"], stall_begins=40)  # approximate
def mobility_patterns_no_hidden_layer(session):
    """Dysfunction pattern from two mobility angles, alternating by sector and ring, fitted with
    hidden_layers=[] (the baseline configuration shipped as the model): a softmax regression
    cannot separate alternating sectors and levels off at ~1.10, near ln 3 (2x64 relu: 0.25)."""
    return _osteopath_no_hidden_layer(session, broken=True)


@holdout147("osteopaths", ["over_regularization"], stall_begins=250)  # approximate
def pain_score_l1_penalty_loop(session):
    """Custom GradientTape loop: pain score from one-hot therapist and technique and intake
    measurements, a 2x64 relu MLP with L1(0.1) on every kernel (1e-4 was meant), Adam 5e-3:
    the penalty drives the weights to zero and the total loss levels off at ~3.8, about the
    targets' variance (L1(1e-4): 0.69, improving)."""
    return _osteopath_l1_penalty(session, broken=True)
