"""Calibration of the causes' confidences: is a cause listed at 70% right 70% of the time?

Every cause listed in a problem interval of a labelled run counts once: right when the run is
broken and the cause is one of its expected causes, wrong otherwise (any cause listed on a
healthy run is wrong). The interval scored for a broken run is the one `accuracy.py` scores.
Prints a reliability table (confidence bins against the observed share of right causes) and
the expected calibration error (ECE: the bins' |accuracy - mean confidence| weighted by their
counts), over all catalogues together and per catalogue.

    python benchmarks/calibration.py main=/tmp/cat/main holdout=/tmp/cat/h1 holdout2=/tmp/cat/h2
    python benchmarks/calibration.py --fit main=... holdout=... holdout2=...
        # fit the calibration map on the uncalibrated scores and print it in the form of
        # tb_plateau/analysis/thresholds.py's CALIBRATION

The map is an isotonic (monotone) fit whose steps each pool at least MIN_BLOCK causes, so
that a few hundred labelled causes cannot carve it to single runs: a step function, one for
the first-listed cause and one for the causes under it. (A two-parameter logistic fit,
tried first, could not follow the scores' sharp change from mostly wrong below ~0.6 to
mostly right above it.)

Fitting and scoring on the same catalogues measures how well the map fits them, not how it
generalises; a catalogue left out of --fit (the newest held-out one) is the honest check.

The engine is tuned on the catalogues it has studied, so its scores there are right far more
often than on trainings it has not seen: a map fitted on them promises too much. The map
shipped is fitted with --fit-fresh instead, on what each engine said about the held-out set
it was scored on once, before that set was read: for each NAME@COMMIT=LOGDIR the engine of
COMMIT (git archive into a temporary tree) lists its uncalibrated causes on that logdir.

    python benchmarks/calibration.py --fit-fresh holdout7@b454f84=/tmp/h7_once ...

One held-out pair lists a few dozen causes, too few to tell an ECE of 0.1 from chance;
--as-scored pools the confidences each engine showed on the sets it was scored on once (the
same NAME@COMMIT=LOGDIR form, each engine run from its own commit) into one table:

    python benchmarks/calibration.py --as-scored holdout39@155622a=/tmp/h39_once ... \
        --out benchmarks/results/calibration_as_scored.md
"""

import argparse
import collections
import json
import pathlib
import subprocess
import sys
import tempfile

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "calibration.md"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from publish import publish  # noqa: E402

BINS = np.linspace(0.0, 1.0, 11)
MIN_BLOCK = 10
TARGET_ECE = 0.1


def listed_causes(catalogues, calibrated=True):
    """[(catalogue, run, cause id, rank in its interval, confidence, right)] over every
    labelled run."""
    import accuracy
    from demo import runner
    from tb_plateau.analysis import analyze
    from tb_plateau.read import reader

    out = []
    for name, logdir in catalogues.items():
        labels = runner.read_labels(logdir)
        source = reader.open_logdir(logdir)
        for run in sorted(labels):
            try:
                data = reader.read_run(source.provider, source.ctx, source.experiment_id, run)
            except reader.UnknownRunError:
                continue
            report = analyze(data, calibrated=calibrated)
            label = labels[run]
            intervals = report.get("intervals") or []
            if label.get("healthy"):
                scored = intervals
            else:
                row = accuracy.score_run(label, report)
                scored = [row["interval"]] if row["interval"] else []
            expected = set(label.get("expected_causes") or [])
            for interval in scored:
                for rank, cause in enumerate(interval.get("causes") or []):
                    right = (not label.get("healthy")) and cause["id"] in expected
                    out.append((name, run, cause["id"], rank, float(cause["confidence"]),
                                right))
    return out


def fresh_causes(specs, calibrated=False):
    """listed_causes(calibrated) for each NAME@COMMIT=LOGDIR, as the engine of COMMIT scored
    that logdir (each in its own process, on a tree git-archived from the commit):
    uncalibrated for fitting the map, calibrated for what that engine showed its users."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for spec in specs:
            name_commit, logdir = spec.split("=", 1)
            name, commit = name_commit.split("@", 1)
            tree = pathlib.Path(tmp) / name
            if tree.exists():
                raise SystemExit(f"--fit-fresh names {name} twice")
            tree.mkdir()
            archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "tb_plateau",
                                      "benchmarks", "demo"], capture_output=True)
            if archive.returncode:
                raise SystemExit(f"cannot read the engine of {commit} ({spec}): git archive "
                                 f"says {archive.stderr.decode(errors='replace').strip()}")
            subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
            dump = tree / "causes.json"
            done = subprocess.run([sys.executable, __file__, "--dump", str(tree), str(dump),
                                   f"{name}={logdir}"] + (["--calibrated"] if calibrated else []),
                                  cwd=str(tree), stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, text=True)
            if done.returncode:
                raise SystemExit(f"the engine of {commit} failed on {logdir}:\n"
                                 + done.stderr[-2000:])
            out += [tuple(row) for row in json.loads(dump.read_text())]
    return out


def dump_with_tree(tree, path, catalogues, calibrated=False):
    """Write listed_causes(calibrated) as the engine in `tree` gives it (its tb_plateau, demo
    and benchmarks/accuracy.py come first on the path)."""
    sys.path[:0] = [str(tree), str(pathlib.Path(tree) / "benchmarks")]
    rows = listed_causes(catalogues, calibrated=calibrated)
    pathlib.Path(path).write_text(json.dumps([list(r) for r in rows]))


def print_fit(items):
    """Fit and print the two maps (first-listed causes, the ones under them) on `items`."""
    # The first-listed cause and the ones under it are right at different rates for the
    # same score (a confident symptom listed under its cause is usually not the labelled
    # root), so each rank group gets its own map.
    for name, group in (("CALIBRATION_FIRST", [i for i in items if i[3] == 0]),
                        ("CALIBRATION_OTHERS", [i for i in items if i[3] > 0])):
        knots = isotonic_knots([i[4] for i in group], [i[5] for i in group])
        print(f"{name} = (  # {len(group)} causes, {sum(i[5] for i in group)} right")
        for x, y in knots:
            print(f"    ({x:.3f}, {y:.3f}),")
        print(")")
    rows, ece = reliability(items)
    print(f"# uncalibrated ECE on these catalogues: {ece:.3f} over {len(items)} causes")


def reliability(items):
    """[(low, high, n, mean confidence, accuracy)] per bin, and the ECE."""
    conf = np.array([c for *_, c, _ in items], dtype=float)
    right = np.array([r for *_, r in items], dtype=float)
    rows, ece = [], 0.0
    for k in range(len(BINS) - 1):
        lo, hi = BINS[k], BINS[k + 1]
        inside = (conf >= lo) & ((conf < hi) if k < len(BINS) - 2 else (conf <= hi))
        n = int(inside.sum())
        if n == 0:
            rows.append((lo, hi, 0, None, None))
            continue
        mean, acc = float(conf[inside].mean()), float(right[inside].mean())
        ece += n / len(items) * abs(acc - mean)
        rows.append((lo, hi, n, mean, acc))
    return rows, ece


def chance_ece(items, draws=2000, seed=0):
    """(median, 90th percentile) of the ECE a perfectly calibrated map would show on these
    causes: each drawn right with probability its confidence, `draws` times. On a few dozen
    causes a bin holds a handful, and their share right scatters by tens of points around
    any confidence, so an ECE at or under this is as close as so few causes can show."""
    conf = np.array([c for *_, c, _ in items], dtype=float)
    if not len(conf):
        return None, None
    rng = np.random.default_rng(seed)
    eces = [reliability([(None, None, None, None, c, r) for c, r in
                         zip(conf, rng.random(len(conf)) < conf)])[1] for _ in range(draws)]
    return float(np.median(eces)), float(np.quantile(eces, 0.9))


def isotonic_knots(scores, right, min_block=MIN_BLOCK):
    """Pool-adjacent-violators over the sorted scores, then pooling of any step holding
    fewer than `min_block` causes into its closer neighbour. Returns the step function as
    [(lowest score of the step, share right in it)], the first step starting at 0."""
    order = np.argsort(scores, kind="stable")
    x = np.asarray(scores, float)[order]
    y = np.asarray(right, float)[order]
    blocks = []  # [sum right, count, lowest score]
    for xi, yi in zip(x, y):
        blocks.append([yi, 1.0, xi])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] >= blocks[-1][0] / blocks[-1][1]:
            _merge(blocks, len(blocks) - 2)
    while len(blocks) > 1:
        small = [i for i, b in enumerate(blocks) if b[1] < min_block]
        if not small:
            break
        i = small[0]
        mean = blocks[i][0] / blocks[i][1]
        if i == 0:
            j = 0
        elif i == len(blocks) - 1:
            j = i - 1
        else:
            left = abs(blocks[i - 1][0] / blocks[i - 1][1] - mean)
            right_gap = abs(blocks[i + 1][0] / blocks[i + 1][1] - mean)
            j = i - 1 if left <= right_gap else i
        _merge(blocks, j)
    steps = [(lo, s / n) for s, n, lo in blocks]
    return [(0.0, steps[0][1])] + steps[1:]


def _merge(blocks, i):
    """Pool block i + 1 into block i (which keeps its lowest score)."""
    s, n, _ = blocks.pop(i + 1)
    blocks[i][0] += s
    blocks[i][1] += n


def render(items, title_note=""):
    out = ["# Calibration of the causes' confidences\n",
           "Measured by `benchmarks/calibration.py`: every cause listed in a scored problem "
           "interval of a labelled run is right when the run is broken and the cause is one of "
           "its expected causes, wrong otherwise (every cause on a healthy run is wrong). "
           + title_note + "\n",
           "The last column is the ECE a perfectly calibrated map would show on the same "
           "causes by chance (each drawn right with probability its confidence, 2000 draws): "
           "on a few dozen causes it is itself near 0.1, so one set's ECE cannot show the "
           "target met or missed unless it lies well outside that range.\n"]
    groups = [("all catalogues", items)]
    names = list(dict.fromkeys(i[0] for i in items))
    groups += [(n, [i for i in items if i[0] == n]) for n in names]
    summary = ["| catalogues | causes listed | right | ECE | target | met | a calibrated map's "
               "ECE here (median, 90%) |",
               "| --- | --- | --- | --- | --- | --- | --- |"]
    tables = []
    for name, xs in groups:
        if not xs:
            continue
        rows, ece = reliability(xs)
        right = sum(r for *_, r in xs)
        met = "yes" if ece <= TARGET_ECE else "**no**"
        median, high = chance_ece(xs)
        summary.append(f"| {name} | {len(xs)} | {right} | {ece:.3f} | <= {TARGET_ECE} | {met} | "
                       f"{median:.3f}, {high:.3f} |")
        tables.append(f"### {name}\n")
        tables.append("| confidence | causes | mean confidence | observed right |")
        tables.append("| --- | --- | --- | --- |")
        for lo, hi, n, mean, acc in rows:
            if n:
                tables.append(f"| {lo:.1f}-{hi:.1f} | {n} | {mean:.2f} | {acc:.2f} |")
        tables.append("")
    out += summary + [""] + ["## Reliability tables\n"] + tables
    by_cause = collections.defaultdict(list)
    for _, _, cid, _, c, r in items:
        by_cause[cid].append((c, r))
    out.append("## Per cause\n")
    out.append("| cause | listed | right | mean confidence |")
    out.append("| --- | --- | --- | --- |")
    for cid in sorted(by_cause):
        xs = by_cause[cid]
        out.append(f"| {cid} | {len(xs)} | {sum(r for _, r in xs)} | "
                   f"{np.mean([c for c, _ in xs]):.2f} |")
    out.append("")
    return "\n".join(out)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("catalogues", nargs="*", metavar="NAME=LOGDIR")
    parser.add_argument("--fit", action="store_true",
                        help="fit the map on the uncalibrated scores of these catalogues and "
                             "print it")
    parser.add_argument("--fit-fresh", nargs="+", metavar="NAME@COMMIT=LOGDIR",
                        help="fit the map on what the engine of each COMMIT scored on its "
                             "held-out LOGDIR (before that set was read) and print it")
    parser.add_argument("--as-scored", nargs="+", metavar="NAME@COMMIT=LOGDIR",
                        help="the reliability table of the confidences each COMMIT's engine "
                             "showed on its held-out LOGDIR when it was scored once, pooled")
    parser.add_argument("--dump", nargs=2, metavar=("TREE", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--calibrated", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", default=str(RESULTS), help="markdown file ('' for none)")
    parser.add_argument("--note", default="", help="a sentence on which catalogues the map was "
                                                   "fitted on, for the results file")
    args = parser.parse_args(argv)
    catalogues = dict(c.split("=", 1) for c in args.catalogues)
    if args.dump:
        dump_with_tree(args.dump[0], args.dump[1], catalogues, args.calibrated)
        return 0
    if args.as_scored:
        return publish(render(fresh_causes(args.as_scored, calibrated=True), args.note),
                       args.out)
    if args.fit_fresh:
        print_fit(fresh_causes(args.fit_fresh))
        return 0
    if not catalogues:
        parser.error("name at least one NAME=LOGDIR")
    if args.fit:
        print_fit(listed_causes(catalogues, calibrated=False))
        return 0
    items = listed_causes(catalogues)
    text = render(items, args.note)
    return publish(text, args.out)


if __name__ == "__main__":
    sys.exit(main())
