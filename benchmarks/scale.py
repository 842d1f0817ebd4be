"""Memory and response times of the Plateau tab at scale, against TensorBoard's scalars route.

Two logdirs, written without TensorFlow (serialized events straight into record files):

* many: 1,000 runs, each 100 steps of `plateau/loss` and `plateau/learning_rate` every step,
  `plateau/grad_norm` [3] every 10 steps, and the loss again as an ordinary scalar `loss`
  (so TensorBoard's scalars route has the very same series to serve);
* wide: one run of 100,000 steps and 1,000 layers. The loss is logged every step (100,000
  points, also as the scalar `loss`); per-layer signals at the cadence a probe batch allows
  in a long training: `grad_norm`, `weight_norm`, `update_ratio` [1000] and
  `learning_rate` every 100 steps (1,000 points each, 1,000,000 numbers per per-layer
  signal) and `activation` [1000, 4] every 1,000 steps (100 points).

Each logdir is loaded by TensorBoard's Python loader in its own child process (every sample
kept for both plugins) and served by one TensorBoardWSGI app holding the core, scalars and
Plateau plugins, driven with werkzeug's test client. Times are wall-clock of the request
including JSON encoding: warm ones best of 3, cold ones single-shot. Memory is measured in a
second pass over a fresh plugin instance on the same data provider, under tracemalloc (numpy
reports its buffers to it): the peak during the requests, what is still held afterwards
(the report cache), and what is left once the plugin is dropped. Peak RSS of the process
(TensorBoard's ingestion included) comes from getrusage.

    nice python benchmarks/scale.py            # writes benchmarks/results/scale.md
    nice python benchmarks/scale.py --no-write
"""

import argparse
import gc
import json
import os
import pathlib
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tensorboard.compat.proto import event_pb2, summary_pb2  # noqa: E402
from tensorboard.plugins.scalar import metadata as scalar_metadata  # noqa: E402
from tensorboard.summary.writer.record_writer import RecordWriter  # noqa: E402
from tensorboard.util import tensor_util  # noqa: E402

from tb_plateau import metadata  # noqa: E402

PREFIX = "/data/plugin/plateau"
MANY_RUNS = 1000
MANY_STEPS = 100
WIDE_STEPS = 100_000
WIDE_LAYERS = 1000
LAYER_EVERY = 100
ACTIVATION_EVERY = 1000


# -- writing --------------------------------------------------------------------------------------


class Events:
    """One record file of serialized events; metadata goes on each tag's first event."""

    def __init__(self, run_dir):
        run_dir.mkdir(parents=True, exist_ok=True)
        self._file = open(run_dir / "events.out.tfevents.0000000001.scale", "wb")
        self._writer = RecordWriter(self._file)
        self._writer.write(event_pb2.Event(wall_time=1.0, file_version="brain.Event:2")
                           .SerializeToString())
        self._metas = {}
        self._wall = 1.0

    def add(self, step, tag, array, meta=None):
        value = summary_pb2.Summary.Value(
            tag=tag, tensor=tensor_util.make_tensor_proto(np.asarray(array, np.float32)))
        if tag not in self._metas:
            self._metas[tag] = True
            value.metadata.CopyFrom(meta)
        self._wall += 1e-3
        self._writer.write(event_pb2.Event(wall_time=self._wall, step=int(step),
                                           summary=summary_pb2.Summary(value=[value]))
                           .SerializeToString())

    def close(self):
        self._writer.close()


def _scalar_meta():
    meta = scalar_metadata.create_summary_metadata(display_name="loss", description="")
    meta.data_class = summary_pb2.DATA_CLASS_SCALAR
    return meta


def write_many(logdir):
    rng = np.random.default_rng(0)
    scalar = _scalar_meta()
    meta = {s: metadata.create_summary_metadata(s, names=["d0", "d1", "d2"]
                                                 if s == metadata.GRAD_NORM else None)
            for s in (metadata.LOSS, metadata.LEARNING_RATE, metadata.GRAD_NORM)}
    steps = np.arange(1, MANY_STEPS + 1)
    for r in range(MANY_RUNS):
        stalled = r % 3 == 0
        loss = (np.full(MANY_STEPS, 2.3) if stalled else 2.3 * np.exp(-steps / 20) + 0.05) \
            + rng.normal(0, 0.01, MANY_STEPS)
        ev = Events(pathlib.Path(logdir) / ("exp/run_%04d" % r))
        for i, step in enumerate(steps):
            ev.add(step, "plateau/loss", loss[i], meta[metadata.LOSS])
            ev.add(step, "plateau/learning_rate", 1e-3, meta[metadata.LEARNING_RATE])
            ev.add(step, "loss", loss[i], scalar)
            if step % 10 == 0:
                ev.add(step, "plateau/grad_norm", [0.05, 0.08, 0.1], meta[metadata.GRAD_NORM])
        ev.close()


def write_wide(logdir):
    rng = np.random.default_rng(1)
    names = ["layer_%04d" % i for i in range(WIDE_LAYERS)]
    meta = {s: metadata.create_summary_metadata(s, names=names if s in (
        metadata.GRAD_NORM, metadata.WEIGHT_NORM, metadata.UPDATE_RATIO, metadata.ACTIVATION)
        else None, columns=list(metadata.ACTIVATION_COLUMNS) if s == metadata.ACTIVATION else None,
        extra={"activations": ["relu"] * WIDE_LAYERS} if s == metadata.ACTIVATION else None)
        for s in (metadata.LOSS, metadata.LEARNING_RATE, metadata.GRAD_NORM,
                  metadata.WEIGHT_NORM, metadata.UPDATE_RATIO, metadata.ACTIVATION)}
    scalar = _scalar_meta()
    steps = np.arange(1, WIDE_STEPS + 1)
    stall = WIDE_STEPS // 5
    loss = np.where(steps < stall, 2.3 - 0.4 * steps / stall, 1.9) + rng.normal(0, 0.01, WIDE_STEPS)
    ev = Events(pathlib.Path(logdir) / "wide")
    act = np.tile([0.5, np.nan, 0.3, 0.5], (WIDE_LAYERS, 1))
    for i, step in enumerate(steps):
        ev.add(step, "plateau/loss", loss[i], meta[metadata.LOSS])
        ev.add(step, "loss", loss[i], scalar)
        if step % LAYER_EVERY == 0:
            ev.add(step, "plateau/learning_rate", 1e-3, meta[metadata.LEARNING_RATE])
            ev.add(step, "plateau/grad_norm", rng.uniform(0.01, 0.1, WIDE_LAYERS),
                   meta[metadata.GRAD_NORM])
            ev.add(step, "plateau/weight_norm", rng.uniform(1, 5, WIDE_LAYERS),
                   meta[metadata.WEIGHT_NORM])
            ev.add(step, "plateau/update_ratio", rng.uniform(5e-4, 2e-3, WIDE_LAYERS),
                   meta[metadata.UPDATE_RATIO])
        if step % ACTIVATION_EVERY == 0:
            ev.add(step, "plateau/activation", act, meta[metadata.ACTIVATION])
    ev.close()


# -- serving (child process) ------------------------------------------------------------------------


def make_app(logdir):
    from tensorboard.backend import application
    from tensorboard.backend.event_processing import data_ingester
    from tensorboard.plugins import base_plugin
    from tensorboard.plugins.core import core_plugin
    from tensorboard.plugins.scalar import scalars_plugin
    from werkzeug import test as werkzeug_test
    from werkzeug import wrappers

    from tb_plateau.serve import plugin

    parser = argparse.ArgumentParser()
    core_plugin.CorePluginLoader().define_flags(parser)
    # scalars=100000: the scalars route downsamples its answer to this count (0 would mean
    # none), so both plugins hold and serve every point.
    flags = parser.parse_args(["--logdir", str(logdir), "--reload_interval", "0",
                               "--reload_task", "blocking",
                               "--samples_per_plugin", "scalars=%d" % WIDE_STEPS])
    plugin.PlateauLoader().fix_flags(flags)
    start = time.perf_counter()
    ingester = data_ingester.LocalDataIngester(flags)
    ingester.start()
    load_seconds = time.perf_counter() - start
    context = base_plugin.TBContext(data_provider=ingester.data_provider, flags=flags,
                                    logdir=str(logdir), sampling_hints=flags.samples_per_plugin)

    def build():
        plateau = plugin.PlateauLoader().load(context)
        wsgi = application.TensorBoardWSGI(
            [core_plugin.CorePlugin(context), scalars_plugin.ScalarsPlugin(context), plateau],
            data_provider=ingester.data_provider)
        return werkzeug_test.Client(wsgi, wrappers.Response), plateau

    return build, load_seconds


def timed(client, method, path, **kwargs):
    start = time.perf_counter()
    response = getattr(client, method)(path, **kwargs)
    body = response.get_data()
    elapsed = time.perf_counter() - start
    assert response.status_code == 200, (path, response.status_code, body[:300])
    return elapsed, body


def best(fn, repeats=3):
    return min(fn() for _ in range(repeats))


def requests_many(client):
    """The runs list from cold to cached, against scalars_multirun over the same runs."""
    names = ["exp/run_%04d" % r for r in range(MANY_RUNS)]
    out = {}
    out["runs_first"], body = timed(client, "get", PREFIX + "/runs")
    out["first_pending"] = json.loads(body)["pending"]
    total, pending, calls = out["runs_first"], out["first_pending"], 1
    while pending:
        t, body = timed(client, "get", PREFIX + "/runs")
        total += t
        calls += 1
        pending = json.loads(body)["pending"]
    out["runs_all"], out["runs_calls"] = total, calls
    rows = json.loads(body)["runs"]
    out["verdicts"] = {v: sum(1 for r in rows if r["verdict"] == v)
                       for v in sorted({r["verdict"] for r in rows})}
    out["runs_warm"] = best(lambda: timed(client, "get", PREFIX + "/runs")[0])
    q = {"run": names[0]}
    out["report_one"] = best(lambda: timed(client, "get", PREFIX + "/report", query_string=q)[0])
    out["series_one"] = best(lambda: timed(client, "get", PREFIX + "/series", query_string=q)[0])
    out["scalars_one"] = best(lambda: timed(client, "get", "/data/plugin/scalars/scalars",
                                            query_string={"run": names[0], "tag": "loss"})[0])
    out["scalars_multirun"] = best(lambda: timed(client, "post",
                                                 "/data/plugin/scalars/scalars_multirun",
                                                 data={"tag": "loss", "runs": names})[0])
    return out


def requests_wide(client):
    q = {"run": "wide"}
    out = {}
    out["scalars_cold"], body = timed(client, "get", "/data/plugin/scalars/scalars",
                                      query_string={"run": "wide", "tag": "loss"})
    out["scalar_points"] = len(json.loads(body))
    out["scalars"] = best(lambda: timed(client, "get", "/data/plugin/scalars/scalars",
                                        query_string={"run": "wide", "tag": "loss"})[0])
    out["runs_first"], _ = timed(client, "get", PREFIX + "/runs")
    out["report_cold"], body = timed(client, "get", PREFIX + "/report", query_string=q)
    report = json.loads(body)
    out["report_steps"], out["verdict"] = report["steps"]["count"], report["verdict"]
    out["report_warm"] = best(lambda: timed(client, "get", PREFIX + "/report", query_string=q)[0])
    out["runs_warm"] = best(lambda: timed(client, "get", PREFIX + "/runs")[0])
    out["series_loss"], body = timed(client, "get", PREFIX + "/series",
                                     query_string={**q, "signals": "loss"})
    out["series_loss_bytes"] = len(body)
    out["series_all"], body = timed(client, "get", PREFIX + "/series", query_string=q)
    out["series_all_bytes"] = len(body)
    out["series_layer"], body = timed(client, "get", PREFIX + "/series", query_string={
        **q, "signals": "grad_norm", "layer": "layer_0500"})
    out["series_layer_bytes"] = len(body)
    return out


def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def child(scenario, logdir):
    build, load_seconds = make_app(logdir)
    run_requests = requests_many if scenario == "many" else requests_wide
    rss_loaded = rss_mb()
    client, _ = build()
    result = run_requests(client)
    result["load_seconds"] = load_seconds
    result["rss_loaded_mb"] = rss_loaded
    result["rss_after_mb"] = rss_mb()
    del client
    gc.collect()
    # Memory pass: a fresh plugin (empty cache) on the same data provider, under tracemalloc.
    tracemalloc.start()
    client, plateau = build()
    gc.collect()
    base = tracemalloc.get_traced_memory()[0]
    tracemalloc.reset_peak()
    run_requests(client)
    gc.collect()
    current, peak = tracemalloc.get_traced_memory()
    result["traced_peak_mb"] = (peak - base) / 2 ** 20
    result["traced_held_mb"] = (current - base) / 2 ** 20
    result["cached_runs"] = len(plateau._cache._entries)
    del client, plateau
    gc.collect()
    result["traced_after_drop_mb"] = (tracemalloc.get_traced_memory()[0] - base) / 2 ** 20
    tracemalloc.stop()
    result["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


# -- report -------------------------------------------------------------------------------------------


def ms(s):
    return "%.0f ms" % (s * 1e3) if s < 10 else "%.1f s" % s


def ratio(a, b):
    return "%.2f×" % (a / b)


def table(many, wide):
    m, w = many, wide
    lines = [
        "# Plateau tab at scale",
        "",
        "`nice python benchmarks/scale.py` (TensorBoard's Python loader, every sample kept for "
        "both plugins; one TensorBoardWSGI app with core, scalars and Plateau plugins per "
        "logdir, each in its own process, driven by werkzeug's test client; machine: 2 CPU "
        "cores, shared with other jobs). Warm times are best of 3. Ratios are against "
        "TensorBoard's own scalars route serving the same loss from the same data provider.",
        "",
        "## 1,000 runs × 100 steps (loss, lr every step; grad_norm[3] every 10 steps)",
        "",
        "| request | time | vs scalars |",
        "| --- | --- | --- |",
        "| scalars_multirun (loss of all 1,000 runs) | %s | 1× |" % ms(m["scalars_multirun"]),
        "| runs list, first call (%d runs left pending after its budget) | %s | %s |" % (
            m["first_pending"], ms(m["runs_first"]), ratio(m["runs_first"], m["scalars_multirun"])),
        "| runs list until every verdict is in (%d calls; %s) | %s | %s |" % (
            m["runs_calls"], ", ".join("%d %s" % (n, v) for v, n in m["verdicts"].items()),
            ms(m["runs_all"]), ratio(m["runs_all"], m["scalars_multirun"])),
        "| **runs list, cached** | **%s** | %s |" % (ms(m["runs_warm"]),
                                                   ratio(m["runs_warm"], m["scalars_multirun"])),
        "| scalars route, one run (100 points) | %s | 1× |" % ms(m["scalars_one"]),
        "| report, one run, cached | %s | %s |" % (ms(m["report_one"]),
                                                  ratio(m["report_one"], m["scalars_one"])),
        "| series, one run (all signals) | %s | %s |" % (ms(m["series_one"]),
                                                        ratio(m["series_one"], m["scalars_one"])),
        "",
        "| memory | |",
        "| --- | --- |",
        "| TensorBoard's ingestion of the logdir (not the plugin) | %.1f s, RSS %.0f MB after it |"
        % (m["load_seconds"], m["rss_loaded_mb"]),
        "| plugin peak (tracemalloc, cold cache through every request above) | %.1f MB |"
        % m["traced_peak_mb"],
        "| held by the plugin afterwards (report cache, %d runs) | %.1f MB |" % (
            m["cached_runs"], m["traced_held_mb"]),
        "| left after dropping the plugin | %.1f MB |" % m["traced_after_drop_mb"],
        "| peak RSS of the process (ingestion included) | %.0f MB |" % m["maxrss_mb"],
        "",
        "## One run: 100,000 steps × 1,000 layers",
        "",
        "Loss every step (100,000 points); grad_norm, weight_norm, update_ratio [1000] and the "
        "learning rate every %d steps (1,000 points each); activation [1000, 4] every %d "
        "steps (100 points)." % (LAYER_EVERY, ACTIVATION_EVERY),
        "",
        "| request | time | vs scalars route (%s points, warm: %s) |" % (
            format(w["scalar_points"], ","), ms(w["scalars"])),
        "| --- | --- | --- |",
        "| scalars route, first call | %s | %s |" % (ms(w["scalars_cold"]),
                                                    ratio(w["scalars_cold"], w["scalars"])),
        "| runs list, first call (computes the report) | %s | %s |" % (
            ms(w["runs_first"]), ratio(w["runs_first"], w["scalars"])),
        "| report after it (cached; %d steps, %s) | %s | %s |" % (
            w["report_steps"], w["verdict"], ms(w["report_cold"]),
            ratio(w["report_cold"], w["scalars"])),
        "| report, cached, best of 3 | %s | %s |" % (ms(w["report_warm"]),
                                                     ratio(w["report_warm"], w["scalars"])),
        "| runs list, cached | %s | %s |" % (ms(w["runs_warm"]), ratio(w["runs_warm"], w["scalars"])),
        "| series, loss only (%d kB) | %s | %s |" % (
            w["series_loss_bytes"] // 1024, ms(w["series_loss"]), ratio(w["series_loss"], w["scalars"])),
        "| series, every signal, every layer (%d kB) | %s | %s |" % (
            w["series_all_bytes"] // 1024, ms(w["series_all"]), ratio(w["series_all"], w["scalars"])),
        "| series, grad_norm of one layer (%d kB) | %s | %s |" % (
            w["series_layer_bytes"] // 1024, ms(w["series_layer"]),
            ratio(w["series_layer"], w["scalars"])),
        "",
        "| memory | |",
        "| --- | --- |",
        "| TensorBoard's ingestion of the logdir (not the plugin) | %.1f s, RSS %.0f MB after it |"
        % (w["load_seconds"], w["rss_loaded_mb"]),
        "| plugin peak (tracemalloc, cold cache through every request above) | %.1f MB |"
        % w["traced_peak_mb"],
        "| held by the plugin afterwards (report cache, %d run) | %.1f MB |" % (
            w["cached_runs"], w["traced_held_mb"]),
        "| left after dropping the plugin | %.1f MB |" % w["traced_after_drop_mb"],
        "| peak RSS of the process (ingestion included) | %.0f MB |" % w["maxrss_mb"],
        "",
        "## What the numbers say",
        "",
        "- Every request of the Plateau routes lists all runs first (`reader.list_runs`, to "
        "find the run's fingerprint), so in a 1,000-run logdir a cached report of one run "
        "costs %s against %s for the scalars route's one-run answer: the listing, not the "
        "report." % (ms(m["report_one"]), ms(m["scalars_one"])),
        "- The series route without `signals`/`layer` sends every layer of every signal: "
        "%.0f MB of JSON for 1,000 layers, and most of the plugin's %.0f MB peak. The panel "
        "asks for named signals and layers (%d kB for one layer)." % (
            w["series_all_bytes"] / 2 ** 20, w["traced_peak_mb"], w["series_layer_bytes"] // 1024),
        "- A cold report of the 100,000-step, 1,000-layer run (inside the first runs-list "
        "call) takes %s, %s the scalars route serving its 100,000 loss points."
        % (ms(w["runs_first"]), ratio(w["runs_first"], w["scalars"])),
        "",
        "## How memory is bounded",
        "",
        "The plugin's `ReportCache` keeps, per run, the run's data as numpy float64 arrays "
        "(everything `read_run` returned: every point of every signal) and its report, keyed by "
        "the run's fingerprint; an entry is replaced when its run grows and dropped when its "
        "run leaves the logdir (`prune` on the runs route). Nothing else is retained: series "
        "answers are downsampled per request and not kept. So what the plugin holds grows "
        "with the number of runs looked at times their size in float64 (about twice the float32 "
        "tensors TensorBoard already holds for the same data), with no cap on the number of "
        "runs; TensorBoard's own multiplexer, which keeps every sample the plugin asked for, "
        "dominates the process's RSS either way.",
    ]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--child", nargs=2, metavar=("SCENARIO", "LOGDIR"), help=argparse.SUPPRESS)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    tmp = tempfile.mkdtemp(prefix="tb-plateau-scale-")
    results = {}
    try:
        for scenario, write in (("many", write_many), ("wide", write_wide)):
            logdir = os.path.join(tmp, scenario)
            start = time.perf_counter()
            write(logdir)
            sys.stderr.write("%s: written in %.1f s\n" % (scenario, time.perf_counter() - start))
            out = subprocess.run([sys.executable, __file__, "--child", scenario, logdir],
                                 capture_output=True, text=True, check=False)
            if out.returncode:
                sys.stderr.write(out.stderr[-5000:])
                raise SystemExit("%s child failed" % scenario)
            results[scenario] = json.loads(out.stdout.strip().splitlines()[-1])
            sys.stderr.write("%s: %s\n" % (scenario, results[scenario]))
            shutil.rmtree(logdir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    text = table(results["many"], results["wide"])
    print(text)
    if not args.no_write:
        path = ROOT / "benchmarks" / "results" / "scale.md"
        path.write_text(text)
        sys.stderr.write("wrote %s\n" % path)


if __name__ == "__main__":
    main()
