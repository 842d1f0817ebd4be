"""The Plateau routes under concurrent load, on a real `tensorboard` process, both loaders.

A logdir of R runs (default 24) as PlateauCallback writes them (600 steps: loss blocks,
learning rate, per-layer gradient norms and activation statistics, a config), plus the same
loss as an ordinary scalar so that TensorBoard's own scalars route has a comparable series to
serve. For each loader (`--load_fast=false`: TensorBoard's Python loader; `--load_fast=true`:
the Rust data server) one `tensorboard` is started on 127.0.0.1, warmed until every report is
cached, and then each route is hammered by C concurrent clients (default 1 and 16) for D
seconds. Printed and written to results/load.md: requests/s, p50/p99 latency, the non-200
answers, and the resident memory of the tensorboard process tree over the whole load.

`runs, new experiment id` asks for the runs list under a fresh
`/experiment/<id>/` prefix on every request: the report cache must neither recompute nor
grow for ids that name the same data.

    python benchmarks/load.py                       # ~3 minutes, writes results/load.md
    python benchmarks/load.py --seconds 3 --clients 4 --no-write   # quick look

The clients are threads of this process, sharing the machine's cores with the server; the
scalars route in the same run is the yardstick for what the machine can do.
"""

import argparse
import http.client
import itertools
import json
import os
import pathlib
import platform
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import browser_helpers as bh  # noqa: E402
from tests import eventfiles  # noqa: E402

PREFIX = "/data/plugin/plateau"
RESULTS = ROOT / "benchmarks" / "results" / "load.md"
RSS_EVERY = 0.5  # seconds between memory samples


def build_logdir(path, runs):
    for i in range(runs):
        make = bh.stalled_signals if i % 2 else bh.healthy_signals
        steps, signals = make(seed=i)
        run = "run%03d" % i
        bh.write_run(path, run, steps, signals)
        # The same loss as an ordinary scalar, for TensorBoard's own route to serve.
        with eventfiles.RunWriter(path, run, filename_suffix=".scalars") as w:
            for step, value in zip(steps, signals["loss"]):
                w.scalar("loss", int(step), float(value))


def _rss_of_tree(pid):
    """Resident bytes of `pid` and its children (the Rust data server is a child)."""
    total = 0
    pids = [pid]
    try:
        children = pathlib.Path("/proc/%d/task/%d/children" % (pid, pid)).read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            for line in pathlib.Path("/proc/%d/status" % p).read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def _server_pid(port):
    """The pid listening on 127.0.0.1:`port` (tests' helper does not hand out its Popen)."""
    want = "%08X:%04X" % (0x0100007F, port)
    inodes = set()
    for line in pathlib.Path("/proc/net/tcp").read_text().splitlines()[1:]:
        parts = line.split()
        if parts[1] == want and parts[3] == "0A":
            inodes.add(parts[9])
    for proc in pathlib.Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            for fd in (proc / "fd").iterdir():
                if os.readlink(fd) in {"socket:[%s]" % i for i in inodes}:
                    return int(proc.name)
        except OSError:
            continue
    return None


def _get(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def hammer(port, paths, clients, seconds, pid):
    """C threads GET `paths` (a callable i -> path) for `seconds`; latencies and memory."""
    latencies = []
    errors = {}
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    counter = itertools.count()
    rss = []

    def client():
        mine = []
        while time.monotonic() < stop:
            path = paths(next(counter))
            t0 = time.perf_counter()
            try:
                status = _get(port, path)
            except OSError as e:
                status = type(e).__name__
            mine.append(time.perf_counter() - t0)
            if status != 200:
                with lock:
                    errors[status] = errors.get(status, 0) + 1
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        rss.append(_rss_of_tree(pid))
        time.sleep(RSS_EVERY)
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t0
    lat = np.sort(np.asarray(latencies)) * 1000
    return {
        "rps": len(lat) / elapsed,
        "p50": float(np.percentile(lat, 50)) if len(lat) else float("nan"),
        "p99": float(np.percentile(lat, 99)) if len(lat) else float("nan"),
        "errors": errors,
        "rss": rss,
    }


def scenarios(runs):
    run = "run001"
    q = urllib.parse.quote
    fresh = itertools.count()
    return [
        ("scalars (TensorBoard's own)",
         lambda i: "/data/plugin/scalars/scalars?run=%s&tag=loss" % q(run)),
        ("runs", lambda i: PREFIX + "/runs"),
        ("report", lambda i: PREFIX + "/report?run=%s" % q("run%03d" % (i % runs))),
        ("series", lambda i: PREFIX + "/series?run=%s" % q("run%03d" % (i % runs))),
        ("runs, new experiment id",
         lambda i: "/experiment/load%d%s/runs" % (next(fresh), PREFIX)),
    ]


def warm(port, timeout=120):
    """Until every report is cached and TensorBoard has loaded the scalars too."""
    deadline = time.monotonic() + timeout
    base = "http://127.0.0.1:%d" % port
    while time.monotonic() < deadline:
        status, body = bh.http_get(base + PREFIX + "/runs")
        scalars, _ = bh.http_get(base + "/data/plugin/scalars/scalars?run=run001&tag=loss")
        if status == 200 and json.loads(body)["pending"] == 0 and scalars == 200:
            return
        time.sleep(0.2)
    raise RuntimeError("reports were not all computed in %ss" % timeout)


def _mb(value):
    return "%.0f" % (value / 1e6)


def run(args):
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="tb-plateau-load-"))
    rows = []
    try:
        logdir = tmp / "logs"
        build_logdir(logdir, args.runs)
        for load_fast in args.loaders:
            loader = "Rust" if load_fast == "true" else "Python"
            with bh.tensorboard_server(logdir, load_fast=load_fast,
                                       extra_args=("--samples_per_plugin", "scalars=0")) as base:
                port = int(base.rsplit(":", 1)[1])
                pid = _server_pid(port)
                warm(port)
                for name, paths in scenarios(args.runs):
                    for clients in args.clients:
                        result = hammer(port, paths, clients, args.seconds, pid)
                        result.update(loader=loader, route=name, clients=clients)
                        rows.append(result)
                        print(_line(result), flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return rows


def _line(r):
    errors = ", ".join("%s: %d" % kv for kv in sorted(r["errors"].items(), key=str)) or "0"
    rss = r["rss"] or [0]
    return ("| %s | %s | %d | %.0f | %.0f | %.0f | %s | %s → %s (peak %s) |"
            % (r["loader"], r["route"], r["clients"], r["rps"], r["p50"], r["p99"], errors,
               _mb(rss[0]), _mb(rss[-1]), _mb(max(rss))))


HEADER = ("| loader | route | clients | requests/s | p50 ms | p99 ms | non-200 | "
          "RSS MB start → end (peak) |\n| --- | --- | --- | --- | --- | --- | --- | --- |")


def ratios(rows):
    """Requests/s of each Plateau route over TensorBoard's scalars route, same loader and
    client count."""
    lines = []
    base = {(r["loader"], r["clients"]): r["rps"] for r in rows
            if r["route"].startswith("scalars")}
    for r in rows:
        if r["route"].startswith("scalars"):
            continue
        b = base.get((r["loader"], r["clients"]))
        if b:
            lines.append("| %s | %s | %d | %.2f× |" % (r["loader"], r["route"], r["clients"],
                                                       r["rps"] / b))
    return ("| loader | route | clients | requests/s vs scalars route |\n"
            "| --- | --- | --- | --- |\n" + "\n".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=24)
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 16])
    parser.add_argument("--loaders", nargs="+", default=["false", "true"],
                        choices=["false", "true"], help="values of --load_fast")
    parser.add_argument("--label", default="", help="a heading for this measurement")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    print(HEADER)
    rows = run(args)
    table = HEADER + "\n" + "\n".join(_line(r) for r in rows)
    print()
    print(ratios(rows))
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        text = ("# Load: the Plateau routes under concurrent clients\n\n"
                "`python benchmarks/load.py --runs %d --seconds %g --clients %s` "
                "(real `tensorboard` on 127.0.0.1, %d runs × 600 steps; machine: %d CPU "
                "cores, %s; clients are threads of the benchmark process on the same "
                "cores).%s\n\n%s\n\n%s\n"
                % (args.runs, args.seconds, " ".join(map(str, args.clients)), args.runs,
                   os.cpu_count(), platform.python_version(),
                   (" " + args.label) if args.label else "", table, ratios(rows)))
        RESULTS.write_text(text)
        print("\nwrote %s" % RESULTS)


if __name__ == "__main__":
    main()
