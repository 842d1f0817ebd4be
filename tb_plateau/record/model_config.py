"""What the model is, for `plateau/config`: layers, activations, loss, initialisers.

Imports TensorFlow only when Keras runs on it (the backend's own facts are asked of the
backend in use).
"""

import contextlib
import functools
import importlib
import sys
import warnings

import keras
import numpy as np


@contextlib.contextmanager
def _keras_without_tensorflow():
    """Keras's serialization (`get_config`, `activations.serialize`) asks whether TensorFlow
    is available, to recognise TF shapes and dtypes, and imports it to find out when it is
    installed. On another backend, before anything imported TensorFlow, no such object can
    be in the model: for the length of this block Keras's lazy TensorFlow handle says "not
    available" instead of importing it, and afterwards says nothing again (so a later real
    need imports it as usual)."""
    lazy = None
    if keras.backend.backend() != "tensorflow" and "tensorflow" not in sys.modules:
        try:
            from keras.src.utils import module_utils

            lazy = module_utils.tensorflow
        except Exception:  # another Keras layout: it may import TensorFlow, nothing worse
            lazy = None
        if getattr(lazy, "_available", True) is not None or getattr(lazy, "module", 1) is not None:
            lazy = None
    if lazy is not None:
        lazy._available = False
    try:
        yield
    finally:
        if lazy is not None and lazy.module is None:
            lazy._available = None


def _without_tensorflow(function):
    @functools.wraps(function)
    def call(*args, **kwargs):
        with _keras_without_tensorflow():
            return function(*args, **kwargs)

    return call


# Layers that are an activation function themselves, by class, and the activation's name.
ACTIVATION_LAYERS = {"ReLU": "relu", "LeakyReLU": "leaky_relu", "ELU": "elu", "PReLU": "prelu",
                     "Softmax": "softmax"}


@_without_tensorflow
def activation_name(layer):
    """The activation a layer applies to its output ('relu', 'sigmoid', 'linear', ...), or
    None for layers whose output we do not tap (pooling, dropout, normalisation, models)."""
    class_name = type(layer).__name__
    if class_name in ACTIVATION_LAYERS:
        return ACTIVATION_LAYERS[class_name]
    if isinstance(layer, keras.Model):
        return None
    inner = wrapped_layer(layer)
    if inner is not None:
        # A TimeDistributed layer's output is its layer's at every step; a Bidirectional
        # one's concatenates its two layers' (a sum or product of two has another range).
        if class_name == "Bidirectional" and getattr(layer, "merge_mode", None) != "concat":
            return None
        return activation_name(inner)
    function = getattr(layer, "activation", None)
    if function is None or not callable(function):
        return None
    # A function's own name: Keras's ('relu', 'tanh_shrink') or the user's ('my_act'); a
    # lambda has none worth showing. Serialising a plain function would make Keras warn
    # (about a lambda) and, for a user's function, give its config as a bare string.
    name = getattr(function, "__name__", None)
    if name == "<lambda>":
        return "custom"
    if not name:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                name = keras.activations.serialize(function)
        except Exception:  # custom activations need not be serialisable
            name = None
        if isinstance(name, dict):
            config = name.get("config")
            name = (config.get("name") if isinstance(config, dict) else config) or \
                name.get("class_name")
    return str(name or "custom")


def wrapped_layer(layer):
    """The layer a wrapper runs (a TimeDistributed's layer, a Bidirectional's forward layer:
    its backward layer is built from the same config), or None for other layers."""
    if isinstance(layer, keras.Model):
        return None
    inner = getattr(layer, "forward_layer", None) if type(layer).__name__ == "Bidirectional" \
        else getattr(layer, "layer", None) if isinstance(layer, keras.layers.Wrapper) else None
    return inner if isinstance(inner, keras.layers.Layer) and \
        not isinstance(inner, keras.Model) else None


def _leaf_layers(model):
    """Layers of a model, nested models expanded, in model order."""
    leaves = []
    for layer in getattr(model, "layers", []):
        if isinstance(layer, keras.Model) or (hasattr(layer, "layers") and layer.layers):
            leaves.extend(_leaf_layers(layer))
        else:
            leaves.append(layer)
    return leaves


def _serialized(obj):
    """A Keras object (initializer, regularizer, constraint) as {"class", "config"}, or
    None."""
    if obj is None:
        return None
    if isinstance(obj, dict):
        return {"class": obj.get("class_name"), "config": obj.get("config") or {}}
    if isinstance(obj, str):
        return {"class": obj, "config": {}}
    try:
        config = obj.get_config()
    except Exception:
        config = {}
    return {"class": type(obj).__name__, "config": config}


def _built_normalization(layer, config):
    """Whether `layer` is a built Keras `Normalization` layer that standardises (not set with
    invert=True)."""
    return type(layer).__name__ == "Normalization" and layer.built and not config.get("invert")


def _normalization_statistics(layer):
    """(mean, variance) of a built Normalization layer, each flattened to float64, or None
    when they cannot be read."""
    try:
        return (np.asarray(layer.mean, dtype=np.float64).ravel(),
                np.asarray(layer.variance, dtype=np.float64).ravel())
    except Exception:
        return None


def _unadapted_normalization(config, stats):
    """For a built Normalization layer with `config` and its `stats`
    (_normalization_statistics): True when it computes the identity (never adapted and given
    no mean/variance: mean 0, variance 1), False when it standardises, None when unknown."""
    if config.get("mean") is not None or config.get("variance") is not None:
        return False
    if stats is None:
        return None
    mean, variance = stats
    return bool(np.all(mean == 0) and np.all(variance == 1))


# A Normalization layer's adapted statistics are recorded for up to this many features: enough
# for tabular inputs, whose scales the report compares them with.
_MAX_ADAPTED = 64


def _adapted_statistics(stats):
    """An adapted Normalization layer's `stats` (_normalization_statistics) as {"mean": [...],
    "std": [...]}, one entry per feature (one for statistics pooled over every feature), or
    None when unknown, for more than _MAX_ADAPTED features, or for non-finite values."""
    if stats is None:
        return None
    mean, variance = stats
    if not 0 < mean.size <= _MAX_ADAPTED or mean.size != variance.size or \
            not np.all(np.isfinite(mean)) or not np.all(np.isfinite(variance)) or \
            np.any(variance < 0):
        return None
    return {"mean": [float(v) for v in mean], "std": [float(v) for v in np.sqrt(variance)]}


# Keys of a layer's config that say nothing about how it computes.
_NOT_SETTINGS = ("name", "trainable", "dtype", "batch_input_shape", "batch_shape")
# At most this many settings per layer, and numbers lists up to this long (a per-channel
# Rescaling scale): a layer's config cannot swell the run's config event.
_MAX_SETTINGS = 40
_MAX_LIST = 16


def _plain_settings(config, recorded):
    """The entries of a layer's config that are numbers, booleans, short strings or short
    lists of numbers (None allowed among them), apart from what `recorded` already holds."""
    settings = {}
    for key, value in config.items():
        if key in recorded or key in _NOT_SETTINGS or len(settings) >= _MAX_SETTINGS:
            continue
        if isinstance(value, (bool, int)) or \
                (isinstance(value, float) and np.isfinite(value)) or \
                (isinstance(value, str) and len(value) <= 40):
            settings[key] = value
        elif isinstance(value, (list, tuple)) and 0 < len(value) <= _MAX_LIST and all(
                v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)
                              and np.isfinite(v)) for v in value) and \
                any(v is not None for v in value):
            # None stands for "the input's size" (a Dropout's noise_shape (None, 1)).
            settings[key] = [v for v in value]
    return settings


def output_layer(model):
    """The layer producing the model's (first) output, or the last layer as a fallback."""
    try:
        return model.outputs[0]._keras_history.operation
    except Exception:
        layers = _leaf_layers(model)
        return layers[-1] if layers else None


@_without_tensorflow
def loss_description(loss):
    """The loss as `plateau/config` records it: name, Keras class, from_logits, config (a
    list or dict of them for a loss per output)."""
    if loss is None:
        return None
    if isinstance(loss, (list, tuple)):
        return [loss_description(item) for item in loss]
    if isinstance(loss, dict):
        return {key: loss_description(value) for key, value in loss.items()}
    if isinstance(loss, str):
        # Keras resolves names ('mse', 'binary_crossentropy') to functions; report the
        # canonical function name and the matching Loss class so analysis sees one spelling.
        canonical = loss
        try:
            canonical = getattr(keras.losses.get(loss), "__name__", loss)
        except Exception:
            pass
        class_name = "".join(part.capitalize() for part in canonical.split("_"))
        return {"name": canonical, "alias": loss,
                "class": class_name if hasattr(keras.losses, class_name) else None,
                "from_logits": False}
    config = {}
    try:
        config = loss.get_config()
    except Exception:
        pass
    name = config.get("name") or getattr(loss, "name", None) or getattr(loss, "__name__", None)
    return {"name": name, "class": type(loss).__name__ if isinstance(loss, keras.losses.Loss)
            else None, "from_logits": bool(config.get("from_logits", False)),
            "config": config}


# A Lambda over a sequence is probed for the positions it reads when its input holds at most
# this many values per example (the probe batch holds one perturbed copy per position).
POSITIONS_PROBE_MAX_VALUES = 1 << 21
# At most this many positions read are recorded (more read is a summary, not a pick).
POSITIONS_READ_MAX = 8


def _positions_read(layer, input_shape, output_shape):
    """The positions of its (batch, timesteps, features) input that a Lambda layer's output
    depends on, when it drops the time axis and reads POSITIONS_READ_MAX of them or fewer
    (x[:, 0], a [CLS] summary; x[:, -1], the last state), found by calling it on random
    inputs with one position changed at a time; None otherwise, for other layers, and when
    the call fails. The function itself cannot be read from the config (Keras keeps a
    lambda's bytecode), what it reads can be measured."""
    if type(layer).__name__ != "Lambda" or not isinstance(input_shape, list) or \
            not isinstance(output_shape, list) or len(input_shape) != 3 or \
            len(output_shape) != 2 or not all(isinstance(d, int) and d > 0
                                              for d in input_shape[1:]):
        return None
    steps, features = input_shape[1:]
    if steps < 2 or (steps + 1) * steps * features > POSITIONS_PROBE_MAX_VALUES:
        return None
    try:
        rng = np.random.default_rng(0)
        base = rng.standard_normal((1, steps, features)).astype("float32")
        batch = np.repeat(base, steps + 1, axis=0)
        for t in range(steps):
            batch[t + 1, t, :] += 1.0 + rng.standard_normal(features).astype("float32")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out = np.asarray(keras.ops.convert_to_numpy(layer(batch)), dtype=np.float64)
        if out.shape[0] != steps + 1 or not np.all(np.isfinite(out)):
            return None
        flat = out.reshape(steps + 1, -1)
        scale = max(float(np.max(np.abs(flat[0]))), 1e-6)
        moved = np.max(np.abs(flat[1:] - flat[0]), axis=1) > 1e-5 * scale
    except Exception:
        return None
    read = [int(t) for t in np.flatnonzero(moved)]
    if not read or len(read) > POSITIONS_READ_MAX:
        return None
    return {"positions": read, "of": steps}


def _layer_entry(layer):
    """A layer's entry in the config's "layers" (docs/format.md)."""
    try:
        # Reading the config, not saving it: Keras's warning that a lambda activation
        # cannot be reloaded is not the user's concern here.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            config = layer.get_config()
    except Exception:
        config = {}
    try:
        params = int(layer.count_params()) if layer.built else None
    except Exception:
        params = None
    try:
        output_shape = list(layer.output.shape)
    except Exception:
        output_shape = None
    try:
        input_shape = list(layer.input.shape)
    except Exception:
        input_shape = None
    entry = {
        "name": layer.name,
        "class": type(layer).__name__,
        # An Embedding's width is its output_dim.
        "units": config.get("units") or config.get("output_dim"),
        "filters": config.get("filters"),
        "activation": activation_name(layer),
        "kernel_initializer": _serialized(config.get("kernel_initializer")),
        "bias_initializer": _serialized(config.get("bias_initializer")),
        "kernel_regularizer": _serialized(config.get("kernel_regularizer")),
        "bias_regularizer": _serialized(config.get("bias_regularizer")),
        "activity_regularizer": _serialized(config.get("activity_regularizer")),
        "rate": config.get("rate"),
        # Other regularisation a layer's config carries: a GaussianNoise layer's stddev, a
        # recurrent layer's input and recurrent dropout.
        **{key: config[key] for key in ("stddev", "dropout", "recurrent_dropout")
           if isinstance(config.get(key), (int, float)) and config[key]},
        "params": params,
        "trainable": bool(layer.trainable),
        "dtype_policy": getattr(getattr(layer, "dtype_policy", None), "name", None),
        "input_shape": input_shape,
        "output_shape": output_shape,
    }
    if type(layer).__name__ == "ActivityRegularization" and entry["activity_regularizer"] \
            is None and (config.get("l1") or config.get("l2")):
        # The layer's own l1/l2 are an activity regularizer on its input.
        entry["activity_regularizer"] = {"class": "L1L2", "config": {
            "l1": float(config.get("l1") or 0.0), "l2": float(config.get("l2") or 0.0)}}
    # The layer's other plain settings (a Rescaling's scale, a ReLU's max_value, a
    # BatchNormalization's momentum): numbers, booleans and short strings.
    settings = _plain_settings(config, entry)
    if settings:
        entry["settings"] = settings
    if _built_normalization(layer, config):
        stats = _normalization_statistics(layer)
        identity = _unadapted_normalization(config, stats)
        if identity is not None:
            entry["identity"] = identity
        adapted = _adapted_statistics(stats) if identity is False else None
        if adapted is not None:
            entry["adapted"] = adapted
    # Every other initializer, regularizer and constraint the layer takes (an
    # Embedding's embeddings_regularizer, a recurrent_initializer, a kernel_constraint).
    for key, value in config.items():
        if key not in entry and value is not None and \
                key.endswith(("_initializer", "_regularizer", "_constraint")):
            entry[key] = _serialized(value)
    return entry


@_without_tensorflow
def model_config(model, batch_size=None, steps_per_epoch=None, notes=()):
    """The `plateau/config` JSON of docs/format.md for a Keras model."""
    layers = []
    for layer in _leaf_layers(model):
        entry = _layer_entry(layer)
        inner = wrapped_layer(layer)
        if inner is not None:
            # What a wrapper runs (a Bidirectional's recurrent layer, its initialisers and
            # activation): the wrapper's own config holds it only serialised.
            entry["wrapped"] = {key: value for key, value in _layer_entry(inner).items()
                                if key not in ("input_shape", "output_shape", "params",
                                               "trainable", "dtype_policy")}
        input_shape, output_shape = entry["input_shape"], entry["output_shape"]
        read = _positions_read(layer, input_shape, output_shape)
        if read is not None:
            entry["positions_read"] = read
        layers.append(entry)
    output = output_layer(model)
    output_units = None
    if output is not None:
        output_units = getattr(output, "units", None) or getattr(output, "filters", None)
    if output_units is None:
        try:
            output_units = int(model.outputs[0].shape[-1])
        except Exception:
            pass
    optimizer = getattr(model, "optimizer", None)
    optimizer_config = None
    if optimizer is not None:
        try:
            optimizer_config = optimizer.get_config()
        except Exception:
            optimizer_config = None
    subclassed = not isinstance(model, keras.Sequential) and not is_functional(model)
    try:
        params = int(model.count_params())
        trainable = int(sum(int(np.prod(v.shape)) for v in model.trainable_variables))
    except Exception:
        params = trainable = None
    return {
        "framework": "keras",
        "keras_version": keras.__version__,
        **_graph(model),
        **_backend_facts(),
        "model": {"name": model.name, "class": type(model).__name__, "subclassed": subclassed,
                  "params": params, "trainable_params": trainable},
        "layers": layers,
        "output_activation": activation_name(output) if output is not None else None,
        "output_units": output_units,
        "loss": loss_description(getattr(model, "loss", None)),
        "optimizer": {"class": type(optimizer).__name__, "config": optimizer_config}
        if optimizer is not None else None,
        "mixed_precision": keras.mixed_precision.dtype_policy().name,
        "batch_size": batch_size,
        "steps_per_epoch": steps_per_epoch,
        "notes": list(notes),
    }


# How far up the call stack the callback looks for the model's `fit` (its own hooks and
# Keras's callback list sit between them).
FIT_FRAME_DEPTH = 40


def _finite_mean(values):
    """The mean of an array of weights, or None when it is not one of finite numbers."""
    try:
        array = np.asarray(values, dtype=np.float64)
    except Exception:
        return None
    if not array.size or not np.all(np.isfinite(array)):
        return None
    return float(array.mean())


def fit_weights(model):
    """{"class_weight": {class: weight} or None, "sample_weight": bool (and, when given,
    "sample_weight_mean": the weights' mean, None if not finite numbers;
    "class_weight_unreadable": true for class weights not of numbers)} of the `fit` call of
    `model` the caller runs inside, or None when no such call is on the stack (a custom
    loop, a `fit` of another name). Read from the frame of Keras's `fit(..., class_weight,
    sample_weight)`, whose public arguments these are: a weighted loss has another
    constant-prediction baseline than the plain one, and callbacks are not told of the
    weights."""
    frame = sys._getframe(1)
    try:
        for _ in range(FIT_FRAME_DEPTH):
            if frame is None:
                return None
            local = frame.f_locals
            if frame.f_code.co_name == "fit" and local.get("self") is model and \
                    "class_weight" in local:
                weights = local.get("class_weight")
                class_weight = None
                out = {}
                if isinstance(weights, dict):
                    class_weight = {}
                    for key, value in weights.items():
                        try:
                            class_weight[str(int(key))] = float(value)
                        except (TypeError, ValueError):
                            class_weight = None
                            out["class_weight_unreadable"] = True
                            break
                out.update(class_weight=class_weight,
                           sample_weight=local.get("sample_weight") is not None)
                if out["sample_weight"]:
                    out["sample_weight_mean"] = _finite_mean(local.get("sample_weight"))
                return out
            frame = frame.f_back
        return None
    finally:
        del frame


# A graph longer than this is not recorded (readers then treat every layer as on the path).
MAX_GRAPH_NODES = 2000


def _graph(model):
    """{"graph": {operation: [the operations feeding it]}, "graph_outputs": [...],
    "graph_inputs": [the model's inputs' layers, in the order fit takes them]} of a
    functional model, its non-layer operations (keras.ops calls, a Multiply) included, so a
    reader can tell whether everything passes through a layer (an attention score of one
    unit does not carry what it weights). {} for Sequential and subclassed models (a chain,
    or unknown) and when the graph cannot be read or exceeds MAX_GRAPH_NODES."""
    if isinstance(model, keras.Sequential) or not is_functional(model):
        return {}
    try:
        operations = list(model.operations)
        if len(operations) > MAX_GRAPH_NODES:
            return {}
        graph = {}
        for operation in operations:
            parents = []
            for node in getattr(operation, "_inbound_nodes", []):
                parents += [parent.operation.name for parent in node.parent_nodes
                            if parent.operation is not None]
            graph[operation.name] = list(dict.fromkeys(parents))
        outputs = [t._keras_history.operation.name for t in model.outputs]
        inputs = [t._keras_history.operation.name for t in model.inputs]
    except Exception:
        return {}
    if not outputs or any(o not in graph for o in outputs):
        return {}
    return {"graph": graph, "graph_outputs": outputs, "graph_inputs": inputs}


def _backend_facts():
    """The Keras backend, its version and how training is distributed: on TensorFlow its
    version and tf.distribute strategy (as before backends were told apart); elsewhere
    `backend_version` and the keras.distribution in force (null without one)."""
    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        return {"backend": backend, "tensorflow_version": tf.__version__,
                "distribute_strategy": type(tf.distribute.get_strategy()).__name__}
    try:
        version = importlib.import_module(backend).__version__
    except Exception:
        version = None
    try:
        distribution = keras.distribution.distribution()
    except Exception:
        distribution = None
    return {"backend": backend, "backend_version": version,
            "distribute_strategy": type(distribution).__name__ if distribution is not None
            else None}


def is_functional(model):
    """Whether the model is a graph of layers (its layer outputs can be tapped), not a
    subclass with its own `call`."""
    return type(model).__name__ == "Functional" or (
        hasattr(model, "_nodes_by_depth") and not type(model).__dict__.get("call"))
