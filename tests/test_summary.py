"""tb_plateau.summary ops under a user's own writer: default step, tf.function, record_if."""

import json
import os

import numpy as np
import pytest

from tests.tf_helpers import read_run

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
tf = pytest.importorskip("tensorflow")

from tb_plateau import metadata as md  # noqa: E402
from tb_plateau import summary as plateau  # noqa: E402

pytestmark = pytest.mark.tf


def test_ops_write_to_the_default_writer_and_default_step(tmp_path):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(50, 3)).astype("float32")
    x[:, 1] = x[:, 1] * 1000 + 5
    kernel = tf.Variable(rng.normal(size=(3, 2)).astype("float32"), name="dense/kernel")
    bias = tf.Variable(np.ones(2, "float32"), name="dense/bias")
    other = tf.Variable(np.full(4, 2.0, "float32"), name="out/kernel")
    grads = [tf.ones((3, 2)), tf.constant([np.nan, 1.0]), tf.fill([4], 3.0)]
    writer = tf.summary.create_file_writer(str(tmp_path))
    with writer.as_default(step=7):
        assert bool(plateau.loss(0.5))
        assert bool(plateau.gradients(grads, [kernel, bias, other]))
        assert bool(plateau.weights([kernel, bias, other],
                                    previous=[kernel * 0.5, bias * 0.5, other * 0.5]))
        assert bool(plateau.inputs(x))
        assert bool(plateau.predictions(np.zeros((50, 2), "float32") + 0.3))
        assert bool(plateau.config({"batch_size": 50}))
    writer.close()
    run = read_run(tmp_path)
    assert all(list(signal.steps) == [7] for signal in run.values())
    grad_norm = run["plateau/grad_norm"]
    assert grad_norm.content == {"names": ["dense", "out"], "signal": "grad_norm",
                                 "version": 1}
    assert np.isnan(grad_norm.values[0][0]) and grad_norm.values[0][1] == pytest.approx(6.0)
    assert run["plateau/grad_nonfinite"].values[0] == 1
    np.testing.assert_allclose(run["plateau/weight_norm"].values[0],
                               [np.sqrt(np.sum(kernel.numpy() ** 2) + 2), 4.0], rtol=1e-6)
    np.testing.assert_allclose(run["plateau/weight_mean"].values[0],
                               [(np.sum(kernel.numpy()) + 2) / 8, 2.0], rtol=1e-6)
    np.testing.assert_allclose(run["plateau/update_ratio"].values[0], [1.0, 1.0], rtol=1e-6)
    stats = run["plateau/inputs"].values[0]
    np.testing.assert_allclose(stats[:, 0], x.mean(axis=0), rtol=1e-4)
    np.testing.assert_allclose(stats[:, 1], x.std(axis=0), rtol=1e-4)
    np.testing.assert_allclose(stats[:, 2], x.min(axis=0))
    np.testing.assert_allclose(stats[:, 3], x.max(axis=0))
    assert run["plateau/predictions"].values[0][1] == pytest.approx(0.0, abs=1e-6)  # constant
    assert json.loads(run["plateau/config"].values[0].item()) == {"batch_size": 50}


def test_metadata_is_the_contract(tmp_path):
    writer = tf.summary.create_file_writer(str(tmp_path))
    with writer.as_default():
        plateau.activations([tf.constant([[0.0, 1.0], [0.0, 2.0]]), tf.constant([[0.995, 0.5]])],
                            ["relu", "sigmoid"], ["h", "o"], step=3)
    writer.close()
    from tensorboard.backend.event_processing import event_accumulator
    accumulator = event_accumulator.EventAccumulator(str(tmp_path))
    accumulator.Reload()
    meta = accumulator.SummaryMetadata("plateau/activation")
    assert meta.plugin_data.plugin_name == md.PLUGIN_NAME
    assert meta.data_class == md.summary_pb2.DATA_CLASS_TENSOR
    content = md.parse_plugin_metadata(meta.plugin_data.content)
    assert content["columns"] == list(md.ACTIVATION_COLUMNS)
    assert content["activations"] == ["relu", "sigmoid"]
    values = read_run(tmp_path)["plateau/activation"].values[0]
    np.testing.assert_allclose(values[0, :3], [0.5, np.nan, 0.75])
    np.testing.assert_allclose(values[1, :2], [0.0, 0.5])
    # Written with them: the share of each layer's units zero for every example (h's first
    # unit is; o has one unit, never zero).
    dead = read_run(tmp_path)["plateau/dead_units"]
    assert dead.content["names"] == ["h", "o"]
    np.testing.assert_allclose(dead.values[0], [0.5, 0.0])


def test_ops_inside_tf_function_respect_record_if(tmp_path):
    writer = tf.summary.create_file_writer(str(tmp_path))
    grads = [tf.constant([3.0, 4.0])]

    @tf.function
    def log(step):
        with writer.as_default(step=step):
            with tf.summary.record_if(step % 2 == 0):
                plateau.gradients(grads)
                plateau.targets(tf.constant([0.0, 1.0, 1.0, 1.0]), predictions=tf.zeros([4, 1]))
            plateau.loss(tf.cast(step, tf.float32))

    for step in range(1, 5):
        log(tf.constant(step, tf.int64))
    writer.close()
    run = read_run(tmp_path)
    assert list(run["plateau/loss"].steps) == [1, 2, 3, 4]
    assert list(run["plateau/grad_global_norm"].steps) == [2, 4]
    assert run["plateau/grad_global_norm"].values[0] == pytest.approx(5.0)
    targets = dict(zip(md.TARGET_COLUMNS, run["plateau/targets"].values[0]))
    assert targets["distinct"] == 2 and targets["mean"] == pytest.approx(0.75)
    np.testing.assert_allclose(run["plateau/target_classes"].values[0], [0.25, 0.75])


def test_without_a_writer_nothing_happens():
    assert not bool(plateau.loss(1.0, step=1))
    assert not bool(plateau.gradients([tf.ones(3)], step=1))


def test_epoch_metrics_skip_non_numbers(tmp_path):
    writer = tf.summary.create_file_writer(str(tmp_path))
    with writer.as_default():
        plateau.epoch_metrics({"loss": 0.3, "val_loss": 0.4, "note": "text"}, step=10, epoch=0)
    writer.close()
    run = read_run(tmp_path)
    assert sorted(run) == ["plateau/epoch/epoch", "plateau/epoch/loss", "plateau/epoch/val_loss"]
    assert run["plateau/epoch/val_loss"].values[0] == pytest.approx(0.4)


def test_loss_block_writes_many_steps_as_one_event_eagerly_and_in_tf_function(tmp_path):
    losses = np.array([2.0, 1.5, 1.25, 1.0 + 1e-12], np.float64)
    writer = tf.summary.create_file_writer(str(tmp_path))

    @tf.function
    def compiled(steps, values):
        return plateau.loss_block(steps, values)

    with writer.as_default():
        assert bool(plateau.loss_block(np.arange(1, 5), losses))
        assert bool(compiled(tf.range(5, 9, dtype=tf.int64), tf.constant(losses * 2)))
        # Nothing to write is not an error and writes nothing.
        assert not bool(plateau.loss_block(np.zeros(0, np.int64), np.zeros(0)))
    writer.close()
    block = read_run(tmp_path)["plateau/loss_block"]
    assert [b.shape for b in block.blocks] == [(2, 4), (2, 4)]
    assert block.blocks[0].dtype == np.float64
    np.testing.assert_array_equal(block.steps, np.arange(1, 9))
    np.testing.assert_array_equal(block.values, np.concatenate([losses, losses * 2]))
    assert block.content == {"signal": "loss_block", "version": 2}
