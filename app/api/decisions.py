"""Minutes, decisions, votes, objectives, actions and progress through the API."""
from flask import jsonify, request
from flask_babel import gettext as _
from flask_login import current_user

from app.api import bp
from app.api.helpers import acting_on, iso, json_body, optional_json_body, picked, reason, require_login
from app.api.objects import object_endpoints
from app.api.pagination import each, paginated
from app.api.shapes import action_json, decision_json, decisions_json, minutes_json, objective_json, update_json
from app.bodies.services import get_body
from app.core.errors import Invalid
from app.core.permissions import VIEW, require
from app.decisions import actions, objectives, services
from app.meetings import queries
from app.minutes import services as minutes_services
from app.minutes import approval

#: what PATCH changes of a decision and of an action (objectives: objectives.OBJECTIVE_FIELDS)
DECISION_FIELDS = ("text", "action_line")
ACTION_FIELDS = ("title", "description", "owner", "due", "objective", "status", "weight")


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
    user, data, item = acting_on(minutes_services.get_item, meeting_id, item_id)
    base = data.get("base_revision")
    if base is not None and (isinstance(base, bool) or not isinstance(base, int)):
        raise Invalid(_("base_revision is een versienummer."))
    minutes = minutes_services.save_minutes(user, item, data.get("text"), reason=reason(data), base_revision=base)
    return jsonify(minutes_json(item, minutes))


@bp.post("/meetings/<int:meeting_id>/approve-previous-minutes")
def approve_previous_minutes(meeting_id: int):
    user = require_login()
    data = optional_json_body()
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
    user, data, item = acting_on(minutes_services.get_item, meeting_id, item_id)
    decision = services.create_decision(user, item, data.get("text"), data.get("action_line"), reason=reason(data))
    return jsonify(decision_json(decision)), 201


@bp.get("/meetings/<int:meeting_id>/decisions")
def meeting_decisions(meeting_id: int):
    meeting = queries.get_meeting(current_user, meeting_id)
    return jsonify(decisions_json(services.list_decisions(current_user, meeting_id=meeting.id)))


@bp.get("/decisions")
def list_decisions():
    args = request.args
    found = services.list_decisions(current_user, body=args.get("body"), year=args.get("year"),
                                    action_line=args.get("action_line"))
    return paginated(found, decisions_json)


object_endpoints("decision", "/decisions/<int:decision_id>", services.get_decision, decision_json,
                 lambda user, decision, data: services.update_decision(
                     user, decision, picked(data, DECISION_FIELDS), reason=reason(data)))


@bp.put("/decisions/<int:decision_id>/vote")
def put_vote(decision_id: int):
    """{"members": {user_id: "voor"|"tegen"|"onthouding"}}, {"counts": {"voor": n, ...}},
    {"unanimous": true} or {"secret": true, "counts": {...}}; only who the attendance allows votes
    (400), and not without quorum (409). Empty choices or counts clear the vote."""
    user, data, decision = acting_on(services.get_decision, decision_id)
    services.record_votes(user, decision, counts=data.get("counts"), per_member=data.get("members"),
                          unanimous=data.get("unanimous", False), secret=data.get("secret", False),
                          reason=reason(data))
    return jsonify(decision_json(decision))


# --- actions -------------------------------------------------------------------------------------

@bp.post("/decisions/<int:decision_id>/actions")
def create_action(decision_id: int):
    user, data, decision = acting_on(services.get_decision, decision_id)
    return jsonify(action_json(actions.create_action(user, data, decision=decision))), 201


def _new_in_body(create, shape, message: str):
    """A new object of a body named in the JSON body (`create(user, body, data)`): 201 and its JSON."""
    user = require_login()
    data = json_body()
    if not isinstance(data.get("body"), str):
        raise Invalid(message)
    return jsonify(shape(create(user, get_body(data["body"]), data))), 201


@bp.post("/actions")
def create_action_without_decision():
    """An action that follows from no decision: {"body", "title", ...}."""
    return _new_in_body(lambda user, body, data: actions.create_action(user, data, body=body), action_json,
                        _("Geef het orgaan (body) van de actie."))


@bp.get("/actions")
def list_actions():
    args = request.args
    found = actions.list_actions(current_user, status=args.get("status"), overdue=args.get("overdue"),
                                 action_line=args.get("action_line"), body=args.get("body"))
    return paginated(found, each(action_json))


object_endpoints("action", "/actions/<int:action_id>", actions.get_action, action_json,
                 lambda user, action, data: actions.update_action(user, action, picked(data, ACTION_FIELDS)))


@bp.post("/actions/<int:action_id>/progress")
def report_progress(action_id: int):
    """{"value?", "progress?", "status?", "comment?"}: the owner or the body's officers report."""
    user, data, action = acting_on(actions.get_action, action_id)
    return jsonify(update_json(actions.report_progress(user, action, data))), 201


# --- objectives ----------------------------------------------------------------------------------

@bp.get("/objectives")
def list_objectives():
    found = objectives.list_objectives(current_user, action_line=request.args.get("action_line"))
    return paginated(found, each(objective_json))


@bp.post("/objectives")
def create_objective():
    return _new_in_body(objectives.create_objective, objective_json, _("Geef het orgaan (body) van de doelstelling."))


object_endpoints("objective", "/objectives/<int:objective_id>", objectives.get_objective, objective_json,
                 lambda user, objective, data: objectives.update_objective(
                     user, objective, picked(data, objectives.OBJECTIVE_FIELDS)))


@bp.post("/objectives/<int:objective_id>/progress")
def report_objective_value(objective_id: int):
    """{"value", "measured_on?", "comment?"}: a measured value of the objective's indicator; 409 for
    an objective that sums its actions' contributions."""
    user, data, objective = acting_on(objectives.get_objective, objective_id)
    update = objectives.report_objective_value(user, objective, data.get("value"), data.get("comment") or "",
                                               data.get("measured_on"))
    return jsonify({**update_json(update), "measured_on": iso(update.measured_on)}), 201
