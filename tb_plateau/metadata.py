"""The event-file contract: plugin name, format version, signal tags, and their metadata."""

import json

from tensorboard.compat.proto import summary_pb2

PLUGIN_NAME = "plateau"

# Version of the metadata `content` and of the tensors it describes. Bump when a signal's
# layout changes or a signal is added; readers accept every version <= FORMAT_VERSION and
# ignore newer ones with a note rather than misreading them. Each summary carries the version
# in which its signal was introduced (SIGNAL_VERSIONS), so a reader that predates a new
# signal still reads the others and says, for that one, to upgrade.
FORMAT_VERSION = 8

TAG_PREFIX = "plateau/"

# One tag per signal; see docs/format.md for shapes and columns.
LOSS = "loss"
# The loss of many consecutive steps in one tensor: float64 [2, n], row 0 the steps, row 1
# the losses (what PlateauCallback writes; one event per few hundred steps instead of one
# per step, which is what makes a million-step run quick to read).
LOSS_BLOCK = "loss_block"
LEARNING_RATE = "learning_rate"
GRAD_NORM = "grad_norm"
GRAD_GLOBAL_NORM = "grad_global_norm"
GRAD_NONFINITE = "grad_nonfinite"
WEIGHT_NORM = "weight_norm"
# The mean of each layer's trainable values (all its variables' entries together): float32
# [L], written with WEIGHT_NORM. Over the layer's root-mean-square (WEIGHT_NORM / sqrt of its
# entries) it says whether its weights are centred: a zero-centred initialiser gives ~0, a
# kernel drawn all of one sign (np.random.rand where randn was meant) ~0.87.
WEIGHT_MEAN = "weight_mean"
UPDATE_RATIO = "update_ratio"
ACTIVATION = "activation"
INPUTS = "inputs"
TARGETS = "targets"
TARGET_CLASSES = "target_classes"
# TARGETS and TARGET_CLASSES of every target `probe_data` holds (its first batch for a
# dataset), up to the recorder's cap, when it holds more than the probe's examples (the
# callback, at each diagnostic). The constant-prediction baseline is a property of the
# label distribution: from 64 examples a target variance is off by 18% (one standard
# error), from 1024 by 4.4%. Everything that pairs targets with the probe's predictions
# keeps reading TARGETS.
TARGET_SAMPLE = "target_sample"
TARGET_SAMPLE_CLASSES = "target_sample_classes"
PREDICTIONS = "predictions"
# What the loss makes of constant outputs on the probe (the callback, once per fit): float32
# [4], CONSTANT_FIT_COLUMNS.
CONSTANT_FIT = "constant_fit"
# What the loss makes of the best of a nearest-neighbour vote and a kernel ridge fit on the
# probe, each example predicted from the others (the callback, once per fit): float32 [4],
# REFERENCE_FIT_COLUMNS. What the probe's own examples say the targets allow, beside what
# the model reaches on them.
REFERENCE_FIT = "reference_fit"
# Per tapped layer, the fraction of its units (last axis) that output exactly zero for every
# probe example (and position): float32 [A]. Dead units, told apart from sparse ones.
DEAD_UNITS = "dead_units"
# The compiled loss on the probe in inference mode (what its gradients are taken of; the
# callback, at each diagnostic): float32 []. Below the training batches' loss, something
# active only in training (dropout, noise, augmentation) hides what the model has learned.
PROBE_LOSS = "probe_loss"
CONFIG = "config"
EPOCH_PREFIX = "epoch/"  # plateau/epoch/<metric>, e.g. plateau/epoch/val_loss
# A live stall alert raised while training (on_stall): a JSON string {"kind": "stall" |
# "diverged" | "ended", "text", "interval"} at the step it was raised.
ALERT = "alert"

SIGNALS = (
    LOSS,
    LOSS_BLOCK,
    LEARNING_RATE,
    GRAD_NORM,
    GRAD_GLOBAL_NORM,
    GRAD_NONFINITE,
    WEIGHT_NORM,
    WEIGHT_MEAN,
    UPDATE_RATIO,
    ACTIVATION,
    INPUTS,
    TARGETS,
    TARGET_CLASSES,
    TARGET_SAMPLE,
    TARGET_SAMPLE_CLASSES,
    PREDICTIONS,
    CONSTANT_FIT,
    REFERENCE_FIT,
    DEAD_UNITS,
    PROBE_LOSS,
    CONFIG,
    ALERT,
)

# The format version each signal first appeared in; the rest are version 1.
# reference_fit appeared in 7 with four columns; 8 added its fifth (linear_loss), so a
# reader of 7 says to upgrade rather than skip it.
SIGNAL_VERSIONS = {LOSS_BLOCK: 2, ALERT: 3, CONSTANT_FIT: 4, DEAD_UNITS: 5, PROBE_LOSS: 5,
                   TARGET_SAMPLE: 6, TARGET_SAMPLE_CLASSES: 6, REFERENCE_FIT: 8}

# Column names for the signals that carry a trailing column axis.
ACTIVATION_COLUMNS = ("zero_fraction", "saturated_fraction", "mean", "std")
# The activations Keras ships (keras.activations, and the activation layers' names): any
# other name in plateau/activation's `activations` is a user's function or a lambda
# (`custom`), whose bounds the recorder cannot know (its saturated_fraction is then the
# share of outputs piled at the layer's extremes: docs/format.md).
KERAS_ACTIVATIONS = frozenset({
    "celu", "elu", "exponential", "gelu", "glu", "hard_shrink", "hard_sigmoid", "hard_silu",
    "hard_swish", "hard_tanh", "leaky_relu", "linear", "log_sigmoid", "log_softmax", "mish",
    "relu", "relu6", "selu", "sigmoid", "silu", "soft_shrink", "softmax", "softplus",
    "softsign", "sparse_plus", "sparse_sigmoid", "sparsemax", "squareplus", "swish", "tanh",
    "tanh_shrink", "threshold", "prelu"})
INPUT_COLUMNS = ("mean", "std", "min", "max", "nonfinite")
TARGET_COLUMNS = ("min", "max", "mean", "var", "distinct", "integer_fraction", "nonfinite", "count")
PREDICTION_COLUMNS = ("mean", "std_across_batch", "min", "max", "nonfinite")
CONSTANT_FIT_COLUMNS = ("reachable_loss", "reachable_output", "best_loss", "best_output")
# Version 7's reference_fit had the first four (no linear fit's own loss).
REFERENCE_FIT_COLUMNS = ("loss", "neighbours", "kernel_width", "examples", "linear_loss")


def tag(signal):
    """The event-file tag of a signal name, e.g. 'grad_norm' -> 'plateau/grad_norm'."""
    return TAG_PREFIX + signal


def signal_of(tag_name):
    """The signal name of a tag, or None when the tag is not one of ours."""
    if not tag_name.startswith(TAG_PREFIX):
        return None
    return tag_name[len(TAG_PREFIX):]


def create_summary_metadata(signal, names=None, columns=None, extra=None, description=""):
    """A `SummaryMetadata` for one signal.

    Args:
      signal: the signal name (a key of SIGNALS or an `epoch/<metric>` name).
      names: labels along axis 0 of the tensor (layer names, feature names, class ids).
      columns: labels along the last axis, for signals with a column axis.
      extra: further JSON-able fields for this signal (e.g. `activations` per layer).
    """
    content = {"version": SIGNAL_VERSIONS.get(signal, 1), "signal": signal}
    if names is not None:
        content["names"] = [str(n) for n in names]
    if columns is not None:
        content["columns"] = [str(c) for c in columns]
    if extra:
        content.update(extra)
    return summary_pb2.SummaryMetadata(
        summary_description=description,
        plugin_data=summary_pb2.SummaryMetadata.PluginData(
            plugin_name=PLUGIN_NAME,
            content=json.dumps(content, sort_keys=True).encode("utf-8"),
        ),
        data_class=summary_pb2.DATA_CLASS_TENSOR,
    )


class MetadataError(ValueError):
    """The plugin content of a summary cannot be understood by this version."""


def parse_plugin_metadata(content):
    """Parse `plugin_data.content` bytes into a dict.

    Raises MetadataError when the content is not JSON, not an object, or has a version
    newer than this reader knows.
    """
    if isinstance(content, (bytes, bytearray)):
        try:
            content = bytes(content).decode("utf-8")
        except UnicodeDecodeError as e:
            raise MetadataError("plugin content is not UTF-8") from e
    if not content:
        raise MetadataError("empty plugin content")
    try:
        parsed = json.loads(content)
    except ValueError as e:
        raise MetadataError("plugin content is not JSON") from e
    if not isinstance(parsed, dict):
        raise MetadataError("plugin content is not a JSON object")
    version = parsed.get("version")
    if not isinstance(version, int) or version < 1:
        raise MetadataError("plugin content has no valid version")
    if version > FORMAT_VERSION:
        raise MetadataError(
            "format version %d is newer than this tb-plateau reads (%d); upgrade tb-plateau"
            % (version, FORMAT_VERSION)
        )
    return parsed
