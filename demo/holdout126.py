"""The hundred-and-twenty-sixth held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades, six runs each (three healthy, three broken): firefighters (a hose line's pressure
trace, dispatchers' severity votes, a crew's spread rating, burned hectares, emergency call
types, ember counts at a station), lifeguards (rip-current drift per second, wave heights, a
two-headed rescue model, beach zones, drone frames of the water, distress from sightings),
referees (foul types, match events, video reviews, movement traces, bookings per player,
offside zones) and umpires (strike-zone heat maps, spin axes, an evaluator's game grade,
at-bat sequences, raw tracking columns, plays at first base). Data are numpy generators with
seeds 12601..12636; the last PROBE_SIZE rows of each set are the probe. Every run was checked
only from its own loss curve under Session(None) with keras's seed 0 (as the runner sets it),
every broken one against the same helper with broken=False.

Healthy half (twelve runs, nothing to fix in the code). Firefighters: a hose-leak detector, a
Conv1D net with GroupNormalization, an eighth of the leak reports wrong (rests at ~0.38); a
softmax MLP fitted to the vote shares of seven dispatchers under KLDivergence (the votes are a
coarse sample of the true odds: flat at ~0.16); an ordinal spread rating as four cumulative
sigmoids under binary cross-entropy and RMSprop (~0.33). Lifeguards: per-second rip-current
tags from an LSTM and a TimeDistributed head with 8% wrong tags (~0.43); wave heights with
wind-dependent scatter under LogCosh, Nadam and a quadratic PolynomialDecay (~0.12); a
two-output model (distress by cross-entropy, distance by Huber, loss_weights 1 and 0.5,
~0.50). Referees: rare-class foul types under CategoricalFocalCrossentropy (~0.006); match
results from a masked Embedding (mask_zero) and a GRU with a tenth of results wrong (~0.43);
a custom GradientTape loop on half-moons under SGD with Nesterov momentum and
CosineDecayRestarts, whose loss bumps at each restart (~0.35). Umpires: strike calls from
heat maps with coin-toss borderline calls, a SeparableConv2D net (~0.42); spin axes under
CosineSimilarity with a UnitNormalization output and AdamW (negative, flat at ~-0.92); a game
grade from twelve calls through MultiHeadAttention with a residual LayerNormalization and
ReduceLROnPlateau (~0.12).

Broken half, one root cause each (broken final loss vs the fixed helper's):
- learning_rate_too_high, firefighters/burned_area_sum_reduction: MeanSquaredError built with
  reduction="sum" under an SGD-momentum rate meant for a batch mean, 64 times the step; the
  summed loss bounces between 12 and 27 from the second epoch (fixed: 0.16 as a mean, ~10 as
  a sum).
- dead_relus, firefighters/call_type_relu_positional: keras.layers.ReLU(slope) written by
  analogy with LeakyReLU(slope), slope 0 read as max_value=0: every unit is exactly 0 (1.61,
  the class prior, vs 0.10).
- non_finite_values, firefighters/ember_count_log1p_sentinel: log1p of the sensor's -1 'no
  reading' code is -inf; rows in file order, the first one in the batch of step 12; the loss
  is NaN from there on (fixed, median-imputed: 0.50).
- insufficient_capacity, lifeguards/beach_zone_one_unit_neck: twelve classes through a
  Dense(1, relu) neck pasted from a regressor's head (2.48 vs 0.004).
- saturated_activations, lifeguards/drone_frame_rescaling_offset: Rescaling(1 / 127.5,
  offset=-127.5), the offset written in pixel units, puts every pixel at about -127 before a
  tanh Conv2D: every filter pinned at +-1 whatever the frame (0.697 vs 0.073). The data are
  raw 0..255 pixels in both versions, as is usual with a Rescaling layer in the model.
- vanishing_gradients, lifeguards/distress_sigmoid_tower: a twelve-layer sigmoid tower under
  SGD with momentum (0.694, the prior, vs 0.43 for the relu/he_normal tower).
- learning_rate_too_low, referees/sprint_pattern_schedule_every_epoch: a LearningRateScheduler
  meant to divide by ten at epochs 8 and 12 divides every epoch; frozen at 0.705 from the
  third epoch (vs 0.016).
- over_regularization, referees/booking_player_embedding_l2: embeddings_regularizer=L2(1.0)
  holds the player table at zero, so the player's temper is lost (0.605 vs 0.454).
- poor_initialization, referees/offside_constant_kernels: Constant(0.1) kernels, every hidden
  unit identical for good (0.679 vs 0.278).
- exploding_gradients, umpires/at_bat_rnn_reservoir_init: a SimpleRNN's recurrent kernel
  RandomNormal(stddev=0.5) (spectral radius near 3, chaotic) under SGD with momentum and no
  clipping; the loss thrashes at 0.66-0.69 from the third epoch (fixed, orthogonal: 0.46 and
  falling). I did not measure the gradient norms (only the loss curves), so the growth of the
  gradients is what theory predicts for that regime, not something I saw.
- unnormalized_inputs, umpires/strike_call_raw_tracking: plate position in feet beside spin in
  rpm and an epoch-seconds clock (~1.7e9), unscaled into a relu MLP under Adam; the loss falls
  from 1.4e7 and then bounces between 2.7e5 and 7e5 (standardized, without the clock: 0.36).
- loss_activation_mismatch, umpires/play_at_first_logit_head: a logit head (Dense(1), no
  activation) under the "binary_crossentropy" string, which expects probabilities; it
  bounces between 0.36 and 0.54 after the first epoch (sigmoid head: 0.27, flat).

stall_begins: exact for ember_count_log1p_sentinel (step 12, file order) and None where the
broken loss is flat from the first epoch (dead relus, the one-unit neck, the saturated and
vanishing runs, the constant kernels). The others were read off the per-epoch loss, not the
per-step one, and are approximate (32 steps per epoch at batch 32, 16 at batch 64): the
summed-loss run and the logit head after the first or second epoch (32), the raw tracking
run after the first epoch (32), the every-epoch schedule and the reservoir RNN after the
second (64), the L2 embedding after the third (~100).

Dropped because they did not behave as intended: a Rescaling(25) 'gain' before a sigmoid MLP
meant for saturated_activations (the pinned sigmoids acted as step functions and the broken
run beat the fixed one); a SimpleRNN over tracks padded with padding="post" for
vanishing_gradients (the RNN carried the entry readings across ~40 zero steps and again beat
the fixed, "pre"-padded run); Dense(1, activation="softmax") under binary cross-entropy for the
loss/activation mismatch (keras 3 trained it exactly like the sigmoid head, identical losses);
log1p of the sentinel with relu hidden layers (the NaN weights were hidden by relu, which
returned 0 for NaN, and the loss stayed finite at ~0.69), so that run uses tanh layers.

Not written because earlier catalogues hold the mechanism: ReLU(threshold=6), ReLU(0.01) read
as max_value, Adadelta's rates, ExponentialDecay with decay_steps=1, Orthogonal recurrent
gains of 2-3, Gaussian negative log-likelihood heads, KLDivergence on a linear or integer
target, quantile, Huber and Poisson regressions alone, GaussianNoise and Dropout excess. The
KLDivergence, LogCosh, PolynomialDecay, CosineDecayRestarts, MultiHeadAttention and
SeparableConv2D runs here are healthy uses on new data. mask_zero and
CategoricalFocalCrossentropy appear in no earlier docstring; TimeDistributed,
GroupNormalization, UnitNormalization with CosineSimilarity and loss_weights appear in one or
two; the reduction="sum" slip, the Rescaling offset slip and the every-epoch scheduler were
chosen as new, judged from the docstrings only (not from the earlier catalogues' code).

Labelling convention: expected_causes[0] is the root cause the scenario was built around, and
only that one is listed; healthy runs list none.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ('firefighters', 'lifeguards', 'referees', 'umpires')
REGISTRY = []
holdout126 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE


def _rng(seed):
    return np.random.default_rng(seed)


def _std(x):
    return ((x - x.mean(axis=0)) / (x.std(axis=0) + 1e-8)).astype("float32")


def _flip(r, y, rate):
    """Binary labels with a fraction `rate` flipped (clerical and judgement errors)."""
    flip = r.uniform(size=y.shape) < rate
    return np.where(flip, 1 - y, y).astype("float32")


def _fit_many(session, model, inputs, targets, *, epochs, batch_size, callbacks=(),
              shuffle=True):
    """model.fit on lists of input and target arrays; the last PROBE_SIZE rows are the probe."""
    train_x = [a[:-PROBE_SIZE] for a in inputs]
    train_y = [a[:-PROBE_SIZE] for a in targets]
    probe = ([a[-PROBE_SIZE:] for a in inputs], [a[-PROBE_SIZE:] for a in targets])
    history = model.fit(
        train_x if len(train_x) > 1 else train_x[0],
        train_y if len(train_y) > 1 else train_y[0],
        epochs=epochs,
        batch_size=batch_size,
        shuffle=shuffle,
        verbose=0,
        callbacks=list(callbacks) + session.callbacks(
            (probe[0] if len(inputs) > 1 else probe[0][0],
             probe[1] if len(targets) > 1 else probe[1][0])),
    )
    return history.history["loss"]


# ---------------------------------------------------------------------------------------------
# data: firefighters


def _hose_traces(seed, n=N, length=48, flip=0.12):
    """Pump-pressure traces of a hose line; a leak is a step drop plus a small ripple."""
    r = _rng(seed)
    t = np.arange(length)
    leak = r.integers(0, 2, size=n)
    start = r.integers(8, length - 8, size=n)
    x = 1.0 + 0.15 * np.sin(t[None, :] / r.uniform(2, 6, size=(n, 1))) \
        + r.normal(0, 0.25, size=(n, length))
    after = t[None, :] >= start[:, None]
    x -= leak[:, None] * after * (0.6 + 0.2 * np.sin(2.1 * t[None, :]))
    x = (x - x.mean()) / x.std()
    return x[..., None].astype("float32"), _flip(r, leak, flip)


def _dispatch_votes(seed, n=N, dim=6, levels=4, voters=7):
    """Call features and the share of seven dispatchers who rated each severity level."""
    r = _rng(seed)
    x = r.normal(size=(n, dim))
    w = r.normal(0, 0.9, size=(dim, levels))
    logits = x @ w + 0.5 * np.sin(2 * x[:, :levels])
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    votes = np.stack([r.multinomial(voters, row) for row in p]) / voters
    return x.astype("float32"), votes.astype("float32")


def _spread_levels(seed, n=N, dim=5):
    """Weather and fuel at a fire; the crew rates the spread 0..4 (ordinal, noisy)."""
    r = _rng(seed)
    x = r.normal(size=(n, dim))
    latent = 1.2 * x[:, 0] - 0.9 * x[:, 1] + 0.6 * x[:, 2] * x[:, 3] + 0.5 * np.abs(x[:, 4])
    latent += r.logistic(0, 0.6, size=n)
    level = np.digitize(latent, [-1.5, -0.4, 0.6, 1.7])
    cumulative = (level[:, None] > np.arange(4)[None, :]).astype("float32")
    return x.astype("float32"), cumulative


def _burned_area(seed, n=N, dim=8):
    """Hectares burned (log, standardized) from weather and terrain features."""
    r = _rng(seed)
    x = r.normal(size=(n, dim))
    y = np.tanh(x[:, 0] + x[:, 1]) + 0.5 * x[:, 2] * x[:, 3] + 0.4 * np.sin(2 * x[:, 4])
    y += r.normal(0, 0.2, size=n)
    return x.astype("float32"), ((y - y.mean()) / y.std()).astype("float32")[:, None]


def _call_types(seed, n=N, dim=6, classes=5):
    """Call features (hour, district, caller words...) and the call type of five."""
    r = _rng(seed)
    centers = r.normal(0, 1.6, size=(classes, dim))
    y = r.integers(0, classes, size=n)
    x = centers[y] + r.normal(0, 1.0, size=(n, dim))
    x[:, 0] = np.sin(x[:, 0] * 1.5) + 0.3 * x[:, 0]
    return _std(x), y.astype("int32")


def _ember_counts(seed, n=N, dim=6, missing=(400, 611, 902)):
    """Station readings; the ember-count sensor writes -1 where it had no reading."""
    r = _rng(seed)
    x = r.normal(size=(n, dim))
    embers = r.poisson(np.exp(0.8 + 0.6 * x[:, 0])).astype("float64")
    y = (0.7 * np.log1p(embers) - 0.8 * x[:, 1] + 0.5 * x[:, 2] * x[:, 3]
         + r.logistic(0, 0.5, size=n) > 0.9).astype("float32")
    embers[list(missing)] = -1.0
    return x, embers, y


# ---------------------------------------------------------------------------------------------
# data: lifeguards


def _rip_tracks(seed, n=N, length=30, flip=0.08):
    """Per-second drift of a swimmer (offshore, alongshore, heading change); each second is
    labelled 'in a rip current' or not by the tower."""
    r = _rng(seed)
    x = r.normal(0, 1.0, size=(n, length, 3))
    y = np.zeros((n, length))
    for i in range(n):
        if r.uniform() < 0.6:
            a = r.integers(0, length - 6)
            b = a + r.integers(5, 14)
            y[i, a:b] = 1.0
            x[i, a:b, 0] += 1.1
            x[i, a:b, 1] -= 0.4 * np.sign(r.normal())
    y = _flip(r, y, flip)
    return x.astype("float32"), y[..., None]


def _wave_heights(seed, n=N):
    """Wind, fetch, tide and swell period; the wave height's scatter grows with the wind."""
    r = _rng(seed)
    x = r.normal(size=(n, 4))
    wind = np.exp(0.4 * x[:, 0])
    y = 0.9 * wind + 0.4 * np.tanh(x[:, 1]) + 0.2 * x[:, 3] + r.normal(0, 0.25 * wind)
    return x.astype("float32"), ((y - y.mean()) / y.std()).astype("float32")[:, None]


def _rescue_calls(seed, n=N, dim=7):
    """Sightings: whether the swimmer is in distress, and how far out they are."""
    r = _rng(seed)
    x = r.normal(size=(n, dim))
    distress = (x[:, 0] - 0.7 * x[:, 1] * x[:, 2] + r.logistic(0, 0.7, size=n) > 0.3)
    distance = 0.8 * x[:, 3] + 0.5 * np.abs(x[:, 4]) + r.normal(0, 0.4, size=n)
    distance = (distance - distance.mean()) / distance.std()
    return (x.astype("float32"), distress.astype("float32")[:, None],
            distance.astype("float32")[:, None])


def _zones(seed, n=N, dim=10, classes=12):
    """Sensor features of a sighting and the beach zone (of twelve) it came from."""
    r = _rng(seed)
    centers = r.normal(0, 2.2, size=(classes, dim))
    y = r.integers(0, classes, size=n)
    x = centers[y] + r.normal(0, 1.0, size=(n, dim))
    return _std(x), y.astype("int32")


def _drone_frames(seed, n=N, size=16):
    """Drone frames of the water (grey 0..255): waves, glints, and sometimes a swimmer."""
    r = _rng(seed)
    g = np.arange(size)
    y = r.integers(0, 2, size=n)
    waves = 110 + 25 * np.sin(g[None, :, None] * r.uniform(0.4, 1.2, size=(n, 1, 1))
                              + r.uniform(0, 6, size=(n, 1, 1)))
    img = waves + r.normal(0, 18, size=(n, size, size))
    cy, cx = r.uniform(2, size - 3, size=n), r.uniform(2, size - 3, size=n)
    blob = np.exp(-((g[None, :, None] - cy[:, None, None]) ** 2
                    + (g[None, None, :] - cx[:, None, None]) ** 2) / 2.0)
    img += y[:, None, None] * 70 * blob
    img = np.clip(img, 0, 255)
    return img[..., None].astype("float32"), y.astype("float32")[:, None]


# ---------------------------------------------------------------------------------------------
# data: referees


def _foul_types(seed, n=N, dim=8):
    """Incident features and the foul type of five; the last type (violent conduct) is rare."""
    r = _rng(seed)
    p = np.array([0.34, 0.28, 0.2, 0.14, 0.04])
    y = r.choice(5, size=n, p=p)
    centers = r.normal(0, 1.3, size=(5, dim))
    x = centers[y] + r.normal(0, 1.0, size=(n, dim))
    return _std(x), np.eye(5, dtype="float32")[y]


def _match_events(seed, n=N, max_len=30, vocab=24, flip=0.1):
    """Tokenised match events (0 is padding); the home side wins when its attacking events
    outnumber the away side's."""
    r = _rng(seed)
    x = np.zeros((n, max_len), dtype="int32")
    y = np.zeros(n)
    for i in range(n):
        length = r.integers(6, max_len + 1)
        events = r.integers(1, vocab, size=length)
        home = np.isin(events, [1, 2, 3, 4]).sum()
        away = np.isin(events, [5, 6, 7, 8]).sum()
        x[i, max_len - length:] = events
        y[i] = float(home > away) if home != away else float(r.uniform() < 0.5)
    return x, _flip(r, y, flip)


def _reviews(seed, n=N, flip=0.1):
    """Two replay measures of an incident; the review overturns the call in two interleaved
    half-moons."""
    r = _rng(seed)
    t = r.uniform(0, np.pi, size=n)
    y = r.integers(0, 2, size=n)
    x = np.where(y[:, None] == 0,
                 np.stack([np.cos(t), np.sin(t)], 1),
                 np.stack([1 - np.cos(t), 0.5 - np.sin(t)], 1))
    x = x + r.normal(0, 0.15, size=(n, 2))
    return _std(x), _flip(r, y, flip)[:, None]


def _sprint_traces(seed, n=N, length=40, classes=3):
    """Heart-rate and speed traces of a referee; three movement patterns (jog, sprint, recover)."""
    r = _rng(seed)
    y = r.integers(0, classes, size=n)
    t = np.arange(length)
    freq = np.array([0.15, 0.4, 0.25])[y]
    x = np.stack([np.sin(freq[:, None] * t[None, :] + r.uniform(0, 6, size=(n, 1))),
                  np.cos(0.5 * freq[:, None] * t[None, :])], -1)
    x += r.normal(0, 0.6, size=x.shape)
    return x.astype("float32"), y.astype("int32")


def _cards(seed, n=N, players=40, dim=4):
    """Whether a player is booked in a match: mostly the player's temper, plus the match."""
    r = _rng(seed)
    temper = r.normal(0, 1.6, size=players)
    player = r.integers(0, players, size=n)
    x = r.normal(size=(n, dim))
    logit = temper[player] + 0.6 * x[:, 0] - 0.4 * x[:, 1] - 0.5
    y = (r.uniform(size=n) < 1 / (1 + np.exp(-logit))).astype("float32")
    return player.astype("int32"), x.astype("float32"), y[:, None]


def _offside(seed, n=N, flip=0.03):
    """Attacker and last defender positions (normalised); offside calls on a 3x3 pattern of
    pitch zones."""
    r = _rng(seed)
    x = r.uniform(-1, 1, size=(n, 2))
    cell = np.floor((x + 1) * 1.5).astype(int)
    y = ((cell[:, 0] + cell[:, 1]) % 2).astype("int32")
    flip = r.uniform(size=n) < flip
    return x.astype("float32"), np.where(flip, 1 - y, y).astype("int32")


# ---------------------------------------------------------------------------------------------
# data: umpires


def _pitch_maps(seed, n=N, size=12):
    """Tracking heat maps of a pitch crossing the plate; the umpire calls a strike with a
    probability that falls off across the zone's edge (borderline calls are a coin toss)."""
    r = _rng(seed)
    cx, cy = r.uniform(1, size - 2, size=n), r.uniform(1, size - 2, size=n)
    g = np.arange(size)
    img = np.exp(-((g[None, :, None] - cy[:, None, None]) ** 2
                   + (g[None, None, :] - cx[:, None, None]) ** 2) / 3.0)
    img += r.normal(0, 0.15, size=img.shape)
    edge = np.minimum(np.minimum(cx - 3.0, size - 4.0 - cx), np.minimum(cy - 2.5, size - 3.5 - cy))
    y = (r.uniform(size=n) < 1 / (1 + np.exp(-2.0 * edge))).astype("float32")
    return img[..., None].astype("float32"), y[:, None]


def _spin_axes(seed, n=N, dim=6):
    """Release features of a pitch and its spin axis (a unit vector), measured with scatter."""
    r = _rng(seed)
    x = r.normal(size=(n, dim))
    axis = np.stack([np.tanh(x[:, 0]), 0.6 * x[:, 1] + 0.3 * x[:, 2], 1.0 + 0.5 * x[:, 3]], 1)
    axis += r.normal(0, 0.35, size=axis.shape)
    axis /= np.linalg.norm(axis, axis=1, keepdims=True)
    return x.astype("float32"), axis.astype("float32")


def _call_sequences(seed, n=N, length=12, dim=4):
    """An umpire's last twelve calls (difficulty, correctness, leverage, crowd) and the
    evaluator's grade of the game; the high-leverage calls weigh most."""
    r = _rng(seed)
    x = r.normal(size=(n, length, dim))
    weight = np.exp(x[:, :, 2])
    weight /= weight.sum(axis=1, keepdims=True)
    y = (weight * (x[:, :, 1] - 0.3 * x[:, :, 0])).sum(axis=1) * 2.0 + r.normal(0, 0.3, size=n)
    return x.astype("float32"), ((y - y.mean()) / y.std()).astype("float32")[:, None]


def _pitch_sequences(seed, n=N, length=30, dim=3):
    """Pitch-by-pitch features of an at-bat sequence; whether the batter reaches base."""
    r = _rng(seed)
    x = r.normal(size=(n, length, dim))
    score = x[:, -5:, 0].mean(axis=1) - x[:, :, 1].mean(axis=1) * 2.0
    y = (score + r.logistic(0, 0.3, size=n) > 0).astype("float32")
    return x.astype("float32"), y[:, None]


def _tracking_raw(seed, n=N):
    """Raw tracking columns of a pitch in their own units: plate x and z (ft), velocity (mph),
    spin (rpm), release extension (ft) and the game's epoch time (s); strike or ball."""
    r = _rng(seed)
    px, pz = r.normal(0, 0.9, size=n), r.normal(2.5, 0.9, size=n)
    mph, rpm = r.normal(91, 5, size=n), r.normal(2300, 250, size=n)
    ext = r.normal(6.3, 0.4, size=n)
    clock = 1.7e9 + r.uniform(0, 1.5e7, size=n)
    inside = (np.abs(px) < 0.83) & (pz > 1.6) & (pz < 3.4)
    y = np.where(r.uniform(size=n) < 0.06, ~inside, inside).astype("float32")
    x = np.stack([px, pz, mph, rpm, ext, clock], 1).astype("float32")
    return x, y[:, None]


def _plays_at_first(seed, n=N, length=32, flip=0.06):
    """Runner and ball sensor traces of a play at first base; out or safe."""
    r = _rng(seed)
    t = np.linspace(0, 1, length)
    runner = r.uniform(0.45, 0.75, size=n)
    ball = r.uniform(0.45, 0.75, size=n)
    x = np.stack([1 / (1 + np.exp(-(t[None, :] - runner[:, None]) * 30)),
                  1 / (1 + np.exp(-(t[None, :] - ball[:, None]) * 30))], -1)
    x += r.normal(0, 0.1, size=x.shape)
    y = (ball < runner).astype("float32")
    return x.astype("float32"), _flip(r, y, flip)[:, None]


# ---------------------------------------------------------------------------------------------
# firefighters


@holdout126("firefighters", healthy=True)
def hose_leak_groupnorm(session):
    """A hose line's pump-pressure trace (48 readings) says whether the line leaks: a Conv1D net
    with GroupNormalization and global pooling under Adam 2e-3; an eighth of the crews' leak
    reports are wrong, so the cross-entropy settles well above zero."""
    keras = _keras()
    x, y = _hose_traces(seed=12601)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, padding="same"),
        keras.layers.GroupNormalization(groups=4),
        keras.layers.Activation("relu"),
        keras.layers.Conv1D(16, 5, padding="same", activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y[:, None], epochs=14, batch_size=32)


@holdout126("firefighters", healthy=True)
def dispatcher_votes_kl(session):
    """Call features and the shares of seven dispatchers' severity votes (four levels): a
    softmax MLP fitted to the vote shares under KLDivergence with Adam 3e-3. Seven votes are a
    coarse sample of the call's true severity odds, so the divergence cannot reach zero and
    flattens at the votes' sampling noise."""
    keras = _keras()
    x, votes = _dispatch_votes(seed=12602)
    model = keras.Sequential([
        keras.Input((x.shape[1],)),
        keras.layers.Dense(48, activation="relu"),
        keras.layers.Dense(48, activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.KLDivergence())
    return _fit(session, model, x, votes, epochs=16, batch_size=32)


@holdout126("firefighters", healthy=True)
def spread_rating_ordinal(session):
    """A crew's fire-spread rating (0..4) from weather and fuel, modelled as an ordinal
    regression: four cumulative sigmoid outputs ('spread above level k') under binary
    cross-entropy, RMSprop 1e-3. The ratings carry logistic noise, so the loss rests at the
    noise's level after a smooth descent."""
    keras = _keras()
    x, cumulative = _spread_levels(seed=12603)
    model = keras.Sequential([
        keras.Input((x.shape[1],)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.RMSprop(1e-3), "binary_crossentropy")
    return _fit(session, model, x, cumulative, epochs=16, batch_size=32)


BURN_LR = 0.004


def _burned_area_sum(session, broken):
    keras = _keras()
    x, y = _burned_area(seed=12604)
    model = keras.Sequential([
        keras.Input((x.shape[1],)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1),
    ])
    # The recipe's SGD rate assumes a mean over the batch; reduction="sum" multiplies every
    # gradient by the batch size (64).
    reduction = "sum" if broken else "sum_over_batch_size"
    model.compile(keras.optimizers.SGD(BURN_LR, momentum=0.9),
                  keras.losses.MeanSquaredError(reduction=reduction))
    return _fit(session, model, x, y, epochs=14, batch_size=64)


@holdout126("firefighters", ["learning_rate_too_high"], stall_begins=32)  # approximate
def burned_area_sum_reduction(session):
    """Burned hectares (log, standardized) from weather and terrain, a 2x64 relu MLP under SGD
    0.05 with momentum 0.9, the rate of a recipe whose loss averages over the batch; the loss
    object was built with reduction="sum", so every step is 64 times as large as the recipe's
    and the loss bounces far above the recipe's level from the first epochs."""
    return _burned_area_sum(session, broken=True)


def _call_type_relu(session, broken):
    keras = _keras()
    x, y = _call_types(seed=12605)
    slope = 0.0  # the config's leak; 0 means a plain relu
    # keras.layers.ReLU's first positional argument is max_value, not the slope (LeakyReLU's):
    # ReLU(0.0) clips every unit to [0, 0].
    act = (lambda: keras.layers.ReLU(slope)) if broken else (lambda: keras.layers.ReLU())
    model = keras.Sequential([
        keras.Input((x.shape[1],)),
        keras.layers.Dense(64), act(),
        keras.layers.Dense(64), act(),
        keras.layers.Dense(5, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout126("firefighters", ["dead_relus"], stall_begins=None)
def call_type_relu_positional(session):
    """The type of an emergency call (five) from its features, an MLP whose activations come
    from a config with a leak slope of 0: written keras.layers.ReLU(slope) by analogy with
    LeakyReLU(slope), but ReLU's first argument is max_value, so every hidden unit is clipped
    to exactly 0 with zero gradient and only the output bias learns (the class priors)."""
    return _call_type_relu(session, broken=True)


def _ember_log1p(session, broken):
    keras = _keras()
    x, embers, y = _ember_counts(seed=12606)
    if not broken:
        embers = np.where(embers < 0, np.median(embers), embers)
    # log1p of the sensor's -1 'no reading' code is -inf.
    feature = np.log1p(embers)
    with np.errstate(invalid="ignore"):
        feature = (feature - 1.0) / 0.8
    inputs = np.concatenate([x, feature[:, None]], 1).astype("float32")
    model = keras.Sequential([
        keras.Input((inputs.shape[1],)),
        keras.layers.Dense(32, activation="tanh"),
        keras.layers.Dense(32, activation="tanh"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Adam(1e-3), keras.losses.BinaryCrossentropy(from_logits=True))
    return _fit(session, model, inputs, y[:, None], epochs=10, batch_size=32, shuffle=False)


@holdout126("firefighters", ["non_finite_values"], stall_begins=12)
def ember_count_log1p_sentinel(session):
    """Whether a station's fire escapes its first line, from weather readings and the ember
    count, which is fed as log1p(count); the ember sensor writes -1 when it has no reading
    (three rows), log1p(-1) is -inf, and the first batch holding one (step 12, the data are
    fed in file order) turns the loss and then every weight into NaN for the rest of the run."""
    return _ember_log1p(session, broken=True)


# ---------------------------------------------------------------------------------------------
# lifeguards


@holdout126("lifeguards", healthy=True)
def rip_current_tagging(session):
    """Per-second tagging of a swimmer's drift (30 seconds, three channels) as 'in a rip
    current': an LSTM returning sequences and a TimeDistributed sigmoid head under Adam 3e-3;
    the tower's per-second tags are wrong 8% of the time, so the loss flattens near that
    noise's entropy."""
    keras = _keras()
    x, y = _rip_tracks(seed=12611)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.LSTM(24, return_sequences=True),
        keras.layers.TimeDistributed(keras.layers.Dense(1, activation="sigmoid")),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout126("lifeguards", healthy=True)
def wave_height_logcosh(session):
    """Wave height from wind, fetch, tide and swell period, whose scatter grows with the wind
    (heteroscedastic): a 2x32 tanh MLP under LogCosh, Nadam with a quadratic PolynomialDecay
    from 3e-3 to 1e-4; the loss drops, then eases onto the noise floor as the rate runs out."""
    keras = _keras()
    x, y = _wave_heights(seed=12612)
    schedule = keras.optimizers.schedules.PolynomialDecay(3e-3, 18 * 32, 1e-4, power=2.0)
    model = keras.Sequential([
        keras.Input((x.shape[1],)),
        keras.layers.Dense(32, activation="tanh"),
        keras.layers.Dense(32, activation="tanh"),
        keras.layers.Dense(1),
    ])
    model.compile(keras.optimizers.Nadam(schedule), keras.losses.LogCosh())
    return _fit(session, model, x, y, epochs=18, batch_size=32)


@holdout126("lifeguards", healthy=True)
def rescue_two_heads(session):
    """One model for two questions about a sighting: is the swimmer in distress (sigmoid,
    binary cross-entropy) and how far out are they (linear, Huber), weighted 1 and 0.5, a
    shared relu trunk under Adam 2e-3. Both targets are noisy, so the summed loss settles well
    above zero."""
    keras = _keras()
    x, distress, distance = _rescue_calls(seed=12613)
    inputs = keras.Input((x.shape[1],))
    trunk = keras.layers.Dense(48, activation="relu")(inputs)
    trunk = keras.layers.Dense(48, activation="relu")(trunk)
    out_d = keras.layers.Dense(1, activation="sigmoid", name="distress")(trunk)
    out_r = keras.layers.Dense(1, name="distance")(trunk)
    model = keras.Model(inputs, [out_d, out_r])
    model.compile(keras.optimizers.Adam(2e-3),
                  loss=["binary_crossentropy", keras.losses.Huber()], loss_weights=[1.0, 0.5])
    return _fit_many(session, model, [x], [distress, distance], epochs=14, batch_size=32)


def _zone_bottleneck(session, broken):
    keras = _keras()
    x, y = _zones(seed=12614)
    # The penultimate layer was copied from the distance regressor's head: Dense(1, relu).
    width = 1 if broken else 32
    model = keras.Sequential([
        keras.Input((x.shape[1],)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(width, activation="relu"),
        keras.layers.Dense(12, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout126("lifeguards", ["insufficient_capacity"], stall_begins=None)
def beach_zone_one_unit_neck(session):
    """Which of twelve beach zones a sighting came from, a relu MLP whose penultimate layer was
    pasted from the distance regressor's head, Dense(1, relu): twelve classes must pass through
    one number, so the loss stays near the uniform guess (~2.48) while the 32-unit model's falls
    to ~0.004."""
    return _zone_bottleneck(session, broken=True)


def _drone_tanh(session, broken):
    keras = _keras()
    x, y = _drone_frames(seed=12615)
    # Meant: pixels to [-1, 1], Rescaling(1 / 127.5, offset=-1). The offset was written in
    # pixel units, but Rescaling adds it after scaling.
    offset = -127.5 if broken else -1.0
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Rescaling(1 / 127.5, offset=offset),
        keras.layers.Conv2D(12, 3, activation="tanh", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="tanh", padding="same"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(16, activation="tanh"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@holdout126("lifeguards", ["saturated_activations"], stall_begins=None)
def drone_frame_rescaling_offset(session):
    """Whether a drone frame of the water (16x16 grey pixels, 0..255) shows a swimmer, a small
    tanh Conv2D net under Adam whose first layer is Rescaling(1 / 127.5, offset=-127.5): the
    offset, meant to centre the pixels, was written in pixel units, but keras adds it after
    scaling, so every pixel reaches the first convolution as about -127; each tanh filter sits
    pinned at -1 or +1 whatever the frame, its slope underflows to zero, and the loss stays at
    the constant guess."""
    return _drone_tanh(session, broken=True)


def _risk_tower(session, broken):
    keras = _keras()
    x, y = _rescue_calls(seed=12616)[:2]
    # A twelve-layer sigmoid tower copied from an old course notebook (keras's glorot init);
    # the fixed version uses relu and he_normal.
    act, init = ("sigmoid", "glorot_uniform") if broken else ("relu", "he_normal")
    layers = [keras.Input((x.shape[1],))]
    layers += [keras.layers.Dense(32, activation=act, kernel_initializer=init)
               for _ in range(12)]
    layers.append(keras.layers.Dense(1, activation="sigmoid"))
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout126("lifeguards", ["vanishing_gradients"], stall_begins=None)
def distress_sigmoid_tower(session):
    """Whether a swimmer is in distress, from seven sighting features, through a twelve-layer
    sigmoid tower (32 units each, glorot init) copied from an old course notebook, under SGD
    with momentum: each sigmoid layer shrinks the backward signal by four or more, the lower
    layers receive almost nothing, and the loss sits near the class-prior level where the same
    tower with relu and he_normal learns the task."""
    return _risk_tower(session, broken=True)


# ---------------------------------------------------------------------------------------------
# referees


@holdout126("referees", healthy=True)
def foul_type_focal(session):
    """The foul type of an incident (five, the rarest 4%) from its features: a 2x48 relu MLP
    under CategoricalFocalCrossentropy with one-hot labels and Adam 2e-3. The classes overlap,
    so the focal loss (small by construction) eases down to a floor of ~0.006 and rests there."""
    keras = _keras()
    x, y = _foul_types(seed=12621)
    model = keras.Sequential([
        keras.Input((x.shape[1],)),
        keras.layers.Dense(48, activation="relu"),
        keras.layers.Dense(48, activation="relu"),
        keras.layers.Dense(5, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.CategoricalFocalCrossentropy())
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout126("referees", healthy=True)
def match_events_masked_gru(session):
    """The result of a match from its tokenised events (6..30, left-padded with 0): an
    Embedding with mask_zero=True feeding a GRU(24), Adam 3e-3. The outcome is a count
    comparison the GRU learns, but a tenth of the results are recorded wrong (and ties are a
    coin toss), so the loss flattens well above zero."""
    keras = _keras()
    x, y = _match_events(seed=12622)
    model = keras.Sequential([
        keras.Input((x.shape[1],), dtype="int32"),
        keras.layers.Embedding(24, 12, mask_zero=True),
        keras.layers.GRU(24),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x, y[:, None], epochs=14, batch_size=32)


@holdout126("referees", healthy=True)
def var_review_warm_restarts(session):
    """Whether a video review overturns the call, from two replay measures in interleaved
    half-moons, a hand-written GradientTape loop with SGD (Nesterov momentum 0.9) on a
    CosineDecayRestarts schedule (0.05, first period 128 steps, doubling): the loss steps down
    with each cycle and rests at the level of the tenth of reviews that go the other way."""
    keras = _keras()
    x, y = _reviews(seed=12623)
    schedule = keras.optimizers.schedules.CosineDecayRestarts(0.05, 128, t_mul=2.0)
    model = keras.Sequential([
        keras.Input((2,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1),
    ])
    optimizer = keras.optimizers.SGD(schedule, momentum=0.9, nesterov=True)
    loss = keras.losses.BinaryCrossentropy(from_logits=True)
    return _custom_loop(session, model, optimizer, loss, x, y, epochs=14, batch_size=32,
                        seed=12623)


def _sprint_schedule(session, broken):
    keras = _keras()
    x, y = _sprint_traces(seed=12624)

    def schedule(epoch, lr):
        # Meant: divide by 10 at epochs 8 and 12. Written without the milestone test.
        if broken:
            return lr * 0.1 if epoch > 0 else lr
        return lr * 0.1 if epoch in (8, 12) else lr

    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(16, 5, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=14, batch_size=32,
                callbacks=[keras.callbacks.LearningRateScheduler(schedule)])


@holdout126("referees", ["learning_rate_too_low"], stall_begins=64)  # approximate
def sprint_pattern_schedule_every_epoch(session):
    """A referee's movement pattern (jog, sprint, recover) from heart-rate and speed traces, a
    Conv1D net under Adam 2e-3 with a LearningRateScheduler meant to divide the rate by ten at
    epochs 8 and 12; the milestone test was left out, so the rate falls tenfold every epoch
    (2e-9 by epoch 7) and the loss freezes after the second epoch."""
    return _sprint_schedule(session, broken=True)


def _card_embedding(session, broken):
    keras = _keras()
    player, x, y = _cards(seed=12625)
    # A per-example penalty from a paper was pasted as the layer's coefficient: keras adds
    # it, summed over the whole table, to every batch's loss.
    reg = keras.regularizers.L2(1.0 if broken else 1e-5)
    p_in = keras.Input((1,), dtype="int32")
    x_in = keras.Input((x.shape[1],))
    emb = keras.layers.Flatten()(keras.layers.Embedding(40, 8, embeddings_regularizer=reg)(p_in))
    h = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([emb, x_in]))
    out = keras.layers.Dense(1, activation="sigmoid")(h)
    model = keras.Model([p_in, x_in], out)
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit_many(session, model, [player[:, None], x], [y], epochs=14, batch_size=32)


@holdout126("referees", ["over_regularization"], stall_begins=100)  # approximate
def booking_player_embedding_l2(session):
    """Whether a player is booked in a match, mostly a matter of the player's temper, from a
    player Embedding (40 players, 8 dims) and four match features; the embedding carries
    embeddings_regularizer=L2(1.0), a coefficient pasted from a paper's per-example penalty,
    so the table is held at zero, the player is ignored, and the loss levels off far above the
    lightly regularized model's."""
    return _card_embedding(session, broken=True)


def _offside_constant(session, broken):
    keras = _keras()
    x, y = _offside(seed=12626)
    init = keras.initializers.Constant(0.1) if broken else "he_normal"
    model = keras.Sequential([
        keras.Input((2,)),
        keras.layers.Dense(64, activation="relu", kernel_initializer=init),
        keras.layers.Dense(64, activation="relu", kernel_initializer=init),
        keras.layers.Dense(2, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@holdout126("referees", ["poor_initialization"], stall_begins=None)
def offside_constant_kernels(session):
    """Offside calls on a 3x3 pattern of pitch zones from two positions, a 2x64 relu MLP whose
    kernels were all initialised with Constant(0.1) to 'start small and equal': every hidden
    unit computes the same function and receives the same gradient, so the net acts as one
    unit per layer and the loss hangs near the constant guess."""
    return _offside_constant(session, broken=True)


# ---------------------------------------------------------------------------------------------
# umpires


@holdout126("umpires", healthy=True)
def strike_map_separable(session):
    """Strike or ball from a 12x12 tracking heat map of the pitch, a SeparableConv2D net under
    Adam 2e-3; the umpire's calls near the zone's edge are a coin toss, so the loss settles
    at the borderline calls' level."""
    keras = _keras()
    x, y = _pitch_maps(seed=12631)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.SeparableConv2D(12, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.SeparableConv2D(16, 3, activation="relu", padding="same"),
        keras.layers.Flatten(),
        keras.layers.Dense(24, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout126("umpires", healthy=True)
def spin_axis_cosine(session):
    """A pitch's spin axis (a unit vector) from release features, a relu MLP whose output is
    L2-normalised by UnitNormalization, under the CosineSimilarity loss and AdamW; the measured
    axes scatter, so the loss (minus the mean cosine) levels off above -1."""
    keras = _keras()
    x, axis = _spin_axes(seed=12632)
    model = keras.Sequential([
        keras.Input((x.shape[1],)),
        keras.layers.Dense(48, activation="relu"),
        keras.layers.Dense(48, activation="relu"),
        keras.layers.Dense(3),
        keras.layers.UnitNormalization(),
    ])
    model.compile(keras.optimizers.AdamW(2e-3), keras.losses.CosineSimilarity())
    return _fit(session, model, x, axis, epochs=14, batch_size=32)


@holdout126("umpires", healthy=True)
def game_grade_attention_plateau_lr(session):
    """An evaluator's grade of an umpire's game from the last twelve calls, a MultiHeadAttention
    block (2 heads) with a residual LayerNormalization and average pooling, Adam 2e-3 and
    ReduceLROnPlateau (halve after two flat epochs); the grade carries scatter, so the MSE
    flattens well above zero while the rate steps down."""
    keras = _keras()
    x, y = _call_sequences(seed=12633)
    inputs = keras.Input(x.shape[1:])
    h = keras.layers.Dense(16)(inputs)
    att = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.LayerNormalization()(h + att)
    h = keras.layers.GlobalAveragePooling1D()(h)
    out = keras.layers.Dense(1)(keras.layers.Dense(16, activation="relu")(h))
    model = keras.Model(inputs, out)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    plateau = keras.callbacks.ReduceLROnPlateau("loss", factor=0.5, patience=2, min_delta=1e-3)
    return _fit(session, model, x, y, epochs=16, batch_size=32, callbacks=[plateau])


RNN_LR = 0.02


def _at_bat_rnn(session, broken):
    keras = _keras()
    x, y = _pitch_sequences(seed=12634)
    # A recurrent init copied from a reservoir-computing demo (spectral radius ~3).
    recurrent = keras.initializers.RandomNormal(stddev=0.5) if broken else "orthogonal"
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.SimpleRNN(32, recurrent_initializer=recurrent),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.SGD(RNN_LR, momentum=0.9), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout126("umpires", ["exploding_gradients"], stall_begins=64)  # approximate
def at_bat_rnn_reservoir_init(session):
    """Whether the batter reaches base, from the pitch-by-pitch features of a 30-pitch
    sequence, a SimpleRNN(32) under SGD with momentum and no clipping, whose recurrent kernel
    was initialised RandomNormal(stddev=0.5) as in a reservoir-computing demo (spectral radius
    near 3): the state runs chaotic, the gradients through time grow by orders of magnitude
    and the loss thrashes near chance instead of falling."""
    return _at_bat_rnn(session, broken=True)


def _raw_tracking(session, broken):
    keras = _keras()
    x, y = _tracking_raw(seed=12635)
    if not broken:
        x = _std(x[:, :5].astype("float64"))
    model = keras.Sequential([
        keras.Input((x.shape[1],)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout126("umpires", ["unnormalized_inputs"], stall_begins=32)  # approximate
def strike_call_raw_tracking(session):
    """Strike or ball from raw tracking columns in their own units, plate position in feet next
    to spin in rpm (~2300) and the game's epoch time in seconds (~1.7e9), fed to a relu MLP
    under Adam without scaling: the clock and spin swamp every unit, and the loss stalls at
    the prior while the standardized table (without the clock) learns the zone."""
    return _raw_tracking(session, broken=True)


def _play_at_first(session, broken):
    keras = _keras()
    x, y = _plays_at_first(seed=12636)
    # The head was changed to emit logits, but the loss string still means probabilities:
    # keras clips the raw scores into [1e-7, 1 - 1e-7] and the clipped ones pass no gradient.
    head = keras.layers.Dense(1, activation=None if broken else "sigmoid")
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.Conv1D(16, 5, activation="relu", padding="same"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(16, activation="relu"),
        head,
    ])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@holdout126("umpires", ["loss_activation_mismatch"], stall_begins=32)  # approximate
def play_at_first_logit_head(session):
    """Out or safe at first base from runner and ball sensor traces, a Conv1D net whose head
    was switched to raw logits (Dense(1), no activation) for a from_logits loss that was never
    written: the compile string "binary_crossentropy" still expects probabilities, keras clips
    the scores into [1e-7, 1 - 1e-7], every score outside that band passes no gradient, and
    the loss stays far above the sigmoid head's."""
    return _play_at_first(session, broken=True)
