"""The hundred-and-forty-fourth held-out catalogue: written by someone who did not read the engine
or run the diagnosis on these runs, and scored once.

Four families, each a trade with its own synthetic data (seeds 14401..14437): statisticians (survey
answers, polls, household incomes), economists (an AR(2) business-cycle indicator, shop visits,
expansion/contraction regimes), accountants (invoice columns, vendor spend, scanned approval stamps)
and solicitors (tokenised case summaries). Each family has three healthy runs and three broken ones;
the last PROBE_SIZE rows of every data set are the probe.

Healthy half (twelve correct models, trained correctly, whose loss flattens above zero or moves in
unusual ways because of the data or the schedule): a Huber regression on Student-t noise; a
90th-percentile (pinball) regression in a custom GradientTape loop on heteroscedastic noise; a poll
with 20% wrong answers under ReduceLROnPlateau; a GRU forecast of an indicator whose shocks set the
floor, under warm-up then cosine decay; a Poisson regression of shop visits with an exponential
output; a Conv1D regime classifier with 10% disputed labels under PiecewiseConstantDecay; a rare
(3%) fraud class with class_weight; a two-input model (account figures and a vendor embedding); a
160-invoice audit sample that a wide MLP memorises; a self-attention case triage with 15% misfiled
labels, which it starts to memorise; an LSTM that must learn which party filed first (near ln 2 in
the first epoch, then falling steeply); and a custom loop with label smoothing 0.2, whose loss
floors at the smoothed targets' entropy.

Broken half (one per cause, each a mistake made in code): a 14-layer sigmoid MLP
(vanishing_gradients); a hidden layer of 2 units where the argument meant layers
(insufficient_capacity); np.log of incomes of 0 in the targets (non_finite_values); a tanh SimpleRNN
whose recurrent kernel is RandomNormal(stddev=1.0), whose first gradients of ~1e8 throw the weights
into saturation (exploding_gradients, with saturated_activations listed second as its consequence);
Adam at an SGD recipe's 0.5 on a Conv1D forecast (learning_rate_too_high); L2(1.0) on an LSTM meant
as 1e-4 (over_regularization); invoice columns fed in dollars and days (unnormalized_inputs); a tanh
funnel whose kernels were drawn with stddev 8, in a custom loop (saturated_activations); a CNN with
every kernel zeros (poor_initialization); Adam 1e-6 copied from a fine-tuning recipe on an embedding
classifier trained from scratch (learning_rate_too_low); a relu Conv1D over embeddings with biases
-1 (dead_relus); and a sigmoid output kept for a target stored in percent
(loss_activation_mismatch). Each was trained beside its fixed twin with Session(None), and the
broken loss stalls well above the fixed one's.

Dropped or changed because they did not behave as intended: a softmax output for multi-label tags
with binary cross-entropy, and a sigmoid output under BinaryCrossentropy(from_logits=True) (Keras 3
trains both through the logits: the loss was identical to the fixed run's); a linear output under
binary cross-entropy for those tags (it learned as well as the sigmoid); a 64-64 tanh MLP with
stddev-8 kernels (its random saturated signs still fed a learning readout, so it kept improving;
narrowed to a 64-32-8 funnel); the chaotic SimpleRNN under Adam (the gradients stayed ~1e9 but the
bounded steps let the loss keep creeping down: no stall, so the SGD version is kept); the 2-unit
survey model at Adam 3e-3 (still improving at the end; 1e-2).

Labels: `expected_causes[0]` is the root cause the scenario was built around; a second id only where
that symptom is really present too. `stall_begins` is the 0-based optimizer step (batches over the
whole run) from which the broken loss stops improving, None when it never improves from the start.
The NaN step of the zero-income run is exact (rows read in file order); every other step was read
off the per-step (Keras) or per-epoch (custom loop) loss and is marked approximate beside its
scenario.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('statisticians', 'economists', 'accountants', 'solicitors')

REGISTRY = []

holdout144 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data: each family's trade, generated from seeds 14400..14499


def _survey(n, seed, dim=8):
    """Standardized survey answers and a smooth nonlinear response (no noise added yet)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, dim))
    signal = (np.sin(1.5 * x[:, 0]) + 0.5 * x[:, 1] * x[:, 2] + 0.3 * x[:, 3] ** 2
              - 0.4 * np.abs(x[:, 4]))
    return x.astype("float32"), signal, rng


def _indicator(n, seed, length=20, noise=0.5):
    """Windows of an AR(2) business-cycle indicator and its next value (standardized)."""
    rng = np.random.default_rng(seed)
    total = n + length + 200
    s = np.zeros(total)
    shocks = rng.normal(0.0, noise, size=total)
    for t in range(2, total):
        s[t] = 1.3 * s[t - 1] - 0.5 * s[t - 2] + shocks[t]
    s = s[200:] / s[200:].std()
    index = np.arange(n)[:, None] + np.arange(length)[None, :]
    x = s[index][..., None].astype("float32")
    y = s[np.arange(n) + length].astype("float32")
    order = rng.permutation(n)
    return x[order], y[order]


def _regimes(n, seed, length=32, flip=0.1):
    """Monthly indicator windows labelled expansion (1) or contraction (0), 10% mislabelled."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, size=n)
    t = np.arange(length) / length
    slope = np.where(y == 1, 1.0, -1.0) * rng.uniform(0.3, 1.2, size=n)
    season = np.sin(2 * np.pi * (t[None, :] * 3 + rng.uniform(size=(n, 1))))
    x = slope[:, None] * t[None, :] + 0.5 * season + rng.normal(0, 0.4, size=(n, length))
    noisy = np.where(rng.uniform(size=n) < flip, 1 - y, y)
    return x[..., None].astype("float32"), noisy.astype("int32")


def _ledger(n, seed, positive_rate=None):
    """Invoice columns in their natural units and a late-payment label.

    Columns: amount ($, log-normal), line items, days outstanding, vendor age (years), discount
    rate, prior late payments. Returns (raw columns, label, standardized-log columns)."""
    rng = np.random.default_rng(seed)
    amount = rng.lognormal(8.5, 1.4, size=n)
    lines = rng.poisson(6, size=n) + 1.0
    days = rng.uniform(0, 120, size=n)
    vendor_age = rng.uniform(0, 30, size=n)
    discount = rng.uniform(0, 0.1, size=n)
    prior = rng.poisson(1.0, size=n).astype(float)
    raw = np.stack([amount, lines, days, vendor_age, discount, prior], axis=1)
    clean = raw.copy()
    clean[:, 0] = np.log(amount)
    clean = _standardize(clean)
    score = (1.2 * clean[:, 0] * clean[:, 2] + np.sin(2 * clean[:, 3]) + 0.8 * clean[:, 5]
             - 0.6 * clean[:, 4] + 0.5 * clean[:, 1] ** 2 + rng.normal(0, 0.3, size=n))
    cut = np.median(score) if positive_rate is None else np.quantile(score, 1 - positive_rate)
    y = (score > cut).astype("int32")
    return raw.astype("float32"), y, clean


def _stamps(n, seed, size=12):
    """Scanned approval stamps: a horizontal bar, a vertical bar or a diagonal, on noise."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, size=n)
    x = rng.normal(0, 0.3, size=(n, size, size))
    for i in range(n):
        a = rng.integers(2, size - 2)
        b = rng.integers(0, 4)
        if y[i] == 0:
            x[i, a, b : b + 8] += 1.0
        elif y[i] == 1:
            x[i, b : b + 8, a] += 1.0
        else:
            k = np.arange(8)
            x[i, b + k, (a + k) % size] += 1.0
    return x[..., None].astype("float32"), y.astype("int32")


def _briefs(n, seed, length=24, vocab=300, classes=3, cues=3, flip=0.0):
    """Token ids of short case summaries; each class (practice area) has 8 cue words, and every
    summary holds `cues` of its class's cue words among common words. Optional label noise."""
    rng = np.random.default_rng(seed)
    tokens = rng.integers(1 + classes * 8, vocab, size=(n, length))
    y = rng.integers(0, classes, size=n)
    for i in range(n):
        where = rng.choice(length, cues, replace=False)
        tokens[i, where] = 1 + y[i] * 8 + rng.integers(0, 8, size=cues)
    noisy = np.where(rng.uniform(size=n) < flip, rng.integers(0, classes, size=n), y)
    return tokens.astype("int32"), noisy.astype("int32")


def _clauses(n, seed, vocab=120, tags=8, words=40):
    """Bag-of-words (term frequencies) of contract clauses and their multi-hot tags: each clause
    carries 1-3 tags, each tag has 5 cue words."""
    rng = np.random.default_rng(seed)
    x = np.zeros((n, vocab))
    y = np.zeros((n, tags))
    for i in range(n):
        active = rng.choice(tags, rng.integers(1, 4), replace=False)
        y[i, active] = 1.0
        for tag in active:
            x[i, tag * 5 + rng.integers(0, 5, size=4)] += 1.0
        np.add.at(x[i], rng.integers(tags * 5, vocab, size=words), 1.0)
    x = x / x.sum(axis=1, keepdims=True) * 10.0
    return x.astype("float32"), y.astype("float32")


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, class_weight=None,
                callbacks=()):
    """model.fit for a multi-input model: every input array is split like `_fit` splits one
    (the last PROBE_SIZE rows are the probe). Returns the per-epoch mean training loss."""
    train = [a[:-PROBE_SIZE] for a in inputs]
    probe = ([a[-PROBE_SIZE:] for a in inputs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        class_weight=class_weight, verbose=0,
                        callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# statisticians: survey responses, incomes, polls


@holdout144("statisticians", healthy=True)
def huber_heavy_tailed_survey(session):
    """Statisticians regress a survey score on 8 standardized answers; the response carries
    Student-t (2 degrees of freedom) noise, so a few answers are wild. A 64-32 relu MLP fitted
    with the Huber loss and Adam 2e-3 for 20 epochs: the loss falls quickly, then keeps easing
    down slowly, far above zero because of the wild answers."""
    keras = _keras()
    x, signal, rng = _survey(N, seed=14401)
    y = (signal + 0.5 * rng.standard_t(2, size=N)).astype("float32")
    model = _mlp(keras, 8, [64, 32], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(1.0))
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout144("statisticians", healthy=True)
def quantile_regression_loop(session):
    """A custom GradientTape loop fitting the 90th percentile of a household-spending response
    whose spread grows with the first answer (heteroscedastic noise), with the pinball loss: a
    2x32 relu MLP, Adam 3e-3, 15 epochs. The pinball loss cannot reach zero; it settles at the
    noise's quantile risk."""
    import tensorflow as tf

    keras = _keras()
    x, signal, rng = _survey(N, seed=14402)
    y = (signal + (0.3 + np.abs(x[:, 0])) * rng.normal(size=N)).astype("float32")[:, None]
    model = _mlp(keras, 8, [32, 32], 1, out_activation=None)

    def pinball(targets, predictions, q=0.9):
        error = targets - predictions
        return tf.reduce_mean(tf.maximum(q * error, (q - 1.0) * error))

    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), pinball, x, y,
                        epochs=15, batch_size=32, seed=14402,
                        loss_description="pinball loss, q=0.9")


@holdout144("statisticians", healthy=True)
def noisy_poll_reduce_on_plateau(session):
    """A poll's yes/no answers predicted from 8 demographics, with 20% of the recorded answers
    wrong (interviewer error). A 32-unit relu MLP, SGD 0.05 with momentum 0.9 and
    ReduceLROnPlateau on the training loss (factor 0.5, patience 2), batch 64, 25 epochs: the
    loss eases down slowly towards the label noise's entropy (~0.5) and stays far above zero."""
    keras = _keras()
    x, signal, rng = _survey(N, seed=14403)
    y = (signal > np.median(signal)).astype("int32")
    y = np.where(rng.uniform(size=N) < 0.2, 1 - y, y).astype("float32")
    model = _mlp(keras, 8, [32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "binary_crossentropy")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=2)
    return _fit(session, model, x, y, epochs=25, batch_size=64, callbacks=[plateau])


def _deep_sigmoid_poll(session, broken):
    keras = _keras()
    x, signal, _ = _survey(N, seed=14404)
    y = (signal > np.median(signal)).astype("int32")
    activation = "sigmoid" if broken else "relu"
    model = _mlp(keras, 8, [32] * 14, 2, activation=activation)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout144("statisticians", ["vanishing_gradients"])  # level at ln 2 from the first steps
def deep_sigmoid_poll(session):
    """A poll's yes/no answer from 8 demographics through a 14-layer, 32-unit MLP written with
    sigmoid hidden layers (as in an old textbook), SGD 0.05 with momentum, 12 epochs. Each
    sigmoid layer passes back at most a quarter of the gradient, so the lower layers never
    learn and the loss sits at ln 2; the same stack with relu learns."""
    return _deep_sigmoid_poll(session, broken=True)


def _bottleneck_survey(session, broken):
    keras = _keras()
    x, signal, rng = _survey(N, seed=14405)
    y = (signal + 0.1 * rng.normal(size=N)).astype("float32")
    hidden = [2] if broken else [64, 64]
    model = _mlp(keras, 8, hidden, 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-2), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


# The loss falls for about seven epochs, then moves by ~1% an epoch: approximate.
@holdout144("statisticians", ["insufficient_capacity"], stall_begins=224)
def two_unit_survey_model(session):
    """A survey score that depends on interactions and curvature in 8 answers, regressed with
    MSE by an MLP whose single hidden layer has 2 units (the argument meant the number of
    layers), Adam 1e-2, 15 epochs. Two relu units capture the trend and nothing more: the loss
    levels off far above the small noise the 64-64 model gets down to."""
    return _bottleneck_survey(session, broken=True)


ZERO_INCOME_ROW = 300  # read in file order, batch 32: the 0-based step 300 // 32 = 9


def _log_income(session, broken):
    keras = _keras()
    x, signal, rng = _survey(N, seed=14406)
    income = np.exp(10.5 + 0.5 * signal + 0.3 * rng.normal(size=N))
    if broken:
        income[ZERO_INCOME_ROW : ZERO_INCOME_ROW + 2] = 0.0  # two unemployed respondents
    else:
        income = np.maximum(income, 1.0)
    with np.errstate(divide="ignore"):
        y = (np.log(income) - 10.5).astype("float32")
    model = _mlp(keras, 8, [32, 32], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=6, batch_size=32, shuffle=False)


@holdout144("statisticians", ["non_finite_values"], stall_begins=ZERO_INCOME_ROW // 32)
def log_of_zero_income(session):
    """Log household income regressed on 8 survey answers; two respondents report an income of
    0, and np.log turns it into -inf in the targets. Read in file order (no shuffle), batch 32,
    Adam 1e-3: the batch holding them makes the loss infinite, the weights turn NaN, and the
    remaining steps of the 6 epochs log NaN."""
    return _log_income(session, broken=True)


# ---------------------------------------------------------------------------------------------
# economists: indicators, demand, business cycles


@holdout144("economists", healthy=True)
def indicator_forecast_warmup_cosine(session):
    """Economists forecast next month's value of a noisy AR(2) business-cycle indicator from
    the last 20 months with a 16-unit GRU; Adam under a linear warm-up (60 steps, to 3e-3) then
    cosine decay, 12 epochs. The shocks are unpredictable, so the MSE flattens at about the
    shock variance, and the decaying rate makes the end of the curve very flat."""
    keras = _keras()
    x, y = _indicator(N, seed=14411)
    steps = 12 * (1024 // 32)
    schedule = keras.optimizers.schedules.CosineDecay(
        1e-4, decay_steps=steps - 60, warmup_target=3e-3, warmup_steps=60)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(16),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(schedule), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout144("economists", healthy=True)
def poisson_shop_visits(session):
    """Weekly visits to a shop (counts) predicted from 8 local-economy indicators with a Poisson
    regression MLP (2x32 relu, exponential output, Poisson loss), Adam 2e-3, 15 epochs. Keras's
    Poisson loss leaves out the log(y!) term, so it runs negative; it keeps easing down towards
    the floor the counts' own randomness sets."""
    keras = _keras()
    x, signal, rng = _survey(N, seed=14412)
    y = rng.poisson(np.exp(1.0 + 0.5 * signal)).astype("float32")
    model = _mlp(keras, 8, [32, 32], 1, out_activation="exponential")
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout144("economists", healthy=True)
def regime_conv1d_piecewise(session):
    """Expansion or contraction read from 32 months of an indicator by a small Conv1D net
    (16 and 16 filters, global pooling), with 10% of the historical labels disputed (wrong).
    Adam under PiecewiseConstantDecay (3e-3, 1e-3 after step 200, 3e-4 after step 400), 20
    epochs: the loss drops within two epochs and then flattens far above zero, at the floor
    the disputed labels set, edging down a little as the rate is cut."""
    keras = _keras()
    x, y = _regimes(N, seed=14413)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([200, 400], [3e-3, 1e-3, 3e-4])
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 3, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(2, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _chaotic_rnn(session, broken):
    keras = _keras()
    x, y = _indicator(N, seed=14414, length=40)
    if broken:
        recurrent = keras.initializers.RandomNormal(stddev=1.0, seed=14414)
    else:
        recurrent = keras.initializers.Orthogonal(seed=14414)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.SimpleRNN(32, recurrent_initializer=recurrent),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# The output layer's bias settles over the first two epochs, then the loss is level: approximate.
@holdout144("economists", ["exploding_gradients", "saturated_activations"], stall_begins=64)
def rnn_recurrent_stddev_one(session):
    """An indicator forecast from 40 months with a 32-unit tanh SimpleRNN whose recurrent
    kernel was initialized RandomNormal(stddev=1.0) (the orthogonal default replaced by a
    copied line), SGD 0.01 with momentum, no clipping, 10 epochs. The recurrence is chaotic and
    the first gradients through 40 steps are of order 1e8: the first updates throw the weights
    so far that every tanh unit is then pinned at +-1 for good, and the loss levels off well
    above what the orthogonal default reaches (a second, consequent cause is listed)."""
    return _chaotic_rnn(session, broken=True)


def _conv1d_forecast(session, broken):
    keras = _keras()
    x, y = _indicator(N, seed=14415, length=24)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 4, activation="relu"),
        keras.layers.Conv1D(16, 4, activation="relu"),
        keras.layers.Flatten(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(0.5 if broken else 1e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# Down from its first huge values by ~step 48, then bouncing: approximate.
@holdout144("economists", ["learning_rate_too_high"], stall_begins=48)
def adam_with_sgd_rate(session):
    """The indicator forecast with a small Conv1D net, trained with Adam at 0.5: the rate was
    copied from an SGD recipe. The first updates throw the weights far off, and the MSE bounces
    at or above the indicator's variance for the whole 10 epochs, where Adam 1e-3 learns."""
    return _conv1d_forecast(session, broken=True)


def _heavy_l2_lstm(session, broken):
    keras = _keras()
    x, y = _indicator(N, seed=14416, length=20)
    strength = 1.0 if broken else 1e-4
    l2 = keras.regularizers.L2(strength)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.LSTM(16, kernel_regularizer=l2, recurrent_regularizer=l2),
        keras.layers.Dense(1, kernel_regularizer=l2),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# Falls for five epochs as the penalty shrinks the weights, then level: approximate.
@holdout144("economists", ["over_regularization"], stall_begins=160)
def lstm_l2_one(session):
    """The indicator forecast with a 16-unit LSTM whose kernels, recurrent kernels and output
    kernel carry L2(1.0) (the paper's 1e-4 lost its exponent), Adam 3e-3, 10 epochs. The
    penalty pins the weights near zero and the forecast near the mean: the loss flattens near
    the indicator's variance, where L2(1e-4) reaches the shock floor."""
    return _heavy_l2_lstm(session, broken=True)


# ---------------------------------------------------------------------------------------------
# accountants: invoices, ledgers, fraud


@holdout144("accountants", healthy=True)
def rare_fraud_class_weight(session):
    """Accountants flag the 3% of invoices later found fraudulent, from 6 standardized invoice
    columns, with a 32-16 relu MLP and class_weight {0: 1, 1: 15}, Adam 1e-3, batch 64, 15
    epochs. The weighted loss falls slowly and steadily and is still falling at the end, far
    above zero: the rare class is noisy and overlaps the rest."""
    keras = _keras()
    _, y, clean = _ledger(N, seed=14421, positive_rate=0.03)
    model = _mlp(keras, 6, [32, 16], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    probe = (clean[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(clean[:-PROBE_SIZE], y[:-PROBE_SIZE], epochs=15, batch_size=64, verbose=0,
                        class_weight={0: 1.0, 1: 15.0}, callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout144("accountants", healthy=True)
def vendor_embedding_two_inputs(session):
    """Next quarter's spend with each vendor (log dollars) from two inputs: 4 standardized
    account figures and the vendor's id (60 vendors) through an 8-dimensional embedding,
    concatenated into a 32-unit relu layer; Adam 3e-3, 15 epochs. Each vendor has its own level
    plus noise that nothing predicts, so the MSE flattens at the noise variance once the
    embedding has learned the levels."""
    keras = _keras()
    rng = np.random.default_rng(14422)
    vendor = rng.integers(0, 60, size=N).astype("int32")
    level = rng.normal(0, 1.0, size=60)
    figures = rng.normal(size=(N, 4)).astype("float32")
    y = (level[vendor] + 0.6 * figures[:, 0] - 0.4 * np.tanh(figures[:, 1] * figures[:, 2])
         + 0.5 * rng.normal(size=N)).astype("float32")
    numbers = keras.Input((4,))
    ids = keras.Input((1,), dtype="int32")
    embedded = keras.layers.Flatten()(keras.layers.Embedding(60, 8)(ids))
    hidden = keras.layers.Dense(32, activation="relu")(
        keras.layers.Concatenate()([numbers, embedded]))
    model = keras.Model([numbers, ids], keras.layers.Dense(1)(hidden))
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit_inputs(session, model, [figures, vendor[:, None]], y, epochs=15, batch_size=32)


@holdout144("accountants", healthy=True)
def small_ledger_overfits(session):
    """An audit sample of only 160 invoices (plus the probe) labelled late or not, fitted by a
    128-128 relu MLP with Adam 3e-3, batch 16, 40 epochs. With so few rows the network
    memorises them: the training loss keeps falling towards zero long after it stopped
    generalising (that is the data's size, not a bug)."""
    keras = _keras()
    _, y, clean = _ledger(160 + PROBE_SIZE, seed=14423)
    model = _mlp(keras, 6, [128, 128], 2)
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, clean, y, epochs=40, batch_size=16)


def _raw_invoice_columns(session, broken):
    keras = _keras()
    raw, y, clean = _ledger(N, seed=14424)
    x = raw if broken else clean
    model = _mlp(keras, 6, [64, 64], 2)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# The loss drops from its huge first values in ~4 chunks of 16 steps, then bounces: approximate.
@holdout144("accountants", ["unnormalized_inputs"], stall_begins=64)
def raw_invoice_columns(session):
    """Late payment predicted from invoice columns fed as stored: amounts in dollars (hundreds
    to millions), line counts, days, years, a discount rate of a few hundredths. A 64-64 relu
    MLP, Adam 1e-3, 12 epochs: the dollar column swamps every unit, and the loss bounces between
    about 20 and 90 (never NaN) where the standardized (log-amount) columns learn."""
    return _raw_invoice_columns(session, broken=True)


def _wide_init_tanh(session, broken):
    keras = _keras()
    _, y, clean = _ledger(N, seed=14425)
    if broken:
        init = keras.initializers.RandomNormal(stddev=8.0, seed=14425)
    else:
        init = keras.initializers.GlorotUniform(seed=14425)
    model = _mlp(keras, 6, [64, 32, 8], 2, activation="tanh", out_activation=None,
                 kernel_initializer=init)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), loss, clean, y,
                        epochs=12, batch_size=32, seed=14425)


# Read off the epoch losses (custom loop): improving by <2% an epoch from epoch 5, approximate.
@holdout144("accountants", ["saturated_activations"], stall_begins=128)
def tanh_pinned_by_wide_weights(session):
    """A custom GradientTape loop classifying late invoices from standardized columns with a
    64-32-8 tanh MLP whose kernels were drawn RandomNormal(stddev=8.0) (a variance read as a
    standard deviation, and then some), Adam 3e-3, 12 epochs. Pre-activations run to tens, so
    nearly every tanh unit sits at +-1 with a derivative of ~0; the 8-unit layer hands the
    output a few frozen signs, and the loss levels off near 0.61 where Glorot-initialized
    units go on down below 0.3."""
    return _wide_init_tanh(session, broken=True)


def _zero_init_stamps(session, broken):
    keras = _keras()
    x, y = _stamps(768 + PROBE_SIZE, seed=14426)
    init = "zeros" if broken else "he_normal"
    conv = dict(activation="relu", padding="same", kernel_initializer=init)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, **conv),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, **conv),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(16, activation="relu", kernel_initializer=init),
        keras.layers.Dense(3, activation="softmax", kernel_initializer=init),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout144("accountants", ["poor_initialization"])
def zero_init_stamp_reader(session):
    """Scanned approval stamps (horizontal, vertical or diagonal bar) read by a small relu CNN
    whose every kernel was initialized to zeros "to start neutral", Adam 2e-3, 10 epochs. All
    activations are 0 and every kernel's gradient is 0: only the output bias learns, and the
    loss sits at the class-prior entropy from the first step, where He-initialized kernels
    learn the task."""
    return _zero_init_stamps(session, broken=True)


# ---------------------------------------------------------------------------------------------
# solicitors: case summaries, clauses, briefs


@holdout144("solicitors", healthy=True)
def attention_case_triage(session):
    """Solicitors triage case summaries (24 tokens) into 3 practice areas; 15% of the archived
    labels were filed under a random area. Embedding(300, 16), a 2-head self-attention block
    with a residual connection, global pooling and a softmax; Adam 2e-3, 10 epochs. The loss
    falls fast, then keeps falling below the misfiled labels' floor as the model starts to
    memorise them (small data)."""
    keras = _keras()
    x, y = _briefs(N, seed=14431, flip=0.15)
    tokens = keras.Input((x.shape[1],), dtype="int32")
    h = keras.layers.Embedding(300, 16)(tokens)
    attended = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.LayerNormalization()(h + attended)
    h = keras.layers.GlobalAveragePooling1D()(h)
    model = keras.Model(tokens, keras.layers.Dense(3, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout144("solicitors", healthy=True)
def lstm_who_filed_first(session):
    """Which party filed first: a summary of 20 tokens mentions the claimant's marker and the
    respondent's marker at random places, and the label is whether the claimant's comes first.
    An Embedding(50, 8) and a 16-unit LSTM, Adam 2e-3, 12 epochs: order has to be learned; the
    loss starts near ln 2, falls steeply in the second and third epochs and ends close to zero
    with small bumps."""
    keras = _keras()
    rng = np.random.default_rng(14432)
    x = rng.integers(3, 50, size=(N, 20))
    first = np.array([rng.choice(20, 2, replace=False) for _ in range(N)])
    x[np.arange(N), first[:, 0]] = 1
    x[np.arange(N), first[:, 1]] = 2
    y = (first[:, 0] < first[:, 1]).astype("int32")
    model = keras.Sequential([
        keras.Input((20,), dtype="int32"),
        keras.layers.Embedding(50, 8),
        keras.layers.LSTM(16),
        keras.layers.Dense(2, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x.astype("int32"), y, epochs=12, batch_size=32)


@holdout144("solicitors", healthy=True)
def label_smoothing_loop(session):
    """A custom GradientTape loop classifying case summaries into 4 practice areas with a
    bag-of-embeddings model (Embedding(300, 16), mean pooling, 32 relu units) and categorical
    cross-entropy with label smoothing 0.2, Adam 3e-3, 12 epochs. Smoothed targets have their
    own entropy, so the loss flattens well above zero even when every case is classified
    right."""
    keras = _keras()
    x, y = _briefs(N, seed=14433, classes=4)
    one_hot = np.eye(4, dtype="float32")[y]
    model = keras.Sequential([
        keras.Input((x.shape[1],), dtype="int32"),
        keras.layers.Embedding(300, 16),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    loss = keras.losses.CategoricalCrossentropy(label_smoothing=0.2)
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), loss, x, one_hot,
                        epochs=12, batch_size=32, seed=14433)


def _embedding_bag(session, broken):
    keras = _keras()
    x, y = _briefs(N, seed=14434)
    model = keras.Sequential([
        keras.Input((x.shape[1],), dtype="int32"),
        keras.layers.Embedding(300, 16),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-6 if broken else 3e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout144("solicitors", ["learning_rate_too_low"])
def fine_tuning_rate_from_scratch(session):
    """Case summaries into 3 practice areas with a bag-of-embeddings classifier trained from
    scratch at Adam 1e-6, a rate copied from a recipe for fine-tuning a pretrained model; 10
    epochs. The weights move by millionths: the loss sits at ln 3, where Adam 3e-3 learns."""
    return _embedding_bag(session, broken=True)


def _conv1d_text(session, broken):
    keras = _keras()
    x, y = _briefs(N, seed=14435)
    bias = keras.initializers.Constant(-1.0 if broken else 0.0)
    model = keras.Sequential([
        keras.Input((x.shape[1],), dtype="int32"),
        keras.layers.Embedding(300, 16),
        keras.layers.Conv1D(32, 3, activation="relu", bias_initializer=bias),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout144("solicitors", ["dead_relus"])
def conv_text_negative_bias(session):
    """Case summaries into 3 areas with Embedding(300, 16), a relu Conv1D (32 filters, width 3)
    and global max pooling, the filters' biases initialized to -1.0 (copied from a gating
    recipe). The embeddings are ~0.05 in size, so every filter's input is far below 0 for every
    summary: no filter fires, nothing flows back, and the loss sits at ln 3 over 10 epochs of
    Adam 1e-3; with zero biases it learns."""
    return _conv1d_text(session, broken=True)


def _recovery_percent(session, broken):
    keras = _keras()
    x, area = _briefs(N, seed=14436)
    rng = np.random.default_rng(14437)
    percent = np.clip(35.0 + 20.0 * area + 8.0 * rng.normal(size=N), 0, 100).astype("float32")
    model = keras.Sequential([
        keras.Input((x.shape[1],), dtype="int32"),
        keras.layers.Embedding(300, 16),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid" if broken else None),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, percent, epochs=10, batch_size=32)


# The sigmoid reaches 1 within the first epoch; the loss moves by ~1% in all: from the start.
@holdout144("solicitors", ["loss_activation_mismatch"])
def sigmoid_for_recovery_percent(session):
    """The share of a claim recovered at settlement, stored in percent (0-100), predicted from
    the case summary by a bag-of-embeddings regressor with MSE, Adam 3e-3, 10 epochs; its
    output keeps the sigmoid written when the target was a fraction. A sigmoid cannot exceed 1,
    so the loss stays in the thousands from the start, where a linear output falls below 100."""
    return _recovery_percent(session, broken=True)
