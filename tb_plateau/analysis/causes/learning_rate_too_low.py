"""Learning rate too low: gradients are fine but each step barely moves the weights."""

import numpy as np

from tb_plateau import metadata as M
from tb_plateau.analysis import thresholds as T
from tb_plateau.analysis.causes.base import (Cause, Explains, learning_rate_phrase,
                                             rate_for_optimizer, step_setting_fix)
from tb_plateau.analysis.causes.insufficient_capacity import short_of_its_linear_fit
from tb_plateau.analysis.causes.vanishing_gradients import forgetful_recurrence
from tb_plateau.analysis.context import fmt
from tb_plateau.analysis.thresholds import ramp


def gradient_clipping(ctx):
    """(key, limit, gradient norm (per entry for clipvalue), strength 0..1) when the
    optimizer clips the gradients far below their size and scales its steps with them (not
    an adaptive optimizer, which divides the clipped gradient by its own running scale),
    else None."""
    config = ctx.optimizer_config()
    if not config or ctx.adaptive() is not False:
        return None
    prof = ctx.grad_profile()
    course = ctx.global_gradient_course()
    for key in T.CLIP_SETTINGS:
        limit = config.get(key)
        if not isinstance(limit, (int, float)) or not limit > 0:
            continue
        if key == "global_clipnorm":
            norm = course["inside"] if course is not None else None
        elif key == "clipvalue":
            # Each gradient entry clipped to +-limit: against the typical entry.
            norm = ctx.gradient_element_scale()
        else:
            finite = prof["grad"][np.isfinite(prof["grad"])] if prof is not None else []
            norm = float(np.max(finite)) if len(finite) else None
        if norm is not None and norm > T.GRAD_ZERO and limit < norm:
            return key, float(limit), float(norm), ramp(limit / norm, *T.CLIP_SHARE)
    return None


# Optimizers whose step per weight is about the learning rate whatever the gradient's size
# (the gradient divided by its own running scale, or its sign): Adagrad and Adadelta, whose
# steps shrink as squared gradients accumulate, are not among them.
NORMALISED_STEPS = ("adam", "nadam", "adamax", "adamw", "lion", "rmsprop", "lamb")


def normalised_steps(ctx):
    """Whether the run's optimizer steps each weight by about its rate (NORMALISED_STEPS)."""
    name = (ctx.optimizer() or "").lower()
    return bool(name) and name.startswith(NORMALISED_STEPS)


def rate_set_the_weights_small(ctx):
    """FTRL-Proximal computes each weight from its accumulators, in proportion to the
    learning rate: at a rate low for it every layer's weights are small, and the gradient
    shrinks back through them layer by layer. Vanishing gradients are then the rate's
    symptom, not the depth's: the share of their confidence left."""
    if ctx.per_coordinate_rates() != "ftrl":
        return 1.0
    _, low = ctx.learning_rate_band()
    return 1.0 - T.RATE_SET_WEIGHTS_EXPLAINS * low


def steps_kept_the_state_still(ctx):
    """A recurrent layer whose last state barely varies (vanishing gradients'
    forgetful_recurrence, in a model that learned nothing) while the gradient reaching it
    has not vanished (its gradient/weight at least GRAD_DEPTH_RATIO_WEAK of the output
    layer's) and its own steps are far below healthy (update/weight under
    UPDATE_RATIO_LOW_WEAK): the rate kept its weights where they started, and the state is
    what they start with, not what a gradient that faded through time left. The share of
    vanishing gradients' evidence left: half then, else all of it."""
    forgot = forgetful_recurrence(ctx) if ctx.learned_nothing() else None
    prof = ctx.grad_profile()
    _, steps = ctx.median_update_ratio()
    if forgot is None or prof is None or prof["relative"] is None or steps is None:
        return 1.0
    layer = next((l for l in ctx.layers() if l.get("name") == forgot[0]), None)
    grad_at = ctx.recurrent_column(layer, M.GRAD_NORM) if layer is not None else None
    step_at = ctx.recurrent_column(layer, M.UPDATE_RATIO) if layer is not None else None
    rel = prof["relative"]
    if grad_at is None or step_at is None or grad_at >= len(rel) or step_at >= len(steps):
        return 1.0
    own, output, step = float(rel[grad_at]), float(rel[-1]), float(steps[step_at])
    if not (np.isfinite(own) and np.isfinite(output) and np.isfinite(step)) or output <= 0:
        return 1.0
    still = own >= T.GRAD_DEPTH_RATIO_WEAK * output and 0 < step < T.UPDATE_RATIO_LOW_WEAK
    return 0.5 if still else 1.0


def creeping_down(ctx):
    """(the first quarter's median, the last's) when the interval's loss (20 points or more)
    falls from each quarter to the next, else None."""
    loss = ctx.loss_inside()
    if len(loss) < 20 or not ctx.level:
        return None
    meds = np.array([np.median(q) for q in np.array_split(loss, 4)])
    return (float(meds[0]), float(meds[-1])) if np.all(np.diff(meds) < 0) else None


def creeping_toward_its_linear_fit(ctx):
    """(Context.linear_fit_far_lower's finding, how far it crawls: CRAWL's ramp, in (0, 1],
    of how many times the steps run so far the loss would need, at its pace over the
    interval, to come down to that fit) when the model can compute the fit
    (short_of_its_linear_fit), its loss still creeps down (creeping_down), its rate is not
    high for its optimizer, and that pace is that slow. A model on its way to a fit it has
    not had the steps to reach; one that would get there in a few more runs' steps is
    still training. Else None."""
    crept = creeping_down(ctx)
    if crept is None or ctx.learning_rate_band()[0] > 0 or not short_of_its_linear_fit(ctx):
        return None
    found = ctx.linear_fit_far_lower()
    first, last = crept
    # The quarters' medians sit three quarters of the interval apart.
    pace = (first - last) / (0.75 * max(1, ctx.end - ctx.start))
    needed = (last - found[2]) / pace / max(1, ctx.end - ctx.first_step)
    crawl = ramp(needed, *T.CRAWL)
    return (found, crawl, needed) if crawl > 0 else None


class LearningRateTooLow(Cause):
    id = "learning_rate_too_low"
    contradicts = ("learning_rate_too_high",)
    title = "Learning rate too low"
    precedence = 60
    explains = (Explains("vanishing_gradients", rate_set_the_weights_small),
                Explains("vanishing_gradients", steps_kept_the_state_still))
    kinds = ("stalled",)

    def examine(self, ctx, f):
        lr = ctx.learning_rate()
        ur, per_layer = ctx.median_update_ratio()
        crawling = creeping_toward_its_linear_fit(ctx)
        if ctx.per_coordinate_rates():
            ur = None  # FTRL's ratios say nothing about the step size
        if ctx.nonfinite_layers(M.WEIGHT_NORM)[0]:
            # Weights that overflowed to NaN/Inf make every step vanish beside them (or the
            # ratio undefined): it says nothing about the step size.
            ur = None
        prof = ctx.grad_profile()
        if ur is not None:
            f.add(ramp(ur, T.UPDATE_RATIO_LOW_WEAK, T.UPDATE_RATIO_LOW_STRONG),
                  "update/weight ratio %s per step (healthy ~1e-3)" % fmt(ur),
                  signal=M.UPDATE_RATIO, steps=ctx.span, value=ur)
            # Steps of a healthy size speak against it, more the nearer they are to healthy:
            # 1.1e-4 is still ten times below it, not a cliff past LOW_WEAK. Not where the
            # loss is measured creeping toward a fit the model can compute far below it
            # (creeping_toward_its_linear_fit): a step of a thousandth of weights that must
            # grow several times over is a small one.
            f.against(1.0 - 0.75 * ramp(ur, T.UPDATE_RATIO_LOW_WEAK, T.UPDATE_RATIO_HEALTHY)
                      * (1.0 - (crawling[1] if crawling is not None else 0.0)))
            finite = per_layer[np.isfinite(per_layer)]
            positive = finite[finite > 0]
            # Some layers move normally: the step size is not what is small. A layer that
            # does not move at all beside one that moves is the clearest case (its weights
            # get no gradient on the batches).
            if (len(positive) >= 2 and
                    positive.max() / positive.min() > 1.0 / T.GRAD_DEPTH_RATIO_WEAK) or \
                    (len(positive) and len(positive) < len(finite) and
                     positive.max() >= T.UPDATE_RATIO_LOW_WEAK):
                f.against(0.4)
            if ur < T.UPDATE_RATIO_LOW_WEAK and lr is not None and normalised_steps(ctx) and \
                    ctx.learning_rate_band()[1] == 0 and ctx.learning_rate_collapse() is None:
                # Adam-type optimizers step each weight by about the rate whatever its
                # gradient's size: steps this small at a rate that is not low (nor fallen
                # far from its peak) are weights whose gradient on the batches is zero (a
                # dead path) or weights grown huge, not the rate.
                f.against(0.3)
        if lr is not None:
            _, lr_low = ctx.learning_rate_band()
            f.add(0.8 * lr_low, rate_for_optimizer(ctx, lr, "very low"),
                  signal=M.LEARNING_RATE, value=lr)
        if prof is not None:
            g = prof["grad"]
            if np.all(g <= T.GRAD_ZERO):
                f.against(0.1)  # no gradient at all: not the step size
            elif np.sum(g <= T.GRAD_ZERO) >= max(1, len(g) - 1):
                f.against(0.3)
            elif prof["relative"] is not None:
                rel = prof["relative"][np.isfinite(prof["relative"]) & (prof["relative"] > 0)]
                # Under a plain gradient step (SGD-type) at a rate that is not low, steps
                # this small come from gradients that are tiny in every layer, not from the
                # rate (a loss flat in the outputs, a signal that vanished).
                if len(rel) and ctx.adaptive() is False and lr is not None and \
                        ctx.learning_rate_band()[1] == 0 and np.max(rel) < T.RELATIVE_GRAD_TINY[0]:
                    f.against(1.0 - 0.8 * ramp(float(np.max(rel)), *T.RELATIVE_GRAD_TINY))
                if len(rel) and np.min(rel) > T.RELATIVE_GRAD_TINY[0] and \
                        np.max(rel) < T.RELATIVE_GRAD_HUGE[0]:
                    f.add(0.2, "gradients are healthy (gradient/weight %s..%s): the steps are "
                          "what is small" % (fmt(rel.min()), fmt(rel.max())),
                          signal=M.GRAD_NORM, steps=ctx.span)
        else:
            self.examine_global_norm(ctx, f, lr)
        clipped = gradient_clipping(ctx)
        if clipped is not None:
            key, limit, norm, strength = clipped
            f.add(strength, "%s=%s caps every gradient at %s x its size (%s %s): with %s "
                  "the step shrinks with it" % (
                      key, fmt(limit), fmt(limit / norm),
                      "a typical entry" if key == "clipvalue" else "norm", fmt(norm),
                      ctx.optimizer() or "this optimizer"),
                  signal=M.GRAD_NORM, steps=ctx.span, value=limit)
        # A slow but steady decline inside the "stall" is the shape of too-small steps.
        crept = creeping_down(ctx)
        if crept is not None:
            f.add(0.3, "the loss still creeps down steadily (%s -> %s) inside the interval"
                  % (fmt(crept[0]), fmt(crept[1])), signal=M.LOSS, steps=ctx.span)
        if crawling is not None:
            (strength, probe, vote, constant, _, examples), crawl, needed = crawling
            f.add(0.6 * strength * crawl, "a linear fit of the probe's examples, each left "
                  "out of its own, scores %s on %d of them (a constant: %s), where this model, "
                  "which can compute any linear map of its inputs, scores %s: at its pace "
                  "over this interval the loss would need about %s times the steps run so "
                  "far to get there" % (fmt(vote), examples, fmt(constant), fmt(probe),
                                        fmt(needed)),
                  signal=M.REFERENCE_FIT, steps=ctx.span, value=vote)
        collapse = ctx.learning_rate_collapse()
        if collapse is not None:
            peak, now = collapse
            f.add(0.9, "the learning rate fell from %s to %s (%s) by this interval: %s, "
                  "the weights no longer move"
                  % (fmt(peak), fmt(now), "to zero" if now <= 0 else
                     "%.1f decades" % np.log10(peak / now),
                     "far below where any schedule ends" if now <= T.LR_COLLAPSE * peak else
                     "tenfold within the run's first tenth, faster than any schedule cuts it"),
                  signal=M.LEARNING_RATE, steps=ctx.span, value=now)
            f.signature = True
        flat = ctx.flat_before_rate_fell()
        if flat is not None:
            # The loss was already this flat at the run's peak rate, before a schedule cut
            # it: the small steps answer the flat loss, they did not cause it. As far as
            # the steps at that peak were of a healthy size: steps already small there (a
            # schedule that cut the rate before the first batch) flattened it as well.
            moved = 1.0 if flat[3] is None else \
                ramp(flat[3], T.UPDATE_RATIO_LOW_WEAK, T.UPDATE_RATIO_HEALTHY)
            f.against(1.0 - 0.8 * moved)
        new_lr = lr * 10 if lr else None
        f.summary = ("The learning rate is too low%s: gradients are fine but each step barely "
                     "moves the weights." % learning_rate_phrase(lr))
        f.fix = ("Raise the learning rate 10-100x%s (Adam: 1e-3 is a good default; SGD: 1e-2..1e-1)."
                 % (", e.g. to %s" % fmt(new_lr) if new_lr else ""))
        if ctx.step_scale()[0] < 1 and ctx.learning_rate_band()[1] > 0:
            f.fix = step_setting_fix(ctx, lr)
        if collapse is not None:
            f.fix = ("Find what cut the learning rate to %s: a ReduceLROnPlateau watching a "
                     "loss with mode='max' (use mode='min' or 'auto'), one without min_lr, or a "
                     "schedule whose decay_steps were given in epochs; keep the rate within a "
                     "decade or two of %s until the loss stops improving." % (
                         fmt(collapse[1]), fmt(collapse[0])))
        if clipped is not None and clipped[3] >= 0.5:
            f.fix = ("Raise the optimizer's %s from %s to about the gradients' norm (%s) or "
                     "remove it: clipping that tight shrinks every step." % (
                         clipped[0], fmt(clipped[1]), fmt(clipped[2])))

    def examine_global_norm(self, ctx, f, lr):
        """Without per-layer norms: the global gradient norm says whether the gradient
        itself is what became small. Exactly zero or collapsed, the step size is not to
        blame; holding steady at a learning rate already judged low, it is."""
        course = ctx.global_gradient_course()
        if course is None or course["inside"] is None:
            return
        if not course["inside"] > T.GRAD_ZERO:
            f.against(0.1)  # no gradient at all: not the step size
            return
        ratio, collapse = ctx.global_gradient_collapse()
        if collapse > 0:
            f.against(1.0 - 0.7 * collapse)
            return
        _, lr_low = ctx.learning_rate_band()
        if lr is not None and lr_low > 0 and ratio is not None and \
                1.0 / T.GLOBAL_GRAD_STEADY <= ratio <= T.GLOBAL_GRAD_STEADY:
            f.add(0.2, "the global gradient norm holds at %s (%s early on): the gradient did "
                  "not vanish, the steps are what is small" % (fmt(course["inside"]),
                                                               fmt(course["early"])),
                  signal=M.GRAD_GLOBAL_NORM, steps=ctx.span, value=course["inside"])
