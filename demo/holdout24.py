"""The twenty-fourth held-out catalogue: written by someone who did not read the engine or run the
diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History and the per-step loss, in a throwaway script with the runner's seed)
against the noise put into its data, and every broken one against the same model trained without
its mistake (each `_..._run(session, broken)` trains both).

Half of it is healthy-but-imperfect training: ferry crossing minutes as three quantiles under
the pinball loss through a vessel Embedding (two inputs) under a one-cycle rate, sea states from
wave-radar frames by a ConvLSTM2D with bridge officers who disagree by one state, cars left on
the quay under a negative binomial likelihood in a hand-written GRU loop, apple grades by a CNN
with BatchNormalization and label smoothing under SGD with Nesterov momentum, the share of buds
a frost killed under binary cross-entropy on counted fractions (at its entropy floor), scab
infection periods of which only those a scout confirmed are recorded (positive-unlabelled) in a
hand-written LSTM loop, theatre attendance from three sources of growing noise fitted cleanest
first without shuffling (a sawtooth within every epoch), review stars by a text CNN under AdamW,
survey scores by a GRU with additive attention under Huber and an exponential decay, radiograph
defects by a CNN with GroupNormalization, tensile strength under a Laplace likelihood with
heavy-tailed scatter, and rare cold shuts by a Conv1D net on a table with the positives repeated
four times.

The broken half: a Huber loss's SGD rate kept after the switch to squared error, a roll model
trained on its own free-running 32-step rollout, a heading model's UnitNormalization head kept
for the current vector, columns divided by their variance, a monotone (NonNeg) net for a
temperature optimum, the residual scaling of 0.1 applied after the add, a correlation loss with
no floor meeting a sold-out run, the resume command's initial_epoch left in front of a cosine
plan, chrono forget-gate biases drawn from the wrong range, Rescaling's offset not divided by
its scale in front of tanh layers, a hand-written hard-swish with the shift's sign flipped and
adversarial training at the digit benchmark's epsilon. Each of the twelve causes is the root
cause of exactly one run.

Dropped or replaced because they did not behave as intended: an SGD rate tuned on a 16-unit
prototype kept for a 512-unit MLP, for the rate too high (under Keras's Glorot initialisation
the stable rate did not shrink with the width: both nets trained at 0.1, the 16-unit one died at
0.2 and the 512-unit one went NaN there; the Huber rate replaced it); a Gaussian likelihood with
an unfloored log-variance on whole-minute delays with exact zeros, for the exploding gradients
(neither SGD nor Adam blew up or produced a NaN, the loss fell to ~-0.5); a learned softmax
temperature dividing the logits, meant to collapse to zero (under SGD it grew to ~11 and the net
trained slowly, under Adam it trained); BatchNormalization called with training=False in a
12-block residual MLP (its curve was the same as the model without it, which also went NaN under
SGD 0.01 with momentum, and a run took 15-33 s); a crossing time computed as distance over a
linear speed output (the loss fell from ~1e8 to ~1e5 under Adam and was still falling, sat at
~5500 under SGD, and the fixed head went NaN under SGD); a focal loss with gamma -2 (it sat at
~0.61 with no growth of the gradients: the loss rewards unsure outputs); a rollout model whose
last layer started at zero (no explosion: it stalled at ~0.44 instead, so the default
initialisation was kept); class weights inverse to the class counts with a single-example class
(weight ~410) under SGD with momentum, for the dead relus (89% of the second layer died, but the
weighted loss swung between ~2 and ~35 every epoch instead of stalling); a position Embedding at
N(0, 1), PyTorch's default, beside Keras's uniform token Embedding, for the poor initialisation
(it lost about an epoch and then trained like the default, ~0.64 against ~0.66); a tanh
SimpleRNN with the IRNN recipe's identity recurrence, for the saturation (on the on-sale curves
the default SimpleRNN did not train either, ~0.99, and the identity one did better, ~0.70); a
Gaussian likelihood whose standard deviation went through a sigmoid on elongation in %, for the
loss/activation mismatch (the mean head kept learning, ~10 to ~8.1 and still falling); an
LRU-style diagonal recurrence with its decay written exp(nu) for exp(-exp(nu)), for the
vanishing gradients (it stalled at ~1.0 against ~0.54, but forgets the early steps the same way
as the chrono run, which was kept); and the monotone net with the output layer's NonNeg
constraint set after the layer was built (Keras attaches a constraint to the weight when it is
created, so the output stayed free and the net trained to ~0.18; the constraint now goes in the
constructor). Controls and mistakes retuned before their check: the crossing minutes first had
unlogged minutes of ~3% of the variance (the pinball loss sat near ~0.04) and now ~21%; the
frost nights first killed no bud on 69% of them and are now colder; the scab records first had
75% infection periods, now ~35%; the scab loop at Adam 3e-3 rose in its last epoch (~0.29 to
~0.32) and runs at 1.5e-3; the delays' incident tail first left the squared-error fix at ~0.65
and was made lighter; the variance-scaled run first trained for ten epochs with the nutrients
carrying more of the yield (it crept down ~1% an epoch either way; eight epochs kept).

Labels follow `scenarios.py`: `expected_causes[0]` is the root cause the scenario was built
around, a second cause only where that symptom is genuinely present too; `stall_begins` is the
optimizer step from which the loss stops improving (None: from the start), exact where an event
of the scenario causes it, otherwise read off the per-step loss and marked approximate.
"""

import math

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("ferries", "orchards", "theatres", "foundries")

REGISTRY = []

holdout24 = registrar(REGISTRY)


# ---------------------------------------------------------------------------------------------
# data (new generators: none of data.py's or the other held-out catalogues')


def _rng(seed):
    return np.random.default_rng(seed)


def _std(v):
    return ((v - v.mean()) / v.std()).astype("float32")


def _cols(x):
    return ((x - x.mean(0)) / x.std(0)).astype("float32")


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


# ferries -------------------------------------------------------------------------------------

VESSELS = 8
ROUTES = 3


def crossings(n, seed):
    """Ferry crossings: the vessel (of VESSELS, each with its own service speed), the route (of
    ROUTES, 9 to 22 nautical miles), the wind (head and cross components, m/s), the significant
    wave height (m), the tidal stream along the route (knots), cars and lorries aboard, the
    hour and fog. The speed over the ground is the vessel's service speed less a head-wind and
    a wave penalty, plus the tide, less the load and fog; the crossing takes the distance over
    that speed plus the loading and berthing minutes, which grow with the vehicles. Returns a
    dict with the vessel, standardised numeric features `x`, the crossing minutes and the parts
    of the timetable."""
    r = _rng(seed)
    vessel = r.integers(0, VESSELS, n)
    route = r.integers(0, ROUTES, n)
    length = np.array([9.0, 14.5, 22.0])[route]
    service = _rng(seed + 1).uniform(14.0, 19.0, VESSELS)[vessel]
    wind = r.gamma(2.2, 3.5, n)
    angle = r.uniform(0, np.pi, n)  # 0: head wind, pi: following wind
    waves = 0.08 * wind ** 1.4 * r.uniform(0.7, 1.3, n)
    tide = r.normal(0, 1.2, n)
    cars = r.integers(20, 260, n)
    lorries = r.poisson(8, n)
    hour = r.uniform(5, 23, n)
    fog = (r.random(n) < 0.08).astype(float)
    load = (cars * 1.5 + lorries * 25.0) / 700.0
    head = np.cos(angle)
    speed = (service - 0.06 * wind * head * (wind > 6) - 0.9 * np.maximum(waves - 1.0, 0) ** 1.5
             + tide - 0.8 * load - 3.0 * fog)
    speed = np.maximum(speed, 6.0)
    minutes = 60 * length / speed + 9.0 + 0.04 * cars + 0.5 * lorries
    h = 2 * np.pi * hour / 24
    x = np.column_stack([np.eye(ROUTES)[route], wind * head, wind * np.sin(angle), waves, tide,
                         cars, lorries, np.sin(h), np.cos(h), fog])
    return dict(vessel=vessel.astype("int32"), x=_cols(x), minutes=minutes, length=length,
                service=service)


def arrival_delays(n, seed):
    """The arrival delay in whole minutes against the timetable (the distance at the service
    speed less half a knot, plus twelve harbour minutes), never below zero, with the skipper's
    scatter and a heavy tail of incidents (a lorry that will not start, a berth still occupied,
    a medical call: Pareto, tail index 1.6, on 6% of the crossings). Returns (the crossing
    dict, delay [n])."""
    d = crossings(n, seed)
    r = _rng(seed + 5)
    timetable = 60 * d["length"] / (d["service"] - 0.5) + 12.0
    late = d["minutes"] - timetable + r.normal(0, 1.5, n)
    incident = r.random(n) < 0.06
    late = late + incident * r.pareto(1.6, n) * 4.0
    return d, np.round(np.maximum(late, 0.0))


RADAR_FRAMES = 6
RADAR_SIDE = 12
SEA_STATES = ("slight", "moderate", "rough", "very_rough")


def radar_frames(n, seed, frames=RADAR_FRAMES, side=RADAR_SIDE):
    """Six frames, two seconds apart, of the X-band wave radar's backscatter around the bow
    (12 x 12 cells): wave crests as a travelling pattern of two wave systems (the wind sea and
    a swell) whose height, length and speed grow with the sea state, over sea clutter and the
    radar's speckle. Returns ([n, frames, side, side, 1] float32 standardised, the sea state
    [n])."""
    r = _rng(seed)
    state = r.integers(0, 4, n)
    yy, xx = np.mgrid[0:side, 0:side].astype(float)
    t = np.arange(frames)[:, None, None]
    out = np.zeros((n, frames, side, side))
    for i in range(n):
        s = state[i]
        amp = (0.35 + 0.35 * s) * r.uniform(0.75, 1.3)
        wavelength = (3.0 + 1.4 * s) * r.uniform(0.85, 1.15)
        speed = np.sqrt(wavelength) * 0.5
        a = r.uniform(0, 2 * np.pi)
        k = 2 * np.pi / wavelength
        along = xx * np.cos(a) + yy * np.sin(a)
        sea = amp * np.sin(k * (along[None] - speed * t) + r.uniform(0, 2 * np.pi))
        b = a + r.normal(0, 0.6)
        swell = 0.4 * r.uniform(0.2, 1.0) * np.sin(
            2 * np.pi / 7.0 * (xx * np.cos(b) + yy * np.sin(b))[None] - 0.9 * t)
        out[i] = np.maximum(sea + swell, -0.3) + 0.45 * r.normal(size=(frames, side, side))
    out = (out - out.mean()) / out.std()
    return out[..., None].astype("float32"), state.astype("int32")


HISTORY = 12


def sailing_histories(n, seed, steps=HISTORY):
    """The last twelve sailings of a route before the one to forecast: bookings as a share of
    the car deck, the no-show share, the wind (m/s) and whether it was a weekend sailing.
    Cars left on the quay at the next sailing follow the bookings' trend over the last
    sailings and the weather: a negative binomial count (mean ~1.0, variance ~3: a cancelled
    crossing before strands many at once). Returns ([n, steps, 4] float32 standardised per
    channel, cars left behind [n])."""
    r = _rng(seed)
    base = r.uniform(0.5, 1.0, (n, 1))
    trend = r.normal(0, 0.02, (n, 1))
    k = np.arange(steps)[None, :]
    weekend = ((k + r.integers(0, 7, (n, 1))) % 7 >= 5).astype(float)
    booked = np.clip(base + trend * (k - steps) + 0.12 * weekend
                     + 0.06 * r.normal(size=(n, steps)), 0.1, 1.3)
    noshow = np.clip(0.08 + 0.04 * r.normal(size=(n, steps)), 0, 0.4)
    wind = r.gamma(2.0, 4.0, (n, 1)) + 2.0 * r.normal(size=(n, steps))
    nxt = booked[:, -1] + 2 * trend[:, 0] + 0.12 * ((weekend[:, -1] == 0) & (weekend[:, -2] == 0))
    excess = nxt - 0.95 + 0.5 * (wind[:, -3:].mean(1) > 14) * 0.2
    mean = 0.4 + 12.0 * np.maximum(excess, 0) + 1.0 * _sigmoid((wind[:, -1] - 15) / 2)
    dispersion = 0.8
    lam = r.gamma(1 / dispersion, dispersion * mean)
    left = r.poisson(lam)
    x = np.stack([booked, noshow, wind, weekend], -1)
    x = (x - x.mean((0, 1))) / x.std((0, 1))
    return x.astype("float32"), left.astype("float32")


ROLL_STEPS = 32


def roll_records(n, seed, steps=ROLL_STEPS):
    """A ferry's roll angle and roll rate every second under beam seas: a damped oscillator
    (natural period 8-13 s, damping 3-12%) driven by the wave moment the wave radar measures,
    integrated in 0.1 s steps, with the gyro's noise. Returns (roll states [n, steps + 1, 2]
    standardised, wave moment [n, steps, 1] standardised)."""
    r = _rng(seed)
    w0 = 2 * np.pi / r.uniform(8.0, 13.0, n)
    zeta = r.uniform(0.03, 0.12, n)
    wave_w = 2 * np.pi / r.uniform(6.0, 14.0, n)
    amp = r.gamma(2.0, 0.5, n)
    phase = r.uniform(0, 2 * np.pi, n)
    th = r.normal(0, 2.0, n)
    om = r.normal(0, 0.8, n)
    states = np.zeros((n, steps + 1, 2))
    waves = np.zeros((n, steps, 1))
    states[:, 0] = np.stack([th, om], -1)
    for k in range(steps):
        m = amp * np.sin(wave_w * k + phase) + 0.1 * r.normal(size=n)
        waves[:, k, 0] = m
        for _ in range(10):
            acc = -w0 ** 2 * th - 2 * zeta * w0 * om + 0.6 * m
            om = om + 0.1 * acc
            th = th + 0.1 * om
        states[:, k + 1] = np.stack([th + 0.05 * r.normal(size=n), om + 0.02 * r.normal(size=n)],
                                    -1)
    s_scale = states.reshape(-1, 2).std(0)
    return (states / s_scale).astype("float32"), (waves / waves.std()).astype("float32")


def tidal_currents(n, seed):
    """The tidal stream (east and north components, knots) at the mid-channel buoy: a tidal
    ellipse whose axis swings a little through the tide, scaled by the day's tidal range
    (springs and neaps), plus wind drift and the river's outflow, and the current meter's
    noise. Features: the tide's phase (hours since high water, as sine and cosine), the range
    (m), the wind's components (m/s) and the log river discharge. Returns (raw features [n, 6],
    current [n, 2])."""
    r = _rng(seed)
    phase = r.uniform(0, 12.42, n)
    tidal_range = r.uniform(2.0, 6.0, n)
    wind_e = r.normal(0, 6, n)
    wind_n = r.normal(0, 6, n)
    river = r.gamma(2.0, 150.0, n)
    w = 2 * np.pi * phase / 12.42
    speed = 0.55 * tidal_range * np.cos(w)  # flood positive, ebb negative
    axis = np.deg2rad(35.0) + 0.25 * np.sin(w)
    u = speed * np.cos(axis) + 0.3 * np.sin(w) * np.sin(axis) + 0.02 * wind_e - 0.0012 * river
    v = speed * np.sin(axis) - 0.3 * np.sin(w) * np.cos(axis) + 0.02 * wind_n - 0.0006 * river
    x = np.column_stack([np.sin(w), np.cos(w), tidal_range, wind_e, wind_n, np.log(river)])
    return x, np.stack([u, v], -1) + 0.12 * r.normal(size=(n, 2))


# orchards ------------------------------------------------------------------------------------

APPLE_SIDE = 16
APPLE_GRADES = ("sound", "bruise", "scab", "russet")


def apple_patches(n, seed, noise=0.05):
    """16 x 16 RGB crops of apple skin on the grading line: a red blush over the green ground
    colour with lenticels, and three defects: a bruise (a soft, darker, browner patch), scab
    (a few small dark olive spots) and russet (a rough brown netted area). Returns ([n, 16, 16,
    3] float32 in [0, 1], grade [n])."""
    r = _rng(seed)
    kind = r.integers(0, 4, n)
    yy, xx = np.mgrid[0:APPLE_SIDE, 0:APPLE_SIDE].astype(float)
    out = np.zeros((n, APPLE_SIDE, APPLE_SIDE, 3))
    for i in range(n):
        a = r.uniform(0, 2 * np.pi)
        blush = _sigmoid(((xx - 7.5) * np.cos(a) + (yy - 7.5) * np.sin(a)) / r.uniform(2, 5)
                         + r.normal(0, 1))
        red = 0.35 + 0.5 * blush
        green = 0.6 - 0.35 * blush
        blue = 0.18 + 0.05 * r.normal()
        img = np.stack([red, green, np.full_like(red, blue)], -1)
        for _ in range(r.integers(6, 12)):  # lenticels
            py, px = r.integers(0, APPLE_SIDE, 2)
            img[py, px] += 0.12
        if kind[i] == 1:
            c = r.uniform(4, 12, 2)
            rad = r.uniform(2.5, 4.5)
            soft = np.exp(-(((yy - c[0]) ** 2 + (xx - c[1]) ** 2) / (2 * rad ** 2)))
            brown = np.array([0.6, 0.3, 0.0])
            img = img * (1 - 0.35 * soft[..., None]) + 0.08 * soft[..., None] * brown
        elif kind[i] == 2:
            for _ in range(r.integers(3, 7)):
                py, px = r.uniform(1, 15, 2)
                spot = ((yy - py) ** 2 + (xx - px) ** 2) < r.uniform(0.6, 1.6)
                img[spot] = np.array([0.22, 0.26, 0.12])
        elif kind[i] == 3:
            c = r.uniform(3, 13, 2)
            area = (((yy - c[0]) / r.uniform(2.5, 5)) ** 2
                    + ((xx - c[1]) / r.uniform(2.5, 5)) ** 2) < 1
            net = area & (r.random((APPLE_SIDE, APPLE_SIDE)) < 0.7)
            img[net] = 0.5 * img[net] + 0.5 * np.array([0.55, 0.4, 0.22])
        out[i] = img
    out = out + noise * r.normal(size=out.shape)
    return np.clip(out, 0, 1).astype("float32"), kind.astype("int32")


BUDS = 20


def frost_nights(n, seed, buds=BUDS):
    """Spring frost nights in an orchard block: the minimum temperature (C), the hours below
    -1 C, the bud stage (0 dormant .. 6 petal fall: hardiness falls as the buds open), the
    wind (a breeze mixes warmer air down), the cloud cover, whether the frost fans ran and the
    block's height above the valley floor (cold air pools low). The share of buds killed
    follows a logistic hardiness curve (the temperature that kills half the buds at each
    stage); the advisor cuts twenty buds and counts the dead ones. Returns (features [n, 7]
    float32 standardised, the counted share killed [n], the true kill probability [n])."""
    r = _rng(seed)
    stage = r.integers(0, 7, n)
    tmin = r.normal(-4.5, 2.5, n)
    hours = np.maximum(0, r.normal(3.0 - 0.8 * tmin, 1.5, n))
    wind = r.gamma(1.5, 1.2, n)
    cloud = r.uniform(0, 1, n)
    fans = (r.random(n) < 0.3).astype(float)
    height = r.uniform(0, 40, n)
    leaf_t = tmin + 0.25 * wind + 1.2 * cloud + 1.5 * fans + 0.04 * height
    lt50 = np.array([-12.0, -9.5, -7.0, -5.0, -3.8, -2.8, -2.2])[stage]
    p = _sigmoid((lt50 - leaf_t) / 0.9 + 0.08 * hours)
    killed = r.binomial(buds, p) / buds
    x = np.column_stack([tmin, hours, stage, wind, cloud, fans, height])
    return _cols(x), killed.astype("float32"), p


WET_HOURS = 48


def wetness_logs(n, seed, hours=WET_HOURS):
    """Two days of an orchard weather station, hour by hour: leaf wetness (0/1, from the
    sensor), temperature (C), rain (mm) and relative humidity (%). An apple scab infection
    period needs a run of wet hours that is shorter the warmer the leaves (a Mills table: ~17
    h at 18 C and above, ~39 h at 4 C) after rain has released the spores. Returns ([n, hours, 4]
    float32 standardised per channel, infection [n])."""
    r = _rng(seed)
    temp = r.normal(11.0, 4.0, (n, 1)) + 3.0 * np.sin(
        2 * np.pi * (np.arange(hours)[None, :] - 9 - r.uniform(0, 3, (n, 1))) / 24)
    rain_start = r.integers(0, hours - 6, n)
    rain_len = r.integers(0, 14, n)
    k = np.arange(hours)[None, :]
    raining = (k >= rain_start[:, None]) & (k < (rain_start + rain_len)[:, None])
    rain = raining * r.gamma(1.5, 0.8, (n, hours))
    dry_from = rain_start + rain_len + r.integers(0, 24, n)
    wet = (k >= rain_start[:, None]) & (k < dry_from[:, None]) & (rain_len[:, None] > 0)
    wet = wet | (r.random((n, hours)) < 0.05)
    rh = np.clip(70 + 25 * wet + 4 * r.normal(size=(n, hours)), 30, 100)
    run = np.zeros(n)
    cur = np.zeros(n)
    t_wet = np.zeros(n)
    for h in range(hours):
        cur = np.where(wet[:, h], cur + 1, 0)
        t_wet = np.where(wet[:, h], t_wet + temp[:, h], t_wet)
        run = np.maximum(run, cur)
    mean_t = np.where(run > 0, t_wet / np.maximum(cur, 1), temp.mean(1))
    need = 9.0 + 22.0 * np.exp(-(np.clip(mean_t, 0, 25) - 4.0) / 5.0) * (mean_t < 18) + 8.0
    infection = (rain_len > 0) & (run >= need)
    x = np.stack([wet.astype(float), temp, rain, rh], -1)
    x = (x - x.mean((0, 1))) / x.std((0, 1))
    return x.astype("float32"), infection


LEAF_COLUMNS = ("leaf_n_pct", "leaf_p_pct", "leaf_k_pct", "leaf_ca_pct", "soil_ph",
                "soil_mg_ppm", "chill_hours", "growing_degree_days", "trunk_cm2",
                "fruits_per_tree", "irrigation_mm")


def block_records(n, seed):
    """Orchard block-years as the farm office's table holds them, in the units of the lab and
    the stations (LEAF_COLUMNS): leaf nitrogen, phosphorus, potassium and calcium (% dry
    weight), soil pH and magnesium (ppm), the winter's chill hours, the season's growing
    degree days, the trunk's cross-section (cm2, the canopy), the fruits left per tree after
    thinning and the irrigation (mm). Yield (t/ha) is the crop load on the canopy, smaller
    fruit on heavy crops, limited by chill, heat, water, pH and nutrition. Returns (raw
    values [n, 11], yield [n])."""
    r = _rng(seed)
    n_pct = r.normal(2.3, 0.22, n)
    p_pct = r.normal(0.19, 0.03, n)
    k_pct = r.normal(1.35, 0.28, n)
    ca_pct = r.normal(1.3, 0.25, n)
    ph = r.normal(6.4, 0.5, n)
    mg = r.gamma(6.0, 25.0, n)
    chill = r.normal(1050.0, 220.0, n)
    gdd = r.normal(1750.0, 260.0, n)
    age = r.uniform(3.0, 25.0, n)
    trunk = 8.0 * age + r.normal(0, 20.0, n) + 30.0
    fruits = r.gamma(5.0, 1.2, n) * trunk
    irr = r.normal(320.0, 110.0, n)
    load = fruits / trunk
    canopy = np.tanh(trunk / 160.0)
    size = 1.0 / (1.0 + 0.12 * load)
    nutrition = 0.9 + 0.1 * np.exp(-((n_pct - 2.4) / 0.35) ** 2) * _sigmoid((k_pct - 1.0) / 0.12)
    chill_ok = _sigmoid((chill - 800.0) / 80.0)
    heat = np.exp(-((gdd - 1800.0) / 450.0) ** 2)
    water = _sigmoid((irr - 200.0) / 50.0)
    ph_penalty = 1.0 - 0.06 * (ph - 6.5) ** 2
    bitter_pit = _sigmoid((ca_pct - 1.0) / 0.15)
    tonnes = (9.0 * load * canopy * size * nutrition * chill_ok * heat * water * ph_penalty
              * (0.8 + 0.2 * bitter_pit) + 0.005 * mg)
    x = np.column_stack([n_pct, p_pct, k_pct, ca_pct, ph, mg, chill, gdd, trunk, fruits, irr])
    return x, tonnes


def bloom_records(n, seed):
    """Bloom periods of orchard blocks: the mean day temperature during bloom (C), the hours
    warm, dry and calm enough for bees, the frost hours at full bloom, the rain days, the share
    of pollinizer trees, the hives per hectare and leaf boron (ppm). Fruit set (% of the
    flowers) needs pollen tubes to reach the ovules before the ovules age: the tubes are slow
    in the cold and the ovules short-lived in the heat, so set has an optimum near 17.5 C; it
    grows with bee visits and pollinizers and falls with frost and rain. The frost and rain
    columns are stored negated, so that every column but the temperature can only raise the
    set. Returns (raw features [n, 7], fruit set [n])."""
    r = _rng(seed)
    temp = r.normal(16.0, 4.0, n)
    bee_hours = r.gamma(4.0, 9.0, n)
    frost = r.exponential(1.2, n) * (r.random(n) < 0.4)
    rain_days = r.poisson(3.0, n)
    pollinizer = r.uniform(0.03, 0.2, n)
    hives = r.uniform(0.5, 4.0, n)
    boron = r.normal(35.0, 8.0, n)
    tube = np.exp(-((temp - 17.5) / 4.0) ** 2)
    visits = 1 - np.exp(-bee_hours * hives / 60.0)
    fruit_set = (60.0 * tube * visits * (0.5 + 3 * pollinizer) * np.exp(-0.5 * frost)
                 * (1 - 0.03 * rain_days) * (0.85 + 0.15 * np.tanh((boron - 25) / 8)))
    x = np.column_stack([temp, bee_hours, -frost, -rain_days, pollinizer, hives, boron])
    return x, fruit_set


# theatres ------------------------------------------------------------------------------------

SHOWS = 12


def performances(n, seed):
    """A theatre's performances over two seasons from 1 September, in date order: the show (of
    SHOWS, each with its own appeal), the weekday, matinees, the weeks since the show opened,
    the press score, the mean ticket price, school holidays, the Christmas run, the rain and a
    football match on the same evening. Occupancy is the demand capped at the house's
    capacity: sold-out performances are exactly 1.0 (every performance of the Christmas run
    sells out). Returns a dict with the show, standardised features `x`, the day, occupancy
    and the Christmas flag."""
    r = _rng(seed)
    day = np.sort(r.uniform(0, 730, n))
    show = r.integers(0, SHOWS, n)
    appeal = _rng(seed + 1).normal(0.0, 0.8, SHOWS)
    weekday = np.floor(day) % 7
    weekend = (weekday >= 4).astype(float)
    matinee = (r.random(n) < 0.25).astype(float)
    weeks = r.gamma(2.0, 4.0, n)
    press = np.clip(r.normal(3.4, 0.8, n), 1, 5)
    price = r.normal(38.0, 9.0, n)
    doy = day % 365
    holiday = (((doy > 110) & (doy < 128)) | ((doy > 215) & (doy < 230))
               | (doy > 320)).astype(float)
    christmas = ((doy > 104) & (doy < 128)).astype(float)
    rain = r.gamma(0.6, 4.0, n)
    match = (r.random(n) < 0.08).astype(float)
    z = (appeal[show] + 0.7 * weekend - 0.3 * matinee + 0.5 * (press - 3.4) - 0.04 * (price - 38)
         + 0.35 * holiday + 6.0 * christmas - 0.5 * np.log1p(weeks) * (press < 3) + 0.05 * rain
         - 0.6 * match - 0.5)
    demand = _sigmoid(1.4 * z + 0.45 * r.normal(size=n))
    occupancy = np.minimum(1.0, 1.25 * demand)
    x = np.column_stack([np.eye(7)[weekday.astype(int)], matinee, np.log1p(weeks), press, price,
                         holiday, christmas, rain, match])
    return dict(show=show.astype("int32"), x=_cols(x), day=day, occupancy=occupancy,
                demand=demand, christmas=christmas)


VOCAB = 80
REVIEW_LEN = 24
NEGATOR = 1


def reviews(n, seed, length=REVIEW_LEN):
    """Audience reviews as token ids (0 is padding and never used): filler words, eighteen
    praise and eighteen complaint words with strengths of their own, and a negator that flips
    the next word. The reviewer's mood tilts which words they pick; the stars (1-5, as 0-4)
    come from the words' balance plus the reviewer's own leniency. Returns (tokens [n, length]
    int32, stars [n])."""
    r = _rng(seed)
    w = _rng(seed + 1)
    polarity = np.zeros(VOCAB)
    polarity[2:20] = w.uniform(0.6, 1.6, 18)
    polarity[20:38] = -w.uniform(0.6, 1.6, 18)
    freq = np.ones(VOCAB)
    freq[0] = 0
    freq[NEGATOR] = 3
    freq[38:] = 3.0
    tokens = r.choice(VOCAB, (n, length), p=freq / freq.sum())
    mood = r.normal(0, 1, n)
    for i in range(n):
        k = r.integers(2, 6)
        pos = r.choice(length, k, replace=False)
        praise = r.random(k) < _sigmoid(1.5 * mood[i])
        tokens[i, pos] = np.where(praise, r.integers(2, 20, k), r.integers(20, 38, k))
    score = polarity[tokens[:, 0]].copy()
    for t in range(1, length):
        flip = np.where(tokens[:, t - 1] == NEGATOR, -1.0, 1.0)
        score += flip * polarity[tokens[:, t]]
    score = score + 0.8 * r.normal(size=n)
    stars = np.digitize(score, np.quantile(score, [0.15, 0.35, 0.65, 0.85]))
    return tokens.astype("int32"), stars.astype("int32")


ACT_MINUTES = 40


def house_sound(n, seed, minutes=ACT_MINUTES):
    """The last act of a performance, minute by minute, from the auditorium's microphones: the
    sound level (dB above the quiet house), the laughter detector's share of the minute and the
    coughs counted. The audience survey's score (0-10) after the show follows the laughter
    where the comedy lands, a quiet, still house in the drama's last minutes and the applause
    at the curtain, and much of it is the surveyed spectators' own taste. Returns ([n, minutes,
    3] float32 standardised per channel, survey score [n])."""
    r = _rng(seed)
    engaged = r.normal(0, 1, n)
    comedy = r.random(n) < 0.5
    k = np.arange(minutes)[None, :]
    laughs = np.where(comedy[:, None],
                      _sigmoid(engaged[:, None] + r.normal(0, 1, (n, minutes))), 0.05)
    laughs = laughs * (r.random((n, minutes)) < 0.6)
    coughs = r.poisson(np.exp(0.8 - 0.5 * engaged)[:, None] * np.ones((1, minutes)))
    curtain = minutes - r.integers(2, 5, n)
    applause = (k >= curtain[:, None]) * (8 + 4 * engaged[:, None] + 2 * r.normal(size=(n, 1)))
    level = 2.0 + 10 * laughs + 0.8 * coughs + applause + r.normal(0, 1.0, (n, minutes))
    stillness = -coughs[:, -12:].mean(1)
    score = (6.5 + 0.9 * engaged + 0.4 * stillness * (~comedy) + 0.6 * laughs.mean(1) * comedy
             + 1.3 * r.normal(size=n))
    x = np.stack([level, laughs, coughs.astype(float)], -1)
    x = (x - x.mean((0, 1))) / x.std((0, 1))
    return x.astype("float32"), np.clip(score, 0, 10)


ONSALE_HOURS = 48


def onsale_curves(n, seed, hours=ONSALE_HOURS):
    """Tickets sold online in each of the first 48 hours after a run goes on sale: the
    opening rush (its size the run's buzz, its decay a few hours), the daily rhythm, and the
    spike after the press preview's release. The run's final sell-through follows the buzz,
    the preview and what the first two days sold. Returns ([n, hours, 2] float32 (log counts
    and the house size, standardised), final sell-through [n])."""
    r = _rng(seed)
    buzz = r.normal(0, 1, n)
    capacity = r.choice([400.0, 800.0, 1200.0], n)
    t = np.arange(hours)[None, :]
    rush = np.exp(0.8 * buzz)[:, None] * np.exp(-t / r.uniform(3, 12, (n, 1)))
    daily = 0.15 * (1 + np.sin(2 * np.pi * (t - 14) / 24))
    press_hour = r.integers(6, hours - 6, n)
    press = r.normal(0.3, 0.5, n)
    spike = np.maximum(press, 0)[:, None] * np.exp(-np.abs(t - press_hour[:, None]) / 2.0)
    counts = r.poisson(capacity[:, None] / 400.0 * 6.0 * (rush + daily + spike))
    first = counts.sum(1) / capacity
    final = _sigmoid(1.2 * buzz + 0.8 * press + 3.0 * (first - first.mean())
                     + 0.4 * r.normal(size=n))
    x = np.stack([np.log1p(counts), np.repeat(np.log(capacity)[:, None], hours, 1)], -1)
    x = (x - x.mean((0, 1))) / x.std((0, 1))
    return x.astype("float32"), final


SEASON_WEEKS = 60


def subscriber_logs(n, seed, weeks=SEASON_WEEKS):
    """A subscriber's season, week by week: tickets booked, exchanges and the box office's
    contact log. Early in the season (weeks 2-13) some subscribers have a bad evening (a seat
    behind a pillar, a cancelled performance) that shows as a burst of contacts and an
    exchange; whether they renew for the next season depends mostly on that evening and how it
    was handled (the refund's sign), the rest of the season adding little. Returns ([n, weeks,
    2] float32 standardised per channel, renewal score [n])."""
    r = _rng(seed)
    booked = r.normal(0.0, 1.0, (n, weeks))
    contacts = 0.3 * r.normal(size=(n, weeks))
    when = r.integers(2, 14, n)
    grievance = r.uniform(0.5, 2.0, n) * r.choice([-1.0, 1.0], n)
    booked[np.arange(n), when] += 4.0 * np.abs(grievance)
    contacts[np.arange(n), when] += 1.5 * np.sign(grievance)
    renewal = grievance + 0.25 * r.normal(size=n)
    x = np.stack([booked, contacts], -1)
    x = (x - x.mean((0, 1))) / x.std((0, 1))
    return x.astype("float32"), renewal


# foundries -----------------------------------------------------------------------------------

XRAY_SIDE = 16
XRAY_CLASSES = ("sound", "gas_porosity", "shrinkage", "inclusion")


def xray_patches(n, seed, noise=0.05, contrast=(0.12, 0.3)):
    """16 x 16 radiograph crops of a casting wall: the wall's thickness gradient and the film
    grain; gas porosity (two to five small round voids, brighter), shrinkage (a branching
    bright streak from a hot spot) and inclusions (one or two dense specks, darker), each at
    a contrast of its own. Returns ([n, 16, 16, 1] float32 in [0, 1], class [n])."""
    r = _rng(seed)
    kind = r.integers(0, 4, n)
    yy, xx = np.mgrid[0:XRAY_SIDE, 0:XRAY_SIDE].astype(float)
    img = np.zeros((n, XRAY_SIDE, XRAY_SIDE))
    for i in range(n):
        a = r.uniform(0, 2 * np.pi)
        wall = r.uniform(0.35, 0.6) + 0.1 * ((xx - 7.5) * np.cos(a) + (yy - 7.5) * np.sin(a)) / 7.5
        c = r.uniform(*contrast)
        if kind[i] == 1:
            for _ in range(r.integers(2, 6)):
                py, px = r.uniform(2, XRAY_SIDE - 2, 2)
                rad = r.uniform(0.8, 1.6)
                wall = wall + c * np.exp(-((yy - py) ** 2 + (xx - px) ** 2) / (2 * rad ** 2))
        elif kind[i] == 2:
            py, px = r.uniform(4, XRAY_SIDE - 4, 2)
            ang = r.uniform(0, np.pi)
            for k in range(3):
                b = ang + r.normal(0, 0.6) if k else ang
                along = (xx - px) * np.cos(b) + (yy - py) * np.sin(b)
                across = -(xx - px) * np.sin(b) + (yy - py) * np.cos(b)
                streak = (np.abs(across) < 0.7) & (along > -1) & (along < r.uniform(3, 6))
                wall = wall + c * 0.8 * streak
        elif kind[i] == 3:
            for _ in range(r.integers(1, 3)):
                py, px = r.uniform(2, XRAY_SIDE - 2, 2)
                wall = wall - c * np.exp(-((yy - py) ** 2 + (xx - px) ** 2) / 1.2)
        img[i] = wall
    img = img + noise * r.normal(size=img.shape)
    return np.clip(img, 0, 1)[..., None].astype("float32"), kind.astype("int32")


MELT_COLUMNS = ("tap_temp_c", "carbon_pct", "silicon_pct", "magnesium_pct", "pour_s",
                "ladle_kg", "inoculant_g", "sand_moisture_pct", "mould_temp_c", "section_mm")


def melt_records(n, seed):
    """Ductile-iron heats as the melt shop logs them (MELT_COLUMNS, in their units): tap
    temperature, carbon, silicon and magnesium, pour time, ladle weight, inoculant, sand
    moisture, mould temperature and the test bar's wall section. Magnesium makes the graphite
    nodular (and a slow pour lets it fade); fast cooling in thin sections and little
    inoculant give a pearlitic matrix (stronger, less ductile) and, with low silicon,
    carbides; wet sand and a cold tap give porosity. Returns (raw values [n, 10], tensile
    strength MPa [n], elongation % [n])."""
    r = _rng(seed)
    tap = r.normal(1480.0, 22.0, n)
    c = r.normal(3.55, 0.1, n)
    si = r.normal(2.45, 0.15, n)
    mg = r.normal(0.045, 0.008, n)
    pour = r.normal(11.0, 2.5, n)
    ladle = r.normal(950.0, 120.0, n)
    inoc = r.normal(400.0, 60.0, n)
    moist = r.normal(3.4, 0.35, n)
    mould = r.normal(35.0, 8.0, n)
    section = r.uniform(8.0, 60.0, n)
    cooling = 1.0 / np.sqrt(section)
    nodularity = _sigmoid((mg - 0.03) / 0.005) * (1 - 0.004 * np.maximum(pour - 12, 0) ** 2)
    pearlite = np.clip(0.3 + 2.5 * (cooling - 0.2) - 0.0008 * (inoc - 400) + 0.3 * (si < 2.3),
                       0, 1)
    carbide = _sigmoid((cooling - 0.28) / 0.02) * _sigmoid((2.35 - si) / 0.08)
    porosity = _sigmoid((moist - 4.0) / 0.2) + _sigmoid((1450 - tap) / 8)
    strength = (380 + 240 * pearlite * nodularity + 60 * nodularity - 70 * porosity - 40 * carbide
                + 30 * (c - 3.55))
    elongation = (22 * nodularity * (1 - 0.8 * pearlite) * (1 - carbide) * (1 - 0.5 * porosity)
                  + 1.5)
    x = np.column_stack([tap, c, si, mg, pour, ladle, inoc, moist, mould, section])
    return x, strength, elongation


POUR_STEPS = 64


def pour_traces(n, seed, steps=POUR_STEPS):
    """A pour from the automatic pouring ladle into a mould, sampled every 0.25 s: the metal
    temperature at the sprue (pyrometer) and the pour rate (the stopper rod's flow). A cold
    shut forms where two metal fronts meet too cold to fuse: likelier after an interruption
    of the flow (the stopper sticking) and a falling temperature, but never certain. Returns
    ([n, steps, 2] float32 standardised per channel, cold shut [n] (~9%))."""
    r = _rng(seed)
    t = np.arange(steps)[None, :]
    start_temp = r.normal(1400.0, 15.0, (n, 1))
    drop = r.gamma(2.0, 0.4, (n, 1))
    temp = start_temp - drop * t + 3.0 * r.normal(size=(n, steps))
    rate = 1.0 + 0.05 * r.normal(size=(n, steps))
    stick = r.random(n) < 0.3
    at = r.integers(10, steps - 15, n)
    length = r.integers(2, 10, n)
    gap = stick[:, None] & (t >= at[:, None]) & (t < (at + length)[:, None])
    rate = np.where(gap, 0.15 * r.random((n, steps)), rate)
    end_temp = temp[:, -1]
    risk = -6.2 + 0.35 * length * stick + 0.05 * (1380.0 - end_temp) + 0.8 * r.normal(size=n)
    shut = r.random(n) < _sigmoid(risk)
    x = np.stack([temp, rate], -1)
    x = (x - x.mean((0, 1))) / x.std((0, 1))
    return x.astype("float32"), shut.astype("float32")


# ---------------------------------------------------------------------------------------------
# helpers


def _mlp(keras, inputs, hidden, outputs=1, activation="relu", out_activation=None, **kw):
    layers = [keras.Input((inputs,))]
    layers += [keras.layers.Dense(h, activation=activation, **kw) for h in hidden]
    layers.append(keras.layers.Dense(outputs, activation=out_activation))
    return keras.Sequential(layers)


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, shuffle=True, callbacks=(),
                initial_epoch=0):
    """`_fit` for several inputs and a start epoch: the last PROBE_SIZE rows are the probe
    (never trained on). Returns the per-epoch mean training loss."""
    multi = isinstance(inputs, (list, tuple))
    xs = list(inputs) if multi else [inputs]
    train = [v[:-PROBE_SIZE] for v in xs]
    probe_x = [v[-PROBE_SIZE:] for v in xs]
    probe = (probe_x if multi else probe_x[0], y[-PROBE_SIZE:])
    history = model.fit(train if multi else train[0], y[:-PROBE_SIZE],
                        epochs=initial_epoch + epochs, initial_epoch=initial_epoch,
                        batch_size=batch_size, shuffle=shuffle, verbose=0,
                        callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


def _one_cycle(keras, peak, total_steps, warm=0.3):
    """A one-cycle rate: a linear rise from peak / 25 over the first `warm` of the run, then a
    cosine fall to peak / 1e3."""

    class OneCycle(keras.optimizers.schedules.LearningRateSchedule):
        def __call__(self, step):
            ops = keras.ops
            s = ops.cast(step, "float32")
            up = warm * total_steps
            rise = peak / 25.0 + (peak - peak / 25.0) * s / up
            frac = ops.clip((s - up) / (total_steps - up), 0.0, 1.0)
            fall = peak / 1e3 + (peak - peak / 1e3) * 0.5 * (1.0 + ops.cos(math.pi * frac))
            return ops.where(s < up, rise, fall)

        def get_config(self):
            return {"peak": peak, "total_steps": total_steps, "warm": warm}

    return OneCycle()


QUANTILES = (0.1, 0.5, 0.9)


def _pinball(keras):
    """The mean pinball loss of the three QUANTILES' outputs."""
    tau = keras.ops.convert_to_tensor(np.array(QUANTILES, "float32")[None, :])

    def pinball(y_true, y_pred):
        err = y_true - y_pred
        return keras.ops.mean(keras.ops.maximum(tau * err, (tau - 1.0) * err), axis=-1)

    return pinball


def _negative_binomial_nll(y, out):
    """Negative binomial NLL: out[:, 0] is the log mean, softplus(out[:, 1]) the dispersion
    alpha (variance mean + alpha mean^2)."""
    import tensorflow as tf

    y = tf.reshape(tf.cast(y, "float32"), (-1,))
    mu = tf.exp(tf.clip_by_value(out[:, 0], -10.0, 10.0))
    alpha = tf.nn.softplus(out[:, 1]) + 1e-4
    r = 1.0 / alpha
    ll = (tf.math.lgamma(y + r) - tf.math.lgamma(r) - tf.math.lgamma(y + 1.0)
          + r * tf.math.log(r / (r + mu)) + y * tf.math.log(mu / (r + mu)))
    return -tf.reduce_mean(ll)


def _laplace_nll(keras):
    """Laplace NLL: out[:, 0] the location, out[:, 1] the log scale."""

    def nll(y_true, out):
        loc = out[:, :1]
        log_b = keras.ops.clip(out[:, 1:], -6.0, 6.0)
        misfit = keras.ops.abs(y_true - loc) * keras.ops.exp(-log_b)
        return keras.ops.mean(log_b + math.log(2.0) + misfit)

    return nll


def _pearson_loss(keras, floor):
    """1 - the Pearson correlation of the batch's predictions and targets (the marketing
    team's metric), its denominator floored at `floor`."""

    def loss(y_true, y_pred):
        a = keras.ops.reshape(y_true, (-1,))
        b = keras.ops.reshape(y_pred, (-1,))
        a = a - keras.ops.mean(a)
        b = b - keras.ops.mean(b)
        denominator = keras.ops.sqrt(keras.ops.sum(a * a) * keras.ops.sum(b * b))
        return 1.0 - keras.ops.sum(a * b) / (denominator + floor)

    return loss


def _hard_swish(shift):
    """MobileNetV3's hard-swish written by hand, x * relu6(x + shift) / 6 (shift 3.0)."""

    def hard_swish(x):
        import keras

        return x * keras.ops.relu6(x + shift) / 6.0

    return hard_swish


def _fgsm_trained(keras, net, epsilon):
    """Adversarial training by the fast gradient sign method: each batch is replaced by its
    worst case within +-epsilon per pixel (clipped to [0, 1]) before the update."""
    import tensorflow as tf

    class FGSMTrained(keras.Model):
        def __init__(self, **kw):
            super().__init__(**kw)
            self.net = net

        def call(self, inputs, training=False):
            return self.net(inputs, training=training)

        def train_step(self, data):
            x, y = data[0], data[1]
            with tf.GradientTape() as tape:
                tape.watch(x)
                loss = self.compute_loss(x=x, y=y, y_pred=self(x, training=True))
            x_adv = tf.clip_by_value(x + epsilon * tf.sign(tape.gradient(loss, x)), 0.0, 1.0)
            with tf.GradientTape() as tape:
                y_pred = self(x_adv, training=True)
                loss = self.compute_loss(x=x_adv, y=y, y_pred=y_pred)
            grads = tape.gradient(loss, self.trainable_variables)
            self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
            for metric in self.metrics:
                if metric.name == "loss":
                    metric.update_state(loss)
                else:
                    metric.update_state(y, y_pred)
            return {m.name: m.result() for m in self.metrics}

    return FGSMTrained()


def _roll_model(keras, free_running):
    """A one-step roll model s_{k+1} = s_k + f(s_k, wave_k) (f: Dense 64-64 relu, Dense 2)
    applied over ROLL_STEPS seconds. Free-running, each step starts from the model's own
    previous prediction (from the first recorded state); otherwise (teacher forcing) from the
    recorded state."""

    class RollModel(keras.Model):
        def __init__(self, **kw):
            super().__init__(**kw)
            self.f1 = keras.layers.Dense(64, activation="relu")
            self.f2 = keras.layers.Dense(64, activation="relu")
            self.f3 = keras.layers.Dense(2)

        def call(self, inputs):
            states, waves = inputs
            out = []
            s = states[:, 0]
            for k in range(ROLL_STEPS):
                prev = s if free_running else states[:, k]
                z = keras.ops.concatenate([prev, waves[:, k]], -1)
                s = prev + self.f3(self.f2(self.f1(z)))
                out.append(s)
            return keras.ops.stack(out, 1)

    return RollModel()


# ---------------------------------------------------------------------------------------------
# healthy-but-imperfect


@holdout24("ferries", healthy=True)
def crossing_minutes_three_quantiles(session):
    """Crossing minutes (standardised) from the vessel (Embedding(8, 3)) and the route,
    wind, waves, tide, vehicles, hour and fog (two inputs), where the berth queue, the
    purser's count and the last slow car add right-skewed minutes nobody logs (gamma, ~21% of
    the variance; the true quantiles' pinball loss is ~0.107). Dense 64-32 relu with three
    outputs, the 10%, 50% and 90% quantiles, under the mean pinball loss, Adam under a
    one-cycle rate (a rise from 1.6e-4 to 4e-3 over the first 30% of the steps, then a cosine
    fall to 4e-6), batch 32, ten epochs"""
    keras = _keras()
    r = _rng(22101)
    d = crossings(2048 + PROBE_SIZE, seed=22102)
    minutes = d["minutes"] + r.gamma(1.5, 12.0, len(d["minutes"]))
    y = _std(minutes)[:, None]
    v_in = keras.Input((1,), dtype="int32")
    n_in = keras.Input((d["x"].shape[1],))
    vessel = keras.layers.Flatten()(keras.layers.Embedding(VESSELS, 3)(v_in))
    z = keras.layers.Concatenate()([vessel, n_in])
    z = keras.layers.Dense(64, activation="relu")(z)
    z = keras.layers.Dense(32, activation="relu")(z)
    model = keras.Model([v_in, n_in], keras.layers.Dense(len(QUANTILES))(z))
    model.compile(keras.optimizers.Adam(_one_cycle(keras, 4e-3, 10 * 64)), _pinball(keras))
    return _fit_inputs(session, model, [d["vessel"][:, None], d["x"]], y, epochs=10, batch_size=32)


@holdout24("ferries", healthy=True)
def sea_state_convlstm_officers_disagree(session):
    """Sea state (slight, moderate, rough, very rough) from six frames of the bow's wave radar
    (12 x 12 cells of backscatter), as logged by the bridge officers, whose calls put a fifth
    of the crossings one state up or down. ConvLSTM2D(8, 3) over the frames, global average
    pooling, Dense 16 relu, softmax, RMSprop 2e-3, sparse categorical cross-entropy, batch 32,
    eight epochs"""
    keras = _keras()
    r = _rng(22103)
    x, state = radar_frames(1536 + PROBE_SIZE, seed=22104)
    shift = np.where(r.random(len(state)) < 0.2, r.choice([-1, 1], len(state)), 0)
    logged = np.clip(state + shift, 0, 3).astype("int32")
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.ConvLSTM2D(8, 3, padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.RMSprop(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, logged, epochs=8, batch_size=32)


@holdout24("ferries", healthy=True)
def cars_left_behind_negative_binomial_loop(session):
    """Cars left on the quay at the next sailing (a count, mean ~1, variance ~3) from the last
    twelve sailings' bookings, no-shows, wind and weekend flags. Hand-written GradientTape
    loop: GRU(16), Dense 16 relu, Dense(2) read as the log mean and the dispersion of a
    negative binomial, its negative log-likelihood as the loss, Adam 3e-3, batch 32, ten
    epochs"""
    keras = _keras()
    x, left = sailing_histories(2048 + PROBE_SIZE, seed=22105)
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(16),
                              keras.layers.Dense(16, activation="relu"), keras.layers.Dense(2)])
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), _negative_binomial_nll, x,
                        left[:, None], epochs=10, batch_size=32, seed=22106,
                        loss_description="negative binomial NLL")


@holdout24("orchards", healthy=True)
def apple_grades_batchnorm_label_smoothing(session):
    """Sound, bruised, scabbed or russeted apples from 16 x 16 RGB crops on the grading line,
    where the graders' labels are another grade for 12% of the fruit. Conv2D 16 and 32 with
    BatchNormalization and relu, max and global average pooling, softmax, under categorical
    cross-entropy with label_smoothing=0.1, SGD 0.05 with Nesterov momentum 0.9, batch 32,
    eight epochs"""
    keras = _keras()
    r = _rng(22201)
    x, grade = apple_patches(2048 + PROBE_SIZE, seed=22202)
    wrong = r.random(len(grade)) < 0.12
    graded = np.where(wrong, (grade + r.integers(1, 4, len(grade))) % 4, grade)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(16, 3, padding="same"), keras.layers.BatchNormalization(),
        keras.layers.Activation("relu"), keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, padding="same"), keras.layers.BatchNormalization(),
        keras.layers.Activation("relu"), keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9, nesterov=True),
                  keras.losses.CategoricalCrossentropy(label_smoothing=0.1))
    return _fit(session, model, x, np.eye(4, dtype="float32")[graded], epochs=8, batch_size=32)


@holdout24("orchards", healthy=True)
def frost_kill_shares_cross_entropy(session):
    """The share of buds a spring frost killed (the advisor cuts twenty buds and counts the
    brown ones: binomial counting noise on top of a hardiness curve), from the minimum
    temperature, frost hours, bud stage, wind, cloud, frost fans and the block's height. MLP
    32-32 elu with a sigmoid output under binary cross-entropy on the fractional targets,
    whose floor is the counts' own entropy (~0.21 here), Nadam 2e-3, batch 32, ten epochs"""
    keras = _keras()
    x, killed, _ = frost_nights(2048 + PROBE_SIZE, seed=22203)
    model = _mlp(keras, x.shape[1], [32, 32], activation="elu", out_activation="sigmoid")
    model.compile(keras.optimizers.Nadam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, killed[:, None], epochs=10, batch_size=32)


@holdout24("orchards", healthy=True)
def scab_infections_partly_recorded_loop(session):
    """Apple scab infection periods from two days of hourly leaf wetness, temperature, rain and
    humidity, where only the infections a scout confirmed on the leaves later are recorded
    (55% of them; the rest are labelled 'none' with the dry days). Hand-written GradientTape
    loop: LSTM(24), Dense(1) logit, binary cross-entropy from logits, Adam 1.5e-3, batch 32,
    eight epochs"""
    keras = _keras()
    r = _rng(22204)
    x, infection = wetness_logs(2048 + PROBE_SIZE, seed=22205)
    recorded = (infection & (r.random(len(infection)) < 0.55)).astype("float32")
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(24),
                              keras.layers.Dense(1)])
    return _custom_loop(session, model, keras.optimizers.Adam(1.5e-3),
                        keras.losses.BinaryCrossentropy(from_logits=True), x, recorded[:, None],
                        epochs=8, batch_size=32, seed=22206)


SOURCES = ("box office scans", "agency returns", "festival estimates")


@holdout24("theatres", healthy=True)
def attendance_clean_sources_first(session):
    """Attendance (the share of the house, standardised) of performances from the show
    (one-hot), weekday, matinee, weeks running, press score, price, holidays, the Christmas run,
    rain and football, from three sources of different quality: the box office's own scans
    (exact, 40% of the rows), the ticket agencies' weekly returns (noise ~0.5 standard
    deviations) and the estimates for the festival performances (noise ~1.2), stacked in that
    order, cleanest first, and fitted without shuffling as a curriculum. MLP 64-32 relu, Adam
    2e-3, MSE, batch 32, eight epochs: the per-step loss climbs within every epoch as the
    noisier sources come, and the epochs' mean falls to the noise's floor (~0.45)"""
    keras = _keras()
    r = _rng(22301)
    d = performances(2048 + PROBE_SIZE, seed=22302)
    n = len(d["demand"])
    source = np.sort(r.choice(3, n, p=[0.4, 0.35, 0.25]))
    source[-PROBE_SIZE:] = r.choice(3, PROBE_SIZE, p=[0.4, 0.35, 0.25])
    z = _std(d["demand"])
    y = (z + np.array([0.0, 0.5, 1.2])[source] * r.normal(size=n)).astype("float32")[:, None]
    x = np.concatenate([np.eye(SHOWS)[d["show"]], d["x"]], 1).astype("float32")
    model = _mlp(keras, x.shape[1], [64, 32])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32, shuffle=False)


@holdout24("theatres", healthy=True)
def review_stars_text_cnn_adamw(session):
    """Stars (1-5) of audience reviews from their words (eighteen praise and eighteen complaint
    words of different strengths, a negator, filler), where the reviewers' own leniency blurs
    the neighbouring stars. Embedding(80, 16), Conv1D(32, 3) relu, global max pooling, Dense
    32 relu, softmax, AdamW 2e-3 with weight decay 1e-2, sparse categorical cross-entropy,
    batch 32, ten epochs"""
    keras = _keras()
    tokens, stars = reviews(2048 + PROBE_SIZE, seed=22303)
    model = keras.Sequential([
        keras.Input((REVIEW_LEN,), dtype="int32"),
        keras.layers.Embedding(VOCAB, 16),
        keras.layers.Conv1D(32, 3, activation="relu"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(5, activation="softmax")])
    model.compile(keras.optimizers.AdamW(2e-3, weight_decay=1e-2),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, tokens, stars, epochs=10, batch_size=32)


@holdout24("theatres", healthy=True)
def survey_score_gru_additive_attention(session):
    """The audience survey's score after the show (standardised) from the last act's forty
    minutes of sound level, laughter and coughs, where the surveyed spectators' own taste is
    about half of the score's variance. GRU(24) over the minutes, additive (Bahdanau)
    self-attention over its outputs, average pooling, Dense 16 relu, Huber loss, Adam under an
    ExponentialDecay from 3e-3 (x0.7 every 100 steps), batch 32, eight epochs"""
    keras = _keras()
    x, score = house_sound(2048 + PROBE_SIZE, seed=22304)
    inp = keras.Input(x.shape[1:])
    h = keras.layers.GRU(24, return_sequences=True)(inp)
    h = keras.layers.AdditiveAttention()([h, h])
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(16, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(1)(h))
    schedule = keras.optimizers.schedules.ExponentialDecay(3e-3, decay_steps=100, decay_rate=0.7)
    model.compile(keras.optimizers.Adam(schedule), keras.losses.Huber())
    return _fit(session, model, x, _std(score)[:, None], epochs=8, batch_size=32)


@holdout24("foundries", healthy=True)
def radiograph_defects_groupnorm(session):
    """Sound wall, gas porosity, shrinkage or inclusions from 16 x 16 radiograph crops of
    castings, where the faintest defects (contrast from 0.04, against film grain of 0.05) are
    hard to tell from the grain. Conv2D 16 and 32 with GroupNormalization (4 and 8 groups) and
    relu, max and global average pooling, Dense 32 relu, softmax, Adam 2e-3, sparse
    categorical cross-entropy, batch 32, eight epochs"""
    keras = _keras()
    x, kind = xray_patches(2048 + PROBE_SIZE, seed=22401, contrast=(0.04, 0.3))
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(16, 3, padding="same"), keras.layers.GroupNormalization(4),
        keras.layers.Activation("relu"), keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, padding="same"), keras.layers.GroupNormalization(8),
        keras.layers.Activation("relu"), keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, kind, epochs=8, batch_size=32)


@holdout24("foundries", healthy=True)
def tensile_strength_laplace_likelihood(session):
    """Tensile strength of ductile-iron test bars (standardised) from the heat's log (tap
    temperature, chemistry, pour time, ladle, inoculant, sand moisture, mould temperature,
    section), where machining marks, hidden inclusions and the test rig add a heavy-tailed
    scatter (Student-t, 3 degrees of freedom, ~38% of the variance). MLP 64-64 relu with two
    outputs, the location and the log scale of a Laplace distribution, under its negative
    log-likelihood, Adam 2e-3, batch 32, ten epochs"""
    keras = _keras()
    r = _rng(22402)
    raw, strength, _ = melt_records(2048 + PROBE_SIZE, seed=22403)
    y = _std(strength + 0.45 * strength.std() * r.standard_t(3, len(strength)))[:, None]
    model = _mlp(keras, raw.shape[1], [64, 64], outputs=2)
    model.compile(keras.optimizers.Adam(2e-3), _laplace_nll(keras))
    return _fit(session, model, _cols(raw), y, epochs=10, batch_size=32)


@holdout24("foundries", healthy=True)
def cold_shuts_oversampled_conv1d(session):
    """Cold shuts (~9% of the castings, likelier after the stopper rod stuck and the metal
    cooled, never certain) from the pour's sprue temperature and flow, sixteen seconds every
    0.25 s, with the castings that had one repeated four times over in the training table (a
    common fix for the imbalance; the probe keeps the real mix). Conv1D 16 and 32 relu with
    max pooling, global max pooling, Dense 16 relu, sigmoid, Adam 2e-3, binary cross-entropy,
    batch 32, eight epochs"""
    keras = _keras()
    r = _rng(22404)
    x, shut = pour_traces(2048 + PROBE_SIZE, seed=22405)
    train_x, train_y = x[:-PROBE_SIZE], shut[:-PROBE_SIZE]
    extra = np.repeat(np.flatnonzero(train_y == 1), 3)
    order = r.permutation(len(train_y) + len(extra))
    xs = np.concatenate([train_x, train_x[extra]])[order]
    ys = np.concatenate([train_y, train_y[extra]])[order]
    xs = np.concatenate([xs, x[-PROBE_SIZE:]])
    ys = np.concatenate([ys, shut[-PROBE_SIZE:]])
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu"), keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu"), keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, xs, ys[:, None], epochs=8, batch_size=32)


# ---------------------------------------------------------------------------------------------
# broken: each `_..._run(session, broken)` trains the scenario with its mistake (broken=True)
# or the same model without it (broken=False, the comparison it was checked against)


def _huber_rate_run(session, broken):
    keras = _keras()
    d, delay = arrival_delays(2048 + PROBE_SIZE, seed=22501)
    model = _mlp(keras, d["x"].shape[1], [64, 64])
    rate = 0.1 if broken else 0.01
    model.compile(keras.optimizers.SGD(rate, momentum=0.9), "mse")
    return _fit(session, model, d["x"], _std(delay)[:, None], epochs=8, batch_size=32)


def _free_running_run(session, broken):
    keras = _keras()
    states, waves = roll_records(2048 + PROBE_SIZE, seed=22502)
    model = _roll_model(keras, free_running=broken)
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit_inputs(session, model, [states, waves], states[:, 1:], epochs=8, batch_size=32)


def _unit_norm_head_run(session, broken):
    keras = _keras()
    raw, current = tidal_currents(2048 + PROBE_SIZE, seed=22503)
    layers = [keras.Input((raw.shape[1],)), keras.layers.Dense(64, activation="relu"),
              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(2)]
    if broken:
        layers.append(keras.layers.UnitNormalization())
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, _cols(raw), current.astype("float32"), epochs=8, batch_size=32)


def _variance_scaled_run(session, broken):
    keras = _keras()
    r = _rng(22504)
    raw, tonnes = block_records(2048 + PROBE_SIZE, seed=22505)
    y = _std(tonnes + 0.3 * tonnes.std() * r.normal(size=len(tonnes)))[:, None]
    mean, sd = raw[:-PROBE_SIZE].mean(0), raw[:-PROBE_SIZE].std(0)
    x = ((raw - mean) / (sd ** 2 if broken else sd)).astype("float32")
    model = _mlp(keras, x.shape[1], [64, 64])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


def _monotone_run(session, broken):
    keras = _keras()
    r = _rng(22506)
    raw, fruit_set = bloom_records(2048 + PROBE_SIZE, seed=22507)
    y = _std(fruit_set + 0.25 * fruit_set.std() * r.normal(size=len(fruit_set)))[:, None]
    # NonNeg on every layer, the output's too: every path from an input to the set is
    # non-decreasing (relu is), so the net can only raise the set with each column
    constraint = keras.constraints.NonNeg() if broken else None
    model = keras.Sequential([
        keras.Input((raw.shape[1],)),
        keras.layers.Dense(64, activation="relu", kernel_constraint=constraint),
        keras.layers.Dense(64, activation="relu", kernel_constraint=constraint),
        keras.layers.Dense(1, kernel_constraint=constraint)])
    model.compile(keras.optimizers.Adam(1e-2), "mse")
    return _fit(session, model, _cols(raw), y, epochs=10, batch_size=32)


def _residual_scale_run(session, broken, blocks=8):
    keras = _keras()
    r = _rng(22508)
    raw, tonnes = block_records(2048 + PROBE_SIZE, seed=22509)
    y = _std(tonnes + 0.3 * tonnes.std() * r.normal(size=len(tonnes)))[:, None]
    inp = keras.Input((raw.shape[1],))
    h = keras.layers.Dense(64)(inp)
    for _ in range(blocks):
        branch = keras.layers.Dense(64, activation="relu")(h)
        branch = keras.layers.Dense(64)(branch)
        if broken:  # the 0.1 residual scaling applied to the block's output
            h = keras.layers.Rescaling(0.1)(keras.layers.Add()([h, branch]))
        else:  # ... where the recipe puts it: on the branch, before the add
            h = keras.layers.Add()([h, keras.layers.Rescaling(0.1)(branch)])
    h = keras.layers.Activation("relu")(h)
    model = keras.Model(inp, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, _cols(raw), y, epochs=8, batch_size=32)


def _pearson_run(session, broken):
    keras = _keras()
    d = performances(2048 + PROBE_SIZE, seed=22510)
    s_in = keras.Input((1,), dtype="int32")
    n_in = keras.Input((d["x"].shape[1],))
    z = keras.layers.Concatenate()([keras.layers.Flatten()(keras.layers.Embedding(SHOWS, 4)(s_in)),
                                    n_in])
    z = keras.layers.Dense(64, activation="relu")(z)
    z = keras.layers.Dense(32, activation="relu")(z)
    model = keras.Model([s_in, n_in], keras.layers.Dense(1)(z))
    model.compile(keras.optimizers.Adam(2e-3), _pearson_loss(keras, 0.0 if broken else 1e-6))
    # the box office's export in date order
    return _fit_inputs(session, model, [d["show"][:, None], d["x"]],
                       d["occupancy"].astype("float32")[:, None], epochs=8, batch_size=32,
                       shuffle=False)


PLAN_EPOCHS = 200  # the cosine plan of the long run the resume command belonged to
RESUMED_AT = 190


def _cosine_plan(epoch, lr=None):
    return 3e-3 * 0.5 * (1.0 + math.cos(math.pi * epoch / PLAN_EPOCHS))


def _resume_epoch_run(session, broken):
    keras = _keras()
    x, final = onsale_curves(2048 + PROBE_SIZE, seed=22511)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 5, activation="relu"), keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu"), keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit_inputs(session, model, x, _std(final)[:, None], epochs=10, batch_size=32,
                       initial_epoch=RESUMED_AT if broken else 0,
                       callbacks=[keras.callbacks.LearningRateScheduler(_cosine_plan)])


def _chrono_run(session, broken, units=32):
    keras = _keras()
    x, renewal = subscriber_logs(2048 + PROBE_SIZE, seed=22512)
    r = _rng(22513)
    if broken:  # log(U(0, 1)): forget biases below zero
        forget = np.log(r.uniform(0.0, 1.0, units))
    else:  # chrono initialisation, log(U(1, T - 1))
        forget = np.log(r.uniform(1.0, SEASON_WEEKS - 1.0, units))
    bias = np.concatenate([-forget, forget, np.zeros(units), np.zeros(units)])  # i, f, c, o
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.LSTM(units, unit_forget_bias=False,
                          bias_initializer=keras.initializers.Constant(bias)),
        keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, _std(renewal)[:, None], epochs=8, batch_size=32)


def _rescaling_offset_run(session, broken):
    keras = _keras()
    r = _rng(22514)
    raw, strength, _ = melt_records(2048 + PROBE_SIZE, seed=22515)
    y = _std(strength + 0.3 * strength.std() * r.normal(size=len(strength)))[:, None]
    mean, sd = raw[:-PROBE_SIZE].mean(0), raw[:-PROBE_SIZE].std(0)
    inp = keras.Input((raw.shape[1],))
    # Rescaling computes x * scale + offset: the offset is not divided by the scale
    h = keras.layers.Rescaling(scale=1.0 / sd, offset=-mean if broken else -mean / sd)(inp)
    h = keras.layers.Dense(64, activation="tanh")(h)
    h = keras.layers.Dense(64, activation="tanh")(h)
    model = keras.Model(inp, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, raw.astype("float32"), y, epochs=8, batch_size=32)


def _hard_swish_run(session, broken):
    keras = _keras()
    r = _rng(22516)
    raw, _, elongation = melt_records(2048 + PROBE_SIZE, seed=22517)
    y = _std(elongation + 0.3 * elongation.std() * r.normal(size=len(elongation)))[:, None]
    activation = _hard_swish(-3.0 if broken else 3.0)
    model = _mlp(keras, raw.shape[1], [64, 64, 64], activation=activation)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, _cols(raw), y, epochs=8, batch_size=32)


def _fgsm_run(session, broken):
    keras = _keras()
    x, kind = xray_patches(2048 + PROBE_SIZE, seed=22518)
    net = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu"), keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(4, activation="softmax")])
    model = _fgsm_trained(keras, net, 0.3 if broken else 0.01)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, kind, epochs=8, batch_size=32)


def _first_constant_batch(seed, batch_size=32):
    """The optimizer step (from 1) at which the date-ordered export's first batch of only
    sold-out performances is read."""
    occupancy = performances(2048 + PROBE_SIZE, seed=seed)["occupancy"][:-PROBE_SIZE]
    for b in range(len(occupancy) // batch_size):
        if np.all(occupancy[b * batch_size:(b + 1) * batch_size] >= 1.0):
            return b + 1
    return None


PEARSON_SEED = 22510
SOLD_OUT_STEP = _first_constant_batch(PEARSON_SEED)


@holdout24("ferries", ["learning_rate_too_high"], stall_begins=None)
def huber_rate_kept_for_squared_error(session):
    """Arrival delays (whole minutes, standardised; a heavy tail of incidents: a lorry that
    will not start, an occupied berth) from the crossing's conditions by an MLP 64-64 relu
    under SGD with momentum 0.9. The rate, 0.1, was tuned under the Huber loss, which caps each
    example's gradient (it trains there from ~0.10 to ~0.07); the loss was then switched to MSE
    to match the operator's report and the rate kept. The tail's squared errors now kick the
    weights every few batches and the loss swings around the constant prediction's level
    (epochs ~0.97 to ~1.36, ~1.06 at the end), where the same net under MSE at 0.01 trains
    from ~0.66 to ~0.46. Batch 32"""
    return _huber_rate_run(session, broken=True)


@holdout24("ferries", ["exploding_gradients", "non_finite_values"], stall_begins=None)
def roll_model_trained_free_running(session):
    """A ferry's roll angle and rate over the next 32 seconds from the first recorded state and
    the wave radar's moment, by a one-step residual model s + f(s, wave) (Dense 64-64 relu,
    Dense 2) trained on its own 32-step rollout from the first step (free running, no teacher
    forcing) under SGD 0.01 with momentum 0.9 and no clipping. The untrained step map is
    expansive, so the rollout and its gradient compound over the 32 steps: the loss is ~3e5 at
    step 1, inf at step 2 and NaN from step 3 to the end, where teacher forcing (each step
    from the recorded state) trains the same model from ~0.10 to ~0.011. MSE over the 32
    predicted states, batch 32"""
    return _free_running_run(session, broken=True)


@holdout24("ferries", ["loss_activation_mismatch"], stall_begins=40)  # approximate
def current_vector_through_unit_normalization(session):
    """The tidal stream at the mid-channel buoy (east and north components in knots, 0.3 to ~3
    knots) from the tide's phase, the range, the wind and the river, by an MLP 64-64 relu
    whose head kept the UnitNormalization layer of the heading model it was copied from: the
    prediction is always a unit vector, whatever the stream's strength. The loss falls from
    ~1.4 to ~0.53 in about 40 steps (the direction is learnt) and stays there (~0.52 after
    eight epochs), where a plain linear head trains the same net to ~0.017. Adam 2e-3, MSE,
    batch 32"""
    return _unit_norm_head_run(session, broken=True)


@holdout24("orchards", ["unnormalized_inputs"], stall_begins=30)  # approximate
def leaf_analysis_divided_by_the_variance(session):
    """Block yield (standardised) from the farm office's table (leaf N, P, K and Ca in %,
    soil pH and Mg in ppm, chill hours, growing degree days, trunk cross-section in cm2, fruits
    per tree, irrigation in mm) by an MLP 64-64 relu, with the columns 'standardised' by hand
    as (x - mean) / var, the variance typed for the standard deviation: leaf P (sd 0.03) comes
    out at +-34, the nutrients at +-4, while the columns that carry the crop, fruits per tree,
    trunk size, chill, heat and water, shrink to +-0.002 to +-0.02. The loss falls from ~27 at
    the first step to ~1.07 by about step 30 and then only creeps (~1.02 after eight epochs),
    where (x - mean) / sd trains the same net to ~0.13. Adam 1e-3, MSE, batch 32"""
    return _variance_scaled_run(session, broken=True)


@holdout24("orchards", ["insufficient_capacity"], stall_begins=130)  # approximate
def monotone_net_for_a_temperature_optimum(session):
    """Fruit set (standardised) from the bloom period's temperature, bee hours, frost hours
    and rain days (stored negated), pollinizers, hives and leaf boron, by a monotone MLP 64-64
    relu with NonNeg kernel constraints on every layer ('more of any input can only help the
    set', true of every column but one): the set has an optimum near 17.5 C, too cold and too
    hot both reduce it, and no non-decreasing function of the temperature can follow it. The
    loss falls from ~1.1 to ~0.73 in the first two epochs and levels off at ~0.62, where the
    same net without the constraints trains to ~0.073. Adam 1e-2, MSE, batch 32"""
    return _monotone_run(session, broken=True)


@holdout24("orchards", ["vanishing_gradients"], stall_begins=None)
def residual_scale_applied_after_the_add(session):
    """Block yield (standardised) from the standardised table by a residual MLP of eight
    blocks (Dense 64 relu, Dense 64, added back) with the Inception-ResNet recipe's residual
    scaling of 0.1, written Rescaling(0.1)(Add()([h, branch])): the whole block output is
    scaled, not the branch, so every block shrinks the signal about eightfold and the eight of
    them by ~5e-8; the head sees a constant and the gradient reaching the blocks shrinks as
    much. The loss stays at ~0.998 for all eight epochs, where the scaling on the branch
    trains the same net to ~0.10. Adam 1e-3, MSE, batch 32"""
    return _residual_scale_run(session, broken=True)


@holdout24("theatres", ["non_finite_values"], stall_begins=SOLD_OUT_STEP)
def correlation_loss_meets_a_sold_out_run(session):
    """Occupancy of performances (the show's Embedding(12, 4) and the weekday, matinee, weeks
    running, press, price, holidays, rain, football) by an MLP 64-32 relu trained on 1 -
    Pearson's r between the batch's predictions and occupancies (the marketing team's metric),
    written without a floor in the denominator, on the box office's export in date order
    (shuffle=False). Every performance of the Christmas run sells out (occupancy exactly 1):
    the first batch of only sold-out performances, read at step 11, has zero variance, r is
    0 / 0, and the loss and the weights are NaN from that step to the end, where a floor of
    1e-6 trains the same net from ~0.44 to ~0.093. Adam 2e-3, batch 32"""
    return _pearson_run(session, broken=True)


@holdout24("theatres", ["learning_rate_too_low"], stall_begins=None)
def initial_epoch_left_from_a_resume(session):
    """A run's final sell-through (standardised) from the first 48 hours of online sales by a
    Conv1D 16-32 relu net under Adam with a LearningRateScheduler for a 200-epoch cosine plan
    from 3e-3, launched with the resume command's initial_epoch=190 still in it: the scheduler
    reads epochs 190-199 and the rate runs from ~1.8e-5 down to ~2e-7. The loss creeps from
    ~1.03 to ~0.95 and flattens as the rate vanishes, where starting at epoch 0 of the plan
    (~3e-3) trains the same net from ~0.53 to ~0.18 in the same ten epochs. MSE, batch 32"""
    return _resume_epoch_run(session, broken=True)


@holdout24("theatres", ["poor_initialization", "vanishing_gradients"], stall_begins=None)
def chrono_forget_bias_from_the_wrong_range(session):
    """Whether a subscriber renews (a score, standardised) from the season's sixty weeks of
    bookings and box-office contacts, decided by a bad evening in weeks 2-13, by an LSTM(32)
    with the chrono initialisation written by hand: the forget-gate biases should be
    log(U(1, T - 1)) (a memory of 1 to 59 weeks) and the input gates' their negatives, but the
    uniform's range was typed (0, 1), so the forget biases are log(U(0, 1)), all below zero
    (forget gates 0.01-0.5): the cell forgets within a few weeks, and the gradient from the
    renewal back to the early weeks is ~0 for all of them. The loss stays at ~1.0 (~1.002 to
    ~0.995 in eight epochs), where log(U(1, 59)) trains the same LSTM from ~0.61 to ~0.074.
    Adam 3e-3, MSE, batch 32"""
    return _chrono_run(session, broken=True)


@holdout24("foundries", ["saturated_activations", "unnormalized_inputs"], stall_begins=None)
def rescaling_offset_not_divided(session):
    """Tensile strength (standardised) from the melt shop's raw log (tap temperature in C,
    chemistry in %, pour s, ladle kg, inoculant g, sand moisture %, mould C, section mm) by an
    MLP of two Dense(64, tanh) layers, standardised in the model by
    Rescaling(scale=1 / sd, offset=-mean), read as (x - mean) / sd but computed x / sd - mean:
    the tap temperature arrives at ~-1413, the ladle at ~-942, the inoculant at ~-393, carbon
    at ~+32, and every unit of the first tanh layer sits at +-1 for every heat. The loss stays
    at ~1.0 (~1.04 to ~0.997 in eight epochs), where offset=-mean / sd trains the same net
    from ~0.46 to ~0.19. Adam 2e-3, MSE, batch 32"""
    return _rescaling_offset_run(session, broken=True)


@holdout24("foundries", ["dead_relus"], stall_begins=None)
def hard_swish_shift_sign_typo(session):
    """Elongation (standardised) from the standardised melt log by an MLP of three Dense(64)
    layers with MobileNetV3's hard-swish written by hand for an older Keras, x * relu6(x + 3)
    / 6, typed with x - 3: the unit is zero, with a zero slope, for every pre-activation below
    3, which is every pre-activation the Glorot-initialised layers produce; all 192 units
    output exactly 0 for every heat from the first step. The loss stays at ~1.007 for eight
    epochs, where x + 3 trains the same net from ~0.42 to ~0.16. Adam 2e-3, MSE, batch 32"""
    return _hard_swish_run(session, broken=True)


@holdout24("foundries", ["over_regularization"], stall_begins=None)
def adversarial_epsilon_from_the_digit_benchmark(session):
    """Radiograph defects (sound, gas porosity, shrinkage, inclusion; contrast 0.12-0.3 against
    film grain of 0.05) by a CNN (Conv2D 16-32 relu, global max pooling, Dense 32) trained
    adversarially with the fast gradient sign method at epsilon 0.3, the setting of the
    handwritten-digit benchmark the recipe came from: each pixel may move by 0.3, more than
    any defect's contrast, so the adversary erases every defect and paints others. The loss
    stays at ln 4 (~1.397 to ~1.388), where epsilon 0.01 trains the same robust net from
    ~1.38 to ~0.75. Adam 2e-3, sparse categorical cross-entropy, batch 32"""
    return _fgsm_run(session, broken=True)
