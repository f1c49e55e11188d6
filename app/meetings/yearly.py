"""The minimum number of meetings per year: held and planned against the body's minimum."""
from dataclasses import dataclass
from datetime import date

from app.bodies.models import Body
from app.core.timeutil import to_local, utcnow
from app.extensions import db
from app.meetings.models import Meeting
from app.meetings.numbering import year_bounds
from app.meetings.queries import HELD_STATES, local_year


@dataclass
class YearCount:
    year: int
    minimum: int
    held: int
    planned: int
    #: "reached", "on_track", "at_risk" (more meetings must be planned) or "unreachable"
    status: str
    missing: int



def year_count(body: Body, year: int, today: date | None = None, meetings: list[Meeting] | None = None) -> YearCount:
    """How many meetings `body` held and still has planned in `year`, against its minimum.

    A year can no longer reach the minimum when it is over, or when fewer weeks remain than
    meetings are missing: a body meets at most once a week (a rule of thumb; meetings already
    planned count as held-to-be). Pass `meetings` (those the viewer may see) so that a count
    never reveals meetings the viewer may not read.
    """
    today = today or to_local(utcnow()).date()
    if meetings is None:
        start, end = year_bounds(year)
        meetings = db.session.scalars(
            db.select(Meeting).where(Meeting.body_id == body.id, Meeting.start_at >= start, Meeting.start_at < end)
        ).all()
    else:
        meetings = [m for m in meetings if m.body_id == body.id and local_year(m) == year]
    held = sum(1 for m in meetings if m.state in HELD_STATES)
    planned = sum(1 for m in meetings if m.state not in HELD_STATES and m.state != "cancelled"
                  and to_local(m.start_at).date() >= today)
    minimum = body.min_meetings_per_year or 0
    missing = max(0, minimum - held - planned)
    if held >= minimum:
        status = "reached"
    elif missing == 0:
        status = "on_track"
    else:
        year_end = date(year, 12, 31)
        weeks_left = 0 if today > year_end else (year_end - max(today, date(year, 1, 1))).days // 7 + 1
        status = "unreachable" if missing > weeks_left else "at_risk"
    return YearCount(year=year, minimum=minimum, held=held, planned=planned, status=status, missing=missing)


def body_year_counts(body: Body, meetings: list[Meeting], today: date | None = None) -> list[YearCount]:
    """Per year with meetings (and the current year), the count against the minimum."""
    today = today or to_local(utcnow()).date()
    wanted = sorted({local_year(m) for m in meetings} | {today.year}, reverse=True)
    return [year_count(body, year, today, meetings) for year in wanted]

