"""The hundred-and-twenty-second held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades, six runs each (three healthy, three broken): choreographers (a dancer's tempo, the
style of a dance from motion capture, the order of the steps in a routine, sway sensors),
puppeteers (string tensions, laughs per scene, control-bar traces of a marionette), acrobats
(falls on a pass, landings, a catcher's cue, balance on the wire) and jugglers (throw heights,
throw grades, overhead frames of the balls in the air, wrist-sensor rhythms). Data are numpy
generators with seeds 12201..12273; the last PROBE_SIZE rows of each set are the probe. Every
run was checked only from its own loss curve under Session(None) with keras's seed 0 (as the
runner sets it), every broken one against the same helper with broken=False.

Healthy half (twelve runs, nothing to fix in the code). Choreographers: a tempo error under MAE
with Laplace scatter that widens with difficulty, an MLP under Adam and ExponentialDecay (still
easing at ~0.53); a Conv1D net on noisy sway under SGD with Nesterov momentum and
PiecewiseConstantDecay (steps down, rests at ~0.07); the leap-before-turn order by step and
position Embeddings, MultiHeadAttention and max pooling under AdamW with keras's CosineDecay
warm-up, a tenth of the notations swapped (settles at ~0.35, near that noise's entropy).
Puppeteers: a string's tension under Huber in a hand-written GradientTape loop with Student-t
scatter (flat at ~0.08); laughs per scene (Poisson) from a puppet Embedding and scene features
(two named inputs) with an exponential head under keras's Poisson loss and Nadam (levels at
~-1.55: keras leaves out log y!); a GRU on twitch rhythms as noisy as their signal under
ReduceLROnPlateau (ln 4 for two epochs, then a long, slowing descent). Acrobats: rare falls (4%)
under class_weight {0: 1, 1: 12} (slow, still falling); 96 landings memorised by an MLP 128-128
(the loss runs to ~1e-3, which the training loss does not show as a fault); a catcher's call in
the first of 30 readings wanted at the end by an LSTM (ln 2 for ~130 steps, then a sudden drop
to ~0.06). Jugglers: the 10% quantile of the next throw's height under the pinball loss by an
LSTM and RMSprop (levels at ~0.07 with gamma overshoots); a ball count in 12x12 frames by a
Conv2D net under CosineDecay to zero, a fifth of the counts misread (~0.55); a throw score by a
tanh MLP under plain SGD 0.02 (a long, slow descent still going after 30 epochs).

Broken half (twelve runs, one root cause each). Choreographers: a hand-written warm-up schedule
written peak * max(step / 16, 1) where min was meant, so the rate climbs without end under Adam
(learning_rate_too_high: ~0.35-0.45 early, then up to ~1.3 against ~0.02); a tanh SimpleRNN over
60 readings under plain SGD 0.3 with the recipe's clipnorm=1.0 dropped (exploding_gradients:
bouncing between ~1.5 and ~2.1 from the start, never NaN, against ~0.07); MultiHeadAttention
with no position Embedding on a task decided by the order of two steps (insufficient_capacity:
ln 2 throughout against ~0.07). Puppeteers: keras AdamW(1e-5, 3e-3) with (weight_decay,
learning_rate) passed positionally in a config's order (learning_rate_too_low: 1.39 throughout
against ~0.007); a decoupled weight decay in a callback written v - lr * wd for v - lr * wd * v,
which drives every weight and bias of a relu MLP down (dead_relus: ~0.43 by step ~70, then up to
~1.05, the target's variance, against ~0.26); a geometric-mean pooling exp(mean(log h)) over
relu feature maps without its floor (non_finite_values: NaN from the second step). Acrobats: a
GRU fed a time-stamp channel in milliseconds (unnormalized_inputs: ln 4 throughout against
~0.02); TruncatedNormal(0.5) read as a standard deviation in a sigmoid MLP under SGD, every
weight ~0.5 and the deeper layers at sigmoid(16..32) for every input (saturated_activations:
~1.57 throughout against ~0.33); every hidden unit warm-started from the same least-squares
vector, so the 64 units stay one (poor_initialization: ~0.49 by step ~100, then a creep to
~0.42, against ~0.02). Jugglers: activation='softmax' passed to a tower helper's hidden layers
(vanishing_gradients: ~1.35 throughout against ~0.03); a classifier's Dense(5, softmax) head
kept for an MSE regression of 0..4 grades given as a column (loss_activation_mismatch: ~4.9
throughout against ~0.15); AdamW's weight_decay 1e-2 turned into an L2 coefficient for plain
Adam by dividing by the rate, L2(1.0) on a GRU (over_regularization: ~10 to ln 4 in two epochs,
then flat, against ~0.01).

Dropped or changed because they did not behave as intended. For non_finite_values, keras's
Poisson loss under a linear head was written first: the loss was NaN for four epochs, but the
gradient of log(y_pred) at a negative y_pred is finite, so the weights stayed finite, the
predictions turned positive and the loss became finite and kept improving (-0.51 against -0.81
with the exponential head); it was replaced by the floorless geometric-mean pooling. The
SimpleRNN first trained under SGD 0.5 with momentum 0.9 over 40 readings: the clipped version
did not learn either (~2.0), so momentum was removed and the sequences lengthened to 60 (SGD
0.3: clipped ~0.07, unclipped never learns; over 40 readings the unclipped one learnt to ~0.84
before its blow-up, which was not the intended stall). The TruncatedNormal(0.5) run first used
SGD 0.1 with momentum: the head fed by a constant vector of ones swung the loss between ~1.6
and ~3.7, which looks like a rate problem, so the rate became 0.05 (flat at ~1.57). The L2 run
first converted 1e-2 / 1e-3 = L2(10) under Adam 1e-3: the penalty term was still falling at the
end of the run (274 -> 4.4), not a stall, so the recipe's rate became 1e-2. The warm-started
relu net under Adam 3e-3 crept down more visibly (0.49 -> 0.47 over the last six epochs); Adam
1e-2 makes its one-unit plateau come sooner. The grade run needed the grades as a column: given
flat, keras refused the shapes rather than broadcasting. No cause was dropped.

Already written by earlier catalogues (from their docstrings), so not written here: the forget-
gate bias copied onto every gate or layer (an LSTM with Constant(5 or 8)), RandomNormal's
positional mean on tanh and relu MLPs, Normalization(invert=True), Rescaling(scale=1 / sd,
offset=-mean), scikit-learn's C=1 typed as L2(1.0), min_delta read as relative, masked means
over empty masks, hinge and categorical hinge heads, orthogonal gains, a Hinge loss behind a
sigmoid, global pooling that throws away where features are, Adam's positional (beta1, beta2,
epsilon), CosineDecay's positional alpha, post-padding without a mask, float16 overflow, log of
zeros and division by zero exposures, relu, softplus and exponential heads on standardised
targets, dropout, noise, activity and elastic-net overdoses. Overlaps in kind that remain: a
positional-mean initializer (here TruncatedNormal on sigmoid units), symmetric identical units
(earlier from zero or constant kernels, here from a least-squares warm start), an L2 overdose
(here from converting a decoupled decay), a dropped clipnorm (earlier on a relu recurrence, here
a tanh SimpleRNN under plain SGD), a head that cannot reach the targets (here a softmax under
MSE with broadcast grades); they are written on other models, optimisers and data.

Labels: expected_causes[0] is the root cause, one per run. stall_begins is the 0-based optimizer
step from which the broken loss stops improving, None for "from the start"; 32 steps an epoch
(batch 32, 1,024 training rows). Exact: the geometric-mean pooling (finite at step 0, NaN from
step 1). From the start: the SimpleRNN, the attention without positions, the swapped AdamW, the
millisecond clock, the TruncatedNormal sigmoid net, the softmax tower and the softmax head.
Approximate, read off the per-step losses: the warm-up written with max (~96: the loss is
lowest around steps 50-150 and climbs after), the weight decay without its weight (~80: lowest
at steps 64-96), the least-squares warm start (~96: a creep after) and the L2 run (~64: the
penalty is spent by the start of the third epoch).
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ('choreographers', 'puppeteers', 'acrobats', 'jugglers')
REGISTRY = []
holdout122 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data


def _tower(keras, inputs, hidden, outputs, activation, out_activation, **dense_kw):
    layers = [keras.Input((inputs,))]
    layers += [keras.layers.Dense(h, activation=activation, **dense_kw) for h in hidden]
    layers.append(keras.layers.Dense(outputs, activation=out_activation))
    return keras.Sequential(layers)


def _rng(seed):
    return np.random.default_rng(seed)


def _moves(seed, n=N, dim=16, classes=4, flip=0.0):
    """A dance's style (classes) from standardised motion-capture summaries: a smooth
    nonlinear rule of the features; a share `flip` of the labels was given by a second judge."""
    rng = _rng(seed)
    x = rng.normal(size=(n, dim))
    a = rng.normal(size=(dim, 8)) / np.sqrt(dim)
    b = rng.normal(size=(8, classes))
    y = np.argmax(np.tanh(2.0 * x @ a) @ b, axis=1)
    wrong = rng.random(n) < flip
    y[wrong] = rng.integers(0, classes, wrong.sum())
    return x.astype("float32"), y.astype("int32")


def _tempo(seed, n=N, dim=10):
    """A dancer's tempo error (beats per minute, scaled) from ten standardised features, with
    Laplace scatter that grows with the routine's difficulty (feature 0)."""
    rng = _rng(seed)
    x = rng.normal(size=(n, dim))
    w = rng.normal(size=dim) / np.sqrt(dim)
    signal = x @ w + 0.5 * np.sin(2.0 * x[:, 1]) * x[:, 2]
    scale = 0.2 + 0.4 * (1.0 + np.tanh(x[:, 0]))
    y = signal + rng.laplace(scale=scale)
    return x.astype("float32"), y.astype("float32")


def _sway(seed, n=N, length=40, classes=4, noise=0.3):
    """A performer's sway recorded at 25 Hz: a sine whose frequency (one of four) is the class,
    with a random phase and amplitude, plus sensor noise. Shape (n, length, 1)."""
    rng = _rng(seed)
    y = rng.integers(0, classes, n)
    t = np.arange(length)[None, :]
    freq = (1.0 + y[:, None]) / length * 2.0
    phase = rng.uniform(0, 2 * np.pi, (n, 1))
    amp = rng.uniform(0.6, 1.4, (n, 1))
    x = amp * np.sin(2 * np.pi * freq * t + phase) + noise * rng.normal(size=(n, length))
    return x[..., None].astype("float32"), y.astype("int32")


def _routine(seed, n=N, length=12, vocab=10, flip=0.0):
    """A routine as a sequence of step ids (3..9 ordinary steps); the leap (1) and the turn (2)
    each occur once; the label is whether the leap comes before the turn."""
    rng = _rng(seed)
    x = rng.integers(3, vocab, (n, length))
    y = np.zeros(n, "int32")
    for i in range(n):
        a, b = rng.choice(length, 2, replace=False)
        x[i, a], x[i, b] = 1, 2
        y[i] = int(a < b)
    wrong = rng.random(n) < flip
    y[wrong] = 1 - y[wrong]
    return x.astype("int32"), y


def _strings(seed, n=N, dim=8, dof=3.0):
    """A marionette string's tension from eight standardised rig features, with Student-t
    scatter (a string catching on the set now and then)."""
    rng = _rng(seed)
    x = rng.normal(size=(n, dim))
    w = rng.normal(size=dim) / np.sqrt(dim)
    y = x @ w + 0.6 * np.tanh(x[:, 0] * x[:, 1]) + 0.3 * rng.standard_t(dof, n)
    return x.astype("float32"), y.astype("float32")


def _falls(seed, n=N, dim=12, rate=0.04):
    """Whether an acrobat falls on a pass (rare), from twelve standardised features."""
    rng = _rng(seed)
    x = rng.normal(size=(n, dim))
    w = rng.normal(size=dim)
    score = x @ w / np.sqrt(dim) + 0.8 * x[:, 0] * x[:, 1]
    cut = np.quantile(score, 1 - rate)
    y = (score + 0.5 * rng.normal(size=n) > cut).astype("float32")
    return x.astype("float32"), y


def _throws(seed, n=N, dim=12):
    """A juggler's throw quality from twelve standardised features: a smooth score, and the
    grade (0..4) it rounds to after a coach's scatter."""
    rng = _rng(seed)
    x = rng.normal(size=(n, dim))
    a = rng.normal(size=(dim, 6)) / np.sqrt(dim)
    score = np.tanh(x @ a) @ rng.normal(size=6) + 0.3 * rng.normal(size=n)
    grade = np.clip(np.round(2.0 + 1.2 * score / score.std()), 0, 4)
    return x.astype("float32"), score.astype("float32"), grade.astype("float32")


def _patterns(seed, n=N, size=12, flip=0.2):
    """12x12 overhead frames of a juggling pattern with one, two or three balls in the air
    (the class is the count minus one); a share `flip` of the counts were misread."""
    rng = _rng(seed)
    yy, xx = np.mgrid[:size, :size]
    x = np.zeros((n, size, size, 1), "float32")
    y = rng.integers(0, 3, n)
    for i in range(n):
        for _ in range(y[i] + 1):
            cy, cx = rng.uniform(1.5, size - 1.5, 2)
            x[i, :, :, 0] += np.exp(-((yy - cy) ** 2 + (xx - cx) ** 2) / 2.0)
    x += 0.1 * rng.normal(size=x.shape).astype("float32")
    wrong = rng.random(n) < flip
    y[wrong] = rng.integers(0, 3, wrong.sum())
    return x, y.astype("int32")


# ---------------------------------------------------------------------------------------------
# choreographers: healthy


@holdout122("choreographers", healthy=True)
def tempo_error_laplace_mae(session):
    """A dancer's tempo error from ten standardised rehearsal features, with Laplace scatter
    that widens with the routine's difficulty; MLP 64-64 relu under MAE, Adam with
    ExponentialDecay (3e-3, x0.8 every 160 steps), batch 32, 16 epochs: a fast fall in the
    first epochs, then a slow easing (~0.53 at the end) far above zero, held up by the mean
    absolute scatter, which no feature predicts."""
    keras = _keras()
    x, y = _tempo(12201)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    schedule = keras.optimizers.schedules.ExponentialDecay(3e-3, 160, 0.8)
    model.compile(keras.optimizers.Adam(schedule), "mae")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


@holdout122("choreographers", healthy=True)
def sway_conv1d_piecewise(session):
    """A performer's sway rhythm (four) from 40 readings of a hip sensor, by a Conv1D net
    (16-32 relu, pooling, global average), SGD with Nesterov momentum 0.9 under
    PiecewiseConstantDecay (0.05, then 0.01 after step 320, 0.002 after 480), batch 32,
    18 epochs, the sensor noise as large as the sway: a fast fall in three epochs, then a slow
    descent that steps down a little at each boundary and rests at ~0.07."""
    keras = _keras()
    x, y = _sway(12202, noise=0.9)
    model = keras.Sequential([
        keras.Input((40, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([320, 480], [0.05, 0.01, 0.002])
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9, nesterov=True),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=18, batch_size=32)


def _order_model(keras, positions, length=12, vocab=10):
    tokens = keras.Input((length,), dtype="int32")
    h = keras.layers.Embedding(vocab, 16)(tokens)
    if positions:
        where = keras.ops.arange(length)
        h = h + keras.layers.Embedding(length, 16)(where)[None]
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.Dense(32, activation="relu")(h)
    h = keras.layers.GlobalMaxPooling1D()(h)
    out = keras.layers.Dense(1, activation="sigmoid")(h)
    return keras.Model(tokens, out)


@holdout122("choreographers", healthy=True)
def leap_order_attention_warmup(session):
    """Whether the leap comes before the turn in a 12-step routine, by step Embeddings plus
    learned position Embeddings, one MultiHeadAttention block (2 heads), a relu layer and max
    pooling; AdamW with a 64-step linear warm-up into CosineDecay, batch 32, 16 epochs; one
    notation in ten has the two steps swapped by the notator, so the loss settles near that
    noise's floor rather than zero."""
    keras = _keras()
    x, y = _routine(12203, flip=0.1)
    model = _order_model(keras, positions=True)
    schedule = keras.optimizers.schedules.CosineDecay(
        1e-4, 16 * 32 - 64, warmup_target=3e-3, warmup_steps=64)
    model.compile(keras.optimizers.AdamW(schedule, weight_decay=1e-3), "binary_crossentropy")
    return _fit(session, model, x, y.astype("float32"), epochs=16, batch_size=32)


# ---------------------------------------------------------------------------------------------
# choreographers: broken


def _linear_warmup(keras, peak, warmup_steps, broken):
    """A hand-written warm-up schedule: the rate climbs linearly to `peak` over `warmup_steps`
    and is meant to stay there (min); the broken one was written with max."""

    class Warmup(keras.optimizers.schedules.LearningRateSchedule):
        def __call__(self, step):
            ramp = keras.ops.cast(step + 1, "float32") / warmup_steps
            cap = keras.ops.maximum if broken else keras.ops.minimum
            return peak * cap(ramp, 1.0)

        def get_config(self):
            return {"peak": peak, "warmup_steps": warmup_steps}

    return Warmup()


def _style_warmup(session, broken):
    keras = _keras()
    x, y = _moves(12211)
    model = keras.Sequential([keras.Input((16,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(_linear_warmup(keras, 3e-3, 16, broken)),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=24, batch_size=32)


@holdout122("choreographers", ["learning_rate_too_high"], stall_begins=96)  # approximate
def warmup_written_with_max(session):
    """A dance's style (four) from sixteen motion-capture summaries, MLP 64-64 relu, Adam under a
    hand-written LearningRateSchedule meant to warm up linearly to 3e-3 over 16 steps and stay
    there, written peak * max(step / 16, 1) where min was meant: after the warm-up the rate
    keeps climbing by 3e-3 every 16 steps (0.1 by step ~530, 0.14 at the end), batch 32, 24
    epochs. The loss reaches ~0.35-0.45 in the first few epochs, then wanders upwards as the
    rate grows and sits at ~1.3 (near ln 4) for the last five epochs, where the min version
    falls steadily to ~0.02."""
    return _style_warmup(session, broken=True)


def _sway_rnn(session, broken):
    keras = _keras()
    x, y = _sway(12212, length=60, noise=0.3)
    model = keras.Sequential([keras.Input((60, 1)), keras.layers.SimpleRNN(32),
                              keras.layers.Dense(4, activation="softmax")])
    clip = {} if broken else {"clipnorm": 1.0}
    model.compile(keras.optimizers.SGD(0.3, **clip),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


@holdout122("choreographers", ["exploding_gradients"], stall_begins=None)
def sway_rnn_clip_dropped(session):
    """Which of four sway rhythms a dancer's hip sensor shows over 60 readings, by a tanh
    SimpleRNN(32) under plain SGD 0.3, batch 32, 16 epochs: the recipe it came from clips the
    gradient norm at 1.0 (clipnorm) and the clipping was dropped in the port. Through sixty
    recurrent steps a few batches' gradients are enormous, every such update throws the
    recurrent weights away, and the loss never gets below its start: it bounces between ~1.5
    and ~2.1 (above ln 4) for the whole run, where the clipped version reaches ~0.07."""
    return _sway_rnn(session, broken=True)


def _leap_order(session, broken):
    keras = _keras()
    x, y = _routine(12213)
    model = _order_model(keras, positions=not broken)
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y.astype("float32"), epochs=16, batch_size=32)


@holdout122("choreographers", ["insufficient_capacity"], stall_begins=None)
def attention_without_positions(session):
    """Whether the leap comes before the turn in a 12-step routine, by step Embeddings, one
    MultiHeadAttention block (2 heads, key_dim 8) with a residual and LayerNormalization, a relu
    layer and global max pooling, Adam 2e-3, batch 32, 16 epochs; the position Embedding the
    design called for was left out. Without it self-attention and pooling see the routine as a
    bag of steps, and every routine holds the leap and the turn once each, so nothing the model
    can compute tells the orders apart: the loss sits at ~0.69 (ln 2) from the first epoch to
    the last (0.716 -> 0.685), where the model with positions reaches ~0.07."""
    return _leap_order(session, broken=True)


# ---------------------------------------------------------------------------------------------
# puppeteers


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, callbacks=()):
    """`_fit` for a model with named inputs: every array of `inputs` (a dict) is split into its
    training part and the last PROBE_SIZE rows, the probe. Returns the per-epoch losses."""
    train = {k: v[:-PROBE_SIZE] for k, v in inputs.items()}
    probe = ({k: v[-PROBE_SIZE:] for k, v in inputs.items()}, y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        verbose=0, callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


def _laughs(seed, n=N, puppets=20, dim=6):
    """Laughs in a scene (Poisson counts) from the puppet (an id) and six standardised scene
    features: rate = exp(puppet's charm + a linear effect)."""
    rng = _rng(seed)
    puppet = rng.integers(0, puppets, n)
    x = rng.normal(size=(n, dim))
    charm = rng.normal(0.0, 0.5, puppets)
    rate = np.exp(0.8 + charm[puppet] + x @ (rng.normal(size=dim) * 0.25))
    y = rng.poisson(rate)
    return puppet.astype("int32"), x.astype("float32"), y.astype("float32")


@holdout122("puppeteers", healthy=True)
def string_tension_huber_loop(session):
    """A marionette string's tension from eight rig features, with Student-t (3 dof) scatter
    from strings catching on the set; MLP 64-64 relu under Huber (delta 1) in a hand-written
    GradientTape loop, Adam 2e-3, batch 32, 14 epochs: the loss falls in two epochs and then
    levels at the heavy-tailed scatter's share."""
    keras = _keras()
    x, y = _strings(12221)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), keras.losses.Huber(1.0),
                        x, y, epochs=14, batch_size=32, seed=12221)


@holdout122("puppeteers", healthy=True)
def laughs_per_puppet_poisson(session):
    """Laughs in a scene (Poisson counts, mean ~2.5) from the puppet on stage (20 puppets, an
    Embedding of 4) and six scene features (two inputs), Dense 32 relu and an exponential head
    under keras's Poisson loss, Nadam 3e-3, batch 32, 14 epochs: the loss falls quickly and
    levels at ~-1.55, the counts' own Poisson noise (keras's loss leaves out the log y! term,
    so its floor is negative)."""
    keras = _keras()
    puppet, x, y = _laughs(12222)
    p_in = keras.Input((), dtype="int32", name="puppet")
    x_in = keras.Input((6,), name="scene")
    h = keras.layers.Concatenate()([keras.layers.Embedding(20, 4)(p_in), x_in])
    h = keras.layers.Dense(32, activation="relu")(h)
    out = keras.layers.Dense(1, activation="exponential")(h)
    model = keras.Model([p_in, x_in], out)
    model.compile(keras.optimizers.Nadam(3e-3), "poisson")
    return _fit_inputs(session, model, {"puppet": puppet, "scene": x}, y,
                       epochs=14, batch_size=32)


@holdout122("puppeteers", healthy=True)
def twitch_gru_reduce_on_plateau(session):
    """Which of four twitch rhythms a puppet's control bar follows, from 40 noisy readings, by a
    GRU(24) under Adam 5e-3 with ReduceLROnPlateau on the training loss (factor 0.5, patience
    1, min_delta 1e-3), batch 32, 16 epochs; the noise is as large as the signal: ln 4 for two
    epochs, then a long, slowing descent to ~0.27, still improving at the end."""
    keras = _keras()
    x, y = _sway(12223, noise=1.0)
    model = keras.Sequential([keras.Input((40, 1)), keras.layers.GRU(24),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(5e-3), "sparse_categorical_crossentropy")
    reduce = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=1,
                                               min_delta=1e-3)
    return _fit(session, model, x, y, epochs=16, batch_size=32, callbacks=[reduce])


def _twitch_adamw(session, broken):
    keras = _keras()
    x, y = _sway(12231, noise=0.4)
    model = keras.Sequential([keras.Input((40, 1)), keras.layers.GRU(24),
                              keras.layers.Dense(4, activation="softmax")])
    weight_decay, learning_rate = 1e-5, 3e-3
    if broken:
        optimizer = keras.optimizers.AdamW(weight_decay, learning_rate)
    else:
        optimizer = keras.optimizers.AdamW(learning_rate, weight_decay)
    model.compile(optimizer, "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


@holdout122("puppeteers", ["learning_rate_too_low"])
def adamw_arguments_swapped(session):
    """Which of four twitch rhythms a puppet's control bar follows (40 readings), by a GRU(24),
    sparse cross-entropy, batch 32, 16 epochs, under keras.optimizers.AdamW(1e-5, 3e-3): the
    tuned values (learning_rate 3e-3, weight_decay 1e-5) were passed positionally in the order
    of the config tuple they came from, (weight_decay, learning_rate), so the learning rate is
    1e-5. The loss stays at 1.39 (ln 4) to two decimals for all sixteen epochs, where
    AdamW(3e-3, 1e-5) reaches ~0.007."""
    return _twitch_adamw(session, broken=True)


def _decay_callback(keras, learning_rate, weight_decay, broken):
    """A hand-written decoupled weight decay applied after every step: v <- v - lr * wd * v;
    the broken one dropped the trailing `* v`."""

    class DecoupledDecay(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            for v in self.model.trainable_variables:
                step = learning_rate * weight_decay
                v.assign(v - step if broken else v - step * v)

    return DecoupledDecay()


def _tension_decay(session, broken):
    keras = _keras()
    x, y = _strings(12232)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "mse")
    decay = _decay_callback(keras, 0.02, 0.2, broken)
    return _fit(session, model, x, y, epochs=20, batch_size=32, callbacks=[decay])


@holdout122("puppeteers", ["dead_relus"], stall_begins=80)  # approximate
def weight_decay_without_weight(session):
    """A marionette string's tension (unscaled, variance ~1) from eight rig features, MLP
    64-64-64 relu, SGD 0.02 with momentum 0.9, MSE, batch 32, 20 epochs, with a hand-written
    decoupled weight decay in a callback after every batch that was meant as v <- v - lr * wd *
    v (wd 0.2) and was written v <- v - lr * wd: every weight and bias is pushed down by 0.004 a
    step whatever its value. The loss falls to ~0.43 by step ~70, then the biases and kernels
    drifting negative switch the relu units off one by one and it climbs to ~1.05 (the
    variance of the target: the units are silent), where v - lr * wd * v rests at ~0.26."""
    return _tension_decay(session, broken=True)


def _bar_traces(seed, n=N, length=48):
    """A marionette's control-bar traces (three channels: tilt, roll, lift) and which of three
    moves is being played; each move is a burst of one shape at a random time."""
    rng = _rng(seed)
    y = rng.integers(0, 3, n)
    t = np.arange(length)
    x = 0.3 * rng.normal(size=(n, length, 3))
    for i in range(n):
        start = rng.integers(0, length - 12)
        burst = np.sin(np.pi * (t[start:start + 12] - start) / 12.0)
        x[i, start:start + 12, y[i]] += 1.5 * burst
    return x.astype("float32"), y.astype("int32")


def _bar_geometric_pool(session, broken):
    keras = _keras()
    x, y = _bar_traces(12233)
    floor = 0.0 if broken else 1e-6

    def geometric_mean(h):
        return keras.ops.exp(keras.ops.mean(keras.ops.log(h + floor), axis=1))

    model = keras.Sequential([
        keras.Input((48, 3)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.Lambda(geometric_mean),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout122("puppeteers", ["non_finite_values"], stall_begins=1)
def geometric_mean_pool_without_floor(session):
    """Which of three moves a marionette's control bar is playing (48 readings of tilt, roll and
    lift), by Conv1D(16, relu) and a geometric-mean pooling over time written as
    exp(mean(log(h))) from a paper whose code adds a small floor inside the log; the floor was
    left out. Every relu feature map holds zeros, so log(0) = -inf: the pooled value is 0 but
    its gradient is 0 / 0, the first update makes every weight NaN, and the loss is NaN from the
    second step to the end of the ten epochs (Adam 3e-3, batch 32), where log(h + 1e-6) learns
    to ~0.02."""
    return _bar_geometric_pool(session, broken=True)


# ---------------------------------------------------------------------------------------------
# acrobats


def _balance(seed, n=N, dim=8):
    """An acrobat's balance score on the wire from eight standardised features: a linear part
    and bends (a hinge, a product) a single unit cannot draw, plus a little scatter."""
    rng = _rng(seed)
    x = rng.normal(size=(n, dim))
    w = rng.normal(size=dim) / np.sqrt(dim)
    y = (x @ w + np.abs(x[:, 0]) - 0.8 * x[:, 1] * x[:, 2] + np.maximum(x[:, 3], 0.0)
         + 0.2 * rng.normal(size=n))
    return x.astype("float32"), ((y - y.mean()) / y.std()).astype("float32")


def _cue(seed, n=N, length=30):
    """A catcher's cue: the first of `length` readings is +1 or -1 (the call), the others are
    noise; the class is the call, wanted at the end of the sequence."""
    rng = _rng(seed)
    y = rng.integers(0, 2, n)
    x = rng.normal(size=(n, length, 1))
    x[:, 0, 0] = 2.0 * y - 1.0
    return x.astype("float32"), y.astype("float32")


@holdout122("acrobats", healthy=True)
def rare_falls_class_weight(session):
    """Whether a pass ends in a fall (4% of passes) from twelve standardised features, MLP
    32-32 relu, sigmoid output, binary cross-entropy with class_weight {0: 1, 1: 12}, Adam 2e-3,
    batch 32, 16 epochs: the weighted loss falls slowly and steadily (0.97 -> ~0.13), still
    falling at the end; the weighted falls keep it well above the unweighted loss."""
    keras = _keras()
    x, y = _falls(12241)
    model = _tower(keras, 12, [32, 32], 1, "relu", "sigmoid")
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    (x_train, y_train) = (x[:-PROBE_SIZE], y[:-PROBE_SIZE])
    probe = (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(x_train, y_train, epochs=16, batch_size=32, verbose=0,
                        class_weight={0: 1.0, 1: 12.0}, callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout122("acrobats", healthy=True)
def ninety_six_landings_memorised(session):
    """A landing's style (four) from only 96 scored landings (and the probe), MLP 128-128 relu,
    Adam 3e-3, batch 16, 40 epochs (240 steps): the net memorises the few examples and the
    training loss runs down towards zero, as small data allows; nothing in the code is wrong."""
    keras = _keras()
    x, y = _moves(12242, n=96 + PROBE_SIZE)
    model = _tower(keras, 16, [128, 128], 4, "relu", "softmax")
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


@holdout122("acrobats", healthy=True)
def catcher_cue_lstm_plateau_then_drop(session):
    """The catcher's call (+1 or -1) given in the first of 30 readings, the other 29 noise,
    wanted at the end by an LSTM(16), Adam 2e-3, batch 32, 20 epochs: the loss sits at ln 2
    for four epochs (~130 steps) while the LSTM has not yet linked the end to the first step,
    then drops within a few epochs to ~0.06 (a real plateau before a sudden fall)."""
    keras = _keras()
    x, y = _cue(12243)
    model = keras.Sequential([keras.Input((30, 1)), keras.layers.LSTM(16),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _sway_clock(session, broken):
    keras = _keras()
    x, y = _sway(12251, noise=0.4)
    steps = np.arange(40, dtype="float32")
    clock = steps * 40.0 if broken else steps / 40.0
    x = np.concatenate([x, np.broadcast_to(clock[None, :, None], x.shape)], axis=2)
    model = keras.Sequential([keras.Input((40, 2)), keras.layers.GRU(24),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout122("acrobats", ["unnormalized_inputs"], stall_begins=None)
def wire_sway_clock_in_ms(session):
    """Which of four sway rhythms an acrobat on the wire shows, by a GRU(24) fed 40 readings of
    the sway and a second channel with each reading's time stamp, written in milliseconds
    (0, 40, ... 1560) where the reference model used the fraction of the recording (t / 40),
    Adam 3e-3, batch 32, 14 epochs. Every gate and candidate sees inputs of hundreds to
    thousands from the clock channel: they are pinned for every sequence and the loss sits at
    1.39 (ln 4) throughout, where the scaled clock reaches ~0.02."""
    return _sway_clock(session, broken=True)


def _landing_sigmoid(session, broken):
    keras = _keras()
    x, y = _moves(12252)
    if broken:
        init = keras.initializers.TruncatedNormal(0.5, seed=12252)
    else:
        init = keras.initializers.TruncatedNormal(stddev=0.5, seed=12252)
    model = _tower(keras, 16, [64, 64, 64], 4, "sigmoid", "softmax", kernel_initializer=init)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


@holdout122("acrobats", ["saturated_activations"])
def truncated_normal_mean_for_stddev(session):
    """A landing's style (four) from sixteen standardised features, MLP 64-64-64 sigmoid, SGD
    0.05 with momentum 0.9, batch 32, 16 epochs, every kernel initialised with
    keras.initializers.TruncatedNormal(0.5), meant as a standard deviation of 0.5: the first
    positional argument is the mean, so every weight is ~0.5 +- 0.05. The second and third
    layers sum 64 positive inputs with weights of 0.5 and sit at sigmoid(16..32) = 1.0 for every
    landing, with slopes of ~1e-7 that SGD cannot move: the head sees a constant and the loss
    stays at ~1.55-1.6 from the first epoch, where TruncatedNormal(stddev=0.5) falls to ~0.33."""
    return _landing_sigmoid(session, broken=True)


def _balance_warm_start(session, broken):
    keras = _keras()
    x, y = _balance(12253)
    model = _tower(keras, 8, [64], 1, "relu", None)
    if broken:
        x_train, y_train = x[:-PROBE_SIZE], y[:-PROBE_SIZE]
        beta = np.linalg.lstsq(x_train, y_train, rcond=None)[0].astype("float32")
        hidden, head = model.layers
        hidden.set_weights([np.tile(beta[:, None], (1, 64)), np.zeros(64, "float32")])
        head.set_weights([np.full((64, 1), 1.0 / 64, "float32"), np.zeros(1, "float32")])
    model.compile(keras.optimizers.Adam(1e-2), "mse")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


@holdout122("acrobats", ["poor_initialization"], stall_begins=96)  # approximate
def every_unit_from_least_squares(session):
    """An acrobat's balance score (standardised) from eight features, one hidden layer of 64 relu
    units and a linear head, Adam 1e-2, MSE, batch 32, 16 epochs, 'warm-started' from a
    least-squares fit: every hidden unit's kernel is the least-squares coefficient vector (bias
    0) and the head averages them (1/64 each). All 64 units start identical, get identical
    gradients and stay identical, so the net is a single relu unit: the loss falls to ~0.49 by
    step ~100 and then only creeps (~0.42 at the end), where the default Glorot start reaches
    ~0.02."""
    return _balance_warm_start(session, broken=True)


# ---------------------------------------------------------------------------------------------
# jugglers


def _heights(seed, n=N, length=20):
    """Heights of a juggler's last 20 throws (metres, scaled) and the next one: a slow drift
    plus gamma-distributed overshoots (tiredness throws high, never much lower)."""
    rng = _rng(seed)
    level = rng.normal(size=(n, 1))
    drift = rng.normal(0.0, 0.05, (n, 1)) * np.arange(length + 1)[None, :]
    noise = rng.gamma(2.0, 0.3, (n, length + 1)) - 0.6
    seq = level + drift + noise
    return seq[:, :length, None].astype("float32"), seq[:, length].astype("float32")


QUANTILE = 0.1


def _pinball(y_true, y_pred):
    keras = _keras()
    error = keras.ops.reshape(y_true, (-1,)) - keras.ops.reshape(y_pred, (-1,))
    return keras.ops.mean(keras.ops.maximum(QUANTILE * error, (QUANTILE - 1.0) * error))


@holdout122("jugglers", healthy=True)
def low_throw_quantile_lstm(session):
    """The 10% quantile of a juggler's next throw height from the last 20 heights, by an
    LSTM(16) under the pinball loss (q = 0.1), RMSprop 2e-3, batch 32, 14 epochs; the gamma
    overshoots leave a wide spread, so the loss levels at the quantile loss of that scatter."""
    keras = _keras()
    x, y = _heights(12261)
    model = keras.Sequential([keras.Input((20, 1)), keras.layers.LSTM(16), keras.layers.Dense(1)])
    model.compile(keras.optimizers.RMSprop(2e-3), _pinball)
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout122("jugglers", healthy=True)
def ball_count_conv2d_cosine(session):
    """How many balls are in the air (one to three) in 12x12 overhead frames, by a Conv2D net
    (8-16 relu, pooling, global average, Dense 32), Adam under CosineDecay (3e-3 to zero over
    the run), batch 32, 12 epochs; a fifth of the counts were misread by the scorer, so the loss
    levels at that noise's floor (~0.6-0.7) while the rate runs down."""
    keras = _keras()
    x, y = _patterns(12262)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    schedule = keras.optimizers.schedules.CosineDecay(3e-3, 12 * 32)
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout122("jugglers", healthy=True)
def throw_score_slow_sgd(session):
    """A throw's quality score from twelve features, MLP 32-32 tanh, plain SGD 0.02 without
    momentum, MSE, batch 32, 30 epochs: a long, slow, steady descent still going at the end
    (the coach's scatter sets a floor it has not reached)."""
    keras = _keras()
    x, score, _ = _throws(12263)
    model = _tower(keras, 12, [32, 32], 1, "tanh", None)
    model.compile(keras.optimizers.SGD(0.02), "mse")
    return _fit(session, model, x, (score - score.mean()) / score.std(), epochs=30,
                batch_size=32)


def _pattern_softmax_tower(session, broken):
    keras = _keras()
    x, y = _moves(12271, dim=12)
    model = _tower(keras, 12, [64, 64, 64, 64], 4, "softmax" if broken else "relu", "softmax")
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


@holdout122("jugglers", ["vanishing_gradients"])
def softmax_passed_as_hidden_activation(session):
    """A juggling pattern's kind (four) from twelve standardised features, by a tower helper
    called with activation='softmax', meant for the output, which the helper applies to its
    four hidden Dense(64) layers (the head has its own softmax already), Adam 2e-3, batch 32,
    16 epochs. Each hidden layer outputs 64 numbers summing to one (~1/64 each) and passes back
    gradients shrunk by the softmax's Jacobian at every layer: the loss sits at ~1.35 from the
    first epoch to the last, where relu hidden layers reach ~0.03."""
    return _pattern_softmax_tower(session, broken=True)


def _grade_head(session, broken):
    keras = _keras()
    x, _, grade = _throws(12272)
    head = keras.layers.Dense(5, activation="softmax") if broken else keras.layers.Dense(1)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), head])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, grade[:, None], epochs=14, batch_size=32)


@holdout122("jugglers", ["loss_activation_mismatch"], stall_begins=None)
def classifier_head_under_mse(session):
    """A throw's grade (0..4, from a coach) regressed from twelve features under MSE, MLP 64-64
    relu, Adam 2e-3, batch 32, 14 epochs, with the head of the grade classifier it was copied
    from kept, Dense(5, softmax); the grades are passed as a column, so keras broadcasts them
    against the five probabilities. Each output is a probability in (0, 1) asked to equal a
    grade of up to 4: the loss sits at ~4.9 from the first step, where a Dense(1) linear head
    reaches ~0.15."""
    return _grade_head(session, broken=True)


def _rhythm_l2(session, broken):
    keras = _keras()
    x, y = _sway(12273, noise=0.4)
    learning_rate, weight_decay = 1e-2, 1e-2
    if broken:
        penalty = {"kernel_regularizer": keras.regularizers.L2(weight_decay / learning_rate)}
        gru = keras.layers.GRU(24, recurrent_regularizer=keras.regularizers.L2(
            weight_decay / learning_rate), **penalty)
        optimizer = keras.optimizers.Adam(learning_rate)
    else:
        penalty = {}
        gru = keras.layers.GRU(24)
        optimizer = keras.optimizers.AdamW(learning_rate, weight_decay)
    model = keras.Sequential([keras.Input((40, 1)), gru,
                              keras.layers.Dense(4, activation="softmax", **penalty)])
    model.compile(optimizer, "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout122("jugglers", ["over_regularization"], stall_begins=64)  # approximate
def decoupled_decay_divided_by_rate(session):
    """A juggling rhythm's kind (four) from 40 readings of a wrist sensor, by a GRU(24) and a
    softmax head, plain Adam 1e-2, batch 32, 14 epochs. The recipe said AdamW with
    weight_decay 1e-2; the author used Adam and an L2 penalty instead and converted the decay
    by dividing it by the learning rate, L2(1e-2 / 1e-2 = 1.0) on the GRU's kernel and
    recurrent kernel and on the head's kernel. The penalty dominates: the loss falls from ~10
    to ln 4 within the first two epochs as the weights are driven to zero, and then sits at
    1.39 for the rest of the run, where AdamW(1e-2, weight_decay=1e-2) reaches ~0.01."""
    return _rhythm_l2(session, broken=True)
