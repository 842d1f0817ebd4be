"""How fast the Plateau tab answers, against TensorBoard's own scalars route in the same process.

Two logdirs, written without TensorFlow:

* one run with N logged steps (default 1,000,000), as PlateauCallback writes it: the loss of
  every step in `plateau/loss_block` tensors of 256 steps, `plateau/learning_rate` at the
  first step and at each diagnostic step (every 1,000 steps: the callback's cap is 1,000
  diagnostics a run), and the same loss as an ordinary scalar `loss`, so that TensorBoard's
  scalars route has the very same series to serve. `--loss-format step` writes the loss as
  PlateauLogger and `tb_plateau.summary.loss` do instead: one `plateau/loss` tensor a step;
* R runs (default 500) of 300 steps with loss, learning rate, per-layer gradient norms and
  activation statistics.

Both are loaded by TensorBoard's own ingestion (the Python loader, or the Rust data server
with --loader rust) with every sample kept for both plugins (`plateau=all` is what the
plugin asks for; `scalars=all` makes the scalars route serve the same number of points), and
served by one TensorBoardWSGI app holding the core, scalars and Plateau plugins. Times are
wall-clock of the WSGI request, including JSON encoding, best of a few repeats where the
request is repeatable (warm), single-shot where it is not (first report: cold cache).

    python benchmarks/plugin_speed.py                  # full size, writes results/plugin_speed.md
    python benchmarks/plugin_speed.py --steps 100000 --runs 50 --no-write   # quick look
"""

import argparse
import json
import os
import pathlib
import shutil
import sys
import tempfile
import time

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tensorboard.backend import application  # noqa: E402
from tensorboard.backend.event_processing import data_ingester  # noqa: E402
from tensorboard.compat.proto import event_pb2, summary_pb2, tensor_pb2, types_pb2  # noqa: E402
from tensorboard.compat.proto import tensor_shape_pb2  # noqa: E402
from tensorboard.data import server_ingester  # noqa: E402
from tensorboard.util import grpc_util  # noqa: E402
from tensorboard.plugins import base_plugin  # noqa: E402
from tensorboard.plugins.core import core_plugin  # noqa: E402
from tensorboard.plugins.scalar import metadata as scalar_metadata  # noqa: E402
from tensorboard.plugins.scalar import scalars_plugin  # noqa: E402
from tensorboard.summary.writer.record_writer import RecordWriter  # noqa: E402
from werkzeug import test as werkzeug_test  # noqa: E402
from werkzeug import wrappers  # noqa: E402

from tb_plateau import metadata  # noqa: E402
from tb_plateau.serve import plugin  # noqa: E402
from tests import browser_helpers  # noqa: E402

PREFIX = "/data/plugin/plateau"


# -- writing big logdirs fast: serialized events straight into a record file ------------------


def _scalar_tensor(value):
    return tensor_pb2.TensorProto(dtype=types_pb2.DT_FLOAT, float_val=[float(value)],
                                  tensor_shape=tensor_shape_pb2.TensorShapeProto())


def _event(step, tag, tensor, meta=None, wall=0.0):
    v = summary_pb2.Summary.Value(tag=tag, tensor=tensor)
    if meta is not None:
        v.metadata.CopyFrom(meta)
    return event_pb2.Event(wall_time=wall, step=int(step),
                           summary=summary_pb2.Summary(value=[v])).SerializeToString()


# The callback writes the learning rate when it changes and at diagnostic steps only.
LR_EVERY = 1000


# PlateauCallback drains its in-graph step buffer into one loss block this often.
BLOCK_STEPS = 256


def _block_tensor(steps, values):
    """A plateau/loss_block tensor: float64 [2, n] of steps and losses."""
    return tensor_pb2.TensorProto(
        dtype=types_pb2.DT_DOUBLE,
        tensor_shape=tensor_shape_pb2.TensorShapeProto(dim=[
            tensor_shape_pb2.TensorShapeProto.Dim(size=2),
            tensor_shape_pb2.TensorShapeProto.Dim(size=len(steps))]),
        tensor_content=np.stack([steps, values]).astype("<f8").tobytes())


def write_long_run(logdir, n, loss_format="block"):
    """One run, n steps: the plateau loss (blocks or per step), plateau/learning_rate and the
    scalar `loss`."""
    run_dir = pathlib.Path(logdir) / "long"
    run_dir.mkdir(parents=True)
    rng = np.random.default_rng(0)
    steps = np.arange(1, n + 1)
    stall = n // 5
    loss = np.where(steps < stall, 2.3 - 0.4 * steps / stall, 1.9) + rng.normal(0, 0.01, n)
    lr = np.full(n, 1e-3)
    scalar_meta = scalar_metadata.create_summary_metadata(display_name="loss", description="")
    scalar_meta.data_class = summary_pb2.DATA_CLASS_SCALAR
    metas = {
        "plateau/loss": metadata.create_summary_metadata(metadata.LOSS),
        "plateau/loss_block": metadata.create_summary_metadata(metadata.LOSS_BLOCK),
        "plateau/learning_rate": metadata.create_summary_metadata(metadata.LEARNING_RATE),
        "loss": scalar_meta,
    }
    with open(run_dir / "events.out.tfevents.0000000001.bench", "wb") as f:
        writer = RecordWriter(f)
        writer.write(event_pb2.Event(wall_time=1.0, file_version="brain.Event:2")
                     .SerializeToString())
        per_step = [("plateau/learning_rate", lr), ("loss", loss)]
        if loss_format == "step":
            per_step.insert(0, ("plateau/loss", loss))
        for i in range(n):
            wall = 1.0 + i * 1e-3
            for tag, series in per_step:
                if tag == "plateau/learning_rate" and i % LR_EVERY:
                    continue
                writer.write(_event(steps[i], tag, _scalar_tensor(series[i]),
                                    metas.pop(tag, None), wall))
            if loss_format == "block" and ((i + 1) % BLOCK_STEPS == 0 or i == n - 1):
                first = i - i % BLOCK_STEPS
                writer.write(_event(steps[i], "plateau/loss_block",
                                    _block_tensor(steps[first:i + 1], loss[first:i + 1]),
                                    metas.pop("plateau/loss_block", None), wall))
    return "long"


def write_many_runs(logdir, runs, steps=300):
    for r in range(runs):
        s, signals = (browser_helpers.stalled_signals if r % 3 == 0
                      else browser_helpers.healthy_signals)(n=steps, seed=r)
        signals = {k: signals[k] for k in ("loss", "learning_rate", "grad_norm", "activation")}
        browser_helpers.write_run(logdir, "exp/run_%03d" % r, s, signals)
        # The same loss as an ordinary scalar, for the scalars-route comparison.
        with browser_helpers.eventfiles.RunWriter(logdir, "exp/run_%03d" % r,
                                                  filename_suffix=".scalar") as w:
            for i in range(steps):
                w.scalar("loss", int(s[i]), float(signals["loss"][i]))


# -- one TensorBoard app in this process --------------------------------------------------------


class App:
    def __init__(self, logdir, loader, scalar_samples):
        parser = argparse.ArgumentParser()
        core_plugin.CorePluginLoader().define_flags(parser)
        flags = parser.parse_args(["--logdir", str(logdir), "--reload_interval", "0",
                                   "--reload_task", "blocking",
                                   # The scalars plugin also downsamples its answers to
                                   # this number (0 would mean none), so give the count.
                                   "--samples_per_plugin", "scalars=%d" % scalar_samples])
        plugin.PlateauLoader().fix_flags(flags)
        start = time.perf_counter()
        if loader == "rust":
            self.ingester = server_ingester.SubprocessServerDataIngester(
                server_ingester.get_server_binary(), str(logdir), reload_interval=0,
                channel_creds_type=grpc_util.ChannelCredsType.LOCAL,
                samples_per_plugin=flags.samples_per_plugin)
        else:
            self.ingester = data_ingester.LocalDataIngester(flags)
        self.ingester.start()
        context = base_plugin.TBContext(data_provider=self.ingester.data_provider, flags=flags,
                                        logdir=str(logdir),
                                        sampling_hints=flags.samples_per_plugin)
        self.plateau = plugin.PlateauLoader().load(context)
        plugins = [core_plugin.CorePlugin(context), scalars_plugin.ScalarsPlugin(context),
                   self.plateau]
        wsgi = application.TensorBoardWSGI(plugins, data_provider=self.ingester.data_provider)
        self.client = werkzeug_test.Client(wsgi, wrappers.Response)
        self.wait_loaded(loader)
        self.load_seconds = time.perf_counter() - start

    def wait_loaded(self, loader):
        if loader != "rust":
            return
        # The data server loads in the background: wait until the listing stops growing.
        last = None
        while True:
            body = self.client.get("/data/plugin/scalars/tags").get_data()
            if body == last:
                return
            last = body
            time.sleep(2.0)

    def timed(self, method, path, **kwargs):
        start = time.perf_counter()
        response = getattr(self.client, method)(path, **kwargs)
        body = response.get_data()
        elapsed = time.perf_counter() - start
        assert response.status_code == 200, (path, response.status_code, body[:300])
        return elapsed, body


def best(fn, repeats=3):
    return min(fn() for _ in range(repeats))


def bench_long_run(app, run):
    q = {"run": run}
    scalars_cold, body = app.timed("get", "/data/plugin/scalars/scalars", query_string={
        "run": run, "tag": "loss"})
    points = len(json.loads(body))
    scalars = best(lambda: app.timed("get", "/data/plugin/scalars/scalars",
                                     query_string={"run": run, "tag": "loss"})[0])
    report_cold, body = app.timed("get", PREFIX + "/report", query_string=q)
    report = json.loads(body)
    series_first, body = app.timed("get", PREFIX + "/series", query_string={
        **q, "signals": "loss,learning_rate", "max_points": 2000})
    drawn = len(json.loads(body)["series"]["loss"]["steps"])
    report_warm = best(lambda: app.timed("get", PREFIX + "/report", query_string=q)[0])
    series_warm = best(lambda: app.timed("get", PREFIX + "/series", query_string={
        **q, "signals": "loss,learning_rate", "max_points": 2000})[0])
    return {
        "points": points, "report_steps": report["steps"]["count"], "drawn": drawn,
        "verdict": report["verdict"],
        "scalars_cold": scalars_cold, "scalars": scalars,
        "report_cold": report_cold, "series_first": series_first,
        "first_paint": report_cold + series_first,
        "report_warm": report_warm, "series_warm": series_warm,
        "warm_paint": report_warm + series_warm,
    }


def bench_many_runs(app, runs):
    names = ["exp/run_%03d" % r for r in range(runs)]
    first, body = app.timed("get", PREFIX + "/runs")
    first_pending = json.loads(body)["pending"]
    start = time.perf_counter()
    calls = 1
    pending = first_pending
    while pending:
        _, body = app.timed("get", PREFIX + "/runs")
        pending = json.loads(body)["pending"]
        calls += 1
    all_verdicts = first + (time.perf_counter() - start)
    warm = best(lambda: app.timed("get", PREFIX + "/runs")[0])
    rows = json.loads(app.timed("get", PREFIX + "/runs")[1])["runs"]
    scalars = best(lambda: app.timed("post", "/data/plugin/scalars/scalars_multirun",
                                     data={"tag": "loss", "runs": names})[0])
    tags = best(lambda: app.timed("get", "/data/plugin/scalars/tags")[0])
    return {
        "runs": len(rows), "first": first, "first_pending": first_pending,
        "all_verdicts": all_verdicts, "calls": calls, "warm": warm,
        "scalars_multirun": scalars, "scalars_tags": tags,
        "stalled": sum(r["verdict"] == "stalled" for r in rows),
    }


def table(args, loader, long, many, load_long, load_many):
    ratio = lambda a, b: "%.2f×" % (a / b) if b > 0 else "n/a"  # noqa: E731
    ms = lambda s: "%.0f ms" % (s * 1e3) if s < 10 else "%.1f s" % s  # noqa: E731
    lines = [
        "# Plateau tab speed",
        "",
        "`python benchmarks/plugin_speed.py --steps %d --runs %d --loader %s --loss-format %s` "
        "(%s loader; the long run's plateau loss %s; "
        "every sample kept and served by both plugins; one TensorBoardWSGI app in one process; machine: "
        "%d CPU cores, shared). Ratios are against TensorBoard's own scalars route serving the "
        "same loss tag from the same data provider." % (
            args.steps, args.runs, loader, args.loss_format, loader,
            "in blocks of 256 steps, as PlateauCallback writes it" if args.loss_format == "block"
            else "one tensor per step, as PlateauLogger writes it", os.cpu_count() or 0),
        "",
        "## One run, %s logged steps" % f"{args.steps:,}",
        "",
        "| request | time | vs scalars route (%s points, warm: %s) |" % (
            f"{long['points']:,}", ms(long["scalars"])),
        "| --- | --- | --- |",
        "| scalars route, first call | %s | %s |" % (ms(long["scalars_cold"]),
                                                     ratio(long["scalars_cold"], long["scalars"])),
        "| report, first (cold cache: read %s steps + analyse) | %s | %s |" % (
            f"{long['report_steps']:,}", ms(long["report_cold"]),
            ratio(long["report_cold"], long["scalars"])),
        "| series (loss + lr, %d drawn points) after it | %s | %s |" % (
            long["drawn"], ms(long["series_first"]), ratio(long["series_first"], long["scalars"])),
        "| **first paint** = report + series | **%s** | **%s** (target ≤ 2×) |" % (
            ms(long["first_paint"]), ratio(long["first_paint"], long["scalars"])),
        "| report, cached | %s | %s |" % (ms(long["report_warm"]),
                                          ratio(long["report_warm"], long["scalars"])),
        "| series, cached | %s | %s |" % (ms(long["series_warm"]),
                                          ratio(long["series_warm"], long["scalars"])),
        "| **repaint** (TensorBoard reload, run unchanged) | **%s** | **%s** |" % (
            ms(long["warm_paint"]), ratio(long["warm_paint"], long["scalars"])),
        "",
        "Ingestion of this logdir by TensorBoard (not the plugin): %s." % ms(load_long),
        "",
        "## %d runs × 300 steps (loss, lr, grad_norm[3], activation[3, 4])" % args.runs,
        "",
        "| request | time | vs scalars route |",
        "| --- | --- | --- |",
        "| runs list, first call (answers within its budget, %d runs left pending) | %s | %s vs scalars_multirun |" % (
            many["first_pending"], ms(many["first"]), ratio(many["first"], many["scalars_multirun"])),
        "| runs list until every verdict is in (%d calls, %d stalled) | %s | %s |" % (
            many["calls"], many["stalled"], ms(many["all_verdicts"]),
            ratio(many["all_verdicts"], many["scalars_multirun"])),
        "| **runs list, cached** (target < 2 s) | **%s** | %s vs scalars_multirun, %s vs scalars tags |" % (
            ms(many["warm"]), ratio(many["warm"], many["scalars_multirun"]),
            ratio(many["warm"], many["scalars_tags"])),
        "| scalars_multirun (loss of all %d runs) | %s | 1× |" % (many["runs"],
                                                                  ms(many["scalars_multirun"])),
        "| scalars tags listing | %s | |" % ms(many["scalars_tags"]),
        "",
        "Ingestion of this logdir by TensorBoard: %s." % ms(load_many),
        "",
    ]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=500)
    parser.add_argument("--loader", choices=("python", "rust"), default="python")
    parser.add_argument("--loss-format", choices=("block", "step"), default="block",
                        help="the long run's plateau loss: PlateauCallback's blocks (default) "
                             "or PlateauLogger's one tensor per step")
    parser.add_argument("--no-write", action="store_true", help="print, do not write results")
    args = parser.parse_args(argv)
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="plateau-bench-"))
    try:
        t = time.perf_counter()
        run = write_long_run(tmp / "long", args.steps, args.loss_format)
        write_many_runs(tmp / "many", args.runs)
        print("wrote logdirs in %.1f s" % (time.perf_counter() - t), file=sys.stderr)
        app = App(tmp / "long", args.loader, max(args.steps, 1000))
        print("loaded long run in %.1f s" % app.load_seconds, file=sys.stderr)
        long = bench_long_run(app, run)
        load_long = app.load_seconds
        del app
        app = App(tmp / "many", args.loader, 1000)
        print("loaded %d runs in %.1f s" % (args.runs, app.load_seconds), file=sys.stderr)
        many = bench_many_runs(app, args.runs)
        text = table(args, args.loader, long, many, load_long, app.load_seconds)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(text)
    if not args.no_write:
        name = "plugin_speed%s%s.md" % ("" if args.loader == "python" else "_rust",
                                         "" if args.loss_format == "block" else "_per_step")
        out = ROOT / "benchmarks" / "results" / name
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
