"""Turns a TensorBoard data provider's answers into plain numpy series per run (no TensorFlow)."""

import dataclasses
import json
import math

import numpy as np
from tensorboard.compat.proto import summary_pb2
from tensorboard.data import provider as tb_provider

from tb_plateau import metadata
from tb_plateau.read import conventions
from tb_plateau.read import protos

# How many samples to ask the data provider for: all of them. TensorBoard downsamples
# third-party plugins to a small reservoir by default; a diagnosis needs the full history.
READ_ALL = 1 << 30

SCALARS_PLUGIN = "scalars"
HISTOGRAMS_PLUGIN = "histograms"

# The tag names other tools write (Keras, tf.summary, PyTorch, Hugging Face, Lightning,
# Flax) live in conventions.py, with their sources.
LOSS_TAGS = conventions.LOSS_TAGS
LEARNING_RATE_TAGS = conventions.LEARNING_RATE_TAGS
# A scalar loss series shorter than this is only used when nothing longer exists.
MIN_LOSS_POINTS = 5
# How many of a run's scalar tags the "no loss found" note names (the JSON's notes are
# read by people too; a run can have thousands of tags).
NOTE_TAGS_SHOWN = 12
# Keras's TensorBoard callback writes training and validation into sibling subruns.
TRAIN_SUBRUNS = ("train",)
EVAL_SUBRUNS = ("validation", "eval", "val", "test")


@dataclasses.dataclass
class Series:
    """One signal of one run, sorted by step, unique steps."""

    steps: np.ndarray
    values: np.ndarray
    names: list = None
    columns: list = None
    extra: dict = dataclasses.field(default_factory=dict)

    def __len__(self):
        return len(self.steps)


@dataclasses.dataclass
class RunData:
    """Everything readable about one run, as numpy series."""

    run: str
    loss: Series = None
    loss_tag: str = None
    loss_source: str = None
    signals: dict = dataclasses.field(default_factory=dict)
    config: dict = None
    notes: list = dataclasses.field(default_factory=list)
    # Every ordinary scalar tag of the run (what a user can pick as the loss).
    scalar_tags: list = dataclasses.field(default_factory=list)
    # Live stall alerts raised while it trained (plateau/alert): {"step", "kind", "text"}.
    alerts: list = dataclasses.field(default_factory=list)
    # When the loss was last written (seconds since the epoch, the newest event's wall time):
    # how the panel tells a run still training from one that ended. None when unknown.
    last_write_time: float = None


@dataclasses.dataclass(frozen=True)
class RunSummary:
    """What `list_runs` knows about a run from list_* calls alone."""

    run: str
    has_plateau: bool
    loss_tag: str
    fingerprint: tuple


@dataclasses.dataclass
class LogdirSource:
    """A data provider over a logdir, with the context and experiment id to call it with."""

    provider: object
    ctx: object
    experiment_id: str
    logdir: str
    multiplexer: object = None


class UnknownRunError(KeyError):
    """The run is not in the logdir (or has neither plateau tags nor scalars)."""


def choose_loss_tag(scalar_tags):
    """The ordinary scalar tag that best represents the training loss, or None.

    `scalar_tags` maps tag -> number of points (or None when unknown). Candidates come in
    `conventions.loss_candidates` order (known names first, matched case-insensitively,
    then any tag that mentions a loss and no validation/test word); the first one long
    enough to judge wins, else the longest.
    """
    candidates = conventions.loss_candidates(scalar_tags)
    if not candidates:
        return None
    for t in candidates:
        count = scalar_tags[t]
        if count is None or count >= MIN_LOSS_POINTS:
            return t
    return max(candidates, key=lambda t: scalar_tags[t] or 0)


def _fingerprint(series_lists):
    count = 0
    max_step = -1
    max_wall = -1.0
    for time_series in series_lists:
        for ts in time_series.values():
            count += 1
            if ts.max_step is not None:
                max_step = max(max_step, ts.max_step)
            if ts.max_wall_time is not None:
                max_wall = max(max_wall, ts.max_wall_time)
    return (count, max_step, max_wall)


def _parent_run(run):
    if "/" not in run:
        return None, run
    parent, leaf = run.rsplit("/", 1)
    return parent, leaf


def _plateau_loss_tag(tags):
    """The helper's loss tag among a run's tags (per-step first), or None."""
    for signal in (metadata.LOSS, metadata.LOSS_BLOCK):
        if metadata.tag(signal) in tags:
            return metadata.tag(signal)
    return None


def list_runs(provider, ctx, experiment_id, runs=None, loss_tag=None):
    """Runs with plateau tags or ordinary scalars, by name -> RunSummary.

    Only list_* calls are made, so this is cheap enough to call on every request; the
    fingerprint changes whenever a run grows. A run whose scalars include no loss is listed
    too (its `loss_tag` is None; `read_run` says which tags it has), so that it never
    silently disappears. Keras's `<run>/validation` subrun (and tf.summary's `<run>/test`)
    is folded into its `<run>/train` sibling (its loss becomes `epoch/val_loss` there), and
    Keras subruns of a run that already has the helper's own loss are left out.

    `runs` limits the answer to those runs, and the listing to them and the relatives that
    decide whether they are listed: TensorBoard's Python loader walks every logged event of
    every listed tag to find its last step, so a route about one run should not list all.
    `loss_tag` names the scalar tag to use as the loss where a run has it (any case).
    """
    run_filter = None
    if runs is not None:
        wanted = set(runs)
        for run in runs:
            parent, _ = _parent_run(run)
            if parent is not None:
                wanted.add(parent)
                wanted.update(parent + "/" + t for t in TRAIN_SUBRUNS)
        run_filter = tb_provider.RunTagFilter(runs=sorted(wanted))
    tensors = provider.list_tensors(ctx, experiment_id=experiment_id,
                                    plugin_name=metadata.PLUGIN_NAME, run_tag_filter=run_filter)
    scalars = provider.list_scalars(ctx, experiment_id=experiment_id,
                                    plugin_name=SCALARS_PLUGIN, run_tag_filter=run_filter)
    plateau_loss_runs = {run for run, tags in tensors.items() if _plateau_loss_tag(tags)}
    all_runs = set(tensors) | set(scalars)
    result = {}
    for run in sorted(all_runs if runs is None else all_runs & set(runs)):
        run_tensors = tensors.get(run, {})
        run_scalars = scalars.get(run, {})
        has_plateau = bool(run_tensors)
        chosen = conventions.match_tag(loss_tag, run_scalars) if loss_tag else None
        summary_loss_tag = chosen or _plateau_loss_tag(run_tensors)
        if summary_loss_tag is None:
            summary_loss_tag = choose_loss_tag({t: None for t in run_scalars})
        if not has_plateau:
            if not run_scalars:
                continue
            parent, leaf = _parent_run(run)
            if parent is not None and parent in plateau_loss_runs:
                continue  # Keras's callback next to our own helper: the helper's run wins
            if leaf.lower() in EVAL_SUBRUNS and any(
                    parent + "/" + t in all_runs for t in TRAIN_SUBRUNS):
                continue  # read as the train sibling's validation loss
        result[run] = RunSummary(run=run, has_plateau=has_plateau, loss_tag=summary_loss_tag,
                                 fingerprint=_fingerprint([run_tensors, run_scalars]))
    return result


def _stack(data, run, tag, notes, ndim=None):
    """(steps, values) from a list of TensorDatum/ScalarDatum, vectorised.

    Non-numeric values (string tensors) and values with a shape other than the most common
    one (among those with `ndim` dimensions, when given) are dropped with a note; the series
    is sorted by step and keeps the last written value of a repeated step.
    """
    if not len(data):
        return np.zeros(0, np.int64), np.zeros(0, np.float64)
    if isinstance(data, protos.Dense):  # decoded while read, one shape: nothing to drop
        return _keep_last(data.steps, data.values)
    steps = np.fromiter((d.step for d in data), dtype=np.int64, count=len(data))
    if hasattr(data[0], "numpy"):
        arrays = [d.numpy for d in data]
        try:
            # Complex values go to the slow path, which drops them: a cast would silently
            # keep only the real part (issue 11, defect 6).
            if any(np.iscomplexobj(a) for a in arrays):
                raise TypeError("complex values")
            values = np.asarray(arrays, dtype=np.float64)
        except (ValueError, TypeError):
            values = None
        if values is None:
            arrays = [np.asarray(a) for a in arrays]
            numeric = np.array([a.dtype.kind in "biuf" for a in arrays])
            if not numeric.any():
                notes.append("%s: values are not numeric; ignored" % tag)
                return np.zeros(0, np.int64), np.zeros(0, np.float64)
            if not numeric.all():
                notes.append("%s: dropped %d of %d values that are not numeric"
                             % (tag, int((~numeric).sum()), len(arrays)))
            shapes = [a.shape if ok else None for a, ok in zip(arrays, numeric)]
            counts = {}
            for shape in shapes:
                if shape is not None:
                    counts[shape] = counts.get(shape, 0) + 1
            # A writer bug can make the wrong shape the most common one; prefer the shape
            # this signal is documented to have, so that its readable part survives.
            preferred = {sh: c for sh, c in counts.items() if len(sh) == ndim} or counts
            common = max(preferred, key=lambda sh: (preferred[sh], sh))
            keep = np.array([shape == common for shape in shapes])
            dropped = int((~keep).sum()) - int((~numeric).sum())
            if dropped:
                notes.append("%s: dropped %d of %d values whose shape differs from the rest"
                             % (tag, dropped, len(arrays)))
            steps = steps[keep]
            values = np.asarray([a for a, k in zip(arrays, keep) if k], dtype=np.float64)
    else:
        raw = [d.value for d in data]
        if any(isinstance(v, complex) for v in raw):
            notes.append("%s: complex values; ignored" % tag)
            return np.zeros(0, np.int64), np.zeros(0, np.float64)
        values = np.fromiter(raw, dtype=np.float64, count=len(data))
    return _keep_last(steps, values)


def _keep_last(steps, values):
    """Sorted by step (stable: write order within a step), the last value of each step."""
    if len(steps) > 1 and np.any(steps[1:] <= steps[:-1]):
        order = np.argsort(steps, kind="stable")
        steps = steps[order]
        values = values[order]
        last = np.append(steps[1:] != steps[:-1], True)
        steps = steps[last]
        values = values[last]
    return steps, values


def _union_steps(a, b):
    """The sorted steps that are in `a` or `b` (what np.union1d answers).

    np.union1d is np.unique of both, which numpy 2.3+ computes with a hash table: ~0.8 s
    for a million steps, most of a long run's first report. A stable sort (timsort) merges
    the two arrays, already sorted here, in a few milliseconds, and sorts any others too.
    """
    steps = np.concatenate([a, b])
    steps.sort(kind="stable")
    if len(steps) > 1:
        steps = steps[np.append(True, steps[1:] != steps[:-1])]
    return steps


def _unpack_blocks(data, tag, notes):
    """(steps, losses) of every `plateau/loss_block` tensor ([2, n]: steps, losses).

    A block with another shape, non-numeric values, or steps that are not whole
    non-negative numbers is dropped with a note; the rest are kept.
    """
    blocks = []
    bad = 0
    for datum in data:
        try:
            block = np.asarray(datum.numpy, dtype=np.float64)
        except (ValueError, TypeError):
            bad += 1
            continue
        if block.ndim != 2 or block.shape[0] != 2:
            bad += 1
            continue
        blocks.append(block)
    # The steps of every block are checked together (a long run has thousands of blocks),
    # then the blocks holding a step that is not a whole non-negative number are dropped.
    steps = np.concatenate([block[0] for block in blocks]) if blocks else np.zeros(0)
    values = np.concatenate([block[1] for block in blocks]) if blocks else np.zeros(0)
    whole = (np.isfinite(steps) & (steps >= 0) & (steps == np.round(steps))
             & (steps < 2.0 ** 53))
    if not whole.all():
        lengths = [block.shape[1] for block in blocks]
        block_of = np.repeat(np.arange(len(blocks)), lengths)
        dropped = np.zeros(len(blocks), bool)
        dropped[block_of[~whole]] = True
        bad += int(dropped.sum())
        keep = ~dropped[block_of]
        steps = steps[keep]
        values = values[keep]
    if bad:
        notes.append("%s: dropped %d of %d blocks that are not [2, n] arrays of steps and "
                     "losses" % (tag, bad, len(data)))
    return _keep_last(steps.astype(np.int64), values)


def _merge(blocks, single):
    """The loss series from blocks and per-step values together; where both hold a step,
    the block's value (PlateauCallback's, recorded in the train step itself) is kept."""
    if single is None:
        return blocks
    return Series(*_keep_last(np.concatenate([single.steps, blocks.steps]),
                              np.concatenate([single.values, blocks.values])))


def _decode_config(data, notes):
    if not data:
        return None
    raw = data[-1].numpy
    try:
        raw = raw.item() if hasattr(raw, "item") else raw
        if isinstance(raw, bytes):
            raw = raw.decode("utf-8")
        config = json.loads(raw)
    except RecursionError:
        notes.append("plateau/config is JSON nested too deeply to read; model configuration "
                     "unknown")
        return None
    except (ValueError, TypeError, AttributeError, UnicodeDecodeError):
        notes.append("plateau/config is not readable JSON; model configuration unknown")
        return None
    if not isinstance(config, dict):
        notes.append("plateau/config is not a JSON object; model configuration unknown")
        return None
    return config


# An alert's text is a few lines; anything longer is not one of ours.
_ALERT_CHARS = 10_000


def _decode_alerts(data, notes):
    """[{"step", "kind", "text"}] of the plateau/alert strings; unreadable ones are noted."""
    alerts = []
    for datum in data:
        try:
            raw = datum.numpy
            raw = raw.item() if hasattr(raw, "item") else raw
            if isinstance(raw, bytes):
                raw = raw.decode("utf-8")
            body = json.loads(raw[:_ALERT_CHARS + 1]) if len(raw) <= _ALERT_CHARS else None
        except (ValueError, TypeError, AttributeError, UnicodeDecodeError, RecursionError):
            body = None
        if not isinstance(body, dict) or not isinstance(body.get("text"), str):
            notes.append("a plateau/alert at step %d is not readable; skipped" % datum.step)
            continue
        alerts.append({"step": int(datum.step), "kind": str(body.get("kind", "stall")),
                       "text": body["text"]})
    return alerts


def _filter(run, tags=None):
    return tb_provider.RunTagFilter(runs=[run], tags=tags)


# The config is one string; a few elements leave room for a writer that splits it.
_CONFIG_ELEMENTS = 16


def _tensor_bound(signal, content):
    """The most elements one `signal` tensor may declare, from the layer/feature names and
    columns its own metadata declares (see protos.tensor_bound)."""
    if signal in (metadata.CONFIG, metadata.ALERT):
        return _CONFIG_ELEMENTS
    names = content.get("names")
    columns = content.get("columns")
    return protos.tensor_bound(len(names) if isinstance(names, list) else 0,
                               len(columns) if isinstance(columns, list) else
                               _COLUMN_COUNT.get(signal, 1))


class BatchReadProvider:
    """A view of a data provider that answers `read_run`'s per-run calls for a batch of
    runs from one call per (method, plugin) for the whole batch.

    Each provider call has a fixed cost (a gRPC round trip to the Rust data server, a scan
    of every run's tags in the Python loader), so reading N runs one by one costs about
    8 N calls; through this view, about 8. Calls about runs outside the batch go straight
    to the provider.
    """

    def __init__(self, provider, experiment_id, runs):
        self._provider = provider
        self._experiment_id = experiment_id
        self._runs = sorted(set(runs))
        self._batch = set(self._runs)
        self._answers = {}
        self._failed = set()  # keys whose batched call raised: asked run by run instead

    def list_runs(self, ctx=None, *, experiment_id):
        key = ("list_runs",)
        if key not in self._answers:
            self._answers[key] = self._provider.list_runs(ctx, experiment_id=experiment_id)
        return self._answers[key]

    def _call(self, method, ctx, **kwargs):
        if method == "read_tensor_protos":
            return protos.read(self._provider, ctx, **kwargs)
        return getattr(self._provider, method)(ctx, **kwargs)

    def _batched(self, method, ctx, experiment_id, plugin_name, run_tag_filter, **kwargs):
        runs = run_tag_filter.runs if run_tag_filter is not None else None
        key = (method, plugin_name, tuple(sorted(kwargs.items())))
        if (runs is None or experiment_id != self._experiment_id
                or not set(runs) <= self._batch or key in self._failed):
            return self._call(method, ctx, experiment_id=experiment_id,
                              plugin_name=plugin_name, run_tag_filter=run_tag_filter, **kwargs)
        if key not in self._answers:
            try:
                self._answers[key] = self._call(
                    method, ctx, experiment_id=experiment_id, plugin_name=plugin_name,
                    run_tag_filter=tb_provider.RunTagFilter(runs=self._runs), **kwargs)
            except Exception:
                # One malformed run must not fail the other 31 (issue 11, defect 2): this
                # call is made again for each run alone, so only the bad run raises.
                self._failed.add(key)
                return self._call(method, ctx, experiment_id=experiment_id,
                                  plugin_name=plugin_name, run_tag_filter=run_tag_filter,
                                  **kwargs)
        everything = self._answers[key]
        tags = run_tag_filter.tags
        return {run: {tag: value for tag, value in everything[run].items()
                      if tags is None or tag in tags}
                for run in runs if run in everything}

    def list_tensors(self, ctx=None, *, experiment_id, plugin_name, run_tag_filter=None):
        return self._batched("list_tensors", ctx, experiment_id, plugin_name, run_tag_filter)

    def list_scalars(self, ctx=None, *, experiment_id, plugin_name, run_tag_filter=None):
        return self._batched("list_scalars", ctx, experiment_id, plugin_name, run_tag_filter)

    def read_tensors(self, ctx=None, *, experiment_id, plugin_name, downsample=None,
                     run_tag_filter=None):
        return self._batched("read_tensors", ctx, experiment_id, plugin_name, run_tag_filter,
                             downsample=downsample)

    def read_scalars(self, ctx=None, *, experiment_id, plugin_name, downsample=None,
                     run_tag_filter=None):
        return self._batched("read_scalars", ctx, experiment_id, plugin_name, run_tag_filter,
                             downsample=downsample)

    def read_tensor_protos(self, ctx=None, *, experiment_id, plugin_name, run_tag_filter,
                           data_class, downsample):
        """protos.read for the batch (the tensors undecoded, so that each run's bound
        applies to each run)."""
        return self._batched("read_tensor_protos", ctx, experiment_id, plugin_name,
                             run_tag_filter, data_class=data_class, downsample=downsample)


def read_run(provider, ctx, experiment_id, run, loss_tag=None):
    """Everything readable about `run` as a RunData; UnknownRunError if it is not there.

    Unreadable parts (newer format versions, wrong shapes, bad config) are skipped with a
    note rather than failing the whole run. `loss_tag` names the scalar tag to read as the
    loss (matched case-insensitively), instead of the automatic choice, where the run has
    it.
    """
    # What the provider could not read of the run's files (the CLI's streaming reader says).
    read_notes = getattr(provider, "read_notes", None)
    notes = list(read_notes(ctx, experiment_id=experiment_id, run=run)) if read_notes else []
    tensor_list = provider.list_tensors(ctx, experiment_id=experiment_id,
                                        plugin_name=metadata.PLUGIN_NAME,
                                        run_tag_filter=_filter(run)).get(run, {})
    scalar_list = provider.list_scalars(ctx, experiment_id=experiment_id,
                                        plugin_name=SCALARS_PLUGIN,
                                        run_tag_filter=_filter(run)).get(run, {})
    if not tensor_list and not scalar_list:
        known = {r.run_name for r in provider.list_runs(ctx, experiment_id=experiment_id)}
        if run not in known:
            raise UnknownRunError(run)
    data = RunData(run=run, notes=notes, scalar_tags=sorted(scalar_list))

    # Plateau tensors: parse each tag's metadata first, skip what this version cannot read.
    readable = {}
    for tag, ts in tensor_list.items():
        signal = metadata.signal_of(tag)
        if signal is None:
            continue
        try:
            content = metadata.parse_plugin_metadata(ts.plugin_content)
        except metadata.MetadataError as e:
            notes.append("%s skipped: %s" % (tag, e))
            continue
        except RecursionError:  # json.loads of deeply nested content (defect 3)
            notes.append("%s skipped: its metadata is JSON nested too deeply to read" % tag)
            continue
        readable[tag] = (signal, content)
    blocks = None
    if readable:
        tensors = _read_points(provider, ctx, experiment_id, run, list(readable),
                               metadata.PLUGIN_NAME, summary_pb2.DATA_CLASS_TENSOR)
        for tag, (signal, content) in sorted(readable.items()):
            datums = protos.decode(tensors.get(tag, []), tag, _tensor_bound(signal, content),
                                   notes)
            if signal in _DECODED_ONE_BY_ONE:
                datums = protos.as_datums(datums)
            if signal == metadata.CONFIG:
                data.config = _decode_config(datums, notes)
                continue
            if signal == metadata.ALERT:
                data.alerts = _decode_alerts(datums, notes)
                continue
            if signal == metadata.LOSS_BLOCK:
                steps, values = _unpack_blocks(datums, tag, notes)
                if len(steps):
                    blocks = Series(steps=steps, values=values)
                continue
            want = _expected_ndim(signal)
            steps, values = _stack(datums, run, tag, notes,
                                   ndim=None if want is None else want - 1)
            if len(steps) == 0:
                continue
            extra = {k: v for k, v in content.items()
                     if k not in ("version", "signal", "names", "columns")}
            series = Series(steps=steps, values=values,
                            names=_labels(content.get("names"), tag, "names", notes),
                            columns=_labels(content.get("columns"), tag, "columns", notes),
                            extra=extra)
            if not _shape_matches(signal, series, notes, tag):
                continue
            data.signals[signal] = series
        single = data.signals.get(metadata.LOSS)
        if blocks is not None:
            data.signals[metadata.LOSS] = _merge(blocks, single)
        if metadata.LOSS in data.signals:
            data.loss = data.signals[metadata.LOSS]
            data.loss_tag = metadata.tag(metadata.LOSS if single is not None
                                         else metadata.LOSS_BLOCK)
            data.loss_source = "plateau"

    _read_scalars(provider, ctx, experiment_id, run, scalar_list, data, loss_tag)
    _read_histograms(provider, ctx, experiment_id, run, data)
    _fill_learning_rate(data)
    if data.loss is None:
        notes.append(_no_loss_note(data.scalar_tags))
    data.last_write_time = _last_write_time(data, tensor_list, scalar_list)
    return data


def _last_write_time(data, tensor_list, scalar_list):
    """The newest wall time of the tags the loss was read from, from the listings alone."""
    if data.loss_source == "plateau":
        listed = [tensor_list.get(metadata.tag(s)) for s in (metadata.LOSS, metadata.LOSS_BLOCK)]
    elif data.loss_source == "scalar":
        listed = [scalar_list.get(data.loss_tag)]
    else:
        return None
    # A provider that does not know the time says 0 (the live check's in-memory mirror).
    times = [ts.max_wall_time for ts in listed
             if ts is not None and ts.max_wall_time is not None
             and math.isfinite(ts.max_wall_time) and ts.max_wall_time > 0]
    return float(max(times)) if times else None


def _no_loss_note(scalar_tags):
    """Why a run has no loss, naming the scalar tags it does have."""
    if not scalar_tags:
        return ("no loss found: the run has neither plateau/loss nor any scalar tag")
    shown = ", ".join(scalar_tags[:NOTE_TAGS_SHOWN])
    if len(scalar_tags) > NOTE_TAGS_SHOWN:
        shown += " and %d more" % (len(scalar_tags) - NOTE_TAGS_SHOWN)
    return ("no loss found: none of this run's scalar tags (%s) looked like a training loss; "
            "`tb-plateau report --loss-tag TAG` reads the one you name" % shown)


def _fill_learning_rate(data):
    """Forward-fill the helper's learning rate onto the loss's steps.

    PlateauCallback writes the rate only when it changes (and at diagnostic steps,
    docs/format.md), so the rate at a step is the last one written at or before it. Only
    done when both come from the helper: a Keras scalar rate is on the epoch axis.
    """
    lr = data.signals.get(metadata.LEARNING_RATE)
    if (lr is None or data.loss is None or data.loss_source != "plateau"
            or (lr.extra or {}).get("tag") or lr.values.ndim != 1 or len(lr.steps) == 0):
        return
    loss_steps = data.loss.steps
    if len(loss_steps) <= len(lr.steps):
        return
    steps = _union_steps(loss_steps[loss_steps >= lr.steps[0]], lr.steps)
    at = np.searchsorted(lr.steps, steps, side="right") - 1
    data.signals[metadata.LEARNING_RATE] = Series(
        steps=steps.astype(np.int64), values=lr.values[at], names=lr.names,
        columns=lr.columns, extra=dict(lr.extra or {}, filled_from=int(len(lr.steps))))


# Expected number of dimensions per signal; a mismatch means a writer bug or a newer
# layout mislabelled as an old version, and the signal is skipped rather than misread.
_NDIM = {
    metadata.LOSS: 1, metadata.LEARNING_RATE: 1, metadata.GRAD_GLOBAL_NORM: 1,
    metadata.GRAD_NONFINITE: 1, metadata.GRAD_NORM: 2, metadata.WEIGHT_NORM: 2, metadata.WEIGHT_MEAN: 2,
    metadata.UPDATE_RATIO: 2, metadata.ACTIVATION: 3, metadata.INPUTS: 3,
    metadata.TARGETS: 2, metadata.TARGET_CLASSES: 2, metadata.PREDICTIONS: 2,
    metadata.TARGET_SAMPLE: 2, metadata.TARGET_SAMPLE_CLASSES: 2,
    metadata.CONSTANT_FIT: 2, metadata.REFERENCE_FIT: 2, metadata.DEAD_UNITS: 2, metadata.PROBE_LOSS: 1,
}
_COLUMN_COUNT = {
    metadata.ACTIVATION: len(metadata.ACTIVATION_COLUMNS),
    metadata.INPUTS: len(metadata.INPUT_COLUMNS),
    metadata.TARGETS: len(metadata.TARGET_COLUMNS),
    metadata.TARGET_SAMPLE: len(metadata.TARGET_COLUMNS),
    metadata.PREDICTIONS: len(metadata.PREDICTION_COLUMNS),
    metadata.CONSTANT_FIT: len(metadata.CONSTANT_FIT_COLUMNS),
    metadata.REFERENCE_FIT: len(metadata.REFERENCE_FIT_COLUMNS),
}
# Signals whose older versions had fewer columns: the counts those wrote, still read.
_OLDER_COLUMN_COUNTS = {metadata.REFERENCE_FIT: (4,)}  # version 7's


def _expected_ndim(signal):
    """Dimensions of a signal's series (steps first), or None when any shape is fine."""
    if signal.startswith(metadata.EPOCH_PREFIX):
        return 1
    return _NDIM.get(signal)


def _labels(value, tag, field, notes):
    """`names` / `columns` of the metadata as a list of strings, or None with a note."""
    if value is None:
        return None
    if not isinstance(value, list):
        notes.append("%s: metadata %s is not a list; labels ignored" % (tag, field))
        return None
    return [v if isinstance(v, str) else json.dumps(v) for v in value]


def _shape_matches(signal, series, notes, tag):
    want = _expected_ndim(signal)
    if want is None:
        return True
    if series.values.ndim != want:
        notes.append("%s skipped: values have shape %s per step, expected %d dimension(s)"
                     % (tag, series.values.shape[1:], want - 1))
        return False
    cols = _COLUMN_COUNT.get(signal)
    if cols is not None and series.values.shape[-1] != cols and \
            series.values.shape[-1] not in _OLDER_COLUMN_COUNTS.get(signal, ()):
        notes.append("%s skipped: %d columns, expected %d"
                     % (tag, series.values.shape[-1], cols))
        return False
    return True


def _read_scalar_tags(provider, ctx, experiment_id, run, tags, notes):
    """{tag: [ScalarDatum] or protos.Dense}: TensorBoard's Python loader decodes a scalar
    tag's tensors whatever shape they declare, so they are read as protos and decoded within
    one element (or, from a provider that decoded them while reading, taken as arrays when
    every point is one number)."""
    if not tags:
        return {}
    logged = _read_points(provider, ctx, experiment_id, run, list(tags), SCALARS_PLUGIN,
                          summary_pb2.DATA_CLASS_SCALAR)
    out = {}
    for tag, items in logged.items():
        decoded = protos.decode(items, tag, 1, notes)
        if isinstance(decoded, protos.Dense):
            out[tag] = (protos.Dense(decoded.steps, decoded.values.reshape(-1))
                        if decoded.values[0].size == 1 else [])
            continue
        out[tag] = [tb_provider.ScalarDatum(step=d.step, wall_time=d.wall_time,
                                            value=float(np.ravel(d.numpy)[0]))
                    for d in decoded
                    if np.size(d.numpy) == 1 and np.asarray(d.numpy).dtype.kind in "biuf"]
    return out


# Signals read point by point whatever the provider offers: strings, and blocks that
# _unpack_blocks checks one by one.
_DECODED_ONE_BY_ONE = frozenset([metadata.CONFIG, metadata.ALERT, metadata.LOSS_BLOCK])


def _read_points(provider, ctx, experiment_id, run, tags, plugin_name, data_class):
    """{tag: protos.Dense or [protos.Logged]} of one run's tags: arrays where the provider
    holds a tag's points decoded in one shape (`read_series_arrays`), else via protos.read."""
    arrays = getattr(provider, "read_series_arrays", None)
    dense = {}
    if arrays is not None:
        dense = arrays(ctx, experiment_id=experiment_id, plugin_name=plugin_name,
                       run_tag_filter=_filter(run, tags), data_class=data_class).get(run, {})
    rest = [t for t in tags if t not in dense]
    points = {}
    if rest:
        points = protos.read(provider, ctx, experiment_id=experiment_id,
                             plugin_name=plugin_name, downsample=READ_ALL,
                             run_tag_filter=_filter(run, rest), data_class=data_class).get(run, {})
    points.update(dense)
    return points


def reads_tag(tag, plugin_name, data_class, loss_tag=None):
    """Whether `read_run` may ask for this tag's points (what a provider that keeps only
    some tags must keep): every plateau and histogram tensor, and the scalars the
    conventions can choose, Keras's epoch metrics and the `loss_tag` asked for."""
    if plugin_name in (metadata.PLUGIN_NAME, HISTOGRAMS_PLUGIN):
        return data_class == summary_pb2.DATA_CLASS_TENSOR
    if plugin_name != SCALARS_PLUGIN or data_class != summary_pb2.DATA_CLASS_SCALAR:
        return False
    return (conventions.may_be_read(tag) or tag.startswith("epoch_")
            or (loss_tag is not None and tag.lower() == loss_tag.lower()))


def _eval_sibling(run, run_names):
    """The run whose loss is `run`'s validation loss (Keras's `<run>/validation` next to
    `<run>/train`), or None."""
    parent, leaf = _parent_run(run)
    if parent is None or leaf not in TRAIN_SUBRUNS:
        return None
    return next((parent + "/" + s for s in EVAL_SUBRUNS if parent + "/" + s in run_names), None)


def runs_read_by(run, run_names):
    """The runs whose points `read_run(run)` reads: itself and its validation sibling."""
    sibling = _eval_sibling(run, set(run_names))
    return {run} if sibling is None else {run, sibling}


def _read_scalars(provider, ctx, experiment_id, run, scalar_list, data, loss_tag=None):
    """Loss, learning rate, global gradient norm, validation loss and epoch metrics from
    ordinary scalars, where ours are missing (conventions.py has the names).

    A `loss_tag` the run has replaces the automatic choice, the helper's loss included.
    """
    sibling = None
    parent, leaf = _parent_run(run)
    if parent is not None and leaf in TRAIN_SUBRUNS:
        sibling = _eval_sibling(run, {r.run_name for r in provider.list_runs(
            ctx, experiment_id=experiment_id)})
    if not scalar_list and sibling is None:
        return
    chosen = conventions.match_tag(loss_tag, scalar_list) if loss_tag else None
    if loss_tag and chosen is None and scalar_list:
        data.notes.append("the loss tag %r is not a scalar of this run; the loss was chosen "
                          "as usual" % loss_tag)
    if chosen is not None or data.loss is None:
        # Point counts are not in the listing; read the candidates and count them.
        candidates = [chosen] if chosen else conventions.loss_candidates(scalar_list)
        read = _read_scalar_tags(provider, ctx, experiment_id, run, candidates, data.notes)
        counts = {t: len(v) for t, v in read.items()}
        tag = chosen if chosen in read else choose_loss_tag(counts)
        if tag is not None:
            steps, values = _stack(read[tag], run, tag, data.notes)
            if len(steps):
                data.loss = Series(steps=steps, values=values)
                data.signals[metadata.LOSS] = data.loss
                data.loss_tag = tag
                data.loss_source = "scalar"
    wanted = {}
    if metadata.LEARNING_RATE not in data.signals:
        lr_tag = conventions.choose_learning_rate_tag(scalar_list)
        if lr_tag:
            wanted[lr_tag] = metadata.LEARNING_RATE
    if metadata.GRAD_GLOBAL_NORM not in data.signals:
        norm_tag = conventions.choose_grad_norm_tag(scalar_list)
        if norm_tag:
            wanted[norm_tag] = metadata.GRAD_GLOBAL_NORM
    val_signal = metadata.EPOCH_PREFIX + "val_loss"
    if val_signal not in data.signals:
        val_tag = conventions.choose_val_loss_tag(scalar_list)
        if val_tag and val_tag not in wanted:
            wanted[val_tag] = val_signal
    # Keras's per-epoch metrics become epoch/<metric>, like the helper's own.
    for t in scalar_list:
        if t.startswith("epoch_"):
            sig = metadata.EPOCH_PREFIX + t[len("epoch_"):]
            if sig not in data.signals and t not in wanted and sig not in wanted.values():
                wanted[t] = sig
    read = _read_scalar_tags(provider, ctx, experiment_id, run, wanted, data.notes)
    for t, sig in wanted.items():
        steps, values = _stack(read.get(t, []), run, t, data.notes)
        if len(steps):
            data.signals[sig] = Series(steps=steps, values=values, extra={"tag": t})
    if sibling is not None and val_signal not in data.signals:
        # The sibling's loss (Keras: epoch_loss; the tf.summary guide: loss) is the
        # validation loss of this run.
        sibling_tags = provider.list_scalars(
            ctx, experiment_id=experiment_id, plugin_name=SCALARS_PLUGIN,
            run_tag_filter=_filter(sibling)).get(sibling, {})
        tag = choose_loss_tag({t: None for t in sibling_tags})
        if tag is not None:
            read = _read_scalar_tags(provider, ctx, experiment_id, sibling, [tag], data.notes)
            steps, values = _stack(read.get(tag, []), sibling, tag, data.notes)
            if len(steps):
                data.signals[val_signal] = Series(steps=steps, values=values,
                                                  extra={"tag": sibling + ":" + tag})


def _read_histograms(provider, ctx, experiment_id, run, data):
    """Weight histograms (Keras's callback with histogram_freq) as `histogram/<tag>`:
    values (n, k, 3) of bucket left edge, right edge, count."""
    listing = provider.list_tensors(ctx, experiment_id=experiment_id,
                                    plugin_name=HISTOGRAMS_PLUGIN,
                                    run_tag_filter=_filter(run)).get(run, {})
    if not listing:
        return
    read = protos.read(provider, ctx, experiment_id=experiment_id,
                       plugin_name=HISTOGRAMS_PLUGIN, downsample=READ_ALL,
                       run_tag_filter=_filter(run, list(listing))).get(run, {})
    for tag, logged in sorted(read.items()):
        datums = protos.decode(logged, tag, protos.ELEMENTS_PER_TENSOR, data.notes)
        steps, values = _stack(datums, run, tag, data.notes)
        if len(steps) and values.ndim == 3 and values.shape[-1] == 3:
            data.signals["histogram/" + tag] = Series(steps=steps, values=values,
                                                      columns=["left", "right", "count"])


def open_logdir(logdir):
    """A LogdirSource over `logdir` that keeps every sample (for the CLI).

    Local paths, and gs:// or s3:// wherever TensorBoard's own file layer can read them.
    """
    from tensorboard import context as tb_context
    from tensorboard.backend.event_processing import data_provider
    from tensorboard.backend.event_processing import event_accumulator
    from tensorboard.backend.event_processing import plugin_event_multiplexer

    size_guidance = {k: 0 for k in event_accumulator.DEFAULT_SIZE_GUIDANCE}
    multiplexer = plugin_event_multiplexer.EventMultiplexer(
        size_guidance=size_guidance, tensor_size_guidance={})
    multiplexer.AddRunsFromDirectory(logdir)
    multiplexer.Reload()
    provider = data_provider.MultiplexerDataProvider(multiplexer, logdir)
    return LogdirSource(provider=provider, ctx=tb_context.RequestContext(), experiment_id="",
                        logdir=logdir, multiplexer=multiplexer)
