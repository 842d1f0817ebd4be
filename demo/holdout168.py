"""The hundred-and-sixty-eighth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four families, each a household of a medieval manor with its own data: the serfs work the open
fields (a strip's six measures and its harvest, a reeve's yield grades, the tithe tally), the
thanes listen for horn calls across a valley (four calls, a pitch and a rhythm, in wind noise),
the earls keep the shire's court rolls and ledgers (rolls as tokens of pleas, manors' scutage),
and the barons read castle plans (12x12 parchments), tax their bridge (heavy-tailed,
heteroscedastic tolls) and harvest their demesne. All data is generated from seeds 16801-16853;
the last PROBE_SIZE rows of every set are the probe and are never trained on.

Healthy half (12 runs, nothing to fix): serfs - a harvest regression whose weather noise grows
with the rain (MSE flattens near 0.75); yield grades with a quarter of them misrecorded, Adam
halved every 5 epochs by a LearningRateScheduler (steps down, levels near 0.72); a custom
GradientTape loop with a Huber loss on Student-t(2) tally errors. Thanes - a Conv1D net on horn
calls drowned in a gale, Adam with linear warm-up and cosine decay (settles near 0.65); a rare
event (~4% positives, a tenth of the labels wrong) with class_weight 8 (still falling at the
end); an LSTM that learns slowly and is still improving after 12 epochs. Earls - a two-input
model (roll tokens through an embedding, manor measures through a Dense) with a Poisson loss and
ReduceLROnPlateau; a MultiHeadAttention classifier over roll tokens with 15% wrong labels and
PiecewiseConstantDecay; a 192-row ledger memorized by a 2x128 MLP over 40 short epochs.
Barons - a CNN on smudged, partly mislabelled plans that sits near ln 4 for a few epochs and then
falls slowly; a custom loop with a pinball (q=0.9) loss on tolls; a GRU forecasting tomorrow's
toll, which flattens at the variance of the day-to-day noise.

Broken half (12 runs, one per cause; each helper `_name(session, broken)` also trains the
corrected version, which was compared against the mistake with `Session(None)`): Adam at 0.5,
a rate copied from an SGD recipe (sits at chance after blowing up; corrected 0.38); a 12-layer
all-sigmoid MLP under SGD (flat at chance; relu + He reaches 0.3); np.log of harvests with two
failed strips, -inf targets read in file order (inf at step 21, NaN after; np.log1p reaches
0.28); a tanh SimpleRNN over 48 steps under SGD 0.3 whose clipnorm=0.5 was lost in copying
(bounces around chance; clipped reaches 0.1); a Conv1D net with conv biases at -3 (flat at
ln 4; zero biases reach 0.15); a GRU under SGD at 1e-5 (flat; 0.05 reaches 0.1); ledger columns
fed raw, rents in pennies beside a rate near 1 (bounces between 15 and 60; standardized 0.19);
Poisson counts (mean 4) through a sigmoid output (pinned at 1.0; softplus below -1.9); L2(1.0)
on a GRU's kernels (chance after the penalty is paid; 0.17 without); sigmoid hidden layers with
bias 6, the forget-gate bias trick misapplied (flat at the target's variance; zero biases reach
0.65); a CNN with Conv2D(1, 3) twice where 16 and 32 filters were meant (creeps 1.39 to 1.38;
intended 0.3); and a custom loop whose relu MLP has kernel_initializer="zeros" (flat at the
target's variance; Glorot reaches 0.09).

Dropped or changed because they did not behave as intended: a relu SimpleRNN with recurrent
gain 1.5 under Adam learned anyway (Adam rescales the exploding gradient), and with gain 2.0 its
loss started near 1e9 and kept falling, so it is not a stall; the clipnorm variant replaced it.
A tanh MLP with kernel stddev 4.0 (saturated) kept improving through its linear read-out of the
saturated units, under Adam and under SGD, so saturation is made by the bias instead. A softmax
output under binary cross-entropy on a multi-label target learned as well as a sigmoid (Keras
3 repairs it through the logits), and a linear output under binary cross-entropy stalled for
160 steps and then escaped; the Poisson-through-sigmoid mismatch replaced both. A
Constant(0.05) kernel init (symmetric units) kept improving slowly, close to the corrected run
on noisy tolls; zeros replaced it. np.log of zero labour days in the inputs froze the relu net
without ever making the loss non-finite, so the -inf went into the targets instead.

Labels: `expected_causes[0]` is the root cause the scenario was built around; only one cause is
given per run. `stall_begins` is the optimizer step (0-based over the whole run) from which the
loss stops improving, None when it never improves. The non-finite run's step (21) is exact
(rows read in file order); the three others were read off the per-step loss and are
approximate: the raw ledger (~20, after the first blow-up settles), the sigmoid Poisson output
(~60, when the rates reach 1) and the L2 GRU (~150, when the penalty has been paid).
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('serfs', 'thanes', 'earls', 'barons')
REGISTRY = []
holdout168 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data: a manor's strips (serfs), a thane's horn calls (thanes), a shire's rolls (earls), a
# baron's castle plans and tolls (barons)


def _strips(n, seed):
    """Open-field strips: soil, rain, labour days, seed sown, slope, manure (standardized) and
    the smooth part of the harvest they bring."""
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(n, 6))
    signal = (np.tanh(1.5 * z[:, 0]) + 0.7 * z[:, 1] - 0.4 * z[:, 1] ** 2 + 0.5 * z[:, 2] * z[:, 3]
              + 0.4 * np.sin(2.0 * z[:, 4]) + 0.2 * z[:, 5])
    return z.astype("float32"), signal.astype("float32")


def _grades(signal, classes=3):
    """The reeve's yield grade: the signal cut at its quantiles."""
    cuts = np.quantile(signal, np.linspace(0, 1, classes + 1)[1:-1])
    return np.digitize(signal, cuts).astype("int32")


def _horn_calls(n, seed, length=32, noise=0.4):
    """A horn call heard across a valley: one of four calls (a pitch and a rhythm), random
    phase, wind noise. Returns (n, length, 1) sequences and the call's id."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, size=n)
    t = np.arange(length)[None, :]
    freq = np.array([0.08, 0.14, 0.08, 0.14])[y][:, None]
    pulse = np.array([1.0, 1.0, 0.0, 0.0])[y][:, None]
    phase = rng.uniform(0, 2 * np.pi, size=(n, 1))
    wave = np.sin(2 * np.pi * freq * t + phase)
    envelope = 1.0 + 0.8 * pulse * np.sign(np.sin(2 * np.pi * t / 8.0 + phase))
    x = wave * envelope + rng.normal(0, noise, size=(n, length))
    return x[..., None].astype("float32"), y.astype("int32")


def _rolls(n, seed, length=16, vocab=48):
    """A shire's court roll as tokens: each entry names pleas (tokens 0..vocab-1). Returns the
    tokens and four multi-label flags (which of four plea groups appear)."""
    rng = np.random.default_rng(seed)
    tokens = rng.integers(1, vocab, size=(n, length))
    groups = tokens % 4
    counts = np.stack([(groups == g).sum(axis=1) for g in range(4)], axis=1)
    flags = (counts >= np.median(counts, axis=0, keepdims=True) + 1).astype("float32")
    return tokens.astype("int32"), flags, counts


def _plans(n, seed, size=12, noise=0.3):
    """A baron's castle plans: a keep (square), a cross, a ring or a wall (bar), drawn at a
    random place on a noisy size x size parchment."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, size=n)
    x = rng.normal(0, noise, size=(n, size, size))
    for i, c in enumerate(y):
        r, q = rng.integers(1, size - 6, size=2)
        if c == 0:
            x[i, r:r + 4, q:q + 4] += 1.0
        elif c == 1:
            x[i, r + 2, q:q + 5] += 1.0
            x[i, r:r + 5, q + 2] += 1.0
        elif c == 2:
            x[i, r:r + 5, q:q + 5] += 1.0
            x[i, r + 1:r + 4, q + 1:q + 4] -= 1.0
        else:
            x[i, r:r + 5, q + 2] += 1.0
            x[i, r:r + 5, q + 3] += 1.0
    return x[..., None].astype("float32"), y.astype("int32")


def _tolls(n, seed):
    """River tolls at a baron's bridge: barges, load, season, weather, market day (standardized)
    and the day's toll, whose spread grows with the traffic."""
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(n, 5))
    mean = 2.0 + 0.8 * z[:, 0] + 0.5 * np.sin(1.5 * z[:, 1]) + 0.4 * z[:, 2] * z[:, 3]
    spread = 0.3 + 0.5 * np.abs(z[:, 0])
    toll = mean + spread * rng.standard_t(3, size=n)
    return z.astype("float32"), toll.astype("float32")


# ---------------------------------------------------------------------------------------------
# broken runs: each helper trains the mistaken version (broken=True) or the corrected one


def _reeve_grades_adam(session, broken):
    """Yield grade of a strip from its six measures, 2x64 relu MLP with Adam. The mistake: the
    learning rate 0.5 is copied from an SGD recipe into Adam (meant 1e-3)."""
    keras = _keras()
    x, signal = _strips(N, seed=16801)
    y = _grades(signal)
    model = _mlp(keras, 6, [64, 64], 3)
    model.compile(keras.optimizers.Adam(0.5 if broken else 1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _deep_sigmoid_harvest(session, broken):
    """Yield grade with a 12-layer MLP of width 32 and SGD with momentum. The mistake: every
    hidden layer is sigmoid (from an old textbook) instead of relu with He init."""
    keras = _keras()
    x, signal = _strips(N, seed=16802)
    y = _grades(signal)
    if broken:
        model = _mlp(keras, 6, [32] * 12, 3, activation="sigmoid")
    else:
        model = _mlp(keras, 6, [32] * 12, 3, kernel_initializer="he_normal")
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


FAILED_STRIP_ROW = 700  # in file order, batch 32: first read in step 21 (700 // 32)


def _log_bushels(session, broken):
    """Harvest regression on the log of the bushels a strip brought in, 2x64 relu MLP, Adam
    1e-3, MSE. Two strips failed outright (0 bushels) and np.log turns them into -inf targets
    (np.log1p was meant). The rows are read in file order (shuffle=False, sorted by parish), so
    the loss is finite for 21 steps, then inf, and NaN once the weights have taken the step."""
    keras = _keras()
    x, signal = _strips(N, seed=16803)
    rng = np.random.default_rng(16803)
    bushels = np.maximum(1.0, np.round(np.exp(2.5 + 0.5 * signal
                                              + rng.normal(0, 0.2, size=len(signal)))))
    bushels[FAILED_STRIP_ROW:FAILED_STRIP_ROW + 2] = 0.0
    with np.errstate(divide="ignore"):
        y = (np.log(bushels) if broken else np.log1p(bushels)).astype("float32")
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32, shuffle=False)


def _unclipped_rnn_horns(session, broken):
    """Horn calls heard over 48 steps with a tanh SimpleRNN(32) and plain SGD at 0.3. The
    mistake: the recipe's clipnorm=0.5 was left out when the optimizer line was copied, so the
    occasional gradient spike through the 48 steps throws the recurrent weights off."""
    keras = _keras()
    x, y = _horn_calls(N, seed=16804, length=48)
    clip = {} if broken else {"clipnorm": 0.5}
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.SimpleRNN(32),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.3, **clip), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _dead_conv_horns(session, broken):
    """Horn calls with a Conv1D net (16 and 32 relu filters, global pooling). The mistake: a
    bias_initializer of -3 copied from a sparse-coding recipe, so the filters start silent."""
    keras = _keras()
    x, y = _horn_calls(N, seed=16805)
    bias = keras.initializers.Constant(-3.0 if broken else 0.0)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _gru_horns_sgd(session, broken):
    """Horn calls with a GRU(24) and SGD with momentum 0.9. The mistake: learning_rate=1e-5, the
    fine-tuning rate from another project (meant 0.05)."""
    keras = _keras()
    x, y = _horn_calls(N, seed=16806)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(24),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.SGD(1e-5 if broken else 0.05, momentum=0.9),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _shire_ledger(session, broken):
    """Will a manor pay its scutage? Features from the shire ledger in their own units: rents in
    pennies (~2e4), acres (~300), households (~40), mills (~2), distance to the hundred court in
    furlongs (~60). The mistake: the columns go in raw (the fixed run standardizes them)."""
    keras = _keras()
    z, signal = _strips(N, seed=16807)
    scale = np.array([8000.0, 120.0, 15.0, 1.0, 25.0, 0.3])
    offset = np.array([20000.0, 300.0, 40.0, 2.0, 60.0, 1.0])
    raw = (z * scale + offset).astype("float32")
    x = raw if broken else _standardize(raw)
    y = (signal > np.median(signal)).astype("int32")
    model = _mlp(keras, 6, [64, 64], 2)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _plea_counts(session, broken):
    """Court rolls: how many pleas of each of four groups a roll holds (counts 0..12, mean 4),
    from the roll's tokens through an Embedding(48, 16) and average pooling, Poisson loss, Adam
    3e-3. The mistake: a sigmoid output layer (copied from the flags version of the model), so
    the predicted rates can never exceed 1; the fixed run uses a softplus output."""
    keras = _keras()
    tokens, _, counts = _rolls(N, seed=16808)
    model = keras.Sequential([
        keras.Input(tokens.shape[1:], dtype="int32"),
        keras.layers.Embedding(48, 16),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="sigmoid" if broken else "softplus"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit(session, model, tokens, counts.astype("float32"), epochs=12, batch_size=32)


def _sheriff_gru(session, broken):
    """Horn calls relayed by the sheriff's men, a GRU(24) with Adam 3e-3. The mistake: L2(1.0)
    on the kernel and recurrent kernel (a weight decay of 1e-4 read off as 1.0)."""
    keras = _keras()
    x, y = _horn_calls(N, seed=16809)
    reg = dict(kernel_regularizer=keras.regularizers.L2(1.0),
               recurrent_regularizer=keras.regularizers.L2(1.0)) if broken else {}
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(24, **reg),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _sigmoid_harvest_bias(session, broken):
    """Harvest regression with a 3x64 sigmoid MLP, MSE, Adam 1e-3. The mistake:
    bias_initializer=Constant(6.0) on every hidden layer, the LSTM 'open the forget gate' bias
    trick misapplied: every sigmoid unit starts at ~0.998 for every strip."""
    keras = _keras()
    x, signal = _strips(N, seed=16810)
    y = (signal + np.random.default_rng(16810).normal(0, 0.2, size=len(signal))).astype("float32")
    bias = keras.initializers.Constant(6.0 if broken else 0.0)
    model = _mlp(keras, 6, [64, 64, 64], 1, activation="sigmoid", out_activation=None,
                 bias_initializer=bias)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _plan_reader(session, broken):
    """Castle plans with a two-layer CNN and Adam 2e-3. The mistake: Conv2D(1, 3) where
    Conv2D(16, 3) was meant (filters and channels confused), so one feature map carries all."""
    keras = _keras()
    x, y = _plans(N, seed=16811)
    f1, f2 = (1, 1) if broken else (16, 32)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(f1, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(f2, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _constant_init_harvest(session, broken):
    """Custom GradientTape loop, harvest regression with a 3x64 relu MLP and Adam 1e-3, MSE. The
    mistake: kernel_initializer="zeros" (copied from the linear-model version), so every relu
    unit outputs 0, no kernel gets a gradient, and only the output bias can move."""
    keras = _keras()
    x, signal = _strips(N, seed=16812)
    y = (signal + np.random.default_rng(16812).normal(0, 0.2, size=len(signal))).astype("float32")
    init = "zeros" if broken else "glorot_uniform"
    model = _mlp(keras, 6, [64, 64, 64], 1, out_activation=None, kernel_initializer=init)
    return _custom_loop(session, model, keras.optimizers.Adam(1e-3),
                        keras.losses.MeanSquaredError(), x, y, epochs=12, batch_size=32,
                        seed=16812)


# ---------------------------------------------------------------------------------------------
# serfs: the manor's open fields


@holdout168("serfs", healthy=True)
def harvest_uneven_weather(session):
    """A strip's harvest from its six measures, 2x64 relu MLP, Adam 1e-3, MSE, 15 epochs. The
    weather noise is heteroscedastic (its spread grows with the rain), so the loss flattens
    around 0.75 instead of falling to zero: the irreducible part of the harvest."""
    keras = _keras()
    x, signal = _strips(N, seed=16821)
    rng = np.random.default_rng(16821)
    y = (signal + (0.3 + 0.6 * np.abs(x[:, 1])) * rng.normal(size=len(signal))).astype("float32")
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout168("serfs", healthy=True)
def grades_misrecorded_step_decay(session):
    """The reeve's yield grade (3 classes) where a quarter of the grades were misrecorded at
    random, 2x64 relu MLP, Adam 2e-3 halved every 5 epochs by a LearningRateScheduler, 15
    epochs: the loss steps down a little at each halving and levels well above zero."""
    keras = _keras()
    x, signal = _strips(N, seed=16822)
    y = _grades(signal)
    rng = np.random.default_rng(16822)
    wrong = rng.random(len(y)) < 0.25
    y[wrong] = rng.integers(0, 3, size=int(wrong.sum()))
    model = _mlp(keras, 6, [64, 64], 3)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    schedule = keras.callbacks.LearningRateScheduler(lambda epoch, lr: 2e-3 * 0.5 ** (epoch // 5))
    return _fit(session, model, x, y, epochs=15, batch_size=32, callbacks=[schedule])


@holdout168("serfs", healthy=True)
def huber_tithe_loop(session):
    """Custom GradientTape loop: the tithe barn's tally per strip, whose errors are heavy-tailed
    (Student t with 2 degrees of freedom: a few strips miscounted badly), 2x64 relu MLP with a
    Huber loss and Adam 1e-3, 12 epochs; flattens at the level the outliers leave."""
    keras = _keras()
    x, signal = _strips(N, seed=16823)
    rng = np.random.default_rng(16823)
    y = (signal + 0.5 * rng.standard_t(2, size=len(signal))).astype("float32")
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.Adam(1e-3), keras.losses.Huber(),
                        x, y, epochs=12, batch_size=32, seed=16823)


@holdout168("serfs", ["learning_rate_too_high"])
def reeve_grades_adam_half(session):
    """Yield grade of a strip from its six measures, 2x64 relu MLP, Adam at 0.5: a rate copied
    from an SGD recipe into Adam (1e-3 meant). The first steps blow the weights up, then the
    loss sits at the three-class chance level (~1.1) for the rest of the run."""
    return _reeve_grades_adam(session, broken=True)


@holdout168("serfs", ["vanishing_gradients"])
def twelve_sigmoid_layers(session):
    """Yield grade with a 12-layer, 32-wide MLP whose hidden layers are all sigmoid (from an old
    textbook), SGD 0.02 with momentum: the gradient fades layer by layer and the loss never
    leaves the chance level, where the same net with relu and He init learns."""
    return _deep_sigmoid_harvest(session, broken=True)


@holdout168("serfs", ["non_finite_values"], stall_begins=FAILED_STRIP_ROW // 32)
def log_of_failed_strips(session):
    """Log-bushels regression where two failed strips (0 bushels) become -inf targets through
    np.log (np.log1p meant), rows in file order: the loss is finite for 21 steps, then inf and
    NaN for the rest of the 8 epochs."""
    return _log_bushels(session, broken=True)


# ---------------------------------------------------------------------------------------------
# thanes: horn calls across the valley


@holdout168("thanes", healthy=True)
def horns_in_a_gale_warmup_cosine(session):
    """Horn-call classification in a gale (noise 1.1 against a unit signal), Conv1D 16/32 relu
    net, Adam with a linear warm-up to 3e-3 over 60 steps then cosine decay to 0 over the run,
    12 epochs: the loss settles well above zero because many calls are drowned by the wind."""
    keras = _keras()
    x, y = _horn_calls(N, seed=16831, noise=1.1)
    steps = 12 * -(-(N - PROBE_SIZE) // 32)
    schedule = keras.optimizers.schedules.CosineDecay(
        1e-4, decay_steps=steps - 60, warmup_target=3e-3, warmup_steps=60)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout168("thanes", healthy=True)
def rare_raid_warnings(session):
    """Will raiders come tonight? A rare event (about 4% of nights) from six watch measures,
    with a tenth of the labels wrong; 2x32 relu MLP with a sigmoid output, binary
    cross-entropy, class_weight {0: 1, 1: 8}, Adam 1e-3, 12 epochs: the weighted loss falls
    steadily and is still well above zero at the end, since the rare class overlaps the
    common one."""
    keras = _keras()
    x, signal = _strips(N, seed=16832)
    rng = np.random.default_rng(16832)
    y = (signal + rng.normal(0, 0.4, size=len(signal)) > 2.0).astype("float32")
    model = _mlp(keras, 6, [32, 32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    history = model.fit(x[:-PROBE_SIZE], y[:-PROBE_SIZE], epochs=12, batch_size=32, verbose=0,
                        class_weight={0: 1.0, 1: 8.0},
                        callbacks=session.callbacks((x[-PROBE_SIZE:], y[-PROBE_SIZE:])))
    return history.history["loss"]


@holdout168("thanes", healthy=True)
def lstm_learning_the_calls(session):
    """Horn calls with an LSTM(16) and Adam 1e-3, 12 epochs: a slow, steady descent that is
    still going at the end of the run (more epochs would help; nothing is wrong)."""
    keras = _keras()
    x, y = _horn_calls(N, seed=16833, noise=0.6)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(16),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout168("thanes", ["exploding_gradients"])
def rnn_without_its_clipnorm(session):
    """Horn calls over 48 steps with a tanh SimpleRNN(32) and plain SGD at 0.3, with the
    recipe's clipnorm=0.5 lost in copying: gradient spikes through the 48 steps throw the
    recurrent weights about and the loss bounces around chance (~1.4) for the whole run, where
    the clipped run falls to ~0.1."""
    return _unclipped_rnn_horns(session, broken=True)


@holdout168("thanes", ["dead_relus"])
def silent_horn_filters(session):
    """Horn calls with a Conv1D relu net whose conv biases start at -3 (copied from a
    sparse-coding recipe): the filters never fire, and the loss stays at ln 4 for 12 epochs."""
    return _dead_conv_horns(session, broken=True)


@holdout168("thanes", ["learning_rate_too_low"])
def gru_at_fine_tuning_rate(session):
    """Horn calls with a GRU(24) and SGD with momentum at 1e-5 (a fine-tuning rate from another
    project; 0.05 meant): the loss does not move from chance over 384 steps."""
    return _gru_horns_sgd(session, broken=True)


# ---------------------------------------------------------------------------------------------
# earls: the shire's rolls and ledgers


@holdout168("earls", healthy=True)
def pleas_from_roll_and_manor(session):
    """Two inputs: a court roll's tokens (Embedding 48x8, average pooling) and its manor's six
    measures (Dense 32); the number of pleas next session is Poisson around a rate set by both.
    Softplus output, Poisson loss, Adam 3e-3 with ReduceLROnPlateau on the training loss
    (factor 0.5, patience 2), 15 epochs: flattens at the Poisson noise floor."""
    keras = _keras()
    tokens, _, counts = _rolls(N, seed=16841)
    z, signal = _strips(N, seed=16842)
    rng = np.random.default_rng(16841)
    rate = np.exp(0.8 + 0.25 * (counts[:, 0] - 4) + 0.4 * signal)
    y = rng.poisson(rate).astype("float32")
    roll_in = keras.Input(tokens.shape[1:], dtype="int32")
    manor_in = keras.Input((6,))
    a = keras.layers.GlobalAveragePooling1D()(keras.layers.Embedding(48, 8)(roll_in))
    b = keras.layers.Dense(32, activation="relu")(manor_in)
    h = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([a, b]))
    model = keras.Model([roll_in, manor_in], keras.layers.Dense(1, activation="softplus")(h))
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=2)
    history = model.fit([tokens[:-PROBE_SIZE], z[:-PROBE_SIZE]], y[:-PROBE_SIZE], epochs=15,
                        batch_size=32, verbose=0,
                        callbacks=[plateau] + session.callbacks(
                            ([tokens[-PROBE_SIZE:], z[-PROBE_SIZE:]], y[-PROBE_SIZE:])))
    return history.history["loss"]


@holdout168("earls", healthy=True)
def attention_over_the_roll(session):
    """Does a roll hold more pleas of the first group than of the second? Tokens through an
    Embedding(48, 16), one MultiHeadAttention layer (2 heads) with a residual, average pooling
    and a softmax; 15% of the clerks' answers are wrong. Adam with PiecewiseConstantDecay
    (3e-3, then 1e-3 after 200 steps, 3e-4 after 350), 14 epochs: flattens above zero."""
    keras = _keras()
    tokens, _, counts = _rolls(N, seed=16843)
    y = (counts[:, 0] > counts[:, 1]).astype("int32")
    rng = np.random.default_rng(16843)
    flip = rng.random(len(y)) < 0.15
    y[flip] = 1 - y[flip]
    inputs = keras.Input(tokens.shape[1:], dtype="int32")
    e = keras.layers.Embedding(48, 16)(inputs)
    h = keras.layers.LayerNormalization()(
        e + keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(e, e))
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(h))
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([200, 350], [3e-3, 1e-3, 3e-4])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, tokens, y, epochs=14, batch_size=32)


@holdout168("earls", healthy=True)
def small_ledger_memorized(session):
    """Only 192 manors in the ledger: scutage paid or not from six standardized measures, 2x128
    relu MLP, Adam 3e-3, 40 epochs of 6 steps: the training loss keeps falling toward zero as
    the net memorizes the few manors (overfitting, which the training loss does not show)."""
    keras = _keras()
    x, signal = _strips(192 + PROBE_SIZE, seed=16844)
    rng = np.random.default_rng(16844)
    y = (signal + rng.normal(0, 0.5, size=len(signal)) > 0.0).astype("int32")
    model = _mlp(keras, 6, [128, 128], 2)
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=32)


@holdout168("earls", ["unnormalized_inputs"], stall_begins=20)  # approximate
def ledger_in_pennies(session):
    """Will a manor pay its scutage? Ledger columns fed raw (rents in pennies ~2e4, acres ~300,
    households ~40, mills ~2, furlongs ~60, a rate ~1) to a 2x64 relu MLP with Adam 1e-3: the
    loss drops from its first blow-up and then bounces between 15 and 60 for the whole run,
    where the standardized columns reach ~0.2."""
    return _shire_ledger(session, broken=True)


@holdout168("earls", ["loss_activation_mismatch"], stall_begins=60)  # approximate
def plea_rates_through_sigmoid(session):
    """Counts of four plea groups per roll (mean ~4) through an Embedding model with a sigmoid
    output and Poisson loss: the rates climb to 1 within ~60 steps and stay there, at a loss
    of 1.0 where a softplus output reaches below -1.9."""
    return _plea_counts(session, broken=True)


@holdout168("earls", ["over_regularization"], stall_begins=150)  # approximate
def sheriffs_decay_of_one(session):
    """Horn calls relayed by the sheriff's men: GRU(24) with L2(1.0) on its kernel and recurrent
    kernel (a weight decay of 1e-4 read as 1.0), Adam 3e-3. The penalty pulls the loss from
    23 down to chance over ~150 steps, where it stays (~1.37); without it the GRU reaches 0.17."""
    return _sheriff_gru(session, broken=True)


# ---------------------------------------------------------------------------------------------
# barons: castle plans, bridge tolls and the demesne


@holdout168("barons", healthy=True)
def smudged_castle_plans(session):
    """Castle plans on smudged parchment (noise 0.9) with a tenth of the plans mislabelled by
    the clerk, CNN of 16 and 32 relu filters with global max pooling, Adam 2e-3, 12 epochs:
    the loss sits near ln 4 for a few epochs, then falls slowly and is still falling at the end,
    far above zero because of the smudges and the wrong labels."""
    keras = _keras()
    x, y = _plans(N, seed=16851, noise=0.9)
    rng = np.random.default_rng(16851)
    wrong = rng.random(len(y)) < 0.1
    y[wrong] = rng.integers(0, 4, size=int(wrong.sum()))
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout168("barons", healthy=True)
def toll_ninetieth_percentile_loop(session):
    """Custom GradientTape loop: the 90th percentile of a day's bridge toll (heavy-tailed,
    spread growing with traffic) with a pinball loss, 2x64 relu MLP, Adam 2e-3, 12 epochs:
    the quantile loss flattens at its own positive floor."""
    import tensorflow as tf

    keras = _keras()
    x, toll = _tolls(N, seed=16852)

    def pinball(y_true, y_pred):
        err = tf.reshape(y_true, (-1, 1)) - y_pred
        return tf.reduce_mean(tf.maximum(0.9 * err, -0.1 * err))

    model = _mlp(keras, 5, [64, 64], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), pinball, x, toll,
                        epochs=12, batch_size=32, seed=16852, loss_description="pinball q=0.9")


@holdout168("barons", healthy=True)
def tomorrows_toll_gru(session):
    """Tomorrow's toll from the last 20 days' tolls (a seasonal, autoregressive series with
    day-to-day noise), GRU(16), Adam 2e-3, MSE, 12 epochs: the loss falls quickly and then
    flattens at the variance of the unpredictable day-to-day part (~0.25)."""
    keras = _keras()
    rng = np.random.default_rng(16853)
    n, length = N, 20
    t = np.arange(length + 1)[None, :] + rng.integers(0, 365, size=(n, 1))
    season = np.sin(2 * np.pi * t / 30.0) * rng.uniform(0.5, 1.5, size=(n, 1))
    level = np.zeros((n, length + 1))
    for k in range(1, length + 1):
        level[:, k] = 0.8 * level[:, k - 1] + rng.normal(0, 0.5, size=n)
    series = season + level
    x = series[:, :-1, None].astype("float32")
    y = series[:, -1].astype("float32")
    model = keras.Sequential([keras.Input((length, 1)), keras.layers.GRU(16),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout168("barons", ["saturated_activations"])
def demesne_gates_held_open(session):
    """Harvest of the baron's demesne strips with a 3x64 sigmoid MLP, MSE, Adam 1e-3, and
    bias_initializer=Constant(6.0) on every hidden layer (the LSTM forget-gate bias trick
    misapplied): every unit sits at ~0.998 for every strip and the loss stays at the
    target's variance (~1.86), where zero biases reach 0.65."""
    return _sigmoid_harvest_bias(session, broken=True)


@holdout168("barons", ["insufficient_capacity"])
def one_filter_plan_reader(session):
    """Castle plans with a CNN of Conv2D(1, 3) twice (16 and 32 filters meant; filters confused
    with the parchment's single channel): one feature map cannot tell four plans apart, and the
    loss creeps from 1.38 to 1.34 in 12 epochs where the intended CNN reaches 0.3."""
    return _plan_reader(session, broken=True)


@holdout168("barons", ["poor_initialization"])
def zero_kernels_custom_loop(session):
    """Custom GradientTape loop, demesne harvest regression with a 3x64 relu MLP, Adam 1e-3,
    and kernel_initializer="zeros" (copied from the linear version): every relu outputs 0, no
    kernel gets a gradient, and the loss stays at the target's variance (~1.6)."""
    return _constant_init_harvest(session, broken=True)
