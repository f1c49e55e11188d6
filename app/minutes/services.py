"""Minutes rules: save as immutable revisions, compare and restore, lock an item."""
import difflib

from flask_babel import gettext as _
from sqlalchemy import func

from app.core.errors import Conflict, Invalid, NotFound
from app.core.locking import lock_for_writing, lock_row
from app.core.permissions import EDIT, VIEW, require
from app.core.text import check_text
from app.core.timeutil import utcnow
from app.extensions import db
from app.meetings.models import AgendaItem, Meeting
from app.minutes.locks import check_reason, is_locked
from app.minutes.models import Minutes, MinutesRevision

MAX_TEXT = 200_000
#: the fixed item under which the previous meeting's minutes are approved
APPROVE_ITEM_TITLE = "Goedkeuring verslag vorige vergadering"
#: the fixed item under which open actions of earlier meetings come back
FOLLOW_UP_ITEM_TITLE = "Opvolging acties"


# --- finding -------------------------------------------------------------------------------------

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

def _lock(item: AgendaItem) -> None:
    """Saves of one item's minutes one after the other (app/core/locking.py)."""
    lock_for_writing(item, _("Dit agendapunt werd intussen verwijderd."))


def ensure_minutes(item: AgendaItem) -> Minutes:
    """The item's minutes, created when missing (with the item's row locked, so only once)."""
    lock_row(item, _("Dit agendapunt werd intussen verwijderd."))
    minutes = get_minutes(item)
    if minutes is None:
        minutes = Minutes(agenda_item=item)
        db.session.add(minutes)
        db.session.flush()
    return minutes


def add_revision(minutes: Minutes, text: str, user, reason: str, kind: str,
                  restored_from: int | None = None) -> MinutesRevision:
    """The next revision of `minutes`; its number is read with the item's row locked (the locks of
    one transaction add up: a service that locked it already waits for nothing)."""
    lock_row(minutes.agenda_item, _("Dit agendapunt werd intussen verwijderd."))
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
    text = check_text(text.replace("\r\n", "\n"), _("Het verslag"))
    if len(text) > MAX_TEXT:
        raise Invalid(_("Het verslag van een agendapunt telt hoogstens %(n)d tekens.", n=MAX_TEXT))
    _lock(item)  # from here on, what another save committed is seen (and a stale base refused)
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
    minutes = ensure_minutes(item)
    add_revision(minutes, text, user, reason, kind)
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
    _lock(item)
    old = get_revision(user, item, number)
    minutes = old.minutes
    if minutes.current_revision_id == old.id:
        raise Conflict(_("Deze versie is al de huidige."))
    reason = check_reason(item, reason)
    add_revision(minutes, old.text, user, reason or _("Versie %(n)d teruggezet", n=number),
                  "restore", restored_from=number)
    db.session.commit()
    return minutes


# --- locking -------------------------------------------------------------------------------------

def lock_item(user, item: AgendaItem) -> Minutes:
    """Lock a decided item: its minutes, decisions and votes then change only with a reason."""
    require(user, EDIT, item)
    _lock(item)
    minutes = ensure_minutes(item)
    if minutes.locked_at is not None:
        raise Conflict(_("Dit agendapunt is al vergrendeld."))
    minutes.locked_at, minutes.locked_by_id = utcnow(), user.id
    db.session.commit()
    return minutes
