"""The hundred-and-fifty-second held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Twenty-four small trainings in four families, each told as a trade's everyday problem:
programmers (change requests, commit messages, CI builds), testers (test histories, runner
CPU traces, bug counts, soak tests), architects (floor-plan grids, beams, site surveys,
facade sensors) and planners (ridership, project durations, schedules, zoning, milestones).
Every data set is generated here from its own seed (15201..15272); the last PROBE_SIZE rows
are the probe and are never trained on.

Healthy half (twelve runs, nothing to fix; they flatten above zero or in unusual ways):
programmers - build minutes regressed with Huber loss under Student-t queueing noise; a
commit-kind classifier (Embedding + average pooling) on labels of which 25% are random; a
custom GradientTape loop flagging rare (about 10%) reverted changes from a noisy rule.
Testers - a flaky-test detector on a ~6% positive class with class_weight; a Conv1D
failed-run detector on CPU traces under a PiecewiseConstantDecay schedule; bug counts with an
exponential output and Poisson loss (whose values are negative in Keras). Architects - a
room-kind CNN on floor-plan grids under warm-up then cosine decay to zero; a 90th-percentile
(pinball) regression of beam deflection with heteroscedastic scatter; a wide MLP on only 192
surveyed sites that memorizes them over 40 epochs. Planners - a GRU ridership forecast with
irreducible noise and ReduceLROnPlateau; a two-input project-duration model (numbers plus a
contractor Embedding) with log-normal overrun noise; a self-attention schedule-conflict
detector that flattens near 0.1 and creeps.

Broken half (twelve runs, one per cause; each helper `_name(session, broken)` also trains the
fixed version, and every broken run was checked with Session(None) to level off far above
its fix): programmers - RMSprop at 1.0 where 1e-3 was meant on the commit-kind model
(learning_rate_too_high); an engineered log(deleted / added) feature that is +inf for two
pure-deletion changes read in file order, so the loss turns NaN at a known step and the run
goes on (non_finite_values); a custom-loop relu MLP with hidden biases initialized to -2.5
(dead_relus). Testers - a tanh SimpleRNN whose recurrent kernel starts Orthogonal(gain=3),
chaotic and with huge erratic gradients but a finite loss (exploding_gradients); a tanh
Conv1D net given a raw Unix-time channel (~1.7e9) beside the standardized trace
(unnormalized_inputs); a sigmoid MLP with hidden biases +12, whose slope is ~6e-6 for every
input even under Adam (saturated_activations). Architects - ten stacked sigmoid Conv1D
layers under SGD, where relu learns (vanishing_gradients); a CNN with every kernel
initialized to zeros (poor_initialization); an MLP whose hidden Dense layers have no
activation, so the network is linear (insufficient_capacity). Planners - an LSTM forecast
under SGD at 1e-5 (learning_rate_too_low); L2(1.0) on every kernel where 1e-4 was meant
(over_regularization); a sigmoid output for percentages never divided by 100
(loss_activation_mismatch).

Dropped or changed because they did not behave as intended: a softmax output for a
multi-label target under binary cross-entropy (Keras trains it through its logits, so it
learned exactly as well as the sigmoid); a sigmoid output under hinge loss in its place
(it kept creeping toward its 0.5 floor instead of stalling); a 1-unit bottleneck layer for
insufficient capacity (it kept learning slowly through the whole run, so the linear-network
mistake replaced it); the division-by-zero feature first fed a relu net, whose loss stayed
finite and frozen instead of turning NaN, so that net uses tanh; the trace fed in raw CPU
milliseconds, then microseconds, to a tanh Conv1D net (in one run of two the saturated
filters still found the bursts slowly, so the raw clock channel replaced it).

Labels: `expected_causes` holds the one root cause each broken run was built around.
`stall_begins` is the 0-based optimizer step (batches over the whole run) from which the
broken loss stops improving, or None when it never improves beyond the first few steps. The
NaN step of the division-by-zero run is exact (file order, batch 32); the others marked
"approximate" next to their decorator were read off the per-step loss of a Session(None)
run, in blocks of 16 steps (the loss first falls to the constant-guess or capacity level,
then stays there).
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _split, registrar

FAMILIES = ("programmers", "testers", "architects", "planners")

REGISTRY = []
holdout152 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data: each family's trade, generated from fixed seeds (15200..15299)


def _rng(seed):
    return np.random.default_rng(seed)


def _change_table(n, seed):
    """A programmer's change request: 8 standardized features (files touched, lines added and
    deleted, reviewers, tests touched, author tenure, dependency bumps, hour of day) and a
    smooth nonlinear 'review effort' score built from them."""
    r = _rng(seed)
    x = r.normal(0.0, 1.0, size=(n, 8))
    score = (np.tanh(x[:, 0] + 0.5 * x[:, 1]) * 1.5 + 0.8 * x[:, 2] * x[:, 3]
             - 0.6 * np.abs(x[:, 4]) + 0.5 * np.sin(2.0 * x[:, 5]) + 0.3 * x[:, 6])
    return x.astype("float32"), score.astype("float32")


def _commit_tokens(n, seed, length=20, vocab=200, classes=4, noise=0.0):
    """Commit messages as token ids: each kind of commit (fix, feature, refactor, docs) draws
    a few of its own marker words among common filler words. `noise` relabels that fraction
    of the commits at random (the labels came from a hurried manual triage)."""
    r = _rng(seed)
    y = r.integers(0, classes, size=n)
    x = r.integers(classes * 10, vocab, size=(n, length))
    for i in range(n):
        where = r.choice(length, size=3, replace=False)
        x[i, where] = y[i] * 10 + r.integers(0, 10, size=3)
    if noise:
        flip = r.random(n) < noise
        y = np.where(flip, r.integers(0, classes, size=n), y)
    return x.astype("int32"), y.astype("int32")


def _test_traces(n, seed, length=48):
    """A tester's per-second trace of a test run (CPU load of the runner, standardized): a
    failing run shows a burst somewhere in the trace; the label is whether the run failed."""
    r = _rng(seed)
    y = r.integers(0, 2, size=n)
    t = np.arange(length)
    x = 0.3 * np.sin(2 * np.pi * t[None, :] / r.uniform(8, 16, size=(n, 1)))
    x = x + r.normal(0.0, 0.5, size=(n, length))
    start = r.integers(0, length - 8, size=n)
    for i in np.flatnonzero(y):
        x[i, start[i]:start[i] + 6] += 1.5
    return x[..., None].astype("float32"), y.astype("int32")


def _floor_plans(n, seed, size=12):
    """An architect's floor plans as size x size occupancy grids: a rectangular room of random
    extent, a few wall pixels of clutter. Returns (grid, room kind 0..3, area in cells)."""
    r = _rng(seed)
    x = (r.random((n, size, size)) < 0.05).astype("float32")
    kind = r.integers(0, 4, size=n)
    area = np.zeros(n, dtype="float32")
    for i in range(n):
        h = 2 + kind[i] * 2 + r.integers(0, 2)
        w = 2 + kind[i] * 2 + r.integers(0, 2)
        top, left = r.integers(0, size - h + 1), r.integers(0, size - w + 1)
        x[i, top:top + h, left:left + w] = 1.0
        area[i] = h * w
    return x[..., None], kind.astype("int32"), area


def _demand_series(n, seed, length=24):
    """A planner's hourly passenger counts at a stop (standardized): a daily-cycle sine with
    random phase and level; the target is the next hour's count."""
    r = _rng(seed)
    phase = r.uniform(0, 2 * np.pi, size=(n, 1))
    level = r.normal(0.0, 0.5, size=(n, 1))
    t = np.arange(length + 1)[None, :]
    noise = r.normal(0.0, 0.15, size=(n, length + 1))
    series = level + np.sin(2 * np.pi * t / 12.0 + phase) + noise
    return series[:, :-1, None].astype("float32"), series[:, -1].astype("float32")


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, callbacks=(), **fit_kw):
    """`_fit` for a model with several inputs: the last PROBE_SIZE rows of every input are the
    probe. Returns the per-epoch mean training loss."""
    train = [x[:-PROBE_SIZE] for x in inputs]
    probe = ([x[-PROBE_SIZE:] for x in inputs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        verbose=0, callbacks=list(callbacks) + session.callbacks(probe),
                        **fit_kw)
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# programmers: healthy


@holdout152("programmers", healthy=True)
def build_minutes_heavy_tail(session):
    """Build-time regression: a 2x64 relu MLP predicts a CI build's minutes from 8 change
    features with Huber loss and Adam 1e-3; the builds carry Student-t (3 d.o.f.) queueing
    noise that no feature explains, so the loss flattens well above zero after a steady fall."""
    keras = _keras()
    x, score = _change_table(N, seed=15201)
    noise = _rng(15202).standard_t(3, size=N) * 0.6
    y = (score + noise).astype("float32")
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), keras.losses.Huber(delta=1.0))
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout152("programmers", healthy=True)
def commit_kind_noisy_labels(session):
    """Commit-kind classifier: Embedding(200, 16) + GlobalAveragePooling1D + relu Dense over
    20-token commit messages, Adam 3e-3; 25% of the labels were assigned at random by a
    hurried triage, so cross-entropy falls fast to the noise floor (~0.7) and then only
    creeps below it as the net starts memorizing the mislabeled commits."""
    keras = _keras()
    x, y = _commit_tokens(N, seed=15203, noise=0.25)
    model = keras.Sequential([
        keras.Input((20,), dtype="int32"),
        keras.layers.Embedding(200, 16),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout152("programmers", healthy=True)
def risky_change_custom_loop(session):
    """Custom GradientTape loop: a 2x32 relu MLP flags changes that will be reverted (about 10%
    of them, decided by a noisy logistic rule on the change features) with binary
    cross-entropy on logits and Adam 2e-3; the loss falls quickly from the prior and then
    creeps down slowly toward the noise floor of the rule."""
    keras = _keras()
    x, score = _change_table(N, seed=15204)
    logit = 1.6 * score - 3.2 + _rng(15205).logistic(0.0, 0.6, size=N)
    y = (logit > 0).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    loss = keras.losses.BinaryCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), loss, x, y,
                        epochs=12, batch_size=32, seed=15206)


# ---------------------------------------------------------------------------------------------
# programmers: broken


def _commit_kind_bag(session, broken):
    keras = _keras()
    x, y = _commit_tokens(N, seed=15210)
    model = keras.Sequential([
        keras.Input((20,), dtype="int32"),
        keras.layers.Embedding(200, 16),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    rate = 1.0 if broken else 1e-3
    model.compile(keras.optimizers.RMSprop(rate), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout152("programmers", ["learning_rate_too_high"], stall_begins=None)
def commit_kind_rmsprop_rate_one(session):
    """Commit-kind classifier (Embedding + average pooling + relu Dense, clean labels) trained
    with RMSprop(1.0): the rate was written as `1.` where `1e-3` was meant. Every step jumps
    the embeddings and weights by about 1, and the loss bounces around and above the
    constant-guess level for the whole run, where 1e-3 reaches nearly 0."""
    return _commit_kind_bag(session, broken=True)


INF_ROW = 900  # read in file order, batch 32: first seen in step 28 (0-based)


def _churn_ratio(session, broken):
    keras = _keras()
    x, score = _change_table(N, seed=15211)
    r = _rng(15212)
    added = r.integers(1, 400, size=N).astype("float64")
    deleted = (added * r.uniform(0.1, 1.5, size=N)).round()
    if broken:
        added[INF_ROW:INF_ROW + 2] = 0.0  # pure deletions: nothing was added
        deleted[INF_ROW:INF_ROW + 2] = [120.0, 35.0]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.log(deleted / added)
    x = np.concatenate([x, ratio[:, None]], axis=1).astype("float32")
    y = (score + 0.3 * np.nan_to_num(ratio, posinf=0.0, neginf=0.0)).astype("float32")
    model = keras.Sequential([keras.Input((9,)), keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(32, activation="tanh"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32, shuffle=False)


@holdout152("programmers", ["non_finite_values"], stall_begins=INF_ROW // 32)
def churn_ratio_division_by_zero(session):
    """Review-effort regression (2-layer tanh MLP, Adam 1e-3, MSE) with an engineered feature
    log(lines deleted / lines added), read in file order; two pure-deletion changes have zero
    lines added, so the feature is +inf there. The tanh MLP's loss falls normally until that
    batch, then the weights turn NaN and the loss is NaN for the rest of the run, which goes
    on for all its 8 epochs."""
    return _churn_ratio(session, broken=True)


def _review_queue(session, broken):
    keras = _keras()
    x, score = _change_table(N, seed=15213)
    y = (score > np.median(score)).astype("float32")[:, None]
    bias = keras.initializers.Constant(-2.5 if broken else 0.0)
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(64, activation="relu", bias_initializer=bias),
        keras.layers.Dense(64, activation="relu", bias_initializer=bias),
        keras.layers.Dense(1),
    ])
    loss = keras.losses.BinaryCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.SGD(0.05, momentum=0.9), loss, x, y,
                        epochs=10, batch_size=32, seed=15214)


@holdout152("programmers", ["dead_relus"], stall_begins=None)
def review_queue_negative_bias(session):
    """Custom loop: will a change need a second review round? A 2x64 relu MLP on standardized
    change features, SGD 0.05 + momentum, whose hidden biases were initialized to -2.5 (a
    'sparse activations' trick copied from a forum post): with standardized inputs almost no
    unit ever turns on, no gradient reaches the hidden layers, and the loss stays at the
    constant-guess log 2."""
    return _review_queue(session, broken=True)


# ---------------------------------------------------------------------------------------------
# testers: healthy


@holdout152("testers", healthy=True)
def flaky_test_rare_class_weighted(session):
    """Flaky-test detector: a 2x32 relu MLP on 8 standardized test-history features (recent
    pass rate, duration variance, retries...) where only ~6% of tests are flaky, with
    class_weight {0: 1, 1: 8} and Adam 1e-3; the weighted loss falls and flattens well above
    zero because the flaky/stable boundary is blurred by noise."""
    keras = _keras()
    r = _rng(15220)
    x = r.normal(0.0, 1.0, size=(N, 8))
    logit = 1.4 * x[:, 0] - 1.0 * x[:, 1] + 0.8 * x[:, 2] * x[:, 3] - 3.6 + r.logistic(0, 0.8, N)
    y = (logit > 0).astype("int32")
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_weighted(session, model, x.astype("float32"), y, epochs=14, batch_size=32,
                         class_weight={0: 1.0, 1: 8.0})


def _fit_weighted(session, model, x, y, *, epochs, batch_size, class_weight):
    (x_train, y_train), probe = _split(x, y)
    history = model.fit(x_train, y_train, epochs=epochs, batch_size=batch_size, verbose=0,
                        class_weight=class_weight, callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout152("testers", healthy=True)
def failing_run_conv1d_step_decay(session):
    """Failed-run detector on 48-second CPU traces: Conv1D(16, 5) relu -> MaxPool -> Conv1D(16,
    5) relu -> global max pool -> sigmoid, Adam with a PiecewiseConstantDecay schedule
    (3e-3, then 1e-3 after step 192, 3e-4 after step 384): the loss drops in steps at the
    boundaries and flattens near 0.02, where the faintest bursts stay ambiguous."""
    keras = _keras()
    x, y = _test_traces(N, seed=15221)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([192, 384], [3e-3, 1e-3, 3e-4])
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(schedule), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


@holdout152("testers", healthy=True)
def bug_reports_poisson(session):
    """Bug reports per release: a 2x32 relu MLP with an exponential output and Poisson loss
    predicts counts (mean 0.5 to 12) from 6 standardized test-coverage features, Adam 2e-3;
    the counts are Poisson draws, so the loss settles at
    a negative level set by the Poisson noise (Keras's Poisson loss leaves out the log y!
    term), far from its minimum of a noiseless fit."""
    keras = _keras()
    r = _rng(15222)
    x = r.normal(0.0, 1.0, size=(N, 6))
    rate = np.exp(0.8 + 0.6 * x[:, 0] - 0.4 * x[:, 1] + 0.3 * np.tanh(x[:, 2] * x[:, 3]))
    y = r.poisson(rate).astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x.astype("float32"), y, epochs=12, batch_size=32)


# ---------------------------------------------------------------------------------------------
# testers: broken


def _soak_test_rnn(session, broken):
    keras = _keras()
    x, y = _demand_series(768 + PROBE_SIZE, seed=15230, length=30)
    gain = 3.0 if broken else 1.0
    model = keras.Sequential([
        keras.Input((30, 1)),
        keras.layers.SimpleRNN(32, recurrent_initializer=keras.initializers.Orthogonal(
            gain=gain, seed=15231)),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout152("testers", ["exploding_gradients"], stall_begins=48)  # approximate
def soak_test_rnn_recurrent_gain(session):
    """Soak-test memory forecast: a tanh SimpleRNN(32) over 30 readings, SGD 0.01 + momentum,
    whose recurrent kernel was initialized Orthogonal(gain=3.0) (a 'keep the signal alive'
    tip taken too far). The recurrence amplifies every step, so gradients through time are
    huge and erratic; tanh keeps the loss finite, but after the first epoch it bounces
    around 0.2-0.3 instead of falling to the ~0.03 that gain 1 reaches."""
    return _soak_test_rnn(session, broken=True)


def _trace_clock(session, broken):
    keras = _keras()
    x, y = _test_traces(N, seed=15232)
    # A second channel: the wall-clock Unix time of each second of the run (30 days of runs).
    start = 1.7e9 + _rng(15233).uniform(0.0, 30 * 86400.0, size=(len(x), 1))
    clock = start + np.arange(48)[None, :]
    if not broken:
        clock = (clock - clock.mean()) / clock.std()
    x = np.concatenate([x, clock[..., None]], axis=-1).astype("float32")
    model = keras.Sequential([
        keras.Input((48, 2)),
        keras.layers.Conv1D(16, 5, activation="tanh", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="tanh", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout152("testers", ["unnormalized_inputs"], stall_begins=None)
def failing_run_raw_unix_time(session):
    """Failed-run detector (two tanh Conv1D layers, global max pool, sigmoid, Adam 1e-3) on
    the standardized CPU trace plus a second channel the tester added 'so the model knows
    when the run happened': the raw Unix time of each second, around 1.7e9, where the fixed
    version standardizes it. The clock channel alone pins every tanh filter at +-1 for every
    position, the bursts cannot move them, and the loss stays at log 2 from the first steps
    while the fixed version learns the bursts."""
    return _trace_clock(session, broken=True)


def _coverage_gate(session, broken):
    keras = _keras()
    r = _rng(15234)
    x = r.normal(0.0, 1.0, size=(N, 10)).astype("float32")
    y = ((x[:, 0] + np.sin(2 * x[:, 2]) + 0.5 * x[:, 1] * x[:, 3]) > 0).astype("int32")
    bias = keras.initializers.Constant(12.0 if broken else 0.0)
    model = keras.Sequential([
        keras.Input((10,)),
        keras.layers.Dense(64, activation="sigmoid", bias_initializer=bias),
        keras.layers.Dense(64, activation="sigmoid", bias_initializer=bias),
        keras.layers.Dense(2, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-2), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout152("testers", ["saturated_activations"], stall_begins=16)  # approximate
def coverage_gate_sigmoid_bias(session):
    """Release-gate classifier: 2x64 sigmoid MLP on 10 standardized coverage metrics, Adam
    1e-2, whose hidden biases start at +12
    (an LSTM forget-gate 'open the gate' bias pasted onto plain Dense layers). Every unit
    outputs 1.0 for every input; sigmoid's slope there is ~6e-6, so no signal crosses the
    hidden layers and the loss stays at the class prior."""
    return _coverage_gate(session, broken=True)


# ---------------------------------------------------------------------------------------------
# architects: healthy


@holdout152("architects", healthy=True)
def room_kind_cnn_warmup_cosine(session):
    """Room-kind classifier on 12x12 floor-plan grids: Conv2D(8) -> MaxPool -> Conv2D(16) ->
    GlobalAveragePooling -> Dense, Adam under linear warm-up (64 steps) then cosine decay to
    zero over 640 steps; the loss is slow at first, falls fast at the peak and flattens as
    the rate goes to zero, a little above 0 because some rooms of neighbouring kinds have the
    same size."""
    keras = _keras()
    x, kind, _ = _floor_plans(N, seed=15240)
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, decay_steps=576, warmup_target=3e-3, warmup_steps=64)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, kind, epochs=20, batch_size=32)


@holdout152("architects", healthy=True)
def beam_deflection_quantile(session):
    """Beam deflection under load, 90th-percentile regression: a 2x64 relu MLP with a pinball
    (quantile 0.9) loss, Adam 2e-3, on 5 standardized features (span, depth, load, material
    grade, temperature); the scatter grows with the load (heteroscedastic), so the quantile
    loss flattens at a clearly positive level."""
    import tensorflow as tf

    keras = _keras()
    r = _rng(15241)
    x = r.normal(0.0, 1.0, size=(N, 5))
    mean = 1.2 * x[:, 0] - 0.8 * x[:, 1] + 0.6 * x[:, 2] + 0.3 * x[:, 0] * x[:, 2]
    y = (mean + r.normal(0.0, 1.0, size=N) * (0.3 + 0.5 * np.abs(x[:, 2]))).astype("float32")

    def pinball(y_true, y_pred):
        error = tf.reshape(y_true, [-1]) - tf.reshape(y_pred, [-1])
        return tf.reduce_mean(tf.maximum(0.9 * error, (0.9 - 1.0) * error))

    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), pinball)
    return _fit(session, model, x.astype("float32"), y, epochs=12, batch_size=32)


@holdout152("architects", healthy=True)
def few_surveyed_sites_overfit(session):
    """Only 192 surveyed sites (plus the probe): a 3x128 relu MLP, Adam 1e-3, classifies soil
    bearing class (3 kinds) from 6 noisy standardized soundings, 40 epochs of batch 16. The
    net memorizes the small training set: the loss falls steadily toward 0 long after it
    stopped generalizing, which is overfitting, not a broken run."""
    keras = _keras()
    r = _rng(15242)
    n = 192 + PROBE_SIZE
    x = r.normal(0.0, 1.0, size=(n, 6))
    y = np.digitize(x[:, 0] + 0.7 * x[:, 1] * x[:, 2] + r.normal(0.0, 0.8, n), [-0.6, 0.6])
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x.astype("float32"), y.astype("int32"), epochs=40, batch_size=16)


# ---------------------------------------------------------------------------------------------
# architects: broken


def _facade_vibration(session, broken):
    keras = _keras()
    x, y = _test_traces(768 + PROBE_SIZE, seed=15250)
    activation = "sigmoid" if broken else "relu"
    layers = [keras.Input((48, 1))]
    layers += [keras.layers.Conv1D(12, 3, activation=activation, padding="same")
               for _ in range(10)]
    layers += [keras.layers.GlobalMaxPooling1D(), keras.layers.Dense(2, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout152("architects", ["vanishing_gradients"], stall_begins=64)  # approximate
def facade_vibration_deep_sigmoid_conv(session):
    """Facade-sensor anomaly detector: ten stacked Conv1D(12, 3) layers with sigmoid
    activations (the designer wanted 'bounded responses'), SGD 0.05 + momentum. Each sigmoid
    layer shrinks the backward signal about fourfold, the first filters get almost nothing,
    and the loss sits at log 2 where the same stack with relu learns the bursts."""
    return _facade_vibration(session, broken=True)


def _room_kind_zero_init(session, broken):
    keras = _keras()
    x, kind, _ = _floor_plans(N, seed=15251)
    init = "zeros" if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu", kernel_initializer=init),
        keras.layers.Dense(4, activation="softmax", kernel_initializer=init),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, kind, epochs=10, batch_size=32)


@holdout152("architects", ["poor_initialization"], stall_begins=None)
def room_kind_zero_kernels(session):
    """Room-kind CNN (two relu Conv2D layers, relu Dense, softmax) built with
    kernel_initializer='zeros' on every layer, copied from a linear-regression template:
    all activations are 0, every kernel gradient is 0, only the output bias learns, and the
    loss sits at log 4 for the whole run."""
    return _room_kind_zero_init(session, broken=True)


def _site_class(session, broken):
    keras = _keras()
    r = _rng(15252)
    x = r.normal(0.0, 1.0, size=(N, 6))
    angle = np.arctan2(x[:, 1], x[:, 0]) + 0.8 * x[:, 2]
    sector = np.floor((angle + np.pi) / (2 * np.pi) * 3) % 3
    y = (sector + 3 * (np.abs(x[:, 3]) > 0.7)).astype("int32")
    activation = None if broken else "relu"
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation=activation),
                              keras.layers.Dense(64, activation=activation),
                              keras.layers.Dense(6, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x.astype("float32"), y, epochs=12, batch_size=32)


@holdout152("architects", ["insufficient_capacity"], stall_begins=32)  # approximate
def site_class_dense_without_activation(session):
    """Site class (three orientation sectors times exposed/sheltered, six classes) from 6
    standardized survey features: an MLP Dense(64) -> Dense(64) -> softmax(6), Adam 3e-3,
    whose hidden layers were written without `activation=`, so Keras's linear default made
    the whole network one linear map. It learns the little that is linear in the first
    epoch, then levels off near 1.46 where the relu version falls to ~0.3."""
    return _site_class(session, broken=True)


# ---------------------------------------------------------------------------------------------
# planners: healthy


@holdout152("planners", healthy=True)
def ridership_gru_reduce_on_plateau(session):
    """Next-hour ridership forecast: GRU(16) over 24 standardized hourly counts, Adam 3e-3 with
    ReduceLROnPlateau(factor 0.3, patience 2) on the training loss; the counts carry noise
    the forecast cannot remove, so the loss flattens near the noise variance and the rate
    is cut a few times on the way."""
    keras = _keras()
    x, y = _demand_series(768 + PROBE_SIZE, seed=15260)
    y = (y + _rng(15261).normal(0.0, 0.3, size=len(y))).astype("float32")
    model = keras.Sequential([keras.Input((24, 1)), keras.layers.GRU(16), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    plateau = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=2, min_lr=1e-5)
    return _fit(session, model, x, y, epochs=14, batch_size=32, callbacks=[plateau])


@holdout152("planners", healthy=True)
def project_duration_two_inputs(session):
    """Project duration estimate with two inputs: 5 standardized numeric features (scope,
    team size, dependencies...) and the contractor id (30 contractors) through an
    Embedding(30, 4); concatenated into a relu Dense, MSE, Adam 2e-3. Durations carry
    log-normal overrun noise, so the loss levels off well above 0."""
    keras = _keras()
    r = _rng(15262)
    numeric = r.normal(0.0, 1.0, size=(N, 5)).astype("float32")
    contractor = r.integers(0, 30, size=N).astype("int32")
    skill = r.normal(0.0, 0.7, size=30)
    y = (0.9 * numeric[:, 0] + 0.5 * numeric[:, 1] * numeric[:, 2] + skill[contractor]
         + r.lognormal(0.0, 0.5, size=N) - 1.1).astype("float32")
    numbers = keras.Input((5,))
    who = keras.Input((1,), dtype="int32")
    embedded = keras.layers.Flatten()(keras.layers.Embedding(30, 4)(who))
    hidden = keras.layers.Dense(32, activation="relu")(
        keras.layers.Concatenate()([numbers, embedded]))
    hidden = keras.layers.Dense(32, activation="relu")(hidden)
    model = keras.Model([numbers, who], keras.layers.Dense(1)(hidden))
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit_inputs(session, model, [numeric, contractor[:, None]], y, epochs=12,
                       batch_size=32)


@holdout152("planners", healthy=True)
def schedule_conflict_attention(session):
    """Schedule-conflict detector: 12 planned tasks, each 6 standardized features, through a
    projection Dense(16), one MultiHeadAttention(2 heads, key 8) self-attention block with a
    residual, global average pooling and a sigmoid output; Adam 1e-3. A conflict is too many
    tasks sharing slots; the loss falls fast in two epochs, then flattens near 0.1 and only
    creeps down, since counting collisions is hard for one attention layer."""
    keras = _keras()
    r = _rng(15263)
    x = r.normal(0.0, 1.0, size=(N, 12, 6)).astype("float32")
    slot = np.round(x[:, :, 0] * 2.0)
    y = np.array([len(np.unique(s)) < 9 for s in slot]).astype("float32")
    tasks = keras.Input((12, 6))
    h = keras.layers.Dense(16, activation="relu")(tasks)
    h = keras.layers.Add()([h, keras.layers.MultiHeadAttention(2, 8)(h, h)])
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(16, activation="relu")(h)
    model = keras.Model(tasks, keras.layers.Dense(1, activation="sigmoid")(h))
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# ---------------------------------------------------------------------------------------------
# planners: broken


def _ridership_sgd(session, broken):
    keras = _keras()
    x, y = _demand_series(768 + PROBE_SIZE, seed=15270)
    model = keras.Sequential([keras.Input((24, 1)), keras.layers.LSTM(16), keras.layers.Dense(1)])
    rate = 1e-5 if broken else 5e-2
    model.compile(keras.optimizers.SGD(rate, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout152("planners", ["learning_rate_too_low"], stall_begins=None)
def ridership_lstm_rate_slip(session):
    """Next-hour ridership forecast, LSTM(16) + Dense, SGD with momentum at 1e-5 (the planner
    divided the tutorial's 5e-2 by the batch size twice): the loss creeps down by a hair
    per epoch and stays near the target variance, where 5e-2 reaches the noise floor."""
    return _ridership_sgd(session, broken=True)


def _zoning_weight_decay(session, broken):
    keras = _keras()
    r = _rng(15271)
    x = r.normal(0.0, 1.0, size=(N, 8)).astype("float32")
    y = ((np.sin(1.5 * x[:, 0]) + x[:, 1] * x[:, 2] - 0.5 * x[:, 3]) > 0).astype("int32")
    penalty = keras.regularizers.L2(1.0 if broken else 1e-4)
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(64, activation="relu", kernel_regularizer=penalty),
        keras.layers.Dense(64, activation="relu", kernel_regularizer=penalty),
        keras.layers.Dense(2, activation="softmax", kernel_regularizer=penalty),
    ])
    model.compile(keras.optimizers.Adam(5e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout152("planners", ["over_regularization"], stall_begins=112)  # approximate
def zoning_approval_l2_one(session):
    """Will a zoning request be approved? A 2x64 relu MLP on 8 standardized features, Adam
    5e-3, with kernel_regularizer=L2(1.0) on every layer (the 'weight decay 1e-4' of the
    paper misread as 1.0): the penalty crushes the weights toward 0 in the first epochs and
    the loss (cross-entropy plus penalty) stays near log 2, far above the lightly
    regularized model's."""
    return _zoning_weight_decay(session, broken=True)


def _milestone_percent(session, broken):
    keras = _keras()
    r = _rng(15272)
    x = r.normal(0.0, 1.0, size=(N, 8)).astype("float32")
    share = 1.0 / (1.0 + np.exp(-(0.9 * x[:, 0] + np.sin(2.0 * x[:, 1]) + 0.5 * x[:, 2] * x[:, 3])))
    y = (100.0 * share + r.normal(0.0, 4.0, size=N)).astype("float32")
    activation = "sigmoid" if broken else None
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(1, activation=activation)])
    model.compile(keras.optimizers.Adam(5e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout152("planners", ["loss_activation_mismatch"], stall_begins=None)
def milestone_percent_sigmoid_output(session):
    """Percent of a project's work done at its mid-term milestone (0..100, from 8
    standardized planning features): a 2x64 relu MLP with a sigmoid output ('it is a
    percentage') under MSE, Adam 5e-3, while the targets were never divided by 100. The
    output can never exceed 1, it saturates there at once, and the loss stays near the
    mean squared gap to 1 (~3,000) where a linear output reaches ~250."""
    return _milestone_percent(session, broken=True)
