"""The ninety-seventh held-out catalogue: written by someone who did not read the engine or run the
diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (the per-epoch Keras History, in a throwaway script with the runner's seed), and every
broken one against the same model trained without its mistake (each helper
`_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Ushers: seat requests (four classes) by an MLP
under Adam with a fifth of the classes wrongly keyed; queue waits from arrival counts by a
Conv1D net under Adam and ReduceLROnPlateau, noise growing with the load; the next tick's
gallery count by a GRU in a hand-written GradientTape loop under Huber loss against Student-t
miscounts. Valets: rare complaint notes (about 8%) by Embedding and pooling with class_weight;
suit sizes from only 192 clients by an MLP 128-128 that memorises them over 50 short epochs;
seating harmony of unordered guests by a MultiHeadAttention block under AdamW with warm-up and
cosine decay. Footmen: engraved silver tiles by a small CNN under SGD with momentum and a
PiecewiseConstantDecay step after six epochs, 15% of labels wrong; the 0.1 quantile of skewed
tips under a hand-written pinball loss; glasses broken per evening (Poisson counts) from
features and the footman's id (two inputs, an Embedding) under keras's Poisson loss. Sextons:
peal classes by an LSTM under plain SGD 0.1 (a long slow descent still going at the end); a
water-table depth by an MLP in a GradientTape loop under mean absolute error against Laplace
noise; peal classes by a Conv1D net with a tenth of the labels wrong and label smoothing.

The broken half, one root cause each: a 'linear warm-up' LearningRateScheduler written as
lr * (epoch + 1), which compounds because keras passes the current rate, held at 0.72 under
Adam (learning rate too high); SGD's rate divided by the 1024 training rows as a 'per-example'
rate (learning rate too low); eight stacked sigmoid Conv1D layers under SGD (vanishing
gradients); MeanSquaredError(reduction='sum') under an SGD rate tuned for the batch mean
(exploding gradients: the loss bounces at the level of the mean prediction); beacon strengths
in dBm (all negative) into relu layers initialised RandomUniform(0, 0.1) (dead ReLUs: the loss
sits exactly at ln 4); raw token ids as float inputs to a GRU without an Embedding (saturated
gates, with the inputs genuinely unnormalised too); 16-bit camera tiles divided by 255
(unnormalised inputs); a softmax head kept on a three-target regression under MSE (loss and
activation mismatch); a Dense(1) 'score' layer in front of eight multi-label outputs
(insufficient capacity); activity_regularizer=L1(1.0) on the hidden layers (over-
regularisation: the penalty is paid off over five epochs, then the net predicts about the
mean); TruncatedNormal(stddev=0.001) kernels in a four-layer relu MLP under SGD (poor
initialisation); np.log of tips recorded as 0 (non-finite values: a -inf target).

Dropped or replaced because they did not behave as intended: the compounding warm-up capped
after five epochs (held at 0.12, Adam trained better than with the intended warm-up) and left
uncapped (the loss climbed to 1e10, a divergence, not a stall); a per-example rate of 0.05/1024
(still drifting down; 0.01/1024 kept); the summed loss at SGD 0.02 with and without momentum
and at 0.01 (NaN from the first epoch; at 0.02 with a global clipnorm it trained normally;
0.005 with momentum kept); for dead ReLUs, a hand-written one-cycle schedule peaking at 2.0
or 0.5 (NaN) or 0.2 (half the second layer dead, but it kept learning); complaint tokens
placed at the low ids for the raw-id GRU (it learnt the magnitudes; the generator now scatters
them over the vocabulary, before any run was checked); a softmax head on eight multi-label
outputs under binary cross-entropy (keras computes the loss from the head's logits, so it
trained exactly like the sigmoid head) and a sigmoid head under the Poisson loss on counts
(still creeping down at the end); Conv1D(filters=1) layers and a GRU(1) on the peal
sequences (both still creeping down at the end); activity_regularizer=L2(1.0) and L2(5.0)
(still falling; L1 kept); VarianceScaling(scale=2 * fan_in) (logits in the thousands, but the
loss kept falling fast from 2186 to 354).

With the runner's seed, `fit` visits the examples in the same order every epoch. Labels
follow `scenarios.py`: `expected_causes[0]` is the root cause the scenario was built around,
a second cause only where that symptom is genuinely present too (the raw token ids range over
10..199 as inputs); `stall_begins` is the optimizer step from which the loss stops improving
(None: from the start), exact where an event of the scenario causes it (the first -inf
target, row 301 of a fit without shuffling, in batch 9 counted from 0), otherwise read off
the per-epoch loss at 32 steps an epoch and approximate (the warm-up's rate passes 0.02 at
step 96; the softmax regression flattens by its second epoch; the one-unit layer and the L1
penalty flatten by epochs 3 and 5).
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("ushers", "valets", "footmen", "sextons")

REGISTRY = []

holdout97 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


def _rng(seed):
    return np.random.default_rng(seed)


def _std(v):
    v = np.asarray(v, dtype="float64")
    return ((v - v.mean(axis=0)) / (v.std(axis=0) + 1e-12)).astype("float32")


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, shuffle=True, callbacks=(),
                **kw):
    """`_fit` for a model with several inputs; the last PROBE_SIZE rows are the probe."""
    train = [v[:-PROBE_SIZE] for v in inputs]
    probe = ([v[-PROBE_SIZE:] for v in inputs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        shuffle=shuffle, verbose=0,
                        callbacks=list(callbacks) + session.callbacks(probe), **kw)
    return history.history["loss"]


def _fit_weighted(session, model, x, y, *, epochs, batch_size, class_weight):
    """`_fit` with a class_weight; the last PROBE_SIZE rows are the probe."""
    probe = (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(x[:-PROBE_SIZE], y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        verbose=0, class_weight=class_weight, callbacks=session.callbacks(probe))
    return history.history["loss"]


# data ------------------------------------------------------------------------------------------


def seat_requests(n, seed, flip=0.0):
    """A theatre usher's seat request from 16 booking features, four classes (stalls, circle,
    box, gallery) given by a small random tanh teacher; a fraction `flip` of the classes are
    wrongly keyed at the box office."""
    r = _rng(seed)
    x = r.normal(size=(n, 16)).astype("float32")
    w1 = r.normal(size=(16, 12)) / 4.0
    w2 = r.normal(size=(12, 4))
    y = np.argmax(np.tanh(x @ w1 * 2.0) @ w2, axis=1)
    wrong = r.random(n) < flip
    y[wrong] = r.integers(0, 4, wrong.sum())
    return x, y.astype("int64")


def queue_waits(n, seed, length=32):
    """Minutes an usher's queue waits, from 32 arrival counts (Conv1D input): the mean wait
    follows the surge in the last third and the overall load; the spread grows with the load
    (heteroscedastic)."""
    r = _rng(seed)
    t = np.arange(length)
    load = r.uniform(0.5, 2.0, n)
    surge = r.uniform(0, 1.5, n)
    x = (load[:, None] * (1 + 0.3 * np.sin(t[None, :] / 3.0 + r.uniform(0, 6, (n, 1))))
         + surge[:, None] * (t[None, :] > 2 * length // 3) + 0.2 * r.normal(size=(n, length)))
    mean = 1.2 * load + 2.0 * surge + 0.5 * load * surge
    y = mean + 0.3 * load * r.normal(size=n)
    return _std(x)[..., None], _std(y)[:, None]


def gallery_counts(n, seed, length=20):
    """Visitors in a gallery over 20 ticks (GRU input), predict the next tick's count
    (standardised), with occasional heavy-tailed miscounts (Student-t, 3 dof)."""
    r = _rng(seed)
    base = r.uniform(-1, 1, n)
    trend = r.uniform(-0.05, 0.05, n)
    phase = r.uniform(0, 2 * np.pi, n)
    t = np.arange(length + 1)
    s = base[:, None] + trend[:, None] * t + 0.6 * np.sin(t[None, :] / 2.5 + phase[:, None])
    x = s[:, :length] + 0.1 * r.normal(size=(n, length))
    y = s[:, length] + 0.25 * r.standard_t(3, size=n)
    return x[..., None].astype("float32"), y[:, None].astype("float32")


def service_notes(n, seed, length=24, vocab=200, minority=0.08):
    """A valet's service notes as 24 tokens; 'complaint' (class 1) when two of ten complaint
    tokens (scattered over the vocabulary) appear, made rare (about `minority`)."""
    r = _rng(seed)
    ids = np.arange(1, vocab)
    complaint = _rng(97000).choice(ids, 10, replace=False)
    plain = np.setdiff1d(ids, complaint)
    x = r.choice(plain, (n, length))
    y = (r.random(n) < minority).astype("int64")
    for k in np.where(y == 1)[0]:
        x[k, r.integers(0, length, 2)] = r.choice(complaint, 2)
    return x.astype("int64"), y


def wardrobe_sizes(n, seed, d=10):
    """A valet's suit size (standardised) from ten body measurements, a smooth nonlinear
    function with tailor's noise."""
    r = _rng(seed)
    x = r.normal(size=(n, d)).astype("float32")
    y = (np.sin(x[:, 0]) + 0.5 * x[:, 1] * x[:, 2] + 0.3 * x[:, 3] ** 2 - 0.4 * x[:, 4]
         + 0.3 * r.normal(size=n))
    return x, _std(y)[:, None]


def guest_sets(n, seed, items=8, d=6):
    """A set of eight guests (unordered, d features each); target: a seating-harmony score,
    the mean over guests of a nonlinear function plus the strongest pairwise clash."""
    r = _rng(seed)
    x = r.normal(size=(n, items, d)).astype("float32")
    single = np.tanh(x[..., 0] * x[..., 1]).mean(axis=1)
    clash = np.max(x[..., 2], axis=1) - np.min(x[..., 2], axis=1)
    y = single + 0.5 * clash + 0.1 * r.normal(size=n)
    return x, _std(y)[:, None]


def silver_tiles(n, seed, flip=0.0, size=12):
    """12x12 images of a footman's silver, three classes: plain (0), horizontal engraving (1),
    vertical engraving (2), with tarnish noise; a fraction `flip` of the labels wrong."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    x = 0.5 * r.normal(size=(n, size, size)).astype("float32")
    for k in range(n):
        pos = r.integers(2, size - 2)
        if y[k] == 1:
            x[k, pos, :] += 1.5
        elif y[k] == 2:
            x[k, :, pos] += 1.5
    wrong = r.random(n) < flip
    y[wrong] = r.integers(0, 3, wrong.sum())
    return x[..., None], y.astype("int64")


def footman_tips(n, seed, d=8):
    """A footman's tip from eight features; right-skewed (log-normal) with a wide spread."""
    r = _rng(seed)
    x = r.normal(size=(n, d)).astype("float32")
    mu = 0.5 * x[:, 0] + 0.3 * np.tanh(x[:, 1] * x[:, 2])
    y = np.exp(mu + 0.6 * r.normal(size=n))
    return x, y[:, None].astype("float32")


def breakages(n, seed):
    """Glasses broken per evening (Poisson counts): a numeric part (6 features) and the
    footman's id (one of 30 footmen, an Embedding)."""
    r = _rng(seed)
    x = r.normal(size=(n, 6)).astype("float32")
    who = r.integers(0, 30, n)
    skill = r.normal(size=30) * 0.5
    rate = np.exp(0.3 + 0.5 * x[:, 0] - 0.3 * x[:, 1] + skill[who])
    y = r.poisson(rate)
    return x, who[:, None].astype("int64"), y[:, None].astype("float32")


def peal_sequences(n, seed, length=30):
    """A sexton's bell-ringing log: 30 steps of two channels; the class (0..3) is set by which
    half holds the strongest strike and its sign."""
    r = _rng(seed)
    x = 0.5 * r.normal(size=(n, length, 2)).astype("float32")
    y = r.integers(0, 4, n)
    for k in range(n):
        half = y[k] // 2
        sign = 1.0 if y[k] % 2 else -1.0
        pos = r.integers(half * length // 2, (half + 1) * length // 2)
        x[k, pos, 0] += 2.0 * sign
        x[k, pos, 1] += 1.0
    return x, y.astype("int64")


def grave_depths(n, seed, d=8):
    """A plot's water-table depth (standardised) from eight survey features, Laplace noise."""
    r = _rng(seed)
    x = r.normal(size=(n, d)).astype("float32")
    y = np.tanh(x[:, 0] + x[:, 1]) + 0.5 * x[:, 2] * x[:, 3] + 0.4 * np.abs(x[:, 4])
    y = y + 0.35 * r.laplace(size=n)
    return x, _std(y)[:, None]


# healthy ---------------------------------------------------------------------------------------


@holdout97("ushers", healthy=True)
def usher_seat_requests_noisy(session):
    """Seat requests (four classes) from 16 booking features by an MLP 64-64 under Adam; a
    fifth of the classes wrongly keyed, so the loss settles well above zero."""
    keras = _keras()
    x, y = seat_requests(N, 9701, flip=0.2)
    model = keras.Sequential([keras.Input((16,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(2e-3), loss="sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout97("ushers", healthy=True)
def usher_queue_waits_plateau_lr(session):
    """Queue waits from 32 arrival counts by a Conv1D net under Adam with ReduceLROnPlateau
    (factor 0.3, patience 1); the noise grows with the load, so it stays far above zero, still
    creeping down at the end."""
    keras = _keras()
    x, y = queue_waits(N, 9702)
    model = keras.Sequential([keras.Input((32, 1)),
                              keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
                              keras.layers.MaxPooling1D(2),
                              keras.layers.Conv1D(16, 3, activation="relu", padding="same"),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.Adam(3e-3), loss="mse")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.3, patience=1,
                                                min_delta=1e-3)
    return _fit(session, model, x, y, epochs=14, batch_size=32, callbacks=[plateau])


@holdout97("ushers", healthy=True)
def usher_gallery_counts_custom_loop(session):
    """The next tick's gallery count from 20 ticks by a GRU(16) in a hand-written GradientTape
    loop under Huber loss with Adam; heavy-tailed miscounts keep the loss above zero."""
    keras = _keras()
    x, y = gallery_counts(N, 9703)
    model = keras.Sequential([keras.Input((20, 1)), keras.layers.GRU(16),
                              keras.layers.Dense(1)])
    optimizer = keras.optimizers.Adam(3e-3)
    return _custom_loop(session, model, optimizer, keras.losses.Huber(), x, y, epochs=10,
                        batch_size=32, seed=9703, loss_description="huber")


@holdout97("valets", healthy=True)
def valet_complaints_weighted(session):
    """Complaint notes (about 8%) from 24 tokens by Embedding(16) and global average pooling,
    class_weight {0: 1, 1: 6} under Adam: a few slow epochs near the weighted prior, then it
    finds the complaint tokens."""
    keras = _keras()
    x, y = service_notes(N, 9704)
    model = keras.Sequential([keras.Input((24,), dtype="int64"),
                              keras.layers.Embedding(200, 16),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=keras.optimizers.Adam(2e-3), loss="binary_crossentropy")
    return _fit_weighted(session, model, x, y, epochs=14, batch_size=32,
                         class_weight={0: 1.0, 1: 6.0})


@holdout97("valets", healthy=True)
def valet_small_wardrobe_overfit(session):
    """Suit sizes from only 192 clients (plus the probe) by an MLP 128-128 under Adam over 50
    short epochs: the training loss drops far below the tailor's noise, memorising (a small
    bump late on, then down again)."""
    keras = _keras()
    x, y = wardrobe_sizes(192 + PROBE_SIZE, 9705)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.Adam(2e-3), loss="mse")
    return _fit(session, model, x, y, epochs=50, batch_size=32)


@holdout97("valets", healthy=True)
def valet_guest_sets_attention_cosine(session):
    """Seating harmony of eight unordered guests by a MultiHeadAttention block with mean
    pooling, AdamW under linear warm-up (64 steps) and cosine decay."""
    keras = _keras()
    x, y = guest_sets(N, 9706)
    steps = 12 * (1024 // 32)
    schedule = keras.optimizers.schedules.CosineDecay(1e-4, steps - 64, warmup_target=3e-3,
                                                      warmup_steps=64)
    inp = keras.Input((8, 6))
    h = keras.layers.Dense(32, activation="relu")(inp)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=16)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(1)(h))
    model.compile(optimizer=keras.optimizers.AdamW(schedule, weight_decay=1e-4), loss="mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout97("footmen", healthy=True)
def footman_silver_step_decay(session):
    """Engraved silver on 12x12 tiles by a small CNN under SGD with momentum and a
    PiecewiseConstantDecay (0.05, then 0.005 after epoch 6); 15% of labels wrong."""
    keras = _keras()
    x, y = silver_tiles(N, 9707, flip=0.15)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([6 * 32], [0.05, 0.005])
    model = keras.Sequential([keras.Input((12, 12, 1)),
                              keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
                              keras.layers.MaxPooling2D(),
                              keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
                              keras.layers.GlobalMaxPooling2D(),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(optimizer=keras.optimizers.SGD(schedule, momentum=0.9),
                  loss="sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout97("footmen", healthy=True)
def footman_tips_low_quantile(session):
    """The 0.1 quantile of a footman's skewed tips by an MLP under the pinball loss (written
    by hand, Adam); its minimum is far above zero."""
    keras = _keras()
    import tensorflow as tf

    def pinball(y_true, y_pred, q=0.1):
        e = y_true - y_pred
        return tf.reduce_mean(tf.maximum(q * e, (q - 1) * e), axis=-1)

    x, y = footman_tips(N, 9708)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.Adam(3e-3), loss=pinball)
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout97("footmen", healthy=True)
def footman_breakages_poisson(session):
    """Glasses broken per evening from six features and the footman's id (two inputs, an
    Embedding of 30 footmen) by an exponential-output net under keras's Poisson loss, RMSprop."""
    keras = _keras()
    x, who, y = breakages(N, 9709)
    num = keras.Input((6,))
    idx = keras.Input((1,), dtype="int64")
    e = keras.layers.Flatten()(keras.layers.Embedding(30, 4)(idx))
    h = keras.layers.Dense(16, activation="relu")(keras.layers.Concatenate()([num, e]))
    out = keras.layers.Dense(1, activation="exponential")(h)
    model = keras.Model([num, idx], out)
    model.compile(optimizer=keras.optimizers.RMSprop(3e-3), loss="poisson")
    return _fit_inputs(session, model, [x, who], y, epochs=12, batch_size=32)


@holdout97("sextons", healthy=True)
def sexton_peals_slow_sgd(session):
    """Peal classes from 30 two-channel steps by an LSTM(16) under plain SGD 0.1: a long, slow
    descent from ln 4 that is still going at the end."""
    keras = _keras()
    x, y = peal_sequences(N, 9710)
    model = keras.Sequential([keras.Input((30, 2)), keras.layers.LSTM(16),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout97("sextons", healthy=True)
def sexton_depths_mae_loop(session):
    """Water-table depth from eight survey features by an MLP 32-32 in a hand-written
    GradientTape loop under mean absolute error (Laplace noise), Nadam."""
    keras = _keras()
    x, y = grave_depths(N, 9711)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    optimizer = keras.optimizers.Nadam(2e-3)
    return _custom_loop(session, model, optimizer, keras.losses.MeanAbsoluteError(), x, y,
                        epochs=12, batch_size=32, seed=9711, loss_description="mae")


@holdout97("sextons", healthy=True)
def sexton_peals_conv_smoothed_noisy(session):
    """Peal classes from 30 steps by a Conv1D net under Adam with a tenth of the labels
    wrong, label smoothing 0.1 on one-hot targets (the floor is far above zero)."""
    keras = _keras()
    x, y = peal_sequences(N, 9712)
    r = _rng(97120)
    wrong = r.random(N) < 0.1
    y = y.copy()
    y[wrong] = r.integers(0, 4, wrong.sum())
    y1 = np.eye(4, dtype="float32")[y]
    model = keras.Sequential([keras.Input((30, 2)),
                              keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
                              keras.layers.MaxPooling1D(3),
                              keras.layers.Conv1D(16, 3, activation="relu", padding="same"),
                              keras.layers.GlobalMaxPooling1D(),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(2e-3),
                  loss=keras.losses.CategoricalCrossentropy(label_smoothing=0.1))
    return _fit(session, model, x, y1, epochs=10, batch_size=32)


# broken ----------------------------------------------------------------------------------------
# Each helper `_name(session, broken)` trains the scenario (broken=True) or the same model
# without its mistake (broken=False, used only to check the scenario).


def livery_tags(n, seed, d=12, tags=8):
    """Which of eight livery items (tags) a valet lays out, from twelve occasion features:
    multi-label, each tag on when its own nonlinear score is positive (about three on)."""
    r = _rng(seed)
    x = r.normal(size=(n, d)).astype("float32")
    w = r.normal(size=(d, tags)) / np.sqrt(d)
    v = r.normal(size=(d, tags)) / np.sqrt(d)
    score = x @ w + 0.5 * np.tanh(x @ v) * 2.0 - 0.3
    return x, (score > 0).astype("float32")


def _queue_warmup(session, broken):
    keras = _keras()
    x, y = queue_waits(N, 9713)
    model = keras.Sequential([keras.Input((32, 1)),
                              keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
                              keras.layers.MaxPooling1D(2),
                              keras.layers.Conv1D(16, 3, activation="relu", padding="same"),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="mse")
    if broken:
        warmup = keras.callbacks.LearningRateScheduler(lambda epoch, lr: lr * (epoch + 1) if epoch <= 5 else lr)
    else:
        warmup = keras.callbacks.LearningRateScheduler(lambda epoch, lr: 1e-3 * min(1.0, (epoch + 1) / 6))
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[warmup])


@holdout97("ushers", ["learning_rate_too_high"], stall_begins=96)
def usher_queue_compounding_warmup(session):
    """Queue waits by the Conv1D net under Adam 1e-3 with a six-epoch 'linear warm-up' written
    as LearningRateScheduler(lambda epoch, lr: lr * (epoch + 1) if epoch <= 5 else lr): keras
    passes the current rate, not the base one, so it compounds factorially (0.024 in the
    fourth epoch, 0.12 in the fifth) and is then held at 0.72."""
    return _queue_warmup(session, True)


def _seat_per_example_rate(session, broken):
    keras = _keras()
    x, y = seat_requests(N, 9714)
    rate = 0.01 / 1024 if broken else 0.01
    model = keras.Sequential([keras.Input((16,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(optimizer=keras.optimizers.SGD(rate, momentum=0.9),
                  loss="sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout97("ushers", ["learning_rate_too_low"], stall_begins=None)
def usher_seats_per_example_rate(session):
    """Seat requests by an MLP 64-64 under SGD with momentum, its rate 0.01 divided by the
    1024 training rows because a paper quoted a 'per-example' rate (keras already averages the
    loss over the batch): about 1e-5."""
    return _seat_per_example_rate(session, True)


def _peal_sigmoid_stack(session, broken):
    keras = _keras()
    x, y = peal_sequences(N, 9715)
    act = "sigmoid" if broken else "relu"
    layers = [keras.Input((30, 2))]
    for _ in range(8):
        layers.append(keras.layers.Conv1D(16, 3, activation=act, padding="same"))
    layers += [keras.layers.GlobalMaxPooling1D(), keras.layers.Dense(4, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(optimizer=keras.optimizers.SGD(0.05, momentum=0.9),
                  loss="sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout97("sextons", ["vanishing_gradients"], stall_begins=None)
def sexton_peals_sigmoid_conv_stack(session):
    """Peal classes by eight stacked Conv1D(16, 3) layers with activation='sigmoid' ('the
    strikes are on/off'), global max pooling, SGD with momentum."""
    return _peal_sigmoid_stack(session, True)


def _wardrobe_summed(session, broken):
    keras = _keras()
    x, y = wardrobe_sizes(N, 9716)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    loss = keras.losses.MeanSquaredError(reduction="sum" if broken else "sum_over_batch_size")
    model.compile(optimizer=keras.optimizers.SGD(0.005, momentum=0.9), loss=loss)
    return _fit(session, model, x, y, epochs=10, batch_size=64)


@holdout97("valets", ["exploding_gradients"], stall_begins=None)
def valet_wardrobe_summed_loss(session):
    """Suit sizes by an MLP 64-64 under SGD 0.005 with momentum, the loss built as
    MeanSquaredError(reduction='sum') from a per-sequence example: the gradients are 64 times
    those the rate was tuned for."""
    return _wardrobe_summed(session, True)


def signal_rooms(n, seed, beacons=12, rooms=4):
    """Which of four foyer rooms a guest stands in, from the received strength of twelve
    beacons in dBm (all negative, about -95..-35), falling with the distance to each beacon."""
    r = _rng(seed)
    room_xy = np.array([[0, 0], [0, 10], [10, 0], [10, 10]], dtype="float64")
    beacon_xy = r.uniform(-2, 12, (beacons, 2))
    y = r.integers(0, rooms, n)
    pos = room_xy[y] + r.uniform(-4, 4, (n, 2))
    d = np.linalg.norm(pos[:, None, :] - beacon_xy[None], axis=-1)
    x = -40.0 - 20.0 * np.log10(1.0 + d) - 3.0 * r.normal(size=(n, beacons))
    return x.astype("float32"), y.astype("int64")


def _rooms_positive_init(session, broken):
    keras = _keras()
    x, y = signal_rooms(N, 9717)

    def init():
        return keras.initializers.RandomUniform(0.0, 0.1) if broken else "glorot_uniform"

    model = keras.Sequential([keras.Input((12,)),
                              keras.layers.Dense(64, activation="relu", kernel_initializer=init()),
                              keras.layers.Dense(64, activation="relu", kernel_initializer=init()),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout97("ushers", ["dead_relus"], stall_begins=None)
def usher_rooms_positive_kernels(session):
    """Which foyer room a guest is in, from twelve beacon strengths in dBm (all negative), by a
    relu MLP 64-64 whose kernels were initialised with RandomUniform(0.0, 0.1), 'small
    positive weights so the sums start positive' from a count-data example: every first-layer
    unit's input is negative on every example."""
    return _rooms_positive_init(session, True)


def _notes_raw_ids(session, broken):
    keras = _keras()
    x, y = service_notes(N, 9718, minority=0.5)
    if broken:
        model = keras.Sequential([keras.Input((24, 1)), keras.layers.GRU(16),
                                  keras.layers.Dense(1, activation="sigmoid")])
        x = x[..., None].astype("float32")
    else:
        model = keras.Sequential([keras.Input((24,), dtype="int64"),
                                  keras.layers.Embedding(200, 8), keras.layers.GRU(16),
                                  keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=keras.optimizers.Adam(2e-3), loss="binary_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout97("valets", ["saturated_activations", "unnormalized_inputs"], stall_begins=None)
def valet_notes_token_ids_as_values(session):
    """Complaint notes (half of them) by a GRU(16) fed the raw token ids 10..199 as one float
    feature per step, the Embedding left out 'since the ids are already numbers': the gates
    and the tanh candidate see inputs of tens to hundreds and sit at their limits."""
    return _notes_raw_ids(session, True)


def _silver_uint16(session, broken):
    keras = _keras()
    x, y = silver_tiles(N, 9719)
    raw = np.clip((x + 2.5) * 9000.0, 0, 65535).astype("uint16")
    x = (raw / 255.0 if broken else raw / 65535.0).astype("float32")
    if not broken:
        x = (x - x.mean()) / x.std()
    model = keras.Sequential([keras.Input((12, 12, 1)),
                              keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
                              keras.layers.MaxPooling2D(),
                              keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
                              keras.layers.GlobalMaxPooling2D(),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(optimizer=keras.optimizers.SGD(0.01, momentum=0.9),
                  loss="sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout97("footmen", ["unnormalized_inputs"], stall_begins=None)
def footman_silver_uint16_over_255(session):
    """Engraved silver from a 16-bit camera (uint16 tiles, 0..65535) divided by 255 as in an
    8-bit tutorial: pixel values of about 0..250, into a small CNN under SGD with momentum."""
    return _silver_uint16(session, True)


def alterations(n, seed, d=10):
    """A valet's three alterations to a suit (sleeve, waist, hem; standardised) from ten
    fitting measurements: a smooth shared nonlinear function with tailor's noise."""
    r = _rng(seed)
    x = r.normal(size=(n, d)).astype("float32")
    w = r.normal(size=(d, 3))
    z = x @ w
    return x, _std(np.tanh(z) + 0.5 * z + 0.2 * r.normal(size=(n, 3)))


def _alterations_head(session, broken):
    keras = _keras()
    x, y = alterations(N, 9720)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(3, activation="softmax" if broken else None)])
    model.compile(optimizer=keras.optimizers.Adam(2e-3), loss="mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout97("valets", ["loss_activation_mismatch"], stall_begins=64)
def valet_alterations_softmax_regression(session):
    """Three standardised alterations regressed under mean squared error by an MLP 64-64 whose
    head, Dense(3, activation='softmax'), was kept from the three-class fitting model: the
    three outputs are positive and sum to one, while the targets are centred on zero."""
    return _alterations_head(session, True)


def _livery_bottleneck(session, broken):
    keras = _keras()
    x, y = livery_tags(N, 9721)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(1 if broken else 32),
                              keras.layers.Dense(8, activation="sigmoid")])
    model.compile(optimizer=keras.optimizers.Adam(3e-3), loss="binary_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout97("valets", ["insufficient_capacity"], stall_begins=96)
def valet_livery_one_unit_summary(session):
    """Which of eight livery items to lay out (multi-label, about three at once) by an MLP
    whose second layer is Dense(1), 'one occasion score' from a ranking model, feeding the
    eight sigmoid outputs: every item's decision must come from the same single number."""
    return _livery_bottleneck(session, True)


def _depths_activity(session, broken):
    keras = _keras()
    x, y = grave_depths(N, 9722)
    reg = (lambda: keras.regularizers.L1(1.0)) if broken else (lambda: None)
    model = keras.Sequential([keras.Input((8,)),
                              keras.layers.Dense(64, activation="relu", activity_regularizer=reg()),
                              keras.layers.Dense(64, activation="relu", activity_regularizer=reg()),
                              keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.Adam(2e-3), loss="mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout97("sextons", ["over_regularization"], stall_begins=160)
def sexton_depths_activity_penalty(session):
    """Water-table depth by an MLP 64-64 whose hidden layers carry
    activity_regularizer=L1(1.0), copied from a sparse-autoencoder tutorial with its 1e-5
    taken for 'strength 1': every hidden unit's output is charged in full, so after paying
    off the penalty the net keeps them near zero and predicts about the mean."""
    return _depths_activity(session, True)


def _seats_tiny_init(session, broken):
    keras = _keras()
    x, y = seat_requests(N, 9723)

    def init():
        return keras.initializers.TruncatedNormal(stddev=1e-3) if broken else "glorot_uniform"

    layers = [keras.Input((16,))]
    layers += [keras.layers.Dense(64, activation="relu", kernel_initializer=init())
               for _ in range(4)]
    layers.append(keras.layers.Dense(4, activation="softmax", kernel_initializer=init()))
    model = keras.Sequential(layers)
    model.compile(optimizer=keras.optimizers.SGD(0.05, momentum=0.9),
                  loss="sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout97("ushers", ["poor_initialization"], stall_begins=None)
def usher_seats_embedding_init(session):
    """Seat requests by a relu MLP of four 64-unit layers under SGD with momentum, every kernel
    initialised with TruncatedNormal(stddev=0.001) copied from a word-embedding example: the
    signal shrinks about 200-fold at each layer, and so do the gradients."""
    return _seats_tiny_init(session, True)


def _tips_log(session, broken):
    keras = _keras()
    x, y = footman_tips(N, 9724)
    r = _rng(97240)
    zero = r.random(N) < 0.03
    zero[:300] = False
    zero[301] = True
    y = y.copy()
    y[zero] = 0.0
    with np.errstate(divide="ignore"):
        t = np.log(y) if broken else np.log1p(y)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.Adam(2e-3), loss="mse")
    return _fit(session, model, x, t.astype("float32"), epochs=8, batch_size=32, shuffle=False)


@holdout97("footmen", ["non_finite_values"], stall_begins=9)
def footman_tips_log_of_zero(session):
    """A footman's tips modelled on the log scale, np.log of the tip, where evenings with no
    tip were entered as 0: a target of -inf (the first at row 301, in the tenth batch; fit
    without shuffling) turns the loss and then every weight into NaN."""
    return _tips_log(session, True)
