"""The reader on real event files loaded through TensorBoard's own data provider."""

import glob
import json
import os
import subprocess
import sys

import numpy as np
import pytest

from tb_plateau import metadata
from tb_plateau.read import reader
from tests.eventfiles import RunWriter, write_keras_scalars, write_signals

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load(logdir):
    return reader.open_logdir(str(logdir))


def read(logdir, run):
    src = load(logdir)
    return reader.read_run(src.provider, src.ctx, src.experiment_id, run)


def runs(logdir):
    src = load(logdir)
    return reader.list_runs(src.provider, src.ctx, src.experiment_id)


def test_plateau_signals_round_trip(tmp_path):
    steps = np.arange(1, 41)
    grad = np.stack([np.linspace(1, 2, 40), np.linspace(3, 4, 40)], axis=1)
    act = np.tile(np.array([[0.5, np.nan, 0.1, 1.0], [0.0, 0.2, 0.5, 0.3]]), (40, 1, 1))
    config = {"loss": {"name": "mse"}, "output_units": 1}
    write_signals(tmp_path, "mlp/a", steps,
                  {"loss": np.linspace(2, 1, 40), "grad_norm": grad, "activation": act},
                  config=config, names={"grad_norm": ["dense", "dense_1"],
                                        "activation": ["dense", "out"]},
                  extra={"activation": {"activations": ["relu", "sigmoid"]}})
    data = read(tmp_path, "mlp/a")
    assert data.loss_source == "plateau" and data.loss_tag == "plateau/loss"
    assert data.loss is data.signals["loss"]
    np.testing.assert_array_equal(data.loss.steps, steps)
    np.testing.assert_allclose(data.loss.values, np.linspace(2, 1, 40), rtol=1e-6)
    assert data.signals["grad_norm"].values.shape == (40, 2)
    assert data.signals["grad_norm"].names == ["dense", "dense_1"]
    np.testing.assert_allclose(data.signals["grad_norm"].values, grad, rtol=1e-6)
    a = data.signals["activation"]
    assert a.values.shape == (40, 2, 4)
    assert a.columns == list(metadata.ACTIVATION_COLUMNS)
    assert a.extra["activations"] == ["relu", "sigmoid"]
    assert np.isnan(a.values[0, 0, 1])
    assert data.config == config
    assert data.notes == []


def test_every_sample_is_read_not_a_reservoir(tmp_path):
    steps = np.arange(1, 3001)
    write_signals(tmp_path, "long", steps, {"loss": np.linspace(3, 1, 3000),
                                            "grad_norm": np.ones((3000, 3))})
    data = read(tmp_path, "long")
    assert len(data.loss) == 3000 and len(data.signals["grad_norm"]) == 3000


def test_repeated_and_unsorted_steps_keep_the_last_write(tmp_path):
    with RunWriter(tmp_path, "r") as w:
        for step, value in [(1, 5.0), (3, 3.0), (2, 4.0), (3, 9.0), (4, 1.0)]:
            w.signal("loss", step, value)
    data = read(tmp_path, "r")
    np.testing.assert_array_equal(data.loss.steps, [1, 2, 3, 4])
    np.testing.assert_allclose(data.loss.values, [5, 4, 9, 1])


def test_loss_blocks_are_read_step_by_step_in_float64(tmp_path):
    # What PlateauCallback writes: one [2, n] tensor per few hundred steps. Loss values that
    # float32 would round must come back exactly, and a block's event step (its last step)
    # must not hide the steps inside it.
    rng = np.random.default_rng(3)
    losses = 1.0 + rng.normal(0, 1e-9, 700)
    with RunWriter(tmp_path, "r") as w:
        for start in range(0, 700, 256):
            steps = np.arange(start + 1, min(start + 256, 700) + 1)
            w.loss_block(steps, losses[steps - 1])
    data = read(tmp_path, "r")
    assert data.loss_source == "plateau" and data.loss_tag == "plateau/loss_block"
    np.testing.assert_array_equal(data.loss.steps, np.arange(1, 701))
    np.testing.assert_array_equal(data.loss.values, losses)
    assert data.notes == []
    assert runs(tmp_path)["r"].loss_tag == "plateau/loss_block"


def test_loss_blocks_and_per_step_losses_merge_blocks_win(tmp_path):
    # A PlateauLogger (per step) and a PlateauCallback (blocks) in one run: every step of
    # either is kept, and where both hold a step the callback's block value is the one read.
    with RunWriter(tmp_path, "r") as w:
        for step in range(1, 7):
            w.signal("loss", step, -1.0)
        w.loss_block([4, 5, 6, 7, 8], [4.0, 5.0, 6.0, 7.0, 8.0])
    data = read(tmp_path, "r")
    np.testing.assert_array_equal(data.loss.steps, np.arange(1, 9))
    np.testing.assert_allclose(data.loss.values, [-1, -1, -1, 4, 5, 6, 7, 8])
    assert data.loss_tag == "plateau/loss"


@pytest.mark.parametrize("bad", [
    np.zeros((3, 4)),                                   # not two rows
    np.zeros(8),                                        # not 2-D
    np.array([[1.5, 2.0], [1.0, 1.0]]),                 # fractional step
    np.array([[np.nan, 2.0], [1.0, 1.0]]),              # non-finite step
    np.array([[-3.0, 2.0], [1.0, 1.0]]),                # negative step
])
def test_a_malformed_loss_block_is_dropped_with_a_note_and_the_rest_kept(tmp_path, bad):
    with RunWriter(tmp_path, "r") as w:
        w.loss_block([1, 2, 3], [3.0, 2.0, np.nan])
        w.loss_block([4, 5], [0, 0], array=bad)
        w.loss_block([6, 7], [1.0, 0.5])
    data = read(tmp_path, "r")
    np.testing.assert_array_equal(data.loss.steps, [1, 2, 3, 6, 7])
    np.testing.assert_allclose(data.loss.values, [3.0, 2.0, np.nan, 1.0, 0.5])
    assert data.notes == ["plateau/loss_block: dropped 1 of 3 blocks that are not [2, n] "
                          "arrays of steps and losses"]


def test_keras_callback_subruns(tmp_path):
    epochs = range(12)
    write_keras_scalars(tmp_path, "fit", epochs,
                        {"loss": np.linspace(2, 1, 12), "accuracy": np.linspace(.3, .6, 12),
                         "learning_rate": [1e-3] * 12},
                        {"loss": np.linspace(2.1, 1.2, 12)},
                        histograms={"sequential/dense/kernel": [np.ones((4, 3))] * 12})
    listed = runs(tmp_path)
    assert list(listed) == ["fit/train"]  # validation is folded into train
    assert listed["fit/train"].loss_tag == "epoch_loss"
    data = read(tmp_path, "fit/train")
    assert data.loss_source == "scalar" and data.loss_tag == "epoch_loss"
    assert len(data.loss) == 12
    np.testing.assert_allclose(data.signals["epoch/val_loss"].values, np.linspace(2.1, 1.2, 12),
                               rtol=1e-6)
    np.testing.assert_allclose(data.signals["learning_rate"].values, 1e-3, rtol=1e-6)
    assert "epoch/accuracy" in data.signals
    hist = data.signals["histogram/sequential/dense/kernel/histogram"]
    assert hist.values.shape[0] == 12 and hist.values.shape[2] == 3


def test_loss_tag_choice_prefers_training_loss():
    assert reader.choose_loss_tag({"epoch_loss": 20, "batch_loss": 2000}) == "epoch_loss"
    assert reader.choose_loss_tag({"epoch_loss": 2, "batch_loss": 2000}) == "batch_loss"
    assert reader.choose_loss_tag({"val/loss": 50, "train/loss": 50}) == "train/loss"
    assert reader.choose_loss_tag({"eval_loss": 50, "my_loss": 10}) == "my_loss"
    assert reader.choose_loss_tag({"accuracy": 50}) is None


def test_plain_scalar_loss_run(tmp_path):
    with RunWriter(tmp_path, "custom") as w:
        for step in range(1, 101):
            w.scalar("train/loss", step, 1.0 / step)
            w.scalar("val/loss", step, 2.0 / step)
            w.scalar("lr", step, 0.1)
    data = read(tmp_path, "custom")
    assert data.loss_tag == "train/loss" and len(data.loss) == 100
    assert "learning_rate" in data.signals


def test_helper_run_hides_keras_subruns_next_to_it(tmp_path):
    write_signals(tmp_path, "exp", np.arange(1, 20), {"loss": np.ones(19)})
    write_keras_scalars(tmp_path, "exp", range(5), {"loss": np.ones(5)}, {"loss": np.ones(5)})
    assert list(runs(tmp_path)) == ["exp"]


def test_newer_format_version_is_a_note_not_a_crash(tmp_path):
    with RunWriter(tmp_path, "future") as w:
        for step in range(1, 30):
            w.signal("loss", step, 1.0)
            w.signal("grad_norm", step, [1.0, 2.0], version=metadata.FORMAT_VERSION + 1)
    data = read(tmp_path, "future")
    assert "grad_norm" not in data.signals and len(data.loss) == 29
    assert any("plateau/grad_norm" in n and "newer" in n for n in data.notes)


def test_a_version_7_reference_fit_of_four_columns_is_still_read(tmp_path):
    """Logdirs written by format version 7 hold reference_fit rows without the linear fit's
    own loss (added in 8): they are read, linear_loss None; a row of three columns is
    dropped with a note; a version 8 row whose linear fit scored nothing (NaN) keeps the
    rest."""
    from tb_plateau.analysis import baseline

    old = ["loss", "neighbours", "kernel_width", "examples"]
    with RunWriter(tmp_path, "v7") as w:
        w.signal("loss", 1, 1.0)
        w.signal("reference_fit", 1, [0.2, 7.0, 0.0, 128.0], columns=old, version=7)
    with RunWriter(tmp_path, "v8") as w:
        w.signal("loss", 1, 1.0)
        w.signal("reference_fit", 1, [0.2, 0.0, 0.5, 128.0, np.nan],
                 columns=list(metadata.REFERENCE_FIT_COLUMNS))
    with RunWriter(tmp_path, "short") as w:
        w.signal("loss", 1, 1.0)
        w.signal("reference_fit", 1, [0.2, 7.0, 0.0], columns=old[:3])
    v7 = baseline.measured_reference_fit(read(tmp_path, "v7").signals)
    assert v7 == {"loss": pytest.approx(0.2), "neighbours": 7.0, "kernel_width": 0.0,
                  "examples": 128.0, "linear_loss": None}
    v8 = baseline.measured_reference_fit(read(tmp_path, "v8").signals)
    assert v8["kernel_width"] == 0.5 and v8["linear_loss"] is None
    short = read(tmp_path, "short")
    assert "reference_fit" not in short.signals
    assert any("reference_fit" in n and "3 columns" in n for n in short.notes)


def test_wrong_shapes_are_dropped_with_a_note(tmp_path):
    with RunWriter(tmp_path, "shapes") as w:
        for step in range(1, 21):
            w.signal("loss", step, 1.0)
            w.signal("grad_norm", step, [1.0, 2.0] if step != 7 else [1.0, 2.0, 3.0])
            w.signal("update_ratio", step, 0.5)  # scalar where [L] is expected
    data = read(tmp_path, "shapes")
    assert len(data.signals["grad_norm"]) == 19
    assert 7 not in data.signals["grad_norm"].steps
    assert "update_ratio" not in data.signals
    assert any("grad_norm" in n and "dropped 1" in n for n in data.notes)
    assert any("update_ratio" in n for n in data.notes)


def test_bad_config_is_a_note(tmp_path):
    with RunWriter(tmp_path, "cfg") as w:
        w.config(b"{not json")
        w.signal("loss", 1, 1.0)
    data = read(tmp_path, "cfg")
    assert data.config is None and any("config" in n for n in data.notes)


def test_truncated_event_file_keeps_what_is_readable(tmp_path):
    write_signals(tmp_path, "cut", np.arange(1, 201), {"loss": np.linspace(2, 1, 200)})
    (path,) = glob.glob(str(tmp_path / "cut" / "events.out.tfevents.*"))
    size = os.path.getsize(path)
    with open(path, "r+b") as f:
        f.truncate(size - 7)
    data = read(tmp_path, "cut")
    assert 150 <= len(data.loss) < 200


def test_corrupt_event_file_is_survived(tmp_path):
    write_signals(tmp_path, "ok", np.arange(1, 11), {"loss": np.ones(10)})
    os.makedirs(tmp_path / "garbage")
    with open(tmp_path / "garbage" / "events.out.tfevents.0.host", "wb") as f:
        f.write(os.urandom(4096))
    listed = runs(tmp_path)
    assert "ok" in listed and "garbage" not in listed
    assert len(read(tmp_path, "ok").loss) == 10


def test_unknown_and_empty_runs(tmp_path):
    write_signals(tmp_path, "ok", np.arange(1, 11), {"loss": np.ones(10)})
    with RunWriter(tmp_path, "other") as w:
        w.scalar("accuracy", 1, 0.5)
    os.makedirs(tmp_path / "empty")
    # A run with scalars but no loss is listed, to say so (issue 14); an empty one is not.
    assert list(runs(tmp_path)) == ["ok", "other"]
    assert runs(tmp_path)["other"].loss_tag is None
    src = load(tmp_path)
    with pytest.raises(reader.UnknownRunError):
        reader.read_run(src.provider, src.ctx, src.experiment_id, "nope")
    data = reader.read_run(src.provider, src.ctx, src.experiment_id, "other")
    assert data.loss is None and any("no loss" in n for n in data.notes)


def test_fingerprint_changes_when_the_run_grows(tmp_path):
    with RunWriter(tmp_path, "grow") as w:
        for step in range(1, 11):
            w.signal("loss", step, 1.0)
        w.flush()
        src = load(tmp_path)
        before = reader.list_runs(src.provider, src.ctx, src.experiment_id)["grow"].fingerprint
        again = reader.list_runs(src.provider, src.ctx, src.experiment_id)["grow"].fingerprint
        assert before == again
        for step in range(11, 21):
            w.signal("loss", step, 1.0)
        w.flush()
        src.multiplexer.Reload()
        after = reader.list_runs(src.provider, src.ctx, src.experiment_id)["grow"].fingerprint
    assert after != before
    hash(after)


def test_reading_side_never_imports_tensorflow(tmp_path):
    write_signals(tmp_path, "r", np.arange(1, 30), {"loss": np.ones(29)})
    code = (
        "import sys\n"
        "import tb_plateau.cli, tb_plateau.read.reader, tb_plateau.analysis\n"
        "assert 'tensorflow' not in sys.modules, 'import'\n"
        "rc = tb_plateau.cli.main(['report', sys.argv[1], '--format', 'json'])\n"
        "assert rc in (0, 1), rc\n"
        "assert 'tensorflow' not in sys.modules, 'report'\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True,
                            text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout)["runs"][0]["run"] == "r"


def test_learning_rate_written_on_change_is_forward_filled(tmp_path):
    # PlateauCallback writes the rate only when it changes: the reader gives it at every
    # loss step, as the last rate written at or before that step.
    with RunWriter(tmp_path, "sched") as w:
        for step in range(1, 101):
            w.signal("loss", step, 1.0 / step)
        w.signal("learning_rate", 1, 0.1)
        w.signal("learning_rate", 50, 0.01)
        w.signal("learning_rate", 90, 0.001)
    run = read(tmp_path, "sched")
    lr = run.signals["learning_rate"]
    assert list(lr.steps) == list(range(1, 101))
    expected = np.where(lr.steps < 50, 0.1, np.where(lr.steps < 90, 0.01, 0.001))
    np.testing.assert_allclose(lr.values, expected, rtol=1e-6)


class _CountingProvider:
    """The real data provider, counting the calls made through it."""

    def __init__(self, provider):
        self.provider = provider
        self.calls = 0

    def __getattr__(self, name):
        method = getattr(self.provider, name)

        def counted(*args, **kwargs):
            self.calls += 1
            return method(*args, **kwargs)

        return counted


def test_batch_reads_give_the_same_runs_with_far_fewer_provider_calls(tmp_path):
    rng = np.random.default_rng(3)
    for i in range(6):
        steps = np.arange(1, 121)
        write_signals(tmp_path, "helper/run%d" % i, steps,
                      {"loss": 2.0 / np.sqrt(steps) + 0.01 * rng.standard_normal(120),
                       "grad_norm": rng.random((120, 3))},
                      names={"grad_norm": ["a", "b", "c"]}, config={"loss": {"name": "mse"}})
    write_keras_scalars(tmp_path, "keras", range(12),
                        {"loss": np.linspace(2, 1, 12), "learning_rate": [1e-3] * 12},
                        {"loss": np.linspace(2.1, 1.2, 12)},
                        histograms={"dense/kernel": [np.ones((4, 3))] * 12})
    src = load(tmp_path)
    names = sorted(reader.list_runs(src.provider, src.ctx, src.experiment_id))
    assert len(names) == 7

    one_by_one = _CountingProvider(src.provider)
    single = {n: reader.read_run(one_by_one, src.ctx, src.experiment_id, n) for n in names}
    batched_provider = _CountingProvider(src.provider)
    batch = reader.BatchReadProvider(batched_provider, src.experiment_id, names)
    batched = {n: reader.read_run(batch, src.ctx, src.experiment_id, n) for n in names}

    for n in names:
        a, b = single[n], batched[n]
        assert a.loss_tag == b.loss_tag and a.notes == b.notes and a.config == b.config
        assert sorted(a.signals) == sorted(b.signals)
        for sig in a.signals:
            np.testing.assert_array_equal(a.signals[sig].steps, b.signals[sig].steps)
            np.testing.assert_array_equal(a.signals[sig].values, b.signals[sig].values)
    # The validation sibling of the Keras run lies outside the batch: read directly.
    assert batched_provider.calls * 3 < one_by_one.calls
