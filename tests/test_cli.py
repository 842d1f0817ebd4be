"""`tb-plateau report` and `tb-plateau demo` on real event files."""

import json
import os
import subprocess
import sys
import types

import numpy as np
import pytest

from tb_plateau import cli
from tests.eventfiles import write_keras_scalars, write_signals

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STEPS = np.arange(1, 201)


def healthy(tmp_path, run="good"):
    t = np.linspace(0, 1, 200)
    write_signals(tmp_path, run, STEPS, {"loss": 2.3 * np.exp(-20 * t) + 0.05})


def stalled(tmp_path, run="stuck"):
    write_signals(tmp_path, run, STEPS, {"loss": np.full(200, 2.3),
                                         "learning_rate": np.full(200, 1e-8)},
                  config={"optimizer": {"class": "SGD", "config": {"learning_rate": 1e-8}},
                          "loss": {"name": "sparse_categorical_crossentropy"},
                          "output_units": 10, "output_activation": "softmax"})


def run_cli(argv, capsys):
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_text_report_and_exit_status_one(tmp_path, capsys):
    healthy(tmp_path)
    stalled(tmp_path)
    code, out, err = run_cli(["report", str(tmp_path)], capsys)
    assert code == 1
    assert "good: CONVERGED" in out
    assert "stuck: STALLED" in out
    assert "stalled at steps 1..200" in out
    assert "Learning rate too low (" in out and "fix:" in out
    assert "constant-prediction loss 2.3 (" in out  # the baseline, one number


def test_text_report_ends_with_the_verdict_counts(tmp_path, capsys):
    healthy(tmp_path)
    healthy(tmp_path, run="also_good")
    stalled(tmp_path)
    write_signals(tmp_path, "nan", STEPS, {"loss": np.full(200, np.nan)})
    code, out, _ = run_cli(["report", str(tmp_path)], capsys)
    verdicts = json.loads(run_cli(["report", str(tmp_path), "--format", "json"], capsys)[1])
    counts = {}
    for r in verdicts["runs"]:
        counts[r["verdict"]] = counts.get(r["verdict"], 0) + 1
    assert counts == {"converged": 2, "stalled": 1, "diverged": 1}
    assert out.rstrip().splitlines()[-1] == "4 runs: 1 stalled, 1 diverged, 2 converged"


def test_quiet_prints_only_the_problems_and_the_summary(tmp_path, capsys):
    healthy(tmp_path)
    stalled(tmp_path)
    code, out, _ = run_cli(["report", str(tmp_path), "--quiet"], capsys)
    assert code == 1  # the exit status does not depend on what is printed
    assert "stuck: STALLED" in out and "Learning rate too low (" in out
    assert "good:" not in out
    assert out.rstrip().splitlines()[-1] == "2 runs: 1 stalled, 1 converged"
    # Nothing wrong: only the header and the summary, exit 0.
    clean = tmp_path / "clean"
    healthy(clean)
    code, out, _ = run_cli(["report", str(clean), "-q"], capsys)
    assert code == 0
    assert [line for line in out.splitlines() if line] == [
        "tb-plateau report: %s (1 run)" % clean, "1 run: 1 converged"]


def test_json_report(tmp_path, capsys):
    healthy(tmp_path)
    stalled(tmp_path)
    code, out, _ = run_cli(["report", str(tmp_path), "--format", "json"], capsys)
    assert code == 1
    doc = json.loads(out)
    assert doc["version"] == 1 and doc["logdir"] == str(tmp_path)
    by_run = {r["run"]: r for r in doc["runs"]}
    assert by_run["good"]["verdict"] == "converged"
    assert by_run["stuck"]["intervals"][0]["causes"][0]["id"] == "learning_rate_too_low"


def test_exit_zero_when_no_run_has_a_problem(tmp_path, capsys):
    healthy(tmp_path)
    code, out, _ = run_cli(["report", str(tmp_path)], capsys)
    assert code == 0 and "CONVERGED" in out


def test_run_filter(tmp_path, capsys):
    healthy(tmp_path, "a/good")
    stalled(tmp_path, "b/stuck")
    code, out, _ = run_cli(["report", str(tmp_path), "--run", "^a/"], capsys)
    assert code == 0 and "a/good" in out and "b/stuck" not in out


@pytest.mark.parametrize("argv_tail, message", [
    (["--run", "("], "regular expression"),
    (["--run", "nomatch"], "no run matches"),
])
def test_bad_run_filter_is_a_usage_error(tmp_path, capsys, argv_tail, message):
    healthy(tmp_path)
    code, _, err = run_cli(["report", str(tmp_path)] + argv_tail, capsys)
    assert code == 2 and message in err


def test_read_errors_exit_two(tmp_path, capsys):
    code, _, err = run_cli(["report", str(tmp_path / "missing")], capsys)
    assert code == 2 and "not a directory" in err
    code, _, err = run_cli(["report", str(tmp_path)], capsys)
    assert code == 2 and "no runs" in err


def test_usage_errors_exit_two(capsys):
    assert cli.main([]) == 2
    assert cli.main(["report"]) == 2
    assert cli.main(["report", ".", "--format", "xml"]) == 2
    assert cli.main(["frobnicate"]) == 2
    capsys.readouterr()


def test_keras_callback_logdir(tmp_path, capsys):
    epochs = range(15)
    write_keras_scalars(tmp_path, "fit", epochs,
                        {"loss": np.full(15, 1.386), "learning_rate": [1e-7] * 15},
                        {"loss": np.full(15, 1.39)})
    code, out, _ = run_cli(["report", str(tmp_path), "--format", "json"], capsys)
    report = json.loads(out)["runs"][0]
    assert code == 1
    assert report["run"] == "fit/train" and report["loss_tag"] == "epoch_loss"
    assert report["intervals"][0]["causes"][0]["id"] == "learning_rate_too_low"


def test_nan_everywhere_and_empty_runs_each_get_a_report(tmp_path, capsys):
    write_signals(tmp_path, "nan", STEPS, {"loss": np.full(200, np.nan)})
    healthy(tmp_path)
    code, out, _ = run_cli(["report", str(tmp_path), "--format", "json"], capsys)
    verdicts = {r["run"]: r["verdict"] for r in json.loads(out)["runs"]}
    assert verdicts == {"nan": "diverged", "good": "converged"}
    assert code == 1


def test_progress_on_stderr_when_slow(tmp_path, capsys, monkeypatch):
    healthy(tmp_path)
    monkeypatch.setattr(cli, "PROGRESS_AFTER", 0.0)
    code, _, err = run_cli(["report", str(tmp_path)], capsys)
    assert code == 0 and "reading" in err


def test_demo_delegates_with_the_remaining_arguments(monkeypatch, capsys):
    seen = []
    package = types.ModuleType("tb_plateau.demo")
    package.__path__ = []
    main_module = types.ModuleType("tb_plateau.demo.__main__")
    main_module.main = lambda argv: seen.append(argv) or 0
    monkeypatch.setitem(sys.modules, "tb_plateau.demo", package)
    monkeypatch.setitem(sys.modules, "tb_plateau.demo.__main__", main_module)
    assert cli.main(["demo", "--logdir", "x", "--help"]) == 0
    assert seen == [["--logdir", "x", "--help"]]


def test_demo_without_the_catalogue_is_a_clear_error(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "tb_plateau.demo", None)
    code, _, err = run_cli(["demo"], capsys)
    assert code == 2 and "demo catalogue is not available" in err


def test_console_entry_point_runs_without_tensorflow(tmp_path):
    stalled(tmp_path)
    code = ("import sys; from tb_plateau.cli import main; rc = main(sys.argv[1:]); "
            "assert 'tensorflow' not in sys.modules; sys.exit(rc)")
    result = subprocess.run([sys.executable, "-c", code, "report", str(tmp_path)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "STALLED" in result.stdout
