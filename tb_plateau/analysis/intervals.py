"""The interval finder: where a loss series stopped improving, and where it diverged."""

import math

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from tb_plateau.analysis import thresholds as T

# Consistency constants of robust statistics: MAD -> std for a normal distribution, and
# the standard error of a median relative to that of a mean (sqrt(pi/2)).
_MAD_TO_STD = 1.4826
_MEDIAN_SE = math.sqrt(math.pi / 2)


def _finite_or_none(x):
    x = float(x)
    return x if math.isfinite(x) else None


def _blocks(values):
    """Split `values` into at most MAX_BLOCKS consecutive blocks.

    Returns (levels, starts): each block's median and its first index. A series of up to
    MAX_BLOCKS points keeps one point per block (per-epoch series are already averages).
    """
    n = len(values)
    size = max(1, -(-n // T.MAX_BLOCKS))
    full = n // size
    levels = np.median(values[: full * size].reshape(full, size), axis=1) if full else \
        np.zeros(0)
    if full * size < n:
        levels = np.append(levels, np.median(values[full * size:]))
    starts = np.arange(len(levels)) * size
    return levels, starts, size


def _block_noise(levels):
    """Robust std of one block's level, from first differences (a slow trend cancels)."""
    if len(levels) < 3:
        return 0.0
    # Second differences cancel a locally linear trend too, so the curvature of a short
    # per-epoch curve is not mistaken for noise; var(x[i-1] - 2x[i] + x[i+1]) = 6 var(x).
    d = np.diff(levels, 2)
    return float(_MAD_TO_STD * np.median(np.abs(d - np.median(d))) / math.sqrt(6))


def _local_noise(levels, window):
    """Robust std of one block's level around each block (array like `levels`).

    Batch noise is roughly proportional to the loss (cross-entropy, MSE): a run's noise at
    loss 2 says nothing about its noise at loss 0.05, and one global estimate would call a
    real descent at the low end "noise". Each block gets the estimate of the `window`
    blocks around it (at least 5 second differences, so the MAD means something).
    """
    nb = len(levels)
    if nb < 3:
        return np.zeros(nb)
    d = np.diff(levels, 2)  # d[i] is centred on block i + 1
    w = int(min(len(d), max(5, window)))
    if w >= len(d):
        return np.full(nb, _block_noise(levels))
    windows = sliding_window_view(d, w)
    centre = np.median(windows, axis=1, keepdims=True)
    mad = np.median(np.abs(windows - centre), axis=1)
    local = _MAD_TO_STD * mad / math.sqrt(6)
    # windows[j] covers d[j .. j+w-1], i.e. blocks j+1 .. j+w: centred on block j + 1 + w//2.
    centres = np.arange(len(local)) + 1 + w // 2
    idx = np.clip(np.searchsorted(centres, np.arange(nb)), 0, len(local) - 1)
    return local[idx]


def centred_windows(n, window):
    """(lo, hi): the bounds of a `window`-point window centred on each of n points,
    shrinking at the ends rather than padded (padding would bias the ends towards their
    last value)."""
    lo = np.clip(np.arange(n) - window // 2, 0, n)
    hi = np.clip(np.arange(n) + (window - window // 2), 0, n)
    return lo, hi


def progress_points(n):
    """The loss points of one progress window in a run of `n` points: PROGRESS_WINDOW_FRACTION
    of them, at least MIN_STALL_POINTS; the least over which the engine judges any progress
    (a resumption, a stall holding to the end, a level reached before a rate fell)."""
    return max(T.MIN_STALL_POINTS, int(T.PROGRESS_WINDOW_FRACTION * n))


def running_median(values, window):
    """The median of each point's centred window (see centred_windows)."""
    lo, hi = centred_windows(len(values), window)
    return np.array([np.median(values[a:b]) for a, b in zip(lo, hi)])


def _blow_up(levels):
    """Index of the first block where the loss has blown up and stays up, or None."""
    if len(levels) < 2:
        return None
    best = np.minimum.accumulate(levels)
    initial = levels[0]
    threshold = np.where(levels > 0, T.DIVERGE_FACTOR * np.maximum(best, initial), np.inf)
    if initial <= 0 or np.min(levels) <= 0:
        # A loss that reaches zero or below (a cosine similarity, a log-likelihood) has no
        # scale a factor over its start measures: a swing from -0.06 to 0.12 is no blow-up.
        threshold = np.full(len(levels), np.inf)
    threshold = np.minimum(threshold, T.DIVERGE_ABSOLUTE)
    above = levels >= threshold
    for k in np.flatnonzero(above):
        if k == 0:
            continue
        # Stays up: most of what follows is still above the threshold at k.
        if np.median(levels[k:]) >= threshold[k]:
            return int(k)
    return None


def _block_tol(level, noise):
    return max(T.MIN_PROGRESS_PER_WINDOW * abs(level), T.PROGRESS_NOISE_Z * noise)


def _flat_runs(levels, size, min_blocks):
    """Maximal runs of blocks where the smoothed loss makes no new progress.

    Returns a list of (first_block, last_block, level), in order and not overlapping.
    """
    nb = len(levels)
    window = max(2, int(round(T.PROGRESS_WINDOW_FRACTION * nb)))
    half = max(1, window // 2)
    if nb < half + 1:
        return []
    smooth = np.median(sliding_window_view(levels, half), axis=1) if half > 1 else levels
    # smooth[k] covers blocks k .. k+half-1
    noise = _local_noise(levels, 2 * window)
    se_diff = math.sqrt(2) * _MEDIAN_SE * noise / math.sqrt(half)
    best_before = np.minimum.accumulate(smooth)
    positions = np.arange(half, len(smooth))  # a window's second half starts here
    if len(positions) == 0:
        return []
    progress = best_before[positions - half] - smooth[positions]
    tolerance = np.maximum(T.MIN_PROGRESS_PER_WINDOW * np.abs(smooth[positions]),
                           T.PROGRESS_NOISE_Z * se_diff[positions])
    flat = progress <= tolerance
    runs = []
    i = 0
    while i < len(positions):
        if not flat[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(positions) and flat[j + 1]:
            j += 1
        p0, p1 = int(positions[i]), int(positions[j])
        last = min(nb - 1, p1 + half - 1)
        # The plateau's level is that of the first window that made no progress; walk
        # back to where the smoothed loss reached it.
        reference = float(smooth[p0 - half])
        tol = max(T.MIN_PROGRESS_PER_WINDOW * abs(reference),
                  T.PROGRESS_NOISE_Z * float(se_diff[p0]))
        above = np.flatnonzero(smooth[:p0 - half + 1] > reference + tol)
        first = int(above[-1]) + 1 if len(above) else 0
        # Trim single blocks at either end that are off the plateau (the descent into it,
        # the descent out of it), with a per-block noise tolerance.
        for _ in range(half):
            if last - first < 2:
                break
            local = float(np.median(levels[first + 1:first + 1 + half]))
            if levels[first] <= local + _block_tol(local, noise[first]):
                break
            first += 1
        for _ in range(half):
            if last - first < 2:
                break
            local = float(np.median(levels[max(first, last - half):last]))
            if levels[last] >= local - _block_tol(local, noise[last]):
                break
            last -= 1
        level = float(np.median(levels[first:last + 1]))
        runs.append([first, last, level, tol])
        i = j + 1
    # Merge runs that touch or overlap and sit at the same level (progress in between was
    # a noise burst, not a descent to a lower plateau).
    merged = []
    for run in runs:
        if merged and run[0] <= merged[-1][1] + half and \
                run[2] >= merged[-1][2] - max(run[3], merged[-1][3]):
            prev = merged[-1]
            prev[1] = max(prev[1], run[1])
            prev[2] = float(np.median(levels[prev[0]:prev[1] + 1]))
        else:
            if merged and run[0] <= merged[-1][1]:
                # A lower plateau whose walk-back reached into the previous one: the
                # earlier interval ends where the descent to the lower one began.
                merged[-1][1] = run[0] - 1
            merged.append(run)
    merged = [r for r in merged if r[1] >= r[0]]
    return [(a, b, lvl) for a, b, lvl, _ in merged if b - a + 1 >= min_blocks]


def _progress_end(levels, noise, half):
    """Index (into `levels`) after which the smoothed loss never again drops by more than
    its noise band: where progress actually ended.

    A walk back to "where the loss first reached the plateau's level" can land in front of
    a descent *below* that level (a loss that fell further, then jumped back up after a
    learning-rate change) or of a descent that was still under way; the stall starts at
    the last point from which no further real progress was made.
    """
    n = len(levels)
    if n < 3:
        return 0
    # Smoothed over a whole progress window (centred), so that a periodic pattern (the same
    # batches every epoch) or a few low batches cannot pass for a lower level.
    w = max(1, min(2 * half, n // 3))
    lo, hi = centred_windows(n, w)
    smooth = running_median(levels, w)
    counts = (hi - lo).astype(np.float64)
    # The drop from s to the later minimum t is a difference of two smoothed values: its
    # noise is that of both places (batch noise changes along a run).
    future_min = np.minimum.accumulate(smooth[::-1])[::-1]
    t = np.array([k + int(np.argmin(smooth[k:])) for k in range(n)])
    se = _MEDIAN_SE * np.sqrt(noise ** 2 / counts + noise[t] ** 2 / counts[t])
    band = np.maximum(T.MIN_PROGRESS_PER_WINDOW * np.abs(smooth), T.PROGRESS_NOISE_Z * se)
    # Progress means a new best: a loss recovering from a spike (after a learning-rate
    # jump) towards a level it had already reached is not progress.
    best = np.minimum.accumulate(smooth)
    ok = np.flatnonzero(best - future_min <= band)
    return int(ok[0]) if len(ok) else 0


def _confirmed(levels, level):
    """The whole interval (its block levels) improves by less than MAX_INTERVAL_PROGRESS
    of its level from its first fifth to its last, beyond what the spread of its levels
    explains (a loss oscillating without progress has a wide spread, a real descent
    moves its head and tail apart by more than its spread)."""
    n = len(levels)
    noise = _MAD_TO_STD * float(np.median(np.abs(levels - np.median(levels))))
    fifth = max(1, n // 5)
    head = float(np.median(levels[:fifth]))
    tail = float(np.median(levels[-fifth:]))
    se = math.sqrt(2) * _MEDIAN_SE * noise / math.sqrt(fifth)
    if head - tail > max(T.MAX_INTERVAL_PROGRESS * abs(level), T.PROGRESS_NOISE_Z * se):
        return False
    # A steady descent buried in batch noise: head and tail medians use two fifths of the
    # points, a straight-line fit uses all of them (its drop over the interval has standard
    # error ~sigma * sqrt(12 / n) instead of ~sigma * sqrt(10 / n) * 1.25 for the medians).
    # Real progress beyond the noise is not a stall. Theil-Sen (median of pairwise slopes)
    # so that one spike (a learning-rate jump) cannot tilt the line.
    if n >= 8:
        slope, slope_se = _theil_sen(levels)
        drop = -slope * (n - 1)
        drop_se = slope_se * (n - 1)
        if drop > max(T.MAX_INTERVAL_PROGRESS * abs(level), T.PROGRESS_NOISE_Z * drop_se):
            return False
    return True


def _interval(kind, steps, values, i0, i1):
    seg = values[i0:i1 + 1]
    finite = seg[np.isfinite(seg)]
    level = float(np.median(finite)) if len(finite) else float("nan")
    return {"kind": kind, "start_step": int(steps[i0]), "end_step": int(steps[i1]),
            "start_index": int(i0), "end_index": int(i1), "loss_level": _finite_or_none(level)}


def stalled_intervals(steps, loss):
    """Every interval where `loss` stopped improving or diverged, in step order.

    Each is a dict: kind ('stalled' | 'diverged'), start_step, end_step, start_index,
    end_index (inclusive, into the given arrays) and loss_level (median over the interval,
    None when nothing in it is finite). Flat intervals are returned whatever their level;
    whether a flat end is healthy convergence is judged by the report with the baseline.
    """
    steps = np.asarray(steps)
    loss = np.asarray(loss, dtype=np.float64)
    n = len(loss)
    if n == 0:
        return []
    finite = np.isfinite(loss)
    end = n  # finite prefix analysed for stalls
    diverged_at = None
    bad = np.flatnonzero(~finite)
    if len(bad):
        nf = int(bad[0])
        # Non-finite from some point on (a few isolated NaN batches are skipped instead).
        if not finite[-1] or (~finite[nf:]).mean() > 0.5:
            diverged_at = nf
            end = nf
    prefix_idx = np.flatnonzero(finite[:end])
    values = loss[prefix_idx]
    result = []
    if len(values):
        levels, starts, size = _blocks(values)
        k = _blow_up(levels)
        if k is not None:
            onset_block = int(np.argmin(levels[:k]))
            # The divergence starts right after the best point before the blow-up.
            onset = min(len(values) - 1, starts[onset_block] + size)
            onset = int(prefix_idx[onset]) if onset < len(prefix_idx) else int(prefix_idx[-1])
            diverged_at = onset if diverged_at is None else min(diverged_at, onset)
            keep = prefix_idx < diverged_at
            prefix_idx = prefix_idx[keep]
            values = values[keep]
    if len(values) >= T.MIN_STALL_POINTS:
        levels, starts, size = _blocks(values)
        span = float(steps[prefix_idx[-1]] - steps[prefix_idx[0]]) if len(prefix_idx) else 0.0
        total_span = float(steps[-1] - steps[0])
        min_blocks = max(1, int(math.ceil(T.MIN_STALL_POINTS / size)))
        window = max(2, int(round(T.PROGRESS_WINDOW_FRACTION * len(levels))))
        noise = _local_noise(levels, 2 * window)
        for first, last, level in _flat_runs(levels, size, min_blocks):
            if _confirmed(levels[first:last + 1], level):
                # Flat as a whole, but the walk back to the plateau's level may have taken
                # in a stretch that went lower first (the loss fell further, then jumped
                # back up) or the end of the descent: start where progress ended.
                first += _progress_end(levels[first:last + 1], noise[first:last + 1],
                                       max(1, window // 2))
            else:
                # A real descent as a whole: searching it for a flat-looking tail would
                # select noise (many candidate starts, one test each), so only move the
                # start forward a little, in tenths, until the interval shows no progress.
                step = max(1, (last - first + 1) // 10)
                for _ in range(3):
                    if first + step > last or _confirmed(levels[first:last + 1], level):
                        break
                    first += step
            level = float(np.median(levels[first:last + 1]))
            i0 = int(starts[first])
            i1 = int(min(len(values) - 1, starts[last] + size - 1))
            seg = values[i0:i1 + 1]
            if len(seg) < T.MIN_STALL_POINTS:
                continue
            length = float(steps[prefix_idx[i1]] - steps[prefix_idx[i0]])
            reference = max(total_span, span)
            if reference > 0 and length < T.MIN_STALL_FRACTION * reference:
                continue
            if not _confirmed(levels[first:last + 1], level):
                continue
            result.append(_interval("stalled", steps, loss, int(prefix_idx[i0]),
                                    int(prefix_idx[i1])))
    if diverged_at is not None:
        result.append(_interval("diverged", steps, loss, diverged_at, n - 1))
    return result


def start_level(loss):
    """Where the loss began: the median of its first START_POINTS finite values (a hundredth
    of a long run, at most its first tenth), before the learning a tenth of the run (the
    report's initial level) may already hold. None when nothing is finite."""
    finite = np.asarray(loss, dtype=np.float64)
    finite = finite[np.isfinite(finite)]
    if not len(finite):
        return None
    k = min(max(T.START_POINTS, len(finite) // 100), max(1, len(finite) // 10))
    return float(np.median(finite[:k]))


def recent_gain(loss):
    """(gain, level): how much the loss fell over the last TAIL_FRACTION of the points,
    comparing the median of that stretch with the median of the stretch of equal length
    before it, and the last stretch's median. None when too short or not finite."""
    finite = np.asarray(loss, dtype=np.float64)
    finite = finite[np.isfinite(finite)]
    k = int(len(finite) * T.TAIL_FRACTION)
    if k < 2 or len(finite) < 2 * k:
        return None
    last = float(np.median(finite[-k:]))
    before = float(np.median(finite[-2 * k:-k]))
    return before - last, last


def slow_progress_interval(steps, loss, good_level):
    """A stall that still creeps down, far from a good loss, or None.

    The interval finder asks whether the loss stopped moving; a run can also move too
    slowly to matter: its last stretch (at least MIN_STALL_FRACTION of the run) gained
    less than SLOW_PROGRESS_GAP_FRACTION of what separates it from `good_level`. The
    stall starts at the earliest point from which the smoothed loss fell less than that
    (so the projected gain over an equal horizon is that small too).
    """
    steps = np.asarray(steps)
    loss = np.asarray(loss, dtype=np.float64)
    finite = np.isfinite(loss)
    if good_level is None or finite.sum() < T.MIN_STALL_POINTS or not finite[-1]:
        return None
    idx = np.flatnonzero(finite)
    values = loss[idx]
    levels, starts, size = _blocks(values)
    nb = len(levels)
    w = max(1, int(round(T.PROGRESS_WINDOW_FRACTION * nb)))
    smooth = running_median(levels, w)
    final = float(np.median(levels[-w:]))
    gap = final - good_level
    if not gap > 0:
        return None
    within = np.flatnonzero(smooth - final <= T.SLOW_PROGRESS_GAP_FRACTION * gap)
    if not len(within):
        return None
    # Earliest point from which the loss never again sits above the slow band.
    above = np.flatnonzero(smooth - final > T.SLOW_PROGRESS_GAP_FRACTION * gap)
    first = int(above[-1]) + 1 if len(above) else 0
    if first >= nb:
        return None
    i0 = int(idx[starts[first]])
    i1 = int(idx[-1])
    total = float(steps[-1] - steps[0])
    if total <= 0 or (steps[i1] - steps[i0]) < T.MIN_STALL_FRACTION * total or \
            i1 - i0 + 1 < T.MIN_STALL_POINTS:
        return None
    return _interval("stalled", steps, loss, i0, i1)


def _theil_sen(values):
    """(slope per point, its standard error) of the median-of-pairwise-slopes line."""
    n = len(values)
    x = np.arange(n, dtype=np.float64)
    i, j = np.triu_indices(n, 1)
    slope = float(np.median((values[j] - values[i]) / (x[j] - x[i])))
    resid = values - slope * x
    sigma = _MAD_TO_STD * float(np.median(np.abs(resid - np.median(resid))))
    return slope, sigma / math.sqrt(n * (n * n - 1) / 12.0)


def still_creeping(loss):
    """Whether a stretch of the loss still falls at its end: its straight-line (Theil-Sen)
    descent is beyond PROGRESS_NOISE_Z standard errors and its last half keeps at least
    CREEP_KEPT_PACE of that pace (slow_progress_interval's stretch of a run that has not
    stopped improving, rather than one settling at the level it can reach)."""
    values = np.asarray(loss, dtype=np.float64)
    values = values[np.isfinite(values)]
    group = int(math.ceil(len(values) / T.CREEP_MAX_POINTS)) if len(values) else 1
    if group > 1:
        values = values[:len(values) // group * group].reshape(-1, group).mean(axis=1)
    if len(values) < max(8, T.MIN_STALL_POINTS):
        return False
    slope, se = _theil_sen(values)
    if not (slope < 0 and -slope > T.PROGRESS_NOISE_Z * se):
        return False
    last, _ = _theil_sen(values[len(values) // 2:])
    return last <= T.CREEP_KEPT_PACE * slope
