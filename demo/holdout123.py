"""The hundred-and-twenty-third held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades lend the stories. Stenographers: shorthand pen traces (pressure and speed over 40
samples, classed by their number of strokes), keystroke intervals of typing tests (words per
minute, noisier for slow typists) and 20 features of a shorthand outline. Lexicographers:
dictionary entries as token ids (language of origin), word statistics (part of speech) and
yearly citation counts (Poisson). Numismatists: 16x16 coin photographs (four reverse motifs),
12 coin measurements (mint, counterfeits, weight). Philatelists: 16x16 stamp scans (four
designs) and auction lots in their recorded units (year, grade, perforation gauge, catalogue
dollars, hinge flag, area). All data is generated here with seeds 12301-12338; the last
PROBE_SIZE rows of every set are the probe.

Healthy but imperfect (12): a GRU counting pen strokes with a fifth of the labels random
(flattens ~0.92); a Conv1D typing-speed regression with ReduceLROnPlateau on a heteroscedastic
target (at its floor within two epochs); a custom GradientTape LSTM loop with a Huber loss on
Student-t target noise; an Embedding + MultiHeadAttention origin classifier on mostly ambiguous
entries (falls slowly, ends high); Poisson regression of citation counts with an exponential
output (flat on the counts' own noise); a 160-row glossary memorized by a 2x128 MLP (sinks
towards zero); a coin-motif CNN on a PiecewiseConstantDecay schedule with 15% wrong labels
(drops at the cuts, then flat); a class-weighted counterfeit detector with 3% positives (keeps
falling slowly); a Huber weight regression with Student-t (1.5 dof) noise; a custom-loop
pinball (90th percentile) reserve-price model; a two-input (scan CNN + columns MLP) price model
with warm-up then cosine decay; a plain-SGD price MLP that flattens on the auction noise.

Broken (12, one per cause; each helper trains the broken or the fixed version, final epoch
loss broken vs fixed): dead_relus - Conv1D stroke counter with conv biases at -2 (1.385 vs
0.587); exploding_gradients - SimpleRNN typing-speed regression whose recurrent kernel was drawn
N(0, 1), SGD + momentum, no clipping (jumps about ~0.82 vs 0.27); poor_initialization - 2x64
tanh MLP with every kernel Constant(0.05), symmetric units (1.46 vs 0.53); vanishing_gradients
- ten sigmoid layers, SGD (1.39 vs 0.57 with relu/He); loss_activation_mismatch - Poisson
citation counts through a sigmoid output bounded by 1 (1.001 vs -1.97); over_regularization -
L2(0.1) on every layer of an embedding classifier, meant 1e-5 (ln 5 = 1.609 vs 0.006);
learning_rate_too_high - coin CNN with Adam at SGD's 0.2, meant 5e-4 (1.40 vs 0.006);
insufficient_capacity - mint MLP with a 1-unit hidden layer (1.26-1.31 vs 0.26-0.34 with 64);
saturated_activations - tanh MLP initialized RandomNormal(1.0) (mean 1 read as stddev), the
second layer pinned at +-1 (1.63 vs 0.36); learning_rate_too_low - stamp CNN with SGD 1e-5
from a fine-tuning recipe (1.394 vs 0.0004); unnormalized_inputs - above-estimate classifier
on raw auction columns (bounces 1.0-9 vs 0.33); non_finite_values - np.log of bid counts with
three zero counts, data in sale order (NaN from step 9 vs 0.22 with log1p).

Dropped or changed because they did not behave as intended: a GRU with constant kernels (on
typing speed and on stroke counting) still learned steadily, so poor_initialization moved to
an MLP on teacher-labelled features; an exploding SimpleRNN on stroke counting was dropped
because its fixed (orthogonal) version did not learn either with SGD - it now regresses typing
speed; softmax over multi-label tags with binary cross-entropy is repaired by Keras 3 (it
trains through the logits) and a linear output under binary cross-entropy still learned, so
the mismatch became a sigmoid output on counts; L2(1.0) on the embedding alone was undone by
the unregularized dense layers (learned late); saturation by RandomNormal(stddev=4) left the
output layer enough random sign features to learn (0.58 vs 0.37), replaced by the mean-one
initializer; Adam at 5e-2 on the coin CNN stalled on one run and learned on the next (the
Keras initializers are unseeded), raised to 0.2, which stalled on three seeds out of three; a
2-unit bottleneck kept improving all run, replaced by 1 unit; the coin CNN with
global average pooling did not learn even when fixed, so the photos got more contrast and the
CNN a Flatten head; the attention classifier first had too easy entries (loss near zero).

Labels: `expected_causes` holds one cause, the mistake the scenario was built around.
`stall_begins` is the 0-based optimizer step from which the broken loss stops improving, None
when it never improves from the start (dead_relus, vanishing_gradients, learning_rate_too_low).
Only bid_counts_log_of_zero's step is exact (the batch that holds row 300 in sale order); the
others were read off the per-step loss (recovered from Keras's running mean, smoothed over 8
steps) and are approximate, marked so next to each scenario.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _standardize, registrar

FAMILIES = ('stenographers', 'lexicographers', 'numismatists', 'philatelists')

REGISTRY = []
holdout123 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE
SIDE = 16  # coin and stamp photographs are SIDE x SIDE grey-scale crops
VOCAB = 200  # the lexicographers' token vocabulary


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, class_weight=None,
                callbacks=()):
    """Like `_fit`, for one input array or a list of them, with an optional class_weight: the
    last PROBE_SIZE rows of every array are the probe. Returns the per-epoch training loss."""
    arrays = inputs if isinstance(inputs, list) else [inputs]
    train = [a[:-PROBE_SIZE] for a in arrays]
    probe = [a[-PROBE_SIZE:] for a in arrays]
    if not isinstance(inputs, list):
        train, probe = train[0], probe[0]
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        class_weight=class_weight, verbose=0,
                        callbacks=list(callbacks) + session.callbacks((probe, y[-PROBE_SIZE:])))
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# data: stenographers (shorthand pen traces and keystroke timings)


def _outline_features(n, seed):
    """20 standardized features of a shorthand outline (stroke lengths, angles, loops...); the
    phonetic class (6 classes) is decided by a random teacher over them."""
    return _teacher_table(n, seed, dim=20, classes=6, hidden=32)


def _pen_traces(n, seed, length=40, noise=0.25):
    """Shorthand pen traces: pressure and speed channels over `length` samples; each outline
    is 1 to 4 pen strokes (a bump of pressure each), the class is the number of strokes."""
    r = np.random.default_rng(seed)
    y = r.integers(0, 4, size=n)
    t = np.arange(length)[None, :]
    pressure = np.zeros((n, length))
    for k in range(4):
        centre = r.uniform(3, length - 3, size=(n, 1))
        width = r.uniform(1.0, 2.0, size=(n, 1))
        bump = np.exp(-0.5 * ((t - centre) / width) ** 2)
        pressure += bump * (k <= y)[:, None]
    pressure += r.normal(0.0, noise, size=pressure.shape)
    speed = np.gradient(pressure, axis=1) + r.normal(0.0, noise, size=pressure.shape)
    x = np.stack([pressure, speed], axis=-1)
    return x.astype("float32"), y.astype("int32")


def _keystroke_intervals(n, seed, length=30, heavy_tail=False):
    """Intervals between keystrokes (standardized) of a typing test; the target is the typist's
    words per minute (standardized). Slow typists are also the erratic ones, so the noise on
    the target grows with it; with `heavy_tail` a few sessions are interrupted (Student-t)."""
    r = np.random.default_rng(seed)
    skill = r.normal(0.0, 1.0, size=(n, 1))
    rhythm = r.normal(0.0, 1.0, size=(n, 1))
    base = 1.0 - 0.4 * skill + 0.2 * np.sin(np.arange(length)[None, :] * 0.7 + rhythm)
    spread = 0.3 * (1.0 + 0.5 * np.abs(skill))
    x = base + spread * r.normal(0.0, 1.0, size=(n, length))
    scale = 0.2 + 0.3 * (skill[:, 0] < 0)
    if heavy_tail:
        noise = scale * r.standard_t(2.0, size=n)
    else:
        noise = scale * r.normal(0.0, 1.0, size=n)
    y = skill[:, 0] + 0.3 * np.tanh(rhythm[:, 0]) + noise
    x = (x - x.mean()) / x.std()
    return x[..., None].astype("float32"), y[:, None].astype("float32")


# ---------------------------------------------------------------------------------------------
# data: lexicographers (dictionary entries as token sequences and word statistics)


def _entries(n, seed, classes=5, length=20, topical=0.55):
    """Dictionary entries as token ids: each language of origin has its own 20 characteristic
    tokens; a share `topical` of an entry's tokens come from them, the rest from anywhere."""
    r = np.random.default_rng(seed)
    y = r.integers(0, classes, size=n)
    own = r.integers(0, 20, size=(n, length)) + 20 * y[:, None]
    anywhere = r.integers(0, VOCAB, size=(n, length))
    x = np.where(r.uniform(size=(n, length)) < topical, own, anywhere)
    return x.astype("int32"), y.astype("int32")


def _tagged_entries(n, seed, tags=8, length=24):
    """Entries with 2 or 3 usage tags each (archaic, slang, legal...): multi-label. Every tag
    has 15 tokens of its own; an entry's tokens come from its tags' tokens and from anywhere."""
    r = np.random.default_rng(seed)
    y = np.zeros((n, tags), dtype="float32")
    x = r.integers(0, VOCAB, size=(n, length))
    for i in range(n):
        chosen = r.choice(tags, size=r.integers(2, 4), replace=False)
        y[i, chosen] = 1.0
        slots = r.uniform(size=length) < 0.7
        x[i, slots] = 15 * r.choice(chosen, size=slots.sum()) + r.integers(0, 15, slots.sum())
    return x.astype("int32"), y


def _teacher_table(n, seed, dim, classes, hidden=24):
    """`dim` standardized measurements per row; the class is decided by a random two-layer
    tanh teacher over them (smooth, curved class boundaries)."""
    r = np.random.default_rng(seed)
    x = r.normal(0.0, 1.0, size=(n, dim))
    w1 = r.normal(0.0, 1.0, size=(dim, hidden)) / np.sqrt(dim)
    w2 = r.normal(0.0, 1.0, size=(hidden, classes))
    y = np.argmax(np.tanh(x @ w1 * 2.0) @ w2, axis=1)
    return x.astype("float32"), y.astype("int32")


def _word_statistics(n, seed):
    """16 standardized statistics of a headword (length, vowel ratio, corpus dispersion...);
    the part of speech (4 classes) is decided by a random teacher over them."""
    return _teacher_table(n, seed, dim=16, classes=4)


def _citation_counts(n, seed):
    """How many citations a headword gets in a year of newspapers: Poisson counts whose log
    rate is a smooth function of 6 word statistics."""
    r = np.random.default_rng(seed)
    x = r.normal(0.0, 1.0, size=(n, 6))
    log_rate = 1.0 + 0.6 * x[:, 0] - 0.4 * x[:, 1] * x[:, 2] + 0.5 * np.sin(x[:, 3])
    y = r.poisson(np.exp(log_rate))
    return x.astype("float32"), y[:, None].astype("float32")


# ---------------------------------------------------------------------------------------------
# data: numismatists (coin photographs and measurements)


def _coin_photos(n, seed, noise=0.2):
    """SIDE x SIDE photographs of coins: a bright disc with one of four reverse motifs (a dot, a
    horizontal bar, a vertical bar, a ring), jittered in place and brightness, plus sensor noise."""
    r = np.random.default_rng(seed)
    y = r.integers(0, 4, size=n)
    grid = np.arange(SIDE) - (SIDE - 1) / 2.0
    gy, gx = np.meshgrid(grid, grid, indexing="ij")
    images = np.empty((n, SIDE, SIDE), dtype="float64")
    for i in range(n):
        cy, cx = r.uniform(-1.0, 1.0, size=2)
        dy, dx = gy - cy, gx - cx
        dist = np.hypot(dy, dx)
        disc = (dist < r.uniform(5.5, 7.0)) * r.uniform(0.4, 0.6)
        motif = [dist < 2.0, np.abs(dy) < 1.0, np.abs(dx) < 1.0, np.abs(dist - 3.5) < 0.8][y[i]]
        images[i] = disc + 1.0 * (motif & (dist < 5.0))
    images += r.normal(0.0, noise, size=images.shape)
    return images[..., None].astype("float32"), y.astype("int32")


def _coin_measurements(n, seed):
    """12 standardized measurements of a coin (diameter, weight, thickness, alloy readings...);
    the mint (5 classes) is decided by a random teacher over them."""
    return _teacher_table(n, seed, dim=12, classes=5, hidden=32)


# ---------------------------------------------------------------------------------------------
# data: philatelists (stamp scans and auction records)


def _stamp_scans(n, seed, noise=0.25):
    """SIDE x SIDE scans of stamps: a perforated frame with one of four central designs (a
    diagonal, the other diagonal, a cross, an inner frame), shifted a little, with noise."""
    r = np.random.default_rng(seed)
    y = r.integers(0, 4, size=n)
    idx = np.arange(SIDE)
    gy, gx = np.meshgrid(idx, idx, indexing="ij")
    edge = (gy == 0) | (gy == SIDE - 1) | (gx == 0) | (gx == SIDE - 1)
    perforation = edge & ((gy + gx) % 2 == 0)
    images = np.empty((n, SIDE, SIDE), dtype="float64")
    for i in range(n):
        sy, sx = r.integers(-1, 2, size=2)
        py, px = gy - sy, gx - sx
        inner = (py > 3) & (py < 12) & (px > 3) & (px < 12)
        design = [py == px, py + px == SIDE - 1, (py == 7) | (px == 7),
                  (np.abs(py - 7.5) == 2.5) | (np.abs(px - 7.5) == 2.5)][y[i]]
        images[i] = 0.5 * perforation + 1.0 * (design & inner)
    images += r.normal(0.0, noise, size=images.shape)
    return images[..., None].astype("float32"), y.astype("int32")


def _auction_lots(n, seed):
    """Stamp auction lots in their recorded units: year of issue, condition grade (1-10),
    perforation gauge, catalogue value in dollars, hinged (0/1), area in mm^2. Returns the raw
    columns, the log hammer price (dollars) and whether the lot sold above its estimate."""
    r = np.random.default_rng(seed)
    year = r.uniform(1840, 1960, size=n)
    grade = np.clip(r.normal(6.0, 2.0, size=n), 1, 10)
    gauge = r.choice([10.0, 11.0, 12.0, 12.5, 13.0, 14.0], size=n)
    value = np.exp(r.normal(4.0, 1.5, size=n))
    hinged = (r.uniform(size=n) < 0.4).astype(float)
    area = r.normal(500.0, 80.0, size=n)
    log_price = (np.log(value) + 0.25 * (grade - 6.0) - 0.5 * hinged
                 + 0.8 * np.sin((year - 1840) / 20.0) + 0.15 * (gauge - 12.0) ** 2)
    above = (log_price - np.log(value) + r.normal(0.0, 0.3, size=n)
             > 0.0).astype("int32")
    log_price = log_price + r.normal(0.0, 0.35 * (1 + 0.5 * (grade < 4)), size=n)
    raw = np.stack([year, grade, gauge, value, hinged, area], axis=1).astype("float32")
    return raw, log_price[:, None].astype("float32"), above


def _model_columns(raw):
    """The columns as a careful analyst feeds them: log of the catalogue value, standardized."""
    cols = raw.astype("float64").copy()
    cols[:, 3] = np.log(cols[:, 3])
    return _standardize(cols)


# ---------------------------------------------------------------------------------------------
# stenographers


@holdout123("stenographers", healthy=True)
def noisy_outline_labels(session):
    """GRU(24) counting the pen strokes of shorthand outlines, Adam 3e-3, 15 epochs: a fifth of
    the training labels were keyed in by a tired clerk and are random, so the loss falls and
    levels off near 0.92, well above zero, while the model is right on the clean outlines."""
    keras = _keras()
    x, y = _pen_traces(N, seed=12301)
    r = np.random.default_rng(12302)
    flip = r.uniform(size=len(y)) < 0.2
    y = np.where(flip, r.integers(0, 4, size=len(y)), y).astype("int32")
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(24),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout123("stenographers", healthy=True)
def typing_speed_reduce_on_plateau(session):
    """Conv1D regression of a typist's words per minute from keystroke intervals, Adam 3e-3 with
    ReduceLROnPlateau (factor 0.5, patience 2) on the training loss, 20 epochs. The target is
    noisy, more so for slow typists, so the MSE drops to its floor (~0.22) within two epochs
    and then only inches down as the callback halves the rate."""
    keras = _keras()
    x, y = _keystroke_intervals(N, seed=12303)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    reduce = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=2,
                                               min_lr=1e-5)
    return _fit(session, model, x, y, epochs=20, batch_size=32, callbacks=[reduce])


@holdout123("stenographers", healthy=True)
def interrupted_sessions_huber_loop(session):
    """Custom GradientTape loop: LSTM(16) reading keystroke intervals predicts words per minute
    with a Huber loss, Adam 2e-3, 12 epochs. Some typing sessions were interrupted (Student-t
    noise with 2 degrees of freedom on the target), so the loss flattens on a floor set by
    those outliers, which the Huber loss is chosen to shrug off."""
    keras = _keras()
    x, y = _keystroke_intervals(N, seed=12304, heavy_tail=True)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(16),
                              keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), keras.losses.Huber(1.0),
                        x, y, epochs=12, batch_size=32, seed=12304)


def _pen_conv(session, broken):
    keras = _keras()
    x, y = _pen_traces(N, seed=12305)
    # Copied from a "sparse activations" recipe: every conv bias starts at -2.
    bias = keras.initializers.Constant(-2.0 if broken else 0.0)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 3, activation="relu", padding="same", bias_initializer=bias),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout123("stenographers", ["dead_relus"])
def stroke_counter_negative_bias(session):
    """Conv1D stroke counter on pen traces whose conv biases were initialized to -2 (a line kept
    from a sparse-activation recipe): with standardized traces almost no filter ever fires, the
    relu gradients are zero and the loss sits at the four-class prior."""
    return _pen_conv(session, broken=True)


def _typing_rnn(session, broken):
    keras = _keras()
    x, y = _keystroke_intervals(N, seed=12306)
    # The recurrent kernel was drawn N(0, 1) (a recipe's stddev meant for the input kernel).
    recurrent = (keras.initializers.RandomNormal(stddev=1.0, seed=12306) if broken
                 else keras.initializers.Orthogonal(seed=12306))
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.SimpleRNN(32, recurrent_initializer=recurrent),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# The loss falls in the first ~10 steps, then jumps about at a high level: approximate.
@holdout123("stenographers", ["exploding_gradients"], stall_begins=10)
def typing_rnn_wild_recurrence(session):
    """SimpleRNN(32) regressing words per minute from 30 keystroke intervals, SGD 0.01 +
    momentum 0.9, no clipping, whose recurrent kernel was drawn N(0, 1) instead of orthogonal:
    its gain is ~5.7 per step, so the gradient backpropagated through time grows
    geometrically, the updates are thrown about and the MSE jumps around ~0.8 instead of
    falling to the ~0.27 the orthogonal recurrence reaches."""
    return _typing_rnn(session, broken=True)


def _outline_mlp(session, broken):
    keras = _keras()
    x, y = _outline_features(N, seed=12307)
    # kernel_initializer=Constant(0.05) everywhere: every unit of a layer starts identical.
    init = keras.initializers.Constant(0.05) if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input((20,)),
        keras.layers.Dense(64, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(64, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(6, activation="softmax", kernel_initializer=init),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# Falls for ~64 steps (what a chain of single units can learn), then flat: approximate.
@holdout123("stenographers", ["poor_initialization"], stall_begins=64)
def outline_mlp_constant_init(session):
    """Phonetic class of shorthand outlines from 20 features: 2x64 tanh MLP whose kernels were
    all initialized to Constant(0.05). Every unit of a layer computes the same function and
    gets the same gradient, so the net behaves as a chain of single units and stalls far above
    the loss the same MLP reaches with Glorot initialization."""
    return _outline_mlp(session, broken=True)


# ---------------------------------------------------------------------------------------------
# lexicographers


@holdout123("lexicographers", healthy=True)
def origin_attention_ambiguous(session):
    """Language of origin of dictionary entries: Embedding(200, 16), one MultiHeadAttention
    block (2 heads) with a residual, mean pooling and a softmax over 5 languages, Adam 2e-3,
    12 epochs. Only 6% of an entry's tokens are characteristic of its language, the rest are
    shared by all, so many entries are genuinely ambiguous: the loss falls slowly and ends
    high (~1.1), still improving a little."""
    keras = _keras()
    x, y = _entries(N, seed=12311, topical=0.06)
    tokens = keras.Input(x.shape[1:], dtype="int32")
    h = keras.layers.Embedding(VOCAB, 16)(tokens)
    h = h + keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    out = keras.layers.Dense(5, activation="softmax")(h)
    model = keras.Model(tokens, out)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout123("lexicographers", healthy=True)
def citation_counts_poisson(session):
    """Yearly newspaper citations of a headword (Poisson counts, mean ~4) from 6 word statistics:
    2x32 relu MLP with an exponential output and the Poisson loss, Adam 3e-3, 15 epochs. The
    counts' own randomness leaves the loss on a floor far from zero."""
    keras = _keras()
    x, y = _citation_counts(N, seed=12312)
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="exponential"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout123("lexicographers", healthy=True)
def small_glossary_memorized(session):
    """A specialist glossary of only 160 headwords (plus the probe): 2x128 relu MLP over 16 word
    statistics, Adam 2e-3, batch 16, 40 epochs. The net memorizes the small training set, so
    the training loss keeps sinking towards zero long after it has anything left to learn."""
    keras = _keras()
    x, y = _word_statistics(160 + PROBE_SIZE, seed=12313)
    model = keras.Sequential([
        keras.Input((16,)),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=40, batch_size=16)


def _deep_pos_tagger(session, broken):
    keras = _keras()
    x, y = _word_statistics(N, seed=12314)
    # An old textbook network: ten sigmoid layers with Glorot init (the fix: relu, He init).
    activation, init = ("sigmoid", "glorot_uniform") if broken else ("relu", "he_normal")
    layers = [keras.Input((16,))]
    layers += [keras.layers.Dense(32, activation=activation, kernel_initializer=init)
               for _ in range(10)]
    layers.append(keras.layers.Dense(4, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout123("lexicographers", ["vanishing_gradients"])
def ten_sigmoid_layers(session):
    """Part of speech from 16 word statistics with a ten-layer sigmoid MLP (32 units each), SGD
    0.05 + momentum: each sigmoid layer passes back at most a quarter of the gradient, the
    first layers receive almost nothing and the loss stays at the class prior. The same stack
    with relu and He initialization learns the task."""
    return _deep_pos_tagger(session, broken=True)


def _citation_model(session, broken):
    keras = _keras()
    x, y = _citation_counts(N, seed=12315)
    # The output layer was copied from the tag classifier: a sigmoid, bounded by 1.
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid" if broken else "exponential"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# Falls to the ceiling's best in ~48 steps, then flat: approximate.
@holdout123("lexicographers", ["loss_activation_mismatch"], stall_begins=48)
def citation_counts_sigmoid_output(session):
    """Yearly citation counts (mean ~4, up to ~40) with the Poisson loss, but the output layer
    was copied from a tag classifier and is a sigmoid: the predicted rate can never exceed 1,
    the units saturate pushing against that ceiling and the loss levels off far above what an
    exponential output reaches."""
    return _citation_model(session, broken=True)


def _origin_embedding(session, broken):
    keras = _keras()
    x, y = _entries(N, seed=12316)
    # Meant L2(1e-5) on every layer; the exponent was dropped.
    reg = keras.regularizers.L2(0.1 if broken else 1e-5)
    model = keras.Sequential([
        keras.Input(x.shape[1:], dtype="int32"),
        keras.layers.Embedding(VOCAB, 16, embeddings_regularizer=reg),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu", kernel_regularizer=reg),
        keras.layers.Dense(5, activation="softmax", kernel_regularizer=reg),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# The penalty shrinks the table for ~190 steps, then the loss sits at ln 5: approximate.
@holdout123("lexicographers", ["over_regularization"], stall_begins=190)
def origin_l2_exponent_dropped(session):
    """Language of origin from token ids with L2(0.1) on every layer (meant 1e-5, the exponent
    was dropped):
    the penalty (on the embedding table and both dense kernels) outweighs the data, the
    weights are held at ~0 and the loss settles at ln 5, the five-class prior."""
    return _origin_embedding(session, broken=True)


# ---------------------------------------------------------------------------------------------
# numismatists


def _coin_cnn(keras, classes=4):
    return keras.Sequential([
        keras.Input((SIDE, SIDE, 1)),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Flatten(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(classes, activation="softmax"),
    ])


@holdout123("numismatists", healthy=True)
def reverse_motifs_piecewise(session):
    """Small CNN sorting coin photographs by their reverse motif, Adam on a
    PiecewiseConstantDecay schedule (2e-3, then 5e-4 from step 200, 1e-4 from step 400), 15
    epochs. One label in seven was mis-catalogued, so the loss drops in stages at the rate cuts
    and then sits on the floor the wrong labels impose."""
    keras = _keras()
    x, y = _coin_photos(N, seed=12321)
    r = np.random.default_rng(12322)
    wrong = r.uniform(size=len(y)) < 0.15
    y = np.where(wrong, r.integers(0, 4, size=len(y)), y).astype("int32")
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay([200, 400], [2e-3, 5e-4, 1e-4])
    model = _coin_cnn(keras)
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=32)


@holdout123("numismatists", healthy=True)
def counterfeits_rare_weighted(session):
    """Counterfeit detection from 12 coin measurements: about 3% of the coins are forgeries and
    the forgery region overlaps the genuine one. 2x32 relu MLP with a sigmoid output, binary
    cross-entropy, class_weight {0: 1, 1: 10}, Adam 2e-3, 15 epochs: the weighted loss starts
    high (the weighted positives dominate it) and keeps falling slowly to the end of the run
    as the net fits the few forgeries."""
    keras = _keras()
    r = np.random.default_rng(12323)
    x = r.normal(0.0, 1.0, size=(N, 12)).astype("float32")
    score = x[:, 0] - 0.8 * x[:, 1] + 0.6 * x[:, 2] * x[:, 3] + r.normal(0.0, 0.7, size=N)
    y = (score > np.quantile(score, 0.97)).astype("float32")[:, None]
    model = keras.Sequential([
        keras.Input((12,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit_inputs(session, model, x, y, epochs=15, batch_size=32,
                       class_weight={0: 1.0, 1: 10.0})


@holdout123("numismatists", healthy=True)
def coin_weight_huber_heavy_tail(session):
    """Regress a coin's weight from 8 standardized measurements with a 2x32 relu MLP and a Huber
    loss, Adam 2e-3, 15 epochs. Worn, clipped and encrusted coins make the noise heavy-tailed
    (Student-t, 1.5 degrees of freedom), so the loss flattens on a high floor set by them."""
    keras = _keras()
    r = np.random.default_rng(12324)
    x = r.normal(0.0, 1.0, size=(N, 8))
    y = 1.5 * x[:, 0] + 0.8 * x[:, 1] ** 2 - 0.5 * x[:, 2] + 0.4 * np.sin(2 * x[:, 3])
    y = y + 0.5 * r.standard_t(1.5, size=N)
    model = keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(1.0))
    return _fit(session, model, x.astype("float32"), y[:, None].astype("float32"),
                epochs=15, batch_size=32)


def _motif_cnn(session, broken):
    keras = _keras()
    x, y = _coin_photos(N, seed=12325)
    model = _coin_cnn(keras)
    # Switched from the recipe's SGD to Adam but kept SGD's rate of 0.2 (meant 5e-4).
    model.compile(keras.optimizers.Adam(0.2 if broken else 5e-4),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# One epoch-0 jump, flat at the prior from step ~8: approximate.
@holdout123("numismatists", ["learning_rate_too_high"], stall_begins=8)
def motif_cnn_adam_too_fast(session):
    """Coin-motif CNN trained with Adam at 0.2, the rate of the SGD recipe it replaced (meant
    5e-4): the first updates throw the weights far away, the loss spikes and then sits at the
    four-class prior for the rest of the run instead of falling to ~0 as at the intended
    rate."""
    return _motif_cnn(session, broken=True)


def _mint_mlp(session, broken):
    keras = _keras()
    x, y = _coin_measurements(N, seed=12326)
    # The hidden width was taken from the regression version of this model (1 output).
    model = keras.Sequential([
        keras.Input((12,)),
        keras.layers.Dense(1 if broken else 64, activation="tanh"),
        keras.layers.Dense(5, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-2), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=16, batch_size=32)


# Falls for ~220-290 steps (it varies with the unseeded init), then creeps: approximate.
@holdout123("numismatists", ["insufficient_capacity"], stall_begins=256)
def mint_one_hidden_unit(session):
    """Mint attribution (5 mints) from 12 coin measurements through a hidden layer of a single
    tanh unit (the width was taken from the regression version of the model): one number per
    coin cannot keep five curved mint regions apart, so the loss learns the one direction it
    can hold and levels off far above the 64-unit version."""
    return _mint_mlp(session, broken=True)


def _alloy_mlp(session, broken):
    keras = _keras()
    x, y = _coin_measurements(N, seed=12327)
    # Meant RandomNormal(stddev=1.0) for a "wide" init, but the first positional argument is
    # the mean: every weight is ~1.0 (stddev 0.05).
    init = (keras.initializers.RandomNormal(1.0, seed=12327) if broken
            else "glorot_uniform")
    model = keras.Sequential([
        keras.Input((12,)),
        keras.layers.Dense(64, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(64, activation="tanh", kernel_initializer=init),
        keras.layers.Dense(5, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# The readout learns the one bit left for ~32 steps, then flat: approximate.
@holdout123("numismatists", ["saturated_activations"], stall_begins=32)
def mint_tanh_mean_one_init(session):
    """Mint attribution with a 2x64 tanh MLP initialized with RandomNormal(1.0), meant as a
    stddev but read as the mean: every weight is ~1, so the second layer's 64 inputs add up to
    +-30 to 60 and its units sit at tanh = +-1 (derivative ~0) with only the sign of the
    summed measurements left. SGD + momentum cannot move the hidden layers and the loss stays
    at the five-class prior."""
    return _alloy_mlp(session, broken=True)


# ---------------------------------------------------------------------------------------------
# philatelists

DESIGN_PREMIUM = np.array([0.0, 0.6, 1.2, -0.4])  # log-price premium of the four designs


RESERVE_QUANTILE = 0.9


def _pinball(y_true, y_pred):
    """The pinball (quantile) loss at RESERVE_QUANTILE."""
    ops = _keras().ops
    error = y_true - y_pred
    return ops.mean(ops.maximum(RESERVE_QUANTILE * error, (RESERVE_QUANTILE - 1.0) * error))


@holdout123("philatelists", healthy=True)
def reserve_price_quantile_loop(session):
    """Custom GradientTape loop setting auction reserves: a 2x32 relu MLP predicts the 90th
    percentile of a lot's log hammer price from its (log, standardized) columns with the
    pinball loss, Adam 3e-3, 12 epochs. Hammer prices are noisy (more so for poor grades), so
    the pinball loss flattens on the spread of the upper tail, far from zero."""
    keras = _keras()
    raw, log_price, _ = _auction_lots(N, seed=12331)
    x = _model_columns(raw)
    y = (log_price - log_price.mean()).astype("float32")
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1),
    ])
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), _pinball, x, y,
                        epochs=12, batch_size=32, seed=12331)


@holdout123("philatelists", healthy=True)
def scan_and_record_warmup_cosine(session):
    """Two-input price model: a small CNN reads the stamp's scan (its design carries a premium)
    and an MLP reads the lot's columns; concatenated into a regression head on the log price,
    MSE, Adam with a linear warm-up from 1e-4 to 3e-3 over 100 steps then cosine decay to zero,
    15 epochs. The loss falls fast after the warm-up and flattens on the price noise as the
    rate decays."""
    keras = _keras()
    scans, design = _stamp_scans(N, seed=12332)
    raw, log_price, _ = _auction_lots(N, seed=12333)
    columns = _model_columns(raw)
    y = log_price[:, 0] + DESIGN_PREMIUM[design]
    y = ((y - y.mean()) / y.std())[:, None].astype("float32")
    scan_in = keras.Input((SIDE, SIDE, 1))
    h = keras.layers.Conv2D(8, 3, activation="relu", padding="same")(scan_in)
    h = keras.layers.MaxPooling2D()(h)
    h = keras.layers.Conv2D(16, 3, activation="relu", padding="same")(h)
    h = keras.layers.GlobalMaxPooling2D()(h)
    col_in = keras.Input((6,))
    c = keras.layers.Dense(32, activation="relu")(col_in)
    h = keras.layers.Concatenate()([h, c])
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([scan_in, col_in], keras.layers.Dense(1)(h))
    steps = 15 * -(-(N - PROBE_SIZE) // 32)
    schedule = keras.optimizers.schedules.CosineDecay(
        1e-4, decay_steps=steps - 100, warmup_target=3e-3, warmup_steps=100)
    model.compile(keras.optimizers.Adam(schedule), "mse")
    return _fit_inputs(session, model, [scans, columns], y, epochs=15, batch_size=32)


@holdout123("philatelists", healthy=True)
def plain_sgd_noise_floor(session):
    """Standardized log hammer price from the lot's columns with a 2x32 tanh MLP and plain SGD
    at 0.003 (no momentum), 20 epochs: a cautious but correct setup. The loss falls for five
    epochs and then flattens at ~0.11, the share of the price that is auction-room noise,
    still creeping down by ~1e-4 an epoch."""
    keras = _keras()
    raw, log_price, _ = _auction_lots(N, seed=12334)
    x = _model_columns(raw)
    y = ((log_price - log_price.mean()) / log_price.std()).astype("float32")
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(32, activation="tanh"),
        keras.layers.Dense(32, activation="tanh"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.SGD(0.003), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=32)


def _design_cnn(session, broken):
    keras = _keras()
    x, y = _stamp_scans(N, seed=12335)
    model = _coin_cnn(keras)
    # The rate of a fine-tuning recipe (1e-5) kept for training from scratch; meant 0.02.
    model.compile(keras.optimizers.SGD(1e-5 if broken else 0.02, momentum=0.9),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout123("philatelists", ["learning_rate_too_low"])
def design_cnn_finetune_rate(session):
    """Stamp-design CNN trained from scratch with SGD + momentum at 1e-5, a rate kept from a
    fine-tuning recipe (meant 0.02): each step moves the weights by next to nothing and the
    loss stays at the four-class prior for the whole run."""
    return _design_cnn(session, broken=True)


def _estimate_mlp(session, broken):
    keras = _keras()
    raw, _, above = _auction_lots(N, seed=12336)
    # The columns went in as recorded: years ~1900, dollars up to ~10^4, mm^2 ~500.
    x = raw if broken else _model_columns(raw)
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(2, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, above, epochs=12, batch_size=32)


# Falls from ~300 to ~3 in ~88 steps, then bounces between 1.4 and 9: approximate.
@holdout123("philatelists", ["unnormalized_inputs"], stall_begins=88)
def above_estimate_raw_columns(session):
    """Will a lot sell above its estimate? A 2x32 relu MLP fed the auction columns as recorded
    (year of issue ~1900, catalogue value in dollars up to ~10^4, area ~500 mm^2 next to a 0/1
    hinge flag): the huge columns swamp the first layer, the loss hovers near the prior while
    the standardized columns let the same net learn the grade and year effects."""
    return _estimate_mlp(session, broken=True)


UNSOLD_ROWS = (300, 611, 902)  # lots that drew no bid at all; the data is in sale order


def _bids_mlp(session, broken):
    keras = _keras()
    raw, log_price, _ = _auction_lots(N, seed=12337)
    r = np.random.default_rng(12338)
    bids = np.maximum(1, r.poisson(np.exp(0.5 * (log_price[:, 0] - log_price.mean()) + 1.5)))
    bids[list(UNSOLD_ROWS)] = 0
    # np.log of a zero count is -inf; meant np.log1p.
    with np.errstate(divide="ignore"):
        y = (np.log(bids) if broken else np.log1p(bids))[:, None].astype("float32")
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    # Kept in sale order (shuffle=False) so that each batch is one session of the sale.
    return _fit(session, model, _model_columns(raw), y, epochs=8, batch_size=32, shuffle=False)


@holdout123("philatelists", ["non_finite_values"], stall_begins=UNSOLD_ROWS[0] // 32)
def bid_counts_log_of_zero(session):
    """Number of bids a lot draws, regressed as log(bids) with MSE, data in sale order: three
    lots drew no bid and np.log(0) = -inf sits in their targets. The batch holding the first
    of them (step 9) gives an infinite loss and NaN gradients, the weights turn NaN and the
    loss is NaN for the rest of the run; np.log1p trains normally."""
    return _bids_mlp(session, broken=True)
