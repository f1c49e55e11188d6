"""The meeting page model: everything the meeting page, the meeting API and the agenda export show,
computed once per request with a bounded number of queries, filtered for the viewer.

A visibility rule (which items, which feedback decisions, attendance for the anonymous) is written
here once. Higher features add their part per item through `overview_built` (the documents
feature attaches the readable documents of every item in one query), or for the whole meeting
(the minutes feature's draft for comment).
"""
from dataclasses import dataclass, field

from sqlalchemy.orm import selectinload

from app.core.hooks import Hook
from app.core.permissions import EDIT, PUBLISH, VIEW, can, is_anonymous
from app.core.workflow import MEETING_WORKFLOW, history
from app.extensions import db
from app.meetings.attendance import Quorum, attendance_rows, quorum
from app.meetings.models import AgendaItem, Meeting
from app.meetings.numbering import meeting_number
from app.meetings.queries import EDITABLE_STATES, item_thread, local_year, postponed_to
from app.meetings.timetable import Timetable, timetable

#: fn(user, overview): add per-item data of a higher feature to `overview.extras[name][item_id]`,
#: or meeting-wide data to `overview.parts[name]`
overview_built = Hook("meeting_overview_built")


@dataclass
class FeedbackLink:
    """A decision a feedback item reports, as the viewer may see it."""
    decision_id: int
    reference: str
    decided_on: object
    meeting_id: int
    agenda_item_id: int


@dataclass
class ItemView:
    item: AgendaItem
    feedback: list[FeedbackLink]
    #: the topic across meetings: where it came from, this item, where it went (readable steps)
    thread: list[AgendaItem]
    #: postponed to a later meeting of the same body (then it cannot be taken back)
    postponed: bool


@dataclass
class MeetingOverview:
    meeting: Meeting
    number: int
    year: int
    items: list[ItemView]
    may_edit_agenda: bool
    may_record: bool
    transitions: list
    history: list
    #: attendance and quorum: for logged-in users only
    attendance: list[dict]
    quorum: Quorum | None
    #: planned start per item, from the whole agenda (a closed item takes its time for everyone)
    timetable: Timetable | None = None
    extras: dict[str, dict[int, list]] = field(default_factory=dict)
    #: meeting-wide parts of higher features by name (the minutes' draft for comment)
    parts: dict[str, object] = field(default_factory=dict)

    def extra(self, name: str, item: AgendaItem) -> list:
        return self.extras.get(name, {}).get(item.id, [])


def _load_items(meeting: Meeting) -> list[AgendaItem]:
    """The agenda with what every item shows loaded in a few queries, not a few per item."""
    return db.session.scalars(
        db.select(AgendaItem).where(AgendaItem.meeting_id == meeting.id).order_by(AgendaItem.position)
        .options(selectinload(AgendaItem.continued_by), selectinload(AgendaItem.continues_item),
                 selectinload(AgendaItem.action_line),
                 selectinload(AgendaItem.feedback_decisions))
    ).all()


def meeting_overview(user, meeting: Meeting) -> MeetingOverview:
    """The meeting as `user` may see it (the caller has checked VIEW on the meeting)."""
    agenda = _load_items(meeting)
    items = [item for item in agenda if can(user, VIEW, item)]
    views = []
    for item in items:
        links = [FeedbackLink(d.id, d.reference or "", d.decided_on, d.agenda_item.meeting_id, d.agenda_item_id)
                 for d in item.feedback_decisions if can(user, VIEW, d)]
        thread = item_thread(user, item) if (item.continues_item_id or item.continued_by) else [item]
        views.append(ItemView(item, links, thread, postponed_to(item) is not None))
    signed_in = not is_anonymous(user)
    overview = MeetingOverview(
        meeting=meeting, number=meeting_number(meeting), year=local_year(meeting), items=views,
        may_edit_agenda=can(user, EDIT, meeting) and meeting.state in EDITABLE_STATES,
        may_record=can(user, EDIT, meeting),
        transitions=MEETING_WORKFLOW.available(user, meeting),
        history=history(meeting, "meeting") if can(user, PUBLISH, meeting) else [],
        attendance=attendance_rows(meeting) if signed_in else [],
        quorum=quorum(meeting) if signed_in else None,
        timetable=timetable(meeting, agenda),
    )
    overview_built.send(user, overview)
    return overview
