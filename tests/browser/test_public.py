"""The public visitor and the login page, in a real browser."""
import pytest

from tests.browser.conftest import login, screenshot, serious_violations

pytestmark = pytest.mark.browser


def test_visitor_sees_dutch_start_page_and_can_switch_to_english(page):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.get_by_role("heading", name="Organen").is_visible()
    assert page.get_by_text("Taskforce Spitsregio Leuven").first.is_visible()
    screenshot(page, "start-nl")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    screenshot(page, "start-en")


def test_start_and_login_pages_pass_axe(page):
    for path in ("/", "/login"):
        page.goto(path)
        assert serious_violations(page) == [], path


def test_wrong_password_is_announced_and_login_works(page):
    page.goto("/login")
    page.get_by_label("E-mailadres").fill("lid@spitsregio.be")
    page.get_by_label("Wachtwoord").fill("verkeerd-wachtwoord")
    page.get_by_role("button", name="Aanmelden").click()
    alert = page.get_by_role("alert")
    assert "verkeerd wachtwoord" in alert.inner_text()
    login(page, "lid@spitsregio.be")
    assert page.get_by_role("button", name="Afmelden").is_visible()


def test_keyboard_reaches_the_login_form(page):
    page.goto("/login")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "email":
            break
    assert page.evaluate("document.activeElement.id") == "email"


def test_start_page_on_a_phone(phone):
    phone.goto("/")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page scrolls sideways on a phone: {width}px"
    screenshot(phone, "start-phone")
