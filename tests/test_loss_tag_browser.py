"""The panel's loss selector (issue 14: "let the user choose the loss tag"), in headless
Chromium inside a real TensorBoard: it lists the run's scalar tags with the automatic choice
selected, another choice redraws the chart and the report and is kept for the run, and tag
names are text, never HTML.

These tests fail (never skip) when Chromium cannot start.
"""

import json
import os
import time

import numpy as np
import pytest

from tests import browser_helpers as bh
from tests import eventfiles
from tests.browser_helpers import panel_frame

pytestmark = pytest.mark.browser

tensorboardX = pytest.importorskip("tensorboardX")

RUN = "hf/trainer"
# A scalar tag that is also HTML: must show as text in the selector and the chart, never run.
HTML_TAG = '<img src=x onerror="window.__pwned=3">loss'
SETTINGS_KEY = "_tb_plateau_settings"  # frontend/src/settings.ts
STEPS = np.arange(1, 201)


def write_trainer_run(logdir):
    """A run as the Hugging Face Trainer's TensorBoardCallback writes it (transformers,
    integrations/integration_utils.py: `rewrite_logs` adds the train/ prefix to every logged
    key, so a model that logs an auxiliary loss gets `train/aux_loss` next to `train/loss`),
    through tensorboardX's SummaryWriter, the API torch.utils.tensorboard copies. The main
    loss falls and flattens low; the auxiliary one never leaves its start. tensorboardX
    cleans tag names (`<` becomes `_`), so the HTML-named loss, which flattens halfway down,
    comes from a second writer into the same run: TensorBoard's own event writer, which
    keeps any name (eventfiles.RunWriter, what tf.summary.scalar writes)."""
    rng = np.random.default_rng(0)
    noise = lambda: 0.002 * rng.standard_normal(len(STEPS))  # noqa: E731
    series = {
        "train/loss": 2.3 * np.exp(-STEPS / 30.0) + 0.05 + noise(),
        "train/aux_loss": 2.3 + noise(),
        "train/learning_rate": np.full(len(STEPS), 5e-5),
        "train/grad_norm": np.full(len(STEPS), 0.5),
    }
    writer = tensorboardX.SummaryWriter(os.path.join(str(logdir), RUN))
    for i, step in enumerate(STEPS):
        for tag, values in series.items():
            writer.add_scalar(tag, float(values[i]), int(step), walltime=bh.FINISHED + i)
    writer.close()
    html = np.where(STEPS < 40, 2.3 - 0.02 * STEPS, 1.5) + noise()
    with eventfiles.RunWriter(logdir, RUN, filename_suffix=".html", wall_time=bh.FINISHED) as w:
        for step, value in zip(STEPS, html):
            w.scalar(HTML_TAG, int(step), float(value))


@pytest.fixture(scope="module")
def tensorboard(tmp_path_factory):
    logdir = tmp_path_factory.mktemp("loss_tag") / "logs"
    write_trainer_run(logdir)
    with bh.tensorboard_server(logdir) as base:
        bh.wait_for_runs(base, [RUN])
        yield base


def open_run(browser, base, init_script=None):
    """The trainer run in the Plateau tab of a new browser context (fresh storage)."""
    return bh.open_run_fresh(browser, base, RUN, init_script)


def chart_state(page):
    """What the panel draws now: the loss chart's title and drawn y range, the header's
    verdict, the selector's value, the notes' text and the interval chips."""
    return panel_frame(page).evaluate("""() => {
        const chart = document.querySelector('.loss-chart .chart');
        const title = document.querySelector('.loss-chart .u-title');
        const select = document.querySelector('select.loss-tag');
        return {
            title: title ? title.textContent : null,
            yMin: chart ? Number(chart.dataset.yMin) : null,
            verdict: document.querySelector('.title-row .badge').textContent,
            selected: select ? select.value : null,
            notes: document.querySelector('.notes').textContent,
            chips: Array.from(document.querySelectorAll('.chip')).map((c) => c.textContent),
        };
    }""")


def wait_for_title(page, tag, timeout=30):
    """Until the loss chart is drawn from `tag`; returns the chart state."""
    deadline = time.monotonic() + timeout
    while True:
        state = chart_state(page)
        if state["title"] == "loss (%s)" % tag and state["yMin"] is not None:
            return state
        assert time.monotonic() < deadline, state
        time.sleep(0.1)


def stored_choices(page):
    raw = panel_frame(page).evaluate("(key) => window.localStorage.getItem(key)", SETTINGS_KEY)
    return json.loads(raw or "{}").get("lossTags", {})


def test_choosing_another_loss_tag_redraws_the_chart_and_the_report(browser, tensorboard):
    page, panel, errors = open_run(browser, tensorboard)
    select = panel.locator("select.loss-tag")
    # Every scalar tag of the run, the automatic choice marked and selected.
    options = select.locator("option").all_inner_texts()
    assert options[0] == "train/loss (automatic)"
    assert sorted(options[1:]) == sorted([HTML_TAG, "train/aux_loss", "train/grad_norm",
                                          "train/learning_rate"])
    before = wait_for_title(page, "train/loss")
    assert before["selected"] == "train/loss"
    assert before["verdict"] in ("healthy", "converged") and before["chips"] == []
    assert before["yMin"] < 0.5  # the loss fell to ~0.05
    # One line of notes: logged without tb-plateau, naming what was found.
    assert "logged without tb-plateau: loss (train/loss), learning rate and gradient norm " \
           "only" in before["notes"]

    select.select_option("train/aux_loss")
    after = wait_for_title(page, "train/aux_loss")
    assert after["selected"] == "train/aux_loss"
    assert after["yMin"] > 2.0  # the auxiliary loss never left 2.3
    panel.locator(".chip").first.wait_for()
    after = chart_state(page)
    assert after["verdict"] == "stalled" and after["chips"][0].startswith("stalled")
    assert "loss (train/aux_loss)" in after["notes"]
    assert panel.locator(".causes h2").inner_text().startswith("Stalled at steps")
    assert stored_choices(page) == {RUN: "train/aux_loss"}

    # Kept for the run: a reload opens it with the chosen tag.
    page.reload()
    panel = page.frame_locator(bh.PANEL_IFRAME)
    panel.locator(".run-title", has_text=RUN).wait_for(timeout=60_000)
    again = wait_for_title(page, "train/aux_loss")
    assert again["selected"] == "train/aux_loss" and again["verdict"] == "stalled"

    # Back to the automatic choice: the choice is forgotten.
    panel.locator("select.loss-tag").select_option("train/loss")
    back = wait_for_title(page, "train/loss")
    assert back["verdict"] == before["verdict"] and back["chips"] == []
    assert stored_choices(page) == {}
    assert errors == []


def test_a_loss_tag_that_is_html_shows_as_text(browser, tensorboard, artifacts_dir):
    page, panel, errors = open_run(browser, tensorboard)
    select = panel.locator("select.loss-tag")
    assert HTML_TAG in select.locator("option").all_inner_texts()
    select.select_option(HTML_TAG)
    state = wait_for_title(page, HTML_TAG)
    assert state["selected"] == HTML_TAG
    assert state["yMin"] > 1.0  # drawn from that tag: it never fell below 1.5
    assert "loss (%s)" % HTML_TAG in state["notes"]
    bh.assert_nothing_injected(page)
    assert errors == []
    bh.save_screenshot(page, artifacts_dir, "loss-tag-html.png")


def test_a_kept_tag_the_run_no_longer_has_falls_back_to_the_automatic_choice(browser,
                                                                           tensorboard):
    stale = json.dumps({"lossTags": {RUN: "train/gone_loss"}})
    page, panel, errors = open_run(
        browser, tensorboard,
        init_script="window.localStorage.setItem(%s, %s)" % (json.dumps(SETTINGS_KEY),
                                                            json.dumps(stale)))
    state = wait_for_title(page, "train/loss")
    assert state["selected"] == "train/loss"
    assert "train/gone_loss" in panel.locator(".status").inner_text()
    assert stored_choices(page) == {}
    assert errors == []


def test_the_selector_works_where_storage_is_blocked(browser, tensorboard):
    # The panel's frame cannot read localStorage (blocked cookies, some sandboxed frames;
    # TensorBoard's own page keeps its storage): the choice holds for the page, and nothing
    # breaks.
    page, panel, errors = open_run(
        browser, tensorboard,
        init_script="""if (location.pathname.endsWith('/plugin_entry.html')) {
            Object.defineProperty(window, 'localStorage', {configurable: true, get() {
                throw new DOMException('The operation is insecure.', 'SecurityError'); }});
        }""")
    assert panel_frame(page).evaluate(
        "() => { try { window.localStorage; return 'usable'; } catch (e) { return e.name; } }"
    ) == "SecurityError"
    wait_for_title(page, "train/loss")
    panel.locator("select.loss-tag").select_option("train/aux_loss")
    state = wait_for_title(page, "train/aux_loss")
    assert state["selected"] == "train/aux_loss" and state["yMin"] > 2.0
    assert errors == []
