"""The per-run report cache, and the report it keeps for a run whose analysis failed."""

import itertools
import logging
import threading

import numpy as np

logger = logging.getLogger(__name__)


class ReportCache:
    """(run data, report) per run, keyed by the run's fingerprint.

    Thread-safe: concurrent requests for the same run wait for one computation; different
    runs compute in parallel.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._entries = {}  # key -> (fingerprint, value, ticket)
        self._run_locks = {}
        self._tickets = itertools.count()
        self.computations = 0  # how many times compute() ran, for tests and benchmarks

    def peek(self, key, fingerprint):
        with self._lock:
            hit = self._entries.get(key)
        if hit is not None and hit[0] == fingerprint:
            return hit[1]
        return None

    def get(self, key, fingerprint, compute):
        value = self.peek(key, fingerprint)
        if value is not None:
            return value
        with self._lock:
            run_lock = self._run_locks.setdefault(key, threading.Lock())
            # Requests take their listing (and fingerprint) before they get here, so a later
            # ticket means a listing at least as new.
            ticket = next(self._tickets)
        with run_lock:
            value = self.peek(key, fingerprint)
            if value is not None:
                return value
            # An entry is stored whole, after compute() returned: a reader sees the old
            # entry or the new one, never a part. A failed compute() stores nothing.
            value = compute()
            with self._lock:
                self.computations += 1
                # While a run grows, a request holding an older listing can reach the lock
                # after one holding a newer listing: it gets its answer, but does not put
                # older data over newer.
                current = self._entries.get(key)
                if current is None or current[2] < ticket:
                    self._entries[key] = (fingerprint, value, ticket)
            return value

    def prune(self, experiment_id, runs):
        """Forget runs of `experiment_id` that are no longer in the logdir."""
        with self._lock:
            for key in [k for k in self._entries if k[0] == experiment_id and k[1] not in runs]:
                del self._entries[key]
                self._run_locks.pop(key, None)


def analyze_run(run_data):
    """The run's report; a report saying the analysis failed if it raised.

    The failure is logged with its trace for the maintainer; the user gets the run's loss
    curve with a note instead of an error page, since reading the run worked.
    """
    from tb_plateau import analysis  # numpy only; imported late so the tab loads without it

    try:
        return analysis.analyze(run_data)
    except Exception as e:
        logger.exception("tb-plateau: analysis of run %r failed", run_data.run)
        return failed_report(run_data, type(e).__name__)


# -- the only report serve/ builds itself ----------------------------------------------------


def failed_report(run_data, error_name):
    """A diagnosis-free report for a run whose analysis raised `error_name`.

    TODO(report constructor): this repeats the report's shape, which
    tb_plateau/analysis/report.py owns; build it with that module's constructor for an
    empty report and keep only the failure note and "analysis_error" here.
    """
    steps = {"first": None, "last": None, "count": 0}
    final_loss = None
    loss = run_data.loss
    if loss is not None and len(loss.steps):
        values = np.asarray(loss.values, dtype=np.float64).ravel()
        steps = {"first": int(np.min(loss.steps)), "last": int(np.max(loss.steps)),
                 "count": int(len(loss.steps))}
        final_loss = float(values[-1]) if len(values) and np.isfinite(values[-1]) else None
    note = ("The analysis of this run failed (%s), so there is no diagnosis; the curves are "
            "shown as logged. TensorBoard's log has the details." % error_name)
    return {
        "version": 1,
        "run": run_data.run,
        "verdict": "no_data",
        "loss_tag": run_data.loss_tag,
        "loss_source": run_data.loss_source,
        "steps": steps,
        "final_loss": final_loss,
        "baseline": None,
        "intervals": [],
        "signals": sorted(run_data.signals),
        "notes": [note] + list(run_data.notes),
        "analysis_error": error_name,
    }
