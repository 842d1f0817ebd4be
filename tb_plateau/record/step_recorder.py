"""The per-step loss and learning-rate buffer of `model.fit` on TensorFlow, in the compiled
train step."""

import numpy as np
import tensorflow as tf

from tb_plateau.record._tf_utils import local_variable
from tb_plateau.record.step_rows import decode_rows, loss_trackers
from tb_plateau.record.writer import WarnOnce

# The loss and learning rate of every step are recorded inside the model's compiled train
# step into a ring buffer of step_rows.STEP_BUFFER_STEPS steps, which the callback drains
# (one device read, one write) when it is nearly full. The callback then has no per-step work that
# reads from the device, and only a few Python operations in `on_train_batch_begin`. It
# defines no batch-*end* hook: Keras 3 dispatches batch ends on a thread only while no
# callback overrides one (keras/src/callbacks/callback_list.py); on the TensorFlow backend
# (IS_THREAD_SAFE = False in Keras 3.15) it dispatches them synchronously anyway.

# Where a model keeps its recorder between fits (set with object.__setattr__, so Keras does
# not track the recorder's variables as the model's).
_CACHE_ATTRIBUTE = "_plateau_step_recorder"


def _setup_key(model, capacity, trackers):
    """What the compiled train function depends on besides the model's layers: a change
    (recompiling, another optimizer, steps_per_execution) means a new recorder."""
    return (id(getattr(model, "optimizer", None)), tuple(id(t) for t in trackers), capacity,
            getattr(model, "steps_per_execution", 1), getattr(model, "jit_compile", None),
            getattr(model, "run_eagerly", None), id(type(model).train_step),
            id(getattr(model, "loss", None)))


def _read(variable):
    return tf.cast(tf.convert_to_tensor(variable), tf.float32)


class StepRecorder:
    """Records each step's loss, learning rate and example count inside the model's compiled
    train step, into a ring buffer drained from the host every STEP_BUFFER_STEPS steps.

    The batch loss is the change of the loss tracker's weighted sums over the step
    (`(total_after - total_before) / (count_after - count_before)`), i.e. exactly what
    Keras averages into the epoch loss, summed over replicas under tf.distribute. The
    learning rate is read before the update, so a schedule is evaluated where the optimizer
    evaluates it.

    Args:
      model: the compiled Keras model whose train step is wrapped by `install`.
      capacity: steps the buffer holds between drains.
      owner: who records (a callback); another owner's recorder already installed on the
        model is recorded around, so both see every step.
      warn: a `WarnOnce`-like `warn(key, message)` for what could not be recorded.
    """

    def __init__(self, model, capacity, owner=None, warn=None):
        self.model = model
        self.capacity = capacity
        self.owner = owner
        self.warn = warn if warn is not None else WarnOnce()
        self.trackers = loss_trackers(model)
        self.key = _setup_key(model, capacity, self.trackers)
        self.start = 0  # the buffer's step count when this fit began
        self.drained = 0  # steps of this fit drained so far
        self.failed = False
        self.active = False  # installed and not yet uninstalled
        # Per replica: each replica updates its own copy without a cross-replica sync;
        # reading from the host gives the first replica's, and every replica holds the
        # same values (the loss is all-reduced before it is stored).
        with model.distribute_strategy.scope():
            self.count = local_variable(tf.constant(0, tf.int64), "plateau_steps")
            # Columns: learning rate, the loss the step returned, then per tracker the
            # change of its total and of its count. The loss is worked out from them when
            # drained, on the host: the fewer ops in the train step, the less it costs.
            self.width = 2 + 2 * len(self.trackers)
            self.rows = local_variable(tf.zeros([capacity, self.width], tf.float32),
                                       "plateau_step_rows")
        # Outside tf.distribute the buffer is a plain variable and takes a one-row write; a
        # per-replica variable in a replica function only takes whole assigns.
        self.row_assign = not isinstance(self.rows, tf.distribute.DistributedValues)
        self.original = None
        self.had_instance_step = False
        # The compiled train function made around our step, kept for the model's next fit,
        # and the model's own one (Keras made it before the fit began), given back after.
        self.train_function = None
        self.plain_train_function = None

    @classmethod
    def for_model(cls, model, capacity, owner=None, warn=None):
        """The recorder to install on `model` for this fit: the one a previous fit (of any
        callback) left on the model, with its compiled train function, while the model's
        training setup is unchanged; else a new one. Reusing it means a second fit neither
        traces the train step again nor makes TensorFlow warn about retracing."""
        current = getattr(model.__dict__.get("train_step"), "_plateau_recorder", None)
        cached = model.__dict__.get(_CACHE_ATTRIBUTE)
        if cached is not None and current is not None and current is not cached \
                and current.active:
            cached = None  # another recorder is recording this fit: record around it
        if cached is not None and not cached.active and \
                cached.key == _setup_key(model, capacity, loss_trackers(model)):
            cached.owner = owner
            cached.warn = warn if warn is not None else WarnOnce()
            return cached
        recorder = cls(model, capacity, owner=owner, warn=warn)
        if current is None or not current.active:
            object.__setattr__(model, _CACHE_ATTRIBUTE, recorder)
        return recorder

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
        reuse = self.train_function is not None and other in (None, self)
        if other is not None and other is not self and other.owner is not self.owner \
                and other.active:
            # Another PlateauCallback records in this fit: record around its step, so that
            # both see every step (two callbacks writing one run, or two runs).
            self.original = current
        else:
            # A wrapper of this owner left by a fit that ended with an exception is
            # replaced, not wrapped again.
            if other is not None:
                other.active = False
            self.original = self.root

        def train_step(data):
            return self.train_step(data)

        train_step._plateau_original = self.root
        train_step._plateau_had_instance = self.had_instance_step
        train_step._plateau_recorder = self
        object.__setattr__(model, "train_step", train_step)
        self.active = True
        self.start = 0 if self.failed else int(self.count.numpy())
        self.drained = 0
        self.plain_train_function = model.train_function
        if reuse:
            model.train_function = self.train_function
        else:
            model.make_train_function(force=True)
            self.train_function = model.train_function

    def uninstall(self):
        self.active = False
        model = self.model
        if getattr(model.__dict__.get("train_step"), "_plateau_original", None) is None:
            return
        # Every recorder of the fit is removed at once: all their owners end with the fit.
        if self.had_instance_step:
            object.__setattr__(model, "train_step", self.root)
        else:
            object.__delattr__(model, "train_step")
        # The next fit (with or without the callback) runs the model's own train function,
        # compiled as Keras left it.
        model.train_function = self.plain_train_function
        self.plain_train_function = None

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
        self.warn("loss", "the batch loss could not be recorded in the train step and is not "
                          f"logged: {type(error).__name__}: {error}")

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

    # --- from the host ------------------------------------------------------------------------

    def steps_done(self):
        """Steps recorded in this fit."""
        return int(self.count.numpy()) - self.start

    def batch_size(self):
        """Examples in the largest of this fit's first steps (the last may be short)."""
        done = 0 if self.failed else min(self.steps_done(), self.capacity)
        if not done:
            return None
        rows = self.rows.numpy()[(self.start + np.arange(done)) % self.capacity]
        examples = float(np.max(decode_rows(rows, len(self.trackers))[:, 2]))
        return int(round(examples)) if examples > 0 else None

    def drain(self):
        """(index of the first new step, rows [n, 3] of loss, learning rate, examples)
        recorded since the last drain."""
        if self.failed:
            return self.drained, None
        done = self.steps_done()
        first = max(self.drained, done - self.capacity)
        if first > self.drained:
            self.warn("buffer", f"{first - self.drained} steps' losses were overwritten "
                                "before they could be written")
        rows = decode_rows(
            self.rows.numpy()[(self.start + np.arange(first, done)) % self.capacity],
            len(self.trackers))
        self.drained = done
        return first, rows
