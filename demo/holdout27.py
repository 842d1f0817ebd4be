"""The twenty-seventh held-out catalogue: written by someone who did not read the engine or run
the diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History and the per-step loss, in a throwaway script with the runner's seed)
against the noise put into its data, and every broken one against the same model trained without
its mistake (each `_..._run(session, broken)` trains both).

Half of it is healthy-but-imperfect training: a watch's rate after a week on the wrist from its
timegrapher trace and its calibre (two inputs, a Conv1D net whose channels are scaled and
shifted by FiLM parameters from a calibre Embedding) against Student-t wrist scatter, under
ReduceLROnPlateau; the maker of a movement in a hand-written loop with a linear warm-up, two of
the five makers finishing almost alike; tomorrow's rate of a regulator clock at every day of a
log by one causal self-attention block (a sequence-to-sequence forecast whose day-to-day scatter
cannot be forecast) under AdamW and a cosine decay; a salt pan's harvest from a wide part of
Discretization-bucket and pan-id Embeddings and a deep part (two inputs) under a step decay,
with season scatter nothing recorded explains; salt crystal habits from micrographs with a
rare dendrite class and wrong habits, under a RandomRotation augmentation and the categorical
focal loss; the 72 seasons of a small saltworks memorised by a radial-basis network with learnt
centres; the dyes of a striped warp from a colour scan as a sequence label under the CTC loss
(a shelf while the alignment forms, then a fall and a slow creep); weft density from slubby
patches with the inspector's count scatter, under an OrthogonalRegularizer the reported loss
includes; a threading draft's family from misthreaded shafts (Embedding and Conv1D) under plain
SGD, a long slow descent; the wait of the next car at a toll plaza by a SimpleRNN under RMSprop,
the car's own luck ~30% of it; vehicle classes from loop signatures with wrong register classes
in a hand-written loop under a CosFace margin loss; and vehicles per quarter hour through a
plaza from a HashedCrossing of plaza and hour beside Embeddings (three inputs) under Keras's
(negative) Poisson loss and an exponential decay.

The broken half, one root cause each: CosineDecay(1e-6, steps, 3e-3) read as (start, steps,
peak), whose third argument is alpha, so Adam runs at ~1e-6 (learning rate too low); ReZero's
alpha = 0 together with zero-initialised last layers of the residual branches, a saddle where
neither gets a gradient (poor initialisation); bench weights 1 / groupby('bench').transform('std')
with NaN for benches that logged one trace (non-finite values); an identity-link Dense(1) head
started at the mean count under keras.losses.Poisson, which takes the rate and logs it (loss /
activation mismatch, then NaN); a densely connected MLP whose Concatenate was replaced by Add
(exploding gradients, then NaN); an Activation('tanh') outlier squash listed before the
Normalization it was meant to follow, meeting raw degrees, percent and degrees Baume
(saturation); cloth photos divided by 255 by the loader and again by a tutorial's preprocessing
step (unnormalised inputs, too small); three stacked Bidirectional GRUs with merge_mode='mul'
(vanishing gradients); a wide-and-deep merge typed Concatenate()([wide, wide]), which leaves the
deep branch out of the graph (insufficient capacity); momentum 0.9 added to plain SGD with the
tuned rate kept (learning rate too high, which kills the relus too); a linear warm-up written
peak * warmup / step, which starts at 200 times the rate (dead relus); and a Pi-model's
consistency weight of 100, the end of its recipe's ramp-up, applied from the first step
(over-regularisation).

Dropped or replaced because they did not behave as intended, or repeated an earlier catalogue:
the stacked merge_mode='mul' GRUs under Adam (Adam rescaled the tiny gradients and it trained,
~1.39 to ~0.07 against ~0.007), at 16 units over 40 picks (~20 s a run) and, under SGD with
momentum, at 8 units over 24 picks of 1024 records (~21 s in the runner; 16 picks of 768 records
were kept); the momentum story on a GRU over loop signatures (the plain-SGD
GRU itself bounced between ~0.4 and ~1.4 at the tuned rates) and on an elu MLP (NaN at step 83:
an explosion, not a rate that is too high) or a tanh or gelu one (they trained at the ten-fold
step, ~0.02); Dropout after each residual Add instead of on the branch, for the
over-regularisation (the loss of the unnormalised residual MLP fell all run, ~0.8 and still
falling); a MinMaxScaler fitted on a calm pilot week in front of tanh layers, for the saturation
(the stretched inputs made the tanh units sign features and it trained better than the
full-table scaler, ~0.20 against ~0.22); a warm-up callback that read Keras's per-epoch batch
index as the global step (the warm-up restarting every epoch), for the rate too low (under Adam
and SGD the loss still fell all run, ~1.06 to ~0.63 and ~1.0 to ~0.35); a mixture of experts
whose experts and gate scores were all built with one seeded GlorotUniform instance (Keras 3
returns the same values at every call, so the experts stay identical), for the poor
initialisation (the one effective expert kept learning, ~1.02 to ~0.54 and falling); the
identity-link Poisson head started at log(mean) (NaN at the first step, before any training; it
starts at the mean); the Add-merged MLP at SGD 3e-3 (it burst to ~300 and settled at the
constant prediction with its units dead instead of reaching a NaN) and 1e-2 (NaN at step 5;
5e-3 was kept); the inverted warm-up under Adam (its bounded steps let the net recover, ~0.04
at the end); a frozen, never-loaded backbone (an earlier catalogue has a frozen random base as
a healthy run) and a grey-scale conversion of dyes of equal luminance (information loss rather
than capacity, and flat at chance) for the capacity, not written; the CTC reader as a
bidirectional GRU (~22 s a run; dilated convolutions replaced it). Controls retuned before their
check: the toll queue first served 1.3 cars a minute per lane (queues of hours, the car's luck
~0% of the variance, a loss of ~0.05), and the threading drafts first had 12% misthreads under
SGD 0.03 (ln 4 for five epochs, then a sudden fall to ~0.08: a shelf, not a slow descent).

Labels follow `scenarios.py`: `expected_causes[0]` is the root cause the scenario was built
around, a second cause only where that symptom is genuinely present too; `stall_begins` is the
optimizer step from which the loss stops improving (None: from the start), exact where an event
of the scenario causes it (the first batch holding a NaN weight, computed from the loop's
shuffle; the first NaN of the Poisson head, read off its per-step loss), otherwise read off the
per-step loss and marked approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("clockmakers", "saltworks", "weavers", "tollbridges")

REGISTRY = []

holdout27 = registrar(REGISTRY)


def _rng(seed):
    return np.random.default_rng(seed)


def _std(v):
    v = np.asarray(v, dtype="float64")
    return ((v - v.mean()) / v.std()).astype("float32")


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, shuffle=True, callbacks=()):
    """`_fit` for a model with several inputs: the last PROBE_SIZE rows of every input are the
    probe (never trained on). Returns the per-epoch mean training loss."""
    train = [v[:-PROBE_SIZE] for v in inputs]
    probe = ([v[-PROBE_SIZE:] for v in inputs], y[-PROBE_SIZE:])
    history = model.fit(train, y[:-PROBE_SIZE], epochs=epochs, batch_size=batch_size,
                        shuffle=shuffle, verbose=0,
                        callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


# clockmakers ---------------------------------------------------------------------------------

BEATS = 32
CALIBRES = 12


def calibre_traces(n, seed, df=3.0):
    """Timegrapher traces [n, 32, 1] (the 32 beat intervals' deviation from nominal, tick and
    tock alternating about the beat error, drifting with the rate, with jitter) of watches of 12
    calibres (ids 0..11) and the rate after a week on the wrist (standardised). Each calibre
    turns the bench reading into wrist rate its own way (gain, offset, sensitivity to the beat
    error); the week on the wrist adds Student-t (3 degrees of freedom) scatter, ~38% of the
    variance."""
    r = _rng(seed)
    cal = r.integers(0, CALIBRES, n)
    gain = r.uniform(0.5, 1.5, CALIBRES)[cal]
    offset = r.normal(0, 0.7, CALIBRES)[cal]
    sens = r.uniform(-1, 1, CALIBRES)[cal]
    rate = r.normal(0, 1, n)
    beat_error = r.gamma(2.0, 0.4, n)
    t = np.arange(BEATS)
    sign = np.where(t % 2 == 0, 1.0, -1.0)
    x = (sign[None] * beat_error[:, None] + 0.1 * rate[:, None] * (t[None] - BEATS / 2) / 4
         + 0.4 * r.normal(size=(n, BEATS)))
    wrist = _std(gain * rate + sens * beat_error + offset)
    y = wrist + 0.45 * r.standard_t(df, n)
    return x[..., None].astype("float32"), cal.astype("int32"), _std(y)[:, None]


def movement_finishes(n, seed):
    """Twelve finishing measurements of a movement (standardised: perlage pitch, chamfer width,
    screw-head polish, jewel countersink, ...) and its maker 0..4. Makers 3 and 4 learnt under
    the same master and finish almost alike; the others differ clearly."""
    r = _rng(seed)
    y = r.integers(0, 5, n)
    centres = r.normal(0, 1.4, (5, 12))
    centres[4] = centres[3] + r.normal(0, 0.12, 12)
    x = centres[y] + r.normal(0, 1.0, (n, 12))
    x = x + 0.25 * np.sin(2 * x[:, ::-1])
    return ((x - x.mean(0)) / x.std(0)).astype("float32"), y.astype("int32")


def daily_rates(n, seed, days=24):
    """A regulator clock's daily rate and the room temperature over 25 days: inputs [n, 24, 2]
    (rate and temperature of days 1..24, the temperature of the day ahead known from the heating
    plan), targets [n, 24, 1] (the rate of days 2..25). The rate follows the temperature through
    the pendulum rod with a clock-specific coefficient, plus a slow AR(1) drift, plus day-to-day
    scatter (escapement, reading) nobody can predict."""
    r = _rng(seed)
    T = days + 1
    coef = r.uniform(-1.2, 1.2, (n, 1))
    temp = np.cumsum(r.normal(0, 0.35, (n, T)), 1)
    temp = temp - temp.mean(1, keepdims=True)
    drift = np.zeros((n, T))
    phi = r.uniform(0.7, 0.95, n)
    e = r.normal(0, 0.4, (n, T))
    for t in range(1, T):
        drift[:, t] = phi * drift[:, t - 1] + e[:, t]
    rate = coef * temp + drift + r.normal(0, 0.35, (n, T))
    s = rate.std()
    x = np.stack([rate[:, :-1] / s, temp[:, 1:]], -1)
    return x.astype("float32"), (rate[:, 1:] / s)[..., None].astype("float32")


def rate_logs(n, seed, days=30, noise=0.6):
    """A month of a longcase clock's daily log [n, 30, 3] (rate against the radio time signal,
    room temperature, days since winding; standardised) and the fault the clockmaker finds: 0
    none, 1 a temperature-sensitive pendulum rod, 2 a rate that falls as the weight runs down
    (isochronism), 3 a worn pivot (an erratic day-to-day rate)."""
    r = _rng(seed)
    y = r.integers(0, 4, n)
    t = np.arange(days)
    temp = (np.sin(2 * np.pi * (t[None] + r.uniform(0, 30, (n, 1))) / r.uniform(8, 15, (n, 1)))
            + 0.3 * r.normal(size=(n, days)))
    wind = ((t[None] + r.integers(0, 8, (n, 1))) % 8) / 7.0
    rate = noise * r.normal(size=(n, days)) + r.normal(0, 0.5, (n, 1))
    rate = rate + np.where(y[:, None] == 1, 1.2 * temp, 0.0)
    rate = rate + np.where(y[:, None] == 2, -2.0 * (wind - 0.5), 0.0)
    rate = rate + np.where(y[:, None] == 3, 1.3 * r.normal(size=(n, days)), 0.0)
    x = np.stack([rate, temp, 2 * (wind - 0.5)], -1)
    return x.astype("float32"), y.astype("int32")


def positional_rates(n, seed, noise=0.25):
    """A watch's rate in one of four test positions (dial up, dial down, crown down, crown up)
    from 6 standardised readings (amplitude, temperature, wind-down, lift angle, beat error,
    hairspring age): each position has its own rate curve (poise errors act only in the vertical
    positions, pivot friction only flat). Inputs [n, 10]: the readings and the position one-hot;
    target the rate (standardised), ~6% of it scatter."""
    r = _rng(seed)
    pos = r.integers(0, 4, n)
    z = r.normal(size=(n, 6))
    f = np.stack([
        0.9 * np.tanh(2 * z[:, 0]) - 0.5 * z[:, 1],
        -0.8 * z[:, 0] + 0.6 * z[:, 2] ** 2 - 0.4,
        0.7 * np.sin(2 * z[:, 3]) + 0.6 * z[:, 4] * z[:, 0],
        -0.6 * np.abs(z[:, 1]) + 0.8 * z[:, 5] + 0.5 * z[:, 2]], 1)[np.arange(n), pos]
    y = _std(f) + noise * r.normal(size=n)
    x = np.concatenate([z, np.eye(4)[pos]], 1)
    return x.astype("float32"), _std(y)[:, None]


def bench_traces(n, seed, benches=60, singles=2):
    """Timegrapher traces [n, 32, 1] of watches regulated on a workshop's benches, the watch's
    rate (standardised, with each bench's reading scatter), and the bench of each trace. Bench
    jitter differs (0.2..0.8 ms); `singles` traces come from benches that recorded one trace
    only (a visiting watchmaker's, a bench used once)."""
    r = _rng(seed)
    rate = r.normal(0, 1, n)
    beat_error = r.gamma(2.0, 0.4, n)
    jitter = r.uniform(0.2, 0.8, benches + singles)
    bench = np.concatenate([r.integers(0, benches, n - singles), benches + np.arange(singles)])
    bench = r.permutation(bench)
    t = np.arange(BEATS)
    sign = np.where(t % 2 == 0, 1.0, -1.0)
    x = (sign[None] * beat_error[:, None] + 0.08 * rate[:, None] * (t[None] - BEATS / 2) / 4
         + jitter[bench][:, None] * r.normal(size=(n, BEATS)))
    y = rate + 0.3 * jitter[bench] * r.normal(size=n)
    return x[..., None].astype("float32"), _std(y), bench


def bench_weights(y, bench):
    """Each trace's weight, 1 / the standard deviation of its bench's rates, as
    df.groupby('bench')['rate'].transform('std') gives it (ddof=1: NaN for a bench with a single
    trace), normalised to a mean of 1 over the finite ones."""
    w = np.empty(len(y), dtype="float64")
    for b in np.unique(bench):
        rows = bench == b
        w[rows] = 1.0 / np.std(y[rows], ddof=1) if rows.sum() > 1 else np.nan
    return (w / np.nanmean(w)).astype("float32")


@holdout27("clockmakers", healthy=True)
def wrist_rates_film_conv1d(session):
    """A watch's rate after a week on the wrist from its 32-beat timegrapher trace and its
    calibre (12 calibres, each turning the bench reading into wrist rate its own way), with
    Student-t (3 degrees of freedom) wrist scatter, ~38% of the variance. Two inputs: a Conv1D
    net over the trace whose first layer's 16 channels are scaled and shifted by FiLM parameters
    from a calibre Embedding(12, 8), GlobalAveragePooling, Dense 32 relu, Dense(1); MSE, Adam
    2e-3 under ReduceLROnPlateau(monitor='loss', factor 0.5, patience 1, min_delta 0.01), batch
    32, ten epochs: ~0.91 -> ~0.47 and flattening towards the ~0.38 the wrist scatter leaves
    (the rate is halved once)"""
    keras = _keras()
    x, cal, y = calibre_traces(2048 + PROBE_SIZE, seed=27101)
    trace = keras.Input((BEATS, 1))
    calibre = keras.Input((), dtype="int32")
    e = keras.layers.Embedding(CALIBRES, 8)(calibre)
    scale = keras.layers.Reshape((1, 16))(keras.layers.Dense(16, bias_initializer="ones")(e))
    shift = keras.layers.Reshape((1, 16))(keras.layers.Dense(16)(e))
    h = keras.layers.Conv1D(16, 5, activation="relu", padding="same")(trace)
    h = keras.layers.Add()([keras.layers.Multiply()([h, scale]), shift])
    h = keras.layers.Conv1D(16, 5, activation="relu", padding="same")(h)
    h = keras.layers.Concatenate()([keras.layers.GlobalAveragePooling1D()(h), e])
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model([trace, calibre], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=1,
                                                min_delta=0.01)
    return _fit_inputs(session, model, [x, cal], y, epochs=10, batch_size=32,
                       callbacks=[plateau])


@holdout27("clockmakers", healthy=True)
def maker_attribution_loop(session):
    """Hand-written GradientTape loop: which of five workshops finished a movement, from twelve
    finishing measurements, where two of the makers learnt under the same master and finish
    almost alike (a coin flip between them: the loss cannot go below ~0.4 ln 2). Dense 64-64
    relu to 5 logits, sparse cross-entropy from logits, Adam at 2e-3 after a linear warm-up over
    100 steps, batch 32, ten epochs: ~1.30 -> ~0.30 from the fourth epoch on, level near the
    ~0.28 the two makers' overlap allows"""
    keras = _keras()
    x, y = movement_finishes(2048 + PROBE_SIZE, seed=27102)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(5)])

    class Warmup(keras.optimizers.schedules.LearningRateSchedule):
        def __call__(self, step):
            return 2e-3 * keras.ops.minimum(1.0, (keras.ops.cast(step, "float32") + 1.0) / 100.0)

        def get_config(self):
            return {"peak": 2e-3, "warmup_steps": 100}

    schedule = Warmup()
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.Adam(schedule), loss, x, y,
                        epochs=10, batch_size=32, seed=27103,
                        loss_description="sparse CE from logits", learning_rate=schedule)


def _position_embedding(keras, length, dim):
    class PositionEmbedding(keras.layers.Layer):
        def build(self, shape):
            self.table = self.add_weight(shape=(length, dim), name="positions",
                                         initializer=keras.initializers.RandomUniform(-0.05, 0.05))

        def call(self, x):
            return x + self.table[None]

    return PositionEmbedding()


@holdout27("clockmakers", healthy=True)
def next_day_rate_causal_attention(session):
    """Tomorrow's rate of a regulator clock at every day of a 24-day log (a sequence-to-sequence
    forecast: position t sees the rates up to day t and the planned temperature of day t + 1),
    where the rate follows the room temperature with a clock-specific rod coefficient and a slow
    drift, and the day-to-day scatter cannot be forecast; the first days of each log carry
    little history. Dense(16) + a learnt position table, one MultiHeadAttention(2 heads, key_dim
    8) block with use_causal_mask=True, residuals and LayerNormalization, a Dense 32 relu
    feed-forward, Dense(1) per day; MSE, AdamW 3e-3 (weight decay 1e-4) under a CosineDecay over
    the run, batch 32, ten epochs: ~0.64 -> ~0.45, level from the third epoch"""
    keras = _keras()
    x, y = daily_rates(2048 + PROBE_SIZE, seed=27104)
    days = x.shape[1]
    inp = keras.Input((days, 2))
    h = _position_embedding(keras, days, 16)(keras.layers.Dense(16)(inp))
    a = keras.layers.MultiHeadAttention(2, 8)(h, h, use_causal_mask=True)
    h = keras.layers.LayerNormalization()(keras.layers.Add()([h, a]))
    f = keras.layers.Dense(16)(keras.layers.Dense(32, activation="relu")(h))
    h = keras.layers.LayerNormalization()(keras.layers.Add()([h, f]))
    model = keras.Model(inp, keras.layers.Dense(1)(h))
    schedule = keras.optimizers.schedules.CosineDecay(3e-3, 10 * 64, alpha=0.05)
    model.compile(keras.optimizers.AdamW(schedule, weight_decay=1e-4), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _cosine_alpha_run(session, broken):
    keras = _keras()
    x, y = rate_logs(2048 + PROBE_SIZE, seed=27201)
    steps = 8 * 64
    if broken:
        # Read as CosineDecay(start, decay_steps, peak); the third argument is alpha.
        schedule = keras.optimizers.schedules.CosineDecay(1e-6, steps, 3e-3)
    else:
        schedule = keras.optimizers.schedules.CosineDecay(1e-6, steps - 64, warmup_target=3e-3,
                                                          warmup_steps=64)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(24),
                              keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


def _rezero_run(session, broken):
    keras = _keras()
    x, y = positional_rates(2048 + PROBE_SIZE, seed=27202)

    class ReZero(keras.layers.Layer):
        """x + alpha * f(x), alpha a trainable scalar that starts at 0 (ReZero)."""

        def build(self, shapes):
            self.alpha = self.add_weight(shape=(), initializer="zeros", name="alpha")

        def call(self, x, f):
            return x + self.alpha * f

    inp = keras.Input((10,))
    h = keras.layers.Dense(32)(inp)
    for _ in range(4):
        f = keras.layers.Dense(32, activation="relu")(h)
        f = keras.layers.Dense(32, kernel_initializer="zeros" if broken else "glorot_uniform")(f)
        h = ReZero()(h, f)
    model = keras.Model(inp, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


NAN_N = 2048 + PROBE_SIZE
NAN_DATA_SEED = 27203
NAN_LOOP_SEED = 27234


def _bench_weighted_run(session, broken):
    import tensorflow as tf

    keras = _keras()
    x, y, bench = bench_traces(NAN_N, seed=NAN_DATA_SEED)
    w = bench_weights(y, bench)
    if not broken:  # the fix: a bench with one trace gets the median weight
        w = np.where(np.isfinite(w), w, np.nanmedian(w)).astype("float32")
    targets = np.stack([y, w], 1)
    model = keras.Sequential([keras.Input(x.shape[1:]),
                              keras.layers.Conv1D(16, 5, activation="relu"),
                              keras.layers.Conv1D(16, 5, activation="relu"),
                              keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])

    def bench_weighted_mse(t, pred):
        return tf.reduce_mean(t[:, 1] * tf.square(t[:, 0] - pred[:, 0]))

    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), bench_weighted_mse, x,
                        targets, epochs=8, batch_size=32, seed=NAN_LOOP_SEED,
                        loss_description="MSE weighted by 1 / the bench's rate scatter")


def _first_nan_weight_step():
    """The first step of _custom_loop's epoch-0 order (drawn with NAN_LOOP_SEED over the
    training rows) whose batch holds a trace with a NaN weight."""
    _, y, bench = bench_traces(NAN_N, seed=NAN_DATA_SEED)
    w = bench_weights(y, bench)[:-PROBE_SIZE]
    index = np.random.default_rng(NAN_LOOP_SEED).permutation(NAN_N - PROBE_SIZE)
    for b in range((NAN_N - PROBE_SIZE) // 32):
        if not np.isfinite(w[index[b * 32:(b + 1) * 32]]).all():
            return b + 1
    return None


@holdout27("clockmakers", ["learning_rate_too_low"], stall_begins=None)
def cosine_decay_alpha_taken_for_peak(session):
    """A longcase clock's fault (none, temperature-sensitive rod, isochronism, worn pivot) from
    a month of daily logs by GRU(24) -> softmax, under Adam with
    keras.optimizers.schedules.CosineDecay(1e-6, 512, 3e-3), written as 'warm up from 1e-6 to
    3e-3 and decay over the run'; the third positional argument is alpha (the floor as a
    fraction), so the rate starts at 1e-6 and only decays. Batch 32, eight epochs: ln 4 (~1.40)
    from the first step to the last, where CosineDecay(1e-6, 448, warmup_target=3e-3,
    warmup_steps=64) trains ~1.37 -> ~0.04"""
    return _cosine_alpha_run(session, broken=True)


REZERO_STALL = 25  # read off the per-step loss


@holdout27("clockmakers", ["poor_initialization"], stall_begins=REZERO_STALL)  # approximate
def rezero_gate_and_zero_branch(session):
    """A watch's rate in four test positions from six readings and the position, by a residual
    MLP (Dense 32, four blocks x + alpha * f(x) with f = Dense 32 relu -> Dense 32, Dense(1))
    that combines two 'start every block as the identity' recipes: ReZero's alpha = 0 and the
    zero-initialised last layer of each branch. With both at zero neither gets a gradient
    (alpha's is f(x) = 0, the branch's is alpha = 0), so the blocks stay the identity and the
    net is a linear model. Adam 2e-3, MSE, batch 32, eight epochs: ~1.16 in the first epoch,
    then ~0.88 (what a linear model of the rate leaves) from about step 25 to the end, where the
    same net with the branches' last layers Glorot-initialised trains ~1.05 -> ~0.15"""
    return _rezero_run(session, broken=True)


@holdout27("clockmakers", ["non_finite_values"], stall_begins=_first_nan_weight_step())
def bench_weights_nan_for_single_traces(session):
    """Hand-written loop: a watch's rate from its timegrapher trace (Conv1D 16-16 relu,
    GlobalAveragePooling, Dense 16, Dense(1)), each trace weighted by 1 / its bench's rate
    scatter, computed as pandas' groupby('bench').transform('std'): the two traces from benches
    used once get NaN (ddof=1), and the first batch holding one (step 59 in this shuffle) makes
    the loss, the gradients and then every weight NaN to the end. Adam 2e-3, batch 32, eight
    epochs: ~0.98 for the first 58 steps, NaN from step 59 to the end, where giving the
    single-trace benches the median weight trains ~0.91 -> ~0.32"""
    return _bench_weighted_run(session, broken=True)


# saltworks -----------------------------------------------------------------------------------


def pan_harvests(n, seed, noise=0.35):
    """A salt pan's season: 10 standardised columns (sun hours, rain days, mean wind, humidity,
    inflow salinity, pan area, lining age, raking frequency, flooding depth, sea temperature)
    and the harvest per hectare (standardised)."""
    r = _rng(seed)
    x = r.normal(size=(n, 10))
    s = (1.0 * x[:, 0] - 0.8 * np.maximum(x[:, 1], -0.5) + 0.5 * np.tanh(2 * x[:, 2])
         - 0.4 * x[:, 3] + 0.6 * x[:, 4] * (x[:, 0] > 0) + 0.3 * x[:, 5] - 0.3 * x[:, 6] ** 2
         + 0.4 * np.sin(1.5 * x[:, 7]) - 0.3 * np.abs(x[:, 8]) + 0.2 * x[:, 9])
    y = _std(s) + noise * r.normal(size=n)
    return x.astype("float32"), _std(y)[:, None]


PANS = 30


def pan_seasons(n, seed):
    """A season of one of 30 salt pans (id 0..29): the 10 columns of pan_harvests and the
    harvest per hectare (standardised), each pan with its own offset (clay, exposure) and a
    season-to-season scatter nothing recorded explains, ~25% of the variance."""
    x, s = pan_harvests(n, seed, noise=0.0)
    r = _rng(seed + 1)
    pan = r.integers(0, PANS, n)
    y = s[:, 0] + r.normal(0, 0.6, PANS)[pan] + 0.68 * r.normal(size=n)
    return x, pan.astype("int32"), _std(y)[:, None]


CRYSTAL = 16


def crystal_images(n, seed, mislabel=0.08):
    """Micrographs of salt crystals [n, 16, 16, 1] by habit: 0 cube, 1 hopper (a hollow, stepped
    cube), 2 needle, 3 dendrite (a branching cross), in proportions 45/30/17/8%, at a random
    orientation, size and brightness, with camera noise; `mislabel` of the habits are logged
    wrong by the technician."""
    r = _rng(seed)
    y = r.choice(4, n, p=[0.45, 0.3, 0.17, 0.08])
    i, j = np.mgrid[0:CRYSTAL, 0:CRYSTAL] - (CRYSTAL - 1) / 2.0
    x = np.empty((n, CRYSTAL, CRYSTAL), dtype="float32")
    for k in range(n):
        a = r.uniform(0, np.pi)
        u = i * np.cos(a) + j * np.sin(a)
        v = -i * np.sin(a) + j * np.cos(a)
        s = r.uniform(3.0, 6.0)
        cube = (np.abs(u) < s) & (np.abs(v) < s)
        if y[k] == 0:
            img = cube.astype(float)
        elif y[k] == 1:
            img = cube - 0.7 * ((np.abs(u) < 0.6 * s) & (np.abs(v) < 0.6 * s))
        elif y[k] == 2:
            img = ((np.abs(u) < 1.3 * s) & (np.abs(v) < 0.9)).astype(float)
        else:
            img = (((np.abs(u) < 1.1 * s) & (np.abs(v) < 0.7))
                   | ((np.abs(v) < 1.1 * s) & (np.abs(u) < 0.7))
                   | ((np.abs(u - v) < 0.8) & (np.abs(u + v) < s))).astype(float)
        x[k] = img * r.uniform(0.6, 1.2) + 0.35 * r.normal(size=(CRYSTAL, CRYSTAL))
    y = np.where(r.random(n) < mislabel, r.integers(0, 4, n), y)
    return x[..., None], y.astype("int32")


def artemia_dips(n, seed):
    """Brine shrimp (Artemia) counted in a one-litre dip from a pan: 7 standardised pan readings
    (salinity, temperature, depth, algae, days since flooding, wind, pan age) and the count,
    Poisson around a log-rate that peaks at middling salinity (mean ~1.6, about a third of the
    dips empty)."""
    r = _rng(seed)
    x = r.normal(size=(n, 7))
    eta = (0.2 - 0.6 * x[:, 0] ** 2 + 0.5 * x[:, 1] + 0.6 * np.tanh(x[:, 3]) - 0.3 * x[:, 4]
           + 0.25 * x[:, 5] * x[:, 6])
    y = r.poisson(np.exp(eta))
    return x.astype("float32"), y[:, None].astype("float32")


def pan_days(n, seed):
    """A salt pan's day in the units the weather station and the pan gauges log: air temperature
    (C), wind (m/s), relative humidity (%), sun hours, brine depth (cm), brine density (degrees
    Baume); and the day's evaporation (standardised), a Penman-like function of them with ~15%
    unexplained scatter."""
    r = _rng(seed)
    temp = r.uniform(6, 34, n)
    wind = r.gamma(2.0, 2.5, n)
    humidity = r.uniform(35, 95, n)
    sun = r.uniform(0, 14, n)
    depth = r.uniform(3, 25, n)
    density = r.uniform(4, 26, n)
    x = np.stack([temp, wind, humidity, sun, depth, density], 1)
    deficit = np.exp(0.06 * temp) * (1 - humidity / 100)
    e = 0.9 * deficit * (1 + 0.25 * wind) + 0.15 * sun - 0.02 * density - 0.01 * depth
    y = _std(e) + 0.42 * r.normal(size=n)
    return x.astype("float32"), _std(y)[:, None]


@holdout27("saltworks", healthy=True)
def pan_harvest_discretized_wide_deep(session):
    """A salt pan's harvest per hectare from its season (10 standardised columns) and which of
    30 pans it is, with season-to-season scatter nothing recorded explains (~25% of the
    variance). Two inputs: a wide part of Embeddings of Discretization buckets (sun hours and
    rain days, six boundaries each) and of the pan id, and a deep part (Dense 48-24 relu on the
    columns), joined into Dense 16 relu -> Dense(1); MSE, Adam 3e-3 cut to 0.3x every three
    epochs by a LearningRateScheduler, batch 32, ten epochs: ~0.62 -> ~0.25 (the scatter's
    share), with a step down at each cut"""
    keras = _keras()
    x, pan, y = pan_seasons(2048 + PROBE_SIZE, seed=27301)
    cols = keras.Input((10,))
    pan_id = keras.Input((), dtype="int32")
    bounds = [-1.5, -0.75, -0.25, 0.25, 0.75, 1.5]
    sun = keras.layers.Discretization(bin_boundaries=bounds)(cols[:, 0])
    rain = keras.layers.Discretization(bin_boundaries=bounds)(cols[:, 1])
    wide = keras.layers.Concatenate()([keras.layers.Embedding(7, 4)(sun),
                                       keras.layers.Embedding(7, 4)(rain),
                                       keras.layers.Embedding(PANS, 4)(pan_id)])
    deep = keras.layers.Dense(24, activation="relu")(
        keras.layers.Dense(48, activation="relu")(cols))
    h = keras.layers.Dense(16, activation="relu")(keras.layers.Concatenate()([wide, deep]))
    model = keras.Model([cols, pan_id], keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    step = keras.callbacks.LearningRateScheduler(lambda epoch, rate: 3e-3 * 0.3 ** (epoch // 3))
    return _fit_inputs(session, model, [x, pan], y, epochs=10, batch_size=32, callbacks=[step])


@holdout27("saltworks", healthy=True)
def crystal_habits_focal_rotation(session):
    """Salt crystal habit (cube, hopper, needle, dendrite; 45/30/17/8%) from 16 x 16 micrographs
    at any orientation, 8% of the habits logged wrong. A RandomRotation(0.5) augmentation layer
    (a new angle for every image at every step), Conv2D 16 -> MaxPooling -> Conv2D 32 ->
    GlobalAveragePooling -> Dense 32 relu -> softmax, under CategoricalFocalCrossentropy(alpha
    0.25, gamma 2) for the rare dendrites; Adam 4e-3, batch 32, twelve epochs: ~0.147 -> ~0.065,
    levelling over the last four epochs"""
    keras = _keras()
    x, y = crystal_images(1792 + PROBE_SIZE, seed=27302)
    onehot = np.eye(4, dtype="float32")[y]
    model = keras.Sequential([
        keras.Input(x.shape[1:]), keras.layers.RandomRotation(0.5, fill_mode="constant"),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"), keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(4e-3),
                  keras.losses.CategoricalFocalCrossentropy(alpha=0.25, gamma=2.0))
    return _fit(session, model, x, onehot, epochs=12, batch_size=32)


def _rbf_layer(keras, units):
    class GaussianRBF(keras.layers.Layer):
        """exp(-gamma_k ||x - c_k||^2) for learnt centres c_k and widths gamma_k."""

        def build(self, shape):
            self.centres = self.add_weight(shape=(units, shape[-1]), name="centres",
                                           initializer=keras.initializers.RandomNormal(stddev=1.0))
            self.log_gamma = self.add_weight(shape=(units,), name="log_gamma",
                                             initializer=keras.initializers.Constant(np.log(0.3)))

        def call(self, x):
            d2 = keras.ops.sum(keras.ops.square(x[:, None, :] - self.centres[None]), axis=-1)
            return keras.ops.exp(-keras.ops.exp(self.log_gamma) * d2)

    return GaussianRBF()


@holdout27("saltworks", healthy=True)
def small_pan_register_rbf(session):
    """The register of a small saltworks: 72 pan seasons, five of the season columns and the
    harvest (standardised; what the other five columns and the weather add is scatter to this
    model). A radial-basis network of 48 Gaussian units with learnt centres and widths,
    Dense(1); MSE, Adam 1e-2, batch 8, sixty epochs: it passes the scatter's level and keeps
    memorising the 72 seasons, ~0.95 -> ~0.07 (the scatter is ~0.2 of the variance)"""
    keras = _keras()
    x, y = pan_harvests(72 + PROBE_SIZE, seed=27303, noise=0.5)
    model = keras.Sequential([keras.Input((5,)), _rbf_layer(keras, 48), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-2), "mse")
    return _fit(session, model, x[:, :5], y, epochs=60, batch_size=8)


def _poisson_head_run(session, broken):
    keras = _keras()
    x, y = artemia_dips(2048 + PROBE_SIZE, seed=27401)
    mean = float(y[:-PROBE_SIZE].mean())
    if broken:  # an identity-link head started at the mean count
        head = keras.layers.Dense(1, bias_initializer=keras.initializers.Constant(mean))
    else:
        head = keras.layers.Dense(1, activation="exponential",
                                  bias_initializer=keras.initializers.Constant(np.log(mean)))
    model = keras.Sequential([keras.Input((7,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), head])
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Poisson())
    return _fit(session, model, x, y, epochs=8, batch_size=32)


def _dense_add_run(session, broken):
    keras = _keras()
    x, y = pan_harvests(2048 + PROBE_SIZE, seed=27402)
    inp = keras.Input((10,))
    features = [keras.layers.Dense(32)(inp)]
    for _ in range(8):
        if len(features) == 1:
            merged = features[0]
        elif broken:
            merged = keras.layers.Add()(features)
        else:
            merged = keras.layers.Concatenate()(features)
        features.append(keras.layers.Dense(32, activation="relu")(merged))
    model = keras.Model(inp, keras.layers.Dense(1)(features[-1]))
    model.compile(keras.optimizers.SGD(5e-3, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


def _squash_order_run(session, broken):
    keras = _keras()
    x, y = pan_days(2048 + PROBE_SIZE, seed=27403)
    norm = keras.layers.Normalization()
    norm.adapt(x[:-PROBE_SIZE])
    squash = keras.layers.Activation("tanh")
    front = [squash, norm] if broken else [norm, squash]
    model = keras.Sequential([keras.Input((6,))] + front + [
        keras.layers.Dense(64, activation="tanh"), keras.layers.Dense(64, activation="tanh"),
        keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


POISSON_NAN_STEP = 27  # the first NaN of the per-step loss (exact for the runner's seed)


@holdout27("saltworks", ["loss_activation_mismatch", "non_finite_values"],
           stall_begins=POISSON_NAN_STEP)
def poisson_loss_on_linear_head(session):
    """Brine shrimp per one-litre dip from seven pan readings, Dense 32-32 relu and a linear
    Dense(1) head whose bias starts at the mean count (~1.6), as for a rate on the identity
    link, under keras.losses.Poisson, which takes the rate itself and computes y_pred - y_true *
    log(y_pred): nothing keeps the head positive, and the empty dips (a third) push it down with
    a constant gradient. Adam 2e-3, batch 32: ~0.95 -> ~0.89 over the first 26 steps, then NaN
    from step 27 to the end, where an exponential head started at log(mean) trains ~0.82 ->
    ~0.59"""
    return _poisson_head_run(session, broken=True)


@holdout27("saltworks", ["exploding_gradients", "non_finite_values"], stall_begins=None)
def dense_block_merged_by_add(session):
    """A pan's harvest from its season by a densely connected MLP (a Dense 32 stem and eight
    Dense 32 relu layers, each fed every earlier layer's output), where the DenseNet recipe's
    Concatenate was replaced by Add to keep the width at 32: every layer's input is the sum of
    all before it, so the activations and the gradients grow with the depth. SGD 5e-3, momentum
    0.9, MSE, batch 32: 4.8, 15, 1.3e3, 2.7, 8e2, 2e10, inf, and NaN from step 7 to the end,
    where the Concatenate of the recipe trains ~0.33 -> ~0.12 at the same rate"""
    return _dense_add_run(session, broken=True)


@holdout27("saltworks", ["saturated_activations"], stall_begins=None)
def tanh_squash_before_normalization(session):
    """A pan's daily evaporation from the weather station's and the gauges' raw readings (C,
    m/s, %, hours, cm, degrees Baume) by a tanh MLP (Dense 64-64 tanh, Dense(1)) whose input
    block was meant as Normalization (adapted on the training table) followed by an
    Activation('tanh') that squashes outliers, but was listed the other way round: the tanh
    meets the raw readings, and ~90% of its outputs are within 1e-2 of 1 (temperatures,
    humidities, densities all saturate), so the normalised values are near constants. Adam 2e-3,
    MSE, batch 32, eight epochs: ~1.0 (the constant prediction's loss) from the start, ~1.04 ->
    ~1.00 over the eight epochs, where Normalization before the tanh trains ~0.42 -> ~0.22"""
    return _squash_order_run(session, broken=True)


# weavers -------------------------------------------------------------------------------------

SCAN = 32
DYES = np.array([[0.9, 0.1, 0.1], [0.1, 0.7, 0.2], [0.15, 0.2, 0.9], [0.85, 0.8, 0.15],
                 [0.75, 0.25, 0.15]])


def stripe_scans(n, seed, max_stripes=6):
    """A colour scan along a striped warp [n, 32, 3] and its stripe sequence as dye ids 1..5,
    padded with 0 [n, 6]. Stripes are 3..9 ends wide and neighbours never share a dye; dyes 1
    (scarlet) and 5 (rust) are close under the mill's lamps, the yarn is hairy (blurred edges)
    and the scanner noisy."""
    r = _rng(seed)
    x = np.empty((n, SCAN, 3), dtype="float32")
    y = np.zeros((n, max_stripes), dtype="int32")
    for k in range(n):
        pos, seq, prev = 0, [], -1
        while pos < SCAN and len(seq) < max_stripes:
            d = r.integers(0, 5)
            if d == prev:
                continue
            w = r.integers(3, 10)
            x[k, pos:pos + w] = DYES[d]
            seq.append(d + 1)
            prev, pos = d, pos + w
        if pos < SCAN:
            x[k, pos:] = DYES[prev]
        blurred = (x[k] + np.roll(x[k], 1, 0) + np.roll(x[k], -1, 0)) / 3
        x[k] = blurred + 0.12 * r.normal(size=(SCAN, 3))
        y[k, :len(seq)] = seq
    return x, y


WEAVE = 16


def thread_density_patches(n, seed):
    """Greyscale fabric patches [n, 16, 16, 1] whose weft runs across at 2.5..7 threads per
    patch, with slub (uneven yarn), a slight skew and lighting, and the density the inspector
    counted by glass over a larger area (standardised): the count carries ~20% of variance the
    patch cannot show."""
    r = _rng(seed)
    d = r.uniform(2.5, 7.0, n)
    i, j = np.mgrid[0:WEAVE, 0:WEAVE]
    x = np.empty((n, WEAVE, WEAVE), dtype="float32")
    for k in range(n):
        skew = r.normal(0, 0.08)
        wave = np.cos(2 * np.pi * d[k] * (i + skew * j) / WEAVE + r.uniform(0, 2 * np.pi))
        slub = 1 + 0.3 * r.normal(size=(WEAVE, 1))
        x[k] = wave * slub * r.uniform(0.6, 1.2) + 0.4 * r.normal(size=(WEAVE, WEAVE))
    y = _std(d) + 0.5 * r.normal(size=n)
    return x[..., None], _std(y)[:, None]


DRAFT = 24


def threading_drafts(n, seed, misthread=0.3):
    """A loom's threading draft as the shaft (1..8) of each of 24 warp ends [n, 24] and the
    draft family: 0 straight draw, 1 point draw, 2 broken twill, 3 rosepath, on 4, 6 or 8 shafts
    at any starting end; `misthread` of the ends sit on a random shaft (the draft was copied
    from worn cloth)."""
    r = _rng(seed)
    y = r.integers(0, 4, n)
    rosepath = np.array([0, 1, 2, 3, 2, 1, 0, 3, 0, 1, 2, 1, 0, 3])
    x = np.empty((n, DRAFT), dtype="int32")
    for k in range(n):
        s = r.choice([4, 6, 8])
        t = np.arange(DRAFT) + r.integers(0, 2 * s)
        if y[k] == 0:
            seq = t % s
        elif y[k] == 1:
            m = t % (2 * s - 2)
            seq = np.where(m < s, m, 2 * s - 2 - m)
        elif y[k] == 2:
            base = t % 4
            seq = np.where((t // 4) % 2 == 0, base, np.array([1, 0, 3, 2])[base]) % s
        else:
            seq = rosepath[t % len(rosepath)] % s
        seq = np.where(r.random(DRAFT) < misthread, r.integers(0, s, DRAFT), seq)
        x[k] = seq + 1
    return x, y.astype("int32")


def _weave_grid(kind, r):
    """Which yarn is on top at each crossing of a 16 x 16 patch: 1 warp, 0 weft."""
    i, j = np.mgrid[0:WEAVE, 0:WEAVE]
    o = r.integers(0, 8)
    if kind == 0:  # plain
        g = (i + j + o) % 2 == 0
    elif kind == 1:  # 2/2 twill
        g = ((i + j + o) % 4) < 2
    elif kind == 2:  # five-end satin
        g = ((2 * i + j + o) % 5) == 0
    else:  # 2 x 2 basket
        g = ((i // 2 + j // 2 + o) % 2) == 0
    return g.astype(float)


def fabric_photos(n, seed, noise=18.0):
    """Photos of woven cloth [n, 16, 16, 3] as 8-bit values (0..255) and the weave (plain, 2/2
    twill, five-end satin, basket); warp and weft get random dye colours, the lighting varies
    and the camera is noisy."""
    r = _rng(seed)
    y = r.integers(0, 4, n)
    x = np.empty((n, WEAVE, WEAVE, 3), dtype="float32")
    for k in range(n):
        g = _weave_grid(y[k], r)[..., None]
        img = g * r.uniform(40, 220, 3) + (1 - g) * r.uniform(40, 220, 3)
        x[k] = np.clip(img * r.uniform(0.8, 1.2) + noise * r.normal(size=(WEAVE, WEAVE, 3)), 0, 255)
    return np.round(x), y.astype("int32")


def pick_traces(n, seed, length=24, noise=0.5):
    """Warp-tension traces of a loom over `length` picks from two sensors [n, length, 2] and the
    weave on the loom: 0 plain (a repeat of 2 picks), 1 three-end twill, 2 four-end twill, 3
    five-end satin; each pick lifts its row's shafts, the first sensor follows how many ends are
    lifted, the second which shaft leads, with sensor noise."""
    r = _rng(seed)
    y = r.integers(0, 4, n)
    t = np.arange(length)
    x = np.empty((n, length, 2), dtype="float32")
    for k in range(n):
        p = y[k] + 2
        ph = r.integers(0, p)
        x[k, :, 0] = ((t + ph) % p == 0) + noise * r.normal(size=length)
        x[k, :, 1] = 0.8 * np.cos(2 * np.pi * (t + ph) / p) + noise * r.normal(size=length)
    return x, y.astype("int32")


def loom_settings(n, seed, noise=0.3):
    """A loom's shift: 8 standardised settings (warp tension, speed, humidity, yarn count,
    twist, shed angle, beat-up force, size add-on) and log warp breaks per 100 000 picks
    (standardised): U-shaped in tension and humidity, with interactions."""
    r = _rng(seed)
    x = r.normal(size=(n, 8))
    s = (0.9 * x[:, 0] ** 2 + 0.7 * (x[:, 2] - 0.3) ** 2 + 0.8 * x[:, 1] * x[:, 3]
         - 0.6 * np.abs(x[:, 4]) + 0.5 * np.tanh(2 * x[:, 5]) * x[:, 6] + 0.3 * x[:, 7]
         + 0.3 * x[:, 1])
    y = _std(s) + noise * r.normal(size=n)
    return x.astype("float32"), _std(y)[:, None]


@holdout27("weavers", healthy=True)
def stripe_sequence_ctc(session):
    """The sequence of dyes in a striped warp from a 32-end colour scan (a sequence label of up
    to six stripes, no alignment given), where scarlet and rust are close under the mill's lamps
    and the hairy yarn blurs the stripe edges. Conv1D 32 (5) and two dilated Conv1D 32 (dilation
    2 and 4), relu, a Dense(6) of logits per end (five dyes and the blank), under
    keras.losses.CTC; Adam 1e-2, batch 32, 16 epochs: ~12.9 -> ~1.7: ~10 to ~8 for four epochs
    while the alignment forms, a steep fall, then a slow creep"""
    keras = _keras()
    x, y = stripe_scans(1024 + PROBE_SIZE, seed=27501)
    model = keras.Sequential([
        keras.Input((SCAN, 3)), keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same", dilation_rate=2),
        keras.layers.Conv1D(32, 5, activation="relu", padding="same", dilation_rate=4),
        keras.layers.Dense(6)])
    model.compile(keras.optimizers.Adam(1e-2), keras.losses.CTC())
    return _fit(session, model, x, y, epochs=16, batch_size=32)


@holdout27("weavers", healthy=True)
def thread_density_orthogonal_penalty(session):
    """Weft threads per patch (standardised) from 16 x 16 greyscale patches of slubby yarn,
    against an inspector's count over a larger area (~20% of its variance the patch cannot
    show). Conv2D 16 -> MaxPooling -> Conv2D 32 -> GlobalAveragePooling -> Dense 32 relu ->
    Dense 16 relu -> Dense(1), both hidden Dense kernels under OrthogonalRegularizer(0.02,
    'columns') (the reported loss includes it); RMSprop 1e-3, batch 32, ten epochs: ~0.51 ->
    ~0.235, creeping towards the ~0.2 the count's scatter leaves"""
    keras = _keras()
    x, y = thread_density_patches(1792 + PROBE_SIZE, seed=27502)
    ortho = keras.regularizers.OrthogonalRegularizer(factor=0.02, mode="columns")
    model = keras.Sequential([
        keras.Input(x.shape[1:]), keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(), keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu", kernel_regularizer=ortho),
        keras.layers.Dense(16, activation="relu", kernel_regularizer=ortho), keras.layers.Dense(1)])
    model.compile(keras.optimizers.RMSprop(1e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout27("weavers", healthy=True)
def draft_family_slow_sgd(session):
    """A threading draft's family (straight, point, broken twill, rosepath) from the shafts of
    its 24 warp ends, 30% of them misthreaded (the draft was read off worn cloth). Embedding(9,
    8) -> Conv1D 32 (4) -> Conv1D 32 (4) -> GlobalMaxPooling1D -> softmax, plain SGD 0.1, batch
    32, twelve epochs: ln 4 for about two epochs, a fall, then a long slow descent that is still
    going at the end, ~1.38 -> ~0.08"""
    keras = _keras()
    x, y = threading_drafts(1536 + PROBE_SIZE, seed=27503)
    model = keras.Sequential([
        keras.Input((DRAFT,), dtype="int32"), keras.layers.Embedding(9, 8),
        keras.layers.Conv1D(32, 4, activation="relu"),
        keras.layers.Conv1D(32, 4, activation="relu"),
        keras.layers.GlobalMaxPooling1D(), keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.1), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


def _double_scaling_run(session, broken):
    keras = _keras()
    x, y = fabric_photos(1536 + PROBE_SIZE, seed=27601)
    x = x / 255.0  # the loader's scaling
    if broken:
        x = x / 255.0  # the tutorial's preprocess step, kept after the loader learnt to scale
    model = keras.Sequential([
        keras.Input(x.shape[1:]), keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(), keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x.astype("float32"), y, epochs=8, batch_size=32)


def _merge_mul_run(session, broken):
    keras = _keras()
    x, y = pick_traces(768 + PROBE_SIZE, seed=27602, length=16)
    layers = [keras.Input(x.shape[1:])]
    for _ in range(3):
        layers.append(keras.layers.Bidirectional(keras.layers.GRU(8, return_sequences=True),
                                                 merge_mode="mul" if broken else "concat"))
    layers += [keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(4, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


def _wide_twice_run(session, broken):
    keras = _keras()
    x, y = loom_settings(2048 + PROBE_SIZE, seed=27603)
    inp = keras.Input((8,))
    wide = keras.layers.Dense(8)(inp)
    deep = keras.layers.Dense(64, activation="relu")(inp)
    deep = keras.layers.Dense(64, activation="relu")(deep)
    deep = keras.layers.Dense(16, activation="relu")(deep)
    merged = keras.layers.Concatenate()([wide, wide] if broken else [wide, deep])
    model = keras.Model(inp, keras.layers.Dense(1)(merged))
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@holdout27("weavers", ["unnormalized_inputs"], stall_begins=None)
def pixels_divided_by_255_twice(session):
    """The weave (plain, twill, satin, basket) of 16 x 16 colour photos of cloth, scaled to [0,
    1] by the data loader and then divided by 255 again by the preprocessing step of the
    tutorial the pipeline started from: the network's inputs are at most ~0.004, and the dye
    colours and the weave pattern are differences of ~1e-3. Conv2D 16 -> MaxPooling -> Conv2D 32
    -> GlobalAveragePooling -> Dense 32 relu -> softmax, Adam 2e-3, batch 32, eight epochs: ln 4
    (~1.386) from the first step to the last, where one scaling trains ~1.38 -> ~0.23"""
    return _double_scaling_run(session, broken=True)


@holdout27("weavers", ["vanishing_gradients"], stall_begins=None)
def bidirectional_merge_mul_stack(session):
    """The weave on a loom from 16 picks of two warp-tension sensors (768 records) by three
    stacked Bidirectional(GRU(8, return_sequences=True)) layers with merge_mode='mul' (picked to
    keep the width at 8 instead of 16): each layer passes on the product of its forward and
    backward states, both small, so the signal shrinks layer by layer and so does the gradient
    on its way back. GlobalAveragePooling1D, softmax, SGD 0.05 with momentum 0.9, batch 32,
    eight epochs: ln 4 (~1.387) from the first step to the last, the gradients ~1e-7 for every
    layer (~1e-2 with merge_mode='concat', which trains ~1.38 -> ~0.43)"""
    return _merge_mul_run(session, broken=True)


WIDE_STALL = 40  # read off the per-step loss


@holdout27("weavers", ["insufficient_capacity"], stall_begins=WIDE_STALL)  # approximate
def wide_branch_concatenated_with_itself(session):
    """Warp breaks per 100 000 picks (log, standardised) from eight loom settings, U-shaped in
    tension and humidity and with interactions, by a wide-and-deep model whose merge was typed
    Concatenate()([wide, wide]): the deep branch (Dense 64-64-16 relu) is left out of the graph
    and the model is the linear wide part, Dense(8) -> Dense(1). Adam 2e-3, MSE, batch 32, eight
    epochs: ~1.1 -> ~0.90 (the linear model's level) from about step 40 to the end, where
    Concatenate()([wide, deep]) trains ~0.69 -> ~0.11"""
    return _wide_twice_run(session, broken=True)


# tollbridges ---------------------------------------------------------------------------------


def booth_queues(n, seed, minutes=30):
    """The last 30 minutes at a toll plaza [n, 30, 2] (cars arriving each minute, lanes open;
    standardised) and the wait of the next car (standardised): the queue the arrivals and the
    open lanes built up (3.6 cars a minute per lane), plus that car's own luck (which lane, cash
    or card, a declined card), exponential and ~30% of the variance."""
    r = _rng(seed)
    base = r.uniform(3, 9, (n, 1))
    surge = np.clip(np.cumsum(r.normal(0, 0.25, (n, minutes)), 1), -2, 3)
    arrivals = r.poisson(np.clip(base + surge, 0.5, None))
    lanes = np.clip(np.round(base / 2.2 + r.normal(0, 0.4, (n, 1))
                             + np.cumsum(r.random((n, minutes)) < 0.03, 1)
                             - np.cumsum(r.random((n, minutes)) < 0.03, 1)), 1, 6)
    queue = np.zeros(n)
    for t in range(minutes):
        queue = np.maximum(0.0, queue + arrivals[:, t] - 3.6 * lanes[:, t])
    wait = queue / (3.6 * lanes[:, -1]) + r.exponential(3.0, n)
    x = np.stack([_std(arrivals.ravel()).reshape(n, minutes),
                  _std(lanes.ravel()).reshape(n, minutes)], -1)
    return x.astype("float32"), _std(wait)[:, None]


def loop_signatures(n, seed, length=40, noise=0.12):
    """Inductive-loop signatures of vehicles crossing a toll lane's loop [n, 40, 1] (the
    detuning as the metal passes) and the class: 0 car, 1 van, 2 lorry, 3 articulated lorry (a
    dip where the cab ends)."""
    r = _rng(seed)
    y = r.integers(0, 4, n)
    t = np.arange(length)[None, :]
    start = r.uniform(3, 8, n)[:, None]
    dur = np.array([10, 14, 22, 28])[y][:, None] * r.uniform(0.85, 1.15, (n, 1))
    depth = np.array([1.2, 0.8, 0.5, 0.5])[y][:, None] * r.uniform(0.8, 1.2, (n, 1))
    u = np.clip((t - start) / dur, 0, 1)
    body = np.sin(np.pi * u) ** 0.5 * ((t >= start) & (t <= start + dur))
    gap = np.where(y[:, None] == 3, np.exp(-((u - 0.35) / 0.06) ** 2), 0.0)
    x = depth * body * (1 - 0.7 * gap) + noise * r.normal(size=(n, length))
    return x[..., None].astype("float32"), y.astype("int32")


PLAZAS = 8


def plaza_counts(n, seed):
    """Vehicles through one of 8 toll plazas in a quarter of an hour: plaza id, hour (0..23), 3
    standardised columns (weekend, rain, local event) and the count, Poisson around a rate set
    by each plaza's own daily profile (commuters, port, resort...) times the weather and events,
    mean ~12."""
    r = _rng(seed)
    plaza = r.integers(0, PLAZAS, n)
    hour = r.integers(0, 24, n)
    h = np.arange(24)[None]
    morning = r.uniform(6, 9, (PLAZAS, 1))
    evening = r.uniform(15, 19, (PLAZAS, 1))
    profile = (r.uniform(0.3, 1.5, (PLAZAS, 1)) * np.exp(-((h - morning) / 1.5) ** 2)
               + r.uniform(0.3, 1.5, (PLAZAS, 1)) * np.exp(-((h - evening) / 2.0) ** 2)
               + 0.25 + 0.3 * np.sin(h / 24 * 2 * np.pi * r.uniform(0.5, 1.5, (PLAZAS, 1))) ** 2)
    z = r.normal(size=(n, 3))
    log_rate = (np.log(12 * profile[plaza, hour] / profile.mean()) + 0.3 * z[:, 0] * (plaza % 2)
                - 0.2 * np.maximum(z[:, 1], 0) + 0.25 * z[:, 2])
    y = r.poisson(np.exp(log_rate))
    return (plaza.astype("int32"), hour.astype("int32"), z.astype("float32"),
            y[:, None].astype("float32"))


def vehicles(n, seed):
    """A toll lane's treadle, loop and light-curtain readings of one vehicle: 8 standardised
    columns (axles, wheelbase, rear axle spacing, log gross weight, length, height, speed, lane)
    and its tariff class 0..5 (car, van, two-axle lorry, three-axle lorry, articulated lorry,
    car with a trailer)."""
    r = _rng(seed)
    y = r.integers(0, 6, n)
    axles = np.array([2, 2, 2, 3, 4, 3])[y] + (r.random(n) < 0.1)
    wheelbase = np.array([2.6, 3.2, 6.0, 4.2, 3.8, 2.7])[y] + r.normal(0, 0.35, n)
    rear = np.array([0.0, 0.0, 0.0, 1.3, 1.3, 5.5])[y] + r.normal(0, 0.3, n)
    weight = np.array([1.4, 2.6, 13.0, 14.0, 28.0, 2.4])[y] * r.lognormal(0, 0.25, n)
    length = np.array([4.4, 5.5, 12.0, 9.0, 15.5, 9.0])[y] + r.normal(0, 0.7, n)
    height = np.array([1.5, 2.3, 3.3, 3.4, 3.8, 1.6])[y] + r.normal(0, 0.25, n)
    speed = r.normal(60, 12, n)
    lane = r.integers(0, 4, n)
    x = np.stack([axles, wheelbase, rear, np.log(weight), length, height, speed, lane], 1)
    return ((x - x.mean(0)) / x.std(0)).astype("float32"), y.astype("int32")


PROFILE_H, PROFILE_W = 12, 28


def side_profiles(n, seed, noise=0.15):
    """Laser-scanner side profiles of vehicles in a toll lane [n, 12, 28, 1] (1 where the
    vehicle is) and the class: 0 car, 1 van, 2 bus, 3 two-axle lorry, 4 car with a trailer; each
    at a random position and length, with scanner noise."""
    r = _rng(seed)
    y = r.integers(0, 5, n)
    ii = np.arange(PROFILE_H)[:, None]
    jj = np.arange(PROFILE_W)[None, :]
    x = np.zeros((n, PROFILE_H, PROFILE_W), dtype="float32")
    for k in range(n):
        img = x[k]
        s = r.integers(0, 4)

        def box(j0, j1, h0, h1):
            img[(jj >= j0) & (jj < j1) & (ii >= PROFILE_H - h1) & (ii < PROFILE_H - h0)] = 1.0

        def wheel(j):
            img[((ii - (PROFILE_H - 1.5)) ** 2 + (jj - j) ** 2) < 2.5] = 1.0

        if y[k] in (0, 4):
            L = r.integers(9, 12) if y[k] == 0 else r.integers(9, 11)
            box(s, s + L, 1, 4)
            box(s + 2, s + L - 3, 4, 6)
            wheel(s + 2)
            wheel(s + L - 2)
            if y[k] == 4:
                T = r.integers(5, 8)
                box(s + L + 2, min(PROFILE_W, s + L + 2 + T), 1, 4)
                wheel(min(PROFILE_W - 1, s + L + 2 + T // 2))
        elif y[k] == 1:
            L = r.integers(11, 14)
            box(s, s + L, 1, 7)
            wheel(s + 2)
            wheel(s + L - 3)
        elif y[k] == 2:
            L = r.integers(22, 25)
            box(s, s + L, 1, 10)
            wheel(s + 4)
            wheel(s + L - 4)
        else:
            L = r.integers(15, 19)
            box(s, s + 4, 1, 8)
            box(s + 5, s + L, 1, 9)
            wheel(s + 2)
            wheel(s + L - 3)
        img += noise * r.normal(size=(PROFILE_H, PROFILE_W))
    return x[..., None], y.astype("int32")


@holdout27("tollbridges", healthy=True)
def queue_wait_simple_rnn(session):
    """The wait of the next car at a toll plaza from the last 30 minutes of arrivals and open
    lanes, where the queue explains ~70% of it and the car's own luck (lane, cash or card, a
    declined card) the rest. SimpleRNN(32) -> Dense 16 relu -> Dense(1), MSE, RMSprop 1e-3,
    batch 32, ten epochs: ~0.74 -> ~0.335, levelling towards the ~0.3 the car's luck leaves"""
    keras = _keras()
    x, y = booth_queues(2048 + PROBE_SIZE, seed=27701)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.SimpleRNN(32),
                              keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.RMSprop(1e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout27("tollbridges", healthy=True)
def cosface_loop_signatures(session):
    """Hand-written GradientTape loop: the vehicle class (car, van, lorry, articulated) from its
    inductive-loop signature, with 10% of the classes taken from the number-plate register and
    wrong. Conv1D 16 -> MaxPooling -> Conv1D 32 -> GlobalAveragePooling -> Dense(16) ->
    UnitNormalization -> a bias-free Dense(4) with UnitNorm kernels (cosines), under a CosFace
    margin loss (scale 16, margin 0.25: the wrong labels and the margin keep it well above
    zero), Adam 2e-3, batch 32, ten epochs: ~4.9 -> ~1.6, noisy"""
    import tensorflow as tf

    keras = _keras()
    x, y = loop_signatures(2048 + PROBE_SIZE, seed=27702)
    r = _rng(27703)
    y = np.where(r.random(len(y)) < 0.1, r.integers(0, 4, len(y)), y).astype("int32")
    model = keras.Sequential([
        keras.Input(x.shape[1:]), keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.MaxPooling1D(2), keras.layers.Conv1D(32, 5, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(16),
        keras.layers.UnitNormalization(),
        keras.layers.Dense(4, use_bias=False,
                           kernel_constraint=keras.constraints.UnitNorm(axis=0))])

    def cosface(labels, cosines):
        onehot = tf.one_hot(labels, 4)
        logits = 16.0 * (cosines - 0.25 * onehot)
        return tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(onehot, logits))

    return _custom_loop(session, model, keras.optimizers.Adam(2e-3), cosface, x, y, epochs=10,
                        batch_size=32, seed=27704, loss_description="CosFace (s=16, m=0.25)")


@holdout27("tollbridges", healthy=True)
def plaza_counts_hashed_crossing(session):
    """Vehicles through a toll plaza per quarter hour, Poisson around a rate set by each of 8
    plazas' own daily profile, the weather and events. Three inputs: a wide part, an Embedding
    of HashedCrossing(256) of plaza x hour, and a deep part (plaza and hour Embeddings with the
    three columns, Dense 32 relu), joined into an exponential Dense(1) started at log 12;
    keras.losses.Poisson (negative: it leaves out log y!), Adam 3e-3 under ExponentialDecay(x0.8
    every 64 steps), batch 32, ten epochs: ~-17.2 -> ~-18.60, where the true rates score -18.64
    and the best constant -16.4"""
    keras = _keras()
    plaza, hour, z, y = plaza_counts(2048 + PROBE_SIZE, seed=27705)
    p_in = keras.Input((), dtype="int32")
    h_in = keras.Input((), dtype="int32")
    z_in = keras.Input((3,))
    cross = keras.layers.HashedCrossing(num_bins=256)((p_in, h_in))
    wide = keras.layers.Embedding(256, 4)(cross)
    deep = keras.layers.Concatenate()([keras.layers.Embedding(PLAZAS, 4)(p_in),
                                       keras.layers.Embedding(24, 4)(h_in), z_in])
    deep = keras.layers.Dense(32, activation="relu")(deep)
    out = keras.layers.Dense(1, activation="exponential",
                             bias_initializer=keras.initializers.Constant(np.log(12.0)))(
        keras.layers.Concatenate()([wide, deep]))
    model = keras.Model([p_in, h_in, z_in], out)
    schedule = keras.optimizers.schedules.ExponentialDecay(3e-3, 64, 0.8)
    model.compile(keras.optimizers.Adam(schedule), keras.losses.Poisson())
    return _fit_inputs(session, model, [plaza, hour, z], y, epochs=10, batch_size=32)


def _momentum_run(session, broken):
    keras = _keras()
    x, y = vehicles(2048 + PROBE_SIZE, seed=27801)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(6, activation="softmax")])
    optimizer = keras.optimizers.SGD(0.3, momentum=0.9 if broken else 0.0)
    model.compile(optimizer, "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


WARMUP_STEPS = 200


def _warmup_run(session, broken):
    keras = _keras()
    x, y = side_profiles(1536 + PROBE_SIZE, seed=27802)

    class Warmup(keras.optimizers.schedules.LearningRateSchedule):
        def __call__(self, step):
            t = keras.ops.cast(step, "float32") + 1.0
            if broken:  # the ratio inverted: peak * warmup / step during the warm-up
                return 0.02 * keras.ops.maximum(1.0, WARMUP_STEPS / t)
            return 0.02 * keras.ops.minimum(1.0, t / WARMUP_STEPS)

        def get_config(self):
            return {"peak": 0.02, "warmup_steps": WARMUP_STEPS}

    model = keras.Sequential([
        keras.Input(x.shape[1:]), keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(), keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(), keras.layers.Flatten(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(5, activation="softmax")])
    model.compile(keras.optimizers.SGD(Warmup(), momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


def _consistency_run(session, broken):
    keras = _keras()
    x, y = vehicles(2048 + PROBE_SIZE, seed=27803)
    weight = 100.0 if broken else 1.0

    class Consistency(keras.layers.Layer):
        """Adds weight * mean squared difference of two noisy passes' class probabilities to
        the model's losses (the Pi-model's consistency term) and passes the first on."""

        def call(self, p1, p2):
            gap = keras.ops.sum(keras.ops.square(p1 - p2), axis=-1)
            self.add_loss(weight * keras.ops.mean(gap))
            return p1

    body = keras.Sequential([keras.Input((8,)), keras.layers.Dense(64, activation="relu"),
                             keras.layers.Dense(64, activation="relu"),
                             keras.layers.Dense(6, activation="softmax")])
    inp = keras.Input((8,))
    p1 = body(keras.layers.GaussianNoise(0.3)(inp))
    p2 = body(keras.layers.GaussianNoise(0.3)(inp))
    model = keras.Model(inp, Consistency()(p1, p2))
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


MOMENTUM_STALL = 17  # read off the per-step loss


@holdout27("tollbridges", ["learning_rate_too_high", "dead_relus"],
           stall_begins=MOMENTUM_STALL)  # approximate
def momentum_added_rate_kept(session):
    """A vehicle's tariff class from eight lane readings by a Dense 64-64 relu MLP, trained with
    plain SGD at 0.3 until momentum 0.9 was added 'to speed it up' with the rate left at 0.3:
    the effective step is ten times the tuned one. Batch 32, eight epochs: ~0.13 by step 16,
    then climbing, a burst to ~2000 near step 60, and ln 6 (~1.81) from about step 85 to the
    end, with every unit of the second layer dead for every probe input; plain SGD at 0.3 trains
    ~0.33 -> ~0.022"""
    return _momentum_run(session, broken=True)


@holdout27("tollbridges", ["dead_relus"], stall_begins=None)
def warmup_ratio_inverted(session):
    """Vehicle class (car, van, bus, lorry, car with trailer) from laser side profiles by a
    small relu CNN (Conv2D 16 and 32 with pooling, Dense 32 relu, softmax) under SGD with
    momentum 0.9 and a linear warm-up to 0.02 over 200 steps written as peak * warmup / step
    instead of peak * step / warmup: the first steps run at 4.0, 2.0, 1.3... and the rate only
    comes down to 0.02 by step 200. Batch 32, eight epochs: a burst to ~50 in the first steps,
    ~2 to ~18 for sixty steps, then ln 5 (~1.605) to the end, with 94% of the first
    convolution's units and all of the later layers' dead for every probe input; the warm-up
    written the right way round trains ~1.44 -> ~0.0004"""
    return _warmup_run(session, broken=True)


CONSISTENCY_STALL = 215  # read off the per-step loss


@holdout27("tollbridges", ["over_regularization"], stall_begins=CONSISTENCY_STALL)  # approximate
def consistency_weight_without_rampup(session):
    """A vehicle's tariff class from eight lane readings by a Dense 64-64 relu MLP trained as a
    Pi-model: two passes with GaussianNoise(0.3) on the readings and a consistency term, the
    mean squared difference of their class probabilities, weighted 100, the final weight of the
    recipe's ramp-up, applied from the first step. The term pays most for flat, hesitant class
    probabilities, and the cross-entropy rests far above the fit the weight 1 allows. Adam 2e-3,
    batch 32, eight epochs: ~1.44 -> ~0.70, level from about step 215, where the weight 1 trains
    ~0.71 -> ~0.14"""
    return _consistency_run(session, broken=True)
