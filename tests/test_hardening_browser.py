"""The Plateau panel in headless Chromium with hostile names and very large reports.

A real TensorBoard process serves real event files. These tests fail (never skip) when
Chromium cannot start.
"""

import urllib.parse

import numpy as np
import pytest

from tests import browser_helpers as bh

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1280, "height": 900}

# A run name is a directory path: at most 255 bytes a component, so 2,000 characters
# take ten components.
LONG_RUN = "/".join("long%d_" % i + "x" * 194 for i in range(10))
RTL_RUN = "rtl/\u202eتدريب_שלב_🚀🔥_ünïcødé"
LAYERS_RUN = "many/layers_1000"
INTERVALS_RUN = "many/intervals_300"
N_LAYERS = 1000
HOSTILE_LAYERS = [
    "<img src=x onerror=window.__pwned=5>",
    "\u202eريلو_layer_שכבה",
    "L" * 2000,
    "🔥emoji🚀",
]
N_INTERVALS = 300

# analysis requires a stall to cover a fifth of the run (thresholds.MIN_STALL_FRACTION),
# so no real run has 300 intervals. This TensorBoard process cuts one real report's
# stall into 300 short ones, with the real causes; TensorBoard and the plugin are as shipped.
LAUNCHER = """
import sys
sys.path.insert(0, %(root)r)
import tb_plateau.analysis as analysis

real_analyze = analysis.analyze


def analyze(run_data):
    report = real_analyze(run_data)
    if run_data.run == %(run)r and report["intervals"]:
        template = report["intervals"][0]
        first, last = report["steps"]["first"], report["steps"]["last"]
        width = (last - first) / %(n)d
        report["intervals"] = [
            dict(template, start_step=int(first + i * width),
                 end_step=int(first + i * width + max(1, width / 2)))
            for i in range(%(n)d)]
    return report


analysis.analyze = analyze
from tensorboard import main
sys.exit(main.run_main())
"""


def thousand_layer_signals(n=300):
    """A stalled run of a 1000-layer ReLU stack whose layers die at step 120."""
    steps = np.arange(1, n + 1)
    early = steps < bh.STALL_START
    rng = np.random.default_rng(5)
    loss = np.where(early, 2.3 - 0.4 * steps / bh.STALL_START, 1.9) + rng.normal(0, 0.01, n)
    dead_late = np.linspace(0.6, 0.999, N_LAYERS)
    zero = np.where(early[:, None], 0.5, dead_late[None, :])
    act = np.zeros((n, N_LAYERS, 4))
    act[:, :, 0] = zero
    act[:, :, 1] = np.nan
    act[:, :, 2] = 0.1
    act[:, :, 3] = np.where(early[:, None], 0.5, 0.01)
    grad = np.where(early[:, None], 0.4, 0.001) * np.ones((n, N_LAYERS))
    return steps, {
        "loss": loss,
        "learning_rate": np.full(n, 1e-3),
        "grad_norm": grad,
        "weight_norm": np.full((n, N_LAYERS), 3.0),
        "update_ratio": np.where(early[:, None], 1e-3, 1e-6) * np.ones((n, N_LAYERS)),
        "activation": act,
    }


def layer_names():
    return HOSTILE_LAYERS + ["dense_%d" % i for i in range(N_LAYERS - len(HOSTILE_LAYERS))]


def write_thousand_layer_run(logdir):
    names = layer_names()
    config = dict(bh.CONFIG)
    config["layers"] = [{"name": name, "class": "Dense", "units": 16, "activation": "relu",
                         "kernel_initializer": {"class": "HeNormal", "config": {}}}
                        for name in names]
    config["output_activation"] = "relu"
    steps, signals = thousand_layer_signals()
    from tests import eventfiles
    eventfiles.write_signals(
        logdir, LAYERS_RUN, steps, signals, config=config,
        names={s: names for s in ("grad_norm", "weight_norm", "update_ratio", "activation")},
        extra={"activation": {"activations": ["relu"] * N_LAYERS}})


@pytest.fixture(scope="module")
def logdir(tmp_path_factory):
    path = bh.build_logdir(tmp_path_factory.mktemp("hardening_browser") / "logs", scalar=False)
    for run in (LONG_RUN, RTL_RUN, INTERVALS_RUN):
        bh.write_run(path, run, *bh.stalled_signals(seed=11))
    write_thousand_layer_run(path)
    return path


@pytest.fixture(scope="module")
def tensorboard(logdir, tmp_path_factory):
    launcher = tmp_path_factory.mktemp("launcher") / "tensorboard_many_intervals.py"
    launcher.write_text(LAUNCHER % {"root": str(bh.pathlib.Path(__file__).resolve().parent.parent),
                                    "run": INTERVALS_RUN, "n": N_INTERVALS})
    with bh.tensorboard_server(logdir, load_fast="false", launcher=str(launcher)) as base:
        # The tab shows once one run is read; the tests list every run's name.
        bh.wait_for_runs(base, [bh.HOSTILE_RUN, LONG_RUN, RTL_RUN, INTERVALS_RUN])
        yield base


def open_panel(browser, base, run=None):
    """The panel's own page (as TensorBoard's iframe loads it), optionally on `run`."""
    page = browser.new_page(viewport=VIEWPORT)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    url = base + "/data/plugin_entry.html?name=plateau"
    if run is not None:
        url += "#run=" + urllib.parse.quote(run, safe="")
    page.goto(url)
    page.locator(".run").first.wait_for(timeout=60_000)
    if run is not None:
        page.locator(".run.selected").wait_for(timeout=60_000)
        page.locator(".loss-chart canvas").wait_for(timeout=60_000)
    return page, errors


def assert_not_pwned(page):
    assert page.evaluate("() => window.__pwned === undefined")
    assert page.evaluate("() => document.querySelectorAll('img[src=x], .plateau script').length") == 0


def assert_layout_fits(page):
    sizes = page.evaluate("""() => {
        const side = document.querySelector('.sidebar').getBoundingClientRect();
        const names = Array.from(document.querySelectorAll('.run-name'))
            .map((n) => n.getBoundingClientRect().right);
        const title = document.querySelector('.run-title');
        return {
            viewport: document.documentElement.clientWidth,
            pageWidth: document.documentElement.scrollWidth,
            detailWidth: document.querySelector('.detail').scrollWidth,
            detailClient: document.querySelector('.detail').clientWidth,
            sidebarRight: side.right,
            namesRight: Math.max(...names),
            titleHeight: title ? title.getBoundingClientRect().height : 0,
        };
    }""")
    assert sizes["pageWidth"] <= sizes["viewport"], sizes  # no horizontal scroll of the page
    assert sizes["detailWidth"] <= sizes["detailClient"], sizes  # nor of the detail pane
    assert sizes["sidebarRight"] <= 320, sizes  # the run list keeps its width
    assert sizes["namesRight"] <= sizes["sidebarRight"], sizes
    assert sizes["titleHeight"] <= 80, sizes  # a 2,000-character title is cut to two lines
    return sizes


def test_hostile_run_names_are_inert_text_and_keep_the_layout(browser, tensorboard,
                                                               artifacts_dir):
    page, errors = open_panel(browser, tensorboard, run=LONG_RUN)
    names = page.evaluate(
        "() => Array.from(document.querySelectorAll('.run-name')).map((n) => n.textContent)")
    for run in (bh.HOSTILE_RUN, LONG_RUN, RTL_RUN):
        assert run in names
    assert len(LONG_RUN) >= 2000
    assert page.locator(".run-title").evaluate("(n) => n.textContent") == LONG_RUN
    assert_layout_fits(page)
    bh.save_screenshot(page, artifacts_dir, "hardening-long-name.png")

    page.locator(".run", has_text="rtl/").click()
    page.locator(".run-title", has_text="ünïcødé").wait_for()
    title = page.locator(".run-title")
    assert title.evaluate("(n) => n.textContent") == RTL_RUN
    assert title.evaluate("(n) => getComputedStyle(n).unicodeBidi") == "isolate"
    assert title.get_attribute("dir") == "auto"
    row_name = page.locator(".run.selected .run-name")
    assert row_name.evaluate("(n) => getComputedStyle(n).unicodeBidi") == "isolate"
    assert row_name.get_attribute("dir") == "auto"
    assert_layout_fits(page)

    page.locator(".run", has_text="<script>").first.click()
    page.locator(".run-title", has_text="<script>").wait_for()
    assert page.locator(".run-title").evaluate("(n) => n.textContent") == bh.HOSTILE_RUN
    page.locator(".cause.top").wait_for(timeout=60_000)
    assert_not_pwned(page)
    assert errors == []
    bh.save_screenshot(page, artifacts_dir, "hardening-hostile-names.png")


def test_a_thousand_layers_draw_a_capped_chart_with_a_note(browser, tensorboard,
                                                           artifacts_dir):
    page, errors = open_panel(browser, tensorboard, run=LAYERS_RUN)
    page.locator(".cause.top").wait_for(timeout=60_000)
    page.locator(".cause .evidence-chart canvas").first.wait_for(timeout=60_000)
    # A chart of evidence that names no layers draws the first 8 of them and says so (one
    # that names a few draws those, and says that too).
    note = page.locator(".lines-note", has_text="showing 8 of %d layers" % N_LAYERS).first
    note.wait_for(timeout=60_000)
    assert note.inner_text().startswith("showing 8 of 1000 layers")
    # Every evidence chart draws at most 8 layer lines (uPlot's legend has a row per line
    # plus one for the step).
    per_chart = page.evaluate("""() => Array.from(document.querySelectorAll('.evidence-chart'))
        .map((c) => c.querySelectorAll('.u-legend .u-series').length)""")
    assert per_chart and max(per_chart) <= 9, per_chart
    assert_not_pwned(page)
    assert_layout_fits(page)
    assert errors == []
    bh.save_screenshot(page, artifacts_dir, "hardening-1000-layers.png")


def test_three_hundred_intervals_scroll_in_a_bounded_strip(browser, tensorboard,
                                                           artifacts_dir):
    page, errors = open_panel(browser, tensorboard, run=INTERVALS_RUN)
    page.locator(".cause.top").wait_for(timeout=60_000)
    assert page.locator(".chip").count() == N_INTERVALS
    assert page.locator(".intervals-count").inner_text() == "%d problem intervals" % N_INTERVALS
    strip = page.evaluate("""() => {
        const s = document.querySelector('.intervals');
        return {client: s.clientHeight, scroll: s.scrollHeight,
                overflow: getComputedStyle(s).overflowY};
    }""")
    assert strip["client"] <= 100 and strip["scroll"] > strip["client"], strip
    assert strip["overflow"] == "auto", strip
    # The cause cards are right under the strip, not 300 buttons further down.
    top = page.locator(".cause.top").bounding_box()
    assert top["y"] < VIEWPORT["height"], top
    last = page.locator(".chip").nth(N_INTERVALS - 1)
    last.scroll_into_view_if_needed()
    last.click()
    page.locator(".chip.selected[data-interval='%d']" % (N_INTERVALS - 1)).wait_for()
    page.locator(".cause.top").wait_for(timeout=60_000)
    assert_layout_fits(page)
    assert errors == []
    bh.save_screenshot(page, artifacts_dir, "hardening-300-intervals.png")
