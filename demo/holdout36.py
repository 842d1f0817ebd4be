"""The thirty-sixth held-out catalogue: written by someone who did not read the engine or run the
diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History and the per-step loss, in a throwaway script with the runner's seed), and
every broken one against the same model trained without its mistake (each helper
`_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Haberdashers: a hat's fitting allowance whose
fitter's scatter grows with the head, an MLP under Adam and ReduceLROnPlateau (a slowing before
the first cut, a further descent after each); a ribbon's weave from 64 loom tension readings by
a Conv1D net, 15% of the checker's calls wrong, SGD with momentum and a LearningRateScheduler
step (flat at the label noise's floor); garments returned per customer (Poisson counts) by an
exponential-output MLP in a hand-written GradientTape loop under keras's Poisson loss.
Tallowchandlers: the lower decile of a candle's burn time under the pinball loss at 0.1 against
a skewed (gamma) draught scatter; the wick kind from a flame's height by an LSTM, kinds 80/15/5
and no class weights (a floor below the prior's loss); a tallow block's surface grade from only
256 photographs by a CNN that memorises them over 40 short epochs. Scriveners: a deed's kind
from 24 word tokens by an Embedding and a MultiHeadAttention block, 12% misfiled, AdamW with a
warm-up and cosine decay; how far ink has faded from the scribe (Embedding) beside five numeric
features, two inputs, Huber loss against Student-t noise, RMSprop; whether a hand was hurried
from 40 pen-pressure readings by a GRU in a hand-written plain-SGD loop, a long slow
convergence still going at the end. Turners: a lathe's state from 16 x 16 spectrograms by a CNN,
faults 10% and 5%, weighted up by class_weight; a bowl's wall thickness from 32 caliper readings
by a Conv1D net under SGD with momentum and PiecewiseConstantDecay (a plateau before the drop, a
small gain after it); a spindle's load with Laplace scatter by an MLP in a hand-written Adamax
loop under log-cosh loss.

The broken half, one root cause each: a sigmoid head 'because it is a share' on a share the
report gives in percent (loss/activation mismatch); int16 microphone samples from
scipy.io.wavfile cast to float32 without dividing by 32768, into a tanh MLP (unnormalised
inputs; every first-layer unit at +-1 on every probe frame, none with the fix, so saturated
activations too); keras ActivityRegularization(l1=0.3), a sparsity weight meant for a mean
activation, on the sum over 64 units (over-regularisation); a seven-layer sigmoid Conv1D
time-delay network after the 1989 paper, under SGD (vanishing gradients); a click model's
layer helper that sets every bias to the prior's logit log(0.01/0.99), under tanh hidden layers
(saturated activations); a wax-per-millimetre-of-wick ratio where unwicked blanks have a wick
length of 0, inf in the inputs, in ledger order (non-finite values: the first layers' weights
turn NaN and the loss sits at the target's variance); two Conv1D layers written without
activation= before global average pooling (insufficient capacity: a linear function of the
trace's mean); a LearningRateScheduler warm-up lr * 2.5 that lost its 'if epoch < 3' (learning
rate too high); keras's mean BinaryCrossentropy divided again by the batch size in a
hand-written SGD loop (learning rate too low); a residual MLP of eight he_normal blocks with its
BatchNormalization taken out (exploding gradients: ~1e3, ~2e10, then NaN from the third step, so
non-finite values too); CosineDecay's initial_learning_rate read as the warm-up's peak, so the
'warm-up' runs down from 0.5 to 1e-3 (dead ReLUs: 97% of the second convolution's and 88% of
the dense layer's units are zero on every probe image after training, 3% and 28% with the fix);
every kernel drawn from RandomUniform(0.0, 1.0), after a numpy prototype's np.random.rand
(poor initialisation).

Dropped or replaced because they did not behave as intended: a Dense(1, activation='softmax')
head under binary cross-entropy (Keras took the logits behind the softmax and the losses were
identical to the sigmoid fix's, 0.253 both; the percent sigmoid kept); raw int16 samples into a
relu Conv1D net under Adam (it learnt, to ~2e-9, better than the fix) and into a GRU(16) (the
amplitude-coded version crept 0.70 -> 0.63 and the fix itself was unsteady; the tanh MLP under
SGD kept); ActivityRegularization(l1=0.05) (still falling, 2.12 -> 0.91 against 0.41; 0.3
kept); the time-delay network at SGD 0.05 (the relu fix blew up in epoch 6, 0.48 -> 1.21; both
at 0.02); a hand-written RMSLE loss under a linear head for the non-finite values (no prediction
went below -1 and it trained like the softplus fix, 0.200 against 0.198; the zero wick kept);
keras.layers.LSTM(1) with the 1 meant as PyTorch's num_layers, for the insufficient capacity
(still falling at the end with four kinds, 0.80 -> 0.78, and with eight, 1.51 -> 1.50; the
linear convolutions kept); the loss divided twice in a Conv1D net on a pen-pressure task the fix
itself hardly learnt (the MLP on the flaw readings, batch 64, kept); RandomNormal(stddev=sqrt(2)),
He's formula without the fan-in, for the poor initialisation (still falling steadily at the end,
8315 -> 345; RandomUniform(0, 1) kept; under SGD that net sat at ln 4 with its relus dead, a
different cause); twelve residual blocks at SGD 0.01 (NaN at the second step; eight at 1e-3
kept). Healthy: a GRU on pen pressure with a running-maximum target under SGD 0.05 and 0.3
hardly left the prior (0.66 -> 0.64; the hurried-hand data kept); the hat run under Adam 3e-3
with ReduceLROnPlateau(min_delta=1e-3) never cut its rate (2e-2 and min_delta 0.01 kept).

With the runner's seed, `fit` visits the examples in the same order every epoch, so several
runs show a sawtooth within each epoch. Labels follow `scenarios.py`: `expected_causes[0]` is
the root cause the scenario was built around, a second cause only where that symptom is
genuinely present too (measured on the probe after training, as noted above);
`stall_begins` is the optimizer step from which the loss stops improving (None: from the
start), exact where an event of the scenario causes it (the first infinite input, in ledger
order, at step 10), otherwise read off the per-step loss and marked approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("haberdashers", "tallowchandlers", "scriveners", "turners")

REGISTRY = []

holdout36 = registrar(REGISTRY)

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


def _fit_weighted(session, model, x, y, *, epochs, batch_size, class_weight=None, callbacks=()):
    """`_fit` with class weights."""
    probe = (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(x[:-PROBE_SIZE], y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        verbose=0, class_weight=class_weight,
                        callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


# data ------------------------------------------------------------------------------------------


def hat_fit(n, seed, dim=8):
    """A hat's fitting allowance (standardised) from eight head measurements: a smooth
    nonlinear mean, with the fitter's scatter growing with the head's size (heteroscedastic)."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    size = 1.0 / (1.0 + np.exp(-x[:, 0]))
    mean = 1.2 * size + 0.5 * np.sin(2 * x[:, 1]) + 0.4 * x[:, 2] * x[:, 3] - 0.3 * np.abs(x[:, 4])
    y = mean + (0.1 + 0.5 * size) * r.normal(size=n)
    return x, _std(y)[:, None]


def weave_traces(n, seed, length=64, classes=3, flip=0.0, weights=None):
    """A ribbon's tension trace over 64 readings of the loom, three classes: 0 even weave, 1 a
    slack pick (a dip), 2 a doubled thread (a periodic ripple); `flip` of the labels are the
    checker's wrong calls."""
    r = _rng(seed)
    p = np.asarray(weights if weights is not None else [1] * classes, dtype=float)
    y = r.choice(classes, n, p=p / p.sum())
    t = np.arange(length)
    x = np.empty((n, length, 1), dtype="float32")
    for k in range(n):
        s = 0.3 * np.sin(2 * np.pi * t / r.uniform(20, 40) + r.uniform(0, 6.3))
        if y[k] == 1:
            c = r.integers(8, length - 8)
            s = s - r.uniform(0.8, 1.5) * np.exp(-0.5 * ((t - c) / 2.5) ** 2)
        elif y[k] == 2:
            s = s + r.uniform(0.3, 0.6) * np.sign(np.sin(2 * np.pi * t / 4 + r.uniform(0, 6.3)))
        x[k, :, 0] = s + 0.25 * r.normal(size=length)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, classes, n)) % classes, y)
    return x, y


def return_counts(n, seed, dim=6):
    """Garments a customer returns in a season (Poisson counts) from six account features."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    rate = np.exp(0.5 + 0.5 * x[:, 0] - 0.3 * x[:, 1] + 0.3 * np.cos(2 * x[:, 2]))
    return x, r.poisson(rate).astype("float32")[:, None]


def flaw_features(n, seed, dim=10):
    """Whether a piece (a dipping of candles, a sheet of vellum) is flawed, from ten readings
    of its making: a nonlinear score, about a third of the pieces flawed."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    s = np.sin(1.5 * x[:, 0]) + x[:, 1] * x[:, 2] + 0.8 * np.abs(x[:, 3]) - 0.6 * x[:, 4]
    y = (s > 0.9).astype("float32")
    return x, y[:, None]


def burn_features(n, seed, dim=8):
    """A candle's burn time (standardised) from eight features of its tallow and wick, with a
    right-skewed (gamma) scatter from draughts in the testing room."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    mean = np.tanh(x[:, 0]) + 0.5 * x[:, 1] - 0.4 * x[:, 2] ** 2 + 0.3 * x[:, 3] * x[:, 4]
    y = mean + 0.6 * (r.gamma(2.0, 1.0, size=n) - 2.0)
    return x, _std(y)[:, None]


def flame_series(n, seed, length=40, weights=(0.8, 0.15, 0.05)):
    """A flame's height over 40 readings; three wick kinds (flat-plait, square-braid, cored)
    set its flicker: 0 a slow sway, 1 a faster flicker, 2 a mushrooming rise; the kinds are
    imbalanced (80/15/5)."""
    r = _rng(seed)
    p = np.asarray(weights, dtype=float)
    y = r.choice(3, n, p=p / p.sum())
    t = np.arange(length)
    x = np.empty((n, length, 1), dtype="float32")
    for k in range(n):
        period = 20.0 if y[k] == 0 else 7.0 if y[k] == 1 else 20.0
        s = 0.5 * np.sin(2 * np.pi * t / period + r.uniform(0, 6.3))
        if y[k] == 2:
            s = s + r.uniform(0.6, 1.2) * t / length
        x[k, :, 0] = s + 0.3 * r.normal(size=length)
    return x, y


def wax_patches(n, seed, size=12, classes=3):
    """12 x 12 photographs of a tallow block's surface, three grades (smooth, bloomed with
    spots, cracked with a line), with noise."""
    r = _rng(seed)
    y = r.integers(0, classes, n)
    i, j = np.mgrid[0:size, 0:size]
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        img = 0.4 * r.normal(size=(size, size))
        if y[k] == 1:
            for _ in range(4):
                a, b = r.integers(1, size - 1, 2)
                img[a, b] += 1.5
        elif y[k] == 2:
            a = r.integers(2, size - 2)
            img[np.abs(i - j - (a - size // 2)) < 1] += 1.0
        x[k, :, :, 0] = img
    return x, y


def tallow_grades(n, seed, dim=12, classes=4):
    """A tallow lot's grade (4) from twelve rendering measurements: the argmax of four
    nonlinear scores."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    w = r.normal(size=(dim, classes))
    v = r.normal(size=(dim, classes))
    s = np.tanh(x @ w) + 0.4 * (x @ v) ** 2 / dim
    return x, s.argmax(axis=1)


def deed_tokens(n, seed, length=24, vocab=50, classes=4, flip=0.0):
    """A deed's kind (4) from 24 word tokens (vocabulary 50): each kind has its own telling
    words, mixed into common ones; `flip` of the clerk's filings are wrong."""
    r = _rng(seed)
    groups = r.integers(0, classes, vocab)
    groups[:10] = -1  # common words
    y = r.integers(0, classes, n)
    x = np.empty((n, length), dtype="int32")
    common = np.arange(10)
    for k in range(n):
        own = np.flatnonzero(groups == y[k])
        m = r.random(length) < 0.25
        x[k] = np.where(m, r.choice(own, length), r.choice(common, length))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, classes, n)) % classes, y)
    return x, y


def ink_fade(n, seed, scribes=30):
    """How far a manuscript's ink has faded (standardised) from its scribe (30, id) and five
    numeric features (age, light, humidity, iron content, vellum); Student-t (3 dof) noise
    of the reader's eye."""
    r = _rng(seed)
    s = r.integers(0, scribes, n)
    effect = r.normal(size=scribes)
    num = r.normal(size=(n, 5)).astype("float32")
    y = effect[s] + 0.7 * num[:, 0] + 0.4 * np.tanh(num[:, 1] * num[:, 2]) - 0.3 * num[:, 3] ** 2
    y = y + 0.3 * r.standard_t(3, size=n)
    return s.astype("int32"), num, _std(y)[:, None]


def lathe_spectrograms(n, seed, size=16, weights=(0.85, 0.1, 0.05)):
    """16 x 16 spectrograms (time x frequency) of a lathe's hum; three states: 0 a sound cut,
    1 chatter (a line at a high frequency), 2 a loose tool rest (broadband knocks); the
    faults are rare (85/10/5)."""
    r = _rng(seed)
    p = np.asarray(weights, dtype=float)
    y = r.choice(3, n, p=p / p.sum())
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        img = 0.5 * r.normal(size=(size, size))
        img[:, r.integers(1, 4)] += 1.0
        if y[k] == 1:
            img[:, r.integers(9, 14)] += r.uniform(0.8, 1.4)
        elif y[k] == 2:
            img[r.integers(0, size, 3), :] += r.uniform(0.8, 1.4)
        x[k, :, :, 0] = img
    return x, y


def wall_thickness(n, seed, length=32, noise=0.3):
    """A turned bowl's wall thickness (standardised) from 32 caliper readings round its rim,
    with the caliper's scatter."""
    r = _rng(seed)
    x = np.cumsum(0.3 * r.normal(size=(n, length, 1)), axis=1).astype("float32")
    y = (0.8 * x[:, :8, 0].mean(axis=1) - 0.5 * np.abs(x[:, -8:, 0]).mean(axis=1)
         + 0.4 * np.sin(x[:, 16, 0]) + noise * r.normal(size=n))
    return x, _std(y)[:, None]


def spindle_load(n, seed, dim=10):
    """A spindle's bearing load (standardised) from ten cut settings, with Laplace scatter
    from the knots in the wood."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    y = (np.sin(x[:, 0]) + 0.6 * x[:, 1] * x[:, 2] + 0.5 * np.abs(x[:, 3]) - 0.4 * x[:, 4]
         + 0.3 * np.tanh(2 * x[:, 5]) + 0.4 * r.laplace(size=n))
    return x, _std(y)[:, None]


def tool_images(n, seed, size=16, classes=4):
    """16 x 16 images of a turning tool's edge, four kinds (gouge, skew, parting, scraper) as
    differently oriented bars and arcs, with noise."""
    r = _rng(seed)
    y = r.integers(0, classes, n)
    i, j = np.mgrid[0:size, 0:size]
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        ci, cj = r.integers(5, 11, 2)
        if y[k] == 0:
            t = np.abs(np.hypot(i - ci, j - cj) - 4) < 0.8
        elif y[k] == 1:
            t = (np.abs((i - ci) - 0.5 * (j - cj)) < 0.8) & (np.abs(j - cj) < 6)
        elif y[k] == 2:
            t = (np.abs(j - cj) < 1) & (np.abs(i - ci) < 6)
        else:
            t = (np.abs(i - ci) < 1) & (np.abs(j - cj) < 6)
        x[k, :, :, 0] = t.astype(float) + 0.35 * r.normal(size=(size, size))
    return x, y


# haberdashers --------------------------------------------------------------------------------


@holdout36("haberdashers", healthy=True)
def hat_allowance_plateau_cuts(session):
    """A hat's fitting allowance (standardised) from eight head measurements, the fitter's
    scatter growing with the head's size, MLP 64-64 relu, Adam 2e-2 with
    ReduceLROnPlateau(monitor='loss', factor=0.3, patience=1, min_delta=0.01): a quick fall,
    a slowing near ~0.28 until the first cut (after the ninth epoch), then a further descent after each
    cut, still improving a little at the end."""
    keras = _keras()
    x, y = hat_fit(N, seed=3601)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-2), "mse")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.3, patience=1,
                                                min_delta=0.01, verbose=0)
    return _fit(session, model, x, y, epochs=16, batch_size=32, callbacks=[plateau])


@holdout36("haberdashers", healthy=True)
def ribbon_weave_noisy_calls(session):
    """A ribbon's weave (even, slack pick, doubled thread) from 64 tension readings of the
    loom, 15% of the checker's calls wrong, Conv1D 16-32 relu with global max pooling, SGD 0.03
    momentum 0.9 with a LearningRateScheduler dividing the rate by 5 at epoch 6: it learns the
    weave and sits at the label noise's floor."""
    keras = _keras()
    x, y = weave_traces(N, seed=3602, flip=0.15)
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.03, momentum=0.9), "sparse_categorical_crossentropy")
    step = keras.callbacks.LearningRateScheduler(lambda epoch, lr: 0.03 if epoch < 6 else 0.006)
    return _fit(session, model, x, y, epochs=10, batch_size=32, callbacks=[step])


@holdout36("haberdashers", healthy=True)
def garment_returns_poisson_loop(session):
    """Hand-written GradientTape loop: garments a customer returns in a season (Poisson counts)
    from six account features, MLP 32-32 relu with an exponential output, keras's Poisson loss
    (mean of mu - y log mu, which leaves out log y! and so is not zero at its best), Adam 3e-3:
    a fall and then a flat floor set by the counts' own randomness."""
    keras = _keras()
    x, y = return_counts(N, seed=3603)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), keras.losses.Poisson(),
                        x, y, epochs=10, batch_size=32, seed=3603)


def _percent_sigmoid(session, broken):
    keras = _keras()
    r = _rng(3604)
    x = r.normal(size=(N, 8)).astype("float32")
    share = 1.0 / (1.0 + np.exp(-(0.9 * x[:, 0] - 0.6 * x[:, 1] + 0.5 * x[:, 2] * x[:, 3] - 1.0)))
    y = (100.0 * np.clip(share + 0.05 * r.normal(size=N), 0.0, 1.0)).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid" if broken else None)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout36("haberdashers", ["loss_activation_mismatch"])
def return_share_percent_sigmoid(session):
    """The share of a customer's orders sent back, from eight account features, MLP 64-32 relu
    under mean squared error, Adam 2e-3, with a sigmoid head 'because it is a share': the
    shop's report gives the share in percent (0-100, mean ~30), and a sigmoid cannot exceed
    1, so the head saturates at its ceiling and the error stays at the percentages' size."""
    return _percent_sigmoid(session, True)


def _sewing_int16(session, broken):
    keras = _keras()
    r = _rng(3605)
    n, length = N, 64
    y = r.integers(0, 2, n)
    t = np.arange(length)
    # A sewing machine's microphone, read with scipy.io.wavfile: int16 samples.
    wave = np.empty((n, length), dtype="float64")
    for k in range(n):
        # A skipped stitch: the needle strikes the plate, a louder beat.
        a = r.uniform(0.1, 0.25) if y[k] == 0 else r.uniform(0.35, 0.6)
        wave[k] = a * np.sin(2 * np.pi * t / 8.0 + r.uniform(0, 6.3)) + 0.02 * r.normal(size=length)
    pcm = np.clip(wave * 20000, -32768, 32767).astype("int16")
    x = pcm.astype("float32") if broken else pcm.astype("float32") / 32768.0
    model = keras.Sequential([keras.Input((length,)), keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "binary_crossentropy")
    return _fit(session, model, x, y.astype("float32")[:, None], epochs=10, batch_size=32)


@holdout36("haberdashers", ["unnormalized_inputs", "saturated_activations"])
def stitch_microphone_int16(session):
    """Skipped stitches heard by a sewing machine's microphone: a frame of 64 samples read with
    scipy.io.wavfile as int16 and cast to float32 without dividing by 32768, so the samples
    are in the thousands; MLP 64-32 tanh, sigmoid head, SGD 0.02 momentum 0.9, binary
    cross-entropy. A skipped stitch is a louder beat, but every first-layer tanh unit sits at
    +-1 whatever the loudness."""
    return _sewing_int16(session, True)


def _activity_l1(session, broken):
    keras = _keras()
    x, y = tallow_grades(N, seed=3606)
    layers = [keras.Input((12,))]
    for _ in range(2):
        layers.append(keras.layers.Dense(64, activation="relu"))
        if broken:
            layers.append(keras.layers.ActivityRegularization(l1=0.3))
    layers.append(keras.layers.Dense(4, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# Down to ~1.37 (ln 4, every hidden unit silenced) by about step 150: approximate.
@holdout36("haberdashers", ["over_regularization"], stall_begins=150)
def button_grade_activity_l1(session):
    """A button lot's grade (4) from twelve measurements, MLP 64-64 relu, Adam 2e-3, with
    keras ActivityRegularization(l1=0.3) after each hidden layer, the sparsity weight of a
    recipe whose penalty was on the mean activation of a layer; Keras's is on the sum over the
    64 units, 64 times heavier, and the penalty is cheapest with every hidden unit silenced."""
    return _activity_l1(session, True)


# tallowchandlers -----------------------------------------------------------------------------


def _pinball(tau):
    keras = _keras()

    def pinball(y_true, y_pred):
        e = y_true - y_pred
        return keras.ops.mean(keras.ops.maximum(tau * e, (tau - 1.0) * e), axis=-1)

    return pinball


@holdout36("tallowchandlers", healthy=True)
def burn_time_lower_decile(session):
    """The lower decile of a candle's burn time (standardised) from eight tallow and wick
    features, right-skewed draught scatter, MLP 64-32 relu under the pinball loss at the 0.1
    quantile, Adam 2e-3: it falls and flattens far above zero, the pinball loss's floor."""
    keras = _keras()
    x, y = burn_features(N, seed=3701)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), _pinball(0.1))
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout36("tallowchandlers", healthy=True)
def wick_kind_imbalanced_lstm(session):
    """The wick kind (flat-plait, square-braid, cored; 80/15/5) from 40 readings of the flame's
    height by an LSTM(16), no class weights, Adam 3e-3: it falls quickly to about the prior's
    loss (~0.61, well under ln 3), then learns part of the rare kinds and levels off near
    0.42."""
    keras = _keras()
    x, y = flame_series(N, seed=3702)
    model = keras.Sequential([keras.Input((40, 1)), keras.layers.LSTM(16),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout36("tallowchandlers", healthy=True)
def wax_surface_small_batch_book(session):
    """A tallow block's surface grade (smooth, bloomed, cracked) from 12 x 12 photographs, only
    256 blocks (128 more held out as the probe), a CNN (Conv2D 16-32 relu, Dense 64), Adam
    2e-3, 40 epochs of 8 steps: the training loss falls towards zero as it memorises them."""
    keras = _keras()
    x, y = wax_patches(256 + PROBE_SIZE, seed=3703)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=32)


def _sigmoid_tdnn(session, broken):
    keras = _keras()
    x, y = weave_traces(N, seed=3704)
    act = "sigmoid" if broken else "relu"
    layers = [keras.Input((64, 1))]
    for _ in range(7):
        layers.append(keras.layers.Conv1D(16, 3, activation=act, padding="same"))
    layers += [keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(3, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout36("tallowchandlers", ["vanishing_gradients"])
def burn_trace_sigmoid_tdnn(session):
    """A wick's burn trace (64 readings, three flicker kinds) by a time-delay network written
    after the 1989 TDNN paper: seven Conv1D(16, 3) layers with the paper's sigmoid units, no
    skips and no normalisation, global average pooling, SGD 0.02 momentum 0.9. Each sigmoid
    passes at most a quarter of the gradient, and seven of them leave the lower layers
    nothing."""
    return _sigmoid_tdnn(session, True)


def _prior_bias_tanh(session, broken):
    keras = _keras()
    x, y = flaw_features(N, seed=3705)
    prior = float(np.log(0.01 / 0.99))  # the click model's 1% positive rate

    def dense(units, activation):
        # The shared helper of the click model: every layer starts at the prior's logit.
        return keras.layers.Dense(units, activation=activation,
                                  bias_initializer=keras.initializers.Constant(prior) if broken
                                  else "zeros")

    model = keras.Sequential([keras.Input((10,)), dense(64, "tanh"), dense(64, "tanh"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout36("tallowchandlers", ["saturated_activations"])
def dipping_fault_prior_bias_everywhere(session):
    """Whether a dipping of candles will sag, from ten vat readings, MLP 64-64 tanh under binary
    cross-entropy, SGD 0.05 momentum 0.9, its layers built by a helper kept from a click model
    that sets bias_initializer=Constant(log(0.01/0.99)) (~-4.6, the 'initialise the bias at
    the prior' advice meant for the output layer) on every layer: each tanh unit starts near
    -1, where its slope is ~1e-4."""
    return _prior_bias_tanh(session, True)


BLANKS = (300, 301, 777)  # unwicked blanks in the ledger: wick length 0


def _zero_wick(session, broken):
    keras = _keras()
    r = _rng(3706)
    wax = r.uniform(40, 120, N)  # grams
    wick = r.uniform(80, 200, N)  # mm
    other = r.normal(size=(N, 5))
    per_mm = wax / wick
    hours = (2.0 * per_mm + 0.5 * np.sin(2 * other[:, 0]) + 0.4 * other[:, 1] * other[:, 2]
             + 0.3 * other[:, 3] + 0.1 * r.normal(size=N))
    wick[list(BLANKS)] = 0.0
    with np.errstate(divide="ignore"):
        ratio = wax / wick  # inf for the blanks
    if not broken:
        ratio = np.where(wick > 0, ratio, np.median(ratio[wick > 0]))
    x = np.concatenate([ratio[:, None], other], axis=1).astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, _std(hours)[:, None], epochs=8, batch_size=32, shuffle=False)


# Row 300 is in the tenth batch of the ledger-order pass: its infinite input is step 10.
@holdout36("tallowchandlers", ["non_finite_values"], stall_begins=BLANKS[0] // 32 + 1)
def burn_hours_wax_per_wick_mm(session):
    """A candle's burn hours (standardised) from the wax per millimetre of wick and five other
    features, MLP 64-32 relu, Adam 2e-3, trained in ledger order. The ratio column is computed
    as wax / wick length, and three unwicked blanks in the ledger have a wick length of 0:
    their ratio is inf, and the first batch holding one turns the first layers' weights NaN;
    the relus pass the NaNs on as zeros and the loss sits at the target's variance, ~1.0."""
    return _zero_wick(session, True)


# scriveners ----------------------------------------------------------------------------------


@holdout36("scriveners", healthy=True)
def deed_kind_attention_warmup(session):
    """A deed's kind (4) from 24 word tokens by Embedding(50, 16) and one MultiHeadAttention
    block (2 heads, key dim 8) with mean pooling, 12% of the clerk's filings wrong, AdamW under
    CosineDecay with a 64-step warm-up to 2e-3: slow while the rate warms up, then a fall to
    the label noise's floor."""
    keras = _keras()
    x, y = deed_tokens(N, seed=3801, flip=0.12)
    inp = keras.Input((24,), dtype="int32")
    h = keras.layers.Embedding(50, 16)(inp)
    a = keras.layers.MultiHeadAttention(2, 8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(4, activation="softmax")(h))
    lr = keras.optimizers.schedules.CosineDecay(0.0, 320, warmup_target=2e-3, warmup_steps=64)
    model.compile(keras.optimizers.AdamW(lr, weight_decay=1e-4), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout36("scriveners", healthy=True)
def ink_fade_scribe_huber(session):
    """How far a manuscript's ink has faded (standardised) from its scribe through
    Embedding(30, 4) beside five numeric features (two inputs), MLP 64-32 relu, Huber loss
    against Student-t noise of the reader's eye, RMSprop 1e-3: it levels off at the noise."""
    keras = _keras()
    s, num, y = ink_fade(N, seed=3802)
    a = keras.Input((1,), dtype="int32")
    b = keras.Input((5,))
    e = keras.layers.Flatten()(keras.layers.Embedding(30, 4)(a))
    h = keras.layers.Concatenate()([e, b])
    h = keras.layers.Dense(64, activation="relu")(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([a, b], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.RMSprop(1e-3), keras.losses.Huber(1.0))
    return _fit_inputs(session, model, [s[:, None], num], y, epochs=12, batch_size=32)


def pen_pressure(n, seed):
    """A scribe's pen pressure over 40 readings; whether the hand was hurried (a faster
    tremor, or pressure rising as the nib is forced) or steady (a slow sway)."""
    x, y = flame_series(n, seed, weights=(1, 1, 1))
    return x, (y > 0).astype("float32")[:, None]


@holdout36("scriveners", healthy=True)
def hurried_hand_gru_slow_loop(session):
    """Hand-written GradientTape loop: whether a scribe's hand was hurried, from 40 pen-pressure
    readings, by a GRU(16) under plain SGD 0.05 and binary cross-entropy: a long slow
    convergence below the prior's loss, still falling at the end."""
    keras = _keras()
    x, y = pen_pressure(N, seed=3803)
    model = keras.Sequential([keras.Input((40, 1)), keras.layers.GRU(16),
                              keras.layers.Dense(1, activation="sigmoid")])
    return _custom_loop(session, model, keras.optimizers.SGD(0.05),
                        keras.losses.BinaryCrossentropy(), x, y, epochs=12, batch_size=32,
                        seed=3803)


def ruling_traces(n, seed):
    """A ruling pen's drag over 64 readings along a line of a page, three kinds: 0 a clean
    line, 1 a blot (a dip), 2 a dry nib skipping (a rapid ripple)."""
    return weave_traces(n, seed)


def _linear_convs(session, broken):
    keras = _keras()
    x, y = ruling_traces(N, seed=3804)
    act = None if broken else "relu"
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation=act, padding="same"),
        keras.layers.Conv1D(32, 5, activation=act, padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# It reaches its linear floor (~0.64) by about step 60 and stays: approximate.
@holdout36("scriveners", ["insufficient_capacity"], stall_begins=60)
def ruling_pen_convs_without_activation(session):
    """A ruling pen's line (clean, blot, dry nib) from 64 drag readings by Conv1D(16, 5) and
    Conv1D(32, 5) written without activation= (the author's other library defaults to relu),
    then global average pooling and a softmax, Adam 2e-3: two linear convolutions and an
    average make the whole net a linear function of the trace's mean."""
    return _linear_convs(session, True)


def _uncapped_warmup(session, broken):
    keras = _keras()
    x, y = deed_tokens(N, seed=3805)
    model = keras.Sequential([keras.Input((24,), dtype="int32"), keras.layers.Embedding(50, 16),
                              keras.layers.Conv1D(32, 3, activation="relu", padding="same"),
                              keras.layers.GlobalMaxPooling1D(),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")

    def warmup(epoch, lr):
        if broken:
            return lr * 2.5  # meant: only while epoch < 3
        return lr * 2.5 if epoch < 3 else lr

    return _fit(session, model, x, y, epochs=10, batch_size=32,
                callbacks=[keras.callbacks.LearningRateScheduler(warmup)])


# Lowest near step 129, the fifth epoch's first step (rate ~0.1); it jumps at step 137: approximate.
@holdout36("scriveners", ["learning_rate_too_high"], stall_begins=129)
def deed_kind_warmup_without_cap(session):
    """A deed's kind from 24 word tokens by Embedding, Conv1D 32 relu, max pooling and Dense 32,
    Adam 1e-3 with a LearningRateScheduler(lambda epoch, lr: lr * 2.5) meant as a three-epoch
    warm-up whose 'if epoch < 3' was lost: the rate grows 2.5-fold every epoch, ~0.1 in the
    fifth epoch, where the loss blows up, and ~10 in the last; it never comes back below ln 4
    of the uniform guess."""
    return _uncapped_warmup(session, True)


def _double_mean(session, broken):
    keras = _keras()
    x, y = flaw_features(N, seed=3806)
    batch = 64
    bce = keras.losses.BinaryCrossentropy()

    def loss_fn(y_true, y_pred):
        loss = bce(y_true, y_pred)  # already the batch mean
        return loss / batch if broken else loss

    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    return _custom_loop(session, model, keras.optimizers.SGD(0.05), loss_fn, x, y,
                        epochs=10, batch_size=batch, seed=3806,
                        loss_description="binary_crossentropy / batch_size")


@holdout36("scriveners", ["learning_rate_too_low"])
def vellum_cockle_loss_divided_twice(session):
    """Hand-written GradientTape loop: whether a sheet of vellum will cockle, from ten
    measurements, MLP 64-32 relu with a sigmoid head, plain SGD 0.05, batch 64, whose loss is
    keras's BinaryCrossentropy divided by the batch size 'to average over the batch', a line
    copied from a loop that summed per-example losses: the mean is divided a second time, so
    every step is 64 times smaller than the recipe's (the logged loss is the divided one)."""
    return _double_mean(session, True)


# turners -------------------------------------------------------------------------------------


@holdout36("turners", healthy=True)
def lathe_chatter_class_weights(session):
    """A lathe's state (sound cut, chatter, loose tool rest; 85/10/5) from 16 x 16 spectrograms
    of its hum by a CNN (Conv2D 8-16 relu, global pooling), the rare faults weighted up by
    class_weight, Adam 2e-3: a slow start near the weighted loss of ln 3, then a steady
    descent."""
    keras = _keras()
    x, y = lathe_spectrograms(N, seed=3901)
    counts = np.bincount(y[:-PROBE_SIZE], minlength=3)
    cw = {k: float(len(y[:-PROBE_SIZE]) / (3 * max(c, 1))) for k, c in enumerate(counts)}
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit_weighted(session, model, x, y, epochs=12, batch_size=32, class_weight=cw)


@holdout36("turners", healthy=True)
def bowl_wall_step_decay(session):
    """A turned bowl's wall thickness (standardised) from 32 caliper readings by a Conv1D 16-16
    relu net, flattened, and Dense 32, SGD 0.01 momentum 0.9 under
    PiecewiseConstantDecay at step 160 (to 2e-3): a plateau before the drop, a small
    improvement after it, then the caliper's scatter."""
    keras = _keras()
    x, y = wall_thickness(N, seed=3902)
    model = keras.Sequential([
        keras.Input((32, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1),
    ])
    lr = keras.optimizers.schedules.PiecewiseConstantDecay([160], [0.01, 0.002])
    model.compile(keras.optimizers.SGD(lr, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout36("turners", healthy=True)
def spindle_load_logcosh_loop(session):
    """Hand-written GradientTape loop: a spindle's bearing load (standardised) from ten cut
    settings with Laplace scatter from knots in the wood, MLP 64-32 relu, log-cosh loss,
    Adamax 3e-3: a fall and a flat floor well above zero."""
    keras = _keras()
    x, y = spindle_load(N, seed=3903)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adamax(3e-3), keras.losses.LogCosh(),
                        x, y, epochs=10, batch_size=32, seed=3903)


def _residual_no_norm(session, broken):
    keras = _keras()
    x, y = spindle_load(N, seed=3904)
    inp = keras.Input((10,))
    h = keras.layers.Dense(32)(inp)
    for _ in range(8):
        f = keras.layers.Dense(32, activation="relu", kernel_initializer="he_normal")(h)
        f = keras.layers.Dense(32, kernel_initializer="he_normal" if broken else "zeros")(f)
        h = keras.layers.Add()([h, f])
    model = keras.Model(inp, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.SGD(1e-3, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout36("turners", ["exploding_gradients", "non_finite_values"])
def spindle_resnet_without_norm(session):
    """A spindle's bearing load from ten cut settings by a residual MLP of eight blocks (Dense
    32 relu, Dense 32, added to the stream), its BatchNormalization taken out 'for the CPU'
    and every kernel he_normal, SGD 1e-3 momentum 0.9: each block roughly doubles the
    stream's variance, so the first loss is ~1e3, the second ~2e10 and NaN from the third."""
    return _residual_no_norm(session, True)


def _warmup_swapped(session, broken):
    keras = _keras()
    x, y = tool_images(N, seed=3905)
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    if broken:
        lr = keras.optimizers.schedules.CosineDecay(0.5, 300, warmup_target=1e-3, warmup_steps=32)
    else:
        lr = keras.optimizers.schedules.CosineDecay(1e-5, 300, warmup_target=1e-3, warmup_steps=32)
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout36("turners", ["dead_relus"])
def tool_edge_warmup_backwards(session):
    """A turning tool's kind from 16 x 16 images of its edge by a CNN (Conv2D 16-32 relu, max
    pooling, Dense 32), Adam under CosineDecay(0.5, 300, warmup_target=1e-3, warmup_steps=32):
    initial_learning_rate was read as the warm-up's peak, so the 'warm-up' runs down from 0.5
    to 1e-3 over the first 32 steps, and those steps drive the relus below zero for good."""
    return _warmup_swapped(session, True)


def _uniform_init(session, broken):
    keras = _keras()
    x, y = tool_images(N, seed=3906)
    # numpy's rand: uniform on [0, 1).
    init = keras.initializers.RandomUniform(0.0, 1.0) if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax", kernel_initializer=init),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# Down from ~1e6 to ~2e3 by about step 90, then bouncing between ~400 and ~5e3: approximate.
@holdout36("turners", ["poor_initialization"], stall_begins=90)
def tool_edge_uniform_zero_one_init(session):
    """A turning tool's kind from 16 x 16 images by four Conv2D relu layers (16-16-32-32),
    global pooling and a softmax, Adam 1e-3, every kernel drawn from RandomUniform(0.0, 1.0),
    ported from a numpy prototype that initialised with np.random.rand: every weight is
    positive, each layer multiplies the signal's scale by tens, and the first losses are ~1e6;
    Adam brings them down to a few thousand in three epochs and no further."""
    return _uniform_init(session, True)
