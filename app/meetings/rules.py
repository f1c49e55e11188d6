"""The meeting workflow's own conditions and consequences (PloneMeeting's may*/do*), registered on
the engine so the page button, the API, the demo data and the CLI all meet them.

- mark_held: only once the meeting has started (a meeting in 2027 is not held in 2026);
- cancel: records the reason, and the calendar feeds then say STATUS:CANCELLED with a raised
  SEQUENCE, so agendas that subscribed drop or strike the meeting.
"""
from flask_babel import gettext as _

from app.core.timeutil import to_local, utcnow
from app.core.workflow import MEETING_WORKFLOW, guard, on_transition

@guard(MEETING_WORKFLOW, "mark_held")
def started(meeting, user):
    if meeting.start_at > utcnow():
        return _("Een vergadering is pas gehouden als ze begonnen is (%(start)s).",
                 start=to_local(meeting.start_at).strftime("%d-%m-%Y %H:%M"))
    return None


@on_transition(MEETING_WORKFLOW, "cancel")
def record_cancellation(event) -> None:
    meeting = event.obj
    meeting.cancel_reason = event.comment
    meeting.ics_sequence = (meeting.ics_sequence or 0) + 1
