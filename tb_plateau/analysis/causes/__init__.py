"""The registry of causes: the fixed vocabulary, in order, one module per cause.

Adding a cause is a deliberate, versioned change (docs/report.md lists the vocabulary): write
its module (a `Cause` subclass: id, title, charted column, detector, fix text, place in the
causal order) and list it in CAUSES below. `register` adds one for a single process (a test,
an experiment) without changing the vocabulary.
"""

from tb_plateau.analysis.causes.base import Cause, Explains, Finding
from tb_plateau.analysis.causes.dead_relus import DeadReLUs
from tb_plateau.analysis.causes.exploding_gradients import ExplodingGradients
from tb_plateau.analysis.causes.insufficient_capacity import InsufficientCapacity
from tb_plateau.analysis.causes.learning_rate_too_high import LearningRateTooHigh
from tb_plateau.analysis.causes.learning_rate_too_low import LearningRateTooLow
from tb_plateau.analysis.causes.loss_activation_mismatch import LossActivationMismatch
from tb_plateau.analysis.causes.non_finite_values import NonFiniteValues
from tb_plateau.analysis.causes.over_regularization import OverRegularization
from tb_plateau.analysis.causes.poor_initialization import PoorInitialization
from tb_plateau.analysis.causes.saturated_activations import SaturatedActivations
from tb_plateau.analysis.causes.unnormalized_inputs import UnnormalizedInputs
from tb_plateau.analysis.causes.vanishing_gradients import VanishingGradients

CAUSES = (
    LearningRateTooHigh(),
    LearningRateTooLow(),
    VanishingGradients(),
    ExplodingGradients(),
    DeadReLUs(),
    SaturatedActivations(),
    UnnormalizedInputs(),
    LossActivationMismatch(),
    InsufficientCapacity(),
    OverRegularization(),
    PoorInitialization(),
    NonFiniteValues(),
)

CAUSE_IDS = tuple(c.id for c in CAUSES)
TITLES = {c.id: c.title for c in CAUSES}

_added = []


def registered():
    """The causes every analysis judges: the vocabulary, then any added with `register`."""
    return CAUSES + tuple(_added)


def register(cause):
    """Judge `cause` in every later analysis of this process; returns it."""
    if not cause.id or cause.id in {c.id for c in registered()}:
        raise ValueError("a cause needs a new id, not %r" % cause.id)
    _added.append(cause)
    return cause


def unregister(cause_id):
    """Stop judging a cause added with `register` (the vocabulary's own stay)."""
    _added[:] = [c for c in _added if c.id != cause_id]


__all__ = ["CAUSES", "CAUSE_IDS", "TITLES", "Cause", "Explains", "Finding", "register",
           "registered", "unregister"]
