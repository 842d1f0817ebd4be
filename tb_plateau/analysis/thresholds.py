"""Every number that decides a diagnosis, named, with the reason or source for its value.

Detectors turn a measured value into a confidence with `ramp(value, weak, strong)` (0 at the
`weak` end, 1 at the `strong` end, log-linear in between for ratios); so each signal below
has a "weak" value (where suspicion starts) and a "strong" value (where it is unmistakable).
"""

import math

# ---------------------------------------------------------------------------------------
# Stalled intervals (intervals.py)
# ---------------------------------------------------------------------------------------

# A stall must last at least this fraction of the run (by step) to be reported. Shorter
# flat stretches are normal in healthy training (e.g. the symmetric-break phase early on,
# the pause before a learning-rate decay) and would make every healthy run look broken.
MIN_STALL_FRACTION = 0.2
# ...and contain at least this many logged points, so that a per-epoch series of 10 epochs
# can still show a stall of 3 epochs but a single point never is one.
MIN_STALL_POINTS = 3
# The loss is smoothed over blocks of points (median per block, robust to batch noise and
# to outliers). The run is split into at most this many blocks; enough to place an
# interval's ends to within 1% of the run, few enough to keep noise per block low.
MAX_BLOCKS = 100
# Minimum points per block before blocks shrink to single points (short runs).
MIN_BLOCK_POINTS = 5
# Progress is judged over a sliding window of this fraction of the run: the same horizon
# as MIN_STALL_FRACTION halved, so a stall of minimal length contains two full windows.
PROGRESS_WINDOW_FRACTION = 0.1
# A window "makes progress" when the loss falls by more than this fraction of its level
# across it. 1% per tenth of the run is ~10% over the run: slower than that, the loss has
# effectively stopped (Keras's ReduceLROnPlateau/EarlyStopping use the same idea: a
# min_delta below which a change is not an improvement).
MIN_PROGRESS_PER_WINDOW = 0.01
# ...and by more than this many standard errors of the window's noise, so that batch noise
# alone never counts as progress (two-sided 95% is 1.96; 2.5 leaves room for the noise
# estimate itself being noisy on short windows).
PROGRESS_NOISE_Z = 2.5
# A whole interval confirmed as stalled improves by less than this fraction of its level
# from its first fifth to its last fifth: chains of slow-but-real progress are not a stall.
MAX_INTERVAL_PROGRESS = 0.05

# A run has "converged" (healthy flat end) when its final level is at most this fraction of
# the constant-prediction baseline (or of the initial loss when no baseline is known):
# for MSE that is R^2 >= 0.5, for cross-entropy half the information a constant guess
# lacks. Above it, a flat loss is a stall (e.g. a model too small for the problem).
CONVERGED_MAX_BASELINE_FRACTION = 0.5
# ...and the loss must actually have fallen to get there: by at least this fraction of
# the initial level. A loss flat at 0 from the first step (one-unit softmax) has not
# converged, it never trained.
CONVERGED_MIN_DROP = 0.3

# "Still improving" has to mean progress that matters, judged over the last part of the
# run (this fraction of it, compared with the stretch of equal length before it):
TAIL_FRACTION = 0.25
# ...a flat end is "converged" (not "healthy, still improving") when, at a good level, the
# last part gained less than this fraction of the reference loss (baseline, else the
# initial loss): going from 3e-4 to 1e-4 on a baseline of 1.4 is 40% relative but changes
# nothing a user can see; 1% of the baseline per quarter of the run is still real learning.
CONVERGED_NEGLIGIBLE_GAIN = 0.01
# ...or less than this fraction of its own level: 1% per tenth of the run (the interval
# finder's MIN_PROGRESS_PER_WINDOW) is ~2.5% per quarter.
CONVERGED_MIN_RELATIVE_GAIN = 2.5 * MIN_PROGRESS_PER_WINDOW
# A run that is not at a good loss and whose last stretch (at least MIN_STALL_FRACTION of
# the run) gained less than this fraction of the gap to a good loss is stalled even if it
# still creeps down: at that pace it needs ten times that stretch again to get there
# (e.g. a GRU too small for its task creeping 0.3%/epoch at 0.9 x ln 4).
SLOW_PROGRESS_GAP_FRACTION = 0.1
# ...unless it still creeps at the end: its straight-line descent over that stretch is beyond
# PROGRESS_NOISE_Z standard errors and the stretch's last half keeps at least this share of
# the pace. A loss settling toward the level it can reach slows down (the last half of an
# approach to an asymptote gains less than the first); one that keeps its pace to the end
# has not stopped improving (long slow convergence on noisy labels), and its level near the
# constant prediction's is then no evidence of a stall by itself.
CREEP_KEPT_PACE = 0.75
# The creep's line is fitted to at most this many points (means of consecutive groups).
CREEP_MAX_POINTS = 600

# Divergence: the smoothed loss rising to this multiple of its best earlier level (and of
# its initial level) is a blow-up even before it reaches NaN/Inf. Cross-entropy driven
# above ln K by an unstable optimiser typically settles at 3-7x ln K (confidently wrong
# predictions, capped at -ln(1e-7) = 16.1); 3x separates that from noise on any loss.
DIVERGE_FACTOR = 3.0
# A loss "blew up" before turning NaN (nan_without_blow_up) when its last finite value, or
# two or more and more than this share of the last quarter of its finite values, are
# DIVERGE_FACTOR above the first half's median: a single noisy batch there is not a rise.
BLOW_UP_TAIL_SHARE = 0.1
# A loss above this absolute magnitude is blown up whatever its start (float32 overflow
# looms at 3e38; no sane loss is 1e8).
DIVERGE_ABSOLUTE = 1e8

# ---------------------------------------------------------------------------------------
# Detectors (causes/ and measurements.py)
# ---------------------------------------------------------------------------------------

# The signals "just before" an interval: this fraction of its length before it (at least
# a few points), to see what led into the stall.
LEAD_IN_FRACTION = 0.25

# Update/weight ratio per step. CS231n notes (Karpathy, "Neural Networks Part 3"): "a
# rough heuristic is that this ratio should be somewhere around 1e-3. If it is lower than
# this then the learning rate might be too low. If it is higher then the learning rate is
# likely too high." One decade either side is still normal.
UPDATE_RATIO_HEALTHY = 1e-3
UPDATE_RATIO_HIGH_WEAK = 1e-2
UPDATE_RATIO_HIGH_STRONG = 1e-1
UPDATE_RATIO_LOW_WEAK = 1e-4
UPDATE_RATIO_LOW_STRONG = 1e-6

# The update/weight ratio blames the learning rate only when nothing else explains it
# (update = lr x step direction, so the ratio also grows when the denominator collapses or
# the gradient is abnormal). Without the lr itself implicated (high for its optimizer, a
# jump, schedule growth), each alternative explanation scales the ratio's evidence down:
# - weights collapsing toward zero (total weight norm shrinking by WEIGHT_SHRINK from the
#   run's start to the interval's end: weight decay, L1) make any step look large;
# - gradients huge relative to the weights, or non-finite from the first logged step, at a
#   normal lr: the gradient's size made the step (init, exploding gradients);
# - optimizer weight decay: its decoupled shrink (lr x weight_decay per step) is itself an
#   update of that relative size every step (WEIGHT_DECAY_PER_STEP).
# Each of these leaves at most this fraction of the ratio's evidence (a trace, so the
# cause stays listed but cannot outrank the real one).
LR_ALTERNATIVE_KEEP = 0.1
# An ungated recurrent layer (SimpleRNN) over sequences this long (timesteps): vanilla RNNs
# learn dependencies over ~10-20 steps (Bengio et al. 1994; Hochreiter & Schmidhuber 1997);
# past ~100 the gradient through time is gone.
UNGATED_RNN_STEPS = (30, 100)
# A recurrent layer that returns its last state, whose output's spread across examples (in
# tanh units) is this small: the state at the last step no longer depends on the sequence.
# The healthy recurrent runs in the catalogues keep 0.15 or more; a state that forgot the
# sequence (long padding after the events, stacked layers crushing it) keeps ~0.01-0.03.
RECURRENT_STATE_SPREAD = (0.05, 0.01)
# A recurrent layer whose activation is unbounded (an LSTM or GRU with activation='relu',
# an IRNN) reading this many timesteps: nothing squashes its state, which can grow with
# every step, and so can the gradient through time (Pascanu et al. 2013).
UNBOUNDED_RNN_STEPS = (20, 100)
# A bounded recurrent layer (tanh SimpleRNN, LSTM, GRU) whose recurrent kernel starts with
# this gain (weak, strong): an orthogonal kernel of gain g multiplies the state by g at every
# step, a random one of spread s over n units by about s sqrt(n) (its spectral radius). Above
# 1 the state grows until its tanh pins it at +-1, and the gradient through time grows with
# it (Pascanu et al. 2013; Saxe et al. 2014 start orthogonal at gain 1).
RECURRENT_GAIN = (1.2, 2.0)
# How strongly a bounded recurrent layer's saturation that set in during training (not at
# the first logged step) under a plain gradient step without clipping, at a rate that is
# not high for it, says the gradients through time grew: large steps on some batches pushed
# its recurrent weights past gain 1. Less than a gain the user chose: a rate near its band
# does the same.
RECURRENT_SATURATION_GREW = 0.6
# How far a recurrent layer's weight norm grew (its largest up to the stall's end over its
# first logged value) under a plain gradient step without clipping, at a rate that is not
# high for it, while the loss stayed at the constant level (measurements.
# recurrence_weights_grew): from the lower end its gradient through time grew on some
# batches, at the upper end surely. Surveyed on the kept studied logdirs: recurrent layers
# trained by Adam in healthy runs grew up to 2.5x (adaptive steps are bounded by the rate,
# so they are not read); under plain SGD without clipping, healthy runs' recurrences grew
# 1.03-1.07x and those of runs labelled otherwise at the constant level at most 1.05x,
# where runs labelled exploding grew 1.43x to thousands of times. (It was (1.5, 3.0) until
# holdout176's unclipped bell-ringing RNN, 1.64x, read after scoring.)
RECURRENT_WEIGHT_GROWTH = (1.25, 2.0)
# The same recurrent layer's median update/weight ratio inside the stall (healthy ~1e-3)
# with its weights not shrinking: from 10x a healthy step, surely from 20x. On the kept
# logdirs, unclipped plain-SGD recurrences at the constant level stepped 1e-2 or more only
# in runs labelled exploding (1.3e-2 to 2.1e-2), and in one whose weights a decay typo
# pulled toward zero (excluded by the shrink); those labelled vanishing stepped at most 3e-3.
RECURRENT_STEP_LARGE = (1e-2, 2e-2)
# A single batch's loss this many times the loss level around it (the median of its
# twentieth of the run, at least a tenth of the constant-prediction loss) before or inside a stall: a batch whose
# gradient blew up. Heavy-tailed batches reach ~10x; 1e3x is a blow-up.
LOSS_SPIKE = (10.0, 1e3)
# How much of an explosion's (or a vanishing's) evidence a learning rate that is high for
# its optimizer accounts for, when the gradients started normal (the updates did it).
LR_EXPLAINS_SYMPTOM = 0.6
# The run's first diagnostic is taken after its first update. An update at least this large
# next to the weights (median over layers) replaced them: what that diagnostic shows is the
# step's doing, not the initial state.
UPDATE_RATIO_REBUILT = 1.0
# The first batch's loss, computed on the initial weights, within this factor of the
# constant-prediction loss: the initial weights were ordinary (an exploding initialisation
# starts orders of magnitude above it).
FIRST_LOSS_ORDINARY = 3.0

# Learning-rate values themselves, used when no update ratio is logged. Adam's default is
# 1e-3 (Kingma & Ba 2015) and useful values span ~1e-4..1e-2; SGD's useful range is about
# a decade higher (Keras default 0.01, ImageNet recipes 0.1).
ADAPTIVE_LR_HIGH = (1e-2, 1e-1)   # weak, strong
ADAPTIVE_LR_LOW = (1e-5, 1e-7)
SGD_LR_HIGH = (0.5, 5.0)
SGD_LR_LOW = (1e-4, 1e-6)
# A learning rate that jumps by 10x within a run is a schedule mistake or an intended warm
# restart; by 100x it is the former (step schedules usually change it by 2-10x per step).
LR_JUMP = (10.0, 100.0)
# Activations whose output is bounded and whose slope falls toward zero at both ends:
# saturated units stop passing gradient, and a deep stack of them (softmax aside, an output
# activation) multiplies the backward signal by small factors layer by layer.
SQUASHING_ACTIVATIONS = ("sigmoid", "hard_sigmoid", "tanh", "hard_tanh", "softsign", "softmax")
# Keras recurrent layer classes (their names start so: ConvLSTM1D/2D/3D too).
RECURRENT_CLASSES = ("SimpleRNN", "LSTM", "GRU", "ConvLSTM")
# The optimizer settings that clip gradients (Keras 3 names), most global first.
CLIP_SETTINGS = ("global_clipnorm", "clipnorm", "clipvalue")
ADAPTIVE_OPTIMIZERS = ("adam", "adamw", "adamax", "nadam", "rmsprop", "adagrad", "adadelta",
                       "adafactor", "lion", "ftrl", "lamb")
# Optimizers whose useful learning rates sit far from Adam's (high (weak, strong), low (weak,
# strong)): Adagrad and FTRL divide a per-coordinate rate by the square root of accumulated
# squared gradients, so their steps shrink as training goes and useful rates are 0.01-1
# (McMahan et al. 2013 use FTRL rates ~0.1); Adadelta's rate multiplies a step already in
# the weights' units and was designed for 1.0 (Zeiler 2012). Keras's default of 0.001 for
# all three is two or three decades below that: for FTRL and Adadelta, a decade below their
# useful range is already as low as it gets (their default is there, not in between).
# Momentum beyond the usual 0.9 (SGD, RMSprop) multiplies the steady-state step by
# 0.1 / (1 - momentum) over what the learning rates above assume (0.99: 10x); momentum 1 or
# more never forgets a step (MOMENTUM_FLOOR bounds the factor at 1000x).
USUAL_MOMENTUM = 0.9
MOMENTUM_FLOOR = 1e-4
# That factor (0.1 / (1 - momentum)) as evidence of steps too large where the loss swings or
# the steps killed units: 0.99 (10x) is a setting some recipes use at a lowered rate; 0.999
# (100x), Adam's beta_2 typed into SGD, is not (weak, strong).
MOMENTUM_STEP_FACTOR = (10.0, 100.0)
# Optimizers whose step divides by sqrt(v) + epsilon (or max|g| + epsilon): an epsilon this
# many times the gradient per weight or more makes the step about gradient / epsilon of its
# normal size (Keras's default 1e-7 is far below any gradient).
EPSILON_DIVIDED_OPTIMIZERS = ("adam", "adamw", "adamax", "nadam", "rmsprop", "adagrad",
                              "lamb")
EPSILON_OVER_GRADIENT = 1.0
OPTIMIZER_DEFAULTS = {"epsilon": 1e-7}
# A loss summed over the batch (reduction="sum") under SGD-type optimizers: the gradient is
# batch-size times the mean's; a few times is a learning rate's worth of difference, hundreds
# of times blows the weights up.
SUMMED_BATCH = (8, 256)
# A hand-written loss (a training loop's, recorded by its description alone) that starts at
# this multiple of the batch size times a fresh classifier's per-example cross-entropy (ln K
# for K softmax outputs, ln 2 for sigmoid ones): the per-example losses summed where the
# mean was meant. Only over batches of SUMMED_BY_HAND_BATCH or more, where the sum stands
# well clear of any per-example loss a fresh classifier starts at.
SUMMED_START = (0.5, 2.0)
SUMMED_BY_HAND_BATCH = 16
# Optimizers whose design sets a layer's update/weight ratio (measurements.
# per_coordinate_rates).
RATIO_SETTING_OPTIMIZERS = ("ftrl", "lamb")
# Under FTRL at a rate low for it (learning_rate_band's low strength), the share of vanishing
# gradients' confidence the rate accounts for: FTRL sets the weights in proportion to the
# rate, and small weights shrink the gradient on its way back.
RATE_SET_WEIGHTS_EXPLAINS = 0.7
# Normalization scales started at 0 with no path around them (every hidden gradient exactly
# 0 at the first diagnostic): the strength of that evidence for poor initialisation. The
# ReLUs after them are dead too, from the start, and dead_relus keeps its rank (catalogue
# writers named either cause for this mistake) and carries the zero scales' fix.
ZERO_SCALE_EVIDENCE = 0.6
# Optimizers that move each weight by about the learning rate per step once their moment
# estimates settle (Lion by exactly it, Adagrad by at most it; Adam's |m| / sqrt(v) stays
# under ~1 for any steady gradient and reaches ~7 only briefly, after a gradient surge);
# a layer's update this many times lr * sqrt(its weights) at most diagnostics (at least
# STEP_BOUND_REPEATS of them, the first update aside) is made by something else. (Nadam's
# look-ahead is left out.)
STEP_BOUNDED_OPTIMIZERS = ("adam", "adamw", "adamax", "lion", "adagrad", "rmsprop")
STEP_BOUND_FACTOR = 5.0
STEP_BOUND_REPEATS = 3
# A layer whose weights' mean makes this share (weak, strong) of their norm (|mean| sqrt(n)
# over the L2 norm of n weights: 1 when every weight is equal), from at most
# SHIFTED_ALIKE_START of it at the first logged step, had every weight moved by about the
# same amount: a shift applied to all weights alike (a decay written as w - c instead of
# w - c * w, an assignment in a callback), not gradient steps, which move each weight by
# its own gradient. Random initialisers start near 0 of it (a mean of 0).
SHIFTED_ALIKE = (0.7, 0.95)
SHIFTED_ALIKE_START = 0.5
OPTIMIZER_LR_BANDS = {
    "adagrad": ((0.5, 5.0), (1e-3, 1e-5)),
    "ftrl": ((2.0, 20.0), (1e-2, 1e-3)),
    "adadelta": ((5.0, 50.0), (1e-2, 1e-3)),
    # LAMB's trust ratio makes each step the rate times the layer's weight norm: large-batch
    # training runs it at 1e-3..2e-2 (You et al. 2020: up to 0.0176 for BERT).
    "lamb": ((0.05, 0.5), (1e-5, 1e-7)),
}

# Gradient norm / weight norm per layer ("relative gradient"); ~1e-3..1e-1 is typical for
# trainable layers. A layer whose gradient is this many times smaller than the output
# layer's receives no signal: vanishing gradients (Glorot & Bengio 2010 show the decay
# through sigmoid/tanh stacks; 1e-2 over a handful of layers is already severe).
GRAD_DEPTH_RATIO_WEAK = 1e-2
GRAD_DEPTH_RATIO_STRONG = 1e-4
# A gradient that shrinks layer by layer, every layer smaller than the one after it (a rise
# of at most 0.05 decades allowed, layers with exactly zero gradient left out), over
# this many decades from the output layer to the first: the first layers are frozen in
# all but name (1e-5 of the output's gradient). Healthy training does not produce that
# at any loss level, so it makes a flat end a stall even at a loss that looks good.
VANISHING_SIGNATURE_DECADES = 5.0
# ...and the global gradient norm relative to the weights that small means nothing moves.
RELATIVE_GRAD_TINY = (1e-5, 1e-8)
# Exploding: a gradient norm larger than the weights themselves (relative gradient > 1)
# makes one SGD step at lr 1e-2 change a layer by >1%; 1e2 is unmistakable. The same
# decade rule applies to the first layer being this much larger than the last.
RELATIVE_GRAD_HUGE = (1.0, 1e2)
# One batch far off the rest, every epoch: its loss OUTLIER_BATCH[0] x the run's level or
# more, once in each of at least OUTLIER_BATCH[1] epochs (measurements.recurring_batch_spikes).
OUTLIER_BATCH = (100.0, 3)
# ... and the gradient / weight ratio an SGD-type step at a normal learning rate implies
# (measurements.implied_gradient_ratio): training batches give 1e-3..1e-1; from a gradient
# as large as the weights on, the step is the gradient's doing, at ten times surely.
IMPLIED_GRAD_HUGE = (1.0, 10.0)
GRAD_ABSOLUTE_HUGE = (1e2, 1e4)
GRAD_DEPTH_GROWTH = (1e2, 1e4)
# The share of the gradient-size evidence for exploding gradients kept where the probe's
# loss kept falling to a training loss at a good level (measurements.probe_kept_improving).
CONFIDENT_GRADIENT_KEEP = 0.25
# The probe's loss at the interval's end within this share above its lowest: it still fits
# held-out examples about as well as it ever did.
PROBE_NEAR_BEST = 0.1
# An exactly-zero gradient (dead units, symmetric zero init).
GRAD_ZERO = 1e-12

# A global gradient norm alone (other tools log one number per step: Hugging Face's
# `train/grad_norm`, Lightning's `grad_2.0_norm_total`) has no per-layer profile and no
# weight scale: it cannot show gradients shrinking toward the input, only the whole
# gradient dying. Measured on the demo catalogue (PlateauCallback logs both): healthy runs'
# global norm shrinks up to ~20x as they converge (mlp/converged); deep sigmoid stacks whose
# early layers never learn keep it within ~3x (the output layer dominates it); a collapse
# by two to four decades at a loss that learned nothing came from saturated outputs and
# saturating raw inputs (cnn/sigmoid_output_for_area 45x, rnn/raw_sensor_counts 3000x).
# So only a collapse beyond two decades, with the loss still where it started, counts,
# and only as a weak hint of vanishing gradients (the global norm cannot tell them from
# saturated or dead units): at most this much of a finding.
GLOBAL_GRAD_COLLAPSE = (1e-2, 1e-4)
GLOBAL_GRAD_VANISHING_WEIGHT = 0.4
# The global norm "holds steady" (neither vanished nor exploded) within a decade of its
# early level: then a stall at a low learning rate is the step size's, not the gradient's.
GLOBAL_GRAD_STEADY = 10.0
# Its early level: the median of the first tenth of its values up to the interval's end
# (at least this many: one logged value is noise).
GLOBAL_GRAD_EARLY_POINTS = 3

# Dead ReLUs: fraction of exactly-zero outputs of a ReLU layer. A healthy ReLU layer with
# zero-mean pre-activations outputs ~50% zeros; 90% means most units are off for most
# inputs; ~100% is a dead layer (no gradient flows through it).
DEAD_FRACTION = (0.9, 0.99)
# The share of a layer's units that are zero for every probe example (plateau/dead_units):
# a few dead units are common and harmless, most of them dead is a layer that passes no
# gradient. A mostly-zero layer whose units are alive (each fires for some examples or
# positions) keeps this much of the zeros' evidence: it passes little gradient, but nothing
# is stuck.
DEAD_UNITS_FRACTION = (0.3, 0.8)
SPARSE_NOT_DEAD_KEEP = 0.3
# Saturated sigmoid/tanh/softmax outputs (defined in docs/format.md): above half the outputs
# pinned at the flat ends of the activation means their derivative (< 0.01) blocks most of
# the gradient (LeCun et al., "Efficient BackProp", 1998, sec. 4.4).
SATURATED_FRACTION = (0.5, 0.9)
# A hidden sigmoid/tanh layer saturated for this share of its outputs or more is stuck
# whatever the loss's level: such a layer passes back almost nothing, and no healthy run
# of the studied catalogues reaches even 0.9 anywhere its loss was judged (1,188 runs).
SATURATED_FOR_GOOD = 0.95
# A hidden layer's outputs vary across the probe's examples by more than this (their std)
# while its gradient is exactly zero: its units sit on flat parts at different levels. A
# step between levels a unit apart (0 and 1) spreads them by ~0.5; a signal fading through
# depth (a squash or shrink function that passes nothing for small inputs) far less.
STEP_OUTPUT_SPREAD = 0.25
# A learning rate whose median over a stall is this far below the run's peak (four decades)
# is no longer training: no schedule in use spends a stall there (cosine and linear decay
# reach ~1e-2 of the peak over a run's last tenth); a ReduceLROnPlateau that cuts it every
# epoch (mode='max' on a loss) does, and an ExponentialDecay whose decay_steps count
# optimizer steps where epochs were meant (0.95 per step: four decades by step 180). A
# ReduceLROnPlateau answering a loss already flat is told apart by flat_before_rate_fell.
LR_COLLAPSE = 1e-4
# A learning rate this far below the run's peak has been cut (ReduceLROnPlateau's usual
# factors 0.1-0.5 twice over, a step decay's tenfold drop): when the loss was already flat
# before the cut, the small steps are the schedule's answer to the flat loss, not its cause.
LR_FELL_FACTOR = 10.0
# An output with this many times more values per example than there are targets scores
# positions (of a sequence, an image) each on its own: Dense layers on an input that was
# never flattened.
POSITIONS_PER_TARGET = 4
# The share of a convolution's or pooling's input positions that no window reads (strides
# larger than the kernel): what falls between the windows never reaches the model.
SKIPPED_INPUT = (0.1, 0.4)
# The share of the gradient a hidden tanh/sigmoid layer blocks on average (one minus its mean
# derivative over the derivative's peak, from the outputs' mean and spread): past three
# quarters the layer passes less than a quarter of what a unit in its linear range would;
# outputs pinned at the flat ends block nearly all of it. Healthy tanh/sigmoid layers in the
# catalogues block at most about a third (their outputs spread over the steep middle).
BLOCKED_GRADIENT_SHARE = (0.75, 0.95)
# Constant output: prediction std across the batch this small relative to the output's
# magnitude means the model predicts the same thing for every example.
CONSTANT_OUTPUT_STD = (1e-3, 1e-6)
# The same relative to the targets' own spread: predictions that vary 1e-3 x as much as the
# targets tell the examples apart in no way that matters (healthy runs in the catalogues,
# even those at the constant's loss, keep 1e-2 or more).
CONSTANT_OUTPUT_RELATIVE = (1e-3, 1e-5)
# The weights' total norm over its value at the run's start (weak, strong) for "every weight
# pulled toward zero" (with a constant output): half of it lost is what a symmetric start
# or a converging fit can also show; a tenth left is a penalty winning.
WEIGHTS_PULLED = (0.5, 0.1)

# Layers whose inputs are integer ids or categories, not measurements: their magnitude is
# an index into a table (token 299 of a vocabulary), so it is never a feature scale.
ID_CONSUMING_LAYERS = ("embedding", "stringlookup", "integerlookup", "categoryencoding",
                       "hashing", "textvectorization")

# Unnormalized inputs: standardised inputs have |mean| ~ 0 and std ~ 1 (LeCun 1998, sec.
# 4.3). Features with an absolute scale (max |x|, or std) of 20 or more are outside what
# default initialisers assume; in the thousands there is no doubt. Pixel values in
# [0, 255] land in between, as they should.
INPUT_SCALE = (20.0, 1e3)
# A feature whose mean lies this many of its own standard deviations off zero (and at least
# INPUT_OFFSET_MIN from it) is a near-constant offset with its information in a tiny variation
# on top: a mean subtracted in the wrong units, a year or a timestamp fed raw. Standardised
# features sit within about one; pixels in [0, 1] or counts within a few to ten.
INPUT_OFFSET_OVER_SPREAD = (30.0, 300.0)
INPUT_OFFSET_MIN = 5.0
# Features whose scales differ by this factor make the loss surface ill-conditioned.
INPUT_SCALE_SPREAD = (1e2, 1e4)
# Every feature this small (the largest one's max |x| or std): the first layer sees little
# but its biases, and its weights would have to grow by the inverse to use them (fluxes in
# cgs units, ~1e-28, never turned into magnitudes).
INPUT_TINY = (1e-3, 1e-6)
# An output that starts flat: its predictions' spread across the probe's examples at most
# this share of their scale (the mean predicted probability, or the targets' spread) at the
# first diagnostic, and still at most FLAT_STILL at the interval's end. A classifier at
# Keras's default initialisation spreads its probabilities by a few percent of their mean.
FLAT_START = 1e-3
FLAT_STILL = 1e-2
# ...with every hidden layer's gradient at the first diagnostic at least this share of the
# head's: not a signal fading through the stack on its way to the head.
FLAT_HEAD_GRAD_RATIO = 0.1
# ...and in a model that learned little, every feature 50-1000 times smaller than
# standardised (max |x| or std from 2e-2 down to 1e-3): pixels divided by 255 twice.
INPUT_TINY_STUCK = (2e-2, 1e-3)
# ...or, there, every feature varying 20-200 times less than standardised across the probe's
# examples (the largest std from 5e-2 down to 5e-3), whatever a constant offset makes of
# its size: rows scaled to unit norm (sklearn's normalize taken for a scaler) leave one
# column near 1 and the rest varying in the third or fourth decimal. (Healthy runs of the
# catalogues vary by 0.1 or more in their widest feature.)
INPUT_SPREAD_STUCK = (5e-2, 5e-3)

# Keras clips probabilities to [eps, 1 - eps] with eps = 1e-7 before taking logs, so a
# confidently wrong prediction costs -ln(1e-7) = 16.118 nats: cross-entropy stuck near
# 16.1 x (error rate) is the signature of probabilities that are 0 or 1.
KERAS_EPSILON = 1e-7
CLIPPED_CE_PER_ERROR = -math.log(KERAS_EPSILON)
# How close a loss must be to a recognised number (ln K, Var(y), 0) to count as "at" it,
# relative to that number.
SIGNATURE_TOLERANCE = 0.05
# Classes count as balanced (baseline reported as ln K) when the label entropy is within
# this fraction of ln K (e.g. 10 classes at 9-11% each).
BALANCED_ENTROPY_TOLERANCE = 0.01
# A probe with fewer examples of the rarer binary class than this says little about its
# rate (2 positives in 128 for a 3.7% rate: the entropy's standard error is ~60% of it). A
# model trained with cross-entropy matches its mean predicted probability to the training
# labels' rate (the output bias's gradient is the sum of prediction minus label), so its
# mean prediction on the probe is the better estimate there.
FEW_MINORITY_EXAMPLES = 10
# A loss flat at exactly 0 from the start (within this) is a one-unit softmax or similar.
ZERO_LOSS = 1e-6

# Loss / activation mismatch measured on the probe (plateau/constant_fit): the best constant
# the output activation can produce scores this much worse than the best constant of any
# value, relative to the latter's size (weak, strong). The search's grid and refinement put
# a reachable optimum within ~1% of the free one; a gap of 10% is the activation's range.
CONSTANT_FIT_GAP = (0.1, 0.5)
# ... or, with a smaller gap (at least twice the search's ~1% accuracy), the free best
# constant lies outside the activation's range and every probe prediction is within this
# fraction of that distance from the bound: the outputs are pressed against it.
PRESSED_MIN_GAP = 0.02
PRESSED_SPREAD = 0.1
# A binary cross-entropy on logits read through a non-negative output activation (relu):
# the share of targets that must be 0 before the floor it puts under the loss (ln 2 for
# each) counts (loss_activation_mismatch.non_negative_logits).
NON_NEGATIVE_LOGIT_NEGATIVES = 0.05

# A loss at this fraction of the constant-prediction loss or more has learned little (for
# MSE an R^2 of 0.2 at most): where a model's own structure (an ungated recurrence reading
# backwards) is named as what keeps it there.
LEARNED_LITTLE = 0.8
# Regularisation terms (a layer's regularizer, add_loss) making at least this share of the
# probe's loss (weak, strong), from the data term's upper bound: over-regularisation when the
# data term is itself no better than LEARNED_LITTLE of the constant prediction.
PENALTY_SHARE = (0.5, 0.9)

# Insufficient capacity: the model settled between this fraction of the baseline and
# the baseline itself, with healthy gradients. Below the lower bound the fit is good
# enough that more capacity is not the first thing to try.
CAPACITY_LEVEL = (CONVERGED_MAX_BASELINE_FRACTION, 1.0 + SIGNATURE_TOLERANCE)
# The reference fits (plateau/reference_fit: a vote of nearest neighbours or a kernel ridge
# fit, each example of probe_data predicted from the others) scoring below the model's probe
# loss (all held out from their fits) by this share of the constant output's loss (weak,
# strong) and by this factor (weak, strong) say the targets allow a fit the model does not
# reach. Its training loss must be no lower than REFERENCE_TRAINING_FACTOR x the
# reference's (a model that fits its own batches far better is overfitting, not held up).
# Over a noise floor the reference stops near the floor, never far below it.
REFERENCE_GAP = (0.1, 0.25)
REFERENCE_FACTOR = (1.5, 3.0)
REFERENCE_TRAINING_FACTOR = 1.5
# A reference this strong (the product of its two ramps) stands in for "learned little" in
# the model's size evidence and, over a flat end, is a signature: a good level is then still
# a problem.
REFERENCE_SIGNATURE = 0.5
# A loss creeping toward a linear fit the model can compute (learning_rate_too_low's
# creeping_toward_its_linear_fit) crawls when, at its pace over the interval, it would
# need this many times the steps run so far to get there (weak, strong): one that would
# get there in a few more runs' worth is still training.
CRAWL = (3.0, 6.0)
# The variance of n probe targets misses the data's by sqrt(2 / (n - 1)) of itself (one
# standard error; 18% for 64 examples): "no better than a constant" allows this many.
BASELINE_SAMPLE_ERRORS = 2.0
# Fewer training examples than this many per trainable parameter: the model can fit what the
# data holds, so its size is not what limits the loss (a logistic regression on 96 rows).
EXAMPLES_PER_PARAMETER = 20
# A hashing or lookup layer that folds at least this many times more ids than it has bins
# merges unrelated categories into one (a bottleneck the rest of the model cannot undo).
IDS_PER_BIN = 4.0
# A GaussianNoise layer on the inputs: its stddev over the features' median spread (1: as
# much noise as signal; 10: the signal is lost).
INPUT_NOISE_OVER_SPREAD = (1.0, 10.0)
# ...and, where the model settled far above what the probe's reference fits reach (in
# inference mode: the noise off), this ramp of the same ratio: Keras 3 refuses a stddev above
# 1, so on standardised features the heaviest noise it takes is as large as the signal, and
# the ramp above never starts there. Half the features' spread is heavy augmentation that
# still trains (0.7 on standardised features, a healthy run); as much as the spread halves
# the share of the inputs' variance that is signal.
INPUT_NOISE_BESIDE_REFERENCE = (0.5, 1.0)
# Models this small (trainable parameters) have little room; a 2-16-1 MLP has ~65.
SMALL_MODEL_PARAMS = (200, 20)
# The strongest piece of evidence about the model must reach this for its size to be named:
# a model just under SMALL_MODEL_PARAMS's weak end (161 parameters for a target a logistic
# regression fits) is no evidence; by size alone it takes ~100 parameters or fewer.
CAPACITY_EVIDENCE_MIN = 0.15
# A hidden layer this narrow squeezes every example through a one- or two-number code: a
# bottleneck no amount of training widens.
BOTTLENECK_UNITS = 2
# A layer that reads a few positions of a sequence (measurements.few_positions_read: x[:, 0]
# of a forward LSTM, the [CLS] habit without attention before it) limits the model when
# what reaches those positions covers at most this share of the input: a forward
# recurrence's first state has seen one position, two kernel-3 convolutions five.
ONE_POSITION_REACH = 0.25
# Only over inputs this long: the items of a pair or a triplet (a siamese model reading
# t[:, 0] and t[:, 1]) are not a sequence summarised by one position.
ONE_POSITION_MIN_LENGTH = 8
# A weightless downsampling before the first learned layer that leaves this few positions
# (a 4 x 4 image) out of at least this many times more has thrown the input's detail away.
SHRUNK_INPUT_POSITIONS = 16
SHRUNK_INPUT_FACTOR = 4

# Over-regularisation: L2 factors of ~1e-4 are usual (Keras examples, ResNet's 1e-4
# weight decay); 1e-2 is heavy, 1e-1 and above swamps the data term for typical weights.
L2_FACTOR = (1e-2, 1e-1)
# Dropout above 0.5 (Srivastava et al. 2014 recommend 0.5 for hidden units, 0.2 for
# inputs) drops most of the signal.
DROPOUT_RATE = (0.5, 0.8)
# A Dropout that drops whole examples (noise_shape with 1 on every axis): a fifth of the
# batch losing a layer's whole output is already heavy, a half leaves every step to guess.
EXAMPLE_DROPOUT_RATE = (0.05, 0.3)
# The loss's label_smoothing: 0.1 is the usual choice; at 1 the targets are uniform.
# A MaxNorm constraint's max_value (weak, strong): Srivastava et al. (2014) use 3-4 with
# dropout; under 1 every unit's weights are held small, at 0.1 the layer can barely respond.
MAX_NORM_VALUE = (1.0, 0.1)
# An SGD-type optimizer's clipnorm / global_clipnorm as a share of the gradients' norm
# (weak, strong): clipping at a tenth of it shortens every step 10x; at 1/1000 training
# crawls as if the learning rate were 1000x smaller.
CLIP_SHARE = (0.1, 0.001)
LABEL_SMOOTHING = (0.3, 0.9)
# Weight norms shrinking by this fraction over the interval point to decay winning.
WEIGHT_SHRINK = (0.3, 0.7)
# Optimizer weight decay (Keras 3 `weight_decay` on AdamW/Adam/SGD/...; decoupled,
# Loshchilov & Hutter 2019): every step multiplies the weights by (1 - lr x weight_decay).
# AdamW's usual lr 1e-3 x wd 1e-2..1e-1 shrinks by 1e-5..1e-4 per step, which the data
# term easily balances. At 1e-3 per step decay halves an unopposed weight in ~700 steps,
# within one short training; at 1e-2 per step in 70 steps: it wins against any data term.
WEIGHT_DECAY_PER_STEP = (1e-3, 1e-2)

# Initialisation: a kernel's scale (stddev x sqrt(fan_in)) that keeps signal variance is ~1
# (He et al. 2015: sqrt(2) for ReLU; Glorot & Bengio 2010: 1 for tanh). Two decades off
# either way is poor initialisation.
# VarianceScaling's scale (the squared gain) within which it is a standard scheme (LeCun 1,
# He 2, Glorot-like 1 with fan_avg, SELU's 1).
STANDARD_VARIANCE_SCALE = (0.5, 4.0)
# Biases and normalisation shifts that start at 0 within this, scales at 1 within this.
STANDARD_SHIFT = 0.1
STANDARD_SCALE = (0.5, 2.0)
# The activations' spread falling through the hidden layers at the first logged step, with
# standard initialisers (measurements.first_step_signal_collapse): decades (weak, strong).
# Glorot/He keep it within a few x over a deep stack; an activation that crushes small
# inputs (x - tanh x ~ x^3 / 3, a hard threshold) loses it geometrically, and the gradient
# coming back with it. A layer whose spread is 0 counts as this floor times the first's.
SIGNAL_COLLAPSE_DECADES = (2.0, 4.0)
SIGNAL_COLLAPSE_FLOOR = 1e-8
# Layers whose weight norms agree to this relative tolerance at every one of at least
# COPIES_MIN_STEPS logged steps, having moved by more than COPIES_MOVED of their size, are
# copies of each other (float32 norms of different weights differ far above 1e-6).
COPIES_RTOL = 1e-6
COPIES_MIN_STEPS = 3
COPIES_MOVED = 1e-3
# A loss whose last quarter, over the later half of the run up to an interval's end, sits
# this share below its first (its second half below its first too) is still falling: what
# its start did has not stopped it.
STILL_FALLING = 0.05
INIT_GAIN_HIGH = (10.0, 100.0)
# A loss that came back to a stall's level in one step (measurements.relapse): the medians of
# this many points before the step and after it sit at either end of the way back.
RELAPSE_POINTS = 5
# ... and the level it came back to is this many times the one it had fallen to or more: a
# healthy run's bumps (a schedule's restart, a noisy plateau) stay well under it.
RELAPSE_MIN_RISE = 1.3
# A hidden kernel drawn around zero at this gain over He/Glorot, weak to strong, explains
# the saturation of units already saturated at the first logged step (init_pinned_the_units):
# at gain 3 a tanh unit's pre-activation spreads over +-3 for unit-scale inputs, past the
# slope for most examples; the measured saturation is the proof, the gain the reason.
INIT_GAIN_SATURATING = (3.0, 10.0)
# A normalization layer's scale started at this constant, weak to strong, spreads its
# outputs over +-that many standard deviations: a tanh after it sits past its slope
# (|z| > 2.6) for 38% of them at 3, 66% at 6.
NORM_SCALE_SATURATING = (3.0, 6.0)
# A deep stack (measurements.deep_start_exploded): this many hidden layers or more whose
# random kernels are drawn at a stated scale. Shallower stacks too wide at the start saturate
# or grow their units (held-out labels: saturation); deeper ones compound the gain into the
# backward signal, which is what their writers saw and named (exploding gradients).
DEEP_STACK_LAYERS = 6
# ... and the growth of the gradient norm from the output layer back to the first at the
# first diagnostic, before any update, from which it shows: He/Glorot keep it within a few x.
FIRST_GRAD_GROWTH = 10.0
INIT_GAIN_LOW = (1e-2, 1e-4)
# A hidden kernel whose first logged weights are this many times smaller (in gain) than its
# initializer's config draws did not start from that initializer: it was
# set after the layer was built (set_weights, assign, loaded weights). Random draws of 16 or
# more weights keep their norm within a few tens of percent of what the config says, and
# the first update moves it by at most INIT_STARTED_MOVED of itself, or the logged norm is
# not read as the start.
INIT_STARTED_OFF = 5.0
INIT_STARTED_MOVED = 0.2
INIT_STARTED_MIN_WEIGHTS = 16
# A random initializer whose mean is this many times its spread gives every unit nearly the
# same weights: the symmetry a random init exists to break is barely broken.
INIT_MEAN_OVER_SPREAD = 3.0
# VarianceScaling's `scale` is the gain squared (variance = scale / fan): He uses 2,
# Glorot/LeCun 1. A scale of 20 is a per-layer gain ~3x He's, which compounds to 3^L
# through L layers; 1e3 (gain ~22x) overflows activations within a few layers.
INIT_VARIANCE_SCALE_HIGH = (20.0, 1e3)
# Too-large initial weights show on the first logged step as hidden-layer activation std
# growing layer by layer: with He/Glorot the std stays within a small factor across the
# stack (He et al. 2015, sec. 2.2), so a growth of 1e2 from the first hidden layer to the
# last is abnormal and 1e4 (or overflow to Inf) unmistakable.
INIT_ACTIVATION_GROWTH = (1e2, 1e4)
# Without an initializer config that confirms it, an exploding first step can also be an
# unnormalised residual stack or a recurrent gain: the first-step signals alone stay
# below ROOT_CAUSE_MIN (combined at most ~0.5), so they never demote exploding_gradients.
INIT_FIRST_STEP_ACTIVATION_WEIGHT = 0.35
INIT_FIRST_STEP_GRADIENT_WEIGHT = 0.25
# The first batch's loss (on the initial weights) over what a model outputting nothing would
# score (measurements.first_loss_ratio): standard initialisers start near it (outputs near
# zero); 10x and more means outputs far off from the first step: the starting weights (or
# biases) are far too large, when the inputs are not.
INIT_FIRST_LOSS_HIGH = (10.0, 100.0)
# Hidden biases started at this magnitude or more: far beyond a pre-activation's spread
# under standard kernels (~1 for standardised inputs), every ReLU unit whose bias dwarfs its
# input is on for every example (a positive bias: the layer starts linear) and a squashing
# unit is pinned in its flat tail. Zeros are the standard; 0.01-0.1 "to keep ReLUs alive"
# is harmless.
INIT_BIAS_LARGE = (1.0, 5.0)
# An LSTM's forget gates starting this open on average (sigmoid of their biases; weak,
# strong): unit_forget_bias=True (the Keras default, Jozefowicz et al. 2015) starts them at
# 0.73, zero biases at 0.5; under 0.5 the cell starts forgetting faster than a plain start.
LSTM_FORGET_OPEN = (0.45, 0.2)
# A regression output's starting bias this many of the targets' standard deviations from
# their mean: every starting prediction is that far off (a zero bias starts within about one;
# a bias set to the targets' mean, the usual head start, at 0).
INIT_OUTPUT_OFFSET = (10.0, 100.0)

# A cross-entropy on logits at most this factor above the best loss its logits' range
# allows (the range widening by no more than this factor inside the interval) sits at that
# floor (loss_activation_mismatch.bounded_logits); the floor then matters from this share of
# the constant-prediction loss up (below it, the bound is no limit worth a stall).
BOUNDED_LOGITS_AT_FLOOR = 1.25
# The largest |target| a regression's unit-vector predictions (a UnitNormalization head)
# are compared with (weak, strong): each component of a unit vector is at most 1 in size.
UNIT_NORM_TARGET_REACH = (1.2, 2.0)
# Mean absolute error through a softmax over this many classes (weak to strong): its gradient
# at the start is about K^2 / 2 times cross-entropy's (Zhang & Sabuncu 2018: MAE underfits
# with many classes, trains with a few).
MAE_SOFTMAX_CLASSES = (4.0, 16.0)
BOUNDED_LOGITS_FLOOR = (0.1, 0.4)

# The training batches' loss over the probe's loss in inference mode: dropout at 0.5 keeps
# them within ~1.5x; a model that fits held-out examples several times better than the
# batches it trains on is held back by what acts only in training.
TRAIN_OVER_INFERENCE_LOSS = (2.0, 5.0)
# A model whose loss on the probe, in inference mode, is this share of the probe's
# constant-prediction loss or less has learned what a constant cannot on those examples:
# its training loss near the baseline does not by itself make a stall (report.py).
PROBE_BEATS_CONSTANT = 0.8
# ...only where that baseline, measured on the probe's few examples, is uncertain by this
# share of itself or more (one standard error: baseline.relative_standard_error): 0 for
# balanced classes, ~0.18 for a variance over 64 targets, ~0.26 for a 89/8/3 prior.
PROBE_BASELINE_UNCERTAIN = 0.1
# Where the loss has no formula baseline: a model whose last probe loss is this share of the
# best constant's (measured on the same examples: plateau/constant_fit) below it, or more,
# has learned what a constant cannot (measurements._probe_beats_measured_constant).
PROBE_BEATS_MEASURED_CONSTANT = 0.1
# How many of a run's first loss values tell where it began (intervals.start_level).
START_POINTS = 5
# A softmax output compared with targets whose rows sum this far from 1 (on average over the
# probe): one-hot labels and distributions sum to exactly 1.
SOFTMAX_ROW_SUM_OFF = (0.1, 0.5)

# Regression targets whose scale (max of |mean| and std) is this large make the MSE
# gradient (proportional to the error, ~ the targets at the start) that many times larger
# than with standardised targets: 1e2 is already outside what default initialisers and
# learning rates assume, 1e4 (prices, counts) blows up SGD at any usual learning rate.
TARGET_SCALE = (1e2, 1e4)
# The same scale as what makes a plain gradient step (SGD, momentum) large at a normal
# learning rate: at 10 a step is 10 x a standardised target's, at 100 the rate in effect is
# 100 x the one set (learning_rate_implicated's alternative).
TARGET_SCALE_STEPS = (10.0, 1e2)
# fit's class or sample weights averaging this much over the examples (measurements.
# loss_weight_scale) multiply the loss, its gradient and a plain gradient step by it: the
# same reading as the targets' scale (balanced weights average 1; class counts typed for
# their inverse, or raw counts passed as sample_weight, hundreds).
LOSS_WEIGHT_STEPS = (10.0, 1e2)
# A diverged loss that rose this many times above its start within the run, before NaN,
# blew up; with a learning rate that is normal for the optimizer the gradients did it.
LOSS_BLOW_UP = (1e2, 1e6)

# Causal ranking (ranking.py). A cause upstream of another (the causes' `precedence`) is
# ranked before it when their confidences are within this margin: the measured signals
# rarely separate a cause from its own consequence by more than their own noise.
TIE_MARGIN = 0.05
# A cause at least this sure ranks before the symptoms it declares (`upstream_of`).
ROOT_CAUSE_MIN = 0.6

# Loss swings are told from batch noise by comparing the medians of an interval's tenths
# with their noise, which needs a few points per tenth; shorter (per-epoch) series are
# judged on their points.
VOLATILITY_MIN_POINTS = 50

# Causes below this (uncalibrated) confidence are not judged at all.
MIN_CONFIDENCE = 0.05
# A flat end at a good loss is still reported as a problem when a detector whose
# signature healthy convergence cannot produce is this sure.
OVERRIDE_CONFIDENCE = 0.6
# Causes listed per interval.
MAX_CAUSES = 5


def ramp(value, weak, strong):
    """0 at `weak`, 1 at `strong`, linear in log10 between when both are positive ratios.

    Works in either direction (strong < weak for "too small" signals). NaN -> 0.
    """
    if value is None or not math.isfinite(value):
        return 0.0
    if weak > 0 and strong > 0:
        if value <= 0:
            return 1.0 if strong < weak else 0.0
        value, weak, strong = math.log10(value), math.log10(weak), math.log10(strong)
    t = (value - weak) / (strong - weak)
    return float(min(1.0, max(0.0, t)))


# ---------------------------------------------------------------------------------------
# Verdict (report.py, docs/report.md "Verdicts")
# ---------------------------------------------------------------------------------------

# A stall is a problem by its level alone when it sits within SIGNATURE_TOLERANCE of the
# constant-prediction loss (or, with no baseline known, of the run's initial loss): the
# model has learned nothing a constant does not know. Anything lower may be all the data
# allows (label noise, target noise, a rare class); it is a problem only with positive
# evidence from a cause (a finding of at least OVERRIDE_CONFIDENCE not judged from the level).
NEAR_BASELINE_FRACTION = 1.0 - SIGNATURE_TOLERANCE
# A stall "ended" when the loss after it fell at least this fraction below the stall's level
# (twice the progress that still counts as flat inside an interval, MAX_INTERVAL_PROGRESS)
# and beyond the stall's own noise: e.g. after a scheduled learning-rate drop.
RESUME_MIN_DROP = 2 * MAX_INTERVAL_PROGRESS
# A run's second half that cut its loss by this fraction of its level (four times what still
# counts as flat inside an interval) is still learning: without a signature, a symptom seen
# there (part of a layer's units dead) does not make it a problem.
STILL_LEARNING_GAIN = 4 * MAX_INTERVAL_PROGRESS
# ...and what ended it was the learning rate when it changed by at least this factor between
# the stall and the resumption (step schedules change it by 2-10x; ReduceLROnPlateau by
# factor 0.1-0.5).
LR_CHANGE_FACTOR = 2.0
# Loss oscillation counts as overshooting only for a loss above this share of the
# constant-prediction loss (weak, strong): below 5% of it the model has fit the data, and
# its loss's swings relative to so small a level are between good fits.
OSCILLATION_LEVEL = (0.05, 0.2)
# An LSTM or GRU whose bias_initializer starts every bias at a constant this large (weak,
# strong) starts its gates at sigmoid(3) = 0.95 to sigmoid(5) = 0.993 and its candidate's
# tanh at 0.995 to 0.9999: their flat ends (Keras starts the biases at 0, an LSTM's forget
# gate at 1).
RECURRENT_BIAS_SATURATING = (3.0, 5.0)
# A loss's relative spread around its trend (learning_rate_too_high.loss_volatility) from
# which it oscillates, weak to strong: below the first it descends steadily.
LOSS_SWINGS = (0.1, 0.5)

# ---------------------------------------------------------------------------------------
# Confidence shown to the user (report.py, benchmarks/calibration.py)
# ---------------------------------------------------------------------------------------

# A heuristic finding never shows more than this; only definitional evidence (NaN/Inf
# observed in the loss, the inputs or the targets) may show 100%.
MAX_HEURISTIC_CONFIDENCE = 0.95
# Listed causes are at least this sure (after calibration); below it a cause is more likely
# wrong than right four times out of five, and padding the list with it only misleads.
CAUSE_FLOOR = 0.2
# The interval's first cause is its best guess, not padding: it is listed from this
# confidence on, so a stall whose best candidate was right about one time in eight on fresh
# trainings still names it, at that confidence, rather than nothing. Under it (a first cause
# scored under OVERRIDE_CONFIDENCE shows at most its score) the evidence is too thin to name
# anything. (It was the lowest step of the map fitted on the thirty-one sets before
# holdout39, where a first cause scored under 0.37 was right one time in eight.)
FIRST_CAUSE_FLOOR = 0.125
# Two causes that cannot both hold for one interval (a learning rate too high and too low):
# only the more confident one is listed (each cause module declares its `contradicts`).

# The calibration maps from a detector's noisy-OR score to the confidence shown: step
# functions, each step (lowest score, share of the causes scored in it that were right).
# Fitted by `benchmarks/calibration.py --fit-fresh` (isotonic, each step pooling at least 10
# causes) on what each engine said about the held-out set it was scored on once, before
# that set was read (CALIBRATION_FITTED_ON: set and engine commit). On the catalogues it has
# studied the engine is right far more often (its first cause 99% of the time): a map
# fitted there promises users more than fresh trainings bear out. The first-listed cause
# and the ones under it get their own maps: at the same score a cause listed under a more
# confident one (often its own symptom) was right far less often.
#
# Only the last ten pairs (holdout123..142, 539 causes, uncalibrated ECE 0.183; each set
# as the engine that scored it once listed it: eef8853 for holdout123..126, 5705efd for
# 127..130, a5bf9b7 for 131..134, 9eb6d69 for 135..138, ff4aab2 for 139..142): the engine
# drifts as it improves. Its first causes went from right 76% of the time on holdout7..20
# to 90% on holdout107..126 (197 of 218) and 96% here (217 of 227), and the causes under
# them from 46% (scored 0.6 and up) to 5 right in 312 here: under this map a second cause
# is never listed (its share stays under CAUSE_FLOOR at every score). The map before this
# one, fitted on holdout107..126, showed the four sets scored after it 0.052, 0.052, 0.092
# and 0.106 (holdout127..142): too timid for the first causes (those shown 0.8-0.95 were all
# right on holdout139..142) and too sure of second ones (right one time in five at 0.54). A
# map fitted on every fresh set before each of seven pairs showed those pairs an ECE of
# 0.090 (224 causes, pooled); one fitted on the twenty sets before each, 0.064 (windows of
# twelve to twenty-four sets: 0.053-0.067).
CALIBRATION_FITTED_ON = tuple(("holdout%d" % n, commit) for commit, sets in (
    ("eef8853", range(123, 127)), ("5705efd", range(127, 131)), ("a5bf9b7", range(131, 135)),
    ("9eb6d69", range(135, 139)), ("ff4aab2", range(139, 143))) for n in sets)
CALIBRATION_FIRST = ((0.000, 0.529), (0.769, 0.966), (0.987, 1.000))
CALIBRATION_OTHERS = ((0.000, 0.000), (0.068, 0.006), (0.300, 0.028))


def calibrate(score, first=True):
    """The confidence shown for a detector score; `first`: the cause is listed first for its
    interval. Monotone in the score within each group, so the ranking is unchanged.

    A first cause scored under OVERRIDE_CONFIDENCE (too weak to make a stall a problem on
    its own) is never shown above its score: the fit has almost no such causes to vouch
    for it."""
    knots = CALIBRATION_FIRST if first else CALIBRATION_OTHERS
    value = knots[0][1]
    for lowest, share in knots:
        if score >= lowest:
            value = share
    if first and score < OVERRIDE_CONFIDENCE:
        value = min(value, score)
    return value
