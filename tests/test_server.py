"""A real `tensorboard` process with the installed plugin, under both data loaders."""

import json

import pytest

from tests import browser_helpers as bh

PREFIX = "/data/plugin/plateau"


@pytest.fixture(scope="module")
def logdir(tmp_path_factory):
    return bh.build_logdir(tmp_path_factory.mktemp("server") / "logs")


def get_json(url):
    status, body = bh.http_get(url)
    assert status == 200, body[:500]
    return json.loads(body)


# --load_fast=true runs the Rust data server, where context.multiplexer is None and the
# default reservoir keeps 100 samples per tag: 600 logged steps prove "all" reached it.
@pytest.mark.parametrize("load_fast", ["false", "true"])
def test_tensorboard_serves_the_plateau_tab(logdir, load_fast):
    with bh.tensorboard_server(logdir, load_fast=load_fast) as base:
        listing = get_json(base + "/data/plugins_listing")["plateau"]
        assert listing["enabled"] is True and listing["tab_name"] == "Plateau"
        module = listing["loading_mechanism"]["module_path"]
        status, script = bh.http_get(base + module)
        assert status == 200 and b"render" in script
        status, entry = bh.http_get(base + "/data/plugin_entry.html?name=plateau")
        assert status == 200 and b'plugin/plateau/' in entry

        # The runs route answers within a time budget and marks the rest pending, for the
        # panel to ask again: so does this test.
        bh.wait_for_runs(base, [bh.STALLED_RUN, bh.HEALTHY_RUN])
        rows = {r["run"]: r for r in get_json(base + PREFIX + "/runs")["runs"]}
        assert rows[bh.STALLED_RUN]["verdict"] == "stalled"
        assert rows[bh.STALLED_RUN]["top_cause"]["id"] == "dead_relus"
        assert rows[bh.HEALTHY_RUN]["verdict"] in ("healthy", "converged")
        assert bh.HOSTILE_RUN in rows and bh.SCALAR_RUN in rows

        report = get_json(base + PREFIX + "/report?run=" + bh.quote(bh.STALLED_RUN))
        assert report["steps"]["count"] == 600
        assert report["intervals"][0]["causes"][0]["id"] == "dead_relus"
        series = get_json(base + PREFIX + "/series?max_points=100&run="
                          + bh.quote(bh.STALLED_RUN))
        assert len(series["series"]["loss"]["steps"]) <= 100
        assert series["series"]["loss"]["points"] == 600

        assert bh.http_get(base + PREFIX + "/report")[0] == 400
        assert bh.http_get(base + PREFIX + "/report?run=nope")[0] == 404
        assert bh.http_get(base + PREFIX + "/series?run=nope&max_points=x")[0] == 400
        status, body = bh.http_get(base + PREFIX + "/report?run=" + bh.quote(bh.HOSTILE_RUN))
        assert status == 200 and json.loads(body)["run"] == bh.HOSTILE_RUN
