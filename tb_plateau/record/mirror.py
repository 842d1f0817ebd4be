"""The run as written so far, held in memory and served as a TensorBoard data provider.

The live stall check (record/live.py) must reach the same verdict as `tb-plateau report`
afterwards, so it runs the same reader and analysis on the same tensors, without reading the
event files back: every `summary.write_signal` made while `summary.mirroring(mirror)` is
active also lands here (see summary.py), and `MirrorProvider` answers the reader's
data-provider calls from it. Imports no TensorFlow.
"""

import functools
import threading

import numpy as np
from tensorboard.data import provider as tb_provider

from tb_plateau import metadata as md

# The one run a mirror serves.
RUN = "live"


class RunMirror:
    """{tag: (plugin content, {step: value})}: the last value written for each step."""

    def __init__(self, graph_tags=()):
        # Tags copied from inside compiled functions with a host callback (see summary.py).
        self.graph_tags = frozenset(graph_tags)
        self._tags = {}
        self._lock = threading.Lock()  # py_function callbacks may come from TF's threads
        self.version = 0  # grows with every write: "has the run changed?"

    def add(self, tag, metadata_bytes, step, value):
        content = _plugin_content(bytes(metadata_bytes))
        value = np.asarray(value)
        with self._lock:
            entry = self._tags.get(tag)
            if entry is None:
                entry = self._tags[tag] = (content, {})
            entry[1][int(step)] = value.copy()
            self.version += 1

    def snapshot(self):
        """{tag: (content, sorted steps, values)} as of now."""
        with self._lock:
            return {tag: (content, sorted(points), [points[s] for s in sorted(points)])
                    for tag, (content, points) in self._tags.items()}

    def last_step(self):
        with self._lock:
            steps = [max(points) for _, points in self._tags.values() if points]
        return max(steps) if steps else None


@functools.lru_cache(maxsize=1024)
def _plugin_content(metadata_bytes):
    from tensorboard.compat.proto import summary_pb2

    meta = summary_pb2.SummaryMetadata()
    meta.ParseFromString(bytes(metadata_bytes))
    return meta.plugin_data.content


class MirrorProvider(tb_provider.DataProvider):
    """A data provider over one RunMirror: one run, its plateau tensors, no scalars."""

    def __init__(self, mirror):
        self._snapshot = mirror.snapshot()

    def experiment_metadata(self, ctx=None, *, experiment_id):
        return tb_provider.ExperimentMetadata()

    def list_plugins(self, ctx=None, *, experiment_id):
        return [md.PLUGIN_NAME] if self._snapshot else []

    def list_runs(self, ctx=None, *, experiment_id):
        return [tb_provider.Run(run_id=RUN, run_name=RUN, start_time=0.0)]

    def _wanted(self, plugin_name, run_tag_filter):
        if plugin_name != md.PLUGIN_NAME:
            return {}
        runs = getattr(run_tag_filter, "runs", None)
        tags = getattr(run_tag_filter, "tags", None)
        if runs is not None and RUN not in runs:
            return {}
        return {tag: entry for tag, entry in self._snapshot.items()
                if tags is None or tag in tags}

    def list_tensors(self, ctx=None, *, experiment_id, plugin_name, run_tag_filter=None):
        wanted = self._wanted(plugin_name, run_tag_filter)
        if not wanted:
            return {}
        return {RUN: {tag: tb_provider.TensorTimeSeries(
            max_step=steps[-1], max_wall_time=0.0, plugin_content=content,
            description="", display_name=tag)
            for tag, (content, steps, _) in wanted.items() if steps}}

    def read_tensors(self, ctx=None, *, experiment_id, plugin_name, downsample=None,
                     run_tag_filter=None):
        wanted = self._wanted(plugin_name, run_tag_filter)
        if not wanted:
            return {}
        return {RUN: {tag: [tb_provider.TensorDatum(step=s, wall_time=0.0, numpy=v)
                            for s, v in zip(steps, values)]
                      for tag, (_, steps, values) in wanted.items()}}

    def list_scalars(self, ctx=None, *, experiment_id, plugin_name, run_tag_filter=None):
        return {}

    def read_scalars(self, ctx=None, *, experiment_id, plugin_name, downsample=None,
                     run_tag_filter=None):
        return {}

    def read_last_scalars(self, ctx=None, *, experiment_id, plugin_name, run_tag_filter=None):
        return {}

    def list_blob_sequences(self, ctx=None, *, experiment_id, plugin_name, run_tag_filter=None):
        return {}

    def read_blob_sequences(self, ctx=None, *, experiment_id, plugin_name, downsample=None,
                            run_tag_filter=None):
        return {}
