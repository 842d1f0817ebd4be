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


def _blow_up(levels):
    """Index of the first block where the loss has blown up and stays up, or None."""
    if len(levels) < 2:
        return None
    best = np.minimum.accumulate(levels)
    initial = levels[0]
    threshold = np.where(levels > 0, T.DIVERGE_FACTOR * np.maximum(best, initial), np.inf)
    if initial <= 0:
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

    Returns a list of (first_block, last_block, level).
    """
    nb = len(levels)
    window = max(2, int(round(T.PROGRESS_WINDOW_FRACTION * nb)))
    half = max(1, window // 2)
    if nb < half + 1:
        return []
    smooth = np.median(sliding_window_view(levels, half), axis=1) if half > 1 else levels
    # smooth[k] covers blocks k .. k+half-1
    noise = _block_noise(levels)
    se_diff = math.sqrt(2) * _MEDIAN_SE * noise / math.sqrt(half)
    best_before = np.minimum.accumulate(smooth)
    positions = np.arange(half, len(smooth))  # a window's second half starts here
    if len(positions) == 0:
        return []
    progress = best_before[positions - half] - smooth[positions]
    tolerance = np.maximum(T.MIN_PROGRESS_PER_WINDOW * np.abs(smooth[positions]),
                           T.PROGRESS_NOISE_Z * se_diff)
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
        tol = max(T.MIN_PROGRESS_PER_WINDOW * abs(reference), T.PROGRESS_NOISE_Z * se_diff)
        above = np.flatnonzero(smooth[:p0 - half + 1] > reference + tol)
        first = int(above[-1]) + 1 if len(above) else 0
        # Trim single blocks at either end that are off the plateau (the descent into it,
        # the descent out of it), with a per-block noise tolerance.
        for _ in range(half):
            if last - first < 2:
                break
            local = float(np.median(levels[first + 1:first + 1 + half]))
            if levels[first] <= local + _block_tol(local, noise):
                break
            first += 1
        for _ in range(half):
            if last - first < 2:
                break
            local = float(np.median(levels[max(first, last - half):last]))
            if levels[last] >= local - _block_tol(local, noise):
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
            merged.append(run)
    return [(a, b, lvl) for a, b, lvl, _ in merged if b - a + 1 >= min_blocks]


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
    return head - tail <= max(T.MAX_INTERVAL_PROGRESS * abs(level), T.PROGRESS_NOISE_Z * se)


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
        for first, last, level in _flat_runs(levels, size, min_blocks):
            # The walk back may have taken in the end of the descent: move the start
            # forward in tenths until the interval as a whole shows no progress.
            step = max(1, (last - first + 1) // 10)
            for _ in range(3):
                if first + step > last or _confirmed(levels[first:last + 1], level):
                    break
                first += step
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
