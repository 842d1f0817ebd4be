"""The hundred-and-sixth held-out catalogue: written by someone who did not read the engine or run
the diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History and the per-step loss, in a throwaway script with the runner's seed), and
every broken one against the same model trained without its mistake (each helper
`_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Packmen: a pack's weight from ten features with
scale noise growing with the load, an MLP under PiecewiseConstantDecay (small steps down at each
drop, then the noise floor); the kind of route from 40 readings by a Conv1D net, a fifth of the
labels wrong; the next stage's tolls by an LSTM in a hand-written GradientTape loop under Huber
loss against Student-t noise. Chapmen: stall-goods images by a small CNN, one class rare and no
class weights (a long fall still going); chapbook sales from only 192 titles by an MLP 128-128
that memorises them over 60 epochs; customers per hour (Poisson counts) by an exponential-output
MLP under keras's Poisson loss. Pedlars: the route kind by a MultiHeadAttention block under AdamW
with warm-up and cosine decay; takings at the 0.8 quantile from an Embedding of the town and six
numeric features (two inputs, pinball loss, gamma noise); noisy stall-goods images by a CNN under
SGD with momentum and ReduceLROnPlateau. Hawkers: sales by a tanh MLP under plain SGD at 0.003
(a long slow descent); stall-goods images by a CNN in a hand-written GradientTape loop, a tenth
mislabelled; the ware cried from 16 tokens by an Embedding bag under RMSprop, a tenth mislabelled.

The broken half, one root cause each: Adam at 1.0 read off a learning-rate finder's minimum for a
GRU (learning rate too high); a five-digit postcode left in as a number beside km and kg
(unnormalised inputs); np.log of sale amounts where returns are booked at 0, -inf features
(non-finite values); a sigmoid head on a share given in percent (loss/activation mismatch); a 1x1
'projection' Conv2D given filters=1 before global pooling (insufficient capacity); Dense kernels
initialised with a DCGAN batch-norm gamma initialiser, RandomNormal(mean=1.0, stddev=0.02)
(poor initialisation); ten stacked sigmoid Conv1D layers (vanishing gradients); tanh layers and
a tanh head initialised from N(0, 1) (saturated activations, with poor initialisation as the
cause of the saturation); a NonNeg kernel constraint for 'monotone' inputs that are
log-probabilities, all negative, under plain SGD (dead ReLUs); CosineDecay with decay_steps given
in epochs (learning rate too low); L2(0.5) on the embeddings and kernels, the coefficient taken
from a dropout rate (over-regularisation); MeanSquaredError(reduction='sum') under SGD with batch
128 (exploding gradients: 128-fold gradients, the loss jumping about the constant level).

Dropped or replaced because they did not behave as intended: Adam at 0.3 from the finder (still
learning, ~0.22 and falling; 1.0 kept); the 1x1 projection with a relu (its single channel died
at once, a dead unit rather than a capacity limit; made linear) and at Adam 2e-3 (still falling
at the end; 1e-2 kept, and its fixed variant reaches ~0.04); N(0, 1) tanh hidden layers under a
sigmoid head and binary cross-entropy (the head learnt a linear readout of the saturated units
and kept falling; the tanh head under MSE kept); L2(0.5) on the embeddings alone (kept learning,
~0.31 and falling; put on every kernel); a -9999 'not asked' sentinel in one column for the dead
ReLUs (the loss jumped about chaotically, ~0.6 to ~95, not a clean dead layer); the NonNeg
constraint under Adam (Adam's moments moved the biases and the layer revived after five epochs;
plain SGD kept); reduction='sum' under SGD 0.02 with momentum and under plain SGD 0.01 (NaN at
once: a divergence, not a stall) and a relu SimpleRNN over 50 steps with the default orthogonal
recurrent kernel for the exploding gradients (it learnt as well as tanh).

With the runner's seed, `fit` visits the examples in the same order every epoch, so several
runs show a sawtooth within each epoch. Labels follow `scenarios.py`: `expected_causes[0]` is
the root cause the scenario was built around, a second cause only where that symptom is
genuinely present too (the N(0, 1) tanh net: the initialisation is what saturates it);
`stall_begins` is the optimizer step from which the loss stops improving (None: from the
start), exact where an event of the scenario causes it (the first -inf feature, in file order,
at step 1; the rate reaching zero at step 10), otherwise read off the per-step loss and marked
approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("packmen", "chapmen", "pedlars", "hawkers")

REGISTRY = []

holdout106 = registrar(REGISTRY)

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


def pack_weights(n, seed):
    """A packman's load: ten standardised features of the goods (bulk, density, wrapping,
    distance); the target is the pack's weight (standardised), a smooth function of them
    with a carrier's scale noise that grows with the load (heteroscedastic)."""
    r = _rng(seed)
    x = r.normal(size=(n, 10)).astype("float32")
    mean = (1.2 * x[:, 0] + 0.8 * np.tanh(x[:, 1] * x[:, 2]) + 0.5 * x[:, 3] ** 2
            - 0.6 * np.sin(2 * x[:, 4]) + 0.3 * x[:, 5])
    y = mean + (0.2 + 0.3 * np.abs(x[:, 0])) * r.normal(size=n)
    return x, _std(y)[:, None]


def route_signals(n, seed, length=40, flip=0.0, classes=4, weights=None):
    """A pedlar's day on the road as 40 readings of two channels (pace, takings); the class
    is the kind of route (flat, hilly, market day, fair) shown by a trend, a periodic
    swing, a burst or a step; a fraction `flip` of labels are wrong."""
    r = _rng(seed)
    y = r.choice(classes, size=n, p=weights)
    t = np.linspace(0, 1, length)
    x = 0.4 * r.normal(size=(n, length, 2))
    for k in range(n):
        c = y[k]
        if c == 0:
            x[k, :, 0] += r.uniform(0.8, 1.5) * t
        elif c == 1:
            x[k, :, 0] += 0.8 * np.sin(2 * np.pi * r.uniform(2, 4) * t + r.uniform(0, 6))
        elif c == 2:
            s = r.integers(5, length - 10)
            x[k, s:s + 6, 1] += 1.5
        else:
            s = r.integers(8, length - 8)
            x[k, s:, 1] += r.choice([-1.0, 1.0])
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, classes, n)) % classes, y)
    return x.astype("float32"), y.astype("int64")


def wares_tokens(n, seed, length=16, vocab=200, flip=0.0):
    """A hawker's cry as 16 word tokens out of 200; the class (one of four wares) is set by
    which of four small keyword sets appears most often; a fraction `flip` is mislabelled."""
    r = _rng(seed)
    y = r.integers(0, 4, n)
    x = r.integers(20, vocab, size=(n, length))
    for k in range(n):
        m = r.integers(2, 5)
        pos = r.choice(length, m, replace=False)
        x[k, pos] = 1 + 5 * y[k] + r.integers(0, 5, m)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 4, n)) % 4, y)
    return x.astype("int32"), y.astype("int64")


def stall_images(n, seed, size=16, flip=0.0):
    """16x16 grey images of a chapman's stall goods, four classes (a ring, a bar, a cross, a
    dot cluster) at random places with noise, pixel values in [0, 1]; `flip` mislabelled."""
    r = _rng(seed)
    y = r.integers(0, 4, n)
    yy, xx = np.mgrid[0:size, 0:size]
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        cy, cx = r.uniform(5, size - 5, 2)
        d = np.sqrt((yy - cy) ** 2 + (xx - cx) ** 2)
        if y[k] == 0:
            img = (np.abs(d - 3.5) < 1.0).astype(float)
        elif y[k] == 1:
            img = ((np.abs(yy - cy) < 1.2) & (np.abs(xx - cx) < 5)).astype(float)
        elif y[k] == 2:
            img = (((np.abs(yy - cy) < 1.0) | (np.abs(xx - cx) < 1.0)) & (d < 5)).astype(float)
        else:
            img = np.zeros((size, size))
            for _ in range(4):
                py, px = r.integers(1, size - 1, 2)
                img[py - 1:py + 1, px - 1:px + 1] = 1.0
        x[k, :, :, 0] = np.clip(img + 0.3 * r.normal(size=(size, size)), 0, 1)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 4, n)) % 4, y)
    return x, y.astype("int64")


# packmen ---------------------------------------------------------------------------------------


@holdout106("packmen", healthy=True)
def pack_weight_step_decay(session):
    """A pack's weight from ten features of the goods by an MLP 64-64 relu, Adam under
    PiecewiseConstantDecay (2e-3, then 4e-4 after step 160, then 8e-5 after step 320), the
    carrier's scale noise growing with the load: a quick fall, a small step down at each drop,
    then a floor at the noise."""
    keras = _keras()
    x, y = pack_weights(N, seed=10601)
    lr = keras.optimizers.schedules.PiecewiseConstantDecay([160, 320], [2e-3, 4e-4, 8e-5])
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(lr), "mse")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout106("packmen", healthy=True)
def route_kind_noisy_conv(session):
    """The kind of route from 40 readings of pace and takings by a Conv1D 16-32 relu net with
    global average pooling, 20% of the route books wrong, Adam 1e-3: a fall from ln 4 that
    levels off far above zero, where the wrong labels allow no better."""
    keras = _keras()
    x, y = route_signals(N, seed=10602, flip=0.2)
    model = keras.Sequential([
        keras.Input((40, 2)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout106("packmen", healthy=True)
def tolls_lstm_huber_loop(session):
    """The tolls paid on the next stage from 20 stages of three channels by an LSTM(16) in a
    hand-written GradientTape loop under Huber loss (delta 1), Adam 2e-3, against
    heavy-tailed Student-t (3 degrees of freedom) noise: a fall, then a flat floor well above
    zero."""
    keras = _keras()
    r = _rng(10603)
    x = np.cumsum(0.4 * r.normal(size=(N, 20, 3)), axis=1).astype("float32")
    y = 0.8 * x[:, -1, 0] - 0.5 * x[:, -5:, 1].mean(axis=1) + 0.3 * x[:, :, 2].mean(axis=1)
    y = _std(y + 0.5 * r.standard_t(3, size=N))[:, None]
    model = keras.Sequential([keras.Input((20, 3)), keras.layers.LSTM(16),
                              keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), keras.losses.Huber(1.0),
                        x, y, epochs=10, batch_size=32, seed=10603)


def _lr_finder_minimum(session, broken):
    keras = _keras()
    x, y = route_signals(N, seed=10604)
    model = keras.Sequential([keras.Input((40, 2)), keras.layers.GRU(24),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(1.0 if broken else 3e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout106("packmen", ["learning_rate_too_high"], stall_begins=None)
def route_kind_finder_rate(session):
    """The kind of route from 40 readings by a GRU(24) with a softmax head under Adam at 1.0:
    the rate was read off a learning-rate finder's plot at the bottom of the loss curve
    (where the loss is already about to blow up) instead of a tenth of it, so every
    update throws the recurrent weights about."""
    return _lr_finder_minimum(session, True)


def _postcode_numbers(session, broken):
    keras = _keras()
    r = _rng(10605)
    n = N
    # The packman's ledger: the destination's postcode district as written (a number from
    # 10000 to 99999), the distance in km, the load in kg, and three standardised features.
    district = r.integers(0, 12, n)
    code = 10000 + 7500 * district + r.integers(0, 500, n)
    km = r.uniform(2, 60, n)
    kg = r.uniform(5, 40, n)
    z = r.normal(size=(n, 3))
    effect = np.sin(1.7 * district) + 0.4 * (district % 3)
    y = (effect + 0.03 * km + 0.04 * kg + 0.6 * z[:, 0] * z[:, 1] - 0.4 * z[:, 2]
         + 0.2 * r.normal(size=n))
    if broken:
        feats = [code, km, kg]
    else:
        feats = [np.eye(12)[district].T, (km - 31) / 17, (kg - 22) / 10]
        feats = list(feats[0]) + feats[1:]
    x = np.column_stack(feats + [z]).astype("float32")
    model = keras.Sequential([keras.Input((x.shape[1],)),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, _std(y)[:, None], epochs=10, batch_size=32)


# Flat at ~5.2 (five times the constant prediction) from about step 150: approximate.
@holdout106("packmen", ["unnormalized_inputs"], stall_begins=150)
def carriage_postcode_numbers(session):
    """The carriage charge (standardised) from the ledger's columns as they are: the
    destination's postcode district as a five-digit number (10000 to 99999), the distance in
    km and the load in kg, beside three standardised features, into an MLP 64-64 relu, Adam
    1e-3. The postcode is both a category and a number ~5e4, so it swamps the first layer."""
    return _postcode_numbers(session, True)


def _log_amount(session, broken):
    keras = _keras()
    r = _rng(10606)
    amount = np.exp(r.normal(3.0, 1.0, N))
    # Returned goods are booked at an amount of exactly 0.
    returned = r.random(N) < 0.03
    amount[returned] = 0.0
    other = r.normal(size=(N, 5))
    y = (0.5 * np.log1p(amount) + np.sin(other[:, 0]) + 0.5 * other[:, 1] * other[:, 2]
         + 0.3 * returned + 0.2 * r.normal(size=N))
    feat = np.log(amount) if broken else np.log1p(amount)
    x = np.column_stack([feat, other]).astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(48, activation="relu"),
                              keras.layers.Dense(48, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, _std(y)[:, None], epochs=8, batch_size=32, shuffle=False)


# Row 25 (amount 0, log -inf) is in the first batch of the file-order pass: step 1.
@holdout106("packmen", ["non_finite_values"], stall_begins=25 // 32 + 1)
def sale_log_amount(session):
    """A sale's margin (standardised) from the log of its amount and five other features by
    an MLP 48-48 relu, Adam 1e-3, in file order. The amount is logged with np.log, not
    log1p, and returned goods are booked at exactly 0, so a few rows carry a feature of
    -inf: the first batch holding one (row 25, step 1) turns weights NaN, and the net
    falls back to a constant output."""
    return _log_amount(session, True)


# chapmen ---------------------------------------------------------------------------------------


@holdout106("chapmen", healthy=True)
def stall_goods_rare_kind(session):
    """The kind of ware on a stall image by a small CNN (Conv2D 8-16 relu, pooling), the
    dot-cluster kind one in fifteen and no class weights, Adam 2e-3: a slow start near the skewed
    prior's ~1.2, then a long fall that is still going, slowly, at the end."""
    keras = _keras()
    x, y = stall_images(N + 600, seed=10611)
    keep = (y != 3) | (_rng(10612).random(len(y)) < 0.1)
    x, y = x[keep][:N], y[keep][:N]
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout106("chapmen", healthy=True)
def chapbook_sales_small_data(session):
    """Chapbook sales (standardised) from twelve features of only 192 titles by an MLP
    128-128 relu, Adam 1e-3, over 60 short epochs: the training loss keeps falling well below
    the noise as the net memorises the small book list."""
    keras = _keras()
    x, y = pack_weights(192 + PROBE_SIZE, seed=10613)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=60, batch_size=32)


@holdout106("chapmen", healthy=True)
def customers_poisson_counts(session):
    """Customers at a chapman's stall per hour (Poisson counts, mean ~3) from eight
    features by an MLP 32-32 relu with an exponential output under keras's Poisson loss,
    Nadam 2e-3: a fall to the Poisson floor, which is far from zero."""
    keras = _keras()
    r = _rng(10614)
    x = r.normal(size=(N, 8)).astype("float32")
    rate = np.exp(0.9 + 0.5 * x[:, 0] - 0.3 * x[:, 1] ** 2 / 2 + 0.3 * np.sin(2 * x[:, 2]))
    y = r.poisson(rate).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    model.compile(keras.optimizers.Nadam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _percent_sigmoid(session, broken):
    keras = _keras()
    r = _rng(10615)
    x = r.normal(size=(N, 8)).astype("float32")
    share = 1 / (1 + np.exp(-(1.2 * x[:, 0] - 0.8 * x[:, 1] * x[:, 2] + 0.5 * np.sin(x[:, 3])
                              + 0.2 * r.normal(size=N))))
    y = (100.0 * share).astype("float32")[:, None]   # the sheet gives a percentage
    if not broken:
        y = y / 100.0
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    losses = _fit(session, model, x, y, epochs=10, batch_size=32)
    return losses


@holdout106("chapmen", ["loss_activation_mismatch"], stall_begins=None)
def sellout_share_percent(session):
    """The share of a chapman's stock sold by evening from eight features by an MLP 64-32
    relu with a sigmoid head 'because it is a share', under MSE, Adam 1e-3; the sheet gives
    the share in percent (0 to 100) and nobody divided by 100, so the head, capped at 1,
    cannot come near any target."""
    return _percent_sigmoid(session, True)


def _onehot_bottleneck(session, broken):
    keras = _keras()
    x, y = stall_images(N, seed=10616)
    width = 16 if not broken else 1
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Conv2D(width, 1),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-2), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# Levels off near 0.72 from about step 240 (0.05 with sixteen filters): approximate.
@holdout106("chapmen", ["insufficient_capacity"], stall_begins=240)
def goods_single_channel_projection(session):
    """The kind of ware on a stall image by a CNN whose 1x1 'projection' Conv2D was given
    filters=1 (meant: kernel size 1), a linear projection, so after global max pooling the four-way softmax sees a
    single number per image; Adam 2e-3."""
    return _onehot_bottleneck(session, True)


def _dcgan_gamma_init(session, broken):
    keras = _keras()
    x, y = pack_weights(N, seed=10617)
    init = (keras.initializers.RandomNormal(mean=1.0, stddev=0.02) if broken
            else "glorot_uniform")
    model = keras.Sequential([keras.Input((10,))]
                             + [keras.layers.Dense(64, activation="relu", kernel_initializer=init)
                                for _ in range(3)]
                             + [keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# Down from ~1e9 to ~1.1 (no better than a constant) by about step 224, then flat: approximate.
@holdout106("chapmen", ["poor_initialization"], stall_begins=224)
def pack_weight_gamma_init(session):
    """A pack's weight from ten features by an MLP 64-64-64 relu, Adam 1e-3, whose kernels
    were initialised with RandomNormal(mean=1.0, stddev=0.02), copied from a DCGAN's batch
    norm gamma initialiser: every unit starts as almost the same positive sum of its inputs,
    so the layers begin nearly symmetric and huge."""
    return _dcgan_gamma_init(session, True)


# pedlars ---------------------------------------------------------------------------------------


@holdout106("pedlars", healthy=True)
def route_attention_warmup(session):
    """The kind of route from 40 readings by one MultiHeadAttention block (2 heads, key dim
    8) over a Dense(16) embedding of each reading, with mean pooling, AdamW under CosineDecay
    with a 32-step linear warm-up to 3e-3 over 160 steps: a fall as the rate warms up, then a
    flattening as the cosine takes the rate down."""
    keras = _keras()
    x, y = route_signals(N, seed=10621, flip=0.05)
    inp = keras.Input((40, 2))
    h = keras.layers.Dense(16, activation="relu")(inp)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    out = keras.layers.Dense(4, activation="softmax")(h)
    model = keras.Model(inp, out)
    lr = keras.optimizers.schedules.CosineDecay(0.0, 160, warmup_target=3e-3, warmup_steps=32)
    model.compile(keras.optimizers.AdamW(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=5, batch_size=32)


def _pinball(tau):
    keras = _keras()

    def loss(y_true, y_pred):
        e = y_true - y_pred
        return keras.ops.mean(keras.ops.maximum(tau * e, (tau - 1.0) * e), axis=-1)

    return loss


@holdout106("pedlars", healthy=True)
def takings_quantile_two_inputs(session):
    """A pedlar's takings at the 0.8 quantile from the town (Embedding of 30 towns, 4
    dimensions) and six numeric features, two inputs, pinball loss, Adam 2e-3, against
    skewed gamma-distributed noise: a fall, then a floor far above zero."""
    keras = _keras()
    r = _rng(10622)
    town = r.integers(0, 30, N)
    z = r.normal(size=(N, 6)).astype("float32")
    town_effect = r.normal(size=30)
    y = (town_effect[town] + 0.6 * z[:, 0] + 0.4 * np.tanh(z[:, 1] * z[:, 2])
         + 0.8 * r.gamma(2.0, 0.5, N))
    y = _std(y)[:, None]
    t_in = keras.Input((1,), dtype="int32")
    z_in = keras.Input((6,))
    e = keras.layers.Flatten()(keras.layers.Embedding(30, 4)(t_in))
    h = keras.layers.Concatenate()([e, z_in])
    h = keras.layers.Dense(32, activation="relu")(h)
    out = keras.layers.Dense(1)(keras.layers.Dense(32, activation="relu")(h))
    model = keras.Model([t_in, z_in], out)
    model.compile(keras.optimizers.Adam(2e-3), _pinball(0.8))
    return _fit_inputs(session, model, [town[:, None].astype("int32"), z], y, epochs=10,
                       batch_size=32)


@holdout106("pedlars", healthy=True)
def goods_reduce_on_plateau(session):
    """The kind of ware on noisy stall images (15% mislabelled) by a CNN under SGD with
    momentum 0.9 at 0.02 and ReduceLROnPlateau (factor 0.3, patience 1, on the training
    loss): a fall, a flattening, and a further small step down after each cut."""
    keras = _keras()
    x, y = stall_images(N, seed=10623, flip=0.15)
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    cut = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=1, min_delta=0.01)
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[cut])


def _sigmoid_conv_stack(session, broken):
    keras = _keras()
    x, y = route_signals(N, seed=10624)
    act = "sigmoid" if broken else "relu"
    layers = [keras.Input((40, 2))]
    layers += [keras.layers.Conv1D(16, 3, padding="same", activation=act) for _ in range(10)]
    layers += [keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(4, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout106("pedlars", ["vanishing_gradients"], stall_begins=None)
def route_deep_sigmoid_conv(session):
    """The kind of route from 40 readings by a stack of ten Conv1D(16, 3) layers with
    activation='sigmoid', copied from an old gated-unit recipe, then global average pooling,
    SGD 0.05 with momentum 0.9: the gradient that reaches the first layers is a product of
    ten sigmoid slopes of at most 1/4."""
    return _sigmoid_conv_stack(session, True)


def _normal_init_tanh(session, broken):
    keras = _keras()
    r = _rng(10625)
    x = r.normal(size=(N, 32)).astype("float32")
    score = np.tanh(0.6 * x[:, 0] - 0.5 * x[:, 1] * x[:, 2] + 0.4 * np.sin(2 * x[:, 3])
                    + 0.3 * x[:, 4])
    y = np.clip(score + 0.1 * r.normal(size=N), -1, 1).astype("float32")[:, None]
    init = keras.initializers.RandomNormal(stddev=1.0) if broken else "glorot_uniform"
    model = keras.Sequential([keras.Input((32,))]
                             + [keras.layers.Dense(64, activation="tanh", kernel_initializer=init)
                                for _ in range(2)]
                             + [keras.layers.Dense(1, activation="tanh", kernel_initializer=init)])
    model.compile(keras.optimizers.SGD(0.02), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# Near 1.2 from about step 16, creeping down by ~0.3% an epoch (0.13 with Glorot): approximate.
@holdout106("pedlars", ["saturated_activations", "poor_initialization"],
            stall_begins=16)
def licence_score_unit_normal(session):
    """A licence inspector's score of a pedlar (in [-1, 1]) from 32 standardised features
    by an MLP of two Dense(64, tanh) layers and a tanh head, all initialised with
    RandomNormal(stddev=1.0), 'weights from N(0, 1)' as in a textbook, MSE, SGD 0.02: the
    pre-activations have spreads of ~6 and ~8, so nearly every tanh, the head's too, sits at
    +-1 with a slope near zero."""
    return _normal_init_tanh(session, True)


def _monotone_log_odds(session, broken):
    keras = _keras()
    r = _rng(10626)
    # Six upstream classifiers' log-probabilities that a pitch is busy (all <= 0).
    logits = r.normal(size=(N, 6)) * 1.5
    logp = -np.log1p(np.exp(-logits))
    y = (np.sum(logits[:, :3], axis=1) * 0.4 + 0.5 * np.tanh(logits[:, 3] * logits[:, 4])
         + 0.3 * np.maximum(logits[:, 5], 0) + 0.2 * r.normal(size=N))
    constraint = keras.constraints.NonNeg() if broken else None
    # plain SGD: no momentum
    model = keras.Sequential([keras.Input((6,)),
                              keras.layers.Dense(64, activation="relu",
                                                 kernel_constraint=constraint),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.05), "mse")
    return _fit(session, model, logp.astype("float32"), _std(y)[:, None], epochs=8,
                batch_size=32)


@holdout106("pedlars", ["dead_relus"], stall_begins=None)
def footfall_monotone_log_probs(session):
    """A pitch's footfall (standardised) from six upstream models' log-probabilities that
    the pitch is busy, by an MLP 64-64 relu, plain SGD 0.05, whose first layer was given
    kernel_constraint=NonNeg() 'so that footfall can only rise with each probability'. The
    inputs are logs of probabilities, all negative, and the biases start at zero: after
    the first update clips the negative weights, every first-layer unit's input is at or
    below zero, so it outputs zero and passes no gradient back."""
    return _monotone_log_odds(session, True)


# hawkers ---------------------------------------------------------------------------------------


@holdout106("hawkers", healthy=True)
def cry_slow_sgd(session):
    """A hawker's sales (standardised) from ten features by an MLP 32-32 tanh under plain
    SGD at 0.003: a long, slow, steady descent, still improving at the end of 14 epochs."""
    keras = _keras()
    x, y = pack_weights(N, seed=10631)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(32, activation="tanh"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.003), "mse")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout106("hawkers", healthy=True)
def wares_image_loop(session):
    """The kind of ware on stall images (10% mislabelled) by a small CNN in a hand-written
    GradientTape loop, Adam 2e-3, sparse categorical cross-entropy: a fall from ln 4 that
    levels off above zero at the wrong labels."""
    keras = _keras()
    x, y = stall_images(N, seed=10632, flip=0.1)
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3),
                        keras.losses.SparseCategoricalCrossentropy(), x, y, epochs=10,
                        batch_size=32, seed=10632)


@holdout106("hawkers", healthy=True)
def cry_words_bag(session):
    """The ware a hawker cries from 16 word tokens by an Embedding(200, 16) with global
    average pooling and a Dense(32) relu layer, 10% of the cries mislabelled, RMSprop 2e-3:
    a slow start, a fall, and a floor above zero."""
    keras = _keras()
    x, y = wares_tokens(N, seed=10633, flip=0.1)
    model = keras.Sequential([keras.Input((16,), dtype="int32"), keras.layers.Embedding(200, 16),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.RMSprop(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _cosine_in_epochs(session, broken):
    keras = _keras()
    x, y = wares_tokens(N, seed=10634)
    epochs = 10
    steps = epochs if broken else epochs * 16
    lr = keras.optimizers.schedules.CosineDecay(3e-3, decay_steps=steps)
    model = keras.Sequential([keras.Input((16,), dtype="int32"), keras.layers.Embedding(200, 16),
                              keras.layers.GRU(16), keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=epochs, batch_size=64)


# The rate reaches zero at step 10 (decay_steps=10): exact.
@holdout106("hawkers", ["learning_rate_too_low"], stall_begins=10)
def cry_gru_cosine_epochs(session):
    """The ware cried from 16 tokens by Embedding(200, 16) and a GRU(16), Adam under
    CosineDecay(3e-3, decay_steps=10) where decay_steps was given the number of epochs, not
    of optimizer steps: the rate reaches zero after the tenth of 160 steps and stays there."""
    return _cosine_in_epochs(session, True)


def _embedding_l2(session, broken):
    keras = _keras()
    x, y = wares_tokens(N, seed=10635)
    reg = keras.regularizers.L2(0.5) if broken else None
    model = keras.Sequential([keras.Input((16,), dtype="int32"),
                              keras.layers.Embedding(200, 16, embeddings_regularizer=reg),
                              keras.layers.Conv1D(32, 3, activation="relu", padding="same",
                                                  kernel_regularizer=reg),
                              keras.layers.GlobalMaxPooling1D(),
                              keras.layers.Dense(4, activation="softmax", kernel_regularizer=reg)])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


# The penalty has shrunk to nothing and the loss sits at ln 4 from about step 270: approximate.
@holdout106("hawkers", ["over_regularization"], stall_begins=270)
def cry_conv_embedding_l2(session):
    """The ware cried from 16 tokens by Embedding(200, 16), a Conv1D(32, 3) relu and global
    max pooling, Adam 2e-3, with L2(0.5) as the embeddings_regularizer and on the Conv1D and
    Dense kernels, the coefficient taken from the dropout rate in the same config: the
    penalty pulls every weight to zero faster than the cross-entropy can spread them, and
    the loss sinks to the constant-prediction ln 4 and stays."""
    return _embedding_l2(session, True)


def _sum_reduction(session, broken):
    keras = _keras()
    x, y = pack_weights(N, seed=10636)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    loss = keras.losses.MeanSquaredError(reduction="sum" if broken else "sum_over_batch_size")
    model.compile(keras.optimizers.SGD(0.004), loss)
    return _fit(session, model, x, y, epochs=10, batch_size=128)


# Jumping about 128 (1.0 an example) from the second epoch, step 8 on: approximate.
@holdout106("hawkers", ["exploding_gradients"], stall_begins=8)
def hawker_takings_sum_reduction(session):
    """A hawker's takings (standardised) from ten features by an MLP 64-64 relu, plain SGD
    0.004, batch 128, under MeanSquaredError(reduction='sum'), set to 'count every example':
    the loss and its gradients are 128 times the mean's, so each update overshoots and the
    loss jumps about at the constant-prediction level."""
    return _sum_reduction(session, True)
