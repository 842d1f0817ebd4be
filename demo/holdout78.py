"""The seventy-eighth held-out catalogue: written by someone who did not read the engine or run
the diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History and the per-step loss, in a throwaway script with the runner's seed), and
every broken one against the same model trained without its mistake (each helper
`_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Instrumentmakers: a bored tube's tuning error from
ten bore measurements by an MLP under Adam and a hand-written step decay (LearningRateScheduler
halving every three epochs), reamer scatter growing with the taper; a plucked string's decay in
four classes by a Conv1D net, a fifth of the luthier's calls wrong; the tuning error at the 0.2
quantile under the pinball loss in a hand-written RMSprop GradientTape loop (flat far above
zero). Spectaclemakers: interferogram tiles of ground lenses by a small Conv2D net under Adam
with a linear warm-up and cosine decay, an eighth of the labels wrong; only 256 tiles memorised
by an MLP 128-128 over 40 short epochs; a saw's cutting score from ten unordered teeth by a
MultiHeadAttention block under AdamW with the tester's scatter as floor. Edgetoolmakers: an
edge's sharpness from a grinding log by a GRU under Huber loss against Student-t scatter, SGD
with momentum and ReduceLROnPlateau; rush orders (one in ten) from part tokens by Embedding and
Conv1D with class_weight 5 (a wait near the weighted prior, then a descent); the grinding log
flattened into an MLP under plain SGD 3e-3, a long slow descent still going at the end.
Toolmakers: chisels returned per month (Poisson counts) from numeric features and the smith's
Embedding, two inputs, an exponential head under keras's Poisson loss (negative: keras leaves
out the log y! term); lathe vibration in three bearing states by a Conv1D net in a hand-written
Nesterov SGD loop, 15% of the calls wrong; the saw's score by a Bidirectional LSTM under RMSprop
with heavy scatter, a slow descent still going at the end.

The broken half, one root cause each: the linear scaling rule 'base * batch / 256' typed as
base * 256, Adam at 0.512 on the string Conv1D (learning rate too high); a fine-tuning recipe's
Adam 1e-6 copied into an LSTM trained from scratch (learning rate too low); a 20-layer softsign
MLP under SGD on an XOR of two gauge deviations (vanishing gradients); a GRU's squared error
summed over batch and 20 time steps in a hand-written SGD loop, a copied per-sequence loss, the
gradient norm growing from ~3e3 to infinity within ~20 steps and the loss NaN after (exploding
gradients, with non-finite values genuinely present); ReLU6 meant, written
keras.layers.ReLU(threshold=6.0) (dead ReLUs); sigmoid hidden units given
bias_initializer=Constant(6.0) to 'start the gates open', the forget-gate bias trick carried to
Dense layers (saturated activations); a survey export fed raw, UTM metres, elevation in
millimetres, into a tanh MLP (unnormalised inputs, with every tanh unit pinned at +-1, so
saturated activations listed second); a GRU's sigmoid head 'because the score is a grade in
0..1' over a standardised target under MSE (loss/activation mismatch); LSTM(units=1) read as
'one layer' (insufficient capacity); a paper's weight decay of 0.5 typed into keras's L2 on every
kernel and the embedding of a token Conv1D (over-regularisation); an embedding table's
RandomNormal(stddev=1e-3) copied onto every kernel of a five-layer relu MLP (poor
initialisation; the signal and its gradient shrink ~100-fold a layer, so vanishing gradients
listed second); recordings standardised by their own per-channel spread where an unplugged
sensor reads a constant, 0/0 (non-finite values).

Dropped or replaced because they did not behave as intended: Dense(1, activation='softmax')
under binary cross-entropy (keras 3 trained it exactly like the sigmoid head, identical losses:
it evidently takes the logits under the output; replaced by the sigmoid head on a standardised
target); a hand-written 'nearly binary' gate sigmoid(60 z) after each Conv2D, under Adam and
under SGD with momentum (it trained better than sigmoid(z)); a tanh MLP behind Rescaling(100)
(still learning, ~0.53 against ~0.37); the raw survey export into a relu MLP (loss ~1e9 falling
to ~2e5 and still falling a factor a epoch, not a stall; the tanh MLP kept); the summed GRU loss
at SGD 3e-4 and 6e-4 (bounced near the fix's level, ~0.55 a step-mean); TruncatedNormal(1.0)
meant as stddev (the first argument is the mean) on relu MLPs, and TruncatedNormal(0.1)/(0.3),
relu and tanh (huge losses still falling steadily, or a plateau that resumed descending);
sigmoid bias 6 under SGD with momentum (a 3700 first-epoch loss blow-up first; Adam kept); L2(0.5)
under Adam 2e-3 for 10 epochs (still creeping down to its floor at the end; 5e-3 for 12 kept).
The 14-layer softsign net was deepened to 20 layers (14 still fell slowly at the end). Not
written because earlier catalogues hold the mechanism: Adadelta's small default rate, decay
steps of 1, Conv2D(filters=1), GaussianNoise and Dropout regularisation, log of zero.

With the runner's seed, `fit` visits the examples in the same order every epoch, so several
runs show a sawtooth within each epoch. Labels follow `scenarios.py`: `expected_causes[0]` is
the root cause the scenario was built around, a second cause only where that symptom is
genuinely present too; `stall_begins` is the optimizer step from which the loss stops
improving (None: from the start), exact where an event of the scenario causes it (the first
constant-sensor recording, row 330 of the unshuffled file, in batch 11, step 11), otherwise
read off the per-step loss (16-step means) and marked approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("instrumentmakers", "spectaclemakers", "edgetoolmakers", "toolmakers")

REGISTRY = []

holdout78 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


def _rng(seed):
    return np.random.default_rng(seed)


def _std(v):
    v = np.asarray(v, dtype="float64")
    return ((v - v.mean(axis=0)) / (v.std(axis=0) + 1e-12)).astype("float32")


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, shuffle=True, callbacks=(),
                class_weight=None):
    """`_fit` for a model with several inputs; the last PROBE_SIZE rows are the probe."""
    train = [v[:-PROBE_SIZE] for v in inputs]
    probe = ([v[-PROBE_SIZE:] for v in inputs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        shuffle=shuffle, verbose=0, class_weight=class_weight,
                        callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


def _fit_weighted(session, model, x, y, *, epochs, batch_size, class_weight):
    """`_fit` with Keras class weights."""
    history = model.fit(x[:-PROBE_SIZE], y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        shuffle=True, verbose=0, class_weight=class_weight,
                        callbacks=session.callbacks((x[-PROBE_SIZE:], y[-PROBE_SIZE:])))
    return history.history["loss"]


# data ------------------------------------------------------------------------------------------


def bore_readings(n, seed):
    """A bored instrument tube's tuning error (standardised) from ten bore measurements: a
    smooth nonlinear function of wall thickness, taper and bore diameter, with a reamer
    scatter that grows with the taper (heteroscedastic)."""
    r = _rng(seed)
    x = r.normal(size=(n, 10)).astype("float32")
    mean = np.sin(1.5 * x[:, 0]) + 0.6 * x[:, 1] * x[:, 2] - 0.5 * np.abs(x[:, 3]) + 0.3 * x[:, 4]
    y = mean + (0.2 + 0.3 * np.abs(x[:, 1])) * r.normal(size=n)
    return x, _std(y)[:, None]


def string_traces(n, seed, length=64, flip=0.0, classes=4):
    """64 samples of a plucked string's decay, four classes (clean, buzzing fret, false
    string, loose bridge): decay rate, a second partial and a rattle burst differ; a fraction
    `flip` of the luthier's calls are wrong."""
    r = _rng(seed)
    y = r.integers(0, classes, n)
    t = np.linspace(0, 1, length)
    x = np.empty((n, length, 1), dtype="float32")
    for k in range(n):
        f = r.uniform(6, 9)
        decay = 3.0 if y[k] != 3 else 7.0
        s = np.exp(-decay * t) * np.sin(2 * np.pi * f * t + r.uniform(0, 6.28))
        if y[k] == 1:
            s = s + 0.5 * np.exp(-decay * t) * np.sign(np.sin(2 * np.pi * 3 * f * t))
        elif y[k] == 2:
            s = s + 0.6 * np.exp(-decay * t) * np.sin(2 * np.pi * 1.5 * f * t)
        x[k, :, 0] = s + 0.15 * r.normal(size=length)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, classes, n)) % classes, y)
    return x, y


def lens_tiles(n, seed, size=16, flip=0.0):
    """16x16 interferogram tiles of a ground lens, three classes (good, astigmatic, a
    scratch): rings, elliptic rings, a bright line; a fraction `flip` of labels wrong."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    g = np.linspace(-1, 1, size)
    xx, yy = np.meshgrid(g, g)
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        cx, cy = r.uniform(-0.3, 0.3, 2)
        e = 1.0 if y[k] != 1 else r.uniform(1.8, 2.6)
        rad = np.sqrt(((xx - cx) * e) ** 2 + (yy - cy) ** 2)
        img = np.cos(8 * rad + r.uniform(0, 6.28))
        if y[k] == 2:
            a = r.uniform(0, np.pi)
            d = np.abs(np.cos(a) * xx + np.sin(a) * yy - r.uniform(-0.5, 0.5))
            img = img + 2.0 * (d < 0.12)
        x[k, :, :, 0] = img + 0.4 * r.normal(size=(size, size))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 3, n)) % 3, y)
    return x, y


def grind_log(n, seed, length=20, channels=3):
    """20 readings of a grinding wheel's load, speed and temperature; the target is the
    edge's final sharpness score (standardised) from the late load, the mean speed and a
    temperature spike, plus Student-t scatter from the edge tester."""
    r = _rng(seed)
    x = np.cumsum(0.4 * r.normal(size=(n, length, channels)), axis=1).astype("float32")
    y = (0.8 * x[:, -3:, 0].mean(axis=1) - 0.5 * x[:, :, 1].mean(axis=1)
         + 0.4 * np.tanh(x[:, :, 2].max(axis=1)) + 0.4 * r.standard_t(3, size=n))
    return x, _std(y)[:, None]


def order_tokens(n, seed, length=16, vocab=60, rare=0.1):
    """A tool order as 16 part tokens (of 60); the order is a rush job (rare class) when a
    'rush' token pair (3 and 7) appears together or token 11 appears twice; the rest are
    routine."""
    r = _rng(seed)
    x = r.integers(12, vocab, size=(n, length))
    y = (r.random(n) < rare).astype("int64")
    for k in np.flatnonzero(y):
        if r.random() < 0.5:
            x[k, r.choice(length, 2, replace=False)] = [3, 7]
        else:
            x[k, r.choice(length, 2, replace=False)] = 11
    for k in np.flatnonzero(1 - y):
        if r.random() < 0.3:
            x[k, r.integers(length)] = r.choice([3, 7, 11])
    return x.astype("int32"), y


def xor_features(n, seed, dim=8):
    """Eight standardised gauge readings; the part passes when the signs of the first two
    agree (an XOR of two deviations), with 5% inspector errors."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    y = ((x[:, 0] * x[:, 1]) > 0).astype("int64")
    y = np.where(r.random(n) < 0.05, 1 - y, y)
    return x, y


def sequence_labels(n, seed, length=30, channels=2):
    """A 30-step trace of a spring's compression (two channels); the class (3) is which of
    three windows holds the largest excursion of the first channel."""
    r = _rng(seed)
    x = (0.5 * r.normal(size=(n, length, channels))).astype("float32")
    y = r.integers(0, 3, n)
    for k in range(n):
        s = 10 * y[k] + r.integers(2, 8)
        x[k, s, 0] += r.choice([-1, 1]) * r.uniform(2.0, 3.0)
        x[k, s, 1] += 1.0
    return x, y


def forge_sites(n, seed, raw=False):
    """A forge's blade hardness (standardised) from where its ore came: UTM easting and
    northing in metres, elevation in millimetres and two furnace settings. Hardness varies
    smoothly over the map (two ore bodies) and with the settings."""
    r = _rng(seed)
    e = r.uniform(-1, 1, n)
    nn = r.uniform(-1, 1, n)
    z = r.normal(size=n)
    s1, s2 = r.normal(size=(2, n))
    y = (np.exp(-4 * ((e - 0.4) ** 2 + (nn - 0.3) ** 2)) - np.exp(-4 * ((e + 0.5) ** 2 + (nn + 0.2) ** 2))
         + 0.4 * z * s1 + 0.3 * s2 + 0.1 * r.normal(size=n))
    if raw:
        x = np.stack([512000 + 40000 * e, 6210000 + 40000 * nn, 350000 + 120000 * z,
                      900 + 60 * s1, 1.2 + 0.1 * s2], axis=1)
    else:
        x = np.stack([e, nn, z, s1, s2], axis=1)
    return x.astype("float32"), _std(y)[:, None]


def sensor_recordings(n, seed, length=32, channels=4, flat_rows=()):
    """32 readings of four vibration sensors on a lathe spindle; the class (3) is the
    bearing state, carried by a tone in channel 0 and its harmonic in channel 2. In the rows
    `flat_rows` the third sensor was unplugged and reads a constant."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    t = np.arange(length)
    x = r.normal(size=(n, length, channels))
    for k in range(n):
        f = (0.08, 0.16, 0.24)[y[k]]
        ph = r.uniform(0, 6.28)
        x[k, :, 0] += 1.5 * np.sin(2 * np.pi * f * t + ph)
        x[k, :, 2] += 1.0 * np.sin(4 * np.pi * f * t + ph)
    x = x * r.uniform(0.5, 3.0, size=(n, 1, channels)) + r.uniform(-2, 2, size=(n, 1, channels))
    for k in flat_rows:
        x[k, :, 2] = 0.0
    return x, y


def counts_data(n, seed):
    """Chisels returned per month (Poisson counts) by a workshop: a numeric part (hardness,
    batch size, season) and the smith's id (one of 12, an embedding)."""
    r = _rng(seed)
    xn = r.normal(size=(n, 3)).astype("float32")
    smith = r.integers(0, 12, n).astype("int32")
    effect = r.normal(scale=0.5, size=12)
    rate = np.exp(0.4 + 0.5 * xn[:, 0] - 0.3 * xn[:, 1] ** 2 + 0.3 * np.sin(3 * xn[:, 2]) + effect[smith])
    y = r.poisson(rate).astype("float32")[:, None]
    return xn, smith, y


def set_features(n, seed, length=10, noise=0.5):
    """Ten measured teeth of a saw (pitch error, set, height) in no fixed order; the target is
    a cutting score (standardised): the mean of a per-tooth mark plus the worst tooth's
    height, and the tester's scatter."""
    r = _rng(seed)
    x = r.normal(size=(n, length, 3)).astype("float32")
    y = (1.5 * np.tanh(x[:, :, 0] * x[:, :, 1]).mean(axis=1) + 0.4 * x[:, :, 2].min(axis=1)
         + noise * r.normal(size=n))
    return x, _std(y)[:, None]


# instrumentmakers ------------------------------------------------------------------------------


@holdout78("instrumentmakers", healthy=True)
def bore_tuning_step_decay(session):
    """A bored tube's tuning error from ten bore measurements by an MLP 64-64 under Adam with
    a hand-written step decay (LearningRateScheduler halving the rate every three epochs);
    the reamer scatter grows with the taper, so the loss settles far above zero at the noise."""
    keras = _keras()
    x, y = bore_readings(N, seed=7801)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    schedule = keras.callbacks.LearningRateScheduler(lambda epoch, lr: 3e-3 * 0.5 ** (epoch // 3))
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[schedule])


@holdout78("instrumentmakers", healthy=True)
def string_noisy_labels(session):
    """A plucked string's decay classified (4 classes) by a Conv1D net with max pooling under
    Adam; a fifth of the luthier's calls are wrong, so the loss levels off well above zero."""
    keras = _keras()
    x, y = string_traces(N, seed=7802, flip=0.2)
    model = keras.Sequential([keras.Input((64, 1)),
                              keras.layers.Conv1D(16, 5, activation="relu"),
                              keras.layers.MaxPooling1D(2),
                              keras.layers.Conv1D(24, 5, activation="relu"),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout78("instrumentmakers", healthy=True)
def bore_quantile_custom_loop(session):
    """The tube's tuning error at the 0.2 quantile (pinball loss) by an MLP 32-32 in a
    hand-written GradientTape loop under RMSprop; the pinball loss's minimum sits far above
    zero, the loss falls and then flattens there."""
    import tensorflow as tf

    keras = _keras()
    x, y = bore_readings(N, seed=7803)

    def pinball(yt, yp, q=0.2):
        e = yt - yp
        return tf.reduce_mean(tf.maximum(q * e, (q - 1.0) * e))

    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.RMSprop(1e-3), pinball, x, y,
                        epochs=10, batch_size=32, seed=7803, loss_description="pinball q=0.2")


def _strings_rate(session, broken):
    keras = _keras()
    x, y = string_traces(N, seed=7804)
    model = keras.Sequential([keras.Input((64, 1)),
                              keras.layers.Conv1D(16, 5, activation="relu"),
                              keras.layers.MaxPooling1D(2),
                              keras.layers.Conv1D(24, 5, activation="relu"),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    # The linear scaling rule 'lr = base * batch / 256' typed as base * 256.
    lr = 2e-3 * 256 if broken else 2e-3
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout78("instrumentmakers", causes=["learning_rate_too_high"], stall_begins=30)  # approximate
def strings_scaled_rate(session):
    """The string-decay Conv1D classifier under Adam, its rate set by the linear scaling rule
    written as base times 256 instead of base times batch over 256: 0.512."""
    return _strings_rate(session, broken=True)


def _springs_rate(session, broken):
    keras = _keras()
    x, y = sequence_labels(N, seed=7805)
    model = keras.Sequential([keras.Input((30, 2)), keras.layers.LSTM(32),
                              keras.layers.Dense(3, activation="softmax")])
    # A fine-tuning recipe's rate copied into a training from scratch.
    lr = 1e-6 if broken else 3e-3
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout78("instrumentmakers", causes=["learning_rate_too_low"], stall_begins=None)
def springs_finetune_rate(session):
    """Which window holds a spring trace's largest excursion, by an LSTM(32) under Adam at
    1e-6, the rate of a fine-tuning recipe copied into a training from scratch."""
    return _springs_rate(session, broken=True)


def _gauges_deep(session, broken):
    keras = _keras()
    x, y = xor_features(N, seed=7806)
    act, init = ("softsign", "glorot_uniform") if broken else ("relu", "he_normal")
    layers = [keras.Input((8,))]
    layers += [keras.layers.Dense(32, activation=act, kernel_initializer=init) for _ in range(20)]
    layers.append(keras.layers.Dense(1, activation="sigmoid"))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.03), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout78("instrumentmakers", causes=["vanishing_gradients"], stall_begins=None)
def gauges_deep_softsign(session):
    """An XOR of two gauge deviations by a 20-layer softsign MLP (softsign 'because it
    saturates more gently than tanh') under SGD 0.03."""
    return _gauges_deep(session, broken=True)


# spectaclemakers -------------------------------------------------------------------------------


@holdout78("spectaclemakers", healthy=True)
def lens_warmup_cosine(session):
    """Interferogram tiles of ground lenses (good, astigmatic, scratched) by a small Conv2D net
    under Adam with a linear warm-up to 3e-3 over 40 steps and cosine decay; an eighth of the
    labels are wrong, so the loss ends well above zero."""
    keras = _keras()
    x, y = lens_tiles(N, seed=7811, flip=0.125)
    schedule = keras.optimizers.schedules.CosineDecay(0.0, decay_steps=280, warmup_target=3e-3,
                                                      warmup_steps=40, alpha=0.05)
    model = keras.Sequential([keras.Input((16, 16, 1)),
                              keras.layers.Conv2D(12, 3, activation="relu", padding="same"),
                              keras.layers.MaxPooling2D(),
                              keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
                              keras.layers.GlobalMaxPooling2D(),
                              keras.layers.Dense(24, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout78("spectaclemakers", healthy=True)
def lens_small_data_overfit(session):
    """Only 256 lens tiles (flattened) by an MLP 128-128 over 40 short epochs under Adam: it
    memorises the small book, the training loss falls towards zero."""
    keras = _keras()
    x, y = lens_tiles(256 + PROBE_SIZE, seed=7812)
    x = x.reshape(len(x), -1)
    model = keras.Sequential([keras.Input((256,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=32)


@holdout78("spectaclemakers", healthy=True)
def saw_teeth_attention(session):
    """A saw's cutting score from ten unordered teeth by a MultiHeadAttention block with a
    residual and mean pooling under AdamW; the tester's scatter leaves a floor well above
    zero."""
    keras = _keras()
    x, y = set_features(N, seed=7813)
    inp = keras.Input((10, 3))
    h = keras.layers.Dense(32, activation="relu")(inp)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=16)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.Dense(32, activation="relu")(h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    out = keras.layers.Dense(1)(h)
    model = keras.Model(inp, out)
    model.compile(keras.optimizers.AdamW(2e-3, weight_decay=1e-4), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _grind_sum(session, broken):
    import tensorflow as tf

    keras = _keras()
    x, y = grind_log(N, seed=7814)
    # seq2seq-ish: predict the target at every step (the running estimate)
    yy = np.repeat(y[:, None, :], 20, axis=1).astype("float32")
    model = keras.Sequential([keras.Input((20, 3)), keras.layers.GRU(32, return_sequences=True),
                              keras.layers.Dense(1)])

    def summed(yt, yp):
        # Summed over the batch and the 20 steps, as in a copied 'per-sequence' loss.
        return tf.reduce_sum(tf.square(yt - yp))

    def mean(yt, yp):
        return tf.reduce_mean(tf.square(yt - yp))

    return _custom_loop(session, model, keras.optimizers.SGD(1e-3),
                        summed if broken else mean, x, yy, epochs=8, batch_size=32, seed=7814,
                        loss_description="sum of squared errors" if broken else "mse")


@holdout78("spectaclemakers", causes=["exploding_gradients", "non_finite_values"],
           stall_begins=None)
def grind_summed_loss(session):
    """A grinding wheel's running sharpness estimate at each of 20 steps by a GRU(32) in a
    hand-written loop under plain SGD 1e-3, the squared error summed over the batch and the
    steps (a copied per-sequence loss) instead of averaged."""
    return _grind_sum(session, broken=True)


def _frames_threshold(session, broken):
    keras = _keras()
    x, y = bore_readings(N, seed=7815)
    relu = (lambda: keras.layers.ReLU(threshold=6.0)) if broken else (lambda: keras.layers.ReLU(max_value=6.0))
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64), relu(),
                              keras.layers.Dense(64), relu(), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout78("spectaclemakers", causes=["dead_relus"], stall_begins=None)
def frames_relu_threshold(session):
    """A frame's fit error from ten measurements by an MLP 64-64 with ReLU6 meant, written
    keras.layers.ReLU(threshold=6.0) (threshold is where the ReLU starts, max_value the cap)."""
    return _frames_threshold(session, broken=True)


def _tube_gates(session, broken):
    keras = _keras()
    x, y = bore_readings(N, seed=7817)
    # 'Start the gates open': the forget-gate bias trick, taken to a bias of 6 on every unit.
    bias = keras.initializers.Constant(6.0) if broken else "zeros"
    model = keras.Sequential([keras.Input((10,)),
                              keras.layers.Dense(64, activation="sigmoid", bias_initializer=bias),
                              keras.layers.Dense(64, activation="sigmoid", bias_initializer=bias),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout78("spectaclemakers", causes=["saturated_activations"], stall_begins=17)  # approximate
def temple_open_gates(session):
    """A spectacle temple's bending error from ten measurements by a sigmoid MLP 64-64 under
    Adam, every hidden unit given bias_initializer=Constant(6.0) to 'start the gates open',
    the forget-gate bias trick carried over to plain Dense layers."""
    return _tube_gates(session, broken=True)


# edgetoolmakers --------------------------------------------------------------------------------


@holdout78("edgetoolmakers", healthy=True)
def grind_huber_plateau_schedule(session):
    """An edge's sharpness score from a 20-step grinding log by a GRU(24) under Huber loss
    against Student-t tester scatter, SGD with momentum and ReduceLROnPlateau (factor 0.3,
    patience 1): the loss levels off, the rate drops, and it improves again towards the
    floor."""
    keras = _keras()
    x, y = grind_log(N, seed=7821)
    model = keras.Sequential([keras.Input((20, 3)), keras.layers.GRU(24), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), keras.losses.Huber(delta=1.0))
    plateau = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=1, min_delta=1e-3)
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[plateau])


@holdout78("edgetoolmakers", healthy=True)
def rush_orders_class_weight(session):
    """Rush orders (one in ten) among tool orders of 16 part tokens by an Embedding, a Conv1D
    and max pooling under Adam, the rare class weighted up by class_weight {0: 1, 1: 5}: a
    long wait near the weighted prior, then a descent."""
    keras = _keras()
    x, y = order_tokens(N, seed=7822)
    model = keras.Sequential([keras.Input((16,), dtype="int32"),
                              keras.layers.Embedding(60, 16),
                              keras.layers.Conv1D(24, 3, activation="relu", padding="same"),
                              keras.layers.GlobalMaxPooling1D(),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_weighted(session, model, x, y, epochs=12, batch_size=32,
                         class_weight={0: 1.0, 1: 5.0})


@holdout78("edgetoolmakers", healthy=True)
def grind_slow_sgd(session):
    """The grinding-log sharpness score flattened into an MLP 32 under plain SGD at 3e-3 for
    15 epochs: a long slow descent, still improving at the end, far above the noise floor."""
    keras = _keras()
    x, y = grind_log(N, seed=7823)
    x = x.reshape(len(x), -1)
    model = keras.Sequential([keras.Input((60,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(3e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=64)


def _forge_raw(session, broken):
    keras = _keras()
    x, y = forge_sites(N, seed=7824, raw=broken)
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(64, activation="tanh"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout78("edgetoolmakers", causes=["unnormalized_inputs", "saturated_activations"],
           stall_begins=20)  # approximate
def forge_utm_raw(session):
    """Blade hardness from the ore's site by a tanh MLP 64-64 under Adam, fed the survey export
    as it is: UTM easting and northing in metres (~5e5, ~6e6), elevation in millimetres,
    furnace temperature in degrees and a ratio near 1."""
    return _forge_raw(session, broken=True)


def _temper_head(session, broken):
    keras = _keras()
    x, y = grind_log(N, seed=7825)
    # 'The score is a grade between 0 and 1', but the target was standardised.
    model = keras.Sequential([keras.Input((20, 3)), keras.layers.GRU(24),
                              keras.layers.Dense(1, activation="sigmoid" if broken else None)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout78("edgetoolmakers", causes=["loss_activation_mismatch"], stall_begins=33)  # approximate
def temper_grade_sigmoid(session):
    """A tempered edge's score from a 20-step furnace log by a GRU(24) under mean squared
    error, its head Dense(1, activation='sigmoid') because 'the score is a grade between 0
    and 1', while the target had been standardised (half of it negative)."""
    return _temper_head(session, broken=True)


def _chisel_units(session, broken):
    keras = _keras()
    x, y = sequence_labels(N, seed=7826, channels=2)
    # 'units = number of input channels'
    model = keras.Sequential([keras.Input((30, 2)), keras.layers.LSTM(1 if broken else 32),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout78("edgetoolmakers", causes=["insufficient_capacity"], stall_begins=None)
def chisel_lstm_one_unit(session):
    """Which window holds a chisel-test trace's largest excursion, by LSTM(units=1) read as
    'one layer' under Adam, its single state feeding a three-way softmax."""
    return _chisel_units(session, broken=True)


# toolmakers ------------------------------------------------------------------------------------


@holdout78("toolmakers", healthy=True)
def chisel_returns_poisson(session):
    """Chisels returned per month (Poisson counts) from three numeric features and the smith
    (an Embedding of 12), two inputs, an exponential head under keras's Poisson loss and
    Nadam: the loss falls to the counts' own randomness and stays there."""
    keras = _keras()
    xn, smith, y = counts_data(N, seed=7831)
    a = keras.Input((3,))
    b = keras.Input((1,), dtype="int32")
    e = keras.layers.Flatten()(keras.layers.Embedding(12, 4)(b))
    h = keras.layers.Concatenate()([a, e])
    h = keras.layers.Dense(32, activation="relu")(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    out = keras.layers.Dense(1, activation="exponential")(h)
    model = keras.Model([a, b], out)
    model.compile(keras.optimizers.Nadam(2e-3), keras.losses.Poisson())
    return _fit_inputs(session, model, [xn, smith[:, None]], y, epochs=10, batch_size=32)


@holdout78("toolmakers", healthy=True)
def lathe_noisy_custom_loop(session):
    """Lathe spindle vibration (four sensors, standardised per channel over the set) classified
    into three bearing states by a Conv1D net in a hand-written GradientTape loop under SGD
    with Nesterov momentum; 15% of the fitter's calls are wrong."""
    keras = _keras()
    x, y = sensor_recordings(N, seed=7832)
    x = ((x - x.mean(axis=(0, 1))) / x.std(axis=(0, 1))).astype("float32")
    r = _rng(7832)
    wrong = r.random(len(y)) < 0.15
    y = np.where(wrong, (y + r.integers(1, 3, len(y))) % 3, y).astype("int64")
    model = keras.Sequential([keras.Input((32, 4)),
                              keras.layers.Conv1D(16, 5, activation="relu"),
                              keras.layers.Conv1D(16, 5, activation="relu"),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(3, activation="softmax")])
    return _custom_loop(session, model, keras.optimizers.SGD(0.05, momentum=0.9, nesterov=True),
                        keras.losses.SparseCategoricalCrossentropy(), x, y, epochs=10,
                        batch_size=32, seed=7832)


@holdout78("toolmakers", healthy=True)
def saw_teeth_bidirectional(session):
    """The saw's cutting score from its ten teeth read in order by a Bidirectional LSTM(16)
    under RMSprop with heavy tester scatter (noise 0.9): a slow steady descent, still going
    at the end and far above zero."""
    keras = _keras()
    x, y = set_features(N, seed=7833, noise=0.9)
    model = keras.Sequential([keras.Input((10, 3)),
                              keras.layers.Bidirectional(keras.layers.LSTM(16)),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.RMSprop(2e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _orders_l2(session, broken):
    keras = _keras()
    x, y = order_tokens(N, seed=7834, rare=0.5)
    # A weight decay of 0.5 from a paper where it multiplies the rate, put into L2 as it is.
    reg = keras.regularizers.L2(0.5 if broken else 1e-4)
    model = keras.Sequential([keras.Input((16,), dtype="int32"),
                              keras.layers.Embedding(60, 16, embeddings_regularizer=reg),
                              keras.layers.Conv1D(24, 3, activation="relu", padding="same",
                                                  kernel_regularizer=reg),
                              keras.layers.GlobalMaxPooling1D(),
                              keras.layers.Dense(16, activation="relu", kernel_regularizer=reg),
                              keras.layers.Dense(1, activation="sigmoid", kernel_regularizer=reg)])
    model.compile(keras.optimizers.Adam(5e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout78("toolmakers", causes=["over_regularization"], stall_begins=160)  # approximate
def orders_l2_half(session):
    """Rush orders (half of them) from 16 part tokens by Embedding, Conv1D and max pooling
    under Adam 5e-3, every kernel and the embedding under L2(0.5): a paper's weight decay of 0.5
    (multiplied by the rate there) typed into keras's L2 factor."""
    return _orders_l2(session, broken=True)


def _press_init(session, broken):
    keras = _keras()
    x, y = bore_readings(N, seed=7835)
    # An embedding table's RandomNormal(stddev=1e-3) copied onto every Dense kernel.
    init = keras.initializers.RandomNormal(stddev=1e-3) if broken else "he_normal"
    model = keras.Sequential([keras.Input((10,))]
                             + [keras.layers.Dense(48, activation="relu", kernel_initializer=init)
                                for _ in range(5)]
                             + [keras.layers.Dense(1, kernel_initializer=init)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout78("toolmakers", causes=["poor_initialization", "vanishing_gradients"],
           stall_begins=None)
def press_embedding_init(session):
    """A press tool's setting error from ten measurements by a relu MLP of five 48-unit layers
    under Adam, every kernel initialised with RandomNormal(stddev=1e-3), the init of an
    embedding table copied from another model: the signal and its gradient shrink a
    hundredfold at each layer."""
    return _press_init(session, broken=True)


FLAT_ROWS = (330, 517, 702, 905)


def _lathe_flat(session, broken):
    keras = _keras()
    x, y = sensor_recordings(N, seed=7836, flat_rows=FLAT_ROWS)
    # Each recording standardised by its own per-channel spread.
    mu = x.mean(axis=1, keepdims=True)
    sd = x.std(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        x = ((x - mu) / (sd if broken else sd + 1e-6)).astype("float32")
    model = keras.Sequential([keras.Input((32, 4)),
                              keras.layers.Conv1D(16, 5, activation="relu"),
                              keras.layers.Conv1D(16, 5, activation="relu"),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32, shuffle=False)


@holdout78("toolmakers", causes=["non_finite_values"], stall_begins=11)
def lathe_flat_sensor(session):
    """Lathe spindle vibration classified into three bearing states by a Conv1D net, each
    recording standardised by its own per-channel standard deviation; in four recordings the
    third sensor was unplugged and reads a constant, 0/0 there (the first at row 330, in
    batch 11 of the unshuffled file order)."""
    return _lathe_flat(session, broken=True)
