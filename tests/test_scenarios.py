"""The catalogue as the real check of the diagnosis: real trainings, read back through
TensorBoard's own loading code, must be diagnosed with their labelled cause."""

import collections
import os
import pathlib
import re
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent

try:
    from tb_plateau.demo import runner, scenarios
except ImportError:  # a checkout without `pip install -e .`
    sys.path.insert(0, str(ROOT))
    from demo import runner, scenarios

# One scenario per cause (the quickest to train of each) and two healthy controls; the whole
# catalogue is scored by benchmarks/accuracy.py.
SUBSET = (
    "mlp/healthy_improving",
    "mlp/converged",
    "cnn/schedule_jump",  # learning_rate_too_high, mid-run
    "mlp/sgd_lr_1e7",  # learning_rate_too_low
    "mlp/deep_sigmoid_20",  # vanishing_gradients
    "rnn/relu_rnn_no_clipping",  # exploding_gradients
    "mlp/negative_bias",  # dead_relus
    "mlp/tanh_positive_bias",  # saturated_activations
    "mlp/raw_tabular_columns",  # unnormalized_inputs
    "cnn/sigmoid_output_for_area",  # loss_activation_mismatch
    "mlp/linear_model_on_spirals",  # insufficient_capacity
    "mlp/l2_ten",  # over_regularization
    "mlp/zero_init",  # poor_initialization
    "custom/handwritten_cross_entropy",  # non_finite_values, through PlateauLogger
)


# --- the catalogue's shape (no training) ------------------------------------------------------


def test_catalogue_covers_every_cause_twice_in_different_families():
    from tb_plateau.analysis import CAUSE_IDS

    families = collections.defaultdict(set)
    for s in scenarios.REGISTRY:
        assert set(s.expected_causes) <= set(CAUSE_IDS), s.run
        if s.expected_causes:
            families[s.expected_causes[0]].add(s.family)
    for cause in CAUSE_IDS:
        assert len(families[cause]) >= 2, f"{cause}: only in {sorted(families[cause])}"


def test_catalogue_has_controls_and_consistent_labels():
    runs = [s.run for s in scenarios.REGISTRY]
    assert len(runs) == len(set(runs))
    controls = [s for s in scenarios.REGISTRY if s.healthy]
    assert len(controls) >= 4
    assert {s.family for s in controls} >= {"mlp", "cnn", "rnn"}
    for s in scenarios.REGISTRY:
        assert s.family in scenarios.FAMILIES
        assert bool(s.healthy) != bool(s.expected_causes), s.run
        assert s.description, s.run
        assert s.stall_begins is None or s.stall_begins >= 1
    assert len([s for s in scenarios.REGISTRY if not s.healthy]) >= 24
    assert all(run in runs for run in SUBSET)


# --- real trainings --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """Train the subset once into a temporary logdir; return (logdir, labels, reports)."""
    pytest.importorskip("tensorflow")
    from tb_plateau import analysis
    from tb_plateau.read import reader

    logdir = tmp_path_factory.mktemp("catalogue")
    only = "^(" + "|".join(re.escape(run) for run in SUBSET) + ")$"
    labels = runner.train_catalogue(str(logdir), only=only, progress=False)
    source = reader.open_logdir(str(logdir))
    reports = {
        run: analysis.analyze(reader.read_run(source.provider, source.ctx, source.experiment_id, run))
        for run in labels
    }
    return logdir, labels, reports


@pytest.mark.tf
def test_runs_and_labels_are_written(trained):
    logdir, labels, _ = trained
    assert sorted(labels) == sorted(SUBSET)
    on_disk = runner.read_labels(str(logdir))
    for run in SUBSET:
        family, name = run.split("/")
        assert any("tfevents" in f for f in os.listdir(logdir / family / name)), run
        assert on_disk[run]["expected_causes"] == labels[run]["expected_causes"]
        assert on_disk[run]["stall_begins"] == labels[run]["stall_begins"]


@pytest.mark.tf
@pytest.mark.parametrize("run", [r for r in SUBSET if not scenarios.by_run()[r].healthy])
def test_broken_run_is_diagnosed_with_its_cause_in_top_3(trained, run):
    _, labels, reports = trained
    report = reports[run]
    expected = set(labels[run]["expected_causes"])
    assert report["intervals"], f"{run}: no stalled/diverged interval; verdict {report['verdict']}"
    begins = labels[run]["stall_begins"]
    start = 1 if begins == "start" else begins
    interval = next((iv for iv in report["intervals"] if iv["end_step"] >= start),
                    report["intervals"][-1])
    top3 = [c["id"] for c in interval["causes"][:3]]
    assert expected & set(top3), f"{run}: expected one of {sorted(expected)}, top 3 were {top3}"


@pytest.mark.tf
@pytest.mark.parametrize("run", [r for r in SUBSET if scenarios.by_run()[r].healthy])
def test_healthy_run_has_no_problem_interval(trained, run):
    _, _, reports = trained
    report = reports[run]
    assert report["intervals"] == [], f"{run}: false alarm {report['intervals'][:1]}"
    assert report["verdict"] in ("healthy", "converged")
