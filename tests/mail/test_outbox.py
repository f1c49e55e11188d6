"""The outbox: a mail is written with the change, delivered after the commit, retried, sent once."""
from pathlib import Path

from sqlalchemy import select

from app.extensions import db
from app.mail.compose import Attachment, Letter, queue
from app.mail.delivery import deliver_due
from app.mail.models import OutgoingMail


def _letter(**overrides):
    values = dict(kind="test", recipient="lotte@example.be", subject="Uitnodiging Taskforce",
                  text="Beste Lotte,\n\nDe agenda staat klaar.", html="<p>Beste Lotte,</p>")
    values.update(overrides)
    return Letter(**values)


def _all():
    db.session.expire_all()
    return db.session.scalars(select(OutgoingMail).order_by(OutgoingMail.id)).all()


def test_without_a_mail_server_a_mail_becomes_an_eml_file(app):
    queue(_letter(attachments=[Attachment("agenda.docx", b"PK\x03\x04docx", "application/octet-stream")]))
    db.session.commit()
    [mail] = _all()
    assert mail.status == "sent" and mail.attempts == 1
    [eml] = (Path(app.instance_path) / "mail").glob("*.eml")
    assert eml.read_bytes() == mail.message
    assert b"Subject: Uitnodiging Taskforce" in mail.message and b"agenda.docx" in mail.message


def test_nothing_is_sent_when_the_change_is_rolled_back(app):
    queue(_letter())
    db.session.rollback()
    db.session.commit()
    assert _all() == []
    assert not (Path(app.instance_path) / "mail").exists()


def test_a_mail_goes_through_the_smtp_server_once(smtp):
    queue(_letter())
    db.session.commit()
    [message] = smtp.to("lotte@example.be")
    assert message["Subject"] == "Uitnodiging Taskforce"
    assert message.get_body(("plain",)).get_content().startswith("Beste Lotte")
    assert message.get_body(("html",)).get_content().startswith("<p>Beste Lotte")
    assert deliver_due(include_waiting=True).sent == 0
    assert len(smtp.messages) == 1


def test_an_outage_is_retried_and_the_mail_arrives_once(smtp, runner):
    smtp.refuse = "451 4.3.0 Probeer later opnieuw"
    queue(_letter())
    db.session.commit()
    [mail] = _all()
    assert mail.status == "pending" and mail.attempts == 1 and "451" in mail.last_error
    assert mail.next_attempt_at > mail.created_at
    assert deliver_due().sent == 0  # not due yet: backoff
    smtp.refuse = None
    result = runner.invoke(args=["send-mail", "--now"])
    assert result.exit_code == 0, result.output
    assert "Sent: 1" in result.output
    assert runner.invoke(args=["send-mail", "--now"]).output.startswith("Sent: 0")
    assert len(smtp.to("lotte@example.be")) == 1
    assert _all()[0].status == "sent"


def test_a_permanent_refusal_fails_with_the_servers_answer(smtp):
    smtp.refuse = "550 5.1.1 Onbekende ontvanger"
    queue(_letter(recipient="niemand@example.be"))
    db.session.commit()
    [mail] = _all()
    assert mail.status == "failed" and "550" in mail.last_error
    smtp.refuse = None
    assert deliver_due(include_waiting=True).sent == 0


def test_a_server_that_is_down_leaves_the_mail_waiting(app):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=1, MAIL_TIMEOUT=2)
    queue(_letter())
    db.session.commit()  # the user's save is not refused
    [mail] = _all()
    assert mail.status == "pending" and "ConnectionRefusedError" in mail.last_error


def test_a_mail_with_a_once_key_is_queued_once(app):
    assert queue(_letter(once_key="reminder:1:2026-12-02")) is not None
    db.session.commit()
    assert queue(_letter(once_key="reminder:1:2026-12-02")) is None
    db.session.commit()
    assert len(_all()) == 1


def test_a_line_break_in_a_subject_cannot_add_headers(app):
    import pytest
    from flask_mailman import BadHeaderError

    with pytest.raises(BadHeaderError):
        queue(_letter(subject="Agenda\r\nBcc: iedereen@example.be"))
