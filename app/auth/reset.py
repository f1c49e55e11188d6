"""Choosing a password through a mailed link: asking for one (a forgotten password, or the
beheerder sending it), and setting the password the link allows once."""
from flask_babel import gettext as _
from sqlalchemy import delete, update

from app.auth.links import INVITATION, RESET, LinkRefused, ask_for_link, check_link, has_password
from app.auth.models import ApiToken, User
from app.auth.services import check_password_strength, get_user_by_email, hash_password, normalise_email
from app.core.errors import Invalid
from app.core.permissions import MANAGE, require
from app.extensions import db


def request_password_reset(email: str) -> None:
    """Mail a reset link when the address belongs to an active account. The caller answers the
    same whether or not it does; only a malformed address is refused (Invalid), which tells
    nothing about who has an account."""
    user = get_user_by_email(normalise_email(email))
    if user is not None and user.active:
        ask_for_link(user, RESET, throttled=True)
    # Committing either way keeps the two paths alike (the mail, when there is one, goes after it).
    db.session.commit()


def send_password_link(actor, user: User) -> str:
    """The beheerder mails `user` a link: the invitation again when no password was ever chosen
    (the first one may have expired), a reset link otherwise. Returns the purpose."""
    require(actor, MANAGE)
    if not user.active:
        raise Invalid(_("Deze gebruiker is niet actief: activeer het account eerst."))
    purpose = RESET if has_password(user) else INVITATION
    ask_for_link(user, purpose, throttled=False)
    db.session.commit()
    return purpose


def choose_password(token: str, new: str) -> User:
    """Set the password of the link's user, once: the link then stops working, failed logins are
    forgotten and the user's API tokens revoked (whoever knew the old password loses access)."""
    user, _purpose = check_link(token)
    check_password_strength(new)
    old = user.password_hash
    # Conditional on the old hash: of two submissions of the same link at once, one wins.
    changed = db.session.execute(
        update(User).where(User.id == user.id, User.password_hash == old)
        .values(password_hash=hash_password(new), failed_logins=0, last_failed_login_at=None)
    ).rowcount
    if not changed:
        db.session.rollback()
        raise LinkRefused(_("Deze link werd al gebruikt: het wachtwoord is intussen gekozen."))
    db.session.execute(delete(ApiToken).where(ApiToken.user_id == user.id))
    db.session.commit()
    return user
