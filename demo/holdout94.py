"""The ninety-fourth held-out catalogue: written by someone who did not read the engine or run the
diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History and the per-step loss, in a throwaway script with the runner's seed), and
every broken one against the same model trained without its mistake (each helper
`_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Gamekeepers: grouse per hectare from moor-habitat
features with scatter growing with the count, an MLP under Adam halved every three epochs by a
LearningRateScheduler; which game bird called, from a call envelope, by a Conv1D net with a
fifth of the tallies wrong; a deer's dressed weight from 20 days of beat readings by a GRU in a
hand-written GradientTape loop under Huber loss against Student-t scatter. Foresters: windthrow
from site features, 8% positives and overlapping classes, no class weights; the stand type from
a forester's token note by Embedding and average pooling under CosineDecay with a linear
warm-up, a tenth of the labels wrong; sapling growth on only 192 plots by an MLP 128-128 that
memorises them over 50 short epochs (one brief Adam bump it recovers from). Verderers: grazing
pressure on a forest lawn by an MLP under SGD with momentum and ReduceLROnPlateau (a hover at
the large rate, then a step down at each cut); bank erosion from a photo patch (Conv2D branch)
and four survey numbers (Dense branch) under log-cosh; the kind of a commoner's claim from a
token entry by a MultiHeadAttention block, 15% mis-entered. Bailiffs: next quarter's arrears
from ledger series by an LSTM under plain SGD, slow and still falling at the end; the 20th
percentile of a fine under the pinball loss in a hand-written loop (RMSprop), skewed scatter;
seal impressions by a Conv2D net under SGD with PiecewiseConstantDecay, an eighth of the
attributions wrong.

The broken half, one root cause each: SGD momentum=0.999 copied from Adam's beta_2, a
thousandfold effective step (learning rate too high); grain per feeder with zero feeders, an
infinite feature whose update turns the first two kernels NaN while the ReLUs keep the
reported loss finite (non-finite values); a camera trap's firing time passed as Unix seconds beside
scaled columns (unnormalised inputs); eight stacked Conv1D layers with activation='sigmoid'
kept from a gating block, under SGD (vanishing gradients); tanh layers and a sigmoid head under
MSE with RandomNormal(stddev=1.0) kernels, 'standard normal weights' from a numpy tutorial
(saturated activations); three Conv1D layers whose ReLUs lived in separate Activation lines that
were lost, a linear body before global average pooling (insufficient capacity);
ReduceLROnPlateau with min_delta=0.1 read as '10%', cutting Adam's rate tenfold every epoch
(learning rate too low); a monotone net (NonNeg kernels, no first-layer bias) fed min-max
scaling written (x - x.max()) / range, inputs in [-1, 0], every first-layer unit dead (dead
ReLUs); a sigmoid head kept 'because the target is a share' after the pipeline began
standardising the target (loss/activation mismatch); kernel_regularizer='l1' on an MLP 256-256,
the string meaning L1(0.01) on ~68,000 weights (over-regularisation); VarianceScaling(scale=1e-4)
meant as 'a stddev of 0.01' in a seven-layer relu MLP under SGD (poor initialisation).

Dropped or replaced because they did not behave as intended. Exploding gradients has no run:
a GRU sequence regressor in a hand-written loop whose MeanSquaredError(reduction='sum') sums
960 terms a step (NaN in the first epoch under SGD 0.02, 0.003 and 0.001 with momentum: a
divergence, not a stall), an IRNN-style relu SimpleRNN with an Identity recurrent kernel under
SGD with momentum (NaN at gain 1.0 and 1.2), and the same under RMSprop (gain 1.2 and 1.5: huge
but still falling about twofold every two epochs, not stalled) were all tried and dropped.
Replaced: RandomNormal(stddev=1) kernels in a tanh MLP with a linear head (the linear head
kept fitting the saturated +-1 features, 0.60 -> 0.54 and falling under SGD, faster under Adam;
a sigmoid head under MSE, width 256 and plain SGD 0.01 kept); a GRU(units=1) for the capacity
run (still falling at 24 epochs, 1.37 -> 0.92); three linear convs with a max pool between them
(the max pool is nonlinear enough: it trained as well as the relu net; the pool was removed);
the monotone net with biases in the first layer (Adam lifted the biases and it learnt better
than the fix; no first-layer bias kept); a softplus and a relu head on the standardised target
(both still crept down ~0.5% an epoch at ~0.52; the sigmoid head, flatter at ~0.60, kept, though
it too creeps by ~0.002 an epoch against the fix's 0.10); kernel_regularizer='l1' under Adam
1e-3 and 3e-3 (still falling at 0.85 and 0.79; 1e-2, flat at ~1.28, kept); momentum 0.999 at
SGD 0.02 and 0.01 (the loss climbed above the constant guess at the end, a divergence; 0.005,
which bounces, kept); grain per feeder 0/0 (zero grain too, NaN) was changed to grain booked
with zero feeders (inf). The Unix-seconds run needs 20 epochs: for eight it is still falling
geometrically from ~1e15 before it settles near 1030.

Labels follow `scenarios.py`: `expected_causes[0]` is the root cause the scenario was built
around (no second cause was added: none was measured); `stall_begins` is the optimizer step
from which the loss stops improving (None: from the start), exact where an event of the
scenario causes it (the first infinite feature, in file order, at step 10), otherwise read off
the per-step loss and marked approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("gamekeepers", "foresters", "verderers", "bailiffs")

REGISTRY = []

holdout94 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


def _rng(seed):
    return np.random.default_rng(seed)


def _std(v):
    v = np.asarray(v, dtype="float64")
    return ((v - v.mean(axis=0)) / (v.std(axis=0) + 1e-12)).astype("float32")


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, shuffle=True, callbacks=()):
    """`_fit` for a model with several inputs; the last PROBE_SIZE rows are the probe."""
    train = [v[:-PROBE_SIZE] for v in inputs]
    probe = ([v[-PROBE_SIZE:] for v in inputs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        shuffle=shuffle, verbose=0,
                        callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


# data ------------------------------------------------------------------------------------------


def covey_counts(n, seed):
    """Grouse per hectare on a moor beat (standardised) from eight habitat features (heather
    age, burn strips, grit, predator sign, altitude, ...); the count's scatter grows with its
    size (heteroscedastic)."""
    r = _rng(seed)
    x = r.normal(size=(n, 8)).astype("float32")
    mean = (1.2 * np.tanh(x[:, 0]) + 0.6 * x[:, 1] * (x[:, 2] > 0) - 0.5 * np.abs(x[:, 3])
            + 0.4 * np.sin(2 * x[:, 4]))
    y = mean + (0.2 + 0.3 * np.abs(mean)) * r.normal(size=n)
    return x, _std(y)[:, None]


def bird_calls(n, seed, length=64, flip=0.0):
    """A 64-sample envelope of a game bird's call, three species: 0 a steady trill (fast
    ripple), 1 a two-note call (two bursts), 2 a rising crow (a chirp); a fraction `flip` of
    the keeper's tallies name the wrong bird."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    t = np.linspace(0, 1, length)
    x = np.empty((n, length, 1), dtype="float32")
    for k in range(n):
        s = r.uniform(0.5, 1.5)
        if y[k] == 0:
            sig = np.sin(2 * np.pi * r.uniform(10, 14) * t + r.uniform(0, 6))
        elif y[k] == 1:
            c = r.uniform(0.2, 0.35)
            sig = np.exp(-((t - c) / 0.06) ** 2) + np.exp(-((t - c - 0.4) / 0.06) ** 2)
        else:
            sig = np.sin(2 * np.pi * (2 + 8 * t) * t + r.uniform(0, 6)) * t
        x[k, :, 0] = s * sig + 0.3 * r.normal(size=length)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 3, n)) % 3, y)
    return x, y


def beat_sequences(n, seed, length=20):
    """20 days of two beat readings (footfall, feed taken) per row, random walks; the target
    is a deer's dressed weight at the end of the stalk (standardised) with Student-t scatter
    from the larder scale and the beast."""
    r = _rng(seed)
    x = np.cumsum(0.3 * r.normal(size=(n, length, 2)), axis=1).astype("float32")
    y = (0.8 * x[:, -1, 1] - 0.5 * x[:, :, 0].mean(axis=1) + 0.3 * np.tanh(x[:, -5:, 0].sum(axis=1))
         + 0.35 * r.standard_t(3, size=n))
    return x, _std(y)[:, None]


def stand_tokens(n, seed, length=24, vocab=200, flip=0.0):
    """A forester's stand note as 24 tokens from a 200-word vocabulary; the stand's class (4)
    is decided by which of four groups of marker words dominate, the rest is filler; a
    fraction `flip` of the labels are mistakes of the survey."""
    r = _rng(seed)
    y = r.integers(0, 4, n)
    x = r.integers(40, vocab, size=(n, length))
    for k in range(n):
        m = r.integers(3, 7)
        pos = r.choice(length, m, replace=False)
        x[k, pos] = 10 * y[k] + r.integers(0, 10, m)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 4, n)) % 4, y)
    return x.astype("int32"), y


# gamekeepers -----------------------------------------------------------------------------------


@holdout94("gamekeepers", healthy=True)
def grouse_density_step_decay(session):
    """Grouse per hectare (standardised) from eight moor-habitat features, scatter growing
    with the count, MLP 64-32 relu, Adam 3e-3 halved every three epochs by a
    LearningRateScheduler: falls quickly, steps down a little after each halving, and sits
    at the count's noise floor, well above zero."""
    keras = _keras()
    x, y = covey_counts(N, seed=9401)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    halve = keras.callbacks.LearningRateScheduler(lambda epoch, lr: 3e-3 * 0.5 ** (epoch // 3))
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[halve])


@holdout94("gamekeepers", healthy=True)
def call_envelopes_wrong_tallies(session):
    """Which game bird called, from a 64-sample call envelope, by a Conv1D 16-32 net with
    max pooling and global average pooling, Adam 2e-3; a fifth of the keeper's tallies name
    the wrong bird, so the loss flattens far above zero once the calls are learnt."""
    keras = _keras()
    x, y = bird_calls(N, seed=9402, flip=0.2)
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout94("gamekeepers", healthy=True)
def stalk_weight_custom_huber(session):
    """A deer's dressed weight from 20 days of two beat readings by a GRU(16) in a
    hand-written GradientTape loop, Huber loss, Adam 3e-3; the larder's scatter is Student-t
    (3 degrees of freedom), so the loss levels off at a floor well above zero."""
    keras = _keras()
    x, y = beat_sequences(N, seed=9403)
    model = keras.Sequential([keras.Input((20, 2)), keras.layers.GRU(16),
                              keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), keras.losses.Huber(1.0),
                        x, y, epochs=10, batch_size=32, seed=9403)


def _bag_momentum(session, broken):
    keras = _keras()
    x, y = covey_counts(N, seed=9404)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.005, momentum=0.999 if broken else 0.9), "mse")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


# Lowest near the end of the second epoch, then it bounces between ~0.37 and ~0.46 (32 steps
# an epoch): approximate.
@holdout94("gamekeepers", ["learning_rate_too_high"], stall_begins=64)
def bag_forecast_momentum_beta(session):
    """The season's bag per beat from eight habitat features, MLP 64-64 relu, SGD 0.005 with
    momentum=0.999: the value was copied from Adam's beta_2 as 'the usual momentum', which
    makes the effective step a thousand times the rate (0.005 / (1 - 0.999)) instead of ten
    (momentum 0.9 trains it)."""
    return _bag_momentum(session, True)


def _feed_ratio(session, broken):
    keras = _keras()
    r = _rng(9405)
    n = N
    feeders = r.integers(1, 12, n).astype("float64")
    # Beats whose feeders were taken in for the winter report zero feeders, though their
    # grain (hand-scattered) is still booked.
    empty = [300, 301, 517, 902]
    feeders[empty] = 0.0
    grain = np.maximum(feeders, 1.0) * r.uniform(5, 15, n)
    cover = r.uniform(0, 1, n)
    birds = r.normal(size=n)
    rate = grain / np.maximum(feeders, 1.0)
    y = 0.08 * rate + 0.8 * cover * birds + 0.3 * np.sin(3 * cover) + 0.2 * r.normal(size=n)
    with np.errstate(invalid="ignore"):
        per_feeder = (grain / feeders if broken else rate - 10.0) / 3.0
    x = np.stack([per_feeder, (feeders - 6) / 3, cover * 2 - 1, birds], axis=1).astype("float32")
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, _std(y)[:, None], epochs=8, batch_size=32, shuffle=False)


# Row 300 is in the tenth batch of the file-order pass (rows 288..319): step 10.
@holdout94("gamekeepers", ["non_finite_values"], stall_begins=300 // 32 + 1)
def feeder_grain_per_feeder(session):
    """Pheasants held on a beat from grain per feeder, feeder count, cover and a bird index,
    MLP 64-32 relu, Adam 2e-3, in file order. Grain per feeder is grain / feeders, and four
    beats whose feeders were taken in for the winter still book hand-scattered grain with
    zero feeders: the feature is inf there. The first batch holding one sends inf through
    the first layer; the ReLUs pass the resulting NaN on as zeros, so the reported loss
    stays finite, but the update turns the first layer's weights and the second layer's
    kernel NaN, and from then on the net outputs one constant."""
    return _feed_ratio(session, True)


def _epoch_seconds(session, broken):
    keras = _keras()
    r = _rng(9406)
    n = N
    t = r.uniform(1.6e9, 1.75e9, n)  # when the camera trap fired, Unix seconds
    hour = r.uniform(0, 24, n)
    temp = r.normal(8, 5, n)
    moon = r.uniform(0, 1, n)
    season = (t - 1.6e9) / 1.5e8
    y = (np.cos(2 * np.pi * hour / 24) + 0.5 * np.sin(2 * np.pi * 4 * season) - 0.04 * temp
         + 0.6 * moon + 0.3 * r.normal(size=n))
    first = t if broken else (t - 1.675e9) / 4.3e7
    x = np.stack([first, np.cos(2 * np.pi * hour / 24), np.sin(2 * np.pi * hour / 24),
                  (temp - 8) / 5, moon * 2 - 1], axis=1).astype("float32")
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, _std(y)[:, None], epochs=20, batch_size=32)


# The loss falls from ~1e15 for eight epochs, then sits near 1030 (32 steps an epoch):
# approximate.
@holdout94("gamekeepers", ["unnormalized_inputs"], stall_begins=290)
def camera_trap_unix_seconds(session):
    """Fox activity at a camera trap from when it fired, the hour (as sine and cosine), the
    temperature and the moon, MLP 64-64 relu, Adam 1e-3. The other columns were scaled but
    the firing time was passed as Unix seconds (~1.7e9), so one column is nine orders of
    magnitude larger than the rest."""
    return _epoch_seconds(session, True)


# foresters -------------------------------------------------------------------------------------


@holdout94("foresters", healthy=True)
def windthrow_rare_positive(session):
    """Whether a stand is windthrown in the next gale, from ten site features (exposure,
    rooting depth, height, thinning, soil wetness, ...), 8% positives and overlapping
    classes, MLP 32-16 relu, Adam 2e-3, no class weights: the loss falls quickly, then
    creeps down towards the floor set by the overlap."""
    keras = _keras()
    r = _rng(9411)
    x = r.normal(size=(N, 10)).astype("float32")
    score = 1.4 * x[:, 0] + 0.9 * x[:, 1] * x[:, 2] - 0.8 * np.abs(x[:, 3]) + 0.6 * x[:, 4] - 3.2
    y = (r.random(N) < 1 / (1 + np.exp(-2.0 * score))).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout94("foresters", healthy=True)
def stand_notes_warmup_cosine(session):
    """The stand type (4) from a forester's 24-token note by Embedding(200, 16), global
    average pooling and Dense 32 relu, Adam under CosineDecay with 60 warm-up steps to 5e-3
    and a decay to zero over the run; a tenth of the survey labels are wrong. Slow over the
    warm-up, then a steady fall that flattens with the rate at a floor well above zero."""
    keras = _keras()
    x, y = stand_tokens(N, seed=9412, flip=0.1)
    steps = 10 * (-(-(N - PROBE_SIZE) // 32))
    lr = keras.optimizers.schedules.CosineDecay(0.0, steps - 60, warmup_target=5e-3,
                                                warmup_steps=60)
    model = keras.Sequential([keras.Input((24,), dtype="int32"),
                              keras.layers.Embedding(200, 16),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout94("foresters", healthy=True)
def sapling_survival_small_plot(session):
    """Sapling height growth (standardised) on only 192 trial plots plus the probe, from six
    plot features, MLP 128-128 relu, Adam 3e-3 over 50 short epochs: the training loss keeps
    sinking well below the plots' noise as the net memorises them, with one brief bump
    (Adam overshooting) that it recovers from within a few epochs."""
    keras = _keras()
    r = _rng(9413)
    n = 192 + PROBE_SIZE
    x = r.normal(size=(n, 6)).astype("float32")
    y = np.sin(x[:, 0]) + 0.5 * x[:, 1] * x[:, 2] - 0.3 * x[:, 3] ** 2 + 0.5 * r.normal(size=n)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, _std(y)[:, None], epochs=50, batch_size=32)


def _sigmoid_conv_stack(session, broken):
    keras = _keras()
    x, y = bird_calls(N, seed=9414)
    act = "sigmoid" if broken else "relu"
    layers = [keras.Input((64, 1))]
    for _ in range(8):
        layers.append(keras.layers.Conv1D(16, 3, activation=act, padding="same"))
    layers += [keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(3, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout94("foresters", ["vanishing_gradients"], stall_begins=None)
def chainsaw_sound_sigmoid_convs(session):
    """Which saw is running (3 kinds) from a 64-sample sound envelope by eight stacked
    Conv1D(16, 3) layers with activation='sigmoid' (kept from a gating block the stack was
    copied from) and global average pooling, SGD 0.05 with momentum 0.9: each sigmoid
    passes back at most a quarter of the gradient, so the early layers barely move
    (relu trains it)."""
    return _sigmoid_conv_stack(session, True)


def _tanh_unit_normal(session, broken):
    keras = _keras()
    r = _rng(9415)
    x = r.normal(size=(N, 64)).astype("float32")
    w = r.normal(size=(64, 3))
    h = np.tanh(x @ w / 8.0)
    cover = 1 / (1 + np.exp(-(1.5 * h[:, 0] * h[:, 1] + 1.5 * h[:, 2] + 0.3 * r.normal(size=N))))
    init = (keras.initializers.RandomNormal(stddev=1.0) if broken
            else keras.initializers.GlorotUniform())
    model = keras.Sequential([
        keras.Input((64,)),
        keras.layers.Dense(256, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(256, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(1, activation="sigmoid", kernel_initializer=init),
    ])
    model.compile(keras.optimizers.SGD(0.01), "mse")
    return _fit(session, model, x, cover.astype("float32")[:, None], epochs=12, batch_size=32)


@holdout94("foresters", ["saturated_activations"], stall_begins=None)
def canopy_cover_unit_normal_kernels(session):
    """Canopy cover (a fraction) from 64 standardised spectral bands by an MLP 256-256 tanh
    with a sigmoid head under mean squared error, SGD 0.01, every kernel initialised with
    RandomNormal(stddev=1.0), 'standard normal weights' as in a from-scratch numpy tutorial:
    with 64 and 256 inputs a unit's sum spreads over ~8-16, so the tanh units sit at +-1 and
    the head at 0 or 1, passing almost no gradient (Glorot kernels train it)."""
    return _tanh_unit_normal(session, True)


def _linear_convs(session, broken):
    keras = _keras()
    x, y = bird_calls(N, seed=9416)
    act = {} if broken else {"activation": "relu"}
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(32, 5, padding="same", **act),
        keras.layers.Conv1D(32, 5, padding="same", **act),
        keras.layers.Conv1D(32, 5, padding="same", **act),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# Flat at ~0.50 from about step 25: approximate.
@holdout94("foresters", ["insufficient_capacity"], stall_begins=25)
def woodpecker_drums_linear_convs(session):
    """Which bird drums (3 kinds) from a 64-sample envelope by three Conv1D(32, 5) layers,
    global average pooling and a softmax head, Adam 2e-3. The snippet it was copied from
    put each conv's ReLU in a separate Activation layer, and those lines were lost: every
    Conv1D is linear, so the whole body is one linear filter followed by an average, which
    sees little more than each call's mean level (the same convs with ReLU train it)."""
    return _linear_convs(session, True)


# verderers -------------------------------------------------------------------------------------


def pasture_browse(n, seed):
    """How hard a forest lawn is grazed (standardised) from ten features (pony and deer
    counts, sward height, rainfall, distance to water, ...) with a nonlinear mean and a
    verderer's scatter."""
    r = _rng(seed)
    x = r.normal(size=(n, 10)).astype("float32")
    y = (np.tanh(1.5 * x[:, 0]) + 0.7 * x[:, 1] * x[:, 2] + 0.5 * np.cos(2 * x[:, 3])
         - 0.4 * x[:, 4] + 0.35 * r.normal(size=n))
    return x, _std(y)[:, None]


@holdout94("verderers", healthy=True)
def lawn_grazing_reduce_on_plateau(session):
    """How hard a forest lawn is grazed from ten features, MLP 64-64 relu, SGD 0.1 with
    momentum 0.9 and ReduceLROnPlateau(monitor='loss', factor=0.2, patience=1): the loss
    falls, hovers for a few epochs at the large rate, and each cut of the rate brings it
    down a step towards the scatter's floor."""
    keras = _keras()
    x, y = pasture_browse(N, seed=9421)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.1, momentum=0.9), "mse")
    cut = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.2, patience=1,
                                            min_delta=1e-3)
    return _fit(session, model, x, y, epochs=14, batch_size=32, callbacks=[cut])


@holdout94("verderers", healthy=True)
def boundary_bank_photo_and_survey(session):
    """Erosion of a boundary bank (standardised) from a 16x16 photo patch by a small Conv2D
    branch and four survey numbers by a Dense branch, concatenated, log-cosh loss, Adam
    2e-3; the survey's own scatter leaves a floor well above zero."""
    keras = _keras()
    r = _rng(9422)
    n = N
    img = 0.3 * r.normal(size=(n, 16, 16, 1))
    gully = r.uniform(0, 1, n)
    cols = r.integers(2, 14, n)
    for k in range(n):
        img[k, :, cols[k]:cols[k] + 2, 0] += gully[k] * 1.5
    tab = r.normal(size=(n, 4))
    y = 1.5 * gully + 0.6 * tab[:, 0] - 0.4 * tab[:, 1] * tab[:, 2] + 0.4 * r.normal(size=n)
    image_in = keras.Input((16, 16, 1))
    h = keras.layers.Conv2D(8, 3, activation="relu", padding="same")(image_in)
    h = keras.layers.MaxPooling2D()(h)
    h = keras.layers.Conv2D(16, 3, activation="relu", padding="same")(h)
    h = keras.layers.GlobalMaxPooling2D()(h)
    table_in = keras.Input((4,))
    t = keras.layers.Dense(32, activation="relu")(table_in)
    z = keras.layers.Concatenate()([h, t])
    z = keras.layers.Dense(32, activation="relu")(z)
    model = keras.Model([image_in, table_in], keras.layers.Dense(1)(z))
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.LogCosh())
    return _fit_inputs(session, model, [img.astype("float32"), tab.astype("float32")],
                       _std(y)[:, None], epochs=10, batch_size=32)


@holdout94("verderers", healthy=True)
def commoners_claims_attention(session):
    """The kind of a commoner's claim (4) from a 24-token register entry by Embedding(200,
    32), one MultiHeadAttention(2 heads) self-attention block with a residual and layer
    norm, average pooling and a softmax head, Adam 2e-3; 15% of the register's kinds are
    mis-entered, so it flattens well above zero."""
    keras = _keras()
    x, y = stand_tokens(N, seed=9423, flip=0.15)
    inp = keras.Input((24,), dtype="int32")
    e = keras.layers.Embedding(200, 32)(inp)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=16)(e, e)
    h = keras.layers.LayerNormalization()(keras.layers.Add()([e, a]))
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(4, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


def _plateau_min_delta(session, broken):
    keras = _keras()
    x, y = pasture_browse(N, seed=9424)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    cut = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.1, patience=0,
                                            min_delta=0.1 if broken else 1e-3)
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[cut])


# The rate is cut at the end of every epoch from the fourth; flat at 0.355 from about the
# sixth epoch's start (32 steps an epoch): approximate.
@holdout94("verderers", ["learning_rate_too_low"], stall_begins=176)
def pannage_reduce_on_plateau_min_delta(session):
    """Acorn browse in the pannage season from ten features, MLP 64-64 relu, Adam 1e-3 with
    ReduceLROnPlateau(monitor='loss', factor=0.1, patience=0, min_delta=0.1): min_delta was
    read as 'a 10% improvement', but it is an absolute change of the loss, so every epoch
    that gains less than 0.1 cuts the rate tenfold and after a few epochs Adam steps at
    1e-6 and below."""
    return _plateau_min_delta(session, True)


def _monotone_net(session, broken):
    keras = _keras()
    r = _rng(9425)
    n = N
    raw = r.uniform(0, 1, size=(n, 5)) * np.array([40, 300, 12, 90, 5])  # stock, rain, ...
    u = raw / np.array([40, 300, 12, 90, 5])
    y = np.sqrt(u[:, 0]) + u[:, 1] * u[:, 2] + 0.5 * u[:, 3] ** 2 + 0.3 * u[:, 4] + 0.1 * r.normal(size=n)
    lo, hi = raw.min(axis=0), raw.max(axis=0)
    x = ((raw - hi) if broken else (raw - lo)) / (hi - lo)
    nonneg = keras.constraints.NonNeg()
    model = keras.Sequential([
        keras.Input((5,)),
        keras.layers.Dense(64, activation="relu", kernel_constraint=nonneg, use_bias=False),
        keras.layers.Dense(64, activation="relu", kernel_constraint=nonneg),
        keras.layers.Dense(1, kernel_constraint=nonneg),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x.astype("float32"), _std(y)[:, None], epochs=10, batch_size=32)


@holdout94("verderers", ["dead_relus"], stall_begins=None)
def sward_monotone_min_max_slip(session):
    """Sward damage from five stocking and weather numbers by a monotone MLP 64-64 relu (every
    kernel NonNeg, so more stock can only mean more damage; no bias in the first layer, so
    no stock means no damage), Adam 2e-3. The min-max scaling was written
    (x - x.max()) / (max - min): every input lies in [-1, 0], so once the first update has
    clipped the kernels to non-negative values every first-layer unit's input is at most
    zero, and all 64 units are dead for every example ((x - x.min()) trains it)."""
    return _monotone_net(session, True)


def _share_head(session, broken):
    keras = _keras()
    x, y = pasture_browse(N, seed=9426)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid" if broken else None)])
    model.compile(keras.optimizers.Adam(5e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# Flattens near 0.60 from about the fifth epoch (32 steps an epoch): approximate.
@holdout94("verderers", ["loss_activation_mismatch"], stall_begins=128)
def browsed_share_sigmoid_head(session):
    """The share of shoots browsed on a lawn from ten features, MLP 64-64 relu, Adam 5e-3,
    mean squared error. The head is a sigmoid 'because the target is a share', as it was in
    the first version, but the pipeline now standardises the target: half of it is below
    zero and much of it above one, where the head cannot go (a linear head trains it)."""
    return _share_head(session, True)


# bailiffs --------------------------------------------------------------------------------------


def rent_ledgers(n, seed, length=16):
    """16 quarters of three estate-ledger series per holding (arrears, payments, tenancy
    events), random walks; the target is the next quarter's arrears (standardised) with the
    ledger's own scatter."""
    r = _rng(seed)
    x = np.cumsum(0.3 * r.normal(size=(n, length, 3)), axis=1).astype("float32")
    y = (0.7 * x[:, -1, 0] - 0.5 * x[:, -4:, 1].mean(axis=1) + 0.4 * np.tanh(x[:, :, 2].mean(axis=1))
         + 0.3 * r.normal(size=n))
    return x, _std(y)[:, None]


@holdout94("bailiffs", healthy=True)
def arrears_lstm_plain_sgd(session):
    """Next quarter's arrears from 16 quarters of three ledger series by an LSTM(16) under
    plain SGD 0.05: a slow, steady fall that is still going at the end of the run, far from
    its floor but every epoch better than the last."""
    keras = _keras()
    x, y = rent_ledgers(N, seed=9431)
    model = keras.Sequential([keras.Input((16, 3)), keras.layers.LSTM(16),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.05), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _pinball(q):
    import tensorflow as tf

    @tf.autograph.experimental.do_not_convert
    def loss(y_true, y_pred):
        e = y_true - y_pred
        return tf.reduce_mean(tf.maximum(q * e, (q - 1.0) * e))

    return loss


@holdout94("bailiffs", healthy=True)
def fines_low_quantile_custom_loop(session):
    """The 20th percentile of a court fine (standardised) from seven case features, skewed
    (log-normal) scatter, MLP 64-32 relu in a hand-written GradientTape loop under the
    pinball loss at q=0.2, RMSprop 2e-3: a quick fall to a floor far above zero, which is
    the quantile loss of the scatter itself."""
    keras = _keras()
    r = _rng(9432)
    x = r.normal(size=(N, 7)).astype("float32")
    y = 0.8 * x[:, 0] + 0.5 * np.abs(x[:, 1]) - 0.4 * x[:, 2] * x[:, 3] + r.lognormal(0, 0.7, N)
    model = keras.Sequential([keras.Input((7,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.RMSprop(2e-3), _pinball(0.2), x,
                        _std(y)[:, None], epochs=10, batch_size=32, seed=9432,
                        loss_description="pinball loss, q=0.2")


@holdout94("bailiffs", healthy=True)
def seal_impressions_piecewise(session):
    """Which of four seals made a wax impression, from a 16x16 scan, by a Conv2D 8-16 net,
    SGD with momentum 0.9 under PiecewiseConstantDecay (0.03, then 0.01 after step 160,
    0.003 after step 256); an eighth of the clerk's attributions are wrong. Falls, then each
    drop of the rate takes a small step down towards the floor the wrong labels set."""
    keras = _keras()
    r = _rng(9433)
    n = N
    y = r.integers(0, 4, n)
    yy, xx = np.mgrid[0:16, 0:16] / 15.0 - 0.5
    shapes = [np.exp(-(xx ** 2 + yy ** 2) / 0.03), (np.abs(xx) + np.abs(yy) < 0.35) * 1.0,
              (np.abs(yy) < 0.1) * 1.0, (np.abs(xx - yy) < 0.1) * 1.0]
    img = np.empty((n, 16, 16, 1), dtype="float32")
    for k in range(n):
        s = np.roll(shapes[y[k]], (r.integers(-2, 3), r.integers(-2, 3)), axis=(0, 1))
        img[k, :, :, 0] = r.uniform(0.6, 1.2) * s + 0.35 * r.normal(size=(16, 16))
    wrong = r.random(n) < 0.125
    y = np.where(wrong, (y + r.integers(1, 4, n)) % 4, y)
    lr = keras.optimizers.schedules.PiecewiseConstantDecay([160, 256], [0.03, 0.01, 0.003])
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(lr, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, img, y, epochs=12, batch_size=32)


def _string_l1(session, broken):
    keras = _keras()
    x, y = pasture_browse(N, seed=9435)
    reg = {"kernel_regularizer": "l1"} if broken else {}
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(256, activation="relu", **reg),
                              keras.layers.Dense(256, activation="relu", **reg),
                              keras.layers.Dense(1, **reg)])
    model.compile(keras.optimizers.Adam(1e-2), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# Flattens near 1.3 from about the fourth epoch (32 steps an epoch): approximate.
@holdout94("bailiffs", ["over_regularization"], stall_begins=128)
def distress_value_string_l1(session):
    """The value recovered by a distress warrant from ten case features, MLP 256-256 relu,
    Adam 1e-2, with kernel_regularizer='l1' on every layer 'for a little sparsity': the
    string shortcut means L1(0.01) on each of ~68,000 weights, a penalty that starts above
    the data loss and pulls the kernels towards zero faster than the data can use them."""
    return _string_l1(session, True)


def _variance_scale_tiny(session, broken):
    keras = _keras()
    x, y = rent_ledgers(N, seed=9436)
    x = x.reshape(N, -1)
    init = (keras.initializers.VarianceScaling(scale=1e-4, mode="fan_in") if broken
            else keras.initializers.HeNormal())
    layers = [keras.Input((48,))]
    for _ in range(6):
        layers.append(keras.layers.Dense(64, activation="relu", kernel_initializer=init))
    layers.append(keras.layers.Dense(1, kernel_initializer=init))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout94("bailiffs", ["poor_initialization"], stall_begins=None)
def holding_arrears_variance_scale(session):
    """Next quarter's arrears from the flattened 16x3 ledger by a seven-layer MLP (six 64-unit
    relu layers), SGD 0.02 with momentum 0.9, kernels initialised with
    VarianceScaling(scale=1e-4): meant as 'a stddev of 0.01', but scale is a variance factor
    divided by the fan-in, so each layer shrinks the signal about seventy-fold and the
    output and every gradient below the head start out near zero (He kernels train it)."""
    return _variance_scale_tiny(session, True)
