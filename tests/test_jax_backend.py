"""PlateauCallback on Keras's JAX backend, without TensorFlow; the numpy statistics and the
TensorFlow-free event writer it records with.

Keras fixes its backend when first imported, so the trainings run in one subprocess with
KERAS_BACKEND=jax: this file's `__main__` part (`train_and_expect`). It trains tiny models
with PlateauCallback, computes what each run should hold independently of tb_plateau (a
hand-written forward pass, the weights Keras reports before each step, `jax.grad`), and says
whether anything imported TensorFlow (installed here, so that is checked in sys.modules).
The tests read the runs back with TensorBoard's own loader and `tb-plateau report`.
"""

import importlib.util
import json
import os
import sys

import numpy as np
import pytest


# --- the subprocess: trainings on JAX and what they should log --------------------------------

def train_and_expect(out_dir):
    os.environ["KERAS_BACKEND"] = "jax"
    import random

    import tb_plateau  # first: nothing of ours may import TensorFlow

    import jax
    import jax.numpy as jnp
    import keras

    # Repeatable runs: what keras.utils.set_random_seed does, less seeding TensorFlow (which
    # it imports to do so). Keras draws its default seeds from Python's random.
    random.seed(0)
    np.random.seed(0)

    from tests.backend_runs import data, norm, record_weights, save, step_values, train_spirals

    results = {}
    to_numpy = keras.ops.convert_to_numpy

    def mlp():
        # Seeded initialisers: keras.utils.set_random_seed would import TensorFlow.
        return keras.Sequential([
            keras.Input((4,)),
            keras.layers.Dense(6, activation="relu", name="hidden",
                               kernel_initializer=keras.initializers.GlorotUniform(seed=1)),
            keras.layers.Dense(1, activation="sigmoid", name="out",
                               kernel_initializer=keras.initializers.GlorotUniform(seed=2)),
        ])

    def forward(weights, x):
        w1, b1, w2, b2 = weights
        hidden = jnp.maximum(x @ w1 + b1, 0.0)
        return hidden, jax.nn.sigmoid(hidden @ w2 + b2)

    def bce(weights, x, y):
        # Keras's binary cross-entropy on probabilities clips them to [1e-7, 1 - 1e-7].
        p = jnp.clip(forward(weights, x)[1], 1e-7, 1 - 1e-7)
        return jnp.mean(-(y * jnp.log(p) + (1 - y) * jnp.log(1 - p)))

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
        grads = jax.grad(bce)([jnp.asarray(a) for a in w], probe[0], probe[1])
        hidden, out = (np.asarray(a) for a in forward(w, probe[0]))
        batch = slice((s - 1) * 16, s * 16)
        steps[s] = step_values(w, before, grads, hidden, out, bce(before, x[batch], y[batch]),
                               bce(w, probe[0], probe[1]))
    # A second fit of the model with a new callback reuses its compiled probe.
    probe_function = model.__dict__["_tb_plateau_probe"][1]
    model.fit(x, y, batch_size=16, epochs=1, shuffle=False, verbose=0, callbacks=[
        tb_plateau.PlateauCallback(run("again"), probe_data=probe, diagnostics_every=2,
                                   on_stall=None)])
    results["probe_reused"] = model.__dict__["_tb_plateau_probe"][1] is probe_function and \
        probe_function._cache_size() == 1
    results["exact"] = {
        "steps": steps, "history_keys": sorted(history.history),
        "probe_positive_rate": float(np.mean(probe[1])),
        "restored": not hasattr(model.train_function, "_plateau_recorders"),
        # The model trains on without the callback.
        "loss_after": model.fit(x, y, batch_size=16, epochs=1, verbose=0).history["loss"][0],
    }

    # A schedule is evaluated where the optimizer evaluates it.
    x, y = data(64)
    model = mlp()
    schedule = keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=1, decay_rate=0.5)
    model.compile(keras.optimizers.SGD(schedule), "binary_crossentropy")
    model.fit(x, y, batch_size=16, epochs=1, verbose=0,
              callbacks=[tb_plateau.PlateauCallback(run("schedule"), on_stall=None)])

    # steps_per_execution=3 (lr 0 keeps the weights): every step's own loss.
    x, y = data(100)
    model = mlp()
    model.compile(keras.optimizers.SGD(0.0), "binary_crossentropy", steps_per_execution=3)
    model.fit(x, y, batch_size=16, epochs=1, shuffle=False, verbose=0, callbacks=[
        tb_plateau.PlateauCallback(run("spe"), diagnostics_every=1, on_stall=None)])
    weights = [to_numpy(v) for v in model.trainable_variables]
    results["spe"] = [float(bce(weights, x[i:i + 16], y[i:i + 16])) for i in range(0, 100, 16)]

    # A subclassed model: no layer taps, gradients all the same.
    class Net(keras.Model):
        def __init__(self):
            super().__init__()
            self.hidden = keras.layers.Dense(5, activation="relu")
            self.out = keras.layers.Dense(1, activation="sigmoid")

        def call(self, inputs):
            return self.out(self.hidden(inputs))

    x, y = data(64)
    model = Net()
    model.compile(keras.optimizers.SGD(0.0), "binary_crossentropy")
    model.fit(x, y, batch_size=16, epochs=1, verbose=0, callbacks=[
        tb_plateau.PlateauCallback(run("subclassed"), probe_data=(x, y), diagnostics_every=1,
                                   on_stall=None)])
    weights = [jnp.asarray(to_numpy(v)) for v in model.trainable_variables]
    results["subclassed"] = norm(jax.grad(bce)(weights, x, y))

    train_spirals(run)
    save(out_dir, results)


if __name__ == "__main__":
    train_and_expect(sys.argv[1])
    sys.exit(0)


# --- the tests ------------------------------------------------------------------------------

from tests.backend_runs import (check_config, check_exact_run, check_spirals_report,  # noqa: E402
                                read, trained)

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
needs_jax = pytest.mark.skipif(importlib.util.find_spec("jax") is None,
                               reason="jax is not installed")


@pytest.fixture(scope="module")
def jax_runs(tmp_path_factory):
    """(logdir, expected) of the JAX trainings, run once for the module."""
    return trained(__file__, "jax", tmp_path_factory.mktemp("jax_runs"))


@needs_jax
def test_nothing_imports_tensorflow_on_jax(jax_runs):
    _, expected = jax_runs
    assert expected["tensorflow_imported"] == []


@needs_jax
def test_batch_loss_gradients_weights_and_activations_match_independent_values(jax_runs):
    logdir, expected = jax_runs
    run = read(logdir, "exact")
    check_exact_run(run, expected["exact"]["steps"])
    # Constant outputs scored with the compiled loss (JAX arrays through keras.ops), once:
    # for binary cross-entropy the best constant is the probe's positive rate, its loss the
    # binary entropy of that rate, and a sigmoid reaches it.
    fit = run["plateau/constant_fit"]
    assert list(fit.steps) == [1]
    rate = expected["exact"]["probe_positive_rate"]
    entropy = -(rate * np.log(rate) + (1 - rate) * np.log(1 - rate))
    reachable_loss, reachable_output, best_loss, best_output = fit.values[0]
    assert best_output == pytest.approx(rate, abs=0.02)
    assert best_loss == pytest.approx(entropy, rel=1e-3)
    assert (reachable_loss, reachable_output) == pytest.approx((best_loss, best_output),
                                                               rel=1e-3)


@needs_jax
def test_a_later_callback_reuses_the_compiled_probe(jax_runs):
    logdir, expected = jax_runs
    assert expected["probe_reused"]
    assert list(read(logdir, "again")["plateau/grad_norm"].steps) == [7, 8, 10, 12]


@needs_jax
def test_config_names_the_backend_and_keras_sees_no_extra_logs(jax_runs):
    logdir, expected = jax_runs
    check_config(read(logdir, "exact"), expected, "jax")


@needs_jax
def test_learning_rate_schedule_is_evaluated_before_each_update(jax_runs):
    logdir, _ = jax_runs
    lr = read(logdir, "schedule")["plateau/learning_rate"]
    assert list(lr.steps) == [1, 2, 3, 4]
    # The update that ended at step s was made with schedule(s - 1).
    np.testing.assert_allclose(lr.values, [0.1 * 0.5 ** (s - 1) for s in lr.steps], rtol=1e-6)


@needs_jax
def test_every_step_is_logged_with_steps_per_execution(jax_runs):
    from tests.tf_helpers import config_of

    logdir, expected = jax_runs
    run = read(logdir, "spe")
    assert list(run["plateau/loss_block"].steps) == list(range(1, 8))
    np.testing.assert_allclose(run["plateau/loss_block"].values, expected["spe"], rtol=1e-5)
    # Diagnostics at execution boundaries only, without the weights before a single update.
    assert "plateau/update_ratio" not in run
    assert set(run["plateau/weight_norm"].steps) <= {1, 3, 6, 7}
    assert any("steps_per_execution" in note for note in config_of(run)["notes"])


@needs_jax
def test_subclassed_model_gets_gradients_without_activations(jax_runs):
    from tests.tf_helpers import config_of

    logdir, expected = jax_runs
    run = read(logdir, "subclassed")
    assert "plateau/activation" not in run
    assert run["plateau/grad_norm"].values.shape == (4, 2)
    np.testing.assert_allclose(run["plateau/grad_global_norm"].values, expected["subclassed"],
                               rtol=1e-4)  # lr 0: the same weights at every step
    assert any("subclassed" in note for note in config_of(run)["notes"])


@needs_jax
def test_report_finds_the_stall_of_a_broken_run_and_nothing_in_a_healthy_one(jax_runs,
                                                                              capsys):
    check_spirals_report(jax_runs[0], capsys)


# --- the numpy statistics: the same definitions as signals.py ---------------------------------

tf = None


def tensorflow():
    global tf
    if tf is None:
        tf = pytest.importorskip("tensorflow")
    return tf


def examples():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(40, 3, 5)).astype("float32")
    x[1, 2, 3], x[4, 0, 1] = np.nan, np.inf
    relu = np.maximum(rng.normal(size=(40, 7)), 0).astype("float32")
    relu[:, 2] = 0.0  # a dead unit
    sigmoid = (1 / (1 + np.exp(-4 * rng.normal(size=(40, 3))))).astype("float32")
    logits = rng.normal(size=(40, 4)) * 6
    softmax = (np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)).astype("float32")
    tanh = np.tanh(3 * rng.normal(size=(40, 5))).astype("float32")
    labels = rng.integers(0, 4, size=(40, 1)).astype("float32")
    onehot = np.eye(4, dtype="float32")[labels[:, 0].astype(int)]
    regression = rng.normal(size=(40,)).astype("float32") * 3 + 1
    return x, relu, sigmoid, softmax, tanh, labels, onehot, regression


def test_numpy_statistics_follow_their_definitions_and_equal_the_tensorflow_ones():
    from tb_plateau.record import np_signals as ns

    tf = tensorflow()
    from tb_plateau.record import signals as ts

    x, relu, sigmoid, softmax, tanh, labels, onehot, regression = examples()
    steep = np.tanh(20 * np.arctanh(np.clip(tanh, -0.999, 0.999))).astype("float32")
    steep[0, :2] = [1.0, -1.0]

    def pinned(v):
        margin = 1e-3 * (v.max() - v.min())
        return np.mean(((v <= v.min() + margin) | (v >= v.max() - margin)) & (v != 0))

    def same(numpy_value, tf_value, independent, rtol=1e-5):
        np.testing.assert_allclose(numpy_value, independent, rtol=rtol, atol=1e-6)
        np.testing.assert_allclose(numpy_value, np.asarray(tf_value), rtol=rtol, atol=1e-6)
        assert np.asarray(numpy_value).dtype == np.float32

    # Activations: zero fraction, saturated fraction by each activation's rule, mean, std.
    for output, activation, saturated in (
            (relu, "relu", np.nan),
            (sigmoid, "sigmoid", np.mean((sigmoid < 0.01) | (sigmoid > 0.99))),
            (tanh, "tanh", np.mean(np.abs(tanh) > 0.99)),
            (softmax, "softmax", np.mean((softmax < 1e-3) | (softmax > 1 - 1e-3))),
            (np.clip(tanh * 1.2, -1, 1), "hard_tanh", np.mean(np.abs(np.clip(tanh * 1.2, -1, 1))
                                                               > 0.99)),
            # softsign's slope (1 - |y|)^2 is as flat as tanh's 1 - 0.99^2 past |y| ~ 0.859.
            (tanh, "softsign", np.mean((1 - np.abs(tanh)) ** 2 < 1 - 0.99 ** 2)),
            # A hand-written activation (its bounds unknown): the share of outputs within
            # 1e-3 of the output range of the lowest or highest output, exact zeros aside.
            (steep, "soft_sign", pinned(steep)), (relu, "my_relu", pinned(relu)),
            (sigmoid, "custom", pinned(sigmoid)), (tanh, "linear", np.nan)):
        same(ns.activation_stats(output, activation), ts.activation_stats(output, activation),
             [np.mean(output == 0), saturated, output.mean(), output.std()])
    # The pinned share's odd inputs: constant, all non-finite, one value, a range beyond
    # float32's (NaN, NaN, NaN, then the share), the same eagerly and under XLA.
    for odd, want in ((np.full(6, 0.5), np.nan), (np.array([np.nan, np.inf]), np.nan),
                      (np.array([2.0]), np.nan),
                      (np.array([-3e38, 3e38, 1.0, 2.0, 3e38]), 0.6)):
        odd = odd.astype("float32")
        got = [ns.pinned_fraction(odd), ts.pinned_fraction(odd),
               tf.function(ts.pinned_fraction, jit_compile=True)(tf.constant(odd))]
        np.testing.assert_allclose(np.asarray(got, dtype=np.float64), want)
    same(ns.dead_units_fraction(relu), ts.dead_units_fraction(relu), 1 / 7)
    # Inputs: per channel (last axis), over the finite values, and the non-finite count.
    flat = x.reshape(-1, 5)
    finite = np.where(np.isfinite(flat), flat, np.nan)
    same(ns.input_stats(x), ts.input_stats(x), np.stack([
        np.nanmean(finite, 0), np.nanstd(finite, 0), np.nanmin(finite, 0), np.nanmax(finite, 0),
        np.sum(~np.isfinite(flat), 0)], axis=1))
    assert ns.feature_count(x) == ts.feature_count(tf.constant(x)) == 5
    # Targets: labels and regression values.
    for y in (labels, regression):
        values = y.reshape(-1)
        same(ns.target_stats(y), ts.target_stats(y), [
            values.min(), values.max(), values.mean(), values.var(), len(np.unique(values)),
            np.mean(values == np.round(values)), 0, values.size])
        assert ns.targets_are_labels(y) == bool(ts.targets_are_labels(y)) == (y is labels)
    counts = np.bincount(labels[:, 0].astype(int), minlength=4) / 40
    for y in (labels, onehot):
        assert ns.class_count(y.shape, (40, 4)) == ts.class_count(
            tf.TensorSpec(y.shape), tf.TensorSpec([40, 4])) == 4
        same(ns.class_frequencies(y, 4), ts.class_frequencies(y, 4), counts)
    assert ns.class_count((40,), (40, 1)) == 2 and ns.class_count((40, 3), (40, 1)) is None
    # Predictions: std_across_batch is the per-unit std over examples, averaged.
    same(ns.prediction_stats(softmax), ts.prediction_stats(softmax), [
        softmax.mean(), softmax.std(axis=0).mean(), softmax.min(), softmax.max(), 0])
    # Gradients and weights, grouped by layer the same way.
    variables = [tf.Variable(np.ones((3, 2), "float32"), name="net/dense/kernel"),
                 tf.Variable(np.ones(2, "float32"), name="net/dense/bias"),
                 tf.Variable(np.full(4, 2.0, "float32"), name="net/out/kernel")]
    grads = [relu[:3, :2], np.array([np.nan, 1.0], "float32"), sigmoid[:4, 0]]
    assert ns.layer_groups(variables) == ts.layer_groups(variables) == (
        ["dense", "out"], [[0, 1], [2]])
    norms, global_norm, nonfinite = ns.gradient_stats(grads, [[0, 1], [2]])
    tf_norms, tf_global, tf_nonfinite = ts.gradient_stats(grads, [[0, 1], [2]])
    assert np.isnan(norms[0]) and np.isnan(tf_norms[0]) and nonfinite == tf_nonfinite == 1
    same(norms[1:], tf_norms[1:], [np.linalg.norm(sigmoid[:4, 0])])
    assert np.isnan(global_norm) and np.isnan(tf_global)
    current = [np.full((3, 2), 2.0, "float32"), np.zeros(2, "float32"), np.zeros(4, "float32")]
    previous = [np.ones((3, 2), "float32"), np.ones(2, "float32"), np.zeros(4, "float32")]
    ratios, tf_ratios = (m.update_ratios(current, previous, [[0, 1], [2]]) for m in (ns, ts))
    np.testing.assert_allclose(ratios[0], tf_ratios[0], rtol=1e-6)
    np.testing.assert_allclose(ratios[0], np.sqrt(8) / np.sqrt(8), rtol=1e-6)
    assert np.isnan(ratios[1]) and np.isnan(tf_ratios[1])  # 0 / 0


# --- the event writer: what summary.py writes, without TensorFlow -----------------------------

def test_signal_writer_writes_what_the_tensorflow_summary_ops_write(tmp_path):
    tf = tensorflow()
    from tb_plateau.record import summary
    from tb_plateau.record.event_writer import EventWriter, SignalWriter
    from tests.tf_helpers import read_run

    x, relu, sigmoid, softmax, tanh, labels, onehot, regression = examples()
    variables = [tf.Variable(np.ones((3, 2), "float32"), name="dense/kernel"),
                 tf.Variable(np.ones(2, "float32"), name="dense/bias"),
                 tf.Variable(np.full(4, 2.0, "float32"), name="out/kernel")]
    values = [v.numpy() for v in variables]
    previous = [v * 0.5 for v in values]
    grads = [relu[:3, :2], relu[0, :2], sigmoid[:4, 0]]
    config = {"backend": "jax", "layers": [{"name": "dense"}]}
    writer = tf.summary.create_file_writer(str(tmp_path / "tf"))
    with writer.as_default(step=3):
        summary.loss_block(np.array([1, 2, 3]), np.array([0.5, 0.25, 0.125]))
        summary.learning_rate(0.01)
        summary.gradients(grads, variables)
        summary.weights(variables, previous)
        summary.activations([relu, sigmoid], ["relu", "sigmoid"], ["h", "o"])
        summary.inputs([x, relu], source="probe")
        summary.targets(labels, predictions=tf.TensorSpec([40, 4]), source="probe")
        summary.predictions(softmax)
        summary.config(config)
        summary.epoch_metrics({"loss": 0.5, "val_loss": 0.75}, epoch=0)
    writer.close()
    numpy_writer = EventWriter(tmp_path / "numpy")
    signals = SignalWriter(numpy_writer)
    signals.loss_block(np.array([1, 2, 3]), np.array([0.5, 0.25, 0.125]))
    signals.learning_rate(3, 0.01)
    signals.gradients(3, grads, variables)
    signals.weights(3, values, variables, previous)
    signals.activations(3, [relu, sigmoid], ["relu", "sigmoid"], ["h", "o"])
    signals.inputs(3, [x, relu], source="probe")
    signals.targets(3, labels, predictions_shape=(40, 4), source="probe")
    signals.predictions(3, softmax)
    signals.config(3, config)
    signals.epoch_metrics(3, {"loss": 0.5, "val_loss": 0.75}, epoch=0)
    numpy_writer.close()
    theirs, mine = read_run(tmp_path / "tf"), read_run(tmp_path / "numpy")
    assert sorted(mine) == sorted(theirs)
    for tag in theirs:
        assert mine[tag].content == theirs[tag].content, tag
        assert list(mine[tag].steps) == list(theirs[tag].steps), tag
        if tag == "plateau/config":
            assert json.loads(mine[tag].values[0].item()) == json.loads(
                theirs[tag].values[0].item())
            continue
        mine_values, their_values = np.asarray(mine[tag].values), np.asarray(theirs[tag].values)
        assert mine_values.dtype == their_values.dtype and \
            mine_values.shape == their_values.shape, tag
        np.testing.assert_allclose(mine_values, their_values, rtol=1e-5, atol=1e-7,
                                   err_msg=tag)


def test_event_files_read_back_without_tensorflow_up_to_a_cut(tmp_path):
    from tb_plateau.record.event_writer import EventWriter, SignalWriter, read_events
    from tb_plateau.record.writer import last_logged_step

    writer = EventWriter(tmp_path)
    signals = SignalWriter(writer)
    for step in (1, 5, 9):
        signals.learning_rate(step, 0.1)
    writer.close()
    assert last_logged_step(tmp_path, read_events=read_events) == 9
    assert [e.step for e in read_events(writer.path)] == [0, 1, 5, 9]
    with open(writer.path, "rb") as f:
        data = f.read()
    with open(writer.path, "wb") as f:
        f.write(data[:-10])  # the last record cut off, as while it is being written
    assert last_logged_step(tmp_path, read_events=read_events) == 5


# --- PlateauLogger (TensorFlow writes) given JAX and numpy arrays -----------------------------

@needs_jax
def test_logger_takes_jax_parameter_trees_and_numpy_arrays(tmp_path):
    tensorflow()
    import jax
    import jax.numpy as jnp

    import tb_plateau
    from tests.tf_helpers import read_run

    rng = np.random.default_rng(0)
    x = rng.normal(size=(64, 3)).astype("float32")
    y = x @ np.array([[1.0], [-2.0], [0.5]], "float32")
    params = {"dense": {"kernel": jnp.asarray(rng.normal(size=(3, 4)), jnp.float32),
                        "bias": jnp.zeros(4)},
              "out": {"kernel": jnp.asarray(rng.normal(size=(4, 1)), jnp.float32),
                      "bias": jnp.zeros(1)}}

    def predict(p, xb):
        return jnp.tanh(xb @ p["dense"]["kernel"] + p["dense"]["bias"]) @ p["out"]["kernel"] \
            + p["out"]["bias"]

    def mse(p, xb, yb):
        return jnp.mean((predict(p, xb) - yb) ** 2)

    def schedule(count):  # an optax-style schedule: a function of the update count
        return 0.1 * 0.9 ** count

    def norm(arrays):
        return float(np.sqrt(sum(np.sum(np.square(np.asarray(a, np.float64))) for a in arrays)))

    seen = {}
    with tb_plateau.PlateauLogger(tmp_path / "tree", diagnostics_every=4, on_stall=None) as log:
        for step in range(1, 9):
            xb, yb = x[(step % 4) * 16:][:16], y[(step % 4) * 16:][:16]
            before = params
            loss, grads = jax.value_and_grad(mse)(params, xb, yb)
            params = jax.tree_util.tree_map(lambda w, g: w - schedule(step - 1) * g,
                                            params, grads)
            log.log_step(step, loss=loss, gradients=grads, variables=params, inputs=xb,
                         targets=yb, predictions=predict(params, xb), learning_rate=schedule)
            seen[step] = (float(loss), grads, before, params)
    run = read_run(tmp_path / "tree")
    np.testing.assert_allclose(run["plateau/loss_block"].values,
                               [seen[s][0] for s in range(1, 9)], rtol=1e-6)
    np.testing.assert_allclose(run["plateau/learning_rate"].values,
                               [schedule(s - 1) for s in range(1, 9)], rtol=1e-6)
    grad = run["plateau/grad_norm"]
    # The first update and every fourth (no update ratio at step 1: no weights kept before).
    assert grad.content["names"] == ["dense", "out"] and list(grad.steps) == [1, 4, 8]
    assert list(run["plateau/update_ratio"].steps) == [4, 8]
    np.testing.assert_allclose(grad.at(1), [norm(list(seen[1][1][n].values()))
                                            for n in ("dense", "out")], rtol=1e-5)
    for step in (4, 8):
        _, grads, before, after = seen[step]
        layers = [list(grads[n].values()) for n in ("dense", "out")]
        np.testing.assert_allclose(grad.at(step), [norm(g) for g in layers], rtol=1e-5)
        np.testing.assert_allclose(run["plateau/weight_norm"].at(step),
                                   [norm(after[n].values()) for n in ("dense", "out")],
                                   rtol=1e-5)
        np.testing.assert_allclose(run["plateau/update_ratio"].at(step), [
            norm([a - b for a, b in zip(after[n].values(), before[n].values())])
            / norm(before[n].values()) for n in ("dense", "out")], rtol=1e-4)

    # Unnamed numpy arrays: each its own layer, named by position.
    weights = [np.ones((3, 2), "float32"), np.full(2, 2.0, "float32")]
    with tb_plateau.PlateauLogger(tmp_path / "arrays", diagnostics_every=1,
                                  on_stall=None) as log:
        log.log_step(1, loss=np.float32(0.5), gradients=[w * 0.5 for w in weights],
                     variables=weights)
    run = read_run(tmp_path / "arrays")
    assert run["plateau/grad_norm"].content["names"] == ["0", "1"]
    np.testing.assert_allclose(run["plateau/weight_norm"].values[0], [np.sqrt(6), np.sqrt(8)],
                               rtol=1e-6)
    np.testing.assert_allclose(run["plateau/weight_mean"].values[0], [1.0, 2.0], rtol=1e-6)
