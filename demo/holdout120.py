"""The hundred-and-twentieth held-out catalogue: written by someone who did not read the engine or
run the diagnosis on these runs, and scored once.

Four trades, six runs each, twelve healthy and twelve broken. Every data set is generated here from
its own seed (12001-12074); the last PROBE_SIZE rows of each are the probe.

Librarians (a branch library's circulation desk). Healthy: weekly loan counts with an exponential
output and the Poisson loss, flattening at the counts' own noise; overdue returns, a 5% positive
class trained with balanced class weights, descending slowly; genres from title tokens through an
embedding with a fifth of the books mis-shelved (label noise), memorized. Broken: a GRU genre
classifier at Adam 1e-6 (learning_rate_too_low); loan counts under the Poisson loss through a
sigmoid head copied from the overdue model, which cannot predict a rate above 1
(loss_activation_mismatch); a log-loans target made with np.log, so the titles of a late branch with
0 loans become -inf and the loss turns NaN at a known step (non_finite_values).

Curators (a museum's collections and visitor office). Healthy: daily visitors with heteroscedastic
noise under linear warm-up then cosine decay; catalogue-photo silhouettes with 10% wrong labels
under a PiecewiseConstantDecay; appraisals from a two-input model (numbers and an embedded artist
school) with the Huber loss over Student-t noise. Broken: raw accession columns (years, grams,
dollars, lux-hours) into a relu MLP (unnormalized_inputs); keras.layers.ReLU(threshold=6.0) written
for ReLU6 (dead_relus); L2(0.5) on every kernel of a small CNN, a 5e-4 weight decay misread
(over_regularization).

Restorers (a paintings conservation studio). Healthy: pigments from reflectance spectra with a
Conv1D net and ReduceLROnPlateau, a quarter of the samples mixtures, still descending slowly at the
end; craquelure from only 192 patches, which the CNN memorizes; a 90th-percentile (pinball)
regression of varnish thickness in a custom GradientTape loop. Broken: an LSTM with
bias_initializer=Constant(6.0) and unit_forget_bias=False, which pins every gate and the cell input
near 1, trained with SGD (saturated_activations); a Conv1D net whose kernels all start at
Constant(0.05), so no unit ever differs from its neighbours (poor_initialization); Conv2D(1, 3)
written as if 1 were the grayscale channel count, one filter per layer (insufficient_capacity).

Limnologists (a lake observatory's buoys and casts). Healthy: a GRU on buoy readings with target
noise under slow SGD, still improving at the end; a SimpleRNN that must find the first of 40
readings, which sits at ln 2 for about two epochs and then drops (a real plateau); a self-attention
block with the Huber loss over Student-t noise. Broken: a tanh SimpleRNN with orthogonal recurrent
gain 2.0 and SGD + momentum without clipnorm (exploding_gradients: the same run with clipnorm=1.0
learns); ten sigmoid Dense layers (vanishing_gradients); RMSprop at 0.3 for 3e-3 on a GRU
(learning_rate_too_high).

Each broken run was trained beside its repaired twin (the `broken` flag of its helper) with
Session(None) and compared on its per-step loss. Dropped or changed because they did not behave as
intended: a multi-label head with softmax under binary cross-entropy (Keras 3 trains it exactly like
the sigmoid head: identical losses); -inf in a log-loans *feature* (the loss stayed finite and only
crawled, and zeros occurred from the first batch); a SimpleRNN asked to remember the first of 40
readings as a vanishing-gradient case (it learned, after a plateau; it became the healthy plateau-
then-drop run, while the GRU meant as its fix did not learn in time); zero-padding after the
readings ahead of a SimpleRNN, 100 steps (it kept learning slowly); ten sigmoid Conv1D layers on the
spectra (the relu twin did not learn either); a tanh SimpleRNN without clipping at SGD 0.1 (NaN
within the first epoch) and at gain 1.5 (stalled for one initialization seed and learned for
another, so gain 2.0 was kept, which stalled for all three seeds tried); RMSprop at 0.1 (still
drifting down) for the too-high rate.

Labels: `expected_causes` holds the one root cause each broken run was built around. `stall_begins`
is the 0-based optimizer step from which the loss stops improving, None for "from the start". It is
exact for the NaN run (the batch that holds row 640, rows read in order, batch 32) and read off the
per-step loss (means over 16-step windows) for the others, which are marked approximate: the loss-
activation mismatch (~80), the raw columns (~64), the weight decay (~240), the saturated LSTM
(~130), the one-filter net (~224), the exploding RNN (~32), the sigmoid stack (~32, after the output
bias is fitted) and RMSprop at 0.3 (~64). The Adam 1e-6 GRU, the thresholded ReLUs and the constant
kernels are flat from the start.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('librarians', 'curators', 'restorers', 'limnologists')

REGISTRY = []
holdout120 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# helpers and data


def _rng(seed):
    return np.random.default_rng(seed)


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _fit_inputs(session, model, xs, y, *, epochs, batch_size, shuffle=True, callbacks=(),
                class_weight=None):
    """model.fit for a model with several inputs (a list of arrays); the last PROBE_SIZE rows
    of every array are the probe. Returns the per-epoch mean training loss."""
    train = [x[:-PROBE_SIZE] for x in xs]
    probe = ([x[-PROBE_SIZE:] for x in xs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        shuffle=shuffle, verbose=0, class_weight=class_weight,
                        callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


def _loan_records(n, seed):
    """A branch library's title records: 8 standardized features (copies held, weeks since
    acquisition, holds queue, season, ...) and the log of the weekly loan rate they imply."""
    r = _rng(seed)
    x = r.normal(size=(n, 8))
    log_rate = (0.7 * x[:, 0] - 0.5 * x[:, 1] + 0.4 * x[:, 2] * x[:, 3]
                + 0.3 * np.sin(2.0 * x[:, 4]) + 0.8)
    return x.astype("float32"), log_rate


def _title_tokens(n, seed, vocab=300, length=24, genres=4, flip=0.0):
    """Catalogue titles and blurbs as token ids: each genre favours its own 30 words among a
    common vocabulary; `flip` of the genre labels are mis-shelved (replaced at random)."""
    r = _rng(seed)
    y = r.integers(0, genres, size=n)
    common = r.integers(genres * 30, vocab, size=(n, length))
    own = y[:, None] * 30 + r.integers(0, 30, size=(n, length))
    tokens = np.where(r.random((n, length)) < 0.3, own, common)
    wrong = r.random(n) < flip
    y = np.where(wrong, r.integers(0, genres, size=n), y)
    return tokens.astype("int32"), y.astype("int32")


def _accessions(n, seed):
    """A museum's accession records in their units: acquisition year, weight in grams, height
    in cm, insured value in dollars, light exposure in lux-hours, condition (1-5)."""
    r = _rng(seed)
    z = r.normal(size=(n, 6))
    scale = np.array([80.0, 12000.0, 40.0, 2.5e5, 3.0e4, 1.0])
    offset = np.array([1850.0, 20000.0, 90.0, 4.0e5, 6.0e4, 3.0])
    raw = z * scale + offset
    risk = 1.2 * z[:, 0] * z[:, 4] - 0.9 * z[:, 1] + 0.8 * np.abs(z[:, 3]) - 0.6 * z[:, 5]
    y = (risk + 0.3 * r.normal(size=n) > 0.5).astype("int32")
    return z.astype("float32"), raw.astype("float32"), y


def _silhouettes(n, seed, size=12, noise=0.25, flip=0.0):
    """Catalogue photographs of objects reduced to silhouettes: vase (disc), sword
    (horizontal bar), column (vertical bar), cross; random position, pixel noise."""
    r = _rng(seed)
    y = r.integers(0, 4, size=n)
    x = r.normal(0.0, noise, size=(n, size, size, 1))
    rows, cols = np.mgrid[0:size, 0:size]
    for i in range(n):
        cy, cx = r.integers(3, size - 3, size=2)
        if y[i] == 0:
            mask = (rows - cy) ** 2 + (cols - cx) ** 2 <= 5
        elif y[i] == 1:
            mask = (np.abs(rows - cy) <= 0) & (np.abs(cols - cx) <= 3)
        elif y[i] == 2:
            mask = (np.abs(rows - cy) <= 3) & (np.abs(cols - cx) <= 0)
        else:
            mask = (((rows == cy) & (np.abs(cols - cx) <= 2))
                    | ((cols == cx) & (np.abs(rows - cy) <= 2)))
        x[i, mask, 0] += 1.0
    wrong = r.random(n) < flip
    y = np.where(wrong, r.integers(0, 4, size=n), y)
    return x.astype("float32"), y.astype("int32")


def _spectra(n, seed, length=64, pigments=5, mixed=0.0):
    """Reflectance spectra of paint samples: each pigment has two absorption bands at its own
    wavelengths, over a sloped baseline with noise; `mixed` of the samples hold a second
    pigment as strongly as the labelled one (an analyst cannot tell them apart either).
    Standardized per wavelength, as the lab's pipeline does."""
    r = _rng(seed)
    centers = r.uniform(6, length - 6, size=(pigments, 2))
    y = r.integers(0, pigments, size=n)
    grid = np.arange(length)[None, :]

    def bands(k):
        c = centers[k]
        return (np.exp(-((grid - c[:, 0:1]) ** 2) / 8.0)
                + 0.7 * np.exp(-((grid - c[:, 1:2]) ** 2) / 8.0))

    depth = bands(y)
    second = r.integers(0, pigments, size=n)
    depth = depth + (r.random(n) < mixed)[:, None] * bands(second)
    baseline = 0.6 + r.uniform(-0.2, 0.2, size=(n, 1)) * grid / length
    x = baseline - 0.3 * depth + r.normal(0.0, 0.05, size=(n, length))
    return _standardize(x)[..., None], y.astype("int32")


def _lake_series(n, seed, length=32):
    """Hourly buoy readings (water temperature, light, wind, oxygen) over `length` hours,
    standardized; the target is the next morning's dissolved-oxygen anomaly."""
    r = _rng(seed)
    t = np.arange(length)[None, :]
    phase = r.uniform(0, 2 * np.pi, size=(n, 1))
    amp = r.uniform(0.5, 1.5, size=(n, 1))
    temp = amp * np.sin(2 * np.pi * t / 24 + phase) + 0.3 * r.normal(size=(n, length))
    light = np.maximum(0.0, np.sin(2 * np.pi * t / 24 + phase - 0.5)) + 0.2 * r.normal(size=(n, 1))
    wind = np.cumsum(0.3 * r.normal(size=(n, length)), axis=1) / np.sqrt(length)
    oxygen = np.cumsum(0.2 * light - 0.1 * temp, axis=1) / 4.0
    x = np.stack([temp, light, wind, oxygen], axis=-1)
    y = (oxygen[:, -1] + 0.6 * np.tanh(wind[:, -8:].mean(axis=1)) - 0.4 * amp[:, 0]
         + 0.5 * light[:, -12:].mean(axis=1))
    y = (y - y.mean()) / y.std()
    return x.astype("float32"), y.astype("float32")


def _memory_series(n, seed, length=40):
    """A thermistor chain's readings after an ice-out event: only the first reading says
    whether the lake turned over (its sign); the rest is noise of the same size."""
    r = _rng(seed)
    x = r.normal(size=(n, length, 1))
    y = (x[:, 0, 0] > 0).astype("int32")
    return x.astype("float32"), y


# ---------------------------------------------------------------------------------------------
# broken runs, each trainable with the mistake (broken=True) or without it


def _genre_gru_rate(session, broken):
    keras = _keras()
    tokens, y = _title_tokens(N, seed=12001)
    model = keras.Sequential([
        keras.Input((tokens.shape[1],), dtype="int32"),
        keras.layers.Embedding(300, 16),
        keras.layers.GRU(24),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-6 if broken else 3e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, tokens, y, epochs=8, batch_size=32)


def _renewal_counts(session, broken):
    keras = _keras()
    x, log_rate = _loan_records(N, seed=12002)
    y = _rng(12003).poisson(np.exp(log_rate)).astype("float32")
    model = _mlp(keras, 8, [32, 32], 1, out_activation="sigmoid" if broken else "exponential")
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


LOG_ZERO_ROW = 640  # rows in date order; the new branch's titles (0 loans) start here


def _log_loans_target(session, broken):
    keras = _keras()
    x, log_rate = _loan_records(N, seed=12004)
    loans = 1.0 + _rng(12005).poisson(np.exp(log_rate + 1.0)).astype("float32")
    loans[LOG_ZERO_ROW:LOG_ZERO_ROW + 40] = 0.0
    y = (np.log(loans) if broken else np.log1p(loans)).astype("float32")
    model = _mlp(keras, 8, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32, shuffle=False)


def _raw_accessions(session, broken):
    keras = _keras()
    z, raw, y = _accessions(N, seed=12010)
    model = _mlp(keras, 6, [64, 64], 2)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, raw if broken else z, y, epochs=12, batch_size=32)


def _threshold_relu(session, broken):
    keras = _keras()
    z, _, y = _accessions(N, seed=12011)
    relu = dict(threshold=6.0) if broken else dict(max_value=6.0)
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(64), keras.layers.ReLU(**relu),
        keras.layers.Dense(64), keras.layers.ReLU(**relu),
        keras.layers.Dense(2, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, z, y, epochs=12, batch_size=32)


def _heavy_weight_decay(session, broken):
    keras = _keras()
    x, y = _silhouettes(N, seed=12012)
    reg = dict(kernel_regularizer=keras.regularizers.L2(0.5 if broken else 5e-4))
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", **reg),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", **reg),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(32, activation="relu", **reg),
        keras.layers.Dense(4, activation="softmax", **reg),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _studio_climate(n, seed, length=30):
    """A panel painting's studio log: relative humidity and temperature every hour; the target
    is the wood's moisture content, a slow weighted memory of the humidity."""
    r = _rng(seed)
    rh = np.cumsum(0.4 * r.normal(size=(n, length)), axis=1) / np.sqrt(length) * 2
    temp = 0.5 * r.normal(size=(n, length)) - 0.3 * rh
    weights = np.exp(-np.arange(length)[::-1] / 8.0)
    y = (rh * weights).sum(axis=1) / weights.sum() + 0.2 * temp[:, -6:].mean(axis=1)
    y = (y - y.mean()) / y.std()
    return np.stack([rh, temp], axis=-1).astype("float32"), y.astype("float32")


def _lstm_gate_bias(session, broken):
    keras = _keras()
    x, y = _studio_climate(N, seed=12020)
    if broken:
        lstm = keras.layers.LSTM(32, bias_initializer=keras.initializers.Constant(6.0),
                                 unit_forget_bias=False)
    else:
        lstm = keras.layers.LSTM(32)
    model = keras.Sequential([keras.Input(x.shape[1:]), lstm, keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _constant_kernels(session, broken):
    keras = _keras()
    x, y = _spectra(N, seed=12021)
    init = keras.initializers.Constant(0.05) if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", kernel_initializer=init),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", kernel_initializer=init),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(32, activation="relu", kernel_initializer=init),
        keras.layers.Dense(5, activation="softmax", kernel_initializer=init),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _one_filter(session, broken):
    keras = _keras()
    x, y = _silhouettes(N, seed=12022)
    filters = 1 if broken else 16
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(filters, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(filters, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-2), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _rnn_no_clipping(session, broken):
    keras = _keras()
    x, y = _lake_series(N, seed=12030, length=48)
    clip = {} if broken else dict(clipnorm=1.0)
    rnn = keras.layers.SimpleRNN(
        32, recurrent_initializer=keras.initializers.Orthogonal(gain=2.0, seed=12030))
    model = keras.Sequential([keras.Input(x.shape[1:]), rnn, keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9, **clip), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


def _rmsprop_rate(session, broken):
    keras = _keras()
    x, y = _lake_series(N, seed=12032)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(24),
                              keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.RMSprop(0.3 if broken else 3e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# ---------------------------------------------------------------------------------------------
# healthy helpers (trainable alone, to check them from their own loss curves)


def _weekly_loans(session):
    keras = _keras()
    x, log_rate = _loan_records(N, seed=12040)
    y = _rng(12041).poisson(np.exp(log_rate)).astype("float32")
    model = _mlp(keras, 8, [32, 32], 1, out_activation="exponential")
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _overdue_returns(session):
    keras = _keras()
    x, _ = _loan_records(N, seed=12042)
    r = _rng(12043)
    p = _sigmoid(-3.6 + 1.3 * x[:, 5] + 0.9 * x[:, 6] * x[:, 7])
    y = (r.random(N) < p).astype("int32")
    rate = y[:-PROBE_SIZE].mean()
    model = _mlp(keras, 8, [32, 32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    weights = {0: 0.5 / (1.0 - rate), 1: 0.5 / rate}
    (x_train, y_train) = (x[:-PROBE_SIZE], y[:-PROBE_SIZE])
    history = model.fit(x_train, y_train, epochs=15, batch_size=64, verbose=0,
                        class_weight=weights,
                        callbacks=session.callbacks((x[-PROBE_SIZE:], y[-PROBE_SIZE:])))
    return history.history["loss"]


def _mis_shelved_genres(session):
    keras = _keras()
    tokens, y = _title_tokens(N, seed=12044, flip=0.2)
    model = keras.Sequential([
        keras.Input((tokens.shape[1],), dtype="int32"),
        keras.layers.Embedding(300, 16),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, tokens, y, epochs=15, batch_size=32)


def _visitor_numbers(session):
    keras = _keras()
    r = _rng(12050)
    x = r.normal(size=(N, 6)).astype("float32")
    mean = 1.5 * np.tanh(x[:, 0]) + 0.8 * x[:, 1] * x[:, 2] - 0.5 * x[:, 3] ** 2
    noise = (0.3 + 0.6 * np.abs(x[:, 4])) * r.normal(size=N)
    y = (mean + noise).astype("float32")
    epochs, steps = 20, 32
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, decay_steps=epochs * steps - 64, warmup_target=3e-3, warmup_steps=64)
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(schedule), "mse")
    return _fit(session, model, x, y, epochs=epochs, batch_size=32)


def _catalogue_photos(session):
    keras = _keras()
    x, y = _silhouettes(N, seed=12051, flip=0.1)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([160, 256], [3e-3, 1e-3, 3e-4])
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _appraisals(session):
    keras = _keras()
    r = _rng(12052)
    numeric = r.normal(size=(N, 5)).astype("float32")
    school = r.integers(0, 12, size=N).astype("int32")
    school_effect = r.normal(0.0, 1.0, size=12)
    y = (school_effect[school] + 0.8 * numeric[:, 0] - 0.5 * numeric[:, 1] * numeric[:, 2]
         + 0.4 * r.standard_t(2, size=N)).astype("float32")
    num_in = keras.Input((5,))
    cat_in = keras.Input((1,), dtype="int32")
    emb = keras.layers.Flatten()(keras.layers.Embedding(12, 4)(cat_in))
    h = keras.layers.Concatenate()([num_in, emb])
    h = keras.layers.Dense(48, activation="relu")(h)
    h = keras.layers.Dense(24, activation="relu")(h)
    model = keras.Model([num_in, cat_in], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(delta=1.0))
    return _fit_inputs(session, model, [numeric, school[:, None]], y, epochs=15, batch_size=32)


def _pigment_spectra(session):
    keras = _keras()
    x, y = _spectra(N, seed=12060, mixed=0.25)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(5, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.3, patience=2,
                                                min_delta=0.01)
    return _fit(session, model, x, y, epochs=15, batch_size=32, callbacks=[plateau])


def _craquelure(n, seed, size=16):
    """Craquelure patches: cracks run along the grain (horizontal) or across a canvas weave
    (diagonal) in a panel painting; faint, broken, with grime noise."""
    r = _rng(seed)
    y = r.integers(0, 2, size=n)
    x = r.normal(0.0, 0.4, size=(n, size, size, 1))
    rows, cols = np.mgrid[0:size, 0:size]
    for i in range(n):
        for _ in range(2):
            a = r.integers(0, size)
            line = (rows == a) if y[i] == 0 else ((rows + cols) % size == a)
            x[i, line & (r.random((size, size)) < 0.6), 0] += 0.8
    return x.astype("float32"), y.astype("int32")


def _few_patches(session):
    keras = _keras()
    x, y = _craquelure(192 + PROBE_SIZE, seed=12061)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Flatten(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=30, batch_size=16)


def _varnish_quantile(session):
    keras = _keras()
    import tensorflow as tf

    r = _rng(12062)
    x = r.normal(size=(N, 4)).astype("float32")
    spread = 0.2 + 0.5 * _sigmoid(2.0 * x[:, 1])
    y = (np.sin(x[:, 0]) + 0.5 * x[:, 2] + spread * r.gumbel(size=N)).astype("float32")[:, None]

    def pinball(targets, predictions, q=0.9):
        error = targets - predictions
        return tf.reduce_mean(tf.maximum(q * error, (q - 1.0) * error))

    model = _mlp(keras, 4, [64, 64], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), pinball, x, y,
                        epochs=15, batch_size=32, seed=12062)


def _oxygen_slow(session):
    keras = _keras()
    x, y = _lake_series(N, seed=12070)
    y = (y + 0.5 * _rng(12071).normal(size=N)).astype("float32")
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(16),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.5), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _turnover_memory(session):
    keras = _keras()
    x, y = _memory_series(N, seed=12031, length=40)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.SimpleRNN(32),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _secchi_attention(session):
    keras = _keras()
    x, y = _lake_series(N, seed=12073, length=16)
    y = (y + 0.3 * _rng(12074).standard_t(3, size=N)).astype("float32")
    inputs = keras.Input(x.shape[1:])
    h = keras.layers.Dense(16)(inputs)
    h = keras.layers.LayerNormalization()(h + keras.layers.MultiHeadAttention(2, 8)(h, h))
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(16, activation="relu")(h)
    model = keras.Model(inputs, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(delta=0.5))
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _sigmoid_depth_stack(session, broken):
    keras = _keras()
    x, y = _lake_series(N, seed=12034)
    x = x.reshape(N, -1)
    act, init = ("sigmoid", "glorot_uniform") if broken else ("relu", "he_normal")
    model = _mlp(keras, x.shape[1], [32] * 10, 1, activation=act, out_activation=None,
                 kernel_initializer=init)
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# ---------------------------------------------------------------------------------------------
# librarians: a branch library's circulation desk


@holdout120("librarians", healthy=True)
def weekly_loans_poisson(session):
    """Weekly loans per title (counts, mean ~2.5) from 8 catalogue features, 2x32 relu MLP with an
    exponential output and the Poisson loss, Adam 2e-3: the loss flattens at the Poisson noise
    of the counts, far above zero, after a quick first descent."""
    return _weekly_loans(session)


@holdout120("librarians", healthy=True)
def overdue_rare_class(session):
    """Which loans come back overdue (about 5% of them), 2x32 relu MLP with a sigmoid output and
    binary cross-entropy, balanced class weights, Adam 1e-3, batch 64: the weighted loss falls
    slowly and steadily from 0.68 to ~0.45 and is still falling; much of it is irreducible."""
    return _overdue_returns(session)


@holdout120("librarians", healthy=True)
def mis_shelved_genres(session):
    """Genre from 24 title and blurb tokens, Embedding(300, 16) + average pooling + relu layer,
    Adam 3e-3; a fifth of the books carry a random genre label (mis-shelved): the loss falls
    fast to the noise floor, then keeps sinking slowly as the embedding memorizes them."""
    return _mis_shelved_genres(session)


@holdout120("librarians", ["learning_rate_too_low"])
def genre_gru_adam_1e6(session):
    """Genre from title tokens with an Embedding + GRU(24) classifier; Adam at 1e-6 (the
    fine-tuning rate of a pretrained recipe copied into a model trained from scratch; 3e-3
    takes the loss to ~0.006): the loss sits at ln 4 = 1.386 for all 8 epochs."""
    return _genre_gru_rate(session, broken=True)


@holdout120("librarians", ["loss_activation_mismatch"], stall_begins=80)  # approximate
def renewal_counts_sigmoid_head(session):
    """Weekly loan counts (mean ~2.5, up to 30) with the Poisson loss, but through a sigmoid
    output copied from the overdue classifier: the predicted rate cannot exceed 1, so the loss
    levels at ~1.0 after ~80 steps (an exponential output reaches about -2.65)."""
    return _renewal_counts(session, broken=True)


@holdout120("librarians", ["non_finite_values"], stall_begins=LOG_ZERO_ROW // 32)
def log_of_zero_loans(session):
    """Log-loans regression, 2x64 relu MLP, Adam 2e-3, rows in date order (no shuffle): the
    titles of a branch that opened late have 0 loans, and np.log instead of np.log1p turns
    their targets into -inf; from the batch holding row 640 the loss and weights are NaN."""
    return _log_loans_target(session, broken=True)


# ---------------------------------------------------------------------------------------------
# curators: a museum's collections and visitor office


@holdout120("curators", healthy=True)
def visitors_warmup_cosine(session):
    """Daily visitors (standardized) from 6 features, 2x64 relu MLP, MSE, Adam with 64 steps of
    linear warm-up to 3e-3 then cosine decay to 0; the noise grows with one feature
    (heteroscedastic), so the loss levels off near the noise variance as the rate decays."""
    return _visitor_numbers(session)


@holdout120("curators", healthy=True)
def photo_silhouettes_step_decay(session):
    """Catalogue-photo silhouettes (vase, sword, column, cross) with a small Conv2D net, Adam on
    a PiecewiseConstantDecay 3e-3 -> 1e-3 -> 3e-4 at steps 160 and 256; a tenth of the labels
    are wrong, so the loss drops in steps with the rate and rests above zero."""
    return _catalogue_photos(session)


@holdout120("curators", healthy=True)
def appraisal_two_inputs_huber(session):
    """Appraised value from 5 numeric features and the artist's school (an embedding), a
    two-input functional model trained with the Huber loss; the noise is Student-t with 2
    degrees of freedom, so the loss flattens at a heavy-tailed floor."""
    return _appraisals(session)


@holdout120("curators", ["unnormalized_inputs"], stall_begins=64)  # approximate
def raw_accession_columns(session):
    """Storage-risk classifier fed raw accession columns (year ~1850, grams ~2e4, dollars ~4e5,
    lux-hours ~6e4) into a 2x64 relu MLP, Adam 1e-3: the loss drops from ~1e4 and then bounces
    between ~150 and ~700 (standardized columns reach ~0.17)."""
    return _raw_accessions(session, broken=True)


@holdout120("curators", ["dead_relus"])
def relu_threshold_for_cap(session):
    """Storage-risk classifier, 2x64 Dense layers followed by keras.layers.ReLU(threshold=6.0):
    the author meant ReLU6 (max_value=6.0) and set the threshold below which units output 0,
    so almost every unit is 0 for every input and the loss stays at ~0.69 (ReLU6: ~0.17)."""
    return _threshold_relu(session, broken=True)


@holdout120("curators", ["over_regularization"], stall_begins=240)  # approximate
def conv_weight_decay_half(session):
    """Silhouette Conv2D classifier with kernel_regularizer=L2(0.5) on every layer (a weight
    decay of 5e-4 misread by three orders): the penalty falls for 8 epochs and the loss
    rests at ~1.40, chance level, where 5e-4 reaches ~0.04."""
    return _heavy_weight_decay(session, broken=True)


# ---------------------------------------------------------------------------------------------
# restorers: a paintings conservation studio


@holdout120("restorers", healthy=True)
def pigment_spectra_reduce_on_plateau(session):
    """Pigment from a 64-band reflectance spectrum with a Conv1D net, Adam 3e-3 with
    ReduceLROnPlateau on the training loss; a quarter of the samples hold a second pigment as
    strongly as the labelled one: a slow, steady descent still going at the end, far above
    zero."""
    return _pigment_spectra(session)


@holdout120("restorers", healthy=True)
def craquelure_few_patches(session):
    """Grain versus canvas craquelure from only 192 patches, a Conv2D net with a Flatten head,
    Adam 1e-3, batch 16, 30 epochs: a small data set that the model memorizes; the training
    loss creeps for a few epochs, then sinks toward zero and flattens at ~0.01."""
    return _few_patches(session)


@holdout120("restorers", healthy=True)
def varnish_quantile_custom_loop(session):
    """Custom GradientTape loop: the 90th percentile of a varnish layer's thickness from 4
    features, 2x64 relu MLP, pinball loss (q = 0.9), Adam 2e-3; the Gumbel noise widens with
    one feature, so the pinball loss flattens at the spread of the noise."""
    return _varnish_quantile(session)


@holdout120("restorers", ["saturated_activations"], stall_begins=130)  # approximate
def lstm_all_gate_bias_6(session):
    """Panel moisture from 30 hours of studio humidity and temperature, LSTM(32) with
    bias_initializer=Constant(6.0) and unit_forget_bias=False (meant for the forget gate, it
    sets every gate and the cell input to ~1), SGD 0.05 + momentum: the loss falls while the
    output layer fits, then rests at ~0.3-0.4; the default LSTM reaches ~0.001."""
    return _lstm_gate_bias(session, broken=True)


@holdout120("restorers", ["poor_initialization"])
def conv1d_constant_kernels(session):
    """Pigment spectra, Conv1D net whose every kernel starts at Constant(0.05): all filters and
    units are identical and stay identical, so the net acts as one filter wide and the loss
    stays at ~1.60 (ln 5), where Glorot initialization reaches ~0.27."""
    return _constant_kernels(session, broken=True)


@holdout120("restorers", ["insufficient_capacity"], stall_begins=224)  # approximate
def conv2d_one_filter(session):
    """Silhouettes with Conv2D(1, 3) twice: the author took the first argument for the number
    of input channels (grayscale), so each layer has one filter and the pooled feature is one
    number; the loss flattens at ~1.12 (16 filters: ~0.0005), Adam 1e-2."""
    return _one_filter(session, broken=True)


# ---------------------------------------------------------------------------------------------
# limnologists: a lake observatory's buoys and casts


@holdout120("limnologists", healthy=True)
def oxygen_gru_slow_sgd(session):
    """Next-morning oxygen anomaly from 32 hours of buoy readings, GRU(16), SGD 0.01 with
    momentum 0.5, with measurement noise of variance 0.25 on the target: the loss falls to ~0.35
    in three epochs, then creeps down (~0.002 an epoch) and is still improving at epoch 15."""
    return _oxygen_slow(session)


@holdout120("limnologists", healthy=True)
def turnover_memory_plateau_then_drop(session):
    """Whether the lake turned over, read from the first of 40 thermistor readings (the rest is
    noise), SimpleRNN(32), Adam 3e-3: the loss sits at ln 2 for about two epochs while the
    net finds the first reading, then drops and levels off."""
    return _turnover_memory(session)


@holdout120("limnologists", healthy=True)
def secchi_attention_huber(session):
    """Water clarity from 16 hours of readings with a self-attention block (2 heads, residual
    and LayerNormalization), Huber loss (delta 0.5), Adam 2e-3; Student-t noise on the target
    keeps the loss from going to zero."""
    return _secchi_attention(session)


@holdout120("limnologists", ["exploding_gradients"], stall_begins=32)  # approximate
def simple_rnn_gain_2_no_clipping(session):
    """Oxygen anomaly from 48 hours of buoy readings, tanh SimpleRNN(32) whose recurrent matrix
    starts orthogonal with gain 2.0 (an echo-state recipe), SGD 0.02 + momentum 0.9 and no
    clipnorm: the chaotic recurrence makes the gradients through time blow up, each update
    kicks the weights, and after the first epoch the loss bounces at 1.2-1.6, above the
    constant guess (1.0); the same net with clipnorm=1.0 reaches ~0.14."""
    return _rnn_no_clipping(session, broken=True)


@holdout120("limnologists", ["vanishing_gradients"], stall_begins=32)  # approximate
def ten_sigmoid_layers(session):
    """Oxygen anomaly from the flattened 32-hour record (128 inputs) through ten Dense(32)
    sigmoid layers, as in an old textbook recipe, SGD 0.02 + momentum: the gradient fades on
    its way down, the net only fits the output bias and the loss rests at ~1.0 (the variance);
    the same stack with relu and He initialization reaches ~0.02."""
    return _sigmoid_depth_stack(session, broken=True)


@holdout120("limnologists", ["learning_rate_too_high"], stall_begins=64)  # approximate
def gru_rmsprop_0_3(session):
    """Oxygen anomaly from buoy readings, GRU(24) + relu head, RMSprop at 0.3 (3e-3 with the
    exponent slipped): the first updates throw the loss to ~1e3, it falls back to ~1.0 (the
    constant guess) and bounces there; at 3e-3 the same model goes well below 0.1."""
    return _rmsprop_rate(session, broken=True)
