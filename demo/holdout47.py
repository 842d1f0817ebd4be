"""The forty-seventh held-out catalogue: written by someone who did not read the engine or run the
diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History and the per-step loss, in a throwaway script with the runner's seed), and
every broken one against the same model trained without its mistake (each helper
`_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Gunsmiths: a barrel's muzzle velocity from ten
bench features whose chronograph scatter grows with the charge, an MLP under Adam and
ReduceLROnPlateau (the rate is cut once the epoch loss gains less than 0.02, and the loss
keeps easing down at the noise floor); stamped proof marks on 12x12 tiles by a Conv2D net, a fifth of the clerk's
labels misread, Adam under a warm-up and cosine decay; a flintlock's lock time from three sensor
traces by an LSTM in a hand-written GradientTape loop under Huber loss against Student-t noise.
Papermakers: rejected sheets, 8% of them, by an MLP with no class weights (a fall from the base
rate's loss to the label noise); the next hour's pulp brightness by a Conv1D net under the
pinball loss at the 0.1 quantile against skewed gamma noise (flat far above zero); a watermark
score from only 192 sheets by an MLP 128-128 that memorises the book over 36 short epochs.
Hornworkers: cracks per batch of combs (Poisson counts) from a workshop Embedding and four
readings, two inputs, an exponential head under keras's Poisson loss (negative: keras leaves out
log y!); a horn plate's grade from 16 unordered spots by a MultiHeadAttention block, a tenth of
the grades wrong, Adam under PiecewiseConstantDecay (still improving slowly at the end); a soak time by a tanh MLP under plain SGD
0.01, slow and still falling at the end. Quillers: a dresser's notes (tokens) classed by an
Embedding and a GRU, classes 75/18/7% balanced by class_weight; a feather's moisture by an elu
MLP in a hand-written RMSprop loop under ExponentialDecay; a nib's wear by a dilated causal
Conv1D stack under log-cosh loss.

The broken half, one root cause each: RMSprop's rate 'scaled linearly with the batch' as 1e-3 *
batch_size without dividing by a reference batch, 0.064 (learning rate too high); keras
ReLU(threshold=6.0) written for ReLU6, the cap being max_value (dead ReLUs); Dense hidden layers
written without an activation, keras's default being linear, on an interaction-heavy target
(insufficient capacity); a LearningRateScheduler lambda multiplying the rate by 0.1 every epoch,
meant every ten (learning rate too low); a Conv1D's outputs summed rather than averaged over 64
readings into tanh layers under SGD (saturated activations: ~99.7% of the first tanh layer's
outputs beyond 0.99 on the probe, none in the fix); L1(0.1) on every kernel copied from a sparse
notebook (over-regularisation); ten hard_sigmoid layers under SGD (vanishing gradients); a
pressing date as a raw YYYYMMDD number beside grams (unnormalised inputs); RandomUniform(-1e-3,
1e-3) kernels in a five-layer tanh MLP (poor initialisation); four residual blocks copied
without their normalisation layer, He-normal kernels, SGD with momentum in a GradientTape loop
(exploding gradients: the loss overflows to inf and then NaN within a few steps, so non-finite
values are labelled too); a regression head copied from a classifier, Dense(1, 'sigmoid'), on a
standardised target under MSE (loss/activation mismatch); scans divided by their own L2 norm
where some scans are blank, 0 / 0 = NaN rows, trained in file order (non-finite values: the first
layer's weights turn NaN at the first blank row; the relus pass zeros, so the loss stays finite
and sits at the target's variance).

Dropped or replaced because they did not behave as intended: SGD with momentum at a batch-scaled
rate of 6.4 (NaN from the first epoch, a divergence, not the stall wanted; RMSprop at 0.064
kept), and its first fix at 2.5e-4 (slower than the broken run's bounce; the plain 1e-3 fix
kept); Conv1D(1, 16) and Conv1D(1, 3), filters and kernel size swapped, for insufficient
capacity (both swapped: it sat at chance, ln 4, which reads as a dead net; only the first
swapped: it kept learning, 0.60 and falling); a softmax head on multi-label tags under binary
cross-entropy (keras 3 takes the softmax's logits and applies the sigmoid, so it trained exactly
as the sigmoid fix) and a linear head under binary cross-entropy with from_logits=False (it kept
learning to ~0.06); twelve residual blocks without normalisation under clipnorm=1.0 and under
Adam, for exploding gradients (both kept falling steadily from their huge start, a recovery; the
unclipped SGD run, NaN within a few steps, kept, with four blocks so that the normalised fix
trains); a relu SimpleRNN with identity recurrent initialisation (IRNN) under Adam (it kept
falling); a cosine head's scale of 64 without its normalisation under SGD (it stalled at ln 3
with every relu dead, which is another cause's picture); L1(0.05) (still creeping at the end;
0.1 kept). Not written because earlier catalogues hold the mechanism: a one-unit softmax head,
a keep-probability read as a dropout rate, zero and constant kernels, bias-shifted ReLUs.

With the runner's seed, `fit` visits the examples in the same order every epoch, so several
runs show a sawtooth within each epoch. Labels follow `scenarios.py`: `expected_causes[0]` is
the root cause the scenario was built around, a second cause only where that symptom is
genuinely present too (the residual net's loss and weights are NaN from the third step);
`stall_begins` is the optimizer step from which the loss stops improving (None: from the
start), exact where an event of the scenario causes it (the first blank scan, in file order, at
step 9), otherwise read off the per-step loss (16-step mean) and marked approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("gunsmiths", "papermakers", "hornworkers", "quillers")

REGISTRY = []

holdout47 = registrar(REGISTRY)

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


# data ------------------------------------------------------------------------------------------


def muzzle_velocity(n, seed):
    """A proofed barrel's muzzle velocity (standardised) from ten bench features (charge,
    bore wear, ball weight, patch thickness, ...); the chronograph scatter grows with the
    charge (heteroscedastic), an irreducible floor."""
    r = _rng(seed)
    x = r.normal(size=(n, 10)).astype("float32")
    charge = 1.0 / (1.0 + np.exp(-x[:, 0]))
    mean = 1.4 * charge - 0.6 * x[:, 1] * charge + 0.4 * np.tanh(x[:, 2] - x[:, 3]) \
        + 0.3 * x[:, 4] * x[:, 5]
    y = mean + (0.1 + 0.6 * charge) * r.normal(size=n)
    return x, _std(y)[:, None]


def proof_marks(n, seed, flip=0.0, size=12):
    """Stamped proof marks on 12x12 grey tiles, four classes (a cross, a ring, a bar, a
    crown of three dots) at jittered places with stamping noise; a fraction `flip` of the
    labels were misread by the clerk."""
    r = _rng(seed)
    y = r.integers(0, 4, n)
    x = np.zeros((n, size, size, 1), dtype="float32")
    yy, xx = np.mgrid[0:size, 0:size]
    for k in range(n):
        cy, cx = r.integers(4, size - 4, 2)
        if y[k] == 0:
            x[k, cy - 3:cy + 4, cx, 0] = 1.0
            x[k, cy, cx - 3:cx + 4, 0] = 1.0
        elif y[k] == 1:
            d = np.sqrt((yy - cy) ** 2 + (xx - cx) ** 2)
            x[k, :, :, 0] = (np.abs(d - 2.5) < 0.8).astype("float32")
        elif y[k] == 2:
            x[k, cy - 1:cy + 1, cx - 3:cx + 4, 0] = 1.0
        else:
            for dx in (-3, 0, 3):
                x[k, cy - 1:cy + 1, cx + dx - 1:cx + dx + 1, 0] = 1.0
        x[k] += 0.2 * r.normal(size=(size, size, 1))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 4, n)) % 4, y)
    return x, y


def lock_traces(n, seed, length=32):
    """A flintlock's lock time from 32 readings of three sensors (hammer angle, spring
    load, pan flash); Student-t (3 dof) timing noise, heavy-tailed."""
    r = _rng(seed)
    x = np.cumsum(0.3 * r.normal(size=(n, length, 3)), axis=1).astype("float32")
    y = 0.8 * x[:, -1, 0] - 0.5 * x[:, :, 1].mean(axis=1) + 0.4 * np.abs(x[:, 10, 2])
    y = y + 0.4 * r.standard_t(3, size=n)
    return x, _std(y)[:, None]


def sheet_features(n, seed, positive=0.08):
    """Twelve mill readings of a paper sheet (freeness, basis weight, moisture, ...), the
    label 'reject' for roughly `positive` of them, partly noisy."""
    r = _rng(seed)
    x = r.normal(size=(n, 12)).astype("float32")
    score = 1.3 * x[:, 0] - 0.9 * x[:, 1] + 0.7 * x[:, 2] * x[:, 3] + 0.6 * r.normal(size=n)
    cut = np.quantile(score, 1.0 - positive)
    return x, (score > cut).astype("float32")[:, None]


def pulp_traces(n, seed, length=64):
    """A vat's pulp consistency over 64 readings; the target is the next hour's brightness,
    skewed (gamma) noise."""
    r = _rng(seed)
    t = np.linspace(0, 1, length)
    phase = r.uniform(0, 2 * np.pi, n)
    amp = r.uniform(0.2, 1.0, n)
    trend = r.normal(size=n)
    x = (amp[:, None] * np.sin(6 * t[None, :] + phase[:, None]) + trend[:, None] * t[None, :]
         + 0.2 * r.normal(size=(n, length)))[:, :, None].astype("float32")
    y = 1.2 * trend + 0.8 * amp - 0.5 * np.cos(phase) + r.gamma(2.0, 0.4, size=n)
    return x, _std(y)[:, None]


def horn_counts(n, seed, workshops=20):
    """Cracks found per batch of pressed horn combs (Poisson counts) from the workshop
    (an id, twenty of them) and four process readings (heat, press time, soak, horn age)."""
    r = _rng(seed)
    shop = r.integers(0, workshops, n).astype("int32")
    shop_effect = r.normal(0, 0.5, workshops)
    x = r.normal(size=(n, 4)).astype("float32")
    rate = np.exp(0.3 + shop_effect[shop] + 0.5 * x[:, 0] - 0.3 * x[:, 1] + 0.2 * x[:, 2] * x[:, 3])
    y = r.poisson(rate).astype("float32")
    return shop, x, y[:, None]


def horn_plates(n, seed, tokens=16, flip=0.0):
    """A horn plate as 16 unordered spot measurements of four quantities; the grade (three
    classes) follows from how many spots are translucent and how the thickest ones sit;
    a fraction `flip` of the grades are wrong."""
    r = _rng(seed)
    x = r.normal(size=(n, tokens, 4)).astype("float32")
    translucent = (x[:, :, 0] > 0.5).sum(axis=1)
    thick = (x[:, :, 1] * (x[:, :, 2] > 0)).max(axis=1)
    score = translucent + 0.3 * thick
    y = np.digitize(score, np.quantile(score, [1 / 3, 2 / 3]))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 3, n)) % 3, y)
    return x, y


def tabular_regression(n, seed, features=8, noise=0.3):
    """A smooth nonlinear target from standard normal features plus Gaussian noise."""
    r = _rng(seed)
    x = r.normal(size=(n, features)).astype("float32")
    y = np.sin(x[:, 0]) + 0.5 * x[:, 1] * x[:, 2] - 0.4 * x[:, 3] ** 2 + 0.3 * x[:, 4] \
        + noise * r.normal(size=n)
    return x, _std(y)[:, None]


def quill_tokens(n, seed, length=20, vocab=40, classes=3, skew=(0.75, 0.18, 0.07)):
    """A dresser's note on a quill as 20 tokens (0 is padding); the class (good, split,
    soft) follows from which marker tokens appear, the classes imbalanced as `skew`."""
    r = _rng(seed)
    y = r.choice(classes, size=n, p=skew)
    x = r.integers(4, vocab, size=(n, length))
    for k in range(n):
        m = r.integers(2, 5)
        pos = r.choice(length, m, replace=False)
        x[k, pos] = y[k] + 1 if r.random() < 0.85 else r.integers(1, classes + 1)
        x[k, r.integers(12, length):] = 0
    return x.astype("int32"), y


def quill_tags(n, seed, length=20, vocab=50, tags=6):
    """A quill's dressing notes as 20 tokens and its tags (multi-label: split, clarified,
    dutched, ...); each tag is on when its marker token appears, 2-3 tags per quill."""
    r = _rng(seed)
    x = r.integers(tags + 1, vocab, size=(n, length))
    y = np.zeros((n, tags), dtype="float32")
    for k in range(n):
        on = r.choice(tags, r.integers(2, 4), replace=False)
        y[k, on] = 1.0
        pos = r.choice(length, len(on), replace=False)
        x[k, pos] = on + 1
    return x.astype("int32"), y


# healthy-but-imperfect -------------------------------------------------------------------------


@holdout47("gunsmiths", healthy=True)
def muzzle_velocity_plateau_drop(session):
    """A proofed barrel's muzzle velocity (standardised) from ten bench features whose
    chronograph scatter grows with the charge, MLP 64-32 relu, Adam 3e-3 with
    ReduceLROnPlateau(factor 0.3, patience 1, min_delta 0.02, min_lr 3e-4): the loss falls
    fast, the rate is cut once the epoch gains grow small, and the loss keeps easing down at
    the heteroscedastic floor (the training loss a little under it as the net starts to fit
    the scatter)."""
    keras = _keras()
    x, y = muzzle_velocity(N, seed=4701)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.3, patience=1,
                                                min_delta=0.02, min_lr=3e-4)
    return _fit(session, model, x, y, epochs=14, batch_size=32, callbacks=[plateau])


@holdout47("gunsmiths", healthy=True)
def proof_marks_misread(session):
    """Stamped proof marks (cross, ring, bar, three dots) on 12x12 tiles by a Conv2D 16-32 net
    with max pooling and global max pooling, a fifth of the clerk's labels misread, Adam under CosineDecay
    with a 48-step warm-up from 1e-4 to 3e-3 (alpha 0.05): it learns the marks and settles
    well above zero, near the label noise's floor (~0.72)."""
    keras = _keras()
    x, y = proof_marks(N, seed=4702, flip=0.2)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    lr = keras.optimizers.schedules.CosineDecay(1e-4, 336, alpha=0.05, warmup_target=3e-3,
                                                warmup_steps=48)
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout47("gunsmiths", healthy=True)
def lock_time_huber_loop(session):
    """Hand-written GradientTape loop: a flintlock's lock time from 32 readings of three
    sensors by an LSTM(16), Huber loss (delta 1) against heavy-tailed Student-t timing noise,
    Adam 3e-3: a quick fall, then a flat floor far above zero."""
    keras = _keras()
    x, y = lock_traces(N, seed=4703)
    model = keras.Sequential([keras.Input((32, 3)), keras.layers.LSTM(16),
                              keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), keras.losses.Huber(1.0),
                        x, y, epochs=10, batch_size=32, seed=4703)


@holdout47("papermakers", healthy=True)
def sheet_rejects_rare(session):
    """Rejected paper sheets (8% of them) from twelve mill readings, MLP 32-16 relu with a
    sigmoid head under binary cross-entropy, no class weights, Adam 1e-3: the loss falls from
    the base rate's ~0.28 and settles at the label noise, the rare class partly missed."""
    keras = _keras()
    x, y = sheet_features(N, seed=4704)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _pinball(tau):
    def loss(y_true, y_pred):
        keras = _keras()
        e = y_true - y_pred
        return keras.ops.mean(keras.ops.maximum(tau * e, (tau - 1.0) * e), axis=-1)
    return loss


@holdout47("papermakers", healthy=True)
def pulp_brightness_low_quantile(session):
    """The next hour's brightness from 64 pulp-consistency readings by a Conv1D 16-16 net
    with global average pooling, pinball loss at the 0.1 quantile against skewed gamma
    noise, RMSprop 1e-3: the loss falls and then sits far above zero, the quantile's floor."""
    keras = _keras()
    x, y = pulp_traces(N, seed=4705)
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 7, activation="relu", padding="same"),
        keras.layers.Conv1D(16, 7, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.RMSprop(1e-3), _pinball(0.1))
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout47("papermakers", healthy=True)
def watermark_small_book(session):
    """A watermark's legibility score from twelve mill readings of only 192 sheets, MLP
    128-128 relu under Adam 2e-3 for 36 short epochs: the training loss keeps falling as the
    net memorises the small book, slower and slower toward zero."""
    keras = _keras()
    x, y = tabular_regression(192 + PROBE_SIZE, seed=4706, features=12, noise=0.5)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=36, batch_size=32)


@holdout47("hornworkers", healthy=True)
def comb_cracks_poisson(session):
    """Cracks per batch of pressed horn combs (Poisson counts) from the workshop id
    (Embedding 20x4) and four process readings, two inputs, an exponential head under keras's
    Poisson loss, Adam 3e-3: the loss falls and flattens at the counts' own randomness
    (keras's Poisson leaves out log y!, so its floor is not zero)."""
    keras = _keras()
    shop, x, y = horn_counts(N, seed=4707)
    shop_in = keras.Input((1,), dtype="int32")
    num_in = keras.Input((4,))
    e = keras.layers.Flatten()(keras.layers.Embedding(20, 4)(shop_in))
    h = keras.layers.Concatenate()([e, num_in])
    h = keras.layers.Dense(32, activation="relu")(h)
    out = keras.layers.Dense(1, activation="exponential")(h)
    model = keras.Model([shop_in, num_in], out)
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit_inputs(session, model, [shop[:, None], x], y, epochs=12, batch_size=32)


@holdout47("hornworkers", healthy=True)
def horn_grade_attention_steps(session):
    """A horn plate's grade from 16 unordered spot measurements by a self-attention block
    (MultiHeadAttention 2 heads, key 8) with mean pooling, a tenth of the grades wrong, Adam
    under PiecewiseConstantDecay(3e-3, 1e-3 at step 192, 3e-4 at step 320): it learns
    steadily, eases down after each cut and is still improving slowly at the end, well above
    the noise's floor (the grade needs a count over the spots, which the pooled block learns
    slowly)."""
    keras = _keras()
    x, y = horn_plates(N, seed=4708, flip=0.1)
    inp = keras.Input((16, 4))
    h = keras.layers.Dense(16)(inp)
    a = keras.layers.MultiHeadAttention(2, 8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.Dense(32, activation="relu")(h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    out = keras.layers.Dense(3, activation="softmax")(h)
    model = keras.Model(inp, out)
    lr = keras.optimizers.schedules.PiecewiseConstantDecay([192, 320], [3e-3, 1e-3, 3e-4])
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout47("hornworkers", healthy=True)
def horn_soak_slow_sgd(session):
    """The soak time a horn needs from eight readings, MLP 32-32 tanh under plain SGD 0.01
    (no momentum): a long, slow and steady descent that is still going at the end."""
    keras = _keras()
    x, y = tabular_regression(N, seed=4709, noise=0.3)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(32, activation="tanh"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.01), "mse")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


@holdout47("quillers", healthy=True)
def quill_notes_weighted(session):
    """A dresser's notes (20 tokens) on a quill classed good / split / soft (75/18/7%) by an
    Embedding(40, 16) and a GRU(16), class_weight balancing the classes, Adam 3e-3: a slow
    start near the weighted chance level, then a descent to the floor set by the 15% of
    misleading notes."""
    keras = _keras()
    x, y = quill_tokens(N, seed=4710)
    counts = np.bincount(y[:-PROBE_SIZE], minlength=3)
    weights = {c: float(len(y) - PROBE_SIZE) / (3.0 * counts[c]) for c in range(3)}
    model = keras.Sequential([keras.Input((20,), dtype="int32"), keras.layers.Embedding(40, 16),
                              keras.layers.GRU(16), keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    (xt, yt), probe = (x[:-PROBE_SIZE], y[:-PROBE_SIZE]), (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(xt, yt, epochs=12, batch_size=32, verbose=0, class_weight=weights,
                        callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout47("quillers", healthy=True)
def feather_moisture_rmsprop_loop(session):
    """Hand-written GradientTape loop: a feather's moisture after curing from ten bench
    readings with scatter that grows with the charge of heat, MLP 48-24 elu, RMSprop under
    ExponentialDecay(2e-3, 64 steps, 0.7), mean squared error: the loss falls and settles at
    the heteroscedastic floor."""
    keras = _keras()
    x, y = muzzle_velocity(N, seed=4711)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(48, activation="elu"),
                              keras.layers.Dense(24, activation="elu"), keras.layers.Dense(1)])
    lr = keras.optimizers.schedules.ExponentialDecay(2e-3, 64, 0.7)
    return _custom_loop(session, model, keras.optimizers.RMSprop(lr),
                        keras.losses.MeanSquaredError(), x, y, epochs=10, batch_size=32,
                        seed=4711)


@holdout47("quillers", healthy=True)
def nib_wear_logcosh_dilated(session):
    """A nib's wear from 64 readings of its stroke pressure by a dilated Conv1D stack (rates
    1, 2, 4) under log-cosh loss against skewed noise, Nadam 2e-3: it learns and flattens far
    above zero at the noise."""
    keras = _keras()
    x, y = pulp_traces(N, seed=4712)
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(12, 3, dilation_rate=1, activation="relu", padding="causal"),
        keras.layers.Conv1D(12, 3, dilation_rate=2, activation="relu", padding="causal"),
        keras.layers.Conv1D(12, 3, dilation_rate=4, activation="relu", padding="causal"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Nadam(2e-3), "log_cosh")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# broken ----------------------------------------------------------------------------------------


def _velocity_scaled_rate(session, broken):
    keras = _keras()
    x, y = muzzle_velocity(N, seed=4713)
    batch_size = 64
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    # The linear scaling rule scales a base rate tuned at a reference batch by
    # batch_size / reference; here the reference was taken as 1, not the 64 RMSprop's
    # default of 1e-3 was tuned at.
    rate = 1e-3 * batch_size if broken else 1e-3 * batch_size / 64
    model.compile(keras.optimizers.RMSprop(rate), "mse")
    return _fit(session, model, x, y, epochs=11, batch_size=batch_size)


@holdout47("gunsmiths", ["learning_rate_too_high"], stall_begins=None)
def velocity_scaled_rate(session):
    """Muzzle velocity from ten bench features by an MLP 64-64 relu under RMSprop, the rate
    'scaled linearly with the batch' as 1e-3 * batch_size, the rule's division by the
    reference batch left out: a rate of 0.064 at batch 64 instead of 1e-3, so the loss
    bounces well above the fix's from the first epoch on."""
    return _velocity_scaled_rate(session, True)


def _marks_relu_threshold(session, broken):
    keras = _keras()
    x, y = proof_marks(N, seed=4714)

    def act():
        # Meant ReLU6; `threshold` read as the cap, which is `max_value`.
        return keras.layers.ReLU(threshold=6.0) if broken else keras.layers.ReLU(max_value=6.0)

    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, padding="same"), act(),
        keras.layers.Conv2D(32, 3, padding="same"), act(),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32), act(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout47("gunsmiths", ["dead_relus"], stall_begins=None)
def marks_relu_threshold(session):
    """Proof marks on 12x12 tiles by a Conv2D 16-32 net with separate ReLU layers meant as
    ReLU6, written keras.layers.ReLU(threshold=6.0): `threshold` was read as the cap (that is
    max_value), so every unit outputs zero below 6 and almost all are dead from the start."""
    return _marks_relu_threshold(session, True)


def sight_offset(n, seed):
    """A sight's offset at 50 paces from eight bench readings: mostly interactions and bends
    (a linear fit explains little), Gaussian noise."""
    r = _rng(seed)
    x = r.normal(size=(n, 8)).astype("float32")
    y = x[:, 0] * x[:, 1] + np.abs(x[:, 2]) + np.sin(2 * x[:, 3]) + 0.4 * x[:, 4] \
        + 0.3 * r.normal(size=n)
    return x, _std(y)[:, None]


def _sight_linear_stack(session, broken):
    keras = _keras()
    x, y = sight_offset(N, seed=4715)
    act = None if broken else "relu"
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation=act),
                              keras.layers.Dense(64, activation=act), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout47("gunsmiths", ["insufficient_capacity"], stall_begins=None)
def sight_linear_stack(session):
    """A sight's offset from eight bench readings, mostly interactions and bends, by Dense(64)
    Dense(64) Dense(1) written without an activation argument (keras's Dense defaults to
    linear): the stack is one linear map and stops at the linear fit's floor at once."""
    return _sight_linear_stack(session, True)


# papermakers -----------------------------------------------------------------------------------


def _pulp_scheduler_every_epoch(session, broken):
    keras = _keras()
    x, y = pulp_traces(N, seed=4716)
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 7, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    if broken:
        # Meant: a tenth of the rate every ten epochs.
        schedule = keras.callbacks.LearningRateScheduler(lambda epoch, lr: lr * 0.1)
    else:
        schedule = keras.callbacks.LearningRateScheduler(
            lambda epoch, lr: lr * 0.1 if epoch and epoch % 10 == 0 else lr)
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[schedule])


# The rate is 1e-4 through the first epoch, 1e-5 after it: approximate.
@holdout47("papermakers", ["learning_rate_too_low"], stall_begins=32)
def pulp_scheduler_every_epoch(session):
    """The next hour's brightness from 64 pulp readings by a Conv1D net under Adam 1e-3 with a
    LearningRateScheduler(lambda epoch, lr: lr * 0.1) meant as 'a tenth every ten epochs',
    the condition left out: the rate is 1e-4 in the first epoch and a tenth smaller each
    epoch after, so the loss hardly moves from the start."""
    return _pulp_scheduler_every_epoch(session, True)


def _pulp_sum_pool_tanh(session, broken):
    keras = _keras()
    x, y = pulp_traces(N, seed=4717)
    inp = keras.Input((64, 1))
    h = keras.layers.Conv1D(16, 5, activation="relu", padding="same")(inp)
    if broken:
        # 'The total, not the average': sum over the 64 readings.
        h = keras.layers.Lambda(lambda t: keras.ops.sum(t, axis=1))(h)
    else:
        h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="tanh")(h)
    h = keras.layers.Dense(32, activation="tanh")(h)
    out = keras.layers.Dense(1)(h)
    model = keras.Model(inp, out)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# Read off the per-step loss (16-step mean): it bounces from about step 64. Approximate.
@holdout47("papermakers", ["saturated_activations"], stall_begins=64)
def pulp_sum_pool_tanh(session):
    """Brightness from 64 pulp readings by a Conv1D(16) relu whose outputs are summed over the
    64 readings ('the total, not the average') into two tanh layers of 32, SGD 0.01 with
    momentum: the sums are tens of times the averages, the tanh units sit at +-1."""
    return _pulp_sum_pool_tanh(session, True)


def _sheet_l1_everywhere(session, broken):
    keras = _keras()
    x, y = sheet_features(N, seed=4718, positive=0.3)
    reg = keras.regularizers.L1(0.1) if broken else keras.regularizers.L2(1e-4)
    model = keras.Sequential([
        keras.Input((12,)),
        keras.layers.Dense(64, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(64, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(1, activation="sigmoid", kernel_regularizer=reg),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# The penalty shrinks the weights for ~5 epochs, then the loss sits: approximate.
@holdout47("papermakers", ["over_regularization"], stall_begins=160)
def sheet_l1_everywhere(session):
    """Rejected sheets (30%) from twelve mill readings by an MLP 64-64 relu, every kernel under
    keras.regularizers.L1(0.1) copied from a sparse-feature notebook that had one input
    layer of ten weights: the penalty over ~5000 weights outweighs the data term."""
    return _sheet_l1_everywhere(session, True)


# hornworkers -----------------------------------------------------------------------------------


def _soak_hard_sigmoid_deep(session, broken):
    keras = _keras()
    x, y = tabular_regression(N, seed=4719)
    act = "hard_sigmoid" if broken else "relu"
    layers = [keras.Input((8,))]
    layers += [keras.layers.Dense(32, activation=act) for _ in range(10)]
    layers.append(keras.layers.Dense(1))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout47("hornworkers", ["vanishing_gradients"], stall_begins=None)
def soak_hard_sigmoid_deep(session):
    """The soak time from eight readings by ten Dense(32) layers with hard_sigmoid 'because it
    is cheap on the workshop's board', SGD 0.01 momentum 0.9: each layer passes back at most
    a sixth of the gradient, so the early layers get nothing and the loss sits near the
    variance."""
    return _soak_hard_sigmoid_deep(session, True)


def horn_dates(n, seed):
    """A pressed horn's shrinkage from the pressing date (as YYYYMMDD), the batch weight in
    grams, and four standardised process readings; it has a seasonal part."""
    r = _rng(seed)
    day = r.integers(0, 730, n)
    year = 2024 + day // 365
    doy = day % 365
    month = 1 + doy // 31
    dom = 1 + doy % 28
    date = (year * 10000 + month * 100 + dom).astype("float32")
    grams = r.normal(350, 60, n).astype("float32")
    z = r.normal(size=(n, 4)).astype("float32")
    y = 0.8 * np.sin(2 * np.pi * doy / 365) + 0.5 * (grams - 350) / 60 + 0.6 * z[:, 0] \
        - 0.4 * z[:, 1] * z[:, 2] + 0.3 * r.normal(size=n)
    x = np.column_stack([date, grams, z]).astype("float32")
    return x, _std(y)[:, None]


def _shrink_raw_dates(session, broken):
    keras = _keras()
    x, y = horn_dates(N, seed=4720)
    if not broken:
        doy = np.array([(int(d) // 100 % 100 - 1) * 31 + int(d) % 100 for d in x[:, 0]])
        x = np.column_stack([np.sin(2 * np.pi * doy / 365), np.cos(2 * np.pi * doy / 365),
                             _std(x[:, 1:])]).astype("float32")
    model = keras.Sequential([keras.Input((x.shape[1],)),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


# The huge first losses fall until about step 208, then bounce at ~7-30: approximate.
@holdout47("hornworkers", ["unnormalized_inputs"], stall_begins=208)
def shrink_raw_dates(session):
    """A horn's shrinkage after pressing from the pressing date stored as a YYYYMMDD number
    (~2e7), the batch weight in grams (~350) and four standardised readings, fed raw to an
    MLP 32-32 relu under Adam 1e-3: the date column swamps every unit."""
    return _shrink_raw_dates(session, True)


def _grade_tiny_uniform_init(session, broken):
    keras = _keras()
    x, y = horn_plates(N, seed=4721)
    x = x.reshape(N, -1)
    init = keras.initializers.RandomUniform(-1e-3, 1e-3) if broken else "glorot_uniform"
    layers = [keras.Input((64,))]
    layers += [keras.layers.Dense(64, activation="tanh", kernel_initializer=init) for _ in range(5)]
    layers.append(keras.layers.Dense(3, activation="softmax", kernel_initializer=init))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout47("hornworkers", ["poor_initialization"], stall_begins=None)
def grade_tiny_uniform_init(session):
    """A horn plate's grade from its 16 spots flattened to 64 numbers by five Dense(64) tanh
    layers, every kernel initialised RandomUniform(-1e-3, 1e-3) as an old uniform-filler
    recipe had it, SGD 0.05 momentum 0.9: the signal shrinks ~40-fold a layer, the output is
    a constant and the gradients to the early layers are ~nothing."""
    return _grade_tiny_uniform_init(session, True)


# quillers --------------------------------------------------------------------------------------


def _wear_residual_no_norm(session, broken):
    keras = _keras()
    x, y = tabular_regression(N, seed=4722, features=12)
    inp = keras.Input((12,))
    h = keras.layers.Dense(32)(inp)
    for _ in range(4):
        f = keras.layers.Dense(32, activation="relu", kernel_initializer="he_normal")(h)
        f = keras.layers.Dense(32, kernel_initializer="he_normal")(f)
        if not broken:
            f = keras.layers.LayerNormalization()(f)
        h = keras.layers.Add()([h, f])
    out = keras.layers.Dense(1)(h)
    model = keras.Model(inp, out)
    return _custom_loop(session, model, keras.optimizers.SGD(0.01, momentum=0.9),
                        keras.losses.MeanSquaredError(), x, y, epochs=10, batch_size=32,
                        seed=4722)


@holdout47("quillers", ["exploding_gradients", "non_finite_values"], stall_begins=None)
def wear_residual_no_norm(session):
    """Hand-written GradientTape loop: a quill's wear from twelve readings by four residual
    blocks (Dense relu, Dense, add) copied from a ResNet recipe without its normalisation
    layer, He-normal kernels, SGD 0.01 momentum 0.9: each block doubles the activations'
    scale, the first gradients are thousands of times too large, and within a few steps
    the loss overflows to inf and NaN."""
    return _wear_residual_no_norm(session, True)


def _stiffness_sigmoid_head(session, broken):
    keras = _keras()
    x, y = quill_scans(N, seed=4723)
    x = _std(x)
    model = keras.Sequential([
        keras.Input((24,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid" if broken else None),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# Read off the per-step loss (16-step mean): flat within a few % from about step 64.
@holdout47("quillers", ["loss_activation_mismatch"], stall_begins=64)
def stiffness_sigmoid_head(session):
    """A quill's stiffness (standardised, half of it negative) from a 24-density scan by an
    MLP 32-16 relu whose head was copied from the shop's reject classifier, Dense(1,
    activation='sigmoid'), under mean squared error: the outputs cannot leave (0, 1), so
    every negative target is at best predicted as 0 and the loss stops far above the fix's."""
    return _stiffness_sigmoid_head(session, True)


def quill_scans(n, seed, blank=()):
    """A quill's barb profile as 24 densities from a scanner; the target (stiffness) depends
    on the profile's shape and overall density; rows in `blank` are blank scans (all zero)."""
    r = _rng(seed)
    base = np.abs(r.normal(1.0, 0.3, size=(n, 1)))
    shape = np.abs(1.0 + 0.3 * np.cumsum(r.normal(size=(n, 24)) * 0.3, axis=1))
    x = (base * shape).astype("float32")
    y = 0.8 * base[:, 0] + 0.5 * (shape[:, :8].mean(axis=1) - shape[:, 16:].mean(axis=1)) \
        + 0.1 * r.normal(size=n)
    x[list(blank)] = 0.0
    return x, _std(y)[:, None]


def _stiffness_row_norm(session, broken):
    keras = _keras()
    x, y = quill_scans(N, seed=4724, blank=(291, 530, 877, 1090))
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    if broken:
        with np.errstate(invalid="ignore"):
            x = np.column_stack([x / norms, norms]).astype("float32")
    else:
        x = np.column_stack([x / np.maximum(norms, 1e-6), norms]).astype("float32")
    model = keras.Sequential([keras.Input((25,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32, shuffle=False)


# Row 291 (file order, no shuffling) is the first blank scan: batch 291 // 32 = 9, step 9.
@holdout47("quillers", ["non_finite_values"], stall_begins=9)
def stiffness_row_norm(session):
    """A quill's stiffness from a 24-density scan divided by its own L2 norm (shape) plus the
    norm (density), trained in file order, MLP 32-16 relu, Adam 2e-3: three scans are blank,
    all zeros, so x / ||x|| is 0 / 0 = NaN in those rows and the weights turn NaN at the
    first of them."""
    return _stiffness_row_norm(session, True)
