"""How often the callback runs its diagnostics: pure functions of the steps and measured costs."""

import math
import statistics

# Default number of probe examples used by a diagnostic: 1/64 resolution of zero/saturated
# fractions per unit, at about the cost of one training step of batch 64 (forward and
# backward).
DEFAULT_PROBE_SIZE = 64

# Share of training time the probe diagnostics take at the "auto" cadence when that already
# gives a run MIN_DIAGNOSTICS_PER_RUN of them or more: with the per-step recording (~0.2% of
# a small model's step) and the drains, epoch writes and live checks (~0.2%) it keeps a long
# run's steady cost under 1% (at 0.006 benchmarks/overhead.py --scale 12 accounted 1.00%
# and 0.97%). Short runs spend more, up to SMALL_RUN_DIAGNOSTIC_SECONDS (whole_fit.py
# measures what a whole short fit costs).
DIAGNOSTIC_TIME_BUDGET = 0.004
# A run gets up to MIN_DIAGNOSTICS_PER_RUN diagnostics (spread evenly over the steps Keras
# announces), so the analysis has enough points around a stall even on a short run, as long
# as they cost at most this share of the run's training time ...
DIAGNOSTIC_TIME_CAP = 0.0075
MIN_DIAGNOSTICS_PER_RUN = 20
# ... or, on a short run, this many seconds in all, whichever is more: as many of the
# MIN_DIAGNOSTICS_PER_RUN as fit. The allowance counts every diagnostic the fit has run at
# what it cost (the first one's warm-up and a compile of the probe included; the others at
# their median, so one slow diagnostic does not use it up); before, a compile restarted the
# count and a 1,000-step fit ran 15 diagnostics instead of 6-8. On a short fit of a small model a diagnostic (an eager
# forward and backward pass on the probe, numpy statistics, a dozen writes: ~5-15 ms on a
# CPU) is several of its steps, yet a tenth of a second per fit buys the analysis the points
# it needs; benchmarks/whole_fit.py measures what a whole short fit costs.
SMALL_RUN_DIAGNOSTIC_SECONDS = 0.1
# ... and never fewer than this many, whatever they cost: a diagnostic's measured cost
# follows the machine's load (on a shared 2-core machine the same run's diagnostics cost
# 10 ms or 40 ms), and a seconds allowance alone gave the same run 2 to 20 diagnostics, so
# its diagnosis depended on what else the machine was doing.
DIAGNOSTICS_FLOOR = 6
# Cheap diagnostics on a long run are not written more often than this many per run: more
# points add event-file bytes and reading time, not diagnoses.
MAX_DIAGNOSTICS_PER_RUN = 1000
# Diagnostics whose cost is measured before the budget decides the cadence: the first one
# pays the eager functions' first-call set-up and says nothing about the steady cost.
WARMUP_DIAGNOSTICS = 1


def planned_steps(steps_per_epoch, epochs, epoch):
    """Steps a fit announces from `epoch` (0-based) on, or None when Keras does not say."""
    if not steps_per_epoch or not epochs:
        return None
    return steps_per_epoch * max(epochs - epoch, 1)


def next_diagnostic(step, every, *, first_step, planned=None, diagnostic_seconds=(),
                    train_seconds=0.0, train_steps=0, spent_before=0.0, done_before=0):
    """The first step after `step` that gets a diagnostic.

    Args:
      step: the step just diagnosed.
      every: a positive int (a fixed cadence: its multiples) or "auto".
      first_step: the step the fit started after (a resumed fit starts late).
      planned: the steps the fit announced, or None (then twice those done so far).
      diagnostic_seconds: the cost of each diagnostic so far, in order, since their cost
        last changed for good (the first of them is a warm-up).
      train_seconds, train_steps: measured time of that many training steps.
      spent_before, done_before: seconds and number of the fit's diagnostics before their
        cost changed for good (eager ones before the probe was compiled).
    """
    if every != "auto":
        return (step // every + 1) * every
    return step + auto_interval(step, first_step, planned, diagnostic_seconds, train_seconds,
                                train_steps, spent_before, done_before)


def allowance(planned, step_seconds):
    """Seconds a run of `planned` steps may spend on diagnostics in all: DIAGNOSTIC_TIME_CAP
    of its training time, or SMALL_RUN_DIAGNOSTIC_SECONDS, whichever is more."""
    return max(DIAGNOSTIC_TIME_CAP * planned * step_seconds, SMALL_RUN_DIAGNOSTIC_SECONDS)


def auto_interval(step, first_step, planned, diagnostic_seconds, train_seconds, train_steps,
                  spent_before=0.0, done_before=0):
    """Steps between diagnostics: MIN_DIAGNOSTICS_PER_RUN per run, or as many as the run's
    allowance (`allowance`) has left for, counting every diagnostic the fit has run (the
    warm-ups and a compile included), but never fewer than DIAGNOSTICS_FLOOR in the run;
    more while they cost under DIAGNOSTIC_TIME_BUDGET; at most MAX_DIAGNOSTICS_PER_RUN."""
    planned = planned or max(step - first_step, 1) * 2
    interval = max(1, planned // MIN_DIAGNOSTICS_PER_RUN)
    costs = list(diagnostic_seconds)
    measured = costs[WARMUP_DIAGNOSTICS:]
    if measured and train_steps:
        step_seconds = max(train_seconds / train_steps, 1e-6)
        cost = max(float(statistics.median(measured)), 1e-9)
        affordable = math.ceil(cost / (DIAGNOSTIC_TIME_BUDGET * step_seconds))
        # The warm-ups (and a compile) at what they cost, the others at the median: one slow
        # diagnostic (the machine busy elsewhere) does not use up a long run's allowance.
        spent = spent_before + sum(costs[:WARMUP_DIAGNOSTICS]) + cost * len(measured)
        done = done_before + len(costs)
        left = max(planned - (step - first_step), 1)
        # Further diagnostics the allowance pays for, or those the floor still asks for.
        more = max((allowance(planned, step_seconds) - spent) / cost,
                   DIAGNOSTICS_FLOOR - done)
        capped = math.ceil(left / more) if more >= 1 else left
        interval = max(min(interval, affordable), capped)
    return max(interval, 1, planned // MAX_DIAGNOSTICS_PER_RUN)


def compile_pays(planned, diagnostic_seconds, train_seconds, train_steps, spent_before=0.0):
    """Whether tracing the probe pays in this fit: when what the run's allowance has left
    covers the trace (TRACE_SECONDS + TRACE_EAGER_RUNS eager runs; the last cost is an
    eager one's) and one eager diagnostic more, so the compiled ones that follow (a third
    of an eager one's cost or less) outnumber the eager ones the trace displaces. A fit of
    unknown length is assumed to go on."""
    costs = list(diagnostic_seconds)
    if planned is None or len(costs) <= WARMUP_DIAGNOSTICS or not train_steps:
        return planned is None
    step_seconds = max(train_seconds / train_steps, 1e-6)
    eager = max(float(costs[-1]), 1e-9)
    left = allowance(planned, step_seconds) - spent_before - sum(costs)
    trace = TRACE_SECONDS + TRACE_EAGER_RUNS * eager
    return left >= trace + eager


# Tracing the probe costs about TRACE_SECONDS plus TRACE_EAGER_RUNS of its eager runs (an
# MLP, a CNN, an LSTM and an attention block measured 62-229 ms against 8-98 ms eager: a
# fixed part, Python's, and a part that grows with the model's compute), and a compiled run
# a third or less of an eager one (4-17x less). With less left in the allowance than the
# trace, it would only add to the cost (a 1,000-step fit: benchmarks/whole_fit.py).
TRACE_SECONDS = 0.05
TRACE_EAGER_RUNS = 2


# The live stall check (on_stall) is budgeted at this share of training time, half of its
# 0.2% target: it re-runs the report's analysis on the run so far, which grows with the run,
# so its cadence follows its measured cost, and on this shared machine one check can cost 3x
# the one before it (benchmarks/live_check.py measured 16, 54, 23 ms in one fit), which the
# margin absorbs. A fit's last check, when it returns, is outside this budget (a fixed cost
# per fit, measured separately).
LIVE_CHECK_BUDGET = 0.001


# A check reads the whole run so far, so the next one costs more than the last: it is
# budgeted at this multiple of the larger of the last cost and the median.
LIVE_CHECK_GROWTH = 1.25


def next_live_check(train_seconds, check_seconds):
    """Training seconds after which the next live check may run: the checks so far plus the
    next one (predicted from the last, grown by LIVE_CHECK_GROWTH) stay within
    LIVE_CHECK_BUDGET of the training time."""
    costs = list(check_seconds)
    if not costs:
        return 0.0
    predicted = LIVE_CHECK_GROWTH * max(costs[-1], statistics.median(costs))
    return (sum(costs) + predicted) / LIVE_CHECK_BUDGET


def first_live_check(expected_seconds=0.01):
    """Training seconds before the first live check, whose cost is not yet measured: the
    time that makes a check of `expected_seconds` fit the budget."""
    return expected_seconds / LIVE_CHECK_BUDGET
