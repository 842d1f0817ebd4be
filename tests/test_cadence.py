"""The diagnostics cadence: which step gets the next diagnostic, from steps and measured costs."""

import math
import pathlib
import subprocess
import sys

import numpy as np

from tb_plateau.record import cadence
from tb_plateau.record.cadence import (DIAGNOSTIC_TIME_BUDGET, DIAGNOSTIC_TIME_CAP,
                                       MAX_DIAGNOSTICS_PER_RUN, MIN_DIAGNOSTICS_PER_RUN,
                                       SMALL_RUN_DIAGNOSTIC_SECONDS, next_diagnostic)


ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_cadence_is_pure_arithmetic_without_tensorflow():
    code = ("import sys; import tb_plateau.record.cadence; "
            "assert 'tensorflow' not in sys.modules and 'keras' not in sys.modules")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]


def near(value, expected):
    """Equal up to the rounding of a ceil over float products."""
    return abs(value - expected) <= 1


def test_fixed_cadence_diagnoses_the_multiples_of_every():
    assert next_diagnostic(1, 10, first_step=0) == 10
    assert next_diagnostic(10, 10, first_step=0) == 20
    assert next_diagnostic(17, 10, first_step=0) == 20
    # A resumed fit keeps to the same multiples, whatever its first step.
    assert next_diagnostic(101, 10, first_step=100) == 110


def test_planned_steps_count_from_the_epoch_the_fit_starts_at():
    assert cadence.planned_steps(50, 10, 0) == 500
    assert cadence.planned_steps(50, 10, 4) == 300  # initial_epoch=4
    assert cadence.planned_steps(50, 10, 10) == 50  # never less than one epoch
    assert cadence.planned_steps(None, 10, 0) is None  # a generator of unknown length
    assert cadence.planned_steps(50, None, 0) is None


def test_before_any_cost_is_measured_a_run_gets_its_minimum_spread_evenly():
    planned = 2000
    interval = planned // MIN_DIAGNOSTICS_PER_RUN
    assert next_diagnostic(1, "auto", first_step=0, planned=planned) == 1 + interval
    # The first diagnostic only warms up (it traces): its cost does not count yet.
    assert next_diagnostic(1, "auto", first_step=0, planned=planned, diagnostic_seconds=[9.0],
                           train_seconds=1.0, train_steps=100) == 1 + interval


def test_without_a_planned_length_the_run_is_assumed_twice_as_long_as_so_far():
    # 400 steps done since the fit started at 100: 800 planned, 20 diagnostics.
    assert next_diagnostic(500, "auto", first_step=100) == 500 + 800 // MIN_DIAGNOSTICS_PER_RUN


def test_cheap_diagnostics_come_more_often_within_the_budget_down_to_the_maximum():
    step_seconds = 0.01
    cost = 0.2 * DIAGNOSTIC_TIME_BUDGET * step_seconds  # affordable every step or so
    planned = 100_000
    following = next_diagnostic(10, "auto", first_step=0, planned=planned,
                                diagnostic_seconds=[1.0, cost, cost], train_seconds=step_seconds
                                * 100, train_steps=100)
    # Affordable every step, but never more than MAX_DIAGNOSTICS_PER_RUN in a run.
    assert following == 10 + planned // MAX_DIAGNOSTICS_PER_RUN


def test_expensive_diagnostics_on_a_long_run_keep_to_the_time_budget():
    step_seconds = 0.01
    cost = 0.5  # 50 steps' worth: at a 1% budget, one every 5000 steps
    planned = 1_000_000
    interval = cadence.auto_interval(10, 0, planned, [1.0, cost, cost, cost], 1.0, 100)
    assert near(interval, cost / (DIAGNOSTIC_TIME_BUDGET * step_seconds))


def simulate(planned, step_seconds, warmup, cost, compiled=None, compile_after=2):
    """A fit's diagnostics under the auto cadence, as the recording runs them: the first
    costs `warmup`, the others `cost`; with `compiled`, the probe is compiled after
    `compile_after` diagnostics (the next one traces, costing `warmup`, the ones after it
    `compiled`). Returns (the diagnosed steps, the seconds they took in all)."""
    steps, spent, costs, spent_before, done_before = [], 0.0, [], 0.0, 0
    step = 1
    while step <= planned:
        steps.append(step)
        if not costs and not done_before:
            seconds = warmup
        elif compiled is not None and done_before:
            seconds = compiled if costs else warmup
        else:
            seconds = cost
        spent += seconds
        costs.append(seconds)
        if compiled is not None and not done_before and len(costs) == compile_after:
            spent_before, done_before, costs = sum(costs), len(costs), []
        step = next_diagnostic(step, "auto", first_step=0, planned=planned,
                               diagnostic_seconds=costs, train_seconds=step_seconds * step,
                               train_steps=step, spent_before=spent_before,
                               done_before=done_before)
    return steps, spent


def test_a_long_run_of_expensive_diagnostics_spends_its_cap_not_the_minimum():
    step_seconds = 0.01
    planned = 20_000  # 200 s of training: the cap (1.5 s) allows more than the small-run 0.1 s
    steps, spent = simulate(planned, step_seconds, warmup=0.3, cost=0.2)
    allowed = DIAGNOSTIC_TIME_CAP * planned * step_seconds
    assert len(steps) < MIN_DIAGNOSTICS_PER_RUN
    assert allowed - 0.2 <= spent <= allowed + 0.2
    # Spread over the run once the cost is known (the second comes at the minimum's spacing).
    gaps = np.diff(steps)[1:]
    assert max(gaps) - min(gaps) <= 0.01 * planned and steps[-1] > 0.7 * planned


def test_a_tiny_model_gets_its_minimum_when_all_of_it_takes_a_moment():
    planned = 400
    cost = SMALL_RUN_DIAGNOSTIC_SECONDS / MIN_DIAGNOSTICS_PER_RUN * 0.5
    steps, spent = simulate(planned, 0.0002, warmup=2 * cost, cost=cost)
    assert len(steps) >= MIN_DIAGNOSTICS_PER_RUN
    assert spent <= SMALL_RUN_DIAGNOSTIC_SECONDS


def test_a_short_fit_spends_its_small_run_seconds_in_all_warm_up_included():
    # A 1,000-step fit of 3 s: the cap alone would allow 22 ms, the small-run allowance
    # 100 ms; the first diagnostic's warm-up is part of what the fit spends.
    planned, step_seconds = 1000, 0.003
    for warmup, cost in [(0.04, 0.008), (0.03, 0.005), (0.02, 0.004)]:
        steps, spent = simulate(planned, step_seconds, warmup, cost)
        assert SMALL_RUN_DIAGNOSTIC_SECONDS - cost <= spent <= SMALL_RUN_DIAGNOSTIC_SECONDS + cost
        assert len(steps) > cadence.DIAGNOSTICS_FLOOR


def test_a_short_run_gets_its_floor_of_diagnostics_however_slow_the_machine():
    planned, step_seconds = 600, 0.004
    # On a loaded machine each diagnostic costs 4x: the small-run seconds pay for 2 of
    # them, the floor still gives DIAGNOSTICS_FLOOR, spread over the run, and no more.
    loaded, _ = simulate(planned, step_seconds, warmup=0.1, cost=0.05)
    assert len(loaded) == cadence.DIAGNOSTICS_FLOOR
    assert loaded[-1] >= planned * (cadence.DIAGNOSTICS_FLOOR - 1) / cadence.DIAGNOSTICS_FLOOR - 1
    idle, _ = simulate(planned, step_seconds, warmup=0.025, cost=0.0125)
    assert len(idle) > cadence.DIAGNOSTICS_FLOOR


def test_what_was_spent_before_the_probe_was_compiled_comes_out_of_the_allowance():
    planned, step_seconds = 10_000, 0.003  # 30 s: an allowance of 225 ms
    allowed = DIAGNOSTIC_TIME_CAP * planned * step_seconds
    steps, spent = simulate(planned, step_seconds, warmup=0.04, cost=0.012, compiled=0.004)
    assert spent <= allowed + 0.004
    # Without counting the eager ones and the trace, the compiled ones alone would have had
    # the whole allowance: 56 of them.
    assert len(steps) < 2 + allowed / 0.004
    # A 1,000-step fit whose probe was compiled anyway: the eager ones and the trace used up
    # its 100 ms, so it gets the floor's worth, not a new allowance's.
    steps, spent = simulate(1000, step_seconds, warmup=0.04, cost=0.012, compiled=0.004)
    assert len(steps) == cadence.DIAGNOSTICS_FLOOR
    assert spent <= 0.04 + 0.012 + 0.04 + 3 * 0.004 + 1e-9


def test_compiling_the_probe_pays_only_when_the_allowance_left_buys_enough():
    eager = 0.012
    # A 1,000-step fit of 3 s: its 100 ms are nearly gone after the two eager diagnostics.
    assert not cadence.compile_pays(1000, [0.04, eager], 0.3, 100)
    # A 10,000-step one has 225 ms, 173 left: the trace (about 74 ms) pays.
    assert cadence.compile_pays(10_000, [0.04, eager], 0.3, 100)
    # A model whose eager diagnostic costs 50 ms on a 4,800-step fit of 9 ms steps: 324 ms
    # in all, 224 left after two eager ones, enough for a trace of about 150 ms and more.
    assert cadence.compile_pays(4800, [0.05, 0.05], 0.9, 100)
    # Half as long a fit: 62 ms left, less than the trace would cost.
    assert not cadence.compile_pays(2400, [0.05, 0.05], 0.9, 100)
    # A fit of unknown length is assumed to go on; one cost (the warm-up) says nothing yet.
    assert cadence.compile_pays(None, [0.04, eager], 0.3, 100)
    assert not cadence.compile_pays(10_000, [0.04], 0.3, 100)


def test_the_median_cost_ignores_one_slow_diagnostic():
    step_seconds = 0.01
    cost = 0.01
    steady = cadence.auto_interval(10, 0, 50_000, [1.0, cost, cost, cost], 1.0, 100)
    spiked = cadence.auto_interval(10, 0, 50_000, [1.0, cost, 5.0, cost], 1.0, 100)
    assert steady == spiked and near(steady, cost / (DIAGNOSTIC_TIME_BUDGET * step_seconds))


def test_live_checks_stay_within_their_budget_as_they_grow():
    from tb_plateau.record.cadence import LIVE_CHECK_BUDGET, first_live_check, next_live_check

    assert first_live_check(0.01) == 0.01 / LIVE_CHECK_BUDGET
    costs, train, spent = [], 0.0, 0.0
    allowed = first_live_check(0.01)
    for i in range(200):  # checks that grow with the run, run as soon as they are allowed
        train = max(train + 0.1, allowed)
        cost = 0.01 * (1 + 0.02 * i)
        costs.append(cost)
        spent += cost
        assert spent <= LIVE_CHECK_BUDGET * train * 1.01
        allowed = next_live_check(train, costs)
        assert allowed > train  # never two checks back to back


def test_no_live_check_is_due_before_the_first_is_affordable():
    from tb_plateau.record.cadence import next_live_check

    assert next_live_check(0.0, []) == 0.0
