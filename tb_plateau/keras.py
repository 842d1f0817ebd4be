"""PlateauCallback: writes plateau diagnostics from `model.fit` (Keras 3, TensorFlow backend)."""

import json
import logging
import math
import os
import re
import shutil
import tempfile
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

# --- Cost of the per-step signals ---------------------------------------------------------

# The loss and learning rate of every step are recorded inside the model's compiled train
# step into a ring buffer of this many steps, which the callback drains (one device read,
# one compiled write) when it is nearly full. The callback then has no per-step work that
# reads from the device, and only a few Python operations in `on_train_batch_begin`. It
# defines no batch-*end* hook: Keras 3 dispatches batch ends on a thread only while no
# callback overrides one (keras/src/callbacks/callback_list.py); on the TensorFlow backend
# (IS_THREAD_SAFE = False in Keras 3.15) it dispatches them synchronously anyway.
STEP_BUFFER_STEPS = 256
# The learning rate is written at the first step, whenever it moved by more than this
# relative amount since the value last written, and at every diagnostic step; readers
# forward-fill it. Schedules that change it a little every step (cosine, exponential decay)
# are then written every few hundred steps instead of every step, at < 0.1% error.
LEARNING_RATE_CHANGE = 1e-3

# --- Cadence of the probe diagnostics (gradients, activations, weights on probe_data) --------

# Share of training time the probe diagnostics take at the "auto" cadence when that already
# gives a run MIN_DIAGNOSTICS_PER_RUN of them or more (benchmarks/overhead.py measures the
# whole callback against the 3% target).
DIAGNOSTIC_TIME_BUDGET = 0.01
# A run gets at least MIN_DIAGNOSTICS_PER_RUN diagnostics (spread evenly over the steps Keras
# announces), so the analysis has enough points around a stall even on a short run, as long
# as they cost at most this share of training time; beyond it the cost decides, and a short
# run of an expensive model gets fewer.
DIAGNOSTIC_TIME_CAP = 0.0125
MIN_DIAGNOSTICS_PER_RUN = 20
# ... except that a run always gets its MIN_DIAGNOSTICS_PER_RUN when all of them together
# take less than this: on a tiny model a diagnostic's fixed cost (a few compiled calls and
# summary writes, ~2-5 ms on a CPU) is several of its steps, yet nobody waits for 50 ms.
SMALL_RUN_DIAGNOSTIC_SECONDS = 0.05
# Cheap diagnostics on a long run are not written more often than this many per run: more
# points add event-file bytes and reading time, not diagnoses.
MAX_DIAGNOSTICS_PER_RUN = 1000
# Default number of probe examples used: 1/64 resolution of zero/saturated fractions per
# unit, at about the cost of one training step of batch 64 (forward and backward).
DEFAULT_PROBE_SIZE = 64
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


class PlateauCallback(keras.callbacks.Callback):
    """Writes what tb-plateau needs to find a stalled loss and its cause, from `model.fit`.

    Every step it records the batch's loss and the learning rate (inside the compiled train
    step, so training keeps its speed); at a cadence that keeps the cost small (about 1% of
    training time, and 20 times a run when that fits in the budget) it runs the model on
    `probe_data` and writes per-layer gradient norms, weight norms, update ratios,
    activation statistics, prediction spread, and input/target statistics. Epoch metrics
    (validation included) and the model's configuration are written too. Open the
    "Plateau" tab in TensorBoard, or run `tb-plateau report <log_dir>`.

    Example:

    ```python
    import numpy as np, keras, tb_plateau

    x = np.random.rand(512, 8).astype("float32")
    y = (x.sum(axis=1) > 4).astype("float32")
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    cb = tb_plateau.PlateauCallback("runs/exp1", probe_data=(x[:64], y[:64]))
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
        self._disabled = set()
        self._recorder = None
        self._scratch_dir = None  # a non-chief worker's throw-away run directory

    # --- failure policy: logging never crashes training --------------------------------

    def _warn_once(self, key, message):
        if key in self._warned:
            return
        self._warned.add(key)
        warnings.warn(f"tb_plateau: {message}", RuntimeWarning, stacklevel=3)
        log.warning("tb_plateau: %s", message)

    def _guarded(self, what, function, *args):
        if self._writer is None or what in self._disabled:
            return None
        try:
            return function(*args)
        except Exception as error:  # logging must never end a training run
            if self._stop_if_writer_failed(error):
                return None
            self._warn_once(what, f"{what} failed and is skipped from now on: "
                                  f"{type(error).__name__}: {error}")
            self._disabled.add(what)
            return None

    def _stop_if_writer_failed(self, error):
        """True (after one warning, with logging stopped for this fit) when `error` means
        the event file cannot be written any more: a full disk, a writer closed under us,
        a run directory removed. Every later write would fail the same way, each under a
        different signal's name, so they are not tried."""
        writer = self._writer
        if writer is None:
            return True
        broken = bool(getattr(writer, "_closed", False)) or _WRITER_FAILURE.search(str(error))
        if not broken:
            try:
                writer.flush()
            except Exception:
                broken = True
        if not broken:
            return False
        self._warn_once("writer", f"cannot write to the run's event files any more "
                                  f"({_error_summary(error)}); nothing more is logged in this "
                                  "fit, training goes on")
        if self._shared_writer is None:
            try:
                writer.close()
            except Exception:  # the events it still holds cannot be written either
                pass
        self._writer = None
        return True

    # --- Keras hooks ----------------------------------------------------------------------
    # No on_train_batch_end / on_batch_end on purpose (see STEP_BUFFER_STEPS).

    def on_train_begin(self, logs=None):
        self._disabled = set()
        self._scratch_dir = None
        if self._shared_writer is not None:
            self._writer = self._shared_writer
        elif _is_chief(self.model):
            self._writer = open_writer(self.log_dir, self._warn_once)
        else:
            # Multi-worker training: only the chief writes the run. The other workers do the
            # same work (the recording train step holds collective ops every worker must
            # join) into a throw-away directory removed at the end of fit.
            self._scratch_dir = tempfile.mkdtemp(prefix="tb_plateau_worker_")
            log.info("tb_plateau: not the chief worker; the run is written by the chief, "
                     "this worker writes to %s (removed after fit)", self._scratch_dir)
            self._writer = open_writer(self._scratch_dir, self._warn_once)
        self._guarded("setup", self._setup)
        if "setup" in self._disabled:
            self._restore_train_step()
            self._writer = None  # without a working setup nothing else can be trusted

    def on_epoch_begin(self, epoch, logs=None):
        self._guarded("cadence", self._epoch_begin, epoch)

    def on_train_batch_begin(self, batch, logs=None):
        # Called before each step (or execution of steps_per_execution steps); every step
        # launched so far has finished, so the weights are those after the previous step.
        if self._writer is None:
            return
        now = time.perf_counter()
        if self._last_begin is not None and self._launched > self._steps_per_execution:
            # Not the fit's first execution: it traces the train function (seconds).
            self._train_seconds += now - self._last_begin
            self._train_steps += self._steps_per_execution
        if self._pending is not None:
            self._guarded("diagnostics", self._diagnose)
        if self._launched + self._steps_per_execution - self._done > self._recorder.capacity:
            self._guarded("loss", self._flush)
        self._launched += self._steps_per_execution
        if self._next_diagnostic is not None and \
                self._base + self._launched >= self._next_diagnostic:
            self._guarded("diagnostics", self._schedule_diagnostic)
        # What this hook did (diagnostics, drains, weight snapshots) is not training time.
        self._last_begin = time.perf_counter()
        self._hook_seconds += self._last_begin - now

    def on_epoch_end(self, epoch, logs=None):
        started = time.perf_counter()
        self._guarded("diagnostics", self._diagnose_if_pending)
        self._guarded("loss", self._flush)
        self._guarded("config", self._write_config_once)
        self._guarded("epoch metrics", self._epoch_end, epoch, logs or {})
        if self._writer is not None:
            self._hook_seconds += time.perf_counter() - started

    def on_train_end(self, logs=None):
        self._guarded("diagnostics", self._diagnose_if_pending)
        self._guarded("loss", self._flush)
        self._guarded("config", self._write_config_once)
        self._restore_train_step()
        if self._writer is not None:
            try:
                self._writer.flush()
                if self._shared_writer is None:
                    self._writer.close()
            except Exception as error:
                self._warn_once("writer", f"could not write the last events to the run's event "
                                          f"files ({_error_summary(error)})")
        self._writer = None
        if getattr(self, "_scratch_dir", None):
            shutil.rmtree(self._scratch_dir, ignore_errors=True)
            self._scratch_dir = None

    # --- setup ----------------------------------------------------------------------------

    def _setup(self):
        model = self.model
        optimizer = model.optimizer
        self._fit_start_iterations = int(optimizer.iterations.numpy())
        previous = self._step
        if previous is None and self.log_dir is not None and self._shared_writer is None \
                and self._scratch_dir is None:
            previous = last_logged_step(self.log_dir)
        # Continue from the larger of the optimizer's counter and what the run already holds,
        # so a resumed fit (initial_epoch) never writes steps that go backwards. The i-th
        # step of this fit (from 1) is written at step _base + i.
        self._base = max(self._fit_start_iterations, previous or 0)
        self._step = self._base
        self._steps_per_execution = int(getattr(model, "steps_per_execution", 1) or 1)
        self._steps_per_epoch = (self.params or {}).get("steps")
        self._planned_steps = None  # known at the first epoch (initial_epoch matters)
        self._variables = None  # known once the model is built (subclassed: after a batch)
        self._find_variables()
        self._launched = 0  # steps started in this fit (an upper bound of those done)
        self._done = 0  # steps known done (read from the recorder)
        # (weights before the step or None, seconds taken copying them) while a diagnostic
        # is due after the step
        self._pending = None
        self._next_diagnostic = self._base + 1  # the state at the start of the fit
        self._diagnostic_steps = set()  # steps whose learning rate must be written
        self._diagnostic_seconds = []
        self._train_seconds = 0.0
        self._train_steps = 0
        # Wall time spent in on_train_batch_begin and on_epoch_end (diagnostics included),
        # for the overhead benchmark's accounting; diagnostics alone: _diagnostic_seconds.
        self._hook_seconds = 0.0
        self._last_begin = None
        self._last_rate = None
        self._batch_size = None
        self._weight_stats = None
        self._series_writer = None  # bound to this fit's writer
        if self._steps_per_execution > 1:
            self._note(f"steps_per_execution={self._steps_per_execution}: update_ratio is "
                       "not logged")
        if self._probe is None and self.probe_data is not None and not self._probe_failed:
            self._probe = _Probe(self, model, self.probe_data, self.probe_size)
        elif self.probe_data is None:
            self._warn_once("no probe", "no probe_data given: gradients, activations and "
                                        "predictions are not logged")
            self._note("no probe_data: gradient, activation, input/target and prediction "
                       "statistics are not logged")
        if self._probe is not None:
            self._probe.bind(self._writer)
        self._config_written = False
        # fit() made its train function before calling us; make it again around our step.
        self._recorder = _StepRecorder(self, model, max(STEP_BUFFER_STEPS,
                                                        4 * self._steps_per_execution))
        self._recorder.install()

    def _restore_train_step(self):
        if self._recorder is not None:
            try:
                self._recorder.uninstall()
            except Exception as error:
                self._warn_once("restore", f"could not restore the model's train step: "
                                           f"{error}")
            self._recorder = None

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

    # --- per step: no device sync, a few Python operations ------------------------------

    def _epoch_begin(self, epoch):
        if self._planned_steps is None and self._steps_per_epoch:
            epochs = (self.params or {}).get("epochs")
            if epochs:
                self._planned_steps = self._steps_per_epoch * max(epochs - epoch, 1)
        self._last_begin = None  # time between epochs (validation) is not training time

    def _schedule_diagnostic(self):
        """The step about to run gets a diagnostic, run after it (at the next batch or the
        epoch's end): keep the weights just before its update."""
        self._next_diagnostic = None  # set again once the diagnostic has run
        started = time.perf_counter()
        previous = None
        if self._steps_per_execution == 1 and self._find_variables():
            previous = _snapshot(self._variables)
        # The snapshot is part of the diagnostic's cost.
        self._pending = (previous, time.perf_counter() - started)

    def _schedule_next(self, step):
        """The first step after `step` that gets a diagnostic."""
        if self.diagnostics_every != "auto":
            every = self.diagnostics_every
            self._next_diagnostic = (step // every + 1) * every
        else:
            self._next_diagnostic = step + self._auto_interval(step)

    def _auto_interval(self, step):
        """Steps between diagnostics: at least MIN_DIAGNOSTICS_PER_RUN per run while they
        cost at most DIAGNOSTIC_TIME_CAP (or SMALL_RUN_DIAGNOSTIC_SECONDS in all), more while
        they cost under DIAGNOSTIC_TIME_BUDGET, at most MAX_DIAGNOSTICS_PER_RUN."""
        planned = self._planned_steps or max(step - self._base, 1) * 2
        interval = max(1, planned // MIN_DIAGNOSTICS_PER_RUN)
        measured = self._diagnostic_seconds[WARMUP_DIAGNOSTICS:]
        if measured and self._train_steps:
            step_seconds = max(self._train_seconds / self._train_steps, 1e-6)
            cost = float(np.median(measured))
            affordable = math.ceil(cost / (DIAGNOSTIC_TIME_BUDGET * step_seconds))
            capped = math.ceil(cost / (DIAGNOSTIC_TIME_CAP * step_seconds))
            if MIN_DIAGNOSTICS_PER_RUN * cost <= SMALL_RUN_DIAGNOSTIC_SECONDS:
                capped = 1
            interval = max(min(interval, affordable), capped)
        return max(interval, 1, planned // MAX_DIAGNOSTICS_PER_RUN)

    # --- the recorded loss and learning rate -------------------------------------------------

    def _flush(self):
        """Write the steps the recorder holds: every loss, the learning rates that matter."""
        first, rows = self._recorder.drain()
        if rows is None:
            return
        count = rows.shape[0]
        self._done = first + count
        # Keras calls back between steps, when every step launched has finished.
        self._launched = self._done
        if not count:
            return
        steps = self._base + first + 1 + np.arange(count, dtype=np.int64)
        self._step = int(steps[-1])
        if self._batch_size is None and rows[0, 2] > 0:
            self._batch_size = int(round(float(rows[0, 2])))
        rates = rows[:, 1]
        keep = np.isin(steps, list(self._diagnostic_steps))
        last = self._last_rate
        if last is not None and np.all(rates == last):
            # The usual case, a constant rate: only the diagnostic steps' rates are written.
            pass
        else:
            for i, rate in enumerate(rates):
                changed = last is None or (np.isnan(rate) != np.isnan(last)) or (
                    abs(rate - last) > LEARNING_RATE_CHANGE * abs(last))
                if changed or keep[i]:
                    keep[i] = True
                    last = rate
        self._last_rate = last
        self._diagnostic_steps = {s for s in self._diagnostic_steps if s > steps[-1]}
        if self._series_writer is None:
            self._series_writer = _series_writer(self._writer)
        self._series_writer(steps, rows[:, 0], steps[keep], rates[keep])

    # --- diagnostics -----------------------------------------------------------------------

    def _diagnose_if_pending(self):
        if self._pending is not None:
            self._diagnose()

    def _diagnose(self):
        started = time.perf_counter()
        (previous, snapshot_seconds), self._pending = self._pending, None
        done = self._launched if self._recorder.failed else self._recorder.steps_done()
        step = self._base + done
        self._diagnostic_steps.add(step)
        variables = self._find_variables(built=done > 0)
        step_tensor = tf.constant(step, tf.int64)
        weights_pending = bool(variables)
        if self._probe is not None and not self._probe_failed:
            # One compiled call writes the probe's statistics and the weights' together.
            if self._probe.write(step_tensor, weights_pending, previous):
                weights_pending = False
        if weights_pending:
            if self._weight_stats is None:
                self._weight_stats = _weight_stats_function(self._writer, variables,
                                                            self._groups, self._layer_names)
            if previous is not None:
                self._weight_stats(step_tensor, previous)
            else:
                self._weight_stats(step_tensor)
        self._write_config_once(step)
        self._diagnostic_seconds.append(time.perf_counter() - started + snapshot_seconds)
        self._schedule_next(step)

    def _write_config_once(self, step=None):
        # After the first diagnostic, so the config's notes include what the probe found.
        if self._config_written:
            return
        self._config_written = True
        if self._batch_size is None:
            self._batch_size = self._recorder.batch_size()
        config = model_config(self.model, batch_size=self._batch_size,
                              steps_per_epoch=self._steps_per_epoch, notes=self._notes)
        config["diagnostics_every"] = self.diagnostics_every
        config["probe"] = self._probe.description() if self._probe is not None else None
        with self._writer.as_default():
            summary.config(config, step=step or max(self._step, self._base + 1))

    def _epoch_end(self, epoch, logs):
        with self._writer.as_default():
            summary.epoch_metrics(logs, step=self._step, epoch=epoch)
        self._writer.flush()


def _is_chief(model):
    """Whether this process writes the run: True except on the non-chief workers of a
    multi-worker strategy (TensorFlow's rule: the "chief" task, or worker 0 when the cluster
    has no chief, as `tf.distribute` reports through `extended.should_save_summary`)."""
    strategy = getattr(model, "distribute_strategy", None) or tf.distribute.get_strategy()
    try:
        return bool(strategy.extended.should_save_summary)
    except Exception:  # strategies that do not say: every process is its own run
        return True


# What TensorFlow says when the summary writer itself failed (not the values written): the
# event file could not be flushed (full disk, I/O error, directory gone), or the writer's
# resource was closed under us. Matched on the message because the same error classes
# (ResourceExhaustedError, NotFoundError) also come from the model's own computations.
_WRITER_FAILURE = re.compile(
    r"events file|SummaryWriter|summary writer|No space left on device|Disk quota exceeded",
    re.IGNORECASE)


def _error_summary(error):
    """One line that says why a write failed (TF errors carry a traceback of the graph)."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    telling = [line for line in lines if _WRITER_FAILURE.search(line)
               and not line.startswith(("File ", "Detected at node"))]
    return f"{type(error).__name__}: {(telling or lines or [''])[0][:300]}"


def _loss_trackers(model):
    """Mean metrics that hold the training loss: Keras's own tracker first, then any metric
    named "loss" a custom train_step updates instead."""
    trackers = []
    for metric in [getattr(model, "_loss_tracker", None)] + list(getattr(model, "metrics", [])):
        if metric is None or any(metric is t for t in trackers):
            continue
        if getattr(metric, "name", None) == "loss" and hasattr(metric, "total") \
                and hasattr(metric, "count"):
            trackers.append(metric)
    return trackers


def _read(variable):
    return tf.cast(tf.convert_to_tensor(variable), tf.float32)


class _StepRecorder:
    """Records each step's loss, learning rate and example count inside the model's compiled
    train step, into a ring buffer the callback drains every STEP_BUFFER_STEPS steps.

    The batch loss is the change of the loss tracker's weighted sums over the step
    (`(total_after - total_before) / (count_after - count_before)`), i.e. exactly what
    Keras averages into the epoch loss, summed over replicas under tf.distribute. The
    learning rate is read before the update, so a schedule is evaluated where the optimizer
    evaluates it.
    """

    def __init__(self, callback, model, capacity):
        self.callback = callback
        self.model = model
        self.capacity = capacity
        self.trackers = _loss_trackers(model)
        self.drained = 0
        self.failed = False
        # Per replica: each replica updates its own copy without a cross-replica sync;
        # reading from the callback gives the first replica's, and every replica holds the
        # same values (the loss is all-reduced before it is stored).
        with model.distribute_strategy.scope():
            self.count = summary.local_variable(tf.constant(0, tf.int64), "plateau_steps")
            # Columns: learning rate, the loss the step returned, then per tracker the
            # change of its total and of its count. The loss is worked out from them when
            # drained, on the host: the fewer ops in the train step, the less it costs.
            self.width = 2 + 2 * len(self.trackers)
            self.rows = summary.local_variable(tf.zeros([capacity, self.width], tf.float32),
                                               "plateau_step_rows")
        # Outside tf.distribute the buffer is a plain variable and takes a one-row write; a
        # per-replica variable in a replica function only takes whole assigns.
        self.row_assign = not isinstance(self.rows, tf.distribute.DistributedValues)
        self.original = None
        self.had_instance_step = False

    def install(self):
        model = self.model
        current = model.__dict__.get("train_step")
        other = getattr(current, "_plateau_recorder", None)
        if other is not None:
            # The model's own step, and whether it was an instance attribute, are those the
            # first wrapper found; every wrapper restores them.
            self.root = current._plateau_original
            self.had_instance_step = current._plateau_had_instance
        else:
            self.root = model.train_step
            self.had_instance_step = current is not None
        if other is not None and other.callback is not self.callback and \
                other.callback._recorder is other:
            # Another PlateauCallback records in this fit: record around its step, so that
            # both see every step (two callbacks writing one run, or two runs).
            self.original = current
        else:
            # A wrapper of this callback left by a fit that ended with an exception is
            # replaced, not wrapped again.
            self.original = self.root

        def train_step(data):
            return self.train_step(data)

        train_step._plateau_original = self.root
        train_step._plateau_had_instance = self.had_instance_step
        train_step._plateau_recorder = self
        object.__setattr__(model, "train_step", train_step)
        model.make_train_function(force=True)

    def uninstall(self):
        model = self.model
        if getattr(model.__dict__.get("train_step"), "_plateau_original", None) is None:
            return
        # Every recorder of the fit is removed at once: all their callbacks end with the fit.
        if self.had_instance_step:
            object.__setattr__(model, "train_step", self.root)
        else:
            object.__delattr__(model, "train_step")
        # The next fit (with or without the callback) traces a train function without us.
        model.train_function = None

    # --- inside the compiled train step -------------------------------------------------------

    def train_step(self, data):
        before = None
        if not self.failed:
            try:
                before = self._before()
            except Exception as error:  # tracing our part must never stop training
                self._fail(error)
        logs = self.original(data)
        if before is not None:
            try:
                self._after(before, logs)
            except Exception as error:
                self._fail(error)
        return logs

    def _fail(self, error):
        self.failed = True
        self.callback._warn_once("loss", "the batch loss could not be recorded in the train "
                                         f"step and is not logged: {type(error).__name__}: "
                                         f"{error}")

    def _learning_rate(self):
        try:
            rate = self.model.optimizer.learning_rate
            return tf.reshape(tf.cast(tf.convert_to_tensor(rate), tf.float32), [])
        except Exception:
            return tf.constant(float("nan"), tf.float32)

    def _before(self):
        return self._learning_rate(), [(_read(t.total), _read(t.count)) for t in self.trackers]

    def _after(self, before, logs):
        rate, sums = before
        deltas = []
        for t, (total, count) in zip(self.trackers, sums):
            deltas += [_read(t.total) - total, _read(t.count) - count]
        context = tf.distribute.get_replica_context()
        if deltas and context is not None and context.num_replicas_in_sync > 1:
            # Metric sums are per replica (ON_READ); Keras adds them up to report the loss.
            deltas = context.all_reduce(tf.distribute.ReduceOp.SUM, deltas)
        reported = logs.get("loss") if isinstance(logs, dict) else None
        if reported is not None and tf.TensorShape(getattr(reported, "shape", None)).rank == 0:
            # Used when no loss tracker moved: a custom train_step returning its batch loss.
            reported = tf.cast(reported, tf.float32)
        else:
            reported = tf.constant(float("nan"), tf.float32)
        row = tf.stack([rate, reported] + list(deltas))
        slot = self.count.read_value() % self.capacity
        if self.row_assign:
            self.rows[slot].assign(row)
        else:
            self.rows.assign(tf.tensor_scatter_nd_update(
                self.rows.read_value(), tf.reshape(tf.cast(slot, tf.int32), [1, 1]),
                tf.reshape(row, [1, self.width])))
        self.count.assign_add(1)

    # --- from the callback ------------------------------------------------------------------

    def steps_done(self):
        return int(self.count.numpy())

    def batch_size(self):
        """Examples in the largest of this fit's first steps (the last may be short)."""
        done = 0 if self.failed else min(self.steps_done(), self.capacity)
        if not done:
            return None
        examples = float(np.max(self._decode(self.rows.numpy()[:done])[:, 2]))
        return int(round(examples)) if examples > 0 else None

    def _decode(self, raw):
        """Rows [n, 3] of loss, learning rate and examples from the recorded columns: the
        first tracker that moved gives the loss and the examples; else the returned loss."""
        n = raw.shape[0]
        loss = raw[:, 1].astype(np.float64)
        examples = np.zeros(n)
        settled = np.zeros(n, bool)
        for i in range(len(self.trackers)):
            total, count = raw[:, 2 + 2 * i].astype(np.float64), raw[:, 3 + 2 * i]
            moved = ~settled & (count > 0)
            loss[moved] = total[moved] / count[moved]
            examples[moved] = count[moved]
            settled |= moved
        return np.stack([loss, raw[:, 0], examples], axis=1).astype(np.float32)

    def drain(self):
        """(index of the first new step, rows [n, 3] of loss, learning rate, examples)
        recorded since the last drain."""
        if self.failed:
            return self.drained, None
        done = self.steps_done()
        first = max(self.drained, done - self.capacity)
        if first > self.drained:
            self.callback._warn_once("buffer", f"{first - self.drained} steps' losses were "
                                               "overwritten before they could be written")
        rows = self._decode(self.rows.numpy()[np.arange(first, done) % self.capacity])
        self.drained = done
        return first, rows


def _snapshot(variables):
    """Copies of the variables' current values (later updates do not change them)."""
    return [tf.identity(v.value if hasattr(v, "value") else v) for v in variables]


def _write_weight_stats(variables, groups, names, step, previous=None):
    """weight_norm and, given the values before the update, update_ratio, to the default
    writer (traced into the probe's compiled call, or into a function of its own)."""
    current = [tf.convert_to_tensor(v.value if hasattr(v, "value") else v) for v in variables]
    summary.write_signal(md.WEIGHT_NORM, signals.group_norms(current, groups), step,
                         names=names)
    if previous is not None:
        summary.write_signal(md.UPDATE_RATIO, signals.update_ratios(current, previous, groups),
                             step, names=names)


def _weight_stats_function(writer, variables, groups, names):
    """A compiled writer of the weight statistics alone (when there is no probe)."""

    @tf.function
    def weight_stats(step, previous=None):
        with writer.as_default():
            _write_weight_stats(variables, groups, names, step, previous)
        return tf.constant(True)

    return weight_stats


def _series_writer(writer):
    """A compiled writer of drained per-step losses (one loss_block) and of the learning
    rates to keep: one call per drain instead of eager summary ops per step."""

    @tf.function(input_signature=[tf.TensorSpec([None], tf.int64),
                                  tf.TensorSpec([None], tf.float32),
                                  tf.TensorSpec([None], tf.int64),
                                  tf.TensorSpec([None], tf.float32)])
    def write(steps, losses, rate_steps, rates):
        with writer.as_default():
            summary.loss_block(steps, losses)
            for i in tf.range(tf.shape(rate_steps)[0]):
                summary.write_signal(md.LEARNING_RATE, rates[i], rate_steps[i])
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
        self._function = None  # compiled measure-and-write, bound to a writer
        self._writer = None
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
        self.callback._warn_once("taps", reason + "; activation statistics are not logged")
        self.callback._note(reason + "; activation statistics are not logged")
        self.output_count = None
        return None

    def _untapped(self, layers):
        text = f"activation statistics are not logged for {layers}"
        self.callback._warn_once("taps", text)
        self.callback._note(text)

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

    def bind(self, writer):
        """Write to `writer` from now on (each fit may have its own)."""
        if writer is not self._writer:
            self._writer, self._function = writer, None

    def _measure_and_write(self, step, x, y, previous=None, with_weights=False):
        # One compiled call per diagnostic: the statistics never leave the device as numpy,
        # and the ~10 summaries are written by the graph, not by eager ops.
        result = self._measure(x, y)
        callback = self.callback
        with self._writer.as_default():
            if with_weights:
                _write_weight_stats(callback._variables, callback._groups,
                                    callback._layer_names, step, previous)
            if "grad_norm" in result:
                summary.write_signal(md.GRAD_NORM, result["grad_norm"], step,
                                     names=callback._layer_names)
                summary.write_signal(md.GRAD_GLOBAL_NORM, result["grad_global_norm"], step)
                summary.write_signal(md.GRAD_NONFINITE, result["grad_nonfinite"], step)
            if self.taps:
                summary.write_signal(md.ACTIVATION, result["activation"], step,
                                     names=[n for n, _ in self.taps],
                                     columns=md.ACTIVATION_COLUMNS,
                                     extra={"activations": [a for _, a in self.taps]})
            summary.write_signal(md.PREDICTIONS, result["predictions"], step,
                                 columns=md.PREDICTION_COLUMNS)
            # The probe's inputs and targets never change: their statistics are computed
            # once and written again at every diagnostic step so each diagnostic is complete.
            for signal, value, names, columns, extra in self._data:
                summary.write_signal(signal, tf.constant(value), step, names=names,
                                     columns=columns, extra=extra)
        return tf.constant(True)

    def write(self, step, with_weights=False, previous=None):
        """Run the probe and write what it measures, and with `with_weights` the weight
        statistics (update ratios against `previous`); True when all of it was written."""
        model = self.model
        # compute_loss may update loss/metric trackers (multi-output models, user overrides);
        # restore them so the probe does not leak into the metrics Keras reports.
        saved = [(v, v.numpy()) for v in model.metrics_variables] if self._may_touch_metrics \
            else []
        try:
            if self._data is None:
                self._data = self._data_signals()
            if self._function is None:
                self._function = tf.function(self._measure_and_write)
            self._function(step, self.x, self.y, previous, with_weights)
            return True
        except Exception as error:
            if self.callback._stop_if_writer_failed(error):
                return True  # nothing more can be written this fit
            if self.taps and self._without_taps(error, step, previous, with_weights):
                return True
            self.callback._probe_failed = True
            self.callback._warn_once(
                "probe", "probe_data could not be run through the model, so gradients, "
                         f"activations and predictions are not logged: {type(error).__name__}: "
                         f"{str(error)[:500]}")
            self.callback._note("probe_data could not be used: " + str(error)[:200])
            return False
        finally:
            for variable, value in saved:
                variable.assign(value)

    def _without_taps(self, error, step, previous=None, with_weights=False):
        """Run the probe again without the layer taps: a tapped output the statistics cannot
        handle must cost the activations only, not the gradients too. True if that worked."""
        taps = ", ".join(name for name, _ in self.taps)
        self.taps, self.tap_model, self.output_count = [], None, None
        self._function = tf.function(self._measure_and_write)
        try:
            self._function(step, self.x, self.y, previous, with_weights)
        except Exception:
            return False  # not the taps: the probe itself cannot run
        self._untapped(f"{taps} (tapping them failed: {type(error).__name__}: "
                       f"{str(error)[:200]})")
        return True

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
