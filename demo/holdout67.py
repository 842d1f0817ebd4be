"""The sixty-seventh held-out catalogue: written by someone who did not read the engine or run the
diagnosis on these runs, and scored once.

It was written from the mistakes practitioners most often report (forum questions, issue
trackers, tutorials gone wrong), without reading the engine's detectors or thresholds, without
reading the earlier held-out sets and without running the diagnosis. Every scenario was checked
only from its own loss curve (Keras History and the per-step loss, in a throwaway script with
the runner's seed), and every broken one against the same model trained without its mistake
(each helper `_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Smiths: a forging's finishing temperature with
heteroscedastic pyrometer scatter, an MLP under Adam with ReduceLROnPlateau standing by (a
quick fall, then a long slow descent); a power hammer's state from 64 vibration readings by a
Conv1D net with a fifth of the labels wrong; a quenched bar's warp by a GRU in a hand-written
GradientTape loop under Huber loss against Student-t noise. Girdlers: faulty buckle castings
(about 6%) weighted up eightfold by class_weight, an MLP whose weighted loss falls slowly; a
customer's note as 24 tokens through Embedding and average pooling, 15% of the tags wrong (a
wait near ln 2, then a fall to the noise); a strap's fit grade from only 192 fittings by an MLP
128-128 that memorises them over 80 short epochs. Limners: page motifs on 16 x 16 patches by a
CNN under CosineDecay with a linear warm-up, 10% of the labels wrong; a smoothness score from
sixteen unordered brush strokes by a MultiHeadAttention block under AdamW; the 0.8 quantile of a
cost under the pinball loss in a hand-written RMSprop loop (flat far above zero). Shipwrights:
leaks per hull survey (Poisson counts) from a yard id (Embedding) and six numbers, two inputs,
an exponential head under keras's Poisson loss (negative: keras leaves out log y!); a plank's
warp by a Conv1D net under SGD with a LearningRateScheduler cutting the rate tenfold at epoch 6
(a visible drop after the cut); a mast's strain by an LSTM under plain SGD, a long slow
descent still going at the end.

The broken half, one root cause each: Adam given SGD's learning rate of 0.1 (learning rate too
high); ExponentialDecay(decay_steps=1) meant per epoch but counted in steps, so the rate is
~1e-5 after twenty steps (learning rate too low); ten stacked sigmoid layers (vanishing
gradients); bias_initializer=Constant(-2.0) copied from a 'sparse start' snippet into ReLU
layers (dead ReLUs); raw order-book units (pence, cm2, grains) fed unscaled into an MLP
(unnormalised inputs); a sigmoid head on a z-scored regression target (loss/activation
mismatch); three Dense layers without activation= (insufficient capacity: one linear map);
scikit-learn Ridge's alpha=1.0 carried over as kernel_regularizer=l2(1.0) (over-
regularisation); kernel_initializer='zeros' 'for reproducibility' (poor initialisation); empty
cells of a furnace log read by pandas as NaN and never filled (non-finite values).

No run for exploding_gradients and none for saturated_activations: every mechanism tried kept
learning or diverged instead of stalling, and they were dropped rather than kept mislabelled.
Tried for exploding gradients: a SimpleRNN(activation='relu') 'because relu is better' over 60
and 100 steps under SGD with momentum (it trained as well as the tanh one, ~0.06 against
~0.03-0.05, and at rate 0.03 it went to NaN: a divergence, not a stall); the same with
clipnorm=1.0 (kept learning); the IRNN recipe, relu with an identity recurrent kernel (NaN at
the first step); a deep ReLU MLP with TF1's tf.random_normal stddev 1 init under Adam and under
clipped SGD (loss ~1e8, still falling steadily). Tried for saturated activations: tanh and
sigmoid MLPs with stddev-1 normal kernels under SGD and Adam (they trained better than the
Glorot ones on these data, ~0.24-0.30 against ~0.44-0.70); the same under SGD on a regression
(it bounced high, 2.7-6.9, more a too-large effective step than a saturation stall); a
Rescaling(255) typo for Rescaling(1/255) before a tanh CNN (still falling, ~0.27 against
~0.11). Also replaced: Dropout(0.9) from a TF1 keep_prob=0.9 (still falling, 1.13 -> 1.07
an epoch; the l2(1.0) run kept) and the same penalty under Adam (still creeping down; SGD kept,
where it settles at ln 4 by the third epoch); a Dense(1, activation='softmax') binary head
(Keras 3 trains it exactly like the sigmoid one here; the sigmoid head on a z-scored target
kept); a GRU under Adam 1e-6 on a cue task the fixed model could not learn either (replaced by
the decay_steps slip on a learnable target); a linear (activation-less) CNN on the motif
patches (max pooling kept it nonlinear enough to learn them; a linear MLP kept); a dead-ReLU
variant that also raised the rate tenfold (one mistake per run: the rate was made the same
as the fixed model's).

With the runner's seed, `fit` visits the examples in the same order every epoch, so several
runs show a sawtooth within each epoch. Labels follow `scenarios.py`: `expected_causes[0]` is
the root cause the scenario was built around; `stall_begins` is the optimizer step from which
the loss stops improving (None: from the start), exact where an event of the scenario causes
it (the first NaN cell, in file order, at step 10), otherwise read off the per-step loss and
marked approximate. The unscaled order-book run falls from a huge start and then wanders
(~7-11) far above the scaled model's ~0.14 to the end.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("smiths", "girdlers", "limners", "shipwrights")

REGISTRY = []

holdout67 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE
STEPS = 1024 // 32


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


def forge_temperature(n, seed, dim=8, hetero=True):
    """A forging's finishing temperature (standardised) from eight furnace and hammer
    features, smooth and nonlinear; the pyrometer's scatter grows with the heat when
    `hetero`."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    mean = (np.sin(1.3 * x[:, 0]) + 0.7 * x[:, 1] * x[:, 2] - 0.5 * np.abs(x[:, 3])
            + 0.4 * x[:, 4] + 0.3 * np.cos(2 * x[:, 5]))
    scale = 0.2 + 0.3 * np.abs(mean) if hetero else 0.3
    y = mean + scale * r.normal(size=n)
    return x, _std(y)[:, None]


def blade_grades(n, seed, dim=10, classes=4, flip=0.0):
    """A blade's grade (4 classes) from ten assay features: the argmax of four nonlinear
    scores; `flip` of the grader's calls are replaced by a random grade."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    w = r.normal(size=(dim, classes))
    v = r.normal(size=(dim, classes))
    s = np.tanh(x @ w) + 0.6 * np.sin(x @ v)
    y = s.argmax(axis=1)
    wrong = r.random(n) < flip
    y = np.where(wrong, r.integers(0, classes, n), y)
    return x, y.astype("int64")


def hammer_traces(n, seed, length=64, flip=0.0):
    """64 vibration readings of a power hammer, three classes: 0 sound, 1 a loose die (a
    periodic rattle), 2 a cracked anvil (ringing bursts); `flip` of the labels wrong."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    t = np.arange(length)
    x = np.empty((n, length, 1), dtype="float32")
    for k in range(n):
        s = np.sin(2 * np.pi * t / r.uniform(12, 20) + r.uniform(0, 6))
        if y[k] == 1:
            s = s + 0.9 * np.sign(np.sin(2 * np.pi * t / r.uniform(4, 6)))
        elif y[k] == 2:
            start = r.integers(5, 40)
            burst = np.zeros(length)
            burst[start:start + 16] = np.sin(2.8 * t[:16]) * np.exp(-t[:16] / 6)
            s = s + 1.6 * burst
        x[k, :, 0] = s + 0.4 * r.normal(size=length)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 3, n)) % 3, y)
    return x, y.astype("int64")


def belt_reviews(n, seed, length=24, vocab=60, flip=0.0):
    """A customer's note on a girdle as 24 word tokens (vocabulary 60, 0 is padding); whether
    the customer was pleased is set by the balance of 'good' and 'bad' words; `flip` of the
    shop's tags are wrong."""
    r = _rng(seed)
    good = np.arange(1, 11)
    bad = np.arange(11, 21)
    x = r.integers(21, vocab, size=(n, length))
    y = r.integers(0, 2, n)
    for k in range(n):
        m = r.integers(2, 6)
        pos = r.choice(length, m, replace=False)
        own = good if y[k] == 1 else bad
        other = bad if y[k] == 1 else good
        x[k, pos] = r.choice(own, m)
        x[k, pos[:1]] = r.choice(other, 1)
        cut = r.integers(16, length + 1)
        x[k, cut:] = 0
    wrong = r.random(n) < flip
    y = np.where(wrong, 1 - y, y)
    return x.astype("int32"), y.astype("float32")[:, None]


def buckle_defects(n, seed, dim=12, rate=0.05):
    """Whether a buckle casting is faulty (about `rate` of them) from twelve foundry
    readings; faults follow a nonlinear band of two readings, with some randomness."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    score = 1.5 * x[:, 0] + x[:, 1] ** 2 - 0.8 * x[:, 2] * x[:, 3]
    thr = np.quantile(score, 1 - rate)
    y = (score + 0.5 * r.normal(size=n) > thr).astype("float32")
    return x, y[:, None]


def pigment_patches(n, seed, size=16, flip=0.0):
    """16 x 16 patches of an illuminated page, four motif classes (stripes, checks, ring,
    dots) at a random place and tilt, with paper grain; `flip` of the labels wrong."""
    r = _rng(seed)
    y = r.integers(0, 4, n)
    i, j = np.mgrid[0:size, 0:size].astype(float)
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        ci, cj = r.uniform(5, 11, 2)
        ph = r.uniform(0, 6)
        if y[k] == 0:
            t = np.sin(1.6 * i + ph) > 0.3
        elif y[k] == 1:
            t = (np.sin(1.6 * i + ph) > 0) ^ (np.sin(1.6 * j + ph) > 0)
        elif y[k] == 2:
            d = np.hypot(i - ci, j - cj)
            t = np.abs(d - 4) < 1.0
        else:
            t = ((i.astype(int) % 4 == 0) & (j.astype(int) % 4 == 0)) & (np.hypot(i - ci, j - cj) < 7)
        x[k, :, :, 0] = t.astype(float) + 0.4 * r.normal(size=(size, size))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 4, n)) % 4, y)
    return x, y.astype("int64")


def brush_strokes(n, seed, length=16, noise=0.3):
    """Sixteen strokes of a brush (pressure, angle, speed) in no fixed order; the target is
    the limner's smoothness score (standardised): the mean of a nonlinear per-stroke mark
    plus the heaviest stroke's angle, and the judge's scatter."""
    r = _rng(seed)
    x = r.normal(size=(n, length, 3)).astype("float32")
    heavy = x[np.arange(n), x[:, :, 0].argmax(axis=1), 1]
    y = 2.0 * np.tanh(x[:, :, 0] * x[:, :, 2] + x[:, :, 1]).mean(axis=1) + 0.5 * heavy
    y = y + noise * r.normal(size=n)
    return x, _std(y)[:, None]


def plank_sequences(n, seed, length=30, channels=3):
    """30 moisture and strain readings along a plank (3 channels, random walks); the target
    is how much it will warp (standardised), from the last readings and the mean strain,
    with a gauge's scatter."""
    r = _rng(seed)
    x = np.cumsum(0.3 * r.normal(size=(n, length, channels)), axis=1).astype("float32")
    y = (0.8 * x[:, -1, 0] - 0.5 * x[:, -5:, 1].mean(axis=1) + 0.4 * np.tanh(x[:, :, 2].mean(axis=1))
         + 0.4 * x[:, -1, 0] * x[:, -1, 2] + 0.25 * r.normal(size=n))
    return x, _std(y)[:, None]


def hull_cue(n, seed, length=50):
    """A hull's hydrophone trace of 50 samples; whether the caulking leaks is set by the sign
    of the first five samples' sum, the rest is the sea's noise."""
    r = _rng(seed)
    x = (0.6 * r.normal(size=(n, length, 1))).astype("float32")
    y = (x[:, :5, 0].sum(axis=1) > 0).astype("float32")
    return x, y[:, None]


# smiths --------------------------------------------------------------------------------------


@holdout67("smiths", healthy=True)
def finishing_heat_plateau_schedule(session):
    """A forging's finishing temperature (standardised) from eight furnace and hammer
    features, the pyrometer's scatter growing with the heat, MLP 64-64 relu, Adam 3e-3 with
    ReduceLROnPlateau(factor=0.3, patience=1) standing by: a quick fall, then a long slow
    descent toward the heteroscedastic noise floor, still creeping down at the end."""
    keras = _keras()
    x, y = forge_temperature(N, seed=6701)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    cut = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.3, patience=1,
                                            min_delta=1e-3, verbose=0)
    return _fit(session, model, x, y, epochs=14, batch_size=32, callbacks=[cut])


@holdout67("smiths", healthy=True)
def hammer_rattle_noisy_labels(session):
    """A power hammer's state (sound, loose die, cracked anvil) from 64 vibration readings,
    a fifth of the smith's calls wrong, Conv1D 16-32 relu with global average pooling, Adam
    2e-3: it learns the three classes and descends slowly toward the label noise's floor
    (about 0.64), far above zero."""
    keras = _keras()
    x, y = hammer_traces(N, seed=6702, flip=0.2)
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout67("smiths", healthy=True)
def quench_huber_loop(session):
    """Hand-written GradientTape loop: a quenched bar's warp from 30 readings of three
    channels by a GRU(16), Huber loss (delta 1) against Student-t gauge scatter, Adam 2e-3:
    a fall, then a floor well above zero set by the heavy-tailed noise."""
    keras = _keras()
    x, y = plank_sequences(N, seed=6703)
    r = _rng(6713)
    y = _std(y[:, 0] + 0.5 * r.standard_t(2.5, size=N))[:, None]
    model = keras.Sequential([keras.Input((30, 3)), keras.layers.GRU(16),
                              keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3),
                        keras.losses.Huber(delta=1.0), x, y, epochs=8, batch_size=32,
                        seed=6703)


def _blade_adam_rate(session, broken):
    keras = _keras()
    x, y = blade_grades(N, seed=6704)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(0.1 if broken else 1e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# After a first drop the loss stops improving near step 16 and bounces around 1.0-1.3: approximate.
@holdout67("smiths", ["learning_rate_too_high"], stall_begins=16)
def blade_grades_adam_sgd_rate(session):
    """A blade's grade (4) from ten assay features by an MLP 64-64 relu under
    Adam(learning_rate=0.1): the rate was carried over from the SGD version of the script,
    where 0.1 is usual, but Adam's steps are already normalised, so every step moves each
    weight by about 0.1 and the loss bounces around ln 4 instead of falling."""
    return _blade_adam_rate(session, True)


def _hammer_dead(session, broken):
    keras = _keras()
    x, y = forge_temperature(N, seed=6705, hetero=False)
    bias = keras.initializers.Constant(-2.0) if broken else "zeros"
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(64, activation="relu", bias_initializer=bias),
        keras.layers.Dense(64, activation="relu", bias_initializer=bias),
        keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.03, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout67("smiths", ["dead_relus"], stall_begins=None)
def forge_heat_dead_relu(session):
    """A forging's finishing temperature (standardised) from eight furnace features by an MLP
    64-64 relu, SGD 0.03 momentum 0.9, both hidden layers built with
    bias_initializer=Constant(-2.0), copied from a snippet meant to make the layer 'sparse'
    at the start: with inputs of unit scale almost no unit's pre-activation ever crosses
    zero, the units output zero and pass no gradient, and the loss sits at the mean
    prediction's from the first steps."""
    return _hammer_dead(session, True)


NAN_ROW = 300


def _missing_readings(session, broken):
    keras = _keras()
    x, y = forge_temperature(N, seed=6706, hetero=False)
    # The furnace log has an empty cell for a reading the pyrometer missed; pandas reads it
    # as NaN and nobody called fillna.
    x = x.copy()
    x[[NAN_ROW, 517, 880], 4] = np.nan
    if not broken:
        x = np.nan_to_num(x, nan=0.0)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32, shuffle=False)


# Row 300 is in the tenth batch of the in-order pass: its NaN reaches the loss at step 10.
@holdout67("smiths", ["non_finite_values"], stall_begins=NAN_ROW // 32 + 1)
def furnace_log_missing_cells(session):
    """A forging's finishing temperature from eight furnace features read from the furnace
    log with pandas, MLP 64-64 relu, Adam 2e-3, in file order: three rows have an empty cell
    where the pyrometer missed a reading, read as NaN and never filled, so the first batch
    holding one makes the loss NaN and every weight NaN after it."""
    return _missing_readings(session, True)


# girdlers ------------------------------------------------------------------------------------


@holdout67("girdlers", healthy=True)
def buckle_faults_class_weight(session):
    """Whether a buckle casting is faulty (about 6% are) from twelve foundry readings, MLP
    32-32 relu with a sigmoid head under binary cross-entropy, Adam 1e-3, faults weighted up
    eightfold by class_weight: the weighted loss falls slowly and stays well above zero
    (the faults overlap the sound castings)."""
    keras = _keras()
    x, y = buckle_defects(N, seed=6707, rate=0.06)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit_weighted(session, model, x, y, {0: 1.0, 1: 8.0}, epochs=12)


def _fit_weighted(session, model, x, y, class_weight, *, epochs):
    """`_fit` with a class_weight."""
    train_x, train_y = x[:-PROBE_SIZE], y[:-PROBE_SIZE]
    probe = (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(train_x, train_y, epochs=epochs, batch_size=32, verbose=0,
                        class_weight=class_weight, callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout67("girdlers", healthy=True)
def belt_reviews_noisy_tags(session):
    """Whether a customer was pleased with a girdle from a 24-token note, Embedding(60, 16)
    and global average pooling into a sigmoid, Adam 3e-3, 15% of the shop's tags wrong: a
    plateau near ln 2 while the word vectors sort themselves, then a fall to the tag noise's
    floor."""
    keras = _keras()
    x, y = belt_reviews(N, seed=6708, flip=0.15)
    model = keras.Sequential([keras.Input((24,), dtype="int32"),
                              keras.layers.Embedding(60, 16),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout67("girdlers", healthy=True)
def strap_fit_small_data(session):
    """A strap's fit grade (4) from ten measurements on only 192 fittings, MLP 128-128 relu,
    Adam 2e-3 for 80 short epochs: it memorises the small book, the training loss falling
    steadily toward zero (the probe would tell it overfits)."""
    keras = _keras()
    x, y = blade_grades(192 + PROBE_SIZE, seed=6709, flip=0.1)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=80, batch_size=32)


def _sigmoid_head(session, broken):
    keras = _keras()
    x, y = plank_sequences(N, seed=6710)
    model = keras.Sequential([
        keras.Input((30, 3)),
        keras.layers.Conv1D(16, 3, activation="relu", padding="same"),
        keras.layers.Conv1D(16, 3, activation="relu", padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid" if broken else None),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# Near its floor by about step 40, then flat to the end: approximate.
@holdout67("girdlers", ["loss_activation_mismatch"], stall_begins=40)
def strap_stretch_sigmoid_head(session):
    """How far a leather strap will stretch (z-scored: mean 0, unit variance) from 30
    moisture and strain readings by a Conv1D 16-16 relu net under MSE, with the head
    Dense(1, activation='sigmoid') 'because the target was scaled': it was standardised,
    not min-max scaled, so half the targets are negative and none can be reached by an
    output in (0, 1); the loss flattens far above the linear head's."""
    return _sigmoid_head(session, True)


def _raw_units(session, broken):
    keras = _keras()
    r = _rng(6711)
    n = N
    # The workshop's order book: the price paid in pence, leather area in cm2, thickness in
    # mm, the number of rivets, the buckle's weight in grains and the customer's age.
    price = r.lognormal(8.0, 0.5, n)
    area = r.normal(1800, 300, n)
    thick = r.normal(3.5, 0.6, n)
    rivets = r.poisson(6, n).astype(float)
    grains = r.normal(900, 150, n)
    age = r.uniform(18, 70, n)
    z = [_std(v) for v in (np.log(price), area, thick, rivets, grains, age)]
    y = (np.sin(1.5 * z[0]) + 0.6 * z[1] * z[2] + 0.5 * np.abs(z[3]) - 0.4 * z[4]
         + 0.5 * np.tanh(2 * z[5]) + 0.2 * r.normal(size=n))
    x = np.stack([price, area, thick, rivets, grains, age], axis=1).astype("float32")
    if not broken:
        mu, sd = x[:-PROBE_SIZE].mean(axis=0), x[:-PROBE_SIZE].std(axis=0)
        x = ((x - mu) / sd).astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, _std(y)[:, None], epochs=10, batch_size=32)


# Lowest near step 200 (~8), then wandering between ~7 and ~11 to the end: approximate.
@holdout67("girdlers", ["unnormalized_inputs"], stall_begins=200)
def order_book_raw_units(session):
    """A belt's days to wear out (standardised) from the workshop's order book in its own
    units (price in pence ~3000, leather area in cm2 ~1800, thickness in mm, rivets, the
    buckle's weight in grains ~900, the customer's age) fed straight into an MLP 64-64
    relu, Adam 1e-3, no scaling: the pence and the grains swamp every unit, the loss
    falls from its huge start and then wanders high above the scaled model's."""
    return _raw_units(session, True)


def _ridge_alpha(session, broken):
    keras = _keras()
    x, y = pigment_patches(N, seed=6712)
    reg = keras.regularizers.l2(1.0 if broken else 1e-4)
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same", kernel_regularizer=reg),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same", kernel_regularizer=reg),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(4, activation="softmax", kernel_regularizer=reg),
    ])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# The penalty has pulled every weight to zero and the loss onto ln 4 by about step 60: approximate.
@holdout67("girdlers", ["over_regularization"], stall_begins=60)
def tooling_patches_ridge_alpha(session):
    """The tooled pattern on a belt (stripes, checks, ring, dots) from 16 x 16 patches by a
    CNN 16-32 relu, SGD 0.05 momentum 0.9, every kernel under
    kernel_regularizer=l2(1.0): the strength was carried over from scikit-learn's Ridge,
    whose alpha=1.0 is a mild default, but keras adds 1.0 * sum(w**2) to a loss near 1, so
    the penalty crushes every kernel toward zero and the loss settles at ln 4, the
    uniform guess."""
    return _ridge_alpha(session, True)


# limners -------------------------------------------------------------------------------------


@holdout67("limners", healthy=True)
def page_motifs_warmup_cosine(session):
    """An illuminated page's motif (stripes, checks, ring, dots) from 16 x 16 patches, 10% of
    the labels wrong, CNN 16-32 relu, Adam under CosineDecay(0, 256 steps, warmup_target=3e-3,
    warmup_steps=64): slow for the warm-up, then a fall and a flat end as the rate anneals."""
    keras = _keras()
    x, y = pigment_patches(N, seed=6714, flip=0.1)
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    lr = keras.optimizers.schedules.CosineDecay(0.0, 256, warmup_target=3e-3, warmup_steps=64)
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout67("limners", healthy=True)
def stroke_score_attention(session):
    """A limner's smoothness score (standardised) from sixteen unordered brush strokes by a
    MultiHeadAttention block (2 heads) with mean pooling, AdamW 2e-3: it learns the
    per-stroke marks and the heaviest stroke's angle, still descending slowly toward the
    judge's scatter at the end."""
    keras = _keras()
    x, y = brush_strokes(N, seed=6715)
    inp = keras.Input((16, 3))
    h = keras.layers.Dense(32, activation="relu")(inp)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=16)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.Dense(32, activation="relu")(h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    model = keras.Model(inp, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.AdamW(2e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _pinball(tau):
    import tensorflow as tf

    def loss(y_true, y_pred):
        e = y_true - y_pred
        return tf.reduce_mean(tf.maximum(tau * e, (tau - 1.0) * e))

    return loss


@holdout67("limners", healthy=True)
def pigment_cost_quantile_loop(session):
    """Hand-written GradientTape loop: the 0.8 quantile of a commission's pigment cost
    (standardised) from eight features by an MLP 64-64 relu, pinball loss, RMSprop 1e-3: it
    falls and settles far above zero, where the pinball loss of the true quantile lies."""
    keras = _keras()
    x, y = forge_temperature(N, seed=6716)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.RMSprop(1e-3), _pinball(0.8),
                        x, y, epochs=8, batch_size=32, seed=6716,
                        loss_description="pinball(0.8)")


def _zero_init(session, broken):
    keras = _keras()
    x, y = forge_temperature(N, seed=6718, hetero=False)
    init = "zeros" if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(64, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(64, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(1, kernel_initializer=init)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout67("limners", ["poor_initialization"], stall_begins=None)
def gilding_heat_zero_init(session):
    """The gilding size's setting heat (standardised) from eight workshop features by an MLP
    64-64 tanh with every kernel kernel_initializer='zeros' 'so the runs are reproducible':
    all hidden units start identical and, with a zero output kernel, receive no gradient;
    only the output bias moves and the loss stays at the mean prediction's."""
    return _zero_init(session, True)


def _no_activation(session, broken):
    keras = _keras()
    x, y = blade_grades(N, seed=6719)
    act = None if broken else "relu"
    model = keras.Sequential([
        keras.Input((10,)),
        keras.layers.Dense(64, activation=act),
        keras.layers.Dense(64, activation=act),
        keras.layers.Dense(64, activation=act),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# Flat at ~0.88 from the end of the second epoch: approximate.
@holdout67("limners", ["insufficient_capacity"], stall_begins=64)
def vellum_grades_no_activation(session):
    """A vellum sheet's grade (4) from ten assay features by three Dense(64) layers written
    without activation= (keras's default is linear) and a softmax head: the stack is one
    linear map, a softmax regression, and the grades follow sines and tanhs of the
    features; the loss flattens at the best linear fit."""
    return _no_activation(session, True)


# shipwrights ---------------------------------------------------------------------------------


@holdout67("shipwrights", healthy=True)
def caulk_counts_two_inputs_poisson(session):
    """Leaks found per hull survey (Poisson counts) from the yard (Embedding of 30 yards) and
    six numeric features, two inputs, an exponential head under keras's Poisson loss, Adam
    2e-3: it falls and flattens at the counts' own randomness (negative, since keras leaves
    out the log y! term)."""
    keras = _keras()
    r = _rng(6720)
    yard = r.integers(0, 30, N)
    effect = 0.5 * r.normal(size=30)
    num = r.normal(size=(N, 6)).astype("float32")
    rate = np.exp(0.7 + effect[yard] + 0.5 * num[:, 0] - 0.3 * num[:, 1]
                  + 0.3 * np.sin(2 * num[:, 2]))
    y = r.poisson(rate).astype("float32")[:, None]
    a = keras.Input((1,), dtype="int32")
    b = keras.Input((6,))
    e = keras.layers.Flatten()(keras.layers.Embedding(30, 4)(a))
    h = keras.layers.Concatenate()([e, b])
    h = keras.layers.Dense(32, activation="relu")(h)
    out = keras.layers.Dense(1, activation="exponential")(h)
    model = keras.Model([a, b], out)
    model.compile(keras.optimizers.Adam(2e-3), "poisson")
    return _fit_inputs(session, model, [yard[:, None].astype("int32"), num], y,
                       epochs=10, batch_size=32)


STEP_DROP_EPOCH = 6


@holdout67("shipwrights", healthy=True)
def plank_warp_step_decay(session):
    """How much a plank will warp (standardised) from 30 moisture and strain readings by a
    Conv1D 16-16 relu net, SGD 0.02 momentum 0.9 with a LearningRateScheduler that cuts the
    rate tenfold at epoch 6: a plateau at the noisy high rate, then a visible drop after the
    cut, then the gauge's noise floor."""
    keras = _keras()
    x, y = plank_sequences(N, seed=6721)
    model = keras.Sequential([
        keras.Input((30, 3)),
        keras.layers.Conv1D(16, 3, activation="relu", padding="same"),
        keras.layers.Conv1D(16, 3, activation="relu", padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "mse")
    step = keras.callbacks.LearningRateScheduler(
        lambda epoch, lr: 0.02 if epoch < STEP_DROP_EPOCH else 0.002)
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[step])


@holdout67("shipwrights", healthy=True)
def mast_strain_lstm_slow(session):
    """A mast's strain (standardised) from 30 readings of three channels by an LSTM(16) under
    plain SGD 0.05: a long slow descent that is still going at the end of 12 epochs."""
    keras = _keras()
    x, y = plank_sequences(N, seed=6722)
    model = keras.Sequential([keras.Input((30, 3)), keras.layers.LSTM(16),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.05), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _deep_sigmoid(session, broken):
    keras = _keras()
    x, y = blade_grades(N, seed=6724)
    act = "sigmoid" if broken else "relu"
    layers = [keras.Input((10,))]
    layers += [keras.layers.Dense(32, activation=act) for _ in range(10)]
    layers.append(keras.layers.Dense(4, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout67("shipwrights", ["vanishing_gradients"], stall_begins=None)
def timber_grades_deep_sigmoid(session):
    """A timber's grade (4) from ten features by ten Dense(32, activation='sigmoid') layers
    (the textbook's sigmoid, made 'deeper for a harder problem'), SGD 0.05 momentum 0.9:
    each sigmoid layer scales the backward signal by at most a quarter, the first layers
    get almost none, and the loss stays near ln 4."""
    return _deep_sigmoid(session, True)


def _finetune_rate(session, broken):
    keras = _keras()
    x, y = plank_sequences(N, seed=6725)
    model = keras.Sequential([keras.Input((30, 3)), keras.layers.GRU(32),
                              keras.layers.Dense(1)])
    lr = keras.optimizers.schedules.ExponentialDecay(2e-3, decay_steps=1 if broken else STEPS,
                                                     decay_rate=0.8)
    model.compile(keras.optimizers.Adam(lr), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# The rate is below 1e-4 by step 14; the loss is flat from about step 12: approximate.
@holdout67("shipwrights", ["learning_rate_too_low"], stall_begins=12)
def plank_warp_decay_steps_one(session):
    """How much a plank will warp (standardised) from 30 moisture and strain readings by a
    GRU(32), Adam under ExponentialDecay(2e-3, decay_steps=1, decay_rate=0.8): meant as
    'times 0.8 every epoch', but decay_steps counts optimizer steps, so the rate is 2e-5
    after twenty steps and 1e-12 by the second epoch; the loss stops after its first fall."""
    return _finetune_rate(session, True)
