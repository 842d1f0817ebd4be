"""The fourth held-out catalogue: written BEFORE the engine changes of the verdict work's last
round, and scored once after them.

`benchmarks/accuracy.py --catalogue holdout4` scores the engine on these runs. It is measured
once, after that round, and that number is the honest estimate; once its misses are studied it
stops being held out (say so where it is reported). Written from how trainings behave in
practice, without reading the engine's detectors or thresholds, and without running the
diagnosis on these runs: every scenario was checked only from its own loss curve.

About half of it is healthy-but-imperfect training of kinds no other catalogue has: a
character model on a random Markov chain (the loss floors at the chain's entropy), a
dot-product recommender on noisy ratings, multi-label tagging with noisy tags, a per-step
ExponentialDecay schedule, CosineDecayRestarts (the loss bumps at each restart), class weights
on an imbalanced problem, a GaussianNoise augmentation layer, EarlyStopping that ends the run,
a frozen random feature base under a trainable head, a pinball (quantile) loss on
heteroscedastic targets, a very large batch, and a hand-written loop on a noisy problem. A
tool that calls these STALLED gets switched off, so each one must come back with no problem
interval.

The broken half uses models and mechanisms the other catalogues do not: dot-product
recommenders (zero-initialised embedding tables, SGD with momentum 0.99 at a large rate, a
rank-1 factorisation of rank-8 data, an L2 of 1 on the embeddings), Conv2DTranspose decoders
(Adadelta at its default rate, kernels of mean -0.5 under relu), 16-bit pixels into a
DepthwiseConv2D net under SGD, a 14-layer per-time-step sigmoid stack, a
12-layer linear stack with orthogonal gain 3, a SimpleRNN whose tanh bias starts at +8,
a max-norm constraint of 0.03 on every kernel, and a pressure column in pascals stored as
float16 (overflow to inf).

Labels follow `scenarios.py`: `expected_causes[0]` is the root cause the scenario was built
around, a second cause only where that symptom is genuinely present too; `stall_begins` is the
optimizer step from which the loss stops improving (None: from the start), exact where an
event of the scenario causes it, otherwise read off the per-step loss and marked approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _split, registrar

FAMILIES = ("charlm", "recsys", "tags", "decoder", "sensors")

REGISTRY = []

holdout4 = registrar(REGISTRY)


# ---------------------------------------------------------------------------------------------
# data (new generators: none of data.py's or the other held-out catalogues')


def _rng(seed):
    return np.random.default_rng(seed)


def markov_chain(vocab, seed, concentration=0.3):
    """A random first-order chain over `vocab` symbols: (transition matrix, stationary
    distribution, entropy rate in nats). Each row is Dirichlet(concentration): a few likely
    successors per symbol, never a deterministic one."""
    r = _rng(seed)
    p = r.dirichlet(np.full(vocab, concentration), size=vocab)
    p = 0.97 * p + 0.03 / vocab  # every transition possible
    w, v = np.linalg.eig(p.T)
    pi = np.real(v[:, np.argmin(np.abs(w - 1.0))])
    pi = pi / pi.sum()
    rate = float(-(pi[:, None] * p * np.log(p)).sum())
    return p, pi, rate


def markov_text(n, seed, vocab=12, window=8, concentration=0.3):
    """`n` windows of `window` symbols from one long walk of a random chain, each with the next
    symbol as its target. The best possible cross-entropy is the chain's entropy rate."""
    p, _, _ = markov_chain(vocab, seed, concentration)
    r = _rng(seed + 1)
    walk = np.empty(n + window, dtype=np.int64)
    walk[0] = r.integers(vocab)
    cum = np.cumsum(p, axis=1)
    u = r.random(len(walk))
    for t in range(1, len(walk)):
        walk[t] = min(np.searchsorted(cum[walk[t - 1]], u[t]), vocab - 1)
    idx = np.arange(n)[:, None] + np.arange(window)[None, :]
    order = r.permutation(n)
    return walk[idx][order].astype("int32"), walk[np.arange(n) + window][order].astype("int32")


def ratings(n, seed, users=300, items=200, rank=4, noise=0.5):
    """`n` (user, item) pairs [n, 2] with a rating u.v + user bias + item bias + Gaussian noise
    of std `noise` relative to the signal's std, standardized. Returns (pairs, rating, noise
    share of the rating's variance)."""
    r = _rng(seed)
    u = r.normal(size=(users, rank))
    v = r.normal(size=(items, rank))
    bu, bv = r.normal(0, 0.5, size=users), r.normal(0, 0.5, size=items)
    pu, pv = r.integers(users, size=n), r.integers(items, size=n)
    signal = (u[pu] * v[pv]).sum(1) / np.sqrt(rank) + bu[pu] + bv[pv]
    y = signal + noise * signal.std() * r.normal(size=n)
    share = noise ** 2 / (1.0 + noise ** 2)
    y = (y - y.mean()) / y.std()
    return np.stack([pu, pv], 1).astype("int32"), y.astype("float32"), share


def tagged_items(n, seed, dim=20, tags=8, flip=0.0):
    """Item features [n, dim] (standardized) and `tags` binary tags [n, tags], each tag set by a
    random two-layer teacher thresholded so ~30% of items carry it; a `flip` share of the tag
    entries is inverted (annotator noise)."""
    r = _rng(seed)
    x = r.normal(size=(n, dim))
    w1 = r.normal(size=(dim, 32)) / np.sqrt(dim)
    w2 = r.normal(size=(32, tags)) / np.sqrt(32)
    score = np.tanh(x @ w1) @ w2
    y = (score > np.quantile(score, 0.7, axis=0)).astype("float32")
    flipped = r.random(y.shape) < flip
    y[flipped] = 1.0 - y[flipped]
    return x.astype("float32"), y


def blobs_images(n, seed, size=16, noise=0.02):
    """A Gaussian blob drawn from a 4-number code (x, y, radius, brightness): codes [n, 4]
    (standardized) and images [n, size, size, 1] in [0, 1], with a little pixel noise."""
    r = _rng(seed)
    cx, cy = r.uniform(3, size - 3, size=n), r.uniform(3, size - 3, size=n)
    rad, bright = r.uniform(1.2, 3.5, size=n), r.uniform(0.4, 1.0, size=n)
    g = np.arange(size)
    d2 = (g[None, :, None] - cy[:, None, None]) ** 2 + (g[None, None, :] - cx[:, None, None]) ** 2
    img = bright[:, None, None] * np.exp(-d2 / (2 * rad[:, None, None] ** 2))
    img = np.clip(img + noise * r.normal(size=img.shape), 0.0, 1.0)
    codes = np.stack([cx, cy, rad, bright], 1)
    codes = (codes - codes.mean(0)) / codes.std(0)
    return codes.astype("float32"), img[..., None].astype("float32")


def bar_images(n, seed, size=16, noise=0.3):
    """16x16 images of one bar at one of 4 orientations (0, 45, 90, 135 degrees) at a random
    place, plus Gaussian pixel noise; values in [0, 1]. Returns (images [n,16,16,1], class)."""
    r = _rng(seed)
    y = r.integers(0, 4, size=n)
    img = np.zeros((n, size, size))
    steps = np.arange(-4, 5)
    for i in range(n):
        cx, cy = r.integers(5, size - 5, size=2)
        dx, dy = [(1, 0), (1, 1), (0, 1), (1, -1)][y[i]]
        img[i, cy + dy * steps, cx + dx * steps] = 1.0
    img = np.clip(img + noise * r.normal(size=img.shape), 0.0, 1.0)
    return img[..., None].astype("float32"), y.astype("int32")


def plant_sensors(n, seed, dim=8, noise=0.3, hetero=False):
    """Process-plant readings [n, dim] (standardized) and a yield target: a smooth non-linear
    function plus Gaussian noise of std `noise` (with `hetero`, the noise std grows with
    |x0|: 0.1 to ~1.5). The target is standardized."""
    r = _rng(seed)
    x = r.normal(size=(n, dim))
    f = (np.tanh(x[:, 0] + 0.5 * x[:, 1]) + 0.6 * np.cos(1.5 * x[:, 2]) + 0.4 * x[:, 3] * x[:, 4]
         + 0.3 * x[:, 5])
    scale = (0.1 + 0.6 * np.abs(x[:, 0])) if hetero else noise
    y = f + scale * r.normal(size=n)
    return x.astype("float32"), ((y - y.mean()) / y.std()).astype("float32")


def sensor_sequences(n, seed, length=20, channels=3):
    """Sequences [n, length, channels] of standardized readings; the target is the mean over
    time of channel 0 times channel 1 plus a little noise (standardized)."""
    r = _rng(seed)
    x = r.normal(size=(n, length, channels))
    x = x + 0.6 * np.cumsum(r.normal(0, 0.3, size=(n, length, channels)), axis=1)
    y = (x[:, :, 0] * x[:, :, 1]).mean(1) + 0.1 * r.normal(size=n)
    x = (x - x.mean((0, 1))) / x.std((0, 1))
    return x.astype("float32"), ((y - y.mean()) / y.std()).astype("float32")


# ---------------------------------------------------------------------------------------------
# models


def _char_model(keras, vocab=12, window=8, hidden=32):
    return keras.Sequential([keras.Input((window,), dtype="int32"),
                             keras.layers.Embedding(vocab, 8), keras.layers.Flatten(),
                             keras.layers.Dense(hidden, activation="relu"),
                             keras.layers.Dense(vocab, activation="softmax")])


def _recommender(keras, users=300, items=200, rank=8, biases=True, **embedding_kw):
    """Dot-product matrix factorisation on [user, item] id pairs (one int input of width 2)."""
    pairs = keras.Input((2,), dtype="int32")
    user, item = pairs[:, 0], pairs[:, 1]
    pu = keras.layers.Embedding(users, rank, name="user_factors", **embedding_kw)(user)
    pv = keras.layers.Embedding(items, rank, name="item_factors", **embedding_kw)(item)
    score = keras.layers.Dot(axes=1)([pu, pv])
    if biases:
        bu = keras.layers.Embedding(users, 1, embeddings_initializer="zeros",
                                    name="user_bias")(user)
        bv = keras.layers.Embedding(items, 1, embeddings_initializer="zeros",
                                    name="item_bias")(item)
        score = keras.layers.Add()([score, bu, bv])
    return keras.Model(pairs, score)


def _decoder(keras, out_activation="sigmoid", **conv_kw):
    """4-number code -> Dense -> 4x4x16 -> two Conv2DTranspose (stride 2, relu) -> 16x16x1."""
    return keras.Sequential([
        keras.Input((4,)),
        keras.layers.Dense(4 * 4 * 16, activation="relu"),
        keras.layers.Reshape((4, 4, 16)),
        keras.layers.Conv2DTranspose(16, 3, strides=2, padding="same", activation="relu",
                                     **conv_kw),
        keras.layers.Conv2DTranspose(8, 3, strides=2, padding="same", activation="relu",
                                     **conv_kw),
        keras.layers.Conv2D(1, 3, padding="same", activation=out_activation)])


def _tagger(keras, dim=20, tags=8, out_activation="sigmoid", hidden=(64, 64)):
    layers = [keras.Input((dim,))]
    layers += [keras.layers.Dense(h, activation="relu") for h in hidden]
    layers.append(keras.layers.Dense(tags, activation=out_activation))
    return keras.Sequential(layers)


def _sensor_mlp(keras, dim=8, hidden=(48, 48), noise_std=None):
    layers = [keras.Input((dim,))]
    if noise_std is not None:
        layers.append(keras.layers.GaussianNoise(noise_std))
    layers += [keras.layers.Dense(h, activation="relu") for h in hidden]
    layers.append(keras.layers.Dense(1))
    return keras.Sequential(layers)


def _fit_class_weighted(session, model, x, y, class_weight, *, epochs, batch_size):
    """`_fit` with Keras's `class_weight`. Returns the per-epoch mean training loss."""
    (x_train, y_train), probe = _split(x, y)
    history = model.fit(x_train, y_train, epochs=epochs, batch_size=batch_size, verbose=0,
                        class_weight=class_weight, callbacks=session.callbacks(probe))
    return history.history["loss"]


def _pinball(tau):
    def pinball(y_true, y_pred):
        import keras

        e = keras.ops.reshape(y_true, (-1,)) - keras.ops.reshape(y_pred, (-1,))
        return keras.ops.mean(keras.ops.maximum(tau * e, (tau - 1.0) * e))

    pinball.__name__ = f"pinball_{tau}"
    return pinball


# ---------------------------------------------------------------------------------------------
# healthy but imperfect: the loss ends far above zero, or bumps and resumes


@holdout4("charlm", healthy=True)
def markov_entropy_floor(session):
    """Next-symbol prediction on a random 12-symbol Markov chain (windows of 8): Embedding,
    Dense 32 relu, softmax, Adam 3e-3, batch 32. Learns the transitions; the cross-entropy
    reaches the chain's entropy rate (1.61 nats; a little below it by the end, memorising
    windows), far above 0 and below the unigram entropy (2.36, the constant prediction's)."""
    keras = _keras()
    x, y = markov_text(2048 + PROBE_SIZE, seed=4101)
    model = _char_model(keras)
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout4("charlm", healthy=True)
def exponential_decay_per_step_rnn(session):
    """Markov-chain character model with a SimpleRNN(24), Adam with a per-step
    ExponentialDecay(5e-3, decay_steps=100, decay_rate=0.6) (as intended: the rate halves about
    every 135 steps). Falls from ln 12 towards the chain's entropy rate (1.69 nats; unigram
    2.34) and slows down as the rate decays."""
    keras = _keras()
    x, y = markov_text(2048 + PROBE_SIZE, seed=4102)
    model = keras.Sequential([keras.Input((8,), dtype="int32"), keras.layers.Embedding(12, 8),
                              keras.layers.SimpleRNN(24), keras.layers.Dense(12, activation="softmax")])
    schedule = keras.optimizers.schedules.ExponentialDecay(5e-3, decay_steps=100, decay_rate=0.6)
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout4("charlm", healthy=True)
def custom_loop_markov_logits(session):
    """Hand-written tf.function GradientTape loop on a noisier Markov chain (concentration 1.0,
    entropy rate 2.17 nats, unigram 2.44, ln 12 = 2.48): logits output,
    SparseCategoricalCrossentropy(from_logits), RMSprop 5e-3, batch 32. Falls from ln 12 to
    about the chain's entropy rate: a small gain is all the data allows."""
    keras = _keras()
    x, y = markov_text(2048 + PROBE_SIZE, seed=4103, concentration=1.0)
    model = keras.Sequential([keras.Input((8,), dtype="int32"), keras.layers.Embedding(12, 8),
                              keras.layers.Flatten(), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(12)])
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.RMSprop(5e-3), loss, x, y,
                        epochs=8, batch_size=32, seed=4103)


@holdout4("recsys", healthy=True)
def noisy_ratings_factorization(session):
    """Dot-product recommender (rank 8 + user/item biases) on 5000 ratings of rank-4 data where
    noise is 30% of the variance: Adam 1e-2, MSE, batch 64. Fits the factors; with ~17
    ratings a user it ends a little below the noise share (it memorises some noise), far below
    the constant prediction's loss (1.0) and above 0, still creeping down."""
    keras = _keras()
    x, y, _ = ratings(5000 + PROBE_SIZE, seed=4201, noise=0.65)
    model = _recommender(keras, embeddings_regularizer=keras.regularizers.L2(1e-4))
    model.compile(keras.optimizers.Adam(1e-2), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=64)


@holdout4("recsys", healthy=True)
def large_batch_1024(session):
    """The recommender at batch 1024 (5 steps an epoch), Adam 3e-2, 40 epochs: few, smooth
    steps; falls and levels off early near what rank 8 can fit of noisy data."""
    keras = _keras()
    x, y, _ = ratings(5000 + PROBE_SIZE, seed=4202, noise=0.5)
    model = _recommender(keras, embeddings_regularizer=keras.regularizers.L2(1e-4))
    model.compile(keras.optimizers.Adam(3e-2), "mse")
    return _fit(session, model, x, y, epochs=40, batch_size=1024)


@holdout4("tags", healthy=True)
def noisy_multilabel_tags(session):
    """8 independent tags (~30% positive each) with 10% of tag entries flipped: 2x64 relu MLP,
    sigmoid outputs, binary cross-entropy, Adam 1e-3, batch 32. Ends far above 0 (the flips
    alone cost ~0.33 nats a tag) and below the prior's entropy (~0.64)."""
    keras = _keras()
    x, y = tagged_items(2048 + PROBE_SIZE, seed=4301, flip=0.1)
    model = _tagger(keras)
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout4("tags", healthy=True)
def class_weighted_imbalanced(session):
    """Three classes at ~80/15/5% (which band of one tag score an item falls in), 2x32 relu MLP,
    softmax, Adam 2e-3, batch 32, with `class_weight` inverse to the class frequency: the
    weighted loss starts high and falls to a noisy floor (the bands overlap through noise)."""
    keras = _keras()
    x, _ = tagged_items(2048 + PROBE_SIZE, seed=4302)
    r = _rng(4302)
    score = np.tanh(x[:, :6] @ r.normal(size=6)) + 0.3 * r.normal(size=len(x))
    y = np.digitize(score, np.quantile(score, [0.8, 0.95])).astype("int32")
    counts = np.bincount(y[:-PROBE_SIZE], minlength=3)
    weights = {c: float(len(y) / (3 * counts[c])) for c in range(3)}
    model = _tagger(keras, tags=3, out_activation="softmax", hidden=(32, 32))
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit_class_weighted(session, model, x, y, weights, epochs=8, batch_size=32)


COSINE_RESTART_STEPS = 120


@holdout4("decoder", healthy=True)
def cosine_restarts_decoder(session):
    """Conv2DTranspose decoder drawing a blob from its 4-number code, MSE, Adam with
    CosineDecayRestarts(3e-3, first_decay_steps=120, t_mul=1.5): the loss falls, bumps up a
    little at each restart (steps 120, 300) and keeps improving after; pixel noise floor."""
    keras = _keras()
    x, y = blobs_images(1536 + PROBE_SIZE, seed=4401)
    model = _decoder(keras)
    schedule = keras.optimizers.schedules.CosineDecayRestarts(3e-3, COSINE_RESTART_STEPS,
                                                              t_mul=1.5)
    model.compile(keras.optimizers.Adam(schedule), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout4("decoder", healthy=True)
def frozen_random_conv_base(session):
    """Transfer-style: a random (never trained) conv base frozen with trainable=False under a
    trainable Dense head, on noisy bar orientations, Adam 3e-3, batch 32. The head learns from
    the fixed random features; the loss falls steadily all run: nothing to fix."""
    keras = _keras()
    x, y = bar_images(1536 + PROBE_SIZE, seed=4402)
    base = keras.Sequential([keras.Input((16, 16, 1)),
                             keras.layers.Conv2D(16, 5, activation="relu", padding="same"),
                             keras.layers.MaxPooling2D(4),
                             keras.layers.Flatten()], name="random_base")
    base.trainable = False
    model = keras.Sequential([keras.Input((16, 16, 1)), base,
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout4("sensors", healthy=True)
def gaussian_noise_augmentation(session):
    """Plant-yield regression with a GaussianNoise(0.7) layer on the standardized inputs (heavy
    augmentation): 2x48 relu MLP, Adam 1e-3, MSE, batch 32. The training loss stays noisy and
    high (the noise hides part of the signal) but falls clearly below the constant's (1.0)."""
    keras = _keras()
    x, y = plant_sensors(1536 + PROBE_SIZE, seed=4501, noise=0.3)
    model = _sensor_mlp(keras, noise_std=0.7)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout4("sensors", healthy=True)
def early_stopping_restores_best(session):
    """Plant-yield regression with large target noise, 2x48 relu MLP, Adam 2e-3, batch 64, up
    to 60 epochs with EarlyStopping(monitor='loss', min_delta=0.01, patience=2,
    restore_best_weights=True): it falls to near the noise floor and, once an epoch gains less
    than 0.01, the callback ends the run (the loss was still creeping down, slowly)."""
    keras = _keras()
    x, y = plant_sensors(1024 + PROBE_SIZE, seed=4502, noise=0.9)
    model = _sensor_mlp(keras)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    stop = keras.callbacks.EarlyStopping(monitor="loss", min_delta=0.01, patience=2,
                                         restore_best_weights=True)
    return _fit(session, model, x, y, epochs=60, batch_size=64, callbacks=[stop])


@holdout4("sensors", healthy=True)
def pinball_quantile_heteroscedastic(session):
    """90th-percentile regression (pinball loss, tau 0.9) of plant yield whose noise std grows
    with |x0|: 2x48 relu MLP, Adam 2e-3, batch 32. The pinball loss cannot go to 0 on noisy
    targets; it falls from the constant quantile's and flattens."""
    keras = _keras()
    x, y = plant_sensors(1536 + PROBE_SIZE, seed=4503, hetero=True)
    model = _sensor_mlp(keras)
    model.compile(keras.optimizers.Adam(2e-3), _pinball(0.9))
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# ---------------------------------------------------------------------------------------------
# broken


# Both factor tables start at exactly 0: the score u.v is 0, its gradient w.r.t. u is v = 0
# and w.r.t. v is u = 0, so the factors can never move (no biases): flat at mean(y^2) = 1.
@holdout4("recsys", ["poor_initialization"])
def zero_initialized_factors(session):
    """Dot-product recommender without biases, both Embedding tables
    embeddings_initializer='zeros', Adam 1e-2, MSE, batch 64."""
    keras = _keras()
    x, y, _ = ratings(5000 + PROBE_SIZE, seed=4211, noise=0.3)
    model = _recommender(keras, biases=False, embeddings_initializer="zeros")
    model.compile(keras.optimizers.Adam(1e-2), "mse")
    return _fit(session, model, x, y, epochs=6, batch_size=64)


# SGD at 0.2 with momentum 0.99 (an effective step of 20) on the factors: the loss dips a
# little below the constant prediction's (1.0) in the first ~30 steps, then swings up and
# overflows to NaN at step 265 (approximate start: 30).
@holdout4("recsys", ["learning_rate_too_high", "non_finite_values"], stall_begins=30)
def sgd_momentum_099_lr_0_2(session):
    """Dot-product recommender, SGD(0.2, momentum=0.99) (meant momentum 0.9 at 0.02), MSE,
    batch 64."""
    keras = _keras()
    x, y, _ = ratings(5000 + PROBE_SIZE, seed=4212, noise=0.3)
    model = _recommender(keras)
    model.compile(keras.optimizers.SGD(0.2, momentum=0.99), "mse")
    return _fit(session, model, x, y, epochs=6, batch_size=64)


# Rank-8 ratings (little noise) through a rank-1 factorisation without biases: one number per
# user and item explains ~1/8 of the variance; the loss falls from ~1 to ~0.85 and stays.
# The loss sits near 1 while the factors leave the saddle at 0, falls to ~0.85 by step ~400
# and only creeps after that (approximate start).
@holdout4("recsys", ["insufficient_capacity"], stall_begins=400)  # approximate
def rank_one_on_rank_eight(session):
    """Recommender of rank 1 (no biases) on rank-8 ratings with 5% noise variance, Adam 3e-2,
    MSE, batch 64, 10 epochs."""
    keras = _keras()
    x, y, _ = ratings(6000 + PROBE_SIZE, seed=4213, rank=8, noise=0.23)
    model = _recommender(keras, rank=1, biases=False)
    model.compile(keras.optimizers.Adam(3e-2), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=64)


# An L2 of 1.0 on both factor tables (meant 1e-5): shrinking the factors is worth far more
# than fitting ratings, so the factors are held at ~0 and the model sits at the constant
# prediction's loss (1.0) from the first epoch on.
@holdout4("recsys", ["over_regularization"])
def embeddings_l2_one(session):
    """Recommender (rank 8, no biases) with embeddings_regularizer=L2(1.0) on the factor
    tables, Adam 1e-2, MSE, batch 64."""
    keras = _keras()
    x, y, _ = ratings(5000 + PROBE_SIZE, seed=4214, noise=0.3)
    model = _recommender(keras, biases=False,
                         embeddings_regularizer=keras.regularizers.L2(1.0))
    model.compile(keras.optimizers.Adam(1e-2), "mse")
    return _fit(session, model, x, y, epochs=6, batch_size=64)


# Adadelta's Keras default learning rate is 1e-3 (the paper's is 1.0): the decoder barely
# moves from its initial output over the whole run.
@holdout4("decoder", ["learning_rate_too_low"])
def adadelta_default_rate(session):
    """Conv2DTranspose blob decoder, keras.optimizers.Adadelta() with its default
    learning_rate (1e-3), MSE, batch 32."""
    keras = _keras()
    x, y = blobs_images(1536 + PROBE_SIZE, seed=4411)
    model = _decoder(keras)
    model.compile(keras.optimizers.Adadelta(), "mse")
    return _fit(session, model, x, y, epochs=6, batch_size=32)


# Transposed-conv kernels drawn with mean -0.5 on non-negative (relu) inputs: every output of
# both Conv2DTranspose layers is negative, relu zeroes them all, and no gradient passes; the
# image is the last layer's bias, which finds the mean pixel in the first few dozen steps;
# then the loss is flat at the constant image's.
@holdout4("decoder", ["dead_relus", "poor_initialization"], stall_begins=60)  # approximate
def transpose_kernels_mean_minus_half(session):
    """Blob decoder with a linear output whose Conv2DTranspose layers use
    RandomNormal(mean=-0.5, stddev=0.05) kernels, Adam 1e-3, MSE, batch 32."""
    keras = _keras()
    x, y = blobs_images(1536 + PROBE_SIZE, seed=4412)
    init = keras.initializers.RandomNormal(mean=-0.5, stddev=0.05, seed=4412)
    model = _decoder(keras, out_activation=None, kernel_initializer=init)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=6, batch_size=32)


# 16-bit sensor images (0..65535) straight into the net: the first layer's outputs are ~1e4,
# the loss of the first four steps is 1e3-1e6, and those updates throw every relu dead; from
# step 5 on the net outputs a constant and the loss is ln 4 = 1.386 to the third decimal.
@holdout4("decoder", ["unnormalized_inputs", "dead_relus"], stall_begins=5)  # approximate
def uint16_pixels_depthwise(session):
    """Bar orientations as 16-bit pixels (x 65535): DepthwiseConv2D(3, depth_multiplier=8) relu,
    Conv2D 16 relu, pooling, softmax over 4, SGD 1e-3 momentum 0.9, batch 32."""
    keras = _keras()
    x, y = bar_images(1536 + PROBE_SIZE, seed=4413, noise=0.2)
    x = np.round(x * 65535.0).astype("float32")
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.DepthwiseConv2D(3, depth_multiplier=8, activation="relu", padding="same"),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.SGD(1e-3, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=6, batch_size=32)


# A SimpleRNN whose bias starts at +8: every hidden unit sits at tanh ~ 1 for every input, so
# the state carries nothing about the text; the output layer learns the symbol frequencies
# (unigram entropy 2.44) in ~60 steps and stays there (approximate start).
@holdout4("charlm", ["saturated_activations", "poor_initialization"], stall_begins=60)  # approx.
def rnn_tanh_bias_plus_8(session):
    """Markov-chain character model, SimpleRNN(24, tanh) with bias_initializer=Constant(8.0),
    Adam 1e-3, batch 32."""
    keras = _keras()
    x, y = markov_text(2048 + PROBE_SIZE, seed=4111)
    model = keras.Sequential([
        keras.Input((8,), dtype="int32"), keras.layers.Embedding(12, 8),
        keras.layers.SimpleRNN(24, bias_initializer=keras.initializers.Constant(8.0)),
        keras.layers.Dense(12, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=5, batch_size=32)


# Fourteen per-time-step sigmoid Dense layers without normalization: the gradient shrinks ~4x
# per layer and the bottom layers never learn; after a bump in the first epoch the loss sits
# at the constant prediction's (1.0).
@holdout4("sensors", ["vanishing_gradients"])
def per_step_sigmoid_14(session):
    """Sensor sequences (20 steps x 3 channels): 14 x Dense(16, sigmoid) applied to every time
    step (what TimeDistributed(Dense) does, 3x faster here), GlobalAveragePooling1D, Dense(1),
    SGD 0.05 momentum 0.9, MSE, batch 32."""
    keras = _keras()
    x, y = sensor_sequences(1024 + PROBE_SIZE, seed=4511)
    layers = [keras.Input((20, 3))]
    layers += [keras.layers.Dense(16, activation="sigmoid") for _ in range(14)]
    layers += [keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(1)]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=6, batch_size=32)


# Twelve linear Dense layers with Orthogonal(gain=3): the output (and the gradient of the
# first layer) is ~3^13 = 1.6e6 times the input; the loss of step 1 is ~5e11, the first
# update blows the weights up and the loss is NaN from step 2 on.
@holdout4("sensors", ["exploding_gradients", "poor_initialization", "non_finite_values"])
def linear_stack_orthogonal_gain_3(session):
    """Plant-yield regression, 12 x Dense(32, activation=None, Orthogonal(gain=3)), Dense(1),
    SGD 1e-3, MSE, batch 32."""
    keras = _keras()
    x, y = plant_sensors(1024 + PROBE_SIZE, seed=4512)
    init = keras.initializers.Orthogonal(gain=3.0, seed=4512)
    layers = [keras.Input((8,))]
    layers += [keras.layers.Dense(32, kernel_initializer=init) for _ in range(12)]
    layers.append(keras.layers.Dense(1, kernel_initializer=init))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(1e-3), "mse")
    return _fit(session, model, x, y, epochs=6, batch_size=32)


# A max-norm constraint of 0.03 on every kernel (meant 3.0): after each update every unit's
# incoming weights are cut back to norm 0.03, so the output can hardly vary with the inputs;
# the loss sits at the constant prediction's (1.0) from the first epoch on. (Keras 3 refuses a
# GaussianNoise stddev above 1, so a noise-std-5 variant could not be built.)
@holdout4("sensors", ["over_regularization"])
def max_norm_0_03(session):
    """Plant-yield regression, 2x48 relu MLP with kernel_constraint=MaxNorm(0.03) on all three
    Dense layers, Adam 1e-3, MSE, batch 32."""
    keras = _keras()
    x, y = plant_sensors(1024 + PROBE_SIZE, seed=4513, noise=0.2)
    limit = keras.constraints.MaxNorm(0.03)
    model = keras.Sequential([keras.Input((8,)),
                              keras.layers.Dense(48, activation="relu", kernel_constraint=limit),
                              keras.layers.Dense(48, activation="relu", kernel_constraint=limit),
                              keras.layers.Dense(1, kernel_constraint=limit)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=6, batch_size=32)


# A barometric-pressure column in pascals (~101325) stored as float16 to save memory: float16
# tops out at 65504, so the whole column is +inf from the first batch on. inf x weight gives
# +-inf and inf - inf = NaN in the first layer; the gradients are NaN, relu maps NaN to 0, and
# the loss stays finite but frozen at the constant prediction's (~0.99) from step 1.
@holdout4("sensors", ["non_finite_values"], stall_begins=1)
def float16_pressure_overflow(session):
    """Plant-yield regression with a pressure column in Pa appended, the feature matrix cast
    to float16 (101325 -> inf) before training, 2x48 relu MLP, Adam 1e-3, MSE, batch 32."""
    keras = _keras()
    x, y = plant_sensors(1024 + PROBE_SIZE, seed=4514)
    pressure = 101325.0 + 800.0 * _rng(4514).normal(size=(len(x), 1))
    with np.errstate(over="ignore"):
        x = np.concatenate([x, pressure], axis=1).astype("float16")
    model = _sensor_mlp(keras, dim=9)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=4, batch_size=32)
