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
    path = bh.build_logdir(tmp_path_factory.mktemp("browser") / "logs")
    bh.write_run(path, bh.RESOLVED_RUN, *bh.lr_drop_signals())
    bh.write_run(path, bh.CONVERGED_RUN, *bh.converged_signals())
    return path


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


def shade_in(page, box):
    """What is drawn in a box (x0, x1, y0, y1, fractions of the loss-chart canvas): the
    fraction of clearly inked pixels (alpha > 30: more than a grid line), their mean
    red-minus-blue (the stalled shade is warm, a neutral grey is ~0) and the mean alpha."""
    return panel_frame(page).evaluate(
        """([x0, x1, y0, y1]) => {
            const canvas = document.querySelector('.loss-chart canvas');
            const [left, top] = [Math.round(canvas.width * x0), Math.round(canvas.height * y0)];
            const [w, h] = [Math.round(canvas.width * (x1 - x0)), Math.round(canvas.height * (y1 - y0))];
            const data = canvas.getContext('2d').getImageData(left, top, w, h).data;
            let inked = 0, warmth = 0, alpha = 0;
            for (let i = 0; i < data.length; i += 4) {
                alpha += data[i + 3];
                if (data[i + 3] > 30) { inked += 1; warmth += data[i] - data[i + 2]; }
            }
            const n = data.length / 4;
            return {inked: inked / n, warmth: inked ? warmth / inked : 0, alpha: alpha / n};
        }""", list(box))


def report_of(base, run):
    """The plugin's /report for `run`, from the running TensorBoard."""
    status, body = bh.http_get(base + "/data/plugin/plateau/report?run=" + bh.quote(run))
    assert status == 200, body
    return json.loads(body)


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


def test_a_resolved_stall_is_shown_as_resolved_not_as_a_problem(browser, tensorboard,
                                                                 artifacts_dir):
    # The analysis first: the stall ended at the learning-rate drop, so it is resolved.
    report = report_of(tensorboard, bh.RESOLVED_RUN)
    assert report["verdict"] in ("converged", "healthy"), report["verdict"]
    assert report["intervals"] == []
    (resolved,) = report["resolved_intervals"]
    assert resolved["start_step"] < bh.LR_DROP_AT <= resolved["resumed_at"]
    assert "learning rate dropped" in resolved["ended_by"]

    page, panel, errors = open_tab(browser, tensorboard, run=bh.RESOLVED_RUN)
    panel.locator(".run-title", has_text=bh.RESOLVED_RUN).wait_for()
    panel.locator(".loss-chart canvas").wait_for()
    item = panel.locator(".resolved")
    item.wait_for()
    assert item.count() == 1
    text = item.inner_text()
    assert "resolved" in text and resolved["ended_by"] in text
    assert "resumed at step %d" % resolved["resumed_at"] in text
    # Not a problem: no problem chip, no cause card, no stalled badge anywhere.
    assert panel.locator(".chip").count() == 0
    assert panel.locator(".cause").count() == 0
    assert panel.locator(".run-header .badge").inner_text() == report["verdict"]
    assert panel.locator(".run.selected .badge").inner_text() == report["verdict"]
    assert panel.locator(".run.selected .badge-stalled, .run-header .badge-stalled").count() == 0
    # The stall is hatched in a neutral grey where the loss waited (steps ~40-300 of 600,
    # above the flat loss), and nothing is drawn over the falling loss after the drop.
    inside, after = (0.25, 0.45, 0.04, 0.16), (0.75, 0.95, 0.04, 0.16)
    shade, clear_ = shade_in(page, inside), shade_in(page, after)
    assert shade["inked"] > 0.05, shade
    assert abs(shade["warmth"]) < 40, shade  # not the stalled colour
    assert clear_["inked"] < 0.01, clear_
    bh.save_screenshot(page, artifacts_dir, "resolved-light.png")
    # Its chip highlights its shade and opens nothing.
    item.click()
    panel.locator(".resolved.selected[aria-pressed='true']").wait_for()
    assert shade_in(page, inside)["alpha"] > 1.3 * shade["alpha"]
    assert panel.locator(".cause").count() == 0
    assert errors == []


def test_a_resolved_stall_reads_in_dark_mode(browser, tensorboard, artifacts_dir):
    page, panel, errors = open_tab(browser, tensorboard, run=bh.RESOLVED_RUN,
                                   color_scheme="dark")
    panel.locator(".run-title", has_text=bh.RESOLVED_RUN).wait_for()
    panel.locator(".loss-chart canvas").wait_for()
    item = panel.locator(".resolved")
    item.wait_for()
    colour = panel_frame(page).evaluate(
        "() => getComputedStyle(document.querySelector('.resolved')).color")
    rgb = [int(x) for x in colour[colour.index("(") + 1:-1].split(",")[:3]]
    assert sum(rgb) > 500, colour  # light text on the dark page
    assert errors == []
    bh.save_screenshot(page, artifacts_dir, "resolved-dark.png")


def test_a_converged_run_shows_its_level_note_and_no_problem(browser, tensorboard,
                                                             artifacts_dir):
    report = report_of(tensorboard, bh.CONVERGED_RUN)
    assert report["verdict"] == "converged"
    assert report["intervals"] == [] and report["resolved_intervals"] == []
    note = report["level_note"]
    assert note is not None and "expected lower" in note["text"]

    page, panel, errors = open_tab(browser, tensorboard, run=bh.CONVERGED_RUN)
    panel.locator(".run-title", has_text=bh.CONVERGED_RUN).wait_for()
    panel.locator(".loss-chart canvas").wait_for()
    banner = panel.locator(".level-note")
    banner.wait_for()
    assert note["text"] in banner.inner_text()
    assert panel.locator(".run-header .badge").inner_text() == "converged"
    assert panel.locator(".run.selected .badge").inner_text() == "converged"
    assert panel.locator(".chip").count() == 0
    assert panel.locator(".resolved").count() == 0
    assert panel.locator(".cause").count() == 0
    # Information, not an alarm: the banner's accent is not the stalled colour.
    accent, stalled = panel_frame(page).evaluate("""() => {
        const probe = document.createElement('div');
        probe.style.color = 'var(--stalled)';
        document.body.appendChild(probe);
        const stalled = getComputedStyle(probe).color;
        probe.remove();
        return [getComputedStyle(document.querySelector('.level-note')).borderLeftColor, stalled];
    }""")
    assert accent != stalled, (accent, stalled)
    (corner,) = shaded_pixels(page, [(0.93, 0.12)])
    assert is_blank(corner), corner
    assert errors == []
    bh.save_screenshot(page, artifacts_dir, "level-note-light.png")
