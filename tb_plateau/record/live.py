"""The live stall check: the report's own verdict on the run so far, said once when a stall
is confirmed and once when it ends (`on_stall` of PlateauCallback and PlateauLogger).

It runs the reader and the analysis that `tb-plateau report` runs, on the run as written so
far (record/mirror.py, nothing re-read from disk), so its verdict and top cause are the ones
the report gives for the same steps. Its cadence is set by its measured cost
(cadence.next_live_check). Imports no TensorFlow.
"""

import logging
import time

from tb_plateau.record import cadence
from tb_plateau.record.mirror import RUN, MirrorProvider

log = logging.getLogger("tb_plateau")

ON_STALL_CHOICES = ("warn", "stop", None)
PROBLEMS = ("stalled", "diverged")


def check_on_stall(on_stall):
    """Raise ValueError unless `on_stall` is "warn", "stop", None or a callable."""
    if on_stall in ON_STALL_CHOICES or callable(on_stall):
        return on_stall
    raise ValueError(f"on_stall must be 'warn', 'stop', None or a callable, got {on_stall!r}")


def _fmt(x):
    """A number as the report's evidence writes it; a missing one is a NaN/Inf loss."""
    from tb_plateau.analysis.context import fmt

    return "NaN/Inf" if x is None else fmt(x)


def stall_message(report, interval):
    """The alert's text: where, at what level, the probable cause and its fix."""
    kind = "stalled" if interval["kind"] == "stalled" else "diverged"
    lines = []
    level = interval.get("loss_level")
    head = "tb_plateau: loss %s since step %s" % (kind, format(interval["start_step"], ","))
    if kind == "stalled":
        head += " at %s" % _fmt(level)
        if interval.get("baseline") is not None:
            head += " (the constant-prediction loss is %s)" % _fmt(interval["baseline"])
    lines.append(head + ".")
    causes = interval.get("causes") or []
    if causes:
        top = causes[0]
        lines.append("  Probable cause: %s (%.0f%%). %s" % (
            top.get("title") or top["id"], 100 * top["confidence"], top.get("summary", "")))
        evidence = [e["text"] for e in top.get("evidence", [])[:2]]
        if evidence:
            lines.append("  Evidence: %s." % "; ".join(evidence))
        lines.append("  Fix: %s" % top.get("fix", ""))
    else:
        lines.append("  No cause recognised with confidence; see the Plateau tab or "
                     "`tb-plateau report`.")
    return "\n".join(lines)


def _report_functions():
    """(reader.read_run, analysis.analyze, RequestContext): what a check runs."""
    from tensorboard import context

    from tb_plateau.analysis import analyze
    from tb_plateau.read import reader

    return reader.read_run, analyze, context.RequestContext


class StallWatch:
    """Checks the mirrored run now and then and speaks up on a change of verdict.

    `on_stall`: "warn" (log once when a stall is confirmed and once when it ends), "stop"
    (also ask training to stop), None (silent: no checks at all), or a callable given the
    problem interval as the report's JSON gives it (return True to stop training).
    `record(kind, step, text, interval)` writes the alert into the run.
    """

    def __init__(self, on_stall, mirror, record, warn_once, speak=True):
        self.on_stall = check_on_stall(on_stall)
        self.mirror = mirror
        self.record = record
        self.warn_once = warn_once
        self.speak = speak  # only the chief speaks under tf.distribute multi-worker
        self.check_seconds = []
        self.alerts = []  # (kind, step, interval) said so far, for tests and benchmarks
        self._open = None  # the problem interval alerted and not yet ended
        if self.active:
            # Load the reader and the analysis now, at set-up: a first check that imported
            # them would cost many checks' worth of the budget (a one-time cost per process).
            _report_functions()
        self._seen_version = -1
        # Training seconds before which no check runs (the first one's cost is unknown).
        self._next_allowed = cadence.first_live_check()

    @property
    def active(self):
        return self.on_stall is not None

    def due(self, train_seconds):
        return self.active and train_seconds >= self._next_allowed and \
            self.mirror.version != self._seen_version

    def check(self, train_seconds, force=False):
        """Run the check if its budget allows (or `force`); True when training should stop."""
        if not self.active or (not force and not self.due(train_seconds)):
            return False
        started = time.perf_counter()
        self._seen_version = self.mirror.version
        try:
            report = self._report()
        finally:
            self.check_seconds.append(time.perf_counter() - started)
            self._next_allowed = cadence.next_live_check(train_seconds, self.check_seconds)
        return self._react(report)

    def _report(self):
        read_run, analyze, request_context = _report_functions()
        data = read_run(MirrorProvider(self.mirror), request_context(), "", RUN)
        return analyze(data)

    def _react(self, report):
        problem = None
        if report.get("verdict") in PROBLEMS:
            problem = report["intervals"][-1] if report.get("intervals") else None
        if problem is not None and self._open is None:
            self._open = problem
            return self._alert("stall" if problem["kind"] == "stalled" else "diverged",
                               problem, report)
        if problem is None and self._open is not None:
            ended, self._open = self._open, None
            last = report["steps"]["last"]
            text = ("tb_plateau: the loss is improving again (step %s, loss %s): the %s from "
                    "step %s has ended." % (format(last, ","), _fmt(report.get("final_loss")),
                                           "stall" if ended["kind"] == "stalled" else
                                           "divergence", format(ended["start_step"], ",")))
            self.alerts.append(("ended", last, ended))
            self._say(text)
            self._record("ended", last, text, ended)
        return False

    def _alert(self, kind, interval, report):
        step = report["steps"]["last"]
        text = stall_message(report, interval)
        self.alerts.append((kind, step, interval))
        self._say(text)
        self._record(kind, step, text, interval)
        if self.on_stall == "stop":
            return True
        if callable(self.on_stall):
            try:
                return bool(self.on_stall(interval))
            except Exception as error:  # the user's callable must not end the training
                self.warn_once("on_stall", "the on_stall callable failed (%s: %s); training "
                                           "goes on" % (type(error).__name__, error))
        return False

    def _say(self, text):
        if self.speak and self.on_stall in ("warn", "stop"):
            log.warning(text)

    def _record(self, kind, step, text, interval):
        try:
            self.record(kind, step, text, interval)
        except Exception as error:  # logging must never end a training run
            self.warn_once("alert record", "could not write the stall alert to the run (%s)"
                           % error)
