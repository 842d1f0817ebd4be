"""The Plateau plugin's routes, through TensorBoard's own WSGI app and data provider."""

import argparse
import importlib.metadata
import json
import subprocess
import sys
import threading
import time

import numpy as np
import pytest
from werkzeug import test as werkzeug_test
from werkzeug import wrappers

from tensorboard.backend import application
from tensorboard.backend.event_processing import data_ingester
from tensorboard.plugins import base_plugin
from tensorboard.plugins.core import core_plugin

from tb_plateau import analysis
from tb_plateau.read import reader
from tb_plateau.serve import plugin
from tests import browser_helpers as bh
from tests import eventfiles

PREFIX = "/data/plugin/plateau"


class Server:
    """TensorBoardWSGI([core, plateau]) over a logdir loaded the way `tensorboard` loads it."""

    def __init__(self, logdir, samples_per_plugin=""):
        parser = argparse.ArgumentParser()
        core_plugin.CorePluginLoader().define_flags(parser)
        flags = parser.parse_args(["--logdir", str(logdir), "--reload_interval", "0",
                                   "--reload_task", "blocking",
                                   "--samples_per_plugin", samples_per_plugin])
        plugin.PlateauLoader().fix_flags(flags)
        self.flags = flags
        self.ingester = data_ingester.LocalDataIngester(flags)
        self.ingester.start()
        context = base_plugin.TBContext(data_provider=self.ingester.data_provider, flags=flags,
                                        logdir=str(logdir),
                                        sampling_hints=flags.samples_per_plugin)
        self.plugin = plugin.PlateauLoader().load(context)
        core = core_plugin.CorePlugin(context)
        app = application.TensorBoardWSGI([core, self.plugin],
                                          data_provider=self.ingester.data_provider)
        self.client = werkzeug_test.Client(app, wrappers.Response)

    def reload(self):
        self.ingester.deprecated_multiplexer.Reload()

    def get(self, path, **params):
        return self.client.get(path, query_string=params)

    def json(self, path, **params):
        response = self.get(path, **params)
        assert response.status_code == 200, response.get_data(as_text=True)
        assert response.headers["Content-Type"].startswith("application/json")
        return json.loads(response.get_data())

    def runs(self, timeout=60):
        """The runs route's body once no run is pending: the route answers within a time
        budget and marks the rest pending, for the panel to ask again; so does this."""
        deadline = time.monotonic() + timeout
        while True:
            body = self.json(PREFIX + "/runs")
            if not body["pending"]:
                return body
            assert time.monotonic() < deadline, "runs still pending after %ss" % timeout
            time.sleep(0.2)


@pytest.fixture(scope="module")
def logdir(tmp_path_factory):
    return bh.build_logdir(tmp_path_factory.mktemp("plugin") / "logs")


@pytest.fixture(scope="module")
def server(logdir):
    return Server(logdir)


def test_registered_through_the_tensorboard_plugins_entry_point():
    points = importlib.metadata.entry_points(group="tensorboard_plugins")
    (point,) = [p for p in points if p.name == "plateau"]
    assert point.load() is plugin.PlateauLoader


def test_fix_flags_keeps_every_sample_unless_the_user_chose():
    flags = argparse.Namespace(samples_per_plugin={})
    plugin.PlateauLoader().fix_flags(flags)
    assert flags.samples_per_plugin == {"plateau": 0}
    flags = argparse.Namespace(samples_per_plugin={"plateau": 50, "images": 3})
    plugin.PlateauLoader().fix_flags(flags)
    assert flags.samples_per_plugin == {"plateau": 50, "images": 3}


def test_tab_is_listed_as_an_iframe_with_its_name(server):
    listing = server.json("/data/plugins_listing")["plateau"]
    assert listing["enabled"] is True
    assert listing["tab_name"] == "Plateau"
    assert listing["loading_mechanism"] == {"type": "IFRAME",
                                            "module_path": PREFIX + "/index.js"}


def test_active_for_a_logdir_with_only_a_keras_loss_scalar(tmp_path):
    eventfiles.write_keras_scalars(tmp_path, "run", range(10), {"loss": np.linspace(2, 1, 10)})
    assert Server(tmp_path).json("/data/plugins_listing")["plateau"]["enabled"] is True


def test_inactive_without_a_loss(tmp_path):
    with eventfiles.RunWriter(tmp_path, "run") as w:
        for step in range(10):
            w.scalar("accuracy", step, 0.5)
    assert Server(tmp_path).json("/data/plugins_listing")["plateau"]["enabled"] is False


def test_runs_route_gives_each_run_its_verdict(server):
    body = server.runs()
    rows = {row["run"]: row for row in body["runs"]}
    assert set(rows) == {bh.STALLED_RUN, bh.HEALTHY_RUN, bh.SCALAR_RUN, bh.HOSTILE_RUN}
    stalled = rows[bh.STALLED_RUN]
    assert stalled["verdict"] == "stalled"
    assert stalled["top_cause"]["id"] == "dead_relus"
    assert stalled["intervals"][0]["start_step"] <= bh.STALL_START + 10
    assert rows[bh.HEALTHY_RUN]["verdict"] in ("healthy", "converged")
    assert rows[bh.HEALTHY_RUN]["top_cause"] is None
    assert rows[bh.SCALAR_RUN]["has_plateau"] is False
    assert rows[bh.SCALAR_RUN]["loss_tag"] == "epoch_loss"


def test_report_route_is_the_cli_report(server, logdir):
    report = server.json(PREFIX + "/report", run=bh.STALLED_RUN)
    source = reader.open_logdir(str(logdir))
    expected = analysis.analyze(reader.read_run(source.provider, source.ctx,
                                                source.experiment_id, bh.STALLED_RUN))
    assert report == json.loads(json.dumps(expected))
    # Every one of the 600 steps, not TensorBoard's 10-sample reservoir.
    assert report["steps"] == {"first": 1, "last": 600, "count": 600}
    assert report["intervals"][0]["causes"][0]["id"] == "dead_relus"


def test_a_user_sample_limit_is_respected(logdir):
    limited = Server(logdir, samples_per_plugin="plateau=50")
    assert limited.flags.samples_per_plugin == {"plateau": 50}
    # TensorBoard keeps 50 samples per tag: 50 of the 600 gradient-norm tensors, while the
    # loss, written in blocks of 256 steps (3 tensors), is kept whole.
    series = limited.json(PREFIX + "/series", run=bh.HEALTHY_RUN)["series"]
    assert len(series["grad_norm"]["steps"]) == 50
    assert limited.json(PREFIX + "/report", run=bh.HEALTHY_RUN)["steps"]["count"] == 600


def test_series_route_returns_loss_and_layers(server):
    body = server.json(PREFIX + "/series", run=bh.STALLED_RUN)
    series = body["series"]
    assert {"loss", "learning_rate", "grad_norm", "activation"} <= set(series)
    assert series["loss"]["downsampled"] is False
    assert series["loss"]["steps"] == list(range(1, 601))
    assert series["grad_norm"]["names"] == bh.LAYERS
    assert np.shape(series["activation"]["values"]) == (600, 3, 4)
    # NaN (saturation of a ReLU layer) crosses as null, not as the string "NaN".
    assert series["activation"]["values"][0][0][1] is None
    only = server.json(PREFIX + "/series", run=bh.STALLED_RUN, signals="grad_norm,nope",
                       layer="dense_1")
    assert list(only["series"]) == ["grad_norm"]
    assert only["missing"] == ["nope"]
    assert only["series"]["grad_norm"]["names"] == ["dense_1"]
    assert np.shape(only["series"]["grad_norm"]["values"]) == (600, 1)


def test_series_downsampling_keeps_extremes_and_interval_edges(tmp_path):
    n = 50_000
    steps = np.arange(1, n + 1)
    rng = np.random.default_rng(0)
    # Stalls at the constant-prediction loss (ln 10 for the 10-way softmax of bh.CONFIG).
    loss = np.where(steps < 10_000, 3.0 - 0.7 * steps / 10_000, 2.3) + rng.normal(0, 0.01, n)
    loss[31_337] = 9.0  # one spike inside the stall
    loss[40_000] = np.nan
    grad = np.stack([np.full(n, 0.5), np.where(steps < 10_000, 0.4, 0.0)], axis=1)
    grad[25_000, 0] = 7.0
    with eventfiles.RunWriter(tmp_path, "long") as w:
        w.config(bh.CONFIG)
        for i, step in enumerate(steps):
            w.signal("loss", int(step), loss[i])
            if i % 5 == 0:
                w.signal("grad_norm", int(step), grad[i], names=["dense", "dense_1"])
    server = Server(tmp_path)
    report = server.json(PREFIX + "/report", run="long")
    assert report["intervals"], report
    edges = {s for i in report["intervals"] for s in (i["start_step"], i["end_step"])}
    body = server.json(PREFIX + "/series", run="long", max_points=300)
    drawn = body["series"]["loss"]
    assert drawn["downsampled"] is True and drawn["points"] == n
    assert len(drawn["steps"]) <= 300
    assert drawn["steps"] == sorted(drawn["steps"])
    assert drawn["steps"][0] == 1 and drawn["steps"][-1] == n
    assert edges <= set(drawn["steps"])
    values = dict(zip(drawn["steps"], drawn["values"]))
    assert values[31_338] == pytest.approx(9.0)
    assert values[40_001] is None  # the first non-finite point is kept, as null
    finite = loss[np.isfinite(loss)]
    assert min(v for v in drawn["values"] if v is not None) == pytest.approx(finite.min())
    layered = body["series"]["grad_norm"]
    assert layered["envelope"] is True and len(layered["steps"]) <= 300 + len(edges) * 2
    assert max(row[0] for row in layered["values"]) == pytest.approx(7.0)
    assert min(row[1] for row in layered["values"]) == 0.0


@pytest.mark.parametrize("path, params, status", [
    ("/report", {}, 400),
    ("/series", {}, 400),
    ("/report", {"run": "no/such/run"}, 404),
    ("/series", {"run": "no/such/run"}, 404),
    ("/series", {"run": bh.STALLED_RUN, "max_points": "many"}, 400),
    ("/series", {"run": bh.STALLED_RUN, "max_points": "1"}, 400),
    ("/series", {"run": bh.STALLED_RUN, "max_points": "10000000"}, 400),
    ("/series", {"run": bh.STALLED_RUN, "signals": "loss,<b>"}, 400),
    ("/series", {"run": bh.STALLED_RUN, "signals": ","}, 400),
    ("/index.html", {}, 404),
    ("/../plugin.py", {}, 404),
    ("/static/index.js", {}, 404),
    ("/package.json", {}, 404),
])
def test_bad_requests_are_400_or_404_never_a_stack_trace(server, path, params, status):
    response = server.get(PREFIX + path, **params)
    assert response.status_code == status
    text = response.get_data(as_text=True)
    assert "Traceback" not in text and "File \"" not in text


def test_hostile_run_name_is_served_as_json_data(server):
    rows = server.runs()["runs"]
    assert bh.HOSTILE_RUN in [row["run"] for row in rows]
    response = server.get(PREFIX + "/report", run=bh.HOSTILE_RUN)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert json.loads(response.get_data())["run"] == bh.HOSTILE_RUN
    missing = server.get(PREFIX + "/report", run=bh.HOSTILE_RUN + "x")
    assert missing.status_code == 404
    assert missing.headers["Content-Type"].startswith("application/json")


def test_static_bundle_is_served_from_the_whitelist(server):
    script = server.get(PREFIX + "/index.js")
    assert script.status_code == 200
    assert script.headers["Content-Type"].startswith("text/javascript")
    assert b"render" in script.get_data()
    style = server.get(PREFIX + "/index.css")
    assert style.status_code == 200 and style.headers["Content-Type"].startswith("text/css")
    assert b".u-legend" in style.get_data()  # uPlot's own styles are bundled, no CDN


def test_concurrent_requests_compute_a_report_once_and_again_when_the_run_grows(tmp_path):
    steps, signals = bh.stalled_signals()
    bh.write_run(tmp_path, "growing", steps[:300], {k: v[:300] for k, v in signals.items()})
    server = Server(tmp_path)
    cache = server.plugin._cache
    results = []

    def fetch():
        results.append(server.json(PREFIX + "/report", run="growing"))

    threads = [threading.Thread(target=fetch) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 8 and all(r == results[0] for r in results)
    assert cache.computations == 1
    server.json(PREFIX + "/series", run="growing")
    server.json(PREFIX + "/runs")
    assert cache.computations == 1
    bh.write_run(tmp_path, "growing", steps[300:], {k: v[300:] for k, v in signals.items()})
    server.reload()
    grown = server.json(PREFIX + "/report", run="growing")
    assert cache.computations == 2
    assert grown["steps"]["last"] == 600


def test_a_run_written_just_now_reports_when_it_was_written(tmp_path):
    # The panel tells a run still training from one that ended by the loss's newest write.
    day_ago = time.time() - 86400
    before = time.time()
    bh.write_run(tmp_path, "training", *bh.stalled_signals(),
                 alerts=[(300, "stall", "tb_plateau: loss stalled since step 120 at 1.9.")])
    bh.write_run(tmp_path, "ended", *bh.stalled_signals(), wall_time=day_ago)
    eventfiles.write_keras_scalars(tmp_path, "keras", range(10), {"loss": np.linspace(2, 1, 10)})
    server = Server(tmp_path)
    training = server.json(PREFIX + "/report", run="training")
    # RunWriter spaces its events 1 ms apart: the last is a few seconds after the first.
    assert before <= training["last_write_time"] < time.time() + 30
    assert training["alerts"] == [{"step": 300, "kind": "stall",
                                   "text": "tb_plateau: loss stalled since step 120 at 1.9."}]
    ended = server.json(PREFIX + "/report", run="ended")
    assert day_ago <= ended["last_write_time"] < day_ago + 30
    assert ended["alerts"] == []
    keras = server.json(PREFIX + "/report", run="keras/train")
    assert keras["loss_source"] == "scalar"
    assert before <= keras["last_write_time"] < time.time() + 30


def test_the_plugin_works_without_tensorflow(logdir):
    # TensorBoard falls back to its stub when TensorFlow cannot be imported; the plugin
    # must not need it either.
    code = """
import sys
sys.modules["tensorflow"] = None  # any `import tensorflow` now fails
sys.path.insert(0, %r)
from tests.test_plugin import Server, PREFIX
server = Server(%r)
report = server.json(PREFIX + "/report", run=%r)
assert report["verdict"] == "stalled", report
assert server.get(PREFIX + "/series", run=%r).status_code == 200
print("ok")
""" % (str(bh.pathlib.Path(__file__).resolve().parent.parent), str(logdir), bh.STALLED_RUN,
       bh.STALLED_RUN)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().endswith("ok")


# -- the loss tag (issue 14: "let the user choose the loss tag") -------------------------------

TOOLS_RUN = "tools/hf"
# A scalar tag that is also HTML: served as JSON data, never interpreted.
HTML_TAG = '<img src=x onerror="window.__pwned=3">loss'
TAG_STEPS = np.arange(1, 201)


def tagged_losses(steps=TAG_STEPS, seed=0):
    """{tag: values} of a run logged without tb-plateau that has several losses (Hugging Face
    Trainer's names: transformers, integrations/integration_utils.py, `rewrite_logs` prefixes
    every logged key with train/): `train/loss` falls and flattens low, `train/aux_loss` never
    leaves its start, the HTML-named one flattens halfway down."""
    rng = np.random.default_rng(seed)
    noise = lambda: 0.002 * rng.standard_normal(len(steps))  # noqa: E731
    return {
        "train/loss": 2.3 * np.exp(-steps / 30.0) + 0.05 + noise(),
        "train/aux_loss": 2.3 + noise(),
        HTML_TAG: np.where(steps < 40, 2.3 - 0.02 * steps, 1.5) + noise(),
        "train/learning_rate": np.full(len(steps), 5e-5),
    }


def write_tagged_run(logdir, run=TOOLS_RUN, steps=TAG_STEPS, seed=0):
    with eventfiles.RunWriter(logdir, run) as w:
        for tag, values in tagged_losses(steps, seed).items():
            for step, value in zip(steps, values):
                w.scalar(tag, int(step), float(value))


@pytest.fixture(scope="module")
def tags_logdir(tmp_path_factory):
    logdir = tmp_path_factory.mktemp("loss_tags")
    write_tagged_run(logdir)
    bh.write_run(logdir, bh.STALLED_RUN, *bh.stalled_signals())  # no scalar tags at all
    return logdir


@pytest.fixture(scope="module")
def tags_server(tags_logdir):
    return Server(tags_logdir)


def test_the_loss_tag_parameter_chooses_the_loss_of_report_and_series(tags_server,
                                                                      tags_logdir):
    automatic = tags_server.json(PREFIX + "/report", run=TOOLS_RUN)
    assert automatic["loss_tag"] == "train/loss"
    assert automatic["verdict"] in ("healthy", "converged") and automatic["intervals"] == []
    chosen = tags_server.json(PREFIX + "/report", run=TOOLS_RUN, loss_tag="train/aux_loss")
    assert chosen["loss_tag"] == "train/aux_loss" and chosen["loss_source"] == "scalar"
    assert chosen["verdict"] == "stalled" and chosen["intervals"][0]["start_step"] <= 20
    # The CLI's --loss-tag report, to the letter.
    source = reader.open_logdir(str(tags_logdir))
    expected = analysis.analyze(reader.read_run(source.provider, source.ctx,
                                                source.experiment_id, TOOLS_RUN,
                                                loss_tag="train/aux_loss"))
    assert chosen == json.loads(json.dumps(expected))
    # Matched as --loss-tag is: in any case.
    assert tags_server.json(PREFIX + "/report", run=TOOLS_RUN, loss_tag="TRAIN/Aux_Loss") == chosen
    # The automatic choice named explicitly is the automatic report.
    assert tags_server.json(PREFIX + "/report", run=TOOLS_RUN, loss_tag="train/loss") == automatic
    plateau = tags_server.json(PREFIX + "/report", run=bh.STALLED_RUN)
    assert tags_server.json(PREFIX + "/report", run=bh.STALLED_RUN,
                            loss_tag=plateau["loss_tag"]) == plateau

    body = tags_server.json(PREFIX + "/series", run=TOOLS_RUN, signals="loss",
                            loss_tag="train/aux_loss")
    assert body["loss_tag"] == "train/aux_loss"
    aux = tagged_losses()["train/aux_loss"]
    assert body["series"]["loss"]["values"] == pytest.approx(aux.astype(np.float32).tolist())
    # What the panel's selector offers: every scalar tag of the run, as written.
    assert body["scalar_tags"] == sorted(tagged_losses())
    assert tags_server.json(PREFIX + "/series", run=bh.STALLED_RUN)["scalar_tags"] == []
    # The run list keeps the automatic choice.
    rows = {r["run"]: r for r in tags_server.runs()["runs"]}
    assert rows[TOOLS_RUN]["loss_tag"] == "train/loss"
    assert rows[TOOLS_RUN]["verdict"] == automatic["verdict"]


def test_the_report_cache_keys_on_the_loss_tag(tmp_path):
    write_tagged_run(tmp_path)
    server = Server(tmp_path)
    default_cache, chosen_cache = server.plugin._cache, server.plugin._chosen_cache
    automatic = server.json(PREFIX + "/report", run=TOOLS_RUN)
    aux = server.json(PREFIX + "/report", run=TOOLS_RUN, loss_tag="train/aux_loss")
    assert (default_cache.computations, chosen_cache.computations) == (1, 1)
    assert server.json(PREFIX + "/report", run=TOOLS_RUN, loss_tag="train/aux_loss") == aux
    server.json(PREFIX + "/series", run=TOOLS_RUN, loss_tag="train/aux_loss")
    assert server.json(PREFIX + "/report", run=TOOLS_RUN) == automatic
    assert (default_cache.computations, chosen_cache.computations) == (1, 1)
    html = server.json(PREFIX + "/report", run=TOOLS_RUN, loss_tag=HTML_TAG)
    assert html["loss_tag"] == HTML_TAG and html["final_loss"] == pytest.approx(1.5, abs=0.01)
    assert html != aux and chosen_cache.computations == 2
    # The run grew: the chosen report is read again, with the new steps.
    write_tagged_run(tmp_path, steps=np.arange(201, 261), seed=1)
    server.reload()
    grown = server.json(PREFIX + "/report", run=TOOLS_RUN, loss_tag="train/aux_loss")
    assert grown["loss_tag"] == "train/aux_loss" and grown["steps"]["last"] == 260
    assert chosen_cache.computations == 3


@pytest.mark.parametrize("route", ["/report", "/series"])
def test_an_unknown_loss_tag_is_a_400_naming_the_runs_tags(tags_server, route):
    response = tags_server.get(PREFIX + route, run=TOOLS_RUN, loss_tag="Loss/val")
    assert response.status_code == 400
    assert response.headers["Content-Type"].startswith("application/json")
    body = json.loads(response.get_data())
    assert body["status"] == 400
    assert 'no scalar tag "Loss/val"' in body["error"] and '"train/loss"' in body["error"]
    response = tags_server.get(PREFIX + route, run=bh.STALLED_RUN, loss_tag="train/loss")
    assert response.status_code == 400
    assert "it has no scalar tags" in json.loads(response.get_data())["error"]
    # An unknown run is still a 404, whatever the tag.
    assert tags_server.get(PREFIX + route, run="no/such/run",
                           loss_tag="train/loss").status_code == 404


@pytest.mark.parametrize("route", ["/report", "/series"])
@pytest.mark.parametrize("query, why", [
    ({"run": TOOLS_RUN, "loss_tag": ""}, "must not be empty"),
    ({"run": TOOLS_RUN, "loss_tag": "x" * (plugin.MAX_TAG_NAME_LENGTH + 1)}, "longer than"),
    ({"run": TOOLS_RUN, "loss_tag": "train/\x00loss"}, "NUL"),
    ({"run": TOOLS_RUN, "loss_tag": ["train/loss", "train/aux_loss"]}, "given 2 times"),
    ("run=tools%2Fhf&loss_tag=train%2F%FFloss", "UTF-8"),
])
def test_a_malformed_loss_tag_is_a_400_never_a_500(tags_server, route, query, why):
    response = tags_server.client.get(PREFIX + route, query_string=query)
    assert response.status_code == 400
    assert response.headers["Content-Type"].startswith("application/json")
    text = response.get_data(as_text=True)
    assert "Traceback" not in text and why in json.loads(text)["error"]


def test_a_loss_tag_that_is_html_is_served_as_json_data(tags_server):
    response = tags_server.get(PREFIX + "/report", run=TOOLS_RUN, loss_tag=HTML_TAG)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert json.loads(response.get_data())["loss_tag"] == HTML_TAG
    series = tags_server.json(PREFIX + "/series", run=TOOLS_RUN, loss_tag=HTML_TAG)
    assert series["loss_tag"] == HTML_TAG and HTML_TAG in series["scalar_tags"]
    unknown = tags_server.get(PREFIX + "/report", run=TOOLS_RUN, loss_tag=HTML_TAG + "x")
    assert unknown.status_code == 400
    assert unknown.headers["Content-Type"].startswith("application/json")
    assert unknown.headers["X-Content-Type-Options"] == "nosniff"
