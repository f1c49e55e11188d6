"""The member's question, in a real browser: find a past decision with a Dutch word form, narrow the
results with facets, follow the decision to its meeting and its actions, report progress on an own
action."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login, screenshot

pytestmark = pytest.mark.browser


def test_the_members_question(page):
    login(page, "lid@spitsregio.be")

    # "Pendelonderzoeken" (plural) finds the decision about "een pendelonderzoek".
    page.get_by_role("searchbox", name="Zoeken").fill("pendelonderzoeken")
    page.get_by_role("search").get_by_role("button", name="Zoeken").click()
    status = page.locator(".search-results").get_by_role("status")
    expect(status).to_contain_text(re.compile(r"\d+ resulta"))
    everything = int(re.search(r"(\d+) resulta", status.inner_text()).group(1))
    facets = page.get_by_role("complementary", name="Verfijnen")
    expect(facets.get_by_role("region", name="Soort")).to_be_visible()
    screenshot(page, "member-search")

    # Narrow to decisions, then to the Taskforce.
    facets.get_by_role("region", name="Soort").get_by_role("link", name="Besluiten").click()
    expect(facets.get_by_role("region", name="Soort").locator("[aria-current]")).to_have_text("Besluiten")
    hits = page.locator(".search-hits > li")
    assert hits.count() >= 1
    assert all(text == "Besluit" for text in hits.locator("> .badge").all_inner_texts())
    decisions_only = int(re.search(r"(\d+) resulta", status.inner_text()).group(1))
    assert decisions_only < everything
    body_facet = facets.get_by_role("region", name="Orgaan")
    if body_facet.get_by_role("link", name="Taskforce Spitsregio Leuven").count():
        body_facet.get_by_role("link", name="Taskforce Spitsregio Leuven").click()
        expect(body_facet.locator("[aria-current]")).to_have_text("Taskforce Spitsregio Leuven")

    # Open the decision; the highlight shows why it matched.
    hit = hits.filter(has_text="pendelonderzoek uitvoeren").first
    expect(hit.locator("mark").first).to_be_visible()
    hit.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile(r"Besluit TF-\d{4}-"))
    expect(page.locator(".decision-text")).to_contain_text("De Taskforce laat een pendelonderzoek uitvoeren")
    decision_url = page.url

    # Follow it to its meeting, and back to its actions.
    page.get_by_role("navigation", name="Kruimelpad").get_by_role("link").first.click()
    expect(page.get_by_role("heading", name="Agenda", exact=True)).to_be_visible()
    expect(page.locator("ol.agenda")).to_contain_text("Mobiliteit: pendelstromen naar Leuven")
    page.go_back()
    assert page.url == decision_url
    actions = page.get_by_role("region", name="Acties")
    own = actions.get_by_role("row", name=re.compile("Lieve Lid"))
    expect(own.first).to_be_visible()
    title = own.first.get_by_role("link").first.inner_text()
    own.first.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)

    # Report progress on her own action.
    page.get_by_label("Voortgang (%)").fill("40")
    page.get_by_label("Nieuwe status").select_option(label="lopend")
    page.get_by_label("Toelichting").fill("Twaalf werkgevers bevraagd, nog acht te gaan.")
    page.get_by_role("button", name="Voortgang melden").click()
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("40%")
    expect(facts).to_contain_text("lopend")
    history = page.get_by_role("region", name="Geschiedenis")
    expect(history).to_contain_text("Twaalf werkgevers bevraagd")
    expect(history).to_contain_text("Lieve Lid")
    screenshot(page, "member-action-progress")


def test_a_member_may_not_report_on_someone_elses_action(page):
    """The progress form is only offered on her own actions (hers or her organisation's, VOKA)."""
    login(page, "lid@spitsregio.be")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Acties").click()
    mine = page.get_by_role("region", name="Mijn acties")
    expect(mine.get_by_role("table")).to_be_visible()
    for owner in mine.locator("tbody tr td:nth-child(2)").all_inner_texts():
        assert owner in ("Lieve Lid", "VOKA")
    others = page.locator("table.actions-table tbody tr").filter(has_not_text="Lieve Lid").filter(has_not_text="VOKA")
    others.first.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.get_by_role("button", name="Voortgang melden").count() == 0
