"""Rules for meetings and their agendas: planning, items, feedback loop, attendance, workflow."""
from dataclasses import dataclass
from datetime import date, datetime, timezone
from urllib.parse import urlsplit

from flask_babel import gettext as _
from sqlalchemy import update

from app.bodies.models import AGENDA_ITEM_KINDS, Body, FixedAgendaItem
from app.bodies.services import get_action_line, get_body, members_of
from app.core.errors import Conflict, Invalid, NotAllowed, NotFound
from app.core.markdown import markdown_to_text
from app.core.permissions import EDIT, VIEW, can, require
from app.core.timeutil import BRUSSELS, local_to_utc, to_local, utcnow
from app.core.versions import record_version
from app.core.workflow import MEETING_WORKFLOW, apply_transition
from app.decisions.models import Decision
from app.extensions import db
from app.meetings.models import ATTENDANCE_STATUSES, AgendaItem, Attendance, Meeting

#: states in which the agenda may still change; once held, it is the record of what was discussed
EDITABLE_STATES = ("planned", "agenda_published")
#: roles counted for the quorum: secretaries are staff, observers and substitutes only count
#: when they stand in for an excused member
VOTING_ROLES = ("voorzitter", "lid")
MAX_TITLE = 300


# --- reading -------------------------------------------------------------------------------------

def get_meeting(user, meeting_id: int) -> Meeting:
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(_("Deze vergadering bestaat niet."))
    require(user, VIEW, meeting)
    return meeting


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


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    start = local_to_utc(datetime(year, 1, 1))
    end = local_to_utc(datetime(year + 1, 1, 1))
    return start, end


def meeting_number_in_year(meeting: Meeting) -> int:
    """1 for the body's first meeting of the (Brussels) year, 2 for the second, ..."""
    start, _end = _year_bounds(local_year(meeting))
    earlier = db.session.scalars(
        db.select(Meeting).where(
            Meeting.body_id == meeting.body_id, Meeting.start_at >= start, Meeting.start_at <= meeting.start_at,
        )
    ).all()
    return sum(1 for m in earlier if (m.start_at, m.id) <= (meeting.start_at, meeting.id))


def decision_reference(decision: Decision) -> str:
    """The readable reference of a decision, e.g. TF-2026-03/2."""
    meeting = decision.agenda_item.meeting
    return (f"{meeting.body.abbreviation}-{local_year(meeting)}-"
            f"{meeting_number_in_year(meeting):02d}/{decision.number}")


def previous_meeting(meeting: Meeting) -> Meeting | None:
    return db.session.scalars(
        db.select(Meeting)
        .where(Meeting.body_id == meeting.body_id, Meeting.id != meeting.id,
               Meeting.start_at < meeting.start_at)
        .order_by(Meeting.start_at.desc()).limit(1)
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


# --- the minimum number of meetings per year ---------------------------------------------------

@dataclass
class YearCount:
    year: int
    minimum: int
    held: int
    planned: int
    #: "reached", "on_track", "at_risk" (more meetings must be planned) or "unreachable"
    status: str
    missing: int


HELD_STATES = ("held", "minutes_approved")


def year_count(body: Body, year: int, today: date | None = None, meetings: list[Meeting] | None = None) -> YearCount:
    """How many meetings `body` held and still has planned in `year`, against its minimum.

    A year can no longer reach the minimum when it is over, or when fewer weeks remain than
    meetings are missing: a body meets at most once a week (a rule of thumb; meetings already
    planned count as held-to-be). Pass `meetings` (those the viewer may see) so that a count
    never reveals meetings the viewer may not read.
    """
    today = today or to_local(utcnow()).date()
    if meetings is None:
        start, end = _year_bounds(year)
        meetings = db.session.scalars(
            db.select(Meeting).where(Meeting.body_id == body.id, Meeting.start_at >= start, Meeting.start_at < end)
        ).all()
    else:
        meetings = [m for m in meetings if m.body_id == body.id and local_year(m) == year]
    held = sum(1 for m in meetings if m.state in HELD_STATES)
    planned = sum(1 for m in meetings if m.state not in HELD_STATES and to_local(m.start_at).date() >= today)
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


# --- validation ----------------------------------------------------------------------------------

def _as_utc(value, label: str) -> datetime:
    """A datetime (naive = Brussels wall clock, or aware) or ISO string as naive UTC."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise Invalid(_("%(label)s is geen geldige datum en tijd.", label=label))
    if not isinstance(value, datetime):
        raise Invalid(_("%(label)s is verplicht.", label=label))
    if value.tzinfo is not None:
        return value.astimezone(timezone.utc).replace(tzinfo=None)
    return local_to_utc(value)


def _clean_url(url: str | None) -> str:
    url = (url or "").strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > 500:
        raise Invalid(_("De link voor online deelname moet een volledig http(s)-adres zijn."))
    return url


def _clean_text(value, label: str, limit: int, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Invalid(_("%(label)s moet tekst zijn.", label=label))
    value = value.strip()
    if required and not value:
        raise Invalid(_("%(label)s is verplicht.", label=label))
    if len(value) > limit:
        raise Invalid(_("%(label)s telt hoogstens %(n)d tekens.", label=label, n=limit))
    return value


def _check_times(start: datetime, end: datetime | None) -> None:
    if end is not None and end <= start:
        raise Invalid(_("Een vergadering kan niet eindigen voor ze begint."))


def _require_editable_agenda(meeting: Meeting) -> None:
    if meeting.state not in EDITABLE_STATES:
        raise Conflict(_("De agenda van een gehouden vergadering ligt vast."))


def check_version(meeting: Meeting, version) -> None:
    """Refuse a save based on an older agenda than the one stored (None: no check, API only)."""
    if version is None or version == "":
        return
    try:
        version = int(version)
    except (TypeError, ValueError):
        raise Invalid(_("Ongeldige agendaversie."))
    if version != meeting.agenda_version:
        raise Conflict(
            _("De agenda werd intussen gewijzigd door iemand anders (u werkte op versie %(yours)d, "
              "nu is het versie %(current)d). Herlaad de agenda en breng uw wijziging opnieuw aan.",
              yours=version, current=meeting.agenda_version),
            detail={"agenda_version": meeting.agenda_version},
        )


def _bump(meeting: Meeting) -> None:
    """Increase the agenda version, atomically: if another save slipped in since we read it, refuse."""
    seen = meeting.agenda_version
    result = db.session.execute(
        update(Meeting).where(Meeting.id == meeting.id, Meeting.agenda_version == seen)
        .values(agenda_version=seen + 1).execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.rollback()
        raise Conflict(_("De agenda werd intussen gewijzigd door iemand anders. Herlaad de agenda."))
    meeting.agenda_version = seen + 1  # what the row holds now; the next flush writes the same


# --- meetings ------------------------------------------------------------------------------------

def create_meeting(user, body_slug: str, start, end=None, location: str = "", online_url: str = "",
                   title: str = "", is_public: bool = False) -> Meeting:
    """Plan a meeting; its agenda gets the body's fixed items, feedback items pre-filled."""
    body = get_body(body_slug) if isinstance(body_slug, str) else body_slug
    if body is None:
        raise Invalid(_("Kies een orgaan."))
    meeting = Meeting(body_id=body.id, body=body)
    require(user, EDIT, meeting)
    meeting.start_at = _as_utc(start, _("Het begin"))
    meeting.end_at = _as_utc(end, _("Het einde")) if end not in (None, "") else None
    _check_times(meeting.start_at, meeting.end_at)
    meeting.title = _clean_text(title, _("De titel"), MAX_TITLE)
    meeting.location = _clean_text(location, _("De plaats"), 300)
    meeting.online_url = _clean_url(online_url)
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
        if fixed.feedback_from_body_id:
            _prefill_feedback(meeting, item, fixed)
    db.session.commit()
    return meeting


def _continues_body(item: AgendaItem, body_id: int) -> bool:
    seen = set()
    current = item.continues_item
    while current is not None and current.id not in seen:
        if current.meeting.body_id == body_id:
            return True
        seen.add(current.id)
        current = current.continues_item
    return False


def feedback_candidates(meeting: Meeting, fixed: FixedAgendaItem) -> list[Decision]:
    """The decisions the feedback item `fixed` of the new `meeting` reports.

    Decisions of the source body taken from the date of this body's previous meeting up to this
    meeting's date, minus those an earlier feedback item of this body already reported.
    When the source is the parent (the body this one reports to), only decisions on this body's
    matters count; the rule we chose: the parent's decision was taken under an agenda item that
    is itself the feedback item from this body, or that continues (directly or down a chain of
    postponements/referrals) an item of this body. The other way round (a child reporting to us),
    every decision of the child counts.
    """
    source_id, body = fixed.feedback_from_body_id, meeting.body
    previous = previous_meeting(meeting)
    query = (db.select(Decision).join(AgendaItem, Decision.agenda_item_id == AgendaItem.id)
             .join(Meeting, AgendaItem.meeting_id == Meeting.id)
             .where(Meeting.body_id == source_id,
                    Decision.decided_on <= to_local(meeting.start_at).date())
             .order_by(Decision.decided_on, Meeting.start_at, Decision.number))
    if previous is not None:
        query = query.where(Decision.decided_on >= to_local(previous.start_at).date())
    decisions = db.session.scalars(query).all()
    reported = set(db.session.scalars(
        db.select(Decision.id).join(AgendaItem.feedback_decisions).join(Meeting, AgendaItem.meeting_id == Meeting.id)
        .where(Meeting.body_id == body.id, Meeting.id != meeting.id)
    ).all())
    decisions = [d for d in decisions if d.id not in reported]
    if body.reports_to_id == source_id:
        decisions = [
            d for d in decisions
            if (d.agenda_item.fixed_item is not None and d.agenda_item.fixed_item.feedback_from_body_id == body.id)
            or _continues_body(d.agenda_item, body.id)
        ]
    return decisions


def _prefill_feedback(meeting: Meeting, item: AgendaItem, fixed: FixedAgendaItem) -> None:
    decisions = feedback_candidates(meeting, fixed)
    item.feedback_decisions = list(decisions)
    source = fixed.feedback_from_body
    previous = previous_meeting(meeting)
    since = (_("sinds de vorige vergadering van %(date)s", date=to_local(previous.start_at).strftime("%d-%m-%Y"))
             if previous else _("sinds de start"))
    if not decisions:
        text = _("Geen nieuwe besluiten van %(body)s %(since)s.", body=source.name, since=since)
    else:
        lines = [_("Besluiten van %(body)s %(since)s:", body=source.name, since=since), ""]
        for decision in decisions:
            if decision.agenda_item.is_public:
                summary = markdown_to_text(decision.text)
                if len(summary) > 240:
                    summary = summary[:237].rstrip() + "…"
            else:
                summary = _("(besloten punt: zie het besluit)")
            lines.append(f"- **{decision_reference(decision)}** ({decision.decided_on.strftime('%d-%m-%Y')}): {summary}")
        text = "\n".join(lines)
    item.description = (fixed.description + "\n\n" + text).strip() if fixed.description else text


def update_meeting(user, meeting: Meeting, data: dict, version=None) -> Meeting:
    """Change date, time, place, title or public flag; a move in time or place bumps the iCalendar SEQUENCE."""
    require(user, EDIT, meeting)
    check_version(meeting, version)
    start = _as_utc(data["start"], _("Het begin")) if "start" in data else meeting.start_at
    if "end" in data:
        end = _as_utc(data["end"], _("Het einde")) if data["end"] not in (None, "") else None
    else:
        end = meeting.end_at
    _check_times(start, end)
    title = _clean_text(data["title"], _("De titel"), MAX_TITLE) if "title" in data else meeting.title
    location = _clean_text(data["location"], _("De plaats"), 300) if "location" in data else meeting.location
    online_url = _clean_url(data["online_url"]) if "online_url" in data else meeting.online_url
    is_public = bool(data["is_public"]) if "is_public" in data else meeting.is_public
    moved = (start, end, location, online_url) != (meeting.start_at, meeting.end_at, meeting.location, meeting.online_url)
    changed = moved or (title, is_public) != (meeting.title, meeting.is_public)
    if not changed:
        return meeting
    meeting.start_at, meeting.end_at, meeting.location, meeting.online_url = start, end, location, online_url
    meeting.title, meeting.is_public = title, is_public
    if moved:
        meeting.ics_sequence = (meeting.ics_sequence or 0) + 1
    _bump(meeting)
    db.session.commit()
    return meeting


def transition_meeting(user, meeting: Meeting, name: str, comment: str = "") -> Meeting:
    """Move the meeting along its workflow (publish the agenda, mark held, approve minutes)."""
    require(user, VIEW, meeting)
    transition = MEETING_WORKFLOW.transition(name)
    if not can(user, transition.permission, meeting):
        raise NotAllowed(_("U mag deze overgang niet uitvoeren."))
    apply_transition(MEETING_WORKFLOW, meeting, name, user, comment, object_type="meeting")
    db.session.commit()
    return meeting


def available_transitions(user, meeting: Meeting):
    return MEETING_WORKFLOW.available(user, meeting)


# --- agenda items --------------------------------------------------------------------------------

ITEM_FIELDS = ("title", "description", "kind", "presenter", "action_line", "duration", "public")


def _item_values(data: dict, item: AgendaItem | None) -> dict:
    values = {}
    if "title" in data or item is None:
        values["title"] = _clean_text(data.get("title"), _("De titel"), MAX_TITLE, required=True)
    if "description" in data:
        values["description"] = _clean_text(data.get("description"), _("De beschrijving"), 100_000)
    if "kind" in data and data["kind"] not in (None, ""):
        if data["kind"] not in AGENDA_ITEM_KINDS:
            raise Invalid(_("Onbekende soort agendapunt: kies ter informatie, ter bespreking of ter beslissing."))
        values["kind"] = data["kind"]
    if "presenter" in data:
        values["presenter"] = _clean_text(data.get("presenter"), _("De toelichter"), 200)
    if "action_line" in data:
        line = data["action_line"]
        if line in (None, "", 0, "0"):
            values["action_line_id"] = None
        else:
            try:
                values["action_line_id"] = get_action_line(int(line)).id
            except (TypeError, ValueError):
                raise Invalid(_("Onbekende actielijn: %(n)s", n=line))
    if "duration" in data:
        duration = data["duration"]
        if duration in (None, ""):
            values["duration_minutes"] = None
        else:
            try:
                duration = int(duration)
            except (TypeError, ValueError):
                raise Invalid(_("De duur is een aantal minuten."))
            if not 0 < duration <= 600:
                raise Invalid(_("De duur ligt tussen 1 en 600 minuten."))
            values["duration_minutes"] = duration
    if "public" in data:
        values["is_public"] = bool(data["public"])
    return values


def _snapshot(item: AgendaItem) -> dict:
    return {
        "title": item.title, "description": item.description, "kind": item.kind,
        "presenter": item.presenter, "action_line_id": item.action_line_id,
        "duration_minutes": item.duration_minutes, "is_public": item.is_public,
    }


def add_item(user, meeting: Meeting, data: dict, version=None) -> AgendaItem:
    require(user, EDIT, meeting)
    _require_editable_agenda(meeting)
    check_version(meeting, version)
    values = _item_values(data, None)
    item = AgendaItem(meeting=meeting, position=len(meeting.items), **values)
    db.session.add(item)
    _bump(meeting)
    db.session.flush()
    record_version("agenda_item", item.id, _snapshot(item), user, "created")
    db.session.commit()
    return item


def update_item(user, item: AgendaItem, data: dict, version=None) -> AgendaItem:
    """Edit an item; fixed items too (only their removal is refused)."""
    meeting = item.meeting
    require(user, EDIT, item)
    _require_editable_agenda(meeting)
    check_version(meeting, version)
    values = _item_values(data, item)
    if all(getattr(item, key) == value for key, value in values.items()):
        return item
    for key, value in values.items():
        setattr(item, key, value)
    _bump(meeting)
    record_version("agenda_item", item.id, _snapshot(item), user)
    db.session.commit()
    return item


def _renumber(items: list[AgendaItem]) -> None:
    for position, each in enumerate(items):
        each.position = position


def remove_item(user, item: AgendaItem, version=None) -> None:
    meeting = item.meeting
    require(user, EDIT, item)
    if item.is_fixed:
        raise Conflict(_("Een vast agendapunt kan niet verwijderd worden; u kunt wel de tekst aanpassen."))
    if item.is_standing:
        raise Conflict(_("Een terugkerend agendapunt verwijdert u niet: sla het over met een reden."))
    _require_editable_agenda(meeting)
    check_version(meeting, version)
    if item.decisions or item.continued_by:
        raise Conflict(_("Dit agendapunt heeft besluiten of een vervolg en kan niet verwijderd worden."))
    items = [each for each in meeting.items if each.id != item.id]
    meeting.items.remove(item)
    db.session.delete(item)
    _renumber(items)
    _bump(meeting)
    db.session.commit()


def move_item(user, item: AgendaItem, position, version=None) -> AgendaItem:
    """Put the item at `position` (1-based) and renumber the agenda."""
    meeting = item.meeting
    require(user, EDIT, item)
    _require_editable_agenda(meeting)
    check_version(meeting, version)
    items = list(meeting.items)
    try:
        position = int(position)
    except (TypeError, ValueError):
        raise Invalid(_("De plaats is een nummer van 1 tot %(n)d.", n=len(items)))
    if isinstance(position, bool) or not 1 <= position <= len(items):
        raise Invalid(_("De plaats is een nummer van 1 tot %(n)d.", n=len(items)))
    items.remove(item)
    items.insert(position - 1, item)
    if [each.position for each in items] == list(range(len(items))):
        return item
    _renumber(items)
    _bump(meeting)
    db.session.commit()
    return item


def move_item_by(user, item: AgendaItem, offset: int, version=None) -> AgendaItem:
    """Move up (-1) or down (+1): the no-JavaScript buttons."""
    target = item.position + 1 + offset
    if not 1 <= target <= len(item.meeting.items):
        raise Invalid(_("Dit punt kan niet verder verplaatst worden."))
    return move_item(user, item, target, version)


def skip_item(user, item: AgendaItem, reason: str, version=None) -> AgendaItem:
    """Skip a standing (or ordinary) item for this meeting only, keeping why."""
    meeting = item.meeting
    require(user, EDIT, item)
    if item.is_fixed:
        raise Conflict(_("Een verplicht vast agendapunt kan niet overgeslagen worden."))
    _require_editable_agenda(meeting)
    check_version(meeting, version)
    reason = _clean_text(reason, _("De reden"), 1000, required=True)
    item.skipped, item.skip_reason = True, reason
    _bump(meeting)
    db.session.commit()
    return item


def unskip_item(user, item: AgendaItem, version=None) -> AgendaItem:
    meeting = item.meeting
    require(user, EDIT, item)
    _require_editable_agenda(meeting)
    check_version(meeting, version)
    if postponed_to(item) is not None:
        raise Conflict(_("Dit punt werd uitgesteld naar een volgende vergadering."))
    item.skipped, item.skip_reason = False, ""
    _bump(meeting)
    db.session.commit()
    return item


def _copy_to(item: AgendaItem, target: Meeting) -> AgendaItem:
    copy = AgendaItem(
        meeting=target, position=len(target.items), title=item.title, description=item.description,
        kind=item.kind, presenter=item.presenter, action_line_id=item.action_line_id,
        duration_minutes=item.duration_minutes, is_public=item.is_public, continues_item=item,
    )
    db.session.add(copy)
    return copy


def postpone_item(user, item: AgendaItem, version=None) -> AgendaItem:
    """Move the item to the body's next meeting; the original stays, marked and linked."""
    meeting = item.meeting
    require(user, EDIT, item)
    if item.is_fixed or item.is_standing:
        raise Conflict(_("Een vast agendapunt komt vanzelf terug op de volgende vergadering."))
    _require_editable_agenda(meeting)
    check_version(meeting, version)
    if postponed_to(item) is not None:
        raise Conflict(_("Dit punt werd al uitgesteld."))
    target = next_meeting(meeting.body, meeting.start_at, exclude_id=meeting.id)
    if target is None:
        raise Invalid(_("Er is nog geen volgende vergadering van dit orgaan gepland. Plan die eerst."))
    require(user, EDIT, target)
    copy = _copy_to(item, target)
    item.skipped = True
    item.skip_reason = _("Uitgesteld naar de vergadering van %(date)s.",
                         date=to_local(target.start_at).strftime("%d-%m-%Y"))
    _bump(meeting)
    _bump(target)
    db.session.commit()
    return copy


def refer_item(user, item: AgendaItem, body_slug: str) -> AgendaItem:
    """Refer the topic on to the next meeting of another body, linked to this item."""
    require(user, VIEW, item)
    target_body = get_body(body_slug)
    if target_body.id == item.meeting.body_id:
        raise Invalid(_("Kies een ander orgaan; binnen hetzelfde orgaan stelt u het punt uit."))
    target = next_meeting(target_body, max(item.meeting.start_at, utcnow()))
    if target is None:
        raise Invalid(_("%(body)s heeft nog geen komende vergadering gepland.", body=target_body.name))
    require(user, EDIT, target)
    copy = _copy_to(item, target)
    _bump(target)
    db.session.commit()
    return copy


# --- attendance ----------------------------------------------------------------------------------

def attendance_rows(meeting: Meeting) -> list[dict]:
    """One row per member of the body, with what was recorded."""
    recorded = {a.user_id: a for a in meeting.attendance}
    rows = []
    for membership in members_of(meeting.body):
        entry = recorded.get(membership.user_id)
        rows.append({
            "membership": membership, "user": membership.user, "role": membership.role,
            "status": entry.status if entry else "", "substitute": entry.substitute if entry else None,
        })
    return rows


def record_attendance(user, meeting: Meeting, entries: list[dict]) -> Meeting:
    """entries: [{"user_id", "status" ("" clears), "substitute_id"?}] for members of the body.

    Every entry is checked before anything changes: one bad entry saves none.
    """
    from app.auth.models import User

    require(user, EDIT, meeting)
    members = {m.user_id for m in meeting.body.memberships}
    checked = []
    for entry in entries:
        try:
            user_id = int(entry.get("user_id"))
        except (TypeError, ValueError):
            raise Invalid(_("Onbekend lid."))
        if user_id not in members:
            raise Invalid(_("Alleen leden van het orgaan staan op de aanwezigheidslijst."))
        status = entry.get("status") or ""
        if status and status not in ATTENDANCE_STATUSES:
            raise Invalid(_("Kies aanwezig, verontschuldigd of afwezig."))
        substitute_id = entry.get("substitute_id") or None
        if substitute_id is not None:
            try:
                substitute_id = int(substitute_id)
            except (TypeError, ValueError):
                raise Invalid(_("Onbekende plaatsvervanger."))
            if db.session.get(User, substitute_id) is None:
                raise Invalid(_("Onbekende plaatsvervanger."))
            if substitute_id == user_id:
                raise Invalid(_("Een lid kan zichzelf niet vervangen."))
            if status == "aanwezig":
                raise Invalid(_("Wie aanwezig is, heeft geen plaatsvervanger."))
        checked.append((user_id, status, substitute_id))
    recorded = {a.user_id: a for a in meeting.attendance}
    for user_id, status, substitute_id in checked:
        existing = recorded.get(user_id)
        if not status:
            if existing is not None:
                meeting.attendance.remove(existing)
                del recorded[user_id]
            continue
        if existing is None:
            existing = Attendance(meeting=meeting, user_id=user_id, status=status)
            db.session.add(existing)
            recorded[user_id] = existing
        existing.status, existing.substitute_id = status, substitute_id
    db.session.commit()
    return meeting


@dataclass
class Quorum:
    voting: int
    present: int
    required: int
    reached: bool


def quorum(meeting: Meeting) -> Quorum:
    """More than half of the voting members (chair and members) present in person or by substitute."""
    voting = [m for m in meeting.body.memberships if m.role in VOTING_ROLES]
    recorded = {a.user_id: a for a in meeting.attendance}
    present = 0
    for membership in voting:
        entry = recorded.get(membership.user_id)
        if entry is not None and (entry.status == "aanwezig" or entry.substitute_id):
            present += 1
    required = len(voting) // 2 + 1 if voting else 0
    return Quorum(voting=len(voting), present=present, required=required, reached=bool(voting) and present >= required)


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
