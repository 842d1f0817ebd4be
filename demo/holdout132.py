"""The hundred-and-thirty-second held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades, six runs each, three healthy and three broken: fishermen (a co-operative's fishing
logs, catch weights, haul counts and fish-finder echoes), miners (drill-core photographs, assay
tables, gallery gas sensors and geophone traces), translators (an agency's phrases as token
ids: register triage, sentence tone) and sailors (harbour-master records, voyage logs,
anemometer series, signal-flag hoists). Every data set is generated here from its own seed
(13201-13253); the last PROBE_SIZE rows of each are the probe, never trained on.

Healthy half (correct models trained correctly; the loss flattens where the data allows, or is
still improving): a Huber-loss MLP on catch weights with Student-t noise (flattens ~0.22); a
Poisson-loss MLP with an exponential output on haul counts under ReduceLROnPlateau (Keras's
Poisson loss runs negative, to ~-8); a Conv1D fish-finder classifier with 20% random species
labels and a step decay (flattens ~0.70); a custom GradientTape CNN on core photographs with
a linear warm-up and cosine decay (barely moves in the warm-up, then drops to ~0.03); a GRU
leak detector on 5% positives with class_weight 1:10 (still falling slowly); a pinball-loss
(90th percentile) MLP on heteroscedastic log grades (flattens ~0.075); a bag-of-embeddings
register classifier with 25% disputed labels (flattens ~0.64); an Embedding + LSTM that
memorizes a 192-phrase glossary over 40 epochs (to ~0.01, one brief Adam bump); an attention
classifier at a cautious Adam 3e-4 (still improving at the end); a two-input functional MLP on
passage times with PiecewiseConstantDecay and wind-dependent noise (flattens ~0.11); a custom
GradientTape GRU wind forecaster with Huber loss (flattens at the gust noise, ~0.057); and an
LSTM on signal flags that sits at ln 2 for ~130 steps before it drops (a plateau before a
sudden drop, which is real and healthy).

Broken half, one per cause, each a mistake made in code and checked against the same run
without it (broken final loss vs fixed): Adam at learning_rate=1.0 copied from an Adadelta
recipe (1.43 vs 0.74); a custom loop whose kernels are all Constant(0.05), so the units of a
layer never differ (1.37 vs 0.68); RandomNormal(0.5) read as a standard deviation when it is
the mean, pinning a tanh layer at +-1 (1.30 vs 0.65); a CNN written with kernel_size=1 that
cannot see a vein's direction (0.83 vs 0.001); np.log of assays stored as 0.0 'below
detection', -inf targets read in file order (NaN vs 0.24); Conv1D biases initialized to -3.0
so no filter fires (1.385 vs 0.17); Adam's rate divided by the data set size (1.099 vs 0.15); a
SimpleRNN given activation='sigmoid' over 60 steps (0.68 vs 0.0004); a relu output layer
under sparse categorical cross-entropy (1.0986 vs 0.12); raw pressure in Pa and fetch in
metres into an MLP (bounces around 80-230 vs 0.19); a SimpleRNN with a RandomNormal(1.0)
recurrent kernel and SGD without clipping, whose first gradient (~1e11) throws every unit into
saturation (0.17 vs 0.094; listed with saturated_activations as well, since that is what the
run shows afterwards); and a TF1 keep_prob of 0.9 copied as Keras dropout rates (~1.25 vs 0.25).

Dropped or changed because they did not behave as intended: a plain tanh SimpleRNN on the
60-step tone task (meant for vanishing gradients: it learned the first word at once, so the
sigmoid recurrence replaced it); a linear output under binary_crossentropy and a 1-unit softmax
(both meant for loss_activation_mismatch: Keras trained them as well as the correct model); a
1-filter CNN and a linear model on the pixels (meant for insufficient_capacity: both kept
improving to the end); raw readings in hPa and kilometres (kept improving slowly; Pa and metres
stall); RandomNormal(stddev=4) sigmoid layers and the mean-0.5 bug on sigmoid layers (meant for
saturation: the saturated nets learned as random features, or Adam crept out of it); a
recurrent kernel of stddev 0.25-0.5 under SGD (meant for exploding gradients: tanh kept the
gradients moderate and the loss fell); and a repeated-word attention task as a healthy run (it
hovered at ln 2 for 20 epochs, which a practitioner would rightly question).

Labels: `expected_causes[0]` is the root cause the run was built around; only the exploding
recurrence also lists the symptom it leaves behind. `stall_begins` counts optimizer updates
from 1, as `optimizer.iterations` reads after each update (the main catalogue's convention;
None means from the start). The NaN run's step is exact (the first -inf row's batch); the
others were read off the per-step loss of a Session(None) run and are approximate, marked so
next to their scenarios.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _standardize, registrar

FAMILIES = ("fishermen", "miners", "translators", "sailors")

REGISTRY = []

holdout132 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data: every generator draws from its own fixed seed


def _rng(seed):
    return np.random.default_rng(seed)


def _trips(n, seed):
    """A fishing log: 6 standardized columns (hours at sea, water temperature, depth, moon
    phase, wind, net size) and a smooth nonlinear 'catch score' driven by them."""
    r = _rng(seed)
    z = r.normal(size=(n, 6))
    score = (1.2 * np.tanh(z[:, 0]) + 0.8 * z[:, 1] * z[:, 2] - 0.6 * np.sin(2.0 * z[:, 3])
             + 0.5 * z[:, 4] ** 2 - 0.5 + 0.7 * z[:, 5])
    return z.astype("float32"), score.astype("float32")


def _species(n, seed, noise=0.0):
    """The species landed on a trip (4 classes), from the trip's columns; `noise` relabels
    that fraction of the rows at random (a deckhand's tally)."""
    r = _rng(seed)
    z, score = _trips(n, seed)
    y = (np.digitize(score, np.quantile(score, [0.25, 0.5, 0.75])) + (z[:, 3] > 0.8)) % 4
    flip = r.uniform(size=n) < noise
    y = np.where(flip, r.integers(0, 4, size=n), y)
    return z, y.astype("int32")


def _echoes(n, seed, length=64, noise=0.4, label_noise=0.0):
    """Sonar echo traces, one channel: a school of each of 4 species returns a pulse with
    its own ringing frequency and decay at a random range, in noise."""
    r = _rng(seed)
    y = r.integers(0, 4, size=n)
    t = np.arange(length)[None, :]
    start = r.integers(4, length // 2, size=n)[:, None]
    freq = np.array([0.15, 0.3, 0.45, 0.6])[y][:, None]
    decay = np.array([0.05, 0.12, 0.05, 0.12])[y][:, None]
    lag = np.clip(t - start, 0, None)
    pulse = (t >= start) * np.exp(-decay * lag) * np.sin(freq * lag * np.pi)
    x = pulse * r.uniform(0.8, 1.5, size=(n, 1)) + r.normal(0.0, noise, size=(n, length))
    flip = r.uniform(size=n) < label_noise
    y = np.where(flip, r.integers(0, 4, size=n), y)
    return x[..., None].astype("float32"), y.astype("int32")


def _cores(n, seed, size=16, noise=0.3):
    """Drill-core photographs (size x size, grey): 4 ore types show as veins running
    horizontally, vertically, diagonally, or as scattered nuggets."""
    r = _rng(seed)
    y = r.integers(0, 4, size=n)
    ii, jj = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
    x = np.zeros((n, size, size), dtype="float64")
    for k in range(n):
        phase = r.uniform(0, 2 * np.pi)
        if y[k] == 0:
            x[k] = np.sin(ii * 0.9 + phase)
        elif y[k] == 1:
            x[k] = np.sin(jj * 0.9 + phase)
        elif y[k] == 2:
            x[k] = np.sin((ii + jj) * 0.65 + phase)
        else:
            spots = r.integers(0, size, size=(6, 2))
            x[k, spots[:, 0], spots[:, 1]] = 2.0
    x += r.normal(0.0, noise, size=x.shape)
    return x[..., None].astype("float32"), y.astype("int32")


def _assays(n, seed):
    """Assay table of drill samples: 5 standardized columns (depth, host-rock density,
    magnetic reading, distance to the fault, vein count) and the metal grade in g/t, lognormal
    with a spread that widens near the fault (heteroscedastic)."""
    r = _rng(seed)
    z = r.normal(size=(n, 5))
    mean = 0.6 * z[:, 0] - 0.4 * z[:, 3] + 0.3 * np.tanh(2 * z[:, 4]) + 0.2 * z[:, 1] * z[:, 2]
    spread = 0.25 + 0.35 / (1.0 + np.exp(2.0 * z[:, 3]))
    grade = np.exp(1.0 + mean + spread * r.normal(size=n))
    return z.astype("float32"), grade.astype("float32")


def _gas(n, seed, length=32, rate=0.05):
    """Mine-gallery gas sensors (methane, CO, airflow), standardized, one reading a minute;
    a leak (`rate` of the windows) shows as a slow methane ramp with the airflow dropping."""
    r = _rng(seed)
    y = (r.uniform(size=n) < rate).astype("int32")
    x = r.normal(0.0, 1.0, size=(n, length, 3))
    x = np.cumsum(x * 0.3, axis=1) * 0.5 + r.normal(0.0, 0.5, size=(n, length, 3))
    onset = r.integers(length // 4, length - 6, size=n)
    t = np.arange(length)[None, :]
    ramp = np.clip(t - onset[:, None], 0, None) * 0.35 * y[:, None]
    x[:, :, 0] += ramp
    x[:, :, 2] -= 0.5 * ramp
    return x.astype("float32"), y


def _phrases(n, seed, length=12, vocab=60, noise=0.0):
    """Phrases for a translation agency's triage (token ids, 0 is padding): 3 registers
    (legal, medical, casual), each with its own marker words scattered among shared filler;
    `noise` is the fraction whose register the annotators disagreed on (random label)."""
    r = _rng(seed)
    y = r.integers(0, 3, size=n)
    x = r.integers(20, vocab, size=(n, length))
    markers = r.integers(1, 3, size=n)
    for k in range(n):
        slots = r.choice(length, size=markers[k], replace=False)
        x[k, slots] = 1 + 6 * y[k] + r.integers(0, 6, size=markers[k])
    lengths = r.integers(length // 2, length + 1, size=n)
    x[np.arange(length)[None, :] >= lengths[:, None]] = 0
    flip = r.uniform(size=n) < noise
    y = np.where(flip, r.integers(0, 3, size=n), y)
    return x.astype("int32"), y.astype("int32")


def _opening_word(n, seed, length=60, vocab=40):
    """Long sentences whose tone (2 classes) is fixed by their first word (ids 1-4 polite,
    5-8 curt); the rest are neutral filler words (ids 10+)."""
    r = _rng(seed)
    y = r.integers(0, 2, size=n)
    x = r.integers(10, vocab, size=(n, length))
    x[:, 0] = 1 + 4 * y + r.integers(0, 4, size=n)
    return x.astype("int32"), y.astype("int32")


def _weather(n, seed):
    """Harbour-master records in raw units: pressure (Pa), wind (knots), air temperature (K),
    fetch (m), hour of day, swell period (s); and whether the crossing was rough (0/1)."""
    r = _rng(seed)
    z = r.normal(size=(n, 6))
    rough = (1.5 * z[:, 1] - 1.0 * z[:, 0] + 0.8 * z[:, 3] * (z[:, 1] > 0)
             + 0.6 * np.sin(np.pi * z[:, 4]) + 0.5 * z[:, 5] + 0.3 * r.normal(size=n)) > 0.4
    scale = np.array([1200.0, 8.0, 6.0, 20000.0, 6.0, 3.0])
    offset = np.array([101300.0, 15.0, 285.0, 60000.0, 12.0, 8.0])
    return (z * scale + offset).astype("float32"), rough.astype("int32")


def _voyages(n, seed):
    """Voyage log: the boat (hull length, sail area, crew; standardized) and the passage
    (distance, mean wind, wind angle; standardized) and the hours taken; squalls make the
    noise grow with the wind (heteroscedastic)."""
    r = _rng(seed)
    boat = r.normal(size=(n, 3))
    leg = r.normal(size=(n, 3))
    speed = 6.0 + 0.8 * boat[:, 0] + 0.5 * boat[:, 1] + 1.2 * np.tanh(leg[:, 1]) * (
        1.0 + 0.3 * np.cos(leg[:, 2] * 1.5))
    hours = (3.0 + 0.8 * leg[:, 0]) * 6.0 / np.clip(speed, 2.0, None) - 0.1 * boat[:, 2]
    hours = hours + r.normal(size=n) * (0.15 + 0.25 * np.abs(leg[:, 1]))
    hours = (hours - hours.mean()) / hours.std()
    return boat.astype("float32"), leg.astype("float32"), hours.astype("float32")


def _wind(n, seed, length=24, noise=0.5):
    """Anemometer series (standardized): a gusty AR(2) wind with a daily swing; the target
    is the next reading, with gust noise nobody can forecast."""
    r = _rng(seed)
    total = length + 1
    w = np.zeros((n, total))
    phase = r.uniform(0, 2 * np.pi, size=n)
    for t in range(2, total):
        w[:, t] = 1.3 * w[:, t - 1] - 0.45 * w[:, t - 2] + r.normal(0.0, noise, size=n)
    w += 1.5 * np.sin(phase[:, None] + np.arange(total)[None, :] * 0.25)
    w = (w - w.mean()) / w.std()
    return w[:, :length, None].astype("float32"), w[:, length].astype("float32")


def _flags(n, seed, length=10, symbols=6):
    """Signal-flag hoists: a sequence of flags (one-hot) and whether the first and the last
    flag match (the 'repeat' signal)."""
    r = _rng(seed)
    s = r.integers(0, symbols, size=(n, length))
    y = r.integers(0, 2, size=n)
    s[:, -1] = np.where(y == 1, s[:, 0], (s[:, 0] + r.integers(1, symbols, size=n)) % symbols)
    return np.eye(symbols, dtype="float32")[s], y.astype("int32")


def _fit_inputs(session, model, xs, y, *, epochs, batch_size, callbacks=(), **fit_kw):
    """model.fit on a list of inputs (a multi-input model, or one input when `fit_kw` holds
    what `_fit` does not pass, such as class_weight); the last PROBE_SIZE rows are the probe.

    Returns the per-epoch mean training loss."""
    train = [x[:-PROBE_SIZE] for x in xs]
    probe = [x[-PROBE_SIZE:] for x in xs]
    if len(xs) == 1:
        train, probe = train[0], probe[0]
    probe = (probe, y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size, verbose=0,
                        callbacks=list(callbacks) + session.callbacks(probe), **fit_kw)
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# broken runs: each helper trains the mistaken version (broken=True) or the intended one


def _species_adam(session, broken):
    keras = _keras()
    x, y = _species(N, seed=13201)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(1.0 if broken else 1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _constant_kernels(session, broken):
    keras = _keras()
    z, score = _trips(N, seed=13202)
    init = keras.initializers.Constant(0.05) if broken else "glorot_uniform"
    model = keras.Sequential([keras.Input((6,)),
                              keras.layers.Dense(48, activation="tanh", kernel_initializer=init),
                              keras.layers.Dense(48, activation="tanh", kernel_initializer=init),
                              keras.layers.Dense(1, kernel_initializer=init)])
    return _custom_loop(session, model, keras.optimizers.RMSprop(1e-3),
                        keras.losses.MeanSquaredError(), z, score[:, None],
                        epochs=15, batch_size=32, seed=13202)


def _negative_bias_sonar(session, broken):
    keras = _keras()
    x, y = _echoes(N, seed=13203)
    bias = keras.initializers.Constant(-3.0 if broken else 0.0)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _pointwise_filters(session, broken):
    keras = _keras()
    x, y = _cores(N, seed=13204)
    kernel = 1 if broken else 3
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, kernel, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, kernel, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


BELOW_DETECTION_ROW = 520  # read in file order, batch 32: first seen in step 17 (520 // 32 + 1)


def _log_assay(session, broken):
    keras = _keras()
    z, grade = _assays(N, seed=13205)
    grade = grade.copy()
    grade[[BELOW_DETECTION_ROW, 700, 905]] = 0.0  # the lab's "below detection limit"
    with np.errstate(divide="ignore"):
        target = np.log(grade) if broken else np.log(grade + 0.05)
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, z, target.astype("float32"), epochs=8, batch_size=32,
                shuffle=False)


def _tanh_saturated(session, broken):
    keras = _keras()
    x, y = _species(N, seed=13206)
    init = (keras.initializers.RandomNormal(0.5, seed=13206) if broken
            else keras.initializers.RandomNormal(stddev=0.5, seed=13206))
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(64, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(64, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _slow_gru(session, broken):
    keras = _keras()
    x, y = _phrases(N, seed=13207)
    model = keras.Sequential([keras.Input((12,), dtype="int32"),
                              keras.layers.Embedding(60, 16, mask_zero=True),
                              keras.layers.GRU(24), keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3 / 1024 if broken else 1e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _long_simplernn(session, broken):
    keras = _keras()
    x, y = _opening_word(768 + PROBE_SIZE, seed=13208)
    recurrent = keras.layers.SimpleRNN(32, activation="sigmoid" if broken else "tanh")
    model = keras.Sequential([keras.Input((60,), dtype="int32"), keras.layers.Embedding(40, 8),
                              recurrent, keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _attention_relu_output(session, broken):
    keras = _keras()
    x, y = _phrases(N, seed=13209)
    tokens = keras.Input((12,), dtype="int32")
    h = keras.layers.Embedding(60, 16)(tokens)
    h = h + keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.GlobalMaxPooling1D()(keras.layers.Dense(32, activation="relu")(h))
    out = keras.layers.Dense(3, activation="relu" if broken else "softmax")(h)
    model = keras.Model(tokens, out)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _raw_weather(session, broken):
    keras = _keras()
    x, y = _weather(N, seed=13210)
    x = x if broken else _standardize(x)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _chaotic_rnn(session, broken):
    keras = _keras()
    x, y = _wind(768 + PROBE_SIZE, seed=13211, length=40)
    recurrent = (keras.initializers.RandomNormal(stddev=1.0, seed=13211) if broken
                 else keras.initializers.Orthogonal(seed=13211))
    model = keras.Sequential([keras.Input((40, 1)),
                              keras.layers.SimpleRNN(48, recurrent_initializer=recurrent),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _keep_prob_dropout(session, broken):
    keras = _keras()
    x, y = _wind(768 + PROBE_SIZE, seed=13212)
    rate = 0.9 if broken else 0.1
    model = keras.Sequential([keras.Input((24, 1)), keras.layers.LSTM(32, dropout=rate),
                              keras.layers.Dropout(rate), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dropout(rate), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# ---------------------------------------------------------------------------------------------
# fishermen


@holdout132("fishermen", healthy=True)
def catch_weight_huber(session):
    """A co-operative regresses each boat's catch weight (standardized) from six columns of its
    fishing log with a 2x64 relu MLP, Huber loss, Adam 1e-3, 20 epochs. The scales on the quay
    are shared and misread at times: the noise is Student-t with 2 degrees of freedom, so the
    loss flattens well above zero, the Huber loss keeping the wild weighings from dominating."""
    keras = _keras()
    z, score = _trips(N, seed=13221)
    noise = _rng(13222).standard_t(2, size=len(score)) * 0.5
    weight = ((score + noise) / score.std()).astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), keras.losses.Huber(delta=1.0))
    return _fit(session, model, z, weight, epochs=20, batch_size=32)


@holdout132("fishermen", healthy=True)
def haul_counts_poisson(session):
    """Fish counted per haul (Poisson counts, mean 1 to 30 from the trip's conditions) fitted
    with a 2x32 relu MLP whose exponential output is a rate, Poisson loss, Adam 2e-3 with
    ReduceLROnPlateau (halves the rate after 2 flat epochs), 20 epochs. Keras's Poisson loss
    leaves out the log(y!) term, so it runs negative (to about -8); the counts' own Poisson
    scatter keeps it from going lower, and the curve levels off as the rate is cut."""
    keras = _keras()
    z, score = _trips(N, seed=13223)
    rate = np.exp(1.7 + 0.7 * score / score.std())
    counts = _rng(13224).poisson(rate).astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=2,
                                                min_delta=1e-3)
    return _fit(session, model, z, counts, epochs=20, batch_size=32, callbacks=[plateau])


@holdout132("fishermen", healthy=True)
def fish_finder_noisy_tally(session):
    """A fish-finder's echo traces (64 samples) classified into 4 species by a Conv1D net
    (16 and 32 filters, global max pooling), Adam 2e-3 halved every 4 epochs (step decay),
    16 epochs. The labels come from a hurried tally on deck: 20% are a random species, so the
    loss levels off near the noise floor, each drop of the rate giving a small last step down."""
    keras = _keras()
    x, y = _echoes(N, seed=13225, label_noise=0.2)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    decay = keras.callbacks.LearningRateScheduler(lambda epoch: 2e-3 * 0.5 ** (epoch // 4))
    return _fit(session, model, x, y, epochs=16, batch_size=32, callbacks=[decay])


@holdout132("fishermen", ["learning_rate_too_high"], stall_begins=80)  # approximate
def species_adam_rate_one(session):
    """The landed species (4 classes) predicted from six trip columns by a 2x64 relu MLP with
    Adam at learning_rate=1.0, copied from an Adadelta example where 1.0 is the customary
    rate (intended 1e-3). The first steps throw the weights far away; from about step 80 the
    loss bounces around 1.42, above the constant guess, while the intended rate reaches 0.74."""
    return _species_adam(session, broken=True)


@holdout132("fishermen", ["poor_initialization"], stall_begins=96)  # approximate
def catch_score_constant_kernels(session):
    """Custom GradientTape loop regressing the catch score with a 2x48 tanh MLP, RMSprop 1e-3,
    every kernel initialized with Constant(0.05) 'so that training starts small'. All hidden
    units of a layer start equal and receive equal gradients, so they stay equal: the net
    behaves as one unit per layer. It fits what that can by epoch 3 and stays at ~1.37
    (Glorot initialization: 0.68 and still falling)."""
    return _constant_kernels(session, broken=True)


@holdout132("fishermen", ["saturated_activations"], stall_begins=50)  # approximate
def species_tanh_mean_init(session):
    """The landed species from six trip columns with a 2x64 tanh MLP whose kernels use
    RandomNormal(0.5): the first positional argument is the mean, not the standard deviation.
    Every weight is ~0.5, so the second layer's inputs add up to +-32 and all its units are
    pinned at +1 or -1 together, carrying one bit. Adam 3e-3 creeps from 1.33 to 1.30 after
    step ~50; with stddev=0.5 the same net reaches 0.65."""
    return _tanh_saturated(session, broken=True)


# ---------------------------------------------------------------------------------------------
# miners


@holdout132("miners", healthy=True)
def core_photos_warmup_cosine(session):
    """Custom GradientTape loop classifying noisy drill-core photographs (16x16, 4 ore types
    by vein direction or nuggets) with a small CNN, Adam under a 64-step linear warm-up to
    3e-3 then cosine decay to zero over 12 epochs. The loss barely moves during the warm-up,
    falls fast once the rate is up, and flattens near 0.03 as the rate decays to zero."""
    keras = _keras()
    x, y = _cores(N, seed=13231, noise=1.2)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4),
    ])
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, decay_steps=12 * 32 - 64, warmup_target=3e-3, warmup_steps=64)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.Adam(schedule), loss, x, y,
                        epochs=12, batch_size=32, seed=13231)


@holdout132("miners", healthy=True)
def gas_leak_class_weight(session):
    """Gallery gas sensors (32 minutes, methane, CO, airflow): is a leak starting? Only 5% of
    the windows hold one; a GRU(16) with a sigmoid output, binary cross-entropy weighted 1:10
    with class_weight, Adam 2e-3, 12 epochs. The weighted loss starts high, drops as the leaks
    are learned, and is still coming down slowly at the end (0.05)."""
    keras = _keras()
    x, y = _gas(768 + PROBE_SIZE, seed=13232)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(16),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit_inputs(session, model, [x], y.astype("float32"), epochs=12, batch_size=32,
                       class_weight={0: 1.0, 1: 10.0})


@holdout132("miners", healthy=True)
def ore_grade_upper_quantile(session):
    """Assay table: the 90th percentile of log metal grade (g/t) from five drill-sample
    columns, for a conservative reserve estimate, with a 2x32 relu MLP under the pinball
    (quantile) loss, Adam 2e-3, 15 epochs. The grade's spread widens near the fault, so the
    quantile loss cannot go to zero; it flattens at the spread the data holds."""
    keras = _keras()
    z, grade = _assays(N, seed=13233)
    target = np.log(grade).astype("float32")[:, None]

    def pinball(y_true, y_pred, q=0.9):
        error = y_true - y_pred
        return keras.ops.mean(keras.ops.maximum(q * error, (q - 1.0) * error), axis=-1)

    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), pinball)
    return _fit(session, model, z, target, epochs=15, batch_size=32)


@holdout132("miners", ["insufficient_capacity"], stall_begins=220)  # approximate
def core_photos_pointwise_filters(session):
    """Drill-core photographs (4 ore types: horizontal, vertical, diagonal veins, nuggets)
    through a two-layer CNN written with kernel_size=1 (meant 3): each filter sees one pixel,
    so it can tell the bright nuggets apart but never a vein's direction. The loss falls to
    ~0.83 (ln 3 over three quarters of the data) and stays; with 3x3 kernels it goes to 0."""
    return _pointwise_filters(session, broken=True)


@holdout132("miners", ["non_finite_values"], stall_begins=BELOW_DETECTION_ROW // 32 + 1)
def assay_log_below_detection(session):
    """Log metal grade regressed from five drill-sample columns (2x32 relu MLP, MSE, Adam
    2e-3), read in file order. Three samples the lab reported 'below detection' are stored as
    0.0 and np.log turns them into -inf: the first reaches the model in step 17 and the loss
    and the weights are NaN from then on. With log(grade + 0.05) the loss reaches 0.24."""
    return _log_assay(session, broken=True)


@holdout132("miners", ["dead_relus"])
def geophone_negative_bias(session):
    """Geophone traces (64 samples) of 4 kinds of seismic event in a mine, classified by a
    Conv1D net whose conv layers use bias_initializer=Constant(-3.0), a 'sparse firing' trick
    copied from another model. With standardized traces almost no filter ever gets above zero,
    no gradient flows back, and the loss sits at ln 4 from the first step (0.17 with zero
    biases)."""
    return _negative_bias_sonar(session, broken=True)


# ---------------------------------------------------------------------------------------------
# translators


@holdout132("translators", healthy=True)
def register_bag_of_words_disputed(session):
    """A translation agency triages phrases into legal, medical or casual register: Embedding
    (60 words, 16 dims, masked padding), global average pooling, a relu layer and softmax,
    Adam 3e-3, 12 epochs. A quarter of the phrases were labelled by annotators who disagreed
    (random register), so the loss flattens near that noise floor rather than near zero."""
    keras = _keras()
    x, y = _phrases(N, seed=13241, noise=0.25)
    model = keras.Sequential([keras.Input((12,), dtype="int32"),
                              keras.layers.Embedding(60, 16, mask_zero=True),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout132("translators", healthy=True)
def small_glossary_memorized(session):
    """A small glossary: 192 labelled phrases only, Embedding + LSTM(32) + softmax over the 3
    registers, Adam 3e-3, 40 epochs of batch 16 (480 steps). The model is large for the data
    and memorizes it, 10% noisy labels included: the training loss goes down towards zero
    (0.01), with one brief bump of Adam on so few batches around epoch 17 (it overfits, which
    the training curve alone does not show as a problem)."""
    keras = _keras()
    x, y = _phrases(192 + PROBE_SIZE, seed=13242, noise=0.1)
    model = keras.Sequential([keras.Input((12,), dtype="int32"),
                              keras.layers.Embedding(60, 16, mask_zero=True),
                              keras.layers.LSTM(32), keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


@holdout132("translators", healthy=True)
def register_attention_patient_rate(session):
    """Register triage with Embedding, one MultiHeadAttention block with a residual, a relu
    projection, max pooling and softmax, trained with Adam at a cautious 3e-4 for 15 epochs.
    Nothing is wrong, the rate is just small: the loss comes down slowly and steadily and is
    still improving when the run ends."""
    keras = _keras()
    x, y = _phrases(N, seed=13243)
    tokens = keras.Input((12,), dtype="int32")
    h = keras.layers.Embedding(60, 16)(tokens)
    h = h + keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.GlobalMaxPooling1D()(keras.layers.Dense(32, activation="relu")(h))
    model = keras.Model(tokens, keras.layers.Dense(3, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(3e-4), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout132("translators", ["learning_rate_too_low"])
def register_gru_rate_divided(session):
    """Register triage with Embedding + GRU(24), Adam at 1e-3 / 1024: the rate was 'scaled
    for the batch size' by dividing by the data set size. The loss stays at ln 3 (1.0988) for
    all 10 epochs; at 1e-3 it falls to 0.15."""
    return _slow_gru(session, broken=True)


@holdout132("translators", ["vanishing_gradients"])
def opening_word_sigmoid_rnn(session):
    """The tone of 60-word sentences, decided by their first word, read by a SimpleRNN(32)
    given activation='sigmoid' (as for a gate). The sigmoid's slope is at most 1/4, so the
    signal of the first word fades over the 59 steps that follow; the loss stays near ln 2
    (0.68 at the end). With the default tanh the same RNN reaches 0.0004."""
    return _long_simplernn(session, broken=True)


@holdout132("translators", ["loss_activation_mismatch"], stall_begins=16)  # approximate
def register_attention_relu_output(session):
    """Register triage with an embedding + self-attention model whose 3-unit output layer
    was given activation='relu' and trained with sparse categorical cross-entropy, which
    expects probabilities. Within the first epoch the output units go to zero for every
    phrase and the loss is ln 3 (1.0986) to the end; with softmax the model reaches 0.12."""
    return _attention_relu_output(session, broken=True)


# ---------------------------------------------------------------------------------------------
# sailors


@holdout132("sailors", healthy=True)
def passage_hours_two_inputs(session):
    """A sailing school predicts passage time (standardized hours) from two inputs, the boat
    (hull length, sail area, crew) and the leg (distance, wind, wind angle), each through its
    own relu branch before a shared head; MSE, Adam with a PiecewiseConstantDecay (3e-3, 1e-3
    after 150 steps, 3e-4 after 300), 15 epochs. Squalls make the noise grow with the wind, so
    the loss flattens well above zero, with small steps down at the two rate changes."""
    keras = _keras()
    boat, leg, hours = _voyages(N, seed=13251)
    boat_in, leg_in = keras.Input((3,)), keras.Input((3,))
    a = keras.layers.Dense(16, activation="relu")(boat_in)
    b = keras.layers.Dense(32, activation="relu")(leg_in)
    h = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([a, b]))
    model = keras.Model([boat_in, leg_in], keras.layers.Dense(1)(h))
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([150, 300], [3e-3, 1e-3, 3e-4])
    model.compile(keras.optimizers.Adam(schedule), "mse")
    return _fit_inputs(session, model, [boat, leg], hours, epochs=15, batch_size=32)


@holdout132("sailors", healthy=True)
def wind_forecast_huber_loop(session):
    """Custom GradientTape loop forecasting the next anemometer reading from the last 24 with
    a GRU(24), Huber loss, Adam 3e-3, 12 epochs. The gusts are unforecastable noise, so the
    loss drops quickly to the gust level and stays there, a little lower each epoch."""
    keras = _keras()
    x, y = _wind(768 + PROBE_SIZE, seed=13252)
    model = keras.Sequential([keras.Input((24, 1)), keras.layers.GRU(24), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), keras.losses.Huber(),
                        x, y[:, None], epochs=12, batch_size=32, seed=13252)


@holdout132("sailors", healthy=True)
def signal_flags_first_last(session):
    """Signal-flag hoists of 10 flags (one-hot over 6 flags): do the first and the last flag
    match? An LSTM(32) with a sigmoid output, Adam 3e-3, 20 epochs. The answer needs the
    first flag carried over the whole hoist and compared: the loss sits at ln 2 for about
    four epochs (~130 steps) before the LSTM finds the way and drops, unevenly, to ~0.38."""
    keras = _keras()
    x, y = _flags(N, seed=13253)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(32),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x, y.astype("float32"), epochs=20, batch_size=32)


@holdout132("sailors", ["unnormalized_inputs"], stall_begins=50)  # approximate
def rough_crossing_raw_units(session):
    """Will a crossing be rough? A 2x32 relu MLP, Adam 1e-3, on the harbour master's records
    in raw units: pressure in Pa (~101300), fetch in metres (~60000), temperature in kelvin,
    wind in knots. The first layer's sums are in the tens of thousands; the loss drops from
    hundreds and then bounces around 80-230 without improving. Standardized: 0.19."""
    return _raw_weather(session, broken=True)


@holdout132("sailors", ["exploding_gradients", "saturated_activations"], stall_begins=100)
def wind_rnn_unit_normal_recurrence(session):
    """Wind forecasting over 40 readings with a tanh SimpleRNN(48) whose recurrent kernel is
    RandomNormal(stddev=1.0) (spectral radius ~7, meant ~1), SGD 0.01 with momentum 0.9 and no
    clipping. The first gradient norm is ~1e11: one step throws the recurrent weights so far
    that every unit is pinned at +-1 and the loss stays at ~0.17 from about step 100
    (approximate). With the default orthogonal recurrence: 0.094."""
    return _chaotic_rnn(session, broken=True)


@holdout132("sailors", ["over_regularization"], stall_begins=160)  # approximate
def wind_lstm_keep_prob_as_rate(session):
    """Wind forecasting with an LSTM(32) and a relu head where every dropout (the LSTM's input
    dropout and two Dropout layers) was set to 0.9, a TF1 keep_prob copied as Keras's rate:
    nine units in ten are dropped at every step. Adam 2e-3; the loss wanders around 1.25 from
    about step 160 while the same model with rate 0.1 reaches 0.25."""
    return _keep_prob_dropout(session, broken=True)
