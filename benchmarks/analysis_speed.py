"""How long the analysis of one run takes, relative to np.sort of its loss, measured together.

    python benchmarks/analysis_speed.py            # prints a markdown table
    python benchmarks/analysis_speed.py --write    # and writes benchmarks/results/analysis_speed.md

Absolute times depend on the machine and its load; only the ratio to a baseline measured in
the same process, on the same array, is comparable across runs. The runs are synthetic
`RunData` (what the reader returns) with a per-step loss and learning rate and a probe
diagnostic (gradients, weights, updates, activations of 50 layers) every 100 steps.
"""

import argparse
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from tb_plateau.analysis import analyze, stalled_intervals  # noqa: E402
from tb_plateau.read.reader import RunData, Series  # noqa: E402

LAYERS = 50
DIAGNOSTIC_EVERY = 100
REPEATS = 5


def make_run(n, seed=0):
    rng = np.random.default_rng(seed)
    steps = np.arange(1, n + 1, dtype=np.int64)
    # Descent, then a stall at 1.8 (far above a good fit of 10 classes) from 20% of the run
    # on, with batch noise: every detector runs on the interval.
    loss = np.maximum(2.3 - 0.5 * steps / (0.2 * n), 1.8) + 0.1 * rng.standard_normal(n)
    d_steps = steps[::DIAGNOSTIC_EVERY]
    m = len(d_steps)
    names = ["dense_%d" % i for i in range(LAYERS)]
    signals = {
        "loss": Series(steps, loss),
        "learning_rate": Series(steps, np.full(n, 1e-3)),
        "grad_norm": Series(d_steps, rng.uniform(0.01, 0.1, (m, LAYERS)), names=names),
        "weight_norm": Series(d_steps, rng.uniform(1, 5, (m, LAYERS)), names=names),
        "update_ratio": Series(d_steps, rng.uniform(5e-4, 2e-3, (m, LAYERS)), names=names),
        "activation": Series(d_steps, rng.uniform(0, 1, (m, LAYERS, 4)), names=names,
                             columns=["zero_fraction", "saturated_fraction", "mean", "std"],
                             extra={"activations": ["relu"] * LAYERS}),
    }
    config = {"loss": {"name": "sparse_categorical_crossentropy"},
              "output_activation": "softmax", "output_units": 10,
              "optimizer": {"class": "Adam", "config": {"learning_rate": 1e-3}}}
    return RunData(run="bench", loss=signals["loss"], loss_tag="plateau/loss",
                   loss_source="plateau", signals=signals, config=config, notes=[])


def best_of(fn, repeats=REPEATS):
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def measure(sizes):
    rows = []
    for n in sizes:
        run = make_run(n)
        loss = run.loss.values
        t_sort = best_of(lambda: np.sort(loss))
        t_intervals = best_of(lambda: stalled_intervals(run.loss.steps, loss))
        t_analyze = best_of(lambda: analyze(run))
        report = analyze(run)
        rows.append((n, t_sort, t_intervals, t_analyze, report["verdict"],
                     len(report["intervals"])))
    return rows


def table(rows):
    lines = [
        "| logged steps | np.sort(loss) | stalled_intervals | analyze (whole report) "
        "| analyze, absolute (this run only) | verdict |",
        "| ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for n, t_sort, t_int, t_an, verdict, count in rows:
        lines.append("| {:,} | 1.0x | {:.1f}x | {:.1f}x | {:.0f} ms | {} ({} interval{}) |".format(
            n, t_int / t_sort, t_an / t_sort, t_an * 1e3, verdict, count,
            "" if count == 1 else "s"))
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true",
                        help="also write benchmarks/results/analysis_speed.md")
    args = parser.parse_args(argv)
    rows = measure([10_000, 100_000, 1_000_000])
    text = table(rows)
    print(text)
    if args.write:
        out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results",
                           "analysis_speed.md")
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with open(out, "w") as f:
            f.write("# Analysis speed\n\n")
            f.write("`python benchmarks/analysis_speed.py --write`. Times are relative to "
                    "`np.sort` of the same loss array, measured in the same process (best of "
                    "%d). One run: per-step loss and learning rate, a %d-layer diagnostic every "
                    "%d steps. The absolute column is for orientation only; do not compare it "
                    "across machines or runs.\n\n" % (REPEATS, LAYERS, DIAGNOSTIC_EVERY))
            f.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
