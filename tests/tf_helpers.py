"""Helpers for the logging-side tests: read event files back with TensorBoard's own loader."""

import json
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np
from tensorboard.backend.event_processing import event_accumulator
from tensorboard.util import tensor_util


class Signal:
    """One tag of one run as TensorBoard loads it: steps, values, parsed plugin content."""

    def __init__(self, steps, values, content):
        self.steps = steps
        self.values = values
        self.content = content

    def at(self, step):
        index = list(self.steps).index(step)
        return self.values[index]


def read_run(log_dir):
    """{tag: Signal} for every tensor tag of the run in `log_dir`, all samples kept, in step
    order (stable, so a step written twice stays visible as a repeat).

    TensorBoard reads a run's event files in file-name order; files that TF opened within
    the same second are named by a per-process counter that sorts as text ("10" < "9"), so
    load order is not write order when a test runs several fits in one second.
    """
    accumulator = event_accumulator.EventAccumulator(
        str(log_dir), size_guidance={event_accumulator.TENSORS: 0})
    accumulator.Reload()
    run = {}
    for tag in accumulator.Tags()[event_accumulator.TENSORS]:
        events = accumulator.Tensors(tag)
        steps = np.array([e.step for e in events], dtype=np.int64)
        order = np.argsort(steps, kind="stable")
        steps = steps[order]
        values = [tensor_util.make_ndarray(events[i].tensor_proto) for i in order]
        plugin = accumulator.SummaryMetadata(tag).plugin_data
        content = json.loads(plugin.content) if plugin.plugin_name == "plateau" else {}
        if tag == "plateau/loss_block":
            # One [2, n] tensor per block (steps, losses): expanded to one entry per step,
            # blocks in step order (a step written twice stays visible as a repeat).
            run[tag] = Signal(np.concatenate([v[0] for v in values]).astype(np.int64),
                              np.concatenate([v[1] for v in values]), content)
            run[tag].blocks = values
            continue
        if values and values[0].dtype != object:
            values = np.stack(values)
        run[tag] = Signal(steps, values, content)
    return run


def config_of(run):
    """The parsed plateau/config JSON of a run (the latest written)."""
    value = run["plateau/config"].values[-1]
    return json.loads(value.item() if hasattr(value, "item") else value)
