"""The scalar tag names other tools write for the loss, learning rate, gradient norm and
validation loss, and how the reader picks one of each from a run's tags.

Names are matched case-insensitively (`Loss/train` and `loss/Train` are one name). Each list
is in order of preference: the first name a run has wins (for the loss, unless that series is
too short to judge; see `choose_loss_tag`). Per-step series come before per-epoch ones,
except Keras's `batch_loss`, which is a running mean that restarts every epoch.

Sources of the names (facts, looked up in each tool's documentation or source):
- torch.utils.tensorboard docs and recipe "How to use TensorBoard with PyTorch":
  `Loss/train`, `Loss/test`; the "Visualizing models, data, and training with TensorBoard"
  tutorial: `training loss`. tensorboardX's examples use the same `add_scalar` names.
- Hugging Face Transformers, `integrations/integration_utils.py` (`rewrite_logs`,
  `TensorBoardCallback.on_log`): every logged key gets a `train/` prefix, `eval_*` keys
  become `eval/*`, `test_*` become `test/*`, at `state.global_step`: `train/loss`,
  `train/learning_rate`, `train/grad_norm`, `eval/loss`. At the end it logs the whole run's
  mean as `train/train_loss` (one point; never preferred over `train/loss`).
- PyTorch Lightning: `self.log("train_loss", ..., on_step=True, on_epoch=True)` writes
  `train_loss_step` and `train_loss_epoch`; `LearningRateMonitor` names a rate
  `lr-<OptimizerClass>`, with `-<n>` for a repeated optimizer type and `/pg<n>` (or the
  param group's name) for several param groups, and `-momentum` / `-weight_decay` for those
  (`callbacks/lr_monitor.py`, `_add_prefix`, `_add_suffix`); `utilities.grad_norm` names the
  global 2-norm `grad_2.0_norm_total`.
- Keras's `TensorBoard` callback: `epoch_<metric>` per epoch and `batch_<metric>` per batch
  (a running mean over the epoch so far), `epoch_learning_rate` (Keras 3) or `epoch_lr`
  (Keras 2); validation metrics go to a sibling `validation` run.
- TensorFlow's `tf.summary` guide: `loss` and `accuracy` written to `train` and `test`
  sibling runs. Flax / CLU examples: `train_loss`, `test_loss` / `eval_loss`,
  `learning_rate` or `lr`. fairseq: `loss`, `lr`, `gnorm`.
"""

import re

# The training loss, per step before per epoch (Keras's running `batch_loss` excepted).
LOSS_TAGS = (
    "loss",               # tf.summary guide, Flax/CLU, fairseq, Lightning self.log("loss")
    "train/loss",         # Hugging Face Trainer
    "train_loss_step",    # Lightning, on_step and on_epoch: the per-step half
    "train_loss",         # Lightning, Flax examples
    "loss/train",         # torch.utils.tensorboard docs and recipes
    "training loss",      # PyTorch's TensorBoard tutorial
    "training_loss",      # the same through tensorboardX, which turns spaces into '_'
    "training/loss",
    "train/loss_step",
    "loss_step",          # Lightning self.log("loss", on_step=True, on_epoch=True)
    "epoch_loss",         # Keras: per epoch, preferred over its running batch mean
    "batch_loss",         # Keras with update_freq
    "train_loss_epoch",   # Lightning: the per-epoch half
    "loss_epoch",
    "train/epoch_loss",
)

LEARNING_RATE_TAGS = (
    "learning_rate", "lr",                          # tf.summary, Flax/CLU, fairseq
    "train/learning_rate", "train/lr",              # Hugging Face Trainer
    "learning rate", "lr/train", "learning_rate/train",
    "train_learning_rate", "train_lr",              # Flax examples (train_ prefix)
    "optimizer/learning_rate", "optimizer/lr",
    "epoch_learning_rate", "batch_learning_rate",   # Keras 3
    "epoch_lr", "batch_lr",                         # Keras 2
)
# Lightning's LearningRateMonitor: lr-Adam, lr-Adam-1, lr-SGD/pg1, lr-SGD/<group name>.
_LIGHTNING_LR = re.compile(r"^lr-[^/\s]+(/.+)?$")
_NOT_A_RATE = re.compile(r"-(momentum|weight_decay|beta\d*)$")

# A global gradient norm (one number per step over all parameters).
GRAD_NORM_TAGS = (
    "grad_norm", "train/grad_norm",                 # Hugging Face Trainer
    "grad_2.0_norm_total",                          # Lightning utilities.grad_norm
    "grad_norm_total", "grad_norm/total",
    "gradient_norm", "train/gradient_norm", "gradients/global_norm",
    "grad_global_norm", "global_grad_norm", "train_grad_norm",
    "gnorm", "train/gnorm",                         # fairseq
)

# The validation / evaluation loss, in the training's own run.
VAL_LOSS_TAGS = (
    "val_loss",           # Lightning, Keras 2 in one run
    "eval/loss",          # Hugging Face Trainer
    "loss/val", "loss/validation", "loss/valid", "loss/test",   # torch docs and recipes
    "val/loss", "validation/loss", "valid/loss", "eval_loss", "validation_loss",
    "valid_loss", "validation loss", "val_loss_epoch", "val_loss_step",
    "test_loss",          # Flax examples
    "test/loss", "test loss",
)

EVAL_WORDS = re.compile(r"(^|[/_\-\s.])(val|valid|validation|eval|evaluation|test|dev)"
                        r"([/_\-\s.]|$)", re.IGNORECASE)
# Tags that mention a loss but are not one: mixed precision's loss scale.
_NOT_A_LOSS = re.compile(r"loss[_\s/-]?scal", re.IGNORECASE)


def is_eval_tag(tag):
    """Whether a tag names a validation/evaluation/test quantity."""
    return bool(EVAL_WORDS.search(tag))


def _by_name(tags):
    """{lowercased tag: the tag as written}; the first spelling of a name wins."""
    out = {}
    for t in sorted(tags):
        out.setdefault(t.lower(), t)
    return out


def _known(names, tags):
    lower = _by_name(tags)
    return [lower[n] for n in names if n in lower]


def match_tag(wanted, tags):
    """The tag among `tags` that is `wanted`, exactly or else case-insensitively; or None."""
    if wanted in tags:
        return wanted
    return _by_name(tags).get(wanted.lower())


def is_loss_candidate(tag):
    """Whether `tag` could be a training loss: a known name, or any name that mentions a
    loss and no validation/test word."""
    lower = tag.lower()
    if lower in LOSS_TAGS:
        return True
    return "loss" in lower and not is_eval_tag(tag) and not _NOT_A_LOSS.search(tag)


def loss_candidates(tags):
    """Training-loss tags among `tags`, best first: known names in LOSS_TAGS order, then
    other loss-like names (per-step before per-epoch, then by name)."""
    known = _known(LOSS_TAGS, tags)
    others = sorted((t for t in tags if t not in known and is_loss_candidate(t)),
                    key=lambda t: ("epoch" in t.lower(), t.lower(), t))
    return known + others


def choose_learning_rate_tag(tags):
    """The learning-rate tag among `tags`, or None."""
    known = _known(LEARNING_RATE_TAGS, tags)
    if known:
        return known[0]
    lightning = sorted(t for t in tags if _LIGHTNING_LR.match(t.lower())
                       and not _NOT_A_RATE.search(t.lower()))
    return lightning[0] if lightning else None


def choose_grad_norm_tag(tags):
    """The global-gradient-norm tag among `tags`, or None."""
    known = _known(GRAD_NORM_TAGS, tags)
    return known[0] if known else None


def choose_val_loss_tag(tags):
    """The validation-loss tag among `tags`, or None: a known name, else any name that
    mentions a loss and a validation/test word."""
    known = _known(VAL_LOSS_TAGS, tags)
    if known:
        return known[0]
    others = sorted(t for t in tags if "loss" in t.lower() and is_eval_tag(t)
                    and not _NOT_A_LOSS.search(t))
    return others[0] if others else None


def may_be_read(tag):
    """Whether any rule here can choose `tag`, as the loss, learning rate, gradient norm or
    validation loss, whatever other tags the run has: what a reader that keeps the points of
    only some tags must keep (the choose_* functions pick among these)."""
    lower = tag.lower()
    return (is_loss_candidate(tag)
            or lower in LEARNING_RATE_TAGS
            or bool(_LIGHTNING_LR.match(lower) and not _NOT_A_RATE.search(lower))
            or lower in GRAD_NORM_TAGS
            or lower in VAL_LOSS_TAGS
            or ("loss" in lower and is_eval_tag(tag) and not _NOT_A_LOSS.search(tag)))
