"""PlateauCallback: the Keras hooks that record plateau diagnostics from `model.fit`.

The callback itself checks its arguments and hands each hook to its `recording.Recording`,
which works on every Keras backend and imports TensorFlow only when Keras runs on it.
"""

import os

import keras

from tb_plateau.record.live import check_on_stall
from tb_plateau.record.cadence import DEFAULT_PROBE_SIZE


class PlateauCallback(keras.callbacks.Callback):
    """Writes what tb-plateau needs to find a stalled loss and its cause, from `model.fit`.

    Every step it records the batch's loss and the learning rate (inside the compiled train
    step, so training keeps its speed); at a cadence that keeps the cost small (about 1% of
    training time, and 20 times a run when that fits in the budget) it runs the model on
    `probe_data` and writes per-layer gradient norms, weight norms, update ratios,
    activation statistics, prediction spread, and input/target statistics. Epoch metrics
    (validation included) and the model's configuration are written too. Open the
    "Plateau" tab in TensorBoard, or run `tb-plateau report <log_dir>`.

    Example:

    ```python
    import numpy as np, keras, tb_plateau

    x = np.random.rand(512, 8).astype("float32")
    y = (x.sum(axis=1) > 4).astype("float32")
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    cb = tb_plateau.PlateauCallback("runs/exp1", probe_data=(x[:64], y[:64]))
    model.fit(x, y, epochs=3, validation_split=0.2, callbacks=[cb])
    ```

    Args:
      log_dir: the run's directory. It can be the same as Keras's `TensorBoard(log_dir)`
        (that one writes under `train/` and `validation/`, this one in `log_dir` itself).
      probe_data: an `(x, y)` pair (or `x` alone, or a `tf.data.Dataset` whose first
        batch is used): gradients, activations and predictions are measured on its first
        `probe_size` examples. Held-out examples are best. Every target it holds (up to
        65,536 examples) is summarised too, for the loss a constant prediction would get:
        a validation set, or a thousand rows, gives that baseline within a few percent,
        where 64 targets leave a variance 18% uncertain. Without it only loss, learning
        rate, weight norms, update ratios, epoch metrics and the configuration are written.
      diagnostics_every: run the probe diagnostics every this many steps; "auto" (default)
        picks the cadence from the measured cost (see above).
      probe_size: at most this many examples of `probe_data` are used.
      writer: an existing `tf.summary` writer to write to instead of opening `log_dir`.
      on_stall: what to do when the loss stalls or diverges while training, judged by the
        same analysis as the Plateau tab on the run so far (its cost is kept under 0.2% of
        training time, plus one check when `fit` returns): "warn" (default) logs the stall,
        its probable cause and the fix once when it is confirmed and once when it ends;
        "stop" also stops training, as EarlyStopping does; None checks nothing; a callable
        gets the problem interval as the report's JSON gives it and may return True to stop.
        Every alert is also written to the run (TensorBoard's Text tab, the Plateau tab).
    """

    def __init__(self, log_dir, probe_data=None, diagnostics_every="auto",
                 probe_size=DEFAULT_PROBE_SIZE, writer=None, on_stall="warn"):
        super().__init__()
        if log_dir is None and writer is None:
            raise ValueError("PlateauCallback needs a log_dir (or a writer to share).")
        if diagnostics_every != "auto" and (not isinstance(diagnostics_every, int)
                                            or diagnostics_every < 1):
            raise ValueError(f"diagnostics_every must be 'auto' or a positive int, "
                             f"got {diagnostics_every!r}")
        if not isinstance(probe_size, int) or probe_size < 1:
            raise ValueError(f"probe_size must be a positive int, got {probe_size!r}")
        self.on_stall = check_on_stall(on_stall)
        self.log_dir = None if log_dir is None else os.fspath(log_dir)
        self.probe_data = probe_data
        self.diagnostics_every = diagnostics_every
        self.probe_size = probe_size
        self._shared_writer = writer
        self._impl = None  # the backend's recording, made at the first fit and kept

    def _recording(self):
        if self._impl is None:
            from tb_plateau.record.recording import Recording

            self._impl = Recording(self)
        return self._impl

    def __getattr__(self, name):
        # The recording's state (`_writer`, `_watch`, ...) is read through the callback by
        # tests and benchmarks; only called for names the callback itself lacks.
        impl = self.__dict__.get("_impl")
        if impl is not None and name.startswith("_") and not name.startswith("__"):
            return getattr(impl, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    # No on_train_batch_end / on_batch_end on purpose: Keras dispatches batch ends on a
    # thread (JAX, PyTorch) only while no callback overrides them.

    def on_train_begin(self, logs=None):
        self._recording().on_train_begin(logs)

    def on_epoch_begin(self, epoch, logs=None):
        self._recording().on_epoch_begin(epoch, logs)

    def on_train_batch_begin(self, batch, logs=None):
        self._recording().on_train_batch_begin(batch, logs)

    def on_epoch_end(self, epoch, logs=None):
        self._recording().on_epoch_end(epoch, logs)

    def on_train_end(self, logs=None):
        self._recording().on_train_end(logs)
