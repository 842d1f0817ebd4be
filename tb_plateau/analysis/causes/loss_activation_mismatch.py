"""Loss / output activation mismatch: the output layer does not fit the loss or the targets."""

import math

import numpy as np

from tb_plateau import metadata as M
from tb_plateau.analysis import thresholds as T
from tb_plateau.analysis.baseline import COSINE_LOSSES, loss_keys, measured_constant_fit
from tb_plateau.analysis.causes.base import Cause, Explains
from tb_plateau.analysis.context import fmt
from tb_plateau.analysis.thresholds import ramp

# The range each output activation can reach.
OUTPUT_RANGE = {"sigmoid": (0, 1), "softmax": (0, 1), "tanh": (-1, 1), "relu": (0, math.inf),
                "softplus": (0, math.inf), "hard_sigmoid": (0, 1),
                "log_softmax": (-math.inf, 0), "log_sigmoid": (-math.inf, 0),
                "exponential": (0, math.inf), "elu": (-1, math.inf),
                "selu": (-1.7581, math.inf), "softsign": (-1, 1), "hard_tanh": (-1, 1),
                "relu6": (0, 6), "leaky_relu": (-math.inf, math.inf),
                "linear": (-math.inf, math.inf)}
# Activations whose outputs are probabilities (in [0, 1]): what a cross-entropy with
# from_logits=False reads.
PROBABILITY_ACTIVATIONS = ("sigmoid", "softmax", "hard_sigmoid")


# Losses that are only defined for targets of one sign: a percentage error divides by |y|
# (MAPE), a squared log error takes log(1 + y) (MSLE). Keras's own documentation of both
# states the domain; zero-mean (standardized) targets are outside it.
_RELATIVE_LOSSES = ("mean_absolute_percentage_error", "mape", "meanabsolutepercentageerror")
_LOG_LOSSES = ("mean_squared_logarithmic_error", "msle", "meansquaredlogarithmicerror")


# Losses whose prediction estimates the target itself (a value, a rate, a count): the output
# layer must be able to reach the targets' range.
_REGRESSION_LOSSES = ("poisson", "huber", "huber_loss", "log_cosh", "logcosh",
                      "mean_squared_logarithmic_error", "msle", "meansquaredlogarithmicerror",
                      "mean_absolute_percentage_error", "mape", "meanabsolutepercentageerror")
# Margin losses: they score raw outputs of either sign against labels mapped to -1/+1 and
# reach zero only at a margin of 1 (Keras converts 0/1 labels to -1/+1).
_MARGIN_LOSSES = ("hinge", "squared_hinge", "squaredhinge", "categorical_hinge",
                  "categoricalhinge")
# Divergences between probability distributions (non-negative by Gibbs' inequality).
_DIVERGENCE_LOSSES = ("kl_divergence", "kldivergence", "kld", "kullback_leibler_divergence")


def loss_names(config):
    """The lower-case, space-free names the config gives its loss (name, class, alias)."""
    return set(loss_keys(config, ("name", "class", "alias")))


def loss_named(config):
    """Whether the run's configuration names its loss function at all."""
    loss = config.get("loss") if isinstance(config, dict) else None
    if isinstance(loss, dict):
        return any(isinstance(loss.get(k), str) and loss.get(k) for k in ("name", "class"))
    return isinstance(loss, str) and bool(loss)


def targets_per_example(ctx, targets):
    """The probe's target elements per example (its logged target count over its examples),
    or None when either is not known."""
    probe = ctx.config.get("probe")
    examples = probe.get("examples") if isinstance(probe, dict) else None
    if targets is None or not isinstance(examples, int) or examples <= 0:
        return None
    return targets["count"] / examples


def softmax_target_row_sum(ctx, act, units, targets):
    """The targets' mean row sum when a softmax output of `units` > 1 units is compared with
    targets of the same shape (the probe's target elements per example equal the units),
    else None."""
    if act != "softmax" or not units or units < 2:
        return None
    per_example = targets_per_example(ctx, targets)
    if per_example is None:
        return multi_hot_row_sum(ctx, units, targets)
    if not math.isfinite(targets["mean"]) or abs(per_example - units) >= 0.5:
        return None
    return targets["mean"] * units


def multi_hot_row_sum(ctx, units, targets):
    """The targets' mean row sum read from their logged class frequencies when no probe
    says how many target elements an example has (a custom loop logging its batches), or
    None. Targets shaped like a K-unit output are logged as their K column means, which sum
    to the mean row sum; sparse class ids are logged as shares of the labels, which sum to
    at most 1. So a sum clearly above 1, of targets that are all 0 or 1 (not class ids
    that happen to come K to an example), can only be several labels per example."""
    series = ctx.series(M.TARGET_CLASSES)
    if series is None or np.ndim(series.values) != 2 or len(series) == 0 or \
            series.values.shape[1] != units or targets is None or \
            not (targets["min"] >= 0.0 and targets["max"] <= 1.0):
        return None
    total = float(np.nansum(np.nanmean(series.values, axis=0)))
    return total if math.isfinite(total) and total > 1.0 + T.SOFTMAX_ROW_SUM_OFF[0] else None


def class_ids_for_a_distribution(ctx, names, units, targets):
    """The targets per example when a KL divergence over `units` > 1 outputs is given about
    one integer target per example reaching past 1 (class ids, not a distribution per
    example), else None."""
    if not names & set(_DIVERGENCE_LOSSES) or not units or units < 2:
        return None
    per_example = targets_per_example(ctx, targets)
    if per_example is None or abs(per_example - 1) >= 0.5 or \
            targets["integer_fraction"] < 0.99 or not targets["max"] > 1:
        return None
    return per_example


def dead_output_head(ctx):
    """The share of dead_relus' evidence left when the dead layer is the output itself: a
    ReLU-family output layer that outputs zero for (nearly) every example, under a loss it
    cannot serve (a cross-entropy reading its outputs as probabilities, or targets below
    zero), while no hidden ReLU layer is dead. The wrong head is the cause and its zeros the
    symptom; the hidden layers' zero gradient follows from it."""
    act = ctx.output_activation() or ""
    zero = ctx.column(M.ACTIVATION, "zero_fraction", "around")
    names, acts = ctx.layer_activations()
    out = ctx.output_layer()
    if not act.startswith("relu") or zero is None or len(zero) != len(names) or not names or \
            out is None or names[-1] != out.get("name") or \
            not zero[-1] >= T.DEAD_FRACTION[0]:
        return 1.0
    if any((a or "").startswith("relu") and np.isfinite(z) and z >= T.DEAD_FRACTION[0]
           for a, z in zip(acts[:-1], zero[:-1])):
        return 1.0
    targets = ctx.targets()
    wrong = (ctx.loss_kind in ("ce", "bce") and ctx.from_logits() is False) or \
        (targets is not None and targets["min"] < 0)
    return 0.2 if wrong else 1.0


def unit_normalized_output(ctx):
    """The name of a UnitNormalization layer the model's output passes through last (only
    weightless layers after it), or None: its predictions are unit vectors."""
    for layer in reversed(ctx.layers()):
        cls = str(layer.get("class") or "")
        if cls == "UnitNormalization":
            return layer.get("name") or "UnitNormalization"
        # Only layers that leave the values as they are may follow it (a Rescaling or a
        # Lambda could scale the unit vector back up).
        if cls not in _PASS_THROUGH and not (cls == "Activation" and str(
                layer.get("activation") or "linear").lower() == "linear"):
            return None
    return None


# Layers that pass their inputs' values on unchanged at inference.
_PASS_THROUGH = ("Dropout", "Flatten", "Reshape", "Identity", "GaussianNoise",
                 "GaussianDropout", "AlphaDropout", "ActivityRegularization")


def prediction_ranges(ctx):
    """(the probe predictions' smallest values, their largest) at each diagnostic inside the
    interval, or None when not logged there or not finite."""
    s = ctx.series(M.PREDICTIONS)
    cols = list(s.columns or []) if s is not None else []
    if s is None or s.values.ndim != 2 or "min" not in cols or "max" not in cols:
        return None
    _, rows = ctx.inside(M.PREDICTIONS)
    if rows is None or len(rows) == 0:
        return None
    lo, hi = rows[:, cols.index("min")], rows[:, cols.index("max")]
    if not (np.all(np.isfinite(lo)) and np.all(np.isfinite(hi))):
        return None
    return lo, hi


def bounding_output_activation(ctx):
    """(activation, low, high) when the output layer's activation has a bounded range and
    does not give probabilities (a softmax, sigmoid or hard sigmoid is judged as applied
    twice under a loss on logits), else None."""
    act = ctx.output_activation()
    if act in PROBABILITY_ACTIVATIONS or act not in OUTPUT_RANGE:
        return None
    lo, hi = OUTPUT_RANGE[act]
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return None
    return act, lo, hi


def bounded_logits(ctx):
    """(the widest range of logits the probe saw inside the interval, the loss that range
    allows at best, how far (0..1) it stays put) when a cross-entropy on logits sits at the
    best loss its logits' range allows, or None.

    A softmax over K logits spread by at most R gives a class at most e^R / (e^R + K - 1):
    every example then costs at least log(1 + (K - 1) e^-R) (a sigmoid's logit within +-B
    at least log(1 + e^-B)). A healthy fit grows its logits as it gets surer, so its loss
    stays above that floor while the range widens; a loss pinned at the floor of a range
    that no longer widens is held there by whatever bounds the logits (a cosine or tanh
    head without a scale, a normalisation before the loss). Only for a model that learned
    something (below LEARNED_LITTLE of the constant-prediction loss).

    The output layer's own activation may be the bound: a tanh (or any activation of
    bounded range other than a softmax or sigmoid, which count as applied twice) under a
    loss that takes logits hands the loss logits confined to its range."""
    if ctx.loss_kind not in ("ce", "bce") or ctx.from_logits() is not True or \
            not (ctx.output_activation() in (None, "linear")
                 or bounding_output_activation(ctx) is not None):
        return None
    level, baseline = ctx.level, ctx.baseline
    if level is None or not level > 0 or not baseline or not baseline > 0:
        return None
    # A model that learned nothing has small logits whatever stalled it (a rate too low,
    # dead units): they are then its symptom, not proof of a bound.
    if ctx.learned_little():
        return None
    ranges = prediction_ranges(ctx)
    if ranges is None:
        return None
    lo, hi = ranges
    if ctx.loss_kind == "ce":
        units = ctx.output_units()
        if not units or units < 2:
            return None
        spans = hi - lo
        widest = float(np.max(spans))
        floor = float(np.log1p((units - 1) * np.exp(-widest)))
    else:
        spans = np.maximum(np.abs(lo), np.abs(hi))
        widest = float(np.max(spans))
        floor = float(np.log1p(np.exp(-widest)))
    if not level <= T.BOUNDED_LOGITS_AT_FLOOR * floor:
        return None
    # Still widening inside the interval: the model is still growing surer.
    widening = float(spans[-1] / spans[0]) if spans[0] > 0 else math.inf
    if len(spans) > 1 and widening > T.BOUNDED_LOGITS_AT_FLOOR:
        return None
    return widest, floor, ramp(floor / baseline, *T.BOUNDED_LOGITS_FLOOR)


def non_negative_logits(ctx):
    """(the share of targets that are 0, the loss's floor) when a binary cross-entropy on
    logits (from_logits=True) reads an output activation that never goes below 0 (relu,
    softplus, exponential, relu6): every logit then means a probability of at least 0.5, so
    an example labelled 0 costs at least ln 2 whatever the model learns. None otherwise, or
    when the targets are not hard 0/1 labels with at least NON_NEGATIVE_LOGIT_NEGATIVES of
    them 0."""
    act, targets = ctx.output_activation(), ctx.targets()
    if ctx.loss_kind != "bce" or ctx.from_logits() is not True or targets is None or \
            act in PROBABILITY_ACTIVATIONS or act not in OUTPUT_RANGE or \
            OUTPUT_RANGE[act][0] < 0:
        return None
    if targets["min"] < 0 or targets["max"] > 1 or targets["integer_fraction"] < 0.99:
        return None
    negatives = 1.0 - float(targets["mean"])
    if not negatives >= T.NON_NEGATIVE_LOGIT_NEGATIVES:
        return None
    return negatives, negatives * math.log(2.0)


def pressed_against_edge(ctx, act, fit, gap):
    """(the bound, how far the predictions reach from it) when the loss's best constant output
    lies outside the output activation's range and every probe prediction inside the
    interval sits at the bound nearest it, or None.

    The constant-fit gap alone can be small (the best reachable constant is only a little
    worse) while the model is held at the bound for every example: per-example outputs the
    loss wants lie beyond it (a log-rate loss fed a positive rate cannot say a rate below
    one). Healthy bounded outputs (a sigmoid under cross-entropy, an exponential rate under
    Poisson) have their best constant inside the range, and their predictions spread."""
    lo, hi = OUTPUT_RANGE.get(act, (-math.inf, math.inf))
    best = fit["best_output"]
    if not gap >= T.PRESSED_MIN_GAP:
        return None
    if best < lo:
        edge, beyond = lo, lo - best
    elif best > hi:
        edge, beyond = hi, best - hi
    else:
        return None
    ranges = prediction_ranges(ctx)
    if ranges is None:
        return None
    lows, highs = ranges
    widest = float(max(np.max(np.abs(lows - edge)), np.max(np.abs(highs - edge))))
    if not widest <= T.PRESSED_SPREAD * beyond:
        return None
    return edge, widest


class LossActivationMismatch(Cause):
    id = "loss_activation_mismatch"
    title = "Loss / output activation mismatch"
    # A wrong loss poisons every other signal.
    precedence = 20
    # A wrong loss/output pairing caps the loss above a fit however big the model, and a
    # loss outside its domain (a percentage error near y = 0) makes the gradients huge.
    upstream_of = ("insufficient_capacity", "exploding_gradients")
    explains = (Explains("dead_relus", dead_output_head),)
    fires_when_converged = True

    def examine(self, ctx, f):
        act = ctx.output_activation()
        units = ctx.output_units()
        kind = ctx.loss_kind
        logits = ctx.from_logits()
        targets = ctx.targets()
        level = ctx.level
        loss = ctx.loss_inside()
        steps = ctx.span
        fix = []
        if act == "softmax" and units == 1:
            f.add(0.95, "softmax over a single output unit always outputs 1.0, whatever the input",
                  signal=M.PREDICTIONS, steps=steps)
            fix.append("for two classes use Dense(1, activation='sigmoid') with "
                       "binary_crossentropy; for K classes Dense(K, activation='softmax') with "
                       "sparse_categorical_crossentropy")
        elif kind == "ce" and units == 1:
            exact_zero = level is not None and abs(level) < T.ZERO_LOSS
            f.add(0.95 if exact_zero else 0.8,
                  "categorical cross-entropy on a single output unit%s"
                  % (": the loss is exactly 0 (softmax over one unit is always 1)" if exact_zero else ""),
                  signal=M.LOSS, steps=steps, value=level)
            fix.append("for K classes use Dense(K, activation='softmax') with "
                       "sparse_categorical_crossentropy; for two classes Dense(1, 'sigmoid') with "
                       "binary_crossentropy")
        # A cosine similarity over the last axis (Keras's default) of an output holding one
        # value per example compares one-element vectors: their cosine is the product of
        # their signs, +-1 whatever the prediction's size, flat in it, so no gradient
        # reaches the model (a correlation meant across the batch).
        if loss_names(ctx.config) & COSINE_LOSSES and units == 1 and \
                ctx.loss_config().get("axis", -1) in (-1, 1):
            f.add(0.95, "cosine similarity over the output's last axis, which holds one value "
                  "per example: the cosine of two one-element vectors is the product of their "
                  "signs, +1 or -1 whatever the prediction's size, so the loss gives the model "
                  "no gradient", signal=M.LOSS, steps=steps, value=level)
            f.signature = True
            fix.append("for a regression use mse (or another loss on the values); a "
                       "correlation across the examples needs a loss written over the batch "
                       "axis, not CosineSimilarity over each example's one output")
        # A KL divergence compares each output with a target of its own: given one integer
        # class id per example, Keras broadcasts that id over the K outputs (it clips it to
        # [1e-7, 1] first), so every class but 0 asks for all K probabilities at once and the
        # best any model can do is a fixed spread whatever the input.
        ids = class_ids_for_a_distribution(ctx, loss_names(ctx.config), units, targets)
        if ids is not None:
            f.add(0.9, "KL divergence over %d outputs with one integer target per example "
                  "(class ids %s..%s): each id is broadcast over the %d outputs as if it were "
                  "every class's probability, so no output can match it and the input does not "
                  "matter" % (units, fmt(targets["min"]), fmt(targets["max"]), units),
                  signal=M.TARGETS, value=ids)
            f.signature = True
            fix.append("for integer class labels use sparse_categorical_crossentropy; "
                       "KLDivergence needs one probability per class for each example "
                       "(keras.utils.to_categorical, or a teacher's probabilities)")
        # Any activation known not to give probabilities: a raw (linear, relu) output, or
        # log-probabilities (log_softmax, as a PyTorch LogSoftmax + NLLLoss head is ported),
        # which Keras clips to [1e-7, 1] before its log: every class scores the same.
        if kind in ("ce", "bce") and logits is False and act in OUTPUT_RANGE and \
                act not in PROBABILITY_ACTIVATIONS:
            lo, hi = OUTPUT_RANGE[act]
            f.add(0.85, "%s output (values in [%s, %s]) with from_logits=False: the loss "
                  "treats its outputs as probabilities%s"
                  % (act, fmt(lo), fmt(hi), ", and clips every one to [1e-7, 1]"
                     if hi <= 0 else ""))
            if act.startswith("log_"):
                fix.append("use activation='%s' on the output layer with from_logits=False, "
                           "or a linear output with from_logits=True (log-probabilities are "
                           "logits up to a constant)" % act[len("log_"):])
            else:
                fix.append("add activation='softmax' (or 'sigmoid') to the output layer, or "
                           "pass from_logits=True")
        if kind in ("ce", "bce") and logits is True and act in PROBABILITY_ACTIVATIONS:
            f.add(0.7, "%s output with from_logits=True: the activation is applied twice" % act)
            fix.append("use a linear output with from_logits=True, or keep %s with "
                       "from_logits=False" % act)
        floored = non_negative_logits(ctx)
        if floored is not None:
            negatives, floor = floored
            f.add(0.85, "%s output under binary cross-entropy with from_logits=True: a logit "
                  "of at least 0 is a probability of at least 0.5, so each of the %s of "
                  "targets that are 0 costs at least ln 2 and the loss cannot go below %s, "
                  "however well the rest is learned" % (act, "%.0f%%" % (100 * negatives),
                                                        fmt(floor)),
                  signal=M.TARGETS, value=negatives)
            # The head cannot say "no" with any confidence, at any level the loss reaches.
            f.signature = True
            fix.append("make the output layer linear (Dense(1), no activation): the logit must "
                       "be free to go negative for the examples that are 0")
        if kind == "bce" and targets is not None and (targets["max"] > 1 or targets["min"] < 0):
            f.add(0.95, "binary cross-entropy on targets in [%s, %s] (needs {0, 1})"
                  % (fmt(targets["min"]), fmt(targets["max"])), signal=M.TARGETS,
                  value=targets["max"])
            fix.append("for integer class labels use sparse_categorical_crossentropy with a "
                       "softmax output of one unit per class")
        if kind == "ce" and targets is not None and targets["integer_fraction"] < 0.99 and \
                units and units > 1 and targets["max"] > 1:
            f.add(0.6, "cross-entropy on non-integer targets (integer fraction %s)"
                  % fmt(targets["integer_fraction"]), signal=M.TARGETS)
            fix.append("use a regression loss (mse) with a linear output for continuous targets")
        bounded = bounded_logits(ctx)
        if bounded is not None and bounded[2] > 0:
            widest, floor, strength = bounded
            f.add(0.85 * strength,
                  "the logits the loss reads span at most %s on the probe, so no prediction "
                  "can be surer than that allows: the loss sits at %s, the floor of that range "
                  "(%s), while the range no longer widens" % (fmt(widest), fmt(level),
                                                             fmt(floor)),
                  signal=M.PREDICTIONS, steps=steps, value=widest)
            bound = bounding_output_activation(ctx)
            if bound is not None:
                # The bound is in the configuration, not only in what the probe saw.
                f.add(0.5, "the output layer's %s activation confines the logits the loss "
                      "reads (from_logits=True) to [%s, %s]" % (bound[0], fmt(bound[1]),
                                                                fmt(bound[2])))
            fix.append("let the logits grow: scale a cosine-similarity or normalised head by "
                       "a factor (NormFace/ArcFace use s = 16-64) or learn the scale, and drop "
                       "any bounding activation (tanh) before a loss on logits")
        names = loss_names(ctx.config)
        unit_norm = unit_normalized_output(ctx)
        if unit_norm is not None and targets is not None and \
                (kind in ("mse", "mae") or names & set(_REGRESSION_LOSSES)):
            reach = max(abs(targets["min"]), abs(targets["max"]))
            beyond = ramp(reach, *T.UNIT_NORM_TARGET_REACH)
            # Targets well beyond a unit vector's reach: no training reaches them, however
            # good the loss looks next to the constant's (a signature).
            if beyond >= 0.5:
                f.signature = True
            if beyond > 0:
                f.add(0.85 * beyond,
                      "the output passes through %s: every prediction is a vector of length "
                      "1, but the targets reach %s" % (unit_norm, fmt(reach)),
                      signal=M.TARGETS, layers=[unit_norm], value=reach)
                fix.append("remove %s from the head (it keeps the direction and drops the "
                           "magnitude): a linear output can reach the targets' size"
                           % unit_norm)
        # Only where training barely started: MAE is also a robust loss for noisy labels,
        # and a run that trained far down under it is no mismatch.
        if kind == "mae" and act == "softmax" and units and units >= 3 and \
                ctx.learned_little():
            many = ramp(units, *T.MAE_SOFTMAX_CLASSES)
            if many > 0:
                f.add(0.8 * many,
                      "mean absolute error through a %d-way softmax: on a one-hot target it is "
                      "2(1 - p) / %d for the right class's probability p, whose gradient "
                      "through the softmax, 2p(1 - p) / %d, is about %d x smaller than "
                      "cross-entropy's while p sits near 1/%d: with this many classes "
                      "training barely starts" % (units, units, units,
                                                  int(units * units / 2), units),
                      value=units)
                fix.append("use (sparse_)categorical_crossentropy; for noisy labels a robust "
                           "loss made for a softmax (generalised or symmetric cross-entropy) "
                           "rather than the absolute error")
        regression = kind in ("mse", "mae") or bool(names & set(_REGRESSION_LOSSES))
        if regression and targets is not None and act:
            lo, hi = OUTPUT_RANGE.get(act, (-math.inf, math.inf))
            outside = max(lo - targets["min"], targets["max"] - hi, 0.0)
            if outside > 0:
                width = max(targets["max"] - targets["min"], 1e-12)
                f.add(0.5 + 0.45 * min(1.0, outside / width * 4),
                      "%s output can only reach [%s, %s] but targets span [%s, %s]"
                      % (act, fmt(lo), fmt(hi), fmt(targets["min"]), fmt(targets["max"])),
                      signal=M.TARGETS, value=targets["max"])
                if "poisson" in names:
                    fix.append("a Poisson loss needs a positive, unbounded rate: use "
                               "activation='exponential' or 'softplus' on the output layer")
                else:
                    fix.append("use a linear output layer for regression (or scale the "
                               "targets into the output's range, e.g. y / %s)"
                               % fmt(targets["max"]))
        # A softmax's K outputs always sum to 1 (1/K each on average): targets of the same
        # shape whose rows sum to something else (absolute concentrations, several labels
        # at once) cannot be matched however the model trains.
        # Under categorical cross-entropy too: several labels at once (multi-hot rows) make
        # its gradient p - y push every labelled logit up without end.
        row_sum = softmax_target_row_sum(ctx, act, units, targets)
        if row_sum is not None:
            strength = ramp(max(abs(row_sum - 1.0), 1e-12), *T.SOFTMAX_ROW_SUM_OFF)
            if strength > 0:
                f.add(0.5 + 0.45 * strength,
                      "a softmax's %d outputs always sum to 1, but the targets' rows sum to %s "
                      "on average (each target %s where the softmax averages 1/%d)"
                      % (units, fmt(row_sum), fmt(targets["mean"]), units),
                      signal=M.TARGETS, value=row_sum)
                if kind == "ce":
                    fix.append("for several labels per example use Dense(%d, "
                               "activation='sigmoid') with binary_crossentropy: each label is "
                               "its own yes/no (softmax with categorical cross-entropy is for "
                               "one label per example)" % units)
                else:
                    fix.append("give the output layer units that do not compete: sigmoid for "
                               "values in [0, 1] each, linear otherwise (keep softmax for "
                               "targets that are distributions)")
        # Measured for any loss (a custom one too): the loss wants a constant output the
        # activation cannot produce.
        fit = measured_constant_fit(ctx.signals)
        if fit is not None and act not in (None, "linear"):
            # Relative to the larger of the best constant's loss and the run's: a probe whose
            # labels are all one class scores ~1e-7 either way, which is no gap.
            size = max(abs(fit["best_loss"]),
                       abs(level) if level is not None and math.isfinite(level) else 0.0,
                       T.ZERO_LOSS)
            gap = (fit["reachable_loss"] - fit["best_loss"]) / size
            strength = ramp(max(gap, 1e-12), *T.CONSTANT_FIT_GAP)
            if strength > 0:
                f.add(0.5 + 0.45 * strength,
                      "the best constant the %s output can produce (%s) scores %s on the "
                      "probe; a constant output of %s scores %s: the loss wants outputs the "
                      "activation cannot produce" % (act, fmt(fit["reachable_output"]),
                                                    fmt(fit["reachable_loss"]),
                                                    fmt(fit["best_output"]),
                                                    fmt(fit["best_loss"])),
                      signal=M.CONSTANT_FIT, value=gap)
                if not fix:
                    fix.append("give the output layer an activation whose range holds the "
                               "values the loss expects (linear, unless the loss itself "
                               "applies one), e.g. %s here" % fmt(fit["best_output"]))
            pressed = pressed_against_edge(ctx, act, fit, gap)
            if strength == 0 and pressed is not None:
                edge, widest = pressed
                f.add(0.75, "the loss's best constant output (%s) lies beyond anything the %s "
                      "output can produce, and every probe prediction sits at that edge "
                      "(within %s of %s): the outputs are pressed against the activation's "
                      "bound" % (fmt(fit["best_output"]), act, fmt(widest), fmt(edge)),
                      signal=M.PREDICTIONS, value=widest)
                if not fix:
                    fix.append("give the output layer an activation whose range holds the "
                               "values the loss expects (linear, unless the loss itself "
                               "applies one: a log-rate, a logit), e.g. %s here"
                               % fmt(fit["best_output"]))
        lo, _ = OUTPUT_RANGE.get(act, (-math.inf, math.inf)) if act else (-math.inf, None)
        if names & set(_MARGIN_LOSSES) and lo >= 0:
            f.add(0.85, "a hinge loss wants raw scores of either sign (a margin of 1 on each "
                  "side), but a %s output is never negative: every example labelled 0 (-1 to "
                  "the hinge) costs at least 1" % act, signal=M.PREDICTIONS)
            fix.append("use a linear output with a hinge loss (or a sigmoid output with "
                       "binary_crossentropy)")
        if targets is not None and names & set(_RELATIVE_LOSSES) and targets["min"] <= 0:
            f.add(0.9, "a percentage error divides by |y|, and the targets reach %s (they span "
                  "[%s, %s]): examples near 0 dominate the loss" % (
                      fmt(targets["min"]), fmt(targets["min"]), fmt(targets["max"])),
                  signal=M.TARGETS, value=targets["min"])
            fix.append("use mse or mae (or Huber) for targets that cross zero; keep mape for "
                       "strictly positive targets such as prices")
        if targets is not None and names & set(_LOG_LOSSES) and targets["min"] < 0:
            f.add(0.9, "a squared log error takes log(1 + y), and the targets reach %s"
                  % fmt(targets["min"]), signal=M.TARGETS, value=targets["min"])
            fix.append("use mse for targets that can be negative")
        # Numeric signatures that need no config.
        if len(loss):
            # A negative loss is impossible only for losses known to be non-negative (the
            # cross-entropies, MSE, MAE, a KL divergence between distributions): a loss the
            # config names but we do not classify (Poisson, a log-likelihood, a custom one)
            # may well be negative, and one with no name at all is only suspect.
            named = loss_named(ctx.config)
            negative = np.median(loss) < -T.ZERO_LOSS
            if negative and names & set(_DIVERGENCE_LOSSES):
                # Gibbs' inequality: a KL divergence between two distributions is >= 0.
                # Keras clips y_pred to [1e-7, 1] but does not normalise it, so outputs that
                # are not a distribution (no softmax) can push it below zero.
                f.add(0.85, "the loss is negative (%s), impossible for a KL divergence between "
                      "probability distributions: the outputs are not a distribution"
                      % fmt(np.median(loss)), signal=M.LOSS, steps=steps,
                      value=float(np.median(loss)))
                fix.append("end the model with a softmax (KLDivergence compares probability "
                           "distributions), or compare logits with "
                           "CategoricalCrossentropy(from_logits=True)")
            elif negative and kind in ("ce", "bce", "mse", "mae"):
                f.add(0.85, "the loss is negative (%s), impossible for cross-entropy or MSE on "
                      "valid targets" % fmt(np.median(loss)), signal=M.LOSS, steps=steps,
                      value=float(np.median(loss)))
            elif negative and kind is None and not named:
                f.add(0.5, "the loss is negative (%s): impossible if it is a cross-entropy or "
                      "MSE (the loss function is not logged)" % fmt(np.median(loss)),
                      signal=M.LOSS, steps=steps, value=float(np.median(loss)))
                if not fix:
                    fix.append("binary_crossentropy needs labels in {0, 1}; for class ids use "
                               "sparse_categorical_crossentropy with a softmax output")
            elif np.all(np.abs(loss) < T.ZERO_LOSS) and ctx.start <= ctx.first_step and \
                    kind in (None, "ce"):
                f.add(0.7, "the loss is exactly 0 from the first step: nothing to learn from",
                      signal=M.LOSS, steps=steps, value=0.0)
                if not fix:
                    fix.append("check the output layer: a softmax over one unit is always 1; "
                               "use one unit per class")
        # Keras clips probabilities to [1e-7, 1 - 1e-7] before the log; a loss on logits
        # has no such floor to be pinned at.
        if kind in ("ce", "bce") and logits is not True and level is not None and \
                level > 0.5 and f.confidence > 0:
            err = level / T.CLIPPED_CE_PER_ERROR
            if err <= 1.0:
                f.add(0.2, "loss %s = -ln(1e-7) x %s: probabilities pinned at 0 or 1, wrong on "
                      "%s of examples" % (fmt(level), fmt(err), fmt(err)), signal=M.LOSS,
                      value=level)
        f.summary = "The output activation does not fit the loss or the targets."
        f.fix = ("; ".join(fix) or "match the output layer to the loss") + "."
        f.fix = f.fix[0].upper() + f.fix[1:]
