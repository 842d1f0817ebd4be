"""Measurements more than one cause reads, each computed once per interval and cached."""

import functools
import math
import re
import warnings

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from tb_plateau import metadata as M
from tb_plateau.analysis import baseline as baseline_mod
from tb_plateau.analysis import thresholds as T
from tb_plateau.analysis.intervals import progress_points, running_median, start_level
from tb_plateau.analysis.thresholds import ramp

# Layers that standardise or rescale what enters the model.
NORMALIZING_LAYERS = ("normalization", "rescaling", "batchnormalization",
                      "layernormalization", "standardization")
# Initialisers that give every unit of a layer the same weights.
CONSTANT_INITIALIZERS = ("zeros", "zero", "constant", "ones")
# Keras's separate activation layers: they only apply an activation to what they get
# (differentiable, but dead or saturated they pass no gradient either).
ACTIVATION_LAYERS = ("Activation", "ReLU", "LeakyReLU", "PReLU", "ELU", "Softmax",
                     "ThresholdedReLU")
# Layers that work on each position of a sequence or image alone (or on nothing positional).
_PER_POSITION = ("inputlayer", "embedding", "dense", "dropout", "spatialdropout",
                 "gaussiannoise", "gaussiandropout", "alphadropout", "batchnormalization",
                 "layernormalization", "groupnormalization", "unitnormalization",
                 "activation", "relu", "leakyrelu", "elu", "prelu", "softmax", "rescaling",
                 "masking", "activityregularization")
# Poolings over small windows: each output comes from nearby positions, the same way at every
# position.
_LOCAL_POOLING = ("maxpooling", "averagepooling", "maxpool", "averagepool", "avgpool")
# Initializers that scale the weights to the layer's fan so the signal keeps its size
# (Glorot & Bengio 2010, He et al. 2015, LeCun 1998; Saxe et al. 2014 for orthogonal).
_VARIANCE_PRESERVING = ("glorotuniform", "glorotnormal", "heuniform", "henormal",
                        "lecununiform", "lecunnormal", "orthogonal", "xavieruniform",
                        "xaviernormal")


def measured(method):
    """Cache a measurement on the context: causes ask for the same one many times."""
    @functools.wraps(method)
    def cached(ctx, *args):
        key = ("measured", method.__name__) + args
        if key not in ctx._cache:
            ctx._cache[key] = method(ctx, *args)
        return ctx._cache[key]
    return cached


def initializer_moments(config):
    """(mean, standard deviation) of the weights a random initializer's config draws, each
    None when the config does not say: a uniform range [minval, maxval], else its mean and
    stddev (a maxval alone read as the symmetric range [-maxval, maxval])."""
    low, high = config.get("minval"), config.get("maxval")
    if isinstance(low, (int, float)) and isinstance(high, (int, float)):
        return (low + high) / 2.0, abs(high - low) / math.sqrt(12)
    mean, std = config.get("mean"), config.get("stddev")
    if std is None and isinstance(high, (int, float)):
        std = abs(high) / math.sqrt(3)
    number = lambda v: v if isinstance(v, (int, float)) else None  # noqa: E731
    return number(mean), number(std)


# Keras's variance-scaling initializers: (scale, mode) of each by its class (lower case,
# without underscores); VarianceScaling's own config says its.
_VARIANCE_SCALING = {"henormal": (2.0, "fan_in"), "heuniform": (2.0, "fan_in"),
                     "glorotnormal": (1.0, "fan_avg"), "glorotuniform": (1.0, "fan_avg"),
                     "lecunnormal": (1.0, "fan_in"), "lecununiform": (1.0, "fan_in")}
# The recurrent kernel of each recurrent class is (units, gates x units).
_RECURRENT_GATES = {"simplernn": 1, "gru": 3, "lstm": 4}


def _variance_scaling_gain(cls, cfg, layer):
    """recurrent_gain of a variance-scaling draw: its variance is scale / fan, with fan_in
    the units and fan_out the gates x units of a (units, gates x units) recurrent kernel, so
    each gate's square block has spectral radius about sqrt(scale x units / fan) (He on a
    SimpleRNN: sqrt 2). None for another class or an unknown layer."""
    if cls == "variancescaling":
        scale, mode = cfg.get("scale", 1.0), cfg.get("mode", "fan_in")
    elif cls in _VARIANCE_SCALING:
        scale, mode = _VARIANCE_SCALING[cls]
    else:
        return None
    gates = _RECURRENT_GATES.get(str(layer.get("class") or "").lower())
    units = layer.get("units")
    if gates is None or not isinstance(units, int) or units < 1 or \
            not isinstance(scale, (int, float)) or isinstance(scale, bool) or scale <= 0:
        return None
    fan = {"fan_in": units, "fan_out": gates * units,
           "fan_avg": (units + gates * units) / 2.0}.get(mode)
    return math.sqrt(scale * units / fan) if fan else None


def recurrent_gain(layer):
    """How many times a recurrent layer's starting recurrent kernel multiplies its state per
    step (a logged layer's `recurrent_initializer`): an Orthogonal or Identity kernel's gain
    (1 unless set), a variance-scaling draw's from its scale and fan
    (_variance_scaling_gain), another random draw's spread times sqrt(units) (about its
    spectral radius); None when the config does not say."""
    init = layer.get("recurrent_initializer")
    if not isinstance(init, dict):
        return None
    cfg = init.get("config") if isinstance(init.get("config"), dict) else {}
    cls = str(init.get("class") or "").lower()
    scaled = _variance_scaling_gain(cls.replace("_", ""), cfg, layer)
    if cls in ("orthogonal", "identity"):
        gain = cfg.get("gain", 1.0)
    elif scaled is not None:
        gain = scaled
    else:
        mean, std = initializer_moments(cfg)
        units = layer.get("units")
        if not isinstance(std, (int, float)) or not isinstance(units, int) or units < 1 or \
                (isinstance(mean, (int, float)) and abs(mean) > std):
            return None
        gain = std * math.sqrt(units)
    if isinstance(gain, bool) or not isinstance(gain, (int, float)) or not math.isfinite(gain):
        return None
    return abs(float(gain))


def initializer_start(init, random_mean=True):
    """The value an initializer's config ({"class", "config"}) starts every weight at: Ones,
    Zeros, a Constant's number, and with `random_mean` a random initializer's mean; None
    when it fixes none."""
    if not isinstance(init, dict):
        return None
    cfg = init.get("config") if isinstance(init.get("config"), dict) else {}
    cls = str(init.get("class") or "").lower()
    if cls in ("ones", "one"):
        return 1.0
    if cls in ("zeros", "zero"):
        return 0.0
    if cls == "constant":
        value = cfg.get("value")
    elif random_mean:
        value = initializer_moments(cfg)[0]
    else:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


# Keras's random augmentation layers (active in training only).
AUGMENTATION_PREFIXES = ("random", "mixup", "cutmix", "augmix", "randaugment")

# Layers Keras runs differently in training: dropout and noise (their classes start so).
TRAINING_ONLY = ("dropout", "spatialdropout", "alphadropout", "gaussiandropout",
                 "gaussiannoise")
# Layers whose training-mode behaviour is known and is not regularisation.
SAME_IN_TRAINING = ("dense", "conv", "inputlayer", "flatten", "reshape", "globalmax",
                    "globalaverage", "maxpooling", "averagepooling", "embedding", "lstm",
                    "gru", "simplernn", "bidirectional", "concatenate", "add", "multiply",
                    "activation", "relu", "softmax", "leakyrelu", "layernormalization",
                    "batchnormalization", "normalization", "rescaling", "permute",
                    "repeatvector", "timedistributed", "multiheadattention", "attention",
                    "separableconv", "depthwiseconv", "upsampling", "zeropadding", "cropping",
                    "lambda")


def training_only(layers):
    """Names of the layers in `layers` (configs) that act only in training: dropout, noise,
    Keras's random augmentations, layers of classes not known to act the same either way (a
    custom SpecAugment mask), and recurrent layers with their own dropout (dropout,
    recurrent_dropout)."""
    out = []
    for layer in layers:
        cls = str(layer.get("class") or "").lower()
        settings = layer.get("settings") if isinstance(layer.get("settings"), dict) else {}
        inner = any(isinstance(layer.get(key, settings.get(key)), (int, float)) and
                    layer.get(key, settings.get(key)) > 0
                    for key in ("dropout", "recurrent_dropout"))
        if cls.startswith(TRAINING_ONLY + AUGMENTATION_PREFIXES) or inner or \
                (cls and not cls.startswith(SAME_IN_TRAINING)):
            out.append(str(layer.get("name")))
    return out


def probe_beats_the_constant(run_data, baseline):
    """Whether the model, in inference mode, scores clearly better than the constant
    prediction on the probe (its last logged probe loss PROBE_BEATS_CONSTANT of the
    baseline or less) in a model with nothing that acts only in training, where the
    baseline, estimated on the probe's few examples, is uncertain (one standard error
    PROBE_BASELINE_UNCERTAIN of it or more: rare classes, a target's variance). On those
    very examples the model has learned what a constant cannot, so a training loss near
    that baseline is the training batches' mix differing from the probe's (a rare class the
    probe holds less of), not a model that learned nothing. Where the baseline is exact (balanced
    classes) a training loss at it is no better than a constant on the batches, whatever
    the probe says (training labels corrupted where the probe's are clean). Training-only
    layers (dropout, augmentation) make training and inference differ by design: judged by
    over_regularization. Under fit's class or sample weights the probe's unweighted loss
    does not compare with the weighted baseline. Where the loss has no formula baseline, the
    best constant the callback measured on the probe stands in for it
    (_probe_beats_measured_constant)."""
    s = run_data.signals.get(M.PROBE_LOSS)
    if not baseline:
        return _probe_beats_measured_constant(run_data, s)
    if s is None or np.ndim(s.values) != 1 or baseline_mod.weighted_loss(run_data.config) \
            or not baseline.get("value") or not baseline["value"] > 0:
        return False
    error = baseline_mod.relative_standard_error(
        baseline, baseline_mod.prior_targets(run_data.signals),
        baseline_mod.prior_class_frequencies(run_data.signals))
    if error is None or error < T.PROBE_BASELINE_UNCERTAIN:
        return False
    values = np.asarray(s.values, dtype=np.float64) * baseline_mod.probe_to_batch(run_data.config)
    values = values[np.isfinite(values)]
    return bool(len(values)) and _same_in_training_and_inference(run_data) and \
        0 <= values[-1] <= T.PROBE_BEATS_CONSTANT * baseline["value"]


def _same_in_training_and_inference(run_data):
    """Whether the run's config lists layers and none acts only in training (training_only):
    the probe's loss, in inference mode, then compares with the training batches'."""
    layers = config_layers(run_data.config)
    return bool(layers) and not training_only(layers)


# A wrapper's own entries that stay when it is seen as the layer it wraps (config_layers):
# its place in the model, its signals' name and its size.
_WRAPPER_KEEPS = ("name", "input_shape", "output_shape", "params", "trainable", "dtype_policy",
                  "positions_read")


def config_layers(config):
    """The layer entries of a run's config (docs/format.md), each wrapper (Bidirectional,
    TimeDistributed) seen as the layer it wraps when the config records it (`wrapped`):
    that layer's class, units, activation, initialisers and settings, under the wrapper's
    name, shapes and parameter count, with `wrapper` naming the wrapper's class. A
    Bidirectional SimpleRNN is a SimpleRNN to every rule about recurrences."""
    layers = config.get("layers") if isinstance(config, dict) else None
    out = []
    for layer in layers if isinstance(layers, list) else []:
        if not isinstance(layer, dict):
            continue
        inner = layer.get("wrapped")
        if isinstance(inner, dict) and inner.get("class"):
            view = dict(inner)
            view.update({key: layer[key] for key in _WRAPPER_KEEPS if key in layer})
            settings = inner.get("settings") if isinstance(inner.get("settings"), dict) else {}
            outer = layer.get("settings") if isinstance(layer.get("settings"), dict) else {}
            if settings or outer:
                view["settings"] = {**settings, **outer}
            view["wrapper"] = layer.get("class")
            layer = view
        out.append(layer)
    return out


def _probe_beats_measured_constant(run_data, probe_loss):
    """probe_beats_the_constant where the loss has no formula baseline (a Poisson, a Huber,
    a user's loss): the model's last probe loss, in inference mode, is below the best
    constant output's loss on the very same examples (the callback's plateau/constant_fit)
    by PROBE_BEATS_MEASURED_CONSTANT of that loss's height above the loss's floor or more.
    That constant is fitted to the probe itself, so no model that learned nothing scores
    below it on those held-out examples; the margin keeps a model only as good out of the
    noise."""
    against = _probe_against_measured_constant(run_data, probe_loss)
    return against is not None and \
        against[0] <= (1.0 - T.PROBE_BEATS_MEASURED_CONSTANT) * against[1]


def _probe_against_measured_constant(run_data, probe_loss):
    """(the model's last probe loss, the best constant's loss on the probe), both above the
    loss's floor, when they compare: the constant was measured (plateau/constant_fit) and
    scores above the floor, the loss is averaged over examples, and the model has layers
    that all act the same in training and inference (what acts only in training makes the
    two differ by design). Else None."""
    fit = baseline_mod.measured_constant_fit(run_data.signals)
    if fit is None or probe_loss is None or np.ndim(probe_loss.values) != 1 or \
            baseline_mod.weighted_loss(run_data.config) or \
            baseline_mod.summed_reduction(run_data.config):
        return None
    floor = baseline_mod.loss_floor(run_data.config) or 0.0
    height = fit["best_loss"] - floor
    values = np.asarray(probe_loss.values, dtype=np.float64)
    values = values[np.isfinite(values)]
    if not height > 0 or not len(values) or not _same_in_training_and_inference(run_data):
        return None
    return float(values[-1] - floor), float(height)


def level_judged_by_the_start(run_data, baseline):
    """Whether a loss with no constant-prediction baseline is judged "learned nothing" by
    where it began as well (near_constant_prediction's `start`): only where the probe cannot
    judge it against a measured constant (_probe_against_measured_constant). A model that
    learned only the constant falls from its first values too, and the probe tells that
    apart where it can."""
    return not baseline and _probe_against_measured_constant(
        run_data, run_data.signals.get(M.PROBE_LOSS)) is None


def hand_written(activation):
    """Whether an activation name is not one Keras ships (a user's function, a lambda)."""
    return bool(activation) and activation not in M.KERAS_ACTIVATIONS


# Initializers that scale an orthonormal (or identity) matrix by their `gain`: the signal's
# norm is multiplied by exactly that.
GAIN_SCALED = ("orthogonal", "identity")
# Keras's random initializers and VarianceScaling: their configs state their scale.
_KERAS_RANDOM = ("randomnormal", "randomuniform", "truncatednormal", "variancescaling")


def starts_constant(init):
    """Whether an initializer's config ({"class", "config"}) starts every weight at one
    value: Zeros, Ones, Constant, or a random draw of no spread (RandomNormal(0.05, 0.0),
    the mean and stddev swapped; a RandomUniform whose range is one number)."""
    if not isinstance(init, dict):
        return False
    cls = str(init.get("class", "")).lower()
    if cls in CONSTANT_INITIALIZERS:
        return True
    cfg = init.get("config") if isinstance(init.get("config"), dict) else {}
    spread = initializer_moments(cfg)[1]
    return cls.replace("_", "") in _KERAS_RANDOM[:3] and isinstance(spread, (int, float)) \
        and not isinstance(spread, bool) and spread == 0


def _kernel_gain(layer, cls, config):
    """(stddev, mean, gain, relu, fan-in) of a layer's kernel initializer whose config states
    its scale, or None: the gain is the weights' root mean square times sqrt(fan-in), ~1 for
    He and Glorot; an Orthogonal or Identity initializer's is its `gain` (the stddev given
    is then what that gain means per weight, gain / sqrt(fan-in))."""
    units = layer.get("units") or layer.get("filters")
    params = layer.get("params")
    if not units or not params:
        return None
    fan_in = max(1.0, (params - units) / units)
    relu = str(layer.get("activation") or "").startswith("relu")
    if cls.lower().replace("_", "") == "variancescaling":
        # Its config states the variance, scale / fan: the gain for this layer's fans (a
        # convolution's fan-out counts its window, as its fan-in does).
        fans = _kernel_fans(layer)
        fan_out = fans[2] if fans is not None and fans[1] == fan_in else units
        gain = _configured_gain(cls, config, fan_in, fan_out)
        if gain is None:
            return None
        return gain / math.sqrt(fan_in), 0.0, gain, relu, fan_in
    if cls.lower().replace("_", "") in GAIN_SCALED:
        gain = config.get("gain")  # Keras's Identity does not serialise its gain: unknown
        if not isinstance(gain, (int, float)) or isinstance(gain, bool) or \
                not math.isfinite(gain):
            return None
        return abs(gain) / math.sqrt(fan_in), 0.0, abs(gain), relu, fan_in
    mean, spread = initializer_moments(config)
    if spread is None:
        return None
    size = math.hypot(spread, mean or 0.0)  # the weights' root mean square
    return spread, mean, size * math.sqrt(fan_in), relu, fan_in


# Layers with one kernel ([window..., inputs, units]) and at most a bias: the kernel's size
# over the units is the fan-in, and with a bias that starts at zero the layer's first logged
# norm is the kernel's.
_PLAIN_KERNEL = ("dense", "conv1d", "conv2d", "conv3d")


def _configured_gain(cls, config, fan_in, fan_out):
    """The gain (the weights' root mean square times sqrt(fan-in)) a kernel initializer draws
    for a layer of that fan-in and fan-out, or None when its scale is not known (Orthogonal,
    Identity, a constant, a class of the user's without moments)."""
    name = cls.lower().replace("_", "")
    if name in ("glorotuniform", "glorotnormal", "xavieruniform", "xaviernormal"):
        return math.sqrt(2.0 * fan_in / (fan_in + fan_out))
    if name in ("heuniform", "henormal"):
        return math.sqrt(2.0)
    if name in ("lecununiform", "lecunnormal"):
        return 1.0
    if name == "variancescaling":
        scale = config.get("scale", 1.0)
        fan = {"fan_in": fan_in, "fan_out": fan_out,
               "fan_avg": (fan_in + fan_out) / 2.0}.get(config.get("mode", "fan_in"))
        if not isinstance(scale, (int, float)) or isinstance(scale, bool) or \
                not scale > 0 or not fan:
            return None
        return math.sqrt(scale * fan_in / fan)
    if name in GAIN_SCALED or name in CONSTANT_INITIALIZERS:
        return None
    mean, spread = initializer_moments(config)
    if spread is None:
        return None
    return math.hypot(spread, mean or 0.0) * math.sqrt(fan_in)


def _users_initializer(cls, config):
    """Whether a kernel initializer is none of Keras's (whose scale is known or deliberately
    left out: Orthogonal and Identity by their gain, constants) and states no moments."""
    name = cls.lower().replace("_", "")
    return bool(name) and name not in _VARIANCE_PRESERVING and name not in GAIN_SCALED and \
        name not in CONSTANT_INITIALIZERS and name not in _KERAS_RANDOM and \
        initializer_moments(config)[1] is None


def _kernel_fans(layer):
    """(weights in the kernel, fan-in, fan-out) of a Dense or convolution layer from its
    recorded parameter count, units and input shape, or None when they do not fit one kernel
    and a bias that starts at zero (a bias started elsewhere would be in the logged norm)."""
    if str(layer.get("class") or "").lower() not in _PLAIN_KERNEL:
        return None
    units, params = layer.get("units") or layer.get("filters"), layer.get("params")
    settings = layer.get("settings") if isinstance(layer.get("settings"), dict) else {}
    shape = layer.get("input_shape")
    if not isinstance(units, int) or not isinstance(params, int) or units < 1 or \
            not isinstance(shape, list) or len(shape) < 2:
        return None
    kernel = params
    if settings.get("use_bias", True) is not False:
        bias = layer.get("bias_initializer")
        if not isinstance(bias, dict) or str(bias.get("class") or "").lower() not in ("zeros", "zero"):
            return None
        kernel = params - units
    channels = shape[1] if settings.get("data_format") == "channels_first" else shape[-1]
    if kernel < T.INIT_STARTED_MIN_WEIGHTS or kernel % units or not isinstance(channels, int) \
            or channels < 1 or (kernel // units) % channels:
        return None
    fan_in = kernel // units
    return kernel, fan_in, units * fan_in // channels


def momentum_carry(momentum):
    """How many steps' gradients heavy-ball momentum adds into each update once steady:
    1 / (1 - momentum), bounded by MOMENTUM_FLOOR (momentum 1 or more never forgets)."""
    return 1.0 / max(1.0 - momentum, T.MOMENTUM_FLOOR)


def _number(value):
    return ("%g" % value) if isinstance(value, float) else str(value)



def _standard_initializer(key, cls, cfg):
    """Whether the initializer under `key` (a layer's `kernel_initializer`, ...) is the
    standard one for that kind of weight (measurements.standard_hidden_init)."""
    name = cls.lower().replace("_", "")
    value = cfg.get("value")
    if key in ("bias_initializer", "beta_initializer", "moving_mean_initializer"):
        return name in ("zeros", "zero") or (name == "constant" and isinstance(
            value, (int, float)) and abs(value) <= T.STANDARD_SHIFT)
    if key in ("gamma_initializer", "moving_variance_initializer"):
        return name in ("ones", "one") or (name == "constant" and isinstance(
            value, (int, float)) and T.STANDARD_SCALE[0] <= value <= T.STANDARD_SCALE[1])
    if name in _VARIANCE_PRESERVING:
        return name != "orthogonal" or cfg.get("gain", 1.0) == 1.0
    scale = cfg.get("scale")
    return name == "variancescaling" and isinstance(scale, (int, float)) and \
        T.STANDARD_VARIANCE_SCALE[0] <= scale <= T.STANDARD_VARIANCE_SCALE[1]

class Measurements:
    """Mixed into `Context`: what the signals and the configuration say, cause-neutral."""

    # -- step size ---------------------------------------------------------------------

    @measured
    def median_update_ratio(self, part="inside"):
        """(median over layers and steps of the update/weight ratio, per-layer medians)."""
        med = self.median(M.UPDATE_RATIO, part)
        if med is None:
            return None, None
        per_layer = np.atleast_1d(med).astype(float)
        finite = per_layer[np.isfinite(per_layer)]
        if len(finite) == 0:
            return None, None
        return float(np.median(finite)), per_layer

    @measured
    def gradient_element_scale(self):
        """The gradient's root-mean-square per weight (the global gradient norm over the
        square root of the trainable parameters) inside the interval, or None."""
        params = self.params()
        prof = self.grad_profile()
        norm = None
        if prof is not None:
            g = prof["grad"][np.isfinite(prof["grad"])]
            norm = float(np.sqrt(np.sum(g ** 2))) if len(g) else None
        if norm is None:
            course = self.global_gradient_course()
            norm = course["inside"] if course is not None else None
        if norm is None or not params or not norm > 0:
            return None
        return norm / math.sqrt(params)

    @measured
    def implied_gradient_ratio(self):
        """Under an SGD-type optimizer (the step is the learning rate times the gradient,
        up to 1 / (1 - momentum) with momentum) at a rate that is not high: (the gradient /
        weight ratio the training batches must have had for the largest update/weight
        ratio around the interval, that update/weight ratio), or None (the probe's
        gradients are a different batch's). Adaptive optimizers normalise the gradient away."""
        if self.adaptive() is not False or self.learning_rate_band()[0] > 0:
            return None
        steps, values = self.around(M.UPDATE_RATIO)
        if values is None or np.ndim(values) != 2 or not len(values):
            return None
        momentum = self.optimizer_config().get("momentum")
        carried = momentum_carry(momentum) \
            if isinstance(momentum, (int, float)) and 0 < momentum < 1 else 1.0
        # The step's other multipliers (accumulation, EMA overwrites): step_scale's momentum
        # factor compares the rate in effect with 0.9's, which `carried` already counts.
        scale, settings = self.step_scale()
        if any(key == "momentum" for key, _ in settings):
            scale /= (1.0 - T.USUAL_MOMENTUM) * momentum_carry(momentum)
        best = None
        for step, row in zip(steps, values):
            row = row[np.isfinite(row)]
            # The rate in force at that step: a schedule may have cut it since.
            lr = self.learning_rate_at(step) or self.learning_rate()
            if not len(row) or not lr:
                continue
            update = float(np.median(row))
            ratio = update / (lr * scale * carried)
            if best is None or ratio > best[0]:
                best = (ratio, update)
        return best

    @measured
    def step_scale(self):
        """(factor, settings) by which the optimizer's other settings multiply the step its
        learning rate gives; `settings` is a tuple of (key, as written) for each setting that
        does, empty when none does (factor 1): "momentum" above the usual 0.9 (SGD, RMSprop)
        lengthens every step 0.1 / (1 - momentum) times more than 0.9 does;
        "gradient_accumulation_steps"=N applies one update per N steps (1/N the progress a
        step); "ema": weights overwritten by their moving average every k steps (use_ema
        with ema_overwrite_frequency=k, momentum m) keep about (1 - m)(k + 1)/2 of the
        progress; an "epsilon" that dwarfs the gradient per weight (Adam and the other
        optimizers that divide by sqrt(v) + epsilon) shortens it to about gradient /
        (gradient + epsilon) of its normal size."""
        config = self.optimizer_config()
        name = self.optimizer()
        if not config or name is None:
            return 1.0, ()
        factor, settings = 1.0, []
        momentum = config.get("momentum")
        if isinstance(momentum, (int, float)) and momentum > T.USUAL_MOMENTUM and \
                (name.startswith("sgd") or name.startswith("rmsprop")):
            factor *= (1.0 - T.USUAL_MOMENTUM) * momentum_carry(momentum)
            settings.append(("momentum", "momentum=%s" % _number(momentum)))
        accumulate = config.get("gradient_accumulation_steps")
        if isinstance(accumulate, int) and not isinstance(accumulate, bool) and accumulate > 1:
            factor /= accumulate
            settings.append(("gradient_accumulation_steps",
                             "gradient_accumulation_steps=%d" % accumulate))
        every = config.get("ema_overwrite_frequency")
        ema = config.get("ema_momentum")
        if config.get("use_ema") is True and isinstance(every, int) and every >= 1 and \
                isinstance(ema, (int, float)) and 0 <= ema < 1:
            kept = min(1.0, (1.0 - ema) * (every + 1) / 2.0)
            if kept < 1.0:
                factor *= kept
                settings.append(("ema", "use_ema with ema_overwrite_frequency=%d" % every))
        epsilon = config.get("epsilon")
        if isinstance(epsilon, (int, float)) and epsilon > 0 and \
                any(name.startswith(o) for o in T.EPSILON_DIVIDED_OPTIMIZERS):
            scale = self.gradient_element_scale()
            if scale is not None and epsilon > scale * T.EPSILON_OVER_GRADIENT:
                factor *= scale / (scale + epsilon)
                settings.append(("epsilon", "epsilon=%s" % _number(epsilon)))
        return factor, tuple(settings)

    def loss_config(self):
        """The loss's own config (its reduction, axis, label_smoothing, ...) as recorded,
        {} when none is."""
        loss = self.config.get("loss") if isinstance(self.config, dict) else None
        config = loss.get("config") if isinstance(loss, dict) else None
        return config if isinstance(config, dict) else {}

    def logged_gradient_sum(self):
        """How many examples' gradients the logged gradient norms add up: under a loss
        summed over its batch (reduction="sum") the diagnostic's gradient is the sum over
        the probe's examples (the callback) or the training batch (a loop's), not their
        mean; 1 otherwise, or when the count is not recorded."""
        if not baseline_mod.summed_reduction(self.config):
            return 1
        probe = self.config.get("probe")
        for count in ((probe or {}).get("examples") if isinstance(probe, dict) else None,
                      self.config.get("batch_size")):
            if isinstance(count, int) and not isinstance(count, bool) and count >= 1:
                return count
        return 1

    def summed_batch(self):
        """The batch size when the loss is summed over the batch (reduction="sum", or by
        hand in a training loop: summed_by_hand) under an optimizer that steps by the
        gradient's size (SGD-type): every gradient is that many times the batch mean's Keras
        defaults to; else None. An adaptive optimizer divides the scale out."""
        batch = self.config.get("batch_size")
        if self.adaptive() is not False or not isinstance(batch, int) or batch <= 1:
            return None
        if baseline_mod.summed_reduction(self.config) or self.summed_by_hand(batch):
            return batch
        return None

    @measured
    def scaled_rate_high(self):
        """How far (0..1) the loss's scale (summed over the batch, fit's weights averaging
        above 1) makes a learning rate that is not high for the optimizer act as one that
        is: the rate times the scale (and the optimizer's other settings) on its high band,
        beyond what the rate alone reaches there. SGD 0.05 on a loss summed over batches of
        64 steps as SGD 3.2 would on the mean."""
        weighted, summed = self.loss_weight_scale(), self.summed_batch()
        factor = max(weighted[0] if weighted else 1.0, float(summed) if summed else 1.0)
        lr = self.learning_rate()
        if not factor > 1 or lr is None or not lr > 0:
            return 0.0
        band = self.learning_rate_bands()[0]
        lr *= self.step_scale()[0]
        return max(0.0, ramp(lr * factor, *band) - ramp(lr, *band))

    def summed_by_hand(self, batch):
        """Whether a hand-written loss (recorded by its description alone: no Keras class, no
        config) over a softmax or sigmoid output starts at about `batch` times a fresh
        classifier's per-example cross-entropy (SUMMED_START): keras.ops.sum over the
        batch's per-example losses in a training loop, where the mean was meant."""
        loss = self.config.get("loss") if isinstance(self.config, dict) else None
        if not isinstance(loss, dict) or loss.get("class") or self.loss_config() or \
                batch < T.SUMMED_BY_HAND_BATCH or not self.initial_loss:
            return False
        act, units = self.output_activation(), self.output_units()
        if act == "softmax" and isinstance(units, int) and units >= 2:
            per_example = math.log(units)
        elif act == "sigmoid":
            per_example = math.log(2.0)
        else:
            return False
        share = self.initial_loss / (batch * per_example)
        return T.SUMMED_START[0] <= share <= T.SUMMED_START[1]

    @measured
    def loss_weight_scale(self):
        """(the mean weight fit gave the examples, which of its arguments gave it) under an
        optimizer that steps by the gradient's size (SGD-type), else None: its class_weight
        averaged over the probe's labels (sum_k f_k w_k) times its sample weights' mean. The
        weighted loss, its gradient and every step are that many times the unweighted
        loss's (class weights built from the counts instead of their inverse, or raw counts
        passed as sample_weight, average in the hundreds). An adaptive optimizer divides the
        scale out."""
        if self.adaptive() is not False:
            return None
        mean = baseline_mod.sample_weight_mean(self.config)
        scale = 1.0 if mean is None else mean
        freq = baseline_mod.label_frequencies(self.loss_kind, self.signals, self.targets())
        classes = baseline_mod.class_weights(self.config, len(freq)) \
            if freq is not None and len(freq) >= 2 else None
        names = []
        if classes is not None:
            scale *= float(np.dot(freq, classes))
            names.append("class_weight")
        if mean is not None:
            names.append("sample_weight")
        if not names or not math.isfinite(scale) or not scale > 0:
            return None
        return scale, " and ".join(names)

    def per_coordinate_rates(self):
        """The optimizer ("ftrl" or "lamb") when its design sets a layer's update/weight
        ratio, so that the ratio says nothing about the step size beyond the learning rate
        itself: FTRL-Proximal's per-coordinate rates (largest for the features seen least)
        and L1 term; LAMB's trust ratio, which scales each layer's step to the learning rate
        times its weights' norm. None for other optimizers."""
        name = self.optimizer() or ""
        return next((o for o in T.RATIO_SETTING_OPTIMIZERS if name.startswith(o)), None)

    @measured
    def learning_rate_band(self):
        """(how high, how low) the learning rate is for its optimizer, each in [0, 1];
        (0, 0) when unknown. Adaptive optimizers and SGD have different normal ranges. The
        rate judged is the effective one: the learning rate times `step_scale`."""
        lr = self.learning_rate()
        if lr is None:
            return 0.0, 0.0
        lr *= self.step_scale()[0]
        high, low = self.learning_rate_bands()
        return ramp(lr, *high), ramp(lr, *low)

    def learning_rate_bands(self):
        """((weak, strong) ramp of a high rate, (weak, strong) ramp of a low one) for the
        run's optimizer: its own bands where known, else those of adaptive optimizers or
        of SGD."""
        adaptive = self.adaptive()
        high = T.ADAPTIVE_LR_HIGH if adaptive is not False else T.SGD_LR_HIGH
        low = T.ADAPTIVE_LR_LOW if adaptive is not False else T.SGD_LR_LOW
        opt = self.optimizer()
        for name, (own_high, own_low) in T.OPTIMIZER_LR_BANDS.items():
            if opt is not None and opt.startswith(name):
                high, low = own_high, own_low
        return high, low

    @measured
    def learning_rate_jump(self):
        """How many times larger the learning rate is inside the interval than before it."""
        _, before = self.before(M.LEARNING_RATE)
        inside = self.median(M.LEARNING_RATE)
        if before is None or len(before) == 0 or inside is None:
            return None
        prior = float(np.nanmedian(before))
        if not prior > 0 or not np.isfinite(inside):
            return None
        return float(inside) / prior

    @measured
    def optimizer_weight_decay(self):
        """(weight_decay, lr x weight_decay = the fraction of each weight removed per step)
        from the optimizer config (Keras 3 decoupled decay), or None when it has none."""
        wd = self.optimizer_config().get("weight_decay")
        if not isinstance(wd, (int, float)) or isinstance(wd, bool) or not wd > 0 or \
                not math.isfinite(wd):
            return None
        lr = self.learning_rate()
        return float(wd), (float(wd) * lr if lr is not None else None)

    # -- gradients and weights ---------------------------------------------------------

    @measured
    def grad_profile(self):
        """Per-layer median gradient norms and relative gradients (grad / weight) inside."""
        g = self.median(M.GRAD_NORM)
        if g is None:
            return None
        g = np.atleast_1d(g).astype(float)
        w = self.median(M.WEIGHT_NORM)
        w = np.atleast_1d(w).astype(float) if w is not None and np.size(w) == g.size else None
        names = self.names(M.GRAD_NORM)
        with np.errstate(all="ignore"):
            rel = g / w if w is not None else None
        return {"grad": g, "weight": w, "relative": rel, "names": names}

    @measured
    def lost_gradient(self):
        """The names of the trainable layers whose gradient was above zero at the first
        diagnostic and is exactly zero inside the interval: layers that lost their gradient
        during training (zero from the first diagnostic is a path blocked on purpose, a
        stop_gradient or a detached branch; a frozen layer never had one)."""
        prof, first = self.grad_profile(), self.first_profile()
        if prof is None or first is None or len(first["grad"]) != len(prof["grad"]):
            return frozenset()
        at_start = dict(zip(first["names"], first["grad"]))
        frozen = {l.get("name") for l in self.layers() if l.get("trainable") is False}
        return frozenset(
            n for n, g in zip(prof["names"], prof["grad"])
            if n not in frozen and g <= T.GRAD_ZERO and
            np.isfinite(at_start.get(n, np.nan)) and at_start[n] > T.GRAD_ZERO)

    @measured
    def last_finite_profile(self):
        """Per-layer gradients and relative gradients at the last diagnostic step, up to the
        interval's end, where every gradient is finite: for a run that went NaN, the last
        picture of the gradients before they overflowed (the interval's median is NaN)."""
        gs = self.series(M.GRAD_NORM)
        if gs is None or gs.values.ndim != 2 or len(gs.steps) == 0:
            return None
        upto = int(np.searchsorted(gs.steps, self.end, side="right"))
        ok = np.flatnonzero(np.all(np.isfinite(gs.values[:upto]), axis=1))
        if len(ok) == 0:
            return None
        i = int(ok[-1])
        step = int(gs.steps[i])
        g = gs.values[i].astype(float)
        ws = self.series(M.WEIGHT_NORM)
        w = None
        if ws is not None and ws.values.ndim == 2 and ws.values.shape[1] == g.size:
            j = int(np.searchsorted(ws.steps, step))
            if j < len(ws.steps) and ws.steps[j] == step:
                w = ws.values[j].astype(float)
        with np.errstate(all="ignore"):
            rel = g / w if w is not None else None
        return {"grad": g, "weight": w, "relative": rel, "names": self.names(M.GRAD_NORM),
                "step": step}

    def gradient_picture(self):
        """The interval's gradient profile when finite, else the last finite one before it."""
        prof = self.grad_profile()
        if prof is not None and np.all(np.isfinite(prof["grad"])):
            return prof
        return self.last_finite_profile() or prof

    @measured
    def first_profile(self):
        """Gradients and weights at the run's first diagnostic step (the initial state)."""
        gs = self.series(M.GRAD_NORM)
        if gs is None or gs.values.ndim != 2 or len(gs.steps) == 0:
            return None
        g = gs.values[0].astype(float)
        ws = self.series(M.WEIGHT_NORM)
        w = ws.values[0].astype(float) if ws is not None and ws.values.ndim == 2 and \
            ws.values.shape[1] == g.size else None
        return {"grad": g, "weight": w, "relative": None, "names": self.names(M.GRAD_NORM),
                "step": int(gs.steps[0])}

    @measured
    def first_step_gradients_nonfinite(self):
        """True when the gradients are already NaN/Inf at the first logged step while the
        inputs and targets are finite: the initial weights, not bad data, overflowed them."""
        gs = self.series(M.GRAD_NORM)
        if gs is None or gs.values.ndim != 2 or len(gs.steps) == 0:
            return False
        if np.all(np.isfinite(gs.values[0])):
            return False
        s = self.series(M.INPUTS)
        if s is not None and s.columns and "nonfinite" in s.columns and len(s.values):
            if np.nansum(s.values[0][..., s.columns.index("nonfinite")]) > 0:
                return False
        t = self.targets()
        return not (t is not None and t["nonfinite"] > 0)

    @measured
    def weight_shrink(self):
        """(total weight norm at the interval's end over its value at the run's start, how
        strongly (0..1) that is a shrink on the WEIGHT_SHRINK ramp), from the steps where
        every layer's norm is finite; (None, 0) when fewer than 3 such steps were logged."""
        s = self.series(M.WEIGHT_NORM)
        if s is None or s.values.ndim != 2 or len(s.steps) == 0:
            return None, 0.0
        upto = int(np.searchsorted(s.steps, self.end, side="right"))
        v = s.values[:upto]
        v = v[np.all(np.isfinite(v), axis=1)] if len(v) else v
        if len(v) < 3:
            return None, 0.0
        total = np.sqrt(np.sum(np.square(v.astype(float)), axis=1))
        k = max(1, len(total) // 10)
        first, last = float(np.median(total[:k])), float(np.median(total[-k:]))
        if not first > 0:
            return None, 0.0
        change = last / first
        return change, ramp(max(1.0 - change, 1e-9), *T.WEIGHT_SHRINK)

    @measured
    def shrunk_layers_take_the_large_steps(self):
        """(names, the largest norm change among them, how strongly (0..1) that is a shrink
        on the WEIGHT_SHRINK ramp) when the layers whose update/weight ratio is large
        (a median over the steps up to the interval's end of UPDATE_RATIO_HIGH_WEAK or
        more) are all layers whose weights shrank from their first logged norm, while
        the others step at a normal size; else None. A penalty holding one layer's
        weights at zero (an Embedding's L2 on the whole table) makes its every update
        large beside them, at any learning rate; the whole model's norm, held up by the
        other layers, hardly moves."""
        w, r = self.series(M.WEIGHT_NORM), self.series(M.UPDATE_RATIO)
        if w is None or r is None or w.values.ndim != 2 or r.values.ndim != 2 or \
                list(w.names or []) != list(r.names or []) or not w.names:
            return None
        wv = w.values[: int(np.searchsorted(w.steps, self.end, side="right"))].astype(float)
        rv = r.values[: int(np.searchsorted(r.steps, self.end, side="right"))].astype(float)
        if len(wv) < 3 or len(rv) < 3:
            return None
        with warnings.catch_warnings():  # an all-NaN column is a valid input
            warnings.simplefilter("ignore", RuntimeWarning)
            ratio = np.nanmedian(np.where(np.isfinite(rv), rv, np.nan), axis=0)
            k = max(1, len(wv) // 10)
            first = np.nanmedian(np.where(np.isfinite(wv[:k]), wv[:k], np.nan), axis=0)
            last = np.nanmedian(np.where(np.isfinite(wv[-k:]), wv[-k:], np.nan), axis=0)
        large = np.isfinite(ratio) & (ratio >= T.UPDATE_RATIO_HIGH_WEAK)
        if not large.any() or large.all() or not np.all(first[large] > 0):
            return None
        change = float(np.max(last[large] / first[large]))
        strength = ramp(max(1.0 - change, 1e-9), *T.WEIGHT_SHRINK)
        if strength <= 0:
            return None
        names = [str(n) for n, big in zip(w.names, large) if big]
        return names, change, strength

    @measured
    def global_gradient_course(self):
        """The global gradient norm from the run's start to the interval's end, or None
        with fewer than 3 finite values: {"first": the first value, "largest": the largest,
        "start": the median of the first quarter (what a blow-up is measured from), "peak":
        the largest after that quarter (what it rose to: a norm that only fell from its
        first values did not rise), "early": the median of the first tenth, at least
        GLOBAL_GRAD_EARLY_POINTS values (what a collapse is measured from), "inside": the
        median within the interval (None with fewer than MIN_STALL_POINTS values there),
        "points": how many}."""
        gs = self.series(M.GRAD_GLOBAL_NORM)
        if gs is None or gs.values.ndim != 1:
            return None
        upto = int(np.searchsorted(gs.steps, self.end, side="right"))
        fin = gs.values[:upto][np.isfinite(gs.values[:upto])]
        if len(fin) < 3:
            return None
        _, inside = self._slice(M.GRAD_GLOBAL_NORM, self.start, self.end)
        inside = inside[np.isfinite(inside)] if inside is not None else np.zeros(0)
        quarter = max(1, len(fin) // 4)
        early = max(T.GLOBAL_GRAD_EARLY_POINTS, len(fin) // 10)
        return {"first": float(fin[0]), "largest": float(np.max(fin)),
                "start": float(np.median(fin[:quarter])), "peak": float(np.max(fin[quarter:])),
                "early": float(np.median(fin[:early])),
                "inside": float(np.median(inside)) if len(inside) >= T.MIN_STALL_POINTS else None,
                "points": int(len(fin))}

    @measured
    def global_gradient_collapse(self):
        """(inside / early level of the global gradient norm, how strongly (0..1) that is a
        collapse on the GLOBAL_GRAD_COLLAPSE ramp); (None, 0) when it cannot be measured or
        the gradient is exactly zero inside (dead units or symmetric init, not a collapse)."""
        course = self.global_gradient_course()
        if course is None or course["inside"] is None or not course["early"] > T.GRAD_ZERO \
                or not course["inside"] > T.GRAD_ZERO:
            return None, 0.0
        ratio = course["inside"] / course["early"]
        return ratio, ramp(ratio, *T.GLOBAL_GRAD_COLLAPSE)

    @measured
    def learned_little(self):
        """The interval's loss is at LEARNED_LITTLE of the constant-prediction loss or more
        (with no baseline known, of the run's initial loss)."""
        reference = self.baseline if self.baseline and self.baseline > 0 else self.initial_loss
        return self.level is not None and bool(reference) and reference > 0 and \
            self.level >= T.LEARNED_LITTLE * reference

    @measured
    def at_good_level(self):
        """The interval's loss is where a flat end counts as healthy convergence
        (baseline.good_level: well below where it started and half the constant-prediction
        loss or less)."""
        return baseline_mod.good_level(self.level, self.baseline, self.initial_loss,
                                       self.loss_floor)

    @measured
    def learned_nothing(self):
        """The interval's loss sits where a model that learned nothing would: at the
        constant-prediction loss, or (none known) where the run started; unless the probe,
        in inference mode, shows the model beating that constant where it is uncertain
        (probe_beats_the_constant, as the verdict reads the level)."""
        start = self.start_loss() if level_judged_by_the_start(self.run, self.baseline_info) \
            else None
        return baseline_mod.near_constant_prediction(
            self.level, self.baseline, self.initial_loss, self.loss_floor, start) and \
            not probe_beats_the_constant(self.run, self.baseline_info)

    @measured
    def probe_kept_improving(self):
        """Whether the held-out probe's loss (plateau/probe_loss, in inference mode) fell by
        CONVERGED_MIN_DROP of its first value or more up to the interval's end, and ends
        within PROBE_NEAR_BEST of its lowest: the model kept fitting held-out examples
        better, not worse, whatever its gradients did."""
        s = self.series(M.PROBE_LOSS)
        if s is None or s.values.ndim != 1:
            return False
        v = s.values[:int(np.searchsorted(s.steps, self.end, side="right"))].astype(float)
        v = v[np.isfinite(v)]
        if len(v) < 3 or not v[0] > 0 or not np.min(v) > 0:
            return False
        return bool(v[-1] <= (1.0 - T.CONVERGED_MIN_DROP) * v[0] and
                    v[-1] <= (1.0 + T.PROBE_NEAR_BEST) * np.min(v))

    @measured
    def start_loss(self):
        """Where the run's loss began (intervals.start_level), or None."""
        s = self.series(M.LOSS)
        return start_level(s.values) if s is not None and s.values.ndim == 1 else None

    @measured
    def loss_spike(self):
        """(the largest single-batch loss up to the interval's end over the loss level around it,
        its step) for a stalled interval, or None. The level is the median of the point's
        twentieth of the run, at least a tenth of the constant-prediction loss (a nearly
        memorised loss at 1e-3 makes an ordinary batch look like a spike)."""
        if self.kind != "stalled":
            return None
        s = self.series(M.LOSS)
        if s is None or s.values.ndim != 1:
            return None
        upto = int(np.searchsorted(s.steps, self.end, side="right"))
        values, steps = s.values[:upto], s.steps[:upto]
        ok = np.isfinite(values)
        values, steps = values[ok], steps[ok]
        if len(values) < 20 or np.min(values) < 0:
            return None
        # Each point against the median of its block (twenty blocks), not a per-point running
        # median: the live check runs this on every stalled interval as the run grows.
        size = max(5, -(-len(values) // 20))
        full = len(values) // size * size
        blocks = np.median(values[:full].reshape(-1, size), axis=1) if full else np.zeros(0)
        if full < len(values):
            blocks = np.append(blocks, np.median(values[full:]))
        level = np.repeat(blocks, size)[:len(values)]
        floor = 0.1 * self.baseline if self.baseline and self.baseline > 0 else 0.0
        with np.errstate(all="ignore"):
            ratio = values / np.maximum(level, max(floor, 1e-12))
        i = int(np.argmax(ratio))
        return float(ratio[i]), int(steps[i])

    @measured
    def learned_before(self):
        """Whether the loss, as a running median over a progress window
        (PROGRESS_WINDOW_FRACTION of the run's points), was at LEARNED_LITTLE of the
        constant-prediction loss or less at some point up to the interval's end: the model
        learned something before the loss came back (a blow-up, units killed). False with
        no baseline or too few points."""
        if not self.baseline or not self.baseline > 0:
            return False
        _, values = self._loss_upto_end()
        values = values[np.isfinite(values)]
        loss = self.series(M.LOSS)
        window = progress_points(len(loss.steps) if loss else 0)
        if len(values) < window:
            return False
        return bool(np.min(running_median(values, window)) <= T.LEARNED_LITTLE * self.baseline)

    def weighted_layers(self):
        """The layers that hold weights: any with parameters (a wrapper, attention or an
        embedding has no `units` of its own but is a layer of the model all the same) or a
        width (layer_width)."""
        return [l for l in self.layers() if (l.get("params") or 0) > 0 or layer_width(l)]

    @measured
    def no_hidden_layer(self):
        """Whether the model is linear in its inputs: at most one layer holds weights."""
        return bool(self.layers()) and len(self.weighted_layers()) <= 1

    @measured
    def relapse(self):
        """(the step the loss jumped back at, the level it had fallen to, the level it came
        back to) when a model that had learned (learned_before) came back to the interval's
        level, one that learned little, in one step: RELAPSE_POINTS points before that step
        sit in the lower third of the way between the two levels and as many after it in
        the upper third, the level RELAPSE_MIN_RISE times the lower one or more. A drift
        back up over many batches (overfitting, a rate decaying the wrong way) is not one.
        Else None."""
        if self.kind != "stalled" or not self.learned_before() or not self.learned_little():
            return None
        steps, values = self._loss_upto_end()
        ok = np.isfinite(values)
        steps, values = steps[ok], values[ok]
        loss = self.series(M.LOSS)
        window = progress_points(len(loss.steps) if loss else 0)
        n = T.RELAPSE_POINTS
        if len(values) < max(window, 2 * n + 1) or self.level is None:
            return None
        smooth = running_median(values, window)
        best = int(np.argmin(smooth))
        low, level = float(smooth[best]), float(self.level)
        if not level > low:
            return None
        if not level >= T.RELAPSE_MIN_RISE * low:
            return None
        lower, upper = low + (level - low) / 3.0, level - (level - low) / 3.0
        # medians[j] is the median of values[j:j + n]: at step index t, the n points before
        # it are medians[t - n] and the n from it medians[t] (one pass, not one per point).
        medians = np.median(sliding_window_view(values, n), axis=1)
        t = np.arange(n, len(values) - n + 1)
        hits = t[(t >= best) & (medians[t - n] <= lower) & (medians[t] >= upper)]
        return (int(steps[hits[0]]), low, level) if len(hits) else None

    @measured
    def output_spread(self):
        """(the predictions' spread across the probe's examples by the interval's end (its
        last logged value there), the targets' spread, their ratio), or None when either is
        not logged or not finite."""
        s = self.series(M.PREDICTIONS)
        _, values = self.inside(M.PREDICTIONS)
        targets = self.targets()
        cols = list(s.columns or []) if s is not None else []
        if values is None or len(values) == 0 or values.ndim != 2 or \
                "std_across_batch" not in cols or targets is None:
            return None
        pred = values[-1, cols.index("std_across_batch")]
        if not np.isfinite(pred):
            return None
        spread = math.sqrt(targets["var"]) if targets["var"] > 0 else 0.0
        if not (math.isfinite(spread) and spread > 0):
            return None
        return float(pred), spread, float(pred) / spread

    @measured
    def penalty_share(self):
        """(the least share of the probe's loss that is not the data term, the probe's loss,
        the data term's upper and lower bounds) at the last diagnostic inside the interval,
        for a one-unit MSE regression; None otherwise.

        The probe's loss holds the regularisation losses (a layer's regularizer, add_loss);
        its squared error lies between (mean error)^2 + (spread of predictions -/+ spread
        of targets)^2 from the logged means and spreads alone."""
        if self.loss_kind != "mse" or self.output_units() not in (None, 1):
            return None
        # One target per example: a sequence's or image's spread across positions is not in
        # the logged per-element spread.
        probe = self.config.get("probe") if isinstance(self.config, dict) else None
        examples = probe.get("examples") if isinstance(probe, dict) else None
        count = (self.targets() or {}).get("count")
        if not examples or not count or count != examples:
            return None
        s = self.series(M.PREDICTIONS)
        steps, values = self.inside(M.PREDICTIONS)
        lsteps, losses = self.inside(M.PROBE_LOSS)
        targets = self.targets()
        cols = list(s.columns or []) if s is not None else []
        if values is None or losses is None or not len(values) or not len(losses) or \
                values.ndim != 2 or targets is None or "mean" not in cols or \
                "std_across_batch" not in cols or not targets.get("var", -1) >= 0:
            return None
        common = np.intersect1d(steps, lsteps)
        if not len(common):
            return None
        step = common[-1]
        row = values[int(np.flatnonzero(steps == step)[0])]
        loss = float(np.ravel(losses[int(np.flatnonzero(lsteps == step)[0])])[0])
        mean_p, std_p = float(row[cols.index("mean")]), float(row[cols.index("std_across_batch")])
        mean_y, std_y = float(targets["mean"]), math.sqrt(float(targets["var"]))
        if not all(map(math.isfinite, (mean_p, std_p, mean_y, std_y, loss))) or not loss > 0:
            return None
        upper = (mean_p - mean_y) ** 2 + (std_p + std_y) ** 2
        lower = (mean_p - mean_y) ** 2 + (std_p - std_y) ** 2
        return max(0.0, 1.0 - upper / loss), loss, upper, lower

    @measured
    def penalty_dominates(self):
        """penalty_share() when regularisation terms hold the model back: at least
        PENALTY_SHARE's lower end of the probe's loss, the data term itself no better than
        LEARNED_LITTLE of the constant prediction, the weights no larger than at the run's
        start (a penalty shrinks them; weights blown up by a high rate inflate an ordinary
        penalty instead), and the loss not summed over the batch (reduction="sum" makes
        the data term itself the larger number); else None."""
        share = self.penalty_share()
        if share is None or not share[0] >= T.PENALTY_SHARE[0] or not self.baseline or \
                not share[3] >= T.LEARNED_LITTLE * self.baseline:
            return None
        change, _ = self.weight_shrink()
        if change is None or change > 1.0 or baseline_mod.summed_reduction(self.config):
            return None
        return share

    @measured
    def pulled_to_a_constant(self):
        """How strongly (0..1) every weight was pulled toward zero until the model predicts
        one value for every example: the weights shrank from the run's start (WEIGHTS_PULLED)
        and the predictions vary a vanishing share of the targets' spread
        (CONSTANT_OUTPUT_RELATIVE); with (that strength, the weights' norm over its start,
        the predictions' spread, the targets'), or None. A penalty does that, wherever it
        was set (a layer's regularizer, the optimizer's decay, a term added to the loss by
        hand); the data term alone never does."""
        change, _ = self.weight_shrink()
        spread = self.output_spread()
        shrink = ramp(change, *T.WEIGHTS_PULLED) if change is not None else 0.0
        if spread is None or not shrink > 0:
            return None
        flat = ramp(spread[2], *T.CONSTANT_OUTPUT_RELATIVE)
        if not flat > 0:
            return None
        return shrink * flat, change, spread[0], spread[1]

    @measured
    def collapsed_weights_without_gradient_growth(self):
        """How strongly (0..1) the weights shrank toward zero from the run's start to the
        interval's end while the global gradient norm did not grow (then a large
        gradient/weight or update/weight ratio reflects the shrinking denominator)."""
        change, shrink = self.weight_shrink()
        if change is None:
            return 0.0
        course = self.global_gradient_course()
        if shrink > 0 and course is not None and course["first"] > 0 and \
                course["largest"] / course["first"] >= T.GRAD_DEPTH_GROWTH[0]:
            return 0.0  # the gradients grew too: both may be blowing up
        return shrink

    @measured
    def weight_scale_share(self, name):
        """The weight norm of the Dense layer `name` inside the interval over the norm
        Glorot's initializer (Keras's default) gives a kernel of its shape, capped at 1; 1
        when unknown. Under 1, a gradient/weight ratio over it is large because the
        weights are small (an initializer at a tiny gain, weights that never grew), not
        because the gradient is."""
        layer = next((l for l in self.layers() if l.get("name") == name), None)
        w = self.median(M.WEIGHT_NORM)
        names = self.names(M.WEIGHT_NORM)
        if layer is None or str(layer.get("class")) != "Dense" or w is None or \
                name not in names or np.size(w) != len(names):
            return 1.0
        units, params = layer.get("units"), layer.get("params")
        if not isinstance(units, int) or not isinstance(params, int) or units < 1 or \
                params <= units:
            return 1.0
        fan_in = (params - units) / units
        standard = math.sqrt(fan_in * units * 2.0 / (fan_in + units))
        norm = float(np.atleast_1d(w)[names.index(name)])
        if not math.isfinite(norm) or not standard > 0:
            return 1.0
        return min(1.0, norm / standard)

    @measured
    def nonfinite_layers(self, signal):
        """(layer names, first step) where a per-layer signal went NaN/Inf around the
        interval; the step is the first one in the run (not in the interval's window) at
        which any of those layers was non-finite, so evidence names when it began."""
        steps, values = self.around(signal)
        if values is None or len(values) == 0 or values.ndim != 2:
            return [], None
        bad = ~np.isfinite(values)
        if not bad.any():
            return [], None
        names = self.names(signal)
        columns = np.flatnonzero(bad.any(axis=0))
        layers = [names[i] for i in columns]
        s = self.series(signal)
        upto = int(np.searchsorted(s.steps, self.end, side="right"))
        whole = ~np.isfinite(np.asarray(s.values[:upto])[:, columns])
        first = np.flatnonzero(whole.any(axis=1))
        step = int(s.steps[first[0]]) if len(first) else int(steps[np.flatnonzero(bad.any(axis=1))[0]])
        return layers, step

    def loss_blew_up_before(self, step):
        """Whether the run's finite loss before `step` reached DIVERGE_FACTOR x the
        constant-prediction loss (with none known, x the median of the run's finite loss up
        to the interval's end): weights that overflow after that are the blow-up's end, not
        NaN entering from outside, whether or not the loss itself went NaN."""
        steps, values = self._loss_upto_end()
        before = values[(steps < step) & np.isfinite(values)]
        if not len(before):
            return False
        reference = self.baseline if self.baseline and self.baseline > 0 else None
        if reference is None:
            finite = values[np.isfinite(values)]
            reference = float(np.median(np.abs(finite))) if len(finite) else 0.0
        return bool(reference > 0 and np.max(before) > T.DIVERGE_FACTOR * reference)

    @measured
    def nan_without_blow_up(self):
        """For a diverged interval: True when the loss turned NaN/Inf without rising first
        and without oversized steps before it (data or an op, not the optimiser), False
        when it blew up first, None when it never went non-finite."""
        if self.kind != "diverged":
            return None
        _, inside = self.inside(M.LOSS)
        if inside is None or np.all(np.isfinite(inside)):
            return None
        _, before = self.before(M.LOSS)
        fin = before[np.isfinite(before)] if before is not None else np.zeros(0)
        if len(fin) >= 4:
            tail = fin[-max(2, len(fin) // 4):]
            start = float(np.median(fin[: len(fin) // 2]))
            # A rise is DIVERGE_FACTOR x the level, and beyond DIVERGE_FACTOR x the batches'
            # own spread above it: a loss near or below zero (Keras's Poisson, a likelihood
            # without its constant, a cosine similarity) swinging across zero batch to
            # batch triples its level without rising at all.
            spread = 1.4826 * float(np.median(np.abs(fin - np.median(fin))))
            rise = start + T.DIVERGE_FACTOR * max(spread, 1e-12)
            high = tail > (max(T.DIVERGE_FACTOR * start, rise) if start > 0 else rise)
            # A blow-up rises into the NaN: the last finite loss is up, or a good part of the
            # last stretch is; one noisy batch among ordinary ones is not a rise.
            if high[-1] or (np.sum(high) > 1 and np.mean(high) > T.BLOW_UP_TAIL_SHARE):
                return False
        finite_inside = inside[np.isfinite(inside)]
        if len(finite_inside) and self.initial_loss and self.initial_loss > 0 and \
                np.max(finite_inside) > T.DIVERGE_FACTOR * self.initial_loss:
            return False
        ur = self.typical_update_ratio_before()
        # Steps only "oversized" when more likely so than not (past the middle of the ramp,
        # ~3e-2): 1.3e-2 is a brisk but ordinary step and does not explain a NaN.
        if ur is not None and ramp(ur, T.UPDATE_RATIO_HIGH_WEAK, T.UPDATE_RATIO_HIGH_STRONG) >= 0.5:
            return False
        return True

    @measured
    def first_step_rebuilt_ordinary_weights(self):
        """The first logged update replaced ordinary initial weights: its update/weight ratio
        (median over layers) is at least UPDATE_RATIO_REBUILT, at the run's first diagnostic,
        while the first batch's loss (computed on the initial weights, before that update)
        was within FIRST_LOSS_ORDINARY of the constant-prediction loss. The first
        diagnostic's gradients then show what the step did, not how the run started.
        False without an update ratio, a first loss or a baseline."""
        s = self.series(M.UPDATE_RATIO)
        loss = self.series(M.LOSS)
        if s is None or s.values.ndim != 2 or not len(s.steps) or loss is None or \
                not len(loss.steps) or not self.baseline or self.baseline <= 0:
            return False
        gs = self.series(M.GRAD_NORM)
        if gs is None or not len(gs.steps) or int(gs.steps[0]) != int(s.steps[0]):
            return False
        first = s.values[0][np.isfinite(s.values[0])]
        if not len(first) or float(np.median(first)) < T.UPDATE_RATIO_REBUILT:
            return False
        ratio = self.first_loss_ratio()
        return int(loss.steps[0]) <= int(s.steps[0]) and ratio is not None and \
            ratio <= T.FIRST_LOSS_ORDINARY

    @measured
    def first_loss_ratio(self):
        """The run's first logged loss (the first batch's, computed on the initial weights)
        over what a model that outputs nothing would score: the constant-prediction loss,
        or for MSE the targets' mean square (a zero output misses their mean too). None
        without either, or when that reference is not positive."""
        loss = self.series(M.LOSS)
        if loss is None or not len(loss.steps) or np.ndim(loss.values[0]) != 0 or \
                not self.baseline or self.baseline <= 0:
            return None
        first = float(loss.values[0])
        reference = self.baseline
        t = self.targets() if self.loss_kind == "mse" else None
        if t is not None and math.isfinite(t["mean"]):
            reference = max(reference, self.baseline + t["mean"] ** 2)
        return first / reference if math.isfinite(first) else None

    def first_update_atypical(self, steps):
        """Whether the first of these update/weight ratio steps is the run's first update
        under an adaptive optimizer, which is no typical step: Adam's bias-corrected first
        step moves every weight by the full rate (a measure of the rate against the
        weights' scale, which the rate's band judges), and Keras's ScheduleFreeAdamW
        replaces the initial weights by its first iterate (a ratio of 1 whatever the rate).
        SGD's first step is a step like the others."""
        s = self.series(M.UPDATE_RATIO)
        return bool(len(steps)) and s is not None and len(s.steps) > 0 and \
            steps[0] == s.steps[0] and bool(self.adaptive())

    @measured
    def typical_update_ratio_before(self):
        """Median (over layers and steps) update/weight ratio before the interval, the run's
        first update left out when atypical (first_update_atypical), whatever the steps that
        follow. None when nothing is left."""
        steps, values = self.before(M.UPDATE_RATIO)
        if values is None or not len(values) or np.ndim(values) != 2:
            return None
        if self.first_update_atypical(steps):
            values = values[1:]
        finite = values[np.isfinite(values)]
        return float(np.median(finite)) if len(finite) else None

    # -- activations -------------------------------------------------------------------

    @measured
    def relu_death(self):
        """When the ReLU layers died, and how big the updates were until then.

        None without activation statistics, else a dict: `from_start` (already mostly dead
        at the first diagnostic step, before training could have done it), `onset` (the
        first diagnostic step where a ReLU layer is mostly dead, None if none is), `before`
        (worst zero fraction before the onset), `peak_update` (largest per-step median
        update/weight ratio at or before the onset, an atypical first update left out when
        later ones precede it; None when not logged).
        """
        s = self.series(M.ACTIVATION)
        if s is None or s.values.ndim != 3 or not s.columns or "zero_fraction" not in s.columns:
            return None
        names, acts = self.layer_activations()
        relu = [i for i, a in enumerate(acts) if a and a.startswith("relu")]
        if not relu:
            return None
        zero = s.values[:, relu, s.columns.index("zero_fraction")]
        with np.errstate(all="ignore"):
            worst = np.nanmax(np.where(np.isfinite(zero), zero, -1.0), axis=1)
        dead = np.flatnonzero(worst >= T.DEAD_FRACTION[0])
        out = {"from_start": bool(len(worst) and worst[0] >= T.DEAD_FRACTION[0]),
               "onset": int(s.steps[dead[0]]) if len(dead) else None,
               "before": float(worst[: dead[0]].max()) if len(dead) and dead[0] > 0 else None,
               "peak_update": None}
        u = self.series(M.UPDATE_RATIO)
        if out["onset"] is not None and u is not None and u.values.ndim == 2:
            upto = int(np.searchsorted(u.steps, out["onset"], side="right"))
            # An atypical first update (first_update_atypical) is left out when later ones
            # precede the deaths (units dead by the next diagnostic after it may well be its
            # doing).
            before = int(np.searchsorted(u.steps, out["onset"], side="left"))
            v = u.values[1:upto] if before >= 2 and self.first_update_atypical(u.steps) \
                else u.values[:upto]
            v = v[np.all(np.isfinite(v), axis=1)] if len(v) else v
            if len(v):
                out["peak_update"] = float(np.max(np.median(v, axis=1)))
        return out

    def _sized_beside_norms(self, signal):
        """(the layer names of the per-layer `signal`, each one's parameter count as a float
        array) when `signal` and the weight norms are both logged per layer, for the same
        number of layers, and some layer's count is known; else None."""
        s, w = self.series(signal), self.series(M.WEIGHT_NORM)
        if s is None or w is None or s.values.ndim != 2 or w.values.ndim != 2 or \
                s.values.shape[1] != w.values.shape[1]:
            return None
        params = {l.get("name"): l.get("params") for l in self.layers()}
        names = self.names(signal)
        sizes = np.array([params.get(n) or 0 for n in names], dtype=np.float64)
        if len(sizes) != s.values.shape[1] or not np.any(sizes > 0):
            return None
        return names, sizes

    @measured
    def steps_beyond_optimizer(self):
        """(layer, the first diagnostic step beyond, how many times larger (the median over
        the diagnostics beyond)) for a layer whose updates stayed far beyond what its
        optimizer steps, or None (also for optimizers without such a bound).

        Adam and its kin (AdamW, Adamax, Lion, Adagrad, RMSprop without momentum) move each
        weight by about the learning rate per step once their moment estimates have settled
        (Adam's |m| / sqrt(v) is at most ~1 for any steady gradient); a gradient surge after
        a quiet stretch can briefly make it several times that (~7 at Keras's betas), never
        for long. A layer whose update is STEP_BOUND_FACTOR or more times lr x sqrt(its
        weights) at most of the diagnostics up to the interval's end (at least
        STEP_BOUND_REPEATS; the first update left out: RMSprop's first step is 1 /
        sqrt(1 - rho) times the rate, a constraint projects the initial weights once) is
        moved by something else each step: a kernel constraint, a callback or an assignment
        in the loop. Its update's size then says nothing about the learning rate. The move
        is taken from the weights before the update (their norm after it, over 1 + the
        ratio, at most)."""
        name = self.optimizer() or ""
        if not name.startswith(T.STEP_BOUNDED_OPTIMIZERS):
            return None
        config = self.optimizer_config()
        if name.startswith("rmsprop") and (config.get("momentum") or config.get("centered")):
            return None
        u, w = self.series(M.UPDATE_RATIO), self.series(M.WEIGHT_NORM)
        sized = self._sized_beside_norms(M.UPDATE_RATIO)
        if sized is None:
            return None
        names, sizes = sized
        rows = []
        for i, step in enumerate(u.steps[1:], start=1):
            if step > self.end:
                break
            j = int(np.searchsorted(w.steps, step))
            lr = self.learning_rate_at(step)
            if j >= len(w.steps) or w.steps[j] != step or lr is None:
                continue
            with np.errstate(all="ignore"):
                ratio = u.values[i]
                moved = ratio * w.values[j] / (1.0 + ratio)
                times = moved / (lr * np.sqrt(sizes))
            rows.append((int(step), np.where(np.isfinite(times) & (sizes > 0), times, 0.0)))
        if len(rows) < T.STEP_BOUND_REPEATS:
            return None
        times = np.array([t for _, t in rows])
        beyond = times >= T.STEP_BOUND_FACTOR
        count = beyond.sum(axis=0)
        k = int(np.argmax(count))
        if count[k] < max(T.STEP_BOUND_REPEATS, (len(rows) + 1) // 2):
            return None
        first = int(np.flatnonzero(beyond[:, k])[0])
        return names[k], rows[first][0], float(np.median(times[beyond[:, k], k]))

    @measured
    def weights_shifted_alike(self):
        """(strength 0..1, [layers], the first one's mean weight now) when the trainable
        layers' weights moved, by the interval's end, to nearly one common value each
        (SHIFTED_ALIKE: their mean makes most of their norm) from a spread start
        (SHIFTED_ALIKE_START at the first logged step): something shifts every weight alike,
        which gradient steps do not. Needs at least half the layers holding weights to show
        it (of INIT_STARTED_MIN_WEIGHTS or more weights each). Else None."""
        m, w = self.series(M.WEIGHT_MEAN), self.series(M.WEIGHT_NORM)
        sized = self._sized_beside_norms(M.WEIGHT_MEAN)
        if sized is None or len(m.steps) < 2:
            return None
        names, sizes = sized
        last = int(np.searchsorted(m.steps, self.end, side="right")) - 1
        if last < 1:
            return None

        def share(i):
            j = int(np.searchsorted(w.steps, m.steps[i]))
            if j >= len(w.steps) or w.steps[j] != m.steps[i]:
                return None
            with np.errstate(all="ignore"):
                out = np.abs(m.values[i]) * np.sqrt(sizes) / w.values[j]
            return np.where(np.isfinite(out) & (sizes > 0), out, np.nan)

        start, now = share(0), share(last)
        if start is None or now is None:
            return None
        # (A layer of a few weights can have them nearly equal by chance.)
        held = sizes >= T.INIT_STARTED_MIN_WEIGHTS
        alike = held & (now >= T.SHIFTED_ALIKE[0]) & (start <= T.SHIFTED_ALIKE_START)
        if not alike.any() or alike.sum() * 2 < held.sum():
            return None
        strength = float(np.median([ramp(float(v), *T.SHIFTED_ALIKE) for v in now[alike]]))
        if strength <= 0:
            return None
        first = int(np.flatnonzero(alike)[0])
        return strength, [names[i] for i in np.flatnonzero(alike)], float(m.values[last][first])

    @measured
    def killed_by_large_steps(self):
        """(how strongly (0..1) the ReLU units died *because of* oversized updates: alive at
        the start, dead after update/weight ratios far above healthy; relu_death())."""
        death = self.relu_death()
        if not death or death["from_start"] or death["onset"] is None:
            return 0.0, death
        # The updates that killed them may fall between two diagnostics (a schedule that
        # sets the rate to 1 for an epoch): the highest rate in force from the last
        # diagnostic with the units alive to the first with them dead, on its optimizer's
        # band, speaks for the steps the diagnostics did not see.
        between = self.highest_rate_before_death(death["onset"])
        high = ramp(between * self.step_scale()[0], *self.learning_rate_bands()[0]) \
            if between else 0.0
        if death["peak_update"] is None and not high > 0:
            return 0.0, death
        # The units died under a learning rate that has since been cut (a schedule's drop,
        # ReduceLROnPlateau): the large steps are over, and the dead units left from them
        # say nothing about the rate of this interval.
        then = max(self.learning_rate_at(death["onset"]) or 0.0, between or 0.0)
        now = self.learning_rate()
        if then and now and now <= then / T.LR_CHANGE_FACTOR:
            return 0.0, death
        updates = ramp(death["peak_update"], T.UPDATE_RATIO_HIGH_WEAK,
                       T.UPDATE_RATIO_HIGH_STRONG) if death["peak_update"] is not None else 0.0
        # Under FTRL or LAMB large ratios are the optimizer's design: at a rate that is not
        # high for it, they are no oversized steps (a rate high for it still is).
        if self.per_coordinate_rates() and self.learning_rate_band()[0] == 0:
            updates = 0.0
        # Updates larger than the optimizer can make at its rate: something else moved the
        # weights (steps_beyond_optimizer), not the learning rate.
        if self.steps_beyond_optimizer() is not None:
            updates = 0.0
        # `rate`: the rate, when it rather than the logged updates says the steps were large.
        return max(updates, high), dict(death, rate=between if high > updates else None)

    @staticmethod
    def large_steps_text(death):
        """What killed_by_large_steps' `death` says made the steps large, for evidence."""
        if death.get("rate") is not None:
            return ("under a learning rate of up to %s, high for the optimizer (the steps "
                    "between diagnostics were not logged)" % _number(death["rate"]))
        return ("after updates of %s x the weights per step (healthy ~1e-3)"
                % _number(death["peak_update"]))

    def highest_rate_before_death(self, onset):
        """The largest learning rate in force from the last activation diagnostic before
        `onset` up to it (the rate logged at or before that diagnostic included), or None
        without a logged learning rate."""
        a, s = self.series(M.ACTIVATION), self.series(M.LEARNING_RATE)
        if a is None or s is None or s.values.ndim != 1 or not len(s.steps):
            return None
        i = int(np.searchsorted(a.steps, onset, side="left"))
        alive = a.steps[i - 1] if i > 0 else s.steps[0] - 1
        inside = list(s.values[(s.steps > alive) & (s.steps <= onset)])
        at_alive = self.learning_rate_at(alive)
        if at_alive is not None:
            inside.append(at_alive)
        inside = [float(v) for v in inside if np.isfinite(v)]
        return max(inside) if inside else None

    def learning_rate_at(self, step):
        """The logged learning rate in force at `step` (the last value at or before it), or
        None without a logged learning rate."""
        s = self.series(M.LEARNING_RATE)
        if s is None or s.values.ndim != 1 or len(s.steps) == 0:
            return None
        i = int(np.searchsorted(s.steps, step, side="right")) - 1
        if i < 0:
            return None
        value = float(s.values[i])
        return value if np.isfinite(value) and value > 0 else None

    @measured
    def saturated_shares(self):
        """The saturated_fraction column around the interval (per tapped layer), or None. A
        hand-written activation's share (outputs piled at the layer's extremes: its bounds
        are unknown) says the units are stuck only in a model that learned little whose loss
        is no longer falling: a sign trained through a straight-through estimator, or a
        fake-quantiser, outputs nothing but its levels and learns. Elsewhere it reads NaN,
        as for an activation without a saturated share."""
        sat = self.column(M.ACTIVATION, "saturated_fraction", "around")
        return None if sat is None else self._hand_written_read(sat)

    def _hand_written_read(self, shares):
        """Per-layer saturated shares as a float array, a hand-written activation's NaN
        unless the model learned little and its loss stopped falling (saturated_shares)."""
        shares = np.array(shares, dtype=np.float64)
        _, acts = self.layer_activations()
        if any(hand_written(a) for a in acts) and \
                not (self.learned_little() and not self.loss_still_falling()):
            for i, a in enumerate(acts[:len(shares)]):
                if hand_written(a):
                    shares[i] = np.nan
        return shares

    @measured
    def hidden_saturation(self):
        """Largest saturated fraction of any hidden layer around the interval, or None."""
        sat = self.saturated_shares()
        if sat is None or len(sat) <= 1:
            return None
        hidden = sat[:-1][np.isfinite(sat[:-1])]
        return float(hidden.max()) if len(hidden) else None

    def output_pinned(self):
        """(output layer name, its activation, saturated share, largest relative gradient,
        the scale of a Rescaling just before it or None) when the output's squashing
        activation (sigmoid, softmax) is saturated for SATURATED_FRACTION's strong share of
        the probe or more, under a loss that does not undo the squash (not a cross-entropy,
        whose log gives a saturated wrong output a full gradient), in a model that learned
        little, and no layer's gradient is above RELATIVE_GRAD_TINY's strong end of its
        weights: the outputs sit on the flat ends and nothing flows back. A healthy
        classifier's outputs saturate too, but on the right class, at a low loss."""
        sat = self.saturated_shares()
        names, acts = self.layer_activations()
        if sat is None or not len(sat) or not names or len(names) != len(sat) or \
                acts[-1] not in ("sigmoid", "softmax") or self.loss_kind in ("ce", "bce") or \
                not np.isfinite(sat[-1]) or sat[-1] < T.SATURATED_FRACTION[1] or \
                not self.learned_little():
            return None
        if acts[-1] == "softmax" and self.output_units() == 1:
            return None  # always 1.0: loss_activation_mismatch's story, not a saturation
        prof = self.grad_profile()
        if prof is None or prof["relative"] is None:
            return None
        rel = prof["relative"][np.isfinite(prof["relative"])]
        if not len(rel) or float(rel.max()) > T.RELATIVE_GRAD_TINY[1]:
            return None
        layers = self.layers()
        if not layers or layers[-1].get("name") != names[-1]:
            return None  # the last tapped layer is not the model's output
        before = layers[-2] if len(layers) > 1 else {}
        value = (before.get("settings") or {}).get("scale") \
            if before.get("class") == "Rescaling" else None
        scale = float(value) if isinstance(value, (int, float)) else None
        return names[-1], acts[-1], float(sat[-1]), float(rel.max()), scale

    def bias_shift(self, name):
        """The constant layer `name`'s biases start at (bias_initializer=Constant(v)), when it
        is further from zero than STANDARD_SHIFT, else None."""
        for layer in self.layers():
            if layer.get("name") != name:
                continue
            init = layer.get("bias_initializer") or {}
            cls = str(init.get("class") or "").lower()
            value = (init.get("config") or {}).get("value")
            if cls == "constant" and isinstance(value, (int, float)) and \
                    abs(value) > T.STANDARD_SHIFT:
                return value
        return None

    @measured
    def init_pinned_the_units(self):
        """{"strength": 0..1, "layer": the saturated layer, "kernels": (the first such
        kernel's layer, initializer class, (mean, spread)) or None, "bias": the constant
        its biases start at or None, "wide": (layer, initializer class, spread, gain) of a
        draw centred on zero but far too wide, or None, "scale": (normalization layer, the
        constant its gamma starts at) or None} when hidden
        sigmoid/tanh units are saturated (SATURATED_FRACTION, around the interval) and the
        starting point the user chose put them there: hidden kernels drawn at random around
        a mean far from their spread (constant_initialized_layers with moments:
        RandomUniform(0, 1), RandomNormal(mean=0.5)), none started exactly constant, or the
        saturated layer's biases starting at a large constant (bias_shift). Such units are
        alike because each sits at the same flat end, not because their weights are (exact
        constants make copies whatever the activation: poor_initialization's story); or the
        saturated layer, saturated at the first logged step already, beside a hidden kernel
        drawn around zero at a gain INIT_GAIN_SATURATING above He/Glorot (kernel_gains), the
        strength scaled by that ramp: each unit sits at one flat end or the other; or, so
        saturated from the start, behind a normalization layer whose scale starts at a
        constant NORM_SCALE_SATURATING (gamma_initializer=Constant(8)): its outputs spread
        over +-8 whatever its inputs, past the slope. Else None."""
        sat = self.saturated_shares()
        names, acts = self.layer_activations()
        if sat is None or len(sat) <= 1:
            return None
        hidden = [(float(sat[i]), names[i]) for i in range(min(len(sat), len(names)) - 1)
                  if np.isfinite(sat[i]) and acts[i] in T.SQUASHING_ACTIVATIONS]
        if not hidden:
            return None
        share, name = max(hidden)
        strength = ramp(share, *T.SATURATED_FRACTION)
        if strength <= 0:
            return None
        const = self.constant_initialized_layers()
        shift = self.bias_shift(name)
        if const and all(moments is not None for _, _, moments in const):
            return {"strength": strength, "layer": name, "kernels": const[0], "bias": None,
                    "wide": None, "scale": None}
        if not const and shift is not None:
            return {"strength": strength, "layer": name, "kernels": None, "bias": shift,
                    "wide": None, "scale": None}
        # A draw centred on zero but far too wide (RandomNormal(stddev=10) on a sigmoid
        # layer: gain INIT_GAIN_HIGH over He/Glorot) puts each unit at one flat end or the
        # other from the first step: the saturated layer must have been saturated there.
        at_start = self.first_step_hidden_by_layer("saturated_fraction")
        if not const and np.isfinite(at_start.get(name, np.nan)) and \
                at_start[name] >= T.SATURATED_FRACTION[0]:
            wide = [(g[0], g[1], g[2], g[4]) for g in self.kernel_gains()
                    if g[3] is not None and g[2] is not None and abs(g[3]) <= g[2] and
                    ramp(g[4], *T.INIT_GAIN_SATURATING) > 0]
            if wide:
                widest = max(wide, key=lambda w: w[3])
                return {"strength": strength * ramp(widest[3], *T.INIT_GAIN_SATURATING),
                        "layer": name, "kernels": None, "bias": None, "wide": widest,
                        "scale": None}
            scale = self.normalization_scale_before(name)
            if scale is not None and ramp(scale[1], *T.NORM_SCALE_SATURATING) > 0:
                return {"strength": strength * ramp(scale[1], *T.NORM_SCALE_SATURATING),
                        "layer": name, "kernels": None, "bias": None, "wide": None,
                        "scale": scale}
        return None

    def normalization_scale_before(self, name):
        """(layer, constant) of the normalization layer nearest before layer `name` with no
        squashing activation between them, when its gamma_initializer starts every scale at
        a constant; else None."""
        found = None
        for layer in self.layers():
            if layer.get("name") == name:
                return found
            cls = str(layer.get("class") or "")
            act = str(layer.get("activation") or "").lower()
            if cls.endswith("Normalization") and layer.get("gamma_initializer"):
                value = initializer_start(layer.get("gamma_initializer"), random_mean=False)
                found = (layer.get("name"), value) if value is not None else None
            elif act in T.SQUASHING_ACTIVATIONS:
                found = None
        return None

    @measured
    def recurrence_saturated(self):
        """{"strength": 0..1, "layer", "share": its saturated share around the interval,
        "gain": its recurrent kernel's starting gain or None, "grew": whether the saturation
        set in during training} for the most saturated recurrent layer with a bounded
        activation (a tanh SimpleRNN, LSTM or GRU; SATURATED_FRACTION) whose own recurrence
        pinned it: its recurrent kernel started above gain 1 (recurrent_gain, RECURRENT_GAIN:
        the state is multiplied by the gain at every step until its tanh holds it at +-1),
        or it was below SATURATED_FRACTION's lower end at the first logged step and got
        there under a plain gradient step without clipping at a rate that is not high for it
        (RECURRENT_SATURATION_GREW: large steps on the batches whose gradient through time
        grew pushed the recurrent weights past gain 1). The saturation is then the exploding
        recurrence's symptom. The saturation that grew counts only in a model that learned
        little; a gain stated in the configuration counts at any level, a good one included
        (the saturation that makes such a run a problem is its recurrence's doing there as
        anywhere). Else None."""
        sat = self.saturated_shares()
        if sat is None:
            return None
        share_of = dict(zip(self.names(M.ACTIVATION), np.atleast_1d(sat)))
        first_of = self.first_step_hidden_by_layer("saturated_fraction")
        unclipped = not self.clips_gradients()
        plain = self.adaptive() is False and self.learning_rate_band()[0] == 0
        best = None
        for layer in self.layers():
            cls = str(layer.get("class") or "")
            act = str(layer.get("activation") or "").lower()
            share = share_of.get(layer.get("name"))
            if not cls.startswith(T.RECURRENT_CLASSES) or \
                    act not in T.SQUASHING_ACTIVATIONS or share is None or \
                    not np.isfinite(share):
                continue
            pinned = ramp(float(share), *T.SATURATED_FRACTION)
            gain = recurrent_gain(layer)
            by_gain = ramp(gain, *T.RECURRENT_GAIN) if gain is not None else 0.0
            start = first_of.get(layer.get("name"))
            grew = start is not None and np.isfinite(start) and \
                start < T.SATURATED_FRACTION[0] and unclipped and plain and \
                self.learned_little()
            strength = pinned * max(by_gain, T.RECURRENT_SATURATION_GREW if grew else 0.0)
            if strength > 0 and (best is None or strength > best["strength"]):
                best = {"strength": strength, "layer": layer.get("name"),
                        "share": float(share), "gain": gain if by_gain > 0 else None,
                        "grew": bool(grew and by_gain == 0)}
        return best

    def recurrent_column(self, layer, signal):
        """The index of the recurrent `layer`'s column in a per-layer weight signal, or None.
        Its variables are grouped under its cell ('gru/gru_cell', shortened to 'gru_cell'
        when that is unambiguous): the column named after the layer or a path through it,
        else the one cell column when the model has one recurrent layer."""
        names = self.names(signal)
        name = str(layer.get("name") or "")
        for i, column in enumerate(names):
            if column == name or ("/%s/" % name) in ("/%s/" % column):
                return i
        recurrent = [l for l in self.layers()
                     if str(l.get("class") or "").startswith(T.RECURRENT_CLASSES)]
        cells = [i for i, column in enumerate(names)
                 if re.search(r"(^|/)(simple_rnn|lstm|gru|conv_lstm\d?d?)_cell(_\d+)?$", column)]
        return cells[0] if len(recurrent) == 1 and len(cells) == 1 else None

    @measured
    def recurrence_weights_grew(self):
        """{"layer", "timesteps", "how": the sign in words, "growth": its weight norm at its
        largest up to the interval's end over its first logged one, "update": its median
        update/weight ratio inside the interval, "strength": 0..1} for the recurrent layer
        with the strongest
        sign, when its weights grew by RECURRENT_WEIGHT_GROWTH's lower end or more, or
        stepped RECURRENT_STEP_LARGE's lower end or more per step without shrinking, under a
        plain gradient step (SGD, with or without momentum) without gradient clipping, at a
        rate that is not high for it, in a model that learned nothing, on inputs that are
        not unnormalized (they make every gradient large); else None.

        A plain step is as large as its gradient. Recurrent weights that doubled, or moved
        a percent of their norm per step, at a normal rate while the loss stayed at the
        constant level took steps on batches whose gradient through time grew with the
        sequence (what a recipe's clipnorm holds): neither a vanishing gradient (it would
        leave them where they started) nor a rate too high (the rate is normal for the
        optimizer) moves them that far."""
        if self.adaptive() is not False or self.learning_rate_band()[0] > 0 or \
                self.clips_gradients() or not self.learned_nothing():
            return None
        # Large inputs make every gradient large at any step size (unnormalized_inputs).
        if self.unnormalized_input_strength() >= 0.5:
            return None
        s = self.series(M.WEIGHT_NORM)
        if s is None or s.values.ndim != 2 or len(s.steps) < 3:
            return None
        upto = int(np.searchsorted(s.steps, self.end, side="right"))
        ratios = self.median(M.UPDATE_RATIO)
        best = None
        for layer in self.layers():
            shape = layer.get("input_shape")
            if not str(layer.get("class") or "").startswith(T.RECURRENT_CLASSES) or \
                    not (isinstance(shape, list) and len(shape) == 3 and
                         isinstance(shape[1], int)):
                continue
            i = self.recurrent_column(layer, M.WEIGHT_NORM)
            if i is None or i >= s.values.shape[1] or upto < 3:
                continue
            norms = s.values[:upto, i].astype(float)
            norms = norms[np.isfinite(norms)]
            if len(norms) < 3 or not norms[0] > 0:
                continue
            growth = float(np.max(norms) / norms[0])
            j = self.recurrent_column(layer, M.UPDATE_RATIO)
            update = float(np.atleast_1d(ratios)[j]) if ratios is not None and \
                j is not None and j < np.size(ratios) else None
            # Steps that large count where the weights did not shrink (a decay pulling them
            # toward zero makes any step large next to them).
            large = ramp(update, *T.RECURRENT_STEP_LARGE) if update is not None and \
                math.isfinite(update) and norms[-1] >= norms[0] else 0.0
            grown = ramp(growth, *T.RECURRENT_WEIGHT_GROWTH)
            strength = max(grown, large)
            if strength > 0 and (best is None or strength > best["strength"]):
                best = {"layer": layer.get("name"), "timesteps": shape[1], "growth": growth,
                        "update": update, "strength": strength,
                        "how": "its weights grew %.3g x" % growth if grown >= large
                        else "its weights moved %.3g of their norm per step (healthy ~1e-3)"
                        % update}
        return best

    @measured
    def blocked_gradient(self):
        """(share, layer name, mean, std) for the hidden tanh or sigmoid layer whose outputs
        block the largest share of the gradient on average, around the interval, or None
        (blocked_shares)."""
        worst = None
        for name, (share, m, sd) in self.blocked_shares().items():
            if worst is None or share > worst[0]:
                worst = (share, name, m, sd)
        return worst

    @measured
    def blocked_shares(self):
        """{layer name: (share, mean, std)} for each hidden tanh or sigmoid layer: the share of
        the gradient its outputs block on average, around the interval. (Not hard_tanh or
        hard_sigmoid: their slope is the same anywhere inside their range, so near the ends
        is not flat.)

        The mean derivative follows from the outputs' mean and spread (both over every
        value the layer put out): tanh' = 1 - h^2, so E[tanh'] = 1 - (mean^2 + std^2);
        sigmoid' = s(1 - s), so E[sigmoid'] = mean - (mean^2 + std^2), out of at most 1/4.
        The share blocked is one minus the mean derivative over its peak. Outputs close to
        the flat ends without crossing the saturated-fraction cut (an LSTM whose gates and
        cell input sit at ~0.97 for every input) block the gradient all the same.
        """
        mean = self.column(M.ACTIVATION, "mean", "around")
        std = self.column(M.ACTIVATION, "std", "around")
        names, acts = self.layer_activations()
        if mean is None or std is None or len(mean) <= 1:
            return {}
        out = {}
        for i in range(len(mean) - 1):
            m, sd, act = float(mean[i]), float(std[i]), acts[i] if i < len(acts) else None
            if not (math.isfinite(m) and math.isfinite(sd)) or i >= len(names):
                continue
            second = m * m + sd * sd
            if act == "tanh":
                share = min(1.0, second)
            elif act == "sigmoid":
                share = 1.0 - 4.0 * max(0.0, m - second)
            else:
                continue
            out.setdefault(names[i], (share, m, sd))
        return out

    # -- inputs and initialisation -----------------------------------------------------

    def input_columns(self, *names):
        """The inputs' statistics `names` (INPUT_COLUMNS: "mean", "std", "min", "max"), each
        an array over features (medians around the interval), or None when not logged."""
        med = self.median(M.INPUTS, "around")
        s = self.series(M.INPUTS)
        if med is None or s is None or np.ndim(med) != 2:
            return None
        cols = list(s.columns or M.INPUT_COLUMNS)
        if any(name not in cols for name in names):
            return None
        return [med[:, cols.index(name)] for name in names]

    @measured
    def input_noise(self):
        """(layer name, stddev, the inputs' typical std) for a GaussianNoise layer among the
        model's first ones, or None: the noise it adds next to the spread of what it adds
        it to (the median feature std of the inputs)."""
        columns = self.input_columns("std")
        if columns is None:
            return None
        std = columns[0][np.isfinite(columns[0]) & (columns[0] > 0)]
        if not len(std):
            return None
        for layer in self.first_layers():
            noise = layer.get("stddev")
            if str(layer.get("class", "")).lower() == "gaussiannoise" and \
                    isinstance(noise, (int, float)) and noise > 0:
                return layer.get("name"), float(noise), float(np.median(std))
        return None

    def training_examples(self):
        """Examples in an epoch (steps per epoch x batch size, as the config records them),
        or None when either is unknown."""
        steps, batch = self.config.get("steps_per_epoch"), self.config.get("batch_size")
        if isinstance(steps, int) and isinstance(batch, int) and steps > 0 and batch > 0:
            return steps * batch
        return None

    @measured
    def input_layers(self):
        """The model's InputLayer entries (a Sequential model lists none)."""
        return [l for l in self.layers()
                if str(l.get("class", "")).lower() in ("inputlayer", "input")]

    def first_layers(self):
        """The layers that first see the inputs: the first three after the input layers, or
        as many as the model has inputs when it has more (a two-tower or a wide-and-deep
        model lists its inputs first, then a layer for each)."""
        inputs = self.input_layers()
        rest = [l for l in self.layers() if l not in inputs]
        return rest[:max(3, len(inputs))]

    @measured
    def inputs_are_ids(self):
        """True when the model's first layers consume integer ids or categories (Embedding,
        lookups, category encoding): then the inputs' magnitude is an index, not a scale."""
        for layer in self.first_layers():
            cls = str(layer.get("class", "")).lower()
            if any(cls.startswith(n) for n in T.ID_CONSUMING_LAYERS):
                return True
        return False

    def _input_owners(self, keys, inputs):
        """{feature prefix: InputLayer name} for the prefixes a model with several inputs
        logs its features under (a list's positions, a dict's keys), or None when they
        cannot all be told: by the inputs' names, by the order of the model's inputs when
        recorded (`graph_inputs`), else by each input's feature count when no two share one."""
        names = [l.get("name") for l in inputs]
        if set(keys) == set(names):
            return {k: k for k in keys}
        order = self.config.get("graph_inputs") if isinstance(self.config, dict) else None
        if isinstance(order, list) and len(order) == len(keys) and set(order) == set(names) \
                and keys == [str(i) for i in range(len(keys))]:
            return dict(zip(keys, order))
        counts = {}
        for layer in inputs:
            # The recorder logs a feature per channel (the last axis), a lone one for [B].
            shape = layer.get("output_shape")
            if not isinstance(shape, list) or not shape:
                return None
            count = shape[-1] if len(shape) >= 2 else 1
            if not isinstance(count, int):
                return None
            counts.setdefault(count, []).append(layer.get("name"))
        logged = {k: sum(1 for n in self.names(M.INPUTS) if n.rsplit(":", 1)[0] == k)
                  for k in keys}
        owners = {}
        for key, count in logged.items():
            match = counts.get(count, [])
            if len(match) != 1 or list(logged.values()).count(count) != 1:
                return None
            owners[key] = match[0]
        return owners

    @measured
    def id_features(self):
        """A boolean array over the logged input features, True for those of a model input
        that feeds an id-consuming layer (Embedding, lookups), directly or through operations
        without weights (Reshape, Flatten, a cast), when the model has several inputs and
        every feature can be attributed to its own (its features are logged
        '<input>:<index>'; the functional graph says what each input feeds), else None."""
        names = self.names(M.INPUTS)
        inputs = self.input_layers()
        graph = self.functional_graph()
        if len(inputs) < 2 or not names or graph is None or \
                any(":" not in n for n in names):
            return None
        parts = [n.rsplit(":", 1)[0] for n in names]
        owners = self._input_owners(list(dict.fromkeys(parts)), inputs)
        if owners is None:
            return None
        layers = {l.get("name"): l for l in self.layers()}
        sources = set(owners.values())
        feeding = set()
        for op, parents in graph.items():
            cls = str((layers.get(op) or {}).get("class", "")).lower()
            if not any(cls.startswith(n) for n in T.ID_CONSUMING_LAYERS):
                continue
            # Back through what holds no weights (a Reshape, a Flatten, a cast) to the
            # inputs the ids come from; an id layer fed by none of them (behind a layer
            # with weights, or the graph cut) leaves the features unattributed.
            seen, reached = set(), set()
            todo = list(parents) if isinstance(parents, list) else []
            while todo:
                name = todo.pop()
                if name in seen:
                    continue
                seen.add(name)
                if name in sources:
                    reached.add(name)
                elif isinstance(graph.get(name), list) and \
                        not (layers.get(name) or {}).get("params"):
                    todo.extend(graph[name])
            if not reached:
                return None
            feeding.update(reached)
        return np.array([owners[p] in feeding for p in parts])

    def _numeric_columns(self, *names):
        """input_columns(*names) with the features of inputs that are ids (feeding an
        Embedding/lookup: indices, not scales) set to NaN, or None when the inputs are ids
        and their features cannot be told from the others'. A Normalization layer among the
        first ones says numbers meant to be standardised come in too (a wide-and-deep model
        takes both): then every feature is judged."""
        columns = self.input_columns(*names)
        if columns is None or not self.inputs_are_ids() or self.unadapted_normalization():
            return columns
        ids = self.id_features()
        if ids is None or ids.all() or len(ids) != len(columns[0]):
            return None
        return [np.where(ids, np.nan, c) for c in columns]

    @measured
    def input_scale(self):
        """(largest feature magnitude, largest/smallest feature std, name of the largest),
        or None when unknown or when the inputs are ids feeding an Embedding/lookup layer
        (of a model with several inputs, the other inputs' features are judged)."""
        columns = self._numeric_columns("mean", "std", "min", "max")
        if columns is None:
            return None
        mean, std, lo, hi = columns
        magnitude = np.nanmax(np.stack([np.abs(lo), np.abs(hi), np.abs(mean), std]), axis=0)
        if not np.any(np.isfinite(magnitude)):
            return None
        i = int(np.nanargmax(magnitude))
        positive = std[np.isfinite(std) & (std > 0)]
        spread = float(positive.max() / positive.min()) if len(positive) > 1 else 1.0
        names = self.names(M.INPUTS)
        return float(magnitude[i]), spread, names[i] if names else None

    @measured
    def input_offset(self):
        """(mean, std, name) of the input feature whose mean lies furthest off zero in units
        of its own spread, when that mean is at least INPUT_OFFSET_MIN (a feature centred at
        its mean is standardised; ids feeding a lookup have no scale), else None."""
        columns = self._numeric_columns("mean", "std")
        if columns is None:
            return None
        mean, std = columns
        ok = np.isfinite(mean) & np.isfinite(std) & (std > 0) & \
            (np.abs(mean) >= T.INPUT_OFFSET_MIN)
        if not np.any(ok):
            return None
        with np.errstate(all="ignore"):
            ratio = np.where(ok, np.abs(mean) / np.where(std > 0, std, 1.0), -1.0)
        i = int(np.argmax(ratio))
        names = self.names(M.INPUTS)
        return float(mean[i]), float(std[i]), names[i] if names else None

    @measured
    def model_normalizes_inputs(self):
        """True when the model's first layers standardise its inputs: one such layer per
        input (with several inputs one input's scaler says nothing of another's features);
        a Normalization layer that was never adapted (recorded as `identity`) does not
        count, nor does one set with invert=True (it maps standardised values back), one
        adapted on other data (`misadapted_normalization`), nor a Rescaling layer that
        leaves them large (`rescaled_inputs`)."""
        rescaled = self.rescaled_inputs()
        misadapted = self.misadapted_normalization()
        count = 0
        for layer in self.layers_on_inputs():
            cls = str(layer.get("class", "")).lower()
            if rescaled is not None and layer.get("name") == rescaled[0]:
                continue
            settings = layer.get("settings") if isinstance(layer.get("settings"), dict) else {}
            if settings.get("invert") is True:
                continue
            if misadapted is not None and layer.get("name") == misadapted[0]:
                continue
            if any(cls.startswith(n) for n in NORMALIZING_LAYERS) and \
                    layer.get("identity") is not True:
                count += 1
        return count >= self.input_count()

    @measured
    def layers_on_inputs(self):
        """The first layers (`first_layers`) that act on the inputs themselves: those up to
        the first layer holding weights, and after it only those whose input is shaped like
        one of the model's inputs (a second input's own scaler, listed after the first
        input's layer). Behind a layer holding weights a Rescaling or a normalization acts
        on what that layer computed (a temperature on logits), not on the inputs."""
        inputs = [l.get("output_shape") for l in self.input_layers()]
        out, learned = [], False
        for layer in self.first_layers():
            if not learned or layer.get("input_shape") in inputs:
                out.append(layer)
            if (layer.get("params") or 0) > 0:
                learned = True
        return out

    @measured
    def input_count(self):
        """How many inputs the model takes: its InputLayers (a Sequential model lists none:
        one)."""
        return max(1, len(self.input_layers()))

    @measured
    def input_rescaling(self):
        """(layer name, its largest scale, the inputs' magnitude after it) for the first
        Rescaling layer acting on the inputs (`layers_on_inputs`), else None. In a model with
        several inputs only one that enlarges them (scale 1 or more) counts, its magnitude
        after it an upper bound: the largest feature logged may be another input's, so a
        scale under 1 says nothing of the size the model sees."""
        scale = self.input_scale()
        if scale is None or not np.isfinite(scale[0]):
            return None
        several = self.input_count() > 1
        for layer in self.layers_on_inputs():
            settings = layer.get("settings")
            if not str(layer.get("class", "")).lower().startswith("rescaling") or \
                    not isinstance(settings, dict):
                continue
            factor, offset = settings.get("scale"), settings.get("offset", 0.0)
            factors = factor if isinstance(factor, list) else [factor]
            offsets = offset if isinstance(offset, list) else [offset]
            if not factors or not all(isinstance(v, (int, float)) for v in factors + offsets):
                return None
            largest = max(abs(v) for v in factors)
            if several and largest < 1:
                continue
            return layer.get("name"), largest, largest * scale[0] + max(abs(v) for v in offsets)
        return None

    @measured
    def rescaled_inputs(self):
        """`input_rescaling` when it leaves the inputs at INPUT_SCALE or more (a scale of
        255 typed for 1/255), else None."""
        rescaling = self.input_rescaling()
        if rescaling is not None and rescaling[2] >= T.INPUT_SCALE[0]:
            return rescaling
        return None

    @measured
    def folded_categories(self):
        """(layer name, bins, ids) for a Hashing layer (num_bins) or an IntegerLookup /
        StringLookup capped by max_tokens among the model's layers whose bins are
        IDS_PER_BIN or more times fewer than the ids of the largest non-negative input
        feature (its max + 1), else None."""
        columns = self.input_columns("min", "max")
        if columns is None:
            return None
        low, high = columns
        ids = [h + 1 for lo, h in zip(low, high) if np.isfinite(lo) and np.isfinite(h)
               and lo >= 0 and h >= 1]
        if not ids:
            return None
        largest = int(max(ids))
        for layer in self.layers():
            cls = str(layer.get("class") or "").lower()
            settings = layer.get("settings") if isinstance(layer.get("settings"), dict) else {}
            bins = settings.get("num_bins") if cls == "hashing" else \
                settings.get("max_tokens") if cls in ("integerlookup", "stringlookup") else None
            if isinstance(bins, int) and bins > 0 and largest >= T.IDS_PER_BIN * bins:
                return layer.get("name"), bins, largest
        return None

    @measured
    def weight_constraint(self):
        """(how strongly (0..1, the MAX_NORM_VALUE ramp) a weight constraint holds the
        weights small, the tightest (max_value, layer, constraint class) or None): the
        MaxNorm / MinMaxNorm constraints on the layers' weights, which project each unit's
        weight vector back to max_value after every update."""
        found = []
        for layer in self.layers():
            for key in sorted(k for k in layer if k.endswith("_constraint")):
                constraint = layer.get(key)
                if not isinstance(constraint, dict) or \
                        not isinstance(constraint.get("config"), dict):
                    continue
                value = constraint["config"].get("max_value")
                if isinstance(value, (int, float)) and value > 0:
                    found.append((float(value), layer.get("name"), constraint.get("class")))
        if not found:
            return 0.0, None
        tightest = min(found)
        return ramp(tightest[0], *T.MAX_NORM_VALUE), tightest

    @measured
    def misadapted_normalization(self):
        """(layer name, largest magnitude a feature keeps after it (its mean's distance from
        the layer's, or its spread, over the layer's std), that feature's name) when
        the model has one input and an adapted Normalization layer among its first layers
        whose recorded statistics (`adapted`: a mean and a std per feature, or one pooled)
        leave the inputs it is fed at INPUT_SCALE or more: it was adapted on other data
        (the targets, another split, already-scaled inputs) and standardises nothing. None
        otherwise, or when the statistics or the inputs' are not known."""
        if self.input_count() != 1:
            return None
        columns = self.input_columns("mean", "std")
        if columns is None:
            return None
        mean, std = (np.asarray(c, dtype=np.float64) for c in columns)
        for layer in self.first_layers():
            adapted = layer.get("adapted")
            if not str(layer.get("class", "")).lower().startswith("normalization") or \
                    not isinstance(adapted, dict):
                continue
            try:
                centre = np.asarray(adapted.get("mean"), dtype=np.float64).ravel()
                scale = np.asarray(adapted.get("std"), dtype=np.float64).ravel()
            except (TypeError, ValueError):
                return None
            if centre.size not in (1, len(mean)) or centre.size != scale.size:
                return None
            with np.errstate(all="ignore"):
                scale = np.where(scale > 0, scale, np.nan)
                # (The features' mean and spread, not their extremes: one outlier in a
                # heavy-tailed column lies far out of a well-adapted layer's range too.)
                after = np.nanmax(np.stack([np.abs(mean - centre), std]), axis=0) / scale
            after = np.where(np.isfinite(after), after, -1.0)
            i = int(np.argmax(after))
            if after[i] < T.INPUT_SCALE[0]:
                return None
            names = self.names(M.INPUTS)
            return (layer.get("name") or "normalization", float(after[i]),
                    names[i] if names and i < len(names) else None)
        return None

    def unadapted_normalization(self):
        """The name of a Normalization layer among the first ones that was never adapted (it
        passes its inputs through unchanged), or None."""
        for layer in self.first_layers():
            if layer.get("identity") is True:
                return layer.get("name") or "normalization"
        return None

    @measured
    def amplified_into_saturation(self):
        """(layer name, what it does) when a layer of the model itself enlarges the inputs
        (a Rescaling whose scale is above 1 that leaves them at INPUT_SCALE or more:
        `rescaled_inputs`; a Normalization set with invert=True: `inverted_normalization`;
        one adapted on other data: `misadapted_normalization`)
        and the first tapped layer, a squashing one, is saturated for SATURATED_FRACTION's
        upper end or more of the probe; else None. The data may be as given or already
        scaled: the model's own layer drives its first units to their flat ends."""
        sat = self.saturated_shares()
        _, acts = self.layer_activations()
        if sat is None or not len(sat) or not np.isfinite(sat[0]) or \
                sat[0] < T.SATURATED_FRACTION[1] or not acts or \
                acts[0] not in T.SQUASHING_ACTIVATIONS:
            return None
        rescaled = self.rescaled_inputs()
        if rescaled is not None and rescaled[1] > 1:
            return rescaled[0], "multiplies the inputs by %s" % _number(rescaled[1])
        inverted = self.inverted_normalization()
        if inverted:
            return inverted, ("is set with invert=True: it multiplies the inputs by their "
                              "standard deviation and adds their mean")
        misadapted = self.misadapted_normalization()
        if misadapted is not None:
            return misadapted[0], ("was adapted on other data: after it the inputs still "
                                   "reach magnitude %.3g" % misadapted[1])
        return None

    def inverted_normalization(self):
        """The name of a Normalization layer among the first ones set with invert=True, or
        None: it maps standardised values back (x * std + mean), the opposite of
        standardising its inputs."""
        for layer in self.first_layers():
            settings = layer.get("settings") if isinstance(layer.get("settings"), dict) else {}
            if str(layer.get("class") or "").lower().startswith("normalization") and \
                    settings.get("invert") is True:
                return layer.get("name") or "normalization"
        return None

    @measured
    def pooled_normalization(self):
        """(layer name, features) for an adapted Normalization layer among the first ones that
        standardises a row of tabular features with one mean and one variance for all of them
        (axis=None), else None. Its weights say so: a mean and a variance per statistic and
        one count, so 3 weights for pooled statistics against 2 x features + 1 per feature.
        It rescales the features together, leaving their scales as far apart as they came."""
        for layer in self.first_layers():
            if not str(layer.get("class", "")).lower().startswith("normalization") or \
                    layer.get("identity") is not False:
                continue
            shape = layer.get("input_shape")
            if not isinstance(shape, list) or len(shape) != 2 or \
                    not isinstance(shape[1], int) or shape[1] < 2:
                continue
            if layer.get("params") == 3:
                return layer.get("name") or "normalization", shape[1]
        return None

    @measured
    def input_spread(self):
        """(the largest std across the probe's examples of any numeric input feature, its
        name), or None when unknown or when the inputs are ids feeding an Embedding/lookup
        layer (of a model with several inputs, the other inputs' features are judged)."""
        columns = self._numeric_columns("std")
        if columns is None:
            return None
        std = np.asarray(columns[0], dtype=np.float64)
        if not np.any(np.isfinite(std)):
            return None
        i = int(np.nanargmax(std))
        names = self.names(M.INPUTS)
        return float(std[i]), names[i] if names and i < len(names) else None

    @measured
    def input_scale_over_median(self):
        """The largest input feature's std over the median feature's, or None: how far the
        bulk of the features falls below the largest (a near-constant spare column under
        features of one scale leaves this at ~1, however small its own std)."""
        columns = self.input_columns("std")
        if columns is None:
            return None
        std = np.asarray(columns[0], dtype=np.float64)
        std = std[np.isfinite(std) & (std > 0)]
        if len(std) < 2:
            return None
        return float(std.max() / np.median(std))

    @measured
    def unnormalized_input_strength(self):
        """How far (0..1, the INPUT_SCALE ramp) the inputs reach beyond unit scale with
        nothing in the model to standardise them; 0 when unknown."""
        scale = self.input_scale()
        if scale is None or self.model_normalizes_inputs():
            return 0.0
        return ramp(scale[0], *T.INPUT_SCALE)

    @measured
    def hidden_kernel_layers(self):
        """The config entries of every layer with a kernel initializer but the last (the
        output layer)."""
        return [l for l in self.layers() if isinstance(l.get("kernel_initializer"), dict)][:-1]

    @measured
    def hidden_kernel_initializers(self):
        """(layer name, initializer class, config) of every layer with a kernel but the last."""
        out = []
        for layer in self.hidden_kernel_layers():
            init = layer["kernel_initializer"]
            out.append((layer.get("name"), str(init.get("class", "")),
                        init.get("config") if isinstance(init.get("config"), dict) else {}))
        return out

    def _rate_course(self, positive):
        """(steps, rates, which rates count, the peak up to the interval's end, the median
        inside it) of the logged learning rate, counting the finite rates (and only those
        above zero when `positive`), or None without a 1-D series or a counted rate up to the
        interval's end and inside it."""
        s = self.series(M.LEARNING_RATE)
        if s is None or s.values.ndim != 1 or len(s.steps) == 0:
            return None
        steps, values = np.asarray(s.steps), np.asarray(s.values, dtype=np.float64)
        ok = np.isfinite(values) & ((values > 0) if positive else True)
        before = values[ok & (steps <= self.end)]
        inside = values[ok & (steps >= self.start) & (steps <= self.end)]
        if not len(before) or not len(inside):
            return None
        return steps, values, ok, float(before.max()), float(np.median(inside))

    @measured
    def learning_rate_collapse(self):
        """(peak rate before the interval, median rate in it) when the learning rate in the
        interval is LR_COLLAPSE or less of the run's peak up to its end, or is LR_FELL_FACTOR
        or more below that peak and already fell so far within the run's first progress
        window (PROGRESS_WINDOW_FRACTION of its logged steps) from a peak that is not high
        for the optimizer: faster than any schedule in use (a decay whose decay_steps count
        optimizer steps where epochs were meant). Else None."""
        course = self._rate_course(positive=False)
        if course is None:
            return None
        steps, values, ok, peak, now = course
        if not peak > 0 or now * T.LR_FELL_FACTOR > peak:
            return None
        if now <= T.LR_COLLAPSE * peak:
            return peak, now
        # A peak itself high for the optimizer fell to where training works (a warm-up
        # written backwards, from 0.5 down to 1e-3): that fall is no collapse.
        high, _ = self.learning_rate_bands()
        if ramp(peak * self.step_scale()[0], *high) > 0:
            return None
        # Where the rate first stood LR_FELL_FACTOR below the peak after reaching it.
        top = int(np.argmax(np.where(ok, values, -np.inf)))
        fallen = np.flatnonzero(ok[top:] & (values[top:] * T.LR_FELL_FACTOR <= peak))
        if not len(fallen):
            return None
        span = float(steps[-1] - steps[0])
        early = span > 0 and \
            steps[top + fallen[0]] - steps[0] <= T.PROGRESS_WINDOW_FRACTION * span
        return (peak, now) if early else None

    @measured
    def flat_before_rate_fell(self):
        """(the rate before it fell, the rate in the interval, the loss then, the median
        update/weight ratio of the steps at that rate or None) when the
        learning rate in the interval is LR_FELL_FACTOR or more below the run's peak, the
        peak rate is not low for the optimizer, and the loss over the progress window ending
        at the last step trained at the peak rate (within LR_CHANGE_FACTOR) had already reached
        the interval's level (within MAX_INTERVAL_PROGRESS of it): a ReduceLROnPlateau or
        a decay cutting the rate on a loss already flat at a normal rate. The small steps
        then follow the flat loss; they did not cause it. The rate must have held its peak
        for a progress window of loss points at least: a rate cut within fewer steps (a
        decay_steps meant as epochs) gave the loss no time to move, flat or not. Else None."""
        course = self._rate_course(positive=True)
        if course is None or self.level is None or not np.isfinite(self.level):
            return None
        steps, values, ok, peak, now = course
        upto = ok & (steps <= self.end)
        if now * T.LR_FELL_FACTOR > peak:
            return None
        _, low = self.learning_rate_bands()
        if ramp(peak * self.step_scale()[0], *low) > 0:
            return None
        fell = int(steps[upto & (values * T.LR_CHANGE_FACTOR >= peak)].max())
        loss_steps, loss = self._loss_upto_end()
        window = progress_points(len(self.run.loss.steps))
        i = int(np.searchsorted(loss_steps, fell, side="right"))
        then = loss[max(0, i - window):i]
        then = then[np.isfinite(then)]
        if len(then) < max(T.MIN_STALL_POINTS, window):
            return None
        level = float(np.median(then))
        if level - self.level > T.MAX_INTERVAL_PROGRESS * abs(level):
            return None
        ratios = self.series(M.UPDATE_RATIO)
        moved = None
        if ratios is not None and ratios.values.ndim == 2 and len(ratios.steps):
            at_peak = np.asarray(ratios.values, dtype=np.float64)[np.asarray(ratios.steps) <= fell]
            at_peak = at_peak[np.isfinite(at_peak)]
            moved = float(np.median(at_peak)) if len(at_peak) else None
        return peak, now, level, moved

    @measured
    def positions_scored_alone(self):
        """(output layer, its output shape, values per example, targets per example) when
        the model's output keeps POSITIONS_PER_TARGET or more values per example for each
        target (the probe's target count over its examples): positions of the input scored
        each on its own, with the loss broadcasting one target against them. None when the
        output is not a sequence or image, or the counts are not logged."""
        layers = self.layers()
        targets = self.targets() or {}
        probe = (self.config or {}).get("probe") if isinstance(self.config, dict) else None
        examples = probe.get("examples") if isinstance(probe, dict) else None
        count = targets.get("count")
        if not layers or not examples or not count:
            return None
        shape = layers[-1].get("output_shape")
        if not isinstance(shape, list) or len(shape) < 3 or \
                not all(isinstance(d, int) and d > 0 for d in shape[1:]):
            return None
        per_example = int(np.prod(shape[1:]))
        targets_per_example = float(count) / float(examples)
        # A class label (sparse, under a cross-entropy) is scored against all K of its
        # position's outputs: a sequence labelled at every position (next-symbol prediction)
        # has K outputs per label, not K times too many.
        if self.sparse_labels():
            targets_per_example *= shape[-1]
        if not targets_per_example > 0 or \
                per_example < T.POSITIONS_PER_TARGET * targets_per_example:
            return None
        return layers[-1].get("name"), shape, per_example, targets_per_example

    @measured
    def sparse_labels(self):
        """Whether the targets are class ids each scored against a softmax's (or logits')
        several outputs: a sparse categorical cross-entropy (by name), or a cross-entropy on
        integer targets below the output's unit count."""
        if self.loss_kind != "ce":
            return False
        units = self.output_units()
        if any("sparse" in key for key in baseline_mod.loss_keys(self.config)):
            return True
        t = self.targets() or {}
        return bool(units and units > 1 and t.get("integer_fraction") == 1.0 and
                    t.get("min", -1) >= 0 and t.get("max", units) < units and
                    t.get("distinct", 0) > 2)

    @measured
    def started_kernel_gains(self):
        """{layer name: (gain of its first logged weights, gain its initializer's config
        draws or None for one of the user's own, the first logged norm)} of the hidden Dense
        and convolution layers whose
        weights at the run's first logged step are INIT_STARTED_OFF x smaller (in gain) than
        the config draws: they were set after the layer was built (set_weights,
        assign, loaded weights), and the config does not tell how they started. Only read
        when the first logged step is the run's start (within two steps of its first loss)
        and the update that ended it moved the layer by at most INIT_STARTED_MOVED of its
        norm (the weight norms are logged after the update; a training loop that logs its
        first update/weight ratio some steps later is judged by that ratio over every step
        up to it)."""
        ws, us = self.series(M.WEIGHT_NORM), self.series(M.UPDATE_RATIO)
        if ws is None or us is None or ws.values.ndim != 2 or us.values.ndim != 2 or \
                not len(ws.steps) or not len(us.steps):
            return {}
        step = int(ws.steps[0])
        if step > self.first_step + 2 or int(us.steps[0]) < step:
            return {}
        updates = int(us.steps[0]) - step + 1  # the steps the first logged ratio stands for
        wnames, unames = self.names(M.WEIGHT_NORM), self.names(M.UPDATE_RATIO)
        out = {}
        for layer in self.hidden_kernel_layers():
            name, fans = layer.get("name"), _kernel_fans(layer)
            if fans is None or name not in wnames or name not in unames:
                continue
            kernel, fan_in, fan_out = fans
            init = layer["kernel_initializer"]
            cfg = init.get("config") if isinstance(init.get("config"), dict) else {}
            cls = str(init.get("class", ""))
            expected = _configured_gain(cls, cfg, fan_in, fan_out)
            # An initializer of the user's own whose config states no scale (a hand-written
            # draw in a custom loop): its first weights are all there is to go by, against
            # the variance-preserving gain of ~1.
            own = expected is None and _users_initializer(cls, cfg)
            norm = float(ws.values[0][wnames.index(name)])
            moved = updates * float(us.values[0][unames.index(name)])
            if own:
                expected = 1.0
            if expected is None or not expected > 0 or not math.isfinite(norm) or \
                    not norm >= 0 or not moved <= T.INIT_STARTED_MOVED:
                continue
            # root mean square x sqrt(fan-in) = norm / sqrt(kernel) x sqrt(kernel / units)
            gain = norm / math.sqrt(kernel / fan_in)
            # Only smaller: loaded weights carry biases the config says start at zero, which
            # inflate the norm; starts too large show on the first step's own signals
            # (activations growing layer by layer, a first loss far off).
            if gain * T.INIT_STARTED_OFF <= expected:
                out[name] = (gain, None if own else expected, norm)
        return out

    @measured
    def one_signed_started_kernels(self):
        """[(layer name, mean, spread, shared over own)] of the hidden Dense and convolution
        layers whose first logged weights (weight_mean with weight_norm, at the run's start
        as started_kernel_gains reads it) give every unit nearly the same output: the part
        all units share (the kernel's mean, times sqrt(fan-in) on inputs of one sign per
        example, as constant_initialized_layers reasons about a configured mean) is
        INIT_MEAN_OVER_SPREAD x or more each unit's own part (the spread). This is what the
        configuration cannot show: weights set after building (a numpy port drawing
        np.random.rand, uniform on [0, 1), where randn was meant: mean over spread 1.7 on
        mixed-sign inputs, 14 after a ReLU layer of 64). A kernel under a constraint is left
        out (one-signed weights are then the design: a monotone net), and so is one whose
        initializer's config states a mean (constant_initialized_layers judges those), and,
        as there, a negative mean on one-signed inputs into a ReLU-family layer: its units are
        dead alike, not copies (dead_relus tells that story)."""
        ws, ms, us = (self.series(M.WEIGHT_NORM), self.series(M.WEIGHT_MEAN),
                      self.series(M.UPDATE_RATIO))
        if ws is None or ms is None or ws.values.ndim != 2 or ms.values.ndim != 2 or \
                not len(ws.steps) or not len(ms.steps) or int(ms.steps[0]) != int(ws.steps[0]):
            return []
        step = int(ws.steps[0])
        if step > self.first_step + 2:
            return []
        wnames, mnames = self.names(M.WEIGHT_NORM), self.names(M.WEIGHT_MEAN)
        moved = {}
        if us is not None and us.values.ndim == 2 and len(us.steps) and int(us.steps[0]) == step:
            moved = dict(zip(self.names(M.UPDATE_RATIO), us.values[0]))
        out = []
        coherent = False
        for layer in self.hidden_kernel_layers():
            name = layer.get("name")
            inputs_coherent, coherent = coherent, _one_signed_output(layer)
            fans = _kernel_fans(layer)
            if fans is None or name not in wnames or name not in mnames or \
                    layer.get("kernel_constraint") or \
                    not moved.get(name, 0.0) <= T.INIT_STARTED_MOVED:
                continue
            kernel, fan_in, _ = fans
            params = layer.get("params")
            norm = float(ws.values[0][wnames.index(name)])
            # The logged mean is over the kernel and its biases, which start at zero.
            mean = float(ms.values[0][mnames.index(name)]) * params / kernel
            if not (math.isfinite(norm) and math.isfinite(mean)) or not norm > 0:
                continue
            spread = math.sqrt(max(norm * norm / kernel - mean * mean, 0.0))
            shared = abs(mean) * (math.sqrt(fan_in) if inputs_coherent else 1.0)
            coherent = coherent or shared > spread
            init = layer.get("kernel_initializer") or {}
            stated, _ = initializer_moments(init.get("config") if isinstance(
                init.get("config"), dict) else {})
            if stated or (mean < 0 and inputs_coherent and
                          str(layer.get("activation") or "").lower().startswith("relu")):
                continue
            if shared >= T.INIT_MEAN_OVER_SPREAD * max(spread, 1e-12):
                out.append((name, mean, spread, shared / max(spread, 1e-12)))
        return out

    @measured
    def kernel_gains(self):
        """[(layer name, initializer class, its stddev, its mean, gain, relu, fan-in)] of the hidden
        layers whose kernel initializer states its scale (a random one's moments, an
        Orthogonal one's gain): the gain is the weights' root mean square times
        sqrt(fan-in), ~1 for He and Glorot. Layers under a variance-preserving scheme
        (whose config states no scale) are left out: their gain is ~1 by construction.
        A layer whose first logged weights say it started elsewhere (started_kernel_gains)
        is in with that gain instead, its mean unknown (None)."""
        layers = {l.get("name"): l for l in self.layers()}
        started = self.started_kernel_gains()
        out = []
        for name, cls, cfg in self.hidden_kernel_initializers():
            layer = layers.get(name) or {}
            if name in started:
                gain, fans = started[name][0], _kernel_fans(layer)
                out.append((name, cls, gain / math.sqrt(fans[1]), None, gain,
                            str(layer.get("activation") or "").startswith("relu"), fans[1]))
                continue
            gain = _kernel_gain(layer, cls, cfg)
            if gain is not None:
                out.append((name, cls) + gain)
        return out

    @measured
    def output_kernel_gain(self):
        """(layer name, initializer class, its stddev, its mean, gain) of the output layer
        (the last with a kernel) when its random kernel initializer states its moments, else
        None; the gain as in kernel_gains: ~1 for Glorot, the Keras default."""
        layers = [l for l in self.layers() if isinstance(l.get("kernel_initializer"), dict)]
        # The model's output layer by the functional graph when it is recorded (a layer
        # listed last need not be the output of a model with several branches).
        outputs = self.config.get("graph_outputs")
        if isinstance(outputs, list) and len(outputs) == 1:
            layers = [l for l in layers if l.get("name") == outputs[0]]
        if not layers:
            return None
        init = layers[-1]["kernel_initializer"]
        cfg = init.get("config") if isinstance(init.get("config"), dict) else {}
        gain = _kernel_gain(layers[-1], str(init.get("class", "")), cfg)
        if gain is None:
            return None
        spread, mean, value, _, _ = gain
        return layers[-1].get("name"), str(init.get("class", "")), spread, mean, value

    @measured
    def initial_signal_gain(self):
        """The factor the hidden kernels' random initializers put on the signal's scale
        together, or None with fewer than two such layers: six layers of gain 1e-3 shrink
        it 1e-18 x, and what reaches the last ones is then below any bias the optimizer
        nudges. A ReLU halves a layer's power (it zeroes half its inputs); after one, the
        inputs are all positive, so weights whose mean outweighs their spread add up
        coherently: the layer scales the signal by about mean x fan-in (RandomUniform(0,
        0.2) over 32 inputs: ~3 x a layer), not by their root mean square x sqrt(fan-in)."""
        gains = self.kernel_gains()
        if len(gains) < 2:
            return None
        product, positive = 1.0, False
        for _, _, spread, mean, gain, relu, fan_in in gains:
            if positive and mean and abs(mean) * math.sqrt(fan_in) > spread:
                product *= abs(mean) * fan_in
            else:
                product *= gain / math.sqrt(2.0) if relu else gain
            positive = relu
        return product

    @measured
    def deep_start_exploded(self):
        """(hidden layers, their initializers' compounded gain, the gradient's growth from
        the output layer back to the first, the largest gradient/weight) at the run's first
        diagnostic, before any update, when a deep stack, DEEP_STACK_LAYERS or more hidden
        kernels drawn at random at a stated scale and centred on zero, scales the signal up
        INIT_GAIN_HIGH's weak end or more together (initial_signal_gain) and its first
        gradients show it: they grow FIRST_GRAD_GROWTH x or more from the output back to the
        first layer, or one layer's is RELATIVE_GRAD_HUGE's weak end or more of its weights.
        Draws whose mean outweighs their spread (copies, or units pinned at one end) and
        weights set after the build (their mean unknown) are left out. Else None."""
        gains = self.kernel_gains()
        if len(gains) < T.DEEP_STACK_LAYERS or any(
                mean is None or abs(mean) * math.sqrt(fan_in) > spread
                for _, _, spread, mean, _, _, fan_in in gains):
            return None
        compounded = self.initial_signal_gain()
        first = self.first_profile()
        if compounded is None or compounded < T.INIT_GAIN_HIGH[0] or first is None:
            return None
        g = first["grad"]
        pos = np.flatnonzero(np.isfinite(g) & (g > T.GRAD_ZERO))
        if len(pos) < 2:
            return None
        growth = float(g[pos[0]] / g[pos[-1]])
        w = first["weight"]
        with np.errstate(all="ignore"):
            rel = g / w if w is not None else np.full_like(g, np.nan)
        rel = rel[np.isfinite(rel)]
        largest = float(np.max(rel)) if len(rel) else math.nan
        if growth < T.FIRST_GRAD_GROWTH and not largest >= T.RELATIVE_GRAD_HUGE[0]:
            return None
        return len(gains), float(compounded), growth, largest

    @measured
    def skipped_inputs(self):
        """(layer, share of the input positions between its first and last windows that no
        window reads, kernel, strides, whether it pools) for the convolution or pooling
        whose strides skip the largest share (strides larger than the kernel: 3-wide windows
        every 4 positions read 3 of every 4), or None when every layer's windows leave no
        gaps. What 'valid' padding leaves past the last window at an edge is not counted:
        that is every unpadded layer's, not a gap."""
        worst = None
        for layer in self.layers():
            cls = str(layer.get("class") or "").lower()
            if not (cls.startswith(("conv", "separableconv", "depthwiseconv")) or
                    cls.startswith(_LOCAL_POOLING)) or "transpose" in cls:
                continue
            settings = layer.get("settings") if isinstance(layer.get("settings"), dict) else {}
            kernel = settings.get("kernel_size", settings.get("pool_size"))
            strides = settings.get("strides") or kernel
            shape = layer.get("input_shape")
            if not isinstance(kernel, list) or not isinstance(strides, list) or \
                    not isinstance(shape, list) or len(shape) < 3:
                continue
            dims = shape[2:] if settings.get("data_format") == "channels_first" else shape[1:-1]
            dilation = settings.get("dilation_rate") or [1] * len(kernel)
            if not (len(dims) == len(kernel) == len(strides) == len(dilation)) or \
                    not all(isinstance(v, int) and v > 0 for v in
                            list(dims) + list(kernel) + list(strides) + list(dilation)):
                continue
            covered = 1.0
            padding = str(settings.get("padding") or "valid").lower()
            for n, k, st, d in zip(dims, kernel, strides, dilation):
                covered *= _read_share(n, k, st, d, padding)
            skipped = 1.0 - covered
            if skipped > 1e-9 and (worst is None or skipped > worst[1]):
                worst = (layer.get("name"), skipped, kernel, strides,
                         "kernel_size" not in settings)
        return worst

    @measured
    def order_blind_pooling(self):
        """(pooling layer, what feeds it, local) when a global pooling layer pools features
        that do not know where they were computed, so the model sees which values or
        patterns occur, not where or in what order. `local` False: every layer before it
        works per position (an Embedding lookup, Dense on a sequence, a convolution of
        kernel size 1, normalisation, dropout, activations): a bag of values. `local` True:
        convolutions and local poolings too, each output computed from a small window the
        same way at every position: a bag of local patterns. Self-attention (a
        MultiHeadAttention layer) mixes positions by their content alone, the same for any
        order, so it keeps a bag a bag, in a model with a single Embedding (a second may
        look up positions). None otherwise, or when any layer before it is one this does
        not know (recurrent, reshaping, flattening, custom: they may mix positions or keep
        them)."""
        seen, local = [], False
        embeddings = sum(str(l.get("class") or "").lower() == "embedding" for l in self.layers())
        if self.constant_mixed_in():
            return None
        for layer in self.layers():
            cls = str(layer.get("class") or "")
            key = cls.lower()
            if key.startswith("global") and "pooling" in key:
                return (layer.get("name"), ", ".join(seen[:3]), local) if seen else None
            if key == "multiheadattention" and embeddings <= 1:
                seen.append("MultiHeadAttention without a position embedding")
                continue
            settings = layer.get("settings") if isinstance(layer.get("settings"), dict) else {}
            if key.startswith(("conv", "separableconv", "depthwiseconv")):
                size = settings.get("kernel_size")
                sizes = size if isinstance(size, list) else [size]
                if not sizes or not all(isinstance(k, int) for k in sizes):
                    return None
                if all(k == 1 for k in sizes):
                    seen.append("%s kernel_size 1" % cls)
                else:
                    local = True
                    seen.append("%s kernel_size %s" % (cls, "x".join(str(k) for k in sizes)))
            elif key.startswith(_LOCAL_POOLING):
                local = True
            elif key.startswith(_PER_POSITION):
                if key in ("embedding", "dense"):
                    seen.append(cls)
            else:
                return None
        return None

    def functional_graph(self):
        """The config's functional graph ({operation: [operations feeding it]}), or None
        for a Sequential or subclassed model or a graph that was not recorded."""
        graph = self.config.get("graph") if isinstance(self.config, dict) else None
        return graph if isinstance(graph, dict) else None

    @measured
    def constant_mixed_in(self):
        """Whether the functional graph holds an add, concatenate, subtract or multiply
        operation fed by one traced operation only: the other operand is a tensor built
        outside the graph, such as a position table (an Embedding applied to
        keras.ops.arange, sinusoidal encodings) added to the token embeddings. Such a table
        gives every position its own features, though no layer records it."""
        graph = self.functional_graph()
        if graph is None:
            return False
        layers = {l.get("name") for l in self.layers()}
        for name, parents in graph.items():
            kind = str(name).rstrip("_0123456789").lower()
            if name not in layers and kind in ("add", "concatenate", "subtract", "multiply") \
                    and isinstance(parents, list) and len(parents) == 1:
                return True
        return False

    @measured
    def pointwise_convolutions_pooled(self):
        """(global pooling layer, [convolutions], the window of input positions each pooled
        feature is computed from) when every convolution before a global pooling has
        kernel_size 1 (dilation 1), so each feature comes from one position, widened only
        by local poolings' windows, and the global pooling then averages (or maximises)
        them over the input: the model sees which values occur, never a shape, an edge or
        a direction. Convolutions are written to read a neighbourhood; kernel_size 1 at
        every one (a 3 typed as 1, a 1x1 block without its 3x3) leaves none. None when no
        convolution comes before the pooling, when any is wider, or when an Embedding, an
        attention layer or a layer this does not know comes first (an embedding bag is a
        deliberate design; the others may mix positions)."""
        convolutions, window, jump = [], None, None
        for layer in self.layers():
            key = str(layer.get("class") or "").lower()
            settings = layer.get("settings") if isinstance(layer.get("settings"), dict) else {}
            if key.startswith("global") and "pooling" in key:
                return (layer.get("name"), convolutions, window) if convolutions else None
            is_conv = key.startswith(("conv", "separableconv", "depthwiseconv")) and \
                "transpose" not in key
            if not (is_conv or key.startswith(_LOCAL_POOLING)):
                if key.startswith(_PER_POSITION) and key != "embedding":
                    continue
                return None
            size = settings.get("kernel_size" if is_conv else "pool_size")
            strides = settings.get("strides") or size
            dilation = settings.get("dilation_rate") or [1] * len(size or [])
            if not (isinstance(size, list) and isinstance(strides, list) and
                    isinstance(dilation, list) and size and
                    len(size) == len(strides) == len(dilation) and
                    all(isinstance(v, int) and v > 0 for v in size + strides + dilation)):
                return None
            if is_conv:
                if any(k != 1 for k in size) or any(d != 1 for d in dilation):
                    return None
                convolutions.append(layer.get("name"))
            # Receptive fields grow by (size - 1) x the distance between the inputs'
            # positions, measured in input positions (the strides before).
            window = window or [1] * len(size)
            jump = jump or [1] * len(size)
            window = [w + (k - 1) * j for w, k, j in zip(window, size, jump)]
            jump = [j * s for j, s in zip(jump, strides)]
        return None

    @measured
    def few_positions_read(self):
        """(layer, positions it reads, the length of its input, the model input's, input
        positions that reach them, the layer feeding it) when a layer the callback found
        reading only a few positions of its sequence input (`positions_read`: a Lambda
        taking x[:, 0], the [CLS] habit) sits behind layers that carry little of the input to those positions,
        at most ONE_POSITION_REACH of it: a recurrent layer reading forwards (its state at a
        position has seen the positions up to it), convolutions and local poolings (their
        receptive field), and layers that work per position. None otherwise: when one of
        them reads the whole sequence (attention, a bidirectional or backward recurrence,
        flattening), when a layer this does not know or a branch comes before, or when the
        positions read see most of the input (the last state of a forward recurrence)."""
        layers = self.layers()
        graph = self.functional_graph()
        for index, layer in enumerate(layers):
            read = layer.get("positions_read")
            if not isinstance(read, dict) or not isinstance(read.get("positions"), list) or \
                    not read["positions"] or not isinstance(read.get("of"), int):
                continue
            positions = [p for p in read["positions"] if isinstance(p, int)]
            if len(positions) != len(read["positions"]):
                return None
            lo, hi = min(positions), max(positions)
            chain = layers[:index][::-1]
            name = layer.get("name")
            for before in chain:
                # A functional graph must be a chain up to here: each layer fed by the one
                # listed before it.
                if graph is not None and graph.get(name) != [before.get("name")]:
                    return None
                name = before.get("name")
                key = str(before.get("class") or "").lower()
                settings = before.get("settings") if isinstance(before.get("settings"),
                                                                dict) else {}
                if key.startswith(("simplernn", "lstm", "gru")):
                    if settings.get("go_backwards") or not settings.get("return_sequences"):
                        return None
                    lo = 0
                elif key.startswith(("conv1d", "maxpooling1d", "averagepooling1d")) and \
                        "transpose" not in key:
                    conv = key.startswith("conv1d")
                    size = settings.get("kernel_size" if conv else "pool_size")
                    strides = settings.get("strides") or size
                    dilation = settings.get("dilation_rate") or [1]
                    if not (isinstance(size, list) and isinstance(strides, list) and
                            isinstance(dilation, list) and len(size) == len(strides) ==
                            len(dilation) == 1 and all(isinstance(v, int) and v > 0
                                                       for v in size + strides + dilation)):
                        return None
                    span = (size[0] - 1) * dilation[0]
                    padding = str(settings.get("padding") or "valid").lower()
                    left = span if padding == "causal" else span // 2 if padding == "same" \
                        else 0
                    lo, hi = lo * strides[0] - left, hi * strides[0] - left + span
                elif key.startswith(_PER_POSITION):
                    pass
                else:
                    return None
                if key == "inputlayer" or before is chain[-1]:
                    shape = before.get("input_shape") or before.get("output_shape")
                    length = shape[1] if isinstance(shape, list) and len(shape) >= 2 else None
                    if not isinstance(length, int) or length < T.ONE_POSITION_MIN_LENGTH:
                        return None
                    reach = min(hi, length - 1) - max(lo, 0) + 1
                    if reach > T.ONE_POSITION_REACH * length:
                        return None
                    feeder = layers[index - 1].get("name") if index else None
                    return layer.get("name"), positions, read["of"], length, reach, feeder
            return None
        return None

    @measured
    def standard_hidden_init(self):
        """Whether every hidden layer starts from the standard scheme for each of its
        weights: kernels from a variance-preserving one at its own scale (Glorot, He, LeCun,
        orthogonal with gain 1, VarianceScaling with scale 0.5-4), biases and shifts at 0
        (within 0.1), scales at 1 (0.5-2), and no hidden kernel's first logged weights far
        from what its config draws (started_kernel_gains). Then the starting weights pass a
        signal of the inputs' size on, and a signal that still collapses is the activations'
        doing.
        Embedding tables are not judged (their lookups scale nothing)."""
        kernel_layers = [l for l in self.layers() if isinstance(l.get("kernel_initializer"), dict)]
        if not kernel_layers or self.started_kernel_gains():
            return False
        last = kernel_layers[-1]
        for layer in self.layers():
            if layer is last:
                continue
            for key, init in layer.items():
                if not key.endswith("_initializer") or key == "embeddings_initializer":
                    continue
                if init is None:
                    continue  # a layer without that weight (Add, Dropout, Flatten, ...)
                if not isinstance(init, dict):
                    return False
                if not _standard_initializer(key, str(init.get("class", "")),
                                             init.get("config") if isinstance(
                                                 init.get("config"), dict) else {}):
                    return False
        return True

    def first_step_hidden(self, column):
        """One ACTIVATION_COLUMNS column of the hidden layers (all tapped layers but the
        output) at the run's first logged step, as floats, or None when not logged."""
        s = self.series(M.ACTIVATION)
        if s is None or s.values.ndim != 3 or not s.columns or len(s.steps) == 0 or \
                column not in s.columns:
            return None
        return s.values[0][:-1, s.columns.index(column)].astype(float)

    def first_step_hidden_by_layer(self, column):
        """first_step_hidden as {layer name: value}, empty when not logged."""
        first = self.first_step_hidden(column)
        return {} if first is None else dict(zip(self.names(M.ACTIVATION), first))

    @measured
    def saturated_from_the_start(self):
        """The largest saturated share of a hidden layer at the run's first logged step, read
        as saturated_shares reads it (a hand-written activation's only in a model that
        learned little and stopped falling), or None: units pinned before the steps could
        have pushed them there (a steep activation, weights started large)."""
        first = self.first_step_hidden("saturated_fraction")
        if first is None:
            return None
        first = self._hand_written_read(first)
        first = first[np.isfinite(first)]
        return float(first.max()) if len(first) else None

    @measured
    def first_step_signal_collapse(self):
        """How the activations' spread falls through the hidden layers at the run's first
        logged step (the initial state): (decades from the first hidden layer to the
        smallest later one, first layer, that layer, its activation, the two spreads), or
        None with fewer
        than two hidden layers, no spread at the first one, or a fall of less than a decade.
        Only the layers before a ReLU layer whose outputs are mostly exact zeros count: dead
        units are not a shrinking signal, and what follows them is their doing."""
        std, zero = self.first_step_hidden("std"), self.first_step_hidden("zero_fraction")
        if std is None or zero is None:
            return None
        names, acts = self.layer_activations()
        if len(std) < 2 or not np.isfinite(std[0]) or not std[0] > 0:
            return None
        worst = None
        for i in range(1, len(std)):
            act = str(acts[i] or "") if i < len(acts) else ""
            if act.startswith("relu") and zero[i] >= T.DEAD_FRACTION[0]:
                break  # dead units: what follows them is their doing
            if not np.isfinite(std[i]):
                continue
            fall = math.log10(std[0] / max(float(std[i]), std[0] * T.SIGNAL_COLLAPSE_FLOOR))
            if worst is None or fall > worst[0]:
                worst = (fall, names[0], names[i], act or None, float(std[0]), float(std[i]))
        return worst if worst is not None and worst[0] >= 1.0 else None

    @measured
    def copied_layers(self):
        """Groups (largest first) of two or more layers that hold the same weights through
        the whole run: their weight norms agree to COPIES_RTOL at every logged step (at least
        COPIES_MIN_STEPS of them), with the same gradient norms where those are logged, and
        moved while training (a frozen or untouched layer is no evidence). Layers started as
        copies of each other (one seeded initializer instance shared by several layers, one
        tower's weights set into the others) get identical gradients and stay copies."""
        w = self.series(M.WEIGHT_NORM)
        if w is None or np.ndim(w.values) != 2 or len(w.steps) < T.COPIES_MIN_STEPS:
            return []
        names = self.names(M.WEIGHT_NORM)
        values = np.asarray(w.values, dtype=np.float64)
        g = self.series(M.GRAD_NORM)
        grads = {}
        if g is not None and np.ndim(g.values) == 2 and len(g.steps) == len(w.steps) and \
                np.array_equal(g.steps, w.steps):
            grads = {n: np.asarray(g.values, dtype=np.float64)[:, i]
                     for i, n in enumerate(self.names(M.GRAD_NORM))}
        groups = []
        for j, name in enumerate(names):
            col = values[:, j]
            if not np.all(np.isfinite(col)) or not np.min(col) > T.GRAD_ZERO or \
                    np.max(col) - np.min(col) <= T.COPIES_MOVED * np.max(col):
                continue
            for group in groups:
                k = group[0]
                # (The first step's norms first: a scalar test that spares the whole-column
                # comparison for nearly every pair of a wide model.)
                if abs(col[0] - values[0, k]) <= T.COPIES_RTOL * abs(values[0, k]) and \
                        np.allclose(col, values[:, k], rtol=T.COPIES_RTOL, atol=0.0) and (
                        names[k] not in grads or name not in grads or
                        np.allclose(grads[name], grads[names[k]], rtol=T.COPIES_RTOL,
                                    atol=T.GRAD_ZERO)):
                    group.append(j)
                    break
            else:
                groups.append([j])
        # Copies cost capacity only where they compute something non-linear: linear heads
        # averaged together are one head whatever their start. Layers started constant
        # (zeros) are the constant-initialisation evidence's.
        layers = {l.get("name"): l for l in self.layers()}

        def counts(name):
            layer = layers.get(name) or {}
            init = layer.get("kernel_initializer")
            cls = str(init.get("class", "")).lower() if isinstance(init, dict) else ""
            return self.applied_activation(name) not in ("linear", "none") and \
                cls not in CONSTANT_INITIALIZERS

        groups = [[j for j in g if counts(names[j])] for g in groups]
        groups = sorted((g for g in groups if len(g) >= 2), key=len, reverse=True)
        return [[names[j] for j in group] for group in groups]

    def applied_activation(self, name):
        """The activation applied to layer `name`'s output: its own, or, when that is linear,
        the one of the activation layers (Activation('relu'), ReLU, ...) that take all of its
        output (by the functional graph the config records, else the next layer listed)."""
        layers = self.layers()
        by_name = {l.get("name"): l for l in layers}
        own = str((by_name.get(name) or {}).get("activation") or "linear").lower()
        if own not in ("linear", "none"):
            return own
        graph = self.functional_graph()
        if graph is not None and name in graph:
            consumers = [n for n, parents in graph.items()
                         if isinstance(parents, list) and name in parents]
        else:
            names = [l.get("name") for l in layers]
            i = names.index(name) if name in names else -1
            consumers = [names[i + 1]] if 0 <= i < len(names) - 1 else []
        acts = [str(by_name[c].get("activation") or "").lower() for c in consumers
                if c in by_name and str(by_name[c].get("class") or "") in ACTIVATION_LAYERS]
        if consumers and len(acts) == len(consumers) and \
                all(a not in ("", "linear", "none") for a in acts):
            return acts[0]
        return own

    def _loss_upto_end(self):
        """(steps, values) of the run's loss (its first column) from its start to the
        interval's end; empty arrays without a loss."""
        s = self.series(M.LOSS)
        if s is None or not len(s.steps):
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        steps = np.asarray(s.steps)
        values = np.asarray(s.values, dtype=np.float64).reshape(len(steps), -1)[:, 0]
        upto = steps <= self.end
        return steps[upto], values[upto]

    @measured
    def loss_still_falling(self):
        """Whether the loss is still falling over the later half of the run up to the
        interval's end: the median of that stretch's last quarter at least STILL_FALLING
        below its first quarter's, and its second half's median below its first half's (a
        run still improving, however noisily, has not stopped where its start left it; a
        short interval at the end alone hides a slow descent in its noise)."""
        steps, values = self._loss_upto_end()
        keep = (steps >= (self.first_step + self.end) / 2.0) & np.isfinite(values)
        loss = values[keep]
        if len(loss) < 20:
            return False
        quarters = [np.median(q) for q in np.array_split(loss, 4)]
        halves = [np.median(h) for h in np.array_split(loss, 2)]
        # (|first quarter|: a loss may be negative, a cosine similarity or a likelihood.)
        return bool(quarters[0] - quarters[-1] >= T.STILL_FALLING * abs(quarters[0]) > 0
                    and halves[1] < halves[0])

    @measured
    def target_scale(self):
        """Scale of regression targets (max of |mean| and std), or None for other losses."""
        if self.loss_kind not in ("mse", "mae"):
            return None
        t = self.targets()
        if t is None or not math.isfinite(t["mean"]) or not math.isfinite(t["var"]):
            return None
        return max(abs(t["mean"]), math.sqrt(max(t["var"], 0.0)))

    @measured
    def recurring_batch_spikes(self):
        """(spiking steps, smallest spike over the loss's level) when, up to the interval's
        end, the batch loss jumps OUTLIER_BATCH[0] x its level or more once in each of at
        least OUTLIER_BATCH[1] epochs and never twice in one: one batch, or one example in
        it, is far off the rest (a target in other units, a corrupt row) and costs that
        much every time it comes round, in order or shuffled. An overshooting step size
        makes jumps at no such rhythm. Epochs by the logged epoch boundaries; without them,
        the jumps must come at one fixed spacing (the same batch of an unshuffled pass)."""
        steps, values = self._loss_upto_end()
        finite = np.isfinite(values)
        if finite.sum() < 4 * T.OUTLIER_BATCH[1] or np.min(values[finite]) < 0:
            return None  # (a level is a scale only for a loss that stays positive)
        level = float(np.median(values[finite]))
        if not level > 0:
            return None
        with np.errstate(all="ignore"):
            ratio = values / level
        spikes = np.flatnonzero(finite & (ratio >= T.OUTLIER_BATCH[0]))
        # A jump's aftermath (the next batch or two, still far off) is the same jump.
        spikes = spikes[np.insert(np.diff(steps[spikes]) > 2, 0, True)] if len(spikes) else spikes
        if len(spikes) < T.OUTLIER_BATCH[1]:
            return None
        at = steps[spikes]
        epochs = self.series(M.EPOCH_PREFIX + "epoch")
        bounds = np.asarray(epochs.steps) if epochs is not None and len(epochs.steps) else None
        if bounds is not None and len(bounds) >= T.OUTLIER_BATCH[1]:
            # The epoch a step belongs to: the first boundary at or after it.
            epoch = np.searchsorted(bounds, at, side="left")
            if len(set(epoch.tolist())) != len(at):
                return None
            # And in (nearly) every epoch from the first jump on.
            complete = int(np.searchsorted(bounds, self.end, side="right"))
            if len(at) < 0.75 * max(1, complete - int(epoch[0])):
                return None
        else:
            gaps = np.diff(at)
            if not (gaps.min() >= 2 and gaps.max() - gaps.min() <= 1):
                return None
        return [int(x) for x in at], float(np.min(ratio[spikes]))

    @measured
    def constant_initialized_layers(self):
        """(layer name, initializer class, (mean, spread) or None) of the hidden kernels that
        start constant (None), or nearly: a random initializer whose mean outweighs its
        spread INIT_MEAN_OVER_SPREAD x or more in what the units compute gives every unit
        nearly the same output (RandomNormal's mean set where its stddev was meant).

        Each unit computes a part all units share (the mean times the sum of its inputs) and
        its own part (the spread times their root sum of squares). On inputs of mixed signs
        the two are as mean to spread. On inputs that share a sign for each example (after a
        ReLU or sigmoid, or after a layer whose shared part outweighs its own) the sum adds
        up coherently: the shared part grows as fan-in and the own part as its square root,
        so RandomNormal(0.1) (spread 0.05) over 64 such inputs is 16 to 1. A kernel under a
        constraint is left out: one-signed weights are then the design (a monotone net)."""
        out = []
        coherent = False
        by_name = {l.get("name"): l for l in self.hidden_kernel_layers()}
        zero_at_start = self.first_step_hidden_by_layer("zero_fraction")
        for name, cls, cfg in self.hidden_kernel_initializers():
            layer = by_name.get(name) or {}
            inputs_coherent, coherent = coherent, _one_signed_output(layer)
            if cls.lower() in CONSTANT_INITIALIZERS:
                out.append((name, cls, None))
                coherent = True
                continue
            mean, spread = initializer_moments(cfg)
            if mean is None or spread is None or layer.get("kernel_constraint"):
                continue
            shared = abs(mean)
            # A negative mean on one-signed inputs drives a ReLU's units below zero: they
            # are dead alike, not copies (dead_relus tells that story).
            if inputs_coherent and not (mean < 0 and _one_signed_output(layer)):
                fans = _kernel_gain(layer, cls, cfg)
                shared *= math.sqrt(fans[4]) if fans is not None else 1.0
            # Units whose shared part outweighs their own output one sign per example.
            coherent = coherent or shared > abs(spread)
            # A ReLU-family layer whose every output is zero at the first step (a positive
            # mean on inputs that are all negative) is dead alike, not copies, as above.
            dead = _one_signed_output(layer) and \
                zero_at_start.get(name, 0.0) >= T.DEAD_FRACTION[1]
            if shared >= T.INIT_MEAN_OVER_SPREAD * max(abs(spread), 1e-12) and not dead:
                out.append((name, cls, (mean, spread)))
        return out

    @measured
    def symmetric_layers(self):
        """(layer, units, the next layer) for each hidden layer whose units stay exact copies
        of each other for the whole run: its kernel (and a recurrent layer's recurrent
        kernel) and its bias start constant, so every unit computes the same output; and
        the next layer holding a kernel starts its kernel constant too, so every unit also
        gets the same gradient back (its row of that kernel times what comes back), and an
        elementwise optimizer (SGD, Adam, RMSprop, any decay or global clipping) moves them
        alike. Nothing breaks the tie: the layer works as one unit however wide, whatever
        the loss reaches. Only parameter-free layers that treat every unit alike may sit
        between the two (activations, pooling, flattening); dropout, noise or anything else
        there, or a recurrent layer's own dropout, may break it, and the layer is left out."""
        layers = self.layers()
        out = []
        for i, layer in enumerate(layers):
            units = layer_width(layer)
            settings = layer.get("settings") if isinstance(layer.get("settings"), dict) else {}
            recurrent = str(layer.get("class") or "").startswith(T.RECURRENT_CLASSES)
            if not (isinstance(units, int) and units >= 2 and
                    starts_constant(layer.get("kernel_initializer")) and
                    (layer.get("bias_initializer") is None or
                     starts_constant(layer.get("bias_initializer"))) and
                    (not recurrent or (starts_constant(layer.get("recurrent_initializer")) and
                                       not settings.get("dropout") and
                                       not settings.get("recurrent_dropout")))):
                continue
            for after in layers[i + 1:]:
                if isinstance(after.get("kernel_initializer"), dict):
                    if starts_constant(after.get("kernel_initializer")):
                        out.append((layer.get("name"), units, after.get("name")))
                    break
                key = str(after.get("class") or "").lower()
                if (after.get("params") or 0) > 0 or not (
                        key in _UNIT_BLIND or key.startswith(("global",) + _LOCAL_POOLING)):
                    break
        return out


# Activations whose outputs share one sign for every unit: a layer after one adds its
# inputs up coherently (constant_initialized_layers).
_ONE_SIGNED = ("relu", "relu6", "sigmoid", "hard_sigmoid", "softplus", "softmax", "exponential")


# Parameter-free layers that treat every unit of their input alike (symmetric_layers).
_UNIT_BLIND = ("activation", "relu", "leakyrelu", "elu", "softmax", "thresholdedrelu",
               "flatten", "inputlayer")


def layer_width(layer):
    """A layer's units or filters; an Embedding's output_dim (recorded as its units, or the
    last dimension of its output_shape in logdirs written before that); a wrapper's output
    width (a Bidirectional layer's is both directions')."""
    width = layer.get("units") or layer.get("filters")
    shape = layer.get("output_shape")
    if layer.get("wrapper") and isinstance(shape, list) and shape and \
            isinstance(shape[-1], int):
        return shape[-1]
    if not width and str(layer.get("class")) == "Embedding" and isinstance(shape, list) and \
            shape and isinstance(shape[-1], int):
        width = shape[-1]
    return width


def _one_signed_output(layer):
    return str(layer.get("activation") or "").lower() in _ONE_SIGNED


def _read_share(n, k, stride, dilation, padding):
    """The share of the positions from the first window's start to the last window's end
    (of n on one axis) that the windows read (kernel k, stride, dilation), with Keras's
    padding ('valid': none, 'same': split around the input, 'causal': all in front)."""
    span = (k - 1) * dilation + 1
    if padding == "same":
        out = -(-n // stride)
        pad = max((out - 1) * stride + span - n, 0) // 2
    elif padding == "causal":
        out, pad = -(-n // stride), span - 1
    else:
        out, pad = max(0, (n - span) // stride + 1), 0
    if out <= 0:
        return 1.0
    starts = np.arange(out)[:, None] * stride - pad + np.arange(k)[None, :] * dilation
    positions = starts[(starts >= 0) & (starts < n)]
    if not len(positions):
        return 1.0
    return float(len(np.unique(positions))) / float(positions.max() - positions.min() + 1)
