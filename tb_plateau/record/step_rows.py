"""The per-step rows the callback records on every backend: which metrics hold the loss, how a
row (learning rate, returned loss, change of each loss tracker) becomes the batch loss, and
which learning rates are worth writing. Imports no TensorFlow.

`step_recorder.py` (the TensorFlow recorder) and the JAX/PyTorch recorders in `recording.py`
all use these.
"""

import numpy as np

# Steps recorded between two drains.
STEP_BUFFER_STEPS = 256
# The learning rate is written at the first step, whenever it moved by more than this
# relative amount since the value last written, and at every diagnostic step; readers
# forward-fill it. Schedules that change it a little every step (cosine, exponential decay)
# are then written every few hundred steps instead of every step, at < 0.1% error.
LEARNING_RATE_CHANGE = 1e-3


def loss_trackers(model):
    """Mean metrics that hold the training loss: Keras's own tracker first, then any metric
    named "loss" a custom train_step updates instead."""
    trackers = []
    for metric in [getattr(model, "_loss_tracker", None)] + list(getattr(model, "metrics", [])):
        if metric is None or any(metric is t for t in trackers):
            continue
        if getattr(metric, "name", None) == "loss" and hasattr(metric, "total") \
                and hasattr(metric, "count"):
            trackers.append(metric)
    return trackers


def decode_rows(raw, tracker_count):
    """Rows [n, 3] of loss, learning rate and examples from recorded rows [n, 2 + 2 *
    tracker_count] (learning rate, returned loss, then per tracker the change of its total
    and of its count): the first tracker that moved gives the loss and the examples; else
    the returned loss."""
    raw = np.asarray(raw)
    n = raw.shape[0]
    loss = raw[:, 1].astype(np.float64)
    examples = np.zeros(n)
    settled = np.zeros(n, bool)
    for i in range(tracker_count):
        total, count = raw[:, 2 + 2 * i].astype(np.float64), raw[:, 3 + 2 * i]
        moved = ~settled & (count > 0)
        loss[moved] = total[moved] / count[moved]
        examples[moved] = count[moved]
        settled |= moved
    return np.stack([loss, raw[:, 0], examples], axis=1).astype(np.float32)


def learning_rates_to_write(steps, rates, last_written, must_write):
    """Which of the drained steps' learning rates to write: a mask over `steps`, and the
    rate last written after them.

    A rate is written at the first step, when it moved by more than LEARNING_RATE_CHANGE
    (relative) since the rate last written, or NaN-ness changed, and at `must_write` steps."""
    keep = np.isin(steps, list(must_write))
    last = last_written
    if last is not None and np.all(rates == last):
        return keep, last
    for i, rate in enumerate(rates):
        changed = last is None or (np.isnan(rate) != np.isnan(last)) or (
            abs(rate - last) > LEARNING_RATE_CHANGE * abs(last))
        if changed or keep[i]:
            keep[i] = True
            last = rate
    return keep, last
