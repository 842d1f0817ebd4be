"""A run read while it is being written: a real Keras training with PlateauCallback in one
process, `tb-plateau report` and a real `tensorboard` (the plugin's report route) reading the
same run directory from two others.

The writer pauses after each epoch until the test lets it go on, so the test knows a lower
bound (what was flushed when the epoch ended) and an upper bound (one epoch more) for every
read, and the reads overlap the next epoch's writes. Every read must succeed (exit 0/1, HTTP
200, no traceback) and the step count must grow to the full run.
"""

import json
import os
import queue
import subprocess
import sys
import threading
import time

import pytest

from tests.browser_helpers import http_get, tensorboard_server

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PREFIX = "/data/plugin/plateau"
EPOCHS = 6
STEPS_PER_EPOCH = 16  # 256 examples, batch 16
RUN = "live"
# Loop bounds (not assertions on speed): how long to wait for a process before giving up.
WAIT_SECONDS = 120

pytestmark = pytest.mark.tf

WRITER = r"""
import os, sys, time
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
import numpy as np
import keras
import tb_plateau

run_dir = sys.argv[1]
rng = np.random.default_rng(0)
x = rng.normal(size=(256, 4)).astype("float32")
y = (x.sum(axis=1) > 0).astype("float32")
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="relu"),
                          keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer=keras.optimizers.SGD(0.01), loss="binary_crossentropy")


class Pace(keras.callbacks.Callback):
    # Spread each epoch over a few tenths of a second, and after it (PlateauCallback has
    # flushed: it runs first) wait until the test lets training go on.
    def on_train_batch_end(self, batch, logs=None):
        time.sleep(0.02)

    def on_epoch_end(self, epoch, logs=None):
        print("epoch", epoch + 1, flush=True)
        if sys.stdin.readline().strip() != "go":
            raise SystemExit("test went away")


model.fit(x, y, batch_size=16, epochs=int(sys.argv[2]), verbose=0, shuffle=False,
          callbacks=[tb_plateau.PlateauCallback(run_dir, probe_data=x[:32]), Pace()])
print("done", flush=True)
"""


class Writer:
    """The training subprocess; `wait_for(line)` reads its stdout, `go()` resumes it."""

    def __init__(self, logdir, err_path):
        self._err = open(err_path, "wb")
        self.process = subprocess.Popen(
            [sys.executable, "-c", WRITER, os.path.join(str(logdir), RUN), str(EPOCHS)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._err, text=True,
            cwd=ROOT, env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3"))
        self._lines = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()
        self.err_path = err_path

    def _pump(self):
        for line in self.process.stdout:
            self._lines.put(line.strip())
        self._lines.put(None)

    def wait_for(self, expected):
        line = self._lines.get(timeout=WAIT_SECONDS)
        assert line == expected, "writer said %r, expected %r; stderr in %s" % (
            line, expected, self.err_path)

    def go(self):
        self.process.stdin.write("go\n")
        self.process.stdin.flush()

    def close(self):
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self._err.close()


def cli_count(logdir):
    """Loss points `tb-plateau report` sees in the live run (a fresh process each time)."""
    result = subprocess.run(
        [sys.executable, "-m", "tb_plateau.cli", "report", str(logdir), "--format", "json"],
        capture_output=True, text=True, cwd=ROOT, timeout=WAIT_SECONDS)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode in (0, 1), (result.returncode, result.stderr[-3000:])
    (report,) = json.loads(result.stdout)["runs"]
    assert report["run"] == RUN
    return report["steps"]["count"]


def plugin_count(base):
    status, body = http_get(base + PREFIX + "/report?run=" + RUN)
    assert status == 200, body[:1000]
    report = json.loads(body)
    json.dumps(report, allow_nan=False)
    return report["steps"]["count"]


def plugin_count_at_least(base, low, high, seen):
    """Poll the report route until TensorBoard's reload has caught up with `low` steps."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        status, body = http_get(base + PREFIX + "/runs")
        assert status == 200, body[:1000]
        if RUN in {row["run"] for row in json.loads(body)["runs"]}:
            count = plugin_count(base)
            assert (seen[-1] if seen else 0) <= count <= high, (seen, count, high)
            seen.append(count)
            if count >= low:
                return count
        assert time.monotonic() < deadline, "the report route never reached %d steps" % low
        time.sleep(0.3)


def test_run_read_while_it_is_written(tmp_path):
    logdir = tmp_path / "logs"
    logdir.mkdir()
    writer = Writer(logdir, tmp_path / "writer.err")
    cli_seen, plugin_seen = [], []
    try:
        # The logdir may still be empty when TensorBoard starts: do not wait for the tab
        # to be active; reload every second so the reads keep up with the writer.
        with tensorboard_server(logdir, extra_args=("--reload_interval", "1"),
                                require_active=False) as base:
            for epoch in range(1, EPOCHS + 1):
                writer.wait_for("epoch %d" % epoch)
                low, high = epoch * STEPS_PER_EPOCH, (epoch + 1) * STEPS_PER_EPOCH
                writer.go()  # the next epoch is written while both read
                count = cli_count(logdir)
                assert low <= count <= high, (epoch, count)
                cli_seen.append(count)
                plugin_count_at_least(base, low, high, plugin_seen)
            writer.wait_for("done")
            assert writer.process.wait(timeout=WAIT_SECONDS) == 0
            total = EPOCHS * STEPS_PER_EPOCH
            assert plugin_count_at_least(base, total, total, plugin_seen) == total
            assert cli_count(logdir) == total
    finally:
        writer.close()
    assert cli_seen == sorted(cli_seen) and cli_seen[0] < cli_seen[-1]
    assert plugin_seen == sorted(plugin_seen) and plugin_seen[0] < plugin_seen[-1]
