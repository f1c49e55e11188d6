"""Meetings and agenda items through the API (DESIGN.md): the same services as the pages."""
from flask import jsonify, request
from flask_babel import gettext as _
from flask_login import current_user

from app.api import bp
from app.api.helpers import json_body, optional_json_body, picked, require_login
from app.api.objects import object_endpoints
from app.api.pagination import each, paginated
from app.api.shapes import agenda_item_json, meeting_json, meeting_summary_json
from app.bodies.services import get_body
from app.core.errors import Invalid, NotFound
from app.meetings import agenda, attendance, queries, services

#: what PATCH /api/meetings/<id> changes
MEETING_FIELDS = ("title", "start", "end", "location", "online_url", "is_public")


def _item_call(meeting_id: int, item_id: int, body_required: bool = True):
    """For a call on an agenda item: the signed-in user, the item, and the JSON body (which a
    call with `body_required=False` may leave out)."""
    user = require_login()
    item = queries.get_item(current_user, queries.get_meeting(current_user, meeting_id), item_id)
    data = json_body() if body_required else optional_json_body()
    return user, item, data


def _body_slug(data) -> str:
    slug = data.get("body")
    if not isinstance(slug, str) or not slug.strip():
        raise Invalid(_("Geef het orgaan (body) op."))
    return slug.strip()


@bp.get("/meetings")
def list_meetings():
    body = get_body(request.args["body"]) if request.args.get("body") else None
    return paginated(queries.visible_meetings(current_user, body), each(meeting_summary_json))


@bp.post("/meetings")
def create_meeting():
    user = require_login()
    data = json_body()
    if "start" not in data:
        raise Invalid(_("Het begin (start) is verplicht."))
    try:
        meeting = services.create_meeting(
            user, _body_slug(data), data.get("start"), data.get("end"), data.get("location") or "",
            data.get("online_url") or "", data.get("title") or "", bool(data.get("is_public", False)))
    except NotFound as error:  # an unknown body is bad input here, not a missing page
        raise Invalid(error.message)
    return jsonify(meeting_json(meeting)), 201


object_endpoints("meeting", "/meetings/<int:meeting_id>", queries.get_meeting, meeting_json,
                 lambda user, meeting, data: services.update_meeting(
                     user, meeting, picked(data, MEETING_FIELDS), data.get("agenda_version")))


@bp.post("/meetings/<int:meeting_id>/transition")
def transition_meeting(meeting_id: int):
    user = require_login()
    meeting = queries.get_meeting(current_user, meeting_id)
    data = json_body()
    name = data.get("transition")
    if not isinstance(name, str) or not name:
        raise Invalid(_("Geef de overgang (transition) op."))
    services.transition_meeting(user, meeting, name, str(data.get("comment") or ""))
    return jsonify(meeting_json(meeting))


@bp.post("/meetings/<int:meeting_id>/items")
def add_item(meeting_id: int):
    user = require_login()
    meeting = queries.get_meeting(current_user, meeting_id)
    data = json_body()
    fields = picked(data, agenda.ITEM_FIELDS)
    fields.setdefault("title", data.get("title"))
    item = agenda.add_item(user, meeting, fields, data.get("agenda_version"))
    return jsonify(agenda_item_json(item)), 201


@bp.patch("/meetings/<int:meeting_id>/items/<int:item_id>")
def update_item(meeting_id: int, item_id: int):
    user, item, data = _item_call(meeting_id, item_id)
    fields = picked(data, agenda.ITEM_FIELDS)
    if "skipped" in data:
        if data["skipped"]:
            agenda.skip_item(user, item, data.get("skip_reason", ""), data.get("agenda_version"))
        elif item.skipped:
            agenda.unskip_item(user, item, data.get("agenda_version"))
        version = None  # the skip already checked and bumped the version
    else:
        version = data.get("agenda_version")
    if fields:
        agenda.update_item(user, item, fields, version)
    return jsonify(agenda_item_json(item))


@bp.delete("/meetings/<int:meeting_id>/items/<int:item_id>")
def delete_item(meeting_id: int, item_id: int):
    user, item, data = _item_call(meeting_id, item_id, body_required=False)
    agenda.remove_item(user, item, data.get("agenda_version"))
    return "", 204


@bp.post("/meetings/<int:meeting_id>/items/<int:item_id>/move")
def move_item(meeting_id: int, item_id: int):
    user, item, data = _item_call(meeting_id, item_id)
    position = data.get("position")
    if not isinstance(position, int) or isinstance(position, bool):
        raise Invalid(_("De plaats (position) is een geheel getal vanaf 1."))
    agenda.move_item(user, item, position, data.get("agenda_version"))
    return jsonify(meeting_json(item.meeting))


@bp.post("/meetings/<int:meeting_id>/items/<int:item_id>/postpone")
def postpone_item(meeting_id: int, item_id: int):
    user, item, data = _item_call(meeting_id, item_id, body_required=False)
    copy = agenda.postpone_item(user, item, data.get("agenda_version"))
    return jsonify(agenda_item_json(copy) | {"meeting": copy.meeting_id}), 201


@bp.put("/meetings/<int:meeting_id>/attendance")
def record_attendance(meeting_id: int):
    """Body: [{"user","status","substitute?"}] (status null clears)."""
    user = require_login()
    meeting = queries.get_meeting(current_user, meeting_id)
    data = request.get_json(silent=True)
    if not isinstance(data, list):
        raise Invalid(_("Verwacht een lijst van aanwezigheden."))
    entries = []
    for entry in data:
        if not isinstance(entry, dict):
            raise Invalid(_("Verwacht een lijst van aanwezigheden."))
        entries.append({"user_id": entry.get("user"), "status": entry.get("status") or "",
                        "substitute_id": entry.get("substitute")})
    attendance.record_attendance(user, meeting, entries)
    return jsonify(meeting_json(meeting))
