"""Regenerates the README's screenshots (docs/screenshots/): the demo catalogue in the Plateau
tab of a real TensorBoard, in headless Chromium, light and dark.

The tests never write these files; run this after a change that shows in the panel:

    python scripts/screenshots.py                        # trains the catalogue (~2 min) in a
                                                         # temporary folder, then shoots
    python scripts/screenshots.py --logdir plateau-demo  # reuses a trained catalogue (and
                                                         # trains only the runs it lacks)

It needs what the tests need: the `test` extra (playwright) and Debian's Chromium
(`apt-get install chromium`; never `playwright install`). TB_PLATEAU_CHROMIUM names another
Chromium binary.
"""

import argparse
import collections
import os
import pathlib
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
# A real TensorBoard process and Chromium, started as the browser tests start them.
sys.path.insert(0, str(ROOT))
from tests import browser_helpers as bh  # noqa: E402

# One picture per colour scheme, of a run whose story reads at a glance: the loss stalls
# from the first steps, and the top cause's evidence says why.
Shot = collections.namedtuple("Shot", "file run color_scheme")
SHOTS = (
    Shot("demo-lr-too-high.png", "mlp/sgd_lr_5", "light"),
    Shot("demo-zero-init-dark.png", "mlp/zero_init", "dark"),
)
# Wide enough for the run list beside two charts side by side; tall enough for the loss
# chart and the top cause's first evidence chart.
VIEWPORT = {"width": 1400, "height": 1100}
# Later than the panel's LIVE_SECONDS (frontend/src/live.ts) after the last write.
FINISHED_AFTER_SECONDS = 3600
DEFAULT_OUT = ROOT / "docs" / "screenshots"


def train(logdir):
    """The main catalogue into `logdir` (`python -m demo --no-serve`; runs it already holds
    are kept)."""
    subprocess.run([sys.executable, "-m", "demo", "--no-serve", "--catalogue", "main",
                    "--logdir", str(logdir)], cwd=str(ROOT), check=True)


def capture(browser, base, shot, out_dir, viewport=VIEWPORT):
    """Opens `shot.run` in the Plateau tab of the TensorBoard at `base` and saves the window
    as out_dir/shot.file once every chart is drawn and every verdict is in; returns its
    path. Fails on any error the page reports."""
    # As the runs will look to a reader: finished. A catalogue trained a minute ago would
    # show as still training (the panel counts a run written in the last 5 minutes as live).
    page, panel, errors = bh.open_tab(browser, base, run=shot.run,
                                      color_scheme=shot.color_scheme, viewport=viewport,
                                      fixed_time=time.time() + FINISHED_AFTER_SECONDS)
    try:
        panel.locator(".run-title", has_text=shot.run).wait_for(timeout=60_000)
        panel.locator(".loss-chart canvas").wait_for()
        if panel.locator(".chip").count():
            panel.locator(".cause.top").wait_for()
            panel.locator(".cause.top .evidence-chart canvas").first.wait_for()
        # The run list answers within a time budget and fills in late verdicts after.
        panel.locator(".badge-pending").first.wait_for(state="detached", timeout=120_000)
        bh.panel_frame(page).evaluate(
            "() => document.querySelector('.run.selected').scrollIntoView({block: 'center'})")
        if panel.locator(".live-tag, .chip-ongoing").count():
            raise RuntimeError("%s shows as still training" % shot.run)
        page.mouse.move(0, 0)  # no hover readout on a chart
        page.wait_for_timeout(500)  # the last chart's paint
        if errors:
            raise RuntimeError("the panel reported errors: %s" % errors)
        return bh.save_screenshot(page, out_dir, shot.file)
    finally:
        page.context.close()


def shoot(logdir, out_dir, shots=SHOTS, viewport=VIEWPORT):
    """Serves `logdir` with TensorBoard and captures each shot into `out_dir`."""
    from playwright.sync_api import sync_playwright

    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    with tempfile.TemporaryDirectory(prefix="tb-plateau-shots-") as scratch, \
            bh.tensorboard_server(logdir, log_folder=scratch) as base, \
            sync_playwright() as p:
        browser = p.chromium.launch(executable_path=bh.CHROMIUM, args=bh.CHROMIUM_ARGS)
        try:
            for shot in shots:
                paths.append(capture(browser, base, shot, out_dir, viewport))
        finally:
            browser.close()
    return paths


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python scripts/screenshots.py",
        description="Regenerate the README's screenshots of the Plateau tab from the demo "
                    "catalogue.")
    parser.add_argument("--logdir", help="a logdir to train the catalogue into, or that "
                        "holds it already (default: a temporary folder, deleted after)")
    parser.add_argument("--out", default=str(DEFAULT_OUT),
                        help="where to write the PNGs (default: docs/screenshots/)")
    args = parser.parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    # TensorBoard and the demo import tb_plateau from this checkout, installed or not.
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])
    with tempfile.TemporaryDirectory(prefix="tb-plateau-demo-") as scratch:
        logdir = os.path.abspath(args.logdir) if args.logdir else os.path.join(scratch, "logs")
        train(logdir)
        for path in shoot(logdir, args.out):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
