"""Unnormalized inputs: feature values far from unit scale."""

import numpy as np

from tb_plateau import metadata as M
from tb_plateau.analysis import thresholds as T
from tb_plateau.analysis.causes.base import Cause, Explains
from tb_plateau.analysis.context import fmt
from tb_plateau.analysis.thresholds import ramp


def scaled_by(weight):
    """The share of a symptom left when large inputs explain up to `weight` of it."""
    def share_left(ctx):
        return 1.0 - weight * ctx.unnormalized_input_strength()
    return share_left


def amplified_or_scaled(weight):
    """scaled_by(weight), except where the model's own layer enlarges the inputs into the
    saturation of its first squashing layer (amplified_into_saturation): those saturated
    units are the problem then, and nothing of them is explained away."""
    scaled = scaled_by(weight)

    def share_left(ctx):
        return 1.0 if ctx.amplified_into_saturation() is not None else scaled(ctx)
    return share_left


def tiny_input_strength(ctx):
    """How strongly (0..1) every input feature is too small: far below unit scale
    (INPUT_TINY), or, in a model that learned little and does not rescale its inputs, 50 or
    more times smaller than standardised (INPUT_TINY_STUCK): the first layer's
    pre-activations are that much weaker than its initialiser assumes (pixels divided by 255
    twice, a min-max scaler fitted on glitch codes)."""
    seen = seen_input_magnitude(ctx)
    if seen is None:
        return 0.0
    magnitude, shrunk_by = seen
    tiny = ramp(magnitude, *T.INPUT_TINY)
    # (A Rescaling that shrinks inputs already at unit scale is no standardisation: what
    # it leaves is judged.)
    if ctx.learned_little() and (shrunk_by is not None or not ctx.model_normalizes_inputs()) \
            and (shrunk_by is not None or reaches_first_weights_unchanged(ctx)):
        tiny = max(tiny, 0.9 * ramp(magnitude, *T.INPUT_TINY_STUCK))
    return tiny


def tiny_spread_strength(ctx):
    """How strongly (0..1) every input feature varies too little across the probe's examples
    (INPUT_SPREAD_STUCK), in a model that learned little, does not standardise its inputs,
    and feeds them unchanged to its first weights: what tells the examples apart reaches
    the first layer that many times weaker than its initialiser assumes, whatever a
    near-constant column (a unit row norm) makes of the inputs' size."""
    spread = ctx.input_spread()
    if spread is None or not ctx.learned_little() or ctx.model_normalizes_inputs() or \
            ctx.input_rescaling() is not None or not reaches_first_weights_unchanged(ctx):
        return 0.0
    return 0.9 * ramp(spread[0], *T.INPUT_SPREAD_STUCK)


def seen_input_magnitude(ctx):
    """(the largest input magnitude the first layer with weights sees, the Rescaling layer
    that shrank it to that or None), or None when unknown: the logged inputs' magnitude, or,
    on a model's only input passed through a Rescaling by less than 1 and otherwise
    unchanged to the first weights, that magnitude times its scale (pixels divided by 255
    by the loader and again by the model's own Rescaling(1/255) reach it below 0.004)."""
    scale = ctx.input_scale()
    if scale is None:
        return None
    rescaling = ctx.input_rescaling()
    if rescaling is not None and rescaling[1] < 1 and \
            reaches_first_weights_unchanged(ctx, through_rescaling=True):
        return rescaling[2], rescaling[0]
    return scale[0], None


# Weightless layers that pass an input's values on unchanged in size.
_UNCHANGED = ("inputlayer", "input", "flatten", "reshape", "dropout", "gaussiannoise",
              "gaussiandropout", "alphadropout", "spatialdropout", "permute", "identity",
              "cropping", "zeropadding", "maxpooling", "averagepooling", "resizing")


def reaches_first_weights_unchanged(ctx, through_rescaling=False):
    """Whether the inputs reach the first layer with weights through layers that leave their
    size as it is (`through_rescaling`: or Rescaling layers, whose scale is known): anything
    else before it (a hand-written scaler, a Lambda) may rescale them, and their logged size
    is then not what the model sees."""
    for layer in ctx.layers():
        if (layer.get("params") or 0) > 0:
            return True
        cls = str(layer.get("class") or "").lower()
        if not (cls.startswith(_UNCHANGED) or (through_rescaling and cls.startswith("rescaling"))):
            return False
    return False


def first_layer_dead(ctx):
    """(name, zero fraction around the interval) of the model's first layer with weights
    when it is a ReLU-family layer whose logged activations are mostly zero (from the weak
    end of DEAD_FRACTION), else None."""
    first = next((l for l in ctx.layers() if (l.get("params") or 0) > 0), None)
    if first is None or not str(first.get("activation") or "").lower().startswith("relu"):
        return None
    names, _ = ctx.layer_activations()
    zero = ctx.column(M.ACTIVATION, "zero_fraction", "around")
    if zero is None or first.get("name") not in names or len(zero) != len(names):
        return None
    value = float(zero[names.index(first.get("name"))])
    return (first.get("name"), value) if np.isfinite(value) and value >= T.DEAD_FRACTION[0] \
        else None


def tiny_inputs_kill(ctx):
    """The share of dead-ReLU evidence left when the inputs are too small: a ReLU layer fed
    ~0 outputs relu(its bias) for every example alike, so a unit whose bias went negative is
    dead for all of them at once."""
    return 1.0 - 0.6 * tiny_input_strength(ctx)


def tiny_inputs_starve(ctx):
    """The share of the capacity evidence left when the inputs are too small: a model whose
    first layer sees little but its own biases learns nothing at any size."""
    return 1.0 - 0.5 * tiny_input_strength(ctx)


def oversized_steps(ctx):
    # Large inputs make large gradients and steps at any sane learning rate.
    return 0.5 if ctx.unnormalized_input_strength() >= 0.5 else 1.0


class UnnormalizedInputs(Cause):
    id = "unnormalized_inputs"
    title = "Unnormalized inputs"
    chart_column = "std"
    # Data scale comes before the starting weights and the optimizer's step size.
    precedence = 30
    # Large inputs make large pre-activations: saturated squashing units, units pushed
    # negative for every input, and gradients scaled by the input magnitude.
    upstream_of = ("saturated_activations", "dead_relus", "vanishing_gradients",
                   "exploding_gradients")
    # Inputs far from unit scale distort every layer's gradient (a recurrent cell
    # saturates, the first layer dwarfs the rest).
    explains = (Explains("learning_rate_too_high", oversized_steps),
                Explains("vanishing_gradients", scaled_by(0.5)),
                Explains("exploding_gradients", scaled_by(0.5)),
                Explains("saturated_activations", amplified_or_scaled(0.4)),
                Explains("dead_relus", tiny_inputs_kill),
                Explains("insufficient_capacity", tiny_inputs_starve))

    def examine(self, ctx, f):
        scale = ctx.input_scale()
        if scale is None:
            return
        magnitude, spread, name = scale
        # A Normalization with one mean and variance for every feature (axis=None) brings
        # their overall size to ~1 but leaves their scales as far apart as they came.
        # (The bulk of the features must fall that far below the largest: one spare,
        # near-constant column under features of one scale makes a large spread that the
        # pooling costs nothing.)
        # A Normalization adapted on other data (the targets, another split) standardises
        # nothing of what it is fed: judged by what it leaves, below.
        misadapted = ctx.misadapted_normalization()
        pooled = ctx.pooled_normalization() if misadapted is None else None
        bulk = ctx.input_scale_over_median() if pooled is not None else None
        pooled_spread = pooled is not None and bulk is not None and \
            ramp(bulk, *T.INPUT_SCALE_SPREAD) > 0
        # A Rescaling on a model's only input sets the size the first layer with weights
        # sees: judged below by what it leaves (pixels of 0..255 times 1/255 are at unit
        # scale). With several inputs the largest feature may be another input's, raw.
        if not pooled_spread and ctx.input_rescaling() is None:
            f.add(ramp(magnitude, *T.INPUT_SCALE),
                  "input feature %s reaches magnitude %s (standardised ~1)"
                  % (name, fmt(magnitude)), signal=M.INPUTS, layers=[name] if name else None,
                  value=magnitude)
            # Under an optimizer that passes the gradient's size into the step (SGD), at a
            # rate that is not high for it, a batch whose loss blew up is what inputs that
            # large do: the first layer's gradient scales with them.
            spike = ctx.loss_spike()
            if spike is not None and ctx.adaptive() is False and \
                    ctx.learning_rate_band()[0] == 0 and ramp(magnitude, *T.INPUT_SCALE) > 0:
                f.add(0.4 * ramp(spike[0], *T.LOSS_SPIKE),
                      "the loss of the batch at step %d jumped to %s x the level around it at "
                      "a learning rate that is not high for %s: inputs of magnitude %s make "
                      "gradients, and steps, that large" % (spike[1], fmt(spike[0]),
                                                            ctx.optimizer(), fmt(magnitude)),
                      signal=M.LOSS, steps=(spike[1], spike[1]), value=spike[0])
        f.add(0.7 * ramp(bulk if pooled_spread else spread, *T.INPUT_SCALE_SPREAD),
              "feature scales differ %s x" % fmt(spread) + (
                  "; %s standardises its %d features with one mean and one variance for all "
                  "of them (axis=None), so they still differ that much after it: half of "
                  "them reach the next layer %s x smaller than the largest or less"
                  % (pooled[0], pooled[1], fmt(1.0 / bulk)) if pooled_spread else ""),
              signal=M.INPUTS, layers=[pooled[0]] if pooled_spread else None, value=spread)
        offset = ctx.input_offset() if not ctx.model_normalizes_inputs() else None
        if offset is not None:
            mean, std, name = offset
            strength = ramp(abs(mean) / std, *T.INPUT_OFFSET_OVER_SPREAD)
            if strength > 0:
                f.add(0.7 * strength,
                      "input feature %s sits at %s but varies by only %s (%s x its spread "
                      "off zero): the first layer sees a near-constant offset, with what tells "
                      "examples apart in a tiny variation on top" % (
                          name, fmt(mean), fmt(std), fmt(abs(mean) / std)),
                      signal=M.INPUTS, layers=[name] if name else None,
                      value=abs(mean) / std)
        tiny = tiny_input_strength(ctx)
        seen, shrunk_by = seen_input_magnitude(ctx) or (magnitude, None)
        if tiny > 0 and shrunk_by is not None:
            f.add(tiny, "the inputs reach at most %s, and %s multiplies them by %s: the first "
                        "layer with weights sees at most %s (standardised ~1), little but its "
                        "own biases" % (fmt(magnitude), shrunk_by, fmt(seen / magnitude
                                                                       if magnitude else 0),
                                        fmt(seen)),
                  signal=M.INPUTS, layers=[shrunk_by], value=seen)
        elif tiny > 0:
            f.add(tiny, "every input feature is at most %s in magnitude (standardised ~1): the "
                        "first layer sees little but its own biases" % fmt(magnitude),
                  signal=M.INPUTS, layers=[name] if name else None, value=magnitude)
        flat = tiny_spread_strength(ctx) if tiny <= 0 else 0.0
        spread = ctx.input_spread()[0] if flat > 0 else None
        if flat > 0:
            f.add(flat, "every input feature varies by at most %s across the probe's examples "
                        "(standardised: 1): what tells them apart reaches the first layer %s x "
                        "weaker than its initialiser assumes, and the model learned little"
                  % (fmt(spread), fmt(1.0 / spread)), signal=M.INPUTS, value=spread)
        dead_first = first_layer_dead(ctx) if tiny > 0 else None
        if dead_first is not None:
            name_first, zero = dead_first
            f.add(0.6 * min(1.0, 2.0 * tiny) * ramp(zero, *T.DEAD_FRACTION),
                  "%s, the first layer with weights, outputs zero for %.0f%% of inputs: fed "
                  "inputs that small it outputs relu of its own biases, the same for every "
                  "example, so a unit whose bias went negative is off for all of them"
                  % (name_first, 100 * zero), signal=M.ACTIVATION, layers=[name_first],
                  value=zero)
        if f.confidence > 0 and ctx.kind == "diverged":
            f.add(0.3, "the loss blew up, as large inputs make large gradients",
                  signal=M.LOSS, steps=ctx.span)
        if f.confidence > 0:
            sat = ctx.saturated_shares()
            if sat is not None and len(sat) and np.isfinite(sat[0]) and sat[0] > 0.5:
                f.add(0.3, "the first layer is saturated for %.0f%% of inputs" % (100 * sat[0]), signal=M.ACTIVATION)
        rescaled = ctx.rescaled_inputs()
        if rescaled is not None:
            layer, factor, after = rescaled
            f.add(ramp(after, *T.INPUT_SCALE),
                  "%s multiplies them by %s: the next layer sees magnitude %s" % (
                      layer, fmt(factor), fmt(after)), layers=[layer], value=after)
        inverted = ctx.inverted_normalization()
        if inverted and f.confidence > 0:
            f.add(0.5, "%s is set with invert=True: it multiplies its inputs by the adapted "
                  "standard deviation and adds the mean (mapping standardised values back), "
                  "the opposite of standardising them" % inverted, layers=[inverted])
        if misadapted is not None:
            layer, after, feature = misadapted
            f.add(ramp(after, *T.INPUT_SCALE),
                  "%s's adapted mean and variance do not fit the inputs it is fed: after it, "
                  "feature %s still reaches magnitude %s (standardised ~1), so it was adapted "
                  "on other data" % (layer, feature, fmt(after)), signal=M.INPUTS,
                  layers=[layer], value=after)
        unadapted = ctx.unadapted_normalization()
        if unadapted and f.confidence > 0:
            f.add(0.5, "%s was never adapted (mean 0, variance 1): it passes the raw inputs "
                  "through unchanged" % unadapted, layers=[unadapted])
        if ctx.model_normalizes_inputs() and not pooled_spread and shrunk_by is None:
            f.against(0.2)
        f.summary = "The inputs are not normalised: feature values far from unit scale."
        f.fix = ("Standardise the inputs: norm = tf.keras.layers.Normalization(); "
                 "norm.adapt(x_train); make it the model's first layer (images: "
                 "tf.keras.layers.Rescaling(1/255)).")
        if tiny > 0 and shrunk_by is not None:
            f.fix = ("Scale the inputs once: the inputs already reach at most %s, so drop %s "
                     "(or feed it the raw values it was written for, e.g. pixels in 0..255)."
                     % (fmt(magnitude), shrunk_by))
        elif flat > 0:
            f.fix = ("Standardise each feature on its own (Normalization(axis=-1) adapted on "
                     "x_train, or sklearn's StandardScaler): every feature varies by at most "
                     "%s. A row-wise normalisation (sklearn's normalize) scales examples, not "
                     "features; a scaler fitted on other data leaves them near-constant."
                     % fmt(spread))
        elif tiny > 0:
            f.fix = ("Check the inputs' scale (every feature is at most %s): undo a scaling "
                     "applied twice (pixels divided by 255 by the loader and again), convert "
                     "units (e.g. fluxes to magnitudes, with a log), or standardise them with "
                     "an adapted Normalization layer as the model's first layer."
                     % fmt(magnitude))
        if inverted and f.confidence > 0:
            f.fix = ("Drop invert=True from %s: invert is for mapping a model's standardised "
                     "outputs back to their units; on the inputs, an adapted Normalization() "
                     "standardises them." % inverted)
        if rescaled is not None and rescaled[1] >= 1:
            f.fix = ("%s multiplies the inputs by %s: for pixels in 0..255 use "
                     "Rescaling(1/255) (scale=1/%s), or standardise with an adapted "
                     "Normalization layer." % (rescaled[0], fmt(rescaled[1]), fmt(rescaled[1])))
        # A layer of the model itself enlarging the inputs into its first squashing layer's
        # flat ends: the saturated units are what the user sees go wrong (and what the fix
        # of that layer cures), ranked first; the inputs' size is their mechanism.
        if ctx.amplified_into_saturation() is not None and f.confidence > 0:
            f.against(0.6)
            f.not_upstream_of = ("saturated_activations",)
        if pooled_spread:
            f.fix = ("Standardise each feature on its own: Normalization(axis=-1) (the default) "
                     "keeps a mean and a variance per feature; axis=None pools them into one "
                     "for all. Adapt it on the training data again after the change.")
        if misadapted is not None:
            f.fix = ("Adapt %s on the inputs the model is fed: norm.adapt(x_train), the same "
                     "array (and units) passed to fit, not the targets or data scaled "
                     "another way." % misadapted[0])
        if unadapted:
            f.fix = ("Call %s.adapt(x_train) before fit (or pass mean= and variance=): "
                     "unadapted, a Normalization layer computes the identity." % unadapted)
