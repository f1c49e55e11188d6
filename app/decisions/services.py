"""Rules for decisions, votes, objectives, actions and progress (Decidim-style accountability)."""
import re
from datetime import date

from flask_babel import gettext as _

from app.auth.models import User
from app.bodies.models import ActionLine, Body, Organisation
from app.core.errors import Invalid, NotFound
from app.core.permissions import EDIT, REPORT_PROGRESS, VIEW, can, require
from app.core.timeutil import to_local, utcnow
from app.core.versions import record_version
from app.decisions.models import (  # noqa: F401  (limits and labels are part of this module's interface)
    ACTION_STATUSES, MAX_COMMENT, MAX_DECISION_TEXT, MAX_DESCRIPTION, MAX_TITLE, MAX_UNIT, OPEN_STATUSES,
    STATUS_LABELS, VOTE_CHOICES, VOTE_LABELS, Action, Decision, Objective, ProgressUpdate, Vote,
)
from app.decisions.numbering import decision_reference, store_reference
from app.extensions import db
from app.meetings.models import AgendaItem, Meeting
from app.minutes.locks import check_reason

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def today() -> date:
    """Today in Brussels: an action is overdue from the day after its due date there."""
    return to_local(utcnow()).date()


# --- input parsing (shared by the forms and the API) ---------------------------------------------

def parse_date(value, label: str) -> date | None:
    """A YYYY-MM-DD date, None for empty, Invalid otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not DATE.match(value.strip()):
        raise Invalid(_("%(field)s: geef een datum als JJJJ-MM-DD.", field=label))
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise Invalid(_("%(field)s: deze datum bestaat niet.", field=label))


def parse_number(value, label: str) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise Invalid(_("%(field)s moet een getal zijn.", field=label))
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip().replace(",", "."))
        except ValueError:
            raise Invalid(_("%(field)s moet een getal zijn.", field=label))
    else:
        raise Invalid(_("%(field)s moet een getal zijn.", field=label))
    if number != number or number in (float("inf"), float("-inf")):
        raise Invalid(_("%(field)s moet een getal zijn.", field=label))
    return number


def parse_int(value, label: str, low: int, high: int) -> int | None:
    number = parse_number(value, label)
    if number is None:
        return None
    if number != int(number) or not low <= number <= high:
        raise Invalid(_("%(field)s is een geheel getal van %(low)d tot %(high)d.", field=label, low=low, high=high))
    return int(number)


def clean_text(value, label: str, maximum: int, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Invalid(_("%(field)s moet tekst zijn.", field=label))
    value = value.replace("\r\n", "\n").strip()
    if required and not value:
        raise Invalid(_("%(field)s is verplicht.", field=label))
    if len(value) > maximum:
        raise Invalid(_("%(field)s telt hoogstens %(n)d tekens.", field=label, n=maximum))
    return value


def parse_action_line(value) -> ActionLine | None:
    """An action line by number (1-4) or id-less label; None for empty."""
    if value is None or value == "":
        return None
    number = parse_int(value, _("Actielijn"), 1, 10_000)
    line = db.session.scalar(db.select(ActionLine).filter_by(number=number))
    if line is None:
        raise Invalid(_("Onbekende actielijn: %(n)s", n=value))
    return line


def parse_owner(value) -> tuple[User | None, Organisation | None]:
    """An owner: "user:<id>", "organisation:<id>", a user's e-mail address or an organisation's name."""
    if value is None or value == "":
        return None, None
    if not isinstance(value, str):
        raise Invalid(_("Onbekende eigenaar."))
    value = value.strip()
    kind, _sep, rest = value.partition(":")
    if kind in ("user", "organisation") and rest.isdigit():
        model = User if kind == "user" else Organisation
        found = db.session.get(model, int(rest))
        if found is not None and (kind == "organisation" or found.active):
            return (found, None) if kind == "user" else (None, found)
    elif "@" in value:
        user = db.session.scalar(db.select(User).filter_by(email=value.lower()))
        if user is not None and user.active:
            return user, None
    else:
        organisation = db.session.scalar(
            db.select(Organisation).where(db.func.lower(Organisation.name) == value.lower()))
        if organisation is not None:
            return None, organisation
    raise Invalid(_("Onbekende eigenaar: %(owner)s", owner=value[:100]))


def owner_key(action: Action) -> str:
    if action.owner_user_id:
        return f"user:{action.owner_user_id}"
    if action.owner_organisation_id:
        return f"organisation:{action.owner_organisation_id}"
    return ""


# --- decisions -----------------------------------------------------------------------------------



def _decision_data(decision: Decision) -> dict:
    return {
        "text": decision.text,
        "action_line": decision.action_line.number if decision.action_line else None,
        "votes_for": decision.votes_for, "votes_against": decision.votes_against,
        "votes_abstain": decision.votes_abstain,
        "votes": {str(v.user_id): v.choice for v in decision.votes},
    }


def get_decision(user, decision_id: int) -> Decision:
    decision = db.session.get(Decision, decision_id)
    if decision is None:
        raise NotFound(_("Dit besluit bestaat niet."))
    require(user, VIEW, decision)
    return decision


def create_decision(user, item: AgendaItem, text, action_line=None, reason: str = "") -> Decision:
    require(user, EDIT, item)
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
                 reason: str = "") -> Decision:
    """A vote: per member ({user_id: "voor"|"tegen"|"onthouding"}) or only the counts."""
    require(user, EDIT, decision)
    reason = check_reason(decision.agenda_item, reason)
    new_votes = []
    if per_member:
        if not isinstance(per_member, dict):
            raise Invalid(_("Geef de stemmen per lid."))
        members = {m.user_id for m in decision.agenda_item.meeting.body.memberships}
        for user_id, choice in per_member.items():
            try:
                user_id = int(user_id)
            except (TypeError, ValueError):
                raise Invalid(_("Onbekend lid."))
            if user_id not in members:
                raise Invalid(_("Alleen leden van het orgaan stemmen."))
            if choice in (None, ""):
                continue
            if choice not in VOTE_CHOICES:
                raise Invalid(_("Een stem is voor, tegen of onthouding."))
            new_votes.append((user_id, choice))
        tally = {choice: sum(1 for _u, c in new_votes if c == choice) for choice in VOTE_CHOICES}
    elif counts is not None:
        if not isinstance(counts, dict):
            raise Invalid(_("Geef de aantallen voor, tegen en onthouding."))
        tally = {choice: parse_int(counts.get(choice), choice, 0, 10_000) for choice in VOTE_CHOICES}
        if all(v is None for v in tally.values()):
            tally = {choice: None for choice in VOTE_CHOICES}
        else:
            tally = {choice: value or 0 for choice, value in tally.items()}
    else:
        raise Invalid(_("Geef de stemmen per lid of de aantallen."))
    decision.votes.clear()
    db.session.flush()
    for user_id, choice in new_votes:
        decision.votes.append(Vote(user_id=user_id, choice=choice))
    decision.votes_for, decision.votes_against, decision.votes_abstain = (
        tally["voor"], tally["tegen"], tally["onthouding"])
    record_version("decision", decision.id, _decision_data(decision), user, reason)
    db.session.commit()
    return decision


def list_decisions(user, body: str | None = None, year=None, action_line=None, meeting_id: int | None = None) -> list[Decision]:
    """The decision list (besluitenlijst), newest meeting first, filtered and permission-checked."""
    query = db.select(Decision).join(AgendaItem).join(Meeting)
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
    query = query.order_by(Meeting.start_at.desc(), Decision.number)
    return [d for d in db.session.scalars(query).all() if can(user, VIEW, d)]


def decision_years() -> list[int]:
    rows = db.session.scalars(db.select(Decision.decided_on)).all()
    return sorted({d.year for d in rows}, reverse=True)


# --- objectives ----------------------------------------------------------------------------------

OBJECTIVE_FIELDS = ("title", "description", "indicator", "unit", "baseline", "target", "target_date",
                    "action_line", "is_public")


def _objective_changes(data: dict, creating: bool) -> dict:
    changes = {}
    if creating or "title" in data:
        changes["title"] = clean_text(data.get("title"), _("Titel"), MAX_TITLE, required=True)
    if "description" in data:
        changes["description"] = clean_text(data["description"], _("Omschrijving"), MAX_DESCRIPTION)
    if "indicator" in data:
        changes["indicator"] = clean_text(data["indicator"], _("Indicator"), MAX_TITLE)
    if "unit" in data:
        changes["unit"] = clean_text(data["unit"], _("Eenheid"), MAX_UNIT)
    if "baseline" in data:
        changes["baseline"] = parse_number(data["baseline"], _("Beginwaarde"))
    if "target" in data:
        changes["target"] = parse_number(data["target"], _("Streefwaarde"))
    if "target_date" in data:
        changes["target_date"] = parse_date(data["target_date"], _("Streefdatum"))
    if creating or "action_line" in data:
        line = parse_action_line(data.get("action_line"))
        if line is None:
            raise Invalid(_("Kies een actielijn."))
        changes["action_line"] = line
    if "is_public" in data:
        changes["is_public"] = bool(data["is_public"])
    return changes


def get_objective(user, objective_id: int) -> Objective:
    objective = db.session.get(Objective, objective_id)
    if objective is None:
        raise NotFound(_("Deze doelstelling bestaat niet."))
    require(user, VIEW, objective)
    return objective


def create_objective(user, body: Body, data: dict) -> Objective:
    require(user, EDIT, Objective(body_id=body.id))
    changes = _objective_changes(data, creating=True)
    objective = Objective(body_id=body.id, created_by_id=user.id, **changes)
    db.session.add(objective)
    db.session.commit()
    return objective


def update_objective(user, objective: Objective, data: dict) -> Objective:
    require(user, EDIT, objective)
    for key, value in _objective_changes(data, creating=False).items():
        setattr(objective, key, value)
    db.session.commit()
    return objective


def list_objectives(user, action_line=None, body_id: int | None = None) -> list[Objective]:
    query = db.select(Objective).join(ActionLine).order_by(ActionLine.number, Objective.title)
    if action_line not in (None, ""):
        query = query.where(Objective.action_line_id == parse_action_line(action_line).id)
    if body_id is not None:
        query = query.where(Objective.body_id == body_id)
    return [o for o in db.session.scalars(query).all() if can(user, VIEW, o)]


def latest_measurement(objective: Objective) -> ProgressUpdate | None:
    """The latest measured value of the objective's indicator: reported on it or on one of its actions."""
    action_ids = [a.id for a in objective.actions]
    condition = ProgressUpdate.objective_id == objective.id
    if action_ids:
        condition = condition | ProgressUpdate.action_id.in_(action_ids)
    return db.session.scalar(
        db.select(ProgressUpdate).where(condition, ProgressUpdate.value.is_not(None))
        .order_by(ProgressUpdate.created_at.desc(), ProgressUpdate.id.desc()).limit(1))


def action_fraction(action: Action) -> float:
    return 1.0 if action.status == "afgerond" else max(0, min(100, action.progress)) / 100


def objective_progress(objective: Objective) -> dict:
    """Progress towards the target, 0..1, as Decidim's accountability computes it.

    With an indicator and a measurement: where the latest value lies between baseline and target.
    Otherwise: the weighted mean of its actions' progress (cancelled actions do not count).
    """
    measurement = latest_measurement(objective) if objective.indicator else None
    if measurement is not None and objective.target is not None:
        baseline = objective.baseline or 0.0
        span = objective.target - baseline
        if span == 0:
            fraction = 1.0 if measurement.value == objective.target else 0.0
        else:
            fraction = (measurement.value - baseline) / span
        return {"fraction": max(0.0, min(1.0, fraction)), "source": "indicator",
                "value": measurement.value, "measured_at": measurement.created_at}
    counted = [a for a in objective.actions if a.status != "geannuleerd"]
    total_weight = sum(a.weight for a in counted)
    if total_weight:
        fraction = sum(a.weight * action_fraction(a) for a in counted) / total_weight
        return {"fraction": fraction, "source": "actions", "value": None, "measured_at": None}
    return {"fraction": None, "source": None, "value": None, "measured_at": None}


def report_objective_value(user, objective: Objective, value, comment: str = "") -> ProgressUpdate:
    """A measured value of the objective's indicator."""
    require(user, REPORT_PROGRESS, objective)
    number = parse_number(value, _("Gemeten waarde"))
    if number is None:
        raise Invalid(_("Gemeten waarde is verplicht."))
    comment = clean_text(comment, _("Toelichting"), MAX_COMMENT)
    update = ProgressUpdate(objective_id=objective.id, value=number, comment=comment, user_id=user.id)
    db.session.add(update)
    db.session.commit()
    return update


# --- actions -------------------------------------------------------------------------------------

def get_action(user, action_id: int) -> Action:
    action = db.session.get(Action, action_id)
    if action is None:
        raise NotFound(_("Deze actie bestaat niet."))
    require(user, VIEW, action)
    return action


def _action_changes(data: dict, creating: bool) -> dict:
    changes = {}
    if creating or "title" in data:
        changes["title"] = clean_text(data.get("title"), _("Titel"), MAX_TITLE, required=True)
    if "description" in data:
        changes["description"] = clean_text(data["description"], _("Omschrijving"), MAX_DESCRIPTION)
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
    db.session.commit()
    return action


def update_action(user, action: Action, data: dict) -> Action:
    require(user, EDIT, action)
    changes = _action_changes(data, creating=False)
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
                            comment=comment, user_id=user.id,
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


def list_actions(user, status: str | None = None, overdue=None, action_line=None, body: str | None = None,
                 owner_user_id: int | None = None, objective_id: int | None = None,
                 decision_id: int | None = None) -> list[Action]:
    """Actions `user` may see, overdue first, then by due date."""
    query = db.select(Action)
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


# --- labels and export rows (pages, Word and CSV use the same) -----------------------------------



def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


def vote_summary(decision: Decision) -> str:
    """E.g. "Stemming: 12 voor, 1 tegen, 2 onthoudingen (per lid: ...)", or "" without a vote."""
    if not decision.has_vote:
        return ""
    text = _("Stemming: %(voor)d voor, %(tegen)d tegen, %(onthouding)d onthouding",
             voor=decision.votes_for or 0, tegen=decision.votes_against or 0,
             onthouding=decision.votes_abstain or 0)
    if decision.votes:
        text += " (" + ", ".join(f"{v.user.name}: {VOTE_LABELS[v.choice]}" for v in decision.votes) + ")"
    return text


def action_row(action: Action, day: date | None = None) -> dict:
    day = day or today()
    return {
        "id": action.id,
        "title": action.title,
        "owner": action.owner_name,
        "due": action.due_on.strftime("%d-%m-%Y") if action.due_on else "",
        "status": status_label(action.status),
        "overdue": action.is_overdue(day),
        "progress": action.progress,
        "decision": decision_reference(action.decision) if action.decision else "",
        "action_line": action.action_line.label if action.action_line else "",
        "body": action.body.name,
    }


def decision_row(decision: Decision) -> dict:
    meeting = decision.agenda_item.meeting
    return {
        "reference": decision_reference(decision),
        "meeting": f"{meeting.body.name}, {decision.decided_on.strftime('%d-%m-%Y')}",
        "item": f"{decision.agenda_item.number}. {decision.agenda_item.title}",
        "text": decision.text,
        "action_line": decision.action_line.label if decision.action_line else "",
        "vote": vote_summary(decision),
    }


def list_decision_versions(user, decision: Decision):
    """The saved states of a decision (text, line, vote) with who, when and why."""
    from app.core.versions import list_versions

    require(user, VIEW, decision)
    return list_versions("decision", decision.id)
