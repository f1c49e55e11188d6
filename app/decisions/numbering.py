"""Decision references (TF-2026-03/2): the meeting's reference prefix and the decision's number.

Every decision stores its reference when it is created; it is provisional while the meeting is
not held (planning an earlier meeting may still shift the meeting's number) and final once the
meeting is held: then the meeting's number is stored and the references are written once more.
Pages, lists and exports read the stored column: no query per decision.
"""
from app.core.workflow import MEETING_WORKFLOW, on_transition
from app.decisions.models import Decision
from app.meetings.numbering import reference_prefix


def decision_reference(decision: Decision) -> str:
    """The readable reference of a decision, e.g. TF-2026-03/2."""
    return decision.reference or compute_reference(decision)


def compute_reference(decision: Decision) -> str:
    return f"{reference_prefix(decision.agenda_item.meeting)}{decision.number}"


def store_reference(decision: Decision) -> None:
    """Write the decision's reference (final when its meeting is held, provisional before)."""
    decision.reference = compute_reference(decision)


@on_transition(MEETING_WORKFLOW, "mark_held")
def store_references(event) -> None:
    """Held: the decisions taken so far get their final references (the meeting's number is
    stored by the meetings feature's effect, registered before this one)."""
    for item in event.obj.items:
        for decision in item.decisions:
            store_reference(decision)
