"""The hundred-and-seventy-third held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four church offices, twenty-four runs, six each (three healthy, three broken): rectors (a
parish: the glebe, the tithe barn, the bells, the poor box, the offertory), prebendaries (a
cathedral's prebends: manors and heriots, leases and fines, boundaries, rents, tenants),
canons (the chapter: chant in choir, manuscripts, the psalter, the chapter's rolls) and
prelates (a bishop's see: synods, visitations, ordinations, the registry, revenues). Data are
numpy generators with seeds 17301..17336; the last PROBE_SIZE rows of every set are the probe.
Every run was checked only from its own losses (Keras History, per-step losses recovered from
the running batch means, or the custom loop's epoch means) under Session(None) with keras's
seed set to 0, and every broken run against its helper `_name(session, broken)` with
broken=False.

Healthy half (twelve runs, nothing to fix in the code). Rectors: the glebe harvest with
rain-dependent scatter under the Huber loss, Adam on PiecewiseConstantDecay (~0.19, steps
down and levels); a tithe barn's shares learnt from soft targets under categorical
cross-entropy, flat at the targets' own entropy (~1.13); cracked bells (~6%) from strike
traces by a Conv1D net with class_weight 1:8 (still falling, ~0.14). Prebendaries: heriot
counts from a two-input model (an Embedding of the manor beside a Dense branch) with an
exponential head under keras's Poisson loss (which crosses zero, ~-0.10); only 160 leases
memorised by a 2x128 MLP over 40 short epochs (towards zero, with a bump midway); a
boundary's bearing under the cosine-similarity loss (negative by design, ~-0.87). Canons:
chant modes by an Embedding and a bidirectional GRU with ReduceLROnPlateau, 10% misfiled
(~0.57); folio patches by SeparableConv2D layers with label smoothing 0.1 under CosineDecay
with a linear warm-up, 8% mislabelled (~0.70); a three-bit parity among sixteen facts, which
rests near ln 2 for about four epochs before it drops to ~0.003. Prelates: the 80% quantile of
synod attendance with Student-t noise under the pinball loss in a custom GradientTape loop
(~0.19); visitation complaints by token embeddings and a MultiHeadAttention block with a
residual and LayerNormalization under AdamW, 10% misfiled (~0.40); ordinations forecast by a
GRU under SGD with momentum, a slow steady descent still improving at the end (~0.29).

Broken half, one root cause each (broken final epoch loss vs the fixed helper's):
- learning_rate_too_high, rectors: RMSprop(1e-1) for the recipe's 1e-3 on a Conv1D net over
  bell traces: bounces at ln 4 (1.40) from the first steps vs 1.06 and falling.
- dead_relus, rectors: NonNeg kernel constraints (a monotone-network recipe) on a 2x64 relu
  MLP fed log-shares, all negative: every relu is zero after the first step, 1.02 (the
  targets' variance) vs 0.10.
- non_finite_values, rectors: an engineered alms-per-communicant column computed as a plain
  division, 0/0 = NaN on three shut Sundays; read in file order, NaN from step 13 on vs 0.043
  with the count floored at 1.
- learning_rate_too_low, prebendaries: PolynomialDecay(decay_steps=12) given in epochs where
  keras counts steps: the rate is 1e-6 from step 12, the GRU frozen at 0.355 vs 0.097.
- exploding_gradients, prebendaries: an eight-layer relu MLP with RandomNormal(stddev=1.0)
  kernels (randn without 1/sqrt(fan_in)): logits ~1e5, first losses ~4e5; SGD with
  clipvalue=0.5 keeps it finite and it sinks to ln 4 (1.37) and stays, vs 0.54 with he_normal.
- over_regularization, prebendaries: L1(0.1) on every kernel, a scikit-learn Lasso alpha
  carried over: levels at 1.75 vs 0.085 with L1(1e-5).
- unnormalized_inputs, canons: a chapter roll's raw columns (year ~1400, rent in pence ~9000,
  acres, age, a share ~0.3) into a relu MLP under Adam: bounces between ~5 and ~25 after the
  first epoch vs 0.14 standardized.
- vanishing_gradients, canons: two stacked SimpleRNN(32, activation='sigmoid') over thirty
  steps where the answer is in the first three: ln 2 (0.695) from the first epoch vs ~0.19
  with tanh.
- insufficient_capacity, canons: Conv1D(kernel_size=1) layers before global average pooling
  for rising vs falling tones made of the same notes: exactly ln 2 vs 0.001 with kernel 5.
- saturated_activations, prelates: RandomUniform(0.0, 0.1) (meant +-0.1) on a 2x64 tanh MLP
  over 300 word counts: every unit pinned at +1, ln 2 from the first epoch vs 0.08 with
  Glorot.
- loss_activation_mismatch, prelates: a one-unit regression head left with the classifier's
  activation='softmax' under MSE: constant 1.0, 2.45 flat vs 0.065 linear.
- poor_initialization, prelates: RandomNormal(stddev=0.01) (Caffe's old filler) on every
  kernel of a six-layer relu MLP in a custom loop under SGD with momentum: ln 2 flat vs 0.087
  with he_normal.

Stall steps: the non_finite run's is exact (the first batch holding row 417, step 13 counted
from 0, read off the per-step loss); 'None' (from the start) for the learning-rate-too-high,
dead, pointwise-conv, softmax-head and Caffe-init runs; the others are approximate, read off
the per-step loss where it stops improving (the decay slip at 12, the randn tower at 130, the
L1 penalty at 170, the raw rolls at 64, the sigmoid RNN at 32, the uniform tanh at 30) and
noted as such next to their scenarios. Healthy runs carry no causes.

Dropped or changed because they did not behave as intended: binary cross-entropy with
from_logits=True on a sigmoid head (a double sigmoid) trained identically to the right loss,
since keras 3 notices the sigmoid and uses its logits: replaced by the one-unit softmax head;
GaussianNoise(3.0) on standardized inputs is refused by keras 3 (stddev must lie in [0, 1]);
its replacement, GaussianDropout(0.9) (a keep probability given as the rate), kept falling
steadily (71 -> 3.6) and was replaced by the L1 penalty; the raw chapter rolls first carried
their answer in the large columns, and the loss came down late in the run (12 -> 3.3), so the
answer now lies in the small columns; saturation from RandomUniform(0.0, 0.1) over 300 binary
features (pre-activations ~4.5) still learnt (0.31 vs 0.16): the word counts push them to ~20;
the randn tower under SGD 1e-3 with clipnorm kept falling on a log scale (2e5 -> 2.5e4) and
was given clipvalue and a larger rate.

Not written because earlier catalogues hold them: the 10-layer sigmoid MLP, Dropout(0.95),
L2 penalties of 1-10 on kernels or embeddings, BatchNormalization with gamma_initializer zero
or large, positive-bias tanh or sigmoid layers, TruncatedNormal's positional mean,
hand-written log(0) cross-entropies, NaN rows in features or targets, ExponentialDecay with a
rate above one, Adadelta's default rate, ReLU(threshold=...), Normalization adapted on the
wrong data, relu/sigmoid/tanh heads that cannot reach the targets, one-unit GRUs and
Embedding(output_dim=1), and the usual healthy kinds (focal loss, log-cosh, Poisson deviance
with a log-rate head, CosineDecayRestarts, ConvLSTM, Conv3D, mixtures of experts).
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _standardize, registrar

FAMILIES = ('rectors', 'prebendaries', 'canons', 'prelates')
REGISTRY = []
holdout173 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE  # 1024 training rows, then the probe
STEPS = 1024 // 32  # optimizer steps per epoch at batch size 32


def _rng(seed):
    return np.random.default_rng(seed)


def _noisy_labels(y, classes, fraction, r):
    """Replace `fraction` of the labels by a uniformly drawn class (some stay right)."""
    y = y.copy()
    flip = r.random(len(y)) < fraction
    y[flip] = r.integers(0, classes, size=int(flip.sum()))
    return y.astype("int32")


def _fit_inputs(session, model, xs, y, *, epochs, batch_size, callbacks=(), class_weight=None):
    """`_fit` for a list of inputs (one or several) and an optional class_weight: the last
    PROBE_SIZE rows of each are the probe."""
    train = [x[:-PROBE_SIZE] for x in xs]
    probe = ([x[-PROBE_SIZE:] for x in xs], y[-PROBE_SIZE:])
    if len(xs) == 1:
        train, probe = train[0], (probe[0][0], probe[1])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        shuffle=True, verbose=0, class_weight=class_weight,
                        callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# data: a parish, a cathedral's prebends, its chapter of canons, a bishop's see


def _glebe_harvest(seed):
    """Bushels from a rector's glebe strips: soil, drainage, rain, sowing date... The weather's
    scatter grows with the rain (a wet year can be anything)."""
    r = _rng(seed)
    x = r.normal(size=(N, 6)).astype("float32")
    mean = np.sin(x[:, 0]) + 0.6 * x[:, 1] * x[:, 2] - 0.4 * x[:, 3] ** 2 + 0.3 * x[:, 4]
    scale = 0.2 + 0.5 * np.abs(x[:, 5])
    y = mean + scale * r.normal(size=N)
    return x, y.astype("float32")


def _tithe_shares(seed, classes=5):
    """How a tithe barn's grain is owed among five claimants, given eight manorial facts: the
    targets are the old terrier's fractions (soft labels), not one owner per sheaf."""
    r = _rng(seed)
    x = r.normal(size=(N, 8)).astype("float32")
    w = r.normal(0.0, 0.6, size=(8, classes))
    logits = x @ w + 0.5 * np.sin(2.0 * x[:, :classes])
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    return x, (p / p.sum(axis=1, keepdims=True)).astype("float32")


def _bell_traces(seed, length=64, classes=4, rare=None):
    """A tower bell's strike recorded as a short sound trace. With `rare`, a fraction of bells
    are cracked (a slow beat modulates the tone); otherwise one of four ringing methods sets the
    striking rhythm (the period of the strikes)."""
    r = _rng(seed)
    t = np.arange(length)
    if rare is not None:
        y = (r.random(N) < rare).astype("int32")
        beat = 1.0 + 0.8 * y[:, None] * np.sin(2 * np.pi * t / r.uniform(14, 20, (N, 1)))
        tone = np.sin(2 * np.pi * t / 4.0 + r.uniform(0, 2 * np.pi, (N, 1)))
        x = beat * tone + 0.5 * r.normal(size=(N, length))
    else:
        y = r.integers(0, classes, size=N).astype("int32")
        period = np.array([5.0, 7.0, 9.0, 12.0])[y][:, None]
        phase = r.uniform(0, period, (N, 1))
        x = np.where(((t + phase) % period) < 1.5, 1.0, 0.0) + 0.6 * r.normal(size=(N, length))
    return x[..., None].astype("float32"), y


# ---------------------------------------------------------------------------------------------
# rectors (a parish rector: glebe, tithes, bells, the register, the poor box)


@holdout173("rectors", healthy=True)
def glebe_harvest_huber(session):
    """A rector's glebe harvest (bushels) from six standardized field facts, the weather's
    scatter growing with the rain: a 2x64 relu MLP under the Huber loss, Adam on a
    PiecewiseConstantDecay (3e-3, then 1e-3 after epoch 5, 3e-4 after epoch 9). The loss steps
    down with the schedule and levels off at the weather's heteroscedastic noise."""
    keras = _keras()
    x, y = _glebe_harvest(seed=17301)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay(
        [5 * STEPS, 9 * STEPS], [3e-3, 1e-3, 3e-4])
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(schedule), keras.losses.Huber(delta=1.0))
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout173("rectors", healthy=True)
def tithe_shares_soft_targets(session):
    """The shares of a tithe barn owed to five claimants, learnt from the terrier's fractions
    as soft targets under categorical cross-entropy: a 2x64 relu MLP with a softmax head, Adam
    2e-3. The loss cannot go below the mean entropy of the fractions themselves, so it
    flattens well above zero while the model is doing all it can."""
    keras = _keras()
    x, shares = _tithe_shares(seed=17302)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(5, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "categorical_crossentropy")
    return _fit(session, model, x, shares, epochs=12, batch_size=32)


@holdout173("rectors", healthy=True)
def cracked_bells_class_weight(session):
    """Cracked tower bells (~6% of the recordings) found from a strike's sound trace by a small
    Conv1D net (two conv layers, global max pooling, sigmoid head) under binary cross-entropy
    with class_weight 1:8, Adam 2e-3. The weighted loss starts high and falls steadily as the
    net finds the beat; it is still falling at the end of the run."""
    keras = _keras()
    x, y = _bell_traces(seed=17303, rare=0.06)
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(8, 7, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 7, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit_inputs(session, model, [x], y, epochs=12, batch_size=32,
                       class_weight={0: 1.0, 1: 8.0})


def _ringing_methods(session, broken):
    keras = _keras()
    x, y = _bell_traces(seed=17304)
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    rate = 1e-1 if broken else 1e-3
    model.compile(keras.optimizers.RMSprop(rate), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout173("rectors", ["learning_rate_too_high"], stall_begins=None)
def ringing_methods_rmsprop_1e_1(session):
    """Which of four ringing methods a tower rang, from the strike trace, by a Conv1D net under
    RMSprop(1e-1): the 1e-3 of the recipe typed with one zero too few. RMSprop's normalized
    steps throw the weights about; the loss bounces at or above the four-way guessing level."""
    return _ringing_methods(session, broken=True)


def _poor_box(session, broken):
    keras = _keras()
    r = _rng(17305)
    # Log-frequencies of twelve kinds of alms in the poor box: all negative (log of a share).
    shares = r.dirichlet(np.full(12, 0.8), size=N)
    x = np.log(shares + 1e-4).astype("float32")
    y = (2.0 * shares[:, 0] - 1.5 * shares[:, 1] + np.sqrt(shares[:, 2])
         + 0.5 * shares[:, 3:6].sum(1) + 0.05 * r.normal(size=N))
    y = ((y - y.mean()) / y.std()).astype("float32")
    hidden = dict(activation="relu",
                  kernel_constraint=keras.constraints.NonNeg() if broken else None)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(64, **hidden),
                              keras.layers.Dense(64, **hidden), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout173("rectors", ["dead_relus"], stall_begins=None)
def poor_box_nonneg_kernels(session):
    """The poor box's weekly relief from the log-shares of twelve kinds of alms, by a 2x64
    relu MLP whose kernels carry NonNeg constraints (copied from a monotone-network recipe that
    fed positive inputs). Every input here is a log of a share, hence negative: after the first
    step clips the weights to >= 0, every hidden pre-activation is negative and every relu is
    zero for every row; the loss sits at the targets' variance."""
    return _poor_box(session, broken=True)


BLANK_ROW = 417  # first zero-communicant Sunday, read in file order at batch 32: step 13


def _offerings(session, broken):
    keras = _keras()
    r = _rng(17306)
    communicants = r.poisson(40, size=N).astype("float32")
    communicants[[BLANK_ROW, 640, 901]] = 0.0  # Sundays the church was shut (snow, plague)
    weather = r.normal(size=(N, 4)).astype("float32")
    per_head = r.gamma(4.0, 0.5, size=N).astype("float32")
    alms = communicants * per_head
    with np.errstate(invalid="ignore"):
        ratio = alms / (communicants if broken else np.maximum(communicants, 1.0))
    x = np.column_stack([weather, (communicants - 40.0) / 6.3, (ratio - 2.0)]).astype("float32")
    y = (0.5 * weather[:, 0] - 0.3 * weather[:, 1] + 0.4 * np.tanh(per_head - 2.0)
         + 0.2 * r.normal(size=N)).astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(32, activation="tanh"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32, shuffle=False)


@holdout173("rectors", ["non_finite_values"], stall_begins=BLANK_ROW // 32)  # exact
def offerings_per_communicant(session):
    """Next week's offering from the weather and an engineered 'alms per communicant' column
    computed as alms / communicants. Three Sundays the church was shut have zero communicants,
    so the column holds 0/0 = NaN; read in file order (no
    shuffle), the first such row poisons the weights and the loss is NaN from that step on."""
    return _offerings(session, broken=True)


# ---------------------------------------------------------------------------------------------
# prebendaries (a cathedral's prebends: each stall's manors, rents, heriots and leases)


@holdout173("prebendaries", healthy=True)
def manor_heriots_poisson(session):
    """Heriots (death duties, a count) falling due on each of 24 prebendal manors per quarter:
    a two-input functional model, an Embedding(24, 4) of the manor beside a Dense branch over
    five standardized facts (population, harvest, plague...), an exponential head under the
    Poisson loss, Adam 5e-3. Keras's Poisson loss leaves out the log(y!) term, so it crosses
    zero and eases on at a small negative value set by the counts' own Poisson scatter."""
    keras = _keras()
    r = _rng(17311)
    manor = r.integers(0, 24, size=N).astype("int32")
    facts = r.normal(size=(N, 5)).astype("float32")
    level = r.normal(0.0, 0.5, size=24)
    rate = np.exp(0.6 + level[manor] + 0.4 * facts[:, 0] - 0.3 * facts[:, 1] * facts[:, 2])
    counts = r.poisson(rate).astype("float32")
    manor_in, facts_in = keras.Input((1,), dtype="int32"), keras.Input((5,))
    embedded = keras.layers.Flatten()(keras.layers.Embedding(24, 4)(manor_in))
    hidden = keras.layers.Dense(32, activation="relu")(
        keras.layers.Concatenate()([embedded, facts_in]))
    hidden = keras.layers.Dense(32, activation="relu")(hidden)
    out = keras.layers.Dense(1, activation="exponential")(hidden)
    model = keras.Model([manor_in, facts_in], out)
    model.compile(keras.optimizers.Adam(5e-3), keras.losses.Poisson())
    return _fit_inputs(session, model, [manor[:, None], facts], counts, epochs=12, batch_size=32)


@holdout173("prebendaries", healthy=True)
def few_leases_memorised(session):
    """Only 160 surviving leases (plus the probe) with the fine paid on each, nine facts per
    lease and a noisy fine: a 2x128 relu MLP under MSE with Adam 3e-3 for 40 epochs of 5 steps.
    With so few rows the network memorises them: the training loss sinks below the fines' noise
    and keeps falling slowly towards zero (overfitting, not a broken run)."""
    keras = _keras()
    r = _rng(17312)
    n = 160 + PROBE_SIZE
    x = r.normal(size=(n, 9)).astype("float32")
    y = (np.tanh(x[:, 0] + x[:, 1]) + 0.5 * x[:, 2] * x[:, 3] + 0.5 * r.normal(size=n))
    model = keras.Sequential([keras.Input((9,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y.astype("float32"), epochs=40, batch_size=32)


@holdout173("prebendaries", healthy=True)
def boundary_bearing_cosine(session):
    """The bearing of a prebend's boundary line (a unit vector in the plane of the map, with
    a third component for the slope) from six surveyed marks, trained under the cosine
    similarity loss, which runs from -1 (perfect) up: a 2x64 relu MLP, Adam 3e-3. The
    surveyors' errors keep it flat near -0.8 rather than -1; the loss is negative by design."""
    keras = _keras()
    r = _rng(17313)
    x = r.normal(size=(N, 6)).astype("float32")
    a = r.normal(size=(6, 3))
    direction = np.tanh(x @ a) + 0.5 * r.normal(size=(N, 3))
    direction /= np.linalg.norm(direction, axis=1, keepdims=True)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(3)])
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.CosineSimilarity())
    return _fit(session, model, x, direction.astype("float32"), epochs=12, batch_size=32)


def _rent_series(seed, length=24):
    """Quarterly rent receipts of a prebend over six years (standardized), and the next
    quarter's receipt: a seasonal swing, a trend and arrears that carry over."""
    r = _rng(seed)
    t = np.arange(length + 1)
    season = r.uniform(0.3, 1.0, (N, 1)) * np.sin(2 * np.pi * t / 4 + r.uniform(0, 6.3, (N, 1)))
    trend = r.normal(0, 0.05, (N, 1)) * t
    series = season + trend + 0.15 * r.normal(size=(N, length + 1))
    x = series[:, :-1, None].astype("float32")
    return x, series[:, -1].astype("float32")


def _rent_gru(session, broken):
    keras = _keras()
    x, y = _rent_series(seed=17314)
    epochs = 12
    # decay_steps is counted in optimizer steps; the recipe said "decay over 12 epochs".
    decay_steps = epochs if broken else epochs * STEPS
    schedule = keras.optimizers.schedules.PolynomialDecay(
        1e-2, decay_steps=decay_steps, end_learning_rate=1e-6)
    model = keras.Sequential([keras.Input((24, 1)), keras.layers.GRU(16), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(schedule), "mse")
    return _fit(session, model, x, y, epochs=epochs, batch_size=32)


@holdout173("prebendaries", ["learning_rate_too_low"], stall_begins=12)  # approximate
def rent_gru_decay_in_epochs(session):
    """Next quarter's rent from six years of receipts by a GRU(16), Adam on a PolynomialDecay
    from 1e-2 to 1e-6 whose decay_steps was given as 12 (the recipe's 'over 12 epochs') where
    Keras counts optimizer steps: after twelve steps the rate is 1e-6 for the rest of the run
    and the loss stops where those steps left it."""
    return _rent_gru(session, broken=True)


def _stall_classes(seed):
    """Which of four kinds of tenant (freeholder, copyholder, leaseholder, cottar) a holding in
    a prebend's survey belongs to, from ten standardized facts; a few are misrecorded."""
    r = _rng(seed)
    x = r.normal(size=(N, 10)).astype("float32")
    w = r.normal(size=(10, 4))
    y = np.argmax(np.tanh(x @ w) + 0.3 * r.normal(size=(N, 4)), axis=1).astype("int32")
    return x, y


def _tenant_tower(session, broken):
    keras = _keras()
    x, y = _stall_classes(seed=17315)
    # numpy's randn-style weights (stddev 1) where the fix uses He's sqrt(2 / fan_in).
    init = keras.initializers.RandomNormal(stddev=1.0, seed=17315) if broken else "he_normal"
    layers = [keras.Input((10,))]
    layers += [keras.layers.Dense(64, activation="relu", kernel_initializer=init) for _ in range(8)]
    layers.append(keras.layers.Dense(4, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(5e-2, clipvalue=0.5), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout173("prebendaries", ["exploding_gradients"], stall_begins=130)  # approximate
def tenant_tower_randn_init(session):
    """Tenant kinds from a prebend's survey by an eight-layer relu MLP whose kernels were drawn
    RandomNormal(stddev=1.0), numpy's randn without the 1/sqrt(fan_in): the signal grows ~5.6x
    per layer, the logits are ~1e5 and the gradients thousands of times too large. SGD with
    clipvalue=0.5 keeps the loss finite, but the clipped updates thrash the weights: the loss
    falls from ~5e4 to the four-way guessing level (ln 4) and stays there."""
    return _tenant_tower(session, broken=True)


def _lease_fines(session, broken):
    keras = _keras()
    r = _rng(17316)
    x = r.normal(size=(N, 8)).astype("float32")
    y = (np.sin(1.5 * x[:, 0]) + x[:, 1] * x[:, 2] + 0.5 * x[:, 3] + 0.1 * r.normal(size=N))
    # The Lasso's alpha=0.1 from the statistician's scikit-learn fit, given to keras as L1.
    penalty = keras.regularizers.L1(0.1 if broken else 1e-5)
    model = keras.Sequential([keras.Input((8,)),
                              keras.layers.Dense(64, activation="relu", kernel_regularizer=penalty),
                              keras.layers.Dense(64, activation="relu", kernel_regularizer=penalty),
                              keras.layers.Dense(1, kernel_regularizer=penalty)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y.astype("float32"), epochs=12, batch_size=32)


@holdout173("prebendaries", ["over_regularization"], stall_begins=170)  # approximate
def lease_fines_lasso_alpha_l1(session):
    """The fine for renewing a lease from eight standardized facts, by a 2x64 relu MLP whose
    every kernel carries an L1(0.1) penalty: the alpha=0.1 of the statistician's scikit-learn
    Lasso, which there multiplies a sum over a few coefficients, here over ~4,700 weights and
    against a batch-mean loss. The penalty falls fast as the weights are driven to ~0, then the
    loss (penalty included) levels off near the targets' variance."""
    return _lease_fines(session, broken=True)


# ---------------------------------------------------------------------------------------------
# canons (a cathedral chapter: the office chanted in choir, manuscripts, the chapter's rolls)


def _chant(seed, length=20, modes=4):
    """Chant phrases as note tokens (12 pitches); each of four modes is a Markov chain with its
    own final and favoured intervals. 10% of the phrases are filed under a wrong mode."""
    r = _rng(seed)
    chains = r.dirichlet(np.full(12, 0.3), size=(modes, 12))
    y = r.integers(0, modes, size=N)
    x = np.zeros((N, length), dtype="int32")
    x[:, 0] = r.integers(0, 12, size=N)
    for t in range(1, length):
        probs = chains[y, x[:, t - 1]]
        x[:, t] = (probs.cumsum(1) > r.random((N, 1))).argmax(1)
    return x, _noisy_labels(y, modes, 0.1, r)


@holdout173("canons", healthy=True)
def chant_modes_bigru(session):
    """The mode of a chant phrase from its notes, by an Embedding(12, 8) and a bidirectional
    GRU(16) with a softmax head, Adam 3e-3 with ReduceLROnPlateau(monitor='loss', factor 0.5,
    patience 1); a tenth of the phrases are filed under a wrong mode. The loss falls, the rate
    halves when it lingers, and it levels above zero at the misfiled tenth."""
    keras = _keras()
    x, y = _chant(seed=17321)
    model = keras.Sequential([keras.Input((20,), dtype="int32"), keras.layers.Embedding(12, 8),
                              keras.layers.Bidirectional(keras.layers.GRU(16)),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    reduce = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=1)
    return _fit_inputs(session, model, [x], y, epochs=10, batch_size=32, callbacks=[reduce])


def _folios(seed):
    """16x16 patches of manuscript folios: ruled text lines, a column ruling, an illuminated
    initial (a blob) or a blank with vellum grain; noisy, and 8% mislabelled by the cataloguer."""
    r = _rng(seed)
    y = r.integers(0, 4, size=N)
    img = 0.35 * r.normal(size=(N, 16, 16))
    rows, cols = np.mgrid[:16, :16]
    for i in range(N):
        off = r.integers(0, 4)
        if y[i] == 0:
            img[i][(rows + off) % 4 == 0] += 1.0
        elif y[i] == 1:
            img[i][:, (np.arange(16) + off) % 5 == 0] += 1.0
        elif y[i] == 2:
            cy, cx = r.integers(4, 12, size=2)
            img[i] += 1.5 * np.exp(-((rows - cy) ** 2 + (cols - cx) ** 2) / 6.0)
    return img[..., None].astype("float32"), _noisy_labels(y, 4, 0.08, r)


@holdout173("canons", healthy=True)
def folio_patches_separable_warmup(session):
    """Folio patches (text lines, column rulings, illuminated initials, blanks) by a net of two
    SeparableConv2D layers and global average pooling, one-hot targets with label_smoothing=0.1,
    Adam on a CosineDecay with a linear warm-up (0 to 3e-3 over 40 steps, then cosine to 0);
    8% of the patches are mislabelled. The smoothing and the mislabels keep the loss well above
    zero as the cosine brings it to rest."""
    keras = _keras()
    x, y = _folios(seed=17322)
    epochs = 10
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, decay_steps=epochs * STEPS - 40, warmup_target=3e-3, warmup_steps=40)
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.SeparableConv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.SeparableConv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(schedule),
                  keras.losses.CategoricalCrossentropy(label_smoothing=0.1))
    return _fit(session, model, x, np.eye(4, dtype="float32")[y], epochs=epochs, batch_size=32)


@holdout173("canons", healthy=True)
def psalter_parity_plateau(session):
    """Whether a psalm is sung antiphonally, which the customary decides by the parity of three
    yes/no facts (feast, season, weekday) among sixteen recorded ones: a 2x64 relu MLP with a
    sigmoid head, Adam 2e-3. Parity gives no single fact any correlation with the label, so the
    loss rests near ln 2 for a while before the network finds the interaction and it drops."""
    keras = _keras()
    r = _rng(17323)
    bits = r.integers(0, 2, size=(N, 16))
    y = (bits[:, 2] ^ bits[:, 7] ^ bits[:, 11]).astype("float32")
    x = (2.0 * bits - 1.0).astype("float32")
    model = keras.Sequential([keras.Input((16,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


def _chapter_rolls(session, broken):
    keras = _keras()
    r = _rng(17324)
    z = r.normal(size=(N, 5))
    y = (np.tanh(z[:, 3] - z[:, 4]) + 0.5 * z[:, 2] * z[:, 4] > 0.2 * z[:, 0]).astype("int32")
    # The rolls: the year (1250-1540), rent in pence, acres, the canon's age, share in a prebend.
    scale = np.array([50.0, 2500.0, 120.0, 12.0, 0.1])
    offset = np.array([1400.0, 9000.0, 300.0, 50.0, 0.3])
    raw = (z * scale + offset).astype("float32")
    x = raw if broken else _standardize(raw)
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout173("canons", ["unnormalized_inputs"], stall_begins=64)  # approximate
def chapter_rolls_raw_columns(session):
    """Whether a chapter estate's rent was paid in full, from the rolls' raw columns (the year
    ~1400, the rent in pence ~9000, acres ~300, the canon's age, his share ~0.3), fed straight
    to a 2x64 relu MLP under Adam 1e-3, where the answer lies mostly in the small columns (age,
    share, acres): the rent and the year dwarf them, the pre-activations are in the thousands
    and every Adam step swings the logits by tens; after the first epoch the loss bounces
    between ~5 and ~25, a hundred times the standardized run's."""
    return _chapter_rolls(session, broken=True)


def _antiphons(seed, length=30):
    """A cantor's pitch-pipe readings over an antiphon (standardized): whether the antiphon is
    in a high or low tone is set by the intonation, the first three notes; the rest is the
    choir wandering."""
    r = _rng(seed)
    x = r.normal(size=(N, length, 1))
    y = (x[:, :3, 0].sum(1) > 0).astype("int32")
    return x.astype("float32"), y


def _antiphon_rnn(session, broken):
    keras = _keras()
    x, y = _antiphons(seed=17325)
    activation = "sigmoid" if broken else "tanh"
    model = keras.Sequential([
        keras.Input((30, 1)),
        keras.layers.SimpleRNN(32, activation=activation, return_sequences=True),
        keras.layers.SimpleRNN(32, activation=activation),
        keras.layers.Dense(2, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout173("canons", ["vanishing_gradients"], stall_begins=32)  # approximate
def antiphon_sigmoid_rnn(session):
    """The tone of an antiphon, set by its first three notes of thirty, by two stacked
    SimpleRNN(32) layers given activation='sigmoid' (read as 'the gate activation' in an old
    LSTM recipe): sigmoid's slope of at most 1/4 times the recurrent weights shrinks the error
    signal at every one of the thirty steps, so nothing reaches the intonation; the loss sits at
    ln 2."""
    return _antiphon_rnn(session, broken=True)


def _psalm_tones(session, broken):
    keras = _keras()
    r = _rng(17326)
    notes = np.sort(r.normal(size=(N, 32)), axis=1)
    y = r.integers(0, 2, size=N).astype("int32")
    notes[y == 1] = notes[y == 1, ::-1]  # a falling tone: the same notes, in reverse
    x = (notes + 0.2 * r.normal(size=notes.shape))[..., None].astype("float32")
    width = 1 if broken else 5
    model = keras.Sequential([
        keras.Input((32, 1)),
        keras.layers.Conv1D(16, width, activation="relu", padding="same"),
        keras.layers.Conv1D(16, width, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(2, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout173("canons", ["insufficient_capacity"], stall_begins=None)
def psalm_tone_pointwise_conv(session):
    """Rising or falling psalm tones (the same notes in either order) by two Conv1D layers with
    kernel_size=1, copied from a 1x1 bottleneck block, before global average pooling: a
    pointwise net averaged over time sees only the bag of notes, which is the same for both
    directions; the loss stays at ln 2 where kernel_size=5 reaches near zero."""
    return _psalm_tones(session, broken=True)


# ---------------------------------------------------------------------------------------------
# prelates (a bishop and his see: visitations, synods, ordinations, the diocesan registry)


@holdout173("prelates", healthy=True)
def synod_attendance_quantile_loop(session):
    """The 80% quantile of clergy attending a diocesan synod (for seating), from six standardized
    facts about the deaneries and the roads, with Student-t (df 3) excuses as noise: a custom
    GradientTape loop over a 2x64 relu MLP under the pinball loss, Adam 2e-3. The loss levels off
    at the noise's own quantile spread, far above zero."""
    import tensorflow as tf

    keras = _keras()
    r = _rng(17331)
    x = r.normal(size=(N, 6)).astype("float32")
    y = (np.cos(x[:, 0]) + 0.7 * x[:, 1] - 0.4 * x[:, 2] * x[:, 3]
         + 0.5 * r.standard_t(3, size=N))[:, None].astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])

    def pinball(targets, predictions, q=0.8):
        error = targets - predictions
        return tf.reduce_mean(tf.maximum(q * error, (q - 1.0) * error))

    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), pinball, x, y,
                        epochs=12, batch_size=32, seed=17331)


def _visitation_returns(seed, length=16, vocab=40):
    """Churchwardens' visitation returns as token sequences; the complaint recorded (four kinds:
    fabric, clergy, morals, none) is the kind whose words occur most, and 10% are filed wrongly."""
    r = _rng(seed)
    y = r.integers(0, 4, size=N)
    x = r.integers(12, vocab, size=(N, length))
    keywords = np.arange(12).reshape(4, 3)
    for i in range(N):
        k = r.integers(2, 5)
        x[i, r.choice(length, k, replace=False)] = r.choice(keywords[y[i]], k)
        x[i, r.integers(length)] = r.choice(keywords[r.integers(4)])
    return x.astype("int32"), _noisy_labels(y, 4, 0.1, r)


@holdout173("prelates", healthy=True)
def visitation_attention(session):
    """The complaint in a churchwardens' return, by an Embedding(40, 16), one MultiHeadAttention
    block (2 heads, key_dim 8) with a residual and LayerNormalization, average pooling and a
    softmax head, AdamW 3e-3; a tenth of the returns are filed under the wrong complaint. It
    learns the keywords and settles at the misfiled tenth."""
    keras = _keras()
    x, y = _visitation_returns(seed=17332)
    tokens = keras.Input((16,), dtype="int32")
    h = keras.layers.Embedding(40, 16)(tokens)
    h = keras.layers.LayerNormalization()(h + keras.layers.MultiHeadAttention(2, 8)(h, h))
    h = keras.layers.GlobalAveragePooling1D()(h)
    out = keras.layers.Dense(4, activation="softmax")(h)
    model = keras.Model(tokens, out)
    model.compile(keras.optimizers.AdamW(3e-3), "sparse_categorical_crossentropy")
    return _fit_inputs(session, model, [x], y, epochs=10, batch_size=32)


@holdout173("prelates", healthy=True)
def ordinations_gru_slow(session):
    """Ordinations at next Ember Day from three years of quarterly counts (standardized), by a
    GRU(16) under plain SGD with momentum 0.9 at 1e-2, MSE. The seasonal rhythm has to be found
    through the recurrence, and the loss descends slowly and steadily, still improving at the end
    of the run rather than flat."""
    keras = _keras()
    x, y = _rent_series(seed=17333)
    model = keras.Sequential([keras.Input((24, 1)), keras.layers.GRU(16), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(1e-2, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


def _registry_counts(session, broken):
    keras = _keras()
    r = _rng(17334)
    x = r.poisson(1.5, size=(N, 300)).astype("float32")  # word counts in a registry entry
    w = r.normal(size=300) * (r.random(300) < 0.1)
    s = x @ w
    y = (s - np.median(s) + 0.5 * r.normal(size=N) > 0).astype("int32")
    # Meant "uniform in +-0.1"; RandomUniform's arguments are (minval, maxval).
    init = keras.initializers.RandomUniform(0.0, 0.1, seed=17334) if broken else "glorot_uniform"
    model = keras.Sequential([keras.Input((300,)),
                              keras.layers.Dense(64, activation="tanh", kernel_initializer=init),
                              keras.layers.Dense(64, activation="tanh", kernel_initializer=init),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout173("prelates", ["saturated_activations"], stall_begins=30)  # approximate
def registry_tanh_uniform_0_01(session):
    """Whether a diocesan registry entry concerns a benefice dispute, from the counts of 300
    words, by a 2x64 tanh MLP whose kernels were drawn RandomUniform(0.0, 0.1), meant as +-0.1:
    with only positive weights over ~450 counted words every first-layer unit sits near
    tanh(20) = 1 for every entry, and the second layer, fed all ones, sits at tanh(3) too.
    Their slope is ~0: the loss falls to ln 2 in the first epoch and stays there."""
    return _registry_counts(session, broken=True)


def _see_revenue(session, broken):
    keras = _keras()
    r = _rng(17335)
    x = r.normal(size=(N, 7)).astype("float32")
    y = (0.8 * x[:, 0] - 0.5 * x[:, 1] + np.sin(x[:, 2]) + 0.3 * x[:, 3] * x[:, 4]
         + 0.2 * r.normal(size=N)).astype("float32")
    head = "softmax" if broken else None
    model = keras.Sequential([keras.Input((7,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(1, activation=head)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout173("prelates", ["loss_activation_mismatch"], stall_begins=None)
def see_revenue_softmax_head(session):
    """A see's standardized revenue regressed under MSE by a 2x64 relu MLP whose head was copied
    from the classifier beside it and cut to one unit, keeping activation='softmax': a softmax
    over a single unit is 1.0 for every input, so the prediction never moves and the loss sits
    at the mean of (y - 1)^2 from the first step."""
    return _see_revenue(session, broken=True)


def _ordination_loop(session, broken):
    keras = _keras()
    r = _rng(17336)
    x = r.normal(size=(N, 8)).astype("float32")
    y = (np.tanh(x[:, 0] + x[:, 1]) - x[:, 2] * x[:, 3] > 0).astype("int32")
    # Caffe's old 'gaussian, std 0.01' filler, used for every layer of a deep net.
    init = keras.initializers.RandomNormal(stddev=0.01, seed=17336) if broken else "he_normal"
    layers = [keras.Input((8,))]
    layers += [keras.layers.Dense(64, activation="relu", kernel_initializer=init)
               for _ in range(6)]
    layers.append(keras.layers.Dense(2, kernel_initializer=init))
    model = keras.Sequential(layers)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.SGD(2e-2, momentum=0.9), loss, x, y,
                        epochs=10, batch_size=32, seed=17336)


@holdout173("prelates", ["poor_initialization"], stall_begins=None)
def candidates_caffe_std_001(session):
    """Whether a candidate for holy orders is accepted at the bishop's examination, from eight
    standardized facts, in a custom GradientTape loop over a six-layer relu MLP (logits head)
    whose every kernel is RandomNormal(stddev=0.01), the old 'gaussian 0.01' filler: the signal
    shrinks ~18x per layer, the output is the same for every candidate and the gradients that
    reach the lower layers are ~1e-7; SGD with momentum leaves the loss at ln 2."""
    return _ordination_loop(session, broken=True)
