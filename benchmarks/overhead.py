"""Overhead of PlateauCallback at its defaults versus no callback and Keras's histograms.

Fits the same MLP and CNN (CPU-sized) with no callback, with `PlateauCallback` at its
defaults (with probe_data), and with `keras.callbacks.TensorBoard(histogram_freq=1)`,
interleaved in one process over several rounds; prints a markdown table of median time
ratios to the uninstrumented fit and event-file bytes per step, and writes it to
benchmarks/results/overhead.md.

    python benchmarks/overhead.py [--rounds 3] [--epochs 4]
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

RESULTS = pathlib.Path(__file__).resolve().parent / "results" / "overhead.md"
BATCH_SIZE = 64


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


class SteadyTimer(keras.callbacks.Callback):
    """Wall time of the epochs after the first (tracing and warm-up excluded)."""

    def on_epoch_begin(self, epoch, logs=None):
        if epoch == 1:
            self.start = time.perf_counter()

    def on_train_end(self, logs=None):
        self.seconds = time.perf_counter() - self.start


def fit_once(build, shape, examples, mode, epochs, log_dir):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(examples,) + shape).astype("float32")
    y = rng.integers(0, 10, size=examples)
    keras.utils.set_random_seed(0)
    model = build()
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    timer = SteadyTimer()
    callbacks = [timer]
    if mode == "plateau":
        callbacks.append(tb_plateau.PlateauCallback(log_dir, probe_data=(x[:256], y[:256])))
    elif mode == "keras_histograms":
        callbacks.append(keras.callbacks.TensorBoard(log_dir, histogram_freq=1))
    model.fit(x, y, batch_size=BATCH_SIZE, epochs=epochs, verbose=0, callbacks=callbacks)
    steps = epochs * int(np.ceil(examples / BATCH_SIZE))
    size = sum(p.stat().st_size for p in pathlib.Path(log_dir).rglob("*tfevents*")) \
        if os.path.isdir(log_dir) else 0
    return timer.seconds, size / steps


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=4)
    args = parser.parse_args()
    modes = ["none", "plateau", "keras_histograms"]
    rows = []
    scratch = tempfile.mkdtemp(prefix="tbp-overhead-")
    started = time.perf_counter()
    try:
        for name, (build, shape, examples) in MODELS.items():
            times = {m: [] for m in modes}
            sizes = {m: [] for m in modes}
            for round_index in range(args.rounds):
                # Rotate the order each round so drift in machine load hits every mode alike.
                order = modes[round_index % 3:] + modes[:round_index % 3]
                for mode in order:
                    log_dir = os.path.join(scratch, f"{name[:3]}-{mode}-{round_index}")
                    seconds, size = fit_once(build, shape, examples, mode, args.epochs, log_dir)
                    times[mode].append(seconds)
                    sizes[mode].append(size)
                    print(f"  {name} round {round_index} {mode}: {seconds:.2f}s", file=sys.stderr)
            base = np.median(times["none"])
            steps_per_epoch = int(np.ceil(examples / BATCH_SIZE))
            for mode in modes:
                # Ratio of medians of the paired rounds' ratios: robust to a slow round.
                ratios = [t / b for t, b in zip(times[mode], times["none"])]
                rows.append((name, mode, np.median(times[mode]), np.median(ratios),
                             np.median(sizes[mode]), steps_per_epoch))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    total = time.perf_counter() - started
    lines = [
        "# PlateauCallback overhead",
        "",
        f"`python benchmarks/overhead.py --rounds {args.rounds} --epochs {args.epochs}`; "
        f"batch {BATCH_SIZE}, Adam, synthetic data, TF {tf.__version__}, Keras "
        f"{keras.__version__}, {os.cpu_count()} CPU cores shared with other work. Time is the "
        "median over rounds of the epochs after the first (tracing excluded); ratio is the "
        "median of per-round ratios to the uninstrumented fit of the same round. Event bytes "
        "are per training step over the whole fit.",
        "",
        "| model | callback | steady time (s) | time ratio | event bytes / step |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for name, mode, seconds, ratio, size, _ in rows:
        label = {"none": "none", "plateau": "PlateauCallback (defaults)",
                 "keras_histograms": "TensorBoard(histogram_freq=1)"}[mode]
        lines.append(f"| {name} | {label} | {seconds:.2f} | {ratio:.3f} | {size:,.0f} |")
    lines += ["", f"Benchmark wall time: {total:.0f} s."]
    table = "\n".join(lines) + "\n"
    print(table)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(table)


if __name__ == "__main__":
    main()
