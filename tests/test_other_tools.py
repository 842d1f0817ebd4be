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
from tests import eventfiles

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


# -- notes: one line for a run logged without tb-plateau --------------------------------------


WITHOUT_TB_PLATEAU = "logged without tb-plateau: "
OTHER_CAUSES = " only; add PlateauCallback for the other causes"


def found_in_note(run):
    """What a run of CONVENTIONS' one line of notes names, in its order."""
    _, loss_tag, lr_tag, norm_tag, val_tag = CONVENTIONS[run]
    found = ["loss (%s)" % loss_tag]
    found += [what for tag, what in ((val_tag, "validation loss"), (lr_tag, "learning rate"),
                                     (norm_tag, "gradient norm")) if tag]
    return "%s and %s" % (", ".join(found[:-1]), found[-1])


@pytest.mark.parametrize("run", sorted(CONVENTIONS))
def test_a_run_logged_without_tb_plateau_gets_one_line_of_notes(tools_logdir, run, capsys):
    _, reports = json_reports(tools_logdir, capsys)
    report = reports[run]
    assert report["notes"] == [WITHOUT_TB_PLATEAU + found_in_note(run) + OTHER_CAUSES]
    # The details stay in the JSON.
    details = report["note_details"]
    assert any("no model configuration" in n for n in details)
    assert any("no activation statistics" in n for n in details)
    assert "loss read from the scalar tag %r" % report["loss_tag"] in details
    norm_tag = CONVENTIONS[run][3]
    if norm_tag is None:
        assert any(n.startswith("no gradient statistics") for n in details)
    else:
        # A global gradient norm is a gradient statistic: only the per-layer ones are missing.
        assert not any("no gradient statistics" in n for n in details)
        (per_layer,) = [n for n in details if n.startswith("no per-layer gradient statistics")]
        assert "global gradient norm" in per_layer and "exploding and vanishing" in per_layer


def test_the_cli_text_shows_one_line_of_notes_per_run(tools_logdir, capsys):
    _, out, _ = run_cli(["report", str(tools_logdir)], capsys)
    blocks = out.rstrip("\n").split("\n\n")[1:]
    assert blocks[-1].startswith("%d runs: " % len(CONVENTIONS))  # the summary line
    blocks = blocks[:-1]
    assert len(blocks) == len(CONVENTIONS)
    for block in blocks:
        lines = block.splitlines()
        run = lines[0].split(":")[0]
        notes = lines[lines.index("  notes:") + 1:]
        assert notes == ["    - " + WITHOUT_TB_PLATEAU + found_in_note(run) + OTHER_CAUSES], block


def test_a_tb_plateau_run_with_only_a_global_gradient_norm_says_what_is_still_judged(tmp_path,
                                                                                    capsys):
    # PlateauLogger given the loss and the global norm only: a tb-plateau run, so its notes
    # are listed one by one, and the gradient note says what the global norm still judges.
    eventfiles.write_signals(tmp_path, "logger", STEPS,
                             {"loss": flat_loss(), "grad_global_norm": np.full(len(STEPS), 0.5)})
    _, reports = json_reports(tmp_path, capsys)
    report = reports["logger"]
    assert report["note_details"] == []
    assert not any("no gradient statistics" in n for n in report["notes"])
    assert any(n.startswith("no per-layer gradient statistics") for n in report["notes"])
    assert not any(n.startswith(WITHOUT_TB_PLATEAU) for n in report["notes"])


# -- the global gradient norm as evidence ------------------------------------------------------


def cause_ids(report):
    return [c["id"] for i in report["intervals"] for c in i["causes"]]


def test_a_collapsed_global_gradient_norm_hints_at_vanishing_gradients(tmp_path, capsys):
    # Hugging Face Trainer's names (transformers, integrations/integration_utils.py:
    # rewrite_logs prefixes train/; the Trainer logs grad_norm next to loss and
    # learning_rate): the loss never leaves its start while train/grad_norm falls by five
    # decades, at a learning rate that is normal for AdamW.
    norm = np.maximum(10.0 ** (-STEPS / 8.0), 1e-5)

    def write(w, step, value):
        w.add_scalar("train/loss", value, step)
        w.add_scalar("train/learning_rate", 5e-5, step)
        w.add_scalar("train/grad_norm", norm[step - 1], step)

    write_with_tensorboardx(tmp_path, "collapsed", write)
    _, reports = json_reports(tmp_path, capsys)
    report = reports["collapsed"]
    assert report["verdict"] == "stalled"
    causes = report["intervals"][0]["causes"]
    vanishing = [c for c in causes if c["id"] == "vanishing_gradients"]
    assert vanishing, causes
    # A hint, not a verdict: the global norm cannot tell which layers lost the gradient.
    assert vanishing[0]["confidence"] <= 0.4
    (evidence,) = vanishing[0]["evidence"]
    assert evidence["signal"] == M.GRAD_GLOBAL_NORM
    assert "global gradient norm" in evidence["text"] and "only the global norm" in evidence["text"]
    assert "exploding_gradients" not in cause_ids(report)
    # The gradient, not the step size, became small: a low learning rate is not suggested.
    assert "learning_rate_too_low" not in cause_ids(report)


def test_a_global_norm_shrinking_while_the_loss_falls_is_not_vanishing(tmp_path, capsys):
    # The same collapse of train/grad_norm in a run whose loss falls to a twentieth.
    loss = 2.3 * np.exp(-STEPS / 40.0) + 0.1 + 0.002 * np.random.default_rng(2).standard_normal(
        len(STEPS))
    norm = np.maximum(10.0 ** (-STEPS / 8.0), 1e-5)

    def write(w, step, value):
        w.add_scalar("train/loss", value, step)
        w.add_scalar("train/learning_rate", 5e-5, step)
        w.add_scalar("train/grad_norm", norm[step - 1], step)

    write_with_tensorboardx(tmp_path, "converging", write, loss)
    _, reports = json_reports(tmp_path, capsys)
    report = reports["converging"]
    assert report["verdict"] in ("healthy", "converged"), report
    assert "vanishing_gradients" not in cause_ids(report)


# A real training that converges: a small MLP fits a smooth function with full-batch Adam on
# a decaying learning rate, in a custom loop that writes the tf.summary guide's `loss` and
# `learning_rate` and, as the Hugging Face Trainer names it, `grad_norm`
# (tf.linalg.global_norm of the gradients). Seeded: the same curves every time.
REAL_HEALTHY_SCRIPT = textwrap.dedent("""
    import os, sys
    import numpy as np
    import tensorflow as tf

    logdir, steps = sys.argv[1], int(sys.argv[2])
    tf.keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, size=(256, 2)).astype("float32")
    y = (np.sin(3 * x[:, :1]) * np.cos(2 * x[:, 1:])).astype("float32")
    model = tf.keras.Sequential([tf.keras.Input((2,)),
                                 tf.keras.layers.Dense(32, activation="tanh"),
                                 tf.keras.layers.Dense(32, activation="tanh"),
                                 tf.keras.layers.Dense(1)])
    schedule = tf.keras.optimizers.schedules.ExponentialDecay(1e-2, decay_steps=steps,
                                                              decay_rate=1e-2)
    optimizer = tf.keras.optimizers.Adam(schedule)

    @tf.function
    def train_step():
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(model(x, training=True) - y))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        return loss, tf.linalg.global_norm(grads)

    writer = tf.summary.create_file_writer(os.path.join(logdir, "healthy"))
    with writer.as_default():
        for step in range(1, steps + 1):
            loss, norm = train_step()
            tf.summary.scalar("loss", loss, step=step)
            tf.summary.scalar("learning_rate", schedule(step - 1), step=step)
            tf.summary.scalar("grad_norm", norm, step=step)
    writer.flush()
""")


def test_a_real_healthy_runs_shrinking_global_norm_is_not_called_vanishing(tmp_path, capsys):
    pytest.importorskip("tensorflow")
    from tb_plateau.analysis.causes import ExplodingGradients, VanishingGradients
    from tb_plateau.analysis.context import Context

    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", CUDA_VISIBLE_DEVICES="")
    subprocess.run([sys.executable, "-c", REAL_HEALTHY_SCRIPT, str(tmp_path), "1000"],
                   check=True, env=env, cwd=ROOT, timeout=300)
    source = reader.open_logdir(str(tmp_path))
    data = reader.read_run(source.provider, source.ctx, source.experiment_id, "healthy")
    norm = data.signals[M.GRAD_GLOBAL_NORM].values
    loss = data.loss.values
    # The premise: as the loss converged, the global norm shrank by over two decades.
    assert np.median(norm[-100:]) < 1e-2 * norm[0]
    assert np.median(loss[-100:]) < 0.05 * loss[0]
    _, reports = json_reports(tmp_path, capsys)
    report = reports["healthy"]
    assert report["verdict"] in ("healthy", "converged")
    assert report["intervals"] == [] and "vanishing_gradients" not in cause_ids(report)
    # Judged on the converged second half directly: neither finds anything. (Its norm's
    # largest value is its first: measured against the first quarter's median it "rose"
    # two decades, which is no rise at all.)
    steps = data.loss.steps
    half = len(steps) // 2
    tail = {"kind": "stalled", "start_step": int(steps[half]), "end_step": int(steps[-1]),
            "start_index": half, "end_index": len(steps) - 1,
            "loss_level": float(np.median(loss[half:]))}
    ctx = Context(data, tail, None, float(np.median(loss[:50])), (int(steps[0]), int(steps[-1])))
    assert VanishingGradients().run(ctx) is None
    assert ExplodingGradients().run(ctx) is None


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
    for run, loss_tag in (("keras/train", "epoch_loss"), ("guide/train", "loss")):
        assert reports[run]["verdict"] == "stalled"
        assert reports[run]["intervals"][0]["causes"][0]["id"] == "learning_rate_too_low"
        assert reports[run]["notes"] == [
            WITHOUT_TB_PLATEAU + "loss (%s), validation loss and learning rate" % loss_tag
            + OTHER_CAUSES]


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
