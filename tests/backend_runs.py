"""What tests/test_jax_backend.py and tests/test_torch_backend.py share.

Keras fixes its backend when first imported, so each of those files trains in a subprocess
with KERAS_BACKEND set (its `__main__` part). The first half here runs in that subprocess,
after the backend is chosen: the data, the weights Keras reports around each step, the
values a run should hold computed independently of tb_plateau, and the demo's healthy and
broken spirals runs. The second half runs in pytest: start the subprocess, read a run back
with TensorBoard's own loader, and the assertions both backends must pass.
"""

import json
import os
import subprocess
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# --- in the subprocess ---------------------------------------------------------------------

def data(n, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 4)).astype("float32")
    return x, (x[:, 0] + 0.5 * x[:, 1] > 0).astype("float32")[:, None]


def norm(arrays):
    return float(np.sqrt(sum(np.sum(np.square(np.asarray(a, np.float64))) for a in arrays)))


def record_weights():
    """A Keras callback keeping the weights before each step and at the end (`before`,
    `final`), through Keras's own API."""
    import keras

    to_numpy = keras.ops.convert_to_numpy

    class RecordWeights(keras.callbacks.Callback):
        def on_train_begin(self, logs=None):
            self.before = []

        def on_train_batch_begin(self, batch, logs=None):
            self.before.append([to_numpy(v) for v in self.model.trainable_variables])

        def on_train_end(self, logs=None):
            self.final = [to_numpy(v) for v in self.model.trainable_variables]

    return RecordWeights()


def step_values(weights, before, grads, hidden, out, batch_loss, probe_loss):
    """What the run's diagnostic at a step should hold, for the two-layer MLP (hidden relu,
    sigmoid out): `weights` after the step, `before` it, the probe's `grads`, its `hidden`
    and `out` outputs, numpy."""
    return {
        "loss": float(batch_loss),
        "grad_norm": [norm(grads[:2]), norm(grads[2:])],
        "grad_global_norm": norm(grads),
        "weight_norm": [norm(weights[:2]), norm(weights[2:])],
        "update_ratio": [norm([a - b for a, b in zip(weights[i:i + 2], before[i:i + 2])])
                         / norm(before[i:i + 2]) for i in (0, 2)],
        "zero_fraction": float(np.mean(hidden == 0)),
        "hidden_mean": float(np.mean(hidden)),
        "saturated": float(np.mean((out < 0.01) | (out > 0.99))),
        "prediction_std": float(np.std(out)),
        "probe_loss": float(probe_loss),
    }


def train_spirals(run):
    """The demo's spirals MLP, healthy (Adam 3e-3) and broken (SGD at 1e-7 moves nothing),
    into run("healthy") and run("broken"), with the live stall check on (its default)."""
    import keras

    import tb_plateau
    from demo import data as demo_data

    for name, optimizer, epochs, batch in (("healthy", keras.optimizers.Adam(3e-3), 12, 64),
                                           ("broken", keras.optimizers.SGD(1e-7), 10, 32)):
        x, y = demo_data.spirals(1536 + 128, arms=3, seed=11, turns=1.0)
        model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(64, activation="relu"),
                                  keras.layers.Dense(64, activation="relu"),
                                  keras.layers.Dense(3, activation="softmax")])
        model.compile(optimizer, "sparse_categorical_crossentropy")
        model.fit(x[:-128], y[:-128], batch_size=batch, epochs=epochs, verbose=0, callbacks=[
            tb_plateau.PlateauCallback(run(name), probe_data=(x[-128:], y[-128:]))])


def save(out_dir, results):
    """Write `results` with the TensorFlow modules imported so far (there should be none)."""
    results["tensorflow_imported"] = sorted(m for m in sys.modules
                                            if m == "tensorflow" or m.startswith("tensorflow."))
    with open(os.path.join(out_dir, "expected.json"), "w") as f:
        json.dump(results, f)


# --- in pytest -----------------------------------------------------------------------------

def trained(test_file, backend, out):
    """Run `test_file`'s trainings in a subprocess on Keras's `backend` into `out`; returns
    (out, what they should hold)."""
    env = dict(os.environ, KERAS_BACKEND=backend, TF_CPP_MIN_LOG_LEVEL="2",
               PYTHONPATH=os.pathsep.join([ROOT, os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, os.path.abspath(test_file), str(out)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-5000:]
    with open(out / "expected.json") as f:
        return out, json.load(f)


def read(logdir, name):
    from tests.tf_helpers import read_run

    return read_run(logdir / name)


def check_exact_run(run, steps):
    """The "exact" run (Adam 0.05, six steps of 16, diagnostics every 2): each batch's own
    loss, and the probe's gradients, weights, update ratios, activations and loss at each
    diagnostic, against the independent values."""
    loss = run["plateau/loss_block"]
    assert list(loss.steps) == list(range(1, 7))
    # Each batch's own loss (computed from the weights before its step), not the running
    # mean Keras reports in its batch logs.
    np.testing.assert_allclose(loss.values, [steps[str(s)]["loss"] for s in range(1, 7)],
                               rtol=1e-5)
    assert abs(loss.values[-1] - np.mean(loss.values)) > 1e-3
    grad = run["plateau/grad_norm"]
    assert grad.content["names"] == ["hidden", "out"]
    assert list(grad.steps) == [1, 2, 4, 6]  # the first step, then every 2
    for step in (1, 2, 4, 6):
        want = steps[str(step)]
        np.testing.assert_allclose(grad.at(step), want["grad_norm"], rtol=1e-4)
        np.testing.assert_allclose(run["plateau/grad_global_norm"].at(step),
                                   want["grad_global_norm"], rtol=1e-4)
        assert run["plateau/grad_nonfinite"].at(step) == 0
        np.testing.assert_allclose(run["plateau/weight_norm"].at(step), want["weight_norm"],
                                   rtol=1e-5)
        np.testing.assert_allclose(run["plateau/update_ratio"].at(step), want["update_ratio"],
                                   rtol=1e-3)
        activation = dict(zip(run["plateau/activation"].content["columns"],
                              run["plateau/activation"].at(step).T))
        np.testing.assert_allclose(activation["zero_fraction"][0], want["zero_fraction"])
        np.testing.assert_allclose(activation["mean"][0], want["hidden_mean"], rtol=1e-5)
        assert np.isnan(activation["saturated_fraction"][0])  # not applicable to relu
        np.testing.assert_allclose(activation["saturated_fraction"][1], want["saturated"])
        predictions = dict(zip(run["plateau/predictions"].content["columns"],
                               run["plateau/predictions"].at(step)))
        np.testing.assert_allclose(predictions["std_across_batch"], want["prediction_std"],
                                   rtol=1e-4)
        np.testing.assert_allclose(run["plateau/probe_loss"].at(step), want["probe_loss"],
                                   rtol=1e-4)
    assert run["plateau/activation"].content["activations"] == ["relu", "sigmoid"]
    assert run["plateau/inputs"].content["source"] == "probe"
    assert run["plateau/target_classes"].content["names"] == ["0", "1"]
    # The learning rate is written at the first step and at every diagnostic step.
    assert list(run["plateau/learning_rate"].steps) == [1, 2, 4, 6]
    np.testing.assert_allclose(run["plateau/learning_rate"].values, 0.05, rtol=1e-6)


def check_config(run, expected, backend):
    """The run's configuration names the backend, and Keras saw none of the callback's rows."""
    from tests.tf_helpers import config_of

    config = config_of(run)
    assert config["backend"] == backend and config["backend_version"]
    assert "tensorflow_version" not in config
    assert config["loss"]["name"] == "binary_crossentropy"
    assert config["output_activation"] == "sigmoid" and config["batch_size"] == 16
    assert [layer["name"] for layer in config["layers"]] == ["hidden", "out"]
    assert config["probe"]["tapped_layers"] == ["hidden", "out"]
    # The row the train step returns never reaches the progress bar or History, and the
    # model gets its own train function back.
    assert expected["exact"]["history_keys"] == ["loss"]
    assert expected["exact"]["restored"] and np.isfinite(expected["exact"]["loss_after"])


def check_spirals_report(logdir, capsys):
    """`tb-plateau report` finds the broken spirals run's stall (learning rate too low), which
    the live check also said when fit returned, and nothing in the healthy one."""
    from tb_plateau import cli

    code = cli.main(["report", str(logdir), "--run", "^(broken|healthy)$", "--format", "json"])
    runs = {r["run"]: r for r in json.loads(capsys.readouterr().out)["runs"]}
    assert code == cli.EXIT_PROBLEM
    assert runs["healthy"]["verdict"] == "healthy" and not runs["healthy"]["intervals"]
    broken = runs["broken"]
    assert broken["verdict"] == "stalled"
    assert broken["intervals"][0]["causes"][0]["id"] == "learning_rate_too_low"
    assert broken["alerts"] and broken["alerts"][0]["kind"] == "stall"
    assert "tb_plateau/alert" in read(logdir, "broken")
