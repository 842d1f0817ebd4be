"""Event files as TFRecords: read in chunks, framed, and checksummed with numpy.

A record is `uint64 length, uint32 masked CRC-32C of the length, data, uint32 masked CRC-32C
of the data` (little-endian; TensorFlow's `core/lib/io/record_writer.cc`). Both checksums of
every record are verified, as TensorBoard's Python loader does (its pure-Python CRC is what
made `tb-plateau report` take a minute on a million events): a record whose checksum does
not match ends the file there, and the records before it are kept. The Rust data server, by
default, checks a record only when it fails to parse.

The checksums are computed for many records at once: records of one length differ only in a
few byte columns (wall time, step, value), and CRC-32C is affine in the data, so each record's
CRC is the first one's XOR a table lookup per differing byte.
"""

import os
import struct

import numpy as np

# How much of a file is held in memory at once (plus the record that straddles two chunks).
CHUNK_BYTES = 2 << 20
# A file's first chunk is small: the events that introduce each tag (metadata, the file
# version) come first and are handled one by one, before the bulk decoding of the rest (see
# stream.py).
FIRST_CHUNK_BYTES = 64 << 10

_HEADER = 12  # length and its checksum
_FOOTER = 4   # the data's checksum
_u64 = struct.Struct("<Q")

# CRC-32C (Castagnoli), reflected polynomial, as TensorFlow's crc32c.
_POLY = 0x82F63B78
_MASK_DELTA = 0xA282EAD8


def _crc_tables():
    t0 = np.arange(256, dtype=np.uint32)
    for _ in range(8):
        t0 = np.where(t0 & 1, (t0 >> 1) ^ np.uint32(_POLY), t0 >> 1).astype(np.uint32)
    tables = [t0]
    for _ in range(3):  # slicing-by-4
        previous = tables[-1]
        tables.append(((previous >> 8) ^ t0[previous & 0xFF]).astype(np.uint32))
    return tables


_T0, _T1, _T2, _T3 = _crc_tables()


def _register(rows, state):
    """The CRC-32C register after feeding each row of a uint8 matrix (n, L) into it from
    `state` (uint32 (n,)), four bytes a step (slicing-by-4)."""
    n, length = rows.shape
    crc = state
    whole = length // 4 * 4
    if whole:
        rows = np.ascontiguousarray(rows)
        words = np.ndarray((n, whole // 4), "<u4", rows, strides=(length, 4))
        for k in range(whole // 4):
            x = crc ^ words[:, k]
            crc = _T3[x & 0xFF] ^ _T2[(x >> 8) & 0xFF] ^ _T1[(x >> 16) & 0xFF] ^ _T0[x >> 24]
    for j in range(whole, length):
        crc = _T0[(crc ^ rows[:, j]) & 0xFF] ^ (crc >> 8)
    return crc


# Long rows are cut into segments whose registers are computed side by side (fewer, longer
# array operations) and then combined: the register is linear, so feeding A then B gives
# shift(register(A), len(B)) ^ register(B), where shift feeds zero bytes.
_SEGMENT = 256
_SEGMENT_SHIFT = None  # four byte tables of "feed _SEGMENT zero bytes", made when first needed
_ZEROS_AFTER_ONES = {}  # length -> the register after feeding that many zero bytes to ~0


def _feed_zeros(states, count):
    for _ in range(count):
        states = _T0[states & 0xFF] ^ (states >> 8)
    return states


def _segment_shift(states):
    global _SEGMENT_SHIFT
    if _SEGMENT_SHIFT is None:
        basis = (np.arange(256, dtype=np.uint32)[None, :]
                 << (8 * np.arange(4, dtype=np.uint32))[:, None])
        _SEGMENT_SHIFT = _feed_zeros(basis, _SEGMENT)
    t = _SEGMENT_SHIFT
    return t[0][states & 0xFF] ^ t[1][(states >> 8) & 0xFF] ^ t[2][(states >> 16) & 0xFF] \
        ^ t[3][states >> 24]


def crc32c_rows(rows):
    """CRC-32C of each row of a uint8 matrix (n, L), as uint32 (n,)."""
    rows = np.asarray(rows, dtype=np.uint8)
    n, length = rows.shape
    if length < 2 * _SEGMENT:
        return _register(rows, np.full(n, 0xFFFFFFFF, np.uint32)) ^ np.uint32(0xFFFFFFFF)
    segments = -(-length // _SEGMENT)
    width = segments * _SEGMENT
    # Zero bytes in front leave a register that starts at zero at zero.
    padded = np.zeros((n, width), np.uint8)
    padded[:, width - length:] = rows
    parts = _register(padded.reshape(n * segments, _SEGMENT),
                      np.zeros(n * segments, np.uint32)).reshape(n, segments)
    raw = parts[:, 0]
    for k in range(1, segments):
        raw = _segment_shift(raw) ^ parts[:, k]
    ones = _ZEROS_AFTER_ONES.get(length)
    if ones is None:
        state = np.array([0xFFFFFFFF], np.uint32)
        for _ in range(length // _SEGMENT):
            state = _segment_shift(state)
        ones = int(_feed_zeros(state, length % _SEGMENT)[0])
        if len(_ZEROS_AFTER_ONES) < 1024:
            _ZEROS_AFTER_ONES[length] = ones
    # From the ~0 start: the zeros' register XOR the data's; then the final inversion.
    return raw ^ np.uint32(ones) ^ np.uint32(0xFFFFFFFF)


def mask(crc):
    """TensorFlow's masked CRC: rotated right by 15 bits plus a constant (uint32 arrays)."""
    crc = np.asarray(crc, dtype=np.uint32)
    return (((crc >> np.uint32(15)) | (crc << np.uint32(17))) + np.uint32(_MASK_DELTA)
            ).astype(np.uint32)


def masked_crc32c(data):
    """The masked CRC-32C of one bytes object (an int)."""
    row = np.frombuffer(bytes(data), np.uint8).reshape(1, -1)
    return int(mask(crc32c_rows(row))[0])


class _PositionTables:
    """For records of one length L: T[p][b] is the raw CRC register contribution of byte b
    at position p followed by L-1-p zero bytes (the linear part of CRC-32C)."""

    def __init__(self, length):
        self.length = length
        self._tables = {}
        self._next = None  # (position, table) of the lowest position computed so far

    def table(self, position):
        found = self._tables.get(position)
        if found is not None:
            return found
        if self._next is None or self._next[0] < position:
            p, t = self.length - 1, _T0
        else:
            p, t = self._next
        while p > position:
            t = _T0[t & 0xFF] ^ (t >> 8)  # one more zero byte after it
            p -= 1
        self._tables[position] = t
        if self._next is None or position < self._next[0]:
            self._next = (position, t)
        return t


# A group of records of one length is checked through its differing byte columns when there
# are few of them (each costs ~3 array operations and a 1 kB table), else row by row in
# words (~11 operations per 4 bytes). Tables are kept for this many lengths.
_MAX_TABLE_COLUMNS = 256
_MAX_TABLE_LENGTHS = 16


class _Checksums:
    """Verifies checksums of many records at once, caching per-length work across chunks."""

    def __init__(self):
        self._header_crc = {}
        self._positions = {}

    def header_ok(self, buf, starts, lengths):
        """Whether each record's length checksum matches (bool array)."""
        stored = _gather_u32(buf, starts + 8)
        expected = np.empty(len(starts), np.uint32)
        for length in np.unique(lengths).tolist():
            crc = self._header_crc.get(length)
            if crc is None:
                crc = masked_crc32c(_u64.pack(length))
                if len(self._header_crc) < 4096:
                    self._header_crc[length] = crc
            expected[lengths == length] = crc
        return stored == expected

    def data_ok(self, batch):
        """Whether each record's data checksum matches (bool array)."""
        ok = np.ones(len(batch), bool)
        for length, group, rows in batch.groups():
            stored = _gather_u32(batch.buf, batch.starts[group] + length)
            ok[group] = self._crcs(rows, batch.differing) == stored
        return ok

    def _crcs(self, rows, differing):
        length = rows.shape[1]
        if length == 0:
            return np.full(len(rows), masked_crc32c(b""), np.uint32)
        first = rows[0]
        base = crc32c_rows(first[None, :])[0]
        if len(rows) == 1:
            return mask(np.array([base], np.uint32))
        if length > 4 * _MAX_TABLE_COLUMNS:  # tensors: most of their bytes differ
            return mask(crc32c_rows(rows))
        columns = np.flatnonzero((rows != first).any(axis=0))
        differing[length] = columns
        if len(columns) > _MAX_TABLE_COLUMNS or 3 * len(columns) > 2.75 * length:
            return mask(crc32c_rows(rows))
        tables = self._positions.get(length)
        if tables is None:
            if len(self._positions) >= _MAX_TABLE_LENGTHS:
                self._positions.clear()
            tables = self._positions[length] = _PositionTables(length)
        crc = np.full(len(rows), base, np.uint32)
        for p in sorted(columns.tolist(), reverse=True):
            crc ^= tables.table(p)[rows[:, p] ^ first[p]]
        return mask(crc)


def _gather_u32(buf, offsets):
    return np.lib.stride_tricks.sliding_window_view(buf, 4)[offsets].view("<u4").reshape(-1)


def _gather_u64(buf, offsets):
    return np.lib.stride_tricks.sliding_window_view(buf, 8)[offsets].view("<u8").reshape(-1)


class Batch:
    """Checked records of one chunk: `buf` (uint8 array), and for each record the offset of
    its data in `buf` and its length, in file order; `first` is the index of the batch's first
    record in the file."""

    __slots__ = ("buf", "starts", "lengths", "first", "_groups", "differing")

    def __init__(self, buf, starts, lengths, first):
        self.buf = buf
        self.starts = starts
        self.lengths = lengths
        self.first = first
        self._groups = None
        # {length: the byte columns in which that group's records differ from its first},
        # where the checksums found out.
        self.differing = {}

    def __len__(self):
        return len(self.starts)

    def record(self, i):
        start = int(self.starts[i])
        return self.buf[start:start + int(self.lengths[i])].tobytes()

    def groups(self):
        """[(length, indices, rows)]: the records grouped by length, each group's indices in
        file order and its data as a uint8 matrix (a copy, one row a record)."""
        if self._groups is None:
            self._groups = []
            order = np.argsort(self.lengths, kind="stable")
            cuts = np.flatnonzero(np.diff(self.lengths[order])) + 1
            for group in np.split(order, cuts) if len(order) else []:
                length = int(self.lengths[group[0]])
                if length:
                    windows = np.lib.stride_tricks.sliding_window_view(self.buf, length)
                    rows = windows[self.starts[group]]
                else:
                    rows = np.zeros((len(group), 0), np.uint8)
                self._groups.append((length, group, rows))
        return self._groups


class FileEnd:
    """How reading a file ended: `status` is "complete", "incomplete" (a partial record at
    the end: cut off, or still being written) or "damaged" (a checksum did not match);
    `offset` is the byte where the unread part starts, `records` how many were read."""

    def __init__(self, status, offset, records):
        self.status = status
        self.offset = offset
        self.records = records


# Records in a chunk are framed by following lengths one by one until the lengths repeat
# with a short period (one tag a step; a loss and a learning rate a step; ...); then many
# records are predicted at once and each prediction is checked against the length field it
# lands on. Accepted predictions are exact: each one is where the previous record ends.
_MAX_PERIOD = 8
_FIRST_LEAP = 16  # cycles predicted in the first try; each success tries 8x more


def _frame(data, buf):
    """(starts, lengths, stop): the offsets of the whole records in `data` (each record's
    header) and their lengths, in order, and the offset of the first record that does not
    fit (or of the end)."""
    end = len(data)
    unpack = _u64.unpack_from
    pieces = []  # (starts, lengths) arrays, in order
    starts, lengths = [], []
    history = []
    pos = 0
    while pos + _HEADER <= end:
        (length,) = unpack(data, pos)
        if pos + length + _HEADER + _FOOTER > end:
            break
        starts.append(pos)
        lengths.append(length)
        history.append(length)
        pos += length + _HEADER + _FOOTER
        if len(history) > 4 * _MAX_PERIOD:
            del history[:-3 * _MAX_PERIOD]
        period = _period(history)
        if period is None:
            continue
        cycle = np.array(history[-period:], np.int64)
        cycle_stride = int(cycle.sum()) + period * (_HEADER + _FOOTER)
        within = np.concatenate([[0], np.cumsum(cycle[:-1] + _HEADER + _FOOTER)])
        tries = _FIRST_LEAP
        while True:
            repeats = min(tries, (end - pos) // cycle_stride)
            if repeats < 1:
                break
            predicted = (pos + cycle_stride * np.arange(repeats, dtype=np.int64)[:, None]
                         + within[None, :]).reshape(-1)
            expected = np.tile(cycle, repeats)
            found = _gather_u64(buf, predicted)
            wrong = np.flatnonzero(found != expected.astype(np.uint64))
            good = int(wrong[0]) if len(wrong) else len(predicted)
            if good:
                pieces.append((np.array(starts, np.int64), np.array(lengths, np.int64)))
                starts, lengths = [], []
                pieces.append((predicted[:good], expected[:good]))
                pos = int(predicted[good - 1] + expected[good - 1]) + _HEADER + _FOOTER
                history = [int(v) for v in expected[max(0, good - 3 * _MAX_PERIOD):good]]
            if good < len(predicted):
                break
            tries *= 8
    pieces.append((np.array(starts, np.int64), np.array(lengths, np.int64)))
    if len(pieces) == 1:
        return pieces[0][0], pieces[0][1], pos
    return (np.concatenate([s for s, _ in pieces]), np.concatenate([n for _, n in pieces]),
            pos)


def _period(history):
    """The shortest p <= _MAX_PERIOD with which the last 2p lengths repeat (and the last 3p,
    when known), or None."""
    n = len(history)
    for p in range(1, min(_MAX_PERIOD, n // 2) + 1):
        if history[-p:] != history[-2 * p:-p]:
            continue
        if n >= 3 * p and history[-2 * p:-p] != history[-3 * p:-2 * p]:
            continue
        return p
    return None


def read_file(path, chunk_bytes=None, first_chunk_bytes=None):
    """Yields the checked records of an event file as Batches, in file order, and returns
    (as the generator's value) a FileEnd. Reads the file as it is now: one still being
    written ends in a whole record, or in an "incomplete" one."""
    chunk_bytes = chunk_bytes or CHUNK_BYTES
    first_chunk_bytes = first_chunk_bytes or FIRST_CHUNK_BYTES
    checksums = _Checksums()
    with open(path, "rb") as f:
        carried = b""
        offset = 0  # file offset of carried[0]
        records = 0
        want = first_chunk_bytes
        while True:
            # The unread tail of the last chunk, then the next chunk, in one buffer.
            data = bytearray(len(carried) + want)
            data[:len(carried)] = carried
            with memoryview(data) as view, view[len(carried):] as free:
                got = f.readinto(free)
            eof = got < want
            del data[len(carried) + got:]
            if not data:
                return FileEnd("complete", offset, records)
            buf = np.frombuffer(data, np.uint8)
            starts, lengths, stop = _frame(data, buf)
            damaged = None
            if len(starts):
                # Length checksums first: a wrong length frames everything after it wrongly.
                header = checksums.header_ok(buf, starts, lengths)
                if not header.all():
                    cut = int(np.argmin(header))
                    damaged = int(starts[cut])
                    starts, lengths = starts[:cut], lengths[:cut]
                batch = Batch(buf, starts + _HEADER, lengths, records)
                data_ok = checksums.data_ok(batch)
                if not data_ok.all():
                    cut = int(np.argmin(data_ok))
                    damaged = int(starts[cut])
                    batch = Batch(buf, batch.starts[:cut], lengths[:cut], records)
                if len(batch):
                    yield batch
                    records += len(batch)
            if damaged is not None:
                return FileEnd("damaged", offset + damaged, records)
            rest = len(data) - stop
            want = chunk_bytes
            if rest >= _HEADER:
                # The record at `stop` does not fit: check its length before reading on.
                (length,) = _u64.unpack_from(data, stop)
                if masked_crc32c(data[stop:stop + 8]) != struct.unpack_from("<I", data,
                                                                            stop + 8)[0]:
                    return FileEnd("damaged", offset + stop, records)
                missing = length + _HEADER + _FOOTER - rest
                if eof or missing > _remaining(f):
                    return FileEnd("incomplete", offset + stop, records)
                want = max(chunk_bytes, missing)
            elif eof:
                return FileEnd("incomplete" if rest else "complete", offset + stop, records)
            carried = bytes(data[stop:])
            offset += stop


def _remaining(f):
    """Bytes of the file after the read position, as the file is now."""
    try:
        return os.fstat(f.fileno()).st_size - f.tell()
    except OSError:
        return 0
