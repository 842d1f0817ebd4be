"""Logdirs written by other tools (issue 14, part B): each tool's documented tag names, written
with that tool's own writer (tensorboardX, whose SummaryWriter is the API torch.utils.tensorboard
copies, and tf.summary), read through TensorBoard's data provider and the CLI.

The tag names and where they come from are listed in tb_plateau/read/conventions.py.
"""

import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from tb_plateau import cli
from tb_plateau import metadata as M
from tb_plateau.read import conventions, reader

tensorboardX = pytest.importorskip("tensorboardX")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STEPS = np.arange(1, 201)
VAL_LOSS = M.EPOCH_PREFIX + "val_loss"


def flat_loss(seed=0):
    """A loss that never moves from its start: a stall from the first step."""
    return 2.3 + 0.002 * np.random.default_rng(seed).standard_normal(len(STEPS))


# Each convention: the tags one tool writes per step, and what the reader should make of
# them (loss tag, learning-rate tag, gradient-norm tag, validation-loss tag). The learning
# rate is tiny (1e-7) so that the flat loss is diagnosed as a stall with a cause.
def _torch_docs(w, step, loss):
    # torch.utils.tensorboard docs / "How to use TensorBoard with PyTorch" recipe.
    w.add_scalar("Loss/train", loss, step)
    w.add_scalar("Accuracy/train", 0.1, step)
    w.add_scalar("lr", 1e-7, step)
    if step % 20 == 0:
        w.add_scalar("Loss/test", loss + 0.05, step)
        w.add_scalar("Accuracy/test", 0.1, step)


def _torch_tutorial(w, step, loss):
    # "Visualizing models, data, and training with TensorBoard": running loss every N batches.
    w.add_scalar("training loss", loss, step)
    w.add_scalar("learning rate", 1e-7, step)


def _hugging_face(w, step, loss):
    # transformers TensorBoardCallback: rewrite_logs adds train/ and eval/ prefixes.
    w.add_scalar("train/loss", loss, step)
    w.add_scalar("train/learning_rate", 1e-7, step)
    w.add_scalar("train/grad_norm", 0.5, step)
    w.add_scalar("train/epoch", step / 200.0, step)
    if step % 20 == 0:
        w.add_scalar("eval/loss", loss + 0.05, step)
        w.add_scalar("eval/runtime", 1.0, step)
    if step == STEPS[-1]:
        w.add_scalar("train/train_loss", loss, step)  # the run's mean, one point
        w.add_scalar("train/train_runtime", 12.0, step)


def _lightning(w, step, loss):
    # self.log("train_loss", on_step=True, on_epoch=True); LearningRateMonitor with two
    # param groups and log_momentum; log_dict(grad_norm(self, norm_type=2)).
    w.add_scalar("train_loss_step", loss, step)
    w.add_scalar("lr-SGD/pg1", 1e-7, step)
    w.add_scalar("lr-SGD/pg2", 1e-6, step)
    w.add_scalar("lr-SGD/pg1-momentum", 0.9, step)
    w.add_scalar("grad_2.0_norm_total", 0.5, step)
    w.add_scalar("grad_2.0_norm/layer.weight", 0.4, step)
    if step % 20 == 0:
        w.add_scalar("train_loss_epoch", loss, step)
        w.add_scalar("val_loss", loss + 0.05, step)
        w.add_scalar("epoch", step // 20, step)


def _lightning_one_optimizer(w, step, loss):
    w.add_scalar("train_loss", loss, step)
    w.add_scalar("lr-Adam", 1e-7, step)
    if step % 20 == 0:
        w.add_scalar("val_loss", loss + 0.05, step)


def _flax(w, step, loss):
    # Flax/CLU examples: write_scalars(step, {"train_loss": ..., "learning_rate": ...}).
    w.add_scalar("train_loss", loss, step)
    w.add_scalar("train_accuracy", 0.1, step)
    w.add_scalar("learning_rate", 1e-7, step)
    if step % 20 == 0:
        w.add_scalar("test_loss", loss + 0.05, step)


def _mixed_case(w, step, loss):
    w.add_scalar("Train/Loss", loss, step)
    w.add_scalar("Train/Learning_Rate", 1e-7, step)
    w.add_scalar("Train/Grad_Norm", 0.5, step)
    w.add_scalar("loss_scale", 65536.0, step)  # mixed precision: mentions a loss, is not one
    if step % 20 == 0:
        w.add_scalar("Eval/Loss", loss + 0.05, step)


CONVENTIONS = {
    # run: (writer, loss tag, learning-rate tag, gradient-norm tag, validation-loss tag)
    "torch_docs": (_torch_docs, "Loss/train", "lr", None, "Loss/test"),
    # tensorboardX cleans tags: spaces become underscores.
    "torch_tutorial": (_torch_tutorial, "training_loss", "learning_rate", None, None),
    "hugging_face": (_hugging_face, "train/loss", "train/learning_rate", "train/grad_norm",
                     "eval/loss"),
    "lightning": (_lightning, "train_loss_step", "lr-SGD/pg1", "grad_2.0_norm_total",
                  "val_loss"),
    "lightning_adam": (_lightning_one_optimizer, "train_loss", "lr-Adam", None, "val_loss"),
    "flax": (_flax, "train_loss", "learning_rate", None, "test_loss"),
    "mixed_case": (_mixed_case, "Train/Loss", "Train/Learning_Rate", "Train/Grad_Norm",
                   "Eval/Loss"),
}


def write_with_tensorboardx(logdir, run, write, loss=None):
    loss = flat_loss() if loss is None else loss
    writer = tensorboardX.SummaryWriter(os.path.join(str(logdir), run))
    for step, value in zip(STEPS, loss):
        write(writer, int(step), float(value))
    writer.close()


def run_cli(argv, capsys):
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def json_reports(logdir, capsys, *extra):
    code, out, _ = run_cli(["report", str(logdir), "--format", "json", *extra], capsys)
    return code, {r["run"]: r for r in json.loads(out)["runs"]}


@pytest.fixture(scope="module")
def tools_logdir(tmp_path_factory):
    logdir = tmp_path_factory.mktemp("tools")
    for run, (write, *_) in CONVENTIONS.items():
        write_with_tensorboardx(logdir, run, write)
    return logdir


@pytest.mark.parametrize("run", sorted(CONVENTIONS))
def test_loss_learning_rate_gradient_norm_and_validation_are_found(tools_logdir, run):
    _, loss_tag, lr_tag, norm_tag, val_tag = CONVENTIONS[run]
    source = reader.open_logdir(str(tools_logdir))
    listing = reader.list_runs(source.provider, source.ctx, source.experiment_id)
    assert listing[run].loss_tag == loss_tag
    data = reader.read_run(source.provider, source.ctx, source.experiment_id, run)
    assert data.loss_tag == loss_tag and data.loss_source == "scalar"
    assert len(data.loss) == len(STEPS)
    assert data.signals[M.LEARNING_RATE].extra["tag"] == lr_tag
    assert data.signals[M.LEARNING_RATE].values[0] == pytest.approx(1e-7)
    if norm_tag is None:
        assert M.GRAD_GLOBAL_NORM not in data.signals
    else:
        assert data.signals[M.GRAD_GLOBAL_NORM].extra["tag"] == norm_tag
        assert data.signals[M.GRAD_GLOBAL_NORM].values[0] == pytest.approx(0.5)
    if val_tag is None:
        assert VAL_LOSS not in data.signals
    else:
        assert data.signals[VAL_LOSS].extra["tag"] == val_tag
        assert len(data.signals[VAL_LOSS]) == len(STEPS) // 20


def test_cli_reports_each_tools_stall(tools_logdir, capsys):
    code, reports = json_reports(tools_logdir, capsys)
    assert code == 1
    assert set(reports) == set(CONVENTIONS)
    for run, (_, loss_tag, *_) in CONVENTIONS.items():
        report = reports[run]
        assert report["loss_tag"] == loss_tag, run
        assert report["verdict"] == "stalled", run
        interval = report["intervals"][0]
        assert interval["start_step"] <= 20, run
        assert "learning_rate_too_low" in [c["id"] for c in interval["causes"]], run
        assert M.LEARNING_RATE in report["signals"]


def test_a_growing_global_gradient_norm_is_evidence_of_exploding_gradients(tmp_path, capsys):
    # Hugging Face Trainer's grad_norm rising by orders of magnitude while the loss stalls.
    loss = np.where(STEPS < 40, 2.3 - 0.3 * STEPS / 40, 2.0) + \
        0.005 * np.random.default_rng(1).standard_normal(len(STEPS))

    def write(w, step, value):
        w.add_scalar("train/loss", value, step)
        w.add_scalar("train/learning_rate", 5e-5, step)
        w.add_scalar("train/grad_norm", 1.05 ** step, step)

    write_with_tensorboardx(tmp_path, "exploding", write, loss)
    _, reports = json_reports(tmp_path, capsys)
    report = reports["exploding"]
    assert report["verdict"] == "stalled"
    causes = report["intervals"][0]["causes"]
    assert causes[0]["id"] == "exploding_gradients"
    assert any(ev.get("signal") == M.GRAD_GLOBAL_NORM for ev in causes[0]["evidence"])


TF_SUMMARY_SCRIPT = textwrap.dedent("""
    import os, sys
    import numpy as np
    import tensorflow as tf

    logdir, steps, loss = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    # Keras's TensorBoard callback: <run>/train and <run>/validation, epoch_<metric> at
    # step = epoch, epoch_learning_rate (Keras 3).
    train = tf.summary.create_file_writer(os.path.join(logdir, "keras", "train"))
    validation = tf.summary.create_file_writer(os.path.join(logdir, "keras", "validation"))
    for epoch in range(steps):
        with train.as_default():
            tf.summary.scalar("epoch_loss", loss, step=epoch)
            tf.summary.scalar("epoch_learning_rate", 1e-7, step=epoch)
        with validation.as_default():
            tf.summary.scalar("epoch_loss", loss + 0.05, step=epoch)
    # The tf.summary guide's custom loop: train and test writers, 'loss' and 'accuracy'.
    train = tf.summary.create_file_writer(os.path.join(logdir, "guide", "train"))
    test = tf.summary.create_file_writer(os.path.join(logdir, "guide", "test"))
    for step in range(1, steps + 1):
        with train.as_default():
            tf.summary.scalar("loss", loss, step=step)
            tf.summary.scalar("accuracy", 0.1, step=step)
            tf.summary.scalar("learning_rate", 1e-7, step=step)
        with test.as_default():
            tf.summary.scalar("loss", loss + 0.05, step=step)
    for w in (train, test, validation):
        w.flush()
""")


def test_tf_summary_and_keras_sibling_runs(tmp_path, capsys):
    pytest.importorskip("tensorflow")
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", CUDA_VISIBLE_DEVICES="")
    subprocess.run([sys.executable, "-c", TF_SUMMARY_SCRIPT, str(tmp_path), "40", "2.3"],
                   check=True, env=env, cwd=ROOT, timeout=300)
    source = reader.open_logdir(str(tmp_path))
    listing = reader.list_runs(source.provider, source.ctx, source.experiment_id)
    assert set(listing) == {"keras/train", "guide/train"}  # validation/test folded in
    for run, loss_tag, lr_tag, val_tag in (
            ("keras/train", "epoch_loss", "epoch_learning_rate", "keras/validation:epoch_loss"),
            ("guide/train", "loss", "learning_rate", "guide/test:loss")):
        data = reader.read_run(source.provider, source.ctx, source.experiment_id, run)
        assert data.loss_tag == loss_tag
        assert data.signals[M.LEARNING_RATE].extra["tag"] == lr_tag
        assert data.signals[VAL_LOSS].extra["tag"] == val_tag
        assert data.signals[VAL_LOSS].values[0] == pytest.approx(2.35)
    code, reports = json_reports(tmp_path, capsys)
    assert code == 1
    for run in ("keras/train", "guide/train"):
        assert reports[run]["verdict"] == "stalled"
        assert reports[run]["intervals"][0]["causes"][0]["id"] == "learning_rate_too_low"


# -- runs without a recognisable loss ---------------------------------------------------------


def _no_loss(w, step, value):
    w.add_scalar("accuracy", 0.5, step)
    w.add_scalar("Objective/train", value, step)


def test_a_run_without_a_loss_is_listed_with_its_tags(tmp_path, capsys):
    write_with_tensorboardx(tmp_path, "no_loss", _no_loss)
    write_with_tensorboardx(tmp_path, "hf", _hugging_face)
    code, reports = json_reports(tmp_path, capsys)
    assert code == 1  # the other run's stall
    report = reports["no_loss"]
    assert report["verdict"] == "no_data" and report["loss_tag"] is None
    note = " ".join(report["notes"])
    assert "Objective/train" in note and "accuracy" in note
    assert "looked like a training loss" in note

    code, out, _ = run_cli(["report", str(tmp_path)], capsys)
    assert "no_loss: NO_DATA" in out and "looked like a training loss" in out

    source = reader.open_logdir(str(tmp_path))
    listing = reader.list_runs(source.provider, source.ctx, source.experiment_id)
    assert listing["no_loss"].loss_tag is None


def test_a_logdir_of_runs_without_a_loss_is_reported_not_refused(tmp_path, capsys):
    write_with_tensorboardx(tmp_path, "no_loss", _no_loss)
    code, reports = json_reports(tmp_path, capsys)
    assert code == cli.EXIT_OK  # no problem interval found, as for other no_data runs
    assert reports["no_loss"]["verdict"] == "no_data"


def test_loss_tag_option_chooses_the_loss(tmp_path, capsys):
    write_with_tensorboardx(tmp_path, "no_loss", _no_loss)
    write_with_tensorboardx(tmp_path, "hf", _hugging_face)
    code, reports = json_reports(tmp_path, capsys, "--loss-tag", "objective/TRAIN")
    assert reports["no_loss"]["loss_tag"] == "Objective/train"
    assert reports["no_loss"]["steps"]["count"] == len(STEPS)
    # A run without that tag keeps its automatic choice, and says so.
    assert reports["hf"]["loss_tag"] == "train/loss"
    assert any("objective/TRAIN" in n for n in reports["hf"]["notes"])


def test_tab_stays_inactive_for_runs_without_a_loss(tmp_path):
    from tb_plateau.serve import plugin
    from tensorboard.plugins import base_plugin

    write_with_tensorboardx(tmp_path, "no_loss", _no_loss)
    source = reader.open_logdir(str(tmp_path))
    context = base_plugin.TBContext(logdir=str(tmp_path), data_provider=source.provider)
    assert plugin.PlateauPlugin(context).is_active() is False


# -- the name rules on their own --------------------------------------------------------------


def test_name_rules():
    assert reader.choose_loss_tag({"Loss/train": 50, "Loss/train_recon": 50,
                                   "Loss/test": 50}) == "Loss/train"
    assert reader.choose_loss_tag({"train/loss": 3, "train/train_loss": 1}) == "train/loss"
    assert reader.choose_loss_tag({"train_loss_step": 100, "train_loss_epoch": 5}) == \
        "train_loss_step"
    assert reader.choose_loss_tag({"loss_scale": 100, "val_loss": 100}) is None
    assert reader.choose_loss_tag({"Training vs. Validation Loss": 10}) is None
    assert conventions.choose_learning_rate_tag(
        ["lr-Adam-momentum", "lr-Adam-weight_decay", "lr-Adam"]) == "lr-Adam"
    assert conventions.choose_learning_rate_tag(["lr-SGD/pg2", "lr-SGD/pg1"]) == "lr-SGD/pg1"
    assert conventions.choose_learning_rate_tag(["lr-Adam-momentum"]) is None
    assert conventions.choose_grad_norm_tag(["grad_2.0_norm/w", "grad_2.0_norm_total"]) == \
        "grad_2.0_norm_total"
    assert conventions.choose_val_loss_tag(["val_acc", "validation loss"]) == "validation loss"
    assert conventions.choose_val_loss_tag(["Loss/dev"]) == "Loss/dev"
