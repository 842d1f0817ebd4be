"""One detector per cause: its signature, evidence and fix side by side, registered in DETECTORS.

Each detector looks at the signals inside and just before one interval and returns a
`Finding` (how strongly the evidence points to its cause) or None. Confidence combines
independent pieces of evidence as a noisy-OR, then counter-evidence scales it down, so a
detector never needs to know the others; ranking separates the look-alikes.
"""

import math

import numpy as np

from tb_plateau import metadata as M
from tb_plateau.analysis import thresholds as T
from tb_plateau.analysis.context import fmt
from tb_plateau.analysis.thresholds import ramp

_SQUASHING = ("sigmoid", "tanh", "softmax", "hard_sigmoid", "softsign")
_NORMALIZING_LAYERS = ("normalization", "rescaling", "batchnormalization",
                       "layernormalization", "standardization")


def _loss_named(config):
    """Whether the run's configuration names its loss function at all."""
    loss = config.get("loss") if isinstance(config, dict) else None
    if isinstance(loss, dict):
        return any(isinstance(loss.get(k), str) and loss.get(k) for k in ("name", "class"))
    return isinstance(loss, str) and bool(loss)


class Finding:
    """Evidence for one cause, accumulated as the detector looks."""

    def __init__(self, cause_id):
        self.id = cause_id
        self._support = []
        self._against = 1.0
        self.evidence = []
        self.summary = ""
        self.fix = ""

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

    def as_dict(self):
        items = [item for _, item in sorted(self.evidence, key=lambda e: -e[0])]
        return {"id": self.id, "confidence": round(self.confidence, 3), "summary": self.summary,
                "evidence": items, "fix": self.fix}


class Detector:
    """One cause. Subclasses set `id` and implement `examine(ctx, finding)`."""

    id = ""
    # A signature that healthy convergence cannot produce: when it is strong, a flat end
    # at a good loss is still reported as a problem.
    fires_when_converged = False
    # Applies to stalled intervals, diverged ones, or both.
    kinds = ("stalled", "diverged")

    def run(self, ctx):
        if ctx.kind not in self.kinds:
            return None
        finding = Finding(self.id)
        self.examine(ctx, finding)
        return finding if finding.confidence > 0 else None

    def examine(self, ctx, finding):
        raise NotImplementedError


# ---------------------------------------------------------------------------------------
# shared measurements
# ---------------------------------------------------------------------------------------

def median_update_ratio(ctx, part="inside"):
    """(median over layers and steps of the update/weight ratio, per-layer medians)."""
    med = ctx.median(M.UPDATE_RATIO, part)
    if med is None:
        return None, None
    per_layer = np.atleast_1d(med).astype(float)
    finite = per_layer[np.isfinite(per_layer)]
    if len(finite) == 0:
        return None, None
    return float(np.median(finite)), per_layer


def grad_profile(ctx):
    """Per-layer median gradient norms and relative gradients (grad / weight) inside."""
    g = ctx.median(M.GRAD_NORM)
    if g is None:
        return None
    g = np.atleast_1d(g).astype(float)
    w = ctx.median(M.WEIGHT_NORM)
    w = np.atleast_1d(w).astype(float) if w is not None and np.size(w) == g.size else None
    names = ctx.names(M.GRAD_NORM)
    with np.errstate(all="ignore"):
        rel = g / w if w is not None else None
    return {"grad": g, "weight": w, "relative": rel, "names": names}


def steps_of(ctx):
    return (ctx.start, ctx.end)


def inputs_are_ids(ctx):
    """True when the model's first layers consume integer ids or categories (Embedding,
    lookups, category encoding): then the inputs' magnitude is an index, not a scale."""
    for layer in ctx.layers()[:3]:
        cls = str(layer.get("class", "")).lower()
        if cls in ("inputlayer", "input"):
            continue
        if any(cls.startswith(n) for n in T.ID_CONSUMING_LAYERS):
            return True
    return False


def input_scale(ctx):
    """(largest feature magnitude, largest/smallest feature std, name of the largest), or
    None when unknown or when the inputs are ids feeding an Embedding/lookup layer."""
    if inputs_are_ids(ctx):
        return None
    med = ctx.median(M.INPUTS, "around")
    s = ctx.series(M.INPUTS)
    if med is None or s is None or med.ndim != 2:
        return None
    cols = list(s.columns or M.INPUT_COLUMNS)
    try:
        mean, std = med[:, cols.index("mean")], med[:, cols.index("std")]
        lo, hi = med[:, cols.index("min")], med[:, cols.index("max")]
    except ValueError:
        return None
    magnitude = np.nanmax(np.stack([np.abs(lo), np.abs(hi), np.abs(mean), std]), axis=0)
    if not np.any(np.isfinite(magnitude)):
        return None
    i = int(np.nanargmax(magnitude))
    positive = std[np.isfinite(std) & (std > 0)]
    spread = float(positive.max() / positive.min()) if len(positive) > 1 else 1.0
    return float(magnitude[i]), spread, ctx.names(M.INPUTS)[i] if ctx.names(M.INPUTS) else None


def model_normalizes_inputs(ctx):
    layers = ctx.layers()
    for layer in layers[:3]:
        cls = str(layer.get("class", "")).lower()
        if any(cls.startswith(n) for n in _NORMALIZING_LAYERS):
            return True
    return False


def loss_volatility(ctx):
    """Relative spread of the loss inside the interval (robust std / |median|)."""
    loss = ctx.loss_inside()
    if len(loss) < 5:
        return None
    med = float(np.median(loss))
    spread = 1.4826 * float(np.median(np.abs(loss - med)))
    return spread / max(abs(med), 1e-12)


def hidden_kernel_initializers(ctx):
    """(layer name, initializer class, config) of every layer with a kernel but the last."""
    out = []
    kernel_layers = [l for l in ctx.layers() if isinstance(l.get("kernel_initializer"), dict)]
    for layer in kernel_layers[:-1]:
        init = layer["kernel_initializer"]
        out.append((layer.get("name"), str(init.get("class", "")),
                    init.get("config") if isinstance(init.get("config"), dict) else {}))
    return out


def grads_only_in_last_layer(profile):
    g = profile["grad"]
    if len(g) < 2 or not np.all(np.isfinite(g)):
        return False
    return bool(np.all(g[:-1] <= T.GRAD_ZERO) and g[-1] > T.GRAD_ZERO)


def nan_without_blow_up(ctx):
    """For a diverged interval: True when the loss turned NaN/Inf without rising first and
    without oversized steps before it (data or an op, not the optimiser), False when it blew
    up first, None when it never went non-finite."""
    if ctx.kind != "diverged":
        return None
    _, inside = ctx.inside(M.LOSS)
    if inside is None or np.all(np.isfinite(inside)):
        return None
    _, before = ctx.before(M.LOSS)
    fin = before[np.isfinite(before)] if before is not None else np.zeros(0)
    if len(fin) >= 4:
        tail = np.max(fin[-max(2, len(fin) // 4):])
        if tail > T.DIVERGE_FACTOR * max(float(np.median(fin[: len(fin) // 2])), 1e-12):
            return False
    finite_inside = inside[np.isfinite(inside)]
    if len(finite_inside) and ctx.initial_loss and ctx.initial_loss > 0 and \
            np.max(finite_inside) > T.DIVERGE_FACTOR * ctx.initial_loss:
        return False
    ur, _ = median_update_ratio(ctx, "before")
    # Steps only "oversized" when more likely so than not (past the middle of the ramp,
    # ~3e-2): 1.3e-2 is a brisk but ordinary step and does not explain a NaN.
    if ur is not None and ramp(ur, T.UPDATE_RATIO_HIGH_WEAK, T.UPDATE_RATIO_HIGH_STRONG) >= 0.5:
        return False
    return True


def peak_update_ratio(ctx):
    """Largest per-step median (over layers) update/weight ratio around the interval."""
    _, values = ctx.around(M.UPDATE_RATIO)
    if values is None or len(values) == 0 or values.ndim != 2:
        return None
    v = np.where(np.isfinite(values), values, np.nan)
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        per_step = np.nanmedian(v, axis=1)
    per_step = per_step[np.isfinite(per_step)]
    return float(per_step.max()) if len(per_step) else None


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


def learning_rate_jump(ctx):
    """How many times larger the learning rate is inside the interval than before it."""
    _, before = ctx.before(M.LEARNING_RATE)
    inside = ctx.median(M.LEARNING_RATE)
    if before is None or len(before) == 0 or inside is None:
        return None
    prior = float(np.nanmedian(before))
    if not prior > 0 or not np.isfinite(inside):
        return None
    return float(inside) / prior


def nonfinite_layers(ctx, signal):
    """(layer names, first step) where a per-layer signal went NaN/Inf around the interval."""
    steps, values = ctx.around(signal)
    if values is None or len(values) == 0 or values.ndim != 2:
        return [], None
    bad = ~np.isfinite(values)
    if not bad.any():
        return [], None
    names = ctx.names(signal)
    layers = [names[i] for i in np.flatnonzero(bad.any(axis=0))]
    return layers, int(steps[np.flatnonzero(bad.any(axis=1))[0]])


def learning_rate_text(ctx):
    lr = ctx.learning_rate()
    return lr, ("" if lr is None else " (learning rate %s)" % fmt(lr))


def learning_rate_band(ctx):
    """(how high, how low) the learning rate is for its optimizer, each in [0, 1]; (0, 0)
    when unknown. Adaptive optimizers and SGD have different normal ranges."""
    lr = ctx.learning_rate()
    if lr is None:
        return 0.0, 0.0
    adaptive = ctx.adaptive()
    high = T.ADAPTIVE_LR_HIGH if adaptive is not False else T.SGD_LR_HIGH
    low = T.ADAPTIVE_LR_LOW if adaptive is not False else T.SGD_LR_LOW
    return ramp(lr, *high), ramp(lr, *low)


def last_finite_profile(ctx):
    """Per-layer gradients and relative gradients at the last diagnostic step, up to the
    interval's end, where every gradient is finite: for a run that went NaN, the last
    picture of the gradients before they overflowed (the interval's median is NaN)."""
    gs = ctx.series(M.GRAD_NORM)
    if gs is None or gs.values.ndim != 2 or len(gs.steps) == 0:
        return None
    upto = int(np.searchsorted(gs.steps, ctx.end, side="right"))
    ok = np.flatnonzero(np.all(np.isfinite(gs.values[:upto]), axis=1))
    if len(ok) == 0:
        return None
    i = int(ok[-1])
    step = int(gs.steps[i])
    g = gs.values[i].astype(float)
    ws = ctx.series(M.WEIGHT_NORM)
    w = None
    if ws is not None and ws.values.ndim == 2 and ws.values.shape[1] == g.size:
        j = int(np.searchsorted(ws.steps, step))
        if j < len(ws.steps) and ws.steps[j] == step:
            w = ws.values[j].astype(float)
    with np.errstate(all="ignore"):
        rel = g / w if w is not None else None
    return {"grad": g, "weight": w, "relative": rel, "names": ctx.names(M.GRAD_NORM),
            "step": step}


def gradient_picture(ctx):
    """The interval's gradient profile when finite, else the last finite one before it."""
    prof = grad_profile(ctx)
    if prof is not None and np.all(np.isfinite(prof["grad"])):
        return prof
    return last_finite_profile(ctx) or prof


def first_profile(ctx):
    """Gradients and weights at the run's first diagnostic step (the initial state)."""
    gs = ctx.series(M.GRAD_NORM)
    if gs is None or gs.values.ndim != 2 or len(gs.steps) == 0:
        return None
    g = gs.values[0].astype(float)
    ws = ctx.series(M.WEIGHT_NORM)
    w = ws.values[0].astype(float) if ws is not None and ws.values.ndim == 2 and \
        ws.values.shape[1] == g.size else None
    return {"grad": g, "weight": w, "relative": None, "names": ctx.names(M.GRAD_NORM),
            "step": int(gs.steps[0])}


def relu_death(ctx):
    """When the ReLU layers died, and how big the updates were until then.

    Returns None without activation statistics, else a dict: `from_start` (already mostly
    dead at the first diagnostic step, before training could have done it), `onset` (the
    first diagnostic step where a ReLU layer is mostly dead, None if none is), `before`
    (worst zero fraction before the onset), `peak_update` (largest per-step median
    update/weight ratio at or before the onset, None when not logged).
    """
    s = ctx.series(M.ACTIVATION)
    if s is None or s.values.ndim != 3 or not s.columns or "zero_fraction" not in s.columns:
        return None
    names, acts = ctx.layer_activations()
    relu = [i for i, a in enumerate(acts) if a and a.startswith("relu")]
    if not relu:
        return None
    zero = s.values[:, relu, s.columns.index("zero_fraction")]
    with np.errstate(all="ignore"):
        worst = np.nanmax(np.where(np.isfinite(zero), zero, -1.0), axis=1)
    dead = np.flatnonzero(worst >= T.DEAD_FRACTION[0])
    out = {"from_start": bool(len(worst) and worst[0] >= T.DEAD_FRACTION[0]),
           "onset": int(s.steps[dead[0]]) if len(dead) else None,
           "before": float(worst[: dead[0]].max()) if len(dead) and dead[0] > 0 else None,
           "peak_update": None}
    u = ctx.series(M.UPDATE_RATIO)
    if out["onset"] is not None and u is not None and u.values.ndim == 2:
        upto = int(np.searchsorted(u.steps, out["onset"], side="right"))
        v = u.values[:upto]
        v = v[np.all(np.isfinite(v), axis=1)] if len(v) else v
        if len(v):
            out["peak_update"] = float(np.max(np.median(v, axis=1)))
    return out


def killed_by_large_steps(ctx):
    """How strongly (0..1) the ReLU units died *because of* oversized updates: they were
    alive at the start and died after update/weight ratios far above healthy."""
    death = relu_death(ctx)
    if not death or death["from_start"] or death["onset"] is None or \
            death["peak_update"] is None:
        return 0.0, death
    return ramp(death["peak_update"], T.UPDATE_RATIO_HIGH_WEAK, T.UPDATE_RATIO_HIGH_STRONG), death


def target_scale(ctx):
    """Scale of regression targets (max of |mean| and std), or None for other losses."""
    if ctx.loss_kind not in ("mse", "mae"):
        return None
    t = ctx.targets()
    if t is None or not math.isfinite(t["mean"]) or not math.isfinite(t["var"]):
        return None
    return max(abs(t["mean"]), math.sqrt(max(t["var"], 0.0)))


def loss_blow_up(ctx):
    """How many times the finite loss rose above its start before the run went NaN/Inf or
    diverged (None outside diverged intervals)."""
    if ctx.kind != "diverged" or not ctx.initial_loss or ctx.initial_loss <= 0:
        return None
    steps, values = ctx.around(M.LOSS)
    if values is None or len(values) == 0:
        return None
    fin = values[np.isfinite(values)]
    if len(fin) == 0:
        return None
    return float(np.max(fin)) / ctx.initial_loss


def first_step_activation_growth(ctx):
    """(growth of the activation std from the first hidden layer to the last one at the run's
    first logged step, first layer's name, last layer's name); Inf when it overflowed;
    None with fewer than two hidden layers or no activation statistics."""
    s = ctx.series(M.ACTIVATION)
    if s is None or s.values.ndim != 3 or not s.columns or "std" not in s.columns or \
            len(s.steps) == 0:
        return None
    std = s.values[0][:, s.columns.index("std")].astype(float)[:-1]  # hidden layers only
    names = ctx.names(M.ACTIVATION)
    idx = [i for i in range(len(std)) if not np.isnan(std[i])]
    if len(idx) < 2 or not np.isfinite(std[idx[0]]) or not std[idx[0]] > 0:
        return None
    first, last = idx[0], idx[-1]
    peak = int(idx[int(np.argmax([std[i] for i in idx]))])
    growth = float(std[peak] / std[first]) if np.isfinite(std[peak]) else math.inf
    return growth, names[first], names[peak if peak != first else last]


def weight_norm_change(ctx):
    """Total weight norm at the interval's end over its value at the run's start (< 1:
    the weights shrank), from the steps where every layer's norm is finite; None when
    fewer than 3 such steps were logged."""
    s = ctx.series(M.WEIGHT_NORM)
    if s is None or s.values.ndim != 2 or len(s.steps) == 0:
        return None
    upto = int(np.searchsorted(s.steps, ctx.end, side="right"))
    v = s.values[:upto]
    v = v[np.all(np.isfinite(v), axis=1)] if len(v) else v
    if len(v) < 3:
        return None
    total = np.sqrt(np.sum(np.square(v.astype(float)), axis=1))
    k = max(1, len(total) // 10)
    first, last = float(np.median(total[:k])), float(np.median(total[-k:]))
    return last / first if first > 0 else None


def collapsed_weights_without_gradient_growth(ctx):
    """How strongly (0..1) the weights shrank toward zero from the run's start to the
    interval's end while the global gradient norm did not grow (then a large gradient/weight
    or update/weight ratio reflects the shrinking denominator, not the numerator)."""
    change = weight_norm_change(ctx)
    if change is None:
        return 0.0
    shrink = ramp(max(1.0 - change, 1e-9), *T.WEIGHT_SHRINK)
    gs = ctx.series(M.GRAD_GLOBAL_NORM)
    if shrink > 0 and gs is not None and gs.values.ndim == 1:
        upto = int(np.searchsorted(gs.steps, ctx.end, side="right"))
        fin = gs.values[:upto][np.isfinite(gs.values[:upto])]
        if len(fin) >= 3 and fin[0] > 0 and float(np.max(fin)) / float(fin[0]) >= T.GRAD_DEPTH_GROWTH[0]:
            return 0.0  # the gradients grew too: both may be blowing up
    return shrink


def optimizer_weight_decay(ctx):
    """(weight_decay, lr x weight_decay = the fraction of each weight removed per step) from
    the optimizer config (Keras 3 decoupled decay), or None when it has none."""
    opt = ctx.config.get("optimizer")
    cfg = opt.get("config") if isinstance(opt, dict) else None
    wd = cfg.get("weight_decay") if isinstance(cfg, dict) else None
    if not isinstance(wd, (int, float)) or isinstance(wd, bool) or not wd > 0 or \
            not math.isfinite(wd):
        return None
    lr = ctx.learning_rate()
    return float(wd), (float(wd) * lr if lr is not None else None)


def first_step_gradients_nonfinite(ctx):
    """True when the gradients are already NaN/Inf at the first logged step while the inputs
    and targets are finite: the initial weights, not bad data, overflowed them."""
    gs = ctx.series(M.GRAD_NORM)
    if gs is None or gs.values.ndim != 2 or len(gs.steps) == 0:
        return False
    if np.all(np.isfinite(gs.values[0])):
        return False
    s = ctx.series(M.INPUTS)
    if s is not None and s.columns and "nonfinite" in s.columns and len(s.values):
        if np.nansum(s.values[0][..., s.columns.index("nonfinite")]) > 0:
            return False
    t = ctx.targets()
    return not (t is not None and t["nonfinite"] > 0)


def gradients_abnormal(ctx):
    """How abnormal (0..1) the gradients are relative to the weights: the largest relative
    gradient on the RELATIVE_GRAD_HUGE ramp, 1 when they overflowed from the first step."""
    if first_step_gradients_nonfinite(ctx):
        return 1.0
    prof = gradient_picture(ctx)
    rel = prof["relative"] if prof is not None else None
    rel = rel[np.isfinite(rel)] if rel is not None else np.zeros(0)
    return ramp(float(rel.max()), *T.RELATIVE_GRAD_HUGE) if len(rel) else 0.0


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


def learning_rate_implicated(ctx):
    """How far (0..1) a large update/weight ratio can be blamed on the learning rate, and
    the alternatives that explain it instead (principle: the ratio alone is no proof).

    The lr itself implicated (high for its optimizer, a jump, schedule growth) -> 1.
    Otherwise start at 1 and let each alternative (collapsing weights, abnormal gradients,
    optimizer weight decay) scale it down to LR_ALTERNATIVE_KEEP at its strongest.
    """
    lr_high, _ = learning_rate_band(ctx)
    jump = learning_rate_jump(ctx)
    growth = learning_rate_growth(ctx)
    direct = max(lr_high, ramp(jump, *T.LR_JUMP) if jump else 0.0,
                 ramp(growth, *T.LR_JUMP) if growth else 0.0)
    keep = 1.0 - T.LR_ALTERNATIVE_KEEP
    alternatives = []
    other = 1.0
    change = weight_norm_change(ctx)
    if change is not None:
        shrink = ramp(max(1.0 - change, 1e-9), *T.WEIGHT_SHRINK)
        if shrink > 0:
            other *= 1.0 - keep * shrink
            alternatives.append("the weights shrank to %s of their initial norm, which "
                                "inflates the ratio" % fmt(change))
    # Gradients large only relative to collapsed weights are the collapse, counted above.
    abnormal = gradients_abnormal(ctx) * (1.0 - collapsed_weights_without_gradient_growth(ctx))
    if abnormal > 0:
        other *= 1.0 - keep * abnormal
        alternatives.append("the gradients are abnormally large for the weights")
    decay = optimizer_weight_decay(ctx)
    if decay is not None and decay[1] is not None:
        strength = ramp(decay[1], *T.WEIGHT_DECAY_PER_STEP)
        if strength > 0:
            other *= 1.0 - keep * strength
            alternatives.append("optimizer weight decay removes %s of each weight per step"
                                % fmt(decay[1]))
    return max(direct, other), alternatives, direct


# ---------------------------------------------------------------------------------------
# the detectors
# ---------------------------------------------------------------------------------------

class LearningRateTooHigh(Detector):
    id = "learning_rate_too_high"
    fires_when_converged = True

    def examine(self, ctx, f):
        lr, lr_text = learning_rate_text(ctx)
        # The update/weight ratio is evidence about the learning rate only as far as the
        # lr itself is implicated or nothing else explains a large ratio.
        trust, alternatives, direct = learning_rate_implicated(ctx)
        ur, per_layer = median_update_ratio(ctx, "around")
        if ur is not None:
            f.add(trust * ramp(ur, T.UPDATE_RATIO_HIGH_WEAK, T.UPDATE_RATIO_HIGH_STRONG),
                  "update/weight ratio %s per step (healthy ~1e-3)" % fmt(ur),
                  signal=M.UPDATE_RATIO, steps=(ctx.lead_start, ctx.end), value=ur)
            peak = peak_update_ratio(ctx)
            if peak is not None and peak > ur:
                f.add(trust * 0.8 * ramp(peak, T.UPDATE_RATIO_HIGH_WEAK, T.UPDATE_RATIO_HIGH_STRONG),
                      "update/weight ratio peaked at %s (healthy ~1e-3)" % fmt(peak),
                      signal=M.UPDATE_RATIO, steps=(ctx.lead_start, ctx.end), value=peak)
            if max(ur, peak or 0) < T.UPDATE_RATIO_HEALTHY:
                f.against(0.3)
        if lr is not None:
            adaptive = ctx.adaptive()
            weak, strong = T.ADAPTIVE_LR_HIGH if adaptive is not False else T.SGD_LR_HIGH
            f.add(0.7 * ramp(lr, weak, strong),
                  "learning rate %s is high for %s" % (fmt(lr), ctx.optimizer() or "this optimizer"),
                  signal=M.LEARNING_RATE, value=lr)
        jump = learning_rate_jump(ctx)
        if jump is not None:
            f.add(0.9 * ramp(jump, *T.LR_JUMP),
                  "the learning rate jumped %s x right before the interval" % fmt(jump),
                  signal=M.LEARNING_RATE, steps=(ctx.lead_start, ctx.start), value=jump)
        scale = input_scale(ctx)
        inputs_fine = scale is None or ramp(scale[0], *T.INPUT_SCALE) < 0.5 or \
            model_normalizes_inputs(ctx)
        if not inputs_fine:
            f.against(0.5)  # large inputs make large gradients and steps at any sane lr
        sudden = nan_without_blow_up(ctx)
        if sudden:
            f.against(0.5)  # NaN out of nowhere: data or an op, not oversized steps
        # Causal order: ReLU units alive at the start that died after updates far above
        # healthy were killed by the step size; the dead units are its symptom.
        killed, death = killed_by_large_steps(ctx)
        if killed > 0:
            f.add(trust * 0.95 * killed,
                  "ReLU units were alive at the start and died by step %d, after updates of "
                  "%s x the weights per step (healthy ~1e-3)"
                  % (death["onset"], fmt(death["peak_update"])),
                  signal=M.UPDATE_RATIO, steps=(ctx.first_step, death["onset"]),
                  value=death["peak_update"])
        # When the ratio was discounted (collapsing weights, abnormal gradients, weight
        # decay at a normal lr), say so: the user sees why this cause ranks low.
        lr_high, lr_low = learning_rate_band(ctx)
        # Steps far below healthy during the stall cannot be overshooting: unless the lr
        # itself is high/jumped or earlier large steps killed units, the loss's shape
        # (noise, a level above the baseline) is not this cause's, and it must not sit
        # as filler next to learning_rate_too_low.
        ur_inside, _ = median_update_ratio(ctx)
        if ur_inside is not None and direct == 0 and killed == 0:
            f.against(1.0 - ramp(ur_inside, T.UPDATE_RATIO_HEALTHY, T.UPDATE_RATIO_LOW_WEAK))
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
                  signal=M.LOSS, steps=steps_of(ctx))
        elif ctx.baseline and ctx.level is not None and ctx.baseline > 0:
            worse = ctx.level / ctx.baseline
            f.add(0.7 * ramp(worse, 1.3, 3.0),
                  "loss %s is worse than predicting a constant (%s): the optimizer overshoots"
                  % (fmt(ctx.level), fmt(ctx.baseline)), signal=M.LOSS, steps=steps_of(ctx),
                  value=ctx.level)
        if ctx.initial_loss and ctx.level is not None and ctx.initial_loss > 0 and \
                ctx.kind == "stalled":
            f.add(0.5 * ramp(ctx.level / ctx.initial_loss, 1.3, 3.0),
                  "loss rose from %s at the start to %s" % (fmt(ctx.initial_loss), fmt(ctx.level)),
                  signal=M.LOSS, steps=steps_of(ctx))
        vol = loss_volatility(ctx)
        if vol is not None and ctx.kind == "stalled":
            f.add(0.4 * ramp(vol, 0.1, 0.5),
                  "the loss oscillates (relative spread %s) without going down" % fmt(vol),
                  signal=M.LOSS, steps=steps_of(ctx), value=vol)
        prof = grad_profile(ctx)
        if prof is not None and np.all(prof["grad"] <= T.GRAD_ZERO):
            f.against(0.5)  # nothing moves at all: a dead or symmetric network
        new_lr = lr / 10 if lr else None
        f.summary = "The learning rate is too high%s: updates overshoot instead of descending." % lr_text
        f.fix = ("Lower the learning rate 10x%s; if it must stay high, add warm-up or a decay "
                 "schedule, or clip gradients (clipnorm=1.0)."
                 % (", to %s" % fmt(new_lr) if new_lr else " (Adam: start at 1e-3)"))


class LearningRateTooLow(Detector):
    id = "learning_rate_too_low"
    kinds = ("stalled",)

    def examine(self, ctx, f):
        lr, lr_text = learning_rate_text(ctx)
        ur, per_layer = median_update_ratio(ctx)
        prof = grad_profile(ctx)
        if ur is not None:
            f.add(ramp(ur, T.UPDATE_RATIO_LOW_WEAK, T.UPDATE_RATIO_LOW_STRONG),
                  "update/weight ratio %s per step (healthy ~1e-3)" % fmt(ur),
                  signal=M.UPDATE_RATIO, steps=steps_of(ctx), value=ur)
            if ur > T.UPDATE_RATIO_LOW_WEAK:
                f.against(0.25)
            positive = per_layer[np.isfinite(per_layer) & (per_layer > 0)]
            if len(positive) >= 2 and positive.max() / positive.min() > 1.0 / T.GRAD_DEPTH_RATIO_WEAK:
                f.against(0.4)  # some layers move normally: the step size is not what is small
        if lr is not None:
            adaptive = ctx.adaptive()
            weak, strong = T.ADAPTIVE_LR_LOW if adaptive is not False else T.SGD_LR_LOW
            f.add(0.8 * ramp(lr, weak, strong),
                  "learning rate %s is very low for %s" % (fmt(lr), ctx.optimizer() or "this optimizer"),
                  signal=M.LEARNING_RATE, value=lr)
        if prof is not None:
            g = prof["grad"]
            if np.all(g <= T.GRAD_ZERO):
                f.against(0.1)  # no gradient at all: not the step size
            elif np.sum(g <= T.GRAD_ZERO) >= max(1, len(g) - 1):
                f.against(0.3)
            elif prof["relative"] is not None:
                rel = prof["relative"][np.isfinite(prof["relative"]) & (prof["relative"] > 0)]
                if len(rel) and np.min(rel) > T.RELATIVE_GRAD_TINY[0] and \
                        np.max(rel) < T.RELATIVE_GRAD_HUGE[0]:
                    f.add(0.2, "gradients are healthy (gradient/weight %s..%s): the steps are "
                          "what is small" % (fmt(rel.min()), fmt(rel.max())),
                          signal=M.GRAD_NORM, steps=steps_of(ctx))
        # A slow but steady decline inside the "stall" is the shape of too-small steps.
        loss = ctx.loss_inside()
        if len(loss) >= 20 and ctx.level:
            halves = np.array_split(loss, 4)
            meds = np.array([np.median(h) for h in halves])
            if np.all(np.diff(meds) < 0):
                f.add(0.3, "the loss still creeps down steadily (%s -> %s) inside the interval"
                      % (fmt(meds[0]), fmt(meds[-1])), signal=M.LOSS, steps=steps_of(ctx))
        new_lr = lr * 10 if lr else None
        f.summary = "The learning rate is too low%s: gradients are fine but each step barely moves the weights." % lr_text
        f.fix = ("Raise the learning rate 10-100x%s (Adam: 1e-3 is a good default; SGD: 1e-2..1e-1)."
                 % (", e.g. to %s" % fmt(new_lr) if new_lr else ""))


class VanishingGradients(Detector):
    id = "vanishing_gradients"
    kinds = ("stalled",)

    def examine(self, ctx, f):
        prof = grad_profile(ctx)
        if prof is None:
            return
        g, names = prof["grad"], prof["names"]
        nonzero = np.flatnonzero(np.isfinite(g) & (g > T.GRAD_ZERO))
        if len(nonzero) < 1 or len(g) < 2:
            return
        if len(nonzero) < len(g) - 0 and np.sum(g <= T.GRAD_ZERO) >= len(g) - 1:
            return  # exact zeros are dead units or symmetric init, not vanishing
        last = g[-1] if g[-1] > T.GRAD_ZERO else g[nonzero[-1]]
        first_i = int(nonzero[0])
        ratio = g[first_i] / last
        smallest = int(nonzero[np.argmin(g[nonzero])])
        f.add(ramp(g[smallest] / last, T.GRAD_DEPTH_RATIO_WEAK, T.GRAD_DEPTH_RATIO_STRONG),
              "gradient norm of %s is %s x that of the output layer %s"
              % (names[smallest], fmt(g[smallest] / last), names[-1]),
              signal=M.GRAD_NORM, layers=[names[smallest], names[-1]], steps=steps_of(ctx),
              value=g[smallest] / last)
        if len(nonzero) >= 3:
            lg = np.log10(g[nonzero])
            if np.all(np.diff(lg) >= -0.05) and lg[-1] - lg[0] >= 1:
                f.add(0.3, "gradients shrink layer by layer toward the input (%s decades)"
                      % fmt(lg[-1] - lg[0]), signal=M.GRAD_NORM, steps=steps_of(ctx))
        if prof["relative"] is not None:
            rel = prof["relative"]
            ok = np.isfinite(rel) & (rel > 0)
            if np.any(ok):
                r = float(np.median(rel[ok]))
                f.add(0.6 * ramp(r, *T.RELATIVE_GRAD_TINY),
                      "median gradient/weight ratio %s" % fmt(r), signal=M.GRAD_NORM,
                      steps=steps_of(ctx), value=r)
        sat = ctx.column(M.ACTIVATION, "saturated_fraction", "around")
        if sat is not None and len(sat) > 1:
            hidden = sat[:-1][np.isfinite(sat[:-1])]
            if len(hidden):
                # Saturated units are the reason the gradient vanishes: that detector names it.
                f.against(1.0 - 0.5 * ramp(float(hidden.max()), *T.SATURATED_FRACTION))
        scale = input_scale(ctx)
        if scale is not None and not model_normalizes_inputs(ctx):
            # Inputs far from unit scale distort every layer's gradient (a recurrent cell
            # saturates, the first layer dwarfs the rest): that detector names the cause.
            f.against(1.0 - 0.5 * ramp(scale[0], *T.INPUT_SCALE))
        depth = sum(1 for l in ctx.layers() if l.get("units") or l.get("filters"))
        squash = sum(1 for l in ctx.layers()
                     if str(l.get("activation") or "").lower() in ("sigmoid", "tanh"))
        if depth >= 5 and squash >= 3:
            f.add(0.2, "%d layers with %d sigmoid/tanh activations" % (depth, squash))
        f.summary = "Gradients vanish on the way back to the first layers, so they stop learning."
        f.fix = ("Use ReLU hidden activations with He initialisation (kernel_initializer="
                 "'he_normal'), add BatchNormalization between layers or residual connections, "
                 "or make the network shallower.")


class ExplodingGradients(Detector):
    id = "exploding_gradients"
    fires_when_converged = True

    def examine(self, ctx, f):
        # A run that went NaN has NaN gradients inside the interval: judge the last finite
        # picture before the overflow.
        prof = gradient_picture(ctx)
        steps = (ctx.lead_start, ctx.end)
        if prof is not None:
            g, names = prof["grad"], prof["names"]
            finite = np.isfinite(g)
            if prof["relative"] is not None:
                rel = prof["relative"]
                ok = np.isfinite(rel)
                if np.any(ok):
                    i = int(np.nanargmax(np.where(ok, rel, -np.inf)))
                    # A ratio over collapsing weights (decay, L1) is large because its
                    # denominator went to zero: unless the gradient itself grew, it says
                    # nothing about the gradient.
                    collapse = collapsed_weights_without_gradient_growth(ctx)
                    f.add((1.0 - (1.0 - T.LR_ALTERNATIVE_KEEP) * collapse)
                          * ramp(rel[i], *T.RELATIVE_GRAD_HUGE),
                          "gradient norm of %s is %s x its weight norm%s"
                          % (names[i], fmt(rel[i]), " (mostly because the weights shrank "
                                                    "toward zero)" if collapse >= 0.5 else ""),
                          signal=M.GRAD_NORM, layers=[names[i]], steps=steps, value=rel[i])
            if np.any(finite):
                gmax = float(np.max(g[finite]))
                f.add(0.7 * ramp(gmax, *T.GRAD_ABSOLUTE_HUGE),
                      "largest layer gradient norm %s" % fmt(gmax), signal=M.GRAD_NORM,
                      steps=steps, value=gmax)
                pos = np.flatnonzero(finite & (g > T.GRAD_ZERO))
                if len(pos) >= 2:
                    growth = g[pos[0]] / g[pos[-1]]
                    f.add(0.6 * ramp(growth, *T.GRAD_DEPTH_GROWTH),
                          "gradients grow %s x from the output layer back to %s"
                          % (fmt(growth), names[pos[0]]), signal=M.GRAD_NORM,
                          layers=[names[pos[0]], names[pos[-1]]], steps=steps, value=growth)
        # Growth of the global gradient norm by orders of magnitude (up to the interval's
        # end, from the run's start: a blow-up is measured against where it began).
        gs = ctx.series(M.GRAD_GLOBAL_NORM)
        if gs is not None and gs.values.ndim == 1:
            upto = int(np.searchsorted(gs.steps, ctx.end, side="right"))
            fin = gs.values[:upto][np.isfinite(gs.values[:upto])]
            if len(fin) >= 3:
                start = float(np.median(fin[: max(1, len(fin) // 4)]))
                if start > 0:
                    rise = float(np.max(fin)) / start
                    f.add(0.8 * ramp(rise, *T.GRAD_DEPTH_GROWTH),
                          "global gradient norm rose %s x (from %s)" % (fmt(rise), fmt(start)),
                          signal=M.GRAD_GLOBAL_NORM, steps=steps, value=rise)
        _, nonfinite = ctx.around(M.GRAD_NONFINITE)
        if nonfinite is not None and len(nonfinite) and np.nanmax(nonfinite) > 0:
            f.add(0.4, "non-finite gradient values (up to %s per step)" % fmt(np.nanmax(nonfinite)),
                  signal=M.GRAD_NONFINITE, steps=steps)
        # The loss rising by orders of magnitude with a learning rate that is normal or low
        # for its optimizer: the step size did not grow, the gradients did. Plain SGD
        # passes a gradient's size straight into the step; adaptive optimizers bound the
        # step by the lr, so for them the signature is weaker.
        lr = ctx.learning_rate()
        lr_high, _ = learning_rate_band(ctx)
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
        tscale = target_scale(ctx)
        big_targets = ramp(tscale, *T.TARGET_SCALE) if tscale is not None else 0.0
        if big_targets > 0:
            huge = f.confidence > 0 or ctx.kind == "diverged"
            f.add(big_targets * (0.8 if huge else 0.4),
                  "regression targets reach scale %s (standardised ~1): the loss's gradient "
                  "grows with the error, which starts at the targets' size" % fmt(tscale),
                  signal=M.TARGETS, value=tscale)
        scale = input_scale(ctx)
        if scale is not None and not model_normalizes_inputs(ctx):
            f.against(1.0 - 0.5 * ramp(scale[0], *T.INPUT_SCALE))
        ur, _ = median_update_ratio(ctx, "around")
        if ur is not None and prof is not None and prof["relative"] is not None:
            rel = prof["relative"][np.isfinite(prof["relative"])]
            if len(rel) and np.max(rel) < T.RELATIVE_GRAD_HUGE[0]:
                f.against(0.4)  # gradients are moderate; large steps come from the lr
        f.summary = "Gradients explode: their norm is far larger than the weights they update."
        f.fix = ("Clip gradients (e.g. optimizer=Adam(clipnorm=1.0)), initialise with "
                 "glorot_uniform/he_normal instead of large random weights, add "
                 "BatchNormalization, and lower the learning rate.")
        if big_targets >= 0.5:
            f.summary = ("Gradients explode: the regression targets (scale %s) make the "
                         "loss's gradient huge." % fmt(tscale))
            f.fix = ("Standardise the targets: y_scaled = (y - y.mean()) / y.std() (keep the "
                     "mean/std to un-scale predictions), or predict log(y); also clip "
                     "gradients (clipnorm=1.0).")


class DeadReLUs(Detector):
    id = "dead_relus"
    kinds = ("stalled",)

    def examine(self, ctx, f):
        zero = ctx.column(M.ACTIVATION, "zero_fraction", "around")
        names, acts = ctx.layer_activations()
        if zero is not None:
            relu_idx = [i for i, a in enumerate(acts) if a and a.startswith("relu")]
            if not relu_idx and not any(acts):
                relu_idx = list(range(len(zero)))  # unknown activations: zeros still tell
            dead = [(float(zero[i]), names[i]) for i in relu_idx if np.isfinite(zero[i])]
            if dead:
                worst, name = max(dead)
                f.add(ramp(worst, *T.DEAD_FRACTION),
                      "%s outputs zero for %s of inputs (healthy ReLU ~0.5)"
                      % (name, fmt(worst)), signal=M.ACTIVATION, layers=[name],
                      steps=steps_of(ctx), value=worst)
                n_dead = sum(1 for z, _ in dead if z >= T.DEAD_FRACTION[0])
                if n_dead >= 2:
                    f.add(0.3, "%d ReLU layers are mostly dead" % n_dead, signal=M.ACTIVATION)
        prof = grad_profile(ctx)
        if prof is not None and len(prof["grad"]) >= 2:
            g = prof["grad"]
            zero_layers = [prof["names"][i] for i in range(len(g) - 1) if g[i] <= T.GRAD_ZERO]
            if zero_layers and f.confidence > 0:
                f.add(0.3, "exactly zero gradient in %s" % ", ".join(zero_layers[:4]),
                      signal=M.GRAD_NORM, layers=zero_layers[:4], steps=steps_of(ctx), value=0.0)
            w = prof["weight"]
            if w is not None and np.all(w[:-1] <= T.GRAD_ZERO):
                f.against(0.2)  # all-zero weights: an initialisation problem, not dead units
        zero_init = [n for n, cls, _ in hidden_kernel_initializers(ctx)
                     if cls.lower() in ("zeros", "zero", "constant", "ones")]
        if zero_init:
            f.against(0.3)
        if nonfinite_layers(ctx, M.WEIGHT_NORM)[0]:
            f.against(0.2)  # NaN weights output zeros through ReLU: not dead units
        ur_before, _ = median_update_ratio(ctx, "before")
        jump = learning_rate_jump(ctx)
        cause = ""
        fix = ("Use LeakyReLU(negative_slope=0.01) or ELU, he_normal initialisation with zero "
               "(not negative) biases, and a lower learning rate so updates cannot push units "
               "permanently negative.")
        if ur_before is not None and ur_before > T.UPDATE_RATIO_HIGH_WEAK:
            cause = " A large update (ratio %s) before the stall likely pushed them there." % fmt(ur_before)
        # Causal order: units that were alive at the start and died after oversized
        # updates are a symptom of the step size (the learning-rate detector names it);
        # units dead from the first step, before any large update, point at the
        # initialisation (negative biases, a bad kernel scale) and remain this cause.
        killed, death = killed_by_large_steps(ctx)
        if killed > 0:
            cause = (" They were alive at the start and died by step %d after updates of %s x "
                     "the weights: the learning rate killed them." % (death["onset"],
                                                                      fmt(death["peak_update"])))
            f.against(1.0 - 0.5 * killed)
        elif death and death["from_start"] and ctx.start <= death["onset"] + \
                T.LEAD_IN_FRACTION * max(1, ctx.end - ctx.start):
            cause = " They are dead from the first logged step, before training could kill them."
            fix = ("Initialise biases at zero (not negative) and kernels with he_normal; or use "
                   "LeakyReLU(negative_slope=0.01)/ELU, which never output exactly zero.")
        if jump is not None and jump >= T.LR_JUMP[0]:
            cause = " The learning rate jumped %s x just before: the large steps killed them." % fmt(jump)
            f.against(1.0 - 0.6 * ramp(jump, *T.LR_JUMP))  # the root cause is the step size
        f.summary = "ReLU units are dead: they output zero for every input, so no gradient flows." + cause
        f.fix = fix


class SaturatedActivations(Detector):
    id = "saturated_activations"
    kinds = ("stalled",)

    def examine(self, ctx, f):
        sat = ctx.column(M.ACTIVATION, "saturated_fraction", "around")
        names, acts = ctx.layer_activations()
        if sat is None:
            return
        hidden = range(len(sat) - 1) if len(sat) > 1 else range(0)
        cand = [(float(sat[i]), names[i]) for i in hidden
                if np.isfinite(sat[i]) and (acts[i] is None or acts[i] in _SQUASHING)]
        if not cand:
            return
        worst, name = max(cand)
        f.add(ramp(worst, *T.SATURATED_FRACTION),
              "%s outputs are saturated for %s of inputs (derivative ~0 there)" % (name, fmt(worst)),
              signal=M.ACTIVATION, layers=[name], steps=steps_of(ctx), value=worst)
        many = [n for s, n in cand if s >= T.SATURATED_FRACTION[0]]
        if len(many) >= 2:
            f.add(0.3, "%d sigmoid/tanh layers saturated" % len(many), signal=M.ACTIVATION,
                  layers=many[:4])
        scale = input_scale(ctx)
        if scale is not None and not model_normalizes_inputs(ctx):
            f.against(1.0 - 0.4 * ramp(scale[0], *T.INPUT_SCALE))
        f.summary = "Sigmoid/tanh units are saturated at their flat ends, where gradients vanish."
        f.fix = ("Normalise the inputs, use smaller initial weights (glorot_uniform), put "
                 "BatchNormalization before the activation, or switch hidden layers to ReLU.")


class UnnormalizedInputs(Detector):
    id = "unnormalized_inputs"

    def examine(self, ctx, f):
        scale = input_scale(ctx)
        if scale is None:
            return
        magnitude, spread, name = scale
        f.add(ramp(magnitude, *T.INPUT_SCALE),
              "input feature %s reaches magnitude %s (standardised ~1)" % (name, fmt(magnitude)),
              signal=M.INPUTS, layers=[name] if name else None, value=magnitude)
        f.add(0.7 * ramp(spread, *T.INPUT_SCALE_SPREAD),
              "feature scales differ %s x" % fmt(spread), signal=M.INPUTS, value=spread)
        if f.confidence > 0 and ctx.kind == "diverged":
            f.add(0.3, "the loss blew up, as large inputs make large gradients",
                  signal=M.LOSS, steps=steps_of(ctx))
        if f.confidence > 0:
            sat = ctx.column(M.ACTIVATION, "saturated_fraction", "around")
            if sat is not None and len(sat) and np.isfinite(sat[0]) and sat[0] > 0.5:
                f.add(0.3, "the first layer is saturated (%s)" % fmt(sat[0]), signal=M.ACTIVATION)
        if model_normalizes_inputs(ctx):
            f.against(0.2)
        f.summary = "The inputs are not normalised: feature values far from unit scale."
        f.fix = ("Standardise the inputs: norm = tf.keras.layers.Normalization(); "
                 "norm.adapt(x_train); make it the model's first layer (images: "
                 "tf.keras.layers.Rescaling(1/255)).")


class LossActivationMismatch(Detector):
    id = "loss_activation_mismatch"
    fires_when_converged = True

    def examine(self, ctx, f):
        act = ctx.output_activation()
        units = ctx.output_units()
        kind = ctx.loss_kind
        logits = ctx.from_logits()
        targets = ctx.targets()
        level = ctx.level
        loss = ctx.loss_inside()
        steps = steps_of(ctx)
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
        if kind in ("ce", "bce") and logits is False and act in ("linear", "relu", None) \
                and act is not None:
            f.add(0.85, "%s output with from_logits=False: the loss treats raw outputs as "
                  "probabilities" % act)
            fix.append("add activation='softmax' (or 'sigmoid') to the output layer, or pass "
                       "from_logits=True")
        if kind in ("ce", "bce") and logits is True and act in ("softmax", "sigmoid"):
            f.add(0.7, "%s output with from_logits=True: the activation is applied twice" % act)
            fix.append("use a linear output with from_logits=True, or keep %s with "
                       "from_logits=False" % act)
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
        if kind in ("mse", "mae") and targets is not None and act:
            lo, hi = {"sigmoid": (0, 1), "softmax": (0, 1), "tanh": (-1, 1),
                      "relu": (0, math.inf), "softplus": (0, math.inf),
                      "hard_sigmoid": (0, 1)}.get(act, (-math.inf, math.inf))
            outside = max(lo - targets["min"], targets["max"] - hi, 0.0)
            if outside > 0:
                width = max(targets["max"] - targets["min"], 1e-12)
                f.add(0.5 + 0.45 * min(1.0, outside / width * 4),
                      "%s output can only reach [%s, %s] but targets span [%s, %s]"
                      % (act, fmt(lo), fmt(hi), fmt(targets["min"]), fmt(targets["max"])),
                      signal=M.TARGETS, value=targets["max"])
                fix.append("use a linear output layer for regression (or scale the targets "
                           "into the output's range, e.g. y / %s)" % fmt(targets["max"]))
        # Numeric signatures that need no config.
        if len(loss):
            # A negative loss is impossible only for losses known to be non-negative: a
            # loss the config names but we do not classify (Poisson, KL, a custom one) may
            # well be negative, and one with no name at all is only suspect.
            named_loss = _loss_named(ctx.config)
            negative = np.median(loss) < -T.ZERO_LOSS
            if negative and kind in ("ce", "bce", "mse", "mae"):
                f.add(0.85, "the loss is negative (%s), impossible for cross-entropy or MSE on "
                      "valid targets" % fmt(np.median(loss)), signal=M.LOSS, steps=steps,
                      value=float(np.median(loss)))
            elif negative and kind is None and not named_loss:
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
        if kind in ("ce", "bce") and level is not None and level > 0.5 and f.confidence > 0:
            err = level / T.CLIPPED_CE_PER_ERROR
            if err <= 1.0:
                f.add(0.2, "loss %s = -ln(1e-7) x %s: probabilities pinned at 0 or 1, wrong on "
                      "%s of examples" % (fmt(level), fmt(err), fmt(err)), signal=M.LOSS,
                      value=level)
        f.summary = "The output activation does not fit the loss or the targets."
        f.fix = ("; ".join(fix) or "match the output layer to the loss") + "."
        f.fix = f.fix[0].upper() + f.fix[1:]


class InsufficientCapacity(Detector):
    id = "insufficient_capacity"
    kinds = ("stalled",)

    def examine(self, ctx, f):
        level = ctx.level
        if level is None:
            return
        reference = ctx.baseline if ctx.baseline else ctx.initial_loss
        if not reference or reference <= 0 or level < 0:
            return
        frac = level / reference
        lo, hi = T.CAPACITY_LEVEL
        if frac > hi or frac < lo * 0.5:
            return
        learned = ctx.initial_loss is not None and ctx.initial_loss > level * (1 + T.SIGNATURE_TOLERANCE)
        if not learned and not ctx.baseline:
            return  # neither a baseline nor any learning: nothing says "best it can do"
        strength = 0.5 if learned else 0.3
        if ctx.baseline:
            verdict = ("better than a constant, far from a fit" if frac < 1 else
                       "no better than predicting a constant")
            f.add(strength, "the loss settled at %s, %s of the constant-prediction baseline %s: "
                  "%s" % (fmt(level), fmt(frac), fmt(ctx.baseline), verdict),
                  signal=M.LOSS, steps=steps_of(ctx), value=level)
        else:
            f.add(strength * 0.6, "the loss fell to %s of its start and flattened" % fmt(frac),
                  signal=M.LOSS, steps=steps_of(ctx), value=level)
        if ctx.end < ctx.last_step:
            f.against(0.3)  # it improved again later: capacity was not the limit
        params = ctx.params()
        if params is not None:
            f.add(0.5 * ramp(params, *T.SMALL_MODEL_PARAMS),
                  "only %d trainable parameters" % params, value=params)
        dense = [l for l in ctx.layers() if l.get("units") or l.get("filters")]
        if len(ctx.layers()) and len(dense) <= 1:
            f.add(0.35, "no hidden layer: the model is linear in its inputs")
        ur, _ = median_update_ratio(ctx)
        if ur is not None:
            if T.UPDATE_RATIO_LOW_WEAK <= ur <= T.UPDATE_RATIO_HIGH_WEAK:
                f.add(0.25, "updates are healthy (update/weight %s): training works, the model "
                      "cannot do better" % fmt(ur), signal=M.UPDATE_RATIO, value=ur)
            else:
                f.against(0.5)
        prof = grad_profile(ctx)
        if prof is not None:
            g = prof["grad"]
            if np.any(g[:-1] <= T.GRAD_ZERO) if len(g) > 1 else False:
                f.against(0.4)
        val = ctx.median(M.EPOCH_PREFIX + "val_loss")
        if val is not None and np.isfinite(val) and level > 0:
            gap = (float(val) - level) / level
            if abs(gap) < 0.1:
                f.add(0.15, "validation loss %s matches training loss: underfitting, not "
                      "overfitting" % fmt(val), signal=M.EPOCH_PREFIX + "val_loss", value=float(val))
        f.summary = "The model is too small for the problem: it trains, but flattens far above a good fit."
        f.fix = ("Give the model more capacity: add hidden layers/units (e.g. two "
                 "Dense(64, activation='relu') layers; Conv2D for images), then check the "
                 "training loss drops below %s." % fmt(level * 0.5))


class OverRegularization(Detector):
    id = "over_regularization"
    kinds = ("stalled",)

    def examine(self, ctx, f):
        factors = []
        rates = []
        for layer in ctx.layers():
            for key in ("kernel_regularizer", "bias_regularizer", "activity_regularizer"):
                reg = layer.get(key)
                if isinstance(reg, dict) and isinstance(reg.get("config"), dict):
                    for k in ("l2", "l1"):
                        v = reg["config"].get(k)
                        if isinstance(v, (int, float)) and v > 0:
                            factors.append((float(v), layer.get("name"), k))
            rate = layer.get("rate")
            if isinstance(rate, (int, float)) and "dropout" in str(layer.get("class", "")).lower():
                rates.append((float(rate), layer.get("name")))
        if factors:
            v, name, k = max(factors)
            f.add(ramp(v, *T.L2_FACTOR), "%s(%s) on %s (usual ~1e-4)" % (k.upper(), fmt(v), name),
                  layers=[name], value=v)
        if rates:
            r, name = max(rates)
            f.add(ramp(r, *T.DROPOUT_RATE), "dropout rate %s on %s" % (fmt(r), name),
                  layers=[name], value=r)
        # Regularisation set on the optimizer: decoupled weight decay shrinks every weight
        # by lr x weight_decay per step, whatever the layers say.
        decay = optimizer_weight_decay(ctx)
        decay_strength = 0.0
        if decay is not None and decay[1] is not None:
            decay_strength = ramp(decay[1], *T.WEIGHT_DECAY_PER_STEP)
            f.add(decay_strength, "optimizer weight_decay %s at learning rate %s removes %s "
                  "of every weight per step (usual <= 1e-4)"
                  % (fmt(decay[0]), fmt(ctx.learning_rate()), fmt(decay[1])),
                  signal=M.LEARNING_RATE, value=decay[1])
        if f.confidence <= 0:
            return
        w_steps, w = ctx.around(M.WEIGHT_NORM)
        if w is not None and len(w) >= 4:
            total = np.sqrt(np.nansum(np.square(w), axis=1))
            first, last = float(np.median(total[: len(total) // 4 + 1])), float(total[-1])
            if first > 0:
                shrink = 1 - last / first
                f.add(0.4 * ramp(max(shrink, 1e-9), *T.WEIGHT_SHRINK),
                      "weights shrank %s%% over the interval" % fmt(100 * shrink),
                      signal=M.WEIGHT_NORM, steps=(ctx.lead_start, ctx.end))
        # The penalty may have done its work before the interval began (the stall is what
        # is left): the shrink from the run's start counts too.
        change = weight_norm_change(ctx)
        if change is not None:
            f.add(0.4 * ramp(max(1.0 - change, 1e-9), *T.WEIGHT_SHRINK),
                  "weights shrank to %s of their initial norm since the run's start"
                  % fmt(change), signal=M.WEIGHT_NORM, steps=(ctx.first_step, ctx.end),
                  value=change)
        pred = ctx.column(M.PREDICTIONS, "std_across_batch") if ctx.has(M.PREDICTIONS) else None
        if pred is not None and np.ndim(pred) == 0 and np.isfinite(pred):
            f.add(0.3 * ramp(float(pred) + 1e-300, *T.CONSTANT_OUTPUT_STD),
                  "the model predicts nearly the same output for every example (std %s)"
                  % fmt(pred), signal=M.PREDICTIONS, value=float(pred))
        f.summary = "Regularisation is too strong: the penalty outweighs fitting the data."
        fix = []
        if factors:
            fix.append("reduce the %s factor from %s to ~1e-4 (or remove it)"
                       % (max(factors)[2].upper(), fmt(max(factors)[0])))
        if rates:
            fix.append("lower dropout from %s to 0.1-0.3" % fmt(max(rates)[0]))
        if decay_strength > 0:
            lr = ctx.learning_rate()
            fix.append("lower the optimizer's weight_decay from %s so that learning rate x "
                       "weight_decay stays <= 1e-4 per step (e.g. weight_decay=%s at learning "
                       "rate %s; AdamW's default is 0.004)"
                       % (fmt(decay[0]), fmt(min(0.1, 1e-4 / lr)) if lr else "1e-2", fmt(lr)))
        f.fix = ("; ".join(fix) or "weaken the regularisation") + "."
        f.fix = f.fix[0].upper() + f.fix[1:]


class PoorInitialization(Detector):
    id = "poor_initialization"
    kinds = ("stalled", "diverged")

    def examine(self, ctx, f):
        inits = hidden_kernel_initializers(ctx)
        const = [(n, c) for n, c, _ in inits if c.lower() in ("zeros", "zero", "constant", "ones")]
        if const:
            f.add(0.85, "hidden kernels initialised with %s (%s): all units start identical and "
                  "stay symmetric" % (const[0][1], ", ".join(str(n) for n, _ in const[:4])),
                  layers=[n for n, _ in const[:4]])
        # Scale of random initialisers relative to fan-in (He / Glorot keep gain ~1).
        layers = {l.get("name"): l for l in ctx.layers()}
        config_says_large = 0.0
        for name, cls, cfg in inits:
            scale = cfg.get("scale")
            if "variancescaling" in cls.lower().replace("_", "") and \
                    isinstance(scale, (int, float)) and scale > 0:
                # variance = scale / fan: the scale itself is the squared gain.
                high = ramp(scale, *T.INIT_VARIANCE_SCALE_HIGH)
                if high > 0:
                    f.add(0.7 * high, "%s initialised with VarianceScaling(scale=%s): %s x the "
                          "variance He initialisation uses (scale 2)"
                          % (name, fmt(scale), fmt(scale / 2.0)), layers=[name], value=scale)
                    config_says_large = high
                    break
                continue
            std = cfg.get("stddev")
            if std is None and isinstance(cfg.get("maxval"), (int, float)):
                std = abs(cfg["maxval"]) / math.sqrt(3)
            layer = layers.get(name) or {}
            units = layer.get("units") or layer.get("filters")
            params = layer.get("params")
            if not isinstance(std, (int, float)) or not units or not params:
                continue
            fan_in = max(1.0, (params - units) / units)
            gain = std * math.sqrt(fan_in)
            high = ramp(gain, *T.INIT_GAIN_HIGH)
            low = ramp(gain, *T.INIT_GAIN_LOW)
            if high > 0 or low > 0:
                f.add(0.6 * max(high, low), "%s initialised with %s(stddev %s): gain %s x "
                      "(He/Glorot ~1)" % (name, cls, fmt(std), fmt(gain)), layers=[name], value=gain)
                config_says_large = high
                break
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
        lr_high, _ = learning_rate_band(ctx)
        if lr_high == 0 and (config_says_large > 0 or (growth is not None and growth[0] >=
                                                       T.INIT_ACTIVATION_GROWTH[0])):
            if first_step_gradients_nonfinite(ctx):
                f.add(T.INIT_FIRST_STEP_GRADIENT_WEIGHT,
                      "gradients are already NaN/Inf at the first logged step, at a learning "
                      "rate that is not high: the starting weights overflowed them",
                      signal=M.GRAD_NORM)
            else:
                prof0 = first_profile(ctx)
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
        prof = first_profile(ctx)
        from_start = ctx.start <= ctx.first_step + max(1, 0.05 * (ctx.last_step - ctx.first_step))
        if prof is not None and (from_start or const):
            if grads_only_in_last_layer(prof):
                f.add(0.5, "only the output layer receives gradient; every hidden layer's gradient "
                      "is exactly 0", signal=M.GRAD_NORM, layers=prof["names"][:-1][:4],
                      steps=steps_of(ctx), value=0.0)
            w = prof["weight"]
            if w is not None and len(w) > 1 and np.all(w[:-1] <= T.GRAD_ZERO):
                f.add(0.6, "hidden layers' weights are all exactly zero", signal=M.WEIGHT_NORM,
                      layers=prof["names"][:-1][:4], value=0.0)
        std = ctx.column(M.ACTIVATION, "std", "around")
        names, acts = ctx.layer_activations()
        if std is not None and len(std) > 1:
            flat = [names[i] for i in range(len(std) - 1) if np.isfinite(std[i]) and std[i] <= 1e-7]
            if flat and (const or (from_start and prof is not None
                                   and grads_only_in_last_layer(prof))):
                f.add(0.4, "hidden activations are identical across units and examples (std 0) "
                      "in %s" % ", ".join(flat[:3]), signal=M.ACTIVATION, layers=flat[:3], value=0.0)
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
        if config_says_large > 0 or (growth is not None and growth[0] >= T.INIT_ACTIVATION_GROWTH[0]):
            f.summary = ("Poor initialisation: the starting weights are far too large, so "
                         "activations and gradients explode from the first step.")
        f.fix = ("Initialise kernels randomly at the right scale: kernel_initializer='he_normal' "
                 "for ReLU layers, 'glorot_uniform' (the Keras default) for tanh/sigmoid; keep "
                 "zeros for biases only.")


class NonFiniteValues(Detector):
    id = "non_finite_values"
    fires_when_converged = True

    def examine(self, ctx, f):
        # Weights, gradients and predictions that overflow after the loss blew up are the
        # end of the blow-up, not NaN entering from outside: weak evidence then (causal
        # order: the blow-up's cause ranks first). NaN in the inputs/targets always counts.
        sudden = nan_without_blow_up(ctx)
        after_blow_up = sudden is False
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
                f.add(0.95 if what == "inputs" else (0.15 if after_blow_up else 0.4),
                      "%s non-finite values in the %s" % (fmt(count), what), signal=signal,
                      steps=(ctx.lead_start, ctx.end), value=count)
        layers, first = nonfinite_layers(ctx, M.WEIGHT_NORM)
        if layers:
            f.add(0.35 if after_blow_up else 0.9,
                  "the weights of %s became NaN/Inf (by step %d)" % (", ".join(layers[:3]), first),
                  signal=M.WEIGHT_NORM, layers=layers[:3], steps=(first, ctx.end))
        t = ctx.targets()
        if t is not None and t["nonfinite"] > 0:
            f.add(0.95, "%s non-finite values in the targets" % fmt(t["nonfinite"]), signal=M.TARGETS,
                  value=t["nonfinite"])
        _, nonfinite = ctx.around(M.GRAD_NONFINITE)
        if nonfinite is not None and len(nonfinite) and np.nanmax(nonfinite) > 0:
            f.add(0.15 if after_blow_up else 0.3,
                  "non-finite gradients (up to %s values per step)" % fmt(np.nanmax(nonfinite)),
                  signal=M.GRAD_NONFINITE, steps=(ctx.lead_start, ctx.end))
        if sudden is not None:
            f.add(0.7 if sudden else 0.2,
                  "the loss became NaN/Inf in steps %d..%d%s" % (
                      ctx.start, ctx.end, " without blowing up first" if sudden
                      else " after blowing up"), signal=M.LOSS, steps=steps_of(ctx))
        f.summary = "Non-finite values (NaN/Inf) entered the computation."
        f.fix = ("Find and remove them: check np.isfinite(x).all() and np.isfinite(y).all(), "
                 "impute or drop bad rows, guard custom losses against log(0) and division by "
                 "zero, and run once with tf.debugging.enable_check_numerics() to find the op.")


# The registry: one entry per cause id, in the fixed vocabulary's order.
DETECTORS = (
    LearningRateTooHigh(),
    LearningRateTooLow(),
    VanishingGradients(),
    ExplodingGradients(),
    DeadReLUs(),
    SaturatedActivations(),
    UnnormalizedInputs(),
    LossActivationMismatch(),
    InsufficientCapacity(),
    OverRegularization(),
    PoorInitialization(),
    NonFiniteValues(),
)

CAUSE_IDS = tuple(d.id for d in DETECTORS)
