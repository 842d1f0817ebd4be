"""Writing plateau signals to a run's event files without TensorFlow: numpy values,
TensorBoard's own record framing, protos and file-system layer.

`EventWriter` is one event file. It uses what TensorBoard's `EventFileWriter` uses (its
`RecordWriter` framing, `event_pb2` protos, the file name pattern) except the file layer:
`EventFileWriter` opens files through `tensorboard.compat.tf`, which imports TensorFlow
whenever it is installed, so this one goes through TensorBoard's TensorFlow-free gfile stub
(local files, and S3 / fsspec URLs as TensorBoard itself reads them). Records are kept in
memory and written at `flush`, one file write per flush.

`SignalWriter` writes each signal as `summary.py` does on TensorFlow (same tags, dtypes,
shapes, metadata), from numpy arrays, the statistics computed by `np_signals`; with a
`RunMirror` every write but the alerts is also copied there for the live stall check.
"""

import contextlib
import functools
import io
import json
import os
import socket
import struct
import threading
import time

import numpy as np
from tensorboard.compat.proto import (event_pb2, summary_pb2, tensor_pb2, tensor_shape_pb2,
                                      types_pb2)
from tensorboard.compat.tensorflow_stub.io import gfile
from tensorboard.compat.tensorflow_stub.pywrap_tensorflow import masked_crc32c
from tensorboard.summary.writer.record_writer import RecordWriter
from tensorboard.util import tensor_util

from tb_plateau import metadata as md
from tb_plateau.record import np_signals

# What TensorBoard's EventFileWriter writes as the first event of a file.
FILE_VERSION = "brain.Event:2"
_WRITER_NAME = "tb_plateau.record.event_writer"
_file_counter = iter(range(1 << 62))
_counter_lock = threading.Lock()


class EventWriter:
    """One new event file in `log_dir`, named as TensorBoard's EventFileWriter names them.

    `add_event` keeps the framed record in memory; `flush` writes what is pending in one
    write; `close` flushes and closes. Not thread-safe beyond that one lock per call.
    """

    def __init__(self, log_dir, filename_suffix=""):
        log_dir = os.fspath(log_dir)
        gfile.makedirs(log_dir)
        with _counter_lock:
            counter = next(_file_counter)
        self.path = os.path.join(log_dir, "events.out.tfevents.%010d.%s.%s.%s%s" % (
            time.time(), socket.gethostname(), os.getpid(), counter, filename_suffix))
        self._file = gfile.GFile(self.path, "wb")
        self._pending = io.BytesIO()
        self._records = RecordWriter(self._pending)
        self._lock = threading.Lock()
        self._closed = False
        self.add_event(event_pb2.Event(
            wall_time=time.time(), file_version=FILE_VERSION,
            source_metadata=event_pb2.SourceMetadata(writer=_WRITER_NAME)))
        self.flush()

    def add_event(self, event):
        data = event.SerializeToString()
        with self._lock:
            if self._closed:
                raise IOError("the event file writer is closed")
            self._records.write(data)

    def flush(self):
        with self._lock:
            if self._closed:
                raise IOError("the event file writer is closed")
            data = self._pending.getvalue()
            if data:
                self._file.write(data)
                self._pending.seek(0)
                self._pending.truncate()
            self._file.flush()

    def close(self):
        if self._closed:
            return
        try:
            self.flush()
        finally:
            with self._lock:
                self._closed = True
                self._file.close()


def read_events(path):
    """The `Event` protos of one event file, in order, up to the first incomplete or
    corrupt record (a file still being written ends in one)."""
    with gfile.GFile(os.fspath(path), "rb") as f:
        data = f.read()
    offset = 0
    while offset + 12 <= len(data):
        header = data[offset:offset + 8]
        (length,) = struct.unpack("<Q", header)
        (header_crc,) = struct.unpack("<I", data[offset + 8:offset + 12])
        end = offset + 12 + length + 4
        if header_crc != masked_crc32c(header) or end > len(data):
            return
        body = data[offset + 12:offset + 12 + length]
        (body_crc,) = struct.unpack("<I", data[end - 4:end])
        if body_crc != masked_crc32c(body):
            return
        event = event_pb2.Event()
        try:
            event.ParseFromString(body)
        except Exception:
            return
        yield event
        offset = end


def event_file_paths(log_dir):
    """The event files directly in `log_dir`."""
    log_dir = os.fspath(log_dir)
    try:
        names = gfile.listdir(log_dir)
    except Exception:
        return []
    names = [n.decode() if isinstance(n, bytes) else n for n in names]
    return [os.path.join(log_dir, n) for n in sorted(names) if "tfevents" in n]


def _metadata_bytes(signal, names=None, columns=None, extra=None):
    return _cached_metadata(signal, None if names is None else tuple(str(n) for n in names),
                            None if columns is None else tuple(columns),
                            json.dumps(extra, sort_keys=True) if extra else None)


@functools.lru_cache(maxsize=1024)
def _cached_metadata(signal, names, columns, extra_json):
    """Serialized metadata, built once per distinct content (as summary.py does)."""
    extra = json.loads(extra_json) if extra_json else None
    return md.create_summary_metadata(signal, names=names, columns=columns,
                                      extra=extra).SerializeToString()


def _array(signal, value):
    """A signal's value as the numpy array a reader decodes from its event: float32 (float64
    for loss blocks), or a bytes scalar for the JSON signals (as TensorFlow writes them)."""
    if signal in (md.CONFIG, md.ALERT):
        return np.asarray(str(value).encode("utf-8"), dtype=object)
    return np.asarray(value, dtype=np.float64 if signal == md.LOSS_BLOCK else np.float32)


def _tensor(array):
    """The TensorProto of an `_array`: strings through TensorBoard's make_tensor_proto,
    numbers packed directly (make_tensor_proto costs ~0.1 ms a call, a diagnostic makes ten)."""
    if array.dtype == object:
        return tensor_util.make_tensor_proto(array.item())
    proto = tensor_pb2.TensorProto(
        dtype=types_pb2.DT_DOUBLE if array.dtype == np.float64 else types_pb2.DT_FLOAT,
        tensor_shape=tensor_shape_pb2.TensorShapeProto(
            dim=[tensor_shape_pb2.TensorShapeProto.Dim(size=d) for d in array.shape]))
    proto.tensor_content = np.ascontiguousarray(array).astype(array.dtype.newbyteorder("<"),
                                                              copy=False).tobytes()
    return proto


class SignalWriter:
    """Writes plateau signals (numpy in, event protos out) to an `EventWriter`-like object
    (anything with `add_event(event)` and `flush()`, e.g. TensorBoard's EventFileWriter).

    Each method writes what the op of the same name in `summary.py` writes. Metadata goes
    with the first event of a tag and again whenever it changes (TensorBoard keeps the
    first it sees per tag, as from tf.summary). `mirror`: a RunMirror that also gets
    every write except alerts (the live check's input).
    """

    def __init__(self, writer, mirror=None):
        self.writer = writer
        self.mirror = mirror
        self._metadata_written = {}  # tag -> metadata bytes last written with it
        self._cache = {}
        self._gathering = None  # step -> Event, inside `one_event_per_step`

    # --- the one write path -------------------------------------------------------------

    def write(self, signal, step, value, names=None, columns=None, extra=None):
        """One `plateau/<signal>` tensor at `step`, with its plugin metadata."""
        tag = md.tag(signal)
        metadata = _metadata_bytes(signal, names, columns, extra)
        array = _array(signal, value)
        self._add(tag, int(step), _tensor(array), metadata)
        if self.mirror is not None and signal != md.ALERT:
            self.mirror.add(tag, metadata, int(step),
                            array.item() if array.dtype == object else array)

    def _add(self, tag, step, tensor, metadata_bytes):
        value = summary_pb2.Summary.Value(tag=tag, tensor=tensor)
        if self._metadata_written.get(tag) != metadata_bytes:
            value.metadata.ParseFromString(metadata_bytes)
            self._metadata_written[tag] = metadata_bytes
        if self._gathering is not None:
            event = self._gathering.get(step)
            if event is None:
                event = self._gathering[step] = event_pb2.Event(wall_time=time.time(),
                                                                step=step)
            event.summary.value.append(value)
            return
        event = event_pb2.Event(wall_time=time.time(), step=step)
        event.summary.value.append(value)
        self.writer.add_event(event)

    @contextlib.contextmanager
    def one_event_per_step(self):
        """Writes inside go out as one event per step holding all their values (as a
        merged tf.summary did), when the block ends: a diagnostic's dozen signals cost one
        write instead of twelve (through a tf.summary writer, ~0.5 ms each)."""
        if self._gathering is not None:  # nested: the outer block writes
            yield
            return
        self._gathering = {}
        try:
            yield
        finally:
            gathered, self._gathering = self._gathering, None
            for event in gathered.values():
                self.writer.add_event(event)

    def flush(self):
        self.writer.flush()

    # --- one method per summary.py op -----------------------------------------------------

    def loss_block(self, steps, losses):
        steps = np.asarray(steps, np.int64).reshape(-1)
        if not steps.size:
            return
        block = np.stack([steps.astype(np.float64), np.asarray(losses, np.float64).reshape(-1)])
        self.write(md.LOSS_BLOCK, steps[-1], block)

    def learning_rate(self, step, value):
        self.write(md.LEARNING_RATE, step, np.float32(value))

    def gradients(self, step, gradients, variables):
        names, groups = np_signals.layer_groups(list(variables))
        norms, global_norm, nonfinite = np_signals.gradient_stats(list(gradients), groups)
        self.write(md.GRAD_NORM, step, norms, names=names)
        self.write(md.GRAD_GLOBAL_NORM, step, global_norm)
        self.write(md.GRAD_NONFINITE, step, nonfinite)

    def weights(self, step, values, variables, previous=None):
        """Weight norms of `values` (the variables' values after the update that ended at
        `step`), and update ratios against `previous` (their values just before it)."""
        names, groups = np_signals.layer_groups(list(variables))
        self.write(md.WEIGHT_NORM, step, np_signals.group_norms(values, groups), names=names)
        self.write(md.WEIGHT_MEAN, step, np_signals.group_means(values, groups), names=names)
        if previous is not None:
            self.write(md.UPDATE_RATIO, step,
                       np_signals.update_ratios(values, previous, groups), names=names)

    def activations(self, step, outputs, activation_names, layer_names):
        activation_names = [str(a) for a in activation_names]
        self.write(md.ACTIVATION, step, np_signals.activations_stats(outputs, activation_names),
                   names=list(layer_names), columns=md.ACTIVATION_COLUMNS,
                   extra={"activations": activation_names})
        self.write(md.DEAD_UNITS, step, np_signals.dead_units(outputs), names=list(layer_names))

    def _writes(self, step, cache_key, build):
        """Write the (signal, value, names, columns, extra) list `build()` returns; with a
        `cache_key`, built once (the probe's inputs and targets never change)."""
        writes = self._cache.get(cache_key) if cache_key is not None else None
        if writes is None:
            writes = build()
            if cache_key is not None:
                self._cache[cache_key] = writes
        for signal, value, names, columns, extra in writes:
            self.write(signal, step, value, names=names, columns=columns, extra=extra)

    def inputs(self, step, x, source=None, cache_key=None):
        """`cache_key`: the same key promises the same `x` (its statistics are reused)."""
        self._writes(step, None if cache_key is None else ("inputs", cache_key),
                     lambda: [self._inputs(x, source)])

    def _inputs(self, x, source):
        parts = np_signals.input_parts(x)
        names = []
        for name, array in parts:
            prefix = f"{name}:" if name else ""
            names += [f"{prefix}{i}" for i in range(np_signals.feature_count(array))]
        stats = np.concatenate([np_signals.input_stats(a) for _, a in parts], axis=0)
        return (md.INPUTS, stats, names, md.INPUT_COLUMNS,
                {"source": source} if source else None)

    def targets(self, step, y, predictions_shape=None, source=None, cache_key=None,
                sample=False):
        """`predictions_shape`: the model's (first) output shape on these examples, which
        tells class labels from regression targets (as summary.targets' `predictions`).
        `cache_key`: as for `inputs`. `sample`: written as `target_sample` and
        `target_sample_classes` (every target probe_data holds) instead."""
        self._writes(step, None if cache_key is None else ("targets", sample, cache_key),
                     lambda: self._targets(y, predictions_shape, source, sample))

    def _targets(self, y, predictions_shape, source, sample=False):
        extra = {"source": source} if source else None
        stats, classes = (md.TARGET_SAMPLE, md.TARGET_SAMPLE_CLASSES) if sample else \
            (md.TARGETS, md.TARGET_CLASSES)
        y = np_signals.to_numpy(y)
        writes = [(stats, np_signals.target_stats(y), None, md.TARGET_COLUMNS, extra)]
        num_classes = np_signals.class_count(np.shape(y), predictions_shape)
        if num_classes and np_signals.targets_are_labels(y):
            writes.append((classes, np_signals.class_frequencies(y, num_classes),
                           [str(i) for i in range(num_classes)], None, extra))
        return writes

    def predictions(self, step, values):
        if isinstance(values, (list, tuple)):
            values = values[0]
        self.write(md.PREDICTIONS, step, np_signals.prediction_stats(values),
                   columns=md.PREDICTION_COLUMNS)

    def probe_loss(self, step, value):
        """The compiled loss on the probe in inference mode."""
        self.write(md.PROBE_LOSS, step, np.float32(value))

    def constant_fit(self, step, values):
        """Probe.constant_fit's four numbers."""
        self.write(md.CONSTANT_FIT, step, np.asarray(values, np.float32),
                   columns=md.CONSTANT_FIT_COLUMNS)

    def reference_fit(self, step, values):
        """Probe.reference_fit's five numbers."""
        self.write(md.REFERENCE_FIT, step, np.asarray(values, np.float32),
                   columns=md.REFERENCE_FIT_COLUMNS)

    def config(self, step, configuration):
        self.write(md.CONFIG, step, json.dumps(configuration, sort_keys=True, default=str))

    def epoch_metrics(self, step, logs, epoch=None):
        for name, number in np_signals.epoch_values(logs, epoch):
            self.write(md.EPOCH_PREFIX + name, step, np.float32(number))

    def alert(self, step, kind, text, interval=None):
        """`plateau/alert` for the Plateau tab and the text under `tb_plateau/alert` for
        TensorBoard's Text tab (never mirrored: the live check's own words are not part of
        the run it judges)."""
        from tensorboard.plugins.text import metadata as text_metadata

        body = json.dumps({"kind": kind, "text": text, "interval": interval}, sort_keys=True,
                          default=str)
        self.write(md.ALERT, step, body)
        self._add("tb_plateau/alert", int(step), tensor_util.make_tensor_proto(str(text)),
                  text_metadata.create_summary_metadata("", "").SerializeToString())
