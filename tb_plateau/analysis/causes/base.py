"""What a cause declares, and the `Finding` its detector fills with evidence."""

import dataclasses
import math
from typing import Callable

from tb_plateau.analysis import thresholds as T
from tb_plateau.analysis.context import fmt


class Finding:
    """Evidence for one cause, accumulated as the detector looks.

    Confidence combines independent pieces of evidence as a noisy-OR, then counter-evidence
    scales it down, so a detector never needs to know the others; ranking separates the
    look-alikes.
    """

    def __init__(self, cause_id, title=None, chart_column=None):
        self.id = cause_id
        self.title = title or cause_id.replace("_", " ")
        self.chart_column = chart_column
        self._support = []
        self._against = 1.0
        self.evidence = []
        self.summary = ""
        self.fix = ""
        # Set by a detector whose evidence is an observation, not an inference (NaN seen in
        # the loss, the inputs or the targets): only such a finding may show 100%.
        self.definitional = False
        # Set by a detector whose evidence healthy convergence cannot produce (a learning
        # rate cut by six decades, dropout on the predictions): like a cause that
        # `fires_when_converged`, it makes a flat end at a good loss a problem.
        self.signature = False
        # Symptoms among the cause's `upstream_of` that its detector found it is not
        # upstream of in this run (they are the problem the user sees, not its consequence).
        self.not_upstream_of = ()

    def add(self, strength, text, signal=None, layers=None, steps=None, value=None):
        """A piece of evidence for the cause with strength in [0, 1]."""
        strength = float(min(1.0, max(0.0, strength)))
        if strength <= 0:
            return
        self._support.append(strength)
        item = {"text": text}
        if signal is not None:
            item["signal"] = signal
        if layers:
            item["layers"] = [str(l) for l in layers]
        if steps is not None:
            item["steps"] = [int(steps[0]), int(steps[1])]
        if value is not None and math.isfinite(float(value)):
            item["value"] = float(value)
        self.evidence.append((strength, item))

    def against(self, factor):
        """Counter-evidence: scale the confidence by `factor` in [0, 1]."""
        self._against *= float(min(1.0, max(0.0, factor)))

    @property
    def confidence(self):
        if not self._support:
            return 0.0
        miss = 1.0
        for s in self._support:
            miss *= 1.0 - s
        return (1.0 - miss) * self._against

    def shown_confidence(self, first):
        """The confidence the user sees: the calibrated score (`first`: listed first for its
        interval), capped below certainty unless the evidence is definitional."""
        if self.definitional:
            return self.confidence
        return min(T.calibrate(self.confidence, first), T.MAX_HEURISTIC_CONFIDENCE)

    def as_dict(self, confidence=None):
        items = [item for _, item in sorted(self.evidence, key=lambda e: -e[0])]
        confidence = self.confidence if confidence is None else confidence
        out = {"id": self.id, "title": self.title, "confidence": round(confidence, 3),
               "summary": self.summary, "evidence": items, "fix": self.fix}
        if self.chart_column is not None:
            out["chart_column"] = self.chart_column
        return out


@dataclasses.dataclass(frozen=True)
class Explains:
    """Part of another cause's evidence that this cause accounts for.

    `share_left(ctx)` is the share (0..1] of the symptom's confidence that remains once this
    cause is taken into account, measured on the interval's context (1 when it does not
    apply). The ranking applies it; the symptom's own detector never looks.
    """

    symptom: str
    share_left: Callable


class Cause:
    """One cause of a stall: its declarations and its detector.

    A cause module subclasses this, sets the declarations below and implements
    `examine(ctx, finding)`, then is listed once in the registry (causes/__init__.py).
    """

    id = ""
    # How the panel and the CLI name it.
    title = ""
    # The column of a [layers, columns] signal that charts its evidence, or None for the
    # signal's first column.
    chart_column = None
    # Its place in the causal order: lower is further upstream. Confidences within
    # thresholds.TIE_MARGIN are ranked upstream first.
    precedence = math.inf
    # Causes it produces whatever the model: when it is confident (thresholds.ROOT_CAUSE_MIN)
    # they are ranked after it.
    upstream_of = ()
    # `Explains` relations: evidence of other causes that this one accounts for.
    explains = ()
    # Causes that cannot hold for the same interval as this one (a learning rate both too
    # high and too low): only the more confident of the two is listed.
    contradicts = ()
    # A signature that healthy convergence cannot produce: when it is strong, a flat end
    # at a good loss is still reported as a problem.
    fires_when_converged = False
    # Judged from the loss level alone: it cannot mark a still-improving run as a problem.
    judged_from_level = False
    # Applies to stalled intervals, diverged ones, or both.
    kinds = ("stalled", "diverged")

    def run(self, ctx):
        """The finding for this interval, or None when there is no evidence."""
        if ctx.kind not in self.kinds:
            return None
        finding = Finding(self.id, self.title, self.chart_column)
        self.examine(ctx, finding)
        return finding if finding.confidence > 0 else None

    def examine(self, ctx, finding):
        raise NotImplementedError


def rate_for_optimizer(ctx, lr, how):
    """'learning rate 0.1 is high for sgd', or with a setting that scales the step
    (`step_scale`): 'learning rate 0.1 with momentum=0.999 steps like 10, high for sgd'."""
    factor, settings = ctx.step_scale()
    optimizer = ctx.optimizer() or "this optimizer"
    if not settings:
        return "learning rate %s is %s for %s" % (fmt(lr), how, optimizer)
    return "learning rate %s with %s steps like a rate of %s, %s for %s" % (
        fmt(lr), " and ".join(text for _, text in settings), fmt(lr * factor), how, optimizer)


# What to do about each setting `step_scale` names.
_STEP_SETTING_FIXES = {
    "momentum": "set momentum back to %s or lower" % T.USUAL_MOMENTUM,
    "gradient_accumulation_steps": "lower gradient_accumulation_steps (each update waits that "
                                   "many steps) or raise the learning rate to match",
    "ema": "overwrite the weights with their moving average only at the end "
           "(ema_overwrite_frequency=None) or rarely",
    "epsilon": "set epsilon back to Keras's default (%s)" % fmt(T.OPTIMIZER_DEFAULTS["epsilon"]),
}


def step_setting_fix(ctx, lr):
    """The fix when a setting beside the learning rate (`step_scale`) is what makes the
    rate in effect too high or too low, else None."""
    factor, settings = ctx.step_scale()
    if not settings:
        return None
    text = "; ".join(_STEP_SETTING_FIXES[key] for key, _ in settings)
    return "%s%s: %s makes every step %s x what learning rate %s gives." % (
        text[:1].upper(), text[1:], " and ".join(t for _, t in settings), fmt(factor), fmt(lr))


def learning_rate_phrase(lr):
    """' (learning rate 0.1)' for a summary, '' when the learning rate is unknown."""
    return "" if lr is None else " (learning rate %s)" % fmt(lr)
