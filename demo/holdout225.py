"""The two-hundred-and-twenty-fifth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades supply the stories: coracle builders (hide tension, stroke rates, river crossings,
paddle wear), the chain makers of Cradley Heath (hammer traces, proof-house votes, breaking
loads, weld rings, scale photographs, fatigue), the basket weavers of Somerset (withy bundle
codes, weave photographs, a small order book, rand tension, handle grades, lid stakes) and the
sail lofters (canvas stretch, seam counts, luff tension, trims, gusts, sheet loads). All data are
synthetic numpy from seeds 22501..22524; the last PROBE_SIZE rows are the probe.

Healthy half (twelve runs, nothing to fix): hide tension with Gumbel scatter under Adagrad; a
GRU + LayerNormalization stroke-rate regression under PolynomialDecay; a custom GradientTape
Huber loop on crossing times with rare eddy delays under Nesterov SGD and CosineDecay; a Conv1D
flaw classifier with a sixth of labels random under Adamax; soft proof-house votes fitted with
the KL divergence; a two-quantile (10th/90th) pinball band with load-dependent scatter under
RMSprop; an Embedding bag of withy codes with 15% misgraded bundles under RMSprop with momentum;
a Conv2D + BatchNormalization net on noisy photos under staircase ExponentialDecay (it
reaches near zero); 160 orders
fitted by a dropout MLP; MultiHeadAttention with MAE on Laplace scatter; Poisson seam counts by
a Conv1D net with an exponential head; a heteroscedastic MSE custom loop under AdamW and
ExponentialDecay.

Broken half (eleven runs, one cause each, each trained beside its fixed twin with Session(None)):
a single-unit softmax output on a regression (constant prediction, MSE 2.00 flat against 0.08);
a Unix-seconds column left raw (millions, bouncing, against 0.68); the linear scaling rule typed
0.1 x batch (SGD at 6.4, 1.5-3.4 against 0.01); hard_sigmoid convolutions with biases at 5.0
(flat top, exactly log 3, against 0.52 and falling); a GRU feeding relu layers with biases at
-3 (log 2 flat against 0.05); a kernel_size=1 Conv1D that sees only a bag of values (log 2
against 0.01); AdamW weight_decay 5.0 for 5e-3 (0.86 flat against 0.26); Adam at 3e-6 on an
attention model (0.684 against 0.0); a twelve-layer hard_sigmoid tower (1.11 creeping against
0.66); a SimpleRNN with recurrent Orthogonal(gain=3.0) under clipvalue (0.15-0.40 noisy
against 0.04); a float16 load column where storm loads overflow to inf (NaN from batch 13).

Dropped: poor_initialization (GRU kernels and recurrent kernels all 'zeros' in a custom loop:
it still learned, 0.36 against its twin's 0.29, so it is not a stall); the coracle builders
therefore have five runs. Not written because earlier catalogues hold them: deep sigmoid
stacks, constant/zero Dense kernels, raw physical units, L2 of 1.0, Dropout 0.95, bias -3 on
Conv relus, log(0) and 0/0 targets, chaotic tanh RNN with RandomNormal recurrent kernels,
ReduceLROnPlateau, warm-up then cosine, class_weight rare classes, focal loss.

Labels: expected_causes[0] is the root cause, alone. stall_begins is the 0-based optimizer step
(32 steps per epoch at batch 32); every broken run is labelled None (from the start) except the
float16 run, exact at step 13 (row 420 in batch 13, shuffle=False). The AdamW, hard_sigmoid
tower and gain-3 RNN runs fall during their first epoch before flattening, so their None is
approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _standardize, registrar

FAMILIES = ('coracle_builders', 'chain_makers_of_cradley_heath', 'basket_weavers_of_somerset',
            'sail_lofters')
REGISTRY = []
holdout225 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


def _seeded(seed):
    keras = _keras()
    keras.utils.set_random_seed(seed)
    return keras, np.random.default_rng(seed)


def _tabular(rng, d=8):
    return rng.normal(size=(N, d)).astype("float32")


def _classes(rng, x, k, noise):
    w = rng.normal(size=(x.shape[1], k))
    y = np.argmax(np.tanh(x @ w) + 0.3 * rng.normal(size=(len(x), k)), axis=1)
    flip = rng.random(len(x)) < noise
    y[flip] = rng.integers(0, k, flip.sum())
    return y.astype("int32")


def _sequences(rng, t=24, d=3):
    x = rng.normal(size=(N, t, d)).astype("float32")
    x = np.cumsum(x, axis=1) / np.sqrt(np.arange(1, t + 1))[None, :, None]
    return x.astype("float32")


def _images(rng, k=3, noise=0.6):
    y = rng.integers(0, k, N)
    xs = np.linspace(-1, 1, 12)
    gx, gy = np.meshgrid(xs, xs)
    patterns = [np.sin(3 * gx), np.sin(3 * gy), np.sin(3 * (gx + gy))]
    x = np.stack([patterns[c] for c in y]) + noise * rng.normal(size=(N, 12, 12))
    return x[..., None].astype("float32"), y.astype("int32")


# ---------------------------------------------------------------------------------------------
# coracle builders: hide tension, paddle strokes, river crossings


@holdout225("coracle_builders", healthy=True)
def hide_tension_gumbel(session):
    """A coracle builder predicts the tension of a stretched hide from eight frame readings; the
    hide's own flaws add right-skewed Gumbel scatter that no reading explains. A relu MLP under
    MSE with Adagrad at 0.05 levels off at the scatter's variance, far above zero."""
    keras, rng = _seeded(22501)
    x = _tabular(rng)
    y = (np.sin(x[:, 0]) + 0.5 * x[:, 1] * x[:, 2] + rng.gumbel(0, 0.8, N)).astype("float32")
    y = (y - y.mean()) / y.std()
    model = _mlp_reg(keras, 8, (64, 64))
    model.compile(keras.optimizers.Adagrad(0.05), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


def _mlp_reg(keras, d, hidden, activation="relu", **kw):
    layers = [keras.Input((d,))]
    layers += [keras.layers.Dense(h, activation=activation, **kw) for h in hidden]
    layers.append(keras.layers.Dense(1))
    return keras.Sequential(layers)


@holdout225("coracle_builders", healthy=True)
def stroke_rate_polynomial_decay(session):
    """Strokes per minute over a crossing from 24 steps of current, wind and load: a GRU with
    LayerNormalization regresses the last step's stroke rate (noisy by the paddler's mood) under
    Adam with a PolynomialDecay that ends at a tenth of its start. The loss slows as the rate
    decays and flattens at the noise."""
    keras, rng = _seeded(22502)
    x = _sequences(rng)
    y = (x[:, -6:, 0].mean(1) - 0.5 * x[:, -1, 1] + 0.6 * rng.normal(size=N)).astype("float32")
    model = keras.Sequential([keras.Input((24, 3)), keras.layers.GRU(24),
                              keras.layers.LayerNormalization(), keras.layers.Dense(1)])
    schedule = keras.optimizers.schedules.PolynomialDecay(3e-3, 32 * 15, 3e-4, power=2.0)
    model.compile(keras.optimizers.Adam(schedule), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout225("coracle_builders", healthy=True)
def crossing_huber_loop(session):
    """A hand-written GradientTape loop fits crossing times (minutes) with the Huber loss:
    most crossings are explained by flow and load, but one in eight meets an eddy that adds a
    large delay. SGD with Nesterov momentum under CosineDecay; the loss flattens where the eddies
    leave it."""
    keras, rng = _seeded(22503)
    x = _tabular(rng, 6)
    delay = (rng.random(N) < 0.125) * rng.exponential(4.0, N)
    y = (x[:, 0] - 0.7 * x[:, 3] + 0.3 * rng.normal(size=N) + delay).astype("float32")[:, None]
    model = _mlp_reg(keras, 6, (32, 32), activation="tanh")
    schedule = keras.optimizers.schedules.CosineDecay(0.05, 32 * 12)
    opt = keras.optimizers.SGD(schedule, momentum=0.9, nesterov=True)
    return _custom_loop(session, model, opt, keras.losses.Huber(1.0), x, y, epochs=12,
                        batch_size=32, seed=22503)


def _hide_sigmoid_head(session, broken):
    keras, rng = _seeded(22504)
    x = _tabular(rng)
    y = (np.sin(x[:, 0]) + 0.5 * x[:, 1] + 0.2 * rng.normal(size=N)).astype("float32")
    y = (y - y.mean()) / y.std()
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(1, activation="softmax" if broken else None)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout225("coracle_builders", ["loss_activation_mismatch"], stall_begins=None)
def hide_rating_softmax_unit(session):
    """A standardized hide rating is regressed by a relu MLP whose single output unit was
    given activation='softmax' (copied from the builders' grade classifier). A softmax over
    one unit is always exactly 1, so the prediction never moves and the MSE sits at the mean of
    (y - 1)^2 from the first step; the same net with a linear output reaches about 0.05."""
    return _hide_sigmoid_head(session, True)


def _paddle_timestamps(session, broken):
    keras, rng = _seeded(22505)
    x = _tabular(rng, 6)
    y = _classes(rng, x, 3, 0.0)
    stamp = 1.70e9 + np.sort(rng.uniform(0, 3e7, N))
    x = np.concatenate([x, stamp[:, None]], axis=1).astype("float32")
    if not broken:
        x = _standardize(x)
    model = keras.Sequential([keras.Input((7,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout225("coracle_builders", ["unnormalized_inputs"], stall_begins=None)
def paddle_log_unix_seconds(session):
    """Paddle wear classes (three) from six standardized strain readings plus the time of the
    reading, left in Unix seconds (about 1.7e9) because the export kept it as a number. The
    one raw column swamps the first layer: the loss jumps around at a huge level and never
    settles near the standardized twin's."""
    return _paddle_timestamps(session, True)


# ---------------------------------------------------------------------------------------------
# chain makers of Cradley Heath: link flaws, proof loads, hammer traces


@holdout225("chain_makers_of_cradley_heath", healthy=True)
def link_flaws_conv1d_adamax(session):
    """Four kinds of link flaw from a 32-sample hammer trace, a Conv1D net under Adamax; a
    sixth of the inspection records name a random flaw, so the cross-entropy levels off far
    above zero."""
    keras, rng = _seeded(22507)
    y = rng.integers(0, 4, N)
    t = np.linspace(0, 1, 32)
    freq = np.array([3.0, 5.0, 7.0, 9.0])[y]
    x = np.sin(2 * np.pi * freq[:, None] * t[None]) + 0.8 * rng.normal(size=(N, 32))
    flip = rng.random(N) < 1 / 6
    y[flip] = rng.integers(0, 4, flip.sum())
    model = keras.Sequential([keras.Input((32, 1)), keras.layers.Conv1D(16, 5, activation="relu"),
                              keras.layers.MaxPooling1D(), keras.layers.Conv1D(16, 3,
                                                                               activation="relu"),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adamax(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x[..., None].astype("float32"), y.astype("int32"), epochs=15,
                batch_size=32)


@holdout225("chain_makers_of_cradley_heath", healthy=True)
def proof_load_soft_labels(session):
    """The proof house's three-way verdict (pass, re-test, scrap) is recorded as the share of
    three testers voting for each, so the targets are soft. A relu MLP trained with the KL
    divergence flattens where it matches the testers' own disagreement; the leftover is what
    the testers disagree on beyond the readings."""
    keras, rng = _seeded(22508)
    x = _tabular(rng)
    logits = x[:, :3] @ rng.normal(size=(3, 3)) * 0.8 + rng.normal(size=(N, 3))
    p = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
    votes = np.stack([rng.multinomial(3, pi) for pi in p]) / 3.0
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(48, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.KLDivergence())
    return _fit(session, model, x, votes.astype("float32"), epochs=15, batch_size=32)


@holdout225("chain_makers_of_cradley_heath", healthy=True)
def two_quantile_links(session):
    """The 10th and 90th percentiles of a link's breaking load, from six forge readings, in one
    two-output relu MLP with a hand-written two-quantile pinball loss under RMSprop; the
    scatter grows with the bar thickness, so the band's loss flattens far above zero."""
    keras, rng = _seeded(22509)
    x = _tabular(rng, 6)
    scale = 0.3 + 0.6 * np.abs(x[:, 1])
    y = (x[:, 0] + 0.5 * x[:, 2] + scale * rng.normal(size=N)).astype("float32")
    y2 = np.stack([y, y], 1)
    qs = np.array([[0.1, 0.9]], "float32")

    def pinball(t, p):
        e = t - p
        return keras.ops.mean(keras.ops.maximum(qs * e, (qs - 1.0) * e))

    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(48, activation="relu"),
                              keras.layers.Dense(48, activation="relu"), keras.layers.Dense(2)])
    model.compile(keras.optimizers.RMSprop(2e-3), pinball)
    return _fit(session, model, x, y2, epochs=15, batch_size=32)


def _weld_conv_lr(session, broken):
    keras, rng = _seeded(22510)
    y = rng.integers(0, 3, N)
    t = np.linspace(0, 1, 32)
    x = np.sin(2 * np.pi * (2 + 2 * y)[:, None] * t[None]) + 0.5 * rng.normal(size=(N, 32))
    batch = 64
    lr = 0.1 * batch if broken else 0.1 * batch / 256
    model = keras.Sequential([keras.Input((32, 1)), keras.layers.Conv1D(16, 5, activation="relu"),
                              keras.layers.GlobalMaxPooling1D(),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.SGD(lr, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x[..., None].astype("float32"), y.astype("int32"), epochs=15,
                batch_size=batch)


@holdout225("chain_makers_of_cradley_heath", ["learning_rate_too_high"], stall_begins=None)
def weld_ring_linear_scaling(session):
    """Three weld qualities from the ring of a struck link, a Conv1D net under SGD with
    momentum. The linear scaling rule 0.1 x batch/256 was typed as 0.1 x batch, a learning rate
    of 6.4; the loss leaps up and stays at or above the three-class guess, while the 0.025 twin
    learns the rings."""
    return _weld_conv_lr(session, True)


def _hammer_hard_sigmoid(session, broken):
    keras, rng = _seeded(22511)
    x, y = _images(rng, 3, 0.7)
    bias = keras.initializers.Constant(5.0 if broken else 0.0)
    model = keras.Sequential([keras.Input((12, 12, 1)),
                              keras.layers.Conv2D(16, 3, activation="hard_sigmoid",
                                                  bias_initializer=bias),
                              keras.layers.Conv2D(16, 3, activation="hard_sigmoid",
                                                  bias_initializer=bias),
                              keras.layers.GlobalAveragePooling2D(),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout225("chain_makers_of_cradley_heath", ["saturated_activations"], stall_begins=None)
def scale_photo_hard_sigmoid_bias(session):
    """Photos of forge scale on a link (three patterns) through two hard_sigmoid Conv2D layers
    whose biases were started at 5.0, the forget-gate trick copied to the wrong layer. With a
    bias of 5 every unit sits on hard_sigmoid's flat top (output exactly 1, slope exactly 0),
    so no gradient reaches the convolutions and the loss stays at the three-class guess; with
    zero biases the same net learns."""
    return _hammer_hard_sigmoid(session, True)


def _link_gru_dead_head(session, broken):
    keras, rng = _seeded(22523)
    x = _sequences(rng, 20, 2)
    y = (x[:, :, 0].mean(1) + 0.5 * x[:, -1, 1] > 0).astype("float32")
    bias = keras.initializers.Constant(-3.0 if broken else 0.0)
    model = keras.Sequential([keras.Input((20, 2)), keras.layers.GRU(24),
                              keras.layers.Dense(32, activation="relu", bias_initializer=bias),
                              keras.layers.Dense(32, activation="relu", bias_initializer=bias),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout225("chain_makers_of_cradley_heath", ["dead_relus"], stall_begins=None)
def link_fatigue_gru_dead_head(session):
    """Whether a chain will pass its next proof test, from twenty load readings: a GRU feeds
    a two-layer relu head whose biases were started at -3.0. The GRU's outputs lie in (-1, 1),
    too small to lift any relu unit over a -3 bias, so every head unit outputs zero with zero
    gradient and the loss stays at the prior; with zero biases the same net learns."""
    return _link_gru_dead_head(session, True)


# ---------------------------------------------------------------------------------------------
# basket weavers of Somerset: withy grades, weave patterns, order books


@holdout225("basket_weavers_of_somerset", healthy=True)
def withy_bundle_embeddings(session):
    """A bundle of withies is described by eight willow-variety codes (out of 30); its grade
    (three) depends on which varieties it holds, and 15% of grades were written by a tired
    hand. Embedding, GlobalAveragePooling1D and a Dense head under RMSprop with momentum; the
    loss flattens at the noise."""
    keras, rng = _seeded(22512)
    codes = rng.integers(0, 30, (N, 8))
    value = rng.normal(size=30)
    y = np.digitize(value[codes].mean(1), [-0.2, 0.2])
    flip = rng.random(N) < 0.15
    y[flip] = rng.integers(0, 3, flip.sum())
    model = keras.Sequential([keras.Input((8,), dtype="int32"), keras.layers.Embedding(30, 8),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.RMSprop(3e-3, momentum=0.5), "sparse_categorical_crossentropy")
    return _fit(session, model, codes.astype("int32"), y.astype("int32"), epochs=15,
                batch_size=32)


@holdout225("basket_weavers_of_somerset", healthy=True)
def weave_batchnorm_staircase(session):
    """Three weave patterns from noisy 12x12 photographs: a Conv2D + BatchNormalization net under
    SGD with momentum and a staircase ExponentialDecay halving the rate every four epochs. The
    loss drops in steps towards zero as the rate halves; a clean, scheduled descent."""
    keras, rng = _seeded(22513)
    x, y = _images(rng, 3, 1.6)
    model = keras.Sequential([keras.Input((12, 12, 1)), keras.layers.Conv2D(12, 3),
                              keras.layers.BatchNormalization(), keras.layers.ReLU(),
                              keras.layers.MaxPooling2D(), keras.layers.Conv2D(16, 3,
                                                                               activation="relu"),
                              keras.layers.GlobalAveragePooling2D(),
                              keras.layers.Dense(3, activation="softmax")])
    schedule = keras.optimizers.schedules.ExponentialDecay(0.05, 32 * 4, 0.5, staircase=True)
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout225("basket_weavers_of_somerset", healthy=True)
def small_order_book_dropout(session):
    """Only 160 orders (plus the probe) say whether a basket is sent back; a dropout MLP under
    Adam fits them, the training loss falling slowly and noisily as dropout keeps it from
    memorising at once. Small data, nothing to fix."""
    keras, rng = _seeded(22514)
    n = 160 + PROBE_SIZE
    x = rng.normal(size=(n, 10)).astype("float32")
    y = ((x[:, 0] * x[:, 1] + 0.5 * rng.normal(size=n)) > 0).astype("float32")
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dropout(0.3), keras.layers.Dense(128,
                                                                            activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


def _pattern_pointwise(session, broken):
    keras, rng = _seeded(22515)
    t = 24
    y = rng.integers(0, 2, N)
    base = np.sort(rng.normal(size=(N, t)), axis=1)
    x = np.where(y[:, None] == 1, base, base[:, ::-1]) + 0.1 * rng.normal(size=(N, t))
    model = keras.Sequential([keras.Input((t, 1)),
                              keras.layers.Conv1D(16, 1 if broken else 5, activation="relu"),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x[..., None].astype("float32"), y.astype("float32"),
                epochs=12, batch_size=32)


@holdout225("basket_weavers_of_somerset", ["insufficient_capacity"], stall_begins=None)
def rand_direction_pointwise_conv(session):
    """Whether a rand is woven tightening or loosening (the same 24 tension values, in rising
    or falling order). The Conv1D was written with kernel_size=1, so with global average
    pooling the model only sees a bag of values, identical for both classes: the loss stays
    at log 2. With kernel_size=5 it reads the order and the loss falls near zero."""
    return _pattern_pointwise(session, True)


def _handle_adamw(session, broken):
    keras, rng = _seeded(22516)
    x = _tabular(rng, 10)
    y = _classes(rng, x, 4, 0.0)
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    opt = keras.optimizers.AdamW(1e-2, weight_decay=5.0 if broken else 5e-3)
    model.compile(opt, "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout225("basket_weavers_of_somerset", ["over_regularization"], stall_begins=None)
def handle_grade_adamw_decay(session):
    """Four handle grades from ten measurements, a relu MLP under AdamW at 1e-2 whose
    weight_decay was typed 5.0 instead of 5e-3 (the coefficient from an L2 recipe). Each step
    shrinks every weight by 5%, so the weights stay near zero and the loss hangs near the
    four-class guess while the 5e-3 twin learns."""
    return _handle_adamw(session, True)


def _lid_attention_lr(session, broken):
    keras, rng = _seeded(22524)
    codes = rng.integers(0, 20, (N, 10))
    y = ((codes == 3).any(1) & (codes == 7).any(1)).astype("float32")
    inp = keras.Input((10,), dtype="int32")
    h = keras.layers.Embedding(20, 16)(inp)
    h = keras.layers.MultiHeadAttention(2, 8)(h, h)
    out = keras.layers.Dense(1, activation="sigmoid")(keras.layers.GlobalMaxPooling1D()(h))
    model = keras.Model(inp, out)
    model.compile(keras.optimizers.Adam(3e-6 if broken else 3e-3), "binary_crossentropy")
    return _fit(session, model, codes.astype("int32"), y, epochs=12, batch_size=32)


@holdout225("basket_weavers_of_somerset", ["learning_rate_too_low"], stall_begins=None)
def lid_fit_attention_per_mille(session):
    """Whether a lid fits, from the ten stake codes of its rim (it fits when codes 3 and 7
    both appear): an Embedding and MultiHeadAttention model under Adam, whose rate was copied
    from a config that gave it per mille (3 meaning 3e-3) and divided again, 3e-6. The loss
    barely moves from its start while the 3e-3 twin learns the pair."""
    return _lid_attention_lr(session, True)


# ---------------------------------------------------------------------------------------------
# sail lofters: canvas stretch, seam counts, wind traces


@holdout225("sail_lofters", healthy=True)
def canvas_stretch_attention_mae(session):
    """Canvas stretch after a voyage from sixteen wind readings: a MultiHeadAttention block over
    the readings with a Dense head, trained with MAE under Adam. Laplace scatter from the
    weave leaves a floor far above zero."""
    keras, rng = _seeded(22517)
    x = _sequences(rng, 16, 4)
    y = (x[:, :, 0].mean(1) * x[:, -1, 2] + rng.laplace(0, 0.5, N)).astype("float32")
    inp = keras.Input((16, 4))
    h = keras.layers.Dense(16)(inp)
    h = keras.layers.LayerNormalization()(h + keras.layers.MultiHeadAttention(2, 8)(h, h))
    out = keras.layers.Dense(1)(keras.layers.GlobalAveragePooling1D()(h))
    model = keras.Model(inp, out)
    model.compile(keras.optimizers.Adam(2e-3), "mae")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout225("sail_lofters", healthy=True)
def seam_counts_poisson_conv(session):
    """Seams re-stitched per sail after a season, from a 24-day wind trace, a Conv1D net with an
    exponential output under the Poisson loss; the counts are Poisson, so the loss flattens at
    the count noise."""
    keras, rng = _seeded(22518)
    x = _sequences(rng, 24, 2)
    rate = np.exp(0.5 + 0.6 * np.tanh(x[:, :, 0].max(1) - 1.0))
    y = rng.poisson(rate).astype("float32")
    model = keras.Sequential([keras.Input((24, 2)), keras.layers.Conv1D(16, 5, activation="relu"),
                              keras.layers.GlobalMaxPooling1D(),
                              keras.layers.Dense(1, activation="exponential")])
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout225("sail_lofters", healthy=True)
def luff_tension_heteroscedastic_loop(session):
    """A hand-written GradientTape loop fits luff tension with MSE under AdamW and an
    ExponentialDecay; the scatter grows with wind strength, so the loss flattens well above
    zero."""
    keras, rng = _seeded(22519)
    x = _tabular(rng, 6)
    y = (x[:, 0] + np.cos(x[:, 1]) + (0.2 + 0.5 * np.abs(x[:, 2])) * rng.normal(size=N))
    schedule = keras.optimizers.schedules.ExponentialDecay(3e-3, 32 * 4, 0.7)
    model = _mlp_reg(keras, 6, (48, 48))
    opt = keras.optimizers.AdamW(schedule)
    return _custom_loop(session, model, opt, keras.losses.MeanSquaredError(), x,
                        y.astype("float32")[:, None], epochs=14, batch_size=32, seed=22519)


def _trim_hard_sigmoid_stack(session, broken):
    keras, rng = _seeded(22520)
    x = _tabular(rng, 8)
    y = _classes(rng, x, 3, 0.0)
    act = "hard_sigmoid" if broken else "relu"
    model = _mlp_reg(keras, 8, (32,) * 12, activation=act, kernel_initializer="he_normal")
    model.pop()
    model.add(keras.layers.Dense(3, activation="softmax"))
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout225("sail_lofters", ["vanishing_gradients"], stall_begins=None)
def trim_class_hard_sigmoid_tower(session):
    """Three sail trims from eight readings, a twelve-layer MLP written with
    activation='hard_sigmoid' (a mobile-net habit). Its slope is at most 1/6, so the gradient
    shrinks about sixfold per layer and the first layers get nothing: the loss stays near the
    three-class guess under SGD with momentum while the same tower with relu learns."""
    return _trim_hard_sigmoid_stack(session, True)


def _gust_rnn(session, broken):
    keras, rng = _seeded(22521)
    x = _sequences(rng, 40, 2)
    y = (0.5 * x[:, -1, 0] + 0.3 * x[:, -10, 1] + 0.2 * rng.normal(size=N)).astype("float32")
    rec = keras.initializers.Orthogonal(gain=3.0 if broken else 1.0)
    model = keras.Sequential([keras.Input((40, 2)),
                              keras.layers.SimpleRNN(64, recurrent_initializer=rec),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9, clipvalue=0.5), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout225("sail_lofters", ["exploding_gradients"], stall_begins=None)
def gust_rnn_orthogonal_gain(session):
    """Gust strength from forty wind readings by a tanh SimpleRNN whose recurrent kernel was
    started with Orthogonal(gain=3.0), a gain meant for the input kernel. The recurrence is
    chaotic and its gradients grow through time; clipvalue keeps them finite, but the loss
    stays noisy and far above the gain-1 twin's."""
    return _gust_rnn(session, True)


def _sail_float16(session, broken):
    keras, rng = _seeded(22522)
    x = _tabular(rng, 6)
    y = (x[:, 0] - 0.5 * x[:, 1] + 0.3 * rng.normal(size=N)).astype("float32")
    load = rng.uniform(1000, 40000, N)
    load[[420, 700, 900]] = 72000.0
    if broken:
        load = load.astype("float16").astype("float32")
    x = np.concatenate([x, load[:, None] / 10000.0], 1)
    model = keras.Sequential([keras.Input((7,)), keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(32, activation="tanh"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x.astype("float32"), y, epochs=8, batch_size=32, shuffle=False)


@holdout225("sail_lofters", ["non_finite_values"], stall_begins=13)
def sheet_load_float16_overflow(session):
    """Sheet tension from six readings plus the sheet load in newtons, which the logger stored
    as float16 to save space. Three storm loads of 72,000 N exceed float16's 65,504 and became
    inf; training in log order (shuffle=False) meets the first at row 420, batch 13, where the
    loss and then the weights become NaN and stay NaN for the rest of the run."""
    return _sail_float16(session, True)
