"""Labels and rows of decisions and actions: the pages, the Word documents and the CSV show the same."""
from datetime import date

from flask_babel import gettext as _

from app.core.permissions import reads_internal
from app.decisions.actions import today
from app.decisions.models import STATUS_LABELS, VOTE_LABELS, Action, Decision
from app.decisions.numbering import decision_reference


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


def shown_owner(user, action: Action) -> str:
    """Who owns the action, as `user` may see it: persons only to who reads the body's internal
    content, organisations to everyone."""
    return action.owner_name if reads_internal(user, action) else action.public_owner_name


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
    }
