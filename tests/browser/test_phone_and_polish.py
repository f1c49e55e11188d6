"""Daily-work polish on a 390-pixel phone: the header folds its menu away (and opens it again, with
or without JavaScript), the action list becomes cards, and no page load asks for a missing favicon."""
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login, new_page, open_menu, screenshot, serious_violations, sideways_overflow

pytestmark = pytest.mark.browser


def _header_height(page) -> float:
    return page.locator(".site-header").bounding_box()["height"]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_phone_header_folds_the_menu_away_and_opens_it(browser, live_server, javascript):
    page = new_page(browser, live_server, phone=True, java_script_enabled=javascript)
    try:
        login(page, "secretaris@spitsregio.be")
        toggle = page.locator(".site-menu > summary")
        nav = page.get_by_role("navigation", name="Hoofdmenu")
        expect(toggle).to_be_visible()
        expect(toggle).to_have_text("Menu")
        expect(nav).to_be_hidden()
        assert _header_height(page) <= 80, _header_height(page)
        if javascript:  # axe and sideways_overflow run scripts in the page
            assert serious_violations(page) == []
        screenshot(page, f"phone-menu-closed-{'js' if javascript else 'nojs'}")

        toggle.click()
        expect(nav).to_be_visible()
        expect(page.get_by_role("searchbox", name="Zoeken")).to_be_visible()
        expect(page.get_by_role("button", name="Afmelden")).to_be_visible()
        expect(page.locator(".site-menu")).to_have_attribute("open", "")
        if javascript:
            assert sideways_overflow(page) <= 0
            assert serious_violations(page) == []
        screenshot(page, f"phone-menu-open-{'js' if javascript else 'nojs'}")

        nav.get_by_role("link", name="Acties").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Acties")
        expect(nav).to_be_hidden()  # the next page starts with the menu folded again
        open_menu(page)
        nav.get_by_role("link", name="Vergaderingen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Vergaderingen")
    finally:
        page.context.close()


def test_the_menu_is_reached_in_order_by_keyboard_and_escape_closes_it(phone):
    phone.goto("/")
    order = []
    for _ in range(3):
        phone.keyboard.press("Tab")
        order.append(phone.evaluate("document.activeElement.textContent.trim()"))
    assert order == ["Naar de inhoud", "Spitsregio", "Menu"], order  # skip link, brand, then the toggle
    phone.keyboard.press("Enter")
    nav = phone.get_by_role("navigation", name="Hoofdmenu")
    expect(nav).to_be_visible()
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.textContent.trim()") == "Start"  # the first menu entry
    phone.keyboard.press("Escape")
    expect(nav).to_be_hidden()
    assert phone.evaluate("document.activeElement.tagName") == "SUMMARY"


def test_the_menu_stays_open_on_a_wide_screen(page):
    page.goto("/")
    expect(page.locator(".site-menu > summary")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Vergaderingen")).to_be_visible()
    assert _header_height(page) <= 80


def test_the_action_list_is_cards_on_a_phone(phone):
    login(phone, "secretaris@spitsregio.be")
    phone.goto("/actions")
    row = phone.locator("table.actions-table tbody tr").first
    expect(row).to_be_visible()
    assert row.evaluate("r => getComputedStyle(r).display") == "block"
    box = row.bounding_box()
    assert box["width"] <= 390 - 2 * 8 and box["x"] >= 0, box
    labels = row.locator("td").evaluate_all("cells => cells.map(c => getComputedStyle(c, '::before').content)")
    assert '"Wie"' in labels and '"Status"' in labels, labels
    assert phone.locator("table.actions-table thead").first.bounding_box()["height"] <= 1
    assert sideways_overflow(phone) <= 0
    assert serious_violations(phone) == []
    screenshot(phone, "phone-action-cards")


def test_no_page_load_asks_for_a_missing_favicon(page):
    failures, icons = [], []
    page.on("response", lambda r: failures.append(r.url) if r.status >= 400 else None)
    page.on("response", lambda r: icons.append((r.url, r.status)) if "favicon" in r.url else None)
    page.goto("/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("fetch('/favicon.ico').then(r => r.status)") == 200
    assert failures == []
    assert icons and all(status == 200 for _url, status in icons), icons


def test_the_new_body_form_suggests_the_slug_while_the_name_is_typed(page):
    login(page, "beheerder@spitsregio.be")
    page.goto("/admin/bodies/new")
    name, slug = page.get_by_label("Naam", exact=True), page.get_by_label("Korte naam (in adressen)")
    name.press_sequentially("Werkgroep Économie")
    expect(slug).to_have_value("werkgroep-economie")
    name.fill("Taskforce")
    expect(slug).to_have_value("taskforce-2")  # the Taskforce's own slug is taken
    slug.fill("tf-bis")
    name.fill("Taskforce bis")
    expect(slug).to_have_value("tf-bis")  # edited by hand: left alone
    assert serious_violations(page) == []
