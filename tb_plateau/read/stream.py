"""Streams a logdir's event files into numpy arrays and serves them as a TensorBoard data
provider: what `tb-plateau report` reads through (reader.py builds the report from it exactly
as from TensorBoard's own providers). Imports no TensorFlow.

What it reproduces of TensorBoard's Python loader (the multiplexer the CLI used before, and
what tests/test_cli_stream.py compares against):

- runs: every directory under the logdir holding a file with `tfevents` in its name, named by
  its path relative to the logdir (`.` for the logdir itself); a run's files are read in
  sorted order, `.profile-empty` files skipped;
- records: both checksums verified; a damaged record ends its file (the records before it are
  kept, and the run gets a note, which TensorBoard only logs);
- events: TensorBoard's read-time compatibility layers (`data_compat`, `dataclass_compat`)
  applied, so legacy `simple_value` scalars and histograms become tensors; a tag's metadata is
  the first one written in the run; purging of orphaned steps after a restart (a second
  `SessionLog.START`, or a step going back in a file of format version < 2).

What it keeps: for every tag, its point count, last step and last wall time (the listings);
the points themselves only for the tags `keep(tag, metadata)` accepts (the CLI keeps the ones
`reader.read_run` can ask for: `reader.reads_tag`), as float64 arrays. A tensor is decoded
while streaming only when it is real-valued, declares at most protos.ELEMENTS_PER_TENSOR
elements and stores every one of them (no value repeated to fill a declared shape, the
encoding of a tensor bomb): what is decoded is then at most twice its bytes in the file.
Others (strings, bombs, types numpy cannot hold) are kept as their undecoded TensorProtos,
for protos.decode to judge within the run's own bounds, as with TensorBoard's providers.

Speed: a record is parsed as a protobuf only when it has to be. Records of one length that
differ from a parsed one only in the bytes of its wall time, step and value (one scalar a
step, a loss block, a per-layer vector; whatever the writer) are decoded from those bytes
for all of them at once. Wall times of points are not kept (the listings have the last).
"""

import os
import random

import numpy as np
from google.protobuf import message as pb_message
from tensorboard import data_compat, dataclass_compat
from tensorboard.compat.proto import event_pb2, summary_pb2, types_pb2
from tensorboard.data import provider as tb_provider
from tensorboard.util import tensor_util

from tb_plateau.read import protos, records

# A run and its files.
_EVENTS_MARK = "tfevents"
_PROFILE_EMPTY = ".profile-empty"

# Tensors decoded while streaming: at most this many elements each; larger ones stay
# protos (protos.decode applies the run's own bound to them).
DENSE_ELEMENTS = protos.ELEMENTS_PER_TENSOR

# A group of same-length records is decoded in bulk from this size on (smaller ones are parsed
# one by one: the array set-up costs about as much as parsing a dozen events).
_BULK_MIN = 16
# Templates tried per group of same-length records (several tags can share a length).
_TEMPLATE_ROUNDS = 4

# Plugins whose read-time migration changes a tensor, not only its metadata
# (dataclass_compat): their tags are never decoded in bulk.
_RESHAPED_PLUGINS = frozenset(["audio", "hparams", "graph_run_metadata",
                               "graph_run_metadata_graph", "graph_keras_model"])

# Event fields (tensorboard/compat/proto/event.proto) that change how later events are read.
_FILE_VERSION = 3
_SESSION_LOG = 7

# Tensor types decoded in bulk: their numpy layout and the field of their packed values.
_BULK_DTYPES = {types_pb2.DT_FLOAT: ("<f4", 5), types_pb2.DT_DOUBLE: ("<f8", 6)}
_ITEM_SIZES = {
    types_pb2.DT_HALF: 2, types_pb2.DT_BFLOAT16: 2, types_pb2.DT_FLOAT: 4,
    types_pb2.DT_DOUBLE: 8, types_pb2.DT_INT8: 1, types_pb2.DT_INT16: 2, types_pb2.DT_INT32: 4,
    types_pb2.DT_INT64: 8, types_pb2.DT_UINT8: 1, types_pb2.DT_UINT16: 2,
    types_pb2.DT_UINT32: 4, types_pb2.DT_UINT64: 8, types_pb2.DT_BOOL: 1,
}


# -- the logdir's runs -------------------------------------------------------------------------


def discover_runs(logdir):
    """{run name: [event file paths, in reading order]} of the run directories under logdir."""
    logdir = os.path.expanduser(logdir)
    runs = {}
    seen = set()
    for dir_path, dir_names, file_names in os.walk(logdir, followlinks=True):
        real = os.path.realpath(dir_path)
        if real in seen:  # a symlink loop
            dir_names[:] = []
            continue
        seen.add(real)
        events = [name for name in file_names if _EVENTS_MARK in name]
        if not events:
            continue
        name = os.path.relpath(dir_path, logdir)
        runs[name] = sorted(os.path.join(dir_path, f) for f in events
                            if not f.endswith(_PROFILE_EMPTY))
    return runs


# -- per-tag storage ---------------------------------------------------------------------------


class _DensePart:
    """Consecutive points of one tag whose values have one shape: steps int64 (n,), values
    float64 (n, *shape), held as chunks until first asked for."""

    __slots__ = ("shape", "_steps", "_values", "count")

    def __init__(self, shape):
        self.shape = shape
        self._steps = []
        self._values = []
        self.count = 0

    def add(self, steps, values):
        self._steps.append(steps)
        self._values.append(values)
        self.count += len(steps)

    def arrays(self):
        if len(self._steps) != 1:
            # Chunk by chunk into arrays of the final size, each chunk dropped once copied:
            # the points are held once, plus one chunk.
            steps = np.empty(self.count, np.int64)
            values = np.empty((self.count,) + self.shape)
            at = 0
            while self._steps:
                chunk_steps, chunk_values = self._steps.pop(0), self._values.pop(0)
                steps[at:at + len(chunk_steps)] = chunk_steps
                values[at:at + len(chunk_steps)] = chunk_values
                at += len(chunk_steps)
            self._steps, self._values = [steps], [values]
        return self._steps[0], self._values[0]

    def keep(self, mask):
        steps, values = self.arrays()
        self._steps, self._values = [steps[mask]], [values[mask]]
        self.count = int(mask.sum())


class _ProtoPart:
    """Consecutive points of one tag kept as undecoded TensorProtos: [(step, wall, proto)]."""

    __slots__ = ("items",)

    def __init__(self):
        self.items = []

    @property
    def count(self):
        return len(self.items)

    def keep(self, mask):
        self.items = [item for item, keep in zip(self.items, mask) if keep]


class _Tag:
    """One tag of one run: the listing's numbers, and the points when kept."""

    __slots__ = ("count", "max_step", "max_wall", "keep", "parts", "decoded")

    def __init__(self, keep):
        self.decoded = 0  # elements decoded while streaming
        self.count = 0
        self.max_step = None
        self.max_wall = None
        self.keep = keep
        self.parts = []

    def saw(self, count, max_step, max_wall):
        self.count += count
        if self.max_step is None or max_step > self.max_step:
            self.max_step = max_step
        if max_wall == max_wall and (self.max_wall is None or max_wall > self.max_wall):
            self.max_wall = max_wall

    def add_dense(self, steps, values):
        last = self.parts[-1] if self.parts else None
        if not isinstance(last, _DensePart) or last.shape != values.shape[1:]:
            last = _DensePart(values.shape[1:])
            self.parts.append(last)
        last.add(steps, values)

    def add_proto(self, step, wall, proto):
        last = self.parts[-1] if self.parts else None
        if not isinstance(last, _ProtoPart):
            last = _ProtoPart()
            self.parts.append(last)
        last.items.append((step, wall, proto))

    def purge_from(self, step):
        """Drops the kept points at `step` and after (TensorBoard's orphaned-data purge)."""
        for part in self.parts:
            if isinstance(part, _DensePart):
                part.keep(part.arrays()[0] < step)
            else:
                part.keep([s < step for s, _, _ in part.items])
        self.parts = [p for p in self.parts if p.count]
        if self.keep is not False:
            # The wall time of what is left is not kept: the last one read stands.
            self.count = sum(p.count for p in self.parts)
            steps = [int(p.arrays()[0].max()) if isinstance(p, _DensePart)
                     else max(s for s, _, _ in p.items) for p in self.parts]
            self.max_step = max(steps) if steps else None


# -- bulk decoding of one-value events --------------------------------------------------------


def _varint(data, pos, end):
    result = shift = 0
    while pos < end:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos
        shift += 7
        if shift >= 70:
            return None, end
    return None, end


def _fields(data, start, end):
    """{field number: [(wire type, payload start, payload end)]} of a message, or None."""
    out = {}
    pos = start
    while pos < end:
        key, pos = _varint(data, pos, end)
        if key is None:
            return None
        field, wire = key >> 3, key & 7
        if wire == 0:
            value, after = _varint(data, pos, end)
            if value is None:
                return None
        elif wire == 1:
            after = pos + 8
        elif wire == 2:
            length, pos = _varint(data, pos, end)
            if length is None:
                return None
            after = pos + length
        elif wire == 5:
            after = pos + 4
        else:
            return None
        if after > end:
            return None
        out.setdefault(field, []).append((wire, pos, after))
        pos = after
    return out


def _one(fields, number, wire):
    found = fields.get(number)
    if found is None:
        return None
    if len(found) != 1 or found[0][0] != wire:
        raise ValueError
    return found[0]


class _Template:
    """The layout of an event holding one value: a float or double tensor of at most
    DENSE_ELEMENTS elements stored whole (in tensor_content or a packed value field), or a
    legacy simple_value, at one step and wall time. Events whose bytes equal the template's
    outside those three fields are the same event with other numbers, and are decoded from
    the bytes directly: one scalar a step, a loss block, a per-layer vector."""

    __slots__ = ("row", "tag", "has_metadata", "simple", "shape", "count", "wall", "step",
                 "value", "value_dtype", "fixed")

    @classmethod
    def of(cls, row):
        """The template of one record (uint8 array), or None when it is not such an event."""
        data = row.tobytes()
        try:
            return cls._of(row, data)
        except (ValueError, IndexError, pb_message.DecodeError):
            return None

    @classmethod
    def _of(cls, row, data):
        event = _fields(data, 0, len(data))
        if event is None or not set(event) <= {1, 2, 5}:
            return None
        wall = _one(event, 1, 1)
        step = _one(event, 2, 0)
        summary = _one(event, 5, 2)
        if summary is None:
            return None
        values = _fields(data, summary[1], summary[2])
        if values is None or set(values) != {1}:
            return None
        value = _one(values, 1, 2)
        fields = _fields(data, value[1], value[2])
        if fields is None or not set(fields) <= {1, 2, 8, 9} or 1 not in fields:
            return None
        tag = _one(fields, 1, 2)
        has_metadata = _one(fields, 9, 2) is not None
        simple = _one(fields, 2, 5)
        tensor = _one(fields, 8, 2)
        if (simple is None) == (tensor is None):
            return None
        parsed = event_pb2.Event.FromString(data)
        pvalue = parsed.summary.value[0]
        self = cls()
        self.tag = pvalue.tag
        if not self.tag or data[tag[1]:tag[2]] != self.tag.encode("utf-8"):
            return None
        self.has_metadata = has_metadata
        self.simple = simple is not None
        if self.simple:
            self.shape, self.count = (), 1
            self.value, self.value_dtype = simple[1], "<f4"
            expected = np.float64(pvalue.simple_value)
        else:
            proto = pvalue.tensor
            layout = _BULK_DTYPES.get(proto.dtype)
            count = protos.declared_elements(proto)
            if layout is None or count is None or not 1 <= count <= DENSE_ELEMENTS:
                return None
            dtype, packed_field = layout
            tfields = _fields(data, tensor[1], tensor[2])
            if tfields is None or not set(tfields) <= {1, 2, 3, 4, packed_field}:
                return None
            _one(tfields, 1, 0)
            _one(tfields, 2, 2)
            _one(tfields, 3, 0)
            size = int(dtype[-1])
            content = _one(tfields, 4, 2)
            payload = tfields.get(packed_field)
            if (content is None) == (payload is None):
                return None
            if content is None:
                if len(payload) != 1:
                    return None
                wire, start, stop = payload[0]
                if wire != 2 and not (count == 1 and wire == (1 if size == 8 else 5)):
                    return None
            else:
                start, stop = content[1], content[2]
            if stop - start != size * count:  # stored whole: no value repeated to fill it
                return None
            self.shape = tuple(int(d.size) for d in proto.tensor_shape.dim)
            self.count = count
            self.value, self.value_dtype = start, dtype
            expected = tensor_util.make_ndarray(proto).astype(np.float64)
        self.wall = wall[1] if wall is not None else None
        self.step = (step[1], step[2] - step[1]) if step is not None else None
        self.row = row
        varying = np.zeros(len(row), bool)
        varying[self.value:self.value + self.count * int(self.value_dtype[-1])] = True
        if self.wall is not None:
            varying[self.wall:self.wall + 8] = True
        if self.step is not None:
            varying[self.step[0]:self.step[0] + self.step[1]] = True
        self.fixed = np.flatnonzero(~varying)
        # The parser and this layout must agree on the template itself.
        walls, steps, numbers, ok = self.decode(row[None, :])
        if not (ok[0] and walls[0] == parsed.wall_time and steps[0] == parsed.step
                and np.array_equal(numbers[0], expected, equal_nan=True)):
            return None
        return self

    def varies(self, columns):
        """Whether all these byte columns are ones the template lets vary."""
        fixed = np.zeros(len(self.row), bool)
        fixed[self.fixed] = True
        return not fixed[columns].any()

    def match(self, rows):
        """Which rows are this event with other numbers (bool array)."""
        return (rows[:, self.fixed] == self.row[self.fixed]).all(axis=1)

    def decode(self, rows):
        """(wall times, steps, values as float64 (n, *shape), ok) of matching rows; ok is
        False where the step bytes are not a varint of the template's length."""
        n = len(rows)
        if self.wall is not None:
            walls = np.ascontiguousarray(rows[:, self.wall:self.wall + 8]).view("<f8")[:, 0]
        else:
            walls = np.zeros(n)
        ok = np.ones(n, bool)
        if self.step is not None:
            start, length = self.step
            raw = rows[:, start:start + length].astype(np.uint64)
            if length > 1:
                ok &= (raw[:, :-1] & 0x80).all(axis=1)
            ok &= (raw[:, -1] & 0x80) == 0
            steps = np.zeros(n, np.uint64)
            for j in range(length):
                steps |= (raw[:, j] & np.uint64(0x7F)) << np.uint64(7 * j)
            steps = steps.view(np.int64)
        else:
            steps = np.zeros(n, np.int64)
        size = self.count * int(self.value_dtype[-1])
        values = np.ascontiguousarray(rows[:, self.value:self.value + size]).view(
            self.value_dtype).astype(np.float64).reshape((n,) + self.shape)
        return walls, steps, values, ok


# -- one run -----------------------------------------------------------------------------------


class _Run:
    """Reads one run's event files, as TensorBoard's EventAccumulator would, into _Tags."""

    def __init__(self, name, keep):
        self.name = name
        self._keep = keep
        self.tags = {}
        self.metadata = {}  # tag -> SummaryMetadata: the first one written in the run
        self.first_wall = None
        self.notes = []
        self._file_version = None
        self._seen_start = False
        self._most_recent_step = -1

    def read_file(self, path):
        """Reads one event file of the run to its end as it is now, or to its first
        unreadable record (with a note)."""
        initial = {}  # the compat layers' state is per file, as in TensorBoard's loader
        batches = records.read_file(path)
        done = 0
        try:
            while True:
                batch = next(batches)
                done = batch.first + len(batch)
                stopped = self._batch(batch, initial)
                if stopped is not None:
                    self._note(path, "has a record that is not an event (record %d); the %d "
                               "records before it were read, the rest of the file was not"
                               % (stopped + 1, stopped))
                    batches.close()
                    return
        except StopIteration as stop:
            end = stop.value
        except OSError as e:
            self._note(path, "could not be read (%s); %d records were read"
                       % (e.strerror or type(e).__name__, done))
            return
        if end.status == "damaged":
            self._note(path, "has a damaged record at byte %d (its checksum does not match); "
                       "the %d records before it were read, the rest of the file was not"
                       % (end.offset, end.records))
        elif end.status == "incomplete":
            self._note(path, "ends in an incomplete record at byte %d (cut off, or still "
                       "being written); the %d records before it were read"
                       % (end.offset, end.records))

    def _note(self, path, text):
        self.notes.append("event file %s %s" % (os.path.basename(path), text))

    def _tag(self, tag):
        found = self.tags.get(tag)
        if found is None:
            meta = self.metadata.get(tag)
            found = self.tags[tag] = _Tag(None if meta is None else self._keeps(tag, meta))
        return found

    def _keeps(self, tag, meta):
        return bool(self._keep(tag, meta))

    # -- a batch of records

    def _batch(self, batch, initial):
        """Processes a batch; returns the file index of a record that is not an event (which
        ends the file), else None."""
        if self._file_version is None or self._file_version < 2:
            return self._one_by_one(batch, initial)
        bulk, rest = self._bulk(batch, initial)
        for i in rest:
            # A file version or a session log (a restart purges) within the batch: all of
            # it in order, one by one. Told from the event's top-level fields, unparsed.
            record = batch.record(i)
            fields = _fields(record, 0, len(record))
            if fields is None or _FILE_VERSION in fields or _SESSION_LOG in fields:
                return self._one_by_one(batch, initial)
        pending = []
        for i in rest:
            try:
                event = event_pb2.Event.FromString(batch.record(i))
            except pb_message.DecodeError:
                self._merge({tag: _before(chunks, i) for tag, chunks in bulk.items()}, pending)
                return batch.first + i
            self._event(event, initial, pending, i)
        self._merge(bulk, pending)
        return None

    def _one_by_one(self, batch, initial):
        for i in range(len(batch)):
            try:
                event = event_pb2.Event.FromString(batch.record(i))
            except pb_message.DecodeError:
                return batch.first + i
            self._event(event, initial, None, i)
        return None

    def _event(self, event, initial, pending, index):
        """TensorBoard's compat layers and EventAccumulator._ProcessEvent for one event."""
        event = data_compat.migrate_event(event)
        for event in dataclass_compat.migrate_event(event, initial):
            if self.first_wall is None:
                self.first_wall = event.wall_time
            if event.HasField("file_version"):
                self._file_version = _file_version(event.file_version)
            self._maybe_purge(event)
            if not event.HasField("summary"):
                continue
            for value in event.summary.value:
                if value.HasField("metadata") and value.tag not in self.metadata:
                    self.metadata[value.tag] = value.metadata
                    tag = self.tags.get(value.tag)
                    if tag is not None and tag.keep is None:
                        tag.keep = self._keeps(value.tag, value.metadata)
                        if not tag.keep:
                            tag.parts = []
                if value.HasField("tensor"):
                    self._tensor(value.tag or value.node_name, event.wall_time, event.step,
                                 value.tensor, pending, index)

    def _maybe_purge(self, event):
        if self._file_version is not None and self._file_version >= 2:
            if event.session_log.status == event_pb2.SessionLog.START:
                if self._seen_start:
                    for tag in self.tags.values():
                        tag.purge_from(event.step)
                self._seen_start = True
        elif event.step < self._most_recent_step and event.HasField("summary"):
            for value in event.summary.value:
                tag = self.tags.get(value.tag)
                if tag is not None:
                    tag.purge_from(event.step)
        if event.HasField("summary"):
            self._most_recent_step = event.step

    def _tensor(self, tag_name, wall, step, proto, pending, index):
        tag = self._tag(tag_name)
        tag.saw(1, step, wall)
        if tag.keep is False:
            return
        array = _decode(proto, protos.ELEMENTS_PER_TAG - tag.decoded)
        if array is not None:
            tag.decoded += array.size
        if pending is not None:
            pending.append((index, tag_name, step, wall, proto, array))
        elif array is None:
            tag.add_proto(step, wall, proto)
        else:
            tag.add_dense(np.array([step], np.int64), array[None])

    def finish(self):
        """Drops the points of tags that never got metadata (TensorBoard does not list them)."""
        for tag in self.tags.values():
            if tag.keep is None:
                tag.parts = []

    # -- bulk

    def _bulk(self, batch, initial):
        """({tag: [(indices, steps, values, walls)]} of the events decoded in bulk, and the
        indices of the records left to parse one by one); changes no state."""
        rest = []
        bulk = {}
        for length, group, rows in batch.groups():
            if len(group) < _BULK_MIN:
                rest.extend(group.tolist())
                continue
            left = np.arange(len(group))
            for _ in range(_TEMPLATE_ROUNDS):
                if len(left) < _BULK_MIN:
                    break
                template = _Template.of(rows[left[0]])
                if template is None or not self._bulk_ready(template, initial):
                    rest.append(int(group[left[0]]))
                    left = left[1:]
                    continue
                differing = batch.differing.get(length)
                if left[0] == 0 and differing is not None and template.varies(differing):
                    # The group differs from its first record only where the template
                    # varies (the checksums found out): every record matches.
                    match = np.arange(len(left))
                else:
                    match = np.flatnonzero(template.match(rows[left]))
                walls, steps, values, ok = template.decode(rows[left[match]])
                hit = left[match[ok]]
                if len(hit):
                    bulk.setdefault(template.tag, []).append(
                        (group[hit], steps[ok], values[ok], walls[ok]))
                miss = np.ones(len(left), bool)
                miss[match[ok]] = False
                left = left[miss]
            rest.extend(group[left].tolist())
        rest.sort()
        return bulk, rest

    def _bulk_ready(self, template, initial):
        """Whether the template's tag was introduced before this batch, so that its events
        change nothing but its points (metadata and the file's compat state are settled)."""
        first = initial.get(template.tag)
        if first is None:
            return False
        if (first.data_class == summary_pb2.DATA_CLASS_UNKNOWN
                and first.plugin_data.plugin_name in _RESHAPED_PLUGINS):
            return False
        if (template.has_metadata or template.simple) and template.tag not in self.metadata:
            return False
        tag = self.tags.get(template.tag)
        if tag is not None and tag.decoded + template.count > protos.ELEMENTS_PER_TAG:
            return False  # past the tag's budget the rest stays protos (see _decode)
        return True

    def _merge(self, bulk, pending):
        """Adds a batch's points to their tags, each tag's in the order written."""
        singles = {}
        for index, tag_name, step, wall, proto, array in pending:
            singles.setdefault(tag_name, []).append((index, step, wall, proto, array))
        bulk = {tag: chunks for tag, chunks in bulk.items() if chunks}
        for tag_name, chunks in bulk.items():
            tag = self._tag(tag_name)
            for _, steps, values, walls in chunks:
                tag.decoded += values.size
                finite = walls[np.isfinite(walls)]
                tag.saw(len(steps), int(steps.max()),
                        float(finite.max()) if len(finite) else float("nan"))
        for tag_name in sorted(set(bulk) | set(singles)):
            tag = self.tags[tag_name]
            if tag.keep is False:
                continue
            chunks = bulk.get(tag_name, [])
            ones = singles.get(tag_name, [])
            if len(chunks) == 1 and not ones:
                tag.add_dense(chunks[0][1], chunks[0][2])
                continue
            for kind, payload in _in_order(chunks, ones):
                if kind == "dense":
                    tag.add_dense(*payload)
                else:
                    step, wall, proto, array = payload
                    if array is None:
                        tag.add_proto(step, wall, proto)
                    else:
                        tag.add_dense(np.array([step], np.int64), array[None])


def _before(chunks, index):
    """The bulk chunks' points written before record `index`."""
    out = []
    for indices, steps, values, walls in chunks:
        keep = indices < index
        if keep.any():
            out.append((indices[keep], steps[keep], values[keep], walls[keep]))
    return out


def _in_order(chunks, ones):
    """The points of bulk chunks [(indices, steps, values, walls)] and single events
    [(index, step, wall, proto, array)] of one tag, in record order: ("dense", (steps, values))
    for runs of consecutive bulk points, ("one", (step, wall, proto, array)) for the rest."""
    entries = [(index, 1, (step, wall, proto, array)) for index, step, wall, proto, array
               in ones]
    if chunks:
        indices = np.concatenate([c[0] for c in chunks])
        source = np.concatenate([np.full(len(c[0]), k) for k, c in enumerate(chunks)])
        within = np.concatenate([np.arange(len(c[0])) for c in chunks])
        order = np.argsort(indices, kind="stable")
        indices, source, within = indices[order], source[order], within[order]
        cuts = set((np.flatnonzero(np.diff(source)) + 1).tolist())
        if ones:
            cuts.update(np.searchsorted(indices, [e[0] for e in entries]).tolist())
        bounds = [0] + sorted(c for c in cuts if 0 < c < len(indices)) + [len(indices)]
        for a, b in zip(bounds[:-1], bounds[1:]):
            _, steps, values, _ = chunks[int(source[a])]
            first, last = int(within[a]), int(within[b - 1]) + 1
            entries.append((int(indices[a]), 0, (steps[first:last], values[first:last])))
    entries.sort(key=lambda e: (e[0], e[1]))
    return [("dense" if kind == 0 else "one", payload) for _, kind, payload in entries]


def _file_version(text):
    try:
        return float(text.split("brain.Event:")[-1])
    except ValueError:
        return None


# The repeated fields a TensorProto can hold its values in (one per dtype).
_VALUE_FIELDS = ("half_val", "float_val", "double_val", "int_val", "int64_val", "bool_val",
                 "uint32_val", "uint64_val")


def _decode(proto, room):
    """A real-valued tensor as float64, else None (kept as a proto, for protos.decode to
    judge within the run's bounds): when it is not real, declares more than DENSE_ELEMENTS
    or `room` elements, or stores fewer values than it declares (a constant to repeat: the
    legal encoding of a tensor bomb). So what is decoded here is at most twice the bytes of
    the file, whatever the tensors declare."""
    if proto.dtype not in protos.REAL_DTYPES:
        return None
    count = protos.declared_elements(proto)
    if count is None or count > min(DENSE_ELEMENTS, room):
        return None
    if proto.tensor_content:
        stored = len(proto.tensor_content) // max(1, _ITEM_SIZES.get(proto.dtype, 1))
    else:
        stored = sum(len(getattr(proto, name)) for name in _VALUE_FIELDS)
    if stored < count:
        return None
    try:
        array = tensor_util.make_ndarray(proto)
    except Exception:  # content that disagrees with the declared shape: protos.decode says so
        return None
    if array.dtype.kind not in "biuf":
        return None
    return np.asarray(array, dtype=np.float64)


# -- the data provider -------------------------------------------------------------------------


class StreamProvider(tb_provider.DataProvider):
    """A TensorBoard data provider over streamed runs (see the module docstring).

    Beyond the DataProvider API it offers what reader.py uses when present:
    `read_tensor_protos` (the undecoded tensors, for protos.read), `read_series_arrays` (a
    tag's points as arrays in one piece), `read_notes` (what went wrong reading a run's
    files) and `release` (forget a run's points once read). Points carry no wall time (0.0,
    as the in-memory mirror's); the listings have the real last wall time.
    """

    def __init__(self, runs, logdir=""):
        self._runs = runs
        self._logdir = logdir

    @classmethod
    def load(cls, logdir, keep=None):
        """Reads every run under `logdir`; `keep(tag, summary_metadata)` says which tags'
        points to hold (default: all)."""
        keep = keep or (lambda tag, meta: True)
        runs = {}
        for name, paths in sorted(discover_runs(logdir).items()):
            run = _Run(name, keep)
            for path in paths:
                run.read_file(path)
            run.finish()
            runs[name] = run
        return cls(runs, logdir)

    def __str__(self):
        return "StreamProvider(logdir=%r)" % self._logdir

    # -- listings

    def experiment_metadata(self, ctx=None, *, experiment_id):
        return tb_provider.ExperimentMetadata(data_location=self._logdir)

    def list_plugins(self, ctx=None, *, experiment_id):
        return sorted({m.plugin_data.plugin_name for run in self._runs.values()
                       for m in run.metadata.values() if m.plugin_data.plugin_name})

    def list_runs(self, ctx=None, *, experiment_id):
        return [tb_provider.Run(run_id=name, run_name=name, start_time=run.first_wall)
                for name, run in self._runs.items()]

    def _index(self, plugin_name, run_tag_filter, data_class):
        runs = getattr(run_tag_filter, "runs", None)
        tags = getattr(run_tag_filter, "tags", None)
        result = {}
        for name, run in self._runs.items():
            if runs is not None and name not in runs:
                continue
            for tag, meta in run.metadata.items():
                if tags is not None and tag not in tags:
                    continue
                if meta.data_class != data_class or meta.plugin_data.plugin_name != plugin_name:
                    continue
                result.setdefault(name, {})[tag] = meta
        return result

    def _list(self, make, plugin_name, run_tag_filter, data_class):
        result = {}
        for name, by_tag in self._index(plugin_name, run_tag_filter, data_class).items():
            run = self._runs[name]
            out = result[name] = {}
            for tag, meta in by_tag.items():
                data = run.tags.get(tag)
                out[tag] = make(max_step=data.max_step if data else None,
                                max_wall_time=data.max_wall if data else None,
                                plugin_content=meta.plugin_data.content,
                                description=meta.summary_description,
                                display_name=meta.display_name)
        return result

    def list_scalars(self, ctx=None, *, experiment_id, plugin_name, run_tag_filter=None):
        return self._list(tb_provider.ScalarTimeSeries, plugin_name, run_tag_filter,
                          summary_pb2.DATA_CLASS_SCALAR)

    def list_tensors(self, ctx=None, *, experiment_id, plugin_name, run_tag_filter=None):
        return self._list(tb_provider.TensorTimeSeries, plugin_name, run_tag_filter,
                          summary_pb2.DATA_CLASS_TENSOR)

    def list_blob_sequences(self, ctx=None, *, experiment_id, plugin_name, run_tag_filter=None):
        return {}

    def read_blob_sequences(self, ctx=None, *, experiment_id, plugin_name, downsample=None,
                            run_tag_filter=None):
        return {}

    # -- points

    def _kept(self, plugin_name, run_tag_filter, data_class):
        """{run: {tag: _Tag}} of the matching tags whose points are held."""
        out = {}
        for name, by_tag in self._index(plugin_name, run_tag_filter, data_class).items():
            run = self._runs[name]
            kept = {tag: run.tags[tag] for tag in by_tag
                    if tag in run.tags and run.tags[tag].keep is not False}
            if kept:
                out[name] = kept
        return out

    def read_tensor_protos(self, ctx=None, *, experiment_id, plugin_name, run_tag_filter,
                           data_class=summary_pb2.DATA_CLASS_TENSOR, downsample=None):
        """{run: {tag: [protos.Logged]}}: every point, decoded ones as arrays, the rest as
        the TensorProtos written."""
        return {run: {tag: _logged(data) for tag, data in by_tag.items()}
                for run, by_tag in self._kept(plugin_name, run_tag_filter, data_class).items()}

    def read_series_arrays(self, ctx=None, *, experiment_id, plugin_name, run_tag_filter,
                           data_class=summary_pb2.DATA_CLASS_TENSOR):
        """{run: {tag: protos.Dense}} for the matching tags whose points all decoded to one
        shape (in the order written, repeated steps included); other tags are left out."""
        out = {}
        for run, by_tag in self._kept(plugin_name, run_tag_filter, data_class).items():
            for tag, data in by_tag.items():
                if len(data.parts) == 1 and isinstance(data.parts[0], _DensePart):
                    out.setdefault(run, {})[tag] = protos.Dense(*data.parts[0].arrays())
        return out

    def read_notes(self, ctx=None, *, experiment_id, run):
        """What could not be read of the run's event files, one sentence each."""
        found = self._runs.get(run)
        return list(found.notes) if found is not None else []

    def kept_bytes(self):
        """The bytes of the points held: decoded arrays, and the serialized size of the
        protos kept undecoded."""
        total = 0
        for run in self._runs.values():
            for tag in run.tags.values():
                for part in tag.parts:
                    if isinstance(part, _DensePart):
                        steps, values = part.arrays()
                        total += steps.nbytes + values.nbytes
                    else:
                        total += sum(p.ByteSize() + 16 for _, _, p in part.items)
        return total

    def release(self, run):
        """Forgets the points of `run` (its listings stay); the CLI calls this once a run's
        report is made."""
        found = self._runs.get(run)
        if found is not None:
            for tag in found.tags.values():
                tag.parts = []

    def read_scalars(self, ctx=None, *, experiment_id, plugin_name, downsample=None,
                     run_tag_filter=None):
        return {run: {tag: _downsample([tb_provider.ScalarDatum(
                          step=d.step, wall_time=d.wall_time, value=_as_array(d).item())
                          for d in _logged(data)], downsample)
                      for tag, data in by_tag.items()}
                for run, by_tag in self._kept(plugin_name, run_tag_filter,
                                              summary_pb2.DATA_CLASS_SCALAR).items()}

    def read_last_scalars(self, ctx=None, *, experiment_id, plugin_name, run_tag_filter=None):
        answer = self.read_scalars(ctx, experiment_id=experiment_id, plugin_name=plugin_name,
                                   downsample=1 << 62, run_tag_filter=run_tag_filter)
        return {run: {tag: data[-1] for tag, data in by_tag.items() if data}
                for run, by_tag in answer.items()}

    def read_tensors(self, ctx=None, *, experiment_id, plugin_name, downsample=None,
                     run_tag_filter=None):
        return {run: {tag: _downsample([tb_provider.TensorDatum(
                          step=d.step, wall_time=d.wall_time, numpy=_as_array(d))
                          for d in _logged(data)], downsample)
                      for tag, data in by_tag.items()}
                for run, by_tag in self._kept(plugin_name, run_tag_filter,
                                              summary_pb2.DATA_CLASS_TENSOR).items()}


def _logged(tag):
    out = []
    for part in tag.parts:
        if isinstance(part, _DensePart):
            steps, values = part.arrays()
            out.extend(protos.Logged(int(s), 0.0, None, v) for s, v in zip(steps, values))
        else:
            out.extend(protos.Logged(s, w, p, None) for s, w, p in part.items)
    return out


def _as_array(logged):
    return logged.numpy if logged.proto is None else tensor_util.make_ndarray(logged.proto)


def _downsample(items, k):
    """At most k items, the last one always among them (TensorBoard's rule, seeded alike)."""
    if k is None or k >= len(items):
        return items
    if k <= 0:
        return []
    chosen = sorted(random.Random(0).sample(range(len(items) - 1), k - 1))
    return [items[i] for i in chosen] + [items[-1]]


def open_logdir(logdir, keep=None):
    """A reader.LogdirSource over `logdir` read by streaming (local paths only); `keep` as
    in StreamProvider.load."""
    from tensorboard import context as tb_context

    from tb_plateau.read import reader

    provider = StreamProvider.load(logdir, keep=keep)
    return reader.LogdirSource(provider=provider, ctx=tb_context.RequestContext(),
                               experiment_id="", logdir=logdir)
