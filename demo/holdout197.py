"""The hundred-and-ninety-seventh held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four farm-labour families: stone pickers (radar maps of stones, stone-or-clod calls, hours to
clear a plot), bird scarers (bird tallies, crop lost to birds, call spectra), turnip hoers
(hoer-by-row minutes, weed pressure, soil-sound spectra) and hop pickers (bushels a day,
hop-garden readings). Every data set is synthetic from a fixed seed (19701-19726); the last
PROBE_SIZE rows are the probe. Each scenario was checked only from its own loss curve with
Session(None), broken against corrected.

Healthy half (6): a fully convolutional stone-map segmenter under keras's Tversky loss with 4%
wrong map cells; a stone-or-clod tanh classifier under the squared hinge loss with 12% wrong
calls; a Conv1DTranspose upsampler of bird tallies with heteroscedastic noise; a relu MLP under
log-cosh with the Adafactor optimizer on Student-t crop losses; an EinsumDense model over hoer
and row embeddings (two inputs), still easing slowly at the end; bushels from a temperature
bucketed by Discretization and CategoryEncoding under the Huber loss with heavy-tailed noise.

Broken half (6): a 1x1 convolution with a softmax over one channel under the Dice loss
(loss_activation_mismatch, flat from the start); headland plots entered with area 0 so a
stones-per-hectare column is inf (non_finite_values, NaN from the first epoch on); an
ExponentialDecay with decay_steps=1 where per-epoch decay was meant (learning_rate_too_low,
stall_begins=64, approximate: read off the loss as the rate fell below ~5e-5); Conv1D layers
with bias_initializer=Constant(-4) (dead_relus, from the start); MaxNorm(0.03) for MaxNorm(3)
(over_regularization, from the start: a slow creep from 1.10 to 1.04 against 0.34); Adam at
Adadelta's old default rate 1.0 (learning_rate_too_high, from the start: one blow-up, then
chance level).

Dropped because they did not behave as intended (the corrected and broken runs were compared):
post-padded sequences into a SimpleRNN (meant as vanishing_gradients; it learned as well as the
pre-padded one), a relu SimpleRNN with identity recurrence (meant as exploding_gradients; not
tuned to a finite stall within the time available, so not written), summed instead of averaged
embeddings into a tanh layer (meant as saturated_activations; it learned), constant(0.1) LSTM
kernels (meant as poor_initialization; it broke symmetry late and kept learning), grams scaled
with kilogram statistics (meant as unnormalized_inputs; still improving), and a one-unit first
layer on a 3x3 grid of classes (meant as insufficient_capacity; still falling at the end). The
catalogue is therefore short (12 of the 24 asked for) rather than dishonest; no scenario here
covers vanishing_gradients, exploding_gradients, saturated_activations, poor_initialization,
unnormalized_inputs or insufficient_capacity.

Not written because earlier catalogues hold them: ReLU(threshold=6) for ReLU6, kernel_size=1
convolutions, float16 overflow of counts, gradient accumulators that never divide, Poisson
losses on counts, label smoothing, ReduceLROnPlateau, cosine restarts and warm-ups, mixup.

Labels: expected_causes[0] is the root cause the scenario was built around, and only one cause
is given. stall_begins is the optimizer step (0-based over the whole run) from which the loss
stops improving, None where it does not improve from the start; the one number given is
approximate, as noted above.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _fit, _keras, _mlp, registrar

FAMILIES = ('stone_pickers', 'bird_scarers', 'turnip_hoers', 'hop_pickers')

REGISTRY = []
holdout197 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data


def _stone_maps(seed, n=768 + PROBE_SIZE, size=16, flip=0.04):
    """Ground-radar returns of a plot (16x16) and the hand-drawn map of its stones."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:size, 0:size]
    masks = np.zeros((n, size, size), "float32")
    for i in range(n):
        for _ in range(rng.integers(2, 6)):
            cy, cx = rng.uniform(0, size, 2)
            r = rng.uniform(1.0, 2.6)
            masks[i] = np.maximum(masks[i], (yy - cy) ** 2 + (xx - cx) ** 2 < r * r)
    radar = masks + rng.normal(0, 0.7, masks.shape)
    labels = np.where(rng.random(masks.shape) < flip, 1 - masks, masks)
    return radar[..., None].astype("float32"), labels[..., None].astype("float32")


def _stone_or_clod(seed, n=N, flip=0.12):
    """Eight readings of a lump turned up by the plough: stone (+1) or clod (-1)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 1, (n, 8))
    score = x[:, 0] * x[:, 1] + np.sin(2 * x[:, 2]) + 0.8 * x[:, 3] - 0.5 * x[:, 4] ** 2 + 0.5
    y = np.where(score > 0, 1.0, -1.0)
    y = np.where(rng.random(n) < flip, -y, y)
    return x.astype("float32"), y[:, None].astype("float32")


def _clearing_time(seed, n=N):
    """Plot features (area in ha, stones counted, slope, soil) and the hours to clear it."""
    rng = np.random.default_rng(seed)
    area = rng.uniform(0.2, 3.0, n)
    stones = rng.poisson(400 * area)
    slope = rng.uniform(0, 12, n)
    soil = rng.normal(0, 1, n)
    hours = 0.01 * stones * (1 + 0.05 * slope) + 0.3 * soil + rng.normal(0, 0.5, n)
    return area, stones, slope, soil, ((hours - hours.mean()) / hours.std()).astype("float32")


def _coarse_to_fine(seed, n=N):
    """Eight four-hour tallies of birds on a field and the 32 one-hour tallies behind them."""
    rng = np.random.default_rng(seed)
    t = np.linspace(0, 1, 32)
    a, b, c = rng.normal(0, 1, (3, n, 1))
    fine = a * np.sin(2 * np.pi * t) + b * np.cos(4 * np.pi * t) + c * t
    coarse = fine.reshape(n, 8, 4).mean(-1)
    noisy = fine + rng.normal(0, 1, fine.shape) * (0.2 + 0.6 * t)
    return coarse[..., None].astype("float32"), noisy[..., None].astype("float32")


def _crop_damage(seed, n=N):
    """Ten field readings (distance to wood, scarers out, ...) and the crop lost to birds."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 1, (n, 10))
    y = np.tanh(x[:, 0]) - 0.6 * x[:, 1] * x[:, 2] + 0.4 * x[:, 3] + 0.6 * rng.standard_t(2.5, n)
    return x.astype("float32"), y[:, None].astype("float32")


def _call_spectra(seed, n=N, bins=48, classes=5):
    """A 48-bin spectrum of a bird call and the species (rook, crow, jackdaw, pigeon, starling)."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, classes, n)
    f = np.arange(bins)
    centre = 6 + 8 * y + rng.normal(0, 1.5, n)
    x = np.exp(-((f[None, :] - centre[:, None]) ** 2) / 8) + rng.normal(0, 0.3, (n, bins))
    return x[..., None].astype("float32"), y.astype("int32")


def _hoer_rows(seed, n=N, hoers=24, rows=60):
    """Who hoed which row, and the minutes per chain it took (skill times row weediness)."""
    rng = np.random.default_rng(seed)
    hoer = rng.integers(0, hoers, n)
    row = rng.integers(0, rows, n)
    skill = rng.normal(0, 1, (hoers, 3))
    weeds = rng.normal(0, 1, (rows, 3))
    y = (skill[hoer] * weeds[row]).sum(1) + 0.5 * skill[hoer, 0] + rng.normal(0, 0.8, n)
    return [hoer.astype("int32"), row.astype("int32")], ((y - y.mean()) / y.std()).astype(
        "float32")


def _weed_counts(seed, n=N, classes=3, flip=0.15):
    """Twelve soil and weather readings and the weed pressure class (low, middling, high)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 1, (n, 12))
    score = x[:, 0] + np.tanh(x[:, 1] * x[:, 2]) + 0.5 * x[:, 3] ** 2 - 0.5
    y = np.digitize(score, [-0.5, 0.8])
    y = np.where(rng.random(n) < flip, rng.integers(0, classes, n), y)
    return x.astype("float32"), y.astype("int32")


def _hop_bushels(seed, n=N):
    """A day's temperature, hours, bine height and crew size, and bushels of hops picked."""
    rng = np.random.default_rng(seed)
    temp = rng.uniform(8, 32, n)
    hours = rng.uniform(4, 11, n)
    height = rng.normal(0, 1, n)
    crew = rng.normal(0, 1, n)
    comfort = -((temp - 19) / 7) ** 2
    y = 2 + comfort + 0.3 * hours + 0.4 * height + 0.5 * crew + 0.7 * rng.standard_t(2.0, n)
    x = np.stack([temp, hours, height, crew], 1)
    return x.astype("float32"), ((y - y.mean()) / 2).astype("float32")[:, None]


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, **kw):
    """model.fit for a model with several inputs; the last PROBE_SIZE rows are the probe."""
    train_x = [a[:-PROBE_SIZE] for a in inputs]
    probe = ([a[-PROBE_SIZE:] for a in inputs], y[-PROBE_SIZE:])
    history = model.fit(train_x, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        verbose=0, callbacks=list(kw.pop("callbacks", ())) +
                        session.callbacks(probe), **kw)
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# broken helpers (each trains the mistaken or the corrected version)


def _one_channel_softmax(session, broken):
    keras = _keras()
    x, y = _stone_maps(seed=19701)
    head = "softmax" if broken else "sigmoid"
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
        keras.layers.Conv2D(1, 1, activation=head),
    ])
    model.compile(keras.optimizers.Adam(2e-3), loss=keras.losses.Dice())
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _zero_area_rate(session, broken):
    keras = _keras()
    area, stones, slope, soil, y = _clearing_time(seed=19702)
    if broken:
        area = np.where(np.random.default_rng(19703).random(len(area)) < 0.01, 0.0, area)
    with np.errstate(divide="ignore", invalid="ignore"):
        density = stones / area
    x = np.stack([area, stones, slope, soil, density], 1)
    mean, std = np.nanmean(x[np.isfinite(x).all(1)], 0), np.nanstd(x[np.isfinite(x).all(1)], 0)
    x = ((x - mean) / std).astype("float32")
    model = _mlp(keras, 5, (32, 32), 1, activation="tanh", out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), loss="mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _decay_every_step(session, broken):
    keras = _keras()
    x, y = _call_spectra(seed=19707)
    steps_per_epoch = 32
    schedule = keras.optimizers.schedules.ExponentialDecay(
        1e-3, decay_steps=1 if broken else steps_per_epoch, decay_rate=0.95)
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dense(5, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(schedule), loss="sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _negative_conv_bias(session, broken, bias=-4.0):
    keras = _keras()
    x, y = _call_spectra(seed=19708)
    init = keras.initializers.Constant(bias) if broken else "zeros"
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", bias_initializer=init),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", bias_initializer=init),
        keras.layers.Flatten(),
        keras.layers.Dense(5, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _max_norm_typo(session, broken):
    keras = _keras()
    x, y = _weed_counts(seed=19709)
    limit = 0.03 if broken else 3.0
    model = _mlp(keras, 12, (64, 64), 3,
                 kernel_constraint=keras.constraints.MaxNorm(limit))
    model.compile(keras.optimizers.Adam(2e-3), loss="sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _adadelta_learning_rate(session, broken):
    keras = _keras()
    x, y = _weed_counts(seed=19713, flip=0.05)
    model = _mlp(keras, 12, (64, 64), 3)
    model.compile(keras.optimizers.Adam(1.0 if broken else 1e-3),
                  loss="sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)



# ---------------------------------------------------------------------------------------------
# stone pickers


@holdout197("stone_pickers", healthy=True)
def tversky_stone_maps(session):
    """A small fully convolutional net maps the stones of a plot from noisy ground-radar
    returns (16x16), trained under keras's Tversky loss (alpha 0.3, beta 0.7, favouring
    recall) with Adam at 2e-3. The hand-drawn maps have 4% of their cells wrong and the radar
    noise is large, so the loss levels off well above zero: a correct segmentation run."""
    keras = _keras()
    x, y = _stone_maps(seed=19721)
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
        keras.layers.Conv2D(1, 1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), loss=keras.losses.Tversky(alpha=0.3, beta=0.7))
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout197("stone_pickers", healthy=True)
def squared_hinge_stone_or_clod(session):
    """Stone or clod from eight readings of a lump turned up by the plough, labels +-1, a tanh
    output and keras's squared hinge loss, relu MLP (64, 64), Adam at 1e-3. 12% of the lumps
    were called wrongly by the picker, so the margin loss flattens far above zero."""
    keras = _keras()
    x, y = _stone_or_clod(seed=19722)
    model = _mlp(keras, 8, (64, 64), 1, out_activation="tanh")
    model.compile(keras.optimizers.Adam(1e-3), loss=keras.losses.SquaredHinge())
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout197("stone_pickers", ["loss_activation_mismatch"], stall_begins=None)
def one_channel_softmax_dice(session):
    """The stone-map segmenter (three convolutions on 16x16 radar returns) under keras's Dice
    loss, but its last 1x1 convolution was given activation='softmax', copied from a
    multi-class segmenter: a softmax over a single channel is 1 everywhere, so every cell is
    called stone and the Dice loss sits at its starting value from the first step (the
    sigmoid head reaches ~0.34)."""
    return _one_channel_softmax(session, broken=True)


@holdout197("stone_pickers", ["non_finite_values"], stall_begins=None)
def zero_area_stone_density(session):
    """Hours to clear a plot of stones from its area, stone count, slope, soil and a derived
    stones-per-hectare column, tanh MLP, Adam. About 1% of the plots (headland strips) were
    entered with area 0, so their density is inf; the first batch holding one makes the loss
    and then the weights NaN, and the run keeps going with a NaN loss for its ten epochs."""
    return _zero_area_rate(session, broken=True)


# ---------------------------------------------------------------------------------------------
# bird scarers


@holdout197("bird_scarers", healthy=True)
def transposed_conv_bird_tallies(session):
    """Upsamples eight four-hour tallies of birds on a field to the 32 hourly tallies behind
    them with a Conv1D, a Conv1DTranspose (stride 4) and a Conv1D, MSE, Adam at 2e-3. The
    hourly counts carry noise that grows through the day (heteroscedastic), so the loss
    flattens near the noise variance, far above zero."""
    keras = _keras()
    x, y = _coarse_to_fine(seed=19723)
    model = keras.Sequential([
        keras.Input((8, 1)),
        keras.layers.Conv1D(16, 3, padding="same", activation="relu"),
        keras.layers.Conv1DTranspose(16, 4, strides=4, padding="same", activation="relu"),
        keras.layers.Conv1D(1, 3, padding="same"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), loss="mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout197("bird_scarers", healthy=True)
def adafactor_crop_damage(session):
    """Crop lost to birds from ten field readings, relu MLP (64, 32) under the log-cosh loss
    with keras's Adafactor at 1e-2. The losses carry Student-t noise (2.5 degrees of freedom),
    so the loss flattens high; log-cosh keeps the heavy tail from dominating."""
    keras = _keras()
    x, y = _crop_damage(seed=19724)
    model = _mlp(keras, 10, (64, 32), 1, out_activation=None)
    model.compile(keras.optimizers.Adafactor(1e-2), loss="log_cosh")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout197("bird_scarers", ["learning_rate_too_low"], stall_begins=64)
def per_step_exponential_decay(session):
    """A Conv1D species classifier on 48-bin call spectra (five species) with Adam under an
    ExponentialDecay from 1e-3 at 0.95 'per epoch', but decay_steps was set to 1, so the rate
    decays every optimizer step and is below 5e-5 after ~60 steps: the loss stops near 1.33
    (ln 5 = 1.61) while the same schedule per epoch reaches ~0.04. Stall step approximate."""
    return _decay_every_step(session, broken=True)


# ---------------------------------------------------------------------------------------------
# turnip hoers


@holdout197("turnip_hoers", healthy=True)
def einsum_hoer_by_row(session):
    """Minutes per chain for a hoer on a row: embeddings of the hoer (24) and of the row (60)
    are concatenated and passed through an EinsumDense layer and a relu Dense, MSE, Adam at
    3e-3. Hoeing time has large day-to-day noise, so the loss is still easing slowly at the end,
    well above zero: correct, just noisy and slow."""
    keras = _keras()
    (hoer, row), y = _hoer_rows(seed=19725)
    hoer_in = keras.Input((), dtype="int32")
    row_in = keras.Input((), dtype="int32")
    h = keras.layers.Concatenate()([keras.layers.Embedding(24, 8)(hoer_in),
                                    keras.layers.Embedding(60, 8)(row_in)])
    h = keras.layers.EinsumDense("ab,bc->ac", output_shape=32, bias_axes="c",
                                 activation="relu")(h)
    h = keras.layers.Dense(16, activation="relu")(h)
    model = keras.Model([hoer_in, row_in], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(3e-3), loss="mse")
    return _fit_inputs(session, model, [hoer, row], y[:, None], epochs=20, batch_size=32)


@holdout197("turnip_hoers", ["dead_relus"], stall_begins=None)
def negative_bias_conv_spectra(session):
    """A Conv1D classifier (two relu convolutions, flatten, softmax) of 48-bin soil-sound
    spectra into five classes, Adam, but both convolutions were given
    bias_initializer=Constant(-4.0) from a sparse-activation recipe: every unit's input is
    far below zero from the start, the relus output zeros and pass no gradient, and the loss
    stays at ln 5 (the zero-bias version reaches ~0.01)."""
    return _negative_conv_bias(session, broken=True)


@holdout197("turnip_hoers", ["over_regularization"], stall_begins=None)
def max_norm_typo_weed_pressure(session):
    """Weed pressure class from twelve soil and weather readings, relu MLP (64, 64), Adam, with
    kernel_constraint=MaxNorm(0.03) on every layer where MaxNorm(3) was meant: every unit's
    incoming weights are clipped to a tiny norm after each step, so the logits barely move
    and the loss creeps from 1.10 to 1.05 (the MaxNorm(3) model reaches ~0.34)."""
    return _max_norm_typo(session, broken=True)


# ---------------------------------------------------------------------------------------------
# hop pickers


@holdout197("hop_pickers", healthy=True)
def binned_temperature_bushels(session):
    """Bushels picked in a day from the temperature (bucketed by a Discretization layer into
    2-degree bins and one-hot encoded by CategoryEncoding), hours, bine height and crew, relu
    MLP under the Huber loss with Adam. The daily totals carry Student-t noise (2 degrees of
    freedom), so the loss levels off well above zero."""
    keras = _keras()
    x, y = _hop_bushels(seed=19726)
    inp = keras.Input((4,))
    bins = keras.layers.Discretization(bin_boundaries=list(range(10, 32, 2)))(inp[:, :1])
    onehot = keras.layers.CategoryEncoding(12, output_mode="one_hot")(bins)
    rest = keras.layers.Normalization(mean=[7.5, 0, 0], variance=[4.1, 1, 1])(inp[:, 1:])
    h = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([onehot, rest]))
    model = keras.Model(inp, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(3e-3), loss=keras.losses.Huber())
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout197("hop_pickers", ["learning_rate_too_high"], stall_begins=None)
def adam_at_adadelta_rate(session):
    """A weed-pressure style classifier of hop-garden readings (relu MLP 64-64, three classes)
    whose optimizer was switched from Adadelta to Adam while keeping Adadelta's old default
    learning_rate=1.0: the first epoch blows the loss up to ~90 and it then sits at ~1.1
    (chance) with its relus mostly dead, while Adam at 1e-3 reaches ~0.38."""
    return _adadelta_learning_rate(session, broken=True)
