"""benchmarks/calibration.py's --as-scored and --fit-fresh: what an engine of a given commit
said about a held-out logdir, run from that commit's own tree.

Both archive the named commit with git and run its engine in a process of its own. The test
commits the working tree's engine into a throwaway repository, so the commit's engine is
the one under test, and checks that each mode reports what that engine lists on a small
labelled logdir of real event files (a run with dead ReLUs, a healthy one): the shown,
calibrated confidences for --as-scored, the raw scores --fit-fresh fits the map on.
"""

import importlib.util
import pathlib
import re
import shutil
import subprocess
import sys

import numpy as np

from demo import runner
from tests.eventfiles import write_signals
from tests.test_analysis import EXTRA, LN10, N, NAMES, STEPS, config, healthy_signals

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _labelled_logdir(path):
    """Two runs written as real event files, labelled as a catalogue's: one stalled at the
    constant-prediction loss with both hidden ReLU layers dead, one healthy."""
    rng = np.random.default_rng(71)
    dead = healthy_signals(loss=LN10 + 0.01 * rng.standard_normal(N))
    dead["activation"][:, :2, 0] = 1.0
    dead["grad_norm"][:, :2] = 0.0
    write_signals(path, "mlp/dead", STEPS, dead, config=config(), names=NAMES, extra=EXTRA)
    write_signals(path, "mlp/fine", STEPS, healthy_signals(rng=rng), config=config(),
                  names=NAMES, extra=EXTRA)
    runner.write_labels(str(path), {
        "mlp/dead": {"family": "mlp", "scenario": "dead", "healthy": False,
                     "expected_causes": ["dead_relus"], "stall_begins": "start"},
        "mlp/fine": {"family": "mlp", "scenario": "fine", "healthy": True,
                     "expected_causes": [], "stall_begins": None}})
    return path


def _committed_copy(path):
    """The working tree's engine, benchmarks and catalogues committed in a new repository at
    `path`; its commit id."""
    for part in ("tb_plateau", "benchmarks", "demo"):
        shutil.copytree(ROOT / part, path / part,
                        ignore=shutil.ignore_patterns("__pycache__", "results", "static"))
    git = ["git", "-C", str(path), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(git[:3] + ["init", "-q"], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-q", "-m", "engine under test"], check=True)
    return subprocess.run(git + ["rev-parse", "HEAD"], check=True, capture_output=True,
                          text=True).stdout.strip()


def _listed(logdir, calibrated):
    """calibration.listed_causes as the working tree's engine gives it, in this process."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        spec = importlib.util.spec_from_file_location("calibration_under_test",
                                                      ROOT / "benchmarks" / "calibration.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module.listed_causes({"t": str(logdir)}, calibrated=calibrated)
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))


def test_as_scored_and_fit_fresh_report_what_the_commits_engine_listed(tmp_path):
    logdir = _labelled_logdir(tmp_path / "logdir")
    repo = tmp_path / "repo"
    commit = _committed_copy(repo)
    script = repo / "benchmarks" / "calibration.py"
    spec = f"t@{commit}={logdir}"

    shown = _listed(logdir, calibrated=True)
    assert any(c[2] == "dead_relus" and c[5] for c in shown), shown  # the run is judged
    out = tmp_path / "as_scored.md"
    done = subprocess.run([sys.executable, str(script), "--as-scored", spec, "--out", str(out),
                           "--note", "one labelled logdir"], cwd=str(repo),
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    text = out.read_text()
    row = re.search(r"^\| all catalogues \| (\d+) \| (\d+) \|", text, re.M)
    assert row, text
    assert (int(row.group(1)), int(row.group(2))) == (len(shown), sum(c[5] for c in shown))
    assert "one labelled logdir" in text

    raw = _listed(logdir, calibrated=False)
    done = subprocess.run([sys.executable, str(script), "--fit-fresh", spec], cwd=str(repo),
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    first = re.search(r"CALIBRATION_FIRST = \(  # (\d+) causes, (\d+) right", done.stdout)
    assert first, done.stdout
    firsts = [c for c in raw if c[3] == 0]
    assert (int(first.group(1)), int(first.group(2))) == (len(firsts), sum(c[5] for c in firsts))
    total = re.search(r"uncalibrated ECE on these catalogues: [\d.]+ over (\d+) causes",
                      done.stdout)
    assert total and int(total.group(1)) == len(raw), done.stdout

    # A commit that does not exist is a clear error, not a table.
    done = subprocess.run([sys.executable, str(script), "--as-scored", f"t@{'0' * 40}={logdir}",
                           "--out", ""], cwd=str(repo), capture_output=True, text=True,
                          timeout=600)
    assert done.returncode != 0 and "cannot read the engine of" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
