"""The lock rule of the record: approved minutes and locked items change only with a reason.

Below the minutes and the decisions services, which both ask it before a change.
"""
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _

from app.core.errors import Conflict, Invalid
from app.extensions import db
from app.meetings.models import AgendaItem
from app.minutes.models import Minutes

MAX_REASON = 1_000


def is_locked(item: AgendaItem) -> bool:
    """Approved minutes and locked items change only with a reason."""
    return item.id in locked_item_ids([item])


def locked_item_ids(items) -> set[int]:
    """The ids of the given items that are locked: their meeting's minutes are approved or their
    own minutes are locked (one query for a whole list)."""
    ids = {item.id for item in items}
    locked = {item.id for item in items if item.meeting.state == "minutes_approved"}
    rest = ids - locked
    if rest:
        locked |= set(db.session.scalars(
            db.select(Minutes.agenda_item_id).where(Minutes.agenda_item_id.in_(rest), Minutes.locked_at.is_not(None))))
    return locked


@dataclass
class Lock:
    """Since when and by whom an item is locked."""
    #: None for minutes approved before the approval time was kept
    at: datetime | None
    #: the name of who locked or approved; "" when the account is gone
    by: str


def lock_of(item: AgendaItem) -> Lock | None:
    """When and by whom `item` was locked: its own lock (set too when the minutes are approved),
    else the approval of its meeting's minutes; None when it is not locked."""
    minutes = db.session.scalar(db.select(Minutes).filter_by(agenda_item_id=item.id))
    if minutes is not None and minutes.locked_at is not None:
        return Lock(minutes.locked_at, minutes.locked_by.name if minutes.locked_by else "")
    meeting = item.meeting
    if meeting.state == "minutes_approved":
        return Lock(meeting.approved_at, meeting.approved_by.name if meeting.approved_by else "")
    return None


def check_reason(item: AgendaItem, reason: str | None) -> str:
    """The cleaned reason; required when the item is locked."""
    reason = (reason or "").strip()
    if len(reason) > MAX_REASON:
        raise Invalid(_("Een reden telt hoogstens %(n)d tekens.", n=MAX_REASON))
    if is_locked(item) and not reason:
        if item.meeting.state == "minutes_approved":
            raise Conflict(_("Dit verslag is goedgekeurd: een wijziging vraagt een reden."))
        raise Conflict(_("Dit agendapunt is vergrendeld: een wijziging vraagt een reden."))
    return reason
