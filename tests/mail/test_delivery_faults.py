"""Faults at delivery: a mail too large for the server, a recipient without an address, and two
delivery runs at once (two app hosts sharing the outbox) sending each mail once."""
import threading

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from app.extensions import db
from app.mail.compose import Attachment, Letter, queue
from app.mail.delivery import deliver_due
from app.mail.models import OutgoingMail
from app.notify.letters import notify
from tests.mail.conftest import Inbox, _free_port


def _letter(recipient="lotte@example.be", **overrides):
    return Letter(kind="test", recipient=recipient, subject="Vergaderbundel", text="Zie bijlage.", **overrides)


@pytest.fixture
def small_server(app):
    """An SMTP server that takes at most 20 kB a message."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port(), data_size_limit=20_000)
    controller.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port, MAIL_TIMEOUT=5)
    yield inbox
    controller.stop()


def test_a_mail_too_large_for_the_server_fails_with_its_answer_and_the_rest_goes(small_server):
    queue(_letter(attachments=[Attachment("bundel.pdf", b"%PDF" + bytes(range(256)) * 200, "application/pdf")]))
    queue(_letter(recipient="sara@example.be"))
    db.session.commit()
    big, small = db.session.scalars(select(OutgoingMail).order_by(OutgoingMail.id)).all()
    db.session.refresh(big)
    db.session.refresh(small)
    assert big.status == "failed" and big.last_error.startswith("552"), big.last_error
    assert small.status == "sent" and len(small_server.to("sara@example.be")) == 1


def test_a_user_without_an_address_gets_nothing_and_the_change_is_kept(app, member):
    member.email = ""
    db.session.commit()
    assert notify(member, "minutes", "notice", lambda: "Verslag", paragraphs=[], link=None, link_label="") is None
    db.session.commit()
    assert db.session.scalar(select(OutgoingMail.id)) is None


def test_two_delivery_runs_at_once_send_each_mail_once(app, smtp):
    app.config["MAIL_DELIVERY"] = "off"
    for number in range(30):
        queue(_letter(recipient=f"lid{number}@example.be"))
    db.session.commit()
    reports, errors = [], []

    def run():
        try:
            with app.app_context():
                reports.append(deliver_due(limit=7))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sum(report.sent for report in reports) == 30
    received = sorted(address for recipients, _message in smtp.messages for address in recipients)
    assert received == sorted(f"lid{number}@example.be" for number in range(30))
