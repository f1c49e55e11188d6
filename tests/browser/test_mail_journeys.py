"""The mail pages in a real browser at phone width (390 px), each checked with axe: a forgotten
password (asked on the login page, the link read from the .eml the server wrote, a new password,
signing in) and the notification preferences."""
import time
from email import message_from_bytes, policy
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login, open_menu, screenshot, serious_violations, sideways_overflow

pytestmark = pytest.mark.browser

#: a demo account no other browser test signs in with: its password changes here
FORGETFUL = "vdab@spitsregio.be"
NEW_PASSWORD = "een-nieuw-wachtwoord-42"


def _mail_folder(tmp_path_factory) -> Path:
    """instance/mail/ of the live server (tests/browser/conftest.py: a `live-instance` temp folder);
    without MAIL_SERVER the server writes every mail there as an .eml file."""
    [instance] = {path.resolve() for path in tmp_path_factory.getbasetemp().glob("live-instance*")}
    return instance / "mail"


def _mail_to(folder: Path, address: str, after: set, timeout: float = 15):
    """The first new .eml (not in `after`) addressed to `address`: delivery runs in a thread of the
    server right after the commit, so wait for it a little."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for path in sorted(folder.glob("*.eml")) if folder.exists() else ():
            if path.name in after:
                continue
            message = message_from_bytes(path.read_bytes(), policy=policy.default)
            if message["To"] == address:
                return message
        time.sleep(0.2)
    raise AssertionError(f"no mail to {address} in {folder}")


def _check(page, name: str) -> None:
    assert serious_violations(page) == [], name
    assert sideways_overflow(page) <= 0, name


def test_a_forgotten_password_is_reset_through_the_mailed_link(phone, live_server, tmp_path_factory):
    folder = _mail_folder(tmp_path_factory)
    before = {path.name for path in folder.glob("*.eml")} if folder.exists() else set()

    phone.goto("/login")
    phone.get_by_role("link", name="Wachtwoord vergeten?").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Wachtwoord vergeten")
    _check(phone, "forgot password")
    phone.get_by_label("E-mailadres").fill("niemand@spitsregio.be")
    phone.get_by_role("button", name="Stuur mij een link").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Kijk in uw mailbox")
    unknown_answer = phone.locator("main").inner_text()

    phone.goto("/password/forgot")
    phone.get_by_label("E-mailadres").fill(FORGETFUL.upper())
    phone.get_by_role("button", name="Stuur mij een link").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Kijk in uw mailbox")
    assert phone.locator("main").inner_text() == unknown_answer  # the same answer either way
    _check(phone, "link sent")

    message = _mail_to(folder, FORGETFUL, before)
    assert message["Subject"] == "Een nieuw wachtwoord voor Spitsregio"
    [link] = [word for word in message.get_body(("plain",)).get_content().split() if "/password/choose/" in word]
    path = urlsplit(link).path
    phone.goto(path)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Kies een nieuw wachtwoord")
    _check(phone, "choose password")
    phone.get_by_label("Nieuw wachtwoord", exact=True).fill(NEW_PASSWORD)
    phone.get_by_label("Herhaal het nieuwe wachtwoord").fill("iets-helemaal-anders")
    phone.get_by_role("button", name="Wachtwoord bewaren").click()
    expect(phone.get_by_text("De wachtwoorden verschillen.")).to_be_visible()
    _check(phone, "choose password, with an error")
    screenshot(phone, "choose-password-error")
    phone.get_by_label("Nieuw wachtwoord", exact=True).fill(NEW_PASSWORD)
    phone.get_by_label("Herhaal het nieuwe wachtwoord").fill(NEW_PASSWORD)
    phone.get_by_role("button", name="Wachtwoord bewaren").click()
    expect(phone.get_by_text("Uw wachtwoord is bewaard. U bent aangemeld.")).to_be_visible()
    open_menu(phone)
    expect(phone.get_by_role("link", name="Dirk Deskundige")).to_be_attached()
    screenshot(phone, "password-reset-done")

    phone.context.clear_cookies()
    login(phone, FORGETFUL, NEW_PASSWORD)
    open_menu(phone)
    expect(phone.get_by_role("link", name="Dirk Deskundige")).to_be_attached()
    phone.goto(path)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Deze link werd al gebruikt of geldt niet meer voor dit account.")
    _check(phone, "used link")
    phone.get_by_role("link", name="Een nieuwe link aanvragen").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Wachtwoord vergeten")


def test_the_notification_preferences_are_changed_and_saved(phone):
    login(phone, "lid.acv@spitsregio.be")
    open_menu(phone)
    phone.get_by_role("link", name="Meldingen").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Meldingen per e-mail")
    _check(phone, "preferences")
    decisions = phone.get_by_label("Gepubliceerde besluitenlijsten")
    expect(decisions).to_be_checked()
    decisions.uncheck()
    phone.get_by_role("radio", name="wekelijks").check()
    phone.get_by_role("button", name="Bewaren").click()
    expect(phone.get_by_text("Je meldingen zijn bewaard.")).to_be_visible()
    _check(phone, "preferences saved")

    phone.goto("/account/notifications")
    expect(phone.get_by_label("Gepubliceerde besluitenlijsten")).not_to_be_checked()
    expect(phone.get_by_role("radio", name="wekelijks")).to_be_checked()
    expect(phone.get_by_label("Uitnodigingen voor vergaderingen, wijzigingen en annuleringen")).to_be_checked()
    screenshot(phone, "notification-preferences")
