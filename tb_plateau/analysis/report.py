"""The report of one run (docs/report.md): verdict, problem intervals, ranked causes, notes."""

import dataclasses
import math
import warnings

import numpy as np

from tb_plateau import metadata as M
from tb_plateau.analysis import baseline as baseline_mod
from tb_plateau.analysis import thresholds as T
from tb_plateau.analysis import ranking
from tb_plateau.analysis.causes import registered
from tb_plateau.analysis.baseline import near_constant_prediction
from tb_plateau.analysis.context import Context, fmt
from tb_plateau.analysis.measurements import level_judged_by_the_start, probe_beats_the_constant
from tb_plateau.analysis.intervals import (progress_points, recent_gain, running_median,
                                           slow_progress_interval, stalled_intervals,
                                           start_level, still_creeping)

REPORT_VERSION = 1

# What each missing signal costs the diagnosis, for the notes.
_MISSING = (
    ((M.GRAD_NORM,), "no gradient statistics: log with PlateauCallback(probe_data=...) to judge "
                     "vanishing/exploding gradients"),
    ((M.UPDATE_RATIO,), "no update/weight ratios: learning-rate causes judged from the loss "
                        "shape and the learning-rate value only"),
    ((M.ACTIVATION,), "no activation statistics: dead ReLUs and saturation cannot be judged "
                      "(PlateauCallback(probe_data=...) logs them for Functional/Sequential models)"),
    ((M.INPUTS,), "no input statistics: input scaling cannot be judged"),
    ((M.TARGETS, M.TARGET_CLASSES), "no target statistics: output/target mismatches and "
                                    "Var(y) cannot be judged"),
)
# ...in place of the first, when a global gradient norm was logged (by another tool, or
# a logger given only that): what it still lets the analysis judge.
_ONLY_GLOBAL_GRAD_NORM = (
    "no per-layer gradient statistics: exploding and vanishing gradients are judged from the "
    "global gradient norm alone (its growth or collapse over the run, not which layers); log "
    "with PlateauCallback(probe_data=...) for per-layer norms")
# What a run logged without tb-plateau can have that the analysis reads, by signal, in the
# order its one-line note names them.
_FOUND_WITHOUT_TB_PLATEAU = (
    (M.EPOCH_PREFIX + "val_loss", "validation loss"),
    (M.LEARNING_RATE, "learning rate"),
    (M.GRAD_GLOBAL_NORM, "gradient norm"),
)
_HISTOGRAM_PREFIX = "histogram/"


def missing_notes(signals):
    """What each signal the run lacks costs the diagnosis, one note per missing signal."""
    notes = []
    for needed, text in _MISSING:
        if any(s in signals for s in needed):
            continue
        if needed == (M.GRAD_NORM,) and M.GRAD_GLOBAL_NORM in signals:
            text = _ONLY_GLOBAL_GRAD_NORM
        notes.append(text)
    return notes


def logged_without_tb_plateau(run_data):
    """True for a run that has no tb-plateau signal at all: its loss and everything else
    came from ordinary scalars (and histograms) another tool wrote."""
    if run_data.loss_source != "scalar" or run_data.config is not None:
        return False
    return all(name == M.LOSS or name.startswith(_HISTOGRAM_PREFIX)
               or (series.extra or {}).get("tag")
               for name, series in run_data.signals.items())


def without_tb_plateau_note(run_data):
    """The one line of notes a run logged without tb-plateau gets, naming what was found."""
    found = ["loss (%s)" % run_data.loss_tag]
    found += [what for signal, what in _FOUND_WITHOUT_TB_PLATEAU if signal in run_data.signals]
    if any(name.startswith(_HISTOGRAM_PREFIX) for name in run_data.signals):
        found.append("weight histograms")
    listed = found[0] if len(found) == 1 else "%s and %s" % (", ".join(found[:-1]), found[-1])
    return ("logged without tb-plateau: %s only; add PlateauCallback for the other causes"
            % listed)


def _finite(x):
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def _initial_level(values):
    """Robust level of the first few points (a tenth of the run, 1..50 points)."""
    finite = values[np.isfinite(values)]
    if len(finite) == 0:
        return None
    k = int(min(50, max(1, len(finite) // 10)))
    return float(np.median(finite[:k]))


def _converged(values, baseline, initial, floor=None):
    """A problem-free run has converged (rather than still improving) when it ends at a
    good level and its last part made no progress that matters: less than
    T.CONVERGED_MIN_RELATIVE_GAIN of its own level, or less than
    T.CONVERGED_NEGLIGIBLE_GAIN of the reference loss (baseline, else initial)."""
    recent = recent_gain(values)
    if recent is None:
        return False
    gain, level = recent
    if not baseline_mod.good_level(level, baseline, initial, floor):
        return False
    reference = baseline if baseline and baseline > 0 else \
        initial - (floor if floor is not None else 0.0)
    return gain < T.CONVERGED_MIN_RELATIVE_GAIN * abs(level) or \
        gain < T.CONVERGED_NEGLIGIBLE_GAIN * reference


def judge_interval(run_data, interval, baseline, initial, run_steps, notes, causes):
    """The ranked (cause, finding) pairs for one interval; a cause that cannot judge it
    leaves a note in `notes` instead."""
    ctx = Context(run_data, interval, baseline, initial, run_steps)
    findings = []
    for cause in causes:
        try:
            finding = cause.run(ctx)
            if finding is not None:
                ranking.explain_away(ctx, finding, causes)
        except (ValueError, IndexError, TypeError, KeyError, ZeroDivisionError) as e:
            # One cause failing on odd data must not cost the others' answers.
            notes.append("%s could not judge %s..%s: %s"
                         % (cause.id, interval["start_step"], interval["end_step"], e))
            continue
        if finding is not None and finding.confidence >= T.MIN_CONFIDENCE:
            findings.append((cause, finding))
    return ranking.causal_order(findings, causes)


def strong_findings(findings, at_good_level, flat=True):
    """Findings sure enough to make an interval a problem although its loss looks fine: at
    a good level only a signature healthy convergence cannot produce; away from it any cause
    this sure. For a stretch that is not `flat` (a run still improving), a cause judged from
    the level alone does not count: the loss has not settled at any level yet."""
    return [(cause, f) for cause, f in findings
            if (cause.fires_when_converged or f.signature or
                (not at_good_level and (flat or not cause.judged_from_level)))
            and f.confidence >= T.OVERRIDE_CONFIDENCE]


def resumption(steps, values, interval, signals):
    """How a stall ended, or None when it still holds at the end of the run: the loss after
    it fell by at least RESUME_MIN_DROP of the stall's level and beyond the stall's noise.
    Returns {"step", "loss_level", "text", optionally "learning_rate": [before, after]}."""
    level = interval.get("loss_level")
    i1 = interval.get("end_index")
    if level is None or i1 is None or not level > 0 or i1 >= len(values) - T.MIN_STALL_POINTS:
        return None
    inside = values[interval["start_index"]:i1 + 1]
    inside = inside[np.isfinite(inside)]
    after = values[i1 + 1:]
    after_steps = steps[i1 + 1:][np.isfinite(after)]
    # A resumption is judged over at least a progress window of the run, like any progress:
    # a few low batches after the stall are noise, not the loss moving again.
    needed_points = progress_points(len(values))
    if len(after_steps) < needed_points or len(inside) < T.MIN_STALL_POINTS:
        return None
    window = max(T.MIN_STALL_POINTS, len(after_steps) // 10)
    finite_after = after[np.isfinite(after)]
    smooth = running_median(finite_after, min(window, len(finite_after)))
    noise = 1.4826 * float(np.median(np.abs(inside - np.median(inside))))
    drop = level - float(np.min(smooth))
    needed = max(T.RESUME_MIN_DROP * level, T.PROGRESS_NOISE_Z * noise / np.sqrt(window))
    # The loss must stay down: the run's end is below the stall too (a spike down that
    # recovers is noise, a later blow-up is not a resumption).
    if drop < needed or not level - float(smooth[-1]) >= needed:
        return None
    below = np.flatnonzero(smooth <= level - needed)
    step = int(after_steps[below[0]])
    out = {"step": step, "loss_level": float(np.min(smooth))}
    lr = signals.get(M.LEARNING_RATE)
    text = "the loss resumed falling at step %d, to %s (from %s)" % (step, fmt(out["loss_level"]),
                                                                    fmt(level))
    if lr is not None and len(lr.steps):
        lr_steps = np.asarray(lr.steps)
        lr_values = np.asarray(lr.values, dtype=np.float64).reshape(len(lr_steps), -1)[:, 0]
        during = lr_values[(lr_steps >= interval["start_step"]) & (lr_steps <= interval["end_step"])]
        at = lr_values[(lr_steps > interval["end_step"]) & (lr_steps <= step)]
        during, at = during[np.isfinite(during)], at[np.isfinite(at)]
        if len(during) and len(at) and during[-1] > 0 and at[-1] > 0:
            ratio = float(at[-1] / during[-1])
            if ratio >= T.LR_CHANGE_FACTOR or ratio <= 1.0 / T.LR_CHANGE_FACTOR:
                out["learning_rate"] = [float(during[-1]), float(at[-1])]
                text = ("the learning rate %s from %s to %s after step %d; the loss then fell "
                        "to %s (from %s)" % ("dropped" if ratio < 1 else "rose",
                                             fmt(during[-1]), fmt(at[-1]),
                                             int(interval["end_step"]), fmt(out["loss_level"]),
                                             fmt(level)))
    out["text"] = text
    return out


def still_learning(values, level):
    """Whether the stretch `values` (a run's second half) improved by at least
    STILL_LEARNING_GAIN of its `level` from its first fifth to its last (medians)."""
    finite = np.asarray(values, dtype=np.float64)
    finite = finite[np.isfinite(finite)]
    fifth = len(finite) // 5
    if fifth < 1 or level is None or not level > 0:
        return False
    gain = float(np.median(finite[:fifth])) - float(np.median(finite[-fifth:]))
    return gain >= T.STILL_LEARNING_GAIN * level


def held_up_in_training(findings):
    """The evidence item, among a flat stretch's findings, of a model that scores far better
    on the probe in inference mode than its training batches do (over_regularization's
    probe-loss evidence: augmentation or dropout holds the training loss up), or None."""
    for cause, finding in findings:
        if cause.id == "over_regularization":
            for _, item in finding.evidence:
                if item.get("signal") == M.PROBE_LOSS:
                    return item
    return None


def level_note(level, baseline, held_up=None, lower=None):
    """The informational note for a run that flattened clearly below the constant
    prediction but above a good fit: not a problem, but worth a look if lower was expected.
    `held_up`: the evidence that layers active only in training hold the training loss up
    (held_up_in_training), said instead of the usual suspects. `lower`: the reference fits'
    measure of how far below the data allows (Context.settled_far_above_what_the_data_allows),
    said instead of the usual suspects, at any level under the constant's."""
    if level is None or baseline is None or not baseline > 0:
        return None
    fraction = level / baseline
    if fraction >= T.NEAR_BASELINE_FRACTION or \
            (fraction <= T.CONVERGED_MAX_BASELINE_FRACTION and lower is None):
        return None
    note = {
        "loss_level": float(level), "baseline": float(baseline), "fraction": float(fraction),
        "text": ("The loss ends at %s, %.0f%% of the constant-prediction loss %s. That is "
                 "where label noise, irreducible target noise or a rare class leave a healthy "
                 "model, so it is not called a stall. If you expected lower: check the "
                 "labels and the targets' noise, try a larger model, or train longer with a "
                 "decaying learning rate." % (fmt(level), 100.0 * fraction, fmt(baseline))),
    }
    if lower is not None and held_up is None:
        _, probe, reference, _, how, examples = lower
        note["allows"] = {"probe_loss": float(probe), "reference_loss": float(reference),
                          "examples": int(examples)}
        note["text"] = ("The loss ends at %s, %.0f%% of the constant-prediction loss %s, and "
                        "no cause was recognised with confidence, so it is not called a "
                        "stall. But the data allows lower: on %d held-out examples, %s scores "
                        "%s, where the model scores %s on the probe. Look for what holds it: "
                        "a model too small or too constrained for the targets, too few "
                        "epochs, a learning rate too low or too high, inputs the first layer "
                        "cannot read." % (fmt(level), 100.0 * fraction, fmt(baseline),
                                          examples, how, fmt(reference), fmt(probe)))
    if held_up is not None:
        note["training_only"] = {"layers": list(held_up.get("layers") or []),
                                 "ratio": held_up.get("value")}
        note["text"] = ("The loss ends at %s, %.0f%% of the constant-prediction loss %s, not "
                        "called a stall: %s. If the held-out score is what counts, that is "
                        "fine; if the training loss should be lower too, weaken %s."
                        % (fmt(level), 100.0 * fraction, fmt(baseline), held_up["text"],
                           ", ".join(note["training_only"]["layers"]) or "it"))
    return note


def empty_report(run_data, notes):
    """A report of `run_data` without a diagnosis: its identity and signals, no steps,
    no intervals, verdict no_data, and `notes` (the list itself, for the caller to add to)."""
    return {
        "version": REPORT_VERSION,
        "run": run_data.run,
        "verdict": "no_data",
        "loss_tag": run_data.loss_tag,
        "loss_source": run_data.loss_source,
        "steps": {"first": None, "last": None, "count": 0},
        "final_loss": None,
        "baseline": None,
        "intervals": [],
        "resolved_intervals": [],
        "level_note": None,
        "alerts": list(getattr(run_data, "alerts", None) or []),
        "last_write_time": getattr(run_data, "last_write_time", None),
        "signals": sorted(run_data.signals),
        "notes": notes,
        "note_details": [],
    }


def failed_report(run_data, error_name):
    """The report of a run whose analysis raised `error_name` (an exception's type name):
    no diagnosis, the loss's extent as logged, a first note saying so, `analysis_error`."""
    note = ("The analysis of this run failed (%s), so there is no diagnosis; the curves are "
            "shown as logged. TensorBoard's log has the details." % error_name)
    report = empty_report(run_data, [note] + list(run_data.notes))
    loss = run_data.loss
    if loss is not None and len(loss.steps):
        values = np.asarray(loss.values, dtype=np.float64).ravel()
        report["steps"] = {"first": int(np.min(loss.steps)), "last": int(np.max(loss.steps)),
                           "count": int(len(loss.steps))}
        report["final_loss"] = float(values[-1]) if len(values) and np.isfinite(values[-1]) \
            else None
    report["analysis_error"] = error_name
    return report


def _interval_dict(interval, baseline, findings, calibrated=True):
    """The interval as the report gives it: causes with the confidence shown to the user
    (calibrated, capped below certainty unless definitional), those under CAUSE_FLOOR
    dropped (the first under FIRST_CAUSE_FLOOR). Uncalibrated: the detectors' scores, nothing dropped (for fitting the map)."""
    causes = []
    for rank, (_, f) in enumerate(findings[: T.MAX_CAUSES]):
        if not calibrated:
            causes.append(f.as_dict())
            continue
        shown = f.shown_confidence(first=rank == 0)
        # Shown confidences never rise down the list (a definitional finding listed second
        # keeps its observation's weight, but not above the one listed first).
        if causes:
            shown = min(shown, causes[-1]["confidence"])
        if shown >= (T.FIRST_CAUSE_FLOOR if rank == 0 else T.CAUSE_FLOOR):
            causes.append(f.as_dict(shown))
    return {
        "kind": interval["kind"],
        "start_step": interval["start_step"],
        "end_step": interval["end_step"],
        "loss_level": _finite(interval.get("loss_level")),
        "baseline": baseline["value"] if baseline else None,
        "causes": causes,
    }


def analyze(run_data, calibrated=True):
    """The report of one run (a JSON-able dict, docs/report.md). `calibrated=False` gives
    the detectors' raw scores instead of the confidences shown (benchmarks/calibration.py)."""
    # Signals that are NaN/Inf throughout are valid input (a broken training logs them):
    # numpy's all-NaN-slice warnings would only be noise on the CLI's stderr and in
    # TensorBoard's log.
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        return _analyze(run_data, calibrated)


def _in_step_order(series):
    """`series` sorted by step with unique steps (the last value of a repeated step), as the
    reader delivers it; a copy only when a caller handed in something else."""
    steps = np.asarray(series.steps)
    if len(steps) < 2 or np.all(steps[1:] > steps[:-1]):
        return series
    order = np.argsort(steps, kind="stable")
    steps = steps[order]
    last = np.append(steps[1:] != steps[:-1], True)
    return dataclasses.replace(series, steps=steps[last],
                               values=np.asarray(series.values)[order][last])


# Layer-output statistics that a diagnostic taken with NaN/Inf weights makes meaningless.
_POISONED_BY_NONFINITE_WEIGHTS = (M.ACTIVATION, M.DEAD_UNITS)


def _without_poisoned_activations(signals):
    """The signals with the layer-output statistics of every diagnostic at which some
    weights were already NaN/Inf set to NaN (unknown): a ReLU fed NaN outputs 0, so such a
    diagnostic would read as every unit having died, and the NaN's cause as dead ReLUs."""
    weights = signals.get(M.WEIGHT_NORM)
    if weights is None or not len(weights.steps):
        return signals
    norms = np.asarray(weights.values, dtype=np.float64).reshape(len(weights.steps), -1)
    poisoned = np.asarray(weights.steps)[~np.isfinite(norms).all(axis=1)]
    if not len(poisoned):
        return signals
    out = dict(signals)
    for name in _POISONED_BY_NONFINITE_WEIGHTS:
        series = signals.get(name)
        if series is None or not len(series.steps):
            continue
        rows = np.isin(np.asarray(series.steps), poisoned)
        if not rows.any():
            continue
        values = np.array(series.values, dtype=np.float64)
        values[rows] = np.nan
        out[name] = dataclasses.replace(series, values=values)
    return out


def _analyze(run_data, calibrated=True):
    signals = _without_poisoned_activations(
        {name: _in_step_order(s) for name, s in run_data.signals.items()})
    if any(signals[name] is not s for name, s in run_data.signals.items()) or (
            run_data.loss is not None and run_data.loss is not signals.get(M.LOSS)):
        loss = signals.get(M.LOSS) if run_data.loss is run_data.signals.get(M.LOSS) \
            else (run_data.loss and _in_step_order(run_data.loss))
        run_data = dataclasses.replace(run_data, signals=signals, loss=loss)
    notes = list(run_data.notes)
    report = empty_report(run_data, notes)
    loss = run_data.loss
    if loss is None or len(loss) == 0:
        if not any("no loss" in n for n in notes):
            notes.append("no loss series in this run")
        return report
    steps = np.asarray(loss.steps)
    values = np.asarray(loss.values, dtype=np.float64).reshape(len(steps), -1)[:, 0]
    report["steps"] = {"first": int(steps[0]), "last": int(steps[-1]), "count": int(len(steps))}
    finite = np.isfinite(values)
    report["final_loss"] = _finite(values[-1])
    if not finite.any():
        notes.append("every loss value is NaN/Inf")

    baseline, baseline_note = baseline_mod.constant_prediction_baseline(run_data.config,
                                                                        run_data.signals)
    report["baseline"] = baseline
    if baseline_note:
        notes.append(baseline_note)
    # What the run lacks. A run logged without tb-plateau lacks all of it: one line says
    # so, and the notes it stands for go to note_details (the JSON keeps them).
    details = []
    if run_data.config is None:
        details.append("no model configuration (plateau/config): output activation, loss, "
                       "initialisers and regularisers unknown")
    if run_data.loss_source == "scalar":
        details.append("loss read from the scalar tag %r" % run_data.loss_tag)
    details += missing_notes(run_data.signals)
    if logged_without_tb_plateau(run_data):
        notes.append(without_tb_plateau_note(run_data))
        report["note_details"] = details
    else:
        notes.extend(details)
    if len(steps) < T.MIN_STALL_POINTS:
        notes.append("only %d loss point(s): too few to judge a stall" % len(steps))

    initial = _initial_level(values)
    base_value = baseline["value"] if baseline else None
    floor = baseline_mod.loss_floor(run_data.config)
    run_steps = (int(steps[0]), int(steps[-1]))
    causes = registered()

    def judge(interval):
        return judge_interval(run_data, interval, baseline, initial, run_steps, notes, causes)

    # The level counts only while the probe does not show the model beating the constant.
    beats = probe_beats_the_constant(run_data, baseline)

    start = start_level(values) if level_judged_by_the_start(run_data, baseline) else None

    def near_constant(level):
        return near_constant_prediction(level, base_value, initial, floor, start) and not beats

    problems, resolved, flat = [], [], []
    for interval in stalled_intervals(steps, values):
        findings = judge(interval)
        if interval["kind"] == "stalled":
            ended = resumption(steps, values, interval, run_data.signals)
            if ended is not None:
                # The loss resumed improving by a clear margin (e.g. a scheduled
                # learning-rate drop): shown as resolved, not a problem of the run.
                resolved.append((interval, ended))
                continue
            good = baseline_mod.good_level(interval["loss_level"], base_value, initial, floor)
            # A level the probe's own examples show is far above what the data allows is
            # no good level: a cause sure enough counts there as it does far from a fit.
            lower = Context(run_data, interval, baseline, initial,
                            run_steps).settled_far_above_what_the_data_allows()
            if not near_constant(interval["loss_level"]) and \
                    not strong_findings(findings, good and lower is None):
                flat.append((interval, findings, lower))  # where the data may allow no better
                continue
        problems.append((interval, findings))
    reference = base_value if base_value and base_value > 0 else initial
    if not problems and not flat and finite.any() and len(steps) >= T.MIN_STALL_POINTS:
        # Still creeping down, but far too slowly to matter while sitting at the constant
        # prediction's loss (e.g. a model that never learned, after many epochs): a stall.
        if reference and reference > 0:
            slow = slow_progress_interval(
                steps, values, T.CONVERGED_MAX_BASELINE_FRACTION * reference)
            if slow is not None and \
                    not baseline_mod.good_level(slow["loss_level"], base_value, initial, floor):
                findings = judge(slow)
                # A level near the constant's is a stall only once the creep slows; one
                # that keeps its pace to the end has not settled at any level, and needs a
                # cause's positive evidence beyond the level.
                creeping = still_creeping(values[slow["start_index"]:slow["end_index"] + 1])
                if (near_constant(slow["loss_level"]) and not creeping) or \
                        strong_findings(findings, at_good_level=False, flat=not creeping):
                    problems.append((slow, findings))
    if not problems and finite.any() and len(steps) >= T.MIN_STALL_POINTS:
        # A run still "improving" can still be broken in ways healthy training never
        # looks (negative cross-entropy, NaN inputs): check its second half.
        half = len(steps) // 2
        tail = {"kind": "stalled", "start_step": int(steps[half]), "end_step": int(steps[-1]),
                "start_index": half, "end_index": len(steps) - 1,
                "loss_level": _finite(np.median(values[half:][finite[half:]]))
                if finite[half:].any() else None}
        findings = judge(tail)
        # Still improving but far from a good loss: a strong signature of any cause
        # (other than one judged from the level alone) marks it as a problem too. As for a
        # flat stretch, a level the probe's own examples show is far above what the data
        # allows (over a second half no longer creeping down) is no good level.
        good = baseline_mod.good_level(tail["loss_level"], base_value, initial, floor)
        lower = Context(run_data, tail, baseline, initial,
                        run_steps).settled_far_above_what_the_data_allows() if good else None
        strong = strong_findings(findings, good and lower is None, flat=False)
        # A second half that still cut its loss by a clear margin below the constant
        # prediction is training that works: then only evidence healthy training cannot
        # produce (a signature, a cause that holds at any level) makes it a problem, not a
        # symptom some healthy runs show too (part of a layer's units dead).
        if tail["loss_level"] is not None and not near_constant(tail["loss_level"]) and \
                still_learning(values[half:], tail["loss_level"]):
            strong = [(cause, f) for cause, f in strong
                      if cause.fires_when_converged or f.signature]
        if strong:
            problems.append((tail, findings))
    for interval, findings in problems:
        report["intervals"].append(_interval_dict(interval, baseline, findings, calibrated))
        if not report["intervals"][-1]["causes"]:
            notes.append("no cause was recognised with confidence for the stall at steps %d..%d"
                         % (interval["start_step"], interval["end_step"]))
    for interval, ended in resolved:
        report["resolved_intervals"].append({
            "kind": "stalled", "start_step": interval["start_step"],
            "end_step": interval["end_step"], "loss_level": _finite(interval["loss_level"]),
            "baseline": base_value, "ended_by": ended["text"], "resumed_at": ended["step"],
            **({"learning_rate": ended["learning_rate"]} if "learning_rate" in ended else {})})
    if not problems and finite.any():
        final = recent_gain(values)
        last_level = flat[-1][0]["loss_level"] if flat else (final[1] if final else None)
        report["level_note"] = level_note(last_level, base_value,
                                          held_up_in_training(flat[-1][1]) if flat else None,
                                          flat[-1][2] if flat else None)

    kinds = {i["kind"] for i in report["intervals"]}
    if not finite.any():
        report["verdict"] = "diverged" if "diverged" in kinds else "no_data"
    elif "diverged" in kinds:
        report["verdict"] = "diverged"
    elif "stalled" in kinds:
        report["verdict"] = "stalled"
    elif (flat and flat[-1][0]["end_index"] >= len(values) - 1 - T.MIN_STALL_POINTS) or \
            _converged(values, base_value, initial, floor):
        report["verdict"] = "converged"
    else:
        report["verdict"] = "healthy"
    # Deduplicate notes, keep order.
    seen = set()
    report["notes"] = [n for n in notes if not (n in seen or seen.add(n))]
    return report


def summarize_interval(interval):
    """One line for text output: 'stalled at steps 120..600, loss 2.30 (baseline 2.30)'."""
    text = "%s at steps %d..%d" % (interval["kind"], interval["start_step"], interval["end_step"])
    if interval.get("loss_level") is not None:
        text += ", loss %s" % fmt(interval["loss_level"])
    else:
        text += ", loss NaN/Inf"
    if interval.get("baseline") is not None:
        text += " (constant-prediction loss %s)" % fmt(interval["baseline"])
    return text


# The verdicts a report gives a run (docs/report.md), in the order a summary names them.
VERDICTS = ("stalled", "diverged", "healthy", "converged", "no_data")


def summary_line(counts):
    """ "33 runs: 23 stalled, 5 diverged, 3 healthy, 2 converged" from {verdict: count}
    (the CLI's last line, the demo's summary)."""
    total = sum(counts.values())
    order = [v for v in VERDICTS if counts.get(v)] + sorted(set(counts) - set(VERDICTS))
    parts = ", ".join(f"{counts[v]} {v}" for v in order if counts[v])
    return f"{total} run{'' if total == 1 else 's'}: {parts}"

