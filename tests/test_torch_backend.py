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
import os
import sys

import numpy as np
import pytest


# --- the subprocess: trainings on PyTorch and what they should log ----------------------------

def train_and_expect(out_dir):
    os.environ["KERAS_BACKEND"] = "torch"
    import random

    import tb_plateau  # first: nothing of ours may import TensorFlow

    import keras
    import torch

    from tests.backend_runs import data, record_weights, save, step_values, train_spirals

    random.seed(0)
    np.random.seed(0)
    torch.manual_seed(0)
    results = {}

    def mlp():
        return keras.Sequential([
            keras.Input((4,)),
            keras.layers.Dense(6, activation="relu", name="hidden",
                               kernel_initializer=keras.initializers.GlorotUniform(seed=1)),
            keras.layers.Dense(1, activation="sigmoid", name="out",
                               kernel_initializer=keras.initializers.GlorotUniform(seed=2)),
        ])

    def tensors(arrays, grad=False):
        return [torch.tensor(np.asarray(a), dtype=torch.float32, requires_grad=grad)
                for a in arrays]

    def forward(weights, x):
        w1, b1, w2, b2 = weights
        hidden = torch.clamp(torch.as_tensor(x) @ w1 + b1, min=0.0)
        return hidden, torch.sigmoid(hidden @ w2 + b2)

    def bce(weights, x, y):
        # Keras's binary cross-entropy on probabilities clips them to [1e-7, 1 - 1e-7].
        p = torch.clamp(forward(weights, x)[1], 1e-7, 1 - 1e-7)
        y = torch.as_tensor(y)
        return torch.mean(-(y * torch.log(p) + (1 - y) * torch.log(1 - p)))

    def run(name):
        return os.path.join(out_dir, name)

    # Learning (Adam 0.05): each batch's loss, the probe's gradients, weights, activations.
    x, y = data(96)
    probe = (x[:16], y[:16])
    model = mlp()
    model.compile(keras.optimizers.Adam(0.05), "binary_crossentropy")
    record = record_weights()
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
            batch_loss = bce(tensors(before), x[batch], y[batch])
        steps[s] = step_values(w, before, grads, hidden, out, batch_loss, probe_loss.detach())
    results["exact"] = {
        "steps": steps, "history_keys": sorted(history.history),
        "restored": not hasattr(model.train_function, "_plateau_recorders"),
        # The model trains on without the callback.
        "loss_after": model.fit(x, y, batch_size=16, epochs=1, verbose=0).history["loss"][0],
    }
    train_spirals(run)
    save(out_dir, results)


if __name__ == "__main__":
    train_and_expect(sys.argv[1])
    sys.exit(0)


# --- the tests ------------------------------------------------------------------------------

from tests.backend_runs import (check_config, check_exact_run, check_spirals_report,  # noqa: E402
                                read, trained)

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
needs_torch = pytest.mark.skipif(importlib.util.find_spec("torch") is None,
                                 reason="torch is not installed (CI installs the CPU build)")


@pytest.fixture(scope="module")
def torch_runs(tmp_path_factory):
    """(logdir, expected) of the PyTorch trainings, run once for the module."""
    return trained(__file__, "torch", tmp_path_factory.mktemp("torch_runs"))


@needs_torch
def test_nothing_imports_tensorflow_on_torch(torch_runs):
    _, expected = torch_runs
    assert expected["tensorflow_imported"] == []


@needs_torch
def test_batch_loss_gradients_weights_and_activations_match_independent_values(torch_runs):
    logdir, expected = torch_runs
    check_exact_run(read(logdir, "exact"), expected["exact"]["steps"])


@needs_torch
def test_config_names_the_backend_and_keras_sees_no_extra_logs(torch_runs):
    logdir, expected = torch_runs
    check_config(read(logdir, "exact"), expected, "torch")


@needs_torch
def test_report_finds_the_stall_of_a_broken_run_and_nothing_in_a_healthy_one(torch_runs,
                                                                              capsys):
    check_spirals_report(torch_runs[0], capsys)


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
    # The first update and every fourth (no update ratio at step 1: no weights kept before).
    assert grad.content["names"] == ["0", "2"] and list(grad.steps) == [1, 4, 8]
    assert list(run["plateau/update_ratio"].steps) == [4, 8]
    np.testing.assert_allclose(grad.at(1), [norm(seen[1][1][:2]), norm(seen[1][1][2:])],
                               rtol=1e-5)
    for step in (4, 8):
        _, grads, before, after = seen[step]
        np.testing.assert_allclose(grad.at(step), [norm(grads[:2]), norm(grads[2:])],
                                   rtol=1e-5)
        np.testing.assert_allclose(run["plateau/weight_norm"].at(step), [
            norm([after["0.weight"], after["0.bias"]]),
            norm([after["2.weight"], after["2.bias"]])], rtol=1e-5)
        np.testing.assert_allclose(run["plateau/weight_mean"].at(step), [
            np.concatenate([np.ravel(after[f"{m}.{k}"]) for k in ("weight", "bias")]).mean()
            for m in (0, 2)], rtol=1e-4, atol=1e-7)
        np.testing.assert_allclose(run["plateau/update_ratio"].at(step), [
            norm([after[f"{m}.{k}"] - before[f"{m}.{k}"] for k in ("weight", "bias")])
            / norm([before[f"{m}.{k}"] for k in ("weight", "bias")]) for m in (0, 2)],
            rtol=1e-4)
