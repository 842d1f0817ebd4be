"""MirroredStrategy on two logical CPUs: one writer, reduced gradients, no duplicate steps.

Logical devices must be configured before TensorFlow initialises, so the training runs in
a fresh Python process; this process only reads the event files back.
"""

import json
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from tests.tf_helpers import read_run

pytestmark = pytest.mark.tf

ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent

SCRIPT = textwrap.dedent("""
    import json, os, sys
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
    import tensorflow as tf
    cpu = tf.config.list_physical_devices("CPU")[0]
    tf.config.set_logical_device_configuration(
        cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
    import numpy as np, keras
    sys.path.insert(0, sys.argv[2])
    import tb_plateau

    out = sys.argv[1]
    strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
    assert strategy.num_replicas_in_sync == 2
    rng = np.random.default_rng(0)
    x = rng.normal(size=(128, 4)).astype("float32")
    y = (x[:, :1] * 2.0).astype("float32")

    def make():
        return keras.Sequential([
            keras.Input((4,)),
            keras.layers.Dense(3, activation="relu", kernel_initializer="ones"),
            keras.layers.Dense(1, kernel_initializer="ones")])

    # model.fit with the callback under the strategy.
    with strategy.scope():
        model = make()
        model.compile(keras.optimizers.SGD(0.01), "mse")
    model.fit(x, y, batch_size=32, epochs=2, verbose=0, shuffle=False, callbacks=[
        tb_plateau.PlateauCallback(os.path.join(out, "fit"), probe_data=(x[:16], y[:16]),
                                   diagnostics_every=1)])

    # Custom loop: log_step inside strategy.run inside a tf.function. lr = 0 keeps the
    # weights fixed so the reference below sees the same model.
    with strategy.scope():
        model2 = make()
        optimizer = keras.optimizers.SGD(0.0)
    logger = tb_plateau.PlateauLogger(os.path.join(out, "loop"), diagnostics_every=1)
    global_batch = 32

    @tf.function
    def train_step(batch, step):
        def replica(xb, yb):
            with tf.GradientTape() as tape:
                loss = tf.reduce_sum(tf.square(model2(xb, training=True) - yb)) / global_batch
            grads = tape.gradient(loss, model2.trainable_variables)
            optimizer.apply_gradients(zip(grads, model2.trainable_variables))
            logger.log_step(step, loss=loss, gradients=grads,
                            variables=model2.trainable_variables)
            return loss
        return strategy.run(replica, args=batch)

    dataset = tf.data.Dataset.from_tensor_slices((x, y)).batch(global_batch)
    for i, batch in enumerate(strategy.experimental_distribute_dataset(dataset)):
        train_step(batch, tf.constant(i + 1, tf.int64))
    logger.close()

    # Reference on one device: the gradient of the whole global batch's loss.
    reference = make()
    reference.set_weights([w.numpy() for w in model2.weights])
    norms, losses = [], []
    for i in range(4):
        xb, yb = x[i * 32:(i + 1) * 32], y[i * 32:(i + 1) * 32]
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(tf.square(reference(xb) - yb)) / global_batch
        grads = tape.gradient(loss, reference.trainable_variables)
        norms.append(float(tf.linalg.global_norm(grads)))
        losses.append(float(loss))
    with open(os.path.join(out, "reference.json"), "w") as f:
        json.dump({"global_norms": norms, "losses": losses}, f)
""")


@pytest.fixture(scope="module")
def distributed_runs(tmp_path_factory):
    out = tmp_path_factory.mktemp("mirrored")
    script = out / "train.py"
    script.write_text(SCRIPT)
    done = subprocess.run([sys.executable, str(script), str(out), str(ROOT)],
                          capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-3000:]
    return out


def test_fit_under_mirrored_strategy_writes_each_step_once(distributed_runs):
    run = read_run(distributed_runs / "fit")
    loss = run["plateau/loss_block"]
    # 128 examples / batch 32 = 4 steps per epoch, 2 epochs; no replica writes twice.
    assert list(loss.steps) == list(range(1, 9))
    assert list(run["plateau/grad_global_norm"].steps) == list(range(1, 9))
    assert np.all(np.isfinite(run["plateau/grad_global_norm"].values))
    assert list(run["plateau/epoch/loss"].steps) == [4, 8]
    # Each step's loss is the global batch's (both replicas' halves), so with 4 equal batches
    # an epoch's mean of them is the epoch loss Keras reports.
    epoch_means = np.asarray(loss.values).reshape(2, 4).mean(axis=1)
    np.testing.assert_allclose(epoch_means, run["plateau/epoch/loss"].values, rtol=1e-5)


def test_custom_loop_under_mirrored_strategy_logs_reduced_gradients(distributed_runs):
    run = read_run(distributed_runs / "loop")
    reference = json.loads((distributed_runs / "reference.json").read_text())
    grad = run["plateau/grad_global_norm"]
    assert list(grad.steps) == [1, 2, 3, 4]  # no duplicates from the second replica
    # Each replica sees half the batch; only the sum over replicas equals the full gradient.
    np.testing.assert_allclose(grad.values, reference["global_norms"], rtol=1e-4)
    np.testing.assert_allclose(run["plateau/loss_block"].values, reference["losses"], rtol=1e-4)
    assert list(run["plateau/update_ratio"].steps) == [2, 3, 4]
