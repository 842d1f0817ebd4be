"""`tb-plateau report` on a 1,000,000-step run, against TensorBoard's Rust data server loading
the same logdir.

Three logdirs of one run each, 1,000,000 steps, written without TensorFlow but with events
laid out byte for byte as TensorFlow's summary writer lays them out (protobuf-serialized
here; a sample of records is checked with TensorBoard's own CRC code and parsed back):

* `per-step plateau`: `plateau/loss`, float32 [] a step, with the summary metadata on every
  event as `tf.summary.write` does (~130 bytes an event: the 133 MB file of issue 12). The
  format before loss blocks, and what the `tb_plateau.summary.loss` op still writes;
* `per-step scalar`: `batch_loss` as `tf.summary.scalar` writes it (Keras's TensorBoard
  callback with `update_freq`): float32 [] in `tensor_content`, scalars metadata every event;
* `blocks`: `plateau/loss_block`, float64 [2, 256] tensors, as PlateauCallback writes them.

Measured, interleaved (Rust, CLI, Rust, CLI, ... per logdir), `--repeats` times:

* Rust: the `tensorboard-data-server` binary started as TensorBoard starts it for
  `--load_fast=true` (`--logdir D --reload once --samples-per-plugin <plugin>=all`, the
  Plateau plugin asking for every sample), timed from spawn until its gRPC listing
  (ListTensors / ListScalars, polled every 5 ms) shows the run's last step; the file is read
  in order, so that is when every point is loaded. One ReadTensors/ReadScalars afterwards
  (untimed) checks that all 1,000,000 points are served. The data server skips checksums of
  records that parse (its default); tb-plateau checks all of them.
* CLI: `python -m tb_plateau.cli report D --format json`, spawn to exit, in a child process
  that also records its resident memory just before reading (after the imports; the baseline)
  and its peak (VmHWM), and what the streaming reader keeps (the float64/int64 arrays of the
  points, in bytes).
* Old path, once (`--no-old` skips it): what the CLI did before, TensorBoard's multiplexer with
  its TF-free file layer, then the same report.

    python benchmarks/cli_read.py                 # ~5 minutes, writes results/cli_read.md
    python benchmarks/cli_read.py --repeats 3 --no-old --no-write   # quick look
"""

import argparse
import json
import os
import pathlib
import platform
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tensorboard.compat.proto import event_pb2, summary_pb2, tensor_pb2  # noqa: E402
from tensorboard.compat.proto import tensor_shape_pb2, types_pb2  # noqa: E402

from tb_plateau import metadata  # noqa: E402
from tb_plateau.read import records  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "cli_read.md"
STEPS = 1_000_000
BLOCK = 256
POLL_SECONDS = 0.005
RUST_TIMEOUT = 300
# Issue 12's targets.
TIME_TARGET = 2.0
MEMORY_TARGET = 4.0


# -- writing -----------------------------------------------------------------------------------


def _loss(n):
    rng = np.random.default_rng(0)
    steps = np.arange(1, n + 1)
    stall = n // 5
    loss = np.where(steps < stall, 2.3 - 0.4 * steps / stall, 1.9) + rng.normal(0, 0.01, n)
    return steps, loss


def _scalar_tensor(value):
    """A float32 [] as TensorFlow's summary writer stores it: in tensor_content."""
    return tensor_pb2.TensorProto(dtype=types_pb2.DT_FLOAT,
                                  tensor_shape=tensor_shape_pb2.TensorShapeProto(),
                                  tensor_content=struct.pack("<f", value))


def _block_events(n):
    steps, loss = _loss(n)
    meta = metadata.create_summary_metadata(metadata.LOSS_BLOCK)
    for start in range(0, n, BLOCK):
        s, v = steps[start:start + BLOCK], loss[start:start + BLOCK]
        tensor = tensor_pb2.TensorProto(
            dtype=types_pb2.DT_DOUBLE,
            tensor_shape=tensor_shape_pb2.TensorShapeProto(dim=[
                tensor_shape_pb2.TensorShapeProto.Dim(size=2),
                tensor_shape_pb2.TensorShapeProto.Dim(size=len(s))]),
            tensor_content=np.stack([s, v]).astype("<f8").tobytes())
        value = summary_pb2.Summary.Value(tag="plateau/loss_block", tensor=tensor)
        if start == 0:
            value.metadata.CopyFrom(meta)
        yield event_pb2.Event(wall_time=1.7e9 + start * 1e-3, step=int(s[-1]),
                              summary=summary_pb2.Summary(value=[value])).SerializeToString()


def _step_event(kind, wall, step, value):
    if kind == "per-step plateau":
        tag, meta = "plateau/loss", metadata.create_summary_metadata(metadata.LOSS)
    else:
        tag = "batch_loss"
        meta = summary_pb2.SummaryMetadata(
            plugin_data=summary_pb2.SummaryMetadata.PluginData(plugin_name="scalars"))
    value = summary_pb2.Summary.Value(tag=tag, tensor=_scalar_tensor(value), metadata=meta)
    return event_pb2.Event(wall_time=wall, step=int(step),
                           summary=summary_pb2.Summary(value=[value])).SerializeToString()


def _step_records(kind, n):
    """The records of the per-step runs, in order, as uint8 arrays: each group of steps
    whose step varint has one length is one event serialized by protobuf, repeated with its
    wall time, step and value bytes replaced (checked against protobuf on a sample)."""
    steps, loss = _loss(n)
    walls = 1.7e9 + np.arange(n) * 1e-3
    values = loss.astype(np.float32)
    varint_length = np.ones(n, np.int64)
    for k in range(1, 10):
        varint_length += steps >= (1 << (7 * k))
    rng = np.random.default_rng(1)
    for k in np.unique(varint_length):
        idx = np.flatnonzero(varint_length == k)
        first = int(idx[0])
        template = np.frombuffer(_step_event(kind, walls[first], steps[first],
                                             float(values[first])), np.uint8)
        raw = template.tobytes()
        wall_at = raw.index(struct.pack("<d", walls[first]))
        value_at = raw.index(struct.pack("<f", values[first]))
        step_at = raw.index(b"\x10" + _varint(int(steps[first]))) + 1
        rows = np.tile(template, (len(idx), 1))
        rows[:, wall_at:wall_at + 8] = walls[idx].astype("<f8").view(np.uint8).reshape(-1, 8)
        rows[:, value_at:value_at + 4] = values[idx].astype("<f4").view(np.uint8).reshape(-1, 4)
        s = steps[idx].astype(np.uint64)
        for j in range(int(k)):
            byte = (s >> np.uint64(7 * j)) & np.uint64(0x7F)
            if j < k - 1:
                byte |= np.uint64(0x80)
            rows[:, step_at + j] = byte.astype(np.uint8)
        for i in rng.choice(len(idx), min(200, len(idx)), replace=False):
            j = int(idx[i])
            assert rows[i].tobytes() == _step_event(kind, walls[j], steps[j], float(values[j]))
        yield rows


def _varint(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def write_run(logdir, kind, n):
    """Writes the run; returns the event file's size in bytes."""
    run_dir = pathlib.Path(logdir) / "run"
    run_dir.mkdir(parents=True)
    path = run_dir / "events.out.tfevents.1700000000.bench.1.v2"
    with open(path, "wb") as f:
        f.write(_framed([event_pb2.Event(wall_time=1.7e9, file_version="brain.Event:2")
                         .SerializeToString()]))
        if kind == "blocks":
            f.write(_framed(list(_block_events(n))))
        else:
            for rows in _step_records(kind, n):
                for start in range(0, len(rows), 65536):
                    f.write(_framed_rows(rows[start:start + 65536]))
    _check_sample(path)
    return path.stat().st_size


def _framed_rows(rows):
    """TFRecords of equal-length payloads (a uint8 matrix), checksums computed with numpy."""
    n, length = rows.shape
    header = struct.pack("<Q", length)
    out = np.empty((n, 12 + length + 4), np.uint8)
    out[:, :8] = np.frombuffer(header, np.uint8)
    out[:, 8:12] = np.frombuffer(struct.pack("<I", records.masked_crc32c(header)), np.uint8)
    out[:, 12:12 + length] = rows
    out[:, 12 + length:] = records.mask(records.crc32c_rows(rows)).astype("<u4").view(
        np.uint8).reshape(n, 4)
    return out.tobytes()


def _framed(payloads):
    """TFRecords of the payloads; the checksums computed with numpy (records.py), checked on
    a sample by TensorBoard's own CRC in _check_sample."""
    lengths = np.array([len(p) for p in payloads])
    framed = [None] * len(payloads)
    for length in np.unique(lengths):
        idx = np.flatnonzero(lengths == length)
        rows = np.frombuffer(b"".join(payloads[i] for i in idx), np.uint8).reshape(
            len(idx), int(length))
        out = np.frombuffer(_framed_rows(rows), np.uint8).reshape(len(idx), -1)
        for i, row in zip(idx, out):
            framed[i] = row.tobytes()
    return b"".join(framed)


def _check_sample(path, count=2000):
    """The first records, and some in the middle, against TensorBoard's own CRC and parser."""
    from tensorboard.compat.tensorflow_stub.pywrap_tensorflow import masked_crc32c

    size = path.stat().st_size
    with open(path, "rb") as f:
        data = f.read(1 << 20)
    pos = 0
    for _ in range(count):
        if pos + 12 > len(data):
            break
        header = data[pos:pos + 8]
        (length,) = struct.unpack("<Q", header)
        if pos + 16 + length > len(data):
            break
        payload = data[pos + 12:pos + 12 + length]
        assert struct.unpack("<I", data[pos + 8:pos + 12])[0] == masked_crc32c(header)
        assert struct.unpack("<I", data[pos + 12 + length:pos + 16 + length])[0] == \
            masked_crc32c(payload)
        event_pb2.Event.FromString(payload)
        pos += 16 + length
    assert pos > 0 and size > 0


KINDS = {  # logdir kind: (plugin the data server lists it under, tag)
    "per-step plateau": ("plateau", "plateau/loss"),
    "per-step scalar": ("scalars", "batch_loss"),
    "blocks": ("plateau", "plateau/loss_block"),
}


# -- the Rust data server ----------------------------------------------------------------------


def rust_load_seconds(logdir, kind, last_step, checksum=False):
    """Seconds from spawning the data server until it serves the run up to `last_step`
    (`checksum`: with --checksum, every record checked as tb-plateau checks them)."""
    import grpc
    from tensorboard.data.proto import data_provider_pb2, data_provider_pb2_grpc
    from tensorboard.data import server_ingester

    plugin, tag = KINDS[kind]
    port_file = tempfile.mktemp(prefix="tb-plateau-port-")
    start = time.perf_counter()
    server = subprocess.Popen(
        [server_ingester.get_server_binary().path, "--logdir", str(logdir),
         "--reload", "once", "--port", "0",
         "--port-file", port_file, "--samples-per-plugin", "%s=all" % plugin,
         "--die-after-stdin"] + (["--checksum"] if checksum else []),
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                text = open(port_file).read()
            except OSError:
                text = ""
            if text.endswith("\n"):
                break
            if server.poll() is not None:
                raise RuntimeError("the data server exited with %s" % server.returncode)
            time.sleep(POLL_SECONDS / 5)
        channel = grpc.insecure_channel("localhost:%d" % int(text), options=[
            ("grpc.max_receive_message_length", -1)])
        stub = data_provider_pb2_grpc.TensorBoardDataProviderStub(channel)
        plugin_filter = data_provider_pb2.PluginFilter(plugin_name=plugin)
        while True:
            if plugin == "scalars":
                listing = stub.ListScalars(data_provider_pb2.ListScalarsRequest(
                    experiment_id="", plugin_filter=plugin_filter))
            else:
                listing = stub.ListTensors(data_provider_pb2.ListTensorsRequest(
                    experiment_id="", plugin_filter=plugin_filter))
            if any(t.tag_name == tag and t.metadata.max_step >= last_step
                   for r in listing.runs for t in r.tags):
                break
            if time.perf_counter() - start > RUST_TIMEOUT:
                raise RuntimeError("the data server did not serve %s in %d s"
                                   % (tag, RUST_TIMEOUT))
            time.sleep(POLL_SECONDS)
        elapsed = time.perf_counter() - start
        _check_served(stub, plugin, tag, data_provider_pb2)
        channel.close()
        return elapsed
    finally:
        server.stdin.close()
        server.wait(timeout=60)
        try:
            os.unlink(port_file)
        except OSError:
            pass


def _check_served(stub, plugin, tag, pb):
    downsample = pb.Downsample(num_points=1 << 30)
    plugin_filter = pb.PluginFilter(plugin_name=plugin)
    if plugin == "scalars":
        answer = stub.ReadScalars(pb.ReadScalarsRequest(
            experiment_id="", plugin_filter=plugin_filter, downsample=downsample))
        points = sum(len(t.data.step) for r in answer.runs for t in r.tags if t.tag_name == tag)
        assert points == STEPS, points
    else:
        answer = stub.ReadTensors(pb.ReadTensorsRequest(
            experiment_id="", plugin_filter=plugin_filter, downsample=downsample))
        events = sum(len(t.data.step) for r in answer.runs for t in r.tags if t.tag_name == tag)
        assert events in (STEPS, -(-STEPS // BLOCK)), events


# -- the CLI (child process) -------------------------------------------------------------------

CHILD = r"""
import json, os, resource, sys, time
start = time.perf_counter()
from tb_plateau import cli
cli._avoid_tensorflow_for_local_files(sys.argv[1])
from tb_plateau.read import reader, stream
from tb_plateau import analysis
from tb_plateau.serve import cache

def rss(field):
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1]) * 1024

kept = []
load = stream.StreamProvider.load
def counting_load(*args, **kwargs):
    provider = load(*args, **kwargs)
    kept.append(provider.kept_bytes())
    kept.append(time.perf_counter())
    return provider
stream.StreamProvider.load = counting_load
baseline = rss("VmRSS:")
imported = time.perf_counter()
sys.stdout = open(os.devnull, "w")
code = cli.main(["report", sys.argv[1], "--format", "json"])
done = time.perf_counter()
sys.stderr.write(json.dumps({"code": code, "baseline": baseline, "peak": rss("VmHWM:"),
                             "kept": kept[0], "imports": imported - start,
                             "read": kept[1] - imported, "rest": done - kept[1]}) + "\n")
"""

OLD = r"""
import json, resource, sys, time, types
sys.modules.setdefault("tensorboard.compat.notf", types.ModuleType("tensorboard.compat.notf"))
from tb_plateau.read import reader
from tb_plateau import analysis
start = time.perf_counter()
source = reader.open_logdir(sys.argv[1])
runs = reader.list_runs(source.provider, source.ctx, source.experiment_id)
reports = [analysis.analyze(reader.read_run(source.provider, source.ctx, "", r)) for r in runs]
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
sys.stderr.write(json.dumps({"seconds": elapsed, "peak": peak,
                             "steps": reports[0]["steps"]["count"]}) + "\n")
"""


def child_env(cache_dir):
    """The children's environment: compiled bytecode cached in a temporary folder, as an
    installed package has it (this machine sets PYTHONDONTWRITEBYTECODE, which would make
    every run compile tb-plateau's and TensorBoard's sources again)."""
    env = dict(os.environ, PYTHONPYCACHEPREFIX=str(cache_dir))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def cli_run(logdir, env):
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD, str(logdir)], capture_output=True,
                          text=True, cwd=ROOT, timeout=600, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode:
        raise RuntimeError(done.stderr[-3000:])
    out = json.loads(done.stderr.strip().splitlines()[-1])
    out["seconds"] = elapsed
    return out


def old_run(logdir, env):
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", OLD, str(logdir)], capture_output=True,
                          text=True, cwd=ROOT, timeout=3600, env=env)
    if done.returncode:
        raise RuntimeError(done.stderr[-3000:])
    out = json.loads(done.stderr.strip().splitlines()[-1])
    out["process_seconds"] = time.perf_counter() - start
    return out


# -- the table ---------------------------------------------------------------------------------


def _spread(values, fmt):
    return "%s (%s–%s)" % (fmt(statistics.median(values)), fmt(min(values)), fmt(max(values)))


def _s(x):
    return "%.2f s" % x


def _x(x):
    return "%.2f×" % x


def _mb(x):
    return "%.1f MB" % (x / 1e6)


def table(results, args):
    lines = [
        "# CLI reading: a 1,000,000-step run",
        "",
        "`python benchmarks/cli_read.py --repeats %d` (machine: %d CPU cores, shared; Python %s)."
        " One run of %s steps per logdir; Rust = the `tensorboard-data-server` binary as "
        "TensorBoard starts it for `--load_fast=true`, from spawn until it serves the run's "
        "last step (its default: checksums checked only for records that fail to parse; "
        "`--checksum` checks all, as tb-plateau does); CLI = `tb-plateau report LOGDIR "
        "--format json` from spawn to exit, bytecode compiled. Medians of %d interleaved "
        "repeats, with min–max; a ratio is the median of the per-repeat ratios."
        % (args.repeats, os.cpu_count(), platform.python_version(), "{:,}".format(STEPS),
           args.repeats),
        "",
        "| logdir | events (file) | Rust load | CLI report | CLI / Rust | target | met "
        "| Rust `--checksum` | CLI / Rust `--checksum` |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for kind, r in results.items():
        ratios = [c / s for c, s in zip(r["cli"], r["rust"])]
        checked = [c / s for c, s in zip(r["cli"], r["rust_checksum"])]
        met = statistics.median(ratios) <= TIME_TARGET
        lines.append("| %s | %s (%s) | %s | %s | %s | ≤ %g× | %s | %s | %s |" % (
            kind, "{:,}".format(r["events"]), _mb(r["bytes"]), _spread(r["rust"], _s),
            _spread(r["cli"], _s), _spread(ratios, _x), TIME_TARGET,
            "yes" if met else "**no**", _spread(r["rust_checksum"], _s),
            _spread(checked, _x)))
    lines += [
        "",
        "Where the CLI's time goes (medians): the interpreter's start and the imports; "
        "streaming the event file into arrays (`read`: records framed and checksummed, events "
        "decoded); the rest (listing, `read_run`, analysis, JSON). The old path is what the "
        "CLI did before (TensorBoard's multiplexer over its TF-free file layer, then the same "
        "report), timed once.",
        "",
        "| logdir | start-up + imports | read | rest | old path (once) |",
        "| --- | --- | --- | --- | --- |",
    ]
    for kind, r in results.items():
        old = r.get("old")
        # Everything before reading: the interpreter's own start and the imports.
        before = [c - read - rest for c, read, rest in zip(r["cli"], r["read"], r["rest"])]
        lines.append("| %s | %s | %s | %s | %s |" % (
            kind, _s(statistics.median(before)), _s(statistics.median(r["read"])),
            _s(statistics.median(r["rest"])),
            "%s, peak RSS %s" % (_s(old["process_seconds"]), _mb(old["peak"])) if old
            else "not run"))
    lines += [
        "",
        "Memory: peak RSS of the CLI process (VmHWM) minus its RSS just before reading (after "
        "the imports), against the bytes of the arrays the streaming reader keeps (steps "
        "int64 and values float64: 16 bytes a step).",
        "",
        "| logdir | kept (float64) | peak − baseline | ratio | target | met |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for kind, r in results.items():
        used = [p - b for p, b in zip(r["peak"], r["baseline"])]
        ratio = statistics.median(used) / r["kept"]
        lines.append("| %s | %s | %s | %s | ≤ %g× | %s |" % (
            kind, _mb(r["kept"]), _spread(used, _mb), _x(ratio), MEMORY_TARGET,
            "yes" if ratio <= MEMORY_TARGET else "**no**"))
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--kinds", nargs="+", default=list(KINDS), choices=list(KINDS))
    parser.add_argument("--no-old", action="store_true", help="skip the old path")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="tb-plateau-cli-read-"))
    results = {}
    try:
        logdirs = {}
        for kind in args.kinds:
            logdir = tmp / kind.replace(" ", "-")
            start = time.perf_counter()
            size = write_run(logdir, kind, STEPS)
            sys.stderr.write("%s: written (%.0f MB) in %.0f s\n"
                             % (kind, size / 1e6, time.perf_counter() - start))
            logdirs[kind] = logdir
            results[kind] = {"bytes": size, "rust": [], "rust_checksum": [], "cli": [],
                             "peak": [], "baseline": [],
                             "imports": [], "read": [], "rest": [],
                             "events": STEPS if kind != "blocks" else -(-STEPS // BLOCK)}
        env = child_env(tmp / "pycache")
        cli_run(logdirs[args.kinds[-1]], env)  # compiles the bytecode once; not counted
        for repeat in range(args.repeats):
            for kind, logdir in logdirs.items():
                r = results[kind]
                r["rust"].append(rust_load_seconds(logdir, kind, STEPS))
                c = cli_run(logdir, env)
                r["rust_checksum"].append(rust_load_seconds(logdir, kind, STEPS, True))
                assert c["code"] in (0, 1), c
                r["cli"].append(c["seconds"])
                for key in ("peak", "baseline", "imports", "read", "rest"):
                    r[key].append(c[key])
                r["kept"] = c["kept"]
                sys.stderr.write("%s, repeat %d: Rust %.2f s (--checksum %.2f s), CLI %.2f s "
                                 "(read %.2f s), peak - baseline %.1f MB, kept %.1f MB\n" % (
                                     kind, repeat + 1, r["rust"][-1], r["rust_checksum"][-1],
                                     c["seconds"], c["read"],
                                     (c["peak"] - c["baseline"]) / 1e6, c["kept"] / 1e6))
        if not args.no_old:
            for kind, logdir in logdirs.items():
                results[kind]["old"] = old_run(logdir, env)
                sys.stderr.write("%s: old path %s\n" % (kind, results[kind]["old"]))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    text = table(results, args)
    print(text)
    if not args.no_write:
        RESULTS.write_text(text)
        sys.stderr.write("wrote %s\n" % RESULTS.relative_to(ROOT))


if __name__ == "__main__":
    main()
