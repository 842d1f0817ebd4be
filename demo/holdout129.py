"""The hundred-and-twenty-ninth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades, 23 runs (twelve healthy, eleven broken): draughtsmen (scanned drafting symbols,
ink-line widths, pen-plotter strokes), auditors (vendor invoices, audit adjustments, journal
entries, invoice line items, expense mixes), dispatchers (emergency calls per hour, courier
delivery minutes, GPS route traces, a dispatch desk's overflow, map sectors) and baristas
(spoken orders, tamp force, espresso shot profiles, grind particle sizes, regulars' drinks).
Data are numpy generators with seeds 12901..12938; the last PROBE_SIZE rows of every set are
the probe. Every run was checked only from its own loss curve under Session(None) with keras's
seed 0, every broken one against the same helper with broken=False.

Healthy half (twelve runs, nothing to fix in the code). Draughtsmen: drafting symbols with a
tenth misfiled, through Conv2D, DepthwiseConv2D and a 1x1 Conv2D under Adam (near the prior for
three epochs, then a drop, still descending at ~0.55); ink-line widths with Student-t gauge
error under Huber loss and SGD-momentum with PiecewiseConstantDecay (~0.14, a step at each
cut); pen strokes with an eighth misread, Bidirectional(GRU) under RMSprop (~0.33). Auditors:
rare fraud (~4%) from a vendor Embedding beside invoice features, a two-input model with
class_weight 1:8 (~0.36, still easing); the 90th percentile of adjustments under a hand-written
pinball loss and Adamax, heteroscedastic spread (~0.12); a 96-entry pilot with a fifth of the
flags disputed, memorised by a 2x128 MLP (train loss falls to ~0.002, overfitting). Dispatchers:
Poisson call counts with an exponential output in a custom GradientTape loop under RMSprop
(Keras's Poisson loss omits log(y!), so it is negative: flat at ~-10.3); delivery minutes under
mean absolute error, Nadam with CosineDecay's linear warm-up (~0.34); route types from GPS
speed traces with 15% mislabelled, Conv1D + GlobalMaxPooling1D with ReduceLROnPlateau (~0.38).
Baristas: spoken orders as tokens through Embedding + GlobalAveragePooling1D with 12% rung up
wrong (~0.53); tamp force under plain SGD at 0.01, still falling at epoch 30 (0.45 -> 0.21);
extraction yield from shot profiles through an LSTM, with refractometer error (~0.37).

Broken half, one root cause each (broken final loss vs the fixed helper's):
- vanishing_gradients, draughtsmen/stroke_sigmoid_conv_tower: ten sigmoid Conv1D layers under
  SGD with momentum, flat at 1.10 (the prior) against 1e-4 for the relu tower.
- learning_rate_too_high, draughtsmen/symbol_rmsprop_rho_positional: RMSprop(0.9) meant as
  rho, the positional argument being the learning rate; 4e3 in the first epoch, then flat at
  1.52, above the prior (default rate: 0.99 and falling).
- poor_initialization, draughtsmen/stroke_conv_zero_kernels: kernel_initializer="zeros" on
  every Conv1D and the head, flat at 1.10 against 0.001.
- saturated_activations, auditors/invoice_lines_summed_into_tanh: forty relu line encodings
  summed (keras.ops.sum where mean was meant) into a tanh layer under SGD with momentum; a few
  epochs of thrashing, then flat at 0.71 against 0.36.
- dead_relus, auditors/expense_log_shares_nonneg: NonNeg kernels on all-negative log shares,
  the relu layer exactly zero, flat at 0.693 against 0.23.
- over_regularization, auditors/review_flag_maxnorm_hundredth: MaxNorm(0.01) on the hidden
  kernels, flat at 0.693 against 0.26.
- learning_rate_too_low, dispatchers/overflow_gru_min_delta_percent: ReduceLROnPlateau with
  min_delta=1.0 (absolute) cuts the rate tenfold every epoch; frozen at 0.521 against 0.341.
- insufficient_capacity, dispatchers/dispatch_sector_two_unit_layers: "hidden: 2" built as two
  layers of two relu units for six spiral sectors; levels off at 1.31 against 0.17.
- unnormalized_inputs, baristas/shot_log_pascals_kelvin: pressure in pascals and water
  temperature in kelvin into a Conv1D net under Adam; ~1.7e6 and crawling against 0.013.
- non_finite_values, baristas/grind_spread_one_pass_variance: a one-pass float32 variance
  cancels below zero on near-constant grinders, sqrt gives NaN features (rows 600, 674, ...
  in file order, unshuffled); NaN loss in every epoch from step 18 on (two-pass: 0.28).
- loss_activation_mismatch, baristas/regular_drink_relu_head: a relu output layer under sparse
  categorical cross-entropy, 1.61 against 0.96 for the softmax head.

stall_begins: exact for the NaN run (step 18: batch 18 of 32 holds row 600, file order). None
where the broken loss never leaves the prior's level (the sigmoid tower, the zero kernels,
NonNeg, MaxNorm, RMSprop(0.9) after its first-epoch blow-up). Read off the per-epoch loss (32
steps per epoch) and approximate: the summed tanh pool after its fourth epoch (128), the
min_delta run after its third (96), the relu head after its fifth (160), the two-unit layers
after its eighth (256, a slow levelling rather than a sharp stop).

Dropped because they did not behave as intended, so exploding_gradients has no run here:
hidden layers with activation="exponential" (NaN from the very first epoch, not a stall), and
SimpleRNN(activation="relu") over 30 and then 60 dispatch slots under SGD with momentum and no
clipping (it learned about as well as the tanh RNN, both thrashing a little at the larger
rate; I did not measure gradient norms). Also tried and not kept: GRU(2), "units read as
layers", for insufficient capacity (still learning at 1.02 after fifteen epochs), and
RandomNormal(stddev=1.0) kernels in a deep relu MLP for poor initialization (loss 9800 -> 58,
still falling steadily, not a stall). The Deep Sets sum pool first ran under Adam in a probe,
not kept; SGD with momentum is what stalls.

Not written because earlier catalogues hold the mechanism, judged from their docstrings only:
Rescaling(255) before tanh, RandomNormal with a positional mean, GRU(2) from a PyTorch habit,
Dropout keep_prob, the linear-scaling rule, CosineDecay with decay_steps in epochs, IRNN /
orthogonal-gain recurrences, Hinge on a sigmoid head, relu heads under binary cross-entropy
or Poisson, ActivityRegularization, zero-init BN gammas. Several kept mechanisms do overlap
earlier ones in kind (sum pooling behind tanh, NonNeg on negative inputs, MaxNorm, min_delta
read as relative, RMSprop(0.9), zero kernels, sigmoid towers); they are used here on new
models and data (a Conv1D sigmoid tower, a Conv1D zero-kernel net, a GRU with the min_delta
slip, a CNN with RMSprop(0.9)); so do the float32 one-pass variance (once before, on encoder
counts), DepthwiseConv2D (once), the pinball loss and kelvin columns (often). The relu head
under sparse categorical cross-entropy appears in no earlier docstring I searched.

Labelling convention: expected_causes[0] is the root cause the scenario was built around, and
only that one is listed; healthy runs list none.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ('draughtsmen', 'auditors', 'dispatchers', 'baristas')
REGISTRY = []
holdout129 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


def _rng(seed):
    return np.random.default_rng(seed)


def _fit_inputs(session, model, xs, y, *, epochs, batch_size, **fit_kw):
    """model.fit on a multi-input model: every input split like `_fit` (the last PROBE_SIZE
    rows are the probe). Returns the per-epoch mean training loss."""
    train = [x[:-PROBE_SIZE] for x in xs]
    probe = ([x[-PROBE_SIZE:] for x in xs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        verbose=0, callbacks=session.callbacks(probe), **fit_kw)
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# data


def _symbols(n, seed, wrong=0.0):
    """16x16 drafting symbols (0 horizontal rule, 1 vertical rule, 2 diagonal hatch, 3 circle)
    in dark ink on slightly grey paper, with scanner speckle; `wrong` of the labels random."""
    r = _rng(seed)
    y = r.integers(0, 4, n)
    img = np.full((n, 16, 16), 0.9) + r.normal(0, 0.08, (n, 16, 16))
    yy, xx = np.mgrid[0:16, 0:16]
    for i in range(n):
        c = r.integers(4, 12, 2)
        if y[i] == 0:
            img[i, c[0], 2:14] -= 0.7
        elif y[i] == 1:
            img[i, 2:14, c[1]] -= 0.7
        elif y[i] == 2:
            img[i][(xx - yy + c[0] - c[1]) % 16 == 0] -= 0.7
        else:
            rad = r.uniform(3, 6)
            img[i][np.abs(np.hypot(yy - c[0], xx - c[1]) - rad) < 0.7] -= 0.7
    flip = r.random(n) < wrong
    y = np.where(flip, r.integers(0, 4, n), y)
    return img[..., None].astype("float32"), y.astype("int32")


def _strokes(n, seed, steps=32, wrong=0.0):
    """Pen-plotter strokes: (dx, dy) per step of an arc, a zigzag or a straight run with a
    kink, each with pen jitter; `wrong` of the labels random."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    t = np.linspace(0, 1, steps)[None, :]
    phase = r.uniform(0, 2 * np.pi, (n, 1))
    arc = np.stack([np.cos(2 * np.pi * t + phase), np.sin(2 * np.pi * t + phase)], -1)
    zig = np.stack([np.ones((n, steps)), np.sign(np.sin(8 * np.pi * t + phase))], -1)
    kink = np.stack([np.ones((n, steps)), np.where(t > r.uniform(0.3, 0.7, (n, 1)), 1.0, 0.0)],
                    -1)
    x = np.choose(y[:, None, None], [arc, zig, kink]) + r.normal(0, 0.4, (n, steps, 2))
    flip = r.random(n) < wrong
    y = np.where(flip, r.integers(0, 3, n), y)
    return x.astype("float32"), y.astype("int32")


def _ledger(n, seed, dim=10):
    """Standardized ledger features of a journal entry (amount z-scores, posting hour,
    approver count...) and a nonlinear 'needs review' score."""
    r = _rng(seed)
    x = r.normal(0, 1, (n, dim)).astype("float32")
    score = np.tanh(x[:, 0] * x[:, 1]) + np.sin(2 * x[:, 2]) + 0.6 * x[:, 3] - 0.4 * x[:, 4] ** 2
    return x, score


def _shots(n, seed, steps=20):
    """Espresso shot profiles: pressure (bar) and flow (ml/s) per second, and the shot's
    extraction yield (%), which depends on the pressure ramp and the total flow."""
    r = _rng(seed)
    t = np.arange(steps)[None, :]
    peak = r.uniform(6, 10, (n, 1))
    ramp = r.uniform(2, 8, (n, 1))
    pressure = peak * (1 - np.exp(-t / ramp)) + r.normal(0, 0.3, (n, steps))
    flow = r.uniform(1, 3, (n, 1)) * pressure / 9 + r.normal(0, 0.15, (n, steps))
    extraction = 14 + 0.5 * peak[:, 0] - 0.4 * ramp[:, 0] + 0.08 * flow.sum(1)
    return pressure, flow, extraction


# ---------------------------------------------------------------------------------------------
# draughtsmen


@holdout129("draughtsmen", healthy=True)
def symbol_depthwise_misfiled(session):
    """Scanned drafting symbols (rules, hatching, circles), 16x16, a tenth of them filed under a
    random symbol by the archivist; a Conv2D, DepthwiseConv2D (depth multiplier 2) and 1x1
    Conv2D net under Adam 3e-3. It sits near the prior for about three epochs, then drops and
    is still descending towards the misfiling's floor at the end."""
    keras = _keras()
    x, y = _symbols(N, seed=12901, wrong=0.1)
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(8, 3, padding="same", activation="relu"),
        keras.layers.DepthwiseConv2D(3, depth_multiplier=2, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 1, activation="relu"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout129("draughtsmen", healthy=True)
def line_width_huber_piecewise(session):
    """Measured ink-line width from pen pressure, speed, nib and paper features, with
    heavy-tailed (Student-t, 2 degrees of freedom) measurement error from a worn gauge; Huber
    loss, SGD with momentum under a PiecewiseConstantDecay (0.03, 0.01, 0.002 at steps 200 and
    400). It drops at each cut and flattens at the gauge's noise."""
    keras = _keras()
    r = _rng(12902)
    x = r.normal(0, 1, (N, 6)).astype("float32")
    y = (0.8 * x[:, 0] - 0.5 * x[:, 1] + 0.6 * np.tanh(x[:, 2] * x[:, 3]) + 0.3 * x[:, 4] ** 2
         + 0.3 * r.standard_t(2, N)).astype("float32")
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([200, 400], [0.03, 0.01, 0.002])
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(schedule, momentum=0.9), keras.losses.Huber(1.0))
    return _fit(session, model, x, y, epochs=20, batch_size=32)


@holdout129("draughtsmen", healthy=True)
def stroke_bigru_misread(session):
    """Pen-plotter strokes (arc, zigzag, kinked run) as 32 steps of (dx, dy) with pen jitter, an
    eighth of the stroke labels misread by the digitiser; Bidirectional(GRU(16)) under RMSprop
    2e-3. It separates the strokes and flattens near the misreading's floor."""
    keras = _keras()
    x, y = _strokes(N, seed=12903, wrong=0.125)
    model = keras.Sequential([keras.Input((32, 2)),
                              keras.layers.Bidirectional(keras.layers.GRU(16)),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.RMSprop(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _stroke_tower(session, broken):
    keras = _keras()
    x, y = _strokes(N, seed=12904)
    activation = "sigmoid" if broken else "relu"
    layers = [keras.Input((32, 2))]
    layers += [keras.layers.Conv1D(16, 3, padding="same", activation=activation)
               for _ in range(10)]
    layers += [keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(3, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout129("draughtsmen", ["vanishing_gradients"], stall_begins=None)
def stroke_sigmoid_conv_tower(session):
    """Pen-plotter strokes through a ten-layer Conv1D tower whose activations were all set to
    sigmoid ('smooth strokes, smooth units'), no normalization or skips, SGD with momentum: the
    gradient reaching the lower convolutions shrinks by a quarter per layer and the loss sits at
    the three-class prior (relu tower: learns)."""
    return _stroke_tower(session, broken=True)


def _symbol_rmsprop(session, broken):
    keras = _keras()
    x, y = _symbols(N, seed=12905)
    # RMSprop's first positional argument is the learning rate, not rho.
    optimizer = keras.optimizers.RMSprop(0.9) if broken else keras.optimizers.RMSprop(rho=0.9)
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        keras.layers.Conv2D(8, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(optimizer, "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout129("draughtsmen", ["learning_rate_too_high"], stall_begins=None)
def symbol_rmsprop_rho_positional(session):
    """Drafting symbols through a small CNN under keras.optimizers.RMSprop(0.9), written to set
    rho = 0.9 from a paper's table: the first positional argument is the learning rate, so the
    net trains at 0.9 and the loss thrashes at or above the prior from the start (RMSprop at its
    default 1e-3: learns the symbols)."""
    return _symbol_rmsprop(session, broken=True)


def _stroke_zero_kernels(session, broken):
    keras = _keras()
    x, y = _strokes(N, seed=12906)
    kernel = "zeros" if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input((32, 2)),
        keras.layers.Conv1D(16, 5, padding="same", activation="relu", kernel_initializer=kernel),
        keras.layers.Conv1D(16, 5, padding="same", activation="relu", kernel_initializer=kernel),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(3, activation="softmax", kernel_initializer=kernel),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout129("draughtsmen", ["poor_initialization"], stall_begins=None)
def stroke_conv_zero_kernels(session):
    """Pen-plotter strokes through two Conv1D layers and a softmax head, every
    kernel_initializer set to "zeros" by a copy of the bias_initializer line: the relu maps are
    exactly zero, no kernel gets a gradient, and only the head's bias learns the prior
    (glorot kernels: learns)."""
    return _stroke_zero_kernels(session, broken=True)


# ---------------------------------------------------------------------------------------------
# auditors


@holdout129("auditors", healthy=True)
def vendor_fraud_embedding_weighted(session):
    """Invoices from sixty vendors (a vendor id into a four-wide Embedding beside six
    standardized invoice features), about 4% confirmed fraud, trained with class_weight 1:8
    under Adam 2e-3. The weighted loss falls and flattens well above zero: fraud is only
    partly predictable from the invoice."""
    keras = _keras()
    r = _rng(12911)
    vendor = r.integers(0, 60, N)
    risk = r.normal(0, 1, 60)
    x = r.normal(0, 1, (N, 6)).astype("float32")
    logit = -4.0 + 1.2 * risk[vendor] + 0.9 * x[:, 0] + 0.7 * x[:, 1] * x[:, 2]
    y = (r.random(N) < 1 / (1 + np.exp(-logit))).astype("float32")
    vendor_in = keras.Input((1,), dtype="int32")
    feat_in = keras.Input((6,))
    v = keras.layers.Flatten()(keras.layers.Embedding(60, 4)(vendor_in))
    h = keras.layers.Concatenate()([v, feat_in])
    h = keras.layers.Dense(32, activation="relu")(h)
    out = keras.layers.Dense(1, activation="sigmoid")(h)
    model = keras.Model([vendor_in, feat_in], out)
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit_inputs(session, model, [vendor[:, None].astype("int32"), x], y, epochs=15,
                       batch_size=64, class_weight={0: 1.0, 1: 8.0})


def _pinball(tau):
    keras = _keras()

    def loss(y_true, y_pred):
        err = y_true - y_pred
        return keras.ops.mean(keras.ops.maximum(tau * err, (tau - 1.0) * err), axis=-1)

    return loss


@holdout129("auditors", healthy=True)
def adjustment_p90_adamax(session):
    """The 90th percentile of audit adjustments (log scale) from ledger features, whose spread
    grows with the entry's size; a hand-written pinball loss at tau 0.9 under Adamax 5e-3. The
    loss flattens at the quantile's irreducible spread."""
    keras = _keras()
    x, score = _ledger(N, seed=12912)
    r = _rng(12913)
    y = (score + (0.3 + 0.4 * np.abs(x[:, 5])) * r.normal(0, 1, N)).astype("float32")
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(48, activation="relu"),
                              keras.layers.Dense(48, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adamax(5e-3), _pinball(0.9))
    return _fit(session, model, x, y[:, None], epochs=20, batch_size=32)


@holdout129("auditors", healthy=True)
def small_sample_review_memorised(session):
    """A pilot audit of 96 journal entries flagged for review (plus the probe), a fifth of the
    flags disputed; a 2x128 relu MLP under Adam 3e-3, batch 16, forty epochs. The training
    loss keeps falling towards zero as the net memorises the 96 entries, disputed flags
    included: overfitting on a tiny sample, not a bug."""
    keras = _keras()
    x, score = _ledger(96 + PROBE_SIZE, seed=12914)
    r = _rng(12915)
    y = (score > 0).astype("float32")
    y = np.where(r.random(len(y)) < 0.2, 1 - y, y).astype("float32")
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


def _invoice_lines(session, broken):
    keras = _keras()
    r = _rng(12916)
    x = r.normal(0, 1, (N, 40, 5)).astype("float32")
    score = np.tanh(x[:, :, 0]).mean(1) + 0.5 * (x[:, :, 1] * x[:, :, 2]).mean(1)
    y = (score + r.normal(0, 0.05, N) > np.median(score)).astype("float32")
    lines = keras.Input((40, 5))
    h = keras.layers.Dense(32, activation="relu")(lines)
    pool = keras.ops.sum if broken else keras.ops.mean
    h = pool(h, axis=1)
    h = keras.layers.Dense(16, activation="tanh")(h)
    out = keras.layers.Dense(1, activation="sigmoid")(h)
    model = keras.Model(lines, out)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout129("auditors", ["saturated_activations"], stall_begins=128)
def invoice_lines_summed_into_tanh(session):
    """Invoices as sets of forty line items: a per-line relu encoder, the lines pooled by
    keras.ops.sum where the design note said mean, then a tanh layer and a sigmoid head under SGD
    with momentum. Forty positive line codes summed put every tanh unit at about +-1 for every
    invoice; after a few epochs of thrashing the loss sits at the coin-flip level (mean pooling:
    learns)."""
    return _invoice_lines(session, broken=True)


def _expense_shares(session, broken):
    keras = _keras()
    r = _rng(12917)
    shares = r.dirichlet(np.ones(8), N)
    x = np.log(shares + 1e-3).astype("float32")
    logit = 3 * (shares[:, 0] - shares[:, 1]) / 0.15 + 2 * (shares[:, 2] * shares[:, 3] > 0.01)
    y = (logit + r.normal(0, 0.5, N) > np.median(logit)).astype("float32")
    constraint = keras.constraints.NonNeg() if broken else None
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(64, activation="relu", kernel_constraint=constraint),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout129("auditors", ["dead_relus"], stall_begins=None)
def expense_log_shares_nonneg(session):
    """A cost centre's expense mix as the log of eight category shares (all negative) into a
    relu layer with kernel_constraint=NonNeg(), kept from a monotone credit model: after the
    first update every first-layer pre-activation is <= 0, the relu layer outputs exactly zero
    and the loss stays at the prior (no constraint: learns)."""
    return _expense_shares(session, broken=True)


def _entry_maxnorm(session, broken):
    keras = _keras()
    x, score = _ledger(N, seed=12918)
    y = (score > np.median(score)).astype("float32")
    constraint = keras.constraints.MaxNorm(0.01 if broken else 3.0)
    model = keras.Sequential([
        keras.Input((10,)),
        keras.layers.Dense(64, activation="relu", kernel_constraint=constraint),
        keras.layers.Dense(64, activation="relu", kernel_constraint=constraint),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout129("auditors", ["over_regularization"], stall_begins=None)
def review_flag_maxnorm_hundredth(session):
    """Review flags from ledger features, a relu MLP whose hidden kernels carry
    MaxNorm(0.01), the 0.01 copied from the weight-decay line of the same config instead of
    the dropout paper's 3: every unit's incoming weights are held at norm 0.01, the net is
    nearly flat in its inputs and the loss sits near the prior (MaxNorm(3): learns)."""
    return _entry_maxnorm(session, broken=True)


# ---------------------------------------------------------------------------------------------
# dispatchers


@holdout129("dispatchers", healthy=True)
def hourly_calls_poisson_loop(session):
    """Emergency calls per hour from the hour (sine and cosine), weekday, temperature and a
    holiday flag, Poisson counts around a smooth rate; a Dense net with an exponential output
    under the Poisson loss, in a hand-written GradientTape loop under RMSprop 3e-3. The loss
    (negative: Keras's Poisson loss leaves out the log(y!) term) flattens at the Poisson
    noise's floor."""
    keras = _keras()
    r = _rng(12921)
    hour = r.integers(0, 24, N)
    day = r.integers(0, 7, N)
    temp = r.normal(0, 1, N)
    holiday = (r.random(N) < 0.05).astype(float)
    x = np.stack([np.sin(2 * np.pi * hour / 24), np.cos(2 * np.pi * hour / 24),
                  np.sin(2 * np.pi * day / 7), np.cos(2 * np.pi * day / 7), temp, holiday],
                 1).astype("float32")
    rate = np.exp(1.5 + 0.7 * x[:, 0] - 0.3 * x[:, 1] + 0.2 * x[:, 2] + 0.25 * temp ** 2
                  + 0.5 * holiday)
    y = r.poisson(rate)[:, None].astype("float32")
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    return _custom_loop(session, model, keras.optimizers.RMSprop(3e-3), keras.losses.Poisson(),
                        x, y, epochs=15, batch_size=32, seed=12922, loss_description="poisson")


@holdout129("dispatchers", healthy=True)
def delivery_minutes_mae_warmup(session):
    """Courier delivery minutes (standardized) from distance, stops, traffic and weather, with
    noise that grows with the traffic; mean absolute error under Nadam with a 100-step linear
    warm-up to 3e-3 and cosine decay (keras CosineDecay warmup_target). The loss falls with
    the schedule and flattens at the traffic's scatter."""
    keras = _keras()
    r = _rng(12923)
    x = r.normal(0, 1, (N, 5)).astype("float32")
    y = (0.9 * x[:, 0] + 0.4 * np.abs(x[:, 1]) + 0.5 * x[:, 0] * x[:, 2]
         + (0.2 + 0.3 * np.abs(x[:, 2])) * r.normal(0, 1, N)).astype("float32")
    schedule = keras.optimizers.schedules.CosineDecay(0.0, 15 * 32, warmup_target=3e-3,
                                                      warmup_steps=100)
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Nadam(schedule), "mean_absolute_error")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout129("dispatchers", healthy=True)
def route_type_conv1d_reduce_on_plateau(session):
    """Route types (motorway, city, rural) from 48-sample GPS speed traces, 15% of the routes
    mislabelled by the dispatch software; Conv1D + GlobalMaxPooling1D under Adam 3e-3 with
    ReduceLROnPlateau(monitor="loss", factor=0.5, patience=2). It learns the route types and
    flattens near the mislabelling's floor."""
    keras = _keras()
    r = _rng(12924)
    y = r.integers(0, 3, N)
    t = np.arange(48)[None, :]
    base = np.choose(y, [100.0, 35.0, 70.0])[:, None]
    stops = np.choose(y, [0.0, 0.5, 0.15])[:, None]
    stopped = r.random((N, 48)) < stops * (np.sin(t / 3 + r.uniform(0, 6, (N, 1))) > 0)
    speed = np.where(stopped, 0.0, base + r.normal(0, 12, (N, 48)))
    x = ((speed - 60) / 35)[..., None].astype("float32")
    y = np.where(r.random(N) < 0.15, r.integers(0, 3, N), y).astype("int32")
    model = keras.Sequential([keras.Input((48, 1)),
                              keras.layers.Conv1D(16, 5, activation="relu"),
                              keras.layers.Conv1D(16, 5, activation="relu"),
                              keras.layers.GlobalMaxPooling1D(),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=2)
    return _fit(session, model, x, y, epochs=15, batch_size=32, callbacks=[plateau])


def _call_sequences(n, seed):
    """Six-hour windows of a dispatch desk (30 ten-minute slots: calls, units free, average
    response time, standardized) and whether the next slot overflows."""
    r = _rng(seed)
    x = r.normal(0, 1, (n, 30, 3)).astype("float32")
    pressure = x[:, -6:, 0].mean(1) - x[:, -6:, 1].mean(1) + 0.5 * x[:, :10, 2].mean(1)
    y = (pressure + r.normal(0, 0.2, n) > 0).astype("float32")
    return x, y


def _overflow_min_delta(session, broken):
    keras = _keras()
    x, y = _call_sequences(N, seed=12925)
    model = keras.Sequential([keras.Input((30, 3)), keras.layers.GRU(24),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    # min_delta is an absolute change of the loss; 1.0 was meant as "one percent".
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.1, patience=1,
                                                min_delta=1.0 if broken else 1e-4)
    return _fit(session, model, x, y, epochs=15, batch_size=32, callbacks=[plateau])


@holdout129("dispatchers", ["learning_rate_too_low"], stall_begins=96)
def overflow_gru_min_delta_percent(session):
    """Desk overflow from six hours of dispatch slots, a GRU under Adam 1e-3 with
    ReduceLROnPlateau(monitor="loss", factor=0.1, patience=1, min_delta=1.0), the 1.0 meant as
    'one percent': no epoch improves the loss by a whole nat, so the rate is cut tenfold every
    epoch from the second and the loss freezes by the fourth (min_delta 1e-4: learns)."""
    return _overflow_min_delta(session, broken=True)


def _zone_narrow(session, broken):
    keras = _keras()
    r = _rng(12927)
    x = r.normal(0, 1, (N, 2)).astype("float32")
    angle = np.arctan2(x[:, 1], x[:, 0]) + 0.8 * np.hypot(x[:, 0], x[:, 1])
    y = (np.floor((angle % (2 * np.pi)) / (2 * np.pi) * 6)).astype("int32")
    width = 2 if broken else 64
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(width, activation="relu"),
                              keras.layers.Dense(width, activation="relu"),
                              keras.layers.Dense(6, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-2), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout129("dispatchers", ["insufficient_capacity"], stall_begins=256)
def dispatch_sector_two_unit_layers(session):
    """Which of six spiral dispatch sectors an incident's map position falls in, through a
    relu MLP built as Dense(2), Dense(2): the config's "hidden: 2" meant two hidden layers, not
    two units each, under Adam 1e-2. Two relu units cannot draw six interleaved sectors and the
    loss levels off by the ninth epoch far above the 64-wide net's."""
    return _zone_narrow(session, broken=True)


# ---------------------------------------------------------------------------------------------
# baristas


@holdout129("baristas", healthy=True)
def order_tokens_embedding_misheard(session):
    """Drink type (six kinds) from the order as twelve tokens (size, milk, syrup, shots,
    filler words), 12% of orders rung up as the wrong drink; Embedding + GlobalAveragePooling1D
    under Adam 3e-3. It learns the orders and flattens near the mistakes' floor."""
    keras = _keras()
    r = _rng(12931)
    y = r.integers(0, 6, N)
    tokens = r.integers(8, 40, (N, 12))
    keys = r.integers(0, 2, (6, 3))
    for i in range(N):
        slots = r.choice(12, 3, replace=False)
        tokens[i, slots] = 2 * np.arange(3) + keys[y[i]] + 1
        tokens[i, r.integers(0, 12)] = 7 if y[i] >= 3 else tokens[i, r.integers(0, 12)]
    y = np.where(r.random(N) < 0.12, r.integers(0, 6, N), y).astype("int32")
    model = keras.Sequential([keras.Input((12,), dtype="int32"), keras.layers.Embedding(40, 16),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(6, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, tokens.astype("int32"), y, epochs=12, batch_size=32)


@holdout129("baristas", healthy=True)
def tamp_pressure_slow_sgd(session):
    """Tamp force (standardized) from grind size, dose, basket and humidity, smooth and
    learnable; a tanh MLP under plain SGD at 0.01, the rate a cautious trainer picked. The
    loss falls slowly and steadily and is still falling at the thirtieth epoch."""
    keras = _keras()
    r = _rng(12932)
    x = r.normal(0, 1, (N, 4)).astype("float32")
    y = (np.sin(x[:, 0]) + 0.5 * x[:, 1] * x[:, 2] - 0.3 * x[:, 3] + 0.1 * r.normal(0, 1, N))
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.01), "mse")
    return _fit(session, model, x, y.astype("float32"), epochs=30, batch_size=32)


@holdout129("baristas", healthy=True)
def extraction_lstm_refractometer_noise(session):
    """Extraction yield from the shot's pressure and flow profile (20 one-second samples,
    standardized) through an LSTM(16) under Adam 2e-3, the refractometer reading carrying
    about a third of the target's variance as error: MSE flattens at that floor."""
    keras = _keras()
    pressure, flow, extraction = _shots(N, seed=12933)
    r = _rng(12934)
    y = extraction + r.normal(0, 0.7 * extraction.std(), N)
    y = ((y - y.mean()) / y.std()).astype("float32")
    x = np.stack([pressure, flow], -1)
    x = ((x - x.mean((0, 1))) / x.std((0, 1))).astype("float32")
    model = keras.Sequential([keras.Input((20, 2)), keras.layers.LSTM(16), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _shot_pascals(session, broken):
    keras = _keras()
    pressure, flow, extraction = _shots(N, seed=12935)
    r = _rng(12936)
    water = 93 + r.normal(0, 1.5, pressure.shape)
    y = extraction + 0.3 * (water.mean(1) - 93)
    y = ((y - y.mean()) / y.std()).astype("float32")
    if broken:
        # the machine's log: pascals, millilitres per second and kelvin, fed as they are
        x = np.stack([pressure * 1e5, flow, water + 273.15], -1).astype("float32")
    else:
        x = np.stack([pressure, flow, water], -1)
        x = ((x - x.mean((0, 1))) / x.std((0, 1))).astype("float32")
    model = keras.Sequential([keras.Input((20, 3)),
                              keras.layers.Conv1D(16, 3, activation="relu"),
                              keras.layers.Conv1D(16, 3, activation="relu"),
                              keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout129("baristas", ["unnormalized_inputs"], stall_begins=None)
def shot_log_pascals_kelvin(session):
    """Extraction yield from the espresso machine's own log fed straight into a Conv1D net:
    pressure in pascals (~9e5), flow in ml/s (~2) and water temperature in kelvin (~366),
    never standardized. The pascal channel swamps the convolutions and Adam bounces far above
    the standardized run's loss."""
    return _shot_pascals(session, broken=True)


def _grind_spread(session, broken):
    keras = _keras()
    r = _rng(12937)
    # 24 particle-size readings (micrometres) per grind; some grinders report a constant size
    size = r.uniform(250, 900, (N, 1)) + r.normal(0, 1, (N, 24)) * r.uniform(0, 40, (N, 1))
    quiet = np.zeros(N, bool)
    quiet[600::37] = True
    size[quiet] = np.round(size[quiet, :1] * 4) / 4 + r.uniform(0.0, 1e-3, (quiet.sum(), 24))
    size = size.astype("float32")
    mean = size.mean(1)
    if broken:
        # one-pass variance in float32: negative by cancellation on quiet grinders
        var = (size ** 2).mean(1) - mean ** 2
    else:
        var = size.var(1)
    with np.errstate(invalid="ignore"):
        spread = np.sqrt(var)
    y = ((mean > 560) ^ (spread > 20)).astype("float32")
    y = np.where(r.random(N) < 0.05, 1 - y, y).astype("float32")
    x = np.stack([(mean - 575) / 190, (spread - 20) / 12, r.normal(0, 1, N)], 1)
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(32, activation="tanh"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x.astype("float32"), y, epochs=12, batch_size=32, shuffle=False)


@holdout129("baristas", ["non_finite_values"], stall_begins=18)
def grind_spread_one_pass_variance(session):
    """Whether a grind gives a balanced cup from its mean particle size and spread, the spread
    computed as sqrt(mean(x^2) - mean(x)^2) in float32: on grinders that report a near-constant
    size the difference cancels below zero, the square root is NaN, and those rows (from row
    600 on, in file order, unshuffled) make the loss and then the weights NaN from the batch
    that holds the first one (two-pass variance: learns)."""
    return _grind_spread(session, broken=True)


def _drink_relu_head(session, broken):
    keras = _keras()
    r = _rng(12938)
    x = r.normal(0, 1, (N, 10)).astype("float32")
    w = r.normal(0, 1, (10, 5))
    y = np.argmax(np.tanh(x @ w) + r.gumbel(0, 0.3, (N, 5)), 1).astype("int32")
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(5, activation="relu" if broken else "softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout129("baristas", ["loss_activation_mismatch"], stall_begins=160)
def regular_drink_relu_head(session):
    """A regular's usual drink (five kinds) from ten standardized visit features, a relu MLP
    whose head kept activation="relu" when the output layer was copied from the hidden one,
    under sparse categorical cross-entropy: Keras normalises the relu outputs by their sum, the
    zeroed classes give log(epsilon) with no gradient, and the loss flattens after five epochs
    far above the softmax head's."""
    return _drink_relu_head(session, broken=True)
