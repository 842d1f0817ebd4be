"""The seventy-fourth held-out catalogue: written by someone who did not read the engine or run
the diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History and the per-step loss recovered from the running mean, in a throwaway
script with the runner's seed), and every broken one against the same model trained without
its mistake (each helper `_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Enamellers: a kiln's peak temperature deviation
whose thermocouple scatter grows with the load, an MLP under RMSprop and ReduceLROnPlateau;
glaze faults on 16 x 16 tile photographs by a CNN, a quarter of the labels wrong; a firing's
colour score from 32 thermocouple readings by an LSTM in a hand-written GradientTape loop under
the Huber loss against Student-t scatter. Goldsmiths: an alloy's fineness from X-ray
fluorescence spectra by a Conv1D net at the 0.1 quantile (pinball loss, flat far above zero);
rare counterfeit hallmarks (about one in twenty) without class weights, 4% of the calls random;
a ring-size error from only 256 rows by an MLP 128-128 that memorises them over 28 short
epochs. Whitesmiths: a ware's workshop from a 16-token maker's mark by an Embedding and a
MultiHeadAttention block under AdamW with a linear warm-up and cosine decay (a plateau near
ln 3, then a fall to near zero); pinholes per tinplate sheet (Poisson counts) by an
exponential-output MLP in a hand-written SGD loop under keras's Poisson loss; the colour score
by a GRU under SGD with momentum and PiecewiseConstantDecay. Gunstockers: a stock blank's grade
from a grain photo and four measurements (two inputs, Conv2D and Dense) under the Huber loss; a
stock's fit by an MLP 32-32 tanh under plain SGD 0.01, a long slow descent still going at the
end; a lock's hammer fall (clean, hang-fire, misfire; faults rare) by a Conv1D net with
class_weight balancing the classes.

The broken half, one root cause each: each hidden Dense followed by Rescaling(100) and a
sigmoid as 'near-binary gates' (saturated activations); a first Conv2D keeping
kernel_constraint=NonNeg() from a monotone model over levels in dB, all at or below 0 (dead
ReLUs: every pre-activation is non-positive); np.log where np.log1p was meant on 'days since
the last service', three of which are 0, in file order (non-finite values: -inf inputs, then
NaN weights); Nadam with the 0.5 of the SGD recipe it replaced (learning rate too high); a
jewellery export's postcode and year made fed as raw numbers to a tanh MLP (unnormalised
inputs); TruncatedNormal(1.0) read as a standard deviation but the mean (poor initialisation:
all weights near 1); ExponentialDecay(decay_steps=1) meant per epoch, so the rate is gone
after an epoch and a half (learning rate too low); eight stacked sigmoid Conv1D layers from an
old 'gated' recipe under SGD (vanishing gradients); a softplus head, copied from a price model,
on a standardised target under mean squared error (loss/activation mismatch: it cannot predict
the negative half); MeanSquaredError(reduction='sum') under SGD, the gradient 64 times the
mean's (exploding gradients: the loss bounces above the variance); a Dense(1, relu) 'score'
layer left in front of an eight-class head (insufficient capacity); GaussianNoise(1.0) with
the bench's +-1 mm entered after the inputs were standardised (over-regularisation).

Dropped or replaced because they did not behave as intended: a sigmoid head under
SparseCategoricalCrossentropy(from_logits=True) for the loss/activation mismatch (it trained
exactly as the linear head did: Keras 3 takes the sigmoid's own logits; the softplus
regression head kept); the gates at sharpness 25 with a sigmoid and with a hard sigmoid (both
learnt better than the plain sigmoids; 100 kept); the raw postcode and year into a relu MLP
(the loss fell from millions and was still falling; the tanh MLP kept); TruncatedNormal(1.0)
on a regression MLP of the spectra (the loss fell from 3e8 by about 15% an epoch; the tanh
classifier kept); np.log of zero days into relu layers (the NaN weights were masked to zero by
the ReLUs and the loss stayed finite at the variance; tanh layers kept, whose NaN reaches the
loss); the summed loss under SGD 0.02 (NaN from the first epoch, a divergence; 0.004 kept);
the sigmoid tower with global max pooling (the relu fix could not learn it either: the pooling
hides where the spike is; a flattened head kept); a linear Dense(1) score layer (it kept
learning, 2.08 -> 1.87; the relu one kept); GaussianNoise(3.0) (Keras 3 refuses a stddev
above 1; 1.0 kept); GaussianDropout(0.9), the rate read as a keep probability (it kept
learning, 10.4 -> 1.24 and falling).

With the runner's seed, `fit` visits the examples in the same order every epoch, so several
runs show a sawtooth within each epoch. Labels follow `scenarios.py`: `expected_causes[0]` is
the root cause the scenario was built around, and no second cause is listed (none was
measured); `stall_begins` is the optimizer step from which the loss stops improving (None:
from the start), exact where an event of the scenario causes it (the first -inf input, in file
order, at step 2), otherwise read off the per-step loss and marked approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("enamellers", "goldsmiths", "whitesmiths", "gunstockers")

REGISTRY = []

holdout74 = registrar(REGISTRY)

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


def kiln_firing(n, seed, dim=8):
    """An enamel kiln's peak temperature deviation (standardised) from eight firing settings;
    the thermocouple's scatter grows with the load (heteroscedastic)."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    load = 1.0 / (1.0 + np.exp(-x[:, 0]))
    mean = np.sin(1.5 * x[:, 1]) + 0.6 * x[:, 2] * x[:, 3] - 0.5 * np.abs(x[:, 4]) + 0.8 * load
    y = mean + (0.1 + 0.6 * load) * r.normal(size=n)
    return x, _std(y)[:, None]


def glaze_tiles(n, seed, size=16, flip=0.0, classes=4):
    """16 x 16 photographs of enamel test tiles, four glaze faults (clean, crazing lines,
    pinholes, crawling blotches) with camera noise; `flip` of the labels are wrong."""
    r = _rng(seed)
    y = r.integers(0, classes, n)
    i, j = np.mgrid[0:size, 0:size]
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        img = np.zeros((size, size))
        if y[k] == 1:
            a = r.uniform(0.3, 1.5)
            img += (np.abs(np.sin(a * i + (1.0 / a) * j + r.uniform(0, 6))) < 0.15)
        elif y[k] == 2:
            for _ in range(r.integers(4, 8)):
                ci, cj = r.integers(1, size - 1, 2)
                img[ci, cj] = 1.0
        elif y[k] == 3:
            ci, cj = r.integers(4, 12, 2)
            img += (((i - ci) ** 2 + (j - cj) ** 2) < r.uniform(6, 14))
        x[k, :, :, 0] = img + 0.3 * r.normal(size=(size, size))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, classes, n)) % classes, y)
    return x, y


def furnace_series(n, seed, length=32, channels=2, tails=False):
    """32 readings of a muffle furnace's two thermocouples; the target is the next firing's
    colour score (standardised), with heavy-tailed (Student-t, 2.5 dof) or Gaussian scatter."""
    r = _rng(seed)
    x = np.cumsum(0.3 * r.normal(size=(n, length, channels)), axis=1).astype("float32")
    y = 0.8 * x[:, -1, 0] - 0.5 * x[:, -8:, 1].mean(axis=1) + 0.4 * np.tanh(x[:, :, 0].mean(axis=1))
    y = y + (0.4 * r.standard_t(2.5, size=n) if tails else 0.3 * r.normal(size=n))
    return x, _std(y)[:, None]


def assay_spectra(n, seed, bins=48):
    """48-bin X-ray fluorescence spectra of a gold alloy; the target is its fineness
    (standardised), read off the gold and silver line heights, with assay scatter."""
    r = _rng(seed)
    f = np.arange(bins)
    au = r.uniform(0.3, 1.0, n)
    ag = r.uniform(0.0, 0.6, n)
    cu = r.uniform(0.0, 0.4, n)
    x = (au[:, None] * np.exp(-0.5 * ((f - 12) / 1.5) ** 2)
         + ag[:, None] * np.exp(-0.5 * ((f - 25) / 1.5) ** 2)
         + cu[:, None] * np.exp(-0.5 * ((f - 36) / 1.5) ** 2)
         + 0.05 * r.normal(size=(n, bins)))
    y = au / (au + ag + cu) + 0.08 * r.normal(size=n)
    return x[:, :, None].astype("float32"), _std(y)[:, None]


def hallmark_features(n, seed, dim=10, classes=2, weights=(0.95, 0.05), flip=0.0):
    """Ten measurements of a hallmark punch (depth, edge sharpness, spacing...); classes by
    a nonlinear rule with the given frequencies (a counterfeit mark is rare)."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    w = r.normal(size=(dim, classes))
    s = np.tanh(x @ w) + 0.3 * np.sin(x[:, :classes] * 2)
    s = s + np.log(np.asarray(weights))[None, :] * 1.2
    y = s.argmax(axis=1)
    wrong = r.random(n) < flip
    y = np.where(wrong, r.integers(0, classes, n), y)
    return x, y


def token_marks(n, seed, length=16, vocab=40, classes=3):
    """A maker's mark as 16 tokens (vocabulary 40); the workshop (3) is set by which pair of
    tokens appears in order, the rest is filler."""
    r = _rng(seed)
    x = r.integers(1, vocab, size=(n, length)).astype("int32")
    y = r.integers(0, classes, n)
    for k in range(n):
        a, b = sorted(r.choice(length, 2, replace=False))
        x[k, a] = 2 * y[k] + 1
        x[k, b] = 2 * y[k] + 2
        x[k, (x[k] <= 2 * classes) & (np.arange(length) != a) & (np.arange(length) != b)] = 10
    return x, y


def tinplate_counts(n, seed, dim=6):
    """Pinholes per tinplate sheet (Poisson) from six coating settings."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    rate = np.exp(0.6 + 0.5 * x[:, 0] - 0.4 * x[:, 1] + 0.3 * np.sin(2 * x[:, 2]))
    return x, r.poisson(rate).astype("float32")[:, None]


def stock_grain(n, seed, size=12):
    """A gunstock blank: a 12 x 12 grain photo and four numeric measurements (density,
    moisture, length, figure); the target is its sale grade (standardised) with scatter."""
    r = _rng(seed)
    i, j = np.mgrid[0:size, 0:size]
    freq = r.uniform(0.3, 1.2, n)
    angle = r.uniform(-0.6, 0.6, n)
    img = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        img[k, :, :, 0] = np.sin(freq[k] * (i * np.cos(angle[k]) + j * np.sin(angle[k]))) \
            + 0.3 * r.normal(size=(size, size))
    num = r.normal(size=(n, 4)).astype("float32")
    y = 1.2 * freq - 0.8 * np.abs(angle) + 0.5 * num[:, 0] - 0.3 * num[:, 1] ** 2 \
        + 0.2 * num[:, 2] * num[:, 3] + 0.25 * r.normal(size=n)
    return img, num, _std(y)[:, None]


def smooth_regression(n, seed, dim=10, noise=0.2):
    """A smooth nonlinear target (standardised) of ten standard-normal features."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    y = (np.sin(x[:, 0]) + 0.6 * x[:, 1] * x[:, 2] + 0.5 * np.abs(x[:, 3]) - 0.4 * x[:, 4]
         + 0.3 * np.tanh(2 * x[:, 5]) + 0.3 * x[:, 6] * x[:, 7] + noise * r.normal(size=n))
    return x, _std(y)[:, None]


def lock_traces(n, seed, length=40, classes=3, weights=(0.8, 0.15, 0.05)):
    """40 strain readings of a lock's hammer fall; three outcomes (clean, hang-fire, misfire)
    with rare faults: a hang-fire is a delayed spike, a misfire a weak one."""
    r = _rng(seed)
    p = np.asarray(weights, dtype=float)
    y = r.choice(classes, n, p=p / p.sum())
    t = np.arange(length)
    x = np.empty((n, length, 1), dtype="float32")
    for k in range(n):
        at = r.integers(5, 12) + (r.integers(10, 20) if y[k] == 1 else 0)
        amp = r.uniform(0.3, 0.6) if y[k] == 2 else r.uniform(0.9, 1.4)
        x[k, :, 0] = amp * np.exp(-0.5 * ((t - at) / 1.5) ** 2) + 0.2 * r.normal(size=length)
    return x, y


# enamellers ------------------------------------------------------------------------------------


@holdout74("enamellers", healthy=True)
def kiln_reduce_on_plateau(session):
    """An enamel kiln's peak temperature deviation (standardised) from eight firing settings,
    the thermocouple scatter growing with the load, MLP 64-32 relu, RMSprop 2e-3 with
    ReduceLROnPlateau(factor 0.3, patience 2): a quick fall, a wobble at the noise, a small
    step down after the rate is cut, then flat at the heteroscedastic floor."""
    keras = _keras()
    x, y = kiln_firing(N, seed=7401)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.RMSprop(2e-3), "mse")
    cb = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=2, min_delta=1e-3)
    return _fit(session, model, x, y, epochs=14, batch_size=32, callbacks=[cb])


@holdout74("enamellers", healthy=True)
def glaze_faults_noisy_labels(session):
    """Glaze faults (clean, crazing, pinholes, crawling) from 16 x 16 tile photographs, a
    quarter of the labels wrong, Conv2D 8-16 relu with max then global average pooling,
    Adam 2e-3: it learns the faults and levels off well above zero at the label noise."""
    keras = _keras()
    x, y = glaze_tiles(N, seed=7402, flip=0.25)
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout74("enamellers", healthy=True)
def furnace_huber_loop(session):
    """Hand-written GradientTape loop: the next firing's colour score from 32 readings of two
    thermocouples by an LSTM(16), Huber loss (delta 1) against Student-t scatter with heavy
    tails, Adam 3e-3: a fall, then a floor set by the outliers."""
    keras = _keras()
    x, y = furnace_series(N, seed=7403, tails=True)
    model = keras.Sequential([keras.Input((32, 2)), keras.layers.LSTM(16),
                              keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), keras.losses.Huber(1.0),
                        x, y, epochs=6, batch_size=32, seed=7403)


# goldsmiths ------------------------------------------------------------------------------------


@holdout74("goldsmiths", healthy=True)
def assay_low_quantile(session):
    """An alloy's fineness from 48-bin X-ray fluorescence spectra by a Conv1D 16-16 relu net,
    fitted at the 0.1 quantile (the pinball loss, written as a keras function) for a
    guaranteed-minimum fineness, Adam 2e-3: it falls and flattens far above zero, as a
    quantile loss does."""
    keras = _keras()
    x, y = assay_spectra(N, seed=7404)

    def pinball(y_true, y_pred):
        e = y_true - y_pred
        return keras.ops.mean(keras.ops.maximum(0.1 * e, -0.9 * e), axis=-1)

    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(2e-3), pinball)
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout74("goldsmiths", healthy=True)
def hallmark_rare_counterfeits(session):
    """Counterfeit hallmarks (about one in twenty) from ten punch measurements, MLP 32-16
    relu with a sigmoid head under binary cross-entropy, no class weights, 4% of the
    examiners' calls random, Adam 1e-3: the loss falls as the rule and the rare class are
    learnt and levels off above zero at the examiners' errors."""
    keras = _keras()
    x, y = hallmark_features(N, seed=7405, flip=0.04)
    y = y.astype("float32")[:, None]
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout74("goldsmiths", healthy=True)
def ring_sizes_small_data(session):
    """A ring's finished-size error from ten workshop measurements, only 256 training rows,
    MLP 128-128 relu, Adam 2e-3 for 28 short epochs: the training loss keeps falling far
    below the scatter as the net memorises the small book."""
    keras = _keras()
    x, y = smooth_regression(256 + PROBE_SIZE, seed=7406, noise=0.5)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=28, batch_size=32)


# whitesmiths -----------------------------------------------------------------------------------


@holdout74("whitesmiths", healthy=True)
def maker_marks_attention_cosine(session):
    """Which workshop made a tin ware from its 16-token maker's mark: Embedding(40, 32) and one
    MultiHeadAttention block (2 heads) with global average pooling, AdamW under CosineDecay
    with a 64-step linear warm-up to 3e-3 and 64 steps of decay: a
    plateau near ln 3 while the attention finds the token pair, then a fall to near zero."""
    keras = _keras()
    x, y = token_marks(N, seed=7407)
    inp = keras.Input((16,), dtype="int32")
    e = keras.layers.Embedding(40, 32)(inp)
    pos = keras.layers.Embedding(16, 32)(keras.ops.arange(16)[None, :])
    h = e + pos
    a = keras.layers.MultiHeadAttention(2, 16)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.Dense(32, activation="relu")(h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    out = keras.layers.Dense(3, activation="softmax")(h)
    model = keras.Model(inp, out)
    lr = keras.optimizers.schedules.CosineDecay(0.0, 64, alpha=0.05, warmup_target=3e-3,
                                                warmup_steps=64)
    model.compile(keras.optimizers.AdamW(lr, weight_decay=1e-4), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=4, batch_size=32)


@holdout74("whitesmiths", healthy=True)
def tinplate_pinholes_poisson_loop(session):
    """Hand-written GradientTape loop: pinholes per tinplate sheet (Poisson counts) from six
    coating settings, MLP 32 tanh with an exponential head under keras's Poisson loss, SGD
    0.02 momentum 0.9: it falls to the counts' own noise (keras leaves out the log y! term,
    so the floor is not zero)."""
    keras = _keras()
    x, y = tinplate_counts(N, seed=7408)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(1, activation="exponential")])
    return _custom_loop(session, model, keras.optimizers.SGD(0.02, momentum=0.9),
                        keras.losses.Poisson(), x, y, epochs=10, batch_size=32, seed=7408)


@holdout74("whitesmiths", healthy=True)
def furnace_gru_step_decay(session):
    """The next firing's colour score from 32 thermocouple readings by a GRU(16), Gaussian
    scatter, SGD 0.05 momentum 0.9 under PiecewiseConstantDecay at steps 96 and 192 (x0.2
    each): a fall, a bumpy shelf, a step down at each cut, then the noise floor."""
    keras = _keras()
    x, y = furnace_series(N, seed=7409)
    model = keras.Sequential([keras.Input((32, 2)), keras.layers.GRU(16),
                              keras.layers.Dense(1)])
    lr = keras.optimizers.schedules.PiecewiseConstantDecay([96, 192], [0.05, 0.01, 0.002])
    model.compile(keras.optimizers.SGD(lr, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# gunstockers -----------------------------------------------------------------------------------


@holdout74("gunstockers", healthy=True)
def stock_blank_two_inputs(session):
    """A gunstock blank's sale grade from its 12 x 12 grain photo (Conv2D 8-16, global average
    pooling) and four numeric measurements (Dense 16), two inputs concatenated, Huber loss,
    Adam 2e-3: it learns the grain and the measurements and flattens at the grader's
    scatter."""
    keras = _keras()
    img, num, y = stock_grain(N, seed=7410)
    a = keras.Input((12, 12, 1))
    b = keras.Input((4,))
    h = keras.layers.Conv2D(8, 3, activation="relu", padding="same")(a)
    h = keras.layers.MaxPooling2D()(h)
    h = keras.layers.Conv2D(16, 3, activation="relu", padding="same")(h)
    h = keras.layers.GlobalAveragePooling2D()(h)
    g = keras.layers.Dense(16, activation="relu")(b)
    h = keras.layers.Concatenate()([h, g])
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([a, b], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(0.5))
    return _fit_inputs(session, model, [img, num], y, epochs=10, batch_size=32)


@holdout74("gunstockers", healthy=True)
def stock_fit_slow_sgd(session):
    """How well a stock fits a shooter, from ten measurements, MLP 32-32 tanh under plain SGD
    0.01, batch 64: a long slow descent that is still going at the end of 20 epochs."""
    keras = _keras()
    x, y = smooth_regression(N, seed=7411, noise=0.3)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(32, activation="tanh"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.01), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=64)


@holdout74("gunstockers", healthy=True)
def lock_faults_class_weights(session):
    """A lock's hammer fall (clean, hang-fire, misfire; faults one in five and one in twenty)
    from 40 strain readings, Conv1D 16-16 relu with global max pooling, Adam 2e-3 and
    class_weight balancing the three: the weighted loss starts high and falls steadily."""
    keras = _keras()
    x, y = lock_traces(N, seed=7412)
    counts = np.bincount(y[:-PROBE_SIZE], minlength=3)
    weights = {c: float(len(y[:-PROBE_SIZE]) / (3 * counts[c])) for c in range(3)}
    model = keras.Sequential([
        keras.Input((40, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    (xt, yt) = (x[:-PROBE_SIZE], y[:-PROBE_SIZE])
    history = model.fit(xt, yt, epochs=10, batch_size=32, verbose=0, class_weight=weights,
                        callbacks=session.callbacks((x[-PROBE_SIZE:], y[-PROBE_SIZE:])))
    return history.history["loss"]


# broken: enamellers ----------------------------------------------------------------------------


def _sharp_gate(session, broken):
    keras = _keras()
    x, y = glaze_tiles(N, seed=7421)
    x = x.reshape(len(x), -1)
    layers = [keras.Input((256,))]
    for width in (64, 32):
        layers.append(keras.layers.Dense(width))
        if broken:
            # "Sharpness 25 so the gates are nearly binary", copied from a hard-attention note.
            layers.append(keras.layers.Rescaling(100.0))
        layers.append(keras.layers.Activation("sigmoid"))
    layers.append(keras.layers.Dense(4, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout74("enamellers", ["saturated_activations"], stall_begins=None)
def glaze_sharp_sigmoid_gates(session):
    """Glaze faults from flattened 16 x 16 tile photographs by an MLP 64-32 whose hidden units
    are 'near-binary gates': each Dense is followed by Rescaling(25) and a sigmoid, a
    sharpness copied from a hard-attention note, SGD 0.05 momentum 0.9. The pre-activations
    are 25 times too large, the sigmoids sit at 0 or 1 and pass almost no gradient."""
    return _sharp_gate(session, True)


def _db_nonneg(session, broken):
    keras = _keras()
    x, y = glaze_tiles(N, seed=7422)
    # Microphone spectrogram-like levels in dB: all at or below 0.
    level = np.clip(np.abs(x), 1e-3, None) / (np.abs(x).max() + 1e-6)
    db = (20.0 * np.log10(level)).astype("float32")
    if not broken:
        db = (db - db.mean()) / db.std()
    constraint = keras.constraints.NonNeg() if broken else None
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", kernel_constraint=constraint),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, db, y, epochs=8, batch_size=32)


@holdout74("enamellers", ["dead_relus"], stall_begins=None)
def glaze_db_nonneg_filters(session):
    """Glaze faults from the tile photographs' levels in dB (all at or below 0 dB) by a CNN
    16-16 relu whose first Conv2D keeps kernel_constraint=NonNeg() from a monotone model it
    was copied from: a non-negative kernel over non-positive inputs gives non-positive
    pre-activations, every first-layer ReLU is zero and none can recover."""
    return _db_nonneg(session, True)


def _log_days(session, broken):
    keras = _keras()
    r = _rng(7423)
    days = r.gamma(2.0, 30.0, N).round()
    days[[37, 410, 777]] = 0.0  # kilns serviced on the day of the firing
    other = r.normal(size=(N, 5))
    y = (0.8 * np.log1p(days) - 0.5 * other[:, 0] + 0.4 * other[:, 1] * other[:, 2]
         + 0.3 * np.sin(other[:, 3]) + 0.2 * r.normal(size=N))
    feat = np.log(days) if broken else np.log1p(days)
    with np.errstate(divide="ignore"):
        x = np.column_stack([feat, other]).astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(32, activation="tanh"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, _std(y)[:, None], epochs=8, batch_size=32, shuffle=False)


# Row 37 is in the second batch of the file-order pass: its -inf feature is step 2.
@holdout74("enamellers", ["non_finite_values"], stall_begins=37 // 32 + 1)
def kiln_log_days_since_service(session):
    """A firing's colour drift from the log of the days since the kiln's last service and five
    other settings, MLP 32-32 tanh, Adam 2e-3, in file order. np.log was used where np.log1p
    was meant: three kilns serviced on the day have 0 days, log 0 is -inf, and the first
    batch holding one makes the loss and then the weights NaN."""
    return _log_days(session, True)


# broken: goldsmiths ----------------------------------------------------------------------------


def _hallmark_rate(session, broken):
    keras = _keras()
    x, y = hallmark_features(N, seed=7424, classes=4, weights=(1, 1, 1, 1))
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    # The SGD recipe's rate 0.5 kept when the optimizer was switched to Nadam.
    model.compile(keras.optimizers.Nadam(0.5 if broken else 1e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# A blow-up in the first steps, then bouncing at ln 4, never below the constant guess: None.
@holdout74("goldsmiths", ["learning_rate_too_high"], stall_begins=None)
def hallmark_nadam_sgd_rate(session):
    """Which of four workshops struck a hallmark, from ten punch measurements, MLP 64-64 relu:
    the optimizer was switched from an SGD recipe to Nadam and the recipe's rate 0.5 was
    kept. Nadam's steps are about the rate in size whatever the gradient, so the weights
    jump by 0.5 each step and the loss bounces high from the start."""
    return _hallmark_rate(session, True)


def _raw_ids(session, broken):
    keras = _keras()
    r = _rng(7425)
    postcode = r.integers(10000, 99999, N).astype("float64")
    year = r.integers(1850, 2024, N).astype("float64")
    grams = r.gamma(3.0, 4.0, N)
    karat = r.choice([9, 14, 18, 22], N).astype("float64")
    region = (postcode // 10000).astype(int)
    effect = r.normal(size=10)
    y = (effect[region] + 0.8 * np.log(grams) + 0.05 * karat + 0.5 * np.sin((year - 1850) / 40)
         + 0.2 * r.normal(size=N))
    x = np.column_stack([postcode, year, grams, karat]).astype("float32")
    if not broken:
        x = np.column_stack([_std(postcode), _std(year), _std(np.log(grams)), _std(karat)])
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(64, activation="tanh"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, _std(y)[:, None], epochs=14, batch_size=32)


@holdout74("goldsmiths", ["unnormalized_inputs"], stall_begins=None)
def jewellery_raw_postcode_year(session):
    """A piece's auction price (log, standardised) from the shop's export as it is: postcode
    (10000-99999, a number), year made (1850-2024), weight in grams and karat, straight into
    an MLP 64-64 tanh under Adam 1e-3 with no scaling. The postcode and year columns are
    thousands of times larger than the rest and swamp the first layer."""
    return _raw_ids(session, True)


def _assay_init(session, broken):
    keras = _keras()
    x, y = hallmark_features(N, seed=7426, classes=4, weights=(1, 1, 1, 1))
    # TruncatedNormal's first argument is the mean, not the standard deviation.
    init = keras.initializers.TruncatedNormal(1.0) if broken else "glorot_uniform"
    model = keras.Sequential([keras.Input((10,)),
                              keras.layers.Dense(64, activation="tanh", kernel_initializer=init),
                              keras.layers.Dense(64, activation="tanh", kernel_initializer=init),
                              keras.layers.Dense(4, activation="softmax", kernel_initializer=init)])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout74("goldsmiths", ["poor_initialization"], stall_begins=None)
def assay_truncated_normal_mean(session):
    """Which of four workshops struck a hallmark, from ten punch measurements, MLP 64-64 tanh
    whose kernels (head included) use TruncatedNormal(1.0), meant as a standard deviation
    of 1 but passed as the mean: every weight is about 1 (std 0.05), all units of a layer
    compute nearly the same sum, far out on the tanh, and stay near copies of each other."""
    return _assay_init(session, True)


# broken: whitesmiths ---------------------------------------------------------------------------


def _furnace_decay(session, broken):
    keras = _keras()
    x, y = furnace_series(N, seed=7427)
    model = keras.Sequential([keras.Input((32, 2)), keras.layers.GRU(16),
                              keras.layers.Dense(1)])
    # "decay by 0.9 every epoch", with decay_steps=1 read as one epoch; it is one step.
    steps = 1 if broken else 32
    lr = keras.optimizers.schedules.ExponentialDecay(1e-2, decay_steps=steps, decay_rate=0.9)
    model.compile(keras.optimizers.Adam(lr), "mse")
    return _fit(session, model, x, y, epochs=6, batch_size=32)


# The rate is below 1e-4 from step 44; the loss is flat from about step 40: approximate.
@holdout74("whitesmiths", ["learning_rate_too_low"], stall_begins=40)
def furnace_decay_every_step(session):
    """The next firing's colour score from 32 thermocouple readings by a GRU(16), Adam under
    ExponentialDecay(1e-2, decay_steps=1, decay_rate=0.9) meant as 'x0.9 each epoch': it
    decays every step, so the rate is 1e-4 after 44 steps and 1e-12 after an epoch and a
    half; the loss stops where the rate gave out."""
    return _furnace_decay(session, True)


def _sigmoid_tower(session, broken):
    keras = _keras()
    x, y = lock_traces(N, seed=7428, weights=(1, 1, 1))
    act = "sigmoid" if broken else "relu"
    layers = [keras.Input((40, 1))]
    for _ in range(8):
        layers.append(keras.layers.Conv1D(16, 3, activation=act, padding="same"))
    layers += [keras.layers.Flatten(), keras.layers.Dense(3, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=6, batch_size=32)


# The loss falls to ln 3 over the first ~40 steps (the logits shrink) and stays: approximate.
@holdout74("whitesmiths", ["vanishing_gradients"], stall_begins=40)
def lock_sigmoid_conv_tower(session):
    """A lock's hammer fall (clean, hang-fire, misfire, balanced) from 40 strain readings by
    eight stacked Conv1D(16, 3) layers with sigmoid activations (an old 'gated' recipe) and a
    flattened softmax head, SGD 0.05 momentum 0.9: each sigmoid passes at most a quarter of
    the gradient, and after eight of them the first layers get almost none; the loss stays
    at ln 3."""
    return _sigmoid_tower(session, True)


def _softplus_head(session, broken):
    keras = _keras()
    x, y = assay_spectra(N, seed=7429)
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dense(32, activation="relu"),
        # Kept from the price model, whose target was a positive price.
        keras.layers.Dense(1, activation="softplus" if broken else None),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# Flat (with the epoch's sawtooth) from the start of the third epoch, step 65: approximate.
@holdout74("whitesmiths", ["loss_activation_mismatch"], stall_begins=65)
def assay_softplus_head(session):
    """An alloy's fineness, standardised (half the targets are negative), from 48-bin X-ray
    fluorescence spectra by a Conv1D 16-16 net under mean squared error, with the softplus
    head of the shop's price model it was copied from: the head cannot go below zero, so
    every below-average alloy is predicted near 0 and the loss cannot fall below the
    negative half's share of the variance."""
    return _softplus_head(session, True)


# broken: gunstockers ---------------------------------------------------------------------------


def _summed_loss(session, broken):
    keras = _keras()
    img, num, y = stock_grain(N, seed=7430)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1),
    ])
    loss = keras.losses.MeanSquaredError(reduction="sum" if broken else "sum_over_batch_size")
    model.compile(keras.optimizers.SGD(0.004, momentum=0.9), loss)
    return _fit(session, model, img, y, epochs=8, batch_size=64)


@holdout74("gunstockers", ["exploding_gradients"], stall_begins=None)
def grain_summed_mse(session):
    """A stock blank's grade from its grain photo by a small CNN, SGD 0.02 momentum 0.9, batch
    64, MeanSquaredError(reduction='sum') copied from a per-sample loss snippet: the loss and
    its gradient are 64 times the mean's, the gradients are huge from the first step and
    the weights are thrown about."""
    return _summed_loss(session, True)


def _bottleneck(session, broken):
    keras = _keras()
    x, y = hallmark_features(N, seed=7431, classes=8, weights=[1] * 8)
    width = 1 if broken else 32
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(width, activation="relu", name="grade_score"),
                              keras.layers.Dense(8, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout74("gunstockers", ["insufficient_capacity"], stall_begins=None)
def walnut_one_unit_score(session):
    """Which of eight walnut grades a blank is, from ten measurements, MLP 64 relu then a
    Dense(1, relu) 'grade score' layer (a one-number summary kept for a dashboard) before
    the softmax head: everything the head sees passes through one non-negative number,
    which cannot separate eight grades."""
    return _bottleneck(session, True)


def _noise_layer(session, broken):
    keras = _keras()
    x, y = smooth_regression(N, seed=7432, noise=0.2)
    model = keras.Sequential([keras.Input((10,)),
                              # The bench's noise is +-1 mm; the inputs are standardised.
                              keras.layers.GaussianNoise(1.0 if broken else 0.05),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# Falls to ~0.73 in the first two epochs and only bounces after (0.65-0.74): approximate.
@holdout74("gunstockers", ["over_regularization"], stall_begins=64)
def stock_fit_gaussian_noise_mm(session):
    """How well a stock fits, from ten standardised measurements, MLP 64-64 relu behind
    GaussianNoise(1.0): the bench's noise, +-1 mm, was entered in millimetres after the
    inputs were standardised (whose spread is a few millimetres), so the training noise is
    as large as each feature's spread and drowns the signal; the training loss stays high
    and bounces."""
    return _noise_layer(session, True)
