"""Wall time of a fit's training steps and of the callback's own work between them."""

import time


class FitClock:
    """What the "auto" cadence weighs a diagnostic against (the steps' time and the
    diagnostics' cost) and what benchmarks/overhead.py reads (`hook_seconds`): the
    callback's hooks only mark when they start and end.

    The time between the end of one `on_train_batch_begin` and the start of the next is
    training; time in the hooks (diagnostics, drains, weight copies) and between epochs
    (validation) is not.
    """

    def __init__(self):
        self.train_seconds = 0.0
        self.train_steps = 0
        self.hook_seconds = 0.0
        self.diagnostic_seconds = []  # cost of each diagnostic, in order
        # Seconds of diagnostics run before their cost changed for good (cadence.py).
        self.diagnostics_spent_before = 0.0
        self.diagnostics_done_before = 0
        self._hook_ended = None

    def batch_hook_starts(self, steps, count_them):
        """Called first in `on_train_batch_begin`: the `steps` since the last hook ended are
        training time when `count_them` (not the fit's first execution, which traces the
        train function for seconds). Returns the hook's start time."""
        now = time.perf_counter()
        if self._hook_ended is not None and count_them:
            self.train_seconds += now - self._hook_ended
            self.train_steps += steps
        return now

    def batch_hook_ends(self, started):
        self._hook_ended = time.perf_counter()
        self.hook_seconds += self._hook_ended - started

    def hook_ends(self, started):
        """The end of a hook that is not followed by a training step."""
        self.hook_seconds += time.perf_counter() - started

    def pause(self):
        """Time until the next batch hook is not training (an epoch boundary)."""
        self._hook_ended = None
