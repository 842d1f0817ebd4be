"""The fifty-second held-out catalogue: written by someone who did not read the engine or run the
diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History and the per-step loss, in a throwaway script with the runner's seed), and
every broken one against the same model trained without its mistake (each helper
`_name(session, broken)` trains both).

Half of it is healthy-but-imperfect training. Saltpetermen: a saltpetre bed's yield from eight
bed features, the noise growing with the yield, an MLP under Adam with a linear warm-up into a
cosine decay; leaching-vat pressure traces by a Conv1D net, a fifth of the foreman's calls wrong;
a nitre crust's thickness by a tanh MLP in a hand-written GradientTape loop under Huber loss
against Student-t noise. Organbuilders: pipe-voicing defects from pressure traces by a GRU, the
rarer classes weighted up by class_weight; a rank's tuning error from twelve unordered pipe
readings by a MultiHeadAttention block; whether a voicing holds, from only 192 pipes, by an MLP
128-128 that memorises the small book over 50 short epochs. Charcoalers: a clamp's burn rate by
an MLP under plain SGD with ReduceLROnPlateau, a long steady descent to the noise; thermal images
of a clamp by a small CNN under PiecewiseConstantDecay, 15% of the labels wrong; uncharred cords
per week (Poisson counts) by an exponential-output MLP under keras's Poisson loss. Thimblers:
which marker dominates a punch sequence by Embedding and an LSTM under SGD with momentum (a wait
near ln 3, then a descent still going at the end); a brass lot's price from its foundry
(Embedding) and six numeric features, two inputs, under the pinball loss at the 0.8 quantile
against skewed noise; a dimple's depth from 32 press readings by a Conv1D net in a hand-written
loop under mean absolute error against Laplace noise.

The broken half, one root cause each: a 'linear warm-up' LearningRateScheduler(lambda epoch, lr:
lr * (epoch + 1)) that compounds on the rate it is handed, Adam's rate climbing 5040-fold in
seven epochs (learning rate too high); Orthogonal(gain=0.01), a policy head's initialiser from a
reinforcement-learning codebase, put on every layer of a tanh MLP (poor initialisation);
week-over-week growth (this - last) / last with sheds that sold nothing, an infinite feature in
file order (non-finite values); a tower of eight sigmoid Conv2D layers from a LeNet-era recipe
(vanishing gradients); a GRU sequence model's loss written as tf.reduce_sum over batch and time
in a hand-written loop, 960 times the gradient of the mean SGD's rate was set for (exploding
gradients: the loss climbs from step 8 to inf and NaN within the first epoch, so non-finite
values too); keras ReLU(max_value=0.0) where 0 was meant as 'no cap' (dead ReLUs); a flue's
draught traces fed as raw 16-bit ADC counts to a Conv1D net (unnormalised inputs); a sigmoid
'fraction' head trained on yields in percent under MSE (loss/activation mismatch); a fastText-
style bag of embeddings (average pooling) for a task that depends on token order (insufficient
capacity); activity_regularizer=L1(0.1) on every layer of a small CNN, a sparse autoencoder's
coefficient (over-regularisation); a step decay lambda epoch, lr: lr * 0.1 whose 'every sixth
epoch' condition was left out, the rate divided by ten at every epoch (learning rate too low).

Saturated activations has no run. Three mechanisms were tried and all kept learning: token
embeddings drawn N(0, 1) (PyTorch's default) and multiplied by sqrt(d_model) before tanh
layers (under Adam ~0.28 against ~0.20 with the fix, still falling; at d_model 256 under SGD
with momentum ~0.28 against ~0.25, still falling); a tower of twelve residual tanh blocks
without normalisation (it trained better than the plain tower, ~0.18 against ~0.33); a tanh
SimpleRNN with the identity recurrent initialiser of the IRNN recipe (better than the
orthogonal one, ~0.36 bouncing against ~0.50). Dropped or replaced because they did not behave
as intended: kernels drawn RandomNormal(stddev=1.0) on a tanh MLP under SGD (it trained better
than Glorot) and on a four-layer relu MLP under Adam (the loss ~1e6 and still falling fast),
both for poor initialisation (Orthogonal(gain=0.01) kept); a few targets entered in grams
where kilograms were meant under SGD with momentum for dead ReLUs (NaN by the third epoch; at
1e-3 without momentum the loss kept creeping, dominated by the four rows; ReLU(max_value=0.0)
kept, a mechanism earlier catalogues hold on other models); Dense(1, activation='softmax')
under binary cross-entropy (Keras 3 trains it exactly as the sigmoid head: identical losses);
GRU(units=1) 'one recurrent layer' and Conv1D(filters=1) for insufficient capacity (both kept
falling, ~0.76 and ~0.82 at the end); the summed sequence loss under SGD 1e-2 and 1e-3 (NaN
from the first steps, no climb to see) and 1e-4 and 3e-4 (it learns: the rate is small enough
for the sum; 5e-4 kept).

With the runner's seed, `fit` visits the examples in the same order every epoch, so several
runs show a sawtooth within each epoch. Labels follow `scenarios.py`: `expected_causes[0]` is
the root cause the scenario was built around, a second cause only where that symptom is
genuinely present too (the summed loss: inf at step 32, NaN from step 34); `stall_begins` is the
optimizer step from which the loss stops improving (None: from the start), exact where an
event of the scenario causes it (the first infinite growth figure, in file order, at step 3),
otherwise read off the per-step loss and marked approximate next to the scenario.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("saltpetermen", "organbuilders", "charcoalers", "thimblers")

REGISTRY = []

holdout52 = registrar(REGISTRY)

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


def nitre_yield(n, seed, dim=8, noise=0.3, hetero=0.0, heavy=False):
    """A saltpetre bed's yield (standardised) from `dim` bed features (moisture, lime, dung
    age, turning ...): a smooth nonlinear mean plus noise whose scale can grow with the
    mean (`hetero`) and can be Student-t (`heavy`)."""
    r = _rng(seed)
    x = r.normal(size=(n, dim)).astype("float32")
    mean = (np.sin(1.3 * x[:, 0]) + 0.6 * x[:, 1] * x[:, 2] - 0.5 * np.abs(x[:, 3])
            + 0.4 * x[:, 4] + 0.3 * np.tanh(2 * x[:, 5]))
    scale = noise * (1.0 + hetero * np.abs(mean))
    e = r.standard_t(3, size=n) if heavy else r.normal(size=n)
    y = mean + scale * e
    return x, _std(y)[:, None]


def pipe_traces(n, seed, length=64, flip=0.0, classes=3, weights=None):
    """Air-pressure traces of an organ pipe over `length` samples, classes: 0 speaks clean
    (a steady tone), 1 a rising overblow (a ramp), 2 a cipher (bursts); a fraction `flip`
    of the voicer's calls wrong."""
    r = _rng(seed)
    y = r.choice(classes, size=n, p=weights)
    t = np.linspace(0, 1, length)
    x = np.empty((n, length, 1), dtype="float32")
    for k in range(n):
        base = 0.5 * np.sin(2 * np.pi * (t * r.uniform(4, 8) + r.uniform()))
        if y[k] == 1:
            base = base + r.uniform(0.6, 1.2) * t
        elif y[k] == 2:
            start = r.integers(0, length - 12)
            base[start:start + 10] += r.choice([-1, 1]) * r.uniform(1.0, 1.6)
        x[k, :, 0] = base + 0.3 * r.normal(size=length)
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, classes, n)) % classes, y)
    return x, y.astype("int64")


def kiln_tiles(n, seed, size=12, flip=0.0):
    """Thermal images of a charcoal clamp, size x size, four classes by where the hot spot
    sits (the quadrant); a fraction `flip` of labels wrong."""
    r = _rng(seed)
    y = r.integers(0, 4, n)
    yy, xx = np.mgrid[0:size, 0:size] / (size - 1)
    x = np.empty((n, size, size, 1), dtype="float32")
    for k in range(n):
        cy = (0.25 if y[k] in (0, 1) else 0.75) + 0.1 * r.normal()
        cx = (0.25 if y[k] in (0, 2) else 0.75) + 0.1 * r.normal()
        spot = np.exp(-((yy - cy) ** 2 + (xx - cx) ** 2) / 0.03)
        x[k, :, :, 0] = spot + 0.3 * r.normal(size=(size, size))
    wrong = r.random(n) < flip
    y = np.where(wrong, (y + r.integers(1, 4, n)) % 4, y)
    return x, y.astype("int64")


def thimble_batches(n, seed, length=20, vocab=30):
    """A thimble batch's punch-tool sequence of `length` tokens; the class is which of three
    marker tokens occurs most often (a counting task over the whole sequence)."""
    r = _rng(seed)
    x = r.integers(3, vocab, size=(n, length))
    y = r.integers(0, 3, n)
    for k in range(n):
        counts = r.multinomial(6, [0.2, 0.2, 0.2])
        counts[y[k]] += 3
        pos = r.choice(length, counts.sum(), replace=False)
        x[k, pos] = np.repeat(np.arange(3), counts)
    return x.astype("int64"), y.astype("int64")


# saltpetermen ----------------------------------------------------------------------------------


@holdout52("saltpetermen", healthy=True)
def bed_yield_warmup_cosine(session):
    """A saltpetre bed's yield (standardised) from eight bed features by an MLP 64-64 relu
    under Adam with CosineDecay(1e-4, 320, warmup_target=3e-3, warmup_steps=64): the loss
    falls through the warm-up and flattens near the noise, whose scale grows with the yield
    (heteroscedastic), far above zero."""
    keras = _keras()
    x, y = nitre_yield(N, seed=5201, noise=0.35, hetero=0.8)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    lr = keras.optimizers.schedules.CosineDecay(1e-4, 320, warmup_target=3e-3, warmup_steps=64)
    model.compile(keras.optimizers.Adam(lr), "mse")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout52("saltpetermen", healthy=True)
def leach_traces_noisy(session):
    """Leaching-vat pressure traces of 64 samples in three classes by a Conv1D net (16, 32
    filters, global max pooling), Adam 2e-3, a fifth of the foreman's calls wrong: the loss
    falls and levels off well above zero, at the label noise."""
    keras = _keras()
    x, y = pipe_traces(N, seed=5202, flip=0.2)
    model = keras.Sequential([keras.Input((64, 1)),
                              keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
                              keras.layers.MaxPooling1D(2),
                              keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
                              keras.layers.GlobalMaxPooling1D(),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout52("saltpetermen", healthy=True)
def crust_huber_loop(session):
    """A nitre crust's thickness (standardised) from eight features by an MLP 48-48 tanh in a
    hand-written GradientTape loop under keras Huber(delta=1.0) and Adam 2e-3, against
    Student-t (3 degrees of freedom) noise: it learns the mean and sits at the heavy-tailed
    noise floor."""
    keras = _keras()
    x, y = nitre_yield(N, seed=5203, noise=0.5, heavy=True)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(48, activation="tanh"),
                              keras.layers.Dense(48, activation="tanh"), keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), keras.losses.Huber(1.0),
                        x, y, epochs=10, batch_size=32, seed=5203, loss_description="huber")


def _compounding_warmup(session, broken):
    keras = _keras()
    x, y = nitre_yield(N, seed=5204, noise=0.3)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    if broken:
        def warmup(epoch, lr):
            return lr * (epoch + 1) if epoch < 7 else lr
    else:
        def warmup(epoch, lr):
            return 1e-3 * min(1.0, (epoch + 1) / 3)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    cb = keras.callbacks.LearningRateScheduler(warmup)
    return _fit(session, model, x, y, epochs=10, batch_size=32, callbacks=[cb])


# Lowest near step 88 (rate 6e-3 in the third epoch), loose from there, a jump to ~35 near
# step 176 and ~1.0 (the targets' variance) to the end: approximate.
@holdout52("saltpetermen", ["learning_rate_too_high"], stall_begins=88)
def bed_yield_compounding_warmup(session):
    """A bed's yield by an MLP 64-64 relu under Adam(1e-3) with a 'linear warm-up' written as
    LearningRateScheduler(lambda epoch, lr: lr * (epoch + 1)) for the first seven epochs:
    the scheduler is handed the current rate, so the factors compound (1, 2, 6, 24 ... 5040
    times the base) and Adam runs at ~5 by the seventh epoch."""
    return _compounding_warmup(session, True)


def _policy_head_gain(session, broken):
    keras = _keras()
    x, y = pipe_traces(N, seed=5205)
    init = keras.initializers.Orthogonal(gain=0.01) if broken else "glorot_uniform"
    model = keras.Sequential([keras.Input((64, 1)), keras.layers.Flatten(),
                              keras.layers.Dense(64, activation="tanh", kernel_initializer=init),
                              keras.layers.Dense(64, activation="tanh", kernel_initializer=init),
                              keras.layers.Dense(64, activation="tanh", kernel_initializer=init),
                              keras.layers.Dense(3, activation="softmax", kernel_initializer=init)])
    model.compile(keras.optimizers.SGD(1e-2, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout52("saltpetermen", ["poor_initialization"], stall_begins=None)
def leach_traces_policy_gain(session):
    """Leaching-vat traces, flattened, by an MLP 64-64-64 tanh under SGD with momentum, every
    kernel initialised Orthogonal(gain=0.01), copied from a reinforcement-learning codebase
    where that gain is used for the policy head only: the signal shrinks a hundredfold at
    every layer and the softmax starts, and stays, uniform."""
    return _policy_head_gain(session, True)


def _growth_rate(session, broken):
    keras = _keras()
    r = _rng(5206)
    weeks = 9
    sales = np.exp(r.normal(3.0, 0.5, size=(N, weeks)))
    # Sheds closed for a week sell nothing: a zero in the week before a growth figure.
    closed = [70, 300, 777]
    sales[closed, 4] = 0.0
    prev, cur = sales[:, :-1], sales[:, 1:]
    if broken:
        growth = (cur - prev) / prev
    else:
        growth = (cur - prev) / np.maximum(prev, 1.0)
    y = _std(0.6 * np.tanh(growth[:, -3:].sum(axis=1)) + 0.5 * np.log1p(sales[:, -1])
             + 0.2 * r.normal(size=N))[:, None]
    x = np.concatenate([growth, np.log1p(sales)], axis=1).astype("float32")
    model = keras.Sequential([keras.Input((x.shape[1],)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32, shuffle=False)


# Row 70 is in the third batch of the file-order pass: its infinite growth is step 3.
@holdout52("saltpetermen", ["non_finite_values"], stall_begins=70 // 32 + 1)
def shed_sales_growth(session):
    """Next week's saltpetre sales (standardised) from eight week-over-week growth rates and
    the log sales, by an MLP 64-32 relu, Adam 2e-3, in file order. The growth is computed
    as (this week - last week) / last week, and three sheds were closed a week and sold
    nothing: a division by zero, an infinite feature in the third batch."""
    return _growth_rate(session, True)


# organbuilders ---------------------------------------------------------------------------------


@holdout52("organbuilders", healthy=True)
def pipe_defects_weighted_gru(session):
    """Organ-pipe pressure traces by a GRU(24) under Adam 3e-3, the cipher class one in ten
    and the overblow one in five, weighted up by class_weight from inverse frequencies:
    learns steadily to ~0.05, with a small bump in the last epoch."""
    keras = _keras()
    x, y = pipe_traces(N, seed=5211, length=40, weights=[0.7, 0.2, 0.1])
    freq = np.bincount(y[:-PROBE_SIZE], minlength=3) / (N - PROBE_SIZE)
    weights = {k: float(1.0 / (3 * freq[k])) for k in range(3)}
    model = keras.Sequential([keras.Input((40, 1)), keras.layers.GRU(24),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit_weighted(session, model, x, y, weights, epochs=8, batch_size=32)


def _fit_weighted(session, model, x, y, class_weight, *, epochs, batch_size):
    """`_fit` with a class_weight; the last PROBE_SIZE rows are the probe."""
    probe = (x[-PROBE_SIZE:], y[-PROBE_SIZE:])
    history = model.fit(x[:-PROBE_SIZE], y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        class_weight=class_weight, verbose=0, callbacks=session.callbacks(probe))
    return history.history["loss"]


@holdout52("organbuilders", healthy=True)
def stop_tuning_attention(session):
    """A rank's tuning error (standardised) from twelve pipe readings treated as an unordered
    set of tokens (four features each), by a MultiHeadAttention(2 heads, key_dim 8) block
    with a residual, mean pooling and a Dense head under Adam 2e-3; the Gaussian noise holds
    the loss well above zero."""
    keras = _keras()
    r = _rng(5212)
    x = r.normal(size=(N, 12, 4)).astype("float32")
    y = _std(np.tanh(x[:, :, 0]).mean(axis=1) * 3 + (x[:, :, 1] * x[:, :, 2]).mean(axis=1) * 2
             + 0.3 * r.normal(size=N))[:, None]
    inp = keras.Input((12, 4))
    h = keras.layers.Dense(16)(inp)
    h = h + keras.layers.MultiHeadAttention(2, 8)(h, h)
    h = keras.layers.Dense(32, activation="relu")(h)
    h = keras.layers.GlobalAveragePooling1D()(h)
    out = keras.layers.Dense(1)(h)
    model = keras.Model(inp, out)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout52("organbuilders", healthy=True)
def voicing_small_book(session):
    """Whether a voicing will hold, from only 192 pipes' ten measurements, by an MLP 128-128
    relu under Adam 3e-3 over 50 short epochs: it memorises the small book and the training
    loss keeps creeping down toward zero (overfitting, no stall)."""
    keras = _keras()
    r = _rng(5213)
    n = 192 + PROBE_SIZE
    x = r.normal(size=(n, 10)).astype("float32")
    logit = 1.5 * x[:, 0] - x[:, 1] * x[:, 2] + 0.8 * np.sin(2 * x[:, 3])
    y = (r.random(n) < 1 / (1 + np.exp(-logit))).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=50, batch_size=32)


def _sigmoid_conv_tower(session, broken):
    keras = _keras()
    x, y = kiln_tiles(N, seed=5214)
    act = "sigmoid" if broken else "relu"
    layers = [keras.Input((12, 12, 1))]
    for _ in range(8):
        layers.append(keras.layers.Conv2D(8, 3, padding="same", activation=act))
    layers += [keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(4, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(2e-2, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout52("organbuilders", ["vanishing_gradients"], stall_begins=None)
def windchest_sigmoid_tower(session):
    """Windchest leak images (where the hot spot sits on a 12x12 pressure map) by a tower of
    eight 3x3 Conv2D(8) layers with activation='sigmoid', copied from a 1990s LeNet-style
    recipe, global average pooling and a softmax head, under SGD with momentum."""
    return _sigmoid_conv_tower(session, True)


def _summed_sequence_loss(session, broken):
    import tensorflow as tf

    keras = _keras()
    r = _rng(5215)
    length = 30
    u = r.normal(size=(N, length, 2)).astype("float32")
    # Wind pressure follows the bellows' input through a leaky first-order lag.
    p = np.zeros((N, length), dtype="float32")
    for t in range(1, length):
        p[:, t] = 0.8 * p[:, t - 1] + 0.5 * u[:, t, 0] - 0.3 * u[:, t, 1]
    y = (p + 0.1 * r.normal(size=p.shape)).astype("float32")[:, :, None]
    model = keras.Sequential([keras.Input((length, 2)),
                              keras.layers.GRU(32, return_sequences=True),
                              keras.layers.Dense(1)])
    reduce = tf.reduce_sum if broken else tf.reduce_mean

    def loss_fn(yt, yp):
        return reduce(tf.square(yt - yp))

    return _custom_loop(session, model, keras.optimizers.SGD(5e-4, momentum=0.9), loss_fn,
                        u, y, epochs=8, batch_size=32, seed=5215,
                        loss_description="sum of squared errors")


# The summed loss falls to ~77 at step 7, climbs from step 8 (1.8e3 at step 9, 1.7e6 at
# step 15, 2e38 at step 31), is inf at step 32 and NaN from step 34: approximate.
@holdout52("organbuilders", ["exploding_gradients", "non_finite_values"], stall_begins=8)
def bellows_sum_loss_loop(session):
    """The wind pressure at each of 30 steps from the bellows' two inputs, by a GRU(32)
    sequence model in a hand-written GradientTape loop under SGD(5e-4, momentum 0.9), the
    loss written as tf.reduce_sum of the squared errors as in the paper's equation, so the
    gradient is 960 times (32 sequences x 30 steps) that of the mean the rate was tuned
    for."""
    return _summed_sequence_loss(session, True)


def _relu_cap_zero(session, broken):
    keras = _keras()
    x, y = kiln_tiles(N, seed=5216)

    def act():
        return keras.layers.ReLU(max_value=0.0) if broken else keras.layers.ReLU()

    model = keras.Sequential([keras.Input((12, 12, 1)), keras.layers.Conv2D(8, 3, padding="same"),
                              act(), keras.layers.MaxPooling2D(),
                              keras.layers.Conv2D(16, 3, padding="same"), act(),
                              keras.layers.Flatten(), keras.layers.Dense(32), act(),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout52("organbuilders", ["dead_relus"], stall_begins=None)
def windchest_relu_cap_zero(session):
    """Windchest pressure maps (which quadrant leaks) by a small Conv2D net with separate
    keras ReLU layers under Adam 2e-3, each written ReLU(max_value=0.0) from a config where
    0 meant 'no cap' (as in several other libraries): min(relu(z), 0) is 0 for every input,
    so every unit is dead from the first step."""
    return _relu_cap_zero(session, True)


# charcoalers -----------------------------------------------------------------------------------


@holdout52("charcoalers", healthy=True)
def clamp_heat_plateau_drop(session):
    """A clamp's burn rate (standardised) from eight features by an MLP 32-32 relu under plain
    SGD 0.02 with ReduceLROnPlateau(factor=0.2, patience=1, min_delta=1e-3) watching the
    training loss: a long, steady descent toward the Gaussian noise floor over 14 epochs,
    slowing at the end."""
    keras = _keras()
    x, y = nitre_yield(N, seed=5221, noise=0.4)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(2e-2), "mse")
    cb = keras.callbacks.ReduceLROnPlateau("loss", factor=0.2, patience=1, min_delta=1e-3)
    return _fit(session, model, x, y, epochs=14, batch_size=32, callbacks=[cb])


@holdout52("charcoalers", healthy=True)
def clamp_thermal_step_decay(session):
    """Thermal images of a clamp (the hot spot's quadrant) by a small Conv2D net (8, 16
    filters) under Adam with PiecewiseConstantDecay([160, 256], [3e-3, 6e-4, 1.2e-4]), 15%
    of the collier's calls wrong: the loss eases down a little after the first drop and
    levels off above zero, at the label noise."""
    keras = _keras()
    x, y = kiln_tiles(N, seed=5222, flip=0.15)
    model = keras.Sequential([keras.Input((12, 12, 1)),
                              keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
                              keras.layers.MaxPooling2D(),
                              keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
                              keras.layers.Flatten(), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(4, activation="softmax")])
    lr = keras.optimizers.schedules.PiecewiseConstantDecay([160, 256], [3e-3, 6e-4, 1.2e-4])
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout52("charcoalers", healthy=True)
def cord_counts_poisson(session):
    """Cords of wood a burner fails to char per week (Poisson counts) from six features, by
    an MLP 32-32 relu with an exponential output under keras's Poisson loss, Adam 3e-3: the
    loss flattens at the counts' own randomness, far from zero."""
    keras = _keras()
    r = _rng(5223)
    x = r.normal(size=(N, 6)).astype("float32")
    rate = np.exp(0.8 + 0.5 * x[:, 0] - 0.4 * x[:, 1] * x[:, 2] + 0.3 * np.sin(2 * x[:, 3]))
    y = r.poisson(rate).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="exponential")])
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _adc_counts(session, broken):
    keras = _keras()
    x, y = pipe_traces(N, seed=5225, length=64)
    # The logger's 16-bit ADC: counts around a mid-scale offset.
    counts = np.round(2048 + 9000 * x).astype("float32")
    xin = counts if broken else ((counts - 2048) / 9000).astype("float32")
    model = keras.Sequential([keras.Input((64, 1)),
                              keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
                              keras.layers.MaxPooling1D(2),
                              keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, xin, y, epochs=8, batch_size=32)


# ~250 in the first epoch, then bouncing around ~2 (above ln 3) from about step 100: approximate.
@holdout52("charcoalers", ["unnormalized_inputs"], stall_begins=100)
def flue_draught_adc_counts(session):
    """Flue-draught traces of a kiln (three classes) by a Conv1D net under Adam 1e-3, fed as
    the logger's raw 16-bit ADC counts (offset 2048, ~9000 counts per unit of pressure)
    because the conversion to pascals was left in a spreadsheet."""
    return _adc_counts(session, True)


def _percent_sigmoid(session, broken):
    keras = _keras()
    r = _rng(5226)
    x = r.normal(size=(N, 10)).astype("float32")
    frac = 1 / (1 + np.exp(-(1.2 * x[:, 0] - 0.8 * x[:, 1] * x[:, 2] + np.sin(2 * x[:, 3])
                             + 0.3 * r.normal(size=N))))
    # The lab sheet gives the char fraction in percent; the model was built for fractions.
    y = (frac * (100.0 if broken else 1.0)).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout52("charcoalers", ["loss_activation_mismatch"], stall_begins=None)
def char_fraction_percent_sigmoid(session):
    """A burn's char yield from ten readings by an MLP 64-32 relu with a sigmoid head ('a
    yield is a fraction') under mean squared error, Adam 2e-3, trained on the lab sheet's
    yields in percent (0..100): the head can reach at most 1, so it pins at 1 and the loss
    sits at ~3200, against a target variance of ~820."""
    return _percent_sigmoid(session, True)


# thimblers -------------------------------------------------------------------------------------


@holdout52("thimblers", healthy=True)
def punch_tokens_lstm_slow(session):
    """Which marker token dominates a thimble batch's 20-token punch sequence, by Embedding(30,
    16) and an LSTM(32) under SGD 0.05 with momentum 0.9: a wait near ln 3 through the
    first epochs, then a drop and a slower, noisy descent that is still going at the end."""
    keras = _keras()
    x, y = thimble_batches(N, seed=5231)
    model = keras.Sequential([keras.Input((20,), dtype="int64"), keras.layers.Embedding(30, 16),
                              keras.layers.LSTM(32), keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout52("thimblers", healthy=True)
def brass_price_quantile_two_inputs(session):
    """A brass lot's price (standardised) from its foundry (Embedding of 25) and six numeric
    features, two inputs, under the pinball loss at the 0.8 quantile with Adam 2e-3 against
    skewed (gamma) noise: it flattens far above zero."""
    import tensorflow as tf

    keras = _keras()
    r = _rng(5232)
    foundry = r.integers(0, 25, N)
    effect = r.normal(0, 0.7, 25)
    num = r.normal(size=(N, 6)).astype("float32")
    y = _std(effect[foundry] + 0.7 * num[:, 0] + 0.4 * num[:, 1] * num[:, 2]
             + r.gamma(2.0, 0.4, N))[:, None]

    def pinball(yt, yp, q=0.8):
        e = yt - yp
        return tf.reduce_mean(tf.maximum(q * e, (q - 1) * e))

    a = keras.Input((1,), dtype="int64")
    b = keras.Input((6,))
    h = keras.layers.Flatten()(keras.layers.Embedding(25, 4)(a))
    h = keras.layers.Concatenate()([h, b])
    h = keras.layers.Dense(32, activation="relu")(h)
    out = keras.layers.Dense(1)(h)
    model = keras.Model([a, b], out)
    model.compile(keras.optimizers.Adam(2e-3), pinball)
    return _fit_inputs(session, model, [foundry[:, None].astype("int64"), num], y,
                       epochs=10, batch_size=32)


@holdout52("thimblers", healthy=True)
def dimple_depth_mae_loop(session):
    """A thimble's dimple depth (standardised) from 32 press readings by a Conv1D net in a
    hand-written GradientTape loop under mean absolute error and RMSprop 1e-3, against
    Laplace noise: it falls and flattens at the noise."""
    keras = _keras()
    r = _rng(5233)
    x = r.normal(size=(N, 32, 1)).astype("float32")
    y = (x[:, 5:12, 0].mean(axis=1) * 2 - np.abs(x[:, 20:26, 0]).mean(axis=1)
         + 0.3 * r.laplace(size=N))
    y = _std(y)[:, None]
    model = keras.Sequential([keras.Input((32, 1)),
                              keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
                              keras.layers.Flatten(), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.RMSprop(1e-3),
                        keras.losses.MeanAbsoluteError(), x, y, epochs=10, batch_size=32,
                        seed=5233, loss_description="mae")


def first_marker_tokens(n, seed, length=20):
    """Punch sequences of 20 tokens in which each of the three marker tokens occurs exactly
    twice; the class is which marker comes first (an order task: the counts are equal)."""
    r = _rng(seed)
    x = r.integers(3, 30, size=(n, length))
    y = r.integers(0, 3, n)
    for k in range(n):
        pos = np.sort(r.choice(length, 6, replace=False))
        others = [c for c in range(3) if c != y[k]]
        rest = r.permutation([others[0], others[1], y[k], others[0], others[1]])
        x[k, pos] = [y[k]] + list(rest)
    return x.astype("int64"), y.astype("int64")


def _bag_of_embeddings(session, broken):
    keras = _keras()
    x, y = first_marker_tokens(N, seed=5243)
    inp = keras.Input((20,), dtype="int64")
    h = keras.layers.Embedding(30, 16)(inp)
    h = keras.layers.GlobalAveragePooling1D()(h) if broken else keras.layers.GRU(32)(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(3, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout52("thimblers", ["insufficient_capacity"], stall_begins=None)
def first_marker_bag_of_embeddings(session):
    """Which of three markers is punched first in a 20-token sequence (each marker occurs
    twice), by a fastText-style baseline copied from the counting task: Embedding(30, 16),
    GlobalAveragePooling1D and a Dense 32 relu layer under Adam 3e-3. An average of token
    vectors cannot see order, so the model sits near ln 3 (it only memorises a little of
    the filler tokens)."""
    return _bag_of_embeddings(session, True)


def _activity_l1(session, broken):
    keras = _keras()
    x, y = kiln_tiles(N, seed=5235)
    reg = keras.regularizers.L1(0.1) if broken else None
    model = keras.Sequential([keras.Input((12, 12, 1)),
                              keras.layers.Conv2D(8, 3, activation="relu", padding="same",
                                                  activity_regularizer=reg),
                              keras.layers.MaxPooling2D(),
                              keras.layers.Conv2D(16, 3, activation="relu", padding="same",
                                                  activity_regularizer=reg),
                              keras.layers.Flatten(),
                              keras.layers.Dense(32, activation="relu", activity_regularizer=reg),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


# The penalty falls away over the first ~110 steps, then the loss sits at ~1.39 (ln 4): approximate.
@holdout52("thimblers", ["over_regularization"], stall_begins=120)
def hallmark_activity_l1(session):
    """Hallmark punch images (which quadrant holds the mark) by a small Conv2D net under Adam
    2e-3, every layer given activity_regularizer=L1(0.1) 'for sparse features', a sparse
    autoencoder's coefficient; keras adds it summed over every activation of the batch."""
    return _activity_l1(session, True)


def _per_epoch_decay(session, broken):
    keras = _keras()
    r = _rng(5236)
    x = r.normal(size=(N, 12)).astype("float32")
    y = _std(np.sin(x[:, 0]) * x[:, 1] + 0.7 * np.abs(x[:, 2]) - 0.5 * x[:, 3] * x[:, 4]
             + 0.2 * r.normal(size=N))[:, None]
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    if broken:
        def schedule(epoch, lr):
            return lr * 0.1
    else:
        def schedule(epoch, lr):
            return lr * 0.1 if epoch > 0 and epoch % 6 == 0 else lr
    model.compile(keras.optimizers.RMSprop(1e-3), "mse")
    cb = keras.callbacks.LearningRateScheduler(schedule)
    return _fit(session, model, x, y, epochs=10, batch_size=32, callbacks=[cb])


# The first epoch runs at 1e-4 and moves a little; from the second (1e-5, 1e-6 ...) the
# per-step loss repeats itself epoch after epoch: approximate.
@holdout52("thimblers", ["learning_rate_too_low"], stall_begins=33)
def rim_wear_step_decay_every_epoch(session):
    """A thimble rim's wear (standardised) from twelve features by an MLP 64-64 relu under
    RMSprop(1e-3), with a step decay LearningRateScheduler(lambda epoch, lr: lr * 0.1) whose
    'every sixth epoch' condition was left out: the rate is divided by ten at every epoch,
    starting before the first (1e-4, 1e-5, ...)."""
    return _per_epoch_decay(session, True)
