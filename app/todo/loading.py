"""What the to-do list reads: a fixed number of queries, whatever the number of meetings, remarks
or actions, and only the rows the user may read."""
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import and_, or_, true
from sqlalchemy.orm import selectinload

from app.bodies.models import Body
from app.core.permissions import VIEW, can
from app.core.timeutil import utcnow
from app.decisions.actions import LIST_LOADING
from app.decisions.models import OPEN_STATUSES, Action
from app.extensions import db
from app.meetings.models import AgendaItem, Meeting
from app.meetings.queries import DRAFT_MINUTES_STATES
from app.minutes.models import Minutes, MinutesComment, MinutesRevision

#: a chair is asked to publish the agendas of meetings starting within this many days (or past)
AGENDA_HORIZON_DAYS = 21


@dataclass(frozen=True)
class Scope:
    """Whose work the list gathers: the user's bodies by role. `secretary_ids` None means every
    body (a global secretaris or beheerder)."""
    member_ids: frozenset[int]
    chair_ids: frozenset[int]
    secretary_ids: frozenset[int] | None

    @property
    def has_secretariat(self) -> bool:
        return self.secretary_ids is None or bool(self.secretary_ids)

    def is_secretary_of(self, body_id: int) -> bool:
        return self.secretary_ids is None or body_id in self.secretary_ids


@dataclass
class Found:
    """The readable rows the list is built from."""
    bodies: dict[int, Body] = field(default_factory=dict)
    #: planned meetings of chaired bodies (agenda soon), and meetings with draft minutes
    meetings: list[Meeting] = field(default_factory=list)
    #: meeting id -> readable, not skipped items without minutes text (the secretary's meetings)
    items_without_minutes: Counter = field(default_factory=Counter)
    #: unanswered remarks on the minutes of the secretary's bodies' meetings, oldest first
    remarks: list[MinutesComment] = field(default_factory=list)
    #: open actions the user owns, and overdue ones of the secretary's bodies
    actions: list[Action] = field(default_factory=list)


def load(user, scope: Scope, today: date) -> Found:
    found = Found()
    if scope.member_ids:
        found.bodies = {body.id: body for body in db.session.scalars(
            db.select(Body).where(Body.id.in_(scope.member_ids)))}
    found.meetings = [m for m in _meetings(scope) if can(user, VIEW, m)]
    drafts = [m.id for m in found.meetings
              if m.state in DRAFT_MINUTES_STATES and scope.is_secretary_of(m.body_id)]
    if drafts:
        found.items_without_minutes = _items_without_minutes(user, drafts)
    if scope.has_secretariat:
        found.remarks = [r for r in _remarks(scope) if _may_read_remark(user, r)]
    found.actions = [a for a in _actions(user, scope, today) if can(user, VIEW, a)]
    return found


def _in(column, ids: frozenset[int] | None):
    """`column` among `ids`; every body when `ids` is None."""
    return true() if ids is None else column.in_(ids)


def _meetings(scope: Scope) -> list[Meeting]:
    draft_bodies = None if scope.secretary_ids is None else scope.member_ids
    if draft_bodies is not None and not draft_bodies:
        return []  # no seat in any body, no secretariat: no meeting waits for this user
    wanted = [and_(Meeting.state.in_(DRAFT_MINUTES_STATES), _in(Meeting.body_id, draft_bodies))]
    if scope.chair_ids:
        horizon = utcnow() + timedelta(days=AGENDA_HORIZON_DAYS)
        wanted.append(and_(Meeting.state == "planned", Meeting.start_at <= horizon,
                           Meeting.body_id.in_(scope.chair_ids)))
    return db.session.scalars(
        db.select(Meeting).where(or_(*wanted)).options(selectinload(Meeting.body))
        .order_by(Meeting.start_at, Meeting.id)).all()


def _items_without_minutes(user, meeting_ids: list[int]) -> Counter:
    """Per meeting, the items the user may read, not skipped, whose minutes say nothing yet (one
    query: an item without minutes, or whose current revision is blank)."""
    rows = db.session.execute(
        db.select(AgendaItem, MinutesRevision.text)
        .outerjoin(Minutes, Minutes.agenda_item_id == AgendaItem.id)
        .outerjoin(MinutesRevision, MinutesRevision.id == Minutes.current_revision_id)
        .where(AgendaItem.meeting_id.in_(meeting_ids), AgendaItem.skipped.is_(False))).all()
    return Counter(item.meeting_id for item, text in rows
                   if not (text or "").strip() and can(user, VIEW, item))


def _remarks(scope: Scope) -> list[MinutesComment]:
    return db.session.scalars(
        db.select(MinutesComment).join(MinutesComment.meeting)
        .where(MinutesComment.answered_at.is_(None), _in(Meeting.body_id, scope.secretary_ids))
        .options(selectinload(MinutesComment.meeting).selectinload(Meeting.body),
                 selectinload(MinutesComment.agenda_item), selectinload(MinutesComment.user))
        .order_by(MinutesComment.created_at, MinutesComment.id)).all()


def _may_read_remark(user, remark: MinutesComment) -> bool:
    if not can(user, VIEW, remark.meeting):
        return False
    return remark.agenda_item is None or can(user, VIEW, remark.agenda_item)


def _actions(user, scope: Scope, today: date) -> list[Action]:
    wanted = [Action.owner_user_id == user.id]
    if scope.has_secretariat:
        wanted.append(and_(Action.due_on < today, _in(Action.body_id, scope.secretary_ids)))
    return db.session.scalars(
        db.select(Action).options(*LIST_LOADING)
        .where(Action.status.in_(OPEN_STATUSES), or_(*wanted))
        .order_by(Action.due_on.is_(None), Action.due_on, Action.id)).all()
