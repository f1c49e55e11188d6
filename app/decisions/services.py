"""Decisions and their votes: the decision list (besluitenlijst), each change kept as a version."""
from datetime import date

from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from app.bodies.models import ActionLine, Body
from app.core.errors import Invalid
from app.core.input import clean_text, parse_date, parse_int
from app.core.locking import lock_for_writing
from app.core.lookup import get_readable
from app.core.permissions import EDIT, VIEW, can, require
from app.core.timeutil import to_local
from app.core.versions import list_versions, record_version
from app.decisions.lookups import parse_action_line
from app.decisions.models import MAX_DECISION_TEXT, Action, Decision, Vote
from app.decisions.numbering import store_reference
from app.decisions.votes import check_ballot
from app.extensions import db
from app.meetings.models import AgendaItem, Meeting
from app.minutes.locks import check_reason


def _lock(decision_or_item) -> None:
    """Changes to the decisions of one meeting one after the other (app/core/locking.py): their
    numbers, versions and votes, checked against the attendance, are read as last committed."""
    item = decision_or_item.agenda_item if isinstance(decision_or_item, Decision) else decision_or_item
    lock_for_writing(item.meeting, _("Deze vergadering werd intussen verwijderd."))


def _decision_data(decision: Decision) -> dict:
    return {
        "text": decision.text,
        "action_line": decision.action_line.number if decision.action_line else None,
        "votes_for": decision.votes_for, "votes_against": decision.votes_against,
        "votes_abstain": decision.votes_abstain,
        "votes": {str(v.user_id): v.choice for v in decision.votes},
        "replaces": {str(v.user_id): v.replaces_user_id for v in decision.votes if v.replaces_user_id},
        "vote_kind": decision.vote_kind, "outcome": decision.outcome,
    }


def get_decision(user, decision_id: int) -> Decision:
    return get_readable(user, Decision, decision_id, _("Dit besluit bestaat niet."))


def create_decision(user, item: AgendaItem, text, action_line=None, reason: str = "") -> Decision:
    require(user, EDIT, item)
    _lock(item)
    text = clean_text(text, _("De tekst van het besluit"), MAX_DECISION_TEXT, required=True)
    line = parse_action_line(action_line) if not isinstance(action_line, ActionLine) else action_line
    if line is None:
        line = item.action_line
    reason = check_reason(item, reason)
    meeting = item.meeting
    last = db.session.scalar(
        db.select(db.func.max(Decision.number)).join(AgendaItem).where(AgendaItem.meeting_id == meeting.id))
    decision = Decision(
        agenda_item=item, number=(last or 0) + 1, text=text, action_line=line,
        decided_on=to_local(meeting.start_at).date(), created_by_id=user.id,
    )
    db.session.add(decision)
    store_reference(decision)
    db.session.flush()
    record_version("decision", decision.id, _decision_data(decision), user, reason)
    db.session.commit()
    return decision


def update_decision(user, decision: Decision, data: dict, reason: str = "") -> Decision:
    """Change text and/or action line; after the lock only with a reason, kept as a version."""
    require(user, EDIT, decision)
    _lock(decision)
    changes = {}
    if "text" in data:
        changes["text"] = clean_text(data["text"], _("De tekst van het besluit"), MAX_DECISION_TEXT, required=True)
    if "action_line" in data:
        changes["action_line"] = parse_action_line(data["action_line"])
    reason = check_reason(decision.agenda_item, reason)
    for key, value in changes.items():
        setattr(decision, key, value)
    record_version("decision", decision.id, _decision_data(decision), user, reason)
    db.session.commit()
    return decision


def record_votes(user, decision: Decision, counts: dict | None = None, per_member: dict | None = None,
                 unanimous: bool = False, secret: bool = False, reason: str = "") -> Decision:
    """A vote in one of four ways (per member {user_id: "voor"|"tegen"|"onthouding"}, the counts,
    unanimous, or secret: counts only), as the attendance allows (app/decisions/votes.py). The
    outcome is decided now, by the body's current majority rule, and kept. An empty vote clears it."""
    require(user, EDIT, decision)
    _lock(decision)
    reason = check_reason(decision.agenda_item, reason)
    ballot = check_ballot(decision.agenda_item.meeting, counts=counts, per_member=per_member,
                          unanimous=unanimous, secret=secret)
    decision.votes.clear()
    db.session.flush()
    for voter_id, choice, replaces_id in ballot.votes:
        decision.votes.append(Vote(user_id=voter_id, choice=choice, replaces_user_id=replaces_id))
    decision.votes_for, decision.votes_against, decision.votes_abstain = (
        ballot.tally["voor"], ballot.tally["tegen"], ballot.tally["onthouding"])
    decision.vote_kind, decision.outcome = ballot.kind, ballot.outcome
    record_version("decision", decision.id, _decision_data(decision), user, reason)
    db.session.commit()
    return decision


#: what a decision list shows and checks, loaded for the whole list in a few queries
LIST_LOADING = (
    selectinload(Decision.agenda_item).selectinload(AgendaItem.meeting).selectinload(Meeting.body)
    .selectinload(Body.memberships),
    selectinload(Decision.action_line),
    selectinload(Decision.votes).options(selectinload(Vote.user), selectinload(Vote.replaces)),
    selectinload(Decision.actions).options(selectinload(Action.owner_user), selectinload(Action.owner_organisation)),
)


def list_decisions(user, body: str | None = None, year=None, action_line=None, meeting_id: int | None = None,
                   date_from=None, date_to=None) -> list[Decision]:
    """The decision list (besluitenlijst), newest meeting first, filtered and permission-checked;
    `date_from` and `date_to` (YYYY-MM-DD, both included) bound the period."""
    query = db.select(Decision).join(AgendaItem).join(Meeting)
    first, last = decision_period(date_from, date_to)
    if first is not None:
        query = query.where(Decision.decided_on >= first)
    if last is not None:
        query = query.where(Decision.decided_on <= last)
    if body:
        found = db.session.scalar(db.select(Body).filter_by(slug=body))
        if found is None:
            raise Invalid(_("Onbekend orgaan: %(slug)s", slug=body))
        query = query.where(Meeting.body_id == found.id)
    if year not in (None, ""):
        year = parse_int(year, _("Jaar"), 1900, 2999)
        query = query.where(Decision.decided_on >= date(year, 1, 1), Decision.decided_on <= date(year, 12, 31))
    if action_line not in (None, ""):
        line = parse_action_line(action_line)
        query = query.where(Decision.action_line_id == line.id)
    if meeting_id is not None:
        query = query.where(Meeting.id == meeting_id)
    query = query.order_by(Meeting.start_at.desc(), Decision.number).options(*LIST_LOADING)
    return [d for d in db.session.scalars(query).all() if can(user, VIEW, d)]


def decision_period(date_from, date_to) -> tuple[date | None, date | None]:
    """The period of a decision list as dates (None: open-ended); Invalid for a date that is not
    one, or a start after the end."""
    first, last = parse_date(date_from, _("Van")), parse_date(date_to, _("Tot en met"))
    if first is not None and last is not None and first > last:
        raise Invalid(_("De begindatum ligt na de einddatum."))
    return first, last


def decision_years() -> list[int]:
    rows = db.session.scalars(db.select(Decision.decided_on)).all()
    return sorted({d.year for d in rows}, reverse=True)


def list_decision_versions(user, decision: Decision):
    """The saved states of a decision (text, line, vote) with who, when and why."""
    require(user, VIEW, decision)
    return list_versions("decision", decision.id)
