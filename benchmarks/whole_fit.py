"""What a user feels: whole `fit()` calls with PlateauCallback against the same fits without it.

Everything runs in one process, as in a notebook or a sweep. The model is an MLP with three
hidden layers of 256 (ReLU), Adam, batch 32, on synthetic data. Each `fit()` is timed whole:
the first epoch, its tracing and the callback's set-up and last write included.

- **Whole-fit ratios**, for fits of 1,000 and 10,000 steps, in two variants:
  - *fresh model*: each pair builds two new models (one fitted plain, one with the callback),
    as a sweep does;
  - *same model*: two models are built once, then fitted again and again (one plain, one with
    a new PlateauCallback each time), as a notebook does.

  Each pair is one plain fit and one instrumented fit, back to back, in alternating order
  (plain first in even pairs, callback first in odd ones), so drift in the machine's load
  hits both alike. The figure is the median of the per-pair ratios, with a bootstrap 95%
  interval of that median. An A/A control (plain against plain, same method) measures what
  the machine's noise alone produces.
- **Twenty fits in one process** (same model variant, 1,000 steps each): TensorFlow's
  retracing warnings counted over all of them, the process's resident memory after each fit,
  and the per-fit ratio by fit index (a cost that grows would show as a rising ratio).

    python benchmarks/whole_fit.py [--pairs 8] [--long-pairs 4] [--repeats 20] [--out FILE]
"""

import argparse
import gc
import logging
import os
import pathlib
import shutil
import sys
import tempfile
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
import keras  # noqa: E402
import tensorflow as tf  # noqa: E402

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
import tb_plateau  # noqa: E402
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from publish import publish  # noqa: E402

RESULTS = pathlib.Path(__file__).resolve().parent / "results" / "whole_fit.md"
BATCH = 32
FEATURES = 32
PROBE = 64
RNG = np.random.default_rng(0)
X = RNG.normal(size=(BATCH * 1000, FEATURES)).astype("float32")
Y = (X[:, :4].sum(axis=1) + 0.5 * RNG.normal(size=len(X)) > 0).astype("float32")


def build(seed):
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([keras.Input((FEATURES,))] +
                             [keras.layers.Dense(256, activation="relu") for _ in range(3)] +
                             [keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return model


class TimedPlateauCallback(tb_plateau.PlateauCallback):
    """PlateauCallback with a stopwatch around every hook: the time its own work takes in
    the fit (set-up, diagnostics, drains, epoch writes, the live checks, the last writes)."""

    hook_seconds = 0.0

    def _timed(hook):
        def timed(self, *args, **kwargs):
            started = time.perf_counter()
            try:
                return hook(self, *args, **kwargs)
            finally:
                self.hook_seconds += time.perf_counter() - started
        return timed

    on_train_begin = _timed(tb_plateau.PlateauCallback.on_train_begin)
    on_epoch_begin = _timed(tb_plateau.PlateauCallback.on_epoch_begin)
    on_train_batch_begin = _timed(tb_plateau.PlateauCallback.on_train_batch_begin)
    on_epoch_end = _timed(tb_plateau.PlateauCallback.on_epoch_end)
    on_train_end = _timed(tb_plateau.PlateauCallback.on_train_end)


def timed_fit(model, steps, callback_dir=None):
    """(seconds for one whole fit of `steps` steps (epochs of 1,000 steps), seconds spent in
    the callback's hooks)."""
    callbacks = []
    if callback_dir is not None:
        callbacks = [TimedPlateauCallback(callback_dir, probe_data=(X[:PROBE], Y[:PROBE]))]
    started = time.perf_counter()
    model.fit(X, Y, batch_size=BATCH, epochs=max(1, steps // 1000), verbose=0,
              callbacks=callbacks)
    return time.perf_counter() - started, (callbacks[0].hook_seconds if callbacks else 0.0)


def recording_seconds_per_step(rounds=200, steps=20):
    """Seconds the loss recording adds to a train step: the plain and the recording train
    function of a one-layer model called alternately, `steps` steps at a time; the
    difference of their 10th-percentile step times (as benchmarks/overhead.py measures)."""
    import overhead

    return max(0.0, float(overhead.added_seconds(rounds, steps)[0]))


class RetraceCounter(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        text = record.getMessage()
        if "retracing" in text:
            self.messages.append(text.split(" Tracing is expensive")[0])


def rss_mib():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2 ** 20


def bootstrap_median(ratios, draws=4000):
    ratios = np.asarray(ratios)
    picks = RNG.integers(0, len(ratios), size=(draws, len(ratios)))
    medians = np.median(ratios[picks], axis=1)
    return float(np.median(ratios)), float(np.percentile(medians, 2.5)), \
        float(np.percentile(medians, 97.5))


def pairs(variant, steps, count, control, scratch):
    """Per-pair (plain seconds, other seconds, seconds in the callback's hooks): `other` is
    the callback fit, or a second plain fit for the A/A control."""
    results = []
    same = (build(1), build(2)) if variant == "same" else None
    for index in range(count):
        plain_model, other_model = same if same else (build(10 + index), build(100 + index))
        run_dir = None if control else tempfile.mkdtemp(dir=scratch)
        order = ("plain", "other") if index % 2 == 0 else ("other", "plain")
        seconds, hooks = {}, 0.0
        for which in order:
            if which == "plain":
                seconds[which], _ = timed_fit(plain_model, steps)
            else:
                seconds[which], hooks = timed_fit(other_model, steps, run_dir)
        results.append((seconds["plain"], seconds["other"], hooks))
        print(f"  {variant} {steps} {'A/A' if control else 'cb'} pair {index + 1}/{count}: "
              f"{seconds['plain']:.2f} s vs {seconds['other']:.2f} s", file=sys.stderr,
              flush=True)
        if run_dir:
            shutil.rmtree(run_dir, ignore_errors=True)
    return results


def repeated(count, scratch):
    """Twenty fits of the same model with a new callback each, interleaved with plain fits."""
    counter = RetraceCounter()
    tf.get_logger().addHandler(counter)
    plain_model, model = build(1), build(2)
    rows = []
    try:
        for index in range(count):
            run_dir = tempfile.mkdtemp(dir=scratch)
            plain, _ = timed_fit(plain_model, 1000)
            seconds, hooks = timed_fit(model, 1000, run_dir)
            gc.collect()
            rows.append((index + 1, plain, seconds, rss_mib(), hooks))
            shutil.rmtree(run_dir, ignore_errors=True)
            print(f"  repeat {index + 1}/{count}: {plain:.2f} s vs {seconds:.2f} s, "
                  f"RSS {rows[-1][3]:.0f} MiB", file=sys.stderr, flush=True)
    finally:
        tf.get_logger().removeHandler(counter)
    return rows, counter.messages


def fmt_ratio(values):
    median, low, high = bootstrap_median(values)
    return f"{median:.3f} [{low:.3f}, {high:.3f}]"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=int, default=8, help="pairs of 1,000-step fits")
    parser.add_argument("--long-pairs", type=int, default=4, help="pairs of 10,000-step fits")
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--out", default=str(RESULTS))
    args = parser.parse_args()
    started = time.perf_counter()
    scratch = tempfile.mkdtemp(prefix="tb_plateau_whole_fit_")
    try:
        timed_fit(build(0), 1000)  # the process's one-time TensorFlow start-up, untimed
        recording = recording_seconds_per_step()
        table = []
        for steps, count in ((1000, args.pairs), (10000, args.long_pairs)):
            for variant in ("fresh", "same"):
                control = pairs(variant, steps, count, True, scratch)
                measured = pairs(variant, steps, count, False, scratch)
                table.append((steps, variant, count, measured, control))
        rows, retraces = repeated(args.repeats, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    lines = [
        "# Whole fits",
        "",
        f"`python benchmarks/whole_fit.py --pairs {args.pairs} --long-pairs {args.long_pairs} "
        f"--repeats {args.repeats}`; MLP {FEATURES}-256-256-256-1 (ReLU), Adam, batch {BATCH}, "
        f"PlateauCallback at its defaults with {PROBE} probe examples; TF {tf.__version__}, "
        f"Keras {keras.__version__}, 2 CPU cores shared with other work. Ratio: the fit with "
        "the callback over the plain fit of the same pair, first epoch and tracing included; "
        "median over pairs, [bootstrap 95% interval]. A/A: the same method with a plain fit on "
        "both sides, i.e. what the machine's noise alone gives; where its interval is wider "
        "than the target, the whole-fit ratio cannot resolve it. Accounted: 1 + the time the "
        "callback's own hooks took in that fit (its stopwatch around set-up, diagnostics, drains, "
        "epoch writes, live checks and the last writes) plus the per-step recording in the "
        f"train step ({1e6 * recording:.1f} µs a step, measured in this run as "
        "benchmarks/overhead.py does), over the plain fit's time: the callback's own cost, "
        "which the machine's noise moves far less. Not in it: tracing the recording train step "
        "instead of the plain one (fresh models only; a few more ops).",
        "",
        "| steps | variant | pairs | plain fit (median s) | whole-fit ratio | A/A control ratio "
        "| accounted ratio |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for steps, variant, count, measured, control in table:
        plain = np.median([p for p, _, _ in measured])
        accounted = [1 + (h + steps * recording) / p for p, _, h in measured]
        lines.append(f"| {steps:,} | {'fresh model per pair' if variant == 'fresh' else 'one model refitted'}"
                     f" | {count} | {plain:.2f} | {fmt_ratio([o / p for p, o, _ in measured])} | "
                     f"{fmt_ratio([o / p for p, o, _ in control])} | {fmt_ratio(accounted)} |")
    ratios = [seconds / plain for _, plain, seconds, _, _ in rows]
    accounted = [1 + (hooks + 1000 * recording) / plain for _, plain, _, _, hooks in rows]
    memory = [m for _, _, _, m, _ in rows]
    half = len(ratios) // 2
    lines += [
        "",
        f"## {len(rows)} fits of one model in one process",
        "",
        f"Each a new PlateauCallback, 1,000 steps, interleaved with a plain fit of a second "
        f"model. TensorFlow retracing warnings over all of them: **{len(retraces)}**"
        + (f" ({retraces[0]})" if retraces else "") + ".",
        "",
        "| fits | median whole-fit ratio | median accounted ratio | resident memory after "
        "the last fit (MiB) |",
        "| --- | ---: | ---: | ---: |",
        f"| 1-{half} | {np.median(ratios[:half]):.3f} | {np.median(accounted[:half]):.3f} | "
        f"{memory[half - 1]:.0f} |",
        f"| {half + 1}-{len(rows)} | {np.median(ratios[half:]):.3f} | "
        f"{np.median(accounted[half:]):.3f} | {memory[-1]:.0f} |",
        "",
        f"Resident memory after fit 1: {memory[0]:.0f} MiB; after fit {len(rows)}: "
        f"{memory[-1]:.0f} MiB ({memory[-1] - memory[0]:+.0f} MiB; a least-squares slope of "
        f"{np.polyfit(np.arange(len(memory)), memory, 1)[0]:+.2f} MiB per fit).",
        "",
        f"Benchmark wall time: {time.perf_counter() - started:.0f} s.",
    ]
    return publish("\n".join(lines), args.out)


if __name__ == "__main__":
    sys.exit(main())
