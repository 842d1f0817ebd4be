"""The Plateau tab in headless Chromium, inside a real TensorBoard.

These tests fail (never skip) when Chromium cannot start: the panel is the product.
"""

import importlib
import importlib.util
import json
import pathlib
import re
import struct
import sys
import time
import urllib.parse

import pytest

from tests import browser_helpers as bh
from tests.browser_helpers import (format_number, hover_loss_chart, legend_values, panel_frame,
                                    tensorboard_ema)

pytestmark = pytest.mark.browser

VIEWPORT = bh.VIEWPORT
ROOT = pathlib.Path(__file__).resolve().parent.parent

# A stall on a learning-rate schedule that the training alerted on while it lasted, and
# said had ended after the drop; written a day ago, so not training any more.
ALERTED_RUN = "schedule/alerted"
STALL_ALERT = (200, "stall",
               "tb_plateau: loss stalled since step 60 at 1.85 (the constant-prediction loss "
               "is 2.303).\n  Probable cause: Learning rate too high (62%). The updates are "
               "large.\n  Fix: Lower the learning rate 10x.")
ENDED_ALERT = (330, "ended",
               "tb_plateau: the loss is improving again (step 330, loss 1.2): the stall from "
               "step 60 has ended.")
# The stalled run again, last written a day ago: its stall is not "stalling now".
ENDED_RUN = "live/ended"


@pytest.fixture(scope="module")
def logdir(tmp_path_factory):
    path = bh.build_logdir(tmp_path_factory.mktemp("browser") / "logs")
    bh.write_run(path, bh.RESOLVED_RUN, *bh.lr_drop_signals(), wall_time=bh.FINISHED)
    bh.write_run(path, bh.CONVERGED_RUN, *bh.converged_signals(), wall_time=bh.FINISHED)
    bh.write_run(path, ALERTED_RUN, *bh.lr_drop_signals(), alerts=[STALL_ALERT, ENDED_ALERT],
                 wall_time=bh.FINISHED)
    bh.write_run(path, ENDED_RUN, *bh.stalled_signals(seed=5), wall_time=bh.FINISHED)
    return path


@pytest.fixture(scope="module")
def tensorboard(logdir):
    with bh.tensorboard_server(logdir, load_fast="false") as base:
        bh.wait_for_runs(base, [bh.STALLED_RUN, bh.HEALTHY_RUN, bh.HOSTILE_RUN, bh.SCALAR_RUN,
                                bh.RESOLVED_RUN, bh.CONVERGED_RUN, ALERTED_RUN, ENDED_RUN])
        yield base


def open_tab(browser, base, run=None, color_scheme="light", fake_clock=False):
    """bh.open_tab at this file's viewport: (page, panel frame locator, page errors)."""
    return bh.open_tab(browser, base, run=run, color_scheme=color_scheme,
                       fake_clock=fake_clock, viewport=VIEWPORT)


def choose(panel, run):
    panel.locator(".run", has_text=run).first.click()
    panel.locator(".run-title", has_text=run).wait_for()
    panel.locator(".loss-chart canvas").wait_for()


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


def shade_in(page, box, skip=None):
    """What is drawn in a box (x0, x1, y0, y1, fractions of the loss-chart canvas): the
    fraction of clearly inked pixels (alpha > 30: more than a grid line), their mean
    red-minus-blue (the stalled shade is warm, a neutral grey is ~0) and the mean alpha.
    `skip` (y0, y1, fractions of the canvas): rows left out (e.g. a reference line's)."""
    return panel_frame(page).evaluate(
        """([x0, x1, y0, y1, skip]) => {
            const canvas = document.querySelector('.loss-chart canvas');
            const [left, top] = [Math.round(canvas.width * x0), Math.round(canvas.height * y0)];
            const [w, h] = [Math.round(canvas.width * (x1 - x0)), Math.round(canvas.height * (y1 - y0))];
            const data = canvas.getContext('2d').getImageData(left, top, w, h).data;
            let inked = 0, warmth = 0, alpha = 0, n = 0;
            for (let i = 0; i < data.length; i += 4) {
                const y = top + Math.floor(i / 4 / w);
                if (skip && y >= canvas.height * skip[0] && y <= canvas.height * skip[1]) continue;
                n += 1;
                alpha += data[i + 3];
                if (data[i + 3] > 30) { inked += 1; warmth += data[i] - data[i + 2]; }
            }
            return {inked: inked / n, warmth: inked ? warmth / inked : 0, alpha: alpha / n};
        }""", [*box, skip])


def ref_line_rows(page, value, margin_px=4):
    """The rows (fractions of the loss-chart canvas) around the loss chart's reference line
    at `value`: the dashed constant-prediction line."""
    return panel_frame(page).evaluate(
        """([value, margin]) => {
            const chart = document.querySelector('.loss-chart .chart');
            const canvas = chart.querySelector('canvas');
            const over = chart.querySelector('.u-over').getBoundingClientRect();
            const box = canvas.getBoundingClientRect();
            const [min, max] = [Number(chart.dataset.yMin), Number(chart.dataset.yMax)];
            const y = over.top - box.top + (max - value) / (max - min) * over.height;
            return [(y - margin) / box.height, (y + margin) / box.height];
        }""", [value, margin_px])


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
    bh.save_screenshot(page, artifacts_dir, "plateau-light.png")


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
    bh.assert_nothing_injected(page, "img[src=x], .plateau script")
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
    bh.save_screenshot(page, artifacts_dir, "plateau-dark.png")


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
    # (The dashed constant-prediction line crosses the top of the plot: left out.)
    line = ref_line_rows(page, report["baseline"]["value"])
    shade, clear_ = shade_in(page, inside), shade_in(page, after, skip=line)
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


def wait_for_steps(base, run, last, timeout=60):
    """Until TensorBoard's backend has read `run` up to step `last` (reload_interval 2 s)."""
    deadline = time.monotonic() + timeout
    while True:
        status, body = bh.http_get(base + "/data/plugin/plateau/runs")
        if status == 200:
            row = next((r for r in json.loads(body)["runs"] if r["run"] == run), None)
            if row and not row.get("pending") and (row.get("steps") or {}).get("last") == last:
                return
        assert time.monotonic() < deadline, "backend never read %s up to step %d" % (run, last)
        time.sleep(0.5)


def marker_x(page, step, first, last):
    """Where (CSS pixels in the panel) the loss chart puts `step`, and the canvas pixels of a
    box 8 px wide at the top of the plot around it (where a marker draws its flag)."""
    return panel_frame(page).evaluate(
        """([step, first, last]) => {
            const over = document.querySelector('.loss-chart .u-over').getBoundingClientRect();
            const canvas = document.querySelector('.loss-chart canvas');
            const box = canvas.getBoundingClientRect();
            const ratio = canvas.width / box.width;
            const x = over.left + (step - first) / (last - first) * over.width;
            const left = Math.round((x - box.left - 4) * ratio);
            const top = Math.round((over.top - box.top) * ratio);
            const data = canvas.getContext('2d').getImageData(
                left, top, Math.round(8 * ratio), Math.round(12 * ratio)).data;
            const pixels = [];
            for (let i = 0; i < data.length; i += 4) pixels.push(Array.from(data.slice(i, i + 4)));
            return {x, y: over.top + over.height / 2, pixels};
        }""", [step, first, last])


def test_alerts_raised_while_training_are_marked_on_the_loss_chart(browser, tensorboard,
                                                                    artifacts_dir):
    report = report_of(tensorboard, ALERTED_RUN)
    assert [(a["step"], a["kind"], a["text"]) for a in report["alerts"]] == [STALL_ALERT,
                                                                             ENDED_ALERT]
    page, panel, errors = open_tab(browser, tensorboard, run=ALERTED_RUN)
    panel.locator(".run-title", has_text=ALERTED_RUN).wait_for()
    panel.locator(".loss-chart canvas").wait_for()
    items = panel.locator(".alerts .alert")
    items.first.wait_for()
    assert items.count() == 2
    assert "Raised while training" in panel.locator(".alerts").inner_text()
    raised, ended = items.nth(0), items.nth(1)
    # The first line, without the logger's prefix; the rest opens under it.
    assert raised.locator("summary").inner_text().strip() == (
        "step 200 \u2014 loss stalled since step 60 at 1.85 (the constant-prediction loss is "
        "2.303).")
    assert "alert-raised" in raised.get_attribute("class")
    assert not raised.locator(".alert-text").is_visible()
    raised.locator("summary").click()
    assert "Fix: Lower the learning rate 10x." in raised.locator(".alert-text").inner_text()
    assert "alert-ended" in ended.get_attribute("class")
    assert ended.inner_text().startswith("step 330 \u2014 the loss is improving again")
    # On the chart: an orange flag at step 200, a green one at step 330, nothing orange
    # between them.
    first, last = report["steps"]["first"], report["steps"]["last"]
    at_alert = marker_x(page, 200, first, last)
    at_end = marker_x(page, 330, first, last)
    between = marker_x(page, 265, first, last)
    assert any(p[3] > 150 and p[0] - p[2] > 100 for p in at_alert["pixels"]), "no alert flag"
    assert any(p[3] > 150 and p[1] - p[0] > 50 for p in at_end["pixels"]), "no ended flag"
    assert not any(p[3] > 150 and p[0] - p[2] > 100 for p in between["pixels"])
    # Hovering the marker shows the alert's text.
    tip = panel.locator(".loss-chart .marker-tip")
    frame_box = page.locator('iframe[src*="plugin_entry.html?name=plateau"]').bounding_box()
    page.mouse.move(frame_box["x"] + at_alert["x"], frame_box["y"] + at_alert["y"])
    tip.wait_for(state="visible", timeout=5_000)
    assert "step 200:" in tip.inner_text() and "Probable cause" in tip.inner_text()
    # Written a day ago: nothing is "now".
    assert panel.locator(".live-tag, .chip-ongoing").count() == 0
    assert errors == []
    bh.save_screenshot(page, artifacts_dir, "alerts-light.png")


def test_alerts_read_in_dark_mode(browser, tensorboard, artifacts_dir):
    page, panel, errors = open_tab(browser, tensorboard, run=ALERTED_RUN, color_scheme="dark")
    panel.locator(".run-title", has_text=ALERTED_RUN).wait_for()
    panel.locator(".loss-chart canvas").wait_for()
    panel.locator(".alerts .alert").first.wait_for()
    colour = panel_frame(page).evaluate(
        "() => getComputedStyle(document.querySelector('.alert-line')).color")
    rgb = [int(x) for x in colour[colour.index("(") + 1:-1].split(",")[:3]]
    assert sum(rgb) > 500, colour  # light text on the dark page
    report = report_of(tensorboard, ALERTED_RUN)
    flag = marker_x(page, 200, report["steps"]["first"], report["steps"]["last"])
    assert any(p[3] > 150 and p[0] > 200 and p[0] - p[2] > 80 for p in flag["pixels"])
    assert errors == []
    bh.save_screenshot(page, artifacts_dir, "alerts-dark.png")


def test_a_stall_in_a_run_still_training_shows_as_stalling_now(browser, tensorboard, logdir,
                                                                artifacts_dir):
    run = "live/training"
    steps, signals = bh.stalled_signals(seed=11)
    bh.write_run(logdir, run, steps[:100], {k: v[:100] for k, v in signals.items()})
    wait_for_steps(tensorboard, run, 100)
    page, panel, errors = open_tab(browser, tensorboard, run=run)
    panel.locator(".run-title", has_text=run).wait_for()
    panel.locator(".loss-chart canvas").wait_for()
    # Still falling: no interval yet, but written just now.
    assert panel.locator(".chip").count() == 0
    assert panel.locator(".run-header .live-tag").inner_text() == "training"
    # The training goes on, stalls, and says so; TensorBoard's reload brings it in.
    alert = (380, "stall", "tb_plateau: loss stalled since step 120 at 1.9.")
    bh.write_run(logdir, run, steps[100:], {k: v[100:] for k, v in signals.items()},
                 alerts=[alert])
    wait_for_steps(tensorboard, run, 600)
    page.locator("button.reload-button").click()  # TensorBoard's own reload button
    chip = panel.locator(".chip-ongoing")
    chip.wait_for(timeout=20_000)
    report = report_of(tensorboard, run)
    (interval,) = report["intervals"]
    assert interval["end_step"] == report["steps"]["last"] == 600
    now = "stalling now, since step %d" % interval["start_step"]
    assert chip.inner_text().startswith(now), chip.inner_text()
    panel.locator(".causes h2", has_text="Stalling now, since step %d" % interval["start_step"]
                  ).wait_for()
    assert panel.locator(".alerts .alert").count() == 1
    assert errors == []
    bh.save_screenshot(page, artifacts_dir, "stalling-now-light.png")
    dark, dark_panel, dark_errors = open_tab(browser, tensorboard, run=run, color_scheme="dark",
                                             fake_clock=True)
    dark_panel.locator(".chip-ongoing").wait_for()
    dark_panel.locator(".cause.top").wait_for()
    assert dark_errors == []
    bh.save_screenshot(dark, artifacts_dir, "stalling-now-dark.png")
    # Nothing written for longer than the panel's LIVE_SECONDS (300): the run is shown as
    # it ended, without waiting for a reload.
    dark.clock.fast_forward(301_000)
    dark_panel.locator(".chip:not(.chip-ongoing)").wait_for(timeout=20_000)
    assert dark_panel.locator(".chip").first.inner_text().startswith("stalled ")
    assert dark_panel.locator(".live-tag").count() == 0
    assert dark_errors == []

    # The same stall in a run last written a day ago is shown as it ended.
    page, panel, errors = open_tab(browser, tensorboard, run=ENDED_RUN)
    panel.locator(".run-title", has_text=ENDED_RUN).wait_for()
    chip = panel.locator(".chip").first
    chip.wait_for()
    assert chip.inner_text().startswith("stalled ")
    assert panel.locator(".chip-ongoing, .live-tag").count() == 0
    assert "Stalled at steps" in panel.locator(".causes h2").inner_text()
    assert errors == []


# -- charts: the constant-prediction line, smoothing, fraction axes, one chart per signal ------


def test_the_loss_chart_marks_the_constant_prediction_loss(browser, tensorboard):
    baseline = report_of(tensorboard, bh.STALLED_RUN)["baseline"]["value"]
    assert abs(baseline - bh.LN10) < 0.01
    page, panel, errors = open_tab(browser, tensorboard, run=bh.STALLED_RUN)
    panel.locator(".run-title", has_text=bh.STALLED_RUN).wait_for()
    label = panel.locator(".loss-chart .ref-label")
    label.wait_for(state="visible")
    assert label.inner_text() == "constant prediction " + format_number(baseline)
    # The label sits on the line: at the baseline's height in the plot (the loss starts at
    # ~2.3 and stalls at ~1.9, so ln 10 is near the top, above the stalled loss).
    where = panel_frame(page).evaluate(
        """() => { const over = document.querySelector('.loss-chart .u-over').getBoundingClientRect();
                   const label = document.querySelector('.loss-chart .ref-label').getBoundingClientRect();
                   const chart = document.querySelector('.loss-chart .chart').dataset;
                   return {top: label.top - over.top, bottom: label.bottom - over.top,
                           height: over.height, min: Number(chart.yMin), max: Number(chart.yMax)}; }""")
    assert where["min"] <= baseline <= where["max"], where
    y = (where["max"] - baseline) / (where["max"] - where["min"]) * where["height"]
    assert where["top"] - 2 <= y <= where["bottom"] + 18, (y, where)
    # A dashed line across the plot at that height: inked pixels left and right of the label.
    ink = shade_in(page, (0.1, 0.5, 0.0, 1.0))
    assert ink["inked"] > 0
    assert errors == []


def test_the_smoothing_slider_smooths_the_loss_as_tensorboard_does(browser, tensorboard):
    status, body = bh.http_get(tensorboard + "/data/plugin/plateau/series?run="
                               + bh.quote(bh.STALLED_RUN) + "&signals=loss&max_points=2000")
    assert status == 200, body
    series = json.loads(body)["series"]["loss"]
    steps, raw = series["steps"], series["values"]
    page, panel, errors = open_tab(browser, tensorboard, run=bh.STALLED_RUN)
    panel.locator(".run-title", has_text=bh.STALLED_RUN).wait_for()
    panel.locator(".loss-chart canvas").wait_for()
    slider = panel.locator("input#smoothing")
    # TensorBoard's default, on a 0..0.99 slider.
    assert slider.get_attribute("min") == "0" and slider.get_attribute("max") == "0.99"
    assert float(slider.input_value()) == 0.6
    assert panel.locator(".smoothing-value").inner_text() == "0.60"

    def readout(weight):
        """[(step, smoothed, raw, TensorBoard's smoothed value)] the legend shows with the
        cursor at a few places on the falling loss."""
        rows = []
        for fx in (0.04, 0.08, 0.12, 0.16):
            hover_loss_chart(page, fx)
            values = legend_values(page)
            step = int(values["step"].replace(",", ""))
            expected = tensorboard_ema(raw, weight)[steps.index(step)]
            assert values["loss (raw)"] == format_number(raw[steps.index(step)])
            rows.append((step, values["loss"], values["loss (raw)"], expected))
        return rows

    rows = readout(0.6)
    for step, smooth, plain, expected in rows:
        assert abs(float(smooth) - expected) < 2e-3, (step, smooth, expected)
    assert any(smooth != plain for _, smooth, plain, _ in rows), rows
    # More smoothing: the curve lags further behind the falling loss, above it.
    slider.fill("0.95")
    assert panel.locator(".smoothing-value").inner_text() == "0.95"
    rows95 = readout(0.95)
    for (step, smooth, plain, expected), before in zip(rows95, rows):
        assert abs(float(smooth) - expected) < 2e-3, (step, smooth, expected)
        assert float(smooth) > float(plain) + 0.01, (step, smooth, plain)
        assert smooth != before[1]
    # 0: the raw series itself.
    slider.fill("0")
    assert panel.locator(".smoothing-value").inner_text() == "0.00"
    for step, smooth, plain, _ in readout(0.0):
        assert smooth == plain, (step, smooth, plain)
    # The chosen smoothing survives choosing another run.
    choose(panel, bh.HEALTHY_RUN)
    assert float(panel.locator("input#smoothing").input_value()) == 0
    assert errors == []


def evidence_charts(page):
    """Per cause card, in order: its cause id, each evidence item's text and whether a chart
    sits under it, and its charts (title, legend labels, y range)."""
    return panel_frame(page).evaluate(
        """() => Array.from(document.querySelectorAll('.cause')).map((card) => ({
            cause: card.dataset.cause,
            items: Array.from(card.querySelectorAll('.evidence > li')).map((li) => ({
                text: li.querySelector('p').textContent,
                chart: !!li.querySelector('.evidence-chart .chart')})),
            charts: Array.from(card.querySelectorAll('.evidence-chart .chart')).map((chart) => ({
                title: chart.querySelector('.u-title').textContent,
                lines: Array.from(chart.querySelectorAll('.u-legend .u-series .u-label'))
                    .map((l) => l.textContent).join('|'),
                min: Number(chart.dataset.yMin), max: Number(chart.dataset.yMax)}))}))""")


def test_a_fraction_is_charted_on_0_to_1_and_no_card_repeats_a_chart(browser, tensorboard):
    page, panel, errors = open_tab(browser, tensorboard, run=bh.STALLED_RUN)
    panel.locator(".run-title", has_text=bh.STALLED_RUN).wait_for()
    panel.locator(".cause.top .evidence-chart canvas").first.wait_for()
    charts = [card["charts"] for card in evidence_charts(page)]
    zero = [c for card in charts for c in card if c["title"] == "activation \u00b7 zero_fraction"]
    assert zero, charts
    for chart in zero:
        assert (chart["min"], chart["max"]) == (0, 1), chart
    for card in charts:
        keys = [(c["title"], c["lines"]) for c in card]
        assert len(keys) == len(set(keys)), card
    assert errors == []


# -- the README's screenshots (scripts/screenshots.py) --------------------------------------


def load_screenshot_script():
    spec = importlib.util.spec_from_file_location("screenshots_script",
                                                  ROOT / "scripts" / "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def demo_module(name):
    """A module of the demo catalogue: installed as tb_plateau.demo, or from the checkout."""
    try:
        return importlib.import_module("tb_plateau.demo." + name)
    except ImportError:  # a checkout without `pip install -e .`
        if str(ROOT) not in sys.path:
            sys.path.insert(0, str(ROOT))
        return importlib.import_module("demo." + name)


def png_size(path):
    """(width, height) from a PNG's header."""
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_the_screenshot_script_shoots_a_finished_run_light_and_dark(browser, tensorboard,
                                                                      logdir, tmp_path):
    script = load_screenshot_script()
    # What it shoots: demo runs, each linked from the README, in both colour schemes.
    scenarios = demo_module("scenarios")
    readme = (script.ROOT / "README.md").read_text(encoding="utf-8")
    for shot in script.SHOTS:
        assert shot.run in scenarios.by_run(), shot
        assert "(docs/screenshots/%s)" % shot.file in readme, shot
    assert {shot.color_scheme for shot in script.SHOTS} == {"light", "dark"}
    # How it shoots, on a run written just now (the catalogue takes minutes to train; a
    # freshly trained one would show as still training, which capture() refuses), into a
    # temporary folder: never the tracked docs/screenshots/.
    run = "shots/just_written"
    bh.write_run(logdir, run, *bh.stalled_signals(seed=13))
    wait_for_steps(tensorboard, run, 600)
    shots = [script.Shot("light.png", run, "light"), script.Shot("dark.png", run, "dark")]
    paths = [script.capture(browser, tensorboard, shot, tmp_path) for shot in shots]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["dark.png", "light.png"]
    for path in paths:
        assert png_size(path) == (script.VIEWPORT["width"], script.VIEWPORT["height"])


# -- real trainings: the demo's runs, trained in the test --------------------------------------

# SGD at a learning rate of 5: its top cause cites the update ratio twice (the units died by
# an early step; the ratio's peak over the run). Zero-initialised kernels: every hidden unit
# outputs zero from the first step to the last, a fraction of exactly 1 throughout.
LR_TOO_HIGH_RUN = "mlp/sgd_lr_5"
ZERO_INIT_RUN = "mlp/zero_init"
TRAINED_UNDER = "trained"  # the folder of the served logdir they are trained into


def chart_key(cause, item):
    """What makes two evidence items of a card one chart (frontend/src/causeCards.ts)."""
    return (item.get("signal") or "", cause.get("chart_column") or "",
            tuple(sorted(item.get("layers") or [])))


def wait_until_read(base, run, settle=3.0, timeout=60):
    """Until TensorBoard's backend lists `run` with a report and the same last step over
    more than one reload (reload_interval 2 s): the whole run is read."""
    deadline = time.monotonic() + timeout
    seen = None
    while True:
        status, body = bh.http_get(base + "/data/plugin/plateau/runs")
        row = None
        if status == 200:
            row = next((r for r in json.loads(body)["runs"] if r["run"] == run), None)
        last = (row.get("steps") or {}).get("last") if row and not row.get("pending") else None
        if last is not None and last == seen:
            return
        seen = last
        assert time.monotonic() < deadline, "backend never read all of %s" % run
        time.sleep(settle)


@pytest.fixture(scope="module")
def trained(logdir, tensorboard):
    """LR_TOO_HIGH_RUN and ZERO_INIT_RUN of the demo catalogue, trained for real into the
    served logdir; {demo run name: its name in TensorBoard}."""
    pytest.importorskip("tensorflow")
    runner = demo_module("runner")
    runs = (LR_TOO_HIGH_RUN, ZERO_INIT_RUN)
    runner.train_catalogue(str(logdir / TRAINED_UNDER), progress=False,
                           only="^(%s)$" % "|".join(re.escape(run) for run in runs))
    names = {run: "%s/%s" % (TRAINED_UNDER, run) for run in runs}
    for name in names.values():
        wait_until_read(tensorboard, name)
    return names


def open_trained(browser, base, run):
    """A trained run in the Plateau tab, its cause cards drawn; (page, panel, errors, report)."""
    report = report_of(base, run)
    page, panel, errors = open_tab(browser, base, run=run)
    panel.locator(".run-title", has_text=run).wait_for()
    panel.locator(".cause.top .evidence-chart canvas").first.wait_for()
    return page, panel, errors, report


@pytest.mark.tf
def test_a_card_draws_one_chart_per_evidence_series_on_a_real_run(browser, tensorboard,
                                                                  trained):
    run = trained[LR_TOO_HIGH_RUN]
    page, panel, errors, report = open_trained(browser, tensorboard, run)
    # The analysis cites one series twice in a card: the case the merge is for. (The panel
    # opens the first interval.)
    causes = report["intervals"][0]["causes"]
    assert causes and causes[0]["id"] == "learning_rate_too_high", causes[:1]
    repeated = [cause for cause in causes
                if len({chart_key(cause, item) for item in cause["evidence"] if item.get("signal")})
                < len([item for item in cause["evidence"] if item.get("signal")])]
    assert any(cause["id"] == "learning_rate_too_high" for cause in repeated), causes
    signals = {item["signal"] for cause in causes for item in cause["evidence"]
               if item.get("signal")}
    status, body = bh.http_get(tensorboard + "/data/plugin/plateau/series?run=" + bh.quote(run)
                               + "&signals=" + ",".join(sorted(signals)) + "&max_points=400")
    assert status == 200, body
    charted = set(json.loads(body)["series"])  # the signals the run has a series of

    cards = {card["cause"]: card for card in evidence_charts(page)}
    assert set(cards) == {cause["id"] for cause in causes}
    for cause in repeated:
        card = cards[cause["id"]]
        items = cause["evidence"]
        assert [item["text"] for item in card["items"]] == [item["text"] for item in items]
        # One chart per distinct series, under the first item that cites it; none under the
        # items that cite it again; every item's text is still listed.
        keys, first = [], []
        for item in items:
            key = chart_key(cause, item)
            first.append(bool(item.get("signal")) and item["signal"] in charted
                         and key not in keys)
            if item.get("signal"):
                keys.append(key)
        assert [item["chart"] for item in card["items"]] == first, (card, items)
        titles = [chart["title"] for chart in card["charts"]]
        assert len(titles) == sum(first) and len(set(titles)) == len(titles), titles
        assert titles.count("update_ratio") == 1, titles
    # The loss chart of a real run: its constant-prediction line, and the smoothing slider.
    baseline = report["baseline"]["value"]
    assert panel.locator(".loss-chart .ref-label").inner_text() == (
        "constant prediction " + format_number(baseline))
    assert float(panel.locator("input#smoothing").input_value()) == 0.6
    assert errors == []


@pytest.mark.tf
def test_a_fraction_of_exactly_1_is_charted_on_0_to_1_on_a_real_run(browser, tensorboard,
                                                                    trained):
    run = trained[ZERO_INIT_RUN]
    page, panel, errors, report = open_trained(browser, tensorboard, run)
    assert report["intervals"][0]["causes"][0]["id"] == "poor_initialization"
    fractions = [chart for card in evidence_charts(page) for chart in card["charts"]
                 if chart["title"].endswith("fraction")]
    (zero_chart,) = [chart for chart in fractions
                     if chart["title"] == "activation \u00b7 zero_fraction"]
    # The layers it draws output zero for every example from the first step to the last: a
    # constant 1, which an automatic axis would pad to 0..2.
    status, body = bh.http_get(tensorboard + "/data/plugin/plateau/series?run=" + bh.quote(run)
                               + "&signals=activation&max_points=400")
    assert status == 200, body
    activation = json.loads(body)["series"]["activation"]
    zero = activation["columns"].index("zero_fraction")
    drawn = [activation["names"].index(name) for name in zero_chart["lines"].split("|")
             if name != "step"]  # the legend's first label is the x axis
    values = [row[layer][zero] for row in activation["values"] for layer in drawn]
    assert drawn and all(value == 1 for value in values), values[:10]
    for chart in fractions:
        assert (chart["min"], chart["max"]) == (0, 1), chart
    assert errors == []
