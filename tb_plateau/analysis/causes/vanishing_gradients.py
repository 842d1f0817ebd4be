"""Vanishing gradients: they shrink on the way back to the first layers, which stop learning."""

import math

import numpy as np

from tb_plateau import metadata as M
from tb_plateau.analysis import thresholds as T
from tb_plateau.analysis.causes.base import Cause, Explains
from tb_plateau.analysis.context import fmt
from tb_plateau.analysis.measurements import ACTIVATION_LAYERS
from tb_plateau.analysis.thresholds import ramp


# The squashing activations a hidden layer uses (softmax is an output's).
HIDDEN_SQUASHING = tuple(a for a in T.SQUASHING_ACTIVATIONS if a != "softmax")


# The largest slope of a squashing activation below 1 (sigmoid's is 1/4 at 0): an ungated
# recurrent layer using it multiplies the gradient by at most that at every step back.
MAX_SLOPE = {"sigmoid": 0.25, "hard_sigmoid": 0.2, "log_sigmoid": 1.0, "softsign": 1.0}


def slope_decades(layers):
    """The decades a gradient loses through the hidden layers of `layers` (all but the
    last) by their activations' steepest slopes alone (MAX_SLOPE: a sigmoid's quarter is
    0.6 of a decade), whatever the weights."""
    return sum(math.log10(1.0 / MAX_SLOPE[act]) for act in
               (str(l.get("activation") or "").lower() for l in layers[:-1])
               if MAX_SLOPE.get(act, 1.0) < 1.0)


def ungated_recurrence(ctx):
    """(layer name, timesteps, how strongly (0..1) its gradient through time vanishes, its
    activation when that slope is under 1 else None, that slope) of the ungated recurrent layer (SimpleRNN, alone or wrapped) where it vanishes most, or None.
    Its gradient through time is a product of one Jacobian per step, which shrinks
    geometrically (Bengio et al. 1994): LSTM and GRU gates exist to carry it over long
    sequences. With tanh that takes UNGATED_RNN_STEPS; an activation whose slope is at most
    s < 1 (sigmoid: 1/4) takes log10(1 / s) decades off at every step by itself, judged on
    SIGNAL_COLLAPSE_DECADES."""
    best = None
    for layer in ctx.layers():
        cls = str(layer.get("class") or "")
        shape = layer.get("input_shape")
        if "SimpleRNN" not in cls and not (cls in ("Bidirectional", "TimeDistributed", "RNN")
                                          and "simple_rnn" in str(layer.get("name") or "")
                                          + " ".join(ctx.names(M.GRAD_NORM))):
            continue
        if isinstance(shape, list) and len(shape) == 3 and isinstance(shape[1], int):
            steps = shape[1]
            strength = ramp(steps, *T.UNGATED_RNN_STEPS)
            slope = MAX_SLOPE.get(str(layer.get("activation") or "").lower(), 1.0)
            if slope < 1.0:
                strength = max(strength, ramp(steps * math.log10(1.0 / slope),
                                              *T.SIGNAL_COLLAPSE_DECADES))
            if best is None or (strength, steps) > (best[2], best[1]):
                best = (layer.get("name"), steps, strength,
                        str(layer.get("activation")) if slope < 1.0 else None, slope)
    return best


_RECURRENT = ("lstm", "gru", "simplernn", "rnn", "bidirectional")


def faded_recurrence(ctx):
    """ungated_recurrence's finding in a model that learned nothing and had not learned
    before (one that carried enough gradient to learn, then lost it to a blow-up or killed
    units, is not one whose gradient through time vanished), its strength cut by how far
    the recurrent weights grew under unclipped plain steps (recurrence_weights_grew: they
    took large steps, so the gradient through time grew on some batches, it did not fade);
    else None."""
    recurrence = ungated_recurrence(ctx)
    if recurrence is None or not ctx.learned_nothing() or ctx.learned_before():
        return None
    grew = ctx.recurrence_weights_grew()
    if grew is None:
        return recurrence
    strength = recurrence[2] * (1.0 - grew["strength"])
    return recurrence[:2] + (strength,) + recurrence[3:] if strength > 0 else None


def reads_backwards(ctx):
    """(layer name, timesteps) of an ungated recurrent layer (SimpleRNN) outside a
    Bidirectional wrapper that reads its sequence backwards (go_backwards=True) and returns
    only its last state: that state ends on the sequence's first step, so the latest steps
    (what a forecast depends on most) have to be carried through every other step to the
    output, with no gate to carry the gradient. None otherwise (an LSTM or GRU reading
    backwards carries it: reading a whole text either way is no mistake)."""
    for layer in ctx.layers():
        cls = str(layer.get("class") or "").lower()
        settings = layer.get("settings") if isinstance(layer.get("settings"), dict) else {}
        # A Bidirectional wrapper's view (config_layers) reads its sequence both ways,
        # whatever its inner layer's go_backwards.
        if cls != "simplernn" or settings.get("go_backwards") is not True \
                or settings.get("return_sequences") or \
                str(layer.get("wrapper") or "").lower() == "bidirectional":
            continue
        shape = layer.get("input_shape")
        steps = shape[1] if isinstance(shape, list) and len(shape) == 3 and \
            isinstance(shape[1], int) else None
        # The backward half of a bidirectional pair built by hand: another recurrent layer
        # reads the same sequence forwards.
        paired = any(other is not layer and other.get("input_shape") == shape and
                     str(other.get("class") or "").lower() in ("lstm", "gru", "simplernn") and
                     not (other.get("settings") or {}).get("go_backwards")
                     for other in ctx.layers())
        if steps is not None and steps >= T.UNGATED_RNN_STEPS[0] and not paired:
            return layer.get("name"), steps
    return None


def forgetful_recurrence(ctx):
    """(layer name, its output's spread, timesteps or None) of the recurrent layer returning
    only its last state whose output varies least, when that spread is on
    RECURRENT_STATE_SPREAD; else None. The spread is over examples and units together, so
    the spread across examples alone is no larger. Exactly 0 is left to the causes of
    identical units (constant initialisers, saturation)."""
    std = ctx.column(M.ACTIVATION, "std", "around")
    if std is None:
        return None
    names = ctx.names(M.ACTIVATION)
    by_name = {l.get("name"): l for l in ctx.layers()}
    best = None
    for name, spread in zip(names, std):
        layer = by_name.get(name) or {}
        cls = str(layer.get("class") or "").lower()
        settings = layer.get("settings") if isinstance(layer.get("settings"), dict) else {}
        # The output shape says whether it returns its last state alone ((None, units));
        # a wrapper (Bidirectional) does not record its layer's return_sequences.
        shape = layer.get("output_shape")
        sequences = len(shape) > 2 if isinstance(shape, list) and shape and \
            not isinstance(shape[0], list) else bool(settings.get("return_sequences"))
        if cls not in _RECURRENT or sequences or not (np.isfinite(spread) and spread > 0):
            continue
        if ramp(float(spread), *T.RECURRENT_STATE_SPREAD) > 0 and \
                (best is None or spread < best[1]):
            shape = layer.get("input_shape")
            steps = shape[1] if isinstance(shape, list) and len(shape) == 3 and \
                isinstance(shape[1], int) else None
            best = (name, float(spread), steps)
    return best


# A recurrent cell's class-style name ('gru_cell') and the layer classes that hold one.
_CELL_LAYERS = {"gru_cell": "GRU", "lstm_cell": "LSTM", "simple_rnn_cell": "SimpleRNN"}


def layer_of(name, by_name):
    """The layer a gradient-norm name belongs to: itself; for a recurrent cell's variables
    the layer holding the cell: the path's layer ('gru_1/gru_cell' -> 'gru_1'), the layer
    the cell is named after ('gru_cell' -> 'gru'), or the model's only layer of that class
    (a GRU named 'encoder')."""
    if name in by_name:
        return name
    parts = name.split("/")
    for part in reversed(parts[:-1]):
        if part in by_name:
            return part
    last = parts[-1]
    if not last.endswith("_cell"):
        return name
    if last[:-len("_cell")] in by_name:
        return last[:-len("_cell")]
    cls = _CELL_LAYERS.get(last)
    holders = [n for n, layer in by_name.items() if str(layer.get("class") or "") == cls]
    return holders[0] if cls and len(holders) == 1 else name


def gradient_cut(ctx):
    """(the layers that get no gradient, the first layer that does, the layers between
    them) when the gradient stops at one place in the network from the first diagnostic on:
    every trainable layer before it gets exactly 0, every one after it gets some, and the
    layers before it are alive (their outputs vary across examples and units, few units
    dead or saturated, no separate activation layer after them) with random initialisers. Then it is no dead unit, symmetric start or saturation
    that stops it, but an operation between the two layers that passes no gradient (a
    rounding, mod or argmax, a cast to integers, stop_gradient, a value taken outside the
    tape). None otherwise."""
    prof, first = ctx.grad_profile(), ctx.first_profile()
    if prof is None or first is None or len(prof["grad"]) < 2 or \
            len(first["grad"]) != len(prof["grad"]):
        return None
    names = prof["names"]
    cut = []
    for g in (prof["grad"], first["grad"]):
        if not np.all(np.isfinite(g)):
            return None
        zero = g <= T.GRAD_ZERO
        k = int(np.argmin(zero)) if not np.all(zero) else len(g)
        if k == 0 or k == len(g) or np.any(zero[k:]):
            return None
        cut.append(k)
    if cut[0] != cut[1]:
        return None
    k = cut[0]
    by_name = {l.get("name"): l for l in ctx.layers()}
    # A recurrent layer's weights live in its cell ("gru_cell" for the layer "gru").
    names = [layer_of(n, by_name) for n in names]
    before = names[:k]
    if any(by_name.get(n, {}).get("trainable") is False for n in before):
        return None
    if {n for n, _, _ in ctx.constant_initialized_layers()} & set(before):
        return None
    std = ctx.column(M.ACTIVATION, "std", "around")
    zero = ctx.column(M.ACTIVATION, "zero_fraction", "around")
    saturated = ctx.saturated_shares()
    act_names = ctx.names(M.ACTIVATION)
    if std is None:
        return None
    spread = dict(zip(act_names, std))
    zeros = dict(zip(act_names, zero)) if zero is not None else {}
    flat = dict(zip(act_names, saturated)) if saturated is not None else {}
    for n in before:
        if n not in spread or not (np.isfinite(spread[n]) and spread[n] > T.GRAD_ZERO):
            return None
        dead = ctx.dead_units_of(n)
        if dead is not None and dead >= 0.5:
            return None
        # Mostly zeros (dead units when their count is not logged) or saturated squashing
        # units stop the gradient themselves.
        if zeros.get(n, 0.0) >= T.DEAD_FRACTION[0] or flat.get(n, 0.0) >= T.SATURATED_FRACTION[0]:
            return None
    order = [l.get("name") for l in ctx.layers()]
    between = []
    if before[-1] in order and names[k] in order:
        i, j = order.index(before[-1]), order.index(names[k])
        for n in order[i + 1:j]:
            layer = by_name.get(n, {})
            # A separate activation layer (a dead ReLU, a saturated tanh) stops it too.
            if str(layer.get("class") or "") in ACTIVATION_LAYERS:
                return None
            if layer.get("params") == 0:
                between.append(n)
    return before, names[k], between


def collapse_killed_the_relus(ctx):
    """The share of the dead-ReLU evidence left when the signal already collapsed through
    the layers at the first logged step, with standard initialisers, and every mostly dead
    ReLU layer lies at or after where it collapsed: units fed inputs decades below their
    biases' drift go silent, so they are the collapse's symptom (0.1 * (x + f(x)) in every
    residual block). 1 when that does not hold."""
    if not ctx.standard_hidden_init():
        return 1.0
    collapse = ctx.first_step_signal_collapse()
    crushed = ramp(collapse[0], *T.SIGNAL_COLLAPSE_DECADES) if collapse is not None else 0.0
    zero = ctx.column(M.ACTIVATION, "zero_fraction", "around")
    names, acts = ctx.layer_activations()
    if not crushed > 0 or zero is None or collapse[2] not in names:
        return 1.0
    at = names.index(collapse[2])
    dead = [i for i, a in enumerate(acts[:len(zero)]) if a and a.startswith("relu") and
            np.isfinite(zero[i]) and zero[i] >= T.DEAD_FRACTION[0]]
    if not dead or min(dead) < at:
        return 1.0
    return 1.0 - 0.8 * crushed


class VanishingGradients(Cause):
    id = "vanishing_gradients"
    contradicts = ("exploding_gradients",)
    title = "Vanishing gradients"
    # A consequence of most other causes; only capacity, judged by elimination, is later.
    precedence = 110
    explains = (Explains("dead_relus", collapse_killed_the_relus),)
    kinds = ("stalled",)

    def examine(self, ctx, f):
        prof = ctx.grad_profile()
        if prof is None:
            self.examine_global_norm(ctx, f)
            return
        g, names = prof["grad"], prof["names"]
        nonzero = np.flatnonzero(np.isfinite(g) & (g > T.GRAD_ZERO))
        if len(nonzero) < 1 or len(g) < 2:
            return
        # The forward signal collapsing through the hidden layers from the first step, with
        # weights that keep it (standard initialisers): the activations crush it, and the
        # gradient coming back vanishes with it, to exact zeros in float32.
        collapse = ctx.first_step_signal_collapse() if ctx.standard_hidden_init() else None
        crushed = 0.0
        if collapse is not None:
            decades, first, layer, act, first_std, layer_std = collapse
            crushed = ramp(decades, *T.SIGNAL_COLLAPSE_DECADES)
            if crushed > 0:
                f.add(0.8 * crushed,
                      "at the first logged step the activations' spread falls from %s in %s "
                      "to %s in %s%s, with standard initialisers: the activation shrinks the "
                      "signal layer by layer, and the gradient with it"
                      % (fmt(first_std), first, fmt(layer_std) if layer_std > 0 else "0",
                         layer, " (%s)" % act if act else ""),
                      signal=M.ACTIVATION, layers=[first, layer], value=decades)
        # Only where the model learned little: a part kept out of training on purpose
        # (features held fixed by stop_gradient for a linear probe) leaves a loss at
        # whatever the rest can reach.
        cut = gradient_cut(ctx) if crushed == 0 and ctx.learned_little() else None
        if cut is not None:
            before, after, between = cut
            f.add(0.8, "%s get%s exactly zero gradient from the first step while %s, after "
                  "them, gets some, and their outputs vary with few dead units: the gradient "
                  "stops %s" % (", ".join(before[:4]) + (" ..." if len(before) > 4 else ""),
                                "s" if len(before) == 1 else "", after,
                                "in %s" % ", ".join(between[:3]) if between else
                                "between %s and %s" % (before[-1], after)),
                  signal=M.GRAD_NORM, layers=list(before[:4]) + [after], steps=ctx.span,
                  value=0.0)
            f.summary = ("The gradient never reaches %s: an operation between %s and %s passes "
                         "none back, so they keep their starting weights."
                         % (before[0] if len(before) == 1 else "the first %d layers" % len(before),
                            before[-1], after))
            f.fix = ("Make the path from %s to the loss differentiable: a rounding, floor or mod "
                     "(quantisation) needs a straight-through estimator, x + "
                     "stop_gradient(q - x); an argmax a softmax; keep casts to integers, numpy "
                     "conversions and stop_gradient off the path the loss is trained through."
                     % before[-1])
            return
        if np.sum(g <= T.GRAD_ZERO) >= len(g) - 1:
            if crushed > 0:
                f.add(0.5 * crushed, "every hidden layer's gradient is exactly 0: it "
                      "underflowed on the way back", signal=M.GRAD_NORM, steps=ctx.span)
                self.describe(f, collapse)
            return  # otherwise exact zeros are dead units or symmetric init, not vanishing
        last = g[-1] if g[-1] > T.GRAD_ZERO else g[nonzero[-1]]
        smallest = int(nonzero[np.argmin(g[nonzero])])
        # A gradient that vanished on the way back stays small in every layer before the
        # smallest one. A layer before it that gets a gradient of a healthy size says the
        # gradient came through: the small one sits on a side path (an attention's query
        # and key, under attention still near uniform, get a second-order share), and it
        # counts as far as that earlier gradient is small too.
        earlier = nonzero[nonzero < smallest]
        faded_before = ramp(float(np.max(g[earlier])) / last, T.GRAD_DEPTH_RATIO_WEAK,
                            T.GRAD_DEPTH_RATIO_STRONG) if len(earlier) else 1.0
        f.add(ramp(g[smallest] / last, T.GRAD_DEPTH_RATIO_WEAK, T.GRAD_DEPTH_RATIO_STRONG)
              * faded_before,
              "gradient norm of %s is %s x that of the output layer %s"
              % (names[smallest], fmt(g[smallest] / last), names[-1]),
              signal=M.GRAD_NORM, layers=[names[smallest], names[-1]], steps=ctx.span,
              value=g[smallest] / last)
        if len(nonzero) >= 3:
            lg = np.log10(g[nonzero])
            if np.all(np.diff(lg) >= -0.05) and lg[-1] - lg[0] >= 1:
                f.add(0.3, "gradients shrink layer by layer toward the input (%s decades)"
                      % fmt(lg[-1] - lg[0]), signal=M.GRAD_NORM, steps=ctx.span)
                if lg[-1] - lg[0] >= T.VANISHING_SIGNATURE_DECADES:
                    f.signature = True
        if prof["relative"] is not None:
            rel = prof["relative"]
            ok = np.isfinite(rel) & (rel > 0)
            if np.any(ok):
                r = float(np.median(rel[ok]))
                f.add(0.6 * ramp(r, *T.RELATIVE_GRAD_TINY),
                      "median gradient/weight ratio %s" % fmt(r), signal=M.GRAD_NORM,
                      steps=ctx.span, value=r)
        depth = sum(1 for l in ctx.layers() if l.get("units") or l.get("filters"))
        squash = sum(1 for l in ctx.layers()
                     if str(l.get("activation") or "").lower() in HIDDEN_SQUASHING)
        if depth >= 5 and squash >= 3:
            f.add(0.2, "%d layers with %d squashing (sigmoid/tanh-like) activations"
                  % (depth, squash))
        recurrence = faded_recurrence(ctx)
        if recurrence is not None:
            name, steps, strength, squash, slope = recurrence
            f.add(strength,
                  "%s is an ungated recurrent layer (SimpleRNN%s) reading %d timesteps, and "
                  "the loss stays at the constant-prediction level: its gradient through time "
                  "shrinks with every step back%s"
                  % (name, ", activation='%s'" % squash if squash else "", steps,
                     " (the activation's slope is at most %s: %s decades over the sequence)"
                     % (fmt(slope), fmt(steps * math.log10(1.0 / slope))) if squash else ""),
                  layers=[name], value=steps)
            if f.confidence > 0 and strength > 0:
                f.summary = ("Gradients vanish through time: a SimpleRNN cannot carry the "
                             "error signal back over %d timesteps." % steps)
                f.fix = ("Use LSTM or GRU instead of SimpleRNN (their gates carry the gradient "
                         "over long sequences), shorten the sequences (windows, striding, a "
                         "Conv1D front end), or add attention over the sequence.")
                if squash:
                    f.fix = ("Use activation='tanh' (SimpleRNN's default) instead of '%s', whose "
                             "slope of at most %s shrinks the gradient at every step back; or "
                             % (squash, fmt(slope))) + f.fix[0].lower() + f.fix[1:]
                return
        backwards = reads_backwards(ctx)
        if backwards is not None and ctx.learned_little():
            name, steps = backwards
            f.add(0.7, "%s reads its %d timesteps backwards (go_backwards=True) and returns "
                  "only its last state, which ends on the first timestep: the latest steps "
                  "reach the output only through every other step, and the loss stays at "
                  "%.0f%% of the constant-prediction loss" % (name, steps,
                                                             100 * ctx.level / ctx.baseline),
                  layers=[name], value=steps)
            f.summary = ("Gradients vanish through time: %s reads the sequence backwards, so "
                         "its latest steps are the furthest from the output." % name)
            f.fix = ("Read the sequence forwards (go_backwards=False, the default), or use "
                     "Bidirectional(...) to read both ways; go_backwards alone belongs only in "
                     "the backward half of a bidirectional pair that is merged with the "
                     "forward half.")
            return
        forgot = forgetful_recurrence(ctx) if ctx.learned_nothing() else None
        if forgot is not None:
            name, spread, steps = forgot
            alone = f.confidence <= 0  # the only evidence: it names the summary and fix
            f.add(0.6 * ramp(spread, *T.RECURRENT_STATE_SPREAD),
                  "%s's last state barely varies (spread %s over examples and units; a state "
                  "that carries its sequence spreads 0.15 or more)%s, and the loss stays at the "
                  "constant-prediction level: what the sequence held faded out before its "
                  "last step, and the gradient back to it with it"
                  % (name, fmt(spread), " over %d timesteps" % steps if steps else ""),
                  signal=M.ACTIVATION, layers=[name], steps=ctx.span, value=spread)
            if alone:
                f.summary = ("Gradients vanish through time: %s's last state no longer depends "
                             "on the sequence." % name)
                f.fix = ("Keep what matters near the last step, or let every step reach the "
                         "output: pad sequences at the front (pad_sequences(padding='pre'), "
                         "the Keras default) or mask the padding (a Masking() layer, or "
                         "Embedding(mask_zero=True)); shorten the sequences; or read every "
                         "step (return_sequences=True, then a global pooling or attention).")
                return
        self.describe(f, collapse if crushed > 0 else None)

    def describe(self, f, collapse):
        f.summary = "Gradients vanish on the way back to the first layers, so they stop learning."
        f.fix = ("Use ReLU hidden activations with He initialisation (kernel_initializer="
                 "'he_normal'), add BatchNormalization between layers or residual connections, "
                 "or make the network shallower.")
        if collapse is not None and collapse[3]:
            f.fix = ("Check the hidden activation '%s' (a different one may have been meant, "
                     "e.g. tanh): it shrinks small inputs toward 0. " % collapse[3]) + f.fix

    def examine_global_norm(self, ctx, f):
        """Without per-layer norms (a run logged by another tool): only a global gradient
        norm that collapsed by decades while the loss learned nothing, and only as a weak
        hint (thresholds.GLOBAL_GRAD_COLLAPSE says why): a healthy run's norm shrinks as it
        converges, and saturated or dead units collapse it too."""
        if not ctx.learned_nothing() or ctx.level is None:
            return
        ratio, collapse = ctx.global_gradient_collapse()
        if not collapse > 0:
            return
        course = ctx.global_gradient_course()
        f.add(T.GLOBAL_GRAD_VANISHING_WEIGHT * collapse,
              "the global gradient norm fell to %s x its early level (from %s to %s) while the "
              "loss stayed at %s; only the global norm was logged, so vanishing gradients "
              "cannot be told from saturated or dead units"
              % (fmt(ratio), fmt(course["early"]), fmt(course["inside"]), fmt(ctx.level)),
              signal=M.GRAD_GLOBAL_NORM, steps=(ctx.first_step, ctx.end), value=ratio)
        f.summary = ("The gradient vanished: the global gradient norm collapsed while the loss "
                     "did not improve.")
        f.fix = ("Log per-layer gradient norms (PlateauCallback(probe_data=...)) to see which "
                 "layers lose the gradient. Meanwhile: use ReLU hidden activations with He "
                 "initialisation, add normalization layers or residual connections, and check "
                 "for sigmoid/tanh outputs saturated by unscaled inputs or targets.")
