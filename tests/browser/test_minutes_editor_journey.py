"""The minutes editor in a real browser: the secretary records a guest substitute, then a vote and an
action right in the item's editor; the chair approves the minutes from the page she reads; the
locked item's editor is a read-only view; the printed minutes carry no version controls."""
import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    login, new_page, plan_held_meeting, screenshot, serious_violations, sideways_overflow,
)

pytestmark = pytest.mark.browser

TITLE = "Taskforce Spitsregio Leuven – verslag ter plaatse"
DECISION = "De Taskforce vraagt De Lijn een snelbus tussen Tienen en Leuven."
ACTION = "Voorstel snelbus Tienen–Leuven voorbereiden"


def item_card(page, title: str):
    return page.locator("ol.agenda > li", has=page.get_by_role("heading", name=title))


def test_vote_and_action_inline_approval_lock_and_print(page, browser, live_server):
    login(page, "secretaris@spitsregio.be")
    # A Taskforce meeting held 58 days ago (before the demo's last one: the other journeys keep theirs).
    meeting_url = plan_held_meeting(page, TITLE, 58)

    # Attendance: Arno Claes is excused; a guest without an account stands in for him.
    page.locator(".actions-bar").get_by_role("link", name="Aanwezigheden").click()
    substitutes = page.get_by_label("Plaatsvervanger voor Arno Claes")
    assert "Bea Beheerder" not in substitutes.inner_text()  # no member of the Taskforce
    for name, status in (("Vera Voorzitter", "aanwezig"), ("Lieve Lid", "aanwezig"),
                         ("Arno Claes", "verontschuldigd"), ("Tom Tienen", "aanwezig")):
        page.get_by_role("group", name=f"Aanwezigheid van {name}").get_by_label(status, exact=True).check()
    page.get_by_label("of een gast voor Arno Claes").fill("Greet Gast")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/meetings/\d+(#.*)?$"))
    expect(page.get_by_role("region", name="Aanwezigheden")).to_contain_text("vervangen door Greet Gast")

    # The minutes of Varia, a decision, and its vote recorded without leaving the item.
    item_card(page, "Varia").get_by_role("link", name="Verslag en besluiten van dit punt").click()
    editor_url = page.url
    page.get_by_label("Verslag (Markdown)").fill("De snelbus werd besproken.")
    page.get_by_role("button", name="Bewaren", exact=True).click()
    page.get_by_label("Tekst van het besluit").fill(DECISION)
    page.get_by_role("button", name="Besluit bewaren").click()
    decision = page.locator("article.item-decision", has_text=DECISION)
    decision.get_by_text("Stemming noteren").click()
    for name, choice in (("Vera Voorzitter", "voor"), ("Lieve Lid", "voor"), ("Tom Tienen", "tegen")):
        decision.get_by_label(name, exact=True).select_option(choice)
    decision.get_by_role("button", name="Stemmen per lid bewaren").click()
    page.wait_for_url(re.compile(r"/items/\d+/minutes#decision-\d+$"))
    expect(decision).to_contain_text("Stemming: 2 voor, 1 tegen, 0 onthouding")
    expect(decision.get_by_text("aangenomen")).to_be_visible()

    # An action on the decision, added and then changed inline.
    decision.get_by_text("Actie toevoegen").click()
    decision.get_by_label("Wat", exact=True).fill(ACTION)
    decision.get_by_label("Wie (persoon of organisatie)").select_option(label="Lieve Lid")
    decision.get_by_label("Tegen wanneer").fill((date.today() + timedelta(days=30)).isoformat())
    decision.get_by_role("button", name="Actie bewaren").click()
    page.wait_for_url(re.compile(r"/items/\d+/minutes#action-\d+$"))
    action = decision.locator("li", has=page.get_by_role("link", name=ACTION))
    expect(action).to_contain_text("Lieve Lid")
    expect(action).to_contain_text("gepland")
    action.get_by_text("Actie wijzigen").click()
    action.get_by_label("Status").select_option(label="lopend")
    action.get_by_role("button", name="Actie bewaren").click()
    page.wait_for_url(re.compile(r"#action-\d+$"))
    expect(decision.locator("li", has=page.get_by_role("link", name=ACTION))).to_contain_text("lopend")
    assert serious_violations(page) == []
    screenshot(page, "minutes-editor-inline")

    phone = new_page(browser, live_server, phone=True)
    try:
        login(phone, "secretaris@spitsregio.be")
        phone.goto(editor_url)
        phone.get_by_text("Stemming noteren").first.click()
        assert sideways_overflow(phone) == 0
    finally:
        phone.context.close()

    # The chair reads the minutes and approves them there; the page asks first.
    chair = new_page(browser, live_server)
    try:
        login(chair, "voorzitter@spitsregio.be")
        chair.goto(meeting_url + "/minutes")
        chair.get_by_role("button", name="Verslag goedkeuren", exact=True).click()
        expect(chair.get_by_role("heading", name="Verslag goedkeuren?")).to_be_visible()
        chair.get_by_role("button", name="Bevestigen: Verslag goedkeuren").click()
        chair.wait_for_url(re.compile(r"/meetings/\d+/minutes$"))
        expect(chair.get_by_text("Goedgekeurd en vergrendeld", exact=True)).to_be_visible()
        assert chair.get_by_role("button", name="Verslag goedkeuren", exact=True).count() == 0
    finally:
        chair.context.close()

    # The locked item's editor: read only, since when and by whom.
    page.goto(editor_url)
    expect(page.get_by_role("status").filter(has_text="Vergrendeld sinds")).to_contain_text(
        re.compile(r"Vergrendeld sinds .+ door Vera Voorzitter"))
    expect(page.get_by_text("De snelbus werd besproken.")).to_be_visible()
    assert page.get_by_label("Verslag (Markdown)").count() == 0
    assert page.get_by_text("Stemming noteren").count() == 0
    assert serious_violations(page) == []
    screenshot(page, "minutes-editor-locked")

    # On paper: no "Versie 1 … Versies", no "Verslag bekijken".
    page.goto(meeting_url + "/minutes")
    versions = page.get_by_text(re.compile(r"^Versie 1, "))
    expect(versions).to_be_visible()
    expect(page.get_by_role("link", name="Verslag bekijken")).to_be_visible()
    assert sideways_overflow(page) == 0
    page.emulate_media(media="print")
    expect(versions).to_be_hidden()
    assert page.get_by_role("link", name="Versies").first.is_hidden()
    expect(page.get_by_role("link", name="Verslag bekijken")).to_be_hidden()
    expect(page.get_by_text("De snelbus werd besproken.")).to_be_visible()
    screenshot(page, "minutes-print")
