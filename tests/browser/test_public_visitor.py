"""The public visitor: sees only what is published, and a login page for the rest."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login, new_page, screenshot

pytestmark = pytest.mark.browser


def test_the_visitor_sees_only_published_meetings_decisions_and_documents(page):
    page.goto("/")
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    assert nav.get_by_role("link", name="Acties").count() == 0
    assert nav.get_by_role("link", name="Beheer").count() == 0

    # Meetings: only public ones of the Taskforce; no planning buttons; every one opens.
    nav.get_by_role("link", name="Vergaderingen").click()
    page.wait_for_url(re.compile(r"/meetings$"))
    expect(page.locator(".card-list a[href^='/meetings/']").first).to_be_visible()
    assert page.get_by_role("link", name="Vergadering plannen").count() == 0
    bodies = page.locator("main h2").all_inner_texts()
    assert bodies == ["Taskforce Spitsregio Leuven"], bodies
    links = [a.get_attribute("href") for a in page.locator(".card-list a[href^='/meetings/']").all()]
    assert links
    for href in links:
        page.goto(href)
        expect(page.locator(".meeting-facts")).to_contain_text("publiek")
        assert page.get_by_role("button", name="Agenda publiceren").count() == 0
        assert page.get_by_role("link", name="Agendapunt toevoegen").count() == 0
        assert page.get_by_role("link", name="Document toevoegen").count() == 0
        assert page.get_by_text("besloten", exact=True).count() == 0
    screenshot(page, "visitor-meeting")

    # Decisions of the public meetings, none of the Burgemeestersoverleg (internal).
    nav.get_by_role("link", name="Besluiten").click()
    page.wait_for_url(re.compile(r"/decisions$"))
    expect(page.locator("table.decisions-table tbody tr").first).to_be_visible()
    references = page.locator("table.decisions-table tbody tr td:first-child").all_inner_texts()
    assert references and all(ref.startswith("TF-") for ref in references), references

    # Documents: the published action plan; the internal annual report and the private working
    # folder do not exist for the visitor, not even in search.
    nav.get_by_role("link", name="Documenten").click()
    tree = page.get_by_role("navigation", name="Mappen")
    expect(tree.get_by_role("link", name="Actieplan")).to_be_visible()
    assert tree.get_by_role("link", name="Jaarverslagen").count() == 0
    assert tree.get_by_role("link", name="Werkdocumenten secretariaat").count() == 0
    tree.get_by_role("link", name="Actieplan").click()
    page.get_by_role("link", name="Actieplan Spitsregio Leuven").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Actieplan Spitsregio Leuven")
    expect(page.locator("main")).to_contain_text("Mobiliteit")

    search = page.get_by_role("search")
    search.get_by_role("searchbox").fill("jaarverslag")
    search.get_by_role("button", name="Zoeken").click()
    expect(page.locator(".search-results").get_by_role("status")).to_contain_text("Geen resultaten")
    assert page.get_by_role("complementary", name="Verfijnen").locator(".badge").count() == 0
    page.get_by_role("search").first.get_by_role("searchbox").fill("actieplan")
    page.get_by_role("search").first.get_by_role("button", name="Zoeken").click()
    expect(page.locator(".search-hits")).to_contain_text("Actieplan Spitsregio Leuven")


def test_the_rest_asks_the_visitor_to_log_in(page, browser, live_server, main_pages):
    # The action dashboard is for members: the visitor lands on the login page and, once logged in,
    # comes back where she wanted to go.
    page.goto("/actions")
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelden")
    assert "next=" in page.url
    # An internal meeting the secretary can open (the Burgemeestersoverleg's) asks the visitor to log in.
    secretary = new_page(browser, live_server)
    try:
        login(secretary, "secretaris@spitsregio.be")
        secretary.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Vergaderingen").click()
        internal = secretary.locator("section", has=secretary.get_by_role(
            "heading", name="Burgemeestersoverleg Oost-Brabant")).locator("a[href^='/meetings/']").first
        internal_path = internal.get_attribute("href")
    finally:
        secretary.context.close()
    page.goto(internal_path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelden")
    screenshot(page, "visitor-login-for-internal-meeting")
    page.get_by_label("E-mailadres").fill("voorzitter@spitsregio.be")
    page.get_by_label("Wachtwoord").fill("spitsregio-demo")
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(re.compile(re.escape(internal_path) + "$"))
    expect(page.get_by_role("heading", name="Agenda", exact=True)).to_be_visible()
