"""The live stall check (on_stall): alerts, their delay, false alerts and cost, over the catalogues.

Trains every scenario of the named catalogues with the helper at its defaults
(`on_stall="warn"`), keeping each run's callback or logger to read what its live check did,
then analyses the written logdir as `tb-plateau report` does and compares:

- false alerts: healthy runs (by their label) that raised a stall or divergence alert;
- coverage: runs the report calls stalled or diverged that raised an alert while training
  or when fit returned (target >= 95%);
- agreement: the alert's verdict and top cause against the report's last problem interval;
- delay: the alert's step minus the start of the report's problem interval, in steps and in
  training seconds (steps x the run's measured seconds per step);
- cost: the checks' seconds during training over the training seconds (target <= 0.2%),
  and the check when fit returns, reported apart (a fixed cost per fit).

    python benchmarks/live_check.py main holdout holdout2 holdout3 [--logdir DIR]
"""

import argparse
import os
import pathlib
import statistics
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "live_check.md"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from publish import publish  # noqa: E402

PROBLEMS = ("stalled", "diverged")


class KeepingSession:
    """A scenario session that keeps the callbacks and loggers it hands out."""

    def __init__(self, run_dir):
        from demo import scenarios

        self._session = scenarios.Session(run_dir)
        self.kept = []

    def callbacks(self, probe_data):
        made = self._session.callbacks(probe_data)
        self.kept += made
        return made

    def logger(self):
        made = self._session.logger()
        if made is not None:
            self.kept.append(made)
        return made


def _train(catalogue, logdir):
    """{run: (label, helper, seconds)} for every scenario of `catalogue`, trained now."""
    import keras

    from demo import runner

    runner._quiet_tensorflow()
    out = {}
    labels = {}
    for scenario in runner.select(None, catalogue):
        run_dir = os.path.join(logdir, scenario.family, scenario.name)
        session = KeepingSession(run_dir)
        keras.backend.clear_session()
        keras.utils.set_random_seed(0)
        started = time.monotonic()
        try:
            scenario.train(session)
        finally:
            keras.backend.clear_session()
        helper = session.kept[0] if session.kept else None
        out[scenario.run] = (scenario.label(), helper, time.monotonic() - started)
        labels[scenario.run] = scenario.label()
        sys.stderr.write(f"  {catalogue}: {scenario.run}\n")
    runner.write_labels(logdir, labels)
    return out


def measure(catalogues, root):
    from tb_plateau.analysis import analyze
    from tb_plateau.read import reader

    rows = []
    for catalogue in catalogues:
        logdir = os.path.join(root, catalogue)
        trained = _train(catalogue, logdir)
        source = reader.open_logdir(logdir)
        for run, (label, helper, wall) in sorted(trained.items()):
            watch = getattr(helper, "_watch", None)
            if watch is None:
                continue
            data = reader.read_run(source.provider, source.ctx, source.experiment_id, run)
            report = analyze(data)
            problem = report["intervals"][-1] if report["verdict"] in PROBLEMS else None
            alerts = [a for a in watch.alerts if a[0] in ("stall", "diverged")]
            first = alerts[0] if alerts else None
            checks = list(watch.check_seconds)
            train_seconds = getattr(helper, "_train_seconds_before", None)
            is_callback = train_seconds is not None
            if not is_callback:
                train_seconds = wall
            steps = report["steps"]["last"] or 1
            row = {
                "catalogue": catalogue, "run": run, "healthy": bool(label.get("healthy")),
                "verdict": report["verdict"], "alerted": first is not None,
                "false_alert": bool(label.get("healthy")) and first is not None,
                "problem": problem is not None, "helper": "callback" if is_callback else "logger",
                "checks": len(checks),
                # The last check of a PlateauCallback ran when fit returned; a logger's at close.
                "during_seconds": sum(checks[:-1]), "final_seconds": checks[-1] if checks else 0.0,
                "train_seconds": train_seconds, "seconds_per_step": train_seconds / steps,
                "delay_steps": None, "delay_seconds": None, "same_cause": None,
                "during_training": None,
            }
            if first is not None and problem is not None:
                _, step, interval = first
                row["delay_steps"] = int(step) - int(problem["start_step"])
                row["delay_seconds"] = row["delay_steps"] * row["seconds_per_step"]
                top = (problem.get("causes") or [{}])[0].get("id")
                row["same_cause"] = top == ((interval.get("causes") or [{}])[0].get("id"))
                row["during_training"] = len(checks) > 1 and \
                    any(a[1] < report["steps"]["last"] for a in alerts)
            rows.append(row)
    return rows


def _pct(k, n):
    return f"{100.0 * k / n:.0f}% ({k}/{n})" if n else "n/a"


def render(rows, catalogues):
    healthy = [r for r in rows if r["healthy"]]
    problems = [r for r in rows if r["problem"]]
    alerted = [r for r in problems if r["alerted"]]
    false = [r for r in healthy if r["false_alert"]]
    same = [r for r in alerted if r["same_cause"]]
    during = [r for r in alerted if r["during_training"]]
    delays = [r["delay_steps"] for r in alerted if r["delay_steps"] is not None]
    delay_s = [r["delay_seconds"] for r in alerted if r["delay_seconds"] is not None]
    train = sum(r["train_seconds"] for r in rows)
    during_cost = sum(r["during_seconds"] for r in rows)
    finals = [r["final_seconds"] for r in rows if r["checks"]]
    worst = max((r["during_seconds"] / r["train_seconds"] for r in rows if r["train_seconds"]),
                default=0.0)
    out = ["# The live stall check (on_stall) over the catalogues\n",
           "Measured by `benchmarks/live_check.py` on the catalogues "
           + ", ".join(f"`{c}`" for c in catalogues)
           + f": {len(rows)} runs trained with the helper at its defaults (`on_stall=\"warn\"`), "
           "then analysed as `tb-plateau report` does. The scenarios are short (1-10 s of "
           "training), so most checks fall inside the 0.2% budget only when `fit` returns.\n",
           "| measure | value | target |", "| --- | --- | --- |",
           f"| false alerts on healthy runs | {len(false)} of {len(healthy)} | 0 |",
           f"| stalled/diverged runs (by the report) that alerted | {_pct(len(alerted), len(problems))} | >= 95% |",
           f"| ...of them, alerted while still training | {_pct(len(during), len(alerted))} | - |",
           f"| alert's top cause = report's top cause | {_pct(len(same), len(alerted))} | 100% |",
           "| delay, steps: median / max | "
           + (f"{statistics.median(delays):.0f} / {max(delays)}" if delays else "n/a") + " | - |",
           "| delay, training seconds: median / max | "
           + (f"{statistics.median(delay_s):.2f} / {max(delay_s):.2f}" if delay_s else "n/a")
           + " | - |",
           f"| checks during training / training time, all runs | {100 * during_cost / max(train, 1e-9):.3f}% | <= 0.2% |",
           f"| ...worst run | {100 * worst:.3f}% | <= 0.2% |",
           "| check when fit returns (or at close), median / max | "
           + (f"{1000 * statistics.median(finals):.0f} ms / {1000 * max(finals):.0f} ms" if finals else "n/a")
           + " | - |",
           ""]
    out.append("## Per run\n")
    out.append("| catalogue | run | label | report | alerted | same cause | delay (steps) | "
               "checks | cost during training | final check |")
    out.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        out.append(f"| {r['catalogue']} | {r['run']} | {'healthy' if r['healthy'] else 'broken'} "
                   f"| {r['verdict']} | {'yes' if r['alerted'] else 'no'} | "
                   f"{'-' if r['same_cause'] is None else ('yes' if r['same_cause'] else '**no**')} | "
                   f"{'-' if r['delay_steps'] is None else r['delay_steps']} | {r['checks']} | "
                   f"{100 * r['during_seconds'] / max(r['train_seconds'], 1e-9):.3f}% | "
                   f"{1000 * r['final_seconds']:.0f} ms |")
    out.append("")
    return "\n".join(out)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("catalogues", nargs="+", help="main, holdout, holdout2, holdout3")
    parser.add_argument("--logdir", help="where to train (default: a temporary folder)")
    parser.add_argument("--out", default=str(RESULTS), help="markdown file ('' for none)")
    args = parser.parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    root = args.logdir or tempfile.mkdtemp(prefix="plateau-live-")
    rows = measure(args.catalogues, root)
    text = render(rows, args.catalogues)
    return publish(text, args.out)


if __name__ == "__main__":
    sys.exit(main())
