"""The secretary's week, in a real browser: plan a Taskforce meeting, build and publish its agenda,
attach a document, record attendance, write minutes with a decision and an action, and take the
minutes home as a Word file that is read back."""
import io
import re
from datetime import date, timedelta

import docx
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login, screenshot

pytestmark = pytest.mark.browser

MINUTES_TEXT = "De offerte van het studiebureau wordt besproken.\n\n- looptijd: zes maanden\n- kostprijs: 40.000 euro"
MAYORS_DECISION = "Het Burgemeestersoverleg vraagt de Taskforce een voorstel voor fietsparkeren aan de stations."
DECISION_TEXT = "De Taskforce gunt het pendelonderzoek voor de fietsas Leuven–Tienen aan het studiebureau."


def agenda_titles(page) -> list[str]:
    return [re.sub(r"^\d+\.\s*", "", t).strip()
            for t in page.locator("ol.agenda > li h3.agenda-item__title").all_inner_texts()]


def item_card(page, title: str):
    return page.locator("ol.agenda > li", has=page.get_by_role("heading", name=title))


def sample_docx(tmp_path) -> str:
    document = docx.Document()
    document.add_heading("Offerte pendelonderzoek fietsas", level=1)
    document.add_paragraph("Het studiebureau telt de fietsers op de fietsas Leuven–Tienen gedurende zes maanden.")
    path = tmp_path / "Offerte pendelonderzoek fietsas.docx"
    document.save(path)
    return str(path)


def test_the_secretarys_week(page, tmp_path):
    login(page, "secretaris@spitsregio.be")
    nav = page.get_by_role("navigation", name="Hoofdmenu")

    # Monday: the minutes of the last Burgemeestersoverleg (she is its secretary too) get the mayors'
    # answer to the Taskforce, a decision under their feedback item.
    nav.get_by_role("link", name="Vergaderingen").click()
    page.get_by_role("heading", name="Burgemeestersoverleg Oost-Brabant").get_by_role("link").click()
    past = page.locator("section", has=page.get_by_role("heading", name="Voorbije vergaderingen"))
    past.locator("a[href*='/meetings/']").first.click()
    item_card(page, "Terugkoppeling Taskforce Spitsregio Leuven").get_by_role(
        "link", name="Verslag en besluiten van dit punt").click()
    page.get_by_label("Tekst van het besluit").fill(MAYORS_DECISION)
    if page.get_by_label("Reden (verplicht na vergrendeling)").count():
        page.get_by_label("Reden (verplicht na vergrendeling)").fill("Besluit nagekomen")
    page.get_by_role("button", name="Besluit bewaren").click()
    assert MAYORS_DECISION in page.get_by_role("region", name="Besluiten onder dit punt").inner_text()

    # Plan a Taskforce meeting a few days from now, between the last Taskforce meeting and the next.
    nav.get_by_role("link", name="Vergaderingen").click()
    page.get_by_role("heading", name="Taskforce Spitsregio Leuven").get_by_role("link").click()
    page.get_by_role("link", name="Vergadering plannen").click()
    day = date.today() + timedelta(days=3)
    page.get_by_label("Titel").fill("Taskforce Spitsregio Leuven – extra vergadering fietsas")
    page.get_by_label("Datum").fill(day.isoformat())
    page.get_by_label("Begin").fill("14:00")
    page.get_by_label("Einde").fill("16:30")
    page.get_by_label("Plaats").fill("Provinciehuis Vlaams-Brabant, Leuven")
    page.get_by_label("Agenda publiek zodra gepubliceerd").check()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/meetings/\d+$"))
    meeting_url = page.url
    assert page.get_by_role("heading", level=1).inner_text() == "Taskforce Spitsregio Leuven – extra vergadering fietsas"

    # The fixed items are there, and the feedback item holds the Burgemeestersoverleg's decision.
    titles = agenda_titles(page)
    assert titles[:3] == ["Goedkeuring verslag vorige vergadering", "Terugkoppeling Burgemeestersoverleg Oost-Brabant",
                          "Opvolging acties"]
    feedback = item_card(page, "Terugkoppeling Burgemeestersoverleg Oost-Brabant")
    assert MAYORS_DECISION in feedback.inner_text()
    assert feedback.get_by_role("link", name=re.compile(r"^BO-\d{4}-")).count() >= 1
    assert item_card(page, "Opvolging acties").get_by_role("button", name="Verwijderen").count() == 0

    # Add two items, then move the second one up.
    for title, kind in (("Offerte pendelonderzoek fietsas", "Ter beslissing"),
                        ("Fietsparkeren aan de stations", "Ter bespreking")):
        page.get_by_role("link", name="Agendapunt toevoegen").click()
        page.get_by_label("Titel").fill(title)
        page.get_by_label("Beschrijving (Markdown)").fill(f"Toelichting bij **{title.lower()}**.")
        page.get_by_label("Soort").select_option(label=kind)
        page.get_by_label("Actielijn").select_option(label="4. Mobiliteit")
        page.get_by_label("Duur (minuten)").fill("20")
        page.get_by_role("button", name="Opslaan").click()
        page.wait_for_url(re.compile(r"/meetings/\d+(#.*)?$"))
    titles = agenda_titles(page)
    assert titles.index("Offerte pendelonderzoek fietsas") + 1 == titles.index("Fietsparkeren aan de stations")
    number = titles.index("Fietsparkeren aan de stations") + 1
    page.get_by_role("button", name=f"Punt {number} omhoog").click()
    expect(page.locator("ol.agenda > li").nth(number - 2)).to_contain_text("Fietsparkeren aan de stations")
    titles = agenda_titles(page)
    assert titles.index("Fietsparkeren aan de stations") + 1 == titles.index("Offerte pendelonderzoek fietsas")

    # Attach a document to the offer item from the meeting page, for the members only; back at the item.
    card = item_card(page, "Offerte pendelonderzoek fietsas")
    card.locator("summary").filter(has_text="Documenten toevoegen").click()
    form = card.locator("form.attach-documents__form")
    form.get_by_label("Bestanden (PDF, DOCX, ODT, TXT of MD)").set_input_files(sample_docx(tmp_path))
    # the meeting is public, so the file would be too; an offer is for the members only
    expect(form.get_by_label("Zichtbaarheid").locator("option:checked")).to_contain_text("Publiek")
    form.get_by_label("Zichtbaarheid").select_option("internal")
    form.get_by_role("button", name="Documenten toevoegen").click()
    page.wait_for_url(re.compile(r"/meetings/\d+#item-\d+$"))  # back on the meeting, at the item
    attached = item_card(page, "Offerte pendelonderzoek fietsas").get_by_role("list", name="Bijlagen")
    expect(attached.get_by_role("link", name="Offerte pendelonderzoek fietsas")).to_be_visible()
    with page.expect_download() as download:
        attached.get_by_role("link", name=re.compile("download DOCX")).click()
    text = "\n".join(p.text for p in docx.Document(download.value.path()).paragraphs)
    assert "telt de fietsers op de fietsas" in text

    # Publish the agenda.
    page.get_by_role("button", name="Agenda publiceren").click()
    expect(page.get_by_role("heading", name="Agenda publiceren?")).to_be_visible()  # it asks first
    page.get_by_role("button", name="Bevestigen: Agenda publiceren").click()
    expect(page.locator(".meeting-facts").get_by_text("Agenda gepubliceerd")).to_be_visible()
    screenshot(page, "week-meeting-published")

    # Record attendance.
    page.locator(".actions-bar").get_by_role("link", name="Aanwezigheden").click()
    for name, status in (("Vera Voorzitter", "aanwezig"), ("Lieve Lid", "aanwezig"), ("Arno Claes", "verontschuldigd"),
                         ("Tom Tienen", "aanwezig")):
        page.get_by_role("group", name=f"Aanwezigheid van {name}").get_by_label(status, exact=True).check()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/meetings/\d+(#.*)?$"))
    attendance = page.get_by_role("region", name="Aanwezigheden")
    assert "Lieve Lid: aanwezig" in attendance.inner_text()
    assert "Arno Claes: verontschuldigd" in attendance.inner_text()

    # Write the minutes of the offer item, with a decision.
    item_card(page, "Offerte pendelonderzoek fietsas").get_by_role("link", name="Verslag en besluiten van dit punt").click()
    page.get_by_label("Verslag (Markdown)").fill(MINUTES_TEXT)
    page.get_by_role("button", name="Bewaren", exact=True).click()
    assert page.get_by_role("status").filter(has_text="Versie 1").count() >= 1
    page.get_by_label("Tekst van het besluit").fill(DECISION_TEXT)
    page.get_by_role("button", name="Besluit bewaren").click()
    decisions = page.get_by_role("region", name="Besluiten onder dit punt")
    assert DECISION_TEXT in decisions.inner_text()
    screenshot(page, "week-minutes-editor")

    # Record an action on the decision, owned by a member.
    decisions.get_by_role("link", name=re.compile(r"^TF-")).click()
    page.get_by_text("Actie toevoegen").click()
    page.get_by_label("Wat", exact=True).fill("Tellingen fietsas Leuven–Tienen opvolgen")
    page.get_by_label("Wie (persoon of organisatie)").select_option(label="Lieve Lid")
    page.get_by_label("Tegen wanneer").fill((day + timedelta(days=60)).isoformat())
    page.get_by_role("button", name="Actie bewaren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tellingen fietsas Leuven–Tienen opvolgen")
    expect(page.locator("dl.facts")).to_contain_text("Lieve Lid")
    page.locator("dl.facts").get_by_role("link", name=re.compile(r"^TF-")).click()
    actions = page.get_by_role("region", name="Acties")
    expect(actions.get_by_role("link", name="Tellingen fietsas Leuven–Tienen opvolgen")).to_be_visible()
    assert "Lieve Lid" in actions.inner_text()

    # Download the minutes and read them back.
    page.goto(meeting_url)
    page.locator(".actions-bar").get_by_role("link", name="Verslag en besluiten").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Verslag als Word").click()
    assert download.value.suggested_filename.endswith(".docx")
    minutes = docx.Document(io.BytesIO(download.value.path().read_bytes()))
    text = "\n".join(p.text for p in minutes.paragraphs)
    text += "\n".join(cell.text for table in minutes.tables for row in table.rows for cell in row.cells)
    assert "Offerte pendelonderzoek fietsas" in text
    assert "De offerte van het studiebureau wordt besproken." in text
    assert "looptijd: zes maanden" in text
    assert DECISION_TEXT in text
    assert "Lieve Lid" in text  # attendance
