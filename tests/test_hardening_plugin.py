"""Bad requests against every Plateau route: a JSON 400/404, never a 500 or a stack trace.

Real event files (tests/eventfiles.py), TensorBoard's own WSGI app and data provider
(tests/test_plugin.Server), werkzeug's test client; nothing of TensorBoard is faked.
"""

import json
import threading

import pytest

from tb_plateau.serve import plugin
from tb_plateau.serve.cache import ReportCache
from tb_plateau.analysis import causes
from tests import browser_helpers as bh
from tests.test_plugin import PREFIX, Server

RUN = bh.STALLED_RUN
RUN_ROUTES = ["/report", "/series"]
OTHER_ROUTES = ["/runs", "/index.js", "/index.css"]
ALL_ROUTES = RUN_ROUTES + OTHER_ROUTES


@pytest.fixture(scope="module")
def logdir(tmp_path_factory):
    return bh.build_logdir(tmp_path_factory.mktemp("hardening") / "logs")


@pytest.fixture(scope="module")
def server(logdir):
    return Server(logdir)


def raw_get(server, path, query=""):
    """GET with the query string exactly as given (percent-escapes and all)."""
    return server.client.get(PREFIX + path, query_string=query)


def assert_json_error(response, status):
    text = response.get_data(as_text=True)
    assert response.status_code == status, text[:500]
    assert response.headers["Content-Type"].startswith("application/json"), text[:500]
    body = json.loads(text)
    assert body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    assert "Traceback" not in text and 'File "' not in text
    # An error echoes at most a short piece of what the request said.
    assert len(text) < 1000
    return body


def query(pairs):
    from urllib.parse import urlencode
    return urlencode(pairs)


LONG = "a" * 100_000

# (description, query pairs or raw query string, status) for routes taking a run.
RUN_CASES = [
    ("missing run", [], 400),
    ("empty run", [("run", "")], 400),
    ("repeated run", [("run", RUN), ("run", bh.HEALTHY_RUN)], 400),
    ("100 kB run name", [("run", LONG)], 400),
    ("run at the length limit", [("run", "r" * plugin.MAX_RUN_NAME_LENGTH)], 404),
    ("non-UTF-8 run", "run=%ff%fe", 400),
    ("non-UTF-8 after a good run", "run=mlp%2Fdead_relus%c3%28", 400),
    ("NUL in run", [("run", RUN + "\x00")], 400),
    ("path traversal", [("run", "../../etc/passwd")], 404),
    ("absolute path", [("run", "/etc/passwd")], 404),
    ("HTML run", [("run", "<img src=x onerror=alert(1)>")], 404),
    ("regex as run", [("run", "(a+)+$")], 404),
    ("RLO run", [("run", "mlp/\u202edead_relus")], 404),
]

SERIES_CASES = [
    ("negative max_points", [("max_points", "-5")], 400),
    ("zero max_points", [("max_points", "0")], 400),
    ("NaN max_points", [("max_points", "nan")], 400),
    ("float max_points", [("max_points", "1.5")], 400),
    ("exponent max_points", [("max_points", "1e3")], 400),
    ("huge max_points", [("max_points", "9" * 400)], 400),
    ("above the cap", [("max_points", str(plugin.MAX_MAX_POINTS + 1))], 400),
    ("underscore max_points", [("max_points", "1_000")], 400),
    ("padded max_points", [("max_points", " 100")], 400),
    ("fullwidth digits", [("max_points", "\uff11\uff10\uff10")], 400),
    ("empty max_points", [("max_points", "")], 400),
    ("repeated max_points", [("max_points", "100"), ("max_points", "200")], 400),
    ("empty signals", [("signals", "")], 400),
    ("only commas", [("signals", ",,,")], 400),
    ("HTML signal", [("signals", "loss,<b>")], 400),
    ("NUL signal", [("signals", "loss\x00")], 400),
    ("regex bomb signal", [("signals", "(a+)+$" * 10)], 400),
    ("too many signals", [("signals", ",".join("s%d" % i for i in range(100)))], 400),
    ("over-long signal", [("signals", "s" * 201)], 400),
    ("repeated signals", [("signals", "loss"), ("signals", "grad_norm")], 400),
    ("unknown signal", [("signals", "no_such_signal")], 404),
    ("unknown layer", [("signals", "grad_norm"), ("layer", "no_such_layer")], 404),
    ("traversal layer", [("signals", "grad_norm"), ("layer", "../../etc/passwd")], 404),
    ("empty layer", [("layer", "")], 400),
    ("NUL layer", [("layer", "dense\x00")], 400),
    ("over-long layer", [("layer", LONG)], 400),
    ("too many layers", [("layer", "l%d" % i) for i in range(2000)], 400),
]


@pytest.mark.parametrize("route", RUN_ROUTES)
@pytest.mark.parametrize("what, params, status", RUN_CASES, ids=[c[0] for c in RUN_CASES])
def test_bad_run_parameter(server, route, what, params, status):
    raw = params if isinstance(params, str) else query(params)
    assert_json_error(raw_get(server, route, raw), status)


@pytest.mark.parametrize("what, params, status", SERIES_CASES,
                         ids=[c[0] for c in SERIES_CASES])
def test_bad_series_parameter(server, what, params, status):
    assert_json_error(raw_get(server, "/series", query([("run", RUN)] + params)), status)


@pytest.mark.parametrize("route", ALL_ROUTES)
def test_non_utf8_query_is_refused_on_every_route(server, route):
    assert_json_error(raw_get(server, route, "x=%ff%fe"), 400)


@pytest.mark.parametrize("route", OTHER_ROUTES)
@pytest.mark.parametrize("params", [
    [("run", "a"), ("run", "b")], [("run", LONG)], [("run", "\x00")],
    [("run", "../../etc/passwd")], [("max_points", "nan")], [("signals", "")],
], ids=["repeated", "long", "nul", "traversal", "nan", "empty-signals"])
def test_routes_without_parameters_ignore_them(server, route, params):
    # Nothing the request says is used by these routes: not as a path, not at all.
    response = raw_get(server, route, query(params))
    assert response.status_code == 200
    reference = raw_get(server, route)
    assert response.get_data() == reference.get_data()


@pytest.mark.parametrize("path", [
    "/index.html", "/static/index.js", "/package.json", "/plugin.py", "/index.js.map",
    "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd", "/index.js%00",
    "/%ff%fe", "/<script>", "/" + "a" * 100_000, "/runs/extra", "/report/../runs/x",
])
def test_no_request_names_a_file(server, path):
    # TensorBoard routes its exact paths first; everything else under the plugin's prefix
    # reaches the plugin's catch-all, which answers a JSON 404.
    assert_json_error(server.get(PREFIX + path), 404)


def test_well_formed_requests_still_work(server):
    # The limits sit above anything real: a layer filter, partial misses, the max_points range.
    body = json.loads(raw_get(server, "/series", query([
        ("run", RUN), ("signals", "grad_norm,learning_rate,nope"), ("layer", "dense_1"),
        ("layer", "no_such_layer"), ("max_points", str(plugin.MIN_MAX_POINTS))])).get_data())
    assert sorted(body["series"]) == ["grad_norm", "learning_rate"]
    assert body["missing"] == ["nope"]
    assert body["missing_layers"] == ["no_such_layer"]
    assert body["series"]["grad_norm"]["names"] == ["dense_1"]
    assert raw_get(server, "/report", query([("run", bh.HOSTILE_RUN)])).status_code == 200


class BrokenDetector(causes.Cause):
    """A detector with a bug: what an analysis failure looks like from the plugin."""

    id = "broken_for_the_test"

    def examine(self, ctx, finding):
        raise RuntimeError("a bug in a detector /secret/path")


@pytest.fixture
def broken_analysis():
    # Registered the way a cause is added (the causes registry that analyze() runs), with an
    # exception type the analysis does not catch per detector.
    causes.register(BrokenDetector())
    yield
    causes.unregister(BrokenDetector.id)


def test_an_analysis_failure_is_a_report_with_a_note_not_a_500(tmp_path, broken_analysis):
    bh.write_run(tmp_path, "stalled", *bh.stalled_signals())
    server = Server(tmp_path)
    response = server.get(PREFIX + "/report", run="stalled")
    text = response.get_data(as_text=True)
    assert response.status_code == 200, text
    assert "Traceback" not in text and "/secret/path" not in text
    report = json.loads(text)
    assert report["verdict"] == "no_data"
    assert report["analysis_error"] == "RuntimeError"
    assert report["intervals"] == []
    assert "analysis of this run failed" in report["notes"][0].lower()
    assert report["steps"] == {"first": 1, "last": 600, "count": 600}
    # The curves are still there to look at, and the list says what happened.
    series = server.json(PREFIX + "/series", run="stalled", signals="loss")
    assert series["series"]["loss"]["points"] == 600
    (row,) = server.runs()["runs"]
    assert row["verdict"] == "error" and "RuntimeError" in row["error"]
    # Cached like any report: the panel's polling does not re-run a failing analysis.
    assert server.plugin._cache.computations == 1


def test_concurrent_requests_while_the_run_grows_see_whole_reports(tmp_path):
    steps, signals = bh.stalled_signals()
    bh.write_run(tmp_path, "growing", steps[:300], {k: v[:300] for k, v in signals.items()})
    server = Server(tmp_path)
    seen = []
    failures = []
    start = threading.Barrier(7)

    def hammer(route):
        start.wait()
        for _ in range(6):
            response = server.get(PREFIX + route, run="growing", signals="loss")
            if response.status_code != 200:
                failures.append((route, response.status_code, response.get_data()[:300]))
                continue
            seen.append((route, json.loads(response.get_data())))

    threads = [threading.Thread(target=hammer, args=(route,))
               for route in ["/report", "/series"] * 3]
    for t in threads:
        t.start()
    start.wait()
    bh.write_run(tmp_path, "growing", steps[300:], {k: v[300:] for k, v in signals.items()})
    server.reload()
    for t in threads:
        t.join()
    assert failures == []
    assert len(seen) == 36
    for route, body in seen:
        # Either the run before it grew or after, never a mixture or a partial entry.
        if route == "/report":
            assert (body["steps"]["count"], body["steps"]["last"]) in [(300, 300), (600, 600)]
            assert body["verdict"] in ("stalled", "healthy", "converged", "diverged")
        else:
            loss = body["series"]["loss"]
            assert loss["points"] in (300, 600) and loss["steps"][-1] == loss["points"]
    final = server.json(PREFIX + "/report", run="growing")
    assert final["steps"]["count"] == 600
    done = server.plugin._cache.computations
    server.json(PREFIX + "/series", run="growing")
    server.json(PREFIX + "/report", run="growing")
    assert server.plugin._cache.computations == done  # the newest report stayed cached


def test_cache_keeps_the_newer_entry_when_an_older_request_finishes_last():
    cache = ReportCache()
    first_started = threading.Event()
    release_first = threading.Event()
    results = {}

    def slow_old():
        first_started.set()
        release_first.wait(30)
        return "old"

    def old():
        results["old"] = cache.get("run", "fingerprint-1", slow_old)

    def new():
        results["new"] = cache.get("run", "fingerprint-2", lambda: "new")

    t_old = threading.Thread(target=old)
    t_old.start()
    assert first_started.wait(30)
    t_new = threading.Thread(target=new)
    t_new.start()  # waits for the run's lock behind the older request
    release_first.set()
    t_old.join(30)
    t_new.join(30)
    assert results == {"old": "old", "new": "new"}
    assert cache.peek("run", "fingerprint-2") == "new"
    assert cache.computations == 2
