"""The search page on a 390-pixel phone: the results come before the facets, nothing scrolls
sideways, axe finds nothing serious, and "Zoek in besluiten" keeps the words."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login, screenshot, serious_violations, sideways_overflow

pytestmark = pytest.mark.browser


def test_search_on_a_phone_shows_results_first(phone):
    login(phone, "secretaris@spitsregio.be")
    phone.goto("/search?q=actieplan")
    hits = phone.locator(".search-hits > li")
    expect(hits.first).to_be_visible()
    facets = phone.get_by_role("heading", name="Verfijnen")
    expect(facets).to_be_visible()
    assert hits.first.bounding_box()["y"] < facets.bounding_box()["y"]
    # the first hit is on the first screen, not below the facets
    assert hits.first.bounding_box()["y"] < 844
    assert sideways_overflow(phone) == 0
    assert serious_violations(phone) == []
    screenshot(phone, "search-phone")

    phone.get_by_role("link", name="Zoek in besluiten").click()
    expect(phone).to_have_url(re.compile(r"/search/decisions\?q=actieplan$"))
    expect(phone.get_by_label("Zoek in de besluiten")).to_have_value("actieplan")
    titles = phone.locator(".search-hits > li > a").all_inner_texts()
    assert titles and all(re.match(r"[A-Z]+-\d{4}-\d+/\d+ ", title) for title in titles), titles
    assert sideways_overflow(phone) == 0
    assert serious_violations(phone) == []
