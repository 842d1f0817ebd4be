"""What a cause's detector sees: one interval of one run, its signals inside and just before it."""

import math

import numpy as np

from tb_plateau import metadata
from tb_plateau.analysis import baseline as baseline_mod
from tb_plateau.analysis import thresholds as T
from tb_plateau.analysis.intervals import progress_points, still_creeping
from tb_plateau.analysis.measurements import Measurements, config_layers


def fmt(x):
    """A number for evidence text: 3 significant digits, scientific when tiny or huge."""
    if x is None:
        return "n/a"
    x = float(x)
    if not math.isfinite(x):
        return str(x)
    if x == 0:
        return "0"
    if abs(x) >= 1e4 or abs(x) < 1e-3:
        return "%.2g" % x
    return "%.3g" % x


def _nanmedian(a, axis=0):
    a = np.asarray(a, dtype=np.float64)
    if a.size == 0:
        return None
    a = np.where(np.isfinite(a), a, np.nan)
    with np.errstate(all="ignore"):
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            return np.nanmedian(a, axis=axis)



# Schedule-free optimizers (Defazio et al. 2024) take their base optimizer's step and
# average the iterates: judged by the base optimizer's bands.
_SCHEDULE_FREE = "schedulefree"

class Context(Measurements):
    """One interval's view of a run for the detectors.

    `inside(signal)` / `before(signal)` slice a signal to the interval / its lead-in;
    `median(signal)` gives one number per layer over the interval; the measurements several
    causes share (measurements.py) are computed once per context.
    """

    def __init__(self, run_data, interval, baseline, initial_loss, run_steps):
        self.run = run_data
        self.signals = run_data.signals
        self.config = run_data.config if isinstance(run_data.config, dict) else {}
        self.interval = interval
        self.kind = interval["kind"]
        self.start = interval["start_step"]
        self.end = interval["end_step"]
        self.span = (self.start, self.end)
        self.level = interval.get("loss_level")
        self.baseline = baseline["value"] if baseline else None
        self.baseline_info = baseline
        self.initial_loss = initial_loss
        self.first_step, self.last_step = run_steps
        length = max(1, self.end - self.start)
        self.lead_start = max(self.first_step, self.start - max(1, int(T.LEAD_IN_FRACTION * length)))
        self.loss_kind = baseline_mod.loss_kind(self.config)
        self.loss_floor = baseline_mod.loss_floor(self.config)
        self._cache = {}

    # -- slicing -------------------------------------------------------------------------

    def has(self, signal):
        return signal in self.signals

    def series(self, signal):
        return self.signals.get(signal)

    def _slice(self, signal, lo, hi):
        s = self.signals.get(signal)
        if s is None:
            return None, None
        i0 = int(np.searchsorted(s.steps, lo, side="left"))
        i1 = int(np.searchsorted(s.steps, hi, side="right"))
        return s.steps[i0:i1], s.values[i0:i1]

    def inside(self, signal):
        """(steps, values) of `signal` within the interval, falling back to the latest
        values before it when the signal was logged less often than the interval is long."""
        steps, values = self._slice(signal, self.start, self.end)
        if steps is not None and len(steps) == 0:
            s = self.signals[signal]
            i = int(np.searchsorted(s.steps, self.end, side="right"))
            if i > 0:
                return s.steps[i - 1:i], s.values[i - 1:i]
        return steps, values

    def before(self, signal):
        return self._slice(signal, self.lead_start, self.start - 1)

    def around(self, signal):
        return self._slice(signal, self.lead_start, self.end)

    def median(self, signal, part="inside"):
        """Median over steps (per layer/column for multi-dimensional signals), or None."""
        key = ("median", signal, part)
        if key not in self._cache:
            steps, values = getattr(self, part)(signal)
            self._cache[key] = None if steps is None or len(steps) == 0 else \
                _nanmedian(values, axis=0)
        return self._cache[key]

    def names(self, signal):
        s = self.signals.get(signal)
        if s is None:
            return []
        n = s.values.shape[1] if s.values.ndim > 1 else 0
        names = list(s.names or [])
        return names + ["#%d" % i for i in range(len(names), n)]

    def column(self, signal, column, part="inside"):
        """Median per row (layer/feature) of one named column, or None."""
        med = self.median(signal, part)
        s = self.signals.get(signal)
        if med is None or s is None:
            return None
        cols = list(s.columns or [])
        if column not in cols or med.ndim < 1:
            return None
        return med[..., cols.index(column)]

    def dead_units_of(self, name, part="around"):
        """Median (over the part's steps) fraction of layer `name`'s units that output zero
        for every probe example (plateau/dead_units), or None when not logged (written
        before format version 5, or by something else)."""
        s = self.signals.get(metadata.DEAD_UNITS)
        med = self.median(metadata.DEAD_UNITS, part) if s is not None else None
        names = self.names(metadata.DEAD_UNITS) if s is not None else []
        if med is None or np.ndim(med) != 1 or name not in names or len(names) != len(med):
            return None
        value = float(med[names.index(name)])
        return value if math.isfinite(value) else None

    def holds_to_the_end(self):
        """Whether the interval runs to the end of the run: fewer loss points after it than
        one progress window (PROGRESS_WINDOW_FRACTION of the run, at least MIN_STALL_POINTS),
        the least over which the engine judges any progress (a flat stretch's detected end
        can stop a few noisy batches short of the run's)."""
        loss = self.run.loss
        if loss is None or not len(loss.steps):
            return self.end >= self.last_step
        steps = np.asarray(loss.steps)
        window = progress_points(len(steps))
        return int(np.count_nonzero(steps > self.end)) < window

    def probe_loss_by_the_end(self):
        """The probe's loss in inference mode (plateau/probe_loss) at the interval's last
        diagnostic, on the training batches' scale (baseline.probe_to_batch): what the model
        has learned by then (it may keep learning under a flat training loss), or None."""
        if not self.has(metadata.PROBE_LOSS):
            return None
        _, values = self.inside(metadata.PROBE_LOSS)
        if values is None or np.ndim(values) != 1:
            return None
        values = values[np.isfinite(values)]
        return float(values[-1]) * baseline_mod.probe_to_batch(self.config) \
            if len(values) else None

    def allows_far_lower(self):
        """(strength in (0, 1], the model's probe loss, the reference's, the constant's, how
        the reference predicted, the examples), all losses on the training batches' scale,
        when the callback's reference fits (plateau/reference_fit: a nearest-neighbour vote
        or a kernel ridge fit, each example of probe_data predicted from the others) score
        far below the model's probe loss at the interval's end, all held out from their
        fits, and the training loss is no lower than REFERENCE_TRAINING_FACTOR x the
        reference's: the targets allow a fit the model does not reach on the data it trains
        on, let alone on new data. The strength: REFERENCE_GAP's ramp of the gap over the
        constant's loss times REFERENCE_FACTOR's of the ratio. Else None."""
        if "allows_far_lower" in self._cache:
            return self._cache["allows_far_lower"]
        self._cache["allows_far_lower"] = out = self._allows_far_lower()
        return out

    def settled_far_above_what_the_data_allows(self):
        """allows_far_lower's finding when it is at REFERENCE_SIGNATURE or more over a stretch
        of loss that is not still creeping down, else None: the level is then no healthy
        convergence, whatever its share of the constant's loss (a run still falling has not
        settled anywhere)."""
        found = self.allows_far_lower()
        if found is None or found[0] < T.REFERENCE_SIGNATURE or \
                still_creeping(self.loss_inside()):
            return None
        return found

    def linear_fit_far_lower(self):
        """allows_far_lower's finding for the reference's linear fit alone (ridge regression
        on the probe's inputs, each example left out of its own; format version 8), at
        REFERENCE_SIGNATURE or more: a linear model of the inputs reaches far below the
        model's loss, on examples it did not see. A model that can compute every linear map
        of its inputs is then not held up by its size. Else None."""
        if "linear_fit_far_lower" in self._cache:
            return self._cache["linear_fit_far_lower"]
        out = self._allows_far_lower(linear=True)
        if out is not None and out[0] < T.REFERENCE_SIGNATURE:
            out = None
        self._cache["linear_fit_far_lower"] = out
        return out

    def _allows_far_lower(self, linear=False):
        fit = baseline_mod.measured_reference_fit(self.signals)
        if fit is None or baseline_mod.weighted_loss(self.config) or self.level is None:
            return None
        if linear:
            if fit["linear_loss"] is None:
                return None
            fit = dict(fit, loss=fit["linear_loss"], neighbours=0.0, kernel_width=0.0)
        probe = self.probe_loss_by_the_end()
        # The reference and the constant are means over examples: a batch's summed loss
        # (reduction="sum") adds up its batch of them.
        scale = baseline_mod.summed_over_batch(self.config) or 1.0
        if baseline_mod.summed_reduction(self.config) and scale == 1.0:
            return None  # summed over a batch of unrecorded size: not comparable
        measured = baseline_mod.measured_constant_fit(self.signals)
        constant = measured["best_loss"] * scale if measured else self.baseline
        floor = self.loss_floor or 0.0
        if probe is None or constant is None:
            return None
        vote, probe, constant = fit["loss"] * scale - floor, probe - floor, constant - floor
        if not (constant > 0 and 0 <= vote < constant and probe > vote) or \
                self.level - floor < T.REFERENCE_TRAINING_FACTOR * vote:
            return None
        strength = T.ramp((probe - vote) / constant, *T.REFERENCE_GAP) * \
            T.ramp(probe / max(vote, 1e-12 * constant), *T.REFERENCE_FACTOR)
        if strength <= 0:
            return None
        how = ("a vote of each one's %d nearest neighbours among the others"
               % int(fit["neighbours"]) if fit["neighbours"] >= 1 else
               "a smooth fit of the others (kernel ridge regression, each example left out "
               "of its own)" if fit["kernel_width"] > 0 else
               "a linear fit of the others (ridge regression, each example left out of its "
               "own)")
        return (strength, probe + floor, vote + floor, constant + floor, how,
                int(fit["examples"]))

    def loss_inside(self):
        steps, values = self.inside(metadata.LOSS)
        if values is None:
            return np.zeros(0)
        return values[np.isfinite(values)]

    # -- config --------------------------------------------------------------------------

    def layers(self):
        return config_layers(self.config)

    def carries_everything(self, name):
        """Whether everything the layer `name` reads reaches the model's outputs only through
        it: no path from its inputs to the outputs bypasses it, by the functional graph the
        config records (`graph`, `graph_outputs`). An attention score of one unit weights
        features that also reach the output around it (not a bottleneck); the one-unit
        user and item factors of a rank-one factorisation are each all their id passes on
        (each is). True when there is no graph (a Sequential model is a chain; an older
        logdir or a subclassed model is unknown) or the layer is not in it (a layer of a
        nested model): then only the layer order speaks, as before graphs were recorded."""
        graph, outputs = self.config.get("graph"), self.config.get("graph_outputs")
        if not isinstance(graph, dict) or not isinstance(outputs, list) or name not in graph:
            return True
        outputs = {o for o in outputs if isinstance(o, str)}
        children = {}
        for node, parents in graph.items():
            for parent in parents if isinstance(parents, list) else []:
                if isinstance(parent, str):
                    children.setdefault(parent, []).append(node)
        sources = [p for p in graph[name] if isinstance(p, str)] \
            if isinstance(graph[name], list) else []
        if any(source in outputs for source in sources):
            return False
        stack = [c for source in sources for c in children.get(source, []) if c != name]
        seen = set(stack)
        while stack:
            node = stack.pop()
            if node in outputs:
                return False  # reached an output around `name`
            for child in children.get(node, []):
                if child != name and child not in seen:
                    seen.add(child)
                    stack.append(child)
        return True

    def output_activation(self):
        act = self.config.get("output_activation")
        return act.lower() if isinstance(act, str) else None

    def output_units(self):
        u = self.config.get("output_units")
        return u if isinstance(u, int) else None

    def from_logits(self):
        return baseline_mod.from_logits(self.config)

    def output_layer(self):
        """The output layer's config entry (the last layer with units), or None."""
        sized = [l for l in self.layers() if l.get("units")]
        return sized[-1] if sized else None

    def optimizer(self):
        """The optimizer's class, lower case; a schedule-free variant by the optimizer it
        wraps ('ScheduleFreeAdamW' -> 'adamw': the same step, averaged)."""
        opt = self.config.get("optimizer")
        if isinstance(opt, dict) and isinstance(opt.get("class"), str):
            name = opt["class"].lower()
            return name[len(_SCHEDULE_FREE):] or name if name.startswith(_SCHEDULE_FREE) \
                else name
        return None

    def optimizer_config(self):
        """The optimizer's recorded `get_config()` dict, or {} when unknown."""
        opt = self.config.get("optimizer")
        config = opt.get("config") if isinstance(opt, dict) else None
        return config if isinstance(config, dict) else {}

    def clips_gradients(self):
        """Whether the optimizer's config sets any gradient clipping (CLIP_SETTINGS)."""
        config = self.optimizer_config()
        return any(config.get(k) for k in T.CLIP_SETTINGS)

    def learning_rate(self):
        """Median effective learning rate over the interval (logged, else configured)."""
        med = self.median(metadata.LEARNING_RATE)
        if med is not None and np.isfinite(med):
            return float(med)
        lr = self.optimizer_config().get("learning_rate")
        if isinstance(lr, (int, float)) and lr > 0:
            return float(lr)
        return None

    def adaptive(self):
        opt = self.optimizer()
        if opt is None:
            return None
        return any(opt.startswith(a) for a in T.ADAPTIVE_OPTIMIZERS)

    def params(self):
        model = self.config.get("model")
        if isinstance(model, dict):
            p = model.get("trainable_params", model.get("params"))
            # JSON allows Infinity/NaN, which have no int.
            if isinstance(p, (int, float)) and math.isfinite(p):
                return int(p)
        return None

    def targets(self):
        if "targets" not in self._cache:
            self._cache["targets"] = baseline_mod.target_summary(self.signals)
        return self._cache["targets"]

    def layer_activations(self):
        """(names, activation function per tapped layer) for the activation signal."""
        s = self.signals.get(metadata.ACTIVATION)
        if s is None:
            return [], []
        names = self.names(metadata.ACTIVATION)
        acts = s.extra.get("activations")
        acts = acts if isinstance(acts, list) else []  # metadata written by something else
        acts = [a.lower() if isinstance(a, str) else None for a in acts]
        acts += [None] * (len(names) - len(acts))
        if not any(acts):
            by_name = {l.get("name"): l.get("activation") for l in self.layers()}
            acts = [(by_name.get(n) or "").lower() or None for n in names]
        return names, acts
