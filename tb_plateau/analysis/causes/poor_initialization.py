"""Poor initialization: the starting weights keep the network from learning."""

import math

import numpy as np

from tb_plateau import metadata as M
from tb_plateau.analysis import baseline as baseline_mod
from tb_plateau.analysis import thresholds as T
from tb_plateau.analysis.causes.base import Cause, Explains
from tb_plateau.analysis.causes.loss_activation_mismatch import loss_names
from tb_plateau.analysis.causes.vanishing_gradients import slope_decades
from tb_plateau.analysis.context import fmt
from tb_plateau.analysis.measurements import GAIN_SCALED, initializer_start
from tb_plateau.analysis.thresholds import ramp


def initializer_text(cls, spread, mean, gain):
    """How the report names a kernel initializer by its scale: 'Orthogonal(gain 0.01)',
    'RandomNormal(stddev 0.001)', 'RandomUniform(mean 0.1, stddev 0.05)'."""
    if cls.lower().replace("_", "") in GAIN_SCALED:
        return "%s(gain %s)" % (cls, fmt(gain))
    shifted = mean is not None and abs(mean) > abs(spread)
    return "%s(%sstddev %s)" % (cls, "mean %s, " % fmt(mean) if shifted else "", fmt(spread))


def grads_only_in_last_layer(profile):
    g = profile["grad"]
    if len(g) < 2 or not np.all(np.isfinite(g)):
        return False
    return bool(np.all(g[:-1] <= T.GRAD_ZERO) and g[-1] > T.GRAD_ZERO)


def histogram_spread(buckets):
    """Std of the values in one TensorBoard histogram ([k, 3]: left, right, count), or None
    when it holds fewer than two values."""
    if buckets.ndim != 2 or buckets.shape[1] != 3:
        return None
    counts = buckets[:, 2]
    total = counts.sum()
    if not total >= 2:
        return None
    centers = (buckets[:, 0] + buckets[:, 1]) / 2
    mean = (centers * counts).sum() / total
    return float(np.sqrt(max(0.0, (counts * (centers - mean) ** 2).sum() / total)))


def first_step_activation_growth(ctx):
    """(growth of the activation std from the first hidden layer to the last one at the run's
    first logged step, first layer's name, last layer's name); Inf when it overflowed;
    None with fewer than two hidden layers or no activation statistics."""
    std = ctx.first_step_hidden("std")
    if std is None:
        return None
    names = ctx.names(M.ACTIVATION)
    idx = [i for i in range(len(std)) if not np.isnan(std[i])]
    if len(idx) < 2 or not np.isfinite(std[idx[0]]) or not std[idx[0]] > 0:
        return None
    first, last = idx[0], idx[-1]
    peak = int(idx[int(np.argmax([std[i] for i in idx]))])
    growth = float(std[peak] / std[first]) if np.isfinite(std[peak]) else math.inf
    return growth, names[first], names[peak if peak != first else last]


SET_AFTER_BUILD = "they were set after the layers were built (set_weights, assign, loaded weights)"


def started_text(ctx, name, cls):
    """How the report names a hidden kernel whose first logged weights are not what its
    initializer draws (measurements.started_kernel_gains), or None for one that is."""
    started = ctx.started_kernel_gains().get(name)
    if started is None:
        return None
    gain, expected, norm = started
    if expected is None:
        return "%s's have gain %s x (norm %s), from %s, an initializer of your own" % (
            name, fmt(gain), fmt(norm), cls)
    return "%s's have gain %s x (norm %s), where its %s draws %s x" % (
        name, fmt(gain), fmt(norm), cls, fmt(expected))


def set_after_build(ctx, names):
    """Whether any of these layers' first logged weights differ from what a Keras
    initializer of theirs draws (not an initializer of the user's own, whose scale only
    the weights tell): then they were set after the layers were built."""
    started = ctx.started_kernel_gains()
    return any(started.get(n) is not None and started[n][1] is not None for n in names)


def initializer_scale(ctx, f):
    """Add the evidence of a random initialiser at the wrong scale for its fan-in (He and
    Glorot keep the gain ~1); how strongly (0..1) the config says the weights are too large."""
    for name, cls, cfg in ctx.hidden_kernel_initializers():
        scale = cfg.get("scale")
        if "variancescaling" in cls.lower().replace("_", "") and \
                isinstance(scale, (int, float)) and scale > 0:
            # variance = scale / fan: the scale itself is the squared gain.
            high = ramp(scale, *T.INIT_VARIANCE_SCALE_HIGH)
            if high > 0:
                f.add(0.7 * high, "%s initialised with VarianceScaling(scale=%s): %s x the "
                      "variance He initialisation uses (scale 2)"
                      % (name, fmt(scale), fmt(scale / 2.0)), layers=[name], value=scale)
                return high
    gains = ctx.kernel_gains()
    compounded = ctx.initial_signal_gain()
    for name, cls, spread, mean, gain, _, _ in gains:
        high = ramp(gain, *T.INIT_GAIN_HIGH)
        low = ramp(gain, *T.INIT_GAIN_LOW)
        if high > 0 or low > 0:
            # A nonzero mean (RandomNormal(mean=...), a uniform range not centred on 0)
            # adds to every weight's size: its root mean square is what scales the signal.
            started = started_text(ctx, name, cls)
            text = "%s initialised with %s: gain %s x (He/Glorot ~1)" % (
                name, initializer_text(cls, spread, mean, gain), fmt(gain)) if started is None \
                else "the weights at the first logged step are not what the initialisers " \
                "draw: %s; %s" % (started, SET_AFTER_BUILD) if set_after_build(ctx, [name]) \
                else "the weights at the first logged step: %s" % started
            strength = max(high, low)
            if low > 0 and compounded is not None:
                # Each small layer shrinks what the next one gets: over the stack together.
                whole = ramp(compounded, *T.INIT_GAIN_LOW)
                if whole > strength:
                    strength = whole
                    text += "; over %d such layers the signal shrinks %s x" % (
                        len(gains), fmt(compounded))
            f.add(0.6 * strength, text, layers=[name], value=gain)
            return high
    # No layer far off alone, but together: five layers of gain 6 grow the signal 10^3 x.
    if compounded is not None:
        high = ramp(compounded, *T.INIT_GAIN_HIGH)
        low = ramp(compounded, *T.INIT_GAIN_LOW)
        if high > 0 or low > 0:
            started = [started_text(ctx, g[0], g[1]) for g in gains]
            started = [t for t in started if t is not None]
            if started:
                after_build = set_after_build(ctx, [g[0] for g in gains])
                text = "the hidden kernels' weights at the first logged step scale the signal " \
                    "%s x over %d layers together (He/Glorot keep it ~1)%s: %s%s%s" % (
                        fmt(compounded), len(gains),
                        ", not what their initialisers draw" if after_build else "",
                        ", ".join(started[:2]), " ..." if len(started) > 2 else "",
                        "; " + SET_AFTER_BUILD if after_build else "")
            else:
                text = "the hidden kernels' initialisers (%s) scale the signal %s x over %d " \
                    "layers together (He/Glorot keep it ~1)" % (
                        initializer_text(*gains[0][1:5]), fmt(compounded), len(gains))
            f.add(0.6 * max(high, low), text, value=compounded)
            return high
    return 0.0


def signal_vanished_at_init(ctx):
    # Kernels that shrink the signal to nothing leave the last ReLU layers with inputs below
    # any bias the optimizer nudges: units at zero for every example are the start's doing.
    compounded = ctx.initial_signal_gain()
    return 1.0 if compounded is None else 1.0 - 0.8 * ramp(compounded, *T.INIT_GAIN_LOW)


def identity_kernels_starve(ctx):
    """(layer, its inputs, its units) of the first hidden ReLU-family layer whose kernel
    starts as an identity (kernel_initializer='identity', the IRNN trick for recurrent
    kernels) with more units than inputs and zero biases, else None. An identity of n x m
    (n < m) gives the first n units one input each and the other m - n exactly zero weights:
    their pre-activation is 0 for every example, where a ReLU's output and slope are both 0,
    so no gradient ever reaches them, and identity kernels after it pass those zeros on."""
    for layer in ctx.hidden_kernel_layers():
        init = layer.get("kernel_initializer")
        bias = layer.get("bias_initializer")
        shape = layer.get("input_shape")
        units = layer.get("units") or layer.get("filters")
        if not isinstance(init, dict) or \
                str(init.get("class") or "").lower().replace("_", "") not in ("identity", "eye"):
            continue
        if not str(layer.get("activation") or "").startswith("relu") or \
                (isinstance(bias, dict) and initializer_start(bias) != 0.0):
            continue
        fan_in = shape[-1] if isinstance(shape, list) and shape else None
        if isinstance(fan_in, int) and isinstance(units, int) and 0 < fan_in < units:
            return layer.get("name"), fan_in, units
    return None


def identity_start_killed_the_relus(ctx):
    """The share of the dead-ReLU evidence left when units dead from the first logged step
    sit behind identity kernels wider than their inputs (identity_kernels_starve): 0.4.
    They never had a weight to fire with; the initializer is what to fix."""
    if identity_kernels_starve(ctx) is None:
        return 1.0
    death = ctx.relu_death()
    return 0.4 if death and death["from_start"] else 1.0


def always_on_biases(ctx):
    """[(layer, bias)] of the hidden ReLU-family layers whose biases start at a constant (or
    a random initialiser's mean) of INIT_BIAS_LARGE[0] or more: each unit is on for every
    example whose pre-activation the bias dwarfs, so the layer starts linear. Negative
    biases (dead units) and squashing layers (saturation) are judged by their own causes."""
    out = []
    for layer in ctx.hidden_kernel_layers():
        if not str(layer.get("activation") or "").startswith("relu"):
            continue
        value = initializer_start(layer.get("bias_initializer"))
        if value is not None and value >= T.INIT_BIAS_LARGE[0]:
            out.append((layer.get("name"), value))
    return out


# Losses of the prediction's error on the target's own scale, besides MSE and MAE.
_ERROR_LOSSES = frozenset(("huber", "huber_loss", "log_cosh", "logcosh"))


def output_bias_offset(ctx):
    """(output layer, its starting bias, the targets' mean, how many of the targets'
    standard deviations that bias starts the predictions away from their mean) for a
    regression output (a linear output under MSE, MAE, Huber or log-cosh) whose bias starts at a
    constant, or None. The first logged predictions must confirm it (at least half the
    offset still there): the layers before can start far off too and cancel it."""
    names = loss_names(ctx.config)
    if (ctx.loss_kind not in ("mse", "mae") and not names & _ERROR_LOSSES) or \
            ctx.output_activation() not in (None, "linear"):
        return None
    out = ctx.output_layer()
    targets = ctx.targets()
    if out is None or targets is None or not targets["var"] > 0:
        return None
    value = initializer_start(out.get("bias_initializer"))
    spread = math.sqrt(targets["var"])
    if value is None or not math.isfinite(spread):
        return None
    distance = abs(value - targets["mean"]) / spread
    s = ctx.series(M.PREDICTIONS)
    cols = list(s.columns or []) if s is not None else []
    if s is None or len(s.steps) == 0 or s.values.ndim != 2 or "mean" not in cols:
        return None
    first = float(s.values[0, cols.index("mean")])
    if not math.isfinite(first) or abs(first - targets["mean"]) / spread < 0.5 * distance:
        return None
    return out.get("name"), value, targets["mean"], distance


def _bias_values(init, units):
    """The starting biases an output layer's bias initializer gives its `units` outputs as
    an array (a Constant's scalar repeated, or its per-unit values, also as Keras serialises
    a numpy array), or None when the initializer does not fix them."""
    if not isinstance(init, dict) or not isinstance(units, int) or units < 1:
        return None
    value = initializer_start(init)
    if value is not None:
        return np.full(units, value)
    cfg = init.get("config") if isinstance(init.get("config"), dict) else {}
    if str(init.get("class") or "").lower() != "constant":
        return None
    value = cfg.get("value")
    if isinstance(value, dict):  # {"class_name": "__numpy__", "config": {"value": [...]}}
        inner = value.get("config")
        value = inner.get("value") if isinstance(inner, dict) else None
    try:
        values = np.asarray(value, dtype=np.float64).ravel()
    except (TypeError, ValueError):
        return None
    if len(values) == 1:
        values = np.full(units, values[0])
    if len(values) != units or not np.all(np.isfinite(values)):
        return None
    return values


def output_bias_start_loss(ctx):
    """(output layer, the loss the classification output's starting biases alone score on
    the class frequencies, over what zero biases score there) for a softmax or sigmoid
    output (or logits under a from_logits cross-entropy) whose bias initializer fixes its
    starting values, or None. Zero biases (the Keras default) score 1 by definition, the
    uniform guess's ln K (ln 2 per sigmoid unit) however rare a class is, and log-priors
    less; biases set to counts instead of their logarithms put every prediction on one
    class with certainty and score hundreds of times that. The run's first batch loss must
    confirm it (INIT_FIRST_LOSS_HIGH's lower end): the layers before can cancel it."""
    if ctx.loss_kind not in ("ce", "bce") or not ctx.baseline or not ctx.baseline > 0:
        return None
    act = ctx.output_activation()
    if not (act in ("softmax", "sigmoid") or (act in (None, "linear") and ctx.from_logits())):
        return None
    out = ctx.output_layer()
    b = _bias_values(out.get("bias_initializer"), out.get("units")) if out else None
    if b is None:
        return None
    if ctx.loss_kind == "ce":
        freq = baseline_mod.class_frequencies(ctx.signals)
        if freq is None or len(freq) != len(b) or len(b) < 2:
            return None
        log_q = b - b.max() - np.log(np.sum(np.exp(b - b.max())))
        start = float(-(freq * log_q).sum())
        zero = math.log(len(b))
    else:
        targets = ctx.targets()
        p = targets["mean"] if targets is not None else None
        if p is None or not 0 <= p <= 1:
            return None
        # -log(sigmoid(b)) = softplus(-b), written so that no exponential overflows.
        start = float(np.mean(p * np.logaddexp(0, -b) + (1 - p) * np.logaddexp(0, b)))
        zero = math.log(2.0)
    ratio = start / zero
    first = ctx.first_loss_ratio()
    if first is None or first < T.INIT_FIRST_LOSS_HIGH[0]:
        return None
    return out.get("name"), ratio


def closed_forget_gates(ctx):
    """(LSTM layer, the mean starting forget-gate opening sigmoid(b_f)) of the LSTM whose
    forget gates start most closed, when its bias initializer fixes the biases (Keras's
    order: input, forget, cell, output gates, `units` each) and that mean is under
    LSTM_FORGET_OPEN's weak end, else None. unit_forget_bias=True (the Keras default)
    starts them at sigmoid(1) = 0.73; a cell whose gates start at 0.3 forgets within a few
    steps and the gradient back to earlier steps fades with it."""
    worst = None
    for layer in ctx.layers():
        settings = layer.get("settings") if isinstance(layer.get("settings"), dict) else {}
        # unit_forget_bias=True (the default) sets the forget gates' biases to 1 whatever
        # the initializer says; no bias, nothing to start closed.
        if str(layer.get("class") or "") != "LSTM" or not isinstance(layer.get("units"), int) \
                or settings.get("unit_forget_bias", True) is not False \
                or settings.get("use_bias") is False:
            continue
        units = layer["units"]
        b = _bias_values(layer.get("bias_initializer"), 4 * units)
        if b is None:
            continue
        forget = float(np.mean(1.0 / (1.0 + np.exp(-b[units:2 * units]))))
        if forget < T.LSTM_FORGET_OPEN[0] and (worst is None or forget < worst[1]):
            worst = (layer.get("name"), forget)
    return worst


# Class-name prefixes of Keras's own layers that end models.
_KERAS_LAYER_PREFIXES = (
    "Dense", "EinsumDense", "Conv", "SeparableConv", "DepthwiseConv", "Activation", "Softmax",
    "ReLU", "LeakyReLU", "PReLU", "ELU", "Dropout", "Flatten", "Reshape", "TimeDistributed",
    "Bidirectional", "LSTM", "GRU", "SimpleRNN", "RNN", "Global", "Lambda", "Normalization",
    "BatchNormalization", "LayerNormalization", "GroupNormalization", "UnitNormalization",
    "Rescaling", "Add", "Subtract", "Concatenate", "Multiply", "Average", "Maximum", "Minimum",
    "Dot", "Attention", "AdditiveAttention", "MultiHeadAttention", "GroupedQueryAttention",
    "Embedding", "Identity", "Permute", "RepeatVector", "Cropping", "ZeroPadding",
    "UpSampling", "MaxPooling", "AveragePooling", "SpectralNormalization", "InputLayer")


def flat_from_the_start(ctx):
    """(the predictions' spread across the probe's examples at the first diagnostic, at the
    interval's end, both relative to their scale) when the output started flat, the same
    for every example (spread FLAT_START or less of the mean predicted probability under a
    probability cross-entropy, of the targets' spread under MSE/MAE), and is still nearly so
    in a model that learned little (FLAT_STILL); else None. Something at the head holds the
    logits near zero from the start (a temperature started at the logit scale, a tiny last
    kernel): every gradient behind it is that much smaller. A zero-initialised head that
    trains leaves this at once. Only for a hand-written head (its class not a Keras layer's):
    behind a built-in one a flat start is the signal fading on its way there (a deep stack
    of squashing layers), judged as vanishing gradients or saturation."""
    if not ctx.learned_little():
        return None
    weighted = [l for l in ctx.layers() if (l.get("params") or 0) > 0]
    out = weighted[-1] if weighted else {}
    if not out.get("class") or str(out.get("class")).startswith(_KERAS_LAYER_PREFIXES):
        return None
    # The flatness must arise at the head: at the first diagnostic the gradient reaching the
    # hidden layers is not fading on its way back (a signal that faded through the stack
    # flattens the output too, behind any head, and starves the first layers).
    first = ctx.first_profile()
    if first is None or len(first["grad"]) < 2 or not np.all(np.isfinite(first["grad"])):
        return None
    g = first["grad"]
    if not g[-1] > 0 or np.min(g[:-1]) < T.FLAT_HEAD_GRAD_RATIO * g[-1]:
        return None
    s = ctx.series(M.PREDICTIONS)
    cols = list(s.columns or []) if s is not None else []
    if s is None or s.values.ndim != 2 or len(s.steps) < 2 or "std_across_batch" not in cols \
            or "mean" not in cols:
        return None
    _, rows = ctx.inside(M.PREDICTIONS)
    if rows is None or not len(rows):
        return None
    std, mean = cols.index("std_across_batch"), cols.index("mean")
    if ctx.loss_kind in ("ce", "bce") and ctx.from_logits() is False:
        scale_first, scale_now = abs(float(s.values[0, mean])), abs(float(rows[-1, mean]))
    elif ctx.loss_kind in ("mse", "mae") and ctx.targets() is not None:
        scale_first = scale_now = float(np.sqrt(max(ctx.targets()["var"], 0.0)))
    else:
        return None
    first, now = float(s.values[0, std]), float(rows[-1, std])
    if not all(np.isfinite(v) for v in (first, now, scale_first, scale_now)) or \
            not scale_first > 0 or not scale_now > 0:
        return None
    first, now = first / scale_first, now / scale_now
    if first <= T.FLAT_START and now <= T.FLAT_STILL:
        return first, now
    return None


def output_kernel_far_off(ctx):
    """(output layer, initializer class, stddev, gain, first-loss ratio, how strongly (0..1))
    when the output layer's kernel starts at a gain INIT_GAIN_HIGH beyond Glorot's and the
    first batch's loss, on those weights, is at least INIT_FIRST_LOSS_HIGH[0] times what a
    model outputting nothing scores: the starting outputs are huge, else None."""
    gain = ctx.output_kernel_gain()
    # A loss still falling steadily has not stopped where the start left it.
    if gain is None or ctx.loss_still_falling():
        return None
    name, cls, spread, _, value = gain
    high = ramp(value, *T.INIT_GAIN_HIGH)
    ratio = ctx.first_loss_ratio()
    if high <= 0 or ratio is None or ratio < T.INIT_FIRST_LOSS_HIGH[0]:
        return None
    return name, cls, spread, value, ratio, high


def seeded_initializers(ctx, names):
    """Whether any of these layers' kernel initializers was given a seed."""
    for layer in ctx.layers():
        init = layer.get("kernel_initializer")
        if layer.get("name") in names and isinstance(init, dict) and \
                isinstance(init.get("config"), dict) and init["config"].get("seed") is not None:
            return True
    return False


def start_far_off_at_a_sane_rate(ctx):
    """How far (0..1) the output's starting weights put the predictions off: a regression
    bias many target deviations away (output_bias_offset), classification biases that
    alone score many times the constant-prediction loss (output_bias_start_loss), or an
    output kernel started far too large (output_kernel_far_off), the kernel's part only as
    far as the learning rate is not high for its optimizer: at SGD(5) the rate stalls the
    run whatever the head's start (the same head trains under a sane rate), while a bias
    many deviations off is off at any rate."""
    offset = output_bias_offset(ctx)
    start = output_bias_start_loss(ctx)
    kernel = output_kernel_far_off(ctx)
    lr_high, _ = ctx.learning_rate_band()
    return max(ramp(offset[3], *T.INIT_OUTPUT_OFFSET) if offset is not None else 0.0,
               ramp(start[1], *T.INIT_FIRST_LOSS_HIGH) if start is not None else 0.0,
               kernel[5] * (1.0 - lr_high) if kernel is not None else 0.0)


def predictions_start_far_off(ctx):
    # Predictions that start hundreds of target deviations off make a loss far above the
    # constant's and huge steps at any learning rate: the start's doing, not the rate's.
    return 1.0 - 0.8 * start_far_off_at_a_sane_rate(ctx)


def one_signed_start_at_a_sane_rate(ctx):
    """How much (0..1) of a run's large early steps and dead units a one-signed start
    accounts for: kernels whose units all started computing nearly the same thing
    (one_signed_started_kernels) grow the signal coherently layer by layer, so the first
    gradients are huge and the units die together, as far as the learning rate is not high
    for its optimizer (at a high rate the rate does that whatever the start)."""
    if not ctx.one_signed_started_kernels():
        return 0.0
    lr_high, _ = ctx.learning_rate_band()
    return 1.0 - lr_high


def one_signed_start_explains(ctx):
    # The dead units and the large early updates are the one-signed start's symptoms: its
    # huge first gradients, not the rate.
    return 1.0 - 0.8 * one_signed_start_at_a_sane_rate(ctx)


def far_start_killed_the_relus(ctx):
    # ReLU units alive at the start and killed by the huge gradients of predictions that
    # started far off: the dead units are the start's symptom.
    killed, _ = ctx.killed_by_large_steps()
    return 1.0 - 0.8 * start_far_off_at_a_sane_rate(ctx) if killed > 0 else 1.0


def zero_scale_layers(ctx):
    """The normalization layers whose scale starts at exactly 0 (gamma_initializer 'zeros'
    or Constant(0)): each outputs its shift (beta) for every example."""
    return [str(layer.get("name")) for layer in ctx.layers()
            if initializer_start(layer.get("gamma_initializer"), random_mean=False) == 0.0]


def silenced_by_zero_scales(ctx):
    """The zero-scale layers (zero_scale_layers) when, at the run's first diagnostic, no
    hidden layer gets any gradient: no path skips around them, so the layers after them see
    a constant and nothing flows back past them. [] otherwise (a residual branch ending in
    a zero scale, the Fixup/SkipInit trick, leaves the skip path carrying both)."""
    zeroed = zero_scale_layers(ctx)
    prof = ctx.first_profile() if zeroed else None
    return zeroed if prof is not None and grads_only_in_last_layer(prof) else []


class PoorInitialization(Cause):
    id = "poor_initialization"
    title = "Poor initialization"
    # The starting weights come before the optimizer's step size.
    precedence = 40
    # Weights at the wrong scale shrink or grow the signal layer by layer.
    upstream_of = ("vanishing_gradients", "exploding_gradients", "saturated_activations")
    explains = (Explains("dead_relus", signal_vanished_at_init),
                Explains("dead_relus", identity_start_killed_the_relus),
                Explains("dead_relus", far_start_killed_the_relus),
                Explains("dead_relus", one_signed_start_explains),
                Explains("learning_rate_too_high", predictions_start_far_off),
                Explains("learning_rate_too_high", one_signed_start_explains))

    def examine(self, ctx, f):
        const = ctx.constant_initialized_layers()
        if const:
            _, cls, moments = const[0]
            names = [n for n, _, _ in const[:4]]
            f.add(0.85, "hidden kernels initialised with %s (%s): all units start (nearly) "
                  "identical and stay symmetric"
                  % (cls if moments is None else "%s(mean %s, spread %s)"
                     % (cls, fmt(moments[0]), fmt(moments[1])), ", ".join(map(str, names))),
                  layers=names)
            symmetric = ctx.symmetric_layers()
            if symmetric:
                name, units, after = symmetric[0]
                f.add(0.85, "%s's kernel and bias start constant and so does the kernel of %s "
                      "after it: each of %s's %d units computes the same output and gets the "
                      "same gradient back, so they stay exact copies for the whole run, %d "
                      "units doing the work of one" % (name, after, name, units, units),
                      layers=[name, after], value=units)
                # Exact, whatever the loss reached: no healthy training keeps a layer's
                # units identical (nothing in the run can break the tie).
                f.signature = True
        one_signed = ctx.one_signed_started_kernels()
        if one_signed and not const:
            name, mean, spread, ratio = max(one_signed, key=lambda k: k[3])
            f.add(0.5 + 0.35 * ramp(ratio, T.INIT_MEAN_OVER_SPREAD, 10 * T.INIT_MEAN_OVER_SPREAD),
                  "%s's weights started with mean %s and spread %s (logged at the first step): "
                  "on its inputs every unit computes nearly the same thing, the part all units "
                  "share %s x each unit's own; a zero-centred draw gives a mean of ~0"
                  % (name, fmt(mean), fmt(spread), fmt(ratio)), signal=M.WEIGHT_MEAN,
                  layers=[n for n, _, _, _ in one_signed[:4]], value=ratio)
        copies = ctx.copied_layers()
        if copies:
            group = copies[0]
            f.add(0.85, "%d layers (%s) hold the same weights at every logged step: they "
                  "started as copies of each other, get identical gradients and stay copies, "
                  "so together they do no more than one of them"
                  % (len(group), ", ".join(group[:4]) + (" ..." if len(group) > 4 else "")),
                  signal=M.WEIGHT_NORM, layers=group[:4])
            # Healthy training never keeps separate layers identical: part of the model
            # is unused whatever the loss reached.
            f.signature = True
        config_says_large = initializer_scale(ctx, f)
        biased = always_on_biases(ctx)
        bias = max(b for _, b in biased) if biased else None
        if biased:
            names = [n for n, _ in biased]
            f.add(0.6 * ramp(bias, *T.INIT_BIAS_LARGE),
                  "%s start%s with biases of %s: a ReLU unit whose bias dwarfs its input is on "
                  "for every example, so the layers start (nearly) linear (biases start at 0; "
                  "0.01-0.1 at most)"
                  % (", ".join(map(str, names[:4])), "s" if len(names) == 1 else "",
                     fmt(bias)), layers=names[:4], value=bias)
            config_says_large = max(config_says_large, ramp(bias, *T.INIT_BIAS_LARGE))
        # A regression output whose bias starts far from the targets (a mean taken in the
        # raw units of a target trained standardised, a copied constant): every starting
        # prediction is off by that much, and the huge errors make huge gradients.
        offset = output_bias_offset(ctx)
        far_bias = ramp(offset[3], *T.INIT_OUTPUT_OFFSET) if offset is not None else 0.0
        if far_bias > 0:
            name, value, mean, distance = offset
            f.add(0.85 * far_bias,
                  "the output layer %s starts with bias %s, %s standard deviations of the "
                  "targets from their mean (%s): every starting prediction is that far off, "
                  "and the first predictions confirm it" % (name, fmt(value), fmt(distance),
                                                            fmt(mean)),
                  signal=M.PREDICTIONS, layers=[name], steps=(ctx.first_step, ctx.first_step),
                  value=distance)
            config_says_large = max(config_says_large, far_bias)
        # The same for a classification output: biases that alone score far above the
        # constant prediction (counts where log-priors were meant).
        start = output_bias_start_loss(ctx)
        far_logits = ramp(start[1], *T.INIT_FIRST_LOSS_HIGH) if start is not None else 0.0
        if far_logits > 0:
            f.add(0.85 * far_logits,
                  "the output layer %s starts with biases that alone score %s x what zero "
                  "biases score on the class frequencies: the starting predictions are "
                  "near-certain of one class, every example of another costs far more than a "
                  "uniform guess, and the first batch's loss confirms it"
                  % (start[0], fmt(start[1])),
                  signal=M.LOSS, layers=[start[0]], steps=(ctx.first_step, ctx.first_step),
                  value=start[1])
            config_says_large = max(config_says_large, far_logits)
        # The output layer's kernel started far too large (RandomNormal(stddev=30) on a
        # head): its first outputs are huge, and the first batch's loss shows it.
        far_kernel = output_kernel_far_off(ctx)
        if far_kernel is not None:
            name, cls, spread, gain, ratio, high = far_kernel
            f.add(0.85 * high,
                  "the output layer %s starts with %s weights, gain %s x (Glorot ~1), and "
                  "the first batch's loss is %s x what a model outputting nothing scores: "
                  "the starting outputs are far off"
                  % (name, initializer_text(cls, spread, None, gain), fmt(gain), fmt(ratio)),
                  signal=M.LOSS, layers=[name], steps=(ctx.first_step, ctx.first_step),
                  value=gain)
            config_says_large = max(config_says_large, high)
        # LSTM forget gates started closed (a chrono initialisation's range typed wrong, a
        # negative constant): in a model that learned little, the cell forgot what the
        # target depends on before the gradient could reach it.
        closed = closed_forget_gates(ctx) if ctx.learned_little() else None
        if closed is not None:
            f.add(0.75 * ramp(closed[1], *T.LSTM_FORGET_OPEN),
                  "%s's forget gates start %s open on average (sigmoid of their biases; "
                  "unit_forget_bias=True starts them at 0.73): the cell forgets within a few "
                  "steps, and the loss stays at %.0f%% of the constant-prediction loss"
                  % (closed[0], fmt(closed[1]), 100 * ctx.level / ctx.baseline),
                  layers=[closed[0]], value=closed[1])
        flat_head = flat_from_the_start(ctx)
        if flat_head is not None:
            f.add(0.7, "the output started the same for every example (its spread across the "
                  "probe %s of its scale at the first step, %s now): something at the head "
                  "holds the outputs near a constant from the start, and every gradient "
                  "behind it is that much smaller" % (fmt(flat_head[0]), fmt(flat_head[1])),
                  signal=M.PREDICTIONS, steps=(ctx.first_step, ctx.end), value=flat_head[0])
        # The first batch's loss is computed on the initial weights: far above what a model
        # outputting nothing scores, the starting outputs are far off. That confirms
        # initialisers the config already calls too large; alone it does not say which part
        # of the forward pass amplified them (a square activation, an unnormalised sum over
        # neighbours, residual blocks without normalisation: exploding gradients), nor
        # whether the inputs' size did (unnormalized_inputs).
        ratio = ctx.first_loss_ratio() if config_says_large > 0 else None
        if ratio is not None:
            far = ramp(ratio, *T.INIT_FIRST_LOSS_HIGH) * (1.0 - ctx.unnormalized_input_strength())
            if far > 0:
                f.add(0.5 * far, "the first batch's loss, on the initial weights, is %s x what "
                      "a model outputting nothing scores" % fmt(ratio), signal=M.LOSS,
                      steps=(ctx.first_step, ctx.first_step), value=ratio)
        # Too-large weights show on the first logged step: activations growing layer by
        # layer and gradients overflowing before the step size could have done anything.
        growth = first_step_activation_growth(ctx)
        if growth is not None:
            g = 1.0 if math.isinf(growth[0]) else ramp(growth[0], *T.INIT_ACTIVATION_GROWTH)
            if g > 0:
                f.add(T.INIT_FIRST_STEP_ACTIVATION_WEIGHT * g,
                      "at the first logged step the activation std grows %s x from %s to %s"
                      % (fmt(growth[0]), growth[1], growth[2]), signal=M.ACTIVATION,
                      layers=[growth[1], growth[2]], value=growth[0])
        grew = growth is not None and growth[0] >= T.INIT_ACTIVATION_GROWTH[0]
        lr_high, _ = ctx.learning_rate_band()
        if lr_high == 0 and (config_says_large > 0 or grew):
            if ctx.first_step_gradients_nonfinite():
                f.add(T.INIT_FIRST_STEP_GRADIENT_WEIGHT,
                      "gradients are already NaN/Inf at the first logged step, at a learning "
                      "rate that is not high: the starting weights overflowed them",
                      signal=M.GRAD_NORM)
            else:
                prof0 = ctx.first_profile()
                if prof0 is not None and prof0["weight"] is not None:
                    with np.errstate(all="ignore"):
                        rel0 = prof0["grad"] / prof0["weight"]
                    rel0 = rel0[np.isfinite(rel0)]
                    if len(rel0):
                        f.add(T.INIT_FIRST_STEP_GRADIENT_WEIGHT *
                              ramp(float(rel0.max()), *T.RELATIVE_GRAD_HUGE),
                              "gradients are %s x the weights at the first logged step"
                              % fmt(rel0.max()), signal=M.GRAD_NORM, value=float(rel0.max()))
        # Initialisation is judged on the initial state: the first diagnostic step, not
        # the interval (a network that blew up or died later can look the same then).
        prof = ctx.first_profile()
        from_start = ctx.start <= ctx.first_step + max(1, 0.05 * (ctx.last_step - ctx.first_step))
        if prof is not None and (from_start or const):
            if grads_only_in_last_layer(prof):
                # Under standard initialisers the starting weights pass the signal on: the
                # zeros then come from what the layers do to it (dead or crushing units).
                standard = ctx.standard_hidden_init() and not const
                f.add(0.2 if standard else 0.5, "only the output layer receives gradient; every "
                      "hidden layer's gradient is exactly 0", signal=M.GRAD_NORM,
                      layers=prof["names"][:-1][:4], steps=ctx.span, value=0.0)
            w = prof["weight"]
            if w is not None and len(w) > 1 and np.all(w[:-1] <= T.GRAD_ZERO):
                f.add(0.6, "hidden layers' weights are all exactly zero", signal=M.WEIGHT_NORM,
                      layers=prof["names"][:-1][:4], value=0.0)
        std = ctx.column(M.ACTIVATION, "std", "around")
        names, _ = ctx.layer_activations()
        if std is not None and len(std) > 1:
            flat = [names[i] for i in range(len(std) - 1) if np.isfinite(std[i]) and std[i] <= 1e-7]
            if flat and (const or (from_start and prof is not None
                                   and grads_only_in_last_layer(prof))):
                standard = ctx.standard_hidden_init() and not const
                f.add(0.15 if standard else 0.4, "hidden activations are identical across units and examples (std 0) "
                      "in %s" % ", ".join(flat[:3]), signal=M.ACTIVATION, layers=flat[:3], value=0.0)
                # Layers started constant that are still identical this late never broke
                # their symmetry: part of the model is unused, whatever the loss reached
                # through the rest of it (a skip path around zero-initialised branches).
                if const and {n for n, _, _ in const} & set(flat):
                    f.signature = True
        starved = identity_kernels_starve(ctx)
        if starved is not None:
            name, fan_in, units = starved
            f.add(0.8, "%s's kernel starts as an identity of %d x %d (kernel_initializer="
                  "'identity'): only its first %d units get a weight, the other %d start at "
                  "exactly zero, and under ReLU with zero biases they output 0 with slope 0 "
                  "for every example, so no gradient ever reaches them"
                  % (name, fan_in, units, fan_in, units - fan_in), layers=[name],
                  value=float(units - fan_in) / units)
        zeroed = silenced_by_zero_scales(ctx)
        if zeroed:
            f.add(T.ZERO_SCALE_EVIDENCE, "%s: the scale (gamma) at 0 from the start, with no "
                  "path around, outputs only the shift (beta) for every example, so no hidden "
                  "layer gets any gradient"
                  % (", ".join(zeroed[:3]) + (" ..." if len(zeroed) > 3 else "")),
                  layers=zeroed[:3], value=0.0)
        # Keras's own callback: kernels whose first histogram has no spread at all.
        for key, series in sorted(ctx.signals.items()):
            if not key.startswith("histogram/") or "kernel" not in key:
                continue
            spread = histogram_spread(series.values[0])
            if spread is not None and spread <= T.GRAD_ZERO:
                f.add(0.6, "%s starts with every weight equal (its histogram has no spread)"
                      % key[len("histogram/"):], signal=key)
                break
        f.summary = "Poor initialisation: the starting weights keep the network from learning."
        if config_says_large > 0 or grew:
            f.summary = ("Poor initialisation: the starting weights are far too large, so "
                         "activations and gradients explode from the first step.")
        f.fix = ("Initialise kernels randomly at the right scale: kernel_initializer='he_normal' "
                 "for ReLU layers, 'glorot_uniform' (the Keras default) for tanh/sigmoid; keep "
                 "zeros for biases only.")
        if one_signed and not const:
            f.summary = ("Poor initialisation: the starting weights share one sign, so every "
                         "unit of a layer computes nearly the same thing and the signal grows "
                         "coherently from layer to layer.")
            f.fix += (" Weights you set yourself must be drawn zero-centred: "
                      "np.random.randn(fan_in, units) * sqrt(2 / fan_in) for a ReLU layer, not "
                      "np.random.rand (uniform on [0, 1), every weight positive).")
        if ctx.started_kernel_gains():
            f.fix += (" Weights you set yourself (set_weights, assign, a port from numpy) need "
                      "the same per-layer scale: a kernel drawn as np.random.randn(fan_in, "
                      "units) * sqrt(2 / fan_in) for a ReLU layer, not one constant factor "
                      "such as 0.01 for every layer.")
        if const and any(str(cls).lower() in ("zeros", "zero") for _, cls, _ in const):
            f.fix += (" To start a residual branch at zero (Fixup, SkipInit), zero-initialise "
                      "only its last layer: a zero first layer never fires.")
        if starved is not None:
            f.summary = ("Poor initialisation: identity kernels wider than their inputs leave "
                         "most units with no weight and no gradient.")
            f.fix = ("Draw Dense and Conv kernels at random (kernel_initializer='he_normal' for "
                     "ReLU layers, or Keras's default 'glorot_uniform'); the identity start "
                     "(IRNN) is for a recurrent layer's square recurrent_initializer only.")
        if zeroed:
            f.summary = ("Poor initialisation: normalization scales that start at 0 silence "
                         "the network, so no gradient reaches its hidden layers.")
            f.fix = ("Start normalization scales at 1 (gamma_initializer='ones', the Keras "
                     "default); zero only the last normalization of each residual branch, "
                     "where the skip path carries the signal and the gradient.")
        elif far_bias >= 0.5:
            f.summary = ("Poor initialisation: the output's bias starts far from the targets, "
                         "so every prediction starts far off and the errors make huge "
                         "gradients.")
            f.fix = ("Start the output bias at the targets' mean (bias_initializer="
                     "Constant(%s)) or at zero (the Keras default); a bias taken from the data "
                     "must come from the targets as the model sees them, after any scaling."
                     % fmt(offset[2]))
        elif far_logits > 0 and far_logits >= far_bias:
            f.summary = ("Poor initialisation: the output's biases start far from the "
                         "classes' log-frequencies, so the predictions start near-certain of "
                         "one class and the errors on the others make huge gradients.")
            f.fix = ("Start the output biases at the log of the class frequencies "
                     "(bias_initializer=Constant(np.log(counts / counts.sum())), for a sigmoid "
                     "log(p / (1 - p))) or at zero (the Keras default), not at the counts.")
        elif flat_head is not None and f.confidence <= 0.75:
            f.summary = ("Poor initialisation: the output starts the same for every example, "
                         "held near a constant by its head, so the gradients to every layer "
                         "behind it are tiny.")
            f.fix = ("Check how the head is scaled at the start: a learnt softmax temperature "
                     "starts near 0.05-0.1 (logits = cosine / temperature; a logit scale, its "
                     "inverse, near 10-30), and a last kernel starts at Keras's default scale, "
                     "not at zero or 1e-3 of it, unless something else breaks the symmetry.")
        elif copies:
            f.summary = ("Poor initialisation: %d layers started with the same weights and "
                         "stay copies of each other, so the model has the capacity of one of "
                         "them." % len(copies[0]))
            f.fix = ("Give every layer its own initial weights: pass the initializer by name "
                     "(kernel_initializer='he_normal') or a new instance per layer, and do not "
                     "copy one layer's weights into the others (set_weights, a cloned model).")
            if seeded_initializers(ctx, copies[0]):
                f.fix += (" One seeded instance shared by several layers (init = "
                          "HeNormal(seed=7)) draws the same weights for each; to make the run "
                          "repeatable, seed once with keras.utils.set_random_seed instead.")
        elif closed is not None and ramp(closed[1], *T.LSTM_FORGET_OPEN) >= 0.5:
            f.summary = ("Poor initialisation: %s's forget gates start nearly closed, so the "
                         "cell forgets within a few steps and the gradient through time fades."
                         % closed[0])
            f.fix = ("Start the forget-gate biases at 1 (unit_forget_bias=True, the Keras "
                     "default) or, for a chrono initialisation, at log(U(1, T - 1)) with T the "
                     "sequence length: positive, so the gates start open.")
        elif biased and ramp(bias, *T.INIT_BIAS_LARGE) >= 0.5:
            f.summary = ("Poor initialisation: the hidden biases start far too large, so the "
                         "ReLU units are on for every example and the network starts (nearly) "
                         "linear, its outputs far off.")
            f.fix = ("Start the biases at zero (bias_initializer='zeros', the Keras default), "
                     "or at 0.01-0.1 if you want ReLUs kept alive: biases of %s keep the "
                     "units always on." % fmt(bias))
        # A stack of sigmoids passes back at most a quarter per layer at its steepest: where
        # their slopes alone take SIGNAL_COLLAPSE_DECADES' strong end off the gradient, it
        # vanishes at any initialisation, and the depth, not the starting weights, comes
        # first.
        if slope_decades(ctx.layers()) >= T.SIGNAL_COLLAPSE_DECADES[1]:
            f.not_upstream_of = ("vanishing_gradients",)
        # Units a mean-shifted random draw (or a large constant bias) pinned at one flat end
        # are saturated, and the saturation is what the user sees stall: it ranks on its own
        # confidence (saturated_activations names the initializer as its fix).
        if ctx.init_pinned_the_units() is not None:
            f.not_upstream_of += ("saturated_activations",)
        # A deep stack whose too-wide start showed in its first gradients: the exploding
        # gradients rank on their own confidence (their fix names the initializer).
        if ctx.deep_start_exploded() is not None:
            f.not_upstream_of += ("exploding_gradients",)
