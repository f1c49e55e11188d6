"""The mail outbox: one row per message and recipient, holding the message as it is sent."""
from datetime import datetime

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.timeutil import utcnow
from app.extensions import db

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"


class OutgoingMail(db.Model):
    __tablename__ = "outgoing_mails"
    __table_args__ = (Index("ix_outgoing_mails_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: what caused it, e.g. "invitation", "reminder", "password_reset"
    kind: Mapped[str] = mapped_column(String(40))
    #: the recipient's account, when there is one (a contact person of an organisation may have none)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    recipient: Mapped[str] = mapped_column(String(320))
    sender: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(300))
    #: the whole RFC 5322 message, CRLF line ends, exactly as it goes over the wire
    message: Mapped[bytes] = mapped_column(LargeBinary)
    #: a mail that must go out at most once (a reminder per person and day): a second one with the
    #: same key is not queued
    once_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    status: Mapped[str] = mapped_column(String(20), default=PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: a delivery that claimed the mail holds it until then; after a crash it is tried again
    claimed_until: Mapped[datetime | None]
    #: the token of the delivery run that holds it
    claim: Mapped[str | None] = mapped_column(String(32), index=True)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]

    @property
    def size(self) -> int:
        return len(self.message or b"")
