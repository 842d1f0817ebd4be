"""Saturated activations: sigmoid/tanh units pinned at their flat ends, where gradients vanish."""

import math

import numpy as np

from tb_plateau import metadata as M
from tb_plateau.analysis import thresholds as T
from tb_plateau.analysis.causes.base import Cause, Explains
from tb_plateau.analysis.causes.vanishing_gradients import slope_decades
from tb_plateau.analysis.context import fmt
from tb_plateau.analysis.measurements import hand_written, initializer_start, measured
from tb_plateau.analysis.thresholds import ramp




def step_like_layers(ctx):
    """[(name, activation, mean, std)] of the hidden layers with a hand-written (not built-in
    or ReLU-family) activation whose own gradient is exactly zero inside the interval while
    their outputs still vary across examples, few of their units dead, the layer trainable,
    in a model that learned little. Zero gradient at outputs that differ means every unit
    sits on a flat part of its activation for every example at more than one level: a step
    (a steep tanh or sigmoid written by hand, a rounding), saturated on both sides. The
    recorder does not know such an activation's bounds (it logs the share of its outputs
    piled against the lowest or highest, not where its slope vanishes), and logs written
    before it did have none: this is what shows it then. The layer must have had gradient at the first diagnostic: zero from the
    start is a path blocked downstream (stop_gradient, a detached branch)."""
    if not ctx.learned_little():
        return []
    lost = ctx.lost_gradient()
    names, acts = ctx.layer_activations()
    std = ctx.column(M.ACTIVATION, "std", "around")
    mean = ctx.column(M.ACTIVATION, "mean", "around")
    if not lost or std is None or mean is None or len(std) != len(names):
        return []
    out = []
    for i, act in enumerate(acts[:len(names) - 1]):
        if not hand_written(act) or act.startswith("relu") or names[i] not in lost:
            continue
        dead = ctx.dead_units_of(names[i])
        if not np.isfinite(std[i]) or not std[i] > T.STEP_OUTPUT_SPREAD or \
                (dead is not None and dead >= T.DEAD_UNITS_FRACTION[1]):
            continue
        out.append((names[i], act, float(mean[i]), float(std[i])))
    return out


GATES_OPEN = ("To start an LSTM's memory open keep unit_forget_bias=True (a bias of 1 on "
              "the forget gate alone); a GRU needs no more.")


def constant_gate_bias(layer):
    """The constant an LSTM's or GRU's bias_initializer starts every bias at, when it is
    RECURRENT_BIAS_SATURATING[0] or more in size (each gate's sigmoid and the candidate's
    tanh then start at their flat ends), else None."""
    settings = layer.get("settings") if isinstance(layer.get("settings"), dict) else {}
    init = layer.get("bias_initializer")
    if str(layer.get("class") or "") not in ("LSTM", "GRU") or \
            settings.get("use_bias") is False or not isinstance(init, dict):
        return None
    value = initializer_start(init, random_mean=False)
    return value if value is not None and abs(value) >= T.RECURRENT_BIAS_SATURATING[0] \
        else None


@measured
def saturated_gates(ctx):
    """(layer, the constant, the gates' starting sigmoid of it) of the LSTM or GRU whose
    bias_initializer starts every bias at a constant RECURRENT_BIAS_SATURATING[0] or more in
    size, in a model that learned little, whose tapped output barely spreads over the
    examples (RECURRENT_STATE_SPREAD: the state is stuck), else None. The recorder taps a
    recurrent layer's output, not its gates: a constant of 5 (a tip to 'start the gates
    open' applied to every gate) starts each gate's sigmoid at 0.993 and the candidate's
    tanh near 1, their flat ends; a GRU's update gate then keeps 99% of the state's zero
    start at every step."""
    std = ctx.column(M.ACTIVATION, "std", "around")
    if not ctx.learned_little() or std is None:
        return None
    # The tapped output must agree: one that still spreads over the examples is not stuck
    # (its state moves), whatever the config suggests.
    spread = dict(zip(ctx.names(M.ACTIVATION), np.atleast_1d(std)))
    for layer in ctx.layers():
        value = constant_gate_bias(layer)
        out = spread.get(layer.get("name"))
        if value is not None and out is not None and np.isfinite(out) and \
                ramp(float(out), *T.RECURRENT_STATE_SPREAD) > 0:
            return layer.get("name"), value, 1.0 / (1.0 + math.exp(-value))
    return None


def gates_pinned_the_output(ctx):
    """(layer, the constant, the gates' starting sigmoid of it) when the layer whose outputs
    sit near the flat end for every example (blocked_gradient) is an LSTM or GRU whose
    bias_initializer starts every bias at a saturating constant (constant_gate_bias): the
    configuration says why the output is pinned, whatever the loss's level. Else None."""
    blocked = ctx.blocked_gradient()
    if not blocked or not ramp(blocked[0], *T.BLOCKED_GRADIENT_SHARE) > 0:
        return None
    for layer in ctx.layers():
        value = constant_gate_bias(layer) if layer.get("name") == blocked[1] else None
        if value is not None:
            return layer.get("name"), value, 1.0 / (1.0 + math.exp(-value))
    return None


def saturation_beyond_the_slopes(ctx):
    """How much (0..1) of the gradient's loss toward the input the slopes' peaks leave
    unexplained, when a hidden tanh or sigmoid layer's outputs sit off its peak for every
    example (blocked_gradient) short of the saturated-fraction cut, else 0. A sigmoid passes
    back at most a quarter at its steepest: sixteen of them take 9.6 decades off by their
    peaks alone, so the 5.7 lost through a deep sigmoid tower are its depth's. Three of
    them take 1.8: the 4.1 lost through three sigmoid layers biased to 0.02 are mostly where
    the units sit."""
    blocked = ctx.blocked_gradient()
    prof = ctx.grad_profile()
    pinned = ramp(blocked[0], *T.BLOCKED_GRADIENT_SHARE) if blocked else 0.0
    if not pinned > 0 or prof is None:
        return 0.0
    g = prof["grad"]
    alive = g[np.isfinite(g) & (g > T.GRAD_ZERO)]
    if len(alive) < 2 or not g[-1] > T.GRAD_ZERO:
        return 0.0
    lost = math.log10(g[-1] / float(np.min(alive)))
    by_slopes = slope_decades(ctx.layers())
    if not lost > 0:
        return 0.0
    return pinned * min(1.0, max(0.0, (lost - by_slopes) / lost))


def saturation_blocks_the_gradient(ctx):
    # Saturated units (or gates) are the reason the gradient vanishes: by the share of
    # outputs past the saturation cut, by gates started at their flat ends, or by outputs
    # sitting off the slope's peak for every example where that, not the depth, accounts
    # for the gradient lost (the three things the cause's own evidence reads).
    sat = ctx.hidden_saturation()
    gates = saturated_gates(ctx)
    strength = max(ramp(sat, *T.SATURATED_FRACTION) if sat is not None else 0.0,
                   ramp(abs(gates[1]), *T.RECURRENT_BIAS_SATURATING) if gates else 0.0,
                   saturation_beyond_the_slopes(ctx))
    return 1.0 - 0.5 * strength


def pinned_by_init_explains(ctx):
    """The share of poor_initialization's evidence left when the units it calls alike are
    alike because the starting point pinned each at the same flat end
    (init_pinned_the_units): 0.65 at full saturation, leaving the initializer listed as
    the saturation's source. The stall is the saturation; the initializer is its fix."""
    pinned = ctx.init_pinned_the_units()
    return 1.0 if pinned is None else 1.0 - 0.35 * pinned["strength"]


class SaturatedActivations(Cause):
    id = "saturated_activations"
    title = "Saturated activations"
    chart_column = "saturated_fraction"
    # Saturation blocks the gradient: it comes before the vanishing gradients it causes.
    precedence = 80
    explains = (Explains("vanishing_gradients", saturation_blocks_the_gradient),
                Explains("poor_initialization", pinned_by_init_explains))
    kinds = ("stalled",)

    def examine(self, ctx, f):
        # (A hand-written activation's share, of outputs piled up against the layer's lowest
        # or highest output, counts only where it says the units are stuck:
        # saturated_shares. tanh(20 z) written for a binarised net.)
        sat = ctx.saturated_shares()
        names, acts = ctx.layer_activations()
        cand = []
        if sat is not None and len(sat) > 1:
            cand = [(float(sat[i]), names[i]) for i in range(len(sat) - 1)
                    if np.isfinite(sat[i]) and
                    (acts[i] is None or acts[i] in T.SQUASHING_ACTIVATIONS
                     or hand_written(acts[i]))]
        blocked = ctx.blocked_gradient()
        pinned = ramp(blocked[0], *T.BLOCKED_GRADIENT_SHARE) if blocked else 0.0
        steps_like = step_like_layers(ctx)
        # (A hand-written step's share undercounts it: its low side underflows to exact
        # zeros, which the share leaves out; its exactly-zero gradient is the surer sign.)
        if steps_like and not pinned and \
                (not cand or ramp(max(cand)[0], *T.SATURATED_FRACTION) < 0.8):
            name, act, mean, std = steps_like[0]
            f.add(0.8, "%s (%s) gets exactly zero gradient although its outputs vary across "
                  "examples (%.2f +/- %.2f): every unit sits on a flat part of its activation "
                  "for every example, a step rather than a slope" % (name, act, mean, std),
                  signal=M.GRAD_NORM, layers=[name], steps=ctx.span, value=0.0)
            f.summary = ("Units of a hand-written activation sit on its flat parts for every "
                         "example, where it passes no gradient.")
            f.fix = ("Use an activation with a slope where the units sit (tanh, or the same "
                     "function with a steepness of order one, not hundreds); for a hard step train "
                     "through a straight-through estimator "
                     "(forward the step, backward the identity).")
            return
        gates = saturated_gates(ctx)
        gated = ramp(abs(gates[1]), *T.RECURRENT_BIAS_SATURATING) if gates else 0.0
        # (Only where the tapped outputs do not show saturation themselves: what they show
        # is the surer evidence.)
        if gated > 0 and not pinned and \
                not any(ramp(share, *T.SATURATED_FRACTION) > 0 for share, _ in cand):
            name, value, opening = gates
            f.add(0.8 * gated,
                  "%s starts every bias at %g (its bias_initializer): each gate's sigmoid "
                  "starts at %.3g and the candidate's tanh near %s1, their flat ends, where "
                  "they pass almost no gradient, and the loss stays at %.0f%% of the "
                  "constant-prediction loss" % (name, value, opening, "-" if value < 0 else "",
                                                100 * ctx.level / ctx.baseline
                                                if ctx.baseline and ctx.level else 100),
                  layers=[name], value=value)
            f.summary = ("%s's gates start saturated: a constant bias of %g puts every gate "
                         "and the candidate at the flat ends of their activations."
                         % (name, value))
            f.fix = ("Start the biases at zero (bias_initializer='zeros', Keras's default). "
                     + GATES_OPEN)
            return
        output = ctx.output_pinned() if not pinned and \
            not any(ramp(share, *T.SATURATED_FRACTION) > 0 for share, _ in cand) else None
        if output is not None:
            name, act, share, rel, scale = output
            f.add(0.85, "the output %s (%s) is saturated for %.0f%% of the probe and, under a "
                  "loss that does not undo the squash (%s), passes no gradient back: every "
                  "layer's gradient is at most %s of its weights"
                  % (act, name, 100 * share, ctx.loss_kind or "not a cross-entropy", fmt(rel)),
                  signal=M.ACTIVATION, layers=[name], steps=ctx.span, value=share)
            f.summary = ("The output %s sits at its flat ends for almost every example, where "
                         "the loss gets no gradient through it." % act)
            f.fix = ("Let the output's logits stay of order one: %sand train a classifier on "
                     "cross-entropy (from_logits=True on a linear output), whose gradient does "
                     "not vanish at a saturated %s."
                     % ("remove the Rescaling(scale=%s) in front of the %s (a temperature "
                        "belongs in calibration after training, not in the trained model), "
                        % (fmt(scale), act) if scale is not None and scale > 1 else
                        "start the output layer small (glorot_uniform, zero bias), ", act))
            return
        if not cand and not pinned:
            return
        worst, name = max(cand) if cand else (0.0, None)
        by_gates = None
        written = name in names and hand_written(acts[names.index(name)])
        if pinned > ramp(worst, *T.SATURATED_FRACTION):
            share, name, mean, std = blocked
            f.add(pinned, "%s outputs sit at %.2f +/- %.2f, near the flat end of the "
                  "activation: its derivative there averages %.0f%% of its peak, so the layer "
                  "passes that little of the gradient" % (name, mean, std, 100 * (1 - share)),
                  signal=M.ACTIVATION, layers=[name], steps=ctx.span, value=share)
            by_gates = gates_pinned_the_output(ctx)
            if by_gates is not None:
                # The configuration says why: a state pinned by its own gates' start is no
                # level the data set, so this holds at a good loss too.
                name, value, opening = by_gates
                f.add(0.8 * ramp(abs(value), *T.RECURRENT_BIAS_SATURATING),
                      "%s starts every bias at %g (its bias_initializer): each gate's sigmoid "
                      "starts at %.3g and the candidate's tanh near %s1, their flat ends, and "
                      "its output has stayed there"
                      % (name, value, opening, "-" if value < 0 else ""),
                      layers=[name], value=value)
                f.signature = True
        else:
            f.signature = worst >= T.SATURATED_FOR_GOOD
            f.add(ramp(worst, *T.SATURATED_FRACTION),
                  ("%s outputs are saturated for %.0f%% of inputs (derivative ~0 there)"
                   % (name, 100 * worst)) if not written else
                  ("%s (%s, a hand-written activation) piles %.0f%% of its outputs against "
                   "the lowest or highest it gives, where it is flat (derivative ~0)"
                   % (name, acts[names.index(name)], 100 * worst)),
                  signal=M.ACTIVATION, layers=[name], steps=ctx.span, value=worst)
        many = [n for s, n in cand if s >= T.SATURATED_FRACTION[0]]
        if len(many) >= 2:
            f.add(0.3, "%d layers saturated" % len(many), signal=M.ACTIVATION,
                  layers=many[:4])
        f.summary = "Sigmoid/tanh units are saturated at their flat ends, where gradients vanish."
        f.fix = ("Normalise the inputs, use smaller initial weights (glorot_uniform), put "
                 "BatchNormalization before the activation, or switch hidden layers to ReLU.")
        if written and ramp(worst, *T.SATURATED_FRACTION) >= pinned:
            f.summary = ("Units of a hand-written activation sit against its bounds, where it is "
                         "flat and passes almost no gradient.")
            f.fix = ("Use an activation with a slope where the units sit (tanh, or the same "
                     "function with a steepness of order one, not tens or hundreds); for a "
                     "binarised network train through a straight-through estimator (forward "
                     "the sign, backward the identity clipped to [-1, 1]).")
        amplified = ctx.amplified_into_saturation()
        if amplified is not None and name == names[0]:
            layer, does = amplified
            f.add(0.3, "%s %s before %s" % (layer, does, name), layers=[layer, name])
            f.summary = ("%s's units sit at their flat ends: %s, the model's own layer, %s, "
                         "so their pre-activations are far past the slope." % (name, layer, does))
            f.fix = ("Fix %s: for pixels in 0..255 use Rescaling(1/255) (not 255); to "
                     "standardise, an adapted Normalization() without invert=True. Its "
                     "inputs should reach %s at about unit scale." % (layer, name))
            misadapted = ctx.misadapted_normalization()
            if misadapted is not None and misadapted[0] == layer:
                f.fix = ("Fix %s: adapt it on the inputs the model is fed (norm.adapt(x_train), "
                         "the same array and units passed to fit), so that its inputs reach %s "
                         "at about unit scale." % (layer, name))
        pinned = ctx.init_pinned_the_units()
        if pinned is not None and pinned["kernels"] is not None:
            layer, cls, (mean, spread) = pinned["kernels"]
            f.add(0.3 * pinned["strength"],
                  "%s's kernels start from %s(mean %s, spread %s): every unit's weighted sum "
                  "shares one large part, which puts the units at the same flat end"
                  % (layer, cls, fmt(mean), fmt(spread)), layers=[layer], value=mean)
            f.summary = ("Sigmoid/tanh units start saturated: the kernel initializer's mean "
                         "puts every unit at the same flat end, where gradients vanish.")
            f.fix = ("Draw the kernels around zero: kernel_initializer='glorot_uniform' (the "
                     "Keras default) or RandomNormal(mean=0.0, stddev=...) with the spread "
                     "meant as stddev, RandomUniform(minval=-a, maxval=a), not (0, a).")
        if pinned is not None and pinned["wide"] is not None:
            # Saturated from the first step by a stated draw far wider than the fan-in's
            # scale, and still saturated: the initializer holds the units there, whatever
            # level the loss reached meanwhile.
            f.signature = True
            layer, cls, spread, gain = pinned["wide"]
            f.add(0.3 * pinned["strength"],
                  "%s's kernels start from %s(stddev %s), gain %s x what He/Glorot use: every "
                  "unit's weighted sum is far past the slope, at one flat end or the other, "
                  "from the first step" % (layer, cls, fmt(spread), fmt(gain)),
                  layers=[layer], value=gain)
            f.summary = ("Sigmoid/tanh units start saturated: the kernel initializer draws "
                         "weights so large that every unit sits at a flat end.")
            f.fix = ("Draw %s's kernels at the fan-in's scale: kernel_initializer="
                     "'glorot_uniform' (the Keras default), or a stddev of about 1/sqrt(fan-in) "
                     "(%s is %s x too wide)." % (layer, fmt(spread), fmt(gain)))
        if pinned is not None and pinned["scale"] is not None:
            f.signature = True  # as for the draw too wide, the start holds them there
            layer, value = pinned["scale"]
            f.add(0.3 * pinned["strength"],
                  "%s's scale starts at %s (its gamma_initializer): its outputs spread over "
                  "+-%s standard deviations, past the slope of %s, from the first step"
                  % (layer, fmt(value), fmt(value), name), layers=[layer, name], value=value)
            f.summary = ("Sigmoid/tanh units start saturated: the normalization before them "
                         "scales its outputs so far that most units sit at a flat end.")
            f.fix = ("Start %s's scale at 1 (gamma_initializer='ones', the Keras default): a "
                     "normalization's outputs should reach %s at about unit scale (a "
                     "multiplier like sqrt(width) belongs on embeddings, not here)."
                     % (layer, name))
        shift = ctx.bias_shift(name)
        if shift is not None:
            f.fix = ("Start %s's biases at zero: bias_initializer=Constant(%g) pushes every "
                     "unit towards its flat end before training begins (for an LSTM's forget "
                     "gate alone, keep unit_forget_bias=True instead)." % (name, shift))
        if by_gates is not None:
            f.summary = ("%s's gates start saturated: a constant bias of %g puts every gate "
                         "and the candidate at the flat ends of their activations, and its "
                         "output stays near them." % by_gates[:2])
            f.fix = ("Start %s's biases at zero: bias_initializer=Constant(%g) starts every "
                     "gate at its flat end (Keras's default is 'zeros'). %s"
                     % (by_gates[0], by_gates[1], GATES_OPEN))
