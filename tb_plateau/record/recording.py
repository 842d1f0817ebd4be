"""How `PlateauCallback` records, on every Keras backend.

- Each step's loss and learning rate: recorded by the train step itself into a buffer on the
  device, read in one transfer every STEP_BUFFER_STEPS steps (on TensorFlow by
  `step_recorder.StepRecorder` in the compiled step, tf.distribute aware; on JAX by the
  jitted step here; on PyTorch by a recording `train_step`).
- The probe diagnostics: the model run on `probe_data` with the backend's own autodiff (an
  eager GradientTape on TensorFlow, one jitted `jax.value_and_grad` on JAX,
  `torch.autograd.grad` on PyTorch), the statistics computed on the host by `np_signals`.
  Nothing is traced per fit on TensorFlow, so short and repeated fits pay no tracing.
- Writes: `event_writer.SignalWriter`, through TensorFlow's own summary writer on
  TensorFlow and TensorBoard's record writer elsewhere (no TensorFlow import).

Run and tested on TensorFlow, JAX and PyTorch (tests/test_torch_backend.py, with torch's
CPU build).
"""

import logging
import shutil
import tempfile
import time

import keras
import numpy as np

from tb_plateau.record import cadence
from tb_plateau.record.clock import FitClock
from tb_plateau.record.event_writer import EventWriter, SignalWriter, read_events
from tb_plateau.record.live import StallWatch
from tb_plateau.record.mirror import RunMirror
from tb_plateau.record.model_config import fit_weights, model_config
from tb_plateau.record.np_signals import to_numpy
from tb_plateau.record.probe import Probe
from tb_plateau.record.probe import backend as _backend
from tb_plateau.record.step_rows import (STEP_BUFFER_STEPS, decode_rows,
                                         learning_rates_to_write, loss_trackers)
from tb_plateau.record.writer import (WarnOnce, error_summary, is_chief, last_logged_step,
                                      open_writer, writer_broken)

log = logging.getLogger("tb_plateau")

def _summary_writer_events(writer):
    from tb_plateau.record._tf_utils import SummaryWriterEvents

    return SummaryWriterEvents(writer)


def _nan():
    return keras.ops.convert_to_tensor(float("nan"), dtype="float32")


def _scalar(value):
    """A float32 scalar tensor of `value` (a number, tensor or variable)."""
    return keras.ops.reshape(keras.ops.cast(keras.ops.convert_to_tensor(value), "float32"), [])


def _rank(value):
    shape = getattr(value, "shape", None)
    return None if shape is None else len(shape)


def _learning_rate(optimizer):
    """The optimizer's learning rate now (a schedule evaluated at its iterations), or NaN."""
    try:
        return _scalar(optimizer.learning_rate)
    except Exception:
        return _nan()


def _reported(logs):
    """The scalar `loss` a train step returned, or NaN. Used when no loss tracker moved: a
    custom train_step returning its batch loss."""
    reported = logs.get("loss") if isinstance(logs, dict) else None
    if reported is not None and _rank(reported) == 0:
        return _scalar(reported)
    return _nan()


def host_copies(variables):
    """Numpy copies of Keras variables' values (one bulk transfer on JAX); later in-place
    updates or donated buffers do not change them."""
    if _backend() == "jax":
        import jax

        values = jax.device_get([v.value for v in variables])
    elif _backend() == "tensorflow":
        values = [v.numpy() for v in variables]
    else:
        values = [to_numpy(v) for v in variables]
    return [np.array(v, copy=True) for v in values]


def sync_state(model):
    """Put the training state back on the model's variables. Within an epoch JAX's `fit`
    keeps the state out of the variables; this is what `Callback.model` does on every
    access, done here only where the state is read. Elsewhere the variables are the state."""
    sync = getattr(model, "jax_state_sync", None)
    if sync is not None:
        sync()


def _keyed_or_flat(x):
    """A model's inputs as the inputs signal labels them: a dict of arrays kept as it is (its
    features are labelled by key, as docs/format.md says, whatever order the model takes
    them in), anything else flattened (a list's features are labelled by position)."""
    if isinstance(x, dict) and not any(isinstance(v, (dict, list, tuple)) for v in x.values()):
        return x
    return keras.tree.flatten(x)


# --- the per-step rows ----------------------------------------------------------------------

class _Recorder:
    """What both step recorders share: each step's row (learning rate, returned loss, per
    loss tracker the change of its total and count; step_rows.py decodes them) stays on the
    device until `drain` reads the rows not yet written, in one transfer."""

    def __init__(self, model, owner, warn, capacity=STEP_BUFFER_STEPS):
        self.model = model
        self.owner = owner
        self.warn = warn
        self.trackers = loss_trackers(model)
        self.capacity = capacity
        self.drained = 0
        self.failed = False
        self.active = False

    def _fail(self, error):
        if not self.failed:
            self.failed = True
            self.warn("loss", "the batch loss could not be recorded in the train step and is "
                              f"not logged: {type(error).__name__}: {error}")

    def steps_done(self):
        raise NotImplementedError

    def _rows(self, first, done):
        """Raw rows [done - first, width] of steps first..done-1 (0-based in this fit)."""
        raise NotImplementedError

    def drain(self):
        """(index of the first new step, rows [n, 3] of loss, learning rate, examples)."""
        if self.failed:
            return self.drained, None
        done = self.steps_done()
        first = max(self.drained, done - self.capacity)
        if first > self.drained:
            self.warn("buffer", f"{first - self.drained} steps' losses were overwritten "
                                "before they could be written")
        raw = self._rows(first, done)
        self._forget(done)
        self.drained = done
        return first, decode_rows(raw, len(self.trackers))

    def _forget(self, done):
        """The rows up to `done` are written: nothing need keep them."""

    def batch_size(self):
        """Examples in the largest of the first steps not yet drained (the last may be short)."""
        done = self.steps_done()
        if self.failed or done <= self.drained:
            return None
        rows = decode_rows(self._rows(self.drained, min(done, self.drained + 8)),
                           len(self.trackers))
        examples = float(np.max(rows[:, 2]))
        return int(round(examples)) if examples > 0 else None


class _DeviceRows:
    """The ring buffer a compiled train step writes its row into: `rows` [capacity, width]
    and the next `slot` live on the device (passed in and returned, donated, at every
    step); `count` is the host's count of the steps that wrote one."""

    def __init__(self, capacity, width):
        self.rows = keras.ops.zeros((capacity, width), "float32")
        self.slot = keras.ops.convert_to_tensor(0, "int32")
        self.count = 0
        self.problem = None  # why our part of the step could not be traced, if it could not


class FunctionalStepRecorder(_Recorder):
    """JAX: the train step is a pure function `(state, data) -> (logs, state)`. The
    recording step also takes and returns the ring buffer of rows (_DeviceRows) and writes
    this step's row into it: the learning rate evaluated as the optimizer evaluates it (in
    a StatelessScope over the optimizer's variables of the state), and the change of each
    loss tracker's total and count between the metrics variables going in and coming out.
    It is compiled as Keras compiles the step (and kept on the model, so the next fit does
    not compile it again); a thin Python wrapper around it keeps the buffer and returns
    Keras's `(logs, state)`, so every step is recorded also with steps_per_execution > 1.
    Nothing is read from the device per step; `drain` reads the buffer once per
    STEP_BUFFER_STEPS steps. Two callbacks in one fit share one wrapper and buffer.
    `uninstall` puts back the train function Keras made."""

    def install(self):
        model = self.model
        current = getattr(model, "train_function", None)
        shared = getattr(current, "_plateau_recorders", None)
        if shared is not None and any(r.active and r.owner is not self.owner for r in shared):
            shared[:] = [r for r in shared if r.active and r.owner is not self.owner]
            shared.append(self)
            self.buffer = current._plateau_buffer
            self.capacity = min(self.capacity, len(self.buffer.rows))
            self.drained = self.buffer.count
            self.active = True
            return
        # A wrapper left by a fit that ended with an exception is replaced, not wrapped.
        original = getattr(current, "_plateau_original", current)
        indices = self._indices()
        self.buffer = _DeviceRows(self.capacity, 2 + 2 * len(indices))
        model.train_function = self._train_function([self], original, indices)
        self.active = True

    def uninstall(self):
        self.active = False
        model = self.model
        current = getattr(model, "train_function", None)
        shared = getattr(current, "_plateau_recorders", None)
        if shared is not None and not any(r.active for r in shared):
            model.train_function = current._plateau_original

    def steps_done(self):
        return self.buffer.count

    def _rows(self, first, done):
        rows = np.asarray(keras.ops.convert_to_numpy(self.buffer.rows), np.float32)
        return rows[np.arange(first, done) % len(rows)]

    def _indices(self):
        """Positions of each tracker's total and count in the state's metrics variables."""
        position = {id(v): i for i, v in enumerate(self.model.metrics_variables)}
        self.trackers = [t for t in self.trackers
                         if id(t.total) in position and id(t.count) in position]
        return [(position[id(t.total)], position[id(t.count)]) for t in self.trackers]

    def _train_function(self, recorders, original, indices):
        model = self.model
        buffer = self.buffer
        compiled = self._compiled_step(indices)

        fallback = []  # the model's own step, if ours cannot be compiled

        def step(state, data):
            if fallback:
                return fallback[0](state, data)
            try:
                logs, state, buffer.rows, buffer.slot, wrote = compiled(
                    state, data, buffer.rows, buffer.slot)
            except Exception as error:
                if buffer.count:
                    raise  # it ran before: an error of the training itself
                # Ours could not be compiled (nothing ran): train without recording.
                for recorder in recorders:
                    recorder._fail(error)
                fallback.append(self._compile_plain())
                return fallback[0](state, data)
            if wrote:
                buffer.count += 1
            else:
                for recorder in recorders:
                    recorder._fail(buffer.problem or compiled.problem or TypeError(
                        "the train step returned no dict of logs"))
            return logs, state

        make_function = getattr(model, "_make_function", None)
        function = make_function(step) if make_function is not None else \
            _iterator_step(step, model.steps_per_execution)
        function._plateau_recorders = recorders
        function._plateau_original = original
        function._plateau_buffer = buffer
        return function

    def _compiled_step(self, indices):
        """The compiled recording step, made once per model, train step, optimizer, metrics,
        buffer size and compile settings (kept on the model across fits and callbacks)."""
        model = self.model
        key = (getattr(model.train_step, "__func__", model.train_step), id(model.optimizer),
               tuple(indices), tuple(id(v) for v in model.metrics_variables), self.capacity,
               bool(model.run_eagerly), bool(model.jit_compile),
               keras.distribution.distribution() is not None)
        cached = model.__dict__.get("_tb_plateau_step")
        if cached is not None and cached[0] == key:
            return cached[1]
        compiled = self._compile(_recording_step(model, indices))
        object.__setattr__(model, "_tb_plateau_step", (key, compiled))
        return compiled

    def _compile_plain(self):
        """The model's own train step, compiled as Keras compiles it."""
        model = self.model
        if model.run_eagerly or not model.jit_compile:
            return model.train_step
        import jax

        return jax.jit(model.train_step, donate_argnums=0)

    def _compile(self, step):
        """`step` compiled as Keras's JAX trainer compiles its train step (make_train_function:
        jit with the state donated, the state's shardings under a keras.distribution), the
        row buffer donated too. Returns `call(state, data, rows, slot) -> (logs, state,
        rows, slot, wrote)`, `wrote` a Python bool known from tracing."""
        model = self.model
        report = {"wrote": None, "problem": None}

        def traced(state, data, rows, slot):
            logs, state, rows, slot, wrote, problem = step(state, data, rows, slot)
            report["wrote"], report["problem"] = wrote, problem
            return logs, state, rows, slot

        if model.run_eagerly or not model.jit_compile:
            compiled = traced
        else:
            import jax

            out_shardings = None
            if keras.distribution.distribution() is not None and \
                    hasattr(model, "_get_state_sharding_spec"):
                out_shardings = (None, model._get_state_sharding_spec(), None, None)
            compiled = jax.jit(traced, donate_argnums=(0, 2, 3), out_shardings=out_shardings)

        def call(state, data, rows, slot):
            logs, state, rows, slot = compiled(state, data, rows, slot)
            call.problem = report["problem"]
            return logs, state, rows, slot, bool(report["wrote"])

        call.problem = None
        return call


def _recording_step(model, indices):
    """The model's train step, also writing the row into the buffer (see
    FunctionalStepRecorder): `(state, data, rows, slot) -> (logs, state, rows, slot, wrote,
    problem)`. If our part cannot be traced, the step is the model's own, `wrote` False and
    `problem` the error."""
    train_step = model.train_step  # the model's own (a subclass's override included)
    optimizer = model.optimizer
    ops = keras.ops

    def recording_step(state, data, rows, slot):
        before, problem = None, None
        try:
            optimizer_variables, metrics_before = state[2], state[3]
            with keras.StatelessScope(state_mapping=list(zip(optimizer.variables,
                                                             optimizer_variables))):
                rate = _learning_rate(optimizer)
            before = [(ops.cast(metrics_before[t], "float32"),
                       ops.cast(metrics_before[c], "float32")) for t, c in indices]
        except Exception as error:  # tracing our part must never stop training
            problem = error
        logs, new_state = train_step(state, data)
        if before is None or not isinstance(logs, dict):
            return logs, new_state, rows, slot, False, problem
        try:
            metrics_after = new_state[3]
            columns = [rate, _reported(logs)]
            for (t, c), (total, count) in zip(indices, before):
                columns += [ops.cast(metrics_after[t], "float32") - total,
                            ops.cast(metrics_after[c], "float32") - count]
            row = ops.reshape(ops.stack(columns), (1, -1))
            rows = ops.slice_update(rows, (slot % rows.shape[0], 0), row)
            return logs, new_state, rows, slot + 1, True, None
        except Exception as error:
            return logs, new_state, rows, slot, False, error

    return recording_step


def _iterator_step(step, steps_per_execution):
    """Keras's loop over the steps of one execution (its `_make_function`), for a Keras
    without that method."""

    def iterator_step(state, iterator):
        logs, state = step(state, next(iterator))
        try:
            for _ in range(steps_per_execution - 1):
                logs, state = step(state, next(iterator))
        except StopIteration:
            pass
        return logs, state

    return iterator_step


class StatefulStepRecorder(_Recorder):
    """PyTorch (and other backends whose train step updates the variables in place): the
    model's `train_step(data)` is wrapped (an instance attribute, as on TensorFlow) to read
    the learning rate and the trackers before the step and the trackers after it, into a
    row kept on the device."""

    def __init__(self, model, owner, warn, capacity=STEP_BUFFER_STEPS):
        super().__init__(model, owner, warn, capacity)
        self.pending = []  # device rows of the steps not yet drained

    def steps_done(self):
        return self.drained + len(self.pending)

    def _rows(self, first, done):
        rows = self.pending[first - self.drained:done - self.drained]
        return np.asarray(keras.ops.convert_to_numpy(keras.ops.stack(rows)), np.float32) \
            if rows else np.zeros([0, 2 + 2 * len(self.trackers)], np.float32)

    def _forget(self, done):
        self.pending = self.pending[done - self.drained:]

    def install(self):
        model = self.model
        current = model.__dict__.get("train_step")
        other = getattr(current, "_plateau_recorder", None)
        if other is not None:
            # The model's own step, and whether it was an instance attribute, are those the
            # first wrapper found; every wrapper restores them.
            self.root, self.had_instance_step = current._plateau_root, other.had_instance_step
        else:
            self.root, self.had_instance_step = model.train_step, current is not None
        # Another callback recording in this fit: record around its step, both see every
        # step. A wrapper left by a fit that ended with an exception is replaced.
        self.original = current if (other is not None and other.active and
                                    other.owner is not self.owner) else self.root

        def train_step(data):
            return self.train_step(data)

        train_step._plateau_root = self.root
        train_step._plateau_recorder = self
        object.__setattr__(model, "train_step", train_step)
        self.active = True
        model.make_train_function(force=True)

    def uninstall(self):
        self.active = False
        model = self.model
        if getattr(model.__dict__.get("train_step"), "_plateau_root", None) is None:
            return
        if self.had_instance_step:
            object.__setattr__(model, "train_step", self.root)
        else:
            object.__delattr__(model, "train_step")
        model.train_function = None

    def train_step(self, data):
        ops = keras.ops
        before = None
        if not self.failed:
            try:
                # Copies: the variables are updated in place by the step.
                before = (ops.copy(_learning_rate(self.model.optimizer)),
                          [(ops.copy(_scalar(t.total)), ops.copy(_scalar(t.count)))
                           for t in self.trackers])
            except Exception as error:
                self._fail(error)
        logs = self.original(data)
        if before is not None:
            try:
                rate, sums = before
                columns = [rate, _reported(logs)]
                for t, (total, count) in zip(self.trackers, sums):
                    columns += [_scalar(t.total) - total, _scalar(t.count) - count]
                self.pending.append(ops.stack(columns))
            except Exception as error:
                self._fail(error)
        return logs


def step_recorder(model, owner, warn, capacity):
    if _backend() == "tensorflow":
        # In the compiled train step, into a device buffer; tf.distribute aware.
        from tb_plateau.record.step_recorder import StepRecorder

        return StepRecorder.for_model(model, capacity, owner=owner, warn=warn)
    if _backend() == "jax":
        return FunctionalStepRecorder(model, owner, warn, capacity)
    return StatefulStepRecorder(model, owner, warn, capacity)


# --- the recording ----------------------------------------------------------------------------

def _is_chief(model):
    """Whether this process writes the run: on TensorFlow, tf.distribute's rule
    (writer.is_chief); process 0 of a multi-process JAX or PyTorch training (not run here
    with several processes)."""
    try:
        if _backend() == "tensorflow":
            return is_chief(model)
        if _backend() == "jax":
            import jax

            return jax.process_index() == 0
        if _backend() == "torch":
            import torch.distributed as dist

            return not (dist.is_available() and dist.is_initialized()) or dist.get_rank() == 0
    except Exception:
        pass
    return True


class Recording:
    """PlateauCallback's work (see its docstring), on any Keras backend. It lives as long as
    its callback, so what it keeps (the last step, the probe, the live check's mirror)
    carries over between `fit()` calls."""

    def __init__(self, callback):
        self.callback = callback
        self.log_dir = callback.log_dir
        self.probe_data = callback.probe_data
        self.diagnostics_every = callback.diagnostics_every
        self.probe_size = callback.probe_size
        self.on_stall = callback.on_stall
        self._shared_writer = callback._shared_writer
        self.model = None  # held from on_train_begin (Callback.model syncs JAX state each time)
        self._writer = None
        self._signals = None
        self._step = None  # last step written; survives between fit() calls
        self._warn_once = WarnOnce()
        self._notes = []
        self._constant_fit_done = False
        self._probe = None
        self._config_written = False
        self._disabled = set()
        self._recorder = None
        self._clock = None
        self._scratch_dir = None
        self._mirror = None if self.on_stall is None else RunMirror()
        self._watch = None
        self._train_seconds_before = 0.0

    @property
    def params(self):
        return self.callback.params

    # --- failure policy: logging never crashes training --------------------------------

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
        writer = self._writer
        if writer is None:
            return True
        if not writer_broken(writer, error):
            return False
        self._warn_once("writer", f"cannot write to the run's event files any more "
                                  f"({error_summary(error)}); nothing more is logged in this "
                                  "fit, training goes on")
        if self._shared_writer is None:
            try:
                writer.close()
            except Exception:
                pass
        self._writer = None
        return True

    def _open_writer(self, log_dir):
        if _backend() == "tensorflow":
            # TensorFlow's own writer (its file systems, one file per run as before).
            writer = open_writer(log_dir, self._warn_once)
            return None if writer is None else _summary_writer_events(writer)
        try:
            return EventWriter(log_dir)
        except Exception as error:  # an unwritable run directory must not stop training
            self._warn_once("log_dir", f"cannot write to log_dir {log_dir!r} "
                                       f"({type(error).__name__}: "
                                       f"{str(error).splitlines()[0][:300]}); nothing will be "
                                       "logged")
            return None

    # --- Keras hooks ----------------------------------------------------------------------

    def on_train_begin(self, logs=None):
        self.model = self.callback.model
        self._disabled = set()
        self._scratch_dir = None
        self._constant_fit_done = False
        if self._shared_writer is not None:
            if hasattr(self._shared_writer, "add_event"):
                self._writer = self._shared_writer
            elif _backend() == "tensorflow":  # a tf.summary writer
                self._writer = _summary_writer_events(self._shared_writer)
            else:
                self._warn_once("writer", f"on the {_backend()} backend `writer` must be an "
                                          "event file writer with add_event() (e.g. "
                                          "tensorboard's EventFileWriter); nothing is logged")
                self._writer = None
        elif _is_chief(self.model):
            self._writer = self._open_writer(self.log_dir)
        else:
            self._scratch_dir = tempfile.mkdtemp(prefix="tb_plateau_worker_")
            log.info("tb_plateau: not the chief process; the run is written by process 0, "
                     "this one writes to %s (removed after fit)", self._scratch_dir)
            self._writer = self._open_writer(self._scratch_dir)
        if self._writer is None:
            return
        self._signals = SignalWriter(self._writer, self._mirror)
        self._guarded("setup", self._setup)
        if "setup" in self._disabled:
            self._restore_train_step()
            self._writer = None

    def on_epoch_begin(self, epoch, logs=None):
        self._guarded("cadence", self._epoch_begin, epoch)

    def on_train_batch_begin(self, batch, logs=None):
        # Called before each step (or execution of steps_per_execution steps): every step
        # launched so far has returned its row (its values may still be computing).
        if self._writer is None:
            return
        started = self._clock.batch_hook_starts(self._steps_per_execution,
                                                self._launched > self._steps_per_execution)
        if self._pending is not None:
            self._guarded("diagnostics", self._diagnose)
        if self._launched - self._recorder.drained + self._steps_per_execution > \
                self._recorder.capacity:
            self._guarded("loss", self._flush)
            self._guarded("live check", self._live_check)
        self._launched += self._steps_per_execution
        if self._next_diagnostic is not None and \
                self._base + self._launched >= self._next_diagnostic:
            self._guarded("diagnostics", self._schedule_diagnostic)
        self._clock.batch_hook_ends(started)

    def on_epoch_end(self, epoch, logs=None):
        started = time.perf_counter()
        self._guarded("diagnostics", self._diagnose_if_pending)
        self._guarded("loss", self._flush)
        self._guarded("config", self._write_config_once)
        self._guarded("epoch metrics", self._epoch_end, epoch, logs or {})
        self._guarded("live check", self._live_check)
        if self._writer is not None:
            self._clock.hook_ends(started)

    def on_train_end(self, logs=None):
        self._guarded("diagnostics", self._diagnose_if_pending)
        self._guarded("loss", self._flush)
        self._guarded("config", self._write_config_once)
        self._guarded("live check", self._live_check, True)
        if self._clock is not None:
            self._train_seconds_before += self._clock.train_seconds
        self._restore_train_step()
        if self._writer is not None:
            try:
                self._writer.flush()
                if self._shared_writer is None:
                    self._writer.close()
            except Exception as error:
                self._warn_once("writer", f"could not write the last events to the run's event "
                                          f"files ({error_summary(error)})")
        self._writer = None
        if self._scratch_dir:
            shutil.rmtree(self._scratch_dir, ignore_errors=True)
            self._scratch_dir = None

    # --- setup ----------------------------------------------------------------------------

    def _setup(self):
        model = self.model
        self._fit_start_iterations = int(to_numpy(model.optimizer.iterations))
        previous = self._step
        if previous is None and self.log_dir is not None and self._shared_writer is None \
                and self._scratch_dir is None:
            previous = last_logged_step(self.log_dir, read_events=read_events)
        self._base = max(self._fit_start_iterations, previous or 0)
        self._step = self._base
        self._steps_per_execution = int(getattr(model, "steps_per_execution", 1) or 1)
        self._steps_per_epoch = (self.params or {}).get("steps")
        self._fit_weights = fit_weights(model)
        self._planned_steps = None
        self._variables = None
        self._find_variables()
        self._launched = 0
        self._pending = None
        self._next_diagnostic = self._base + 1
        self._diagnostic_steps = set()
        self._clock = FitClock()
        self._last_rate = None
        self._batch_size = None
        if self._steps_per_execution > 1:
            self._note(f"steps_per_execution={self._steps_per_execution}: update_ratio is "
                       "not logged")
        if self._probe is None and self.probe_data is not None:
            self._probe = Probe(model, self.probe_data, self.probe_size,
                                        warn=self._warn_once, note=self._note)
        elif self.probe_data is None:
            self._warn_once("no probe", "no probe_data given: gradients, activations and "
                                        "predictions are not logged")
            self._note("no probe_data: gradient, activation, input/target and prediction "
                       "statistics are not logged")
        self._config_written = False
        # fit() made its train function before calling us; make it again around our step.
        self._recorder = step_recorder(model, owner=self, warn=self._warn_once,
                                       capacity=max(STEP_BUFFER_STEPS,
                                                    4 * self._steps_per_execution))
        self._recorder.install()
        if self._mirror is not None and self._watch is None:
            self._watch = StallWatch(self.on_stall, self._mirror, self._record_alert,
                                     self._warn_once, speak=self._scratch_dir is None)

    def _restore_train_step(self):
        if self._recorder is not None:
            try:
                self._recorder.uninstall()
            except Exception as error:
                self._warn_once("restore", f"could not restore the model's train step: "
                                           f"{error}")
            self._recorder = None

    def _find_variables(self, built=False):
        if self._variables:
            return self._variables
        variables = list(self.model.trainable_variables)
        if variables or built:
            self._variables = variables
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
        if self._planned_steps is None:
            self._planned_steps = cadence.planned_steps(
                self._steps_per_epoch, (self.params or {}).get("epochs"), epoch)
        self._clock.pause()

    def _schedule_diagnostic(self):
        """The step about to run gets a diagnostic, run after it: keep (a device copy of)
        the weights just before its update."""
        self._next_diagnostic = None
        started = time.perf_counter()
        previous = None
        if self._steps_per_execution == 1 and self._find_variables():
            sync_state(self.model)
            previous = host_copies(self._variables)
        self._pending = (previous, time.perf_counter() - started)

    # --- the recorded loss and learning rate -------------------------------------------------

    def _flush(self):
        first, rows = self._recorder.drain()
        if rows is None:
            return
        count = rows.shape[0]
        self._launched = first + count
        if not count:
            return
        steps = self._base + first + 1 + np.arange(count, dtype=np.int64)
        self._step = int(steps[-1])
        if self._batch_size is None and rows[0, 2] > 0:
            self._batch_size = int(round(float(rows[0, 2])))
        rates = rows[:, 1]
        keep, self._last_rate = learning_rates_to_write(steps, rates, self._last_rate,
                                                        self._diagnostic_steps)
        self._diagnostic_steps = {s for s in self._diagnostic_steps if s > steps[-1]}
        self._signals.loss_block(steps, rows[:, 0])
        for step, rate in zip(steps[keep], rates[keep]):
            self._signals.learning_rate(step, rate)

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
        sync_state(self.model)
        with self._signals.one_event_per_step():
            if self._probe is not None and not self._probe.failed:
                measured = self._probe.measure()
                if measured is not None:
                    self._write_probe(step, *measured)
            if variables:
                self._signals.weights(step, host_copies(variables), variables,
                                      previous)
            self._write_config_once(step)
        seconds = time.perf_counter() - started + snapshot_seconds
        if self._probe is not None and self._probe.cost_changed:
            # The cadence starts over: the next diagnostic traces (a warm-up whose cost is
            # spent, not typical), the ones after it cost what compiled diagnostics cost; the
            # run's allowance keeps what the diagnostics so far have spent.
            self._probe.cost_changed = False
            self._clock.diagnostics_spent_before += sum(self._clock.diagnostic_seconds) + seconds
            self._clock.diagnostics_done_before += len(self._clock.diagnostic_seconds) + 1
            self._clock.diagnostic_seconds.clear()
        else:
            self._clock.diagnostic_seconds.append(seconds)
        self._next_diagnostic = cadence.next_diagnostic(
            step, self.diagnostics_every, first_step=self._base, planned=self._planned_steps,
            diagnostic_seconds=self._clock.diagnostic_seconds,
            train_seconds=self._clock.train_seconds, train_steps=self._clock.train_steps,
            spent_before=self._clock.diagnostics_spent_before,
            done_before=self._clock.diagnostics_done_before)
        if self._probe is not None and self.diagnostics_every == "auto":
            self._probe.compile_pays = cadence.compile_pays(
                self._planned_steps, self._clock.diagnostic_seconds,
                self._clock.train_seconds, self._clock.train_steps,
                self._clock.diagnostics_spent_before)
        elif self._probe is not None:
            self._probe.compile_pays = True

    def _write_probe(self, step, predictions, tapped, gradients):
        probe, signals = self._probe, self._signals
        if gradients is not None and self._variables:
            signals.gradients(step, gradients, self._variables)
        if probe.taps:
            signals.activations(step, tapped, [a for _, a in probe.taps],
                                [n for n, _ in probe.taps])
        first = keras.tree.flatten(predictions)[0]
        signals.predictions(step, first)
        if probe.last_loss is not None:
            signals.probe_loss(step, probe.last_loss)
        if not self._constant_fit_done:
            # Once per fit: the probe, the loss and the output layer do not change within it.
            self._constant_fit_done = True
            try:
                fit = probe.constant_fit()
            except Exception as error:
                fit = None
                self._note("constant outputs could not be scored: %s" % str(error)[:200])
            if fit is not None:
                signals.constant_fit(step, fit)
            try:
                reference = probe.reference_fit()
            except Exception as error:
                reference = None
                self._note("the nearest-neighbour reference could not be scored: %s"
                           % str(error)[:200])
            if reference is not None:
                signals.reference_fit(step, reference)
        # The probe's inputs and targets never change: written again at every diagnostic so
        # each is complete, their statistics computed once.
        signals.inputs(step, _keyed_or_flat(probe.x), source="probe", cache_key=probe)
        if probe.y is not None:
            shape = probe.prediction_shape(first)
            signals.targets(step, keras.tree.flatten(probe.y)[0],
                            predictions_shape=shape, source="probe", cache_key=probe)
            sample = probe.target_sample
            if sample is not None:
                # Every target probe_data holds, for the constant-prediction baseline.
                signals.targets(step, sample, predictions_shape=None if shape is None else
                                (len(sample),) + tuple(shape[1:]), source="probe_data",
                                cache_key=probe, sample=True)

    def _write_config_once(self, step=None):
        if self._config_written:
            return
        self._config_written = True
        if self._batch_size is None:
            self._batch_size = self._recorder.batch_size()
        config = model_config(self.model, batch_size=self._batch_size,
                              steps_per_epoch=self._steps_per_epoch, notes=self._notes)
        config["diagnostics_every"] = self.diagnostics_every
        if getattr(self, "_fit_weights", None) is not None:
            config["fit_weights"] = self._fit_weights
        config["probe"] = self._probe.description() if self._probe is not None else None
        self._signals.config(step or max(self._step, self._base + 1), config)

    def _epoch_end(self, epoch, logs):
        self._signals.epoch_metrics(self._step, logs, epoch=epoch)
        self._writer.flush()

    # --- the live stall check (on_stall) -------------------------------------------------

    def _live_check(self, final=False):
        if self._watch is None:
            return
        seconds = self._train_seconds_before + self._clock.train_seconds
        if self._watch.check(seconds, force=final) and not final:
            self.model.stop_training = True

    def _record_alert(self, kind, step, text, interval):
        self._signals.alert(step, kind, text, interval)
        self._writer.flush()
