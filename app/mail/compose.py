"""Queue a mail: build the message (plain text, optional HTML, attachments, a calendar request) and
write it into the outbox in the caller's transaction. The caller's service commits; the mail goes
out after that commit, or never if the change is rolled back."""
from dataclasses import dataclass, field
from email.utils import make_msgid
from urllib.parse import urlsplit

from flask import current_app
from flask_mailman import EmailMultiAlternatives
from sqlalchemy import select

from app.extensions import db
from app.mail.models import OutgoingMail

#: session.info key: this transaction queued mail, deliver after its commit
QUEUED = "mail_queued"


@dataclass
class Attachment:
    filename: str
    content: bytes
    mimetype: str


@dataclass
class Letter:
    """One message to one recipient, before it is a MIME message."""
    kind: str
    recipient: str
    subject: str
    text: str
    html: str | None = None
    attachments: list[Attachment] = field(default_factory=list)
    #: an iCalendar object sent as an iTIP message (RFC 6047): (ics text, method such as REQUEST)
    calendar: tuple[str, str] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    user_id: int | None = None
    #: queue this mail only if no mail with the same key was ever queued (a daily reminder)
    once_key: str | None = None


def sender() -> str:
    return current_app.config["MAIL_DEFAULT_SENDER"]


def message_domain() -> str:
    return urlsplit(current_app.config["BASE_URL"]).hostname or "localhost"


def render(letter: Letter) -> bytes:
    """The message as it goes over the wire (CRLF line ends). Flask-Mailman refuses a line break in
    a header (BadHeaderError), so a subject can never inject headers."""
    message = EmailMultiAlternatives(
        subject=letter.subject, body=letter.text, from_email=sender(), to=[letter.recipient],
        headers={"Message-ID": make_msgid(domain=message_domain()), "Auto-Submitted": "auto-generated",
                 **letter.headers},
    )
    if letter.html:
        message.attach_alternative(letter.html, "text/html")
    if letter.calendar:
        ics, method = letter.calendar
        # the calendar request is an alternative of the text, as calendar clients expect (RFC 6047)
        message.attach_alternative(ics, f"text/calendar; method={method}")
    for attachment in letter.attachments:
        message.attach(attachment.filename, attachment.content, attachment.mimetype)
    return message.message().as_bytes(linesep="\r\n")


def queue(letter: Letter) -> OutgoingMail | None:
    """Add the mail to the outbox in the current transaction; None when its `once_key` was used."""
    if letter.once_key and db.session.scalar(
            select(OutgoingMail.id).where(OutgoingMail.once_key == letter.once_key)) is not None:
        return None
    mail = OutgoingMail(kind=letter.kind, user_id=letter.user_id, recipient=letter.recipient,
                        sender=sender(), subject=letter.subject[:300], message=render(letter),
                        once_key=letter.once_key)
    db.session.add(mail)
    db.session.info[QUEUED] = True
    return mail
