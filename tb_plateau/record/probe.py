"""The probe: the model run on `probe_data` at a diagnostic, with the backend's own autodiff
(an eager GradientTape on TensorFlow, one jitted `jax.value_and_grad` on JAX,
`torch.autograd.grad` on PyTorch): its predictions, the tapped layers' outputs, the
gradients of its loss and that loss, as numpy; and the scores of constant outputs.

On TensorFlow the probe's first two diagnostics run eagerly (nothing to trace). It is then
compiled (tf.function, autograph off) when the fit's diagnostics allowance has enough left
for the trace to pay (cadence.compile_pays); a short fit's few diagnostics stay eager. A
compiled probe (TensorFlow's or JAX's) is kept on the model and reused by a later callback
or fit for the same inputs.
"""

import keras
import numpy as np

from tb_plateau.record.model_config import (ACTIVATION_LAYERS, activation_name, is_functional,
                                            output_layer)
from tb_plateau.record.np_signals import to_numpy


def backend():
    """The Keras backend's name: "tensorflow", "jax" or "torch"."""
    return keras.backend.backend()


def _first_batch(probe_data):
    """probe_data itself, or the first batch of a dataset-like object."""
    if hasattr(probe_data, "as_numpy_iterator"):  # a tf.data.Dataset (TF is then loaded)
        return next(probe_data.as_numpy_iterator())
    if isinstance(probe_data, keras.utils.PyDataset):
        return probe_data[0]
    if isinstance(probe_data, (tuple, list, dict)) or hasattr(probe_data, "shape"):
        return probe_data
    if hasattr(probe_data, "__iter__"):  # a generator, a torch DataLoader
        batch = next(iter(probe_data))
        # A DataLoader collates (x, y) pairs into a list.
        return tuple(batch) if isinstance(batch, list) and len(batch) in (2, 3) else batch
    return probe_data


# The most targets of probe_data summarised for the baseline (metadata.TARGET_SAMPLE): at
# most this many examples and TARGET_SAMPLE_VALUES values (a 64-example probe of 256x256
# masks is already 4M), one host copy of what the user's probe_data already holds.
TARGET_SAMPLE_EXAMPLES = 65_536
TARGET_SAMPLE_VALUES = 1 << 22


def target_sample(y, examples):
    """The first output's targets of all the examples `y` (probe_data's targets) holds, up
    to the caps, as numpy, when they are more than the probe's `examples`; else None."""
    first = keras.tree.flatten(y)[0]
    shape = getattr(first, "shape", None)
    if shape is None or not len(shape) or shape[0] is None or int(shape[0]) <= examples:
        return None
    per_example = int(np.prod([d for d in shape[1:] if d is not None] or [1]))
    rows = min(int(shape[0]), TARGET_SAMPLE_EXAMPLES, TARGET_SAMPLE_VALUES // max(1, per_example))
    if rows <= examples:
        return None
    return to_numpy(first[:rows])


def _is_float_tensor(value):
    dtype = getattr(value, "dtype", None)
    if dtype is None or isinstance(value, (list, tuple, dict)):
        return False
    try:
        return keras.backend.is_float_dtype(keras.backend.standardize_dtype(dtype))
    except Exception:
        return False


def tap_model(model, warn, note):
    """(a keras.Model from the model's inputs to its outputs and each tapped layer's output,
    [(layer name, activation name)], number of model outputs), or (None, [], None) with a
    warning and a note when the layer outputs cannot be tapped (probe.Probe._tap_model)."""
    taps = []
    if isinstance(model, keras.Sequential) or is_functional(model):
        try:
            outputs = list(model.outputs)
            untapped = [f"{layer.name} (layers inside a nested model)"
                        for layer in model.layers if isinstance(layer, keras.Model)]
            for layer in model.layers:
                name = activation_name(layer)
                if name is None:
                    continue
                try:
                    tensor = layer.output
                except Exception:  # shared layers have several outputs
                    tensor = None
                if not _is_float_tensor(tensor):
                    untapped.append(f"{layer.name} (its output is not one float tensor)")
                    continue
                taps.append((layer.name, name))
                outputs.append(tensor)
            if untapped:
                _untapped(", ".join(untapped), warn, note)
            # A lone input as a lone tensor, so that calling the tap model with the probe's
            # x as given does not make Keras warn that the structure differs.
            inputs = model.inputs[0] if len(model.inputs) == 1 else model.inputs
            return keras.Model(inputs, outputs), taps, len(model.outputs)
        except Exception as error:
            reason = f"layer outputs could not be tapped ({error})"
    else:
        reason = "subclassed model: layer outputs cannot be tapped"
    warn("taps", reason + "; activation statistics are not logged")
    note(reason + "; activation statistics are not logged")
    return None, [], None


def _untapped(layers, warn, note):
    text = f"activation statistics are not logged for {layers}"
    warn("taps", text)
    note(text)


# Constant outputs the probe scores (Probe.constant_fit): this grid with the targets' mean
# and median taken as they are (what any output could produce) and put through the output
# layer's activation as pre-activations (what it can produce); the best of each refined
# once over +-CONSTANT_REFINE x max(|best|, 1).
CONSTANT_GRID = np.linspace(-15.0, 15.0, 61)
CONSTANT_REFINE = 0.5


def per_example_loss(model):
    """The compiled loss as a function of (y_true, y_pred) giving per-example values (a Loss
    object's unreduced `call`), or None for none, a loss per output, or one Keras cannot
    resolve."""
    spec = getattr(model, "loss", None)
    if spec is None or isinstance(spec, (list, tuple, dict)):
        return None
    try:
        function = keras.losses.get(spec) if isinstance(spec, str) else spec
    except Exception:
        return None
    if isinstance(function, keras.losses.Loss):
        return function.call
    return function if callable(function) else None


def output_function(model):
    """The output layer's activation as a function of tensors, or None when it is linear
    or unknown (then every constant is reachable)."""
    layer = output_layer(model)
    if layer is None:
        return None
    name = activation_name(layer)
    if name in (None, "linear"):
        return None
    function = getattr(layer, "activation", None)
    if callable(function) and not isinstance(layer, keras.Model):
        return function
    if type(layer).__name__ in ACTIVATION_LAYERS:
        return layer.call
    return None


def _mean_losses(loss, y, predicted, count, examples):
    """The mean per-example loss of each of `count` predictions of the `examples` targets
    `y`, stacked in `predicted`, in one call of the loss; inf where not finite."""
    targets = np.concatenate([y] * count, axis=0)
    values = to_numpy(loss(keras.ops.convert_to_tensor(targets),
                           keras.ops.convert_to_tensor(np.asarray(predicted, np.float32))))
    values = np.asarray(values, np.float64)
    if values.ndim == 0 or values.shape[0] != count * examples:
        raise ValueError("the loss gives no per-example values")
    means = values.reshape(count, -1).mean(axis=1)
    return np.where(np.isfinite(means), means, np.inf)


# The nearest-neighbour reference (Probe.reference_fit): votes of this many neighbours, the
# best of them kept; probes of fewer examples or inputs of more features are not voted on.
REFERENCE_NEIGHBOURS = (3, 7, 15)
REFERENCE_MIN_EXAMPLES = 32
REFERENCE_MAX_FEATURES = 1 << 16
# The most of probe_data the reference fits read, beyond the probe's examples: this many
# examples and input values. Each kernel's eigendecomposition grows as the cube of the
# examples: at 256 the whole reference costs 3-9% of a 1,000-step fit of a small MLP (more
# for more features), at 512 8-17% (benchmarks/reference_cost.py), paid once per fit.
REFERENCE_MAX_EXAMPLES = 256
REFERENCE_MAX_VALUES = 1 << 22
# Pseudo-counts added to each class of a vote (a vote of three never says 0 or 1).
VOTE_PRIOR = 0.5
# A smooth fit's probabilities are kept at least this far from 0 (and from 1 for one unit).
VOTE_FLOOR = 0.02
# The smooth fits (kernel ridge): Gaussian kernel widths, as multiples of the median distance
# between the probe's examples, and ridges, as multiples of the kernel's mean eigenvalue.
SMOOTH_WIDTHS = (0.25, 0.5, 1.0, 2.0)
SMOOTH_RIDGES = (1e-3, 1e-2, 1e-1, 1.0)
# The linear fits' ridges (ridge regression with an intercept), as multiples of the mean
# eigenvalue of the inputs' linear kernel: from almost least squares to heavily shrunk.
LINEAR_RIDGES = (1e-4, 1e-3, 1e-2, 1e-1, 1.0)


def neighbour_features(x):
    """The probe's inputs as one [examples, features] float matrix, each feature centred and
    scaled by its spread (constant ones dropped); None for inputs that are not numbers,
    of more than REFERENCE_MAX_FEATURES features, or none that vary."""
    parts = []
    for part in keras.tree.flatten(x):
        array = np.asarray(part)
        if array.ndim == 0 or not (np.issubdtype(array.dtype, np.number) or
                                   array.dtype == bool):
            return None
        parts.append(array.reshape(len(array), -1).astype(np.float64))
    if not parts or len({len(p) for p in parts}) != 1:
        return None
    features = np.concatenate(parts, axis=1)
    if features.shape[1] > REFERENCE_MAX_FEATURES or not np.all(np.isfinite(features)):
        return None
    spread = features.std(axis=0)
    varies = spread > 1e-12
    if not np.any(varies):
        return None
    return (features[:, varies] - features[:, varies].mean(axis=0)) / spread[varies]


def reference_rows(x, examples):
    """How many of the inputs `x` (probe_data's, all it holds) the reference fits read when
    they are more than the probe's `examples`: up to REFERENCE_MAX_EXAMPLES and
    REFERENCE_MAX_VALUES input values; else 0 (the probe's own are read)."""
    parts = keras.tree.flatten(x)
    shapes = [getattr(part, "shape", None) for part in parts]
    if not parts or any(s is None or not len(s) or s[0] is None for s in shapes):
        return 0
    per_example = sum(int(np.prod([d or 1 for d in s[1:]] or [1])) for s in shapes)
    rows = min(int(shapes[0][0]), REFERENCE_MAX_EXAMPLES,
               REFERENCE_MAX_VALUES // max(1, per_example))
    return rows if rows > examples else 0


def squared_distances(features):
    """The squared Euclidean distance between every two rows: float [rows, rows] (a hair
    below 0 where rounding makes it so)."""
    squared = np.sum(features * features, axis=1)
    return squared[:, None] + squared[None, :] - 2.0 * features @ features.T


def nearest_neighbours(distances, k):
    """Each row's `k` nearest other rows by `distances` (squared_distances), nearest first:
    int [rows, k]."""
    distances = distances.copy()
    np.fill_diagonal(distances, np.inf)
    k = min(k, len(distances) - 1)
    nearest = np.argpartition(distances, k - 1, axis=1)[:, :k]
    order = np.take_along_axis(distances, nearest, axis=1).argsort(axis=1)
    return np.take_along_axis(nearest, order, axis=1)


def target_votes(y, units):
    """The targets as what a vote averages, [examples, units] floats: class indices as one
    hot rows when the output has a unit per class, else the targets as they are; None when
    they do not fit the output's units or are not finite numbers."""
    if not (np.issubdtype(y.dtype, np.number) or y.dtype == bool):
        return None
    column = y.reshape(len(y), -1).astype(np.float64)
    if not np.all(np.isfinite(column)):
        return None
    if units > 1 and column.shape[1] == 1:
        labels = column[:, 0]
        if np.any(labels != np.round(labels)) or labels.min() < 0 or labels.max() >= units:
            return None
        return np.eye(units)[labels.astype(int)]
    return column if column.shape[1] == units else None


def smooth_fits(features, distances, targets):
    """[(kernel width, ridge, leave-one-out predictions [examples, units])] of kernel ridge
    regressions of `targets` on `features` (`distances`: their squared_distances; a
    Gaussian kernel of each of SMOOTH_WIDTHS x the median distance between examples, plus
    the linear kernel, so a linear fit is among them), each example predicted by the fit to
    the others (ridge_leave_one_out)."""
    count = len(features)
    distances = np.maximum(distances, 0)
    median = float(np.median(distances[np.triu_indices(count, 1)]))
    if not median > 0:
        return []
    linear = features @ features.T / features.shape[1]
    return [(width, ridge, predicted) for width in SMOOTH_WIDTHS
            for ridge, predicted in ridge_leave_one_out(
                np.exp(-distances / (2.0 * width * width * median)) + linear, targets,
                SMOOTH_RIDGES)]


def linear_fits(features, targets):
    """[(ridge, leave-one-out predictions [examples, units])] of ridge regressions of
    `targets` on `features` (centred, as neighbour_features gives them) with an intercept,
    one per LINEAR_RIDGES, each example predicted by the fit to the others
    (ridge_leave_one_out). What a linear model of the inputs reaches, held out."""
    return ridge_leave_one_out(features @ features.T, targets, LINEAR_RIDGES, intercept=True)


def ridge_leave_one_out(kernel, targets, ridges, intercept=False):
    """[(ridge, leave-one-out predictions [examples, units])] of kernel ridge regressions of
    `targets` on `kernel` [examples, examples], one per `ridges` (multiples of the kernel's
    mean eigenvalue; one whose leverage reaches 1 is skipped), each example predicted by the
    fit to the others in closed form: residual / (1 - leverage). `intercept`: the targets'
    mean is fitted apart and its leverage 1/n added to the kernel's (a kernel of centred
    features cannot fit a constant). [] when the kernel cannot be decomposed or is 0."""
    try:
        values, vectors = np.linalg.eigh(kernel)
    except np.linalg.LinAlgError:
        return []
    values = np.maximum(values, 0.0)
    scale = float(np.mean(values))
    if not scale > 0:
        return []
    mean = targets.mean(axis=0) if intercept else 0.0
    shared = 1.0 / len(targets) if intercept else 0.0
    projected = vectors.T @ (targets - mean)
    out = []
    for ridge in ridges:
        shrink = values / (values + ridge * scale)
        fitted = mean + vectors @ (shrink[:, None] * projected)
        leverage = shared + np.einsum("ij,j,ij->i", vectors, shrink, vectors)
        if np.any(leverage >= 1.0 - 1e-6):
            continue
        out.append((ridge, targets - (targets - fitted) / (1.0 - leverage)[:, None]))
    return out


def vote_outputs(mean, k, units, probabilities):
    """The outputs a prediction `mean` (a vote of `k` neighbours, or a smooth fit's for
    k=None) can be given as: the mean itself (a regression's prediction), and for targets
    within [0, 1] (`probabilities`: labels, one-hot rows) as probabilities (a vote kept off 0
    and 1 by VOTE_PRIOR, a fit clipped to [VOTE_FLOOR, 1] and normalised), their logarithm
    (logits of a softmax) or, for one unit, their log-odds (logits of a sigmoid). Which the
    loss wants is its own business: the best counts. A fit's own rows over classes are no
    distribution (they may fall below 0), so only their normalised form is given."""
    if not probabilities:
        return [mean]
    if k is None:
        probability = np.clip(mean, VOTE_FLOOR, 1.0 - (VOTE_FLOOR if units == 1 else 0.0))
        if units > 1:
            probability = probability / probability.sum(axis=1, keepdims=True)
        out = [mean] if units == 1 else []
    else:
        classes = units if units > 1 else 2
        probability = (k * mean + VOTE_PRIOR) / (k + VOTE_PRIOR * classes)
        out = [mean]
    out.append(probability)
    out.append(np.log(probability) if units > 1 else
               np.log(probability) - np.log1p(-probability))
    return out


class Probe:
    """Runs the model on probe_data (inference mode) and returns, as numpy, its predictions,
    the tapped layer outputs and the (unscaled) gradients of the probe loss with respect to
    the trainable variables, by the backend's own autodiff: on JAX one jitted function of
    the state (`jax.value_and_grad` over `model.compute_loss_and_updates`, the tap model's
    `stateless_call`); on PyTorch `torch.autograd.grad`.

    Call it with the model's state on its variables (`sync_state`).
    """

    def __init__(self, model, probe_data, probe_size, warn, note):
        self.model = model
        self.warn = warn
        self.note = note
        self.failed = False
        data = _first_batch(probe_data)
        if isinstance(data, tuple) and len(data) in (2, 3):
            x, y = data[0], data[1]
        else:
            x, y = data, None
        self.x = keras.tree.map_structure(lambda t: to_numpy(t)[:probe_size], x)
        self.y = None if y is None else keras.tree.map_structure(
            lambda t: to_numpy(t)[:probe_size], y)
        self.examples = int(keras.tree.flatten(self.x)[0].shape[0])
        # What the reference fits read: up to REFERENCE_MAX_EXAMPLES of probe_data (its first
        # batch) when it holds more than the probe uses, else the probe's own.
        self.reference_x, self.reference_y = self.x, self.y
        try:
            rows = reference_rows(x, self.examples)
            if rows and y is not None and not isinstance(y, (list, tuple, dict)):
                self.reference_x = keras.tree.map_structure(lambda t: to_numpy(t[:rows]), x)
                self.reference_y = to_numpy(y[:rows])
        except (TypeError, ValueError, IndexError):
            pass  # inputs that cannot be sliced: the probe's own examples
        if self.y is not None:
            y_count = int(keras.tree.flatten(self.y)[0].shape[0])
            if y_count != self.examples:
                raise ValueError(f"probe_data has {self.examples} inputs but {y_count} targets")
        try:
            self.target_sample = None if y is None else target_sample(y, self.examples)
        except (TypeError, ValueError, IndexError):
            # Targets of a kind that cannot be sliced or converted (a SparseTensor, a
            # structure without a shape): the probe's own targets are summarised instead.
            self.target_sample = None
        self.tap_model, self.taps, self.output_count = tap_model(model, warn, note)
        # The compiled loss on the probe at the last measure(), in inference mode (what the
        # gradients were taken of), or None when no gradients were taken.
        self.last_loss = None
        self._function = None
        self._tf_function = None  # the compiled TF probe (when compile_pays)
        # Set when the probe's cost changed for good (it was just compiled, or compiling
        # failed): the costs measured so far no longer predict the next ones.
        self.cost_changed = False
        self._eager_runs = 0
        # Whether compiling would pay (the recording sets it: enough of the fit is left).
        self.compile_pays = False
        self._compile_failed = False
        self._may_touch_metrics = (len(getattr(model, "outputs", None) or []) != 1 or
                                   type(model).compute_loss is not keras.Model.compute_loss)

    def description(self):
        out = {"examples": self.examples, "inputs_source": "probe", "targets_source": "probe",
               "tapped_layers": [name for name, _ in self.taps]}
        if self.target_sample is not None:
            out["target_sample_examples"] = int(self.target_sample.shape[0])
        return out

    def prediction_shape(self, predictions):
        """The shape the model declares for its first output on the probe's examples (what
        tells class labels from regression targets), else the predictions' own."""
        try:
            return (self.examples,) + tuple(self.model.outputs[0].shape[1:])
        except Exception:
            return None if predictions is None else tuple(np.shape(predictions))

    def constant_fit(self):
        """What the loss makes of constant outputs on the probe: (best loss over the
        constants the output layer's activation can produce, that output, best loss over
        any constant output, that output), as floats; None when the model has more than one
        output or more than one unit per example, no loss Keras can call on (y, y_pred), or
        the loss gives no per-example values. The best free constant is the loss's own
        constant-prediction baseline (for any loss, a custom one too); a reachable one far
        worse means the activation cannot produce what the loss wants."""
        loss = per_example_loss(self.model)
        if loss is None or self.y is None or isinstance(self.y, (list, tuple, dict)):
            return None
        outputs = getattr(self.model, "outputs", None) or []
        if len(outputs) != 1 or tuple(outputs[0].shape[1:]) not in ((), (1,)):
            return None
        activation = output_function(self.model)
        y = np.asarray(self.y)
        unit_shape = tuple(outputs[0].shape[1:])

        def scores(constants):
            constants = np.asarray(constants, np.float32)
            predicted = np.repeat(constants, self.examples).reshape((-1,) + unit_shape)
            return _mean_losses(loss, y, predicted, len(constants), self.examples)

        # As Keras's compiled loss does: targets of one rank less (or more, by a trailing 1)
        # than the output are expanded (squeezed) to its rank.
        if y.ndim == len(unit_shape):
            y = y[..., None]
        elif y.ndim == len(unit_shape) + 2 and y.shape[-1] == 1:
            y = y[..., 0]
        column = y.reshape(len(y), -1)
        free_points = CONSTANT_GRID
        if column.shape[1] == 1 and np.issubdtype(column.dtype, np.number):
            finite = column[np.isfinite(column)]
            if len(finite):
                free_points = np.concatenate([CONSTANT_GRID, [np.mean(finite),
                                                              np.median(finite)]])
        free_points = free_points.astype(np.float64)
        as_output = lambda v: np.asarray(v, np.float32)  # noqa: E731
        # The same points as pre-activations: an unbounded activation (relu, softplus)
        # reaches a large target mean as it is, a bounded one only its own range.
        through = as_output if activation is None else (lambda z: np.asarray(  # noqa: E731
            to_numpy(activation(keras.ops.convert_to_tensor(as_output(z)))),
            np.float32).reshape(-1))
        count = len(free_points)
        # Both searches in one call of the loss, then both refinements in one more.
        outs = np.concatenate([as_output(free_points), through(free_points)])
        found = scores(outs)
        picks = [int(np.argmin(found[:count])), count + int(np.argmin(found[count:]))]
        spans = [free_points[i % count] + CONSTANT_REFINE * max(abs(free_points[i % count]), 1.0)
                 * np.linspace(-1.0, 1.0, 41) for i in picks]
        finer = np.concatenate([as_output(spans[0]), through(spans[1])])
        finer_found = scores(finer)
        best = []
        for k, i in enumerate(picks):
            j = 41 * k + int(np.argmin(finer_found[41 * k:41 * (k + 1)]))
            best.append((float(finer_found[j]), float(finer[j])) if finer_found[j] < found[i]
                        else (float(found[i]), float(outs[i])))
        free, reach = best
        if free[0] > reach[0]:  # the free search's grid missed what the activation found
            free = reach
        return reach + free

    def reference_fit(self):
        """What the loss makes of predictions of the probe's targets from its other examples,
        each example left out of its own: a vote of its REFERENCE_NEIGHBOURS nearest in
        standardised input space, a smooth fit (kernel ridge regression, Gaussian kernel
        plus a linear one, smooth_fits) and a linear fit (ridge regression, linear_fits).
        Returns (the best mean loss, its neighbour count or 0, its kernel width or 0 (both 0:
        the linear fit), the examples, the best linear fit's mean loss or NaN), or None when the model has more than one
        output, inputs the fits cannot read, targets that do not match the output's units, or
        a loss that gives no per-example values. What the probe's own examples say the
        targets allow, measured on examples none of the fits saw."""
        loss = per_example_loss(self.model)
        if loss is None or self.reference_y is None or \
                isinstance(self.reference_y, (list, tuple, dict)):
            return None
        outputs = getattr(self.model, "outputs", None) or []
        if len(outputs) != 1:
            return None
        unit_shape = tuple(outputs[0].shape[1:])
        if len(unit_shape) > 1 or any(d is None for d in unit_shape):
            return None
        units = int(unit_shape[0]) if unit_shape else 1
        inputs = neighbour_features(self.reference_x)
        y = np.asarray(self.reference_y)
        if inputs is None or len(y) != len(inputs) or len(y) < REFERENCE_MIN_EXAMPLES:
            return None
        votes = target_votes(y, units)
        if votes is None:
            return None
        # As Keras's compiled loss does (and constant_fit): targets of one rank less than the
        # output are expanded to its rank.
        if y.ndim == len(unit_shape):
            y = y[..., None]
        candidates, labels = [], []
        probabilities = bool(votes.min() >= 0.0 and votes.max() <= 1.0)
        distances = squared_distances(inputs)
        nearest = nearest_neighbours(distances, max(REFERENCE_NEIGHBOURS))
        for k in REFERENCE_NEIGHBOURS:
            for prediction in vote_outputs(votes[nearest[:, :k]].mean(axis=1), k, units,
                                           probabilities):
                candidates.append(prediction)
                labels.append((k, 0.0))
        for width, ridge, prediction in smooth_fits(inputs, distances, votes):
            for output in vote_outputs(prediction, None, units, probabilities):
                candidates.append(output)
                labels.append((0, width))
        for ridge, prediction in linear_fits(inputs, votes):
            for output in vote_outputs(prediction, None, units, probabilities):
                candidates.append(output)
                labels.append((0, 0.0))
        stacked = np.concatenate([c.reshape((len(y),) + unit_shape) for c in candidates])
        found = _mean_losses(loss, y, stacked, len(candidates), len(y))
        best = int(np.argmin(found))
        if not np.isfinite(found[best]):
            return None
        linear = [v for v, label in zip(found, labels) if label == (0, 0.0)]
        linear = min(linear) if linear else np.inf
        return (float(found[best]), float(labels[best][0]), float(labels[best][1]),
                float(len(y)), float(linear) if np.isfinite(linear) else float("nan"))

    def _loss_scale(self):
        optimizer = self.model.optimizer
        scale = getattr(optimizer, "dynamic_scale", None)
        if scale is None:
            scale = getattr(optimizer, "loss_scale_factor", None)
        return 1.0 if scale is None else float(to_numpy(scale))

    def measure(self):
        """(predictions, tapped outputs, gradients or None), all numpy; None (after a
        warning, `failed` set) when the model cannot be run on probe_data."""
        try:
            return self._measure()
        except Exception as error:
            if self.taps:
                taps = ", ".join(name for name, _ in self.taps)
                self.tap_model, self.taps, self.output_count = None, [], None
                self._function = self._tf_function = None
                try:
                    measured = self._measure()
                except Exception:
                    measured = None  # not the taps: the probe itself cannot run
                if measured is not None:
                    _untapped(f"{taps} (tapping them failed: {type(error).__name__}: "
                              f"{str(error)[:200]})", self.warn, self.note)
                    return measured
            self.failed = True
            self.warn("probe", "probe_data could not be run through the model, so gradients, "
                               "activations and predictions are not logged: "
                               f"{type(error).__name__}: {str(error)[:500]}")
            self.note("probe_data could not be used: " + str(error)[:200])
            return None

    def _measure(self):
        self.last_loss = None
        if backend() == "jax":
            return self._measure_jax()
        if backend() == "tensorflow":
            return self._measure_tf()
        return self._measure_eager()

    def _wants_gradients(self):
        return self.y is not None and self.model.loss is not None and \
            bool(self.model.trainable_variables)

    # --- JAX ------------------------------------------------------------------------------

    def _measure_jax(self):
        import jax

        model = self.model
        if self._function is None:
            self._function = self._compiled_before()
            if self._function is None:
                self._function = self._keep_compiled(jax.jit(self._jax_run()))
            # On the device once, not at every call.
            self._device_data = jax.device_put((self.x, self.y))
        values = lambda variables: [v.value for v in variables]  # noqa: E731
        outputs = self._function(values(model.trainable_variables),
                                 values(model.non_trainable_variables),
                                 values(model.metrics_variables), *self._device_data,
                                 np.float32(self._loss_scale()))
        predictions, tapped, gradients, loss = jax.device_get(outputs)
        self.last_loss = None if loss is None else float(loss)
        return predictions, list(tapped), gradients

    def _jax_run(self):
        import jax

        model, tap, count = self.model, self.tap_model, self.output_count
        training = {"training": False} if getattr(model, "_call_has_training_arg", True) else {}
        wants_gradients = self._wants_gradients()
        tap_trainable = tap_non_trainable = None
        if tap is not None:
            # The tap model shares the model's layers: its variables are the model's, maybe
            # in another order.
            trainable_at = {id(v): i for i, v in enumerate(model.trainable_variables)}
            others_at = {id(v): i for i, v in enumerate(model.non_trainable_variables)}
            tap_trainable = [trainable_at[id(v)] for v in tap.trainable_variables]
            tap_non_trainable = [others_at[id(v)] for v in tap.non_trainable_variables]

        def run(trainable, non_trainable, metrics, x, y, scale):
            predictions, tapped, gradients = None, [], None
            if tap is not None:
                outputs, _ = tap.stateless_call([trainable[i] for i in tap_trainable],
                                                [non_trainable[i] for i in tap_non_trainable],
                                                x, training=False)
                outputs = list(outputs) if isinstance(outputs, (list, tuple)) else [outputs]
                predictions = outputs[:count]
                predictions = predictions[0] if len(predictions) == 1 else predictions
                tapped = outputs[count:]
            if wants_gradients:
                def scaled_loss(variables):
                    loss, aux = model.compute_loss_and_updates(
                        variables, non_trainable, metrics, x, y, None, training=False)
                    # Mixed precision: the loss scaled as in training, the gradients
                    # unscaled below, so small float16 gradients do not underflow.
                    return loss * scale.astype(loss.dtype), aux

                (loss, aux), gradients = jax.value_and_grad(scaled_loss, has_aux=True)(trainable)
                gradients = [g / scale.astype(g.dtype) for g in gradients]
                loss = loss / scale.astype(loss.dtype)
                if predictions is None:
                    predictions = aux[1]
            if predictions is None:
                predictions, _ = model.stateless_call(trainable, non_trainable, x, **training)
            return predictions, tapped, gradients, (loss if wants_gradients else None)

        return run

    # --- TensorFlow ---------------------------------------------------------------------------

    def _measure_tf(self):
        """Eagerly at first, under one GradientTape: nothing to trace, so a short fit's
        diagnostics cost what they run. From the third diagnostic on, compiled when that
        pays (cadence.compile_pays); a model the compiled probe cannot run (Python control
        flow on tensor values, which autograph-free tracing rejects) stays eager."""
        import tensorflow as tf

        model = self.model
        saved = [(v, v.numpy()) for v in model.metrics_variables] \
            if self._may_touch_metrics else []
        try:
            scale = tf.constant(self._loss_scale(), tf.float32)
            outputs = None
            if self._tf_function is None and not self._compile_failed:
                # A probe this model already compiled for these inputs (an earlier fit or
                # callback): traced once, reused at no tracing cost.
                self._tf_function = self._compiled_before()
            if self._tf_function is not None:
                try:
                    outputs = self._tf_function(self.x, self.y, scale)
                except Exception:
                    self._tf_function, self._compile_failed = None, True
                    self.cost_changed = True
            if outputs is None:
                outputs = self._tf_run(self.x, self.y, scale)
                self._eager_runs += 1
                if self._eager_runs >= 2 and not self._compile_failed and \
                        self._tf_function is None and self.compile_pays:
                    self._tf_function = self._keep_compiled(
                        tf.function(self._tf_run, autograph=False))
                    self.cost_changed = True
            predictions, tapped, gradients, loss = outputs
            self.last_loss = None if loss is None else float(to_numpy(loss))
        finally:
            for variable, value in saved:
                variable.assign(value)
        as_numpy = lambda t: keras.tree.map_structure(to_numpy, t)  # noqa: E731
        return as_numpy(predictions), [to_numpy(t) for t in tapped], \
            None if gradients is None else [None if g is None else to_numpy(g) for g in gradients]

    def _compile_key(self):
        """What a compiled probe depends on besides the weights' values: the model's loss,
        optimizer and variables (a compile() changes them), the taps, and the probe's
        input and target shapes and dtypes (what it was traced for)."""
        model = self.model
        signature = lambda t: None if t is None else tuple(  # noqa: E731
            (tuple(np.shape(a)), str(np.asarray(a).dtype)) for a in keras.tree.flatten(t))
        return (type(model).compute_loss, id(getattr(model, "_compile_loss", None)),
                id(getattr(model, "optimizer", None)),
                tuple(id(v) for v in model.trainable_variables),
                tuple(id(v) for v in model.metrics_variables),
                tuple(name for name, _ in self.taps), self.output_count,
                self._wants_gradients(), signature(self.x), signature(self.y))

    def _keep_compiled(self, function):
        """Keep `function`, this probe compiled, on the model and return it: a later
        callback or fit of the model reuses it instead of compiling its own (TensorFlow
        warns of retracing when the same code is traced again and again)."""
        object.__setattr__(self.model, "_tb_plateau_probe", (self._compile_key(), function))
        return function

    def _compiled_before(self):
        """The compiled probe an earlier callback traced on this model for the same inputs,
        or None."""
        cached = self.model.__dict__.get("_tb_plateau_probe")
        if cached is None or cached[0] != self._compile_key():
            return None
        return cached[1]

    def _tf_run(self, x, y, scale):
        """(predictions, tapped outputs, unscaled gradients or None, the unscaled loss or
        None) as tensors: eagerly, or traced into the compiled probe."""
        import tensorflow as tf

        model = self.model
        variables = list(model.trainable_variables) if self._wants_gradients() else []
        with tf.GradientTape() as tape:
            if self.tap_model is not None:
                outputs = self.tap_model(x, training=False)
                outputs = list(outputs) if isinstance(outputs, (list, tuple)) else [outputs]
                predictions = outputs[:self.output_count]
                predictions = predictions[0] if len(predictions) == 1 else predictions
                tapped = outputs[self.output_count:]
            else:
                predictions, tapped = model(x, training=False), []
            loss = None
            if variables:
                loss = model.compute_loss(x=x, y=y, y_pred=predictions, training=False)
                # Mixed precision: the loss scaled as in training, the gradients unscaled
                # below, so small float16 gradients do not underflow.
                scaled = loss * tf.cast(scale, loss.dtype)
        gradients = None
        if loss is not None:
            gradients = [None if g is None else
                         tf.convert_to_tensor(g) / tf.cast(scale, g.dtype)
                         for g in tape.gradient(scaled, variables)]
        return predictions, list(tapped), gradients, loss

    # --- PyTorch and other eager backends ---------------------------------------------------

    def _measure_eager(self):
        model = self.model
        if self.tap_model is not None:
            outputs = self.tap_model(self.x, training=False)
            outputs = list(outputs) if isinstance(outputs, (list, tuple)) else [outputs]
            predictions = outputs[:self.output_count]
            predictions = predictions[0] if len(predictions) == 1 else predictions
            tapped = outputs[self.output_count:]
        else:
            predictions, tapped = model(self.x, training=False), []
        gradients = None
        if self._wants_gradients():
            gradients, loss = self._eager_gradients()
            self.last_loss = None if loss is None else float(to_numpy(loss))
        as_numpy = lambda t: keras.tree.map_structure(to_numpy, t)  # noqa: E731
        return as_numpy(predictions), [to_numpy(t) for t in tapped], \
            None if gradients is None else [None if g is None else to_numpy(g) for g in gradients]

    def _eager_gradients(self):
        if backend() != "torch":
            self.warn("gradients", f"gradients are not logged on the {backend()} backend")
            self.note(f"{backend()} backend: gradient statistics are not logged")
            return None, None
        import torch

        model = self.model
        variables = list(model.trainable_variables)
        # compute_loss may update loss/metric trackers (multi-output models, overrides):
        # put them back so the probe does not leak into the metrics Keras reports.
        saved = [(v, keras.ops.copy(v.value)) for v in model.metrics_variables] \
            if self._may_touch_metrics else []
        try:
            scale = self._loss_scale()
            with torch.enable_grad():
                predictions = model(self.x, training=False)
                loss = model.compute_loss(x=self.x, y=self.y, y_pred=predictions,
                                          training=False)
                gradients = torch.autograd.grad(loss * scale, [v.value for v in variables],
                                                allow_unused=True)
            return [None if g is None else g / scale for g in gradients], loss.detach()
        finally:
            for variable, value in saved:
                variable.assign(value)
