"""Learning rate too high: updates overshoot instead of descending."""

import math
import warnings

import numpy as np

from tb_plateau import metadata as M
from tb_plateau.analysis import thresholds as T
from tb_plateau.analysis.causes.base import (Cause, Explains, learning_rate_phrase,
                                             rate_for_optimizer, step_setting_fix)
from tb_plateau.analysis.causes.exploding_gradients import recurrence_blew_up
from tb_plateau.analysis.context import fmt
from tb_plateau.analysis.measurements import measured, momentum_carry
from tb_plateau.analysis.thresholds import ramp


def killed_the_relus(ctx):
    # Units alive at the start that died after updates far above healthy were killed by
    # the step size: the dead units are its symptom.
    # As far as the steps are the rate's: not those of far-off data (learning_rate_implicated).
    killed, _ = ctx.killed_by_large_steps()
    trust, _, _ = learning_rate_implicated(ctx)
    return 1.0 - 0.5 * killed * trust


def jumped_before_the_relus_died(ctx):
    jump = ctx.learning_rate_jump()
    if jump is None or jump < T.LR_JUMP[0]:
        return 1.0
    return 1.0 - 0.6 * ramp(jump, *T.LR_JUMP)


def gradients_grew_from_the_steps(ctx):
    """Exploding gradients that the step size produced: the lr is high for its optimizer
    (or jumped, or a schedule grew it) and the gradients were moderate for their weights at
    the run's first diagnostic, so the blow-up came from the updates, not from the model
    or its starting weights (whose gradients are huge from the first step). The lr then
    accounts for most of the explosion's evidence.

    That first diagnostic follows the first update: when that update replaced ordinary
    initial weights (an adaptive optimizer moves every weight by about the rate, so Adamax
    at 2 moves weights of ~0.2 by 2), its gradients are already the steps' doing and the
    first batch's loss speaks for the initial state instead."""
    first = ctx.first_profile()
    if first is None or first["weight"] is None:
        return 1.0
    with np.errstate(all="ignore"):
        rel = first["grad"] / first["weight"]
    if (not np.all(np.isfinite(rel)) or float(np.max(rel)) >= T.RELATIVE_GRAD_HUGE[0]) and \
            not ctx.first_step_rebuilt_ordinary_weights():
        return 1.0
    _, _, direct = learning_rate_implicated(ctx)
    return 1.0 - T.LR_EXPLAINS_SYMPTOM * direct


def gradients_vanished_under_the_steps(ctx):
    """Vanishing gradients that the step size produced: the lr is high for its optimizer (or
    jumped, or grew) and the gradients reached the first layers at the run's first
    diagnostic (their depth ratio outside the vanishing range), so oversized updates
    saturated or silenced the layers since. The lr then accounts for most of the symptom."""
    first = ctx.first_profile()
    if first is None:
        return 1.0
    g = first["grad"]
    if len(g) < 2 or not np.all(np.isfinite(g)) or not g[-1] > T.GRAD_ZERO:
        return 1.0
    if ramp(float(np.min(g) / g[-1]), T.GRAD_DEPTH_RATIO_WEAK, T.GRAD_DEPTH_RATIO_STRONG) > 0:
        return 1.0  # vanishing from the start: the model, not the steps
    _, _, direct = learning_rate_implicated(ctx)
    return 1.0 - T.LR_EXPLAINS_SYMPTOM * direct


def saturation_from_the_steps(ctx):
    """Saturated units that the step size produced: the lr is high for its optimizer (or
    jumped, or grew) and no hidden layer was saturated at the run's first diagnostic, or that
    diagnostic followed a first update that replaced ordinary initial weights (Adam at 0.9
    moves every weight by about 0.9, and tanh units are pinned by the first step). Oversized
    updates pushed the units to their flat ends; the lr then accounts for most of the
    symptom. Units pinned before any step (a steep activation, weights started large) are
    left to saturation."""
    start = ctx.saturated_from_the_start()
    if start is None or (start >= T.SATURATED_FRACTION[0] and
                         not ctx.first_step_rebuilt_ordinary_weights()):
        return 1.0
    _, _, direct = learning_rate_implicated(ctx)
    return 1.0 - T.LR_EXPLAINS_SYMPTOM * direct


def peak_update_ratio(ctx):
    """Largest per-step median (over layers) update/weight ratio around the interval; an
    atypical first update (measurements.first_update_atypical) left out when later ones
    are around too."""
    steps, values = ctx.around(M.UPDATE_RATIO)
    if values is None or len(values) == 0 or values.ndim != 2:
        return None
    if len(values) > 1 and ctx.first_update_atypical(steps):
        values = values[1:]
    return largest_step_median(values)


def step_medians(values):
    """The finite per-step medians over layers of an update/weight ratio array [steps,
    layers], non-finite entries left out."""
    if not len(values):
        return np.zeros(0)
    v = np.where(np.isfinite(values), values, np.nan)
    with warnings.catch_warnings():  # a step with every layer NaN is a valid input
        warnings.simplefilter("ignore", RuntimeWarning)
        per_step = np.nanmedian(v, axis=1)
    return per_step[np.isfinite(per_step)]


def largest_step_median(values):
    """The largest per-step median over layers of an update/weight ratio array [steps,
    layers] (non-finite entries left out), or None when no step has a finite one."""
    per_step = step_medians(values)
    return float(per_step.max()) if len(per_step) else None


def run_peak_update_ratio(ctx):
    """Largest per-step median (over layers) update/weight ratio from the run's first logged
    step, its first update included, to the interval's end; None without one."""
    s = ctx.series(M.UPDATE_RATIO)
    if s is None or s.values.ndim != 2 or not len(s.steps):
        return None
    return largest_step_median(s.values[:int(np.searchsorted(s.steps, ctx.end, side="right"))])


def learning_rate_growth(ctx):
    """Largest learning rate up to the interval's end over the run's first one (a schedule
    that grows, a warm-up gone wrong); None without a logged learning rate."""
    s = ctx.series(M.LEARNING_RATE)
    if s is None or s.values.ndim != 1 or len(s.steps) == 0:
        return None
    upto = int(np.searchsorted(s.steps, ctx.end, side="right"))
    v = s.values[:upto]
    v = v[np.isfinite(v) & (v > 0)]
    return float(v.max() / v[0]) if len(v) else None


def gradients_abnormal(ctx):
    """How abnormal (0..1) the gradients are relative to the weights: the largest relative
    gradient (the probe's, or the one the training steps imply: implied_gradient_ratio) on
    the RELATIVE_GRAD_HUGE ramp, 1 when they overflowed from the first step."""
    if ctx.first_step_gradients_nonfinite():
        return 1.0
    prof = ctx.gradient_picture()
    rel = prof["relative"] if prof is not None else None
    rel = rel[np.isfinite(rel)] if rel is not None else np.zeros(0)
    probe = ramp(float(rel.max()), *T.RELATIVE_GRAD_HUGE) if len(rel) else 0.0
    # The training batches' own gradients, as the steps an SGD-type optimizer took at a
    # normal rate imply them.
    implied = ctx.implied_gradient_ratio()
    return max(probe, ramp(implied[0], *T.IMPLIED_GRAD_HUGE) if implied else 0.0)


def ratios_large_away_from(ctx, spikes):
    """Whether the update/weight ratio, up to the interval's end, is large (a median over
    steps of UPDATE_RATIO_HIGH_WEAK or more) at the steps other than `spikes` and the two
    after each: large steps throughout are the rate's, whatever one batch adds."""
    s = ctx.series(M.UPDATE_RATIO)
    if s is None or s.values.ndim != 2 or not len(s.steps):
        return False
    steps = np.asarray(s.steps)
    keep = steps <= ctx.end
    for at in spikes:
        keep &= (steps < at) | (steps > at + 2)
    per_step = step_medians(s.values[keep])
    return bool(len(per_step)) and float(np.median(per_step)) >= T.UPDATE_RATIO_HIGH_WEAK


@measured
def learning_rate_implicated(ctx):
    """How far (0..1) a large update/weight ratio can be blamed on the learning rate, and
    the alternatives that explain it instead (principle: the ratio alone is no proof).

    The lr itself implicated (high for its optimizer, a jump, schedule growth) -> 1.
    Otherwise start at 1 and let each alternative (collapsing weights, abnormal gradients,
    optimizer weight decay) scale it down to LR_ALTERNATIVE_KEEP at its strongest.
    """
    lr_high, _ = ctx.learning_rate_band()
    jump = ctx.learning_rate_jump()
    growth = learning_rate_growth(ctx)
    direct = max(lr_high, ramp(jump, *T.LR_JUMP) if jump else 0.0,
                 ramp(growth, *T.LR_JUMP) if growth else 0.0)
    keep = 1.0 - T.LR_ALTERNATIVE_KEEP
    alternatives = []
    other = 1.0
    change, shrink = ctx.weight_shrink()
    if shrink > 0:
        other *= 1.0 - keep * shrink
        alternatives.append("the weights shrank to %s of their initial norm, which "
                            "inflates the ratio" % fmt(change))
    else:
        # The whole model's norm held up by layers that step normally, the large steps all
        # in layers whose own weights were pulled toward zero.
        shrunk = ctx.shrunk_layers_take_the_large_steps()
        if shrunk is not None:
            names, change, strength = shrunk
            other *= 1.0 - keep * strength
            alternatives.append("the layers taking the large steps (%s) shrank to %s of "
                                "their first norm: next to weights held near zero any "
                                "update is large" % (", ".join(names[:3]), fmt(change)))
    # Under a plain gradient step the MSE/MAE gradient grows with the error, which starts
    # at the targets' size: targets of scale 100 step 100 x further than standardised ones
    # at the same rate; fit's class or sample weights that average S over the examples scale
    # the loss, and so every step, by S (an adaptive optimizer divides either scale out).
    if ctx.adaptive() is False:
        weighted = ctx.loss_weight_scale() or (None, None)
        for scale, band, text in (
                (ctx.target_scale(), T.TARGET_SCALE_STEPS,
                 "the regression targets reach scale %s (standardised ~1), which scales every "
                 "%s step with them"),
                (weighted[0], T.LOSS_WEIGHT_STEPS,
                 "fit's " + str(weighted[1]) + " weighs the examples %s on average, which "
                 "scales the loss and every %s step with it"),
                (ctx.summed_batch(), T.SUMMED_BATCH,
                 "the loss is summed over batches of %s, which scales it and every %s step "
                 "by the batch size")):
            big = ramp(scale, *band) if scale is not None else 0.0
            if big > 0 and band is not T.TARGET_SCALE_STEPS:
                # A scale that turns this normal rate into a high one is the whole story.
                big = max(big, ctx.scaled_rate_high())
            if big > 0:
                other *= 1.0 - keep * big
                alternatives.append(text % (fmt(scale), ctx.optimizer()))
    # Units pinned at a squashing activation's flat ends from the first logged step, at a
    # rate that is not high for the optimizer: the steps did not put them there, and the few
    # units left on the activation's steep part take large steps at any rate. Only in a
    # model that learned little (one that fits well despite them is judged on its steps),
    # and not behind unnormalized inputs (they pin the units and make the steps large
    # together).
    pinned = ctx.saturated_from_the_start() if ctx.learned_little() else None
    if pinned is not None and direct == 0 and ctx.unnormalized_input_strength() < 0.5:
        strength = ramp(pinned, *T.SATURATED_FRACTION)
        if strength > 0:
            other *= 1.0 - keep * strength
            alternatives.append("%.0f%% of a hidden layer's outputs are pinned at its "
                                "activation's flat ends from the first logged step, before "
                                "any step could push them there" % (100 * pinned))
    # One batch far off the rest each epoch makes its own huge steps at any rate of a plain
    # gradient step (an adaptive optimizer bounds its steps by the rate), when the steps
    # away from its jumps are not large too.
    outlier = ctx.recurring_batch_spikes() if ctx.adaptive() is False else None
    if outlier is not None and not ratios_large_away_from(ctx, outlier[0]):
        other *= 1.0 - keep
        alternatives.append("one batch's loss jumps %s x the run's level or more once every "
                            "epoch (steps %s): an example in it is far off the rest, and its "
                            "gradient makes the large updates"
                            % (fmt(outlier[1]), ", ".join(map(str, outlier[0][:3]))))
    # One batch whose loss jumped far above the rest, at a rate not high for a plain
    # gradient step: its blown-up gradient made the large step (a recurrence or loss that
    # clipping was meant to hold), not the rate.
    spike = ctx.loss_spike() if direct == 0 and ctx.adaptive() is False else None
    if spike is not None and outlier is None:
        # (Through an unbounded recurrence, any blow-up is that state growing.)
        strength = 1.0 if recurrence_blew_up(ctx) is not None else ramp(spike[0], *T.LOSS_SPIKE)
        if strength > 0:
            other *= 1.0 - keep * strength
            alternatives.append("the loss of the batch at step %d jumped to %s x the level "
                                "around it: a gradient that blew up on that batch made the "
                                "large step" % (spike[1], fmt(spike[0])))
    # A bounded recurrence that saturated during training under a plain gradient step
    # without clipping, at a rate that is not high for it: its gradient through time grew
    # on some batches, and their steps were the large ones. So did one whose recurrent
    # kernel the configuration starts above gain 1, under a plain step without clipping at
    # such a rate: the state and its gradient through time are multiplied by the gain at
    # every timestep.
    pinned = ctx.recurrence_saturated() if direct == 0 else None
    if pinned is not None and pinned["grew"]:
        other *= 1.0 - keep * pinned["strength"]
        alternatives.append("%s's state saturated during the run without gradient clipping: "
                            "its gradient through time grew on some batches and made the "
                            "large steps" % pinned["layer"])
    elif pinned is not None and pinned["gain"] is not None and ctx.adaptive() is False and \
            not ctx.clips_gradients():
        other *= 1.0 - keep * pinned["strength"]
        alternatives.append("%s's recurrent kernel starts at gain %s, without gradient "
                            "clipping: its gradient through time is multiplied by the gain at "
                            "every timestep and made the large steps"
                            % (pinned["layer"], fmt(pinned["gain"])))
    # A recurrent layer's weights that grew under unclipped plain steps at a rate that is
    # not high for them while the loss learned nothing: batches whose gradient through time
    # grew made the large steps.
    grew = ctx.recurrence_weights_grew() if direct == 0 else None
    if grew is not None:
        other *= 1.0 - keep * grew["strength"]
        alternatives.append("%s's gradient through time grew on some batches without "
                            "clipping and made the large steps: %s"
                            % (grew["layer"], grew["how"]))
    # Every layer's weights driven to one common value: a shift applied to all alike (a
    # decay written w - c), not gradient steps, made the large updates.
    shifted = ctx.weights_shifted_alike()
    if shifted is not None:
        other *= 1.0 - keep * shifted[0]
        alternatives.append("the weights of %s drifted alike to about %s: something besides "
                            "the gradient shifts every weight by the same amount"
                            % (", ".join(shifted[1][:3]), fmt(shifted[2])))
    # Gradients large only relative to collapsed weights are the collapse, counted above.
    abnormal = gradients_abnormal(ctx) * (1.0 - ctx.collapsed_weights_without_gradient_growth())
    if abnormal > 0:
        other *= 1.0 - keep * abnormal
        alternatives.append("the gradients are abnormally large for the weights")
    decay = ctx.optimizer_weight_decay()
    if decay is not None and decay[1] is not None:
        strength = ramp(decay[1], *T.WEIGHT_DECAY_PER_STEP)
        if strength > 0:
            other *= 1.0 - keep * strength
            alternatives.append("optimizer weight decay removes %s of each weight per step"
                                % fmt(decay[1]))
    # FTRL-Proximal gives each coordinate its own rate, largest for the features seen least,
    # and its L1 term keeps most weights at or near zero: a layer's update/weight ratio is
    # routinely far above the ~1e-3 of dense networks under SGD or Adam.
    designed = ctx.per_coordinate_rates()
    if designed:
        other *= 1.0 - keep
        alternatives.append("FTRL's per-coordinate rates make large update/weight ratios normal"
                            if designed == "ftrl" else
                            "LAMB scales each layer's step to the learning rate times its "
                            "weights' norm: its update/weight ratio is the rate")
    # A norm constraint holding the weights small makes any update large next to them.
    tight, constraint = ctx.weight_constraint()
    if tight > 0:
        other *= 1.0 - keep * tight
        alternatives.append("a %s constraint holds the weights of %s to norm %s"
                            % (constraint[2] or "norm", constraint[1], fmt(constraint[0])))
    # Updates beyond what the optimizer can step at its rate were made by something else
    # (a constraint, a callback, an assignment): their size is not the rate's.
    beyond = ctx.steps_beyond_optimizer()
    if beyond is not None:
        other *= 1.0 - keep
        alternatives.append("%s moves ~%s x further than %s steps at this rate (from step "
                            "%d on): something besides the optimizer changes the weights"
                            % (beyond[0], fmt(beyond[2]), ctx.optimizer(), beyond[1]))
    return max(direct, other), alternatives, direct


def trend_removed(medians):
    """The medians of an interval's parts less their straight-line trend when that trend
    falls: a loss that keeps going down moves its parts' medians apart without swinging (a
    slow but steady descent is not an oscillation). A flat or rising trend is kept."""
    x = np.arange(len(medians), dtype=np.float64)
    slope, intercept = np.polyfit(x, medians, 1)
    if not slope < 0:
        return medians
    return medians - (slope * x + intercept)


def monotone_removed(medians):
    """The medians of an interval's parts less the closest non-increasing sequence (least
    squares, pooling adjacent violators): a descent of any shape (one that lingers, then
    drops, then slows) moves its parts' medians apart without swinging; only the rises it
    cannot follow, the swings, are left."""
    blocks = []  # [sum, count] of pooled runs
    for value in np.asarray(medians, dtype=np.float64):
        blocks.append([value, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] < blocks[-1][0] / blocks[-1][1]:
            total, count = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += count
    fit = np.concatenate([np.full(count, total / count) for total, count in blocks])
    return medians - fit


def loss_volatility(ctx, any_descent=False):
    """How far the loss swings inside the interval beyond its batch noise, relative to its
    level (robust std / |median|), or None.

    Batch-to-batch spread says nothing about the learning rate (a batch of 32 heavy-tailed
    regression errors spreads by half its mean at any step size); an oversized step shows as
    swings of the loss's level itself. So the interval is cut into tenths and the spread of
    their medians is compared with what the batch noise alone gives a median of that many
    points; only the excess counts. A per-epoch series (few points, each already an
    average) is judged on its points directly.

    Relative to the level only where a perfect fit is a loss of 0 (cross-entropy, MSE, MAE,
    or an unnamed loss that stays positive): a loss that goes negative (Poisson, a
    log-likelihood) has no such zero, and its spread over its level means nothing. A falling
    trend across the parts is taken out first (trend_removed); with `any_descent`, so is the
    closest non-increasing sequence (monotone_removed): the swings left are rises no descent
    makes, what "oscillates without going down steadily" claims. Without it a descent
    that rises a tenth between its falls still swings (what excuses a loss above the
    constant is a steady descent)."""
    loss = ctx.loss_inside()
    if len(loss) < 5:
        return None
    if ctx.loss_kind is None and np.min(loss) <= 0:
        return None
    med = float(np.median(loss))
    # In units of the level, so huge losses (1e300 before a blow-up) cannot overflow below.
    loss = loss / max(abs(med), 1e-12)
    med = float(np.sign(med)) if med else 0.0
    if len(loss) < T.VOLATILITY_MIN_POINTS:
        return 1.4826 * float(np.median(np.abs(loss - med)))
    parts = np.array_split(loss, 10)
    medians = np.array([np.median(p) for p in parts])
    within = 1.4826 * float(np.median(np.concatenate([np.abs(p - np.median(p)) for p in parts])))
    size = min(len(p) for p in parts)
    expected = 1.2533 * within / np.sqrt(size)  # the standard error of a median
    # The smallest of the spreads about the median, about the falling trend and about the
    # closest non-increasing sequence: a straight line fits a decelerating descent worse
    # than its median does, and neither fits one that lingers and then drops.
    candidates = (medians, trend_removed(medians)) + \
        ((monotone_removed(medians),) if any_descent else ())
    between = min(1.4826 * float(np.median(np.abs(m - np.median(m)))) for m in candidates)
    if not between > expected:
        return 0.0
    # sqrt(between^2 - expected^2), factored so that no square can overflow.
    return float(np.sqrt(between - expected) * np.sqrt(between + expected))


class LearningRateTooHigh(Cause):
    id = "learning_rate_too_high"
    title = "Learning rate too high"
    contradicts = ("learning_rate_too_low",)
    # The step size comes after the data and the starting weights, before what it does to
    # the network's state.
    precedence = 50
    explains = (Explains("dead_relus", killed_the_relus),
                Explains("dead_relus", jumped_before_the_relus_died),
                Explains("exploding_gradients", gradients_grew_from_the_steps),
                Explains("vanishing_gradients", gradients_vanished_under_the_steps),
                Explains("saturated_activations", saturation_from_the_steps))
    fires_when_converged = True

    def examine(self, ctx, f):
        lr = ctx.learning_rate()
        # The update/weight ratio is evidence about the learning rate only as far as the
        # lr itself is implicated or nothing else explains a large ratio.
        trust, alternatives, direct = learning_rate_implicated(ctx)
        prof = ctx.grad_profile()
        # A dead network (no gradient reaches any layer under the output) while the learning
        # rate itself is implicated (high for its optimizer, jumped, growing): the lr killed
        # it, and its still steps say nothing against the lr.
        killed_by_lr = prof is not None and len(prof["grad"]) > 1 and \
            np.all(prof["grad"][:-1] <= T.GRAD_ZERO) and direct >= 0.5
        ur, per_layer = ctx.median_update_ratio("around")
        if ur is not None:
            f.add(trust * ramp(ur, T.UPDATE_RATIO_HIGH_WEAK, T.UPDATE_RATIO_HIGH_STRONG),
                  "update/weight ratio %s per step (healthy ~1e-3)" % fmt(ur),
                  signal=M.UPDATE_RATIO, steps=(ctx.lead_start, ctx.end), value=ur)
            peak = peak_update_ratio(ctx)
            if peak is not None and peak > ur:
                f.add(trust * 0.8 * ramp(peak, T.UPDATE_RATIO_HIGH_WEAK, T.UPDATE_RATIO_HIGH_STRONG),
                      "update/weight ratio peaked at %s (healthy ~1e-3)" % fmt(peak),
                      signal=M.UPDATE_RATIO, steps=(ctx.lead_start, ctx.end), value=peak)
            # Small steps speak against oversized ones, unless the network is dead (a dead
            # network makes no updates whatever the step size) or the rate, high for its
            # optimizer, already took oversized steps earlier in the run: an adaptive
            # optimizer's steps shrink after a blow-up (its second-moment memory of the huge
            # gradients), which does not clear the rate that caused it.
            # Nor when the units were alive at the start and died after steps far above
            # healthy (killed_by_large_steps): the dead layers make no updates since.
            if max(ur, peak or 0) < T.UPDATE_RATIO_HEALTHY and not killed_by_lr and \
                    not (direct >= 0.5 and (run_peak_update_ratio(ctx) or 0.0)
                         >= T.UPDATE_RATIO_HIGH_STRONG) and \
                    not ctx.killed_by_large_steps()[0] > 0:
                f.against(0.3)
        lr_high, lr_low = ctx.learning_rate_band()
        if lr is not None:
            f.add(0.7 * lr_high, rate_for_optimizer(ctx, lr, "high"),
                  signal=M.LEARNING_RATE, value=lr)
        jump = ctx.learning_rate_jump()
        if jump is not None:
            f.add(0.9 * ramp(jump, *T.LR_JUMP),
                  "the learning rate jumped %s x right before the interval" % fmt(jump),
                  signal=M.LEARNING_RATE, steps=(ctx.lead_start, ctx.start), value=jump)
        # Large inputs make large gradients and steps at any sane lr: a blow-up then says
        # less about the learning rate.
        inputs_fine = ctx.unnormalized_input_strength() < 0.5
        killed, death = ctx.killed_by_large_steps()
        if killed > 0:
            f.add(trust * 0.95 * killed,
                  "ReLU units were alive at the start and died by step %d, %s"
                  % (death["onset"], ctx.large_steps_text(death)),
                  signal=M.UPDATE_RATIO, steps=(ctx.first_step, death["onset"]),
                  value=death["peak_update"])
        # Steps far below healthy during the stall cannot be overshooting: unless the lr
        # itself is high/jumped or earlier large steps killed units, the loss's shape
        # (noise, a level above the baseline) is not this cause's, and it must not sit
        # as filler next to learning_rate_too_low.
        ur_inside, _ = ctx.median_update_ratio()
        if ur_inside is not None and direct == 0 and killed == 0:
            f.against(1.0 - ramp(ur_inside, T.UPDATE_RATIO_HEALTHY, T.UPDATE_RATIO_LOW_WEAK))
        # When the ratio was discounted (collapsing weights, abnormal gradients, weight
        # decay at a normal lr), say so: the user sees why this cause ranks low.
        if alternatives and trust < 0.5 and f.confidence > 0:
            f.evidence.append((0.0, {"text": "large updates, but not from the learning rate "
                                             "(%s normal for %s): %s" % (
                                                 fmt(lr), ctx.optimizer() or "its optimizer",
                                                 "; ".join(alternatives))}))
        if lr_low > 0:
            f.against(1.0 - 0.8 * lr_low)  # a learning rate too low for its optimizer
        normal_lr = lr is not None and lr_high == 0
        if ctx.kind == "diverged":
            f.add((0.55 if inputs_fine else 0.3) * (0.6 if normal_lr else 1.0),
                  "the loss blew up%s" % (" to NaN/Inf" if ctx.level is None else
                                          " (median %s in the interval)" % fmt(ctx.level)),
                  signal=M.LOSS, steps=ctx.span)
        elif ctx.baseline and ctx.level is not None and ctx.baseline > 0 and \
                ctx.penalty_dominates() is None:
            # (A loss that is mostly regularisation terms sits above the constant prediction
            # by their size, not by overshooting.)
            worse = ctx.level / ctx.baseline
            # A loss that started even worse and is still falling steadily (no swings) has
            # not got down to the constant yet (weights started far off, small steps): not
            # overshooting.
            swings = loss_volatility(ctx)
            descending = ctx.loss_still_falling() and ctx.initial_loss is not None and \
                ctx.initial_loss >= ctx.level and (swings is None or swings < T.LOSS_SWINGS[0])
            f.add(0.7 * ramp(worse, 1.3, 3.0) * (0.0 if descending else 1.0),
                  "loss %s is worse than predicting a constant (%s): the optimizer overshoots"
                  % (fmt(ctx.level), fmt(ctx.baseline)), signal=M.LOSS, steps=ctx.span,
                  value=ctx.level)
        if ctx.initial_loss and ctx.level is not None and ctx.initial_loss > 0 and \
                ctx.kind == "stalled":
            f.add(0.5 * ramp(ctx.level / ctx.initial_loss, 1.3, 3.0),
                  "loss rose from %s at the start to %s" % (fmt(ctx.initial_loss), fmt(ctx.level)),
                  signal=M.LOSS, steps=ctx.span)
        vol = loss_volatility(ctx, any_descent=True)
        if vol is not None and ctx.kind == "stalled":
            # Swings of a loss that sits at a few percent of the constant-prediction loss
            # are between good fits (a small data set nearly memorised): relative to so
            # small a level they look large, and say nothing about overshooting.
            fitted = ramp(ctx.level / ctx.baseline, *T.OSCILLATION_LEVEL) \
                if ctx.baseline and ctx.baseline > 0 and ctx.level is not None else 1.0
            f.add(0.4 * fitted * ramp(vol, *T.LOSS_SWINGS),
                  "the loss oscillates (relative spread %s) without going down steadily"
                  % fmt(vol),
                  signal=M.LOSS, steps=ctx.span, value=vol)
        # Momentum far above the usual 0.9 under SGD (0.999, Adam's beta_2 copied into
        # SGD's momentum) keeps a thousand steps of gradient in every update: underdamped,
        # the weights swing for hundreds of steps after each push. With the loss swinging or
        # units killed by the large steps, that setting is the step size's problem.
        factor, settings = ctx.step_scale()
        momentum = ctx.optimizer_config().get("momentum")
        if any(key == "momentum" for key, _ in settings) and \
                (killed > 0 or (vol is not None and vol >= T.LOSS_SWINGS[0])):
            f.add(0.6 * ramp(factor, *T.MOMENTUM_STEP_FACTOR),
                  "momentum=%s carries each gradient over ~%d steps (0.9: 10), so every update "
                  "is %s x what the learning rate gives at 0.9, and the %s"
                  % (fmt(momentum), round(momentum_carry(momentum)),
                     fmt((1.0 - T.USUAL_MOMENTUM) * momentum_carry(momentum)),
                     "units it pushed died" if killed > 0 else "loss swings without descending"),
                  signal=M.LEARNING_RATE, value=factor)
        if prof is not None and np.all(prof["grad"] <= T.GRAD_ZERO) and not killed_by_lr:
            f.against(0.5)  # nothing moves at all: a dead or symmetric network
        # Steps that overshoot do not make a loss that still falls steadily, nor one that got
        # down to a good level and sits there, without swings beyond its batch noise (or
        # whose swings cannot be told: a Poisson or likelihood loss has no zero to measure
        # them against): at a rate that is not high for its optimizer, with no units it
        # killed, large update/weight ratios alone (small weights under plain SGD, an LSTM's,
        # a small net under SGD with momentum) are then a descent's, not an overshoot's.
        if ctx.kind == "stalled" and direct == 0 and killed == 0 and \
                (vol is None or vol < T.LOSS_SWINGS[0]) and \
                (ctx.loss_still_falling() or ctx.at_good_level()):
            f.against(0.5)
        # A model with no hidden layer has a convex loss: steps too large for it make the
        # loss swing about its best, at any rate. One that learned little and sits there
        # without swings has found what a linear model can (its large ratios are steps
        # over weights whose best values are near zero), whatever the rate.
        if ctx.kind == "stalled" and killed == 0 and ctx.no_hidden_layer() and \
                ctx.learned_little() and (vol is None or vol < T.LOSS_SWINGS[0]):
            f.against(0.5)
        new_lr = lr / 10 if lr else None
        f.summary = ("The learning rate is too high%s: updates overshoot instead of descending."
                     % learning_rate_phrase(lr))
        f.fix = ("Lower the learning rate 10x%s; if it must stay high, add warm-up or a decay "
                 "schedule, or clip gradients (clipnorm=1.0)."
                 % (", to %s" % fmt(new_lr) if new_lr else " (Adam: start at 1e-3)"))
        scale = ctx.step_scale()[0]
        high_from = ctx.learning_rate_bands()[0][0] / scale if scale > 0 else math.inf
        if new_lr and new_lr >= high_from:
            # A tenth of a rate far past the optimizer's range is still high: suggest a rate
            # a decade below where high begins.
            f.fix = ("Lower the learning rate to %s: rates from %s are high for %s, and %s is "
                     "%s x that. If it must stay high, add warm-up or a decay schedule, or clip "
                     "gradients (clipnorm=1.0)." % (fmt(high_from / 10), fmt(high_from),
                                                    ctx.optimizer() or "this optimizer",
                                                    fmt(lr), fmt(lr / high_from)))
        if ctx.step_scale()[0] > 1 and lr_high > 0:
            f.fix = step_setting_fix(ctx, lr)
