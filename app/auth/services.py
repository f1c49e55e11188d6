"""Account rules: authentication with throttling, passwords, users, API tokens.

Below the bodies feature: an account's organisation is checked there (`bodies.find_organisation`)
and handed in as an object.
"""
import hashlib
import secrets
from datetime import timedelta

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext
from werkzeug.security import check_password_hash, generate_password_hash

from app.auth.links import INVITATION, ask_for_link, no_password_yet
from app.auth.models import GLOBAL_ROLES, ApiToken, User
from app.core.errors import Conflict, Invalid, NotFound, TooManyAttempts, Unauthenticated
from app.core.permissions import MANAGE, require
from app.core.timeutil import utcnow
from app.extensions import db

MIN_PASSWORD_LENGTH = 10
MAX_LOGIN_DELAY = timedelta(minutes=15)


def hash_password(password: str) -> str:
    """A salted hash; the method is configurable so tests can use a cheap one."""
    return generate_password_hash(password, method=current_app.config.get("PASSWORD_HASH_METHOD", "scrypt"))


def normalise_email(email: str) -> str:
    try:
        return validate_email((email or "").strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise Invalid(_("Geef een geldig e-mailadres."))


def check_password_strength(password: str) -> None:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise Invalid(_("Een wachtwoord heeft minstens %(n)d tekens.", n=MIN_PASSWORD_LENGTH))


def get_user_by_email(email: str) -> User | None:
    return db.session.scalar(db.select(User).filter_by(email=(email or "").strip().lower()))


def login_delay(user: User) -> timedelta:
    """How long `user` must wait before the next attempt: doubling after the free attempts."""
    over = user.failed_logins - current_app.config["LOGIN_FREE_ATTEMPTS"]
    if over < 0 or user.last_failed_login_at is None:
        return timedelta(0)
    return min(timedelta(seconds=2 ** min(over, 12)), MAX_LOGIN_DELAY)


def authenticate(email: str, password: str) -> User:
    """The user with these credentials; Unauthenticated with one message for every failure,
    TooManyAttempts while the account waits after repeated failures."""
    user = get_user_by_email(email)
    if user is None or not user.active:
        # Spend the same time as a real check, so timing does not reveal which accounts exist.
        check_password_hash(hash_password("not-a-real-password"), password or "")
        raise Unauthenticated(_("Onbekend e-mailadres of verkeerd wachtwoord."))
    delay = login_delay(user)
    if delay and utcnow() < user.last_failed_login_at + delay:
        seconds = int((user.last_failed_login_at + delay - utcnow()).total_seconds()) + 1
        raise TooManyAttempts(ngettext("Te veel mislukte pogingen. Probeer opnieuw over %(num)d seconde.",
                                  "Te veel mislukte pogingen. Probeer opnieuw over %(num)d seconden.", seconds))
    if not check_password_hash(user.password_hash, password or ""):
        user.failed_logins += 1
        user.last_failed_login_at = utcnow()
        db.session.commit()
        raise Unauthenticated(_("Onbekend e-mailadres of verkeerd wachtwoord."))
    if user.failed_logins:
        user.failed_logins = 0
        user.last_failed_login_at = None
        db.session.commit()
    return user


def change_password(user: User, current: str, new: str) -> None:
    if not check_password_hash(user.password_hash, current or ""):
        raise Invalid(_("Het huidige wachtwoord klopt niet."))
    check_password_strength(new)
    user.password_hash = hash_password(new)
    db.session.commit()


def create_user(email: str, name: str, password: str | None = None, global_role: str | None = None,
                organisation=None, actor=None, active: bool = True) -> User:
    """A new account. `actor` None means the command line, which is trusted; `organisation` is an
    Organisation (from `bodies.find_organisation`) or None.

    Without `password` the user chooses one: an active account is mailed an invitation with a
    one-time link (the beheerder never types or passes on a password)."""
    if actor is not None:
        require(actor, MANAGE)
    email = normalise_email(email)
    name = (name or "").strip()
    if not name:
        raise Invalid(_("Een naam is verplicht."))
    if password is not None:
        check_password_strength(password)
    if global_role and global_role not in GLOBAL_ROLES:
        raise Invalid(_("Onbekende rol: %(role)s", role=global_role))
    if get_user_by_email(email):
        raise Conflict(_("Er bestaat al een gebruiker met dit e-mailadres."))
    user = User(email=email, name=name,
                password_hash=hash_password(password) if password is not None else no_password_yet(),
                global_role=global_role or None, organisation=organisation, active=active)
    db.session.add(user)
    if password is None and active:
        db.session.flush()  # the link names the user's id
        ask_for_link(user, INVITATION, throttled=False)
    db.session.commit()
    return user


def update_user(user: User, actor, name: str, email: str, global_role: str | None,
                organisation, active: bool) -> User:
    """The beheerder's changes to an account; a password is never among them (see
    `reset.send_password_link`)."""
    require(actor, MANAGE)
    email = normalise_email(email)
    other = get_user_by_email(email)
    if other is not None and other.id != user.id:
        raise Conflict(_("Er bestaat al een gebruiker met dit e-mailadres."))
    if global_role and global_role not in GLOBAL_ROLES:
        raise Invalid(_("Onbekende rol: %(role)s", role=global_role))
    if not (name or "").strip():
        raise Invalid(_("Een naam is verplicht."))
    if user.id == actor.id and (global_role != "beheerder" or not active):
        raise Invalid(_("U kunt uw eigen beheerdersrechten niet intrekken."))
    user.name, user.email = name.strip(), email
    user.global_role, user.organisation, user.active = global_role or None, organisation, active
    db.session.commit()
    return user


def set_language(user, code: str) -> None:
    """Remember a signed-in user's language, for the mails they get."""
    if user.is_authenticated and code in current_app.config["LANGUAGES"] and user.language != code:
        user.language = code
        db.session.commit()


def list_users() -> list[User]:
    return db.session.scalars(db.select(User).order_by(User.name)).all()


def get_user(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound(_("Onbekende gebruiker."))
    return user


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_api_token(user: User) -> str:
    token = secrets.token_urlsafe(32)
    db.session.add(ApiToken(
        user_id=user.id,
        token_hash=_hash_token(token),
        expires_at=utcnow() + current_app.config["API_TOKEN_LIFETIME"],
    ))
    db.session.commit()
    return token


def user_for_token(token: str) -> User | None:
    if not token:
        return None
    api_token = db.session.scalar(db.select(ApiToken).filter_by(token_hash=_hash_token(token)))
    if api_token is None or api_token.expires_at < utcnow() or not api_token.user.active:
        return None
    return api_token.user
