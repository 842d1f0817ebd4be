"""Non-finite values: NaN/Inf entered the computation (data, an op, or overflowed weights)."""

import numpy as np

from tb_plateau import metadata as M
from tb_plateau.analysis.causes.base import Cause, Explains
from tb_plateau.analysis.context import fmt


def nan_out_of_nowhere(ctx):
    # A loss that turned NaN without blowing up first points at data or an op, not at
    # oversized steps.
    return 0.5 if ctx.nan_without_blow_up() else 1.0


class NonFiniteValues(Cause):
    id = "non_finite_values"
    title = "Non-finite values (NaN / Inf)"
    chart_column = "nonfinite"
    # Bad values poison every other signal: first in the causal order.
    precedence = 10
    explains = (Explains("learning_rate_too_high", nan_out_of_nowhere),)
    fires_when_converged = True

    def examine(self, ctx, f):
        # Weights, gradients and predictions that overflow after the loss blew up are the
        # end of the blow-up, not NaN entering from outside: weak evidence then (the
        # blow-up's cause ranks first). NaN in the inputs/targets always counts.
        sudden = ctx.nan_without_blow_up()
        layers, first = ctx.nonfinite_layers(M.WEIGHT_NORM)
        # (A stall whose loss stayed finite while the weights overflowed: the loss soared
        # before they did.)
        after_blow_up = sudden is False or \
            (sudden is None and bool(layers) and ctx.loss_blew_up_before(first))
        for signal, column, what in ((M.INPUTS, "nonfinite", "inputs"),
                                     (M.PREDICTIONS, "nonfinite", "predictions")):
            s = ctx.series(signal)
            if s is None or not s.columns or column not in s.columns:
                continue
            steps, v = ctx.around(signal)
            if v is None or not len(v):
                continue
            count = float(np.nansum(v[..., s.columns.index(column)]))
            if count > 0:
                f.definitional = f.definitional or what == "inputs"
                f.add(0.95 if what == "inputs" else (0.15 if after_blow_up else 0.4),
                      "%s non-finite values in the %s" % (fmt(count), what), signal=signal,
                      steps=(ctx.lead_start, ctx.end), value=count)
        if layers:
            f.add(0.35 if after_blow_up else 0.9,
                  "the weights of %s became NaN/Inf at step %d" % (", ".join(layers[:3]), first),
                  signal=M.WEIGHT_NORM, layers=layers[:3], steps=(first, ctx.end))
        t = ctx.targets()
        if t is not None and t["nonfinite"] > 0:
            f.definitional = True
            f.add(0.95, "%s non-finite values in the targets" % fmt(t["nonfinite"]), signal=M.TARGETS,
                  value=t["nonfinite"])
        _, nonfinite = ctx.around(M.GRAD_NONFINITE)
        if nonfinite is not None and len(nonfinite) and np.nanmax(nonfinite) > 0:
            f.add(0.15 if after_blow_up else 0.3,
                  "non-finite gradients (up to %s values per step)" % fmt(np.nanmax(nonfinite)),
                  signal=M.GRAD_NONFINITE, steps=(ctx.lead_start, ctx.end))
        if sudden is not None:
            # NaN in the loss with no blow-up before it is an observation of bad values,
            # not an inference.
            f.definitional = f.definitional or bool(sudden)
            f.add(0.7 if sudden else 0.2,
                  "the loss became NaN/Inf in steps %d..%d%s" % (
                      ctx.start, ctx.end, " without blowing up first" if sudden
                      else " after blowing up"), signal=M.LOSS, steps=ctx.span)
        f.summary = "Non-finite values (NaN/Inf) entered the computation."
        f.fix = ("Find and remove them: check np.isfinite(x).all() and np.isfinite(y).all(), "
                 "impute or drop bad rows, guard custom losses against log(0) and division by "
                 "zero, and run once with tf.debugging.enable_check_numerics() to find the op.")
