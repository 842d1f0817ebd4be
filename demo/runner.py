"""Trains the catalogue into a logdir, one run directory per scenario, and writes its labels."""

import json
import os
import re
import shutil
import sys
import time

from . import scenarios as catalogue

LABELS_FILE = "plateau_labels.json"
LABELS_VERSION = 1

# "main": the catalogue the engine was developed on; "holdout": scenarios written after the
# engine's first tuning round (demo/holdout.py; the second round studied its misses);
# "holdout2": scenarios written after the last tuning round, never used to tune it
# (demo/holdout2.py); "holdout3": healthy-but-imperfect and broken runs written before the
# verdict change and measured once after it (demo/holdout3.py).
CATALOGUES = ("main", "holdout", "holdout2", "holdout3")


def registry(name="main"):
    """The scenario list of the named catalogue."""
    if name == "main":
        return catalogue.REGISTRY
    if name == "holdout":
        from . import holdout

        return holdout.REGISTRY
    if name == "holdout2":
        from . import holdout2

        return holdout2.REGISTRY
    if name == "holdout3":
        from . import holdout3

        return holdout3.REGISTRY
    raise ValueError(f"unknown catalogue {name!r}; choose one of {', '.join(CATALOGUES)}")


def select(only=None, catalogue_name="main"):
    """The scenarios whose run name ('<family>/<name>') matches the regex `only`."""
    pattern = re.compile(only) if only else None
    return [s for s in registry(catalogue_name) if pattern is None or pattern.search(s.run)]


def read_labels(logdir):
    """The labels file of a logdir as {run: label}, or {} when there is none."""
    path = os.path.join(logdir, LABELS_FILE)
    try:
        with open(path, encoding="utf-8") as f:
            return dict(json.load(f).get("runs", {}))
    except (OSError, ValueError):
        return {}


def write_labels(logdir, labels):
    path = os.path.join(logdir, LABELS_FILE)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump({"version": LABELS_VERSION, "runs": dict(sorted(labels.items()))}, f, indent=2)
        f.write("\n")
    os.replace(tmp, path)


def _has_events(run_dir):
    return os.path.isdir(run_dir) and any("tfevents" in name for name in os.listdir(run_dir))


class ProgressBar:
    """A one-line text progress bar on a stream (stderr), redrawn in place when it is a tty."""

    def __init__(self, total, stream=None, width=28):
        self.total = max(total, 1)
        self.stream = stream or sys.stderr
        self.width = width
        self.done = 0
        self.started = time.monotonic()
        self.tty = getattr(self.stream, "isatty", lambda: False)()

    def show(self, text):
        filled = int(self.width * self.done / self.total)
        bar = "#" * filled + "." * (self.width - filled)
        elapsed = time.monotonic() - self.started
        line = f"[{bar}] {self.done}/{self.total} {elapsed:5.0f}s  {text}"
        if self.tty:
            self.stream.write("\r\x1b[2K" + line)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def advance(self, text):
        self.done += 1
        self.show(text)

    def close(self):
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()


def _quiet_tensorflow():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import logging
    import warnings

    warnings.filterwarnings("ignore", module="keras")
    logging.getLogger("tensorflow").setLevel(logging.ERROR)
    import tensorflow as tf

    try:
        # The demo's models are tiny: more threads only add contention on a shared machine.
        tf.config.threading.set_inter_op_parallelism_threads(1)
        tf.config.threading.set_intra_op_parallelism_threads(1)
    except RuntimeError:  # TensorFlow already initialized by the caller; keep its setting
        pass


def train_scenario(scenario, run_dir):
    """Train one scenario into run_dir (None: without logging). Returns per-epoch losses."""
    import keras

    keras.backend.clear_session()
    keras.utils.set_random_seed(0)
    try:
        return scenario.train(catalogue.Session(run_dir))
    finally:
        keras.backend.clear_session()


def train_catalogue(logdir, only=None, force=False, progress=True, stream=None,
                    catalogue_name="main"):
    """Train the selected scenarios into `logdir`/<family>/<name> and update the labels file.

    A run already trained (its label recorded and its event files present) is skipped unless
    `force`; a run directory left half-written by an interrupted training is retrained.
    Returns {run: label} for the selected scenarios.
    """
    _quiet_tensorflow()
    logdir = os.path.abspath(logdir)
    os.makedirs(logdir, exist_ok=True)
    chosen = select(only, catalogue_name)
    labels = read_labels(logdir)
    bar = ProgressBar(len(chosen), stream=stream) if progress else None
    for scenario in chosen:
        run_dir = os.path.join(logdir, scenario.family, scenario.name)
        if not force and scenario.run in labels and _has_events(run_dir):
            # Labels come from the code: refresh them, keep what the training recorded.
            recorded = labels[scenario.run]
            labels[scenario.run] = dict(scenario.label(), **{
                k: recorded[k] for k in ("seconds", "epoch_losses") if k in recorded})
            write_labels(logdir, labels)
            if bar:
                bar.advance(f"{scenario.run} (already trained)")
            continue
        if os.path.isdir(run_dir):
            shutil.rmtree(run_dir)
        if bar:
            bar.show(f"{scenario.run} ...")
        started = time.monotonic()
        losses = train_scenario(scenario, run_dir)
        label = scenario.label()
        label["seconds"] = round(time.monotonic() - started, 2)
        label["epoch_losses"] = [float(l) for l in losses]
        labels[scenario.run] = label
        write_labels(logdir, labels)
        if bar:
            bar.advance(f"{scenario.run} {label['seconds']:.1f}s")
    if bar:
        bar.close()
    return {s.run: labels[s.run] for s in chosen}
