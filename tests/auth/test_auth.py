"""Log in, log out, bad login, throttling, change password, CSRF, language, cookies."""
from datetime import timedelta

import pytest
from flask import g

from app import create_app
from app.auth.models import User
from app.extensions import db

#: passed explicitly: `from conftest import ...` is ambiguous once other folders have a conftest.py
PASSWORD = "een-goed-wachtwoord-42"


@pytest.fixture
def member(seeded, make_user):
    return make_user(name="Marie Lid", email="marie@example.be", memberships={"taskforce": "lid"},
                     password=PASSWORD)


def test_login_and_logout(client, member):
    response = client.submit("/login", {"email": "Marie@Example.be ", "password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    page = client.get("/").get_data(as_text=True)
    assert "Marie Lid" in page and "U bent aangemeld." in page and "Afmelden" in page
    response = client.logout()
    assert response.status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert "Marie Lid" not in page and "Aanmelden" in page


def test_login_redirects_only_within_the_site(client, member):
    response = client.submit("/login?next=/admin/", {"email": member.email, "password": PASSWORD})
    assert response.headers["Location"] == "/admin/"
    client.logout()
    response = client.submit("/login?next=https://evil.example/", {"email": member.email, "password": PASSWORD})
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("email, password", [
    ("marie@example.be", "verkeerd-wachtwoord"),
    ("niemand@example.be", PASSWORD),
])
def test_bad_login_gives_one_clear_message(client, member, email, password):
    response = client.submit("/login", {"email": email, "password": password})
    assert response.status_code == 401
    assert "Onbekend e-mailadres of verkeerd wachtwoord." in response.get_data(as_text=True)
    assert "Marie Lid" not in client.get("/").get_data(as_text=True)


def test_empty_login_form_shows_field_errors(client, member):
    response = client.submit("/login", {"email": "", "password": ""})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.get_data(as_text=True)


def test_inactive_user_cannot_log_in(client, member):
    member.active = False
    db.session.commit()
    response = client.submit("/login", {"email": member.email, "password": PASSWORD})
    assert response.status_code == 401


def test_repeated_failures_are_slowed_down(client, app, member):
    free = app.config["LOGIN_FREE_ATTEMPTS"]
    for _ in range(free):
        assert client.submit("/login", {"email": member.email, "password": "fout-fout-fout"}).status_code == 401
    # after the free attempts, even the right password has to wait
    response = client.submit("/login", {"email": member.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.get_data(as_text=True)
    assert "Marie Lid" not in client.get("/").get_data(as_text=True)

    # the delay doubles with each further failure
    from app.auth.services import login_delay
    db.session.expire_all()
    user = db.session.get(User, member.id)
    assert user.failed_logins == free  # the refused attempt was not even checked
    first = login_delay(user)
    user.failed_logins += 1
    assert login_delay(user) == 2 * first

    # once the wait is over, the right password works and the counter starts again
    user.last_failed_login_at -= timedelta(hours=1)
    db.session.commit()
    client.login(member.email, PASSWORD)
    db.session.expire_all()
    user = db.session.get(User, member.id)
    assert user.failed_logins == 0 and user.last_failed_login_at is None


def test_api_login_is_throttled_too(client, app, member):
    for _ in range(app.config["LOGIN_FREE_ATTEMPTS"]):
        client.raw.post("/api/login", json={"email": member.email, "password": "fout-fout-fout"})
    response = client.raw.post("/api/login", json={"email": member.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.get_json()["error"]


def test_change_password(client, member):
    client.login(member.email, PASSWORD)
    assert client.get("/account/password").status_code == 200
    wrong = client.submit("/account/password", {"current": "niet-het-juiste", "new": "nieuw-wachtwoord-1",
                                                "confirm": "nieuw-wachtwoord-1"})
    assert "Het huidige wachtwoord klopt niet." in wrong.get_data(as_text=True)
    short = client.submit("/account/password", {"current": PASSWORD, "new": "kort", "confirm": "kort"})
    assert short.status_code == 200 and "password" in short.request.path
    mismatch = client.submit("/account/password", {"current": PASSWORD, "new": "nieuw-wachtwoord-1",
                                                   "confirm": "nieuw-wachtwoord-2"})
    assert "De wachtwoorden verschillen." in mismatch.get_data(as_text=True)
    ok = client.submit("/account/password", {"current": PASSWORD, "new": "nieuw-wachtwoord-1",
                                             "confirm": "nieuw-wachtwoord-1"})
    assert ok.status_code == 302
    client.logout()
    assert client.submit("/login", {"email": member.email, "password": PASSWORD}).status_code == 401
    client.login(member.email, "nieuw-wachtwoord-1")


def test_change_password_needs_login(client, seeded):
    response = client.get("/account/password")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_passwords_are_hashed(member):
    assert PASSWORD not in member.password_hash and member.password_hash.startswith("pbkdf2:")


@pytest.mark.parametrize("url, data", [
    ("/login", {"email": "marie@example.be", "password": PASSWORD}),
    ("/logout", {}),
    ("/language/en", {}),
    ("/admin/bodies/new", {"slug": "x", "name": "X", "abbreviation": "X", "min_meetings_per_year": "0"}),
])
def test_post_without_csrf_token_is_refused(client, member, url, data):
    response = client.raw.post(url, data=data)
    assert response.status_code == 400
    assert "Het formulier is verlopen of ongeldig" in response.get_data(as_text=True)
    assert "Marie Lid" not in client.get("/").get_data(as_text=True)


def test_post_with_a_wrong_csrf_token_is_refused(client, member):
    client.get("/")
    response = client.raw.post("/login", data={"email": member.email, "password": PASSWORD, "csrf_token": "x"})
    assert response.status_code == 400


def new_request():
    """The test app context outlives a request, so Flask-Babel's per-request locale cache
    (kept on `g`) would carry over to the next request; a browser's next request starts fresh."""
    g.pop("_flask_babel", None)


def test_language_switch_to_english_and_back(client, seeded):
    response = client.submit("/language/en", {"next": "/"})
    assert response.status_code == 302
    new_request()
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)
    client.submit("/language/nl", {"next": "/"})
    new_request()
    assert '<html lang="nl">' in client.get("/").get_data(as_text=True)


def test_language_follows_the_browser_until_chosen(client, seeded):
    html = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en">' in html
    new_request()
    html = client.get("/", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert '<html lang="nl">' in html
    new_request()
    client.submit("/language/nl", {"next": "/"})
    new_request()
    html = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="nl">' in html  # a choice beats the browser


def test_language_switch_does_not_redirect_off_site(client, seeded):
    response = client.submit("/language/en", {"next": "//evil.example/"})
    assert response.headers["Location"] == "/"


def test_session_and_remember_cookies_are_protected(client, member):
    response = client.submit("/login", {"email": member.email, "password": PASSWORD, "remember": "y"})
    cookies = response.headers.getlist("Set-Cookie")
    session = next(c for c in cookies if c.startswith("session="))
    remember = next(c for c in cookies if c.startswith("remember_token="))
    for cookie in (session, remember):
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_production_cookies_are_secure(tmp_path, monkeypatch):
    monkeypatch.delenv("SESSION_COOKIE_SECURE", raising=False)
    app = create_app("production", {"INSTANCE_PATH": str(tmp_path)})
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    with app.test_request_context():
        response = app.make_response("")
        response = app.process_response(response)
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_security_headers_on_every_response(client, seeded):
    for url in ("/", "/login", "/api/bodies", "/bestaat-niet"):
        headers = client.get(url).headers
        assert headers["X-Content-Type-Options"] == "nosniff", url
        assert "script-src 'self'" in headers["Content-Security-Policy"], url
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"], url
