"""Over-regularization: the penalty outweighs fitting the data."""

import numpy as np

from tb_plateau import metadata as M
from tb_plateau.analysis import thresholds as T
from tb_plateau.analysis.baseline import weighted_loss
from tb_plateau.analysis.causes.base import Cause
from tb_plateau.analysis.context import fmt
from tb_plateau.analysis.measurements import (AUGMENTATION_PREFIXES, TRAINING_ONLY,
                                              training_only)
from tb_plateau.analysis.thresholds import ramp


def layer_penalties(ctx):
    """([(L1/L2 factor, layer, "l1"/"l2")], [(dropout rate, layer, which dropout)]) from the
    layers' config:
    every regularizer a layer takes (kernel, bias, activity, an Embedding's embeddings, a
    recurrent kernel's)."""
    factors = []
    rates = []
    for layer in ctx.layers():
        for key in sorted(k for k in layer if k.endswith("_regularizer")):
            reg = layer.get(key)
            if isinstance(reg, dict) and isinstance(reg.get("config"), dict):
                for k in ("l2", "l1"):
                    v = reg["config"].get(k)
                    if isinstance(v, (int, float)) and v > 0:
                        factors.append((float(v), layer.get("name"), k))
        rate = layer.get("rate")
        if isinstance(rate, (int, float)) and "dropout" in str(layer.get("class", "")).lower():
            rates.append((float(rate), layer.get("name"), "dropout rate"))
        for key in ("dropout", "recurrent_dropout"):  # a recurrent layer's own dropout
            rate = layer.get(key)
            if isinstance(rate, (int, float)) and rate > 0:
                rates.append((float(rate), layer.get("name"), key))
    return factors, rates


def l2_equivalent(ctx, factor, name):
    """The L2 factor that pulls as hard as L1(`factor`) on layer `name`'s typical starting
    weight (its first logged weight norm over the root of its parameter count): L1's pull is
    the factor, L2's twice the factor times the weight. The factor itself when that weight
    is not known or not below 1/2."""
    first = ctx.first_profile()
    layer = next((l for l in ctx.layers() if l.get("name") == name), None)
    params = layer.get("params") if layer else None
    if first is None or first["weight"] is None or name not in first["names"] or \
            not isinstance(params, int) or params <= 0:
        return factor
    typical = float(first["weight"][first["names"].index(name)]) / np.sqrt(params)
    if not np.isfinite(typical) or not 0 < typical < 0.5:
        return factor
    return factor / (2.0 * typical)


def whole_example_dropout(ctx):
    """(layer, rate, noise_shape, the input's shape) of a Dropout whose noise_shape draws one keep-or-drop per
    example (1 on every axis the input has more than one of): each step it zeroes the whole
    layer's output for a share `rate` of the examples, or None. (Keras's noise_shape with 1
    on the time axis drops whole timesteps, on the feature axis whole features: those are
    the usual shared masks; one on every axis drops examples.)"""
    for layer in ctx.layers():
        settings = layer.get("settings") if isinstance(layer.get("settings"), dict) else {}
        noise = settings.get("noise_shape")
        shape = layer.get("input_shape")
        rate = layer.get("rate")
        if str(layer.get("class") or "").lower() != "dropout" or not isinstance(noise, list) \
                or not isinstance(shape, list) or len(noise) != len(shape) or \
                not isinstance(rate, (int, float)) or not rate > 0:
            continue
        # None on the batch axis: a mask per example (1 there would share one across the
        # batch: each step drops the whole batch's layer or none of it, another mistake).
        sized = [(n, d) for n, d in zip(noise[1:], shape[1:]) if isinstance(d, int) and d > 1]
        if noise[0] is None and sized and all(n == 1 for n, _ in sized):
            return layer.get("name"), float(rate), noise, shape
    return None


def augmentation_layers(ctx):
    """[(layer name, class, its settings as text)] of the random augmentations the inputs
    pass through."""
    found = []
    for layer in ctx.layers():
        cls = str(layer.get("class") or "")
        if cls.lower().startswith(AUGMENTATION_PREFIXES):
            settings = layer.get("settings") if isinstance(layer.get("settings"), dict) else {}
            shown = ", ".join("%s=%r" % (k, v) for k, v in sorted(settings.items())
                              if k not in ("data_format", "seed", "value_range"))
            found.append((layer.get("name"), cls, shown))
    return found


def label_smoothing(ctx):
    """The loss's label_smoothing (the largest, for a loss per output), or None."""
    losses = ctx.config.get("loss")
    if isinstance(losses, dict) and "config" not in losses and "name" not in losses:
        losses = list(losses.values())  # {output name: loss}
    elif not isinstance(losses, list):
        losses = [losses]
    values = [loss["config"].get("label_smoothing") for loss in losses
              if isinstance(loss, dict) and isinstance(loss.get("config"), dict)]
    values = [float(v) for v in values if isinstance(v, (int, float)) and v > 0]
    return max(values) if values else None


def training_only_layers(ctx):
    """Names of the layers that act only in training: dropout, noise, Keras's random
    augmentations, and layers of classes not known to act the same either way (a custom
    SpecAugment mask)."""
    return training_only(ctx.layers())


def training_only_after_output(ctx):
    """(layer, output layer) for a dropout or noise layer after the model's last layer with
    weights (its output layer), or None."""
    layers = ctx.layers()
    weighted = [i for i, layer in enumerate(layers) if (layer.get("params") or 0) > 0]
    if not weighted:
        return None
    last = weighted[-1]
    for layer in layers[last + 1:]:
        cls = str(layer.get("class") or "").lower()
        if cls.startswith(TRAINING_ONLY):
            return str(layer.get("name")), str(layers[last].get("name"))
    return None


def spectrally_normalized(ctx):
    """The names of the layers wrapped in SpectralNormalization when every layer holding
    weights is (two or more), else []: the network is then 1-Lipschitz in its inputs."""
    weighted = [l for l in ctx.layers() if l.get("params")]
    wrapped = [l.get("name") for l in weighted
               if "spectralnormalization" in str(l.get("class") or "").lower()]
    return wrapped if len(wrapped) >= 2 and len(wrapped) == len(weighted) else []


class OverRegularization(Cause):
    id = "over_regularization"
    title = "Over-regularization"
    precedence = 70
    # Heavy regularisation keeps the fit above the baseline's neighbourhood; weights
    # decayed toward zero multiply the backward signal by near-zero factors layer by layer,
    # so the gradient reaching the first layers vanishes.
    upstream_of = ("insufficient_capacity", "vanishing_gradients")
    kinds = ("stalled",)

    def examine(self, ctx, f):
        factors, rates = layer_penalties(ctx)
        if factors:
            # An L1 factor pulls every weight by itself whatever the weight's size, where L2
            # pulls by twice the factor times the weight: judged as the L2 factor that pulls
            # as hard on the layer's typical starting weight.
            judged = [(l2_equivalent(ctx, v, name) if k == "l1" else v, v, name, k)
                      for v, name, k in factors]
            strength, v, name, k = max(judged)
            f.add(ramp(strength, *T.L2_FACTOR),
                  ("L1(%s) on %s pulls each weight by %s whatever its size: as hard as "
                   "L2(%s) would on its typical starting weight (usual ~1e-4)"
                   % (fmt(v), name, fmt(v), fmt(strength))) if k == "l1" and strength > v else
                  "%s(%s) on %s (usual ~1e-4)" % (k.upper(), fmt(v), name),
                  layers=[name], value=v)
        if rates:
            r, name, which = max(rates)
            f.add(ramp(r, *T.DROPOUT_RATE), "%s %s on %s" % (which, fmt(r), name),
                  layers=[name], value=r)
        by_example = whole_example_dropout(ctx)
        if by_example is not None:
            name, rate, noise, _ = by_example
            f.add(0.85 * ramp(rate, *T.EXAMPLE_DROPOUT_RATE),
                  "%s has noise_shape %s: one keep-or-drop per example, so every step %s of "
                  "the examples lose the layer's whole output and are predicted from what "
                  "follows it alone" % (name, "(%s)" % ", ".join("None" if n is None else str(n)
                                                                 for n in noise),
                                        "%.0f%%" % (100 * rate)),
                  layers=[name], value=rate)
        spectral = spectrally_normalized(ctx)
        spectral = spectral if spectral and ctx.learned_little() else []
        if spectral:
            f.add(0.7, "every layer with weights (%d) is wrapped in SpectralNormalization: "
                  "each holds its largest singular value at 1, so the whole network changes "
                  "no faster than its inputs, and the loss stays at %.0f%% of the "
                  "constant-prediction loss" % (len(spectral), 100 * ctx.level / ctx.baseline),
                  layers=spectral[:4])
        share = ctx.penalty_dominates()
        if share is not None:
            part, loss, upper, lower = share
            f.add(0.6 + 0.3 * ramp(part, *T.PENALTY_SHARE),
                  "regularisation terms make at least %.0f%% of the loss: the probe's loss is %s "
                  "while its predictions' squared error is at most %s, and that error (at least "
                  "%s) is no better than predicting a constant (%s): the penalty outweighs "
                  "fitting the data" % (100 * part, fmt(loss), fmt(upper), fmt(lower),
                                        fmt(ctx.baseline)),
                  signal=M.PROBE_LOSS, steps=ctx.span, value=part)
        tight, constraint = ctx.weight_constraint()
        if tight > 0:
            f.add(tight, "%s(max_value=%s) on %s: every unit's weights are held to norm %s "
                  "(usual 2-4)" % (constraint[2] or "a norm constraint", fmt(constraint[0]),
                                   constraint[1], fmt(constraint[0])),
                  layers=[constraint[1]], value=constraint[0])
        # Label smoothing mixes every target with the uniform distribution: at s the model is
        # trained to give the true class only (1 - s) + s/K, and at 1 the targets hold no
        # information, so the constant prediction is already the best fit.
        smoothing = label_smoothing(ctx)
        if smoothing is not None:
            f.add(ramp(smoothing, *T.LABEL_SMOOTHING),
                  "label_smoothing=%s in the loss (usual 0.1): the targets are %s%% uniform noise"
                  % (fmt(smoothing), fmt(100 * min(smoothing, 1.0))), value=smoothing)
        # Regularisation set on the optimizer: decoupled weight decay shrinks every weight
        # by lr x weight_decay per step, whatever the layers say.
        decay = ctx.optimizer_weight_decay()
        decay_strength = 0.0
        if decay is not None and decay[1] is not None:
            decay_strength = ramp(decay[1], *T.WEIGHT_DECAY_PER_STEP)
            f.add(decay_strength, "optimizer weight_decay %s at learning rate %s removes %s "
                  "of every weight per step (usual <= 1e-4)"
                  % (fmt(decay[0]), fmt(ctx.learning_rate()), fmt(decay[1])),
                  signal=M.LEARNING_RATE, value=decay[1])
        # Input noise is judged against the inputs' own spread: a stddev of 0.7 on
        # standardised features is heavy augmentation that still trains, one 40 times the
        # features' spread drowns them.
        noise = ctx.input_noise()
        drowned = ramp(noise[1] / noise[2], *T.INPUT_NOISE_OVER_SPREAD) if noise else 0.0
        # Noise as large as the signal, where the model, scored with the noise off, settled
        # far above what the probe's reference fits reach: what it learned under the noise
        # is what holds it there (healthy augmentation costs a little, not most of the gap).
        beside = ctx.settled_far_above_what_the_data_allows() if noise else None
        shown = ""
        if beside is not None:
            alike = beside[0] * ramp(noise[1] / noise[2], *T.INPUT_NOISE_BESIDE_REFERENCE)
            if alike > drowned:
                drowned = alike
                shown = ("; scored with the noise off, the model reaches %s on the probe, "
                         "where %s reaches %s (a constant: %s)"
                         % (fmt(beside[1]), beside[4], fmt(beside[2]), fmt(beside[3])))
        if drowned > 0:
            f.add(0.7 * drowned, "%s adds noise of stddev %s to inputs whose features spread "
                  "%s: %s x the signal%s" % (noise[0], fmt(noise[1]), fmt(noise[2]),
                                            fmt(noise[1] / noise[2]), shown),
                  layers=[noise[0]], value=noise[1] / noise[2])
        # An augmentation that changes what the label depends on (a vertical flip where up
        # and down differ, a rotation of digits) makes the examples contradict each other:
        # the model learns nothing, however long it trains. Only said when the loss sits at
        # the constant-prediction level; a model that learns is not hurt that way.
        augmented = augmentation_layers(ctx)
        at_baseline = ctx.baseline and ctx.level is not None and \
            ctx.level >= T.NEAR_BASELINE_FRACTION * ctx.baseline
        if augmented and at_baseline:
            name, cls, shown = augmented[0]
            f.add(0.45, "the inputs pass through %s (%s%s) and the model learned nothing (loss "
                  "%s, the constant-prediction loss is %s): an augmentation that changes what "
                  "the label depends on leaves nothing to learn"
                  % (name, cls, ": " + shown if shown else "", fmt(ctx.level),
                     fmt(ctx.baseline)), layers=[name])
        # The probe's loss in inference mode against the training batches' (what is active
        # only in training is off for the probe): a model that fits held-out examples far
        # better than the batches it trains on is held back by training-only layers. The
        # probe is held out, so overfitting only ever raises its loss.
        # The stall's level (training batches, training mode) over the probe's loss in
        # inference mode by the stall's end.
        # (Under fit's class or sample weights the batches' loss is weighted and the
        # probe's is not: the two do not compare.)
        probe = ctx.probe_loss_by_the_end() if not weighted_loss(ctx.config) else None
        hidden = ctx.level / probe if probe is not None and probe > 0 and \
            ctx.level is not None and ctx.level > 0 else None
        hides = ramp(hidden, *T.TRAIN_OVER_INFERENCE_LOSS) if hidden is not None else 0.0
        only_in_training = training_only_layers(ctx) if hides > 0 else []
        if hides > 0:
            f.add(0.55 * hides,
                  "in inference mode the model scores %s on the probe (held-out examples), "
                  "while the training batches score %s: %s, active only in training, hides "
                  "what it has learned" % (fmt(probe), fmt(ctx.level),
                                           ", ".join(only_in_training[:3]) or "something"),
                  signal=M.PROBE_LOSS, steps=(ctx.lead_start, ctx.end),
                  layers=only_in_training[:3] or None, value=float(hidden))
        # Dropout or noise after the output layer acts on the predictions themselves: in
        # training a share of them is zeroed (or perturbed) whatever the weights, so the
        # training loss cannot approach a fit. Healthy training never looks like that.
        on_output = training_only_after_output(ctx)
        if on_output is not None:
            f.add(0.85, "%s comes after the output layer %s: in training it drops or perturbs "
                  "the predictions themselves, so no weights can fit the targets"
                  % on_output, layers=[on_output[0]])
            f.signature = True
        # Every weight pulled toward zero until the model predicts one value for every
        # example: a penalty outweighs the data wherever it was set, also one the
        # configuration cannot show (a term added to the loss by hand, add_loss). Healthy
        # training never ends there, whatever its loss level.
        # Weaker, it is what a symmetric or dead start shows too: it says nothing then.
        pulled = ctx.pulled_to_a_constant()
        if pulled is not None and pulled[0] < 0.5:
            pulled = None
        if pulled is not None:
            strength, change, pred, spread = pulled
            f.signature = True
            f.add(0.85 * strength,
                  "every weight is being pulled to zero: their norm fell to %s of its start, "
                  "and the model now predicts nearly the same value for every example "
                  "(spread %s, the targets' %s)" % (fmt(change), fmt(pred), fmt(spread)),
                  signal=M.WEIGHT_NORM, steps=(ctx.first_step, ctx.end), value=change)
        if f.confidence <= 0:
            return
        _, w = ctx.around(M.WEIGHT_NORM)
        if w is not None and len(w) >= 4:
            total = np.sqrt(np.nansum(np.square(w), axis=1))
            first, last = float(np.median(total[: len(total) // 4 + 1])), float(total[-1])
            if first > 0:
                shrink = 1 - last / first
                f.add(0.4 * ramp(max(shrink, 1e-9), *T.WEIGHT_SHRINK),
                      "weights shrank %s%% over the interval" % fmt(100 * shrink),
                      signal=M.WEIGHT_NORM, steps=(ctx.lead_start, ctx.end))
        # The penalty may have done its work before the interval began (the stall is what
        # is left): the shrink from the run's start counts too.
        change, shrink = ctx.weight_shrink()
        if change is not None and pulled is None:
            f.add(0.4 * shrink,
                  "weights shrank to %s of their initial norm since the run's start"
                  % fmt(change), signal=M.WEIGHT_NORM, steps=(ctx.first_step, ctx.end),
                  value=change)
        pred = ctx.column(M.PREDICTIONS, "std_across_batch") if ctx.has(M.PREDICTIONS) else None
        if pred is not None and np.ndim(pred) == 0 and np.isfinite(pred) and pulled is None:
            f.add(0.3 * ramp(float(pred) + 1e-300, *T.CONSTANT_OUTPUT_STD),
                  "the model predicts nearly the same output for every example (std %s)"
                  % fmt(pred), signal=M.PREDICTIONS, value=float(pred))
        f.summary = "Regularisation is too strong: the penalty outweighs fitting the data."
        fix = []
        if spectral:
            fix.append("remove SpectralNormalization (a GAN discriminator's constraint) from a "
                       "model that must fit its targets, or keep it on a few layers only")
        if factors:
            fix.append("reduce the %s factor from %s to ~1e-4 (or remove it)"
                       % (max(factors)[2].upper(), fmt(max(factors)[0])))
        if tight > 0:
            fix.append("raise the %s max_value from %s to 2-4 (or remove the constraint)"
                       % (constraint[2] or "constraint's", fmt(constraint[0])))
        if smoothing is not None and ramp(smoothing, *T.LABEL_SMOOTHING) > 0:
            fix.append("lower label_smoothing from %s to 0.1 (or 0)" % fmt(smoothing))
        if by_example is not None:
            shape = by_example[3]
            shared = "(%s)" % ", ".join(["1"] * (len(shape) - 1) + [str(shape[-1])]) \
                if isinstance(shape[-1], int) else None
            fix.append("give %s's noise_shape the feature axis (%s) or leave it out: with 1 "
                       "there, it drops whole examples"
                       % (by_example[0], "noise_shape=%s for one mask shared by the batch"
                          % shared if shared else "the input's own size there"))
        heavy = [r for r in rates if by_example is None or r[1] != by_example[0]]
        if heavy and on_output is None:
            fix.append("lower dropout from %s to 0.1-0.3" % fmt(max(heavy)[0]))
        if drowned > 0:
            fix.append("lower %s's stddev from %s to a fraction of the inputs' spread (%s), "
                       "e.g. to %s" % (noise[0], fmt(noise[1]), fmt(noise[2]),
                                       fmt(0.3 * noise[2])))
        if augmented and at_baseline:
            fix.append("check that %s keeps each example's label true (no vertical flips "
                       "where up and down differ, no rotations of digits); train once without "
                       "it" % augmented[0][0])
        if pulled is not None and not fix:
            text = ("find what pulls the weights to zero and scale it down: a penalty added "
                    "to the loss by hand (tf.nn.l2_loss or a sum of squares over the weights, "
                    "add_loss) needs a factor of ~1e-4, as kernel_regularizer=L2(1e-4) would "
                    "apply")
            if decay is not None and decay[1] is not None:
                # The decay the optimizer reports is too weak to do this: say so, rather
                # than send the user to it.
                text += ("; the optimizer's weight_decay (%s) removes only %s of each weight "
                         "per step, not what pulls them" % (fmt(decay[0]), fmt(decay[1])))
            fix.append(text)
        if share is not None and not fix:
            fix.append("scale the terms added to the loss down until the data term leads: a "
                       "penalty summed over the whole data set (a Bayesian layer's KL, a sum "
                       "of squares over the weights) must be divided by the number of training "
                       "examples when the data term is a mean per example")
        if hides >= 0.5 and not fix:
            fix.append("weaken %s (what runs only in training: masks, noise, dropout or "
                       "augmentation) until the training batches still show what the "
                       "examples hold; train once without it to compare"
                       % (" and ".join(only_in_training[:2]) or
                          "the layers active only in training"))
            f.summary = ("What acts only in training is too strong: the training batches "
                         "hide what the model has learned.")
        if on_output is not None:
            fix.insert(0, "remove %s after %s (the output), or move it before the output layer"
                       % on_output)
        if decay_strength > 0:
            lr = ctx.learning_rate()
            fix.append("lower the optimizer's weight_decay from %s so that learning rate x "
                       "weight_decay stays <= 1e-4 per step (e.g. weight_decay=%s at learning "
                       "rate %s; AdamW's default is 0.004)"
                       % (fmt(decay[0]), fmt(min(0.1, 1e-4 / lr)) if lr else "1e-2", fmt(lr)))
        f.fix = ("; ".join(fix) or "weaken the regularisation") + "."
        f.fix = f.fix[0].upper() + f.fix[1:]
