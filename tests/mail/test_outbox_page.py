"""The beheerder's "Verzonden berichten": what went out and what failed, nobody else's business."""
from app.extensions import db
from app.mail.compose import Letter, queue


def _send(subject, recipient="lotte@example.be"):
    queue(Letter(kind="test", recipient=recipient, subject=subject, text="Tekst van het bericht."))
    db.session.commit()


def test_the_beheerder_reads_the_outbox_and_a_message(client, admin, smtp):
    smtp.refuse = "550 5.1.1 Onbekende ontvanger"
    _send("Verslag ter goedkeuring", "weg@example.be")
    smtp.refuse = None
    _send("Uitnodiging Taskforce")
    client.login(admin.email)
    page = client.get("/admin/mail/").get_data(as_text=True)
    assert "Uitnodiging Taskforce" in page and "Verslag ter goedkeuring" in page
    assert "550 5.1.1 Onbekende ontvanger" in page
    failed = client.get("/admin/mail/?status=failed").get_data(as_text=True)
    assert "Verslag ter goedkeuring" in failed and "Uitnodiging Taskforce" not in failed
    assert client.get("/admin/mail/?status=bogus").status_code == 400
    message = client.get("/admin/mail/2")
    assert message.status_code == 200 and "Tekst van het bericht." in message.get_data(as_text=True)
    eml = client.get("/admin/mail/2.eml")
    assert eml.mimetype == "message/rfc822" and b"Subject: Uitnodiging Taskforce" in eml.data


def test_a_failed_message_can_be_sent_again(client, admin, smtp):
    smtp.refuse = "550 5.1.1 Onbekende ontvanger"
    _send("Verslag ter goedkeuring")
    smtp.refuse = None
    client.login(admin.email)
    response = client.submit("/admin/mail/1/retry", follow_redirects=True)
    assert "Het bericht wordt opnieuw verzonden." in response.get_data(as_text=True)
    assert len(smtp.to("lotte@example.be")) == 1
    again = client.submit("/admin/mail/1/retry", follow_redirects=True)
    assert "Alleen een mislukt of wachtend bericht" in again.get_data(as_text=True)


def test_members_and_the_public_do_not_see_the_outbox(client, secretary, app):
    _send("Uitnodiging Taskforce")
    assert client.get("/admin/mail/").status_code in (302, 401)
    client.login(secretary.email)
    assert client.get("/admin/mail/").status_code == 403
    assert client.get("/admin/mail/1.eml").status_code == 403
