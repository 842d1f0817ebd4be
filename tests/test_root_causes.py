"""Root causes read from what the run shows, where the configuration alone does not say it.

Each test writes a broken run as real event files (the numeric signature of one mistake,
healthy values elsewhere) and checks the report names the mistake with its evidence and
fix; the same run without the mistake must not be told so.
"""

import math

import numpy as np

from tb_plateau.analysis import analyze
from tb_plateau.read import reader
from tests.eventfiles import write_signals
from tests.test_analysis import (EXTRA, LN10, N, NAMES, STEPS, check_contract, config,
                                 flat_loss, healthy_signals, report_of)

T_AXIS = np.linspace(0, 1, N)


def _evidence(report):
    return [e["text"] for i in report["intervals"] for c in i["causes"] for e in c["evidence"]]


def _stalled_with(report, cause_id):
    """The first cause of the run's last interval, once the run is stalled with `cause_id`
    ranked first."""
    assert report["verdict"] == "stalled", report
    cause = report["intervals"][-1]["causes"][0]
    assert cause["id"] == cause_id, report["intervals"]
    return cause


def _report(tmp_path, signals, cfg, names, extra, calibrated=True):
    write_signals(tmp_path, "run", STEPS, signals, config=cfg, names=names, extra=extra)
    src = reader.open_logdir(str(tmp_path))
    report = analyze(reader.read_run(src.provider, src.ctx, src.experiment_id, "run"),
                     calibrated=calibrated)
    check_contract(report)
    return report


def test_weights_pulled_to_zero_until_the_model_predicts_a_constant_is_over_regularization(
        tmp_path):
    """A loss with an L2 penalty added by hand at factor 1 (tf.nn.l2_loss without its beta):
    no layer declares a regularizer and the loss is unknown to the baseline, but every
    weight decays to 2% of its start and the predictions stop varying (spread 1e-5 against
    targets of spread 1) while the loss flattens. That is a penalty winning, whatever the
    loss level. The same run whose weights keep their size is not told so."""
    rng = np.random.default_rng(31)
    loss = 1.0 + 30.0 * np.exp(-8 * T_AXIS) + 0.01 * rng.standard_normal(N)
    s = healthy_signals(loss=loss)
    s["targets"] = np.tile(np.array([-2.5, 2.5, 0.0, 1.0, 32, 0, 0, 32]), (N, 1))
    decay = np.exp(np.log(0.02) * T_AXIS)[:, None]
    s["weight_norm"] = np.tile([4.0, 7.0, 1.3], (N, 1)) * decay
    spread = 0.15 * np.exp(np.log(1e-5 / 0.15) * T_AXIS)
    s["predictions"] = np.column_stack([np.zeros(N), spread, -spread, spread, np.zeros(N)])
    cfg = config(loss={"name": "custom_loss", "class": "function"},
                 output_activation="linear", output_units=1)
    cfg["layers"][-1].update(units=1, activation="linear", params=65)
    report = report_of(tmp_path / "pulled", s, cfg)
    cause = _stalled_with(report, "over_regularization")
    assert any("every weight is being pulled to zero" in e["text"] for e in cause["evidence"])
    assert "tf.nn.l2_loss" in cause["fix"]
    s["weight_norm"] = np.tile([4.0, 7.0, 1.3], (N, 1))
    report = report_of(tmp_path / "kept", s, cfg, calibrated=False)
    assert not any("pulled to zero" in t for t in _evidence(report))


def _bias_run(tmp_path, bias, calibrated=True):
    """Standardised regression targets, an MLP whose output bias starts at `bias`: the loss
    starts at ~bias^2 and is still far above the constant's after the run; the predictions
    start at the bias and the gradients are huge."""
    rng = np.random.default_rng(32)
    start = max(bias * bias, 1.0)
    loss = 2.0 + start * np.exp(-4 * T_AXIS) + 0.01 * rng.standard_normal(N)
    s = healthy_signals(loss=loss)
    s["targets"] = np.tile(np.array([-3.0, 3.0, 0.0, 1.0, 64, 0, 0, 64]), (N, 1))
    mean = bias * np.exp(-4 * T_AXIS)
    s["predictions"] = np.column_stack([mean, np.full(N, 0.5), mean - 1, mean + 1,
                                        np.zeros(N)])
    s["grad_norm"] = np.tile([200.0, 400.0, 900.0], (N, 1)) * max(bias / 500.0, 1e-3)
    s["weight_norm"] = np.tile([3.0, 8.0, max(bias, 1.0)], (N, 1))
    cfg = config(loss={"name": "mse"}, output_activation="linear", output_units=1)
    cfg["layers"][-1].update(units=1, activation="linear", params=65,
                             bias_initializer={"class": "Constant", "config": {"value": bias}})
    return report_of(tmp_path, s, cfg, calibrated=calibrated)


def test_an_output_bias_started_far_from_the_targets_is_poor_initialization(tmp_path):
    """The output bias set to the target's mean in raw units (500) for a target trained
    standardised: every starting prediction is 500 deviations off, the errors make huge
    gradients and a loss far above the constant's at an ordinary learning rate. That is
    the start, not the rate. A bias started at the targets' mean (0) is not blamed."""
    report = _bias_run(tmp_path / "far", 500.0)
    causes = report["intervals"][-1]["causes"]
    assert causes[0]["id"] == "poor_initialization", report["intervals"]
    assert any("starts with bias 500" in e["text"] for e in causes[0]["evidence"])
    assert "bias_initializer=Constant(0)" in causes[0]["fix"]
    assert "learning_rate_too_high" not in [c["id"] for c in causes[:2]]
    report = _bias_run(tmp_path / "mean", 0.0, calibrated=False)
    assert not any("starts with bias" in t for t in _evidence(report))


def test_a_dead_relu_output_under_cross_entropy_is_the_head_not_dead_units(tmp_path):
    """A ReLU output layer (copied from a hidden one) under categorical cross-entropy: its
    units output zero for every example, the hidden layers get no gradient, and the loss
    sits at ln 10. The wrong head is the root cause; its zeros are what it does. Dead
    hidden units in front of a softmax head stay dead ReLUs."""
    rng = np.random.default_rng(33)
    s = healthy_signals(loss=flat_loss(rng, LN10, 0.005))
    s["activation"][:, 2, 0] = 1.0  # the output layer: zero for every example
    s["grad_norm"] = np.tile([0.0, 0.0, 0.1], (N, 1))
    cfg = config(output_activation="relu")
    cfg["layers"][-1]["activation"] = "relu"
    extra = {"activation": {"activations": ["relu", "relu", "relu"]}}
    report = _report(tmp_path / "head", s, cfg, NAMES, extra, calibrated=False)
    causes = report["intervals"][-1]["causes"]
    assert causes[0]["id"] == "loss_activation_mismatch", report["intervals"]
    # The dead output's zeros are the head's doing: at most a faint echo of them is left.
    assert all(c["confidence"] < 0.3 for c in causes if c["id"] == "dead_relus"), causes
    s["activation"][:, 2, 0] = 0.0
    s["activation"][:, 1, 0] = 1.0  # a dead hidden layer before a softmax head
    report = _report(tmp_path / "hidden", s, config(), NAMES, EXTRA, calibrated=False)
    assert report["intervals"][-1]["causes"][0]["id"] == "dead_relus", report["intervals"]


def _recurrent_run(tmp_path, spread, cls="GRU", output_shape=(None, 32)):
    """Events padded with zeros after them into 160 steps, a GRU(32) returning its last
    state, a softmax over 4 classes; the loss at ln 4 throughout. `spread`: the GRU
    output's spread across examples."""
    rng = np.random.default_rng(34)
    s = healthy_signals(loss=flat_loss(rng, math.log(4), 0.003))
    s["target_classes"] = np.full((N, 4), 0.25)
    s["targets"] = np.tile(np.array([0, 3, 1.5, 1.25, 4, 1, 0, 64]), (N, 1))
    s["activation"] = np.tile(np.array([[0.0, 0.0, 0.0, spread], [0.0, 0.0, 0.25, 0.02]]),
                              (N, 1, 1))
    s["grad_norm"] = np.tile([0.19, 0.14], (N, 1))
    s["weight_norm"] = np.tile([6.0, 2.0], (N, 1))
    s["update_ratio"] = np.tile([1e-3, 2e-3], (N, 1))
    layers = [{"name": "gru", "class": cls, "units": 32, "activation": "tanh",
               "params": 3360, "input_shape": [None, 160, 1],
               "output_shape": list(output_shape),
               "kernel_initializer": {"class": "GlorotUniform", "config": {}},
               "settings": {"return_sequences": False, "recurrent_activation": "sigmoid"}},
              {"name": "dense", "class": "Dense", "units": 4, "activation": "softmax",
               "params": 132, "kernel_initializer": {"class": "GlorotUniform", "config": {}}}]
    cfg = config(layers=layers, output_units=4,
                 model={"class": "Sequential", "params": 3492, "trainable_params": 3492})
    names = dict(NAMES, grad_norm=["gru", "dense"], weight_norm=["gru", "dense"],
                 update_ratio=["gru", "dense"], activation=["gru", "dense"],
                 target_classes=["0", "1", "2", "3"])
    extra = {"activation": {"activations": ["tanh", "softmax"]}}
    return _report(tmp_path, s, cfg, names, extra)


def test_a_recurrent_state_that_forgot_the_sequence_is_vanishing_through_time(tmp_path):
    """The GRU's last state barely varies across examples (0.015): what each sequence held
    faded out over the zeros after it, and the loss never leaves ln 4. A GRU whose state
    spreads like a healthy one's (0.3) is not told so."""
    report = _recurrent_run(tmp_path / "forgot", 0.015)
    assert report["verdict"] == "stalled"
    cause = report["intervals"][-1]["causes"][0]
    assert cause["id"] == "vanishing_gradients", report["intervals"]
    assert any("gru's last state barely varies" in e["text"] for e in cause["evidence"])
    assert "padding='pre'" in cause["fix"] and "Masking()" in cause["fix"]
    report = _recurrent_run(tmp_path / "carries", 0.3)
    assert not any("last state barely varies" in t for t in _evidence(report))
    # A Bidirectional wrapper records no return_sequences: its output shape says it returns
    # every step (then the last state is not what reaches the output alone).
    report = _recurrent_run(tmp_path / "every_step", 0.015, "Bidirectional", (None, 160, 64))
    assert not any("last state barely varies" in t for t in _evidence(report))


def _strided_run(tmp_path, strides, padding="valid", pool=None):
    """A 3x3 Conv2D with `strides` on 16x16 patches, a 1x1 Conv2D, a global max pooling and
    a sigmoid head; the loss flat at 80% of the constant's (binary entropy of 0.5)."""
    rng = np.random.default_rng(35)
    s = healthy_signals(loss=flat_loss(rng, 0.8 * math.log(2), 0.003))
    s["target_classes"] = np.tile(np.r_[0.5, 0.5, np.zeros(8)], (N, 1))
    s["targets"] = np.tile(np.array([0, 1, 0.5, 0.25, 2, 1, 0, 64]), (N, 1))
    out = 16 // strides if padding == "same" else (16 - 3) // strides + 1
    layers = [{"name": "dense", "class": "Conv2D", "filters": 16, "activation": "relu",
               "params": 160, "input_shape": [None, 16, 16, 1],
               "output_shape": [None, out, out, 16],
               "kernel_initializer": {"class": "GlorotUniform", "config": {}},
               "settings": {"kernel_size": [3, 3], "strides": [strides, strides],
                            "dilation_rate": [1, 1], "padding": padding,
                            "data_format": "channels_last"}},
              {"name": "dense_1", "class": "Conv2D", "filters": 16, "activation": "relu",
               "params": 272, "kernel_initializer": {"class": "GlorotUniform", "config": {}},
               "settings": {"kernel_size": [1, 1], "strides": [1, 1], "dilation_rate": [1, 1],
                            "padding": "valid"}},
              *([pool] if pool else []),
              {"name": "pool", "class": "GlobalMaxPooling2D", "settings": {}},
              {"name": "dense_2", "class": "Dense", "units": 1, "activation": "sigmoid",
               "params": 17, "kernel_initializer": {"class": "GlorotUniform", "config": {}}}]
    cfg = config(layers=layers, output_activation="sigmoid", output_units=1,
                 loss={"name": "binary_crossentropy", "class": "BinaryCrossentropy",
                       "from_logits": False},
                 model={"class": "Sequential", "params": 449, "trainable_params": 449})
    return report_of(tmp_path, s, cfg)


def test_strides_larger_than_the_kernel_leave_inputs_unread(tmp_path):
    """3x3 windows every 4 pixels leave a row and a column unread after each: 36% of the
    pixels from the first window to the last (what valid padding leaves past the last one
    is not counted), where a one-pixel ignition goes unseen; the loss flattens at 80% of
    the constant's. A stride no larger than the kernel leaves no gap and is not named."""
    report = _strided_run(tmp_path / "stride4", 4)
    cause = _stalled_with(report, "insufficient_capacity")
    assert any("reads windows of 3x3 every 4x4 positions: 36% of its input" in e["text"]
               for e in cause["evidence"]), cause["evidence"]
    assert "strides no larger than its kernel" in cause["fix"]
    for strides, padding in ((3, "valid"), (2, "same"), (1, "same"), (3, "same")):
        report = _strided_run(tmp_path / f"stride{strides}{padding}", strides, padding)
        assert not any("between the windows" in t for t in _evidence(report)), strides


def test_a_pooling_window_smaller_than_its_stride_leaves_inputs_unread(tmp_path):
    """MaxPooling2D(2) on a 7x7 map drops the last row and column, as every unpadded layer
    does at an edge: that is no gap. pool_size 2 with strides 3 reads 2 of every 3 rows
    and columns: named, with the pooling's own fix."""
    def pool(size, stride):
        return {"name": "max_pooling2d", "class": "MaxPooling2D",
                "input_shape": [None, 7, 7, 16],
                "settings": {"pool_size": [size, size], "strides": [stride, stride],
                             "padding": "valid", "data_format": "channels_last"}}
    report = _strided_run(tmp_path / "edge", 1, "same", pool(2, 2))
    assert not any("between the windows" in t for t in _evidence(report))
    report = _strided_run(tmp_path / "gaps", 1, "same", pool(2, 3))
    cause = report["intervals"][-1]["causes"][0]
    assert cause["id"] == "insufficient_capacity", report["intervals"]
    assert any("max_pooling2d reads windows of 2x2 every 3x3 positions" in e["text"]
               for e in cause["evidence"]), cause["evidence"]
    assert "pool_size 2x2 with strides 3x3" in cause["fix"]


def test_large_gradients_under_a_rate_that_keeps_the_steps_moderate_are_no_explosion(
        tmp_path):
    """A Poisson loss on counts of ~35-110 under plain SGD 2e-4: the batches' gradients are
    ~15x the weights, but the steps stay at ~3e-3 of them and the loss descends and
    settles. Nothing explodes. The same gradients moving the weights by 5% a step do."""
    rng = np.random.default_rng(36)
    # Keras's Poisson loss leaves out log(y!): negative, from ~-188 down to ~-202.
    loss = -203.0 + 20.0 * np.exp(-6 * T_AXIS) + 0.3 * rng.standard_normal(N)
    s = healthy_signals(loss=loss)
    s["learning_rate"] = np.full(N, 2e-4)
    s["targets"] = np.tile(np.array([35.0, 110.0, 62.0, 300.0, 64, 1, 0, 64]), (N, 1))
    s["update_ratio"] = np.full((N, 3), 2.9e-3)
    s["grad_norm"] = np.tile([5.3, 3.0, 1.5], (N, 1))  # the probe's: about the weights' size
    cfg = config(loss={"name": "poisson", "class": "Poisson"}, output_activation="exponential",
                 output_units=1, optimizer={"class": "SGD", "config": {"learning_rate": 2e-4}})
    cfg["layers"][-1].update(units=1, activation="exponential", params=65)
    report = report_of(tmp_path / "moderate", s, cfg)
    assert report["verdict"] in ("converged", "healthy"), report["intervals"]
    s["update_ratio"] = np.full((N, 3), 5e-2)
    report = report_of(tmp_path / "large", s, cfg, calibrated=False)
    assert any("training batches' gradients were about" in t for t in _evidence(report))


def test_clipping_every_step_to_a_sliver_is_the_step_size_though_updates_look_near_healthy(
        tmp_path):
    """SGD 0.05 with clipnorm=1e-3 (typed for 1.0): steps of 1.1e-4 of the weights, at the
    edge of what counts as healthy, and the loss at ln 4 by a conv net with a global
    pooling. The clipping is the cause, ahead of the model's size."""
    rng = np.random.default_rng(37)
    s = healthy_signals(loss=flat_loss(rng, LN10 - 0.02, 0.003))
    s["update_ratio"] = np.full((N, 3), 1.1e-4)
    s["grad_norm"] = np.tile([0.18, 0.12, 0.1], (N, 1))
    sgd = {"class": "SGD", "config": {"learning_rate": 0.05, "momentum": 0.9,
                                      "clipnorm": 1e-3}}
    report = report_of(tmp_path / "clipped", s, config(optimizer=sgd))
    cause = report["intervals"][-1]["causes"][0]
    assert cause["id"] == "learning_rate_too_low", report["intervals"]
    assert "Raise the optimizer's clipnorm from 0.001" in cause["fix"]
    def score(report):
        return max([c["confidence"] for i in report["intervals"] for c in i["causes"]
                    if c["id"] == "learning_rate_too_low"] or [0.0])
    assert score(report_of(tmp_path / "raw", s, config(optimizer=sgd), calibrated=False)) \
        >= 0.6
    # The same clipping with steps of a healthy size: the steps are not what is small.
    s["update_ratio"] = np.full((N, 3), 1e-3)
    report = report_of(tmp_path / "healthy_steps", s, config(optimizer=sgd), calibrated=False)
    assert score(report) < 0.3


def test_several_labels_per_example_through_a_softmax_is_a_mismatch(tmp_path):
    """Delivery tags, 1.3 per example, as multi-hot rows under softmax and categorical
    cross-entropy: the loss climbs without end. The softmax's outputs sum to 1, the rows do
    not; the fix is sigmoid with binary cross-entropy. One-hot rows are not flagged."""
    rng = np.random.default_rng(38)
    loss = 1.6 + 10.0 * T_AXIS + 0.05 * rng.standard_normal(N)
    s = healthy_signals(loss=loss)
    s["targets"] = np.tile(np.array([0, 1, 0.335, 0.22, 2, 1, 0, 256]), (N, 1))
    s["target_classes"] = np.tile(np.r_[0.3, 0.3, 0.3, 0.4, np.zeros(6)], (N, 1))
    cfg = config(output_units=4, probe={"examples": 64},
                 loss={"name": "categorical_crossentropy", "class": "CategoricalCrossentropy",
                       "from_logits": False})
    cfg["layers"][-1].update(units=4, params=260)
    report = report_of(tmp_path / "multi", s, cfg)
    cause = report["intervals"][-1]["causes"][0]
    assert cause["id"] == "loss_activation_mismatch", report["intervals"]
    assert "binary_crossentropy" in cause["fix"] and "sigmoid" in cause["fix"]
    s["targets"][:, 2:4] = [0.25, 0.1875]  # one-hot rows: each sums to 1
    report = report_of(tmp_path / "one_hot", s, cfg, calibrated=False)
    assert not any("rows sum to" in t for t in _evidence(report))


def test_tensorflows_logits_cross_entropy_on_a_sigmoid_output_squashes_twice(tmp_path):
    """A hand-written loop's loss tf.nn.sigmoid_cross_entropy_with_logits on a sigmoid head:
    it takes logits whatever the config says of from_logits, so the baseline is the binary
    entropy and the head's sigmoid is applied twice. A linear head under the same loss is
    the right pairing."""
    rng = np.random.default_rng(39)
    loss = 0.645 + 0.1 * np.exp(-8 * T_AXIS) + 0.005 * rng.standard_normal(N)
    s = healthy_signals(loss=loss)
    s["targets"] = np.tile(np.array([0, 1, 0.32, 0.2176, 2, 1, 0, 64]), (N, 1))
    name = "tf.nn.sigmoid_cross_entropy_with_logits"
    cfg = config(output_activation="sigmoid", output_units=1,
                 loss={"name": name, "alias": name, "class": None, "from_logits": False})
    cfg["layers"][-1].update(units=1, activation="sigmoid", params=65)
    report = report_of(tmp_path / "twice", s, cfg)
    assert report["baseline"] and report["baseline"]["kind"] == "label_entropy"
    cause = report["intervals"][-1]["causes"][0]
    assert cause["id"] == "loss_activation_mismatch", report["intervals"]
    assert any("applied twice" in e["text"] for e in cause["evidence"])
    cfg["output_activation"] = "linear"
    cfg["layers"][-1]["activation"] = "linear"
    report = report_of(tmp_path / "logits", s, cfg, calibrated=False)
    assert not any("applied twice" in t for t in _evidence(report))


def _bias_free_config(use_bias):
    cfg = config(output_activation="sigmoid", output_units=1,
                 loss={"name": "binary_crossentropy", "class": "BinaryCrossentropy",
                       "from_logits": False})
    cfg["layers"][-1].update(units=1, activation="sigmoid", params=64 + use_bias)
    for layer in cfg["layers"]:
        layer["settings"] = {"use_bias": use_bias}
    return cfg


def test_a_model_without_any_bias_cannot_place_a_threshold(tmp_path):
    """A ReLU MLP whose layers all kept use_bias=False after their BatchNormalization was
    removed: f(c x) = c f(x), so "within spec" (small deviations) cannot be told from
    "out of spec" along the same direction, and the loss sits at the pass rate's entropy
    (its level a little above the probe's estimate of it: 64 labels). The same layers with
    biases are not told so."""
    rng = np.random.default_rng(40)
    s = healthy_signals(loss=flat_loss(rng, 0.607, 0.004))
    s["targets"] = np.tile(np.array([0, 1, 0.75, 0.1875, 2, 1, 0, 64]), (N, 1))
    report = report_of(tmp_path / "bias_free", s, _bias_free_config(False))
    cause = report["intervals"][-1]["causes"][0]
    assert cause["id"] == "insufficient_capacity", report["intervals"]
    assert any("no layer adds a bias" in e["text"] for e in cause["evidence"])
    assert "use_bias=True" in cause["fix"]
    report = report_of(tmp_path / "biased", s, _bias_free_config(True), calibrated=False)
    assert not any("no layer adds a bias" in t for t in _evidence(report))


def test_a_sigmoid_simple_rnn_loses_the_gradient_over_a_short_sequence(tmp_path):
    """SimpleRNN(activation='sigmoid') over 24 steps: the slope of at most 1/4 takes 14
    decades off the gradient through time, though 24 steps of tanh are no problem. The fix
    names the activation."""
    from tests.test_analysis import _recurrent_config
    rng = np.random.default_rng(41)
    s = healthy_signals(loss=flat_loss(rng, math.log(2), 0.004))
    s["target_classes"] = np.tile(np.r_[0.5, 0.5, np.zeros(8)], (N, 1))
    s["targets"] = np.tile(np.array([0, 1, 0.5, 0.25, 2, 1, 0, 64]), (N, 1))
    cfg = _recurrent_config("SimpleRNN", 24)
    cfg["layers"][0]["activation"] = "sigmoid"
    report = report_of(tmp_path / "sigmoid", s, cfg)
    cause = report["intervals"][-1]["causes"][0]
    assert cause["id"] == "vanishing_gradients", report["intervals"]
    assert "activation='tanh'" in cause["fix"] and "'sigmoid'" in cause["fix"]
    report = report_of(tmp_path / "tanh", s, _recurrent_config("SimpleRNN", 24),
                       calibrated=False)
    assert not any("ungated recurrent layer" in t for t in _evidence(report))


def _death_run(tmp_path, rates):
    """ReLU layers alive until step 60, dead from then on, the loss at ln 10 after a spike;
    the logged updates small (the units that died no longer move). `rates`: the learning
    rate at each step (Adam)."""
    rng = np.random.default_rng(42)
    loss = flat_loss(rng, LN10, 0.01)
    loss[35:60] = 40.0
    s = healthy_signals(loss=loss)
    s["learning_rate"] = rates
    s["activation"][60:, :2, 0] = 1.0
    s["update_ratio"] = np.full((N, 3), 2e-4)
    s["grad_norm"][60:, :2] = 0.0
    return report_of(tmp_path, s, config(optimizer={"class": "Adam",
                                                    "config": {"learning_rate": 3.0}}))


def test_relus_killed_between_diagnostics_under_a_high_rate_are_the_learning_rates_doing(
        tmp_path):
    """A schedule with its arguments swapped returns the epoch as the rate: 0, then 1, 2,
    3 under Adam. The units die between two diagnostics, whose logged updates are small
    (before: the rate was 0; after: dead units do not move). The rate in force while they
    died was high for Adam: it killed them, and it is listed first."""
    rates = np.where(np.arange(N) < 30, 0.0, 3.0)
    report = _death_run(tmp_path / "swapped", rates)
    causes = report["intervals"][-1]["causes"]
    assert causes[0]["id"] == "learning_rate_too_high", report["intervals"]
    assert any("under a learning rate of up to 3, high for the optimizer" in e["text"]
               for e in causes[0]["evidence"]), causes[0]["evidence"]
    # The same deaths under Adam's usual rate were not the rate's doing.
    report = _death_run(tmp_path / "usual", np.full(N, 1e-3))
    assert not any("under a learning rate of up to" in t for t in _evidence(report))
    # Nor, for the rate in force now, a spike since reverted to the usual rate: the dead
    # units left from it say nothing about this interval's steps.
    spike = np.where((np.arange(N) >= 30) & (np.arange(N) < 61), 3.0, 1e-3)
    report = _death_run(tmp_path / "reverted", spike)
    assert not any("under a learning rate of up to" in t for t in _evidence(report))


def _zero_branch_run(tmp_path, spread_after_start):
    """A net that reaches 13% of the constant's loss through a linear skip path while its
    hidden layer dense_1 started with Zeros kernels; `spread_after_start`: that layer's
    output spread from the second diagnostic on (0: its units never broke symmetry)."""
    rng = np.random.default_rng(43)
    s = healthy_signals(loss=0.135 + 0.9 * np.exp(-20 * T_AXIS) + 0.01 * rng.standard_normal(N))
    s["targets"] = np.tile(np.array([-3.0, 3.0, 0.0, 1.04, 64, 0, 0, 64]), (N, 1))
    s["activation"][:, 1] = [1.0, np.nan, 0.0, 0.0]
    s["activation"][1:, 1] = [0.5, np.nan, 0.2, spread_after_start] if spread_after_start \
        else [1.0, np.nan, 0.0, 0.0]
    cfg = config(loss={"name": "mse"}, output_activation="linear", output_units=1)
    cfg["layers"][-1].update(units=1, activation="linear", params=65)
    cfg["layers"][1]["kernel_initializer"] = {"class": "Zeros", "config": {}}
    return report_of(tmp_path, s, cfg)


def test_zero_initialised_units_that_never_break_symmetry_are_a_problem_at_a_good_loss(
        tmp_path):
    """The zeros meant for a residual branch's last layer (Fixup) went on its first: its
    units output exactly the same (0) for every example to the end, and the model learns
    through the skip path alone, to a loss that looks good. A layer that starts at zero and
    then learns (the branch's last layer, as Fixup meant) is converged."""
    report = _zero_branch_run(tmp_path / "never", 0.0)
    cause = _stalled_with(report, "poor_initialization")
    assert "zero-initialise only its last layer" in cause["fix"]
    report = _zero_branch_run(tmp_path / "learns", 0.4)
    assert report["verdict"] == "converged", report["intervals"]


def _constant_kernels_run(tmp_path, constant, dropout=False):
    """A softmax classifier whose loss falls to 30% of ln 10 and stays (a good level), with
    the hidden layers named in `constant` started from Constant(0.05) kernels (the rest
    Glorot); `dropout`: a Dropout(0.2) between dense and dense_1."""
    rng = np.random.default_rng(59)
    s = healthy_signals(loss=0.3 * math.log(10) + 2.0 * np.exp(-20 * T_AXIS)
                        + 0.005 * rng.standard_normal(N))
    cfg = config()
    for layer in cfg["layers"]:
        if layer["name"] in constant:
            layer["kernel_initializer"] = {"class": "Constant", "config": {"value": 0.05}}
            layer["bias_initializer"] = {"class": "Zeros", "config": {}}
    if dropout:
        cfg["layers"].insert(1, {"name": "dropout", "class": "Dropout", "params": 0,
                                 "rate": 0.2})
    return report_of(tmp_path, s, cfg)


def test_units_that_start_and_stay_exact_copies_are_a_problem_at_a_good_loss(tmp_path):
    """dense and dense_1 both start from a Constant kernel: each of dense's 64 units outputs
    the same and gets the same gradient back through dense_1's identical rows, so they stay
    copies for good, however low the loss gets: poor initialization, at a good level. With
    dense_1 drawn at random (its rows differ, so dense's units part), or a Dropout between
    them (its masks part them), the run is converged."""
    report = _constant_kernels_run(tmp_path / "both", ("dense", "dense_1"))
    cause = _stalled_with(report, "poor_initialization")
    assert any("each of dense's 64 units computes the same output" in e["text"]
               for e in cause["evidence"])
    for name, constant, dropout in (("first", ("dense",), False),
                                    ("dropout", ("dense", "dense_1"), True)):
        report = _constant_kernels_run(tmp_path / name, constant, dropout)
        assert report["verdict"] == "converged", (name, report["intervals"])


def _example_dropout_run(tmp_path, noise_shape):
    """MSE regression flat at 62% of the constant's, a Dropout(0.5) after the first layer
    with `noise_shape` (None: Keras's default)."""
    rng = np.random.default_rng(44)
    s = healthy_signals(loss=0.54 + 0.5 * np.exp(-20 * T_AXIS) + 0.02 * rng.standard_normal(N))
    s["targets"] = np.tile(np.array([-3.0, 3.0, 0.0, 0.87, 64, 0, 0, 64]), (N, 1))
    cfg = config(loss={"name": "mse"}, output_activation="linear", output_units=1)
    cfg["layers"][-1].update(units=1, activation="linear", params=65)
    dropout = {"name": "dropout", "class": "Dropout", "rate": 0.5,
               "input_shape": [None, 64], "output_shape": [None, 64]}
    if noise_shape is not None:
        dropout["settings"] = {"noise_shape": noise_shape}
    cfg["layers"].insert(1, dropout)
    return report_of(tmp_path, s, cfg)


def test_a_dropout_mask_drawn_once_per_example_drops_whole_examples(tmp_path):
    """Dropout(0.5, noise_shape=(None, 1)), meant as one mask over the features: each step
    half the examples lose the whole hidden layer, and the loss bounces at 62% of the
    constant's. The usual dropout at the same rate is not called over-regularization there."""
    report = _example_dropout_run(tmp_path / "per_example", [None, 1])
    cause = _stalled_with(report, "over_regularization")
    assert any("noise_shape (None, 1): one keep-or-drop per example" in e["text"]
               for e in cause["evidence"]), cause["evidence"]
    assert "noise_shape=(1, 64)" in cause["fix"]
    for usual in (None, [1, 64], [None, 64]):
        report = _example_dropout_run(tmp_path / str(usual).replace(" ", ""), usual)
        assert not any("keep-or-drop per example" in t for t in _evidence(report)), usual


def test_only_a_per_example_mask_is_called_dropping_examples(tmp_path):
    """A mask per example over a sequence's every position and feature is the same mistake,
    and its fix keeps the input's rank; one mask for the whole batch (noise_shape (1, 1)),
    or a mask shared across timesteps only, is not it."""
    rng = np.random.default_rng(45)
    s = healthy_signals(loss=0.54 + 0.5 * np.exp(-20 * T_AXIS) + 0.02 * rng.standard_normal(N))
    s["targets"] = np.tile(np.array([-3.0, 3.0, 0.0, 0.87, 64, 0, 0, 64]), (N, 1))
    cfg = config(loss={"name": "mse"}, output_activation="linear", output_units=1)
    cfg["layers"][-1].update(units=1, activation="linear", params=65)
    dropout = {"name": "dropout", "class": "Dropout", "rate": 0.5,
               "input_shape": [None, 20, 64], "output_shape": [None, 20, 64],
               "settings": {"noise_shape": [None, 1, 1]}}
    cfg["layers"].insert(1, dropout)
    cause = report_of(tmp_path / "sequence", s, cfg)["intervals"][-1]["causes"][0]
    assert cause["id"] == "over_regularization"
    assert "noise_shape=(1, 1, 64)" in cause["fix"], cause["fix"]
    for noise in ([1, 1, 1], [None, 1, 64]):
        dropout["settings"]["noise_shape"] = noise
        report = report_of(tmp_path / str(noise).replace(" ", ""), s, cfg, calibrated=False)
        assert not any("keep-or-drop per example" in t for t in _evidence(report)), noise


def test_squashing_units_or_an_input_offset_are_not_a_bias_free_model(tmp_path):
    """sigmoid(0) = 1/2 is an offset, and so is an adapted Normalization's mean or a
    Rescaling's offset: such a model without biases is not positively homogeneous."""
    rng = np.random.default_rng(46)
    s = healthy_signals(loss=flat_loss(rng, 0.607, 0.004))
    s["targets"] = np.tile(np.array([0, 1, 0.75, 0.1875, 2, 1, 0, 64]), (N, 1))
    cfg = _bias_free_config(False)
    cfg["layers"][0]["activation"] = "sigmoid"
    report = report_of(tmp_path / "sigmoid", s, cfg, calibrated=False)
    assert not any("no layer adds a bias" in t for t in _evidence(report))
    for first in ({"name": "norm", "class": "Normalization", "identity": False},
                  {"name": "scale", "class": "Rescaling",
                   "settings": {"scale": 1.0, "offset": -0.5}}):
        cfg = _bias_free_config(False)
        cfg["layers"].insert(0, first)
        report = report_of(tmp_path / first["name"], s, cfg, calibrated=False)
        assert not any("no layer adds a bias" in t for t in _evidence(report)), first["name"]


def _descent_run(tmp_path, loss):
    """A small CNN under plain SGD at 0.1 on 5 balanced classes: its updates ~0.01 x the
    weights, 0.04 x at a few steps mid-run (large, as plain SGD's are)."""
    s = healthy_signals(loss=loss)
    s["target_classes"] = np.tile(np.r_[np.full(5, 0.2), np.zeros(5)], (N, 1))
    s["targets"] = np.tile(np.array([0, 4, 2.0, 2.0, 5, 1, 0, 64]), (N, 1))
    s["update_ratio"] = np.tile([0.01, 0.012, 0.011], (N, 1))
    s["update_ratio"][150:155] = [0.04, 0.04, 0.035]
    s["learning_rate"] = np.full(N, 0.1)
    cfg = config(output_units=5, optimizer={"class": "SGD", "config": {"learning_rate": 0.1}})
    cfg["layers"][-1].update(units=5, params=325)
    return report_of(tmp_path, s, cfg, calibrated=False)


def test_a_steady_descent_through_noisy_batches_is_not_an_oscillation(tmp_path):
    """The loss leaves ln 5 and falls steadily to a third of it over the run, each batch
    scattered by a tenth of its level: its second half still falls by half. The parts' medians
    differ because the loss goes down, not because it swings, so no oscillation is claimed
    and the run is not stalled; swings between two levels near ln 5 are an oscillation."""
    rng = np.random.default_rng(40)
    trend = 1.6 - 1.25 * T_AXIS
    report = _descent_run(tmp_path / "descent", trend * (1 + 0.1 * rng.standard_normal(N)))
    assert report["verdict"] != "stalled", report["intervals"]
    assert not any("oscillates" in t for t in _evidence(report))
    swing = 1.5 * (1 + 0.35 * np.sign(np.sin(np.linspace(0, 9 * np.pi, N))))
    report = _descent_run(tmp_path / "swinging", swing * (1 + 0.1 * rng.standard_normal(N)))
    assert any("oscillates" in t for t in _evidence(report)), report["intervals"]


def test_a_descent_that_lingers_then_drops_is_not_an_oscillation(tmp_path):
    """The loss lingers near ln 5 for half the run, then drops in an S to a tenth of it (an
    LSTM under plain SGD finding its way): in its second half the parts' medians fall from
    1.2 to 0.16, a curve no straight line follows, yet never rise. No oscillation is
    claimed and the run is not stalled (swings between two levels still are: the test
    above)."""
    rng = np.random.default_rng(41)
    s_curve = 0.15 + 1.45 / (1 + np.exp((T_AXIS - 0.6) * 14))
    report = _descent_run(tmp_path / "s_curve", s_curve * (1 + 0.05 * rng.standard_normal(N)))
    assert report["verdict"] != "stalled", report["intervals"]
    assert not any("oscillates" in t for t in _evidence(report))


def _class_bias_run(tmp_path, bias, freq=(0.09375, 0.71875, 0.0625, 0.125)):
    """Four classes at 9%, 72%, 6% and 13%, a softmax head whose biases start at `bias`
    (serialised as Keras writes a numpy array); the loss flat at ~370 from the first batch,
    the last hidden ReLU layer killed by step 41 after updates of 0.09 x its weights."""
    rng = np.random.default_rng(41)
    s = healthy_signals(loss=flat_loss(rng, 370.0, 2.0))
    s["target_classes"] = np.tile(freq, (N, 1))
    s["targets"] = np.tile(np.array([0, 3, 1.22, 0.61, 4, 1, 0, 64]), (N, 1))
    s["activation"][40:, 1, 0] = 1.0  # alive at the start, dead from step 41
    s["update_ratio"][:40] = [0.09, 0.09, 0.09]
    s["learning_rate"] = np.full(N, 0.01)
    cfg = config(output_units=4,
                 optimizer={"class": "SGD", "config": {"learning_rate": 0.01, "momentum": 0.9}})
    cfg["layers"][-1].update(units=4, params=260, bias_initializer={
        "class": "Constant", "config": {"value": {"class_name": "__numpy__", "config": {
            "dtype": "float32", "value": list(bias)}}}})
    names = dict(NAMES, target_classes=["0", "1", "2", "3"])
    return _report(tmp_path, s, cfg, names, EXTRA, calibrated=False)


def test_output_biases_set_to_class_counts_are_poor_initialization(tmp_path):
    """The softmax's biases were set to the classes' counts where their log-frequencies
    were meant: every starting prediction is certain of the largest count's class, the first
    batch costs hundreds of nats, and the huge gradients killed the ReLUs. The start is the
    root cause, before the dead units and the steps; log-priors and zeros are not called far
    off."""
    report = _class_bias_run(tmp_path / "counts", [312.0, 1207.0, 309.0, 220.0])
    cause = report["intervals"][-1]["causes"][0]
    assert cause["id"] == "poor_initialization", report["intervals"]
    assert any("biases that alone score" in e["text"] for e in cause["evidence"])
    assert "np.log(counts / counts.sum())" in cause["fix"]
    assert "near-certain of one class" in cause["summary"]
    priors = np.log([0.09375, 0.71875, 0.0625, 0.125])
    report = _class_bias_run(tmp_path / "log_priors", priors)
    assert not any("biases that alone score" in t for t in _evidence(report))
    # Zero biases (the Keras default) start at the uniform guess however rare the other
    # classes are: far above the label entropy of 99.7% in one class, but no bad start.
    report = _class_bias_run(tmp_path / "zeros", np.zeros(4), (0.997, 0.001, 0.001, 0.001))
    assert report["intervals"], report
    assert not any("biases that alone score" in t for t in _evidence(report))


def _bounded_logits_run(tmp_path, low, high, level, widen_from=None):
    """Six balanced classes, a cross-entropy on logits (a cosine head), the probe's logits
    spanning [low, high] at every diagnostic, the loss flat at `level`."""
    rng = np.random.default_rng(42)
    s = healthy_signals(loss=flat_loss(rng, level, 0.005))
    s["target_classes"] = np.tile(np.r_[np.full(6, 1 / 6), np.zeros(4)], (N, 1))
    s["targets"] = np.tile(np.array([0, 5, 2.5, 2.9, 6, 1, 0, 64]), (N, 1))
    s["predictions"] = np.tile([0.0, 0.4, low, high, 0.0], (N, 1))
    if widen_from is not None:
        s["predictions"][:, 3] = np.linspace(widen_from, high, N)
    cfg = config(output_units=6, output_activation="linear",
                 loss={"name": "sparse_categorical_crossentropy",
                       "class": "SparseCategoricalCrossentropy", "from_logits": True})
    cfg["layers"][-1].update(units=6, activation="linear", params=390)
    return report_of(tmp_path, s, cfg, calibrated=False)


def test_logits_held_in_a_narrow_range_pin_the_loss_at_their_floor(tmp_path):
    """The logits stay within [-0.2, 0.92]: no class can get more than e^1.12 / (e^1.12 + 5)
    = 38%, so every example costs at least 0.97, and the loss sits at 0.99. The head bounds
    them (a cosine similarity without its scale): a mismatch between output and loss. Logits
    spread over [-4, 4] allow far lower, so the same loss there says nothing of a bound; nor
    do logits still widening, or the small logits of a model that learned nothing."""
    report = _bounded_logits_run(tmp_path / "bounded", -0.2, 0.92, 0.99)
    cause = _stalled_with(report, "loss_activation_mismatch")
    assert any("floor of that range" in e["text"] for e in cause["evidence"])
    assert "s = 16-64" in cause["fix"]
    report = _bounded_logits_run(tmp_path / "wide", -4.0, 4.0, 0.99)
    assert not any("floor of that range" in t for t in _evidence(report))
    # Still widening: the model is still growing surer.
    report = _bounded_logits_run(tmp_path / "widening", -0.2, 0.92, 0.99, widen_from=0.1)
    assert not any("floor of that range" in t for t in _evidence(report))
    # A model that learned nothing (a rate too low, dead units) has small logits as its
    # symptom: they are no proof of a bound.
    report = _bounded_logits_run(tmp_path / "nothing", -0.2, 0.2, math.log(6))
    assert report["verdict"] == "stalled", report
    assert not any("floor of that range" in t for t in _evidence(report))


def _tanh_logits_run(tmp_path, level, activation="tanh", low=-1.0, high=1.0):
    """Four balanced classes under a cross-entropy on logits whose output layer has
    `activation`, the probe's outputs spanning [low, high], the loss flat at `level` from
    early on (a quarter of ln 4: a level the verdict calls good)."""
    rng = np.random.default_rng(43)
    loss = level + (math.log(4) - level) * np.exp(-30 * T_AXIS) + 0.002 * rng.standard_normal(N)
    s = healthy_signals(loss=loss)
    s["target_classes"] = np.tile(np.r_[np.full(4, 0.25), np.zeros(6)], (N, 1))
    s["targets"] = np.tile(np.array([0, 3, 1.5, 1.1, 4, 1, 0, 64]), (N, 1))
    s["predictions"] = np.tile([0.0, 0.6, low, high, 0.0], (N, 1))
    cfg = config(output_units=4, output_activation=activation,
                 loss={"name": "sparse_categorical_crossentropy",
                       "class": "SparseCategoricalCrossentropy", "from_logits": True})
    cfg["layers"][-1].update(units=4, activation=activation, params=260)
    return report_of(tmp_path, s, cfg)


def test_a_tanh_output_under_a_loss_on_logits_pins_the_loss_at_its_floor(tmp_path):
    """activation='tanh' on the last layer 'to keep the logits bounded' under
    from_logits=True: with four classes, logits in [-1, 1] cap a class at e^2 / (e^2 + 3) =
    71%, so the loss cannot go below ln(1 + 3 e^-2) = 0.341, and it flattens there, a quarter
    of ln 4. The level looks good, but the bound is the output's: a stall with the mismatch
    first. A linear head at the same loss whose logits spread over [-4, 4] is not held by
    anything (converged), nor is a tanh head whose loss flattened well above its floor."""
    floor = math.log1p(3 * math.exp(-2))
    report = _tanh_logits_run(tmp_path / "tanh", floor)
    cause = _stalled_with(report, "loss_activation_mismatch")
    assert any("tanh activation confines the logits" in e["text"] for e in cause["evidence"])
    assert "drop any bounding activation (tanh)" in cause["fix"]
    report = _tanh_logits_run(tmp_path / "linear", floor, activation="linear", low=-4.0,
                              high=4.0)
    assert report["verdict"] == "converged" and not report["intervals"], report
    report = _tanh_logits_run(tmp_path / "above", 0.6)
    assert not any("floor of that range" in t for t in _evidence(report))


def _cut_run(tmp_path, trainable=True, level=0.85, saturated=0.0, activation="linear"):
    """A regression MLP whose first two layers get exactly zero gradient from the first
    step (a snapping to a grid between dense_1 and dense_2), while their outputs vary and
    few units are dead; the loss flat at 85% of the constant's."""
    rng = np.random.default_rng(43)
    s = healthy_signals(loss=flat_loss(rng, level, 0.01))
    s["targets"] = np.tile(np.array([-3.0, 3.0, 0.0, 1.0, 64, 0, 0, 64]), (N, 1))
    s["grad_norm"] = np.tile([0.0, 0.0, 0.2], (N, 1))
    s["update_ratio"] = np.tile([0.0, 0.0, 1e-3], (N, 1))
    s["activation"][:, :2] = [0.1, saturated, 0.2, 0.3]
    s["activation"][:, 2] = [0.0, np.nan, 0.0, 0.9]
    cfg = config(output_activation="linear", output_units=1, loss={"name": "mse"})
    cfg["layers"][-1].update(units=1, activation="linear", params=65)
    cfg["layers"].insert(2, {"name": "snap", "class": "FakeQuant", "params": 0})
    for layer in cfg["layers"][:2]:
        layer["activation"] = activation
        layer["trainable"] = trainable
    extra = {"activation": {"activations": [activation, activation, "linear"]}}
    return _report(tmp_path, s, cfg, NAMES, extra, calibrated=False)


def test_a_gradient_cut_between_two_live_layers_is_vanishing_gradients(tmp_path):
    """Layers alive and varying that never get any gradient, while the one after them does:
    something between passes none back (the snapping layer is named). Saturated units stop
    it themselves and are not called a cut. Frozen layers
    (trainable=False) get none by design and are not told so, nor is a model that reaches
    a good loss through the rest (features held fixed on purpose for a linear probe)."""
    report = _cut_run(tmp_path / "cut")
    cause = _stalled_with(report, "vanishing_gradients")
    assert any("the gradient stops in snap" in e["text"] for e in cause["evidence"])
    assert "stop_gradient(q - x)" in cause["fix"]
    report = _cut_run(tmp_path / "frozen", trainable=False)
    assert not any("the gradient stops" in t for t in _evidence(report))
    report = _cut_run(tmp_path / "probe", level=0.7)
    assert not any("the gradient stops" in t for t in _evidence(report))
    # Tanh units pinned at +-1 vary across examples yet pass no gradient: saturation's.
    report = _cut_run(tmp_path / "saturated", saturated=0.8, activation="tanh")
    assert not any("the gradient stops" in t for t in _evidence(report))


def _offset_run(tmp_path, mean, std, normalized=False):
    """Image tiles summarised as one input feature of `mean` and `std`; the loss flat at the
    constant prediction's (ln 4)."""
    rng = np.random.default_rng(44)
    s = healthy_signals(loss=flat_loss(rng, math.log(4), 0.005))
    s["target_classes"] = np.tile(np.r_[np.full(4, 0.25), np.zeros(6)], (N, 1))
    s["targets"] = np.tile(np.array([0, 3, 1.5, 1.25, 4, 1, 0, 64]), (N, 1))
    s["inputs"] = np.tile(np.array([[mean, std, mean - 3 * std, mean + 3 * std, 0.0]]),
                          (N, 1, 1))
    cfg = config(output_units=4)
    cfg["layers"][-1].update(units=4, params=260)
    if normalized:
        cfg["layers"].insert(0, {"name": "normalization", "class": "Normalization",
                                 "params": 3})
    names = dict(NAMES, inputs=["0"])
    return _report(tmp_path, s, cfg, names, EXTRA, calibrated=False)


def test_an_input_sitting_hundreds_of_its_spreads_off_zero_is_unnormalized(tmp_path):
    """A mean pixel in 0-255 units subtracted from tiles in [0, 1]: the input sits at -116
    and varies by 0.15. The first layer sees a near-constant offset; pixels in [0, 1] (mean
    0.5, spread 0.3), a latitude of 37 +/- 2, or inputs a Normalization layer standardises in
    the model are not called offset."""
    report = _offset_run(tmp_path / "offset", -116.4, 0.154)
    cause = report["intervals"][-1]["causes"][0]
    assert cause["id"] == "unnormalized_inputs", report["intervals"]
    assert any("varies by only 0.154" in e["text"] for e in cause["evidence"])
    report = _offset_run(tmp_path / "pixels", 0.5, 0.3)
    assert not any("varies by only" in t for t in _evidence(report))
    report = _offset_run(tmp_path / "latitude", 37.0, 2.0)  # 18 spreads off zero
    assert not any("varies by only" in t for t in _evidence(report))
    report = _offset_run(tmp_path / "normalised", -116.4, 0.154, normalized=True)
    assert not any("varies by only" in t for t in _evidence(report))


def _recurrent_regression(tmp_path, recurrent, level, seed, params=None):
    """A recurrent layer (its config entry `recurrent`, named by its "name") reading 60 steps
    of 3 features and returning its last state, then a linear Dense(1) under MSE on
    standardised targets; healthy gradients and updates, the loss flat at `level` of the
    targets' variance."""
    rng = np.random.default_rng(seed)
    s = healthy_signals(loss=flat_loss(rng, level, 0.005))
    s["targets"] = np.tile(np.array([-3.0, 3.0, 0.0, 1.0, 64, 0, 0, 64]), (N, 1))
    s["activation"] = np.tile(np.array([[0.0, 0.0, 0.0, 0.4], [0.0, 0.0, 0.0, 0.6]]),
                              (N, 1, 1))
    s["grad_norm"] = np.tile([0.2, 0.3], (N, 1))
    s["weight_norm"] = np.tile([6.0, 2.0], (N, 1))
    s["update_ratio"] = np.tile([1e-3, 2e-3], (N, 1))
    name = recurrent["name"]
    layers = [dict({"units": 32, "activation": "tanh", "input_shape": [None, 60, 3],
                    "output_shape": [None, 32],
                    "kernel_initializer": {"class": "GlorotUniform", "config": {}}},
                   **recurrent),
              {"name": "dense", "class": "Dense", "units": 1, "activation": "linear",
               "params": 33, "kernel_initializer": {"class": "GlorotUniform", "config": {}}}]
    for extra_layer in params or []:
        layers.insert(0, extra_layer)
    cfg = config(layers=layers, output_units=1, output_activation="linear",
                 loss={"name": "mse"},
                 model={"class": "Functional", "params": 5000, "trainable_params": 5000})
    names = dict(NAMES, grad_norm=[name, "dense"], weight_norm=[name, "dense"],
                 update_ratio=[name, "dense"], activation=[name, "dense"])
    extra = {"activation": {"activations": ["tanh", "linear"]}}
    return _report(tmp_path, s, cfg, names, extra, calibrated=False)


def _backwards_run(tmp_path, backwards, cls="SimpleRNN", paired=False):
    """A SimpleRNN(32) (or `cls`) over 60 timesteps returning its last state, a linear head
    under MSE; the loss flat at 90% of the constant's. `paired`: a forward twin over the
    same sequence, as a hand-built bidirectional pair has."""
    layer = {"name": "simple_rnn", "class": cls, "params": 1152,
             "settings": {"return_sequences": False, "go_backwards": backwards}}
    twin = [dict(layer, name="forward", settings={"return_sequences": False},
                 units=32, input_shape=[None, 60, 3])] if paired else None
    return _recurrent_regression(tmp_path, layer, 0.9, 45, twin)


def test_a_recurrent_layer_reading_backwards_alone_is_vanishing_through_time(tmp_path):
    """go_backwards=True outside a Bidirectional pair: the last state ends on the first
    timestep, and what a forecast needs most is the furthest from the output, with no gate
    to carry the gradient. Read forwards, or by an LSTM, or as the backward half of a pair
    built by hand, the same model is not told so."""
    report = _backwards_run(tmp_path / "backwards", True)
    cause = report["intervals"][-1]["causes"][0]
    assert cause["id"] == "vanishing_gradients", report["intervals"]
    assert any("go_backwards=True" in e["text"] for e in cause["evidence"])
    assert "Bidirectional" in cause["fix"]
    report = _backwards_run(tmp_path / "forwards", False)
    assert not any("go_backwards" in t for t in _evidence(report))
    # A gated cell carries the gradient over the steps either way.
    report = _backwards_run(tmp_path / "lstm", True, "LSTM")
    assert not any("go_backwards" in t for t in _evidence(report))
    report = _backwards_run(tmp_path / "pair", True, paired=True)
    assert not any("go_backwards" in t for t in _evidence(report))
    # Inside a Bidirectional wrapper (read through its view of the layer it wraps) the
    # sequence is read both ways, whatever the inner layer's go_backwards.
    wrapped = {"name": "simple_rnn", "class": "Bidirectional", "params": 2304,
               "wrapped": {"class": "SimpleRNN", "units": 32, "activation": "tanh",
                           "settings": {"return_sequences": False, "go_backwards": True}}}
    report = _recurrent_regression(tmp_path / "bidirectional", wrapped, 0.9, 45)
    assert not any("go_backwards" in t for t in _evidence(report))


def _shrinking_run(tmp_path, dead=True):
    """Eight residual blocks, each scaling its sum by 0.1 (Rescaling layers between, which
    record no initializer of their own): the activations' spread falls tenfold a block from
    the first step, and the last ReLU layer (alive at the start) ends with every unit at
    zero when `dead`; the loss at the constant's."""
    rng = np.random.default_rng(46)
    s = healthy_signals(loss=flat_loss(rng, 1.0, 0.005))
    s["targets"] = np.tile(np.array([-3.0, 3.0, 0.0, 1.0, 64, 0, 0, 64]), (N, 1))
    stds = [0.6, 0.06, 6e-3, 6e-4, 6e-5, 6e-6]
    names = ["dense"] + ["dense_%d" % i for i in range(1, 6)]
    act = np.zeros((N, 6, 4))
    act[:, :, 0] = [0.0, 0.5, 0.5, 0.5, 0.5, 0.0]
    act[:, :, 1] = np.nan
    act[:, :, 3] = stds
    if dead:
        act[20:, 4, 0] = 1.0
    s["activation"] = act
    s["grad_norm"] = np.tile([1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 0.1], (N, 1))
    s["weight_norm"] = np.tile([5.0] * 6, (N, 1))
    s["update_ratio"] = np.tile([1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-3], (N, 1))
    glorot = {"class": "GlorotUniform", "config": {}}
    zeros = {"class": "Zeros", "config": {}}
    layers = []
    for i, name in enumerate(names):
        last = i == len(names) - 1
        layers.append({"name": name, "class": "Dense", "units": 1 if last else 32,
                       "activation": "linear" if last or i == 0 else "relu", "params": 1056,
                       "kernel_initializer": glorot, "bias_initializer": zeros})
        if not last:
            layers.append({"name": "rescaling_%d" % i, "class": "Rescaling", "params": 0,
                           "kernel_initializer": None, "bias_initializer": None,
                           "settings": {"scale": 0.1, "offset": 0.0}})
    cfg = config(layers=layers, output_units=1, output_activation="linear",
                 loss={"name": "mse"},
                 model={"class": "Functional", "params": 6000, "trainable_params": 6000})
    extra = {"activation": {"activations": ["linear", "relu", "relu", "relu", "relu",
                                            "linear"]}}
    n = dict(NAMES, grad_norm=names, weight_norm=names, update_ratio=names, activation=names,
             dead_units=names)
    return _report(tmp_path, s, cfg, n, extra, calibrated=False)


def test_a_signal_shrinking_through_every_block_is_vanishing_and_its_dead_units_a_symptom(
        tmp_path):
    """Standard initialisers, layers without weights (Rescaling) recording none: the signal
    still shrinks five decades through the blocks at the first step, so the gradient
    vanishes, and the ReLU units that die deep inside, fed almost nothing, are that
    collapse's symptom: vanishing gradients first, the dead units well under it."""
    report = _shrinking_run(tmp_path / "dead")
    causes = report["intervals"][-1]["causes"]
    assert causes[0]["id"] == "vanishing_gradients", report["intervals"]
    assert any("with standard initialisers" in e["text"] for e in causes[0]["evidence"])
    assert all(c["confidence"] < 0.5 for c in causes if c["id"] == "dead_relus"), causes


def _mae_softmax_run(tmp_path, classes, drop=0.2):
    """Mean absolute error on a softmax over `classes` classes, one-hot targets; the loss
    falls from chance by `drop` of it and flattens."""
    rng = np.random.default_rng(47)
    chance = 2.0 * (1 - 1 / classes) / classes
    s = healthy_signals(loss=chance * (1 - drop + drop * np.exp(-10 * T_AXIS))
                        + 0.001 * rng.standard_normal(N))
    s["targets"] = np.tile(np.array([0, 1, 1 / classes, 1 / classes * (1 - 1 / classes), 2,
                                     1, 0, 64 * classes]), (N, 1))
    del s["target_classes"]
    cfg = config(output_units=classes, loss={"name": "mean_absolute_error",
                                             "class": "MeanAbsoluteError", "alias": "mae"})
    cfg["layers"][-1].update(units=classes, params=65 * classes)
    return report_of(tmp_path, s, cfg, calibrated=False)


def test_mean_absolute_error_through_a_wide_softmax_is_a_mismatch(tmp_path):
    """MAE on a 20-way softmax: its gradient at the start is ~200 x cross-entropy's, and the
    loss leaves chance by a fifth only. With three classes the same loss is not called a
    mismatch (the absolute error trains there)."""
    report = _mae_softmax_run(tmp_path / "twenty", 20)
    cause = _stalled_with(report, "loss_activation_mismatch")
    assert any("20-way softmax" in e["text"] for e in cause["evidence"])
    assert "categorical_crossentropy" in cause["fix"]
    report = _mae_softmax_run(tmp_path / "three", 3)
    assert not any("-way softmax" in t for t in _evidence(report))
    # MAE is also a robust loss for noisy labels: a 20-way run that trained far down under
    # it is converged, not a mismatch.
    report = _mae_softmax_run(tmp_path / "trained", 20, drop=0.9)
    assert report["verdict"] != "stalled", report["intervals"]


def _wrapped_run(tmp_path, wrapper="SpectralNormalization", level=0.85):
    """An MLP whose every layer is wrapped in `wrapper`, a regression flattening at `level`
    of the targets' variance."""
    rng = np.random.default_rng(48)
    s = healthy_signals(loss=level + 0.3 * np.exp(-20 * T_AXIS) + 0.005 * rng.standard_normal(N))
    s["targets"] = np.tile(np.array([-3.0, 3.0, 0.0, 1.0, 64, 0, 0, 64]), (N, 1))
    layers = [{"name": "spectral_normalization%s" % ("_%d" % i if i else ""), "class": wrapper,
               "params": p} for i, p in enumerate((448, 4160, 65))]
    cfg = config(layers=layers, output_units=None, output_activation=None, loss={"name": "mse"})
    return report_of(tmp_path, s, cfg, calibrated=False)


def test_spectral_normalization_on_every_layer_of_a_model_that_learned_little(tmp_path):
    """Every layer under SpectralNormalization (a GAN discriminator's recipe) and the loss at
    85% of the constant's: the 1-Lipschitz network cannot follow its targets, a constraint
    that regularises too much. A model that learned more under it (60%), or whose layers
    are wrapped in something else, is not told so."""
    report = _wrapped_run(tmp_path / "spectral")
    cause = report["intervals"][-1]["causes"][0]
    assert cause["id"] == "over_regularization", report["intervals"]
    assert any("SpectralNormalization" in e["text"] for e in cause["evidence"])
    assert cause["fix"].startswith("Remove SpectralNormalization")
    report = _wrapped_run(tmp_path / "fits", level=0.6)
    assert not any("SpectralNormalization" in t for t in _evidence(report))
    report = _wrapped_run(tmp_path / "other", wrapper="TimeDistributed")
    assert not any("SpectralNormalization" in t for t in _evidence(report))


def _monotone_run(tmp_path, constraint="NonNeg", level=0.85):
    """An MLP 64-64 relu whose every kernel is constrained by `constraint`, a regression
    flattening at `level` of the targets' variance."""
    rng = np.random.default_rng(49)
    s = healthy_signals(loss=level + 1.0 * np.exp(-15 * T_AXIS) + 0.005 * rng.standard_normal(N))
    s["targets"] = np.tile(np.array([-3.0, 3.0, 0.0, 1.0, 64, 0, 0, 64]), (N, 1))
    cfg = config(output_units=1, output_activation="linear", loss={"name": "mse"})
    cfg["layers"][-1].update(units=1, activation="linear", params=65)
    for layer in cfg["layers"]:
        layer["kernel_constraint"] = {"class": constraint, "config": {}}
    return report_of(tmp_path, s, cfg, calibrated=False)


def test_a_network_constrained_to_rise_with_every_input_is_insufficient_capacity(tmp_path):
    """NonNeg kernels and rising activations throughout: the model is non-decreasing in
    every input and flattens at 85% of the constant's loss. Capacity, with the constraints
    named in the fix; the same net with a norm constraint is not called monotone."""
    report = _monotone_run(tmp_path / "monotone")
    cause = _stalled_with(report, "insufficient_capacity")
    assert any("constrained non-negative" in e["text"] for e in cause["evidence"])
    assert "NonNeg" in cause["fix"]
    report = _monotone_run(tmp_path / "unit_norm", "UnitNorm")
    assert not any("constrained non-negative" in t for t in _evidence(report))
    # A deliberately monotone model that learned more (60%: label noise may hold it there)
    # is not told its constraint holds it.
    report = _monotone_run(tmp_path / "learned", level=0.6)
    assert report["verdict"] != "stalled", report["intervals"]


def _custom_activation_run(tmp_path, activation, dead=True):
    """Three Dense(64) layers under a hand-written `activation`, every unit of each zero for
    every probe example from the first step when `dead`, the hidden gradients exactly 0, the
    loss at the constant's."""
    rng = np.random.default_rng(50)
    s = healthy_signals(loss=flat_loss(rng, 1.0, 0.005))
    s["targets"] = np.tile(np.array([-3.0, 3.0, 0.0, 1.0, 64, 0, 0, 64]), (N, 1))
    zero = 1.0 if dead else 0.0
    s["activation"] = np.tile(np.array([[zero, np.nan, 0.0 if dead else 0.4, 0.0 if dead else 0.5]] * 3 +
                                       [[0.0, np.nan, 0.0, 0.01]]), (N, 1, 1))
    s["dead_units"] = np.tile([zero, zero, zero, 0.0], (N, 1))
    s["grad_norm"] = np.tile([0.0, 0.0, 0.0, 0.1] if dead else [0.05, 0.06, 0.08, 0.1], (N, 1))
    s["weight_norm"] = np.tile([5.0, 6.0, 6.0, 3.0], (N, 1))
    s["update_ratio"] = np.tile([0.0, 0.0, 0.0, 1e-3] if dead else [1e-3] * 4, (N, 1))
    glorot = {"class": "GlorotUniform", "config": {}}
    names4 = ["dense", "dense_1", "dense_2", "dense_3"]
    layers = [{"name": n, "class": "Dense", "units": 1 if n == "dense_3" else 64,
               "activation": "linear" if n == "dense_3" else activation, "params": 4160,
               "kernel_initializer": glorot} for n in names4]
    cfg = config(layers=layers, output_units=1, output_activation="linear",
                 loss={"name": "mse"})
    n = dict(NAMES, grad_norm=names4, weight_norm=names4, update_ratio=names4,
             activation=names4, dead_units=names4)
    extra = {"activation": {"activations": [activation] * 3 + ["linear"]}}
    return _report(tmp_path, s, cfg, n, extra, calibrated=False)


def test_units_of_a_hand_written_activation_flat_at_zero_are_dead(tmp_path):
    """A hand-written hard-swish with its shift's sign typed wrong is zero, with zero slope,
    for every pre-activation: all units output 0 for every example from the first step. Dead
    units whatever the activation is called, with its formula named in the fix; units of a
    tanh layer are never called dead."""
    report = _custom_activation_run(tmp_path / "hard_swish", "hard_swish")
    cause = report["intervals"][-1]["causes"][0]
    assert cause["id"] == "dead_relus", report["intervals"]
    assert any("(hard_swish) outputs zero for 100%" in e["text"] for e in cause["evidence"])
    assert "Check hard_swish" in cause["fix"] and "x * relu6(x + 3) / 6" in cause["fix"]
    assert "from the first step" in cause["summary"]
    report = _custom_activation_run(tmp_path / "tanh", "tanh")
    assert not any("outputs zero for" in t for t in _evidence(report))
    # The same hard-swish network alive (its units fire for some examples) is left alone.
    report = _custom_activation_run(tmp_path / "alive", "hard_swish", dead=False)
    assert not any("outputs zero for" in t for t in _evidence(report))


def _lstm_bias_run(tmp_path, forget_bias, level=1.0, unit_forget_bias=False):
    """An LSTM(32) over 60 weeks whose bias initializer is a Constant array (input, forget,
    cell and output gates' biases in Keras's order), the forget gates' at `forget_bias`; the
    loss flat at `level` of the targets' variance."""
    bias = np.concatenate([-np.asarray(forget_bias), forget_bias, np.zeros(64)])
    layer = {"name": "lstm", "class": "LSTM", "params": 4608,
             "bias_initializer": {"class": "Constant", "config": {"value": {
                 "class_name": "__numpy__", "config": {"dtype": "float64",
                                                       "value": bias.tolist()}}}},
             "settings": {"return_sequences": False, "unit_forget_bias": unit_forget_bias}}
    return _recurrent_regression(tmp_path, layer, level, 51)


def test_lstm_forget_gates_started_closed_are_poor_initialization(tmp_path):
    """A chrono initialisation with its uniform's range typed (0, 1): the forget biases are
    log(U(0, 1)), all negative, the gates start ~0.3 open and the cell forgets within a few
    weeks; the loss never leaves the constant's. Poor initialisation, with positive
    forget biases as the fix. Biases of log(U(1, 59)) (gates open), or the same closed
    gates in a model that learned (at 40%), are not told so."""
    rng = np.random.default_rng(52)
    closed = np.log(rng.uniform(0.0, 1.0, 32))
    report = _lstm_bias_run(tmp_path / "closed", closed)
    cause = report["intervals"][-1]["causes"][0]
    assert cause["id"] == "poor_initialization", report["intervals"]
    assert any("forget gates start" in e["text"] for e in cause["evidence"])
    assert "unit_forget_bias=True" in cause["fix"]
    report = _lstm_bias_run(tmp_path / "open", np.log(rng.uniform(1.0, 59.0, 32)))
    assert not any("forget gates start" in t for t in _evidence(report))
    report = _lstm_bias_run(tmp_path / "learned", closed, level=0.6)
    assert not any("forget gates start" in t for t in _evidence(report))
    # With unit_forget_bias=True (Keras's default) the forget gates start at 1 whatever the
    # initializer says.
    report = _lstm_bias_run(tmp_path / "unit_forget_bias", closed, unit_forget_bias=True)
    assert not any("forget gates start" in t for t in _evidence(report))


def _unit_norm_head_run(tmp_path, reach, rescaled=False):
    """A regression of 2-vectors whose targets reach `reach` in size, by an MLP whose head
    ends in a UnitNormalization layer; the loss settles at a third of the targets'
    variance."""
    rng = np.random.default_rng(53)
    s = healthy_signals(loss=0.35 + 0.6 * np.exp(-20 * T_AXIS) + 0.005 * rng.standard_normal(N))
    s["targets"] = np.tile(np.array([-reach, reach, 0.0, 1.0, 128, 0, 0, 128]), (N, 1))
    cfg = config(output_units=2, output_activation="linear", loss={"name": "mse"})
    cfg["layers"][-1].update(units=2, activation="linear", params=130)
    cfg["layers"].append({"name": "unit_normalization", "class": "UnitNormalization",
                          "params": 0, "settings": {"axis": -1}})
    if rescaled:
        cfg["layers"].append({"name": "rescaling", "class": "Rescaling", "params": 0,
                              "settings": {"scale": 4.0, "offset": 0.0}})
    return report_of(tmp_path, s, cfg, calibrated=False)


def test_a_unit_normalization_head_cannot_reach_larger_targets(tmp_path):
    """A UnitNormalization kept in a regression's head: every prediction has length 1, the
    targets reach 3.2. A signature (no training reaches them), so the run is a problem even
    at a third of the constant's loss; targets within a unit vector's reach are not told
    so."""
    report = _unit_norm_head_run(tmp_path / "far", 3.2)
    cause = _stalled_with(report, "loss_activation_mismatch")
    assert any("vector of length 1" in e["text"] for e in cause["evidence"])
    assert "remove unit_normalization" in cause["fix"].lower()
    report = _unit_norm_head_run(tmp_path / "near", 0.9)
    assert report["verdict"] != "stalled", report["intervals"]
    # Scaled back up after it (a Rescaling), the unit vector is no longer the prediction.
    report = _unit_norm_head_run(tmp_path / "rescaled", 3.2, rescaled=True)
    assert report["verdict"] != "stalled", report["intervals"]


def _rate_head_run(tmp_path, best_output, pred_max):
    """Counts by an MLP whose one output goes through 'exponential' under a loss the config
    does not name (a hand-written log-likelihood); the probe found the loss's best constant
    output at `best_output` and the best the exponential reaches (its floor, ~0) at 1.0, 5%
    worse; the predictions sit in [5e-5, `pred_max`]. The loss falls to 1.0 and stays."""
    rng = np.random.default_rng(54)
    s = healthy_signals(loss=1.0 + 0.8 * np.exp(-40 * T_AXIS) + 0.002 * rng.standard_normal(N))
    s["targets"] = np.tile(np.array([0.0, 7.0, 0.6875, 1.56, 6, 1, 0, 64]), (N, 1))
    s["constant_fit"] = np.tile([1.0, 4.7e-8, 0.945, best_output], (N, 1))
    s["predictions"] = np.tile([pred_max / 4, pred_max / 4, 5e-5, pred_max, 0.0], (N, 1))
    cfg = config(output_units=1, output_activation="exponential",
                 loss={"name": "rejects_nll", "class": None})
    cfg["layers"][-1].update(units=1, activation="exponential", params=65)
    return report_of(tmp_path, s, cfg, calibrated=False)


def test_outputs_pressed_against_the_activations_bound_are_a_mismatch(tmp_path):
    """A log-rate loss fed an exponential's positive rate: the loss's best constant (-0.375)
    lies below anything the output can produce, and every prediction sits at the floor.
    A mismatch although the best reachable constant scores only 5% worse; predictions that
    spread away from the floor, or a best constant inside the range, are not told so."""
    report = _rate_head_run(tmp_path / "pressed", -0.375, 0.014)
    cause = _stalled_with(report, "loss_activation_mismatch")
    assert any("pressed against the activation's bound" in e["text"] for e in cause["evidence"])
    assert "activation whose range holds" in cause["fix"]
    report = _rate_head_run(tmp_path / "spread", -0.375, 2.5)
    assert not any("pressed against" in t for t in _evidence(report))
    report = _rate_head_run(tmp_path / "inside", 0.6875, 0.014)
    assert not any("pressed against" in t for t in _evidence(report))


def _step_activation_run(tmp_path, grad, level=0.9, activation="smooth_step", spread=0.5,
                         blocked=False, share=np.nan):
    """Two Dense(32) layers under a hand-written `activation` whose outputs are 0 or 1 (mean
    0.46, std `spread`), the first layer's gradient `grad` after its first twenty steps (10
    before them, or `grad` throughout when `blocked`: a stop_gradient after it); an MSE
    regression flat at `level` of the targets' variance."""
    rng = np.random.default_rng(55)
    s = healthy_signals(loss=flat_loss(rng, level, 0.05))
    s["targets"] = np.tile(np.array([-3.0, 3.0, 0.0, 1.0, 64, 0, 0, 64]), (N, 1))
    s["activation"] = np.tile(np.array([[0.53, share, 0.46, spread], [0.5, share, 0.5, 0.5],
                                        [0.0, np.nan, 0.0, 0.3]]), (N, 1, 1))
    s["dead_units"] = np.tile([0.0, 0.4, 0.0], (N, 1))
    s["grad_norm"] = np.tile([grad, 1e-3, 3.0], (N, 1))
    if not blocked:
        s["grad_norm"][:20, 0] = 10.0  # the first layer learned until its units saturated
    cfg = config(output_units=1, output_activation="linear", loss={"name": "mse"})
    cfg["layers"][0]["activation"] = cfg["layers"][1]["activation"] = activation
    cfg["layers"][-1].update(units=1, activation="linear", params=65)
    extra = {"activation": {"activations": [activation, activation, "linear"]}}
    return _report(tmp_path, s, cfg, dict(NAMES), extra, calibrated=False)


def test_a_hand_written_step_with_zero_gradient_at_varying_outputs_is_saturated(tmp_path):
    """A 'differentiable' pass/fail step, 0.5 (1 + tanh(200 z)): its units output 0 or 1 and
    the first layer gets exactly zero gradient while its outputs still differ between
    examples. Saturated activations, though the recorder cannot log the saturated share of
    an activation it does not know. With some gradient, in a model that learned (at 40%),
    a built-in activation, outputs spread too little for two levels (a signal fading through
    depth), or a gradient zero from the first step (a stop_gradient after the layer), it is
    not said."""
    for name, share in (("step", np.nan), ("share", 0.47)):
        # (The recorder's share of outputs piled at the ends undercounts a step whose low
        # side underflows to exact zeros, which it leaves out: the zero gradient still says.)
        report = _step_activation_run(tmp_path / name, 0.0, share=share)
        cause = _stalled_with(report, "saturated_activations")
        assert any("(smooth_step) gets exactly zero gradient" in e["text"]
                   for e in cause["evidence"]), name
        assert "straight-through" in cause["fix"], name
    assert "straight-through" in cause["fix"]
    for name, kwargs in (("moving", {"grad": 0.05}), ("learned", {"grad": 0.0, "level": 0.4}),
                         ("gelu", {"grad": 0.0, "activation": "gelu"}),
                         ("fading", {"grad": 0.0, "spread": 0.1}),
                         ("blocked", {"grad": 0.0, "blocked": True})):
        report = _step_activation_run(tmp_path / name, **kwargs)
        assert not any("a step rather than a slope" in t for t in _evidence(report)), name


def _shrunk_input_run(tmp_path, size, level=0.98):
    """A CNN on 24 x 24 images whose first layer, a Resizing, brings them to size x size
    before the convolutions; binary cross-entropy flat at `level` of ln 2."""
    rng = np.random.default_rng(56)
    s = healthy_signals(loss=flat_loss(rng, level * math.log(2), 0.003))
    s["targets"] = np.tile(np.array([0, 1, 0.5, 0.25, 2, 1, 0, 64]), (N, 1))
    s["target_classes"] = np.tile([0.5, 0.5] + [0.0] * 8, (N, 1))
    layers = [
        {"name": "resizing", "class": "Resizing", "params": 0,
         "input_shape": [None, 24, 24, 1], "output_shape": [None, size, size, 1]},
        {"name": "dense", "class": "Conv2D", "filters": 16, "activation": "relu",
         "params": 160, "input_shape": [None, size, size, 1],
         "output_shape": [None, size, size, 16],
         "kernel_initializer": {"class": "GlorotUniform", "config": {}}},
        {"name": "dense_1", "class": "Conv2D", "filters": 16, "activation": "relu",
         "params": 2320, "input_shape": [None, size, size, 16],
         "output_shape": [None, size, size, 16],
         "kernel_initializer": {"class": "GlorotUniform", "config": {}}},
        {"name": "pool", "class": "GlobalMaxPooling2D", "params": 0,
         "input_shape": [None, size, size, 16], "output_shape": [None, 16]},
        {"name": "dense_2", "class": "Dense", "units": 1, "activation": "sigmoid",
         "params": 17, "kernel_initializer": {"class": "GlorotUniform", "config": {}}},
    ]
    cfg = config(layers=layers, output_units=1, output_activation="sigmoid",
                 loss={"name": "binary_crossentropy", "class": "BinaryCrossentropy",
                       "from_logits": False})
    return report_of(tmp_path, s, cfg, calibrated=False)


def test_an_input_shrunk_to_a_thumbnail_before_any_learned_layer_is_capacity(tmp_path):
    """A Resizing(4, 4) kept in front of a crack detector's convolutions: a one-pixel crack
    cannot survive it and the loss stays at ln 2. Insufficient capacity with the Resizing
    named; resized to 16 x 16 (what a gallery model keeps), or in a model that learned, it
    is not told so."""
    report = _shrunk_input_run(tmp_path / "thumbnail", 4)
    cause = _stalled_with(report, "insufficient_capacity")
    assert any("from 24x24 to 4x4 positions" in e["text"] for e in cause["evidence"])
    assert "remove resizing" in cause["fix"]
    report = _shrunk_input_run(tmp_path / "kept", 16)
    assert not any("positions before any layer" in t for t in _evidence(report))
    # A deliberate downsampling in a model that learned (at 60%: the coarse picture may be
    # what the target depends on) is not told it lost the detail.
    report = _shrunk_input_run(tmp_path / "learned", 4, level=0.6)
    assert not any("positions before any layer" in t for t in _evidence(report))


def _pooled_first_run(tmp_path, first, level=0.995):
    """48-reading traces into a GlobalAveragePooling1D, then Dense 32-32 relu and a softmax
    over three classes (`first`: the pooling is the first layer, else a Conv1D comes before
    it); the loss flat at `level` of ln 3."""
    rng = np.random.default_rng(57)
    s = healthy_signals(loss=flat_loss(rng, level * math.log(3), 0.003))
    s["targets"] = np.tile(np.array([0, 2, 1.0, 0.67, 3, 1, 0, 64]), (N, 1))
    s["target_classes"] = np.tile([1 / 3] * 3 + [0.0] * 7, (N, 1))
    conv = {"name": "conv1d", "class": "Conv1D", "filters": 16, "activation": "relu",
            "params": 96, "input_shape": [None, 48, 1], "output_shape": [None, 48, 16],
            "kernel_initializer": {"class": "GlorotUniform", "config": {}}}
    width = 1 if first else 16
    layers = ([] if first else [conv]) + [
        {"name": "pool", "class": "GlobalAveragePooling1D", "params": 0,
         "input_shape": [None, 48, width], "output_shape": [None, width],
         "settings": {"data_format": "channels_last", "keepdims": False}},
        {"name": "dense", "class": "Dense", "units": 32, "activation": "relu",
         "params": 32 * (width + 1), "kernel_initializer": {"class": "GlorotUniform", "config": {}}},
        {"name": "dense_1", "class": "Dense", "units": 32, "activation": "relu",
         "params": 1056, "kernel_initializer": {"class": "GlorotUniform", "config": {}}},
        {"name": "dense_2", "class": "Dense", "units": 3, "activation": "softmax",
         "params": 99, "kernel_initializer": {"class": "GlorotUniform", "config": {}}},
    ]
    cfg = config(layers=layers, output_units=3)
    return report_of(tmp_path, s, cfg, calibrated=False)


def test_a_global_pooling_straight_after_the_input_is_capacity(tmp_path):
    """GlobalAveragePooling1D placed first 'so the net takes traces of any length': all the
    layers after it see of a trace is its mean, and the loss stays at ln 3. Insufficient
    capacity, the pooling named; after a convolution (which computes features to pool), or
    in a model that learned (at 60%), it is not told so."""
    report = _pooled_first_run(tmp_path / "first", True)
    cause = _stalled_with(report, "insufficient_capacity")
    assert any("pool shrinks each input from 48 to 1 positions" in e["text"]
               for e in cause["evidence"])
    assert "remove pool" in cause["fix"]
    report = _pooled_first_run(tmp_path / "after_conv", False)
    assert not any("positions before any layer" in t for t in _evidence(report))
    report = _pooled_first_run(tmp_path / "learned", True, level=0.6)
    assert not any("positions before any layer" in t for t in _evidence(report))


def _pointwise_run(tmp_path, kernel, level=0.63, embedding=False):
    """16 x 16 drill-core photographs of 4 ore types through Conv2D(8) -> MaxPooling2D(2) ->
    Conv2D(16), both of kernel_size `kernel`, then GlobalAveragePooling2D and a softmax (with
    `embedding`, an Embedding bag of 64 ids instead: Embedding -> GlobalAveragePooling1D);
    the loss flat at `level` of ln 4."""
    rng = np.random.default_rng(58)
    s = healthy_signals(loss=flat_loss(rng, level * math.log(4), 0.003))
    s["targets"] = np.tile(np.array([0, 3, 1.5, 1.12, 4, 1, 0, 64]), (N, 1))
    s["target_classes"] = np.tile([0.25] * 4 + [0.0] * 6, (N, 1))
    glorot = {"class": "GlorotUniform", "config": {}}
    if embedding:
        layers = [{"name": "embedding", "class": "Embedding", "params": 64 * 16,
                   "input_shape": [None, 32], "output_shape": [None, 32, 16],
                   "embeddings_initializer": {"class": "RandomUniform", "config": {}},
                   "settings": {"input_dim": 64, "output_dim": 16}},
                  {"name": "pool", "class": "GlobalAveragePooling1D", "params": 0,
                   "input_shape": [None, 32, 16], "output_shape": [None, 16]}]
    else:
        size = [kernel, kernel]
        layers = [
            {"name": "conv2d", "class": "Conv2D", "filters": 8, "activation": "relu",
             "params": 8 * (kernel * kernel + 1), "input_shape": [None, 16, 16, 1],
             "output_shape": [None, 16, 16, 8], "kernel_initializer": glorot,
             "settings": {"kernel_size": size, "strides": [1, 1], "dilation_rate": [1, 1],
                          "padding": "same"}},
            {"name": "max_pooling2d", "class": "MaxPooling2D", "params": 0,
             "input_shape": [None, 16, 16, 8], "output_shape": [None, 8, 8, 8],
             "settings": {"pool_size": [2, 2], "strides": [2, 2], "padding": "valid"}},
            {"name": "conv2d_1", "class": "Conv2D", "filters": 16, "activation": "relu",
             "params": 16 * (8 * kernel * kernel + 1), "input_shape": [None, 8, 8, 8],
             "output_shape": [None, 8, 8, 16], "kernel_initializer": glorot,
             "settings": {"kernel_size": size, "strides": [1, 1], "dilation_rate": [1, 1],
                          "padding": "same"}},
            {"name": "pool", "class": "GlobalAveragePooling2D", "params": 0,
             "input_shape": [None, 8, 8, 16], "output_shape": [None, 16]}]
    layers.append({"name": "dense", "class": "Dense", "units": 4, "activation": "softmax",
                   "params": 68, "kernel_initializer": glorot})
    cfg = config(layers=layers, output_units=4)
    return report_of(tmp_path, s, cfg, calibrated=False)


def test_convolutions_all_of_kernel_size_one_before_a_global_pooling_are_capacity(tmp_path):
    """A CNN written with kernel_size=1 (3 meant): each filter sees one pixel, and after the
    2 x 2 pooling a 2 x 2 window, so the model tells bright nuggets from dark rock but never a
    vein's direction, and settles at 63% of ln 4. Insufficient capacity, though the model
    learned (a bag of one-pixel features is no design for photographs), with the window and
    a wider kernel as its fix. With 3 x 3 kernels, or an Embedding bag (a design: a bag of
    words), at the same level, that is not said."""
    report = _pointwise_run(tmp_path / "pointwise", 1)
    cause = _stalled_with(report, "insufficient_capacity")
    assert any("convolutions that all have kernel_size 1 (conv2d, conv2d_1)" in e["text"] and
               "a 2x2 window of positions" in e["text"] for e in cause["evidence"])
    assert "kernel_size=3" in cause["fix"]
    for name, kernel, embedding in (("three", 3, False), ("bag", 1, True)):
        report = _pointwise_run(tmp_path / name, kernel, embedding=embedding)
        assert report["intervals"] == [], (name, report["intervals"])
        assert not any("kernel_size 1" in t for t in _evidence(report))


def _constraint_death_run(tmp_path, moved, cut_at_head=False, once=False, cut_from_start=False):
    """An MLP 64-64-64 relu under Adam 1e-3 whose ReLU layers die around step 40 (62% of
    the second's units, 66% of the third's; the first two layers' gradients exactly 0
    afterwards, the third's not, or with `cut_at_head` the third's too); each update moves
    the hidden layers' weights by `moved` x what Adam can step (1e-3 sqrt(their count))."""
    rng = np.random.default_rng(57)
    s = healthy_signals(loss=0.85 + 0.15 * np.exp(-10 * T_AXIS) + 0.01 * rng.standard_normal(N))
    s["targets"] = np.tile(np.array([-3.0, 3.0, 0.0, 1.0, 64, 0, 0, 64]), (N, 1))
    alive = STEPS < 40
    s["activation"] = np.where(
        alive[:, None, None],
        np.array([[0.5, np.nan, 0.3, 0.5], [0.6, np.nan, 0.1, 0.2], [0.6, np.nan, 0.1, 0.2],
                  [0.0, np.nan, 0.0, 0.1]]),
        np.array([[0.5, np.nan, 0.3, 0.5], [0.8, np.nan, 0.01, 0.02],
                  [0.82, np.nan, 0.02, 0.05], [0.0, np.nan, 0.0, 0.1]]))
    s["dead_units"] = np.where(alive[:, None], [0.0, 0.02, 0.03, 0.0], [0.0, 0.62, 0.66, 0.0])
    s["grad_norm"] = np.where(alive[:, None], [0.05, 0.08, 0.08, 0.1],
                              [0.0, 0.0, 0.0 if cut_at_head else 0.27, 0.27])
    s["weight_norm"] = np.tile([8.0, 8.0, 8.0, 1.4], (N, 1))
    s["update_ratio"] = np.tile([moved * 1e-3 * np.sqrt(704) / 8.0,
                                 moved * 1e-3 * np.sqrt(4160) / 8.0,
                                 moved * 1e-3 * np.sqrt(4160) / 8.0, 1e-3], (N, 1))
    if once:  # only the first update is that large (a constraint projecting the start)
        s["update_ratio"][1:, :3] = 5e-4
    if cut_from_start:
        s["grad_norm"][:, :2] = 0.0
    glorot = {"class": "GlorotUniform", "config": {}}
    names4 = ["dense", "dense_1", "dense_2", "dense_3"]
    layers = [{"name": n, "class": "Dense", "units": 1 if n == "dense_3" else 64,
               "activation": "linear" if n == "dense_3" else "relu",
               "params": {"dense": 704, "dense_3": 65}.get(n, 4160),
               "kernel_initializer": glorot} for n in names4]
    cfg = config(layers=layers, output_units=1, output_activation="linear",
                 loss={"name": "mse"})
    n = dict(NAMES, grad_norm=names4, weight_norm=names4, update_ratio=names4,
             activation=names4, dead_units=names4)
    extra = {"activation": {"activations": ["relu"] * 3 + ["linear"]}}
    return _report(tmp_path, s, cfg, n, extra, calibrated=False)


def test_relus_killed_by_updates_the_optimizer_cannot_make_are_not_the_learning_rate(
        tmp_path):
    """A decay written as a kernel constraint w - 0.01 moves every weight by 0.01 a step, ten
    times what Adam at 1e-3 can: the ReLU layers go negative and die (62% and 66% of units,
    the first two layers cut off with exactly zero gradient). Dead ReLUs first, with the
    constraint's kind named;
    updates Adam can make at its rate (2.5x its typical step) still point at the rate."""
    report = _constraint_death_run(tmp_path / "constraint", 10.0)
    cause = report["intervals"][-1]["causes"][0]
    assert cause["id"] == "dead_relus", report["intervals"]
    assert any("exactly zero gradient while 62% or more" in e["text"] for e in cause["evidence"])
    assert "besides the optimizer" in cause["summary"] and "constraint" in cause["fix"]
    report = _constraint_death_run(tmp_path / "adam", 2.5)
    assert not any("besides the optimizer" in c["summary"]
                   for i in report["intervals"] for c in i["causes"])
    # Only the first update that large (a constraint projecting the initial weights once,
    # RMSprop's first step): the optimizer's own steps after it.
    report = _constraint_death_run(tmp_path / "once", 10.0, once=True)
    assert not any("besides the optimizer" in c["summary"]
                   for i in report["intervals"] for c in i["causes"])
    # Zero gradient from the first step (a stop_gradient after the layers): a blocked path,
    # not units cut off by dying.
    report = _constraint_death_run(tmp_path / "blocked", 10.0, cut_from_start=True)
    assert not any("exactly zero gradient while" in t for t in _evidence(report))
    # Cut off up to the output layer alone, the head is what passes no gradient back: the
    # zero gradients are not told to be the dead units'.
    report = _constraint_death_run(tmp_path / "head", 10.0, cut_at_head=True)
    assert not any("get exactly zero gradient while" in t or "gets exactly zero gradient while"
                   in t for t in _evidence(report))


def _penalty_run(tmp_path, probe_loss, pred_mean=3.8, pred_std=4.9, grown=False,
                 reduction=None):
    """A Bayesian MLP regression (MSE) whose loss falls from 3000 to `probe_loss`; the
    probe's predictions have mean `pred_mean` and spread `pred_std` against targets of mean
    0.16 and variance 0.8."""
    rng = np.random.default_rng(58)
    s = healthy_signals(loss=probe_loss + 3000 * np.exp(-12 * T_AXIS)
                        + 0.01 * probe_loss * rng.standard_normal(N))
    s["targets"] = np.tile(np.array([-2.07, 2.2, 0.16, 0.8, 64, 0, 0, 64]), (N, 1))
    s["predictions"] = np.tile([pred_mean, pred_std, -4.3, 19.8, 0.0], (N, 1))
    s["probe_loss"] = probe_loss + 3000 * np.exp(-12 * T_AXIS)
    if grown:  # weights blown up tenfold (a high rate), inflating an ordinary penalty
        s["weight_norm"] = s["weight_norm"] * np.linspace(1.0, 10.0, N)[:, None]
    loss = {"name": "mse"}
    if reduction:
        loss["config"] = {"reduction": reduction}
    cfg = config(output_units=1, output_activation="linear", loss=loss,
                 optimizer={"class": "Adam", "config": {"learning_rate": 0.01}},
                 probe={"examples": 64})
    cfg["layers"][-1].update(units=1, activation="linear", params=65)
    return report_of(tmp_path, s, cfg, calibrated=False)


def test_a_loss_made_mostly_of_regularisation_terms_is_over_regularization(tmp_path):
    """A Bayes-by-backprop KL summed over the data set and not divided by its size: the
    loss sits at 113 where the predictions' squared error is at most 46 and no better than
    a constant. Over-regularisation, not a learning rate overshooting above the constant's
    loss; a loss that is all data term (predictions this far off) is not told so."""
    report = _penalty_run(tmp_path / "kl", 113.0)
    cause = _stalled_with(report, "over_regularization")
    assert any("regularisation terms make at least" in e["text"] for e in cause["evidence"])
    assert "divided by the number of training examples" in cause["fix"]
    assert not any("worse than predicting a constant" in t for t in _evidence(report))
    report = _penalty_run(tmp_path / "data", 40.0)
    assert not any("regularisation terms make" in t for t in _evidence(report))
    # Weights grown tenfold (a rate blowing them up inflates an ordinary L2 term), or a
    # loss summed over the batch (its data term is the large number): not over-regularization.
    report = _penalty_run(tmp_path / "grown", 113.0, grown=True)
    assert not any("regularisation terms make" in t for t in _evidence(report))
    report = _penalty_run(tmp_path / "summed", 113.0, reduction="sum")
    assert not any("regularisation terms make" in t for t in _evidence(report))
    # A small penalty beside a good fit (predictions near the targets) is no finding.
    report = _penalty_run(tmp_path / "fits", 0.5, pred_mean=0.16, pred_std=0.8)
    assert not any("regularisation terms make" in t for t in _evidence(report))


def _recurrent_cut_run(tmp_path, cell_name="gru_cell", layer_name="gru"):
    """A GRU(16) encoder whose gradient norms are logged under its cell's variables
    (`cell_name`), wrapped in a stop_gradient (a Lambda) before a Dense head: the GRU gets
    exactly zero gradient from the first step while the head gets some; its outputs vary.
    The loss sits at the constant's."""
    rng = np.random.default_rng(59)
    s = healthy_signals(loss=flat_loss(rng, 1.0, 0.02))
    s["targets"] = np.tile(np.array([-3.0, 3.0, 0.0, 1.0, 64, 0, 0, 64]), (N, 1))
    s["grad_norm"] = np.tile([0.0, 0.1], (N, 1))
    s["weight_norm"] = np.tile([4.0, 1.0], (N, 1))
    s["update_ratio"] = np.tile([0.0, 1e-3], (N, 1))
    s["activation"] = np.tile(np.array([[0.0, 0.0, 0.0, 0.05], [0.0, np.nan, 0.0, 0.05]]),
                              (N, 1, 1))
    s["dead_units"] = np.tile([0.0, 0.0], (N, 1))
    glorot = {"class": "GlorotUniform", "config": {}}
    layers = [{"name": layer_name, "class": "GRU", "units": 16, "activation": "tanh",
               "params": 960, "kernel_initializer": glorot, "output_shape": [None, 16]},
              {"name": "lambda", "class": "Lambda", "params": 0},
              {"name": "dense", "class": "Dense", "units": 1, "activation": "linear",
               "params": 17, "kernel_initializer": glorot}]
    cfg = config(layers=layers, output_units=1, output_activation="linear",
                 loss={"name": "mse"})
    n = dict(NAMES, grad_norm=[cell_name, "dense"], weight_norm=[cell_name, "dense"],
             update_ratio=[cell_name, "dense"], activation=[layer_name, "dense"],
             dead_units=[layer_name, "dense"])
    extra = {"activation": {"activations": ["tanh", "linear"]}}
    return _report(tmp_path, s, cfg, n, extra, calibrated=False)


def test_a_recurrent_encoder_cut_off_by_stop_gradient_is_found_through_its_cell(tmp_path):
    """A linear-probe script's stop_gradient left in a training model: the GRU's gradient
    (logged under 'gru_cell', where its variables live; 'gru_1/gru_cell' beside another GRU;
    'gru_cell' for a GRU named 'encoder') is exactly zero from the first step, the head's is
    not. The gradient cut is found at the GRU and the Lambda between named, as for a layer
    logged under its own name."""
    for cell, layer in (("gru_cell", "gru"), ("gru", "gru"), ("gru_1/gru_cell", "gru_1"),
                        ("gru_cell", "encoder")):
        report = _recurrent_cut_run(tmp_path / layer / cell.replace("/", "_"), cell, layer)
        cause = report["intervals"][-1]["causes"][0]
        assert cause["id"] == "vanishing_gradients", (cell, report["intervals"])
        assert "gradient never reaches %s" % layer in cause["summary"], cause["summary"]
        assert any("stops in lambda" in e["text"] for e in cause["evidence"])


def _tiny_input_run(tmp_path, scale, level=1.0, scaler=None, dead_layer=0):
    """A CNN classifier over 4 classes whose every input feature lies within [0, `scale`]
    (spread scale / 4); the ReLU layer `dead_layer` (0: the first) dead for every example;
    the loss at `level` of ln 4."""
    rng = np.random.default_rng(60)
    s = healthy_signals(loss=flat_loss(rng, level * math.log(4), 0.005))
    s["inputs"] = np.tile(np.array([[scale / 2, scale / 4, 0.0, scale, 0.0]] * 4), (N, 1, 1))
    s["targets"] = np.tile(np.array([0, 3, 1.5, 1.25, 4, 1, 0, 64]), (N, 1))
    s["target_classes"] = np.tile([0.25] * 4 + [0.0] * 6, (N, 1))
    s["activation"][:, dead_layer] = [1.0, np.nan, 0.0, 0.0]
    s["dead_units"] = np.tile(np.eye(3)[dead_layer], (N, 1))
    s["grad_norm"] = np.tile([0.0, 0.08, 0.1], (N, 1))
    cfg = config(output_units=4)
    cfg["layers"][-1].update(units=4, params=260)
    if scaler:  # a weightless layer of the user's own in front (it may rescale the inputs)
        cfg["layers"].insert(0, {"name": "scaler", "class": scaler, "params": 0})
    return report_of(tmp_path, s, cfg, calibrated=False)


def test_inputs_fifty_times_smaller_than_standardised_in_a_model_that_learned_nothing(tmp_path):
    """Photos scaled to [0, 1] by the loader and divided by 255 again: every input at most
    0.004. In a model that learned nothing, unnormalized inputs are named first, before the
    dead first layer they explain: fed inputs that small, it outputs relu of its own biases,
    the same for every example. A dead layer further in is not cited as theirs. The same
    inputs in a model that learned (at 40% of ln 4), or inputs of ordinary size, are not told
    so."""
    report = _tiny_input_run(tmp_path / "tiny", 1 / 255)
    causes = [c["id"] for c in report["intervals"][-1]["causes"][:3]]
    assert causes[0] == "unnormalized_inputs", report["intervals"]
    assert any("every input feature is at most 0.00392" in t for t in _evidence(report))
    assert any("dense, the first layer with weights, outputs zero for 100%" in t
               for t in _evidence(report))
    report = _tiny_input_run(tmp_path / "second", 1 / 255, dead_layer=1)
    assert not any("the first layer with weights, outputs zero" in t for t in _evidence(report))
    report = _tiny_input_run(tmp_path / "learned", 1 / 255, level=0.4)
    assert not any("every input feature is at most" in t for t in _evidence(report))
    report = _tiny_input_run(tmp_path / "unit", 1.0)
    assert not any("every input feature is at most" in t for t in _evidence(report))
    # A hand-written scaler before the first weights (x - mean) / std: what the model sees
    # is not the logged size.
    report = _tiny_input_run(tmp_path / "scaled", 1 / 255, scaler="Standardize")
    assert not any("every input feature is at most" in t for t in _evidence(report))


def _flat_head_run(tmp_path, head_class, start_spread=5e-5, level=0.995, fading=False):
    """A CNN classifier over 6 classes whose last layer is `head_class`: its probabilities
    spread `start_spread` across the probe at the first step, 1.2e-3 at the end, each ~1/6;
    the hidden layers alive. The loss creeps at `level` of ln 6."""
    rng = np.random.default_rng(61)
    s = healthy_signals(loss=flat_loss(rng, level * math.log(6), 0.002))
    s["targets"] = np.tile(np.array([0, 5, 2.5, 2.9, 6, 1, 0, 64]), (N, 1))
    s["target_classes"] = np.tile([1 / 6] * 6 + [0.0] * 4, (N, 1))
    s["predictions"] = np.tile([1 / 6, 1.2e-3, 0.165, 0.169, 0.0], (N, 1))
    s["predictions"][0, 1] = start_spread
    if fading:  # the first layers' gradient 1e-4 of the head's: a signal fading on its way
        s["grad_norm"] = np.tile([1e-5, 1e-3, 0.1], (N, 1))
    cfg = config(output_units=6, output_activation=None)
    cfg["layers"][-1].update(units=None, activation=None, params=193, **{"class": head_class})
    return report_of(tmp_path, s, cfg, calibrated=False)


def test_a_hand_written_head_that_starts_flat_is_poor_initialization(tmp_path):
    """A cosine-prototype head whose learnt temperature was started at 100 (the logit scale
    read as the temperature): its probabilities start within 5e-5 of uniform for every
    example and stay nearly so; the loss creeps at ln 6. Poor initialisation, the head's
    scale in the fix. A built-in Dense head starting flat (a signal faded on its way there)
    or a hand-written head that starts with a spread is not told so."""
    report = _flat_head_run(tmp_path / "cosine", "CosineHead")
    cause = report["intervals"][-1]["causes"][0]
    assert cause["id"] == "poor_initialization", report["intervals"]
    assert any("started the same for every example" in e["text"] for e in cause["evidence"])
    assert "temperature" in cause["fix"]
    report = _flat_head_run(tmp_path / "dense", "Dense")
    assert not any("started the same for every example" in t for t in _evidence(report))
    report = _flat_head_run(tmp_path / "spread", "CosineHead", start_spread=0.02)
    assert not any("started the same for every example" in t for t in _evidence(report))
    # A subclass of Dense behind twenty sigmoid layers starts flat too, but its gradient
    # fades on the way back: the signal, not the head.
    report = _flat_head_run(tmp_path / "fading", "Head", fading=True)
    assert not any("started the same for every example" in t for t in _evidence(report))


def _weak_signal_run(tmp_path, params):
    """A binary classifier, a Dense(16) relu hidden layer, `params` trainable parameters,
    trained on 6000 examples whose label depends on a noisy linear score: the loss flattens
    at 87% of the constant-prediction loss, where the data leaves any model."""
    rng = np.random.default_rng(62)
    s = healthy_signals(loss=0.6 + 0.09 * np.exp(-10 * T_AXIS) + 0.003 * rng.standard_normal(N))
    s["targets"] = np.tile(np.array([0, 1, 0.47, 0.249, 2, 1, 0, 64]), (N, 1))
    s["target_classes"] = np.tile([0.53, 0.47] + [0.0] * 8, (N, 1))
    cfg = config(output_units=1, output_activation="sigmoid", steps_per_epoch=188,
                 batch_size=32, loss={"name": "binary_crossentropy",
                                      "class": "BinaryCrossentropy", "from_logits": False},
                 model={"class": "Sequential", "params": params, "trainable_params": params})
    cfg["layers"] = [
        {"name": "dense", "class": "Dense", "units": 16, "activation": "relu",
         "params": params - 17, "kernel_initializer": {"class": "GlorotUniform", "config": {}}},
        {"name": "dense_1", "class": "Dense", "units": 1, "activation": "sigmoid",
         "params": 17, "kernel_initializer": {"class": "GlorotUniform", "config": {}}}]
    names = dict(NAMES, grad_norm=["dense", "dense_1"], weight_norm=["dense", "dense_1"],
                 update_ratio=["dense", "dense_1"], activation=["dense", "dense_1"])
    s["grad_norm"] = np.tile([0.05, 0.1], (N, 1))
    s["weight_norm"] = np.tile([3.0, 1.0], (N, 1))
    s["update_ratio"] = np.tile([2e-3, 2e-3], (N, 1))
    s["activation"] = np.tile(np.array([[0.5, np.nan, 0.3, 0.5], [0.0, 0.0, 0.47, 0.2]]),
                              (N, 1, 1))
    extra = {"activation": {"activations": ["relu", "sigmoid"]}}
    return _report(tmp_path, s, cfg, names, extra, calibrated=False)


def test_a_model_only_somewhat_small_at_the_noise_floor_is_not_told_it_is_too_small(
        tmp_path):
    """161 parameters for a target a logistic regression fits, the loss at 87% of the
    constant-prediction loss where the labels' noise leaves any model: its size is no
    evidence (a reviewer's real run of this kind was called stalled for it). The same run
    with 40 parameters is told so."""
    report = _weak_signal_run(tmp_path / "161", 161)
    assert not any("trainable parameters" in t for t in _evidence(report)), report["intervals"]
    report = _weak_signal_run(tmp_path / "40", 40)
    assert any("only 40 trainable parameters" in t for t in _evidence(report)), report


def _deep_sigmoid_run(tmp_path, decades, level=0.3 * LN10):
    """Ten sigmoid layers whose gradient shrinks by the same factor at every layer back, over
    `decades` in all from the output layer to the first; the loss falls to `level` (under
    half of ln 10: a level the verdict calls good) and stays flat there."""
    rng = np.random.default_rng(44)
    layers = ["d%d" % i for i in range(10)]
    loss = level + (LN10 - level) * np.exp(-30 * T_AXIS) + 0.002 * rng.standard_normal(N)
    s = healthy_signals(loss=loss)
    shrink = 10.0 ** (-decades * np.arange(9, -1, -1) / 9.0)
    s["grad_norm"] = np.tile(0.1 * shrink, (N, 1))
    s["weight_norm"] = np.full((N, 10), 5.0)
    s["update_ratio"] = np.tile(1e-3 * shrink, (N, 1))
    s["activation"] = np.tile(np.array([[0.0, 0.0, 0.5, 0.1]] * 10), (N, 1, 1))
    names = dict(NAMES, grad_norm=layers, weight_norm=layers, update_ratio=layers,
                 activation=layers)
    extra = {"activation": {"activations": ["sigmoid"] * 9 + ["softmax"]}}
    return _report(tmp_path, s, config(), names, extra)


def test_gradients_shrinking_by_decades_through_every_layer_stall_a_run_at_a_good_loss(
        tmp_path):
    """An autoencoder of ten sigmoid layers trained end to end: the gradient shrinks at every
    layer back, seven decades from the output to the first, so the first layers keep their
    starting weights while the last ones fit what they can; the loss flattens at 30% of the
    constant's, a level that looks good. Healthy training never freezes its first layers by
    seven decades: a stall with vanishing gradients first. Two decades over ten layers is
    within what healthy deep nets show: converged."""
    report = _deep_sigmoid_run(tmp_path / "seven", 7.0)
    cause = _stalled_with(report, "vanishing_gradients")
    assert any("shrink layer by layer" in e["text"] for e in cause["evidence"])
    report = _deep_sigmoid_run(tmp_path / "two", 2.0)
    assert report["verdict"] == "converged" and not report["intervals"], report


def _towers_run(tmp_path, apart=0.0, level=0.2, activation="relu", init="HeNormal",
                activation_layers=False):
    """Four towers of one Dense layer each, averaged into a one-unit regression head; the
    towers' weight norms (and gradient norms) follow the same path through training, each
    tower `apart` (relative) from the first; the loss falls to `level` of the targets'
    variance and flattens."""
    rng = np.random.default_rng(45)
    layers = ["dense", "dense_1", "dense_2", "dense_3", "out"]
    loss = level + (1.0 - level) * np.exp(-20 * T_AXIS) + 0.002 * rng.standard_normal(N)
    s = healthy_signals(loss=loss)
    s["targets"] = np.tile(np.array([-3.0, 3.0, 0.0, 1.0, 64, 0, 0, 64]), (N, 1))
    s["predictions"] = np.tile([0.0, 0.9, -2.5, 2.5, 0.0], (N, 1))
    path = 2.9 + 0.3 * np.sin(3 * T_AXIS)
    offsets = 1.0 + apart * np.arange(4)
    s["weight_norm"] = np.column_stack([path * o for o in offsets] + [1.5 + 0.1 * T_AXIS])
    s["grad_norm"] = np.column_stack([0.05 * (1 + T_AXIS) * o for o in offsets] + [0.1 + 0 * T_AXIS])
    s["update_ratio"] = np.tile([1e-3] * 5, (N, 1))
    s["activation"] = np.tile(np.array([[0.5, np.nan, 0.3, 0.5]] * 4 + [[0.0, 0.1, 0.1, 0.2]]),
                              (N, 1, 1))
    names = dict(NAMES, grad_norm=layers, weight_norm=layers, update_ratio=layers,
                 activation=layers)
    cfg = config(loss={"name": "mse"}, output_activation="linear", output_units=1)
    cfg["layers"] = [{"name": n, "class": "Dense", "units": 4, "activation": activation,
                      "params": 20, "kernel_initializer": {"class": init,
                                                           "config": {"seed": 7}}}
                     for n in layers[:4]] + [
        {"name": "out", "class": "Dense", "units": 1, "activation": "linear", "params": 5,
         "kernel_initializer": {"class": "GlorotUniform", "config": {}}}]
    if activation_layers:  # each tower's Dense followed by an Activation('relu') layer
        cfg["graph"] = {**{n: ["input"] for n in layers[:4]},
                        **{"act_%d" % i: [n] for i, n in enumerate(layers[:4])},
                        "average": ["act_%d" % i for i in range(4)], "out": ["average"]}
        cfg["graph_outputs"] = ["out"]
        cfg["layers"] += [{"name": "act_%d" % i, "class": "Activation", "activation": "relu",
                           "params": 0} for i in range(4)]
    extra = {"activation": {"activations": ["relu"] * 4 + ["linear"]}}
    return _report(tmp_path, s, cfg, names, extra)


def test_layers_that_stay_copies_of_each_other_are_poor_initialization(tmp_path):
    """An ensemble of four towers in one model, every tower given the same seeded
    HeNormal(seed=7) instance: they start with the same weights, get the same gradients and
    stay copies, so the model has the capacity of one tower. Its loss flattens at 20% of the
    targets' variance, a level that looks good; the copies make it a stall, with poor
    initialisation first. Towers whose weights differ (by 1 part in 1,000) are separate
    layers: converged."""
    report = _towers_run(tmp_path / "copies", 0.0)
    cause = _stalled_with(report, "poor_initialization")
    assert any("4 layers (dense, dense_1, dense_2, dense_3) hold the same weights" in e["text"]
               for e in cause["evidence"])
    assert "a new instance per layer" in cause["fix"]
    report = _towers_run(tmp_path / "apart", 1e-3)
    assert report["verdict"] == "converged" and not report["intervals"], report
    # Linear heads averaged together are one head whatever their start: copies cost
    # nothing there. Layers started at zeros are the constant initialisation's evidence.
    for name, kwargs in (("linear", {"activation": "linear"}), ("zeros", {"init": "Zeros"})):
        report = _towers_run(tmp_path / name, 0.0, **kwargs)
        assert not any("hold the same weights" in t for t in _evidence(report)), name
    # A linear Dense whose output goes through an Activation('relu') layer is non-linear.
    report = _towers_run(tmp_path / "activation_layers", 0.0, activation="linear",
                         activation_layers=True)
    cause = _stalled_with(report, "poor_initialization")
    assert any("hold the same weights" in e["text"] for e in cause["evidence"])


def _pooled_normalization_run(tmp_path, params, level=0.75, spare=False):
    """Four tabular features in m3, Pa, fractions and ratios (their spreads 1e5 to 0.05)
    into an adapted Normalization layer of `params` weights, then an MLP regressing
    standardised targets; the loss flattens at `level` of their variance."""
    rng = np.random.default_rng(46)
    loss = level + (1.0 - level) * np.exp(-30 * T_AXIS) + 0.005 * rng.standard_normal(N)
    s = healthy_signals(loss=loss)
    s["targets"] = np.tile(np.array([-3.0, 3.0, 0.0, 1.0, 64, 0, 0, 64]), (N, 1))
    s["predictions"] = np.tile([0.0, 0.5, -1.5, 1.5, 0.0], (N, 1))
    s["inputs"] = np.tile(np.array([[2e5, 1e5, 1e4, 5e5, 0.0], [1.0e3, 3.0, 990.0, 1.01e3, 0.0],
                                    [0.4, 0.05, 0.2, 0.6, 0.0], [1.1, 0.2, 0.5, 1.8, 0.0]]),
                          (N, 1, 1))
    if spare:
        # Three features of one scale and a spare, near-constant column.
        s["inputs"] = np.tile(np.array([[1.0, 10.0, -20, 22, 0.0], [-2.0, 12.0, -30, 25, 0.0],
                                        [0.5, 9.0, -18, 20, 0.0], [3.0, 1e-3, 2.99, 3.01, 0.0]]),
                              (N, 1, 1))
    cfg = config(loss={"name": "mse"}, output_activation="linear", output_units=1)
    cfg["layers"] = [{"name": "normalization", "class": "Normalization", "params": params,
                      "identity": False, "input_shape": [None, 4], "output_shape": [None, 4]}
                     ] + cfg["layers"]
    cfg["layers"][-1].update(units=1, activation="linear", params=65)
    return report_of(tmp_path, s, cfg)


def test_a_normalization_pooled_over_every_feature_leaves_their_scales_apart(tmp_path):
    """keras Normalization(axis=None) on a raw export: one mean and one variance for all four
    columns, so the column in m3 (spread 1e5) still dwarfs the fractions (0.05) after it
    and they reach the network two million times smaller. The loss flattens at 75% of the
    targets' variance: a stall with unnormalised inputs first, and the fix names the axis.
    The same layer keeping a mean and a variance per feature (9 weights) standardises them:
    no such cause."""
    report = _pooled_normalization_run(tmp_path / "pooled", 3)
    cause = _stalled_with(report, "unnormalized_inputs")
    assert any("one mean and one variance for all of them (axis=None)" in e["text"]
               for e in cause["evidence"])
    assert "Normalization(axis=-1)" in cause["fix"]
    report = _pooled_normalization_run(tmp_path / "per_feature", 9)
    assert "unnormalized_inputs" not in [c["id"] for i in report["intervals"]
                                         for c in i["causes"]], report["intervals"]
    # Features of one scale beside a spare near-constant column: the pooling costs nothing
    # (the bulk of the features is not far below the largest).
    report = _pooled_normalization_run(tmp_path / "spare", 3, spare=True)
    assert not any("axis=None" in t for t in _evidence(report)), report["intervals"]


def _wide_head_run(tmp_path, stddev, falling=False, lr=None):
    """Ten classes, a softmax head whose kernel starts RandomNormal(stddev): the first
    batch's loss is 60, then the loss falls back to ln 10 and
    stays there, with the steps of the first updates far beyond healthy ones."""
    rng = np.random.default_rng(47)
    loss = LN10 + 60.0 * np.exp(-60 * T_AXIS) + 0.005 * rng.standard_normal(N)
    if falling:  # still falling steadily to the end, from ln 10 to 60% of it
        loss = loss - 0.4 * LN10 * T_AXIS
    s = healthy_signals(loss=loss)
    s["update_ratio"][:10] = 0.3
    cfg = config()
    if lr is not None:
        s["learning_rate"] = np.full(N, lr)
        cfg["optimizer"] = {"class": "SGD", "config": {"learning_rate": lr}}
    cfg["layers"][-1]["kernel_initializer"] = {"class": "RandomNormal",
                                               "config": {"mean": 0.0, "stddev": stddev}}
    return report_of(tmp_path, s, cfg)


def test_an_output_kernel_started_far_too_large_is_poor_initialization(tmp_path):
    """A softmax head initialised RandomNormal(stddev=30) (a gain of 240 over 64 inputs): the
    first logits are in the hundreds, the first batch's loss is 26 times ln 10, the huge
    errors make huge steps, and the run ends at ln 10. The start did that, not the
    learning rate. The same curve under a head started at a sane scale (stddev 0.05: a gain
    of 0.4) is not blamed on the head."""
    report = _wide_head_run(tmp_path / "wide", 30.0)
    causes = report["intervals"][-1]["causes"]
    assert causes[0]["id"] == "poor_initialization", report["intervals"]
    assert any("output layer dense_2 starts with RandomNormal(stddev 30)" in e["text"]
               for e in causes[0]["evidence"])
    report = _wide_head_run(tmp_path / "sane", 0.05)
    assert not any("output layer dense_2 starts with" in t for t in _evidence(report))
    # A loss still falling steadily has not stopped where the start left it.
    report = _wide_head_run(tmp_path / "falling", 30.0, falling=True)
    assert not any("output layer dense_2 starts with" in t for t in _evidence(report))
    # SGD at 5 stalls the run whatever the head's start: the rate stays first.
    report = _wide_head_run(tmp_path / "sgd5", 30.0, lr=5.0)
    assert report["intervals"][-1]["causes"][0]["id"] == "learning_rate_too_high", \
        report["intervals"]


def _pinned_activation_run(tmp_path, pinned, activation="soft_sign", level=0.8 * LN10,
                           falling=False):
    """Ten classes by two Dense(64) layers under a hand-written `activation`, whose first
    layer's outputs pile up against their lowest or highest value for a share `pinned` of
    them (the recorder's saturated_fraction for an activation whose bounds it does not
    know); the loss flat at 80% of ln 10."""
    rng = np.random.default_rng(56)
    loss = flat_loss(rng, level, 0.01)
    if falling:  # still falling steadily, by a fifth over the run, to the end
        loss = loss + 0.2 * level * (1 - T_AXIS)
    s = healthy_signals(loss=loss)
    s["activation"] = np.tile(np.array([[0.0, pinned, 0.0, 0.99], [0.0, np.nan, 0.0, 0.9],
                                        [0.0, 0.1, 0.1, 0.2]]), (N, 1, 1))
    cfg = config()
    cfg["layers"][0]["activation"] = cfg["layers"][1]["activation"] = activation
    extra = {"activation": {"activations": [activation, activation, "softmax"]}}
    return _report(tmp_path, s, cfg, dict(NAMES), extra)


def test_a_hand_written_activation_piling_its_outputs_at_its_ends_is_saturated(tmp_path):
    """tanh(20 z) written by hand for a binarised net: 96% of the first layer's outputs sit
    within 1e-3 of +-1, where it is flat, and the loss stays at 80% of ln 10. Saturated
    activations first, with a fix about the steepness. The same hand-written activation
    whose outputs spread smoothly (2% at its ends) is not said to saturate."""
    report = _pinned_activation_run(tmp_path / "steep", 0.96)
    cause = _stalled_with(report, "saturated_activations")
    assert any("(soft_sign, a hand-written activation) piles 96% of its outputs" in e["text"]
               for e in cause["evidence"])
    assert "steepness of order one" in cause["fix"]
    report = _pinned_activation_run(tmp_path / "smooth", 0.02)
    assert "saturated_activations" not in [c["id"] for i in report["intervals"]
                                           for c in i["causes"]], report["intervals"]
    # Piled up is not stuck: a sign trained through a straight-through estimator, or a
    # fake-quantiser, outputs only its levels and learns. A loss still falling, or a model
    # that learned (half the constant's loss, label noise the rest), is not told so.
    for name, kwargs in (("falling", {"falling": True}), ("learned", {"level": 0.5 * LN10})):
        report = _pinned_activation_run(tmp_path / name, 0.96, **kwargs)
        assert not any("a hand-written activation) piles" in t for t in _evidence(report)), \
            name


def test_weights_that_overflow_after_the_loss_soared_are_not_bad_values_or_a_low_rate(tmp_path):
    """Kernels drawn far too wide: the first batches' loss soars a million-fold past the
    constant prediction, the first layer's weights overflow to Inf by step 13, and the loss
    then sits at the constant (the net predicts one class), every update tiny beside the
    blown-up weights. Those weights are the blow-up's end, not NaN entering from outside
    (weak evidence for non-finite values, far below what the same overflow without a blow-up
    gives), and their update ratios say nothing about the step size (not cited for a
    learning rate too low)."""
    def run(path, soared):
        rng = np.random.default_rng(62)
        loss = flat_loss(rng, LN10, 0.005)
        if soared:
            loss[:10] = 1e6
        s = healthy_signals(loss=loss)
        s["weight_norm"][12:, 0] = np.inf
        s["update_ratio"][:] = 1e-7
        return report_of(path, s, calibrated=False)

    def confidence(causes, cause_id):
        return next((c["confidence"] for c in causes if c["id"] == cause_id), 0.0)

    soared = run(tmp_path / "soared", True)["intervals"][-1]["causes"]
    quiet = run(tmp_path / "quiet", False)["intervals"][-1]["causes"]
    assert quiet[0]["id"] == "non_finite_values", quiet
    assert confidence(soared, "non_finite_values") < 0.5 * quiet[0]["confidence"], soared
    low = [e["text"] for c in soared if c["id"] == "learning_rate_too_low" for e in c["evidence"]]
    assert not any("update/weight ratio" in t for t in low), low


def test_a_simple_rnn_that_learned_then_lost_it_did_not_lose_its_gradient_through_time(
        tmp_path):
    """SimpleRNN over 96 steps: one that sits at the constant-prediction loss from the start
    is told its gradient through time vanishes. One that first fell to a third of the
    constant's loss, then jumped back to it for good (a blow-up), carried enough gradient
    through time to learn: that explanation is not offered."""
    from tests.test_analysis import _recurrent_config
    rng = np.random.default_rng(42)
    s = healthy_signals(loss=flat_loss(rng, math.log(2), 0.004))
    s["target_classes"] = np.tile(np.r_[0.5, 0.5, np.zeros(8)], (N, 1))
    s["targets"] = np.tile(np.array([0, 1, 0.5, 0.25, 2, 1, 0, 64]), (N, 1))
    cfg = _recurrent_config("SimpleRNN", 96)
    never = report_of(tmp_path / "never", s, cfg, calibrated=False)
    assert any("ungated recurrent layer" in t for t in _evidence(never)), never["intervals"]
    s["loss"] = s["loss"].copy()
    s["loss"][:60] = math.log(2) / 3 + 0.004 * rng.standard_normal(60)
    lost = report_of(tmp_path / "lost", s, cfg, calibrated=False)
    assert lost["intervals"], lost
    assert not any("ungated recurrent layer" in t for t in _evidence(lost)), lost["intervals"]


def _spiked_sgd_run(tmp_path, spike):
    """SGD 0.05 with momentum (a normal rate for it) on a ten-class MLP whose ReLU layers
    die at step 60: the update/weight ratio 2e-2 (large) throughout, the loss at ln 10 after
    its fall, and at step 40 one batch's loss at `spike` x the rest."""
    rng = np.random.default_rng(43)
    loss = flat_loss(rng, LN10, 0.01)
    loss[:30] = 0.5 * LN10 + 0.01 * rng.standard_normal(30)
    loss[40] = spike * LN10
    s = healthy_signals(loss=loss)
    s["learning_rate"] = np.full(N, 0.05)
    s["activation"][60:, :2, 0] = 1.0
    s["update_ratio"] = np.full((N, 3), 2e-2)
    s["grad_norm"][60:, :2] = 0.0
    return report_of(tmp_path, s, config(optimizer={
        "class": "SGD", "config": {"learning_rate": 0.05, "momentum": 0.9}}), calibrated=False)


def test_large_steps_after_one_batch_blew_up_at_a_normal_rate_are_not_the_rates(tmp_path):
    """Under SGD at a rate normal for it, one batch's loss jumped 300x (a gradient that blew
    up on it, a recurrence without the clipnorm it needed): the large updates around it are
    that gradient's doing, which the learning-rate cause names as the alternative, and the
    dead units rank first. Without the jump the large steps count for the rate."""
    spiked = _spiked_sgd_run(tmp_path / "spiked", 300.0)
    causes = spiked["intervals"][-1]["causes"]
    assert causes[0]["id"] != "learning_rate_too_high", spiked["intervals"]
    assert any("jumped to 300 x the level around it: a gradient that blew up on that batch "
               "made the large step" in t for t in _evidence(spiked)), _evidence(spiked)
    plain = _spiked_sgd_run(tmp_path / "plain", 1.0)
    high = {c["id"]: c["confidence"] for c in plain["intervals"][-1]["causes"]}
    assert high.get("learning_rate_too_high", 0) > \
        {c["id"]: c["confidence"] for c in causes}.get("learning_rate_too_high", 0)


def _frozen_updates_run(tmp_path, updates, optimizer):
    """A loss flat at ln 10 from the start, gradients of a healthy size on the probe, the
    logged updates per layer `updates` under `optimizer` (class, rate)."""
    rng = np.random.default_rng(5)
    s = healthy_signals(loss=flat_loss(rng, LN10, 0.01))
    s["update_ratio"] = np.tile(updates, (N, 1))
    s["learning_rate"] = np.full(N, optimizer[1])
    return report_of(tmp_path, s, config(optimizer={"class": optimizer[0], "config": {
        "learning_rate": optimizer[1]}}))


def _rate_too_low_shown(report):
    """The highest confidence the report shows learning_rate_too_low at (0 when absent)."""
    return max([c["confidence"] for i in report["intervals"] for c in i["causes"]
                if c["id"] == "learning_rate_too_low"] or [0.0])


def test_layers_that_never_move_under_adam_at_a_usual_rate_are_not_a_rate_too_low(tmp_path):
    """Adam steps every weight by about its rate whatever the gradient's size: at 2e-3, two
    layers whose weights do not move at all beside an output layer moving at a healthy
    9e-4 get no gradient on the batches (a one-unit ReLU bottleneck that died passes none
    back), and steps of 1e-6 in every layer are weights without gradient or grown huge;
    raising the rate would not move them. It is at most a weak guess then. A rate that is
    itself very low is still named first, and surely."""
    report = _frozen_updates_run(tmp_path / "adam", [0.0, 0.0, 9e-4], ("Adam", 2e-3))
    assert report["verdict"] == "stalled"
    assert _rate_too_low_shown(report) <= 0.2, report["intervals"]
    report = _frozen_updates_run(tmp_path / "still", [1e-6, 1e-6, 1e-6], ("Adam", 2e-3))
    assert _rate_too_low_shown(report) <= 0.3, report["intervals"]
    report = _frozen_updates_run(tmp_path / "tiny", [1e-7, 1e-7, 1e-7], ("Adam", 1e-7))
    cause = report["intervals"][-1]["causes"][0]
    assert cause["id"] == "learning_rate_too_low" and cause["confidence"] >= 0.8


def _row_normalised_run(tmp_path, spreads, level=0.99, normalized=False):
    """A regression (standardised targets, MSE) on six features whose spreads across the
    probe are `spreads`, the first sitting near 1 (rows scaled to unit norm leave their
    largest column there); the loss flat at `level` of the targets' variance."""
    rng = np.random.default_rng(45)
    s = healthy_signals(loss=flat_loss(rng, level, 0.01))
    means = np.r_[1.0, np.asarray(spreads[1:]) * 3]
    rows = [[m, sd, m - 3 * sd, m + 3 * sd, 0.0] for m, sd in zip(means, spreads)]
    s["inputs"] = np.tile(np.array(rows), (N, 1, 1))
    s["targets"] = np.tile(np.array([-3.0, 3.0, 0.0, 1.0, 64, 0, 0, 64]), (N, 1))
    del s["target_classes"]
    s["predictions"] = np.tile([0.0, 0.05, -0.1, 0.1, 0.0], (N, 1))
    cfg = config(loss={"name": "mean_squared_error"}, output_activation="linear",
                 output_units=1)
    cfg["layers"][-1].update(units=1, params=65, activation="linear")
    if normalized:
        cfg["layers"].insert(0, {"name": "normalization", "class": "Normalization",
                                 "params": 13})
    names = dict(NAMES, inputs=[str(i) for i in range(6)])
    names.pop("target_classes")
    extra = {"activation": {"activations": ["relu", "relu", "linear"]}}
    return _report(tmp_path, s, cfg, names, extra)


def test_features_that_barely_vary_across_examples_are_unnormalized_inputs(tmp_path):
    """Rows scaled to unit norm (sklearn's normalize taken for a scaler): one column sits
    near 1 and varies by 5e-4, the others vary by at most 0.0116, and the loss stays at the
    targets' variance. Their size (up to 1) looks normal; their spread, what tells examples
    apart, is 86 times under standardised. Named, with the per-feature fix. Features that
    vary by 0.3, the same features standardised by the model, or a model that learned
    (half the variance) are not told so."""
    tiny = [5e-4, 0.0116, 2.7e-4, 4.2e-3, 8e-5, 5e-5]
    report = _row_normalised_run(tmp_path / "rows", tiny)
    cause = _stalled_with(report, "unnormalized_inputs")
    assert any("varies by at most 0.0116" in e["text"] for e in cause["evidence"])
    assert "Standardise each feature" in cause["fix"]
    for name, kwargs in (("spread", {"spreads": [5e-4, 0.3, 0.2, 0.1, 0.1, 0.1]}),
                         ("scaled", {"spreads": tiny, "normalized": True}),
                         ("learned", {"spreads": tiny, "level": 0.5})):
        report = _row_normalised_run(tmp_path / name, **kwargs)
        assert not any("varies by at most" in t for t in _evidence(report)), name


def _narrow_relu_run(tmp_path, width):
    """Five classes at the constant's loss (ln 10) through Dense(64, relu) then a hidden
    Dense(`width`, relu) before the softmax head: the narrow layer outputs zero for every
    probe example from step 40 on, and no gradient or update reaches the layers below the
    head."""
    rng = np.random.default_rng(61)
    s = healthy_signals(loss=flat_loss(rng, LN10, 0.01))
    s["activation"][40:, 1, 0] = 1.0
    s["dead_units"] = np.tile([0.0, 0.0, 0.0], (N, 1))
    s["dead_units"][40:, 1] = 1.0
    s["grad_norm"][40:, :2] = 0.0
    s["update_ratio"][40:, :2] = 0.0
    cfg = config()
    cfg["layers"][1].update(units=width, params=65 * width)
    cfg["layers"][2].update(params=10 * width + 10)
    return _report(tmp_path, s, cfg, NAMES, EXTRA)


def test_a_one_unit_relu_layer_gone_dead_is_a_layer_too_narrow(tmp_path):
    """A hidden Dense(1, relu) (its width taken from the wrong config field) carries all
    the model passes to the head: once its one unit is off for every input, nothing gets
    through. The layer's width is the mistake, and widening it the fix; LeakyReLU would
    leave one number to separate ten classes. The same death in a 64-unit layer is dead
    ReLUs."""
    report = _narrow_relu_run(tmp_path / "one", 1)
    cause = _stalled_with(report, "insufficient_capacity")
    assert any("dense_1, 1 unit wide, outputs zero for 100% of inputs" in e["text"]
               for e in cause["evidence"]), cause["evidence"]
    assert cause["fix"].startswith("Widen dense_1 to at least 16 units (it has 1)")
    report = _narrow_relu_run(tmp_path / "wide", 64)
    _stalled_with(report, "dead_relus")
    assert not any("unit wide" in t for t in _evidence(report))


def _still_learning_run(tmp_path, late_gain):
    """Ten classes, the loss falling from ln 10 to 0.8 of it in the first half, then by
    `late_gain` of its level over the second half, under SGD; from step 150 on, the ReLU
    layers output zero for 93% and 97% of the probe, and 35% and 56% of their units are zero
    for every example (the rest fire sparsely)."""
    rng = np.random.default_rng(62)
    t = T_AXIS
    first = LN10 * (1.0 - 0.2 * np.minimum(t / 0.5, 1.0))
    late = np.where(t > 0.5, late_gain * (t - 0.5) / 0.5, 0.0)
    s = healthy_signals(loss=first * (1.0 - late) + 0.02 * rng.standard_normal(N))
    s["activation"][150:, :2, 0] = [0.93, 0.97]
    s["dead_units"] = np.tile([0.0, 0.0, 0.0], (N, 1))
    s["dead_units"][150:, :2] = [0.35, 0.56]
    cfg = config(optimizer={"class": "SGD", "config": {"learning_rate": 0.05, "momentum": 0.9}})
    s["learning_rate"] = np.full(N, 0.05)
    return _report(tmp_path, s, cfg, NAMES, EXTRA)


def test_a_second_half_that_still_cuts_the_loss_by_30_percent_is_not_stalled_by_sparse_units(
        tmp_path):
    """A Conv1D classifier under step decay: half the units of one layer went quiet after a
    spike, yet its second half still cuts the loss by 30%, to 56% of the constant's. Training
    works: that symptom does not make it a stall (the level gets its note). The same units
    with the second half creeping (a few percent) far above a good loss are."""
    report = _still_learning_run(tmp_path / "learning", 0.3)
    assert report["verdict"] != "stalled", report["intervals"]
    assert report["intervals"] == []
    assert report["level_note"] is not None
    report = _still_learning_run(tmp_path / "creeping", 0.04)
    assert report["verdict"] == "stalled", report
    assert "dead_relus" in [c["id"] for c in report["intervals"][-1]["causes"]]


def _amplified_run(tmp_path, activation, rescale, inputs_max=1.0):
    """Four classes at the constant's loss through a Rescaling(`rescale`) (None: no such
    layer) then Dense(64, `activation`) x2: the inputs are logged as they arrive (0 to
    `inputs_max`), and the first hidden layer's units, for a squashing activation, sit at
    their flat ends for the whole probe."""
    rng = np.random.default_rng(64)
    s = healthy_signals(loss=flat_loss(rng, LN10 - 0.01, 0.01))
    s["inputs"] = np.tile(np.array([[inputs_max / 2, inputs_max / 3.5, 0.0, inputs_max, 0.0]]
                                   * 4), (N, 1, 1))
    cfg = config()
    extra = EXTRA
    if activation != "relu":
        s["activation"][:, :2] = [[0.0, 1.0, 0.0, 0.99], [0.0, 0.05, 0.0, 0.4]]
        for layer in cfg["layers"][:2]:
            layer["activation"] = activation
        extra = {"activation": {"activations": [activation, activation, "softmax"]}}
    if rescale is not None:
        cfg["layers"] = [{"name": "rescaling", "class": "Rescaling", "params": 0,
                          "settings": {"scale": rescale, "offset": 0.0}}] + cfg["layers"]
    return _report(tmp_path, s, cfg, NAMES, extra)


def test_a_model_layer_that_drives_its_tanh_units_flat_is_saturation_named_with_that_layer(
        tmp_path):
    """Rescaling(255) copied from an image model in front of a tanh MLP fed readings already
    in [0, 1]: the model's own layer drives every first-layer unit to +-1. The saturated
    units are what the user sees, ranked first, and the fix names the layer. The same
    saturation from readings that arrive at 0..65025 (no such layer) is the inputs'."""
    report = _amplified_run(tmp_path / "tanh", "tanh", 255.0)
    cause = _stalled_with(report, "saturated_activations")
    assert any("rescaling multiplies the inputs by 255 before dense" in e["text"]
               for e in cause["evidence"]), cause["evidence"]
    assert cause["fix"].startswith("Fix rescaling: for pixels in 0..255 use Rescaling(1/255)")
    report = _amplified_run(tmp_path / "raw", "tanh", None, inputs_max=65025.0)
    _stalled_with(report, "unnormalized_inputs")


def _momentum_run(tmp_path, momentum):
    """Regression under SGD(0.01, `momentum`): the loss fell to 0.5 of the targets' variance,
    then swings between ~0.4 and ~0.9; update/weight ratios reached 1.5e-2 early, and from
    step 120 most of dense_1's units are dead."""
    rng = np.random.default_rng(65)
    t = T_AXIS
    level = 0.5 + 0.5 * np.exp(-30 * t)
    loss = level * (1 + 0.45 * np.abs(np.sin(37 * t * np.pi))) + 0.01 * rng.standard_normal(N)
    s = healthy_signals(loss=loss)
    s["targets"] = np.tile(np.array([0.0, 1.0, -3.0, 3.0, 64, 0, 0, 64]), (N, 1))
    del s["target_classes"]
    s["learning_rate"] = np.full(N, 0.01)
    s["update_ratio"][:120] = 1.5e-2
    s["activation"][120:, 1, 0] = 0.97
    s["dead_units"] = np.zeros((N, 3))
    s["dead_units"][120:, 1] = 0.77
    cfg = config(loss={"name": "mse"}, output_activation="linear", output_units=1,
                 optimizer={"class": "SGD", "config": {"learning_rate": 0.01,
                                                       "momentum": momentum}})
    cfg["layers"][-1].update(units=1, activation="linear", params=65)
    return _report(tmp_path, s, cfg, NAMES,
                   {"activation": {"activations": ["relu", "relu", "linear"]}})


def test_momentum_0999_under_sgd_with_a_swinging_loss_is_a_step_too_large(tmp_path):
    """Adam's beta_2 copied into SGD's momentum: 0.999 keeps a thousand steps of gradient in
    every update, the loss swings without descending and the units the large steps pushed
    died. The step size comes first, and the fix is the momentum. At momentum 0.9 the same
    signals do not name the setting."""
    report = _momentum_run(tmp_path / "beta2", 0.999)
    cause = _stalled_with(report, "learning_rate_too_high")
    assert any("momentum=0.999 carries each gradient over ~1000 steps" in e["text"]
               for e in cause["evidence"]), cause["evidence"]
    assert "set momentum back to 0.9" in cause["fix"].lower()
    report = _momentum_run(tmp_path / "usual", 0.9)
    assert not any("carries each gradient over" in t for t in _evidence(report))


def _sigmoid_stack_run(tmp_path, activation, depth=10, calibrated=True):
    """`depth` Dense(48, `activation`) layers with RandomNormal(stddev=0.05) kernels, three
    classes at the constant's loss, the gradient and the updates shrinking ten decades toward
    the input from the head's healthy ones."""
    rng = np.random.default_rng(66)
    s = healthy_signals(loss=flat_loss(rng, math.log(3), 0.01))
    names = ["dense"] + ["dense_%d" % i for i in range(1, depth + 1)]
    n = len(names)
    s["grad_norm"] = np.tile(np.logspace(-11, -1, n), (N, 1))
    s["weight_norm"] = np.tile(np.full(n, 2.0), (N, 1))
    s["update_ratio"] = np.tile(np.logspace(-12, -3, n), (N, 1))
    s["activation"] = np.tile(np.array([[0.0, 0.0, 0.5, 0.01]] * (n - 1) +
                                       [[0.0, 0.1, 0.1, 0.2]]), (N, 1, 1))
    s["dead_units"] = np.zeros((N, n))
    s["target_classes"] = np.full((N, 3), 1 / 3)
    normal = {"class": "RandomNormal", "config": {"mean": 0.0, "stddev": 0.05}}
    layers = [{"name": name, "class": "Dense", "units": 48, "activation": activation,
               "params": 48 * 49, "kernel_initializer": normal} for name in names[:-1]]
    layers.append({"name": names[-1], "class": "Dense", "units": 3, "activation": "softmax",
                   "params": 147, "kernel_initializer": normal})
    cfg = config(layers=layers, output_units=3,
                 optimizer={"class": "SGD", "config": {"learning_rate": 0.05, "momentum": 0.9}})
    s["learning_rate"] = np.full(N, 0.05)
    lists = dict(NAMES, grad_norm=names, weight_norm=names, update_ratio=names,
                 activation=names, dead_units=names, target_classes=["0", "1", "2"])
    return _report(tmp_path, s, cfg, lists,
                   {"activation": {"activations": [activation] * (n - 1) + ["softmax"]}},
                   calibrated=calibrated)


def test_ten_sigmoid_layers_vanish_at_any_initialisation(tmp_path):
    """Ten sigmoid layers pass back at most a quarter each: six decades of the gradient are
    lost by their slopes alone, so it vanishes whatever the starting weights, and the depth
    comes before the small RandomNormal kernels that shrink it further (still found, after
    it, though too weak a second cause for the calibrated list to show). Ten tanh layers
    (slope 1) lose it through those kernels: the initialisation comes first."""
    report = _sigmoid_stack_run(tmp_path / "sigmoid", "sigmoid")
    causes = report["intervals"][-1]["causes"]
    assert causes[0]["id"] == "vanishing_gradients", report["intervals"]
    raw = _sigmoid_stack_run(tmp_path / "sigmoid_raw", "sigmoid", calibrated=False)
    ids = [c["id"] for c in raw["intervals"][-1]["causes"]]
    assert ids[0] == "vanishing_gradients" and "poor_initialization" in ids[1:], ids
    report = _sigmoid_stack_run(tmp_path / "tanh", "tanh")
    assert report["intervals"][-1]["causes"][0]["id"] == "poor_initialization", \
        report["intervals"]


def _raw_pixels_run(tmp_path, optimizer):
    """Three classes at the constant's loss from pixels of 0..250 (a 16-bit camera divided
    by 255) into a ReLU net under `optimizer` at its usual rate: the third batch's loss
    jumped 200 x and the ReLU layers are dead from then on, no gradient below the head."""
    rng = np.random.default_rng(67)
    loss = flat_loss(rng, math.log(3), 0.01)
    loss[2] = 220.0
    s = healthy_signals(loss=loss)
    s["inputs"] = np.tile(np.array([[90.0, 50.0, 0.0, 250.0, 0.0]] * 4), (N, 1, 1))
    s["target_classes"] = np.full((N, 10), 0.1)
    s["activation"][3:, :2, 0] = 1.0
    s["dead_units"] = np.zeros((N, 3))
    s["dead_units"][3:, :2] = 1.0
    s["grad_norm"][3:, :2] = 0.0
    s["update_ratio"][:3] = 0.6
    s["update_ratio"][3:, :2] = 0.0
    rate = {"SGD": 0.01, "Adam": 0.001}[optimizer]
    s["learning_rate"] = np.full(N, rate)
    cfg = config(optimizer={"class": optimizer, "config": {"learning_rate": rate}})
    return _report(tmp_path, s, cfg, NAMES, EXTRA)


def test_pixels_of_hundreds_that_blow_up_a_batch_under_sgd_are_the_inputs(tmp_path):
    """A 16-bit camera's tiles divided by 255 reach the CNN at up to 250: under SGD at its
    usual rate the third batch's loss jumps 200 x (the first layer's gradient scales with
    the inputs) and the ReLUs die. The inputs come first, the dead units after. Under Adam,
    whose steps do not scale with the gradient, that blow-up says nothing of the inputs."""
    report = _raw_pixels_run(tmp_path / "sgd", "SGD")
    cause = _stalled_with(report, "unnormalized_inputs")
    assert any("at a learning rate that is not high for sgd: inputs of magnitude 250"
               in e["text"] for e in cause["evidence"]), cause["evidence"]
    report = _raw_pixels_run(tmp_path / "adam", "Adam")
    assert not any("inputs of magnitude 250 make" in t for t in _evidence(report))


def _irnn_blow_up_run(tmp_path, activation):
    """Two classes at the constant's loss through SimpleRNN(32, `activation`) reading 30
    steps under SGD(0.01, momentum 0.9), no clipping: the second batch's loss jumped 60 x,
    the recurrent layer's units are dead from step 12 on (relu) and no gradient reaches it."""
    rng = np.random.default_rng(69)
    loss = flat_loss(rng, math.log(2), 0.005)
    loss[1] = 42.0
    s = healthy_signals(loss=loss)
    s["targets"] = np.tile(np.array([0.0, 1.0, 0.54, 0.25, 2, 1, 0, 64]), (N, 1))
    s["target_classes"] = np.full((N, 2), 0.5)
    s["learning_rate"] = np.full(N, 0.01)
    names = ["simple_rnn", "dense"]
    s["grad_norm"] = np.tile([0.05, 0.1], (N, 1))
    s["grad_norm"][12:, 0] = 0.0
    s["weight_norm"] = np.tile([5.0, 3.0], (N, 1))
    s["update_ratio"] = np.tile([1e-3, 1e-3], (N, 1))
    s["update_ratio"][:12] = 0.06
    s["update_ratio"][12:, 0] = 0.0
    s["activation"] = s["activation"][:, [0, 2]]
    s["dead_units"] = np.zeros((N, 2))
    if activation == "relu":
        s["activation"][12:, 0, 0] = 0.98
        s["dead_units"][12:, 0] = 0.91
    layers = [{"name": "simple_rnn", "class": "SimpleRNN", "units": 32, "activation": activation,
               "params": 1088, "input_shape": [None, 30, 1],
               "kernel_initializer": {"class": "GlorotUniform", "config": {}},
               "recurrent_initializer": {"class": "Identity", "config": {"gain": 1.0}}},
              {"name": "dense", "class": "Dense", "units": 1, "activation": "sigmoid",
               "params": 33}]
    cfg = config(layers=layers, output_units=1, output_activation="sigmoid",
                 loss={"name": "binary_crossentropy", "class": "BinaryCrossentropy"},
                 optimizer={"class": "SGD", "config": {"learning_rate": 0.01, "momentum": 0.9}})
    lists = dict(NAMES, grad_norm=names, weight_norm=names, update_ratio=names,
                 activation=names, dead_units=names, target_classes=["0", "1"])
    return _report(tmp_path, s, cfg, lists,
                   {"activation": {"activations": [activation, "sigmoid"]}})


def test_an_irnn_that_blew_up_on_a_batch_at_a_normal_rate_is_an_explosion(tmp_path):
    """An IRNN (SimpleRNN, relu, identity recurrent kernel) as in the paper but without its
    gradient clipping: on the second batch its unbounded state grew over the 30 steps, the
    loss jumped 60 x at SGD's usual rate, and the step that followed killed the recurrent
    units. The explosion comes first, not the rate nor the dead units it left. A tanh
    recurrence bounds its state: the same spike says nothing of that."""
    report = _irnn_blow_up_run(tmp_path / "relu", "relu")
    cause = _stalled_with(report, "exploding_gradients")
    assert any("simple_rnn (activation='relu') has nothing to bound its state over 30 "
               "timesteps" in e["text"] for e in cause["evidence"]), cause["evidence"]
    report = _irnn_blow_up_run(tmp_path / "tanh", "tanh")
    assert not any("has nothing to bound its state" in t for t in _evidence(report))


def _ftrl_run(tmp_path, rate):
    """A GRU regression under keras Ftrl at `rate`: the loss, its batches spread by a fifth,
    sits at about 0.92 (the targets' variance is 1.12) and barely moves."""
    rng = np.random.default_rng(71)
    s = healthy_signals(loss=0.78 + 0.18 * np.abs(rng.standard_normal(N)))
    s["targets"] = np.tile(np.array([-3.0, 3.5, 0.0, 1.12, 64, 0, 0, 64]), (N, 1))
    del s["target_classes"]
    s["learning_rate"] = np.full(N, rate)
    cfg = config(loss={"name": "mse"}, output_activation="linear", output_units=1,
                 optimizer={"class": "Ftrl", "config": {"learning_rate": rate}})
    cfg["layers"][-1].update(units=1, activation="linear", params=65)
    return _report(tmp_path, s, cfg, NAMES,
                   {"activation": {"activations": ["relu", "relu", "linear"]}})


def test_ftrl_at_keras_default_rate_is_a_rate_too_low(tmp_path):
    """keras Ftrl swapped in for Adam keeping 1e-3 (its Keras default): FTRL's useful rates
    are 0.01-1, and its per-coordinate steps shrink as squared gradients pile up, so at a
    decade below that range the loss barely moves and the run stalls at 80% of the
    constant's.
    At FTRL's usual 0.1 the same curve is not called a rate too low."""
    report = _ftrl_run(tmp_path / "default", 1e-3)
    cause = _stalled_with(report, "learning_rate_too_low")
    assert any("learning rate 0.001 is very low for ftrl" in e["text"]
               for e in cause["evidence"]), cause["evidence"]
    report = _ftrl_run(tmp_path / "usual", 0.1)
    assert not any("very low for ftrl" in t for t in _evidence(report))


def _unclipped_rnn_run(tmp_path, optimizer, growth, update):
    """A tanh SimpleRNN reading 80 timesteps, a sigmoid output, the loss at ln 2 throughout:
    the recurrent layer's weight norm grows linearly by `growth` over the run and steps
    `update` of its norm per step, under `optimizer` (its config)."""
    from tests.test_analysis import _recurrent_config
    rng = np.random.default_rng(73)
    s = healthy_signals(loss=flat_loss(rng, math.log(2), 0.02))
    s["target_classes"] = np.tile(np.r_[0.5, 0.5, np.zeros(8)], (N, 1))
    s["targets"] = np.tile(np.array([0, 1, 0.5, 0.25, 2, 1, 0, 64]), (N, 1))
    s["learning_rate"] = np.full(N, optimizer["config"]["learning_rate"])
    s["grad_norm"] = np.tile([0.3, 0.2], (N, 1))
    s["weight_norm"] = np.stack([np.linspace(6.0, 6.0 * growth, N), np.full(N, 2.0)], axis=1)
    s["update_ratio"] = np.tile([update, 3e-2], (N, 1))
    s["activation"] = np.tile(np.array([[0.0, 0.0, 0.5, 0.2], [0.5, 0.0, 0.05, 0.1]]),
                              (N, 1, 1))
    cfg = _recurrent_config("SimpleRNN", 80)
    cfg["optimizer"] = optimizer
    names = dict(NAMES, grad_norm=["simple_rnn_cell", "out"],
                 weight_norm=["simple_rnn_cell", "out"], update_ratio=["simple_rnn_cell", "out"],
                 activation=["rnn", "out"], target_classes=[str(i) for i in range(10)])
    return _report(tmp_path, s, cfg, names,
                   {"activation": {"activations": ["tanh", "sigmoid"]}})


def test_recurrent_weights_that_grew_under_unclipped_sgd_are_exploding_through_time(
        tmp_path):
    """SGD 0.1 without the recipe's clipnorm: the SimpleRNN's weights triple, or move 2% of
    their norm per step, while the loss stays at the constant level. That is its gradient
    through time growing on some batches (a plain step is as large as its gradient), not a
    gradient that vanished over 80 timesteps nor a rate too high (0.1 is normal for SGD);
    the fix is clipping. With clipnorm set, under Adam, or with weights that barely moved,
    the run is not told so."""
    sgd = {"class": "SGD", "config": {"learning_rate": 0.1, "momentum": 0.9}}
    for name, growth, update in (("grew", 3.0, 3e-3), ("stepped", 1.2, 2e-2)):
        cause = _stalled_with(_unclipped_rnn_run(tmp_path / name, sgd, growth, update),
                              "exploding_gradients")
        assert "clipnorm=1.0" in cause["fix"], cause["fix"]
        assert any("without gradient clipping" in e["text"] and "80 timesteps" in e["text"]
                   for e in cause["evidence"]), cause["evidence"]
    clipped = {"class": "SGD", "config": {"learning_rate": 0.1, "momentum": 0.9,
                                          "clipnorm": 1.0}}
    adam = {"class": "Adam", "config": {"learning_rate": 1e-3}}
    for name, optimizer, growth, update in (("clipped", clipped, 3.0, 2e-2),
                                            ("adam", adam, 3.0, 2e-2),
                                            ("still", sgd, 1.1, 2e-3)):
        report = _unclipped_rnn_run(tmp_path / name, optimizer, growth, update)
        assert not any("without gradient clipping, at a learning rate" in t
                       for t in _evidence(report)), name
    # Weights that barely moved over 80 timesteps of a SimpleRNN: the gradient through time
    # is what vanished.
    report = _unclipped_rnn_run(tmp_path / "faded", sgd, 1.1, 2e-3)
    assert report["intervals"][-1]["causes"][0]["id"] == "vanishing_gradients", \
        report["intervals"]


def _first_position_run(tmp_path, positions, before="LSTM"):
    """An Embedding, a recurrent layer returning every step of 12, a Lambda that the
    callback found reading `positions` of them, a softmax over 2 classes; the loss falls
    from ln 2 to 0.48 early and stays there, with healthy steps."""
    rng = np.random.default_rng(91)
    t = np.linspace(0, 1, N)
    s = healthy_signals(loss=0.48 + (math.log(2) - 0.48) * np.exp(-30 * t)
                        + 0.01 * rng.standard_normal(N))
    s["target_classes"] = np.tile(np.r_[0.5, 0.5, np.zeros(8)], (N, 1))
    s["targets"] = np.tile(np.array([0, 1, 0.5, 0.25, 2, 1, 0, 64]), (N, 1))
    s["activation"] = np.tile(np.array([[0.0, 0.0, 0.2, 0.4], [0.5, 0.0, 0.2, 0.2],
                                        [0.5, 0.0, 0.2, 0.2]]), (N, 1, 1))
    settings = {"return_sequences": True, "go_backwards": False}
    recurrent = {"name": "lstm", "class": before, "units": 32, "activation": "tanh",
                 "params": 6272, "input_shape": [None, 12, 16], "output_shape": [None, 12, 32],
                 "settings": settings}
    if before == "Bidirectional":
        recurrent.update(output_shape=[None, 12, 64], settings={})
    layers = [{"name": "embedding", "class": "Embedding", "units": 16, "params": 192,
               "input_shape": [None, 12], "output_shape": [None, 12, 16],
               "settings": {"input_dim": 12, "output_dim": 16}},
              recurrent,
              {"name": "lambda", "class": "Lambda", "params": 0,
               "input_shape": recurrent["output_shape"], "output_shape": [None, 32],
               "positions_read": {"positions": positions, "of": 12}},
              {"name": "dense", "class": "Dense", "units": 2, "activation": "softmax",
               "params": 66, "kernel_initializer": {"class": "GlorotUniform", "config": {}}}]
    cfg = config(layers=layers, output_units=2,
                 model={"class": "Functional", "params": 6530, "trainable_params": 6530})
    return _report(tmp_path, s, cfg, NAMES, EXTRA)


def test_a_head_reading_a_forward_lstms_first_state_is_too_small_a_view(tmp_path):
    """x[:, 0] of an LSTM reading forwards (the [CLS] habit, with no attention before it):
    the state there has seen one of the 12 positions, so the model is too small for the
    sequence whatever its width, and the fix names the last state or a pooling. The last
    state (position 11), or position 0 of a Bidirectional layer, sees the whole sequence."""
    cause = _stalled_with(_first_position_run(tmp_path / "first", [0]),
                          "insufficient_capacity")
    assert any("reads only position 0 of the 12 lstm puts out" in e["text"] and
               "has seen 1 of the 12 input positions" in e["text"]
               for e in cause["evidence"]), cause["evidence"]
    assert "x[:, -1]" in cause["fix"], cause["fix"]
    for name, positions, before in (("last", [11], "LSTM"), ("both", [0], "Bidirectional")):
        report = _first_position_run(tmp_path / name, positions, before)
        assert not any("reads only position" in t for t in _evidence(report)), name


def _identity_kernel_run(tmp_path, init, fan_in=2, activation="relu"):
    """A 2-feature classifier whose first hidden layer (64 units, zero biases) starts from
    `init`, its loss flat at ln 10 (the constant's) throughout."""
    rng = np.random.default_rng(97)
    s = healthy_signals(loss=flat_loss(rng, math.log(10), 0.01))
    cfg = config()
    cfg["layers"][0].update(kernel_initializer={"class": init, "config": {}},
                            bias_initializer={"class": "Zeros", "config": {}},
                            input_shape=[None, fan_in], activation=activation,
                            params=fan_in * 64 + 64)
    return report_of(tmp_path, s, cfg, calibrated=False)


def test_identity_kernels_wider_than_their_inputs_start_units_with_no_weight(tmp_path):
    """kernel_initializer='identity' (the IRNN trick) on a Dense(64) ReLU layer reading 2
    features: 62 units start with exactly zero weights and a zero bias, so they output 0
    with slope 0 and never get a gradient; the fix draws the kernels at random. A Glorot
    draw, a square identity (every unit gets an input) or a tanh layer is not told so."""
    report = _identity_kernel_run(tmp_path / "identity", "Identity")
    causes = {c["id"]: c for i in report["intervals"] for c in i["causes"]}
    cause = causes["poor_initialization"]
    assert any("identity of 2 x 64" in e["text"] and "the other 62 start at exactly zero"
               in e["text"] for e in cause["evidence"]), cause["evidence"]
    assert "he_normal" in cause["fix"] and "recurrent_initializer" in cause["fix"]
    for name, init, fan_in, activation in (("glorot", "GlorotUniform", 2, "relu"),
                                           ("square", "Identity", 64, "relu"),
                                           ("tanh", "Identity", 2, "tanh")):
        report = _identity_kernel_run(tmp_path / name, init, fan_in, activation)
        assert not any("starts as an identity" in t for t in _evidence(report)), name


def _attention_bag_run(tmp_path, positions_added):
    """Token embeddings, self-attention, a global average pooling and a sigmoid output, the
    loss flat at ln 2; `positions_added`: the functional graph adds a tensor built outside
    it (a position table, Embedding(16, 16)(keras.ops.arange(16))) to the embeddings."""
    rng = np.random.default_rng(101)
    s = healthy_signals(loss=flat_loss(rng, math.log(2), 0.005))
    s["target_classes"] = np.tile(np.r_[0.5, 0.5, np.zeros(8)], (N, 1))
    s["targets"] = np.tile(np.array([0, 1, 0.5, 0.25, 2, 1, 0, 64]), (N, 1))
    layers = [{"name": "input_layer", "class": "InputLayer", "output_shape": [None, 16]},
              {"name": "embedding", "class": "Embedding", "units": 16, "params": 640,
               "input_shape": [None, 16], "output_shape": [None, 16, 16],
               "settings": {"input_dim": 40, "output_dim": 16}},
              {"name": "multi_head_attention", "class": "MultiHeadAttention", "params": 2000,
               "output_shape": [None, 16, 16]},
              {"name": "global_average_pooling1d", "class": "GlobalAveragePooling1D",
               "params": 0, "output_shape": [None, 16]},
              {"name": "dense", "class": "Dense", "units": 1, "activation": "sigmoid",
               "params": 17, "kernel_initializer": {"class": "GlorotUniform", "config": {}}}]
    source = "add" if positions_added else "embedding"
    graph = {"input_layer": [], "embedding": ["input_layer"],
             "multi_head_attention": [source], "global_average_pooling1d":
             ["multi_head_attention"], "dense": ["global_average_pooling1d"]}
    if positions_added:
        graph["add"] = ["embedding"]
    cfg = config(layers=layers, output_units=1, graph=graph, graph_outputs=["dense"],
                 graph_inputs=["input_layer"],
                 loss={"name": "binary_crossentropy", "class": "BinaryCrossentropy",
                       "from_logits": False}, output_activation="sigmoid",
                 model={"class": "Functional", "params": 2657, "trainable_params": 2657})
    return _report(tmp_path, s, cfg, NAMES, EXTRA, calibrated=False)


def test_a_position_table_added_outside_the_graph_is_not_an_order_blind_bag(tmp_path):
    """Self-attention over token embeddings alone sees a bag: the model is told it cannot
    know the order. A position table added to the embeddings (a constant the graph records
    only as an add with one traced input) gives every position its own features: not so."""
    report = _attention_bag_run(tmp_path / "bag", False)
    assert any("not where or in what order" in t for t in _evidence(report)), \
        _evidence(report)
    report = _attention_bag_run(tmp_path / "positions", True)
    assert not any("not where or in what order" in t for t in _evidence(report))


def _bidirectional_rnn_run(tmp_path, wrapped):
    """A Bidirectional tanh SimpleRNN(16) over 40 timesteps under plain SGD without clipping,
    its outputs saturated for 97% of inputs, the loss at the constant: with the wrapped
    layer recorded (its recurrent kernel RandomUniform(-1, 1): gain ~2.3) or, as an older
    logdir has it, the wrapper alone."""
    rng = np.random.default_rng(31)
    s = healthy_signals(loss=flat_loss(rng, math.log(2), 0.005))
    s["target_classes"] = np.tile(np.r_[0.5, 0.5, np.zeros(8)], (N, 1))
    s["targets"] = np.tile(np.array([0, 1, 0.5, 0.25, 2, 1, 0, 64]), (N, 1))
    s["activation"][:, 0] = [0.0, 0.97, 0.0, 0.98]
    s["activation"][:, 1] = [0.0, 0.0, 0.0, 0.3]
    bidirectional = {"name": "dense", "class": "Bidirectional", "units": None,
                     "activation": "tanh", "params": 608, "settings": {"merge_mode": "concat"},
                     "input_shape": [None, 40, 1], "output_shape": [None, 32]}
    if wrapped:
        bidirectional["wrapped"] = {
            "name": "forward_simple_rnn", "class": "SimpleRNN", "units": 16,
            "activation": "tanh", "recurrent_initializer": {
                "class": "RandomUniform", "config": {"minval": -1.0, "maxval": 1.0}}}
    cfg = config(loss={"name": "binary_crossentropy", "class": "BinaryCrossentropy",
                       "from_logits": False}, output_activation="sigmoid", output_units=1,
                 optimizer={"class": "SGD", "config": {"learning_rate": 0.01, "momentum": 0.0}})
    cfg["layers"] = [bidirectional,
                     {"name": "dense_1", "class": "Dense", "units": 1, "activation": "linear",
                      "params": 33, "input_shape": [None, 32], "output_shape": [None, 1]},
                     {"name": "dense_2", "class": "Activation", "activation": "sigmoid",
                      "params": 0, "input_shape": [None, 1], "output_shape": [None, 1]}]
    s["learning_rate"][:] = 0.01
    return _report(tmp_path, s, cfg, NAMES,
                   {"activation": {"activations": ["tanh", "linear", "sigmoid"]}},
                   calibrated=False)


def test_a_wrapped_recurrence_is_read_through_its_wrapper(tmp_path):
    """A Bidirectional SimpleRNN whose recurrent kernel starts far above gain 1 is pinned at
    +-1 by its own recurrence: with the wrapped layer recorded, the recurrence rules read it
    like a SimpleRNN of its own (exploding gradients, naming the gain); a logdir that records
    only the wrapper gives no such claim."""
    report = _bidirectional_rnn_run(tmp_path / "wrapped", True)
    cause = _stalled_with(report, "exploding_gradients")
    assert any("gain 2.31" in e["text"] for e in cause["evidence"]), cause["evidence"]
    report = _bidirectional_rnn_run(tmp_path / "wrapper_only", False)
    assert not any("recurrent kernel starts at gain" in t for t in _evidence(report))


def test_a_variance_scaling_recurrent_kernel_states_its_gain():
    """He, Glorot, LeCun and VarianceScaling draws of a (units, gates x units) recurrent
    kernel: each gate's block multiplies the state by about sqrt(scale x units / fan)."""
    from tb_plateau.analysis.measurements import recurrent_gain

    def gain(cls, init, config=None):
        return recurrent_gain({"class": cls, "units": 32, "recurrent_initializer": {
            "class": init, "config": config or {"seed": None}}})

    assert math.isclose(gain("SimpleRNN", "HeNormal"), math.sqrt(2))
    assert math.isclose(gain("SimpleRNN", "GlorotUniform"), 1.0)
    assert math.isclose(gain("LSTM", "GlorotUniform"), math.sqrt(2 / 5))
    assert math.isclose(gain("GRU", "LecunNormal"), 1.0)
    assert math.isclose(gain("SimpleRNN", "VarianceScaling",
                             {"scale": 4.0, "mode": "fan_in"}), 2.0)
    assert math.isclose(gain("LSTM", "VarianceScaling", {"scale": 4.0, "mode": "fan_out"}), 1.0)
    assert gain("ConvLSTM2D", "HeNormal") is None
