"""Overhead of PlateauCallback at its defaults versus no callback and Keras's histograms.

Fits the same MLP and CNN (CPU-sized) with no callback, with `PlateauCallback` at its
defaults (with probe_data), and with `keras.callbacks.TensorBoard(histogram_freq=1)`,
interleaved in one process over several rounds (the order rotates each round, so drift in
machine load hits every mode alike). Prints a markdown table and writes it to
benchmarks/results/overhead.md:

- steady wall time and process CPU time of the epochs after the first (the first holds the
  tracing of the train function, and of the probe for PlateauCallback; it is reported
  separately as the one-time cost of the first epoch);
- the median over rounds of the per-round ratio to the uninstrumented fit of the same round,
  with the spread of the uninstrumented rounds themselves, so a reader can tell a real
  difference from the machine's noise;
- event-file bytes per step and the number of probe diagnostics written.

Wall-time ratios between whole fits carry the machine's noise (on a shared host the same
uninstrumented fit varies by tens of percent between rounds), which is more than the 3% to be
resolved. So the callback's steady cost is also accounted for part by part, each measured in
a way that noise cannot swamp:

- the work done in its hooks (diagnostics, draining the step buffer, weight snapshots, epoch
  writes), timed by the callback itself around that work during the same fits, as a share of
  the steady training time;
- the recording of each step's loss inside the compiled train step, which no hook sees. It
  reads a few scalars and writes one row whatever the model, so its cost is a fixed time per
  step: measured on a one-layer model, where it is a large share of the step (the plain and
  the recording train function called alternately, 20 steps at a time, hundreds of rounds;
  the difference of their fastest rounds), then divided by each benchmark model's own step
  time. Measured directly on the benchmark models, where it is under 1% of a step, the
  machine's noise moved the estimate by about ±2% between runs.

    python benchmarks/overhead.py [--rounds 9] [--epochs 4] [--pairs 400] [--pair-steps 20]
"""

import argparse
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
from tb_plateau.record import step_recorder, step_rows  # noqa: E402

RESULTS = pathlib.Path(__file__).resolve().parent / "results" / "overhead.md"
BATCH_SIZE = 64
PROBE_EXAMPLES = 256
BEST_EPOCHS = 5  # given to the callback; it uses its default probe_size of them
MODES = ("none", "plateau", "keras_histograms")
LABELS = {"none": "none", "plateau": "PlateauCallback (defaults)",
          "keras_histograms": "TensorBoard(histogram_freq=1)"}


def mlp():
    return keras.Sequential([
        keras.Input((784,)),
        keras.layers.Dense(256, activation="relu"),
        keras.layers.Dense(256, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ], name="mlp")


def cnn():
    return keras.Sequential([
        keras.Input((28, 28, 1)),
        keras.layers.Conv2D(16, 3, activation="relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.Flatten(),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ], name="cnn")


MODELS = {"MLP 784-256-256-10": (mlp, (784,), 12_800),
          "CNN 2 conv + dense": (cnn, (28, 28, 1), 6_400)}


class EpochClock(keras.callbacks.Callback):
    """Wall and process CPU time of the first epoch and of each epoch after it, and the
    seconds PlateauCallback (`plateau`, when given) spent in its hooks during the epochs
    after the first. Put it after PlateauCallback so that an epoch's mark includes that
    callback's epoch-end work."""

    def __init__(self, plateau=None):
        super().__init__()
        self.plateau = plateau

    def _hook_seconds(self):
        return getattr(getattr(self.plateau, "_clock", None), "hook_seconds", 0.0)

    def on_train_begin(self, logs=None):
        self.marks = [(time.perf_counter(), time.process_time(), 0.0)]

    def on_epoch_end(self, epoch, logs=None):
        self.marks.append((time.perf_counter(), time.process_time(), self._hook_seconds()))

    def on_train_end(self, logs=None):
        wall = np.diff([w for w, _, _ in self.marks])
        cpu = np.diff([c for _, c, _ in self.marks])
        hook = np.diff([h for _, _, h in self.marks])
        self.first_wall = wall[0]
        self.epoch_walls = wall[1:]
        self.steady_wall, self.steady_cpu = wall[1:].sum(), cpu[1:].sum()
        # Share of the steady epochs' time spent in the callback's hooks.
        self.hook_share = hook[1:].sum() / max(self.steady_wall - hook[1:].sum(), 1e-9)


def count_diagnostics(log_dir):
    from tensorboard.backend.event_processing import event_file_loader
    count = 0
    for path in pathlib.Path(log_dir).glob("*tfevents*"):
        for event in event_file_loader.EventFileLoader(str(path)).Load():
            count += sum(v.tag == "plateau/weight_norm" for v in event.summary.value)
    return count


def fit_once(build, x, y, mode, epochs, log_dir):
    keras.utils.set_random_seed(0)
    model = build()
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    callbacks = []
    if mode == "plateau":
        callbacks.append(tb_plateau.PlateauCallback(
            log_dir, probe_data=(x[:PROBE_EXAMPLES], y[:PROBE_EXAMPLES])))
    elif mode == "keras_histograms":
        callbacks.append(keras.callbacks.TensorBoard(log_dir, histogram_freq=1))
    clock = EpochClock(callbacks[0] if mode == "plateau" else None)
    callbacks.append(clock)
    model.fit(x, y, batch_size=BATCH_SIZE, epochs=epochs, verbose=0, callbacks=callbacks)
    steps = epochs * int(np.ceil(len(x) / BATCH_SIZE))
    size = sum(p.stat().st_size for p in pathlib.Path(log_dir).rglob("*tfevents*")) \
        if os.path.isdir(log_dir) else 0
    diagnostics = count_diagnostics(log_dir) if mode == "plateau" else None
    return clock, size / steps, diagnostics


def recording_cost(build, x, y, pairs, steps):
    """Seconds per step of the plain and of the recording train function, one value per
    round of `steps` steps each, `pairs` rounds (order alternating), on one compiled model."""
    keras.utils.set_random_seed(0)
    model = build()
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    data = tf.data.Dataset.from_tensor_slices((x, y)).batch(BATCH_SIZE, drop_remainder=True)
    iterator = iter(data.repeat())
    model.fit(x[:BATCH_SIZE * 4], y[:BATCH_SIZE * 4], batch_size=BATCH_SIZE, verbose=0)
    model.make_train_function(force=True)
    plain = model.train_function
    callback = tb_plateau.PlateauCallback(None, writer=tf.summary.create_noop_writer())
    callback.set_model(model)
    recorder = step_recorder.StepRecorder(model, step_rows.STEP_BUFFER_STEPS, owner=callback)
    recorder.install()
    recording = model.train_function
    for function in (plain, recording):  # trace and warm up both
        for _ in range(steps):
            function(iterator)
    plain_seconds, recording_seconds = [], []
    for round_index in range(pairs):
        seconds = {}
        order = (plain, recording) if round_index % 2 == 0 else (recording, plain)
        for function in order:
            start = time.perf_counter()
            for _ in range(steps):
                logs = function(iterator)
            float(logs["loss"])  # the last step has finished
            seconds[function is recording] = time.perf_counter() - start
        recorder.drain()  # as the callback does, outside the timed steps
        plain_seconds.append(seconds[False] / steps)
        recording_seconds.append(seconds[True] / steps)
    recorder.uninstall()
    return np.asarray(plain_seconds), np.asarray(recording_seconds)


def hook_call_seconds(calls=20_000, repeats=5):
    """What Keras's dispatch of PlateauCallback's on_train_batch_begin costs per step when
    no diagnostic or drain is due (best of `repeats`), minus the same dispatch with no
    callback: the per-step Python the hooks' own timers do not see."""
    model = one_layer()
    model.compile("sgd", "sparse_categorical_crossentropy")
    callback = tb_plateau.PlateauCallback(None, writer=tf.summary.create_noop_writer(),
                                          diagnostics_every=10 ** 9)
    callback.set_model(model)
    callback.set_params({"steps": 10 ** 9, "epochs": 1, "verbose": 0})
    callback.on_train_begin()
    callback.on_epoch_begin(0)
    callback.on_train_batch_begin(0)  # the first step's diagnostic
    callback._recorder.capacity = 10 ** 12  # no drain falls due inside the timed loop

    def per_call(callbacks):
        best = float("inf")
        for _ in range(repeats):
            start = time.perf_counter()
            for i in range(calls):
                callbacks.on_train_batch_begin(i)
            best = min(best, (time.perf_counter() - start) / calls)
        return best

    with_hook = per_call(keras.callbacks.CallbackList([callback], model=model))
    without = per_call(keras.callbacks.CallbackList([], model=model))
    callback._recorder.capacity = step_rows.STEP_BUFFER_STEPS
    callback.on_train_end()
    return with_hook - without


def median_interval(values, draws=2000, seed=0):
    """Median and its bootstrap 95% interval."""
    rng = np.random.default_rng(seed)
    medians = np.median(rng.choice(values, size=(draws, len(values))), axis=1)
    return float(np.median(values)), tuple(np.percentile(medians, [2.5, 97.5]))


# Other work on the machine only ever adds time, so the fastest rounds of each function are
# the least disturbed: the difference of this percentile of each is the recording's cost.
FAST_QUANTILE = 10


def one_layer():
    """A model whose step is short, so that the recording's fixed cost is a large share."""
    return keras.Sequential([keras.Input((8,)), keras.layers.Dense(10, activation="softmax")],
                            name="one_layer")


def added_seconds(pairs, steps, draws=2000, seed=0):
    """Seconds the recording adds to a step (difference of the FAST_QUANTILE-th percentile
    step times), its bootstrap 95% interval (rounds resampled in pairs), and the plain step."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(BATCH_SIZE * 100, 8)).astype("float32")
    y = rng.integers(0, 10, size=BATCH_SIZE * 100)
    plain, recording = recording_cost(one_layer, x, y, pairs, steps)

    def added(index):
        return (np.percentile(recording[index], FAST_QUANTILE)
                - np.percentile(plain[index], FAST_QUANTILE))

    resampled = [added(rng.integers(0, len(plain), len(plain))) for _ in range(draws)]
    return (float(added(np.arange(len(plain)))), tuple(np.percentile(resampled, [2.5, 97.5])),
            float(np.percentile(plain, FAST_QUANTILE)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--pairs", type=int, default=400,
                        help="rounds of the paired recording-cost measurement")
    parser.add_argument("--pair-steps", type=int, default=20,
                        help="steps per function per round of that measurement")
    parser.add_argument("--scale", type=int, default=1,
                        help="multiply each model's examples (and so its steps per epoch): "
                             "--scale 12 gives long fits of ~10,000 (MLP) and ~5,000 (CNN) "
                             "steps, the steady cost a long training pays")
    parser.add_argument("--modes", default=",".join(MODES),
                        help="comma-separated subset of %s" % ", ".join(MODES))
    parser.add_argument("--out", default=None,
                        help="markdown file (default: results/overhead.md, or "
                             "results/overhead_long.md with --scale above 1)")
    args = parser.parse_args()
    modes = tuple(m for m in MODES if m in args.modes.split(","))
    if "none" not in modes:
        parser.error("--modes must include none (the baseline)")
    accounting = []
    rows = []
    scratch = tempfile.mkdtemp(prefix="tbp-overhead-")
    started = time.perf_counter()
    try:
        for name, (build, shape, examples) in MODELS.items():
            rng = np.random.default_rng(0)
            examples *= args.scale
            x = rng.normal(size=(examples,) + shape).astype("float32")
            y = rng.integers(0, 10, size=examples)
            fit_once(build, x, y, "none", 1, os.path.join(scratch, "warm-up"))  # TF start-up
            runs = {m: [] for m in modes}
            for round_index in range(args.rounds):
                shift = round_index % len(modes)
                for mode in modes[shift:] + modes[:shift]:
                    log_dir = os.path.join(scratch, f"{name[:3]}-{mode}-{round_index}")
                    clock, size, diagnostics = fit_once(build, x, y, mode, args.epochs, log_dir)
                    runs[mode].append((clock, size, diagnostics))
                    print(f"  {name} round {round_index} {mode}: {clock.steady_wall:.2f}s wall "
                          f"{clock.steady_cpu:.2f}s cpu", file=sys.stderr)
            base = runs["none"]
            steps = args.epochs * int(np.ceil(examples / BATCH_SIZE))
            for mode in modes:
                measured = runs[mode]
                wall = [c.steady_wall for c, _, _ in measured]
                wall_ratio = [c.steady_wall / b.steady_wall for (c, _, _), (b, _, _)
                              in zip(measured, base)]
                cpu_ratio = [c.steady_cpu / b.steady_cpu for (c, _, _), (b, _, _)
                             in zip(measured, base)]
                first_extra = [c.first_wall - b.first_wall for (c, _, _), (b, _, _)
                               in zip(measured, base)]
                # Other work on the machine only ever adds time: the fastest epochs of each
                # mode are the least disturbed, so their ratio is the least noisy estimate.
                best = np.mean(sorted(np.concatenate([c.epoch_walls for c, _, _ in measured]))
                               [:BEST_EPOCHS])
                best_base = np.mean(sorted(np.concatenate([c.epoch_walls for c, _, _ in base]))
                                    [:BEST_EPOCHS])
                diagnostics = measured[0][2]
                rows.append((name, steps, mode, np.median(wall), np.median(wall_ratio),
                             best / best_base, np.median(cpu_ratio), np.median(first_extra),
                             np.median([s for _, s, _ in measured]), diagnostics))
            hook = [c.hook_share for c, _, _ in runs["plateau"]]
            # The uninstrumented steady step time (median over rounds).
            step_seconds = np.median([c.steady_wall for c, _, _ in base]) / (
                steps * (args.epochs - 1) / args.epochs)
            accounting.append((name, steps, median_interval(np.asarray(hook)), step_seconds))
            spread = [c.steady_wall for c, _, _ in base]
            cpu_spread = [c.steady_cpu for c, _, _ in base]
            rows.append((name, "noise", (min(spread), max(spread)),
                         (min(cpu_spread), max(cpu_spread))))
        recording = added_seconds(args.pairs, args.pair_steps)
        hook_call = hook_call_seconds()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    total = time.perf_counter() - started
    text = render(rows, accounting, recording, hook_call, args, total)
    print(text)
    out = pathlib.Path(args.out) if args.out else \
        RESULTS.with_name("overhead_long.md") if args.scale > 1 else RESULTS
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)


def render(rows, accounting, recording, hook_call, args, total):
    lines = [
        "# PlateauCallback overhead" + (" on long fits" if args.scale > 1 else ""),
        "",
        f"`python benchmarks/overhead.py --rounds {args.rounds} --epochs "
        f"{args.epochs} --pairs {args.pairs} --pair-steps {args.pair_steps}"
        + (f" --scale {args.scale}" if args.scale > 1 else "")
        + (f" --modes {args.modes}" if args.modes != ",".join(MODES) else "")
        + f"`; batch {BATCH_SIZE}, Adam, synthetic data, TF {tf.__version__}, "
        f"Keras {keras.__version__}, {os.cpu_count()} CPU cores shared with other work. "
        "Steady time: the epochs after the first, median over rounds. Ratios: median over "
        "rounds of the ratio to the uninstrumented fit of the same round (the modes are "
        "interleaved, order rotated each round), in wall time and in process CPU time (all "
        "threads; it also counts TensorFlow's spinning worker threads and Keras's batch-end "
        f"thread). Fastest epochs: mean of the {BEST_EPOCHS} fastest steady epochs of each mode, "
        "over the same for no callback (other work only ever adds time, so this is the least "
        "disturbed estimate). First-epoch extra: one-time "
        "cost (tracing, probe set-up) over the uninstrumented first epoch. Event bytes per "
        "training step over the whole fit; diagnostics: probe diagnostics written.",
        "",
        "| model (steps) | callback | steady wall (s) | wall ratio (median) | "
        "wall ratio (fastest epochs) | CPU ratio | first-epoch extra (s) | "
        "event bytes / step | diagnostics |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    notes = []
    for row in rows:
        if row[1] == "noise":
            name, _, (low, high), (cpu_low, cpu_high) = row
            notes.append(f"- {name}: uninstrumented steady wall time ranged {low:.2f}-"
                         f"{high:.2f} s ({(high - low) / low:.0%} spread), CPU time "
                         f"{cpu_low:.2f}-{cpu_high:.2f} s ({(cpu_high - cpu_low) / cpu_low:.0%})"
                         f" over the {args.rounds} rounds.")
            continue
        (name, steps, mode, wall, wall_ratio, best_ratio, cpu_ratio, first_extra, size,
         diagnostics) = row
        lines.append(f"| {name} ({steps}) | {LABELS[mode]} | {wall:.2f} | {wall_ratio:.3f} | "
                     f"{best_ratio:.3f} | {cpu_ratio:.3f} | {first_extra:+.2f} | {size:,.0f} | "
                     f"{'' if diagnostics is None else diagnostics} |")
    lines += ["", "Noise (judge the ratios against it):", ""] + notes
    pct = lambda v: f"{100 * v:.2f}%"  # noqa: E731
    lines += [
        "", "## PlateauCallback's steady cost, accounted part by part", "",
        "Hooks: the callback's own timers around its work (diagnostics, weight snapshots, "
        "draining the step buffer, epoch-end writes) in the steady epochs of the fits above, "
        "as a share of the rest of those epochs; median over rounds. Recording: the time the "
        "loss recording adds to each train step, measured on a one-layer model (plain step "
        f"{recording[2] * 1e6:.0f} µs) with the plain and the recording train function called "
        f"alternately, {args.pair_steps} steps each, {args.pairs} rounds: **{recording[0] * 1e6:.1f} "
        f"µs** [{recording[1][0] * 1e6:.1f}, {recording[1][1] * 1e6:.1f}] per step (difference of the "
        f"{FAST_QUANTILE}th-percentile step times), as a share of each model's uninstrumented "
        "steady step. Brackets: bootstrap 95% intervals.",
        "",
        "| model (steps) | uninstrumented step | hooks (diagnostics, drains, snapshots) | loss "
        "recording in the train step | accounted total |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    added, (added_low, added_high), _ = recording
    for name, steps, (hook, hook_ci), step_seconds in accounting:
        rec, rec_low, rec_high = (v / step_seconds for v in (added, added_low, added_high))
        lines.append(f"| {name} ({steps}) | {step_seconds * 1e3:.2f} ms "
                     f"| {pct(hook)} [{pct(hook_ci[0])}, {pct(hook_ci[1])}] "
                     f"| {pct(rec)} [{pct(rec_low)}, {pct(rec_high)}] | **{pct(hook + rec)}** "
                     f"[{pct(hook_ci[0] + rec_low)}, {pct(hook_ci[1] + rec_high)}] |")
    lines += ["", "Not in the accounting: Keras calling one more batch-begin hook per step, "
              f"measured apart at {hook_call * 1e6:.2f} µs per step (best of 5 × 20,000 calls "
              "with nothing due, against the same dispatch without the callback), and the "
              "one-time cost of the first epoch (tracing; the first-epoch column above).",
              "", f"Benchmark wall time: {total:.0f} s."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
