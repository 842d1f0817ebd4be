"""The CLI's streaming reader (tb_plateau/read/stream.py, records.py) against TensorBoard's own
multiplexer-based data provider, on real event files.

Files are written with TensorBoard's EventFileWriter (tests/eventfiles.py), tensorboardX and
TensorFlow's tf.summary (in a subprocess); each logdir is read both ways and the reports (and
the series under them) must be equal. The streaming reader adds one note per event file it
could not read to the end, which TensorBoard only logs: those notes are checked, then set
aside for the comparison.
"""

import json
import os
import random
import struct
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from tensorboard.compat.proto import event_pb2, summary_pb2, tensor_pb2
from tensorboard.compat.proto import tensor_shape_pb2, types_pb2
from tensorboard.compat.tensorflow_stub.pywrap_tensorflow import masked_crc32c
from tensorboard.summary.writer.event_file_writer import EventFileWriter
from tensorboard.util import tensor_util

from tb_plateau import cli, metadata
from tb_plateau.analysis import analyze
from tb_plateau.read import protos, reader, records, stream
from tests.eventfiles import RunWriter, write_keras_scalars, write_signals

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STEPS = np.arange(1, 201)
DESCENT = 2.3 * np.exp(-np.linspace(0, 5, 200)) + 0.05
WRITTEN = 1_700_000_000.0


# -- helpers -----------------------------------------------------------------------------------


def streamed(logdir, loss_tag=None):
    """The logdir as the CLI reads it: streamed, keeping the tags a report reads."""
    def keep(tag, meta):
        return reader.reads_tag(tag, meta.plugin_data.plugin_name, meta.data_class, loss_tag)

    return stream.open_logdir(str(logdir), keep=keep)


def file_notes(notes):
    return [n for n in notes if n.startswith("event file ")]


def reports(source, loss_tag=None):
    """{run: (report, RunData)} of every run `list_runs` lists, as the CLI builds them."""
    runs = reader.list_runs(source.provider, source.ctx, source.experiment_id, loss_tag=loss_tag)
    out = {}
    for run in runs:
        data = reader.read_run(source.provider, source.ctx, source.experiment_id, run,
                               loss_tag=loss_tag)
        out[run] = (analyze(data), data)
    return out


def assert_same_as_tensorboard(logdir, loss_tag=None, expected_notes=None):
    """The streamed reports equal the multiplexer's, series by series; returns the streamed
    {run: report}. `expected_notes` maps a run to a text its file notes must contain (runs
    not named must have none)."""
    ours = reports(streamed(logdir, loss_tag), loss_tag)
    theirs = reports(reader.open_logdir(str(logdir)), loss_tag)
    assert sorted(ours) == sorted(theirs)
    assert ours, "no runs read"
    expected_notes = expected_notes or {}
    out = {}
    for run in theirs:
        (report, data), (want, want_data) = ours[run], theirs[run]
        notes = file_notes(report["notes"])
        if run in expected_notes:
            assert notes and all(expected_notes[run] in n for n in notes), (run, notes)
        else:
            assert not notes, (run, notes)
        report = dict(report, notes=[n for n in report["notes"] if n not in notes])
        assert report == want, run
        assert data.loss_tag == want_data.loss_tag and data.config == want_data.config
        assert data.alerts == want_data.alerts
        assert sorted(data.signals) == sorted(want_data.signals), run
        for name, series in want_data.signals.items():
            got = data.signals[name]
            np.testing.assert_array_equal(got.steps, series.steps, err_msg=name)
            np.testing.assert_array_equal(got.values, series.values, err_msg=name)
            assert (got.names, got.columns, got.extra) == (series.names, series.columns,
                                                           series.extra)
        out[run] = ours[run][0]
    return out


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of a few kB, so that small files span many batches, records straddle chunks,
    and most events go through the bulk path."""
    monkeypatch.setattr(records, "FIRST_CHUNK_BYTES", 2048)
    monkeypatch.setattr(records, "CHUNK_BYTES", 8192)


@pytest.fixture
def bulk_counter(monkeypatch):
    """How many events were decoded in bulk (from their bytes, without a protobuf parse)."""
    counted = {"events": 0}
    decode = stream._Template.decode

    def counting(self, rows):
        out = decode(self, rows)
        counted["events"] += int(out[3].sum())
        return out

    monkeypatch.setattr(stream._Template, "decode", counting)
    return counted


def only_file(run_dir):
    (name,) = [f for f in os.listdir(run_dir) if "tfevents" in f]
    return os.path.join(str(run_dir), name)


def helper_run(logdir, run, n=600, stalled=False):
    steps = np.arange(1, n + 1)
    loss = np.full(n, 2.3) if stalled else 2.3 * np.exp(-np.linspace(0, 5, n)) + 0.05
    rng = np.random.default_rng(n)
    return write_signals(
        logdir, run, steps,
        {"loss": loss + 0.001 * rng.standard_normal(n),
         "learning_rate": np.full(n, 1e-8 if stalled else 1e-3),
         "grad_norm": rng.random((n, 3)),
         "activation": np.tile([[0.5, np.nan, 0.1, 1.0], [0.0, 0.2, 0.5, 0.3]], (n, 1, 1))},
        config={"optimizer": {"class": "SGD", "config": {"learning_rate": 1e-3}},
                "loss": {"name": "sparse_categorical_crossentropy"}, "output_units": 10,
                "output_activation": "softmax"},
        names={"grad_norm": ["a", "b", "c"], "activation": ["dense", "out"]},
        extra={"activation": {"activations": ["relu", "softmax"]}},
        alerts=[(n // 2, "stall", "loss stalled")] if stalled else (), wall_time=WRITTEN)


def block_run(logdir, run, n=3000, per_step_too=False):
    steps = np.arange(1, n + 1)
    loss = np.where(steps < n // 3, 2.3 - steps / n, 2.0) + 1e-9 * np.arange(n)
    with RunWriter(logdir, run, wall_time=WRITTEN) as w:
        if per_step_too:  # a PlateauLogger next to the callback: blocks win where both hold
            for step in range(1, 300):
                w.signal("loss", step, -1.0)
        for start in range(0, n, 256):
            w.loss_block(steps[start:start + 256], loss[start:start + 256])
            w.signal("learning_rate", int(steps[min(start + 255, n - 1)]), 1e-3)
    return loss


# -- the checksum ------------------------------------------------------------------------------


def test_crc_matches_tensorboards():
    rng = np.random.default_rng(0)
    for length in list(range(0, 40)) + [63, 64, 65, 255, 511, 512, 513, 1000, 4100]:
        rows = rng.integers(0, 256, (7, length), dtype=np.uint8)
        # Rows that differ in a few columns only take the table path.
        rows[3:] = rows[3]
        if length:
            rows[4:, rng.integers(0, length, 3)] = rng.integers(0, 256, (3, 3))
        want = [masked_crc32c(bytes(r)) for r in rows]
        assert records.mask(records.crc32c_rows(rows)).tolist() == want
        buf = np.frombuffer(b"".join(bytes(12) + bytes(r) + struct.pack("<I", c)
                                     for r, c in zip(rows, want)), np.uint8)
        batch = records.Batch(buf, np.arange(7, dtype=np.int64) * (length + 16) + 12,
                              np.full(7, length), 0)
        assert records._Checksums().data_ok(batch).all()


# -- formats -----------------------------------------------------------------------------------


def test_helper_runs_per_step_format(tmp_path, small_chunks, bulk_counter):
    helper_run(tmp_path, "mlp/good")
    helper_run(tmp_path, "mlp/stuck", stalled=True)
    got = assert_same_as_tensorboard(tmp_path)
    assert got["mlp/stuck"]["verdict"] == "stalled" and got["mlp/stuck"]["alerts"]
    assert bulk_counter["events"] > 1000  # most scalars were decoded from their bytes


def test_block_format_and_blocks_next_to_per_step_losses(tmp_path, small_chunks):
    block_run(tmp_path, "blocks")
    block_run(tmp_path, "both", per_step_too=True)
    assert_same_as_tensorboard(tmp_path)
    data = reader.read_run(*_args(streamed(tmp_path), "blocks"))
    assert data.loss_tag == "plateau/loss_block" and len(data.loss) == 3000
    np.testing.assert_array_equal(data.loss.steps, np.arange(1, 3001))


def test_many_blocks_are_decoded_in_bulk(tmp_path, bulk_counter):
    loss = block_run(tmp_path, "long", n=30_000)
    assert_same_as_tensorboard(tmp_path)
    assert bulk_counter["events"] > 80  # of 118 blocks; the first chunk's are parsed
    data = reader.read_run(*_args(streamed(tmp_path), "long"))
    np.testing.assert_array_equal(data.loss.values, loss)


def _args(source, run):
    return source.provider, source.ctx, source.experiment_id, run


def test_malformed_loss_blocks_and_tensors(tmp_path):
    with RunWriter(tmp_path, "r") as w:
        w.loss_block([1, 2, 3], [3.0, 2.0, np.nan])
        w.loss_block([4, 5], [0, 0], array=np.array([[1.5, 2.0], [1.0, 1.0]]))
        w.loss_block([6, 7], [1.0, 0.5])
        for step in range(1, 50):
            w.signal("grad_norm", step, [0.1, 0.2] if step % 7 else [0.1, 0.2, 0.3])
            w.signal("update_ratio", step, np.ones((2, 2, 2)) if step % 2 else [0.1, 0.2])
            if step == 9:
                w.raw("predictions", step, tensor_util.make_tensor_proto(
                    np.array(b"x", dtype=object)))
            else:
                w.signal("predictions", step, np.zeros(5))
    assert_same_as_tensorboard(tmp_path)


def test_scalars_of_other_tools(tmp_path, small_chunks, bulk_counter):
    tensorboardX = pytest.importorskip("tensorboardX")
    writer = tensorboardX.SummaryWriter(str(tmp_path / "hf"))
    for step in range(1, 1501):
        writer.add_scalar("train/loss", 2.3 + 0.001 * np.sin(step), step)
        writer.add_scalar("train/learning_rate", 1e-7, step)
        writer.add_scalar("train/grad_norm", 0.5, step)
        writer.add_scalar("accuracy", 0.1, step)  # not kept: no rule reads it
        if step % 20 == 0:
            writer.add_scalar("eval/loss", 2.4, step)
    writer.close()
    writer = tensorboardX.SummaryWriter(str(tmp_path / "objective"))
    for step in range(1, 300):
        writer.add_scalar("Objective/train", 1.0 / step, step)
    writer.close()
    write_keras_scalars(tmp_path, "keras", range(30),
                        {"loss": np.linspace(2, 1, 30), "learning_rate": [1e-3] * 30,
                         "accuracy": np.linspace(0.1, 0.5, 30)},
                        {"loss": np.linspace(2.1, 1.2, 30)},
                        histograms={"dense/kernel": [np.ones((4, 3)) * i for i in range(30)]},
                        wall_time=WRITTEN)
    got = assert_same_as_tensorboard(tmp_path)
    assert got["hf"]["loss_tag"] == "train/loss"
    assert bulk_counter["events"] > 3000  # tensorboardX's simple_value events, in bulk
    assert_same_as_tensorboard(tmp_path, loss_tag="objective/TRAIN")
    # Tags no rule reads are listed but their points are not kept.
    provider = streamed(tmp_path).provider
    assert "accuracy" in provider.list_scalars(None, experiment_id="",
                                               plugin_name="scalars")["hf"]
    assert "accuracy" not in provider.read_scalars(None, experiment_id="",
                                                   plugin_name="scalars")["hf"]


TF_SCRIPT = textwrap.dedent("""
    import os, sys
    import numpy as np
    import tensorflow as tf
    from tb_plateau import metadata

    logdir, steps = sys.argv[1], int(sys.argv[2])
    # Keras's TensorBoard callback with update_freq: batch_loss a step; tf.summary.write of
    # the helper's per-step loss (metadata on every event, as TensorFlow writes it).
    meta = metadata.create_summary_metadata(metadata.LOSS).SerializeToString()
    writer = tf.summary.create_file_writer(os.path.join(logdir, "keras", "train"))
    helper = tf.summary.create_file_writer(os.path.join(logdir, "helper"))
    for step in range(1, steps + 1):
        loss = 2.3 if step > steps // 3 else 2.3 + (steps // 3 - step) / steps
        with writer.as_default():
            tf.summary.scalar("batch_loss", loss, step=step)
            if step % 100 == 0:
                tf.summary.scalar("epoch_learning_rate", 1e-7, step=step)
        with helper.as_default():
            tf.summary.write("plateau/loss", tf.constant(loss, tf.float32), step=step,
                             metadata=meta)
    validation = tf.summary.create_file_writer(os.path.join(logdir, "keras", "validation"))
    with validation.as_default():
        for step in range(100, steps + 1, 100):
            tf.summary.scalar("epoch_loss", 2.35, step=step)
    for w in (writer, helper, validation):
        w.flush()
""")


def test_tf_summary_files(tmp_path, small_chunks, bulk_counter):
    pytest.importorskip("tensorflow")
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", CUDA_VISIBLE_DEVICES="")
    subprocess.run([sys.executable, "-c", TF_SCRIPT, str(tmp_path), "2000"], check=True,
                   env=env, cwd=ROOT, timeout=300)
    got = assert_same_as_tensorboard(tmp_path)
    assert got["helper"]["loss_tag"] == "plateau/loss"
    assert got["keras/train"]["loss_tag"] == "batch_loss"
    assert bulk_counter["events"] > 3000


# -- broken and growing files ------------------------------------------------------------------


def record_offsets(path):
    """The byte offset of every record of an event file, and the file's size."""
    data = open(path, "rb").read()
    offsets, pos = [], 0
    while pos < len(data):
        offsets.append(pos)
        pos += 16 + struct.unpack_from("<Q", data, pos)[0]
    return offsets, len(data)


@pytest.mark.parametrize("where", ["header", "data", "footer", "earlier"])
def test_truncated_file_keeps_what_was_read(tmp_path, small_chunks, where):
    helper_run(tmp_path, "cut")
    helper_run(tmp_path, "fine")
    path = only_file(tmp_path / "cut")
    offsets, size = record_offsets(path)
    start = offsets[-1] if where != "earlier" else offsets[len(offsets) // 2]
    cut = {"header": start + 5, "data": start + 14, "footer": offsets[-1] + 2,
           "earlier": start + 30}[where]
    if where == "footer":
        cut = size - 2
    with open(path, "r+b") as f:
        f.truncate(cut)
    got = assert_same_as_tensorboard(tmp_path, expected_notes={"cut": "incomplete record"})
    assert 0 < got["cut"]["steps"]["count"] <= 600


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_damaged_records_end_their_file(tmp_path, small_chunks, seed):
    helper_run(tmp_path, "flipped")
    path = only_file(tmp_path / "flipped")
    data = bytearray(open(path, "rb").read())
    rng = random.Random(seed)
    for _ in range(3):
        i = rng.randrange(len(data) // 10, len(data) // 4)  # among the loss's events
        data[i] ^= 1 << rng.randrange(8)
    open(path, "wb").write(bytes(data))
    os.makedirs(tmp_path / "noise")
    with open(tmp_path / "noise" / "events.out.tfevents.1.host", "wb") as f:
        f.write(os.urandom(4096))
    got = assert_same_as_tensorboard(tmp_path, expected_notes={"flipped": "damaged record"})
    assert 0 < got["flipped"]["steps"]["count"] < 600
    assert "noise" not in got


def test_a_damaged_length_or_a_garbage_tail(tmp_path, small_chunks):
    helper_run(tmp_path, "length")
    path = only_file(tmp_path / "length")
    data = bytearray(open(path, "rb").read())
    data[len(data) // 2:len(data) // 2 + 8] = b"\xff" * 8  # a length of 2^64 - 1, somewhere
    open(path, "wb").write(bytes(data))
    helper_run(tmp_path, "tail")
    with open(only_file(tmp_path / "tail"), "ab") as f:
        f.write(os.urandom(3000))
    assert_same_as_tensorboard(tmp_path, expected_notes={"length": "damaged",
                                                         "tail": "damaged"})


def test_a_run_still_being_written(tmp_path, small_chunks):
    writer = RunWriter(tmp_path, "live", wall_time=WRITTEN)
    for step in range(1, 401):
        writer.signal("loss", step, 2.3 + 0.01 * np.sin(step))
    writer.flush()
    assert_same_as_tensorboard(tmp_path)
    # The writer is mid-record: half an event is on disk.
    path = only_file(tmp_path / "live")
    whole = os.path.getsize(path)
    event = event_pb2.Event(step=401, wall_time=WRITTEN, summary=summary_pb2.Summary(
        value=[summary_pb2.Summary.Value(tag="plateau/loss", tensor=tensor_pb2.TensorProto(
            dtype=types_pb2.DT_FLOAT, float_val=[2.3],
            tensor_shape=tensor_shape_pb2.TensorShapeProto()))])).SerializeToString()
    header = struct.pack("<Q", len(event))
    with open(path, "ab") as f:
        f.write(header + struct.pack("<I", masked_crc32c(header)) + event[:10])
    got = assert_same_as_tensorboard(tmp_path, expected_notes={"live": "still being written"})
    assert got["live"]["steps"]["count"] == 400
    assert "byte %d" % whole in file_notes(got["live"]["notes"])[0]
    # The write completes and training goes on: the next report reads it all.
    with open(path, "r+b") as f:
        f.truncate(whole)
    for step in range(401, 801):
        writer.signal("loss", step, 2.3)
    writer.close()
    assert assert_same_as_tensorboard(tmp_path)["live"]["steps"]["count"] == 800


# -- runs and files ----------------------------------------------------------------------------


def test_several_files_nested_runs_html_names_and_empty_runs(tmp_path, small_chunks):
    # Resumed: two files in one run, steps going back in the second (it wins where both hold).
    with RunWriter(tmp_path, "exp/resumed", wall_time=WRITTEN) as w:
        for step in range(1, 301):
            w.signal("loss", step, 3.0)
    with RunWriter(tmp_path, "exp/resumed", filename_suffix=".2", wall_time=WRITTEN) as w:
        for step in range(200, 601):
            w.signal("loss", step, 1.0 / step)
    helper_run(tmp_path, "exp")  # a run above other runs
    helper_run(tmp_path, "a/b/c/deep", n=300)
    html = "<img src=x onerror=alert(1)>&amp;"
    helper_run(tmp_path, html, n=300)
    RunWriter(tmp_path, "header_only").close()
    os.makedirs(tmp_path / "zero")
    open(tmp_path / "zero" / "events.out.tfevents.1.host", "wb").close()
    os.makedirs(tmp_path / "no_events")
    with RunWriter(tmp_path, "exp/resumed", filename_suffix=".profile-empty"):
        pass
    got = assert_same_as_tensorboard(tmp_path)
    assert set(got) == {"exp/resumed", "exp", "a/b/c/deep", html}
    listed = {r.run_name for r in streamed(tmp_path).provider.list_runs(experiment_id="")}
    assert {"header_only", "zero"} <= listed


def test_a_file_at_the_logdir_root_is_run_dot(tmp_path):
    write_signals(tmp_path, "", STEPS, {"loss": DESCENT}, wall_time=WRITTEN)
    assert list(assert_same_as_tensorboard(tmp_path)) == ["."]


def test_restart_purges_orphaned_steps(tmp_path, small_chunks):
    # A TF1 supervisor restart (a second SessionLog.START) drops the steps at and after it;
    # in a file without a format version, a step going back drops that tag's later steps.
    # Trained to 199, restarted from 120, trained to 160: steps 161..199 are orphans.
    steps = list(range(1, 200)) + list(range(120, 161))
    meta = metadata.create_summary_metadata(metadata.LOSS)
    for run in ("restart", "legacy"):
        writer = EventFileWriter(str(tmp_path / run), flush_secs=3600)
        for i, step in enumerate(steps):
            if run == "restart" and i in (0, 199):
                writer.add_event(event_pb2.Event(step=step, wall_time=WRITTEN + i,
                                                 session_log=event_pb2.SessionLog(
                                                     status=event_pb2.SessionLog.START)))
            value = summary_pb2.Summary.Value(tag="plateau/loss", tensor=tensor_pb2.TensorProto(
                dtype=types_pb2.DT_FLOAT, float_val=[float(i)],
                tensor_shape=tensor_shape_pb2.TensorShapeProto()))
            if i == 0:
                value.metadata.CopyFrom(meta)
            writer.add_event(event_pb2.Event(step=step, wall_time=WRITTEN + i,
                                             summary=summary_pb2.Summary(value=[value])))
        writer.close()
    _drop_file_version(only_file(tmp_path / "legacy"))
    got = assert_same_as_tensorboard(tmp_path)
    for run in ("restart", "legacy"):
        assert got[run]["steps"]["count"] == 160, run


def _drop_file_version(path):
    """Rewrites an event file without its first (file version) record."""
    data = open(path, "rb").read()
    (length,) = struct.unpack("<Q", data[:8])
    assert b"brain.Event" in data[12:12 + length]
    open(path, "wb").write(data[16 + length:])


# -- bounded decoding --------------------------------------------------------------------------


def bomb_proto(elements):
    p = tensor_pb2.TensorProto(dtype=types_pb2.DT_FLOAT, float_val=[1.0])
    p.tensor_shape.CopyFrom(tensor_shape_pb2.TensorShapeProto(
        dim=[tensor_shape_pb2.TensorShapeProto.Dim(size=elements)]))
    return p


def test_tensor_bombs_are_never_decoded(tmp_path, monkeypatch):
    with RunWriter(tmp_path, "bombed", wall_time=WRITTEN) as w:
        for step, loss in zip(STEPS, DESCENT):
            w.signal("loss", int(step), loss)
            w.signal("grad_norm", int(step), [0.1, 0.2], names=["a", "b"])
        w.raw("grad_norm", 300, bomb_proto(100_000_000))
        w.raw("weight_norm", 300, bomb_proto(10 ** 12))
        for step in range(1000, 1000 + protos.ELEMENTS_PER_TAG // 60_000 + 2):
            w.raw("update_ratio", step, bomb_proto(60_000))
    decoded = []
    make_ndarray = stream.tensor_util.make_ndarray

    def watched(proto):
        decoded.append(protos.declared_elements(proto))
        return make_ndarray(proto)

    monkeypatch.setattr(stream.tensor_util, "make_ndarray", watched)
    got = assert_same_as_tensorboard(tmp_path)
    assert max(decoded) <= 2  # only the honest tensors: no declared shape was filled in
    notes = got["bombed"]["notes"]
    assert any("plateau/grad_norm: dropped 1 of 201 tensors with a declared shape" in n
               for n in notes), notes
    assert any("update_ratio" in n and "per tag" in n for n in notes), notes
    assert got["bombed"]["steps"]["count"] == 200


# -- the CLI -----------------------------------------------------------------------------------


def test_cli_json_equals_the_multiplexer_report(tmp_path, capsys):
    helper_run(tmp_path, "good")
    helper_run(tmp_path, "stuck", stalled=True)
    block_run(tmp_path, "blocks")
    code = cli.main(["report", str(tmp_path), "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    theirs = reports(reader.open_logdir(str(tmp_path)))
    assert code == cli.EXIT_PROBLEM
    assert {r["run"]: r for r in document["runs"]} == {run: r for run, (r, _) in theirs.items()}


def test_cli_reads_and_releases_each_run(tmp_path, capsys, monkeypatch):
    helper_run(tmp_path, "a")
    write_keras_scalars(tmp_path, "fit", range(15), {"loss": np.full(15, 1.386)},
                        {"loss": np.full(15, 1.39)}, wall_time=WRITTEN)
    released = []
    real = stream.StreamProvider.release
    monkeypatch.setattr(stream.StreamProvider, "release",
                        lambda self, run: released.append(run) or real(self, run))
    code = cli.main(["report", str(tmp_path), "--format", "json"])
    runs = {r["run"]: r for r in json.loads(capsys.readouterr().out)["runs"]}
    assert code in (cli.EXIT_OK, cli.EXIT_PROBLEM)
    assert runs["fit/train"]["signals"]  # the validation sibling was read before release
    assert "epoch/val_loss" in runs["fit/train"]["signals"]
    assert sorted(released) == ["a", "fit/train", "fit/validation"]


def test_cli_subprocess_on_a_broken_logdir(tmp_path):
    helper_run(tmp_path, "good")
    helper_run(tmp_path, "cut")
    path = only_file(tmp_path / "cut")
    offsets, _ = record_offsets(path)
    with open(path, "r+b") as f:
        f.truncate(offsets[len(offsets) // 2] + 20)
    result = subprocess.run([sys.executable, "-m", "tb_plateau.cli", "report", str(tmp_path)],
                            capture_output=True, text=True, cwd=ROOT, timeout=180)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert "good: " in result.stdout and "cut: " in result.stdout
    assert "incomplete record" in result.stdout
