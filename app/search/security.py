"""Who may read an entry can change without its own row changing: through a seat in a body.

A meeting counts its body's chairs among its owners (Meeting.owner_user_ids), and its agenda items
and minutes take the meeting's owners; owners are `user:<id>` principals of a *private* entry
(core.permissions.allowed_principals names owners only there). So a seat added, removed, moved or
given another role refreshes the body's private meetings with their items and minutes: one outbox
row (BODY_OWNERS, body id), recorded in the same transaction as the seat, applied after the commit
with the entries loaded in bulk. Any seat change counts, not only a chair's: a body has few private
(planned) meetings, and this stays right should other roles come to own them.

Everything else that changes who may read needs nothing here:
- a global role, or a seat as lid or secretaris: the index stores role principals
  (`body:<id>:member`, `global:secretary`, ...) and every search computes the user's principals
  afresh (core.permissions.user_principals);
- an object's state, body or owner: its own row changes, so the session hooks refresh its entry
  and the entries whose security follows it (registry dependents).
`flask --app wsgi check-index` reports any entry whose stored principals differ from what
allowed_principals says now, and `reindex --security` refreshes those.
"""
from sqlalchemy import inspect, select
from sqlalchemy.orm import joinedload, selectinload

from app.bodies.models import Membership
from app.meetings.models import AgendaItem, Meeting
from app.minutes.models import Minutes
from app.search.registry import register_scope, register_trigger

#: the outbox scope "every private meeting of a body, with its items and minutes"
BODY_OWNERS = "body_owners"
#: the columns that decide what a seat grants, and where
_SEAT_COLUMNS = ("body_id", "user_id", "role")


def seat_changed(row: Membership) -> list[tuple[str, int]]:
    """The bodies whose owners may have changed with this seat (a seat moved to another body: both).
    Runs inside the flush: reads only the columns' history, never a relationship."""
    state = inspect(row)
    session = state.session
    history = {name: state.attrs[name].history for name in _SEAT_COLUMNS}
    created_or_deleted = session is not None and (row in session.new or row in session.deleted)
    if not created_or_deleted and not any(h.has_changes() for h in history.values()):
        return []  # e.g. only the organisation the member represents changed
    bodies = {*history["body_id"].added, *history["body_id"].deleted, *history["body_id"].unchanged}
    return [(BODY_OWNERS, body_id) for body_id in sorted(b for b in bodies if b is not None)]


def private_meetings_of(session, body_id: int) -> list:
    """The body's private meetings, their agenda items and their minutes, in a fixed number of
    queries whatever their number: what the builders read is loaded with them."""
    meetings = session.scalars(select(Meeting).where(Meeting.body_id == body_id)).all()
    ids = [meeting.id for meeting in meetings if meeting.access_level == "private"]
    if not ids:
        return []
    meetings = session.scalars(
        select(Meeting).where(Meeting.id.in_(ids)).order_by(Meeting.id)
        .options(joinedload(Meeting.body), selectinload(Meeting.items).joinedload(AgendaItem.action_line))
    ).unique().all()
    items = [item for meeting in meetings for item in meeting.items]
    minutes = session.scalars(
        select(Minutes).where(Minutes.agenda_item_id.in_([item.id for item in items]))
        .options(selectinload(Minutes.current_revision))
    ).all() if items else []
    return [*meetings, *items, *minutes]


def register_all() -> None:
    register_trigger(Membership, seat_changed)
    register_scope(BODY_OWNERS, private_meetings_of)
