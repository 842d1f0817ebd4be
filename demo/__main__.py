"""`python -m demo`: train the scenario catalogue into a logdir and open it in TensorBoard."""

import argparse
import io
import os
import re
import sys
import threading

from . import runner

DEFAULT_LOGDIR = "plateau-demo"
DEFAULT_PORT = 6006


def build_parser(prog="python -m demo"):
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Train a catalogue of small healthy and deliberately broken Keras runs "
        "(each labelled with the cause it should be diagnosed as), then serve them in "
        "TensorBoard's Plateau tab.",
    )
    parser.add_argument("--logdir", default=DEFAULT_LOGDIR,
                        help="where to write the runs (default: ./%(default)s)")
    parser.add_argument("--only", metavar="REGEX",
                        help="train only the runs whose '<family>/<scenario>' name matches")
    parser.add_argument("--force", action="store_true",
                        help="retrain runs that already exist in the logdir")
    parser.add_argument("--no-serve", action="store_true",
                        help="train and exit without starting TensorBoard")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help="TensorBoard port on localhost (default: %(default)s)")
    parser.add_argument("--catalogue", choices=runner.CATALOGUES, default="main",
                        help="main: the catalogue the diagnosis was developed on; holdout to "
                        "holdout246: sets each written blind to the engine and scored once "
                        "(since studied; docs/benchmarks.md has their one-time scores) "
                        "(default: %(default)s)")
    parser.add_argument("--list", action="store_true",
                        help="list the scenarios with their labels and exit")
    return parser


def list_scenarios(only=None, stream=None, catalogue_name="main"):
    stream = stream or sys.stdout
    for s in runner.select(only, catalogue_name):
        causes = ", ".join(s.expected_causes) or "(healthy)"
        begins = "start" if s.stall_begins is None else f"step {s.stall_begins}"
        if s.healthy:
            begins = "-"
        stream.write(f"{s.run:45s} {causes:50s} {begins}\n")


def _plugins():
    """TensorBoard's plugins plus ours, also when tb-plateau is run from a checkout."""
    from tensorboard import default

    try:
        plugins = default.get_plugins()
    except Exception:  # a broken third-party entry point must not stop the demo
        plugins = default.get_static_plugins()
    try:
        from tb_plateau.serve.plugin import PlateauLoader
    except ImportError:
        return plugins
    # Installed packages register the loader through their entry point already.
    if not any(getattr(p, "__name__", type(p).__name__) == "PlateauLoader" for p in plugins):
        plugins.append(PlateauLoader)
    return plugins


def serve(logdir, port, stream=None):
    """Serve `logdir` with TensorBoard on localhost:port until interrupted."""
    from tensorboard import program

    stream = stream or sys.stderr
    board = program.TensorBoard(plugins=_plugins())
    board.configure(logdir=os.path.abspath(logdir), port=port, host="localhost",
                    reload_interval=5)
    url = board.launch()
    # launch() returns the address it bound; the Plateau tab is a fragment of it.
    base = url.rstrip("/").replace("://127.0.0.1", "://localhost")
    print(f"TensorBoard: {base}/#plateau  (Ctrl-C to stop)", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        stream.write("stopped\n")


# TensorFlow's C++ log lines (absl format: "I0000 00:00:... file.cc:153] ...", the
# "WARNING: All log messages before absl::InitializeLog()" banner, and the continuation lines
# of a multi-line one, which start with a tab). TF_CPP_MIN_LOG_LEVEL does not reach all of
# them in TensorFlow 2.21 (oneDNN notices at import, grappler errors while tracing an RNN).
_NATIVE_LOG = re.compile(rb"^([IWEF]\d{4} \d\d:\d\d:\d+\.\d+ |WARNING: All log messages "
                         rb"before absl::InitializeLog|To enable the following instructions|\t)")


def keep_native_logs_out():
    """Send TensorFlow's C++ log lines (written straight to file descriptor 2) to nowhere,
    and everything else on it through: a newcomer running the demo sees the progress, not
    oneDNN notices or grappler errors about ops they never wrote. Python's own stderr keeps
    the terminal (the progress line redraws in place). For the demo command only."""
    try:
        terminal = os.dup(2)
        read_end, write_end = os.pipe()
        os.dup2(write_end, 2)
        os.close(write_end)
    except OSError:
        return  # no usable descriptor 2: nothing to filter
    sys.stderr = io.TextIOWrapper(os.fdopen(os.dup(terminal), "wb", 0), write_through=True,
                                  encoding="utf-8", errors="replace")

    def pump():
        with os.fdopen(read_end, "rb") as pipe, os.fdopen(terminal, "wb", 0) as out:
            for line in pipe:
                if not _NATIVE_LOG.match(line):
                    out.write(line)

    threading.Thread(target=pump, name="native-log-filter", daemon=True).start()


def main(argv=None, prog="python -m demo"):
    args = build_parser(prog).parse_args(argv)
    if args.list:
        list_scenarios(args.only, catalogue_name=args.catalogue)
        return 0
    if not runner.select(args.only, args.catalogue):
        sys.stderr.write(f"no scenario matches {args.only!r}; see --list\n")
        return 2
    if "tensorflow" not in sys.modules:  # the filter must be in place before TF loads
        keep_native_logs_out()
    labels = runner.train_catalogue(args.logdir, only=args.only, force=args.force,
                                    catalogue_name=args.catalogue)
    # The verdicts as the Plateau tab and `tb-plateau report` give them, read back from the
    # runs just written (the labels say what each run was built to show).
    try:
        print(runner.summary_line(runner.verdict_counts(args.logdir, list(labels))),
              flush=True)
    except Exception as e:  # the runs are written: serve them even if the summary fails
        sys.stderr.write(f"could not read the runs' reports back for a summary: {e!r}\n")
    logdir = os.path.abspath(args.logdir)
    print(f"runs in {logdir}; labels in {os.path.join(logdir, runner.LABELS_FILE)}", flush=True)
    if args.no_serve:
        return 0
    serve(args.logdir, args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
