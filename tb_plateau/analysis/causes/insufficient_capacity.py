"""Insufficient capacity: the model trains, but flattens far above a good fit."""

import numpy as np

from tb_plateau import metadata as M
from tb_plateau.analysis import thresholds as T
from tb_plateau.analysis import baseline as baseline_mod
from tb_plateau.analysis.baseline import relative_standard_error
from tb_plateau.analysis.causes.base import Cause, Explains
from tb_plateau.analysis.context import fmt
from tb_plateau.analysis.measurements import layer_width
from tb_plateau.analysis.thresholds import ramp


def bottleneck_went_dead(ctx):
    """The share of the dead-ReLU evidence left when the dead layer is a bottleneck of one or
    two units (dead_bottleneck): half, since so narrow a layer is dead whenever its few units
    are off; 1 otherwise."""
    return 0.5 if dead_bottleneck(ctx) is not None else 1.0


def bottleneck_saturated(ctx):
    """The share of the saturation evidence left when the saturated layer is a bottleneck of
    one or two bounded units (saturated_bottleneck): half, since so narrow a layer can only
    code what it carries by sitting at its ends; 1 otherwise."""
    return 0.5 if saturated_bottleneck(ctx) is not None else 1.0


class InsufficientCapacity(Cause):
    id = "insufficient_capacity"
    title = "Insufficient capacity"
    # Judged by elimination: last in the causal order.
    precedence = 120
    judged_from_level = True
    kinds = ("stalled",)
    explains = (Explains("dead_relus", bottleneck_went_dead),
                Explains("saturated_activations", bottleneck_saturated))

    def examine(self, ctx, f):
        level = ctx.level
        if level is None:
            return
        reference = ctx.baseline if ctx.baseline else ctx.initial_loss
        if not reference or reference <= 0 or level < 0:
            return
        frac = level / reference
        lo, hi = T.CAPACITY_LEVEL
        # A baseline from the probe's examples (their variance, their positive rate) is
        # itself an estimate.
        error = relative_standard_error(ctx.baseline_info,
                                        baseline_mod.prior_targets(ctx.signals)) \
            if ctx.baseline else None
        if error is not None:
            hi = max(hi, 1.0 + T.BASELINE_SAMPLE_ERRORS * error)
        # A classifier predicting every class alike learned as little as one predicting the
        # prior: up to ln K is still "no better than a constant" (a probe whose labels are
        # less balanced than the training batches' puts the prior's entropy below ln K).
        uniform = baseline_mod.uniform_prediction_loss(ctx.loss_kind, ctx.signals) \
            if ctx.baseline and (ctx.baseline_info or {}).get("kind") == "label_entropy" else None
        if uniform is not None:
            hi = max(hi, uniform / reference * (1.0 + T.SIGNATURE_TOLERANCE))
        # What the probe's examples say the targets allow: at any level below the
        # constant's, it backs what the configuration says of the model's size.
        beaten = ctx.allows_far_lower()
        # Unless a linear fit already reaches far below a model that can compute it: the
        # data allows lower, and so does the model's size (short_of_its_linear_fit).
        if short_of_its_linear_fit(ctx):
            beaten = None
        if frac > hi or (frac < lo * 0.5 and beaten is None):
            return
        allows_lower = beaten is not None and beaten[0] >= T.REFERENCE_SIGNATURE
        # A loss far above zero is what label noise, target noise and class imbalance leave
        # a healthy model too: the level only counts next to positive evidence about the
        # model itself (docs/report.md, "Verdicts"). So does the reference: a large model
        # that the data allows far better than has not been trained enough, or is held by
        # something else, and is no smaller for it.
        model_evidence = self.model_evidence(ctx, allows_lower=allows_lower)
        # A model only somewhat small (161 parameters for a target a logistic regression
        # fits) is no evidence that its size holds the loss up.
        if not model_evidence or \
                max(strength for strength, _, _ in model_evidence) < T.CAPACITY_EVIDENCE_MIN:
            return
        examples = ctx.training_examples()
        params = ctx.params()
        # Only a model judged small by its size (its parameters, no hidden layer) is not
        # small next to a data set that gives each parameter few examples; a bottleneck
        # or a stack that is one linear map limits what it can represent at any size.
        few_examples = examples is not None and params and \
            examples < T.EXAMPLES_PER_PARAMETER * params and \
            len(model_evidence) == len(self.model_evidence(ctx, size_only=True,
                                                           allows_lower=allows_lower))
        learned = ctx.initial_loss is not None and ctx.initial_loss > level * (1 + T.SIGNATURE_TOLERANCE)
        if not learned and not ctx.baseline:
            return  # neither a baseline nor any learning: nothing says "best it can do"
        strength = 0.5 if learned else 0.3
        if frac < lo * 0.5:
            pass  # a good level: only the reference fit below speaks of it
        elif ctx.baseline:
            verdict = ("no better than predicting a constant" if ctx.learned_nothing() else
                       "better than a constant, far from a fit")
            f.add(strength, "the loss settled at %s, %s of the constant-prediction loss: %s"
                  % (fmt(level), _percent(frac), verdict),
                  signal=M.LOSS, steps=ctx.span, value=level)
        else:
            f.add(strength * 0.6, "the loss fell to %s of its start and flattened" % _percent(frac),
                  signal=M.LOSS, steps=ctx.span, value=level)
        if not ctx.holds_to_the_end():
            f.against(0.3)  # it improved again later: capacity was not the limit
        if few_examples and beaten is None:
            # A model with a parameter for every few examples can fit what the data holds:
            # the data (its noise, its size), not the model's size, sets the level.
            f.against(0.4)
        for strength, text, value in model_evidence:
            f.add(strength, text, value=value)
        if beaten is not None:
            share, probe, vote, constant, how, examples = beaten
            f.add(0.7 * share, "on the probe, held out from the fit, the model scores %s; on "
                  "%d held-out examples, %s scores %s (a constant: %s): the data allows %sx "
                  "lower than the model reaches, and its training loss (%s) is no lower"
                  % (fmt(probe), examples, how, fmt(vote), fmt(constant),
                     fmt(probe / vote) if vote > 0 else "far", fmt(level)),
                  signal=M.REFERENCE_FIT, steps=ctx.span, value=vote)
            # Healthy convergence does not stop far above what a vote of neighbours or a
            # kernel fit reaches on the same held-out examples; a run still falling has not
            # stopped anywhere.
            if ctx.settled_far_above_what_the_data_allows() is not None and \
                    ctx.holds_to_the_end():
                f.signature = True
        dead = dead_bottleneck(ctx)
        if dead is not None:
            name, width, zero = dead
            f.add(0.6, "%s, %d unit%s wide, outputs zero for %s of inputs: everything passes "
                  "through %s, and once %s off nothing reaches the output"
                  % (name, width, "" if width == 1 else "s", _percent(zero),
                     "it" if width == 1 else "them", "it is" if width == 1 else "they are"),
                  signal=M.ACTIVATION, layers=[name], steps=ctx.span, value=zero)
        pinned = saturated_bottleneck(ctx) if dead is None else None
        if pinned is not None:
            name, width, share = pinned
            f.add(0.6, "%s, %d unit%s wide, sits at its activation's flat ends (%s of the "
                  "gradient blocked): everything passes through %s, and pinned at %s ends %s "
                  "a sign, not an amount"
                  % (name, width, "" if width == 1 else "s", _percent(share),
                     "it" if width == 1 else "them", "its" if width == 1 else "their",
                     "it carries" if width == 1 else "they carry"),
                  signal=M.ACTIVATION, layers=[name], steps=ctx.span, value=share)
            dead = pinned  # its stopped gradients are the narrowness's too
        ur, _ = ctx.median_update_ratio()
        # A dead bottleneck stops the updates and the gradient of every layer before it:
        # they are its consequence, not the optimizer's limit.
        if ur is not None and dead is None:
            if T.UPDATE_RATIO_LOW_WEAK <= ur <= T.UPDATE_RATIO_HIGH_WEAK:
                f.add(0.25, "updates are healthy (update/weight %s): training works, the model "
                      "cannot do better" % fmt(ur), signal=M.UPDATE_RATIO, value=ur)
            else:
                # Steps far from healthy say the optimizer, not the model, is the limit; a
                # ramp, so a ratio just past the healthy band does not flip the verdict.
                # (Large ones over weights that shrank toward zero say nothing of the
                # optimizer: the ratio's denominator went, as learning_rate_implicated says.)
                off = max(ramp(ur, T.UPDATE_RATIO_HIGH_WEAK, T.UPDATE_RATIO_HIGH_STRONG)
                          * (1.0 - ctx.weight_shrink()[1]),
                          ramp(ur, T.UPDATE_RATIO_LOW_WEAK, T.UPDATE_RATIO_LOW_STRONG))
                f.against(1.0 - 0.5 * off)
        prof = ctx.grad_profile()
        if prof is not None and dead is None:
            g = prof["grad"]
            if len(g) > 1 and np.any(g[:-1] <= T.GRAD_ZERO):
                f.against(0.4)
        val = ctx.median(M.EPOCH_PREFIX + "val_loss")
        if val is not None and np.isfinite(val) and level > 0:
            gap = (float(val) - level) / level
            if abs(gap) < 0.1:
                f.add(0.15, "validation loss %s matches training loss: underfitting, not "
                      "overfitting" % fmt(val), signal=M.EPOCH_PREFIX + "val_loss", value=float(val))
        f.summary = "The model is too small for the problem: it trains, but flattens far above a good fit."
        f.fix = ("Give the model more capacity: add hidden layers/units (e.g. two "
                 "Dense(64, activation='relu') layers; Conv2D for images), then check the "
                 "training loss drops below %s." % fmt(level * 0.5))
        if ctx.positions_scored_alone() is not None:
            f.fix = ("Add Flatten() (or a global pooling) before the first Dense layer: Keras "
                     "applies Dense to the last axis only, so on a sequence or an image it "
                     "scores each position apart; then check the training loss drops below %s."
                     % fmt(level * 0.5))
        if bias_free(ctx.layers(), [l for l in ctx.layers() if layer_width(l)]):
            f.fix = ("Give the layers their biases back (use_bias=True, the Keras default; "
                     "use_bias=False is for a layer followed by BatchNormalization, whose "
                     "offset replaces it); then check the training loss drops below %s."
                     % fmt(level * 0.5))
        shrunk = shrunk_input(ctx.layers()) if ctx.learned_little() else None
        if shrunk is not None:
            f.fix = ("Let the first learned layer see the input at its resolution: remove %s "
                     "(or move the downsampling after the first convolutions, where it keeps "
                     "what they found); then check the training loss drops below %s."
                     % (shrunk[0], fmt(level * 0.5)))
        if dead is not None:  # a dead bottleneck, or a saturated one (pinned)
            one = dead[1] == 1
            why = ("%s bounded output%s can only tell what the output needs apart by sitting "
                   "at %s ends, where no gradient passes"
                   % ("one" if one else "two", "" if one else "s", "its" if one else "their")
                   if pinned is not None else
                   "a code of %s ReLU output%s cannot carry what the output needs and goes "
                   "dead when %s off" % ("one" if one else "two", "" if one else "s",
                                         "it is" if one else "they are"))
            f.fix = ("Widen %s to at least 16 units (it has %d): %s; then check the training "
                     "loss drops below %s." % (dead[0], dead[1], why, fmt(level * 0.5)))
        skipped = ctx.skipped_inputs()
        if skipped is not None and ramp(skipped[1], *T.SKIPPED_INPUT) >= 0.5:
            name, _, kernel, strides, pools = skipped
            f.fix = ("Let %s read every position: strides no larger than its %s (%s %s with "
                     "strides %s skips positions), e.g. %s; then check the training loss drops "
                     "below %s." % (name, "window" if pools else "kernel",
                                    "pool_size" if pools else "kernel_size",
                                    "x".join(map(str, kernel)), "x".join(map(str, strides)),
                                    "strides equal to pool_size" if pools else
                                    "strides=1 with padding='same' and a pooling layer to "
                                    "downsample", fmt(level * 0.5)))
        if monotone(ctx.layers(), [l for l in ctx.layers() if (l.get("params") or 0) > 0]) \
                and ctx.learned_little():
            f.fix = ("Drop the NonNeg constraints where the target need not rise with every "
                     "input (keep them only on the inputs it provably rises with, or use a "
                     "lattice/monotonic model for those alone); then check the training loss "
                     "drops below %s." % fmt(level * 0.5))
        few = ctx.few_positions_read()
        if few is not None:
            f.fix = ("Summarise the whole sequence instead of position%s %s of %s: the last "
                     "position of a recurrent layer reading forwards (x[:, -1], or "
                     "return_sequences=False), a global pooling over the positions, or "
                     "attention over the sequence before a [CLS] position; then check the "
                     "training loss drops below %s."
                     % ("" if len(few[1]) == 1 else "s", ", ".join(map(str, few[1])),
                        few[5] or "the sequence", fmt(level * 0.5)))
        blind = ctx.order_blind_pooling()
        pointwise = ctx.pointwise_convolutions_pooled()
        if pointwise is not None:
            f.fix = ("Give the convolutions before %s kernels wider than one position "
                     "(kernel_size=3, the usual; a 1x1 convolution only mixes channels), so "
                     "they can see edges and shapes; then check the training loss drops "
                     "below %s." % (pointwise[0], fmt(level * 0.5)))
        elif blind is not None and ctx.learned_nothing():
            if blind[2]:
                f.fix = ("Keep where the patterns are: Flatten and Dense instead of %s, or "
                         "give the convolutions the position as extra input channels "
                         "(coordinate maps); then check the training loss drops below %s."
                         % (blind[0], fmt(level * 0.5)))
            elif "MultiHeadAttention" in blind[1]:
                f.fix = ("Give the attention the positions: add a position embedding to the "
                         "token embeddings before it (an Embedding(sequence_length, dim) of "
                         "keras.ops.arange(sequence_length), keras_hub's PositionEmbedding, or "
                         "sinusoidal encodings); then check the training loss drops below %s."
                         % fmt(level * 0.5))
            else:
                f.fix = ("Let the layers before %s see several positions at once: a "
                         "convolution wider than the pattern (e.g. kernel_size 8), a recurrent "
                         "or attention layer, or Flatten and Dense instead of the global "
                         "pooling%s; then check the training loss drops below %s."
                         % (blind[0], "; or pool by the average, which keeps how often each "
                            "value occurs, where a maximum keeps only whether it does"
                            if any(l.get("name") == blind[0] and
                                   "max" in str(l.get("class", "")).lower()
                                   for l in ctx.layers()) else "", fmt(level * 0.5)))

    @staticmethod
    def model_evidence(ctx, size_only=False, allows_lower=False):
        """[(strength, text, value)]: what the configuration says about the model's size
        (`size_only`: only its parameter count and whether it has a hidden layer).
        `allows_lower`: the reference fits on the probe show the data allows far lower
        (Context.allows_far_lower at REFERENCE_SIGNATURE or more)."""
        out = []
        # A small model is the right one for a simple task: a logistic regression, or a
        # hidden layer of a few units, on labels a tenth of which are flipped settles far
        # above zero and fits all the data allows. Its size alone speaks only for a model
        # that learned little, or one the data is measured to allow far better than.
        # Nor does it speak for one that a linear fit of its inputs beats far, held out,
        # when the model can compute that fit: it has not been trained to its size's limit.
        short = short_of_its_linear_fit(ctx)
        by_size = (ctx.learned_little() or allows_lower) and not short
        params = ctx.params()
        if params is not None and by_size:
            small = 0.5 * ramp(params, *T.SMALL_MODEL_PARAMS)
            if small > 0:
                out.append((small, "only %d trainable parameters" % params, params))
        layers = ctx.layers()
        sized = [l for l in layers if layer_width(l)]
        weighted = ctx.weighted_layers()
        linear = ctx.no_hidden_layer()
        if linear and by_size:
            out.append((0.35, "no hidden layer: the model is linear in its inputs", None))
        if size_only:
            return out
        if not linear and not short and _all_linear(layers, sized):
            out.append((0.35, "every hidden layer is linear (no activation): the stack "
                              "computes one linear map of its inputs", None))
        additive = additive_in_ids(layers, sized) if not linear else None
        if additive is not None and ctx.learned_nothing():
            # Positions flattened, not pooled (a bag is order_blind_pooling's): the model
            # adds one learned score per id and position. Learning nothing that way, the
            # targets have no part it can add up: what they depend on is how ids combine.
            out.append((0.4, "%s feed%s the output layer %s with nothing between but %s: "
                        "the model adds up one learned score per id and position, cannot "
                        "represent how the ids combine, and learned nothing"
                        % (", ".join(additive[0]), "s" if len(additive[0]) == 1 else "",
                           additive[1], ", ".join(additive[2])), None))
        folded = ctx.folded_categories()
        if folded is not None:
            name, bins, ids = folded
            out.append((0.45, "%s folds up to %d ids into %d bins: about %d unrelated "
                        "categories share each one" % (name, ids, bins, round(ids / bins)),
                        bins))
        blind = ctx.order_blind_pooling()
        pointwise = ctx.pointwise_convolutions_pooled()
        if pointwise is not None:
            # At any level in the capacity range: kernel_size 1 at every convolution of an
            # image or sequence model is a slip, not a design (an embedding bag, which is
            # one, is not counted here).
            name, convolutions, window = pointwise
            out.append((0.5, "%s pools features of convolutions that all have kernel_size 1 "
                        "(%s): each is computed from %s, so the model sees which values "
                        "occur, never an edge, a shape or a direction" % (
                            name, ", ".join(convolutions[:3]),
                            "one position" if all(w == 1 for w in window) else
                            "a %s window of positions" % "x".join(map(str, window))), None))
        elif blind is not None and ctx.learned_nothing():
            # A bag of positions fits tasks that depend on what occurs; one that learned
            # nothing needs where or in what order. A bag of local patterns (convolutions
            # then a global pooling) is the usual image classifier: weaker evidence.
            if blind[2]:
                out.append((0.2, "%s pools features each computed from a small window (%s): "
                            "the model sees which local patterns occur, not where, and "
                            "learned nothing" % blind[:2], None))
            else:
                out.append((0.5, "%s pools features each computed %s (%s): the model sees "
                            "which values occur, not where or in what order, and learned "
                            "nothing" % (blind[0], "from the bag of positions by content "
                                         "alone" if "MultiHeadAttention" in blind[1] else
                                         "from one position", blind[1]), None))
        scored = ctx.positions_scored_alone()
        if scored is not None:
            name, shape, values, targets = scored
            out.append((0.5, "the output keeps %d values per example (%s's output shape %s) "
                        "for %s target%s: each position of the input is scored on its own, "
                        "and no unit sees the whole input" % (
                            values, name, "(None, %s)" % ", ".join(map(str, shape[1:])),
                            fmt(targets), "" if targets == 1 else "s"), values))
        few = ctx.few_positions_read()
        if few is not None:
            name, positions, of, length, reach, feeder = few
            out.append((0.5, "%s reads only position%s %s of the %d %s puts out, and what "
                        "reaches %s has seen %d of the %d input positions: the rest of the "
                        "sequence never reaches the output" % (
                            name, "" if len(positions) == 1 else "s",
                            ", ".join(map(str, positions)), of, feeder or "its input",
                            "it" if len(positions) == 1 else "them", reach, length), reach))
        # NonNeg kernels are how a deliberately monotone model is built: only one that
        # learned little is told its constraint is what holds it.
        if monotone(layers, weighted) and by_size:
            out.append((0.5, "every layer's kernel is constrained non-negative (NonNeg) and "
                        "every activation rises with its input: the model can only rise as "
                        "any input rises, so a target that falls as one rises (a response "
                        "with a peak) is out of its reach", None))
        if bias_free(layers, sized):
            out.append((0.45, "no layer adds a bias (use_bias=False throughout, no "
                        "normalization layer's offset): the model computes f(c x) = c f(x) "
                        "for every c > 0, so it cannot tell a small input from a large one "
                        "in the same direction", None))
        skipped = ctx.skipped_inputs()
        if skipped is not None and ramp(skipped[1], *T.SKIPPED_INPUT) > 0:
            name, share, kernel, strides, _ = skipped
            out.append((0.5 * ramp(share, *T.SKIPPED_INPUT),
                        "%s reads windows of %s every %s positions: %s of its input falls "
                        "between the windows and never reaches the model"
                        % (name, "x".join(map(str, kernel)), "x".join(map(str, strides)),
                           _percent(share)), share))
        # A deliberate downsampling (a series pooled to its half-day means) fits targets that
        # depend on the coarse picture: only a model that learned little is told it lost
        # the detail it needed.
        shrunk = shrunk_input(layers) if by_size else None
        if shrunk is not None:
            name, before, after = shrunk
            out.append((0.45, "%s shrinks each input from %s to %s positions before any layer "
                        "learns from it: detail finer than that never reaches the model"
                        % (name, "x".join(map(str, before)), "x".join(map(str, after))),
                        float(np.prod(after))))
        for layer in sized[:-1]:
            width = layer_width(layer)
            settings = layer.get("settings") if isinstance(layer.get("settings"), dict) else {}
            ids = settings.get("input_dim")
            if str(layer.get("class")) == "Embedding" and isinstance(ids, int) and \
                    isinstance(width, int) and ids <= width + 1:
                continue  # n ids in n - 1 dimensions or more: placed freely, nothing lost
            if isinstance(width, (int, float)) and 0 < width <= T.BOTTLENECK_UNITS and \
                    ctx.carries_everything(layer.get("name")):
                out.append((0.45, "layer %s passes everything through %d unit%s"
                            % (layer.get("name", "?"), width, "" if width == 1 else "s"), width))
                break
        return out


# Layers that neither add a nonlinearity nor hold one: reshaping, merging, normalising (affine
# at inference), dropping out, averaging over positions (a mean is linear; a maximum is not).
_LINEAR_PLUMBING = ("inputlayer", "flatten", "reshape", "dropout", "concatenate", "add",
                    "normalization", "batchnormalization", "layernormalization", "rescaling",
                    "permute", "repeatvector", "gaussiannoise", "spatialdropout",
                    "averagepooling", "globalaveragepooling")


def short_of_its_linear_fit(ctx):
    """Whether the reference's linear fit (ridge regression on the probe's inputs, each
    example left out of its own) beats the model's probe loss far (Context.
    linear_fit_far_lower) and the model can compute that fit (computes_linear_maps): what
    holds its loss up is its training (its rate, its steps, its optimizer), not its size."""
    return ctx.linear_fit_far_lower() is not None and computes_linear_maps(ctx)


def computes_linear_maps(ctx):
    """Whether the model can compute every linear map of its (flattened) inputs to its
    output: it has no hidden layer, or a stack of linear layers (_all_linear), or every
    hidden layer is a Dense one at least twice as wide as the output (relu(z) - relu(-z) is
    z, and a smooth activation is near linear about its centre) on flat inputs, with only
    plumbing between them; and every layer holding weights trains them, with its bias and
    no constraint on its kernel (NonNeg makes a monotone model, use_bias=False one that
    cannot shift)."""
    layers = ctx.layers()
    sized = [l for l in layers if layer_width(l)]
    if not sized:
        return False
    for layer in sized:
        settings = layer.get("settings") if isinstance(layer.get("settings"), dict) else {}
        if layer.get("kernel_constraint") or settings.get("use_bias") is False or \
                layer.get("trainable") is False:
            return False
    if ctx.no_hidden_layer() or _all_linear(layers, sized):
        return ctx.positions_scored_alone() is None
    out = layer_width(sized[-1])
    for layer in layers:
        cls = str(layer.get("class") or "").lower()
        shape = layer.get("output_shape")
        if isinstance(shape, list) and len(shape) != 2:
            return False
        if layer in sized:
            if not cls.startswith("dense") or \
                    (layer is not sized[-1] and layer_width(layer) < 2 * out):
                return False
        elif not (cls == "activation" or cls in _ACTIVATION_LAYERS or
                  any(cls.startswith(p) for p in _LINEAR_PLUMBING)):
            return False
    return True


def additive_in_ids(layers, sized):
    """(the Embeddings' names, the output layer's, the classes between) when every layer
    holding weights before the output (a Dense layer) is an Embedding whose vectors reach it
    flattened (a Flatten or Reshape), with nothing else between but a Concatenate or a
    Dropout: the output's logits are a sum of one learned score per id and position,
    additive in the ids (with a global pooling between it is a bag, order_blind_pooling's
    case). Else None."""
    if len(sized) < 2 or not str(sized[-1].get("class") or "").startswith("Dense"):
        return None
    if any(str(l.get("class") or "") != "Embedding" for l in sized[:-1]):
        return None
    between = []
    for layer in layers:
        cls = str(layer.get("class") or "").lower()
        if layer in sized:
            continue
        if cls not in _ADDITIVE_PLUMBING:
            return None
        if cls != "inputlayer":
            between.append(str(layer.get("class")))
    # Without a Flatten or Reshape the Dense output scores each position on its own
    # (positions_scored_alone's case).
    if not any(b.lower() in ("flatten", "reshape") for b in between):
        return None
    return [str(l.get("name")) for l in sized[:-1]], str(sized[-1].get("name")), \
        sorted(set(between))


# Weightless layers that keep a sum of per-id scores a sum.
_ADDITIVE_PLUMBING = ("inputlayer", "flatten", "reshape", "concatenate", "dropout")
# Layers that only apply an activation.
_ACTIVATION_LAYERS = ("relu", "leakyrelu", "prelu", "elu", "softmax")


def _all_linear(layers, sized):
    """True when every Dense/Conv layer before the output has no activation (or 'linear'),
    there is at least one, and nothing else in the model is nonlinear: however deep, it is
    one linear map. An Embedding is a linear map of the ids' one-hot codes, so one averaged
    over the positions and fed to such layers is a linear model of the ids' counts (a lone
    Embedding before the output is the usual bag-of-embeddings classifier, not this)."""
    hidden = sized[:-1]
    if not any(str(l.get("class") or "").lower().startswith(("dense", "conv")) for l in hidden):
        return False
    for layer in layers:
        cls = str(layer.get("class") or "").lower()
        if layer in sized:
            if layer is sized[-1] or cls == "embedding":
                continue
            if not (cls.startswith("dense") or cls.startswith("conv")) or \
                    str(layer.get("activation") or "linear").lower() != "linear":
                return False
        elif not any(cls.startswith(p) for p in _LINEAR_PLUMBING):
            return False
    return True


# Positively homogeneous activations besides linear and the ReLU family: f(c x) = c f(x).
_HOMOGENEOUS = ("leaky_relu", "leakyrelu", "prelu")
# Layers that add a learned offset (their beta) when centred.
_OFFSET_NORMALIZATIONS = ("batchnormalization", "layernormalization", "groupnormalization")


def bias_free(layers, sized):
    """Whether no layer of a model of Dense/Conv layers adds a bias: every one recorded with
    use_bias=False, no normalization layer with an offset, no lookup (an Embedding's rows
    are offsets). With ReLU-family or linear activations such a network is positively
    homogeneous (He et al. 2015 use this of bias-free ReLU nets); it cannot place a
    threshold away from the origin."""
    if not sized:
        return False
    for layer in layers:
        cls = str(layer.get("class") or "").lower()
        settings = layer.get("settings") if isinstance(layer.get("settings"), dict) else {}
        if cls.startswith(_OFFSET_NORMALIZATIONS) and settings.get("center", True) is not False:
            return False
        # An adapted Normalization subtracts a mean; a Rescaling may add an offset.
        if cls == "normalization" and not layer.get("identity"):
            return False
        if cls == "rescaling" and settings.get("offset") not in (None, 0, 0.0):
            return False
        if cls == "embedding":
            return False
        if layer in sized:
            if settings.get("use_bias") is not False:
                return False
            # A squashing hidden activation is not homogeneous: sigmoid(0) = 1/2 is an offset.
            act = str(layer.get("activation") or "linear").lower()
            if layer is not sized[-1] and not (act == "linear" or act.startswith("relu") or
                                              act in _HOMOGENEOUS):
                return False
    return True


# Activations that never fall as their input rises.
_NON_DECREASING = ("linear", "relu", "relu6", "leaky_relu", "elu", "selu", "softplus",
                   "sigmoid", "hard_sigmoid", "tanh", "hard_tanh", "softsign", "exponential")


def monotone(layers, weighted):
    """Whether the model is non-decreasing in every input: every layer holding weights is a
    Dense whose kernel is constrained non-negative (Keras's NonNeg) with a non-decreasing
    activation, and nothing else in it holds weights (two such layers at least)."""
    if len(weighted) < 2:
        return False
    for layer in weighted:
        constraint = layer.get("kernel_constraint")
        if not str(layer.get("class") or "").startswith("Dense") or \
                not isinstance(constraint, dict) or \
                str(constraint.get("class") or "").lower() != "nonneg" or \
                str(layer.get("activation") or "linear").lower() not in _NON_DECREASING:
            return False
    return all(str(l.get("activation") or "linear").lower() in _NON_DECREASING
               for l in layers if str(l.get("class") or "").lower() == "activation")


# Weightless layers that lower an input's resolution.
_DOWNSAMPLING = ("resizing", "maxpooling", "averagepooling", "cropping", "centercrop",
                 "maxpool", "averagepool", "avgpool")


def shrunk_input(layers):
    """(the layer, the input's positions, what is left) when a weightless downsampling layer
    (a Resizing, pooling, global pooling or cropping) before the first layer holding weights
    leaves at most SHRUNK_INPUT_POSITIONS positions of an image or sequence and at least
    SHRUNK_INPUT_FACTOR times fewer than it had, else None. Resizing 224 x 224 photos to
    64 x 64 keeps their content; a 4 x 4 thumbnail or 2 x 2 maxima of a tile keep little more
    than its average, and a global pooling straight after the input keeps only that (one
    number per channel: a trace's mean, which levelling makes the same for every trace)."""
    first_shape = None
    for layer in layers:
        if (layer.get("params") or 0) > 0:
            return None
        cls = str(layer.get("class") or "").lower()
        inp, out = layer.get("input_shape"), layer.get("output_shape")
        if not (isinstance(inp, list) and isinstance(out, list)) or len(inp) < 3 or \
                any(isinstance(d, list) for d in inp):
            continue
        if first_shape is None:
            first_shape = inp
        pools_all = cls.startswith("global") and "pool" in cls
        if not (cls.startswith(_DOWNSAMPLING) and len(out) == len(inp)) and not pools_all:
            continue
        # A global pooling leaves one position per channel (its output keeps only the
        # channels, or ones where the positions were with keepdims).
        settings = layer.get("settings") if isinstance(layer.get("settings"), dict) else {}
        first = settings.get("data_format") == "channels_first"
        before = first_shape[2:] if first else first_shape[1:-1]
        after = [1] * len(before) if pools_all else (out[2:] if first else out[1:-1])
        if not all(isinstance(d, int) and d > 0 for d in list(before) + list(after)):
            continue
        if np.prod(after) <= T.SHRUNK_INPUT_POSITIONS and \
                np.prod(before) >= T.SHRUNK_INPUT_FACTOR * np.prod(after):
            return layer.get("name") or cls, list(before), list(after)
    return None


def dead_bottleneck(ctx):
    """(name, width, zero fraction) of a hidden ReLU-type layer of at most BOTTLENECK_UNITS
    units that carries everything to the outputs (`carries_everything`) and outputs zero for
    at least DEAD_FRACTION's lower end of the probe, or None. Every example passes through
    its one or two numbers: once they are off, nothing reaches the head, so its dead units
    are what a layer that narrow does, not a learning rate or an initialisation that killed
    part of a wide layer; the fix is width (a wider layer still has live units to learn
    with), where LeakyReLU would keep a code too narrow to separate the targets."""
    zero = ctx.column(M.ACTIVATION, "zero_fraction", "around")
    if zero is None:
        return None
    names, acts = ctx.layer_activations()
    shown = dict(zip(names, zip(acts, [float(z) for z in zero])))
    for layer in [l for l in ctx.layers() if layer_width(l)][:-1]:
        name, width = layer.get("name"), layer_width(layer)
        act, z = shown.get(name, (None, float("nan")))
        if isinstance(width, (int, float)) and 0 < width <= T.BOTTLENECK_UNITS and \
                (act or "").startswith("relu") and np.isfinite(z) and z >= T.DEAD_FRACTION[0] \
                and ctx.carries_everything(name):
            return name, int(width), z
    return None


def saturated_bottleneck(ctx):
    """(name, width, saturated share) of a hidden layer of at most BOTTLENECK_UNITS units with
    a bounded activation (tanh, sigmoid, an LSTM's or GRU's output) that carries everything
    to the outputs (`carries_everything`) and is saturated for at least SATURATED_FRACTION's
    upper end of the probe, or blocks that share of the gradient on average (its outputs
    near the flat ends without crossing the saturated cut: blocked_shares), or None. As for
    dead_bottleneck: every example passes through its one or two numbers, and to tell more
    classes or amounts apart than they can hold on their steep part the training drives them
    to their ends (an LSTM(1) coding four markets at +-1); the fix is width, not the
    activation or its initialisation."""
    sat = ctx.saturated_shares()
    if sat is None:
        return None
    names, acts = ctx.layer_activations()
    shown = dict(zip(names, zip(acts, [float(v) for v in np.atleast_1d(sat)])))
    blocked = ctx.blocked_shares()
    for layer in [l for l in ctx.layers() if layer_width(l)][:-1]:
        name, width = layer.get("name"), layer_width(layer)
        act, share = shown.get(name, (None, float("nan")))
        if name in blocked:
            share = np.nanmax([share, blocked[name][0]])
        if isinstance(width, (int, float)) and 0 < width <= T.BOTTLENECK_UNITS and \
                (act or "") in T.SQUASHING_ACTIVATIONS and np.isfinite(share) and \
                share >= T.SATURATED_FRACTION[1] and ctx.carries_everything(name):
            return name, int(width), share
    return None


def _percent(fraction):
    return "%.0f%%" % (100.0 * fraction)
