"""The reading side on hostile input: broken event files, malformed metadata and tensors,
steps that go backwards, duplicated runs, NaN/Inf everywhere, and fuzzed series.

Every run gets a report from what is readable, or `no_data` with a note that says what was
wrong; the other runs of the logdir are unaffected. Checked through the CLI in a
subprocess (no traceback, documented exit codes) and through the reader and analysis.
tests/test_reader.py covers the plain cases (a newer version of one tag, a truncated tail,
a file of random bytes next to a good run, repeated steps in one write); this file fills
the gaps around them.
"""

import glob
import json
import math
import os
import random
import shutil
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from tb_plateau import metadata
from tb_plateau.read import reader
from tb_plateau.analysis import CAUSE_IDS, REPORT_VERSION, analyze
from tests.eventfiles import RunWriter, write_signals

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VERDICTS = ("stalled", "diverged", "healthy", "converged", "no_data")
STEPS = np.arange(1, 201)
DESCENT = 2.3 * np.exp(-np.linspace(0, 5, 200)) + 0.05


# -- helpers -----------------------------------------------------------------------------------


def read(logdir, run):
    src = reader.open_logdir(str(logdir))
    return reader.read_run(src.provider, src.ctx, src.experiment_id, run)


def listed(logdir):
    src = reader.open_logdir(str(logdir))
    return reader.list_runs(src.provider, src.ctx, src.experiment_id)


def check_report(report, run_data=None):
    """The contract of docs/report.md, whatever the input was."""
    text = json.dumps(report, allow_nan=False)  # strict JSON: no NaN/Inf anywhere
    assert json.loads(text) == report
    assert report["version"] == REPORT_VERSION
    assert report["verdict"] in VERDICTS
    assert isinstance(report["notes"], list) and all(isinstance(n, str) for n in report["notes"])
    steps = report["steps"]
    if report["verdict"] == "no_data":
        assert report["notes"], "no_data must say why"
    if steps["count"]:
        assert steps["first"] <= steps["last"]
    else:
        assert report["verdict"] == "no_data" and report["intervals"] == []
    for interval in report["intervals"]:
        assert interval["kind"] in ("stalled", "diverged")
        assert steps["first"] <= interval["start_step"] <= interval["end_step"] <= steps["last"]
        confidences = [c["confidence"] for c in interval["causes"]]
        assert confidences == sorted(confidences, reverse=True)
        for cause in interval["causes"]:
            assert cause["id"] in CAUSE_IDS
            assert 0.0 <= cause["confidence"] <= 1.0
            assert cause["summary"] and cause["fix"]
            assert cause["evidence"] and all(isinstance(e["text"], str) for e in cause["evidence"])
    if run_data is not None and run_data.loss is not None and len(run_data.loss):
        assert steps["count"] == len(run_data.loss)


def report_of(logdir, run):
    data = read(logdir, run)
    report = analyze(data)
    check_report(report, data)
    return report


def cli(logdir, *args):
    """`tb-plateau report` in a subprocess, as a user runs it."""
    result = subprocess.run([sys.executable, "-m", "tb_plateau.cli", "report", str(logdir)]
                            + list(args), capture_output=True, text=True, cwd=ROOT, timeout=180)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    return result


def only_file(run_dir):
    (path,) = glob.glob(os.path.join(str(run_dir), "events.out.tfevents.*"))
    return path


# The reference runs' first wall time: a run written twice then reports the same
# last_write_time, so the two reports compare equal.
WRITTEN = 1_700_000_000.0


def good_run(logdir, run="good"):
    return write_signals(logdir, run, STEPS, {"loss": DESCENT}, wall_time=WRITTEN)


def stuck_run(logdir, run="stuck"):
    return write_signals(logdir, run, STEPS, {"loss": np.full(200, 2.3),
                                              "learning_rate": np.full(200, 1e-8)},
                        config={"optimizer": {"class": "SGD", "config": {"learning_rate": 1e-8}},
                                "loss": {"name": "sparse_categorical_crossentropy"},
                                "output_units": 10, "output_activation": "softmax"},
                        wall_time=WRITTEN)


def raw_tensor(writer, signal, step, array, content=None):
    """A plateau tensor with hand-made metadata content (bytes) on the tag's first event."""
    tag = metadata.tag(signal)
    meta = None
    if tag not in writer._seen:
        meta = metadata.create_summary_metadata(signal)
        if content is not None:
            meta.plugin_data.content = content
    writer._tensor(tag, step, array, meta, None)


def flip_bits(path, count, seed, start_fraction=0.5):
    data = bytearray(open(path, "rb").read())
    rng = random.Random(seed)
    lo = int(len(data) * start_fraction)
    for _ in range(count):
        i = rng.randrange(lo, len(data))
        data[i] ^= 1 << rng.randrange(8)
    with open(path, "wb") as f:
        f.write(bytes(data))


# -- broken event files --------------------------------------------------------------------------


def test_flipped_bits_keep_the_readable_prefix(tmp_path):
    good_run(tmp_path, "flipped")
    flip_bits(only_file(tmp_path / "flipped"), count=10, seed=3, start_fraction=0.6)
    report = report_of(tmp_path, "flipped")
    # Records are CRC-checked: reading stops at the first damaged one, nothing wrong is read.
    assert 100 <= report["steps"]["count"] < 200
    data = read(tmp_path, "flipped")
    np.testing.assert_allclose(data.loss.values, DESCENT[:len(data.loss)], rtol=1e-6)


def test_garbage_appended_to_a_good_file(tmp_path):
    path = good_run(tmp_path, "tail")
    with open(only_file(path), "ab") as f:
        f.write(os.urandom(5000))
    data = read(tmp_path, "tail")
    assert len(data.loss) == 200


@pytest.mark.parametrize("content", [b"", None], ids=["zero_length", "header_only"])
def test_empty_event_file_next_to_a_good_one_in_the_same_run(tmp_path, content):
    # A resumed training that crashed right after opening its new event file.
    path = good_run(tmp_path, "resumed")
    empty = os.path.join(path, "events.out.tfevents.9999999999.host.2.v2")
    if content is None:
        RunWriter(path, filename_suffix=".header").close()
    else:
        with open(empty, "wb") as f:
            f.write(content)
    report = report_of(tmp_path, "resumed")
    assert report["steps"]["count"] == 200 and report["verdict"] in ("healthy", "converged")


def test_logdir_of_only_broken_files_is_a_read_error_not_a_crash(tmp_path):
    os.makedirs(tmp_path / "zero")
    open(tmp_path / "zero" / "events.out.tfevents.1.host", "wb").close()
    os.makedirs(tmp_path / "noise")
    with open(tmp_path / "noise" / "events.out.tfevents.1.host", "wb") as f:
        f.write(os.urandom(2048))
    RunWriter(tmp_path, "header_only").close()
    result = cli(tmp_path)
    assert result.returncode == 2 and "no runs with a loss" in result.stderr


# -- metadata -----------------------------------------------------------------------------------


@pytest.mark.parametrize("content, why", [
    (b'{"version": 0, "signal": "loss"}', "no valid version"),
    (b'{"version": "1", "signal": "loss"}', "no valid version"),
    (b'{"version": 1.5, "signal": "loss"}', "no valid version"),
    (b'{"signal": "loss"}', "no valid version"),
    (b'{"version": %d, "signal": "loss", "layout": "next"}' % (metadata.FORMAT_VERSION + 1),
     "newer"),
    (b"[1, 2, 3]", "not a JSON object"),
    (b"\xff\xfe\x00garbage", "not UTF-8"),
    (b"{truncated", "not JSON"),
], ids=["v0", "string", "float", "missing", "newer", "array", "binary", "bad_json"])
def test_unreadable_loss_metadata_is_no_data_with_a_note(tmp_path, content, why):
    with RunWriter(tmp_path, "bad") as w:
        for step in range(1, 40):
            raw_tensor(w, metadata.LOSS, step, np.float32(1.0), content)
    report = report_of(tmp_path, "bad")
    assert report["verdict"] == "no_data"
    assert any(n.startswith("plateau/loss skipped") and why in n for n in report["notes"]), \
        report["notes"]


def test_unknown_fields_of_the_current_version_are_kept_not_refused(tmp_path):
    content = json.dumps({"version": metadata.FORMAT_VERSION, "signal": "grad_norm",
                          "names": ["a", "b"], "added_later": {"x": [1, 2]}}).encode()
    with RunWriter(tmp_path, "extra") as w:
        for step in range(1, 40):
            w.signal("loss", step, 1.0 / step)
            raw_tensor(w, metadata.GRAD_NORM, step, np.float32([0.1, 0.2]), content)
    data = read(tmp_path, "extra")
    assert data.signals["grad_norm"].names == ["a", "b"]
    assert data.signals["grad_norm"].extra["added_later"] == {"x": [1, 2]}
    assert data.notes == []


def test_malformed_labels_are_ignored_not_misread(tmp_path):
    # `columns` as a string once made "nonfinite" in "nonfinite" a substring match, and
    # the inputs' first column (mean 1e5) was read as 1.6e7 non-finite values.
    with RunWriter(tmp_path, "labels") as w:
        for step in range(1, 80):
            w.signal("loss", step, 2.3)
            w.signal("inputs", step, np.full((2, 5), 1e5), extra={"columns": "nonfinite"})
            w.signal("grad_norm", step, [0.1, 0.2], extra={"names": 5})
            w.signal("activation", step, np.full((2, 4), 0.5), names=[1, None],
                     extra={"activations": 7})
    data = read(tmp_path, "labels")
    assert data.signals["inputs"].columns is None
    assert data.signals["grad_norm"].names is None
    assert data.signals["activation"].names == ["1", "None"]
    assert any("inputs" in n and "columns is not a list" in n for n in data.notes)
    assert any("grad_norm" in n and "names is not a list" in n for n in data.notes)
    report = analyze(data)
    check_report(report, data)
    causes = [c["id"] for i in report["intervals"] for c in i["causes"]]
    assert "non_finite_values" not in causes
    assert "unnormalized_inputs" in causes  # what the inputs really show
    assert not any("could not judge" in n for n in report["notes"]), report["notes"]


def test_bad_config_values(tmp_path):
    # JSON allows Infinity/NaN; `int(inf)` once crashed the capacity detector.
    config = ('{"model": {"params": Infinity, "trainable_params": NaN}, '
              '"optimizer": {"class": 5, "config": {"learning_rate": Infinity}}, '
              '"layers": [1, "x", {"name": null, "units": "many", "kernel_initializer": 3}], '
              '"loss": {"name": "mse"}, "output_units": -1, "output_activation": 7}')
    with RunWriter(tmp_path, "cfg") as w:
        w.config(config)
        for step in range(1, 201):
            w.signal("loss", step, 2.3)
            w.signal("targets", step, [0, 1, 0.5, 0.25, 2, 1, 0, 32])
    report = report_of(tmp_path, "cfg")
    assert report["verdict"] == "stalled"
    assert not any("could not judge" in n for n in report["notes"]), report["notes"]


# -- tensors of the wrong shape or dtype ------------------------------------------------------------


def test_string_tensor_where_a_float_is_expected(tmp_path):
    with RunWriter(tmp_path, "strings") as w:
        for step in range(1, 50):
            raw_tensor(w, metadata.LOSS, step, np.array(b"nan?", dtype=object))
    report = report_of(tmp_path, "strings")
    assert report["verdict"] == "no_data"
    assert "plateau/loss: values are not numeric; ignored" in report["notes"]
    # ...and no misleading "dropped 0 of 49 values whose shape differs".
    assert not any("dropped 0" in n for n in report["notes"])


def test_some_string_steps_among_floats_keep_the_floats(tmp_path):
    with RunWriter(tmp_path, "mixed") as w:
        for step in range(1, 101):
            if step % 10 == 0:
                raw_tensor(w, metadata.GRAD_NORM, step, np.array([b"x", b"y"], dtype=object))
            else:
                w.signal("grad_norm", step, [0.1, 0.2], names=["a", "b"])
            w.signal("loss", step, 1.0 / step)
    data = read(tmp_path, "mixed")
    assert len(data.signals["grad_norm"]) == 90
    assert 10 not in data.signals["grad_norm"].steps
    assert "plateau/grad_norm: dropped 10 of 100 values that are not numeric" in data.notes
    check_report(analyze(data), data)


def test_wrong_ndim_majority_does_not_discard_the_readable_loss(tmp_path):
    # 25 of 49 steps write a 3-D tensor where the loss is a scalar: the most common shape
    # is the wrong one; the 24 scalar points must still give a report.
    with RunWriter(tmp_path, "shapes") as w:
        for step in range(1, 50):
            w.signal("loss", step, np.ones((2, 2, 2)) if step % 2 else 2.3)
    report = report_of(tmp_path, "shapes")
    assert report["steps"]["count"] == 24 and report["verdict"] == "stalled"
    assert "plateau/loss: dropped 25 of 49 values whose shape differs from the rest" \
        in report["notes"]


@pytest.mark.parametrize("signal, value, expected", [
    ("loss", np.ones((3, 1, 2)), "expected 0 dimension(s)"),
    ("grad_norm", np.ones((2, 2, 2)), "expected 1 dimension(s)"),
    ("activation", np.ones(4), "expected 2 dimension(s)"),
    ("activation", np.ones((3, 7)), "7 columns, expected 4"),
    ("targets", np.ones(3), "3 columns, expected 8"),
])
def test_every_step_of_the_wrong_shape_skips_the_signal(tmp_path, signal, value, expected):
    with RunWriter(tmp_path, "r") as w:
        for step in range(1, 60):
            if signal != "loss":
                w.signal("loss", step, 1.0 / step)
            w.signal(signal, step, value)
    report = report_of(tmp_path, "r")
    assert any(n.startswith("plateau/%s skipped" % signal) and expected in n
               for n in report["notes"]), report["notes"]
    assert signal not in report["signals"]
    if signal == "loss":
        assert report["verdict"] == "no_data"


def test_ragged_layer_counts_keep_the_common_layout(tmp_path):
    # A model that grew a layer mid-run (or two writers): 30 steps of 3 layers, 20 of 4.
    with RunWriter(tmp_path, "ragged") as w:
        for step in range(1, 51):
            w.signal("loss", step, 2.3)
            w.signal("grad_norm", step, np.full(3 if step <= 30 else 4, 0.1),
                     names=["a", "b", "c"])
    data = read(tmp_path, "ragged")
    g = data.signals["grad_norm"]
    assert g.values.shape == (30, 3) and g.steps[-1] == 30
    assert "plateau/grad_norm: dropped 20 of 50 values whose shape differs from the rest" \
        in data.notes
    check_report(analyze(data), data)


def test_layer_names_fewer_or_more_than_layers(tmp_path):
    n = 200
    write_signals(tmp_path, "names", np.arange(1, n + 1),
                  {"loss": np.full(n, 2.3), "grad_norm": np.tile([1e-9, 1e-6, 1e-1], (n, 1)),
                   "activation": np.tile([[0.99, np.nan, 0, 0]] * 2, (n, 1, 1))},
                  names={"grad_norm": ["only_one"], "activation": ["a", "b", "c", "d", "e"]})
    report = report_of(tmp_path, "names")
    assert not any("could not judge" in n for n in report["notes"]), report["notes"]


# -- steps and runs --------------------------------------------------------------------------------


def test_resumed_run_whose_steps_go_backwards(tmp_path):
    # Trained to 120, resumed from a checkpoint at 80 and trained to 200 in a new file.
    with RunWriter(tmp_path, "resumed") as w:
        for step in range(1, 121):
            w.signal("loss", step, 3.0)
    with RunWriter(tmp_path, "resumed", filename_suffix=".2") as w:
        for step in range(80, 201):
            w.signal("loss", step, 1.0)
    data = read(tmp_path, "resumed")
    assert np.all(np.diff(data.loss.steps) > 0)
    assert data.loss.steps[0] == 1 and data.loss.steps[-1] == 200
    # The resumed write wins where the two overlap.
    np.testing.assert_allclose(data.loss.values[data.loss.steps >= 80], 1.0)
    check_report(analyze(data), data)


def test_steps_going_backwards_within_one_file(tmp_path):
    with RunWriter(tmp_path, "back") as w:
        for step in list(range(100, 0, -1)) + list(range(1, 60)):
            w.signal("loss", step, float(step))
    data = read(tmp_path, "back")
    assert np.all(np.diff(data.loss.steps) > 0) and len(data.loss) >= 59
    check_report(analyze(data), data)


def test_negative_and_huge_steps(tmp_path):
    with RunWriter(tmp_path, "odd") as w:
        for i, step in enumerate([-(2 ** 62), -5, 0, 3, 2 ** 40, 2 ** 62, 2 ** 63 - 1]):
            w.signal("loss", step, 1.0 + i)
    report = report_of(tmp_path, "odd")
    assert report["steps"] == {"first": -(2 ** 62), "last": 2 ** 63 - 1, "count": 7}


def test_duplicated_event_file_does_not_double_the_run(tmp_path):
    path = good_run(tmp_path, "dup")
    shutil.copy(only_file(path), only_file(path) + ".copy")
    good_run(tmp_path / "ref", "dup")
    assert report_of(tmp_path, "dup") == report_of(tmp_path / "ref", "dup")


# -- NaN/Inf everywhere -------------------------------------------------------------------------------


def nonfinite_signals(n, loss):
    shapes = {"learning_rate": (n,), "grad_norm": (n, 3), "grad_global_norm": (n,),
              "grad_nonfinite": (n,), "weight_norm": (n, 3), "update_ratio": (n, 3),
              "activation": (n, 3, 4), "inputs": (n, 2, 5), "targets": (n, 8),
              "target_classes": (n, 4), "predictions": (n, 5)}
    fill = [np.nan, np.inf, -np.inf]
    signals = {k: np.full(shape, fill[i % 3]) for i, (k, shape) in enumerate(shapes.items())}
    signals["loss"] = loss
    return signals


@pytest.mark.parametrize("loss, verdicts", [
    (np.full(100, np.nan), ("diverged", "no_data")),
    (np.full(100, 2.3), ("stalled", "diverged")),
    (np.where(np.arange(100) % 2, np.inf, 2.3), ("diverged", "stalled")),
], ids=["all", "finite_loss", "alternating_loss"])
def test_non_finite_values_everywhere(tmp_path, loss, verdicts):
    write_signals(tmp_path, "nan", np.arange(1, 101), nonfinite_signals(100, loss),
                  config={"loss": "mse", "model": {"params": 10}})
    report = report_of(tmp_path, "nan")
    assert report["verdict"] in verdicts
    assert not any("could not judge" in n for n in report["notes"]), report["notes"]
    causes = [c["id"] for i in report["intervals"] for c in i["causes"]]
    assert causes and causes[0] == "non_finite_values"


# -- the CLI over a logdir with everything at once ------------------------------------------------------


def hostile_logdir(logdir):
    """Good runs among broken ones; returns {run: what its report must show}."""
    good_run(logdir, "a_good")
    stuck_run(logdir, "b_stuck")
    good_run(logdir, "flipped")
    flip_bits(only_file(logdir / "flipped"), count=5, seed=1, start_fraction=0.7)
    with RunWriter(logdir, "newer") as w:
        for step in range(1, 40):
            w.signal("loss", step, 1.0, version=metadata.FORMAT_VERSION + 1)
    with RunWriter(logdir, "strings") as w:
        for step in range(1, 40):
            raw_tensor(w, metadata.LOSS, step, np.array(b"1.0?", dtype=object))
    with RunWriter(logdir, "shapes") as w:
        for step in range(1, 60):
            w.signal("loss", step, np.ones((3, 1, 2)))
    write_signals(logdir, "nan", np.arange(1, 101), nonfinite_signals(100, np.full(100, np.nan)))
    write_signals(logdir, "inf_counts", np.arange(1, 101),
                  nonfinite_signals(100, np.full(100, 2.3)))
    os.makedirs(logdir / "zero")
    open(logdir / "zero" / "events.out.tfevents.1.host", "wb").close()
    os.makedirs(logdir / "noise")
    with open(logdir / "noise" / "events.out.tfevents.1.host", "wb") as f:
        f.write(os.urandom(4096))
    return {
        "a_good": ("healthy", None), "b_stuck": ("stalled", None),
        "flipped": ("healthy", None),
        "newer": ("no_data", "newer than this tb-plateau reads"),
        "strings": ("no_data", "not numeric"),
        "shapes": ("no_data", "expected 0 dimension(s)"),
        "nan": ("diverged", "every loss value is NaN/Inf"),
        "inf_counts": ("stalled", None),
    }


def test_cli_reports_every_readable_run_and_no_data_for_the_rest(tmp_path):
    expected = hostile_logdir(tmp_path / "logs")
    result = cli(tmp_path / "logs", "--format", "json")
    assert result.returncode == 1, result.stderr[-3000:]  # b_stuck and others have intervals
    doc = json.loads(result.stdout)
    by_run = {r["run"]: r for r in doc["runs"]}
    assert set(by_run) == set(expected)  # zero-length and noise files hold no run
    for run, (verdict, note) in expected.items():
        report = by_run[run]
        check_report(report)
        assert report["verdict"] == verdict, (run, report["verdict"], report["notes"])
        if note is not None:
            assert any(note in n for n in report["notes"]), (run, report["notes"])
        assert not any("could not judge" in n for n in report["notes"]), (run, report["notes"])
    # The good runs read exactly as they do alone.
    good_run(tmp_path / "alone", "a_good")
    stuck_run(tmp_path / "alone", "b_stuck")
    alone = json.loads(cli(tmp_path / "alone", "--format", "json").stdout)
    for report in alone["runs"]:
        assert by_run[report["run"]] == report


def test_cli_text_output_on_the_same_logdir(tmp_path):
    hostile_logdir(tmp_path)
    result = cli(tmp_path)
    assert result.returncode == 1
    assert "a_good: HEALTHY" in result.stdout and "newer: NO_DATA" in result.stdout
    assert "nan: DIVERGED" in result.stdout
    # Only good runs: exit 0; only a broken one: still a report (no_data), exit 0.
    assert cli(tmp_path, "--run", "^a_good$").returncode == 0
    only_broken = cli(tmp_path, "--run", "^strings$")
    assert only_broken.returncode == 0 and "strings: NO_DATA" in only_broken.stdout


# -- fuzz: analysis on malformed series -----------------------------------------------------------------

FLOATS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True, width=64),
    st.sampled_from([0.0, -0.0, 1.0, -1.0, 2.302585, 1e-300, -1e-300, 1e300, -1e300,
                     float("nan"), float("inf"), -float("inf"), 5e-324, 1.7976931348623157e308]),
    st.floats(min_value=-10, max_value=10),
)
# Per-step shapes: the documented one and wrong ones (0-d, extra axes, zero-sized axes).
SHAPES = {
    "loss": [()], "learning_rate": [()], "grad_global_norm": [()], "grad_nonfinite": [()],
    "grad_norm": [(1,), (3,), (0,)], "weight_norm": [(1,), (3,)],
    "update_ratio": [(3,), (1,), (0,)],
    "activation": [(3, 4), (1, 4), (0, 4), (2, 3)], "inputs": [(2, 5), (1, 5), (3, 2)],
    "targets": [(8,), (3,)], "target_classes": [(4,), (1,), (0,)],
    "predictions": [(5,), (2,)], "epoch/val_loss": [()], "histogram/k": [(5, 3), (1, 3)],
}
LABELS = st.one_of(st.none(), st.lists(st.text(max_size=5), max_size=6))
JSONISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), FLOATS, st.text(max_size=8)),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.text(max_size=8), children, max_size=4)),
    max_leaves=12)
# Configs mixing the keys the detectors read with random values of any type.
CONFIG_KEYS = ("model", "layers", "loss", "optimizer", "output_activation", "output_units",
               "batch_size", "notes")
CONFIGS = st.one_of(
    st.none(),
    st.dictionaries(st.sampled_from(CONFIG_KEYS), JSONISH, max_size=6),
    st.fixed_dictionaries({
        "loss": st.sampled_from(["mse", "binary_crossentropy", {"name": "categorical_crossentropy",
                                                                "from_logits": True}, None, 3]),
        "output_units": st.one_of(st.integers(-2, 12), FLOATS, st.none()),
        "output_activation": st.sampled_from(["softmax", "sigmoid", "linear", "relu", None, 1]),
        "model": st.fixed_dictionaries({"trainable_params": st.one_of(st.integers(), FLOATS)}),
        "optimizer": st.fixed_dictionaries({"class": st.sampled_from(["Adam", "SGD", None]),
                                            "config": st.fixed_dictionaries(
                                                {"learning_rate": FLOATS})}),
        "layers": st.lists(st.one_of(JSONISH, st.fixed_dictionaries({
            "name": st.one_of(st.text(max_size=4), st.none()),
            "class": st.sampled_from(["Dense", "Dropout", "Normalization", "Conv2D"]),
            "units": st.one_of(st.integers(-1, 64), st.none()),
            "activation": st.sampled_from(["relu", "tanh", "sigmoid", None]),
            "rate": FLOATS, "params": st.one_of(st.integers(-5, 10 ** 6), FLOATS),
            "kernel_initializer": st.one_of(JSONISH, st.fixed_dictionaries({
                "class": st.sampled_from(["Zeros", "RandomNormal", "GlorotUniform"]),
                "config": st.fixed_dictionaries({"stddev": FLOATS})})),
            "kernel_regularizer": st.fixed_dictionaries({"config": st.fixed_dictionaries(
                {"l2": FLOATS})}),
        })), max_size=4),
    }),
)


@st.composite
def step_axes(draw, n):
    """Steps of n points: sorted unique (the reader's contract), or not."""
    kind = draw(st.sampled_from(["range", "sparse", "duplicates", "unsorted", "extreme"]))
    if kind == "range":
        start = draw(st.integers(-5, 10 ** 6))
        return np.arange(start, start + n, dtype=np.int64)
    if kind == "sparse":
        gaps = draw(hnp.arrays(np.int64, n, elements=st.integers(1, 10 ** 4)))
        return np.cumsum(gaps).astype(np.int64)
    if kind == "extreme":
        return np.sort(draw(hnp.arrays(np.int64, n, elements=st.integers(-(2 ** 62), 2 ** 62),
                                       unique=True)))
    values = draw(hnp.arrays(np.int64, n, elements=st.integers(0, max(1, n // 2))))
    return np.sort(values) if kind == "duplicates" else values


@st.composite
def loss_values(draw, n):
    kind = draw(st.sampled_from(["any", "constant", "descent", "scaled"]))
    if kind == "any":
        return draw(hnp.arrays(np.float64, n, elements=FLOATS))
    if kind == "constant":
        return np.full(n, draw(FLOATS))
    t = np.linspace(0, 1, n)
    scale = draw(st.sampled_from([1e-300, 1e-8, 1.0, 1e8, 1e300, -1.0]))
    if kind == "descent":
        return scale * (np.exp(-5 * t) + 0.1)
    noisy = scale * (1 + 0.1 * np.sin(np.arange(n)))
    holes = draw(hnp.arrays(np.bool_, n))
    return np.where(holes, draw(FLOATS), noisy)


@st.composite
def run_datas(draw):
    n = draw(st.integers(0, 150))
    steps = draw(step_axes(n))
    signals = {}
    if draw(st.booleans()) or n == 0:
        loss = reader.Series(steps=steps, values=draw(loss_values(n)))
        signals["loss"] = loss
    else:
        loss = None
    for name in draw(st.sets(st.sampled_from(sorted(SHAPES)), max_size=7)):
        if name == "loss":
            continue
        shape = draw(st.sampled_from(SHAPES[name]))
        m = draw(st.integers(0, 40))
        sig_steps = np.sort(draw(hnp.arrays(np.int64, m, elements=st.integers(-10, 200))))
        values = draw(hnp.arrays(np.float64, (m,) + shape, elements=FLOATS))
        columns = draw(st.one_of(st.none(), st.just(_documented_columns(name)),
                                 st.lists(st.sampled_from(
                                     ["mean", "std", "min", "max", "nonfinite", "zero_fraction",
                                      "saturated_fraction", "var", "count", "x"]), max_size=9)))
        extra = draw(st.one_of(st.just({}), st.fixed_dictionaries(
            {"activations": st.one_of(JSONISH, st.lists(
                st.sampled_from(["relu", "tanh", "sigmoid", "softmax", None]), max_size=5))})))
        signals[name] = reader.Series(steps=sig_steps, values=values, names=draw(LABELS),
                                      columns=columns, extra=extra)
    return reader.RunData(run=draw(st.text(max_size=10)), loss=loss,
                          loss_tag="plateau/loss" if loss is not None else None,
                          loss_source=draw(st.sampled_from(["plateau", "scalar"])),
                          signals=signals, config=draw(CONFIGS),
                          notes=draw(st.lists(st.text(max_size=10), max_size=2)))


def _documented_columns(name):
    return {"activation": list(metadata.ACTIVATION_COLUMNS),
            "inputs": list(metadata.INPUT_COLUMNS), "targets": list(metadata.TARGET_COLUMNS),
            "predictions": list(metadata.PREDICTION_COLUMNS)}.get(name)


@settings(max_examples=150, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
@given(run_datas())
def test_fuzz_analyze_always_returns_a_valid_report(run_data):
    notes_before = list(run_data.notes)
    report = analyze(run_data)
    check_report(report)
    if run_data.loss is None or len(run_data.loss) == 0:
        assert report["verdict"] == "no_data"
    else:
        steps = run_data.loss.steps
        # Unsorted or repeated steps are put in order, the last value of a step kept.
        assert report["steps"]["count"] == len(np.unique(steps))
        for interval in report["intervals"]:
            assert steps.min() <= interval["start_step"] <= interval["end_step"] <= steps.max()
    assert run_data.notes == notes_before  # analyze does not write into its input


# -- fuzz: the reader on malformed metadata content and tensors, through real event files -----------

CONTENTS = st.one_of(
    st.binary(max_size=40),
    JSONISH.map(lambda v: json.dumps(v).encode()),
    st.fixed_dictionaries({"version": st.one_of(st.integers(-1, 3), FLOATS, st.text(max_size=2)),
                           "signal": st.text(max_size=6), "names": JSONISH,
                           "columns": JSONISH, "activations": JSONISH})
    .map(lambda d: json.dumps(d).encode()),
)
TENSORS = st.one_of(
    # Native byte order only: event files always hold little-endian tensor content, and
    # the writer used here cannot encode a big-endian numpy dtype.
    hnp.arrays(st.sampled_from([np.dtype("=f4"), np.dtype("=f8")]),
               hnp.array_shapes(min_dims=0, max_dims=3, max_side=4),
               elements=st.floats(allow_nan=True, allow_infinity=True, width=32)),
    hnp.arrays(np.int64, hnp.array_shapes(min_dims=0, max_dims=2, max_side=3)),
    hnp.arrays(np.bool_, hnp.array_shapes(min_dims=0, max_dims=1, max_side=3)),
    st.binary(max_size=8).map(lambda b: np.array(b, dtype=object)),
)


@settings(max_examples=30, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(st.sampled_from(sorted(set(SHAPES) - {"histogram/k"}) + ["config"]),
                          CONTENTS, st.lists(TENSORS, min_size=1, max_size=6)),
                min_size=1, max_size=4))
def test_fuzz_reader_on_malformed_metadata_and_tensors(tmp_path_factory, tags):
    logdir = tmp_path_factory.mktemp("fuzz")
    good_run(logdir, "good")
    with RunWriter(logdir, "fuzzed") as w:
        for signal, content, tensors in tags:
            for step, array in enumerate(tensors, start=1):
                raw_tensor(w, signal, step, array, content)
    src = reader.open_logdir(str(logdir))
    runs = reader.list_runs(src.provider, src.ctx, src.experiment_id)
    assert "good" in runs
    for run in runs:
        data = reader.read_run(src.provider, src.ctx, src.experiment_id, run)
        for series in data.signals.values():
            assert series.values.dtype == np.float64 and len(series.steps) == len(series.values)
            assert np.all(np.diff(series.steps) > 0)
            assert series.names is None or all(isinstance(n, str) for n in series.names)
            assert series.columns is None or all(isinstance(c, str) for c in series.columns)
        assert data.config is None or isinstance(data.config, dict)
        report = analyze(data)
        check_report(report, data)
        if run == "good":
            assert report["steps"]["count"] == 200
        elif data.loss is None:
            assert report["verdict"] == "no_data"
