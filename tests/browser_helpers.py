"""Logdirs for the plugin, server and browser tests (real event files, no TensorFlow), and
helpers to run TensorBoard and Chromium against them (scripts/screenshots.py uses them too)."""

import contextlib
import json
import math
import os
import pathlib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import numpy as np

from tests import eventfiles

STALLED_RUN = "mlp/dead_relus"
HEALTHY_RUN = "mlp/healthy"
SCALAR_RUN = "keras_only/train"
# A run name that is also HTML: must show as text, never run.
HOSTILE_RUN = "<script>window.__pwned=1</script><img src=x onerror=window.__pwned=2>"
STALL_START = 120  # where the stalled run's loss stops improving
RESOLVED_RUN = "schedule/lr_drop"
CONVERGED_RUN = "noisy_labels/converged"
LR_DROP_AT = 301  # the resolved run's scheduled learning-rate drop
LN10 = math.log(10)  # the constant-prediction loss of 10 balanced classes
# When the standard runs were written: a day before the tests, as finished trainings, so the
# panel shows their stalls as ended, not "stalling now" (a run written within the panel's
# LIVE_SECONDS counts as still training).
FINISHED = time.time() - 86400

LAYERS = ["dense", "dense_1", "dense_2"]
CONFIG = {
    "framework": "keras",
    "model": {"name": "mlp", "class": "Sequential", "subclassed": False, "params": 2410},
    "layers": [
        {"name": "dense", "class": "Dense", "units": 64, "activation": "relu",
         "kernel_initializer": {"class": "HeNormal", "config": {}}},
        {"name": "dense_1", "class": "Dense", "units": 32, "activation": "relu",
         "kernel_initializer": {"class": "HeNormal", "config": {}}},
        {"name": "dense_2", "class": "Dense", "units": 10, "activation": "softmax",
         "kernel_initializer": {"class": "GlorotUniform", "config": {}}},
    ],
    "output_activation": "softmax", "output_units": 10,
    "loss": {"name": "sparse_categorical_crossentropy",
             "class": "SparseCategoricalCrossentropy", "from_logits": False},
    "optimizer": {"class": "Adam", "config": {"learning_rate": 0.001}},
    "batch_size": 32,
}


def stalled_signals(n=600, seed=0):
    """A 10-class MLP whose ReLU layers died at STALL_START: the loss stops at ~1.9."""
    rng = np.random.default_rng(seed)
    steps = np.arange(1, n + 1)
    early = steps < STALL_START
    loss = np.where(early, 2.3 - 0.4 * steps / STALL_START, 1.9)
    loss = loss + rng.normal(0, 0.01, n)
    zero = np.where(early[:, None], [0.5, 0.5, 0.0], [0.99, 0.98, 0.0])
    act = np.zeros((n, 3, 4))
    act[:, :, 0] = zero
    act[:, :, 1] = [np.nan, np.nan, 0.0]
    act[:, :, 2] = 0.1
    act[:, :, 3] = np.where(early[:, None], 0.5, 0.01)
    grad = np.where(early[:, None], [0.5, 0.4, 0.3], [0.0, 0.0, 0.02])
    update = np.where(early[:, None], [1e-3, 1e-3, 1e-3], [0.0, 0.0, 1e-5])
    return steps, {
        "loss": loss,
        "learning_rate": np.full(n, 1e-3),
        "grad_norm": grad,
        "grad_global_norm": np.linalg.norm(grad, axis=1),
        "weight_norm": np.tile([8.0, 5.0, 3.0], (n, 1)),
        "update_ratio": update,
        "activation": act,
        "inputs": np.tile([[0.0, 1.0, -2.0, 2.0, 0.0]] * 4, (n, 1, 1)),
        "target_classes": np.full((n, 10), 0.1),
    }


def healthy_signals(n=600, seed=1):
    """The same model training well: the loss falls to ~0.05 and is still falling."""
    rng = np.random.default_rng(seed)
    steps = np.arange(1, n + 1)
    loss = 2.3 * np.exp(-steps / 120.0) + 0.02 + rng.normal(0, 0.003, n)
    act = np.zeros((n, 3, 4))
    act[:, :, 0] = [0.5, 0.45, 0.0]
    act[:, :, 1] = [np.nan, np.nan, 0.05]
    act[:, :, 2] = 0.3
    act[:, :, 3] = 0.6
    grad = np.tile([0.3, 0.2, 0.1], (n, 1)) * np.exp(-steps / 600.0)[:, None]
    return steps, {
        "loss": loss,
        "learning_rate": np.full(n, 1e-3),
        "grad_norm": grad,
        "grad_global_norm": np.linalg.norm(grad, axis=1),
        "weight_norm": np.tile([8.0, 5.0, 3.0], (n, 1)),
        "update_ratio": np.full((n, 3), 1e-3),
        "activation": act,
        "inputs": np.tile([[0.0, 1.0, -2.0, 2.0, 0.0]] * 4, (n, 1, 1)),
        "target_classes": np.full((n, 10), 0.1),
    }


def lr_drop_signals(n=600, seed=2):
    """The healthy model on a step schedule: the loss waits at ~0.8 ln 10 from about step 60
    until the learning rate drops 10x at LR_DROP_AT, then falls to ~0.3 ln 10 (a resolved
    stall, not a problem)."""
    steps, signals = healthy_signals(n, seed)
    rng = np.random.default_rng(seed)
    waiting = 0.8 * LN10 + 0.2 * LN10 * np.exp(-steps / 15.0)
    after = 0.3 * LN10 + 0.5 * LN10 * np.exp(-(steps - LR_DROP_AT) / 15.0)
    signals["loss"] = (np.where(steps < LR_DROP_AT, waiting, after)
                       + rng.normal(0, 0.01, n))
    signals["learning_rate"] = np.where(steps < LR_DROP_AT, 1e-2, 1e-3)
    return steps, signals


def converged_signals(n=600, seed=4):
    """The healthy model on noisy labels: the loss flattens at ~0.6 ln 10 by a third of the
    run with every other signal healthy (converged, with a note about the level)."""
    steps, signals = healthy_signals(n, seed)
    rng = np.random.default_rng(seed)
    t = np.linspace(0, 1, n)
    signals["loss"] = (0.6 * LN10 + 0.4 * LN10 * np.exp(-12 * t)
                       + rng.normal(0, 0.01, n))
    return steps, signals


_NAMES = {
    "grad_norm": LAYERS, "weight_norm": LAYERS, "update_ratio": LAYERS,
    "activation": LAYERS, "inputs": ["x0", "x1", "x2", "x3"],
    "target_classes": [str(i) for i in range(10)],
}
_EXTRA = {"activation": {"activations": ["relu", "relu", "softmax"]}}


def write_run(logdir, run, steps, signals, loss_blocks=True, alerts=(), wall_time=None):
    """A run as PlateauCallback writes it (the loss in blocks of steps), or with
    `loss_blocks=False` as PlateauLogger does (one loss tensor per step); `alerts` and
    `wall_time` as eventfiles.write_signals takes them."""
    if loss_blocks and "loss" in signals:
        signals = dict(signals)
        signals["loss_block"] = signals.pop("loss")
    return eventfiles.write_signals(logdir, run, steps, signals, config=CONFIG,
                                    names=_NAMES, extra=_EXTRA, alerts=alerts,
                                    wall_time=wall_time)


def build_logdir(path, hostile=True, scalar=True):
    """The standard test logdir: a stalled run, a healthy one, a Keras-scalars-only run and
    (optionally) a run whose name is HTML, all finished a day ago (FINISHED)."""
    path = pathlib.Path(path)
    write_run(path, STALLED_RUN, *stalled_signals(), wall_time=FINISHED)
    write_run(path, HEALTHY_RUN, *healthy_signals(), wall_time=FINISHED)
    if hostile:
        write_run(path, HOSTILE_RUN, *stalled_signals(seed=3), loss_blocks=False,
                  wall_time=FINISHED)
    if scalar:
        epochs = np.arange(30)
        eventfiles.write_keras_scalars(path, "keras_only", epochs,
                                       {"loss": 2.3 - 0.4 * np.minimum(epochs, 6) / 6 + 0.0 * epochs,
                                        "learning_rate": np.full(30, 1e-3)},
                                       validation={"loss": np.full(30, 2.0)},
                                       wall_time=FINISHED)
    return path


# -- a real TensorBoard process ----------------------------------------------------------------


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def quote(text):
    return urllib.parse.quote(text, safe="")


def http_get(url, timeout=30):
    """(status, body bytes) of a GET; HTTP errors are returned, not raised."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


@contextlib.contextmanager
def tensorboard_server(logdir, load_fast="false", extra_args=(), timeout=120,
                       require_active=True, launcher=None, log_folder=None):
    """`tensorboard --logdir LOGDIR` on a free 127.0.0.1 port; yields its base URL once the
    Plateau tab is listed (and, with `require_active`, active). `launcher` is a Python
    script run instead of `-m tensorboard.main` (it must end by calling its run_main()).
    TensorBoard's output goes to tensorboard-PORT.log in `log_folder` (default: the folder
    that holds the logdir)."""
    port = free_port()
    entry = [launcher] if launcher is not None else ["-m", "tensorboard.main"]
    cmd = [sys.executable, *entry, "--logdir", str(logdir),
           "--host", "127.0.0.1", "--port", str(port), "--load_fast", load_fast,
           "--reload_interval", "2", *extra_args]
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    if log_folder is None:
        log_folder = os.path.dirname(os.path.abspath(str(logdir)))
    log = open(os.path.join(str(log_folder), "tensorboard-%d.log" % port), "wb")
    process = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
    base = "http://127.0.0.1:%d" % port
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                log.flush()
                raise RuntimeError("tensorboard exited with %s; log: %s"
                                   % (process.returncode, log.name))
            try:
                status, body = http_get(base + "/data/plugins_listing", timeout=5)
                if status == 200 and b'"plateau"' in body:
                    if json.loads(body)["plateau"]["enabled"] or not require_active:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("tensorboard did not list an active Plateau tab in %ss; log: %s"
                                   % (timeout, log.name))
            time.sleep(0.5)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def wait_for_runs(base, runs, timeout=60):
    """Until the Plateau tab's runs route of the TensorBoard at `base` lists every run in
    `runs` with its verdict in: TensorBoard shows the tab once it has read one run, and
    reads the others after."""
    deadline = time.monotonic() + timeout
    while True:
        status, body = http_get(base + "/data/plugin/plateau/runs")
        if status == 200:
            ready = {row["run"] for row in json.loads(body)["runs"]
                     if not row.get("pending") and row.get("steps")}
            if set(runs) <= ready:
                return
        if time.monotonic() > deadline:
            raise AssertionError("TensorBoard did not read %s in %ss"
                                 % (sorted(set(runs) - ready if status == 200 else runs), timeout))
        time.sleep(0.5)


# -- Chromium ----------------------------------------------------------------------------------

CHROMIUM = os.environ.get("TB_PLATEAU_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


# The iframe TensorBoard shows the Plateau tab in.
PANEL_IFRAME = 'iframe[src*="plugin_entry.html?name=plateau"]'
VIEWPORT = {"width": 1400, "height": 1000}


def open_tab(browser, base, run=None, color_scheme="light", fake_clock=False,
             viewport=VIEWPORT, fixed_time=None):
    """TensorBoard on the Plateau tab, in a new browser context (its own localStorage),
    optionally with a run named in the URL, with playwright's clock (to move time on), or
    with the page's clock stopped at `fixed_time` (seconds since the epoch; timers still
    run); returns (page, frame locator of the panel, errors seen by the page)."""
    context = browser.new_context(viewport=viewport, color_scheme=color_scheme,
                                  accept_downloads=True)
    if fake_clock:
        context.clock.install()
    if fixed_time is not None:
        context.clock.set_fixed_time(fixed_time)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    hash_ = "#plateau"
    if run is not None:
        hash_ += "&p.plateau.run=" + quote(run)
    page.goto(base + "/" + hash_)
    panel = page.frame_locator(PANEL_IFRAME)
    panel.locator(".run").first.wait_for(timeout=60_000)
    return page, panel, errors


def open_run_fresh(browser, base, run, init_script=None):
    """`run` in the Plateau tab of a new browser context (fresh storage), with
    `init_script` run first in every frame, once its title and loss chart are drawn;
    (page, panel frame locator, page errors)."""
    context = browser.new_context(viewport=VIEWPORT)
    if init_script:
        context.add_init_script(init_script)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + "/#plateau&p.plateau.run=" + quote(run))
    panel = page.frame_locator(PANEL_IFRAME)
    wait_for_run_drawn(panel, run)
    return page, panel, errors


def wait_for_run_drawn(panel, run):
    panel.locator(".run-title", has_text=run).wait_for(timeout=60_000)
    panel.locator(".loss-chart canvas").wait_for()


def panel_frame(page):
    """The Plateau tab's frame in a TensorBoard page (to evaluate scripts in it)."""
    return next(f for f in page.frames if "plugin_entry.html" in f.url)


def assert_nothing_injected(page, injected="img[src=x]"):
    """A hostile string (a run name, a tag) was shown as text: no script it carried ran, in
    the panel's frame or in TensorBoard's page, and no element of it (`injected`, a CSS
    selector) made it into the panel."""
    frame = panel_frame(page)
    assert frame.evaluate("() => window.__pwned === undefined")
    assert page.evaluate("() => window.__pwned === undefined")
    assert frame.evaluate("(s) => document.querySelectorAll(s).length", injected) == 0


# -- reading the panel's charts -----------------------------------------------------------------


def format_number(value):
    """The panel's formatNumber (dom.ts) for values in [1e-3, 1e5): 4 significant digits."""
    text = "%.4g" % value
    return text.rstrip("0").rstrip(".") if "." in text else text


def legend_values(page, chart=".loss-chart"):
    """{series label: value text} of a chart's legend (uPlot's hover readout)."""
    return panel_frame(page).evaluate(
        """(chart) => Object.fromEntries(Array.from(
            document.querySelectorAll(chart + ' .u-legend .u-series')).map((row) => [
                row.querySelector('.u-label').textContent.trim(),
                row.querySelector('.u-value').textContent.trim()]))""", chart)


def hover_loss_chart(page, fx, fy=0.5):
    """Moves the mouse to fractions (fx, fy) of the loss chart's plot area."""
    box = panel_frame(page).evaluate(
        """() => { const r = document.querySelector('.loss-chart .u-over').getBoundingClientRect();
                   return {x: r.left, y: r.top, w: r.width, h: r.height}; }""")
    frame_box = page.locator(PANEL_IFRAME).bounding_box()
    x = frame_box["x"] + box["x"] + fx * box["w"]
    y = frame_box["y"] + box["y"] + fy * box["h"]
    page.mouse.move(x - 3, y)
    page.mouse.move(x, y)


def tensorboard_ema(values, weight):
    """TensorBoard's Scalars smoothing (its debiased EMA), written out for the tests."""
    last, count, out = 0.0, 0, []
    for v in values:
        last = last * weight + (1 - weight) * v
        count += 1
        out.append(last / (1 - weight ** count))
    return out


def save_screenshot(page_or_locator, artifacts_dir, name):
    """Save a PNG of the page (or of one element) as artifacts_dir/name. Tests pass their
    artifacts folder (a temporary one unless TB_PLATEAU_ARTIFACTS names one): they never
    write to tracked files; only scripts/screenshots.py writes docs/screenshots/."""
    path = pathlib.Path(artifacts_dir) / name
    page_or_locator.screenshot(path=str(path))
    return path
