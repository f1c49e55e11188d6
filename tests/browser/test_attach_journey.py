"""The secretary attaches documents to an agenda item from the meeting page, in a real browser: two
files at once through the plain file field, then one dropped onto another item (a drop event with
a DataTransfer, as the browser sends it); back on the meeting each time, the files under the item."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login, open_menu, screenshot, serious_violations, sideways_overflow
from tests.samples import docx_bytes, pdf_bytes

pytestmark = pytest.mark.browser


def item_card(page, title: str):
    return page.locator("ol.agenda > li", has=page.get_by_role("heading", name=title))


def open_upcoming_taskforce_meeting(page) -> str:
    open_menu(page)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Vergaderingen").click()
    page.get_by_role("heading", name="Taskforce Spitsregio Leuven").get_by_role("link").click()
    upcoming = page.locator("section", has=page.get_by_role("heading", name="Komende vergaderingen"))
    upcoming.locator("a[href*='/meetings/']").first.click()
    page.wait_for_url(re.compile(r"/meetings/\d+$"))
    return page.url


def test_the_secretary_attaches_files_to_an_agenda_item(page, tmp_path):
    trace = tmp_path / "Trace fietssnelweg F25.pdf"
    trace.write_bytes(pdf_bytes("Trace van de fietssnelweg F25"))
    budget = tmp_path / "Budget fietssnelweg F25.docx"
    budget.write_bytes(docx_bytes("Budget van de fietssnelweg F25"))
    login(page, "secretaris@spitsregio.be")
    meeting_url = open_upcoming_taskforce_meeting(page)

    card = item_card(page, "Opvolging acties")
    card.locator("summary").filter(has_text="Documenten toevoegen").click()
    form = card.locator("form.attach-documents__form")
    expect(form).to_contain_text("Voor punt")
    expect(form).to_contain_text("Opvolging acties")
    form.get_by_label("Bestanden (PDF, DOCX, ODT, TXT of MD)").set_input_files([str(trace), str(budget)])
    form.get_by_label("Zichtbaarheid").select_option("internal")
    form.get_by_role("button", name="Documenten toevoegen").click()
    page.wait_for_url(re.compile(r"/meetings/\d+#item-\d+$"))
    assert page.url.split("#")[0] == meeting_url
    expect(page.locator(".flashes")).to_contain_text("Trace fietssnelweg F25")
    attached = item_card(page, "Opvolging acties").get_by_role("list", name="Bijlagen")
    expect(attached.get_by_role("link", name="Trace fietssnelweg F25")).to_be_visible()
    expect(attached.get_by_role("link", name="Budget fietssnelweg F25")).to_be_visible()
    expect(attached).to_contain_text("Intern")
    screenshot(page, "attach-two-files")
    assert serious_violations(page) == []

    # drag and drop: a file dropped onto "Varia" goes through the same form
    varia = item_card(page, "Varia")
    transfer = page.evaluate_handle("""() => {
        const transfer = new DataTransfer();
        transfer.items.add(new File(["Rondvraag: fietsparkeren aan de stations."], "Rondvraag fietsparkeren.txt",
                                    {type: "text/plain"}));
        return transfer;
    }""")
    varia.dispatch_event("dragover", {"dataTransfer": transfer})
    expect(varia).to_have_class(re.compile("is-drop-target"))
    with page.expect_navigation():
        varia.dispatch_event("drop", {"dataTransfer": transfer})
    attached = item_card(page, "Varia").get_by_role("list", name="Bijlagen")
    expect(attached.get_by_role("link", name="Rondvraag fietsparkeren")).to_be_visible()


def test_the_attach_form_fits_a_phone(phone):
    login(phone, "secretaris@spitsregio.be")
    open_upcoming_taskforce_meeting(phone)
    card = item_card(phone, "Opvolging acties")
    card.locator("summary").filter(has_text="Documenten toevoegen").click()
    expect(card.get_by_label("Bestanden (PDF, DOCX, ODT, TXT of MD)")).to_be_visible()
    assert sideways_overflow(phone) == 0
    assert serious_violations(phone) == []
