"""Members' remarks on draft minutes through the API: the same service as the draft minutes page."""
from flask import jsonify

from app.api import bp
from app.api.helpers import json_body, require_login
from app.core.timeutil import to_local
from app.meetings import queries
from app.minutes import comments


def _local_iso(value) -> str | None:
    return to_local(value).isoformat() if value is not None else None


def comment_json(comment) -> dict:
    """A remark with its answer; `answer` is null until the secretariat dealt with it."""
    return {
        "id": comment.id,
        "meeting": comment.meeting_id,
        "item": comment.agenda_item_id,
        "text": comment.text,
        "author": comment.user.name if comment.user is not None else None,
        "created_at": _local_iso(comment.created_at),
        "answer": comment.answer if comment.answered_at is not None else None,
        "answered_at": _local_iso(comment.answered_at),
        "answered_by": comment.answered_by.name if comment.answered_by is not None else None,
    }


@bp.get("/meetings/<int:meeting_id>/minutes/comments")
def list_minutes_comments(meeting_id: int):
    user = require_login()
    meeting = queries.get_meeting(user, meeting_id)
    return jsonify([comment_json(comment) for comment in comments.list_comments(user, meeting)])


@bp.post("/meetings/<int:meeting_id>/minutes/comments")
def add_minutes_comment(meeting_id: int):
    """Body: {"text", "item?"} (item: the id of one of the meeting's agenda items)."""
    user = require_login()
    meeting = queries.get_meeting(user, meeting_id)
    data = json_body()
    comment = comments.add_comment(user, meeting, data.get("text"), data.get("item"))
    return jsonify(comment_json(comment)), 201
