"""Saturated activations: sigmoid/tanh units pinned at their flat ends, where gradients vanish."""

import numpy as np

from tb_plateau import metadata as M
from tb_plateau.analysis import thresholds as T
from tb_plateau.analysis.causes.base import Cause, Explains
from tb_plateau.analysis.thresholds import ramp


def saturation_blocks_the_gradient(ctx):
    # Saturated units are the reason the gradient vanishes.
    sat = ctx.hidden_saturation()
    return 1.0 if sat is None else 1.0 - 0.5 * ramp(sat, *T.SATURATED_FRACTION)


class SaturatedActivations(Cause):
    id = "saturated_activations"
    title = "Saturated activations"
    chart_column = "saturated_fraction"
    # Saturation blocks the gradient: it comes before the vanishing gradients it causes.
    precedence = 80
    explains = (Explains("vanishing_gradients", saturation_blocks_the_gradient),)
    kinds = ("stalled",)

    def examine(self, ctx, f):
        sat = ctx.column(M.ACTIVATION, "saturated_fraction", "around")
        names, acts = ctx.layer_activations()
        if sat is None:
            return
        hidden = range(len(sat) - 1) if len(sat) > 1 else range(0)
        cand = [(float(sat[i]), names[i]) for i in hidden
                if np.isfinite(sat[i]) and (acts[i] is None or acts[i] in T.SQUASHING_ACTIVATIONS)]
        if not cand:
            return
        worst, name = max(cand)
        f.add(ramp(worst, *T.SATURATED_FRACTION),
              "%s outputs are saturated for %.0f%% of inputs (derivative ~0 there)"
              % (name, 100 * worst),
              signal=M.ACTIVATION, layers=[name], steps=ctx.span, value=worst)
        many = [n for s, n in cand if s >= T.SATURATED_FRACTION[0]]
        if len(many) >= 2:
            f.add(0.3, "%d sigmoid/tanh layers saturated" % len(many), signal=M.ACTIVATION,
                  layers=many[:4])
        f.summary = "Sigmoid/tanh units are saturated at their flat ends, where gradients vanish."
        f.fix = ("Normalise the inputs, use smaller initial weights (glorot_uniform), put "
                 "BatchNormalization before the activation, or switch hidden layers to ReLU.")
