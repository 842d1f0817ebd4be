"""The two-hundred-and-thirty-third held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades, numpy data from seeds 23301..23336, the last PROBE_SIZE rows of each set the probe:
thimble makers (dimple depth from eight press readings, 12x12 photographs of four dimple stripe
orientations), loriners of Walsall (forge temperature traces and a bit's hardness, stirrups
forged per smith, stirrup-tread photographs), salt panners of Droitwich (hourly brine strength
of four kinds of boil, spoiled pans, salt yield, crystal batches counted per boil) and gut
string makers (order codes as token sequences, pitch from gauge, length and tension, twist
traces).

Healthy half (12, nothing to fix): dimple photographs by a Conv2D net with a fifth misfiled;
depth with Student-t scatter under Huber and Nadam; depth with Laplace scatter under MAE and
Adam with ExponentialDecay; hardness by a GRU with heteroscedastic scatter; hardness by a
Bidirectional LSTM under SGD momentum with PiecewiseConstantDecay; stirrups per smith by a
two-input Embedding plus readings model under Poisson loss; boil kinds by a Conv1D net under SGD
with CosineDecayRestarts; a ~6% spoiled pan under AdamW without class weights; salt yield in a
GradientTape loop under Adagrad; order codes by Embedding + MultiHeadAttention with a tenth of
verdicts wrong; pitch from only 160 strings memorised by a wide MLP; twist kinds by an LSTM under
RMSprop still improving at the end.

Broken half (7, one root cause each, each trained beside its fixed twin with Session(None)):
relu Conv2D kernels initialised RandomUniform(-0.5, 0) on non-negative photographs (dead relus;
log 4 flat against 0.20); tanh layers drawn RandomNormal(stddev=20) for 0.2 (saturated; 0.57
flat from about step 320, approximate, against 0.09); Adam(0.5)
carried from an SGD recipe (too high;
hovers at 1.07 from about step 320, approximate, against 0.008); a GRU from scratch under
RMSprop(1e-6) (too low; log 4 flat against 0.28); a hand-written Poisson loss on a linear output
in a GradientTape loop (non-finite: NaN within the first epoch, labelled from the start,
approximate, and training carries on); Conv1D and head kernels initialised 'ones' (poor
initialisation; log 2 flat from about step 32, approximate, against 0.004); gauge, length and
tension fed raw in micrometres, millimetres and centinewtons (unnormalised; ~300 creeping from
about step 192, approximate, against 0.011).

Dropped because they did not behave as intended: a ten-layer relu MLP at RandomNormal(1.0)
under clipped SGD (exploding gradients: it kept falling by orders of magnitude, not a stall);
SimpleRNN reading 'post'-padded records with the decisive step 72 zeros back (vanishing
gradients: it still learned, 0.34 against 0.15); Dense(1, activation='softmax') under binary
cross-entropy (loss/activation mismatch: it trained like the sigmoid twin); Conv2D(1, 3) with
filters and kernel size swapped (insufficient capacity: the 16-filter twin learned too slowly in
the budget for an honest comparison).
GaussianNoise(3.0) for 0.03 (over-regularisation: Keras
refuses a stddev above 1). Those five causes have no run here. Not written because
earlier catalogues hold them: deep sigmoid Dense stacks, zero/constant Dense kernels, relu
biases at -3 and BatchNormalization beta at -3, L1/L2, dropout and MaxNorm over-regularisation,
raw units into MLPs/CNNs/GRUs, NaN features/targets, log(0) targets, division by zero rows,
ReduceLROnPlateau, warm-up then cosine, class_weight, focal loss, pinball loss on attention.

Labels: expected_causes[0] is the mistake the run was built around (only one is given);
stall_begins is the 0-based optimizer step from which the broken loss stops improving (None:
from the start), read off the epoch losses at 32 steps an epoch, so those marked approximate
are good to about one epoch.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('thimble_makers', 'loriners_of_walsall', 'salt_panners_of_droitwich',
            'gut_string_makers')
REGISTRY = []
holdout233 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


# ---------------------------------------------------------------------------------------------
# data


def _press_readings(seed, noise="normal"):
    """Thimble dimple depth from eight press readings (standardised), a smooth nonlinear law."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(N, 8)).astype("float32")
    y = np.tanh(x[:, 0] + 0.5 * x[:, 1] * x[:, 2]) + 0.4 * np.sin(2 * x[:, 3]) + 0.3 * x[:, 4]
    if noise == "t":
        y = y + 0.3 * rng.standard_t(2, size=N)
    elif noise == "laplace":
        y = y + rng.laplace(scale=0.3, size=N)
    else:
        y = y + 0.2 * rng.normal(size=N)
    return x, y.astype("float32").reshape(-1, 1)


def _dimple_images(seed, flip=0.0, classes=4):
    """12x12 photographs of thimble dimples: stripes at one of four orientations, plus grain."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, classes, size=N)
    ii, jj = np.meshgrid(np.arange(12), np.arange(12), indexing="ij")
    patterns = [np.sin(ii * 1.3), np.sin(jj * 1.3), np.sin((ii + jj) * 0.9),
                np.sin((ii - jj) * 0.9)]
    phase = rng.uniform(0, 6.3, size=N)
    x = np.stack([np.sin(np.arcsin(patterns[k]) + p) for k, p in zip(labels, phase)])
    x = 0.5 + 0.4 * x + 0.15 * rng.normal(size=x.shape)
    x = np.clip(x, 0.0, 1.0).astype("float32")[..., None]
    wrong = rng.random(N) < flip
    labels = np.where(wrong, rng.integers(0, classes, size=N), labels)
    return x, labels.astype("int32")


def _forge_traces(seed, length=30, hetero=False):
    """Forge temperature traces of a loriner's bit (standardised) and the bit's hardness."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(N, length, 3)).astype("float32")
    x[:, :, 0] = np.cumsum(x[:, :, 0], axis=1) / np.sqrt(length)
    y = x[:, -5:, 0].mean(axis=1) + 0.5 * np.tanh(x[:, :, 1].mean(axis=1) * 3)
    scale = 0.1 + 0.4 * np.abs(x[:, -1, 0]) if hetero else 0.15
    y = y + scale * rng.normal(size=N)
    return x, y.astype("float32").reshape(-1, 1)


def _brine_series(seed, length=40):
    """Hourly brine strength in a Droitwich pan: four kinds of boil, to be told apart."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 4, size=N)
    t = np.arange(length)
    freq = np.array([0.2, 0.45, 0.2, 0.45])[labels]
    trend = np.array([0.0, 0.0, 0.04, 0.04])[labels]
    x = np.sin(freq[:, None] * t + rng.uniform(0, 6.3, size=(N, 1))) + trend[:, None] * (t - 20)
    x = x + 0.5 * rng.normal(size=x.shape)
    return x.astype("float32")[..., None], labels.astype("int32")


def _string_tokens(seed, length=20, vocab=30):
    """Gut-string maker's order codes: token sequences; the class is whether code 1 ever comes
    before code 2 (an order-dependent rule)."""
    rng = np.random.default_rng(seed)
    x = rng.integers(3, vocab, size=(N, length))
    y = rng.integers(0, 2, size=N)
    for i in range(N):
        a, b = sorted(rng.choice(length, size=2, replace=False))
        x[i, a], x[i, b] = (1, 2) if y[i] else (2, 1)
    return x.astype("int32"), y.astype("float32").reshape(-1, 1)


# ---------------------------------------------------------------------------------------------
# thimble makers


@holdout233("thimble_makers", healthy=True)
def dimple_photos_misfiled(session):
    """Dimple photographs of four stripe orientations sorted by a small Conv2D net under Adam,
    with a fifth of the photographs filed under a random orientation; the loss settles well
    above zero at the noise floor."""
    keras = _keras()
    x, y = _dimple_images(23301, flip=0.2)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(12, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout233("thimble_makers", healthy=True)
def depth_student_t_huber(session):
    """Dimple depth from eight press readings with Student-t (two degrees of freedom) scatter,
    fitted by a relu MLP under Huber loss and Nadam; the heavy tails keep the loss high."""
    keras = _keras()
    x, y = _press_readings(23302, noise="t")
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Nadam(2e-3), keras.losses.Huber(delta=0.5))
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout233("thimble_makers", healthy=True)
def depth_laplace_mae_exponential(session):
    """Dimple depth with Laplace scatter under mean absolute error, Adam with ExponentialDecay
    halving the rate every 300 steps; the loss flattens at the scatter's mean deviation."""
    keras = _keras()
    x, y = _press_readings(23303, noise="laplace")
    schedule = keras.optimizers.schedules.ExponentialDecay(3e-3, 300, 0.5)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(48, activation="elu"),
                              keras.layers.Dense(24, activation="elu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(schedule), "mae")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _negative_kernels(session, broken):
    keras = _keras()
    x, y = _dimple_images(23304)
    # Broken: a "RandomUniform(-0.5, 0)" copied from a bias recipe onto the conv kernels; the
    # photographs are all non-negative, so every filter's response is negative from step 0.
    init = keras.initializers.RandomUniform(-0.5, 0.0, seed=23304) if broken else "he_uniform"
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(12, 3, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.Conv2D(16, 3, activation="relu", kernel_initializer=init),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout233("thimble_makers", ["dead_relus"], stall_begins=None)
def conv_kernels_all_negative(session):
    """Dimple photographs (pixels in [0, 1]) through two relu Conv2D layers whose kernels were
    initialised RandomUniform(-0.5, 0), a range copied from a bias recipe: every response is
    negative, every relu is zero, and the loss stays at log 4."""
    return _negative_kernels(session, True)


def _saturated_bottleneck(session, broken):
    keras = _keras()
    x, y = _press_readings(23305)
    # Broken: RandomNormal(stddev=20) where stddev=0.2 was meant; the tanh units are pinned at
    # +-1 (derivative ~0), so only the head learns on four fixed sign features.
    init = keras.initializers.RandomNormal(stddev=20.0 if broken else 0.2, seed=23305)
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(16, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(4, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout233("thimble_makers", ["saturated_activations"], stall_begins=320)
def tanh_stddev_twenty(session):
    """Dimple depth by a tanh MLP whose kernels were drawn RandomNormal(stddev=20) (a slip for
    0.2): every tanh is pinned at +-1 with a vanishing derivative, only the linear head moves,
    and the loss flattens early well above the fixed model's."""
    return _saturated_bottleneck(session, True)


# ---------------------------------------------------------------------------------------------
# loriners of Walsall


@holdout233("loriners_of_walsall", healthy=True)
def hardness_gru_heteroscedastic(session):
    """Bit hardness from 30-step forge traces by a GRU under Adam, with scatter that grows
    with the final temperature; the loss settles at the mean noise variance."""
    keras = _keras()
    x, y = _forge_traces(23311, hetero=True)
    model = keras.Sequential([keras.Input((30, 3)), keras.layers.GRU(16), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout233("loriners_of_walsall", healthy=True)
def hardness_bidirectional_lstm_piecewise(session):
    """Bit hardness by a Bidirectional LSTM under SGD with momentum and a
    PiecewiseConstantDecay (0.05, then 0.01 at step 320, 0.002 at step 480): two steps down
    in the loss, then a floor at the noise."""
    keras = _keras()
    x, y = _forge_traces(23312)
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([320, 480], [0.05, 0.01, 0.002])
    model = keras.Sequential([keras.Input((30, 3)), keras.layers.Bidirectional(
        keras.layers.LSTM(8)), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout233("loriners_of_walsall", healthy=True)
def stirrups_per_smith_poisson(session):
    """Stirrups forged per week: a two-input model (an Embedding of 20 smiths plus four shop
    readings) with an exponential output under Poisson loss and Adam; counting noise keeps
    the loss well above zero."""
    keras = _keras()
    rng = np.random.default_rng(23313)
    smith = rng.integers(0, 20, size=(N, 1)).astype("int32")
    shop = rng.normal(size=(N, 4)).astype("float32")
    skill = rng.normal(scale=0.5, size=20)
    rate = np.exp(1.0 + skill[smith[:, 0]] + 0.3 * shop[:, 0] - 0.2 * shop[:, 1])
    y = rng.poisson(rate).astype("float32").reshape(-1, 1)
    a, b = keras.Input((1,), dtype="int32"), keras.Input((4,))
    e = keras.layers.Flatten()(keras.layers.Embedding(20, 4)(a))
    h = keras.layers.Dense(16, activation="relu")(keras.layers.Concatenate()([e, b]))
    model = keras.Model([a, b], keras.layers.Dense(1, activation="exponential")(h))
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    (sa, sb, ya), (pa, pb, py) = ((smith[:-PROBE_SIZE], shop[:-PROBE_SIZE], y[:-PROBE_SIZE]),
                                  (smith[-PROBE_SIZE:], shop[-PROBE_SIZE:], y[-PROBE_SIZE:]))
    history = model.fit([sa, sb], ya, epochs=15, batch_size=32, verbose=0,
                        callbacks=session.callbacks(([pa, pb], py)))
    return history.history["loss"]


def _adam_too_hot(session, broken):
    keras = _keras()
    x, y = _forge_traces(23315)
    x = x.reshape(N, -1)
    # Broken: Adam(0.5), a rate from an SGD recipe.
    model = keras.Sequential([keras.Input((90,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(0.5 if broken else 1e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout233("loriners_of_walsall", ["learning_rate_too_high"], stall_begins=320)
def adam_rate_from_sgd_recipe(session):
    """Bit hardness from flattened forge traces by a relu MLP under Adam(0.5), a rate carried
    over from an SGD recipe: the updates throw the weights about and the loss hovers high."""
    return _adam_too_hot(session, True)


# ---------------------------------------------------------------------------------------------
# salt panners of Droitwich


@holdout233("salt_panners_of_droitwich", healthy=True)
def boil_kind_conv1d_cosine_restarts(session):
    """Kind of boil from 40 hours of brine strength by a Conv1D net under SGD with momentum and
    CosineDecayRestarts (first period 150 steps): the loss steps down with each restart and
    settles where the noisy series allow."""
    keras = _keras()
    x, y = _brine_series(23321)
    schedule = keras.optimizers.schedules.CosineDecayRestarts(0.05, 150)
    model = keras.Sequential([
        keras.Input((40, 1)),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout233("salt_panners_of_droitwich", healthy=True)
def spoiled_pan_rare_adamw(session):
    """A spoiled pan (about 6% of boils) from six readings by a small relu MLP under AdamW with
    weight decay 1e-3, no class weights; the overlap of the classes keeps the loss at a low
    but non-zero floor."""
    keras = _keras()
    rng = np.random.default_rng(23322)
    x = rng.normal(size=(N, 6)).astype("float32")
    logit = -3.6 + 1.5 * x[:, 0] + np.abs(x[:, 1])
    y = (rng.random(N) < 1 / (1 + np.exp(-logit))).astype("float32").reshape(-1, 1)
    model = _mlp(keras, 6, [24, 12], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.AdamW(2e-3, weight_decay=1e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout233("salt_panners_of_droitwich", healthy=True)
def salt_yield_adagrad_loop(session):
    """Salt yield per pan from eight readings in a GradientTape loop under Adagrad(0.1) and
    mean squared error; Adagrad's shrinking steps give a long, slowing descent to the noise."""
    keras = _keras()
    x, y = _press_readings(23323)
    model = _mlp(keras, 8, [32, 16], 1, out_activation="linear")
    return _custom_loop(session, model, keras.optimizers.Adagrad(0.1), keras.losses.
                        MeanSquaredError(), x, y, epochs=15, batch_size=32, seed=23323)


def _low_rate_gru(session, broken):
    keras = _keras()
    x, y = _brine_series(23325)
    # Broken: RMSprop(1e-6), the rate of a fine-tuning recipe, for training from scratch.
    model = keras.Sequential([keras.Input((40, 1)), keras.layers.GRU(16),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.RMSprop(1e-6 if broken else 3e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout233("salt_panners_of_droitwich", ["learning_rate_too_low"], stall_begins=None)
def gru_fine_tuning_rate(session):
    """Kind of boil from brine series by a GRU trained from scratch under RMSprop(1e-6), the
    rate of a fine-tuning recipe: the loss barely leaves log 4."""
    return _low_rate_gru(session, True)


def _log_counts_loop(session, broken):
    import tensorflow as tf

    keras = _keras()
    rng = np.random.default_rng(23326)
    x = rng.normal(size=(N, 5)).astype("float32")
    y = rng.poisson(np.exp(0.5 + 0.4 * x[:, 0])).astype("float32").reshape(-1, 1)
    # Broken: a hand-written Poisson loss, pred - y*log(pred), on a linear output: the first
    # negative prediction makes the log NaN. Fixed: the same loss on an exponential output.
    model = _mlp(keras, 5, [16], 1, out_activation="linear" if broken else "exponential")

    def poisson(yt, yp):
        return tf.reduce_mean(yp - yt * tf.math.log(yp))

    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), poisson, x, y,
                        epochs=8, batch_size=32, seed=23326)


@holdout233("salt_panners_of_droitwich", ["non_finite_values"], stall_begins=None)
def handwritten_poisson_linear(session):
    """Crystal batches per boil, counted, in a GradientTape loop with a hand-written Poisson
    loss pred - y*log(pred) on a linear output: a negative prediction turns the log, the
    loss and every weight into NaN, and training carries on for several epochs."""
    return _log_counts_loop(session, True)


# ---------------------------------------------------------------------------------------------
# gut string makers


@holdout233("gut_string_makers", healthy=True)
def order_codes_attention_noisy(session):
    """Order codes (does code 1 come before code 2) by an Embedding, MultiHeadAttention with a
    learned position embedding and pooling under Adam, with a tenth of the verdicts wrong: the
    loss settles near the noise floor."""
    keras = _keras()
    x, y = _string_tokens(23331)
    rng = np.random.default_rng(23331)
    y = np.where(rng.random((N, 1)) < 0.1, 1 - y, y).astype("float32")
    tokens = keras.Input((20,), dtype="int32")
    h = keras.layers.Embedding(30, 16)(tokens)
    positions = keras.ops.arange(20)
    h = h + keras.layers.Embedding(20, 16)(positions)
    h = h + keras.layers.MultiHeadAttention(2, 8)(h, h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    out = keras.layers.Dense(1, activation="sigmoid")(keras.layers.Dense(16, "relu")(h))
    model = keras.Model(tokens, out)
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout233("gut_string_makers", healthy=True)
def pitch_small_batch_overfit(session):
    """String pitch from eight measurements with only 160 strings on record: a wide relu MLP
    under Adam memorises them, its training loss still falling slowly at the end."""
    keras = _keras()
    x, y = _press_readings(23332)
    x, y = x[-(160 + PROBE_SIZE):], y[-(160 + PROBE_SIZE):]
    model = _mlp(keras, 8, [128, 128], 1, out_activation="linear")
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


@holdout233("gut_string_makers", healthy=True)
def twist_lstm_rmsprop(session):
    """Twist quality (four kinds) from 40-step tension traces by an LSTM under RMSprop: the
    loss falls slowly and is still improving when training stops."""
    keras = _keras()
    x, y = _brine_series(23333)
    model = keras.Sequential([keras.Input((40, 1)), keras.layers.LSTM(12),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.RMSprop(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _ones_kernel(session, broken):
    keras = _keras()
    x, y = _string_tokens(23334)
    # Broken: kernel_initializer="ones" on the Conv1D and its head (meant for a bias): every
    # filter starts, and stays, identical.
    init = "ones" if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input((20,), dtype="int32"),
        keras.layers.Embedding(30, 8),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", kernel_initializer=init),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(1, activation="sigmoid", kernel_initializer=init),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout233("gut_string_makers", ["poor_initialization"], stall_begins=32)
def conv_kernels_all_ones(session):
    """Order codes by Embedding and two Conv1D layers whose kernels (and the head's) were
    initialised 'ones': every filter is the same and stays the same, the net acts like a
    one-filter model, and the loss flattens far above the glorot-initialised twin's."""
    return _ones_kernel(session, True)


def _tension_in_newtons(session, broken):
    keras = _keras()
    rng = np.random.default_rng(23335)
    gauge = rng.uniform(0.5, 1.5, size=N)
    length = rng.uniform(0.3, 0.7, size=N)
    tension = rng.uniform(40, 90, size=N)
    pitch = np.log(np.sqrt(tension) / (length * gauge))
    raw = np.stack([gauge * 1000.0, length * 1000.0, tension * 9.81 * 100.0], axis=1)
    y = (pitch - pitch.mean()) / pitch.std() + 0.1 * rng.normal(size=N)
    # Broken: readings in micrometres, millimetres and centinewtons straight into the net.
    x = raw.astype("float32") if broken else _standardize(raw)
    model = _mlp(keras, 3, [32, 32], 1, out_activation="linear")
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y.astype("float32").reshape(-1, 1), epochs=20, batch_size=32)


@holdout233("gut_string_makers", ["unnormalized_inputs"], stall_begins=192)
def gauge_length_tension_raw(session):
    """String pitch from gauge, length and tension fed raw (hundreds to tens of thousands) to a
    relu MLP under Adam(1e-3): the huge columns swamp the first layer and the loss flattens
    well above the standardised twin's."""
    return _tension_in_newtons(session, True)


