"""The run's event-file writer: opening it, resuming after it, and the policy when logging fails.

TensorFlow is imported only by the functions that open or place a `tf.summary` writer, so
the recording on other Keras backends uses the rest without it.
"""

import glob
import logging
import os
import re
import warnings

from tb_plateau import metadata as md

log = logging.getLogger("tb_plateau")

# What TensorFlow says when the summary writer itself failed (not the values written): the
# event file could not be flushed (full disk, I/O error, directory gone), or the writer's
# resource was closed under us. Matched on the message because the same error classes
# (ResourceExhaustedError, NotFoundError) also come from the model's own computations.
_WRITER_FAILURE = re.compile(
    r"events file|SummaryWriter|summary writer|No space left on device|Disk quota exceeded",
    re.IGNORECASE)


class WarnOnce:
    """Warns (a RuntimeWarning and the "tb_plateau" log) the first time each key comes up:
    logging never stops a training, and a problem that repeats every step is said once."""

    def __init__(self):
        self._seen = set()

    def __call__(self, key, message):
        if key in self._seen:
            return
        self._seen.add(key)
        # Level 3: past this call and the tb_plateau function that noticed the problem.
        warnings.warn(f"tb_plateau: {message}", RuntimeWarning, stacklevel=3)
        log.warning("tb_plateau: %s", message)


def open_writer(log_dir, warn):
    """A summary writer for `log_dir`, or None (after `warn`) when it cannot be opened."""
    try:
        import tensorflow as tf

        os.makedirs(log_dir, exist_ok=True)
        return tf.summary.create_file_writer(log_dir)
    except Exception as error:  # an unwritable run directory must not stop training
        warn("log_dir", f"cannot write to log_dir {log_dir!r} ({type(error).__name__}: "
                        f"{str(error).splitlines()[0][:300]}); nothing will be logged")
        return None


def last_logged_step(log_dir, read_events=None):
    """The largest step of any plateau summary in `log_dir`'s own event files, or None.

    `read_events(path)` yields a file's events; by default TensorBoard's own loader (which
    imports TensorFlow when it is installed; event_writer.read_events does not)."""
    if read_events is None:
        from tensorboard.backend.event_processing import event_file_loader

        def read_events(path):
            return event_file_loader.EventFileLoader(path).Load()

    last = None
    for path in glob.glob(os.path.join(glob.escape(os.fspath(log_dir)), "*tfevents*")):
        try:
            for event in read_events(path):
                if event.HasField("summary") and any(
                        value.tag.startswith(md.TAG_PREFIX) for value in event.summary.value):
                    last = event.step if last is None else max(last, event.step)
        except Exception as error:  # a truncated file still tells what it holds so far
            log.info("tb_plateau: stopped reading %s: %s", path, error)
    return last


def is_chief(model):
    """Whether this process writes the run: True except on the non-chief workers of a
    multi-worker strategy (TensorFlow's rule: the "chief" task, or worker 0 when the cluster
    has no chief, as `tf.distribute` reports through `extended.should_save_summary`)."""
    import tensorflow as tf

    strategy = getattr(model, "distribute_strategy", None) or tf.distribute.get_strategy()
    try:
        return bool(strategy.extended.should_save_summary)
    except Exception:  # strategies that do not say: every process is its own run
        return True


def writer_broken(writer, error):
    """Whether `error` means the event file cannot be written any more (a full disk, a writer
    closed under us, a run directory removed) rather than a problem with one signal. Every
    later write would then fail the same way, each under a different signal's name."""
    if writer is None:
        return True
    if bool(getattr(writer, "_closed", False)) or _WRITER_FAILURE.search(str(error)):
        return True
    try:
        writer.flush()
    except Exception:
        return True
    return False


def error_summary(error):
    """One line that says why a write failed (TF errors carry a traceback of the graph)."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    telling = [line for line in lines if _WRITER_FAILURE.search(line)
               and not line.startswith(("File ", "Detected at node"))]
    return f"{type(error).__name__}: {(telling or lines or [''])[0][:300]}"
