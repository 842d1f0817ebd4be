"""The catalogue: small real trainings, healthy or broken on purpose, each with its label.

Every scenario builds its own synthetic data from a fixed seed, its model, and trains it with
`tb_plateau.PlateauCallback` (Keras `fit`) or `tb_plateau.PlateauLogger` (custom GradientTape
loops). Each broken scenario reproduces a way trainings break in practice; the instances of a
cause differ in model family, mechanism and magnitude so that a detector cannot be tuned to
one of them.

Labels: `expected_causes` are the cause ids a correct diagnosis names. The first is the root
cause the scenario was built around; a second one is listed only where that symptom is
genuinely present as well (a recurrent net whose gradients explode until the loss is NaN).
`stall_begins` is the optimizer step from which the loss stops improving, or None for "from
the start" (step 1). Where the stall follows an event the scenario causes (a schedule jump, a
NaN record read in file order) the step is exact; where the loss first falls and then levels
off it was read off the logged per-step loss and is noted as approximate next to the scenario.
"""

import dataclasses
import os
from typing import Callable

import numpy as np

from . import data

FAMILIES = ("mlp", "cnn", "rnn", "custom")

# Held-out examples passed as `probe_data` (the callback measures gradients, activations and
# predictions on them); they are generated with the training data and never trained on.
PROBE_SIZE = 128


@dataclasses.dataclass(frozen=True)
class Scenario:
    name: str
    family: str
    expected_causes: tuple
    stall_begins: int | None  # optimizer step; None means from the start
    train: Callable = dataclasses.field(repr=False)
    healthy: bool = False
    description: str = ""

    @property
    def run(self):
        """The run's name inside the logdir: '<family>/<scenario>'."""
        return f"{self.family}/{self.name}"

    def label(self):
        """The JSON-able label written to plateau_labels.json."""
        return {
            "family": self.family,
            "scenario": self.name,
            "healthy": self.healthy,
            "expected_causes": list(self.expected_causes),
            "stall_begins": "start" if self.stall_begins is None else int(self.stall_begins),
            "description": self.description,
        }


# Where Keras's TensorBoard callback writes the training scalars of a run (it appends this to
# its log_dir); the custom loops write theirs there too.
KERAS_TRAIN_SUBRUN = "train"


class Session:
    """What a scenario's training needs from the runner: where to log, and how.

    `run_dir=None` trains without tb-plateau (to check that a scenario really breaks).
    `keras_tensorboard` also logs the way users log without tb-plateau: Keras's own
    `TensorBoard` callback in `fit` (epoch loss and learning rate, the model's graph) and, in
    the custom loops, the same epoch scalars through `tf.summary`, as TensorFlow's guide
    does. Both write under `<run_dir>/train`, so TensorBoard's Scalars tab sits beside the
    Plateau tab; the reader leaves such sub-runs of a run that has tb-plateau's own loss out
    of the Plateau tab's run list and the report, so they are not runs of their own there.
    """

    def __init__(self, run_dir=None, keras_tensorboard=False):
        self.run_dir = run_dir
        self.keras_tensorboard = keras_tensorboard and run_dir is not None

    def callbacks(self, probe_data):
        if self.run_dir is None:
            return []
        import tb_plateau

        callbacks = []
        if self.keras_tensorboard:
            # Epoch scalars only: no weight histograms or per-batch writes, so it adds
            # little time to the catalogue.
            callbacks.append(_keras().callbacks.TensorBoard(
                self.run_dir, histogram_freq=0, update_freq="epoch"))
        callbacks.append(tb_plateau.PlateauCallback(self.run_dir, probe_data=probe_data,
                                                    on_stall=_record_quietly))
        return callbacks

    def logger(self):
        if self.run_dir is None:
            return None
        import tb_plateau

        return tb_plateau.PlateauLogger(self.run_dir, on_stall=_record_quietly)

    def epoch_writer(self):
        """A `tf.summary` writer for a custom loop's epoch scalars, in the sub-run Keras's
        callback would use, or None."""
        if not self.keras_tensorboard:
            return None
        import tensorflow as tf

        return tf.summary.create_file_writer(os.path.join(self.run_dir, KERAS_TRAIN_SUBRUN))


def _record_quietly(interval):
    """The catalogue's on_stall: the live alerts go into each run (the Plateau tab marks
    them) without printing a paragraph per broken scenario over the demo's progress bar."""
    return False


REGISTRY = []


def registrar(registry):
    """A decorator factory that registers training functions as scenarios in `registry`
    (one per catalogue: main, holdout, holdout2)."""

    def scenario(family, causes=(), stall_begins=None, healthy=False):
        """Register the decorated training function as the scenario '<family>/<name>'."""

        def register(fn):
            registry.append(
                Scenario(
                    name=fn.__name__,
                    family=family,
                    expected_causes=tuple(causes),
                    stall_begins=stall_begins,
                    train=fn,
                    healthy=healthy,
                    description=" ".join((fn.__doc__ or "").split()),
                )
            )
            return fn

        return register

    return scenario


scenario = registrar(REGISTRY)


def by_run():
    """The registry as {run name: Scenario}."""
    return {s.run: s for s in REGISTRY}


# ---------------------------------------------------------------------------------------------
# helpers


def _keras():
    import keras

    return keras


def _split(x, y):
    """(training part, held-out probe) of a generated data set."""
    return (x[:-PROBE_SIZE], y[:-PROBE_SIZE]), (x[-PROBE_SIZE:], y[-PROBE_SIZE:])


def _steps_per_epoch(n, batch_size):
    return -(-(n - PROBE_SIZE) // batch_size)


def _fit(session, model, x, y, *, epochs, batch_size, shuffle=True, callbacks=()):
    """model.fit on all but the last PROBE_SIZE examples, which are the callback's probe.

    Returns the per-epoch mean training loss."""
    (x_train, y_train), probe = _split(x, y)
    history = model.fit(
        x_train,
        y_train,
        epochs=epochs,
        batch_size=batch_size,
        shuffle=shuffle,
        verbose=0,
        callbacks=list(callbacks) + session.callbacks(probe),
    )
    return history.history["loss"]


def _mlp(keras, inputs, hidden, outputs, activation="relu", out_activation="softmax", **dense_kw):
    layers = [keras.Input((inputs,))]
    layers += [keras.layers.Dense(h, activation=activation, **dense_kw) for h in hidden]
    layers.append(keras.layers.Dense(outputs, activation=out_activation))
    return keras.Sequential(layers)


def _small_cnn(keras, input_shape, outputs, out_activation="softmax", conv=None, dense=None,
               dropout=0.0, filters=(8, 16)):
    conv = conv or {}
    dense = dense or {}
    layers = [keras.Input(input_shape)]
    for i, f in enumerate(filters):
        layers.append(keras.layers.Conv2D(f, 3, activation="relu", padding="same", **conv))
        if dropout:
            layers.append(keras.layers.Dropout(dropout))
        layers.append(keras.layers.MaxPooling2D() if i == 0 else keras.layers.GlobalAveragePooling2D())
    layers.append(keras.layers.Dense(32, activation="relu", **dense))
    if dropout:
        layers.append(keras.layers.Dropout(dropout))
    layers.append(keras.layers.Dense(outputs, activation=out_activation, **dense))
    return keras.Sequential(layers)


def _standardize(x):
    return ((x - x.mean(axis=0)) / (x.std(axis=0) + 1e-8)).astype("float32")


def _activation_of(layer):
    """The activation name of a Dense/Conv/RNN layer's output, or None for other layers."""
    config = layer.get_config()
    activation = config.get("activation")
    if isinstance(activation, dict):
        activation = activation.get("config", {}).get("name")
    return activation if isinstance(activation, str) else None


def _custom_loop(session, model, optimizer, loss_fn, x, y, *, epochs, batch_size, seed,
                 loss_description=None, learning_rate=None):
    """A hand-written GradientTape training loop, logged with PlateauLogger.

    Mini-batches are reshuffled every epoch (the remainder is dropped so the step function is
    traced once). The tapped layer outputs are passed to `log_step` as activations.
    Returns the per-epoch mean training loss."""
    import tensorflow as tf

    keras = _keras()
    (x_train, y_train), _ = _split(x, y)
    logger = session.logger()
    tapped = [layer for layer in model.layers if _activation_of(layer)]
    tap_model = keras.Model(model.inputs, [layer.output for layer in tapped])
    if logger is not None:
        logger.log_config(model, loss=loss_description or loss_fn, optimizer=optimizer,
                          batch_size=batch_size)

    @tf.function
    def train_step(xb, yb):
        with tf.GradientTape() as tape:
            outputs = tap_model(xb, training=True)
            outputs = outputs if isinstance(outputs, (list, tuple)) else [outputs]
            predictions = outputs[-1]
            loss = loss_fn(yb, predictions)
            if model.losses:
                loss = loss + tf.add_n(model.losses)
        variables = model.trainable_variables
        gradients = tape.gradient(loss, variables)
        optimizer.apply_gradients(zip(gradients, variables))
        if logger is not None:
            logger.log_step(
                optimizer.iterations,
                loss=loss,
                gradients=gradients,
                variables=variables,
                inputs=xb,
                targets=yb,
                predictions=predictions,
                learning_rate=learning_rate if learning_rate is not None else optimizer.learning_rate,
                activations={
                    layer.name: (out, _activation_of(layer)) for layer, out in zip(tapped, outputs)
                },
            )
        return loss

    order = np.random.default_rng(seed)
    batches = len(x_train) // batch_size
    epoch_losses = []
    # A session made elsewhere (the benchmarks wrap the catalogue's) may not offer one.
    epoch_writer = session.epoch_writer() if hasattr(session, "epoch_writer") else None
    try:
        for epoch in range(epochs):
            index = order.permutation(len(x_train))
            total = 0.0
            for b in range(batches):
                part = index[b * batch_size : (b + 1) * batch_size]
                total += float(train_step(x_train[part], y_train[part]))
            epoch_losses.append(total / batches)
            if logger is not None:
                logger.log_epoch(int(optimizer.iterations), loss=epoch_losses[-1])
            if epoch_writer is not None:
                # The tags Keras's TensorBoard callback writes, so that the Scalars tab
                # charts every run of the catalogue together.
                with epoch_writer.as_default():
                    tf.summary.scalar("epoch_loss", epoch_losses[-1], step=epoch)
                    tf.summary.scalar("epoch_learning_rate",
                                      float(keras.ops.convert_to_numpy(optimizer.learning_rate)),
                                      step=epoch)
    finally:
        if logger is not None:
            logger.close()
        if epoch_writer is not None:
            epoch_writer.close()
    return epoch_losses


# ---------------------------------------------------------------------------------------------
# controls


@scenario("mlp", healthy=True)
def healthy_improving(session):
    """Spirals, 2x64 relu MLP, Adam 3e-3: learns throughout and is still improving at the end."""
    keras = _keras()
    x, y = data.spirals(1536 + PROBE_SIZE, arms=3, seed=11, turns=1.0)
    model = _mlp(keras, 2, [64, 64], 3)
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=64)


@scenario("mlp", healthy=True)
def converged(session):
    """Well separated blobs, small MLP, Adam 1e-2: the loss reaches ~0 early and stays there."""
    keras = _keras()
    x, y = data.blobs(1024 + PROBE_SIZE, classes=4, dim=8, seed=12, spread=0.7, separation=4.0)
    model = _mlp(keras, 8, [32], 4)
    model.compile(keras.optimizers.Adam(1e-2), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


@scenario("cnn", healthy=True)
def healthy_improving(session):  # noqa: F811 - one control per family, same name
    """Shapes, small CNN, Adam 2e-3: the loss keeps falling over the whole run."""
    keras = _keras()
    x, y, _ = data.shapes(1024 + PROBE_SIZE, seed=13)
    model = keras.Sequential(
        [
            keras.Input(x.shape[1:]),
            keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
            keras.layers.MaxPooling2D(),
            keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
            keras.layers.MaxPooling2D(),
            keras.layers.Flatten(),
            keras.layers.Dense(32, activation="relu"),
            keras.layers.Dense(4, activation="softmax"),
        ]
    )
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@scenario("rnn", healthy=True)
def converged(session):  # noqa: F811
    """Sine-frequency classification with a GRU, Adam 1e-2: converges to a low, flat loss."""
    keras = _keras()
    x, y = data.waves(768 + PROBE_SIZE, seed=14, length=24, noise=0.2)
    model = keras.Sequential(
        [keras.Input(x.shape[1:]), keras.layers.GRU(24), keras.layers.Dense(4, activation="softmax")]
    )
    model.compile(keras.optimizers.Adam(1e-2), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=14, batch_size=32)


@scenario("custom", healthy=True)
def healthy_improving(session):  # noqa: F811
    """Custom GradientTape loop: 3x3 checkerboard, 3x64 relu MLP, Adam 3e-3, still improving."""
    keras = _keras()
    x, y = data.checkerboard(1024 + PROBE_SIZE, seed=15, cells=3)
    model = _mlp(keras, 2, [64, 64, 64], 2, out_activation=None)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _custom_loop(session, model, keras.optimizers.Adam(3e-3), loss, x, y,
                        epochs=12, batch_size=32, seed=15)


# ---------------------------------------------------------------------------------------------
# learning_rate_too_high


@scenario("mlp", ["learning_rate_too_high"], stall_begins=30)  # approximate
def sgd_lr_5(session):
    """Spirals, 2x64 relu MLP, plain SGD at 5.0 (works at 0.1): bounces above the constant-guess loss."""
    keras = _keras()
    x, y = data.spirals(1024 + PROBE_SIZE, arms=3, seed=21, turns=1.0)
    model = _mlp(keras, 2, [64, 64], 3)
    model.compile(keras.optimizers.SGD(5.0), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


LR_JUMP_EPOCH = 4  # epochs trained at the intended rate before the schedule jumps


@scenario(
    "cnn",
    ["learning_rate_too_high"],
    stall_begins=LR_JUMP_EPOCH * _steps_per_epoch(1024 + PROBE_SIZE, 32) + 1,
)
def schedule_jump(session):
    """Shapes CNN, Adam 1e-3; a step schedule meant to divide the rate sets it to 0.3 at epoch 5."""
    keras = _keras()
    x, y, _ = data.shapes(1024 + PROBE_SIZE, seed=22)
    model = _small_cnn(keras, x.shape[1:], 4)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")

    def schedule(epoch, lr):
        return 1e-3 if epoch < LR_JUMP_EPOCH else 0.3

    return _fit(
        session, model, x, y, epochs=10, batch_size=32,
        callbacks=[keras.callbacks.LearningRateScheduler(schedule)],
    )


WARMUP_STEPS = 150


# The loss falls until the rate passes ~0.2 (step ~60), then jumps and bounces: approximate.
@scenario("custom", ["learning_rate_too_high"], stall_begins=61)
def warmup_peak_too_high(session):
    """Custom loop, tabular regression MLP: linear warm-up to a peak rate of 0.5 (meant 5e-3), SGD."""
    keras = _keras()
    x, y, _ = data.tabular(1024 + PROBE_SIZE, seed=23)
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)

    class Warmup(keras.optimizers.schedules.LearningRateSchedule):
        def __call__(self, step):
            import tensorflow as tf

            return 0.5 * tf.minimum(1.0, (tf.cast(step, "float32") + 1.0) / WARMUP_STEPS)

        def get_config(self):
            return {"peak": 0.5, "warmup_steps": WARMUP_STEPS}

    schedule = Warmup()
    return _custom_loop(session, model, keras.optimizers.SGD(schedule), keras.losses.MeanSquaredError(),
                        x, y, epochs=10, batch_size=32, seed=23, learning_rate=schedule)


# ---------------------------------------------------------------------------------------------
# learning_rate_too_low


@scenario("mlp", ["learning_rate_too_low"])
def sgd_lr_1e7(session):
    """Spirals MLP with SGD at 1e-7: each update moves the weights by a millionth; nothing changes."""
    keras = _keras()
    x, y = data.spirals(1024 + PROBE_SIZE, arms=3, seed=31)
    model = _mlp(keras, 2, [64, 64], 3)
    model.compile(keras.optimizers.SGD(1e-7), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@scenario("rnn", ["learning_rate_too_low"])
def adam_lr_2e6(session):
    """GRU on sine frequencies with Adam at 2e-6 (meant 2e-3): the loss creeps, it never drops."""
    keras = _keras()
    x, y = data.waves(768 + PROBE_SIZE, seed=32, length=24)
    model = keras.Sequential(
        [keras.Input(x.shape[1:]), keras.layers.GRU(24), keras.layers.Dense(4, activation="softmax")]
    )
    model.compile(keras.optimizers.Adam(2e-6), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# ---------------------------------------------------------------------------------------------
# vanishing_gradients


@scenario("mlp", ["vanishing_gradients"])
def deep_sigmoid_20(session):
    """Blobs, 20-layer sigmoid MLP, SGD 0.05: the gradient shrinks ~4x per layer and never arrives."""
    keras = _keras()
    x, y = data.blobs(1024 + PROBE_SIZE, classes=4, dim=8, seed=41)
    x = _standardize(x)
    model = _mlp(keras, 8, [32] * 20, 4, activation="sigmoid")
    model.compile(keras.optimizers.SGD(0.05), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@scenario("cnn", ["vanishing_gradients"])
def deep_sigmoid_convnet(session):
    """Shapes, 8 stacked sigmoid conv layers, SGD with momentum: the early filters never learn."""
    keras = _keras()
    x, y, _ = data.shapes(768 + PROBE_SIZE, seed=42)
    layers = [keras.Input(x.shape[1:])]
    layers += [keras.layers.Conv2D(8, 3, activation="sigmoid", padding="same") for _ in range(8)]
    layers += [keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(4, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# ---------------------------------------------------------------------------------------------
# exploding_gradients


@scenario("rnn", ["exploding_gradients", "non_finite_values"])
def relu_rnn_no_clipping(session):
    """Sensor forecasting, relu SimpleRNN with recurrent gain 2.0 over 30 steps, SGD+momentum, no clipping."""
    keras = _keras()
    x, y = data.sensor(768 + PROBE_SIZE, seed=51, length=30)
    model = keras.Sequential(
        [
            keras.Input(x.shape[1:]),
            keras.layers.SimpleRNN(
                32,
                activation="relu",
                recurrent_initializer=keras.initializers.Orthogonal(gain=2.0, seed=51),
            ),
            keras.layers.Dense(1),
        ]
    )
    model.compile(keras.optimizers.SGD(2e-3, momentum=0.9), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32)


@scenario("custom", ["exploding_gradients", "non_finite_values"])
def deep_relu_no_normalization(session):
    """Custom loop, 12-layer relu MLP regression, SGD 0.05 + momentum 0.9, no normalization or clipping."""
    keras = _keras()
    x, y, _ = data.tabular(1024 + PROBE_SIZE, seed=52)
    model = _mlp(keras, 6, [64] * 12, 1, out_activation=None, kernel_initializer="he_normal")
    return _custom_loop(session, model, keras.optimizers.SGD(0.05, momentum=0.9),
                        keras.losses.MeanSquaredError(), x, y, epochs=10, batch_size=32, seed=52)


@scenario("mlp", ["exploding_gradients", "non_finite_values"])
def raw_price_targets(session):
    """House prices regressed in dollars (~2.5e5 +- 1e5) with MSE and SGD+momentum: gradients ~1e10,
    the weights blow up within a few steps and the loss ends NaN."""
    keras = _keras()
    z, score, _ = data.tabular(1024 + PROBE_SIZE, seed=53)
    price = (score * 50000.0 + 250000.0).astype("float32")
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.SGD(1e-6, momentum=0.9), "mse")
    return _fit(session, model, z, price, epochs=10, batch_size=32)


# ---------------------------------------------------------------------------------------------
# dead_relus


@scenario("mlp", ["dead_relus"])
def negative_bias(session):
    """Checkerboard, 3x64 relu MLP with biases initialized to -4: nearly every unit outputs 0 for every input."""
    keras = _keras()
    x, y = data.checkerboard(1024 + PROBE_SIZE, seed=61)
    model = _mlp(keras, 2, [64, 64, 64], 2, bias_initializer=keras.initializers.Constant(-4.0))
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@scenario("cnn", ["dead_relus"])
def dead_filters(session):
    """Shapes CNN with conv biases initialized to -1.5: the filters never fire, so nothing flows back."""
    keras = _keras()
    x, y, _ = data.shapes(768 + PROBE_SIZE, seed=62)
    bias = keras.initializers.Constant(-1.5)
    model = keras.Sequential(
        [
            keras.Input(x.shape[1:]),
            keras.layers.Conv2D(16, 3, activation="relu", padding="same", bias_initializer=bias),
            keras.layers.MaxPooling2D(),
            keras.layers.Conv2D(16, 3, activation="relu", padding="same", bias_initializer=bias),
            keras.layers.GlobalAveragePooling2D(),
            keras.layers.Dense(4, activation="softmax"),
        ]
    )
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# ---------------------------------------------------------------------------------------------
# saturated_activations


@scenario("mlp", ["saturated_activations"])
def tanh_positive_bias(session):
    """Spirals, 3x64 tanh MLP with biases initialized to +4: every unit sits at tanh = 1 for every input."""
    keras = _keras()
    x, y = data.spirals(1024 + PROBE_SIZE, arms=3, seed=71, turns=1.0)
    model = _mlp(keras, 2, [64] * 3, 3, activation="tanh",
                 bias_initializer=keras.initializers.Constant(4.0))
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@scenario("cnn", ["saturated_activations"], stall_begins=60)  # approximate
def sigmoid_dense_head(session):
    """Shapes CNN whose two sigmoid dense layers start with bias +8: outputs ~1.0 for every image."""
    keras = _keras()
    x, y, _ = data.shapes(768 + PROBE_SIZE, seed=72)
    model = keras.Sequential(
        [
            keras.Input(x.shape[1:]),
            keras.layers.Conv2D(8, 3, activation="relu", padding="same"),
            keras.layers.MaxPooling2D(),
            keras.layers.Flatten(),
            keras.layers.Dense(64, activation="sigmoid",
                               bias_initializer=keras.initializers.Constant(8.0)),
            keras.layers.Dense(64, activation="sigmoid",
                               bias_initializer=keras.initializers.Constant(8.0)),
            keras.layers.Dense(4, activation="softmax"),
        ]
    )
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# ---------------------------------------------------------------------------------------------
# unnormalized_inputs


@scenario("mlp", ["unnormalized_inputs"], stall_begins=60)  # approximate
def raw_tabular_columns(session):
    """Above-median-price classifier fed raw columns (m^2, years, dollars...): scales span 0.2 to 4e5."""
    keras = _keras()
    z, price, (scale, offset) = data.tabular(1024 + PROBE_SIZE, seed=81)
    x = (z * scale + offset).astype("float32")
    y = (price > np.median(price)).astype("int32")
    model = _mlp(keras, 6, [64, 64], 2)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@scenario("rnn", ["unnormalized_inputs"], stall_begins=30)  # approximate
def raw_sensor_counts(session):
    """LSTM on raw sensor counts around 3000 +- 400: every tanh/sigmoid gate saturates from the first step."""
    keras = _keras()
    x, y = data.sensor(768 + PROBE_SIZE, seed=82)
    x_raw = (x * 400.0 + 3000.0).astype("float32")
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.LSTM(24), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x_raw, y, epochs=10, batch_size=32)


# ---------------------------------------------------------------------------------------------
# loss_activation_mismatch
#
# Keras 3 quietly repairs the two textbook mismatches (a 1-unit softmax or a softmax under
# `from_logits=True` is trained through its logits), so these are the ones it cannot repair:
# an output activation whose range cannot reach the targets.


@scenario("cnn", ["loss_activation_mismatch"])
def sigmoid_output_for_area(session):
    """Regress a shape's area in pixels (1..80) through a sigmoid output with MSE: it can never exceed 1."""
    keras = _keras()
    x, _, area = data.shapes(768 + PROBE_SIZE, seed=92)
    model = _small_cnn(keras, x.shape[1:], 1, out_activation="sigmoid")
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, area, epochs=10, batch_size=32)


@scenario("rnn", ["loss_activation_mismatch"], stall_begins=70)  # approximate
def relu_output_standardized_target(session):
    """GRU forecasting a standardized reading (half of it negative) through a relu output."""
    keras = _keras()
    x, y = data.sensor(768 + PROBE_SIZE, seed=93)
    model = keras.Sequential(
        [keras.Input(x.shape[1:]), keras.layers.GRU(16), keras.layers.Dense(1, activation="relu")]
    )
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@scenario("mlp", ["loss_activation_mismatch"], stall_begins=40)  # approximate
def tanh_output_for_ratings(session):
    """Predict 1-5 star ratings with a tanh output and MSE: the output stops at 1."""
    keras = _keras()
    z, score, _ = data.tabular(1024 + PROBE_SIZE, seed=94)
    stars = np.clip(np.round(3.0 + score / score.std() * 1.2), 1, 5).astype("float32")
    model = _mlp(keras, 6, [64, 64], 1, out_activation="tanh")
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, z, stars, epochs=10, batch_size=32)


# ---------------------------------------------------------------------------------------------
# insufficient_capacity


@scenario("mlp", ["insufficient_capacity"], stall_begins=100)  # approximate
def linear_model_on_spirals(session):
    """Three spirals through a linear model (no hidden layer): learns the easy part, then plateaus high."""
    keras = _keras()
    x, y = data.spirals(1024 + PROBE_SIZE, arms=3, seed=101, turns=1.0)
    model = _mlp(keras, 2, [], 3)
    model.compile(keras.optimizers.Adam(1e-2), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# Flat for ~80 steps, learns what one unit can, level from ~150: approximate.
@scenario("rnn", ["insufficient_capacity"], stall_begins=150)
def one_unit_gru(session):
    """Sine-frequency classification with a 1-unit GRU: one number cannot keep 4 frequencies apart."""
    keras = _keras()
    x, y = data.waves(768 + PROBE_SIZE, seed=102, length=24)
    model = keras.Sequential(
        [keras.Input(x.shape[1:]), keras.layers.GRU(1), keras.layers.Dense(4, activation="softmax")]
    )
    model.compile(keras.optimizers.Adam(3e-2), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=12, batch_size=32)


# ---------------------------------------------------------------------------------------------
# over_regularization


@scenario("mlp", ["over_regularization"], stall_begins=150)  # approximate
def l2_ten(session):
    """Spirals MLP with an L2 penalty of 10 on every kernel: the penalty wins and the weights stay ~0."""
    keras = _keras()
    x, y = data.spirals(1024 + PROBE_SIZE, arms=3, seed=111, turns=1.0)
    model = _mlp(keras, 2, [64, 64], 3, kernel_regularizer=keras.regularizers.L2(10.0))
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@scenario("cnn", ["over_regularization"], stall_begins=100)  # approximate
def dropout_095(session):
    """Shapes CNN with Dropout(0.95) after every block: 19 units in 20 are dropped at every step."""
    keras = _keras()
    x, y, _ = data.shapes(768 + PROBE_SIZE, seed=112)
    model = _small_cnn(keras, x.shape[1:], 4, dropout=0.95)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# ---------------------------------------------------------------------------------------------
# poor_initialization


@scenario("mlp", ["poor_initialization"])
def zero_init(session):
    """4x64 tanh MLP with every kernel initialized to zeros: all units stay identical (and zero)."""
    keras = _keras()
    x, y = data.blobs(1024 + PROBE_SIZE, classes=4, dim=8, seed=121)
    x = _standardize(x)
    model = _mlp(keras, 8, [64] * 4, 4, activation="tanh", kernel_initializer="zeros")
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


@scenario("cnn", ["poor_initialization", "vanishing_gradients"])
def tiny_init(session):
    """6-layer relu CNN initialized N(0, 0.001): the signal shrinks ~100x per layer, output is constant."""
    keras = _keras()
    x, y, _ = data.shapes(768 + PROBE_SIZE, seed=122)
    init = keras.initializers.RandomNormal(stddev=1e-3, seed=122)
    conv = dict(activation="relu", padding="same", kernel_initializer=init)
    model = keras.Sequential(
        [
            keras.Input(x.shape[1:]),
            keras.layers.Conv2D(16, 3, **conv),
            keras.layers.Conv2D(16, 3, **conv),
            keras.layers.MaxPooling2D(),
            keras.layers.Conv2D(16, 3, **conv),
            keras.layers.Conv2D(16, 3, **conv),
            keras.layers.GlobalAveragePooling2D(),
            keras.layers.Dense(32, activation="relu", kernel_initializer=init),
            keras.layers.Dense(4, activation="softmax", kernel_initializer=init),
        ]
    )
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), "sparse_categorical_crossentropy")
    return _fit(session, model, x, y, epochs=10, batch_size=32)


# ---------------------------------------------------------------------------------------------
# non_finite_values

NAN_FEATURE_ROW = 800  # read in file order, batch 32: first seen in step 26 (800 // 32 + 1)


@scenario("mlp", ["non_finite_values"], stall_begins=NAN_FEATURE_ROW // 32 + 1)
def nan_in_features(session):
    """Tabular regression where 3 rows hold NaN for a missing value, read in file order (no shuffle).

    The first layer's weights turn NaN; relu maps NaN to 0, so the loss stays finite but frozen."""
    keras = _keras()
    x, y, _ = data.tabular(1024 + PROBE_SIZE, seed=131)
    x = x.copy()
    x[NAN_FEATURE_ROW : NAN_FEATURE_ROW + 3, 2] = np.nan
    model = _mlp(keras, 6, [64, 64], 1, out_activation=None)
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32, shuffle=False)


NAN_TARGET_ROW = 400


@scenario("rnn", ["non_finite_values"], stall_begins=NAN_TARGET_ROW // 32 + 1)
def nan_in_targets(session):
    """Sensor forecasting where a dropped reading is stored as NaN in the targets (no shuffle)."""
    keras = _keras()
    x, y = data.sensor(768 + PROBE_SIZE, seed=132)
    y = y.copy()
    y[NAN_TARGET_ROW] = np.nan
    model = keras.Sequential([keras.Input(x.shape[1:]), keras.layers.GRU(16), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return _fit(session, model, x, y, epochs=8, batch_size=32, shuffle=False)


# The loss reaches ~1e-6 and turns NaN at step 31 (exact for this seed).
@scenario("custom", ["non_finite_values"], stall_begins=31)
def handwritten_cross_entropy(session):
    """Custom loop with a hand-written cross-entropy, -sum(y * log(softmax)): once a wrong class's
    probability underflows to 0, 0 * log(0) is NaN."""
    import tensorflow as tf

    keras = _keras()
    x, y = data.blobs(1024 + PROBE_SIZE, classes=4, dim=8, seed=133, spread=0.7, separation=5.0)
    one_hot = np.eye(4, dtype="float32")[y]
    model = _mlp(keras, 8, [64, 64], 4, out_activation="softmax")

    def cross_entropy(targets, probabilities):
        return -tf.reduce_mean(tf.reduce_sum(targets * tf.math.log(probabilities), axis=-1))

    return _custom_loop(session, model, keras.optimizers.Adam(2e-2), cross_entropy, x, one_hot,
                        epochs=10, batch_size=32, seed=133,
                        loss_description=keras.losses.CategoricalCrossentropy())
