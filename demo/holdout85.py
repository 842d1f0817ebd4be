"""The eighty-fifth held-out catalogue: written by someone who did not read the engine or run the
diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History and the per-step loss, in a throwaway script with the runner's seed), and
every broken one against the same model trained without its mistake (each helper
`_name(session, broken)` trains both).

Twelve of its 22 runs are healthy-but-imperfect training. Soapboilers: a batch's saponification
score from ten kettle features with noise that grows with the lye strength, an MLP under Adam
with a linear warm-up into CosineDecay (slow start, fast fall, a flat heteroscedastic floor); a
kettle's grade from 40 temperature readings by a Conv1D net with a fifth of the calls wrong; the
saponification score against Student-t titration noise under Huber loss in a hand-written
GradientTape loop with RMSprop. Candlers: a rare (one in eight) wick defect, no class weights,
binary cross-entropy falling slowly below the base rate's entropy; a burn time at the 0.85
quantile under the pinball loss (flat far above zero); a wax blend from only 256 candles
memorised by an MLP 128-128 over 50 short epochs. Enamelers: tile defects on 16x16 scans by a
Conv2D net, a tenth of the labels wrong, SGD with momentum and ReduceLROnPlateau; a gloss from a
30-step kiln log by a GRU under plain SGD 0.02 (a long slow descent still going at the end);
chips per panel (Poisson counts) by an exponential-head MLP under keras's Poisson loss.
Burnishers: a job sheet of tokens read by an Embedding and a MultiHeadAttention block under
AdamW, 15% of the finishes wrongly booked; a piece's price from a metal Embedding and six
numeric features (two inputs) under Huber loss with a step decay by LearningRateScheduler; a
wheel's wear from a spindle log by an LSTM in a hand-written GradientTape loop under Nadam.

The ten broken runs, one root cause each: Adam(1e-7) written to set the epsilon, but the first
positional argument is the learning rate (learning rate too low); a kettle log in kelvin and
pascals fed raw into a GRU, the fitted scaler applied to another copy (unnormalised inputs); a
yield ratio passed / charged with 0 / 0 for empty kettles, NaN targets in file order (non-finite
values, the first at row 35, step 2); NonNeg kernels on log-share inputs that are all negative
(dead ReLUs); a sigmoid head kept on a z-scored regression target (loss/activation mismatch);
L2(1.0) on every kernel, the scikit-learn Ridge alpha (over-regularisation); RandomUniform(0, 1)
kernels throughout a small CNN (poor initialisation: the loss sits at ln 4 from step 4);
Orthogonal(gain=2.0) in a 12-layer ReLU MLP, the variance factor 2 read as the gain (exploding
gradients, and the loss not finite from step 3, so non-finite values too); a Horovod script's rate
scaled by 16 workers hard-coded in a one-process run, plain SGD at 6.4 (learning rate too
high); eight stacked
sigmoid Conv1D layers under SGD (vanishing gradients).

Dropped or replaced because they did not behave as intended: an MLP on the raw SI-unit export
under Adam (the loss fell from ~5e5 to ~75 and was still falling; the GRU kept); Dropout and
SpatialDropout1D at 0.9 (a keep_prob read as a rate) on the burn-trace Conv1D (still falling,
1.23 -> 1.21 an epoch; the Ridge alpha under SGD kept) and L2(1.0) under Adam (still falling
from 29 to 1.5); a scaler that multiplied by the standard deviation in front of a tanh MLP, for
saturated activations, under Adam and under SGD with momentum (both kept learning, ~0.27-0.32
against ~0.11-0.15), so this catalogue has no saturated-activation run; Orthogonal(gain=2.0)
at SGD 1e-3 (still not finite from the start); the scaled rate at 25.6 with momentum and
at 1.6 with momentum, on an earlier framing of the mistake (not finite; bouncing and partly
recovering); Conv2D(filters=1, 'for
the one grey channel') and GRU(units=1) for insufficient capacity (both still falling at the
end, 1.335 -> 1.327 and 0.51 -> 0.49 an epoch) and a Flatten into Dense(1) on the kettle
traces (0.73 -> 0.71 an epoch), so this catalogue has no insufficient-capacity
run either.

With the runner's seed, `fit` visits the examples in the same order every epoch, so several
runs show a sawtooth within each epoch. Labels follow `scenarios.py`: `expected_causes[0]` is
the root cause the scenario was built around, a second cause only where that symptom is
genuinely present too (the NaN loss of the gain-2 network); `stall_begins` is the optimizer
step (counted from 1) from which the loss stops improving (None: from the start), exact where
an event of the scenario causes it (the first NaN target; the first NaN loss), otherwise read
off the per-step loss and approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("soapboilers", "candlers", "enamelers", "burnishers")

REGISTRY = []

holdout85 = registrar(REGISTRY)

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


def lye_batches(n, seed, noise="hetero"):
    """A soap batch's saponification score (standardised) from ten kettle features (lye
    strength, fat blend, temperature, stirring time...): a smooth nonlinear mean plus noise,
    heteroscedastic (growing with the lye strength) or heavy-tailed (Student-t, 2 dof)."""
    r = _rng(seed)
    x = r.normal(size=(n, 10)).astype("float32")
    mean = (np.tanh(1.2 * x[:, 0]) + 0.6 * x[:, 1] * x[:, 2] + 0.5 * np.sin(2 * x[:, 3])
            - 0.4 * np.abs(x[:, 4]))
    if noise == "hetero":
        eps = (0.2 + 0.35 * np.abs(x[:, 0])) * r.normal(size=n)
    else:
        eps = 0.35 * r.standard_t(2, size=n)
    return x, _std(mean + eps)[:, None]


def kettle_traces(n, seed, length=40, flip=0.0):
    """Temperature traces of a soap kettle over 40 readings, three grades: 0 a clean boil,
    1 a scorch (a sharp late spike), 2 a separation (a mid-run sag); a fraction `flip` of the
    grades are the boiler's wrong calls."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    t = np.linspace(0, 1, length)
    x = np.empty((n, length, 1), dtype="float32")
    for k in range(n):
        base = 0.4 * np.sin(2 * np.pi * (t * r.uniform(0.5, 2) + r.uniform()))
        if y[k] == 1:
            c = r.uniform(0.6, 0.9)
            base = base + 1.5 * np.exp(-((t - c) ** 2) / 0.002)
        elif y[k] == 2:
            c = r.uniform(0.3, 0.6)
            base = base - 0.9 * np.exp(-((t - c) ** 2) / 0.01)
        x[k, :, 0] = base + 0.3 * r.normal(size=length)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 3, n)) % 3, y)
    return x, y


def wick_features(n, seed, pos_rate=0.5, flip=0.0):
    """Twelve measurements of a candle's wick and wax; the defect (a tunnelling burn) follows
    a nonlinear rule; the threshold is set so that `pos_rate` of candles are defective."""
    r = _rng(seed)
    x = r.normal(size=(n, 12)).astype("float32")
    score = x[:, 0] * x[:, 1] + np.sin(2 * x[:, 2]) + 0.8 * x[:, 3] - 0.5 * x[:, 4] ** 2
    cut = np.quantile(score, 1 - pos_rate)
    y = (score > cut).astype("float32")
    wrong = r.random(n) < flip
    y = np.where(wrong, 1 - y, y).astype("float32")
    return x, y[:, None]


def glaze_tiles(n, seed, size=16, flip=0.0):
    """Scanned enamel tiles, 16x16 grey, four classes by the defect's shape: a horizontal
    crawl, a vertical crawl, a pinhole cluster, a diagonal craze; noisy background."""
    r = _rng(seed)
    y = r.integers(0, 4, n)
    x = 0.3 * r.normal(size=(n, size, size, 1)).astype("float32")
    for k in range(n):
        i, j = r.integers(3, size - 3, 2)
        if y[k] == 0:
            x[k, i, 2:-2, 0] += 1.5
        elif y[k] == 1:
            x[k, 2:-2, j, 0] += 1.5
        elif y[k] == 2:
            for _ in range(4):
                a, b = r.integers(1, size - 1, 2)
                x[k, a, b, 0] += 2.0
        else:
            for d in range(-4, 5):
                if 0 <= i + d < size and 0 <= j + d < size:
                    x[k, i + d, j + d, 0] += 1.5
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 4, n)) % 4, y)
    return x, y


def firing_series(n, seed, length=30):
    """A kiln's firing log over 30 steps (temperature and oxygen); the target is the enamel's
    gloss, a nonlinear function of the early ramp and the late soak, with gauge noise."""
    r = _rng(seed)
    x = r.normal(size=(n, length, 2)).astype("float32")
    x = np.cumsum(x, axis=1) * 0.3
    y = (np.tanh(x[:, :8, 0].mean(axis=1)) + 0.5 * x[:, -6:, 1].mean(axis=1)
         - 0.3 * x[:, 15, 0] * x[:, 15, 1])
    y = y + 0.25 * r.normal(size=n)
    return x.astype("float32"), _std(y)[:, None]


def token_sheets(n, seed, length=20, vocab=40, flip=0.0):
    """A burnisher's job sheet as 20 tokens out of 40; the class (which finish was asked for,
    three) depends on which of three marker groups occurs most; some labels wrong."""
    r = _rng(seed)
    x = r.integers(3, vocab, size=(n, length))
    y = r.integers(0, 3, n)
    for k in range(n):
        count = r.integers(2, 5)
        pos = r.choice(length, count, replace=False)
        x[k, pos] = y[k]
        other = r.choice(length, 1)
        x[k, other] = (y[k] + r.integers(1, 3)) % 3
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 3, n)) % 3, y)
    return x.astype("int32"), y


# soapboilers -----------------------------------------------------------------------------------


@holdout85("soapboilers", healthy=True)
def saponification_warmup_cosine(session):
    """A soap batch's saponification score (standardised) from ten kettle features whose noise
    grows with the lye strength, MLP 64-64 relu, Adam under CosineDecay with a 60-step linear
    warm-up from 1e-4 to 3e-3: a slow start during the warm-up, a fast fall, then a flat
    floor at the heteroscedastic noise."""
    keras = _keras()
    x, y = lye_batches(N, seed=8501)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    lr = keras.optimizers.schedules.CosineDecay(1e-4, decay_steps=320, warmup_target=3e-3,
                                                warmup_steps=60)
    model.compile(keras.optimizers.Adam(lr), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout85("soapboilers", healthy=True)
def kettle_grades_noisy(session):
    """A soap kettle's grade (clean boil, scorch, separation) from 40 temperature readings,
    20% of the boiler's calls wrong, Conv1D 16-32 relu with max pooling and global average
    pooling, Adam 2e-3: it learns the shapes and then creeps towards the label noise's floor."""
    keras = _keras()
    x, y = kettle_traces(N, seed=8502, flip=0.2)
    model = keras.Sequential([
        keras.Input((40, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout85("soapboilers", healthy=True)
def saponification_huber_loop(session):
    """Hand-written GradientTape loop: the saponification score against heavy-tailed
    (Student-t, 2 dof) titration noise by an MLP 48-48 elu under Huber loss (delta 1), RMSprop
    1e-3: a quick fall, then a floor well above zero set by the tails."""
    keras = _keras()
    x, y = lye_batches(N, seed=8503, noise="t")
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(48, activation="elu"),
                              keras.layers.Dense(48, activation="elu"), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.RMSprop(1e-3),
                        keras.losses.Huber(1.0), x, y, epochs=10, batch_size=32, seed=8503)


def _kettle_epsilon(session, broken):
    keras = _keras()
    x, y = kettle_traces(N, seed=8504)
    model = keras.Sequential([
        keras.Input((40, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    opt = keras.optimizers.Adam(1e-7) if broken else keras.optimizers.Adam(1e-3, epsilon=1e-7)
    model.compile(opt, "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout85("soapboilers", ["learning_rate_too_low"])
def kettle_adam_epsilon_positional(session):
    """The kettle grade from 40 temperature readings by a Conv1D 16-32 net; the optimizer was
    written Adam(1e-7) to set the epsilon the notebook asked for, but Adam's first positional
    argument is the learning rate, so it trains at 1e-7 with the default epsilon."""
    return _kettle_epsilon(session, True)


def _kettle_raw(session, broken):
    keras = _keras()
    x, y = firing_series(N, seed=8505)
    raw = np.empty_like(x)
    raw[..., 0] = 1150.0 + 60.0 * x[..., 0]       # kettle jacket temperature in kelvin
    raw[..., 1] = 101325.0 + 800.0 * x[..., 1]    # head-space pressure in Pa
    flat = raw.reshape(-1, 2)
    z = (raw - flat.mean(axis=0)) / flat.std(axis=0)
    inputs = raw if broken else z
    model = keras.Sequential([keras.Input((30, 2)), keras.layers.GRU(24), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, inputs.astype("float32"), y, epochs=8, batch_size=32)


@holdout85("soapboilers", ["unnormalized_inputs"])
def kettle_log_si_units_raw(session):
    """A batch's finish score (standardised) from a 30-step kettle log by a GRU(24) under Adam
    2e-3; the log was exported in SI units (jacket temperature in kelvin, ~1150, head-space
    pressure in Pa, ~101325) and fed in as it came: the scaler the notebook fitted was
    applied to the probe copy only, never to the training sequences."""
    return _kettle_raw(session, True)


def _yield_ratio(session, broken):
    keras = _keras()
    r = _rng(8506)
    x = r.normal(size=(N, 8)).astype("float32")
    charged = np.round(np.exp(1.0 + 0.6 * x[:, 0]) + r.normal(size=N) * 0.3).clip(0, None)
    rate = 1 / (1 + np.exp(-(x[:, 1] + 0.5 * x[:, 2] * x[:, 3])))
    bars = np.round(charged * rate)
    with np.errstate(invalid="ignore", divide="ignore"):
        y = (bars / charged).astype("float32")
    if not broken:
        y = np.where(charged > 0, y, 0.0).astype("float32")
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y[:, None], epochs=8, batch_size=32, shuffle=False)


@holdout85("soapboilers", ["non_finite_values"], stall_begins=35 // 32 + 1)
def bar_yield_zero_charge(session):
    """The fraction of moulded bars that pass inspection, regressed from eight kettle features
    by an MLP 64-32 relu under Adam 1e-3 and MSE, in file order: the target was computed as
    passed / charged, and kettles with nothing charged (0 / 0) give a NaN target that nobody
    filled."""
    return _yield_ratio(session, True)


# candlers --------------------------------------------------------------------------------------


@holdout85("candlers", healthy=True)
def wick_tunnelling_rare(session):
    """A candle's tunnelling burn from twelve wick and wax measurements, one candle in eight
    defective and no class weights, MLP 32-32 relu under binary cross-entropy, Adam 1e-3: a quick
    fall to the base rate's entropy (~0.38), then a slow, steady descent below it over the run
    as the minority class is learnt."""
    keras = _keras()
    x, y = wick_features(N, seed=8511, pos_rate=0.125, flip=0.03)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _pinball(q):
    keras = _keras()

    def loss(y_true, y_pred):
        e = y_true - y_pred
        return keras.ops.mean(keras.ops.maximum(q * e, (q - 1) * e), axis=-1)

    return loss


@holdout85("candlers", healthy=True)
def burn_time_quantile(session):
    """A candle's burn time (standardised) from ten wax features, fitted at the 0.85 quantile
    with the pinball loss by an MLP 64-32 relu, Adam 2e-3: the loss drops and then sits far
    above zero, as a quantile loss on noisy targets must."""
    keras = _keras()
    x, y = lye_batches(N, seed=8512, noise="t")
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), _pinball(0.85))
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout85("candlers", healthy=True)
def wax_blend_small_book(session):
    """A wax blend's defect from only 256 candles (plus the probe) by an MLP 128-128 relu under
    Adam 2e-3 over 50 short epochs: the training loss keeps falling towards zero as the net
    memorises the small book (overfitting, but the training itself is sound)."""
    keras = _keras()
    x, y = wick_features(256 + PROBE_SIZE, seed=8513, flip=0.1)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=50, batch_size=32)


def _wick_logprob(session, broken):
    keras = _keras()
    r = _rng(8514)
    p = r.dirichlet(np.ones(10) * 0.7, size=N)
    x = np.log(p + 1e-6).astype("float32")        # log shares of ten wax components, all < 0
    score = 2.0 * p[:, 0] - 1.5 * p[:, 1] + 3.0 * p[:, 2] * p[:, 3] + np.sin(4 * p[:, 4])
    y = _std(score + 0.1 * r.normal(size=N))[:, None]
    constraint = keras.constraints.NonNeg() if broken else None
    model = keras.Sequential([
        keras.Input((10,)),
        keras.layers.Dense(64, activation="relu", kernel_constraint=constraint),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout85("candlers", ["dead_relus"])
def wax_shares_nonneg_kernel(session):
    """A candle's scent throw from the log shares of ten wax components (all negative) by an
    MLP 64-32 relu under Adam 1e-3; the first layer was given kernel_constraint=NonNeg() 'so
    that more of a component can only help', which makes every first-layer pre-activation a
    non-negative sum of negative inputs plus a zero bias."""
    return _wick_logprob(session, True)


def _dip_sigmoid(session, broken):
    keras = _keras()
    x, y = firing_series(N, seed=8515)
    model = keras.Sequential([
        keras.Input((30, 2)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid" if broken else None),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout85("candlers", ["loss_activation_mismatch"], stall_begins=96)
def dip_gloss_sigmoid_zscore(session):
    """A dipped candle's gloss from a 30-step dipping log (bath temperature and draw speed) by a
    Conv1D 16 net with average pooling and a Dense 32; the target was z-scored, but the head
    kept the sigmoid 'because the target is scaled', so no prediction can go below zero while
    half the targets do."""
    return _dip_sigmoid(session, True)


def _wick_ridge(session, broken):
    keras = _keras()
    x, y = kettle_traces(N, seed=8516)
    reg = keras.regularizers.L2(1.0 if broken else 1e-4)
    model = keras.Sequential([
        keras.Input((40, 1)),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same", kernel_regularizer=reg),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same", kernel_regularizer=reg),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(3, activation="softmax", kernel_regularizer=reg),
    ])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout85("candlers", ["over_regularization"], stall_begins=75)
def burn_trace_ridge_alpha(session):
    """A candle's burn grade (clean, flare, drowning) from 40 flame-temperature readings by a
    Conv1D 32-32 net with global max pooling, SGD 0.05 momentum 0.9; every kernel carries
    kernel_regularizer=L2(1.0), the alpha=1.0 copied from the scikit-learn Ridge default, which
    pulls all kernels to zero within the first epochs."""
    return _wick_ridge(session, True)


# enamelers -------------------------------------------------------------------------------------


@holdout85("enamelers", healthy=True)
def glaze_tiles_plateau_drop(session):
    """Enamel tile defects (horizontal crawl, vertical crawl, pinholes, diagonal craze) on
    16x16 scans, a tenth of the labels wrong, Conv2D 16-32 relu, SGD 0.02 momentum 0.9 with
    ReduceLROnPlateau(factor 0.3, patience 1, min_delta 0.02) on the training loss: it learns,
    levels off, and edges lower after each cut, at the label noise's floor."""
    keras = _keras()
    x, y = glaze_tiles(N, seed=8521, flip=0.1)
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    plateau = keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=1, min_delta=0.02)
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[plateau])


@holdout85("enamelers", healthy=True)
def kiln_gloss_gru_slow(session):
    """An enamel's gloss (standardised) from a 30-step kiln log by a GRU(16) under plain SGD
    0.02: a long, slow descent that is still going at the end of the run (patient but sound
    training, not a stall)."""
    keras = _keras()
    x, y = firing_series(N, seed=8522)
    model = keras.Sequential([keras.Input((30, 2)), keras.layers.GRU(16),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.02), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout85("enamelers", healthy=True)
def chip_counts_poisson(session):
    """Chips per enamelled panel (Poisson counts) from ten firing features by an MLP 32-32 relu
    with an exponential head under keras's Poisson loss, Adam 3e-3: it falls and flattens at
    the counts' own Poisson noise (keras leaves out the log y! term, so the floor is not 0)."""
    keras = _keras()
    r = _rng(8523)
    x = r.normal(size=(N, 10)).astype("float32")
    rate = np.exp(0.5 + 0.6 * x[:, 0] - 0.4 * x[:, 1] ** 2 + 0.3 * x[:, 2] * x[:, 3])
    y = r.poisson(rate).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _tile_uniform(session, broken):
    keras = _keras()
    x, y = glaze_tiles(N, seed=8525)
    init = keras.initializers.RandomUniform(0.0, 1.0) if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(32, activation="relu", kernel_initializer=init),
        keras.layers.Dense(4, activation="softmax", kernel_initializer=init),
    ])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout85("enamelers", ["poor_initialization"], stall_begins=4)
def tile_kernels_uniform_positive(session):
    """Enamel tile defects on 16x16 scans by a Conv2D 16-32 net with a Dense 32 and a softmax
    head, SGD 0.01 momentum 0.9; every kernel was initialised with RandomUniform(0, 1) ('weights
    between 0 and 1', from a tutorial on a single neuron), so all filters start alike, the
    activations grow with each layer and the head's logits are huge."""
    return _tile_uniform(session, True)


def _kiln_deep(session, broken):
    keras = _keras()
    x, y = lye_batches(N, seed=8526)
    gain = 2.0 if broken else np.sqrt(2.0)
    layers = [keras.Input((10,))]
    for _ in range(12):
        layers.append(keras.layers.Dense(64, activation="relu",
                                         kernel_initializer=keras.initializers.Orthogonal(gain)))
    layers.append(keras.layers.Dense(1))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout85("enamelers", ["exploding_gradients", "non_finite_values"], stall_begins=3)
def enamel_deep_orthogonal_gain2(session):
    """An enamel batch's hardness from ten features by a 12-layer relu MLP of width 64 under
    SGD 0.01 momentum 0.9; the kernels were Orthogonal(gain=2.0) because 'ReLU nets need a
    gain of 2' (the factor 2 belongs to the variance, the gain is sqrt 2), so the signal and
    the gradient grow by about sqrt 2 per layer; the loss is in the hundreds at the first step and
    not finite from the third on."""
    return _kiln_deep(session, True)


# burnishers ------------------------------------------------------------------------------------


@holdout85("burnishers", healthy=True)
def job_sheet_attention(session):
    """A burnisher's job sheet (20 tokens of 40) read by an Embedding(16) and a two-head
    MultiHeadAttention block with average pooling, 15% of the finishes wrongly booked, AdamW
    2e-3: it learns the marker tokens and levels off at the booking noise's floor."""
    keras = _keras()
    x, y = token_sheets(N, seed=8531, flip=0.15)
    inp = keras.Input((20,), dtype="int32")
    h = keras.layers.Embedding(40, 16)(inp)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    out = keras.layers.Dense(3, activation="softmax")(keras.layers.Dense(32, activation="relu")(h))
    model = keras.Model(inp, out)
    model.compile(keras.optimizers.AdamW(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout85("burnishers", healthy=True)
def polish_price_two_inputs(session):
    """A polished piece's price (standardised) from its metal (an Embedding of 12 metals) and
    six numeric features, two inputs, Huber loss against Student-t noise, Adam 2e-3 with a
    step decay by LearningRateScheduler (halved every 3 epochs): a fall, then small steps
    down at each halving onto the noise floor."""
    keras = _keras()
    r = _rng(8532)
    metal = r.integers(0, 12, N).astype("int32")
    num = r.normal(size=(N, 6)).astype("float32")
    effect = r.normal(size=12)
    yv = (effect[metal] + np.tanh(num[:, 0]) * (1 + 0.3 * effect[metal]) + 0.4 * num[:, 1] ** 2
          + 0.4 * r.standard_t(3, size=N))
    y = _std(yv)[:, None]
    m_in = keras.Input((1,), dtype="int32")
    n_in = keras.Input((6,))
    e = keras.layers.Flatten()(keras.layers.Embedding(12, 4)(m_in))
    h = keras.layers.Concatenate()([e, n_in])
    h = keras.layers.Dense(48, activation="relu")(h)
    h = keras.layers.Dense(24, activation="relu")(h)
    model = keras.Model([m_in, n_in], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(1.0))
    step = keras.callbacks.LearningRateScheduler(lambda epoch, lr: 2e-3 * 0.5 ** (epoch // 3))
    return _fit_inputs(session, model, [metal[:, None], num], y, epochs=12, batch_size=32,
                       callbacks=[step])


@holdout85("burnishers", healthy=True)
def wheel_wear_lstm_loop(session):
    """Hand-written GradientTape loop: a polishing wheel's wear (standardised) from a 30-step
    spindle log by an LSTM(16) under MSE with Nadam 2e-3: it falls and flattens at the
    gauge noise."""
    keras = _keras()
    x, y = firing_series(N, seed=8533)
    model = keras.Sequential([keras.Input((30, 2)), keras.layers.LSTM(16),
                              keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Nadam(2e-3),
                        keras.losses.MeanSquaredError(), x, y, epochs=8, batch_size=32,
                        seed=8533)


def _sheet_scaling(session, broken):
    keras = _keras()
    x, y = token_sheets(N, seed=8534)
    batch = 64
    replicas = 16 if broken else 1
    lr = 0.4 * replicas
    model = keras.Sequential([
        keras.Input((20,), dtype="int32"),
        keras.layers.Embedding(40, 16),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=batch)


@holdout85("burnishers", ["learning_rate_too_high"])
def job_sheet_linear_scaling(session):
    """The finish asked for on a job sheet from 20 tokens by Embedding(16), average pooling and
    a Dense 32 relu, plain SGD and batch 64; the rate was copied from a Horovod script as 0.4 x
    the number of workers, with the paper's 16 workers hard-coded, though it trains in one
    process: 0.4 x 16 = 6.4."""
    return _sheet_scaling(session, True)


def _sheet_sigmoid_stack(session, broken):
    keras = _keras()
    x, y = kettle_traces(N, seed=8535)
    act = "sigmoid" if broken else "relu"
    layers = [keras.Input((40, 1))]
    for _ in range(8):
        layers.append(keras.layers.Conv1D(16, 3, activation=act, padding="same"))
    layers += [keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(3, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout85("burnishers", ["vanishing_gradients"])
def spindle_conv_sigmoid_stack(session):
    """A burnishing pass's grade from 40 spindle-load readings by eight stacked Conv1D(16, 3)
    layers with sigmoid activations ('smooth, like the old nets') and global average pooling,
    SGD 0.05 momentum 0.9: each sigmoid passes on at most a quarter of the gradient."""
    return _sheet_sigmoid_stack(session, True)
