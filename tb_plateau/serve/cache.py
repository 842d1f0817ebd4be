"""The per-run report cache, and the reports it keeps for runs that failed to read or analyse."""

import collections
import itertools
import json
import logging
import threading

import numpy as np

logger = logging.getLogger(__name__)

# What the report cache may hold, in bytes of run data and report together. A run of 600
# steps with a few per-layer signals takes ~100 kB; a 1M-step run ~25 MB: this keeps a
# 1000-run logdir's reports, or a handful of very long runs, and then forgets the least
# recently used (issue 11, defect 4).
MAX_CACHE_BYTES = 256 << 20


def entry_bytes(value):
    """An estimate of what a cached (run data, report) keeps alive: its arrays and the
    report's JSON size."""
    if not (isinstance(value, tuple) and len(value) == 2):
        return len(repr(value))
    run_data, report = value
    total = 0
    if getattr(run_data, "signals", None) is not None:
        for series in list(run_data.signals.values()) + [run_data.loss]:
            if series is not None:
                total += np.asarray(series.steps).nbytes + np.asarray(series.values).nbytes
    try:
        total += len(json.dumps(report, default=str))
    except (TypeError, ValueError, RecursionError):
        total += 1 << 16
    return total


class ReportCache:
    """(run data, report) per run and fingerprint, least recently used out first once the
    entries take more than `max_bytes`.

    The key is (run, fingerprint), not the experiment id: TensorBoard serves one logdir
    under any `/experiment/<id>/` prefix, and the fingerprint (tag count, last step, last
    wall time) names the data, so ids naming the same data share one entry instead of
    each recomputing and keeping a copy. A run keeps only its newest fingerprint.

    Thread-safe: concurrent requests for the same key wait for one computation; different
    runs compute in parallel.
    """

    def __init__(self, max_bytes=MAX_CACHE_BYTES):
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._entries = collections.OrderedDict()  # (run, fingerprint) -> (value, bytes)
        self._fingerprints = {}  # run -> (its cached fingerprint, that computation's ticket)
        self._tickets = itertools.count()
        self._computing = {}  # key -> threading.Event set when its computation ends
        self.bytes = 0
        self.computations = 0  # how many times compute() ran, for tests and benchmarks

    def __len__(self):
        return len(self._entries)

    def peek(self, run, fingerprint):
        with self._lock:
            hit = self._entries.get((run, fingerprint))
            if hit is None:
                return None
            self._entries.move_to_end((run, fingerprint))
            return hit[0]

    def get(self, run, fingerprint, compute):
        key = (run, fingerprint)
        while True:
            with self._lock:
                hit = self._entries.get(key)
                if hit is not None:
                    self._entries.move_to_end(key)
                    return hit[0]
                done = self._computing.get(key)
                if done is None:
                    done = self._computing[key] = threading.Event()
                    # Requests take their listing (and fingerprint) before they get here,
                    # so a later ticket means a listing at least as new.
                    ticket = next(self._tickets)
                    break
            # Someone else computes this key: wait, then take their entry (or, if their
            # compute() raised, try ourselves).
            done.wait()
        try:
            value = compute()
            size = entry_bytes(value)
            with self._lock:
                self.computations += 1
                self._store(key, value, size, ticket)
            return value
        finally:
            with self._lock:
                self._computing.pop(key, None)
            done.set()

    def _store(self, key, value, size, ticket):
        run, fingerprint = key
        old = self._fingerprints.get(run)
        if old is not None and old[0] != fingerprint:
            if old[1] > ticket:
                # A request holding an older listing finished after one holding a newer
                # listing: it gets its answer, but does not put older data over newer.
                return
            self._drop((run, old[0]))
        if size > self.max_bytes:
            return  # answered, not kept: it would evict everything else
        self._entries[key] = (value, size)
        self._fingerprints[run] = (fingerprint, ticket)
        self.bytes += size
        while self.bytes > self.max_bytes:
            self._drop(next(iter(self._entries)))

    def _drop(self, key):
        hit = self._entries.pop(key, None)
        if hit is not None:
            self.bytes -= hit[1]
            if self._fingerprints.get(key[0], (None,))[0] == key[1]:
                del self._fingerprints[key[0]]

    def prune(self, runs):
        """Forget runs that are no longer in the logdir."""
        with self._lock:
            for run in [r for r in self._fingerprints if r not in runs]:
                self._drop((run, self._fingerprints[run][0]))


class SharedCalls:
    """Concurrent calls with the same key share one execution and its result ("single
    flight"); nothing is kept once it returns, so no answer is older than a call in flight."""

    def __init__(self):
        self._lock = threading.Lock()
        self._flights = {}  # key -> [done Event, result, exception]

    def run(self, key, call):
        with self._lock:
            flight = self._flights.get(key)
            leader = flight is None
            if leader:
                flight = self._flights[key] = [threading.Event(), None, None]
        if not leader:
            flight[0].wait()
            if flight[2] is not None:
                raise flight[2]
            return flight[1]
        try:
            flight[1] = call()
            return flight[1]
        except BaseException as e:
            flight[2] = e
            raise
        finally:
            with self._lock:
                del self._flights[key]
            flight[0].set()


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


def failed_report(run_data, error_name):
    """The report of a run whose analysis raised `error_name` (analysis owns its shape)."""
    from tb_plateau import analysis

    return analysis.failed_report(run_data, error_name)


def unreadable_report(run, error):
    """The report of a run that could not be read at all: no_data, a note naming what
    failed, and `read_error` (the exception's type) so that the run list can mark it."""
    from tb_plateau import analysis
    from tb_plateau.read import reader

    note = ("This run could not be read (%s: %s), so there is no diagnosis; the other runs "
            "are unaffected." % (type(error).__name__, _short(error)))
    report = analysis.empty_report(reader.RunData(run=run), [note])
    report["read_error"] = type(error).__name__
    return report


def _short(error, limit=200):
    try:
        text = str(error)
    except Exception:  # a message that cannot be formatted is not worth a second failure
        text = ""
    text = " ".join(text.split())
    return text[:limit] + ("..." if len(text) > limit else "")
