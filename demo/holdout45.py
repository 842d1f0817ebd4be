"""The forty-fifth held-out catalogue: written by someone who did not read the engine or run the
diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History and the per-step loss, in a throwaway script with the runner's seed), and
every broken one against the same model trained without its mistake (each helper
`_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Gilders: a beaten leaf's thickness with scatter
that grows with it, an MLP under AdamW with a warm-up and cosine decay; a burin's mark on small
images by a CNN with a fifth of the labels wrong; a bole layer's drying time from humidity and
temperature readings by an LSTM in a hand-written GradientTape loop under the Huber loss against
Student-t noise. Engravers: a plate's flaw class, 88/8/4 per cent, weighted by class_weight; a
rolling press's pass class by Conv1D and GRU under SGD with ReduceLROnPlateau, a tenth of the
calls wrong; hallmark punches from only 256 plates, memorised by a CNN over 30 short epochs.
Tinkers: the 0.9 quantile of a kettle's repair time under the pinball loss in a hand-written
loop against skewed noise; leaks per round (Poisson counts) from a village Embedding and five
features, two inputs, an exponential head under keras's Poisson loss; a solder joint's grade
by an MLP under SGD with a LearningRateScheduler cutting the rate tenfold twice, a tenth of the
grades wrong. Spinners: a fleece's grade from the sorter's note tokens by an Embedding and a
MultiHeadAttention block, 15% of the grades wrong; a yarn's count by a GRU under plain SGD 0.01,
still descending at the end; minutes to the next thread break by a Conv1D net under mean
absolute error against Laplace noise, RMSprop with a PiecewiseConstantDecay cut.

The broken half, one root cause each: Adam keeping Adadelta's customary learning_rate=1.0 after
the optimizer was swapped (learning rate too high); ExponentialDecay(decay_steps=5) meant as
five epochs, counted in optimizer steps, so the rate is ~1e-5 within the first epoch (learning
rate too low); a 1990s time-delay net of seven sigmoid Conv1D layers (vanishing gradients);
ReLU(threshold=6.0) written for ReLU6 instead of ReLU(max_value=6.0) (dead ReLUs); a graph
convolution over a dense adjacency used raw, without the degree normalisation, so each node
sums ~20 neighbours and the tanh units sit at +-1 (saturated activations); a workshop log in
kelvin, l/min and grams fed raw to a tanh MLP (unnormalised inputs); a linear head 'for
logits' under SparseCategoricalCrossentropy() left at from_logits=False (loss/activation
mismatch); Dense layers written without activation= on an XOR-and-ring target, one linear map
(insufficient capacity); embeddings_regularizer=L2(0.15) from a matrix-factorisation paper's
per-rating lambda, which keras adds over the whole table at every batch (over-regularisation);
keras.initializers.RandomNormal(2.0) for 'He's variance of 2', whose first positional argument
is the mean (poor initialisation); the seconds per treadle turn computed as 1 / speed with
stopped wheels logged at speed 0, an infinite input in file order (non-finite values).

Dropped or replaced because they did not behave as intended. Exploding gradients has no run:
a residual MLP of 16 blocks without normalisation under SGD with momentum went to NaN, and so
did its fix with LayerNorm in the branches; the same trunk of 10 and 20 blocks under Adam and
under SGD with clipnorm=1.0 kept falling (from ~700 and ~3e7 to ~6 and ~47 in six epochs); a
relu SimpleRNN with the identity recurrent kernel over 80 and 150 steps either went to NaN
(plain SGD) or kept learning near the tanh fix (~0.56 against ~0.56 with clipnorm, ~0.80
against ~0.48 under Adam and still falling); a weight-tied refinement block applied 20 and 30
times without damping started near 1e9-1e15 but then kept falling under Adam and learned
under SGD with clipnorm (~0.36 against ~0.19 for the damped fix). Adam at 0.08 and at 0.3
trained better than Adam at 1e-3 on the press traces (1.0 kept). A one-unit softmax head under
binary cross-entropy trained exactly like the sigmoid head (keras now treats it so), replaced
by the linear head under from_logits=False; a softplus head on a standardised target kept
falling (~0.62). The graph convolution under Adam learned better with the raw adjacency than
with the normalised one (~0.25 against ~0.38) and under SGD on standardised features it
bounced between ~0.47 and ~0.66 without settling; min-max scaled features under SGD with momentum kept. The raw workshop
units through a relu MLP kept falling from ~2600 to ~2.2 (the tanh MLP kept). L2(0.05) and
L2(0.3) on the embeddings: the first kept falling (~0.54, against ~0.06 for the fix), the
second rose slowly at the end; 0.15 kept. The sigmoid time-delay net was first trained under
SGD with momentum, where the relu fix also sat at ln 3 for five epochs; both under Adam kept.

With the runner's seed, `fit` visits the examples in the same order every epoch, so several
runs show a sawtooth within each epoch. Labels follow `scenarios.py`: `expected_causes[0]` is
the root cause the scenario was built around (no run has a second cause); `stall_begins` is the
optimizer step from which the loss stops improving (None: from the start), exact where an event
of the scenario causes it (the first infinite input, in file order, at step 6), otherwise read
off the per-step loss and marked approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("gilders", "engravers", "tinkers", "spinners")

REGISTRY = []

holdout45 = registrar(REGISTRY)

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


def leaf_thickness(n, seed, dim=8):
    """The thickness of a beaten gold leaf (standardised) from eight beating-shop features,
    smooth and nonlinear, with scatter that grows with the thickness (heteroscedastic)."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    mean = np.sin(1.3 * x[:, 0]) + 0.6 * x[:, 1] * x[:, 2] + 0.5 * np.abs(x[:, 3]) - 0.4 * x[:, 4]
    scale = 0.2 + 0.3 * np.abs(x[:, 0])
    y = mean + scale * r.normal(size=n)
    return x, _std(y)[:, None]


def tool_marks(n, seed, size=12, flip=0.0):
    """12x12 grey images of a burin's mark, four classes: 0 a horizontal line, 1 a vertical
    line, 2 a diagonal, 3 a dot cluster, at random places over a noisy ground; `flip` of the
    labels are the sorter's wrong calls."""
    r = _rng(seed)
    y = r.integers(0, 4, n)
    x = 0.3 * r.normal(size=(n, size, size, 1)).astype("float32")
    for k in range(n):
        a, b = r.integers(2, size - 2, 2)
        if y[k] == 0:
            x[k, a, max(0, b - 4):b + 4, 0] += 1.0
        elif y[k] == 1:
            x[k, max(0, a - 4):a + 4, b, 0] += 1.0
        elif y[k] == 2:
            for d in range(-3, 4):
                i, j = a + d, b + d
                if 0 <= i < size and 0 <= j < size:
                    x[k, i, j, 0] += 1.0
        else:
            for _ in range(5):
                i, j = np.clip([a, b] + r.integers(-2, 3, 2), 0, size - 1)
                x[k, i, j, 0] += 1.0
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 4, n)) % 4, y)
    return x, y


def spindle_traces(n, seed, length=40, channels=2, flip=0.0):
    """40 readings of a spinning wheel's speed and yarn tension, three classes: 0 even, 1 a
    slipping band (a slow sawtooth in the speed), 2 a thick slub (a bump in the tension);
    `flip` of the labels are wrong."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    t = np.linspace(0, 1, length)
    x = 0.4 * r.normal(size=(n, length, channels)).astype("float32")
    for k in range(n):
        x[k, :, 0] += 0.3 * np.sin(2 * np.pi * (r.uniform(1, 3) * t + r.uniform()))
        if y[k] == 1:
            x[k, :, 0] += 0.8 * ((t * r.integers(2, 5) + r.uniform()) % 1.0 - 0.5)
        elif y[k] == 2:
            c = r.uniform(0.2, 0.8)
            x[k, :, 1] += 1.2 * np.exp(-((t - c) / 0.06) ** 2)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 3, n)) % 3, y)
    return x.astype("float32"), y


def grades(n, seed, dim=10, classes=4, flip=0.0, prior=None):
    """A grade out of `classes` from `dim` features: the argmax of nonlinear scores, or with
    `prior` a threshold of one score so that the classes have those frequencies."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    w = r.normal(size=(dim, classes))
    v = r.normal(size=(dim, classes))
    s = np.tanh(x @ w) + 0.4 * (x @ v) ** 2 / dim
    if prior is None:
        y = s.argmax(axis=1)
    else:
        score = s[:, 0] - s[:, 1]
        cuts = np.quantile(score, np.cumsum(prior)[:-1])
        y = np.searchsorted(cuts, score)
    wrong = r.random(n) < flip
    y = np.where(wrong, r.integers(0, classes, n), y)
    return x, y


# gilders ---------------------------------------------------------------------------------------


@holdout45("gilders", healthy=True)
def leaf_thickness_warm_cosine(session):
    """A beaten gold leaf's thickness (standardised) from eight beating-shop features whose
    scatter grows with the thickness, MLP 64-64 relu, AdamW under CosineDecay from 1e-4 with
    a 64-step warm-up to 3e-3: a slow start through the warm-up, a quick fall, then a flat
    floor at the heteroscedastic noise."""
    keras = _keras()
    x, y = leaf_thickness(N, seed=4501)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    lr = keras.optimizers.schedules.CosineDecay(1e-4, 256, warmup_target=3e-3, warmup_steps=64)
    model.compile(keras.optimizers.AdamW(lr, weight_decay=1e-4), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout45("gilders", healthy=True)
def burin_marks_noisy_labels(session):
    """A burin's mark (line across, line down, diagonal, dot cluster) on 12x12 images, a fifth
    of the sorter's labels wrong, Conv2D 16-32 relu with max pooling and global average
    pooling, Adam 2e-3: it learns the shapes and flattens at the label noise's floor (far
    above zero)."""
    keras = _keras()
    x, y = tool_marks(N, seed=4502, flip=0.2)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout45("gilders", healthy=True)
def bole_drying_huber_loop(session):
    """Hand-written GradientTape loop: how long a gilder's bole layer takes to dry
    (standardised) from 30 readings of humidity and temperature by an LSTM(16), Huber loss
    (delta 1) against Student-t (3 degrees of freedom) timing noise, Adam 2e-3: a quick fall,
    then a floor set by the heavy-tailed noise."""
    keras = _keras()
    r = _rng(4503)
    x = np.cumsum(0.3 * r.normal(size=(N, 30, 2)), axis=1).astype("float32")
    y = (0.8 * x[:, -10:, 0].mean(axis=1) - 0.5 * x[:, :, 1].mean(axis=1)
         + 0.3 * np.tanh(x[:, -1, 1]) + 0.4 * r.standard_t(3, size=N))
    model = keras.Sequential([keras.Input((30, 2)), keras.layers.LSTM(16),
                              keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), keras.losses.Huber(1.0),
                        x, _std(y)[:, None], epochs=8, batch_size=32, seed=4503)


def _punch_rate(session, broken):
    keras = _keras()
    x, y = spindle_traces(N, seed=4504)
    model = keras.Sequential([
        keras.Input((40, 2)),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1.0 if broken else 2e-3),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout45("gilders", ["learning_rate_too_high"], stall_begins=None)
def punch_traces_adadelta_rate_on_adam(session):
    """A gilder's punch press's stroke class (even, slipping band, thick slub) from 40 readings
    of speed and tension by a Conv1D 32-32 net: the script was moved from Adadelta to Adam
    and kept Adadelta's customary learning_rate=1.0, so Adam's steps of ~1 per weight throw
    the net far off in the first updates and it never settles below the class prior."""
    return _punch_rate(session, True)


def _relu_threshold(session, broken):
    keras = _keras()
    x, y = grades(N, seed=4505, dim=10, classes=4)
    act = (lambda: keras.layers.ReLU(threshold=6.0)) if broken else (
        lambda: keras.layers.ReLU(max_value=6.0))
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64), act(),
                              keras.layers.Dense(64), act(),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout45("gilders", ["dead_relus"], stall_begins=None)
def sizing_grade_relu6_threshold(session):
    """A gilding size's grade (4) from ten features by an MLP 64-64 whose units were meant to
    be ReLU6 for an integer-only device, written keras ReLU(threshold=6.0) instead of
    ReLU(max_value=6.0): threshold zeroes every pre-activation below 6, and with standardised
    inputs and Glorot weights nearly none ever reaches it, so the hidden units are dead."""
    return _relu_threshold(session, True)


def _linear_stack(session, broken):
    keras = _keras()
    r = _rng(4506)
    x = r.uniform(-1, 1, size=(N, 6)).astype("float32")
    # Burnish quality: good where the agate and the bole agree (a product of signs), a ring
    # pattern in the pressure and angle.
    y = ((np.sign(x[:, 0]) * np.sign(x[:, 1]) > 0) ^ (x[:, 2] ** 2 + x[:, 3] ** 2 < 0.5))
    y = y.astype("float32")[:, None]
    act = None if broken else "relu"
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation=act),
                              keras.layers.Dense(64, activation=act),
                              keras.layers.Dense(32, activation=act),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout45("gilders", ["insufficient_capacity"], stall_begins=None)
def burnish_check_no_hidden_activation(session):
    """Whether a burnished edge passes, an XOR of the agate's and the bole's sides with a ring
    in pressure and angle, by Dense 64-64-32 layers written without activation= (keras's
    default is linear) and a sigmoid head, Adam 3e-3: the whole stack is one linear map, so
    it can do no better than a logistic regression on an XOR and flattens near ln 2."""
    return _linear_stack(session, True)


# engravers -------------------------------------------------------------------------------------


@holdout45("engravers", healthy=True)
def plate_flaws_rare_weighted(session):
    """A copper plate's flaw class from ten inspection features, 88% sound, 8% scratched and
    4% pitted, MLP 64-32 relu with class_weight inversely proportional to the class counts,
    Nadam 1e-3: the weighted loss starts above ln 3 and comes down steadily, still well
    above zero at the end (the rare classes overlap the sound one)."""
    keras = _keras()
    x, y = grades(N, seed=4511, dim=10, classes=3, prior=(0.88, 0.08, 0.04))
    counts = np.bincount(y[:-PROBE_SIZE], minlength=3)
    weights = {k: float(len(y[:-PROBE_SIZE]) / (3 * counts[k])) for k in range(3)}
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Nadam(1e-3), "sparse_categorical_crossentropy")
    (x_train, y_train), probe = (x[:-PROBE_SIZE], y[:-PROBE_SIZE]), (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(x_train, y_train, epochs=10, batch_size=32, verbose=0,
                        class_weight=weights, callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout45("engravers", healthy=True)
def roller_traces_plateau_drop(session):
    """A rolling press's pass class from 40 readings of speed and tension, a tenth of the calls
    wrong, Conv1D(16) then GRU(16), SGD 0.05 momentum 0.9 with ReduceLROnPlateau(monitor
    'loss', factor 0.3, patience 1): it learns, wobbles on a shelf, and settles lower after
    each cut of the rate."""
    keras = _keras()
    x, y = spindle_traces(N, seed=4512, flip=0.1)
    model = keras.Sequential([
        keras.Input((40, 2)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.GRU(16),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    cut = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.3, patience=1, min_delta=0.01)
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[cut])


@holdout45("engravers", healthy=True)
def hallmark_few_plates_overfit(session):
    """Hallmark punches (line across, line down, diagonal, dot cluster) on 12x12 images from
    only 256 plates, Conv2D 16-32 relu with a Dense(64) head, Adam 2e-3 over 30 short epochs:
    the training loss keeps falling towards zero as the net memorises the few plates."""
    keras = _keras()
    x, y = tool_marks(256 + PROBE_SIZE, seed=4513)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=30, batch_size=32)


def _decay_in_steps(session, broken):
    keras = _keras()
    x, y = tool_marks(N, seed=4514)
    model = keras.Sequential([
        keras.Input((12, 12, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax"),
    ])
    steps = 5 if broken else 5 * 32
    lr = keras.optimizers.schedules.ExponentialDecay(0.05, decay_steps=steps, decay_rate=0.5)
    model.compile(keras.optimizers.SGD(lr, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# The rate has halved four times by step 20 and the loss never leaves ln 4: from the start.
@holdout45("engravers", ["learning_rate_too_low"], stall_begins=None)
def graver_marks_decay_steps_as_epochs(session):
    """An engraver's graver marks (four shapes) on 12x12 images by a Conv2D 16-32 net, SGD
    momentum 0.9 under ExponentialDecay(0.05, decay_steps=5, decay_rate=0.5): the rate was
    meant to halve every five epochs, but decay_steps counts optimizer steps, so it halves
    every five batches and is ~1e-5 before the first epoch ends; the net barely moves
    after its first few dozen steps."""
    return _decay_in_steps(session, True)


def plate_graphs(n, seed, nodes=24, feats=4, p=0.85):
    """Graphs of the cells of an engraved plate: 24 nodes with four standardised features and
    a dense adjacency (85% of pairs touch); the class (2) is whether the cells with a high
    first feature sit mostly next to cells with a high second one."""
    r = _rng(seed)
    x = r.normal(size=(n, nodes, feats)).astype("float32")
    a = (r.random((n, nodes, nodes)) < p).astype("float32")
    a = np.triu(a, 1)
    a = a + np.transpose(a, (0, 2, 1)) + np.eye(nodes, dtype="float32")[None]
    mean_nb = (a @ x) / a.sum(axis=2, keepdims=True)
    score = (x[:, :, 0] * mean_nb[:, :, 1]).mean(axis=1) + 0.5 * np.tanh(x[:, :, 2]).mean(axis=1)
    y = (score > np.median(score)).astype("float32")[:, None]
    return x, a, y


def _gcn_sum(session, broken):
    keras = _keras()
    x, a, y = plate_graphs(N, seed=4515)
    # The cells' features come min-max scaled to [0, 1] (ink density, depth, width, gloss).
    x = (1.0 / (1.0 + np.exp(-x))).astype("float32")
    if not broken:
        a = a / a.sum(axis=2, keepdims=True)
    xin = keras.Input((24, 4))
    ain = keras.Input((24, 24))
    h = xin
    for width in (32, 32):
        h = keras.layers.Dense(width)(h)
        h = keras.layers.Dot(axes=(2, 1))([ain, h])
        h = keras.layers.Activation("tanh")(h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    out = keras.layers.Dense(1, activation="sigmoid")(h)
    model = keras.Model([xin, ain], out)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "binary_crossentropy")
    return _fit_inputs(session, model, [x, a], y, epochs=10, batch_size=32)


@holdout45("engravers", ["saturated_activations"], stall_begins=None)
def cell_graph_unnormalised_adjacency(session):
    """Graph convolution over the cells of an engraved plate (24 nodes, four features min-max
    scaled to [0, 1], a dense adjacency with self-loops), two layers tanh(A X W) and a sigmoid
    head, SGD 0.05 momentum 0.9: the adjacency was used raw, without the degree normalisation D^-1 A of the
    recipe, so each node sums ~20 neighbours and the tanh units sit at +-1 from the first
    layer on."""
    return _gcn_sum(session, True)


def _embedding_penalty(session, broken):
    keras = _keras()
    r = _rng(4516)
    users, items, k = 600, 400, 6
    pu = r.normal(size=(users, k))
    qi = r.normal(size=(items, k))
    u = r.integers(0, users, N)
    i = r.integers(0, items, N * 1)
    rating = (pu[u] * qi[i]).sum(axis=1) / np.sqrt(k) + 0.3 * r.normal(size=N)
    y = _std(rating)[:, None]
    reg = keras.regularizers.L2(0.15 if broken else 1e-6)
    uin = keras.Input((1,), dtype="int32")
    iin = keras.Input((1,), dtype="int32")
    ue = keras.layers.Flatten()(keras.layers.Embedding(users, 16, embeddings_regularizer=reg)(uin))
    ie = keras.layers.Flatten()(keras.layers.Embedding(items, 16, embeddings_regularizer=reg)(iin))
    h = keras.layers.Concatenate()([ue, ie, keras.layers.Multiply()([ue, ie])])
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([uin, iin], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit_inputs(session, model, [u[:, None], i[:, None]], y, epochs=12, batch_size=32)


# The first steps' ~2.5 (the penalty on fresh tables) falls to ~1.0 by step ~10, then flat:
# approximate.
@holdout45("engravers", ["over_regularization"], stall_begins=10)
def print_buyer_ratings_paper_lambda(session):
    """A print buyer's rating of an engraving (standardised) from buyer and print Embeddings
    (16 wide) with a small Dense head, Adam 3e-3: embeddings_regularizer=L2(0.15) copied from
    a matrix-factorisation paper whose lambda weighs each observed rating, but keras adds it
    on the whole table at every batch, so both tables are held at zero and the model
    predicts the mean."""
    return _embedding_penalty(session, True)


# tinkers ---------------------------------------------------------------------------------------


def _pinball(tau):
    import tensorflow as tf

    def loss(y_true, y_pred):
        e = y_true - y_pred
        return tf.reduce_mean(tf.maximum(tau * e, (tau - 1.0) * e))

    return loss


@holdout45("tinkers", healthy=True)
def kettle_repair_time_quantile_loop(session):
    """Hand-written GradientTape loop: the 0.9 quantile of a tinker's time to mend a kettle
    (standardised) from seven features of the damage, MLP 64-64 relu, pinball loss at tau
    0.9 against exponential-tailed repair times, Adam 2e-3: it falls quickly and flattens far
    above zero, where the quantile loss of skewed noise sits."""
    keras = _keras()
    r = _rng(4521)
    x = r.normal(size=(N, 7)).astype("float32")
    base = 0.8 * x[:, 0] + 0.5 * np.abs(x[:, 1]) + 0.4 * x[:, 2] * x[:, 3]
    y = base + (0.4 + 0.3 * (x[:, 4] > 0)) * r.exponential(size=N)
    model = keras.Sequential([keras.Input((7,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), _pinball(0.9), x,
                        _std(y)[:, None], epochs=10, batch_size=32, seed=4521,
                        loss_description="pinball loss, tau 0.9")


@holdout45("tinkers", healthy=True)
def leaks_per_round_poisson(session):
    """Leaks found per round of pots (Poisson counts) from the village (an Embedding of 40
    villages, 4 wide) and five features of the round, two inputs, an exponential output
    under keras's Poisson loss, Adam 3e-3: it comes down from the constant rate's loss and
    levels at the Poisson noise (keras leaves out log y!, so the floor is not zero)."""
    keras = _keras()
    r = _rng(4522)
    village = r.integers(0, 40, N)
    effect = 0.5 * r.normal(size=40)
    x = r.normal(size=(N, 5)).astype("float32")
    rate = np.exp(0.7 + effect[village] + 0.4 * x[:, 0] - 0.3 * x[:, 1] * x[:, 2])
    y = r.poisson(rate).astype("float32")[:, None]
    vin = keras.Input((1,), dtype="int32")
    xin = keras.Input((5,))
    v = keras.layers.Flatten()(keras.layers.Embedding(40, 4)(vin))
    h = keras.layers.Concatenate()([v, xin])
    h = keras.layers.Dense(32, activation="relu")(h)
    out = keras.layers.Dense(1, activation="exponential")(h)
    model = keras.Model([vin, xin], out)
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit_inputs(session, model, [village[:, None], x], y, epochs=10, batch_size=32)


@holdout45("tinkers", healthy=True)
def solder_grade_step_decay(session):
    """A solder joint's grade (5) from twelve features, a tenth of the grades wrong, MLP
    128-64 relu, SGD 0.03 momentum 0.9 with a LearningRateScheduler that divides the rate by
    ten at epochs 5 and 9: it learns steadily, settles after the first cut, dips a notch at
    the second and ends flat near the label noise's floor."""
    keras = _keras()
    x, y = grades(N, seed=4523, dim=12, classes=5, flip=0.1)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(5, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.03, momentum=0.9), "sparse_categorical_crossentropy")
    step = keras.callbacks.LearningRateScheduler(
        lambda epoch, lr: 0.03 * (0.1 ** ((epoch >= 5) + (epoch >= 9))))
    return _fit(session, model, x, y, epochs=12, batch_size=32, callbacks=[step])


def _sigmoid_tdnn(session, broken):
    keras = _keras()
    x, y = spindle_traces(N, seed=4524)
    act = "sigmoid" if broken else "relu"
    layers = [keras.Input((40, 2))]
    for _ in range(7):
        layers.append(keras.layers.Conv1D(16, 3, activation=act, padding="same"))
    layers += [keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(3, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout45("tinkers", ["vanishing_gradients"], stall_begins=None)
def bellows_traces_sigmoid_tdnn(session):
    """A bellows' pumping fault (even, slipping, slub) from 40 readings by a time-delay net
    copied from a 1990s paper: seven Conv1D(16, 3) layers with sigmoid activations and no
    normalisation, Adam 1e-3: each sigmoid passes at most a quarter of the
    gradient back, and the early layers get almost none; the loss sits at ln 3."""
    return _sigmoid_tdnn(session, True)


def _raw_units(session, broken):
    keras = _keras()
    r = _rng(4525)
    # The workshop log: kiln temperature in kelvin, bellows air in litres a minute, the
    # pot's mass in grams, the tin's share, hours since the fire was lit.
    kelvin = r.normal(1250.0, 60.0, N)
    air = r.normal(900.0, 150.0, N)
    grams = r.uniform(200.0, 3000.0, N)
    tin = r.uniform(0.3, 0.7, N)
    hours = r.uniform(0.0, 8.0, N)
    z = [(kelvin - 1250) / 60, (air - 900) / 150, (grams - 1600) / 800, (tin - 0.5) / 0.115,
         (hours - 4) / 2.3]
    y = (np.sin(1.2 * z[0]) + 0.6 * z[1] * z[3] - 0.5 * z[2] + 0.4 * np.abs(z[4])
         + 0.2 * r.normal(size=N))
    raw = np.stack([kelvin, air, grams, tin, hours], axis=1)
    x = raw if broken else (raw - raw[:-PROBE_SIZE].mean(0)) / raw[:-PROBE_SIZE].std(0)
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(64, activation="tanh"),
                              keras.layers.Dense(64, activation="tanh"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x.astype("float32"), _std(y)[:, None], epochs=10, batch_size=32)


# About 1.0 over the first eight steps, then ~0.75 +- 0.07 to the end from ~step 10: approximate.
@holdout45("tinkers", ["unnormalized_inputs"], stall_begins=10)
def tinning_quality_workshop_units(session):
    """How well a pot takes its tin (standardised) from the workshop log as written: kiln
    temperature in kelvin (~1250), bellows air in l/min (~900), the pot's mass in grams (up
    to 3000), the tin share (0.3-0.7) and hours since lighting, fed raw to an MLP 64-64
    relu, Adam 1e-3: the grams and kelvins swamp the small columns."""
    return _raw_units(session, True)


def _normal_mean(session, broken):
    keras = _keras()
    x, y = grades(N, seed=4526, dim=10, classes=4)
    init = keras.initializers.RandomNormal(2.0) if broken else "he_normal"
    model = keras.Sequential([
        keras.Input((10,)),
        keras.layers.Dense(64, activation="relu", kernel_initializer=init),
        keras.layers.Dense(64, activation="relu", kernel_initializer=init),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# From ~800 the loss falls back to ~8 by step ~80 and bounces between 3 and 14 from there:
# approximate.
@holdout45("tinkers", ["poor_initialization"], stall_begins=80)
def rivet_grade_normal_mean(session):
    """A rivet's grade (4) from ten features by an MLP 64-64 relu whose kernels were set to
    keras.initializers.RandomNormal(2.0) for 'He's variance of 2': the first positional
    argument is the mean, so every weight is ~2.0 (stddev 0.05), all units of a layer
    compute nearly the same thing at a huge scale, and the net cannot break the symmetry."""
    return _normal_mean(session, True)


# spinners --------------------------------------------------------------------------------------


def fleece_tokens(n, seed, length=16, vocab=30, flip=0.0):
    """A fleece's grade (3) from 16 unordered tokens of the sorter's notes (vocabulary 30):
    each grade has its own telling tokens, mixed with common ones; `flip` of the grades are
    wrong."""
    r = _rng(seed)
    y = r.integers(0, 3, n)
    x = r.integers(0, vocab, size=(n, length))
    for k in range(n):
        own = np.arange(3 * y[k], 3 * y[k] + 3) + 1
        m = r.random(length) < 0.3
        x[k] = np.where(m, r.choice(own, length), x[k])
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 3, n)) % 3, y)
    return x.astype("int32"), y


@holdout45("spinners", healthy=True)
def fleece_notes_attention_noisy(session):
    """A fleece's grade (3) from 16 tokens of the sorter's notes, 15% of the grades wrong, an
    Embedding(30, 16), one MultiHeadAttention block (2 heads) with a residual, mean pooling
    and a softmax head, Adam 2e-3: it learns the telling tokens and levels at the label
    noise's floor."""
    keras = _keras()
    x, y = fleece_tokens(N, seed=4531, flip=0.15)
    tin = keras.Input((16,), dtype="int32")
    e = keras.layers.Embedding(30, 16)(tin)
    a = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(e, e)
    h = keras.layers.LayerNormalization()(keras.layers.Add()([e, a]))
    h = keras.layers.GlobalAveragePooling1D()(h)
    out = keras.layers.Dense(3, activation="softmax")(h)
    model = keras.Model(tin, out)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout45("spinners", healthy=True)
def yarn_count_slow_sgd(session):
    """A yarn's count (standardised) from 30 readings of drafting speed and twist by a GRU(16),
    plain SGD 0.01 without momentum: a long, slow descent that is still going at the end of
    ten epochs, well below the constant prediction's loss."""
    keras = _keras()
    r = _rng(4532)
    x = np.cumsum(0.3 * r.normal(size=(N, 30, 2)), axis=1).astype("float32")
    y = (0.7 * x[:, -1, 0] - 0.5 * x[:, -8:, 1].mean(axis=1) + 0.3 * np.sin(x[:, :, 0].mean(axis=1))
         + 0.3 * r.normal(size=N))
    model = keras.Sequential([keras.Input((30, 2)), keras.layers.GRU(16), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.01), "mse")
    return _fit(session, model, x, _std(y)[:, None], epochs=10, batch_size=32)


@holdout45("spinners", healthy=True)
def thread_breaks_mae_piecewise(session):
    """Minutes to the next thread break (standardised) from 40 readings of speed and tension
    by a Conv1D 16-32 net, mean absolute error against Laplace noise, RMSprop with
    PiecewiseConstantDecay (2e-3, 5e-4 from step 160): it falls, steadies after the cut and
    sits at the noise's mean absolute size."""
    keras = _keras()
    r = _rng(4533)
    x = 0.5 * r.normal(size=(N, 40, 2)).astype("float32")
    x[:, :, 0] += np.linspace(0, 1, 40) * r.normal(size=(N, 1))
    y = (0.8 * x[:, -5:, 0].mean(axis=1) - 0.6 * np.abs(x[:, :, 1]).max(axis=1)
         + 0.4 * x[:, :20, 1].mean(axis=1) + 0.3 * r.laplace(size=N))
    model = keras.Sequential([
        keras.Input((40, 2)),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1),
    ])
    lr = keras.optimizers.schedules.PiecewiseConstantDecay([160], [2e-3, 5e-4])
    model.compile(keras.optimizers.RMSprop(lr), "mae")
    return _fit(session, model, x, _std(y)[:, None], epochs=10, batch_size=32)


def _logits_as_probabilities(session, broken):
    keras = _keras()
    x, y = spindle_traces(N, seed=4535)
    model = keras.Sequential([keras.Input((40, 2)), keras.layers.LSTM(24),
                              keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(3, activation=None if broken else "softmax")])
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.SparseCategoricalCrossentropy())
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# Falls from ~5 to ln 3 over the first ~110 steps and never below it: approximate.
@holdout45("spinners", ["loss_activation_mismatch"], stall_begins=110)
def spindle_fault_logits_without_from_logits(session):
    """A spindle's running fault (even, slipping band, slub) from 40 readings by an LSTM(24)
    and a Dense(16) relu, Adam 2e-3: the head was left linear 'to output logits, which is
    more stable', but SparseCategoricalCrossentropy() was kept at its default
    from_logits=False, so the raw scores, negative ones included, are read as probabilities
    (normalised by their sum and clipped) and the loss settles at ln 3."""
    return _logits_as_probabilities(session, True)


def _pace(session, broken):
    keras = _keras()
    r = _rng(4536)
    n = N
    speed = r.uniform(0.5, 3.0, n)  # the wheel's treadle speed, turns a second
    # Wheels logged while stopped (the spinner joining a new rolag) read 0.
    stopped = [171, 502, 777, 940]
    speed[stopped] = 0.0
    other = r.normal(size=(n, 4))
    with np.errstate(divide="ignore"):
        pace = 1.0 / speed  # seconds a turn
    y = (0.8 * np.log1p(np.minimum(pace, 5.0)) + 0.5 * other[:, 0] - 0.3 * other[:, 1] * other[:, 2]
         + 0.2 * r.normal(size=n))
    if not broken:
        pace = np.minimum(pace, 5.0)
    x = np.concatenate([pace[:, None], other], axis=1).astype("float32")
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, _std(y)[:, None], epochs=8, batch_size=32, shuffle=False)


# Row 171 is in the sixth batch of the file-order pass: its infinite input is step 6.
@holdout45("spinners", ["non_finite_values"], stall_begins=171 // 32 + 1)
def twist_from_pace_stopped_wheels(session):
    """The twist per inch of a spun yarn (standardised) from the seconds per treadle turn
    (1 / speed) and four other features, MLP 64-32 relu, Adam 2e-3, in file order: four wheels
    were logged while stopped, speed 0, so their pace is inf; the first batch holding one
    turns the two hidden layers' weights into NaN, every hidden unit reads 0 from then on, and
    the net predicts one constant to the end."""
    return _pace(session, True)
