"""tf.summary-style ops that write each plateau signal to the default summary writer.

For users who manage their own writers::

    import tensorflow as tf
    from tb_plateau import summary as plateau

    writer = tf.summary.create_file_writer("runs/exp3")
    with writer.as_default(step=step):
        plateau.loss(loss)
        plateau.gradients(grads, model.trainable_variables)

Each op returns what `tf.summary.write` returns: True (a bool tensor) when the summary was
recorded, False when there is no default writer or recording is off. The statistics are
computed only when the summary is recorded, so an op under `tf.summary.record_if(False)`
costs next to nothing. The ops work eagerly, inside `tf.function`, and inside a
`tf.distribute` replica function; there, gradient statistics are taken of the gradients
summed over replicas (what the optimizer applies) and only replica 0 writes.
"""

import contextlib
import functools
import json

import tensorflow as tf

from tb_plateau import metadata as md
from tb_plateau.record import np_signals, signals
from tb_plateau.record._tf_utils import all_written, reduced, run_if

__all__ = [
    "loss", "loss_block", "learning_rate", "gradients", "weights", "activations", "inputs",
    "targets", "predictions", "config", "epoch_metrics", "alert", "write_signal",
]


# A record/mirror.RunMirror that receives a copy of every write made while
# `mirroring(mirror)` is active (PlateauLogger's live stall check). Eager writes are copied
# directly. In a compiled function a copy needs a host callback (tens of microseconds each),
# so there only the tags the mirror names in `graph_tags` are copied that way.
_mirror = None


@contextlib.contextmanager
def mirroring(mirror):
    """Copy the plateau writes made inside this block to `mirror` (see above), for the
    live stall check. Writes are unchanged."""
    global _mirror
    previous, _mirror = _mirror, mirror
    try:
        yield mirror
    finally:
        _mirror = previous


def _cast(signal, raw):
    if signal in (md.CONFIG, md.ALERT):
        return raw
    return tf.cast(raw, tf.float64 if signal == md.LOSS_BLOCK else tf.float32)


def write_signal(signal, value, step=None, names=None, columns=None, extra=None):
    """Write one signal tensor under `plateau/<signal>` with its plugin metadata.

    `value` may be a callable returning the tensor; it is then evaluated only when the
    summary is recorded.
    """
    metadata = _metadata(signal, None if names is None else tuple(names),
                         None if columns is None else tuple(columns),
                         json.dumps(extra, sort_keys=True) if extra else None)
    mirror = _mirror

    def tensor():
        raw = _cast(signal, value() if callable(value) else value)
        if mirror is not None:
            _copy_to(mirror, md.tag(signal), metadata, step, raw)
        return raw

    return tf.summary.write(md.tag(signal), tensor, step=step, metadata=metadata)


def _copy_to(mirror, tag, metadata, step, value):
    """The value also goes to the mirror: directly when eager; in a graph only for the tags
    the mirror asks for (a host callback, which runs only when the summary is recorded)."""
    if step is None:
        step = tf.summary.experimental.get_step()
    if step is None:
        return
    if tf.executing_eagerly():
        mirror.add(tag, metadata, int(step), value.numpy())
        return
    if tag not in mirror.graph_tags:
        return

    def add(step_value, tensor_value):
        mirror.add(tag, metadata, int(step_value), tensor_value.numpy())

    tf.py_function(add, [tf.cast(step, tf.int64), value], [])


@functools.lru_cache(maxsize=1024)
def _metadata(signal, names, columns, extra_json):
    """Serialized metadata, built once per distinct content: written with every event, so
    building it per step would be a measurable share of the per-step cost."""
    extra = json.loads(extra_json) if extra_json else None
    return md.create_summary_metadata(signal, names=names, columns=columns,
                                      extra=extra).SerializeToString()


def _if_recording(write_all):
    """Run `write_all` (computes statistics, writes several tags) only when recording.

    One computation feeds several tags, so it cannot live inside each tag's lazy callable
    (in a graph those are separate cond branches).
    """
    return run_if(tf.summary.should_record_summaries(), write_all)


def loss(value, step=None):
    """The loss of the batch trained at `step` (a scalar).

    Under tf.distribute, per-replica losses are summed, which gives the batch loss when each
    replica scales its loss by the global batch size (`tf.nn.compute_average_loss`, and
    what Keras does).
    """
    (value,) = reduced([value], tf.distribute.ReduceOp.SUM)
    return write_signal(md.LOSS, lambda: tf.reshape(tf.cast(value, tf.float32), []), step)


def loss_block(steps, losses):
    """The losses of many steps in one summary: `losses[i]` is the loss of the batch trained
    at `steps[i]` (1-D, same length, steps increasing).

    Written at the last step as one float64 `[2, n]` tensor (row 0 steps, row 1 losses): for
    a loop that already collects its losses, one event per block instead of one per step
    makes a long run much quicker to read. Not reduced across replicas: call it with the
    batch losses already reduced (from the host, outside the replica function).
    """
    steps = tf.reshape(tf.cast(steps, tf.int64), [-1])
    losses = tf.reshape(tf.cast(losses, tf.float64), [-1])

    def block():
        return tf.stack([tf.cast(steps, tf.float64), losses])

    return run_if(tf.size(steps) > 0, lambda: write_signal(md.LOSS_BLOCK, block, steps[-1]))


def learning_rate(value, step=None):
    """The learning rate applied in the update that ended at `step` (a scalar)."""
    return write_signal(md.LEARNING_RATE, lambda: tf.reshape(tf.cast(value, tf.float32), []), step)


def gradients(gradients, variables=None, step=None):
    """Per-layer gradient L2 norms, the global norm and the count of non-finite values.

    Args:
      gradients: list of gradient tensors (None entries, e.g. unused variables, count as 0).
        Pass unscaled gradients under mixed precision (`optimizer.get_unscaled_gradients` or
        divide by the loss scale).
      variables: the variables the gradients belong to, in the same order; they name and
        group the gradients by layer. Without them each gradient is its own entry.
    """
    gradients = list(gradients)
    if variables is not None and len(list(variables)) != len(gradients):
        raise ValueError(f"{len(gradients)} gradients but {len(list(variables))} variables; "
                         "pass the variables the gradients were taken for, in order")
    gradients = reduced(gradients, tf.distribute.ReduceOp.SUM)
    if variables is not None:
        names, groups = signals.layer_groups(list(variables))
    else:
        names, groups = [str(i) for i in range(len(gradients))], [[i] for i in range(len(gradients))]

    def write_all():
        norms, global_norm, nonfinite = signals.gradient_stats(gradients, groups)
        return all_written([
            write_signal(md.GRAD_NORM, norms, step, names=names),
            write_signal(md.GRAD_GLOBAL_NORM, global_norm, step),
            write_signal(md.GRAD_NONFINITE, nonfinite, step),
        ])

    return _if_recording(write_all)


def weights(variables, previous=None, step=None):
    """Per-layer weight L2 norms and, given the values before the last update, update ratios.

    Args:
      variables: the trainable variables, after the update that ended at `step`.
      previous: their values just before that single update (same order), or None.
    """
    variables = list(variables)
    names, groups = signals.layer_groups(variables)

    def write_all():
        results = [write_signal(md.WEIGHT_NORM, signals.group_norms(variables, groups), step,
                                names=names),
                   write_signal(md.WEIGHT_MEAN, signals.group_means(variables, groups), step,
                                names=names)]
        if previous is not None:
            results.append(write_signal(
                md.UPDATE_RATIO, signals.update_ratios(variables, list(previous), groups),
                step, names=names))
        return all_written(results)

    return _if_recording(write_all)


def activations(outputs, activation_names, layer_names, step=None):
    """Statistics of tapped layer outputs: [zero_fraction, saturated_fraction, mean, std],
    and the fraction of each one's units that are zero for every example (dead_units).

    Args:
      outputs: list of layer output tensors.
      activation_names: the activation function of each ('relu', 'sigmoid', 'linear', ...).
      layer_names: the layer each output comes from.
    """
    outputs, activation_names = list(outputs), [str(a) for a in activation_names]
    return all_written([
        write_signal(md.ACTIVATION, lambda: signals.activations_stats(outputs, activation_names),
                     step, names=list(layer_names), columns=md.ACTIVATION_COLUMNS,
                     extra={"activations": activation_names}),
        write_signal(md.DEAD_UNITS, lambda: signals.dead_units(outputs), step,
                     names=list(layer_names)),
    ])


def _feature_names(x, name=None):
    count = signals.feature_count(x)
    if count is None:
        return None
    prefix = f"{name}:" if name else ""
    return [f"{prefix}{i}" for i in range(count)]


def inputs(x, step=None, source=None):
    """Per-feature (per-channel) [mean, std, min, max, nonfinite] of an input batch.

    `x` may be a tensor, or a list/dict of tensors for multi-input models (their features
    are stacked, labelled '<input>:<index>'). `source` ('batch' or 'probe') is recorded in
    the metadata.
    """
    parts = np_signals.input_parts(x)
    names = []
    for name, tensor in parts:
        part_names = _feature_names(tensor, name)
        names = None if (names is None or part_names is None) else names + part_names
    extra = {"source": source} if source else None
    return write_signal(
        md.INPUTS, lambda: tf.concat([signals.input_stats(t) for _, t in parts], axis=0), step,
        names=names, columns=md.INPUT_COLUMNS, extra=extra)


def targets(y, step=None, predictions=None, source=None):
    """Target statistics and, when they look like class labels, class frequencies.

    Class frequencies (`plateau/target_classes`) are written when the targets' shape fits
    the predictions' (sparse [B]/[B, 1] labels, or one-hot [B, K]) and every target is an
    integer; K is the number of output units, 2 for a single unit.
    """
    extra = {"source": source} if source else None
    num_classes = signals.class_count(y, predictions)

    def write_all():
        results = [write_signal(md.TARGETS, signals.target_stats(y), step,
                                columns=md.TARGET_COLUMNS, extra=extra)]
        if num_classes:
            # Already inside "recording", so this condition may replace the outer one.
            with tf.summary.record_if(signals.targets_are_labels(y)):
                results.append(write_signal(
                    md.TARGET_CLASSES, signals.class_frequencies(y, num_classes), step,
                    names=[str(i) for i in range(num_classes)], extra=extra))
        return tf.convert_to_tensor(results[0])

    return _if_recording(write_all)


def predictions(values, step=None):
    """[mean, std_across_batch, min, max, nonfinite] of the model's outputs on a batch."""
    if isinstance(values, (list, tuple)):
        values = values[0]  # multi-output models: the first output, as named in the config
    return write_signal(md.PREDICTIONS, lambda: signals.prediction_stats(values), step,
                        columns=md.PREDICTION_COLUMNS)


def config(configuration, step=None):
    """The run's configuration (a JSON-able dict, see docs/format.md) as a string tensor."""
    text = json.dumps(configuration, sort_keys=True, default=str)
    return write_signal(md.CONFIG, tf.constant(text), step)


def epoch_metrics(logs, step=None, epoch=None):
    """Each numeric entry of a Keras `logs` dict under `plateau/epoch/<name>`.

    `epoch` (0-based, as Keras counts) is written as `plateau/epoch/epoch`.
    """
    results = []
    for name, number in np_signals.epoch_values(logs, epoch):
        results.append(write_signal(md.EPOCH_PREFIX + name, tf.constant(number, tf.float32),
                                    step))
    return all_written(results)


def alert(kind, text, interval=None, step=None):
    """A live stall alert (`on_stall`): `plateau/alert` for the Plateau tab, and the text
    under `tb_plateau/alert` for TensorBoard's Text tab. Never copied to a mirror: the live
    check's own words are not part of the run it judges."""
    body = json.dumps({"kind": kind, "text": text, "interval": interval}, sort_keys=True,
                      default=str)
    with mirroring(None):
        written = write_signal(md.ALERT, tf.constant(body), step)
    tf.summary.text("tb_plateau/alert", tf.constant(text), step=step)
    return written
