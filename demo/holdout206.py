"""The two-hundred-and-sixth held-out catalogue: written by someone who did not read the engine
or run the diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine or running the
diagnosis. Each scenario was checked only from its own loss curve with Session(None), and each
broken one against the same model without its mistake (every helper `_name(session, broken)`
trains both). It holds 22 scenarios, not 24: two broken ones did not behave (below).

Four trades, numpy data from seeds 20601..20636, the last PROBE_SIZE rows the probe. Bread
weighers: loaf weights, stale-loaf counts, the weigher's verdict. Wool combers: thickness series
along a fleece, fleece prices by breed. Rush-light makers: burning minutes, smoulder series,
guttering lights, daily output rates. Locksmiths of the shire: 8x8 tracings of key bittings.

Healthy half (12). Bread: loaf grams under mean squared logarithmic error (MLP, Adam, softplus
head); stale-loaf counts under the Poisson loss in a GradientTape loop with Nesterov SGD and an
exponential head; a four-way verdict under categorical cross-entropy with label_smoothing=0.1
and 10% wrong labels. Wool: staple class by SeparableConv1D + global max pooling, 20% label
noise; fleece price by a two-input Embedding(breed) + numeric model under AdamW with
PolynomialDecay (power 2); a tender-spot GRU under SGD with momentum (a plateau at ln 2,
then a sudden drop).
Rush lights: the 90th percentile of burning minutes under a hand-written pinball loss; a
bidirectional LSTM under ReduceLROnPlateau with 15% label noise; squared hinge on +-1 labels
(10% flipped) in a GradientTape loop with Adamax. Locksmiths: a rare (5%) master-key class by a
Conv2D + LayerNormalization net with class_weight; 160 tracings memorised by a wide MLP over 40
epochs; a MultiHeadAttention block over the tracing's rows under PiecewiseConstantDecay.

Broken half (10, one cause each). over_regularization: activity_regularizer=L1(1.0) on a ReLU
MLP (stall ~step 320, approximate). poor_initialization: kernel_initializer='ones' in hidden
Dense layers, symmetry never broken (~step 32, approximate). learning_rate_too_low:
Adagrad(1e-5) on a GRU. vanishing_gradients: a ten-layer sigmoid MLP under SGD. dead_relus:
ReLU(max_value=0.0) in a Conv2D net. unnormalized_inputs: micrometre and Kelvin columns fed raw
to an MLP under SGD with clipnorm (~step 32, approximate; it still creeps ~1% an epoch).
non_finite_values: made/hours with zero-hour days gives inf/nan rates into a Conv1D net (nan
from the first epoch; training continues). insufficient_capacity: a single 1x1 Conv2D filter
before global pooling for six classes. learning_rate_too_high: Nadam(2.0) on a Conv2D net.
exploding_gradients: an eight-layer linear Dense stack with RandomNormal(0.6) weights under SGD
with clipnorm=1.0; the loss falls from 1e9 then sits near 5e5 (~step 200, approximate). The
stall steps not marked approximate are None (from the start).

Dropped: saturated_activations (a Rescaling(100) before tanh layers under SGD still learned,
faster than the fixed run) and loss_activation_mismatch (a one-unit softmax under binary
cross-entropy on an LSTM: Keras 3 trained it exactly as the sigmoid version). Not written
because earlier catalogues hold them: NaN features/targets, zero/tiny init, L2=10, dropout 0.95,
one-unit GRU, threshold ReLU, linear RNN with orthogonal gain, RMSprop/Adadelta rate slips.

Labelling: `expected_causes[0]` is the root cause; `stall_begins` is the 0-based optimizer step
(32 steps an epoch) from which the broken loss stops improving, None for the start.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, registrar

FAMILIES = ('bread_weighers', 'wool_combers', 'rush_lights_makers', 'lock_smiths_of_the_shire')
REGISTRY = []
holdout206 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


def _seed(seed):
    _keras().utils.set_random_seed(seed)
    return np.random.default_rng(seed)


# ---------------------------------------------------------------------------------------------
# data


def _loaves(seed):
    """A bread weigher's ledger: dough mass, water, proof minutes, oven heat, bake minutes...
    and the loaf's weight out of the oven (standardised), with a wrongly-weighed tail."""
    rng = _seed(seed)
    x = rng.normal(size=(N, 8)).astype("float32")
    w = rng.normal(size=8)
    y = np.tanh(x[:, :4] @ w[:4]) + 0.5 * x[:, 4] * x[:, 5] + 0.3 * x[:, 6:] @ w[6:]
    return x, y.astype("float32")


def _loaf_classes(seed, classes=4, noise=0.0):
    """The weigher's verdict (underweight, true, heavy, burnt) from the same readings."""
    rng = _seed(seed)
    x = rng.normal(size=(N, 10)).astype("float32")
    w = rng.normal(size=(10, classes))
    logits = np.tanh(x @ w) * 3 + 0.5 * (x[:, :1] * x[:, 1:2])
    y = logits.argmax(1)
    flip = rng.random(N) < noise
    y[flip] = rng.integers(0, classes, flip.sum())
    return x, y.astype("int32")


def _fleece_series(seed, length=24, classes=3, noise=0.0):
    """A comber's pass along a fleece: fibre thickness every inch; the staple class follows
    from the shape of the series (a crimp frequency and a tender spot)."""
    rng = _seed(seed)
    y = rng.integers(0, classes, N)
    t = np.arange(length)
    freq = 0.3 + 0.35 * y[:, None]
    x = np.sin(freq * t[None, :] + rng.uniform(0, 6, (N, 1)))
    x += 0.6 * rng.normal(size=(N, length))
    flip = rng.random(N) < noise
    y[flip] = rng.integers(0, classes, flip.sum())
    return x[..., None].astype("float32"), y.astype("int32")


def _rushes(seed):
    """A rush-light maker's batch book: pith width, peel, tallow dip count, grease, rush age,
    draught -- and the light's burning minutes (positive, scatter growing with length)."""
    rng = _seed(seed)
    x = rng.normal(size=(N, 6)).astype("float32")
    mean = 40 + 10 * x[:, 0] + 6 * np.tanh(x[:, 1] * x[:, 2]) + 4 * x[:, 3]
    y = mean * np.exp(0.25 * rng.standard_t(4, N))
    return x, y.astype("float32")


def _key_images(seed, classes=5, noise=0.0):
    """A locksmith's 8x8 tracing of a key's bitting; the lock maker follows from the pattern."""
    rng = _seed(seed)
    protos = rng.normal(size=(classes, 8, 8))
    y = rng.integers(0, classes, N)
    x = protos[y] + 1.0 * rng.normal(size=(N, 8, 8))
    x = np.roll(x, rng.integers(-1, 2), axis=1)
    flip = rng.random(N) < noise
    y[flip] = rng.integers(0, classes, flip.sum())
    return x[..., None].astype("float32"), y.astype("int32")


# ---------------------------------------------------------------------------------------------
# bread weighers


@holdout206("bread_weighers", healthy=True)
def loaf_weight_log_error(session):
    """Loaf weights in grams (log-normal, the oven's scatter growing with the loaf) fitted by an
    MLP under mean squared logarithmic error with Adam: flattens at the oven's own scatter."""
    keras = _keras()
    rng = _seed(20601)
    x = rng.normal(size=(N, 6)).astype("float32")
    y = (800 * np.exp(0.2 * x[:, 0] - 0.1 * x[:, 1] * x[:, 2] + 0.15 * rng.normal(size=N)))
    model = _mlp(keras, 6, [32, 32], 1, out_activation="softplus")
    model.layers[-1].bias.assign([700.0])
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.MeanSquaredLogarithmicError())
    return _fit(session, model, x, y.astype("float32"), epochs=15, batch_size=32)


@holdout206("bread_weighers", healthy=True)
def stale_loaf_counts_poisson_loop(session):
    """Loaves returned stale each day, counts from a Poisson rate set by weather and the day's
    bake, fitted by a hand-written GradientTape loop under the Poisson loss with Nesterov SGD
    and an exponential output: the loss settles at the counts' own Poisson noise."""
    keras = _keras()
    rng = _seed(20602)
    x = rng.normal(size=(N, 5)).astype("float32")
    rate = np.exp(1.0 + 0.5 * x[:, 0] - 0.3 * x[:, 1] + 0.2 * x[:, 2] * x[:, 3])
    y = rng.poisson(rate).astype("float32")[:, None]
    model = _mlp(keras, 5, [24], 1, activation="tanh", out_activation="exponential")
    opt = keras.optimizers.SGD(0.01, momentum=0.9, nesterov=True)
    return _custom_loop(session, model, opt, keras.losses.Poisson(), x, y, epochs=15,
                        batch_size=32, seed=20602)


@holdout206("bread_weighers", healthy=True)
def verdict_with_label_smoothing(session):
    """The weigher's four-way verdict from ten readings, a tenth of the verdicts wrongly
    written, by an MLP under categorical cross-entropy with label_smoothing=0.1 (one-hot
    targets) and Adam: the floor sits well above zero because of the smoothing and the noise."""
    keras = _keras()
    x, y = _loaf_classes(20603, noise=0.1)
    model = _mlp(keras, 10, [48, 48], 4)
    model.compile(keras.optimizers.Adam(2e-3),
                  keras.losses.CategoricalCrossentropy(label_smoothing=0.1))
    return _fit(session, model, x, np.eye(4, dtype="float32")[y], epochs=15, batch_size=32)


def _oven_activity_l1(session, broken):
    keras = _keras()
    x, y = _loaves(20604)
    reg = keras.regularizers.L1(1.0 if broken else 1e-5)
    model = keras.Sequential([keras.Input((8,)),
                              keras.layers.Dense(64, activation="relu", activity_regularizer=reg),
                              keras.layers.Dense(64, activation="relu", activity_regularizer=reg),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout206("bread_weighers", ["over_regularization"], stall_begins=320)
def oven_activity_l1(session):
    """Loaf weight (standardised) from eight standardised readings by a ReLU MLP whose hidden
    layers carry activity_regularizer=L1(1.0), a sparsity penalty copied from an autoencoder
    recipe at a hundred thousand times the strength it needs here: the hidden activity is
    pressed to nothing and the fit stays near the targets' variance."""
    return _oven_activity_l1(session, True)


def _verdict_ones_init(session, broken):
    keras = _keras()
    x, y = _loaf_classes(20605)
    init = "ones" if broken else "glorot_uniform"
    model = keras.Sequential([keras.Input((10,)),
                              keras.layers.Dense(48, activation="relu", kernel_initializer=init),
                              keras.layers.Dense(48, activation="relu", kernel_initializer=init),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout206("bread_weighers", ["poor_initialization"], stall_begins=32)
def verdict_ones_init(session):
    """The weigher's verdict by a two-layer ReLU MLP whose hidden Dense layers were built with
    kernel_initializer='ones' (meant as the bias's): every hidden unit starts identical, gets
    the identical gradient and stays so, so the net behaves as one unit per layer."""
    return _verdict_ones_init(session, True)


# ---------------------------------------------------------------------------------------------
# wool combers


@holdout206("wool_combers", healthy=True)
def staple_class_separable_conv(session):
    """The staple class (three kinds) from a comber's 24-inch thickness series by a
    SeparableConv1D net with global max pooling under Adam, a fifth of the classes wrongly
    called by the apprentice: the loss flattens at the label noise's floor."""
    keras = _keras()
    x, y = _fleece_series(20611, noise=0.2)
    model = keras.Sequential([keras.Input(x.shape[1:]),
                              keras.layers.SeparableConv1D(16, 5, activation="relu"),
                              keras.layers.SeparableConv1D(16, 5, activation="relu"),
                              keras.layers.GlobalMaxPooling1D(), keras.layers.Dense(3, "softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout206("wool_combers", healthy=True)
def fleece_price_breed_embedding(session):
    """A fleece's price (standardised) from the breed (one of 30, an Embedding) and four
    numeric readings, a two-input model under AdamW with a PolynomialDecay schedule; the buyer's
    haggling leaves Gaussian scatter of variance 0.25, so the loss settles near it."""
    keras = _keras()
    rng = _seed(20612)
    breed = rng.integers(0, 30, N).astype("int32")
    num = rng.normal(size=(N, 4)).astype("float32")
    effect = rng.normal(size=30)
    y = effect[breed] + np.tanh(num[:, 0] + num[:, 1]) + 0.5 * rng.normal(size=N)
    b_in, n_in = keras.Input((1,), dtype="int32"), keras.Input((4,))
    e = keras.layers.Flatten()(keras.layers.Embedding(30, 4)(b_in))
    h = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([e, n_in]))
    model = keras.Model([b_in, n_in], keras.layers.Dense(1)(h))
    lr = keras.optimizers.schedules.PolynomialDecay(5e-3, 500, 5e-4, power=2.0)
    model.compile(keras.optimizers.AdamW(lr, weight_decay=1e-4), "mse")
    tr = slice(0, N - PROBE_SIZE)
    hist = model.fit([breed[tr, None], num[tr]], y[tr].astype("float32"), epochs=16,
                     batch_size=32, verbose=0,
                     callbacks=session.callbacks(([breed[tr.stop:, None], num[tr.stop:]],
                                                  y[tr.stop:].astype("float32"))))
    return hist.history["loss"]


@holdout206("wool_combers", healthy=True)
def tender_spot_gru_slow(session):
    """Whether a fleece has a tender spot, from its thickness series by a GRU under SGD
    (learning rate 0.1, momentum 0.9): the loss sits near ln 2 for about four epochs, then
    drops suddenly once the GRU finds the crimp frequency, and creeps on towards zero."""
    keras = _keras()
    x, y = _fleece_series(20613, classes=2)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(16),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.SGD(0.1, momentum=0.9), "binary_crossentropy")
    return _fit(session, model, x, y.astype("float32"), epochs=15, batch_size=32)


def _staple_gru_adagrad_tiny(session, broken):
    keras = _keras()
    x, y = _fleece_series(20614)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(16),
                              keras.layers.Dense(3, activation="softmax")])
    lr = 1e-5 if broken else 1e-1
    model.compile(keras.optimizers.Adagrad(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout206("wool_combers", ["learning_rate_too_low"], stall_begins=None)
def staple_gru_adagrad_tiny(session):
    """The staple class from the thickness series by a GRU under Adagrad(learning_rate=1e-5),
    the fine-tuning rate of an Adam recipe pasted into an optimizer whose steps also shrink
    with time: the loss sits at ln 3 for the whole run."""
    return _staple_gru_adagrad_tiny(session, True)


def _fibre_deep_sigmoid_stack(session, broken):
    keras = _keras()
    x, y = _loaf_classes(20615, classes=3)
    act = "sigmoid" if broken else "relu"
    depth = 10 if broken else 3
    layers = [keras.Input((10,))]
    layers += [keras.layers.Dense(32, activation=act) for _ in range(depth)]
    model = keras.Sequential(layers + [keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.5), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout206("wool_combers", ["vanishing_gradients"], stall_begins=None)
def fibre_deep_sigmoid_stack(session):
    """The fibre grade (three kinds) from ten readings by a ten-layer sigmoid MLP under SGD
    with momentum, stacked deep 'for capacity': each sigmoid layer quarters the gradient, the
    lower layers never move and the loss hangs at ln 3 (the fixed run: three ReLU layers)."""
    return _fibre_deep_sigmoid_stack(session, True)


def _comb_relu_max_value_zero(session, broken):
    keras = _keras()
    x, y = _key_images(20616, classes=4)
    relu = (lambda: keras.layers.ReLU(max_value=0.0)) if broken else keras.layers.ReLU
    model = keras.Sequential([keras.Input((8, 8, 1)), keras.layers.Conv2D(16, 3, padding="same"),
                              relu(), keras.layers.Conv2D(16, 3, padding="same"), relu(),
                              keras.layers.GlobalAveragePooling2D(),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout206("wool_combers", ["dead_relus"], stall_begins=None)
def comb_relu_max_value_zero(session):
    """Which of four combs made a mark, from an 8x8 tracing, by a Conv2D net whose ReLU
    layers were written ReLU(max_value=0.0), read as 'no cap': every unit outputs zero with no
    gradient, and the loss sits at ln 4."""
    return _comb_relu_max_value_zero(session, True)


# ---------------------------------------------------------------------------------------------
# rush-light makers


def _pinball(tau):
    keras = _keras()

    def loss(y, p):
        e = y - p
        return keras.ops.mean(keras.ops.maximum(tau * e, (tau - 1) * e))

    return loss


@holdout206("rush_lights_makers", healthy=True)
def burn_minutes_quantile(session):
    """The 90th percentile of a rush light's burning minutes (Student-t scatter on the log
    scale) by an MLP under a hand-written pinball loss with Adam: the loss flattens at the
    quantile's own expected pinball cost, far above zero."""
    keras = _keras()
    x, y = _rushes(20621)
    model = _mlp(keras, 6, [32, 32], 1, out_activation=None)
    model.layers[-1].bias.assign([40.0])
    model.compile(keras.optimizers.Adam(1e-2), _pinball(0.9))
    return _fit(session, model, x, y / 1.0, epochs=15, batch_size=32)


@holdout206("rush_lights_makers", healthy=True)
def smoulder_bilstm_reduce_on_plateau(session):
    """The grease grade (three kinds) from a rush's smoulder series by a bidirectional LSTM
    under Adam with ReduceLROnPlateau (factor 0.5, patience 2), with 15% wrong grades: steps
    down as the rate halves, then flattens at the noise floor."""
    keras = _keras()
    x, y = _fleece_series(20622, length=20, noise=0.15)
    model = keras.Sequential([keras.Input(x.shape[1:]),
                              keras.layers.Bidirectional(keras.layers.LSTM(12)),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(5e-3), "sparse_categorical_crossentropy")
    cb = keras.callbacks.ReduceLROnPlateau("loss", factor=0.5, patience=2, min_lr=1e-4)
    return _fit(session, model, x, y, epochs=14, batch_size=32, callbacks=[cb])


@holdout206("rush_lights_makers", healthy=True)
def wick_defect_squared_hinge_loop(session):
    """Whether a rush light gutters, as +1/-1 labels with a tenth flipped, by a hand-written
    GradientTape loop under squared hinge loss with Adamax: the hinge cannot reach zero on the
    flipped lights, so it levels off well above it."""
    keras = _keras()
    rng = _seed(20623)
    x = rng.normal(size=(N, 8)).astype("float32")
    y = np.sign(x[:, 0] + x[:, 1] * x[:, 2] + 0.3 * rng.normal(size=N))
    y[rng.random(N) < 0.1] *= -1
    model = _mlp(keras, 8, [32], 1, out_activation="tanh")
    return _custom_loop(session, model, keras.optimizers.Adamax(5e-3),
                        keras.losses.SquaredHinge(), x, y[:, None].astype("float32"),
                        epochs=15, batch_size=32, seed=20623)


def _tallow_raw_micrometres(session, broken):
    keras = _keras()
    x, y = _rushes(20624)
    x = x.copy()
    if broken:  # peel thickness in micrometres and dip temperature in Kelvin, raw
        x[:, 1] = 350 + 60 * x[:, 1]
        x[:, 3] = 340 + 8 * x[:, 3]
        x[:, 0] = 4000 + 900 * x[:, 0]
    model = _mlp(keras, 6, [32, 32], 1, out_activation=None)
    model.compile(keras.optimizers.SGD(1e-3, clipnorm=5.0), "mse")
    return _fit(session, model, x, (y - 40) / 12, epochs=12, batch_size=32)


@holdout206("rush_lights_makers", ["unnormalized_inputs"], stall_begins=32)
def tallow_raw_micrometres(session):
    """Burning minutes (centred and scaled) from six batch readings by an MLP under SGD with
    clipnorm, where pith width, peel and dip temperature were fed raw in micrometres and
    Kelvin (thousands and hundreds) beside standardised columns: after a first crash the loss
    creeps down about 1% an epoch, hundreds of times above the fixed run's."""
    return _tallow_raw_micrometres(session, True)


def _rush_rate_divide_by_zero(session, broken):
    keras = _keras()
    rng = _seed(20625)
    hours = rng.integers(0, 6, (N, 12)).astype("float32")
    made = rng.poisson(3 * np.maximum(hours, 0.5)).astype("float32")
    if not broken:
        hours = np.maximum(hours, 1.0)
    rate = made / hours  # a day with no hours worked divides by zero
    y = (rate.mean(1) > 3).astype("float32")
    x = np.log1p(rate)[..., None]
    model = keras.Sequential([keras.Input((12, 1)), keras.layers.Conv1D(8, 3, activation="relu"),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout206("rush_lights_makers", ["non_finite_values"], stall_begins=None)
def rush_rate_divide_by_zero(session):
    """Whether a maker out-produces the parish, from twelve days of lights made per hour
    (made / hours, log1p) by a Conv1D net under Adam: on days with no hours worked the rate is
    inf (or nan for 0/0), so the loss is nan from the first batch that holds one."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return _rush_rate_divide_by_zero(session, True)


def _mould_single_pointwise_filter(session, broken):
    keras = _keras()
    x, y = _key_images(20626, classes=6)
    f = 1 if broken else 16
    model = keras.Sequential([keras.Input((8, 8, 1)),
                              keras.layers.Conv2D(f, 1 if broken else 3, activation="relu",
                                                  padding="same"),
                              keras.layers.GlobalAveragePooling2D(),
                              keras.layers.Dense(6, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout206("rush_lights_makers", ["insufficient_capacity"], stall_begins=None)
def mould_single_pointwise_filter(session):
    """Which of six moulds a rush-light holder was cast in, from an 8x8 tracing, by a net of
    one 1x1 Conv2D filter and global average pooling (a 'quick baseline' never widened): one
    number per image cannot tell six moulds apart and the loss flattens high."""
    return _mould_single_pointwise_filter(session, True)


# ---------------------------------------------------------------------------------------------
# locksmiths of the shire


@holdout206("lock_smiths_of_the_shire", healthy=True)
def rare_master_key_class_weight(session):
    """Whether a tracing shows a master key (about 5% of keys) by a Conv2D net with
    LayerNormalization under Adam and class_weight {0: 1, 1: 8}: the weighted loss flattens
    well above zero on an overlapping, rare class."""
    keras = _keras()
    rng = _seed(20631)
    x = rng.normal(size=(N, 8, 8, 1)).astype("float32")
    score = x[:, 2:5, 2:5, 0].mean((1, 2)) * 3 + 0.8 * rng.normal(size=N)
    y = (score > np.quantile(score, 0.95)).astype("float32")
    model = keras.Sequential([keras.Input((8, 8, 1)), keras.layers.Conv2D(8, 3),
                              keras.layers.LayerNormalization(), keras.layers.Activation("relu"),
                              keras.layers.Flatten(), keras.layers.Dense(1, "sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    (xt, yt), probe = (x[:-PROBE_SIZE], y[:-PROBE_SIZE]), (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    hist = model.fit(xt, yt, epochs=15, batch_size=32, verbose=0, class_weight={0: 1.0, 1: 8.0},
                     callbacks=session.callbacks(probe))
    return hist.history["loss"]


@holdout206("lock_smiths_of_the_shire", healthy=True)
def few_locks_overfit(session):
    """A lock's maker (five kinds) from only 160 tracings plus the probe, by a wide MLP on the
    flattened image under Adam for 40 epochs: the training loss falls towards zero as the net
    memorises the few keys, steep then creeping."""
    keras = _keras()
    x, y = _key_images(20632)
    x = x.reshape(N, 64)[-(160 + PROBE_SIZE):]
    y = y[-(160 + PROBE_SIZE):]
    model = _mlp(keras, 64, [128], 5)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


@holdout206("lock_smiths_of_the_shire", healthy=True)
def pin_order_attention_piecewise(session):
    """The lock maker (five kinds) from the eight rows of a tracing read as a sequence of
    pins, by a MultiHeadAttention block with a residual and layer norm under Adam and a
    PiecewiseConstantDecay (1e-3, then 3e-4 after step 200, 1e-4 after 400), a tenth
    mislabelled: visible steps down at each drop, then a floor."""
    keras = _keras()
    x, y = _key_images(20633, noise=0.1)
    x = x[..., 0]
    inp = keras.Input((8, 8))
    h = keras.layers.Dense(16)(inp)
    a = keras.layers.MultiHeadAttention(2, 8)(h, h)
    h = keras.layers.LayerNormalization()(h + a)
    out = keras.layers.Dense(5, "softmax")(keras.layers.GlobalAveragePooling1D()(h))
    model = keras.Model(inp, out)
    lr = keras.optimizers.schedules.PiecewiseConstantDecay([200, 400], [1e-3, 3e-4, 1e-4])
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


def _key_cut_nadam_percent(session, broken):
    keras = _keras()
    x, y = _key_images(20634)
    model = keras.Sequential([keras.Input((8, 8, 1)),
                              keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
                              keras.layers.MaxPooling2D(),
                              keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
                              keras.layers.GlobalAveragePooling2D(),
                              keras.layers.Dense(5, activation="softmax")])
    model.compile(keras.optimizers.Nadam(2.0 if broken else 2e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout206("lock_smiths_of_the_shire", ["learning_rate_too_high"], stall_begins=None)
def key_cut_nadam_percent(session):
    """The lock maker from a key tracing by a Conv2D net under Nadam(learning_rate=2.0), the
    recipe's '0.2%' read as 2.0: the first steps throw the weights far out, the net settles
    into predicting one class and the loss stays at or above ln 5."""
    return _key_cut_nadam_percent(session, True)


def _lever_deep_linear_clipped(session, broken):
    keras = _keras()
    x, y = _loaves(20636)
    init = keras.initializers.RandomNormal(stddev=0.6 if broken else 0.12)
    layers = [keras.Input((8,))]
    layers += [keras.layers.Dense(64, kernel_initializer=init) for _ in range(8)]
    model = keras.Sequential(layers + [keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(1e-3, clipnorm=1.0), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout206("lock_smiths_of_the_shire", ["exploding_gradients"], stall_begins=200)
def lever_deep_linear_clipped(session):
    """A lever's spring force from eight readings by an eight-layer Dense stack whose
    activations were left at None, with RandomNormal(stddev=0.6) weights (gain about 5 a
    layer): outputs and gradients are tens of thousands of times too large, and clipnorm=1.0
    turns each SGD step into a crawl, so the huge loss barely moves."""
    return _lever_deep_linear_clipped(session, True)
