"""The hundred-and-sixty-first held-out catalogue: written by someone who did not read the engine or
run the diagnosis on these runs, and scored once.

The catalogue keeps four trades, one per family: herbalists grading tinctures from eight bench
readings, counting seedlings and sorting remedies by their ingredient lists; milkmaids forecasting
a cow's litres from her herd record or her forty-day lactation curve; shearers grading fleece crimp
from 12x12 patches, timing sheep from the shearing sheet and reading blade force over thirty
strokes; prospectors reading seismic traces, magnetometer grids and assay tables. Every data set
is generated in this file with seeds 16101-16136; the last PROBE_SIZE rows are the probe.

The healthy half (twelve runs, nothing to fix in the code): a Poisson count of seedlings with an
exponential output and keras' poisson loss, which settles well above zero because counts are
noisy; an Embedding + MultiHeadAttention remedy classifier with 20% wrong labels under
CosineDecay with a 60-step linear warm-up; a tiny herbarium (192 rows) that a 128-128 MLP
memorises, its loss sliding towards zero; a GRU in a hand-written GradientTape loop fitting the
0.9 quantile of next week's yield with the pinball loss on heteroscedastic noise; a Conv1D
forecaster under the Huber loss with PiecewiseConstantDecay steps at 200 and 400; a tanh MLP
under plain SGD 0.01 that is still creeping down at the end; a two-input fleece grader (a small
CNN plus the tabular sheet) with 15% wrong grades and ReduceLROnPlateau on the training loss; an
LSTM over blade strokes with a quarter of the tally mislabelled; a BatchNormalization MLP under
SGD with momentum whose rate a LearningRateScheduler halves every six epochs; a rare (4%) ore
class in seismic traces with class_weight {0: 1, 1: 12}; Student-t (two degrees of freedom)
assay errors fitted under MAE; and vein shapes in magnetometer grids with 20% wrong field notes
under SGD with Nesterov momentum.

The broken half (eleven runs, one root cause each, each checked against a twin that differs
only in the mistake): Adam with the learning_rate=1.0 kept from an Adadelta recipe on an
embedding classifier (learning rate too high); the tincture readings fed in bench units, with
millilitre and milligram columns in the thousands (unnormalised inputs); every Dense kernel
built with Constant(0.05) in a GradientTape loop, so the hidden units stay identical (poor
initialisation); ExponentialDecay with decay_steps=1 where the recipe meant one epoch, which
takes the rate to nothing within a few epochs (learning rate too low); ten sigmoid layers under
SGD (vanishing gradients); a GRU litres forecaster with a sigmoid head copied from a classifier,
under MSE (loss/activation mismatch); a fleece grader whose feature layers came out of a config
read with a misspelt key, leaving a linear read of the pixels (insufficient capacity); a TF1
dropout keep_prob of 0.9 ported as Dropout(0.9) (over-regularisation); the rare-event prior bias
(about -6.9) passed to every sigmoid layer instead of the head, under SGD (saturated
activations); keras ReLU(threshold=6.0) written for ReLU(max_value=6.0) in a Conv1D stack
(dead ReLUs); and np.log of assay grades where below-detection samples were entered as 0, trained
in drill-hole order so the -inf targets arrive at a known batch (non-finite values).

Dropped because it did not behave as intended: exploding gradients, tried as a relu SimpleRNN
over the blade strokes with recurrent Orthogonal(gain=2.0) and clipnorm=1.0. Under Adam 1e-3
the broken run kept improving (slowly, from 1.3 to 0.5 nats), so it was not a stall; with gain
3.0 its loss fell steadily from 1e9 to about 100, again no plateau; under SGD 0.05 with momentum
and clipnorm the gain-2 run spiked and stayed near chance, but so did its gain-1 twin, so the
gain was not the root cause. The shearers family therefore has five scenarios and the catalogue
eleven broken runs. Also changed after checking: the deep-sigmoid run's relu twin went to NaN at
SGD 0.02, so both use 0.005; the keep_prob dropout run was still drifting down at Adam 2e-3,
so both use 1e-2; a first capacity mistake (Conv2D(1, 3) for Conv2D(16, 3)) kept improving
steadily and was replaced by the linear read; and the first non-finite version (log(0) in a
feature column) never showed a NaN loss (the relus zeroed the -inf and the model quietly
collapsed to a constant), so the -inf was moved to the target.

Already written by earlier catalogues, so not written here in those forms: NonNeg kernels on
negative or positive inputs, hard_sigmoid / hard_tanh stacks, IRNN and high-gain recurrent
kernels without clipping, raw price or count targets, tanh/sigmoid heads for ratings, zero and
tiny initialisations, L2 and dropout overdoses in their usual forms, Lion and Adadelta learning
rate slips, NaN rows in the features, and a sudden-drop (grokking-like) healthy run. Overlaps that
remain (the ideas are common, the models and mechanisms here differ): ReLU(threshold) mix-ups,
ExponentialDecay step/epoch slips, prior-bias saturation, label-noise floors, quantile, Huber,
Poisson and MAE losses, ReduceLROnPlateau and class_weight.

Labels: expected_causes holds one cause, the root cause the run was built around. stall_begins
is the 0-based optimizer step from which the broken loss stops improving, None when it is flat
from the start (the sigmoid litres head, the ten sigmoid layers, the ReLU threshold). The
non-finite run's step is exact (row 230 lies in batch 7 of an unshuffled epoch of 32-row
batches); the others were read off the per-epoch loss (32 steps an epoch) and are approximate,
as marked next to each scenario.
"""

import numpy as np

from .scenarios import (PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _small_cnn, _standardize,
                        registrar)

FAMILIES = ('herbalists', 'milkmaids', 'shearers', 'prospectors')

REGISTRY = []

holdout161 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data: one trade per family


def _extract_assays(n, seed, flip=0.0):
    """Eight standardised readings of a herbalist's tincture and its potency grade (0-3)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 8))
    score = (np.tanh(x[:, 0] * x[:, 1]) + np.sin(1.5 * x[:, 2]) + 0.4 * x[:, 3] ** 2
             - 0.6 * x[:, 4] + 0.3 * x[:, 5] * x[:, 6])
    y = np.digitize(score, np.quantile(score, [0.25, 0.5, 0.75]))
    if flip:
        noisy = rng.random(n) < flip
        y[noisy] = rng.integers(0, 4, noisy.sum())
    return x.astype("float32"), y.astype("int32")


# The bench units of the eight readings: ethanol %, alkaloid mg/L, pH, days steeped, colour
# absorbance, dry mass g, terpene ppm, batch volume mL.
_BENCH_SCALE = np.array([8.0, 900.0, 0.6, 9.0, 0.2, 40.0, 350.0, 250.0])
_BENCH_OFFSET = np.array([55.0, 2400.0, 5.0, 30.0, 0.9, 120.0, 1800.0, 1000.0])


def _remedy_tokens(n, seed, length=14, vocab=60, flip=0.0):
    """A remedy as a list of ingredient ids; its use (0-3) is the marker group that dominates."""
    rng = np.random.default_rng(seed)
    x = rng.integers(1, vocab, size=(n, length))
    group = (x - 1) % 5  # group 4 is filler
    counts = np.stack([(group == g).sum(axis=1) for g in range(4)], axis=1)
    y = np.argmax(counts + rng.random(counts.shape) * 0.5, axis=1)
    if flip:
        noisy = rng.random(n) < flip
        y[noisy] = rng.integers(0, 4, noisy.sum())
    return x.astype("int32"), y.astype("int32")


def _herd_records(n, seed):
    """Six standardised facts about a cow (age, parity, days in milk, weight, feed, breed score)
    and her daily yield in litres, a non-linear function of them plus noise."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 6))
    litres = (22 + 4 * np.tanh(x[:, 0]) - 3 * (x[:, 2] - 0.3) ** 2 + 2.5 * x[:, 3] * x[:, 4]
              + 2 * np.sin(2 * x[:, 5]) + rng.normal(0, 1.0, n))
    return x.astype("float32"), litres.astype("float32")


def _lactation_curves(n, seed, length=40, hetero=False):
    """Forty days of a cow's milk record (Wood's curve, noisy) and the next week's mean yield."""
    rng = np.random.default_rng(seed)
    t = np.arange(1, length + 8, dtype=float)
    a = rng.uniform(12, 22, (n, 1))
    b = rng.uniform(0.1, 0.3, (n, 1))
    c = rng.uniform(0.01, 0.04, (n, 1))
    curve = a * t ** b * np.exp(-c * t)
    record = curve[:, :length] + rng.normal(0, 1.0, (n, length))
    target = curve[:, length:].mean(axis=1)
    if hetero:
        target = target + rng.normal(0, 1, n) * 0.08 * target ** 1.3 / 4
    return record[..., None].astype("float32"), target.astype("float32")


def _fleece_patches(n, seed, flip=0.0):
    """12x12 patches of a fleece's crimp: stripes at one of four angles (the wool's grade)."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:12, 0:12].astype(float)
    y = rng.integers(0, 4, n)
    angle = y * np.pi / 4 + rng.normal(0, 0.1, n)
    freq = rng.uniform(0.7, 1.1, n)
    phase = rng.uniform(0, 2 * np.pi, n)
    proj = np.cos(angle)[:, None, None] * xx + np.sin(angle)[:, None, None] * yy
    img = np.sin(freq[:, None, None] * proj + phase[:, None, None])
    img = img + rng.normal(0, 0.6, img.shape)
    if flip:
        noisy = rng.random(n) < flip
        y[noisy] = rng.integers(0, 4, noisy.sum())
    return img[..., None].astype("float32"), y.astype("int32")


def _shearing_sheets(n, seed):
    """Five standardised facts about a sheep on the board (body weight, wool length, wrinkle
    score, shearer's experience, heat) and the minutes the shearing took."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 5))
    minutes = (3 + 0.6 * x[:, 0] + 0.5 * np.abs(x[:, 1]) + 0.4 * np.maximum(x[:, 2], 0) ** 2
               - 0.5 * np.tanh(2 * x[:, 3]) + 0.3 * x[:, 0] * x[:, 4]
               + rng.normal(0, 0.15, n))
    return x.astype("float32"), minutes.astype("float32")


def _blade_strokes(n, seed, length=30, flip=0.0):
    """A shearer's blade force over thirty strokes; the class (0-2) is where the hardest
    stretch of the run lies (early, middle, late)."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    t = np.arange(length)
    centre = (y * 10 + 5 + rng.integers(-2, 3, n))[:, None]
    x = np.exp(-0.5 * ((t - centre) / 2.5) ** 2) + rng.normal(0, 0.4, (n, length))
    if flip:
        noisy = rng.random(n) < flip
        y[noisy] = rng.integers(0, 3, noisy.sum())
    return x[..., None].astype("float32"), y.astype("int32")


def _seismic_traces(n, seed, length=64, ore_rate=0.5):
    """A prospector's seismic trace: noise plus a Ricker pulse; ore shows as a doubled pulse."""
    rng = np.random.default_rng(seed)
    t = np.arange(length)
    y = (rng.random(n) < ore_rate).astype("int32")
    pos = rng.integers(10, length - 20, n)[:, None]

    def ricker(centre, width=2.0):
        u = ((t - centre) / width) ** 2
        return (1 - 2 * u) * np.exp(-u)

    x = ricker(pos) + y[:, None] * 0.8 * ricker(pos + 6) + rng.normal(0, 0.35, (n, length))
    return x[..., None].astype("float32"), y


def _assay_table(n, seed, heavy=False):
    """Seven standardised readings of a rock sample (depth, magnetics, conductivity, quartz %,
    pyrite %, arsenic, distance to fault) and its gold grade in g/t."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 7))
    grade = (2 + np.tanh(x[:, 1] + x[:, 2]) + 0.8 * np.exp(-x[:, 6] ** 2) * (1 + x[:, 4])
             + 0.5 * np.sin(2 * x[:, 3]))
    noise = rng.standard_t(2.0, n) * 0.3 if heavy else rng.normal(0, 0.2, n)
    return x.astype("float32"), (grade + noise).astype("float32")


def _ore_maps(n, seed, flip=0.0):
    """10x10 magnetometer grids; the class (0-2) is the vein's shape: blob, line or ring."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:10, 0:10].astype(float)
    y = rng.integers(0, 3, n)
    cy, cx = rng.uniform(3, 7, (2, n))
    r = np.sqrt((yy - cy[:, None, None]) ** 2 + (xx - cx[:, None, None]) ** 2)
    blob = np.exp(-r ** 2 / 3)
    line = np.exp(-((xx - cx[:, None, None]) ** 2) / 1.0)
    ring = np.exp(-(r - 2.5) ** 2 / 0.8)
    img = np.where((y == 0)[:, None, None], blob, np.where((y == 1)[:, None, None], line, ring))
    img = img + rng.normal(0, 0.35, img.shape)
    if flip:
        noisy = rng.random(n) < flip
        y[noisy] = rng.integers(0, 3, noisy.sum())
    return img[..., None].astype("float32"), y.astype("int32")


def _fit_two(session, model, xa, xb, y, *, epochs, batch_size, callbacks=()):
    """`_fit` for a two-input model: the last PROBE_SIZE rows of each input are the probe."""
    train = ([xa[:-PROBE_SIZE], xb[:-PROBE_SIZE]], y[:-PROBE_SIZE])
    probe = ([xa[-PROBE_SIZE:], xb[-PROBE_SIZE:]], y[-PROBE_SIZE:])
    history = model.fit(*train, epochs=epochs, batch_size=batch_size, verbose=0,
                        callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# herbalists


@holdout161("herbalists", healthy=True)
def seedling_counts_poisson(session):
    """Herbalists: seedlings that came up per tray, a Poisson count whose rate depends on the
    eight bench readings; an MLP with an exponential output trained with keras' poisson loss,
    Adam 3e-3, 20 epochs. Counts are noisy by nature, so the Poisson loss settles well above
    zero while the predicted rate is right."""
    keras = _keras()
    x, _ = _extract_assays(N, seed=16101)
    rate = np.exp(0.8 + 0.5 * np.tanh(x[:, 0]) + 0.4 * np.sin(x[:, 2]) - 0.3 * x[:, 4] ** 2 / 2)
    y = np.random.default_rng(16102).poisson(rate).astype("float32")
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout161("herbalists", healthy=True)
def remedy_attention_noisy_labels(session):
    """Herbalists: remedies as 14 ingredient ids, their use (4 classes) read off which marker
    group dominates; 20% of the ledger's labels were copied wrongly. Embedding(16) + one
    MultiHeadAttention block + pooling, Adam under CosineDecay with a 60-step warm-up, 18 epochs.
    The loss flattens near the label-noise floor (about 0.9 nats)."""
    keras = _keras()
    x, y = _remedy_tokens(N, seed=16103, flip=0.2)
    inputs = keras.Input((14,), dtype="int32")
    h = keras.layers.Embedding(60, 16)(inputs)
    h = h + keras.layers.MultiHeadAttention(2, 8)(h, h)
    h = keras.layers.LayerNormalization()(h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    outputs = keras.layers.Dense(4, activation="softmax")(h)
    model = keras.Model(inputs, outputs)
    steps = 18 * 32
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, steps - 60, warmup_target=3e-3, warmup_steps=60)
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=18, batch_size=32)


@holdout161("herbalists", healthy=True)
def small_herbarium_overfits(session):
    """Herbalists: only 192 tinctures graded (64 more held out as the probe); a 128-128 relu
    MLP, Adam 2e-3, batch 16, 40 epochs. The training loss keeps sliding towards zero as the
    net memorises the small ledger; nothing in the code is wrong, the data is just small."""
    keras = _keras()
    x, y = _extract_assays(192 + PROBE_SIZE, seed=16104)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


def _remedy_adam_one(session, broken):
    keras = _keras()
    x, y = _remedy_tokens(N, seed=16105)
    model = keras.Sequential([keras.Input((14,), dtype="int32"), keras.layers.Embedding(60, 16),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(1.0 if broken else 3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout161("herbalists", ["learning_rate_too_high"], stall_begins=32)  # approximate
def remedy_adam_one(session):
    """Herbalists: the remedy classifier (Embedding(16), average pooling, a 32-unit relu layer,
    softmax over 4 uses) was first trained with Adadelta, whose recipe says learning_rate=1.0;
    the optimizer was swapped for Adam and the 1.0 kept. The loss jumps up in the first steps
    and never comes back to where Adam 3e-3 takes it."""
    return _remedy_adam_one(session, broken=True)


def _raw_bench_units(session, broken):
    keras = _keras()
    x, y = _extract_assays(N, seed=16106)
    x = (x * _BENCH_SCALE + _BENCH_OFFSET).astype("float32")
    if not broken:
        x = _standardize(x)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout161("herbalists", ["unnormalized_inputs"], stall_begins=96)  # approximate
def raw_bench_units(session):
    """Herbalists: the potency grader fed the eight bench readings in their own units (ethanol
    % near 55, alkaloid mg/L near 2400, pH near 5, batch volume near 1000 mL...) without
    standardising them; a 64-32 relu MLP, Adam 1e-3, 20 epochs. The millilitre and milligram
    columns swamp the rest: after a huge first epoch the loss wanders at several nats, worse
    than guessing, while the standardised twin falls below 0.7."""
    return _raw_bench_units(session, broken=True)


def _constant_init_tape(session, broken):
    keras = _keras()
    x, y = _extract_assays(N, seed=16107)
    init = (lambda: keras.initializers.Constant(0.05)) if broken else (lambda: "glorot_uniform")
    model = keras.Sequential([keras.Input((8,)),
                              keras.layers.Dense(48, activation="relu", kernel_initializer=init()),
                              keras.layers.Dense(48, activation="relu", kernel_initializer=init()),
                              keras.layers.Dense(4, activation="softmax",
                                                 kernel_initializer=init())])
    loss = keras.losses.SparseCategoricalCrossentropy()
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), loss, x, y, epochs=15,
                        batch_size=32, seed=16108)


@holdout161("herbalists", ["poor_initialization"], stall_begins=160)  # approximate
def constant_init_tape(session):
    """Herbalists: a hand-written GradientTape loop for the potency grader (8 readings, 48-48
    relu, softmax over 4 grades, Adam 3e-3); every Dense layer was built with
    kernel_initializer=Constant(0.05) 'so runs are reproducible'. All hidden units start
    identical and receive identical updates, so each layer acts as a single unit and the loss
    stays near where a one-feature model would leave it."""
    return _constant_init_tape(session, broken=True)


# ---------------------------------------------------------------------------------------------
# milkmaids


@holdout161("milkmaids", healthy=True)
def yield_quantile_gru_tape(session):
    """Milkmaids: forty days of each cow's milk record, a GRU(16) and a hand-written
    GradientTape loop predicting the 0.9 quantile of next week's yield with the pinball loss
    (the dairy plans tank space for the good weeks), Adam 3e-3, 16 epochs. The yield noise
    grows with the cow's level, so the pinball loss settles at a positive floor."""
    import tensorflow as tf

    keras = _keras()
    x, y = _lactation_curves(N, seed=16111, hetero=True)
    x = ((x - 20.0) / 6.0).astype("float32")
    y = y[:, None]

    def pinball(y_true, y_pred, q=0.9):
        err = y_true - y_pred
        return tf.reduce_mean(tf.maximum(q * err, (q - 1) * err))

    inputs = keras.Input(x.shape[1:])
    h = keras.layers.GRU(16)(inputs)
    h = keras.layers.Dense(16, activation="relu")(h)
    outputs = keras.layers.Dense(1, bias_initializer=keras.initializers.Constant(20.0))(h)
    model = keras.Model(inputs, outputs)
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), pinball, x, y, epochs=16,
                        batch_size=32, seed=16112, loss_description="pinball q=0.9")


@holdout161("milkmaids", healthy=True)
def lactation_conv_huber_steps(session):
    """Milkmaids: next week's yield from forty days of record with a Conv1D(16,5)-Conv1D(16,5)
    net, Huber loss (a few cows have odd weeks), Adam under PiecewiseConstantDecay 3e-3 / 1e-3
    / 3e-4 at steps 200 and 400, 20 epochs. Noise that grows with the yield keeps the loss
    above zero; each step down in the rate gives a small drop and then a flat stretch."""
    keras = _keras()
    x, y = _lactation_curves(N, seed=16113, hetero=True)
    x = ((x - 20.0) / 6.0).astype("float32")
    model = keras.Sequential([keras.Input(x.shape[1:]),
                              keras.layers.Conv1D(16, 5, activation="relu"),
                              keras.layers.MaxPooling1D(2),
                              keras.layers.Conv1D(16, 5, activation="relu"),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(
                                  1, bias_initializer=keras.initializers.Constant(20.0))])
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([200, 400], [3e-3, 1e-3, 3e-4])
    model.compile(keras.optimizers.Adam(schedule), keras.losses.Huber(delta=1.0))
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout161("milkmaids", healthy=True)
def herd_sgd_slow_and_steady(session):
    """Milkmaids: daily litres from six facts about the cow, a 32-32 tanh MLP trained with
    plain SGD 0.01 and momentum 0.5 for 30 epochs, the dairy's cautious default. The loss
    falls fast, then keeps creeping down epoch after epoch and is still improving at the end,
    above the one-litre noise."""
    keras = _keras()
    x, y = _herd_records(N, seed=16114)
    y = ((y - 22.0) / 4.0).astype("float32")
    model = _mlp(keras, 6, [32, 32], 1, activation="tanh", out_activation=None)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.5), "mse")
    return _fit(session, model, x, y, epochs=30, batch_size=32)


def _decay_every_step(session, broken):
    keras = _keras()
    x, y = _herd_records(N, seed=16115)
    y = ((y - 22.0) / 4.0).astype("float32")
    # 32 steps per epoch; the recipe meant 0.95 per epoch.
    schedule = keras.optimizers.schedules.ExponentialDecay(
        1e-2, decay_steps=1 if broken else 32, decay_rate=0.95)
    model = _mlp(keras, 6, [64, 32], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(schedule), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout161("milkmaids", ["learning_rate_too_low"], stall_begins=128)  # approximate
def decay_every_step(session):
    """Milkmaids: daily litres from six cow facts, a 64-32 relu MLP, Adam with
    ExponentialDecay(1e-2, decay_steps=1, decay_rate=0.95): the recipe decayed by 5% per
    epoch, but decay_steps counts optimizer steps, so the rate is 2e-3 after 32 steps and 1e-9
    by step 400. The loss falls for the first epochs and then freezes far above the twin that
    decays per epoch."""
    return _decay_every_step(session, broken=True)


def _deep_sigmoid_herd(session, broken):
    keras = _keras()
    x, y = _herd_records(N, seed=16116)
    y = ((y - 22.0) / 4.0).astype("float32")
    act, init = ("sigmoid", "glorot_uniform") if broken else ("relu", "he_normal")
    model = _mlp(keras, 6, [32] * 10, 1, activation=act, out_activation=None,
                 kernel_initializer=init)
    model.compile(keras.optimizers.SGD(0.005, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout161("milkmaids", ["vanishing_gradients"])
def deep_sigmoid_herd(session):
    """Milkmaids: daily litres from six cow facts with ten Dense(32, activation='sigmoid')
    layers, copied from a 1990s dairy-science paper's 'logistic units', SGD 0.005 with
    momentum 0.9, 15 epochs. The gradient reaching the first layers is orders of magnitude
    smaller than at the head and the loss sits at the variance of the target, where the same
    depth with relu and He init learns."""
    return _deep_sigmoid_herd(session, broken=True)


def _sigmoid_litres_gru(session, broken):
    keras = _keras()
    x, y = _lactation_curves(N, seed=16117)
    x = ((x - 20.0) / 6.0).astype("float32")
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(16),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid" if broken else None)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout161("milkmaids", ["loss_activation_mismatch"])
def sigmoid_litres_gru(session):
    """Milkmaids: next week's mean yield in litres (about 15-30) from forty days of record with
    a GRU(16); the head Dense(1, activation='sigmoid') was copied from the herd's mastitis
    classifier, so the prediction can never exceed 1 litre under MSE. The loss stays in the
    hundreds from the start, where the linear head reaches about one."""
    return _sigmoid_litres_gru(session, broken=True)


# ---------------------------------------------------------------------------------------------
# shearers


@holdout161("shearers", healthy=True)
def fleece_and_sheet_two_inputs(session):
    """Shearers: a two-input grader (a 12x12 fleece patch through Conv2D 8-16 and the five-fact
    shearing sheet through a Dense(16)) whose label is the crimp angle with 15% of the grades
    entered wrongly; Adam 2e-3 with ReduceLROnPlateau(monitor='loss', factor=0.5, patience=2),
    18 epochs. The loss levels at the noise floor and the callback halves the rate along the
    way."""
    keras = _keras()
    img, y = _fleece_patches(N, seed=16121, flip=0.15)
    sheet, _ = _shearing_sheets(N, seed=16122)
    a = keras.Input(img.shape[1:])
    b = keras.Input((5,))
    h = keras.layers.Conv2D(8, 3, activation="relu", padding="same")(a)
    h = keras.layers.MaxPooling2D()(h)
    h = keras.layers.Conv2D(16, 3, activation="relu", padding="same")(h)
    h = keras.layers.GlobalAveragePooling2D()(h)
    g = keras.layers.Dense(16, activation="relu")(b)
    h = keras.layers.Concatenate()([h, g])
    h = keras.layers.Dense(32, activation="relu")(h)
    outputs = keras.layers.Dense(4, activation="softmax")(h)
    model = keras.Model([a, b], outputs)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=2)
    return _fit_two(session, model, img, sheet, y, epochs=18, batch_size=32, callbacks=[plateau])


@holdout161("shearers", healthy=True)
def stroke_lstm_noisy_tally(session):
    """Shearers: thirty strokes of blade force per sheep, an LSTM(16) deciding where the hard
    stretch lay (early / middle / late); the tally-keeper mislabelled a quarter of the runs.
    Adam 3e-3, 15 epochs; the loss drops fast and flattens near the label-noise floor."""
    keras = _keras()
    x, y = _blade_strokes(N, seed=16123, flip=0.25)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(16),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout161("shearers", healthy=True)
def shearing_minutes_batchnorm_steps(session):
    """Shearers: minutes per sheep from the five-fact sheet, a 64-64 MLP with BatchNormalization
    before each relu, SGD 0.05 with momentum 0.9 halved every 6 epochs by a
    LearningRateScheduler, 24 epochs. The loss falls to the 0.15-minute timing noise and
    each halving buys a little more."""
    keras = _keras()
    x, y = _shearing_sheets(N, seed=16124)
    y = (y - 3.0).astype("float32")
    layers = [keras.Input((5,))]
    for _ in range(2):
        layers += [keras.layers.Dense(64), keras.layers.BatchNormalization(),
                   keras.layers.Activation("relu")]
    model = keras.Sequential(layers + [keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "mse")
    halve = keras.callbacks.LearningRateScheduler(lambda epoch, lr: 0.05 * 0.5 ** (epoch // 6))
    return _fit(session, model, x, y, epochs=24, batch_size=32, callbacks=[halve])


def _linear_fleece_grader(session, broken):
    keras = _keras()
    x, y = _fleece_patches(N, seed=16126)
    # The feature extractor was built from a config whose key was misspelt, so it came out empty.
    features = [] if broken else [keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
                                  keras.layers.GlobalAveragePooling2D()]
    model = keras.Sequential([keras.Input(x.shape[1:]), *features, keras.layers.Flatten(),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout161("shearers", ["insufficient_capacity"], stall_begins=256)  # approximate
def linear_fleece_grader(session):
    """Shearers: the crimp-angle grader meant to be Conv2D(16) + global average pooling +
    softmax; its feature layers came from a config dict read with a misspelt key, which gave an
    empty list, so the model is Flatten + Dense(4, softmax): a linear read of 144 pixels whose
    stripes have a random phase. Adam 3e-3, 15 epochs: the loss creeps to about 1.2 nats and
    flattens there, where the convolutional twin goes below 0.2."""
    return _linear_fleece_grader(session, broken=True)


def _keep_prob_dropout(session, broken):
    keras = _keras()
    x, y = _shearing_sheets(N, seed=16127)
    y = (y - 3.0).astype("float32")
    rate = 0.9 if broken else 0.1  # the TF1 recipe said keep_prob=0.9
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dropout(rate),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dropout(rate), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-2), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout161("shearers", ["over_regularization"], stall_begins=192)  # approximate
def keep_prob_dropout(session):
    """Shearers: minutes per sheep from the five-fact sheet with a 64-64 relu MLP; the TF1
    recipe's dropout(keep_prob=0.9) was ported as keras Dropout(0.9), which drops 90% of the
    units. Adam 1e-2, 20 epochs; the loss flattens about ten times above the Dropout(0.1) twin."""
    return _keep_prob_dropout(session, broken=True)


# ---------------------------------------------------------------------------------------------
# prospectors


@holdout161("prospectors", healthy=True)
def rare_ore_class_weight(session):
    """Prospectors: seismic traces of 64 samples where only 4% of claims show ore (a doubled
    pulse); Conv1D(8,7)-Conv1D(16,5) with global max pooling and a sigmoid head, binary
    cross-entropy with class_weight {0: 1, 1: 12}, Adam 2e-3, 15 epochs. The weighted loss
    falls slowly and levels above zero, as rare classes do."""
    keras = _keras()
    x, y = _seismic_traces(N, seed=16131, ore_rate=0.04)
    y = y.astype("float32")
    model = keras.Sequential([keras.Input(x.shape[1:]),
                              keras.layers.Conv1D(8, 7, activation="relu", padding="same"),
                              keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
                              keras.layers.GlobalMaxPooling1D(),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    (x_train, y_train), probe = (x[:-PROBE_SIZE], y[:-PROBE_SIZE]), (x[-PROBE_SIZE:],
                                                                       y[-PROBE_SIZE:])
    history = model.fit(x_train, y_train, epochs=15, batch_size=32, verbose=0,
                        class_weight={0: 1.0, 1: 12.0}, callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout161("prospectors", healthy=True)
def grade_heavy_tails_mae(session):
    """Prospectors: gold grade in g/t from seven rock readings; assay errors are Student-t with
    two degrees of freedom (a few wild nuggets), so the model is trained on mean absolute
    error, 64-32 relu MLP, Adam 2e-3, 20 epochs. The MAE levels at the noise's median
    absolute size and stays there."""
    keras = _keras()
    x, y = _assay_table(N, seed=16132, heavy=True)
    model = _mlp(keras, 7, [64, 32], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), "mae")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout161("prospectors", healthy=True)
def vein_maps_nesterov_noisy(session):
    """Prospectors: 10x10 magnetometer grids classified by vein shape (blob, line, ring), 20%
    of the field notes wrong; Conv2D 8-16 small CNN, SGD 0.03 with Nesterov momentum 0.9, 15
    epochs. Learns the shapes and flattens at the label-noise floor."""
    keras = _keras()
    x, y = _ore_maps(N, seed=16133, flip=0.2)
    model = _small_cnn(keras, x.shape[1:], 3)
    model.compile(keras.optimizers.SGD(0.03, momentum=0.9, nesterov=True),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _prior_bias_everywhere(session, broken):
    keras = _keras()
    x, y = _assay_table(N, seed=16134)
    y = (y > np.median(y)).astype("float32")
    prior = keras.initializers.Constant(-np.log((1 - 0.001) / 0.001))
    layers = [keras.Input((7,))]
    for units in (32, 32):
        layers.append(keras.layers.Dense(units, activation="sigmoid",
                                         bias_initializer=prior if broken else "zeros"))
    layers.append(keras.layers.Dense(1, activation="sigmoid", bias_initializer=prior))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.1, momentum=0.9), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout161("prospectors", ["saturated_activations"], stall_begins=64)  # approximate
def prior_bias_everywhere(session):
    """Prospectors: 'rich or poor claim' from seven rock readings with a 32-32 sigmoid MLP. The
    rare-event prior trick (output bias -log((1-p)/p), p=0.001, about -6.9) was passed as
    bias_initializer to every Dense layer, not just the head, so every hidden sigmoid starts
    pinned near 0 with a slope of 0.001. SGD 0.1 with momentum, 20 epochs: the loss stays at
    chance while the twin with zero hidden biases learns."""
    return _prior_bias_everywhere(session, broken=True)


def _relu_threshold_conv(session, broken):
    keras = _keras()
    x, y = _seismic_traces(N, seed=16135)
    relu = (lambda: keras.layers.ReLU(threshold=6.0)) if broken else (
        lambda: keras.layers.ReLU(max_value=6.0))
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.Conv1D(16, 7, padding="same"),
                              relu(), keras.layers.Conv1D(16, 5, padding="same"), relu(),
                              keras.layers.GlobalMaxPooling1D(),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y.astype("float32"), epochs=15, batch_size=32)


@holdout161("prospectors", ["dead_relus"])
def relu_threshold_conv(session):
    """Prospectors: ore or not from a 64-sample seismic trace with Conv1D(16,7)-Conv1D(16,5)
    and global max pooling; the author wanted relu6 and wrote keras.layers.ReLU(threshold=6.0)
    for ReLU(max_value=6.0). Nothing in the conv stack ever exceeds 6, so every unit outputs
    zero with zero gradient and the loss sits at log 2."""
    return _relu_threshold_conv(session, broken=True)


def _log_grade_zero(session, broken):
    keras = _keras()
    x, grade = _assay_table(N, seed=16136)
    grade = np.maximum(grade, 0.05)
    grade[BELOW_DETECTION_ROWS] = 0.0  # below the lab's detection limit
    if not broken:
        grade = np.maximum(grade, 0.025)  # half the detection limit
    with np.errstate(divide="ignore"):
        y = np.log(grade).astype("float32")  # grades are log-normal: fit the log
    model = _mlp(keras, 7, [32, 32], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    # Drill-hole order: the samples are kept in depth order.
    return _fit(session, model, x, y, epochs=8, batch_size=32, shuffle=False)


BELOW_DETECTION_ROWS = [230, 611, 900]


@holdout161("prospectors", ["non_finite_values"], stall_begins=BELOW_DETECTION_ROWS[0] // 32)
def log_grade_zero(session):
    """Prospectors: log gold grade from seven rock readings (grades are log-normal, so the
    target is np.log(grade)); three samples came back below the lab's detection limit and
    were entered as 0 g/t, so three targets are -inf. Trained in drill-hole order
    (shuffle=False), 32-32 relu MLP, MSE, Adam 2e-3, 8 epochs: the loss is finite and falling
    until the batch holding row 230, then infinite and NaN ever after."""
    return _log_grade_zero(session, broken=True)
