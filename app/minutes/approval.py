"""Approving minutes: one path, whoever takes it (the meeting's workflow button, the minutes page,
the approval under "Goedkeuring verslag vorige vergadering", the API, the demo data).

The effect is registered on the meeting workflow's `approve_minutes` transition, so every way of
approving locks the minutes, records who approved them and when, and writes the approval line.
"""
from flask_babel import gettext as _

from app.core.errors import Conflict
from app.core.timeutil import to_local, utcnow
from app.core.workflow import MEETING_WORKFLOW, on_transition
from app.meetings.models import Meeting
from app.meetings.queries import following_meeting, previous_meeting
from app.meetings.services import transition_meeting
from app.minutes.locks import is_locked
from app.minutes.services import (
    APPROVE_ITEM_TITLE, add_revision, ensure_minutes, is_item_of_kind, minutes_by_item, minutes_text,
)


def approve_previous_minutes(user, meeting: Meeting, comment: str = "") -> Meeting:
    """Under "Goedkeuring verslag vorige vergadering" of `meeting`: the previous meeting's minutes
    are approved (and so locked)."""
    previous = previous_meeting(meeting)
    if previous is None:
        raise Conflict(_("Er is geen vorige vergadering van dit orgaan."))
    if previous.state == "minutes_approved":
        raise Conflict(_("Het verslag van de vorige vergadering is al goedgekeurd."))
    return approve_minutes(user, previous, comment)


def approve_minutes(user, meeting: Meeting, comment: str = "") -> Meeting:
    """Approve `meeting`'s minutes (from its minutes page, or from the next meeting): the meeting
    workflow's `approve_minutes`, whose guards and effects (below) apply as on the meeting page."""
    return transition_meeting(user, meeting, "approve_minutes", comment)


@on_transition(MEETING_WORKFLOW, "approve_minutes")
def lock_approved_minutes(event) -> None:
    """Lock every item's minutes, record approver and time, and note the approval in the minutes
    of the meeting that approved them (its approval item), when that meeting exists."""
    meeting, user = event.obj, event.user
    now = utcnow()
    meeting.approved_at, meeting.approved_by_id = now, user.id
    for minutes in minutes_by_item(meeting).values():
        if minutes.locked_at is None:
            minutes.locked_at, minutes.locked_by_id = now, user.id
    approving = following_meeting(meeting)  # where the minutes are approved
    if approving is None:
        return
    item = next((i for i in approving.items if is_item_of_kind(i, APPROVE_ITEM_TITLE)), None)
    if item is None or is_locked(item):
        return
    line = _("Het verslag van de vergadering van %(date)s wordt goedgekeurd.",
             date=to_local(meeting.start_at).strftime("%d/%m/%Y"))
    if event.comment:
        line += " " + event.comment
    text = minutes_text(item)
    add_revision(ensure_minutes(item), (text.rstrip() + "\n\n" + line).strip(), user, "", "approval")
