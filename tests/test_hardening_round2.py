"""Issue 11's repros, kept: tensor bombs, malformed tensors in a batch, a CLI that survives
one bad run, a bounded report cache, a closed stdout, complex losses, and a fuzz test at the
TensorProto level.

Real event files (tests/eventfiles.py), TensorBoard's own data providers and WSGI app; where
a read failure is needed that no event file can cause any more, the project's own reader is
made to fail (never TensorBoard).
"""

import json
import os
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tensorboard.compat.proto import tensor_pb2, tensor_shape_pb2, types_pb2
from tensorboard.util import tensor_util

from tb_plateau import cli, metadata
from tb_plateau.read import protos, reader
from tb_plateau.serve import cache
from tests import browser_helpers as bh
from tests.eventfiles import RunWriter, write_signals
from tests.test_plugin import PREFIX, Server

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STEPS = np.arange(1, 201)
DESCENT = 2.3 * np.exp(-np.linspace(0, 5, 200)) + 0.05
LAYERS = ["dense", "dense_1"]


def proto(dtype=types_pb2.DT_FLOAT, shape=(), float_val=(), content=b"", **fields):
    p = tensor_pb2.TensorProto(dtype=dtype, tensor_content=content, **fields)
    p.tensor_shape.CopyFrom(tensor_shape_pb2.TensorShapeProto(
        dim=[tensor_shape_pb2.TensorShapeProto.Dim(size=int(n)) for n in shape]))
    p.float_val.extend(float_val)
    return p


def good_run(logdir, run, hostile=None):
    """A run with a falling loss and per-layer gradient norms; `hostile(writer)` adds more."""
    with RunWriter(logdir, run) as w:
        for step, loss in zip(STEPS, DESCENT):
            w.signal("loss", int(step), loss)
            w.signal("grad_norm", int(step), [0.1, 0.2], names=LAYERS)
        if hostile is not None:
            hostile(w)


def bomb(elements):
    def write(w):
        w.raw("grad_norm", 300, proto(shape=[elements], float_val=[1.0]))
    return write


def read(logdir, run):
    src = reader.open_logdir(str(logdir))
    return reader.read_run(src.provider, src.ctx, src.experiment_id, run)


def run_cli(argv, capsys):
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


# -- 1. tensor bombs ---------------------------------------------------------------------------


@pytest.mark.parametrize("elements", [10_000_000, 100_000_000])
def test_tensor_bomb_is_dropped_before_decoding_and_the_run_kept(tmp_path, elements):
    good_run(tmp_path, "bombed", bomb(elements))
    data = read(tmp_path, "bombed")
    grad = data.signals[metadata.GRAD_NORM]
    assert grad.values.shape == (200, 2)  # the 200 honest steps survive
    assert len(data.loss) == 200
    assert any("plateau/grad_norm: dropped 1 of 201 tensors with a declared shape" in n
               for n in data.notes), data.notes


def test_tensor_bomb_through_the_plugin_and_cli(tmp_path, capsys):
    good_run(tmp_path, "bombed", bomb(100_000_000))
    good_run(tmp_path, "fine")
    server = Server(tmp_path)
    rows = {r["run"]: r for r in server.runs()["runs"]}
    assert rows["bombed"]["verdict"] not in (None, "error") and not rows["bombed"]["pending"]
    series = server.get(PREFIX + "/series", run="bombed")
    assert series.status_code == 200 and len(series.get_data()) < 1_000_000
    code, out, err = run_cli(["report", str(tmp_path), "--format", "json"], capsys)
    assert code in (cli.EXIT_OK, cli.EXIT_PROBLEM) and "Traceback" not in err
    runs = {r["run"]: r for r in json.loads(out)["runs"]}
    assert runs["bombed"]["steps"]["count"] == 200


@pytest.mark.parametrize("load_fast", ["false", "true"])
def test_tensor_bomb_on_a_real_tensorboard(tmp_path, load_fast):
    # Both loaders: the proto-level read reaches into each provider (protos.read), so a
    # TensorBoard that changes them is caught here.
    logdir = tmp_path / "logs"
    good_run(logdir, "bombed", bomb(100_000_000))
    with bh.tensorboard_server(logdir, load_fast=load_fast) as base:
        status, body = bh.http_get(base + PREFIX + "/report?run=bombed", timeout=60)
        assert status == 200, body[:300]
        report = json.loads(body)
        assert report["steps"]["count"] == 200
        assert any("declared shape" in n for n in report["notes"]), report["notes"]


def test_the_bound_grows_with_the_layers_the_run_declares():
    assert protos.tensor_bound(3, 4) == protos.ELEMENTS_PER_TENSOR
    assert protos.tensor_bound(100_000, 4) == 1_600_000
    assert protos.tensor_bound(10**9, 4) == protos.ELEMENTS_PER_TENSOR_CEILING


def test_many_small_bombs_hit_the_per_tag_budget(tmp_path):
    def many(w):
        for step in range(1000, 1000 + protos.ELEMENTS_PER_TAG // 60_000 + 2):
            w.raw("grad_norm", step, proto(shape=[60_000], float_val=[1.0]))
    good_run(tmp_path, "run", many)
    data = read(tmp_path, "run")
    assert metadata.GRAD_NORM not in data.signals
    assert any("declare" in n and "per tag" in n for n in data.notes), data.notes
    assert len(data.loss) == 200


# -- 2. a malformed tensor does not poison its batch ------------------------------------------


MALFORMED = {
    "bad content length": proto(shape=[2], content=b"\x00" * 5),
    "dtype 999": proto(dtype=999, shape=[2], float_val=[1.0, 2.0]),
    "DT_VARIANT": proto(dtype=types_pb2.DT_VARIANT, shape=[2]),
    "shape disagrees with values": proto(shape=[3], float_val=[1.0, 2.0]),
}


def test_malformed_tensors_are_dropped_and_their_run_kept(tmp_path):
    for i, p in enumerate(MALFORMED.values()):
        good_run(tmp_path, "bad%d" % i, lambda w, p=p: w.raw("grad_norm", 500, p))
    good_run(tmp_path, "good")
    server = Server(tmp_path)
    rows = {r["run"]: r for r in server.runs()["runs"]}
    assert all(r["verdict"] not in (None, "error") for r in rows.values()), rows
    for i in range(len(MALFORMED)):
        report = server.json(PREFIX + "/report", run="bad%d" % i)
        assert report["steps"]["count"] == 200
        assert any("plateau/grad_norm: dropped 1 of 201" in n for n in report["notes"])


def test_a_failed_batch_is_retried_run_by_run_and_the_failure_cached(tmp_path, monkeypatch):
    for run in ("a", "bad", "c"):
        good_run(tmp_path, run)
    real_read = protos.read

    def read_failing_for_bad(provider, ctx, **kw):
        if not hasattr(provider, "read_tensor_protos") and "bad" in kw["run_tag_filter"].runs:
            raise ValueError("unreadable run")
        return real_read(provider, ctx, **kw)

    monkeypatch.setattr(reader.protos, "read", read_failing_for_bad)
    server = Server(tmp_path)
    rows = {r["run"]: r for r in server.runs()["runs"]}
    assert rows["bad"]["verdict"] == "error" and "ValueError" in rows["bad"]["error"]
    assert rows["a"]["verdict"] not in (None, "error")
    assert rows["c"]["verdict"] not in (None, "error")
    done = server.plugin._cache.computations
    server.json(PREFIX + "/runs")
    report = server.json(PREFIX + "/report", run="bad")
    assert report["verdict"] == "no_data" and report["read_error"] == "ValueError"
    assert server.plugin._cache.computations == done  # failure cached, not re-read
    # ... until the run changes.
    with RunWriter(tmp_path, "bad", filename_suffix=".more") as w:
        w.signal("loss", 500, 0.01)
    server.reload()
    server.json(PREFIX + "/runs")
    assert server.plugin._cache.computations == done + 1


# -- 3. the CLI and the plugin isolate a bad run ----------------------------------------------


def deep_json(depth):
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("error", [ValueError, TypeError, KeyError, RecursionError])
def test_cli_reports_the_other_runs_when_one_cannot_be_read(tmp_path, capsys, monkeypatch,
                                                           error):
    good_run(tmp_path, "bad")
    good_run(tmp_path, "good")
    real = reader._read_histograms

    def failing(provider, ctx, eid, run, data):
        if run == "bad":
            raise error("cannot read")
        return real(provider, ctx, eid, run, data)

    monkeypatch.setattr(reader, "_read_histograms", failing)
    code, out, err = run_cli(["report", str(tmp_path), "--format", "json"], capsys)
    assert "Traceback" not in err
    runs = {r["run"]: r for r in json.loads(out)["runs"]}
    assert runs["bad"]["verdict"] == "no_data" and runs["bad"]["read_error"] == error.__name__
    assert "could not be read" in runs["bad"]["notes"][0]
    assert runs["good"]["steps"]["count"] == 200
    assert code == cli.EXIT_INCOMPLETE
    # A problem found in a readable run still wins: exit 1 is true whatever "bad" holds.
    write_signals(tmp_path, "stuck", STEPS, {"loss": np.full(200, 2.3)})
    code, out, _ = run_cli(["report", str(tmp_path)], capsys)
    assert code == cli.EXIT_PROBLEM and "bad: NO_DATA" in out


def test_deeply_nested_json_becomes_a_note(tmp_path, capsys):
    with RunWriter(tmp_path, "deep_config") as w:
        w.config(deep_json(100_000))
        for step, loss in zip(STEPS, DESCENT):
            w.signal("loss", int(step), loss)
    with RunWriter(tmp_path, "deep_content") as w:
        for step, loss in zip(STEPS, DESCENT):
            w.signal("loss", int(step), loss)
            w.signal("grad_norm", int(step), [0.1, 0.2],
                     extra={"nested": json.loads(deep_json(500))})
    # The metadata's JSON nested deeper than Python's recursion limit, written by hand.
    deep = RunWriter(tmp_path, "deep_content", filename_suffix=".deep")
    meta = metadata.create_summary_metadata("weight_norm")
    meta.plugin_data.content = ('{"version": 1, "signal": "weight_norm", "x": %s}'
                                % deep_json(100_000)).encode()
    from tensorboard.compat.proto import event_pb2, summary_pb2
    value = summary_pb2.Summary.Value(tag="plateau/weight_norm",
                                      tensor=tensor_util.make_tensor_proto(np.ones(2, np.float32)))
    value.metadata.CopyFrom(meta)
    deep._writer.add_event(event_pb2.Event(wall_time=1.0, step=1,
                                           summary=summary_pb2.Summary(value=[value])))
    deep.close()
    code, out, err = run_cli(["report", str(tmp_path), "--format", "json"], capsys)
    assert "Traceback" not in err and code == cli.EXIT_OK, err
    runs = {r["run"]: r for r in json.loads(out)["runs"]}
    assert any("nested too deeply" in n for n in runs["deep_config"]["notes"])
    assert any("nested too deeply" in n for n in runs["deep_content"]["notes"])
    server = Server(tmp_path)
    for run in ("deep_config", "deep_content"):
        assert server.get(PREFIX + "/report", run=run).status_code == 200
        assert server.get(PREFIX + "/series", run=run).status_code == 200


# -- 4. the report cache is bounded -----------------------------------------------------------


def test_new_experiment_ids_share_the_cached_reports(tmp_path):
    for i in range(3):
        good_run(tmp_path, "run%d" % i)
    server = Server(tmp_path)
    server.json(PREFIX + "/runs")
    assert server.plugin._cache.computations == 3
    for i in range(20):
        response = server.get("/experiment/e%d%s/runs" % (i, PREFIX))
        assert response.status_code == 200
    assert server.plugin._cache.computations == 3
    assert len(server.plugin._cache) == 3


def test_cache_evicts_the_least_recently_used_past_its_byte_budget():
    entry = (None, {"x": "a" * 1000})
    size = cache.entry_bytes(entry)
    c = cache.ReportCache(max_bytes=3 * size)
    for run in ("a", "b", "c"):
        c.get(run, 1, lambda: entry)
    c.peek("a", 1)  # "a" is now the most recently used
    c.get("d", 1, lambda: entry)
    assert c.peek("b", 1) is None and c.peek("a", 1) is entry
    assert len(c) == 3 and c.bytes <= c.max_bytes
    # A run that grew replaces its older entry rather than adding one.
    c.get("a", 2, lambda: entry)
    assert c.peek("a", 1) is None and len(c) == 3


# -- 5. closed stdout -------------------------------------------------------------------------


def _cli_process(logdir, **popen):
    env = dict(os.environ, PYTHONPATH=ROOT, TF_CPP_MIN_LOG_LEVEL="3")
    return subprocess.Popen([sys.executable, "-m", "tb_plateau.cli", "report", str(logdir)],
                            stderr=subprocess.PIPE, env=env, cwd=ROOT, **popen)


def test_reader_that_went_away_ends_quietly(tmp_path):
    good_run(tmp_path, "good")
    process = _cli_process(tmp_path, stdout=subprocess.PIPE)
    process.stdout.close()  # `| true`: nobody reads
    err = process.stderr.read().decode()
    assert process.wait(timeout=120) == cli.EXIT_BROKEN_PIPE
    assert "Traceback" not in err and "Error" not in err, err


def test_closed_stdout_is_an_error_message(tmp_path):
    good_run(tmp_path, "good")
    process = _cli_process(tmp_path, stdout=subprocess.DEVNULL, preexec_fn=lambda: os.close(1))
    err = process.stderr.read().decode()
    assert process.wait(timeout=120) == cli.EXIT_ERROR
    assert "standard output" in err and "Traceback" not in err, err


# -- 6. complex losses ------------------------------------------------------------------------


def test_complex_loss_is_refused_with_a_note(tmp_path):
    with RunWriter(tmp_path, "complex") as w:
        for step, loss in zip(STEPS, DESCENT):
            w.raw("loss", int(step), tensor_util.make_tensor_proto(np.complex64(loss + 1j)))
    data = read(tmp_path, "complex")
    assert data.loss is None
    assert any("complex values" in n for n in data.notes), data.notes


# -- fuzz: hostile TensorProtos ----------------------------------------------------------------


DTYPES = [types_pb2.DT_FLOAT, types_pb2.DT_DOUBLE, types_pb2.DT_INT32, types_pb2.DT_INT64,
          types_pb2.DT_BOOL, types_pb2.DT_HALF, types_pb2.DT_STRING, types_pb2.DT_COMPLEX64,
          types_pb2.DT_COMPLEX128, types_pb2.DT_VARIANT, types_pb2.DT_RESOURCE, 0, 999, -1]

hostile_protos = st.builds(
    proto,
    dtype=st.sampled_from(DTYPES),
    shape=st.lists(st.one_of(st.integers(-2, 4), st.sampled_from([10**7, 2**40, 2**62])),
                   max_size=6),
    float_val=st.lists(st.floats(allow_nan=True), max_size=5),
    content=st.binary(max_size=40),
)


@settings(max_examples=300, deadline=None)
@given(items=st.lists(hostile_protos, min_size=1, max_size=8),
       bound=st.sampled_from([1, 16, protos.ELEMENTS_PER_TENSOR]))
def test_decode_never_raises_and_never_exceeds_its_bound(items, bound):
    notes = []
    logged = [protos.Logged(i, float(i), p, None) for i, p in enumerate(items)]
    out = protos.decode(logged, "plateau/x", bound, notes)
    for datum in out:
        assert np.size(datum.numpy) <= bound
        assert np.asarray(datum.numpy).dtype.kind in "biufOSU"
    assert len(out) + sum(int(n.split("dropped ")[1].split()[0]) for n in notes
                          if "dropped" in n) == len(items) or any("per tag" in n for n in notes)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(items=st.lists(hostile_protos, min_size=1, max_size=4),
       signal=st.sampled_from(["grad_norm", "loss", "activation", "config", "loss_block"]),
       depth=st.sampled_from([1, 50, 5000]))
def test_hostile_tensors_in_a_run_leave_the_logdir_readable(tmp_path_factory, items, signal,
                                                             depth):
    logdir = tmp_path_factory.mktemp("fuzz")
    good_run(logdir, "good")

    def hostile(w):
        w.config('{"layers": %s}' % deep_json(depth))
        for step, p in enumerate(items, start=1000):
            w.raw(signal, step, p)
    good_run(logdir, "hostile", hostile)
    src = reader.open_logdir(str(logdir))
    for run in ("good", "hostile"):
        data = reader.read_run(src.provider, src.ctx, src.experiment_id, run)
        assert len(data.loss) >= 200
        for series in data.signals.values():
            assert np.asarray(series.values).dtype == np.float64
