"""The hundred-and-seventy-eighth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four crews, twenty-three runs: privateers (a letter-of-marque ship's prize book: valuations of
captured ships, the lookout's sighting codes, sails sighted, the quarry's heading), corsairs (a
galley's logs: stroke rate, oar depth and sea state, the captain's raid tables), wreckers (a
coast at night: lanterns seen on the cliff, tide gauge and barometer, storm logs) and smugglers
(a run's cargo manifest as item codes, the cove and the night's moon, tide, wind and patrols,
the kegs landed). Data are numpy generators with seeds 17801..17833; the last PROBE_SIZE rows
of every set are the probe. Every run was checked only from its own losses (Keras History,
the per-step losses recovered from the running batch means, or the custom loop's epoch means)
under Session(None) with keras's seed set to 0, and every broken run against its helper
`_name(session, broken)` with broken=False.

Healthy half (twelve runs, nothing to fix in the code). Privateers: a prize court's valuation
from eight facts with Student-t (df=2) appraisers' scatter, a relu MLP under the Huber loss and
Adam on a PiecewiseConstantDecay (steps down at 200 and 400, then the heavy-tailed floor);
whether the quarry is a merchantman from sixteen sighting codes by an Embedding and one
MultiHeadAttention block with a residual and LayerNormalization, an eighth mis-logged; a rich
prize (one in twenty) under binary cross-entropy with class_weight 1:6, noisy near the
threshold. Corsairs: a galley's speed from thirty half-minutes of strokes by a GRU under Adam
with ReduceLROnPlateau(monitor='loss', patience=1), the scatter growing with the sea; the 0.8
quantile of a raid's takings under the pinball loss in a GradientTape loop, Nesterov SGD; 160
raids memorised by a 2x128 MLP at batch 16 for 40 epochs (still sinking below the noise).
Wreckers: which lantern (steady, swung, paired, hooded) from 14x14 night views by a Conv2D net
under Adam on CosineDecay with a linear warm-up, a sixth of the calls wrong; the surge at the
next high water from tide and barometer traces by a Conv1D net under Nesterov SGD halved at
epochs 6 and 10 by a LearningRateScheduler (a floor at the gauge's scatter); whether a ship
comes ashore from a twelve-watch storm log by a Bidirectional GRU under RMSprop, a tenth of the
outcomes wrong. Smugglers: kegs landed by a two-input model (cove Embedding + five facts) with
an exponential head under the Poisson loss (Keras's Poisson loss drops the log(y!) term, so it
levels below zero at the counts' own noise); contraband from manifest codes by an Embedding,
a Conv1D and max pooling under Nadam, a tenth written up wrongly; log1p(kegs) from the five
facts alone (the cove unseen) under the mean absolute error by a relu MLP with SGD and momentum
in a GradientTape loop (a quick fall, then a slow easing on the scatter; it was first a tanh
2x32 net under plain SGD, which sat near 0.60 where a wider net reaches ~0.55, too close to a
stall to call healthy).

Broken half, one root cause each (broken final epoch loss vs the fixed helper's):
- learning_rate_too_high, privateers: the Transformer paper's rate schedule written with
  d_model ** 0.5 for d_model ** -0.5 under Adam on an attention net over sighting codes, so the
  rate peaks at ~0.57 (meant ~0.018) and is still ~0.3 at the end: ~0.70 (ln 2 and above it,
  after a first dip to ~0.45) vs ~0.03.
- non_finite_values, privateers: the quarry's heading as a 2-vector trained in a GradientTape
  loop on the mean angular error acos(cosine) without a clamp: the loss falls normally to
  ~0.26, then the first batch whose rounded cosine reaches 1 gives NaN and the loss is NaN from
  step 308 to the end vs ~0.16 with the cosine clipped to 1 - 1e-6.
- insufficient_capacity, privateers: a Dense(2) 'plot_xy' layer kept in front of a relu MLP
  from the notebook that drew the scatter plot, for eight sail kinds that are the octants of
  three hidden traits: no linear map to two numbers keeps eight octants apart, ~0.79 levelling
  vs ~0.17.
- saturated_activations, corsairs: three tanh Dense(128) layers with RandomUniform(-1, 1)
  kernels ('uniform weights in [-1, 1]', from an old tutorial) on 64 facts, under SGD with
  momentum: pre-activations in the tens, every unit at +-1; ~0.62 by step 80, then bouncing up
  to ~0.77 vs ~0.07 with Glorot.
- learning_rate_too_low, corsairs: PolynomialDecay(3e-3, decay_steps=12) meant as twelve
  epochs under Adam for a GRU: the rate reaches its floor of 1e-6 at step 12 and the loss sits
  at ~0.49 vs ~0.085.
- dead_relus, wreckers: Conv2D biases started at -2 as a 'dark-frame threshold' on night views
  in [0, 1]: no 3x3 response reaches 2, every relu is 0 for every view, ln 4 flat vs ~0.005.
- unnormalized_inputs, wreckers: the tide gauge fed as logged, millimetres above chart datum
  (~4000) beside pascals (~101325), to a Conv1D net under Adam: falls from ~7e6 to ~131 by step
  ~110 and stays there vs ~0.19 standardised.
- vanishing_gradients, wreckers: a SimpleRNN given activation='sigmoid' (meant for the output)
  over a twelve-watch storm log decided by its first three watches, SGD 0.01 with momentum:
  ~0.696 (ln 2) flat vs ~0.06 with tanh.
- loss_activation_mismatch, smugglers: a sigmoid head kept from the 'was the run intercepted'
  model on kegs landed (about 4 a night) under keras's Poisson loss: the rate cannot pass 1,
  ~1.00 flat vs ~-1.41 with an exponential head.
- over_regularization, smugglers: embeddings_regularizer=L2(1.0) on the manifest codes'
  Embedding, a weight decay copied from a per-epoch setting: ~0.667 flat (the class prior) from
  the first epoch vs ~0.003 at 1e-5.
- poor_initialization, smugglers: every Dense kernel of a two-input relu classifier set to
  Constant(0.1) 'so that runs are reproducible': units of a layer start equal and stay equal,
  ~0.50 levelling vs ~0.25 He-initialised (the broken run still creeps by ~0.002 an epoch).

Stall steps: the non-finite run's (308, the first NaN batch loss read off the custom loop's
per-step losses under keras's seed 0) and the low rate's (12, where the schedule reaches its
floor) are exact; None (from the start) for the dead-relu and sigmoid-recurrence runs (whose first
few dozen steps only learn the class prior); the others are approximate, read off the per-step
loss in windows of half an epoch where it stops improving (the Noam exponent at 48, the plot
projection at 320, the uniform init at 80, the raw gauge at 112, the sigmoid count head at 48,
the embedding penalty at 32, the constant init at 96), and noted next to their scenarios.
Labelling convention: healthy runs carry no causes; expected_causes holds the one root cause
each broken run was built around, with no secondary symptom listed.

Dropped or changed because they did not behave as intended: there is no exploding-gradients
run, so the corsairs have five runs and the catalogue twenty-three. Tried for it: a relu
SimpleRNN(48) over sixty half-minutes under SGD with momentum without the recipe's clipnorm
(it learned, ~0.07, better than the clipped fix); the same with the IRNN's identity recurrence
at 24, 36 and 60 steps and rates 1e-3 to 1e-2 (NaN at the first step; under Adam it kept
falling, ~0.35); relu residual MLPs of 5 to 12 blocks without normalisation under SGD with
momentum (NaN at once, or still falling at 5 and 6 blocks with smaller rates); six
attention + feed-forward residual blocks without their LayerNormalization under SGD (NaN at
once). Also changed: the sigmoid recurrence ran first over twenty watches under SGD 0.05 with
momentum, where the tanh fix could not learn either (and at twelve watches the fix was
unstable at 0.05), so it runs twelve watches at 0.01; the plot projection first trained at
Adam 3e-3 and was still falling (~0.87, -0.02 an epoch), so it runs at 1e-2; the poor
initialisation was first RandomNormal(stddev=1.0) on every kernel, which started at ~200 and
kept falling steadily (~8.5 at the end: a slow recovery, not a stall), so it became the
constant kernels at Adam 3e-3.

Not written because earlier catalogues hold the mechanism (judged from their docstrings
only; overlaps that remain are in the layer or the model, noted here): Rescaling(255) and
other input-scale slips before tanh, RandomNormal(stddev=1) kernels and Orthogonal or
VarianceScaling gains (the RandomUniform(-1, 1) run is their relative on a Dense tanh stack),
BatchNormalization gamma offsets, hard_tanh temperatures, bias and normalisation-beta offsets
in front of relus (the dark-frame bias shares their kind, on a Conv2D lantern net), NonNeg
kernels, ReLU(threshold), IRNNs and He recurrences, softmax temperatures, deep sigmoid,
softsign and hard_sigmoid towers and sigmoid SimpleRNNs (the storm-log run is of that family),
CosineDecay, ExponentialDecay and PolynomialDecay decay_steps given in epochs (the polynomial
run repeats this slip on a GRU), the Noam schedule with a wrong d_model (the exponent-sign slip
is new), Dense(2) projections (the octant task is new), unix timestamps, grid references and
raw price columns (the gauge run is a relative), sigmoid, tanh, softplus and exponential heads
on mismatched targets under MSE (the Poisson loss is new here), acos of an unclamped cosine
(an earlier catalogue has it in a gaze model; this one is a heading), L2 overdoses on
embeddings and kernels, Dropout read as keep probability, zero and constant kernels
(the constant init run is their relative on a two-input model), and the usual healthy kinds
(label noise, Student-t scatter under Huber, class weights, pinball and Poisson losses,
warm-up plus cosine, ReduceLROnPlateau, step decays, memorised small sets).
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _standardize, registrar

FAMILIES = ('privateers', 'corsairs', 'wreckers', 'smugglers')

REGISTRY = []

holdout178 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data: a privateer's prize book, a corsair galley's logs, a wrecker's coast, a smuggler's runs


def _rng(seed):
    return np.random.default_rng(seed)


def _prize_book(n, seed, noise=0.3, tail_df=None):
    """Eight standardised facts about a captured prize (tonnage, guns, crew, days at sea...)
    and the prize court's valuation: smooth and nonlinear, with scatter."""
    r = _rng(seed)
    x = r.normal(size=(n, 8))
    value = (np.sin(1.5 * x[:, 0]) + 0.8 * x[:, 1] * x[:, 2] + 0.5 * x[:, 3] ** 2
             - 0.6 * np.tanh(2 * x[:, 4]) + 0.3 * x[:, 5])
    scatter = r.standard_t(tail_df, size=n) if tail_df else r.normal(size=n)
    y = value - value.mean() + noise * scatter
    return x.astype('float32'), y.astype('float32')


def _sightings(n, seed, length=16, vocab=24, flip=0.0):
    """A lookout's log of sighting codes; the quarry is a merchantman (1) when the codes of
    laden sails outnumber the codes of warships, with some entries mis-logged."""
    r = _rng(seed)
    tokens = r.integers(1, vocab, size=(n, length))
    laden = np.isin(tokens, np.arange(1, 7)).sum(1)
    warship = np.isin(tokens, np.arange(7, 13)).sum(1)
    y = (laden > warship).astype('int32')
    wrong = r.random(n) < flip
    y[wrong] = 1 - y[wrong]
    return tokens.astype('int32'), y


def _octant_prizes(n, seed):
    """Ten readings of a sighted sail mixed from three hidden traits (rig, flag, lading); its
    kind is the octant of the three traits (eight kinds)."""
    r = _rng(seed)
    z = r.normal(size=(n, 3))
    mix = r.normal(size=(3, 10))
    x = z @ mix + 0.1 * r.normal(size=(n, 10))
    y = (z[:, 0] > 0) * 4 + (z[:, 1] > 0) * 2 + (z[:, 2] > 0)
    return _standardize(x), y.astype('int32')


def _headings(n, seed):
    """Wind, current and the quarry's last two bearings; the target is the quarry's next
    heading as a unit vector (cos, sin)."""
    r = _rng(seed)
    x = r.normal(size=(n, 6))
    theta = 1.2 * x[:, 0] + 0.8 * np.sin(2 * x[:, 1]) + 0.5 * x[:, 2] * x[:, 3]
    y = np.stack([np.cos(theta), np.sin(theta)], axis=1)
    return x.astype('float32'), y.astype('float32')


def _oar_strokes(n, seed, length=30, hetero=False):
    """A galley's stroke-rate log (stroke rate, oar depth, sea state per half minute) and its
    speed over the next mile."""
    r = _rng(seed)
    rate = 1.0 + 0.3 * r.normal(size=(n, 1)) + 0.1 * np.cumsum(r.normal(size=(n, length)), 1)
    depth = 0.5 * r.normal(size=(n, 1)) + 0.2 * r.normal(size=(n, length))
    sea = r.normal(size=(n, length))
    x = np.stack([rate, depth, sea], axis=-1)
    speed = np.tanh(rate[:, -10:].mean(1)) * (1 + 0.5 * depth.mean(1)) - 0.3 * sea[:, -5:].mean(1)
    spread = 0.2 * (1 + np.abs(sea[:, -5:].mean(1))) if hetero else 0.1
    y = speed + spread * r.normal(size=n)
    return _standardize(x.reshape(n, -1)).reshape(n, length, 3), _standardize(y[:, None])[:, 0]


def _raid_tables(n, seed, dim=12):
    """A corsair captain's raid tables: twelve standardised facts of a coastal raid and its
    takings (nonlinear, noisy)."""
    r = _rng(seed)
    x = r.normal(size=(n, dim))
    w = r.normal(size=(dim, 6)) / np.sqrt(dim)
    h = np.tanh(x @ w * 2.0)
    y = h @ r.normal(size=6) + 0.3 * x[:, 0] * x[:, 1] + 0.2 * r.normal(size=n)
    return x.astype('float32'), ((y - y.mean()) / y.std()).astype('float32')


def _lanterns(n, seed, size=14, flip=0.0):
    """A wrecker's view of a lantern on the cliff at night (size x size): a steady lamp, a
    swung lamp (a streak), a pair of lamps or a hooded lamp (a ring), pixel values in [0, 1]."""
    r = _rng(seed)
    y = r.integers(0, 4, size=n)
    img = 0.08 * r.random((n, size, size))
    yy, xx = np.mgrid[:size, :size]
    for i in range(n):
        cy, cx = r.integers(4, size - 4, size=2)
        d2 = (yy - cy) ** 2 + (xx - cx) ** 2
        if y[i] == 0:
            img[i] += np.exp(-d2 / 2.0)
        elif y[i] == 1:
            img[i] += np.exp(-((yy - cy) ** 2) / 1.0) * (np.abs(xx - cx) < 4)
        elif y[i] == 2:
            img[i] += np.exp(-((yy - cy) ** 2 + (xx - cx + 2) ** 2) / 1.5)
            img[i] += np.exp(-((yy - cy) ** 2 + (xx - cx - 2) ** 2) / 1.5)
        else:
            img[i] += np.exp(-((np.sqrt(d2) - 2.5) ** 2) / 0.8)
    wrong = r.random(n) < flip
    y[wrong] = r.integers(0, 4, size=wrong.sum())
    return np.clip(img, 0, 1)[..., None].astype('float32'), y.astype('int32')


def _tide_gauge(n, seed, length=48, noise=0.3):
    """Two days of half-hourly tide height and barometer readings (standardised) and the
    height of the surge at the next high water."""
    r = _rng(seed)
    t = np.arange(length)
    phase = r.uniform(0, 2 * np.pi, size=(n, 1))
    amp = 1 + 0.3 * r.normal(size=(n, 1))
    tide = amp * np.sin(2 * np.pi * t / 24.8 + phase) + 0.1 * r.normal(size=(n, length))
    baro = np.cumsum(0.2 * r.normal(size=(n, length)), 1)
    x = np.stack([tide, baro], axis=-1)
    surge = amp[:, 0] * 0.8 - 0.5 * baro[:, -6:].mean(1) + 0.2 * np.cos(phase[:, 0])
    y = surge + noise * r.normal(size=n)
    return x.astype('float32'), ((y - y.mean()) / y.std()).astype('float32')


def _storm_logs(n, seed, length=12):
    """A wrecker's storm log (wind, swell, per watch): whether a ship will come ashore is
    set by the gale in the first three watches; the later watches are weather noise."""
    r = _rng(seed)
    x = r.normal(size=(n, length, 2))
    y = (x[:, :3, 0].sum(1) + 0.5 * x[:, :3, 1].sum(1) > 0).astype('int32')
    return x.astype('float32'), y


def _manifests(n, seed, length=20, vocab=40, flip=0.0):
    """A smuggler's cargo manifest as item codes; the run is contraband (1) when brandy or
    tea codes sit next to a 'ballast' code, a few runs mis-recorded."""
    r = _rng(seed)
    tokens = r.integers(1, vocab, size=(n, length))
    spirit = np.isin(tokens, np.arange(1, 6))
    ballast = np.isin(tokens, np.arange(6, 10))
    near = (spirit[:, :-1] & ballast[:, 1:]) | (ballast[:, :-1] & spirit[:, 1:])
    y = near.any(1).astype('int32')
    wrong = r.random(n) < flip
    y[wrong] = 1 - y[wrong]
    return tokens.astype('int32'), y


def _landings(n, seed):
    """A smuggling run: the cove (one of 12), moon, tide, wind and excise-patrol facts, and
    the kegs landed that night (counts) with the cove's own temper."""
    r = _rng(seed)
    cove = r.integers(0, 12, size=n)
    x = r.normal(size=(n, 5))
    cove_effect = r.normal(0, 0.5, size=12)
    rate = np.exp(1.2 + cove_effect[cove] - 0.5 * x[:, 0] + 0.3 * x[:, 1] * x[:, 2]
                  - 0.2 * x[:, 3] ** 2)
    kegs = r.poisson(rate)
    return cove.astype('int32'), x.astype('float32'), kegs.astype('float32')


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, class_weight=None):
    """_fit for a list of inputs (and a class_weight): all but the last PROBE_SIZE rows train,
    those are the probe."""
    train = [part[:-PROBE_SIZE] for part in inputs]
    probe = ([part[-PROBE_SIZE:] for part in inputs], y[-PROBE_SIZE:])
    if len(inputs) == 1:
        train, probe = train[0], (probe[0][0], probe[1])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        class_weight=class_weight, verbose=0,
                        callbacks=session.callbacks(probe))
    return history.history['loss']


# =============================================================================================
# broken helpers (each trains either the broken run or its fix)


def _noam_exponent(session, broken):
    keras = _keras()
    x, y = _sightings(N, seed=17801)
    d_model, warmup = 32, 100

    class Noam(keras.optimizers.schedules.LearningRateSchedule):
        def __call__(self, step):
            step = keras.ops.cast(step, 'float32') + 1.0
            scale = d_model ** 0.5 if broken else d_model ** -0.5
            return scale * keras.ops.minimum(step ** -0.5, step * warmup ** -1.5)

        def get_config(self):
            return {'d_model': d_model, 'warmup': warmup}

    inputs = keras.Input((x.shape[1],), dtype='int32')
    h = keras.layers.Embedding(24, d_model)(inputs)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=16)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation='relu')(h)
    model = keras.Model(inputs, keras.layers.Dense(2, activation='softmax')(h))
    model.compile(keras.optimizers.Adam(Noam(), beta_2=0.98), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _angular_error(session, broken):
    import tensorflow as tf

    keras = _keras()
    x, y = _headings(N, seed=17802)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation='relu'),
                              keras.layers.Dense(64, activation='relu'), keras.layers.Dense(2)])

    def angular(targets, predictions):
        unit = predictions / tf.norm(predictions, axis=-1, keepdims=True)
        cosine = tf.reduce_sum(targets * unit, axis=-1)
        if not broken:
            cosine = tf.clip_by_value(cosine, -1.0 + 1e-6, 1.0 - 1e-6)
        return tf.reduce_mean(tf.acos(cosine))

    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), angular, x, y,
                        epochs=20, batch_size=32, seed=17802,
                        loss_description='mean angular error, acos(cosine similarity)')


def _plot_projection(session, broken):
    keras = _keras()
    x, y = _octant_prizes(N, seed=17803)
    layers = [keras.Input((10,))]
    if broken:
        layers.append(keras.layers.Dense(2, name='plot_xy'))
    layers += [keras.layers.Dense(64, activation='relu'), keras.layers.Dense(64, activation='relu'),
               keras.layers.Dense(8, activation='softmax')]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.Adam(1e-2), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _uniform_unit_init(session, broken):
    keras = _keras()
    x, y = _raid_tables(N, seed=17805, dim=64)
    init = keras.initializers.RandomUniform(-1.0, 1.0, seed=17805) if broken else 'glorot_uniform'
    model = keras.Sequential([keras.Input((64,))] + [
        keras.layers.Dense(128, activation='tanh', kernel_initializer=init) for _ in range(3)
    ] + [keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), 'mse')
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _polynomial_in_epochs(session, broken):
    keras = _keras()
    x, y = _oar_strokes(N, seed=17806)
    epochs, steps = 12, -(-1024 // 32)
    rate = keras.optimizers.schedules.PolynomialDecay(
        3e-3, decay_steps=epochs if broken else epochs * steps, end_learning_rate=1e-6)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(rate), 'mse')
    return _fit(session, model, x, y, epochs=epochs, batch_size=32)


def _dark_frame_bias(session, broken):
    keras = _keras()
    x, y = _lanterns(N, seed=17807)
    bias = keras.initializers.Constant(-2.0) if broken else 'zeros'
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(16, 3, activation='relu', padding='same', bias_initializer=bias),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation='relu', padding='same', bias_initializer=bias),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(4, activation='softmax'),
    ])
    model.compile(keras.optimizers.Adam(2e-3), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _gauge_in_units(session, broken):
    keras = _keras()
    x, y = _tide_gauge(N, seed=17808)
    if broken:
        # tide in millimetres above chart datum, barometer in pascals, as the logger wrote them
        x = np.stack([x[..., 0] * 1500.0 + 4000.0, x[..., 1] * 1200.0 + 101325.0], -1)
        x = x.astype('float32')
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation='relu'),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation='relu'),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation='relu'),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(2e-3), 'mse')
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _sigmoid_recurrence(session, broken):
    keras = _keras()
    x, y = _storm_logs(N, seed=17809)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.SimpleRNN(32, activation='sigmoid' if broken else 'tanh'),
        keras.layers.Dense(2, activation='softmax'),
    ])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _sigmoid_count_head(session, broken):
    keras = _keras()
    cove, x, kegs = _landings(N, seed=17810)
    model = keras.Sequential([
        keras.Input((5,)),
        keras.layers.Dense(64, activation='relu'),
        keras.layers.Dense(64, activation='relu'),
        keras.layers.Dense(1, activation='sigmoid' if broken else 'exponential'),
    ])
    model.compile(keras.optimizers.Adam(2e-3), 'poisson')
    return _fit(session, model, x, kegs, epochs=12, batch_size=32)


def _embedding_penalty(session, broken):
    keras = _keras()
    x, y = _manifests(N, seed=17811)
    reg = keras.regularizers.L2(1.0 if broken else 1e-5)
    model = keras.Sequential([
        keras.Input((x.shape[1],), dtype='int32'),
        keras.layers.Embedding(40, 16, embeddings_regularizer=reg),
        keras.layers.Conv1D(32, 2, activation='relu'),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(2, activation='softmax'),
    ])
    model.compile(keras.optimizers.Adam(3e-3), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _constant_init(session, broken):
    keras = _keras()
    cove, x, kegs = _landings(N, seed=17812)
    busy = (kegs > np.median(kegs)).astype('int32')
    init = keras.initializers.Constant(0.1) if broken else 'he_normal'
    cove_in = keras.Input((1,), dtype='int32')
    facts_in = keras.Input((5,))
    emb = keras.layers.Flatten()(keras.layers.Embedding(12, 8)(cove_in))
    h = keras.layers.Concatenate()([emb, facts_in])
    for _ in range(3):
        h = keras.layers.Dense(64, activation='relu', kernel_initializer=init)(h)
    out = keras.layers.Dense(2, activation='softmax', kernel_initializer=init)(h)
    model = keras.Model([cove_in, facts_in], out)
    model.compile(keras.optimizers.Adam(3e-3), 'sparse_categorical_crossentropy')
    return _fit_inputs(session, model, [cove[:, None], x], busy, epochs=12, batch_size=32)


# =============================================================================================
# privateers


@holdout178('privateers', healthy=True)
def prize_court_valuation_huber(session):
    """A privateer's prize court valuation from eight standardised facts about the captured
    ship, whose appraisers disagree with Student-t (df=2) scatter: a 2x64 relu MLP under the
    Huber loss and Adam on a PiecewiseConstantDecay (3e-3, then 1e-3 after step 200 and 3e-4
    after step 400). The loss steps down at each boundary and settles on the appraisers'
    heavy-tailed disagreement."""
    keras = _keras()
    x, y = _prize_book(N, seed=17821, noise=0.4, tail_df=2)
    rate = keras.optimizers.schedules.PiecewiseConstantDecay([200, 400], [3e-3, 1e-3, 3e-4])
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation='relu'),
                              keras.layers.Dense(64, activation='relu'), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(rate), keras.losses.Huber(delta=1.0))
    return _fit(session, model, x, y, epochs=16, batch_size=32)


@holdout178('privateers', healthy=True)
def lookout_log_attention(session):
    """Whether the quarry is a merchantman, from the lookout's log of sixteen sighting codes:
    an Embedding, one MultiHeadAttention block with a residual and LayerNormalization, average
    pooling and a small relu head, Adam 2e-3. An eighth of the entries were mis-logged, so the
    cross-entropy flattens well above zero."""
    keras = _keras()
    x, y = _sightings(N, seed=17822, flip=0.12)
    inputs = keras.Input((x.shape[1],), dtype='int32')
    h = keras.layers.Embedding(24, 32)(inputs)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=16)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation='relu')(h)
    model = keras.Model(inputs, keras.layers.Dense(2, activation='softmax')(h))
    model.compile(keras.optimizers.Adam(2e-3), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout178('privateers', healthy=True)
def rare_rich_prize_class_weight(session):
    """Whether a prize is a rich one (about one in twenty) from eight facts, the court's
    valuation being noisy near the threshold: a 2x32 relu MLP with a sigmoid output under
    binary cross-entropy, class_weight {0: 1, 1: 6}, Adam 1e-3. The weighted loss falls
    quickly, then eases on the rare, ambiguous cases."""
    keras = _keras()
    x, value = _prize_book(N, seed=17823, noise=0.6)
    y = (value > np.quantile(value, 0.95)).astype('float32')
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation='relu'),
                              keras.layers.Dense(32, activation='relu'),
                              keras.layers.Dense(1, activation='sigmoid')])
    model.compile(keras.optimizers.Adam(1e-3), 'binary_crossentropy')
    return _fit_inputs(session, model, [x], y, epochs=12, batch_size=32,
                       class_weight={0: 1.0, 1: 6.0})


@holdout178('privateers', ['learning_rate_too_high'], stall_begins=48)  # approximate
def lookout_noam_exponent_sign(session):
    """The lookout's sighting codes through an Embedding and a MultiHeadAttention block under
    Adam on the Transformer paper's schedule, written d_model ** 0.5 instead of d_model **
    -0.5: with d_model = 32 the rate peaks at ~0.57 after the 100-step warm-up (meant ~0.018)
    and is still ~0.3 at the end."""
    return _noam_exponent(session, broken=True)


@holdout178('privateers', ['non_finite_values'], stall_begins=308)
def quarry_heading_arccos(session):
    """A custom GradientTape loop predicting the quarry's next heading as a 2-vector from wind,
    current and its last bearings, trained on the mean angular error acos(cosine) without a
    clamp: once a prediction lines up, rounding puts the cosine at or above 1, acos gives NaN
    (or its gradient is infinite) and the weights turn NaN."""
    return _angular_error(session, broken=True)


@holdout178('privateers', ['insufficient_capacity'], stall_begins=320)  # approximate
def sail_kind_plot_projection(session):
    """A sighted sail's kind (eight kinds, the octants of three hidden traits mixed into ten
    readings) by a relu MLP whose first layer is the Dense(2) 'plot_xy' projection kept from
    the notebook that drew the scatter plot: no two numbers can keep eight octants apart."""
    return _plot_projection(session, broken=True)


# =============================================================================================
# corsairs


@holdout178('corsairs', healthy=True)
def galley_speed_gru_reduce_on_plateau(session):
    """A galley's speed over the next mile from thirty half-minutes of stroke rate, oar depth
    and sea state, its log-line scatter growing with the sea: a GRU(24) under Adam 3e-3 with
    ReduceLROnPlateau(monitor='loss', factor=0.5, patience=1). A quick fall, then the rate is
    halved as the loss nears the sea's heteroscedastic scatter."""
    keras = _keras()
    x, y = _oar_strokes(N, seed=17824, hetero=True)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(24),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), 'mse')
    plateau = keras.callbacks.ReduceLROnPlateau(monitor='loss', factor=0.5, patience=1)
    return _fit(session, model, x, y, epochs=14, batch_size=32, callbacks=[plateau])


@holdout178('corsairs', healthy=True)
def raid_takings_pinball_loop(session):
    """The 0.8 quantile of a raid's takings from twelve facts, in a custom GradientTape loop
    under the pinball loss, a 2x64 relu MLP under SGD with Nesterov momentum 0.9 at 0.01. The
    pinball loss of a quantile cannot go below the scatter's own, so it levels far above 0."""
    import tensorflow as tf

    keras = _keras()
    x, y = _raid_tables(N, seed=17825)
    y = y[:, None]
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(64, activation='relu'),
                              keras.layers.Dense(64, activation='relu'), keras.layers.Dense(1)])

    def pinball(targets, predictions, tau=0.8):
        error = targets - predictions
        return tf.reduce_mean(tf.maximum(tau * error, (tau - 1.0) * error))

    return _custom_loop(session, model, keras.optimizers.SGD(0.01, momentum=0.9, nesterov=True),
                        pinball, x, y, epochs=15, batch_size=32, seed=17825,
                        loss_description='pinball loss, tau = 0.8')


@holdout178('corsairs', healthy=True)
def small_crew_roster_memorised(session):
    """A raid's takings from the tables of only 160 raids, a 2x128 relu MLP under Adam 1e-3 at
    batch 16 for 40 epochs: the net memorises the small book, the training loss keeps sinking
    below the noise long after the held-out error would have stopped improving."""
    keras = _keras()
    x, y = _raid_tables(160 + PROBE_SIZE, seed=17826)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(128, activation='relu'),
                              keras.layers.Dense(128, activation='relu'), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), 'mse')
    return _fit(session, model, x, y, epochs=40, batch_size=16)


@holdout178('corsairs', ['saturated_activations'], stall_begins=80)  # approximate
def raid_tables_uniform_unit_init(session):
    """A raid's takings from 64 facts by three tanh Dense(128) layers whose kernels were set to
    RandomUniform(-1, 1), 'uniform weights in [-1, 1]' from an old tutorial, under SGD with
    momentum: with fan-ins of 64 and 128 the pre-activations are in the tens and every tanh
    unit sits at +-1."""
    return _uniform_unit_init(session, broken=True)


@holdout178('corsairs', ['learning_rate_too_low'], stall_begins=12)
def galley_polynomial_decay_in_epochs(session):
    """A galley's speed by a GRU(24) under Adam on PolynomialDecay(3e-3, decay_steps=12) with
    the 12 meaning epochs: the schedule counts optimizer steps, so the rate is at its floor of
    1e-6 after twelve steps and the loss is frozen from there on."""
    return _polynomial_in_epochs(session, broken=True)


# =============================================================================================
# wreckers


@holdout178('wreckers', healthy=True)
def lantern_cnn_warmup_cosine(session):
    """Which lantern a wrecker sees on the cliff (steady, swung, paired or hooded) from 14x14
    night views, a small Conv2D net under Adam on CosineDecay with a linear warm-up to 3e-3
    over 60 steps; a sixth of the watchers' calls are wrong, so the loss flattens high."""
    keras = _keras()
    x, y = _lanterns(N, seed=17827, flip=0.16)
    rate = keras.optimizers.schedules.CosineDecay(1e-4, decay_steps=300, warmup_target=3e-3,
                                                  warmup_steps=60)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(16, 3, activation='relu', padding='same'),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation='relu', padding='same'),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(4, activation='softmax'),
    ])
    model.compile(keras.optimizers.Adam(rate), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout178('wreckers', healthy=True)
def surge_conv1d_step_decay(session):
    """The surge at the next high water from two days of tide and barometer readings
    (standardised), a Conv1D net under SGD with Nesterov momentum at 0.01, halved by a
    LearningRateScheduler at epochs 6 and 10. The gauge's own scatter sets a floor near a
    fifth of the variance."""
    keras = _keras()
    x, y = _tide_gauge(N, seed=17828, noise=0.5)

    def halve(epoch, lr):
        return lr * 0.5 if epoch in (6, 10) else lr

    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation='relu'),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation='relu'),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation='relu'),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9, nesterov=True), 'mse')
    return _fit(session, model, x, y, epochs=14, batch_size=32,
                callbacks=[keras.callbacks.LearningRateScheduler(halve)])


@holdout178('wreckers', healthy=True)
def storm_log_bidirectional_gru(session):
    """Whether a ship comes ashore, from a storm log of twelve watches (wind, swell) whose
    first three decide it, by a Bidirectional GRU(16) under RMSprop 1e-3; one log in ten
    records the wrong outcome, so the loss settles near the label noise after a slow start."""
    keras = _keras()
    x, y = _storm_logs(N, seed=17829)
    wrong = _rng(17830).random(len(y)) < 0.1
    y = np.where(wrong, 1 - y, y).astype('int32')
    model = keras.Sequential([keras.Input(x.shape[1:]),
                              keras.layers.Bidirectional(keras.layers.GRU(16)),
                              keras.layers.Dense(2, activation='softmax')])
    model.compile(keras.optimizers.RMSprop(1e-3), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout178('wreckers', ['dead_relus'], stall_begins=None)
def lantern_dark_frame_bias(session):
    """The lantern views by a Conv2D net whose convolution biases start at -2, a 'dark-frame
    threshold' meant to ignore the night's faint glow: the views are in [0, 1] and a 3x3
    filter's response never reaches 2, so every relu is 0 for every view from the start."""
    return _dark_frame_bias(session, broken=True)


@holdout178('wreckers', ['unnormalized_inputs'], stall_begins=112)  # approximate
def surge_gauge_raw_units(session):
    """The surge predicted by a Conv1D net fed the gauge as it logs: tide in millimetres above
    chart datum (~4000 +- 1500) beside the barometer in pascals (~101325 +- 1200), unscaled,
    under Adam 2e-3."""
    return _gauge_in_units(session, broken=True)


@holdout178('wreckers', ['vanishing_gradients'], stall_begins=None)
def storm_log_sigmoid_recurrence(session):
    """Whether a ship comes ashore, from twelve watches of a storm log, by a SimpleRNN(32) given
    activation='sigmoid' (meant for the output) under SGD 0.01 with momentum: the sigmoid's slope of
    at most 1/4 shrinks the gradient at every watch, and the first three watches decide."""
    return _sigmoid_recurrence(session, broken=True)


# =============================================================================================
# smugglers


@holdout178('smugglers', healthy=True)
def kegs_landed_poisson_two_inputs(session):
    """Kegs landed on a night's run, from the cove (an Embedding of 12) and five facts of moon,
    tide, wind and patrols, by a two-input relu MLP with an exponential head under the Poisson
    loss and Adam 3e-3. The counts are Poisson, so the loss levels at their own noise."""
    keras = _keras()
    cove, x, kegs = _landings(N, seed=17831)
    cove_in = keras.Input((1,), dtype='int32')
    facts_in = keras.Input((5,))
    emb = keras.layers.Flatten()(keras.layers.Embedding(12, 4)(cove_in))
    h = keras.layers.Concatenate()([emb, facts_in])
    h = keras.layers.Dense(32, activation='relu')(h)
    h = keras.layers.Dense(32, activation='relu')(h)
    out = keras.layers.Dense(1, activation='exponential')(h)
    model = keras.Model([cove_in, facts_in], out)
    model.compile(keras.optimizers.Adam(3e-3), 'poisson')
    return _fit_inputs(session, model, [cove[:, None], x], kegs, epochs=12, batch_size=32)


@holdout178('smugglers', healthy=True)
def manifest_codes_conv_label_noise(session):
    """Whether a run carried contraband from its manifest's item codes (brandy or tea next to
    ballast), an Embedding, a Conv1D over neighbouring codes and global max pooling, Nadam
    2e-3; a tenth of the runs were written up wrongly, so the loss stops well above zero."""
    keras = _keras()
    x, y = _manifests(N, seed=17832, flip=0.1)
    model = keras.Sequential([
        keras.Input((x.shape[1],), dtype='int32'),
        keras.layers.Embedding(40, 16),
        keras.layers.Conv1D(32, 2, activation='relu'),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(2, activation='softmax'),
    ])
    model.compile(keras.optimizers.Nadam(2e-3), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout178('smugglers', healthy=True)
def landings_log_kegs_slow_loop(session):
    """The log of kegs landed (log1p) from the five facts of the night alone, the cove left
    out, in a custom GradientTape loop: a 2x64 relu MLP under SGD with momentum 0.9 at 0.02 and
    the mean absolute error. A quick fall, then a slow easing on the counts' Poisson scatter
    and the unseen coves' tempers, far above zero."""
    keras = _keras()
    cove, x, kegs = _landings(N, seed=17833)
    y = np.log1p(kegs)[:, None].astype('float32')
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(64, activation='relu'),
                              keras.layers.Dense(64, activation='relu'), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.SGD(0.02, momentum=0.9),
                        keras.losses.MeanAbsoluteError(), x, y, epochs=15, batch_size=32,
                        seed=17833)


@holdout178('smugglers', ['loss_activation_mismatch'], stall_begins=48)  # approximate
def kegs_sigmoid_head_poisson(session):
    """Kegs landed (about 4 a night, up to 20) under keras's Poisson loss by a relu MLP whose
    head kept activation='sigmoid' from the 'was the run intercepted' model: the predicted
    rate can never pass 1 keg."""
    return _sigmoid_count_head(session, broken=True)


@holdout178('smugglers', ['over_regularization'], stall_begins=32)  # approximate
def manifest_embedding_l2_one(session):
    """The manifest classifier (Embedding, Conv1D, max pooling) with
    embeddings_regularizer=L2(1.0), a weight decay of 1.0 copied from a per-epoch setting: the
    penalty holds every code's vector at ~0 and the codes cannot be told apart."""
    return _embedding_penalty(session, broken=True)


@holdout178('smugglers', ['poor_initialization'], stall_begins=96)  # approximate
def busy_night_constant_init(session):
    """Whether a night is busy (more kegs than the median), from the cove's Embedding and five
    facts, by three relu Dense(64) layers and a softmax head all initialised
    Constant(0.1), 'fixed weights so that runs are reproducible': every unit of a layer
    starts equal and receives the same update, so each layer acts as a single unit and the
    loss settles far above the He-initialised net's."""
    return _constant_init(session, broken=True)
