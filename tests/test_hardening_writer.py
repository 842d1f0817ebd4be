"""Logging never ends training: full disk, closed writers, NaN everywhere, untappable layers,
resumed runs, two writers in one run, multi-worker training. Real TF, real files, real loader."""

import json
import os
import socket
import struct
import subprocess
import sys
import textwrap
import warnings

import numpy as np
import pytest

from tests.tf_helpers import config_of, read_run

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
keras = pytest.importorskip("keras")
tf = pytest.importorskip("tensorflow")

import tb_plateau  # noqa: E402
from tb_plateau import analysis  # noqa: E402
from tb_plateau.read import reader  # noqa: E402

pytestmark = pytest.mark.tf

ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent


def data(n=64, features=4, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, features)).astype("float32")
    y = (x[:, 0] + 0.5 * x[:, 1] > 0).astype("float32")[:, None]
    return x, y


def mlp(seed=1):
    keras.utils.set_random_seed(seed)
    return keras.Sequential([keras.Input((4,)),
                             keras.layers.Dense(6, activation="relu", name="hidden"),
                             keras.layers.Dense(1, activation="sigmoid", name="out")])


def fit_recording_warnings(model, *args, **kwargs):
    """model.fit, returning (history, the tb_plateau warnings it raised)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = model.fit(*args, **kwargs)
    return history, [str(w.message) for w in caught if str(w.message).startswith("tb_plateau:")]


def event_files(log_dir):
    return sorted(p for p in os.listdir(log_dir) if "tfevents" in p)


def records_with_valid_crc(path):
    """Parse a TFRecord file by hand: each record's length and data CRCs must hold and the
    records must cover the file exactly (no torn or interleaved writes). Returns the count."""
    from tensorboard.compat.tensorflow_stub.pywrap_tensorflow import masked_crc32c

    blob = open(path, "rb").read()
    offset, count = 0, 0
    while offset < len(blob):
        header = blob[offset:offset + 8]
        assert len(header) == 8, f"{path}: torn header at byte {offset}"
        assert struct.unpack("<I", blob[offset + 8:offset + 12])[0] == masked_crc32c(header)
        length = struct.unpack("<Q", header)[0]
        payload = blob[offset + 12:offset + 12 + length]
        assert len(payload) == length, f"{path}: torn record at byte {offset}"
        crc = blob[offset + 12 + length:offset + 16 + length]
        assert struct.unpack("<I", crc)[0] == masked_crc32c(payload)
        offset += 16 + length
        count += 1
    return count


def report_of(log_dir):
    source = reader.open_logdir(str(log_dir))
    run_data = reader.read_run(source.provider, source.ctx, source.experiment_id, ".")
    return run_data, analysis.analyze(run_data)


# --- a full disk ------------------------------------------------------------------------------

@pytest.fixture
def tiny_disk(tmp_path):
    """A real 64 KiB tmpfs: writes beyond it fail with ENOSPC, as on a full disk."""
    mount_point = tmp_path / "tiny_disk"
    mount_point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount_point)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root/CAP_SYS_ADMIN): {done.stderr}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=True)


def test_full_disk_warns_once_and_what_was_written_stays_readable(tiny_disk):
    x, y = data(n=128)
    model = mlp()
    model.compile("adam", "binary_crossentropy")
    log_dir = tiny_disk / "run"
    # 16 epochs of 16 steps with a diagnostic every 2nd step write far more than 64 KiB; the
    # losses are written at each epoch's end, so several epochs reach the disk first.
    history, caught = fit_recording_warnings(
        model, x, y, batch_size=8, epochs=16, verbose=0,
        callbacks=[tb_plateau.PlateauCallback(log_dir, probe_data=(x[:32], y[:32]),
                                              diagnostics_every=2)])
    assert len(history.history["loss"]) == 16 and int(model.optimizer.iterations) == 256
    assert len(caught) == 1, caught
    assert "No space left on device" in caught[0] and "training goes on" in caught[0]
    assert os.statvfs(tiny_disk).f_bavail == 0  # the disk really filled up
    (name,) = event_files(log_dir)
    # TensorBoard's loader reads what reached the disk: a prefix of the run, steps from 1 on.
    run = read_run(log_dir)
    steps = run["plateau/loss_block"].steps
    assert len(steps) >= 16 and list(steps) == list(range(1, len(steps) + 1))
    assert steps[-1] < 256
    assert np.all(np.isfinite(run["plateau/loss_block"].values))
    grad_steps = run["plateau/grad_norm"].steps
    assert grad_steps[0] == 1 and np.all(np.diff(grad_steps) > 0)
    # And so does the report reader.
    run_data, report = report_of(log_dir)
    assert list(run_data.loss.steps) == list(steps)
    assert report["verdict"] != "no_data"


# --- a writer closed early --------------------------------------------------------------------

class CloseWriter(keras.callbacks.Callback):
    """Closes a summary writer before batch `at_batch` of the first epoch."""

    def __init__(self, get_writer, at_batch=2):
        super().__init__()
        self.get_writer, self.at_batch = get_writer, at_batch
        self.epoch = 0

    def on_epoch_begin(self, epoch, logs=None):
        self.epoch = epoch

    def on_train_batch_begin(self, batch, logs=None):
        if self.epoch == 1 and batch == self.at_batch:
            self.get_writer().close()


def test_shared_writer_closed_by_the_user_mid_training(tmp_path):
    x, y = data()
    model = mlp()
    model.compile("adam", "binary_crossentropy")
    writer = tf.summary.create_file_writer(str(tmp_path))
    callback = tb_plateau.PlateauCallback(None, writer=writer, probe_data=(x, y),
                                          diagnostics_every=1)
    history, caught = fit_recording_warnings(model, x, y, batch_size=16, epochs=3, verbose=0,
                                             callbacks=[CloseWriter(lambda: writer), callback])
    assert len(history.history["loss"]) == 3
    assert len(caught) == 1 and "cannot write to the run's event files" in caught[0], caught
    # The closed writer is not left as tf.summary's default (Keras's TensorBoard callback
    # writes its batch scalars to the default writer, and would fail on it).
    assert not bool(tf.summary.scalar("after", 1.0, step=1))
    run = read_run(tmp_path)
    # The first epoch was written at its end; nothing after the close is, nothing is torn.
    assert list(run["plateau/loss_block"].steps) == [1, 2, 3, 4]
    assert list(run["plateau/epoch/epoch"].values) == [0]
    for name in event_files(tmp_path):
        assert records_with_valid_crc(tmp_path / name) > 0


def test_callbacks_own_writer_closed_mid_training_and_the_next_fit_logs_again(tmp_path):
    x, y = data()
    model = mlp()
    model.compile("adam", "binary_crossentropy")
    callback = tb_plateau.PlateauCallback(tmp_path, probe_data=(x, y), diagnostics_every=1)
    owned = {}

    class Capture(keras.callbacks.Callback):
        def on_train_begin(self, logs=None):
            owned["writer"] = callback._writer

    history, caught = fit_recording_warnings(
        model, x, y, batch_size=16, epochs=3, verbose=0,
        callbacks=[callback, Capture(), CloseWriter(lambda: owned["writer"])])
    assert len(history.history["loss"]) == 3
    # The closed writer is not left as tf.summary's default: later summaries anywhere in
    # the process (Keras's TensorBoard callback writes its batch scalars to the default
    # writer) are not sent to it.
    assert not bool(tf.summary.scalar("after", 1.0, step=1))
    assert len(caught) == 1 and "cannot write" in caught[0], caught
    # Logging stopped for that fit only: the next fit of the same callback writes again,
    # after the 12 steps trained so far (steps never go backwards, even over a gap).
    _, caught = fit_recording_warnings(model, x, y, batch_size=16, epochs=1, verbose=0,
                                       callbacks=[callback])
    assert caught == []
    run = read_run(tmp_path)
    assert list(run["plateau/loss_block"].steps) == [1, 2, 3, 4, 13, 14, 15, 16]


# --- NaN / Inf everywhere ---------------------------------------------------------------------

def test_nan_and_inf_in_inputs_weights_and_loss(tmp_path):
    x, y = data()
    x[3, 0], x[9, 2], x[20, 1] = np.nan, np.inf, -np.inf
    model = mlp()
    model.compile("adam", "binary_crossentropy")

    class PoisonKernel(keras.callbacks.Callback):
        def on_train_batch_begin(self, batch, logs=None):
            if batch == 1:
                kernel = self.model.get_layer("hidden").kernel
                kernel.assign(np.full(kernel.shape, np.nan, "float32"))

    history, caught = fit_recording_warnings(
        model, x, y, batch_size=16, epochs=3, shuffle=False, verbose=0,
        callbacks=[PoisonKernel(), tb_plateau.PlateauCallback(tmp_path, probe_data=(x, y),
                                                              diagnostics_every=1)])
    assert len(history.history["loss"]) == 3 and np.isnan(history.history["loss"][-1])
    assert caught == []  # NaN is data to log, not a logging failure
    run = read_run(tmp_path)
    assert list(run["plateau/loss_block"].steps) == list(range(1, 13))
    assert np.isnan(run["plateau/loss_block"].values).all()
    assert np.isnan(run["plateau/weight_norm"].values[-1]).all()
    inputs = run["plateau/inputs"]
    np.testing.assert_array_equal(inputs.values[-1][:, inputs.content["columns"].index("nonfinite")],
                                  [1, 1, 1, 0])
    run_data, report = report_of(tmp_path)
    assert list(run_data.loss.steps) == list(range(1, 13))
    causes = [c["id"] for i in report["intervals"] for c in i["causes"]]
    assert "non_finite_values" in causes, report


# --- layers whose output cannot be tapped -----------------------------------------------------

class PairLayer(keras.layers.Layer):
    """Has an activation, but outputs two tensors: no single output to take statistics of."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.activation = keras.activations.relu

    def call(self, inputs):
        return self.activation(inputs), -inputs


def test_untappable_layers_warn_once_and_the_others_are_logged(tmp_path):
    inputs = keras.Input((4,))
    hidden = keras.layers.Dense(6, activation="relu", name="first")(inputs)
    block = keras.Sequential([keras.Input((6,)), keras.layers.Dense(5, activation="tanh",
                                                                    name="inner")], name="block")
    positive, negative = PairLayer(name="pair")(block(hidden))
    merged = keras.layers.Add()([positive, negative])
    outputs = keras.layers.Dense(1, activation="sigmoid", name="out")(merged)
    model = keras.Model(inputs, outputs)
    model.compile("adam", "binary_crossentropy")
    x, y = data()
    history, caught = fit_recording_warnings(
        model, x, y, batch_size=16, epochs=1, verbose=0,
        callbacks=[tb_plateau.PlateauCallback(tmp_path, probe_data=(x, y), diagnostics_every=1)])
    assert len(history.history["loss"]) == 1
    assert len(caught) == 1, caught
    assert "block" in caught[0] and "pair" in caught[0]
    run = read_run(tmp_path)
    activation = run["plateau/activation"]
    assert activation.content["names"] == ["first", "out"]
    assert activation.values.shape == (4, 2, 4)
    assert run["plateau/grad_norm"].content["names"] == ["first", "inner", "out"]
    assert any("pair" in note for note in config_of(run)["notes"])


# --- resuming from a restored checkpoint ------------------------------------------------------

def test_restored_model_continues_from_its_optimizer_counter(tmp_path):
    x, y = data()
    log_dir = tmp_path / "run"
    model = mlp()
    model.compile("adam", "binary_crossentropy")
    model.fit(x, y, batch_size=16, epochs=2, verbose=0,
              callbacks=[tb_plateau.PlateauCallback(log_dir, diagnostics_every=2)])
    # A third epoch trained without the callback: the run holds steps 1..8, the optimizer 12.
    model.fit(x, y, batch_size=16, epochs=1, verbose=0)
    model.save(tmp_path / "model.keras")
    restored = keras.models.load_model(tmp_path / "model.keras")
    assert restored is not model and int(restored.optimizer.iterations) == 12
    restored.fit(x, y, batch_size=16, epochs=5, initial_epoch=3, verbose=0,
                 callbacks=[tb_plateau.PlateauCallback(log_dir, diagnostics_every=2)])
    run = read_run(log_dir)
    assert list(run["plateau/loss_block"].steps) == list(range(1, 9)) + list(range(13, 21))
    for tag in ("plateau/weight_norm", "plateau/learning_rate", "plateau/epoch/loss",
                "plateau/config"):
        assert np.all(np.diff(run[tag].steps) > 0), (tag, run[tag].steps)


def test_older_checkpoint_continues_after_the_last_logged_step(tmp_path):
    x, y = data()
    model = mlp()
    optimizer = keras.optimizers.Adam(0.01)
    model.compile(optimizer, "binary_crossentropy")
    checkpoint = tf.train.Checkpoint(model=model, optimizer=optimizer)
    model.fit(x, y, batch_size=16, epochs=2, verbose=0,
              callbacks=[tb_plateau.PlateauCallback(tmp_path, diagnostics_every=2)])
    saved = checkpoint.save(str(tmp_path / "ckpt" / "step"))
    model.fit(x, y, batch_size=16, epochs=4, initial_epoch=2, verbose=0,
              callbacks=[tb_plateau.PlateauCallback(tmp_path, diagnostics_every=2)])
    # A crash, and a restart from the older checkpoint (optimizer at 8, run logged to 16).
    fresh = mlp(seed=5)
    fresh_optimizer = keras.optimizers.Adam(0.01)
    fresh.compile(fresh_optimizer, "binary_crossentropy")
    fresh_optimizer.build(fresh.trainable_variables)
    tf.train.Checkpoint(model=fresh, optimizer=fresh_optimizer).restore(saved).assert_consumed()
    assert int(fresh_optimizer.iterations) == 8
    np.testing.assert_array_equal(fresh.get_layer("out").kernel.numpy().shape, (6, 1))
    fresh.fit(x, y, batch_size=16, epochs=4, initial_epoch=2, verbose=0,
              callbacks=[tb_plateau.PlateauCallback(tmp_path, diagnostics_every=2)])
    run = read_run(tmp_path)
    assert list(run["plateau/loss_block"].steps) == list(range(1, 25))
    assert list(run["plateau/epoch/epoch"].values) == [0, 1, 2, 3, 2, 3]
    for tag in ("plateau/weight_norm", "plateau/epoch/loss", "plateau/config"):
        assert np.all(np.diff(run[tag].steps) > 0), (tag, run[tag].steps)


# --- two writers in one run -------------------------------------------------------------------

def test_two_callbacks_writing_one_run_at_once(tmp_path):
    x, y = data()
    model = mlp()
    model.compile("adam", "binary_crossentropy")
    history, caught = fit_recording_warnings(model, x, y, batch_size=16, epochs=2, verbose=0,
                                             callbacks=[
        tb_plateau.PlateauCallback(tmp_path, probe_data=(x, y), diagnostics_every=1),
        tb_plateau.PlateauCallback(tmp_path, probe_data=(x, y), diagnostics_every=3)])
    assert len(history.history["loss"]) == 2 and caught == []
    names = event_files(tmp_path)
    assert len(names) == 2
    for name in names:
        assert records_with_valid_crc(tmp_path / name) > 8
    run = read_run(tmp_path)  # both files, every event kept
    assert sorted(run["plateau/loss_block"].steps) == sorted(list(range(1, 9)) * 2)
    run_data, report = report_of(tmp_path)
    assert list(run_data.loss.steps) == list(range(1, 9))  # one value per step
    assert report["verdict"] != "no_data"


def test_callback_and_logger_in_one_run_reader_keeps_the_last_write(tmp_path):
    # A PlateauLogger opened first and a PlateauCallback opened at fit, both writing the
    # loss of the same steps with different values: the reader keeps one value per step,
    # the one from the event file read last (the writer opened last), docs/format.md.
    x, y = data()
    model = mlp()
    model.compile("adam", "binary_crossentropy")
    logger = tb_plateau.PlateauLogger(tmp_path, diagnostics_every=1)

    class AlsoLog(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            logger.log_step(int(self.model.optimizer.iterations), loss=-1.0)

    history, caught = fit_recording_warnings(model, x, y, batch_size=16, epochs=2, verbose=0,
                                             callbacks=[AlsoLog(), tb_plateau.PlateauCallback(
                                                 tmp_path, probe_data=(x, y), diagnostics_every=4)])
    logger.close()
    assert len(history.history["loss"]) == 2 and caught == []
    for name in event_files(tmp_path):
        # Each whole: the file header and at least one block of the 8 steps' losses.
        assert records_with_valid_crc(tmp_path / name) >= 2
    run_data, _ = report_of(tmp_path)
    assert list(run_data.loss.steps) == list(range(1, 9))
    assert np.all(run_data.loss.values > 0)  # the callback's losses, not the logger's -1


# --- MultiWorkerMirroredStrategy: only the chief writes --------------------------------------

WORKER = textwrap.dedent("""
    import json, os, sys
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
    sys.path.insert(0, sys.argv[2])
    import tensorflow as tf
    strategy = tf.distribute.MultiWorkerMirroredStrategy()  # reads TF_CONFIG
    import numpy as np, keras
    import tb_plateau

    log_dir, out = sys.argv[1], sys.argv[3]
    rng = np.random.default_rng(0)
    x = rng.normal(size=(64, 4)).astype("float32")
    y = (x[:, :1] > 0).astype("float32")
    options = tf.data.Options()
    options.experimental_distribute.auto_shard_policy = tf.data.experimental.AutoShardPolicy.DATA
    # Keras 3.15's fit under this strategy reduces a peeked (x, y) batch as a nested structure
    # and each scalar log along axis 0, both of which collective reduce refuses: feed one
    # tensor per batch and return logs of shape [1]. The model and callback are unchanged.
    dataset = tf.data.Dataset.from_tensor_slices(np.concatenate([x, y], axis=1)).batch(16)
    dataset = dataset.with_options(options)


    class Split(keras.Sequential):
        def train_step(self, data):
            logs = super().train_step((data[:, :4], data[:, 4:]))
            return {name: tf.reshape(value, [1]) for name, value in logs.items()}


    with strategy.scope():
        keras.utils.set_random_seed(1)
        model = Split([keras.Input((4,)), keras.layers.Dense(5, activation="relu"),
                       keras.layers.Dense(1, activation="sigmoid")])
        model.compile(keras.optimizers.SGD(0.1), "binary_crossentropy")
        model.compute_loss(x=x[:2], y=y[:2], y_pred=model(x[:2]))  # builds the compiled loss
        model.optimizer.build(model.trainable_variables)
    history = model.fit(dataset, epochs=2, verbose=0, callbacks=[
        tb_plateau.PlateauCallback(log_dir, probe_data=(x[:16], y[:16]), diagnostics_every=2)])
    resolver = strategy.cluster_resolver
    with open(out, "w") as f:
        json.dump({"task_type": resolver.task_type, "task_id": resolver.task_id,
                   "pid": os.getpid(), "epochs": len(history.history["loss"]),
                   "iterations": int(model.optimizer.iterations.numpy())}, f)
""")


def free_loopback_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_multi_worker_only_the_chief_writes_the_run(tmp_path):
    script = tmp_path / "worker.py"
    script.write_text(WORKER)
    log_dir = tmp_path / "shared_run"
    cluster = {"worker": [f"127.0.0.1:{free_loopback_port()}" for _ in range(2)]}
    workers = []
    for index in range(2):
        scratch = tmp_path / f"tmp{index}"  # each worker's TMPDIR: throw-away dirs go here
        scratch.mkdir()
        env = dict(os.environ, TMPDIR=str(scratch), TF_CONFIG=json.dumps(
            {"cluster": cluster, "task": {"type": "worker", "index": index}}))
        workers.append(subprocess.Popen(
            [sys.executable, str(script), str(log_dir), str(ROOT), str(tmp_path / f"{index}.json")],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    try:
        for worker in workers:
            _, stderr = worker.communicate(timeout=120)
            assert worker.returncode == 0, stderr[-3000:]
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.communicate()
    results = [json.loads((tmp_path / f"{i}.json").read_text()) for i in range(2)]
    assert [(r["task_type"], r["task_id"]) for r in results] == [("worker", 0), ("worker", 1)]
    assert all(r["epochs"] == 2 and r["iterations"] == 8 for r in results)
    # One event file, the chief's (its name carries the writing process's pid).
    (name,) = event_files(log_dir)
    assert f".{results[0]['pid']}." in name
    assert os.listdir(log_dir) == [name]
    # The other worker's throw-away directory is gone; the chief made none.
    assert os.listdir(tmp_path / "tmp0") == [] and os.listdir(tmp_path / "tmp1") == []
    run = read_run(log_dir)
    assert list(run["plateau/loss_block"].steps) == list(range(1, 9))
    assert list(run["plateau/grad_norm"].steps) == [1, 2, 4, 6, 8]
    assert np.all(np.isfinite(run["plateau/loss_block"].values))
