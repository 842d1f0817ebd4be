"""The hundred-and-seventy-sixth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Twenty-four small trainings in four families, each told as a trade's data: the templars regress
and classify a commandery's ledger (how long a pilgrim convoy takes to reach the port), the
anchorites time their candles and count the loaves left at the window, the campanologists
read struck bells' spectra and rubbings of their inscription bands, and the ringers model a
band's striking errors, the methods it rings and the conductor's calls. All data are
synthetic, from fixed seeds 17601..17673; the last PROBE_SIZE rows of each set are the probe.

Healthy half (twelve runs, correct models trained correctly, whose loss flattens far above
zero or moves in unusual ways because of the data or the schedule): a ledger classifier with a
fifth of its labels miscopied; a ledger regression on SGD with a PiecewiseConstantDecay step
schedule; a two-input (columns plus an embedded commandery) 90th-percentile pinball
regression with skewed noise; a custom GradientTape loop with linear warm-up then cosine decay
on heteroscedastic candle data; a tiny candle set that an MLP memorizes; a Poisson count model
with an exponential output; a Conv1D crack detector with 6% positives and class_weight; a
Conv1D regressor under ReduceLROnPlateau with loudness-dependent noise; a Conv2D net that
plateaus for several epochs on faint gratings before the loss falls; a GRU with Huber loss on
heavy-tailed (Student-t) striking errors; a self-attention method classifier with position
embeddings on ambiguous touches, slow and still improving; and an LSTM that must carry a call
across 20 noisy steps, which sits at log 4 and then drops suddenly.

Broken half (twelve runs, one per cause, each a practitioner's mistake that stalls the loss
well above what the same model reaches without it; every one was trained both ways with
Session(None) and compared): ledger columns fed in their own units (pennies, acres) to an MLP
with Adam; a TF1 keep_prob=0.9 ported as Dropout(0.9); a ledger read in date order with blank
(NaN) horse counts from row 608, whose loss turns NaN at that batch and stays NaN while the
run trains on; a custom loop at the 1e-5 rate of a fine-tuning recipe; Dense layers written
without an activation, so the stack is linear; every kernel initialized to one constant, so
the units of a layer never differ (custom loop); a tanh Conv2D net given Rescaling(255) on
images already in [0, 1], its units pinned at +-1 under SGD; the focal-loss prior bias (about
-4.6) passed to every relu layer of a Conv1D net; RMSprop at 0.5 where 0.5% was meant; a
ten-layer sigmoid MLP under SGD; a tanh SimpleRNN under SGD with momentum whose clipnorm was
dropped, which learns for 3-4 epochs until a gradient burst throws it back to log 4; and a
regression GRU whose head kept a classifier's sigmoid.

Dropped or changed because they did not behave as intended: a SimpleRNN-versus-GRU
vanishing-gradient pair on a 60-step call (the GRU did not learn within budget either; it
became the deep sigmoid MLP); a softmax over a single output unit with binary cross-entropy,
and a softmax output with from_logits=True (Keras 3 computes the loss from the layer's own
logits in both, so the runs learned); an unclipped SimpleRNN at SGD 0.1 (the clipped control
failed too; 0.02 gives the burst-then-stall); the saturation net at SGD 0.02 for 16 epochs
(the pinned units began to escape at the end; it trains at 0.01 for 12); a NaN-input ledger
MLP with relu units (the loss stayed finite; the run uses tanh units so the NaN reaches it);
Conv1D nets with global average pooling (the spectra's classes live in peak positions, which
pooling discarded; they flatten instead); a sigmoid head on next-blow striking errors (the
target was mostly positive and mostly noise, so the head cost nothing).

Labels: `expected_causes` holds only the root cause each broken run was built around.
`stall_begins` is the 0-based optimizer step from which the broken loss stops improving, None
when it never improves; it was read off the per-step loss of a Session(None) run. The NaN
run's step is exact (the first batch holding a blank row); the others given as numbers (the
raw ledger, the keep_prob dropout, the linear stack, the constant initialization, the gradient
burst and the sigmoid head) are approximate to within an epoch or so.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, registrar

FAMILIES = ('templars', 'anchorites', 'campanologists', 'ringers')
REGISTRY = []
holdout176 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


def _fit_inputs(session, model, x, y, *, epochs, batch_size, shuffle=True, callbacks=(),
                class_weight=None):
    """Like `_fit`, for a list of inputs or a class weighting: trains on all but the last
    PROBE_SIZE rows, which are the probe. Returns the per-epoch mean training loss."""
    n = len(y) - PROBE_SIZE
    if isinstance(x, (list, tuple)):
        x_train, x_probe = [part[:n] for part in x], [part[n:] for part in x]
    else:
        x_train, x_probe = x[:n], x[n:]
    history = model.fit(
        x_train, y[:n], epochs=epochs, batch_size=batch_size, shuffle=shuffle, verbose=0,
        class_weight=class_weight,
        callbacks=list(callbacks) + session.callbacks((x_probe, y[n:])),
    )
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# data: each family's trade


def _ledger(n, seed):
    """A commandery's ledger: six columns in their own units (silver pennies tithed, acres,
    horses, brothers, leagues to the port, months since the last muster), the same columns
    standardized, and the noiseless days a convoy takes to reach the port (standardized)."""
    r = np.random.default_rng(seed)
    z = r.normal(size=(n, 6))
    loc = np.array([12000.0, 800.0, 25.0, 12.0, 60.0, 6.0])
    scale = np.array([4000.0, 300.0, 8.0, 4.0, 25.0, 3.0])
    raw = z * scale + loc
    days = (np.tanh(1.5 * z[:, 0] * z[:, 1]) + np.sin(2.0 * z[:, 2]) + 0.4 * z[:, 3] ** 2
            - 0.8 * z[:, 4] + 0.5 * z[:, 5] * z[:, 0])
    days = (days - days.mean()) / days.std()
    return raw.astype("float32"), z.astype("float32"), days.astype("float32")


def _candles(n, seed):
    """An anchorite's candles: wick length, wax hardness, draught, cell temperature and candle
    height (standardized), and the noiseless hours each burns (standardized)."""
    r = np.random.default_rng(seed)
    x = r.normal(size=(n, 5))
    hours = (np.sin(1.5 * x[:, 0]) * np.cos(x[:, 1]) + 0.6 * np.abs(x[:, 2])
             - 0.5 * x[:, 3] * x[:, 4] + 0.3 * x[:, 4])
    hours = (hours - hours.mean()) / hours.std()
    return x.astype("float32"), hours.astype("float32")


def _spectra(n, seed, length=64, noise=0.3):
    """A struck bell's spectrum: five partials (hum, prime, tierce, quint, nominal) whose
    positions shift with the bell's tuning class (0..3), on noise; shape (n, length, 1)."""
    r = np.random.default_rng(seed)
    y = r.integers(0, 4, size=n)
    grid = np.arange(length)[None, :]
    base = np.array([6.0, 12.0, 19.0, 27.0, 38.0])
    shift = np.array([[0, 0, 0, 0, 0], [0, 0, 1.5, 0, 0], [0, 0, 0, 2, 2],
                      [1.5, 0, 1.5, 0, 0]])
    x = np.zeros((n, length))
    for k in range(5):
        centre = base[k] + shift[y, k] + r.normal(0.0, 0.4, size=n)
        height = r.uniform(0.6, 1.2, size=n)
        x += height[:, None] * np.exp(-0.5 * ((grid - centre[:, None]) / 1.0) ** 2)
    x += r.normal(0.0, noise, size=x.shape)
    return x[..., None].astype("float32"), y.astype("int32")


def _gratings(n, seed, size=16, noise=0.25):
    """Rubbings of a bell's inscription band as 16x16 images in [0, 1]: a faint grating whose
    orientation (0, 45, 90, 135 degrees) is the foundry's mark, on noise."""
    r = np.random.default_rng(seed)
    y = r.integers(0, 4, size=n)
    angle = y * np.pi / 4 + r.normal(0.0, 0.15, size=n)
    u, v = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
    phase = r.uniform(0, 2 * np.pi, size=n)
    wave = np.cos(0.9 * (np.cos(angle)[:, None, None] * u + np.sin(angle)[:, None, None] * v)
                  + phase[:, None, None])
    amplitude = r.uniform(0.15, 0.35, size=n)[:, None, None]
    x = 0.5 + amplitude * wave + r.normal(0.0, noise, size=(n, size, size))
    return np.clip(x, 0.0, 1.0)[..., None].astype("float32"), y.astype("int32")


def _striking(n, seed, length=24, df=None, noise=0.5):
    """Ringers' striking errors: each bell's blow early or late (ms, standardized) over a
    touch, an AR(2) drift with handstroke/backstroke alternation; the target is the next
    blow's error. df=None gives Gaussian noise, else Student-t with `df` degrees of freedom."""
    r = np.random.default_rng(seed)
    total = length + 1
    shocks = (r.normal(size=(n, total)) if df is None
              else r.standard_t(df, size=(n, total)))
    e = np.zeros((n, total))
    stroke = np.tile([1.0, -1.0], total)[:total]
    for t in range(total):
        prev1 = e[:, t - 1] if t >= 1 else 0.0
        prev2 = e[:, t - 2] if t >= 2 else 0.0
        e[:, t] = 0.6 * prev1 - 0.3 * prev2 + 0.4 * stroke[t] + noise * shocks[:, t]
    e = (e - e.mean()) / e.std()
    x = np.stack([e[:, :-1], np.broadcast_to(stroke[:-1], (n, length))], axis=-1)
    return x.astype("float32"), e[:, -1].astype("float32")


def _methods(n, seed, length=24, bells=8, stay=0.6):
    """Which of four methods a band rang, from the sequence of bells heard leading (tokens
    1..bells): each method is a Markov chain over the bells; with probability 1-stay a blow
    is a random bell (a clash), so some touches are ambiguous."""
    r = np.random.default_rng(seed)
    y = r.integers(0, 4, size=n)
    steps = np.array([1, 2, 3, 5])
    tokens = np.zeros((n, length), dtype="int32")
    tokens[:, 0] = r.integers(0, bells, size=n)
    for t in range(1, length):
        follow = (tokens[:, t - 1] + steps[y]) % bells
        clash = r.integers(0, bells, size=n)
        tokens[:, t] = np.where(r.random(n) < stay, follow, clash)
    return (tokens + 1).astype("int32"), y.astype("int32")


def _cue(n, seed, length, channels=4, noise=0.6):
    """The conductor's call at the start of a touch (one of four, one-hot on the first step)
    followed by `length - 1` steps of the tower's noise; the label is the call."""
    r = np.random.default_rng(seed)
    y = r.integers(0, channels, size=n)
    x = r.normal(0.0, noise, size=(n, length, channels))
    x[np.arange(n), 0, :] = 0.0
    x[np.arange(n), 0, y] = 3.0
    return x.astype("float32"), y.astype("int32")


# ---------------------------------------------------------------------------------------------
# templars: the commandery's ledger


@holdout176("templars", healthy=True)
def misrecorded_escorts(session):
    """Whether a pilgrim convoy arrived within its allotted days, from the commandery's six
    standardized ledger columns; a fifth of the outcomes were copied wrongly by the scribes
    (labels flipped at random). A 2x64 relu MLP with Adam 2e-3 learns the real rule; its
    cross-entropy stays far above zero, easing slowly below the noise's floor only as the
    net starts to memorize some miscopied rows."""
    keras = _keras()
    _, z, days = _ledger(N, seed=17601)
    r = np.random.default_rng(17602)
    late = (days > 0).astype("int32")
    late = np.where(r.random(N) < 0.2, 1 - late, late).astype("int32")
    model = _mlp(keras, 6, [64, 64], 2)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, z, late, epochs=20, batch_size=32)


@holdout176("templars", healthy=True)
def tithe_steps(session):
    """The convoy's days regressed from the standardized ledger with Gaussian noise of a
    third of the signal's spread; a 2x64 relu MLP, SGD with momentum 0.9 on a
    PiecewiseConstantDecay schedule (0.02, then 0.005 from step 256, 0.001 from step 512).
    The MSE drops in steps at each boundary and settles at the noise floor."""
    keras = _keras()
    _, z, days = _ledger(N, seed=17603)
    y = days + np.random.default_rng(17604).normal(0.0, 0.33, size=N).astype("float32")
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([256, 512], [0.02, 0.005, 0.001])
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "mse")
    return _fit(session, model, z, y, epochs=24, batch_size=32)


@holdout176("templars", healthy=True)
def crossing_quantile(session):
    """A two-input model: the standardized ledger columns and the commandery (one of twelve,
    embedded in 4 dimensions, each adding its own delay) predict the 90th percentile of the
    crossing days, whose noise is right-skewed (exponential). Pinball loss at 0.9, Adam 3e-3:
    the loss falls quickly and flattens at the skewed noise's floor."""
    keras = _keras()
    _, z, days = _ledger(N, seed=17605)
    r = np.random.default_rng(17606)
    house = r.integers(0, 12, size=N).astype("int32")
    delay = r.normal(0.0, 0.5, size=12)
    y = (days + delay[house] + r.exponential(0.6, size=N)).astype("float32")

    def pinball(y_true, y_pred):
        error = y_true - y_pred
        return keras.ops.mean(keras.ops.maximum(0.9 * error, -0.1 * error), axis=-1)

    numbers = keras.Input((6,))
    commandery = keras.Input((1,), dtype="int32")
    embedded = keras.layers.Flatten()(keras.layers.Embedding(12, 4)(commandery))
    h = keras.layers.Concatenate()([numbers, embedded])
    h = keras.layers.Dense(64, activation="relu")(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([numbers, commandery], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(3e-3), pinball)
    return _fit_inputs(session, model, [z, house[:, None]], y[:, None], epochs=20,
                       batch_size=32)


def _raw_ledger(session, broken):
    keras = _keras()
    raw, z, days = _ledger(N, seed=17611)
    y = days + np.random.default_rng(17612).normal(0.0, 0.2, size=N).astype("float32")
    x = raw if broken else z
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout176("templars", ["unnormalized_inputs"], stall_begins=128)  # approximate
def ledger_in_pennies(session):
    """The convoy's days regressed from the ledger columns as the scribes wrote them: silver
    pennies (~12,000), acres (~800), horses (~25), brothers, leagues and months, fed to a
    2x64 relu MLP with Adam 1e-3 and no scaling. The pennies and acres swamp every first-layer
    unit and the small columns are invisible: the MSE falls from its enormous start within
    four epochs, then hovers above the target's variance (stall step approximate); the same
    model on standardized columns reaches the noise floor."""
    return _raw_ledger(session, broken=True)


def _keep_prob(session, broken):
    keras = _keras()
    _, z, days = _ledger(N, seed=17613)
    y = days + np.random.default_rng(17614).normal(0.0, 0.2, size=N).astype("float32")
    rate = 0.9 if broken else 0.1
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(64, activation="relu"), keras.layers.Dropout(rate),
        keras.layers.Dense(64, activation="relu"), keras.layers.Dropout(rate),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, z, y, epochs=20, batch_size=32)


@holdout176("templars", ["over_regularization"], stall_begins=288)  # approximate
def keep_prob_as_rate(session):
    """The convoy-days MLP ported from an old TF1 script whose dropout argument was
    keep_prob=0.9: it became Dropout(0.9) after both hidden layers of 64, so nine units in ten
    are dropped at every step. The training MSE falls from its inflated start to about the
    target's variance by epoch nine and hovers there (stall step approximate); with
    Dropout(0.1), as intended, the same model reaches the noise floor."""
    return _keep_prob(session, broken=True)


NAN_ROW = 608  # first ledger row with a missing entry (rows are read in order)


def _missing_horses(session, broken):
    keras = _keras()
    _, z, days = _ledger(N, seed=17615)
    y = days + np.random.default_rng(17616).normal(0.0, 0.2, size=N).astype("float32")
    x = z.copy()
    if broken:
        rows = np.random.default_rng(17617).choice(np.arange(NAN_ROW, N - PROBE_SIZE), 12,
                                                   replace=False)
        x[np.append(rows, NAN_ROW), 2] = np.nan
    model = _mlp(keras, 6, [64, 64], 1, activation="tanh", out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32, shuffle=False)


@holdout176("templars", ["non_finite_values"], stall_begins=NAN_ROW // 32)
def missing_horse_counts(session):
    """The convoy-days MLP trained on the ledger in date order (shuffle=False, as for a time
    series); from row 608 on, thirteen rows have the horses column left blank, read as NaN.
    The first batch holding one makes the loss and then every weight NaN, and the run trains
    on for its eight epochs with a NaN loss (stall from that batch: exact)."""
    return _missing_horses(session, broken=True)


# ---------------------------------------------------------------------------------------------
# anchorites: the cell's candles and the bread left at the window


@holdout176("anchorites", healthy=True)
def candle_warmup_cosine(session):
    """Custom GradientTape loop: the hours a candle burns from its five standardized
    properties, with noise whose spread grows with the draught (heteroscedastic); a 2x64 tanh
    MLP, Adam on a linear warm-up over 60 steps to 3e-3 then cosine decay to zero over the
    run. The MSE falls fast, then flattens as the rate decays, above zero by the noise."""
    keras = _keras()
    x, hours = _candles(N, seed=17621)
    r = np.random.default_rng(17622)
    y = (hours + r.normal(0.0, 1.0, size=N) * (0.15 + 0.25 * np.abs(x[:, 2])))[:, None]
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, decay_steps=32 * 18 - 60, warmup_target=3e-3, warmup_steps=60)
    model = _mlp(keras, 5, [64, 64], 1, activation="tanh", out_activation=None)
    return _custom_loop(session, model, keras.optimizers.Adam(schedule),
                        keras.losses.MeanSquaredError(), x, y.astype("float32"),
                        epochs=18, batch_size=32, seed=17623)


@holdout176("anchorites", healthy=True)
def few_candles(session):
    """Only 192 candles were ever timed (the last 128 more are the probe): a 2x128 relu MLP,
    Adam 2e-3, batches of 16 for 40 epochs. The net memorizes the small set; the training MSE
    keeps creeping toward zero long after it has stopped generalizing, as small data does."""
    keras = _keras()
    x, hours = _candles(192 + PROBE_SIZE, seed=17624)
    y = hours + np.random.default_rng(17625).normal(0.0, 0.3, size=len(hours))
    model = _mlp(keras, 5, [128, 128], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y.astype("float32"), epochs=40, batch_size=16)


@holdout176("anchorites", healthy=True)
def loaves_at_the_window(session):
    """The loaves villagers leave at the anchorite's window each day, a Poisson count whose
    log-rate depends on weather, feast days and the weekday (four standardized columns and
    seven one-hot weekdays): an MLP with an exponential output and the Poisson loss, Adam
    2e-3. The loss settles at the Poisson noise's floor, well above zero."""
    keras = _keras()
    r = np.random.default_rng(17626)
    weather = r.normal(size=(N, 4))
    day = r.integers(0, 7, size=N)
    log_rate = (0.8 + 0.4 * weather[:, 0] - 0.3 * np.abs(weather[:, 1])
                + 0.2 * np.sin(day) + 0.5 * (day == 6))
    y = r.poisson(np.exp(log_rate)).astype("float32")
    x = np.concatenate([weather, np.eye(7)[day]], axis=1).astype("float32")
    model = _mlp(keras, 11, [32, 32], 1, out_activation="exponential")
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x, y[:, None], epochs=16, batch_size=32)


def _fine_tune_rate(session, broken):
    keras = _keras()
    x, hours = _candles(N, seed=17631)
    y = (hours + np.random.default_rng(17632).normal(0.0, 0.2, size=N))[:, None]
    model = _mlp(keras, 5, [64, 64], 1, out_activation=None)
    optimizer = keras.optimizers.SGD(1e-5 if broken else 5e-2, momentum=0.9)
    return _custom_loop(session, model, optimizer, keras.losses.MeanSquaredError(), x,
                        y.astype("float32"), epochs=16, batch_size=32, seed=17633)


@holdout176("anchorites", ["learning_rate_too_low"], stall_begins=None)
def fine_tuning_rate(session):
    """Custom loop: the candle-hours 2x64 relu MLP trained from scratch with SGD (momentum
    0.9) at 1e-5, the rate of the fine-tuning recipe it was copied from. The MSE hardly moves
    from its starting value over 16 epochs; at 5e-2 the same loop reaches the noise floor."""
    return _fine_tune_rate(session, broken=True)


def _forgot_activation(session, broken):
    keras = _keras()
    x, hours = _candles(N, seed=17634)
    y = hours + np.random.default_rng(17635).normal(0.0, 0.2, size=N)
    activation = None if broken else "relu"
    model = keras.Sequential([
        keras.Input((5,)),
        keras.layers.Dense(64, activation=activation),
        keras.layers.Dense(64, activation=activation),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y.astype("float32"), epochs=20, batch_size=32)


@holdout176("anchorites", ["insufficient_capacity"], stall_begins=16)  # approximate
def dense_without_activation(session):
    """The candle-hours net written as Dense(64), Dense(64), Dense(1) with no activation
    argument, so Keras's default (linear) makes the whole stack one linear map. It fits the
    linear part of the burn time within two epochs and then stays at the linear model's MSE,
    many times what the relu version reaches (stall step approximate)."""
    return _forgot_activation(session, broken=True)


def _constant_init(session, broken):
    keras = _keras()
    x, hours = _candles(N, seed=17636)
    y = (hours + np.random.default_rng(17637).normal(0.0, 0.2, size=N))[:, None]
    init = keras.initializers.Constant(0.05) if broken else "glorot_uniform"
    model = _mlp(keras, 5, [64, 64], 1, activation="tanh", out_activation=None,
                 kernel_initializer=init)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3),
                        keras.losses.MeanSquaredError(), x, y.astype("float32"),
                        epochs=16, batch_size=32, seed=17638)


@holdout176("anchorites", ["poor_initialization"], stall_begins=64)  # approximate
def constant_weights(session):
    """Custom loop: the candle-hours 2x64 tanh MLP with every kernel initialized to the
    constant 0.05 ("small weights"). All units of a layer start equal, receive equal gradients
    and stay equal, so the net behaves like one unit per layer; the MSE falls to that model's
    level and stays there, far above the randomly initialized net (stall step approximate)."""
    return _constant_init(session, broken=True)


# ---------------------------------------------------------------------------------------------
# campanologists: tuning the bells


def _conv1d(keras, outputs, out_activation, **kw):
    return keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", **kw),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same", **kw),
        keras.layers.MaxPooling1D(2),
        keras.layers.Flatten(),
        keras.layers.Dense(32, activation="relu", **kw),
        keras.layers.Dense(outputs, activation=out_activation),
    ])


@holdout176("campanologists", healthy=True)
def cracked_bells(session):
    """Which bells are cracked, from their struck spectra: a crack (6% of bells) splits the
    tierce partial and adds a little noise. A Conv1D net with a sigmoid output and binary
    cross-entropy, Adam 2e-3, class_weight 1:8 for the rare cracks. The weighted loss eases
    down slowly for a few epochs, then falls steadily as the net finds the faint split."""
    keras = _keras()
    x, _ = _spectra(N, seed=17641)
    r = np.random.default_rng(17642)
    cracked = (r.random(N) < 0.06).astype("float32")
    grid = np.arange(64)[None, :]
    split = np.exp(-0.5 * ((grid - 21.5) / 1.0) ** 2) * r.uniform(0.2, 0.6, size=(N, 1))
    x = x + (cracked[:, None] * split)[..., None].astype("float32")
    model = _conv1d(keras, 1, "sigmoid")
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit_inputs(session, model, x, cracked[:, None], epochs=16, batch_size=32,
                       class_weight={0: 1.0, 1: 8.0})


@holdout176("campanologists", healthy=True)
def hum_note_plateau_schedule(session):
    """How many cents the hum note is out, from the struck spectrum (the hum partial's
    position plus a little of the nominal's), with measurement noise larger on louder bells.
    A Conv1D regressor, Adam 3e-3 with ReduceLROnPlateau (factor 0.3, patience 2) on the
    training loss: it halves its way down as the loss flattens at the noise floor."""
    keras = _keras()
    r = np.random.default_rng(17643)
    x, _ = _spectra(N, seed=17644, noise=0.2)
    offset = r.normal(0.0, 1.0, size=N)
    grid = np.arange(64)[None, :]
    x = x + (0.8 * np.exp(-0.5 * ((grid - 3.0 - offset[:, None]) / 0.8) ** 2))[..., None]
    loud = r.uniform(0.5, 1.5, size=N)
    y = (offset + r.normal(0.0, 0.25, size=N) * loud).astype("float32")
    model = _conv1d(keras, 1, None)
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    plateau = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=2, min_lr=1e-5)
    return _fit(session, model, x.astype("float32"), y, epochs=24, batch_size=32,
                callbacks=[plateau])


@holdout176("campanologists", healthy=True)
def foundry_marks(session):
    """The foundry's mark (grating orientation) on 16x16 rubbings of the inscription band in
    [0, 1], faint and noisy: a small Conv2D net (two conv layers, pooling, a dense layer),
    Adam 1e-3. The cross-entropy sits near log 4 for about five epochs while the filters
    find the faint gratings, then falls steadily and is still falling at the end."""
    keras = _keras()
    x, y = _gratings(N, seed=17645)
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


def _double_rescale(session, broken):
    keras = _keras()
    x, y = _gratings(N, seed=17651, noise=0.1)
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Rescaling(255.0 if broken else 1.0),
        keras.layers.Conv2D(16, 3, activation="tanh", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="tanh", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Flatten(),
        keras.layers.Dense(32, activation="tanh"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout176("campanologists", ["saturated_activations"], stall_begins=None)
def rescaled_twice(session):
    """The foundry-mark rubbings come from the loader already in [0, 1], but the tanh Conv2D
    net still starts with Rescaling(255.0) (a misread scale argument, meant to undo 0-255
    pixels): every tanh unit's input is hundreds, so the units sit at +-1 with no gradient
    and SGD (momentum 0.9) cannot pull them back. The loss stays near chance; without the
    extra rescaling the same net learns the marks."""
    return _double_rescale(session, broken=True)


def _prior_bias(session, broken):
    keras = _keras()
    x, y = _spectra(N, seed=17652)
    kw = {"bias_initializer": keras.initializers.Constant(-np.log(99.0))} if broken else {}
    model = _conv1d(keras, 4, "softmax", **kw)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout176("campanologists", ["dead_relus"], stall_begins=None)
def prior_bias_everywhere(session):
    """Tuning class from the struck spectrum with the Conv1D net; the author copied the
    focal-loss 'prior probability' bias initializer (-log(99), about -4.6) and passed it to
    every conv and dense layer instead of a rare-class output. The spectra are about 0.3 in
    size, so no relu ever fires, nothing flows back, and the loss stays at log 4."""
    return _prior_bias(session, broken=True)


def _percent_rate(session, broken):
    keras = _keras()
    x, y = _spectra(N, seed=17653)
    model = _conv1d(keras, 4, "softmax")
    model.compile(keras.optimizers.RMSprop(0.5 if broken else 5e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout176("campanologists", ["learning_rate_too_high"], stall_begins=None)
def rate_in_percent(session):
    """Tuning class from the struck spectrum, Conv1D net with RMSprop; the config said the
    rate was '0.5%' and 0.5 was typed. The first updates throw the weights far away and the
    loss wanders at or above log 4 for the rest of the run; at 5e-3 the net learns the
    classes."""
    return _percent_rate(session, broken=True)


# ---------------------------------------------------------------------------------------------
# ringers: the band in the tower


@holdout176("ringers", healthy=True)
def ragged_striking(session):
    """The next blow's striking error from the last 24 blows (error and stroke), where a
    tired band's errors have heavy tails (Student-t with 2.5 degrees of freedom): a GRU(24)
    with Huber loss, Adam 3e-3. The loss falls to the predictable part and flattens there,
    well above zero because the shocks are unpredictable and wild."""
    keras = _keras()
    x, y = _striking(768 + PROBE_SIZE, seed=17661, df=2.5)
    model = keras.Sequential([keras.Input((24, 2)), keras.layers.GRU(24), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.Huber(1.0))
    return _fit(session, model, x, y[:, None], epochs=14, batch_size=32)


@holdout176("ringers", healthy=True)
def method_by_attention(session):
    """Which of four methods was rung, from the 24 bells heard leading (embedded in 16
    dimensions, with a learned position embedding), through one multi-head self-attention
    block and average pooling; Adam 2e-3. Clashes make many touches ambiguous: the loss
    sits near log 4 for a few epochs, then eases down slowly and is still far above zero,
    still improving, at the end."""
    keras = _keras()
    tokens, y = _methods(N, seed=17662, stay=0.45)
    inputs = keras.Input((24,), dtype="int32")
    h = keras.layers.Embedding(9, 16)(inputs)
    positions = keras.ops.arange(24)
    h = h + keras.layers.Embedding(24, 16)(positions)
    attended = keras.layers.MultiHeadAttention(2, 8)(h, h)
    h = keras.layers.LayerNormalization()(h + attended)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inputs, keras.layers.Dense(4, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, tokens, y, epochs=14, batch_size=32)


@holdout176("ringers", healthy=True)
def remembering_the_call(session):
    """The conductor's call, one-hot on the first of 20 steps of tower noise, must be carried
    to the end by an LSTM(16), Adam 3e-3. The loss sits near log 4 while the gates find a way
    to hold the call, then drops (a plateau before a sudden fall, as memory tasks show) and
    ends low."""
    keras = _keras()
    x, y = _cue(N, seed=17663, length=20)
    model = keras.Sequential([keras.Input((20, 4)), keras.layers.LSTM(16),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


def _deep_sigmoid(session, broken):
    keras = _keras()
    x, y = _cue(N, seed=17671, length=20)
    flat = x.reshape(len(x), -1)
    activation = "sigmoid" if broken else "relu"
    model = _mlp(keras, 80, [32] * 10, 4, activation=activation)
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, flat, y, epochs=12, batch_size=32)


@holdout176("ringers", ["vanishing_gradients"], stall_begins=None)
def ten_sigmoid_layers(session):
    """The conductor's call (one-hot on the first of 20 noisy steps), the steps flattened
    into a ten-layer sigmoid MLP (32 units each) out of an old textbook, SGD 0.02 with
    momentum 0.9: each sigmoid layer shrinks the gradient about fourfold, the early layers
    never learn, and the loss stays at log 4. With relu units the same net reads the call."""
    return _deep_sigmoid(session, broken=True)


def _unclipped(session, broken):
    keras = _keras()
    tokens, y = _methods(N, seed=17672, length=30, stay=0.8)
    x = np.eye(9, dtype="float32")[tokens]
    optimizer = keras.optimizers.SGD(0.02, momentum=0.9, clipnorm=None if broken else 1.0)
    model = keras.Sequential([keras.Input((30, 9)), keras.layers.SimpleRNN(64),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(optimizer, "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout176("ringers", ["exploding_gradients"], stall_begins=112)  # approximate
def unclipped_recurrence(session):
    """Method from 30 one-hot bells with a tanh SimpleRNN(64) and SGD 0.02 with momentum
    0.9; the recipe's clipnorm=1.0 was dropped. The loss falls for three or four epochs, then a
    gradient burst through the recurrence throws the recurrent weights far, the bounded tanh
    state saturates (so no NaN) and the loss jumps back to about log 4 and stays there; with
    the clipping the same run learns the methods (stall step approximate)."""
    return _unclipped(session, broken=True)


def _sigmoid_head(session, broken):
    keras = _keras()
    x, _ = _striking(N, seed=17673)
    y = x[:, -6:, 0].mean(axis=1)
    y = ((y - y.mean()) / y.std()).astype("float32")
    model = keras.Sequential([keras.Input((24, 2)), keras.layers.GRU(24),
                              keras.layers.Dense(1, activation="sigmoid" if broken else None)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y[:, None], epochs=12, batch_size=32)


@holdout176("ringers", ["loss_activation_mismatch"], stall_begins=64)  # approximate
def sigmoid_on_striking_errors(session):
    """The band's mean striking error over the last six blows of a 24-blow touch
    (standardized milliseconds, early touches negative), read by a GRU(24) with MSE, Adam
    3e-3; the head was copied from the band's 'late or not' classifier and kept its sigmoid,
    so no prediction can be negative or above one. The MSE falls to the best that range
    allows within two epochs and flattens there, far above the linear-output model (stall
    step approximate)."""
    return _sigmoid_head(session, broken=True)
