"""The loss a constant prediction would get: ln K, the label-prior entropy, or Var(y)."""

import math

import numpy as np

from tb_plateau import metadata
from tb_plateau.analysis import thresholds as T

_CE = ("categorical_crossentropy", "sparse_categorical_crossentropy", "categoricalcrossentropy",
       "sparsecategoricalcrossentropy", "categorical_focal_crossentropy",
       "categoricalfocalcrossentropy")
_BCE = ("binary_crossentropy", "binarycrossentropy", "binary_focal_crossentropy",
        "binaryfocalcrossentropy")
_MSE = ("mean_squared_error", "mse", "meansquarederror")
_MAE = ("mean_absolute_error", "mae", "meanabsoluteerror")
# TensorFlow's own cross-entropies (tf.nn.*, a hand-written loop's loss): they take logits,
# whatever from_logits the configuration records for a function.
_TF_LOGIT_LOSSES = {"sigmoid_cross_entropy_with_logits": "bce",
                    "softmax_cross_entropy_with_logits": "ce",
                    "softmax_cross_entropy_with_logits_v2": "ce",
                    "sparse_softmax_cross_entropy_with_logits": "ce"}


def loss_keys(config, fields=("name", "class")):
    """The config's loss `fields` (its name and class; "alias" too where asked), lower case
    and without spaces."""
    loss = config.get("loss") if isinstance(config, dict) else None
    names = [loss.get(field) for field in fields] if isinstance(loss, dict) else [loss]
    return [n.lower().replace(" ", "") for n in names if isinstance(n, str)]


# Keras's cosine-similarity loss, by the names its config gives it.
COSINE_LOSSES = frozenset(("cosine_similarity", "cosinesimilarity", "cosine_proximity"))


def loss_floor(config):
    """The least value the recorded loss can take when it is not 0, else None: -1 for a
    cosine similarity (Keras's loss is the negated cosine). How near a run without a
    constant-prediction baseline sits to where it started is measured above this floor."""
    return -1.0 if COSINE_LOSSES & set(loss_keys(config)) else None


def tf_logits_loss(config):
    """'bce' | 'ce' when the loss is one of TensorFlow's cross-entropies on logits
    (tf.nn.sigmoid_cross_entropy_with_logits, ...), else None."""
    for key in loss_keys(config):
        kind = _TF_LOGIT_LOSSES.get(key.rsplit(".", 1)[-1])
        if kind:
            return kind
    return None


def from_logits(config):
    """Whether the loss reads logits: True for TensorFlow's *_with_logits functions whatever
    the config records, else the loss's from_logits; None when the config does not say."""
    if tf_logits_loss(config):
        return True
    loss = config.get("loss") if isinstance(config, dict) else None
    return bool(loss.get("from_logits")) if isinstance(loss, dict) else None


def loss_kind(config):
    """'ce' | 'bce' | 'mse' | 'mae' | None from the config's loss name or class."""
    for key in loss_keys(config):
        for kind, table in (("ce", _CE), ("bce", _BCE), ("mse", _MSE), ("mae", _MAE)):
            if key in table:
                return kind
    return tf_logits_loss(config)


def target_summary(signals, signal=metadata.TARGETS):
    """Targets aggregated over all logged batches: dict of TARGET_COLUMNS, or None."""
    series = signals.get(signal)
    if series is None or series.values.ndim != 2 or len(series) == 0 or \
            series.values.shape[1] != len(metadata.TARGET_COLUMNS):
        return None
    v = series.values
    col = {name: v[:, i] for i, name in enumerate(metadata.TARGET_COLUMNS)}
    with np.errstate(all="ignore"):
        means = col["mean"]
        return {
            "min": float(np.nanmin(col["min"])),
            "max": float(np.nanmax(col["max"])),
            "mean": float(np.nanmean(means)),
            # Total variance = within-batch variance + variance of the batch means.
            "var": float(np.nanmean(col["var"]) + np.nanvar(means)),
            "distinct": float(np.nanmax(col["distinct"])),
            "integer_fraction": float(np.nanmin(col["integer_fraction"])),
            "nonfinite": float(np.nansum(col["nonfinite"])),
            # The examples one row summarises (the probe's, repeated at each diagnostic).
            "count": float(np.nanmax(col["count"])),
        }


def prior_targets(signals):
    """The targets the label distribution is judged from (the constant-prediction baseline,
    its standard error): every target probe_data held (`target_sample`) when logged, else
    the probe's or the logged batches' (`target_summary`)."""
    return target_summary(signals, metadata.TARGET_SAMPLE) or target_summary(signals)


def prior_class_frequencies(signals):
    """class_frequencies of every target probe_data held when logged, else the probe's or
    the logged batches'."""
    sample = class_frequencies(signals, metadata.TARGET_SAMPLE_CLASSES)
    return sample if sample is not None else class_frequencies(signals)


def class_frequencies(signals, signal=metadata.TARGET_CLASSES):
    series = signals.get(signal)
    if series is None or series.values.ndim != 2 or len(series) == 0:
        return None
    freq = np.nanmean(series.values, axis=0)
    if not np.all(np.isfinite(freq)) or freq.sum() <= 0:
        return None
    return freq / freq.sum()


def _last_row(signals, signal, columns, optional=()):
    """The last row written of a [steps, columns] signal as {column: float}, or None when
    the signal is absent, of another shape, or not finite; `optional` columns may be absent
    (a row of the columns before them: an older version's) or not finite, and are then
    None."""
    series = signals.get(signal)
    if series is None or np.ndim(series.values) != 2 or not len(series):
        return None
    width = series.values.shape[1]
    if not len(columns) - len(optional) <= width <= len(columns):
        return None
    row = np.asarray(series.values[-1], dtype=np.float64)
    out = dict.fromkeys(optional)
    for column, value in zip(columns, row):
        if np.isfinite(value):
            out[column] = float(value)
        elif column not in optional:
            return None
    return out


def measured_constant_fit(signals):
    """The callback's scores of constant outputs on the probe (`plateau/constant_fit`, the
    last written): dict of CONSTANT_FIT_COLUMNS, or None when absent or not finite."""
    return _last_row(signals, metadata.CONSTANT_FIT, metadata.CONSTANT_FIT_COLUMNS)


def measured_reference_fit(signals):
    """The callback's reference fits of probe_data (`plateau/reference_fit`, the last
    written: a nearest-neighbour vote, a kernel ridge fit or a linear one, each example
    predicted from the others): dict of REFERENCE_FIT_COLUMNS, or None when absent or not
    finite; linear_loss None where version 7 wrote none or no linear fit scored."""
    return _last_row(signals, metadata.REFERENCE_FIT, metadata.REFERENCE_FIT_COLUMNS,
                     optional=("linear_loss",))


def constant_prediction_baseline(config, signals):
    """(baseline dict or None, note or None). The dict is {value, kind, text}.

    From the loss's formula only. The callback's measured best constant
    (`measured_constant_fit`) is not used as the run's baseline: it is measured on the probe
    alone (64 examples by default), whose sampling error for a heavy-tailed custom loss is as
    large as the gap between a weak fit and a constant, so "near the baseline" would flag
    healthy weak fits; it serves the loss / activation evidence, where the gap is large."""
    return _formula_baseline(config, signals)


def fit_weights(config):
    """The `fit_weights` the callback recorded ({"class_weight", "sample_weight"}), or None."""
    weights = config.get("fit_weights") if isinstance(config, dict) else None
    return weights if isinstance(weights, dict) else None


def weighted_loss(config):
    """Whether fit weighed the training loss (class_weight or sample_weight): its batches'
    loss is then not comparable with the probe's, which is unweighted."""
    weights = fit_weights(config) or {}
    return bool(weights.get("class_weight")) or bool(weights.get("sample_weight")) or \
        bool(weights.get("class_weight_unreadable"))


def sample_weight_mean(config):
    """The mean of the sample weights fit was given, when it was given some and their mean
    is a positive finite number, else None."""
    weights = fit_weights(config) or {}
    mean = weights.get("sample_weight_mean") if weights.get("sample_weight") else None
    if not isinstance(mean, (int, float)) or isinstance(mean, bool) or \
            not math.isfinite(mean) or not mean > 0:
        return None
    return float(mean)


def label_frequencies(kind, signals, targets):
    """The label frequencies for a cross-entropy (prior_class_frequencies, 'ce'), or
    [1 - rate, rate] from binary targets in [0, 1] ('bce'); else None."""
    if kind == "ce":
        return prior_class_frequencies(signals)
    if kind == "bce" and targets is not None and 0 <= targets["min"] and targets["max"] <= 1:
        return np.array([1.0 - targets["mean"], targets["mean"]])
    return None


def class_weights(config, classes):
    """The weight `fit(class_weight=...)` gave each of `classes` classes (Keras gives an
    unlisted class 1), or None when fit was given no class weights (or unreadable ones)."""
    weights = (fit_weights(config) or {}).get("class_weight")
    if not isinstance(weights, dict) or not weights:
        return None
    out = np.ones(classes)
    for key, value in weights.items():
        try:
            k, w = int(key), float(value)
        except (TypeError, ValueError):
            return None
        if not math.isfinite(w) or w < 0:
            return None
        if 0 <= k < classes:
            out[k] = w
    return out


def weighted_entropy(freq, weights):
    """The best constant's loss under class-weighted cross-entropy: Keras averages w_y x
    (-ln p_y) over the batch, sum_k f_k w_k (-ln p_k), least at p = q, q_k = f_k w_k / S
    with S = sum_k f_k w_k, where it is S x H(q)."""
    mass = np.asarray(freq, dtype=np.float64) * np.asarray(weights, dtype=np.float64)
    total = float(mass.sum())
    if not total > 0:
        return None
    q = mass[mass > 0] / total
    return total * float(-(q * np.log(q)).sum())


def _formula_baseline(config, signals):
    baseline, note = _per_example_baseline(config, signals)
    batch = summed_over_batch(config)
    if baseline is None or batch is None:
        return baseline, note
    # reduction="sum" adds the batch's per-example losses up: a constant prediction scores
    # the batch size times its per-example loss.
    return dict(baseline, value=baseline["value"] * batch,
                text="%s, times the batch of %d (the loss is summed over the batch: "
                     "reduction='sum')" % (baseline["text"], batch)), note


def summed_reduction(config):
    """Whether the recorded loss's own config sets reduction="sum": its value adds up the
    batch's per-example losses instead of averaging them."""
    loss = config.get("loss") if isinstance(config, dict) else None
    loss_config = loss.get("config") if isinstance(loss, dict) else None
    return isinstance(loss_config, dict) and loss_config.get("reduction") == "sum"


def summed_over_batch(config):
    """The batch size when the compiled loss's reduction is "sum" and the batch size is
    recorded, else None."""
    batch = config.get("batch_size") if isinstance(config, dict) else None
    if not summed_reduction(config) or not isinstance(batch, int) or isinstance(batch, bool) \
            or batch < 1:
        return None
    return batch


def probe_to_batch(config):
    """The factor that puts the probe's loss (plateau/probe_loss, one value over all the
    probe's examples) on the training batches' scale: under reduction="sum" the probe's
    loss adds up its examples and a batch's loss its batch, so batch / examples; else 1
    (or when either count is not recorded)."""
    batch = summed_over_batch(config)
    probe = config.get("probe") if isinstance(config, dict) else None
    examples = probe.get("examples") if isinstance(probe, dict) else None
    if batch is None or not isinstance(examples, int) or isinstance(examples, bool) or \
            examples < 1:
        return 1.0
    return batch / examples


def _per_example_baseline(config, signals):
    kind = loss_kind(config)
    if kind is None:
        if config is None:
            return None, None
        return None, "constant-prediction baseline unknown for this loss"
    weights = fit_weights(config) or {}
    if weights.get("class_weight_unreadable"):
        return None, ("fit was given a class_weight the callback could not read: the loss "
                      "weighs each class, so its constant-prediction baseline is unknown")
    if weights.get("sample_weight"):
        # Keras averages w_i x loss_i over the batch: with weights that do not depend on
        # the label the best constant is the unweighted one, its loss times their mean.
        mean = sample_weight_mean(config)
        if mean is None:
            return None, ("fit was given sample_weight: the loss weighs each example, so its "
                          "constant-prediction baseline is unknown")
        plain, note = _plain_baseline(config, signals, kind)
        if plain is None:
            return None, note
        return dict(plain, value=plain["value"] * mean,
                    text="%s, times the sample weights' mean %s (taken as independent of "
                         "the label)" % (plain["text"], "%.3g" % mean)), note
    return _plain_baseline(config, signals, kind)


def _plain_baseline(config, signals, kind):
    units = config.get("output_units") if isinstance(config, dict) else None
    targets = prior_targets(signals)
    if kind in ("ce", "bce"):
        weighted = _class_weighted_baseline(config, signals, kind, targets)
        if weighted is not None:
            return weighted, None
    if kind == "ce":
        freq = prior_class_frequencies(signals)
        if freq is not None and len(freq) > 1:
            p = freq[freq > 0]
            entropy = float(-(p * np.log(p)).sum())
            k = len(freq)
            if math.log(k) - entropy <= T.BALANCED_ENTROPY_TOLERANCE * math.log(k):
                # The value is the observed prior's entropy (what a constant predictor
                # really reaches on these labels); one number, so the text names ln K
                # without a second value.
                return {"value": entropy, "kind": "ln_k",
                        "text": "the entropy of %d nearly balanced classes (about ln %d)"
                                % (k, k)}, None
            return {"value": entropy, "kind": "label_entropy",
                    "text": "the entropy of the label prior over %d classes" % k}, None
        if isinstance(units, int) and units > 1:
            return {"value": math.log(units), "kind": "ln_k",
                    "text": "ln %d, for %d classes assumed balanced" % (units, units)}, None
        return None, "no class frequencies logged: cross-entropy baseline unknown"
    if kind == "bce":
        if targets is not None and targets["min"] >= 0 and targets["max"] <= 1:
            p = min(max(targets["mean"], 1e-12), 1 - 1e-12)
            h = _binary_entropy(p)
            few = _rate_too_few_to_tell(config, signals, targets, p)
            if few is not None and _binary_entropy(few[0]) > h:
                return {"value": _binary_entropy(few[0]), "kind": "label_entropy",
                        "text": "the binary entropy of a %.3g%% positive rate (the model's mean "
                                "prediction: %s)" % (100 * few[0], few[1])}, None
            return {"value": h, "kind": "label_entropy",
                    "text": "the binary entropy of a %.3g%% positive rate" % (100 * p)}, None
        if targets is None:
            return {"value": math.log(2), "kind": "ln_k",
                    "text": "ln 2, for binary labels assumed balanced"}, None
        return None, "targets outside [0, 1]: binary cross-entropy has no baseline"
    if kind == "mse":
        if targets is not None and math.isfinite(targets["var"]):
            return {"value": targets["var"], "kind": "var_y",
                    "text": "the variance of the targets"}, None
        return None, "no target statistics: MSE baseline Var(y) unknown"
    return None, "constant-prediction baseline not computed for %s" % kind


def _class_weighted_baseline(config, signals, kind, targets):
    """The baseline dict of a cross-entropy under fit(class_weight=...), from the probe's
    class frequencies (its positive rate for binary labels), or None."""
    freq = label_frequencies(kind, signals, targets)
    weights = class_weights(config, len(freq)) if freq is not None and len(freq) > 1 else None
    if weights is None:
        return None
    value = weighted_entropy(freq, weights)
    if value is None:
        return None
    # As for an unweighted binary cross-entropy: a probe holding too few of the rarer class
    # to tell its rate. The weighted loss's bias gradient sum_i w_i (prediction - label)
    # sets the mean prediction near the weighted rate q = w1 p / (w1 p + w0 (1 - p)), so
    # the rate the model learned is p = q w0 / (q w0 + (1 - q) w1).
    few = _rate_too_few_to_tell(config, signals, targets, freq[1]) if kind == "bce" else None
    if few is not None and weights[1] > 0:
        predicted = few[0]
        rate = predicted * weights[0] / (predicted * weights[0] + (1 - predicted) * weights[1])
        implied = weighted_entropy([1.0 - rate, rate], weights)
        if implied is not None and implied > value:
            return {"value": implied, "kind": "weighted_label_entropy",
                    "text": "the class-weighted entropy of a %.3g%% positive rate (fit's "
                            "class_weight; the rate the model's mean prediction implies under "
                            "those weights: %s)" % (100 * rate, few[1])}
    return {"value": value, "kind": "weighted_label_entropy",
            "text": "the class-weighted entropy of the label prior (fit's class_weight)"}


def _binary_entropy(p):
    p = min(max(p, 1e-12), 1 - 1e-12)
    return -(p * math.log(p) + (1 - p) * math.log(1 - p))


def relative_standard_error(baseline, targets, freq=None):
    """One standard error of a baseline estimated from the probe's n examples, relative to
    the baseline, or None: the variance of n targets misses the data's by sqrt(2 / (n - 1));
    the binary entropy of a rate p measured on n labels by |ln((1 - p) / p)| sqrt(p (1 - p)
    / n) (the delta method), over the entropy; with the probe's class frequencies `freq`,
    the entropy of K classes by sqrt((sum p ln^2 p - H^2) / n), 0 for balanced classes."""
    count = (targets or {}).get("count")
    if not baseline or not count or count <= 2:
        return None
    if baseline.get("kind") == "var_y":
        return math.sqrt(2.0 / (count - 1))
    if baseline.get("kind") == "label_entropy" and freq is not None and len(freq) >= 2 and \
            baseline["value"] > 0:
        p = np.asarray(freq, dtype=np.float64)
        p = p[p > 0]
        entropy = float(-(p * np.log(p)).sum())
        if math.isclose(baseline["value"], entropy, rel_tol=1e-6):
            spread = max(0.0, float((p * np.log(p) ** 2).sum()) - entropy ** 2)
            return math.sqrt(spread / count) / entropy
    p = targets.get("mean")
    # The binary entropy of the probe labels' own rate (not the model's mean prediction,
    # whose error is not the probe's): recognised by its value.
    if baseline.get("kind") == "label_entropy" and isinstance(p, float) and 0.0 < p < 1.0 \
            and baseline["value"] > 0 and \
            math.isclose(baseline["value"], _binary_entropy(p), rel_tol=1e-9):
        return abs(math.log((1 - p) / p)) * math.sqrt(p * (1 - p) / count) / baseline["value"]
    return None


def _rate_too_few_to_tell(config, signals, targets, rate):
    """(the model's mean predicted probability on the probe, the words saying why it is
    used) when the probe's labels, positive at `rate`, hold fewer than FEW_MINORITY_EXAMPLES
    of the rarer class and that prediction is known (_mean_predicted_rate); else None."""
    predicted = _mean_predicted_rate(config, signals)
    minority = (targets.get("count") or 0) * min(rate, 1 - rate) if targets else 0
    if predicted is None or not minority < T.FEW_MINORITY_EXAMPLES:
        return None
    return predicted, ("the probe holds %d example%s of the rarer class, too few to tell the "
                       "rate" % (round(minority), "" if round(minority) == 1 else "s"))


def _mean_predicted_rate(config, signals):
    """The model's mean predicted probability on the probe at the last diagnostic, for a
    sigmoid output under a probability cross-entropy (not logits), or None."""
    if not isinstance(config, dict) or str(config.get("output_activation") or "") != "sigmoid":
        return None
    if from_logits(config):
        return None
    series = signals.get(metadata.PREDICTIONS)
    if series is None or np.ndim(series.values) != 2 or not len(series) or \
            "mean" not in list(series.columns or metadata.PREDICTION_COLUMNS):
        return None
    value = float(series.values[-1][list(series.columns or metadata.PREDICTION_COLUMNS)
                                     .index("mean")])
    return value if 0.0 < value < 1.0 else None


def uniform_prediction_loss(loss_kind, signals):
    """What a classifier that predicts every class alike scores: ln K under a categorical
    cross-entropy over K logged classes, ln 2 under a binary one; None for other losses. A
    model that learned nothing of its inputs sits between the label prior's entropy (it
    learned the prior) and this."""
    if loss_kind == "bce":
        return math.log(2)
    freq = prior_class_frequencies(signals) if loss_kind == "ce" else None
    return math.log(len(freq)) if freq is not None and len(freq) > 1 else None


def _above_floor(level, baseline, initial, floor):
    """level and initial measured above the loss's floor (loss_floor) when no baseline is
    known and the floor is not 0."""
    if floor is None or (baseline and baseline > 0) or level is None or initial is None:
        return level, initial
    return level - floor, initial - floor


def good_level(level, baseline, initial, floor=None):
    """A flat loss at this level counts as healthy convergence: it fell by at least
    CONVERGED_MIN_DROP of where it started, to at most CONVERGED_MAX_BASELINE_FRACTION of the
    constant-prediction loss (of the initial loss when no baseline is known, both measured
    above the loss's `floor` when it has one other than 0)."""
    level, initial = _above_floor(level, baseline, initial, floor)
    if level is None or initial is None:
        return False
    fell = initial - level >= T.CONVERGED_MIN_DROP * abs(initial) and initial > 0
    if not fell or level < 0:
        return False
    reference = baseline if baseline and baseline > 0 else initial
    return level <= T.CONVERGED_MAX_BASELINE_FRACTION * reference


def near_constant_prediction(level, baseline, initial, floor=None, start=None):
    """The loss sits where a model that learned nothing would: within SIGNATURE_TOLERANCE
    of the constant-prediction loss, or, when no baseline is known, of both the initial loss
    and the loss's `start` (its very first values, when given) (of their height above the
    loss's `floor` when it has one other than 0), or above them."""
    if baseline and baseline > 0:
        return level is None or level >= T.NEAR_BASELINE_FRACTION * baseline
    near = _near_start(level, initial, floor)
    # A loss that fell clearly from its very first values learned something (a noisy loss
    # can do all its learning within the first tenth of the run the initial level spans).
    return near if start is None or level is None else near and \
        _near_start(level, start, floor)


def _near_start(level, initial, floor):
    """near_constant_prediction without a baseline, against one starting level."""
    level, initial = _above_floor(level, None, initial, floor)
    if level is None:
        return True  # NaN/Inf throughout the stall
    if initial is None:
        return False
    # No baseline: a loss that never fell from where it started learned nothing either
    # (whatever its sign: a log-likelihood or a custom loss can start below zero).
    return level >= initial - (1.0 - T.NEAR_BASELINE_FRACTION) * abs(initial)
