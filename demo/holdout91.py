"""The ninety-first held-out catalogue: written by someone who did not read the engine or run the
diagnosis on these runs, and scored once.

It was written from how trainings go wrong in practice, without reading the engine's detectors
or thresholds, without running the diagnosis, and without reading the earlier catalogues'
scenarios (only demo/holdout30.py, for its layout). Every scenario was checked only from its own
loss (Keras History, and the per-step loss recovered from the running batch means, in a
throwaway script with the runner's seed), and every broken one against the same model trained
without its mistake (each helper `_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Ferrywardens: a crossing's delay from tide, wind
and load features whose noise grows with the wind, an MLP under Adam with ReduceLROnPlateau as
a safety net (still creeping down at the end); a ticket's fare class with a quarter of the
clerks' records wrong (flattening far above zero); the 0.85 quantile of a boarding time under
the pinball loss against Student-t noise. Harbourmasters: which seiche period a very noisy tide
trace holds, by a Conv1D net under SGD with momentum and a step decay (LearningRateScheduler,
x0.1 at epochs 6 and 10: a bouncing plateau, then a lower level after each drop); a rare crack
class on hull patches by a Conv2D net with class_weight (near its constant-prediction loss for
three epochs, then a steep fall); a swell height from a buoy record by Conv1D under a warm-up
and cosine decay. Dockers: a crane's peak load from a load-cell sequence by a GRU under Huber
loss against heavy-tailed noise (a wait of about seven epochs, then a descent still going);
a berth log's outcome from 256 token sequences by Embedding and pooling, memorised over 60
short epochs; the same task by an Embedding and MultiHeadAttention block with 15% of the
outcomes wrong. Stevedores: dropped pallets (Poisson counts) by an exponential-output MLP in a
hand-written GradientTape loop under keras's Poisson loss; a gang from one-hot event tokens by
an LSTM in a hand-written loop under plain SGD; a rare damage claim (about one job in ten) from
a terminal Embedding and numeric features, two inputs, no class weights.

The broken half, one root cause each, chosen as the mistake practitioners most often make for
it: Adam with the learning_rate=1.0 kept from an Adadelta example (learning rate too high);
anemometer blanks read as NaN and never imputed (non-finite values: on this CPU build the relu
turns the NaN activations to zero, so the logged loss stays finite at ~1.0 (the constant
predictor) while the wind row of the first layer's kernel is NaN from the tenth step); a ledger fed in its own units, a unix timestamp
among them (unnormalised inputs); Rescaling(255) written for Rescaling(1/255) in front of tanh
convolutions on backlit 0..255 patches (saturated activations); ReLU(threshold=6.0) written for
ReLU6 (dead ReLUs); a sigmoid head kept from a classifier on a standardised regression target
(loss/activation mismatch); ten sigmoid layers under plain SGD (vanishing gradients); a relu
SimpleRNN with an identity recurrent kernel (the IRNN recipe) without its gradient clipping
(exploding gradients, the loss inf by step 10 and NaN after it, so non-finite values as well);
Adam(1e-6) from a fine-tuning recipe on a model trained from scratch (learning rate too low);
hidden Dense layers left without an activation on ring-shaped classes (insufficient capacity);
PyTorch's weight_decay=0.1 turned into kernel_regularizer=l2(0.1) on every layer under SGD
(over-regularisation); kernel_initializer='zeros' everywhere in a relu MLP in a hand-written
loop (poor initialisation; every hidden unit outputs exactly zero on every example, so dead
ReLUs as well).

Dropped or replaced because they did not behave as intended: Dense(1, activation='softmax')
under binary cross-entropy for the loss/activation mismatch (Keras 3 warns and the run's losses
were identical to the sigmoid head's, so it was replaced by the sigmoid head on a standardised
target); the Rescaling(255) typo on dark 0..255 patches under Adam (it still learnt, ~0.16
against ~0.01: the saturated first layer's signs still carried the seam; backlit patches and
SGD with momentum kept, flat at ln 4); Dropout(0.9) from TF1's keep_prob=0.9 (still falling,
~37 -> ~4 in ten epochs) and l2(0.1) and l2(1.0) under Adam (still shedding the penalty at
the end, ~1.05 and ~1.16; l2(0.1) under SGD with momentum kept, flat at ~1.01); the unclipped
IRNN under SGD 0.01, 5e-3 and 2e-3 (NaN from the second or third step: 2e-4 kept, which
climbs for ten steps first), under SGD 2e-5 and 6e-5 (a spike, then it kept learning about as
well as the tanh fix) and under Adam 1e-3 (still learning, ~0.41 against ~0.19). The step-decay
run first had gauge noise 0.6 and reached ~0.001 before the first drop; the GRU run first had
twice the noise and never left its constant-prediction loss in ten epochs: both data sets were
changed before their runs were accepted. The raw-ledger run was lengthened from 10 to 16 epochs
to show that its loss (falling from ~1e15) levels off at ~4.6e4 (the fix: ~0.09).

With the runner's seed, `fit` visits the examples in the same order every epoch, so several
runs show a sawtooth within each epoch. Labels follow `scenarios.py`: `expected_causes[0]` is
the root cause the scenario was built around, a second cause only where that symptom is
genuinely present too (the IRNN's inf and NaN losses; the zero-initialised net's all-zero
hidden layers); `stall_begins` is the optimizer step from which the loss stops improving (None:
from the start, which includes the runs whose first loss is their best), exact where an event
of the scenario causes it (the first NaN row, in file order, at step 10), otherwise read off
the per-step loss and marked approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("ferrywardens", "harbourmasters", "dockers", "stevedores")

REGISTRY = []

holdout91 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


def _rng(seed):
    return np.random.default_rng(seed)


def _std(v):
    v = np.asarray(v, dtype="float64")
    return ((v - v.mean(axis=0)) / (v.std(axis=0) + 1e-12)).astype("float32")


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, shuffle=True, callbacks=(),
                class_weight=None):
    """`_fit` for a model with several inputs; the last PROBE_SIZE rows are the probe."""
    train = [v[:-PROBE_SIZE] for v in inputs]
    probe = ([v[-PROBE_SIZE:] for v in inputs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        shuffle=shuffle, verbose=0, class_weight=class_weight,
                        callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


def _fit_weighted(session, model, x, y, *, epochs, batch_size, class_weight):
    """`_fit` with class weights."""
    probe = (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(x[:-PROBE_SIZE], y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        verbose=0, class_weight=class_weight, callbacks=session.callbacks(probe))
    return history.history["loss"]


# data ------------------------------------------------------------------------------------------


def crossing_features(n, seed, dim=8):
    """A ferry crossing's features (standardised): tide, wind, load, hour and so on."""
    return _rng(seed).normal(size=(n, dim)).astype("float32")


def crossing_minutes(x, r, hetero=True):
    """A crossing's delay (nonlinear in tide, wind and load); the noise grows with the wind."""
    wind = np.abs(x[:, 1])
    mean = (np.sin(1.3 * x[:, 0]) + 0.8 * wind + 0.5 * x[:, 2] * x[:, 3] - 0.4 * x[:, 4] ** 2
            + 0.3 * np.tanh(2 * x[:, 5]))
    noise = (0.2 + 0.5 * wind) if hetero else 0.3
    return mean + noise * r.normal(size=len(x))


def ticket_classes(n, seed, dim=10, classes=4, flip=0.0):
    """A ticket's fare class (4) from ten booking features, argmax of nonlinear scores;
    `flip` of the recorded classes are wrong."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    w = r.normal(size=(dim, classes))
    v = r.normal(size=(dim, classes))
    s = np.tanh(x @ w / 2) + 0.6 * np.sin(x @ v / 2)
    y = s.argmax(axis=1)
    wrong = r.random(n) < flip
    return x, np.where(wrong, r.integers(0, classes, n), y).astype("int32")


def hull_images(n, seed, size=12, classes=4, noise=0.35):
    """Hull-inspection patches (size x size, one channel, values in [0, 1]): a bar that is
    horizontal, vertical, diagonal or anti-diagonal (4 classes) at a random offset, on noise."""
    r = _rng(seed)
    y = r.integers(0, classes, n)
    x = r.uniform(0, noise, size=(n, size, size))
    idx = np.arange(size)
    for k in range(n):
        o = r.integers(2, size - 2)
        if y[k] == 0:
            x[k, o, :] += 0.7
        elif y[k] == 1:
            x[k, :, o] += 0.7
        elif y[k] == 2:
            x[k, idx, idx] += 0.7
        else:
            x[k, idx, size - 1 - idx] += 0.7
    return np.clip(x, 0, 1).astype("float32")[..., None], y.astype("int32")


def tide_traces(n, seed, length=64, classes=3, noise=0.6):
    """A tide gauge's trace (64 readings): the class (3) is which of three seiche periods is
    present, at a random phase and amplitude, under gauge noise."""
    r = _rng(seed)
    y = r.integers(0, classes, n)
    periods = np.array([5.0, 9.0, 16.0])
    t = np.arange(length)
    amp = r.uniform(0.6, 1.4, n)
    phase = r.uniform(0, 2 * np.pi, n)
    x = amp[:, None] * np.sin(2 * np.pi * t[None] / periods[y][:, None] + phase[:, None])
    x = x + noise * r.normal(size=(n, length))
    return x.astype("float32")[..., None], y.astype("int32")


def berth_tokens(n, seed, length=16, vocab=40, classes=3):
    """A berth log as 16 event tokens (vocabulary 40); the log's outcome (3) is set by which of
    three token groups occurs most."""
    r = _rng(seed)
    groups = r.integers(0, classes, vocab)
    groups[0] = -1
    y = r.integers(0, classes, n)
    x = np.empty((n, length), dtype="int32")
    allowed = np.flatnonzero(groups >= 0)
    for k in range(n):
        own = np.flatnonzero(groups == y[k])
        m = r.random(length) < 0.4
        x[k] = np.where(m, r.choice(own, length), r.choice(allowed, length))
    return x, y.astype("int32")


def cargo_sequences(n, seed, length=24, channels=3):
    """A crane's load cell over 24 steps (3 channels); the target is a weighted sum of early
    and late readings through a nonlinearity."""
    r = _rng(seed)
    x = r.normal(size=(n, length, channels)).astype("float32")
    y = np.tanh(x[:, :6, 0].mean(axis=1) * 2) + 0.6 * x[:, -4:, 1].mean(axis=1) * x[:, 10, 2]
    return x, y


# ferrywardens ----------------------------------------------------------------------------------


@holdout91("ferrywardens", healthy=True)
def crossing_delay_reduce_on_plateau(session):
    """A ferry crossing's delay (standardised) from eight tide, wind and load features whose
    noise grows with the wind, MLP 64-64 relu, Adam 3e-3 with ReduceLROnPlateau(monitor='loss',
    factor=0.5, patience=2, min_delta=1e-3) as a safety net: falls fast, then creeps down
    steadily through the 20 epochs towards the heteroscedastic noise floor."""
    keras = _keras()
    r = _rng(9101)
    x = crossing_features(N, 9101)
    y = _std(crossing_minutes(x, r))[:, None]
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=2,
                                                min_delta=1e-3, verbose=0)
    return _fit(session, model, x, y, epochs=20, batch_size=32, callbacks=[plateau])


@holdout91("ferrywardens", healthy=True)
def fare_class_noisy_clerks(session):
    """A ticket's fare class (4) from ten booking features, a quarter of the clerks' recorded
    classes wrong, MLP 64-32 relu, Adam 1e-3, sparse categorical cross-entropy: the loss falls
    and flattens far above zero, at the label noise."""
    keras = _keras()
    x, y = ticket_classes(N, 9102, flip=0.25)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def pinball(q):
    import keras

    def loss(y_true, y_pred):
        e = y_true - y_pred
        return keras.ops.mean(keras.ops.maximum(q * e, (q - 1) * e), axis=-1)

    return loss


@holdout91("ferrywardens", healthy=True)
def boarding_time_upper_quantile(session):
    """The 0.85 quantile of a sailing's boarding time (standardised) from eight features with
    Student-t (3 d.o.f.) noise, MLP 64-64 relu, Adam 2e-3 under the pinball loss: it settles
    on a plateau well above zero, which is the quantile loss of the noise itself."""
    keras = _keras()
    r = _rng(9103)
    x = crossing_features(N, 9103)
    y = crossing_minutes(x, r, hetero=False) + 0.5 * r.standard_t(3, size=N)
    y = _std(y)[:, None]
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), pinball(0.85))
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _adadelta_rate_kept(session, broken):
    keras = _keras()
    x, y = ticket_classes(N, 9104)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(1.0 if broken else 1e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# Its first loss (~1.34) is its best: the first update throws it to ~3700, and it settles at
# ln 4 within 25 steps.
@holdout91("ferrywardens", ["learning_rate_too_high"])
def fare_class_adadelta_rate_kept(session):
    """A ticket's fare class (4) from ten booking features, MLP 128-64 relu. The code was
    copied from an example that trained with Adadelta(learning_rate=1.0); the optimizer was
    swapped to Adam but learning_rate=1.0 was kept, a thousand times Adam's usual rate."""
    return _adadelta_rate_kept(session, True)


def _missing_readings(session, broken):
    keras = _keras()
    r = _rng(9105)
    x = crossing_features(N, 9105)
    y = _std(crossing_minutes(x, r, hetero=False))[:, None]
    # The anemometer logger wrote blanks on a few sailings; pandas read them as NaN.
    gaps = [301, 517, 780, 966]
    x = x.copy()
    x[gaps, 1] = np.nan
    if not broken:
        x[gaps, 1] = np.nanmean(x[:-PROBE_SIZE, 1])
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32, shuffle=False)


# Row 301 is in the tenth batch of the file-order pass: its NaN input is step 10.
@holdout91("ferrywardens", ["non_finite_values"], stall_begins=301 // 32 + 1)
def crossing_delay_blank_wind(session):
    """A crossing's delay from eight features by an MLP 64-32 relu, Adam 2e-3, in file order.
    The anemometer logger left four readings blank, read as NaN and never imputed (no
    dropna/fillna): the first batch holding one (step 10) writes NaN into the wind row of
    the first layer's kernel, after which every first-layer unit is NaN (zeroed by the relu)
    on every example and the net can only predict a constant."""
    return _missing_readings(session, True)


def _raw_ledger(session, broken):
    keras = _keras()
    r = _rng(9106)
    n = N
    # The wardens' ledger as exported: departure as a unix timestamp, the distance in metres,
    # passengers aboard, cars aboard, wind in knots and the tide height in metres.
    stamp = 1.70e9 + r.uniform(0, 3.0e7, n)
    dist = r.uniform(800, 9000, n)
    pax = r.integers(0, 400, n).astype("float64")
    cars = r.integers(0, 60, n).astype("float64")
    wind = r.gamma(2.0, 6.0, n)
    tide = r.normal(2.0, 1.2, n)
    hour = ((stamp - 1.70e9) / 3600.0) % 24
    z_d = (dist - 4900) / 2370
    y = (1.2 * z_d + 0.6 * np.sin(2 * np.pi * hour / 24) + 0.5 * (pax - 200) / 115
         + 0.4 * np.tanh((wind - 12) / 8) - 0.4 * (tide - 2.0) ** 2 / 1.44
         + 0.3 * (cars - 30) / 17 + 0.2 * r.normal(size=n))
    x = np.stack([stamp, dist, pax, cars, wind, tide], axis=1)
    if not broken:
        mu, sd = x[:-PROBE_SIZE].mean(axis=0), x[:-PROBE_SIZE].std(axis=0)
        x = (x - mu) / sd
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x.astype("float32"), _std(y)[:, None], epochs=16, batch_size=32)


# Falls from ~1e15 while the output scale shrinks, then flat at ~4.6e4 from about step 285:
# approximate.
@holdout91("ferrywardens", ["unnormalized_inputs"], stall_begins=285)
def crossing_time_raw_ledger(session):
    """A crossing's duration (standardised) from the wardens' ledger exactly as exported (the
    departure as a unix timestamp ~1.7e9, the distance in metres, passengers, cars, wind in
    knots, tide in metres) fed straight into an MLP 64-64 relu under Adam 1e-3, with no
    scaling: the timestamp column swamps every first-layer unit."""
    return _raw_ledger(session, True)


# harbourmasters ------------------------------------------------------------------------------


@holdout91("harbourmasters", healthy=True)
def seiche_period_step_decay(session):
    """Which of three seiche periods a tide gauge's 64-reading trace holds, under gauge noise
    twice the swell's amplitude, by Conv1D 16-32 relu with global max pooling, SGD(0.05, momentum 0.9) under a
    LearningRateScheduler that divides the rate by ten at epochs 6 and 10: a plateau before
    each drop, then a lower one."""
    keras = _keras()
    x, y = tide_traces(N, 9107, noise=2.0)
    model = keras.Sequential([keras.Input((64, 1)),
                              keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
                              keras.layers.MaxPooling1D(2),
                              keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
                              keras.layers.GlobalMaxPooling1D(),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")

    def step(epoch, lr):
        return 0.05 * (0.1 ** ((epoch >= 6) + (epoch >= 10)))

    sched = keras.callbacks.LearningRateScheduler(step)
    return _fit(session, model, x, y, epochs=14, batch_size=32, callbacks=[sched])


@holdout91("harbourmasters", healthy=True)
def hull_crack_rare_weighted(session):
    """Whether a hull-inspection patch shows a crack (the diagonal bar; about one patch in
    twelve) among plain weld seams, by a CNN Conv2D 8-16 relu, Adam 1e-3, with
    class_weight={0: 1, 1: 6}: the weighted loss sits near its constant-prediction level for
    a while, then falls."""
    keras = _keras()
    x, c = hull_images(N, 9108)
    r = _rng(91080)
    # Keep cracks (class 2) rare: most diagonal patches are replaced by seams.
    keep = (c != 2) | (r.random(N) < 0.3)
    x, c = x[keep], c[keep]
    y = (c == 2).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((12, 12, 1)),
                              keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
                              keras.layers.MaxPooling2D(),
                              keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
                              keras.layers.GlobalAveragePooling2D(),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_weighted(session, model, x, y, epochs=15, batch_size=32,
                         class_weight={0: 1.0, 1: 6.0})


@holdout91("harbourmasters", healthy=True)
def swell_height_warmup_cosine(session):
    """The next hour's swell height (standardised) from a 24-step, 3-channel buoy record by
    Conv1D 32-32 relu with global average pooling, Adam under CosineDecay(1e-4,
    decay_steps=400, warmup_target=3e-3, warmup_steps=64): fast through the warm-up, a brief
    wobble near the top of the rate, then a slow tail as the cosine brings the rate down."""
    keras = _keras()
    r = _rng(9109)
    x, y = cargo_sequences(N, 9109)
    y = _std(y + 0.35 * r.normal(size=N))[:, None]
    model = keras.Sequential([keras.Input((24, 3)),
                              keras.layers.Conv1D(32, 3, activation="relu", padding="same"),
                              keras.layers.Conv1D(32, 3, activation="relu", padding="same"),
                              keras.layers.Flatten(),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    lr = keras.optimizers.schedules.CosineDecay(1e-4, decay_steps=400, warmup_target=3e-3,
                                                warmup_steps=64)
    model.compile(keras.optimizers.Adam(lr), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _rescale_typo(session, broken):
    keras = _keras()
    x, y = hull_images(N, 9110)
    # Backlit patches: a bright plate with dark seams, as decoded from the PNGs (0..255).
    pixels = np.round((1.0 - 0.8 * x) * 255.0).astype("float32")
    scale = 255.0 if broken else 1.0 / 255.0
    model = keras.Sequential([keras.Input((12, 12, 1)), keras.layers.Rescaling(scale),
                              keras.layers.Conv2D(16, 3, activation="tanh", padding="same"),
                              keras.layers.MaxPooling2D(),
                              keras.layers.Conv2D(16, 3, activation="tanh", padding="same"),
                              keras.layers.GlobalAveragePooling2D(),
                              keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, pixels, y, epochs=10, batch_size=32)


@holdout91("harbourmasters", ["saturated_activations"])
def hull_seam_rescaling_typo(session):
    """A backlit hull patch's seam direction (4 classes) from 12x12 pixels decoded as 0..255
    (a bright plate, dark seams), by a tanh CNN Conv2D 16-16 with a Dense(32, tanh), SGD(0.01,
    momentum 0.9). The first layer was meant as Rescaling(1/255) but written Rescaling(255):
    pixels reach the tanh convolutions at up to 65025 and every first-layer tanh unit sits at
    +1 or -1 whatever the seam."""
    return _rescale_typo(session, True)


def _relu_threshold(session, broken):
    keras = _keras()
    x, y = tide_traces(N, 9111, noise=0.4)
    act = (lambda: keras.layers.ReLU(threshold=6.0)) if broken else (
        lambda: keras.layers.ReLU(max_value=6.0))
    model = keras.Sequential([keras.Input((64, 1)), keras.layers.Conv1D(32, 5, padding="same"),
                              act(), keras.layers.MaxPooling1D(2),
                              keras.layers.Conv1D(32, 5, padding="same"), act(),
                              keras.layers.GlobalMaxPooling1D(),
                              keras.layers.Dense(32), act(),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout91("harbourmasters", ["dead_relus"])
def seiche_relu6_threshold(session):
    """Which seiche period a 64-reading tide trace holds, by a Conv1D 32-32 net with a Dense(32)
    and Adam 1e-3. The author wanted ReLU6 and wrote keras.layers.ReLU(threshold=6.0) instead
    of ReLU(max_value=6.0): threshold is where the unit switches on, so every unit whose
    input is under 6 outputs zero and passes no gradient."""
    return _relu_threshold(session, True)


def _sigmoid_head(session, broken):
    keras = _keras()
    r = _rng(9112)
    x, y = cargo_sequences(N, 9112)
    y = _std(y + 0.2 * r.normal(size=N))[:, None]
    model = keras.Sequential([keras.Input((24, 3)),
                              keras.layers.Conv1D(32, 3, activation="relu", padding="same"),
                              keras.layers.Conv1D(32, 3, activation="relu", padding="same"),
                              keras.layers.Flatten(), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid" if broken else None)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# Levels off at ~0.63 in the fifth epoch (32 steps an epoch), about step 140: approximate.
@holdout91("harbourmasters", ["loss_activation_mismatch"], stall_begins=140)
def mooring_load_sigmoid_head(session):
    """A mooring line's peak load (standardised: mean 0, sd 1) from a 24-step, 3-channel
    record by Conv1D 32-32 relu and Dense 32 under MSE, Adam 1e-3, the head kept from the
    team's break/no-break classifier: Dense(1, activation='sigmoid'). It can only answer
    between 0 and 1, so every negative or above-one load is out of reach and the loss stops
    at what the clipped answer can do."""
    return _sigmoid_head(session, True)


# dockers ---------------------------------------------------------------------------------------


@holdout91("dockers", healthy=True)
def crane_load_gru_huber(session):
    """A crane lift's peak load (standardised) from a 24-step, 3-channel load-cell record by a
    GRU(24), Adam 3e-3 under Huber loss, with Student-t (2.5 d.o.f.) measurement noise: it
    waits near the constant prediction's loss for about seven epochs until the GRU picks up
    the early readings, then falls and is still improving, above zero, at the end."""
    keras = _keras()
    r = _rng(9113)
    x, y = cargo_sequences(N, 9113)
    y = _std(y + 0.12 * r.standard_t(2.5, size=N))[:, None]
    model = keras.Sequential([keras.Input((24, 3)), keras.layers.GRU(24), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.Huber(1.0))
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout91("dockers", healthy=True)
def berth_log_small_overfit(session):
    """A berth log's outcome (3) from 16 event tokens with only 256 logs to learn from, by
    Embedding(40, 16), GlobalAveragePooling1D and Dense 32 relu, Adam 2e-3, 60 short epochs:
    the training loss keeps falling towards zero as the small book is memorised."""
    keras = _keras()
    x, y = berth_tokens(256 + PROBE_SIZE, 9114)
    model = keras.Sequential([keras.Input((16,), dtype="int32"),
                              keras.layers.Embedding(40, 16),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=60, batch_size=32)


@holdout91("dockers", healthy=True)
def berth_log_attention_noisy(session):
    """A berth log's outcome (3) from 16 event tokens by Embedding(40, 32) with a
    MultiHeadAttention(2 heads) block, residual and LayerNorm, mean pooling, Adam 1e-3; 15% of
    the recorded outcomes are wrong, so the loss flattens well above zero."""
    keras = _keras()
    x, y = berth_tokens(N, 9115)
    r = _rng(91150)
    wrong = r.random(N) < 0.15
    y = np.where(wrong, r.integers(0, 3, N), y).astype("int32")
    inp = keras.Input((16,), dtype="int32")
    h = keras.layers.Embedding(40, 32)(inp)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=16)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    out = keras.layers.Dense(3, activation="softmax")(h)
    model = keras.Model(inp, out)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _deep_sigmoid(session, broken):
    keras = _keras()
    x, y = ticket_classes(N, 9116)
    act = "sigmoid" if broken else "relu"
    layers = [keras.Input((10,))]
    layers += [keras.layers.Dense(32, activation=act) for _ in range(10)]
    layers.append(keras.layers.Dense(4, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# At the class prior (~1.36) by about step 25, flat after: approximate.
@holdout91("dockers", ["vanishing_gradients"], stall_begins=25)
def manifest_class_deep_sigmoid(session):
    """A cargo manifest's handling class (4) from ten declared features by an MLP of ten
    Dense(32, activation='sigmoid') layers ('deeper should be better'), plain SGD 0.05: the
    sigmoid's derivative (at most 1/4) shrinks the gradient at every layer, so the first
    layers get almost nothing and the loss stays near ln 4."""
    return _deep_sigmoid(session, True)


def _irnn(session, broken):
    keras = _keras()
    r = _rng(9117)
    n, t = N, 60
    x = r.normal(size=(n, t, 2)).astype("float32")
    x[:, :, 1] = np.abs(x[:, :, 1])
    y = _std(x[:, :8, 0].sum(axis=1) - 0.5 * x[:, -8:, 0].sum(axis=1))[:, None]
    if broken:
        rnn = keras.layers.SimpleRNN(32, activation="relu",
                                     recurrent_initializer=keras.initializers.Identity(gain=1.0))
    else:
        rnn = keras.layers.SimpleRNN(32)
    model = keras.Sequential([keras.Input((t, 2)), rnn, keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(2e-4, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# Its first loss (~75) is its best: the second step's is ~3.5e8, inf at step 10, NaN after.
@holdout91("dockers", ["exploding_gradients", "non_finite_values"])
def quay_sensor_irnn_unclipped(session):
    """A quay sensor's summary (standardised) from 60 steps of two channels by a SimpleRNN(32,
    activation='relu', recurrent_initializer=Identity()) copied from the 'IRNN' recipe,
    SGD(2e-4, momentum 0.9), without the gradient clipping that recipe relies on: the
    gradient grows through the 60 unsquashed steps, the first updates throw the loss to
    ~1e8, then to inf, and the weights become NaN."""
    return _irnn(session, True)


def _finetune_rate(session, broken):
    keras = _keras()
    x, y = berth_tokens(N, 9118)
    model = keras.Sequential([keras.Input((16,), dtype="int32"),
                              keras.layers.Embedding(40, 32),
                              keras.layers.LSTM(32),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-6 if broken else 1e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout91("dockers", ["learning_rate_too_low"])
def berth_log_finetune_rate(session):
    """A berth log's outcome (3) from 16 event tokens by Embedding(40, 32) and LSTM(32), trained
    from scratch with Adam(learning_rate=1e-6), the rate copied from a recipe for the last
    stage of fine-tuning a pretrained model: the loss barely moves off ln 3."""
    return _finetune_rate(session, True)


# stevedores --------------------------------------------------------------------------------


@holdout91("stevedores", healthy=True)
def pallets_dropped_poisson_loop(session):
    """Pallets dropped per shift (Poisson counts) from six gang and weather features, an MLP
    32-32 relu with an exponential output in a hand-written GradientTape loop, Adam 2e-3, under
    keras's Poisson loss (y_pred - y log y_pred): it falls and flattens at the counts'
    intrinsic noise, far from zero."""
    keras = _keras()
    r = _rng(9119)
    x = r.normal(size=(N, 6)).astype("float32")
    rate = np.exp(0.6 + 0.5 * x[:, 0] - 0.3 * x[:, 1] + 0.3 * np.sin(2 * x[:, 2]))
    y = r.poisson(rate).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    opt = keras.optimizers.Adam(2e-3)
    return _custom_loop(session, model, opt, keras.losses.Poisson(), x, y, epochs=12,
                        batch_size=32, seed=9119, loss_description="poisson")


@holdout91("stevedores", healthy=True)
def gang_shift_lstm_slow_sgd(session):
    """Which of three gangs worked a shift from 16 event tokens (one-hot into an LSTM(24)) in a
    hand-written GradientTape loop under plain SGD 0.1: a slow first epoch near ln 3, a
    descent over the next five, then a noisy, slowly falling tail."""
    keras = _keras()
    tok, y = berth_tokens(N, 9120, vocab=20)
    x = np.eye(20, dtype="float32")[tok]
    model = keras.Sequential([keras.Input((16, 20)), keras.layers.LSTM(24),
                              keras.layers.Dense(3, activation="softmax")])
    opt = keras.optimizers.SGD(0.1)
    return _custom_loop(session, model, opt, keras.losses.SparseCategoricalCrossentropy(), x,
                        y[:, None], epochs=15, batch_size=32, seed=9120,
                        loss_description="sparse_categorical_crossentropy")


@holdout91("stevedores", healthy=True)
def claim_flag_imbalanced_two_inputs(session):
    """Whether a stevedoring job ends in a damage claim (about one in ten) from the terminal
    (Embedding(12, 4)) and seven numeric job features, a two-input model with Dense 32 relu,
    Adam 1e-3, no class weights: the loss falls steadily and flattens at a floor set by the
    rare, noisy positives."""
    keras = _keras()
    r = _rng(9121)
    term = r.integers(0, 12, N).astype("int32")
    eff = r.normal(scale=0.8, size=12)
    num = r.normal(size=(N, 7)).astype("float32")
    logit = -2.8 + eff[term] + 1.0 * num[:, 0] + 0.8 * num[:, 1] * num[:, 2] - 0.6 * num[:, 3] ** 2
    y = (r.random(N) < 1 / (1 + np.exp(-logit))).astype("float32")[:, None]
    a = keras.Input((), dtype="int32")
    b = keras.Input((7,))
    e = keras.layers.Flatten()(keras.layers.Embedding(12, 4)(a))
    h = keras.layers.Concatenate()([e, b])
    h = keras.layers.Dense(32, activation="relu")(h)
    out = keras.layers.Dense(1, activation="sigmoid")(h)
    model = keras.Model([a, b], out)
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_inputs(session, model, [term, num], y, epochs=15, batch_size=32)


def _rings(n, seed):
    r = _rng(seed)
    x = r.normal(size=(n, 2))
    rad = np.linalg.norm(x, axis=1)
    y = np.digitize(rad, [0.75, 1.3, 1.9]).astype("int32")
    x = x + 0.05 * r.normal(size=x.shape)
    return x.astype("float32"), y


def _linear_stack(session, broken):
    keras = _keras()
    x, y = _rings(N, 9122)
    act = None if broken else "relu"
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(64, activation=act),
                              keras.layers.Dense(64, activation=act),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# At ~1.37 (the zone prior) within about 20 steps, flat after: approximate.
@holdout91("stevedores", ["insufficient_capacity"], stall_begins=20)
def yard_zone_linear_stack(session):
    """Which of four concentric yard zones a container sits in from its two coordinates, by
    Dense(64) -> Dense(64) -> softmax with no activation= on the hidden layers (left at Keras's
    default, linear): the stack is one linear map, which cannot draw rings, so the loss stops
    at what a linear classifier can do."""
    return _linear_stack(session, True)


def _l2_weight_decay(session, broken):
    keras = _keras()
    r = _rng(9123)
    x = crossing_features(N, 9123)
    y = _std(crossing_minutes(x, r, hetero=False))[:, None]
    kw = dict(kernel_regularizer=keras.regularizers.l2(0.1)) if broken else {}
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(128, activation="relu", **kw),
                              keras.layers.Dense(128, activation="relu", **kw),
                              keras.layers.Dense(64, activation="relu", **kw),
                              keras.layers.Dense(1, **kw)])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# The penalty is shed by the fifth epoch; flat at ~1.01 (the constant predictor) from about
# step 140: approximate.
@holdout91("stevedores", ["over_regularization"], stall_begins=140)
def gang_time_weight_decay_as_l2(session):
    """A gang's turnaround time (standardised) from eight features by an MLP 128-128-64 relu
    under SGD(0.01, momentum 0.9), ported from PyTorch code with weight_decay=0.1 (an AdamW
    habit) turned into kernel_regularizer=l2(0.1) on every layer: the penalty outweighs the
    data, the weights shrink to nothing and the model predicts the mean."""
    return _l2_weight_decay(session, True)


def _zeros_init(session, broken):
    keras = _keras()
    x, y = ticket_classes(N, 9124, classes=3)
    init = "zeros" if broken else "glorot_uniform"
    model = keras.Sequential([keras.Input((10,)),
                              keras.layers.Dense(64, activation="relu", kernel_initializer=init),
                              keras.layers.Dense(64, activation="relu", kernel_initializer=init),
                              keras.layers.Dense(3, activation="softmax",
                                                 kernel_initializer=init)])
    opt = keras.optimizers.Adam(1e-3)
    return _custom_loop(session, model, opt, keras.losses.SparseCategoricalCrossentropy(), x,
                        y[:, None], epochs=10, batch_size=32, seed=9124,
                        loss_description="sparse_categorical_crossentropy")


@holdout91("stevedores", ["poor_initialization", "dead_relus"])
def stowage_class_zero_init_loop(session):
    """A container's stowage class (3) from ten features by an MLP 64-64 relu in a hand-written
    GradientTape loop, Adam 1e-3, every kernel built with kernel_initializer='zeros' ('start
    from a neutral network'): every hidden unit outputs exactly zero, no hidden weight gets a
    gradient, and only the output bias learns the class prior."""
    return _zeros_init(session, True)
