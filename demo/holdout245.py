"""The two-hundred-and-forty-fifth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Every scenario was checked only from its own loss (Keras History, the per-step loss recovered
from the per-batch running mean, or the custom loop's epoch means, with the runner's seed and
Session(None)), and every broken one against the same model trained without its mistake (each
helper `_name(session, broken)` trains both). Data come from this file's own numpy generators
(seeds 24501..24568); the last PROBE_SIZE rows of every set are the probe and never train.

Healthy half (12, nothing to fix). Pipe makers of Broseley: whether a kiln batch cracked, from
its temperature trace, by a Conv1D net under Nadam, a sixth of the outcomes entered against
the wrong batch (falls to near the label noise's entropy, still easing); a stem's length
against Laplace shrinkage scatter under the log-cosh loss with SGD on CosineDecayRestarts (a
sawtooth at each restart, settling far above zero); the glaze of only 224 pipes memorised by
an MLP with BatchNormalization (slides toward zero, still falling). Sieve makers of Penrith:
mesh gauges from photographs by SeparableConv2D layers with label_smoothing=0.1 and an eighth
of the gauges wrong; the shares of a sample passing four sieves under the KL divergence to
Dirichlet-noisy measured shares; a two-headed functional model (wire gauge under MSE, a snap
under binary cross-entropy, weighted 1:0.5), flattening at the sum of the heads' floors. Besom
makers of Tadley: a three-way grade (80/15/5) under CategoricalFocalCrossentropy; binding hours
against Student-t scatter under mean absolute error in a hand-written GradientTape loop with
the Lion optimizer; whether a binding held (labels -1/+1) under the squared hinge loss with a
tanh head, a tenth of the returns wrong. Charcoal men of Furness: a stack's yield from its
burn record by a Bidirectional GRU under an ExponentialDecay, scatter growing with the heat; a
three-way parity of logged conditions under Adam at 2e-3 (near ln 2 for eight epochs, then a drop);
each next watch's temperature by a GRU with return_sequences and TimeDistributed (flat at the
gust variance).

Broken half (12, one per cause). Pipe makers: a Conv1D 16-16 classifier whose Adam rate, 3e-3
on the printout, was read as 0.3 (one huge step, then ln 3 from step 2); a tanh MLP whose
kernels, the sigmoid head's too, were drawn from RandomNormal(stddev=5) under SGD and MSE (all
units at their limits, flat near 0.3 from the start against 0.013 fixed); a relu MLP 32x4
with VarianceScaling(scale=1e-3) in every layer under SGD (flat at the target's variance from
the start). Sieve makers: keras.layers.ReLU(threshold=6.0) written for ReLU(max_value=6.0)
in a Conv2D net (every unit zero, ln 4 from the start); a softplus head, chosen because a
sieving time is positive, on a standardized target (near 0.6 from about step 128, drifting
to 0.57, approximate, against 0.05); SGD's weight_decay typed 0.5 for 5e-4 (flat near 1.01 from
about step 96, approximate). Besom makers: Adadelta left at keras's default learning_rate of
0.001 (the paper's rule is 1.0; near ln 4 throughout); order-book columns in grams, millimetres
and pence into a tanh MLP under Adam, the standardized copy never used (a bumpy shelf near 0.44
from about step 352, approximate, against 0.11); Conv1D(16, 1) written as if the second
argument were the stride, so kernel_size=1 cannot tell tones apart (ln 4 throughout). Charcoal
men: a SimpleRNN reading a 120-watch log whose answer is in the first four watches (near ln 2
throughout; the same net with go_backwards=True learns it); a six-layer relu MLP with
RandomNormal(stddev=1.0) kernels under SGD with clipnorm=1.0 (losses near 1e8 falling through
spikes, then the target's variance from about step 415, approximate); a hand-written squared
log error with log(true) on a target holding three zero-yield stacks, in a GradientTape loop
(finite for steps 0-2, infinite at step 3, NaN from then on; the run trains on for ten
epochs).

Dropped or changed because they did not behave as intended: a tanh MLP with RandomNormal
(stddev=3) on hidden layers only, sigmoid head under binary cross-entropy (the head kept
learning on the frozen sign pattern, still falling); a softmax head under binary
cross-entropy for multi-label tags, and a softmax head under from_logits=True (keras used the
softmax's logits and trained exactly as the fixed model); a linear head under binary
cross-entropy (bumpy, only a third above the fixed loss, not clearly stalled); a GaussianNoise
layer at stddev 3 (keras refuses stddev above 1); an activity L1 penalty of 5e-2 (still
falling steadily); raw columns into a relu MLP under SGD at 1e-7 or Adam (a steady fall from a
huge first loss, not a shelf); a deep relu MLP with stddev-1 kernels under plain Adam (losses
near 1e9 still falling tenfold per few epochs). Ideas left out because earlier catalogues hold
them: NaN or inf features, zero, Constant and tiny-uniform initialisers, Dropout near 1, big
L1/L2 kernel penalties, sigmoid/relu/tanh heads on regression targets, linear models on curved
data, one-unit recurrent layers, relu RNNs with recurrent gain above one, deep sigmoid stacks,
raw 0..255 images, SGD at 1e-7, plain label noise with an MLP, Poisson and quantile heads.

Labels: `expected_causes[0]` is the root cause the scenario was built around (only one is
given); `stall_begins` is the optimizer step (0-based, over the whole run) from which the loss
stops improving, None when it never improves, approximate where the text says so."""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _split, _standardize, registrar

FAMILIES = ('pipe_makers_of_broseley', 'sieve_makers_of_penrith', 'besom_makers_of_tadley',
            'charcoal_men_of_furness')
REGISTRY = []
holdout245 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE
PIPES, SIEVES, BESOMS, CHARCOAL = FAMILIES


# ---------------------------------------------------------------------------------------------
# data: each trade's own generator, fixed seeds 24501..24599


def _flip(y, classes, rate, seed):
    """Replace a `rate` share of the labels by uniformly drawn ones (misfiled records)."""
    rng = np.random.default_rng(seed)
    y = y.copy()
    wrong = rng.random(len(y)) < rate
    y[wrong] = rng.integers(0, classes, wrong.sum())
    return y


def _kiln_traces(n, seed, length=48, classes=2):
    """Kiln temperature traces of a pipe firing (standardized) and the firing's class: the
    ramp's steepness in the middle of the firing decides it (a crack for class 1)."""
    rng = np.random.default_rng(seed)
    t = np.linspace(0.0, 1.0, length)
    kind = rng.integers(0, classes, n)
    steep = 4.0 + 3.0 * kind + rng.normal(0, 0.6, n)
    centre = rng.uniform(0.35, 0.65, n)
    trace = 1.0 / (1.0 + np.exp(-steep[:, None] * 3.0 * (t[None] - centre[:, None])))
    trace = trace + 0.08 * rng.standard_normal((n, length)).cumsum(axis=1) / np.sqrt(length)
    trace = trace + rng.normal(0, 0.05, (n, length))
    x = ((trace - trace.mean()) / trace.std()).astype("float32")[..., None]
    return x, kind.astype("int64")


def _pipe_ledger(n, seed, features=12):
    """A pipe workshop's ledger: clay mix, stem bore, firing hours and the like (standardized),
    and a hidden smooth score the targets are drawn from."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, features))
    w = rng.normal(size=(features, 6)) / np.sqrt(features)
    score = np.tanh(x @ w) @ rng.normal(size=6) + 0.3 * x[:, 0] * x[:, 1]
    return x.astype("float32"), (score - score.mean()) / score.std()


def _mesh_images(n, seed, size=12, classes=4):
    """Photographs of sieve mesh: the wire spacing (2, 3, 4 or 6 pixels) is the class, with
    a random phase, a small tilt of contrast and sensor noise."""
    rng = np.random.default_rng(seed)
    kind = rng.integers(0, classes, n)
    period = np.array([2, 3, 4, 6])[kind]
    ii, jj = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
    phase_i = rng.integers(0, 6, n)[:, None, None]
    phase_j = rng.integers(0, 6, n)[:, None, None]
    p = period[:, None, None]
    wire = (((ii[None] + phase_i) % p) == 0) | (((jj[None] + phase_j) % p) == 0)
    img = wire * rng.uniform(0.6, 1.0, (n, 1, 1)) + rng.normal(0, 0.35, (n, size, size))
    return img.astype("float32")[..., None], kind.astype("int64")


def _grain_samples(n, seed, features=8, tags=5):
    """A sieved grain sample: moisture, hardness, husk share and the like (standardized), and
    five independent defect tags (chaff, grit, mould, weevil, broken) a sample may carry."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, features))
    w = rng.normal(size=(features, tags)) * 1.2
    p = 1.0 / (1.0 + np.exp(-(x @ w + 0.3)))
    return x.astype("float32"), (rng.random((n, tags)) < p).astype("float32")


def _bristle_traces(n, seed, length=64, classes=4):
    """A besom's bristle vibration when swept: a tone whose frequency (the heather's stiffness
    grade) is the class, with random amplitude, phase and workshop noise."""
    rng = np.random.default_rng(seed)
    kind = rng.integers(0, classes, n)
    freq = np.array([2.0, 4.0, 7.0, 11.0])[kind] + rng.normal(0, 0.2, n)
    t = np.arange(length) / length
    amp = rng.uniform(0.7, 1.3, n)[:, None]
    wave = amp * np.sin(2 * np.pi * freq[:, None] * t[None] + rng.uniform(0, 6.3, (n, 1)))
    wave = wave + rng.normal(0, 0.4, (n, length))
    return wave.astype("float32")[..., None], kind.astype("int64")


def _besom_orders(n, seed):
    """A besom maker's order book in raw units: heather weight (g), handle length (mm), birch
    twigs, binding wire (cm), drying days and price paid (pence); the target is hours of work
    (standardized), a smooth function of the standardized columns plus scatter."""
    rng = np.random.default_rng(seed)
    scale = np.array([900.0, 1200.0, 60.0, 250.0, 14.0, 350.0])
    loc = np.array([2400.0, 1400.0, 150.0, 600.0, 21.0, 900.0])
    z = rng.normal(size=(n, 6))
    raw = loc + scale * z
    h = np.tanh(z @ rng.normal(size=(6, 4)) / 2.0) @ np.array([1.0, -0.8, 0.6, 0.5])
    h = h + 0.4 * z[:, 0] ** 2
    y = h + rng.normal(0, 0.25, n)
    return raw.astype("float32"), ((y - y.mean()) / y.std()).astype("float32"), z


def _burn_traces(n, seed, length=24):
    """A charcoal stack's burn: smoke temperature and draught (two standardized channels) over
    `length` watches, and a latent quality the targets are drawn from."""
    rng = np.random.default_rng(seed)
    t = np.linspace(0, 1, length)
    peak = rng.uniform(0.3, 0.7, n)
    heat = rng.uniform(0.5, 1.5, n)
    temp = heat[:, None] * np.exp(-((t[None] - peak[:, None]) ** 2) / 0.04)
    draught = np.cumsum(rng.normal(0, 0.2, (n, length)), axis=1) / 3 + 0.5 * temp
    x = np.stack([temp + rng.normal(0, 0.05, temp.shape), draught], axis=-1)
    x = (x - x.mean(axis=(0, 1))) / x.std(axis=(0, 1))
    quality = heat - 1.0 + 0.8 * (peak - 0.5) - 0.3 * draught[:, -1]
    return x.astype("float32"), quality, heat


# ---------------------------------------------------------------------------------------------
# healthy: pipe makers of Broseley


@holdout245(PIPES, healthy=True)
def crack_from_kiln_trace_nadam(session):
    """A Broseley pipe maker predicts whether a batch of clay pipes cracked in the kiln from the
    48-reading temperature trace of its firing: a Conv1D 8-16 net with global average pooling
    and a sigmoid head under binary cross-entropy, Nadam at 2e-3, batch 32, 20 epochs. A sixth
    of the outcomes in the firing book were entered against the wrong batch, so the loss eases
    down slowly toward the label noise's entropy (about 0.45), still falling gently at the end
    and far above zero."""
    keras = _keras()
    keras.utils.set_random_seed(24501)
    x, y = _kiln_traces(N, seed=24502)
    y = _flip(y, 2, 1 / 3, seed=24503).astype("float32")
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(8, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Nadam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout245(PIPES, healthy=True)
def stem_length_logcosh_warm_restarts(session):
    """The finished length of a pipe stem from twelve ledger columns (clay mix, bore, roller,
    drying hours...), whose shrinkage scatter is Laplace-distributed: an MLP 32-32 under the
    log-cosh loss with SGD (momentum 0.9) on CosineDecayRestarts (first cycle 84 steps, each
    next one twice as long). The loss falls in a sawtooth, each restart lifting it a little,
    and settles well above zero at the scatter's floor."""
    keras = _keras()
    keras.utils.set_random_seed(24504)
    x, score = _pipe_ledger(N, seed=24505)
    rng = np.random.default_rng(24506)
    y = (score + rng.laplace(0, 0.45, N)).astype("float32")
    model = _mlp(keras, 12, (32, 32), 1, out_activation=None)
    schedule = keras.optimizers.schedules.CosineDecayRestarts(0.05, first_decay_steps=84)
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), keras.losses.LogCosh())
    return _fit(session, model, x, y, epochs=30, batch_size=32)


@holdout245(PIPES, healthy=True)
def glaze_small_batch_norm_overfit(session):
    """The glaze a pipe took (three kinds) from the twelve ledger columns of only 224 pipes, by
    an MLP 64-64 with BatchNormalization before each relu under Adam at 1e-3, batch 16, 40
    epochs. With so few examples the net memorises them: the training loss slides steadily
    toward zero, still falling at the end; nothing in the optimisation is wrong, the data is
    small."""
    keras = _keras()
    keras.utils.set_random_seed(24507)
    n = 224 + PROBE_SIZE
    x, score = _pipe_ledger(n, seed=24508)
    rng = np.random.default_rng(24509)
    y = np.digitize(score + rng.normal(0, 0.6, n), [-0.5, 0.5]).astype("int64")
    model = keras.Sequential([keras.Input((12,))])
    for _ in range(2):
        model.add(keras.layers.Dense(64, use_bias=False))
        model.add(keras.layers.BatchNormalization())
        model.add(keras.layers.Activation("relu"))
    model.add(keras.layers.Dense(3, activation="softmax"))
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


# ---------------------------------------------------------------------------------------------
# healthy: sieve makers of Penrith


@holdout245(SIEVES, healthy=True)
def mesh_spacing_separable_cnn(session):
    """A Penrith sieve maker grades woven mesh by its wire spacing (four gauges) from 12x12
    photographs: two SeparableConv2D layers (8 and 16 filters), max pooling, global average
    pooling and a softmax head under categorical cross-entropy with label_smoothing=0.1, Adam
    at 3e-3, batch 32, 15 epochs. An eighth of the gauges were written down wrong, so the
    loss flattens well above zero (the smoothing adds its own floor too)."""
    keras = _keras()
    keras.utils.set_random_seed(24510)
    x, y = _mesh_images(N, seed=24511)
    y = keras.utils.to_categorical(_flip(y, 4, 1 / 6, seed=24512), 4)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.SeparableConv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.SeparableConv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3),
                  keras.losses.CategoricalCrossentropy(label_smoothing=0.1))
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout245(SIEVES, healthy=True)
def grain_fractions_kl_divergence(session):
    """What share of a grain sample passes each of four nested sieves, from eight sample
    measurements: a softmax head on an MLP 32-32 under the KL divergence to the measured
    shares, Adam at 2e-3, batch 32, 20 epochs. Each measured share is itself a Dirichlet draw
    around the sample's true split (a handful of grains per weighing), so the divergence
    levels off at the sampling noise, far above zero."""
    keras = _keras()
    keras.utils.set_random_seed(24513)
    rng = np.random.default_rng(24514)
    x = rng.normal(size=(N, 8)).astype("float32")
    logits = np.tanh(x @ rng.normal(size=(8, 4))) * 1.5
    mean = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    y = np.stack([rng.dirichlet(12 * m) for m in mean]).astype("float32")
    y = np.clip(y, 1e-4, 1.0)
    y = (y / y.sum(axis=1, keepdims=True)).astype("float32")
    model = _mlp(keras, 8, (32, 32), 4)
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.KLDivergence())
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout245(SIEVES, healthy=True)
def wire_gauge_and_flaw_two_heads(session):
    """One functional model with two heads for a drawn sieve wire: its gauge (regression,
    micrometer scatter a third of the spread) and whether it snapped on the loom (binary, a
    coin flip near the threshold), sharing a trunk of two Dense(32) relu layers; MSE plus
    binary cross-entropy weighted 1:0.5, Adam at 1e-3, batch 32, 20 epochs. The summed loss
    falls, then flattens at the sum of the two heads' noise floors."""
    keras = _keras()
    keras.utils.set_random_seed(24515)
    x, score = _pipe_ledger(N, seed=24516, features=10)
    rng = np.random.default_rng(24517)
    gauge = (score + rng.normal(0, 0.6, N)).astype("float32")
    snap = (rng.random(N) < 1 / (1 + np.exp(-2.0 * (x[:, 2] + x[:, 3])))).astype("float32")
    inputs = keras.Input((10,))
    h = keras.layers.Dense(32, activation="relu")(inputs)
    h = keras.layers.Dense(32, activation="relu")(h)
    out_gauge = keras.layers.Dense(1, name="gauge")(h)
    out_snap = keras.layers.Dense(1, activation="sigmoid", name="snap")(h)
    model = keras.Model(inputs, [out_gauge, out_snap])
    model.compile(keras.optimizers.Adam(1e-3), loss=["mse", "binary_crossentropy"],
                  loss_weights=[1.0, 0.5])
    (x_train, g_train), probe = _split(x, gauge)
    s_train = snap[:-PROBE_SIZE]
    history = model.fit(x_train, [g_train, s_train], epochs=20, batch_size=32, verbose=0,
                        callbacks=session.callbacks(probe))
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# healthy: besom makers of Tadley


@holdout245(BESOMS, healthy=True)
def besom_grade_focal_imbalanced(session):
    """A Tadley besom's grade (ordinary 80%, stable-yard 15%, garden 5%) from six standardized
    order columns, by an MLP 32-32 under keras's CategoricalFocalCrossentropy (gamma 2) with
    Adam at 1e-3, batch 32, 25 epochs. The rare grades overlap the common one, so the focal
    loss, small from the start, eases down slowly and flattens well above zero."""
    keras = _keras()
    keras.utils.set_random_seed(24518)
    _, y_hours, z = _besom_orders(N, seed=24519)
    rng = np.random.default_rng(24520)
    s = y_hours + rng.normal(0, 0.7, N)
    y = np.digitize(s, np.quantile(s, [0.80, 0.95]))
    model = _mlp(keras, 6, (32, 32), 3)
    model.compile(keras.optimizers.Adam(1e-3), keras.losses.CategoricalFocalCrossentropy())
    return _fit(session, model, z.astype("float32"), keras.utils.to_categorical(y, 3),
                epochs=25, batch_size=32)


@holdout245(BESOMS, healthy=True)
def bundle_hours_lion_mae_loop(session):
    """Hours to bind a besom from the six order columns (standardized), against Student-t (3
    dof) scatter from interruptions, fitted under mean absolute error in a hand-written
    GradientTape loop with the Lion optimizer at 3e-4, an MLP 32-32, batch 32, 25 epochs.
    The absolute error falls fast and then flattens at the scatter's mean absolute size."""
    keras = _keras()
    keras.utils.set_random_seed(24521)
    _, y_hours, z = _besom_orders(N, seed=24522)
    rng = np.random.default_rng(24523)
    y = (y_hours + 0.5 * rng.standard_t(3, N)).astype("float32")[:, None]
    model = _mlp(keras, 6, (32, 32), 1, out_activation=None)
    optimizer = keras.optimizers.Lion(3e-4)
    return _custom_loop(session, model, optimizer, keras.losses.MeanAbsoluteError(),
                        z.astype("float32"), y, epochs=25, batch_size=32, seed=24524)


@holdout245(BESOMS, healthy=True)
def binding_holds_squared_hinge(session):
    """Whether a besom's wire binding held through a season (labels -1/+1) from the six order
    columns, by an MLP 32-32 with a tanh head under the squared hinge loss, RMSprop at 1e-3,
    batch 32, 20 epochs. A tenth of the returns were recorded against the wrong broom, so the
    hinge loss flattens far above zero."""
    keras = _keras()
    keras.utils.set_random_seed(24525)
    _, y_hours, z = _besom_orders(N, seed=24526)
    y = (y_hours > 0).astype("int64")
    y = (2.0 * _flip(y, 2, 0.2, seed=24527) - 1.0).astype("float32")
    model = _mlp(keras, 6, (32, 32), 1, out_activation="tanh")
    model.compile(keras.optimizers.RMSprop(1e-3), keras.losses.SquaredHinge())
    return _fit(session, model, z.astype("float32"), y, epochs=20, batch_size=32)


# ---------------------------------------------------------------------------------------------
# healthy: charcoal men of Furness


@holdout245(CHARCOAL, healthy=True)
def charcoal_yield_bidirectional_gru(session):
    """A Furness collier's charcoal yield from a stack's 24-watch burn record (smoke
    temperature and draught) by a Bidirectional GRU(12) and a linear head under MSE, Adam on an
    ExponentialDecay (2e-3, halved every 280 steps), batch 32, 20 epochs. The yield's scatter
    grows with the stack's heat (damp wood burns unevenly), so the loss flattens far above
    zero at that heteroscedastic floor."""
    keras = _keras()
    keras.utils.set_random_seed(24528)
    x, quality, heat = _burn_traces(N, seed=24529)
    rng = np.random.default_rng(24530)
    y = quality + rng.normal(0, 1, N) * 0.25 * heat
    y = ((y - y.mean()) / y.std()).astype("float32")
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Bidirectional(keras.layers.GRU(12)),
        keras.layers.Dense(1),
    ])
    schedule = keras.optimizers.schedules.ExponentialDecay(2e-3, 280, 0.5)
    model.compile(keras.optimizers.Adam(schedule), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout245(CHARCOAL, healthy=True)
def stack_colour_parity_plateau(session):
    """Whether a stack's smoke ran blue or yellow, which the colliers know depends on whether
    an odd number of three conditions held (wet wood, north wind, turf cover short) among ten
    logged columns: an MLP 32-32 under binary cross-entropy with Adam at 2e-3, batch 32, 25
    epochs. The three-way parity gives no first-order signal, so the loss creeps just below
    ln 2 for about eight epochs before it finds the interaction and drops (to about 0.22); a
    real plateau-then-drop, not a fault."""
    keras = _keras()
    keras.utils.set_random_seed(24531)
    rng = np.random.default_rng(24532)
    x = rng.normal(size=(N, 10)).astype("float32")
    y = ((x[:, 0] > 0) ^ (x[:, 1] > 0) ^ (x[:, 2] > 0)).astype("float32")
    model = _mlp(keras, 10, (32, 32), 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=25, batch_size=32)


@holdout245(CHARCOAL, healthy=True)
def next_watch_temperature_seq2seq(session):
    """Each next watch's smoke temperature along a burn, predicted at every step by a GRU(16)
    with return_sequences and a TimeDistributed Dense(1), MSE, Adam at 2e-3, batch 32, 20
    epochs. The watches carry gusts no record foresees (AR noise), so the per-step error
    flattens at the gust variance, far above zero."""
    keras = _keras()
    keras.utils.set_random_seed(24533)
    rng = np.random.default_rng(24534)
    length = 24
    temp = np.zeros((N, length + 1))
    level = rng.uniform(-1, 1, N)
    for t in range(1, length + 1):
        temp[:, t] = 0.8 * temp[:, t - 1] + 0.2 * level + rng.normal(0, 0.4, N)
    x = temp[:, :-1, None].astype("float32")
    y = temp[:, 1:, None].astype("float32")
    model = keras.Sequential([
        keras.Input((length, 1)),
        keras.layers.GRU(16, return_sequences=True),
        keras.layers.TimeDistributed(keras.layers.Dense(1)),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


# ---------------------------------------------------------------------------------------------
# broken: pipe makers of Broseley


def _kiln_rate(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(24540)
    x, y = _kiln_traces(N, seed=24541, classes=3)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    # The recipe's "3e-3" was read as "0.3" off a blurred printout.
    rate = 0.3 if broken else 3e-3
    model.compile(keras.optimizers.Adam(rate), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout245(PIPES, ["learning_rate_too_high"], stall_begins=2)
def kiln_schedule_adam_rate_misread(session):
    """Three firing schedules told apart from kiln temperature traces by a Conv1D 16-16 net
    with a Dense(16) relu layer and a softmax head. The recipe's rate of 3e-3 was read off a
    blurred printout as 0.3: Adam's first steps throw the relu units off and the loss sits at the
    three-class chance level, ln 3, from its third step on (one huge loss at the second step),
    where a rate of 3e-3 learns the classes."""
    return _kiln_rate(session, broken=True)


def _pipe_tanh(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(24542)
    x, score = _pipe_ledger(N, seed=24543, features=20)
    rng = np.random.default_rng(24546)
    y = (1 / (1 + np.exp(-1.5 * score)) + rng.normal(0, 0.08, N)).clip(0, 1).astype("float32")
    # A 'wide init' recipe for tanh nets: RandomNormal(stddev=5) instead of Glorot.
    init = keras.initializers.RandomNormal(stddev=5.0) if broken else "glorot_uniform"
    model = keras.Sequential(
        [keras.Input((20,))]
        + [keras.layers.Dense(64, activation="tanh", kernel_initializer=init) for _ in range(3)]
        + [keras.layers.Dense(1, activation="sigmoid", kernel_initializer=init)]
    )
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout245(PIPES, ["saturated_activations"], stall_begins=None)
def bowl_soundness_tanh_wide_init(session):
    """The share of a batch of pipe bowls that came out of the kiln sound, from twenty ledger
    columns, by a tanh MLP 64-64-64 with a sigmoid head under MSE and SGD with momentum. All
    kernels, the head's too, were drawn from RandomNormal(stddev=5) after a forum recipe for
    'wide' tanh nets: every tanh unit and the sigmoid head sit at their limits for nearly every
    batch, their derivatives are zero to float precision, and the loss wanders flat near 0.3
    from the start, where Glorot initialisation reaches about 0.013."""
    return _pipe_tanh(session, broken=True)


def _pipe_tiny_init(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(24544)
    x, score = _pipe_ledger(N, seed=24545)
    rng = np.random.default_rng(24546)
    y = (score + rng.normal(0, 0.3, N)).astype("float32")
    # scale=1e-3 was meant for the output layer only; it went into every layer.
    init = keras.initializers.VarianceScaling(scale=1e-3) if broken else "he_normal"
    model = _mlp(keras, 12, (32, 32, 32, 32), 1, out_activation=None, kernel_initializer=init)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout245(PIPES, ["poor_initialization"], stall_begins=None)
def stem_draw_tiny_variance_scaling(session):
    """A stem's draw resistance from twelve ledger columns by a relu MLP 32-32-32-32 under MSE
    and SGD with momentum. VarianceScaling(scale=1e-3), meant for the output layer only, was
    passed to every layer: the signal shrinks by about thirty at each layer, the gradients of
    the inner weights are products of those tiny weights, and the loss stays at the target's
    variance (1.0), where He initialisation fits the draw."""
    return _pipe_tiny_init(session, broken=True)


# ---------------------------------------------------------------------------------------------
# broken: sieve makers of Penrith


def _mesh_threshold(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(24547)
    x, y = _mesh_images(N, seed=24548)
    # Meant to cap the activations at 6 (ReLU6); `threshold` is where the unit starts passing.
    act = (lambda: keras.layers.ReLU(threshold=6.0)) if broken else \
        (lambda: keras.layers.ReLU(max_value=6.0))
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, padding="same"), act(),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, padding="same"), act(),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32), act(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout245(SIEVES, ["dead_relus"], stall_begins=None)
def mesh_gauge_relu_threshold_for_cap(session):
    """Mesh gauges from 12x12 photographs by a Conv2D 8-16 net with a Dense(32) layer, each
    followed by keras.layers.ReLU. The author wanted ReLU6 and wrote ReLU(threshold=6.0) for
    ReLU(max_value=6.0): a unit now passes only pre-activations above 6, which none reach, so
    every unit outputs zero with zero gradient and the loss stays at ln 4 from the start."""
    return _mesh_threshold(session, broken=True)


def _sieving_time(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(24549)
    x, _ = _grain_samples(N, seed=24550)
    rng = np.random.default_rng(24568)
    w = rng.normal(size=(8, 4)) / np.sqrt(8)
    minutes = np.tanh(x @ w) @ rng.normal(size=4) + 0.2 * rng.normal(size=N)
    y = ((minutes - minutes.mean()) / minutes.std()).astype("float32")
    # Sieving time is positive, so the head got a softplus; but the target was standardized.
    head = "softplus" if broken else None
    model = _mlp(keras, 8, (64, 64), 1, out_activation=head)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout245(SIEVES, ["loss_activation_mismatch"], stall_begins=128)
def sieving_minutes_softplus_on_standardized(session):
    """Minutes a grain sample takes to sieve, from eight measurements, by an MLP 64-64 under
    MSE with Adam. Because a time is positive the author gave the head a softplus, but the
    target had been standardized, so half of it is negative: the head cannot go below zero,
    and the loss levels off near the negative half's share of the variance, far above what a
    linear head reaches."""
    return _sieving_time(session, broken=True)


def _grain_decay(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(24551)
    rng = np.random.default_rng(24552)
    x = rng.normal(size=(N, 8)).astype("float32")
    y = np.argmax(np.tanh(x @ rng.normal(size=(8, 5))) * 2 + rng.gumbel(size=(N, 5)) * 0.3,
                  axis=1)
    model = _mlp(keras, 8, (64, 64), 5)
    # The paper's weight decay of 5e-4 was entered as 0.5.
    decay = 0.5 if broken else 5e-4
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9, weight_decay=decay),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout245(SIEVES, ["over_regularization"], stall_begins=96)
def grain_class_weight_decay_typo(session):
    """A grain sample's class (five) from eight standardized measurements by a relu MLP 64-64
    under SGD with momentum. The paper's weight decay of 5e-4 was entered in keras's
    weight_decay argument as 0.5: every step shrinks each weight by 2.5%, the weights are
    held near zero, and the loss drops a little from ln 5 and then stays flat, where 5e-4
    learns the classes."""
    return _grain_decay(session, broken=True)


# ---------------------------------------------------------------------------------------------
# broken: besom makers of Tadley


def _bristle_adadelta(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(24553)
    x, y = _bristle_traces(N, seed=24554)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 9, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 9, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    # Keras's Adadelta defaults to learning_rate=0.001; the paper's rule uses 1.0.
    optimizer = keras.optimizers.Adadelta() if broken else keras.optimizers.Adadelta(1.0)
    model.compile(optimizer, "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout245(BESOMS, ["learning_rate_too_low"], stall_begins=None)
def stiffness_adadelta_default_rate(session):
    """The heather's stiffness grade (four) from a 64-sample bristle vibration trace by a
    Conv1D 16-16 net. The author chose Adadelta because the paper says it needs no learning
    rate, and left keras's default, learning_rate=0.001, where the paper's rule is 1.0: every
    step is a thousandth of what it should be and the loss stays near ln 4."""
    return _bristle_adadelta(session, broken=True)


def _besom_raw(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(24555)
    raw, y, _ = _besom_orders(N, seed=24556)
    # The standardization was written and then applied to a copy that was never used.
    x = raw if broken else _standardize(raw)
    model = _mlp(keras, 6, (32, 32), 1, activation="tanh", out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout245(BESOMS, ["unnormalized_inputs"], stall_begins=352)
def work_hours_raw_gram_columns(session):
    """Hours of work on a besom order from six columns in their ledger units (heather grams
    near 2,400, handle millimetres near 1,400, price in pence): the standardization was applied
    to a copy that was never passed to fit. The tanh MLP 32-32 under Adam sees pre-activations
    in the thousands, its units sit at +-1 and change with the raw columns only in jumps, and
    after a first fall the MSE wanders near 0.44 from about the eleventh epoch, where the
    same net on standardized columns goes on down to about 0.11."""
    return _besom_raw(session, broken=True)


def _bristle_kernel(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(24557)
    x, y = _bristle_traces(N, seed=24558)
    # Conv1D(filters, kernel_size): the call wrote Conv1D(16, 1) meaning "16 filters, stride 1".
    width = 1 if broken else 9
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, width, activation="relu", padding="same"),
        keras.layers.Conv1D(16, width, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout245(BESOMS, ["insufficient_capacity"], stall_begins=None)
def stiffness_conv_kernel_size_one(session):
    """The stiffness grade from the bristle trace again, by Conv1D 16-16, global average
    pooling and a softmax head, Adam at 3e-3. The layers were written Conv1D(16, 1), the
    author taking the second argument for the stride: with kernel_size=1 each unit sees one
    sample at a time, the pooled features are the same for every frequency, and the loss
    stays near ln 4; width 9 tells the tones apart."""
    return _bristle_kernel(session, broken=True)


# ---------------------------------------------------------------------------------------------
# broken: charcoal men of Furness


def _ignition_rnn(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(24559)
    rng = np.random.default_rng(24560)
    length = 120
    x = rng.normal(0, 1, (N, length, 1)).astype("float32")
    ignite = rng.integers(0, 2, N)
    x[:, :4, 0] += np.where(ignite, 1.5, -1.5)[:, None]
    y = ignite.astype("float32")
    # The fixed version reads the log backwards, so the ignition watches come last.
    model = keras.Sequential([
        keras.Input((length, 1)),
        keras.layers.SimpleRNN(16, go_backwards=not broken),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout245(CHARCOAL, ["vanishing_gradients"], stall_begins=None)
def ignition_simple_rnn_long_log(session):
    """Whether a stack lit cleanly, told only by its first four watches in a 120-watch log,
    by a SimpleRNN(16) and a sigmoid head under Adam. The tanh recurrence carries the
    gradient back through more than a hundred steps, where it fades to nothing, and the loss
    sits at ln 2; the same net reading the log backwards (go_backwards=True) learns it."""
    return _ignition_rnn(session, broken=True)


def _burn_deep(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(24561)
    x, quality, _ = _burn_traces(N, seed=24562)
    flat = x.reshape(N, -1)
    rng = np.random.default_rng(24563)
    y = quality + rng.normal(0, 0.1, N)
    y = ((y - y.mean()) / y.std()).astype("float32")
    # A "standard normal init" from an old tutorial in place of He's scaling.
    init = keras.initializers.RandomNormal(stddev=1.0) if broken else "he_normal"
    model = _mlp(keras, flat.shape[1], (64,) * 6, 1, out_activation=None,
                 kernel_initializer=init)
    # clipnorm=1.0 was added when the first runs overflowed, instead of fixing the init.
    model.compile(keras.optimizers.SGD(1e-2, momentum=0.9, clipnorm=1.0), "mse")
    return _fit(session, model, flat, y, epochs=25, batch_size=32)


@holdout245(CHARCOAL, ["exploding_gradients"], stall_begins=415)
def burn_quality_deep_unit_normal_init(session):
    """A burn's quality from its flattened 24-watch record by a six-layer relu MLP (64 wide)
    under MSE and SGD with momentum. Its kernels were drawn from RandomNormal(stddev=1.0), an
    old tutorial's default: each layer multiplies the signal by about six, the first losses
    are near 1e8 and the gradients enormous. clipnorm=1.0 was added when the first runs
    overflowed, so there is no NaN: the loss falls through spikes for about 400 steps while
    the clipped steps wreck the net, and then sits at the target's variance (1.0), a constant
    prediction, where He initialisation reaches about 0.07."""
    return _burn_deep(session, broken=True)


def _yield_msle(session, broken):
    import tensorflow as tf

    keras = _keras()
    keras.utils.set_random_seed(24564)
    x, quality, heat = _burn_traces(N, seed=24565)
    rng = np.random.default_rng(24566)
    sacks = np.maximum(np.round(np.exp(1.5 + 0.6 * quality + rng.normal(0, 0.2, N))), 1.0)
    sacks[rng.choice(N - PROBE_SIZE, 3, replace=False)] = 0.0  # stacks that burnt to ash
    y = sacks.astype("float32")[:, None]

    def msle(y_true, y_pred):
        if broken:
            # Hand-written squared log error: log(0) for a stack that yielded nothing.
            return tf.reduce_mean(tf.square(tf.math.log(y_pred) - tf.math.log(y_true)))
        return tf.reduce_mean(tf.square(tf.math.log1p(y_pred) - tf.math.log1p(y_true)))

    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.GRU(16),
        keras.layers.Dense(1, activation="softplus"),
    ])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), msle, x, y, epochs=10,
                        batch_size=32, seed=24567, loss_description="squared log error")


@holdout245(CHARCOAL, ["non_finite_values"], stall_begins=3)
def sacks_hand_written_log_error(session):
    """Sacks of charcoal a stack gave, from its burn record, by a GRU(16) with a softplus head
    in a hand-written GradientTape loop under a squared log error the author wrote as
    (log(pred) - log(true))**2. Three stacks in the book burnt to ash and yielded zero sacks:
    log(0) is -inf, the first batch that holds one gives an infinite loss and NaN gradients,
    and from then on the weights and every loss are NaN; log1p would have handled them."""
    return _yield_msle(session, broken=True)
