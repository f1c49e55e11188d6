"""Minutes rules: save as immutable revisions, compare and restore, approve, lock."""
import difflib

from flask_babel import gettext as _
from sqlalchemy import func

from app.core.errors import Conflict, Invalid, NotFound
from app.core.permissions import EDIT, VIEW, can, require
from app.core.timeutil import utcnow
from app.core.workflow import MEETING_WORKFLOW, apply_transition
from app.extensions import db
from app.meetings.models import AgendaItem, Meeting
from app.minutes.locks import MAX_REASON, check_reason, is_locked
from app.minutes.models import Minutes, MinutesRevision

MAX_TEXT = 200_000
#: the fixed item under which the previous meeting's minutes are approved
APPROVE_ITEM_TITLE = "Goedkeuring verslag vorige vergadering"
#: the fixed item under which open actions of earlier meetings come back
FOLLOW_UP_ITEM_TITLE = "Opvolging acties"


# --- finding -------------------------------------------------------------------------------------

def get_meeting(user, meeting_id: int) -> Meeting:
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(_("Deze vergadering bestaat niet."))
    require(user, VIEW, meeting)
    return meeting


def get_item(user, meeting_id: int, item_id: int) -> AgendaItem:
    item = db.session.get(AgendaItem, item_id)
    if item is None or item.meeting_id != meeting_id:
        raise NotFound(_("Dit agendapunt bestaat niet."))
    require(user, VIEW, item)
    return item


def get_minutes(item: AgendaItem) -> Minutes | None:
    return db.session.scalar(db.select(Minutes).filter_by(agenda_item_id=item.id))


def minutes_text(item: AgendaItem) -> str:
    minutes = get_minutes(item)
    return minutes.text if minutes is not None else ""


def minutes_by_item(meeting: Meeting) -> dict[int, Minutes]:
    """The minutes of each item of the meeting that has any, by item id."""
    ids = [item.id for item in meeting.items]
    if not ids:
        return {}
    rows = db.session.scalars(db.select(Minutes).where(Minutes.agenda_item_id.in_(ids))).all()
    return {minutes.agenda_item_id: minutes for minutes in rows}


def is_item_of_kind(item: AgendaItem, title: str) -> bool:
    """Is `item` the fixed item called `title` (by its fixed template, or its own title)?"""
    fixed_title = item.fixed_item.title if item.fixed_item is not None else None
    return title in (fixed_title, item.title)


# --- saving --------------------------------------------------------------------------------------

def _ensure_minutes(item: AgendaItem) -> Minutes:
    minutes = get_minutes(item)
    if minutes is None:
        minutes = Minutes(agenda_item=item)
        db.session.add(minutes)
        db.session.flush()
    return minutes


def _add_revision(minutes: Minutes, text: str, user, reason: str, kind: str,
                  restored_from: int | None = None) -> MinutesRevision:
    last = db.session.scalar(
        db.select(func.max(MinutesRevision.number)).filter_by(minutes_id=minutes.id)) or 0
    revision = MinutesRevision(
        minutes=minutes, number=last + 1, text=text, user_id=getattr(user, "id", None),
        reason=reason, kind=kind, restored_from=restored_from,
    )
    db.session.add(revision)
    db.session.flush()
    minutes.current_revision = revision
    return revision


def save_minutes(user, item: AgendaItem, text: str, reason: str = "", base_revision: int | None = None,
                 autosave: bool = False) -> Minutes:
    """Save the minutes of `item` as a new revision (nothing when the text did not change).

    `base_revision` is the revision the editor started from: when someone saved in between, the
    save is refused (409) instead of silently overwriting their text.
    """
    require(user, EDIT, item)
    if not isinstance(text, str):
        raise Invalid(_("De tekst van het verslag ontbreekt."))
    text = text.replace("\r\n", "\n")
    if len(text) > MAX_TEXT:
        raise Invalid(_("Het verslag van een agendapunt telt hoogstens %(n)d tekens.", n=MAX_TEXT))
    minutes = get_minutes(item)
    current = minutes.current_revision if minutes is not None else None
    if base_revision is not None and current is not None and current.number != base_revision:
        raise Conflict(
            _("Iemand anders heeft dit verslag intussen bewaard (versie %(n)d). Vernieuw de pagina.",
              n=current.number),
            {"current_revision": current.number},
        )
    if current is not None and current.text == text:
        return minutes
    if current is None and not text.strip():
        return minutes
    reason = check_reason(item, reason)
    kind = "correction" if is_locked(item) else ("autosave" if autosave else "edit")
    minutes = _ensure_minutes(item)
    _add_revision(minutes, text, user, reason, kind)
    db.session.commit()
    return minutes


def list_revisions(user, item: AgendaItem) -> list[MinutesRevision]:
    minutes = get_minutes(item)
    if minutes is None:
        return []
    require(user, VIEW, minutes)
    return list(minutes.revisions)


def get_revision(user, item: AgendaItem, number: int) -> MinutesRevision:
    minutes = get_minutes(item)
    revision = None
    if minutes is not None:
        require(user, VIEW, minutes)
        revision = db.session.scalar(
            db.select(MinutesRevision).filter_by(minutes_id=minutes.id, number=number))
    if revision is None:
        raise NotFound(_("Deze versie bestaat niet."))
    return revision


def compare_revisions(user, item: AgendaItem, old: int, new: int) -> list[tuple[str, str]]:
    """Line by line: ("same"|"removed"|"added", line), from revision `old` to `new`."""
    before = get_revision(user, item, old).text.splitlines()
    after = get_revision(user, item, new).text.splitlines()
    kinds = {" ": "same", "-": "removed", "+": "added"}
    return [(kinds[line[0]], line[2:]) for line in difflib.ndiff(before, after) if line[0] in kinds]


def restore_revision(user, item: AgendaItem, number: int, reason: str = "") -> Minutes:
    """Make the text of revision `number` current again, as a new revision."""
    require(user, EDIT, item)
    old = get_revision(user, item, number)
    minutes = old.minutes
    if minutes.current_revision_id == old.id:
        raise Conflict(_("Deze versie is al de huidige."))
    reason = check_reason(item, reason)
    _add_revision(minutes, old.text, user, reason or _("Versie %(n)d teruggezet", n=number),
                  "restore", restored_from=number)
    db.session.commit()
    return minutes


# --- approval and locking ------------------------------------------------------------------------

def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The body's meeting just before this one."""
    return db.session.scalar(
        db.select(Meeting)
        .where(Meeting.body_id == meeting.body_id, Meeting.start_at < meeting.start_at, Meeting.id != meeting.id)
        .order_by(Meeting.start_at.desc())
        .limit(1)
    )


def approve_previous_minutes(user, meeting: Meeting, comment: str = "") -> Meeting:
    """Under "Goedkeuring verslag vorige vergadering": the previous minutes become approved and locked."""
    previous = previous_meeting(meeting)
    if previous is None:
        raise Conflict(_("Er is geen vorige vergadering van dit orgaan."))
    if previous.state == "minutes_approved":
        raise Conflict(_("Het verslag van de vorige vergadering is al goedgekeurd."))
    comment = (comment or "").strip()
    if len(comment) > MAX_REASON:
        raise Invalid(_("Een opmerking telt hoogstens %(n)d tekens.", n=MAX_REASON))
    apply_transition(MEETING_WORKFLOW, previous, "approve_minutes", user, comment, object_type="meeting")
    now = utcnow()
    for minutes in minutes_by_item(previous).values():
        if minutes.locked_at is None:
            minutes.locked_at, minutes.locked_by_id = now, user.id
    item = next((i for i in meeting.items if is_item_of_kind(i, APPROVE_ITEM_TITLE)), None)
    if item is not None and not is_locked(item):
        from app.core.timeutil import to_local

        line = _("Het verslag van de vergadering van %(date)s wordt goedgekeurd.",
                 date=to_local(previous.start_at).strftime("%d/%m/%Y"))
        if comment:
            line += " " + comment
        text = minutes_text(item)
        _add_revision(_ensure_minutes(item), (text.rstrip() + "\n\n" + line).strip(), user, "", "approval")
    db.session.commit()
    return previous


def lock_item(user, item: AgendaItem) -> Minutes:
    """Lock a decided item: its minutes, decisions and votes then change only with a reason."""
    require(user, EDIT, item)
    minutes = _ensure_minutes(item)
    if minutes.locked_at is not None:
        raise Conflict(_("Dit agendapunt is al vergrendeld."))
    minutes.locked_at, minutes.locked_by_id = utcnow(), user.id
    db.session.commit()
    return minutes


# --- what the Word export of the minutes holds ---------------------------------------------------

#: the order attendance is listed in: present, excused, absent
ATTENDANCE_ORDER = ("aanwezig", "verontschuldigd", "afwezig")


def visible_items(user, meeting: Meeting) -> list[AgendaItem]:
    return [item for item in meeting.items if can(user, VIEW, item)]


def minutes_export_data(user, meeting: Meeting) -> dict:
    """Everything the minutes .docx shows, permission-filtered for `user`."""
    from app.core.timeutil import to_local
    from app.decisions import services as decisions

    by_item = minutes_by_item(meeting)
    open_actions = decisions.open_actions_for_meeting(user, meeting)
    notes = decisions.follow_up_notes(meeting)
    items, new_actions = [], []
    for item in visible_items(user, meeting):
        minutes = by_item.get(item.id)
        text = minutes.text if minutes is not None and can(user, VIEW, minutes) else ""
        follow_up = []
        if is_item_of_kind(item, FOLLOW_UP_ITEM_TITLE):
            for action in open_actions:
                row = decisions.action_row(action)
                follow_up.append({**row, "notes": [n.comment for n in notes.get(action.id, []) if n.comment]})
        item_decisions = []
        for decision in item.decisions:
            item_decisions.append(decisions.decision_row(decision))
            new_actions += [decisions.action_row(a) for a in decision.actions if can(user, VIEW, a)]
        items.append({
            "number": item.number, "title": item.title, "text": text, "decisions": item_decisions,
            "follow_up": follow_up,
            "skipped": _("Niet behandeld: %(reason)s", reason=item.skip_reason) if item.skipped else "",
        })
    attendance = []
    labels = {"aanwezig": _("Aanwezig"), "verontschuldigd": _("Verontschuldigd"), "afwezig": _("Afwezig")}
    for status in ATTENDANCE_ORDER:
        names = []
        for row in sorted(meeting.attendance, key=lambda a: a.user.name):
            if row.status == status:
                name = row.user.name
                if row.substitute is not None:
                    name += " " + _("(vervangen door %(name)s)", name=row.substitute.name)
                names.append(name)
        attendance.append((labels[status], names))
    start = to_local(meeting.start_at)
    state = {"minutes_approved": _("Goedgekeurd verslag")}.get(meeting.state, _("Ontwerpverslag"))
    return {
        "title": _("Verslag %(body)s", body=meeting.body.name),
        "lines": [meeting.title if meeting.title and meeting.title != meeting.body.name else "",
                  _("Vergadering van %(date)s om %(time)s", date=start.strftime("%d-%m-%Y"),
                    time=start.strftime("%H:%M")),
                  meeting.location, state],
        "attendance": attendance,
        "items": items,
        "actions": new_actions,
    }
