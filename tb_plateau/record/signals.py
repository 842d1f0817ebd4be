"""The pure TensorFlow computations behind each signal, for the `tb_plateau.summary` ops and
PlateauLogger (which run inside `tf.function` and replica functions); PlateauCallback computes
the same statistics on the host with `np_signals`, on every backend.

Every function here takes tensors and returns float32 tensors shaped as docs/format.md says;
none of them writes anything, so they run eagerly, inside `tf.function`, and inside a
`tf.distribute` replica function alike.
"""

import math

import tensorflow as tf

# The numbers that shape the signals, the activation families and the grouping of variables
# into layers are shared with the numpy statistics of the other backends.
from tb_plateau.record.np_signals import (  # noqa: F401 (re-exported)
    DISTINCT_CAP, DISTINCT_SAMPLE, KERAS_ACTIVATIONS, MAX_INPUT_FEATURES, PINNED_MARGIN,
    RELU_FAMILY, SATURATING, SIGMOID_SATURATION_MARGIN, SOFTMAX_PIN_MARGIN,
    SOFTSIGN_SATURATION_LEVEL, TANH_SATURATION_LEVEL, layer_groups, variable_path)


# --- Gradients and weights --------------------------------------------------------------

def _dense_values(tensor):
    """A float32 tensor whose sum of squares equals that of the (possibly sparse) gradient."""
    if isinstance(tensor, tf.IndexedSlices):
        # Sum rows that share an index first: the update applied is the dense sum.
        unique, position = tf.unique(tensor.indices)
        tensor = tf.math.unsorted_segment_sum(tensor.values, position, tf.shape(unique)[0])
    return tf.cast(tensor, tf.float32)


def _sum_squares(tensor):
    if tensor is None:
        return tf.constant(0.0, tf.float32)
    return tf.reduce_sum(tf.square(_dense_values(tensor)))


def group_norms(tensors, groups):
    """L2 norm per group of tensors (None counts as zero): float32 [len(groups)]."""
    squares = [_sum_squares(t) for t in tensors]
    if not groups:
        return tf.zeros([0], tf.float32)
    per_group = [tf.add_n([squares[i] for i in group]) for group in groups]
    return tf.sqrt(tf.stack(per_group))


def group_means(tensors, groups):
    """Mean entry per group of tensors (None counts as no entries): float32 [len(groups)]."""
    sums = [tf.constant(0.0, tf.float32) if t is None
            else tf.reduce_sum(tf.cast(_dense_values(t), tf.float32)) for t in tensors]
    sizes = [0 if t is None else math.prod(int(d) for d in t.shape) for t in tensors]
    if not groups:
        return tf.zeros([0], tf.float32)
    return tf.stack([tf.add_n([sums[i] for i in group])
                     / float(max(1, sum(sizes[i] for i in group))) for group in groups])


def nonfinite_count(tensors):
    """Number of NaN/Inf values over all tensors (None skipped): float32 scalar."""
    counts = [
        tf.reduce_sum(tf.cast(tf.logical_not(tf.math.is_finite(_dense_values(t))), tf.float32))
        for t in tensors
        if t is not None
    ]
    return tf.add_n(counts) if counts else tf.constant(0.0, tf.float32)


def gradient_stats(gradients, groups):
    """(grad_norm [L], grad_global_norm [], grad_nonfinite []) for one set of gradients."""
    norms = group_norms(gradients, groups)
    global_norm = tf.sqrt(tf.reduce_sum(tf.square(norms)))
    return norms, global_norm, nonfinite_count(gradients)


def update_ratios(current, previous, groups):
    """‖W_t − W_{t−1}‖ / ‖W_{t−1}‖ per group: float32 [L]. A zero-norm group gives Inf or NaN."""
    deltas = [tf.cast(c, tf.float32) - tf.cast(p, tf.float32) for c, p in zip(current, previous)]
    return group_norms(deltas, groups) / group_norms(previous, groups)


# --- Layer outputs ----------------------------------------------------------------------

def saturated_fraction(values, activation):
    """Fraction of outputs in the flat region of a saturating activation; NaN otherwise."""
    if activation in ("sigmoid", "hard_sigmoid"):
        low, high = SIGMOID_SATURATION_MARGIN, 1.0 - SIGMOID_SATURATION_MARGIN
        saturated = tf.logical_or(values < low, values > high)
    elif activation in ("tanh", "hard_tanh"):
        saturated = tf.abs(values) > TANH_SATURATION_LEVEL
    elif activation == "softsign":
        saturated = tf.abs(values) > SOFTSIGN_SATURATION_LEVEL
    elif activation == "softmax":
        saturated = tf.logical_or(values < SOFTMAX_PIN_MARGIN, values > 1.0 - SOFTMAX_PIN_MARGIN)
    elif activation and activation not in KERAS_ACTIVATIONS:
        return pinned_fraction(values)
    else:
        return tf.constant(float("nan"), tf.float32)
    return tf.reduce_mean(tf.cast(saturated, tf.float32))


def pinned_fraction(values):
    """Fraction of the finite outputs within PINNED_MARGIN of their range of the lowest or
    the highest one, exact zeros left out; NaN when the outputs do not vary (as
    np_signals.pinned_fraction). No masking to a dynamic shape: it runs under XLA too."""
    values = tf.reshape(tf.cast(values, tf.float32), [-1])
    finite = tf.math.is_finite(values)
    inf = tf.constant(float("inf"), tf.float32)
    low = tf.reduce_min(tf.where(finite, values, inf))
    high = tf.reduce_max(tf.where(finite, values, -inf))
    count = tf.reduce_sum(tf.cast(finite, tf.float32))
    # (high / 2 - low / 2, not high - low: the range of float32 outputs can overflow it.)
    margin = 2 * PINNED_MARGIN * (high / 2.0 - low / 2.0)
    pinned = finite & ((values <= low + margin) | (values >= high - margin)) & \
        tf.not_equal(values, 0.0)
    share = tf.reduce_sum(tf.cast(pinned, tf.float32)) / tf.maximum(count, 1.0)
    return tf.where((count >= 2.0) & (margin > 0.0), share,
                    tf.constant(float("nan"), tf.float32))


def activation_stats(output, activation):
    """[zero_fraction, saturated_fraction, mean, std] of one layer output: float32 [4]."""
    values = tf.cast(output, tf.float32)
    zero_fraction = tf.reduce_mean(tf.cast(tf.equal(values, 0.0), tf.float32))
    mean, variance = tf.nn.moments(tf.reshape(values, [-1]), axes=[0])
    return tf.stack([zero_fraction, saturated_fraction(values, activation), mean,
                     tf.sqrt(variance)])


def activations_stats(outputs, activations):
    """Stack of `activation_stats` for parallel lists of outputs and activation names: [A, 4]."""
    if not outputs:
        return tf.zeros([0, 4], tf.float32)
    return tf.stack([activation_stats(o, a) for o, a in zip(outputs, activations)])


def dead_units_fraction(output):
    """Fraction of units (last axis) that are exactly zero for every example: float32 [];
    NaN for an output without a units axis (one number per example) or without values."""
    output = tf.convert_to_tensor(output)
    if output.shape.rank is not None and output.shape.rank < 2:
        return tf.constant(float("nan"), tf.float32)
    values = tf.reshape(tf.cast(output, tf.float32), [-1, tf.shape(output)[-1]])
    dead = tf.reduce_all(tf.equal(values, 0.0), axis=0)
    fraction = tf.reduce_mean(tf.cast(dead, tf.float32))
    return tf.where(tf.equal(tf.size(values), 0), tf.constant(float("nan"), tf.float32), fraction)


def dead_units(outputs):
    """`dead_units_fraction` of each output: float32 [A]."""
    if not outputs:
        return tf.zeros([0], tf.float32)
    return tf.stack([dead_units_fraction(o) for o in outputs])


# --- Data: inputs, targets, predictions -------------------------------------------------

def _finite_moments(values, axis):
    """mean, std, min, max over finite entries along `axis`, and the non-finite count."""
    finite = tf.math.is_finite(values)
    count = tf.reduce_sum(tf.cast(finite, tf.float32), axis=axis)
    zeroed = tf.where(finite, values, tf.zeros_like(values))
    mean = tf.math.divide_no_nan(tf.reduce_sum(zeroed, axis=axis), count)
    centred = tf.where(finite, values - tf.expand_dims(mean, axis), tf.zeros_like(values))
    variance = tf.math.divide_no_nan(tf.reduce_sum(tf.square(centred), axis=axis), count)
    inf = tf.constant(float("inf"), tf.float32)
    minimum = tf.reduce_min(tf.where(finite, values, inf), axis=axis)
    maximum = tf.reduce_max(tf.where(finite, values, -inf), axis=axis)
    # With no finite value at all, report NaN rather than +-Inf sentinels or a fake zero.
    nan = tf.constant(float("nan"), tf.float32)
    empty = tf.equal(count, 0.0)
    mean, std = tf.where(empty, nan, mean), tf.where(empty, nan, tf.sqrt(variance))
    minimum, maximum = tf.where(empty, nan, minimum), tf.where(empty, nan, maximum)
    nonfinite = tf.reduce_sum(tf.cast(tf.logical_not(finite), tf.float32), axis=axis)
    return mean, std, minimum, maximum, nonfinite


def feature_matrix(x):
    """View an input batch as [examples, features]: the last axis is the feature (channel)."""
    values = tf.cast(x, tf.float32)
    if values.shape.rank is not None and values.shape.rank <= 1:
        return tf.reshape(values, [-1, 1])
    features = values.shape[-1]
    if features is None:
        features = tf.shape(values)[-1]
    values = tf.reshape(values, [-1, features])
    if isinstance(features, int) and features > MAX_INPUT_FEATURES:
        values = values[:, :MAX_INPUT_FEATURES]
    return values


def feature_count(x):
    """Number of feature rows `input_stats` gives for a tensor of this static shape."""
    shape = tf.TensorShape(getattr(x, "shape", None))
    if shape.rank is not None and shape.rank <= 1:
        return 1
    if shape.rank is None or shape[-1] is None:
        return None
    return min(int(shape[-1]), MAX_INPUT_FEATURES)


def input_stats(x):
    """Per feature (per channel): [mean, std, min, max, nonfinite]: float32 [F, 5]."""
    return tf.stack(_finite_moments(feature_matrix(x), axis=0), axis=1)


def target_stats(y):
    """[min, max, mean, var, distinct, integer_fraction, nonfinite, count]: float32 [8]."""
    values = tf.reshape(tf.cast(y, tf.float32), [-1])
    mean, std, minimum, maximum, nonfinite = _finite_moments(values, axis=0)
    finite_values = tf.boolean_mask(values, tf.math.is_finite(values))
    sample = finite_values[:DISTINCT_SAMPLE]
    distinct = tf.cast(tf.size(tf.unique(sample).y), tf.float32)
    distinct = tf.minimum(distinct, float(DISTINCT_CAP))
    integer = tf.equal(finite_values, tf.round(finite_values))
    integer_fraction = tf.math.divide_no_nan(
        tf.reduce_sum(tf.cast(integer, tf.float32)),
        tf.cast(tf.size(finite_values), tf.float32))
    count = tf.cast(tf.size(values), tf.float32)
    return tf.stack([minimum, maximum, mean, tf.square(std), distinct, integer_fraction,
                     nonfinite, count])


def class_count(targets, predictions):
    """How many classes `target_classes` reports for these static shapes, or None.

    K is the number of output units (2 for a single sigmoid/logit unit). Targets are sparse
    labels ([B] or [B, 1]) or one-hot ([B, K]).
    """
    t_shape = tf.TensorShape(getattr(targets, "shape", None))
    p_shape = tf.TensorShape(getattr(predictions, "shape", None)) if predictions is not None \
        else tf.TensorShape(None)
    if t_shape.rank is None:
        return None
    units = p_shape[-1] if p_shape.rank else None
    sparse = t_shape.rank == 1 or (t_shape.rank == 2 and t_shape[-1] == 1)
    if sparse:
        if units is None:
            return None
        return max(int(units), 2)
    if t_shape.rank == 2 and t_shape[-1] is not None and (units is None or units == t_shape[-1]):
        return int(t_shape[-1]) if t_shape[-1] > 1 else None
    return None


def class_frequencies(targets, num_classes):
    """Frequency of each class 0..K-1 in sparse or one-hot targets: float32 [K].

    Sparse values that are not integers in [0, K) are left out, so the frequencies of
    non-label targets sum to less than 1.
    """
    values = tf.cast(targets, tf.float32)
    if values.shape.rank == 2 and values.shape[-1] == num_classes and num_classes > 1:
        return tf.reduce_mean(values, axis=0)
    labels = tf.reshape(values, [-1])
    is_label = tf.logical_and(tf.equal(labels, tf.round(labels)),
                              tf.logical_and(labels >= 0.0, labels < float(num_classes)))
    ids = tf.cast(tf.where(is_label, labels, tf.zeros_like(labels)), tf.int32)
    counts = tf.math.unsorted_segment_sum(tf.cast(is_label, tf.float32), ids, num_classes)
    return counts / tf.maximum(tf.cast(tf.size(labels), tf.float32), 1.0)


def targets_are_labels(targets):
    """True when every finite target is an integer: a bool scalar tensor."""
    values = tf.cast(targets, tf.float32)
    finite = tf.boolean_mask(values, tf.math.is_finite(values))
    return tf.reduce_all(tf.equal(finite, tf.round(finite)))


def prediction_stats(predictions):
    """[mean, std_across_batch, min, max, nonfinite] of model outputs: float32 [5].

    `std_across_batch` is the std over examples averaged over output units, so a network
    that emits the same output for every input shows ~0 whatever its output values are.
    """
    values = tf.cast(predictions, tf.float32)
    per_example = tf.reshape(values, [tf.shape(values)[0], -1]) \
        if values.shape.rank and values.shape.rank > 1 else tf.reshape(values, [-1, 1])
    mean, std, minimum, maximum, nonfinite = _finite_moments(tf.reshape(values, [-1]), axis=0)
    _, unit_std, _, _, _ = _finite_moments(per_example, axis=0)
    return tf.stack([mean, tf.reduce_mean(unit_std), minimum, maximum, nonfinite])
