"""What a user typed, turned into the objects it names: an action line, an action's owner."""
from flask_babel import gettext as _

from app.auth.models import User
from app.bodies.models import ActionLine, Organisation
from app.core.errors import Invalid
from app.core.input import MAX_ID, parse_int
from app.decisions.models import Action
from app.extensions import db


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
    if kind in ("user", "organisation") and rest.isascii() and rest.isdigit() and 0 < int(rest) <= MAX_ID:
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
    """The owner as `parse_owner` reads it back: "user:<id>", "organisation:<id>" or ""."""
    if action.owner_user_id:
        return f"user:{action.owner_user_id}"
    if action.owner_organisation_id:
        return f"organisation:{action.owner_organisation_id}"
    return ""
