"""The ninety-eighth held-out catalogue: written by someone who did not read the engine or run
the diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History, and the per-batch loss where an event sets the stall, in a throwaway
script with the runner's seed), and every broken one against the same model trained without its
mistake (each helper `_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Vergers: a tower's repair estimate from ten survey
features by an MLP under a staircase ExponentialDecay, the surveyor's scatter growing with the
estimate; pew-carving motifs on 16x16 photographs by a small Conv2D net, a quarter of the labels
wrong (a slow start near ln 4, then a fall that eases off above zero); an organ's wind reserve
from 48 readings by an LSTM in a hand-written GradientTape loop under Huber loss against
Student-t noise. Choristers: joyful or sombre hymn requests from 30-token slips by an Embedding
and a GRU, one slip in eight joyful and weighted up by class_weight; the wind reserve by one
MultiHeadAttention block under AdamW with a linear warm-up and cosine decay; a chorister's grade
from only 192 auditions by an MLP 128-128 that memorises them over 60 short epochs. Organists:
the pew motifs by a Conv2D net under SGD with momentum and ReduceLROnPlateau, 15% of labels
wrong (a long wait near ln 4, then a fall); a stop action's wear at the 0.1 quantile from an
Embedding of the stop and ten features, two inputs, under the pinball loss against Gumbel
noise (flat far above zero); a pipe's tuning drift by a tanh MLP under plain SGD 0.01 (still
falling slowly at the end of 20 epochs). Sacristans: candles lit per day (Poisson counts) by an
exponential-output MLP in a hand-written RMSprop loop under keras's Poisson loss; whether a
vestry note asks for a special vestment (one in six, 5% misfiled) by an Embedding and a Conv1D
with global max pooling, no class weights; the wind reserve by a Conv1D net in a hand-written
loop under mean absolute error against Laplace noise, with a warm-up and cosine decay.

The broken half, one root cause each where a mechanism stalled: a Dense(8, softmax) head kept
from a section classifier on a regression of eight standardised counts under MSE (loss/
activation mismatch: it cannot go negative); the archive export's raw columns (MB, pages, days,
dpi) into an MLP with no scaling (unnormalised inputs); a feature table cast to float16 'to halve
the memory', so the energy of hard pulls overflows to inf (non-finite values); ReduceLROnPlateau
with min_delta=0.1 read as relative and patience=0, cutting the rate tenfold every epoch
(learning rate too low); a stack of 30 softsign layers under SGD (vanishing gradients);
Rescaling(255.0) for Rescaling(1/255) in front of tanh convolutions on pixels already in [0, 1]
(saturated activations); Adam's beta_2 0.999 copied into SGD's momentum (learning rate too high);
two hidden Dense layers written without an activation (insufficient capacity: the net is one
linear map); kernel_constraint=NonNeg() 'for monotonicity' on dB levels scaled to [-1, 0] (dead
ReLUs); MaxNorm(0.05) on every layer where the paper's 3-4 was meant (over-regularisation);
TruncatedNormal(mean=1.0, stddev=0.05), the two arguments swapped, in a tanh MLP (poor
initialisation, with the tanh units genuinely at +-1 as well, so saturated activations second).

exploding_gradients has no scenario: both mechanisms tried went to NaN within the first epoch
instead of stalling, or did not explode at all. MeanSquaredError(reduction='sum') under SGD with
momentum on a Conv1D per-step denoiser was NaN from the first epoch at 1e-2, 5e-4 and 1e-4; on a
GRU regression at 2e-3 and 4e-4 it only rescaled the loss by the batch size and trained as well
as the fix; twelve unscaled residual blocks (x + f(x), He init, no normalisation) under SGD 0.01
were NaN from the first epoch. Dropped or replaced because they did not behave: Dense(1,
activation='softmax') under binary cross-entropy and a sigmoid head under
BinaryCrossentropy(from_logits=True), and a softmax head on multi-label tags under binary
cross-entropy (all three trained exactly as the sigmoid fix: keras 3 takes the logits behind a
sigmoid or softmax output into the cross-entropy); the archive's sizes in bytes (the loss sat in
the hundreds of thousands, more a divergence than a stall; MB kept); 14 softsign layers (still
learning, 1.17 and falling; 30 kept); Conv2D with one and two filters and with one and one
(still falling at the end, 1.17 and 1.34); Conv1D(kernel_size=1) before global pooling on the
wind readings (0.109 against 0.077, too close and still creeping); hidden layers of two and of
one unit (both still falling steadily at the end of 12 epochs).

Labels follow `scenarios.py`: `expected_causes[0]` is the root cause the scenario was built
around, a second cause only where that symptom is genuinely present too; `stall_begins` is the
optimizer step from which the loss stops improving (None: from the start), exact where an event
of the scenario causes it (the first infinite feature, row 227 in file order, at step 8; the
first tenfold cut of the rate at the end of the third epoch, step 96), otherwise read off the
per-epoch loss and marked approximate in a comment. With 1024 training rows and batch 32 an
epoch is 32 steps.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("vergers", "choristers", "organists", "sacristans")

REGISTRY = []

holdout98 = registrar(REGISTRY)

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


def _fit_weighted(session, model, x, y, class_weight, *, epochs, batch_size):
    """`_fit` with a class_weight."""
    history = model.fit(x[:-PROBE_SIZE], y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        verbose=0, class_weight=class_weight,
                        callbacks=session.callbacks((x[-PROBE_SIZE:], y[-PROBE_SIZE:])))
    return history.history["loss"]


# data ------------------------------------------------------------------------------------------


def hymn_tokens(n, seed, length=30, vocab=200, flip=0.0, positive=0.5):
    """Request slips for the choir, 30 tokens from a 200-word vocabulary; whether the slip asks
    for a joyful hymn (1) or a sombre one (0) is set by how many of 20 'joyful' words outweigh
    20 'sombre' ones, with a neutral filler; `positive` shifts the class balance and `flip` is
    the fraction of slips misfiled."""
    r = _rng(seed)
    x = r.integers(40, vocab, size=(n, length))
    score = r.normal(size=n) + np.log(positive / (1 - positive))
    for k in range(n):
        m = r.integers(2, 7)
        pos = r.choice(length, m, replace=False)
        joyful = r.random(m) < 1 / (1 + np.exp(-2 * score[k]))
        x[k, pos] = np.where(joyful, r.integers(0, 20, m), r.integers(20, 40, m))
    joy, som = (x < 20).sum(axis=1), ((x >= 20) & (x < 40)).sum(axis=1)
    y = np.where(joy == som, r.integers(0, 2, n), joy > som).astype("int64")
    wrong = r.random(n) < flip
    y = np.where(wrong, 1 - y, y)
    return x.astype("int32"), y


def pew_images(n, seed, size=16, classes=4, flip=0.0):
    """16x16 survey photographs of pew carvings, four motifs: horizontal rails, vertical
    balusters, a diagonal (linenfold) and a rosette blob, at random offsets with grain noise;
    pixels in [0, 1]; a fraction `flip` of the surveyor's labels are wrong."""
    r = _rng(seed)
    y = r.integers(0, classes, n)
    i, j = np.mgrid[0:size, 0:size]
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        o = r.uniform(0, 2 * np.pi)
        f = r.uniform(0.6, 1.0)
        if y[k] == 0:
            img = np.sin(f * i + o)
        elif y[k] == 1:
            img = np.sin(f * j + o)
        elif y[k] == 2:
            img = np.sin(0.7 * f * (i + j) + o)
        else:
            ci, cj = r.uniform(4, 12, 2)
            img = 2 * np.exp(-((i - ci) ** 2 + (j - cj) ** 2) / 8.0) - 0.5
        x[k, :, :, 0] = img + 0.35 * r.normal(size=(size, size))
    x = (x - x.min()) / (x.max() - x.min())
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, classes, n)) % classes, y)
    return x.astype("float32"), y


def bellows_traces(n, seed, length=48, noise="normal"):
    """48 readings of an organ's wind pressure and blower current; the target (standardised)
    is the wind reserve in the next minute, a nonlinear mix of the last readings' level,
    the trend and the current, with reading noise of the kind given."""
    r = _rng(seed)
    x = np.cumsum(0.3 * r.normal(size=(n, length, 2)), axis=1).astype("float32")
    y = (0.8 * x[:, -1, 0] - 0.5 * (x[:, -1, 0] - x[:, -12, 0]) + 0.4 * np.tanh(x[:, -8:, 1].mean(axis=1))
         + 0.3 * x[:, :, 0].mean(axis=1))
    if noise == "t":
        y = y + 0.4 * r.standard_t(2.5, size=n)
    elif noise == "laplace":
        y = y + 0.4 * r.laplace(size=n)
    else:
        y = y + 0.3 * r.normal(size=n)
    return x, _std(y)[:, None]


def tower_table(n, seed, dim=10, noise=0.3, hetero=False):
    """Ten standardised features of a church tower's survey (lean, mortar, damp, bell load
    and others); the target (standardised) is the surveyor's repair estimate, nonlinear,
    with noise that may grow with the estimate."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    mean = (np.sin(1.3 * x[:, 0]) + 0.6 * x[:, 1] * x[:, 2] + 0.5 * np.abs(x[:, 3])
            - 0.4 * x[:, 4] + 0.3 * np.maximum(0, x[:, 5]) ** 2)
    scale = noise * (0.4 + 0.6 * np.abs(mean)) if hetero else noise
    y = mean + scale * r.normal(size=n)
    return x, _std(y)[:, None]


def tower_classes(n, seed, dim=10, classes=5, flip=0.0):
    """The same survey features graded 0-4 by quantiles of a nonlinear score."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    s = (np.sin(1.3 * x[:, 0]) + 0.8 * x[:, 1] * x[:, 2] + 0.6 * np.abs(x[:, 3]) - 0.5 * x[:, 4]
         + 0.4 * np.cos(x[:, 5] * x[:, 6]))
    y = np.digitize(s, np.quantile(s, np.linspace(0, 1, classes + 1)[1:-1]))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, classes, n)) % classes, y)
    return x, y.astype("int64")


# healthy ---------------------------------------------------------------------------------------


@holdout98("vergers", healthy=True)
def tower_repair_staircase(session):
    """A tower's repair estimate from ten survey features by an MLP 64-64 relu under Adam with a
    staircase ExponentialDecay (halving every two epochs), mean squared error; the surveyor's
    scatter grows with the estimate, so the loss steps down and settles at the noise floor."""
    keras = _keras()
    x, y = tower_table(N, seed=9801, hetero=True, noise=0.5)
    lr = keras.optimizers.schedules.ExponentialDecay(3e-3, 2 * 32, 0.5, staircase=True)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(lr), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout98("vergers", healthy=True)
def pew_motifs_misfiled(session):
    """Pew-carving motifs (4) from 16x16 photographs by a small Conv2D net under Adam, a
    quarter of the surveyor's labels wrong: a slow first few epochs near ln 4, then a fall
    that eases off well above zero."""
    keras = _keras()
    x, y = pew_images(N, seed=9802, flip=0.25)
    model = keras.Sequential([
        keras.Input((16, 16, 1)), keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(), keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout98("vergers", healthy=True)
def bellows_huber_loop(session):
    """The organ's wind reserve from 48 readings by an LSTM(16) in a hand-written GradientTape
    loop under Huber loss, Adam 3e-3, against Student-t (2.5 degrees of freedom) reading
    noise: a fall, then a floor set by the heavy tails."""
    keras = _keras()
    x, y = bellows_traces(N, seed=9803, noise="t")
    model = keras.Sequential([keras.Input((48, 2)), keras.layers.LSTM(16), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), keras.losses.Huber(1.0),
                        x, y, epochs=10, batch_size=32, seed=9803)


@holdout98("choristers", healthy=True)
def hymn_requests_weighted(session):
    """Joyful or sombre hymn requests from 30-token slips by Embedding(200, 16) and a GRU(16),
    Adam 3e-3; only about one slip in eight is joyful and class_weight weights it up: the
    loss sits near ln 2 for the first epoch, then falls steeply and keeps falling."""
    keras = _keras()
    x, y = hymn_tokens(N, seed=9804, positive=0.12)
    p = y[:-PROBE_SIZE].mean()
    model = keras.Sequential([keras.Input((30,), dtype="int32"), keras.layers.Embedding(200, 16),
                              keras.layers.GRU(16), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit_weighted(session, model, x, y, {0: 0.5 / (1 - p), 1: 0.5 / p}, epochs=10,
                         batch_size=32)


def _warmup_cosine(keras, peak, warmup, total):
    """A linear warm-up to `peak` over `warmup` steps, then cosine decay to zero by `total`."""
    return keras.optimizers.schedules.CosineDecay(0.0, total - warmup, warmup_target=peak,
                                                  warmup_steps=warmup)


@holdout98("choristers", healthy=True)
def anthem_attention_warmup(session):
    """The organ's wind reserve from 48 readings by one MultiHeadAttention block (2 heads) with
    a Dense embedding and mean pooling, AdamW under a 64-step linear warm-up and cosine decay:
    slow at first, a fall, then a floor at the reading noise."""
    keras = _keras()
    x, y = bellows_traces(N, seed=9805)
    inp = keras.Input((48, 2))
    h = keras.layers.Dense(16)(inp)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Concatenate()([h, keras.layers.Flatten()(inp[:, -4:, :])])
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.AdamW(_warmup_cosine(keras, 3e-3, 64, 10 * 32)), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout98("choristers", healthy=True)
def chorister_grades_small(session):
    """A chorister's grade (5 classes) from ten audition features, only 192 auditions plus the
    probe, an MLP 128-128 relu under Adam over 60 short epochs: the training loss keeps
    falling towards zero as the net memorises the few auditions."""
    keras = _keras()
    x, y = tower_classes(192 + PROBE_SIZE, seed=9806)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(5, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=60, batch_size=32)


@holdout98("organists", healthy=True)
def pipe_motifs_plateau_schedule(session):
    """Pew-carving motifs from 16x16 photographs by a Conv2D net under SGD with momentum 0.9 at
    0.05 and ReduceLROnPlateau(factor 0.3, patience 1), 15% of labels wrong: a long wait near
    ln 4 for three epochs, then a fall that eases towards a floor above zero."""
    keras = _keras()
    x, y = pew_images(N, seed=9807, flip=0.15)
    model = keras.Sequential([
        keras.Input((16, 16, 1)), keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(), keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.3, patience=1,
                                                min_delta=0.01)
    return _fit(session, model, x, y, epochs=14, batch_size=32, callbacks=[plateau])


@holdout98("organists", healthy=True)
def stop_wear_quantile(session):
    """The wear on an organ stop's action at the 0.1 quantile (a lower planning bound), from
    its register (Embedding of 24 stops) and ten survey features, two inputs, an MLP under
    Adam and the pinball loss: it levels out far above zero, as a quantile loss must."""
    keras = _keras()
    r = _rng(9808)
    stop = r.integers(0, 24, N).astype("int32")
    x, base = tower_table(N, seed=9808, noise=0.0)
    effect = r.normal(size=24)
    y = base[:, 0] + 0.5 * effect[stop] + 0.7 * r.gumbel(size=N)
    y = _std(y)[:, None]
    q = 0.1

    def pinball(t, p):
        e = t - p
        return keras.ops.mean(keras.ops.maximum(q * e, (q - 1) * e), axis=-1)

    a = keras.Input((1,), dtype="int32")
    b = keras.Input((10,))
    e = keras.layers.Flatten()(keras.layers.Embedding(24, 4)(a))
    h = keras.layers.Concatenate()([e, b])
    h = keras.layers.Dense(64, activation="relu")(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([a, b], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), pinball)
    return _fit_inputs(session, model, [stop[:, None], x], y, epochs=12, batch_size=32)


@holdout98("organists", healthy=True)
def tuning_drift_slow_sgd(session):
    """A pipe's tuning drift (standardised) from ten features by an MLP 32-32 tanh under plain
    SGD at 0.01: a long, slow descent still going at the end of 20 epochs."""
    keras = _keras()
    x, y = tower_table(N, seed=9809, noise=0.2)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(32, activation="tanh"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.01), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout98("sacristans", healthy=True)
def candle_counts_poisson_loop(session):
    """Candles lit per day at a side altar (Poisson counts) from ten features by an MLP with an
    exponential output in a hand-written GradientTape loop under keras's Poisson loss and
    RMSprop 1e-3: a steady fall towards the counts' own randomness, still easing down at the
    end."""
    keras = _keras()
    x, base = tower_table(N, seed=9810, noise=0.0)
    r = _rng(9810)
    y = r.poisson(np.exp(0.5 + 0.6 * base[:, 0])).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    return _custom_loop(session, model, keras.optimizers.RMSprop(1e-3), keras.losses.Poisson(),
                        x, y, epochs=10, batch_size=32, seed=9810)


@holdout98("sacristans", healthy=True)
def vestment_requests_imbalanced(session):
    """Whether a vestry note asks for a special vestment (about one in six) from its 30 tokens
    by Embedding(200, 16) and Conv1D(32, 5) with global max pooling, Adam 2e-3, no class
    weights, 5% of notes misfiled: the loss falls from the base rate's entropy to a floor."""
    keras = _keras()
    x, y = hymn_tokens(N, seed=9811, positive=0.17, flip=0.05)
    model = keras.Sequential([keras.Input((30,), dtype="int32"), keras.layers.Embedding(200, 16),
                              keras.layers.Conv1D(32, 5, activation="relu"),
                              keras.layers.GlobalMaxPooling1D(),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout98("sacristans", healthy=True)
def bellows_mae_conv_loop(session):
    """The organ's wind reserve from 48 readings by a Conv1D 16-32 net in a hand-written
    GradientTape loop, mean absolute error against Laplace noise, Adam under a 32-step
    warm-up and cosine decay: a fall, then the floor of the noise's mean absolute size."""
    keras = _keras()
    x, y = bellows_traces(N, seed=9812, noise="laplace")
    model = keras.Sequential([keras.Input((48, 2)), keras.layers.Conv1D(16, 5, activation="relu"),
                              keras.layers.Conv1D(32, 5, activation="relu"),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
    lr = _warmup_cosine(keras, 3e-3, 32, 10 * 32)
    return _custom_loop(session, model, keras.optimizers.Adam(lr), keras.losses.MeanAbsoluteError(),
                        x, y, epochs=10, batch_size=32, seed=9812)


# broken: vergers -------------------------------------------------------------------------------


def _hymn_tags_softmax(session, broken):
    keras = _keras()
    r = _rng(9821)
    x = r.integers(0, 200, size=(N, 30)).astype("int32")
    # How often each of eight service sections (10 marker words each) is asked for on a
    # slip, standardised: the hymn-book section counts the vergers must have ready.
    y = _std(np.stack([np.isin(x, np.arange(10 * t, 10 * t + 10)).sum(axis=1)
                       for t in range(8)], axis=1))
    model = keras.Sequential([keras.Input((30,), dtype="int32"), keras.layers.Embedding(200, 16),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(8, activation="softmax" if broken else None)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


def file_table(n, seed):
    """The parish archive's scanned files: size in bytes, page count, days since scanning,
    the scanner's dpi and the fraction of blank pages; whether a file needs re-scanning
    (3 grades) depends on bytes per page against the dpi and on the blank fraction."""
    r = _rng(seed)
    pages = r.integers(1, 400, n)
    dpi = r.choice([150, 300, 600], n)
    blank = r.beta(1, 5, n)
    per_page = np.exp(r.normal(np.log(dpi * 600.0), 0.6, n))
    size = pages * per_page
    age = r.uniform(0, 4000, n)
    z = np.log(per_page / (dpi * 600.0)) + 2.5 * (blank - 0.17) + 0.0002 * (age - 2000)
    y = np.digitize(z, np.quantile(z, [1 / 3, 2 / 3]))
    x = np.stack([size / 1e6, pages, age, dpi, blank], axis=1)
    return x, y.astype("int64")


def _archive_bytes(session, broken):
    keras = _keras()
    x, y = file_table(N, seed=9822)
    if not broken:
        x = np.log1p(x)
        x = (x - x[:-PROBE_SIZE].mean(axis=0)) / x[:-PROBE_SIZE].std(axis=0)
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x.astype("float32"), y, epochs=10, batch_size=32)


def _half_precision_energy(session, broken):
    keras = _keras()
    r = _rng(9823)
    # The vergers' bell-rope sensor: 16 strain readings per pull, in raw ADC counts.
    raw = np.abs(r.normal(0, 1, size=(N, 16))) * r.uniform(10, 25, size=(N, 1))
    loud = r.random(N) < 0.004
    raw[loud] *= r.uniform(4, 8, size=(int(loud.sum()), 1))
    energy = (raw ** 2).sum(axis=1, keepdims=True)
    target = _std(np.log(energy[:, 0]) + 0.3 * r.normal(size=N))[:, None]
    feats = np.concatenate([raw / 100.0, energy], axis=1)
    if broken:
        feats = feats.astype("float16")  # 'to halve the memory'
    feats = feats.astype("float32")
    feats[:, -1] = np.log(feats[:, -1])
    model = keras.Sequential([keras.Input((17,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, feats, target, epochs=8, batch_size=32, shuffle=False)


# broken: choristers ----------------------------------------------------------------------------


def _plateau_min_delta(session, broken):
    keras = _keras()
    x, y = bellows_traces(N, seed=9824)
    model = keras.Sequential([keras.Input((48, 2)), keras.layers.GRU(24), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.1, patience=0,
                                                min_delta=0.1 if broken else 1e-4, min_lr=0.0)
    return _fit(session, model, x, y, epochs=10, batch_size=32, callbacks=[plateau])


def _deep_softsign(session, broken):
    keras = _keras()
    x, y = tower_classes(N, seed=9825)
    layers = [keras.Input((10,))]
    for _ in range(30 if broken else 3):
        layers.append(keras.layers.Dense(48, activation="softsign"))
    layers.append(keras.layers.Dense(5, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _rescaling_255(session, broken):
    keras = _keras()
    x, y = pew_images(N, seed=9826)
    model = keras.Sequential([
        keras.Input((16, 16, 1)), keras.layers.Rescaling(255.0 if broken else 1.0),
        keras.layers.Conv2D(16, 3, activation="tanh", padding="same"), keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="tanh", padding="same"),
        keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# broken: organists -----------------------------------------------------------------------------


def _momentum_beta2(session, broken):
    keras = _keras()
    x, y = tower_table(N, seed=9827)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.999 if broken else 0.9), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _linear_hidden(session, broken):
    keras = _keras()
    x, y = tower_table(N, seed=9829, noise=0.2)
    act = None if broken else "relu"
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation=act),
                              keras.layers.Dense(64, activation=act), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# broken: sacristans ----------------------------------------------------------------------------


def _nonneg_db(session, broken):
    keras = _keras()
    r = _rng(9830)
    # 24 third-octave levels of the nave's hum in dBFS (all <= 0), scaled by 1/90 to [-1, 0].
    db = -90 + 80 * r.beta(2, 2, size=(N, 24))
    x = (db / 90.0).astype("float32")
    y = _std(np.sin(3 * x[:, :8].mean(axis=1)) + 2 * x[:, 8:16].mean(axis=1) * x[:, 16:].mean(axis=1)
             + x[:, 3] - x[:, 20] + 0.1 * r.normal(size=N))[:, None]
    con = keras.constraints.NonNeg() if broken else None
    model = keras.Sequential([keras.Input((24,)),
                              keras.layers.Dense(64, activation="relu", kernel_constraint=con),
                              keras.layers.Dense(64, activation="relu", kernel_constraint=con),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


def _max_norm(session, broken):
    keras = _keras()
    x, y = tower_classes(N, seed=9831)
    con = keras.constraints.MaxNorm(0.05) if broken else keras.constraints.MaxNorm(3.0)
    model = keras.Sequential([keras.Input((10,)),
                              keras.layers.Dense(64, activation="relu", kernel_constraint=con),
                              keras.layers.Dense(64, activation="relu", kernel_constraint=con),
                              keras.layers.Dense(5, activation="softmax", kernel_constraint=con)])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _mean_one_init(session, broken):
    keras = _keras()
    x, y = tower_classes(N, seed=9832)
    init = (keras.initializers.TruncatedNormal(mean=1.0, stddev=0.05) if broken
            else "glorot_uniform")
    model = keras.Sequential([keras.Input((10,)),
                              keras.layers.Dense(64, activation="tanh", kernel_initializer=init),
                              keras.layers.Dense(64, activation="tanh", kernel_initializer=init),
                              keras.layers.Dense(64, activation="tanh", kernel_initializer=init),
                              keras.layers.Dense(5, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# registered broken runs ------------------------------------------------------------------------


# The softmax outputs creep to a floor near 0.69 (ten epochs of 32 steps in): approximate.
@holdout98("vergers", ["loss_activation_mismatch"], stall_begins=320)
def hymn_sections_softmax_regression(session):
    """How often each of eight service sections is asked for on a 30-token request slip
    (eight standardised counts) by Embedding(200, 16), mean pooling and a Dense(64) relu,
    Adam 3e-3, mean squared error; the head is Dense(8, activation='softmax'), kept from the
    section classifier the model was copied from. Its outputs are positive and sum to one,
    so it cannot reach the standardised counts (half of them negative): the loss eases to a
    floor near 0.69 where the linear head goes to zero."""
    return _hymn_tags_softmax(session, True)


# The loss stops falling around the fifth epoch (32 steps each), bouncing near 2.5: approximate.
@holdout98("vergers", ["unnormalized_inputs"], stall_begins=128)
def archive_rescan_raw_columns(session):
    """Which scanned files of the parish archive need re-scanning (3 grades) from the archive
    export as it comes (size in MB up to ~1e3, page count up to 400, days since scanning up
    to 4000, dpi 150-600, blank-page fraction 0-1) by an MLP 64-64 relu under Adam 1e-3.
    Nobody scaled the columns (the model card says 'tree-like features, no scaling
    needed'): the large columns swamp the informative ratios and the loss bounces high."""
    return _archive_bytes(session, True)


# Row 227 is the first whose energy overflows float16; in file order it is in batch 8.
@holdout98("vergers", ["non_finite_values"], stall_begins=227 // 32 + 1)
def bell_rope_energy_float16(session):
    """A bell-ringing pull's effort (standardised log energy) from 16 strain readings of the
    rope sensor and their summed squared energy, an MLP 32-32 relu, Adam 2e-3, in file
    order. The feature table was cast to float16 'to halve the memory' before the log was
    taken: the energy of a few hard pulls exceeds 65504 and becomes inf, and the first batch
    holding one turns the weights to NaN."""
    return _half_precision_energy(session, True)


# The first cut of the rate (to 1e-4) is at the end of the third epoch, step 96.
@holdout98("choristers", ["learning_rate_too_low"], stall_begins=96)
def anthem_plateau_min_delta(session):
    """The organ's wind reserve during an anthem from 48 readings by a GRU(24) and a Dense(16)
    relu, Adam 1e-3, with ReduceLROnPlateau(monitor='loss', factor=0.1, patience=0,
    min_delta=0.1): min_delta was read as a relative 10%, but it is absolute, so every epoch
    that gains less than 0.1 of loss cuts the rate tenfold, and by the fifth epoch the rate
    is 1e-6 while the loss sits far above what the model reaches."""
    return _plateau_min_delta(session, True)


@holdout98("choristers", ["vanishing_gradients"], stall_begins=None)
def chorister_grades_deep_softsign(session):
    """A chorister's grade (5 classes) from ten audition features by a stack of 30
    Dense(48, softsign) layers, 'deeper is better, softsign is a gentler tanh', SGD 0.05
    with momentum 0.9: the gradients fade through the softsign stack and the loss hovers
    near ln 5."""
    return _deep_softsign(session, True)


# A small drop in the first epoch, then flat near 1.42: approximate.
@holdout98("choristers", ["saturated_activations"], stall_begins=32)
def pew_motifs_rescaling_255(session):
    """Pew-carving motifs (4) from 16x16 photographs already in [0, 1], by a Conv2D 16-32 tanh
    net under SGD 0.05 with momentum 0.9; the preprocessing block was copied with
    Rescaling(255.0) where Rescaling(1/255) was meant, so the pixels reach the tanh
    convolutions in 0..255 and the units sit at +-1: the loss stays near ln 4."""
    return _rescaling_255(session, True)


# Lowest near the third epoch (32 steps each), then bouncing higher: approximate.
@holdout98("organists", ["learning_rate_too_high"], stall_begins=64)
def tuning_drift_momentum_0999(session):
    """A pipe's tuning drift from ten survey features by an MLP 64-64 relu under SGD 0.01 with
    momentum=0.999, Adam's beta_2 copied into SGD's momentum: the effective step is a
    thousand times the rate, and after a fall in the first epochs the loss bounces between
    0.43 and 0.9."""
    return _momentum_beta2(session, True)


# Near the least-squares floor from the second epoch: approximate.
@holdout98("organists", ["insufficient_capacity"], stall_begins=48)
def tuning_drift_linear_hidden(session):
    """A pipe's tuning drift from ten survey features by an MLP whose two Dense(64) hidden
    layers were written without an activation (the activation went into a separate layer
    that was later deleted), Adam 3e-3: the whole net is one linear map and levels out at
    the linear fit's error of a nonlinear target."""
    return _linear_hidden(session, True)


@holdout98("sacristans", ["dead_relus"], stall_begins=None)
def nave_hum_nonneg_db(session):
    """The nave's hum annoyance score from 24 third-octave levels in dBFS scaled by 1/90 to
    [-1, 0], an MLP 64-64 relu with kernel_constraint=NonNeg() 'because the score should
    rise with loudness', Adam 2e-3. With non-negative weights on non-positive inputs every
    first-layer unit is negative after the first update, so the ReLUs output zero and pass
    no gradient: the loss sits at the target's variance."""
    return _nonneg_db(session, True)


@holdout98("sacristans", ["over_regularization"], stall_begins=None)
def rota_grades_maxnorm(session):
    """A sacristan's cleaning-rota grade (5 classes) from ten features by an MLP 64-64 relu
    with kernel_constraint=MaxNorm(0.05) on every layer, the dropout paper's max-norm
    constraint written with a 'small' value (the paper's is 3 to 4): every unit's weights
    are held to norm 0.05 and the loss stays at ln 5."""
    return _max_norm(session, True)


# A drop in the first epoch, then flat at ln 5: approximate.
@holdout98("sacristans", ["poor_initialization", "saturated_activations"], stall_begins=32)
def rota_grades_truncnormal_mean(session):
    """The same grades by an MLP of three Dense(64, tanh) layers initialised with
    TruncatedNormal(mean=1.0, stddev=0.05), the mean and stddev arguments swapped from
    (0.05, 1.0) 'small and centred'; every weight is about 1, the units are alike and
    sit at +-1, and the loss stays at ln 5 under Adam 1e-3."""
    return _mean_one_init(session, True)
