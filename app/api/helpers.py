"""Small helpers shared by the API modules."""
from flask import request
from flask_babel import gettext as _
from flask_login import current_user

from app.core.errors import Invalid, NotAllowed


def json_body() -> dict:
    """The request's JSON object, or a 400."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise Invalid(_("Verwacht een JSON-object."))
    return data


def require_login():
    if not current_user.is_authenticated:
        error = NotAllowed(_("Aanmelden is nodig."))
        error.status = 401
        raise error
    return current_user


def iso(value) -> str | None:
    return value.isoformat() if value is not None else None
