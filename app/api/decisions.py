"""Minutes, decisions, votes, objectives, actions and progress through the API."""
from flask import jsonify, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.api import bp
from app.api.helpers import iso, json_body, require_login
from app.bodies.services import get_body
from app.core.errors import Invalid
from app.core.permissions import VIEW, can, require
from app.decisions import actions, objectives, services
from app.decisions.lookups import owner_key
from app.decisions.numbering import decision_reference
from app.meetings import queries
from app.minutes import services as minutes_services
from app.minutes import approval
from app.minutes.locks import is_locked, locked_item_ids


# --- JSON shapes ---------------------------------------------------------------------------------

def revision_json(revision) -> dict:
    return {
        "number": revision.number,
        "user": revision.user.name if revision.user else None,
        "created_at": iso(revision.created_at),
        "kind": revision.kind,
        "reason": revision.reason,
        "restored_from": revision.restored_from,
    }


def minutes_json(item, minutes) -> dict:
    current = minutes.current_revision if minutes is not None else None
    return {
        "meeting": item.meeting_id,
        "item": item.id,
        "text": current.text if current else "",
        "revision": current.number if current else None,
        "locked": is_locked(item),
        "updated_at": iso(current.created_at) if current else None,
        "revisions": [revision_json(r) for r in minutes.revisions] if minutes is not None else [],
    }


def vote_json(decision) -> dict | None:
    if not decision.has_vote and not decision.votes:
        return None
    return {
        "voor": decision.votes_for, "tegen": decision.votes_against, "onthouding": decision.votes_abstain,
        "members": [{"user": v.user_id, "name": v.user.name, "choice": v.choice,
                     "replaces": v.replaces_user_id, "replaces_name": v.replaces.name if v.replaces else None}
                    for v in decision.votes],
    }


def decisions_json(decisions) -> list[dict]:
    """A list of decisions, the locks looked up once for the whole list."""
    locked = locked_item_ids({d.agenda_item for d in decisions})
    return [decision_json(d, locked=d.agenda_item_id in locked) for d in decisions]


def decision_json(decision, with_actions: bool = True, locked: bool | None = None) -> dict:
    item = decision.agenda_item
    data = {
        "id": decision.id,
        "reference": decision_reference(decision),
        "number": decision.number,
        "text": decision.text,
        "action_line": decision.action_line.number if decision.action_line else None,
        "decided_on": iso(decision.decided_on),
        "body": item.meeting.body.slug,
        "meeting": item.meeting_id,
        "item": {"id": item.id, "number": item.number, "title": item.title},
        "vote": vote_json(decision),
        # how the vote was taken, and its outcome by the body's rule at that moment; null without a vote
        "vote_kind": decision.vote_kind,
        "outcome": decision.outcome,
        "locked": is_locked(item) if locked is None else locked,
        "url": url_for("decisions.show", decision_id=decision.id),
        "meeting_url": url_for("minutes.meeting_minutes", meeting_id=item.meeting_id),
    }
    if with_actions:
        data["actions"] = [action_json(a, brief=True) for a in decision.actions
                           if can(current_user, VIEW, a)]
    return data


def update_json(update) -> dict:
    return {
        "id": update.id,
        "value": update.value,
        "progress": update.progress,
        "status": update.status,
        "comment": update.comment,
        "meeting": update.meeting_id,
        "user": update.user.name if update.user else None,
        "created_at": iso(update.created_at),
    }


def action_json(action, brief: bool = False) -> dict:
    data = {
        "id": action.id,
        "title": action.title,
        "status": action.status,
        "owner": owner_key(action) or None,
        "owner_name": action.owner_name or None,
        "due": iso(action.due_on),
        "overdue": action.is_overdue(actions.today()),
        "progress": action.progress,
        "url": url_for("actions.show", action_id=action.id),
    }
    if brief:
        return data
    data.update({
        "description": action.description,
        "body": action.body.slug,
        "weight": action.weight,
        "decision": action.decision_id,
        "decision_reference": decision_reference(action.decision) if action.decision else None,
        "objective": action.objective_id,
        "action_line": action.action_line.number if action.action_line else None,
        "updates": [update_json(u) for u in action.updates],
    })
    return data


def measurement_json(update) -> dict:
    """One measurement of an objective's indicator."""
    return {"value": update.value, "measured_on": iso(objectives.measured_day(update)), "comment": update.comment}


def objective_json(objective) -> dict:
    progress = objectives.objective_progress(objective)
    return {
        "id": objective.id,
        "title": objective.title,
        "description": objective.description,
        "body": objective.body.slug,
        "action_line": objective.action_line.number,
        "indicator": objective.indicator,
        "unit": objective.unit,
        "baseline": objective.baseline,
        "target": objective.target,
        "target_date": iso(objective.target_date),
        "is_public": objective.is_public,
        "sums_actions": objective.sums_actions,
        "progress": None if progress["fraction"] is None else round(progress["fraction"] * 100, 1),
        "progress_source": progress["source"],
        "latest_value": progress["value"],
        "measurements": [measurement_json(m) for m in objectives.list_measurements(objective)],
        "actions": [action_json(a, brief=True) for a in objective.actions
                    if can(current_user, VIEW, a)],
        "updates": [update_json(u) for u in objective.updates],
        "url": url_for("decisions.objective", objective_id=objective.id),
    }


# --- minutes -------------------------------------------------------------------------------------

@bp.get("/meetings/<int:meeting_id>/items/<int:item_id>/minutes")
def get_item_minutes(meeting_id: int, item_id: int):
    item = minutes_services.get_item(current_user, meeting_id, item_id)
    minutes = minutes_services.get_minutes(item)
    if minutes is not None:
        require(current_user, VIEW, minutes)
    return jsonify(minutes_json(item, minutes))


@bp.put("/meetings/<int:meeting_id>/items/<int:item_id>/minutes")
def put_item_minutes(meeting_id: int, item_id: int):
    user = require_login()
    data = json_body()
    item = minutes_services.get_item(user, meeting_id, item_id)
    base = data.get("base_revision")
    if base is not None and (isinstance(base, bool) or not isinstance(base, int)):
        raise Invalid(_("base_revision is een versienummer."))
    minutes = minutes_services.save_minutes(user, item, data.get("text"), reason=data.get("reason") or "",
                                            base_revision=base)
    return jsonify(minutes_json(item, minutes))


@bp.post("/meetings/<int:meeting_id>/approve-previous-minutes")
def approve_previous_minutes(meeting_id: int):
    user = require_login()
    data = request.get_json(silent=True) or {}
    meeting = queries.get_meeting(user, meeting_id)
    previous = approval.approve_previous_minutes(user, meeting, str(data.get("comment") or ""))
    return jsonify({"meeting": previous.id, "state": previous.state})


@bp.post("/meetings/<int:meeting_id>/items/<int:item_id>/lock")
def lock_item(meeting_id: int, item_id: int):
    user = require_login()
    item = minutes_services.get_item(user, meeting_id, item_id)
    minutes_services.lock_item(user, item)
    return jsonify({"item": item.id, "locked": True})


# --- decisions -----------------------------------------------------------------------------------

@bp.post("/meetings/<int:meeting_id>/items/<int:item_id>/decisions")
def create_decision(meeting_id: int, item_id: int):
    user = require_login()
    data = json_body()
    item = minutes_services.get_item(user, meeting_id, item_id)
    decision = services.create_decision(user, item, data.get("text"), data.get("action_line"),
                                        reason=data.get("reason") or "")
    return jsonify(decision_json(decision)), 201


@bp.get("/meetings/<int:meeting_id>/decisions")
def meeting_decisions(meeting_id: int):
    meeting = queries.get_meeting(current_user, meeting_id)
    return jsonify(decisions_json(services.list_decisions(current_user, meeting_id=meeting.id)))


@bp.get("/decisions")
def list_decisions():
    args = request.args
    decisions = services.list_decisions(current_user, body=args.get("body"), year=args.get("year"),
                                        action_line=args.get("action_line"))
    return jsonify(decisions_json(decisions))


@bp.get("/decisions/<int:decision_id>")
def get_decision(decision_id: int):
    return jsonify(decision_json(services.get_decision(current_user, decision_id)))


@bp.patch("/decisions/<int:decision_id>")
def patch_decision(decision_id: int):
    user = require_login()
    data = json_body()
    decision = services.get_decision(user, decision_id)
    services.update_decision(user, decision, {k: data[k] for k in ("text", "action_line") if k in data},
                             reason=data.get("reason") or "")
    return jsonify(decision_json(decision))


@bp.put("/decisions/<int:decision_id>/vote")
def put_vote(decision_id: int):
    """{"members": {user_id: "voor"|"tegen"|"onthouding"}}, {"counts": {"voor": n, ...}},
    {"unanimous": true} or {"secret": true, "counts": {...}}; only who the attendance allows votes
    (400), and not without quorum (409). Empty choices or counts clear the vote."""
    user = require_login()
    data = json_body()
    decision = services.get_decision(user, decision_id)
    services.record_votes(user, decision, counts=data.get("counts"), per_member=data.get("members"),
                          unanimous=data.get("unanimous", False), secret=data.get("secret", False),
                          reason=data.get("reason") or "")
    return jsonify(decision_json(decision))


# --- actions -------------------------------------------------------------------------------------

@bp.post("/decisions/<int:decision_id>/actions")
def create_action(decision_id: int):
    user = require_login()
    data = json_body()
    decision = services.get_decision(user, decision_id)
    action = actions.create_action(user, data, decision=decision)
    return jsonify(action_json(action)), 201


@bp.post("/actions")
def create_action_without_decision():
    """An action that follows from no decision: {"body", "title", ...}."""
    user = require_login()
    data = json_body()
    if not isinstance(data.get("body"), str):
        raise Invalid(_("Geef het orgaan (body) van de actie."))
    action = actions.create_action(user, data, body=get_body(data["body"]))
    return jsonify(action_json(action)), 201


def _action_filters(args) -> dict:
    return {"status": args.get("status"), "overdue": args.get("overdue"),
            "action_line": args.get("action_line"), "body": args.get("body")}


@bp.get("/actions")
def list_actions():
    found = actions.list_actions(current_user, **_action_filters(request.args))
    return jsonify([action_json(a) for a in found])


@bp.get("/actions/<int:action_id>")
def get_action(action_id: int):
    return jsonify(action_json(actions.get_action(current_user, action_id)))


@bp.patch("/actions/<int:action_id>")
def patch_action(action_id: int):
    user = require_login()
    data = json_body()
    action = actions.get_action(user, action_id)
    fields = ("title", "description", "owner", "due", "objective", "status", "weight")
    actions.update_action(user, action, {k: data[k] for k in fields if k in data})
    return jsonify(action_json(action))


@bp.post("/actions/<int:action_id>/progress")
def report_progress(action_id: int):
    """{"value?", "progress?", "status?", "comment?"}: the owner or the body's officers report."""
    user = require_login()
    data = json_body()
    action = actions.get_action(user, action_id)
    update = actions.report_progress(user, action, data)
    return jsonify(update_json(update)), 201


# --- objectives ----------------------------------------------------------------------------------

@bp.get("/objectives")
def list_objectives():
    found = objectives.list_objectives(current_user, action_line=request.args.get("action_line"))
    return jsonify([objective_json(o) for o in found])


@bp.post("/objectives")
def create_objective():
    user = require_login()
    data = json_body()
    if not isinstance(data.get("body"), str):
        raise Invalid(_("Geef het orgaan (body) van de doelstelling."))
    objective = objectives.create_objective(user, get_body(data["body"]), data)
    return jsonify(objective_json(objective)), 201


@bp.get("/objectives/<int:objective_id>")
def get_objective(objective_id: int):
    return jsonify(objective_json(objectives.get_objective(current_user, objective_id)))


@bp.patch("/objectives/<int:objective_id>")
def patch_objective(objective_id: int):
    user = require_login()
    data = json_body()
    objective = objectives.get_objective(user, objective_id)
    objectives.update_objective(user, objective, {k: data[k] for k in objectives.OBJECTIVE_FIELDS if k in data})
    return jsonify(objective_json(objective))


@bp.post("/objectives/<int:objective_id>/progress")
def report_objective_value(objective_id: int):
    """{"value", "measured_on?", "comment?"}: a measured value of the objective's indicator; 409 for
    an objective that sums its actions' contributions."""
    user = require_login()
    data = json_body()
    objective = objectives.get_objective(user, objective_id)
    update = objectives.report_objective_value(user, objective, data.get("value"), data.get("comment") or "",
                                               data.get("measured_on"))
    return jsonify({**update_json(update), "measured_on": iso(update.measured_on)}), 201


def meeting_extension(meeting, user) -> dict:
    """The keys this feature adds to a meeting's JSON: its decisions, and where its minutes are."""
    return {
        "decisions": decisions_json(services.list_decisions(user, meeting_id=meeting.id)),
        "minutes_url": url_for("minutes.meeting_minutes", meeting_id=meeting.id),
        "minutes_docx_url": url_for("minutes.minutes_word", meeting_id=meeting.id),
    }
