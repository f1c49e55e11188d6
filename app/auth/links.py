"""Links to choose a password: an invitation for a new account, a reset for a forgotten password.

A link carries a signed, time-limited token (itsdangerous, the SECRET_KEY and a salt of its own)
naming the user, the purpose and a fingerprint of the user's current password hash (and address).
Choosing a password changes the hash, so the fingerprint no longer matches: a link works once. A
beheerder changing the address voids the links mailed to the old one.

Who mails the link is not this feature's business: it fires `password_link_wanted` inside the
transaction, and the notifications (a higher feature) queue the mail.
"""
import hashlib
import hmac
import secrets
from datetime import datetime, timedelta, timezone

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeTimedSerializer

from app.auth.models import User
from app.core.errors import DomainError
from app.core.hooks import Hook
from app.extensions import db

INVITATION, RESET = "invitation", "reset"
#: how long a link works (the pages and mails say so)
LIFETIMES = {INVITATION: timedelta(days=7), RESET: timedelta(hours=2)}
#: starts the password hash of an account whose user has not chosen a password yet; no real hash
#: starts with it, so no password matches it
NO_PASSWORD = "!"

#: fn(user, purpose, token, throttled): a link to choose a password should be mailed to `user`.
#: Sent inside the transaction, before the commit, so the mail is saved with the change or not at
#: all. `throttled`: asked by someone who need not be signed in (a forgotten password), so a
#: listener may refuse to mail too often.
password_link_wanted = Hook("password_link_wanted")


class LinkRefused(DomainError, status=400, code="link_refused"):
    """A genuine link that no longer works: expired, or already used."""


class LinkUnknown(DomainError, status=404, code="link_unknown"):
    """Not a link we made (or its account is gone or disabled)."""


REFUSED = (LinkRefused, LinkUnknown)


def no_password_yet() -> str:
    """The password hash of a new account whose user chooses the password through an invitation."""
    return NO_PASSWORD + secrets.token_hex(16)


def has_password(user: User) -> bool:
    return not (user.password_hash or NO_PASSWORD).startswith(NO_PASSWORD)


def lifetime(purpose: str) -> timedelta:
    return LIFETIMES[purpose]


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="account-password-link")


def _fingerprint(user: User) -> str:
    """Changes whenever the password does, or the address the link was mailed to; keyed, so the
    token tells nothing about the hash."""
    key = current_app.config["SECRET_KEY"].encode()
    state = f"{user.password_hash or ''}\0{user.email}".encode()
    return hmac.new(key, state, hashlib.sha256).hexdigest()[:24]


def issue_token(user: User, purpose: str) -> str:
    if purpose not in LIFETIMES:
        raise ValueError(f"unknown purpose {purpose!r}")
    return _serializer().dumps([user.id, purpose, _fingerprint(user)])


def ask_for_link(user: User, purpose: str, throttled: bool) -> None:
    """Have the listeners mail `user` a link for `purpose`, in the caller's transaction."""
    password_link_wanted.send(user, purpose, issue_token(user, purpose), throttled=throttled)


def check_link(token: str) -> tuple[User, str]:
    """The user and purpose of a link that works now; LinkUnknown (404) for a forged one or a
    disabled account, LinkRefused (400) for a used or expired one."""
    try:
        payload, issued = _serializer().loads(token, return_timestamp=True)
        user_id, purpose, fingerprint = payload
    except (BadSignature, ValueError, TypeError):
        raise LinkUnknown(_("Deze link is ongeldig."))
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None or not user.active or purpose not in LIFETIMES or not isinstance(fingerprint, str):
        raise LinkUnknown(_("Deze link is ongeldig."))
    if not hmac.compare_digest(fingerprint, _fingerprint(user)):
        raise LinkRefused(_("Deze link werd al gebruikt of geldt niet meer voor dit account."))
    if datetime.now(timezone.utc) - issued > lifetime(purpose):
        raise LinkRefused(_("Deze link is verlopen."))
    return user, purpose
