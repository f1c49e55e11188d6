"""A record a secretariat can sign, in a real browser: the secretary holds a meeting, records the
attendance with a substitute and a vote with its outcome; a visitor sees the decision only once the
decision list is published; the chair approves the minutes from her to-do list."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import confirm, login, new_page, plan_held_meeting, screenshot

pytestmark = pytest.mark.browser

TITLE = "Taskforce Spitsregio Leuven – stemming fietsparkeren"
DECISION = "De Taskforce vraagt NMBS extra fietsparkeerplaatsen aan het station van Tienen."


def item_card(page, title: str):
    return page.locator("ol.agenda > li", has=page.get_by_role("heading", name=title))


def test_vote_publication_and_approval(page, browser, live_server):
    login(page, "secretaris@spitsregio.be")
    # An extra Taskforce meeting held earlier, its agenda published and the meeting held.
    # 55 days ago: before the demo's last Taskforce meeting, so the other journeys keep their "previous meeting"
    meeting_url = plan_held_meeting(page, TITLE, 55, public=True)
    expect(page.locator(".meeting-facts")).to_contain_text("Gehouden")

    # Attendance: Arno Claes is excused, Dirk Deskundige (an observer) stands in for him.
    page.locator(".actions-bar").get_by_role("link", name="Aanwezigheden").click()
    for name, status in (("Vera Voorzitter", "aanwezig"), ("Lieve Lid", "aanwezig"),
                         ("Arno Claes", "verontschuldigd"), ("Tom Tienen", "aanwezig")):
        page.get_by_role("group", name=f"Aanwezigheid van {name}").get_by_label(status, exact=True).check()
    page.get_by_label("Plaatsvervanger voor Arno Claes").select_option(label="Dirk Deskundige")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/meetings/\d+(#.*)?$"))

    # A decision under Varia, and a vote per member: the substitute votes, the observer otherwise not.
    item_card(page, "Varia").get_by_role("link", name="Verslag en besluiten van dit punt").click()
    page.get_by_label("Tekst van het besluit").fill(DECISION)
    page.get_by_role("button", name="Besluit bewaren").click()
    page.get_by_role("region", name="Besluiten onder dit punt").get_by_role("link", name=re.compile(r"^TF-")).click()
    decision_url = page.url
    votes = {"Vera Voorzitter": "voor", "Lieve Lid": "voor", "Tom Tienen": "tegen",
             "Dirk Deskundige (plaatsvervanger voor Arno Claes)": "voor"}
    for name, choice in votes.items():
        page.get_by_label(name, exact=True).select_option(choice)
    page.get_by_role("button", name="Stemmen per lid bewaren").click()
    expect(page.locator("#vote")).to_contain_text("plaatsvervanger voor Arno Claes")
    expect(page.get_by_text("aangenomen").first).to_be_visible()
    screenshot(page, "governance-vote")

    # A visitor does not see the decision while it is a draft of a held meeting.
    visitor = new_page(browser, live_server)
    try:
        visitor.goto(decision_url)
        assert DECISION not in visitor.content()
        visitor.goto("/decisions")
        assert DECISION not in visitor.content()

        # The decision list is published: now the visitor reads it, with its outcome.
        page.goto(meeting_url)
        confirm(page, "Besluitenlijst publiceren")
        visitor.goto(decision_url)
        expect(visitor.get_by_text(DECISION).first).to_be_visible()
        assert visitor.get_by_text(re.compile(r"^Versie \d")).count() == 0  # the history is for members
        expect(visitor.get_by_text("aangenomen").first).to_be_visible()
    finally:
        visitor.context.close()

    # The chair approves the minutes from her to-do list; the page asks first.
    chair = new_page(browser, live_server)
    try:
        login(chair, "voorzitter@spitsregio.be")
        chair.goto("/")
        entry = chair.locator(".todo-approve_minutes li", has_text=TITLE)
        expect(entry).to_be_visible()
        entry.get_by_role("button").click()
        expect(chair.get_by_role("heading", name="Verslag goedkeuren?")).to_be_visible()
        chair.get_by_role("button", name="Bevestigen: Verslag goedkeuren").click()
        chair.wait_for_url(re.compile(r"/meetings/\d+(#.*)?$"))
        expect(chair.locator(".meeting-facts")).to_contain_text("Verslag goedgekeurd")
        expect(chair.get_by_text(re.compile("Goedgekeurd op .* door Vera Voorzitter"))).to_be_visible()
        chair.goto("/")
        assert chair.locator(".todo-approve_minutes li", has_text=TITLE).count() == 0
    finally:
        chair.context.close()
