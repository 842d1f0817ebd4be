"""on_stall: the helper says when the loss stalls, and why, while it trains, with the verdict
the report gives afterwards; it records the alert in the run; "stop" stops."""

import json
import logging

import numpy as np
import pytest

pytest.importorskip("tensorflow")

import keras  # noqa: E402
import tensorflow as tf  # noqa: E402

import tb_plateau  # noqa: E402
from tb_plateau.analysis import analyze  # noqa: E402
from tb_plateau.read import reader  # noqa: E402

pytestmark = pytest.mark.tf


def _data(n=2048, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 10)).astype("float32")
    y = ((x[:, 0] * x[:, 1] > 0).astype("int32") + 2 * (x[:, 2] > 0)).astype("int32")
    return x, y


def _model(width=32):
    return keras.Sequential([keras.Input((10,)), keras.layers.Dense(width, activation="relu"),
                             keras.layers.Dense(4, activation="softmax")])


def _fit(log_dir, lr, on_stall, epochs=6, width=32, n=2048, batch_size=32):
    keras.utils.set_random_seed(0)
    x, y = _data(n)
    model = _model(width)
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy")
    cb = tb_plateau.PlateauCallback(str(log_dir), probe_data=(x[-128:], y[-128:]),
                                    on_stall=on_stall)
    history = model.fit(x[:-128], y[:-128], epochs=epochs, batch_size=batch_size, verbose=0,
                        callbacks=[cb])
    return cb, history


def _report(log_dir):
    src = reader.open_logdir(str(log_dir.parent))
    return analyze(reader.read_run(src.provider, src.ctx, src.experiment_id, log_dir.name))


def test_a_stalled_fit_warns_once_with_the_reports_verdict_and_cause(tmp_path, caplog):
    run = tmp_path / "stuck"
    with caplog.at_level(logging.WARNING, logger="tb_plateau"):
        cb, _ = _fit(run, 1e-7, "warn")
    messages = [r.getMessage() for r in caplog.records if "loss stalled since step" in
                r.getMessage()]
    assert len(messages) == 1
    assert "Probable cause: Learning rate too low" in messages[0]
    assert "Fix: Raise the learning rate" in messages[0]
    # The same verdict and top cause as the report computed afterwards from the files.
    (kind, step, interval), = cb._watch.alerts
    report = _report(run)
    assert report["verdict"] == "stalled" and kind == "stall"
    assert report["intervals"][-1]["start_step"] == interval["start_step"]
    assert report["intervals"][-1]["causes"][0]["id"] == interval["causes"][0]["id"]


def test_a_healthy_fit_raises_no_alert_and_records_none(tmp_path, caplog):
    run = tmp_path / "fine"
    with caplog.at_level(logging.WARNING, logger="tb_plateau"):
        cb, _ = _fit(run, 1e-2, "warn")
    assert cb._watch.alerts == []
    assert not [r for r in caplog.records if "stalled since" in r.getMessage()]
    assert _report(run)["verdict"] in ("healthy", "converged")
    assert _report(run).get("alerts", []) == []


def test_the_alert_is_in_the_run_for_the_text_tab_and_the_plateau_tab(tmp_path):
    run = tmp_path / "stuck"
    _fit(run, 1e-7, "warn")
    src = reader.open_logdir(str(tmp_path))
    texts = src.provider.list_tensors(src.ctx, experiment_id=src.experiment_id,
                                      plugin_name="text")
    assert "tb_plateau/alert" in texts["stuck"]
    report = _report(run)
    (alert,) = report["alerts"]
    assert alert["kind"] == "stall" and "Learning rate too low" in alert["text"]
    assert alert["step"] == report["steps"]["last"]


def test_on_stall_none_checks_nothing(tmp_path):
    cb, _ = _fit(tmp_path / "quiet", 1e-7, None)
    assert cb._watch is None
    assert _report(tmp_path / "quiet").get("alerts", []) == []


def test_a_callable_gets_the_interval_and_a_failing_one_only_warns(tmp_path):
    got = []
    cb, _ = _fit(tmp_path / "callable", 1e-7, lambda interval: got.append(interval))
    (interval,) = got
    assert json.loads(json.dumps(interval)) == interval  # the report's JSON, as is
    assert interval["kind"] == "stalled" and interval["causes"]

    def broken(interval):
        raise RuntimeError("the user's hook is broken")

    with pytest.warns(RuntimeWarning, match="on_stall callable failed"):
        _, history = _fit(tmp_path / "broken", 1e-7, broken, epochs=3)
    assert len(history.history["loss"]) == 3  # training went on


def test_stop_really_stops_a_stalled_fit(tmp_path):
    # Long enough for a check inside the 0.2% budget before the fit would end by itself.
    cb, history = _fit(tmp_path / "stop", 1e-7, "stop", epochs=400, width=256, n=1024,
                       batch_size=16)
    assert cb._watch.alerts and cb._watch.alerts[0][0] == "stall"
    assert len(history.history["loss"]) < 400
    # Its checks stayed within the budget of the training time they interrupted.
    during = cb._watch.check_seconds[:-1]
    assert sum(during) <= 0.002 * cb._train_seconds_before + max(during, default=0)


def test_a_custom_loop_asks_to_stop_through_the_logger(tmp_path):
    keras.utils.set_random_seed(0)
    x, y = _data(1024)
    model = _model()
    optimizer = keras.optimizers.SGD(1e-7)
    loss_fn = keras.losses.SparseCategoricalCrossentropy()
    logger = tb_plateau.PlateauLogger(str(tmp_path / "loop"), on_stall="stop")
    logger.log_config(model, loss=loss_fn, optimizer=optimizer, batch_size=32)
    for step in range(1, 161):
        xb, yb = x[(step % 32) * 32:][:32], y[(step % 32) * 32:][:32]
        with tf.GradientTape() as tape:
            pred = model(xb, training=True)
            loss = loss_fn(yb, pred)
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        logger.log_step(step, loss=loss, gradients=grads, variables=model.trainable_variables,
                        inputs=xb, targets=yb, predictions=pred, learning_rate=1e-7)
    logger.close()
    assert logger.stop_training
    assert _report(tmp_path / "loop")["alerts"][0]["kind"] == "stall"


def test_one_alert_across_several_fits_with_validation_data(tmp_path, caplog):
    keras.utils.set_random_seed(0)
    x, y = _data(2048)
    model = _model()
    model.compile(keras.optimizers.Adam(1e-7), "sparse_categorical_crossentropy")
    cb = tb_plateau.PlateauCallback(str(tmp_path / "twice"), probe_data=(x[-128:], y[-128:]))
    with caplog.at_level(logging.WARNING, logger="tb_plateau"):
        for _ in range(2):  # the stall goes on in the second fit: it is not news
            model.fit(x[:-128], y[:-128], epochs=3, batch_size=32, validation_split=0.2,
                      verbose=0, callbacks=[cb])
    said = [r for r in caplog.records if "loss stalled since step" in r.getMessage()]
    assert len(said) == 1 and len(cb._watch.alerts) == 1
    report = _report(tmp_path / "twice")
    assert report["steps"]["last"] == 2 * 3 * 48  # both fits, steps continuing
    assert "epoch/val_loss" in report["signals"]
    assert [a["kind"] for a in report["alerts"]] == ["stall"]
