"""The eighty-second held-out catalogue: written by someone who did not read the engine or run
the diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History, in a throwaway script with the runner's seed), and every broken one
against the same model trained without its mistake (each helper `_name(session, broken)`
trains both).

Half of it is healthy-but-imperfect training. Brickmakers: a fired brick's compressive strength
from ten clay and kiln features, the press's scatter growing with the strength, an MLP under
Adam with a warm-up and cosine decay; a kiln car's firing from 12 x 12 thermal maps by a small
Conv2D net, a fifth of the burner's calls wrong; cracked bricks per pallet (Poisson counts) by
an exponential-output tanh MLP in a hand-written RMSprop loop under keras's Poisson loss
(negative: keras leaves out the log y! term). Paviors: a slab's next-month wear from 30 days of
loads by an LSTM under the Huber loss against Student-t noise, with ReduceLROnPlateau; granite
setts rejected one in ten, weighed up by class_weight (a steady, still falling weighted loss);
a kerb's fitting class from only 192 stones by an MLP 256-256 that memorises the book over 45
short epochs. Stationers: order slips routed by Embedding and average pooling under SGD with
momentum and a LearningRateScheduler halving every four epochs, 15% of routings wrong (a short
wait near ln 4, then a descent to the noise); a week's reams sold from shop (Embedding) and six
numeric inputs at the 0.1 quantile under a hand-written pinball loss against gamma noise (flat
far above zero); order slips by a MultiHeadAttention block under Adam 3e-4 (a long descent still
going at the end). Etchers: a mordant's strength from absorption spectra by a Conv1D net under
mean absolute error against Laplace noise; a plate's finish from 36 etch readings by a GRU under
RMSprop with a PiecewiseConstantDecay that starts low 'to be safe' (a slow start, a drop when
the rate rises at step 192, then a level at the 10% label noise); an etched line's depth by an
elu MLP in a hand-written SGD loop with light momentum (slow, still improving at the end).

The broken half, one root cause each: CosineDecay(decay_steps=12) with the 12 meant as epochs,
so the rate is zero after twelve steps (learning rate too low); a sigmoid output, copied from a
'cracked or not' model, regressing counts of about four under the Poisson loss (loss/activation
mismatch: the rate cannot pass 1); the kiln log's columns fed in their own units, offsets up to
3e4, to a tanh MLP (unnormalised inputs); ReLU(max_value=0.0) from a config where a cap of 0
meant no cap, so every unit outputs zero (dead ReLUs); L1(0.05) on every layer 'to select the
useful measurements', a lasso's strength (over-regularisation; the loss falls while the penalty
shrinks the kernels, then sits near ln 4 from about step 300); Adam at 0.5, read off a
learning-rate range test's plot at the loss's lowest point (learning rate too high);
TruncatedNormal(mean=1.0, stddev=0.05) kernels 'to start near the identity', every hidden unit
computing nearly the same sum (poor initialisation); a price-per-ream column as takings / reams
where shut weeks give 0 / 0 (non-finite values: fit without shuffling, the first NaN row in
the batch at step 9; after it the loss stops moving); ten stacked sigmoid Conv1D layers 'since
absorbances lie between 0 and 1' (vanishing gradients); an IRNN with Identity(gain=1.5) as the
recurrent kernel and clipnorm (exploding gradients: the loss, in the thousands, jumps about
without a trend); sigmoid(50 z) 'hard gates' from a straight-through snippet as the conv
activations (saturated activations); three Dense(128) layers written without an activation,
one linear map (insufficient capacity: it sits at about the least-squares line's 0.80, the
relu net goes below 0.1).

Dropped or replaced because they did not behave as intended: a raw Unix timestamp column among
standardised features under a relu MLP (the loss started near 1e15 and kept falling by orders
of magnitude, never flat); the kiln log units under a relu MLP (the same: a huge loss still
falling; the tanh MLP kept); GaussianNoise(8.0) for 'eight per cent' input jitter (keras 3
refuses a stddev above 1; L1 kept); a learning-rate range test's scheduler (1e-4 times ten each
epoch) left on in the real training (it diverged to 1e14 rather than stalling, and its fixed
variant at 1e-4 barely learned), and Adam at 0.1 (it bounced between 0.2 and 1.0 but learned;
0.5 kept, 2.0 also stalls); the IRNN under SGD 0.01 (it recovered to 0.7 and was still falling)
and under gains 1.8 and 2.0 (spikes by orders of magnitude or a steady drift down; 1.5 at 3e-4
kept); the sigmoid Conv1D stack and the hard-gate net first under SGD 0.05 and with plain
sigmoid fixes, whose fixed variants did not learn either (SGD 0.01 with relu and relu fixes
kept). The kiln log units scenario is labelled with its root cause only: the tanh units are
probably saturated too, but that was not measured.

Labels follow `scenarios.py`: `expected_causes[0]` is the root cause the scenario was built
around; `stall_begins` is the optimizer step from which the loss stops improving (None: from
the start), exact where an event of the scenario causes it (the rate reaching zero at step 12,
the first NaN row at step 9), otherwise read off the per-epoch loss (32 steps an epoch) and
approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("brickmakers", "paviors", "stationers", "etchers")

REGISTRY = []

holdout82 = registrar(REGISTRY)

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


def brick_strength(n, seed, dim=10):
    """A fired brick's compressive strength (standardised) from ten clay and kiln features
    (clay mix, moisture, firing temperature and time ...), smooth and nonlinear; the press's
    scatter grows with the strength (heteroscedastic)."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    mean = (np.tanh(x[:, 0]) + 0.6 * x[:, 1] * x[:, 2] - 0.4 * x[:, 3] ** 2 + 0.5 * np.sin(2 * x[:, 4])
            + 0.3 * x[:, 5])
    y = mean + (0.2 + 0.2 * np.abs(mean)) * r.normal(size=n)
    return x, _std(y)[:, None]


def kiln_maps(n, seed, size=12, flip=0.0):
    """12 x 12 thermal maps of a kiln car, three classes: 0 even firing, 1 a hot corner, 2 a
    cold stripe; thermocouple noise; a fraction `flip` of the burner's calls are wrong."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    i, j = np.mgrid[0:size, 0:size]
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        m = 0.3 * np.sin(i / r.uniform(2, 5) + r.uniform(0, 6))
        if y[k] == 1:
            ci, cj = r.choice([2, size - 3], 2)
            m = m + 1.2 * np.exp(-((i - ci) ** 2 + (j - cj) ** 2) / 6.0)
        elif y[k] == 2:
            c = r.integers(2, size - 2)
            m = m - 1.0 * (np.abs(j - c) < 2)
        x[k, :, :, 0] = m + 0.4 * r.normal(size=(size, size))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 3, n)) % 3, y)
    return x, y


def cracked_counts(n, seed, dim=6):
    """Cracked bricks per pallet of 500 (Poisson counts) from six drying-shed settings."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    rate = np.exp(1.2 + 0.5 * x[:, 0] - 0.3 * x[:, 1] + 0.3 * np.tanh(2 * x[:, 2]) + 0.2 * x[:, 3] * x[:, 4])
    return x, r.poisson(rate).astype("float32")[:, None]


def slab_loads(n, seed, length=30):
    """30 days of axle loads and temperature on a paving slab; the target is the next month's
    wear (standardised) with heavy-tailed (Student-t, 2.5 dof) survey noise."""
    r = _rng(seed)
    x = np.abs(r.normal(size=(n, length, 2))).astype("float32")
    x[:, :, 1] = r.normal(size=(n, length))
    y = 0.8 * x[:, :, 0].mean(axis=1) * (1 + 0.5 * np.tanh(x[:, :, 1].mean(axis=1) * 3)) \
        + 0.5 * x[:, -5:, 0].mean(axis=1) + 0.25 * r.standard_t(2.5, size=n)
    return x, _std(y)[:, None]


def sett_defects(n, seed, dim=14, rate=0.1):
    """Whether a granite sett is rejected (binary) from fourteen gauge readings; rejects are
    about one in ten and depend nonlinearly on a few readings."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    s = 1.5 * x[:, 0] + x[:, 1] * x[:, 2] + np.abs(x[:, 3]) + 0.5 * r.normal(size=n)
    y = (s > np.quantile(s, 1 - rate)).astype("float32")
    return x, y[:, None]


def kerb_fits(n, seed, dim=16, classes=4):
    """A kerb stone's fitting class (4) from sixteen measurements: argmax of four nonlinear
    scores."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    w = r.normal(size=(dim, classes))
    v = r.normal(size=(dim, classes))
    s = np.tanh(x @ w / 2) + 0.4 * np.sin(x @ v / 2)
    return x, s.argmax(axis=1)


def order_tokens(n, seed, length=24, vocab=60, classes=4, flip=0.0):
    """A stationer's order slip as 24 item tokens (vocabulary 60, 0 is padding); the department
    it goes to (4) is set by which of four item groups dominates; `flip` of the clerk's
    routings are wrong."""
    r = _rng(seed)
    groups = r.integers(0, classes, vocab)
    groups[0] = -1
    y = r.integers(0, classes, n)
    x = np.empty((n, length), dtype="int32")
    other = np.flatnonzero(groups >= 0)
    for k in range(n):
        own = np.flatnonzero(groups == y[k])
        m = r.random(length) < 0.4
        x[k] = np.where(m, r.choice(own, length), r.choice(other, length))
        x[k, r.integers(length - 6, length):] = 0
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, classes, n)) % classes, y)
    return x, y


def paper_sales(n, seed, shops=30):
    """A week's reams sold (standardised) from the shop (30, id) and six numeric features
    (season, price, promotions ...), with skewed (gamma) demand noise."""
    r = _rng(seed)
    shop = r.integers(0, shops, n)
    effect = r.normal(size=shops)
    num = r.normal(size=(n, 6)).astype("float32")
    y = effect[shop] + 0.7 * num[:, 0] - 0.4 * num[:, 1] * num[:, 2] + 0.3 * np.sin(2 * num[:, 3])
    y = y + 0.6 * (r.gamma(2.0, 1.0, size=n) - 2.0)
    return shop.astype("int32"), num, _std(y)[:, None]


def ink_spectra(n, seed, bins=40):
    """40-bin absorption spectra of an etching mordant; the target is its strength
    (standardised), from the height of two bands with a shifted baseline, with Laplace
    titration noise."""
    r = _rng(seed)
    f = np.arange(bins)
    a = r.uniform(0.2, 1.5, n)
    b = r.uniform(0.2, 1.5, n)
    c = r.uniform(8, 14, n)[:, None]
    x = (a[:, None] * np.exp(-0.5 * ((f - c) / 2.0) ** 2) + b[:, None] * np.exp(-0.5 * ((f - c - 15) / 3.0) ** 2)
         + r.uniform(-0.3, 0.3, n)[:, None] + 0.05 * r.normal(size=(n, bins)))
    y = a * b + 0.5 * a + 0.15 * r.laplace(size=n)
    return x[:, :, None].astype("float32"), _std(y)[:, None]


def bite_series(n, seed, length=36, classes=3, flip=0.0):
    """36 readings of a plate's etch bite (conductivity, temperature); the plate's finish class
    (3) is set by the sign pattern of the late trend against the early one; `flip` of the
    printer's grades are wrong."""
    r = _rng(seed)
    x = r.normal(size=(n, length, 2)).astype("float32") * 0.5
    t = np.linspace(-1, 1, length)
    y = r.integers(0, classes, n)
    slope = np.where(y == 0, -1.0, np.where(y == 1, 0.0, 1.0))
    x[:, :, 0] += slope[:, None] * t * r.uniform(0.6, 1.2, (n, 1))
    x[:, :, 1] += 0.3 * np.sin(6 * t)[None, :]
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, classes, n)) % classes, y)
    return x.astype("float32"), y


def plate_depth(n, seed, dim=8):
    """An etched line's depth (standardised) from eight bath and ground settings, smooth with
    interactions and bench scatter."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    y = (np.sin(1.5 * x[:, 0]) + x[:, 1] * x[:, 2] + 0.5 * np.tanh(3 * x[:, 3]) - 0.3 * x[:, 4] ** 2
         + 0.3 * r.normal(size=n))
    return x, _std(y)[:, None]


# brickmakers -----------------------------------------------------------------------------------


@holdout82("brickmakers", healthy=True)
def strength_warmup_cosine(session):
    """A fired brick's compressive strength (standardised) from ten clay and kiln features, the
    press's scatter growing with the strength, MLP 64-64 relu, Adam under CosineDecay from 0
    with a 64-step warm-up to 3e-3 over 480 steps: the loss falls fast after the warm-up and
    flattens at the heteroscedastic noise floor."""
    keras = _keras()
    x, y = brick_strength(N, seed=8201)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    lr = keras.optimizers.schedules.CosineDecay(0.0, 416, alpha=0.05, warmup_target=3e-3,
                                                warmup_steps=64)
    model.compile(keras.optimizers.Adam(lr), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout82("brickmakers", healthy=True)
def kiln_maps_noisy(session):
    """A kiln car's firing (even, hot corner, cold stripe) from 12 x 12 thermal maps, 20% of
    the burner's calls wrong, Conv2D 8-16 relu with global average pooling under Adam 2e-3:
    it learns steadily, slowing as it nears the label noise's floor, well above zero."""
    keras = _keras()
    x, y = kiln_maps(N, seed=8202, flip=0.2)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout82("brickmakers", healthy=True)
def cracked_poisson_loop(session):
    """Cracked bricks per pallet (Poisson counts) from six drying-shed settings, MLP 32-32 tanh
    with an exponential output, hand-written GradientTape loop with RMSprop 2e-3 under keras's
    Poisson loss: it falls and flattens at the counts' own Poisson noise (the loss is negative
    because keras leaves out the log y! term)."""
    keras = _keras()
    x, y = cracked_counts(N, seed=8203)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(1, activation="exponential")])
    return _custom_loop(session, model, keras.optimizers.RMSprop(2e-3), keras.losses.Poisson(),
                        x, y, epochs=12, batch_size=32, seed=8203, loss_description="poisson")


def _cosine_steps_as_epochs(session, broken):
    keras = _keras()
    x, y = kiln_maps(N, seed=8204)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    lr = keras.optimizers.schedules.CosineDecay(2e-3, 12 if broken else 12 * 32)
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout82("brickmakers", causes=["learning_rate_too_low"], stall_begins=12)
def kiln_cosine_steps_as_epochs(session):
    """The kiln thermal-map classifier (Conv2D 8-16) under Adam with CosineDecay(2e-3,
    decay_steps=12), the 12 meant as epochs: the rate is zero after the twelfth step and the
    loss never moves again."""
    return _cosine_steps_as_epochs(session, broken=True)


def _poisson_sigmoid(session, broken):
    keras = _keras()
    x, y = cracked_counts(N, seed=8205)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid" if broken else "exponential")])
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout82("brickmakers", causes=["loss_activation_mismatch"], stall_begins=64)
def cracks_sigmoid_rate(session):
    """Cracked bricks per pallet (counts averaging about four) regressed under the Poisson loss
    by an MLP whose output is sigmoid, copied from a 'cracked or not' model: the rate can never
    pass 1, so the loss sits far above the exponential head's."""
    return _poisson_sigmoid(session, broken=True)


def _kiln_log_units(session, broken):
    keras = _keras()
    x, y = brick_strength(N, seed=8206, dim=10)
    if broken:
        # the kiln log's own units: kg, degC, minutes, percent, g/cm3, microns, kPa, s, ppm, mm
        scale = np.array([40.0, 25.0, 90.0, 1.5, 0.08, 12.0, 300.0, 600.0, 2000.0, 4.0], "float32")
        offset = np.array([2500.0, 1050.0, 720.0, 8.0, 1.9, 45.0, 1.0e4, 3.0e4, 5.0e3, 215.0], "float32")
        x = x * scale + offset
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(64, activation="tanh"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout82("brickmakers", causes=["unnormalized_inputs"], stall_begins=64)
def strength_kiln_log_units(session):
    """Brick strength from the ten kiln features fed in the kiln log's own units (kg, degC,
    minutes, percent, g/cm3, microns, kPa, seconds, ppm, mm; offsets up to 3e4) because 'the
    network will learn the scales', MLP 64-64 tanh under Adam 1e-3: after the first epochs
    the loss sits just under the variance, far above the same net on standardised columns."""
    return _kiln_log_units(session, broken=True)


# paviors ---------------------------------------------------------------------------------------


@holdout82("paviors", healthy=True)
def slab_wear_huber_plateau(session):
    """Next month's wear of a paving slab (standardised) from 30 days of axle loads and
    temperature by an LSTM(24) under the Huber loss, Student-t survey noise, Adam 3e-3 with
    ReduceLROnPlateau(factor 0.3, patience 1): it falls, and flattens at the heavy-tailed
    noise, the rate cut when it does."""
    keras = _keras()
    x, y = slab_loads(N, seed=8211)
    model = keras.Sequential([keras.Input((30, 2)), keras.layers.LSTM(24), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.Huber(delta=1.0))
    cut = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.3, patience=1, min_delta=1e-3)
    return _fit(session, model, x, y, epochs=10, batch_size=32, callbacks=[cut])


@holdout82("paviors", healthy=True)
def sett_rejects_weighted(session):
    """Whether a granite sett is rejected (about one in ten) from fourteen gauge readings, MLP
    32-32 relu with a sigmoid head under binary cross-entropy, class_weight {0: 1, 1: 5} to
    weigh the rejects up, Adam 1e-3: the weighted loss falls steadily and levels off."""
    keras = _keras()
    x, y = sett_defects(N, seed=8212)
    model = keras.Sequential([keras.Input((14,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_weighted(session, model, x, y, epochs=14, batch_size=32, class_weight={0: 1.0, 1: 5.0})


def _fit_weighted(session, model, x, y, *, epochs, batch_size, class_weight):
    """`_fit` with class weights; the last PROBE_SIZE rows are the probe."""
    probe = (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(x[:-PROBE_SIZE], y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        class_weight=class_weight, verbose=0, callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout82("paviors", healthy=True)
def kerb_small_book(session):
    """A kerb stone's fitting class (4) from sixteen measurements, only 192 stones to train on,
    MLP 256-256 relu under Adam 2e-3 for 45 short epochs (batch 16): the training loss keeps
    sinking towards zero as it memorises the book."""
    keras = _keras()
    x, y = kerb_fits(192 + PROBE_SIZE, seed=8213)
    model = keras.Sequential([keras.Input((16,)), keras.layers.Dense(256, activation="relu"),
                              keras.layers.Dense(256, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=45, batch_size=16)


def _relu_cap_zero(session, broken):
    keras = _keras()
    x, y = kerb_fits(N, seed=8214)
    cap = 0.0 if broken else None
    model = keras.Sequential([keras.Input((16,)), keras.layers.Dense(64), keras.layers.ReLU(max_value=cap),
                              keras.layers.Dense(64), keras.layers.ReLU(max_value=cap),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout82("paviors", causes=["dead_relus"], stall_begins=None)
def kerb_relu_cap_zero(session):
    """The kerb fitting classifier, MLP 64-64 with separate ReLU layers whose max_value came
    from a config where 'relu_cap: 0' meant no cap: ReLU(max_value=0.0) outputs zero for every
    input, no gradient passes, and only the output bias learns the class shares."""
    return _relu_cap_zero(session, broken=True)


def _l1_feature_selection(session, broken):
    keras = _keras()
    x, y = kerb_fits(N, seed=8215)
    reg = (lambda: keras.regularizers.L1(0.05)) if broken else (lambda: None)
    epochs = 16
    model = keras.Sequential([keras.Input((16,)),
                              keras.layers.Dense(64, activation="relu", kernel_regularizer=reg()),
                              keras.layers.Dense(64, activation="relu", kernel_regularizer=reg()),
                              keras.layers.Dense(4, activation="softmax", kernel_regularizer=reg())])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=epochs, batch_size=32)


@holdout82("paviors", causes=["over_regularization"], stall_begins=300)
def kerb_l1_feature_selection(session):
    """The kerb fitting classifier (MLP 64-64 relu) with kernel_regularizer=L1(0.05) on every
    layer, put there 'to select the useful measurements' with a strength copied from a
    one-layer lasso: the penalty drives the kernels to zero faster than the data can move
    them and the loss stays near ln 4 plus the penalty."""
    return _l1_feature_selection(session, broken=True)


# stationers ------------------------------------------------------------------------------------


@holdout82("stationers", healthy=True)
def order_slips_step_decay(session):
    """A stationer's order slip (24 item tokens) routed to one of four departments, 15% of the
    clerk's routings wrong, Embedding(60, 16) with global average pooling and Dense 32 relu,
    SGD 0.1 momentum 0.9 under a LearningRateScheduler halving every 4 epochs: it learns and
    sits at the label noise's floor."""
    keras = _keras()
    x, y = order_tokens(N, seed=8221, flip=0.15)
    model = keras.Sequential([keras.Input((24,), dtype="int32"), keras.layers.Embedding(60, 16),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.1, momentum=0.9), "sparse_categorical_crossentropy")
    step = keras.callbacks.LearningRateScheduler(lambda epoch, lr: 0.1 * 0.5 ** (epoch // 4))
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[step])


def _pinball(q):
    import tensorflow as tf

    def loss(y_true, y_pred):
        e = y_true - y_pred
        return tf.reduce_mean(tf.maximum(q * e, (q - 1.0) * e), axis=-1)

    return loss


def _sales_model(keras, init="glorot_uniform"):
    shop = keras.Input((1,), dtype="int32")
    num = keras.Input((6,))
    e = keras.layers.Flatten()(keras.layers.Embedding(30, 4)(shop))
    h = keras.layers.Concatenate()([e, num])
    h = keras.layers.Dense(48, activation="relu", kernel_initializer=init)(h)
    h = keras.layers.Dense(48, activation="relu", kernel_initializer=init)(h)
    return keras.Model([shop, num], keras.layers.Dense(1)(h))


@holdout82("stationers", healthy=True)
def ream_sales_low_quantile(session):
    """A week's reams sold (standardised) from the shop (Embedding) and six numeric features,
    two inputs, fitted at the 0.1 quantile with a hand-written pinball loss under Adam 2e-3
    against skewed gamma demand noise: it falls and flattens far above zero."""
    keras = _keras()
    shop, num, y = paper_sales(N, seed=8222)
    model = _sales_model(keras)
    model.compile(keras.optimizers.Adam(2e-3), _pinball(0.1))
    return _fit_inputs(session, model, [shop, num], y, epochs=12, batch_size=32)


@holdout82("stationers", healthy=True)
def order_slips_attention_slow(session):
    """Order slips (24 item tokens, padding masked) routed by one MultiHeadAttention block (2
    heads) over Embedding(60, 16) with mean pooling, Adam 3e-4: a long slow descent still
    going at the end."""
    keras = _keras()
    x, y = order_tokens(N, seed=8223)
    inp = keras.Input((24,), dtype="int32")
    e = keras.layers.Embedding(60, 16)(inp)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(e, e)
    h = keras.layers.LayerNormalization()(e + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(4, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(3e-4), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _range_test_minimum(session, broken):
    keras = _keras()
    x, y = order_tokens(N, seed=8224)
    model = keras.Sequential([keras.Input((24,), dtype="int32"), keras.layers.Embedding(60, 16),
                              keras.layers.Conv1D(32, 3, activation="relu"),
                              keras.layers.GlobalMaxPooling1D(),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(0.5 if broken else 1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout82("stationers", causes=["learning_rate_too_high"], stall_begins=32)
def order_slips_range_test_minimum(session):
    """The order-slip router (Embedding, Conv1D 32 relu, global max pooling) under Adam at the
    rate read off a learning-rate range test's plot at the loss's lowest point, 0.5, where
    the usual rule takes a rate a decade or more below it: the loss jumps about at a high level
    and never settles."""
    return _range_test_minimum(session, broken=True)


def _sales_mean_one_init(session, broken):
    keras = _keras()
    shop, num, y = paper_sales(N, seed=8225)
    init = keras.initializers.TruncatedNormal(mean=1.0, stddev=0.05) if broken else "glorot_uniform"
    model = _sales_model(keras, init=init)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit_inputs(session, model, [shop, num], y, epochs=10, batch_size=32)


@holdout82("stationers", causes=["poor_initialization"], stall_begins=100)
def ream_sales_mean_one_init(session):
    """Ream sales from shop and numeric inputs, MLP 48-48 relu whose kernels start from
    TruncatedNormal(mean=1.0, stddev=0.05) ('start near the identity'): every hidden unit
    computes nearly the same sum, and the two-input model stays near the mean prediction."""
    return _sales_mean_one_init(session, broken=True)


def _takings_per_ream(session, broken):
    keras = _keras()
    shop, num, y = paper_sales(N, seed=8226)
    r = _rng(8226)
    reams = r.poisson(40, N).astype("float32")
    reams[[300, 301, 517, 702, 903]] = 0.0  # weeks the shop was shut
    takings = reams * (4.0 + 0.5 * num[:, 0])
    if broken:
        per_ream = takings / reams
    else:
        per_ream = np.where(reams > 0, takings / np.maximum(reams, 1.0), 4.0)
    num = np.concatenate([num, _std(per_ream)[:, None] if not broken
                          else ((per_ream - 4.0) / 0.5)[:, None].astype("float32")], axis=1)
    shop_in = keras.Input((1,), dtype="int32")
    num_in = keras.Input((7,))
    e = keras.layers.Flatten()(keras.layers.Embedding(30, 4)(shop_in))
    h = keras.layers.Dense(48, activation="relu")(keras.layers.Concatenate()([e, num_in]))
    model = keras.Model([shop_in, num_in], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit_inputs(session, model, [shop, num], y, epochs=8, batch_size=32, shuffle=False)


@holdout82("stationers", causes=["non_finite_values"], stall_begins=9)
def ream_sales_takings_per_ream(session):
    """Ream sales from shop and numeric inputs plus a 'price per ream' column computed as
    takings / reams, standardised by hand, in a shop file where shut weeks have zero reams and
    zero takings: 0 / 0 gives NaN in five rows, the first reached at step 9 (fit without
    shuffling, the file's order); from there the loss stops moving, flat above the fixed
    column's."""
    return _takings_per_ream(session, broken=True)


# etchers ---------------------------------------------------------------------------------------


@holdout82("etchers", healthy=True)
def mordant_strength_mae(session):
    """A mordant's strength (standardised) from 40-bin absorption spectra by a Conv1D 16-16
    relu net with global average pooling under mean absolute error, Laplace titration noise,
    Adam 2e-3: it falls and flattens at the noise's floor."""
    keras = _keras()
    x, y = ink_spectra(N, seed=8231)
    model = keras.Sequential([keras.Input((40, 1)),
                              keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
                              keras.layers.MaxPooling1D(2),
                              keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
                              keras.layers.GlobalMaxPooling1D(),
                              keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mae")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout82("etchers", healthy=True)
def plate_finish_gru_piecewise(session):
    """A plate's finish class (3) from 36 readings of the etch bite by a GRU(16), 10% of the
    printer's grades wrong, RMSprop under PiecewiseConstantDecay (3e-4 until step 192, then
    3e-3, a warm start 'to be safe', then 1e-3 after step 320): a slow start, a drop when the
    rate rises, then a level at the label noise."""
    keras = _keras()
    x, y = bite_series(N, seed=8232, flip=0.1)
    model = keras.Sequential([keras.Input((36, 2)), keras.layers.GRU(16),
                              keras.layers.Dense(3, activation="softmax")])
    lr = keras.optimizers.schedules.PiecewiseConstantDecay([192, 320], [3e-4, 3e-3, 1e-3])
    model.compile(keras.optimizers.RMSprop(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout82("etchers", healthy=True)
def line_depth_sgd_loop(session):
    """An etched line's depth (standardised) from eight bath and ground settings, MLP 64-64 elu
    in a hand-written GradientTape loop with SGD 0.01 momentum 0.5: a long slow descent still
    going at the end."""
    keras = _keras()
    x, y = plate_depth(N, seed=8233)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="elu"),
                              keras.layers.Dense(64, activation="elu"), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.SGD(0.01, momentum=0.5),
                        keras.losses.MeanSquaredError(), x, y, epochs=14, batch_size=32,
                        seed=8233, loss_description="mse")


def _sigmoid_conv_stack(session, broken):
    keras = _keras()
    x, y = ink_spectra(N, seed=8234)
    act = "sigmoid" if broken else "relu"
    layers = [keras.Input((40, 1))]
    layers += [keras.layers.Conv1D(16, 3, activation=act, padding="same") for _ in range(10)]
    layers += [keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(1)]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout82("etchers", causes=["vanishing_gradients"], stall_begins=32)
def mordant_sigmoid_conv_stack(session):
    """The mordant-strength regression by ten stacked Conv1D(16, 3) layers with sigmoid
    activations, 'since absorbances lie between 0 and 1', global average pooling and a linear
    head, SGD 0.01 momentum 0.9: the gradient reaching the lower layers is tiny and the loss
    stays at the variance."""
    return _sigmoid_conv_stack(session, broken=True)


def _irnn_gain(session, broken):
    keras = _keras()
    x, y = bite_series(N, seed=8235)
    rnn = (keras.layers.SimpleRNN(32, activation="relu",
                                  recurrent_initializer=keras.initializers.Identity(gain=1.5))
           if broken else keras.layers.SimpleRNN(32, activation="tanh"))
    model = keras.Sequential([keras.Input((36, 2)), rnn, keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.SGD(3e-4, momentum=0.9, clipnorm=1.0), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout82("etchers", causes=["exploding_gradients"], stall_begins=64)
def plate_finish_irnn_gain(session):
    """The plate-finish classifier as an IRNN: SimpleRNN(32, relu) with the recurrent kernel
    set to Identity(gain=1.5) ('a little above one to keep the memory'), SGD 3e-4 momentum 0.9
    with clipnorm=1.0: over 36 steps the state and its gradients grow by about 1.5^36, the
    clipped updates point where the largest terms say, and the loss (in the thousands: the
    logits are huge) jumps about without a trend after the first epochs."""
    return _irnn_gain(session, broken=True)


def _hard_gate(session, broken):
    keras = _keras()
    x, y = ink_spectra(N, seed=8236)
    if broken:
        def gate():
            return keras.layers.Activation(lambda z: keras.ops.sigmoid(50.0 * z))
    else:
        def gate():
            return keras.layers.Activation("relu")
    model = keras.Sequential([keras.Input((40, 1)),
                              keras.layers.Conv1D(16, 5, padding="same"), gate(),
                              keras.layers.MaxPooling1D(2),
                              keras.layers.Conv1D(16, 5, padding="same"),
                              gate(),
                              keras.layers.GlobalMaxPooling1D(),
                              keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout82("etchers", causes=["saturated_activations"], stall_begins=64)
def mordant_hard_gates(session):
    """The mordant-strength Conv1D net with its conv activations written as sigmoid(50 z), a
    'hard gate' copied from a straight-through snippet so a band is either present or not, SGD
    0.02 momentum 0.9: almost every unit sits at 0 or 1 with no slope and the loss stays near
    the variance."""
    return _hard_gate(session, broken=True)


def _linear_stack(session, broken):
    keras = _keras()
    x, y = plate_depth(N, seed=8237)
    act = None if broken else "relu"
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(128, activation=act),
                              keras.layers.Dense(128, activation=act),
                              keras.layers.Dense(128, activation=act), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout82("etchers", causes=["insufficient_capacity"], stall_begins=64)
def line_depth_no_activations(session):
    """An etched line's depth from eight settings by three Dense(128) layers written without an
    activation (the layers' default is linear), Adam 1e-3: the wide net is one linear map, it
    finds the best linear fit within two epochs and sits there, far above the relu net."""
    return _linear_stack(session, broken=True)
