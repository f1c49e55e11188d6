"""Deliver the outbox: claim due mails, send each once, retry a transient failure with backoff,
mark a permanent one failed with the server's answer.

Claiming: candidates are read `FOR UPDATE SKIP LOCKED` (PostgreSQL: several app hosts share the
outbox and never take the same row) and then marked with a claim token by a conditional UPDATE, so
that on SQLite too a mail claimed by one process is not claimed by another. A claim lapses after
CLAIM_TIME: a process that crashed mid-delivery leaves its mails to the next one.
"""
import logging
import smtplib
import threading
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from flask import current_app, has_app_context
from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import and_, event, or_, select, true, update
from sqlalchemy.orm import Session

from app.core.timeutil import utcnow
from app.extensions import db, mail as mailman
from app.mail.compose import QUEUED
from app.mail.models import FAILED, PENDING, SENDING, SENT, OutgoingMail

log = logging.getLogger(__name__)
CLAIM_TIME = timedelta(minutes=10)
BATCH = 50


@dataclass
class Report:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


class TransientError(Exception):
    """The server is down or answered 4xx: try again later."""


class PermanentError(Exception):
    """The server answered 5xx for this mail (unknown recipient, too large): do not try again."""


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, ... minutes after each failed attempt, at most 6 hours."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def _classify(error: Exception) -> Exception:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        answer = "; ".join(f"{code} {message.decode(errors='replace') if isinstance(message, bytes) else message}"
                           for code, message in error.recipients.values())
        return (PermanentError if codes and min(codes) >= 500 else TransientError)(answer)
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return TransientError(f"{error.smtp_code} login refused: check MAIL_USERNAME and MAIL_PASSWORD")
    if isinstance(error, smtplib.SMTPResponseException):
        text = error.smtp_error.decode(errors="replace") if isinstance(error.smtp_error, bytes) else str(error.smtp_error)
        return (PermanentError if error.smtp_code >= 500 else TransientError)(f"{error.smtp_code} {text}")
    return TransientError(f"{type(error).__name__}: {error}")


class SmtpTransport:
    """One SMTP connection (Flask-Mailman's backend: MAIL_SERVER, TLS/SSL, login, timeout) for a batch."""

    def __init__(self):
        config = current_app.config
        self.connection = mailman.get_connection(
            backend="smtp", host=config["MAIL_SERVER"], port=config["MAIL_PORT"],
            username=config.get("MAIL_USERNAME"), password=config.get("MAIL_PASSWORD"),
            use_tls=config.get("MAIL_USE_TLS", False), use_ssl=config.get("MAIL_USE_SSL", False),
            timeout=config.get("MAIL_TIMEOUT"))

    def send(self, mail: OutgoingMail) -> None:
        try:
            self.connection.open()
            self.connection.connection.sendmail(mail.sender, [mail.recipient], mail.message)
        except (smtplib.SMTPException, OSError) as error:
            classified = _classify(error)
            if not isinstance(error, (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError)):
                self.close()  # the connection is in doubt: a fresh one for the next mail
            raise classified from error

    def close(self) -> None:
        try:
            self.connection.close()
        except (smtplib.SMTPException, OSError):
            pass
        self.connection.connection = None


class FileTransport:
    """Without MAIL_SERVER: each mail becomes an .eml file in instance/mail/."""

    def __init__(self):
        self.folder = Path(current_app.instance_path) / "mail"
        self.folder.mkdir(parents=True, exist_ok=True)

    def send(self, mail: OutgoingMail) -> None:
        try:
            (self.folder / f"{mail.created_at:%Y%m%d-%H%M%S}-{mail.id}.eml").write_bytes(mail.message)
        except OSError as error:
            raise TransientError(f"{type(error).__name__}: {error}") from error

    def close(self) -> None:
        pass


def transport():
    return SmtpTransport() if current_app.config.get("MAIL_SERVER") else FileTransport()


def _claim(session: Session, now: datetime, include_waiting: bool, limit: int) -> list[OutgoingMail]:
    claimable = or_(
        and_(OutgoingMail.status == PENDING, true() if include_waiting else OutgoingMail.next_attempt_at <= now),
        and_(OutgoingMail.status == SENDING, OutgoingMail.claimed_until < now),
    )
    ids = session.scalars(select(OutgoingMail.id).where(claimable).order_by(OutgoingMail.id).limit(limit)
                          .with_for_update(skip_locked=True)).all()
    if not ids:
        session.rollback()
        return []
    token = uuid.uuid4().hex
    session.execute(update(OutgoingMail).where(OutgoingMail.id.in_(ids), claimable)
                    .values(status=SENDING, claim=token, claimed_until=now + CLAIM_TIME,
                            attempts=OutgoingMail.attempts + 1))
    session.commit()
    return session.scalars(select(OutgoingMail).where(OutgoingMail.claim == token).order_by(OutgoingMail.id)).all()


def deliver_due(include_waiting: bool = False, limit: int = BATCH) -> Report:
    """Send what is due (with `include_waiting`, also what waits for its next attempt: after an
    outage). Runs in a session of its own, never the caller's."""
    report = Report()
    max_attempts = current_app.config["MAIL_MAX_ATTEMPTS"]
    with Session(db.engine, expire_on_commit=False) as session:
        while True:
            now = utcnow()
            mails = _claim(session, now, include_waiting, limit)
            if not mails:
                return report
            sender = transport()
            try:
                for mail in mails:
                    _deliver_one(session, sender, mail, max_attempts, report)
                    session.commit()
            finally:
                sender.close()
            if len(mails) < limit:
                return report


def _deliver_one(session, sender, mail: OutgoingMail, max_attempts: int, report: Report) -> None:
    try:
        sender.send(mail)
    except PermanentError as error:
        mail.status, mail.last_error = FAILED, str(error)[:2000]
        report.failed += 1
    except TransientError as error:
        mail.last_error = str(error)[:2000]
        if mail.attempts >= max_attempts:
            mail.status = FAILED
            report.failed += 1
        else:
            mail.status, mail.next_attempt_at = PENDING, utcnow() + backoff(mail.attempts)
            report.retrying += 1
        report.errors.append(f"{mail.recipient}: {error}")
        log.warning("mail %s to %s not sent: %s", mail.id, mail.recipient, error)
    else:
        mail.status, mail.sent_at, mail.last_error = SENT, utcnow(), None
        report.sent += 1
    mail.claim = mail.claimed_until = None
    session.add(mail)


# --- right after the commit that queued mail --------------------------------------------------------

_running = threading.Lock()
_again = threading.Event()
_installed = False


def _deliver_in_background(app) -> None:
    """One delivery thread per process at a time; a commit during its run makes it go round again."""
    _again.set()
    if not _running.acquire(blocking=False):
        return

    def run():
        try:
            with app.app_context():
                while _again.is_set():
                    _again.clear()
                    deliver_due()
        except Exception:  # the mails stay in the outbox for the next commit or `send-mail`
            log.exception("delivering the mail outbox failed")
        finally:
            _running.release()

    threading.Thread(target=run, name="mail-delivery", daemon=True).start()


def after_commit(session) -> None:
    if not session.info.pop(QUEUED, False) or not has_app_context():
        return
    app = current_app._get_current_object()
    mode = app.config.get("MAIL_DELIVERY", "background")
    if mode == "inline":
        try:
            deliver_due()
        except Exception:
            log.exception("delivering the mail outbox failed; it will be retried")
    elif mode == "background":
        _deliver_in_background(app)


def install() -> None:
    global _installed
    if _installed:
        return
    event.listen(FlaskSession, "after_commit", after_commit)
    event.listen(FlaskSession, "after_soft_rollback", lambda session, previous: session.info.pop(QUEUED, None))
    _installed = True
