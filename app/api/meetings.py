"""Meetings and agenda items through the API (DESIGN.md): the same services as the pages."""
from flask import jsonify, request
from flask_babel import gettext as _
from flask_login import current_user

from app.api import bp
from app.api.helpers import json_body, require_login
from app.api.decisions import meeting_extension
from app.bodies.services import get_body
from app.core.errors import Invalid, NotFound
from app.core.permissions import VIEW, can, is_anonymous
from app.core.timeutil import to_local
from app.meetings import agenda, attendance, queries, services
from app.meetings.overview import meeting_overview


def _local_iso(value) -> str | None:
    return to_local(value).isoformat() if value is not None else None


def item_json(view, user) -> dict:
    """An agenda item of a meeting overview (what `user` may see of it)."""
    item = view.item
    return {
        "id": item.id,
        "number": item.number,
        "title": item.title,
        "description": item.description,
        "kind": item.kind,
        "presenter": item.presenter,
        "action_line": item.action_line.number if item.action_line else None,
        "duration": item.duration_minutes,
        "fixed": item.is_fixed,
        "standing": item.is_standing,
        "skipped": item.skipped,
        "skip_reason": item.skip_reason,
        "public": item.is_public,
        "continues_item": item.continues_item_id if item.continues_item and can(user, VIEW, item.continues_item) else None,
        "continued_by": [i.id for i in item.continued_by if can(user, VIEW, i)],
        "feedback_decisions": [
            {"id": link.decision_id, "reference": link.reference, "decided_on": link.decided_on.isoformat()}
            for link in view.feedback
        ],
    }


def _item_json(item) -> dict:
    """One item, as it shows in its meeting's agenda for the caller."""
    overview = meeting_overview(current_user, item.meeting)
    return item_json(next(view for view in overview.items if view.item.id == item.id), current_user)


def meeting_json(meeting, user=None) -> dict:
    """A meeting as the API shows it to `user` (default: the caller); closed items only to members.

    Other features extend the result (e.g. "decisions", "minutes") by adding keys to this dict.
    """
    user = user if user is not None else current_user
    overview = meeting_overview(user, meeting)
    quorum = overview.quorum
    return {
        "id": meeting.id,
        "body": meeting.body.slug,
        "title": meeting.title,
        "start": _local_iso(meeting.start_at),
        "end": _local_iso(meeting.end_at),
        "location": meeting.location,
        "online_url": meeting.online_url,
        "state": meeting.state,
        "is_public": meeting.is_public,
        "agenda_version": meeting.agenda_version,
        "number_in_year": overview.number,
        "approved_at": _local_iso(meeting.approved_at),
        "approved_by": meeting.approved_by.name if meeting.approved_by is not None and not is_anonymous(user) else None,
        "agenda": [item_json(view, user) for view in overview.items],
        "attendance": [
            {"user": row["user"].id, "name": row["user"].name, "role": row["role"], "status": row["status"] or None,
             "substitute": row["substitute"].id if row["substitute"] else None}
            for row in overview.attendance
        ],
        "quorum": {"voting": quorum.voting, "present": quorum.present, "required": quorum.required,
                   "reached": quorum.reached} if quorum is not None else None,
        **_minutes_and_decisions(meeting, user),
    }


def _minutes_and_decisions(meeting, user) -> dict:
    return meeting_extension(meeting, user)


def _meeting(meeting_id: int):
    return queries.get_meeting(current_user, meeting_id)


def _item(meeting, item_id: int):
    return queries.get_item(current_user, meeting, item_id)


def _body_slug(data) -> str:
    slug = data.get("body")
    if not isinstance(slug, str) or not slug.strip():
        raise Invalid(_("Geef het orgaan (body) op."))
    return slug.strip()


@bp.get("/meetings")
def list_meetings():
    body = get_body(request.args["body"]) if request.args.get("body") else None
    return jsonify([
        {"id": m.id, "body": m.body.slug, "title": m.title, "start": _local_iso(m.start_at), "state": m.state}
        for m in queries.visible_meetings(current_user, body)
    ])


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


@bp.get("/meetings/<int:meeting_id>")
def get_meeting(meeting_id: int):
    return jsonify(meeting_json(_meeting(meeting_id)))


@bp.patch("/meetings/<int:meeting_id>")
def update_meeting(meeting_id: int):
    user = require_login()
    meeting = _meeting(meeting_id)
    data = json_body()
    fields = {key: data[key] for key in ("title", "start", "end", "location", "online_url", "is_public") if key in data}
    services.update_meeting(user, meeting, fields, data.get("agenda_version"))
    return jsonify(meeting_json(meeting))


@bp.post("/meetings/<int:meeting_id>/transition")
def transition_meeting(meeting_id: int):
    user = require_login()
    meeting = _meeting(meeting_id)
    data = json_body()
    name = data.get("transition")
    if not isinstance(name, str) or not name:
        raise Invalid(_("Geef de overgang (transition) op."))
    services.transition_meeting(user, meeting, name, str(data.get("comment") or ""))
    return jsonify(meeting_json(meeting))


@bp.post("/meetings/<int:meeting_id>/items")
def add_item(meeting_id: int):
    user = require_login()
    meeting = _meeting(meeting_id)
    data = json_body()
    fields = {key: data[key] for key in agenda.ITEM_FIELDS if key in data}
    fields.setdefault("title", data.get("title"))
    item = agenda.add_item(user, meeting, fields, data.get("agenda_version"))
    return jsonify(_item_json(item)), 201


@bp.patch("/meetings/<int:meeting_id>/items/<int:item_id>")
def update_item(meeting_id: int, item_id: int):
    user = require_login()
    meeting = _meeting(meeting_id)
    item = _item(meeting, item_id)
    data = json_body()
    fields = {key: data[key] for key in agenda.ITEM_FIELDS if key in data}
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
    return jsonify(_item_json(item))


@bp.delete("/meetings/<int:meeting_id>/items/<int:item_id>")
def delete_item(meeting_id: int, item_id: int):
    user = require_login()
    meeting = _meeting(meeting_id)
    item = _item(meeting, item_id)
    data = json_body() if _has_body() else {}
    agenda.remove_item(user, item, data.get("agenda_version"))
    return "", 204


def _has_body() -> bool:
    return bool(request.get_data())


@bp.post("/meetings/<int:meeting_id>/items/<int:item_id>/move")
def move_item(meeting_id: int, item_id: int):
    user = require_login()
    meeting = _meeting(meeting_id)
    item = _item(meeting, item_id)
    data = json_body()
    position = data.get("position")
    if not isinstance(position, int) or isinstance(position, bool):
        raise Invalid(_("De plaats (position) is een geheel getal vanaf 1."))
    agenda.move_item(user, item, position, data.get("agenda_version"))
    return jsonify(meeting_json(meeting))


@bp.post("/meetings/<int:meeting_id>/items/<int:item_id>/postpone")
def postpone_item(meeting_id: int, item_id: int):
    user = require_login()
    meeting = _meeting(meeting_id)
    item = _item(meeting, item_id)
    data = json_body() if _has_body() else {}
    copy = agenda.postpone_item(user, item, data.get("agenda_version"))
    return jsonify(_item_json(copy) | {"meeting": copy.meeting_id}), 201


@bp.put("/meetings/<int:meeting_id>/attendance")
def record_attendance(meeting_id: int):
    """Body: [{"user","status","substitute?"}] (status null clears)."""
    user = require_login()
    meeting = _meeting(meeting_id)
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
