"""The Plateau tab's settings kept between visits (localStorage, as TensorBoard keeps its
own), in headless Chromium inside a real TensorBoard: the smoothing survives a reload, and
storage that is blocked, absent, full or holds anything else never breaks the panel.

These tests fail (never skip) when Chromium cannot start.
"""

import json

import pytest

from tests import browser_helpers as bh

pytestmark = pytest.mark.browser

SETTINGS_KEY = "_tb_plateau_settings"  # frontend/src/settings.ts
DEFAULT_SMOOTHING = 0.6  # TensorBoard's own default (frontend/src/smoothing.ts)


@pytest.fixture(scope="module")
def tensorboard(tmp_path_factory):
    logdir = bh.build_logdir(tmp_path_factory.mktemp("settings") / "logs", hostile=False,
                             scalar=False)
    with bh.tensorboard_server(logdir) as base:
        bh.wait_for_runs(base, [bh.STALLED_RUN, bh.HEALTHY_RUN])
        yield base


@pytest.fixture(scope="module")
def raw_loss(tensorboard):
    """(steps, values) of the stalled run's loss, as the panel fetches it."""
    status, body = bh.http_get(tensorboard + "/data/plugin/plateau/series?run="
                               + bh.quote(bh.STALLED_RUN) + "&signals=loss&max_points=2000")
    assert status == 200, body
    series = json.loads(body)["series"]["loss"]
    return series["steps"], series["values"]


def wait_for_run(panel):
    bh.wait_for_run_drawn(panel, bh.STALLED_RUN)


def open_run(browser, base, init_script=None):
    """The stalled run in the Plateau tab of a new browser context (fresh storage)."""
    return bh.open_run_fresh(browser, base, bh.STALLED_RUN, init_script)


def reload(page):
    page.reload()
    panel = page.frame_locator(bh.PANEL_IFRAME)
    wait_for_run(panel)
    return panel


def shown_smoothing(panel):
    """(the slider's value, the number printed beside it)."""
    return (float(panel.locator("input#smoothing").input_value()),
            panel.locator(".smoothing-value").inner_text())


def stored(page):
    """What the panel keeps under its key, read from the page's real localStorage."""
    return page.evaluate("(key) => window.localStorage.getItem(key)", SETTINGS_KEY)


def assert_loss_smoothed_with(page, raw_loss, weight):
    """The loss chart's smoothed readout, at a point on the falling loss, is TensorBoard's
    smoothing of the raw loss with `weight`."""
    steps, raw = raw_loss
    bh.hover_loss_chart(page, 0.08)
    values = bh.legend_values(page)
    step = int(values["step"].replace(",", ""))
    expected = bh.tensorboard_ema(raw, weight)[steps.index(step)]
    assert abs(float(values["loss"]) - expected) < 2e-3, (weight, step, values, expected)


def test_the_smoothing_survives_a_reload(browser, tensorboard, raw_loss):
    page, panel, errors = open_run(browser, tensorboard)
    assert shown_smoothing(panel) == (DEFAULT_SMOOTHING, "0.60")
    assert stored(page) is None
    panel.locator("input#smoothing").fill("0.85")
    assert shown_smoothing(panel) == (0.85, "0.85")
    assert json.loads(stored(page)) == {"smoothing": 0.85}

    panel = reload(page)
    assert shown_smoothing(panel) == (0.85, "0.85")
    assert_loss_smoothed_with(page, raw_loss, 0.85)
    # Another tab of the same browser profile opens with it too; another profile does not.
    again = page.context.new_page()
    again.goto(page.url)
    again_panel = again.frame_locator(bh.PANEL_IFRAME)
    wait_for_run(again_panel)
    assert shown_smoothing(again_panel) == (0.85, "0.85")
    _, fresh, fresh_errors = open_run(browser, tensorboard)
    assert shown_smoothing(fresh) == (DEFAULT_SMOOTHING, "0.60")
    # 0 (the raw loss) is a choice like any other, not "nothing stored".
    panel.locator("input#smoothing").fill("0")
    panel = reload(page)
    assert shown_smoothing(panel) == (0, "0.00")
    assert errors == [] and fresh_errors == []


# Stored texts the panel did not write (another version, a user, another tool), and the
# smoothing each must start at.
STORED = [
    ("not json {", DEFAULT_SMOOTHING),
    ("[0.3]", DEFAULT_SMOOTHING),
    ('"0.3"', DEFAULT_SMOOTHING),
    ("null", DEFAULT_SMOOTHING),
    ("{}", DEFAULT_SMOOTHING),
    ('{"smoothing": "0.3"}', DEFAULT_SMOOTHING),
    ('{"smoothing": null}', DEFAULT_SMOOTHING),
    ('{"smoothing": true}', DEFAULT_SMOOTHING),
    ('{"smoothing": 7}', DEFAULT_SMOOTHING),
    ('{"smoothing": -0.5}', DEFAULT_SMOOTHING),
    ('{"smoothing": 1e999}', DEFAULT_SMOOTHING),
    ('{"smoothing": 0.333}', 0.33),  # snapped to the slider's 0.01 steps
    ('{"smoothing": 0.99, "other": [1]}', 0.99),
]


def test_a_stored_value_the_panel_cannot_use_gives_the_default(browser, tensorboard, raw_loss):
    page, panel, errors = open_run(browser, tensorboard)
    for text, expected in STORED:
        page.evaluate("([key, text]) => window.localStorage.setItem(key, text)",
                      [SETTINGS_KEY, text])
        panel = reload(page)
        value, printed = shown_smoothing(panel)
        assert (value, printed) == (expected, "%.2f" % expected), text
    assert_loss_smoothed_with(page, raw_loss, 0.99)
    # Moving the slider rewrites the smoothing and keeps the settings it does not know.
    panel.locator("input#smoothing").fill("0.3")
    assert json.loads(stored(page)) == {"smoothing": 0.3, "other": [1]}
    # Over an unreadable text, it starts a fresh object.
    page.evaluate("([key]) => window.localStorage.setItem(key, 'not json {')", [SETTINGS_KEY])
    panel.locator("input#smoothing").fill("0.4")
    assert json.loads(stored(page)) == {"smoothing": 0.4}
    assert errors == []


# Storage the panel's frame cannot use (TensorBoard's own page keeps its storage): reading
# `localStorage` throws (blocked cookies, some sandboxed frames), it is not there at all, or
# every write throws (full, or Safari's old private mode).
IN_PANEL_FRAME = "if (location.pathname.endsWith('/plugin_entry.html')) { %s }"
NO_STORAGE = {
    "blocked": """Object.defineProperty(window, 'localStorage', {configurable: true, get() {
                      throw new DOMException('The operation is insecure.', 'SecurityError'); }});""",
    "absent": "Object.defineProperty(window, 'localStorage', {configurable: true, value: undefined});",
    "full": """Storage.prototype.setItem = function () {
                   throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };""",
}


@pytest.mark.parametrize("kind", sorted(NO_STORAGE))
def test_the_panel_works_without_usable_storage(browser, tensorboard, raw_loss, kind):
    page, panel, errors = open_run(browser, tensorboard, IN_PANEL_FRAME % NO_STORAGE[kind])
    # The stub is in place in the panel's frame.
    probe = bh.panel_frame(page).evaluate("""() => {
        try { const s = window.localStorage; if (!s) return 'absent';
              s.setItem('probe', '1'); return 'usable'; }
        catch (e) { return e.name; } }""")
    assert probe == {"blocked": "SecurityError", "absent": "absent",
                     "full": "QuotaExceededError"}[kind]
    assert shown_smoothing(panel) == (DEFAULT_SMOOTHING, "0.60")
    # The slider still smooths the chart, for this page.
    panel.locator("input#smoothing").fill("0.3")
    assert shown_smoothing(panel) == (0.3, "0.30")
    assert_loss_smoothed_with(page, raw_loss, 0.3)
    assert stored(page) is None  # nothing reached the real storage
    panel = reload(page)
    assert shown_smoothing(panel) == (DEFAULT_SMOOTHING, "0.60")
    assert errors == []
