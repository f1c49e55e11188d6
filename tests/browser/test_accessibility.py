"""Every main page, at desktop width and on a 390-pixel phone: no serious or critical axe-core
violation, no sideways scrolling of the page, and a screenshot for the humans."""
import pytest

from tests.browser.conftest import duplicate_ids, login, new_page, screenshot, serious_violations, sideways_overflow

pytestmark = pytest.mark.browser

ACCOUNTS = {"secretary": "secretaris@spitsregio.be", "admin": "beheerder@spitsregio.be", "anonymous": None}


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
@pytest.mark.parametrize("who", list(ACCOUNTS))
def test_main_pages_pass_axe_and_fit_the_screen(browser, live_server, main_pages, who, phone):
    page = new_page(browser, live_server, phone=phone)
    try:
        if ACCOUNTS[who]:
            login(page, ACCOUNTS[who])
        problems = {}
        for name, path in main_pages[who].items():
            response = page.goto(path)
            assert response.status == 200, (name, path, response.status)
            found = {}
            violations = serious_violations(page)
            if violations:
                found["axe"] = violations
            overflow = sideways_overflow(page)
            if overflow > 0:
                found["scrolls sideways by px"] = overflow
            if duplicate_ids(page):
                found["duplicate ids"] = duplicate_ids(page)
            if page.locator("h1").count() != 1:
                found["h1 count"] = page.locator("h1").count()
            if found:
                problems[f"{name} ({path})"] = found
            screenshot(page, f"{'phone' if phone else 'desktop'}-{who}-{name.replace(' ', '-')}")
        assert problems == {}
    finally:
        page.context.close()


def test_the_tour_found_every_main_page(main_pages):
    """Guards the test above: the link-following tour must reach every page the issue lists."""
    assert set(main_pages["secretary"]) >= {
        "start", "meetings", "body", "meeting", "agenda item form", "attendance", "minutes", "minutes editor",
        "decisions", "decision", "action dashboard", "action", "documents", "document", "search results",
    }
    assert set(main_pages["admin"]) >= {"admin", "admin users", "admin bodies", "admin members", "admin fixed items"}
    assert "/login" in main_pages["anonymous"]["login"]
