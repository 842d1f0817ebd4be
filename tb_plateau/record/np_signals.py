"""The computations behind each signal in numpy, for recording without TensorFlow.

Each function follows the one of the same name in `signals.py` (the TensorFlow version)
definition for definition: same inputs, same float32 outputs shaped as docs/format.md says,
the same thresholds (defined here; tests/test_jax_backend.py checks both against each other
and against a computation of its own). Sums are accumulated in float64, so results agree with the
TensorFlow ones to float32 rounding. Imports no TensorFlow; the layer grouping here is pure
Python and gives the same names and groups as `signals.layer_groups`.
"""

import re

import numpy as np

from tb_plateau.metadata import KERAS_ACTIVATIONS

# --- Numbers that shape the signals (see docs/format.md); signals.py uses them too -----

# Sigmoid outputs this close to 0 or 1 have a local gradient below ~0.01, i.e. the unit has
# stopped learning (Glorot & Bengio 2010 discuss saturation at these levels).
SIGMOID_SATURATION_MARGIN = 0.01
# tanh saturates symmetrically: |tanh(x)| > 0.99 means derivative 1 - tanh^2 < 0.02.
TANH_SATURATION_LEVEL = 0.99
# softsign's derivative is (1 - |y|)^2 at output y: it is as flat as tanh's at the level above
# once |y| > 1 - sqrt(1 - 0.99^2) ~ 0.86 (softsign approaches its bounds only polynomially).
SOFTSIGN_SATURATION_LEVEL = 1.0 - (1.0 - TANH_SATURATION_LEVEL ** 2) ** 0.5
# A softmax probability pinned within 1e-3 of 0 or 1 gives cross-entropy gradients that are
# almost zero for that class.
SOFTMAX_PIN_MARGIN = 1e-3
# `distinct` in plateau/targets is capped: beyond this many values, "many" is all analysis
# needs to tell regression targets from class labels.
DISTINCT_CAP = 1000
# Counting distinct values sorts them; looking at this many target values bounds the cost for
# dense targets (segmentation masks, sequences) while still seeing every class of a batch.
DISTINCT_SAMPLE = 100_000
# Inputs with more features than this (bag-of-words, raw flattened images) are summarised on
# the first MAX_INPUT_FEATURES only, so one diagnostic stays a few tens of kilobytes.
MAX_INPUT_FEATURES = 2048

# Activation families by the name Keras serialises them under.
RELU_FAMILY = frozenset({"relu", "relu6", "leaky_relu", "elu", "selu", "gelu", "silu",
                         "swish", "mish", "softplus", "hard_silu", "hard_swish"})
SATURATING = frozenset({"sigmoid", "hard_sigmoid", "tanh", "hard_tanh", "softsign", "softmax",
                        "log_softmax"})
# An activation Keras does not ship (metadata.KERAS_ACTIVATIONS: a hand-written function, a
# lambda: `custom`) gets its pinned share as saturated_fraction, since its bounds are
# unknown: the share of outputs piled up against the lowest or highest output of the layer.
# A hand-written activation's output within this share of the layer's output range of its
# lowest or highest output (exact zeros aside) is pinned there: tanh(20 z) puts 85% of its
# outputs within 1e-3 of +-1, while a smooth, unbounded output has only its few most extreme
# values so close to its ends.
PINNED_MARGIN = 1e-3


def to_numpy(value):
    """A backend array, a Keras variable or a number as a numpy array (one host copy)."""
    if value is None:
        return None
    if hasattr(value, "detach") and hasattr(value, "cpu"):  # a torch tensor
        return np.asarray(value.detach().cpu())
    if callable(getattr(value, "numpy", None)):  # TF tensors and variables, Keras variables
        return np.asarray(value.numpy())
    value = getattr(value, "value", value)  # a keras.Variable: its current value
    if hasattr(value, "detach") and hasattr(value, "cpu"):
        value = value.detach().cpu()
    return np.asarray(value)


def _float32(value):
    return np.asarray(to_numpy(value), dtype=np.float32)


# --- Grouping variables into layers -----------------------------------------------------

def variable_path(variable):
    """The slash-separated path of a variable: Keras 3 `path`, else the name without ':0'."""
    path = getattr(variable, "path", None)
    if not path:
        path = getattr(variable, "name", None) or "variable"
    return re.sub(r":\d+$", "", str(path))


def layer_groups(variables):
    """Group variables by the layer that owns them, in first-seen order.

    The owner is the variable's path without its last component ('seq/dense/kernel' ->
    'seq/dense'). Returns (names, groups): `names` are the shortest unambiguous labels (the
    last path component when unique, e.g. 'dense'), `groups` lists of indices into
    `variables`.
    """
    owners, groups = [], {}
    for index, variable in enumerate(variables):
        path = variable_path(variable)
        owner = path.rsplit("/", 1)[0] if "/" in path else path
        if owner not in groups:
            groups[owner] = []
            owners.append(owner)
        groups[owner].append(index)
    short = [owner.rsplit("/", 1)[-1] for owner in owners]
    names = [s if short.count(s) == 1 else owner for s, owner in zip(short, owners)]
    return names, [groups[owner] for owner in owners]


# --- Gradients and weights --------------------------------------------------------------

def _sum_squares(tensor):
    if tensor is None:
        return 0.0
    return float(np.sum(np.square(_float32(tensor), dtype=np.float64)))


def group_norms(tensors, groups):
    """L2 norm per group of tensors (None counts as zero): float32 [len(groups)]."""
    squares = [_sum_squares(t) for t in tensors]
    return np.sqrt(np.array([sum(squares[i] for i in group) for group in groups],
                            dtype=np.float64)).astype(np.float32)


def group_means(tensors, groups):
    """Mean entry per group of tensors (None counts as no entries): float32 [len(groups)]."""
    # Weights that overflowed to +Inf and -Inf sum to NaN: that is the mean to write, without
    # numpy's warning (a run blowing up is recorded, not shouted about).
    with np.errstate(invalid="ignore", over="ignore"):
        sums = [0.0 if t is None else float(np.sum(_float32(t), dtype=np.float64))
                for t in tensors]
    sizes = [0 if t is None else int(np.size(t)) for t in tensors]
    return np.array([sum(sums[i] for i in group) / max(1, sum(sizes[i] for i in group))
                     for group in groups], dtype=np.float64).astype(np.float32)


def nonfinite_count(tensors):
    """Number of NaN/Inf values over all tensors (None skipped): float32 scalar."""
    return np.float32(sum(int(np.size(t)) - int(np.count_nonzero(np.isfinite(t)))
                          for t in (_float32(t) for t in tensors if t is not None)))


def gradient_stats(gradients, groups):
    """(grad_norm [L], grad_global_norm [], grad_nonfinite []) for one set of gradients."""
    norms = group_norms(gradients, groups)
    global_norm = np.float32(np.sqrt(np.sum(np.square(norms, dtype=np.float64))))
    return norms, global_norm, nonfinite_count(gradients)


def update_ratios(current, previous, groups):
    """‖W_t − W_{t−1}‖ / ‖W_{t−1}‖ per group: float32 [L]. A zero-norm group gives Inf or NaN."""
    deltas = [_float32(c) - _float32(p) for c, p in zip(current, previous)]
    with np.errstate(divide="ignore", invalid="ignore"):
        return (group_norms(deltas, groups) / group_norms(previous, groups)).astype(np.float32)


# --- Layer outputs ----------------------------------------------------------------------

def saturated_fraction(values, activation):
    """Fraction of outputs in the flat region of a saturating activation; NaN otherwise."""
    values = _float32(values)
    if activation in ("sigmoid", "hard_sigmoid"):
        low, high = SIGMOID_SATURATION_MARGIN, 1.0 - SIGMOID_SATURATION_MARGIN
        saturated = (values < low) | (values > high)
    elif activation in ("tanh", "hard_tanh"):
        saturated = np.abs(values) > TANH_SATURATION_LEVEL
    elif activation == "softsign":
        saturated = np.abs(values) > SOFTSIGN_SATURATION_LEVEL
    elif activation == "softmax":
        saturated = (values < SOFTMAX_PIN_MARGIN) | (values > 1.0 - SOFTMAX_PIN_MARGIN)
    elif activation and activation not in KERAS_ACTIVATIONS:
        return pinned_fraction(values)
    else:
        return np.float32(np.nan)
    return np.float32(np.mean(saturated))


def pinned_fraction(values):
    """Fraction of the finite outputs within PINNED_MARGIN of their range of the lowest or
    the highest one, exact zeros left out (a ReLU-like zero is zero_fraction's); NaN when
    the outputs do not vary."""
    values = _float32(values).reshape(-1)
    finite = values[np.isfinite(values)]
    if finite.size < 2:
        return np.float32(np.nan)
    low, high = np.min(finite), np.max(finite)
    # (high / 2 - low / 2, not high - low: the range of float32 outputs can overflow it.)
    margin = np.float32(2 * PINNED_MARGIN) * (high / np.float32(2) - low / np.float32(2))
    if not margin > 0:
        return np.float32(np.nan)
    pinned = ((finite <= low + margin) | (finite >= high - margin)) & (finite != 0.0)
    return np.float32(np.mean(pinned))


def activation_stats(output, activation):
    """[zero_fraction, saturated_fraction, mean, std] of one layer output: float32 [4]."""
    values = _float32(output).reshape(-1)
    if values.size == 0:
        return np.full(4, np.nan, np.float32)
    zero_fraction = np.mean(values == 0.0)
    mean = np.mean(values, dtype=np.float64)
    std = np.sqrt(np.mean(np.square(values - mean, dtype=np.float64)))
    return np.array([zero_fraction, saturated_fraction(values, activation), mean, std],
                    dtype=np.float32)


def activations_stats(outputs, activations):
    """Stack of `activation_stats` for parallel lists of outputs and activation names: [A, 4]."""
    if not outputs:
        return np.zeros([0, 4], np.float32)
    return np.stack([activation_stats(o, a) for o, a in zip(outputs, activations)])


def dead_units_fraction(output):
    """Fraction of units (last axis) that are exactly zero for every example: float32 [];
    NaN for an output without a units axis (one number per example) or without values."""
    values = _float32(output)
    if values.ndim < 2 or values.size == 0:
        return np.float32(np.nan)
    values = values.reshape(-1, values.shape[-1])
    return np.float32(np.mean(np.all(values == 0.0, axis=0)))


def dead_units(outputs):
    """`dead_units_fraction` of each output: float32 [A]."""
    return np.array([dead_units_fraction(o) for o in outputs], np.float32).reshape(-1)


# --- Data: inputs, targets, predictions -------------------------------------------------

def _finite_moments(values, axis):
    """mean, std, min, max over finite entries along `axis`, and the non-finite count."""
    finite = np.isfinite(values)
    if values.size and values.shape[axis] and finite.all():
        # The usual case, every value finite: the same numbers with a quarter of the work.
        mean = np.mean(values, axis=axis, dtype=np.float64)
        std = np.sqrt(np.mean(np.square(values - np.expand_dims(mean, axis), dtype=np.float64),
                              axis=axis))
        return tuple(np.asarray(v, np.float32) for v in (
            mean, std, np.min(values, axis=axis), np.max(values, axis=axis),
            np.zeros(np.shape(mean))))
    count = np.sum(finite, axis=axis, dtype=np.float64)
    zeroed = np.where(finite, values, 0.0).astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where(count > 0, np.sum(zeroed, axis=axis) / np.maximum(count, 1), 0.0)
        centred = np.where(finite, values - np.expand_dims(mean, axis), 0.0)
        variance = np.sum(np.square(centred), axis=axis) / np.maximum(count, 1)
    minimum = np.min(np.where(finite, values, np.inf), axis=axis, initial=np.inf)
    maximum = np.max(np.where(finite, values, -np.inf), axis=axis, initial=-np.inf)
    # With no finite value at all, NaN rather than +-Inf sentinels or a fake zero.
    empty = count == 0
    mean, std = np.where(empty, np.nan, mean), np.where(empty, np.nan, np.sqrt(variance))
    minimum, maximum = np.where(empty, np.nan, minimum), np.where(empty, np.nan, maximum)
    nonfinite = np.sum(~finite, axis=axis)
    return tuple(np.asarray(v, np.float32) for v in (mean, std, minimum, maximum, nonfinite))


def input_parts(x):
    """[(name or None, array)] of a model's input: a lone array (no name), or the arrays of
    a list (named by position) or dict (by key, sorted) of a multi-input model, whose
    features are labelled '<name>:<index>'."""
    if isinstance(x, dict):
        return [(str(k), x[k]) for k in sorted(x)]
    if isinstance(x, (list, tuple)):
        return [(str(i), t) for i, t in enumerate(x)] if len(x) > 1 else [(None, x[0])]
    return [(None, x)]


def epoch_values(logs, epoch=None):
    """[(name, float)] of the numeric entries of a Keras `logs` dict, sorted by name, with
    `epoch` (0-based, as Keras counts) as "epoch"; other entries (e.g. a per-class array
    metric) are left out: the reader only plots scalars."""
    values = dict(logs or {})
    if epoch is not None:
        values["epoch"] = epoch
    numbers = []
    for name, value in sorted(values.items()):
        try:
            numbers.append((str(name), float(value)))
        except (TypeError, ValueError):
            continue
    return numbers


def feature_matrix(x):
    """View an input batch as [examples, features]: the last axis is the feature (channel)."""
    values = _float32(x)
    if values.ndim <= 1:
        return values.reshape(-1, 1)
    values = values.reshape(-1, values.shape[-1])
    return values[:, :MAX_INPUT_FEATURES]


def feature_count(x):
    """Number of feature rows `input_stats` gives for an array of this shape."""
    shape = tuple(np.shape(x)) if not hasattr(x, "shape") else tuple(x.shape)
    if len(shape) <= 1:
        return 1
    if shape[-1] is None:
        return None
    return min(int(shape[-1]), MAX_INPUT_FEATURES)


def input_stats(x):
    """Per feature (per channel): [mean, std, min, max, nonfinite]: float32 [F, 5]."""
    return np.stack(_finite_moments(feature_matrix(x), axis=0), axis=1)


def target_stats(y):
    """[min, max, mean, var, distinct, integer_fraction, nonfinite, count]: float32 [8]."""
    values = _float32(y).reshape(-1)
    mean, std, minimum, maximum, nonfinite = _finite_moments(values, axis=0)
    finite_values = values[np.isfinite(values)]
    distinct = min(len(np.unique(finite_values[:DISTINCT_SAMPLE])), DISTINCT_CAP)
    integer = finite_values == np.round(finite_values)
    integer_fraction = np.mean(integer) if finite_values.size else 0.0
    return np.array([minimum, maximum, mean, np.square(std), distinct, integer_fraction,
                     nonfinite, values.size], dtype=np.float32)


def class_count(targets_shape, predictions_shape):
    """How many classes `target_classes` reports for these shapes (tuples, None for an
    unknown dimension or shape), or None; as `signals.class_count`."""
    if targets_shape is None:
        return None
    t_shape = tuple(targets_shape)
    p_shape = tuple(predictions_shape) if predictions_shape is not None else None
    units = p_shape[-1] if p_shape else None
    sparse = len(t_shape) == 1 or (len(t_shape) == 2 and t_shape[-1] == 1)
    if sparse:
        if units is None:
            return None
        return max(int(units), 2)
    if len(t_shape) == 2 and t_shape[-1] is not None and (units is None or units == t_shape[-1]):
        return int(t_shape[-1]) if t_shape[-1] > 1 else None
    return None


def class_frequencies(targets, num_classes):
    """Frequency of each class 0..K-1 in sparse or one-hot targets: float32 [K]; sparse
    values that are not integers in [0, K) are left out."""
    values = _float32(targets)
    if values.ndim == 2 and values.shape[-1] == num_classes and num_classes > 1:
        return np.mean(values, axis=0, dtype=np.float64).astype(np.float32)
    labels = values.reshape(-1)
    is_label = (labels == np.round(labels)) & (labels >= 0.0) & (labels < float(num_classes))
    counts = np.bincount(labels[is_label].astype(np.int64), minlength=num_classes)
    return (counts[:num_classes] / max(labels.size, 1)).astype(np.float32)


def targets_are_labels(targets):
    """True when every finite target is an integer."""
    values = _float32(targets)
    finite = values[np.isfinite(values)]
    return bool(np.all(finite == np.round(finite)))


def prediction_stats(predictions):
    """[mean, std_across_batch, min, max, nonfinite] of model outputs: float32 [5]."""
    values = _float32(predictions)
    per_example = values.reshape(values.shape[0], -1) if values.ndim > 1 \
        else values.reshape(-1, 1)
    mean, _, minimum, maximum, nonfinite = _finite_moments(values.reshape(-1), axis=0)
    _, unit_std, _, _, _ = _finite_moments(per_example, axis=0)
    return np.array([mean, np.mean(unit_std, dtype=np.float64), minimum, maximum, nonfinite],
                    dtype=np.float32)
