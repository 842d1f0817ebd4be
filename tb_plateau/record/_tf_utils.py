"""Private TensorFlow helpers that behave the same eagerly, in a graph and in a replica function."""

import tensorflow as tf


def run_if(condition, function):
    """`function()` (returning a bool tensor) when `condition` holds, else False: a Python
    branch when eager, a `tf.cond` in a graph."""
    if tf.executing_eagerly():
        return function() if bool(condition) else tf.constant(False)
    return tf.cond(condition, function, lambda: tf.constant(False))


def local_variable(initial_value, name=None):
    """A non-trainable variable each replica keeps to itself under tf.distribute (ON_READ):
    assigned inside a replica function or a `tf.cond` without a cross-replica sync; read
    from outside, it gives the first replica's value."""
    return tf.Variable(initial_value, name=name, trainable=False,
                       synchronization=tf.VariableSynchronization.ON_READ,
                       aggregation=tf.VariableAggregation.ONLY_FIRST_REPLICA)


def reduced(values, reduce_op):
    """Values reduced over replicas when called inside a multi-replica replica function, or
    when given as per-replica values in cross-replica context; unchanged otherwise."""
    strategy = tf.distribute.get_strategy()
    if any(isinstance(v, tf.distribute.DistributedValues) for v in values if v is not None):
        return [None if v is None else strategy.reduce(reduce_op, v, axis=None) for v in values]
    if not tf.distribute.in_cross_replica_context():
        context = tf.distribute.get_replica_context()
        if context is not None and context.num_replicas_in_sync > 1:
            present = [i for i, v in enumerate(values) if v is not None]
            summed = context.all_reduce(reduce_op, [values[i] for i in present])
            values = list(values)
            for i, v in zip(present, summed):
                values[i] = v
    return values


def all_written(results):
    """One bool tensor: whether every write (None entries skipped) was recorded."""
    results = [r for r in results if r is not None]
    if not results:
        return tf.constant(False)
    return tf.reduce_all(tf.stack([tf.convert_to_tensor(r) for r in results]))


def _default_writer():
    """tf.summary's default writer now (TensorFlow keeps it in a private, thread-local
    state; None when that is not where this TensorFlow keeps it)."""
    from tensorflow.python.ops import summary_ops_v2

    state = getattr(summary_ops_v2, "_summary_state", None)
    return getattr(state, "writer", None), state


def _restore_default_writer(previous):
    writer, state = previous
    if state is not None and hasattr(state, "writer"):
        state.writer = writer


class SummaryWriterEvents:
    """A `tf.summary` writer as an event sink (`add_event`, `flush`, `close`), so that the
    callback's SignalWriter writes through TensorFlow's own writer on the TensorFlow backend:
    a user's `writer=` is shared, and the log_dir may be anywhere TensorFlow's file system
    reaches (GCS, HDFS). Each event's summary goes in as the raw proto, metadata included.
    """

    def __init__(self, writer):
        self.writer = writer
        self._closed_here = False

    @property
    def _closed(self):
        """Whether the writer is closed (here, or by whoever else holds it)."""
        return self._closed_here or bool(getattr(self.writer, "_closed", False))

    def add_event(self, event):
        previous = _default_writer()
        try:
            with self.writer.as_default():
                tf.summary.experimental.write_raw_pb(event.summary.SerializeToString(),
                                                     step=event.step)
        finally:
            # A writer closed under us fails in as_default's exit (its flush), which then
            # leaves it the default writer: every later tf.summary call in the process
            # (Keras's TensorBoard callback writes its batch scalars to the default writer)
            # would fail. Put the previous default back whatever happened.
            _restore_default_writer(previous)

    def flush(self):
        self.writer.flush()

    def close(self):
        self._closed_here = True
        self.writer.close()
