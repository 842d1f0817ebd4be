"""The reference fits on the probe (plateau/reference_fit): what the probe's own examples
say the targets allow, and the stall it proves at a level that alone would pass for
converged. Real tiny Keras models, event files read back by TensorBoard's own loader."""

import os

import numpy as np
import pytest

from tests.tf_helpers import read_run

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
keras = pytest.importorskip("keras")
pytest.importorskip("tensorflow")

import tb_plateau  # noqa: E402

pytestmark = pytest.mark.tf

PROBE = 256


def wave(noise=0.0, seed=0, n=1024 + PROBE):
    """A target a line explains 58% of (x0) and a wave the rest (sin 2.5 x1), plus noise."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 2)).astype("float32")
    y = x[:, 0] + 1.2 * np.sin(2.5 * x[:, 1]) + noise * rng.normal(size=n)
    return x, y.astype("float32")[:, None]


def fit(tmp_path, name, x, y, hidden=(), loss="mse", out=None, epochs=30, seed=0):
    keras.utils.set_random_seed(seed)
    model = keras.Sequential(
        [keras.Input((x.shape[1],))] +
        [keras.layers.Dense(h, activation="relu") for h in hidden] +
        [keras.layers.Dense(y.shape[1] if out is None else out[0],
                            activation=None if out is None else out[1])])
    model.compile(keras.optimizers.Adam(1e-2), loss)
    log_dir = tmp_path / name
    model.fit(x[:-PROBE], y[:-PROBE], epochs=epochs, batch_size=32, verbose=0,
              callbacks=[tb_plateau.PlateauCallback(str(log_dir), probe_size=PROBE,
                                                    probe_data=(x[-PROBE:], y[-PROBE:]))])
    return log_dir


def analyzed(tmp_path, name):
    from tb_plateau.analysis import analyze
    from tb_plateau.read import reader

    source = reader.open_logdir(str(tmp_path))
    return analyze(reader.read_run(source.provider, source.ctx, source.experiment_id, name))


def reference_and_constant(log_dir):
    run = read_run(log_dir)
    reference = run["plateau/reference_fit"]
    assert reference.content["columns"] == ["loss", "neighbours", "kernel_width", "examples",
                                            "linear_loss"]
    constant = run["plateau/constant_fit"].values[-1][2]
    return reference.values[-1], float(constant)


def test_the_reference_reaches_the_targets_noise_and_no_lower(tmp_path):
    """Without noise the probe's own 256 examples predict a smooth target far better than a
    constant; with noise of variance 1 the reference stops near that variance, never far
    below it (no fit of the others can predict noise)."""
    x, y = wave()
    (loss, neighbours, width, examples, linear), constant = reference_and_constant(
        fit(tmp_path, "clean", x, y))
    assert examples == PROBE
    assert loss < 0.05 * constant
    assert (neighbours > 0) != (width > 0)  # one kind of fit won, and says which
    # A line explains 58% of the target: the linear fit alone leaves the wave's 42%.
    assert 0.3 * constant < linear < 0.55 * constant
    x, y = wave(noise=1.0)
    (noisy, _, _, _, _), constant = reference_and_constant(fit(tmp_path, "noisy", x, y))
    assert 0.85 < noisy < 1.5 and noisy < constant


def test_labels_that_carry_nothing_leave_the_reference_at_the_constant(tmp_path):
    """Classes drawn independently of the inputs: neither the vote nor the kernel fit of the
    other examples beats the best constant by more than chance's few percent."""
    rng = np.random.default_rng(3)
    x = rng.normal(size=(1024 + PROBE, 6)).astype("float32")
    y = rng.integers(0, 2, size=(len(x), 1)).astype("float32")
    (loss, _, _, _, linear), constant = reference_and_constant(
        fit(tmp_path, "coin", x, y, hidden=(16,), loss="binary_crossentropy",
            out=(1, "sigmoid"), epochs=3))
    assert loss > 0.9 * constant and linear > 0.9 * constant


def test_class_indices_and_one_hot_rows_get_the_same_reference(tmp_path):
    """A softmax over three classes, given its labels as indices or as one-hot rows: the
    vote and the fit average the same rows, so the reference is the same."""
    rng = np.random.default_rng(4)
    x = rng.normal(size=(1024 + PROBE, 3)).astype("float32")
    labels = np.argmax(x, axis=1)
    sparse = fit(tmp_path, "sparse", x, labels[:, None].astype("int32"), hidden=(8,),
                 loss="sparse_categorical_crossentropy", out=(3, "softmax"), epochs=2)
    dense = fit(tmp_path, "dense", x, np.eye(3, dtype="float32")[labels], hidden=(8,),
                loss="categorical_crossentropy", out=(3, "softmax"), epochs=2)
    (a, _, _, _, c), (b, _, _, _, d) = (read_run(d)["plateau/reference_fit"].values[-1]
                                        for d in (sparse, dense))
    assert a == pytest.approx(b, rel=0.05) and c == pytest.approx(d, rel=0.05)
    assert a < 0.5 * np.log(3)


def test_a_linear_model_flat_at_a_good_level_is_stalled_by_what_the_data_allows(tmp_path):
    """One Dense(1) on a target with a wave in it settles at ~43% of the constant's loss: a
    level that alone would pass for converged. The probe's own examples predict it ~100x
    better, and the model does no better on its own batches: stalled, the model's size
    named first, the reference as its evidence."""
    x, y = wave()
    fit(tmp_path, "line", x, y)
    report = analyzed(tmp_path, "line")
    assert report["verdict"] == "stalled"
    first = report["intervals"][-1]["causes"][0]
    assert first["id"] == "insufficient_capacity"
    assert any(e.get("signal") == "reference_fit" and "kernel ridge" in e["text"]
               for e in first["evidence"])


@pytest.mark.parametrize("rate,offset", [(1e-4, 0.0), (3e-4, 3.0), (1e-2, 0.0)])
def test_a_linear_model_short_of_its_own_linear_fit_is_slow_not_small(tmp_path, rate, offset):
    """One Dense(1) on a target a line explains all but its noise, under plain SGD at 1e-4
    for four epochs: it creeps from the constant's loss to ~93% of it while a linear fit of
    the probe's other examples reaches ~4%. Its size is no limit (it can compute that fit):
    stalled on the learning rate, the linear fit as evidence, and no insufficient capacity
    (named before). The targets offset by 3 at 3e-4: the loss creeps down from four times
    the constant's, its gradients large beside weights far from their fit (named exploding
    gradients before): the rate too. At 1e-2 the model reaches the noise, not flagged."""
    rng = np.random.default_rng(5)
    x = rng.normal(size=(1024 + PROBE, 4)).astype("float32")
    y = (x @ np.array([1.0, -0.5, 0.8, 0.3]) + 0.3 * rng.normal(size=len(x)) + offset)
    y = y.astype("float32")[:, None]
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(rate), "mse")
    model.fit(x[:-PROBE], y[:-PROBE], epochs=4, batch_size=32, verbose=0,
              callbacks=[tb_plateau.PlateauCallback(str(tmp_path / "slow"), probe_size=PROBE,
                                                    probe_data=(x[-PROBE:], y[-PROBE:]))])
    report = analyzed(tmp_path, "slow")
    if rate > 1e-3:
        assert report["verdict"] in ("healthy", "converged") and not report["intervals"]
        return
    assert report["verdict"] == "stalled", report["level_note"]
    causes = report["intervals"][-1]["causes"]
    assert causes[0]["id"] == "learning_rate_too_low"
    assert "insufficient_capacity" not in [c["id"] for c in causes]
    assert any(e.get("signal") == "reference_fit" and "linear fit" in e["text"]
               for e in causes[0]["evidence"])


@pytest.mark.parametrize("noise", [0.0, 1.0])
def test_a_model_that_fits_what_the_data_allows_is_not_stalled(tmp_path, noise):
    """The same target fitted by two hidden layers, clean (near zero) and with noise of
    variance 1 (flat at the noise, ~38% of the constant's loss): the reference is no lower
    than the model, so no stall."""
    x, y = wave(noise=noise)
    fit(tmp_path, "mlp", x, y, hidden=(32, 32))
    report = analyzed(tmp_path, "mlp")
    assert report["verdict"] in ("converged", "healthy"), report["intervals"]
    assert report["intervals"] == []


def test_the_reference_reads_more_of_probe_data_than_the_probe_uses(tmp_path):
    """probe_data of 400 examples with the callback's default probe of 64: the reference fits
    read up to their cap of 256 of them (a validation set passed as probe_data makes them
    stronger), the probe still 64."""
    x, y = wave(n=1024 + 400)
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-2), "mse")
    model.fit(x[:1024], y[:1024], epochs=2, batch_size=64, verbose=0,
              callbacks=[tb_plateau.PlateauCallback(str(tmp_path / "wide"),
                                                    probe_data=(x[1024:], y[1024:]))])
    run = read_run(tmp_path / "wide")
    assert run["plateau/reference_fit"].values[-1][3] == 256
    config = run["plateau/config"]
    assert '"examples": 64' in str(config.values[-1])


@pytest.mark.parametrize("decay", [3.0, 1e-4])
def test_a_cause_at_a_good_level_counts_where_the_data_allows_far_lower(tmp_path, decay):
    """An MLP 32-32 under AdamW(3e-3, weight_decay=3.0), the decay meant as an L2 factor,
    removes 0.9% of every weight a step: flat at ~35% of the constant's loss, a level that
    alone passes for converged (without the reference it is called converged), while the
    probe's examples predict the targets ~100x better. That level is no good one, so the
    decay's evidence makes it a stall. The same model at the usual weight_decay=1e-4 falls
    close to zero and is not flagged."""
    x, y = wave()
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.AdamW(3e-3, weight_decay=decay), "mse")
    model.fit(x[:-PROBE], y[:-PROBE], epochs=30, batch_size=32, verbose=0,
              callbacks=[tb_plateau.PlateauCallback(str(tmp_path / "decay"), probe_size=PROBE,
                                                    probe_data=(x[-PROBE:], y[-PROBE:]))])
    report = analyzed(tmp_path, "decay")
    if decay < 1e-3:
        assert report["verdict"] in ("healthy", "converged") and not report["intervals"]
        return
    assert report["verdict"] == "stalled", report["level_note"]
    interval = report["intervals"][-1]
    assert interval["loss_level"] < 0.5 * report["baseline"]["value"]  # a "good" level
    assert interval["causes"][0]["id"] == "over_regularization"


def test_the_converged_note_says_when_the_data_allows_lower():
    """A flat end at a good level with no cause recognised: the note says what the
    reference fits reached against the model's probe loss, at a level that otherwise has no
    note (under half the constant's)."""
    from tb_plateau.analysis.report import level_note

    assert level_note(0.3, 1.0) is None
    lower = (0.9, 0.32, 0.02, 1.0, "a smooth fit of the others", 256)
    note = level_note(0.3, 1.0, lower=lower)
    assert note["allows"] == {"probe_loss": 0.32, "reference_loss": 0.02, "examples": 256}
    assert "the data allows lower" in note["text"] and "0.02" in note["text"]
    assert "not called a stall" in note["text"]
