"""The Plateau tab: TensorBoard's plugin and loader, and the plugin's HTTP routes."""

import functools
import json
import logging
import os
import re
import time
import urllib.parse

from werkzeug import wrappers

from tensorboard import context as tb_context
from tensorboard import errors
from tensorboard import plugin_util
from tensorboard.backend import http_util
from tensorboard.plugins import base_plugin

from tb_plateau import metadata
from tb_plateau.read import conventions, reader
from tb_plateau.serve import cache, downsample

logger = logging.getLogger(__name__)

TAB_NAME = "Plateau"

# The built frontend (frontend/ -> tb_plateau/static/). Only these names are ever served:
# a request never names a file.
STATIC_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                          "static")
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
# A scalar tag is a summary name ("train/loss", "Loss/train"): as short as a layer name in
# practice, and bounded the same way.
MAX_TAG_NAME_LENGTH = 1024
# How many of a run's scalar tags an unknown-loss-tag error names.
_SHOWN_TAGS = 5
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
        self._cache = cache.ReportCache()
        # Reports with a loss tag the user chose (the `loss_tag` parameter), apart from the
        # automatic ones the run list shows, so that looking at another tag does not evict
        # them: one chosen tag per run is kept (the cache keeps a run's newest key).
        self._chosen_cache = cache.ReportCache(max_bytes=cache.MAX_CACHE_BYTES // 4)
        self._shared_listings = cache.SharedCalls()
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
            listing = reader.list_runs(self._provider, tb_context.RequestContext(), "")
            # Runs without a loss are listed (with a note) but do not make the tab worth
            # showing on their own.
            return any(r.has_plateau or r.loss_tag for r in listing.values())
        except Exception:  # an unreadable logdir must not break TensorBoard's listing
            logger.warning("tb-plateau: is_active failed", exc_info=True)
            return False

    def frontend_metadata(self):
        return base_plugin.FrontendMetadata(es_module_path="/index.js", tab_name=TAB_NAME)

    # -- reports ---------------------------------------------------------------------------

    def _listing(self, request, run=None):
        """(context, experiment id, listing): of every run, or only of `run`.

        Concurrent requests for the same listing share one: under TensorBoard's Python
        loader a listing is pure Python walking every logged event while holding the GIL,
        so 16 clients listing at once did the same work 16 times, one at a time (issue 11,
        defect 7). A request that arrives while a listing is under way takes its answer,
        which is at most that listing's duration older than its own would have been.
        """
        ctx = plugin_util.context(request.environ)
        eid = plugin_util.experiment_id(request.environ)
        runs = None if run is None else [run]
        listing = self._shared_listings.run(
            (eid, run), lambda: reader.list_runs(self._provider, ctx, eid, runs=runs))
        return ctx, eid, listing

    def _entry(self, ctx, eid, summary, provider=None, loss_tag=None):
        """The cached (run data, report) of a run, recomputed only when the run grew.

        A failed analysis is cached too (as a report saying so): it is retried when the
        run grows, not on every poll of the panel. `provider` may be a
        `reader.BatchReadProvider` that has the run's data read together with others'.
        `loss_tag`: a scalar tag of the run to read as the loss instead of the automatic
        choice (cached apart, keyed on the tag).
        """

        def compute():
            try:
                run_data = reader.read_run(provider or self._provider, ctx, eid, summary.run,
                                           loss_tag=loss_tag)
            except reader.UnknownRunError:
                raise
            except Exception as e:  # RecursionError included: deeply nested JSON
                # Kept like any report, until the run changes: a malformed run must not be
                # read again on every poll of the panel (issue 11, defect 2).
                logger.exception("tb-plateau: reading run %r failed", summary.run)
                return reader.RunData(run=summary.run), cache.unreadable_report(summary.run, e)
            return run_data, cache.analyze_run(run_data)

        if loss_tag is None:
            return self._cache.get(summary.run, summary.fingerprint, compute)
        return self._chosen_cache.get(summary.run, (summary.fingerprint, loss_tag), compute)

    def _entry_for_request(self, request):
        run = _single_param(request, "run", required=True)
        _check_name(run, "run", MAX_RUN_NAME_LENGTH)
        loss_tag = _single_param(request, "loss_tag")
        if loss_tag is not None:
            _check_name(loss_tag, "loss_tag", MAX_TAG_NAME_LENGTH)
        ctx, eid, listing = self._listing(request, run)
        summary = listing.get(run)
        if summary is None:
            raise errors.NotFoundError(
                "no run %s with tb-plateau signals or a loss scalar" % _shown(run))
        try:
            entry = self._entry(ctx, eid, summary)
            if loss_tag is None:
                return entry
            return self._chosen_entry(ctx, eid, summary, entry, loss_tag)
        except reader.UnknownRunError:
            raise errors.NotFoundError("no run %s" % _shown(run))

    def _chosen_entry(self, ctx, eid, summary, automatic, loss_tag):
        """The (run data, report) with `loss_tag` read as the loss: a scalar tag of the run
        (matched as the CLI's --loss-tag is, exact first, else in any case), or the tag
        the automatic choice already reads. Any other tag is a 400 naming some that exist."""
        run_data, _ = automatic
        tags = run_data.scalar_tags or []
        tag = conventions.match_tag(loss_tag, tags) if tags else None
        if tag is None and loss_tag == run_data.loss_tag:
            return automatic  # e.g. the helper's own plateau/loss_block
        if tag is None:
            shown = ", ".join(_shown(t) for t in tags[:_SHOWN_TAGS])
            if len(tags) > _SHOWN_TAGS:
                shown += " and %d more" % (len(tags) - _SHOWN_TAGS)
            raise errors.InvalidArgumentError(
                "run %s has no scalar tag %s to read as the loss; %s"
                % (_shown(run_data.run), _shown(loss_tag),
                   "its scalar tags: " + shown if tags else "it has no scalar tags"))
        if tag == run_data.loss_tag and run_data.loss_source == "scalar":
            return automatic  # the automatic choice: the same report
        return self._entry(ctx, eid, summary, loss_tag=tag)

    @wrappers.Request.application
    @_json_errors
    def _serve_runs(self, request):
        ctx, eid, listing = self._listing(request)
        self._cache.prune(set(listing))
        self._chosen_cache.prune(set(listing))
        deadline = time.monotonic() + RUNS_ROUTE_BUDGET_SECONDS
        names = sorted(listing)
        uncached = [n for n in names if self._cache.peek(n, listing[n].fingerprint) is None]
        batch_of = {}
        for start in range(0, len(uncached), RUNS_READ_BATCH):
            batch = reader.BatchReadProvider(self._provider, eid,
                                             uncached[start:start + RUNS_READ_BATCH])
            batch_of.update((n, batch) for n in uncached[start:start + RUNS_READ_BATCH])
        runs = []
        pending = 0
        for name in names:
            summary = listing[name]
            entry = self._cache.peek(name, summary.fingerprint)
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
        body = downsample.series_body(run_data, report, max_points, wanted, layers)
        # What the panel's loss selector offers: every ordinary scalar tag of the run.
        body["scalar_tags"] = list(run_data.scalar_tags or [])
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


def _run_row(summary, report, error=None):
    """One line of the runs route: the verdict and what the list needs to draw it."""
    row = {
        "run": summary.run,
        "has_plateau": summary.has_plateau,
        "loss_tag": summary.loss_tag,
        "verdict": None,
        "pending": report is None and error is None,
    }
    if error is None and report is not None and report.get("read_error"):
        error = "reading this run failed (%s)" % report["read_error"]
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
    top_cause = None
    if top is not None:
        top_cause = {"id": top.get("id"), "confidence": top.get("confidence")}
        # Passed on only when the report has it, so the list names a cause as its card does.
        if top.get("title"):
            top_cause["title"] = top["title"]
    row.update(
        verdict=report.get("verdict"),
        steps=report.get("steps"),
        final_loss=report.get("final_loss"),
        intervals=[{"kind": i.get("kind"), "start_step": i.get("start_step"),
                    "end_step": i.get("end_step")} for i in intervals],
        top_cause=top_cause,
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

