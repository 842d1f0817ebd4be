"""The `tb-plateau` command: `report` (diagnose a logdir) and `demo` (the scenario catalogue)."""

import argparse
import json
import os
import re
import sys
import threading
import time
import types

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_ERROR = 2
# Some runs could not be read (or analysed) and none of the others has a problem interval:
# the report is incomplete, so it cannot say "no problem". A problem found in a readable run
# still exits 1, which is true whatever the unreadable runs hold.
EXIT_INCOMPLETE = 3
# What a shell reports for a command killed by SIGPIPE (128 + 13): `tb-plateau report X |
# head` ends as `cat` or `ls` would, quietly.
EXIT_BROKEN_PIPE = 128 + 13

# Show progress on stderr once reading has taken this long (seconds).
PROGRESS_AFTER = 1.0
# Causes and evidence lines shown per interval in text output (JSON has them all).
TEXT_CAUSES = 3
TEXT_EVIDENCE = 3


def _is_remote(path):
    return "://" in path


def _avoid_tensorflow_for_local_files(logdir):
    """Make TensorBoard read local files with its TF-free file layer.

    With TensorFlow installed, TensorBoard's compat layer imports it (seconds of start-up)
    just to open files; local paths do not need it. Remote paths (gs://, s3://) keep
    TensorBoard's own choice, which may use TensorFlow's file systems.
    """
    if _is_remote(logdir) or "tensorflow" in sys.modules:
        return
    sys.modules.setdefault("tensorboard.compat.notf", types.ModuleType("tensorboard.compat.notf"))


class _Progress:
    """A line on stderr that appears only when the work takes more than a moment."""

    def __init__(self, message):
        self.message = message
        self._done = threading.Event()
        self._shown = False
        self._tty = _isatty(sys.stderr)
        self._start = time.monotonic()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        if self._done.wait(PROGRESS_AFTER) or sys.stderr is None:
            return
        while not self._done.is_set():
            elapsed = time.monotonic() - self._start
            if self._tty:
                sys.stderr.write("\r%s ... %.0fs" % (self.message, elapsed))
                sys.stderr.flush()
            elif not self._shown:
                sys.stderr.write("%s ...\n" % self.message)
                sys.stderr.flush()
            self._shown = True
            self._done.wait(0.5)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._done.set()
        self._thread.join()
        if self._shown and self._tty and sys.stderr is not None:
            sys.stderr.write("\r%s ... done (%.1fs)\n" % (self.message,
                                                          time.monotonic() - self._start))
            sys.stderr.flush()


def _parser():
    parser = argparse.ArgumentParser(
        prog="tb-plateau",
        description="Find where a training's loss stalled, and why.")
    sub = parser.add_subparsers(dest="command", metavar="{report,demo}")
    report = sub.add_parser(
        "report", help="diagnose every run in a logdir",
        description="Find stalled/diverged intervals in each run of LOGDIR and rank their "
                    "probable causes. A run that cannot be read is reported as no_data with "
                    "a note; so is a run whose scalars include no recognisable loss (the "
                    "note names its tags). The other runs are reported as usual. Exit "
                    "status: 0 no run has a problem interval, 1 at least one has, 2 usage "
                    "error or LOGDIR unreadable, 3 some runs could not be read or analysed "
                    "and none of the others has a problem interval.")
    report.add_argument("logdir", metavar="LOGDIR",
                        help="TensorBoard log directory (local path, gs:// or s3://)")
    report.add_argument("--run", metavar="REGEX", default=None,
                        help="only runs whose name matches this regular expression (re.search)")
    report.add_argument("--format", choices=("text", "json"), default="text",
                        help="text for a person (default), json for the full report")
    report.add_argument("--quiet", "-q", action="store_true",
                        help="text: print only the runs with a problem (stalled, diverged, "
                             "unreadable) and the summary line, for CI logs")
    report.add_argument("--loss-tag", metavar="TAG", default=None,
                        help="read this scalar tag as the training loss (any case) in the runs "
                             "that have it, instead of the automatic choice (docs/format.md "
                             "lists the tag names recognised)")
    sub.add_parser("demo", add_help=False,
                   help="train the scenario catalogue and open it in TensorBoard "
                        "(arguments are passed on; see `tb-plateau demo --help`)")
    return parser


def _isatty(stream):
    try:
        return stream is not None and stream.isatty()
    except (OSError, ValueError):
        return False


def _error(message):
    if sys.stderr is not None:
        try:
            sys.stderr.write("tb-plateau: error: %s\n" % message)
        except OSError:
            pass
    return EXIT_ERROR


def _write_stdout(text):
    """Writes the report; an exit status when stdout is gone, else None.

    A reader that went away (`| head`, `| true`) ends the command quietly, as it ends `cat`;
    a stdout that was never there (`>&-`) is an error, as for `ls >&-`.
    """
    if sys.stdout is None:
        return _error("cannot write the report: standard output is closed")
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would flush stdout again at exit and print a second error: point it at
        # /dev/null first.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return EXIT_BROKEN_PIPE
    except (OSError, ValueError) as e:  # EBADF, or a stdout object already closed
        return _error("cannot write the report to standard output: %s" % e)
    return None


def _demo(argv):
    try:
        from tb_plateau.demo.__main__ import main as demo_main
    except ImportError as e:
        return _error("the demo catalogue is not available (%s). Install tb-plateau with its "
                      "demo and TensorFlow: pip install 'tb-plateau[tf-cpu]'" % e)
    result = demo_main(argv)
    return EXIT_OK if result is None else result


def _is_problem(report):
    return bool(report["intervals"] or report.get("read_error") or
                report.get("analysis_error") or report["verdict"] == "no_data")


def _text_report(logdir, reports, quiet=False):
    from tb_plateau.analysis.context import fmt
    from tb_plateau.analysis.report import summarize_interval, summary_line

    lines = ["tb-plateau report: %s (%d run%s)" % (logdir, len(reports),
                                                   "" if len(reports) == 1 else "s")]
    shown = [r for r in reports if _is_problem(r)] if quiet else reports
    for r in shown:
        lines.append("")
        lines.append("%s: %s" % (r["run"], r["verdict"].upper()))
        st = r["steps"]
        if st["count"]:
            loss_line = "  loss %s (%s), steps %s..%s (%d points), final %s" % (
                r["loss_tag"], r["loss_source"], st["first"], st["last"], st["count"],
                fmt(r["final_loss"]) if r["final_loss"] is not None else "NaN/Inf")
            if r["baseline"]:
                loss_line += "; constant-prediction loss %s (%s)" % (
                    fmt(r["baseline"]["value"]), r["baseline"]["text"])
            lines.append(loss_line)
        for interval in r["intervals"]:
            lines.append("  %s" % summarize_interval(interval))
            if not interval["causes"]:
                lines.append("    no cause recognised with confidence")
            for rank, cause in enumerate(interval["causes"][:TEXT_CAUSES], 1):
                lines.append("    %d. %s (%.0f%%): %s" % (
                    rank, cause.get("title") or cause["id"], 100 * cause["confidence"],
                    cause["summary"]))
                for ev in cause["evidence"][:TEXT_EVIDENCE]:
                    lines.append("         - %s" % ev["text"])
                lines.append("         fix: %s" % cause["fix"])
        for resolved in r.get("resolved_intervals") or []:
            lines.append("  resolved: stalled at steps %d..%d, then %s" % (
                resolved["start_step"], resolved["end_step"], resolved["ended_by"]))
        if r.get("level_note"):
            lines.append("  note: %s" % r["level_note"]["text"])
        for alert in r.get("alerts") or []:
            lines.append("  said while training, at step %d: %s" % (
                alert["step"], alert["text"].splitlines()[0] if alert["text"] else alert["kind"]))
        if r["notes"]:
            lines.append("  notes:")
            for note in r["notes"]:
                lines.append("    - %s" % note)
    counts = {}
    for r in reports:
        counts[r["verdict"]] = counts.get(r["verdict"], 0) + 1
    lines += ["", summary_line(counts)]
    return "\n".join(lines)


def _report(args):
    logdir = args.logdir
    pattern = None
    if args.run is not None:
        try:
            pattern = re.compile(args.run)
        except re.error as e:
            return _error("--run %r is not a valid regular expression: %s" % (args.run, e))
    if not _is_remote(logdir) and not os.path.isdir(logdir):
        return _error("%s is not a directory" % logdir)
    _avoid_tensorflow_for_local_files(logdir)

    from tb_plateau.read import reader
    from tb_plateau.analysis.report import REPORT_VERSION

    try:
        with _Progress("reading %s" % logdir):
            source = _open(logdir, args.loss_tag)
            runs = reader.list_runs(source.provider, source.ctx, source.experiment_id,
                                    loss_tag=args.loss_tag)
    except Exception as e:  # TensorBoard's file layers raise many types for remote paths
        return _error("cannot read %s: %s" % (logdir, e))
    names = [r for r in sorted(runs) if pattern is None or pattern.search(r)]
    if not runs:
        return _error("no runs with a loss found in %s: no run has plateau/* tensors or "
                      "scalar tags" % logdir)
    if not names:
        return _error("no run matches --run %r; runs: %s" % (args.run, ", ".join(sorted(runs))))
    reports = []
    release = _releaser(reader, source, names)
    with _Progress("analysing %d run%s" % (len(names), "" if len(names) == 1 else "s")):
        for name in names:
            report = _run_report(reader, source, name, args.loss_tag, release)
            if report is not None:
                reports.append(report)
    if args.format == "json":
        document = {"version": REPORT_VERSION, "logdir": logdir, "runs": reports}
        text = json.dumps(document, indent=2, allow_nan=False) + "\n"
    else:
        text = _text_report(logdir, reports, quiet=args.quiet) + "\n"
    failed = _write_stdout(text)
    if failed is not None:
        return failed
    if any(r["intervals"] for r in reports):
        return EXIT_PROBLEM
    if any(r.get("read_error") or r.get("analysis_error") for r in reports):
        return EXIT_INCOMPLETE
    return EXIT_OK


def _open(logdir, loss_tag):
    """The logdir as a data provider: local files streamed into arrays, keeping only the tags
    a report reads (stream.py); remote ones (gs://, s3://) through TensorBoard's loader and
    its file layers."""
    from tb_plateau.read import reader

    if _is_remote(logdir):
        return reader.open_logdir(logdir)
    from tb_plateau.read import stream

    def keep(tag, meta):
        return reader.reads_tag(tag, meta.plugin_data.plugin_name, meta.data_class, loss_tag)

    return stream.open_logdir(logdir, keep=keep)


def _releaser(reader, source, names):
    """A function to call once each run is read: it lets the provider forget the points of
    the runs no report still to come reads (a run is read by its own report, and a Keras
    validation run by its train sibling's), before the analysis needs the memory."""
    release = getattr(source.provider, "release", None)
    if release is None:
        return lambda name: None
    all_runs = [r.run_name for r in source.provider.list_runs(
        source.ctx, experiment_id=source.experiment_id)]
    readers = {}
    for name in names:
        for run in reader.runs_read_by(name, all_runs):
            readers[run] = readers.get(run, 0) + 1

    def done(name):
        for run in reader.runs_read_by(name, all_runs):
            readers[run] -= 1
            if not readers[run]:
                release(run)

    return done


def _run_report(reader, source, name, loss_tag=None, read=lambda name: None):
    """The report of one run, whatever the run holds: an unreadable run becomes a no_data
    report saying so (issue 11, defect 3); None if the run vanished since the listing.
    `read(name)` is called once the run is read, before it is analysed."""
    from tb_plateau import analysis
    from tb_plateau.serve import cache  # the same failure reports the plugin serves

    try:
        data = reader.read_run(source.provider, source.ctx, source.experiment_id, name,
                               loss_tag=loss_tag)
    except reader.UnknownRunError:
        return None
    except Exception as e:  # RecursionError included: deeply nested JSON
        return cache.unreadable_report(name, e)
    finally:
        read(name)
    try:
        return analysis.analyze(data)
    except Exception as e:
        return analysis.failed_report(data, type(e).__name__)


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "demo":
        return _demo(argv[1:])
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse: 2 on usage errors, 0 for --help
        return e.code if isinstance(e.code, int) else EXIT_ERROR
    if args.command == "report":
        return _report(args)
    parser.print_usage(sys.stderr)
    return _error("choose a command: report or demo")


if __name__ == "__main__":
    sys.exit(main())
