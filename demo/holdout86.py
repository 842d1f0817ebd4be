"""The eighty-sixth held-out catalogue: written by someone who did not read the engine or run
the diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History and the per-step loss, in a throwaway script with the runner's seed), and
every broken one against the same model trained without its mistake (each helper
`_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Polishers: a lens's surface roughness from ten
process features with heteroscedastic interferometer scatter, an MLP under Adam and
PiecewiseConstantDecay (a step down at each drop, then the noise floor); a spindle's fault from
vibration traces by a Conv1D net with a fifth of the operator's calls wrong; a fix's cross-track
error under Huber loss against Student-t scatter, in a hand-written GradientTape loop.
Grinders: a wheel's wear from 30 readings by an LSTM under mean absolute error against Laplace
gauge noise (RMSprop); burn marks on one part in twelve, weighted up by class_weight; 256
grinding jobs memorised by an MLP 128-128 over 50 short epochs. Surveyors: landforms on
elevation tiles by a small Conv2D net under AdamW with a warm-up and cosine decay; field notes
as tokens by an Embedding with average pooling under SGD and ReduceLROnPlateau; a height
correction at the 0.1 quantile under the pinball loss (flat far above zero). Navigators: a fix's
quality from ten unordered sightings by a MultiHeadAttention block; course corrections per
watch (Poisson counts) by an exponential-output MLP under keras's Poisson loss (negative: keras
leaves out the log y! term); a vessel's drift from a GRU over past positions and a Dense branch
over the weather, two inputs, plain SGD (still falling at the end).

The broken half, one root cause each: the linear scaling rule written as base_lr * batch_size
(RMSprop at 0.64) on a Conv1D net (learning rate too high); keras ReLU(threshold=6.0) written
for ReLU6 (dead ReLUs); LayerNormalization's gamma initialised to 1000 in front of tanh under SGD
(saturated activations); ExponentialDecay with decay_steps=1 meant per epoch, so a GRU's Adam
rate is gone within fifty steps (learning rate too low); eight stacked sigmoid Conv1D layers
ported from an old net (vanishing gradients); MeanSquaredError(reduction='sum') under SGD with
momentum tuned for the mean, the loss rising to inf and NaN in the first epoch (exploding
gradients, with non-finite values as the second, genuinely present cause); a GRU fed a logger's
raw 12-bit ADC counts (unnormalised inputs); a classifier template's sigmoid head left on a
regression whose targets are mostly negative (loss/activation mismatch); a linear autoencoder
with latent_dim=1 for four independent factors (insufficient capacity); keras L1L2(l1=0.5,
l2=0.5) written from an elastic net's l1_ratio (over-regularisation); RandomUniform(0, 1)
kernels in a 4x64 relu MLP (poor initialisation); hand standardisation of a chart export whose
constant column makes 0/0 = NaN inputs, which relu turns into zeros so the loss stays finite and
flat (non-finite values).

Dropped or replaced because they did not behave as intended: an IRNN (SimpleRNN relu with an
identity recurrent kernel of gain 1.3 or 1.15) for the exploding gradients (under Adam its huge
loss kept falling steadily, under SGD it was NaN from the first step; the sum reduction kept); a
softmax head kept under binary cross-entropy for multi-label tags (it trained exactly like the
sigmoid head in this Keras; replaced by the sigmoid regression head); the same sigmoid head on
centred targets (still creeping down, ~1% an epoch; the mostly-negative targets kept); a raw
Unix-seconds column beside standardised ones (an astronomic loss that fell thirtyfold an
epoch; the ADC counts kept); GaussianNoise(3.0) for the over-regularisation (this Keras
rejects a stddev above 1; the L1L2 misread kept); LayerNormalization gamma 25 and 100 in front
of tanh, and 100 in front of hard_sigmoid (all still learning slowly; 1000 kept); the linear
scaling rule from a base of 1e-3 (0.064: it learnt erratically, once reaching 0.05); a relu
autoencoder with latent_dim=1 (still creeping down ~1% an epoch; the linear one kept). The
eight-layer Conv1D's fixed variant needed he_normal and SGD 0.01 to learn (relu with Glorot at
0.05 was stuck too); the broken run uses the same rate.

With the runner's seed, `fit` visits the examples in the same order every epoch, so several
runs show a sawtooth within each epoch. Labels follow `scenarios.py`: `expected_causes[0]` is
the root cause the scenario was built around, a second cause only where that symptom is
genuinely present too (the sum reduction's loss is inf at step 19 and NaN from step 20);
`stall_begins` is the optimizer step from which the loss stops improving (None: from the
start), read off the per-step loss and marked approximate where the loss first falls and then
levels off.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("polishers", "grinders", "surveyors", "navigators")

REGISTRY = []

holdout86 = registrar(REGISTRY)

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


def lens_finish(n, seed, noise_scale=1.0):
    """A lens's surface roughness (standardised) after polishing, from ten process features
    (pad pressure, slurry grit, speed, dwell, ...): a smooth nonlinear response; the
    interferometer's scatter grows with the roughness (heteroscedastic)."""
    r = _rng(seed)
    x = r.normal(size=(n, 10)).astype("float32")
    mean = (np.tanh(x[:, 0] + 0.5 * x[:, 1]) + 0.6 * x[:, 2] * x[:, 3] - 0.4 * x[:, 4] ** 2
            + 0.3 * np.sin(2 * x[:, 5]))
    y = mean + noise_scale * (0.2 + 0.25 * np.abs(mean)) * r.normal(size=n)
    return x, _std(y)[:, None]


def vibration_traces(n, seed, length=64, flip=0.0, classes=4):
    """A polishing spindle's vibration over 64 samples, four classes: 0 smooth, 1 an
    imbalance (a strong low tone), 2 a worn bearing (a high tone), 3 chatter (bursts); a
    fraction `flip` of labels are the operator's wrong calls."""
    r = _rng(seed)
    y = r.integers(0, classes, n)
    t = np.arange(length) / length
    x = np.empty((n, length, 1), dtype="float32")
    for k in range(n):
        s = 0.4 * r.normal(size=length)
        ph = r.uniform(0, 2 * np.pi)
        if y[k] == 1:
            s += r.uniform(0.6, 1.0) * np.sin(2 * np.pi * 3 * t + ph)
        elif y[k] == 2:
            s += r.uniform(0.6, 1.0) * np.sin(2 * np.pi * 14 * t + ph)
        elif y[k] == 3:
            c = r.integers(8, 56)
            s[c - 6:c + 6] += r.uniform(1.0, 2.0) * r.choice([-1, 1], 12)
        x[k, :, 0] = s
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, classes, n)) % classes, y)
    return x, y


def grit_series(n, seed, length=30, channels=3):
    """30 readings of a grinder's three channels (spindle load, coolant temperature, feed);
    the target is the next pass's wheel wear (standardised) with Laplace gauge noise."""
    r = _rng(seed)
    x = np.cumsum(0.3 * r.normal(size=(n, length, channels)), axis=1).astype("float32")
    y = (0.8 * x[:, -1, 0] - 0.5 * x[:, -5:, 1].mean(axis=1) + 0.4 * np.tanh(x[:, :, 2].mean(axis=1))
         + 0.4 * r.laplace(size=n))
    return x, _std(y)[:, None]


def grinder_tabular(n, seed, dim=12):
    """Twelve standardised features of a grinding job; three defect classes decided by a
    nonlinear rule, with a tenth of the rows ambiguous (random class)."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    score = np.stack([x[:, 0] + x[:, 1] * x[:, 2], np.sin(2 * x[:, 3]) + x[:, 4],
                      x[:, 5] ** 2 - 1 + 0.5 * x[:, 6]], axis=1)
    y = score.argmax(axis=1)
    wrong = r.random(n) < 0.1
    y = np.where(wrong, r.integers(0, 3, n), y)
    return x, y


def survey_tiles(n, seed, size=12, classes=4):
    """12x12 elevation tiles from a survey, four landforms: a ridge (a line), a pit, a
    saddle, flat ground; orientation, position and the instrument noise vary."""
    r = _rng(seed)
    y = r.integers(0, classes, n)
    g = np.linspace(-1, 1, size)
    xx, yy = np.meshgrid(g, g)
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        cx, cy = r.uniform(-0.4, 0.4, 2)
        a = r.uniform(0, np.pi)
        u = (xx - cx) * np.cos(a) + (yy - cy) * np.sin(a)
        v = -(xx - cx) * np.sin(a) + (yy - cy) * np.cos(a)
        if y[k] == 0:
            z = np.exp(-(u / 0.2) ** 2)
        elif y[k] == 1:
            z = -np.exp(-((u ** 2 + v ** 2) / 0.1))
        elif y[k] == 2:
            z = u ** 2 - v ** 2
        else:
            z = 0.1 * u
        x[k, :, :, 0] = z + 0.3 * r.normal(size=(size, size))
    return x, y


def field_notes(n, seed, length=16, vocab=60):
    """A surveyor's field note as 16 tokens out of 60; three note kinds, each marked by
    which of three keyword groups is most present, the rest filler."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    x = r.integers(10, vocab, size=(n, length))
    for k in range(n):
        m = r.integers(2, 5)
        pos = r.choice(length, m, replace=False)
        x[k, pos] = 1 + 3 * y[k] + r.integers(0, 3, m)
    return x.astype("int32"), y


def bearings(n, seed, dim=8):
    """Eight standardised observations of a navigator's fix (star altitudes, log speed,
    heading, ...); the target is the cross-track error (standardised) with a smooth
    nonlinear dependence and Student-t scatter."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    y = (np.sin(x[:, 0]) + 0.7 * x[:, 1] * x[:, 2] + 0.5 * x[:, 3] - 0.3 * np.abs(x[:, 4])
         + 0.35 * r.standard_t(3, size=n))
    return x, _std(y)[:, None]


# polishers: healthy ---------------------------------------------------------------------------


@holdout86("polishers", healthy=True)
def roughness_piecewise_decay(session):
    """A lens's surface roughness from ten process features, heteroscedastic interferometer
    scatter, an MLP 64-64 relu under Adam with PiecewiseConstantDecay (3e-3, then 3e-4 from
    step 160, 3e-5 from step 320): a fall, a small step down at each drop, then the noise
    floor."""
    keras = _keras()
    x, y = lens_finish(N, seed=8601)
    lr = keras.optimizers.schedules.PiecewiseConstantDecay([160, 320], [3e-3, 3e-4, 3e-5])
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(lr), "mse")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout86("polishers", healthy=True)
def spindle_noisy_labels(session):
    """A polishing spindle's fault from 64 vibration samples by a Conv1D net (16, 32 filters,
    global max pooling), 20% of the operator's calls wrong, Adam 2e-3: the loss falls and
    levels off far above zero at the label noise."""
    keras = _keras()
    x, y = vibration_traces(N, seed=8602, flip=0.2)
    model = keras.Sequential([keras.Input((64, 1)),
                              keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
                              keras.layers.MaxPooling1D(2),
                              keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
                              keras.layers.GlobalMaxPooling1D(),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout86("polishers", healthy=True)
def cross_track_huber_loop(session):
    """A fix's cross-track error from eight observations, Student-t scatter, an MLP 48-48
    tanh in a hand-written GradientTape loop under Huber loss and Adam 3e-3: a slow start,
    then a steady fall that is still going at the end, far above zero (the heavy-tailed
    scatter sets the floor)."""
    keras = _keras()
    x, y = bearings(N, seed=8603)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(48, activation="tanh"),
                              keras.layers.Dense(48, activation="tanh"),
                              keras.layers.Dense(1, activation="linear")])
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), keras.losses.Huber(),
                        x, y, epochs=10, batch_size=32, seed=8603)


# grinders: healthy ----------------------------------------------------------------------------


@holdout86("grinders", healthy=True)
def wheel_wear_lstm_mae(session):
    """The next pass's wheel wear from 30 readings of three channels by an LSTM(24), mean
    absolute error against Laplace gauge noise, RMSprop 2e-3: a quick fall, then a flat
    floor at the noise's mean absolute size."""
    keras = _keras()
    x, y = grit_series(N, seed=8604)
    model = keras.Sequential([keras.Input((30, 3)), keras.layers.LSTM(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.RMSprop(2e-3), "mae")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout86("grinders", healthy=True)
def burn_marks_class_weight(session):
    """Whether a ground part shows burn marks (one part in twelve) from twelve features, an
    MLP 32-32 relu with class_weight {0: 1, 1: 6}, Adam 2e-3: the weighted loss falls
    steadily over twelve epochs and is still improving at the end."""
    keras = _keras()
    r = _rng(8605)
    x = r.normal(size=(N, 12)).astype("float32")
    z = 1.2 * x[:, 0] + x[:, 1] * x[:, 2] - 0.8 * x[:, 3] ** 2 + 0.6 * r.normal(size=N) - 2.2
    y = (z > 0).astype("float32")
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    (xt, yt), probe = (x[:-PROBE_SIZE], y[:-PROBE_SIZE]), (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(xt, yt, epochs=12, batch_size=32, verbose=0,
                        class_weight={0: 1.0, 1: 6.0}, callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout86("grinders", healthy=True)
def few_jobs_memorised(session):
    """Defect classes of only 256 grinding jobs (a tenth ambiguous) by an MLP 128-128 relu,
    Adam 3e-3, 50 short epochs: the training loss keeps sinking as the net memorises the
    small book, ambiguous rows included."""
    keras = _keras()
    x, y = grinder_tabular(256 + PROBE_SIZE, seed=8606)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=50, batch_size=32)


# surveyors: healthy ---------------------------------------------------------------------------


@holdout86("surveyors", healthy=True)
def landform_warmup_cosine(session):
    """Landforms on 12x12 elevation tiles by a small Conv2D net (8, 16 filters), AdamW under
    CosineDecay with a 60-step linear warm-up to 3e-3: slow at first, a steady fall, then a
    gentle landing as the rate decays."""
    keras = _keras()
    x, y = survey_tiles(N, seed=8607)
    lr = keras.optimizers.schedules.CosineDecay(1e-5, decay_steps=240, alpha=0.05,
                                                warmup_target=3e-3, warmup_steps=60)
    model = keras.Sequential([keras.Input((12, 12, 1)),
                              keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
                              keras.layers.MaxPooling2D(),
                              keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
                              keras.layers.GlobalAveragePooling2D(),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.AdamW(lr, weight_decay=1e-4), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout86("surveyors", healthy=True)
def field_notes_reduce_on_plateau(session):
    """A field note's kind from 16 tokens by Embedding(60, 16) and global average pooling,
    SGD 0.5 with ReduceLROnPlateau(factor 0.3, patience 1, min_delta 1e-3): a first epoch
    near ln 3, a sharp fall, then a tail towards zero where the callback cuts the rate as
    the gains shrink."""
    keras = _keras()
    x, y = field_notes(N, seed=8608)
    model = keras.Sequential([keras.Input((16,), dtype="int32"), keras.layers.Embedding(60, 16),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.5), "sparse_categorical_crossentropy")
    cb = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=1, min_delta=1e-3)
    return _fit(session, model, x, y, epochs=14, batch_size=32, callbacks=[cb])


def _pinball(tau):
    import tensorflow as tf

    def loss(y_true, y_pred):
        e = y_true - y_pred
        return tf.reduce_mean(tf.maximum(tau * e, (tau - 1.0) * e), axis=-1)

    return loss


@holdout86("surveyors", healthy=True)
def benchmark_height_low_quantile(session):
    """A benchmark's height correction at the 0.1 quantile from ten features under the
    pinball loss, an MLP 64-32 relu, Adam 3e-3: a quick fall to a floor far above zero,
    which is where a quantile loss ends."""
    keras = _keras()
    x, y = lens_finish(N, seed=8609, noise_scale=2.0)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), _pinball(0.1))
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# navigators: healthy --------------------------------------------------------------------------


@holdout86("navigators", healthy=True)
def sightings_attention(session):
    """A fix's quality (standardised) from ten unordered star sightings (altitude error,
    azimuth, weight) by one MultiHeadAttention block (2 heads) and mean pooling, Adam 2e-3:
    a slow, steady fall still going at the end."""
    keras = _keras()
    r = _rng(8610)
    x = r.normal(size=(N, 10, 3)).astype("float32")
    w = np.exp(x[:, :, 2])
    target = (w * np.tanh(x[:, :, 0] * x[:, :, 1])).sum(axis=1) / w.sum(axis=1)
    y = _std(target + 0.2 * r.normal(size=N))[:, None]
    inp = keras.Input((10, 3))
    h = keras.layers.Dense(32)(inp)
    a = keras.layers.MultiHeadAttention(2, 16)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout86("navigators", healthy=True)
def log_entries_poisson(session):
    """Course corrections logged per watch (Poisson counts) from six conditions by an MLP
    32-32 with an exponential output, Adam 3e-3 under keras's Poisson loss: it falls and
    levels off at the counts' own randomness (keras leaves out the log y! term)."""
    keras = _keras()
    r = _rng(8611)
    x = r.normal(size=(N, 6)).astype("float32")
    rate = np.exp(0.6 * x[:, 0] - 0.4 * x[:, 1] + 0.3 * x[:, 2] * x[:, 3] + 0.5)
    y = r.poisson(rate).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout86("navigators", healthy=True)
def drift_two_inputs_slow_sgd(session):
    """A vessel's drift (standardised) from 20 past positions (a GRU(16)) and four current
    weather features (a Dense branch), two inputs, plain SGD 0.02: a long slow descent
    that is still improving at the end."""
    keras = _keras()
    r = _rng(8612)
    seq = np.cumsum(0.3 * r.normal(size=(N, 20, 2)), axis=1).astype("float32")
    wx = r.normal(size=(N, 4)).astype("float32")
    y = _std(0.7 * (seq[:, -1, 0] - seq[:, -5, 0]) + 0.5 * wx[:, 0] * wx[:, 1]
             + 0.4 * np.tanh(wx[:, 2]) + 0.2 * r.normal(size=N))[:, None]
    s_in = keras.Input((20, 2))
    w_in = keras.Input((4,))
    h = keras.layers.Concatenate()([keras.layers.GRU(16)(s_in),
                                    keras.layers.Dense(16, activation="relu")(w_in)])
    h = keras.layers.Dense(16, activation="relu")(h)
    model = keras.Model([s_in, w_in], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.SGD(0.02), "mse")
    return _fit_inputs(session, model, [seq, wx], y, epochs=10, batch_size=32)


# polishers: broken ----------------------------------------------------------------------------


def _linear_scaling(session, broken):
    keras = _keras()
    x, y = vibration_traces(N, seed=8621)
    # The linear scaling rule is lr = base * batch / 256; it was applied as base * batch.
    lr = 1e-2 * 64 if broken else 1e-2 * 64 / 256
    model = keras.Sequential([keras.Input((64, 1)),
                              keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
                              keras.layers.MaxPooling1D(2),
                              keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
                              keras.layers.GlobalMaxPooling1D(),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.RMSprop(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=64)


@holdout86("polishers", ["learning_rate_too_high"], stall_begins=None)
def spindle_linear_scaling_rule(session):
    """A spindle's fault from 64 vibration samples by a Conv1D net, RMSprop. The team's
    'linear scaling rule' for batch 64 was written as base_lr * batch_size (1e-3 * 64 =
    0.64 from a base of 1e-2) instead of base_lr * batch_size / 256: every step overshoots."""
    return _linear_scaling(session, True)


def _relu_threshold(session, broken):
    keras = _keras()
    x, y = lens_finish(N, seed=8622)

    def act():
        # Meant: ReLU capped at 6 (ReLU6); written with the wrong keyword.
        return keras.layers.ReLU(threshold=6.0) if broken else keras.layers.ReLU(max_value=6.0)

    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64), act(),
                              keras.layers.Dense(64), act(), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout86("polishers", ["dead_relus"], stall_begins=None)
def roughness_relu6_threshold(session):
    """A lens's roughness from ten process features by an MLP 64-64 with keras ReLU layers
    meant as ReLU6 but written ReLU(threshold=6.0): threshold is where the unit starts to
    pass, not its cap, so a unit is zero unless its input exceeds 6, which almost never
    happens."""
    return _relu_threshold(session, True)


def _layernorm_gain(session, broken):
    keras = _keras()
    x, y = grinder_tabular(N, seed=8623)
    gain = 1000.0 if broken else 1.0
    layers = [keras.Input((12,))]
    for _ in range(2):
        layers += [keras.layers.Dense(64),
                   keras.layers.LayerNormalization(gamma_initializer=keras.initializers.Constant(gain)),
                   keras.layers.Activation("tanh")]
    layers.append(keras.layers.Dense(3, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout86("polishers", ["saturated_activations"], stall_begins=None)
def polish_defects_layernorm_gain(session):
    """A polishing job's defect class from twelve features by Dense-LayerNorm-tanh blocks,
    SGD with momentum. LayerNormalization's gamma was initialised to 1000 ('the features'
    raw spread' from a pipeline note), so every tanh gets inputs of size ~1000 and sits at
    +-1."""
    return _layernorm_gain(session, True)


# grinders: broken -----------------------------------------------------------------------------


def _per_step_decay(session, broken):
    keras = _keras()
    x, y = grit_series(N, seed=8624)
    # Meant: x0.9 per epoch (32 steps); decay_steps=1 makes it x0.9 per step.
    lr = keras.optimizers.schedules.ExponentialDecay(2e-3, decay_steps=1 if broken else 32,
                                                     decay_rate=0.9, staircase=True)
    model = keras.Sequential([keras.Input((30, 3)), keras.layers.GRU(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(lr), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# Flat from about step 20 (the rate is 2.4e-4 there and 1e-5 by step 50): approximate.
@holdout86("grinders", ["learning_rate_too_low"], stall_begins=20)
def wheel_wear_decay_per_step(session):
    """The next pass's wheel wear from 30 readings by a GRU(24), Adam under
    ExponentialDecay(2e-3, decay_steps=1, decay_rate=0.9): meant as 'x0.9 every epoch',
    decay_steps counts optimizer steps, so the rate is below 1e-5 after fifty steps and the
    loss freezes where it got to."""
    return _per_step_decay(session, True)


def _deep_sigmoid_conv(session, broken):
    keras = _keras()
    x, y = vibration_traces(N, seed=8625)
    act = "sigmoid" if broken else "relu"
    init = "glorot_uniform" if broken else "he_normal"
    layers = [keras.Input((64, 1))]
    for _ in range(8):
        layers.append(keras.layers.Conv1D(16, 3, activation=act, padding="same",
                                          kernel_initializer=init))
    layers += [keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(4, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout86("grinders", ["vanishing_gradients"], stall_begins=None)
def grinder_chatter_sigmoid_stack(session):
    """A grinder's vibration class from 64 samples by eight stacked Conv1D(16) layers with
    sigmoid activations (the port of an old Matlab net), global pooling, SGD with momentum:
    each sigmoid passes at most a quarter of the gradient, so the first layers hardly
    move."""
    return _deep_sigmoid_conv(session, True)


def _sum_reduction(session, broken):
    keras = _keras()
    r = _rng(8626)
    x = r.normal(size=(N, 8)).astype("float32")
    # Spindle power (standardised) from eight settings of a surface grinder.
    y = _std(np.sin(x[:, 0]) + 0.7 * x[:, 1] * x[:, 2] + 0.5 * x[:, 3] - 0.3 * np.abs(x[:, 4])
             + 0.3 * r.normal(size=N))[:, None]
    # Copied from a per-example loss snippet: "sum" adds the batch's 64 squared errors up.
    loss = keras.losses.MeanSquaredError(reduction="sum" if broken else "sum_over_batch_size")
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(64, activation="tanh"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), loss)
    return _fit(session, model, x, y, epochs=8, batch_size=64)


@holdout86("grinders", ["exploding_gradients", "non_finite_values"], stall_begins=None)
def spindle_power_sum_reduction(session):
    """A surface grinder's spindle power from eight settings by an MLP 64-64 tanh, SGD 0.01
    with momentum 0.9 (the team's rate for a mean loss), but the loss is
    MeanSquaredError(reduction='sum'), copied from a snippet: the gradient is 64 times the
    mean's, the updates overshoot more at each step, the loss rises from the second step, is
    inf at step 19 and NaN from step 20."""
    return _sum_reduction(session, True)


# surveyors: broken ----------------------------------------------------------------------------


def _adc_counts(session, broken):
    keras = _keras()
    x, y = grit_series(N, seed=8627)
    # The logger's export: 12-bit ADC counts around mid-scale, not volts or standard units.
    raw = (2048.0 + 300.0 * x).astype("float32")
    xs = raw if broken else ((raw - raw.mean(axis=(0, 1))) / raw.std(axis=(0, 1))).astype("float32")
    model = keras.Sequential([keras.Input((30, 3)), keras.layers.GRU(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, xs, y, epochs=8, batch_size=32)


# Falls to ~0.4 by about step 60, then scatters around it to the end: approximate.
@holdout86("surveyors", ["unnormalized_inputs"], stall_begins=60)
def borehole_gauge_adc_counts(session):
    """A borehole gauge's next reading (standardised) from 30 readings of three channels by
    a GRU(24), Adam 2e-3, fed the logger's raw 12-bit ADC counts (~2048 +- 300 on every
    channel) because 'the GRU has its own gates': every gate's input is in the thousands."""
    return _adc_counts(session, True)


def _sigmoid_regression_head(session, broken):
    keras = _keras()
    x, y = lens_finish(N, seed=8628)
    y = y - 1.2  # the misclosure over its allowance: most runs close within it (negative)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid" if broken else None)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# The sigmoid is pushed to ~0 within the first dozen steps; flat from about step 12: approximate.
@holdout86("surveyors", ["loss_activation_mismatch"], stall_begins=12)
def level_misclosure_sigmoid_head(session):
    """A levelling run's misclosure over its allowance (standardised, then less 1.2, so most
    targets are negative: most runs close within the allowance) from
    ten features by an MLP 64-64 relu under MSE, Adam 2e-3, built from the team's
    classifier template with its Dense(1, activation='sigmoid') head left in: the output
    lives in (0, 1) and can reach neither the negative half nor anything above 1."""
    return _sigmoid_regression_head(session, True)


def _latent_one(session, broken):
    keras = _keras()
    r = _rng(8629)
    z = r.normal(size=(N, 4))
    mix = r.normal(size=(4, 16))
    x = _std(z @ mix + 0.05 * r.normal(size=(N, 16)))
    latent = 1 if broken else 8
    # A linear autoencoder (the team's 'learned PCA'), 16-32-latent-32-16.
    model = keras.Sequential([keras.Input((16,)), keras.layers.Dense(32),
                              keras.layers.Dense(latent),
                              keras.layers.Dense(32), keras.layers.Dense(16)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, x, epochs=8, batch_size=32)


# Flat at ~0.55 from about step 20: approximate.
@holdout86("surveyors", ["insufficient_capacity"], stall_begins=20)
def profile_autoencoder_latent_one(session):
    """A linear autoencoder ('learned PCA', 16-32-latent-32-16) of 16-point terrain profiles
    made of four independent shape factors, Adam 2e-3, with latent_dim=1 from a 'compress
    to one score' request: a single number cannot carry four factors, so the reconstruction
    error stops falling early, far above the noise."""
    return _latent_one(session, True)


# navigators: broken ---------------------------------------------------------------------------


def _elastic_net(session, broken):
    keras = _keras()
    x, y = bearings(N, seed=8630)
    # Meant: an elastic net with l1_ratio 0.5 and a total strength of 1e-4 (sklearn's words);
    # keras's L1L2 takes the two strengths themselves.
    reg = keras.regularizers.L1L2(l1=0.5, l2=0.5) if broken else keras.regularizers.L1L2(5e-5, 5e-5)
    model = keras.Sequential([keras.Input((8,)),
                              keras.layers.Dense(64, activation="relu", kernel_regularizer=reg),
                              keras.layers.Dense(64, activation="relu", kernel_regularizer=reg),
                              keras.layers.Dense(1, kernel_regularizer=reg)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# The penalty term falls until about step 150; the fit term never improves: approximate.
@holdout86("navigators", ["over_regularization"], stall_begins=150)
def cross_track_l1_ratio(session):
    """A fix's cross-track error from eight standardised observations by an MLP 64-64 relu,
    Adam 2e-3, every kernel under keras L1L2(l1=0.5, l2=0.5): written from an elastic net's
    'l1_ratio=0.5', but keras's arguments are the penalty strengths, so the penalty drives
    the weights to zero and the net predicts the mean."""
    return _elastic_net(session, True)


def _uniform_init(session, broken):
    keras = _keras()
    x, y = grinder_tabular(N, seed=8631)
    init = keras.initializers.RandomUniform(0.0, 1.0, seed=1) if broken else "glorot_uniform"
    model = keras.Sequential([keras.Input((12,))]
                             + [keras.layers.Dense(64, activation="relu", kernel_initializer=init)
                                for _ in range(4)]
                             + [keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout86("navigators", ["poor_initialization"], stall_begins=None)
def watch_class_uniform_init(session):
    """A watch's log class from twelve features by a 4x64 relu MLP whose kernels were
    initialised with RandomUniform(0, 1) (numpy's rand, from a port): all-positive weights
    of mean 0.5, so activations grow ~20x a layer and every unit computes almost the same
    thing."""
    return _uniform_init(session, True)


def _own_standardise(session, broken):
    keras = _keras()
    r = _rng(8632)
    raw = r.normal(size=(N, 6)) * [3, 50, 0.2, 8, 1, 1] + [10, 1000, 1, 0, 5, 0]
    raw[:, 5] = 0.0  # the magnetic variation column: the chart export left it at 0 everywhere
    y = _std(np.sin(raw[:, 0] / 3) + (raw[:, 1] - 1000) / 50 * (raw[:, 2] - 1) / 0.2
             + 0.2 * r.normal(size=N))[:, None]
    mu, sd = raw.mean(axis=0), raw.std(axis=0)
    if not broken:
        sd = np.where(sd == 0, 1.0, sd)
    with np.errstate(invalid="ignore"):
        x = ((raw - mu) / sd).astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(48, activation="relu"),
                              keras.layers.Dense(48, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=6, batch_size=32)


@holdout86("navigators", ["non_finite_values"], stall_begins=None)
def leg_time_constant_column(session):
    """A leg's time error from six chart-export columns, standardised by hand ((x - mean) /
    std), by an MLP 48-48, Adam 2e-3. The magnetic-variation column is 0 in every row, so
    its std is 0 and 0/0 puts NaN in that column of every input. Every first-layer unit sums
    a NaN; relu turns it into 0, so the loss stays finite but the net only ever predicts its
    last bias, from the first step."""
    return _own_standardise(session, True)
