"""The interval finder on synthetic series with known answers."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tb_plateau.analysis import stalled_intervals

N = 1000
STEPS = np.arange(1, N + 1)


def kinds(result):
    return [i["kind"] for i in result]


def check_wellformed(result, steps):
    previous_end = None
    for i in result:
        assert i["kind"] in ("stalled", "diverged")
        assert steps[0] <= i["start_step"] <= i["end_step"] <= steps[-1]
        assert steps[i["start_index"]] == i["start_step"]
        assert steps[i["end_index"]] == i["end_step"]
        if previous_end is not None:
            assert i["start_step"] > previous_end
        previous_end = i["end_step"]


def test_empty_and_single_point_have_no_interval():
    assert stalled_intervals(np.zeros(0, int), np.zeros(0)) == []
    assert stalled_intervals(np.array([1]), np.array([2.3])) == []


def test_constant_series_is_one_stall_over_the_whole_run():
    result = stalled_intervals(STEPS, np.full(N, 2.302585))
    assert kinds(result) == ["stalled"]
    assert result[0]["start_step"] == 1 and result[0]["end_step"] == N
    assert result[0]["loss_level"] == pytest.approx(2.302585)


def test_constant_zero_is_a_stall():
    result = stalled_intervals(STEPS[:50], np.zeros(50))
    assert kinds(result) == ["stalled"]


def test_batch_noise_around_a_flat_level_is_a_stall():
    rng = np.random.default_rng(1234)
    loss = 2.3 + 0.3 * rng.standard_normal(N)
    result = stalled_intervals(STEPS, loss)
    assert kinds(result) == ["stalled"]
    assert result[0]["start_step"] <= 0.05 * N and result[0]["end_step"] == N
    assert result[0]["loss_level"] == pytest.approx(2.3, abs=0.05)


@pytest.mark.parametrize("noise", [0.0, 0.05, 0.2])
def test_healthy_descent_has_no_stall(noise):
    rng = np.random.default_rng(1235)
    loss = STEPS ** -0.3 * (1 + noise * rng.standard_normal(N))
    assert stalled_intervals(STEPS, loss) == []


def test_oscillation_without_progress_is_a_stall():
    rng = np.random.default_rng(1236)
    loss = 2.0 + np.sin(STEPS / 20) + 0.2 * rng.standard_normal(N)
    result = stalled_intervals(STEPS, loss)
    assert kinds(result) == ["stalled"]
    assert result[0]["end_step"] == N
    assert result[0]["end_step"] - result[0]["start_step"] >= 0.7 * N


def test_descent_then_plateau_starts_where_the_plateau_starts():
    rng = np.random.default_rng(1237)
    loss = np.where(STEPS < 300, 2.3 - 1.5 * STEPS / 300, 0.8) + 0.05 * rng.standard_normal(N)
    result = stalled_intervals(STEPS, loss)
    assert kinds(result) == ["stalled"]
    assert 250 <= result[0]["start_step"] <= 350
    assert result[0]["end_step"] == N


def test_several_intervals_are_found_separately():
    rng = np.random.default_rng(1238)
    loss = np.concatenate([np.full(300, 2.3), np.linspace(2.3, 1.0, 100), np.full(300, 1.0),
                           np.linspace(1.0, 0.1, 300)]) + 0.03 * rng.standard_normal(N)
    result = stalled_intervals(STEPS, loss)
    assert kinds(result) == ["stalled", "stalled"]
    first, second = result
    assert first["start_step"] <= 20 and 270 <= first["end_step"] <= 330
    assert 380 <= second["start_step"] <= 430 and 680 <= second["end_step"] <= 740
    assert first["loss_level"] == pytest.approx(2.3, abs=0.05)
    assert second["loss_level"] == pytest.approx(1.0, abs=0.05)


def test_nan_tail_is_a_divergence_starting_at_the_first_nan():
    loss = 2.3 * np.exp(-STEPS / 200) + 0.1
    loss[700:] = np.nan
    result = stalled_intervals(STEPS, loss)
    assert kinds(result)[-1] == "diverged"
    assert result[-1]["start_step"] == 701 and result[-1]["end_step"] == N
    assert result[-1]["loss_level"] is None


def test_inf_tail_counts_like_nan():
    rng = np.random.default_rng(1239)
    loss = np.full(200, 1.0) + 0.01 * rng.standard_normal(200)
    loss[150:] = np.inf
    result = stalled_intervals(STEPS[:200], loss)
    assert kinds(result) == ["stalled", "diverged"]
    assert result[1]["start_step"] == 151


def test_blow_up_without_nan_is_a_divergence_from_the_best_point():
    loss = np.concatenate([2.3 * np.exp(-np.arange(500) / 100) + 0.1,
                           0.1 * np.exp(np.arange(500) / 40)])
    result = stalled_intervals(STEPS, loss)
    assert kinds(result)[-1] == "diverged"
    assert 480 <= result[-1]["start_step"] <= 560


def test_a_single_spike_is_not_a_divergence():
    loss = STEPS ** -0.3
    loss[500] = 1e6
    assert "diverged" not in kinds(stalled_intervals(STEPS, loss))


def test_all_nan_is_diverged_from_the_start():
    result = stalled_intervals(STEPS[:10], np.full(10, np.nan))
    assert kinds(result) == ["diverged"] and result[0]["start_step"] == 1


def test_short_per_epoch_series():
    flat = np.array([2.3, 2.29, 2.3, 2.31, 2.3, 2.3, 2.29, 2.3, 2.3, 2.3])
    assert kinds(stalled_intervals(np.arange(10), flat)) == ["stalled"]
    improving = np.array([2.3, 1.6, 1.2, 0.95, 0.8, 0.68, 0.58, 0.5, 0.44, 0.39])
    assert stalled_intervals(np.arange(10), improving) == []


def test_short_stretch_is_not_a_stall():
    # Flat for 10% of the run in the middle of a healthy descent.
    loss = np.concatenate([np.linspace(2.3, 1.5, 450), np.full(100, 1.5), np.linspace(1.5, 0.2, 450)])
    assert stalled_intervals(STEPS, loss) == []


def test_uneven_steps_are_reported_in_steps():
    rng = np.random.default_rng(1240)
    steps = np.cumsum(rng.integers(1, 50, size=300))
    loss = np.full(300, 0.7) + 0.01 * rng.standard_normal(300)
    result = stalled_intervals(steps, loss)
    assert result[0]["start_step"] == steps[0] and result[0]["end_step"] == steps[-1]


def test_million_points():
    rng = np.random.default_rng(1241)
    steps = np.arange(1, 1_000_001)
    loss = np.maximum(2.3 - steps / 2e5, 0.4) + 0.1 * rng.standard_normal(len(steps))
    result = stalled_intervals(steps, loss)
    assert kinds(result) == ["stalled"]
    assert 350_000 <= result[0]["start_step"] <= 420_000


@settings(max_examples=40, deadline=None)
@given(scale=st.floats(1e-3, 1e3), seed=st.integers(0, 10_000),
       n=st.integers(1, 400), shape=st.sampled_from(["flat", "descent", "plateau", "nan"]))
def test_intervals_are_wellformed_and_scale_invariant(scale, seed, n, shape):
    rng = np.random.default_rng(seed)
    steps = np.arange(n) * 3 + 7
    t = np.linspace(0, 1, n)
    base = {"flat": np.ones(n), "descent": np.exp(-3 * t), "plateau": np.maximum(1 - 2 * t, 0.3),
            "nan": np.where(t < 0.6, 1.0, np.nan)}[shape]
    noise = 1 + 0.05 * rng.standard_normal(n)
    loss = base * noise
    result = stalled_intervals(steps, loss)
    check_wellformed(result, steps)
    scaled = stalled_intervals(steps, loss * scale)
    assert [(i["kind"], i["start_step"], i["end_step"]) for i in scaled] == \
        [(i["kind"], i["start_step"], i["end_step"]) for i in result]


# --- where a stall starts, local noise, slow progress ---------------------------------------

from tb_plateau.analysis.intervals import (recent_gain, slow_progress_interval,  # noqa: E402
                                           still_creeping)


def test_stall_after_a_jump_starts_where_progress_ended_not_where_the_level_was_reached():
    rng = np.random.default_rng(1242)
    # Falls 2.3 -> 1.0 by step 400, then a jump back up to a flat 1.4: the loss passed 1.4
    # around step 250, but progress only ended at 400.
    loss = np.where(STEPS <= 400, 2.3 - 1.3 * STEPS / 400, 1.4) + 0.02 * rng.standard_normal(N)
    result = stalled_intervals(STEPS, loss)
    assert kinds(result) == ["stalled"]
    assert 370 <= result[0]["start_step"] <= 440
    assert result[0]["loss_level"] == pytest.approx(1.4, abs=0.05)


def test_flat_level_reached_early_still_starts_early():
    rng = np.random.default_rng(1243)
    # The look-alike: the level is reached once and kept, so the start stays there.
    loss = np.where(STEPS <= 250, 2.3 - 0.9 * STEPS / 250, 1.4) + 0.02 * rng.standard_normal(N)
    result = stalled_intervals(STEPS, loss)
    assert kinds(result) == ["stalled"]
    assert 220 <= result[0]["start_step"] <= 300


def test_multiplicative_noise_descent_is_not_a_stall():
    # Batch noise proportional to the loss: large at the start, small at the end; one
    # global noise estimate would call the late (real, 3x) descent noise.
    for seed in range(5):
        rng = np.random.default_rng(181 + seed)
        loss = np.exp(-3 * np.linspace(0, 1, 223)) * (1 + 0.05 * rng.standard_normal(223))
        steps = np.arange(223) * 3 + 7
        result = stalled_intervals(steps, loss)
        check_wellformed(result, steps)
        assert result == []


def test_intervals_never_overlap():
    # Two plateaus between descents, then NaN: three intervals back to back, the last two
    # touching where the second plateau turns into the divergence.
    rng = np.random.default_rng(207)
    n = 1000
    steps = np.arange(n) * 3 + 7
    i = np.arange(n, dtype=float)
    loss = np.piecewise(i, [i < 200, (i >= 200) & (i < 450), (i >= 450) & (i < 600), i >= 600],
                        [lambda x: 2.3 - 0.8 * x / 200, 1.5,
                         lambda x: 1.5 - 0.9 * (x - 450) / 150, 0.6])
    loss = loss * (1 + 0.01 * rng.standard_normal(n))
    loss[850:] = np.nan
    result = stalled_intervals(steps, loss)
    assert kinds(result) == ["stalled", "stalled", "diverged"]
    check_wellformed(result, steps)
    assert result[1]["end_index"] + 1 == result[2]["start_index"]


def test_slow_creep_far_from_a_good_loss_is_a_slow_stall():
    rng = np.random.default_rng(1244)
    # Falls to 0.92 x ln 4 by 40% of the run, then creeps ~0.3% per tenth of the run.
    t = np.linspace(0, 1, N)
    loss = np.where(t < 0.4, 1.386 - 0.28 * t, 1.274 - 0.03 * (t - 0.4)) + \
        0.01 * rng.standard_normal(N)
    found = slow_progress_interval(STEPS, loss, good_level=0.5 * 1.386)
    assert found is not None and found["kind"] == "stalled"
    # From where the remaining gain is < 10% of the gap to a good loss (t ~ 0.26).
    assert 200 <= found["start_step"] <= 420 and found["end_step"] == N


def test_steady_descent_towards_a_good_loss_is_not_slow():
    rng = np.random.default_rng(1245)
    t = np.linspace(0, 1, N)
    loss = 1.386 - 0.5 * t + 0.01 * rng.standard_normal(N)  # still 0.12 per fifth of the run
    assert slow_progress_interval(STEPS, loss, good_level=0.5 * 1.386) is None


def test_a_creep_that_keeps_its_pace_to_the_end_is_still_creeping():
    """A stretch falling 4.5% at a steady pace, under three times that much batch noise,
    still creeps; the same fall made mostly early (settling toward its level), a flat
    stretch and a rising one do not."""
    rng = np.random.default_rng(1250)
    x = np.linspace(0, 1, 300)
    noise = 0.01 * rng.standard_normal(300)
    assert still_creeping(0.66 - 0.03 * x + noise)
    assert not still_creeping(0.62 + 0.04 * np.exp(-x / 0.15) + noise)
    assert not still_creeping(0.66 + noise)
    assert not still_creeping(0.66 + 0.03 * x + noise)
    # Long stretches are fitted on group means: the answer holds at 20,000 points.
    x = np.linspace(0, 1, 20000)
    noise = 0.05 * rng.standard_normal(20000)
    assert still_creeping(0.66 - 0.03 * x + noise)
    assert not still_creeping(0.62 + 0.04 * np.exp(-x / 0.15) + noise)


def test_recent_gain_compares_the_last_quarter_with_the_one_before():
    loss = np.concatenate([np.full(50, 9.0), np.full(25, 2.0), np.full(25, 1.5)])
    gain, level = recent_gain(loss)
    assert gain == pytest.approx(0.5) and level == pytest.approx(1.5)
    assert recent_gain(np.ones(3)) is None
