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
    # The first update and every fourth: the network as the first steps left it.
    assert list(grad.steps) == [1, 4, 8] and grad.content["names"] == ["h", "o"]
    # An update ratio needs the weights of the step before, which step 1 has not kept.
    assert list(run["plateau/update_ratio"].steps) == [4, 8]
    for step in (1, 4, 8):
        grads = seen[step]["grads"]
        np.testing.assert_allclose(grad.at(step), [layer_norm(grads[:2]), layer_norm(grads[2:])],
                                   rtol=1e-5)
        after = seen[step]["after"]
        np.testing.assert_allclose(run["plateau/weight_norm"].at(step),
                                   [layer_norm(after[:2]), layer_norm(after[2:])], rtol=1e-5)
        np.testing.assert_allclose(
            run["plateau/weight_mean"].at(step),
            [np.concatenate([a.ravel() for a in after[i:i + 2]]).mean() for i in (0, 2)],
            rtol=1e-4, atol=1e-7)
        if step > 1:
            before = seen[step]["before"]
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


def _summed_loop(log_dir, summed):
    """A GradientTape loop over 1024 examples in batches of 64 (4 classes from 6 features,
    MLP 64-64 relu, SGD 0.05 momentum 0.9), logged with PlateauLogger: the loss is the sum
    of the batch's per-example cross-entropies when `summed`, else their mean. The report."""
    from tb_plateau.analysis import analyze
    from tb_plateau.read import reader

    rng = np.random.default_rng(91)
    x = rng.normal(size=(1024, 6)).astype("float32")
    score = x[:, 0] + 0.5 * x[:, 1] * x[:, 2] - 0.7 * np.abs(x[:, 3])
    y = np.eye(4, dtype="float32")[np.digitize(score, np.quantile(score, [0.25, 0.5, 0.75]))]
    keras.utils.set_random_seed(92)
    net = keras.Sequential([keras.Input((6,)), keras.layers.Dense(64, activation="relu"),
                            keras.layers.Dense(64, activation="relu"),
                            keras.layers.Dense(4, activation="softmax")])
    taps = keras.Model(net.inputs, [layer.output for layer in net.layers])
    cce = keras.losses.CategoricalCrossentropy(reduction=None)
    optimizer = keras.optimizers.SGD(0.05, momentum=0.9)
    logger = tb_plateau.PlateauLogger(log_dir, on_stall=None)
    logger.log_config(net, loss="cross-entropy per example, " + ("summed" if summed else "mean"),
                      optimizer=optimizer, batch_size=64)

    @tf.function
    def step(xb, yb):
        with tf.GradientTape() as tape:
            outputs = taps(xb, training=True)
            per_example = cce(yb, outputs[-1])
            loss = tf.reduce_sum(per_example) if summed else tf.reduce_mean(per_example)
        grads = tape.gradient(loss, net.trainable_variables)
        optimizer.apply_gradients(zip(grads, net.trainable_variables))
        logger.log_step(optimizer.iterations, loss=loss, gradients=grads,
                        variables=net.trainable_variables, inputs=xb, targets=yb,
                        predictions=outputs[-1], learning_rate=optimizer.learning_rate,
                        activations={layer.name: (out, "relu")
                                     for layer, out in zip(net.layers[:2], outputs[:2])})

    for epoch in range(12):
        order = rng.permutation(1024)
        for start in range(0, 1024, 64):
            rows = order[start:start + 64]
            step(tf.constant(x[rows]), tf.constant(y[rows]))
        logger.log_epoch(int(optimizer.iterations.numpy()))
    logger.close()
    src = reader.open_logdir(str(log_dir))
    return analyze(reader.read_run(src.provider, src.ctx, src.experiment_id, "."))


def test_a_loss_summed_by_hand_over_the_batch_is_named_with_its_fix(tmp_path):
    """keras.ops.sum of the per-example losses in a training loop, where the tuned rate
    assumed their mean: every gradient is 64 times too large, the first steps kill the
    ReLUs, and the loss sits at the batch's sum of ln 4. Nothing in the recorded loss names
    the sum; its size at the start (64 x a fresh classifier's ln 4) does. The report names
    the exploded gradients with the batch mean as the fix, not the learning rate; the same
    loop averaging the losses learns."""
    summed = _summed_loop(tmp_path / "summed", True)
    assert summed["verdict"] == "stalled"
    first = summed["intervals"][-1]["causes"][0]
    assert first["id"] == "exploding_gradients", summed["intervals"]
    assert any("summed over batches of 64" in e["text"] for e in first["evidence"])
    assert "keras.ops.mean" in first["fix"]
    mean = _summed_loop(tmp_path / "mean", False)
    assert mean["verdict"] in ("healthy", "converged"), mean["intervals"]


def _logged_loop(log_dir, net, optimizer, loss, loss_of, x, y, rng, epochs, batch=32):
    """Train `net` by a compiled GradientTape loop over (x, y) in shuffled batches of `batch`
    for `epochs`, each batch's loss `loss_of(targets, outputs)`, logged with PlateauLogger
    (its config naming `loss`: a Keras loss or a description). The report."""
    from tb_plateau.analysis import analyze
    from tb_plateau.read import reader

    logger = tb_plateau.PlateauLogger(log_dir, on_stall=None)
    logger.log_config(net, loss=loss, optimizer=optimizer, batch_size=batch)

    @tf.function
    def step(xb, yb):
        with tf.GradientTape() as tape:
            pred = net(xb, training=True)
            value = loss_of(yb, pred)
        grads = tape.gradient(value, net.trainable_variables)
        optimizer.apply_gradients(zip(grads, net.trainable_variables))
        logger.log_step(optimizer.iterations, loss=value, gradients=grads,
                        variables=net.trainable_variables, inputs=xb, targets=yb,
                        predictions=pred, learning_rate=optimizer.learning_rate)

    for epoch in range(epochs):
        order = rng.permutation(len(x))
        for start in range(0, len(x), batch):
            rows = order[start:start + batch]
            step(tf.constant(x[rows]), tf.constant(y[rows]))
        logger.log_epoch(int(optimizer.iterations.numpy()))
    logger.close()
    src = reader.open_logdir(str(log_dir))
    return analyze(reader.read_run(src.provider, src.ctx, src.experiment_id, "."))


def _tags_loop(log_dir, head):
    """A GradientTape loop over 1024 examples in batches of 32: six tags per example, about
    four of them on at once, from twelve features (MLP 32-32 relu, Adam 2e-3), under a
    binary cross-entropy written by hand, with a `head` output layer; logged with
    PlateauLogger from its batches (no probe). The report and the tags' mean count per
    example."""
    rng = np.random.default_rng(57)
    x = rng.normal(size=(1024, 12)).astype("float32")
    logits = x @ rng.normal(size=(12, 6)) / 2.0 + 0.8
    y = (rng.random((1024, 6)) < 1 / (1 + np.exp(-3 * logits))).astype("float32")
    keras.utils.set_random_seed(58)
    net = keras.Sequential([keras.Input((12,)), keras.layers.Dense(32, activation="relu"),
                            keras.layers.Dense(32, activation="relu"),
                            keras.layers.Dense(6, activation=head)])

    def hand_bce(yb, pred):
        p = tf.clip_by_value(pred, 1e-7, 1 - 1e-7)
        return -tf.reduce_mean(yb * tf.math.log(p) + (1 - yb) * tf.math.log(1 - p))

    report = _logged_loop(log_dir, net, keras.optimizers.Adam(2e-3),
                          "binary cross-entropy (hand-written)", hand_bce, x, y, rng, epochs=8)
    return report, float(y.sum(axis=1).mean())


def test_several_tags_per_example_through_a_softmax_in_a_loop_without_a_probe(tmp_path):
    """A tagger's loop keeps the softmax head of a one-label classifier under a hand-written
    binary cross-entropy: the six outputs must sum to 1 while about four tags are on per
    example. Nothing names the loss, and no probe says how many targets an example has; the
    logged tag frequencies (their column means sum to four) do. The report names the
    mismatch with a sigmoid head as the fix; the same loop with a sigmoid head is not
    flagged."""
    softmax, tags = _tags_loop(tmp_path / "softmax", "softmax")
    assert softmax["verdict"] == "stalled", softmax
    first = softmax["intervals"][-1]["causes"][0]
    assert first["id"] == "loss_activation_mismatch", softmax["intervals"]
    row_sums = [e["value"] for e in first["evidence"] if "rows sum to" in e["text"]]
    assert row_sums and abs(row_sums[0] - tags) < 0.25 * tags, (first["evidence"], tags)
    assert "sigmoid" in first["fix"]
    sigmoid, _ = _tags_loop(tmp_path / "sigmoid", "sigmoid")
    assert sigmoid["verdict"] in ("healthy", "converged"), sigmoid["intervals"]


def _counts_loop(log_dir, rate):
    """A GradientTape loop over 1024 examples in batches of 32: Poisson counts (mean ~2)
    from six settings by an MLP 32 relu with an exponential output under Keras's Poisson
    loss, SGD `rate` with momentum 0.9, ten epochs, logged with PlateauLogger. The report."""
    rng = np.random.default_rng(61)
    x = rng.normal(size=(1024, 6)).astype("float32")
    rate_true = np.exp(0.6 + 0.5 * x[:, 0] - 0.4 * x[:, 1] + 0.3 * np.tanh(x[:, 2] * x[:, 3]))
    y = rng.poisson(rate_true).astype("float32")[:, None]
    keras.utils.set_random_seed(62)
    net = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                            keras.layers.Dense(1, activation="exponential")])
    poisson = keras.losses.Poisson()
    return _logged_loop(log_dir, net, keras.optimizers.SGD(rate, momentum=0.9), poisson,
                        poisson, x, y, rng, epochs=10)


def test_a_poisson_loop_jittering_at_its_noise_floor_is_not_a_high_rate(tmp_path):
    """Counts fitted under Keras's Poisson loss by a small net, SGD 0.02 with momentum: the
    loss falls fast and then jitters with the counts' own noise (it has no zero, so its
    swings cannot be measured against its level), while the small net's updates are about
    1e-2 of its weights. At a good level, at a rate normal for SGD, those ratios alone are
    no overshoot: the run is not flagged. The same loop at SGD 2.0, a rate high for SGD, is
    still told its learning rate is too high."""
    report = _counts_loop(tmp_path / "sgd", 0.02)
    assert report["verdict"] in ("healthy", "converged"), report["intervals"]
    high = _counts_loop(tmp_path / "high", 2.0)
    assert high["verdict"] in ("stalled", "diverged"), high
    assert high["intervals"][-1]["causes"][0]["id"] == "learning_rate_too_high", \
        high["intervals"][-1]["causes"]


def test_weights_overflowed_to_both_infinities_are_summarised_without_a_warning():
    """A layer whose weights overflowed to +Inf and -Inf (a blow-up the report is for) has
    an infinite norm and no mean: the host statistics the callback writes on every backend
    give NaN for the mean without numpy's "invalid value" warning, which under
    warnings-as-errors would make the callback skip its diagnostics from then on."""
    import warnings

    from tb_plateau.record import np_signals

    weights = [np.array([[np.inf, -np.inf], [1.0, 2.0]], "float32"), np.full(2, 0.5, "float32"),
               np.full(3, 0.25, "float32")]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        norms = np_signals.group_norms(weights, [[0, 1], [2]])
        means = np_signals.group_means(weights, [[0, 1], [2]])
    assert np.isinf(norms[0]) and np.isnan(means[0])
    assert means[1] == pytest.approx(0.25)
