"""Downsampling a run's series for drawing: the series route's body, spikes and boundaries kept."""

import numpy as np

from tb_plateau.read import reader


def series_body(run_data, report, max_points, wanted=None, layers=None):
    """The series route's JSON: each signal downsampled to about `max_points` points.

    `layers` restricts per-layer signals (those with `names`) to the named layers.

    Downsampling keeps the minimum and maximum of each bucket (so spikes and dips survive),
    the first and last point, the first non-finite point, and the exact points at every
    problem interval's start and end (so shading lines up with the curve).
    """
    boundaries = []
    for interval in report.get("intervals") or []:
        for key in ("start_step", "end_step"):
            if isinstance(interval.get(key), (int, float)):
                boundaries.append(int(interval[key]))
    names = wanted if wanted is not None else sorted(
        s for s in run_data.signals if not s.startswith("histogram/"))
    out = {}
    missing = []
    missing_layers = []
    if layers is not None:
        known = set()
        for series in run_data.signals.values():
            if series.names and np.ndim(series.values) > 1:
                known.update(series.names)
        missing_layers = sorted(set(layers) - known)
    for name in names:
        series = run_data.signals.get(name)
        if series is None or len(series.steps) == 0:
            missing.append(name)
            continue
        if layers is not None and series.names and np.ndim(series.values) > 1:
            series = _only_layers(series, layers)
        out[name] = downsample_series(series, max_points, boundaries)
    return {
        "version": 1,
        "run": run_data.run,
        "max_points": max_points,
        "loss_tag": run_data.loss_tag,
        "series": out,
        "missing": missing,
        "missing_layers": missing_layers,
    }


def _only_layers(series, layers):
    wanted = set(layers)
    index = [i for i, name in enumerate(series.names) if name in wanted]
    return reader.Series(steps=series.steps, values=np.asarray(series.values)[:, index],
                         names=[series.names[i] for i in index], columns=series.columns,
                         extra=series.extra)


def downsample_series(series, max_points, boundary_steps=()):
    steps = np.asarray(series.steps, dtype=np.int64)
    values = np.asarray(series.values, dtype=np.float64)
    n = len(steps)
    body = {"points": int(n), "names": series.names, "columns": series.columns,
            "shape": list(values.shape[1:])}
    if series.extra:
        body["extra"] = series.extra
    if n <= max_points:
        body.update(downsampled=False, steps=steps.tolist(), values=_json_values(values))
        return body
    keep = _boundary_indices(steps, boundary_steps)
    if values.ndim == 1:
        index = _min_max_indices(values, max_points - len(keep) - 3)
        index = np.union1d(index, keep)
        index = np.union1d(index, [0, n - 1])
        nonfinite = np.flatnonzero(~np.isfinite(values))
        if len(nonfinite):
            index = np.union1d(index, nonfinite[:1])
        body.update(downsampled=True, steps=steps[index].tolist(),
                    values=_json_values(values[index]))
        return body
    # Layers (and columns) along further axes: an envelope of per-bucket minima and maxima
    # of every layer, at the bucket's first and last step, plus the exact boundary rows.
    flat = values.reshape(n, -1)
    env_steps, env_values = _envelope(steps, flat, max(1, (max_points - len(keep)) // 2))
    all_steps = np.concatenate([env_steps, steps[keep]])
    all_values = np.concatenate([env_values, flat[keep]])
    order = np.argsort(all_steps, kind="stable")
    body.update(downsampled=True, envelope=True, steps=all_steps[order].tolist(),
                values=_json_values(all_values[order].reshape((-1,) + values.shape[1:])))
    return body


def _boundary_indices(steps, boundary_steps):
    if not len(boundary_steps):
        return np.zeros(0, np.int64)
    b = np.asarray(sorted(set(boundary_steps)), dtype=np.int64)
    # The logged point at the boundary or, if the boundary falls between two, both of them.
    right = np.clip(np.searchsorted(steps, b, side="left"), 0, len(steps) - 1)
    left = np.clip(right - 1, 0, len(steps) - 1)
    exact = steps[right] == b
    return np.unique(np.concatenate([right, left[~exact]]))


def _bucket_shape(n, buckets):
    buckets = max(1, min(buckets, n))
    size = -(-n // buckets)
    return -(-n // size), size


def _min_max_indices(values, budget):
    """Indices of each bucket's minimum and maximum (NaN never wins), vectorised."""
    n = len(values)
    buckets, size = _bucket_shape(n, max(1, budget // 2))
    pad = buckets * size - n
    low = np.where(np.isfinite(values), values, np.inf)
    high = np.where(np.isfinite(values), values, -np.inf)
    low = np.concatenate([low, np.full(pad, np.inf)]).reshape(buckets, size)
    high = np.concatenate([high, np.full(pad, -np.inf)]).reshape(buckets, size)
    base = np.arange(buckets) * size
    index = np.concatenate([base + low.argmin(axis=1), base + high.argmax(axis=1)])
    return np.unique(np.clip(index, 0, n - 1))


def _envelope(steps, flat, buckets):
    n, k = flat.shape
    buckets, size = _bucket_shape(n, buckets)
    pad = buckets * size - n
    padded = np.concatenate([flat, np.full((pad, k), np.nan)]).reshape(buckets, size, k)
    with np.errstate(invalid="ignore"):
        lows = np.fmin.reduce(padded, axis=1)
        highs = np.fmax.reduce(padded, axis=1)
    first = steps[np.arange(buckets) * size]
    last = steps[np.minimum(np.arange(1, buckets + 1) * size, n) - 1]
    out_steps = np.empty(2 * buckets, np.int64)
    out_steps[0::2] = first
    out_steps[1::2] = last
    out_values = np.empty((2 * buckets, k))
    out_values[0::2] = lows
    out_values[1::2] = highs
    return out_steps, out_values


def _json_values(values):
    """Nested lists with None where a value is NaN or infinite (JSON has neither)."""
    values = np.asarray(values, dtype=np.float64)
    finite = np.isfinite(values)
    if finite.all():
        return values.tolist()
    as_objects = values.astype(object)
    as_objects[~finite] = None
    return as_objects.tolist()
