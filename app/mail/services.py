"""The outbox for the beheerder: what went out, what waits, what failed and why."""
from email import message_from_bytes, policy
from email.message import EmailMessage

from flask_babel import gettext as _
from sqlalchemy import func, select

from app.core.errors import Invalid, NotFound
from app.core.permissions import MANAGE, require
from app.core.timeutil import utcnow
from app.extensions import db
from app.mail.compose import QUEUED
from app.mail.models import FAILED, PENDING, SENDING, SENT, OutgoingMail

STATUSES = (PENDING, SENDING, SENT, FAILED)
PAGE_SIZE = 50


def list_mails(user, status: str | None = None, page: int = 1) -> tuple[list[OutgoingMail], int, dict[str, int]]:
    """The newest mails first, a page at a time, with the count per status."""
    require(user, MANAGE)
    if status is not None and status not in STATUSES:
        raise Invalid(_("Onbekende status."))
    query = select(OutgoingMail).order_by(OutgoingMail.id.desc())
    if status:
        query = query.where(OutgoingMail.status == status)
    mails = db.session.scalars(query.limit(PAGE_SIZE).offset((max(page, 1) - 1) * PAGE_SIZE)).all()
    counts = dict(db.session.execute(select(OutgoingMail.status, func.count()).group_by(OutgoingMail.status)).all())
    return mails, PAGE_SIZE, {name: counts.get(name, 0) for name in STATUSES}


def get_mail(user, mail_id: int) -> OutgoingMail:
    require(user, MANAGE)
    mail = db.session.get(OutgoingMail, mail_id)
    if mail is None:
        raise NotFound(_("Dit bericht bestaat niet."))
    return mail


def parsed(mail: OutgoingMail) -> EmailMessage:
    return message_from_bytes(mail.message, policy=policy.default)


def readable_parts(mail: OutgoingMail) -> dict:
    """The plain text, and the names and types of the attachments, for the outbox page."""
    message = parsed(mail)
    body = message.get_body(preferencelist=("plain",))
    attachments = [(part.get_filename() or part.get_content_type(), part.get_content_type())
                   for part in message.walk()
                   if part.get_content_disposition() == "attachment" or part.get_content_type() == "text/calendar"]
    return {"text": body.get_content() if body is not None else "", "attachments": attachments,
            "headers": [(name, str(value)) for name, value in message.items()]}


def retry_mail(user, mail_id: int) -> OutgoingMail:
    """Send a failed (or waiting) mail again at the next delivery, which follows this commit."""
    mail = get_mail(user, mail_id)
    if mail.status not in (FAILED, PENDING):
        raise Invalid(_("Alleen een mislukt of wachtend bericht kan opnieuw verzonden worden."))
    mail.status, mail.next_attempt_at, mail.attempts = PENDING, utcnow(), 0
    db.session.info[QUEUED] = True
    db.session.commit()
    return mail
