"""Actions that follow from a decision (or from no decision), their progress reports and lists,
the open actions a meeting follows up, and the dashboard."""
from datetime import date

from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from app.bodies.models import ActionLine, Body
from app.core.errors import Invalid
from app.core.hooks import Hook
from app.core.input import clean_text, parse_date, parse_int, parse_number
from app.core.lookup import get_readable
from app.core.permissions import EDIT, REPORT_PROGRESS, VIEW, can, require
from app.core.timeutil import to_local, utcnow
from app.decisions.lookups import parse_action_line, parse_owner
from app.decisions.models import (
    ACTION_STATUSES, MAX_COMMENT, OPEN_STATUSES, Action, Decision, Objective, ProgressUpdate,
)
from app.decisions.objectives import list_objectives, objective_progress, title_and_description
from app.extensions import db
from app.meetings.models import AgendaItem, Meeting

#: fn(action, user): `user` gave the action an owner (created with one, or changed it). Sent inside
#: the transaction after a flush (the action has its id), before the commit, so what a listener
#: adds (a mail in the outbox) is saved with the change or not at all.
action_assigned = Hook("action_assigned")


def today() -> date:
    """Today in Brussels: an action is overdue from the day after its due date there."""
    return to_local(utcnow()).date()


def get_action(user, action_id: int) -> Action:
    return get_readable(user, Action, action_id, _("Deze actie bestaat niet."))


def _action_changes(data: dict, creating: bool) -> dict:
    changes = title_and_description(data, creating)
    if "owner" in data:
        changes["owner_user"], changes["owner_organisation"] = parse_owner(data["owner"])
    if "due" in data:
        changes["due_on"] = parse_date(data["due"], _("Deadline"))
    if "objective" in data:
        value = data["objective"]
        if value in (None, ""):
            changes["objective"] = None
        else:
            objective_id = parse_int(value, _("Doelstelling"), 1, 2**31)
            objective = db.session.get(Objective, objective_id)
            if objective is None:
                raise Invalid(_("Onbekende doelstelling."))
            changes["objective"] = objective
    if "status" in data:
        if data["status"] not in ACTION_STATUSES:
            raise Invalid(_("Een status is gepland, lopend, afgerond of geannuleerd."))
        changes["status"] = data["status"]
    if "weight" in data:
        weight = parse_int(data["weight"], _("Gewicht"), 0, 1000)
        changes["weight"] = 1 if weight is None else weight
    return changes


def create_action(user, data: dict, decision: Decision | None = None, body: Body | None = None) -> Action:
    """A new action under `decision`, or for `body` when it follows from no decision."""
    if decision is None and body is None:
        raise Invalid(_("Een actie hoort bij een besluit of een orgaan."))
    body_id = decision.body_id if decision is not None else body.id
    require(user, EDIT, Action(body_id=body_id))  # a transient draft: only its body counts for EDIT
    changes = _action_changes(data, creating=True)
    objective = changes.get("objective")
    if objective is not None and objective.body_id != body_id and not can(user, EDIT, objective):
        raise Invalid(_("Onbekende doelstelling."))
    action = Action(body_id=body_id, decision=decision, created_by_id=user.id, **changes)
    if action.status == "afgerond":
        action.progress = 100
    db.session.add(action)
    if action.owner_user is not None or action.owner_organisation is not None:
        db.session.flush()
        action_assigned.send(action, user)
    db.session.commit()
    return action


def update_action(user, action: Action, data: dict) -> Action:
    require(user, EDIT, action)
    changes = _action_changes(data, creating=False)
    owner_before = (action.owner_user_id, action.owner_organisation_id)
    if "owner_user" in changes:
        action.owner_user, action.owner_organisation = changes.pop("owner_user"), changes.pop("owner_organisation")
    old_status = action.status
    for key, value in changes.items():
        setattr(action, key, value)
    if action.status != old_status:
        if action.status == "afgerond":
            action.progress = 100
        db.session.add(ProgressUpdate(action_id=action.id, status=action.status, progress=action.progress,
                                      comment="", user_id=user.id))
    if "owner" in data:
        db.session.flush()
        owner_after = (action.owner_user_id, action.owner_organisation_id)
        if owner_after != owner_before and owner_after != (None, None):
            action_assigned.send(action, user)
    db.session.commit()
    return action


def report_progress(user, action: Action, data: dict, meeting: Meeting | None = None) -> ProgressUpdate:
    """A progress update (history): measured value, percent done, new status, comment."""
    require(user, REPORT_PROGRESS, action)
    value = parse_number(data.get("value"), _("Gemeten waarde"))
    progress = parse_int(data.get("progress"), _("Voortgang (%)"), 0, 100)
    status = data.get("status") or None
    if status is not None and status not in ACTION_STATUSES:
        raise Invalid(_("Een status is gepland, lopend, afgerond of geannuleerd."))
    comment = clean_text(data.get("comment"), _("Toelichting"), MAX_COMMENT)
    if value is None and progress is None and status is None and not comment:
        raise Invalid(_("Geef een gemeten waarde, een voortgang, een status of een toelichting."))
    if status == "afgerond":
        progress = 100
    update = ProgressUpdate(action_id=action.id, value=value, progress=progress,
                            status=status if status != action.status else None,
                            comment=comment, user_id=user.id, measured_on=today() if value is not None else None,
                            meeting_id=meeting.id if meeting is not None else None)
    if progress is not None:
        action.progress = progress
    if status is not None:
        action.status = status
    elif progress and action.status == "gepland":
        action.status = "lopend"
    db.session.add(update)
    db.session.commit()
    return update


def _sort_key(action: Action, day: date):
    return (not action.is_overdue(day), not action.is_open, action.due_on or date.max, action.id)


#: what an action list shows and checks (owner, body, decision and its meeting, objective, line)
LIST_LOADING = (
    selectinload(Action.owner_user), selectinload(Action.owner_organisation), selectinload(Action.body),
    selectinload(Action.decision).selectinload(Decision.agenda_item).selectinload(AgendaItem.meeting)
    .selectinload(Meeting.body).selectinload(Body.memberships),
    selectinload(Action.decision).selectinload(Decision.action_line),
    selectinload(Action.objective).selectinload(Objective.action_line),
    selectinload(Action.updates),
)


def list_actions(user, status: str | None = None, overdue=None, action_line=None, body: str | None = None,
                 owner_user_id: int | None = None, objective_id: int | None = None,
                 decision_id: int | None = None) -> list[Action]:
    """Actions `user` may see, overdue first, then by due date."""
    query = db.select(Action).options(*LIST_LOADING)
    if status not in (None, ""):
        if status == "open":
            query = query.where(Action.status.in_(OPEN_STATUSES))
        elif status in ACTION_STATUSES:
            query = query.where(Action.status == status)
        else:
            raise Invalid(_("Een status is gepland, lopend, afgerond of geannuleerd."))
    if body:
        found = db.session.scalar(db.select(Body).filter_by(slug=body))
        if found is None:
            raise Invalid(_("Onbekend orgaan: %(slug)s", slug=body))
        query = query.where(Action.body_id == found.id)
    if owner_user_id is not None:
        query = query.where(Action.owner_user_id == owner_user_id)
    if objective_id is not None:
        query = query.where(Action.objective_id == objective_id)
    if decision_id is not None:
        query = query.where(Action.decision_id == decision_id)
    actions = [a for a in db.session.scalars(query).all() if can(user, VIEW, a)]
    if action_line not in (None, ""):
        line = parse_action_line(action_line)
        actions = [a for a in actions if a.action_line is not None and a.action_line.id == line.id]
    day = today()
    if overdue not in (None, ""):
        wanted = overdue if isinstance(overdue, bool) else str(overdue).lower() in ("1", "true", "ja", "yes")
        actions = [a for a in actions if a.is_overdue(day) == wanted]
    return sorted(actions, key=lambda a: _sort_key(a, day))


def open_actions_for_meeting(user, meeting: Meeting) -> list[Action]:
    """The body's actions still open from earlier meetings: they roll forward to this one."""
    actions = db.session.scalars(
        db.select(Action).where(Action.body_id == meeting.body_id, Action.status.in_(OPEN_STATUSES))
        .options(*LIST_LOADING)
    ).all()
    earlier = []
    for action in actions:
        if action.decision is not None:
            if action.decision.agenda_item.meeting.start_at >= meeting.start_at:
                continue
        elif action.created_at >= meeting.start_at:
            continue
        if can(user, VIEW, action):
            earlier.append(action)
    day = today()
    return sorted(earlier, key=lambda a: _sort_key(a, day))


def follow_up_notes(meeting: Meeting) -> dict[int, list[ProgressUpdate]]:
    """What was said about each action in this meeting, by action id."""
    rows = db.session.scalars(
        db.select(ProgressUpdate).where(ProgressUpdate.meeting_id == meeting.id)
        .order_by(ProgressUpdate.created_at, ProgressUpdate.id)).all()
    notes: dict[int, list[ProgressUpdate]] = {}
    for row in rows:
        if row.action_id:
            notes.setdefault(row.action_id, []).append(row)
    return notes


def dashboard(user) -> dict:
    """Per action line: actions by status (overdue first), objectives with progress; and "mijn acties"."""
    day = today()
    actions = list_actions(user)
    lines = db.session.scalars(db.select(ActionLine).order_by(ActionLine.number)).all()
    objectives = list_objectives(user)
    sections = []
    for line in lines:
        line_actions = [a for a in actions if a.action_line is not None and a.action_line.id == line.id]
        sections.append({
            "line": line,
            "actions": line_actions,
            "counts": {status: sum(1 for a in line_actions if a.status == status) for status in ACTION_STATUSES},
            "overdue": sum(1 for a in line_actions if a.is_overdue(day)),
            "objectives": [(o, objective_progress(o)) for o in objectives if o.action_line_id == line.id],
        })
    unlined = [a for a in actions if a.action_line is None]
    mine = []
    if not getattr(user, "is_anonymous", True):
        mine = [a for a in actions
                if a.owner_user_id == user.id
                or (user.organisation_id and a.owner_organisation_id == user.organisation_id)]
    return {
        "sections": sections,
        "unlined": unlined,
        "mine": mine,
        "today": day,
        "totals": {status: sum(1 for a in actions if a.status == status) for status in ACTION_STATUSES},
        "overdue": sum(1 for a in actions if a.is_overdue(day)),
    }
