"""The hundred-and-sixty-fourth held-out catalogue: written by someone who did not read the engine
or run the diagnosis on these runs, and scored once.

Twenty-four small trainings in four families, each with a trade's story: vicars (a parish's
registers), deacons (alms, the poor box and the pantry), troubadours (tunes, refrains and
lutes) and jousters (shields, lances and tilts). Every family has three healthy and three
broken runs; all data is synthetic, from numpy generators seeded 16401..16437, 1,024 training
rows (192 for the small-data run) plus the PROBE_SIZE probe rows at the end.

Healthy half (12): correct models trained correctly, whose loss flattens above zero or moves
in an unusual way because of the data or the schedule. Vicars: Sunday attendance regressed
with the Huber loss through Student-t outliers (levels off at the noise floor); wedding
counts with an exponential output and the Poisson loss (the loss goes negative, as Keras's
Poisson loss does, and settles at the count noise); rare (about 6%) late baptisms with a
sigmoid, binary cross-entropy and class_weight. Deacons: four kinds of alms with a quarter
of the labels replaced at random, under a PiecewiseConstantDecay schedule (a notch at each
boundary, then level at the label noise); a custom GradientTape loop on the pinball loss
(q = 0.9) for heteroscedastic takings; a two-input model (family embedding beside numeric
columns) with week-to-week noise. Troubadours: a GRU on noisy tunes under linear warm-up and
cosine decay (flat for ~150 steps, then learns, then levels off as the rate anneals); a small
MultiHeadAttention model with misheard labels; a Conv1D net on very noisy lute sounds with
ReduceLROnPlateau. Jousters: a CNN on only 192 shields that memorizes them (loss towards
zero); a tanh MLP on plain SGD 0.02 that is slow and still improving at the end; an XOR of
two signs learned by a small-initialized tanh MLP, which sits at log 2 for ~200 steps and then
drops suddenly (a real symmetry-breaking plateau, not a stall).

Broken half (12), one per cause, each trained beside its fixed version in a throwaway script
with Session(None) and kept only when the broken loss stalls well above the fixed one's:
poor_initialization (kernel_initializer='ones': identical tanh units), vanishing_gradients
(a 14-layer sigmoid MLP; the fixed one is relu/He), non_finite_values (log of a zero
population read in file order; a tanh MLP so the NaN reaches the loss and stays),
loss_activation_mismatch (shillings through a sigmoid output), over_regularization (a
scikit-learn Lasso alpha of 0.3 as keras L1 on every kernel, custom loop), dead_relus (hidden
biases of -1 after small embeddings), learning_rate_too_low (RMSprop 1e-6 on a GRU),
saturated_activations (tanh Conv1D layers with bias 6), exploding_gradients (a tanh
SimpleRNN over 40 steps with recurrent Orthogonal gain 3: gradients ~1e5 at the start, the
first updates throw the weights out and the loss stalls high; finite throughout),
learning_rate_too_high (RMSprop at an SGD rate of 0.1 on a CNN), unnormalized_inputs (raw
grams and mm/s into an MLP) and insufficient_capacity (a linear baseline on a nonlinear
target).

Dropped or changed because they did not behave as intended: a single-filter CNN for
insufficient capacity (it kept improving slowly, with global max or average pooling, so it
was replaced by the linear baseline); sigmoid Conv1D layers for saturation (the fixed sigmoid
net did not learn the task in budget, so both versions are tanh); a relu MLP reading
log(0) (relu turned the NaN to 0 and the loss stayed finite, so the model is tanh); a
relu SimpleRNN with recurrent gain 1.5 (NaN from the first step) and the tanh RNN's fix by
clipnorm alone (still poor at gain 3, so the fixed run uses the default gain of 1).

Labels: `expected_causes` holds one cause, the root mistake. `stall_begins` is the 0-based
optimizer step (count of batches over the whole run) from which the broken loss stops
improving, or None when it never improves from the start. The non-finite run's step is exact
(the batch holding the zero rows, read in file order); the ones marked "approximate" were read
off the per-step loss of a Session(None) run, to about 20 steps: the ones-initialized MLP
(60), the L1 custom loop (160, after the penalty has fallen), the raw-units MLP (140, after
the loss falls from thousands), the gain-3 RNN (40) and the linear baseline (120). The
too-high RMSprop run is labelled None: its loss jumps up in the first steps and only comes
back to the constant-guess level, never below it.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('vicars', 'deacons', 'troubadours', 'jousters')

REGISTRY = []
holdout164 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE  # 1,024 training rows (32 steps an epoch at batch 32) and the probe


# ---------------------------------------------------------------------------------------------
# data: one generator per trade, every one from its own fixed seed


def _parish_table(n, seed):
    """Six standardized parish columns (population, distance to town, feast days, rain, the
    vicar's tenure, the tithe rate) and a smooth nonlinear 'Sunday attendance' score."""
    r = np.random.default_rng(seed)
    z = r.normal(0.0, 1.0, size=(n, 6))
    score = (1.2 * z[:, 0] - 0.8 * np.tanh(z[:, 1]) + 0.6 * z[:, 2] * z[:, 3]
             + 0.5 * np.sin(1.5 * z[:, 4]) - 0.4 * z[:, 5] ** 2 + 0.4)
    return z.astype("float32"), score.astype("float32")


def _alms_table(n, seed, classes=4):
    """Eight standardized household columns and the kind of alms the deacon hands out (a class
    decided by a few noisy, partly nonlinear scores)."""
    r = np.random.default_rng(seed)
    z = r.normal(0.0, 1.0, size=(n, 8))
    w = r.normal(0.0, 1.0, size=(8, classes))
    logits = z @ w + 0.8 * np.sin(2.0 * z[:, :classes]) + 0.6 * (z[:, 4:5] * z[:, 5:6])
    y = np.argmax(logits + r.gumbel(0.0, 0.3, size=logits.shape), axis=1)
    return z.astype("float32"), y.astype("int32")


def _songs(n, seed, length=32, modes=4, noise=0.6):
    """A troubadour's tunes as pitch sequences: each mode is a different pair of frequencies
    (the melody and its drone) with a random phase, sung out of tune (Gaussian noise)."""
    r = np.random.default_rng(seed)
    y = r.integers(0, modes, size=n)
    t = np.arange(length)[None, :]
    f1 = (0.12 + 0.07 * y)[:, None]
    f2 = (0.31 - 0.05 * y)[:, None]
    phase = r.uniform(0.0, 2 * np.pi, size=(n, 1))
    x = np.sin(2 * np.pi * f1 * t + phase) + 0.5 * np.sin(2 * np.pi * f2 * t + 2 * phase)
    x = x + r.normal(0.0, noise, size=x.shape)
    return x[..., None].astype("float32"), y.astype("int32")


def _crests(n, seed, size=12, noise=0.5):
    """Jousters' shields seen from the stands: 12x12 grey images of four heraldic patterns
    (pale, fess, bend, saltire) at a random offset and contrast, with noise."""
    r = np.random.default_rng(seed)
    y = r.integers(0, 4, size=n)
    i, j = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
    x = np.empty((n, size, size), dtype="float64")
    for k in range(n):
        o = r.integers(-2, 3)
        if y[k] == 0:
            img = np.abs(j - size // 2 - o) <= 1
        elif y[k] == 1:
            img = np.abs(i - size // 2 - o) <= 1
        elif y[k] == 2:
            img = np.abs(i - j - o) <= 1
        else:
            img = (np.abs(i - j - o) <= 0) | (np.abs(i + j - size + 1 - o) <= 0)
        x[k] = img * r.uniform(0.6, 1.4)
    x = x + r.normal(0.0, noise, size=x.shape)
    return x[..., None].astype("float32"), y.astype("int32")


def _tilts(n, seed):
    """A tilt's measurements, standardized: lance speed, horse speed, lance angle, rider mass,
    armour mass, wind; and a smooth score of how hard the lance struck."""
    r = np.random.default_rng(seed)
    z = r.normal(0.0, 1.0, size=(n, 6))
    y = (0.9 * z[:, 0] * (1.0 + 0.3 * z[:, 1]) + 0.7 * np.cos(1.3 * z[:, 2])
         - 0.5 * z[:, 3] * z[:, 4] + 0.3 * z[:, 5])
    return z.astype("float32"), y.astype("float32")


def _fit_more(session, model, x, y, *, epochs, batch_size, shuffle=True, callbacks=(), **fit_kw):
    """Like `_fit`, for a model with several inputs (x a list) or extra fit arguments
    (class_weight); the last PROBE_SIZE rows are the probe. Returns the per-epoch loss."""
    xs = x if isinstance(x, list) else [x]
    train = [a[:-PROBE_SIZE] for a in xs]
    probe = [a[-PROBE_SIZE:] for a in xs]
    if not isinstance(x, list):
        train, probe = train[0], probe[0]
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        shuffle=shuffle, verbose=0,
                        callbacks=list(callbacks) + session.callbacks((probe, y[-PROBE_SIZE:])),
                        **fit_kw)
    return history.history["loss"]


# =============================================================================================
# vicars: a parish's registers


@holdout164("vicars", healthy=True)
def attendance_huber_heavy_tails(session):
    """A vicar regresses Sunday attendance from six parish columns; weddings, funerals and
    feast days add heavy-tailed outliers (Student-t noise, 2 degrees of freedom), so he trains
    a 64-32 relu MLP with the Huber loss and Adam 2e-3 for 20 epochs. The loss falls quickly
    and then levels off well above zero, at the noise floor."""
    keras = _keras()
    x, score = _parish_table(N, seed=16401)
    noise = np.random.default_rng(16402).standard_t(2.0, size=N) * 0.7
    y = (score + noise).astype("float32")
    model = _mlp(keras, 6, [64, 32], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(delta=1.0))
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout164("vicars", healthy=True)
def weddings_poisson_counts(session):
    """Weddings per parish per season are counts (0 to ~15) whose rate is log-linear in the
    parish columns; an MLP with an exponential output trained with the Poisson loss and Adam
    2e-3 for 20 epochs. The loss settles at the Poisson noise floor, far above zero."""
    keras = _keras()
    x, score = _parish_table(N, seed=16403)
    rate = np.exp(0.6 + 0.45 * np.clip(score, -3.0, 3.0))
    y = np.random.default_rng(16404).poisson(rate).astype("float32")
    model = _mlp(keras, 6, [32, 32], 1, out_activation="exponential")
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout164("vicars", healthy=True)
def rare_late_baptisms(session):
    """Which baptisms are registered late: about 6% of the entries, decided by a noisy
    logistic rule. A 32-16 relu MLP with a sigmoid output, binary cross-entropy and
    class_weight {0: 1, 1: 6} to balance the rare class, Adam 1e-3, 20 epochs. The weighted
    loss levels off well above zero because the rule itself is noisy."""
    keras = _keras()
    x, score = _parish_table(N, seed=16405)
    r = np.random.default_rng(16406)
    logit = 1.6 * score - 4.4 + r.logistic(0.0, 0.8, size=N)
    y = (logit > 0).astype("float32")
    model = _mlp(keras, 6, [32, 16], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_more(session, model, x, y, epochs=20, batch_size=32,
                     class_weight={0: 1.0, 1: 6.0})


def _tithe_ones_init(session, broken):
    keras = _keras()
    x, y = _parish_table(N, seed=16407)
    init = "ones" if broken else "glorot_uniform"
    model = _mlp(keras, 6, [64, 64], 1, activation="tanh", out_activation=None,
                 kernel_initializer=init)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout164("vicars", ["poor_initialization"], stall_begins=60)  # approximate
def tithe_ones_initializer(session):
    """A curate's tithe-forecasting MLP (two tanh layers of 64, MSE, Adam 1e-3) built with
    kernel_initializer='ones', which he took to mean 'unit variance': every hidden unit starts
    identical, receives identical gradients and stays identical, so the 128 units act as one
    and the loss stalls far above the randomly initialized model's."""
    return _tithe_ones_init(session, broken=True)


def _deep_sigmoid_ledger(session, broken):
    keras = _keras()
    x, y = _alms_table(N, seed=16408, classes=3)
    if broken:
        model = _mlp(keras, 8, [32] * 14, 3, activation="sigmoid")
    else:
        model = _mlp(keras, 8, [32] * 14, 3, activation="relu", kernel_initializer="he_normal")
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout164("vicars", ["vanishing_gradients"])
def deep_sigmoid_ledger(session):
    """Sorting ledger entries into three kinds with a 14-layer MLP of sigmoid units (32 each)
    copied from an old textbook figure, SGD 0.05 with momentum: the gradient shrinks at every
    sigmoid layer and the early layers never learn; the loss stays at the constant-guess
    level, where the same stack with relu and He init learns."""
    return _deep_sigmoid_ledger(session, broken=True)


LOG_ZERO_ROW = 640  # read in file order at batch 32: batch 20 (0-based) holds it


def _log_population(session, broken):
    keras = _keras()
    x, score = _parish_table(N, seed=16409)
    r = np.random.default_rng(16410)
    population = np.round(np.exp(5.0 + 0.8 * x[:, 0]))
    population[LOG_ZERO_ROW:LOG_ZERO_ROW + 2] = 0.0  # two abandoned parishes
    with np.errstate(divide="ignore"):
        log_pop = np.log(population) if broken else np.log1p(population)
    x = x.copy()
    x[:, 0] = (log_pop - 5.0) / 0.8
    y = (score + r.normal(0.0, 0.3, size=N)).astype("float32")
    model = _mlp(keras, 6, [64, 64], 1, activation="tanh", out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x.astype("float32"), y, epochs=8, batch_size=32, shuffle=False)


@holdout164("vicars", ["non_finite_values"], stall_begins=LOG_ZERO_ROW // 32)
def log_of_empty_parish(session):
    """Attendance regression where parish population enters as log(population), read in file
    order (shuffle=False); two abandoned parishes have population 0, so their feature is
    -inf. The loss falls for 20 steps; the batch holding them turns the weights NaN and the
    loss is NaN for the rest of the 8 epochs (log1p would have been finite)."""
    return _log_population(session, broken=True)


# =============================================================================================
# deacons: alms, the poor box and the pantry


@holdout164("deacons", healthy=True)
def alms_noisy_labels_step_decay(session):
    """Which of four kinds of alms a household received, from eight columns, where a quarter
    of the register's labels were written carelessly (replaced by a random kind). A 64-64 relu
    MLP, Adam with PiecewiseConstantDecay (3e-3, 1e-3 after step 200, 3e-4 after step 450),
    20 epochs: the loss drops a notch at each boundary and levels off high, at the label
    noise."""
    keras = _keras()
    x, y = _alms_table(N, seed=16411)
    r = np.random.default_rng(16412)
    flip = r.random(N) < 0.25
    y = np.where(flip, r.integers(0, 4, size=N), y).astype("int32")
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([200, 450], [3e-3, 1e-3, 3e-4])
    model = _mlp(keras, 8, [64, 64], 4)
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout164("deacons", healthy=True)
def poor_box_quantile_loop(session):
    """Custom GradientTape loop: the deacon plans for the 90th percentile of the poor box's
    weekly takings, whose spread grows with the parish's wealth (heteroscedastic noise). A
    64-64 relu MLP trained on the pinball loss (q = 0.9) with Adam 2e-3 for 20 epochs: the
    loss flattens at the noise's quantile loss, well above zero."""
    keras = _keras()
    ops = keras.ops
    x, score = _parish_table(N, seed=16413)
    spread = 0.3 + 0.5 * np.abs(x[:, 0])
    y = (score + spread * np.random.default_rng(16414).normal(size=N))[:, None]
    y = y.astype("float32")
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)

    def pinball(targets, predictions):
        error = targets - predictions
        return ops.mean(ops.maximum(0.9 * error, -0.1 * error))

    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), pinball, x, y,
                        epochs=20, batch_size=32, seed=16415)


@holdout164("deacons", healthy=True)
def pantry_family_embedding(session):
    """Loaves a family takes from the pantry each week: a two-input model, an 8-dim embedding
    of the family (60 families) beside four standardized columns, concatenated into a 32-unit
    relu layer, MSE, Adam 3e-3, 20 epochs. Week-to-week variation (Gaussian noise of 0.5)
    keeps the loss well above zero once the family effects are learned."""
    keras = _keras()
    r = np.random.default_rng(16416)
    family = r.integers(0, 60, size=N)
    effect = r.normal(0.0, 1.0, size=60)
    z = r.normal(0.0, 1.0, size=(N, 4)).astype("float32")
    y = (effect[family] + 0.7 * z[:, 0] - 0.4 * z[:, 1] * z[:, 2] + 0.3 * np.tanh(z[:, 3])
         + r.normal(0.0, 0.5, size=N)).astype("float32")
    ids = keras.Input((1,), dtype="int32")
    cols = keras.Input((4,))
    e = keras.layers.Flatten()(keras.layers.Embedding(60, 8)(ids))
    h = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([e, cols]))
    model = keras.Model([ids, cols], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit_more(session, model, [family[:, None].astype("int32"), z], y,
                     epochs=20, batch_size=32)


def _alms_sigmoid_output(session, broken):
    keras = _keras()
    x, score = _parish_table(N, seed=16417)
    r = np.random.default_rng(16418)
    shillings = (12.0 + 3.0 * score + r.normal(0.0, 1.0, size=N)).astype("float32")
    model = _mlp(keras, 6, [64, 64], 1, out_activation="sigmoid" if broken else None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, shillings, epochs=15, batch_size=32)


@holdout164("deacons", ["loss_activation_mismatch"])
def shillings_through_sigmoid(session):
    """The deacon predicts a household's alms in shillings (about 12, from 2 to 25) with a
    64-64 relu MLP whose output layer kept the sigmoid of the binary 'needs alms' model it was
    copied from; MSE, Adam 1e-3. The output cannot pass 1 shilling, the sigmoid saturates,
    and the loss stays near 120 where a linear output reaches the noise."""
    return _alms_sigmoid_output(session, broken=True)


def _l1_lasso_alpha(session, broken):
    keras = _keras()
    x, y = _alms_table(N, seed=16419)
    reg = keras.regularizers.L1(0.3) if broken else keras.regularizers.L2(1e-4)
    model = _mlp(keras, 8, [64, 64], 4, out_activation=None, kernel_regularizer=reg)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), loss, x, y,
                        epochs=15, batch_size=32, seed=16420)


@holdout164("deacons", ["over_regularization"], stall_begins=160)  # approximate
def lasso_alpha_as_l1(session):
    """Custom GradientTape loop classifying alms from eight columns, 64-64 relu MLP with
    logits, Adam 2e-3; the deacon carried alpha=0.3 over from his scikit-learn Lasso into
    keras.regularizers.L1(0.3) on every kernel. The penalty drives the weights to zero and
    the loss falls from the huge initial penalty for about five epochs, then stays level above
    the constant guess's cross-entropy; with L2(1e-4) the same loop learns the task."""
    return _l1_lasso_alpha(session, broken=True)


def _pantry_dead_bias(session, broken):
    keras = _keras()
    r = np.random.default_rng(16421)
    family = r.integers(0, 80, size=N)
    week = r.integers(0, 52, size=N)
    effect = r.normal(0.0, 1.0, size=80)
    season = np.sin(2 * np.pi * np.arange(52) / 52.0)
    y = (effect[family] + 0.8 * season[week] * (effect[family] > 0)
         + r.normal(0.0, 0.3, size=N)).astype("float32")
    bias = keras.initializers.Constant(-1.0 if broken else 0.0)
    fam_in = keras.Input((1,), dtype="int32")
    week_in = keras.Input((1,), dtype="int32")
    e = keras.layers.Concatenate()([
        keras.layers.Flatten()(keras.layers.Embedding(80, 8)(fam_in)),
        keras.layers.Flatten()(keras.layers.Embedding(52, 4)(week_in)),
    ])
    h = keras.layers.Dense(64, activation="relu", bias_initializer=bias)(e)
    h = keras.layers.Dense(64, activation="relu", bias_initializer=bias)(h)
    model = keras.Model([fam_in, week_in], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit_more(session, model, [family[:, None].astype("int32"),
                                      week[:, None].astype("int32")], y,
                     epochs=15, batch_size=32)


@holdout164("deacons", ["dead_relus"])
def pantry_negative_bias(session):
    """Pantry demand from two embeddings (family and week of the year) into two relu layers of
    64, MSE, Adam 1e-3; the hidden layers were given bias_initializer=Constant(-1.0) from a
    recipe for wide sparse inputs. The embeddings start within +-0.05, so every relu unit is
    below zero for every row, passes no gradient and never wakes: the loss stays at the
    variance of the target."""
    return _pantry_dead_bias(session, broken=True)


# =============================================================================================
# troubadours: tunes, refrains and lutes


@holdout164("troubadours", healthy=True)
def mode_gru_warmup_cosine(session):
    """Telling a tune's mode (four) from 32 noisy pitches with a GRU(24), Adam under a linear
    warm-up to 3e-3 over 60 steps then cosine decay to zero over the remaining ~420 steps
    (15 epochs). The singing is badly out of tune, so the loss levels off above zero as the
    rate anneals."""
    keras = _keras()
    x, y = _songs(N, seed=16422, noise=1.0)
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, decay_steps=420, warmup_target=3e-3, warmup_steps=60)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(24),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout164("troubadours", healthy=True)
def refrain_attention(session):
    """Does a song of 12 words (vocabulary 24) repeat its refrain word (word 1) at least
    twice? Embedding(24, 16) plus learned positions, one MultiHeadAttention block (2 heads of
    8) with a residual, average pooling and a sigmoid; binary cross-entropy, Adam 2e-3, 20
    epochs. A tenth of the labels are misheard, so the loss flattens around the noise."""
    keras = _keras()
    r = np.random.default_rng(16423)
    words = r.integers(0, 24, size=(N, 12))
    y = ((words == 1).sum(axis=1) >= 2).astype("float32")
    mishear = r.random(N) < 0.1
    y = np.where(mishear, 1.0 - y, y).astype("float32")
    inputs = keras.Input((12,), dtype="int32")
    h = keras.layers.Embedding(24, 16)(inputs)
    positions = keras.layers.Embedding(12, 16)(keras.ops.arange(12)[None, :])
    h = h + positions
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(16, activation="relu")(h)
    model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(h))
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, words.astype("int32"), y, epochs=20, batch_size=32)


@holdout164("troubadours", healthy=True)
def lute_conv1d_reduce_on_plateau(session):
    """Which of four tunings a lute was played in, from 32 noisy samples of its sound: a
    Conv1D(16, 5) - MaxPool - Conv1D(32, 3) - global pool - softmax net, Adam 3e-3 with
    ReduceLROnPlateau (halve after 2 epochs without a 0.01 gain in the training loss), 20
    epochs. Heavy noise overlaps the tunings, so the loss settles well above zero and the rate
    is cut several times on the way."""
    keras = _keras()
    x, y = _songs(N, seed=16424, noise=1.4)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(),
        keras.layers.Conv1D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=2,
                                                min_delta=0.01, verbose=0)
    return _fit(session, model, x, y, epochs=20, batch_size=32, callbacks=[plateau])


def _gru_rmsprop_low(session, broken):
    keras = _keras()
    x, y = _songs(N, seed=16425, noise=0.6)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(24),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.RMSprop(1e-6 if broken else 1e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout164("troubadours", ["learning_rate_too_low"])
def mode_gru_finetune_rate(session):
    """The troubadour trains a GRU(24) from scratch on the four modes with RMSprop at 1e-6, a
    rate copied from a fine-tuning recipe (1e-3 works): each step moves the weights by about
    a millionth and the loss sits at the constant-guess level for all 12 epochs."""
    return _gru_rmsprop_low(session, broken=True)


def _conv1d_tanh_bias(session, broken):
    keras = _keras()
    x, y = _songs(N, seed=16426, noise=0.6)
    bias = keras.initializers.Constant(6.0 if broken else 0.0)
    conv = dict(activation="tanh", padding="same", bias_initializer=bias)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, **conv),
        keras.layers.Conv1D(16, 5, **conv),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout164("troubadours", ["saturated_activations"])
def tanh_conv_bias_six(session):
    """Tunings from sound with two tanh Conv1D layers (16 filters of 5) whose biases were set
    to 6 (a forget-gate trick misapplied), Adam 1e-3: every unit outputs ~1.0 whatever the
    sound, its slope is ~2e-5, and the loss stays at the constant guess, where the same net
    with zero biases learns."""
    return _conv1d_tanh_bias(session, broken=True)


def _refrain_rnn_gain(session, broken):
    keras = _keras()
    r = np.random.default_rng(16427)
    x = r.normal(0.0, 1.0, size=(N, 40, 1)).astype("float32")
    y = (x[:, -5:, 0].mean(axis=1) + 0.5 * x[:, :5, 0].mean(axis=1)).astype("float32")
    model = keras.Sequential([
        keras.Input((40, 1)),
        keras.layers.SimpleRNN(32, recurrent_initializer=keras.initializers.Orthogonal(
            gain=3.0 if broken else 1.0, seed=16428)),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(1e-2, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout164("troubadours", ["exploding_gradients"], stall_begins=40)  # approximate
def refrain_rnn_recurrent_gain(session):
    """Echoing a song's first and last bars from 40 pitches with a tanh SimpleRNN(32) whose
    recurrent matrix was initialized Orthogonal(gain=3.0) (for 'richer dynamics'), SGD 1e-2
    with momentum, no clipping: the gradients through 40 steps start around 1e5, the first
    updates throw the recurrent weights far out, and the loss stalls at several times what
    the default gain of 1 reaches."""
    return _refrain_rnn_gain(session, broken=True)


# =============================================================================================
# jousters: shields, lances and tilts


@holdout164("jousters", healthy=True)
def few_crests_overfit(session):
    """A herald has only 192 sketched shields: a small Conv2D net (8 and 16 filters, dense 32)
    on the 12x12 images, Adam 2e-3, batch 16, 40 epochs. With so little data it memorizes
    the sketches: the training loss keeps falling towards zero, slowly at the end."""
    keras = _keras()
    x, y = _crests(192 + PROBE_SIZE, seed=16429, noise=0.6)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


@holdout164("jousters", healthy=True)
def lance_force_plain_sgd(session):
    """How hard a lance struck, from six standardized tilt measurements: a 64-64 tanh MLP
    with plain SGD at 0.02 (no momentum), MSE, 25 epochs. Slow but sound: the loss falls
    all run long and is still going down at the end."""
    keras = _keras()
    x, y = _tilts(N, seed=16430)
    y = (y + np.random.default_rng(16431).normal(0.0, 0.2, size=N)).astype("float32")
    model = _mlp(keras, 6, [64, 64], 1, activation="tanh", out_activation=None)
    model.compile(keras.optimizers.SGD(0.02), "mse")
    return _fit(session, model, x, y, epochs=25, batch_size=32)


@holdout164("jousters", healthy=True)
def tilt_xor_plateau_then_drop(session):
    """Whether a pass is scored depends on the XOR of two signs (lance high or low, rider
    leaning in or out), the other four columns irrelevant; a 16-unit tanh MLP with small
    initial weights and SGD 0.1 with momentum, 20 epochs. The loss sits near log 2 while the
    symmetry breaks, then drops suddenly and keeps falling."""
    keras = _keras()
    r = np.random.default_rng(16432)
    x = r.normal(0.0, 1.0, size=(N, 6)).astype("float32")
    y = ((x[:, 0] > 0) != (x[:, 1] > 0)).astype("float32")
    init = keras.initializers.RandomNormal(stddev=0.05, seed=16433)
    model = _mlp(keras, 6, [16], 1, activation="tanh", out_activation="sigmoid",
                 kernel_initializer=init)
    model.compile(keras.optimizers.SGD(0.1, momentum=0.9), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _crest_cnn_lr(session, broken):
    keras = _keras()
    x, y = _crests(N, seed=16434, noise=0.5)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.RMSprop(0.1 if broken else 1e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout164("jousters", ["learning_rate_too_high"], stall_begins=None)
def crest_cnn_rmsprop_rate(session):
    """A crest CNN (two Conv2D of 16, dense 32) trained with RMSprop at 0.1, the SGD rate of
    the tutorial it followed (RMSprop wants 1e-3): each normalized step throws the weights far
    past the minimum and the loss bounces at or above the constant-guess level."""
    return _crest_cnn_lr(session, broken=True)


def _raw_tilt_units(session, broken):
    keras = _keras()
    z, force = _tilts(N, seed=16435)
    # lance speed mm/s, horse speed m/h, angle degrees, rider g, armour g, wind cm/s
    scale = np.array([900.0, 1500.0, 6.0, 9000.0, 4000.0, 120.0])
    offset = np.array([7000.0, 16000.0, 12.0, 75000.0, 30000.0, 300.0])
    raw = (z * scale + offset).astype("float32")
    x = raw if broken else _standardize(raw)
    y = (force > np.median(force)).astype("int32")
    model = _mlp(keras, 6, [64, 64], 2)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout164("jousters", ["unnormalized_inputs"], stall_begins=140)  # approximate
def tilt_raw_units(session):
    """Strong or weak strike, from the tilt sheet's raw columns (lance speed in mm/s ~7000,
    horse speed in m/h ~16000, rider and armour mass in grams ~75000 and ~30000, angle in
    degrees, wind in cm/s) fed straight into a 64-64 relu MLP, Adam 1e-3: the gram columns
    swamp every unit; after falling from thousands the loss bounces in the tens, with no trend,
    where the standardized columns reach about 0.1."""
    return _raw_tilt_units(session, broken=True)


STALL_LINEAR = 120  # the loss reaches the best plane around step 120


def _linear_tilt(session, broken):
    keras = _keras()
    x, y = _tilts(N, seed=16436)
    y = (y + np.random.default_rng(16437).normal(0.0, 0.2, size=N)).astype("float32")
    model = _mlp(keras, 6, [] if broken else [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-2), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout164("jousters", ["insufficient_capacity"], stall_begins=STALL_LINEAR)  # approximate
def tilt_force_linear_baseline(session):
    """Lance force from the six tilt measurements with the team's baseline left in place: the
    hidden layer list is empty, so the model is one Dense(1), a linear regression; MSE, Adam
    1e-2. The force depends on products and a cosine of the columns, so the loss reaches the
    best plane within a few epochs and stays there, far above a 64-64 MLP's."""
    return _linear_tilt(session, broken=True)
