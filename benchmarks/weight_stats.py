"""Cost of the per-layer weight statistics a diagnostic writes, on the host (numpy) path.

Each diagnostic of PlateauCallback (every backend) and of PlateauLogger fed numpy arrays
computes, per layer, the L2 norm of its trainable values (`plateau/weight_norm`) and their
mean (`plateau/weight_mean`). This times both on the weights of the overhead benchmark's
models (benchmarks/overhead.py) and prints the mean's cost as a ratio to the norm's,
measured in the same process, the two interleaved round by round (best of the rounds:
other work on a shared machine only ever adds time). Prints a markdown table and writes it
to benchmarks/results/weight_stats.md.

    python benchmarks/weight_stats.py [--rounds 7] [--calls 200]
"""

import argparse
import pathlib
import sys
import time

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tb_plateau.record import np_signals  # noqa: E402

RESULTS = pathlib.Path(__file__).resolve().parent / "results" / "weight_stats.md"

# (name, [variable shapes]) of the overhead benchmark's models: kernel and bias per layer.
MODELS = (
    ("MLP 784-256-256-10", [(784, 256), (256,), (256, 256), (256,), (256, 10), (10,)]),
    ("CNN 2 conv + dense", [(3, 3, 1, 16), (16,), (3, 3, 16, 32), (32,), (800, 64), (64,),
                            (64, 10), (10,)]),
)


def timed(fn, calls, store):
    """Run `fn` `calls` times and append the time per call to `store`."""
    started = time.perf_counter()
    for _ in range(calls):
        fn()
    store.append((time.perf_counter() - started) / calls)


def measure(shapes, rounds, calls):
    rng = np.random.default_rng(0)
    values = [rng.normal(size=s).astype("float32") for s in shapes]
    groups = [[i, i + 1] for i in range(0, len(values), 2)]
    norms, means = [], []
    for r in range(rounds):
        # Alternate which goes first, so drift in the machine's load hits both alike.
        order = [(np_signals.group_norms, norms), (np_signals.group_means, means)]
        for fn, store in (order if r % 2 == 0 else order[::-1]):
            timed(lambda: fn(values, groups), calls, store)
    weights = sum(int(np.prod(s)) for s in shapes)
    return weights, min(norms), min(means)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--out", default=str(RESULTS), help="markdown file ('' for none)")
    args = parser.parse_args(argv)
    lines = ["`python benchmarks/weight_stats.py --rounds %d --calls %d`: per diagnostic, on the "
             "host; best of %d rounds of %d calls each, the two statistics interleaved in one "
             "process." % (args.rounds, args.calls, args.rounds, args.calls), "",
             "| model | trainable values | norms (weight_norm) | means (weight_mean) | "
             "means / norms |", "| --- | ---: | ---: | ---: | ---: |"]
    for name, shapes in MODELS:
        weights, norms, means = measure(shapes, args.rounds, args.calls)
        lines.append("| %s | %s | %.3f ms | %.3f ms | %.2f |"
                     % (name, format(weights, ","), norms * 1e3, means * 1e3, means / norms))
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        pathlib.Path(args.out).write_text(text)
        print("written to %s" % args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
