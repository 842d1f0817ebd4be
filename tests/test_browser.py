"""The Plateau tab in headless Chromium, inside a real TensorBoard.

These tests fail (never skip) when Chromium cannot start: the panel is the product.
"""

import json
import time
import urllib.parse

import pytest

from tests import browser_helpers as bh

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1400, "height": 1000}


@pytest.fixture(scope="module")
def logdir(tmp_path_factory):
    return bh.build_logdir(tmp_path_factory.mktemp("browser") / "logs")


@pytest.fixture(scope="module")
def tensorboard(logdir):
    with bh.tensorboard_server(logdir, load_fast="false") as base:
        yield base


def open_tab(browser, base, run=None, color_scheme="light"):
    """TensorBoard on the Plateau tab (optionally with a run named in the URL); returns
    (page, frame locator of the panel, errors seen by the page)."""
    context = browser.new_context(viewport=VIEWPORT, color_scheme=color_scheme,
                                  accept_downloads=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    hash_ = "#plateau"
    if run is not None:
        hash_ += "&p.plateau.run=" + urllib.parse.quote(run, safe="")
    page.goto(base + "/" + hash_)
    panel = page.frame_locator('iframe[src*="plugin_entry.html?name=plateau"]')
    panel.locator(".run").first.wait_for(timeout=60_000)
    return page, panel, errors


def choose(panel, run):
    panel.locator(".run", has_text=run).first.click()
    panel.locator(".run-title", has_text=run).wait_for()
    panel.locator(".loss-chart canvas").wait_for()


def panel_frame(page):
    return next(f for f in page.frames if "plugin_entry.html" in f.url)


def shaded_pixels(page, where):
    """RGBA of loss-chart canvas pixels at fractions (x, y) of the canvas."""
    return panel_frame(page).evaluate(
        """(where) => {
            const canvas = document.querySelector('.loss-chart canvas');
            const ctx = canvas.getContext('2d');
            return where.map(([fx, fy]) => Array.from(ctx.getImageData(
                Math.round(canvas.width * fx), Math.round(canvas.height * fy), 1, 1).data));
        }""", where)


def is_blank(rgba):
    return rgba[3] == 0 or min(rgba[:3]) > 245  # transparent or the white page behind it


def test_a_stalled_run_shows_its_shaded_interval_and_top_cause(browser, tensorboard,
                                                                artifacts_dir):
    page, panel, errors = open_tab(browser, tensorboard, run=bh.STALLED_RUN)
    panel.locator(".run-title", has_text=bh.STALLED_RUN).wait_for()
    panel.locator(".cause.top").wait_for()
    assert panel.locator(".cause.top h3").inner_text() == "Dead ReLUs"
    chip = panel.locator(".chip").first
    assert chip.inner_text().startswith("stalled")
    assert panel.locator(".run.selected .badge").inner_text() == "stalled"
    # The stall covers the right end of the run: above the flat loss it is shaded; the
    # empty corner under the early, falling loss is not.
    inside, before = shaded_pixels(page, [(0.93, 0.12), (0.12, 0.7)])
    assert not is_blank(inside), inside
    assert is_blank(before), before
    # Evidence charts of the supporting signal.
    panel.locator(".cause.top .evidence-chart canvas").first.wait_for()
    assert errors == []
    bh.save_screenshot(page, artifacts_dir, "plateau-light.png", docs=True)


def test_a_healthy_run_has_no_interval(browser, tensorboard):
    page, panel, errors = open_tab(browser, tensorboard, run=bh.HEALTHY_RUN)
    panel.locator(".run-title", has_text=bh.HEALTHY_RUN).wait_for()
    panel.locator(".loss-chart canvas").wait_for()
    panel.locator(".notice.ok").wait_for()
    assert panel.locator(".chip").count() == 0
    assert panel.locator(".cause").count() == 0
    (corner,) = shaded_pixels(page, [(0.93, 0.12)])
    assert is_blank(corner), corner
    assert errors == []


def test_a_hostile_run_name_renders_as_text(browser, tensorboard, artifacts_dir):
    page, panel, errors = open_tab(browser, tensorboard)
    panel.locator(".run", has_text="<script>").first.click()
    title = panel.locator(".run-title")
    title.wait_for()
    assert title.inner_text() == bh.HOSTILE_RUN
    frame = panel_frame(page)
    assert frame.evaluate("() => window.__pwned === undefined")
    assert page.evaluate("() => window.__pwned === undefined")
    assert frame.evaluate("() => document.querySelectorAll('img[src=x], .plateau script').length") == 0
    assert errors == []
    bh.save_screenshot(page, artifacts_dir, "hostile-name.png")


def test_the_url_reopens_the_chosen_run_and_interval(browser, tensorboard):
    page, panel, _ = open_tab(browser, tensorboard)
    choose(panel, bh.STALLED_RUN)
    panel.locator(".chip.selected").wait_for()
    deadline = time.monotonic() + 10
    while "p.plateau.run=" + urllib.parse.quote(bh.STALLED_RUN, safe="") not in page.url:
        assert time.monotonic() < deadline, page.url
        time.sleep(0.1)
    assert "p.plateau.interval=0" in page.url
    again = page.context.new_page()
    again.goto(page.url)
    reopened = again.frame_locator('iframe[src*="plugin_entry.html?name=plateau"]')
    reopened.locator(".run-title", has_text=bh.STALLED_RUN).wait_for(timeout=60_000)
    assert reopened.locator(".run.selected .run-name").inner_text() == bh.STALLED_RUN


def test_regex_filter_narrows_the_run_list(browser, tensorboard):
    _, panel, _ = open_tab(browser, tensorboard)
    panel.locator(".filter").fill("^mlp/")
    assert sorted(panel.locator(".run .run-name").all_inner_texts()) == [bh.STALLED_RUN,
                                                                       bh.HEALTHY_RUN]
    panel.locator(".filter").fill("(")
    assert panel.locator(".run").count() == 0
    assert "Invalid" in panel.locator(".counts").inner_text()


def test_download_gives_the_report_json(browser, tensorboard, tmp_path):
    page, panel, _ = open_tab(browser, tensorboard, run=bh.STALLED_RUN)
    panel.locator(".run-title", has_text=bh.STALLED_RUN).wait_for()
    with page.expect_download() as info:
        panel.locator("button", has_text="Download JSON").click()
    target = tmp_path / "report.json"
    info.value.save_as(target)
    report = json.loads(target.read_text())
    assert report["run"] == bh.STALLED_RUN and report["verdict"] == "stalled"


def test_scalar_only_run_says_what_it_is_missing(browser, tensorboard):
    _, panel, _ = open_tab(browser, tensorboard, run=bh.SCALAR_RUN)
    panel.locator(".run-title", has_text=bh.SCALAR_RUN).wait_for()
    notes = panel.locator(".notes").inner_text()
    assert "epoch_loss" in notes and "PlateauCallback" in notes


def test_dark_mode_follows_the_system(browser, tensorboard, artifacts_dir):
    page, panel, errors = open_tab(browser, tensorboard, run=bh.STALLED_RUN,
                                   color_scheme="dark")
    panel.locator(".cause.top").wait_for()
    panel.locator(".cause.top .evidence-chart canvas").first.wait_for()
    background = panel_frame(page).evaluate(
        "() => getComputedStyle(document.body).backgroundColor")
    rgb = [int(x) for x in background[background.index("(") + 1:-1].split(",")[:3]]
    assert sum(rgb) < 150, background
    assert errors == []
    bh.save_screenshot(page, artifacts_dir, "plateau-dark.png", docs=True)


def test_panel_follows_tensorboard_reloads(browser, tensorboard, logdir):
    page, panel, _ = open_tab(browser, tensorboard)
    late = "late/dead_relus"
    bh.write_run(logdir, late, *bh.stalled_signals(seed=7))
    deadline = time.monotonic() + 60
    while True:  # wait until TensorBoard's backend has read it (reload_interval 2 s)
        status, body = bh.http_get(tensorboard + "/data/plugin/plateau/runs")
        if status == 200 and late in [r["run"] for r in json.loads(body)["runs"]]:
            break
        assert time.monotonic() < deadline, "backend never saw the new run"
        time.sleep(0.5)
    assert panel.locator(".run", has_text=late).count() == 0
    page.locator("button.reload-button").click()  # TensorBoard's own reload button
    panel.locator(".run", has_text=late).wait_for(timeout=20_000)


def test_empty_logdir_tells_how_to_log(browser, tmp_path):
    # Without data TensorBoard hides the tab, but the panel's own page still loads.
    empty = tmp_path / "empty"
    empty.mkdir()
    with bh.tensorboard_server(empty, load_fast="false", require_active=False) as base:
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(base + "/data/plugin_entry.html?name=plateau")
        page.locator(".empty-state").wait_for(timeout=30_000)
        text = page.locator(".empty-state").inner_text()
        assert "PlateauCallback" in text and "probe_data" in text
        page.close()
