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

Then, because the catalogue's fits are too short for a check inside the budget before they
end, a few longer fits (about 20-40 s of training each, two broken and two healthy of which
one converges far above zero) measure what a real training sees: whether the alert comes
while training, its delay after the report's stall start, and the checks' share of the time.

    python benchmarks/live_check.py main holdout holdout2 holdout3 [--logdir DIR] [--no-long]
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
            first_problem = report["intervals"][0] if problem is not None else None
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
                row["delay_steps"] = int(step) - int(first_problem["start_step"])
                row["delay_seconds"] = row["delay_steps"] * row["seconds_per_step"]
                top = (problem.get("causes") or [{}])[0].get("id")
                row["same_cause"] = top == ((interval.get("causes") or [{}])[0].get("id"))
                row["during_training"] = len(checks) > 1 and \
                    any(a[1] < report["steps"]["last"] for a in alerts)
            rows.append(row)
    return rows


LONG_RUNS = (
    # name, learning rate, label noise, healthy
    ("lr_1e-7", 1e-7, 0.0, False),
    ("sgd_lr_8", None, 0.0, False),
    ("adam_1e-3", 1e-3, 0.0, True),
    ("adam_1e-3_label_noise_40pct", 1e-3, 0.4, True),
)


def measure_long(root, epochs=60):
    """Longer fits (an MLP of 2x256 on 4,096 examples, batch 16) with on_stall="warn"."""
    import keras
    import numpy as np

    import tb_plateau
    from tb_plateau.analysis import analyze
    from tb_plateau.read import reader

    rows = []
    for name, lr, noise, healthy in LONG_RUNS:
        keras.backend.clear_session()
        keras.utils.set_random_seed(0)
        rng = np.random.default_rng(0)
        x = rng.normal(size=(4096 + 128, 20)).astype("float32")
        y = ((x[:, 0] * x[:, 1] > 0).astype("int32") + 2 * (x[:, 2] + x[:, 3] > 0)).astype("int32")
        flip = rng.random(len(y)) < noise
        y[flip] = rng.integers(0, 4, size=int(flip.sum()))
        model = keras.Sequential([keras.Input((20,))] + [
            keras.layers.Dense(256, activation="relu") for _ in range(2)] + [
            keras.layers.Dense(4, activation="softmax")])
        optimizer = keras.optimizers.SGD(8.0) if lr is None else keras.optimizers.Adam(lr)
        model.compile(optimizer, "sparse_categorical_crossentropy")
        cb = tb_plateau.PlateauCallback(os.path.join(root, "long", name),
                                        probe_data=(x[-128:], y[-128:]))
        model.fit(x[:-128], y[:-128], epochs=epochs, batch_size=16, verbose=0, callbacks=[cb])
        source = reader.open_logdir(os.path.join(root, "long"))
        report = analyze(reader.read_run(source.provider, source.ctx, source.experiment_id,
                                         name))
        alerts = [a for a in cb._watch.alerts if a[0] in ("stall", "diverged")]
        # The delay is counted from the start of the first problem interval.
        problem = report["intervals"][0] if report["verdict"] in PROBLEMS else None
        checks = cb._watch.check_seconds
        steps = report["steps"]["last"] or 1
        per_step = cb._train_seconds_before / steps
        first = alerts[0] if alerts else None
        rows.append({
            "run": name, "healthy": healthy, "verdict": report["verdict"],
            "alert_step": first[1] if first else None,
            "during": bool(first) and first[1] < steps,
            "delay_steps": (first[1] - problem["start_step"]) if first and problem else None,
            "delay_seconds": ((first[1] - problem["start_step"]) * per_step)
            if first and problem else None,
            "same_cause": (first[2]["causes"][0]["id"] ==
                           report["intervals"][-1]["causes"][0]["id"])
            if first and problem and report["intervals"][-1]["causes"] and first[2]["causes"]
            else None,
            "checks": len(checks), "train_seconds": cb._train_seconds_before,
            "cost": sum(checks[:-1]) / max(cb._train_seconds_before, 1e-9),
            "steps": steps,
        })
        sys.stderr.write(f"  long: {name}\n")
    return rows


def render_long(rows):
    out = ["## Longer fits\n",
           "An MLP of 2x256 on 4,096 examples, batch 16, 60 epochs, `on_stall=\"warn\"`. Delay: "
           "the first alert's step minus the start of the report's (afterwards) problem "
           "interval; seconds at the run's measured training seconds per step. Cost: the "
           "checks made during training over the training time (the check when `fit` "
           "returns is not in it).\n",
           "| run | label | report | alerted at step (of) | while training | same top cause | "
           "delay (steps) | delay (s) | checks | training s | check cost |",
           "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        out.append(
            f"| {r['run']} | {'healthy' if r['healthy'] else 'broken'} | {r['verdict']} | "
            f"{'-' if r['alert_step'] is None else r['alert_step']} ({r['steps']}) | "
            f"{'yes' if r['during'] else 'no'} | "
            f"{'-' if r['same_cause'] is None else ('yes' if r['same_cause'] else '**no**')} | "
            f"{'-' if r['delay_steps'] is None else r['delay_steps']} | "
            f"{'-' if r['delay_seconds'] is None else '%.1f' % r['delay_seconds']} | "
            f"{r['checks']} | {r['train_seconds']:.1f} | {100 * r['cost']:.3f}% |")
    out.append("")
    return "\n".join(out)


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
           + f": {len(rows)} runs trained as the demo trains them (the live check as at "
           "`on_stall=\"warn\"`, its alerts recorded without printing), then analysed as "
           "`tb-plateau report` does. The scenarios are short (1-10 s of "
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
    parser.add_argument("--no-long", action="store_true", help="skip the longer fits")
    args = parser.parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    root = args.logdir or tempfile.mkdtemp(prefix="plateau-live-")
    rows = measure(args.catalogues, root)
    text = render(rows, args.catalogues)
    if not args.no_long:
        text += "\n" + render_long(measure_long(root))
    return publish(text, args.out)


if __name__ == "__main__":
    sys.exit(main())
