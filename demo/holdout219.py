"""The two-hundred-and-nineteenth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Harness makers of Walsall (strap grades and breaking loads from workshop measurements), oyster
dredgers (Poisson hauls per drag by bed and weather), bellows menders (pressure traces of a
pump cycle) and cane chairmakers (12x12 photographs of seat weaves, and seat tension).

Healthy half (12 runs, correct models trained correctly): a grade classifier with a fifth of
the labels misfiled; a Huber regression on heavy-tailed, heteroscedastic noise with a
PiecewiseConstantDecay; a patient linear SGD fit still improving at the end; a two-input
embedding model with a Poisson loss; a rare positive class with class_weight; a custom
GradientTape loop fitting a 90th-percentile (pinball) loss; a GRU forecaster with
ReduceLROnPlateau; a Conv1D classifier with warm-up then cosine decay; an LSTM on 160 traces
that overfits; a small CNN on very noisy photographs; an attention block over image rows with a
step-halving schedule; a tanh MLP on noise proportional to the target. All flatten where their
data allows, far above zero.

Broken half: only three runs, written for three causes - a learning rate of 4.0 typed for 0.05
in SGD, Adam at 3e-7 from a units slip in a config, and a 15-layer sigmoid MLP where three relu
layers work. Each was trained beside its fixed twin with Session(None): the broken loss sits
flat well above the fixed one's. Dropped: raw workshop units fed unscaled to a relu MLP (its
loss fell from ~8e5 to ~15 and was still improving, not a stall), and the other causes were
not written for lack of time rather than kept dishonestly.

Labels: expected_causes[0] is the root cause; stall_begins is the optimizer step (0-based,
over the whole run) from which the loss stops improving, None for from the start; all three
broken runs are flat from their first epoch (read off the epoch losses), so all are None.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, registrar

FAMILIES = ('harness_makers_of_walsall', 'oyster_dredgers', 'bellows_menders', 'cane_chairmakers')
REGISTRY = []
holdout219 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE
HARNESS, OYSTER, BELLOWS, CANE = FAMILIES


# ---------------------------------------------------------------------------------------------
# data


def _harness(n, seed):
    """Walsall harness straps: six workshop measurements (leather thickness, stitch pitch, wax
    weight, ...) and the strap's breaking load, a smooth nonlinear function plus noise; also a
    4-grade quality class cut from the same score."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 6)).astype("float32")
    score = np.sin(1.5 * x[:, 0]) + x[:, 1] * x[:, 2] + 0.5 * x[:, 3] ** 2 - 0.7 * x[:, 4]
    load = (score + 0.3 * rng.normal(size=n)).astype("float32")[:, None]
    grade = np.digitize(score, np.quantile(score, [0.25, 0.5, 0.75])).astype("int32")
    return x, load, grade


def _oysters(n, seed):
    """A dredger's haul: bed id (of 12 beds), depth, water temperature, salinity, tide, drag
    length; the count of marketable oysters per drag is Poisson around a bed-and-weather rate."""
    rng = np.random.default_rng(seed)
    bed = rng.integers(0, 12, size=n).astype("int32")
    weather = rng.normal(size=(n, 5)).astype("float32")
    bed_effect = np.linspace(-1.0, 1.0, 12)[rng.permutation(12)]
    log_rate = 1.0 + bed_effect[bed] + 0.4 * weather[:, 0] - 0.3 * weather[:, 1] ** 2 \
        + 0.3 * np.tanh(weather[:, 2] * weather[:, 3])
    counts = rng.poisson(np.exp(log_rate)).astype("float32")
    return bed, weather, counts


def _bellows(n, seed, length=32):
    """Pressure traces from a mended forge bellows: 32 readings of a pump cycle whose frequency
    and leak rate vary; the class is which of 4 leak sizes, the target the next peak pressure."""
    rng = np.random.default_rng(seed)
    leak = rng.integers(0, 4, size=n)
    freq = rng.uniform(0.2, 0.6, size=n)
    t = np.arange(length)[None, :]
    decay = np.exp(-(0.01 + 0.03 * leak[:, None]) * t)
    trace = decay * np.sin(freq[:, None] * t + rng.uniform(0, 6.28, size=(n, 1)))
    trace = trace + 0.15 * rng.normal(size=trace.shape)
    peak = (np.exp(-(0.01 + 0.03 * leak) * (length + 4)) + 0.1 * rng.normal(size=n))
    return trace[..., None].astype("float32"), leak.astype("int32"), \
        peak.astype("float32")[:, None]


def _weaves(n, seed, size=12, noise=0.5):
    """12x12 photographs of cane seats: four weave patterns (horizontal, vertical, diagonal,
    checker), random phase, with a noisy lamp-lit background."""
    rng = np.random.default_rng(seed)
    kind = rng.integers(0, 4, size=n)
    i, j = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
    phase = rng.integers(0, 4, size=n)[:, None, None]
    patterns = [
        ((i[None] + phase) // 2) % 2,
        ((j[None] + phase) // 2) % 2,
        ((i[None] + j[None] + phase) // 2) % 2,
        (((i[None] + phase) // 2 + (j[None] + phase) // 2) % 2),
    ]
    img = np.stack([patterns[k][min(m, patterns[k].shape[0] - 1)] for m, k in enumerate(kind)])
    img = img + noise * rng.normal(size=img.shape)
    return img[..., None].astype("float32"), kind.astype("int32")


def _seq_model(keras, x, rnn, outputs, out_activation="softmax"):
    return keras.Sequential([keras.Input(x.shape[1:]), rnn,
                             keras.layers.Dense(outputs, activation=out_activation)])


# ---------------------------------------------------------------------------------------------
# healthy


@holdout219(HARNESS, healthy=True)
def grade_with_misfiled_tickets(session):
    """Harness grades from six workshop measurements, 2x64 relu MLP, Adam 1e-3; a fifth of the
    inspection tickets were filed under a random grade, so the cross-entropy levels off far above
    zero where the mislabelled straps leave it."""
    keras = _keras()
    x, _, grade = _harness(N, seed=21901)
    rng = np.random.default_rng(21902)
    flip = rng.random(N) < 0.2
    grade = np.where(flip, rng.integers(0, 4, size=N), grade).astype("int32")
    model = _mlp(keras, 6, [64, 64], 4)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, grade, epochs=20, batch_size=32)


@holdout219(HARNESS, healthy=True)
def breaking_load_huber_stepped(session):
    """Breaking load regression whose noise grows with leather thickness and has heavy tails
    (Student-t, 3 dof); Huber loss, 2x64 relu MLP, Adam with a PiecewiseConstantDecay that cuts the
    rate tenfold at steps 200 and 400: the loss drops at each cut and flattens on the noise."""
    keras = _keras()
    x, load, _ = _harness(N, seed=21903)
    rng = np.random.default_rng(21904)
    load = load + (0.3 * (1.0 + np.abs(x[:, :1])) * rng.standard_t(3, size=(N, 1))).astype(
        "float32")
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([200, 400], [3e-3, 3e-4, 3e-5])
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(schedule), keras.losses.Huber(1.0))
    return _fit(session, model, x, load, epochs=20, batch_size=32)


@holdout219(HARNESS, healthy=True)
def slow_linear_sgd_still_improving(session):
    """A linear ridge of breaking load on standardized measurements (feature scales differ by 3x),
    plain SGD at 2e-3 with batch 64: a correct but patient fit whose loss is still falling slowly
    when the 25 epochs end."""
    keras = _keras()
    x, load, _ = _harness(N, seed=21905)
    x = x * np.array([3.0, 1.0, 1.0, 0.5, 1.5, 1.0], dtype="float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(2e-3), "mse")
    return _fit(session, model, x, load, epochs=25, batch_size=64)


@holdout219(OYSTER, healthy=True)
def poisson_haul_per_bed(session):
    """Oyster counts per drag from a bed embedding (12 beds, 4 dims) and five weather readings,
    two inputs joined in a small functional model with an exponential output and Keras's Poisson
    loss, Adam 3e-3: the loss flattens at the Poisson noise of the counts."""
    keras = _keras()
    bed, weather, counts = _oysters(N, seed=21906)
    bed_in = keras.Input((1,), dtype="int32")
    w_in = keras.Input((5,))
    e = keras.layers.Flatten()(keras.layers.Embedding(12, 4)(bed_in))
    h = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([e, w_in]))
    out = keras.layers.Dense(1, activation="exponential")(h)
    model = keras.Model([bed_in, w_in], out)
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit_inputs(session, model, [bed[:, None], weather], counts[:, None], epochs=15,
                       batch_size=32)


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, callbacks=()):
    """Like `_fit` for a model with several inputs: the last PROBE_SIZE rows are the probe."""
    train = [a[:-PROBE_SIZE] for a in inputs]
    probe = ([a[-PROBE_SIZE:] for a in inputs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        verbose=0, callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


@holdout219(OYSTER, healthy=True)
def rare_pearl_with_class_weight(session):
    """Whether a drag brings up a pearl-bearing oyster (about 4% of drags), from weather and bed
    depth; 32-unit relu MLP with a sigmoid output, binary cross-entropy, class_weight 1:12, Adam
    1e-3: the weighted loss settles well above zero because pearls are barely predictable."""
    keras = _keras()
    _, weather, _ = _oysters(N, seed=21907)
    rng = np.random.default_rng(21908)
    logit = -3.6 + 0.9 * weather[:, 0] + 0.5 * weather[:, 1] * weather[:, 2]
    pearl = (rng.random(N) < 1.0 / (1.0 + np.exp(-logit))).astype("float32")[:, None]
    model = _mlp(keras, 5, [32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    (x_train, y_train), probe = (weather[:-PROBE_SIZE], pearl[:-PROBE_SIZE]), \
        (weather[-PROBE_SIZE:], pearl[-PROBE_SIZE:])
    history = model.fit(x_train, y_train, epochs=15, batch_size=32, verbose=0,
                        class_weight={0: 1.0, 1: 12.0}, callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout219(OYSTER, healthy=True)
def quantile_haul_custom_loop(session):
    """A custom GradientTape loop fitting the 90th percentile of the haul (pinball loss) from the
    weather readings and a one-hot bed, 2x32 relu MLP, Adam 2e-3: the pinball loss flattens at the
    spread of the Poisson counts, far from zero."""
    import tensorflow as tf

    keras = _keras()
    bed, weather, counts = _oysters(N, seed=21909)
    x = np.concatenate([weather, np.eye(12, dtype="float32")[bed]], axis=1)
    model = _mlp(keras, 17, [32, 32], 1, out_activation=None)

    def pinball(y, q):
        e = y - q
        return tf.reduce_mean(tf.maximum(0.9 * e, -0.1 * e))

    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), pinball, x, counts[:, None],
                        epochs=15, batch_size=32, seed=21909)


@holdout219(BELLOWS, healthy=True)
def peak_forecast_gru_reduce_on_plateau(session):
    """Next peak pressure of a bellows from its 32-reading trace, GRU(16) and a linear head, MSE,
    Adam 3e-3 with ReduceLROnPlateau on the training loss (factor 0.3, patience 2): the reading
    noise keeps the loss well above zero and the rate is cut when it flattens."""
    keras = _keras()
    trace, _, peak = _bellows(768 + PROBE_SIZE, seed=21910)
    model = _seq_model(keras, trace, keras.layers.GRU(16), 1, out_activation=None)
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, trace, peak, epochs=15, batch_size=32,
                callbacks=[keras.callbacks.ReduceLROnPlateau("loss", factor=0.3, patience=2)])


@holdout219(BELLOWS, healthy=True)
def leak_size_conv1d_warmup_cosine(session):
    """Leak size (4 classes) from the pressure trace, Conv1D(16,5)-Conv1D(16,5)-global pooling,
    Adam on a linear warm-up over 100 steps to 3e-3 then cosine decay to zero over the run: the
    neighbouring leak sizes overlap under the reading noise, so the loss flattens above zero."""
    keras = _keras()
    trace, leak, _ = _bellows(N, seed=21911)
    steps = 20 * (1024 // 32)
    schedule = keras.optimizers.schedules.CosineDecay(0.0, steps - 100, warmup_target=3e-3,
                                                      warmup_steps=100)
    model = keras.Sequential([
        keras.Input(trace.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, trace, leak, epochs=20, batch_size=32)


@holdout219(BELLOWS, healthy=True)
def lstm_small_shop_overfits(session):
    """Only 160 bellows traces from one small shop, LSTM(32) leak classifier, Adam 3e-3, 40
    epochs at batch 16: the training loss keeps sinking as the network memorises the few traces,
    which is what small data does, not a fault."""
    keras = _keras()
    trace, leak, _ = _bellows(160 + PROBE_SIZE, seed=21912)
    model = _seq_model(keras, trace, keras.layers.LSTM(32), 4)
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, trace, leak, epochs=40, batch_size=16)


@holdout219(CANE, healthy=True)
def weave_cnn_in_dim_workshop(session):
    """Weave pattern (4 kinds) from 12x12 photographs taken in a dim workshop (heavy pixel noise),
    Conv2D(8)-pool-Conv2D(16)-global pool-Dense, Adam 2e-3: the noisiest photographs stay
    ambiguous and the loss flattens above zero."""
    keras = _keras()
    img, kind = _weaves(N, seed=21913, noise=1.4)
    model = keras.Sequential([
        keras.Input(img.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, img, kind, epochs=15, batch_size=32)


@holdout219(CANE, healthy=True)
def weave_rows_attention_step_decay(session):
    """Each photograph read as a sequence of 12 rows (12 pixels each) through a Dense projection,
    one MultiHeadAttention block (2 heads) and pooling, Adam 2e-3 halved every 5 epochs by a
    LearningRateScheduler: steps down with each cut and levels off at the noise."""
    keras = _keras()
    img, kind = _weaves(N, seed=21914, noise=1.0)
    rows = img[..., 0]
    inp = keras.Input(rows.shape[1:])
    h = keras.layers.Dense(16)(inp)
    h = keras.layers.LayerNormalization()(h + keras.layers.MultiHeadAttention(2, 8)(h, h))
    out = keras.layers.Dense(4, activation="softmax")(keras.layers.GlobalAveragePooling1D()(h))
    model = keras.Model(inp, out)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")

    def halve(epoch, lr):
        return 2e-3 * 0.5 ** (epoch // 5)

    return _fit(session, model, rows, kind, epochs=15, batch_size=32,
                callbacks=[keras.callbacks.LearningRateScheduler(halve)])


@holdout219(CANE, healthy=True)
def seat_tension_heteroscedastic(session):
    """Seat tension of a re-caned chair from six measurements (the harness generator's shape of
    problem reused for strand widths), noise proportional to the tension itself, 3x32 tanh MLP,
    RMSprop 1e-3, MSE: the loss flattens high where the noise allows."""
    keras = _keras()
    x, load, _ = _harness(N, seed=21915)
    rng = np.random.default_rng(21916)
    tension = load + (0.5 * np.abs(load) * rng.normal(size=load.shape)).astype("float32")
    model = _mlp(keras, 6, [32, 32, 32], 1, activation="tanh", out_activation=None)
    model.compile(keras.optimizers.RMSprop(1e-3), "mse")
    return _fit(session, model, x, tension, epochs=15, batch_size=32)


# ---------------------------------------------------------------------------------------------
# broken: each helper trains the mistaken version (broken=True) or the fixed one


def _grade_sgd(session, broken):
    keras = _keras()
    x, _, grade = _harness(N, seed=21931)
    model = _mlp(keras, 6, [64, 64], 4)
    model.compile(keras.optimizers.SGD(4.0 if broken else 0.05), "sparse_categorical_crossentropy")
    return _fit(session, model, x, grade, epochs=10, batch_size=32)


@holdout219(HARNESS, ["learning_rate_too_high"])
def grade_sgd_rate_four(session):
    """Harness grades, 2x64 relu MLP, SGD with learning_rate=4.0 typed where 0.05 was meant: the
    loss bounces at or above the constant-guess level from the first steps."""
    return _grade_sgd(session, broken=True)


def _peak_gru_slow(session, broken):
    keras = _keras()
    trace, _, peak = _bellows(768 + PROBE_SIZE, seed=21932)
    model = _seq_model(keras, trace, keras.layers.GRU(16), 1, out_activation=None)
    model.compile(keras.optimizers.Adam(3e-7 if broken else 3e-3), "mse")
    return _fit(session, model, trace, peak, epochs=10, batch_size=32)


@holdout219(BELLOWS, ["learning_rate_too_low"])
def peak_gru_rate_in_wrong_units(session):
    """Next-peak GRU forecaster with Adam at 3e-7: the rate was written as '3e-3 per ten thousand'
    in a config and divided once too often, so the weights barely move."""
    return _peak_gru_slow(session, broken=True)


def _deep_sigmoid(session, broken):
    keras = _keras()
    bed, weather, counts = _oysters(N, seed=21934)
    x = np.concatenate([weather, np.eye(12, dtype="float32")[bed]], axis=1)
    good = (counts > np.median(counts)).astype("int32")
    if broken:
        model = _mlp(keras, 17, [32] * 15, 2, activation="sigmoid")
    else:
        model = _mlp(keras, 17, [32] * 3, 2)
    model.compile(keras.optimizers.SGD(0.05), "sparse_categorical_crossentropy")
    return _fit(session, model, x, good, epochs=10, batch_size=32)


@holdout219(OYSTER, ["vanishing_gradients"])
def bed_from_water_fifteen_sigmoids(session):
    """Whether a drag beats the median haul, from water readings and a one-hot bed, with a
    15-layer sigmoid MLP trained by SGD 0.05 (an old recipe's depth, where three relu layers do
    the job): the gradient fades layer by layer and the loss sits at the coin-flip level."""
    return _deep_sigmoid(session, broken=True)
