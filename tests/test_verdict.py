"""The verdict's semantics (docs/report.md, "Verdicts"): stalled only where the evidence says
the loss should not have stopped; a flat loss far above zero with no such evidence is
converged with a note; a stall the loss recovered from is resolved, with what ended it."""

import math

import numpy as np
import pytest

from tb_plateau.analysis import ranking
from tb_plateau.analysis import thresholds as T
from tb_plateau.analysis.causes import CAUSES, Finding
from tests.test_analysis import LN10, N, config, healthy_signals, report_of

T_AXIS = np.linspace(0, 1, N)


def settling_loss(rng, level, noise=0.01):
    """Falls from ~ln 10 and flattens at `level` by a third of the run."""
    return level + (LN10 - level) * np.exp(-12 * T_AXIS) + noise * rng.standard_normal(N)


def test_flat_far_above_zero_without_evidence_is_converged_with_a_note(tmp_path):
    rng = np.random.default_rng(101)
    s = healthy_signals(loss=settling_loss(rng, 0.6 * LN10))
    report = report_of(tmp_path, s)
    assert report["verdict"] == "converged"
    assert report["intervals"] == []
    note = report["level_note"]
    assert note is not None and abs(note["fraction"] - 0.6) < 0.05
    assert "60%" in note["text"] and "expected lower" in note["text"]


def test_flat_at_the_constant_prediction_is_stalled(tmp_path):
    rng = np.random.default_rng(102)
    s = healthy_signals(loss=LN10 + 0.01 * rng.standard_normal(N))
    report = report_of(tmp_path, s)
    assert report["verdict"] == "stalled"
    assert report["level_note"] is None


def test_flat_far_above_zero_with_dead_units_is_stalled(tmp_path):
    rng = np.random.default_rng(103)
    s = healthy_signals(loss=settling_loss(rng, 0.6 * LN10))
    s["activation"][:, :2, 0] = 1.0  # both hidden ReLU layers output zero for every input
    s["grad_norm"][:, :2] = 0.0
    report = report_of(tmp_path, s)
    assert report["verdict"] == "stalled"
    causes = report["intervals"][-1]["causes"]
    assert causes[0]["id"] == "dead_relus"
    # Inferred, not observed: never shown as certain.
    assert all(c["confidence"] <= T.MAX_HEURISTIC_CONFIDENCE for c in causes)


def test_stall_ended_by_a_learning_rate_drop_is_resolved(tmp_path):
    rng = np.random.default_rng(104)
    drop_at = 181
    steps = np.arange(1, N + 1)
    plateau = 0.8 * LN10 + (LN10 - 0.8 * LN10) * np.exp(-steps / 15.0)
    after = 0.3 * LN10 + (0.8 * LN10 - 0.3 * LN10) * np.exp(-(steps - drop_at) / 15.0)
    loss = np.where(steps < drop_at, plateau, after) + 0.01 * rng.standard_normal(N)
    s = healthy_signals(loss=loss)
    s["learning_rate"] = np.where(steps < drop_at, 1e-2, 1e-3)
    report = report_of(tmp_path, s)
    assert report["verdict"] in ("converged", "healthy")
    assert report["intervals"] == []
    (resolved,) = report["resolved_intervals"]
    assert resolved["start_step"] < drop_at <= resolved["resumed_at"] < drop_at + 40
    assert resolved["end_step"] < drop_at + 5
    assert resolved["learning_rate"] == pytest.approx([1e-2, 1e-3])
    assert "learning rate dropped" in resolved["ended_by"]


def test_a_stall_that_holds_to_the_end_is_not_resolved(tmp_path):
    rng = np.random.default_rng(105)
    s = healthy_signals(loss=LN10 + 0.01 * rng.standard_normal(N))
    s["learning_rate"][N // 2:] = 1e-4  # a drop that did not help
    report = report_of(tmp_path, s)
    assert report["verdict"] == "stalled"
    assert report["resolved_intervals"] == []


def _small_linear_config():
    return config(model={"class": "Sequential", "params": 30, "trainable_params": 30},
                  layers=[{"name": "dense", "class": "Dense", "units": 10,
                           "activation": "softmax", "params": 30}])


def test_capacity_needs_evidence_about_the_model(tmp_path):
    """At 70% of the constant's loss a roomy model is converged, and so is a logistic
    regression: that is where label noise leaves the right model, so its size alone is no
    evidence, and the converged note suggests a larger model. At 90% (it learned little)
    the logistic regression's size is the evidence of a stall."""
    rng = np.random.default_rng(106)
    s = healthy_signals(loss=settling_loss(rng, 0.7 * LN10))
    roomy = report_of(tmp_path / "roomy", s, calibrated=False)
    assert all(c["id"] != "insufficient_capacity"
               for interval in roomy["intervals"] for c in interval["causes"])
    assert roomy["verdict"] == "converged"
    noisy = report_of(tmp_path / "noisy", s, _small_linear_config())
    assert noisy["verdict"] == "converged", noisy["intervals"]
    assert "try a larger model" in noisy["level_note"]["text"]
    s = healthy_signals(loss=settling_loss(rng, 0.9 * LN10))
    small = report_of(tmp_path / "small", s, _small_linear_config())
    assert small["verdict"] == "stalled"
    assert small["intervals"][-1]["causes"][0]["id"] == "insufficient_capacity"
    texts = " ".join(e["text"] for e in small["intervals"][-1]["causes"][0]["evidence"])
    assert "no hidden layer" in texts and "30 trainable parameters" in texts


def test_a_creep_near_the_constant_that_keeps_its_pace_is_not_a_stall(tmp_path):
    """Long slow convergence (noisy labels, a model that takes long to find the pattern):
    at the constant's level for a fifth of the run, then creeping down at a steady pace to
    94% of it at the end. The loss has not stopped improving, and its level near the
    constant's is no evidence by itself. The same level approached by a creep that slows to
    a stop is a stall."""
    rng = np.random.default_rng(108)
    noise = 0.02 * rng.standard_normal(N)
    creep = LN10 * np.where(T_AXIS < 0.2, 1.0, 1.0 - 0.06 * (T_AXIS - 0.2) / 0.8) + noise
    report = report_of(tmp_path / "creep", healthy_signals(loss=creep))
    assert report["intervals"] == [], report["intervals"]
    assert report["verdict"] in ("healthy", "converged")
    settling = LN10 * (0.95 + 0.05 * np.exp(-3 * T_AXIS)) + noise
    report = report_of(tmp_path / "settling", healthy_signals(loss=settling))
    assert report["verdict"] == "stalled"


def test_a_stall_whose_last_few_batches_dip_still_holds_to_the_end(tmp_path):
    """A model too small for its data flattens at 90% of the constant's loss, its last four
    batches happening to come out low (a noisy batch loss does that): the flat stretch's
    detected end stops those few points short of the run's, which is no sign the loss
    improved again later. It is the same stall of insufficient capacity as one whose last
    batches do not dip; a stall the loss really left (falling a third further over the
    run's last fifth) is not blamed on the model's size."""
    rng = np.random.default_rng(107)
    loss = settling_loss(rng, 0.9 * LN10, noise=0.05)
    loss[-4:] = 0.75 * LN10
    dipped = report_of(tmp_path / "dipped", healthy_signals(loss=loss), _small_linear_config())
    assert dipped["verdict"] == "stalled", (dipped["intervals"], dipped.get("level_note"))
    assert dipped["intervals"][-1]["causes"][0]["id"] == "insufficient_capacity"
    assert dipped["intervals"][-1]["end_step"] >= N - 8
    left = settling_loss(rng, 0.9 * LN10, noise=0.05)
    left[-N // 5:] = np.linspace(0.9, 0.6, N // 5) * LN10
    later = report_of(tmp_path / "later", healthy_signals(loss=left), _small_linear_config())
    assert not any(c["id"] == "insufficient_capacity" for i in later["intervals"]
                   for c in i["causes"]), later["intervals"]

def test_contradictory_causes_are_never_listed_together():
    by_id = {c.id: c for c in CAUSES}
    high, low = by_id["learning_rate_too_high"], by_id["learning_rate_too_low"]
    vanishing = by_id["vanishing_gradients"]
    findings = []
    for cause, strength in ((low, 0.8), (high, 0.7), (vanishing, 0.5)):
        f = Finding(cause.id)
        f.add(strength, "evidence")
        findings.append((cause, f))
    kept = [c.id for c, _ in ranking.causal_order(findings, CAUSES)]
    assert kept == ["learning_rate_too_low", "vanishing_gradients"]


def test_every_cause_declares_symmetric_contradictions():
    by_id = {c.id: c for c in CAUSES}
    for cause in CAUSES:
        for other in cause.contradicts:
            assert cause.id in by_id[other].contradicts, (cause.id, other)


def test_observed_nan_may_show_certainty_inferred_causes_may_not(tmp_path):
    rng = np.random.default_rng(107)
    s = healthy_signals(loss=LN10 + 0.01 * rng.standard_normal(N))
    s["inputs"][:, 1, 4] = 3.0  # the nonfinite column of one input feature
    s["targets"][:, 6] = 2.0  # ...and of the targets
    report = report_of(tmp_path, s)
    causes = report["intervals"][-1]["causes"]
    assert causes[0]["id"] == "non_finite_values"
    assert causes[0]["confidence"] > T.MAX_HEURISTIC_CONFIDENCE
    assert all(c["confidence"] <= T.MAX_HEURISTIC_CONFIDENCE for c in causes[1:])


def test_listed_causes_are_above_the_floor_and_never_rise(tmp_path):
    rng = np.random.default_rng(108)
    s = healthy_signals(loss=LN10 + 0.01 * rng.standard_normal(N))
    s["update_ratio"][:] = 1e-7
    s["learning_rate"][:] = 1e-8
    s["grad_norm"] = np.tile([1e-6, 1e-4, 0.1], (N, 1))
    raw = report_of(tmp_path / "raw", s, calibrated=False)["intervals"][-1]["causes"]
    shown = report_of(tmp_path / "shown", s)["intervals"][-1]["causes"]
    assert shown and {c["id"] for c in shown} <= {c["id"] for c in raw}
    confidences = [c["confidence"] for c in shown]
    assert confidences[0] >= T.FIRST_CAUSE_FLOOR
    assert all(c >= T.CAUSE_FLOOR for c in confidences[1:])
    assert confidences == sorted(confidences, reverse=True)


def test_a_stalls_weak_best_guess_is_named_at_its_low_confidence(tmp_path):
    """A loss at ln 10 with updates 2e-4 of the weights: the rate too low is the only
    candidate, on weak evidence (a score under 20%, which a first cause shows at most). It is the
    stall's best guess, not padding: listed, at that confidence, rather than nothing.
    Slighter evidence still (updates 7e-4, near the healthy 1e-3) names nothing."""
    rng = np.random.default_rng(109)
    s = healthy_signals(loss=LN10 + 0.01 * rng.standard_normal(N))
    s["update_ratio"][:] = 2e-4
    causes = report_of(tmp_path / "weak", s)["intervals"][-1]["causes"]
    assert [c["id"] for c in causes] == ["learning_rate_too_low"]
    assert T.FIRST_CAUSE_FLOOR <= causes[0]["confidence"] < T.CAUSE_FLOOR
    s["update_ratio"][:] = 7e-4
    assert report_of(tmp_path / "slight", s)["intervals"][-1]["causes"] == []


# --- signatures healthy convergence cannot produce: a flat end at a good loss is a problem ---

def test_a_learning_rate_cut_six_decades_below_its_peak_makes_a_good_flat_end_a_stall(
        tmp_path):
    """ReduceLROnPlateau with mode='max' on a loss cuts the rate tenfold every epoch: the loss
    flattens at 40% of the constant prediction, a level a healthy run may end at, but the
    rate is 1e-13 by then. The same flat end at a steady rate is converged."""
    rng = np.random.default_rng(121)
    s = healthy_signals(loss=settling_loss(rng, 0.4 * LN10))
    s["learning_rate"] = 1e-3 * 0.1 ** np.minimum(np.arange(N) // 30, 10)
    s["update_ratio"] = np.tile([1e-3, 1.2e-3, 2e-3], (N, 1)) * \
        (s["learning_rate"] / 1e-3)[:, None]
    report = report_of(tmp_path / "cut", s)
    assert report["verdict"] == "stalled", report["intervals"]
    cause = report["intervals"][-1]["causes"][0]
    assert cause["id"] == "learning_rate_too_low"
    assert any("the learning rate fell from 0.001" in e["text"] for e in cause["evidence"])
    assert "mode='max'" in cause["fix"]
    s["learning_rate"][:] = 1e-3
    s["update_ratio"] = np.tile([1e-3, 1.2e-3, 2e-3], (N, 1))
    assert report_of(tmp_path / "steady", s)["verdict"] == "converged"


def test_dropout_after_the_output_layer_makes_a_good_flat_end_a_stall(tmp_path):
    """Dropout(0.3) after the Dense output zeroes a third of the predictions in training: the
    training loss flattens at 40% of the constant's while the probe, in inference mode,
    scores far better. The same model with the Dropout before its output is converged."""
    rng = np.random.default_rng(122)
    s = healthy_signals(loss=settling_loss(rng, 0.4 * LN10))
    s["probe_loss"] = np.full(N, 0.15 * LN10)
    cfg = config()
    dropout = {"name": "dropout", "class": "Dropout", "rate": 0.3, "params": 0}
    cfg["layers"].append(dropout)
    report = report_of(tmp_path / "after", s, cfg)
    assert report["verdict"] == "stalled", report["intervals"]
    cause = report["intervals"][-1]["causes"][0]
    assert cause["id"] == "over_regularization"
    assert any("dropout comes after the output layer dense_2" in e["text"]
               for e in cause["evidence"])
    assert cause["fix"].startswith("Remove dropout after dense_2")
    cfg["layers"].insert(2, cfg["layers"].pop())
    assert report_of(tmp_path / "before", s, cfg)["verdict"] == "converged"


def test_dense_layers_on_an_unflattened_sequence_score_each_position_alone(tmp_path):
    """Dense layers straight on (128, 1) records: the output is (None, 128, 1) against one
    target per example, so each of the 128 samples predicts the target alone, and the loss
    sits at the constant's. A model whose output has one value per target is not told so."""
    rng = np.random.default_rng(123)
    s = healthy_signals(loss=settling_loss(rng, LN10, 0.01))
    s["targets"] = np.tile(np.array([-2.0, 1.6, 0.0, 1.0, 64, 0, 0, 64]), (N, 1))
    cfg = config(loss={"name": "mse"}, output_activation="linear", output_units=1,
                 probe={"examples": 64})
    cfg["layers"][-1].update(units=1, activation="linear", params=65,
                             output_shape=[None, 128, 1])
    s["loss"] = settling_loss(rng, 1.05, 0.01)
    report = report_of(tmp_path / "positions", s, cfg)
    cause = report["intervals"][-1]["causes"][0]
    assert cause["id"] == "insufficient_capacity", report["intervals"]
    assert any("keeps 128 values per example" in e["text"] for e in cause["evidence"])
    assert "Flatten()" in cause["fix"]
    cfg["layers"][-1]["output_shape"] = [None, 1]
    report = report_of(tmp_path / "flat", s, cfg, calibrated=False)
    assert not any("values per example" in e["text"] for i in report["intervals"]
                   for c in i["causes"] for e in c["evidence"])


def _next_symbol_run(tmp_path, labels_per_example):
    """A recurrent net's softmax over 5 symbols at each of 48 positions (output (None, 48, 5))
    under sparse categorical cross-entropy, flattening at 60% of ln 5 (the traffic's own
    entropy); the probe's 64 examples hold `labels_per_example` labels each."""
    rng = np.random.default_rng(125)
    s = healthy_signals(loss=settling_loss(rng, 0.6 * math.log(5), 0.01))
    s["target_classes"] = np.tile(np.r_[np.full(5, 0.2), np.zeros(5)], (N, 1))
    count = 64 * labels_per_example
    s["targets"] = np.tile(np.array([0, 4, 2.0, 2.0, 5, 1, 0, count]), (N, 1))
    cfg = config(output_units=5, probe={"examples": 64},
                 loss={"name": "sparse_categorical_crossentropy",
                       "class": "SparseCategoricalCrossentropy", "from_logits": False})
    cfg["layers"][-1].update(units=5, params=245, output_shape=[None, 48, 5])
    return report_of(tmp_path, s, cfg, calibrated=False)


def test_a_sequence_labelled_at_every_position_is_not_scored_alone(tmp_path):
    """Next-symbol prediction labels every position: 48 labels per example, each scored
    against its position's 5 outputs, is one prediction per label, not positions scored
    alone; a healthy run flattening at the data's entropy there is converged. The same
    output against one label per example is."""
    report = _next_symbol_run(tmp_path / "every", 48)
    assert report["verdict"] == "converged", report["intervals"]
    report = _next_symbol_run(tmp_path / "one", 1)
    assert any("keeps 240 values per example" in e["text"] for i in report["intervals"]
               for c in i["causes"] for e in c["evidence"]), report["intervals"]


def test_a_rare_class_the_probe_barely_holds_is_judged_by_the_models_mean_prediction(
        tmp_path):
    """Bleeds in 3.7% of patients; the 64-example probe holds one (1.6%), whose binary
    entropy (0.08) puts a healthy run's loss of 0.15 far above "the constant's". A model
    trained with cross-entropy predicts 4.2% on average, the training rate's estimate: by
    that entropy (0.17) it is at 88%, converged. A model predicting less than the probe's
    rate does not lower the baseline."""
    rng = np.random.default_rng(124)
    s = healthy_signals(loss=0.15 + 0.55 * np.exp(-12 * T_AXIS) + 0.01 * rng.standard_normal(N))
    rate = 1 / 64
    s["targets"] = np.tile(np.array([0, 1, rate, rate * (1 - rate), 2, 1, 0, 64]), (N, 1))
    del s["target_classes"]
    s["predictions"] = np.tile([0.042, 0.03, 0.001, 0.2, 0.0], (N, 1))
    cfg = config(loss={"name": "binary_crossentropy", "class": "BinaryCrossentropy",
                       "from_logits": False}, output_activation="sigmoid", output_units=1)
    report = report_of(tmp_path / "rare", s, cfg)
    assert report["verdict"] == "converged", report["intervals"]
    assert report["baseline"]["value"] == pytest.approx(0.174, abs=0.002)
    assert "mean prediction" in report["baseline"]["text"]
    s["predictions"][:, 0] = 0.01
    report = report_of(tmp_path / "lower", s, cfg)
    assert report["baseline"]["value"] == pytest.approx(0.0808, abs=0.002)
    assert report["verdict"] == "stalled"


def _class_weighted_run(tmp_path, weights):
    """Five classes, 80% of them the first, fit(class_weight=...) balancing them (or
    `weights` None: the same run written without the weights recorded); the weighted loss
    starts at ln 5 and keeps falling, to 1.25 at the end, with the large batch-to-batch
    scatter the weights give (a batch holding rare labels weighs up to 16x)."""
    rng = np.random.default_rng(131)
    freq = np.array([0.8, 0.05, 0.06, 0.03, 0.06])
    s = healthy_signals(loss=math.log(5) - 0.36 * T_AXIS + 0.3 * rng.standard_normal(N))
    s["target_classes"] = np.tile(np.concatenate([freq, np.zeros(5)]), (N, 1))
    cfg = config(output_units=5)
    cfg["layers"][-1].update(units=5, params=325)
    if weights is not None:
        cfg["fit_weights"] = {"class_weight": {str(k): float(w) for k, w in enumerate(weights)},
                              "sample_weight": False}
    return report_of(tmp_path, s, cfg), freq


def test_a_class_weighted_loss_is_judged_against_its_own_constant(tmp_path):
    """Under class weights that balance the classes the best constant scores ln 5 on the
    weighted loss, not the prior's entropy (0.78): a run still falling from ln 5 to 1.25 is
    better than a constant, not 'worse than predicting one'. Read without the recorded
    weights (a logdir from before they were recorded) it was taken for a stall there."""
    weights = 1.0 / (5 * np.array([0.8, 0.05, 0.06, 0.03, 0.06]))
    report, freq = _class_weighted_run(tmp_path / "weighted", weights)
    assert report["baseline"]["kind"] == "weighted_label_entropy"
    assert report["baseline"]["value"] == pytest.approx(math.log(5), rel=1e-6)
    assert report["verdict"] in ("healthy", "converged"), report["intervals"]
    assert report["intervals"] == []
    report, _ = _class_weighted_run(tmp_path / "unrecorded", None)
    assert report["baseline"]["value"] == pytest.approx(-(freq * np.log(freq)).sum(), rel=1e-6)
    assert report["verdict"] == "stalled"


def test_a_run_at_the_constant_under_sample_weights_is_still_a_stall(tmp_path):
    """fit(sample_weight=...) weighs each example: with weights that do not depend on the
    label (mean 1.5 here) the best constant's loss is the prior's entropy times their mean.
    A run flat there learned nothing and is a stall; the baseline says how it was made.
    Recorded without the mean (unknown weights) the baseline is unknown, with a note."""
    rng = np.random.default_rng(133)
    s = healthy_signals(loss=1.5 * LN10 + 0.01 * rng.standard_normal(N))
    cfg = config()
    cfg["fit_weights"] = {"class_weight": None, "sample_weight": True, "sample_weight_mean": 1.5}
    report = report_of(tmp_path / "mean", s, cfg)
    assert report["baseline"]["value"] == pytest.approx(1.5 * LN10, rel=1e-3)
    assert "sample weights' mean 1.5" in report["baseline"]["text"]
    assert report["verdict"] == "stalled"
    cfg["fit_weights"] = {"class_weight": None, "sample_weight": True, "sample_weight_mean": None}
    report = report_of(tmp_path / "unknown", s, cfg)
    assert report["baseline"] is None
    assert any("sample_weight" in n for n in report["notes"])
    cfg["fit_weights"] = {"class_weight": None, "sample_weight": False,
                          "class_weight_unreadable": True}
    report = report_of(tmp_path / "unreadable", s, cfg)
    assert report["baseline"] is None
    assert any("class_weight the callback could not read" in n for n in report["notes"])


def _rare_weighted_run(tmp_path, predicted):
    """A sigmoid classifier of a rare class under fit(class_weight={0: 1, 1: 12}), its
    loss flat at 0.8 from ln 10, on a probe holding 1 positive in 64 (the training labels'
    rate is ~4%); `predicted`: the model's mean predicted probability on the probe, None
    when not logged."""
    rng = np.random.default_rng(141)
    s = healthy_signals(loss=settling_loss(rng, 0.8))
    del s["target_classes"]
    s["targets"] = np.tile([0.0, 1.0, 1 / 64, (1 / 64) * (63 / 64), 2, 1, 0, 64], (N, 1))
    if predicted is not None:
        s["predictions"] = np.tile([predicted, 0.1, 0.05, 0.9, 0.0], (N, 1))
    cfg = config(output_units=1, output_activation="sigmoid",
                 loss={"name": "binary_crossentropy", "class": "BinaryCrossentropy",
                       "from_logits": False},
                 fit_weights={"class_weight": {"0": 1.0, "1": 12.0}, "sample_weight": False})
    cfg["layers"][-1].update(units=1, activation="sigmoid", params=65)
    return report_of(tmp_path, s, cfg)


def test_a_weighted_rare_class_the_probe_barely_holds_is_judged_at_the_models_rate(tmp_path):
    """One positive in 64 probe examples says 1.6% where the data holds ~4%: the weighted
    constant's loss from it (0.52) puts a healthy weighted loss of 0.8 above a constant.
    As for an unweighted binary cross-entropy, the model's mean prediction (0.35, the
    weighted rate the loss's bias gradient sets) tells the rate, here 4.3%, and the
    constant's loss there (0.95): the run is not stalled. Without the prediction logged,
    the probe's rate is all there is and the run is called stalled."""
    report = _rare_weighted_run(tmp_path / "told", 0.35)
    rate = 0.35 / (0.35 + 0.65 * 12)
    mass = np.array([1 - rate, 12 * rate])
    q = mass / mass.sum()
    assert report["baseline"]["value"] == pytest.approx(mass.sum() * -(q * np.log(q)).sum(),
                                                        rel=1e-4)
    assert "too few to tell the rate" in report["baseline"]["text"]
    assert report["verdict"] in ("healthy", "converged"), report["intervals"]
    report = _rare_weighted_run(tmp_path / "untold", None)
    assert report["baseline"]["value"] < 0.6
    assert report["verdict"] == "stalled"
