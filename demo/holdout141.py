"""The hundred-and-forty-first held-out catalogue: written by someone who did not read the
engine or run the diagnosis on these runs, and scored once.

Four trades, six runs each (three healthy, three broken): geneticists (splice sites, a
polygenic trait, read counts, epistasis, rare alleles, loss of heterozygosity), virologists
(viral clearance, lineages, antibody escape, severe courses, antibody titers), physiotherapists
(pain grades, gait, range of motion, rehabilitation exercises, recovery stages, EMG bursts)
and ecologists (migration headings, a scarce warbler, camera traps, habitat cover, beetle
abundance, leaf traits). Data are numpy generators with seeds 14101..14124; the last
PROBE_SIZE rows of every set are the probe. Every run was checked only from its own loss
curve (Keras History and per-step losses) under Session(None) with keras's seed 0, and every
broken one against the same helper with broken=False.

Healthy half (twelve runs, nothing to fix in the code). Geneticists: donor splice sites from
one-hot DNA windows by a Conv1D scanner with global max pooling, a tenth of the calls wrong
(~0.30, flattening at the noise); an additive trait of heritability 0.5 from 150 SNPs in a
cohort of 320, more weights than people (small data that overfits, falling toward 1e-4);
read counts from a two-input model whose log library size is a fixed offset before an
exponential link, under keras's Poisson loss on overdispersed counts (negative, ~-13.6, since
keras leaves out log y!). Virologists: days to viral clearance, right-censored at follow-up,
under a hand-written censored Weibull likelihood in a GradientTape loop (~2.18, still
creeping); a lineage from k-mer tokens by an Embedding, MultiHeadAttention with a residual
and LayerNormalization, under InverseTimeDecay, a tenth of the calls wrong (~0.41); antibody
escape as the parity of three of twelve mutations, which hovers under ln 2 for five epochs
and then drops suddenly (a plateau before a drop, to ~0.002). Physiotherapists: an ordinal
pain grade as six cumulative sigmoid outputs under binary cross-entropy (~0.28); three gaits
from accelerometer windows by SeparableConv1D layers under PiecewiseConstantDecay, 12% wrong
tags (~0.54, a step at each cut); range-of-motion gain as three quantiles under a
hand-written pinball loss with heteroscedastic scatter and ReduceLROnPlateau (~0.071).
Ecologists: a migrant's heading as a (cos, sin) pair under CosineSimilarity with von Mises
scatter (~-0.91, not -1); a scarce warbler (~12%) with each point count weighted by its
survey effort through sample_weight under Nadam (~0.37, still easing); three species from
240 camera-trap silhouettes, a Conv2D net under a halving LearningRateScheduler at batch 16
(small data that overfits, ~0.02).

Broken half, one root cause each (broken final loss vs the fixed helper's, final epoch):
- insufficient_capacity, geneticists/epistasis_additive_logistic: the GWAS pipeline's additive
  logistic model (no hidden layer) for a trait of two loci in XOR: it sheds its initial
  miscalibration and sits at 0.684 vs 0.081 with two relu layers.
- dead_relus, geneticists/rare_allele_nonneg_relu: NonNeg() on the first relu layer 'because
  rarer alleles only add risk' while every input is a log10 frequency in [-8, -2]: flat at
  0.692 from the second step vs 0.55 (still falling) without the constraint.
- non_finite_values, geneticists/loh_allele_fraction_zero_depth: alt / depth with one failed
  capture (zero reads; numpy's warning silenced), samples in run order (shuffle=False), a tanh
  MLP: NaN from step 21 (row 700's batch) and every epoch mean NaN vs 0.0095 with
  max(depth, 1). A first version with relu hidden layers stayed finite at ln 2 (the NaN
  weights were masked to 0 by the relu), so the hidden layers are tanh.
- learning_rate_too_high, virologists/severe_course_gru_adadelta_rate: Adadelta's
  learning_rate=1.0 kept when the GRU's optimizer became Adam: 0.517 bouncing vs 0.324.
- loss_activation_mismatch, virologists/titer_change_softplus_head: a softplus head 'because
  titers are never negative' on a standardised change under MSE: 0.570 vs 0.088.
- unnormalized_inputs, virologists/severity_lstm_copies_per_ml: copies/mL, degrees and day
  numbers raw into an LSTM: bouncing 0.51-0.76 (0.586 at the end) vs 0.050.
- learning_rate_too_low, physiotherapists/exercise_gru_polynomial_decay_epochs:
  PolynomialDecay(decay_steps=20) meant as epochs: frozen at 1.056 vs 0.002.
- vanishing_gradients, physiotherapists/recovery_stage_deep_sigmoid: ten sigmoid layers of 32
  under Adam: flat at 1.091 (ln 3) for 20 epochs vs 0.35 with relu.
- exploding_gradients, physiotherapists/emg_burst_rnn_randn_recurrent: a tanh SimpleRNN(32)
  with RandomNormal(stddev=1.0) recurrent weights, SGD with momentum and clipnorm=1 in both
  versions: bouncing around 0.70 vs 0.0008 with the orthogonal default.
- saturated_activations, ecologists/habitat_cover_uniform_init_sigmoid: RandomUniform(0, 1)
  kernels on two sigmoid layers over 120 positive cover fractions: every unit is exactly 1.0
  in float32 (zero gradient even for Adam), flat at 1.102 (ln 3) vs 0.008.
- poor_initialization, ecologists/beetle_abundance_zero_kernels: kernel_initializer='zeros' on
  every layer of a tanh MLP: only the output bias moves, flat at 1.299 vs 0.27.
- over_regularization, ecologists/leaf_trait_glmnet_lambda: glmnet's lambda = 1 as L2(1.0) on
  the species embedding and every kernel: sheds the penalty (14 -> 0.99) and sits at 0.988
  vs 0.067 with L2(1e-4).

stall_begins counts 0-based optimizer steps (32 an epoch: 1,024 training rows at batch 32).
Exact: the zero-depth row (21: row 700 is in batch 21 in file order) and the polynomial decay
(20: the rate is at its floor from the 21st step). None where the broken loss never improves
on its start (the NonNeg relus, the copies/mL, the sigmoid tower, the uniform kernels, the
zero kernels). Approximate, read off the per-step and epoch losses: the additive model (256:
within 0.005 of its floor from epoch 9), Adadelta's rate (160: best by epoch 6), the
softplus head (128: within 0.03 of its floor from epoch 5), the randn recurrent weights (96:
down from its initial 0.80 to ~0.70 by epoch 4) and glmnet's lambda (224: flat from epoch 8
once the initial weights' penalty is shed).

Dropped or changed because they did not behave as intended: for learning_rate_too_high, SGD
at 0.5 with momentum 0.9 (an SGD rate kept when momentum was switched on) on the same GRU,
and Adam at 3e-1 for 3e-4: both kept learning, as low as the fix, so the rate became
Adadelta's 1.0. For loss_activation_mismatch, a relu head died at initialisation (output 0
for every row: flat at the variance, a dead relu rather than the mismatch), so the head is
softplus. For unnormalized_inputs, a first version whose severe courses peaked higher and had
fever still learned in copies/mL (0.10 vs 0.006): the peak and fever gave away the class
through saturated gates, so both courses now peak anywhere over four orders of magnitude and
the fever is gone. For dead_relus, inputs in [-5, 0] and then [-6, -1] left some units alive
and the loss crept down (0.56 vs 0.43); with [-8, -2] and a sharper label it is flat. For
vanishing_gradients, eight sigmoid layers escaped at epoch 13 under Adam, so there are ten.

Not written because earlier catalogues hold the mechanism (judged from their docstrings
only): Adam's epsilon=1.0, Adam(0.9, 0.999) betas typed positionally, ExponentialDecay with a
decay_rate above one, LearningRateScheduler 0.1 ** epoch, CosineDecay warmup_steps slips,
Normalization(axis=None), Rescaling(255) before tanh, kernel_size=1 motif scanners,
sqrt(E[x^2] - E[x]^2) spreads and masked means over empty masks, residual towers without
their normalisation (NaN or still learning in earlier tries), AlphaDropout and dropout
keep-probabilities, and from_logits behind a softmax (keras 3 repairs it). Overlaps in kind
that remain: RandomUniform(0, 1) kernels and NonNeg constraints appear in earlier lists
(here on sigmoid units over positive fractions and on relus over negative log frequencies),
zero kernels, L2 lambdas carried over from another library and deep sigmoid stacks.

Labelling convention: expected_causes holds one cause each, the root mistake the run was
built around (expected_causes[0]); healthy runs have none. Each broken scenario calls a helper
_name(session, broken) whose broken=False version is the fix it was compared with.
"""

import numpy as np

from .scenarios import PROBE_SIZE, _custom_loop, _fit, _keras, _mlp, _standardize, registrar

FAMILIES = ('geneticists', 'virologists', 'physiotherapists', 'ecologists')

REGISTRY = []
holdout141 = registrar(REGISTRY)

N = 1024 + PROBE_SIZE
BATCH = 32
STEPS = (N - PROBE_SIZE) // BATCH  # optimizer steps an epoch at batch 32


def _rng(seed):
    return np.random.default_rng(seed)


def _fit_inputs(session, model, xs, y, *, epochs, batch_size, shuffle=True, callbacks=(),
                sample_weight=None):
    """model.fit on one or several inputs (and optional sample weights), all but the last
    PROBE_SIZE rows; those rows are the callback's probe. Returns the per-epoch mean loss."""
    xs = list(xs)
    x_train = [x[:-PROBE_SIZE] for x in xs]
    x_probe = [x[-PROBE_SIZE:] for x in xs]
    if len(xs) == 1:
        x_train, x_probe = x_train[0], x_probe[0]
    weights = None if sample_weight is None else sample_weight[:-PROBE_SIZE]
    history = model.fit(
        x_train,
        y[:-PROBE_SIZE],
        sample_weight=weights,
        epochs=epochs,
        batch_size=batch_size,
        shuffle=shuffle,
        verbose=0,
        callbacks=list(callbacks) + session.callbacks((x_probe, y[-PROBE_SIZE:])),
    )
    return history.history["loss"]


def _flip(y, fraction, classes, r):
    """Labels with `fraction` of them replaced by a uniformly drawn wrong class."""
    y = y.copy()
    wrong = r.random(len(y)) < fraction
    y[wrong] = (y[wrong] + r.integers(1, classes, size=wrong.sum())) % classes
    return y


# ---------------------------------------------------------------------------------------------
# data: geneticists


def _dna_windows(n, seed, length=40, noise=0.1):
    """One-hot DNA windows; positives carry the donor-site motif GTAAGT somewhere."""
    r = _rng(seed)
    seq = r.integers(0, 4, size=(n, length))
    y = r.integers(0, 2, size=n)
    motif = np.array([2, 3, 0, 0, 2, 3])  # G T A A G T with A=0 C=1 G=2 T=3
    for i in np.flatnonzero(y):
        at = r.integers(0, length - len(motif))
        seq[i, at:at + len(motif)] = motif
    y = _flip(y, noise, 2, r)
    return np.eye(4, dtype="float32")[seq], y.astype("float32")


def _dosages(n, snps, r):
    maf = r.uniform(0.1, 0.5, size=snps)
    return r.binomial(2, maf, size=(n, snps)).astype("float32")


def _polygenic(n, seed, snps=150, heritability=0.5):
    """Standardised SNP dosages and a standardised additive trait of the given heritability."""
    r = _rng(seed)
    g = _standardize(_dosages(n, snps, r))
    beta = r.normal(0.0, 1.0, size=snps) * (r.random(snps) < 0.3)
    genetic = g @ beta
    genetic = (genetic - genetic.mean()) / genetic.std()
    y = np.sqrt(heritability) * genetic + np.sqrt(1 - heritability) * r.normal(size=n)
    return g, y.astype("float32")


def _expression(n, seed):
    """Gene read counts: covariates, log library size factor, negative-binomial-like counts."""
    r = _rng(seed)
    x = r.normal(size=(n, 10)).astype("float32")
    log_lib = r.normal(0.0, 0.4, size=(n, 1)).astype("float32")
    eta = 1.8 + 0.6 * x[:, 0] - 0.4 * x[:, 1] * x[:, 2] + 0.5 * np.tanh(x[:, 3])
    mu = np.exp(eta + log_lib[:, 0]) * r.gamma(4.0, 0.25, size=n)  # overdispersion
    return x, log_lib, r.poisson(mu).astype("float32")


def _epistasis(n, seed, snps=20, noise=0.05):
    """Standardised dosages; disease when exactly one of two loci carries the minor allele."""
    r = _rng(seed)
    raw = r.binomial(2, 0.3, size=(n, snps)).astype("float32")
    y = ((raw[:, 3] > 0) != (raw[:, 11] > 0)).astype("int64")
    y = _flip(y, noise, 2, r)
    return _standardize(raw), y.astype("float32")


def _rare_allele_burden(n, seed, genes=24):
    """log10 population frequency of the rarest allele carried in each gene (all <= 0), and a
    disease label driven by very rare alleles in the first six genes."""
    r = _rng(seed)
    logf = -r.uniform(2.0, 8.0, size=(n, genes))
    burden = (logf[:, :6] < -6.5).sum(axis=1) - 0.2 * (logf[:, 6:9] < -7.0).sum(axis=1)
    p = 1 / (1 + np.exp(-(3.5 * burden - 5.0)))
    y = (r.random(n) < p).astype("float32")
    return logf.astype("float32"), y


def _allele_fractions(n, seed, sites=16, dead_row=700):
    """Read depths at heterozygous sites; label: loss of heterozygosity (fractions near 0 / 1).
    Row `dead_row` is a sample whose capture failed at one site: zero reads there."""
    r = _rng(seed)
    depth = r.poisson(30, size=(n, sites)) + 5
    loh = r.integers(0, 2, size=n)
    frac = np.where(loh[:, None] == 1,
                    np.where(r.random((n, sites)) < 0.5, 0.08, 0.92), 0.5)
    frac = np.where(r.random((n, sites)) < 0.35, 0.5, frac)  # unaffected segments
    alt = r.binomial(depth, frac)
    depth[dead_row, 5] = 0
    alt[dead_row, 5] = 0
    return depth, alt, loh.astype("float32")


# ---------------------------------------------------------------------------------------------
# data: virologists


def _clearance(n, seed):
    """Days to viral clearance (Weibull, shape 1.6) from six patient features, censored at a
    follow-up visit between day 6 and day 24. Returns x and [observed time, event]."""
    r = _rng(seed)
    x = r.normal(size=(n, 6)).astype("float32")
    log_scale = np.log(10.0) + 0.35 * x[:, 0] - 0.25 * x[:, 1] + 0.2 * x[:, 2] * x[:, 3]
    t = np.exp(log_scale) * r.weibull(1.6, size=n)
    follow_up = r.uniform(6.0, 24.0, size=n)
    observed = np.minimum(t, follow_up)
    event = (t <= follow_up).astype("float32")
    return x, np.stack([observed, event], axis=1).astype("float32")


def _lineage_kmers(n, seed, length=24, vocab=40, noise=0.1):
    """k-mer token ids of a genome fragment; each of four lineages has two marker k-mers, one of
    which appears at a random place; 10% of the lineage calls are wrong."""
    r = _rng(seed)
    tokens = r.integers(8, vocab, size=(n, length))
    y = r.integers(0, 4, size=n)
    for i in range(n):
        for _ in range(2):
            tokens[i, r.integers(0, length)] = 2 * y[i] + r.integers(0, 2)
    return tokens.astype("int32"), _flip(y, noise, 4, r).astype("int32")


def _escape_mutations(n, seed, sites=12):
    """Presence (+-1) of 12 spike mutations; escape when an odd number of three sites mutate."""
    r = _rng(seed)
    x = r.choice([-1.0, 1.0], size=(n, sites)).astype("float32")
    y = (np.prod(x[:, [1, 5, 8]], axis=1) < 0).astype("float32")
    return x, y


def _load_series(n, seed, days=12, noise=0.0):
    """Daily viral load (copies/mL), body temperature (C) and day index; label: severe course,
    a slow decline after the peak (peaks of both courses span four orders of magnitude)."""
    r = _rng(seed)
    severe = r.integers(0, 2, size=n)
    d = np.arange(days)[None, :]
    peak = r.uniform(4.5, 9.0, size=(n, 1))
    turn = r.uniform(2.0, 5.0, size=(n, 1))
    decline = np.where(severe[:, None] == 1, 0.15, 0.5) * r.uniform(0.8, 1.2, size=(n, 1))
    log_load = peak - 1.2 * np.maximum(turn - d, 0) - decline * np.maximum(d - turn, 0)
    log_load = np.clip(log_load + r.normal(0, 0.25, size=(n, days)), 1.5, 9.5)
    temp = 37.0 + 0.6 * (d < turn) + r.normal(0, 0.4, size=(n, days))
    day = np.broadcast_to(d, (n, days)).astype("float64")
    label = _flip(severe, noise, 2, r) if noise else severe
    return log_load, temp, day, label.astype("float32")


def _titer_readings(n, seed, days=14):
    """Two daily antibody assay channels; target: the standardised change in log titer."""
    r = _rng(seed)
    slope = r.normal(size=n)
    lag = r.uniform(2, 8, size=n)
    d = np.arange(days)
    ch1 = np.tanh((d[None, :] - lag[:, None]) / 2.0) * slope[:, None]
    ch2 = np.sin(d[None, :] / 3.0 + slope[:, None]) * 0.5
    x = np.stack([ch1, ch2], axis=-1) + r.normal(0, 0.2, size=(n, days, 2))
    y = slope * 1.2 + 0.4 * np.cos(lag) + r.normal(0, 0.3, size=n)
    return x.astype("float32"), ((y - y.mean()) / y.std()).astype("float32")


# ---------------------------------------------------------------------------------------------
# data: physiotherapists


def _pain_grades(n, seed, grades=7):
    """Eight clinical features and an ordinal pain grade 0..6 (a noisy latent score, binned)."""
    r = _rng(seed)
    x = r.normal(size=(n, 8)).astype("float32")
    latent = 1.2 * x[:, 0] - 0.8 * x[:, 1] + 0.6 * x[:, 2] * x[:, 3] + r.logistic(0, 0.5, n)
    cuts = np.quantile(latent, np.linspace(0, 1, grades + 1)[1:-1])
    grade = np.searchsorted(cuts, latent)
    cumulative = (grade[:, None] > np.arange(grades - 1)[None, :]).astype("float32")
    return x, cumulative


def _gait_windows(n, seed, length=64, noise=0.12):
    """Three-axis accelerometer windows of three gaits: even, limping (every other step
    weaker) and shuffling (weak and fast); 12% of the therapist's tags are wrong."""
    r = _rng(seed)
    y = r.integers(0, 3, size=n)
    t = np.arange(length)[None, :]
    cadence = r.uniform(0.18, 0.24, size=(n, 1)) * np.where(y[:, None] == 2, 1.4, 1.0)
    phase = r.uniform(0, 2 * np.pi, size=(n, 1))
    step = np.sin(2 * np.pi * cadence * t / 2 + phase)
    amp = np.where(y[:, None] == 2, 0.5, 1.0)
    limp = np.where(y[:, None] == 1, 0.6 * np.sin(np.pi * cadence * t / 2 + phase), 0.0)
    vertical = amp * step + limp
    x = np.stack([vertical, 0.4 * np.roll(vertical, 3, axis=1), 0.2 * step], axis=-1)
    x = x + r.normal(0, 0.35, size=x.shape)
    return x.astype("float32"), _flip(y, noise, 3, r).astype("int32")


def _rom_gain(n, seed):
    """Six patient features; gain in range of motion (standardised degrees) whose scatter
    grows with age (feature 0)."""
    r = _rng(seed)
    x = r.normal(size=(n, 6)).astype("float32")
    mean = 0.8 * x[:, 1] - 0.5 * x[:, 0] + 0.4 * np.sin(2 * x[:, 2])
    scale = 0.25 * np.exp(0.5 * x[:, 0])
    y = mean + scale * r.normal(size=n)
    return x, y.astype("float32")


def _imu_exercises(n, seed, length=40):
    """Six-channel IMU windows of three rehabilitation exercises (different joint rhythms)."""
    r = _rng(seed)
    y = r.integers(0, 3, size=n)
    t = np.arange(length)[None, :, None]
    freq = np.array([0.05, 0.09, 0.13])[y][:, None, None] * r.uniform(0.85, 1.15, (n, 1, 1))
    mix = r.normal(0, 1, size=(3, 6))[y][:, None, :]
    x = np.sin(2 * np.pi * freq * t + r.uniform(0, 6.3, (n, 1, 1))) * mix
    x = x + r.normal(0, 0.5, size=x.shape)
    return x.astype("float32"), y.astype("int32")


def _gait_features(n, seed):
    """Ten standardised gait-lab features and one of three recovery stages (nonlinear)."""
    r = _rng(seed)
    x = r.normal(size=(n, 10))
    score = np.stack([x[:, 0] * x[:, 1], np.sin(2 * x[:, 2]) + x[:, 3], x[:, 4] ** 2 - 1], 1)
    y = np.argmax(score + r.normal(0, 0.2, size=score.shape), axis=1)
    return x.astype("float32"), y.astype("int32")


def _emg_bursts(n, seed, length=40):
    """One EMG channel of 40 samples; label: whether the burst comes in the first half."""
    r = _rng(seed)
    y = r.integers(0, 2, size=n)
    at = np.where(y == 1, r.integers(2, 16, size=n), r.integers(22, 36, size=n))
    x = r.normal(0, 0.3, size=(n, length))
    for i in range(n):
        x[i, at[i]:at[i] + 4] += 1.5
    return x[..., None].astype("float32"), y.astype("float32")


# ---------------------------------------------------------------------------------------------
# data: ecologists


def _headings(n, seed, kappa=5.0):
    """Wind (u, v), day of year (sin, cos) and body mass; a migrant's heading as (cos, sin),
    scattered by von Mises noise of concentration `kappa`."""
    r = _rng(seed)
    x = r.normal(size=(n, 5)).astype("float32")
    mean = 0.9 + 0.5 * np.tanh(x[:, 0]) - 0.4 * x[:, 1] * 0.5 + 0.6 * x[:, 2]
    theta = mean + r.vonmises(0.0, kappa, size=n)
    return x, np.stack([np.cos(theta), np.sin(theta)], axis=1).astype("float32")


def _point_counts(n, seed):
    """Habitat features of point counts, a detection label for a scarce warbler (~12%), and
    the survey effort in hours (longer counts detect more reliably)."""
    r = _rng(seed)
    x = r.normal(size=(n, 9)).astype("float32")
    occupied = r.random(n) < 1 / (1 + np.exp(-(-2.3 + 1.2 * x[:, 0] - 0.9 * x[:, 1] ** 2
                                                + 0.6 * x[:, 2])))
    effort = r.uniform(0.5, 4.0, size=n)
    detected = occupied & (r.random(n) < 1 - np.exp(-0.8 * effort))
    return x, detected.astype("float32"), effort.astype("float32")


def _silhouettes(n, seed, size=16):
    """Camera-trap silhouettes of three species (tall, long, round blobs) with clutter."""
    r = _rng(seed)
    y = r.integers(0, 3, size=n)
    yy, xx = np.mgrid[0:size, 0:size]
    images = r.uniform(0, 0.3, size=(n, size, size)).astype("float32")
    shapes = {0: (2.0, 5.0), 1: (5.5, 2.0), 2: (3.5, 3.5)}
    for i in range(n):
        ry, rx = shapes[y[i]]
        s = r.uniform(0.8, 1.2)
        cy, cx = r.uniform(5, size - 5, size=2)
        inside = ((yy - cy) / (ry * s)) ** 2 + ((xx - cx) / (rx * s)) ** 2 <= 1.0
        images[i][inside] += 0.6
    return images[..., None], y.astype("int32")


def _cover_fractions(n, seed, classes=3, cells=120):
    """Fractions in [0, 1] of 120 land-cover types around a site; one of three habitat types."""
    r = _rng(seed)
    y = r.integers(0, classes, size=n)
    profile = r.uniform(0, 1, size=(classes, cells))
    x = np.clip(0.55 * profile[y] + 0.45 * r.uniform(0, 1, size=(n, cells)), 0, 1)
    return x.astype("float32"), y.astype("int32")


def _abundance(n, seed):
    """Twelve standardised site covariates and a log abundance of a beetle."""
    r = _rng(seed)
    x = r.normal(size=(n, 12)).astype("float32")
    y = 0.9 * x[:, 0] - 0.6 * np.abs(x[:, 1]) + 0.5 * x[:, 2] * x[:, 3] + 0.3 * r.normal(size=n)
    return x, (y - y.mean()).astype("float32")


def _species_traits(n, seed, species=40):
    """A species id, four site covariates, and a plant trait (leaf mass per area, standardised)
    that depends on the species and on the site."""
    r = _rng(seed)
    sp = r.integers(0, species, size=n)
    effect = r.normal(0, 1.0, size=species)
    x = r.normal(size=(n, 4)).astype("float32")
    y = effect[sp] + 0.5 * x[:, 0] - 0.3 * x[:, 1] * x[:, 2] + 0.3 * r.normal(size=n)
    return sp.astype("int32"), x, ((y - y.mean()) / y.std()).astype("float32")


# ---------------------------------------------------------------------------------------------
# geneticists


@holdout141("geneticists", healthy=True)
def splice_site_conv_noisy_calls(session):
    """Geneticists: donor splice sites (the GTAAGT motif anywhere in a 40-base one-hot window)
    found by a Conv1D(16, 8) scanner with global max pooling and a small dense head, Adam 3e-3,
    batch 32 for 15 epochs; a tenth of the site calls are wrong, so the loss flattens near the
    noise's entropy instead of zero."""
    keras = _keras()
    x, y = _dna_windows(N, seed=14101)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 8, activation="relu"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout141("geneticists", healthy=True)
def polygenic_trait_small_cohort(session):
    """Geneticists: a height-like additive trait (heritability 0.5) from 150 standardised SNP
    dosages in a cohort of only 320 people, one relu layer of 64 under Adam 1e-3 for 40 epochs
    at batch 32: with more weights than people the training loss sinks below the trait's
    environmental variance (small data that overfits), still easing at the end."""
    keras = _keras()
    x, y = _polygenic(320 + PROBE_SIZE, seed=14102)
    model = _mlp(keras, x.shape[1], [64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=40, batch_size=BATCH)


@holdout141("geneticists", healthy=True)
def expression_counts_library_offset(session):
    """Geneticists: read counts of one gene from ten sample covariates, a two-input functional
    model whose second input is the log library-size factor added to the linear predictor as a
    fixed offset before an exponential link, under keras's Poisson loss and Adam 3e-3 for 20
    epochs; the counts are overdispersed (a gamma-mixed Poisson), so the loss settles above
    what a pure Poisson would allow (negative, since keras leaves out log y!)."""
    keras = _keras()
    x, log_lib, counts = _expression(N, seed=14103)
    covariates = keras.Input((10,))
    offset = keras.Input((1,))
    hidden = keras.layers.Dense(32, activation="relu")(covariates)
    eta = keras.layers.Dense(1)(hidden)
    rate = keras.layers.Activation("exponential")(keras.layers.Add()([eta, offset]))
    model = keras.Model([covariates, offset], rate)
    model.compile(keras.optimizers.Adam(3e-3), "poisson")
    return _fit_inputs(session, model, [x, log_lib], counts, epochs=20, batch_size=BATCH)


def _epistasis_model(session, broken):
    keras = _keras()
    x, y = _epistasis(N, seed=14104)
    # The broken version is the additive GWAS model (no hidden layer) kept for an epistatic
    # trait; the fix gives it two relu layers.
    model = _mlp(keras, x.shape[1], [] if broken else [32, 32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=BATCH)


@holdout141("geneticists", ["insufficient_capacity"], stall_begins=256)  # approximate
def epistasis_additive_logistic(session):
    """Geneticists: disease status that arises when exactly one of two loci carries the minor
    allele (an XOR-like epistasis) among 20 standardised dosages, fitted with the additive
    logistic model of the GWAS pipeline (Dense(1, sigmoid), no hidden layer) under Adam 3e-3:
    an additive model cannot represent the interaction and the loss sits near ln 2 from the
    first epoch, while two relu layers of 32 learn it."""
    return _epistasis_model(session, broken=True)


def _rare_allele_model(session, broken):
    keras = _keras()
    x, y = _rare_allele_burden(N, seed=14105)
    # 'Rarer alleles can only add risk': a NonNeg kernel on the first relu layer. Every input
    # is a log10 frequency (<= 0), so once the constraint clips the kernel every pre-activation
    # is <= 0.
    constraint = keras.constraints.NonNeg() if broken else None
    model = keras.Sequential([
        keras.Input((x.shape[1],)),
        keras.layers.Dense(32, activation="relu", kernel_constraint=constraint),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=BATCH)


@holdout141("geneticists", ["dead_relus"], stall_begins=None)
def rare_allele_nonneg_relu(session):
    """Geneticists: a rare disease from the log10 population frequency of the rarest allele a
    patient carries in each of 24 genes (every input between -8 and -2), a relu MLP under
    Adam 1e-3 whose first layer got kernel_constraint=NonNeg() 'because rarer alleles can only
    add risk': after the first update the kernel is non-negative, every pre-activation of that
    layer is <= 0 and the relus are dead, so the loss sits at the label's entropy."""
    return _rare_allele_model(session, broken=True)


LOH_DEAD_ROW = 700  # the sample with a failed capture, in file order


def _loh_model(session, broken):
    keras = _keras()
    depth, alt, y = _allele_fractions(N, seed=14106, dead_row=LOH_DEAD_ROW)
    with np.errstate(invalid="ignore", divide="ignore"):  # the notebook silenced the warning
        frac = alt / depth if broken else alt / np.maximum(depth, 1)
    x = np.abs(frac - 0.5).astype("float32")
    model = _mlp(keras, x.shape[1], [32, 16], 1, activation="tanh", out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    # Samples kept in sequencing-run order.
    return _fit(session, model, x, y, epochs=10, batch_size=BATCH, shuffle=False)


@holdout141("geneticists", ["non_finite_values"], stall_begins=LOH_DEAD_ROW // BATCH)
def loh_allele_fraction_zero_depth(session):
    """Geneticists: loss of heterozygosity from the B-allele fraction alt / depth at 16 sites,
    a relu MLP under Adam 1e-3 with the samples in sequencing-run order (shuffle=False); one
    sample's capture failed at one site (zero reads), 0 / 0 is NaN (the notebook had silenced
    numpy's warning), and from that sample's batch the loss and the weights are NaN for the
    rest of the run; the fix divides by max(depth, 1)."""
    return _loh_model(session, broken=True)


# ---------------------------------------------------------------------------------------------
# virologists


def _weibull_nll(y, out):
    """Censored Weibull negative log-likelihood; out = [log scale, log shape], y = [t, event]."""
    keras = _keras()
    ops = keras.ops
    t, event = y[:, 0], y[:, 1]
    log_scale, log_shape = out[:, 0], out[:, 1]
    shape = ops.exp(log_shape)
    log_ratio = ops.log(t) - log_scale
    cumulative = ops.exp(shape * log_ratio)
    log_density = log_shape - log_scale + (shape - 1.0) * log_ratio
    return ops.mean(cumulative - event * log_density)


@holdout141("virologists", healthy=True)
def clearance_censored_weibull_loop(session):
    """Virologists: days to viral clearance from six patient features, right-censored at a
    follow-up visit between day 6 and 24, a relu MLP with a log-scale and a log-shape head
    (biases started at log 10 days and 0) under a hand-written censored Weibull negative
    log-likelihood in a GradientTape loop with Adam 3e-3, 20 epochs; the loss settles at the
    times' own randomness (~2.2) and is still creeping at the end."""
    keras = _keras()
    x, y = _clearance(N, seed=14107)
    model = keras.Sequential([
        keras.Input((6,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(2, activation="linear",
                           bias_initializer=keras.initializers.Constant([np.log(10.0), 0.0])),
    ])
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), _weibull_nll, x, y,
                        epochs=20, batch_size=BATCH, seed=14107,
                        loss_description="censored Weibull negative log-likelihood")


@holdout141("virologists", healthy=True)
def lineage_kmer_attention_inverse_time(session):
    """Virologists: the lineage of a genome fragment from 24 k-mer tokens (two marker k-mers per
    lineage at random places), an Embedding(40, 16) with a two-head MultiHeadAttention block, a
    residual connection and LayerNormalization, average pooling and a softmax over four
    lineages, Adam under InverseTimeDecay(3e-3, one epoch, 0.5), 15 epochs; a tenth of the
    lineage calls are wrong, so the loss flattens well above zero."""
    keras = _keras()
    x, y = _lineage_kmers(N, seed=14108)
    tokens = keras.Input((x.shape[1],), dtype="int32")
    h = keras.layers.Embedding(40, 16)(tokens)
    attended = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    h = keras.layers.LayerNormalization()(keras.layers.Add()([h, attended]))
    h = keras.layers.GlobalAveragePooling1D()(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    model = keras.Model(tokens, keras.layers.Dense(4, activation="softmax")(h))
    schedule = keras.optimizers.schedules.InverseTimeDecay(3e-3, STEPS, 0.5)
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout141("virologists", healthy=True)
def escape_mutation_parity_plateau(session):
    """Virologists: antibody escape when an odd number of three particular spike mutations are
    present, among twelve +-1 mutation flags, a 2x64 relu MLP under Adam 1e-3 for 30 epochs:
    the loss hovers just under ln 2 for about five epochs while no single mutation or pair
    carries any signal, then drops suddenly once the three-way interaction is found (a plateau
    before a drop), to ~0.002."""
    keras = _keras()
    x, y = _escape_mutations(N, seed=14109)
    model = _mlp(keras, x.shape[1], [64, 64], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=30, batch_size=BATCH)


def _rebound_model(session, broken):
    keras = _keras()
    log_load, temp, _, y = _load_series(N, seed=14110, noise=0.1)
    x = np.stack([(log_load - 5.0) / 2.0, (temp - 37.2) / 0.5], axis=-1).astype("float32")
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.GRU(16),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    # The optimizer swapped from Adadelta to Adam, its learning_rate=1.0 kept; the fix: 3e-3.
    rate = 1.0 if broken else 3e-3
    model.compile(keras.optimizers.Adam(rate), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout141("virologists", ["learning_rate_too_high"], stall_begins=160)  # approximate
def severe_course_gru_adadelta_rate(session):
    """Virologists: a severe course (a slow decline after the peak) from twelve days of
    standardised log viral load and body temperature by a GRU(16), a tenth of the course labels
    wrong, with the optimizer swapped from Adadelta to Adam and Adadelta's learning_rate=1.0
    kept: the loss falls for a few epochs and then bounces around ~0.5 while Adam at 3e-3
    settles near the label noise."""
    return _rebound_model(session, broken=True)


def _titer_model(session, broken):
    keras = _keras()
    x, y = _titer_readings(N, seed=14111)
    # 'Titers are never negative': a softplus head, but the target is the standardised change.
    head = "softplus" if broken else None
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv1D(16, 3, activation="relu"),
        keras.layers.Conv1D(16, 3, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(1, activation=head),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=20, batch_size=BATCH)


@holdout141("virologists", ["loss_activation_mismatch"], stall_begins=128)  # approximate
def titer_change_softplus_head(session):
    """Virologists: the change in log antibody titer (standardised, so half of it negative)
    from fourteen days of two assay channels, a Conv1D net under MSE and Adam 2e-3 whose output
    layer has activation='softplus' 'because titers are never negative': the head cannot go
    below zero, so the loss levels off near the negative half's share of the variance while a
    linear head fits the change."""
    return _titer_model(session, broken=True)


def _severity_model(session, broken):
    keras = _keras()
    log_load, temp, day, y = _load_series(N, seed=14112)
    if broken:
        # The export's copies/mL, degrees and day numbers fed as they are.
        x = np.stack([10.0 ** log_load, temp, day], axis=-1).astype("float32")
    else:
        x = np.stack([(log_load - 5.0) / 2.0, (temp - 37.2) / 0.5, (day - 5.5) / 3.5], axis=-1)
        x = x.astype("float32")
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.LSTM(16),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout141("virologists", ["unnormalized_inputs"], stall_begins=None)
def severity_lstm_copies_per_ml(session):
    """Virologists: a severe course (a slow decline after a peak anywhere between 10^4.5 and
    10^9 copies/mL) from twelve days of viral load, temperature and day number by an LSTM(16)
    under Adam 1e-3, with the load fed in copies/mL as exported beside degrees Celsius and day
    numbers: the gates are swamped, the loss bounces between 0.5 and 0.76 without learning,
    while log10 loads and standardised columns learn the course."""
    return _severity_model(session, broken=True)


# ---------------------------------------------------------------------------------------------
# physiotherapists


@holdout141("physiotherapists", healthy=True)
def pain_grade_cumulative_logits(session):
    """Physiotherapists: a pain grade 0..6 from eight clinical features as an ordinal model,
    six sigmoid outputs for P(grade > k) under binary cross-entropy on the cumulative targets,
    a 2x32 relu MLP under Adam 2e-3 for 20 epochs; the grades come from a noisy latent score,
    so the loss flattens well above zero."""
    keras = _keras()
    x, y = _pain_grades(N, seed=14113)
    model = _mlp(keras, x.shape[1], [32, 32], y.shape[1], out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=BATCH)


@holdout141("physiotherapists", healthy=True)
def gait_separable_conv_piecewise(session):
    """Physiotherapists: even, limping and shuffling gaits from 64-sample three-axis
    accelerometer windows, two SeparableConv1D layers with pooling and a softmax, Adam under
    PiecewiseConstantDecay (3e-3, then 1e-3 after epoch 6, 3e-4 after epoch 12), 18 epochs;
    12% of the therapist's tags are wrong, so the loss steps down at the cuts and flattens."""
    keras = _keras()
    x, y = _gait_windows(N, seed=14114)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.SeparableConv1D(16, 5, activation="relu"),
        keras.layers.MaxPooling1D(2),
        keras.layers.SeparableConv1D(32, 5, activation="relu"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay(
        [6 * STEPS, 12 * STEPS], [3e-3, 1e-3, 3e-4])
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=18, batch_size=BATCH)


QUANTILES = (0.1, 0.5, 0.9)


def _pinball(y, q_pred):
    """Mean pinball loss of three quantile outputs against one target."""
    ops = _keras().ops
    error = ops.expand_dims(y, -1) - q_pred
    q = ops.convert_to_tensor(np.array(QUANTILES, dtype="float32"))
    return ops.mean(ops.maximum(q * error, (q - 1.0) * error), axis=-1)


@holdout141("physiotherapists", healthy=True)
def rom_gain_quantiles_reduce_on_plateau(session):
    """Physiotherapists: the gain in range of motion after a programme, whose scatter grows with
    the patient's age, as three quantiles (0.1, 0.5, 0.9) from one relu MLP under a hand-written
    pinball loss, Adam 3e-3 with ReduceLROnPlateau(monitor='loss', factor 0.5, patience 2), 25
    epochs: the loss flattens at the heteroscedastic noise's pinball floor."""
    keras = _keras()
    x, y = _rom_gain(N, seed=14115)
    model = _mlp(keras, x.shape[1], [32, 32], len(QUANTILES), out_activation=None)
    model.compile(keras.optimizers.Adam(3e-3), _pinball)
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=2)
    return _fit(session, model, x, y, epochs=25, batch_size=BATCH, callbacks=[plateau])


def _exercise_model(session, broken):
    keras = _keras()
    x, y = _imu_exercises(N, seed=14116)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.GRU(16),
        keras.layers.Dense(3, activation="softmax"),
    ])
    # 'Decay to nothing over 20 epochs', but PolynomialDecay counts optimizer steps.
    decay_steps = 20 if broken else 20 * STEPS
    schedule = keras.optimizers.schedules.PolynomialDecay(3e-3, decay_steps, 1e-7)
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout141("physiotherapists", ["learning_rate_too_low"], stall_begins=20)
def exercise_gru_polynomial_decay_epochs(session):
    """Physiotherapists: which of three rehabilitation exercises a six-channel IMU window shows,
    a GRU(16) under Adam with PolynomialDecay(3e-3, decay_steps=20, end 1e-7) meant as 'decay
    over 20 epochs': keras counts optimizer steps, so the rate is 1e-7 from the 21st step on and
    the loss stays where twenty steps left it, while decay_steps=20 epochs of steps learns."""
    return _exercise_model(session, broken=True)


def _stage_model(session, broken):
    keras = _keras()
    x, y = _gait_features(N, seed=14117)
    activation = "sigmoid" if broken else "relu"
    model = _mlp(keras, x.shape[1], [32] * 10, 3, activation=activation)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=BATCH)


@holdout141("physiotherapists", ["vanishing_gradients"], stall_begins=None)
def recovery_stage_deep_sigmoid(session):
    """Physiotherapists: one of three recovery stages from ten gait-lab features, an MLP of
    eight sigmoid layers of 32 (the textbook's activation) under Adam 1e-3: each layer shrinks
    the gradient by the sigmoid's slope (at most 1/4) and the loss sits near ln 3, while the
    same stack with relu learns the stages."""
    return _stage_model(session, broken=True)


def _burst_model(session, broken):
    keras = _keras()
    x, y = _emg_bursts(N, seed=14118)
    # torch.randn-style recurrent weights (N(0, 1)) for the 32-unit tanh SimpleRNN; the fix
    # keeps keras's orthogonal default. Both clip the gradient norm at 1.
    recurrent = keras.initializers.RandomNormal(stddev=1.0) if broken else "orthogonal"
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.SimpleRNN(32, recurrent_initializer=recurrent),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9, clipnorm=1.0), "binary_crossentropy")
    return _fit(session, model, x, y, epochs=20, batch_size=BATCH)


@holdout141("physiotherapists", ["exploding_gradients"], stall_begins=96)  # approximate
def emg_burst_rnn_randn_recurrent(session):
    """Physiotherapists: whether an EMG burst comes in the first or second half of a 40-sample
    window, a tanh SimpleRNN(32) whose recurrent kernel was drawn from RandomNormal(stddev=1.0)
    as torch.randn would (a spectral radius near sqrt(32)), SGD with momentum and clipnorm=1:
    the gradients through time blow up, the clipped steps point nowhere useful and the loss
    bounces near ln 2, while the orthogonal default learns."""
    return _burst_model(session, broken=True)


# ---------------------------------------------------------------------------------------------
# ecologists


@holdout141("ecologists", healthy=True)
def migration_heading_cosine(session):
    """Ecologists: a migrant's heading from wind, season and body mass, predicted as a (cos,
    sin) pair by a 2x32 relu MLP under keras's CosineSimilarity loss and Adam 2e-3 for 15
    epochs; the headings scatter around their mean by von Mises noise (kappa 5), so the loss
    flattens near -0.9 instead of -1."""
    keras = _keras()
    x, y = _headings(N, seed=14119)
    model = _mlp(keras, x.shape[1], [32, 32], 2, out_activation=None)
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.CosineSimilarity())
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout141("ecologists", healthy=True)
def warbler_detection_effort_weights(session):
    """Ecologists: detection of a scarce warbler (~12% of point counts) from nine habitat
    features, each count weighted by its survey effort in hours (sample_weight), a 2x32 relu MLP
    under Nadam 2e-3 for 20 epochs; occupied sites go undetected on short counts, so the loss
    flattens at the detection noise."""
    keras = _keras()
    x, y, effort = _point_counts(N, seed=14120)
    model = _mlp(keras, x.shape[1], [32, 32], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Nadam(2e-3), "binary_crossentropy")
    return _fit_inputs(session, model, [x], y, epochs=20, batch_size=BATCH,
                       sample_weight=effort)


@holdout141("ecologists", healthy=True)
def camera_trap_small_set_step_decay(session):
    """Ecologists: three species from 16x16 camera-trap silhouettes with clutter, only 240
    training images, a small Conv2D net under Adam 2e-3 with a LearningRateScheduler halving the
    rate every ten epochs, 30 epochs at batch 16: the net memorises the small set and the loss
    keeps sinking toward zero (small data that overfits), with small steps at each halving."""
    keras = _keras()
    x, y = _silhouettes(240 + PROBE_SIZE, seed=14121)
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Flatten(),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")

    def halve(epoch, lr):
        return 2e-3 * 0.5 ** (epoch // 10)

    return _fit(session, model, x, y, epochs=30, batch_size=16,
                callbacks=[keras.callbacks.LearningRateScheduler(halve)])


def _habitat_model(session, broken):
    keras = _keras()
    x, y = _cover_fractions(N, seed=14122)
    # numpy's rand habit: hidden kernels uniform in [0, 1). With 120 positive fractions every
    # sigmoid pre-activation is ~+30 and the unit is exactly 1.0 in float32.
    init = keras.initializers.RandomUniform(0.0, 1.0) if broken else "glorot_uniform"
    model = keras.Sequential([
        keras.Input((x.shape[1],)),
        keras.layers.Dense(64, activation="sigmoid", kernel_initializer=init),
        keras.layers.Dense(64, activation="sigmoid", kernel_initializer=init),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout141("ecologists", ["saturated_activations"], stall_begins=None)
def habitat_cover_uniform_init_sigmoid(session):
    """Ecologists: one of three habitat types from the fractions of 120 land-cover classes
    around a site, two sigmoid layers of 64 whose kernels were initialised with
    RandomUniform(0, 1) (numpy's rand habit) under Adam 1e-3: every pre-activation is a sum of
    ~120 positive terms, every unit sits at exactly 1 for every site, and the loss stays at
    ln 3, while the glorot default learns the habitats."""
    return _habitat_model(session, broken=True)


def _beetle_model(session, broken):
    keras = _keras()
    x, y = _abundance(N, seed=14123)
    # kernel_initializer='zeros' copied from the bias line in a tanh MLP.
    init = "zeros" if broken else "glorot_uniform"
    model = _mlp(keras, x.shape[1], [32, 32], 1, activation="tanh", out_activation=None,
                 kernel_initializer=init)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return _fit(session, model, x, y, epochs=15, batch_size=BATCH)


@holdout141("ecologists", ["poor_initialization"], stall_begins=None)
def beetle_abundance_zero_kernels(session):
    """Ecologists: log abundance of a ground beetle from twelve site covariates, a 2x32 tanh MLP
    under MSE and Adam 2e-3 whose every kernel (the output's too) was given
    kernel_initializer='zeros', copied from the bias line: every hidden unit is 0 and every
    kernel's gradient is 0, so only the output bias learns and the loss sits at the target's
    variance, while glorot kernels fit it."""
    return _beetle_model(session, broken=True)


def _trait_model(session, broken):
    keras = _keras()
    species, x, y = _species_traits(N, seed=14124)
    # glmnet's lambda = 1 carried over as keras's L2 factor on every weight.
    reg = keras.regularizers.L2(1.0) if broken else keras.regularizers.L2(1e-4)
    sp_in = keras.Input((1,), dtype="int32")
    x_in = keras.Input((x.shape[1],))
    emb = keras.layers.Flatten()(keras.layers.Embedding(40, 8, embeddings_regularizer=reg)(sp_in))
    h = keras.layers.Concatenate()([emb, x_in])
    h = keras.layers.Dense(32, activation="relu", kernel_regularizer=reg)(h)
    out = keras.layers.Dense(1, kernel_regularizer=reg)(h)
    model = keras.Model([sp_in, x_in], out)
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit_inputs(session, model, [species[:, None], x], y, epochs=15, batch_size=BATCH)


@holdout141("ecologists", ["over_regularization"], stall_begins=224)  # approximate
def leaf_trait_glmnet_lambda(session):
    """Ecologists: leaf mass per area (standardised) from a species Embedding(40, 8) and four
    site covariates, two inputs into a relu MLP under MSE and Adam 3e-3, with L2(1.0) on the
    embedding and every kernel, glmnet's lambda = 1 carried over as keras's factor: the
    penalty shrinks the weights to nothing and the loss sits near the target's variance, while
    L2(1e-4) fits the species and sites."""
    return _trait_model(session, broken=True)
