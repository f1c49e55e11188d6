"""Planning meetings and moving them along their workflow: the meeting itself, not its agenda."""
from datetime import date, datetime

from flask_babel import gettext as _

from app.bodies.services import get_body
from app.core.errors import Invalid
from app.core.hooks import Hook
from app.core.input import clean_text, clean_url, parse_datetime
from app.core.permissions import EDIT, VIEW, require
from app.core.timeutil import BRUSSELS, to_local
from app.core.workflow import MEETING_WORKFLOW, apply_transition
from app.extensions import db
from app.meetings import numbering, rules  # noqa: F401  (register their workflow guards and effects)
from app.meetings.agenda import MAX_TITLE, bump, check_version, lock_agenda
from app.meetings.models import AgendaItem, Meeting

#: fn(meeting): a new meeting has its fixed items and is about to be committed (the decisions
#: feature pre-fills the feedback items from it)
meeting_created = Hook("meeting_created")
#: fn(meeting, user): the meeting's time, place or title changed and its iCalendar SEQUENCE was
#: raised; sent before the commit, so an update mailed to those invited is saved with the change
meeting_changed = Hook("meeting_changed")


def _check_times(start: datetime, end: datetime | None) -> None:
    if end is not None and end <= start:
        raise Invalid(_("Een vergadering kan niet eindigen voor ze begint."))


def _online_url(value) -> str:
    return clean_url(value, _("De link voor online deelname"))


def create_meeting(user, body_slug: str, start, end=None, location: str = "", online_url: str = "",
                   title: str = "", is_public: bool = False) -> Meeting:
    """Plan a meeting; its agenda gets the body's fixed items, feedback items pre-filled."""
    body = get_body(body_slug) if isinstance(body_slug, str) else body_slug
    if body is None:
        raise Invalid(_("Kies een orgaan."))
    meeting = Meeting(body_id=body.id, body=body)
    require(user, EDIT, meeting)
    meeting.start_at = parse_datetime(start, _("Het begin"))
    meeting.end_at = parse_datetime(end, _("Het einde")) if end not in (None, "") else None
    _check_times(meeting.start_at, meeting.end_at)
    meeting.title = clean_text(title, _("De titel"), MAX_TITLE, line=True)
    meeting.location = clean_text(location, _("De plaats"), 300, line=True)
    meeting.online_url = _online_url(online_url)
    meeting.is_public = bool(is_public)
    meeting.state = MEETING_WORKFLOW.initial
    meeting.created_by_id = getattr(user, "id", None)
    db.session.add(meeting)
    db.session.flush()
    for position, fixed in enumerate(body.fixed_items):
        item = AgendaItem(
            meeting=meeting, position=position, title=fixed.title, description=fixed.description,
            kind=fixed.kind, is_fixed=fixed.mandatory, is_standing=not fixed.mandatory,
            fixed_item_id=fixed.id,
        )
        db.session.add(item)
    db.session.flush()
    meeting_created.send(meeting)
    db.session.commit()
    return meeting


def update_meeting(user, meeting: Meeting, data: dict, version=None) -> Meeting:
    """Change date, time, place, title or public flag; a change a calendar shows (time, place,
    title) bumps the iCalendar SEQUENCE and is announced through `meeting_changed`."""
    require(user, EDIT, meeting)
    lock_agenda(meeting)
    check_version(meeting, version)
    start = parse_datetime(data["start"], _("Het begin")) if "start" in data else meeting.start_at
    if "end" in data:
        end = parse_datetime(data["end"], _("Het einde")) if data["end"] not in (None, "") else None
    else:
        end = meeting.end_at
    _check_times(start, end)
    title = clean_text(data["title"], _("De titel"), MAX_TITLE, line=True) if "title" in data else meeting.title
    location = clean_text(data["location"], _("De plaats"), 300, line=True) if "location" in data else meeting.location
    online_url = _online_url(data["online_url"]) if "online_url" in data else meeting.online_url
    is_public = bool(data["is_public"]) if "is_public" in data else meeting.is_public
    moved = (start, end, location, online_url) != (meeting.start_at, meeting.end_at, meeting.location, meeting.online_url)
    rescheduled = moved or title != meeting.title
    changed = rescheduled or is_public != meeting.is_public
    if not changed:
        return meeting
    meeting.start_at, meeting.end_at, meeting.location, meeting.online_url = start, end, location, online_url
    meeting.title, meeting.is_public = title, is_public
    if rescheduled:
        meeting.ics_sequence = (meeting.ics_sequence or 0) + 1
    bump(meeting)
    if rescheduled:
        meeting_changed.send(meeting, user)
    db.session.commit()
    return meeting


def transition_meeting(user, meeting: Meeting, name: str, comment: str = "") -> Meeting:
    """Move the meeting along its workflow (publish the agenda, mark held, approve minutes): the one
    way every caller takes, so the guards and effects of the engine always apply."""
    require(user, VIEW, meeting)
    comment = "" if comment is None else comment
    if not isinstance(comment, str) or len(comment) > 1000:
        raise Invalid(_("Een opmerking telt hoogstens %(n)d tekens.", n=1000))
    # two clicks at once: the second sees the state the first left (and is refused), instead of
    # both moving the meeting and running the effects (an approval line in the minutes) twice
    lock_agenda(meeting)
    apply_transition(MEETING_WORKFLOW, meeting, name, user, comment, object_type="meeting")
    db.session.commit()
    return meeting


def available_transitions(user, meeting: Meeting):
    return MEETING_WORKFLOW.available(user, meeting)


def local_parts(meeting: Meeting) -> dict:
    """The meeting's date and times on the Brussels wall clock, for forms."""
    start = to_local(meeting.start_at)
    end = to_local(meeting.end_at) if meeting.end_at else None
    return {"date": start.date(), "start_time": start.time().replace(tzinfo=None),
            "end_time": end.time().replace(tzinfo=None) if end else None}


def combine_local(day: date, at, end_at=None) -> tuple[datetime, datetime | None]:
    """Form date + times (Brussels) as naive local datetimes; an end earlier than the start is refused."""
    start = datetime.combine(day, at)
    end = datetime.combine(day, end_at) if end_at else None
    return start.replace(tzinfo=BRUSSELS), end.replace(tzinfo=BRUSSELS) if end else None

