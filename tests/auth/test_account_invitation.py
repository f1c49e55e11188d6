"""A new account gets an invitation with a one-time link to choose a password: the beheerder never
types one. Through the real SMTP server on loopback."""
import pytest

from app.auth.models import User
from app.auth.services import authenticate
from app.core.errors import Unauthenticated
from app.extensions import db

NEW = "nina.nieuw@example.be"
CHOSEN = "mijn-eigen-wachtwoord"


def _user(email):
    db.session.expire_all()
    return db.session.scalar(db.select(User).filter_by(email=email))


def _new_user_form(**fields):
    return {"name": "Nina Nieuw", "email": "Nina.Nieuw@Example.be", "global_role": "", "organisation": "",
            "active": "y", **fields}


def test_a_new_user_chooses_a_password_through_the_mailed_link(client, smtp, make_user, link_in):
    admin = make_user(email="baas@example.be", global_role="beheerder")
    client.login(admin.email)
    form = client.get("/admin/users/new").get_data(as_text=True)
    assert 'type="password"' not in form and "kiest zelf een wachtwoord" in form

    response = client.submit("/admin/users/new", _new_user_form(), follow_redirects=True)
    assert "Een uitnodiging om een wachtwoord te kiezen is gemaild naar nina.nieuw@example.be." in \
        response.get_data(as_text=True)
    with pytest.raises(Unauthenticated):  # no password works before one is chosen
        authenticate(NEW, "")
    [message] = smtp.to(NEW)
    assert message["Subject"] == "Welkom bij Spitsregio: kies je wachtwoord"
    assert message["List-Unsubscribe"] is None  # an account mail cannot be switched off
    text = message.get_body(("plain",)).get_content()
    assert "Beste Nina Nieuw," in text and "Je meldt je aan met je e-mailadres nina.nieuw@example.be" in text
    link = link_in(message)
    assert link in message.get_body(("html",)).get_content()
    client.logout()

    page = client.get(link)
    assert page.status_code == 200 and "Kies uw wachtwoord" in page.get_data(as_text=True)
    mismatch = client.submit(link, {"new": CHOSEN, "confirm": "iets-anders-dan-dat"})
    assert mismatch.status_code == 400 and "De wachtwoorden verschillen." in mismatch.get_data(as_text=True)
    short = client.submit(link, {"new": "kort", "confirm": "kort"})
    assert short.status_code == 400
    response = client.submit(link, {"new": CHOSEN, "confirm": CHOSEN})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    home = client.get("/").get_data(as_text=True)
    assert "U bent aangemeld." in home and "Nina Nieuw" in home

    client.logout()
    client.login(NEW, CHOSEN)
    client.logout()
    used = client.get(link)
    assert used.status_code == 400
    page = used.get_data(as_text=True)
    assert "Deze link werd al gebruikt" in page and 'href="/password/forgot"' in page
    assert client.submit(link, {"new": "nog-een-wachtwoord", "confirm": "nog-een-wachtwoord"}).status_code == 400
    assert authenticate(NEW, CHOSEN).email == NEW


def test_create_user_on_the_command_line_mails_an_invitation_without_password(runner, smtp, link_in):
    result = runner.invoke(args=["create-user", "cli@example.be", "--name", "Cli Nieuw", "--role", "lid"])
    assert result.exit_code == 0, result.output
    assert "An invitation to choose a password is in the outbox for cli@example.be" in result.output
    [message] = smtp.to("cli@example.be")
    assert link_in(message).startswith("/password/choose/")

    result = runner.invoke(args=["create-user", "met@example.be", "--name", "Met Wachtwoord",
                                 "--password", "een-lang-wachtwoord"])
    assert result.exit_code == 0 and "invitation" not in result.output
    assert smtp.to("met@example.be") == []
    assert authenticate("met@example.be", "een-lang-wachtwoord").name == "Met Wachtwoord"


def test_the_beheerder_mails_a_link_again_but_not_to_an_inactive_account(client, smtp, make_user, link_in):
    admin = make_user(email="baas@example.be", global_role="beheerder")
    client.login(admin.email)
    response = client.submit("/admin/users/new", _new_user_form(active=""), follow_redirects=True)
    assert "niet actief: er is geen uitnodiging gemaild" in response.get_data(as_text=True)
    assert smtp.messages == []
    user = _user(NEW)
    page = client.get(f"/admin/users/{user.id}").get_data(as_text=True)
    assert "nog geen wachtwoord gekozen" in page and "Uitnodiging opnieuw mailen" in page
    refused = client.submit(f"/admin/users/{user.id}/password-link", follow_redirects=True)
    assert "niet actief" in refused.get_data(as_text=True) and smtp.messages == []

    client.submit(f"/admin/users/{user.id}", _new_user_form())  # activated
    client.submit(f"/admin/users/{user.id}/password-link")
    [invitation] = smtp.to(NEW)
    assert invitation["Subject"] == "Welkom bij Spitsregio: kies je wachtwoord"

    # once a password is chosen, the beheerder's button sends a reset link instead
    client.submit(link_in(invitation), {"new": CHOSEN, "confirm": CHOSEN})
    client.logout()  # the link signed Nina in
    client.login(admin.email)
    page = client.get(f"/admin/users/{user.id}").get_data(as_text=True)
    assert "heeft een wachtwoord gekozen" in page
    client.submit(f"/admin/users/{user.id}/password-link")
    assert [m["Subject"] for m in smtp.to(NEW)][1:] == ["Een nieuw wachtwoord voor Spitsregio"]


def test_only_the_beheerder_mails_password_links(client, smtp, make_user):
    someone = make_user(email="someone@example.be")
    client.login(make_user(email="gewoon@example.be").email)
    assert client.submit(f"/admin/users/{someone.id}/password-link").status_code == 403
    assert smtp.messages == []
