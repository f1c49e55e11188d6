"""Account mails: the invitation of a new user and the link to reset a forgotten password, each
with the one-time link the accounts feature makes. Connected to its `password_link_wanted` hook.

A reset asked for by someone who need not be signed in is throttled per account: the form and
the API answer the same whatever happens, and cannot be used to flood an inbox."""
import logging
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from app.auth.links import INVITATION, lifetime, password_link_wanted
from app.core.timeutil import utcnow
from app.extensions import db
from app.mail.models import OutgoingMail
from app.notify.letters import absolute_url, notify

log = logging.getLogger(__name__)
#: at most this many reset mails per account and hour (config: PASSWORD_RESET_MAILS_PER_HOUR)
RESET_MAILS_PER_HOUR = 3
TEMPLATES = {INVITATION: "account_invitation"}


def _template(purpose: str) -> str:
    return TEMPLATES.get(purpose, "account_reset")


def recent_mails(user, template: str, within: timedelta = timedelta(hours=1)) -> int:
    """How many `template` mails `user` was sent (or is about to be) within the last `within`."""
    return db.session.scalar(select(func.count(OutgoingMail.id)).where(
        OutgoingMail.user_id == user.id, OutgoingMail.kind == template,
        OutgoingMail.created_at >= utcnow() - within))


def _subject(purpose: str):
    if purpose == INVITATION:
        return lambda: _("Welkom bij Spitsregio: kies je wachtwoord")
    return lambda: _("Een nieuw wachtwoord voor Spitsregio")


@password_link_wanted.connect
def mail_password_link(user, purpose: str, token: str, throttled: bool = False):
    template = _template(purpose)
    limit = current_app.config.get("PASSWORD_RESET_MAILS_PER_HOUR", RESET_MAILS_PER_HOUR)
    if throttled and recent_mails(user, template) >= limit:
        log.warning("password reset for user %s not mailed: %d in the last hour already", user.id, limit)
        return None
    return notify(user, "account", template, _subject(purpose),
                  link=absolute_url("auth.choose_password", token=token),
                  forgot_url=absolute_url("auth.forgot_password"), until=utcnow() + lifetime(purpose))
