"""Trains the catalogue into a logdir, one run directory per scenario, and writes its labels."""

import importlib
import json
import os
import re
import shutil
import sys
import threading
import time

from . import scenarios as catalogue

LABELS_FILE = "plateau_labels.json"
LABELS_VERSION = 1

# "main": the catalogue the engine was developed on; "holdout": scenarios written after the
# engine's first tuning round (demo/holdout.py; the second round studied its misses);
# "holdout2": scenarios written after the last tuning round, never used to tune it
# (demo/holdout2.py); "holdout3": healthy-but-imperfect and broken runs written before the
# verdict change and measured once after it (demo/holdout3.py); "holdout4": healthy-but-imperfect
# and broken runs written before the verdict work's last round of engine changes and scored
# once after them (demo/holdout4.py); "holdout5": healthy-but-imperfect and broken runs written
# after the engine's last change, without reading it or running the diagnosis on them, and
# scored once (demo/holdout5.py); "holdout6": healthy-but-imperfect and broken runs written
# while the engine change they judge was made, without reading the engine or running the
# diagnosis on them, and scored once (demo/holdout6.py); "holdout7": the same, written before the engine changes it
# judges (demo/holdout7.py). Every held-out set was studied after
# its one scoring; benchmarks/results/accuracy_*_measured_once.md keep those scores.
CATALOGUES = ("main", "holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6",
              "holdout7", "holdout8", "holdout9", "holdout10", "holdout11",
              "holdout12", "holdout13", "holdout14", "holdout15", "holdout16", "holdout17",
              "holdout18", "holdout19", "holdout20", "holdout21", "holdout22", "holdout23",
              "holdout24", "holdout25", "holdout26", "holdout27", "holdout28",
              "holdout29", "holdout30", "holdout31", "holdout32",
              "holdout33", "holdout34", "holdout35", "holdout36", "holdout37",
              "holdout38", "holdout39", "holdout40", "holdout41", "holdout42",
              "holdout43", "holdout44", "holdout45", "holdout46",
              "holdout47", "holdout48", "holdout49", "holdout50",
              "holdout51", "holdout52", "holdout53", "holdout54",
              "holdout55", "holdout56", "holdout57", "holdout58",
              "holdout59", "holdout60", "holdout61", "holdout62",
              "holdout63", "holdout64", "holdout65", "holdout66",
              "holdout67", "holdout68", "holdout69", "holdout70",
              "holdout71", "holdout72", "holdout73", "holdout74",
              "holdout75", "holdout76", "holdout77", "holdout78",
              "holdout79", "holdout80", "holdout81", "holdout82",
              "holdout83", "holdout84", "holdout85", "holdout86",
              "holdout87", "holdout88", "holdout89", "holdout90",
              "holdout91", "holdout92", "holdout93", "holdout94",
              "holdout95", "holdout96", "holdout97", "holdout98",
              "holdout99", "holdout100", "holdout101", "holdout102",
              "holdout103", "holdout104", "holdout105", "holdout106",
              "holdout107", "holdout108", "holdout109", "holdout110",
              "holdout111", "holdout112", "holdout113", "holdout114",
              "holdout115", "holdout116", "holdout117", "holdout118",
              "holdout119", "holdout120", "holdout121", "holdout122",
              "holdout123", "holdout124", "holdout125", "holdout126",
              "holdout127", "holdout128", "holdout129", "holdout130",
              "holdout131", "holdout132", "holdout133", "holdout134",
              "holdout135", "holdout136", "holdout137", "holdout138",
              "holdout139", "holdout140", "holdout141", "holdout142",
              "holdout143", "holdout144", "holdout145", "holdout146",
              "holdout147", "holdout148", "holdout149", "holdout150",
              "holdout151", "holdout152", "holdout153", "holdout154",
              "holdout155", "holdout156", "holdout157", "holdout158",
              "holdout159", "holdout160", "holdout161", "holdout162",
              "holdout163", "holdout164", "holdout165", "holdout166",
              "holdout167", "holdout168", "holdout169", "holdout170",
              "holdout171", "holdout172", "holdout173", "holdout174",
              "holdout175", "holdout176", "holdout177", "holdout178",
              "holdout179", "holdout180", "holdout181", "holdout182",
              "holdout183", "holdout184", "holdout185", "holdout186",
              "holdout187", "holdout188", "holdout189", "holdout190",
              "holdout191", "holdout192", "holdout193", "holdout194",
              "holdout195", "holdout196", "holdout197", "holdout198",
              "holdout199", "holdout200", "holdout201", "holdout202",
              "holdout203", "holdout204", "holdout205", "holdout206",
              "holdout207", "holdout208", "holdout209", "holdout210",
              "holdout211", "holdout212", "holdout213", "holdout214",
              "holdout215", "holdout216", "holdout217", "holdout218",
              "holdout219", "holdout220", "holdout221", "holdout222",
              "holdout223", "holdout224", "holdout225", "holdout226",
              "holdout227", "holdout228", "holdout229", "holdout230",
              "holdout231", "holdout232", "holdout233", "holdout234",
              "holdout235", "holdout236", "holdout237", "holdout238",
              "holdout239", "holdout240", "holdout241", "holdout242",
              "holdout243", "holdout244", "holdout245", "holdout246")


def registry(name="main"):
    """The scenario list of the named catalogue (each held-out one is imported only when
    asked for: its module is demo/<name>.py)."""
    if name == "main":
        return catalogue.REGISTRY
    if name not in CATALOGUES:
        raise ValueError(f"unknown catalogue {name!r}; choose one of {', '.join(CATALOGUES)}")
    return importlib.import_module(f".{name}", __package__).REGISTRY


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


def _clock(seconds):
    """Seconds as m:ss (h:mm:ss from an hour)."""
    seconds = int(round(max(seconds, 0.0)))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class Progress:
    """The catalogue's progress on a stream (stderr): "[12/33] cnn/dead_filters  0:41 elapsed,
    ETA 1:20".

    On a terminal it is one line, redrawn in place ("\r") every second while a run trains;
    elsewhere (a CI log, a pipe) it is one plain line per run and no carriage returns. The
    ETA is the mean time of the runs trained so far times the runs still to train.
    """

    REDRAW_SECONDS = 1.0

    def __init__(self, total, to_train, stream=None):
        self.total = total
        self.to_train = to_train
        self.stream = stream or sys.stderr
        self.started = time.monotonic()
        self.durations = []  # seconds of each run trained so far
        self.skipped = 0
        self._run = None  # (index, name, started) of the run training now
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker = None
        try:
            self.tty = bool(self.stream.isatty())
        except (AttributeError, OSError, ValueError):
            self.tty = False

    def eta(self, now=None):
        """Seconds until the last run is trained, or None before the first one is."""
        if not self.durations:
            return None
        now = time.monotonic() if now is None else now
        mean = sum(self.durations) / len(self.durations)
        left = self.to_train - len(self.durations)
        if self._run is None:
            return mean * left
        # The run under way counts for what is left of a mean run.
        return mean * (left - 1) + max(mean - (now - self._run[2]), 0.0)

    def line(self, now=None):
        now = time.monotonic() if now is None else now
        index, name, _ = self._run
        eta = self.eta(now)
        return (f"[{index}/{self.total}] {name}  {_clock(now - self.started)} elapsed, "
                f"ETA {'-:--' if eta is None else _clock(eta)}")

    def _write(self, text):
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # a closed terminal must not stop the training
            pass

    def _draw(self):
        line = self.line()
        if self.tty:
            # A line wider than the terminal wraps, and "\r" then redraws only its tail.
            width = shutil.get_terminal_size((100, 24)).columns - 1
            self._write("\r\x1b[2K" + line[:width])
        else:
            self._write(line + "\n")

    def _tick(self):
        while not self._stop.wait(self.REDRAW_SECONDS):
            with self._lock:
                if self._run is not None:
                    self._draw()

    def start(self, index, name):
        """Run number `index` (from 1), `name`, starts training."""
        with self._lock:
            self._run = (index, name, time.monotonic())
            self._draw()
        if self.tty and self._ticker is None:
            self._ticker = threading.Thread(target=self._tick, name="demo-progress",
                                            daemon=True)
            self._ticker.start()

    def finish(self):
        """The run under way has finished training."""
        with self._lock:
            if self._run is not None:
                self.durations.append(time.monotonic() - self._run[2])
            self._run = None

    def skip(self, index, name):
        """Run number `index` is already in the logdir and is not trained again."""
        with self._lock:
            self.skipped += 1
            if not self.tty:
                self._write(f"[{index}/{self.total}] {name}  already trained\n")

    def close(self):
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join()
        trained = len(self.durations)
        text = (f"trained {trained} run{'' if trained == 1 else 's'} in "
                f"{_clock(time.monotonic() - self.started)}")
        if self.skipped:
            text += f" ({self.skipped} already trained)"
        self._write(("\r\x1b[2K" if self.tty else "") + text + "\n")


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


def train_scenario(scenario, run_dir, keras_tensorboard=False):
    """Train one scenario into run_dir (None: without logging). Returns per-epoch losses.

    `keras_tensorboard` logs it with Keras's own TensorBoard callback too (scenarios.Session).
    """
    import keras

    keras.backend.clear_session()
    keras.utils.set_random_seed(0)
    try:
        return scenario.train(catalogue.Session(run_dir, keras_tensorboard=keras_tensorboard))
    finally:
        keras.backend.clear_session()


def _already_trained(scenario, run_dir, labels, force):
    return not force and scenario.run in labels and _has_events(run_dir)


def train_catalogue(logdir, only=None, force=False, progress=True, stream=None,
                    catalogue_name="main", keras_tensorboard=True):
    """Train the selected scenarios into `logdir`/<family>/<name> and update the labels file.

    A run already trained (its label recorded and its event files present) is skipped unless
    `force`; a run directory left half-written by an interrupted training is retrained.
    Each run is logged with Keras's own TensorBoard callback too, as users log, unless
    `keras_tensorboard` is False. Returns {run: label} for the selected scenarios.
    """
    _quiet_tensorflow()
    logdir = os.path.abspath(logdir)
    os.makedirs(logdir, exist_ok=True)
    chosen = select(only, catalogue_name)
    labels = read_labels(logdir)
    run_dirs = [os.path.join(logdir, s.family, s.name) for s in chosen]
    to_train = sum(not _already_trained(s, d, labels, force) for s, d in zip(chosen, run_dirs))
    bar = Progress(len(chosen), to_train, stream=stream) if progress else None
    try:
        for index, (scenario, run_dir) in enumerate(zip(chosen, run_dirs), start=1):
            if _already_trained(scenario, run_dir, labels, force):
                # Labels come from the code: refresh them, keep what the training recorded.
                recorded = labels[scenario.run]
                labels[scenario.run] = dict(scenario.label(), **{
                    k: recorded[k] for k in ("seconds", "epoch_losses") if k in recorded})
                write_labels(logdir, labels)
                if bar:
                    bar.skip(index, scenario.run)
                continue
            if os.path.isdir(run_dir):
                shutil.rmtree(run_dir)
            if bar:
                bar.start(index, scenario.run)
            started = time.monotonic()
            losses = train_scenario(scenario, run_dir, keras_tensorboard=keras_tensorboard)
            if bar:
                bar.finish()
            label = scenario.label()
            label["seconds"] = round(time.monotonic() - started, 2)
            label["epoch_losses"] = [float(l) for l in losses]
            labels[scenario.run] = label
            write_labels(logdir, labels)
    finally:
        if bar:
            bar.close()
    return {s.run: labels[s.run] for s in chosen}


def verdict_counts(logdir, runs):
    """{verdict: number of runs} over `runs` of `logdir`, each from its report as `tb-plateau
    report` and the Plateau tab give it (tb_plateau.read, then tb_plateau.analysis). A run
    that cannot be read or analysed counts as no_data, as the report says it; one that is not
    listed as a run at all counts as "missing"."""
    from tb_plateau import analysis
    from tb_plateau.read import reader

    source = reader.open_logdir(logdir)
    listed = reader.list_runs(source.provider, source.ctx, source.experiment_id, runs=runs)
    counts = {}
    for run in runs:
        verdict = "missing"
        if run in listed:
            try:
                data = reader.read_run(source.provider, source.ctx, source.experiment_id, run)
                verdict = analysis.analyze(data)["verdict"]
            except Exception:  # the summary must not cost the demo; the report says why
                verdict = "no_data"
        counts[verdict] = counts.get(verdict, 0) + 1
    return counts


def summary_line(counts):
    """ "33 runs: 23 stalled, 5 diverged, 3 healthy, 2 converged" from {verdict: count}, as
    `tb-plateau report` ends its text."""
    from tb_plateau.analysis.report import summary_line as line

    return line(counts)
