"""The hundred-and-nineteenth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades, six runs each, on synthetic data made here from seeds 11901..11937: weather
stations and barometers (meteorologists), ice cores, glacier melt and calving
(glaciologists), tremor, tilt and gas monitoring (volcanologists), glyphs, kerning and
ligatures (typesetters).

Healthy half (twelve runs, nothing to fix). Meteorologists: next-day rainfall with
Student-t gauge noise under a Huber loss; rare hail days (4%) with class_weight; a GRU
barometer forecast with per-trace noise levels under ReduceLROnPlateau. Glaciologists: a
Conv1D band counter with a fifth of the labels wrong under PiecewiseConstantDecay; 192
borehole logs memorized by a wide MLP (the loss slides towards zero); a custom-loop
Poisson regression of calving counts with an exponential output (Keras's Poisson loss is
negative here). Volcanologists: an LSTM tremor classifier under warm-up then cosine decay;
a custom-loop pinball (0.9 quantile) regression of skewed SO2 flux; a GRU that finds a
drowned inflation pulse anywhere in a noisy trace. Typesetters: an embedding + attention
ligature detector with 10% wrong proof marks; a glyph CNN under step decay, still
improving slowly at the end; a multi-input (two letter embeddings + font metrics) kerning
regression with designer-to-designer spread.

Broken half (twelve runs, one per cause, each compared with the same run without its
mistake). Meteorologists: station columns fed in raw units (Pa, K, %) to a relu MLP
(unnormalized_inputs); Adam at 0.3 for 3e-3 (learning_rate_too_high); a tanh SimpleRNN
whose recurrent kernel is Orthogonal(gain=4), SGD with momentum and no clipping: the
first gradients are ~1e5-1e6 in norm, the weights are thrown into the saturated, chaotic
regime and the loss is flat from then on (exploding_gradients). Glaciologists: an LSTM at
Adam 1e-6 (learning_rate_too_low); log() of a discharge logged as 0 on frozen days, read
in file order, so the loss turns inf then NaN at one batch and stays NaN
(non_finite_values); AdamW with weight_decay=20 (over_regularization). Volcanologists: a
12-layer sigmoid MLP under SGD (vanishing_gradients); a Conv1D whose biases start at -3
(dead_relus); a custom-loop tanh MLP initialized with stddev 5 under plain SGD, whose units
sit at +-1 with zero derivative (saturated_activations). Typesetters: a linear last layer
under categorical_crossentropy with from_logits=False (loss_activation_mismatch); a
one-unit linear hidden layer for six classes arranged around a circle
(insufficient_capacity); every kernel initialized to zeros in a relu CNN
(poor_initialization).

Dropped or changed because they did not behave as intended: log() of zero melt as an input
feature (the -inf stayed inside relus and the loss never became non-finite, so the log went
onto the target instead); a 1-unit relu bottleneck (the unit died: that is dead_relus, not
capacity), a 1-unit linear bottleneck and a 1-filter CNN on glyphs (both kept learning for
36 epochs: no stall), replaced by the circle-sectors task; Constant(0.05) kernels in the
glyph CNN (still improving slowly, replaced by zeros); a GRU meant to show a plateau before a
sudden drop (a pulse in the first samples of a 30-step trace: it never left ln 2 within the
budget, so the healthy run became the pulse-anywhere detector); a 40-epoch run of the
borehole MLP at Adam 2e-3 (its loss bounced up mid-run, shortened to 30 epochs at 1e-3).

Labels: `expected_causes` holds only the root cause each broken run was built around.
`stall_begins` is the 0-based optimizer step from which the loss stops improving, None for
"from the start". log_of_zero_discharge is exact (row 500 is in batch 15 of the file-order
pass). The others marked approximate were read off the per-step loss (smoothed over 16
steps) in a run without tb-plateau: raw_station_units ~48, storm_type_adam_03 ~96 (it
falls to ~0.5 and then climbs back towards ln 3), barometer_rnn_gain_4 ~48,
melt_adamw_decay_20 ~64, so2_tanh_init_stddev_5 ~128 (custom loop, read per epoch; it
still creeps down by ~0.5% an epoch), glyph_logits_into_probability_loss ~80 (bounces
between 1.5 and 7 after), typeface_contrast_one_unit ~200.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ('meteorologists', 'glaciologists', 'volcanologists', 'typesetters')

REGISTRY = []
holdout119 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data: four trades, each with its own generator and seed range 11900..11999


def _station_table(n, seed):
    """Six standardized station readings (pressure, temperature, humidity, wind, cloud, dew
    point) and tomorrow's rainfall in mm, a nonlinear function of them plus weather noise.

    Returns (z, rain, (scale, offset)): scale and offset turn z back into the logged units
    (hPa as Pa, kelvin, percent, m/s, oktas, kelvin)."""
    r = np.random.default_rng(seed)
    z = r.normal(0.0, 1.0, size=(n, 6))
    signal = (1.2 * z[:, 2] - 0.9 * z[:, 0] + 0.6 * z[:, 4] * z[:, 2]
              + 0.7 * np.tanh(2.0 * z[:, 3]) + 0.4 * z[:, 1] * z[:, 5])
    scale = np.array([900.0, 6.0, 15.0, 4.0, 2.0, 5.0])
    offset = np.array([101300.0, 288.0, 70.0, 6.0, 4.0, 282.0])
    return z.astype("float32"), signal.astype("float32"), (scale, offset)


def _pressure_series(n, seed, length=32):
    """Barometric traces (standardized) and the next reading: a damped oscillation whose
    frequency and damping vary per trace, with noise whose size depends on the trace."""
    r = np.random.default_rng(seed)
    t = np.arange(length + 1)
    freq = r.uniform(0.1, 0.5, size=(n, 1))
    phase = r.uniform(0, 2 * np.pi, size=(n, 1))
    amp = r.uniform(0.5, 1.5, size=(n, 1))
    wave = amp * np.sin(freq * t + phase)
    noise_scale = r.uniform(0.05, 0.6, size=(n, 1))
    series = wave + noise_scale * r.normal(size=(n, length + 1))
    x = series[:, :length, None].astype("float32")
    y = series[:, length].astype("float32")
    return x, y


def _ice_profiles(n, seed, length=64, noise=0.4):
    """Ice-core conductivity profiles: 3 classes by the number of annual bands (4, 6 or 8
    peaks over the core), with drift and measurement noise."""
    r = np.random.default_rng(seed)
    y = r.integers(0, 3, size=n)
    bands = np.array([4, 6, 8])[y][:, None]
    t = np.linspace(0, 1, length)[None, :]
    phase = r.uniform(0, 2 * np.pi, size=(n, 1))
    drift = r.normal(0, 0.5, size=(n, 1)) * t
    x = np.sin(2 * np.pi * bands * t + phase) + drift + noise * r.normal(size=(n, length))
    return x[:, :, None].astype("float32"), y.astype("int32")


def _glacier_table(n, seed):
    """Glacier-day table: 5 standardized drivers (air temperature, radiation, albedo, slope,
    debris cover) and a positive melt rate in mm w.e./day (zero on frozen days)."""
    r = np.random.default_rng(seed)
    z = r.normal(0.0, 1.0, size=(n, 5))
    energy = 1.1 * z[:, 0] + 0.8 * z[:, 1] - 0.6 * z[:, 2] + 0.3 * z[:, 3] * z[:, 1]
    melt = np.maximum(0.0, energy + 0.3 * r.normal(size=n) - 0.2) * 8.0
    return z.astype("float32"), melt.astype("float32")


def _tremor(n, seed, length=40, noise=0.5):
    """Seismic tremor windows, 2 channels: 4 classes (quiet, harmonic tremor, long-period
    event, volcano-tectonic burst), each a different envelope/frequency, plus noise."""
    r = np.random.default_rng(seed)
    y = r.integers(0, 4, size=n)
    t = np.linspace(0, 1, length)[None, :]
    onset = r.uniform(0.1, 0.5, size=(n, 1))
    phase = r.uniform(0, 2 * np.pi, size=(n, 1))
    env = np.where(t > onset, np.exp(-(t - onset) * 4.0), 0.0)
    sig = np.zeros((n, length))
    sig += (y == 1)[:, None] * 0.8 * np.sin(2 * np.pi * 6 * t + phase)
    sig += (y == 2)[:, None] * 1.5 * env * np.sin(2 * np.pi * 2 * t + phase)
    sig += (y == 3)[:, None] * 2.0 * env * np.sin(2 * np.pi * 12 * t + phase)
    ch2 = 0.5 * np.roll(sig, 3, axis=1)
    x = np.stack([sig, ch2], axis=-1) + noise * r.normal(size=(n, length, 2))
    return x.astype("float32"), y.astype("int32")


def _gas_table(n, seed):
    """Fumarole monitoring table: 8 standardized readings (CO2/SO2 ratio, H2S, temperature,
    uplift, tilt, seismic rate, ...) and an SO2 flux in kt/day with skewed, heavy noise."""
    r = np.random.default_rng(seed)
    z = r.normal(0.0, 1.0, size=(n, 8))
    signal = (1.0 * z[:, 0] + 0.8 * np.sin(1.5 * z[:, 1]) + 0.5 * z[:, 2] * z[:, 3]
              - 0.6 * np.abs(z[:, 4]) + 0.4 * z[:, 5])
    return z.astype("float32"), signal.astype("float32"), r


def _glyphs(n, seed, size=12, noise=0.25):
    """12x12 glyph images of 6 stroke shapes (|, -, /, \\, +, o) at random offsets, with ink
    noise; pixel values in [0, 1] as a scanner gives them."""
    r = np.random.default_rng(seed)
    y = r.integers(0, 6, size=n)
    img = np.zeros((n, size, size), dtype="float32")
    ii, jj = np.mgrid[0:size, 0:size]
    for k in range(n):
        dy, dx = r.integers(-2, 3, size=2)
        ci, cj = size // 2 + dy, size // 2 + dx
        a, b = ii - ci, jj - cj
        c = y[k]
        if c == 0:
            mask = (np.abs(b) <= 0) & (np.abs(a) <= 4)
        elif c == 1:
            mask = (np.abs(a) <= 0) & (np.abs(b) <= 4)
        elif c == 2:
            mask = (np.abs(a + b) <= 0) & (np.abs(a) <= 4)
        elif c == 3:
            mask = (np.abs(a - b) <= 0) & (np.abs(a) <= 4)
        elif c == 4:
            mask = ((a == 0) & (np.abs(b) <= 3)) | ((b == 0) & (np.abs(a) <= 3))
        else:
            rr = np.sqrt(a ** 2 + b ** 2)
            mask = np.abs(rr - 3.0) < 0.7
        img[k][mask] = 1.0
    img = np.clip(img + noise * r.normal(size=img.shape), 0.0, 1.0)
    return img[..., None].astype("float32"), y.astype("int32")


def _words(n, seed, length=12, vocab=28):
    """Token sequences of letters (ids 1..vocab-1): the label says whether a ligature pair
    ('f' followed by 'i', ids 6 then 9) appears in the line."""
    r = np.random.default_rng(seed)
    x = r.integers(1, vocab, size=(n, length))
    y = np.zeros(n, dtype="int32")
    for k in range(n):
        if r.random() < 0.5:
            p = r.integers(0, length - 1)
            x[k, p], x[k, p + 1] = 6, 9
        y[k] = int(any(x[k, p] == 6 and x[k, p + 1] == 9 for p in range(length - 1)))
    return x.astype("int32"), y


def _fit_many(session, model, xs, y, *, epochs, batch_size, class_weight=None, shuffle=True,
              callbacks=()):
    """model.fit for one input or a list of inputs, optionally with class_weight: the last
    PROBE_SIZE rows of every input are the probe. Returns the per-epoch mean training loss."""
    single = not isinstance(xs, (list, tuple))
    xs = [xs] if single else list(xs)
    train = [x[:-PROBE_SIZE] for x in xs]
    probe = [x[-PROBE_SIZE:] for x in xs]
    probe = (probe[0] if single else probe, y[-PROBE_SIZE:])
    history = model.fit(train[0] if single else train, y[:-PROBE_SIZE], epochs=epochs,
                        batch_size=batch_size, class_weight=class_weight, shuffle=shuffle,
                        verbose=0, callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# meteorologists


@holdout119("meteorologists", healthy=True)
def rainfall_heavy_tails(session):
    """Next-day rainfall from six standardized station readings, 2x64 relu MLP, Huber loss,
    Adam 2e-3. Rain gauges add Student-t (3 degrees of freedom) noise, so the loss levels off
    well above zero once the smooth part is learned."""
    keras = _keras()
    z, signal, _ = _station_table(N, seed=11901)
    r = np.random.default_rng(11902)
    rain = (signal + 0.8 * r.standard_t(3, size=len(signal))).astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(delta=1.0))
    return _fit(session, model, z, rain, epochs=15, batch_size=32)


@holdout119("meteorologists", healthy=True)
def hail_days_weighted(session):
    """Hail-day warning: about 4% of days have hail; a 32-16 relu MLP with a sigmoid output
    and binary cross-entropy, trained with class_weight {0: 1, 1: 10} and Adam 1e-3. The
    weighted loss stays well above zero because the rare days overlap the ordinary ones."""
    keras = _keras()
    z, signal, _ = _station_table(N, seed=11903)
    r = np.random.default_rng(11904)
    score = signal + 0.7 * r.normal(size=len(signal))
    y = (score > np.quantile(score, 0.96)).astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_many(session, model, z, y, epochs=15, batch_size=32,
                     class_weight={0: 1.0, 1: 10.0})


@holdout119("meteorologists", healthy=True)
def barometer_gru_plateau_schedule(session):
    """Next barometric reading from 32 past ones, GRU(24) + Dense(1), MSE, Adam 5e-3 with
    ReduceLROnPlateau(factor 0.3, patience 2). Each trace has its own noise level, so the
    loss settles at the average noise variance and the rate is cut in steps near the end."""
    keras = _keras()
    x, y = _pressure_series(768 + PROBE_SIZE, seed=11905)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(5e-3), "mse")
    cut = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.3, patience=2,
                                            min_delta=1e-3, verbose=0)
    return _fit(session, model, x, y, epochs=16, batch_size=32, callbacks=[cut])


def _raw_station_rain(session, broken):
    keras = _keras()
    z, signal, (scale, offset) = _station_table(N, seed=11906)
    y = (signal > 0.3).astype("int32")
    x = (z * scale + offset).astype("float32") if broken else z
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout119("meteorologists", ["unnormalized_inputs"], stall_begins=48)  # approximate
def raw_station_units(session):
    """Rain/no-rain tomorrow from the station log as written: pressure in Pa (~101300),
    temperatures in kelvin, humidity in percent, fed straight into a 2x32 relu MLP with Adam
    1e-3. The pressure column dominates every pre-activation; the same model on standardized
    columns learns the task."""
    return _raw_station_rain(session, broken=True)


def _storm_types_rate(session, broken):
    keras = _keras()
    z, signal, _ = _station_table(N, seed=11907)
    y = np.digitize(signal, np.quantile(signal, [1 / 3, 2 / 3])).astype("int32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    rate = 0.3 if broken else 3e-3
    model.compile(keras.optimizers.Adam(rate), "sparse_categorical_crossentropy")
    return _fit(session, model, z, y, epochs=12, batch_size=32)


@holdout119("meteorologists", ["learning_rate_too_high"], stall_begins=96)  # approximate
def storm_type_adam_03(session):
    """Three-way weather-regime classifier (dry, showers, storms), 2x64 relu MLP, Adam at
    learning_rate=0.3 where the config meant 3e-3: the loss jumps about at or above the
    constant-guess level instead of falling."""
    return _storm_types_rate(session, broken=True)


def _barometer_rnn_gain(session, broken):
    keras = _keras()
    x, y = _pressure_series(768 + PROBE_SIZE, seed=11908)
    gain = 4.0 if broken else 1.0
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.SimpleRNN(32, activation="tanh", recurrent_initializer=(
            keras.initializers.Orthogonal(gain=gain, seed=11908))),
        keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout119("meteorologists", ["exploding_gradients"], stall_begins=48)  # approximate
def barometer_rnn_gain_4(session):
    """Next barometric reading from 32 past ones with a tanh SimpleRNN(32) whose recurrent
    kernel is Orthogonal(gain=4.0) (a gain meant for the input kernel), SGD 0.02 with momentum
    0.9, no clipping: the backpropagated gradient grows through the 32 steps, updates are
    huge and the loss stays far above what gain 1.0 reaches."""
    return _barometer_rnn_gain(session, broken=True)


# ---------------------------------------------------------------------------------------------
# glaciologists


@holdout119("glaciologists", healthy=True)
def ice_core_noisy_labels_piecewise(session):
    """Counting annual bands in ice-core conductivity profiles (4, 6 or 8 per core) with a
    Conv1D(16, 5)-pool-Conv1D(16, 5)-global-pool CNN, Adam under PiecewiseConstantDecay
    (3e-3, then 1e-3 after step 200, 3e-4 after step 350). A fifth of the hand-dated cores
    carry a wrong count, so the loss flattens near the label-noise floor, stepping down at
    each boundary."""
    keras = _keras()
    x, y = _ice_profiles(N, seed=11911)
    r = np.random.default_rng(11912)
    flip = r.random(len(y)) < 0.2
    y = np.where(flip, r.integers(0, 3, size=len(y)), y).astype("int32")
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="softmax")])
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([200, 350], [3e-3, 1e-3, 3e-4])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout119("glaciologists", healthy=True)
def few_boreholes_overfit(session):
    """Only 192 borehole temperature logs (plus the probe): a 2x128 relu MLP regresses the
    basal melt rate with MSE and Adam 1e-3 for 30 epochs. The training loss keeps sliding
    towards zero as the net memorizes the few logs; nothing is wrong, the data is small."""
    keras = _keras()
    z, melt = _glacier_table(192 + PROBE_SIZE, seed=11913)
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, z, melt / 8.0, epochs=30, batch_size=16)


@holdout119("glaciologists", healthy=True)
def calving_counts_poisson_loop(session):
    """Custom GradientTape loop: daily iceberg-calving counts (Poisson, mean 0.2 to 12) from
    five glacier-front drivers, a 32-32 tanh MLP with an exponential output and Keras's
    Poisson loss, Adam 3e-3. The loss cannot fall below the level set by the counts' own
    randomness (Keras's Poisson loss drops the log(y!) term, so that level is negative);
    it falls fast and then creeps down towards it."""
    keras = _keras()
    z, _ = _glacier_table(N, seed=11914)
    r = np.random.default_rng(11915)
    rate = np.exp(0.8 * z[:, 0] + 0.5 * z[:, 1] - 0.4 * z[:, 3] * z[:, 4] + 0.5)
    counts = r.poisson(np.clip(rate, 0.2, 12.0)).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(1, activation="exponential")])
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), keras.losses.Poisson(),
                        z, counts, epochs=12, batch_size=32, seed=11915)


def _ice_lstm_rate(session, broken):
    keras = _keras()
    x, y = _ice_profiles(768 + PROBE_SIZE, seed=11916, length=48, noise=0.3)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(24),
                              keras.layers.Dense(3, activation="softmax")])
    rate = 1e-6 if broken else 1e-2
    model.compile(keras.optimizers.Adam(rate), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout119("glaciologists", ["learning_rate_too_low"], stall_begins=None)
def ice_core_lstm_rate_1e6(session):
    """Band counting in ice-core profiles with an LSTM(24), Adam at 1e-6: the rate was copied
    from a fine-tuning recipe (a units slip for 1e-2). The loss sits at ln 3 and creeps by
    thousandths per epoch."""
    return _ice_lstm_rate(session, broken=True)


MELT_ZERO_ROW = 500  # read in file order, batch 32: first NaN in step 15 (0-based)


def _log_melt(session, broken):
    keras = _keras()
    z, melt = _glacier_table(N, seed=11917)
    r = np.random.default_rng(11918)
    # Daily proglacial discharge in m^3/s; the gauge logs 0 on frozen days.
    discharge = np.where(melt > 0.0, 0.4 * melt + r.gamma(2.0, 0.3, size=len(melt)), 0.0)
    floor = 0.0 if broken else 0.05
    discharge[:MELT_ZERO_ROW] = np.maximum(discharge[:MELT_ZERO_ROW], 0.05)
    discharge[MELT_ZERO_ROW:] = np.maximum(discharge[MELT_ZERO_ROW:], floor)
    with np.errstate(divide="ignore"):
        target = np.log(discharge).astype("float32")
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(48, activation="relu"),
                              keras.layers.Dense(48, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, z, target, epochs=8, batch_size=32, shuffle=False)


@holdout119("glaciologists", ["non_finite_values"], stall_begins=MELT_ZERO_ROW // 32)
def log_of_zero_discharge(session):
    """Log-discharge regression of a proglacial stream from five glacier drivers, 2x48 relu
    MLP, MSE, Adam 2e-3. From row 500 on, frozen days were logged as 0 m^3/s instead of the
    gauge's 0.05 floor, so log() makes -inf targets. Read in file order (shuffle=False), the
    first such batch makes the loss infinite and the weights NaN, and every later epoch is
    NaN."""
    return _log_melt(session, broken=True)


def _melt_adamw(session, broken):
    keras = _keras()
    z, melt = _glacier_table(N, seed=11919)
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    decay = 20.0 if broken else 1e-4
    model.compile(keras.optimizers.AdamW(3e-3, weight_decay=decay), "mse")
    return _fit(session, model, z, melt / 8.0, epochs=12, batch_size=32)


@holdout119("glaciologists", ["over_regularization"], stall_begins=64)  # approximate
def melt_adamw_decay_20(session):
    """Glacier melt-rate regression, 2x64 relu MLP with AdamW(3e-3, weight_decay=20): the
    decay was read as an L2 'lambda' in a paper's units. Each step shrinks every weight by
    6%, so the net stays near a constant prediction; with weight_decay=1e-4 it fits."""
    return _melt_adamw(session, broken=True)


# ---------------------------------------------------------------------------------------------
# volcanologists


def _warmup_cosine(keras, peak, warmup, total):
    class WarmupCosine(keras.optimizers.schedules.LearningRateSchedule):
        def __call__(self, step):
            step = keras.ops.cast(step, "float32")
            ramp = peak * (step + 1.0) / warmup
            progress = keras.ops.clip((step - warmup) / (total - warmup), 0.0, 1.0)
            cosine = 0.5 * peak * (1.0 + keras.ops.cos(np.pi * progress))
            return keras.ops.where(step < warmup, ramp, cosine)

        def get_config(self):
            return {"peak": peak, "warmup": warmup, "total": total}

    return WarmupCosine()


@holdout119("volcanologists", healthy=True)
def tremor_lstm_warmup_cosine(session):
    """Classifying 40-sample, 2-channel tremor windows (quiet, harmonic tremor, long-period,
    volcano-tectonic) with an LSTM(24), Adam under a 60-step linear warm-up to 5e-3 then a
    cosine decay to 0 at the last step. The noisy windows keep the loss above zero and the
    decay flattens it at the end."""
    keras = _keras()
    x, y = _tremor(768 + PROBE_SIZE, seed=11921, noise=0.8)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(24),
                              keras.layers.Dense(4, activation="softmax")])
    schedule = _warmup_cosine(keras, 5e-3, 60, 12 * 24)
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout119("volcanologists", healthy=True)
def so2_flux_quantile_loop(session):
    """Custom GradientTape loop: the 90th percentile of SO2 flux from eight monitoring
    readings, 2x64 relu MLP, pinball (quantile 0.9) loss, Adam 2e-3. The flux noise is
    skewed (gamma), so the pinball loss flattens at a clearly positive level."""
    keras = _keras()
    z, signal, r = _gas_table(N, seed=11922)
    flux = (signal + r.gamma(1.5, 0.8, size=len(signal))).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])

    def pinball(y_true, y_pred, q=0.9):
        error = y_true - y_pred
        return keras.ops.mean(keras.ops.maximum(q * error, (q - 1.0) * error))

    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), pinball, z, flux,
                        epochs=12, batch_size=32, seed=11923)


def _pulse_anywhere(n, seed, length=30):
    """Noisy tilt-meter traces; in half of them an inflation pulse (+1.5 over 3 samples)
    sits at a random position. The label says whether the pulse is there."""
    r = np.random.default_rng(seed)
    y = r.integers(0, 2, size=n)
    x = r.normal(0.0, 1.0, size=(n, length, 1))
    start = r.integers(0, length - 3, size=n)
    for k in np.flatnonzero(y):
        x[k, start[k] : start[k] + 3, 0] += 1.5
    return x.astype("float32"), y.astype("int32")


@holdout119("volcanologists", healthy=True)
def inflation_pulse_gru(session):
    """Whether an inflation pulse (3 samples, +1.5 sigma) hides anywhere in a 30-sample
    noisy tilt trace, GRU(16), Adam 1e-2. Some pulses are drowned by the noise, so the loss
    falls and then flattens well above zero: the detectable part is learned."""
    keras = _keras()
    x, y = _pulse_anywhere(N, seed=11924)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(16),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-2), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _deep_sigmoid_gas(session, broken):
    keras = _keras()
    z, signal, _ = _gas_table(N, seed=11925)
    y = np.digitize(signal, np.quantile(signal, [0.25, 0.5, 0.75])).astype("int32")
    activation = "sigmoid" if broken else "relu"
    init = "glorot_uniform" if broken else "he_normal"
    layers = [keras.Input((8,))]
    layers += [keras.layers.Dense(32, activation=activation, kernel_initializer=init)
               for _ in range(12)]
    layers.append(keras.layers.Dense(4, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, z, y, epochs=12, batch_size=32)


@holdout119("volcanologists", ["vanishing_gradients"], stall_begins=None)
def alert_level_deep_sigmoid(session):
    """Four-level volcano alert from eight gas and deformation readings, a 12-layer
    sigmoid MLP (32 units each, Glorot init) copied from an old textbook, SGD 0.02 with
    momentum: the gradient shrinks at every sigmoid layer, the lower layers never learn and
    the loss stays at ln 4. The same stack with relu and He init learns."""
    return _deep_sigmoid_gas(session, broken=True)


def _dead_conv_tremor(session, broken):
    keras = _keras()
    x, y = _tremor(N, seed=11926)
    bias = keras.initializers.Constant(-3.0 if broken else 0.0)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout119("volcanologists", ["dead_relus"], stall_begins=None)
def tremor_conv_bias_minus3(session):
    """Tremor-type classifier, Conv1D(16, 5)-pool-Conv1D(16, 5)-global-max CNN with relu,
    SGD 0.05 + momentum; both conv layers got bias_initializer=Constant(-3.0) from a
    sparse-coding recipe. With inputs of unit scale almost no filter ever fires, no gradient
    reaches them, and the loss stays at the class prior."""
    return _dead_conv_tremor(session, broken=True)


def _saturated_gas_loop(session, broken):
    keras = _keras()
    z, signal, r = _gas_table(N, seed=11927)
    flux = (signal + 0.3 * r.normal(size=len(signal))).astype("float32")[:, None]
    init = (keras.initializers.RandomNormal(stddev=5.0, seed=11927) if broken
            else keras.initializers.GlorotUniform(seed=11927))
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(32, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(32, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.SGD(0.01),
                        keras.losses.MeanSquaredError(), z, flux, epochs=12, batch_size=32,
                        seed=11928)


@holdout119("volcanologists", ["saturated_activations"], stall_begins=128)  # approximate
def so2_tanh_init_stddev_5(session):
    """Custom loop, SO2 flux regression with a 32-32 tanh MLP whose kernels were initialized
    RandomNormal(stddev=5.0) (meant 0.05), plain SGD 0.01. Pre-activations are tens of units
    wide, every tanh sits at +-1 with a zero derivative, so only the output layer learns
    and the loss levels off far above the Glorot-initialized net's."""
    return _saturated_gas_loop(session, broken=True)


# ---------------------------------------------------------------------------------------------
# typesetters


@holdout119("typesetters", healthy=True)
def ligature_attention_noisy_proof(session):
    """Does a line of type need the 'fi' ligature? Letters as Embedding(28, 16), one
    MultiHeadAttention(2 heads) block with a residual, global pooling and a sigmoid output,
    binary cross-entropy, Adam 3e-3. A tenth of the proofreaders' marks are wrong, so the
    loss flattens near the label-noise floor."""
    keras = _keras()
    x, y = _words(N, seed=11931)
    r = np.random.default_rng(11932)
    y = np.where(r.random(len(y)) < 0.1, 1 - y, y).astype("float32")
    tokens = keras.Input((x.shape[1],), dtype="int32")
    h = keras.layers.Embedding(28, 16)(tokens)
    h = h + keras.layers.MultiHeadAttention(2, 8)(h, h)
    h = keras.layers.Conv1D(16, 2, activation="relu")(h)
    h = keras.layers.GlobalMaxPooling1D()(h)
    out = keras.layers.Dense(1, activation="sigmoid")(h)
    model = keras.Model(tokens, out)
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout119("typesetters", healthy=True)
def glyph_cnn_step_decay(session):
    """Sorting scanned 12x12 glyph strokes (|, -, /, \\, +, o) with a small Conv2D CNN, SGD
    0.03 with momentum 0.9 halved every 4 epochs by a LearningRateScheduler. Heavy ink noise
    keeps the loss from reaching zero; it falls in steps and is still improving slowly at
    the end."""
    keras = _keras()
    x, y = _glyphs(N, seed=11933, noise=0.45)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(6, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.03, momentum=0.9), "sparse_categorical_crossentropy")
    step = keras.callbacks.LearningRateScheduler(lambda epoch, lr: 0.03 * 0.5 ** (epoch // 4))
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[step])


@holdout119("typesetters", healthy=True)
def kerning_two_inputs(session):
    """Kerning (in 1/1000 em, standardized) for a letter pair: a two-input model, one
    Embedding(28, 8) per letter of the pair plus four font metrics through a Dense layer,
    concatenated into a 64-unit relu layer, MSE, Adam 3e-3. Designers' hand kerning varies
    from font to font, so the loss settles at that spread."""
    keras = _keras()
    r = np.random.default_rng(11934)
    pairs = r.integers(1, 28, size=(N, 2)).astype("int32")
    metrics = r.normal(size=(N, 4)).astype("float32")
    shape = r.normal(size=(28, 2))
    kern = (shape[pairs[:, 0], 0] * shape[pairs[:, 1], 1] + 0.5 * metrics[:, 0]
            - 0.3 * metrics[:, 1] * shape[pairs[:, 1], 0] + 0.4 * r.normal(size=N))
    kern = ((kern - kern.mean()) / kern.std()).astype("float32")
    left = keras.Input((1,), dtype="int32")
    right = keras.Input((1,), dtype="int32")
    font = keras.Input((4,))
    embed = [keras.layers.Flatten()(keras.layers.Embedding(28, 8)(t)) for t in (left, right)]
    h = keras.layers.Concatenate()(embed + [keras.layers.Dense(16, activation="relu")(font)])
    h = keras.layers.Dense(64, activation="relu")(h)
    model = keras.Model([left, right, font], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit_many(session, model, [pairs[:, :1], pairs[:, 1:], metrics], kern,
                     epochs=15, batch_size=32)


def _glyph_linear_cce(session, broken):
    keras = _keras()
    x, y = _glyphs(N, seed=11935)
    one_hot = np.eye(6, dtype="float32")[y]
    model = keras.Sequential([
        keras.Input(x.shape[1:]), keras.layers.Flatten(),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(6, activation=None if broken else "softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "categorical_crossentropy")
    return _fit(session, model, x, one_hot, epochs=12, batch_size=32)


@holdout119("typesetters", ["loss_activation_mismatch"], stall_begins=80)  # approximate
def glyph_logits_into_probability_loss(session):
    """Glyph classifier (flatten, Dense 64 relu, Dense 6) whose last layer has no activation,
    compiled with loss='categorical_crossentropy' (which expects probabilities, from_logits
    defaults to False). The raw outputs, some negative, are normalized and clipped as if
    they were probabilities; the loss stalls far above the softmax version's."""
    return _glyph_linear_cce(session, broken=True)


def _glyph_bottleneck(session, broken):
    keras = _keras()
    r = np.random.default_rng(11936)
    metrics = r.normal(size=(N, 4)).astype("float32")
    # The six stroke-contrast classes are sectors of the (stem width, hairline width) plane.
    angle = np.arctan2(metrics[:, 1], metrics[:, 0]) + 0.15 * r.normal(size=N)
    y = (np.floor((angle + np.pi) / (2 * np.pi / 6)) % 6).astype("int32")
    hidden = keras.layers.Dense(1) if broken else keras.layers.Dense(32, activation="relu")
    model = keras.Sequential([keras.Input((4,)), hidden,
                              keras.layers.Dense(6, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-2), "sparse_categorical_crossentropy")
    return _fit(session, model, metrics, y, epochs=12, batch_size=32)


@holdout119("typesetters", ["insufficient_capacity"], stall_begins=200)  # approximate
def typeface_contrast_one_unit(session):
    """Assigning a typeface to one of six contrast classes from four font metrics (the
    classes are sectors around the origin of the stem/hairline plane), with a hidden
    Dense(n_hidden) where n_hidden was set to 1: a single linear number cannot separate
    sectors of a circle, so the loss falls quickly to what it allows and levels off high;
    with 32 relu units the same training separates them."""
    return _glyph_bottleneck(session, broken=True)


def _glyph_zeros_init(session, broken):
    keras = _keras()
    x, y = _glyphs(N, seed=11937)
    init = "zeros" if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu", kernel_initializer=init),
        keras.layers.Dense(6, activation="softmax", kernel_initializer=init)])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout119("typesetters", ["poor_initialization"], stall_begins=None)
def glyph_cnn_zeros_init(session):
    """Glyph CNN (two relu Conv2D, a relu Dense 32, softmax) whose every kernel was given
    kernel_initializer='zeros' (the bias default pasted into the kernel argument): every
    relu outputs 0 with zero gradient, only the output bias learns the class prior, and
    the loss sits at ln 6 for the whole run."""
    return _glyph_zeros_init(session, broken=True)
