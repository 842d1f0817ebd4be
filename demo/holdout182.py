"""The hundred-and-eighty-second held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades, twenty-three runs: matmakers (rush mats: photographs of the weave, warp tension on
the loom, weavers and rush batches), pavers (slab sites on a survey grid, a plate compactor's
passes, tap-tested stones), reapers (thirty days of field weather before harvest, a binder's
moisture switches and day logs, whetstones) and gleaners (sacks, ears picked up in an hour,
walks across the stubble). Data are numpy generators with seeds 18201..18232; the last
PROBE_SIZE rows of every set are the probe. Every run was checked only from its own per-epoch
losses (Keras History or the custom loop's epoch means) under Session(None) with keras's seed
set to 0, and every broken run against its helper `_name(session, broken)` with broken=False.

Healthy half (twelve runs, nothing to fix in the code). Matmakers: the weave from 12x12 mat
photographs by a Conv2D net with BatchNormalization under Adam on a PiecewiseConstantDecay, a
sixth of the grades wrong (levels at ~0.43); the loom fault from 64 tension ticks by a Conv1D
front end and a GRU under Adam on CosineDecayRestarts (a bump at a restart, then lower); 160
inspected mats memorised by a two-Embedding relu MLP at batch 16 for 40 epochs. Pavers: the
0.9 quantile of a bed's density from 24 compactor passes by a GRU under the pinball loss in a
GradientTape loop with RMSprop, the scatter growing with the rebound's drift; rare cracked
stones (about 5%) under binary cross-entropy with class_weight 1:8 and Nesterov SGD; a slab's
settlement under the log-cosh loss with a wide survey scatter, Adam on a staircase
ExponentialDecay. Reapers: the yield from thirty days of weather by an LSTM under MSE with
ReduceLROnPlateau(monitor='loss'), Student-t (df=3) scatter; a three-switch parity among twenty
moisture switches learned by a 2x128 MLP, near ln 2 for three epochs and then a sudden drop
(the parity plateau, a real phenomenon); a day's log tokens by an Embedding with learned
positions and a MultiHeadAttention block (residual, LayerNormalization) under AdamW on
CosineDecay with a linear warm-up, a tenth of the outcomes wrong. Gleaners: ears per hour under
the Poisson loss with an exponential head (levels below zero, Keras leaving out log(y!)); the
weight gleaned on a twenty-stretch walk by a SimpleRNN under plain SGD at 0.01 in a
GradientTape loop (a slow descent, then a wobbling level); a sack's weight with a scatter
growing with one measurement, under a hand-written Gaussian negative log-likelihood (mean and
log-variance outputs), falling below zero with wobbles.

Broken half, one root cause each (broken final epoch loss vs the fixed helper's):
- saturated_activations, matmakers: depthwise_initializer='ones' ('start every filter as a box
  blur') on two tanh SeparableConv2D layers over [0, 1] photographs, SGD with momentum: every
  unit at +-1, ~1.42 (above ln 4) flat from the third epoch vs ~0.66 with Glorot.
- dead_relus, matmakers: bias_initializer=Constant(-4.0), a 'noise threshold' meant for raw
  tension, on relu Conv1D layers over standardised traces: ln 4 (1.385) from the start vs
  ~0.025.
- learning_rate_too_low, pavers: LearningRateScheduler(lambda epoch, lr: 0.01 * 0.1 ** epoch)
  where 0.1 ** (epoch // 10) was meant, SGD with momentum on a Conv1D net: frozen at ~0.875
  from the fourth epoch vs ~0.77.
- unnormalized_inputs, pavers: a Normalization layer adapted on the training rows but left out
  of the Sequential list, so millimetre grid coordinates (up to 40,000) go in raw: from ~1e5 to
  a bouncing 39-52 vs ~0.20.
- over_regularization, pavers: GaussianDropout(0.9) after each hidden layer, 0.9 meant as the
  keep probability (noise stddev 3): hangs at the target's variance, ~1.0, vs ~0.27 at 0.1.
- learning_rate_too_high, reapers: Adam given Adadelta's learning_rate=1.0 when the optimizer
  was swapped, on a GRU: bouncing between ~2.2 and ~3.1 vs ~0.22 at 3e-3.
- vanishing_gradients, reapers: activation='softmax' pasted into the four hidden layers of an
  MLP: ~0.686 from the start vs ~0.30 and falling with relu.
- exploding_gradients, reapers: a tanh SimpleRNN(128) with recurrent RandomNormal(stddev=0.3)
  copied from a ten-unit notebook (spectral radius ~3.4 at 128 units), SGD with momentum and
  clipnorm=1 in both versions: ~1.05-1.14 from the second epoch vs ~0.14 orthogonal.
- poor_initialization, gleaners: 'zeros' for every kernel of an LSTM and its Dense head: only
  the output bias learns, ~0.992 (the target's variance) flat vs ~0.24.
- loss_activation_mismatch, gleaners: a sigmoid head kept from a 'found anything' model on
  ears counted in an hour under MSE: ~20.8 flat from the second epoch vs ~4.4 linear.
- non_finite_values, gleaners: ears per metre computed as ears / metres with three walks of 0
  metres (inf and NaN features) into a tanh MLP with an exponential head, trained in file
  order: NaN from the batch holding row 421 to the end vs a finite, falling loss.

Stall steps (32 optimizer steps per epoch everywhere): the non-finite run's is exact (row 421
is in batch 13, 0-based); None (from the start) for the dead-relu, softmax-hidden and zero-LSTM
runs, flat from their first epoch; the others are approximate, read off the per-epoch loss
where it stops improving (box blur 64, per-epoch power 96, left-out normaliser 448, keep rate
320 and still creeping by ~0.01 an epoch, Adam at 1.0 64, notebook stddev 32, sigmoid count
head 32), and noted as such next to their scenarios. Labelling convention: healthy runs carry
no causes; expected_causes holds the one root cause each broken run was built around, with no
secondary symptom listed.

Dropped or changed because they did not behave as intended: there is no insufficient_capacity
run, so the matmakers have five runs and the catalogue twenty-three. Tried for it: a
one-dimensional Embedding per weaver and per rush batch for an interaction of two-dimensional
traits (it learned, 0.35 vs 0.29: the MLP behind two scalars carves the pairs apart anyway);
Conv2D's filters and kernel_size swapped (Conv2D(3, 16)), which learned as well as the fix; a
linear Dense(1) 'fault score' before a four-way softmax on the loom traces (0.23 and falling vs
0.006). The loss-activation mismatch was first a softmax head on multi-label sacks under binary
cross-entropy, then a sigmoid head under BinaryCrossentropy(from_logits=True): in both Keras 3
took the activation's logits and the runs were identical to the fix; a linear head under
binary cross-entropy (clipped probabilities) still learned (0.107 vs 0.092), so it became the
sigmoid head on counts. Adam at 0.1 on the GRU learned as well as the fix (0.23 vs 0.22), so
the rate is 1.0. GaussianNoise(5.0) is refused by keras (stddev must be at most 1), so the
over-regularisation is the GaussianDropout keep-rate slip. 'ones' for both the depthwise and
the pointwise kernels also made every filter identical (a symmetry, not only saturation), so
only the depthwise kernels are 'ones'. Zero input and recurrent kernels with a Glorot head
still learned (0.30 vs 0.24), so the head is zeros too. A hand-written MSLE with log(1 + y_pred)
on a linear head never went NaN (the predictions stayed above -1), and the ears-per-metre
feature first went through relu layers, which swallowed the NaN (a finite loss), so the layers
are tanh.

Not written because earlier catalogues hold the mechanism (judged from their docstrings only):
random-normal and orthogonal recurrent gains (the notebook-stddev run is their relative, its
slip a scale copied across widths), positional-mean initialisers, Rescaling and percent
factors before tanh, bias offsets and normalisation betas before relus (the loom threshold is
their relative on a Conv1D), deep sigmoid and hard_sigmoid towers, post-padding before RNNs,
learning-rate range tests, Adadelta's default rate, Dropout read as keep probability (here the
GaussianDropout form), L1 and L2 overdoses, decay_steps in epochs, Dense(1) and Dense(2)
bottlenecks, one-unit RNNs, raw sensor columns and timestamps, division by zero in features
(the zero walk is a relative), unclamped logs, and the usual healthy kinds (label noise,
Student-t scatter, class weights, pinball and Poisson losses, warm-up plus cosine,
ReduceLROnPlateau, step decays, memorised small sets).
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _standardize, registrar

FAMILIES = ('matmakers', 'pavers', 'reapers', 'gleaners')

REGISTRY = []
holdout182 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# =============================================================================================
# data: matmakers (weave photographs, loom tension traces, weavers and rush batches), pavers
# (slab sites, compaction passes, cracked stones), reapers (field weather, sheaves, binder
# traces), gleaners (sacks, fields, ears picked up)


def _rng(seed):
    return np.random.default_rng(seed)


def _weaves(n, seed, size=12, flip=0.0):
    """12x12x3 photographs of a mat: four weaves (plain rows, plain columns, twill diagonal,
    checker) in rush colours, with lighting and fibre noise; returns (images in [0, 1],
    weave class)."""
    r = _rng(seed)
    y = r.integers(0, 4, n)
    i, j = np.meshgrid(np.arange(size), np.arange(size), indexing='ij')
    patterns = np.stack([(i % 2), (j % 2), ((i + j) % 3 == 0), ((i // 2 + j // 2) % 2)])
    x = np.empty((n, size, size, 3), 'float32')
    for k in range(n):
        shift = r.integers(0, 3, 2)
        p = np.roll(patterns[y[k]], shift, axis=(0, 1)).astype('float32')
        base = r.uniform(0.25, 0.5, 3)
        tint = r.uniform(0.2, 0.4, 3)
        x[k] = base + p[..., None] * tint + r.normal(0, 0.08, (size, size, 3))
    x = np.clip(x, 0, 1)
    if flip:
        wrong = r.random(n) < flip
        y = np.where(wrong, r.integers(0, 4, n), y)
    return x.astype('float32'), y.astype('int32')


def _loom_traces(n, seed, length=64):
    """Warp tension on a loom over 64 ticks, standardised: the fault (a slipped heddle: a short
    burst; a loose warp: a slow sag; a knot: a single spike pair; none) to classify."""
    r = _rng(seed)
    y = r.integers(0, 4, n)
    t = np.arange(length)
    x = r.normal(0, 0.4, (n, length)) + 0.3 * np.sin(t / 3.0)[None]
    for k in range(n):
        at = r.integers(8, length - 16)
        if y[k] == 0:
            x[k, at:at + 6] += 1.5 * np.sin(np.arange(6) * 2.0)
        elif y[k] == 1:
            x[k, at:] -= np.linspace(0, 1.5, length - at)
        elif y[k] == 2:
            x[k, at] += 2.5
            x[k, at + 3] -= 2.5
    return _standardize(x)[..., None], y.astype('int32')


def _weaver_batches(n, seed, weavers=40, batches=30):
    """Whether a mat passes inspection: each weaver has two hidden habits (tightness, evenness)
    and each rush batch two properties (dryness, thickness); a mat passes when the weaver's
    habits suit the batch: the sign of an interaction of two-dimensional traits."""
    r = _rng(seed)
    wt = r.normal(0, 1, (weavers, 2))
    bt = r.normal(0, 1, (batches, 2))
    w = r.integers(0, weavers, n)
    b = r.integers(0, batches, n)
    score = wt[w, 0] * bt[b, 0] - wt[w, 1] * bt[b, 1]
    y = (score + r.normal(0, 0.2, n) > 0).astype('float32')
    return w.astype('int32'), b.astype('int32'), y


def _slab_sites(n, seed, noise=0.3):
    """Settlement (mm, standardised) of a paved slab after a winter, from site records: easting
    and northing on the site grid in millimetres, slope in per mille, sub-base depth (mm),
    compaction passes, load class (kN), moisture (%). Returns raw columns and target."""
    r = _rng(seed)
    east = r.uniform(0, 40000, n)
    north = r.uniform(0, 25000, n)
    slope = r.uniform(0, 40, n)
    depth = r.uniform(80, 250, n)
    passes = r.integers(2, 12, n).astype(float)
    load = r.choice([5.0, 25.0, 75.0], n)
    moist = r.uniform(5, 35, n)
    soft = np.sin(east / 6000.0) * np.cos(north / 5000.0)
    y = (1.2 * soft + 0.8 * np.tanh((120 - depth) / 40) + 0.5 * np.log(load / 5) / 2.7
         - 0.4 * np.log(passes) + 0.02 * moist + 0.01 * slope)
    y = y + r.normal(0, noise, n)
    x = np.stack([east, north, slope, depth, passes, load, moist], 1)
    y = (y - y.mean()) / y.std()
    return x.astype('float32'), y.astype('float32')


def _compaction(n, seed, length=24, noise=0.3, hetero=False):
    """A plate compactor's passes over a bed: per pass, standardised vibration amplitude and
    rebound; the target is the bed's final density (standardised), decided by the passes and
    by how the rebound settled."""
    r = _rng(seed)
    amp = r.normal(0, 1, (n, length))
    rebound = np.cumsum(r.normal(0, 0.3, (n, length)), 1)
    y = 0.6 * amp[:, :8].mean(1) * 2 + 0.5 * np.tanh(rebound[:, -1]) - 0.4 * rebound[:, 12]
    scale = noise * (1.0 + (np.abs(rebound[:, -1]) if hetero else 0.0))
    y = y + r.normal(0, 1, n) * scale
    x = np.stack([amp, rebound / 2.0], -1)
    return x.astype('float32'), ((y - y.mean()) / y.std()).astype('float32')


def _cracked_stones(n, seed, dim=10, rate=0.05):
    """Whether a delivered stone is cracked (rare, ~5%), from ten standardised tap-test
    features; the cracked stones sit off a curved surface, with overlap."""
    r = _rng(seed)
    x = r.normal(0, 1, (n, dim))
    logit = 1.5 * x[:, 0] + x[:, 1] ** 2 - 1.0 * x[:, 2] * x[:, 3]
    cut = np.quantile(logit, 1 - rate * 1.6)
    p = 1 / (1 + np.exp(-(logit - cut) * 2.0))
    y = (r.random(n) < p * 0.7).astype('float32')
    return x.astype('float32'), y


def _field_weather(n, seed, length=30, df=None, noise=0.25):
    """Thirty days of field weather before harvest (rain, warmth, sun, standardised): the
    yield (standardised) depends on warmth in the first ten days, a run of rain late on and
    the sun overall; the scatter is Student-t when df is given."""
    r = _rng(seed)
    x = r.normal(0, 1, (n, length, 3))
    y = (0.8 * x[:, :10, 1].mean(1) * 3 - 0.6 * np.tanh(x[:, 20:, 0].sum(1) / 3)
         + 0.3 * x[:, :, 2].mean(1) * 5)
    eps = r.standard_t(df, n) if df else r.normal(0, 1, n)
    y = y + noise * eps
    return x.astype('float32'), ((y - y.mean()) / y.std()).astype('float32')


def _sheaf_sensor(n, seed, dim=20):
    """A sheaf-binder's twenty moisture switches (0/1); the bale spoils when an odd number of
    three particular switches are wet (a parity, which gradient descent finds only after a
    long plateau)."""
    r = _rng(seed)
    x = r.integers(0, 2, (n, dim)).astype('float32')
    y = (x[:, 2] + x[:, 7] + x[:, 11]) % 2
    return (2 * x - 1).astype('float32'), y.astype('float32')


def _binder_days(n, seed, length=16, vocab=30, flip=0.1):
    """Sixteen tokens of a reaping day's log (tasks, weather words); whether the day's
    binding was finished depends on whether 'mended' (token 5) was written more often than
    'twine out' (token 3); a tenth of the outcomes were noted wrongly."""
    r = _rng(seed)
    x = r.integers(6, vocab, (n, length))
    y = np.zeros(n)
    for k in range(n):
        twine, mended = r.choice(5, 2, replace=False)
        at = r.permutation(length)
        x[k, at[:twine]] = 3
        x[k, at[twine:twine + mended]] = 5
        y[k] = float(mended > twine)
    wrong = r.random(n) < flip
    y = np.where(wrong, 1 - y, y)
    return x.astype('int32'), y.astype('float32')


def _sacks(n, seed, dim=12, kinds=5):
    """What is in a gleaner's sack (wheat, barley, oats, beans, peas: several at once) from
    twelve standardised measurements of the sack (weight, volume, rattle, smell...)."""
    r = _rng(seed)
    w = r.normal(0, 1, (dim, kinds))
    x = r.normal(0, 1, (n, dim))
    z = x @ w / np.sqrt(dim) * 2.5 + 0.3 * np.sin(3 * x[:, :kinds])
    y = (z + r.normal(0, 0.3, z.shape) > 0.3).astype('float32')
    return x.astype('float32'), y


def _ears(n, seed, dim=6):
    """Ears of grain picked up by a gleaner in an hour (a count), from six standardised facts
    of the field and the hour (wind, stubble height, how late after the reapers...)."""
    r = _rng(seed)
    x = r.normal(0, 1, (n, dim))
    rate = np.exp(1.2 + 0.5 * x[:, 0] - 0.4 * x[:, 1] + 0.3 * np.tanh(x[:, 2] * x[:, 3]))
    return x.astype('float32'), r.poisson(rate).astype('float32')


def _glean_walks(n, seed, length=20):
    """A gleaner's walk across a field in twenty stretches (stubble density, distance from the
    last reaper, standardised); the target is the weight gleaned (standardised), depending
    mostly on the first stretches and the overall density."""
    r = _rng(seed)
    x = r.normal(0, 1, (n, length, 2))
    y = np.tanh(x[:, :4, 0].sum(1)) - 0.5 * x[:, :, 1].mean(1) * 3 + 0.3 * x[:, 0, 1]
    y = y + r.normal(0, 0.2, n)
    return x.astype('float32'), ((y - y.mean()) / y.std()).astype('float32')


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, class_weight=None,
                callbacks=(), shuffle=True):
    """_fit for a list of inputs (and a class_weight): all but the last PROBE_SIZE rows train,
    those are the probe."""
    train = [part[:-PROBE_SIZE] for part in inputs]
    probe = ([part[-PROBE_SIZE:] for part in inputs], y[-PROBE_SIZE:])
    if len(inputs) == 1:
        train, probe = train[0], (probe[0][0], probe[1])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        class_weight=class_weight, verbose=0, shuffle=shuffle,
                        callbacks=list(callbacks) + session.callbacks(probe))
    return history.history['loss']


# =============================================================================================
# broken helpers (each trains either the broken run or its fix)


def _box_blur_depthwise(session, broken):
    keras = _keras()
    x, y = _weaves(N, seed=18201)
    init = dict(depthwise_initializer='ones') if broken else {}
    model = keras.Sequential([
        keras.Input((12, 12, 3)),
        keras.layers.SeparableConv2D(16, 3, activation='tanh', padding='same', **init),
        keras.layers.SeparableConv2D(16, 3, activation='tanh', padding='same', **init),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation='softmax'),
    ])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _threshold_bias_conv1d(session, broken):
    keras = _keras()
    x, y = _loom_traces(N, seed=18202)
    bias = keras.initializers.Constant(-4.0 if broken else 0.0)
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation='relu', padding='same', bias_initializer=bias),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation='relu', padding='same', bias_initializer=bias),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(4, activation='softmax'),
    ])
    model.compile(keras.optimizers.Adam(3e-3), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _presence_head_on_counts(session, broken):
    keras = _keras()
    x, y = _ears(N, seed=18211)
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(32, activation='relu'),
        keras.layers.Dense(32, activation='relu'),
        keras.layers.Dense(1, activation='sigmoid' if broken else None),
    ])
    model.compile(keras.optimizers.Adam(3e-3), 'mse')
    return _fit(session, model, x, y[:, None], epochs=12, batch_size=32)


def _per_epoch_power(session, broken):
    keras = _keras()
    x, y = _compaction(N, seed=18204)
    if broken:
        def rate(epoch, lr):
            return 0.01 * 0.1 ** epoch
    else:
        def rate(epoch, lr):
            return 0.01 * 0.1 ** (epoch // 10)
    model = keras.Sequential([
        keras.Input((24, 2)),
        keras.layers.Conv1D(32, 3, activation='relu', padding='same'),
        keras.layers.Conv1D(32, 3, activation='relu', padding='same'),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation='relu'),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), 'mse')
    schedule = keras.callbacks.LearningRateScheduler(rate)
    return _fit(session, model, x, y, epochs=15, batch_size=32, callbacks=[schedule])


def _adapted_not_added(session, broken):
    keras = _keras()
    x, y = _slab_sites(N, seed=18205)
    norm = keras.layers.Normalization()
    norm.adapt(x[:-PROBE_SIZE])
    layers = [keras.Input((7,))] + ([] if broken else [norm])
    layers += [keras.layers.Dense(64, activation='relu'), keras.layers.Dense(64, activation='relu'),
               keras.layers.Dense(1)]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.Adam(1e-3), 'mse')
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _keep_rate_as_rate(session, broken):
    keras = _keras()
    x, y = _slab_sites(N, seed=18206)
    x = _standardize(x)
    model = keras.Sequential([
        keras.Input((7,)),
        keras.layers.Dense(64, activation='relu'),
        keras.layers.GaussianDropout(0.9 if broken else 0.1),
        keras.layers.Dense(64, activation='relu'),
        keras.layers.GaussianDropout(0.9 if broken else 0.1),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(2e-3), 'mse')
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _adadelta_rate_on_adam(session, broken):
    keras = _keras()
    x, y = _field_weather(N, seed=18207)
    model = keras.Sequential([
        keras.Input((30, 3)),
        keras.layers.GRU(32),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(1.0 if broken else 3e-3), 'mse')
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _softmax_hidden(session, broken):
    keras = _keras()
    x, y = _cracked_stones(N, seed=18208, rate=0.5)
    act = 'softmax' if broken else 'relu'
    model = _mlp_of(keras, 10, [64, 64, 64, 64], act)
    model.compile(keras.optimizers.Adam(1e-3), 'binary_crossentropy')
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _mlp_of(keras, inputs, hidden, activation):
    layers = [keras.Input((inputs,))]
    layers += [keras.layers.Dense(h, activation=activation) for h in hidden]
    layers.append(keras.layers.Dense(1, activation='sigmoid'))
    return keras.Sequential(layers)


def _notebook_stddev(session, broken):
    keras = _keras()
    x, y = _field_weather(N, seed=18209)
    init = keras.initializers.RandomNormal(stddev=0.3, seed=18209) if broken else 'orthogonal'
    model = keras.Sequential([
        keras.Input((30, 3)),
        keras.layers.SimpleRNN(128, recurrent_initializer=init),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9, clipnorm=1.0), 'mse')
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _zero_lstm(session, broken):
    keras = _keras()
    x, y = _glean_walks(N, seed=18210)
    init = dict(kernel_initializer='zeros') if broken else {}
    recurrent = dict(recurrent_initializer='zeros') if broken else {}
    model = keras.Sequential([
        keras.Input((20, 2)),
        keras.layers.LSTM(32, **init, **recurrent),
        keras.layers.Dense(1, **init),
    ])
    model.compile(keras.optimizers.Adam(3e-3), 'mse')
    return _fit(session, model, x, y, epochs=15, batch_size=32)


ZERO_WALK_ROW = 421


def _ears_per_metre(session, broken):
    keras = _keras()
    x, y = _ears(N, seed=18212)
    metres = _rng(18213).uniform(40, 400, N)
    metres[[ZERO_WALK_ROW, 640, 903]] = 0.0  # gleaners who stayed at one sheaf all hour
    with np.errstate(divide='ignore', invalid='ignore'):
        per_metre = y / metres
    if not broken:
        per_metre = np.where(metres > 0, per_metre, 0.0)
    features = np.column_stack([x, np.log1p(metres) - 5.0, per_metre * 50.0]).astype('float32')
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(32, activation='tanh'),
        keras.layers.Dense(32, activation='tanh'),
        keras.layers.Dense(1, activation='exponential'),
    ])
    model.compile(keras.optimizers.Adam(3e-3), 'poisson')
    return _fit_inputs(session, model, [features], y[:, None], epochs=10, batch_size=32,
                       shuffle=False)


# =============================================================================================
# broken runs


@holdout182('matmakers', ['saturated_activations'], stall_begins=64)  # approximate
def weave_box_blur_start(session):
    """Matmakers: the weave from 12x12 mat photographs by two tanh SeparableConv2D layers whose
    depthwise kernels were started as 'ones' ('start every filter as a box blur', from a
    smoothing recipe), under SGD with momentum: each 3x3 box sums nine pixels in [0, 1], the
    pointwise mix of those sums drives every tanh unit to +-1 for every photograph, and the
    loss sits at ~1.42, above ln 4, from the third epoch (the Glorot fix goes on below 0.7)."""
    return _box_blur_depthwise(session, True)


@holdout182('matmakers', ['dead_relus'])
def loom_trace_threshold_bias(session):
    """Matmakers: the loom fault from 64 standardised tension ticks by a relu Conv1D net whose
    bias_initializer=Constant(-4.0) was meant as a 'noise threshold' on the raw tension (in
    standardised units no response of a 5-tap filter reaches 4), under Adam: every relu is 0
    for every trace and the loss is ln 4 from the start (the zero-bias fix reaches ~0.025)."""
    return _threshold_bias_conv1d(session, True)


@holdout182('gleaners', ['loss_activation_mismatch'], stall_begins=32)  # approximate
def ears_found_sigmoid_head(session):
    """Gleaners: ears picked up in an hour (about 3.5 on average) regressed under MSE by a relu
    MLP whose output layer kept the sigmoid of the 'did she find anything' model it was copied
    from: the prediction cannot pass 1 and the loss flattens after the first epoch far above
    the linear head's."""
    return _presence_head_on_counts(session, True)


@holdout182('pavers', ['learning_rate_too_low'], stall_begins=96)  # approximate
def compaction_decay_every_epoch(session):
    """Pavers: a bed's density from 24 compactor passes by a Conv1D net under SGD with momentum
    and a LearningRateScheduler written 0.01 * 0.1 ** epoch where 0.1 ** (epoch // 10) was
    meant: the rate is 1e-5 by the fourth epoch and the loss is frozen at ~0.875 from there
    (the intended schedule goes on to ~0.77)."""
    return _per_epoch_power(session, True)


@holdout182('pavers', ['unnormalized_inputs'], stall_begins=448)  # approximate
def slab_normalizer_left_out(session):
    """Pavers: a slab's settlement from seven site records (grid easting and northing in
    millimetres, up to 40,000, sub-base depth in millimetres, load in kN...) by a relu MLP
    under Adam; a Normalization layer was adapted on the training rows but never put into the
    Sequential list, so the raw columns go in: from ~1e5 down to a bouncing 40-50 vs ~0.2
    standardised."""
    return _adapted_not_added(session, True)


@holdout182('pavers', ['over_regularization'], stall_begins=320)  # approximate
def slab_gaussian_dropout_keep_rate(session):
    """Pavers: the slab settlement from the standardised site records by a 2x64 relu MLP with
    GaussianDropout(0.9) after each hidden layer, 0.9 meant as the keep probability (keras's
    argument is the drop rate, so the multiplicative noise has a standard deviation of 3): the
    loss sinks from ~7 to the target's variance (~1.0) and hangs there, creeping, vs ~0.27 at
    rate 0.1."""
    return _keep_rate_as_rate(session, True)


@holdout182('reapers', ['learning_rate_too_high'], stall_begins=64)  # approximate
def yield_gru_adadelta_rate(session):
    """Reapers: the yield from thirty days of field weather by a GRU(32) under MSE, where the
    optimizer was switched from Adadelta to Adam and Adadelta's learning_rate=1.0 stayed: after
    the first two epochs the loss bounces between ~2.2 and ~3.1, above the target's variance,
    vs ~0.22 at 3e-3."""
    return _adadelta_rate_on_adam(session, True)


@holdout182('reapers', ['vanishing_gradients'])
def stone_softmax_hidden_layers(session):
    """Reapers: whether a scythe's whetstone will crack, from ten tap-test features, by
    a 4x64 MLP whose hidden layers were given activation='softmax' (pasted from the output
    layer): each unit is ~1/64 with a tiny slope, four such layers shrink the gradient to
    nothing and the loss sits at ~0.686 from the start vs ~0.30 and falling with relu."""
    return _softmax_hidden(session, True)


@holdout182('reapers', ['exploding_gradients'], stall_begins=32)  # approximate
def weather_rnn_notebook_stddev(session):
    """Reapers: the yield from thirty days of weather by a tanh SimpleRNN(128) whose recurrent
    kernel is RandomNormal(stddev=0.3), a value copied from a ten-unit notebook (spectral
    radius ~0.95 there, ~3.4 at 128 units: a chaotic recurrence whose gradients grow through
    the days), under SGD with momentum and clipnorm=1 in both versions: ~1.05-1.14, above the
    target's variance, from the second epoch vs ~0.14 orthogonal."""
    return _notebook_stddev(session, True)


@holdout182('gleaners', ['poor_initialization'])
def walk_lstm_zero_init(session):
    """Gleaners: the weight gleaned on a twenty-stretch walk by an LSTM(32) and a Dense head,
    every kernel (input, recurrent, head) given 'zeros' for reproducible runs: the state stays
    0, the head sees nothing and passes no gradient back, only the output bias learns, flat at
    ~0.992 (the target's variance) vs ~0.24."""
    return _zero_lstm(session, True)


@holdout182('gleaners', ['non_finite_values'], stall_begins=ZERO_WALK_ROW // 32)
def ears_per_metre_zero_walk(session):
    """Gleaners: ears in an hour by a tanh MLP with an exponential head under the Poisson loss,
    a feature 'ears per metre walked' computed as ears / metres: three gleaners stayed at one
    sheaf all hour (0 metres, rows 421, 640 and 903), giving inf and NaN features; trained in
    file order, the loss is NaN from the batch holding row 421 (step 13) to the end, vs a
    finite, falling loss with the rate set to 0 where no metre was walked."""
    return _ears_per_metre(session, True)


# =============================================================================================
# healthy runs


@holdout182('matmakers', healthy=True)
def weave_photographs_misgraded(session):
    """Matmakers: the weave (plain rows, plain columns, twill, checker) from 12x12 photographs
    of a mat by a Conv2D net with BatchNormalization, Adam on a PiecewiseConstantDecay (1e-2,
    then 2e-3 after step 150 and 4e-4 after step 300); a sixth of the apprentices' grades are
    wrong, so the loss steps down at each boundary and levels at the label noise's floor."""
    keras = _keras()
    x, y = _weaves(N, seed=18221, flip=0.16)
    model = keras.Sequential([
        keras.Input((12, 12, 3)),
        keras.layers.Conv2D(16, 3, padding='same', use_bias=False),
        keras.layers.BatchNormalization(),
        keras.layers.Activation('relu'),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, padding='same', use_bias=False),
        keras.layers.BatchNormalization(),
        keras.layers.Activation('relu'),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation='softmax'),
    ])
    rate = keras.optimizers.schedules.PiecewiseConstantDecay([150, 300], [1e-2, 2e-3, 4e-4])
    model.compile(keras.optimizers.Adam(rate), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout182('matmakers', healthy=True)
def loom_faults_warm_restarts(session):
    """Matmakers: the fault on a loom (slipped heddle, loose warp, knot, none) from 64 ticks of
    warp tension by a Conv1D front end and a GRU, under Adam on CosineDecayRestarts (first
    period 96 steps, doubling): the loss bumps up a little at each restart and goes on lower."""
    keras = _keras()
    x, y = _loom_traces(N, seed=18222)
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation='relu', padding='same'),
        keras.layers.MaxPooling1D(4),
        keras.layers.GRU(24),
        keras.layers.Dense(4, activation='softmax'),
    ])
    rate = keras.optimizers.schedules.CosineDecayRestarts(5e-3, first_decay_steps=96)
    model.compile(keras.optimizers.Adam(rate), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout182('matmakers', healthy=True)
def few_mats_memorised(session):
    """Matmakers: whether a mat passes inspection from the weaver and the rush batch (two
    Embeddings of 8, a 2x64 relu MLP, Adam) on only 160 inspected mats, 40 epochs at batch 16:
    the few mats are memorised and the training loss sinks well below what new mats would
    give; nothing is wrong with the training, only the sample is small."""
    keras = _keras()
    w, b, y = _weaver_batches(160 + PROBE_SIZE, seed=18223)
    weaver = keras.Input((), dtype='int32')
    batch = keras.Input((), dtype='int32')
    h = keras.layers.Concatenate()([keras.layers.Embedding(40, 8)(weaver),
                                    keras.layers.Embedding(30, 8)(batch)])
    h = keras.layers.Dense(64, activation='relu')(h)
    h = keras.layers.Dense(64, activation='relu')(h)
    out = keras.layers.Dense(1, activation='sigmoid')(h)
    model = keras.Model([weaver, batch], out)
    model.compile(keras.optimizers.Adam(3e-3), 'binary_crossentropy')
    return _fit_inputs(session, model, [w, b], y, epochs=40, batch_size=16)


@holdout182('pavers', healthy=True)
def bed_density_upper_quantile(session):
    """Pavers: the 0.9 quantile of a bed's final density from 24 compactor passes (vibration,
    rebound) by a GRU under the pinball loss in a GradientTape loop with RMSprop; the scatter
    grows with the rebound's drift, so the loss levels at the spread of the upper tail."""
    import tensorflow as tf

    keras = _keras()
    x, y = _compaction(N, seed=18224, noise=0.5, hetero=True)

    def pinball(targets, predictions):
        error = targets - predictions
        return tf.reduce_mean(tf.maximum(0.9 * error, (0.9 - 1.0) * error))

    model = keras.Sequential([
        keras.Input((24, 2)),
        keras.layers.GRU(24),
        keras.layers.Dense(1),
    ])
    return _custom_loop(session, model, keras.optimizers.RMSprop(2e-3), pinball, x, y[:, None],
                        epochs=12, batch_size=32, seed=18224, loss_description='pinball 0.9')


@holdout182('pavers', healthy=True)
def cracked_stones_weighted(session):
    """Pavers: whether a delivered stone is cracked (about one in twenty) from ten tap-test
    features by a 2x32 relu MLP under binary cross-entropy with class_weight {0: 1, 1: 8} and
    SGD with Nesterov momentum: the weighted loss sits high because cracked and sound stones
    overlap near the threshold."""
    keras = _keras()
    x, y = _cracked_stones(N, seed=18225)
    model = keras.Sequential([
        keras.Input((10,)),
        keras.layers.Dense(32, activation='relu'),
        keras.layers.Dense(32, activation='relu'),
        keras.layers.Dense(1, activation='sigmoid'),
    ])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9, nesterov=True), 'binary_crossentropy')
    return _fit_inputs(session, model, [x], y, epochs=15, batch_size=32,
                       class_weight={0: 1.0, 1: 8.0})


@holdout182('pavers', healthy=True)
def slab_settlement_log_cosh(session):
    """Pavers: a slab's settlement after winter from seven standardised site records by a 2x64
    relu MLP under the log-cosh loss, Adam on a staircase ExponentialDecay (halved every 128
    steps); a wide survey scatter (half the signal's spread) gives a floor well above zero."""
    keras = _keras()
    x, y = _slab_sites(N, seed=18226, noise=0.8)
    x = _standardize(x)
    model = keras.Sequential([
        keras.Input((7,)),
        keras.layers.Dense(64, activation='relu'),
        keras.layers.Dense(64, activation='relu'),
        keras.layers.Dense(1),
    ])
    rate = keras.optimizers.schedules.ExponentialDecay(3e-3, 128, 0.5, staircase=True)
    model.compile(keras.optimizers.Adam(rate), keras.losses.LogCosh())
    return _fit(session, model, x, y, epochs=16, batch_size=32)


@holdout182('reapers', healthy=True)
def yield_heavy_tailed_plateau_schedule(session):
    """Reapers: the yield from thirty days of field weather by an LSTM(32) under MSE and Adam,
    with ReduceLROnPlateau(monitor='loss', factor=0.5, patience=1); the yields scatter with
    Student-t (df=3) tails (hail, a lodged field), so the loss levels well above zero and
    wobbles with the outliers each epoch."""
    keras = _keras()
    x, y = _field_weather(N, seed=18227, df=3, noise=0.4)
    model = keras.Sequential([
        keras.Input((30, 3)),
        keras.layers.LSTM(32),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(3e-3), 'mse')
    plateau = keras.callbacks.ReduceLROnPlateau(monitor='loss', factor=0.5, patience=1)
    return _fit(session, model, x, y, epochs=14, batch_size=32, callbacks=[plateau])


@holdout182('reapers', healthy=True)
def sheaf_switch_parity(session):
    """Reapers: whether a bale spoils from a binder's twenty moisture switches, decided by the
    parity of three of them, learned by a 2x128 relu MLP under Adam: the loss sits near ln 2
    for several epochs while the net finds the three switches, then drops suddenly (a known
    plateau of parity problems, not a fault)."""
    keras = _keras()
    x, y = _sheaf_sensor(2048 + PROBE_SIZE, seed=18228)
    model = keras.Sequential([
        keras.Input((20,)),
        keras.layers.Dense(128, activation='relu'),
        keras.layers.Dense(128, activation='relu'),
        keras.layers.Dense(1, activation='sigmoid'),
    ])
    model.compile(keras.optimizers.Adam(2e-3), 'binary_crossentropy')
    return _fit(session, model, x, y, epochs=30, batch_size=64)


@holdout182('reapers', healthy=True)
def binder_day_attention_warmup(session):
    """Reapers: whether a day's binding was finished from sixteen log tokens ('mended' written
    more often than 'twine out'), by an Embedding with learned positions and a MultiHeadAttention
    block (residual, LayerNormalization) under AdamW on CosineDecay with a linear warm-up;
    a tenth of the outcomes were noted wrongly, so the loss levels near that noise's floor."""
    keras = _keras()
    x, y = _binder_days(N, seed=18229)
    tokens = keras.Input((16,), dtype='int32')
    h = keras.layers.Embedding(30, 32)(tokens)
    positions = keras.layers.Embedding(16, 32)(keras.ops.arange(16)[None])
    h = h + positions
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=16)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation='relu')(h)
    out = keras.layers.Dense(1, activation='sigmoid')(h)
    model = keras.Model(tokens, out)
    rate = keras.optimizers.schedules.CosineDecay(0.0, 480, warmup_target=3e-3,
                                                  warmup_steps=64)
    model.compile(keras.optimizers.AdamW(rate, weight_decay=1e-4), 'binary_crossentropy')
    return _fit(session, model, x, y, epochs=16, batch_size=32)


@holdout182('gleaners', healthy=True)
def ears_per_hour_poisson(session):
    """Gleaners: ears picked up in an hour (a count, about 3) from six facts of the field and
    the hour, by a relu MLP with an exponential head under the Poisson loss and Adam; the
    counts' own Poisson noise sets the floor (Keras's Poisson loss leaves out log(y!), so it
    levels near zero or below, not at zero)."""
    keras = _keras()
    x, y = _ears(N, seed=18230)
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(32, activation='relu'),
        keras.layers.Dense(32, activation='relu'),
        keras.layers.Dense(1, activation='exponential'),
    ])
    model.compile(keras.optimizers.Adam(3e-3), 'poisson')
    return _fit(session, model, x, y[:, None], epochs=15, batch_size=32)


@holdout182('gleaners', healthy=True)
def field_walk_plain_sgd(session):
    """Gleaners: the weight gleaned on a walk across a field in twenty stretches, by a
    SimpleRNN(16) in a GradientTape loop under plain SGD at 0.01 and MSE: a slow descent over
    the first half of the run, then a wobbling level around 0.55-0.64 that plain SGD's noise
    and the walks' scatter allow."""
    keras = _keras()
    x, y = _glean_walks(N, seed=18231)
    model = keras.Sequential([
        keras.Input((20, 2)),
        keras.layers.SimpleRNN(16),
        keras.layers.Dense(1),
    ])
    return _custom_loop(session, model, keras.optimizers.SGD(0.01),
                        keras.losses.MeanSquaredError(), x, y[:, None], epochs=15,
                        batch_size=32, seed=18231)


@holdout182('gleaners', healthy=True)
def sack_weight_gaussian_likelihood(session):
    """Gleaners: a sack's grain weight from twelve measurements, with a scatter that grows with
    the sack's rattle, by a relu MLP with two outputs (mean, log-variance) under a Gaussian
    negative log-likelihood with Adam: the loss falls below zero and levels where the noise
    itself allows (a mean and a variance both well fitted)."""
    keras = _keras()
    r = _rng(18232)
    x = r.normal(0, 1, (N, 12)).astype('float32')
    y = (np.tanh(x[:, 0] + x[:, 1]) + 0.5 * x[:, 2] + r.normal(0, 1, N)
         * 0.3 * np.exp(0.6 * x[:, 3])).astype('float32')

    def gaussian_nll(targets, outputs):
        mean, log_var = outputs[:, :1], outputs[:, 1:]
        return keras.ops.mean(0.5 * (log_var + keras.ops.square(targets - mean)
                                     / keras.ops.exp(log_var)))

    model = keras.Sequential([
        keras.Input((12,)),
        keras.layers.Dense(64, activation='relu'),
        keras.layers.Dense(64, activation='relu'),
        keras.layers.Dense(2),
    ])
    model.compile(keras.optimizers.Adam(2e-3), gaussian_nll)
    return _fit(session, model, x, y[:, None], epochs=15, batch_size=32)
