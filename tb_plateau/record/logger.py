"""PlateauLogger: writes plateau diagnostics from a custom GradientTape training loop."""

import contextlib
import os
import time

import numpy as np
import tensorflow as tf

from tb_plateau import metadata
from tb_plateau.record import signals, summary
from tb_plateau.record._tf_utils import local_variable, reduced, run_if
from tb_plateau.record.live import StallWatch, check_on_stall
from tb_plateau.record.mirror import RunMirror
from tb_plateau.record.model_config import loss_description, model_config
from tb_plateau.record.writer import WarnOnce, last_logged_step, open_writer

# The loss of each step is kept in a buffer of this many steps (variables, so it works inside
# tf.function and under tf.distribute) and written as one plateau/loss_block when the buffer
# is full, at log_epoch, flush and close: one event per 256 steps instead of one per step.
LOSS_BLOCK_STEPS = 256

# Default steps between diagnostics in a custom loop. The gradients are already computed by
# the user, so a diagnostic costs only reductions over them (about a tenth of an optimizer
# step); every 10 steps keeps that near 1% while giving 100 points per 1000 steps.
DEFAULT_DIAGNOSTICS_EVERY = 10


def _host(value):
    """`value` (or each in a list/tuple/dict of them) as TensorFlow takes it: TensorFlow
    tensors, variables, numpy and Python numbers unchanged; other frameworks' arrays (JAX,
    PyTorch, a Keras variable of another backend) as numpy host copies."""
    inner = getattr(value, "value", None)  # a Keras variable's
    if value is None or isinstance(value, (np.ndarray, np.generic, int, float)) or \
            tf.is_tensor(value) or isinstance(value, tf.Variable) or \
            tf.is_tensor(inner) or isinstance(inner, tf.Variable):
        return value
    if isinstance(value, (list, tuple)):
        return type(value)(_host(v) for v in value)
    if isinstance(value, dict):
        return {k: _host(v) for k, v in value.items()}
    if hasattr(value, "detach") and hasattr(value, "cpu"):  # a torch tensor, maybe on a GPU
        return value.detach().cpu().numpy()
    if hasattr(value, "__array__"):
        return np.asarray(value if inner is None else inner)
    return value


class _NamedArray:
    """A weight given as a plain array: its path (which names and groups it, as a variable's
    path does) and its value, which TensorFlow reads through `__array__`."""

    def __init__(self, path, value):
        self.path = path
        self.value = np.asarray(_host(value))
        self.shape, self.dtype = self.value.shape, self.value.dtype

    def __array__(self, dtype=None, copy=None):
        return self.value if dtype is None else self.value.astype(dtype)


def _flatten(tree, prefix=""):
    """[(path, leaf)] of a nested dict, paths joined with '/', in insertion order."""
    if isinstance(tree, dict):
        return [item for key, value in tree.items()
                for item in _flatten(value, f"{prefix}{key}/")]
    return [(prefix.rstrip("/"), tree)]


def _layer_path(path):
    """A variable path whose part before the last '/' names its layer."""
    if "/" in path:
        return path
    module, dot, name = path.rpartition(".")
    return f"{module}/{name}" if dot and module else f"{path}/{path}"


def _named_variables(variables, gradients):
    """Variables as objects with a path (TensorFlow and Keras variables as they are), and
    the gradients in their order."""
    if variables is None:
        if isinstance(gradients, dict):
            gradients = [leaf for _, leaf in _flatten(gradients)]
        return None, gradients
    if not isinstance(variables, dict) and not hasattr(variables, "__array__"):
        variables = list(variables)
        if variables and all(isinstance(v, tuple) and len(v) == 2 and isinstance(v[0], str)
                             for v in variables):
            variables = dict(variables)  # (name, array) pairs: PyTorch's named_parameters()
    if isinstance(variables, dict):
        leaves = _flatten(variables)
        if isinstance(gradients, dict):
            by_path = dict(_flatten(gradients))
            gradients = [by_path.get(path) for path, _ in leaves]
        # A one-level dict names each array (its own layer), unless its names are PyTorch's
        # dotted parameter names ("0.weight", "encoder.fc.bias"): the module is the layer.
        # Deeper, the path without its last key is the layer, as for variables.
        return [_NamedArray(_layer_path(path), leaf) for path, leaf in leaves], gradients
    named = []
    for index, variable in enumerate(variables):
        value = getattr(variable, "value", None)
        if isinstance(variable, tf.Variable) or tf.is_tensor(variable) or \
                isinstance(value, tf.Variable) or tf.is_tensor(value):
            named.append(variable)  # TensorFlow's, or a Keras variable on TensorFlow
        elif getattr(variable, "path", None) or getattr(variable, "name", None):
            # A Keras variable of another backend: its path, its value on the host.
            named.append(_NamedArray(signals.variable_path(variable), value
                                     if value is not None else variable))
        else:
            named.append(_NamedArray(f"{index}/{index}", variable))
    return named, gradients


class PlateauLogger:
    """Writes what tb-plateau needs to find a stalled loss and its cause, from a custom loop.

    Call `log_step` once per training step, after the optimizer update. The learning rate
    is written every step, and the loss of every step too, in blocks of 256 steps
    (`plateau/loss_block`): the steps since the last block are written by `log_epoch`,
    `flush` and `close` (or leaving a `with` block), so call one of them at the end.
    Gradient, weight, update, activation, input, target and prediction statistics are
    written at the first update (step 1: units dead before any large step told apart from
    units the first steps killed) and every `diagnostics_every` steps. `log_step` works
    eagerly and inside
    `tf.function`, and under `tf.distribute` (one writer, statistics of the gradients
    summed over replicas, no duplicate events).

    Example:

    ```python
    import numpy as np, keras, tensorflow as tf, tb_plateau

    x = np.random.rand(256, 8).astype("float32"); y = x.sum(axis=1, keepdims=True)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1)])
    optimizer = keras.optimizers.Adam(1e-3)
    logger = tb_plateau.PlateauLogger("runs/exp2")
    logger.log_config(model, loss="mse", optimizer=optimizer, batch_size=32)
    for step in range(1, 101):
        xb, yb = x[step % 8 * 32:][:32], y[step % 8 * 32:][:32]
        with tf.GradientTape() as tape:
            pred = model(xb, training=True)
            loss = tf.reduce_mean(tf.square(pred - yb))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        logger.log_step(step, loss=loss, gradients=grads, variables=model.trainable_variables,
                        inputs=xb, targets=yb, predictions=pred,
                        learning_rate=optimizer.learning_rate)
    logger.close()
    ```

    Args:
      log_dir: the run's directory.
      diagnostics_every: write the per-layer statistics every this many steps.
      writer: an existing `tf.summary` writer to write to instead of opening `log_dir`.
      on_stall: what to do when the loss stalls or diverges, judged by the Plateau tab's own
        analysis on the run so far, within 0.2% of the loop's time: "warn" (default) logs it
        once when confirmed and once when it ends; "stop" also sets `logger.stop_training`
        (check it in your loop); None checks nothing; a callable gets the problem interval
        as the report's JSON gives it and may return True to set `stop_training`. Checks
        run in eager `log_step` calls, `log_epoch`, `flush` and `close` (inside a
        `tf.function` loop, call `log_epoch` or `flush` now and then; there the check sees
        the loss and what `log_epoch`/`log_config` write, not the per-step statistics).
    """

    def __init__(self, log_dir, diagnostics_every=DEFAULT_DIAGNOSTICS_EVERY, writer=None,
                 on_stall="warn"):
        if log_dir is None and writer is None:
            raise ValueError("PlateauLogger needs a log_dir (or a writer to share).")
        if not isinstance(diagnostics_every, int) or diagnostics_every < 1:
            raise ValueError(f"diagnostics_every must be a positive int, "
                             f"got {diagnostics_every!r}")
        self.log_dir = None if log_dir is None else os.fspath(log_dir)
        self.diagnostics_every = diagnostics_every
        self.on_stall = check_on_stall(on_stall)
        # True once an on_stall of "stop" (or a callable returning True) asked to stop.
        self.stop_training = False
        self._warn_once = WarnOnce()
        # Inside the user's tf.function only the loss blocks (one per 256 steps) reach the
        # mirror, through a host callback that would cost too much on every step's signals;
        # eager loops copy everything.
        self._mirror = None if self.on_stall is None else RunMirror(
            graph_tags=[metadata.tag(metadata.LOSS_BLOCK)])
        self._watch = None if self._mirror is None else StallWatch(
            self.on_stall, self._mirror, self._record_alert, self._warn_once)
        self._started = None  # when the first step was logged (the loop's clock)
        self._owns_writer = writer is None
        self._writer = writer if writer is not None else open_writer(self.log_dir,
                                                                      self._warn_once)
        self._resume_after = None
        if self._owns_writer and self._writer is not None:
            self._resume_after = last_logged_step(self.log_dir)
        self._offset = None  # added to the user's step; fixed at the first log_step
        self._snapshot = None  # tf.Variables: weights after the step before a diagnostic
        self._snapshot_step = None
        self._loss_rows = None  # tf.Variables: [2, LOSS_BLOCK_STEPS] steps and losses ...
        self._loss_count = None  # ... and how many steps were buffered in all

    def _step_offset(self, step):
        """How far to shift the user's steps so they continue after the run's last step."""
        if self._offset is None:
            self._offset = 0
            if self._resume_after is not None:
                try:
                    first = int(step)  # only known eagerly; in a graph we trust the step
                except (TypeError, ValueError):
                    first = None
                if first is not None and first <= self._resume_after:
                    self._offset = self._resume_after - first + 1
                    self._warn_once("resume", f"log_dir already holds steps up to "
                                              f"{self._resume_after}; step {first} is written "
                                              f"as {first + self._offset} so steps never go "
                                              "backwards")
        return self._offset

    def log_step(self, step, loss=None, gradients=None, variables=None, inputs=None,
                 targets=None, predictions=None, learning_rate=None, activations=None):
        """Write one training step's signals.

        Args:
          step: the number of optimizer updates done (1 for the first), a Python int or an
            integer tensor (e.g. `optimizer.iterations`).
          loss: the batch's loss (under tf.distribute, per-replica values are averaged).
          gradients: the gradients just applied (unscaled under mixed precision).
          variables: the trainable variables, after the update (names and groups layers;
            also gives weight norms and update ratios).
          inputs, targets, predictions: the batch's model inputs, targets and outputs.
          learning_rate: the learning rate used for this update (a number, tensor, variable,
            or a schedule, evaluated at `step - 1`).
          activations: optional {layer_name: (output, activation_name)} of layer outputs.

        Besides TensorFlow tensors and variables, every array argument may be a numpy, JAX
        or PyTorch array (copied to the host as numpy; in an eager loop) and `variables`
        Keras variables of any backend. `variables` may also be a nested dict of arrays,
        as JAX/Flax parameters are ({"dense": {"kernel": w, "bias": b}}: layer "dense"),
        with `gradients` the same structure, or PyTorch's `model.named_parameters()` (its
        dotted names group them by module: "0.weight" and "0.bias" are layer "0"); a list
        of unnamed arrays makes each its own layer, named by position.

        Returns True when it wrote (eager), or a bool tensor (graph). Never raises for a
        problem with logging: it warns once and writes what it can.
        """
        if self._writer is None:
            return False
        try:
            if self._started is None:
                self._started = time.perf_counter()
            with self._mirrored():
                written = self._log_step(step, loss, gradients, variables, inputs, targets,
                                         predictions, learning_rate, activations)
            if tf.executing_eagerly():
                self._live_check()
            return written
        except Exception as error:  # logging must never end a training run
            self._warn_once(("log_step", type(error).__name__),
                            f"log_step could not write ({type(error).__name__}: {error})")
            return False

    def _log_step(self, step, loss, gradients, variables, inputs, targets, predictions,
                  learning_rate, activations):
        step = tf.cast(step, tf.int64) + self._step_offset(step)
        # The first update too, as PlateauCallback does: the network's state before the
        # first diagnostics_every steps could change it.
        due = tf.logical_or(tf.equal(step % self.diagnostics_every, 0), tf.equal(step, 1))
        variables, gradients = _named_variables(variables, gradients)
        loss, gradients, inputs, targets, predictions = (
            _host(loss), _host(gradients), _host(inputs), _host(targets), _host(predictions))
        if activations:
            activations = {name: (_host(output), activation)
                           for name, (output, activation) in activations.items()}
        with self._writer.as_default():
            if loss is not None:
                self._buffer_loss(step, loss)
            if learning_rate is not None:
                if callable(learning_rate) and not isinstance(learning_rate, tf.Variable) \
                        and not hasattr(learning_rate, "value"):
                    # Eagerly a Python int, which other frameworks' schedules take too.
                    learning_rate = learning_rate(
                        int(step) - 1 if tf.executing_eagerly() else step - 1)
                summary.learning_rate(_host(learning_rate), step=step)
            if gradients is not None:
                gradients = list(gradients)
                variables = list(variables) if variables is not None else None
                with tf.summary.record_if(due):
                    summary.gradients(gradients, variables, step=step)
            if variables is not None:
                self._weights(step, due, list(variables))
            with tf.summary.record_if(due):
                if inputs is not None:
                    summary.inputs(inputs, step=step, source="batch")
                if targets is not None:
                    summary.targets(targets, step=step, predictions=predictions, source="batch")
                if predictions is not None:
                    summary.predictions(predictions, step=step)
                if activations:
                    names = list(activations)
                    summary.activations([activations[n][0] for n in names],
                                        [activations[n][1] for n in names], names, step=step)
        return True

    def _buffer_loss(self, step, loss):
        """Keep this step's loss; write the buffer as a loss_block once it is full."""
        (loss,) = reduced([loss], tf.distribute.ReduceOp.SUM)
        if self._loss_rows is None:
            with tf.init_scope():
                # Per replica, like the weight snapshot (every replica holds the same
                # all-reduced values).
                self._loss_rows = local_variable(
                    tf.zeros([2, LOSS_BLOCK_STEPS], tf.float64))
                self._loss_count = local_variable(tf.constant(0, tf.int64))
        count = self._loss_count.read_value() + 1
        slot = (count - 1) % LOSS_BLOCK_STEPS
        # Whole-variable assigns: a sync-on-read variable takes no scatter in a replica.
        self._loss_rows.assign(tf.tensor_scatter_nd_update(
            self._loss_rows.read_value(),
            tf.stack([tf.constant([0, 1], tf.int64), tf.fill([2], slot)], axis=1),
            tf.stack([tf.cast(step, tf.float64), tf.cast(tf.reshape(loss, []), tf.float64)])))
        self._loss_count.assign(count)

        def write_full():
            rows = self._loss_rows.read_value()
            return summary.loss_block(tf.cast(rows[0], tf.int64), rows[1])

        run_if(tf.equal(count % LOSS_BLOCK_STEPS, 0), write_full)

    def _write_buffered_losses(self):
        """Write the steps buffered since the last full block (eagerly, from the host)."""
        if self._loss_rows is None or self._writer is None:
            return
        pending = int(self._loss_count.numpy()) % LOSS_BLOCK_STEPS
        if not pending:
            return
        rows = self._loss_rows.numpy()[:, :pending]
        with self._writer.as_default():
            summary.loss_block(rows[0].astype("int64"), rows[1])
        # Written: the next block starts afresh (steps already written are not repeated).
        self._loss_count.assign(tf.constant(0, tf.int64))

    def _weights(self, step, due, variables):
        if not variables:
            return
        if self._snapshot is None:
            with tf.init_scope():
                # Copies of the weights after the step before a diagnostic step, so that the
                # update ratio covers exactly one update. Per replica: assigned without a
                # cross-replica sync (which could not happen inside the cond that decides
                # when to copy).
                self._snapshot = [local_variable(tf.zeros(v.shape, v.dtype))
                                  for v in variables]
                self._snapshot_step = local_variable(tf.constant(-1, tf.int64))
        if len(variables) != len(self._snapshot):
            self._warn_once("variables changed", "the list of variables changed; update "
                                                 "ratios are not logged")
            with tf.summary.record_if(due):
                summary.weights(variables, step=step)
            return
        has_previous = tf.logical_and(due, tf.equal(self._snapshot_step, step - 1))
        with tf.summary.record_if(tf.logical_and(due, tf.logical_not(has_previous))):
            summary.weights(variables, step=step)
        with tf.summary.record_if(has_previous):
            summary.weights(variables, self._snapshot, step=step)

        def take_snapshot():
            for copy, variable in zip(self._snapshot, variables):
                if isinstance(variable, _NamedArray):
                    # A host array may share memory with a weight its framework updates in
                    # place (a PyTorch parameter's .numpy(), a numpy array the loop updates
                    # with -=), and TensorFlow may keep that memory: copy it now.
                    variable = np.array(variable.value, copy=True)
                copy.assign(tf.cast(variable, copy.dtype))
            self._snapshot_step.assign(step)
            return tf.constant(True)

        run_if(tf.equal((step + 1) % self.diagnostics_every, 0), take_snapshot)

    def log_epoch(self, step, **metrics):
        """Write epoch-level metrics (e.g. `val_loss=...`) under `plateau/epoch/<name>`."""
        if self._writer is None:
            return False
        try:
            with self._mirrored():
                self._write_buffered_losses()
                with self._writer.as_default():
                    summary.epoch_metrics(metrics, step=int(step) + (self._offset or 0))
            self._live_check()
            return True
        except Exception as error:
            self._warn_once("log_epoch", f"log_epoch could not write: {error}")
            return False

    def log_config(self, model=None, loss=None, optimizer=None, batch_size=None, step=0,
                   **extra):
        """Write the run's configuration once (model layers, loss, optimizer, batch size).

        `loss` is the loss object or name used (e.g. `keras.losses.BinaryCrossentropy(
        from_logits=True)`), since a custom loop does not compile it into the model.
        """
        if self._writer is None:
            return False
        try:
            config = model_config(model, batch_size=batch_size) if model is not None else {
                "framework": "tensorflow", "notes": []}
            config["framework"] = "custom_loop"
            if loss is not None:
                config["loss"] = loss_description(loss)
            if optimizer is not None:
                try:
                    config["optimizer"] = {"class": type(optimizer).__name__,
                                           "config": optimizer.get_config()}
                except Exception:
                    config["optimizer"] = {"class": type(optimizer).__name__, "config": None}
            config["diagnostics_every"] = self.diagnostics_every
            config.update(extra)
            with self._mirrored(), self._writer.as_default():
                summary.config(config, step=int(step) + (self._offset or 0))
            return True
        except Exception as error:
            self._warn_once("log_config", f"log_config could not write: {error}")
            return False

    def _write_pending(self):
        try:
            with self._mirrored():
                self._write_buffered_losses()
        except Exception as error:  # logging must never end a training run
            self._warn_once("loss_block", f"the last steps' losses could not be written "
                                          f"({type(error).__name__}: {error})")

    def flush(self):
        """Write the losses buffered so far and flush the event file."""
        if self._writer is not None:
            self._write_pending()
            self._writer.flush()
            self._live_check()

    def close(self):
        """Write what is buffered, flush and close the event file (a shared writer is only
        flushed)."""
        if self._writer is not None:
            self._write_pending()
            self._live_check(final=True)
            self._writer.flush()
            if self._owns_writer:
                self._writer.close()
            self._writer = None

    # --- the live stall check (on_stall) -------------------------------------------------

    def _mirrored(self):
        """Every write in this block (and every function traced in it) also goes to the
        mirror the live check reads."""
        if self._mirror is None:
            return contextlib.nullcontext()
        return summary.mirroring(self._mirror)

    def _live_check(self, final=False):
        if self._watch is None or self._started is None:
            return
        try:
            seconds = time.perf_counter() - self._started - sum(self._watch.check_seconds)
            if self._watch.check(seconds, force=final):
                self.stop_training = True
        except Exception as error:  # logging must never end a training run
            self._warn_once("live check", f"the live stall check failed and is skipped "
                                          f"({type(error).__name__}: {error})")
            self._watch = None

    def _record_alert(self, kind, step, text, interval):
        with self._writer.as_default():
            summary.alert(kind, text, interval, step=step)
        self._writer.flush()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
