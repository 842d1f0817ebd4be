"""The hundred-and-seventy-fifth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four families, each a house of the medieval poor and devout, each with its own synthetic data
(numpy, seeds 17501-17536) and a story. Almsmen keep an almshouse's ledgers: who was granted the
dole, how many loaves went out at the gate, the weekly shillings per parish. Beadsmen count the
beads on photographed strings, grade and reject beads, and recite prayers as token sequences.
Palmers are pilgrims: a journey's daily legs as sequences, and the delays met on the road.
Hospitallers keep the infirmary's notes (tokens), fever charts (1-D signals) and vitals.

The healthy half (12 runs, three per family) are correct models trained correctly whose loss
flattens far from zero or in unusual ways because of the data or the schedule: 20% arbitrary
labels (MLP); Poisson counts with an exponential output, whose Keras loss is negative; a
two-input model with a parish embedding and a Huber loss on Student-t noise; a bead-counting
CNN under a PiecewiseConstantDecay SGD schedule; a rare class (4%) with class_weight, still
falling at the end; an LSTM memory task with a shoulder before its second drop; a GRU with
Huber loss and ReduceLROnPlateau; a custom GradientTape loop with a pinball (90th percentile)
loss on skewed, heteroscedastic noise; plain SGD on a tanh MLP, slow and still improving; a
self-attention block on token notes with warm-up then cosine decay and label noise; a tiny
ward (192 rows) that overfits toward zero with a bump; a Conv1D custom loop with 15% wrong
labels.

The broken half (12 runs, one per cause) are mistakes made in code, each checked against the
same model with the mistake undone (trained with Session(None)): RMSprop at 0.3 for 3e-4
(MLP); np.log instead of np.log1p on counts with zero days, read in date order (NaN from a
known batch on); activity_regularizer=L1(0.5) on every hidden unit; sigmoid layers with
RandomUniform(0, 1) kernels on positive pixels (every unit pinned at exactly 1.0, so no
gradient even for Adam); a one-unit softmax head on a count regression; a one-unit hidden
layer (Dense(1) for Dense(64)); a tanh SimpleRNN with recurrent gain 2 and no clipping under
SGD with momentum; SGD at a fine-tuning rate of 1e-5 on a Conv1D net; a 5-layer relu MLP
initialized N(0, 1e-3); a custom loop through 10 sigmoid layers; vitals in raw units (grams);
a relu Conv1D net whose biases start at -4.

Dropped or changed because they did not behave as intended: a relu IRNN (identity recurrent
kernel) without clipping, meant for exploding gradients, went NaN in the first epoch at every
rate tried down to 1e-3, so the tanh recurrence with gain 2 replaced it (its loss falls
first, then sticks near 1.4 while the fixed run reaches ~0.2); the first one-unit bottleneck
counted beads, which one number can nearly do (still improving at the end), so it now grades
beads by an XOR-like rule; the deep-relu control of the sigmoid custom loop went NaN at SGD
0.02, so both run at 0.005.

Labels: `expected_causes` holds the one root cause each broken run was built around.
`stall_begins` is the 0-based optimizer step (batches over the whole run) from which the loss
stops improving, None for "from the start". The NaN-target run's step is exact (the batch
holding the first zero-loaf row, unshuffled); the steps of the activity-penalty, recurrent
gain, bottleneck and raw-units runs were read off epoch losses (32 steps per epoch) and are
approximate, marked as such beside them.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, registrar

FAMILIES = ('almsmen', 'beadsmen', 'palmers', 'hospitallers')
REGISTRY = []
holdout175 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data


def _alms_ledger(n, seed, label_noise=0.0):
    """An almshouse's ledger: 8 standardized facts about a petitioner (age, dependants, parish
    rent, ...) and whether the almoner granted the dole, with a share of arbitrary decisions."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 8)).astype("float32")
    score = 1.4 * x[:, 0] - x[:, 1] + 0.8 * x[:, 2] * x[:, 3] + np.sin(2.0 * x[:, 4])
    y = (score > 0.2).astype("int32")
    flip = rng.random(n) < label_noise
    y[flip] = 1 - y[flip]
    return x, y


def _loaves(n, seed):
    """Loaves handed out at an almshouse gate in a day: Poisson counts whose rate depends on the
    weather, the weekday and the price of grain (6 standardized features)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 6)).astype("float32")
    rate = np.exp(2.0 + 0.5 * x[:, 0] - 0.4 * x[:, 1] + 0.3 * np.tanh(x[:, 2] * x[:, 3]))
    return x, rng.poisson(rate).astype("float32")


def _parish_doles(n, seed, parishes=40):
    """Weekly dole in shillings per parish: a parish id (its own unobserved level) plus 5
    standardized numeric facts, with heavy-tailed (Student t, 3 dof) noise."""
    rng = np.random.default_rng(seed)
    parish = rng.integers(0, parishes, size=n).astype("int32")
    level = rng.normal(scale=1.0, size=parishes)
    x = rng.normal(size=(n, 5)).astype("float32")
    y = level[parish] + 0.7 * x[:, 0] - 0.5 * x[:, 1] * x[:, 2] + 0.5 * rng.standard_t(3, n)
    return parish, x, y.astype("float32")


def _bead_images(n, seed, size=12):
    """Photographs of a beadsman's string, size x size grey pixels in [0, 1]: 1 to 4 bright
    beads on a noisy dark cloth; the class is the bead count minus one."""
    rng = np.random.default_rng(seed)
    images = rng.uniform(0.0, 0.25, size=(n, size, size)).astype("float32")
    counts = rng.integers(1, 5, size=n)
    yy, xx = np.mgrid[:size, :size]
    for i, count in enumerate(counts):
        for _ in range(count):
            cy, cx = rng.uniform(1.5, size - 2.5, size=2)
            images[i] += 0.8 * np.exp(-((yy - cy) ** 2 + (xx - cx) ** 2) / 1.2)
    return np.clip(images, 0.0, 1.0)[..., None], (counts - 1).astype("int32")


def _bead_flaws(n, seed, rate=0.04):
    """A bead maker's inspection sheet: 10 standardized measurements of a bead (diameter, bore,
    lustre, ...) and whether it was rejected; about 4 in 100 are."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 10)).astype("float32")
    score = 1.5 * x[:, 0] + x[:, 1] ** 2 - 0.8 * x[:, 2] + 0.5 * x[:, 3] * x[:, 4]
    threshold = np.quantile(score, 1.0 - rate)
    y = (score + rng.normal(scale=0.6, size=n) > threshold).astype("int32")
    return x, y


def _prayer_tokens(n, seed, length=12, vocab=20):
    """A beadsman's recited sequence as token ids; the label is the id of the FIRST prayer of
    the sequence (one of 4 openings, tokens 1..4), the rest are filler tokens 5..vocab-1."""
    rng = np.random.default_rng(seed)
    tokens = rng.integers(5, vocab, size=(n, length)).astype("int32")
    opening = rng.integers(0, 4, size=n)
    tokens[:, 0] = opening + 1
    return tokens, opening.astype("int32")


def _pilgrim_legs(n, seed, length=40, noise=0.2):
    """A palmer's journey as `length` daily legs of 3 standardized readings (distance, climb,
    rain); the target is the standardized total travel time."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, length, 3)).astype("float32")
    w = np.array([0.6, -0.3, 0.2], dtype="float32")
    y = (x @ w).sum(axis=1) / np.sqrt(length) + 0.3 * np.tanh(x[:, -5:, 0].sum(axis=1))
    y = y + rng.normal(scale=noise, size=n)
    return x, ((y - y.mean()) / y.std()).astype("float32")[:, None]


def _road_delays(n, seed):
    """Days a palmer is held up on a road: 6 standardized facts (season, war, river levels...);
    the delay's noise grows with the first fact (heteroscedastic) and is right-skewed."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 6)).astype("float32")
    centre = 0.8 * x[:, 0] - 0.5 * x[:, 1] + 0.4 * np.sin(2.0 * x[:, 2])
    scale = 0.3 + 0.5 * np.abs(x[:, 0])
    y = centre + scale * rng.gamma(2.0, 0.7, size=n)
    return x, y.astype("float32")[:, None]


def _hospital_notes(n, seed, length=16, vocab=60, label_noise=0.1):
    """An infirmarian's notes as token ids; a patient is marked grave when a fever word (1..5)
    appears together with a wound word (6..10); 10% of the marks are mistaken."""
    rng = np.random.default_rng(seed)
    tokens = rng.integers(11, vocab, size=(n, length)).astype("int32")
    fever = rng.random(n) < 0.5
    wound = rng.random(n) < 0.5
    for i in range(n):
        slots = rng.choice(length, size=2, replace=False)
        if fever[i]:
            tokens[i, slots[0]] = rng.integers(1, 6)
        if wound[i]:
            tokens[i, slots[1]] = rng.integers(6, 11)
    y = (fever & wound).astype("int32")
    flip = rng.random(n) < label_noise
    y[flip] = 1 - y[flip]
    return tokens, y


def _fever_charts(n, seed, length=48, label_noise=0.15):
    """A patient's temperature chart, `length` readings (standardized): the class is the kind
    of fever (steady, remittent, intermittent, tertian) read by a physician, sometimes wrongly."""
    rng = np.random.default_rng(seed)
    t = np.arange(length, dtype="float32")
    kind = rng.integers(0, 4, size=n)
    period = np.array([1e9, 24.0, 12.0, 16.0])[kind]
    amplitude = np.array([0.0, 0.6, 1.0, 1.2])[kind]
    phase = rng.uniform(0, 2 * np.pi, size=n)
    x = amplitude[:, None] * np.sin(2 * np.pi * t[None] / period[:, None] + phase[:, None])
    x = x + rng.normal(scale=0.5, size=(n, length))
    flip = rng.random(n) < label_noise
    kind[flip] = rng.integers(0, 4, size=flip.sum())
    return x.astype("float32")[..., None], kind.astype("int32")


def _vitals(n, seed):
    """Admission vitals of a hospice's guests, standardized: pulse, temperature, respiration,
    age, weight, days travelled; the target is the standardized length of stay."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 6)).astype("float32")
    y = (0.9 * x[:, 0] + 0.6 * x[:, 1] * x[:, 2] - 0.5 * np.abs(x[:, 3]) + 0.4 * x[:, 4] ** 2
         + rng.normal(scale=0.3, size=n))
    return x, ((y - y.mean()) / y.std()).astype("float32")[:, None]


# Raw units of the vitals: (scale, offset), e.g. pulse in beats/min, weight in grams.
VITAL_UNITS = np.array([[12.0, 80.0], [0.8, 37.5], [4.0, 18.0], [18.0, 45.0],
                        [9000.0, 65000.0], [40.0, 90.0]], dtype="float32")


def _steps(n, batch_size):
    return -(-(n - PROBE_SIZE) // batch_size)


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, shuffle=True, callbacks=(),
                **fit_kw):
    """`_fit` for several named inputs (a dict of arrays) or extra `fit` arguments: the last
    PROBE_SIZE rows of every input are the probe. Returns the per-epoch training loss."""
    if not isinstance(inputs, dict):
        inputs = {None: inputs}
    train = {k: v[:-PROBE_SIZE] for k, v in inputs.items()}
    probe = {k: v[-PROBE_SIZE:] for k, v in inputs.items()}
    if None in inputs:
        train, probe = train[None], probe[None]
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        shuffle=shuffle, verbose=0,
                        callbacks=list(callbacks) + session.callbacks((probe, y[-PROBE_SIZE:])),
                        **fit_kw)
    return history.history["loss"]


# =============================================================================================
# almsmen: the almshouse's ledgers (who gets the dole, how many loaves, how many shillings)


@holdout175("almsmen", healthy=True)
def arbitrary_almoner(session):
    """Dole decisions from 8 facts about a petitioner, where one decision in five was the
    almoner's whim (20% flipped labels); 2x32 relu MLP, Adam 2e-3, 15 epochs. The loss falls
    quickly and then flattens near the entropy of the coin-flips, far above zero."""
    keras = _keras()
    x, y = _alms_ledger(N, seed=17501, label_noise=0.2)
    model = _mlp(keras, 8, [32, 32], 2)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout175("almsmen", healthy=True)
def loaves_at_the_gate(session):
    """Poisson regression of loaves handed out per day: 32-unit relu MLP with an exponential
    output and Keras's poisson loss, Adam 3e-3, 20 epochs of batch 64. The loss levels off at
    the Poisson noise floor (a positive number, not zero) after a quick early drop."""
    keras = _keras()
    x, y = _loaves(N, seed=17502)
    model = _mlp(keras, 6, [32], 1, out_activation="exponential")
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit(session, model, x, y, epochs=20, batch_size=64)


@holdout175("almsmen", healthy=True)
def parish_doles(session):
    """Weekly dole per parish from a parish id (4-dim embedding) and 5 numeric facts, two
    inputs joined in a functional model, Huber loss because the dole's noise is heavy-tailed
    (Student t), Adam 3e-3, 20 epochs. It converges to the noise's Huber level, well above 0."""
    keras = _keras()
    parish, x, y = _parish_doles(N, seed=17503)
    parish_in = keras.Input((1,), name="parish")
    facts_in = keras.Input((5,), name="facts")
    emb = keras.layers.Flatten()(keras.layers.Embedding(40, 4)(parish_in))
    h = keras.layers.Concatenate()([emb, facts_in])
    h = keras.layers.Dense(32, activation="relu")(h)
    h = keras.layers.Dense(16, activation="relu")(h)
    model = keras.Model([parish_in, facts_in], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.Huber(1.0))
    return _fit_inputs(session, model, {"parish": parish[:, None], "facts": x}, y[:, None],
                       epochs=20, batch_size=32)


def _dole_rmsprop(session, broken):
    keras = _keras()
    x, y = _alms_ledger(N, seed=17504)
    model = _mlp(keras, 8, [64, 64], 2)
    model.compile(keras.optimizers.RMSprop(0.3 if broken else 3e-4),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout175("almsmen", ["learning_rate_too_high"], stall_begins=None)
def dole_rmsprop_typo(session):
    """The dole classifier (2x64 relu MLP) with RMSprop at learning_rate=0.3, a typo for 3e-4:
    the first updates throw the weights far off and the loss bounces around the coin-flip
    level instead of falling (the same model at 3e-4 learns the rule)."""
    return _dole_rmsprop(session, broken=True)


FEAST_ROWS = (640, 641, 642)  # the gate was shut on a feast: 0 loaves, in date order


def _loaves_log(session, broken):
    keras = _keras()
    x, y = _loaves(N, seed=17505)
    y = np.maximum(y, 1.0)
    y[list(FEAST_ROWS)] = 0.0
    target = np.log(y) if broken else np.log1p(y)
    model = _mlp(keras, 6, [32, 32], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, target.astype("float32"), epochs=10, batch_size=32,
                shuffle=False)


@holdout175("almsmen", ["non_finite_values"], stall_begins=FEAST_ROWS[0] // 32)
def log_of_a_shut_gate(session):
    """Log-loaves regression (2x32 relu MLP, MSE, Adam 2e-3) on the ledger in date order
    (shuffle=False), with np.log instead of np.log1p: the feast days when the gate was shut
    hold 0 loaves, their target is -inf, and from that batch on the loss and weights are NaN
    while training goes on for the remaining epochs."""
    return _loaves_log(session, broken=True)


def _ledger_activity_l1(session, broken):
    keras = _keras()
    x, y = _alms_ledger(N, seed=17506)
    reg = keras.regularizers.L1(0.5) if broken else None
    model = _mlp(keras, 8, [64, 64], 2, activity_regularizer=reg)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout175("almsmen", ["over_regularization"], stall_begins=150)  # approximate
def sparse_ledger_penalty(session):
    """The dole classifier with activity_regularizer=L1(0.5) on both 64-unit relu layers, to
    make the hidden code sparse (a strength meant for a sum over a few units, applied to
    every activation): the penalty silences the hidden layers: the loss falls only while the
    penalty shrinks, then sits at the coin-flip level (0.69), while the unpenalized model learns."""
    return _ledger_activity_l1(session, broken=True)


# =============================================================================================
# beadsmen: strings of beads and the prayers told on them


@holdout175("beadsmen", healthy=True)
def bead_counter_stepped(session):
    """Counting 1-4 beads in 12x12 photographs with a small CNN (two relu convolutions, global
    average pooling), SGD with momentum 0.9 on a PiecewiseConstantDecay schedule (0.05, then
    0.01 from step 160, 0.002 from step 320), 12 epochs: the loss drops in steps as the rate
    does and ends low and flat."""
    keras = _keras()
    x, y = _bead_images(N, seed=17511)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([160, 320], [0.05, 0.01, 0.002])
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout175("beadsmen", healthy=True)
def rare_flawed_beads(session):
    """Rejected beads (about 4 in 100) from 10 measurements, 32-16 relu MLP, Adam 1e-3, 15
    epochs of batch 64 with class_weight {0: 1, 1: 10} to make the rare rejects count: the
    weighted loss falls slowly and steadily and is still falling at the end."""
    keras = _keras()
    x, y = _bead_flaws(N, seed=17512)
    model = _mlp(keras, 10, [32, 16], 2)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit_inputs(session, model, x, y, epochs=15, batch_size=64,
                       class_weight={0: 1.0, 1: 10.0})


@holdout175("beadsmen", healthy=True)
def first_prayer_remembered(session):
    """Which of 4 opening prayers began a 12-token recitation: Embedding(20, 8) and LSTM(16),
    Adam 3e-3, 12 epochs. The answer sits at the first step, 11 steps back, so the loss falls,
    pauses on a shoulder for a few epochs, then drops again to almost zero once the LSTM
    holds the memory."""
    keras = _keras()
    x, y = _prayer_tokens(N, seed=17513)
    model = keras.Sequential([
        keras.Input((12,), dtype="int32"),
        keras.layers.Embedding(20, 8),
        keras.layers.LSTM(16),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _bead_sigmoid(session, broken):
    keras = _keras()
    x, y = _bead_images(N, seed=17514)
    init = keras.initializers.RandomUniform(0.0, 1.0, seed=17514) if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Flatten(),
        keras.layers.Dense(64, activation="sigmoid", kernel_initializer=init),
        keras.layers.Dense(64, activation="sigmoid", kernel_initializer=init),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout175("beadsmen", ["saturated_activations"], stall_begins=None)
def bead_sigmoids_pinned(session):
    """Bead counting with a 2x64 sigmoid MLP on the 144 pixels, kernels initialized
    RandomUniform(0, 1) as in an old textbook ("weights between 0 and 1"): every pixel is
    positive, so every pre-activation is a sum of ~40 positive terms, every sigmoid is 1.0 for
    every photograph and passes no gradient; only the output bias learns the class prior."""
    return _bead_sigmoid(session, broken=True)


def _bead_head(session, broken):
    keras = _keras()
    x, y = _bead_images(N, seed=17515)
    count = (y + 1).astype("float32")[:, None]
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1, activation="softmax" if broken else None),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, count, epochs=10, batch_size=32)


@holdout175("beadsmen", ["loss_activation_mismatch"], stall_begins=None)
def bead_count_softmax_head(session):
    """Bead count (1-4) as a regression with MSE, on the counting CNN whose head was copied from
    the classifier with units changed to 1 but the softmax kept: a softmax over one unit is
    always 1.0, so the prediction is 1 for every photograph and the loss never moves."""
    return _bead_head(session, broken=True)


def _bead_grades(n, seed):
    """A bead sorter's grading: 10 standardized measurements and one of 4 grades, decided by
    whether lustre and tint agree (x0 * x1 > 0) and whether the bead is out of round."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 10)).astype("float32")
    grade = 2 * (x[:, 0] * x[:, 1] > 0) + (x[:, 2] ** 2 + x[:, 3] ** 2 > 1.4)
    return x, grade.astype("int32")


def _rosary_bottleneck(session, broken):
    keras = _keras()
    x, y = _bead_grades(N, seed=17516)
    model = _mlp(keras, 10, [1 if broken else 64], 4)
    model.compile(keras.optimizers.Adam(1e-2), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout175("beadsmen", ["insufficient_capacity"], stall_begins=200)  # approximate
def one_unit_bead_grader(session):
    """Bead grading (4 grades from 10 measurements, an XOR-like rule) with an MLP whose hidden
    layer has 1 relu unit (Dense(1) where Dense(64) was meant), Adam 1e-2: one number learns
    what little it can, then the loss levels off far above the 64-unit model's."""
    return _rosary_bottleneck(session, broken=True)


# =============================================================================================
# palmers: pilgrims' journeys, legs and delays on the road


@holdout175("palmers", healthy=True)
def journey_time_gru(session):
    """Total journey time from 24 daily legs with a GRU(16), Huber loss, Adam 3e-3 and
    ReduceLROnPlateau(monitor="loss", factor=0.5, patience=1), 15 epochs: falls fast, then
    the rate is halved a few times as the loss flattens at the noise level."""
    keras = _keras()
    x, y = _pilgrim_legs(N, seed=17521, length=24, noise=0.4)
    model = keras.Sequential([keras.Input((24, 3)), keras.layers.GRU(16), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.Huber(1.0))
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=1)
    return _fit(session, model, x, y, epochs=15, batch_size=32, callbacks=[plateau])


@holdout175("palmers", healthy=True)
def delay_ninetieth_percentile(session):
    """Custom GradientTape loop: the 90th percentile of road delays (skewed, heteroscedastic
    noise) with a pinball loss, 2x32 relu MLP, Adam 2e-3, 15 epochs: the quantile loss flattens
    at a clearly positive level, as it must with noise this wide."""
    import tensorflow as tf

    keras = _keras()
    x, y = _road_delays(N, seed=17522)
    model = _mlp(keras, 6, [32, 32], 1, out_activation=None)

    def pinball(targets, predictions, q=0.9):
        error = targets - predictions
        return tf.reduce_mean(tf.maximum(q * error, (q - 1.0) * error))

    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), pinball, x, y,
                        epochs=15, batch_size=32, seed=17522,
                        loss_description="pinball loss, q=0.9")


@holdout175("palmers", healthy=True)
def slow_road_sgd(session):
    """Road delays regressed with MSE by a 32-unit tanh MLP under plain SGD at 0.01 (no
    momentum), 20 epochs: a slow, steady descent that is still improving when it stops."""
    keras = _keras()
    x, y = _road_delays(N, seed=17523)
    model = _mlp(keras, 6, [32], 1, activation="tanh", out_activation=None)
    model.compile(keras.optimizers.SGD(0.01), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _legs_rnn(session, broken):
    keras = _keras()
    x, y = _pilgrim_legs(N, seed=17524, length=40)
    if broken:
        recurrent = keras.initializers.Orthogonal(gain=2.0, seed=17524)
        optimizer = keras.optimizers.SGD(0.05, momentum=0.9)
    else:
        recurrent = keras.initializers.Orthogonal(gain=1.0, seed=17524)
        optimizer = keras.optimizers.SGD(0.01, momentum=0.9, clipnorm=1.0)
    model = keras.Sequential([
        keras.Input((40, 3)),
        keras.layers.SimpleRNN(32, recurrent_initializer=recurrent),
        keras.layers.Dense(1),
    ])
    model.compile(optimizer, "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout175("palmers", ["exploding_gradients"], stall_begins=150)  # approximate
def chaotic_recurrence(session):
    """Journey time from 40 legs with a tanh SimpleRNN(32) whose recurrent kernel is
    Orthogonal(gain=2.0), SGD 0.05 with momentum and no clipnorm (a relu-RNN recipe copied
    without its clipping line): the recurrence is chaotic, the gradients through 40 steps are
    huge, and the updates throw the weights about; after a first fall the loss sticks near
    1.4, above the variance of the target (gain 1 with clipnorm=1.0 learns)."""
    return _legs_rnn(session, broken=True)


def _legs_conv(session, broken):
    keras = _keras()
    x, y = _pilgrim_legs(N, seed=17525, length=40)
    model = keras.Sequential([
        keras.Input((40, 3)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(1e-5 if broken else 0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout175("palmers", ["learning_rate_too_low"], stall_begins=None)
def fine_tuning_rate(session):
    """Journey time from 40 legs with a two-layer Conv1D net, SGD with momentum at 1e-5 (the
    rate of a fine-tuning recipe, used to train from scratch): the loss sits at the target's
    variance for the whole run, while 0.01 learns."""
    return _legs_conv(session, broken=True)


def _delay_tiny_init(session, broken):
    keras = _keras()
    x, y = _road_delays(N, seed=17526)
    init = (keras.initializers.RandomNormal(stddev=1e-3, seed=17526) if broken
            else keras.initializers.HeNormal(seed=17526))
    model = _mlp(keras, 6, [64] * 5, 1, out_activation=None, kernel_initializer=init)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout175("palmers", ["poor_initialization"], stall_begins=None)
def whisper_weights(session):
    """Road delays with a 5x64 relu MLP whose kernels are RandomNormal(stddev=1e-3), copied from
    a one-layer tutorial: the signal shrinks ~100x per layer, the output is a constant, and
    the gradients to the hidden kernels are products of those tiny weights; the loss stays at
    the target's variance while He initialization learns."""
    return _delay_tiny_init(session, broken=True)


# =============================================================================================
# hospitallers: the infirmary's notes, fever charts and admissions


@holdout175("hospitallers", healthy=True)
def grave_notes_attention(session):
    """Grave-or-not from 16-token infirmary notes (fever word AND wound word anywhere, 10% of
    the marks mistaken): Embedding(60, 16), one 2-head self-attention block with a residual,
    average pooling, Adam with a 60-step warm-up to 3e-3 then cosine decay, 15 epochs. The
    loss falls late (after warm-up) and flattens at the label-noise level."""
    keras = _keras()
    x, y = _hospital_notes(N, seed=17531)
    steps = 15 * _steps(N, 32)
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, steps - 60, warmup_target=3e-3, warmup_steps=60)
    tokens = keras.Input((16,), dtype="int32")
    h = keras.layers.Embedding(60, 16)(tokens)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(16, activation="relu")(h)
    model = keras.Model(tokens, keras.layers.Dense(2, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout175("hospitallers", healthy=True)
def small_ward_overfits(session):
    """Length of stay from admission vitals for a small ward: 192 training patients, 2x64 relu
    MLP, Adam 3e-3, 40 epochs of batch 16. The model memorizes the ward and the training loss
    keeps sinking toward zero: overfitting small data, not a broken training."""
    keras = _keras()
    x, y = _vitals(192 + PROBE_SIZE, seed=17532)
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


@holdout175("hospitallers", healthy=True)
def fever_kinds_custom_loop(session):
    """Custom GradientTape loop: the kind of fever from a 48-reading chart, with a Conv1D net
    (two relu convolutions, global average pooling) and logits, Adam 2e-3, 12 epochs; 15% of
    the physicians' readings are wrong, so the loss flattens far above zero."""
    keras = _keras()
    x, y = _fever_charts(N, seed=17533)
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 7, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(4),
    ])
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), loss, x, y,
                        epochs=12, batch_size=32, seed=17533)


def _vitals_deep(session, broken):
    keras = _keras()
    x, y = _vitals(N, seed=17534)
    init = "glorot_uniform" if broken else "he_normal"
    model = _mlp(keras, 6, [32] * 10, 1, activation="sigmoid" if broken else "relu",
                 out_activation=None, kernel_initializer=init)
    return _custom_loop(session, model, keras.optimizers.SGD(0.005, momentum=0.9),
                        keras.losses.MeanSquaredError(), x, y, epochs=10, batch_size=32,
                        seed=17534)


@holdout175("hospitallers", ["vanishing_gradients"], stall_begins=None)
def ten_sigmoid_layers(session):
    """Custom loop: length of stay from vitals with a 10x32 sigmoid MLP (the 1990s textbook
    net, only deeper), SGD 0.005 with momentum, MSE: each sigmoid layer divides the gradient by
    four or more, the first layers never learn and the loss stays at the target's variance
    (relu with He initialization learns)."""
    return _vitals_deep(session, broken=True)


def _raw_vitals(session, broken):
    keras = _keras()
    x, y = _vitals(N, seed=17535)
    if broken:
        x = (x * VITAL_UNITS[:, 0] + VITAL_UNITS[:, 1]).astype("float32")
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout175("hospitallers", ["unnormalized_inputs"], stall_begins=160)  # approximate
def vitals_in_grams(session):
    """Length of stay from the vitals as written on the admission card (pulse ~80, temperature
    ~37.5, weight in grams ~65,000, ...), not standardized, 2x64 relu MLP, Adam 1e-3: the weight
    column swamps every unit; after the first wild epochs the loss settles near 6, six times the
    target's variance, and stays there, while standardized inputs learn the stay."""
    return _raw_vitals(session, broken=True)


def _fever_dead(session, broken):
    keras = _keras()
    x, y = _fever_charts(N, seed=17536, label_noise=0.0)
    bias = keras.initializers.Constant(-4.0 if broken else 0.0)
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 7, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout175("hospitallers", ["dead_relus"], stall_begins=None)
def fevers_never_fire(session):
    """Fever kinds from charts with a relu Conv1D net whose convolutions take
    bias_initializer=Constant(-4.0) (a gating recipe's bias, pasted onto the wrong layers):
    the filters output 0 for every chart, no gradient reaches them, and the loss stays at
    log(4)."""
    return _fever_dead(session, broken=True)
