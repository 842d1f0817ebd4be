"""PlateauCallback: writes plateau diagnostics from `model.fit` (Keras 3, TensorFlow backend)."""

import json
import logging
import math
import os
import time
import warnings

import keras
import numpy as np
import tensorflow as tf

from tb_plateau import metadata as md
from tb_plateau import signals
from tb_plateau import summary
from tb_plateau.logger import last_logged_step, open_writer

log = logging.getLogger("tb_plateau")

# --- Cadence of the probe diagnostics (gradients, activations, weights on probe_data) --------

# Share of training time the probe diagnostics may take at the "auto" cadence. The per-step
# loss/learning-rate writes cost well under 1% on realistic models, so with this budget the
# whole callback stays within the 3% overhead target (benchmarks/overhead.py measures it).
DIAGNOSTIC_TIME_BUDGET = 0.02
# Whatever the budget, a run gets at least this many diagnostics (spread evenly over the
# steps Keras announces), so the analysis has enough points around a stall even on a short
# demo run (20 epochs x 20 batches -> a diagnostic every 20 steps).
MIN_DIAGNOSTICS_PER_RUN = 20
# A constant learning rate is re-read this often (and at each epoch start): reading it is a
# device sync, and callbacks change it at epoch boundaries.
LEARNING_RATE_READ_EVERY = 16
# Default number of probe examples used: enough for stable fractions (1/128 resolution of
# zero/saturated fractions per unit batch), small enough that one probe costs about as much
# as a few training steps.
DEFAULT_PROBE_SIZE = 128
# Probe diagnostics whose cost is measured before the budget decides the cadence: the first
# one includes tracing the probe function and says nothing about its steady cost.
WARMUP_DIAGNOSTICS = 1


def activation_name(layer):
    """The activation a layer applies to its output ('relu', 'sigmoid', 'linear', ...), or
    None for layers whose output we do not tap (pooling, dropout, normalisation, models)."""
    by_class = {"ReLU": "relu", "LeakyReLU": "leaky_relu", "ELU": "elu", "PReLU": "prelu",
                "Softmax": "softmax"}
    class_name = type(layer).__name__
    if class_name in by_class:
        return by_class[class_name]
    if isinstance(layer, keras.Model):
        return None
    function = getattr(layer, "activation", None)
    if function is None or not callable(function):
        return None
    try:
        name = keras.activations.serialize(function)
    except Exception:  # custom activations need not be serialisable
        name = None
    if isinstance(name, dict):
        name = name.get("config", {}).get("name") or name.get("class_name")
    return str(name or getattr(function, "__name__", "custom"))


def _leaf_layers(model):
    """Layers of a model, nested models expanded, in model order."""
    leaves = []
    for layer in getattr(model, "layers", []):
        if isinstance(layer, keras.Model) or (hasattr(layer, "layers") and layer.layers):
            leaves.extend(_leaf_layers(layer))
        else:
            leaves.append(layer)
    return leaves


def _serialized(obj):
    """A Keras object (initializer, regularizer) as {"class", "config"}, or None."""
    if obj is None:
        return None
    if isinstance(obj, dict):
        return {"class": obj.get("class_name"), "config": obj.get("config") or {}}
    if isinstance(obj, str):
        return {"class": obj, "config": {}}
    try:
        config = obj.get_config()
    except Exception:
        config = {}
    return {"class": type(obj).__name__, "config": config}


def _output_layer(model):
    """The layer producing the model's (first) output, or the last layer as a fallback."""
    try:
        return model.outputs[0]._keras_history.operation
    except Exception:
        layers = _leaf_layers(model)
        return layers[-1] if layers else None


def _loss_description(loss):
    if loss is None:
        return None
    if isinstance(loss, (list, tuple)):
        return [_loss_description(item) for item in loss]
    if isinstance(loss, dict):
        return {key: _loss_description(value) for key, value in loss.items()}
    if isinstance(loss, str):
        # Keras resolves names ('mse', 'binary_crossentropy') to functions; report the
        # canonical function name and the matching Loss class so analysis sees one spelling.
        canonical = loss
        try:
            canonical = getattr(keras.losses.get(loss), "__name__", loss)
        except Exception:
            pass
        class_name = "".join(part.capitalize() for part in canonical.split("_"))
        return {"name": canonical, "alias": loss,
                "class": class_name if hasattr(keras.losses, class_name) else None,
                "from_logits": False}
    config = {}
    try:
        config = loss.get_config()
    except Exception:
        pass
    name = config.get("name") or getattr(loss, "name", None) or getattr(loss, "__name__", None)
    return {"name": name, "class": type(loss).__name__ if isinstance(loss, keras.losses.Loss)
            else None, "from_logits": bool(config.get("from_logits", False)),
            "config": config}


def model_config(model, batch_size=None, steps_per_epoch=None, notes=()):
    """The `plateau/config` JSON of docs/format.md for a Keras model."""
    layers = []
    for layer in _leaf_layers(model):
        try:
            config = layer.get_config()
        except Exception:
            config = {}
        try:
            params = int(layer.count_params()) if layer.built else None
        except Exception:
            params = None
        try:
            output_shape = list(layer.output.shape)
        except Exception:
            output_shape = None
        layers.append({
            "name": layer.name,
            "class": type(layer).__name__,
            "units": config.get("units"),
            "filters": config.get("filters"),
            "activation": activation_name(layer),
            "kernel_initializer": _serialized(config.get("kernel_initializer")),
            "bias_initializer": _serialized(config.get("bias_initializer")),
            "kernel_regularizer": _serialized(config.get("kernel_regularizer")),
            "bias_regularizer": _serialized(config.get("bias_regularizer")),
            "activity_regularizer": _serialized(config.get("activity_regularizer")),
            "rate": config.get("rate"),
            "params": params,
            "trainable": bool(layer.trainable),
            "dtype_policy": getattr(getattr(layer, "dtype_policy", None), "name", None),
            "output_shape": output_shape,
        })
    output = _output_layer(model)
    output_units = None
    if output is not None:
        output_units = getattr(output, "units", None) or getattr(output, "filters", None)
    if output_units is None:
        try:
            output_units = int(model.outputs[0].shape[-1])
        except Exception:
            pass
    optimizer = getattr(model, "optimizer", None)
    optimizer_config = None
    if optimizer is not None:
        try:
            optimizer_config = optimizer.get_config()
        except Exception:
            optimizer_config = None
    subclassed = not isinstance(model, keras.Sequential) and not _is_functional(model)
    try:
        params = int(model.count_params())
        trainable = int(sum(int(np.prod(v.shape)) for v in model.trainable_variables))
    except Exception:
        params = trainable = None
    return {
        "framework": "keras",
        "keras_version": keras.__version__,
        "tensorflow_version": tf.__version__,
        "model": {"name": model.name, "class": type(model).__name__, "subclassed": subclassed,
                  "params": params, "trainable_params": trainable},
        "layers": layers,
        "output_activation": activation_name(output) if output is not None else None,
        "output_units": output_units,
        "loss": _loss_description(getattr(model, "loss", None)),
        "optimizer": {"class": type(optimizer).__name__, "config": optimizer_config}
        if optimizer is not None else None,
        "mixed_precision": keras.mixed_precision.dtype_policy().name,
        "distribute_strategy": type(tf.distribute.get_strategy()).__name__,
        "batch_size": batch_size,
        "steps_per_epoch": steps_per_epoch,
        "notes": list(notes),
    }


def _is_functional(model):
    return type(model).__name__ == "Functional" or (
        hasattr(model, "_nodes_by_depth") and not type(model).__dict__.get("call"))


def _first_examples(value, count):
    """The first `count` examples of a (nested) array/tensor structure, as tensors."""
    return tf.nest.map_structure(lambda t: tf.convert_to_tensor(t)[:count], value)


class PlateauCallback(keras.callbacks.Callback):
    """Writes what tb-plateau needs to find a stalled loss and its cause, from `model.fit`.

    Every step it writes the batch's loss and the learning rate; at a cadence that keeps
    the cost small (by default at most ~2% of training time, and at least 25 times a run)
    it runs the model on `probe_data` and writes per-layer gradient norms, weight norms,
    update ratios, activation statistics, prediction spread, and input/target statistics.
    Epoch metrics (validation included) and the model's configuration are written too.
    Open the "Plateau" tab in TensorBoard, or run `tb-plateau report <log_dir>`.

    Example:

    ```python
    import numpy as np, keras, tb_plateau

    x = np.random.rand(512, 8).astype("float32")
    y = (x.sum(axis=1) > 4).astype("float32")
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    cb = tb_plateau.PlateauCallback("runs/exp1", probe_data=(x[:128], y[:128]))
    model.fit(x, y, epochs=3, validation_split=0.2, callbacks=[cb])
    ```

    Args:
      log_dir: the run's directory. It can be the same as Keras's `TensorBoard(log_dir)`
        (that one writes under `train/` and `validation/`, this one in `log_dir` itself).
      probe_data: a small `(x, y)` batch (or `x` alone, or a `tf.data.Dataset` whose first
        batch is used) on which gradients, activations and predictions are measured.
        Held-out examples are best. Without it only loss, learning rate, weight norms,
        update ratios, epoch metrics and the configuration are written.
      diagnostics_every: run the probe diagnostics every this many steps; "auto" (default)
        picks the cadence from the measured cost (see above).
      probe_size: at most this many examples of `probe_data` are used.
      writer: an existing `tf.summary` writer to write to instead of opening `log_dir`.
    """

    def __init__(self, log_dir, probe_data=None, diagnostics_every="auto",
                 probe_size=DEFAULT_PROBE_SIZE, writer=None):
        super().__init__()
        if log_dir is None and writer is None:
            raise ValueError("PlateauCallback needs a log_dir (or a writer to share).")
        if diagnostics_every != "auto" and (not isinstance(diagnostics_every, int)
                                            or diagnostics_every < 1):
            raise ValueError(f"diagnostics_every must be 'auto' or a positive int, "
                             f"got {diagnostics_every!r}")
        if not isinstance(probe_size, int) or probe_size < 1:
            raise ValueError(f"probe_size must be a positive int, got {probe_size!r}")
        self.log_dir = None if log_dir is None else os.fspath(log_dir)
        self.probe_data = probe_data
        self.diagnostics_every = diagnostics_every
        self.probe_size = probe_size
        self._shared_writer = writer
        self._writer = None
        self._step = None  # last step written; survives between fit() calls
        self._warned = set()
        self._notes = []
        self._probe = None
        self._probe_failed = False
        self._config_written = False
        self._diagnose_now = False
        self._disabled = set()
        self._series_writer = None
        self._weight_stats = None

    # --- failure policy: logging never crashes training --------------------------------

    def _warn_once(self, key, message):
        if key in self._warned:
            return
        self._warned.add(key)
        warnings.warn(f"tb_plateau: {message}", RuntimeWarning, stacklevel=3)
        log.warning("tb_plateau: %s", message)

    def _guarded(self, what, function, *args):
        if self._writer is None:
            return None
        try:
            return function(*args)
        except Exception as error:  # logging must never end a training run
            self._warn_once(what, f"{what} failed and is skipped from now on: "
                                  f"{type(error).__name__}: {error}")
            self._disabled.add(what)
            return None

    # --- Keras hooks --------------------------------------------------------------------

    def on_train_begin(self, logs=None):
        self._disabled = set()
        self._writer = self._shared_writer or open_writer(self.log_dir, self._warn_once)
        self._guarded("setup", self._setup)

    def on_epoch_begin(self, epoch, logs=None):
        if "setup" in self._disabled:
            self._writer = None  # without a working setup nothing else can be trusted
        self._guarded("loss", self._epoch_begin, epoch)

    def on_train_batch_begin(self, batch, logs=None):
        if self._writer is not None and "diagnostics" not in self._disabled:
            self._guarded("diagnostics", self._batch_begin, batch)

    def on_train_batch_end(self, batch, logs=None):
        if self._writer is None:
            return
        if "loss" not in self._disabled:
            self._guarded("loss", self._batch_end, batch, logs or {})
        if "diagnostics" not in self._disabled and self._diagnose_now:
            self._guarded("diagnostics", self._diagnose)
        if not self._config_written:
            # After the first diagnostic, so the config's notes include what the probe found.
            self._config_written = True
            self._guarded("config", self._write_config, getattr(self, "_batch_size", None))

    def on_epoch_end(self, epoch, logs=None):
        self._guarded("epoch metrics", self._epoch_end, epoch, logs or {})

    def on_train_end(self, logs=None):
        self._guarded("flush", self._flush_buffer)
        if self._writer is not None:
            try:
                self._writer.flush()
                if self._shared_writer is None:
                    self._writer.close()
            except Exception as error:
                self._warn_once("close", f"could not flush the event file: {error}")
        self._writer = None

    # --- setup ----------------------------------------------------------------------------

    def _setup(self):
        model = self.model
        optimizer = model.optimizer
        self._fit_start_iterations = int(optimizer.iterations.numpy())
        previous = self._step
        if previous is None and self.log_dir is not None and self._shared_writer is None:
            previous = last_logged_step(self.log_dir)
        # Continue from the larger of the optimizer's counter and what the run already holds,
        # so a resumed fit (initial_epoch) never writes steps that go backwards.
        self._step = max(self._fit_start_iterations, previous or 0)
        # Our step minus the optimizer's counter: non-zero when resuming into a run directory
        # with an optimizer that restarted from zero.
        self._offset = self._step - self._fit_start_iterations
        self._steps_per_execution = int(getattr(model, "steps_per_execution", 1) or 1)
        params = self.params or {}
        self._steps_per_epoch = params.get("steps")
        epochs = params.get("epochs")
        self._planned_steps = (self._steps_per_epoch * epochs
                               if self._steps_per_epoch and epochs else None)
        self._variables = None  # known once the model is built (subclassed: after a batch)
        self._find_variables()
        self._tracker = getattr(model, "_loss_tracker", None)
        self._buffer = []  # (step, loss, learning_rate) waiting to be written
        self._series_writer = None  # bound to this fit's writer
        self._previous_weights = None
        self._diagnose_now = False
        self._last_diagnostic = None
        self._diagnostic_seconds = []
        self._train_seconds = 0.0
        self._train_batches = 0
        self._batch_started = None
        self._schedule = None
        inner = getattr(optimizer, "inner_optimizer", optimizer)
        learning_rate = getattr(inner, "_learning_rate", None)
        if isinstance(learning_rate, keras.optimizers.schedules.LearningRateSchedule):
            self._schedule = learning_rate
        if self._steps_per_execution > 1:
            self._note(f"steps_per_execution={self._steps_per_execution}: loss is the mean over "
                       "each execution and update_ratio is not logged")
        if self._probe is None and self.probe_data is not None and not self._probe_failed:
            self._probe = _Probe(self, model, self.probe_data, self.probe_size)
        elif self.probe_data is None:
            self._warn_once("no probe", "no probe_data given: gradients, activations and "
                                        "predictions are not logged")
            self._note("no probe_data: gradient, activation, input/target and prediction "
                       "statistics are not logged")
        self._config_written = False

    def _find_variables(self, built=False):
        """The trainable variables and their layer groups, once the model has them."""
        if self._variables:
            return self._variables
        variables = list(self.model.trainable_variables)
        if variables or built:
            self._variables = variables
            self._layer_names, self._groups = signals.layer_groups(variables)
        if built and not variables:
            self._warn_once("no variables", "the model has no trainable variables: gradient, "
                                            "weight and update statistics are not logged")
            self._note("model has no trainable variables: no gradient/weight statistics")
        return self._variables

    def _note(self, text):
        if text not in self._notes:
            self._notes.append(text)

    # --- per step ------------------------------------------------------------------------------

    def _epoch_begin(self, epoch):
        self._epoch_start_step = self._step
        self._epoch = epoch
        self._tracker_total, self._tracker_count = self._read_tracker()
        self._logs_mean, self._logs_batches = 0.0, 0
        self._batch_examples = None
        self._lr_value = None

    def _read_tracker(self):
        if self._tracker is None:
            return None, None
        return float(self._tracker.total.numpy()), float(self._tracker.count.numpy())

    def _step_after(self, batch):
        return self._epoch_start_step + (batch + 1)

    def _batch_begin(self, batch):
        self._batch_started = time.perf_counter()
        upcoming = self._step_after(batch + self._steps_per_execution - 1)
        self._diagnose_now = self._is_diagnostic_step(upcoming)
        self._previous_weights = None
        if self._diagnose_now and self._find_variables() and self._steps_per_execution == 1:
            self._previous_weights = _snapshot(self._variables)

    def _is_diagnostic_step(self, step):
        first = self._last_diagnostic is None
        if first:
            return True  # the state at the start of the fit
        since = step - self._last_diagnostic
        if self.diagnostics_every != "auto":
            return step % self.diagnostics_every == 0 or since >= self.diagnostics_every
        planned = self._planned_steps or max(step - self._fit_start_iterations, 1) * 2
        floor_interval = max(1, planned // MIN_DIAGNOSTICS_PER_RUN)
        return since >= min(floor_interval, self._budget_interval())

    def _budget_interval(self):
        """Steps between diagnostics that keep their cost within DIAGNOSTIC_TIME_BUDGET."""
        measured = self._diagnostic_seconds[WARMUP_DIAGNOSTICS:]
        if not measured or not self._train_batches:
            return math.inf  # unknown yet: the floor interval decides
        step_seconds = self._train_seconds / self._train_batches
        return max(1, math.ceil(float(np.median(measured))
                                / (DIAGNOSTIC_TIME_BUDGET * max(step_seconds, 1e-6))))

    def _batch_end(self, batch, logs):
        if self._batch_started is not None and self._train_batches < 10**9:
            self._train_seconds += time.perf_counter() - self._batch_started
            self._train_batches += self._steps_per_execution
        step = self._step_after(batch)
        if step <= self._step and batch > 0:
            return
        self._step = step
        batch_loss, batch_size = self._batch_loss(batch, logs)
        self._buffer.append((step, batch_loss, self._learning_rate(step, batch)))
        self._find_variables(built=True)
        if batch_size and not getattr(self, "_batch_size", None):
            self._batch_size = batch_size
        if len(self._buffer) >= 64:
            self._flush_buffer()

    def _batch_loss(self, batch, logs):
        """The loss of the batch(es) just trained, recovered from Keras's running epoch mean.

        With k batches of equal size B done, the running mean m_k gives the last batch's
        loss as k*m_k - (k-1)*m_{k-1}. Keras's loss tracker holds the exact weighted sums
        (sum of loss_i*B_i and of B_i); it is read (a device sync, ~50 us) only where the
        batch size is unknown or may differ: the first and the last batch of an epoch, or
        when `logs` has no loss.
        """
        mean = logs.get("loss")
        batches = batch + 1
        last = self._steps_per_epoch is not None and batches >= self._steps_per_epoch
        need_tracker = self._tracker is not None and (
            mean is None or batch == 0 or last or self._batch_examples is None)
        if need_tracker:
            total, count = self._read_tracker()
            prev_total = self._logs_mean * self._logs_batches * (self._batch_examples or 0)
            prev_count = self._logs_batches * (self._batch_examples or 0)
            if batch == 0 or self._batch_examples is None:
                prev_total, prev_count = self._tracker_total, self._tracker_count
            delta_count = count - prev_count
            value = (total - prev_total) / delta_count if delta_count > 0 else float("nan")
            if batch == 0 and delta_count > 0:
                self._batch_examples = delta_count / self._steps_per_execution
            self._logs_mean = total / count if count > 0 else 0.0
            self._logs_batches = batches
            return value, self._batch_examples
        if mean is None:
            return float("nan"), None
        value = batches * float(mean) - self._logs_batches * self._logs_mean
        value /= max(batches - self._logs_batches, 1)
        self._logs_mean, self._logs_batches = float(mean), batches
        return value, self._batch_examples

    def _learning_rate(self, step, batch):
        if self._schedule is not None:
            return None  # evaluated in bulk when the buffer is written
        # A constant learning rate changes only when a callback assigns it (at epoch
        # boundaries for ReduceLROnPlateau / LearningRateScheduler): re-read it at each
        # epoch's first batch and every LEARNING_RATE_READ_EVERY steps, not every step.
        if self._lr_value is None or batch == 0 or step % LEARNING_RATE_READ_EVERY == 0 \
                or self._diagnose_now:
            try:
                self._lr_value = float(np.asarray(self.model.optimizer.learning_rate))
            except Exception:
                self._lr_value = float("nan")
        return self._lr_value

    def _flush_buffer(self):
        if not self._buffer or "loss" in self._disabled:
            return
        buffered, self._buffer = self._buffer, []
        steps = np.asarray([entry[0] for entry in buffered], np.int64)
        losses = np.asarray([entry[1] for entry in buffered], np.float32)
        if self._schedule is not None:
            # The update that ended at optimizer step s was made with schedule(s - 1).
            rates = steps - self._offset - 1
        else:
            rates = np.asarray([entry[2] for entry in buffered], np.float32)
        if self._series_writer is None:
            self._series_writer = _series_writer(self._writer, self._schedule)
        self._series_writer(steps, losses, rates)

    # --- diagnostics -----------------------------------------------------------------------

    def _diagnose(self):
        started = time.perf_counter()
        step = self._step
        self._last_diagnostic = step
        self._diagnose_now = False
        with self._writer.as_default():
            if self._variables:
                if self._weight_stats is None:
                    self._weight_stats = _weight_stats_function(self._variables, self._groups)
                previous = self._previous_weights
                stats = self._weight_stats(previous) if previous else self._weight_stats()
                summary.write_signal(md.WEIGHT_NORM, stats[0].numpy(), step,
                                     names=self._layer_names)
                if previous:
                    summary.write_signal(md.UPDATE_RATIO, stats[1].numpy(), step,
                                         names=self._layer_names)
            self._previous_weights = None
            if self._probe is not None and not self._probe_failed:
                self._probe.write(step)
        self._diagnostic_seconds.append(time.perf_counter() - started)

    def _write_config(self, batch_size):
        config = model_config(self.model, batch_size=int(batch_size) if batch_size else None,
                              steps_per_epoch=self._steps_per_epoch, notes=self._notes)
        config["diagnostics_every"] = self.diagnostics_every
        config["probe"] = self._probe.description() if self._probe is not None else None
        with self._writer.as_default():
            summary.config(config, step=self._step)

    def _epoch_end(self, epoch, logs):
        self._flush_buffer()
        with self._writer.as_default():
            summary.epoch_metrics(logs, step=self._step, epoch=epoch)
        self._writer.flush()


def _snapshot(variables):
    """Copies of the variables' current values (later updates do not change them)."""
    return [tf.identity(v.value if hasattr(v, "value") else v) for v in variables]


def _weight_stats_function(variables, groups):
    """A compiled (weight_norm, update_ratio) of the variables, given their previous values."""

    @tf.function
    def weight_stats(previous=None):
        current = [tf.convert_to_tensor(v.value if hasattr(v, "value") else v)
                   for v in variables]
        norms = signals.group_norms(current, groups)
        if previous is None:
            return norms, norms
        return norms, signals.update_ratios(current, previous, groups)

    return weight_stats


def _series_writer(writer, schedule=None):
    """A compiled writer of buffered per-step loss and learning rate: one call per flush
    instead of two eager summary ops per step (the per-step cost the budget cares about).
    With a schedule, `rates` holds the optimizer iteration at which to evaluate it."""

    rate_dtype = tf.int64 if schedule is not None else tf.float32

    @tf.function(input_signature=[tf.TensorSpec([None], tf.int64),
                                  tf.TensorSpec([None], tf.float32),
                                  tf.TensorSpec([None], rate_dtype)])
    def write(steps, losses, rates):
        with writer.as_default():
            for i in tf.range(tf.shape(steps)[0]):
                summary.write_signal(md.LOSS, losses[i], steps[i])
                rate = schedule(rates[i]) if schedule is not None else rates[i]
                summary.write_signal(md.LEARNING_RATE, rate, steps[i])
        return tf.constant(True)

    return write


class _Probe:
    """Runs the model on probe_data in one compiled step and writes what it measures."""

    def __init__(self, callback, model, probe_data, probe_size):
        self.callback = callback
        self.model = model
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
        self._data = None  # input/target statistics of the fixed probe, computed once
        self._function = tf.function(self._measure)
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
        if isinstance(model, keras.Sequential) or _is_functional(model):
            try:
                outputs = list(model.outputs)
                for layer in model.layers:
                    name = activation_name(layer)
                    if name is None:
                        continue
                    try:
                        tensor = layer.output
                    except Exception:  # shared layers have several outputs
                        continue
                    self.taps.append((layer.name, name))
                    outputs.append(tensor)
                self.output_count = len(model.outputs)
                return keras.Model(model.inputs, outputs)
            except Exception as error:
                self.taps = []
                reason = f"layer outputs could not be tapped ({error})"
        else:
            reason = "subclassed model: layer outputs cannot be tapped"
        self.callback._warn_once("taps", reason + "; activation statistics are not logged")
        self.callback._note(reason + "; activation statistics are not logged")
        self.output_count = None
        return None

    def description(self):
        return {"examples": self.examples, "inputs_source": "probe", "targets_source": "probe",
                "tapped_layers": [name for name, _ in self.taps]}

    def _loss_scale(self):
        optimizer = self.model.optimizer
        scale = getattr(optimizer, "dynamic_scale", None)
        if scale is None:
            scale = getattr(optimizer, "loss_scale_factor", None)
        return scale

    def _measure(self, x, y):
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
        result = {"predictions": signals.prediction_stats(tf.nest.flatten(predictions)[0]),
                  "activation": signals.activations_stats(tapped, [a for _, a in self.taps])}
        if loss is not None and variables:
            gradients = tape.gradient(scaled, variables)
            if scale is not None:
                # Mixed precision: norms of the true gradients, not of the scaled ones.
                gradients = [None if g is None else g / tf.cast(scale, g.dtype)
                             for g in gradients]
            norms, global_norm, nonfinite = signals.gradient_stats(gradients,
                                                                   self.callback._groups)
            result.update(grad_norm=norms, grad_global_norm=global_norm,
                          grad_nonfinite=nonfinite, probe_loss=tf.cast(loss, tf.float32))
        return result

    def write(self, step):
        model = self.model
        # compute_loss may update loss/metric trackers (multi-output models, user overrides);
        # restore them so the probe does not leak into the metrics Keras reports.
        saved = [(v, v.numpy()) for v in model.metrics_variables] if self._may_touch_metrics \
            else []
        try:
            result = self._function(self.x, self.y)
        except Exception as error:
            self.callback._probe_failed = True
            self.callback._warn_once(
                "probe", "probe_data could not be run through the model, so gradients, "
                         f"activations and predictions are not logged: {type(error).__name__}: "
                         f"{str(error)[:500]}")
            self.callback._note("probe_data could not be used: " + str(error)[:200])
            return
        finally:
            for variable, value in saved:
                variable.assign(value)
        result = {k: v.numpy() for k, v in result.items()}
        callback = self.callback
        if "grad_norm" in result:
            summary.write_signal(md.GRAD_NORM, result["grad_norm"], step,
                                 names=callback._layer_names)
            summary.write_signal(md.GRAD_GLOBAL_NORM, result["grad_global_norm"], step)
            summary.write_signal(md.GRAD_NONFINITE, result["grad_nonfinite"], step)
        if self.taps:
            activations = [a for _, a in self.taps]
            summary.write_signal(md.ACTIVATION, result["activation"], step,
                                 names=[n for n, _ in self.taps], columns=md.ACTIVATION_COLUMNS,
                                 extra={"activations": activations})
        summary.write_signal(md.PREDICTIONS, result["predictions"], step,
                             columns=md.PREDICTION_COLUMNS)
        # The probe's inputs and targets never change: their statistics are computed once
        # (by the same summary ops the logger uses, into a throwaway buffer) and written
        # again at every diagnostic step so that each diagnostic is complete.
        if self._data is None:
            self._data = self._data_signals()
        for signal, value, names, columns, extra in self._data:
            summary.write_signal(signal, value, step, names=names, columns=columns, extra=extra)

    def _data_signals(self):
        x_names = None
        x = self.x
        first = tf.nest.flatten(x)
        stats = np.concatenate([signals.input_stats(t).numpy() for t in first], axis=0)
        if len(first) == 1:
            x_names = [str(i) for i in range(stats.shape[0])]
        else:
            x_names = [f"{i}:{j}" for i, t in enumerate(first)
                       for j in range(signals.input_stats(t).shape[0])]
        source = {"source": "probe"}
        data = [(md.INPUTS, stats, x_names, md.INPUT_COLUMNS, source)]
        if self.y is not None:
            y = tf.nest.flatten(self.y)[0]
            data.append((md.TARGETS, signals.target_stats(y).numpy(), None, md.TARGET_COLUMNS,
                         source))
            prediction_shape = tf.TensorSpec(
                [self.examples] + list(self._output_shape()[1:]), tf.float32)
            classes = signals.class_count(y, prediction_shape)
            if classes and bool(signals.targets_are_labels(y)):
                data.append((md.TARGET_CLASSES, signals.class_frequencies(y, classes).numpy(),
                             [str(i) for i in range(classes)], None, source))
        return data

    def _output_shape(self):
        try:
            return tuple(self.model.outputs[0].shape)
        except Exception:
            return (None,)
