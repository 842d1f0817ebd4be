"""Verdict stability: does the verdict or the top cause flip between near-identical runs?

Every labelled run of the given catalogue logdirs is read once, then analysed again after a
perturbation that a near-identical training would produce:

- noise:   the loss gets multiplicative Gaussian noise of 2% (another seed's batch noise),
           drawn with SEEDS different seeds;
- shorter: the last 10% of every signal's steps are dropped (the run stopped a little earlier);
- longer:  the loss is extended by 10% of its length: the straight-line trend of its last
           10% carried on, plus that stretch's own residuals resampled (the same run trained
           a little longer in the regime it ended in, still improving if it was).

A flip is a perturbed report whose verdict differs from the unperturbed one's, or whose first
problem interval's top cause differs; a problem flip crosses between a problem verdict
(stalled, diverged) and none (healthy, converged), the one a user acts on. Prints a table
per perturbation and per catalogue.

    python benchmarks/stability.py main=/tmp/cat/main holdout=/tmp/cat/h1 holdout2=/tmp/cat/h2
"""

import argparse
import collections
import dataclasses
import pathlib
import sys

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "stability.md"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from publish import publish  # noqa: E402

SEEDS = 3
PROBLEMS = ("stalled", "diverged")
NOISE = 0.02
LENGTH = 0.10


def _read_runs(logdir):
    """{run: RunData} for the labelled runs of one catalogue logdir, and their labels."""
    from demo import runner
    from tb_plateau.read import reader

    labels = runner.read_labels(logdir)
    source = reader.open_logdir(logdir)
    runs = {}
    for run in sorted(labels):
        try:
            runs[run] = reader.read_run(source.provider, source.ctx, source.experiment_id, run)
        except reader.UnknownRunError:
            continue
    return runs, labels


def _with_loss(data, steps, values):
    loss = dataclasses.replace(data.loss, steps=np.asarray(steps), values=np.asarray(values))
    signals = dict(data.signals)
    for name, series in data.signals.items():
        if series is data.loss:
            signals[name] = loss
    return dataclasses.replace(data, loss=loss, signals=signals, notes=list(data.notes))


def noisy(data, seed):
    r = np.random.default_rng(seed)
    values = np.asarray(data.loss.values, dtype=np.float64)
    return _with_loss(data, data.loss.steps, values * (1.0 + NOISE * r.standard_normal(values.shape)))


def _up_to(series, cut):
    keep = np.asarray(series.steps) <= cut
    return dataclasses.replace(series, steps=np.asarray(series.steps)[keep],
                               values=np.asarray(series.values)[keep])


def shorter(data):
    steps = np.asarray(data.loss.steps)
    cut = steps[0] + (1.0 - LENGTH) * (steps[-1] - steps[0])
    loss = _up_to(data.loss, cut)
    signals = {name: loss if series is data.loss else _up_to(series, cut)
               for name, series in data.signals.items()
               if series is data.loss or (np.asarray(series.steps) <= cut).any()}
    return dataclasses.replace(data, loss=loss, signals=signals, notes=list(data.notes))


def longer(data, seed=0):
    r = np.random.default_rng(seed)
    steps = np.asarray(data.loss.steps)
    values = np.asarray(data.loss.values, dtype=np.float64)
    n = len(steps)
    extra = max(1, int(LENGTH * n))
    k = max(3, int(LENGTH * n))
    tail_steps = steps[-k:].astype(np.float64)
    tail = values[-k:]
    gap = np.median(np.diff(steps)) if n > 1 else 1
    new_steps = steps[-1] + gap * np.arange(1, extra + 1)
    finite = np.isfinite(tail)
    if finite.sum() >= 3:
        slope, intercept = np.polyfit(tail_steps[finite], tail[finite], 1)
        residuals = tail[finite] - (slope * tail_steps[finite] + intercept)
        new_values = slope * new_steps + intercept + r.choice(residuals, size=extra)
    else:
        new_values = r.choice(tail, size=extra, replace=True)
    return _with_loss(data, np.concatenate([steps, new_steps.astype(steps.dtype)]),
                      np.concatenate([values, new_values]))


def _key(report):
    intervals = report.get("intervals") or []
    top = None
    if intervals and intervals[0].get("causes"):
        top = intervals[0]["causes"][0]["id"]
    return report.get("verdict"), top


def measure(catalogues):
    from tb_plateau.analysis import analyze

    perturbations = {"noise 2%": [lambda d, s=s: noisy(d, s) for s in range(SEEDS)],
                     "10% shorter": [shorter],
                     "10% longer": [lambda d, s=s: longer(d, s) for s in range(SEEDS)]}
    rows = []
    for catalogue, logdir in catalogues.items():
        runs, labels = _read_runs(logdir)
        for run, data in runs.items():
            base = _key(analyze(data))
            for name, variants in perturbations.items():
                for make in variants:
                    if data.loss is None or len(data.loss) < 4:
                        continue
                    got = _key(analyze(make(data)))
                    rows.append({"catalogue": catalogue, "run": run, "perturbation": name,
                                 "healthy": bool(labels[run].get("healthy")),
                                 "base": base, "got": got,
                                 "verdict_flip": got[0] != base[0],
                                 "problem_flip": (got[0] in PROBLEMS) != (base[0] in PROBLEMS),
                                 "cause_flip": got[0] == base[0] and got[1] != base[1]})
    return rows


def _rate(xs, key):
    n = len(xs)
    k = sum(x[key] for x in xs)
    return f"{100.0 * k / n:.1f}% ({k}/{n})" if n else "n/a"


def render(rows):
    out = ["# Verdict stability under near-identical runs\n",
           f"Measured by `benchmarks/stability.py`: each labelled run analysed as logged and after "
           f"{SEEDS} draws of {NOISE:.0%} multiplicative loss noise, after dropping its last "
           f"{LENGTH:.0%}, and after {SEEDS} draws of a {LENGTH:.0%} longer tail resampled from "
           "its own end. A verdict flip changes the run's verdict; a problem flip is one that "
           "crosses between stalled/diverged and healthy/converged (what a user acts on); a "
           "top-cause flip keeps the verdict and changes the first interval's first cause.\n",
           "| perturbation | analyses | problem flips | verdict flips | top-cause flips |",
           "| --- | --- | --- | --- | --- |"]
    by = collections.defaultdict(list)
    for r in rows:
        by[r["perturbation"]].append(r)
    for name, xs in by.items():
        out.append(f"| {name} | {len(xs)} | {_rate(xs, 'problem_flip')} | "
                   f"{_rate(xs, 'verdict_flip')} | {_rate(xs, 'cause_flip')} |")
    out.append(f"| **all** | {len(rows)} | {_rate(rows, 'problem_flip')} | "
               f"{_rate(rows, 'verdict_flip')} | {_rate(rows, 'cause_flip')} |")
    out.append("")
    out.append("| catalogue | analyses | problem flips | verdict flips | top-cause flips |")
    out.append("| --- | --- | --- | --- | --- |")
    by = collections.defaultdict(list)
    for r in rows:
        by[r["catalogue"]].append(r)
    for name, xs in by.items():
        out.append(f"| {name} | {len(xs)} | {_rate(xs, 'problem_flip')} | "
                   f"{_rate(xs, 'verdict_flip')} | {_rate(xs, 'cause_flip')} |")
    flips = [r for r in rows if r["verdict_flip"] or r["cause_flip"]]
    out.append("")
    out.append("## Flips\n")
    if not flips:
        out.append("None.")
    else:
        out.append("| catalogue | run | perturbation | as logged (verdict, top cause) | perturbed |")
        out.append("| --- | --- | --- | --- | --- |")
        for r in flips:
            out.append(f"| {r['catalogue']} | {r['run']} | {r['perturbation']} | "
                       f"{r['base'][0]}, {r['base'][1] or '-'} | {r['got'][0]}, {r['got'][1] or '-'} |")
    out.append("")
    return "\n".join(out)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("catalogues", nargs="+", metavar="NAME=LOGDIR",
                        help="trained catalogue logdirs (python -m demo --catalogue NAME "
                             "--no-serve --logdir LOGDIR)")
    parser.add_argument("--out", default=str(RESULTS), help="markdown file to write ('' for none)")
    args = parser.parse_args(argv)
    catalogues = dict(c.split("=", 1) for c in args.catalogues)
    text = render(measure(catalogues))
    return publish(text, args.out)


if __name__ == "__main__":
    sys.exit(main())
