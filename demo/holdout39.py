"""The thirty-ninth held-out catalogue: written by someone who did not read the engine or run the
diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History and the per-step loss, in a throwaway script with the runner's seed), and
every broken one against the same model trained without its mistake (each helper
`_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Cutlers: a blade's hardness from eight
heat-treatment features whose tester scatter grows with the tempering temperature, an MLP under
Adam with a linear warm-up and cosine decay (it settles at the heteroscedastic floor); a knife
edge's condition from 64 profilometer readings by a Conv1D net, 15% of the grader's calls
wrong, SGD with momentum under PiecewiseConstantDecay; the edge angle after a grinding pass
from 30 readings by a GRU in a hand-written GradientTape loop under the Huber loss against
Student-t gauge noise. Tilers: glaze faults on tile photographs by a CNN, sound tiles 80% of
the line and the faults weighted up by class_weight (a slow, steady descent far above zero);
a firing's outcome from a kiln log of 36 readings with only 192 firings by a flattened MLP
128-128 that memorises them over 40 short epochs; the same outcome by an LSTM under RMSprop
with ReduceLROnPlateau. Masons: cracked stones per wall panel (Poisson counts) from the stone
kind (Embedding) and five survey features, two inputs, an exponential head under keras's
Poisson loss; the 10th percentile of mortar strength under the pinball loss against
heavy-tailed rig scatter, an elu MLP; whether a course of ten unordered stones will bulge, by
a MultiHeadAttention block, a tenth of the calls wrong (a slow start near ln 2, then a descent
still going at the end). Dyers: a batch's colour-fastness grade from 30 dye-bath readings by a
GRU under Nadam, 12% of the grades wrong (slow, still improving at the end); a dye recipe's
colour difference by a tanh MLP under Adagrad, a long slow convergence still improving at the
end; the fastness grade by a Conv1D net in a hand-written RMSprop loop, a tenth of the grades
wrong.

The broken half, one root cause each: the PiecewiseConstantDecay example of the Keras
documentation (values [1.0, 0.5, 0.1], boundaries at 100000 steps), SGD rates, pasted into an
Adam run on profilometer traces (learning rate too high: hundreds in the first epoch, then ~1.12
to the end against the fix's ~0.16); SimpleRNN(activation=None), the tanh taken out 'because
the angle is linear', over 60 random-walk readings under SGD with momentum (exploding
gradients: ~150 at the first step and NaN from the second, so non-finite values too);
Constant(1 / fan_in), a smoothing filter's 'averaging' start, for every hidden kernel of a
relu MLP (poor initialisation: every unit of a layer stays identical, the loss at the target's
variance); a hand-written 'ReLU6' written relu(z - 6) in a tile CNN for an edge camera (dead
ReLUs: ln 4 on every step); a MobileNet block with its depthwise 3 x 3 convolutions left out,
every Conv2D pointwise (kernel_size=1), classifying a crack's direction (insufficient capacity:
a crack along the rows and one along the columns are the same to it; ln 4 throughout, the fix
~0.02); a raw Dense(3) head, the softmax left to the loss as in PyTorch, under
SparseCategoricalCrossentropy() at its default from_logits=False (loss/activation mismatch: ln
3 from the first epoch, the fix ~0.13); a tower of eight Dense(32, sigmoid) layers over a stone
kind embedding and survey features, under SGD (vanishing gradients: ~0.65 against ~0.48 with
two relu layers); a crack gauge's spread computed as sqrt(E[x^2] - E[x]^2) in float32 on
readings near 20 mm, a hair below zero for stuck gauges, NaN (non-finite values; the loss sits
flat at the target's variance from the first such panel in file order); min-max scaling of a
recipe frame without axis=0, one range for all columns set by a time in seconds (unnormalised
inputs: the loss sits at ~0.98, the per-column scaling reaches ~0.33 and is still falling);
ExponentialDecay(0.05, decay_steps=1, decay_rate=0.96), a '4% an epoch' typed with
decay_steps=1, under SGD on a GRU (learning rate too low: it freezes at ~1.05 after two epochs,
the per-epoch decay reaches ~0.42); a scaler that multiplies by the standard deviation instead
of dividing, in front of a GRU on dye-bath readings whose grade is set by the size of the
absorbance ripple (saturated activations, with the inputs genuinely unnormalised too: only the
readings' signs get through, which do not show the ripple's size; ~1.10 from the first epoch, the fix ~0.09); tf.nn.l2_loss
summed over every variable and added to the cross-entropy without its 5e-4 weight, in a
hand-written Adam loop (over-regularisation: the loss falls only as the weights shrink and
sits at ln 3 from about the eighth epoch, the intended weight ~0.53).

Dropped or replaced because they did not behave as intended: a sigmoid head kept from a
multi-label model under SparseCategoricalCrossentropy(from_logits=True) (it trained exactly as
the linear head did, loss for loss); ExponentialDecay with decay_rate=3.0 read as 'divide by
three' (the rate climbed so the loss rose to the end, ~0.6 at 64 steps a decay and ~18 at 32,
rather than sitting; and the intended decay undertrained, ~0.75 and ~0.96); the ExponentialDecay
example's 0.1 under Adam (it bounced at ~0.23-0.28 against the fix's ~0.16: too close);
SimpleRNN(activation=None) under Adam 1e-3 (it kept learning, ~0.30 and falling); Conv2D(1, 3)
single-filter layers for the glaze faults (still falling at ~0.98: one number can still order
four faults); raw recipe units passed to fit for the unnormalised inputs (still falling from
~550 to ~1.7 at the end); ReduceLROnPlateau(factor=0.01, patience=0, min_delta=0.01) for the
low rate (it never fired before the ninth epoch, so it trained as the fix did); the
multiply-by-std scaler on a fastness grade set by the dye uptake (the GRU kept creeping down
from the readings' signs, 0.97 -> 0.87 over 14 epochs). The first dye-bath grade (uptake
against onset) was too hard for a pooled Conv1D net (1.08 -> 0.98 in ten epochs) and was
rewritten as the uptake alone before the runs were checked.

With the runner's seed, `fit` visits the examples in the same order every epoch, so several
runs show a sawtooth within each epoch. Labels follow `scenarios.py`: `expected_causes[0]` is
the root cause the scenario was built around, a second cause only where that symptom is
genuinely present too (NaN from the second step of the linear recurrent net; the GRU's inputs
at ~+-5000); `stall_begins` is the optimizer step from which the loss stops improving (None:
from the start), exact where an event of the scenario causes it (the first negative variance,
row 217 in file order, at step 7), otherwise read off the per-step loss and marked
approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("cutlers", "tilers", "masons", "dyers")

REGISTRY = []

holdout39 = registrar(REGISTRY)

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


def blade_hardness(n, seed, noise=0.3):
    """A blade's Rockwell hardness (standardised) from eight heat-treatment features (quench
    temperature, soak time, tempering temperature and time, carbon, chromium, thickness, oil
    temperature): smooth and nonlinear, with a tester's scatter that grows with the
    tempering temperature (heteroscedastic)."""
    r = _rng(seed)
    x = r.normal(size=(n, 8)).astype("float32")
    temper = 1.0 / (1.0 + np.exp(-x[:, 2]))
    mean = (1.2 * np.tanh(x[:, 0]) - 0.8 * temper + 0.5 * x[:, 4] * x[:, 5]
            + 0.4 * np.sin(2 * x[:, 1]) - 0.3 * x[:, 6] ** 2)
    y = mean + noise * (0.4 + 1.6 * temper) * r.normal(size=n)
    return x, _std(y)[:, None]


def edge_traces(n, seed, length=64, flip=0.0):
    """A profilometer's trace along a knife edge, 64 readings, three classes: 0 a clean edge
    (a gentle waviness), 1 a nick (a narrow dip), 2 a rolled burr (a raised ridge with
    ringing); `flip` of the grader's calls are wrong."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    t = np.arange(length)
    x = np.empty((n, length, 1), dtype="float32")
    for k in range(n):
        s = 0.3 * np.sin(2 * np.pi * t / r.uniform(20, 50) + r.uniform(0, 6.3))
        c = r.integers(8, length - 8)
        if y[k] == 1:
            s -= r.uniform(0.8, 1.5) * np.exp(-0.5 * ((t - c) / 1.2) ** 2)
        elif y[k] == 2:
            s += r.uniform(0.6, 1.2) * np.exp(-0.5 * ((t - c) / 3.0) ** 2) * np.cos(1.5 * (t - c))
        x[k, :, 0] = s + 0.25 * r.normal(size=length)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 3, n)) % 3, y)
    return x, y


def grind_sequences(n, seed, length=30):
    """Thirty readings of a grinding pass (wheel load, spark brightness), a random walk each;
    the target (standardised) is the edge angle left after the pass, a function of the last
    readings and of the pass's mean load, plus Student-t gauge noise (3 dof)."""
    r = _rng(seed)
    x = np.cumsum(0.3 * r.normal(size=(n, length, 2)), axis=1).astype("float32")
    y = (0.8 * x[:, -1, 0] - 0.5 * np.tanh(x[:, -5:, 1].mean(axis=1))
         + 0.4 * x[:, :, 0].mean(axis=1) + 0.35 * r.standard_t(3, size=n))
    return x, _std(y)[:, None]


def tile_images(n, seed, size=16, classes=4, weights=None, flip=0.0, pattern_noise=0.4):
    """16 x 16 photographs of a glazed tile, one class each: 0 sound glaze (speckle), 1 a
    horizontal hairline crack, 2 a vertical crack, 3 crazing (a diagonal net); pinholes
    (class 4, when five classes are asked for) are small dark dots. Lighting varies;
    `flip` of the labels are wrong."""
    r = _rng(seed)
    p = np.asarray(weights if weights is not None else [1] * classes, dtype=float)
    y = r.choice(classes, n, p=p / p.sum())
    i, j = np.mgrid[0:size, 0:size]
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        ci, cj = r.integers(3, size - 3, 2)
        if y[k] == 0:
            t = np.zeros((size, size))
        elif y[k] == 1:
            t = (np.abs(i - ci) < 1).astype(float) * (np.abs(j - cj) < 6)
        elif y[k] == 2:
            t = (np.abs(j - cj) < 1).astype(float) * (np.abs(i - ci) < 6)
        elif y[k] == 3:
            t = (((i + j - ci - cj) % 5 == 0) | ((i - j - ci + cj) % 5 == 0)).astype(float)
            t *= (np.abs(i - ci) < 5) & (np.abs(j - cj) < 5)
        else:
            t = (((i - ci) ** 2 + (j - cj) ** 2) < 3).astype(float)
        x[k, :, :, 0] = r.uniform(0.7, 1.3) * (0.5 + t) + pattern_noise * r.normal(size=(size, size))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, classes, n)) % classes, y)
    return x, y


def crack_directions(n, seed, size=16):
    """16 x 16 photographs of a cracked tile, the crack's direction as the class (4): along the
    rows, along the columns, rising diagonal, falling diagonal; position, length and lighting
    vary."""
    r = _rng(seed)
    y = r.integers(0, 4, n)
    i, j = np.mgrid[0:size, 0:size]
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        ci, cj = r.integers(4, size - 4, 2)
        half = r.integers(3, 6)
        if y[k] == 0:
            t = (i == ci) & (np.abs(j - cj) <= half)
        elif y[k] == 1:
            t = (j == cj) & (np.abs(i - ci) <= half)
        elif y[k] == 2:
            t = (i - ci == -(j - cj)) & (np.abs(i - ci) <= half)
        else:
            t = (i - ci == j - cj) & (np.abs(i - ci) <= half)
        x[k, :, :, 0] = r.uniform(0.7, 1.3) * (0.5 + t) + 0.3 * r.normal(size=(size, size))
    return x, y


def kiln_series(n, seed, length=36):
    """A kiln's firing log, 36 readings of temperature and draught; the batch's outcome (3):
    sound, under-fired (the soak cut short) or over-fired (a late spike)."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    t = np.linspace(0, 1, length)
    x = np.empty((n, length, 2), dtype="float32")
    for k in range(n):
        ramp = np.minimum(1.0, t / r.uniform(0.3, 0.5))
        if y[k] == 1:
            ramp = ramp * np.where(t > r.uniform(0.55, 0.7), 0.7, 1.0)
        elif y[k] == 2:
            ramp = ramp + 0.4 * np.exp(-0.5 * ((t - r.uniform(0.7, 0.9)) / 0.05) ** 2)
        x[k, :, 0] = ramp + 0.1 * r.normal(size=length)
        x[k, :, 1] = 0.5 * np.sin(6 * t + r.uniform(0, 6)) + 0.3 * r.normal(size=length)
    return x, y


def wall_survey(n, seed, kinds=12):
    """A wall panel's survey: the stone kind (12, an id) and five numeric features (age, exposure,
    joint width, frost days, load); the target is the number of cracked stones (Poisson)."""
    r = _rng(seed)
    kind = r.integers(0, kinds, n)
    effect = 0.5 * r.normal(size=kinds)
    num = r.normal(size=(n, 5)).astype("float32")
    rate = np.exp(0.6 + effect[kind] + 0.4 * num[:, 0] + 0.3 * num[:, 1] * num[:, 2]
                  - 0.3 * np.abs(num[:, 3]))
    return kind.astype("int32"), num, r.poisson(rate).astype("float32")[:, None]


def mortar_strength(n, seed, dim=10):
    """Mortar's compressive strength (standardised) from ten mix features (lime, sand grading,
    water ratio, cure days...), nonlinear, with heavy-tailed (Student-t, 2.5 dof) scatter from
    the crushing rig."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    y = (np.tanh(1.5 * x[:, 0]) - 0.7 * x[:, 1] + 0.5 * x[:, 2] * x[:, 3]
         + 0.4 * np.cos(x[:, 4]) + 0.5 * r.standard_t(2.5, size=n))
    return x, _std(y)[:, None]


def stone_courses(n, seed, length=10, flip=0.0):
    """A course of ten stones, each with four features (height, length, bed angle, weathering),
    in no fixed order; the course is sound (0) or will bulge (1) when two stones of very
    different heights sit on steep beds; `flip` of the surveyor's calls are wrong."""
    r = _rng(seed)
    x = r.normal(size=(n, length, 4)).astype("float32")
    steep = x[:, :, 2] > 0.3
    h = np.where(steep, x[:, :, 0], np.nan)
    spread = np.nan_to_num(np.nanmax(h, axis=1) - np.nanmin(h, axis=1), nan=0.0)
    score = spread + 0.3 * x[:, :, 3].mean(axis=1)
    y = (score > np.median(score)).astype("int64")
    wrong = r.random(n) < flip
    y = np.where(wrong, 1 - y, y)
    return x, y


def dye_series(n, seed, length=30, flip=0.0):
    """A dye bath's log, 30 readings of temperature, pH and absorbance (standardised units); the
    batch's colour-fastness grade (3, tertiles) is set by how much dye the fibre took up, how
    far the absorbance fell once the bath was at temperature; `flip` of the grades are
    wrong."""
    r = _rng(seed)
    t = np.linspace(0, 1, length)
    onset = r.uniform(0.1, 0.7, n)
    uptake = r.uniform(0.2, 1.0, n)
    temp = np.clip((t[None, :] - onset[:, None]) * 4.0, 0, 1)
    ph = 0.3 * np.sin(4 * t[None, :] + r.uniform(0, 6, (n, 1)))
    absorb = 1.0 - uptake[:, None] * np.cumsum(temp, axis=1) / length
    x = np.stack([temp, ph, absorb], axis=-1) + 0.1 * r.normal(size=(n, length, 3))
    score = uptake * temp.mean(axis=1)
    y = np.digitize(score, np.quantile(score, [1 / 3, 2 / 3]))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 3, n)) % 3, y)
    return x.astype("float32"), y.astype("int64")


def dye_recipes(n, seed, noise=0.2):
    """A dye recipe in the works' own units: bath temperature (deg C, ~95), time (s, ~3600),
    liquor ratio (~10), dye (g/l, ~2), salt (g/l, ~40), pH (~6); the target (standardised) is
    the colour difference from the standard, a smooth nonlinear function of the standardised
    recipe plus the spectrophotometer's scatter. Returns (raw, standardised, y)."""
    r = _rng(seed)
    z = r.normal(size=(n, 6))
    centre = np.array([95.0, 3600.0, 10.0, 2.0, 40.0, 6.0])
    scale = np.array([8.0, 900.0, 2.0, 0.6, 12.0, 1.0])
    raw = centre + scale * z
    y = (np.tanh(z[:, 0]) + 0.7 * z[:, 3] - 0.5 * z[:, 4] * z[:, 5] + 0.4 * np.sin(2 * z[:, 2])
         + 0.3 * z[:, 1] ** 2 + noise * r.normal(size=n))
    return raw.astype("float32"), _std(raw), _std(y)[:, None]


# cutlers ---------------------------------------------------------------------------------------


@holdout39("cutlers", healthy=True)
def hardness_warmup_cosine(session):
    """A blade's hardness (standardised) from eight heat-treatment features, the tester's
    scatter growing with the tempering temperature, MLP 64-64 relu, Adam under CosineDecay
    with a 64-step linear warm-up to 3e-3 then decay to zero over 11 epochs, MSE: the loss
    falls during the warm-up and settles at the heteroscedastic noise floor."""
    keras = _keras()
    x, y = blade_hardness(N, seed=3901)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    lr = keras.optimizers.schedules.CosineDecay(1e-5, decay_steps=288, warmup_target=3e-3,
                                                warmup_steps=64)
    model.compile(keras.optimizers.Adam(lr), "mse")
    return _fit(session, model, x, y, epochs=11, batch_size=32)


@holdout39("cutlers", healthy=True)
def edge_trace_noisy_grades(session):
    """A knife edge's condition (clean, nick, rolled burr) from 64 profilometer readings, 15% of
    the grader's calls wrong, Conv1D 16-32 relu with max pooling and global max pooling, SGD
    0.05 momentum 0.9 under PiecewiseConstantDecay (x0.2 at steps 160 and 256): it learns the
    defects and levels off above the label noise's floor."""
    keras = _keras()
    x, y = edge_traces(N, seed=3902, flip=0.15)
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    lr = keras.optimizers.schedules.PiecewiseConstantDecay([160, 256], [0.05, 0.01, 0.002])
    model.compile(keras.optimizers.SGD(lr, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout39("cutlers", healthy=True)
def grind_angle_huber_loop(session):
    """Hand-written GradientTape loop: the edge angle after a grinding pass from 30 readings of
    wheel load and spark brightness by a GRU(16) and Dense 16, Huber loss (delta 1) against
    Student-t gauge noise, Adam 3e-3: a quick fall, then a floor well above zero."""
    keras = _keras()
    x, y = grind_sequences(N, seed=3903)
    model = keras.Sequential([keras.Input((30, 2)), keras.layers.GRU(16),
                              keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), keras.losses.Huber(1.0),
                        x, y, epochs=8, batch_size=32, seed=3903)


def _docs_schedule(session, broken):
    keras = _keras()
    x, y = edge_traces(N, seed=3904)
    model = keras.Sequential([
        keras.Input((64, 1)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    values = [1.0, 0.5, 0.1] if broken else [1e-3, 5e-4, 1e-4]
    lr = keras.optimizers.schedules.PiecewiseConstantDecay([100000, 110000], values)
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# Hundreds within the first steps, then ~1.12 to the end, above where it started: from the start.
@holdout39("cutlers", ["learning_rate_too_high"], stall_begins=None)
def edge_trace_docs_schedule(session):
    """A knife edge's condition (clean, nick, rolled burr) from 64 profilometer readings by a
    Conv1D 16-32 net under Adam whose schedule was pasted from the PiecewiseConstantDecay
    example in the Keras documentation, boundaries [100000, 110000] and values [1.0, 0.5,
    0.1], rates meant for SGD: Adam runs at 1.0 for the whole training, a thousand times its
    usual rate."""
    return _docs_schedule(session, True)


def _linear_rnn(session, broken):
    keras = _keras()
    x, y = grind_sequences(N, seed=3905, length=60)
    model = keras.Sequential([keras.Input((60, 2)),
                              keras.layers.SimpleRNN(32, activation=None if broken else "tanh"),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(1e-3, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# ~150 at the first step, NaN from the second: from the start.
@holdout39("cutlers", ["exploding_gradients", "non_finite_values"], stall_begins=None)
def grind_angle_linear_rnn(session):
    """The edge angle after a grinding pass from 60 readings by SimpleRNN(32, activation=None),
    the tanh taken out 'because the angle is a linear quantity', SGD 1e-3 momentum 0.9, MSE:
    without the squashing the state is multiplied by the recurrent kernel 60 times and the
    gradients through the sequence blow up: the loss is ~150 at the first step and NaN from
    the second."""
    return _linear_rnn(session, True)


def _averaging_init(session, broken):
    keras = _keras()
    x, y = blade_hardness(N, seed=3906, noise=0.15)
    widths = (8, 64, 64, 64)
    layers = [keras.Input((8,))]
    for fan_in, units in zip(widths[:-1], widths[1:]):
        init = keras.initializers.Constant(1.0 / fan_in) if broken else "glorot_uniform"
        layers.append(keras.layers.Dense(units, activation="relu", kernel_initializer=init))
    layers.append(keras.layers.Dense(1))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# At the target's variance (~1.01) from the first steps: from the start.
@holdout39("cutlers", ["poor_initialization"], stall_begins=None)
def hardness_averaging_init(session):
    """A blade's hardness from eight heat-treatment features by an MLP 64-64-64 relu whose every
    hidden kernel starts at Constant(1 / fan_in), an 'averaging' start copied from a
    smoothing filter, Adam 2e-3, MSE: every unit of a layer computes the same thing and gets
    the same gradient, so the net stays as narrow as one unit per layer."""
    return _averaging_init(session, True)


# tilers ----------------------------------------------------------------------------------------


@holdout39("tilers", healthy=True)
def glaze_imbalanced_weighted(session):
    """Glaze faults on 16 x 16 tile photographs (sound, horizontal crack, vertical crack,
    crazing, pinholes), sound tiles 80% of the line and the faults weighted up by
    class_weight, CNN Conv2D 16-32 relu with pooling, Adam 1e-3: a slow, steady descent from
    ln 5 that is still going at the end, the weighted loss well above zero."""
    keras = _keras()
    weights = [16, 1, 1, 1, 1]
    x, y = tile_images(N, seed=3911, classes=5, weights=weights, pattern_noise=0.5)
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(5, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    freq = np.bincount(y[:-PROBE_SIZE], minlength=5) / len(y[:-PROBE_SIZE])
    class_weight = {k: float(1.0 / (5 * freq[k])) for k in range(5)}
    (xt, yt) = (x[:-PROBE_SIZE], y[:-PROBE_SIZE])
    history = model.fit(xt, yt, epochs=8, batch_size=32, verbose=0, class_weight=class_weight,
                        callbacks=session.callbacks((x[-PROBE_SIZE:], y[-PROBE_SIZE:])))
    return history.history["loss"]


@holdout39("tilers", healthy=True)
def kiln_outcome_small_data(session):
    """A firing's outcome (sound, under-fired, over-fired) from a kiln log of 36 readings, only
    192 logged firings, by a flattened MLP 128-128 relu, Adam 2e-3, 40 epochs of six steps:
    it memorises the few firings and the training loss keeps falling towards zero."""
    keras = _keras()
    x, y = kiln_series(192 + PROBE_SIZE, seed=3912)
    model = keras.Sequential([keras.Input((36, 2)), keras.layers.Flatten(),
                              keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=32)


@holdout39("tilers", healthy=True)
def kiln_lstm_reduce_on_plateau(session):
    """A firing's outcome from the kiln log's 36 readings by an LSTM(16), RMSprop 3e-3 with
    ReduceLROnPlateau(monitor='loss', factor=0.3, patience=1): it learns fast and keeps
    improving, more slowly, as the rate is cut."""
    keras = _keras()
    x, y = kiln_series(N, seed=3913)
    model = keras.Sequential([keras.Input((36, 2)), keras.layers.LSTM(16),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.RMSprop(3e-3), "sparse_categorical_crossentropy")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.3, patience=1,
                                                min_delta=1e-3, verbose=0)
    return _fit(session, model, x, y, epochs=10, batch_size=32, callbacks=[plateau])


def _relu6_typo(session, broken):
    keras = _keras()
    x, y = tile_images(N, seed=3914)

    def relu6(z):
        if broken:
            return keras.ops.relu(z - 6.0)
        return keras.ops.minimum(keras.ops.relu(z), 6.0)

    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(16, 3, padding="same"), keras.layers.Activation(relu6),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, padding="same"), keras.layers.Activation(relu6),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(32), keras.layers.Activation(relu6),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# ln 4 on every step.
@holdout39("tilers", ["dead_relus"], stall_begins=None)
def glaze_relu6_shifted(session):
    """Glaze faults on tile photographs by a CNN for an edge camera whose activation is a
    hand-written 'ReLU6' written relu(z - 6) instead of min(relu(z), 6): a unit passes only
    pre-activations above 6, which the convolutions and the dense layer never reach, so every
    unit outputs 0 and passes no gradient."""
    return _relu6_typo(session, True)


def _pointwise(session, broken):
    keras = _keras()
    x, y = crack_directions(N, seed=3915)
    k = 1 if broken else 3
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(16, k, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, k, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, k, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# ln 4 on every step.
@holdout39("tilers", ["insufficient_capacity"], stall_begins=None)
def glaze_pointwise_only_cnn(session):
    """A crack's direction (along the rows, along the columns, rising or falling diagonal) on
    tile photographs by a CNN adapted from a MobileNet block whose depthwise 3 x 3 convolutions were left out, so
    every Conv2D is the pointwise kernel_size=1 one, with 2 x 2 max pooling between and global
    max pooling at the end: nothing in the net relates neighbouring pixels in any direction,
    so a crack along the rows and one along the columns (or the two diagonals) look the same
    to it."""
    return _pointwise(session, True)


def _linear_head(session, broken):
    keras = _keras()
    x, y = kiln_series(N, seed=3916)
    model = keras.Sequential([
        keras.Input((36, 2)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(3, activation=None if broken else "softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.SparseCategoricalCrossentropy())
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# ln 3 from the first steps.
@holdout39("tilers", ["loss_activation_mismatch"], stall_begins=None)
def kiln_raw_scores_probability_loss(session):
    """A firing's outcome (3) from the kiln log by a Conv1D 16-32 net whose head is a plain
    Dense(3) giving raw scores, the softmax left to the loss 'as PyTorch does', but compiled
    with SparseCategoricalCrossentropy() at its default from_logits=False: the scores are
    read as probabilities, normalised by their sum and clipped, so negative ones have no
    gradient and the loss cannot reach the trained net's."""
    return _linear_head(session, True)


# masons ----------------------------------------------------------------------------------------


@holdout39("masons", healthy=True)
def cracked_stones_poisson(session):
    """Cracked stones per wall panel (Poisson counts, a few a panel) from the stone kind through
    Embedding(12, 4) beside five numeric survey features, two inputs, MLP 32-32 relu with an
    exponential output, keras Poisson loss, Adam 3e-3: the loss settles near the counts' own
    Poisson noise."""
    keras = _keras()
    kind, num, y = wall_survey(N, seed=3921)
    a = keras.Input((1,), dtype="int32")
    b = keras.Input((5,))
    e = keras.layers.Flatten()(keras.layers.Embedding(12, 4)(a))
    h = keras.layers.Concatenate()([e, b])
    h = keras.layers.Dense(32, activation="relu")(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([a, b], keras.layers.Dense(1, activation="exponential")(h))
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.Poisson())
    return _fit_inputs(session, model, [kind[:, None], num], y, epochs=10, batch_size=32)


@holdout39("masons", healthy=True)
def mortar_quantile_q10(session):
    """The 10th percentile of mortar's crushing strength from ten mix features by an MLP 64-32
    elu under the pinball loss at quantile 0.1, heavy-tailed rig scatter, Adam 2e-3: the loss
    falls and flattens far above zero."""
    keras = _keras()
    import tensorflow as tf

    x, y = mortar_strength(N, seed=3922)

    def pinball(yt, yp):
        e = yt - yp
        return tf.reduce_mean(tf.maximum(0.1 * e, -0.9 * e), axis=-1)

    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="elu"),
                              keras.layers.Dense(32, activation="elu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), pinball)
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout39("masons", healthy=True)
def course_attention_noisy(session):
    """Whether a course of ten stones will bulge, from the stones' four features in no fixed
    order, by a MultiHeadAttention block (2 heads of 8) over a Dense(16) stone embedding with
    average pooling, a tenth of the surveyor's calls wrong, Adam 2e-3: a slow start near ln 2,
    then a steady descent still going at the end, above the label noise."""
    keras = _keras()
    x, y = stone_courses(N, seed=3923, flip=0.1)
    inp = keras.Input((10, 4))
    h = keras.layers.Dense(16, activation="relu")(inp)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    h = keras.layers.Dense(32, activation="relu")(h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(16, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(1, activation="sigmoid")(h))
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _sigmoid_tower(session, broken):
    keras = _keras()
    kind, num, counts = wall_survey(N, seed=3924)
    y = (counts[:, 0] > np.median(counts)).astype("float32")[:, None]
    a = keras.Input((1,), dtype="int32")
    b = keras.Input((5,))
    e = keras.layers.Flatten()(keras.layers.Embedding(12, 4)(a))
    h = keras.layers.Concatenate()([e, b])
    for _ in range(8 if broken else 2):
        h = keras.layers.Dense(32, activation="sigmoid" if broken else "relu")(h)
    model = keras.Model([a, b], keras.layers.Dense(1, activation="sigmoid")(h))
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "binary_crossentropy")
    return _fit_inputs(session, model, [kind[:, None], num], y, epochs=10, batch_size=32)


# ~0.98 to ~0.65 within the first epoch's first steps, then flat: approximate.
@holdout39("masons", ["vanishing_gradients"], stall_begins=32)
def wall_survey_sigmoid_tower(session):
    """Whether a wall panel has more cracked stones than the median, from the stone kind
    (Embedding) and five survey features, by a tower of eight Dense(32, activation='sigmoid')
    layers 'as in the textbook', SGD 0.05 momentum 0.9: the gradient shrinks by the sigmoid's
    slope of at most 1/4 at every layer and the embedding and lower layers barely learn."""
    return _sigmoid_tower(session, True)


def _negative_variance(session, broken):
    keras = _keras()
    r = _rng(3925)
    # Ten readings of a crack gauge per panel; a few gauges are stuck and read the same value.
    readings = 20.0 + 0.5 * r.normal(size=(N, 10))
    stuck = np.sort(r.choice(np.arange(200, N - PROBE_SIZE), 12, replace=False))
    readings[stuck] = 20.3
    readings = readings.astype("float32")
    mean = readings.mean(axis=1)
    var = (readings ** 2).mean(axis=1) - mean ** 2  # E[x^2] - E[x]^2 in float32
    if not broken:
        var = np.maximum(var, 0.0)
    with np.errstate(invalid="ignore"):  # numpy's warning scrolls past in a notebook
        spread = np.sqrt(var)
    other = r.normal(size=(N, 4)).astype("float32")
    y = (np.tanh(2 * (np.sqrt(np.maximum(var, 0)) - 0.45)) + 0.6 * other[:, 0]
         - 0.4 * other[:, 1] * other[:, 2] + 0.2 * r.normal(size=N))
    x = np.concatenate([((mean - 20.0) / 0.16)[:, None], ((spread - 0.45) / 0.1)[:, None], other],
                       axis=1).astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, _std(y)[:, None], epochs=8, batch_size=32, shuffle=False)


# The first stuck gauge is row 217 of the file-order pass, in the seventh batch: step 7.
@holdout39("masons", ["non_finite_values"], stall_begins=217 // 32 + 1)
def crack_gauge_negative_variance(session):
    """A wall panel's movement (standardised) from the mean and spread of ten crack-gauge
    readings and four other features, MLP 64-32 relu, Adam 2e-3, trained in file order; the
    spread is sqrt(E[x^2] - E[x]^2) computed in float32 on readings near 20 mm, and for the
    stuck gauges, whose readings are all equal, the difference comes out a hair below zero:
    the square root is NaN. The first such panel turns the first layer's weights for the
    spread NaN, every hidden unit's input is NaN from then on (the relus pass it on as 0) and
    the loss sits flat at the target's variance."""
    return _negative_variance(session, True)


def _global_minmax(session, broken):
    keras = _keras()
    raw, _, y = dye_recipes(N, seed=3926)
    axis = None if broken else 0
    lo, hi = raw.min(axis=axis), raw.max(axis=axis)
    x = ((raw - lo) / (hi - lo)).astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# ~0.98 from the first epoch on (the target's variance is 1).
@holdout39("masons", ["unnormalized_inputs"], stall_begins=None)
def lime_wash_global_minmax(session):
    """A lime-wash pigment batch's colour difference from six recipe values by an MLP 64-64
    relu, Adam 1e-3, MSE, min-max scaled with (x - x.min()) / (x.max() - x.min()) without
    axis=0: one minimum and range for the whole frame, set by the mixing time in seconds
    (~3600), so the time column spans ~0.5 while the temperature, liquor ratio, pigment dose,
    salt and pH vary by thousandths."""
    return _global_minmax(session, True)


# dyers -----------------------------------------------------------------------------------------


@holdout39("dyers", healthy=True)
def fastness_gru_noisy_grades(session):
    """A batch's colour-fastness grade (3) from 30 dye-bath readings by a GRU(16), 12% of the
    grades wrong, Nadam 2e-3: a slow start near ln 3, then a steady descent that is still
    going at the end, far above zero."""
    keras = _keras()
    x, y = dye_series(N, seed=3931, flip=0.12)
    model = keras.Sequential([keras.Input((30, 3)), keras.layers.GRU(16),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Nadam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout39("dyers", healthy=True)
def recipe_adagrad_slow(session):
    """A dye recipe's colour difference from the six standardised recipe values by an MLP 32-32
    tanh under Adagrad 0.02, MSE: a long slow convergence still improving at the end."""
    keras = _keras()
    _, x, y = dye_recipes(N, seed=3932)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(32, activation="tanh"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adagrad(0.02), "mse")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout39("dyers", healthy=True)
def fastness_conv_loop(session):
    """Hand-written GradientTape loop: the colour-fastness grade from 30 dye-bath readings by a
    Conv1D 16-32 net with max pooling and a flattened head, RMSprop 1e-3, sparse categorical
    cross-entropy, a tenth of the grades wrong: it learns steadily, slowing towards the end,
    far above zero."""
    keras = _keras()
    x, y = dye_series(N, seed=3933, flip=0.1)
    model = keras.Sequential([
        keras.Input((30, 3)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    return _custom_loop(session, model, keras.optimizers.RMSprop(1e-3),
                        keras.losses.SparseCategoricalCrossentropy(), x, y, epochs=10,
                        batch_size=32, seed=3933)


def _decay_every_step(session, broken):
    keras = _keras()
    x, y = dye_series(N, seed=3934)
    model = keras.Sequential([keras.Input((30, 3)), keras.layers.GRU(16),
                              keras.layers.Dense(3, activation="softmax")])
    lr = keras.optimizers.schedules.ExponentialDecay(0.05, decay_steps=1 if broken else 32,
                                                     decay_rate=0.96)
    model.compile(keras.optimizers.SGD(lr, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# It creeps from ln 3 to ~1.06 in the first two epochs and freezes there: approximate.
@holdout39("dyers", ["learning_rate_too_low"], stall_begins=64)
def fastness_decay_every_step(session):
    """The colour-fastness grade from 30 dye-bath readings by a GRU(16), SGD 0.05 momentum 0.9
    under ExponentialDecay(0.05, decay_steps=1, decay_rate=0.96), the recipe's '4% an epoch'
    typed with decay_steps=1: the rate shrinks 4% every step, below 1e-3 after a hundred steps
    and ~1e-7 at the end, and the GRU freezes soon after it starts to learn."""
    return _decay_every_step(session, True)


def bath_ripple(n, seed, length=30):
    """A dye bath's log in the works' units, 30 readings of temperature (deg C, ~60) and
    absorbance (milli-units, ~500): the pump's ripple shows in the absorbance, and the
    batch's evenness grade (3, tertiles) is set by how large that ripple is."""
    r = _rng(seed)
    t = np.arange(length)
    amp = r.uniform(0.2, 1.6, n)
    # The pump's cycle is seven readings; the logger starts a quarter-reading past one of its
    # seven points.
    phase = 2 * np.pi * (r.integers(0, 7, (n, 1)) + 0.25) / 7.0
    ripple = amp[:, None] * np.sin(2 * np.pi * t[None, :] / 7.0 + phase)
    absorb = 500.0 + 100.0 * (ripple + 0.005 * r.normal(size=(n, length)))
    # The heater's slow swing, starting at one of four points of its 30-reading cycle.
    temp = 60.0 + 5.0 * np.cos(2 * np.pi * t[None, :] / 30.0 + np.pi / 2 * r.integers(0, 4, (n, 1)))
    x = np.stack([temp, absorb], axis=-1).astype("float32")
    y = np.digitize(amp, np.quantile(amp, [1 / 3, 2 / 3])).astype("int64")
    return x, y


def _times_std(session, broken):
    keras = _keras()
    raw, y = bath_ripple(N, seed=3935)
    mu = raw.reshape(-1, 2).mean(axis=0)
    sd = raw.reshape(-1, 2).std(axis=0)
    z = (raw - mu) * sd if broken else (raw - mu) / sd
    model = keras.Sequential([keras.Input((30, 2)), keras.layers.GRU(16),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, z.astype("float32"), y, epochs=8, batch_size=32)


# ~1.10 (ln 3) from the first epoch on.
@holdout39("dyers", ["saturated_activations", "unnormalized_inputs"], stall_begins=None)
def fastness_scaler_times_std(session):
    """A dye batch's evenness grade from 30 readings of bath temperature and absorbance in the
    works' units by a GRU(16), Adam 2e-3, where the hand-written scaler multiplies by the
    standard deviation instead of dividing ((x - mean) * std): the temperature comes in at
    ~+-20 and the absorbance at ~+-5000, every gate and candidate of the GRU sits at its
    bounds, and only the readings' signs get through, which do not show the ripple's size."""
    return _times_std(session, True)


def _unweighted_l2(session, broken):
    keras = _keras()
    import tensorflow as tf

    x, y = dye_series(N, seed=3936)
    model = keras.Sequential([
        keras.Input((30, 3)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    cross_entropy = keras.losses.SparseCategoricalCrossentropy()
    weight = 1.0 if broken else 5e-4

    def loss_fn(yb, pred):
        penalty = tf.add_n([tf.nn.l2_loss(v) for v in model.trainable_variables])
        return cross_entropy(yb, pred) + weight * penalty

    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), loss_fn, x, y, epochs=12,
                        batch_size=32, seed=3936,
                        loss_description="sparse_categorical_crossentropy + l2_loss")


# The loss falls only as the penalty shrinks, reaching ln 3 in about the eighth epoch:
# approximate.
@holdout39("dyers", ["over_regularization"], stall_begins=256)
def fastness_unweighted_l2_loop(session):
    """Hand-written GradientTape loop: the colour-fastness grade from 30 dye-bath readings by a
    Conv1D 16-32 net, Adam 3e-3, the loss cross-entropy plus tf.add_n of tf.nn.l2_loss over
    every trainable variable, copied from a TF1 snippet without its 5e-4 weight: the penalty
    is weighted 1.0 and holds every weight near zero, the net at the class prior."""
    return _unweighted_l2(session, True)
