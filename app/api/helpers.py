"""Small helpers shared by the API modules."""
from datetime import datetime

from flask import request
from flask_babel import gettext as _
from flask_login import current_user

from app.core.errors import Invalid, Unauthenticated
from app.core.timeutil import to_local


def json_body() -> dict:
    """The request's JSON object, or a 400."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise Invalid(_("Verwacht een JSON-object."))
    return data


def optional_json_body() -> dict:
    """The request's JSON object, {} for a call sent without a body, a 400 for anything else."""
    return json_body() if request.get_data() else {}


def require_login():
    """The signed-in user (a bearer token), or Unauthenticated: a 401."""
    if not current_user.is_authenticated:
        raise Unauthenticated(_("Aanmelden is nodig."))
    return current_user


def iso(value) -> str | None:
    """A date as YYYY-MM-DD; a (stored, naive UTC) datetime as ISO 8601 with the Brussels offset,
    like every time the API answers, so that no client takes a UTC time for a local one."""
    if value is None:
        return None
    return to_local(value).isoformat() if isinstance(value, datetime) else value.isoformat()


def text_field(data, name: str, default: str = "") -> str:
    """A text field of a JSON or form body: absent gives `default`, anything but a string a 400."""
    value = data.get(name)
    if value is None:
        return default
    if not isinstance(value, str):
        raise Invalid(_("Het veld '%(name)s' moet tekst zijn.", name=name))
    return value


def reason(data) -> str:
    """The reason a change gives (asked for changes to locked minutes and decisions); text or a 400."""
    return text_field(data, "reason")


def picked(data: dict, names) -> dict:
    """The fields among `names` that the body sends: the ones a change touches."""
    return {name: data[name] for name in names if name in data}


def acting_on(get, *ids):
    """For a call that changes something: the signed-in user, the JSON body, and the object
    `get(user, *ids)` finds (404 or 403 as the service says)."""
    user = require_login()
    data = json_body()
    return user, data, get(user, *ids)
