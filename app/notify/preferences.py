"""Reading and changing a user's notification preferences; unsubscribe links that need no login."""
from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer

from app.auth.models import User
from app.core.errors import Invalid, NotFound, Unauthenticated
from app.extensions import db
from app.notify.models import FREQUENCIES, KINDS, NotificationPreference


def preferences_of(user) -> NotificationPreference:
    """The user's preferences (defaults when never saved: not added to the session)."""
    found = db.session.get(NotificationPreference, user.id)
    if found is not None:
        return found
    return NotificationPreference(user_id=user.id, meetings=True, minutes=True, decisions=True, actions=True,
                                  reminders=True, reminder_frequency="daily", digest=True)


def wants(user, kind: str) -> bool:
    return preferences_of(user).wants(kind)


def _stored(user) -> NotificationPreference:
    found = db.session.get(NotificationPreference, user.id)
    if found is None:
        found = preferences_of(user)
        db.session.add(found)
    return found


def update_preferences(user, changes: dict) -> NotificationPreference:
    """Save the signed-in user's own choices: booleans per kind, and the reminder frequency."""
    if not user.is_authenticated:
        raise Unauthenticated(_("Meld je aan om je meldingen in te stellen."))
    unknown = set(changes) - set(KINDS) - {"reminder_frequency"}
    if unknown:
        raise Invalid(_("Onbekende instelling: %(names)s.", names=", ".join(sorted(unknown))))
    if "reminder_frequency" in changes and changes["reminder_frequency"] not in FREQUENCIES:
        raise Invalid(_("Kies dagelijks of wekelijks."))
    preference = _stored(user)
    for name, value in changes.items():
        if name in KINDS and not isinstance(value, bool):
            raise Invalid(_("Een melding staat aan of uit."))
        setattr(preference, name, value)
    db.session.commit()
    return preference


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="notify-unsubscribe")


def unsubscribe_token(user, kind: str) -> str:
    return _serializer().dumps([user.id, kind])


def _resolve(token: str) -> tuple[User, str]:
    try:
        user_id, kind = _serializer().loads(token)
    except (BadSignature, ValueError, TypeError):
        raise NotFound(_("Deze afmeldlink is ongeldig."))
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None or kind not in KINDS:
        raise NotFound(_("Deze afmeldlink is ongeldig."))
    return user, kind


def unsubscribe_target(token: str) -> tuple[User, str]:
    """Who and what an unsubscribe link is for (to show before the click)."""
    return _resolve(token)


def unsubscribe(token: str) -> tuple[User, str]:
    """One-click unsubscribe (RFC 8058): switch the kind off for the link's user, no login."""
    user, kind = _resolve(token)
    setattr(_stored(user), kind, False)
    db.session.commit()
    return user, kind
