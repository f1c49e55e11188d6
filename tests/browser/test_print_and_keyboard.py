"""Paper and keyboard: the agenda and minutes print without the application around them; the
secretary can work without a mouse; form errors are announced."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login, screenshot

pytestmark = pytest.mark.browser

CONTROLS = "header.site-header, nav, form, button, input, select, textarea, a.button, footer, .skip-link"


def visible_controls(page) -> list[str]:
    return page.evaluate("""(selector) => [...document.querySelectorAll(selector)]
        .filter(el => el.checkVisibility())
        .map(el => el.outerHTML.slice(0, 80))""", CONTROLS)


@pytest.mark.parametrize("page_name", ["meeting", "minutes"])
def test_agenda_and_minutes_print_without_the_application(page, main_pages, page_name):
    login(page, "secretaris@spitsregio.be")
    page.goto(main_pages["secretary"]["meeting" if page_name == "meeting" else "minutes"])
    assert visible_controls(page), "the screen shows the tools"
    page.emulate_media(media="print")
    assert visible_controls(page) == []
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    items = page.locator("ol.agenda > li" if page_name == "meeting" else ".minutes-item")
    assert items.count() >= 3
    for i in range(items.count()):
        expect(items.nth(i).get_by_role("heading").first).to_be_visible()
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")
    screenshot(page, f"print-{page_name}")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_keyboard_only_secretary_adds_an_agenda_item_and_moves_it(page, main_pages):
    login(page, "secretaris@spitsregio.be")
    page.goto(main_pages["secretary"]["meeting"])

    def tab_to(predicate_js: str, limit: int = 400) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"(el => {predicate_js})(document.activeElement)"):
                return
        raise AssertionError(f"never reached by Tab: {predicate_js}")

    # Every focused control shows a visible focus ring.
    tab_to("el.textContent.trim() === 'Agendapunt toevoegen'")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), outline
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/items/new$"))
    tab_to("el.id === 'title'")
    page.keyboard.type("Toetsenbordpunt")
    tab_to("el.type === 'submit'")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/meetings/\d+(#.*)?$"))
    # the new item lands before the closing Varia, which stays last
    items = page.locator("ol.agenda > li")
    expect(items.last.get_by_role("heading")).to_contain_text("Varia")
    number = items.count() - 1
    expect(items.nth(number - 1).get_by_role("heading")).to_contain_text("Toetsenbordpunt")

    tab_to(f"el.getAttribute('aria-label') === 'Punt {number} omhoog'")
    page.keyboard.press("Enter")
    expect(page.locator("ol.agenda > li").nth(number - 2).get_by_role("heading")).to_contain_text("Toetsenbordpunt")

    # Clean up through the keyboard too: the item is not fixed, so it may be removed.
    item = page.locator("ol.agenda > li", has=page.get_by_role("heading", name="Toetsenbordpunt"))
    item.get_by_role("button", name="Verwijderen").focus()
    page.keyboard.press("Enter")
    confirm = page.get_by_role("button", name="Bevestigen: verwijderen")  # it asks first, without script
    expect(confirm).to_be_visible()
    confirm.focus()
    page.keyboard.press("Enter")
    expect(page.locator("ol.agenda")).not_to_contain_text("Toetsenbordpunt")


def test_form_errors_are_announced_and_tied_to_their_field(page, main_pages):
    login(page, "secretaris@spitsregio.be")
    page.goto(main_pages["secretary"]["body"])
    page.get_by_role("link", name="Vergadering plannen").click()
    page.get_by_label("Begin").fill("15:00")
    page.get_by_label("Einde").fill("14:00")
    page.get_by_role("button", name="Opslaan").click()
    alerts = page.get_by_role("alert")
    expect(alerts.first).to_be_visible()
    assert "Een datum is verplicht." in alerts.all_inner_texts()
    assert "Een vergadering kan niet eindigen voor ze begint." in alerts.all_inner_texts()
    date = page.get_by_label("Datum")
    assert date.get_attribute("aria-invalid") == "true"
    described = date.get_attribute("aria-describedby")
    assert page.locator(f"#{described}").inner_text() == "Een datum is verplicht."
    expect(page.get_by_label("Einde")).to_have_attribute("aria-invalid", "true")
    screenshot(page, "form-errors")


def test_agenda_items_can_be_dragged_into_place(page, main_pages):
    """The drag-and-drop enhancement (meetings.js) saves the new order and reloads."""
    login(page, "secretaris@spitsregio.be")
    page.goto(main_pages["secretary"]["meeting"])
    items = page.locator("ol.agenda > li")
    titles = [re.sub(r"^\d+\.\s*", "", t) for t in items.locator("h3").all_inner_texts()]
    count = len(titles)
    assert count >= 4
    # Both items on screen: a drag cannot reach above the viewport.
    page.set_viewport_size({"width": 1280, "height": 3000})
    source = items.nth(count - 1).locator("h3").bounding_box()
    target = items.nth(count - 3).bounding_box()
    # Step by step, with pauses: Chromium sends dragover events at intervals, not on every move.
    with page.expect_navigation():
        page.mouse.move(source["x"] + 40, source["y"] + source["height"] / 2)
        page.mouse.down()
        page.mouse.move(source["x"] + 45, source["y"] + source["height"] / 2 + 5, steps=3)
        page.mouse.move(target["x"] + 40, target["y"] + 5, steps=10)
        page.wait_for_timeout(100)
        page.mouse.move(target["x"] + 42, target["y"] + 6)
        page.wait_for_timeout(100)
        page.mouse.up()
    moved = [re.sub(r"^\d+\.\s*", "", t) for t in page.locator("ol.agenda > li h3").all_inner_texts()]
    assert moved.index(titles[-1]) == count - 3, moved
    assert sorted(moved) == sorted(titles)
