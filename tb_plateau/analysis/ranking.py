"""Cross-cause ordering, in one place: what the cause modules declare about each other.

Detectors score each cause on its own evidence. Here the declarations relate them:
- `Explains`: an upstream cause accounts for part of a symptom's evidence (large inputs
  make gradients vanish and steps look oversized), so the symptom keeps only a share;
- `upstream_of`: a confident cause ranks before the symptoms it produces whatever the model;
- `contradicts`: two causes that cannot both hold for one interval; the less confident
  one is dropped;
- `precedence`: confidences the signals cannot separate are ranked upstream first. The
  order runs: bad values and a wrong loss poison every other signal; data scale and the
  starting weights come before the optimizer's step size; the step size before what it
  does to the network's state (saturation and dead units before the vanishing/exploding
  gradients they cause); capacity is judged by elimination, last.
"""

from tb_plateau.analysis import thresholds as T
from tb_plateau.analysis.context import fmt


def _upstream_first(causes):
    # Stable: a module's own relations keep their declared order.
    return sorted(causes, key=lambda c: c.precedence)


def explain_away(ctx, finding, causes):
    """Scale `finding` by the share each upstream cause's `Explains` relations leave it."""
    for upstream in _upstream_first(causes):
        for relation in upstream.explains:
            if relation.symptom == finding.id:
                finding.against(relation.share_left(ctx))


def causal_order(findings, causes):
    """Rank (cause, finding) pairs by confidence, with causes before their consequences.

    1. A symptom of a confident upstream cause (its `upstream_of`, the upstream one at
       least T.ROOT_CAUSE_MIN) is ranked after it: fixing the cause removes the symptom,
       not the other way round. Its confidence is lowered just below the cause's and the
       link is added to its evidence, so the report stays consistent with its order.
    2. Confidences within T.TIE_MARGIN are ordered by `precedence` (upstream first): the
       signals cannot separate them, the causal order can.
    """
    by_id = {c.id: f for c, f in findings}
    for root in _upstream_first(causes):
        cause = by_id.get(root.id)
        if not root.upstream_of or cause is None or cause.confidence < T.ROOT_CAUSE_MIN:
            continue
        for sid in root.upstream_of:
            if sid in cause.not_upstream_of:
                continue
            symptom = by_id.get(sid)
            if symptom is None or symptom.confidence < cause.confidence - T.TIE_MARGIN:
                continue
            cap = max(0.0, cause.confidence - T.TIE_MARGIN)
            symptom.against(cap / symptom.confidence if symptom.confidence > 0 else 0.0)
            symptom.evidence.append((0.0, {"text": "likely a consequence of %s (%s), which "
                                                   "is upstream of it" % (root.id, fmt(cause.confidence))}))
    ordered = sorted(findings, key=lambda cf: -cf[1].confidence)
    # Insertion pass: move an upstream cause ahead of downstream ones it ties with.
    for i in range(1, len(ordered)):
        j = i
        while j > 0:
            (above_cause, above), (below_cause, below) = ordered[j - 1], ordered[j]
            if above.confidence - below.confidence <= T.TIE_MARGIN and \
                    below_cause.precedence < above_cause.precedence:
                ordered[j - 1], ordered[j] = ordered[j], ordered[j - 1]
                j -= 1
            else:
                break
    # A downstream cause moved below an upstream one it tied with keeps at most the upstream
    # one's confidence, so confidences never rise down the ranked list.
    for k in range(1, len(ordered)):
        above, below = ordered[k - 1][1], ordered[k][1]
        if below.confidence > above.confidence > 0:
            below.against(above.confidence / below.confidence)
        elif below.confidence > above.confidence:
            below.against(0.0)
    return without_contradictions(ordered)


def without_contradictions(ordered):
    """`ordered` (ranked pairs) without any cause that contradicts one ranked above it."""
    kept = []
    for cause, finding in ordered:
        if any(cause.id in above.contradicts or above.id in cause.contradicts
               for above, _ in kept):
            continue
        kept.append((cause, finding))
    return kept
