"""How `PlateauCallback` records on the TensorFlow backend: the per-step loss and learning rate
inside the compiled train step, the probe diagnostics in compiled calls, writes through
`tf.summary`."""

import logging
import shutil
import tempfile
import time

import numpy as np
import tensorflow as tf

from tb_plateau.record import cadence, summary
from tb_plateau.record.clock import FitClock
from tb_plateau.record.live import StallWatch
from tb_plateau.record.mirror import RunMirror
from tb_plateau.record.model_config import model_config
from tb_plateau.record.probe import Probe, weights_snapshot, weights_writer
from tb_plateau.record.step_recorder import (STEP_BUFFER_STEPS, StepRecorder,
                                             learning_rates_to_write, write_series)
from tb_plateau.record.writer import (WarnOnce, error_summary, is_chief, last_logged_step,
                                      open_writer, writer_broken)

log = logging.getLogger("tb_plateau")


class TFRecording:
    """PlateauCallback's work on the TensorFlow backend (see the callback's docstring). It
    lives as long as its callback, so what it keeps (the last step, the probe, the live
    check's mirror) carries over between `fit()` calls."""

    def __init__(self, callback):
        self.callback = callback
        self.log_dir = callback.log_dir
        self.probe_data = callback.probe_data
        self.diagnostics_every = callback.diagnostics_every
        self.probe_size = callback.probe_size
        self.on_stall = callback.on_stall
        self._shared_writer = callback._shared_writer
        self._writer = None
        self._step = None  # last step written; survives between fit() calls
        self._warn_once = WarnOnce()
        self._notes = []
        self._probe = None
        self._config_written = False
        self._disabled = set()
        self._recorder = None
        self._clock = None  # this fit's FitClock
        self._scratch_dir = None  # a non-chief worker's throw-away run directory
        # The live stall check: the run as written so far (kept across fit() calls) and the
        # watch that judges it; training seconds of the fits before this one.
        self._mirror = None if self.on_stall is None else RunMirror()
        self._watch = None
        self._train_seconds_before = 0.0

    @property
    def model(self):
        return self.callback.model

    @property
    def params(self):
        return self.callback.params

    # --- failure policy: logging never crashes training --------------------------------

    def _guarded(self, what, function, *args):
        if self._writer is None or what in self._disabled:
            return None
        try:
            if self._mirror is not None:
                # Every write (and every function traced) here also goes to the mirror.
                with summary.mirroring(self._mirror):
                    return function(*args)
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
        the event file cannot be written any more."""
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
        elif is_chief(self.model):
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
        # Not the fit's first execution: that one traces the train function (seconds).
        started = self._clock.batch_hook_starts(self._steps_per_execution,
                                                self._launched > self._steps_per_execution)
        if self._pending is not None:
            self._guarded("diagnostics", self._diagnose)
        if self._launched + self._steps_per_execution - self._done > self._recorder.capacity:
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
        self._fit_start_iterations = int(model.optimizer.iterations.numpy())
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
        self._clock = FitClock()
        self._last_rate = None
        self._batch_size = None
        self._weight_stats = None  # bound to this fit's writer
        if self._steps_per_execution > 1:
            self._note(f"steps_per_execution={self._steps_per_execution}: update_ratio is "
                       "not logged")
        if self._probe is None and self.probe_data is not None:
            self._probe = Probe(model, self.probe_data, self.probe_size, warn=self._warn_once,
                                note=self._note)
        elif self.probe_data is None:
            self._warn_once("no probe", "no probe_data given: gradients, activations and "
                                        "predictions are not logged")
            self._note("no probe_data: gradient, activation, input/target and prediction "
                       "statistics are not logged")
        self._config_written = False
        # fit() made its train function before calling us; run ours (around the model's own
        # step) instead, compiled at the model's first fit with any PlateauCallback.
        self._recorder = StepRecorder.for_model(
            model, max(STEP_BUFFER_STEPS, 4 * self._steps_per_execution), owner=self,
            warn=self._warn_once)
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
        """The trainable variables, once the model has them."""
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
        self._clock.pause()  # time between epochs (validation) is not training time

    def _schedule_diagnostic(self):
        """The step about to run gets a diagnostic, run after it (at the next batch or the
        epoch's end): keep the weights just before its update."""
        self._next_diagnostic = None  # set again once the diagnostic has run
        started = time.perf_counter()
        previous = None
        if self._steps_per_execution == 1 and self._find_variables():
            previous = weights_snapshot(self._variables)
        # The snapshot is part of the diagnostic's cost.
        self._pending = (previous, time.perf_counter() - started)

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
        keep, self._last_rate = learning_rates_to_write(steps, rates, self._last_rate,
                                                        self._diagnostic_steps)
        self._diagnostic_steps = {s for s in self._diagnostic_steps if s > steps[-1]}
        with summary.mirroring(None):  # copied below, from the host values
            write_series(self._writer, steps, rows[:, 0], steps[keep], rates[keep])
        if self._mirror is not None:
            summary.copy_series(self._mirror, steps, rows[:, 0], steps[keep], rates[keep])

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
        if self._probe is not None and not self._probe.failed:
            # One compiled call writes the probe's statistics and the weights' together.
            self._probe.export = self._mirror is not None
            if self._probe.write(self._writer, step_tensor, weights_pending, previous):
                weights_pending = False
                self._mirror_written(step, self._probe.last_written, self._probe.metadata_of)
        if weights_pending:
            if self._weight_stats is None:
                self._weight_stats = weights_writer(self._writer, variables,
                                                    export=self._mirror is not None)
            if previous is not None:
                written = self._weight_stats(step_tensor, previous)
            else:
                written = self._weight_stats(step_tensor)
            self._mirror_written(step, written, self._weight_stats.metadata_of)
        self._write_config_once(step)
        self._clock.diagnostic_seconds.append(time.perf_counter() - started + snapshot_seconds)
        self._next_diagnostic = cadence.next_diagnostic(
            step, self.diagnostics_every, first_step=self._base, planned=self._planned_steps,
            diagnostic_seconds=self._clock.diagnostic_seconds,
            train_seconds=self._clock.train_seconds, train_steps=self._clock.train_steps)

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

    # --- the live stall check (on_stall) -------------------------------------------------

    def _live_check(self, final=False):
        """Judge the run so far when the check's budget allows (always when `fit` returns)."""
        if self._watch is None:
            return
        seconds = self._train_seconds_before + self._clock.train_seconds
        if self._watch.check(seconds, force=final) and not final:
            self.model.stop_training = True

    def _mirror_written(self, step, written, metadata_of):
        """Copy what a compiled writer returned ({tag: value}) into the mirror."""
        if self._mirror is None or not isinstance(written, dict):
            return
        for tag, value in written.items():
            self._mirror.add(tag, metadata_of[tag], step, value.numpy())

    def _record_alert(self, kind, step, text, interval):
        with self._writer.as_default():
            summary.alert(kind, text, interval, step=step)
        self._writer.flush()
