"""The hundred-and-sixtieth held-out catalogue: written by someone who did not read the engine
or run the diagnosis on these runs, and scored once.

Four trades, six runs each, on synthetic data from this file's own generators (seeds
16001-16037): boatwrights (hull speeds, caulked seams, swell and wake gauges, plank grain, sail
trim), navvies (barrow loads, borehole soundings, a small gang's yardage, embankments, tunnel
seepage, flooding cuttings), conservators (pigment fading, raking-light photos of panels,
varnish spectra, gilding inspection, gallery humidity) and taxidermists (specimen cards, hide
tanning, curing drums, mount armatures, specimen masses). The last PROBE_SIZE rows of every
data set are the probe.

Healthy half (twelve correct models trained correctly, whose loss flattens far above zero or in
unusual ways): hull speed under Student-t timing noise with a Huber loss; rare seam leaks (~4%)
with a class weight of 10, still falling slowly at the end; a GRU on a noisy swell gauge with a
piecewise-constant schedule; Poisson counts of barrow loads through an exponential output; a
Conv1D on soundings with 15% wrong labels, warm-up then cosine decay; a wide MLP on 160 days
that slowly overfits the daily noise; a pinball (q=0.9) loss on heteroscedastic fading; a Conv2D
on panels with competing damages and ReduceLROnPlateau; a two-input model with self-attention
over a spectral scan, still creeping down; an embedding model on specimen cards with 12%
misfiled labels that it slowly memorizes; a custom GradientTape loop with SGD + momentum on
noisy tanning times; an LSTM on curing-drum traces with 10% wrong stage entries.

Broken half (one root cause each, each a helper `_x(session, broken)` whose fixed version was
trained beside it with Session(None) to check that the broken one stalls well above it):
RMSprop at a rate copied from an SGD script (0.5), bouncing above the constant-guess loss;
a tanh SimpleRNN with an Orthogonal(gain=3) recurrent kernel and no clipping, whose first
gradients are ~2e5 and leave it flat at five times the fixed loss; Conv1D filters with biases
of -3 that never fire (flat at log 4); raw embankment units (mm, pence) into a tanh MLP, flat
at the coin-flip level; a GRU trained from scratch with a fine-tuning rate (SGD 1e-5) that
barely moves; a softmax regression left when the hidden layers were commented out, levelling
off at ~0.65 on a product-shaped boundary; a sigmoid MLP initialized U(0, 1) whose deeper layers
are pinned at 1.0; a sigmoid output regressing a percentage; an L2 of 0.3 (meant 1e-4) on a
self-attention forecaster, collapsed to the mean; a 10-layer sigmoid MLP in a custom loop whose
early layers get no gradient; an embedding and hidden kernel both initialized to zeros, so only
the biases learn; and a zero mass whose log is -inf in the targets of a custom loop, NaN from
step 8 on.

Dropped because they did not behave as intended: a softmax head on a multi-label task with
binary cross-entropy (the broken and fixed runs trained identically, so it was no mismatch
here); a 256-wide tanh MLP initialized N(0, 1) meant to saturate (its sign-like random features
were enough for the readout, and it learned better than the Glorot run); Conv1D with one filter
for insufficient capacity (still falling at the end rather than stalled); an L2 of 1.0 on the
attention model (its penalty was still decaying at the end); raw embankment units into a relu
MLP (a huge, bouncing loss that kept falling, not a stall); a log-mass input feature with -inf
(relu turned the NaN into a frozen but finite loss; the targets carry it now); an LSTM recalling
the first token of a sequence, meant as a plateau before a sudden drop (it spiked and rose
again, not a healthy curve).

Labels: `expected_causes[0]` is the root cause the scenario was built around; none lists a
second cause. `stall_begins` is the 0-based optimizer step from which the broken loss stops
improving, None where it never improves; it was read off the per-epoch losses (the step
counts of those epochs) and is marked approximate next to the scenario, except for the NaN run,
whose step is exact for its seed (the loop's shuffle puts the zero-mass row in batch 8).
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('boatwrights', 'navvies', 'conservators', 'taxidermists')

REGISTRY = []
holdout160 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data


def _rng(seed):
    return np.random.default_rng(seed)


def _hull_table(n, seed):
    """A boatyard's hull table: 8 standardized features (length, beam, sail area, wind...) and a
    smooth nonlinear speed through the water."""
    r = _rng(seed)
    z = r.normal(0.0, 1.0, size=(n, 8))
    speed = (1.2 * z[:, 0] + 0.8 * np.tanh(z[:, 1] * z[:, 2]) - 0.4 * z[:, 3] ** 2
             + 0.5 * np.sin(2.0 * z[:, 4]) + 0.4 * z[:, 5] * z[:, 6])
    return z.astype("float32"), speed.astype("float32")


def _swell(n, seed, length=24, noise=0.2):
    """Swell gauge traces: two sines of random frequency and phase plus noise; the target is the
    next reading (noisy too). Shapes (n, length, 1) and (n,)."""
    r = _rng(seed)
    t = np.arange(length + 1)[None, :]
    f1 = r.uniform(0.15, 0.45, size=(n, 1))
    f2 = r.uniform(0.5, 0.9, size=(n, 1))
    p1, p2 = r.uniform(0, 2 * np.pi, size=(2, n, 1))
    a = r.uniform(0.5, 1.5, size=(n, 1))
    wave = a * np.sin(f1 * t + p1) + 0.5 * np.sin(f2 * t + p2)
    wave = wave + r.normal(0.0, noise, size=wave.shape)
    return wave[:, :length, None].astype("float32"), wave[:, length].astype("float32")


def _soundings(n, seed, length=48, noise=0.4):
    """A navvy's borehole soundings along a cutting: step (rock shelf), ramp (clay), bump
    (boulder) or ripple (gravel bands), at a random place, plus noise. Labels 0..3."""
    r = _rng(seed)
    y = r.integers(0, 4, size=n)
    t = np.arange(length)[None, :].astype(float)
    c = r.uniform(12, 36, size=(n, 1))
    w = r.uniform(3, 7, size=(n, 1))
    shapes = np.stack([
        (t > c).astype(float) * 1.5,
        np.clip((t - c) / (3 * w), -1, 1),
        1.8 * np.exp(-((t - c) / w) ** 2),
        np.sin(t / w * 2.0) * np.exp(-((t - c) / (3 * w)) ** 2) * 1.5,
    ], axis=1)
    x = shapes[np.arange(n), y] + r.normal(0.0, noise, size=(n, length))
    return x[:, :, None].astype("float32"), y.astype("int32")


def _panels(n, seed, size=16, noise=0.35):
    """A conservator's raking-light photos of painted panels, size x size: each shows any of four
    kinds of damage (horizontal cracks, vertical cracks, flaking spots, a bloom gradient).
    Returns images (n, size, size, 1), multi-hot damage labels (n, 4), and the single most
    prominent damage as a class id."""
    r = _rng(seed)
    yy, xx = np.mgrid[0:size, 0:size]
    labels = (r.uniform(size=(n, 4)) < 0.4).astype("float32")
    strength = r.uniform(0.6, 1.4, size=(n, 4)) * labels
    main = np.argmax(strength + r.uniform(0, 1e-3, size=(n, 4)), axis=1)
    img = r.normal(0.0, noise, size=(n, size, size))
    rows = r.integers(2, size - 2, size=n)
    cols = r.integers(2, size - 2, size=n)
    img += strength[:, 0, None, None] * (np.abs(yy[None] - rows[:, None, None]) < 1)
    img += strength[:, 1, None, None] * (np.abs(xx[None] - cols[:, None, None]) < 1)
    cy, cx = r.integers(3, size - 3, size=(2, n))
    spot = ((yy[None] - cy[:, None, None]) ** 2 + (xx[None] - cx[:, None, None]) ** 2) < 5
    img += strength[:, 2, None, None] * spot
    img += strength[:, 3, None, None] * (xx[None] / size)
    return img[..., None].astype("float32"), labels, main.astype("int32")


def _tags(n, seed, vocab=300, length=12, classes=5):
    """A taxidermist's specimen cards as token ids: random words, plus two or three keywords from
    the specimen's order (birds, fish, mammals, reptiles, insects). Labels 0..classes-1."""
    r = _rng(seed)
    y = r.integers(0, classes, size=n)
    tokens = r.integers(classes * 8 + 1, vocab, size=(n, length))
    for i in range(n):
        k = r.integers(2, 4)
        slots = r.choice(length, size=k, replace=False)
        tokens[i, slots] = 1 + y[i] * 8 + r.integers(0, 8, size=k)
    return tokens.astype("int32"), y.astype("int32")


def _flip(y, classes, fraction, seed):
    """Label noise: `fraction` of the labels replaced by a random class."""
    r = _rng(seed)
    y = y.copy()
    hit = r.uniform(size=len(y)) < fraction
    y[hit] = r.integers(0, classes, size=int(hit.sum()))
    return y


def _fit_inputs(session, model, xs, y, *, epochs, batch_size, callbacks=()):
    """`_fit` for a model with several inputs: the last PROBE_SIZE rows of each are the probe."""
    train = [x[:-PROBE_SIZE] for x in xs]
    probe = ([x[-PROBE_SIZE:] for x in xs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        shuffle=True, verbose=0,
                        callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# boatwrights


@holdout160("boatwrights", healthy=True)
def hull_speed_gusty_trials(session):
    """Hull speed regressed from 8 standardized design and weather features by a 2x64 relu MLP
    with Huber loss and Adam 2e-3. The sea trials were timed in gusty weather: the measured speed
    carries Student-t (2 degrees of freedom) noise, so the loss falls fast and then levels off
    well above zero, with the odd outlier batch."""
    keras = _keras()
    x, speed = _hull_table(N, seed=16001)
    y = (speed + 0.6 * _rng(16002).standard_t(2.0, size=N)).astype("float32")
    model = _mlp(keras, 8, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(delta=1.0))
    return _fit(session, model, x, y, epochs=25, batch_size=32)


@holdout160("boatwrights", healthy=True)
def caulking_leaks_rare(session):
    """Which newly caulked seams will leak (about 4% of them), from 10 standardized inspection
    readings: a 32-unit relu MLP with a sigmoid output, binary cross-entropy, Adam 1e-3 and a
    class weight of 10 on the leaks. The outcome is partly luck: the weighted loss stays far above
    zero and is still falling slowly at the end."""
    keras = _keras()
    r = _rng(16003)
    x = r.normal(0.0, 1.0, size=(N, 10)).astype("float32")
    score = 1.3 * x[:, 0] - 0.9 * x[:, 1] + 0.8 * x[:, 2] * x[:, 3] - 4.2
    y = (r.uniform(size=N) < 1.0 / (1.0 + np.exp(-score))).astype("float32")
    model = _mlp(keras, 10, [32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    (xt, yt) = x[:-PROBE_SIZE], y[:-PROBE_SIZE]
    history = model.fit(xt, yt, epochs=20, batch_size=64, verbose=0, class_weight={0: 1.0, 1: 10.0},
                        callbacks=session.callbacks((x[-PROBE_SIZE:], y[-PROBE_SIZE:])))
    return history.history["loss"]


@holdout160("boatwrights", healthy=True)
def mooring_swell_gru_steps(session):
    """Next swell-gauge reading at a boatyard's mooring from the last 24, a GRU(16) with MSE and
    Adam on a piecewise-constant schedule (3e-3, then 1e-3 from step 200, 3e-4 from step 400).
    The gauge is noisy, so the loss drops in steps at the boundaries and flattens at the noise
    floor."""
    keras = _keras()
    x, y = _swell(N, seed=16004, noise=0.25)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([200, 400], [3e-3, 1e-3, 3e-4])
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(16),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(schedule), "mse")
    return _fit(session, model, x, y, epochs=18, batch_size=32)


def _sail_trim(session, broken):
    keras = _keras()
    x, speed = _hull_table(N, seed=16005)
    y = (speed > np.median(speed)).astype("int32") + 2 * (np.abs(x[:, 7]) > 0.8).astype("int32")
    model = _mlp(keras, 8, [64, 64], 4)
    # The RMSprop recipe's rate was 1e-3; "lr=0.5" was copied from an SGD script.
    lr = 0.5 if broken else 1e-3
    model.compile(keras.optimizers.RMSprop(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout160("boatwrights", ["learning_rate_too_high"], stall_begins=160)  # approximate
def sail_trim_rmsprop_half(session):
    """Four sail-trim classes (fast/slow hull times extreme/moderate trim) from 8 hull features, a
    2x64 relu MLP with softmax, trained by RMSprop at 0.5: the rate came from an SGD script,
    RMSprop's own recipe used 1e-3. The first steps throw the weights far out, the loss bounces
    around the constant-guess level and never comes down."""
    return _sail_trim(session, broken=True)


def _wake_rnn(session, broken):
    keras = _keras()
    x, y = _swell(768 + PROBE_SIZE, seed=16006, length=40, noise=0.1)
    gain = 3.0 if broken else 1.0
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.SimpleRNN(48, recurrent_initializer=keras.initializers.Orthogonal(
            gain=gain, seed=16006)),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout160("boatwrights", ["exploding_gradients"], stall_begins=100)  # approximate
def wake_forecast_rnn_gain3(session):
    """Next wake-gauge reading behind a launched hull from the last 40, a tanh SimpleRNN(48) with
    SGD 0.02 + momentum 0.9 and no clipping; its recurrent kernel was initialized Orthogonal with
    gain 3 (copied from an echo-state recipe) instead of 1. The recurrence is chaotic, the
    back-propagated gradients grow by orders of magnitude through time, and every step kicks the
    weights so hard (a global gradient norm of ~2e5 on the first step, against ~5 at gain 1) that
    the tanh units are thrown into saturation; the loss comes down from that kick and then stays
    flat at ~0.21, where gain 1 reaches ~0.04."""
    return _wake_rnn(session, broken=True)


def _plank_grain(session, broken):
    keras = _keras()
    x, y = _soundings(N, seed=16007)
    bias = keras.initializers.Constant(-3.0 if broken else 0.0)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout160("boatwrights", ["dead_relus"], stall_begins=None)
def plank_grain_conv1d_negative_bias(session):
    """Grain profiles scanned along oak planks (a step, a ramp, a knot bump or ripple), a 2-layer
    relu Conv1D, Adam 1e-3; both conv layers were given bias_initializer=Constant(-3) from a
    'sparse features' recipe. On standardized inputs every filter's pre-activation stays below
    zero, the relus output 0 everywhere and pass no gradient: the loss sits at log(4)."""
    return _plank_grain(session, broken=True)


# ---------------------------------------------------------------------------------------------
# navvies


@holdout160("navvies", healthy=True)
def barrow_loads_poisson(session):
    """Barrow loads shifted per navvy per hour (counts) from 6 standardized features (soil, gang
    size, weather...), a 2x32 relu MLP with an exponential output and Poisson loss, Adam 3e-3. The
    counts are Poisson draws, so the loss flattens at the count noise, far above zero."""
    keras = _keras()
    r = _rng(16010)
    x = r.normal(0.0, 1.0, size=(N, 6)).astype("float32")
    rate = np.exp(1.2 + 0.5 * x[:, 0] - 0.4 * x[:, 1] + 0.3 * np.tanh(x[:, 2] * x[:, 3]))
    y = r.poisson(rate).astype("float32")
    model = _mlp(keras, 6, [32, 32], 1, out_activation="exponential")
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout160("navvies", healthy=True)
def sounding_conv1d_warmup_cosine(session):
    """Borehole soundings along a cutting classified as rock shelf, clay ramp, boulder or gravel
    bands by a relu Conv1D (16 and 32 filters), Adam with a 100-step linear warm-up to 3e-3 and
    cosine decay after. 15% of the foremen's logs name the wrong ground, so the loss levels off
    near the label-noise floor as the rate decays."""
    keras = _keras()
    x, y = _soundings(N, seed=16011)
    y = _flip(y, 4, 0.15, seed=16012)
    epochs, batch_size = 20, 32
    steps = epochs * (-(-(N - PROBE_SIZE) // batch_size))
    schedule = keras.optimizers.schedules.CosineDecay(
        1e-4, decay_steps=steps - 100, warmup_target=3e-3, warmup_steps=100)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=epochs, batch_size=batch_size)


@holdout160("navvies", healthy=True)
def small_gang_overfits(session):
    """Daily yardage of one small gang (only 160 recorded days) from 6 standardized features, a
    2x128 relu MLP with MSE and Adam 1e-3 for 40 epochs of batch 16. With so few days it fits the
    daily noise: the training loss keeps sliding slowly below the noise level."""
    keras = _keras()
    r = _rng(16013)
    n = 160 + PROBE_SIZE
    x = r.normal(0.0, 1.0, size=(n, 6)).astype("float32")
    y = (np.sin(x[:, 0]) + 0.5 * x[:, 1] * x[:, 2] + r.normal(0.0, 0.5, size=n)).astype("float32")
    model = _mlp(keras, 6, [128, 128], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


def _embankment(session, broken):
    keras = _keras()
    r = _rng(16014)
    z = r.normal(0.0, 1.0, size=(N, 5))
    settle = np.tanh(z[:, 0] - z[:, 1]) + 0.5 * z[:, 2] * z[:, 3] + 0.3 * z[:, 4]
    y = (settle > np.median(settle)).astype("int32")
    # Raw units: fill height (mm), density (kg/m^3), moisture (%), days since tipping, cost (pence)
    scale = np.array([800.0, 120.0, 6.0, 40.0, 20000.0])
    offset = np.array([3000.0, 1800.0, 18.0, 90.0, 150000.0])
    raw = (z * scale + offset).astype("float32")
    x = raw if broken else _standardize(raw)
    model = _mlp(keras, 5, [64, 64], 2, activation="tanh")
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout160("navvies", ["unnormalized_inputs"], stall_begins=32)  # approximate
def embankment_raw_units(session):
    """Will an embankment section settle: fill height in mm, density in kg/m^3, moisture %, days
    since tipping and cost in pence fed raw (scales from 6 to 150,000) to a 2x64 tanh MLP
    with softmax, Adam 1e-3. The pence and millimetre columns push every first-layer unit to
    +-1 for every section, the rest is invisible, and the loss sits at the
    coin-flip level from the first epoch, where the standardized version learns."""
    return _embankment(session, broken=True)


def _tunnel_gru(session, broken):
    keras = _keras()
    x, y = _swell(768 + PROBE_SIZE, seed=16015, noise=0.15)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(24),
                              keras.layers.Dense(1)])
    # A fine-tuning recipe's 1e-5 was kept when training from scratch with plain SGD.
    model.compile(keras.optimizers.SGD(1e-5 if broken else 0.05, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout160("navvies", ["learning_rate_too_low"], stall_begins=None)
def tunnel_seepage_gru_tiny_rate(session):
    """Seepage level in a tunnel heading forecast from the last 24 readings, GRU(24) with MSE and
    SGD + momentum at 1e-5: the rate of a fine-tuning recipe, kept when training from scratch
    (0.05 works). The loss barely moves from its first value over the whole run."""
    return _tunnel_gru(session, broken=True)


def _flooding(session, broken):
    keras = _keras()
    r = _rng(16016)
    x = r.normal(0.0, 1.0, size=(N, 6)).astype("float32")
    # A cutting floods when it goes below the water table on the wrong side of the clay seam.
    score = x[:, 0] * x[:, 1] + 0.6 * np.sin(2.0 * x[:, 2]) + 0.2 * x[:, 3]
    y = (score > 0).astype("int32")
    # The hidden layers were commented out while debugging the input pipeline, and stayed so.
    model = _mlp(keras, 6, [] if broken else [64, 64], 2)
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout160("navvies", ["insufficient_capacity"], stall_begins=240)  # approximate
def cutting_flooding_linear(session):
    """Will a cutting flood, from 6 standardized survey features (the answer hinges on the
    product of depth below the water table and the clay seam's side): the MLP's hidden layers
    were commented out while debugging the input pipeline, leaving a softmax regression, Adam
    3e-3. A linear boundary cannot express the product: the loss creeps down to ~0.65 and stays
    there, where two hidden layers of 64 keep going down to ~0.07."""
    return _flooding(session, broken=True)


# ---------------------------------------------------------------------------------------------
# conservators


@holdout160("conservators", healthy=True)
def pigment_fade_quantile(session):
    """Upper (90th percentile) fading of a pigment after a loan from 6 standardized exposure
    features, a 2x64 relu MLP trained with the pinball loss at q=0.9, Adam 1e-3. The fading noise
    grows with light exposure (heteroscedastic), so the pinball loss flattens well above zero."""
    keras = _keras()
    r = _rng(16020)
    x = r.normal(0.0, 1.0, size=(N, 6)).astype("float32")
    spread = 0.3 + 0.5 * np.log1p(np.exp(x[:, 0]))
    y = (0.8 * x[:, 0] + 0.4 * np.sin(x[:, 1]) + spread * r.normal(size=N)).astype("float32")

    def pinball(targets, predictions):
        error = targets - predictions[:, 0]
        return keras.ops.mean(keras.ops.maximum(0.9 * error, -0.1 * error))

    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), pinball)
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout160("conservators", healthy=True)
def panel_damage_cnn_reduce_on_plateau(session):
    """The most prominent damage on a raking-light photo of a panel (horizontal or vertical
    cracks, flaking, bloom), a small relu Conv2D with softmax, Adam 3e-3 with ReduceLROnPlateau
    (halve after 2 epochs without improvement). Several damages often compete on one panel and
    the photos are noisy, so the loss settles well above zero as the rate is cut."""
    keras = _keras()
    x, _, y = _panels(N, seed=16021)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=2)
    return _fit(session, model, x, y, epochs=14, batch_size=32, callbacks=[plateau])


@holdout160("conservators", healthy=True)
def varnish_spectra_attention_two_inputs(session):
    """Varnish thickness from a 16-point spectral scan (4 channels) and 3 standardized details of
    the painting: self-attention (2 heads) over the scan, pooled and joined with the details,
    MSE and Adam 1e-3. The scan is noisy and the loss is still creeping down slowly at the end."""
    keras = _keras()
    r = _rng(16022)
    scans = r.normal(0.0, 1.0, size=(N, 16, 4)).astype("float32")
    meta = r.normal(0.0, 1.0, size=(N, 3)).astype("float32")
    peak = scans[:, :, 0].max(axis=1) - scans[:, :, 1].mean(axis=1)
    y = (0.7 * _standardize(peak[:, None])[:, 0] + 0.5 * meta[:, 0] * meta[:, 1]
         + 0.3 * r.normal(size=N)).astype("float32")
    seq_in = keras.Input((16, 4))
    meta_in = keras.Input((3,))
    h = keras.layers.Dense(16)(seq_in)
    h = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.GlobalMaxPooling1D()(h)
    h = keras.layers.Concatenate()([h, meta_in])
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([seq_in, meta_in], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit_inputs(session, model, [scans, meta], y, epochs=15, batch_size=32)


def _gilding(session, broken):
    keras = _keras()
    x, speed = _hull_table(N, seed=16023)
    y = (speed > np.median(speed)).astype("float32")
    # "Uniform init" read as U(0, 1), as in an old paper, instead of Glorot's symmetric range.
    init = (keras.initializers.RandomUniform(0.0, 1.0, seed=16023) if broken
            else keras.initializers.GlorotUniform(seed=16023))
    model = _mlp(keras, 8, [64, 64, 64], 1, activation="sigmoid", out_activation="sigmoid",
                 kernel_initializer=init)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout160("conservators", ["saturated_activations"], stall_begins=100)  # approximate
def gilding_sigmoid_uniform_init(session):
    """Will a gilded frame pass inspection, from 8 standardized workshop readings: a 3x64 sigmoid
    MLP with SGD 0.05 + momentum, whose kernels were initialized RandomUniform(0, 1) ('uniform
    init', as an old paper put it) instead of Glorot's symmetric range. Each sigmoid output is
    ~0.5 and every weight positive, so the second and third layers receive pre-activations near
    +16 for every input and sit at 1.0 with derivatives ~1e-7: they stay pinned, the output sees
    a constant and the loss flattens at ~0.74, where Glorot's init reaches ~0.38."""
    return _gilding(session, broken=True)


def _damage_area(session, broken):
    keras = _keras()
    x, _, _ = _panels(N, seed=16024)
    # Share of the panel's surface the conservator marked as damaged, in percent (0-100).
    marked = (x[..., 0] > 0.8).mean(axis=(1, 2)) * 100.0
    area = marked.astype("float32")
    # The head was copied from the damaged/undamaged classifier; the target is in percent.
    head = "sigmoid" if broken else None
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation=head),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, area, epochs=12, batch_size=32)


@holdout160("conservators", ["loss_activation_mismatch"], stall_begins=None)
def damaged_area_percent_sigmoid(session):
    """Share of a panel's surface marked as damaged, in percent (0-100), regressed from its
    raking-light photo by a small relu Conv2D with MSE and Adam 2e-3, but with a sigmoid output
    copied from the damaged/undamaged classifier. The output cannot exceed 1, so after the first
    steps it sits at 1 and the loss stays at the mean square of the percentages."""
    return _damage_area(session, broken=True)


def _humidity_attention(session, broken):
    keras = _keras()
    x, y = _swell(768 + PROBE_SIZE, seed=16025, length=20, noise=0.15)
    # The regularization strength was meant as 1e-4; 1.0 was typed into the config.
    reg = keras.regularizers.L2(0.3 if broken else 1e-4)
    inp = keras.Input(x.shape[1:])
    h = keras.layers.Dense(16, kernel_regularizer=reg)(inp)
    h = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8, kernel_regularizer=reg)(h, h)
    h = keras.layers.Flatten()(h)
    h = keras.layers.Dense(32, activation="relu", kernel_regularizer=reg)(h)
    model = keras.Model(inp, keras.layers.Dense(1, kernel_regularizer=reg)(h))
    model.compile(keras.optimizers.Adam(5e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout160("conservators", ["over_regularization"], stall_begins=150)  # approximate
def gallery_humidity_attention_l2(session):
    """Next humidity reading in a gallery from the last 20, a self-attention model (2 heads) with
    dense layers, MSE and Adam 5e-3, with an L2 penalty of 0.3 on every kernel (meant 1e-4). The
    penalty pulls all weights to ~0: the prediction collapses towards the mean and the loss
    stalls near the variance of the readings."""
    return _humidity_attention(session, broken=True)


# ---------------------------------------------------------------------------------------------
# taxidermists


@holdout160("taxidermists", healthy=True)
def specimen_cards_embedding(session):
    """The order of a specimen (bird, fish, mammal, reptile, insect) from the 12 words of its
    card: Embedding(300, 16), average pooling, a 32-unit relu layer, softmax, Adam 3e-3. One card
    in eight was filed under the wrong order; with 300 words and only 1,024 cards the model also
    memorizes those misfiled cards, so the training loss keeps sliding slowly towards zero long
    after the honest part is learned."""
    keras = _keras()
    x, y = _tags(N, seed=16030)
    y = _flip(y, 5, 0.12, seed=16031)
    model = keras.Sequential([
        keras.Input((12,), dtype="int32"),
        keras.layers.Embedding(300, 16),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(5, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout160("taxidermists", healthy=True)
def hide_tanning_custom_loop(session):
    """Days a hide needs in the tan pit from 6 standardized features (thickness, species, season,
    bark strength...), a custom GradientTape loop over a 2x64 relu MLP with MSE and SGD 0.01 +
    momentum 0.9. Tanning time varies a lot between pits, so the loss flattens at the noise."""
    keras = _keras()
    r = _rng(16032)
    x = r.normal(0.0, 1.0, size=(N, 6)).astype("float32")
    y = (1.0 * x[:, 0] + 0.6 * np.abs(x[:, 1]) - 0.5 * x[:, 2] * x[:, 3]
         + 0.7 * r.normal(size=N)).astype("float32")[:, None]
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.SGD(0.01, momentum=0.9),
                        keras.losses.MeanSquaredError(), x, y, epochs=15, batch_size=32,
                        seed=16032)


@holdout160("taxidermists", healthy=True)
def curing_drum_lstm_noisy_labels(session):
    """The stage a hide reached in the curing drum (four stages) from a 24-reading temperature
    and moisture trace, LSTM(16) with softmax and Adam 3e-3. The stage was logged by hand and one
    entry in ten is wrong, so the loss comes down steadily and levels off above the noise floor."""
    keras = _keras()
    x, y = _soundings(N, seed=16033, length=48, noise=0.3)
    x = x[:, ::2]
    y = _flip(y, 4, 0.10, seed=16037)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(16),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _mount_deep_sigmoid(session, broken):
    keras = _keras()
    x, speed = _hull_table(N, seed=16034)
    y = (speed - speed.mean()) / speed.std()
    y = y.astype("float32")[:, None]
    depth = 10 if broken else 2
    model = _mlp(keras, 8, [32] * depth, 1, activation="sigmoid", out_activation=None)
    return _custom_loop(session, model, keras.optimizers.SGD(0.05, momentum=0.9),
                        keras.losses.MeanSquaredError(), x, y, epochs=15, batch_size=32,
                        seed=16034)


@holdout160("taxidermists", ["vanishing_gradients"], stall_begins=48)  # approximate
def mount_stiffness_deep_sigmoid(session):
    """How stiff a mount's armature comes out from 8 standardized build features: a custom
    GradientTape loop over a 10-layer, 32-wide sigmoid MLP (a 1990s recipe made 'deeper'), MSE,
    SGD 0.05 + momentum. Each sigmoid layer scales the back-propagated gradient by at most 1/4:
    the early layers never learn and the loss stays near the target's variance."""
    return _mount_deep_sigmoid(session, broken=True)


def _cards_zero_init(session, broken):
    keras = _keras()
    x, y = _tags(N, seed=16035)
    init = "zeros" if broken else "glorot_uniform"
    emb_init = "zeros" if broken else "uniform"
    model = keras.Sequential([
        keras.Input((12,), dtype="int32"),
        keras.layers.Embedding(300, 16, embeddings_initializer=emb_init),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu", kernel_initializer=init),
        keras.layers.Dense(5, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout160("taxidermists", ["poor_initialization"], stall_begins=None)
def catalogue_cards_zero_init(session):
    """Specimen order from catalogue-card words, Embedding -> average pooling -> 32 relu ->
    softmax, Adam 3e-3, with the embedding and hidden kernel both initialized to zeros (a
    'deterministic start' for reproducibility). Zero embeddings feed a zero kernel: neither gets a
    gradient, only the biases learn, and the loss stops at the class-frequency level."""
    return _cards_zero_init(session, broken=True)


ZERO_MASS_ROW = 500  # one unweighed specimen, its mass entered as 0 g


def _specimen_mass(session, broken):
    keras = _keras()
    r = _rng(16036)
    x = r.normal(0.0, 1.0, size=(N, 5)).astype("float32")  # standardized body measurements
    mass = np.exp(5.0 + 1.2 * x[:, 0] + 0.4 * x[:, 1] * x[:, 2] + 0.3 * r.normal(size=N))
    if broken:
        mass[ZERO_MASS_ROW] = 0.0
    else:
        mass = np.delete(mass, ZERO_MASS_ROW)
        x = np.delete(x, ZERO_MASS_ROW, axis=0)
    with np.errstate(divide="ignore"):
        y = (np.log(mass) - 5.0).astype("float32")[:, None]
    model = _mlp(keras, 5, [64, 64], 1, out_activation=None)
    return _custom_loop(session, model, keras.optimizers.Adam(1e-3),
                        keras.losses.MeanSquaredError(), x, y, epochs=10, batch_size=32,
                        seed=16036)


@holdout160("taxidermists", ["non_finite_values"], stall_begins=8)
def specimen_log_mass_zero_grams(session):
    """Log body mass of specimens from 5 standardized body measurements, a custom GradientTape
    loop over a 2x64 relu MLP with MSE and Adam 1e-3. One unweighed specimen had its mass entered
    as 0 g, so its target log(0) is -inf: the batch that holds it (step 8 of the first epoch,
    exact for this seed) gives an infinite loss, the update turns the weights NaN and every loss
    after it is NaN while the loop keeps training for 10 epochs."""
    return _specimen_mass(session, broken=True)
