"""Dead ReLUs: units that output zero for every input, so no gradient flows through them."""

import numpy as np

from tb_plateau import metadata as M
from tb_plateau.analysis import thresholds as T
from tb_plateau.analysis.causes.base import Cause
from tb_plateau.analysis.causes.exploding_gradients import loss_scale
from tb_plateau.analysis.causes.poor_initialization import silenced_by_zero_scales
from tb_plateau.analysis.context import fmt
from tb_plateau.analysis.thresholds import ramp


def dead_strength(zero, units):
    """How strongly (0..1) a layer zero for the fraction `zero` of its outputs is dead. Where
    the share of its units that are zero for every probe example is logged (`units`, from
    plateau/dead_units; None when not), mostly-zero outputs from units that each still fire
    for some examples or positions (a ReLU convolution before a global max pooling, a sparse
    code) keep only SPARSE_NOT_DEAD_KEEP of the zeros' evidence, and dead units count on
    their own ramp (DEAD_UNITS_FRACTION)."""
    strength = ramp(zero, *T.DEAD_FRACTION)
    if units is None:
        return strength
    return min(strength, max(ramp(units, *T.DEAD_UNITS_FRACTION),
                             T.SPARSE_NOT_DEAD_KEEP * strength))


# Activations that are never exactly zero over a range of inputs: a unit using one is not
# "dead" however its outputs look (exact zeros there mean zero weights and inputs).
_NEVER_FLAT_ZERO = ("linear", "sigmoid", "tanh", "softplus", "softsign", "elu", "selu",
                    "gelu", "silu", "swish", "mish", "exponential", "leaky_relu", "softmax",
                    "log_softmax", "log_sigmoid", "tanh_shrink", "tanhshrink")


def zero_region_units(ctx, zero, names, acts):
    """Indices of the tapped hidden layers whose activation is not a ReLU by name but whose
    units output exactly zero for every probe example (DEAD_UNITS_FRACTION's lower end or
    more of them): an activation with a flat zero region of its own (relu6, a hard-swish,
    a hand-written threshold) whose units are as dead as a ReLU's. Their layer's own
    gradient must be exactly zero too: outputs that only round to zero (a smooth function's
    tiny values) still pass some."""
    out = []
    prof = ctx.grad_profile()
    grads = dict(zip(prof["names"], prof["grad"])) if prof is not None else {}
    for i, act in enumerate(acts[:len(zero) - 1]):
        if not act or act.startswith("relu") or act in _NEVER_FLAT_ZERO:
            continue
        units = ctx.dead_units_of(names[i])
        g = grads.get(names[i])
        if units is not None and units >= T.DEAD_UNITS_FRACTION[0] and np.isfinite(zero[i]) \
                and g is not None and g <= T.GRAD_ZERO:
            out.append(i)
    return out


def cut_off_relu_layers(ctx, names, acts, relu_idx):
    """[(name, dead unit share)] of the trainable hidden ReLU layers that get exactly zero
    gradient inside the interval while at least DEAD_UNITS_FRACTION's lower end of their
    units are dead: the rest of the layer is cut off too (its live units feed only dead or
    blocked ones downstream). A healthy trainable layer never gets exactly zero gradient,
    so this holds however far the zero fraction stays below DEAD_FRACTION. The gradient
    must stop inside the network: a later hidden layer gets some. Where only the output
    layer does, the head (its activation under the loss) is what passes none back. The
    layer must have had gradient at the first diagnostic: zero from the start is a path
    blocked on purpose (stop_gradient, a detached feature extractor), not units dying."""
    lost, prof = ctx.lost_gradient(), ctx.grad_profile()
    if not lost:
        return []
    order = list(prof["names"])
    moving = [k for k, g in enumerate(prof["grad"]) if np.isfinite(g) and g > T.GRAD_ZERO]
    out = []
    for i in relu_idx:
        if i >= len(names) - 1 or not (acts[i] or "").startswith("relu") or \
                names[i] not in lost:
            continue
        units = ctx.dead_units_of(names[i])
        k = order.index(names[i])
        later = [j for j in moving if j > k]
        if units is not None and units >= T.DEAD_UNITS_FRACTION[0] and later and \
                later[0] < len(order) - 1:
            out.append((names[i], units))
    return out


class DeadReLUs(Cause):
    id = "dead_relus"
    title = "Dead ReLUs"
    chart_column = "zero_fraction"
    # Dead units block the gradient: they come before the vanishing gradients they cause.
    precedence = 90
    kinds = ("stalled",)

    def examine(self, ctx, f):
        zero = ctx.column(M.ACTIVATION, "zero_fraction", "around")
        names, acts = ctx.layer_activations()
        if zero is not None:
            relu_idx = [i for i, a in enumerate(acts) if a and a.startswith("relu")]
            if not relu_idx and not any(acts):
                relu_idx = list(range(len(zero)))  # unknown activations: zeros still tell
            other = zero_region_units(ctx, zero, names, acts)
            relu_idx = sorted(set(relu_idx) | set(other))
            layers = [(float(zero[i]), names[i], ctx.dead_units_of(names[i]))
                      for i in relu_idx if np.isfinite(zero[i])]
            dead = [(dead_strength(z, units), z, name, units) for z, name, units in layers]
            if dead:
                strength, worst, name, units = max(dead, key=lambda d: d[:3])
                act = acts[names.index(name)] if name in names[:len(acts)] else None
                shown = name if not act or act.startswith("relu") or \
                    names.index(name) not in other else "%s (%s)" % (name, act)
                text = "%s outputs zero for %.0f%% of inputs (a healthy ReLU layer: ~50%%)" % (
                    shown, 100 * worst)
                if units is not None and strength < ramp(worst, *T.DEAD_FRACTION):
                    text += (", but only %.0f%% of its units are zero for every probe example: "
                             "the rest fire sparsely, they are not dead" % (100 * units))
                elif units is not None and units > 0:
                    text += "; %.0f%% of its units are zero for every probe example" % (
                        100 * units)
                f.add(strength, text, signal=M.ACTIVATION, layers=[name], steps=ctx.span,
                      value=worst)
                n_dead = sum(1 for _, z, _, units in dead if z >= T.DEAD_FRACTION[0] and
                             (units is None or units >= T.DEAD_UNITS_FRACTION[0]))
                if n_dead >= 2:
                    f.add(0.3, "%d %slayers are mostly dead" % (n_dead, "" if other else "ReLU "),
                          signal=M.ACTIVATION)
            cut_off = cut_off_relu_layers(ctx, names, acts, relu_idx)
            if cut_off:
                shown = ", ".join(n for n, _ in cut_off[:3])
                f.add(0.7, "%s get%s exactly zero gradient while %.0f%% or more of %s units are "
                      "dead: the units still firing pass no gradient either, so the layer%s "
                      "cannot learn" % (shown, "s" if len(cut_off) == 1 else "",
                                        100 * min(u for _, u in cut_off),
                                        "its" if len(cut_off) == 1 else "their",
                                        "" if len(cut_off) == 1 else "s"),
                      signal=M.GRAD_NORM, layers=[n for n, _ in cut_off[:3]], steps=ctx.span,
                      value=0.0)
        # Weights shifted alike to a negative common value switch every ReLU off: the
        # shift, not the step size or the start, killed them.
        shifted = ctx.weights_shifted_alike()
        if shifted is not None and shifted[2] < 0 and f.confidence > 0:
            strength, moved, value = shifted
            f.add(0.8 * strength,
                  "every weight of %s drifted to about %s (each layer's weights nearly all "
                  "equal, from a spread start): something shifts all weights alike toward "
                  "negative values, which switches the ReLUs off"
                  % (", ".join(moved[:3]) + (" and %d more" % (len(moved) - 3)
                                             if len(moved) > 3 else ""), fmt(value)),
                  signal=M.WEIGHT_MEAN, layers=moved[:3], steps=ctx.span, value=value)
        # Zero outputs that are not dead units: all-zero or constant weights output the same
        # value for every unit, and NaN weights output zeros through a ReLU.
        prof = ctx.grad_profile()
        if prof is not None and len(prof["grad"]) >= 2:
            g = prof["grad"]
            zero_layers = [prof["names"][i] for i in range(len(g) - 1) if g[i] <= T.GRAD_ZERO]
            if zero_layers and f.confidence > 0:
                f.add(0.3, "exactly zero gradient in %s" % ", ".join(zero_layers[:4]),
                      signal=M.GRAD_NORM, layers=zero_layers[:4], steps=ctx.span, value=0.0)
            w = prof["weight"]
            if w is not None and np.all(w[:-1] <= T.GRAD_ZERO):
                f.against(0.2)
        if ctx.constant_initialized_layers():
            f.against(0.3)
        if ctx.nonfinite_layers(M.WEIGHT_NORM)[0]:
            f.against(0.2)
        ur_before, _ = ctx.median_update_ratio("before")
        jump = ctx.learning_rate_jump()
        cause = ""
        fix = ("Use LeakyReLU(negative_slope=0.01) or ELU, he_normal initialisation with zero "
               "(not negative) biases, and a lower learning rate so updates cannot push units "
               "permanently negative.")
        if ur_before is not None and ur_before > T.UPDATE_RATIO_HIGH_WEAK:
            cause = " A large update (ratio %s) before the stall likely pushed them there." % fmt(ur_before)
        # Units dead from the first step, before any large update, point at the
        # initialisation (negative biases, a bad kernel scale); units killed later by large
        # steps are the learning rate's symptom (the ranking discounts them).
        killed, death = ctx.killed_by_large_steps()
        if killed > 0:
            cause = (" They were alive at the start and died by step %d, %s: %s killed them."
                     % (death["onset"], ctx.large_steps_text(death),
                        "the steps, made that large by the loss's scale (fit's weights, a "
                        "summed loss)," if loss_scale(ctx) >= 0.5 else "the learning rate"))
        elif death and death["from_start"] and ctx.start <= death["onset"] + \
                T.LEAD_IN_FRACTION * max(1, ctx.end - ctx.start):
            cause = " They are dead from the first logged step, before training could kill them."
            fix = ("Initialise biases at zero (not negative) and kernels with he_normal; or use "
                   "LeakyReLU(negative_slope=0.01)/ELU, which never output exactly zero.")
        if jump is not None and jump >= T.LR_JUMP[0]:
            cause = " The learning rate jumped %s x just before: the large steps killed them." % fmt(jump)
        beyond = ctx.steps_beyond_optimizer()
        if beyond is not None and killed == 0 and death and not death["from_start"]:
            layer, step, times = beyond
            cause = (" They died under updates ~%s x larger than %s steps at its learning "
                     "rate (%s, from step %d on): something besides the optimizer changes the "
                     "weights." % (fmt(times), ctx.optimizer(), layer, step))
            fix = ("Check what changes the weights besides the optimizer (a kernel constraint, "
                   "a callback, an assignment in the loop): it must not shift every weight each "
                   "step (a decay written as w - decay instead of w * (1 - decay) drives them "
                   "all negative). Then use he_normal with zero biases.")
        if shifted is not None and shifted[2] < 0:
            cause = (" Every weight of %s drifted to about %s: something shifts them all alike."
                     % (shifted[1][0], fmt(shifted[2])))
            fix = ("Find what moves every weight by the same amount, in a callback or the "
                   "training loop: a hand-written weight decay must scale by the weight (w - "
                   "lr * wd * w, not w - lr * wd), or use the optimizer's weight_decay "
                   "argument. Then use he_normal with zero biases.")
        # Normalization scales started at 0 with no path around them: every ReLU after one
        # gets exactly its shift (0), and the scales are what to change (only one cause is
        # listed for most stalls, so the dead ReLUs carry the fix).
        zeroed = silenced_by_zero_scales(ctx)
        if zeroed:
            cause = (" The normalization scales before them start at 0 (%s): each outputs only "
                     "its shift, the same for every example." % ", ".join(zeroed[:3]))
            fix = ("Start the normalization scales at 1 (gamma_initializer='ones', the Keras "
                   "default) in %s: a zero scale is the residual-branch trick (Fixup, "
                   "SkipInit), for a branch's last normalization only, where a skip path "
                   "carries the signal around it." % ", ".join(zeroed[:3]))
        f.summary = "ReLU units are dead: they output zero for every input, so no gradient flows." + cause
        f.fix = fix
        # The worst dead layer uses an activation with a zero region of its own, dead from
        # the first step: its formula (or the pre-activations' place against it) is the
        # suspect, not a step size.
        worst_other = None
        if zero is not None and other:
            ranked = [(dead_strength(float(zero[i]), ctx.dead_units_of(names[i])), i)
                      for i in relu_idx if np.isfinite(zero[i])]
            top = max(ranked)[1] if ranked else None
            first = ctx.first_step_hidden("zero_fraction")
            if top in other and first is not None and top < len(first) and \
                    first[top] >= T.DEAD_FRACTION[0]:
                worst_other = acts[top]
        if worst_other and f.confidence > 0 and killed == 0:
            f.summary = ("Units are dead: %s outputs exactly zero, with zero slope, for every "
                         "input from the first step, so no gradient flows." % worst_other)
            f.fix = ("Check %s: it is flat at zero for every pre-activation these layers "
                     "produce. If it is hand-written, check its threshold or shift's sign "
                     "(e.g. x * relu6(x - 3) / 6 typed for hard-swish's x * relu6(x + 3) / 6) "
                     "or use Keras's own; otherwise the pre-activations start below its zero "
                     "region's edge: start the biases at zero and the kernels with he_normal."
                     % worst_other)
