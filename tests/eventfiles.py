"""Writes real event files without TensorFlow, for reader, analysis and plugin tests.

Everything goes through TensorBoard's own `EventFileWriter` and the project's
`tb_plateau.metadata`, so what the tests load is byte-for-byte what TensorBoard would see
from a training that used the helper (or, with `scalar`/`histogram`, Keras's own callback).

    with RunWriter(tmp_path, "mlp/lr_too_high") as w:
        w.config({"loss": {"name": "mse"}, "output_activation": "linear"})
        for step in range(1, 101):
            w.signal("loss", step, 2.3)
            w.signal("grad_norm", step, [0.1, 0.2], names=["dense", "dense_1"])

`write_signals(logdir, run, steps, {"loss": values, ...})` writes whole arrays at once.
"""

import json
import os
import time

import numpy as np
from tensorboard.compat.proto import event_pb2, summary_pb2
from tensorboard.plugins.histogram import metadata as histogram_metadata
from tensorboard.plugins.scalar import metadata as scalar_metadata
from tensorboard.summary.writer.event_file_writer import EventFileWriter
from tensorboard.util import tensor_util

from tb_plateau import metadata

# Column labels of the signals that have a column axis (docs/format.md).
COLUMNS = {
    metadata.ACTIVATION: list(metadata.ACTIVATION_COLUMNS),
    metadata.INPUTS: list(metadata.INPUT_COLUMNS),
    metadata.TARGETS: list(metadata.TARGET_COLUMNS),
    metadata.PREDICTIONS: list(metadata.PREDICTION_COLUMNS),
}


def _after_the_newest_file(path):
    """Waits until a new file's name sorts after every event file already in `path`.

    EventFileWriter names files `events.out.tfevents.<second>.<host>.<pid>.<counter>`, and
    TensorBoard's DirectoryWatcher follows them in lexicographic order, skipping a file that
    sorts before the one it is reading. Two files written in one second can sort backwards
    (counter 101 before 99), so a second file waits for the next second, as a resumed
    training would be.
    """
    seconds = [int(name.split(".")[3]) for name in os.listdir(path)
               if name.startswith("events.out.tfevents.") and name.split(".")[3].isdigit()]
    while seconds and int(time.time()) <= max(seconds):
        time.sleep(0.05)


class RunWriter:
    """One run directory's event file, written with TensorBoard's EventFileWriter.

    Summary metadata is attached to the first event of each tag only, as tf.summary does.
    """

    def __init__(self, logdir, run="", filename_suffix="", wall_time=None):
        self.path = os.path.join(str(logdir), run) if run else str(logdir)
        os.makedirs(self.path, exist_ok=True)
        _after_the_newest_file(self.path)
        self._writer = EventFileWriter(self.path, max_queue_size=1000, flush_secs=3600,
                                       filename_suffix=filename_suffix)
        self._seen = set()
        # Events without a wall time of their own follow `wall_time` (default: now), 1 ms apart.
        self._wall = time.time() if wall_time is None else float(wall_time)

    # -- plateau signals -----------------------------------------------------------------

    def signal(self, signal, step, value, names=None, columns=None, extra=None,
               version=None, wall_time=None):
        """One `plateau/<signal>` tensor at `step` (float32, any shape)."""
        if columns is None and signal in COLUMNS:
            columns = COLUMNS[signal]
        tag = metadata.tag(signal)
        meta = None
        if tag not in self._seen:
            meta = metadata.create_summary_metadata(signal, names=names, columns=columns,
                                                    extra=extra)
            if version is not None:
                content = json.loads(meta.plugin_data.content)
                content["version"] = version
                meta.plugin_data.content = json.dumps(content).encode("utf-8")
        self._tensor(tag, step, np.asarray(value, dtype=np.float32), meta, wall_time)

    def loss_block(self, steps, losses, wall_time=None, array=None):
        """One `plateau/loss_block` tensor (float64 [2, n]: steps, losses) at the last step,
        as PlateauCallback writes it; `array` replaces the tensor (for malformed blocks)."""
        tag = metadata.tag(metadata.LOSS_BLOCK)
        meta = None
        if tag not in self._seen:
            meta = metadata.create_summary_metadata(metadata.LOSS_BLOCK)
        if array is None:
            array = np.stack([np.asarray(steps, np.float64), np.asarray(losses, np.float64)])
        self._tensor(tag, int(np.max(steps)), np.asarray(array), meta, wall_time)

    def config(self, config, step=0):
        """The once-per-run `plateau/config` string tensor (a dict is JSON-encoded)."""
        text = config if isinstance(config, (str, bytes)) else json.dumps(config)
        self._string(metadata.CONFIG, step, text, None)

    def alert(self, step, kind, text, interval=None, wall_time=None):
        """A `plateau/alert` string tensor as `summary.alert` writes it: the JSON body
        {"kind": "stall" | "diverged" | "ended", "text", "interval"} at the step raised."""
        body = json.dumps({"kind": kind, "text": text, "interval": interval}, sort_keys=True)
        self._string(metadata.ALERT, step, body, wall_time)

    # -- what Keras's own TensorBoard callback writes -------------------------------------

    def scalar(self, tag, step, value, wall_time=None):
        """An ordinary TensorBoard scalar (what tf.summary.scalar writes)."""
        meta = None
        if tag not in self._seen:
            meta = scalar_metadata.create_summary_metadata(display_name=tag, description="")
            meta.data_class = summary_pb2.DATA_CLASS_SCALAR
        self._tensor(tag, step, np.asarray(value, dtype=np.float32), meta, wall_time)

    def histogram(self, tag, step, values, bins=30, wall_time=None):
        """A TensorBoard v2 histogram ([k, 3] left edge, right edge, count) of `values`."""
        values = np.asarray(values, dtype=np.float64).ravel()
        lo, hi = (float(values.min()), float(values.max())) if values.size else (0.0, 0.0)
        if hi == lo:
            # As TensorBoard's histogram op writes a constant tensor: empty buckets with
            # zero width at the value, everything counted in the last one.
            buckets = np.zeros((bins, 3))
            buckets[:, :2] = lo
            buckets[-1, 2] = values.size
        else:
            counts, edges = np.histogram(values, bins=bins, range=(lo, hi))
            buckets = np.stack([edges[:-1], edges[1:], counts], axis=1)
        meta = None
        if tag not in self._seen:
            meta = histogram_metadata.create_summary_metadata(display_name=tag, description="")
            meta.data_class = summary_pb2.DATA_CLASS_TENSOR
        self._tensor(tag, step, buckets.astype(np.float64), meta, wall_time)

    def raw(self, signal, step, proto, names=None):
        """A `plateau/<signal>` event holding `proto` (a TensorProto) exactly as given, for
        malformed and hostile tensors that no writer API would produce."""
        tag = metadata.tag(signal)
        value = summary_pb2.Summary.Value(tag=tag, tensor=proto)
        if tag not in self._seen:
            value.metadata.CopyFrom(metadata.create_summary_metadata(
                signal, names=names, columns=COLUMNS.get(signal)))
            self._seen.add(tag)
        self._wall += 1e-3
        self._writer.add_event(event_pb2.Event(wall_time=self._wall, step=int(step),
                                               summary=summary_pb2.Summary(value=[value])))

    # -- plumbing ------------------------------------------------------------------------

    def _string(self, signal, step, text, wall_time):
        if isinstance(text, str):
            text = text.encode("utf-8")
        tag = metadata.tag(signal)
        meta = None
        if tag not in self._seen:
            meta = metadata.create_summary_metadata(signal)
        self._tensor(tag, step, np.array(text, dtype=object), meta, wall_time)

    def _tensor(self, tag, step, array, meta, wall_time):
        value = summary_pb2.Summary.Value(tag=tag, tensor=tensor_util.make_tensor_proto(array))
        if meta is not None:
            value.metadata.CopyFrom(meta)
            self._seen.add(tag)
        if wall_time is None:
            self._wall += 1e-3
            wall_time = self._wall
        event = event_pb2.Event(wall_time=wall_time, step=int(step),
                                summary=summary_pb2.Summary(value=[value]))
        self._writer.add_event(event)

    def flush(self):
        self._writer.flush()

    def close(self):
        self._writer.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def write_signals(logdir, run, steps, signals, config=None, names=None, extra=None,
                  alerts=(), wall_time=None):
    """Write whole series at once: `signals` maps a signal name to values of shape (n, ...).

    `names` / `extra` map a signal name to its metadata labels / extra fields; `alerts` is
    a list of (step, kind, text) written as plateau/alert; `wall_time` is the first event's
    (default: now). Returns the run directory.
    """
    names = names or {}
    extra = extra or {}
    steps = np.asarray(steps)
    with RunWriter(logdir, run, wall_time=wall_time) as w:
        if config is not None:
            w.config(config, step=int(steps[0]) if len(steps) else 0)
        for signal, values in signals.items():
            if signal == metadata.LOSS_BLOCK:
                # As PlateauCallback writes the loss: blocks of up to 256 steps.
                for start in range(0, len(steps), 256):
                    w.loss_block(steps[start:start + 256], values[start:start + 256])
                continue
            values = np.asarray(values, dtype=np.float32)
            for i, step in enumerate(steps):
                w.signal(signal, int(step), values[i], names=names.get(signal),
                         extra=extra.get(signal))
        for step, kind, text in alerts:
            w.alert(int(step), kind, text)
        return w.path


def write_keras_scalars(logdir, run, epochs, train, validation=None, histograms=None,
                        wall_time=None):
    """What `keras.callbacks.TensorBoard` writes: `<run>/train` and `<run>/validation` with
    `epoch_<metric>` scalars at step = epoch. `train` / `validation` map a metric name
    ('loss', 'accuracy', 'learning_rate') to per-epoch values; `histograms` maps a weight
    path to a list of per-epoch weight arrays (written as `<path>/histogram`); `wall_time`
    is the first event's (default: now)."""
    with RunWriter(logdir, os.path.join(run, "train"), wall_time=wall_time) as w:
        for name, values in train.items():
            for epoch, value in zip(epochs, values):
                w.scalar("epoch_" + name, int(epoch), float(value))
        for path, arrays in (histograms or {}).items():
            for epoch, array in zip(epochs, arrays):
                w.histogram(path + "/histogram", int(epoch), array)
    if validation:
        with RunWriter(logdir, os.path.join(run, "validation"), wall_time=wall_time) as w:
            for name, values in validation.items():
                for epoch, value in zip(epochs, values):
                    w.scalar("epoch_" + name, int(epoch), float(value))
