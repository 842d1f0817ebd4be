"""The Plateau tab: TensorBoard plugin, its HTTP routes and the per-run report cache."""

import functools
import itertools
import json
import logging
import os
import re
import threading
import time
import urllib.parse

import numpy as np
from werkzeug import wrappers

from tensorboard import context as tb_context
from tensorboard import errors
from tensorboard import plugin_util
from tensorboard.backend import http_util
from tensorboard.plugins import base_plugin

from tb_plateau import metadata
from tb_plateau import reader

logger = logging.getLogger(__name__)

TAB_NAME = "Plateau"

# The built frontend (frontend/ -> tb_plateau/static/). Only these names are ever served:
# a request never names a file.
STATIC_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "static")
STATIC_FILES = {
    "/index.js": ("index.js", "text/javascript"),
    "/index.css": ("index.css", "text/css"),
}

# Series route: points per signal when the client does not say, and the range it may ask
# for. 2000 is about two points per pixel of a wide chart: enough for min/max per pixel.
DEFAULT_MAX_POINTS = 2000
MIN_MAX_POINTS = 10
MAX_MAX_POINTS = 200_000
_DIGITS = re.compile(r"^[0-9]{1,9}$")  # not int(): it also takes " 1_0", "１０" and "-5"
_SIGNAL_NAME = re.compile(r"^[A-Za-z0-9_./:\-]{1,200}$")

# Request parameter limits. A run name is a directory path under the logdir, and Linux
# paths are at most 4096 bytes (PATH_MAX), so a longer name cannot name a run; a layer name
# is a Keras layer path, far shorter in practice. The counts bound the work one request
# can ask for (a model with more layers is charted without a layer filter).
MAX_RUN_NAME_LENGTH = 4096
MAX_LAYER_NAME_LENGTH = 1024
MAX_SIGNALS_PER_REQUEST = 64
MAX_LAYERS_PER_REQUEST = 1024
# How much of a name an error message repeats back.
_SHOWN_NAME_LENGTH = 80

# The runs route computes missing reports for at most this long, then answers with the
# rest marked pending (the panel asks again); keeps the listing of a 1000-run logdir
# responsive on its first load. Later loads hit the cache.
RUNS_ROUTE_BUDGET_SECONDS = 1.2
# Runs whose reports are missing are read this many at a time through one set of provider
# calls (reader.BatchReadProvider): each call has a fixed cost, a gRPC round trip under the
# Rust data server. Small enough that one batch's data fits easily in memory and that the
# first batch still answers within the budget.
RUNS_READ_BATCH = 32


def _json_errors(route):
    """Route wrapper: a failure leaves as a JSON body {"error", "status"}, never a trace.

    TensorBoard itself answers a PublicError as text/plain and lets anything else become
    its server's opaque 500; the panel and scripts read JSON, so the plugin answers first.
    """

    @functools.wraps(route)
    def wrapper(self, request):
        try:
            _check_utf8(request)
            return route(self, request)
        except errors.PublicError as e:
            return _error_response(request, e.http_code, str(e), e.headers)
        except Exception:
            logger.exception("tb-plateau: %s failed", request.path)
            return _error_response(request, 500,
                                   "internal error in tb-plateau; see TensorBoard's log")

    return wrapper


def _error_response(request, status, message, headers=None):
    return http_util.Respond(request, {"error": message, "status": status},
                             "application/json", code=status, headers=headers)


def _check_utf8(request):
    # werkzeug decodes a query with invalid UTF-8 by replacing the bytes with U+FFFD, which
    # would then look up a run that merely resembles the requested one.
    for part in request.query_string.split(b"&"):
        try:
            urllib.parse.unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            raise errors.InvalidArgumentError("query parameters must be UTF-8")



class PlateauPlugin(base_plugin.TBPlugin):
    """Serves stalled intervals and ranked causes per run, read through the data provider."""

    plugin_name = metadata.PLUGIN_NAME

    def __init__(self, context):
        self._provider = context.data_provider
        self._cache = ReportCache()
        self._static = {}

    def get_plugin_apps(self):
        apps = {
            "/runs": self._serve_runs,
            "/report": self._serve_report,
            "/series": self._serve_series,
            # Anything else under the plugin's prefix: a JSON 404 rather than TensorBoard's
            # plain-text one (TensorBoard matches the exact routes above first).
            "/*": self._serve_not_found,
        }
        for route in STATIC_FILES:
            apps[route] = self._serve_static
        return apps

    def is_active(self):
        # TensorBoard already marks the tab active when any run has "plateau" summaries;
        # this covers logdirs that only have an ordinary loss scalar.
        if self._provider is None:
            return False
        try:
            return bool(reader.list_runs(self._provider, tb_context.RequestContext(), ""))
        except Exception:  # an unreadable logdir must not break TensorBoard's listing
            logger.warning("tb-plateau: is_active failed", exc_info=True)
            return False

    def frontend_metadata(self):
        return base_plugin.FrontendMetadata(es_module_path="/index.js", tab_name=TAB_NAME)

    # -- reports ---------------------------------------------------------------------------

    def _listing(self, request):
        ctx = plugin_util.context(request.environ)
        eid = plugin_util.experiment_id(request.environ)
        return ctx, eid, reader.list_runs(self._provider, ctx, eid)

    def _entry(self, ctx, eid, summary, provider=None):
        """The cached (run data, report) of a run, recomputed only when the run grew.

        A failed analysis is cached too (as a report saying so): it is retried when the
        run grows, not on every poll of the panel. `provider` may be a
        `reader.BatchReadProvider` that has the run's data read together with others'.
        """

        def compute():
            run_data = reader.read_run(provider or self._provider, ctx, eid, summary.run)
            return run_data, _analyze(run_data)

        return self._cache.get((eid, summary.run), summary.fingerprint, compute)

    def _entry_for_request(self, request):
        run = _single_param(request, "run", required=True)
        _check_name(run, "run", MAX_RUN_NAME_LENGTH)
        ctx, eid, listing = self._listing(request)
        summary = listing.get(run)
        if summary is None:
            raise errors.NotFoundError(
                "no run %s with tb-plateau signals or a loss scalar" % _shown(run))
        try:
            return self._entry(ctx, eid, summary)
        except reader.UnknownRunError:
            raise errors.NotFoundError("no run %s" % _shown(run))

    @wrappers.Request.application
    @_json_errors
    def _serve_runs(self, request):
        ctx, eid, listing = self._listing(request)
        self._cache.prune(eid, set(listing))
        deadline = time.monotonic() + RUNS_ROUTE_BUDGET_SECONDS
        names = sorted(listing)
        uncached = [n for n in names
                    if self._cache.peek((eid, n), listing[n].fingerprint) is None]
        batch_of = {}
        for start in range(0, len(uncached), RUNS_READ_BATCH):
            batch = reader.BatchReadProvider(self._provider, eid,
                                             uncached[start:start + RUNS_READ_BATCH])
            batch_of.update((n, batch) for n in uncached[start:start + RUNS_READ_BATCH])
        runs = []
        pending = 0
        for name in names:
            summary = listing[name]
            entry = self._cache.peek((eid, name), summary.fingerprint)
            if entry is None and time.monotonic() < deadline:
                try:
                    entry = self._entry(ctx, eid, summary, batch_of.get(name))
                except reader.UnknownRunError:
                    continue  # vanished between listing and reading
                except errors.PublicError as e:
                    runs.append(_run_row(summary, None, error=str(e)))
                    continue
                except Exception:  # one unreadable run must not cost the whole list
                    logger.exception("tb-plateau: reading run %r failed", name)
                    runs.append(_run_row(summary, None,
                                         error="reading this run failed; see TensorBoard's log"))
                    continue
            if entry is None:
                pending += 1
            runs.append(_run_row(summary, entry and entry[1]))
        body = {"version": 1, "runs": runs, "pending": pending}
        return http_util.Respond(request, body, "application/json")

    @wrappers.Request.application
    @_json_errors
    def _serve_report(self, request):
        _, report = self._entry_for_request(request)
        return http_util.Respond(request, report, "application/json")

    @wrappers.Request.application
    @_json_errors
    def _serve_series(self, request):
        max_points = _int_param(request, "max_points", DEFAULT_MAX_POINTS,
                                MIN_MAX_POINTS, MAX_MAX_POINTS)
        wanted = _single_param(request, "signals")
        if wanted is not None:
            wanted = [s for s in wanted.split(",") if s]
            if not wanted:
                raise errors.InvalidArgumentError("signals must name at least one signal")
            if len(wanted) > MAX_SIGNALS_PER_REQUEST:
                raise errors.InvalidArgumentError(
                    "at most %d signals per request" % MAX_SIGNALS_PER_REQUEST)
            if not all(_SIGNAL_NAME.match(s) for s in wanted):
                raise errors.InvalidArgumentError(
                    "a signal name is letters, digits and _./:- (at most 200)")
        layers = request.args.getlist("layer") or None
        if layers is not None:
            if len(layers) > MAX_LAYERS_PER_REQUEST:
                raise errors.InvalidArgumentError(
                    "at most %d layer parameters per request" % MAX_LAYERS_PER_REQUEST)
            for layer in layers:
                _check_name(layer, "layer", MAX_LAYER_NAME_LENGTH)
        run_data, report = self._entry_for_request(request)
        body = series_body(run_data, report, max_points, wanted, layers)
        if wanted is not None and not body["series"]:
            raise errors.NotFoundError("run %s has none of the signals %s"
                                       % (_shown(run_data.run), _shown(",".join(wanted))))
        if layers is not None and body["missing_layers"] == sorted(set(layers)):
            raise errors.NotFoundError("run %s has no layer named %s"
                                       % (_shown(run_data.run), _shown(layers[0])))
        # Serialised here (not by Respond's Cleanse) because non-finite values are already
        # None and the arrays can be long.
        text = json.dumps(body, allow_nan=False, separators=(",", ":"))
        return http_util.Respond(request, text, "application/json")

    @wrappers.Request.application
    @_json_errors
    def _serve_not_found(self, request):
        raise errors.NotFoundError("no such route in the Plateau plugin")

    @wrappers.Request.application
    @_json_errors
    def _serve_static(self, request):
        # The route table only maps STATIC_FILES' keys here, so the path is one of them.
        filename, content_type = STATIC_FILES[request.path[request.path.rfind("/"):]]
        content = self._static.get(filename)
        if content is None:
            path = os.path.join(STATIC_DIR, filename)
            try:
                with open(path, "rb") as f:
                    content = f.read()
            except OSError:
                raise errors.NotFoundError(
                    "%s is not built: run `npm ci && npm run build` in frontend/" % filename)
            self._static[filename] = content
        return http_util.Respond(request, content, content_type)


class PlateauLoader(base_plugin.TBLoader):
    """Loads the Plateau tab and asks TensorBoard to keep every plateau sample."""

    def fix_flags(self, flags):
        # Runs before ingestion starts. TensorBoard keeps 10 samples per tag of third-party
        # plugins (100 under the Rust data server); a diagnosis needs the whole history.
        # 0 means "keep all" to the Python loader; TensorBoard translates 0 to the Rust
        # data server's "all" (tensorboard/data/server_ingester.py), where a literal 0
        # would keep none. A value the user gave explicitly is left alone.
        hints = getattr(flags, "samples_per_plugin", None)
        if hints is None:
            hints = {}
        elif not isinstance(hints, dict):
            return
        hints.setdefault(metadata.PLUGIN_NAME, KEEP_ALL_SAMPLES)
        flags.samples_per_plugin = hints

    def load(self, context):
        return PlateauPlugin(context)


# samples_per_plugin value meaning "all samples" (see PlateauLoader.fix_flags).
KEEP_ALL_SAMPLES = 0


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


def _single_param(request, name, required=False):
    values = request.args.getlist(name)
    if not values:
        if required:
            raise errors.InvalidArgumentError("missing required parameter: %s" % name)
        return None
    if len(values) > 1:
        raise errors.InvalidArgumentError("parameter %s given %d times; give it once"
                                          % (name, len(values)))
    return values[0]


def _check_name(value, what, max_length):
    if not value:
        raise errors.InvalidArgumentError("%s must not be empty" % what)
    if len(value) > max_length:
        raise errors.InvalidArgumentError("%s name longer than %d characters"
                                          % (what, max_length))
    if "\x00" in value:
        raise errors.InvalidArgumentError("%s name contains a NUL character" % what)


def _shown(name):
    """`name` quoted for an error message, cut short (messages echo requests)."""
    if len(name) > _SHOWN_NAME_LENGTH:
        name = name[:_SHOWN_NAME_LENGTH] + "..."
    return json.dumps(name, ensure_ascii=True)


def _analyze(run_data):
    """The run's report; a report saying the analysis failed if it raised.

    The failure is logged with its trace for the maintainer; the user gets the run's loss
    curve with a note instead of an error page, since reading the run worked.
    """
    from tb_plateau import analysis  # numpy only; imported late so the tab loads without it

    try:
        return analysis.analyze(run_data)
    except Exception as e:
        logger.exception("tb-plateau: analysis of run %r failed", run_data.run)
        return _failed_report(run_data, type(e).__name__)


def _failed_report(run_data, error_name):
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


def _run_row(summary, report, error=None):
    """One line of the runs route: the verdict and what the list needs to draw it."""
    row = {
        "run": summary.run,
        "has_plateau": summary.has_plateau,
        "loss_tag": summary.loss_tag,
        "verdict": None,
        "pending": report is None and error is None,
    }
    if error is None and report is not None and report.get("analysis_error"):
        error = "analysis failed (%s)" % report["analysis_error"]
    if error is not None:
        row["verdict"] = "error"
        row["error"] = error
        return row
    if report is None:
        return row
    intervals = report.get("intervals") or []
    top = None
    for interval in intervals:
        for cause in interval.get("causes") or []:
            if top is None or (cause.get("confidence") or 0) > (top.get("confidence") or 0):
                top = cause
    row.update(
        verdict=report.get("verdict"),
        steps=report.get("steps"),
        final_loss=report.get("final_loss"),
        intervals=[{"kind": i.get("kind"), "start_step": i.get("start_step"),
                    "end_step": i.get("end_step")} for i in intervals],
        top_cause=None if top is None else {"id": top.get("id"),
                                            "confidence": top.get("confidence")},
        signals=report.get("signals") or [],
    )
    return row


def _int_param(request, name, default, lo, hi):
    raw = _single_param(request, name)
    if raw is None:
        return default
    if not _DIGITS.match(raw):
        raise errors.InvalidArgumentError("%s must be a whole number from %d to %d"
                                          % (name, lo, hi))
    value = int(raw)
    if not lo <= value <= hi:
        raise errors.InvalidArgumentError("%s must be between %d and %d" % (name, lo, hi))
    return value


# -- downsampling for drawing ----------------------------------------------------------------


def series_body(run_data, report, max_points, wanted=None, layers=None):
    """The series route's JSON: each signal downsampled to about `max_points` points.

    `layers` restricts per-layer signals (those with `names`) to the named layers.

    Downsampling keeps the minimum and maximum of each bucket (so spikes and dips survive),
    the first and last point, the first non-finite point, and the exact points at every
    problem interval's start and end (so shading lines up with the curve).
    """
    boundaries = []
    for interval in report.get("intervals") or []:
        for key in ("start_step", "end_step"):
            if isinstance(interval.get(key), (int, float)):
                boundaries.append(int(interval[key]))
    names = wanted if wanted is not None else sorted(
        s for s in run_data.signals if not s.startswith("histogram/"))
    out = {}
    missing = []
    missing_layers = []
    if layers is not None:
        known = set()
        for series in run_data.signals.values():
            if series.names and np.ndim(series.values) > 1:
                known.update(series.names)
        missing_layers = sorted(set(layers) - known)
    for name in names:
        series = run_data.signals.get(name)
        if series is None or len(series.steps) == 0:
            missing.append(name)
            continue
        if layers is not None and series.names and np.ndim(series.values) > 1:
            series = _only_layers(series, layers)
        out[name] = downsample_series(series, max_points, boundaries)
    return {
        "version": 1,
        "run": run_data.run,
        "max_points": max_points,
        "loss_tag": run_data.loss_tag,
        "series": out,
        "missing": missing,
        "missing_layers": missing_layers,
    }


def _only_layers(series, layers):
    wanted = set(layers)
    index = [i for i, name in enumerate(series.names) if name in wanted]
    return reader.Series(steps=series.steps, values=np.asarray(series.values)[:, index],
                         names=[series.names[i] for i in index], columns=series.columns,
                         extra=series.extra)


def downsample_series(series, max_points, boundary_steps=()):
    steps = np.asarray(series.steps, dtype=np.int64)
    values = np.asarray(series.values, dtype=np.float64)
    n = len(steps)
    body = {"points": int(n), "names": series.names, "columns": series.columns,
            "shape": list(values.shape[1:])}
    if series.extra:
        body["extra"] = series.extra
    if n <= max_points:
        body.update(downsampled=False, steps=steps.tolist(), values=_json_values(values))
        return body
    keep = _boundary_indices(steps, boundary_steps)
    if values.ndim == 1:
        index = _min_max_indices(values, max_points - len(keep) - 3)
        index = np.union1d(index, keep)
        index = np.union1d(index, [0, n - 1])
        nonfinite = np.flatnonzero(~np.isfinite(values))
        if len(nonfinite):
            index = np.union1d(index, nonfinite[:1])
        body.update(downsampled=True, steps=steps[index].tolist(),
                    values=_json_values(values[index]))
        return body
    # Layers (and columns) along further axes: an envelope of per-bucket minima and maxima
    # of every layer, at the bucket's first and last step, plus the exact boundary rows.
    flat = values.reshape(n, -1)
    env_steps, env_values = _envelope(steps, flat, max(1, (max_points - len(keep)) // 2))
    all_steps = np.concatenate([env_steps, steps[keep]])
    all_values = np.concatenate([env_values, flat[keep]])
    order = np.argsort(all_steps, kind="stable")
    body.update(downsampled=True, envelope=True, steps=all_steps[order].tolist(),
                values=_json_values(all_values[order].reshape((-1,) + values.shape[1:])))
    return body


def _boundary_indices(steps, boundary_steps):
    if not len(boundary_steps):
        return np.zeros(0, np.int64)
    b = np.asarray(sorted(set(boundary_steps)), dtype=np.int64)
    # The logged point at the boundary or, if the boundary falls between two, both of them.
    right = np.clip(np.searchsorted(steps, b, side="left"), 0, len(steps) - 1)
    left = np.clip(right - 1, 0, len(steps) - 1)
    exact = steps[right] == b
    return np.unique(np.concatenate([right, left[~exact]]))


def _bucket_shape(n, buckets):
    buckets = max(1, min(buckets, n))
    size = -(-n // buckets)
    return -(-n // size), size


def _min_max_indices(values, budget):
    """Indices of each bucket's minimum and maximum (NaN never wins), vectorised."""
    n = len(values)
    buckets, size = _bucket_shape(n, max(1, budget // 2))
    pad = buckets * size - n
    low = np.where(np.isfinite(values), values, np.inf)
    high = np.where(np.isfinite(values), values, -np.inf)
    low = np.concatenate([low, np.full(pad, np.inf)]).reshape(buckets, size)
    high = np.concatenate([high, np.full(pad, -np.inf)]).reshape(buckets, size)
    base = np.arange(buckets) * size
    index = np.concatenate([base + low.argmin(axis=1), base + high.argmax(axis=1)])
    return np.unique(np.clip(index, 0, n - 1))


def _envelope(steps, flat, buckets):
    n, k = flat.shape
    buckets, size = _bucket_shape(n, buckets)
    pad = buckets * size - n
    padded = np.concatenate([flat, np.full((pad, k), np.nan)]).reshape(buckets, size, k)
    with np.errstate(invalid="ignore"):
        lows = np.fmin.reduce(padded, axis=1)
        highs = np.fmax.reduce(padded, axis=1)
    first = steps[np.arange(buckets) * size]
    last = steps[np.minimum(np.arange(1, buckets + 1) * size, n) - 1]
    out_steps = np.empty(2 * buckets, np.int64)
    out_steps[0::2] = first
    out_steps[1::2] = last
    out_values = np.empty((2 * buckets, k))
    out_values[0::2] = lows
    out_values[1::2] = highs
    return out_steps, out_values


def _json_values(values):
    """Nested lists with None where a value is NaN or infinite (JSON has neither)."""
    values = np.asarray(values, dtype=np.float64)
    finite = np.isfinite(values)
    if finite.all():
        return values.tolist()
    as_objects = values.astype(object)
    as_objects[~finite] = None
    return as_objects.tolist()
