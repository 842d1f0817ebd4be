"""Diagnostics on the probe batch (and of the weights), written in one compiled call."""

import contextlib

import keras
import tensorflow as tf

from tb_plateau.record import summary
from tb_plateau.record.model_config import activation_name, is_functional
from tb_plateau.record.writer import writer_broken



def _is_float_tensor(value):
    """Whether a layer's symbolic output is a single floating-point tensor (what the
    activation statistics are defined for)."""
    dtype = getattr(value, "dtype", None)
    if dtype is None or isinstance(value, (list, tuple, dict)):
        return False
    try:
        return tf.as_dtype(dtype).is_floating
    except Exception:
        return False


def _first_examples(value, count):
    """The first `count` examples of a (nested) array/tensor structure, as tensors."""
    return tf.nest.map_structure(lambda t: tf.convert_to_tensor(t)[:count], value)


def weights_snapshot(variables):
    """Copies of the variables' current values (later updates do not change them)."""
    return [tf.identity(v.value if hasattr(v, "value") else v) for v in variables]


def _exporting(export):
    return summary.exporting() if export else contextlib.nullcontext([])


def exported_values(exported, metadata_of):
    """What a compiled writer returns for the live check: {tag: value}, the metadata of each
    tag remembered in `metadata_of` at trace time (True when nothing is exported)."""
    for tag, metadata, _ in exported:
        metadata_of[tag] = metadata
    return {tag: value for tag, _, value in exported} or tf.constant(True)


def weights_writer(writer, variables, export=False):
    """A compiled writer of the weight statistics alone (when there is no probe):
    `write(step)`, or `write(step, previous)` for update ratios against a snapshot.
    `export`: it returns {tag: value} of what it wrote (metadata in `write.metadata_of`)."""
    metadata_of = {}

    @tf.function
    def write(step, previous=None):
        with writer.as_default(), _exporting(export) as exported:
            summary.weights(variables, previous, step=step)
        return exported_values(exported, metadata_of)

    write.metadata_of = metadata_of
    return write


class Probe:
    """Runs the model on probe_data in one compiled step and writes what it measures.

    Args:
      model: the Keras model being trained.
      probe_data: `(x, y)`, `x` alone, or a `tf.data.Dataset` whose first batch is used.
      probe_size: at most this many examples are used.
      warn: `warn(key, message)`, called once per kind of problem.
      note: `note(text)` adds a line to the configuration's notes.
    """

    def __init__(self, model, probe_data, probe_size, warn, note):
        self.model = model
        self.warn = warn
        self.note = note
        self.failed = False  # the model cannot be run on probe_data: stop trying
        x, y = self._unpack(probe_data)
        self.x = _first_examples(x, probe_size)
        self.y = None if y is None else _first_examples(y, probe_size)
        self.examples = int(tf.nest.flatten(self.x)[0].shape[0])
        if self.y is not None:
            y_count = int(tf.nest.flatten(self.y)[0].shape[0])
            if y_count != self.examples:
                raise ValueError(f"probe_data has {self.examples} inputs but {y_count} targets")
        self.taps = []  # (layer name, activation name) per tapped output
        self.tap_model = self._tap_model(model)
        self._function = None  # compiled measure-and-write, bound to a writer
        self._writer = None
        # The live check's copy: the compiled call also returns {tag: value} of what it
        # wrote (metadata per tag in `metadata_of`), kept in `last_written`.
        self.export = False
        self.metadata_of = {}
        self.last_written = None
        # Keras's own compute_loss updates trackers only for multi-output models; a user's
        # override may update anything.
        self._may_touch_metrics = (len(getattr(model, "outputs", None) or []) != 1 or
                                   type(model).compute_loss is not keras.Model.compute_loss)

    @staticmethod
    def _unpack(probe_data):
        if isinstance(probe_data, tf.data.Dataset):
            probe_data = next(iter(probe_data))
        if isinstance(probe_data, (tuple, list)) and len(probe_data) in (2, 3) and \
                not isinstance(probe_data, list):
            return probe_data[0], probe_data[1]
        return probe_data, None

    def _tap_model(self, model):
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
                    self.taps.append((layer.name, name))
                    outputs.append(tensor)
                self.output_count = len(model.outputs)
                if untapped:
                    self._untapped(", ".join(untapped))
                return keras.Model(model.inputs, outputs)
            except Exception as error:
                self.taps = []
                reason = f"layer outputs could not be tapped ({error})"
        else:
            reason = "subclassed model: layer outputs cannot be tapped"
        self.warn("taps", reason + "; activation statistics are not logged")
        self.note(reason + "; activation statistics are not logged")
        self.output_count = None
        return None

    def _untapped(self, layers):
        text = f"activation statistics are not logged for {layers}"
        self.warn("taps", text)
        self.note(text)

    def description(self):
        return {"examples": self.examples, "inputs_source": "probe", "targets_source": "probe",
                "tapped_layers": [name for name, _ in self.taps]}

    def _loss_scale(self):
        optimizer = self.model.optimizer
        scale = getattr(optimizer, "dynamic_scale", None)
        if scale is None:
            scale = getattr(optimizer, "loss_scale_factor", None)
        return scale

    def _run(self, x, y):
        """Predictions, tapped outputs and, with targets and a loss, the probe loss and the
        (unscaled) gradients of the trainable variables."""
        model = self.model
        variables = list(model.trainable_variables)
        with tf.GradientTape() as tape:
            if self.tap_model is not None:
                outputs = self.tap_model(x, training=False)
                outputs = outputs if isinstance(outputs, (list, tuple)) else [outputs]
                predictions = list(outputs[:self.output_count])
                tapped = list(outputs[self.output_count:])
                predictions = predictions[0] if len(predictions) == 1 else predictions
            else:
                predictions, tapped = model(x, training=False), []
            loss = None
            if y is not None and model.loss is not None:
                loss = model.compute_loss(x=x, y=y, y_pred=predictions, training=False)
                scale = self._loss_scale()
                scaled = loss * tf.cast(scale, loss.dtype) if scale is not None else loss
        gradients = None
        if loss is not None and variables:
            gradients = tape.gradient(scaled, variables)
            if scale is not None:
                # Mixed precision: norms of the true gradients, not of the scaled ones.
                gradients = [None if g is None else g / tf.cast(scale, g.dtype)
                             for g in gradients]
        return predictions, tapped, gradients, variables

    def _measure_and_write(self, step, x, y, previous=None, with_weights=False):
        # One compiled call per diagnostic: the statistics never leave the device as numpy,
        # and the ~10 summaries are written by the graph, not by eager ops.
        predictions, tapped, gradients, variables = self._run(x, y)
        with self._writer.as_default(), _exporting(self.export) as exported:
            if with_weights:
                summary.weights(variables, previous, step=step)
            if gradients is not None:
                summary.gradients(gradients, variables, step=step)
            if self.taps:
                summary.activations(tapped, [a for _, a in self.taps],
                                    [n for n, _ in self.taps], step=step)
            summary.predictions(tf.nest.flatten(predictions)[0], step=step)
            # The probe's inputs and targets never change; they are written again at every
            # diagnostic step so each diagnostic is complete. A flat list keeps the input
            # features labelled by position, as for a multi-input model's list of inputs.
            summary.inputs(tf.nest.flatten(x), step=step, source="probe")
            if y is not None:
                summary.targets(tf.nest.flatten(y)[0], step=step, source="probe",
                                predictions=self._prediction_spec())
        return exported_values(exported, self.metadata_of)

    def _prediction_spec(self):
        """The shape the model declares for its first output, on the probe's examples:
        what tells class labels from regression targets."""
        try:
            shape = tuple(self.model.outputs[0].shape)
        except Exception:
            shape = (None,)
        return tf.TensorSpec([self.examples] + list(shape[1:]), tf.float32)

    def write(self, writer, step, with_weights=False, previous=None):
        """Run the probe and write what it measures to `writer`, and `with_weights` the
        statistics of the trainable variables too (update ratios against `previous`).

        True when all of it was written; False (after a warning, and `failed` set) when the
        model cannot be run on probe_data. Raises when the writer itself broke.
        """
        if writer is not self._writer:
            self._writer, self._function = writer, None  # each fit may have its own
        model = self.model
        # compute_loss may update loss/metric trackers (multi-output models, user overrides);
        # restore them so the probe does not leak into the metrics Keras reports.
        saved = [(v, v.numpy()) for v in model.metrics_variables] if self._may_touch_metrics \
            else []
        try:
            if self._function is None:
                self._function = tf.function(self._measure_and_write)
            self.last_written = self._function(step, self.x, self.y, previous, with_weights)
            return True
        except Exception as error:
            if writer_broken(writer, error):
                raise
            if self.taps and self._without_taps(error, step, previous, with_weights):
                return True
            self.failed = True
            self.warn("probe", "probe_data could not be run through the model, so gradients, "
                               "activations and predictions are not logged: "
                               f"{type(error).__name__}: {str(error)[:500]}")
            self.note("probe_data could not be used: " + str(error)[:200])
            return False
        finally:
            for variable, value in saved:
                variable.assign(value)

    def _without_taps(self, error, step, previous, with_weights):
        """Run the probe again without the layer taps: a tapped output the statistics cannot
        handle must cost the activations only, not the gradients too. True if that worked."""
        taps = ", ".join(name for name, _ in self.taps)
        self.taps, self.tap_model, self.output_count = [], None, None
        self._function = tf.function(self._measure_and_write)
        try:
            self.last_written = self._function(step, self.x, self.y, previous, with_weights)
        except Exception:
            return False  # not the taps: the probe itself cannot run
        self._untapped(f"{taps} (tapping them failed: {type(error).__name__}: "
                       f"{str(error)[:200]})")
        return True
