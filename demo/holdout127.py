"""The hundred-and-twenty-seventh held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades, six runs each, half healthy and half broken. Caddies: a golf shot's carry, the club
handed over, whether a putt drops, whether an approach finds the green. Jockeys: finishing
times, the finishing kick from sectional speeds, horse and rider ids, form guides and riding
styles. Blacksmiths: flaws per blade, quench temperature traces, batch records and steel
grades. Electricians: clamp-meter fault captures, building load forecasts, smart-meter windows,
harmonic distortion and panel power logs. All data is synthetic, from seeds 12701..12735.

Healthy but imperfect (12): a carry model whose gusts add noise growing with the wind (MSE
flattens near 0.15); a club chooser with a quarter of its labels random under a step decay
(SGD, rate / 5 every 8 epochs); rare holed putts (~7%) with class_weight; finishing times with
Student-t noise under a Huber loss; a GRU on sectionals with ReduceLROnPlateau; a two-input model
with horse and jockey embeddings on a lottery-like outcome (flattens near 0.45); flaw counts
with a Poisson loss and exponential output; a Conv1D quench classifier under warm-up then cosine
decay; 200 smithy records memorized by a wide MLP (loss still falling toward zero); a Conv1D
fault classifier under PiecewiseConstantDecay; a custom GradientTape loop with an LSTM and a
pinball (0.9 quantile) loss on skewed, heteroscedastic load; and a self-attention model whose
loss sits at ln 4 for about six epochs and then drops (a real plateau before a sudden drop,
still improving at the end).

Broken (12, one per cause), each checked against the same run with the mistake fixed (final
epoch loss broken vs fixed): SGD+momentum at 3.0 copied from a linear-model tutorial on the
club chooser (bounces near 2.0 vs 0.27); the carry model's tanh MLP fed raw yardage-book columns
(spin in rpm pins every unit; 0.7-0.9 vs 0.006); a softmax regression with no hidden layer on a
ring-shaped green (0.69 vs 0.08); a 10-layer sigmoid MLP (1.11 vs 0.14 with relu/he_normal); a
tanh SimpleRNN with recurrent Orthogonal(gain=3), no clipping, gradients ~1e5 (0.68 vs 0.31); a
relu MLP with Constant(0.05) kernels, every unit identical (1.05 vs 0.28); a tanh MLP drawn from
RandomNormal(stddev=3.0), every unit at +-1 (1.28 vs 0.76); Conv1D relu layers with bias -3
(ln 3 flat vs 0.004); L2(1.0) for a meant 1e-4 on a Conv1D net (1.10 vs 0.01); a Dense(1,
softmax) regression head under MSE (a constant 2.05 vs 0.035); RMSprop at 1e-6 in a custom loop
on an LSTM (0.842 vs 0.065); log power with two tripped circuits logged as 0 W, so the target is
-inf and the loss NaN from step 9 to the end of 8 epochs. Keras initializers are left unseeded
(as most users leave them), so the final losses quoted here vary a little from run to run.

Dropped or changed because they did not behave as intended: a Dense(1, activation='softmax')
head under binary cross-entropy (Keras trains it anyway, the loss fell like the fixed one);
inf features from volts / 0 amps (relu turned the NaN first layer into zeros, so the loss stayed
finite, not the NaN this cause was meant to show; moved the non-finite value into the target);
a 256-256-16 sigmoid net with RandomNormal(stddev=1.0) for saturation (it still learned, better
than its glorot twin under SGD; replaced by the tanh bottleneck with stddev 3.0); relu SimpleRNN
gain 3 at SGD 0.02 (the fixed run failed too; rate lowered to 0.005); a 12-layer relu twin for
the vanishing run (glorot relu at that depth failed too; he_normal, 10 layers); a raw-input relu
carry model (it kept improving slowly rather than stalling; tanh pins). The attention control
was first trained with SGD and no position code and never left ln 4, so it was given both.

Labels: `expected_causes` holds the one root cause each broken run was built around.
`stall_begins` is a 0-based optimizer step (batches over the whole run), None for "from the
start". The NaN run's step is exact (row 300 in file order, batch 32: step 9). Those marked
approximate were read off the epoch losses, where the broken loss stops improving: the
exploding RNN (step 72, epoch 3 of 24-step epochs), the constant-init MLP (160), the saturated
tanh MLP (64; it creeps slowly after), the L2 run (256, once the penalty has crushed the
kernels).
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('caddies', 'jockeys', 'blacksmiths', 'electricians')
REGISTRY = []
holdout127 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data: one trade per family


def _golf_shots(n, seed):
    """A caddie's yardage book: swing speed (mph), launch angle (deg), spin (rpm), wind (mph,
    + is helping), elevation change (ft) in raw units, and the carry in yards."""
    r = np.random.default_rng(seed)
    speed = r.uniform(70.0, 120.0, n)
    launch = r.uniform(8.0, 20.0, n)
    spin = r.uniform(2000.0, 8000.0, n)
    wind = r.uniform(-15.0, 15.0, n)
    elevation = r.uniform(-30.0, 30.0, n)
    best_launch = 22.0 - speed / 10.0
    carry = (2.3 * speed - 0.35 * (launch - best_launch) ** 2 - 0.004 * (spin - 4000.0)
             - 4e-7 * (spin - 4000.0) ** 2 + 0.9 * wind * (1.0 + speed / 200.0)
             - elevation / 3.0)
    raw = np.stack([speed, launch, spin, wind, elevation], axis=1).astype("float32")
    return raw, carry.astype("float32")


def _carry_target(carry):
    return ((carry - carry.mean()) / carry.std()).astype("float32")


def _club_choice(n, seed, noise_rate=0.0):
    """Which of 6 clubs a caddie hands over, from distance to pin, lie, wind and slope
    (standardized); a fraction `noise_rate` of the labels are the player's own whims."""
    r = np.random.default_rng(seed)
    x = r.normal(0.0, 1.0, (n, 4)).astype("float32")
    effective = x[:, 0] + 0.4 * x[:, 1] - 0.5 * x[:, 2] + 0.3 * np.tanh(2 * x[:, 3]) * x[:, 0]
    y = np.digitize(effective, np.quantile(effective, [1 / 6, 2 / 6, 3 / 6, 4 / 6, 5 / 6]))
    flip = r.random(n) < noise_rate
    y[flip] = r.integers(0, 6, flip.sum())
    return x, y.astype("int32")


def _race_splits(n, seed, length=30):
    """A jockey's race: `length` standardized sectional speeds (pace, then the push), and the
    horse's finishing kick, which depends on how much was saved early."""
    r = np.random.default_rng(seed)
    t = np.linspace(0.0, 1.0, length)
    stamina = r.normal(0.0, 1.0, (n, 1))
    pace = r.normal(0.0, 1.0, (n, 1))
    speeds = pace * (1.0 - t) + stamina * t ** 2 + 0.3 * r.normal(0.0, 1.0, (n, length))
    kick = np.tanh(stamina[:, 0] - 0.7 * pace[:, 0]) + 0.5 * pace[:, 0] * stamina[:, 0]
    kick = kick + 0.1 * r.normal(0.0, 1.0, n)
    kick = (kick - kick.mean()) / kick.std()
    return speeds[..., None].astype("float32"), kick.astype("float32")


def _forge_traces(n, seed, length=48):
    """A blacksmith's quench log: the blade's temperature trace over `length` ticks
    (standardized) and whether the blade came out hardened, soft, or cracked (3 classes)."""
    r = np.random.default_rng(seed)
    t = np.linspace(0.0, 1.0, length)
    y = r.integers(0, 3, n)
    rate = np.array([4.0, 1.5, 9.0])[y] * r.uniform(0.8, 1.2, n)
    start = r.uniform(0.8, 1.0, n)
    trace = start[:, None] * np.exp(-rate[:, None] * t)
    ripple = (y == 2)[:, None] * 0.08 * np.sin(40.0 * t + r.uniform(0, 6, (n, 1)))
    trace = trace + ripple + 0.04 * r.normal(0.0, 1.0, (n, length))
    trace = (trace - trace.mean()) / trace.std()
    return trace[..., None].astype("float32"), y.astype("int32")


def _steel_table(n, seed):
    """A smithy's batch records: carbon %, quench temperature, tempering time, hammer blows,
    coal grade, ambient humidity, quench oil age, blade length (standardized), and a steel
    grade 0..3 that depends on them nonlinearly."""
    r = np.random.default_rng(seed)
    x = r.normal(0.0, 1.0, (n, 8)).astype("float32")
    score = (np.sin(1.5 * x[:, 0]) + x[:, 1] * x[:, 2] - 0.6 * x[:, 3] ** 2
             + 0.5 * np.abs(x[:, 4]) + 0.3 * x[:, 5])
    y = np.digitize(score, np.quantile(score, [0.25, 0.5, 0.75]))
    return x, y.astype("int32")


def _waveforms(n, seed, length=64, classes=4):
    """An electrician's clamp-meter capture: `length` samples of a line current and the fault
    it shows (0 healthy, 1 harmonic distortion, 2 intermittent arc, 3 sag)."""
    r = np.random.default_rng(seed)
    t = np.linspace(0.0, 4 * np.pi, length)
    y = r.integers(0, classes, n)
    phase = r.uniform(0, 2 * np.pi, (n, 1))
    wave = np.sin(t + phase)
    wave = wave + (y == 1)[:, None] * 0.35 * np.sin(3 * t + 3 * phase)
    spikes = (r.random((n, length)) < 0.06) * r.normal(0.0, 1.5, (n, length))
    wave = wave + (y == 2)[:, None] * spikes
    start = r.integers(8, length - 24, (n, 1))
    idx = np.arange(length)[None, :]
    sag = (idx >= start) & (idx < start + 16)
    wave = wave * np.where((y == 3)[:, None] & sag, 0.5, 1.0)
    wave = wave + 0.15 * r.normal(0.0, 1.0, (n, length))
    return wave[..., None].astype("float32"), y.astype("int32")


def _load_series(n, seed, length=24):
    """A building's hourly load (standardized) over a day, and the next hour's load, whose
    noise grows with the load (heteroscedastic, right-skewed)."""
    r = np.random.default_rng(seed)
    t = np.arange(length + 1)
    base = r.uniform(0.5, 1.5, (n, 1))
    offset = r.integers(0, 24, (n, 1))
    daily = base * (1.0 + 0.6 * np.sin(2 * np.pi * (t + offset) / 24.0))
    noise = r.gamma(2.0, 0.08, (n, length + 1)) * daily
    series = daily + noise
    series = (series - series[:, :-1].mean()) / series[:, :-1].std()
    return series[:, :-1, None].astype("float32"), series[:, -1].astype("float32")


# ---------------------------------------------------------------------------------------------
# caddies


@holdout127("caddies", healthy=True)
def carry_with_gusts(session):
    """A caddie's carry-distance model: five standardized shot measurements (swing speed,
    launch, spin, wind, elevation) regressed to the carry in standard units by a 2x64 relu MLP
    with Adam 2e-3 and MSE. Gusts add noise whose size grows with the wind, so the loss
    flattens at the noise floor (about 0.2) rather than near zero."""
    keras = _keras()
    raw, carry = _golf_shots(N, seed=12701)
    r = np.random.default_rng(12702)
    carry = carry + r.normal(0.0, 1.0, N) * (3.0 + 1.5 * np.abs(raw[:, 3]))
    model = _mlp(keras, 5, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, _standardize(raw), _carry_target(carry), epochs=20,
                batch_size=32)


@holdout127("caddies", healthy=True)
def club_choice_step_decay(session):
    """Which of six clubs the caddie hands over, from four standardized readings, with a quarter
    of the labels being the player's own whims (label noise). A 2x64 relu MLP, SGD 0.1 with
    momentum 0.9, and a step schedule that divides the rate by 5 every 8 epochs: the loss falls
    in steps and levels off far above zero, where the noisy labels put it."""
    keras = _keras()
    x, y = _club_choice(N, seed=12703, noise_rate=0.25)
    model = _mlp(keras, 4, [64, 64], 6)
    model.compile(keras.optimizers.SGD(0.1, momentum=0.9), "sparse_categorical_crossentropy")
    step_decay = keras.callbacks.LearningRateScheduler(lambda epoch, lr: 0.1 * 0.2 ** (epoch // 8))
    return _fit(session, model, x, y, epochs=24, batch_size=32, callbacks=[step_decay])


@holdout127("caddies", healthy=True)
def holed_putts_class_weight(session):
    """Whether a long putt drops (about 7% do), from distance, break, green speed and slope
    (standardized); a 32-16 relu MLP with a sigmoid output, binary cross-entropy, Adam 1e-3 and
    class_weight {0: 1, 1: 6} to balance the rare makes. The weighted loss stays high: most
    putts from the same spot are a coin toss with a heavy prior."""
    keras = _keras()
    r = np.random.default_rng(12704)
    x = r.normal(0.0, 1.0, (N, 4)).astype("float32")
    logit = -3.2 - 1.2 * x[:, 0] - 0.6 * np.abs(x[:, 1]) + 0.4 * x[:, 2] * x[:, 3]
    y = (r.random(N) < 1.0 / (1.0 + np.exp(-logit))).astype("float32")
    model = _mlp(keras, 4, [32, 16], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_weighted(session, model, x, y, {0: 1.0, 1: 6.0}, epochs=15, batch_size=32)


def _fit_weighted(session, model, x, y, class_weight, *, epochs, batch_size):
    """model.fit with a class_weight, on all but the last PROBE_SIZE rows (the probe)."""
    history = model.fit(x[:-PROBE_SIZE], y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        class_weight=class_weight, verbose=0,
                        callbacks=session.callbacks((x[-PROBE_SIZE:], y[-PROBE_SIZE:])))
    return history.history["loss"]


def _club_choice_lr(session, broken):
    keras = _keras()
    x, y = _club_choice(N, seed=12705)
    model = _mlp(keras, 4, [64, 64], 6)
    rate = 3.0 if broken else 0.03
    model.compile(keras.optimizers.SGD(rate, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout127("caddies", ["learning_rate_too_high"], stall_begins=None)
def club_choice_sgd_rate_3(session):
    """The club-choice classifier (clean labels), 2x64 relu MLP, SGD with momentum 0.9 at a rate
    of 3.0: the rate was copied from a tutorial that used plain SGD on a tiny linear model
    (0.03 works here). The loss jumps to several nats and bounces there without learning."""
    return _club_choice_lr(session, broken=True)


def _carry_raw(session, broken):
    keras = _keras()
    raw, carry = _golf_shots(N, seed=12706)
    x = raw if broken else _standardize(raw)
    model = _mlp(keras, 5, [64, 64], 1, activation="tanh", out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, _carry_target(carry), epochs=15, batch_size=32)


@holdout127("caddies", ["unnormalized_inputs"], stall_begins=None)
def carry_from_raw_yardage_book(session):
    """The carry model fed the yardage book's raw columns (swing speed ~100 mph, spin 2000-8000
    rpm, wind +-15 mph, elevation +-30 ft) with a standardized target, 2x64 relu MLP, Adam 1e-3,
    MSE: the spin column dwarfs the rest, the relu units switch on and off with spin alone and
    the loss crawls near the variance of the target."""
    return _carry_raw(session, broken=True)


def _green_in_regulation(session, broken):
    keras = _keras()
    r = np.random.default_rng(12707)
    x = r.normal(0.0, 1.0, (N, 2)).astype("float32")
    # the green is a ring of safe landing spots around the pin: too short or too long misses
    y = ((np.hypot(x[:, 0], x[:, 1]) > 0.7) & (np.hypot(x[:, 0], x[:, 1]) < 1.6)).astype("int32")
    hidden = [] if broken else [32, 32]
    model = _mlp(keras, 2, hidden, 2)
    model.compile(keras.optimizers.Adam(1e-2), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout127("caddies", ["insufficient_capacity"], stall_begins=None)
def green_hit_logistic_regression(session):
    """Whether an approach lands on the green, from the standardized long/short and left/right
    miss of the shot: the green is a ring of distances around the aim point. A softmax
    regression with no hidden layer (the caddie's 'keep it simple'), Adam 1e-2: a straight
    boundary cannot carve a ring, so the loss sits near the class-prior entropy."""
    return _green_in_regulation(session, broken=True)


# ---------------------------------------------------------------------------------------------
# jockeys


@holdout127("jockeys", healthy=True)
def finish_time_huber(session):
    """A jockey's finishing-time model: six standardized race conditions (going, weight carried,
    draw, distance, field size, rest days) regressed to the time, where bumps and stumbles add
    Student-t noise (3 degrees of freedom). A 2x48 relu MLP with Huber loss and Adam 2e-3: the
    loss flattens at the level the heavy-tailed noise sets."""
    keras = _keras()
    r = np.random.default_rng(12710)
    x = r.normal(0.0, 1.0, (N, 6)).astype("float32")
    time = (0.8 * x[:, 3] + 0.4 * x[:, 1] + 0.3 * np.tanh(x[:, 0]) * x[:, 3]
            - 0.2 * x[:, 2] ** 2 + 0.15 * x[:, 4] * x[:, 5])
    y = (time + 0.5 * r.standard_t(3, N)).astype("float32")
    model = _mlp(keras, 6, [48, 48], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(delta=1.0))
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout127("jockeys", healthy=True)
def finishing_kick_gru_plateau(session):
    """The finishing kick predicted from 30 standardized sectional speeds by a GRU(24) and a
    linear head, Adam 3e-3, MSE, with ReduceLROnPlateau (factor 0.3, patience 2): the rate is
    cut when the loss stalls and the loss settles near the sectional noise floor."""
    keras = _keras()
    x, y = _race_splits(768 + PROBE_SIZE, seed=12711)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    reduce = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.3, patience=2,
                                               min_lr=1e-5)
    return _fit(session, model, x, y, epochs=16, batch_size=32, callbacks=[reduce])


@holdout127("jockeys", healthy=True)
def horse_and_rider_embeddings(session):
    """Whether a horse places, from embeddings of its id (60 horses) and its jockey's id (20
    riders) plus three standardized race features, in a two-input Keras model with Adam 3e-3
    and binary cross-entropy. Racing is a lottery on the day, so the loss flattens around 0.5."""
    keras = _keras()
    r = np.random.default_rng(12712)
    horse = r.integers(0, 60, N)
    rider = r.integers(0, 20, N)
    extra = r.normal(0.0, 1.0, (N, 3)).astype("float32")
    ability = r.normal(0.0, 1.0, 60)[horse] + 0.7 * r.normal(0.0, 1.0, 20)[rider]
    logit = 1.2 * ability - 0.6 * extra[:, 0] + 0.4 * extra[:, 1] * extra[:, 2]
    y = (r.random(N) < 1.0 / (1.0 + np.exp(-logit))).astype("float32")
    horse_in = keras.Input((1,), dtype="int32")
    rider_in = keras.Input((1,), dtype="int32")
    extra_in = keras.Input((3,))
    h = keras.layers.Flatten()(keras.layers.Embedding(60, 8)(horse_in))
    j = keras.layers.Flatten()(keras.layers.Embedding(20, 4)(rider_in))
    z = keras.layers.Concatenate()([h, j, extra_in])
    z = keras.layers.Dense(32, activation="relu")(z)
    out = keras.layers.Dense(1, activation="sigmoid")(z)
    model = keras.Model([horse_in, rider_in, extra_in], out)
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    inputs = [horse[:, None].astype("int32"), rider[:, None].astype("int32"), extra]
    train = [a[:-PROBE_SIZE] for a in inputs]
    probe = ([a[-PROBE_SIZE:] for a in inputs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=15, batch_size=32, verbose=0,
                        callbacks=session.callbacks(probe))
    return history.history["loss"]


def _form_guide_depth(session, broken):
    keras = _keras()
    r = np.random.default_rng(12713)
    x = r.normal(0.0, 1.0, (N, 10)).astype("float32")
    score = x[:, 0] + 0.7 * x[:, 1] - 0.5 * x[:, 2] + 0.3 * x[:, 3] * x[:, 4]
    y = np.digitize(score, np.quantile(score, [1 / 3, 2 / 3])).astype("int32")
    layer = dict(activation="sigmoid") if broken else dict(activation="relu",
                                                             kernel_initializer="he_normal")
    model = _mlp(keras, 10, [32] * 10, 3, **layer)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout127("jockeys", ["vanishing_gradients"], stall_begins=None)
def form_guide_ten_sigmoid_layers(session):
    """A form-guide classifier (win, place, unplaced) from ten standardized form figures: a
    10-layer, 32-wide MLP with sigmoid activations everywhere (the old textbook default), SGD
    0.05 with momentum. Each sigmoid layer shrinks the backward signal by four or more, the
    lower layers never move, and the loss stays near ln 3; relu with he_normal reaches ~0.14."""
    return _form_guide_depth(session, broken=True)


def _kick_rnn_gain(session, broken):
    keras = _keras()
    x, y = _race_splits(768 + PROBE_SIZE, seed=12714, length=40)
    gain = 3.0 if broken else 1.0
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.SimpleRNN(32, recurrent_initializer=keras.initializers.Orthogonal(
            gain=gain, seed=12714)),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(0.005, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout127("jockeys", ["exploding_gradients"], stall_begins=72)  # approximate
def kick_rnn_recurrent_gain_3(session):
    """The finishing-kick forecaster as a tanh SimpleRNN(32) over 40 sectionals, its recurrent
    kernel initialized Orthogonal(gain=3.0) (a gain meant for something else), SGD 0.005 with
    momentum 0.9 and no clipping. The recurrence is chaotic: the gradients through 40 steps
    come out around 1e5 (about 5 with gain 1), every update throws the weights about, and after
    three epochs the loss bounces around 0.65-0.69 while the gain-1 run reaches about 0.31."""
    return _kick_rnn_gain(session, broken=True)


def _jockey_weights(session, broken):
    keras = _keras()
    r = np.random.default_rng(12715)
    x = r.normal(0.0, 1.0, (N, 6)).astype("float32")
    score = np.abs(x[:, 0]) - np.abs(x[:, 1]) + 0.5 * x[:, 2] * x[:, 3]
    y = np.digitize(score, np.quantile(score, [1 / 3, 2 / 3])).astype("int32")
    init = keras.initializers.Constant(0.05) if broken else "glorot_uniform"
    model = _mlp(keras, 6, [64, 64], 3, kernel_initializer=init)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout127("jockeys", ["poor_initialization"], stall_begins=160)  # approximate
def riding_style_constant_init(session):
    """Classify a jockey's riding style (front-runner, stalker, closer) from six standardized
    sectional statistics with a 2x64 relu MLP whose kernels were set to Constant(0.05) 'to start
    small'. Every hidden unit computes the same function and gets the same update, so the net
    is one unit wide and the loss stays near ln 3, where the glorot version falls well below."""
    return _jockey_weights(session, broken=True)


# ---------------------------------------------------------------------------------------------
# blacksmiths


@holdout127("blacksmiths", healthy=True)
def blade_flaws_poisson(session):
    """Counts of flaws (inclusions, cold shuts) per blade from five standardized batch records,
    with a 32-32 relu MLP, an exponential output and Poisson loss, Adam 2e-3. The counts are
    Poisson draws around a rate of about two, so the loss levels off at the Poisson noise floor
    (well above zero)."""
    keras = _keras()
    r = np.random.default_rng(12720)
    x = r.normal(0.0, 1.0, (N, 5)).astype("float32")
    rate = np.exp(0.5 + 0.5 * x[:, 0] - 0.3 * x[:, 1] ** 2 + 0.3 * x[:, 2] * x[:, 3])
    y = r.poisson(rate).astype("float32")
    model = _mlp(keras, 5, [32, 32], 1, out_activation="exponential")
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout127("blacksmiths", healthy=True)
def quench_trace_warmup_cosine(session):
    """The quench outcome (hardened, soft, cracked) read from a 48-tick temperature trace by a
    Conv1D(16)-pool-Conv1D(32)-global-pool net, Adam with a linear warm-up over 60 steps to
    3e-3 then cosine decay to zero (keras CosineDecay with warmup). The loss falls slowly in the
    warm-up, fast after it, and flattens as the rate goes to zero."""
    keras = _keras()
    x, y = _forge_traces(N, seed=12721)
    steps = 16 * 32
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, decay_steps=steps - 60, warmup_target=3e-3, warmup_steps=60)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


@holdout127("blacksmiths", healthy=True)
def small_smithy_overfits(session):
    """A village smithy's 200 batch records (eight standardized columns, steel grade 0..3)
    fitted by a 2x128 relu MLP with Adam 2e-3: with this little data the net memorizes the
    records, and the training loss keeps falling toward zero through the whole run (held-out
    quality would be another matter; the training itself is sound)."""
    keras = _keras()
    x, y = _steel_table(200 + PROBE_SIZE, seed=12722)
    model = _mlp(keras, 8, [128, 128], 4)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


def _steel_grade_init(session, broken):
    keras = _keras()
    x, y = _steel_table(N, seed=12723)
    init = keras.initializers.RandomNormal(stddev=3.0, seed=12723) if broken else "glorot_uniform"
    model = _mlp(keras, 8, [128, 128, 4], 4, activation="tanh", kernel_initializer=init)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout127("blacksmiths", ["saturated_activations"], stall_begins=64)  # approximate
def steel_grade_wide_normal_weights(session):
    """Steel grade from eight standardized batch records by a 128-128-4 tanh MLP whose kernels
    were drawn from RandomNormal(stddev=3.0) ('wide weights break symmetry better', from an
    old forum answer): the pre-activations of the 128-wide layers are tens of units across,
    every tanh sits at -1 or +1 and passes no gradient, and SGD 0.05 with momentum cannot pull
    them back. After the first two epochs the loss only creeps near ln 4 (1.35 to 1.28), where
    the glorot version reaches about 0.75."""
    return _steel_grade_init(session, broken=True)


def _forge_conv_bias(session, broken):
    keras = _keras()
    x, y = _forge_traces(N, seed=12724)
    bias = keras.initializers.Constant(-3.0 if broken else 0.0)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu", bias_initializer=bias),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout127("blacksmiths", ["dead_relus"], stall_begins=None)
def quench_conv_negative_bias(session):
    """The quench-trace Conv1D classifier with every relu layer's bias initialized to -3.0 (a
    'sparsity' trick copied from an old forum post) on standardized traces: almost every unit
    is below zero for every trace, no gradient reaches the filters, and the loss stays at ln 3."""
    return _forge_conv_bias(session, broken=True)


def _forge_l2(session, broken):
    keras = _keras()
    x, y = _forge_traces(N, seed=12725)
    reg = keras.regularizers.L2(1.0 if broken else 1e-4)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", kernel_regularizer=reg),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same", kernel_regularizer=reg),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="softmax", kernel_regularizer=reg),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout127("blacksmiths", ["over_regularization"], stall_begins=256)  # approximate
def quench_conv_weight_decay_1(session):
    """The quench-trace Conv1D classifier with kernel_regularizer=L2(1.0) on every layer: the
    paper's weight decay of 1e-4 was typed as 1.0. The total loss falls for eight epochs only as
    the penalty crushes the kernels toward zero, then sits at ln 3 (1.10), while the L2(1e-4)
    net reaches about 0.01."""
    return _forge_l2(session, broken=True)


# ---------------------------------------------------------------------------------------------
# electricians


@holdout127("electricians", healthy=True)
def fault_waveform_piecewise(session):
    """Fault type (healthy, harmonics, arcing, sag) read from a 64-sample clamp-meter capture by
    a Conv1D(16, 7)-pool-Conv1D(32, 5)-global-max-pool net, Adam on PiecewiseConstantDecay
    (3e-3, then 1e-3 after step 200, then 3e-4 after step 400): the loss falls fast, then in
    smaller steps at each boundary, and levels off at a small value."""
    keras = _keras()
    x, y = _waveforms(N, seed=12730)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([200, 400], [3e-3, 1e-3, 3e-4])
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 7, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


@holdout127("electricians", healthy=True)
def load_forecast_quantile_loop(session):
    """A custom GradientTape loop forecasting the 90th percentile of next hour's building load
    from the last 24 hours with an LSTM(16) and a pinball (quantile 0.9) loss, Adam 3e-3. The
    load noise is skewed and grows with the load, so the pinball loss levels off well above
    zero."""
    import tensorflow as tf

    keras = _keras()
    x, y = _load_series(768 + PROBE_SIZE, seed=12731)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(16),
                              keras.layers.Dense(1)])

    def pinball(targets, predictions):
        error = tf.reshape(targets, (-1, 1)) - predictions
        return tf.reduce_mean(tf.maximum(0.9 * error, -0.1 * error))

    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), pinball, x, y,
                        epochs=14, batch_size=32, seed=12731)


@holdout127("electricians", healthy=True)
def meter_attention_plateau_then_drop(session):
    """Which circuit (of four) a smart meter's 16-reading window belongs to, by a small
    self-attention model (Dense(16) projection of the reading, a noise channel and a sin/cos
    position code, one residual MultiHeadAttention with 2 heads, a relu feed-forward layer,
    global pooling, softmax) with Adam 1e-3. The loss sits at ln 4 for about six epochs while
    the attention has nothing to go on, then drops fast once it locks on to the periods, and is
    still falling at the end of the run."""
    keras = _keras()
    r = np.random.default_rng(12732)
    y = r.integers(0, 4, N)
    t = np.arange(16)
    period = np.array([3.0, 5.0, 8.0, 16.0])[y]
    x = np.sin(2 * np.pi * t[None, :] / period[:, None] + r.uniform(0, 6, (N, 1)))
    position = np.broadcast_to(np.stack([np.sin(t / 5.0), np.cos(t / 5.0)], axis=-1), (N, 16, 2))
    x = np.concatenate([x[..., None], 0.3 * r.normal(0.0, 1.0, (N, 16, 1)), position], axis=-1)
    x = x.astype("float32")
    inputs = keras.Input((16, 4))
    z = keras.layers.Dense(16)(inputs)
    z = z + keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(z, z)
    z = keras.layers.Dense(32, activation="relu")(z)
    z = keras.layers.GlobalAveragePooling1D()(z)
    out = keras.layers.Dense(4, activation="softmax")(z)
    model = keras.Model(inputs, out)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y.astype("int32"), epochs=15, batch_size=32)


def _harmonic_meter(session, broken):
    keras = _keras()
    r = np.random.default_rng(12733)
    n = 768 + PROBE_SIZE
    t = np.linspace(0.0, 4 * np.pi, 64)
    phase = r.uniform(0, 2 * np.pi, (n, 1))
    third = r.uniform(0.0, 0.5, (n, 1))
    fifth = r.uniform(0.0, 0.3, (n, 1))
    wave = np.sin(t + phase) + third * np.sin(3 * (t + phase)) + fifth * np.sin(5 * (t + phase))
    wave = (wave + 0.1 * r.normal(0.0, 1.0, wave.shape))[..., None].astype("float32")
    distortion = np.hypot(third, fifth)[:, 0]
    y = ((distortion - distortion.mean()) / distortion.std()).astype("float32")
    model = keras.Sequential([
        keras.Input(wave.shape[1:]),
        keras.layers.Conv1D(16, 9, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1, activation="softmax" if broken else None),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, wave, y, epochs=12, batch_size=32)


@holdout127("electricians", ["loss_activation_mismatch"], stall_begins=None)
def distortion_meter_softmax_head(session):
    """Total harmonic distortion (standardized) regressed from a 64-sample line capture by a
    small Conv1D net with MSE, whose output layer kept activation='softmax' from the fault
    classifier it was copied from. A softmax over one unit is 1.0 for every input, so the
    prediction is a constant, no gradient flows back and the loss stays at mean((y - 1)^2);
    the same net with a linear output learns."""
    return _harmonic_meter(session, broken=True)


def _load_forecast_rate(session, broken):
    keras = _keras()
    x, y = _load_series(768 + PROBE_SIZE, seed=12734)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(16),
                              keras.layers.Dense(1)])
    rate = 1e-6 if broken else 1e-2
    return _custom_loop(session, model, keras.optimizers.RMSprop(rate),
                        keras.losses.MeanSquaredError(), x, y, epochs=12, batch_size=32,
                        seed=12734)


@holdout127("electricians", ["learning_rate_too_low"], stall_begins=None)
def load_forecast_rmsprop_1e6(session):
    """A custom GradientTape loop forecasting next hour's load with an LSTM(16), MSE and
    RMSprop at 1e-6 (a fine-tuning rate left in from the previous project; 1e-2 works): each
    step moves each weight by about a millionth, and the loss barely drifts from its start."""
    return _load_forecast_rate(session, broken=True)


BAD_READING_ROW = 300  # read in file order, batch 32: first seen in 0-based step 300 // 32


def _panel_power(session, broken):
    keras = _keras()
    r = np.random.default_rng(12735)
    volts = r.uniform(110.0, 130.0, N)
    amps = r.uniform(0.5, 20.0, N)
    temperature = r.normal(0.0, 1.0, N)
    load_type = r.integers(0, 3, N)
    x = np.stack([(volts - 120.0) / 6.0, (amps - 10.0) / 5.6, temperature, load_type - 1.0],
                 axis=1).astype("float32")
    watts = volts * amps * np.array([0.95, 0.8, 0.6])[load_type]  # power factor per load type
    watts = watts * np.exp(0.05 * r.normal(0.0, 1.0, N))
    if broken:
        watts[BAD_READING_ROW : BAD_READING_ROW + 2] = 0.0  # tripped circuits logged as 0 W
    with np.errstate(divide="ignore"):
        y = np.log(watts / 1000.0).astype("float32")
    model = _mlp(keras, 4, [32, 32], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32, shuffle=False)


@holdout127("electricians", ["non_finite_values"], stall_begins=BAD_READING_ROW // 32)
def panel_log_power_tripped_circuits(session):
    """A panel meter's log power (log kW) regressed from line voltage, current, temperature and
    load type (standardized) by a 2x32 relu MLP, Adam 2e-3, MSE, rows read in logging order.
    Two tripped circuits were logged as 0 W, so their log target is -inf: the first batch
    holding them (0-based step 9) makes the loss inf, the weights NaN, and the loss stays NaN
    for the rest of the run."""
    return _panel_power(session, broken=True)
