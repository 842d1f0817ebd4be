"""Exploding gradients: their norm grows far larger than the weights they update."""

import numpy as np

from tb_plateau import metadata as M
from tb_plateau.analysis import baseline as baseline_mod
from tb_plateau.analysis import thresholds as T
from tb_plateau.analysis.causes.base import Cause, Explains
from tb_plateau.analysis.context import fmt
from tb_plateau.analysis.thresholds import ramp


def loss_blow_up(ctx):
    """How many times the finite loss rose above its start before the run went NaN/Inf or
    diverged (None outside diverged intervals)."""
    if ctx.kind != "diverged" or not ctx.initial_loss or ctx.initial_loss <= 0:
        return None
    _, values = ctx.around(M.LOSS)
    if values is None or len(values) == 0:
        return None
    fin = values[np.isfinite(values)]
    if len(fin) == 0:
        return None
    return float(np.max(fin)) / ctx.initial_loss


# Activations that bound a recurrent state; any other (relu, elu, linear, ...) does not.
_BOUNDED = ("tanh", "sigmoid", "hard_sigmoid", "hard_tanh", "softsign")


def unbounded_recurrence(ctx, bounded_too=False):
    """(layer name, activation, timesteps) of the longest sequence a recurrent layer with an
    unbounded activation (an LSTM with activation='relu', an IRNN; with `bounded_too`, any
    recurrent layer) reads, or None."""
    best = None
    for layer in ctx.layers():
        cls = str(layer.get("class") or "")
        act = str(layer.get("activation") or "").lower()
        shape = layer.get("input_shape")
        if not cls.startswith(T.RECURRENT_CLASSES) or \
                (not bounded_too and (not act or act in _BOUNDED)):
            continue
        if isinstance(shape, list) and len(shape) == 3 and isinstance(shape[1], int):
            if best is None or shape[1] > best[2]:
                best = (layer.get("name"), act, shape[1])
    return best


def recurrence_blew_up(ctx):
    """(layer name, activation, timesteps, the spike's ratio, its step) when a recurrent
    layer with an unbounded activation (unbounded_recurrence: an IRNN, a relu LSTM) sits in
    a run where one batch's loss jumped LOSS_SPIKE's lower end or more above the level around
    it at a learning rate that is not high for the optimizer; else None. Nothing bounds that
    state: on such a batch it, and the gradient through time, grew at every step."""
    recurrence = unbounded_recurrence(ctx)
    if recurrence is None or ctx.learning_rate_band()[0] > 0:
        return None
    spike = ctx.loss_spike()
    if spike is None or spike[0] < T.LOSS_SPIKE[0]:
        return None
    return recurrence + spike


def recurrence_relapsed(ctx):
    """(layer name, timesteps, (step, the level the loss had fallen to, the level it came
    back to)) when the loss of a model with a recurrent layer came back to the stall's level
    in one step (measurements.relapse) under an optimizer without gradient clipping, at a
    learning rate that is not high for it; else None. A steady rate does not undo what it
    learned in one step: one batch's gradient through time grew and threw the weights off
    (a recipe's clipnorm left out)."""
    recurrence = unbounded_recurrence(ctx, bounded_too=True)
    if recurrence is None or ctx.learning_rate_band()[0] > 0 or ctx.clips_gradients():
        return None
    relapse = ctx.relapse()  # (the loss walk last: the config rules most runs out)
    return None if relapse is None else (recurrence[0], recurrence[2], relapse)


def blow_up_killed_the_relus(ctx):
    """The share of the dead-ReLU evidence left when the dead units are those of an
    unbounded recurrent layer that blew up (recurrence_blew_up): half, since its grown
    state and gradient pushed them off."""
    blown = recurrence_blew_up(ctx)
    if blown is None:
        return 1.0
    return 0.5 if (ctx.dead_units_of(blown[0]) or 0.0) >= T.DEAD_UNITS_FRACTION[0] else 1.0


def targets_drove_into_saturation(ctx):
    """(strength 0..1, layer, its saturated share now, what says it was not saturated at the
    start) when regression targets at a large scale (TARGET_SCALE) sit beside a hidden
    squashing layer saturated now (SATURATED_FRACTION) on inputs that are not large
    themselves (INPUT_SCALE), and the layer did not start there: its share at the run's
    first logged step was below SATURATED_FRACTION's lower end, or every hidden layer starts
    from a standard initialiser (standard_hidden_init), which on such inputs leaves squashing
    units on their slopes (one step on the targets' gradient may have saturated them before
    the first logged step). The loss's gradient, as large as the targets, made steps that
    drove the units to their flat ends. Else None."""
    tscale = ctx.target_scale()
    big = ramp(tscale, *T.TARGET_SCALE) if tscale is not None else 0.0
    sat = ctx.saturated_shares()
    if big <= 0 or sat is None or len(sat) <= 1:
        return None
    scale = ctx.input_scale()
    if scale is None or ramp(scale[0], *T.INPUT_SCALE) > 0:
        return None  # the inputs' size may drive the units as well (unnormalized_inputs)
    names, _ = ctx.layer_activations()
    hidden = np.where(np.isfinite(sat[:-1]), sat[:-1], -1.0)
    i = int(np.argmax(hidden))
    strength = big * ramp(hidden[i], *T.SATURATED_FRACTION)
    if strength <= 0:
        return None
    start = ctx.first_step_hidden("saturated_fraction")
    if start is not None and i < len(start) and np.isfinite(start[i]) and \
            start[i] < T.SATURATED_FRACTION[0]:
        why = "were saturated for %.0f%% of inputs at the first logged step" % (100 * start[i])
    elif ctx.standard_hidden_init():
        why = "started from a standard initialiser, on inputs at unit scale"
    else:
        return None
    return strength, names[i] if i < len(names) else None, float(hidden[i]), why


def large_targets_saturated_the_units(ctx):
    """The share of the saturated-activation evidence left when the large targets' steps
    drove the units there (targets_drove_into_saturation): standardising the targets, not
    the activations, is the fix. 1 when that does not hold."""
    driven = targets_drove_into_saturation(ctx)
    return 1.0 if driven is None else 1.0 - 0.7 * driven[0]


def loss_scale(ctx):
    """How strongly (0..1) the loss itself is scaled up under an optimizer that steps by the
    gradient's size: fit's weights averaging 10-100 x or more (LOSS_WEIGHT_STEPS), a loss
    summed over the batch (SUMMED_BATCH)."""
    weighted, summed = ctx.loss_weight_scale(), ctx.summed_batch()
    return max(ramp(weighted[0], *T.LOSS_WEIGHT_STEPS) if weighted is not None else 0.0,
               ramp(summed, *T.SUMMED_BATCH) if summed is not None else 0.0,
               ctx.scaled_rate_high())


def scaled_loss_killed_the_relus(ctx):
    """The share of the dead-ReLU evidence left when units alive at the start died after
    updates far above healthy (killed_by_large_steps) and the loss was scaled up (loss_scale):
    the scale made every step that large, at a learning rate that is not high for an
    unscaled loss, so the dead units are its symptom. 1 when that does not hold."""
    killed, _ = ctx.killed_by_large_steps()
    if not killed > 0:
        return 1.0
    return 1.0 - 0.5 * killed * loss_scale(ctx)


def large_gradients_killed_the_relus(ctx):
    """The share of the dead-ReLU evidence left when units alive at the start died after
    updates far above healthy (killed_by_large_steps) that the training batches' own
    gradients made, at a learning rate that is not high for a plain-gradient optimizer
    (implied_gradient_ratio: gradients IMPLIED_GRAD_HUGE x the weights): half at most. The
    grown gradients made the steps that killed them; the dead units are the symptom. 1 when
    that does not hold."""
    killed, _ = ctx.killed_by_large_steps()
    implied = ctx.implied_gradient_ratio()
    if not killed > 0 or implied is None:
        return 1.0
    return 1.0 - 0.5 * killed * ramp(implied[0], *T.IMPLIED_GRAD_HUGE)


def recurrence_saturated_the_units(ctx):
    """The share of the saturated-activation evidence left when the saturated layer is a
    bounded recurrence that its own recurrent weights pinned (recurrence_saturated: a
    recurrent kernel started above gain 1, or pushed there during training without
    clipping): at most 0.4. Its state grows at every step until the tanh holds it, and the
    gradient through time with it; a gain of 1 and clipping, not another activation, are
    the fix. 1 when that does not hold."""
    pinned = ctx.recurrence_saturated()
    return 1.0 if pinned is None else 1.0 - 0.6 * pinned["strength"]


def deep_start_explodes(ctx):
    """The share of poor initialization's evidence left when a deep stack's too-wide start
    showed in its first gradients (measurements.deep_start_exploded): half. The initializer
    stays in the fix; the growth through the depth is what the user sees, as it is through
    time for a recurrence started above gain 1 (recurrence_saturated_the_units). 1
    otherwise."""
    return 0.5 if ctx.deep_start_exploded() is not None else 1.0


def deep_start_killed_the_relus(ctx):
    """The share of the dead-ReLU evidence left when a deep stack's too-wide start showed in
    its first gradients (measurements.deep_start_exploded) and its ReLU units, alive at the
    start, died later (relu_death): half. The steps on those exploded gradients pushed them
    off; the initializers, not the units, are what to fix. 1 otherwise."""
    if ctx.deep_start_exploded() is None:
        return 1.0
    death = ctx.relu_death()
    return 0.5 if death and not death["from_start"] and death["onset"] is not None else 1.0


def deep_start_saturated(ctx):
    """The share of the saturated-activation evidence left when a deep stack's too-wide
    start showed in its first gradients: 0.4, as for a recurrence its own gain pinned; the
    units sit at their flat ends because every layer multiplies the signal again. 1
    otherwise."""
    return 0.4 if ctx.deep_start_exploded() is not None else 1.0


class ExplodingGradients(Cause):
    id = "exploding_gradients"
    contradicts = ("vanishing_gradients",)
    title = "Exploding gradients"
    precedence = 100
    fires_when_converged = True
    explains = (Explains("dead_relus", scaled_loss_killed_the_relus),
                Explains("dead_relus", blow_up_killed_the_relus),
                Explains("dead_relus", large_gradients_killed_the_relus),
                Explains("saturated_activations", large_targets_saturated_the_units),
                Explains("saturated_activations", recurrence_saturated_the_units),
                Explains("poor_initialization", deep_start_explodes),
                Explains("dead_relus", deep_start_killed_the_relus),
                Explains("saturated_activations", deep_start_saturated))

    def examine(self, ctx, f):
        # A run that went NaN has NaN gradients inside the interval: judge the last finite
        # picture before the overflow.
        prof = ctx.gradient_picture()
        steps = (ctx.lead_start, ctx.end)
        # A loss summed over its examples has a gradient that many times the mean's: judged
        # per example (the scale's effect on the steps is judged below, by loss_scale).
        summed = ctx.logged_gradient_sum()
        per = " per example (the summed loss's gradient over %d, divided by them)" % summed \
            if summed > 1 else ""
        # Gradients on the probe that grew while its loss kept falling, to a training loss
        # at a good level, are a model growing confident (its weights grew, sharpening its
        # outputs and the gradient of each example it still gets wrong), not an explosion:
        # their norms count for little there.
        sizes = T.CONFIDENT_GRADIENT_KEEP if ctx.at_good_level() and \
            ctx.probe_kept_improving() else 1.0
        if prof is not None:
            g, names = prof["grad"] / summed, prof["names"]
            finite = np.isfinite(g)
            if prof["relative"] is not None:
                rel = prof["relative"] / summed
                ok = np.isfinite(rel)
                if np.any(ok):
                    i = int(np.nanargmax(np.where(ok, rel, -np.inf)))
                    # A ratio over collapsing weights (decay, L1) is large because its
                    # denominator went to zero: unless the gradient itself grew, it says
                    # nothing about the gradient.
                    collapse = ctx.collapsed_weights_without_gradient_growth()
                    # So is a ratio over weights far below their kernel's usual scale (a
                    # tiny initializer gain): against that scale the gradient is small.
                    share = ctx.weight_scale_share(names[i])
                    f.add(sizes * (1.0 - (1.0 - T.LR_ALTERNATIVE_KEEP) * collapse)
                          * ramp(rel[i] * share, *T.RELATIVE_GRAD_HUGE),
                          "gradient norm of %s is %s x its weight norm%s%s"
                          % (names[i], fmt(rel[i]), per, " (mostly because the weights shrank "
                                                         "toward zero)" if collapse >= 0.5
                             else ""),
                          signal=M.GRAD_NORM, layers=[names[i]], steps=steps, value=rel[i])
            if np.any(finite):
                gmax = float(np.max(g[finite]))
                f.add(sizes * 0.7 * ramp(gmax, *T.GRAD_ABSOLUTE_HUGE),
                      "largest layer gradient norm %s%s" % (fmt(gmax), per), signal=M.GRAD_NORM,
                      steps=steps, value=gmax)
                pos = np.flatnonzero(finite & (g > T.GRAD_ZERO))
                if len(pos) >= 2:
                    growth = g[pos[0]] / g[pos[-1]]
                    f.add(sizes * 0.6 * ramp(growth, *T.GRAD_DEPTH_GROWTH),
                          "gradients grow %s x from the output layer back to %s"
                          % (fmt(growth), names[pos[0]]), signal=M.GRAD_NORM,
                          layers=[names[pos[0]], names[pos[-1]]], steps=steps, value=growth)
        implied = ctx.implied_gradient_ratio()
        if implied is not None:
            ratio, update = implied
            # Large gradients under a rate small enough to keep the steps moderate (a loss
            # on the scale of its counts under SGD 2e-4) destabilise nothing: only steps
            # that are large themselves make them an explosion.
            f.add(0.9 * ramp(ratio, *T.IMPLIED_GRAD_HUGE) *
                  ramp(update, T.UPDATE_RATIO_HEALTHY, T.UPDATE_RATIO_HIGH_WEAK),
                  "updates of %s x the weights in one step at a learning rate (%s) that is not "
                  "high for %s: the training batches' gradients were about %s x the weights"
                  % (fmt(update), fmt(ctx.learning_rate()), ctx.optimizer() or "the optimizer",
                     fmt(ratio)), signal=M.UPDATE_RATIO, steps=steps, value=ratio)
        # Growth of the global gradient norm by orders of magnitude (up to the interval's
        # end, from the run's start: a blow-up is measured against where it began, and only
        # by what came after; a norm that fell from its first values, as a converging run's
        # does, did not rise).
        course = ctx.global_gradient_course()
        if course is not None and course["start"] > 0:
            rise = course["peak"] / course["start"]
            f.add(sizes * 0.8 * ramp(rise, *T.GRAD_DEPTH_GROWTH),
                  "global gradient norm rose %s x (from %s)" % (fmt(rise), fmt(course["start"])),
                  signal=M.GRAD_GLOBAL_NORM, steps=steps, value=rise)
        recurrence = unbounded_recurrence(ctx)
        if recurrence is not None:
            name, act, timesteps = recurrence
            f.add(0.4 * ramp(timesteps, *T.UNBOUNDED_RNN_STEPS),
                  "%s is a recurrent layer with activation='%s' reading %d timesteps: nothing "
                  "bounds its state, which can grow at every step, and its gradient through "
                  "time with it" % (name, act, timesteps), layers=[name], value=timesteps)
        blown = recurrence_blew_up(ctx)
        if blown is not None:
            name, act, timesteps, ratio, at = blown
            f.add(0.6, "the loss of the batch at step %d jumped to %s x the level around it "
                  "at a learning rate that is not high for %s: %s (activation='%s') has "
                  "nothing to bound its state over %d timesteps, which grew, and its gradient "
                  "through time with it, on that batch"
                  % (at, fmt(ratio), ctx.optimizer() or "the optimizer", name, act, timesteps),
                  signal=M.LOSS, layers=[name], steps=(at, at), value=ratio)
        relapsed = recurrence_relapsed(ctx)
        if relapsed is not None:
            name, timesteps, (at, low, level) = relapsed
            f.add(0.7, "the loss had fallen to %s and came back to %s in one step, at step %d, "
                  "at a learning rate that is not high for %s and without gradient clipping: "
                  "%s reads %d timesteps, and a gradient that grew through them on one batch "
                  "threw the weights off" % (fmt(low), fmt(level), at,
                                             ctx.optimizer() or "the optimizer", name,
                                             timesteps),
                  signal=M.LOSS, layers=[name], steps=(at, at), value=level / low)
        grew = ctx.recurrence_weights_grew()
        if grew is not None:
            f.add(0.7 * grew["strength"],
                  "%s reads %d timesteps under %s without gradient clipping, at a learning "
                  "rate (%s) that is not high for it, and %s while the loss stayed at the "
                  "constant-prediction level: a plain gradient step is as large as its "
                  "gradient, and the gradient through time grew on some batches"
                  % (grew["layer"], grew["timesteps"], ctx.optimizer() or "a plain gradient step",
                     fmt(ctx.learning_rate()), grew["how"]),
                  signal=M.WEIGHT_NORM, layers=[grew["layer"]], steps=steps,
                  value=grew["growth"])
        pinned = ctx.recurrence_saturated()
        if pinned is not None:
            f.add(0.9 * pinned["strength"],
                  "%s (a bounded recurrent layer) is saturated for %.0f%% of inputs: %s"
                  % (pinned["layer"], 100 * pinned["share"],
                     "its recurrent kernel starts at gain %s, which multiplies its state at "
                     "every timestep until tanh pins it at +-1, and the gradient through time "
                     "grows with it" % fmt(pinned["gain"]) if pinned["gain"] is not None else
                     "it was not at the first logged step; under %s without clipping, steps on "
                     "batches whose gradient through time grew pushed its recurrent weights "
                     "past gain 1" % (ctx.optimizer() or "a plain gradient step")),
                  signal=M.ACTIVATION, layers=[pinned["layer"]], steps=steps,
                  value=pinned["share"])
        deep = ctx.deep_start_exploded()
        if deep is not None:
            layers, compounded, growth, largest = deep
            f.add(0.85, "at the first logged step, before any update, the gradients %s: the "
                  "hidden kernels' initializers scale the signal %s x over %d layers, and the "
                  "backward signal grows with it layer by layer" % (
                      "grew %s x from the output layer back to the first" % fmt(growth)
                      if growth >= T.FIRST_GRAD_GROWTH else
                      "reached %s x their weights" % fmt(largest), fmt(compounded), layers),
                  signal=M.GRAD_NORM, steps=(ctx.first_step, ctx.first_step),
                  value=growth)
        spike = ctx.loss_spike()
        if spike is not None:
            ratio, at = spike
            f.add(0.5 * ramp(ratio, *T.LOSS_SPIKE),
                  "the loss of the batch at step %d jumped to %s x the level around it: a "
                  "gradient that blew up on that batch" % (at, fmt(ratio)),
                  signal=M.LOSS, steps=(at, at), value=ratio)
        _, nonfinite = ctx.around(M.GRAD_NONFINITE)
        if nonfinite is not None and len(nonfinite) and np.nanmax(nonfinite) > 0:
            f.add(0.4, "non-finite gradient values (up to %s per step)" % fmt(np.nanmax(nonfinite)),
                  signal=M.GRAD_NONFINITE, steps=steps)
        # The loss rising by orders of magnitude with a learning rate that is normal or low
        # for its optimizer: the step size did not grow, the gradients did. Plain SGD
        # passes a gradient's size straight into the step; adaptive optimizers bound the
        # step by the lr, so for them the signature is weaker.
        lr = ctx.learning_rate()
        lr_high, _ = ctx.learning_rate_band()
        rise = loss_blow_up(ctx)
        if rise is not None and lr is not None and lr_high == 0:
            f.add((0.6 if ctx.adaptive() is False else 0.35) * ramp(rise, *T.LOSS_BLOW_UP),
                  "the loss rose %s x above its start before going NaN/Inf, at a learning "
                  "rate (%s) that is not high for %s" % (fmt(rise), fmt(lr),
                                                         ctx.optimizer() or "its optimizer"),
                  signal=M.LOSS, steps=steps, value=rise)
        # Regression targets at a large scale: the MSE gradient is proportional to the
        # error, so it starts as large as the targets. Reported here (the mechanism is the
        # gradient's size), with standardising the targets as the fix.
        tscale = ctx.target_scale()
        big_targets = ramp(tscale, *T.TARGET_SCALE) if tscale is not None else 0.0
        if big_targets > 0:
            huge = f.confidence > 0 or ctx.kind == "diverged"
            f.add(big_targets * (0.8 if huge else 0.4),
                  "regression targets reach scale %s (standardised ~1): the loss's gradient "
                  "grows with the error, which starts at the targets' size" % fmt(tscale),
                  signal=M.TARGETS, value=tscale)
        driven = targets_drove_into_saturation(ctx)
        if driven is not None:
            strength, layer, now, why = driven
            f.add(0.8 * strength,
                  "%s's units %s, and are saturated for %.0f%% of inputs now: steps on a "
                  "gradient as large as the targets drove them to their flat ends"
                  % (layer or "a hidden layer", why, 100 * now),
                  signal=M.ACTIVATION, layers=[layer] if layer else None, value=now)
        # ReLU units the first large steps killed leave no gradient to see blow up: under a
        # loss scaled up (summed over the batch, weighted far above 1 on average) the scale
        # made those steps, at a learning rate that is not high for an unscaled loss.
        killed, death = ctx.killed_by_large_steps()
        scale = loss_scale(ctx)
        if killed > 0 and scale > 0 and ctx.learning_rate_band()[0] < 0.5:
            f.add(0.7 * killed * scale,
                  "ReLU units alive at the start died by step %d, %s, at a learning rate (%s) "
                  "that is not high for %s: the loss's scale made the steps that large"
                  % (death["onset"], ctx.large_steps_text(death), fmt(ctx.learning_rate()),
                     ctx.optimizer() or "its optimizer"),
                  signal=M.UPDATE_RATIO, steps=(ctx.first_step, death["onset"]),
                  value=death["peak_update"])
        summed = ctx.summed_batch()
        by_hand = summed is not None and not baseline_mod.summed_reduction(ctx.config)
        if summed is not None and f.confidence > 0:
            f.add(0.6 * ramp(summed, *T.SUMMED_BATCH),
                  ("the loss starts at %s, about %d x a fresh classifier's loss per example: "
                   "the per-example losses are summed over batches of %d, so every gradient "
                   "is %d x the batch mean's, and %s steps by its size"
                   % (fmt(ctx.initial_loss), summed, summed, summed,
                      ctx.optimizer() or "the optimizer")) if by_hand else
                  ("the loss is summed over batches of %d (reduction='sum'): every gradient "
                   "is %d x the batch mean's, and %s steps by its size"
                   % (summed, summed, ctx.optimizer() or "the optimizer")),
                  signal=M.LOSS if by_hand else None, value=summed)
        weighted, weighed_by = ctx.loss_weight_scale() or (None, None)
        heavy = ramp(weighted, *T.LOSS_WEIGHT_STEPS) if weighted is not None else 0.0
        if heavy > 0 and f.confidence > 0:
            f.add(0.6 * heavy,
                  "fit's %s weighs the examples %s on average: every gradient is %s x the "
                  "unweighted loss's, and %s steps by its size"
                  % (weighed_by, fmt(weighted), fmt(weighted), ctx.optimizer() or
                     "the optimizer"), value=weighted)
        ur, _ = ctx.median_update_ratio("around")
        if ur is not None and prof is not None and prof["relative"] is not None:
            rel = prof["relative"][np.isfinite(prof["relative"])]
            trained_on_large = implied is not None and implied[0] >= T.IMPLIED_GRAD_HUGE[0]
            # (Unless single batches blew up: the probe's batch need not be one of them.)
            spiked = spike is not None and ramp(spike[0], *T.LOSS_SPIKE) >= 0.5
            # (Nor where the loss's scale made the steps large: the probe's gradient after
            # the units died says nothing of the steps that killed them.)
            # (Nor after an unbounded recurrence blew up, or a bounded one saturated or
            # relapsed under unclipped steps: the probe's gradients after it say nothing of
            # the batches it blew up on. Nor where a bounded recurrence is pinned by its
            # starting gain: its tanh's flat ends, which the gain drove it to, cut the
            # probe's gradient through time, so a moderate one there is the symptom, not
            # counter-evidence.)
            if len(rel) and np.max(rel) < T.RELATIVE_GRAD_HUGE[0] and not trained_on_large \
                    and not spiked and not (killed > 0 and scale >= 0.5) and blown is None \
                    and driven is None and pinned is None and deep is None and \
                    relapsed is None and grew is None:
                f.against(0.4)  # gradients are moderate; large steps come from the lr
        f.summary = "Gradients explode: their norm is far larger than the weights they update."
        f.fix = ("Clip gradients (e.g. optimizer=Adam(clipnorm=1.0)), initialise with "
                 "glorot_uniform/he_normal instead of large random weights, add "
                 "BatchNormalization, and lower the learning rate.")
        if deep is not None:
            f.summary = ("Gradients explode through the depth from the start: the initializers "
                         "are too wide for %d layers." % deep[0])
            f.fix = ("Initialise the hidden kernels to their fan-in: glorot_uniform for tanh or "
                     "sigmoid layers, he_normal for ReLU ones (Keras's defaults are "
                     "glorot_uniform), instead of a fixed stddev; clip the gradients (e.g. "
                     "clipnorm=1.0) while you check the first steps' gradient norms stay "
                     "within a few x from layer to layer.")
        if summed is not None and ramp(summed, *T.SUMMED_BATCH) >= 0.5 and f.confidence > 0:
            f.summary = ("Gradients explode: the loss is summed over batches of %d, so every "
                         "gradient is %d x the mean's." % (summed, summed))
            f.fix = ("Use the loss's default reduction ('sum_over_batch_size'), or divide the "
                     "learning rate by the batch size (%d)." % summed)
            if by_hand:
                f.fix = ("Average the per-example losses over the batch (keras.ops.mean, or a "
                         "Keras loss with its default reduction) instead of summing them, or "
                         "divide the learning rate by the batch size (%d)." % summed)
        if heavy >= 0.5 and f.confidence > 0:
            f.summary = ("Gradients explode: fit's %s weighs the examples %s on average, so "
                         "every gradient is %s x the unweighted loss's."
                         % (weighed_by, fmt(weighted), fmt(weighted)))
            f.fix = ("Make the weights average 1: %s; or divide the learning rate by %s."
                     % ("for class_weight w_k = n / (K n_k) (sklearn's "
                        "compute_class_weight('balanced')), the inverse of the class counts, "
                        "not the counts" if weighed_by == "class_weight" else
                        "divide sample_weight by its mean" if weighed_by == "sample_weight" else
                        "class_weight as w_k = n / (K n_k), sample_weight divided by its mean",
                        fmt(weighted)))
        if recurrence is not None and ramp(recurrence[2], *T.UNBOUNDED_RNN_STEPS) >= 0.5 and \
                f.confidence > 0:
            f.summary = ("Gradients explode through time: %s's %s activation leaves its state "
                         "unbounded over %d timesteps." % recurrence)
            f.fix = ("Keep the recurrent layer's default activation='tanh' (it bounds the "
                     "state; %s does not), and clip gradients (e.g. "
                     "optimizer=Adam(clipnorm=1.0))." % recurrence[1])
        if pinned is not None and pinned["strength"] >= 0.5 and f.confidence > 0:
            f.summary = ("Gradients explode through time: %s's recurrence amplifies its "
                         "state at every step until tanh pins it." % pinned["layer"])
            f.fix = ("%sClip gradients (clipnorm=1.0 in the optimizer) so that no batch's "
                     "gradient through time can throw the recurrent weights off."
                     % ("Start the recurrent kernel at gain 1 (recurrent_initializer="
                        "'orthogonal', Keras's default; gain %s is for reservoirs that are "
                        "not trained by backpropagation). " % fmt(pinned["gain"])
                        if pinned["gain"] is not None else ""))
        if relapsed is not None and pinned is None and f.confidence > 0:
            f.summary = ("Gradients explode through time: the loss came back up in one step "
                         "after %s had learned, without gradient clipping." % relapsed[0])
            f.fix = ("Clip gradients (clipnorm=1.0 in the optimizer, as recurrent recipes do) "
                     "so that no batch's gradient through %d timesteps can throw the recurrent "
                     "weights off; lower the learning rate only if the clipped run still "
                     "jumps." % relapsed[1])
        if grew is not None and grew["strength"] >= 0.5 and pinned is None and \
                relapsed is None and f.confidence > 0:
            f.summary = ("Gradients explode through time: %s took large unclipped steps "
                         "while the loss learned nothing." % grew["layer"])
            f.fix = ("Clip gradients (clipnorm=1.0 in the optimizer, as recurrent recipes do) "
                     "so that no batch's gradient through %d timesteps can throw the recurrent "
                     "weights off; lower the learning rate only if the clipped run still "
                     "stalls." % grew["timesteps"])
        outlier = ctx.recurring_batch_spikes()
        if outlier is not None and f.confidence > 0:
            # What the jumps say about where the gradient comes from, not more evidence.
            f.evidence.append((0.0, {
                "text": "the loss jumps once every epoch (steps %s): one batch, or one "
                        "example in it, is far off the rest" % ", ".join(map(str, outlier[0][:4])),
                "signal": M.LOSS, "steps": [outlier[0][0], outlier[0][-1]],
                "value": outlier[1]}))
            f.summary = ("Gradients explode on one batch every epoch: its loss jumps %s x "
                         "the run's level or more each time it comes round, and its steps "
                         "throw the weights off." % fmt(outlier[1]))
            f.fix = ("Find the example: compute the loss per example on the training set "
                     "(model.compute_loss or the loss with reduction='none') and look at the "
                     "largest; a target or input in other units, a corrupt or mislabelled row "
                     "is the usual culprit. Fix or drop it, or use a robust loss (Huber) and "
                     "clip gradients (clipnorm=1.0).")
        if big_targets >= 0.5:
            f.summary = ("Gradients explode: the regression targets (scale %s) make the "
                         "loss's gradient huge." % fmt(tscale))
            f.fix = ("Standardise the targets: y_scaled = (y - y.mean()) / y.std() (keep the "
                     "mean/std to un-scale predictions), or predict log(y); also clip "
                     "gradients (clipnorm=1.0).")
