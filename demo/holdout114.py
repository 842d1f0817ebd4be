"""The hundred-and-fourteenth held-out catalogue: written by someone who did not read the engine
or run the diagnosis on these runs, and scored once.

Four trades, six runs planned for each: linesmen (overhead power lines), pointsmen (railway
points), shunters (yard shunting) and ostreaculturists (oyster farming). Data are numpy
generators with seeds 11401..11435; the last PROBE_SIZE rows of each set are the probe.

Healthy half (twelve runs, nothing to fix in the code; each flattens above zero or oddly
because of the data or the schedule). Linesmen: conductor sag under Student-t (df 2) survey
errors, a PReLU MLP under LogCosh; feeder fault waveforms with 18% wrong labels, a Conv1D
front end with keras AdditiveAttention (slow start near ln 4, still falling at the end);
cracked insulators from thermal crops by a SeparableConv2D net under SGD with
CosineDecayRestarts (bumps at each warm restart). Pointsmen: heater failure from a
Bidirectional GRU with per-example sample_weight (phoned-in reports weighted 0.3, a fifth of
them wrong); point-machine wear from the motor current, Conv1D regressor with a power-2
PolynomialDecay; five overlapping fault classes by an MLP with raw scores under
CategoricalHinge. Shunters: hump exit speed from a two-input functional model (wagon-class
Embedding plus numbers) under Huber with heteroscedastic noise; 160 coupling crops by a
GroupNormalization CNN that memorises them (loss towards zero: overfitting, healthy); a
Conv1D/UpSampling1D denoiser in a custom GradientTape loop trained against a second noisy
recording (noise2noise), flat at the noise variance. Ostreaculturists: spat counts under the
Poisson loss with an exponential head (negative loss values, Keras drops log y!); rare
mortality events (~6%) by an LSTM with class_weight; shell growth with heteroscedastic noise
in a custom loop under CosineDecay with a linear warm-up (warmup_target).

Broken half (eleven runs, one root cause each; each compared with the same code without the
mistake under Session(None)). Linesmen: a Deep Sets sum pool in front of a tanh readout sized
for a mean, under SGD (saturated_activations: ~1.1 bouncing against ~0.32); the fault
classifier fed raw 16-bit ADC counts instead of amperes (unnormalized_inputs: one epoch of
~1e11, then flat at ln 4 against ~0.72). Pointsmen: the linear scaling rule applied twice,
SGD at 1.28 instead of 0.02 (learning_rate_too_high: ~1.1 about ln 3 against ~0.24);
InverseTimeDecay with decay_steps=1 where ten epochs of steps were meant
(learning_rate_too_low: creeps ~0.59 -> 0.49 against ~0.04); CosineDecay with
initial_learning_rate=1.0 and warmup_target=3e-3, so the warm-up runs downwards from 1.0 and
kills the relus (dead_relus: flat at ln 3 against ~0.07). Shunters: kernel_size=1 from a
MobileNet pointwise block in a Conv1D net that must read a pulse's shape
(insufficient_capacity: ln 2 against ~0.001); embeddings_regularizer=L2(5.0) from a recipe
whose penalty was divided by the row count (over_regularization: ~1.01 against ~0.05 after
ten epochs);
gamma_initializer='zeros' in every BatchNormalization of a plain Conv1D-BN-relu stack
(poor_initialization: exactly ln 2 against ~0.003). Ostreaculturists: a ten-layer sigmoid MLP
under SGD (vanishing_gradients: ~1.0 against ~0.03); a sigmoid head left on an MSE
regression of grades 1 to 5 (loss_activation_mismatch: ~5.07 against ~0.25); plankton-tow
counts stored as float16, so tows above 65,504 larvae become inf (non_finite_values: NaN from
the first batch holding one, step 26, unshuffled).

Dropped: exploding_gradients. A fourteen-block residual MLP without its LayerNormalization
(he_normal branches, the stream doubling block by block) did not stall: under Adam 1e-3 its
loss fell from ~1.6e5 by about tenfold every few epochs (79 after fifteen, still falling),
and under SGD with clipnorm=1.0 it learnt better than the normalised net (0.002 against
0.006). Neither is a stall, so the scenario and its cause are left out and the linesmen have
five runs. Also changed before keeping: the Deep Sets sum pool under Adam learnt nearly as well
as the mean (Adam rescales the small gradients of saturated units; SGD kept); the tanh output
under binary cross-entropy on a GRU learnt as well as the sigmoid (0.19 against 0.18) and was
replaced by the sigmoid head on grades; the linear-scaling slip on a regression went to inf
and NaN at once and was made a classification; the fourteen-layer relu fix of the deep
sigmoid net did not learn either, so both became ten layers on a simpler target.

Already written by earlier catalogues (so not repeated here as they were): NonNeg kernels on
non-positive inputs, ReLU(threshold) and relu6 slips, MinMaxNorm for MaxNorm, GaussianNoise
and Dropout overdoses, Normalization(axis=None), one-unit softmax heads, multi-label softmax
under binary cross-entropy, Unix timestamps as features, identity-initialised relu RNNs. Some
mechanisms here do overlap earlier ones in kind (float16 overflow, sum pooling behind tanh, a
1x1 convolution, zero BN gamma, a backwards warm-up, deep sigmoid stacks); they are written
again on other models, optimisers and data.

Labels: expected_causes[0] is the root cause, only one per run. stall_begins is the 0-based
optimizer step from which the broken loss stops improving, None for "from the start". The
float16 run's step is exact (first batch holding an overflowing count, 32 rows a batch, no
shuffling). The others with a step (inverse-time decay, L2 on embeddings, sigmoid head on
grades: about the end of the first epoch; the backwards warm-up: about step 64, when the
output bias has settled after the relus died) were read off the epoch losses and are
approximate. Three helpers fix keras's weight seed (keras.utils.set_random_seed) because their
curves varied from draw to draw: the L2-on-embeddings run sometimes wobbled off zero after ten
epochs at lambda 1 (5 is used, over ten epochs), and after the backwards warm-up some draws
leave the dead net's loss creeping down towards ln 3 for most of the run (the output bias
alone moving) instead of sitting there from step ~64; the seed kept, 11435, gives the flat
kind and was chosen after looking at four draws.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _split, _standardize, registrar

FAMILIES = ('linesmen', 'pointsmen', 'shunters', 'ostreaculturists')

REGISTRY = []

holdout114 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE
BATCH = 32
STEPS = (N - PROBE_SIZE) // BATCH  # optimizer steps per epoch at BATCH


def _fit_kw(session, model, x, y, *, epochs, batch_size, shuffle=True, **fit_kw):
    """Like `_fit`, with extra `model.fit` arguments (class_weight, sample_weight, ...)."""
    (x_train, y_train), probe = _split(x, y)
    if 'sample_weight' in fit_kw:
        fit_kw['sample_weight'] = fit_kw['sample_weight'][:-PROBE_SIZE]
    history = model.fit(x_train, y_train, epochs=epochs, batch_size=batch_size, shuffle=shuffle,
                        verbose=0, callbacks=session.callbacks(probe), **fit_kw)
    return history.history['loss']


def _mlp(keras, inputs, hidden, outputs, activation='relu', out_activation=None):
    layers = [keras.Input((inputs,))]
    layers += [keras.layers.Dense(h, activation=activation) for h in hidden]
    layers.append(keras.layers.Dense(outputs, activation=out_activation))
    return keras.Sequential(layers)


# ---------------------------------------------------------------------------------------------
# data: power lines (linesmen), railway points (pointsmen), yard shunting (shunters), oyster
# farming (ostreaculturists)


def _line_table(n, seed):
    """Conductor sag (cm) from span length, conductor temperature, current, wind and ice."""
    r = np.random.default_rng(seed)
    span = r.uniform(80, 400, n)
    temp = r.normal(35, 15, n)
    amps = r.gamma(4.0, 120.0, n)
    wind = r.weibull(2.0, n) * 8
    ice = r.exponential(2.0, n) * (r.uniform(size=n) < 0.2)
    sag = (0.00045 * span ** 2 * (1 + 0.004 * temp + 0.0004 * amps + 0.03 * ice)
           - 0.8 * wind * np.sin(span / 60.0))
    x = np.stack([span, temp, amps, wind, ice], 1)
    return x, sag


def _waveform(n, seed, length=64, label_noise=0.0):
    """One cycle-and-a-bit of line current: healthy, harmonic-laden, sagging or with a spike."""
    r = np.random.default_rng(seed)
    t = np.linspace(0, 4 * np.pi, length)
    y = r.integers(0, 4, n)
    phase = r.uniform(0, 2 * np.pi, (n, 1))
    amp = r.uniform(0.8, 1.2, (n, 1))
    x = amp * np.sin(t + phase)
    x[y == 1] += 0.35 * np.sin(3 * (t + phase[y == 1]))
    start = r.integers(8, length - 24, n)
    for i in np.where(y == 2)[0]:
        x[i, start[i]:start[i] + 16] *= 0.45
    for i in np.where(y == 3)[0]:
        x[i, start[i]:start[i] + 3] += r.choice([-1.5, 1.5])
    x += r.normal(0, 0.15, x.shape)
    flip = r.uniform(size=n) < label_noise
    y = np.where(flip, r.integers(0, 4, n), y)
    return x[..., None].astype('float32'), y.astype('int32')


def _motor_trace(n, seed, length=48):
    """A point motor's current during a throw; wear (0..1) lengthens and raises the friction
    plateau."""
    r = np.random.default_rng(seed)
    wear = r.beta(2, 3, n)
    t = np.arange(length)[None, :]
    inrush = 3.0 * np.exp(-t / 3.0)
    plateau = (1.0 + 0.8 * wear[:, None]) * (t < (28 + 12 * wear[:, None]))
    x = inrush + plateau + r.normal(0, 0.12, (n, length))
    return x[..., None].astype('float32'), wear.astype('float32')


def _pulses(n, seed, length=40):
    """Buffer-stop sensor traces with one asymmetric pulse: a slow rise then a sharp drop
    (a wagon pushed in) or a sharp rise then a slow fall (pulled out); same values either way."""
    r = np.random.default_rng(seed)
    shape = np.array([0.2, 0.4, 0.6, 0.8, 1.0])
    y = r.integers(0, 2, n)
    x = r.normal(0, 0.1, (n, length))
    pos = r.integers(0, length - 5, n)
    for i in range(n):
        x[i, pos[i]:pos[i] + 5] += shape if y[i] else shape[::-1]
    return x[..., None].astype('float32'), y.astype('int32')


def _water_series(n, seed, length=30):
    """Thirty days of water temperature, salinity and dissolved oxygen at an oyster park."""
    r = np.random.default_rng(seed)
    base = r.normal(0, 1, (n, 1, 3))
    walk = np.cumsum(r.normal(0, 0.25, (n, length, 3)), axis=1)
    return (base + walk).astype('float32')


# ---------------------------------------------------------------------------------------------
# linesmen


@holdout114('linesmen', healthy=True)
def sag_logcosh_prelu(session):
    """Linesmen's conductor sag from span, temperature, current, wind and ice, with survey
    errors drawn from a Student t with two degrees of freedom (rare readings metres off): a
    PReLU MLP under the log-cosh loss, Adam 2e-3, 20 epochs. The loss falls quickly and then
    settles far above zero, on the heavy-tailed survey noise."""
    keras = _keras()
    x, sag = _line_table(N, seed=11401)
    noise = np.random.default_rng(11402).standard_t(2, N) * 0.6
    y = ((sag - sag.mean()) / sag.std() + noise).astype('float32')
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(48), keras.layers.PReLU(),
                              keras.layers.Dense(48), keras.layers.PReLU(),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.LogCosh())
    return _fit(session, model, _standardize(x), y, epochs=20, batch_size=BATCH)


@holdout114('linesmen', healthy=True)
def fault_waveform_attention(session):
    """Fault type of a feeder's current waveform (healthy, harmonics, sag, spike) from a
    Conv1D front end, self-attention through keras AdditiveAttention and average pooling;
    18% of the field labels were typed wrong by crews (relabelled at random). Adam 2e-3,
    15 epochs: a slow start near ln 4 while the filters find the sag and spike shapes, then a
    steady fall that is still going at the end, far above zero because of the label noise."""
    keras = _keras()
    x, y = _waveform(N, seed=11403, label_noise=0.18)
    inp = keras.Input(x.shape[1:])
    h = keras.layers.Conv1D(16, 5, padding='same', activation='relu')(inp)
    h = keras.layers.Conv1D(16, 5, padding='same', activation='relu')(h)
    a = keras.layers.AdditiveAttention()([h, h])
    h = keras.layers.GlobalAveragePooling1D()(keras.layers.Concatenate()([h, a]))
    out = keras.layers.Dense(4, activation='softmax')(h)
    model = keras.Model(inp, out)
    model.compile(keras.optimizers.Adam(2e-3), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout114('linesmen', healthy=True)
def insulator_separable_restarts(session):
    """Cracked or sound insulator discs from 12x12 thermal crops (a crack is a faint warm
    line at any angle, with sensor noise that hides some of them) by a SeparableConv2D net,
    SGD with momentum under keras CosineDecayRestarts (first period 60 steps, doubling): the
    loss falls in waves, bumping up a little at each warm restart, and ends low but not at
    zero."""
    keras = _keras()
    r = np.random.default_rng(11404)
    y = r.integers(0, 2, N)
    x = r.normal(0.0, 0.5, (N, 12, 12))
    g = np.arange(12) - 5.5
    gx, gy = np.meshgrid(g, g)
    for i in np.where(y == 1)[0]:
        a, off = r.uniform(0, np.pi), r.uniform(-3, 3)
        x[i] += 0.9 * (np.abs(gx * np.sin(a) - gy * np.cos(a) - off) < 0.7)
    x = x[..., None].astype('float32')
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.SeparableConv2D(16, 3, padding='same', activation='relu'),
        keras.layers.MaxPooling2D(),
        keras.layers.SeparableConv2D(32, 3, padding='same', activation='relu'),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(1, activation='sigmoid'),
    ])
    schedule = keras.optimizers.schedules.CosineDecayRestarts(0.05, first_decay_steps=60)
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), 'binary_crossentropy')
    return _fit(session, model, x, y.astype('float32'), epochs=14, batch_size=BATCH)


def _tower_sets(session, broken):
    keras = _keras()
    r = np.random.default_rng(11406)
    x = r.normal(0, 1, (N, 64, 3)).astype('float32')
    # share of insulators on a line section whose leakage current exceeds the temperature-
    # corrected limit: a set function of the 64 tower readings
    y = ((x[:, :, 0] + 0.5 * x[:, :, 1] * x[:, :, 2]) > 0.7).mean(axis=1)
    y = ((y - y.mean()) / y.std()).astype('float32')
    inp = keras.Input((64, 3))
    h = keras.layers.Dense(32, activation='relu')(inp)
    h = keras.layers.Dense(32, activation='relu')(h)
    if broken:
        h = keras.layers.Lambda(lambda z: keras.ops.sum(z, axis=1))(h)
    else:
        h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation='tanh')(h)
    out = keras.layers.Dense(1)(h)
    model = keras.Model(inp, out)
    model.compile(keras.optimizers.SGD(1e-2, momentum=0.9), 'mse')
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout114('linesmen', ['saturated_activations'])
def tower_set_sum_pool_tanh(session):
    """A Deep Sets model over the 64 tower readings of a line section (leakage, temperature,
    humidity) predicting the share of towers over the limit, SGD momentum 1e-2: a relu
    element encoder, then a sum over the set (as in the Deep Sets paper) where this net's tanh
    readout was sized for a mean. The pooled vector is tens of units large, the tanh units sit
    at +-1 from the first batch with almost no gradient, and the loss bounces about the
    target's variance (~1.1); the same net with mean pooling reaches ~0.32."""
    return _tower_sets(session, broken=True)


def _adc_waveform(session, broken):
    keras = _keras()
    x, y = _waveform(N, seed=11407)
    counts = np.round(x * 9000.0 + 2048.0)  # 16-bit ADC counts, mid-scale offset
    x = counts.astype('float32') if broken else ((counts - 2048.0) / 9000.0).astype('float32')
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation='relu', padding='same'),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation='relu', padding='same'),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation='relu'),
        keras.layers.Dense(4, activation='softmax'),
    ])
    model.compile(keras.optimizers.SGD(3e-2, momentum=0.9), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=12, batch_size=BATCH)


@holdout114('linesmen', ['unnormalized_inputs'])
def fault_waveform_adc_counts(session):
    """The feeder fault classifier (Conv1D, SGD momentum 1e-2) fed the recorder's raw 16-bit
    ADC counts (about +-9,000 around a mid-scale offset of 2,048) because the export's
    'scaled' column was the raw one; the conversion to amperes was never applied. The
    first updates throw the filters far off and the loss never comes down to where the same
    net on amperes goes."""
    return _adc_waveform(session, broken=True)


# ---------------------------------------------------------------------------------------------
# pointsmen


@holdout114('pointsmen', healthy=True)
def heater_bigru_sample_weight(session):
    """Whether a point's heater will fail to keep the blades free tonight, from 24 hourly air
    temperature, humidity and rail temperature readings, by a Bidirectional GRU; reports from
    automatic detectors are weighted 1 and those phoned in by pointsmen 0.3 (sample_weight),
    and a fifth of the phoned ones are wrong. Adam 3e-3, 15 epochs: learns and flattens far
    above zero."""
    keras = _keras()
    r = np.random.default_rng(11408)
    x = r.normal(0, 1, (N, 24, 3)).astype('float32')
    x[:, :, 0] += np.cumsum(r.normal(0, 0.3, (N, 24)), axis=1)
    score = x[:, -8:, 0].mean(1) * -1.2 + 0.6 * x[:, -8:, 1].mean(1) - 0.4 * x[:, :, 2].mean(1)
    y = (score + r.normal(0, 0.5, N) > 0.3).astype('float32')
    phoned = r.uniform(size=N) < 0.4
    y = np.where(phoned & (r.uniform(size=N) < 0.2), 1 - y, y).astype('float32')
    weight = np.where(phoned, 0.3, 1.0).astype('float32')
    model = keras.Sequential([keras.Input((24, 3)),
                              keras.layers.Bidirectional(keras.layers.GRU(12)),
                              keras.layers.Dense(1, activation='sigmoid')])
    model.compile(keras.optimizers.Adam(3e-3), 'binary_crossentropy')
    return _fit_kw(session, model, x, y, epochs=15, batch_size=BATCH, sample_weight=weight)


@holdout114('pointsmen', healthy=True)
def motor_wear_polynomial_decay(session):
    """Wear of a point machine from the motor current of one throw (inrush, then a friction
    plateau whose height and length grow with wear), Conv1D regressor, SGD with momentum under
    PolynomialDecay(0.02 -> 2e-4, power 2) over the whole run: a long slow convergence whose
    steps shrink as the rate decays, ending near the measurement noise."""
    keras = _keras()
    x, wear = _motor_trace(N, seed=11409)
    y = ((wear - wear.mean()) / wear.std()).astype('float32')
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(12, 5, activation='relu'),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(12, 5, activation='relu'),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(1),
    ])
    schedule = keras.optimizers.schedules.PolynomialDecay(0.02, 25 * STEPS, 2e-4, power=2.0)
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), 'mse')
    return _fit(session, model, x, y, epochs=25, batch_size=BATCH)


@holdout114('pointsmen', healthy=True)
def point_fault_categorical_hinge(session):
    """Which of five faults a failed point had (obstruction, detection, motor, clamp lock,
    heater), from ten inspection measurements whose class clusters overlap: an MLP with a
    linear score head under keras CategoricalHinge (a margin loss that expects raw scores),
    Adam 2e-3. The loss flattens above zero where the clusters overlap."""
    keras = _keras()
    r = np.random.default_rng(11410)
    centres = r.normal(0, 1.2, (5, 10))
    y = r.integers(0, 5, N)
    x = (centres[y] + r.normal(0, 1.0, (N, 10))).astype('float32')
    onehot = np.eye(5, dtype='float32')[y]
    model = _mlp(keras, 10, [64, 64], 5, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.CategoricalHinge())
    return _fit(session, model, x, onehot, epochs=15, batch_size=BATCH)


def _throw_time(session, broken):
    keras = _keras()
    x, wear = _motor_trace(N, seed=11411)
    y = np.digitize(wear, [0.3, 0.55]).astype('int32')  # fine / adjust / replace
    per_example = 0.02 / 64
    lr = per_example * 64 * (64 if broken else 1)  # the linear scaling rule, applied twice
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation='relu'),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation='relu'),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation='relu'),
        keras.layers.Dense(3, activation='softmax'),
    ])
    model.compile(keras.optimizers.SGD(lr, momentum=0.9), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=15, batch_size=64)


@holdout114('pointsmen', ['learning_rate_too_high'])
def wear_linear_scaling_twice(session):
    """Point machine condition (fine, adjust, replace) from the throw's motor current, Conv1D
    classifier, batch 64, SGD momentum 0.9. The recipe's rate was 0.02 for batch 64; the
    config stored it per example (0.02 / 64), the training script multiplied it by the batch
    size, and the launcher did so again: a rate of 1.28. The loss bounces about ln 3 for the
    whole run instead of falling to the fixed run's ~0.25."""
    return _throw_time(session, broken=True)


def _inverse_time(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(11433)  # the weights' draw, for a repeatable run
    r = np.random.default_rng(11412)
    x = r.normal(0, 1, (N, 8)).astype('float32')
    # a point's throw time (standardised) from eight condition readings
    y = (np.tanh(x[:, 0] + x[:, 1] * x[:, 2]) + 0.5 * np.sin(2 * x[:, 3]) + 0.3 * x[:, 4] ** 2
         + r.normal(0, 0.1, N))
    y = ((y - y.mean()) / y.std()).astype('float32')
    decay_steps = 1 if broken else 10 * STEPS  # meant: one decay unit per ten epochs
    schedule = keras.optimizers.schedules.InverseTimeDecay(0.02, decay_steps, decay_rate=1.0)
    model = _mlp(keras, 8, [64, 64], 1)
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), 'mse')
    return _fit(session, model, x, y, epochs=20, batch_size=BATCH)


@holdout114('pointsmen', ['learning_rate_too_low'], stall_begins=32)  # approximate
def throw_time_inverse_time_per_step(session):
    """A point's throw time from eight condition readings, MLP with SGD momentum under
    InverseTimeDecay(0.02, decay_steps=1, decay_rate=1): decay_steps was meant in units of
    ten epochs but the schedule counts optimizer steps, so the rate is 0.02 / (1 + step):
    below 1e-3 by step 20. After a short first descent the loss creeps and stays far above
    the fixed run's."""
    return _inverse_time(session, broken=True)


def _warmup_swapped(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(11435)  # the weights' draw, for a repeatable run
    r = np.random.default_rng(11413)
    x = r.normal(0, 1, (N, 10)).astype('float32')
    w = r.normal(0, 1, (10, 3))
    logits = np.tanh(x @ w) * 2.5 + 0.6 * (x[:, :3] ** 2)
    y = np.argmax(logits + r.gumbel(0, 0.3, logits.shape), axis=1).astype('int32')
    total = 20 * STEPS
    if broken:  # read as 'start at 1.0x the rate, warm towards warmup_target'
        schedule = keras.optimizers.schedules.CosineDecay(
            1.0, total - 64, warmup_target=3e-3, warmup_steps=64)
    else:
        schedule = keras.optimizers.schedules.CosineDecay(
            0.0, total - 64, warmup_target=3e-3, warmup_steps=64)
    model = _mlp(keras, 10, [64, 64, 64], 3, out_activation='softmax')
    model.compile(keras.optimizers.Adam(schedule), 'sparse_categorical_crossentropy')
    return _fit(session, model, x, y, epochs=20, batch_size=BATCH)


@holdout114('pointsmen', ['dead_relus'], stall_begins=64)  # approximate
def route_setting_warmup_from_one(session):
    """Which of three routes a signaller set through a junction's points, from ten panel
    readings, 3x64 relu MLP with Adam under CosineDecay with a warm-up: initial_learning_rate
    was given as 1.0 ('100% of the target') and warmup_target as 3e-3, so the warm-up runs
    backwards from a rate of 1.0 down to 3e-3. The first few dozen huge Adam steps push the
    relu layers' units negative on every input; when the rate is sane again they are dead
    and, once the output bias has found the class frequencies (about step 64), the loss
    stays there."""
    return _warmup_swapped(session, broken=True)


# ---------------------------------------------------------------------------------------------
# shunters


@holdout114('shunters', healthy=True)
def hump_speed_multi_input_huber(session):
    """Exit speed of a wagon rolling off the hump, from its wagon class (an Embedding over 40
    classes) and five numeric inputs (mass, axle load, rail temperature, wind, retarder
    pressure), in a two-input functional model under the Huber loss, Adam 3e-3. The noise
    grows with wind (heteroscedastic) and the loss flattens well above zero."""
    keras = _keras()
    r = np.random.default_rng(11414)
    cls = r.integers(0, 40, N)
    resist = r.normal(0, 1, 40)
    num = r.normal(0, 1, (N, 5)).astype('float32')
    y = (resist[cls] + 0.8 * num[:, 0] - 0.5 * num[:, 4] * (1 + 0.3 * num[:, 1])
         + r.normal(0, 1, N) * (0.3 + 0.4 * np.abs(num[:, 3])))
    y = ((y - y.mean()) / y.std()).astype('float32')
    c_in = keras.Input((1,), dtype='int32')
    n_in = keras.Input((5,))
    e = keras.layers.Flatten()(keras.layers.Embedding(40, 6)(c_in))
    h = keras.layers.Concatenate()([e, n_in])
    h = keras.layers.Dense(48, activation='relu')(h)
    h = keras.layers.Dense(24, activation='relu')(h)
    model = keras.Model([c_in, n_in], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.Huber(delta=1.0))
    (c_tr, n_tr, y_tr), probe = ((cls[:-PROBE_SIZE, None], num[:-PROBE_SIZE], y[:-PROBE_SIZE]),
                                 ([cls[-PROBE_SIZE:, None], num[-PROBE_SIZE:]], y[-PROBE_SIZE:]))
    history = model.fit([c_tr, n_tr], y_tr, epochs=15, batch_size=BATCH, verbose=0,
                        callbacks=session.callbacks(probe))
    return history.history['loss']


@holdout114('shunters', healthy=True)
def coupling_groupnorm_small_data(session):
    """Whether a coupling closed properly, from 16x16 grey crops taken by the yard camera; only
    160 labelled crops exist. A Conv2D net with GroupNormalization, Adam 2e-3, batch 16, 30
    epochs: the small set is memorised and the training loss keeps sinking towards zero
    (overfitting, not a fault of the code)."""
    keras = _keras()
    r = np.random.default_rng(11415)
    n = 160 + PROBE_SIZE
    y = r.integers(0, 2, n)
    x = r.normal(0, 0.6, (n, 16, 16))
    x[:, 6:10, 3:13] += 0.5
    gap = r.integers(6, 10, n)
    for i in np.where(y == 0)[0]:
        x[i, 6:10, gap[i]:gap[i] + 2] -= 0.5
    x = x[..., None].astype('float32')
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(16, 3, padding='same'),
        keras.layers.GroupNormalization(groups=4),
        keras.layers.Activation('relu'),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, padding='same'),
        keras.layers.GroupNormalization(groups=8),
        keras.layers.Activation('relu'),
        keras.layers.Flatten(),
        keras.layers.Dense(1, activation='sigmoid'),
    ])
    model.compile(keras.optimizers.Adam(2e-3), 'binary_crossentropy')
    return _fit(session, model, x, y.astype('float32'), epochs=30, batch_size=16)


@holdout114('shunters', healthy=True)
def buffer_trace_denoiser_custom_loop(session):
    """Custom GradientTape loop: a Conv1D encoder / UpSampling1D decoder that cleans the buffer
    stop's force trace (two-pulse impacts under wide-band sensor noise), MSE against the clean
    trace is unavailable, so it is trained against a second noisy recording of the same
    impact (noise2noise): the loss flattens at the second recording's noise variance,
    ~0.09, never near zero. Adam 2e-3."""
    keras = _keras()
    r = np.random.default_rng(11416)
    t = np.arange(48)[None, :]
    c1, c2 = r.integers(5, 20, (N, 1)), r.integers(24, 42, (N, 1))
    clean = (r.uniform(0.5, 1.5, (N, 1)) * np.exp(-((t - c1) / 2.0) ** 2)
             + r.uniform(0.3, 1.0, (N, 1)) * np.exp(-((t - c2) / 3.0) ** 2))
    x = (clean + r.normal(0, 0.3, clean.shape))[..., None].astype('float32')
    y = (clean + r.normal(0, 0.3, clean.shape))[..., None].astype('float32')
    model = keras.Sequential([
        keras.Input((48, 1)),
        keras.layers.Conv1D(16, 5, padding='same', activation='relu'),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, padding='same', activation='relu'),
        keras.layers.UpSampling1D(2),
        keras.layers.Conv1D(16, 5, padding='same', activation='relu'),
        keras.layers.Conv1D(1, 5, padding='same', activation=None),
    ])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3),
                        keras.losses.MeanSquaredError(), x, y, epochs=14, batch_size=BATCH,
                        seed=11417)


def _pointwise(session, broken):
    keras = _keras()
    x, y = _pulses(N, seed=11418)
    k = 1 if broken else 5
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, k, activation='relu', padding='same'),
        keras.layers.Conv1D(16, k, activation='relu', padding='same'),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(1, activation='sigmoid'),
    ])
    model.compile(keras.optimizers.Adam(3e-3), 'binary_crossentropy')
    return _fit(session, model, x, y.astype('float32'), epochs=12, batch_size=BATCH)


@holdout114('shunters', ['insufficient_capacity'])
def buffer_pulse_pointwise_conv(session):
    """Whether a wagon was pushed onto or pulled off the buffer stop, from the stop's force
    trace: the pulse rises slowly and drops sharply, or the reverse; both have the same
    values. The Conv1D net's kernel_size was copied as 1 from the 'pointwise' block of a
    MobileNet recipe, so with global max pooling it only sees which values occur, never their
    order, and the loss stays at ln 2; with kernel_size 5 it separates them."""
    return _pointwise(session, broken=True)


def _wagon_embedding(session, broken):
    keras = _keras()
    keras.utils.set_random_seed(11432)  # the weights' draw, for a repeatable run
    r = np.random.default_rng(11419)
    wagons = r.integers(0, 300, (N, 6))  # the six wagons of a cut, by fleet number
    quirk = r.normal(0, 1, 300)
    y = (quirk[wagons].sum(1) + r.normal(0, 0.5, N))
    y = ((y - y.mean()) / y.std()).astype('float32')
    reg = keras.regularizers.L2(5.0 if broken else 1e-5)
    model = keras.Sequential([
        keras.Input((6,), dtype='int32'),
        keras.layers.Embedding(300, 8, embeddings_regularizer=reg),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation='relu'),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(5e-3), 'mse')
    return _fit(session, model, wagons.astype('int32'), y, epochs=10, batch_size=BATCH)


@holdout114('shunters', ['over_regularization'], stall_begins=32)  # approximate
def cut_delay_embedding_l2_one(session):
    """Extra shunting time of a cut of six wagons from the wagons' fleet numbers (an Embedding
    of each wagon's quirks, averaged), Adam 5e-3. embeddings_regularizer=L2(5.0): the
    recipe's 'lambda = 5' was for a penalty divided by the number of training rows, Keras's
    L2 is not divided, so the penalty keeps every wagon vector at zero and the loss levels
    off at the target variance after a brief descent; with 1e-5 it learns the quirks. Ten
    epochs: in longer runs the penalised vectors sometimes start to wobble off zero after
    epoch ten, which is not the stall this run is about."""
    return _wagon_embedding(session, broken=True)


def _zero_gamma(session, broken):
    keras = _keras()
    x, y = _pulses(N, seed=11420)
    gamma = 'zeros' if broken else 'ones'
    layers = [keras.Input(x.shape[1:])]
    for _ in range(3):
        layers += [keras.layers.Conv1D(16, 5, padding='same', use_bias=False),
                   keras.layers.BatchNormalization(gamma_initializer=gamma),
                   keras.layers.Activation('relu')]
    layers += [keras.layers.GlobalMaxPooling1D(), keras.layers.Dense(1, activation='sigmoid')]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.Adam(3e-3), 'binary_crossentropy')
    return _fit(session, model, x, y.astype('float32'), epochs=12, batch_size=BATCH)


@holdout114('shunters', ['poor_initialization'])
def buffer_pulse_zero_gamma(session):
    """The push-or-pull buffer trace classifier as a plain (non-residual) Conv1D-BN-relu stack,
    with gamma_initializer='zeros' in every BatchNormalization: the 'zero-init the last BN
    of each residual block' trick applied to all of them in a net with no skip path. Every
    relu gets exactly zero, so no gradient reaches any gamma or kernel and the loss sits at
    ln 2 from the first step; with gamma 'ones' it learns."""
    return _zero_gamma(session, broken=True)


# ---------------------------------------------------------------------------------------------
# ostreaculturists


@holdout114('ostreaculturists', healthy=True)
def spat_count_poisson(session):
    """Oyster spat settled per collector tile in a season, from water temperature, salinity,
    chlorophyll, current and tide height at the park: counts with Poisson noise around a
    log-linear-plus-interaction rate; an MLP with an exponential output under the Poisson
    loss, Adam 2e-3. The loss flattens at the counts' own Poisson scatter (Keras's Poisson
    loss leaves out the log-factorial term, so its value is negative here)."""
    keras = _keras()
    r = np.random.default_rng(11421)
    x = r.normal(0, 1, (N, 5)).astype('float32')
    rate = np.exp(1.5 + 0.6 * x[:, 0] - 0.4 * x[:, 1] ** 2 + 0.3 * x[:, 2] * x[:, 3])
    y = r.poisson(rate).astype('float32')
    model = _mlp(keras, 5, [32, 32], 1, out_activation='exponential')
    model.compile(keras.optimizers.Adam(2e-3), 'poisson')
    return _fit(session, model, x, y, epochs=20, batch_size=BATCH)


@holdout114('ostreaculturists', healthy=True)
def mortality_lstm_class_weight(session):
    """Whether a mass-mortality event follows, from thirty days of water temperature,
    salinity and oxygen; events are rare (about 6%), so the LSTM is trained with
    class_weight {0: 1, 1: 8}, Adam 3e-3, 15 epochs. The weighted loss falls slowly and
    stays well above zero (the events are only partly predictable)."""
    keras = _keras()
    x = _water_series(N, seed=11422)
    r = np.random.default_rng(11423)
    risk = 1.3 * x[:, -10:, 0].mean(1) - 1.0 * x[:, -10:, 2].mean(1) + r.normal(0, 0.8, N)
    y = (risk > np.quantile(risk, 0.94)).astype('float32')
    model = keras.Sequential([keras.Input((30, 3)), keras.layers.LSTM(16),
                              keras.layers.Dense(1, activation='sigmoid')])
    model.compile(keras.optimizers.Adam(3e-3), 'binary_crossentropy')
    return _fit_kw(session, model, x, y, epochs=15, batch_size=BATCH,
                   class_weight={0: 1.0, 1: 8.0})


@holdout114('ostreaculturists', healthy=True)
def growth_warmup_cosine_custom_loop(session):
    """Custom GradientTape loop: monthly shell growth of an oyster bag from six park
    conditions, MLP with a rate that warms up linearly over 80 steps to 3e-3 and then decays
    by a cosine (keras CosineDecay with warmup_target), Adam. The growth noise is larger for
    the faster-growing bags (heteroscedastic), so the loss flattens far above zero as the rate
    falls."""
    keras = _keras()
    r = np.random.default_rng(11424)
    x = r.normal(0, 1, (N, 6)).astype('float32')
    mean = np.sin(x[:, 0]) + 0.5 * x[:, 1] * x[:, 2] + 0.3 * x[:, 3]
    y = mean + r.normal(0, 1, N) * 0.3 * np.exp(0.6 * x[:, 0])
    y = ((y - y.mean()) / y.std())[:, None].astype('float32')
    steps = 16 * ((N - PROBE_SIZE) // BATCH)
    schedule = keras.optimizers.schedules.CosineDecay(0.0, steps - 80, warmup_target=3e-3,
                                                      warmup_steps=80)
    model = _mlp(keras, 6, [64, 64], 1)
    return _custom_loop(session, model, keras.optimizers.Adam(schedule),
                        keras.losses.MeanSquaredError(), x, y, epochs=16, batch_size=BATCH,
                        seed=11425, learning_rate=schedule)


def _sigmoid_stack(session, broken):
    keras = _keras()
    x = _water_series(N, seed=11426)
    r = np.random.default_rng(11427)
    flat = x.reshape(N, -1)
    # salinity-driven condition index of the oysters at harvest (standardised)
    y = np.tanh(flat[:, 2::3][:, -5:].mean(1)) - 0.3 * flat[:, -3] + r.normal(0, .1, N)
    y = ((y - y.mean()) / y.std()).astype('float32')
    model = _mlp(keras, 90, [32] * 10, 1, activation='sigmoid' if broken else 'relu')
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), 'mse')
    return _fit(session, model, _standardize(flat), y, epochs=15, batch_size=BATCH)


@holdout114('ostreaculturists', ['vanishing_gradients'])
def condition_index_deep_sigmoid(session):
    """Condition index of the oysters at harvest from thirty days of water readings, by a
    ten-layer sigmoid MLP (a legacy 'sigmoid everywhere' template, SGD momentum 0.02):
    the gradient shrinks by a factor of four or more per layer, the first layers never
    move and the loss stays at the target variance; the same depth with relu learns."""
    return _sigmoid_stack(session, broken=True)


def _grade_head(session, broken):
    keras = _keras()
    r = np.random.default_rng(11428)
    x = r.normal(0, 1, (N, 6)).astype('float32')
    size = 3.0 + 0.9 * x[:, 0] + 0.5 * np.tanh(x[:, 1] * x[:, 2]) + r.normal(0, 0.4, N)
    grade = np.clip(np.round(size), 1, 5).astype('float32')  # market grades 1 (large) .. 5
    model = _mlp(keras, 6, [32, 32], 1, out_activation='sigmoid' if broken else None)
    model.compile(keras.optimizers.Adam(3e-3), 'mse')
    return _fit(session, model, x, grade, epochs=12, batch_size=BATCH)


@holdout114('ostreaculturists', ['loss_activation_mismatch'], stall_begins=30)  # approximate
def market_grade_sigmoid_head(session):
    """Market grade (1 to 5) of an oyster batch from six rearing readings, regressed with MSE
    by an MLP whose output layer kept the sigmoid of the mortality classifier it was copied
    from: the prediction cannot leave (0, 1) while the grades are 1 to 5, so after pinning the
    output near 1 the loss stops at about the mean of (grade - 1) squared; with a linear
    head it reaches the rounding noise."""
    return _grade_head(session, broken=True)


def _larvae_targets():
    r = np.random.default_rng(11430)
    x = r.normal(0, 1, (N, 4)).astype('float32')
    counts = r.poisson(np.exp(8.0 + 1.0 * x[:, 0] + 0.4 * x[:, 1])).astype('float64')
    return x, counts


LARVAE_BATCH = 32
LARVAE_FIRST_INF = int(np.argmax(_larvae_targets()[1] >= 65520))  # float16 rounds these to inf


def _larvae(session, broken):
    keras = _keras()
    x, counts = _larvae_targets()
    with np.errstate(over='ignore'):
        y = counts.astype('float16' if broken else 'float32').astype('float32') / 1000.0
    model = _mlp(keras, 4, [32, 32], 1, out_activation='exponential')
    model.compile(keras.optimizers.Adam(2e-3), 'poisson')
    return _fit(session, model, x, y, epochs=10, batch_size=LARVAE_BATCH, shuffle=False)


@holdout114('ostreaculturists', ['non_finite_values'],
            stall_begins=LARVAE_FIRST_INF // LARVAE_BATCH)
def larvae_counts_float16(session):
    """Oyster larvae per cubic metre in plankton tows (thousands of larvae, sometimes over a
    hundred thousand) from four water readings, Poisson MLP with an exponential head. The
    counts were stored as float16 'to halve the file', which turns every count above 65,504
    into inf; the targets are then divided by 1,000. The loss is finite until the first
    batch holding such a tow (the data are not shuffled), then NaN for the rest of the run."""
    return _larvae(session, broken=True)
