"""The diagnostics cadence: which step gets the next diagnostic, from steps and measured costs."""

import math
import pathlib
import subprocess
import sys

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


def test_a_short_run_gets_its_minimum_up_to_the_cap_then_the_cost_decides():
    step_seconds = 0.01
    planned = 200  # the minimum would be one diagnostic every 10 steps
    # Costing 2 steps each, 20 diagnostics are 40 of 200 steps: far over the cap, and over
    # the small-run allowance too (20 * 0.2 s = 4 s), so the cap spaces them.
    cost = 0.2
    planned = 20_000  # 200 s of training: the cap allows more than the small-run seconds
    interval = cadence.auto_interval(1, 0, planned, [1.0, cost], step_seconds * 50, 50)
    assert near(interval, cost / (DIAGNOSTIC_TIME_CAP * step_seconds))
    assert interval > planned // MIN_DIAGNOSTICS_PER_RUN


def test_a_tiny_model_gets_its_minimum_when_all_of_it_takes_a_moment():
    step_seconds = 0.0002  # each diagnostic is many steps, but all 20 fit the allowance
    cost = SMALL_RUN_DIAGNOSTIC_SECONDS / MIN_DIAGNOSTICS_PER_RUN * 0.8
    planned = 400
    interval = cadence.auto_interval(1, 0, planned, [1.0, cost], step_seconds * 50, 50)
    assert interval == planned // MIN_DIAGNOSTICS_PER_RUN


def test_a_short_run_gets_as_many_diagnostics_as_its_small_run_seconds_allow():
    step_seconds = 0.004  # a 1,000-step fit of 4 s: the cap alone would allow 30 ms
    cost = SMALL_RUN_DIAGNOSTIC_SECONDS / 8  # eight of them fit the allowance
    planned = 1000
    interval = cadence.auto_interval(1, 0, planned, [1.0, cost], step_seconds * 50, 50)
    assert near(interval, planned / 8)
    # Cheaper ones get the full minimum (and more, within the budget).
    cheap = cadence.auto_interval(1, 0, planned, [1.0, cost / 100], step_seconds * 50, 50)
    assert cheap <= planned // MIN_DIAGNOSTICS_PER_RUN


def test_a_short_run_gets_its_floor_of_diagnostics_however_slow_the_machine():
    step_seconds = 0.004
    planned = 600
    # On a loaded machine each diagnostic costs 4x: the small-run seconds fit only 2 of
    # them, the floor still gives DIAGNOSTICS_FLOOR; unloaded, the seconds allow more.
    loaded = cadence.auto_interval(1, 0, planned, [1.0, 0.05], step_seconds * 50, 50)
    idle = cadence.auto_interval(1, 0, planned, [1.0, 0.0125], step_seconds * 50, 50)
    assert SMALL_RUN_DIAGNOSTIC_SECONDS / 0.05 < cadence.DIAGNOSTICS_FLOOR
    assert loaded == planned // cadence.DIAGNOSTICS_FLOOR
    assert planned / idle >= 8 > cadence.DIAGNOSTICS_FLOOR


def test_what_was_spent_before_the_probe_was_compiled_comes_out_of_the_allowance():
    step_seconds = 0.003
    planned = 1000  # a 3 s fit: the small-run allowance (0.1 s) decides
    compiled = 0.004
    fresh = cadence.auto_interval(300, 0, planned, [0.06, compiled, compiled],
                                  step_seconds * 300, 300)
    # Two eager diagnostics (30 ms) and the compile (60 ms, the warm-up) already spent 90 ms
    # of the 100: the steps left get what remains, down to the floor's worth.
    after = cadence.auto_interval(300, 0, planned, [0.06, compiled, compiled],
                                  step_seconds * 300, 300, spent_before=0.03)
    assert after > fresh
    assert near(after, math.ceil(700 * compiled / (cadence.DIAGNOSTICS_FLOOR * compiled)))


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
