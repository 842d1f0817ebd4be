"""The twenty-third held-out catalogue: written by someone who did not read the engine or run
the diagnosis on these runs, and scored once.

It was written from how trainings behave in practice, without reading the engine's detectors or
thresholds and without running the diagnosis. Every scenario was checked only from its own loss
curve (Keras History and the per-step loss, in a throwaway script with the runner's seed)
against the noise put into its data, and every broken one against the same model trained
without its mistake (each `_..._run(session, broken)` trains both).

Half of it is healthy-but-imperfect training: the keepers' Morse traffic symbol by symbol
(Embedding and GRU, at the traffic's entropy), ships' sighting reports where most ships that saw
the light never report it (positive-unlabelled, ship-type Embedding, two inputs), the waves at
a rock by an LSTM encoder-decoder with teacher forcing against a gauge in spray, rope break loads
with weakest-link scatter under AdamW and a one-cycle rate (BatchNorm MLP), fibres from
load-extension curves by a Conv1D net under label smoothing, yarn breaks as overdispersed counts
in a hand-written negative-binomial loop, survey cutouts denoised Noise2Noise (a second noisy
exposure as the target), an observatory's extinction read in date order (shuffle=False) through
a dust season, the cloud fraction in a hand-written beta-likelihood loop, board grades from a
face image and a table (two inputs) with graders who disagree, lumber recovery from scanner
slices by a self-attention block under RMSprop and a cosine decay, and log grades with a third
of the logs ungraded (ignore_class).

The broken half: mean absolute error on a twenty-way softmax (a robust-loss recipe), a
radial-basis gamma whose minus sign was folded in and then applied again, SpectralNormalization
from a GAN discriminator on a regression with steep beams, a batch cut from 512 to 8 with the
rate kept, a point's index added to its reading as a "positional encoding" before a GRU, a
warm-up switched off with warmup_steps=0 (a NaN rate at the first step), a local background
taken as the maximum (-max(-x) without its minus signs) before a relu, a mixture density head
initialised to zero (identical components), Inception-ResNet's residual scaling applied to the
sum, a StandardScaler's var_ used where its scale_ was meant, gradients accumulated over 64
batches to reach a paper's batch on a small set, and Add() where Dot() was meant in a two-code
value model. Each of the twelve causes is the root cause of exactly one run.

Dropped or replaced because they did not behave as intended: attention pooling with the
softmax's division by the sum lost, for the exploding gradients (the unnormalised weights acted
as sum pooling and the net trained better than the softmax one, ~0.63 against ~0.99; the
radial-basis sign slip replaced it), and the radial-basis slip under Adam 1e-2 (a loss of ~1e9
bouncing without a NaN; kept under SGD with momentum); the kept rate at batch 8 on the
break-load regression (at 0.1 to 0.4 the MSE went to NaN instead of bouncing, at 0.05 it
trained noisily) and on a proof-load pass/fail label (~0.65 against ~0.50, too close; the
fibre QC classifier replaced both); the index added before an LSTM(32) and before a GRU on the
32-point sheet (both escaped the saturation, to ~1.23 after eight epochs and ~0.72 after
sixteen; the GRU on 64 points stayed at ln 5 for sixteen); the scaler's var_ under Adam 1e-3
(Adam kept amplifying the shrunken columns, ~0.98 to ~0.85 in ten epochs and ~0.51 in twenty)
and under SGD 1e-2 (NaN: the inflated columns); mean absolute error with 10% of the records
mislabelled (it crept on to ~0.072 in twenty epochs while the cross-entropy fix only reached
~0.057; the labels were kept clean); the extinction in date order under Adam 2e-3 (the epoch
means bounced, ~0.38 to ~0.52 to ~0.33, like a broken run; 1e-3 replaced it). A tanh head
under binary cross-entropy, rectangular identity kernels, a two-unit softmax under binary
cross-entropy and a tanh SimpleRNN with a large recurrent gain were not tried: earlier
catalogues record that they trained or that Keras refuses them. Controls retuned before their
check: the rock's gauge first had a noise of 0.08 (a floor of ~0.02, too near zero to be
imperfect), the ropes' Weibull shape was first 9 (a floor of ~0.02), the fibre curves first
overlapped so much that the smoothed loss only reached ~0.94, and the denoiser first had three
24-filter layers (~15 s). The first cutouts had a sky gradient steep enough for NaN pixels, and
the first local-background net lacked its relu (non-positive inputs to random convolutions do
not kill them: it trained to ~0.48); both were mistakes of the draft, fixed before labelling.

Labels follow `scenarios.py`: `expected_causes[0]` is the root cause the scenario was built
around, a second cause only where that symptom is genuinely present too; `stall_begins` is the
optimizer step from which the loss stops improving (None: from the start), exact where an event
of the scenario causes it, otherwise read off the per-step loss and marked approximate.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, registrar

FAMILIES = ("lighthouses", "ropeworks", "observatories", "sawmills")

REGISTRY = []

holdout23 = registrar(REGISTRY)


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


# lighthouses ---------------------------------------------------------------------------------


def _flashes(*starts, length=1):
    return tuple(s + k for s in starts for k in range(length))


def _eclipsed(period, *starts, length=2):
    dark = set(_flashes(*starts, length=length))
    return tuple(k for k in range(period) if k not in dark)


# The lights of a stretch of coast by their characters, in half-second samples: (period, the
# samples of the period during which the light shows). A flash is one sample, a long flash four.
CHARACTERS = (
    ("Fl 3s", 6, _flashes(0)),
    ("Fl 5s", 10, _flashes(0)),
    ("Fl 10s", 20, _flashes(0)),
    ("Fl(2) 10s", 20, _flashes(0, 3)),
    ("Fl(3) 15s", 30, _flashes(0, 3, 6)),
    ("Fl(4) 20s", 40, _flashes(0, 3, 6, 9)),
    ("Fl(5) 20s", 40, _flashes(0, 3, 6, 9, 12)),
    ("Fl(2+1) 15s", 30, _flashes(0, 3, 9)),
    ("LFl 10s", 20, _flashes(0, length=4)),
    ("LFl(2) 15s", 30, _flashes(0, 7, length=4)),
    ("Oc 4s", 8, _eclipsed(8, 0, length=1)),
    ("Oc 6s", 12, _eclipsed(12, 0)),
    ("Oc(2) 10s", 20, _eclipsed(20, 0, 4)),
    ("Oc(3) 15s", 30, _eclipsed(30, 0, 4, 8)),
    ("Iso 4s", 8, _flashes(0, length=4)),
    ("Iso 8s", 16, _flashes(0, length=8)),
    ("Q", 2, _flashes(0)),
    ("Q(3) 10s", 20, _flashes(0, 2, 4)),
    ("Mo(A) 15s", 30, _flashes(0) + _flashes(2, length=3)),
    ("Mo(U) 15s", 30, _flashes(0, 2) + _flashes(4, length=3)),
)

RECORD = 64  # half-second samples of a light record (32 s)


def light_records(n, seed, steps=RECORD, lights=None):
    """A watcher's photometer pointed at one of the coast's lights for `steps` half-second
    samples: the light's character (CHARACTERS) from a random phase, dimmed by the haze between
    (a random transmission, some lights barely above the background), with scintillation (a
    multiplicative flicker), a slowly wandering sky background and the detector's noise.
    Returns ([n, steps, 1] float32 readings, light [n])."""
    r = _rng(seed)
    lights = r.integers(0, len(CHARACTERS), n) if lights is None else np.asarray(lights)
    t = np.arange(steps)
    x = np.zeros((n, steps))
    for i in range(n):
        _, period, shown = CHARACTERS[lights[i]]
        on = np.isin((t + r.integers(0, period)) % period, shown).astype(float)
        x[i] = on
    haze = np.exp(-r.gamma(1.5, 0.4, (n, 1)))  # transmission ~0.2..1
    flicker = np.exp(0.25 * r.normal(size=(n, steps)))
    sky = 0.2 * np.cumsum(r.normal(0, 0.05, (n, steps)), 1)
    reading = haze * x * flicker + sky + 0.12 * r.normal(size=(n, steps))
    return reading[..., None].astype("float32"), lights.astype("int32")


SHIP_TYPES = ("fishing", "ferry", "cargo", "tanker", "yacht", "naval")

REPORTING = np.array([0.35, 0.6, 0.45, 0.5, 0.15, 0.8])  # share of sightings each type reports


def light_passages(n, seed):
    """Ships passing a light at night: the distance to the light (nautical miles), the
    meteorological visibility (nm), the height of eye (m), the light's nominal range (nm), the
    moon's brightness, the shore lighting behind the light, the sea state and the ship type.
    Whether the light can be seen follows Allard's law in the usual approximation (the
    luminous range grows with the nominal range and shrinks with the haze), cut off by the
    geographic range over the horizon and blurred by the observer's attention; the log
    illuminance at the eye falls with the distance and the extinction. Returns (numeric
    features [n, 7]: log distance, log visibility, height of eye, nominal range, moon, shore
    lighting, sea state; ship type [n], seen [n] bool, log10 illuminance [n])."""
    r = _rng(seed)
    kind = r.choice(len(SHIP_TYPES), n, p=[0.25, 0.15, 0.25, 0.1, 0.15, 0.1])
    distance = r.gamma(3.0, 4.0, n)
    visibility = np.exp(r.normal(np.log(12.0), 0.8, n))
    eye = np.select([kind == 4, kind == 0], [r.uniform(2, 4, n), r.uniform(4, 8, n)],
                    r.uniform(10, 30, n))
    nominal = r.choice([10.0, 15.0, 18.0, 22.0, 26.0], n)
    moon = r.beta(1.2, 2.0, n)
    shore = r.beta(1.5, 3.0, n)
    sea = r.gamma(2.0, 1.0, n)
    luminous = nominal * (visibility / 10.0) ** 0.55 * (1 - 0.3 * shore) * (1 - 0.1 * moon)
    geographic = 2.08 * (np.sqrt(eye) + np.sqrt(40.0))
    reach = np.minimum(luminous, geographic)
    attention = 1.0 + 0.08 * sea
    seen = r.random(n) < _sigmoid((reach - distance * attention) / 1.2)
    extinction = 3.0 / visibility  # per nm, Koschmieder
    log_lux = (np.log10(nominal ** 2) - 2 * np.log10(distance) - 0.434 * extinction * distance
               + 0.05 * r.normal(size=n))
    x = np.column_stack([np.log(distance), np.log(visibility), eye, nominal, moon, shore, sea])
    return x, kind, seen, log_lux


PANELS = (1, 2, 3, 4, 6)  # bull's-eye panels of the rotating optic


def beam_sweeps(n, seed):
    """A rotating optic seen from a fixed point at sea: the optic's rotation angle phi (as its
    sine and cosine), its number of bull's-eye panels (each throws one beam, PANELS), the
    lamp's size and the panels' focal length (a larger lamp or a shorter focus widens each
    beam, a half-width from about 3.5 to 19 degrees), and the range. The intensity at the eye
    is the sum of the beams whose axes pass near the observer, each a Gaussian in the angle
    between axis and observer, on the faint glow of the lantern's spill light, dimmed with the
    range. Returns (features [n, 10], log intensity [n])"""
    r = _rng(seed)
    phi = r.uniform(0, 2 * np.pi, n)
    panel = r.integers(0, len(PANELS), n)
    k = np.array(PANELS)[panel]
    lamp = r.uniform(0.5, 1.5, n)
    focus = r.uniform(0.7, 1.3, n)
    distance = r.uniform(2.0, 15.0, n)
    width = np.deg2rad(9.0) * lamp / focus  # beam half-width (rad)
    intensity = np.full(n, 0.02)
    for j in range(6):
        axis = 2 * np.pi * j / k
        off = np.angle(np.exp(1j * (phi - axis)))
        intensity += np.where(j < k, np.exp(-0.5 * (off / width) ** 2) / (lamp / focus), 0.0)
    log_i = np.log(intensity) - 0.08 * distance + 0.05 * r.normal(size=n)
    x = np.column_stack([np.sin(phi), np.cos(phi), np.eye(len(PANELS))[panel], lamp, focus,
                         distance])
    return x, log_i


MORSE = {
    "A": ".-", "B": "-...", "C": "-.-.", "D": "-..", "E": ".", "F": "..-.", "G": "--.",
    "H": "....", "I": "..", "J": ".---", "K": "-.-", "L": ".-..", "M": "--", "N": "-.",
    "O": "---", "P": ".--.", "Q": "--.-", "R": ".-.", "S": "...", "T": "-", "U": "..-",
    "V": "...-", "W": ".--", "X": "-..-", "Y": "-.--", "Z": "--..",
}

# English letter frequencies (%), the keepers' messages being plain English
LETTER_FREQ = np.array([8.2, 1.5, 2.8, 4.3, 12.7, 2.2, 2.0, 6.1, 7.0, 0.15, 0.77, 4.0, 2.4, 6.7,
                        7.5, 1.9, 0.095, 6.0, 6.3, 9.1, 2.8, 0.98, 2.4, 0.15, 2.0, 0.074])

SYMBOLS = ("pad", "dit", "dah", "letter_gap", "word_gap")

KEYED = 49  # symbols of a keyed fragment


def morse_fragments(n, seed, length=KEYED, slips=0.03):
    """Fragments of the keepers' Morse traffic as a receiving station decodes it into symbols
    (1 dit, 2 dah, 3 the gap between letters, 4 the gap between words): plain-English letters
    drawn by their frequencies, words of two to six letters, and the keyer's slips (3% of the
    elements sent as the other element). Inside a letter the next element is partly told by the
    elements so far; at a letter's end the next letter is open. Returns int32 [n, length]."""
    r = _rng(seed)
    p = LETTER_FREQ / LETTER_FREQ.sum()
    letters = list(MORSE.values())
    out = np.zeros((n, length), dtype="int32")
    for i in range(n):
        seq = []
        while len(seq) < length + 8:
            for w in range(r.integers(2, 7)):
                code = letters[r.choice(26, p=p)]
                seq += [1 if c == "." else 2 for c in code]
                seq.append(3)
            seq[-1] = 4
        seq = np.array(seq[r.integers(0, 8):][:length])
        flip = (r.random(length) < slips) & (seq <= 2)
        seq[flip] = 3 - seq[flip]
        out[i] = seq
    return out


ROCK_PAST = 48

ROCK_AHEAD = 8


def rock_waves(n, seed, past=ROCK_PAST, ahead=ROCK_AHEAD):
    """Hourly records at a rock lighthouse: the wind's speed and direction (as the onshore and
    alongshore components) and the significant wave height at the rock. The waves are a slowly
    varying swell from distant storms plus a wind sea that builds toward the height the onshore
    wind can raise and decays when it drops; the wind itself wanders (an autoregressive walk
    with gusty changes), so the hours ahead hold wind nobody has measured yet. Returns
    (history [n, past, 3] float32 standardised, wave heights ahead [n, ahead] standardised with
    the history's wave statistics, last observed height [n] likewise)."""
    r = _rng(seed)
    total = past + ahead
    onshore = np.zeros((n, total))
    along = np.zeros((n, total))
    u = r.normal(4.0, 4.0, n)
    v = r.normal(0.0, 4.0, n)
    for t in range(total):
        u = 0.92 * u + 0.08 * 4.0 + r.normal(0, 1.3, n)
        v = 0.92 * v + r.normal(0, 1.3, n)
        onshore[:, t], along[:, t] = u, v
    speed = np.sqrt(onshore ** 2 + along ** 2)
    swell = (r.gamma(2.0, 0.5, (n, 1)) * (1 + 0.3 * np.sin(2 * np.pi * np.arange(total) / 40.0
                                                            + r.uniform(0, 6.3, (n, 1)))))
    sea = np.zeros((n, total))
    h = r.uniform(0.2, 2.0, n)
    for t in range(total):
        target = 0.025 * np.clip(onshore[:, t], 0, None) ** 1.6 + 0.005 * speed[:, t] ** 1.5
        h = h + 0.25 * (target - h)
        sea[:, t] = h
    waves = swell + sea + 0.25 * r.normal(size=(n, total))  # the rock's gauge in spray
    hist = np.stack([onshore[:, :past], along[:, :past], waves[:, :past]], -1)
    mean, sd = hist.mean((0, 1)), hist.std((0, 1))
    hist = (hist - mean) / sd
    future = (waves[:, past:] - mean[2]) / sd[2]
    return hist.astype("float32"), future.astype("float32"), hist[:, -1, 2].astype("float32")


# ropeworks -----------------------------------------------------------------------------------

FIBRES = ("manila", "hemp", "sisal", "nylon", "polyester")

TENACITY = np.array([0.076, 0.070, 0.063, 0.190, 0.160])  # kN per mm^2 of nominal diameter

NATURAL = np.array([True, True, True, False, False])


def rope_tests(n, seed):
    """Break tests of the ropery's ropes: the fibre (FIBRES), the diameter (mm), three-strand,
    four-strand or eight-plait, the lay (lay length over diameter), the age in years, the UV
    hours on the test rack, wet or dry, and the termination (none, an eye splice or a knot).
    The breaking load follows the fibre's tenacity times the diameter squared, the
    construction's efficiency, an optimum lay near 3.6, rot of natural fibres with age, UV
    damage of synthetics, nylon's loss when wet and the termination's efficiency, times a
    weakest-link (Weibull, shape 4) scatter of the specimen. Returns (raw features [n, 12]:
    fibre one-hot, diameter, construction, lay, age, UV hours, wet, termination; the breaking
    load in kN [n])."""
    r = _rng(seed)
    fibre = r.integers(0, len(FIBRES), n)
    diameter = r.choice([8.0, 10.0, 12.0, 14.0, 16.0, 18.0, 20.0, 24.0, 28.0, 32.0, 36.0], n)
    construction = r.integers(0, 3, n)  # 3-strand, 4-strand, 8-plait
    lay = r.uniform(2.6, 4.8, n)
    age = r.gamma(1.5, 3.0, n)
    uv = r.gamma(1.2, 400.0, n)
    wet = (r.random(n) < 0.35).astype(float)
    termination = r.choice(3, n, p=[0.5, 0.35, 0.15])
    natural = NATURAL[fibre]
    load = TENACITY[fibre] * diameter ** 2
    load *= np.array([1.0, 0.94, 1.06])[construction]
    load *= 1 - 0.12 * (lay - 3.6) ** 2
    load *= np.where(natural, np.exp(-0.05 * age), np.exp(-0.012 * age))
    load *= np.where(natural, 1.0 - 0.00002 * uv, np.exp(-0.0004 * uv))
    load *= np.where((fibre == 3) & (wet > 0), 0.85, np.where(natural & (wet > 0), 1.05, 1.0))
    load *= np.select([termination == 1, termination == 2],
                      [np.where(natural, 0.9, 0.85), np.where(natural, 0.6, 0.55)], 1.0)
    load *= r.weibull(4.0, n) / 0.906  # weakest link along the specimen
    x = np.column_stack([np.eye(len(FIBRES))[fibre], diameter, construction, lay, age, uv, wet,
                         termination])
    return x, load


CURVE = 64  # points of a load-extension curve


def load_extension_curves(n, seed, points=CURVE, fibre=None):
    """Load-extension curves of rope specimens pulled to break, sampled at CURVE equal steps of
    extension up to 60%: the bedding-in toe while the strands settle, a stiffness of the
    fibre's own (manila and sisal stiff and short, hemp a little softer, polyester between,
    nylon soft and long), the fibre's yield and break, and nothing once broken. Each
    specimen's stiffness, toe and elongation at break vary around its fibre's, so the kinds
    overlap, and the machine's load cell adds noise. Returns ([n, points, 1] float32, the load
    relative to the specimen's nominal break, fibre [n], breaking extension [n])."""
    r = _rng(seed)
    fibre = r.integers(0, len(FIBRES), n) if fibre is None else np.asarray(fibre)
    strain = np.linspace(0.0, 0.6, points)[None, :]
    at_break = np.array([0.12, 0.15, 0.10, 0.38, 0.22])[fibre] * r.lognormal(0.0, 0.1, n)
    toe = np.array([0.03, 0.045, 0.02, 0.06, 0.04])[fibre] * r.lognormal(0.0, 0.2, n)
    shape = np.array([1.1, 1.35, 0.9, 1.8, 1.4])[fibre] * r.lognormal(0.0, 0.08, n)
    s = np.clip(strain / at_break[:, None], 0.0, None)
    bed = 1 - np.exp(-strain / toe[:, None])
    load = bed * s ** shape[:, None] / (1 + 0.25 * s ** 4)
    load = np.where(s <= 1.0, load, 0.0)
    load = load + 0.02 * r.normal(size=load.shape)
    return load[..., None].astype("float32"), fibre.astype("int32"), at_break


def yarn_breaks(n, seed):
    """Yarn breaks per 1000 m at the rope walk's spinning machines: the fibre lot's grade, its
    moisture, the machine's speed, the spindle's hours since service, the spinner's shift and the
    shed's humidity and temperature. Breaks are overdispersed counts (a negative binomial: a gamma-
    distributed day-to-day rate, dispersion 2.5, around a log-linear mean with a speed-moisture
    interaction). Returns (features [n, 8] float32 standardised, counts [n] float32)."""
    r = _rng(seed)
    grade = r.integers(0, 4, n).astype(float)
    moisture = r.normal(12.0, 2.5, n)
    speed = r.uniform(0.6, 1.4, n)
    service = r.gamma(2.0, 80.0, n)
    shift = r.integers(0, 3, n)
    humidity = r.uniform(40.0, 90.0, n)
    temp = r.normal(15.0, 5.0, n)
    log_mu = (0.4 + 0.35 * grade + 0.9 * (speed - 1.0) + 0.004 * service
              + 0.05 * (speed - 1.0) * (moisture - 12.0) * 3 - 0.012 * (humidity - 65.0)
              + 0.15 * (shift == 2))
    mu = np.exp(log_mu)
    dispersion = 2.5
    counts = r.poisson(r.gamma(dispersion, mu / dispersion)).astype("float32")
    x = np.column_stack([grade, moisture, speed, np.log1p(service), np.eye(3)[shift][:, 1:],
                         humidity, temp])
    return _cols(x), counts


# observatories -------------------------------------------------------------------------------

CUTOUT = 16

SOURCES = ("star", "galaxy", "cosmic_ray", "blank")


def sky_cutouts(n, seed, side=CUTOUT, kind=None, exposures=1, noise=0.05):
    """CUTOUT x CUTOUT cutouts of a survey frame around a detection, in units of the frame's
    saturation level: a sky background with a gentle gradient, a few faint field stars
    anywhere, and at the centre a star (a Gaussian point-spread function of the night's seeing),
    a galaxy (an inclined exponential disc, wider than the seeing), a cosmic-ray hit (a sharp
    streak or cluster of hot pixels that the optics never blurred) or nothing (a spurious
    detection). Each exposure adds its own read and photon noise to the same scene. Returns
    (exposures [n, side, side, 1] float32 each (a list when exposures > 1), the noise-free scene,
    kind [n])."""
    r = _rng(seed)
    kind = r.integers(0, 4, n) if kind is None else np.asarray(kind)
    yy, xx = np.mgrid[0:side, 0:side].astype(float)
    scene = np.zeros((n, side, side))
    c = (side - 1) / 2.0
    for i in range(n):
        gx, gy = r.normal(0, 0.004, 2)
        img = r.uniform(0.05, 0.25) + gx * (xx - c) + gy * (yy - c)
        seeing = r.uniform(0.8, 1.6)  # Gaussian sigma in pixels
        for _ in range(r.poisson(1.5)):
            px, py = r.uniform(0, side, 2)
            img += r.uniform(0.05, 0.3) * np.exp(-((xx - px) ** 2 + (yy - py) ** 2)
                                                 / (2 * seeing ** 2))
        ox, oy = r.normal(0, 0.6, 2) + c
        amp = r.uniform(0.3, 1.5)
        if kind[i] == 0:
            img += amp * np.exp(-((xx - ox) ** 2 + (yy - oy) ** 2) / (2 * seeing ** 2))
        elif kind[i] == 1:
            a = r.uniform(0, np.pi)
            q = r.uniform(0.35, 1.0)
            u = (xx - ox) * np.cos(a) + (yy - oy) * np.sin(a)
            v = (-(xx - ox) * np.sin(a) + (yy - oy) * np.cos(a)) / q
            img += 0.7 * amp * np.exp(-np.sqrt(u ** 2 + v ** 2) / r.uniform(1.5, 3.0))
        elif kind[i] == 2:
            a = r.uniform(0, np.pi)
            length = r.integers(1, 6)
            for k in range(length):
                px = int(round(ox + (k - length / 2) * np.cos(a)))
                py = int(round(oy + (k - length / 2) * np.sin(a)))
                if 0 <= px < side and 0 <= py < side:
                    img[py, px] += r.uniform(0.8, 2.0) * amp
        scene[i] = img
    shots = []
    for _ in range(exposures):
        shot = scene + noise * np.sqrt(1 + 4 * np.clip(scene, 0, None)) * r.normal(size=scene.shape)
        shots.append(shot[..., None].astype("float32"))
    return ((shots if exposures > 1 else shots[0]), scene[..., None].astype("float32"),
            kind.astype("int32"))


def site_nights(n, seed):
    """Nights at a mountain observatory's weather mast and dome: the wind at 10 m and its shear to
    30 m, the ground-to-air temperature difference, the relative humidity, the dome's
    temperature excess over the outside air, the jet stream's speed at 200 hPa, the pressure
    tendency and the hours since sunset. The seeing (FWHM, arcsec) combines a ground layer that
    the shear and the temperature inversion stir, dome seeing from the dome's excess heat and
    the free atmosphere under the jet, added as turbulence does (powers 5/3), with the seeing
    monitor's own scatter; the cloud fraction follows the humidity and the pressure's fall.
    Returns (features [n, 8] raw, seeing [n], cloud fraction in (0, 1) [n])."""
    r = _rng(seed)
    wind = r.gamma(2.5, 3.0, n)
    shear = np.abs(r.normal(0.0, 1.5, n)) + 0.2 * wind
    inversion = r.normal(1.5, 2.0, n)
    humidity = np.clip(r.beta(2.0, 3.0, n) * 110.0, 3.0, 100.0)
    dome = np.abs(r.normal(0.5, 1.2, n))
    jet = r.gamma(4.0, 8.0, n)
    tendency = r.normal(0.0, 1.5, n)
    hours = r.uniform(0.5, 10.0, n)
    ground = 0.35 + 0.12 * shear * np.clip(inversion, 0, None) ** 0.5 + 0.02 * wind
    ground *= np.exp(-0.05 * hours)
    dome_fwhm = 0.25 * dome ** 1.2
    free = 0.3 + 0.012 * jet
    seeing = (ground ** (5 / 3) + dome_fwhm ** (5 / 3) + free ** (5 / 3)) ** 0.6
    seeing *= np.exp(0.12 * r.normal(size=n))
    logit = -3.2 + 0.06 * humidity - 0.6 * tendency + 0.02 * wind
    cloud = _sigmoid(logit + 0.5 * r.normal(size=n))
    kappa = 6.0
    cloud = r.beta(kappa * cloud + 0.05, kappa * (1 - cloud) + 0.05)
    cloud = np.clip(cloud, 1e-3, 1 - 1e-3)
    x = np.column_stack([wind, shear, inversion, humidity, dome, jet, tendency, hours])
    return x, seeing, cloud


def galaxy_colours(n, seed):
    """Five-band photometry of galaxies (four colours and a magnitude) with the redshift from
    spectroscopy: early types and star-forming ones, whose colours run through the same
    sequence at redshifts 1.1 apart (an early type's 4000 A break at z mimics a star-forming
    galaxy's Lyman-alpha forest at z + 1.1), so the colours of a galaxy of unknown type fit two
    redshifts. Photometric scatter 0.08 mag. Returns (features [n, 5] float32 standardised,
    redshift [n])."""
    r = _rng(seed)
    early = r.random(n) < 0.5
    z = np.where(early, r.uniform(0.1, 1.2, n), r.uniform(1.2, 2.3, n))
    phase = np.where(early, z, z - 1.1)
    colours = np.column_stack([np.sin(2.2 * phase + k) + 0.6 * np.cos(3.1 * phase * (k + 1))
                               for k in range(4)])
    mag = 20.0 + 2.5 * np.log10(1 + z) + np.where(early, 0.0, 0.3) + r.normal(0, 0.8, n)
    x = np.column_stack([colours + 0.08 * r.normal(size=colours.shape), mag])
    return _cols(x), z


def extinction_nights(n, seed):
    """Nights of an observatory's extinction monitor over two years, in date order: the humidity,
    the wind's speed and direction (as its southerly and easterly components), the pressure and
    the day of the year (as a sine and a cosine). The atmospheric extinction (magnitudes per
    airmass) is Rayleigh scattering plus water vapour with the humidity, and in the dust season
    (early to late summer) Saharan-like dust carried on south-easterly winds; the monitor adds
    its scatter. Returns (features [n, 7] float32 standardised, extinction [n]) sorted by date."""
    r = _rng(seed)
    day = np.sort(r.uniform(0.0, 730.0, n))
    season = 2 * np.pi * day / 365.25
    humidity = np.clip(45 + 20 * np.cos(season) + 15 * r.normal(size=n), 3, 100)
    speed = r.gamma(2.0, 4.0, n)
    direction = r.uniform(0, 2 * np.pi, n)
    south, east = -speed * np.cos(direction), speed * np.sin(direction)
    pressure = 770 + 3 * np.sin(season) + 2.5 * r.normal(size=n)
    dust_season = np.exp(-0.5 * ((np.mod(day, 365.25) - 200.0) / 35.0) ** 2)
    inflow = np.clip(south + east, 0, None) / np.sqrt(2)
    dust = 0.12 * dust_season * (1 - np.exp(-inflow / 5.0)) * r.lognormal(0, 0.3, n)
    k = 0.11 + 0.0008 * humidity + dust + 0.012 * r.normal(size=n)
    x = np.column_stack([humidity, south, east, speed, pressure, np.sin(season), np.cos(season)])
    return _cols(x), k


# sawmills ------------------------------------------------------------------------------------

SCAN_COLUMNS = ("small_end_mm", "large_end_mm", "length_mm", "sweep_mm", "ovality", "whorls",
                "largest_knot_mm", "density_kg_m3", "moisture", "bark_mm")


def log_scans(n, seed):
    """The log scanner's table at the mill's infeed, in its own units (SCAN_COLUMNS): small- and
    large-end diameters and length in millimetres, sweep (the bow's height) in millimetres,
    ovality (long over short axis), knot whorls counted on the shell, the largest knot's
    diameter, the density (kg/m3), the moisture content (fraction of dry mass) and the bark's
    thickness. The lumber recovery (share of the log's volume sawn into boards) grows with the
    small-end diameter (less slab loss) and falls with the taper, the sweep relative to the
    diameter and the ovality, with the sawyer's and the saw's scatter. The grade of the best
    board (0 clear .. 3 utility) follows the knots, the sweep and rot that the scanner only
    half sees. Returns (raw columns [n, 10], recovery [n], grade [n])."""
    r = _rng(seed)
    small = r.gamma(9.0, 32.0, n) + 120.0
    length = r.choice([2400.0, 3000.0, 3600.0, 4200.0, 4800.0, 5400.0], n)
    taper = r.gamma(3.0, 3.0, n)  # mm of diameter per metre
    large = small + taper * length / 1000.0
    sweep = r.gamma(1.5, 12.0, n) * length / 4000.0
    ovality = 1.0 + r.gamma(2.0, 0.035, n)
    whorls = r.poisson(length / 700.0)
    knot = np.where(whorls > 0, r.gamma(3.0, 8.0, n), 0.0)
    density = r.normal(450.0, 40.0, n)
    moisture = np.clip(r.normal(0.9, 0.2, n), 0.3, 1.6)
    bark = r.gamma(4.0, 3.0, n)
    recovery = (0.66 * (1 - 95.0 / small) - 0.9 * (large - small) / large
                - 1.2 * sweep / small - 0.25 * (ovality - 1.0) + 0.025 * r.normal(size=n))
    rot = r.random(n) < 0.08
    quality = (0.09 * whorls + 0.03 * knot + 8.0 * sweep / small + 1.5 * rot
               + 0.6 * r.normal(size=n))
    grade = np.digitize(quality, [0.9, 1.6, 2.4])
    x = np.column_stack([small, large, length, sweep, ovality, whorls, knot, density, moisture,
                         bark])
    return x, recovery, grade


FACE = 16

BOARD_DEFECTS = ("clear", "sound_knot", "dead_knot", "split")


def board_faces(n, seed, kind=None, noise=0.06):
    """FACE x FACE greyscale patches of a board's face under the grading line's camera: the grain
    as wavy stripes along the board at a small slant, early- and latewood in light and dark,
    and one of: nothing (clear), a sound knot (a darker ellipse with its own rings, intergrown
    with the grain), a dead knot (a dark ring of bark round it), or a split (a dark thin crack
    along the grain). Returns ([n, FACE, FACE, 1] float32 in [0, 1], defect [n])."""
    r = _rng(seed)
    kind = r.integers(0, 4, n) if kind is None else np.asarray(kind)
    yy, xx = np.mgrid[0:FACE, 0:FACE].astype(float)
    img = np.zeros((n, FACE, FACE))
    for i in range(n):
        slant = r.normal(0, 0.08)
        wave = 0.6 * np.sin(xx / r.uniform(3, 6) + r.uniform(0, 6))
        across = yy + slant * xx + wave
        period = r.uniform(2.5, 4.5)
        board = 0.62 + 0.1 * np.sin(2 * np.pi * across / period + r.uniform(0, 6))
        c = r.uniform(4, 12, 2)
        ax, ay = r.uniform(1.5, 3.0), r.uniform(1.2, 2.5)
        d = np.sqrt(((xx - c[0]) / ax) ** 2 + ((yy - c[1]) / ay) ** 2)
        if kind[i] == 1:
            board = np.where(d < 1, 0.45 + 0.08 * np.sin(4 * d * np.pi), board)
        elif kind[i] == 2:
            board = np.where(d < 1, 0.5 + 0.05 * np.sin(4 * d * np.pi), board)
            board = np.where((d >= 0.8) & (d < 1.25), 0.18, board)
        elif kind[i] == 3:
            row = c[1] + slant * xx + 0.3 * wave
            start, stop = sorted(r.uniform(0, 16, 2))
            stop = max(stop, start + 5)
            crack = (np.abs(yy - row) < 0.5) & (xx >= start) & (xx <= stop)
            board = np.where(crack, 0.15, board)
        img[i] = board
    img = img + noise * r.normal(size=img.shape)
    return np.clip(img, 0, 1)[..., None].astype("float32"), kind.astype("int32")


LOG_CLASSES = 48

PATTERNS = 24


def pattern_values(n, seed, rank=4):
    """The sawing simulator's value (standardised) of cutting a log of one of LOG_CLASSES scan
    classes (diameter, taper and sweep bins) with one of PATTERNS cutting patterns: small main
    effects for the class and the pattern, and mostly their fit (a rank-`rank` interaction:
    wide patterns suit big straight logs, cant-and-resaw patterns swept ones), with the
    simulator's scatter. Returns (log class [n], pattern [n], value [n] float32)."""
    r = _rng(seed)
    u = r.normal(size=(LOG_CLASSES, rank))
    v = r.normal(size=(PATTERNS, rank))
    bias_c = 0.3 * r.normal(size=LOG_CLASSES)
    bias_p = 0.3 * r.normal(size=PATTERNS)
    c = r.integers(0, LOG_CLASSES, n)
    p = r.integers(0, PATTERNS, n)
    value = bias_c[c] + bias_p[p] + (u[c] * v[p]).sum(1) / np.sqrt(rank) + 0.25 * r.normal(size=n)
    return c.astype("int32"), p.astype("int32"), _std(value)


SLICES = 24


def scanner_profiles(n, seed, slices=SLICES):
    """The 3-D scanner's cross-sections of a log every 20 cm: each slice's mean diameter, its
    ovality and the centre's offset from the log's axis (horizontal and vertical, mm). The
    log's taper, sweep (the centres bow along a circular arc in a random plane), a crook (a
    sudden kink at one slice) and the ovality set how much lumber a cutting solution gets; the
    hidden interior (rot, ring shake) adds scatter. Returns ([n, slices, 4] float32
    standardised per channel, recovery [n])."""
    r = _rng(seed)
    s = np.linspace(-1, 1, slices)[None, :]
    small = r.gamma(9.0, 30.0, (n, 1)) + 130.0
    taper = r.gamma(3.0, 2.0, (n, 1))
    diameter = small + taper * (s + 1) / 2 * slices * 0.2  # taper in mm per metre
    bow = r.gamma(1.5, 10.0, (n, 1))
    plane = r.uniform(0, 2 * np.pi, (n, 1))
    arc = bow * (1 - s ** 2)
    kink_at = r.integers(4, slices - 4, (n, 1))
    kink = np.where(r.random((n, 1)) < 0.3, r.gamma(2.0, 6.0, (n, 1)), 0.0)
    crook = kink * np.clip(np.arange(slices)[None, :] - kink_at, 0, None) / 6.0
    ox = arc * np.cos(plane) + crook
    oy = arc * np.sin(plane)
    ovality = 1.0 + r.gamma(2.0, 0.03, (n, 1)) + 0.01 * r.normal(size=(n, slices))
    d_small = diameter[:, :1]
    straightness = np.max(np.sqrt(ox ** 2 + oy ** 2), 1, keepdims=True)
    recovery = (0.66 * (1 - 95.0 / d_small) - 0.9 * (diameter[:, -1:] - d_small) / diameter[:, -1:]
                - 1.5 * straightness / d_small - 0.3 * (ovality.mean(1, keepdims=True) - 1)
                + 0.03 * r.normal(size=(n, 1)))
    x = np.stack([diameter + 2 * r.normal(size=(n, slices)), ovality,
                  ox + r.normal(size=(n, slices)),
                  oy + r.normal(size=(n, slices))], -1)
    x = (x - x.mean((0, 1))) / x.std((0, 1))
    return x.astype("float32"), recovery[:, 0]


SPECIES = ("spruce", "pine", "larch", "douglas_fir")

GRADES = ("select", "no1", "no2", "no3")


# ---------------------------------------------------------------------------------------------
# models, losses and helpers


def _mlp(keras, inputs, hidden, outputs=1, activation="relu", out_activation=None, **kw):
    layers = [keras.Input((inputs,))]
    layers += [keras.layers.Dense(h, activation=activation, **kw) for h in hidden]
    layers.append(keras.layers.Dense(outputs, activation=out_activation))
    return keras.Sequential(layers)


def _fit_inputs(session, model, inputs, y, *, epochs, batch_size, shuffle=True, callbacks=(),
                sample_weight=None):
    """`_fit` for a model with several inputs (a list of arrays): the last PROBE_SIZE rows of
    each are the probe, never trained on."""
    train = [v[:-PROBE_SIZE] for v in inputs]
    probe = ([v[-PROBE_SIZE:] for v in inputs], y[-PROBE_SIZE:])
    weights = None if sample_weight is None else sample_weight[:-PROBE_SIZE]
    history = model.fit(train, y[:-PROBE_SIZE], sample_weight=weights, epochs=epochs,
                        batch_size=batch_size, shuffle=shuffle, verbose=0,
                        callbacks=list(callbacks) + session.callbacks(probe))
    return history.history["loss"]


def _light_cnn(keras, classes=len(CHARACTERS), out_activation="softmax"):
    return keras.Sequential([
        keras.Input((RECORD, 1)),
        keras.layers.Conv1D(32, 5, padding="same", activation="relu"),
        keras.layers.Conv1D(32, 5, padding="same", activation="relu"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(64, 5, padding="same", activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(classes, activation=out_activation)])


def _rope_inputs(raw):
    """The break-test table as the model sees it: the fibre one-hot, log diameter,
    construction one-hot, termination one-hot and the standardised numeric columns."""
    fibre = raw[:, :5]
    construction = np.eye(3)[raw[:, 6].astype(int)]
    termination = np.eye(3)[raw[:, 11].astype(int)]
    numeric = np.column_stack([np.log(raw[:, 5]), raw[:, 7], raw[:, 8], np.log1p(raw[:, 9]),
                               raw[:, 10]])
    return np.concatenate([fibre, construction, termination, _cols(numeric)], 1).astype("float32")


def _one_cycle(keras, peak, total_steps, warm=0.3):
    """Smith's one-cycle rate: a linear climb from peak / 25 to the peak over the first 30% of
    the steps, then a cosine descent to peak / 1e4."""

    class OneCycle(keras.optimizers.schedules.LearningRateSchedule):
        def __call__(self, step):
            ops = keras.ops
            s = ops.cast(step, "float32")
            up = warm * total_steps
            climb = peak / 25.0 + (peak - peak / 25.0) * s / up
            frac = ops.clip((s - up) / (total_steps - up), 0.0, 1.0)
            descend = peak / 1e4 + 0.5 * (peak - peak / 1e4) * (1 + ops.cos(np.pi * frac))
            return ops.where(s < up, climb, descend)

        def get_config(self):
            return {"peak": peak, "total_steps": total_steps, "warm": warm}

    return OneCycle()


def _rbf(keras, units, sign_slip):
    """A radial-basis layer: phi_k(x) = exp(-gamma ||x - c_k||^2), gamma = 1 / (2 width^2), the
    centres learnt (started on random draws of a unit normal, as the standardised inputs)."""

    class RadialBasis(keras.layers.Layer):
        def build(self, input_shape):
            self.centres = self.add_weight(
                shape=(units, input_shape[-1]), name="centres",
                initializer=keras.initializers.RandomNormal(stddev=1.0, seed=23))
            self.width = self.add_weight(shape=(), name="width",
                                         initializer=keras.initializers.Constant(1.5))

        def call(self, x):
            ops = keras.ops
            d2 = ops.sum(ops.square(x[:, None, :] - self.centres[None, :, :]), axis=-1)
            if sign_slip:  # gamma written with the exponent's minus sign, then exp(-gamma d2)
                gamma = -1.0 / (2.0 * ops.square(self.width))
            else:
                gamma = 1.0 / (2.0 * ops.square(self.width))
            return ops.exp(-gamma * d2)

    return RadialBasis()


def _negative_binomial_nll(y, out):
    """Negative log-likelihood of counts y under a negative binomial with log mean out[:, 0] and
    log dispersion out[:, 1] (variance mu + mu^2 / k)."""
    import tensorflow as tf

    log_mu, log_k = out[:, 0:1], out[:, 1:2]
    mu, k = tf.exp(log_mu), tf.exp(log_k)
    ll = (tf.math.lgamma(y + k) - tf.math.lgamma(k) - tf.math.lgamma(y + 1.0)
          + k * (log_k - tf.math.log(k + mu)) + y * (log_mu - tf.math.log(k + mu)))
    return -tf.reduce_mean(ll)


COMPONENTS = 3


def _mdn_nll(y, out):
    """Negative log-likelihood of y under a mixture of COMPONENTS Gaussians: out holds the means,
    the log standard deviations and the mixing logits."""
    import tensorflow as tf

    mu = out[:, :COMPONENTS]
    log_sigma = tf.clip_by_value(out[:, COMPONENTS:2 * COMPONENTS], -5.0, 5.0)
    logits = out[:, 2 * COMPONENTS:]
    log_pi = tf.nn.log_softmax(logits, axis=-1)
    z = (y - mu) / tf.exp(log_sigma)
    log_n = -0.5 * tf.square(z) - log_sigma - 0.5 * np.log(2 * np.pi)
    return -tf.reduce_mean(tf.reduce_logsumexp(log_pi + log_n, axis=-1))


def _beta_nll(y, out):
    """Negative log-likelihood of y in (0, 1) under Beta(a, b), a = exp(out[:, 0]),
    b = exp(out[:, 1])."""
    import tensorflow as tf

    a, b = tf.exp(out[:, 0:1]), tf.exp(out[:, 1:2])
    ll = (tf.math.lgamma(a + b) - tf.math.lgamma(a) - tf.math.lgamma(b)
          + (a - 1.0) * tf.math.log(y) + (b - 1.0) * tf.math.log(1.0 - y))
    return -tf.reduce_mean(ll)


# ---------------------------------------------------------------------------------------------
# healthy-but-imperfect


@holdout23("lighthouses", healthy=True)
def keepers_morse_next_symbol(session):
    """The next symbol of the keepers' Morse traffic as the receiving station decodes it (dit, dah,
    letter gap, word gap): plain-English letters by their frequencies and the keyer's slips, so
    that inside a letter the next element is partly told and at a letter's end the next letter
    is open. Embedding(5, 8), GRU(48) over the 48 symbols so far with a softmax at every
    position, Adam 3e-3, sparse categorical cross-entropy, batch 32, ten epochs: ~1.61 (ln 5)
    to ~0.964, flattening at the traffic's own entropy (an order-6 context count gives ~0.97)"""
    keras = _keras()
    seq = morse_fragments(2048 + PROBE_SIZE, seed=23201)
    model = keras.Sequential([
        keras.Input((KEYED - 1,), dtype="int32"),
        keras.layers.Embedding(len(SYMBOLS), 8),
        keras.layers.GRU(48, return_sequences=True),
        keras.layers.Dense(len(SYMBOLS), activation="softmax")])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, seq[:, :-1], seq[:, 1:], epochs=10, batch_size=32)


@holdout23("lighthouses", healthy=True)
def sighting_reports_unlabelled_positives(session):
    """Whether a ship passing the light at night sends a sighting report, from the distance,
    visibility, height of eye, the light's nominal range, the moon, the shore lighting, the
    sea state and the ship type (an Embedding(6, 3), two inputs): the light is seen as Allard's
    law allows, but a fishing boat reports one sighting in three and a yacht one in seven, so
    most ships that saw it are labelled 0 (positive-unlabelled, 26% positive). Dense 32-32 relu,
    sigmoid, Adam 3e-3, binary cross-entropy, batch 32, ten epochs: ~0.68 to ~0.397, at the
    floor the true report probabilities give (~0.40)"""
    keras = _keras()
    r = _rng(23202)
    raw, kind, seen, _ = light_passages(2048 + PROBE_SIZE, seed=23203)
    reported = (seen & (r.random(len(seen)) < REPORTING[kind])).astype("float32")[:, None]
    t_in = keras.Input((1,), dtype="int32")
    n_in = keras.Input((raw.shape[1],))
    e = keras.layers.Flatten()(keras.layers.Embedding(len(SHIP_TYPES), 3)(t_in))
    z = keras.layers.Concatenate()([e, n_in])
    z = keras.layers.Dense(32, activation="relu")(z)
    z = keras.layers.Dense(32, activation="relu")(z)
    model = keras.Model([t_in, n_in], keras.layers.Dense(1, activation="sigmoid")(z))
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit_inputs(session, model, [kind.astype("int32")[:, None], _cols(raw)], reported,
                       epochs=10, batch_size=32)


@holdout23("lighthouses", healthy=True)
def rock_waves_seq2seq_teacher_forcing(session):
    """The wave height at a rock lighthouse for the next eight hours from 48 hours of wind and
    waves, by an encoder-decoder: LSTM(32) encoder, its states start an LSTM(32) decoder that
    reads the previous hour's observed height (teacher forcing, two inputs), Dense(1) at every
    hour. The rock's gauge in spray carries ~8% of the height's variance as noise, and the
    wind to come is unmeasured. Adam 3e-3, MSE, batch 32, eight epochs: ~0.85 to ~0.106,
    flat from the third epoch"""
    keras = _keras()
    hist, future, last = rock_waves(2048 + PROBE_SIZE, seed=23204)
    # teacher forcing: the decoder reads the previous hour's observed height
    previous = np.concatenate([last[:, None], future[:, :-1]], 1)[..., None]
    enc_in = keras.Input((ROCK_PAST, 3))
    dec_in = keras.Input((ROCK_AHEAD, 1))
    _, state_h, state_c = keras.layers.LSTM(32, return_state=True)(enc_in)
    dec = keras.layers.LSTM(32, return_sequences=True)(dec_in, initial_state=[state_h, state_c])
    out = keras.layers.Dense(1)(dec)
    model = keras.Model([enc_in, dec_in], out)
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit_inputs(session, model, [hist, previous], future[..., None], epochs=8,
                       batch_size=32)


@holdout23("ropeworks", healthy=True)
def break_loads_weibull_one_cycle(session):
    """Log breaking load of the ropery's test specimens (fibre, diameter, three-strand,
    four-strand or plaited, lay, age, UV hours, wet, splice or knot), standardised, whose
    weakest-link scatter (Weibull, shape 4) is ~9% of its variance. Dense(64)-BatchNorm-relu
    twice, AdamW (weight decay 1e-4) under a one-cycle rate (1/25 of 1e-2 rising to 1e-2 over
    the first 30% of the steps, then a cosine to 1e-6), MSE, batch 32, ten epochs: ~0.50 to
    ~0.077, a shoulder while the rate is high and a second descent as it falls"""
    keras = _keras()
    raw, load = rope_tests(2048 + PROBE_SIZE, seed=23301)
    y = _std(np.log(load))[:, None]
    model = keras.Sequential([keras.Input((16,))] + [
        layer for units in (64, 64) for layer in (
            keras.layers.Dense(units, use_bias=False), keras.layers.BatchNormalization(),
            keras.layers.Activation("relu"))] + [keras.layers.Dense(1)])
    schedule = _one_cycle(keras, 1e-2, 10 * 2048 // 32)
    model.compile(keras.optimizers.AdamW(schedule, weight_decay=1e-4), "mse")
    return _fit(session, model, _rope_inputs(raw), y, epochs=10, batch_size=32)


@holdout23("ropeworks", healthy=True)
def fibre_from_curves_label_smoothing(session):
    """The fibre (manila, hemp, sisal, nylon, polyester) from a specimen's load-extension curve,
    whose stiffness, bedding-in and elongation at break vary around the fibre's so that the
    natural fibres overlap. Conv1D 16-32 relu with global average pooling, Adam 2e-3,
    categorical cross-entropy with label_smoothing=0.1 (the smoothed targets alone cost ~0.39
    nats), batch 32, ten epochs: ~1.41 to ~0.70, easing down"""
    keras = _keras()
    x, fibre, _ = load_extension_curves(2048 + PROBE_SIZE, seed=23302)
    model = keras.Sequential([
        keras.Input((CURVE, 1)),
        keras.layers.Conv1D(16, 5, activation="relu"), keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu"), keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(len(FIBRES), activation="softmax")])
    model.compile(keras.optimizers.Adam(2e-3),
                  keras.losses.CategoricalCrossentropy(label_smoothing=0.1))
    return _fit(session, model, x, np.eye(len(FIBRES), dtype="float32")[fibre], epochs=10,
                batch_size=32)


@holdout23("ropeworks", healthy=True)
def yarn_breaks_negative_binomial_loop(session):
    """Yarn breaks per 1000 m at the spinning machines (lot grade, moisture, speed, spindle
    hours, shift, shed humidity and temperature), overdispersed counts (a negative binomial,
    dispersion 2.5, mean ~6.5, variance ~75) in a hand-written GradientTape loop: MLP 32-32
    relu with two linear outputs (log mean, log dispersion) under the negative binomial
    log-likelihood, Adam 3e-3, batch 32: ~4.9 in the first steps to ~2.61, where the true
    parameters give ~2.63"""
    keras = _keras()
    x, counts = yarn_breaks(2048 + PROBE_SIZE, seed=23303)
    model = _mlp(keras, x.shape[1], [32, 32], outputs=2)
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), _negative_binomial_nll, x,
                        counts[:, None], epochs=10, batch_size=32, seed=23304,
                        loss_description="negative binomial NLL (log mean, log dispersion)")


@holdout23("observatories", healthy=True)
def survey_cutouts_noise2noise(session):
    """Noise2Noise denoising of survey cutouts (stars, galaxies, cosmic rays and blanks on the
    sky): one exposure in, a second exposure of the same field with its own noise as the
    target, so the loss can never go below the second exposure's noise (~0.20 in the
    standardised units; the two exposures differ by ~0.40). Three Conv2D layers (16, 16, 1)
    adding a correction to the input, Adam 2e-3, MSE, batch 32, eight epochs: ~0.43 to ~0.228"""
    keras = _keras()
    (first, second), _, _ = sky_cutouts(2048 + PROBE_SIZE, seed=23601, exposures=2)
    mean, sd = first.mean(), first.std()
    first, second = (first - mean) / sd, (second - mean) / sd
    inp = keras.Input((CUTOUT, CUTOUT, 1))
    h = keras.layers.Conv2D(16, 3, padding="same", activation="relu")(inp)
    h = keras.layers.Conv2D(16, 3, padding="same", activation="relu")(h)
    correction = keras.layers.Conv2D(1, 3, padding="same")(h)
    model = keras.Model(inp, keras.layers.Add()([inp, correction]))
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, first, second, epochs=8, batch_size=32)


@holdout23("observatories", healthy=True)
def extinction_in_date_order(session):
    """The atmospheric extinction of an observatory's nights (humidity, wind components, pressure,
    day of the year) read in date order over two years (shuffle=False, as the monitor logged
    them), with a summer dust season on south-easterly winds; the monitor's scatter is ~22% of
    the variance. MLP 32-32 relu, Adam 1e-3, MSE, batch 32, ten epochs: the epoch means fall
    from ~0.97 to ~0.31 while every epoch walks through the seasons again (dust-season
    batches cost more than winter ones)"""
    keras = _keras()
    x, k = extinction_nights(2048 + PROBE_SIZE, seed=23602)
    model = _mlp(keras, 7, [32, 32])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, _std(k)[:, None], epochs=10, batch_size=32, shuffle=False)


@holdout23("observatories", healthy=True)
def cloud_fraction_beta_loop(session):
    """The night's cloud fraction (in (0, 1)) from the weather mast in a hand-written GradientTape
    loop under a beta likelihood: MLP 32-32 relu with two linear outputs (log a, log b), Adam
    3e-3, batch 32: ~0.40 in the first steps to ~-0.80, levelling off near the ~-0.76 the
    generating process allows (the loss is a density's negative log and goes below zero)"""
    keras = _keras()
    raw, _, cloud = site_nights(2048 + PROBE_SIZE, seed=23603)
    model = _mlp(keras, 8, [32, 32], outputs=2)
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), _beta_nll, _cols(raw),
                        cloud.astype("float32")[:, None], epochs=10, batch_size=32, seed=23604,
                        loss_description="beta NLL (log a, log b)")


@holdout23("sawmills", healthy=True)
def board_grade_face_and_moisture(session):
    """A board's grade (select, no. 1, no. 2, no. 3) from the grading line's 16x16 face image and
    a table (species one-hot, kiln moisture, width): two inputs, a Conv2D 16-32 relu branch
    with global max pooling and a Dense(16) branch, concatenated into Dense(32). The defect sets
    the grade, a wet board drops one, larch and Douglas fir tolerate sound knots, and the
    graders move one board in five a grade up or down. Adam 2e-3, sparse categorical
    cross-entropy, batch 32, ten epochs: ~1.32 to ~0.575, near the graders' ~0.5"""
    keras = _keras()
    r = _rng(23801)
    n = 2048 + PROBE_SIZE
    face, defect = board_faces(n, seed=23802)
    species = r.integers(0, len(SPECIES), n)
    moisture = np.clip(r.normal(0.16, 0.04, n), 0.08, 0.3)  # after the kiln
    width = r.choice([100.0, 125.0, 150.0, 200.0], n)
    # the grading rule: the defect sets the grade, wet boards drop one, larch and douglas fir
    # tolerate sound knots; the graders disagree on one board in five
    grade = np.select([defect == 0, defect == 1, defect == 2], [0, 1, 2], 3)
    grade = np.where((defect == 1) & (species >= 2), 0, grade)
    grade = np.minimum(grade + (moisture > 0.2), 3)
    disagree = r.random(n) < 0.2
    grade = np.where(disagree, np.clip(grade + r.choice([-1, 1], n), 0, 3), grade).astype("int32")
    table = np.column_stack([np.eye(len(SPECIES))[species],
                             _cols(np.column_stack([moisture, width]))])
    img_in = keras.Input((FACE, FACE, 1))
    tab_in = keras.Input((table.shape[1],))
    h = keras.layers.Conv2D(16, 3, padding="same", activation="relu")(img_in)
    h = keras.layers.MaxPooling2D()(h)
    h = keras.layers.Conv2D(32, 3, padding="same", activation="relu")(h)
    h = keras.layers.GlobalMaxPooling2D()(h)
    t = keras.layers.Dense(16, activation="relu")(tab_in)
    z = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()([h, t]))
    model = keras.Model([img_in, tab_in], keras.layers.Dense(len(GRADES), activation="softmax")(z))
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit_inputs(session, model, [face, table.astype("float32")], grade, epochs=10,
                       batch_size=32)


@holdout23("sawmills", healthy=True)
def recovery_from_scanner_slices_attention(session):
    """Lumber recovery (standardised) from the 3-D scanner's 24 cross-sections of a log (diameter,
    ovality, centre offsets: taper, sweep and crook), with the hidden interior's scatter ~9%
    of the variance. A Dense(32) embedding plus learnt positions, one MultiHeadAttention block
    (4 heads, key_dim 8) and a feed-forward block with LayerNormalization, average pooling,
    RMSprop (momentum 0.5) under a cosine decay from 2e-3 to 0, MSE, batch 32, ten epochs:
    ~0.57 to ~0.238, slowing with the rate"""
    keras = _keras()
    x, recovery = scanner_profiles(2048 + PROBE_SIZE, seed=23803)
    y = _std(recovery)[:, None]
    inp = keras.Input((SLICES, 4))
    h = keras.layers.Dense(32)(inp)
    pos = keras.layers.Embedding(SLICES, 32)(keras.ops.arange(SLICES)[None, :])
    h = h + pos
    att = keras.layers.MultiHeadAttention(num_heads=4, key_dim=8)(h, h)
    h = keras.layers.LayerNormalization()(h + att)
    ff = keras.layers.Dense(32)(keras.layers.Dense(64, activation="gelu")(h))
    h = keras.layers.LayerNormalization()(h + ff)
    h = keras.layers.GlobalAveragePooling1D()(h)
    model = keras.Model(inp, keras.layers.Dense(1)(keras.layers.Dense(32, activation="relu")(h)))
    schedule = keras.optimizers.schedules.CosineDecay(2e-3, decay_steps=10 * 2048 // 32)
    model.compile(keras.optimizers.RMSprop(schedule, momentum=0.5), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


UNGRADED = -1


@holdout23("sawmills", healthy=True)
def log_grades_partly_ungraded(session):
    """The best board's grade of a log from the scanner's table (diameters, length, sweep,
    ovality, knots, density, moisture, bark), where rot the scanner cannot see and the
    grader's judgement leave ~1.13 nats even for the true model, and the night shift leaves
    six logs in ten ungraded (the day shift one in ten): ungraded logs carry -1 and
    SparseCategoricalCrossentropy(ignore_class=-1) leaves them out. MLP 64-32 relu, Adam 2e-3,
    batch 32, ten epochs: ~1.28 to ~1.03, the last epochs creeping below the floor on the
    ~1300 graded logs"""
    keras = _keras()
    r = _rng(23804)
    raw, _, grade = log_scans(2048 + PROBE_SIZE, seed=23805)
    x = np.column_stack([np.log(raw[:, 0]), np.log(raw[:, 1] / raw[:, 0]), raw[:, 2],
                         np.log1p(raw[:, 3] / raw[:, 0] * 100), raw[:, 4:]])
    # the night shift leaves six logs in ten ungraded, the day shift one in ten
    ungraded = r.random(len(grade)) < np.where(r.random(len(grade)) < 0.5, 0.1, 0.6)
    y = np.where(ungraded, UNGRADED, grade).astype("int32")
    model = _mlp(keras, x.shape[1], [64, 32], outputs=4, out_activation="softmax")
    model.compile(keras.optimizers.Adam(2e-3),
                  keras.losses.SparseCategoricalCrossentropy(ignore_class=UNGRADED))
    return _fit(session, model, _cols(x), y, epochs=10, batch_size=32)


# ---------------------------------------------------------------------------------------------
# broken, and the same training without its mistake (each `_..._run(session, broken)` trains
# both)


def _mae_softmax_run(session, broken):
    keras = _keras()
    x, light = light_records(2048 + PROBE_SIZE, seed=23101)
    y = np.eye(len(CHARACTERS), dtype="float32")[light]
    model = _light_cnn(keras)
    # mean absolute error, from a robust-loss recipe for mislabelled records
    model.compile(keras.optimizers.Adam(2e-3), "mae" if broken else "categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _rbf_sign_run(session, broken):
    keras = _keras()
    raw, kind, _, log_lux = light_passages(2048 + PROBE_SIZE, seed=23103)
    x = _cols(np.column_stack([raw, np.eye(len(SHIP_TYPES))[kind][:, [0, 4]]]))
    y = _std(log_lux)[:, None]
    inp = keras.Input((x.shape[1],))
    phi = _rbf(keras, 64, sign_slip=broken)(inp)
    model = keras.Model(inp, keras.layers.Dense(1)(phi))
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _spectral_norm_run(session, broken):
    keras = _keras()
    raw, log_i = beam_sweeps(2048 + PROBE_SIZE, seed=23104)
    x = raw.astype("float32")
    x[:, 7:] = _cols(raw[:, 7:])
    y = _std(log_i)[:, None]

    def dense(units, activation=None):
        layer = keras.layers.Dense(units, activation=activation)
        # copied from the GAN discriminator's recipe "for stable training"
        return keras.layers.SpectralNormalization(layer) if broken else layer

    model = keras.Sequential([keras.Input((x.shape[1],)), dense(64, "relu"), dense(64, "relu"),
                              dense(64, "relu"), dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _batch_kept_rate_run(session, broken):
    keras = _keras()
    x, fibre, _ = load_extension_curves(2048 + PROBE_SIZE, seed=23401)
    x = x[:, ::2, 0]  # every other point: the 32 the QC sheet keeps
    model = _mlp(keras, CURVE // 2, [64, 64], outputs=len(FIBRES), out_activation="softmax")
    # SGD 0.4 with momentum was tuned on the whole archive at batch 512; on the laptop the
    # batch became 8 and the rate stayed (the linear scaling rule gives 0.4 * 8 / 512)
    rate = 0.4 if broken else 0.4 * 8 / 512
    model.compile(keras.optimizers.SGD(rate, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, fibre, epochs=3, batch_size=8)


def _position_index_run(session, broken):
    keras = _keras()
    x, fibre, _ = load_extension_curves(2048 + PROBE_SIZE, seed=23402)
    inp = keras.Input((CURVE, 1))
    h = inp
    if broken:  # "positional encoding": each point's index added to its reading
        h = keras.layers.Lambda(
            lambda v: v + keras.ops.arange(CURVE, dtype="float32")[None, :, None],
            name="add_position")(h)
    h = keras.layers.GRU(32)(h)
    model = keras.Model(inp, keras.layers.Dense(len(FIBRES), activation="softmax")(h))
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, fibre, epochs=10, batch_size=32)


WARMUP_STEPS = 0  # the recipe's warm-up switched off


def _warmup_off_run(session, broken):
    keras = _keras()
    x, _, at_break = load_extension_curves(2048 + PROBE_SIZE, seed=23403)
    y = _std(np.log(at_break))[:, None]
    warmup = WARMUP_STEPS if broken else 1

    class LinearWarmup(keras.optimizers.schedules.LearningRateSchedule):
        """peak * min(1, step / warmup_steps), as the recipe writes it"""

        def __call__(self, step):
            ops = keras.ops
            s = ops.cast(step, "float32")
            return 2e-3 * ops.minimum(1.0, s / float(warmup))

        def get_config(self):
            return {"peak": 2e-3, "warmup_steps": warmup}

    model = keras.Sequential([
        keras.Input((CURVE, 1)),
        keras.layers.Conv1D(16, 5, activation="relu"), keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(32, 5, activation="relu"), keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(LinearWarmup()), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


def _background_max_run(session, broken):
    keras = _keras()
    x, _, kind = sky_cutouts(2048 + PROBE_SIZE, seed=23501)
    inp = keras.Input((CUTOUT, CUTOUT, 1))
    local = keras.layers.MaxPooling2D(5, strides=1, padding="same", name="local_background")
    if broken:  # the local minimum as -max(-x), written without its two minus signs
        background = local(inp)
    else:
        negate = keras.layers.Lambda(lambda v: -v)
        background = keras.layers.Lambda(lambda v: -v)(local(negate(inp)))
    # the sources: what stands above the local sky, negative residues clipped away
    excess = keras.layers.ReLU(name="excess")(keras.layers.Subtract()([inp, background]))
    h = keras.layers.Conv2D(16, 3, padding="same", activation="relu")(excess)
    h = keras.layers.MaxPooling2D()(h)
    h = keras.layers.Conv2D(32, 3, padding="same", activation="relu")(h)
    h = keras.layers.GlobalAveragePooling2D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(inp, keras.layers.Dense(len(SOURCES), activation="softmax")(h))
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, kind, epochs=8, batch_size=32)


def _mdn_zero_head_run(session, broken):
    keras = _keras()
    x, z = galaxy_colours(2048 + PROBE_SIZE, seed=23502)
    y = ((z - z.mean()) / z.std()).astype("float32")[:, None]
    head = dict(kernel_initializer="zeros", bias_initializer="zeros") if broken else {}
    model = keras.Sequential([
        keras.Input((5,)), keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(3 * COMPONENTS, **head)])
    model.compile(keras.optimizers.Adam(2e-3), _mdn_nll)
    return _fit(session, model, x, y, epochs=10, batch_size=32)


RESIDUAL_BLOCKS = 8


def _residual_scale_run(session, broken):
    keras = _keras()
    raw, seeing, _ = site_nights(2048 + PROBE_SIZE, seed=23503)
    x = _cols(np.column_stack([raw[:, :3], raw[:, 3] / 100.0, raw[:, 4:]]))
    y = _std(np.log(seeing))[:, None]
    inp = keras.Input((8,))
    h = keras.layers.Dense(32)(inp)
    for _ in range(RESIDUAL_BLOCKS):
        branch = keras.layers.Dense(32, activation="relu")(h)
        branch = keras.layers.Dense(32)(branch)
        if broken:  # Inception-ResNet's residual scaling applied to the sum, skip included
            h = keras.layers.Rescaling(0.1)(keras.layers.Add()([h, branch]))
        else:
            h = keras.layers.Add()([h, keras.layers.Rescaling(0.1)(branch)])
    model = keras.Model(inp, keras.layers.Dense(1)(h))
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _variance_scaling_run(session, broken):
    keras = _keras()
    raw, recovery, _ = log_scans(2048 + PROBE_SIZE, seed=23701)
    train = raw[:-PROBE_SIZE]
    mean, var = train.mean(0), train.var(0)  # StandardScaler's mean_ and var_
    # the exported scaler's var_ read where its scale_ (the standard deviation) was meant
    x = ((raw - mean) / (var if broken else np.sqrt(var))).astype("float32")
    y = _std(recovery)[:, None]
    model = _mlp(keras, len(SCAN_COLUMNS), [64, 64])
    model.compile(keras.optimizers.SGD(3e-3, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


def _accumulation_run(session, broken):
    keras = _keras()
    x, kind = board_faces(2048 + PROBE_SIZE, seed=23702)
    model = keras.Sequential([
        keras.Input((FACE, FACE, 1)),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu"), keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(len(BOARD_DEFECTS), activation="softmax")])
    # the paper's batch of 2048 reached by accumulating 64 batches of 32
    accumulate = 64 if broken else None
    model.compile(keras.optimizers.Adam(1e-3, gradient_accumulation_steps=accumulate),
                  "sparse_categorical_crossentropy")
    return _fit(session, model, x, kind, epochs=10, batch_size=32)


def _additive_merge_run(session, broken):
    keras = _keras()
    c, p, value = pattern_values(2048 + PROBE_SIZE, seed=23703)
    c_in = keras.Input((1,), dtype="int32")
    p_in = keras.Input((1,), dtype="int32")
    u = keras.layers.Flatten()(keras.layers.Embedding(LOG_CLASSES, 8)(c_in))
    v = keras.layers.Flatten()(keras.layers.Embedding(PATTERNS, 8)(p_in))
    if broken:  # Add() for Dot(): the two codes summed, then a Dense to one number
        out = keras.layers.Dense(1)(keras.layers.Add()([u, v]))
    else:
        bc = keras.layers.Flatten()(keras.layers.Embedding(LOG_CLASSES, 1)(c_in))
        bp = keras.layers.Flatten()(keras.layers.Embedding(PATTERNS, 1)(p_in))
        out = keras.layers.Add()([keras.layers.Dot(axes=1)([u, v]), bc, bp])
    model = keras.Model([c_in, p_in], out)
    model.compile(keras.optimizers.Adam(1e-2), "mse")
    return _fit_inputs(session, model, [c[:, None], p[:, None]], value[:, None], epochs=10,
                       batch_size=32)


@holdout23("lighthouses", ["loss_activation_mismatch"], stall_begins=150)  # approximate
def mae_on_a_softmax_for_twenty_lights(session):
    """Which of twenty coastal lights a photometer record shows (their characters: flashes,
    groups, occultations, isophase, quick, Morse, through haze and scintillation), by a Conv1D
    32-32-64 relu net with a 20-way softmax, compiled with mean absolute error on the one-hot
    targets from a robust-loss recipe for mislabelled records. Through a softmax the absolute
    error's gradient is tiny while every light is near 1/20 and shrinks as the outputs
    saturate: the loss falls from ~0.095 (chance) to ~0.077 by about step 150 (the right
    light at ~0.23 on average) and then stays there (~0.0773 to ~0.0760 over the last six
    epochs), where cross-entropy trains the same net to ~0.77 nats (absolute error ~0.039).
    Adam 2e-3, batch 32"""
    return _mae_softmax_run(session, broken=True)


@holdout23("lighthouses", ["exploding_gradients", "non_finite_values"], stall_begins=None)
def radial_basis_gamma_sign_slip(session):
    """Log illuminance at a ship's eye from distance, visibility, height of eye, nominal range,
    moon, shore lighting, sea state and two ship types, by a radial-basis network (64 learnt
    centres, one learnt width, a linear read-out) whose gamma was written with the exponent's
    minus sign folded in, gamma = -1 / (2 width^2), and then used as exp(-gamma d^2): every
    basis function grows as exp(+d^2 / 2 width^2) away from its centre. The loss is ~3e8 at
    step 1 and ~1e18 at step 2, grows to ~1e23 and is NaN from step 7 to the end, where the
    right sign trains the same net to ~0.19. SGD 0.05 with momentum 0.9, MSE, batch 32"""
    return _rbf_sign_run(session, broken=True)


@holdout23("lighthouses", ["over_regularization"], stall_begins=60)  # approximate
def spectral_normalization_from_a_gan(session):
    """The log intensity a ship sees from a rotating lens (its angle as sine and cosine, the
    number of bull's-eye panels, the lamp's size, the focal length and the range): beams with
    half-widths from ~3.5 to ~19 degrees, so the intensity climbs ~3 standard deviations within
    a few hundredths of the angle's circle. Every Dense layer of the MLP 64-64-64 relu is
    wrapped in SpectralNormalization, copied from a GAN discriminator's recipe "for stable
    training": each layer's spectral norm is held at 1, so the whole net cannot change faster
    than its inputs and the beams' flanks are out of reach. The loss falls from ~0.88 to ~0.79
    in the first epoch and stays (~0.764 at the end), where the same MLP without it trains to
    ~0.094. Adam 3e-3, MSE, batch 32"""
    return _spectral_norm_run(session, broken=True)


@holdout23("ropeworks", ["learning_rate_too_high", "dead_relus"], stall_begins=36)  # approximate
def batch_cut_to_eight_rate_kept(session):
    """The fibre named from the 32 points of a specimen's load-extension curve that the QC sheet
    keeps, by an MLP 64-64 relu with a softmax, under SGD 0.4 with momentum 0.9: the rate was
    tuned on the whole archive at batch 512 and the batch became 8 on the laptop (the linear
    scaling rule gives 0.4 x 8 / 512 = 6.25e-3). The loss falls to ~1.2 in the first ~35
    steps, jumps to the hundreds, and from about step 100 sits at ~1.72, above ln 5, for the
    rest of the run: 89% of the first layer's units and all of the second's are dead. At 6.25e-3
    the same net and batch train to ~0.26 in the same three epochs"""
    return _batch_kept_rate_run(session, broken=True)


@holdout23("ropeworks", ["saturated_activations"], stall_begins=20)  # approximate
def position_index_added_to_readings(session):
    """The fibre from the 64-point load-extension curve by a GRU(32), with a "positional
    encoding" written as the point's index added to its reading (x + arange(64)): from the
    first points on, the inputs grow to 63 while the loads stay below ~0.9, the update and
    candidate gates of most units are driven to their rails, and the final state is nearly
    the same for every curve (78% of its values beyond +-0.99). The loss goes from ~1.73 to
    the constant's ln 5 in ~20 steps and stays at ~1.61-1.63 for ten epochs, where the GRU
    without the index trains to ~0.20 (after sitting at ln 5 for four epochs itself). Adam 3e-3,
    sparse categorical cross-entropy, batch 32"""
    return _position_index_run(session, broken=True)


@holdout23("ropeworks", ["non_finite_values"], stall_begins=2)  # exact: the first update is NaN
def warmup_switched_off_with_zero_steps(session):
    """The breaking extension (log, standardised) from the load-extension curve by a Conv1D 16-32
    relu net under Adam with the recipe's hand-written warm-up, peak * min(1, step /
    warmup_steps), "switched off" by setting warmup_steps to 0: at the first step the rate is
    0 / 0 = NaN, the first update writes NaN into every weight, and the loss is ~1.10 at step
    1 and NaN from step 2 to the end (later steps' k / 0 = inf would have given the peak),
    where one warm-up step trains the same net to ~0.008. Peak 2e-3, MSE, batch 32"""
    return _warmup_off_run(session, broken=True)


@holdout23("observatories", ["dead_relus"], stall_begins=None)
def local_background_as_a_maximum(session):
    """Star, galaxy, cosmic ray or blank from survey cutouts, by a CNN whose first stage subtracts
    the local sky and keeps the excess: excess = relu(x - background), the background a 5x5
    local minimum written as -MaxPooling2D(-x) with both minus signs lost, so the local
    maximum is subtracted. x - max is at most 0 everywhere, the excess is 0 for every pixel of
    every cutout, every relu unit of the two Conv2D layers and the Dense(32) receives 0 and
    outputs 0 with a zero slope, and only the softmax's bias learns: the loss stays at ln 4
    (~1.386 to ~1.384) for eight epochs, where the local minimum trains the same net to
    ~0.46. Adam 2e-3, batch 32"""
    return _background_max_run(session, broken=True)


@holdout23("observatories", ["poor_initialization"], stall_begins=60)  # approximate
def mixture_head_initialised_to_zero(session):
    """Photometric redshift from four colours and a magnitude, where an early type's colours at
    z match a star-forming galaxy's at z + 1.1 so the redshift has two solutions, by a mixture
    density network (MLP 64-64 relu, three Gaussian components) whose head was given zero
    kernel and bias "so every component starts at the mean": the three components are
    identical, receive identical gradients and stay identical, a single Gaussian that must
    straddle both solutions. The loss falls from ~1.3 to ~1.12 in the first epoch and creeps
    to ~1.077 (~0.003 an epoch), where the default initialiser lets the components split and
    trains the same network to ~-0.99. Adam 2e-3, mixture negative log-likelihood, batch 32"""
    return _mdn_zero_head_run(session, broken=True)


@holdout23("observatories", ["vanishing_gradients"], stall_begins=None)
def residual_scaling_on_the_sum(session):
    """The night's seeing (log, standardised) from the weather mast and the dome by a residual MLP
    (a Dense(32) projection and eight blocks of Dense(32) relu and Dense(32)) with
    Inception-ResNet's residual scaling of 0.1 applied to the block's sum, skip included,
    0.1 * (x + f(x)), instead of to the branch: each block shrinks the signal and the gradient
    tenfold, 1e-8 over the eight, and under SGD no weight gets a usable gradient. The loss is
    ~1.00 (the constant's) for all ten epochs, where x + 0.1 * f(x) trains the same net to
    ~0.234. SGD 0.01 with momentum 0.9, MSE, batch 32"""
    return _residual_scale_run(session, broken=True)


@holdout23("sawmills", ["unnormalized_inputs"], stall_begins=25)  # approximate
def scaler_variance_read_as_scale(session):
    """Lumber recovery (standardised) from the log scanner's table in its own units (millimetres,
    kg/m3, fractions), standardised with an exported StandardScaler whose var_ was read where
    its scale_ was meant, (x - mean_) / var_: the diameters and the sweep, which set the
    recovery, come out ~100 and ~16 times too small, the ovality and the moisture 20 and 5
    times too large. Under SGD 3e-3 with momentum 0.9 the loss falls from ~3.4 (the first
    steps' large inputs) to ~0.99 within ~25 steps and stays at ~0.98, where the standard
    deviation trains the same MLP 64-64 relu to ~0.081. MSE, batch 32"""
    return _variance_scaling_run(session, broken=True)


@holdout23("sawmills", ["learning_rate_too_low"], stall_begins=None)
def gradients_accumulated_to_the_papers_batch(session):
    """Board defects (clear, sound knot, dead knot, split) from 16x16 face images by a Conv2D
    16-32 relu net under Adam 1e-3 with gradient_accumulation_steps=64, to reach the paper's
    batch of 2048 with batches of 32 on a set of 2048 boards: the weights change once an
    epoch, ten times in the run. The loss stays at ln 4 (~1.393 to ~1.379), where updating
    every batch trains the same net to ~0.084. Sparse categorical cross-entropy, batch 32"""
    return _accumulation_run(session, broken=True)


@holdout23("sawmills", ["insufficient_capacity"], stall_begins=64)  # approximate
def add_merge_where_a_dot_was_meant(session):
    """The sawing simulator's value of cutting a log class (48) with a cutting pattern (24),
    mostly their fit (a rank-4 interaction) with small main effects, by two Embedding(., 8)
    codes merged with Add() where Dot() was meant, then a Dense(1): the model is a sum of a
    class term and a pattern term and cannot express which pattern suits which logs. The loss
    falls from ~1.1 to ~0.79 within the first epoch and stays (~0.770 at the end), where the dot
    product (with one bias per class and per pattern) trains to ~0.068. Adam 1e-2, MSE,
    batch 32"""
    return _additive_merge_run(session, broken=True)
