"""PlateauLogger in custom GradientTape loops, eager and in tf.function."""

import os

import numpy as np
import pytest

from tests.tf_helpers import config_of, read_run

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
keras = pytest.importorskip("keras")
tf = pytest.importorskip("tensorflow")

import tb_plateau  # noqa: E402

pytestmark = pytest.mark.tf


def problem(n=64, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 3)).astype("float32")
    y = (x @ np.array([[1.0], [-2.0], [0.5]], "float32")).astype("float32")
    return x, y


def model(seed=0):
    keras.utils.set_random_seed(seed)
    return keras.Sequential([keras.Input((3,)), keras.layers.Dense(4, activation="tanh", name="h"),
                             keras.layers.Dense(1, name="o")])


def layer_norm(arrays):
    return float(np.sqrt(sum(np.sum(np.square(a, dtype=np.float64)) for a in arrays)))


def train(log_dir, compiled, steps=8, every=4):
    x, y = problem()
    net = model()
    optimizer = keras.optimizers.SGD(0.1)
    logger = tb_plateau.PlateauLogger(log_dir, diagnostics_every=every)
    seen = {}

    def step_fn(xb, yb, step):
        with tf.GradientTape() as tape:
            pred = net(xb, training=True)
            loss = tf.reduce_mean(tf.square(pred - yb))
        grads = tape.gradient(loss, net.trainable_variables)
        optimizer.apply_gradients(zip(grads, net.trainable_variables))
        logger.log_step(step, loss=loss, gradients=grads, variables=net.trainable_variables,
                        inputs=xb, targets=yb, predictions=pred,
                        learning_rate=optimizer.learning_rate)
        return loss, grads

    if compiled:
        step_fn = tf.function(step_fn)
    for step in range(1, steps + 1):
        xb, yb = x[(step % 4) * 16:][:16], y[(step % 4) * 16:][:16]
        before = [v.numpy().copy() for v in net.trainable_variables]
        loss, grads = step_fn(tf.constant(xb), tf.constant(yb),
                              tf.constant(step, tf.int64) if compiled else step)
        seen[step] = {"loss": float(loss), "grads": [g.numpy() for g in grads], "before": before,
                      "after": [v.numpy().copy() for v in net.trainable_variables], "x": xb}
    logger.close()
    return seen


@pytest.mark.parametrize("compiled", [False, True], ids=["eager", "tf.function"])
def test_custom_loop_signals_match_independent_values(tmp_path, compiled):
    seen = train(tmp_path, compiled)
    run = read_run(tmp_path)
    assert list(run["plateau/loss_block"].steps) == list(range(1, 9))
    np.testing.assert_allclose(run["plateau/loss_block"].values, [seen[s]["loss"] for s in range(1, 9)],
                               rtol=1e-6)
    np.testing.assert_allclose(run["plateau/learning_rate"].values, 0.1, rtol=1e-6)
    grad = run["plateau/grad_norm"]
    assert list(grad.steps) == [4, 8] and grad.content["names"] == ["h", "o"]
    for step in (4, 8):
        grads = seen[step]["grads"]
        np.testing.assert_allclose(grad.at(step), [layer_norm(grads[:2]), layer_norm(grads[2:])],
                                   rtol=1e-5)
        before, after = seen[step]["before"], seen[step]["after"]
        ratios = [layer_norm([a - b for a, b in zip(after[i:i + 2], before[i:i + 2])])
                  / layer_norm(before[i:i + 2]) for i in (0, 2)]
        np.testing.assert_allclose(run["plateau/update_ratio"].at(step), ratios, rtol=1e-4)
        inputs = run["plateau/inputs"]
        assert inputs.content["source"] == "batch"
        np.testing.assert_allclose(inputs.at(step)[:, 0], seen[step]["x"].mean(axis=0), atol=1e-6)
    assert "plateau/target_classes" not in run  # real-valued regression targets


def test_resumed_logger_never_goes_backwards(tmp_path):
    train(tmp_path, compiled=False, steps=6)
    train(tmp_path, compiled=False, steps=6)  # a restarted loop counting from 1 again
    steps = read_run(tmp_path)["plateau/loss_block"].steps
    assert list(steps) == list(range(1, 13))


def test_logger_config_and_class_labels(tmp_path):
    x = np.random.default_rng(0).normal(size=(30, 3)).astype("float32")
    labels = np.array([0, 1, 1, 2, 2, 2] * 5)
    net = keras.Sequential([keras.Input((3,)), keras.layers.Dense(3)])
    with tb_plateau.PlateauLogger(tmp_path, diagnostics_every=1) as logger:
        logger.log_config(net, loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                          optimizer=keras.optimizers.Adam(), batch_size=30)
        logits = net(x)
        logger.log_step(1, loss=1.0, targets=labels, predictions=logits)
    run = read_run(tmp_path)
    config = config_of(run)
    assert config["loss"]["from_logits"] is True
    assert config["loss"]["class"] == "SparseCategoricalCrossentropy"
    assert config["batch_size"] == 30 and config["output_units"] == 3
    np.testing.assert_allclose(run["plateau/target_classes"].values[0], [1 / 6, 2 / 6, 3 / 6],
                               rtol=1e-6)


def test_bad_values_and_bad_directory_do_not_raise(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.warns(RuntimeWarning, match="cannot write"):
        dead = tb_plateau.PlateauLogger(blocker / "run")
    assert dead.log_step(1, loss=1.0) is False
    logger = tb_plateau.PlateauLogger(tmp_path / "ok", diagnostics_every=1)
    x = np.array([[1.0, np.nan], [2.0, np.inf]], "float32")
    assert logger.log_step(1, loss=float("nan"), inputs=x, gradients=[], variables=[])
    with pytest.warns(RuntimeWarning, match="log_step could not write"):
        # Gradients and variables that do not pair up: a warning, not an exception.
        assert logger.log_step(2, loss=1.0, gradients=[tf.ones([2])], variables=[]) is False
    logger.close()
    run = read_run(tmp_path / "ok")
    assert np.isnan(run["plateau/loss_block"].values[0])
    inputs = run["plateau/inputs"].values[0]
    np.testing.assert_array_equal(inputs[:, 4], [0, 2])


@pytest.mark.parametrize("compiled", [False, True], ids=["eager", "tf.function"])
def test_long_loop_writes_the_loss_in_blocks_of_256_steps(tmp_path, compiled):
    # 600 steps: two full blocks written by log_step itself (inside the compiled step when
    # compiled), the 88 left over by log_epoch, then 12 more by close. Every step's loss once.
    logger = tb_plateau.PlateauLogger(tmp_path, diagnostics_every=1000)
    losses = np.random.default_rng(0).uniform(0.5, 2.0, 700).astype("float32")

    def log(step, loss):
        return logger.log_step(step, loss=loss)

    if compiled:
        log = tf.function(log)
    for step in range(1, 601):
        log(tf.constant(step, tf.int64), tf.constant(losses[step - 1]))
    logger.log_epoch(600, val_loss=1.0)
    for step in range(601, 613):
        log(tf.constant(step, tf.int64), tf.constant(losses[step - 1]))
    logger.close()
    block = read_run(tmp_path)["plateau/loss_block"]
    assert [b.shape[1] for b in block.blocks] == [256, 256, 88, 12]
    np.testing.assert_array_equal(block.steps, np.arange(1, 613))
    np.testing.assert_allclose(block.values, losses[:612], rtol=1e-7)
