"""PlateauCallback on Keras's PyTorch backend, without TensorFlow.

Keras fixes its backend when first imported, so the trainings run in one subprocess with
KERAS_BACKEND=torch: this file's `__main__` part (`train_and_expect`). It trains tiny models
with PlateauCallback, computes what each run should hold independently of tb_plateau (a
hand-written forward pass in torch, the weights Keras reports before each step,
`torch.autograd.grad`), and says whether anything imported TensorFlow (installed here, so
that is checked in sys.modules). The tests read the runs back with TensorBoard's own loader
and `tb-plateau report`.

PyPI's torch is a CUDA build of several GB; CI installs the CPU build (`.ci/run`). Without
torch the tests are skipped.
"""

import importlib.util
import json
import os
import subprocess
import sys

import numpy as np
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# --- the subprocess: trainings on PyTorch and what they should log ----------------------------

def train_and_expect(out_dir):
    os.environ["KERAS_BACKEND"] = "torch"
    import random

    import tb_plateau  # first: nothing of ours may import TensorFlow

    import keras
    import torch

    random.seed(0)
    np.random.seed(0)
    torch.manual_seed(0)

    results = {}
    to_numpy = keras.ops.convert_to_numpy

    def data(n, seed=0):
        rng = np.random.default_rng(seed)
        x = rng.normal(size=(n, 4)).astype("float32")
        return x, (x[:, 0] + 0.5 * x[:, 1] > 0).astype("float32")[:, None]

    def mlp():
        return keras.Sequential([
            keras.Input((4,)),
            keras.layers.Dense(6, activation="relu", name="hidden",
                               kernel_initializer=keras.initializers.GlorotUniform(seed=1)),
            keras.layers.Dense(1, activation="sigmoid", name="out",
                               kernel_initializer=keras.initializers.GlorotUniform(seed=2)),
        ])

    def forward(weights, x):
        w1, b1, w2, b2 = weights
        hidden = torch.clamp(torch.as_tensor(x) @ w1 + b1, min=0.0)
        return hidden, torch.sigmoid(hidden @ w2 + b2)

    def bce(weights, x, y):
        # Keras's binary cross-entropy on probabilities clips them to [1e-7, 1 - 1e-7].
        p = torch.clamp(forward(weights, x)[1], 1e-7, 1 - 1e-7)
        y = torch.as_tensor(y)
        return torch.mean(-(y * torch.log(p) + (1 - y) * torch.log(1 - p)))

    def tensors(arrays, grad=False):
        return [torch.tensor(np.asarray(a), dtype=torch.float32, requires_grad=grad)
                for a in arrays]

    def norm(arrays):
        return float(np.sqrt(sum(np.sum(np.square(np.asarray(a, np.float64))) for a in arrays)))

    class RecordWeights(keras.callbacks.Callback):
        """The weights before each step and at the end, through Keras's own API."""

        def on_train_begin(self, logs=None):
            self.before = []

        def on_train_batch_begin(self, batch, logs=None):
            self.before.append([to_numpy(v) for v in self.model.trainable_variables])

        def on_train_end(self, logs=None):
            self.final = [to_numpy(v) for v in self.model.trainable_variables]

    def run(name):
        return os.path.join(out_dir, name)

    # Learning (Adam 0.05): each batch's loss, the probe's gradients, weights, activations.
    x, y = data(96)
    probe = (x[:16], y[:16])
    model = mlp()
    model.compile(keras.optimizers.Adam(0.05), "binary_crossentropy")
    record = RecordWeights()
    history = model.fit(x, y, batch_size=16, epochs=1, shuffle=False, verbose=0, callbacks=[
        record, tb_plateau.PlateauCallback(run("exact"), probe_data=probe, diagnostics_every=2,
                                           on_stall=None)])
    after = record.before[1:] + [record.final]  # after step s = before step s + 1
    steps = {}
    for s in range(1, 7):
        w, before = after[s - 1], record.before[s - 1]
        variables = tensors(w, grad=True)
        probe_loss = bce(variables, probe[0], probe[1])
        grads = [g.numpy() for g in torch.autograd.grad(probe_loss, variables)]
        with torch.no_grad():
            hidden, out = (t.numpy() for t in forward(tensors(w), probe[0]))
        batch = slice((s - 1) * 16, s * 16)
        steps[s] = {
            "loss": float(bce(tensors(before), x[batch], y[batch])),
            "grad_norm": [norm(grads[:2]), norm(grads[2:])],
            "grad_global_norm": norm(grads),
            "weight_norm": [norm(w[:2]), norm(w[2:])],
            "update_ratio": [norm([a - b for a, b in zip(w[i:i + 2], before[i:i + 2])])
                             / norm(before[i:i + 2]) for i in (0, 2)],
            "zero_fraction": float(np.mean(hidden == 0)),
            "hidden_mean": float(np.mean(hidden)),
            "saturated": float(np.mean((out < 0.01) | (out > 0.99))),
            "probe_loss": float(probe_loss),
        }
    results["exact"] = {
        "steps": steps, "history_keys": sorted(history.history),
        "restored": not hasattr(model.train_function, "_plateau_recorders"),
        # The model trains on without the callback.
        "loss_after": model.fit(x, y, batch_size=16, epochs=1, verbose=0).history["loss"][0],
    }

    # The demo's spirals MLP, healthy (Adam 3e-3) and broken (SGD at 1e-7 moves nothing),
    # with the live stall check on (its default).
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

    results["tensorflow_imported"] = sorted(m for m in sys.modules
                                            if m == "tensorflow" or m.startswith("tensorflow."))
    with open(os.path.join(out_dir, "expected.json"), "w") as f:
        json.dump(results, f)


if __name__ == "__main__":
    train_and_expect(sys.argv[1])
    sys.exit(0)


# --- the tests ------------------------------------------------------------------------------

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
needs_torch = pytest.mark.skipif(importlib.util.find_spec("torch") is None,
                                 reason="torch is not installed (CI installs the CPU build)")


@pytest.fixture(scope="module")
def torch_runs(tmp_path_factory):
    """(logdir, expected) of the PyTorch trainings, run once for the module."""
    out = tmp_path_factory.mktemp("torch_runs")
    env = dict(os.environ, KERAS_BACKEND="torch", TF_CPP_MIN_LOG_LEVEL="2",
               PYTHONPATH=os.pathsep.join([ROOT, os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, os.path.abspath(__file__), str(out)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-5000:]
    with open(out / "expected.json") as f:
        return out, json.load(f)


def read(logdir, name):
    from tests.tf_helpers import read_run

    return read_run(logdir / name)


@needs_torch
def test_nothing_imports_tensorflow_on_torch(torch_runs):
    _, expected = torch_runs
    assert expected["tensorflow_imported"] == []


@needs_torch
def test_batch_loss_gradients_weights_and_activations_match_independent_values(torch_runs):
    logdir, expected = torch_runs
    run, steps = read(logdir, "exact"), expected["exact"]["steps"]
    loss = run["plateau/loss_block"]
    assert list(loss.steps) == list(range(1, 7))
    # Each batch's own loss (from the weights before its step), not Keras's running mean.
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
        np.testing.assert_allclose(activation["saturated_fraction"][1], want["saturated"])
        np.testing.assert_allclose(run["plateau/probe_loss"].at(step), want["probe_loss"],
                                   rtol=1e-4)
    assert run["plateau/activation"].content["activations"] == ["relu", "sigmoid"]
    assert list(run["plateau/learning_rate"].steps) == [1, 2, 4, 6]
    np.testing.assert_allclose(run["plateau/learning_rate"].values, 0.05, rtol=1e-6)


@needs_torch
def test_config_names_the_backend_and_keras_sees_no_extra_logs(torch_runs):
    from tests.tf_helpers import config_of

    logdir, expected = torch_runs
    config = config_of(read(logdir, "exact"))
    assert config["backend"] == "torch" and config["backend_version"]
    assert "tensorflow_version" not in config
    assert config["output_activation"] == "sigmoid" and config["batch_size"] == 16
    assert config["probe"]["tapped_layers"] == ["hidden", "out"]
    assert expected["exact"]["history_keys"] == ["loss"]
    assert expected["exact"]["restored"] and np.isfinite(expected["exact"]["loss_after"])


@needs_torch
def test_report_finds_the_stall_of_a_broken_run_and_nothing_in_a_healthy_one(torch_runs,
                                                                              capsys):
    from tb_plateau import cli

    logdir, _ = torch_runs
    code = cli.main(["report", str(logdir), "--run", "^(broken|healthy)$", "--format", "json"])
    runs = {r["run"]: r for r in json.loads(capsys.readouterr().out)["runs"]}
    assert code == cli.EXIT_PROBLEM
    assert runs["healthy"]["verdict"] == "healthy" and not runs["healthy"]["intervals"]
    broken = runs["broken"]
    assert broken["verdict"] == "stalled"
    assert broken["intervals"][0]["causes"][0]["id"] == "learning_rate_too_low"
    assert broken["alerts"] and broken["alerts"][0]["kind"] == "stall"


# --- PlateauLogger (TensorFlow writes) given a plain PyTorch loop ------------------------------

@needs_torch
def test_logger_takes_a_pytorch_loop_named_parameters_and_tensors(tmp_path):
    """A plain PyTorch training loop (no Keras): `model.named_parameters()` names the layers
    by module ("0.weight" and "0.bias" are layer "0"), and tensors that require grad are
    copied to the host."""
    pytest.importorskip("tensorflow")
    import torch

    import tb_plateau
    from tests.tf_helpers import read_run

    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    x = torch.tensor(rng.normal(size=(64, 3)), dtype=torch.float32)
    y = x @ torch.tensor([[1.0], [-2.0], [0.5]])
    model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Tanh(), torch.nn.Linear(4, 1))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

    def norm(arrays):
        return float(np.sqrt(sum(np.sum(np.square(np.asarray(a, np.float64))) for a in arrays)))

    seen = {}
    with tb_plateau.PlateauLogger(tmp_path / "torch", diagnostics_every=4, on_stall=None) as log:
        for step in range(1, 9):
            xb, yb = x[(step % 4) * 16:][:16], y[(step % 4) * 16:][:16]
            before = {n: p.detach().clone().numpy() for n, p in model.named_parameters()}
            optimizer.zero_grad()
            prediction = model(xb)
            loss = torch.mean((prediction - yb) ** 2)
            loss.backward()
            optimizer.step()
            grads = [p.grad for p in model.parameters()]
            log.log_step(step, loss=loss, gradients=grads, variables=model.named_parameters(),
                         inputs=xb, targets=yb, predictions=prediction, learning_rate=0.1)
            after = {n: p.detach().clone().numpy() for n, p in model.named_parameters()}
            seen[step] = (float(loss.detach()), [g.clone().numpy() for g in grads], before, after)
    run = read_run(tmp_path / "torch")
    np.testing.assert_allclose(run["plateau/loss_block"].values,
                               [seen[s][0] for s in range(1, 9)], rtol=1e-6)
    grad = run["plateau/grad_norm"]
    assert grad.content["names"] == ["0", "2"] and list(grad.steps) == [4, 8]
    for step in (4, 8):
        _, grads, before, after = seen[step]
        np.testing.assert_allclose(grad.at(step), [norm(grads[:2]), norm(grads[2:])],
                                   rtol=1e-5)
        np.testing.assert_allclose(run["plateau/weight_norm"].at(step), [
            norm([after["0.weight"], after["0.bias"]]),
            norm([after["2.weight"], after["2.bias"]])], rtol=1e-5)
        np.testing.assert_allclose(run["plateau/update_ratio"].at(step), [
            norm([after[f"{m}.{k}"] - before[f"{m}.{k}"] for k in ("weight", "bias")])
            / norm([before[f"{m}.{k}"] for k in ("weight", "bias")]) for m in (0, 2)],
            rtol=1e-4)
