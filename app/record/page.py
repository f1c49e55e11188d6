"""The minute-taking screen's page model: every item's treatment, lock, decisions and votes, the
approval of the previous minutes and the open actions, loaded once per request with a bounded
number of queries and handed to the template as plain data.

Which items the viewer sees, and whether they may record, come from the meeting overview: its
rules are not written again here.
"""
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value

from app.bodies.models import FixedAgendaItem
from app.core.permissions import PUBLISH, VIEW, can, reads_internal
from app.decisions import actions, rows
from app.decisions.models import Decision, Vote
from app.decisions.numbering import decision_reference
from app.extensions import db
from app.meetings.models import AgendaItem, Meeting
from app.meetings.overview import meeting_overview
from app.meetings.queries import DRAFT_MINUTES_STATES, previous_meeting
from app.minutes.locks import locked_item_ids
from app.minutes.models import MeetingMinutes, Minutes, MinutesRevision
from app.minutes.services import APPROVE_ITEM_TITLE, FOLLOW_UP_ITEM_TITLE, is_item_of_kind


@dataclass
class Treatment:
    """The current revision of an item's minutes, as shown under the item."""
    text: str
    revision: int
    saved_at: datetime
    #: the author's name, or "" when the account is gone
    author: str


@dataclass
class DecisionView:
    id: int
    reference: str
    text: str
    #: "Stemming: ..." or "" without a vote
    vote: str
    #: aangenomen / verworpen (as stored), or None without a vote
    outcome: str | None = None


@dataclass
class ItemRecord:
    id: int
    number: int
    title: str
    skipped: bool
    skip_reason: str
    locked: bool
    #: None when there are no minutes yet, or the viewer may not read them
    treatment: Treatment | None
    #: minutes exist but are a draft the viewer may not read (the public, before approval)
    draft_hidden: bool
    decisions: list[DecisionView]
    #: the fixed item under which the previous minutes are approved
    approves_previous: bool
    #: the fixed item under which the open actions are followed up
    follows_up: bool


@dataclass
class PreviousMeeting:
    id: int
    start_at: datetime
    approved: bool


@dataclass
class FollowUp:
    """An open action of an earlier meeting, with what this meeting said about it."""
    id: int
    title: str
    owner: str
    due_on: date | None
    status: str
    overdue: bool
    notes: list[str]


@dataclass
class MinutesPage:
    meeting: Meeting
    approved: bool
    items: list[ItemRecord]
    previous: PreviousMeeting | None
    #: may approve the previous meeting's minutes from the approval item
    may_approve: bool
    #: may write minutes, decisions and follow-up
    may_record: bool
    follow_up: list[FollowUp]
    #: may take the minutes home as Word (never the public's before approval)
    may_download: bool
    #: may approve these minutes now (the workflow offers `approve_minutes`: the chair, the secretary)
    may_approve_these: bool = False


def _minutes_of(items: list[AgendaItem]) -> dict[int, Minutes]:
    found = db.session.scalars(
        db.select(Minutes).where(Minutes.agenda_item_id.in_([item.id for item in items]))
        .options(selectinload(Minutes.current_revision).selectinload(MinutesRevision.user))
    ).all() if items else []
    return {minutes.agenda_item_id: minutes for minutes in found}


def _decisions_of(items: list[AgendaItem]) -> dict[int, list[Decision]]:
    found = db.session.scalars(
        db.select(Decision).where(Decision.agenda_item_id.in_([item.id for item in items]))
        .order_by(Decision.number).options(selectinload(Decision.votes).options(selectinload(Vote.user), selectinload(Vote.replaces)))
    ).all() if items else []
    by_item: dict[int, list[Decision]] = {}
    for decision in found:
        by_item.setdefault(decision.agenda_item_id, []).append(decision)
    return by_item


def _attach_fixed_templates(items: list[AgendaItem]) -> None:
    """Which fixed item each item was copied from (the approval and follow-up items are told by
    it), for all items in one query rather than one per item."""
    ids = {item.fixed_item_id for item in items if item.fixed_item_id is not None}
    templates = {fixed.id: fixed for fixed in db.session.scalars(
        db.select(FixedAgendaItem).where(FixedAgendaItem.id.in_(ids)))} if ids else {}
    for item in items:
        set_committed_value(item, "fixed_item", templates.get(item.fixed_item_id))


def decision_view(decision: Decision) -> DecisionView:
    """A decision as the minutes pages list it (its votes loaded, or loaded here one by one)."""
    return DecisionView(decision.id, decision_reference(decision), decision.text, rows.vote_summary(decision),
                        decision.outcome)


def _treatment(user, minutes: Minutes | None) -> Treatment | None:
    if minutes is None or minutes.current_revision is None or not can(user, VIEW, minutes):
        return None
    revision = minutes.current_revision
    return Treatment(revision.text, revision.number, revision.created_at,
                     revision.user.name if revision.user else "")


def _draft_hidden(user, minutes: Minutes | None) -> bool:
    return minutes is not None and minutes.current_revision is not None and not can(user, VIEW, minutes)


def open_follow_up(user, meeting: Meeting) -> list[FollowUp]:
    """The open actions of earlier meetings followed up here (the minutes page and the .docx)."""
    notes = actions.follow_up_notes(meeting)
    day = actions.today()
    # persons and their progress notes only for who reads the body's internal content
    return [FollowUp(action.id, action.title, rows.shown_owner(user, action), action.due_on,
                     rows.status_label(action.status), action.is_overdue(day),
                     [note.comment for note in notes.get(action.id, []) if note.comment and reads_internal(user, action)])
            for action in actions.open_actions_for_meeting(user, meeting)]


def minutes_page(user, meeting: Meeting) -> MinutesPage:
    """The minutes of `meeting` as `user` may see them (the caller has checked VIEW on it)."""
    overview = meeting_overview(user, meeting)
    items = [view.item for view in overview.items]
    minutes, decisions, locked = _minutes_of(items), _decisions_of(items), locked_item_ids(items)
    _attach_fixed_templates(items)
    records = [ItemRecord(
        id=item.id, number=item.number, title=item.title, skipped=item.skipped, skip_reason=item.skip_reason,
        locked=item.id in locked, treatment=_treatment(user, minutes.get(item.id)),
        draft_hidden=_draft_hidden(user, minutes.get(item.id)),
        decisions=[decision_view(d) for d in decisions.get(item.id, []) if can(user, VIEW, d)],
        approves_previous=is_item_of_kind(item, APPROVE_ITEM_TITLE),
        follows_up=is_item_of_kind(item, FOLLOW_UP_ITEM_TITLE),
    ) for item in items]
    previous = previous_meeting(meeting)
    return MinutesPage(
        meeting=meeting, approved=meeting.state == "minutes_approved", items=records,
        previous=PreviousMeeting(previous.id, previous.start_at, previous.state == "minutes_approved")
        if previous is not None else None,
        may_approve=previous is not None and previous.state in DRAFT_MINUTES_STATES and can(user, PUBLISH, previous),
        may_record=overview.may_record,
        follow_up=open_follow_up(user, meeting),
        may_download=can(user, VIEW, MeetingMinutes(meeting)),
        may_approve_these=any(step.name == "approve_minutes" for step in overview.transitions),
    )
