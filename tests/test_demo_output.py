"""What the demo prints and writes: TensorFlow's C++ log lines kept out of the terminal, a
progress line per run with its count, elapsed time and ETA, a summary of the verdicts as the
report gives them, and Keras's own TensorBoard scalars beside each run without extra runs."""

import collections
import json
import math
import pathlib
import re
import subprocess
import sys
import textwrap
import time
import types

import pytest

from demo import runner

ROOT = pathlib.Path(__file__).resolve().parent.parent

# A fast subset of the catalogue with three different verdicts: two `fit` runs (Keras's
# TensorBoard callback) and one custom GradientTape loop (tf.summary, as TensorFlow's guide).
SUBSET = ("mlp/converged", "cnn/dead_filters", "custom/healthy_improving")
ONLY = "^(%s)$" % "|".join(re.escape(run) for run in SUBSET)

PROGRESS_LINE = re.compile(
    r"^\[(?P<index>\d+)/(?P<total>\d+)\] (?P<run>\S+)  (?P<elapsed>\d+:\d\d) elapsed, "
    r"ETA (?P<eta>\d+:\d\d|-:--)$")
SUMMARY_LINE = re.compile(r"^(?P<total>\d+) runs?: (?P<counts>\d+ \w+(, \d+ \w+)*)$")


def test_native_log_lines_are_dropped_and_the_rest_kept():
    script = textwrap.dedent("""
        import os, sys, time
        from demo.__main__ import keep_native_logs_out
        keep_native_logs_out()
        os.write(2, b"WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\\n")
        os.write(2, b"I0000 00:00:1795860233.146807   11483 port.cc:153] oneDNN custom operations are on.\\n")
        os.write(2, b"E0000 00:00:1795860243.846212   11483 tfg_optimizer_hook.cc:135] tfg_optimizer failed\\n")
        os.write(2, b"\\twhen importing GraphDef to MLIR module in GrapplerHook\\n")
        os.write(2, b"a real error from a C library\\n")
        sys.stderr.write("[####....] 1/2 mlp/converged\\n")
        time.sleep(0.5)  # the filter thread forwards what it read
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60,
                            cwd=str(ROOT))
    err = result.stderr.decode()
    assert result.returncode == 0, err
    assert "a real error from a C library" in err
    assert "[####....] 1/2 mlp/converged" in err
    for noise in ("absl::InitializeLog", "oneDNN", "tfg_optimizer", "GrapplerHook"):
        assert noise not in err


# -- the progress line, without training -------------------------------------------------------


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def monotonic(self):
        return self.now


class Terminal:
    """A stream that says it is a terminal and keeps what was written to it."""

    def __init__(self):
        self.written = []

    def isatty(self):
        return True

    def write(self, text):
        self.written.append(text)

    def flush(self):
        pass


def test_eta_comes_from_the_runs_trained_so_far(monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(runner, "time", types.SimpleNamespace(monotonic=clock.monotonic))
    out = Terminal()
    out.isatty = lambda: False
    progress = runner.Progress(total=6, to_train=5, stream=out)
    progress.skip(1, "mlp/already_there")
    progress.start(2, "mlp/first")
    assert progress.eta() is None  # nothing trained yet: no rate to go by
    clock.now += 2.0
    progress.finish()
    progress.start(3, "mlp/second")
    clock.now += 4.0
    progress.finish()
    # Mean 3 s per run, three runs to go.
    assert progress.eta() == pytest.approx(9.0)
    progress.start(4, "cnn/third")
    clock.now += 1.0
    assert progress.eta() == pytest.approx(3.0 * 2 + 2.0)
    assert progress.line() == "[4/6] cnn/third  0:07 elapsed, ETA 0:08"
    clock.now += 10.0  # slower than the mean: what is left of it is not negative
    assert progress.eta() == pytest.approx(6.0)
    progress.finish()
    progress.close()
    assert "".join(out.written).splitlines() == [
        "[1/6] mlp/already_there  already trained",
        "[2/6] mlp/first  0:00 elapsed, ETA -:--",
        "[3/6] mlp/second  0:02 elapsed, ETA 0:08",
        "[4/6] cnn/third  0:06 elapsed, ETA 0:09",
        "trained 3 runs in 0:17 (1 already trained)",
    ]


def test_on_a_terminal_the_line_is_redrawn_in_place():
    out = Terminal()
    progress = runner.Progress(total=2, to_train=2, stream=out)
    progress.REDRAW_SECONDS = 0.05
    progress.start(1, "mlp/first")
    progress.finish()
    progress.start(2, "mlp/second")
    time.sleep(0.3)  # the line ticks while a run trains
    progress.finish()
    progress.close()
    text = "".join(out.written)
    assert text.endswith("trained 2 runs in 0:00\n")
    assert text.count("\n") == 1  # one line on the terminal, only the last one ends it
    draws = [part for part in text.split("\r") if part]
    assert all(part.startswith("\x1b[2K") for part in draws)
    assert sum("[2/2] mlp/second" in part for part in draws) >= 2


def test_summary_line_names_the_verdicts_in_the_report_order():
    assert runner.summary_line({"converged": 2, "healthy": 3, "stalled": 23, "diverged": 5}) \
        == "33 runs: 23 stalled, 5 diverged, 3 healthy, 2 converged"
    assert runner.summary_line({"healthy": 1}) == "1 run: 1 healthy"
    assert runner.summary_line({"no_data": 1, "missing": 1, "stalled": 1}) \
        == "3 runs: 1 stalled, 1 no_data, 1 missing"


# -- the demo itself, on a subset of the catalogue ----------------------------------------------


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    """`python -m demo --only SUBSET --no-serve` into a temporary logdir, its output captured
    (so stdout and stderr are not terminals, as in a CI log)."""
    logdir = tmp_path_factory.mktemp("demo") / "plateau-demo"
    result = subprocess.run(
        [sys.executable, "-m", "demo", "--only", ONLY, "--logdir", str(logdir), "--no-serve"],
        capture_output=True, timeout=300, cwd=str(ROOT))
    out, err = result.stdout.decode(), result.stderr.decode()
    assert result.returncode == 0, out + err
    return types.SimpleNamespace(logdir=logdir, out=out, err=err)


@pytest.fixture(scope="module")
def cli_report(demo_run):
    """`tb-plateau report LOGDIR --format json` on the demo's logdir: {run: verdict}."""
    result = subprocess.run(
        [sys.executable, "-m", "tb_plateau.cli", "report", str(demo_run.logdir),
         "--format", "json"], capture_output=True, timeout=120, cwd=str(ROOT))
    assert result.returncode in (0, 1), result.stderr.decode()
    return {r["run"]: r["verdict"] for r in json.loads(result.stdout)["runs"]}


@pytest.mark.tf
def test_progress_has_one_plain_line_per_run_with_count_elapsed_and_eta(demo_run):
    lines = demo_run.err.splitlines()
    progress = [PROGRESS_LINE.match(line) for line in lines[:-1]]
    assert all(progress), lines  # nothing else on stderr: no TensorFlow or Keras noise
    assert [(int(m["index"]), int(m["total"]), m["run"]) for m in progress] == [
        (i, len(SUBSET), s.run) for i, s in enumerate(runner.select(ONLY), start=1)]
    assert progress[0]["eta"] == "-:--"
    assert all(m["eta"] != "-:--" for m in progress[1:])
    elapsed = [int(m["elapsed"].split(":")[0]) * 60 + int(m["elapsed"].split(":")[1])
               for m in progress]
    assert elapsed == sorted(elapsed)
    assert re.fullmatch(r"trained 3 runs in \d+:\d\d", lines[-1])


@pytest.mark.tf
def test_output_that_is_not_a_terminal_has_no_carriage_returns(demo_run):
    for text in (demo_run.out, demo_run.err):
        assert "\r" not in text
        assert "\x1b" not in text


@pytest.mark.tf
def test_summary_counts_the_verdicts_of_the_report(demo_run, cli_report):
    summaries = [line for line in demo_run.out.splitlines() if SUMMARY_LINE.match(line)]
    assert len(summaries) == 1, demo_run.out
    counts = {verdict: int(n) for n, verdict in
              (part.split(" ") for part in SUMMARY_LINE.match(summaries[0])["counts"].split(", "))}
    assert counts == dict(collections.Counter(cli_report.values()))
    assert summaries[0].startswith("%d runs: " % len(SUBSET))


@pytest.mark.tf
def test_keras_sub_runs_are_not_extra_runs_of_the_report_or_the_plateau_tab(demo_run,
                                                                            cli_report):
    from tests.test_plugin import PREFIX, Server

    # Keras's callback (and the custom loop) did write their sub-runs...
    for run in SUBSET:
        assert any((demo_run.logdir / run / "train").glob("*tfevents*")), run
    # ...and they are folded into their run, in the CLI's report and in the tab's run list.
    assert sorted(cli_report) == sorted(SUBSET)
    listed = Server(demo_run.logdir).runs()["runs"]
    assert sorted(r["run"] for r in listed) == sorted(SUBSET)
    assert {r["run"]: r["verdict"] for r in listed} == cli_report


@pytest.mark.tf
def test_keras_scalars_are_in_the_scalars_tab(demo_run):
    """Read back through TensorBoard's own event loading, as its Scalars tab reads them: each
    run's `<run>/train` has Keras's epoch loss, equal to the loss the training returned."""
    from tensorboard import context
    from tensorboard.backend.event_processing import data_provider
    from tensorboard.backend.event_processing import plugin_event_multiplexer

    multiplexer = plugin_event_multiplexer.EventMultiplexer(tensor_size_guidance={"scalars": 0})
    multiplexer.AddRunsFromDirectory(str(demo_run.logdir))
    multiplexer.Reload()
    provider = data_provider.MultiplexerDataProvider(multiplexer, str(demo_run.logdir))
    scalars = provider.read_scalars(context.RequestContext(), experiment_id="",
                                    plugin_name="scalars", downsample=1000)
    labels = runner.read_labels(demo_run.logdir)
    assert sorted(scalars) == sorted(run + "/train" for run in SUBSET)
    for run in SUBSET:
        tags = scalars[run + "/train"]
        assert {"epoch_loss", "epoch_learning_rate"} <= set(tags), (run, sorted(tags))
        epoch_loss = tags["epoch_loss"]
        assert [d.step for d in epoch_loss] == list(range(len(labels[run]["epoch_losses"])))
        for datum, loss in zip(epoch_loss, labels[run]["epoch_losses"]):
            assert math.isclose(datum.value, loss, rel_tol=1e-5), (run, datum, loss)
        assert all(d.value > 0 for d in tags["epoch_learning_rate"])
