"""Choosing a password through a mailed link: asking for one (a forgotten password, or the
beheerder sending it), and setting the password the link allows once."""
import logging
import threading

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, update

from app.auth.links import INVITATION, RESET, LinkRefused, ask_for_link, check_link, has_password
from app.auth.models import ApiToken, User
from app.auth.services import check_password_strength, get_user_by_email, hash_password, normalise_email
from app.core.errors import Invalid
from app.core.permissions import MANAGE, require
from app.extensions import db

log = logging.getLogger(__name__)


def request_password_reset(email: str) -> None:
    """Mail a reset link when the address belongs to an active account. The caller answers the
    same whether or not it does; only a malformed address is refused (Invalid), which tells
    nothing about who has an account.

    The look-up and the mail happen off the request: queueing a mail (rendering it, writing and
    committing the outbox row) takes ten times as long as finding nobody, which would tell an
    observer which addresses have an account."""
    address = normalise_email(email)
    _off_the_request(_mail_reset_link, address)


def _mail_reset_link(address: str) -> None:
    user = get_user_by_email(address)
    if user is not None and user.active:
        ask_for_link(user, RESET, throttled=True)
        db.session.commit()


def _off_the_request(work, *args) -> None:
    """Run `work` in a thread with an app context (a session) of its own; inline when mail is
    delivered inline (the tests), so that what it does is there when the request returns. Nothing
    to lose but a mail the asker can ask for again."""
    app = current_app._get_current_object()
    if app.config.get("MAIL_DELIVERY") == "inline":
        work(*args)
        return

    def run():
        with app.app_context():
            try:
                work(*args)
            except Exception:  # noqa: BLE001  (the answer is gone: log it)
                log.exception("password reset for %s failed", args)

    threading.Thread(target=run, name="password-reset", daemon=True).start()


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
        raise LinkRefused(_("Deze link werd al gebruikt of geldt niet meer voor dit account."))
    db.session.execute(delete(ApiToken).where(ApiToken.user_id == user.id))
    db.session.commit()
    return user
