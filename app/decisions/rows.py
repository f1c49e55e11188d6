"""Labels and rows of decisions and actions: the pages, the Word documents and the CSV show the same."""
from datetime import date

from flask_babel import gettext as _

from app.core.permissions import VIEW, can, reads_internal
from app.decisions.actions import today
from app.decisions.models import OUTCOME_LABELS, STATUS_LABELS, VOTE_LABELS, Action, Decision, Objective
from app.decisions.numbering import decision_reference
from app.decisions.objectives import indicator_value


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


def vote_summary(decision: Decision) -> str:
    """E.g. "Stemming: 12 voor, 1 tegen, 2 onthouding (per lid: ...)", or "" without a vote; a
    secret vote never names anyone."""
    if not decision.has_vote:
        return ""
    numbers = {"voor": decision.votes_for or 0, "tegen": decision.votes_against or 0,
               "onthouding": decision.votes_abstain or 0}
    if decision.vote_kind == "secret":
        return _("Geheime stemming: %(voor)d voor, %(tegen)d tegen, %(onthouding)d onthouding", **numbers)
    if decision.vote_kind == "unanimous":
        return _("Eenparige stemming: %(voor)d voor, %(tegen)d tegen, %(onthouding)d onthouding", **numbers)
    text = _("Stemming: %(voor)d voor, %(tegen)d tegen, %(onthouding)d onthouding", **numbers)
    if decision.votes:
        text += " (" + ", ".join(f"{voter_name(v)}: {VOTE_LABELS[v.choice]}" for v in decision.votes) + ")"
    return text


def shown_owner(user, action: Action) -> str:
    """Who owns the action, as `user` may see it: persons only to who reads the body's internal
    content, organisations to everyone."""
    return action.owner_name if reads_internal(user, action) else action.public_owner_name


def voter_name(vote) -> str:
    """"X", or "X (plaatsvervanger voor Y)" for a substitute (a Vote, or a Voter on the vote form)."""
    if vote.replaces is None:
        return vote.user.name
    return _("%(name)s (plaatsvervanger voor %(member)s)", name=vote.user.name, member=vote.replaces.name)


def outcome_label(decision: Decision) -> str:
    """aangenomen / verworpen, as stored when the vote was recorded; "" without a vote."""
    return str(OUTCOME_LABELS[decision.outcome]) if decision.outcome in OUTCOME_LABELS else ""


def action_row(user, action: Action, day: date | None = None) -> dict:
    day = day or today()
    return {
        "id": action.id,
        "title": action.title,
        "owner": shown_owner(user, action),
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
        "outcome": outcome_label(decision),
    }


def decision_list_row(user, decision: Decision, day: date | None = None) -> dict:
    """A decision as the decision list (besluitenlijst) shows it: with the actions `user` may see."""
    return {**decision_row(decision),
            "actions": [action_row(user, a, day) for a in decision.actions if can(user, VIEW, a)]}


def _amount(value: float, unit: str) -> str:
    return f"{value:g} {unit}".strip()


def objective_summary(user, action: Action) -> str:
    """The objective an action serves with its measured indicator, as `user` may see it, e.g.
    "Meer fietsers – Aandeel fiets woon-werk: 14 % (streefwaarde 20 %)"; "" without one."""
    objective: Objective | None = action.objective
    if objective is None or not can(user, VIEW, objective):
        return ""
    if not objective.indicator:
        return objective.title
    indicator = objective.indicator
    value, _measured_on = indicator_value(objective)
    if value is not None:
        indicator += ": " + _amount(value, objective.unit)
    if objective.target is not None:
        indicator += " " + _("(streefwaarde %(target)s)", target=_amount(objective.target, objective.unit))
    return f"{objective.title} – {indicator}"
