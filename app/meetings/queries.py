"""Finding meetings and agenda items as a user may see them, and how items link across meetings."""
from datetime import datetime

from flask_babel import gettext as _

from app.bodies.models import Body
from app.core.errors import NotFound
from app.core.lookup import get_readable
from app.core.permissions import VIEW, can, require
from app.core.timeutil import to_local, utcnow
from app.extensions import db
from app.meetings.models import AgendaItem, Meeting

#: states in which the agenda may still change; once held, it is the record of what was discussed
EDITABLE_STATES = ("planned", "agenda_published")
#: states of a meeting that took place
HELD_STATES = ("held", "decisions_published", "minutes_approved")
#: held, with the minutes still a draft: members read it and may comment (art. 32 DLB)
DRAFT_MINUTES_STATES = ("held", "decisions_published")



def get_meeting(user, meeting_id: int) -> Meeting:
    return get_readable(user, Meeting, meeting_id, _("Deze vergadering bestaat niet."))


def get_item(user, meeting: Meeting, item_id: int) -> AgendaItem:
    item = db.session.get(AgendaItem, item_id)
    if item is None or item.meeting_id != meeting.id:
        raise NotFound(_("Dit agendapunt bestaat niet."))
    require(user, VIEW, item)
    return item


def visible_items(user, meeting: Meeting) -> list[AgendaItem]:
    """The agenda as `user` may see it: closed (besloten) items stay out of the public view."""
    return [item for item in meeting.items if can(user, VIEW, item)]


def visible_meetings(user, body: Body | None = None) -> list[Meeting]:
    query = db.select(Meeting).order_by(Meeting.start_at, Meeting.id)
    if body is not None:
        query = query.where(Meeting.body_id == body.id)
    return [meeting for meeting in db.session.scalars(query) if can(user, VIEW, meeting)]


def split_upcoming(meetings: list[Meeting], now: datetime | None = None) -> tuple[list[Meeting], list[Meeting]]:
    """(upcoming soonest first, past latest first)."""
    now = now or utcnow()
    upcoming = [m for m in meetings if (m.end_at or m.start_at) >= now]
    past = [m for m in meetings if (m.end_at or m.start_at) < now]
    return upcoming, list(reversed(past))


def by_year(meetings: list[Meeting]) -> list[tuple[int, list[Meeting]]]:
    """Meetings grouped by their (Brussels) year, the latest year first."""
    years: dict[int, list[Meeting]] = {}
    for meeting in meetings:
        years.setdefault(local_year(meeting), []).append(meeting)
    return sorted(years.items(), reverse=True)


def local_year(meeting: Meeting) -> int:
    return to_local(meeting.start_at).year


def meeting_label(meeting: Meeting) -> str:
    when = to_local(meeting.start_at).strftime("%d-%m-%Y")
    return meeting.title or f"{meeting.body.name} – {when}"


def previous_meeting(meeting: Meeting, states=None) -> Meeting | None:
    """The body's meeting just before this one (with `states`: the last one in one of them)."""
    query = (db.select(Meeting)
             .where(Meeting.body_id == meeting.body_id, Meeting.id != meeting.id,
                    Meeting.start_at < meeting.start_at)
             .order_by(Meeting.start_at.desc()).limit(1))
    if states is not None:
        query = query.where(Meeting.state.in_(states))
    return db.session.scalars(query).first()


def following_meeting(meeting: Meeting) -> Meeting | None:
    """The body's meeting just after this one (whatever its state)."""
    return db.session.scalars(
        db.select(Meeting)
        .where(Meeting.body_id == meeting.body_id, Meeting.id != meeting.id,
               Meeting.start_at > meeting.start_at)
        .order_by(Meeting.start_at).limit(1)
    ).first()


def next_meeting(body: Body, after: datetime, exclude_id: int | None = None) -> Meeting | None:
    """The body's next meeting after `after` whose agenda can still take items."""
    query = (db.select(Meeting)
             .where(Meeting.body_id == body.id, Meeting.start_at > after,
                    Meeting.state.in_(EDITABLE_STATES))
             .order_by(Meeting.start_at).limit(1))
    if exclude_id is not None:
        query = query.where(Meeting.id != exclude_id)
    return db.session.scalars(query).first()


def item_thread(user, item: AgendaItem) -> list[AgendaItem]:
    """The topic across meetings (and bodies): where it came from, this item, where it went."""
    before, seen = [], {item.id}
    current = item.continues_item
    while current is not None and current.id not in seen:
        seen.add(current.id)
        before.append(current)
        current = current.continues_item
    after, queue = [], list(item.continued_by)
    while queue:
        current = queue.pop(0)
        if current.id in seen:
            continue
        seen.add(current.id)
        after.append(current)
        queue.extend(current.continued_by)
    thread = list(reversed(before)) + [item] + sorted(after, key=lambda i: i.meeting.start_at)
    return [each for each in thread if can(user, VIEW, each)]


def postponed_to(item: AgendaItem) -> AgendaItem | None:
    """The later item of the same body this one was postponed to, if any."""
    for later in item.continued_by:
        if later.meeting.body_id == item.meeting.body_id:
            return later
    return None




def readable_agendas(user, meetings: list[Meeting]) -> dict[int, tuple[list[AgendaItem], list[AgendaItem]]]:
    """For each meeting, in one query: (every item, the items `user` may read), in agenda order
    (the calendar feed: the times come from the whole agenda, the list only shows what one may read)."""
    ids = [meeting.id for meeting in meetings]
    agendas: dict[int, tuple[list[AgendaItem], list[AgendaItem]]] = {meeting_id: ([], []) for meeting_id in ids}
    if not ids:
        return agendas
    items = db.session.scalars(db.select(AgendaItem).where(AgendaItem.meeting_id.in_(ids))
                               .order_by(AgendaItem.meeting_id, AgendaItem.position)).all()
    for item in items:
        every, readable = agendas[item.meeting_id]
        every.append(item)
        if can(user, VIEW, item):
            readable.append(item)
    return agendas
