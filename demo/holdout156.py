"""The hundred-and-fifty-sixth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades, each with its own synthetic data from fixed seeds (15601-15641): embroiderers
classify 12x12 photographs of stitch swatches (satin either way, cross-stitch, French knots);
gemcutters keep a ledger of stones (weight, depth, table, crown and pavilion angles, clarity,
colour, polish) with a log price and a cut grade; interpreters read 20- or 40-token phrases
(tone, six topic tags, a count of formal words); knifegrinders record 64-sample vibration
traces of the grinding wheel with its settings, its wear, a noisy wear gauge and spark counts.
The last PROBE_SIZE rows of every data set are the probe and are never trained on.

Healthy half (12 runs, nothing to fix, the loss flattens where the data or the schedule puts
it): a stitch CNN on labels 20% mislabelled at random; a stitch CNN on SGD with Nesterov
momentum and a piecewise-constant schedule; 96 sampler swatches memorised by a wide MLP (small
data overfitting, training loss to ~0); a Huber regression of the log price under Student-t
(2 dof) haggling noise; a rare-class (4%) inclusion detector trained with class_weight; a
custom GradientTape loop with AdamW on a linear warm-up then cosine decay to zero, regressing a
noisy log price; an embedding + GRU tone classifier on labels 15% wrong; a self-attention topic
tagger (multi-label, sigmoid outputs); an LSTM counting formal words at a cautious Adam rate,
still improving at the end; a Conv1D net regressing the 90th percentile of a heteroscedastic
wear gauge with the pinball loss; a two-input (trace + settings) Poisson model of spark counts
with ReduceLROnPlateau; a custom-loop GRU regressing the heteroscedastic wear gauge with Nadam.

Broken half (12 runs, one per cause, each a code mistake; every one was trained beside its
fixed twin with Session(None) and stalls far above it): Adam given Adadelta's rate of 1.0 on
the stitch CNN (learning rate too high); a weight-decay value mistyped into a 0.5 L2
coefficient on every kernel of the stitch CNN (over-regularization); RandomNormal(1.0) read
by Keras as mean 1.0, pinning every unit of a tanh MLP at +1 (saturated activations); a
16-layer sigmoid MLP grading cuts with SGD (vanishing gradients); the ledger's columns fed in
workshop units, angles riding on offsets of ~40 degrees (unnormalized inputs); the
logistic-regression baseline shipped in place of the MLP on an elliptical grade boundary
(insufficient capacity); RMSprop at a fine-tuning rate of 1e-6 on an LSTM trained from scratch
(learning rate too low); a tanh SimpleRNN whose recurrent kernel starts at RandomNormal(0.5),
chaotic, with gradients of 1e7-1e9 throughout, kept finite by clipnorm but going nowhere
(exploding gradients); a count regression keeping the sigmoid head of the tone classifier it
was copied from (loss/activation mismatch); Conv1D wear net with hidden biases started at -3
(dead relus); the same net with zero kernels (poor initialization); a custom loop with a
hand-written Poisson likelihood taking log of a relu rate, NaN from its 35th step onwards
while the loop trains on (non-finite values).

Dropped or changed because they did not behave as intended: Adam at 0.1 on the stitch CNN
still learned (raised to Adadelta's 1.0); a unit-variance N(0, 1) tanh initialization still
learned (the saturated units stay informative random features), replaced by the mean-1.0
misread that pins every unit to the same value; a softmax head under binary cross-entropy for
multi-label tags trained exactly like sigmoids (Keras 3 repairs it), replaced by a range
mismatch; a relu RNN with an orthogonal recurrent gain of sqrt(2) and clipping exploded only
in its first steps and then repaired itself, and Adam on the chaotic tanh RNN kept creeping
down, so the chaotic RNN runs on clipped SGD; a two-unit hidden layer on the grade kept
improving slowly and was replaced by the linear baseline; the relu-rate likelihood at Adam
1e-2 turned NaN in its first steps (now Adam 1e-3 and a seeded model).

Labels: `expected_causes` holds the one root cause each broken run was built around.
`stall_begins` is the optimizer step (counted over the whole run) from which the loss stops
improving, None where it never improves; the non-finite run's step is exact for its seeds,
the others that give a step were read off the per-step loss of a Session(None) run and are
approximate (each marked so next to its scenario).
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _small_cnn, registrar

FAMILIES = ('embroiderers', 'gemcutters', 'interpreters', 'knifegrinders')

REGISTRY = []

holdout156 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data


def _stitches(n, seed, noise=0.35):
    """12x12 swatches of four stitches (0 horizontal satin, 1 vertical satin, 2 cross-stitch,
    3 French knots) over a random patch of the hoop; also the share of the swatch covered."""
    r = np.random.default_rng(seed)
    y = r.integers(0, 4, size=n)
    x = np.zeros((n, 12, 12), dtype="float32")
    cover = np.zeros(n, dtype="float32")
    ii, jj = np.meshgrid(np.arange(12), np.arange(12), indexing="ij")
    for k in range(n):
        top, left = r.integers(0, 5, size=2)
        h, w = r.integers(6, 12 - top + 1), r.integers(6, 12 - left + 1)
        patch = (ii >= top) & (ii < top + h) & (jj >= left) & (jj < left + w)
        phase = r.integers(0, 2)
        if y[k] == 0:
            motif = (ii + phase) % 2 == 0
        elif y[k] == 1:
            motif = (jj + phase) % 2 == 0
        elif y[k] == 2:
            motif = ((ii - jj + phase) % 3 == 0) | ((ii + jj + phase) % 3 == 0)
        else:
            motif = r.random((12, 12)) < 0.18
        x[k] = (patch & motif).astype("float32")
        cover[k] = (patch & motif).mean()
    x += r.normal(0.0, noise, size=x.shape).astype("float32")
    return x[..., None], y.astype("int32"), cover


def _gems(n, seed):
    """A gem-cutter's ledger: standardized features (carat, depth, table, crown angle, pavilion
    angle, clarity, colour, polish), the same in workshop units, the log price and a cut grade
    (0 ideal, 1 good, 2 poor) set by how far the two angles are from the ideal pair."""
    r = np.random.default_rng(seed)
    carat = np.exp(r.normal(-0.3, 0.5, size=n))
    depth = r.normal(61.5, 1.5, size=n)
    table = r.normal(57.0, 2.0, size=n)
    crown = r.normal(34.5, 2.0, size=n)
    pavilion = r.normal(40.8, 1.0, size=n)
    clarity = r.integers(0, 8, size=n).astype(float)
    colour = r.integers(0, 7, size=n).astype(float)
    polish = r.uniform(0.0, 1.0, size=n)
    raw = np.stack([carat, depth, table, crown, pavilion, clarity, colour, polish], axis=1)
    off = np.hypot((crown - 34.5) / 2.0, (pavilion - 40.8) / 1.0)
    grade = np.digitize(off + 0.15 * r.normal(size=n), [0.8, 1.5])
    log_price = (8.5 + 1.7 * np.log(carat) + 0.12 * clarity - 0.08 * colour - 0.25 * off
                 + 0.3 * polish - 0.02 * (depth - 61.5) ** 2)
    z = (raw - raw.mean(axis=0)) / raw.std(axis=0)
    return z.astype("float32"), raw.astype("float32"), log_price.astype("float32"), grade


def _phrases(n, seed, length=20, vocab=80, label_noise=0.0):
    """An interpreter's phrase book: token ids (0 is padding, unused), a sentiment label (more
    of the words 1-12 than of 13-24), six topic tags (topic t present when two or more of the
    words 25+8t..32+8t occur) and the count of 'formal' words (1-6)."""
    r = np.random.default_rng(seed)
    tokens = r.integers(1, vocab, size=(n, length))
    pos = ((tokens >= 1) & (tokens <= 12)).sum(axis=1)
    neg = ((tokens >= 13) & (tokens <= 24)).sum(axis=1)
    sentiment = (pos + 0.5 * r.random(n) > neg + 0.25).astype("int32")
    flip = r.random(n) < label_noise
    sentiment = np.where(flip, 1 - sentiment, sentiment).astype("int32")
    topics = np.stack([((tokens >= 25 + 8 * t) & (tokens < 33 + 8 * t)).sum(axis=1) >= 2
                       for t in range(6)], axis=1).astype("float32")
    formal = ((tokens >= 1) & (tokens <= 6)).sum(axis=1).astype("float32")
    return tokens.astype("int32"), sentiment, topics, formal


def _grinder(n, seed, length=64):
    """A knife-grinder's wheel: a vibration trace (length x 1) whose pitch, loudness and chatter
    grow with wheel wear, the wheel's settings (rpm, grit; standardized), the wear itself, and a
    noisy wear gauge whose noise grows with the wear (heteroscedastic)."""
    r = np.random.default_rng(seed)
    wear = r.uniform(0.0, 1.0, size=n)
    settings = r.normal(size=(n, 2))
    t = np.arange(length)[None, :] / length
    freq = 3.0 + 5.0 * wear[:, None] + 0.5 * settings[:, :1]
    trace = (1.0 + wear[:, None]) * np.sin(2 * np.pi * freq * t + r.uniform(0, 6.3, (n, 1)))
    trace += wear[:, None] * (r.random((n, length)) < 0.1) * r.normal(0, 2.0, (n, length))
    trace += r.normal(0.0, 0.3, size=(n, length))
    gauge = wear + 0.3 * settings[:, 1] * wear + (0.05 + 0.3 * wear) * r.normal(size=n)
    return (trace[..., None].astype("float32"), settings.astype("float32"),
            wear.astype("float32"), gauge.astype("float32"))


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, callbacks=(), **fit_kw):
    """model.fit for multi-input models: every array in `inputs` is split like `_fit` splits
    one (the last PROBE_SIZE rows are the probe); extra keywords go to fit (class_weight).
    Returns the per-epoch training loss."""
    train = [a[:-PROBE_SIZE] for a in inputs]
    probe = [a[-PROBE_SIZE:] for a in inputs]
    if len(inputs) == 1:  # a one-input model takes the array itself
        train, probe = train[0], probe[0]
    probe = (probe, y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        verbose=0, callbacks=list(callbacks) + session.callbacks(probe), **fit_kw)
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# embroiderers: stitch swatches photographed under the hoop


@holdout156("embroiderers", healthy=True)
def mislabelled_stitch_samples(session):
    """Small CNN, Adam 2e-3, on 12x12 stitch swatches where apprentices mislabelled 20% of the
    samples at random: the loss flattens near the entropy of the label noise, far above zero."""
    keras = _keras()
    x, y, _ = _stitches(N, seed=15601)
    r = np.random.default_rng(15602)
    wrong = r.random(len(y)) < 0.2
    y = np.where(wrong, r.integers(0, 4, size=len(y)), y).astype("int32")
    model = _small_cnn(keras, x.shape[1:], 4)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout156("embroiderers", healthy=True)
def stepped_rate_satin(session):
    """Small CNN, SGD with Nesterov momentum on a piecewise-constant schedule (0.05, then 0.01
    after step 192, 0.002 after step 352): the loss falls in steps and settles low."""
    keras = _keras()
    x, y, _ = _stitches(N, seed=15603)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([192, 352], [0.05, 0.01, 0.002])
    model = _small_cnn(keras, x.shape[1:], 4)
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9, nesterov=True),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout156("embroiderers", healthy=True)
def few_sampler_pieces_memorised(session):
    """Only 96 catalogued sampler swatches: a 256-unit relu MLP on the flattened pixels, Adam
    1e-3, batch 16, memorises them; the training loss goes to ~0 (it overfits, as small data
    does; nothing in the training is wrong)."""
    keras = _keras()
    x, y, _ = _stitches(96 + PROBE_SIZE, seed=15604)
    x = x.reshape(len(x), -1)
    model = _mlp(keras, 144, [256], 4)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=30, batch_size=16)


def _stitch_cnn_adam(session, broken):
    """Stitch CNN moved from Adadelta to Adam; broken keeps Adadelta's rate of 1.0."""
    keras = _keras()
    x, y, _ = _stitches(N, seed=15605)
    model = _small_cnn(keras, x.shape[1:], 4, filters=(16, 32))
    model.compile(keras.optimizers.Adam(1.0 if broken else 1e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout156("embroiderers", ["learning_rate_too_high"], stall_begins=None)
def sgd_rate_given_to_adam(session):
    """The stitch CNN was switched from Adadelta to Adam and kept Adadelta's learning rate of
    1.0 (Adam wants ~1e-3): the first updates throw the weights far off and the loss bounces
    around the chance level instead of falling."""
    return _stitch_cnn_adam(session, broken=True)


def _stitch_cnn_decay(session, broken):
    """Stitch CNN with L2 on every kernel; broken uses the paper's weight decay 0.5 as the L2
    coefficient (meant 5e-4)."""
    keras = _keras()
    x, y, _ = _stitches(N, seed=15606)
    reg = dict(kernel_regularizer=keras.regularizers.L2(0.5 if broken else 5e-4))
    model = _small_cnn(keras, x.shape[1:], 4, conv=reg, dense=reg)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout156("embroiderers", ["over_regularization"], stall_begins=260)  # approximate
def weight_decay_as_l2(session):
    """The stitch CNN's kernels carry an L2 penalty of 0.5 (the coefficient was copied from a
    weight-decay setting of 5e-4 and mistyped): the penalty holds every kernel near zero and the
    loss levels off near the chance level."""
    return _stitch_cnn_decay(session, broken=True)


def _stitch_tanh(session, broken):
    """Flattened swatches into a 3x256 tanh MLP, SGD 0.02 momentum 0.9; broken initializes the
    kernels with RandomNormal(1.0), meant as a unit-variance normal but read by Keras as the
    mean (stddev stays at its default 0.05)."""
    keras = _keras()
    x, y, _ = _stitches(N, seed=15607)
    x = x.reshape(len(x), -1)
    init = (keras.initializers.RandomNormal(1.0, seed=15607) if broken
            else keras.initializers.GlorotUniform(seed=15607))
    model = _mlp(keras, 144, [256, 256, 256], 4, activation="tanh", kernel_initializer=init)
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout156("embroiderers", ["saturated_activations"], stall_begins=None)
def unit_normal_tanh_init(session):
    """A 3x256 tanh MLP on the flattened swatches initialized with RandomNormal(1.0), meant as
    a unit normal but read as mean 1.0 (stddev 0.05): every weight is ~1, each unit sums ~20
    (then ~256) positive inputs, every tanh sits at +1 for every swatch where its slope is ~0,
    and the loss stays at the chance level."""
    return _stitch_tanh(session, broken=True)


# ---------------------------------------------------------------------------------------------
# gemcutters: the stones' ledger (weights, angles, grades, prices)


@holdout156("gemcutters", healthy=True)
def heavy_tailed_price_huber(session):
    """Log price of a stone from its ledger features, where dealers' haggling adds Student-t
    (2 degrees of freedom) noise: a 2x64 relu MLP under the Huber loss, Adam 1e-3. The loss
    flattens at the level the outliers leave, well above zero."""
    keras = _keras()
    z, _, log_price, _ = _gems(N, seed=15611)
    r = np.random.default_rng(15612)
    target = (log_price - log_price.mean()) + 0.3 * r.standard_t(2, size=len(z))
    model = _mlp(keras, 8, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), keras.losses.Huber(delta=1.0))
    return _fit(session, model, z, target.astype("float32"), epochs=16, batch_size=32)


@holdout156("gemcutters", healthy=True)
def rare_inclusions_weighted(session):
    """Spotting the 4% of stones with a hidden inclusion from their ledger features: a 2x32
    relu MLP, sigmoid output and binary cross-entropy, Adam 1e-3, with class_weight 8 on the
    rare class. The weighted loss stays at a moderate level set by the overlap of the two
    classes, still easing down slowly when the run ends."""
    keras = _keras()
    z, _, _, _ = _gems(N, seed=15613)
    r = np.random.default_rng(15614)
    logit = -4.2 + 1.2 * z[:, 5] - 0.8 * z[:, 1] + 0.9 * z[:, 0] * z[:, 7]
    y = (r.random(len(z)) < 1.0 / (1.0 + np.exp(-logit))).astype("float32")
    model = _mlp(keras, 8, [32, 32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_inputs(session, model, [z], y, epochs=16, batch_size=32,
                       class_weight={0: 1.0, 1: 8.0})


@holdout156("gemcutters", healthy=True)
def warmup_cosine_facet_loop(session):
    """Custom GradientTape loop regressing the log price (plus Gaussian appraisal noise of 0.25)
    with a 2x64 gelu MLP, AdamW, the rate warmed up linearly to 3e-3 over 64 steps and then
    decayed along a cosine to zero: the loss drops fast, then eases onto the noise floor."""
    keras = _keras()
    z, _, log_price, _ = _gems(N, seed=15615)
    r = np.random.default_rng(15616)
    target = (log_price - log_price.mean() + 0.25 * r.normal(size=len(z)))[:, None]
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, decay_steps=448, warmup_target=3e-3, warmup_steps=64)
    model = _mlp(keras, 8, [64, 64], 1, activation="gelu", out_activation=None)
    return _custom_loop(session, model, keras.optimizers.AdamW(schedule, weight_decay=1e-4),
                        keras.losses.MeanSquaredError(), z, target.astype("float32"),
                        epochs=16, batch_size=32, seed=15616, learning_rate=schedule)


def _grader_depth(session, broken):
    """Cut grade from the ledger with a 16-layer MLP, SGD 0.05 momentum 0.9; broken uses sigmoid
    hidden units (Glorot init), the fix relu with He init."""
    keras = _keras()
    z, _, _, grade = _gems(N, seed=15617)
    if broken:
        model = _mlp(keras, 8, [32] * 16, 3, activation="sigmoid")
    else:
        model = _mlp(keras, 8, [32] * 16, 3, kernel_initializer="he_normal")
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, z, grade.astype("int32"), epochs=10, batch_size=32)


@holdout156("gemcutters", ["vanishing_gradients"], stall_begins=None)
def deep_sigmoid_grader(session):
    """The cut grade (ideal, good, poor) from the ledger with 16 stacked sigmoid layers, SGD
    with momentum: each sigmoid passes back at most a quarter of the gradient, the first layers
    get almost nothing, and the loss stays at the class-frequency level."""
    return _grader_depth(session, broken=True)


def _ledger_units(session, broken):
    """Cut grade from the ledger, 2x64 relu MLP, Adam 1e-3; broken feeds the workshop units
    (angles in degrees around 35-41, depth and table in percent, weight in carats) as recorded,
    the fix the standardized columns."""
    keras = _keras()
    z, raw, _, grade = _gems(N, seed=15618)
    model = _mlp(keras, 8, [64, 64], 3)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, raw if broken else z, grade.astype("int32"), epochs=12,
                batch_size=32)


@holdout156("gemcutters", ["unnormalized_inputs"], stall_begins=20)  # approximate
def raw_units_ledger(session):
    """The cut grade from the ledger columns in workshop units (angles of 35-41 degrees, depth
    and table around 60 percent) with no standardization: the grade hangs on one- or two-degree
    deviations riding on offsets of forty, the relu units all see nearly the same large input,
    and the loss stays near the class-frequency level."""
    return _ledger_units(session, broken=True)


def _grader_width(session, broken):
    """Cut grade from the ledger, Adam 3e-2; broken ships the logistic-regression baseline (no
    hidden layer) in place of the MLP, the fix [64, 64]."""
    keras = _keras()
    z, _, _, grade = _gems(N, seed=15619)
    model = _mlp(keras, 8, [] if broken else [64, 64], 3)
    model.compile(keras.optimizers.Adam(3e-2), "sparse_categorical_crossentropy")
    return _fit(session, model, z, grade.astype("int32"), epochs=16, batch_size=32)


@holdout156("gemcutters", ["insufficient_capacity"], stall_begins=32)  # approximate
def baseline_left_in_grader(session):
    """The cut grade depends on how far the crown and pavilion angles sit from the ideal pair
    (an ellipse in two of the eight columns), but the logistic-regression baseline (a single
    softmax layer, no hidden layer) was shipped in place of the MLP: no linear boundary can
    cut an ellipse, so the loss levels off near the class-frequency level while a 2x64 MLP
    goes far lower."""
    return _grader_width(session, broken=True)


# ---------------------------------------------------------------------------------------------
# interpreters: phrases from the phrase book, as token ids


@holdout156("interpreters", healthy=True)
def noisy_sentiment_gru(session):
    """Embedding (80x16) and a GRU(24) reading 20-token phrases, sigmoid output, binary
    cross-entropy, Adam 3e-3, where 15% of the tone labels were marked wrongly by tired
    interpreters: the loss flattens around 0.42, near the entropy the noise leaves."""
    keras = _keras()
    tokens, sentiment, _, _ = _phrases(N, seed=15621, label_noise=0.15)
    model = keras.Sequential([
        keras.Input((20,), dtype="int32"),
        keras.layers.Embedding(80, 16),
        keras.layers.GRU(24),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, tokens, sentiment.astype("float32"), epochs=12, batch_size=32)


@holdout156("interpreters", healthy=True)
def attention_topic_tagger(session):
    """Tagging which of six topics a phrase touches (multi-label): embedding plus learned
    positions, one two-head self-attention block with a residual and layer norm, average
    pooling, a relu layer and six sigmoid outputs under binary cross-entropy, Adam 2e-3. The
    loss falls steadily towards zero."""
    keras = _keras()
    tokens, _, topics, _ = _phrases(N, seed=15622)
    inputs = keras.Input((20,), dtype="int32")
    h = keras.layers.Embedding(80, 24)(inputs)
    positions = keras.layers.Embedding(20, 24)(keras.ops.arange(20)[None, :])
    h = h + positions
    attended = keras.layers.MultiHeadAttention(num_heads=2, key_dim=12)(h, h)
    h = keras.layers.LayerNormalization()(h + attended)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(64, activation="relu")(h)
    outputs = keras.layers.Dense(6, activation="sigmoid")(h)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, tokens, topics, epochs=14, batch_size=32)


@holdout156("interpreters", healthy=True)
def slow_formality_count(session):
    """Counting the formal words in a phrase (a regression on a 0-7 count) with an LSTM(16)
    over a 12-wide embedding, MSE, Adam at a cautious 5e-4: the loss falls slowly, lingers on a
    shoulder for a few epochs before the counting clicks, and is still improving when the 14
    epochs end."""
    keras = _keras()
    tokens, _, _, formal = _phrases(N, seed=15623)
    model = keras.Sequential([
        keras.Input((20,), dtype="int32"),
        keras.layers.Embedding(80, 12),
        keras.layers.LSTM(16),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(5e-4), "mse")
    return _fit(session, model, tokens, formal, epochs=14, batch_size=32)


def _sentiment_lstm(session, broken):
    """Tone of a phrase with embedding + LSTM(24), RMSprop; broken trains from scratch at 1e-6,
    the rate of the fine-tuning recipe it was copied from, the fix at 2e-3."""
    keras = _keras()
    tokens, sentiment, _, _ = _phrases(N, seed=15624)
    model = keras.Sequential([
        keras.Input((20,), dtype="int32"),
        keras.layers.Embedding(80, 16),
        keras.layers.LSTM(24),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.RMSprop(1e-6 if broken else 2e-3), "binary_crossentropy")
    return _fit(session, model, tokens, sentiment.astype("float32"), epochs=10, batch_size=32)


@holdout156("interpreters", ["learning_rate_too_low"], stall_begins=None)
def finetune_rate_from_scratch(session):
    """A tone classifier (embedding + LSTM) trained from scratch with RMSprop at 1e-6, the rate
    of the fine-tuning recipe the code was copied from: the weights barely move and the loss
    sits at ln 2 for the whole run."""
    return _sentiment_lstm(session, broken=True)


def _chaotic_rnn(session, broken):
    """Formal-word count (standardized) from 40-token phrases with a tanh SimpleRNN(64), MSE,
    SGD 0.01 momentum 0.9 with clipnorm 1.0; broken initializes the recurrent kernel with
    RandomNormal(stddev=0.5) (the input kernel's setting of a numpy tutorial), the fix keeps
    Keras's orthogonal default."""
    keras = _keras()
    tokens, _, _, formal = _phrases(N, seed=15626, length=40)
    target = ((formal - formal.mean()) / formal.std()).astype("float32")
    recurrent = (keras.initializers.RandomNormal(stddev=0.5, seed=15627) if broken
                 else keras.initializers.Orthogonal(seed=15627))
    model = keras.Sequential([
        keras.Input((40,), dtype="int32"),
        keras.layers.Embedding(80, 16),
        keras.layers.SimpleRNN(64, recurrent_initializer=recurrent),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9, clipnorm=1.0), "mse")
    return _fit(session, model, tokens, target, epochs=8, batch_size=32)


@holdout156("interpreters", ["exploding_gradients"], stall_begins=32)  # approximate
def wide_recurrent_init_rnn(session):
    """A tanh SimpleRNN(64) over 40-token phrases whose recurrent kernel starts at
    RandomNormal(stddev=0.5), copied from a tutorial's input kernel: its spectral radius is
    ~4, the recurrence is chaotic and the gradient through 40 steps is ~1e7-1e9 at every step.
    clipnorm=1.0, added after an earlier NaN, keeps the loss finite, but each clipped step
    points somewhere arbitrary: after the first epoch the loss bounces around the level of a
    constant guess while the orthogonal default goes far lower."""
    return _chaotic_rnn(session, broken=True)


def _formality_head(session, broken):
    """Formal-word count (0-7) from pooled embeddings and a relu layer, MSE, Adam 3e-3; broken
    keeps the sigmoid output of the tone classifier the model was copied from, the fix a linear
    output."""
    keras = _keras()
    tokens, _, _, formal = _phrases(N, seed=15625)
    model = keras.Sequential([
        keras.Input((20,), dtype="int32"),
        keras.layers.Embedding(80, 24),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid" if broken else None),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, tokens, formal, epochs=12, batch_size=32)


@holdout156("interpreters", ["loss_activation_mismatch"], stall_begins=30)  # approximate
def sigmoid_head_on_counts(session):
    """Counting the formal words in a phrase (0 to 7, mostly 1-2) under MSE with the sigmoid
    output of the tone classifier the model was copied from: the prediction can never pass 1,
    so every phrase with two or more formal words keeps its error, and the loss levels off far
    above what a linear output reaches."""
    return _formality_head(session, broken=True)


# ---------------------------------------------------------------------------------------------
# knifegrinders: vibration traces of the grinding wheel


def _pinball(tau):
    """The quantile (pinball) loss for the `tau` quantile."""
    keras = _keras()

    def loss(y_true, y_pred):
        diff = y_true - y_pred
        return keras.ops.mean(keras.ops.maximum(tau * diff, (tau - 1.0) * diff), axis=-1)

    return loss


@holdout156("knifegrinders", healthy=True)
def wear_quantile_conv1d(session):
    """The 90th percentile of the wear gauge from a 64-sample vibration trace: two Conv1D
    blocks, global average pooling, relu head, pinball loss at 0.9, Adam 2e-3. The gauge's noise
    grows with the wear, so the loss settles at a clearly non-zero floor."""
    keras = _keras()
    trace, _, _, gauge = _grinder(N, seed=15631)
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(2e-3), _pinball(0.9))
    return _fit(session, model, trace, gauge[:, None], epochs=14, batch_size=32)


@holdout156("knifegrinders", healthy=True)
def spark_counts_poisson_plateau(session):
    """Sparks counted per pass (Poisson counts) from the vibration trace and the wheel's
    settings: a two-input model (Conv1D branch, settings branch, concatenated) with an
    exponential output under the Poisson loss, Adam 3e-3 halved by ReduceLROnPlateau when the
    epoch loss stops improving. The loss settles at the Poisson noise floor."""
    keras = _keras()
    trace, settings, wear, _ = _grinder(N, seed=15632)
    r = np.random.default_rng(15633)
    sparks = r.poisson(np.exp(0.3 + 1.5 * wear + 0.3 * settings[:, 0])).astype("float32")
    signal = keras.Input((64, 1))
    knobs = keras.Input((2,))
    h = keras.layers.Conv1D(16, 7, activation="relu", padding="same")(signal)
    h = keras.layers.MaxPooling1D(4)(h)
    h = keras.layers.Conv1D(16, 5, activation="relu", padding="same")(h)
    h = keras.layers.GlobalMaxPooling1D()(h)
    h = keras.layers.Concatenate()([h, keras.layers.Dense(8, activation="relu")(knobs)])
    h = keras.layers.Dense(32, activation="relu")(h)
    rate = keras.layers.Dense(1, activation="exponential")(h)
    model = keras.Model([signal, knobs], rate)
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=1,
                                                min_delta=5e-3)
    return _fit_inputs(session, model, [trace, settings], sparks[:, None], epochs=16,
                       batch_size=32, callbacks=[plateau])


@holdout156("knifegrinders", healthy=True)
def heteroscedastic_gru_loop(session):
    """Custom GradientTape loop: a GRU(16) reads the trace (every other sample) and regresses
    the wear gauge under MSE with Nadam 3e-3. The gauge's noise grows with the wear, so the loss
    comes down to the noise variance and flattens there."""
    keras = _keras()
    trace, _, _, gauge = _grinder(N, seed=15634)
    model = keras.Sequential([
        keras.Input((32, 1)),
        keras.layers.GRU(16),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1),
    ])
    return _custom_loop(session, model, keras.optimizers.Nadam(3e-3),
                        keras.losses.MeanSquaredError(), trace[:, ::2], gauge[:, None],
                        epochs=12, batch_size=32, seed=15634)


def _wear_conv(session, broken, seed):
    """Wear gauge (standardized) from the trace with a Conv1D net, MSE, Adam 1e-3; `broken` is
    a dict of keyword arguments given to every Conv1D/Dense layer but the output."""
    keras = _keras()
    trace, _, _, gauge = _grinder(N, seed=seed)
    target = ((gauge - gauge.mean()) / gauge.std())[:, None]
    kw = broken or {}
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", **kw),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same", **kw),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu", **kw),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, trace, target.astype("float32"), epochs=10, batch_size=32)


def _sparse_bias(session, broken):
    """The wear net; broken sets bias_initializer=Constant(-3.0) on its hidden layers."""
    keras = _keras()
    kw = dict(bias_initializer=keras.initializers.Constant(-3.0)) if broken else None
    return _wear_conv(session, kw, seed=15635)


@holdout156("knifegrinders", ["dead_relus"], stall_begins=None)
def sparse_bias_conv1d(session):
    """The wear net's hidden Conv1D and Dense layers got bias_initializer=Constant(-3.0), copied
    from a sparse-coding recipe that wanted few active units: no relu unit ever turns on for any
    trace, no gradient reaches the hidden layers, and the loss stays at the target's variance."""
    return _sparse_bias(session, broken=True)


def _zero_kernels(session, broken):
    """The wear net; broken sets kernel_initializer='zeros' on its hidden layers."""
    return _wear_conv(session, dict(kernel_initializer="zeros") if broken else None,
                      seed=15636)


@holdout156("knifegrinders", ["poor_initialization"], stall_begins=None)
def zero_kernels_conv1d(session):
    """The wear net's hidden Conv1D and Dense kernels are initialized to zeros ("a clean start"):
    every hidden unit outputs relu(0) = 0, so every kernel's gradient is zero as well, only the
    output bias can learn, and the loss stays at the target's variance."""
    return _zero_kernels(session, broken=True)


def _glorot(seed):
    return _keras().initializers.GlorotUniform(seed=seed)


def _spark_rate_loop(session, broken):
    """Custom loop, spark counts from the trace (MLP over 16 summary bins), hand-written
    Poisson negative log-likelihood, Adam 1e-3; broken predicts the rate through a relu output
    (bias started at 2) and takes log(rate), the fix predicts log-rate and exponentiates."""
    import tensorflow as tf

    keras = _keras()
    trace, _, wear, _ = _grinder(N, seed=15637)
    r = np.random.default_rng(15638)
    sparks = r.poisson(np.exp(-1.0 + 2.5 * wear)).astype("float32")[:, None]
    bins = np.abs(trace[..., 0]).reshape(len(trace), 16, 4).mean(axis=2)
    bins = ((bins - bins.mean(axis=0)) / bins.std(axis=0)).astype("float32")
    out = dict(activation="relu", bias_initializer=keras.initializers.Constant(2.0)) if broken \
        else dict(activation=None)
    model = keras.Sequential([
        keras.Input((16,)),
        keras.layers.Dense(32, activation="relu", kernel_initializer=_glorot(15639)),
        keras.layers.Dense(32, activation="relu", kernel_initializer=_glorot(15640)),
        keras.layers.Dense(1, kernel_initializer=_glorot(15641), **out),
    ])

    def rate_nll(counts, rate):
        return tf.reduce_mean(rate - counts * tf.math.log(rate))

    def log_rate_nll(counts, log_rate):
        return tf.reduce_mean(tf.exp(log_rate) - counts * log_rate)

    return _custom_loop(session, model, keras.optimizers.Adam(1e-3),
                        rate_nll if broken else log_rate_nll, bins, sparks, epochs=10,
                        batch_size=32, seed=15638, loss_description=keras.losses.Poisson())


# The first non-finite loss is the loop's 35th step (exact for these seeds).
@holdout156("knifegrinders", ["non_finite_values"], stall_begins=35)
def relu_rate_log_loop(session):
    """Custom loop with a hand-written Poisson negative log-likelihood, mean(rate - count *
    log(rate)), where the rate comes out of a relu: once the idle wheels push some predicted
    rates to exactly 0, log(0) = -inf, the loss and the gradients turn NaN and so do the weights
    (the loop trains on with NaN)."""
    return _spark_rate_loop(session, broken=True)
