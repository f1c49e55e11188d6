"""A forgotten password: asked on the login page or through the API, answered alike whether or not
the address has an account, mailed (through the loopback SMTP server) as a link that works once and
expires; resets are throttled per address."""
import time

import pytest
from itsdangerous import TimestampSigner

from app.auth import links
from app.auth.services import authenticate
from app.core.errors import Unauthenticated
from app.extensions import db

OLD, NEW = "het-oude-wachtwoord", "een-gloednieuw-wachtwoord"
SUBJECT = "Een nieuw wachtwoord voor Spitsregio"


@pytest.fixture
def marie(make_user):
    return make_user(email="marie@example.be", name="Marie Vergeet", password=OLD)


def _issued_ago(monkeypatch, user, purpose, seconds):
    """A token built `seconds` ago: the signer's clock is turned back while it signs."""
    with monkeypatch.context() as patch:
        patch.setattr(TimestampSigner, "get_timestamp", lambda self: int(time.time()) - seconds)
        return links.issue_token(user, purpose)


def test_reset_through_the_login_page_end_to_end(client, api, smtp, marie, link_in):
    api.login(marie.email, OLD)  # an API token that the reset must revoke
    assert 'href="/password/forgot"' in client.get("/login").get_data(as_text=True)
    asked = client.submit("/password/forgot", {"email": " Marie@Example.be"})
    assert asked.status_code == 302 and asked.headers["Location"] == "/password/forgot/sent"
    assert "Als er een account bestaat met dit e-mailadres" in client.get("/password/forgot/sent").get_data(as_text=True)

    [message] = smtp.to(marie.email)
    assert message["Subject"] == SUBJECT
    text = message.get_body(("plain",)).get_content()
    assert "Beste Marie Vergeet," in text and "Vroeg je niets aan?" in text
    link = link_in(message)
    page = client.get(link)
    assert page.status_code == 200 and "Kies een nieuw wachtwoord" in page.get_data(as_text=True)
    done = client.submit(link, {"new": NEW, "confirm": NEW})
    assert done.status_code == 302 and "Marie Vergeet" in client.get("/").get_data(as_text=True)

    assert api.get("/api/me").status_code == 401  # the old API token is revoked
    with pytest.raises(Unauthenticated):
        authenticate(marie.email, OLD)
    assert authenticate(marie.email, NEW).id == marie.id
    client.logout()
    assert client.get(link).status_code == 400  # used


def test_reset_through_the_api_in_the_users_language(client, smtp, marie, link_in):
    marie.language = "en"
    db.session.commit()
    response = client.raw.post("/api/password-reset", json={"email": "marie@example.be"})
    assert response.status_code == 202
    [message] = smtp.to(marie.email)
    assert message["Subject"] == "A new password for Spitsregio"
    assert "Dear Marie Vergeet," in message.get_body(("plain",)).get_content()
    assert client.submit(link_in(message), {"new": NEW, "confirm": NEW}).status_code == 302
    assert authenticate(marie.email, NEW).id == marie.id


def test_an_unknown_or_inactive_address_gets_the_same_answer_and_no_mail(client, smtp, marie, make_user):
    make_user(email="weg@example.be", active=False)
    answers = [client.raw.post("/api/password-reset", json={"email": email})
               for email in ("marie@example.be", "niemand@example.be", "weg@example.be")]
    assert {(a.status_code, a.get_data()) for a in answers} == {(202, answers[0].get_data())}
    pages = [client.submit("/password/forgot", {"email": email}, follow_redirects=True)
             for email in ("marie@example.be", "niemand@example.be")]
    assert pages[0].status_code == pages[1].status_code == 200
    assert pages[0].get_data() == pages[1].get_data()
    assert [recipients for recipients, _message in smtp.messages] == [["marie@example.be"]] * 2


@pytest.mark.parametrize("payload", [
    "geen json", ["marie@example.be"], {}, {"email": 5}, {"email": "   "}, {"email": "x" * 250 + "@example.be"},
    {"email": "geen-adres"}, {"email": "ma\x00rie@example.be"},
])
def test_the_api_refuses_bad_input_with_a_json_error(client, smtp, marie, payload):
    if isinstance(payload, str):
        response = client.raw.post("/api/password-reset", data=payload, content_type="application/json")
    else:
        response = client.raw.post("/api/password-reset", json=payload)
    assert response.status_code == 400 and response.get_json()["error"]
    assert smtp.messages == []


def test_the_page_refuses_a_malformed_address(client, smtp):
    for email, status in (("", 400), ("geen-adres", 400)):
        response = client.submit("/password/forgot", {"email": email})
        assert response.status_code == status and 'aria-invalid="true"' in response.get_data(as_text=True)
    assert smtp.messages == []


def test_reset_mails_are_throttled_per_address(client, smtp, marie, make_user):
    other = make_user(email="ander@example.be")
    for _ in range(5):
        assert client.raw.post("/api/password-reset", json={"email": marie.email}).status_code == 202
    assert len(smtp.to(marie.email)) == 3
    client.raw.post("/api/password-reset", json={"email": other.email})
    assert len(smtp.to(other.email)) == 1


@pytest.mark.parametrize("purpose, age, works", [
    (links.RESET, 3 * 3600, False), (links.RESET, 3600, True),
    (links.INVITATION, 8 * 86400, False), (links.INVITATION, 6 * 86400, True),
])
def test_a_link_expires(client, monkeypatch, marie, purpose, age, works):
    path = f"/password/choose/{_issued_ago(monkeypatch, marie, purpose, age)}"
    page = client.get(path)
    assert page.status_code == (200 if works else 400)
    if not works:
        assert "Deze link is verlopen." in page.get_data(as_text=True)
        assert client.submit(path, {"new": NEW, "confirm": NEW}).status_code == 400
        assert authenticate(marie.email, OLD).id == marie.id


def test_a_forged_link_or_one_for_a_changed_or_disabled_account_is_refused(client, marie, make_user):
    token = links.issue_token(marie, links.RESET)
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    for path in ("/password/choose/forged", f"/password/choose/{tampered}"):
        page = client.get(path)
        assert page.status_code == 404 and "Deze link is ongeldig." in page.get_data(as_text=True)
        assert 'href="/password/forgot"' in page.get_data(as_text=True)
    marie.email = "marie.nieuw@example.be"  # a link mailed to the old address no longer works
    db.session.commit()
    assert "geldt niet meer voor dit account" in client.get(f"/password/choose/{token}").get_data(as_text=True)
    token = links.issue_token(marie, links.RESET)
    assert client.get(f"/password/choose/{token}").status_code == 200
    marie.active = False
    db.session.commit()
    assert client.get(f"/password/choose/{token}").status_code == 404
    assert client.submit(f"/password/choose/{token}", {"new": NEW, "confirm": NEW}).status_code == 404


def test_outside_the_tests_the_reset_is_done_after_the_answer(app, client, marie):
    """With mail delivered in the background (production), the look-up and the mail happen in a
    thread: the answer costs the same whether or not the address has an account."""
    from app.mail.models import SENT, OutgoingMail

    app.config["MAIL_DELIVERY"] = "background"
    for email in ("niemand@example.be", marie.email):
        assert client.raw.post("/api/password-reset", json={"email": email}).status_code == 202
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        db.session.rollback()  # a fresh look at what the threads committed
        mails = db.session.scalars(db.select(OutgoingMail)).all()
        if mails and all(mail.status == SENT for mail in mails):
            break
        time.sleep(0.05)
    assert [(mail.recipient, mail.kind, mail.status) for mail in mails] == [(marie.email, "account_reset", SENT)]
