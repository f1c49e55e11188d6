"""A member proposes an agenda item with a file (on a phone); the secretary accepts it onto the
next meeting; the member sees it accepted, with the link to that meeting's agenda."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login, new_page, screenshot, serious_violations, sideways_overflow

pytestmark = pytest.mark.browser

TITLE = "Deelfietsen aan de stations van Leuven en Tienen"


def _checked(page, name: str) -> None:
    assert serious_violations(page) == [], name
    assert sideways_overflow(page) <= 0, name


def test_a_proposal_from_member_to_agenda(browser, live_server, phone):
    # The member proposes, on her phone, with a note attached.
    login(phone, "lid@spitsregio.be")
    phone.goto("/bodies/taskforce")
    phone.get_by_role("link", name="Agendapunt voorstellen").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Agendapunt voorstellen")
    _checked(phone, "proposal form")
    phone.get_by_label("Titel van het agendapunt").fill(TITLE)
    phone.get_by_label("Toelichting (Markdown)").fill("Een **proef** van zes maanden, samen met De Lijn.")
    phone.get_by_label("Soort").select_option(label="Ter beslissing")
    phone.get_by_label("Documenten (PDF, DOCX, ODT, TXT of MD)").set_input_files(
        files=[{"name": "nota-deelfietsen.txt", "mimeType": "text/plain",
                "buffer": "Nota: deelfietsen aan de stations.".encode()}])
    phone.get_by_role("button", name="Voorstel indienen").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Mijn voorstellen")
    mine = phone.locator(".card", has_text=TITLE)
    expect(mine).to_contain_text("open")
    expect(mine).to_contain_text("Het secretariaat heeft nog niet beslist.")
    _checked(phone, "my proposals")
    screenshot(phone, "proposal-mine-open")

    # The secretary finds it on the body's page and accepts it onto the next meeting.
    secretary = new_page(browser, live_server)
    try:
        login(secretary, "secretaris@spitsregio.be")
        secretary.goto("/bodies/taskforce")
        secretary.get_by_role("link", name=re.compile(r"^Voorstellen \(\d+\)$")).click()
        secretary.get_by_role("link", name=TITLE).click()
        expect(secretary.get_by_role("heading", level=1)).to_have_text(TITLE)
        expect(secretary.locator(".markdown strong")).to_have_text("proef")
        expect(secretary.get_by_role("link", name="nota-deelfietsen.txt")).to_be_visible()
        _checked(secretary, "proposal with decision forms")
        meeting = secretary.get_by_label("Op de vergadering van")
        chosen = meeting.locator("option").first.inner_text()  # the next meeting comes first
        expect(secretary.get_by_label("Toelichter")).to_have_value("Lieve Lid")
        secretary.get_by_role("button", name="Aanvaarden").click()
        expect(secretary.locator(".flashes")).to_contain_text("Het voorstel is aanvaard en staat op de agenda.")
        screenshot(secretary, "proposal-accepted-secretary")
    finally:
        secretary.context.close()

    # The member sees it accepted, and follows the link to the agenda.
    phone.reload()
    mine = phone.locator(".card", has_text=TITLE)
    expect(mine).to_contain_text("aanvaard")
    link = mine.get_by_role("link", name=chosen)
    expect(link).to_be_visible()
    _checked(phone, "my proposals, accepted")
    screenshot(phone, "proposal-mine-accepted")
    link.click()
    expect(phone.locator("ol.agenda")).to_contain_text(TITLE)
    expect(phone.locator("ol.agenda")).to_contain_text("Lieve Lid")
