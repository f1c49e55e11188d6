"""A meeting's number in its year (TF-2026-03 is the Taskforce's third meeting of 2026).

Counted while the meeting is planned, stored when it is held: planning an earlier meeting
afterwards renumbers nothing held, and the record's references (decisions take the number from
here) never change once a secretariat has used them.
"""
from datetime import datetime

from sqlalchemy.orm import object_session

from app.core.timeutil import local_to_utc
from app.core.workflow import MEETING_WORKFLOW, on_transition
from app.extensions import db
from app.meetings.models import Meeting
from app.meetings.queries import local_year


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """The (Brussels) year as UTC bounds: [start, end)."""
    return local_to_utc(datetime(year, 1, 1)), local_to_utc(datetime(year + 1, 1, 1))


def counted_number(meeting: Meeting) -> int:
    """1 for the body's first meeting of the (Brussels) year, 2 for the second, ... (a cancelled
    meeting takes no number)"""
    start, _end = year_bounds(local_year(meeting))
    # the meeting's own session: the search indexer builds references in a session of its own
    session = object_session(meeting) or db.session
    earlier = session.execute(
        db.select(Meeting.start_at, Meeting.id).where(
            Meeting.body_id == meeting.body_id, Meeting.start_at >= start, Meeting.start_at <= meeting.start_at,
            (Meeting.state != "cancelled") | (Meeting.id == meeting.id),
        )
    ).all()
    return sum(1 for start_at, meeting_id in earlier if (start_at, meeting_id) <= (meeting.start_at, meeting.id))


def meeting_number(meeting: Meeting) -> int:
    """The stored number of a held meeting, the counted one before."""
    return meeting.number_in_year or counted_number(meeting)


def reference_prefix(meeting: Meeting) -> str:
    """What every reference of the meeting starts with, e.g. "TF-2026-03/"."""
    return f"{meeting.body.abbreviation}-{local_year(meeting)}-{meeting_number(meeting):02d}/"


@on_transition(MEETING_WORKFLOW, "mark_held")
def store_number(event) -> None:
    """Held: the number is part of the record from now on."""
    meeting = event.obj
    if meeting.number_in_year is None:
        meeting.number_in_year = counted_number(meeting)
