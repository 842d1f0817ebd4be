"""The one-time cost of the reference fits (plateau/reference_fit) against a whole `fit()`.

Once per fit, at its first diagnostic, the callback predicts each of probe_data's examples
(up to probe.REFERENCE_MAX_EXAMPLES) from the others: a vote of nearest neighbours, four
kernel ridge regressions and the linear fits (format version 8), each kernel an
eigendecomposition of an examples x examples matrix. This measures `Probe.reference_fit()`
whole (features, neighbours, kernels, the loss on every candidate) for probe_data of several sizes, against the baseline users feel: one plain
`fit()` of 1,000 steps of benchmarks/whole_fit.py's MLP (3 x 256 ReLU, Adam, batch 32), first
epoch and tracing included, timed in the same run. Rounds interleave the baseline and every
size, so the machine's drift hits all alike; the figure is the median over rounds of the
per-round ratio.

    python benchmarks/reference_cost.py [--rounds 7] [--out FILE]
"""

import argparse
import os
import pathlib
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
import keras  # noqa: E402

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from tb_plateau.record import probe as probe_mod  # noqa: E402
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from publish import publish  # noqa: E402
from whole_fit import BATCH, X, Y, build  # noqa: E402

RESULTS = pathlib.Path(__file__).resolve().parent / "results" / "reference_cost.md"
# (examples, features) of probe_data: the default probe and the cap
# (probe.REFERENCE_MAX_EXAMPLES); tabular, an MNIST-sized image, a CIFAR-sized one.
SIZES = [(64, 32), (256, 32), (64, 784), (256, 784), (256, 3072)]


def reference_probe(examples, features, seed):
    """A Probe of a one-layer sigmoid classifier over probe_data of that size (targets a
    wave of two features, so the fits have something to find)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(examples, features)).astype("float32")
    y = (np.sin(2 * x[:, 0]) + x[:, 1] > 0).astype("float32")[:, None]
    model = keras.Sequential([keras.Input((features,)), keras.layers.Dense(1, "sigmoid")])
    model.compile("adam", "binary_crossentropy")
    return probe_mod.Probe(model, (x, y), 64, lambda *a: None, lambda *a: None)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--out", default=str(RESULTS))
    args = parser.parse_args()
    probes = {size: reference_probe(*size, seed=i) for i, size in enumerate(SIZES)}
    ratios = {size: [] for size in SIZES}
    seconds = {size: [] for size in SIZES}
    plain = []
    for index in range(args.rounds):
        model = build(1000 + index)
        started = time.perf_counter()
        model.fit(X, Y, batch_size=BATCH, epochs=1, verbose=0)
        fit_seconds = time.perf_counter() - started
        plain.append(fit_seconds)
        order = SIZES if index % 2 == 0 else SIZES[::-1]
        for size in order:
            started = time.perf_counter()
            result = probes[size].reference_fit()
            took = time.perf_counter() - started
            assert result is not None and result[3] == size[0], result
            seconds[size].append(took)
            ratios[size].append(took / fit_seconds)
    lines = [
        "`python benchmarks/reference_cost.py --rounds %d`; keras %s (%s backend), numpy %s, "
        "%d CPU cores shared with other work. Baseline: one plain `fit()` of 1,000 steps "
        "(whole_fit.py's MLP, first epoch and tracing included), median %.2f s over the "
        "rounds. Ratio: `Probe.reference_fit()` once (all it does: features, neighbours, five "
        "kernel eigendecompositions (four smooth, one linear), the loss on every candidate) over that round's plain "
        "fit; median over rounds, [min, max]. Paid once per `fit()`, at its first "
        "diagnostic." % (args.rounds, keras.__version__, keras.backend.backend(),
                         np.__version__, os.cpu_count() or 0, float(np.median(plain))),
        "",
        "| probe_data examples | features | reference fit, median | ratio to a 1,000-step fit |",
        "| --- | --- | --- | --- |",
    ]
    for size in SIZES:
        r = np.asarray(ratios[size])
        lines.append("| %d | %d | %.3f s | %.3f [%.3f, %.3f] |" % (
            size[0], size[1], float(np.median(seconds[size])), float(np.median(r)),
            float(r.min()), float(r.max())))
    return publish("\n".join(lines), args.out)


if __name__ == "__main__":
    sys.exit(main())
