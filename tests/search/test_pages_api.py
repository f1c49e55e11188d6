"""The search page (facets, filters, sort, pages, "zoek in besluiten") and GET /api/search."""
from datetime import date, datetime

import pytest

#: a meeting in the past, so that it can be held and its minutes approved
MARCH_10 = datetime(2025, 3, 10, 13, 0)


def test_search_page_ranks_highlights_and_counts(make_page, client):
    make_page("Fietsplan", "Het fietsplan voor de regio Leuven.", state="published")
    make_page("Begroting", "Een fietsplan wordt later besproken.", state="published")
    make_page("Geheim fietsplan", "Niet voor iedereen.", state="internal")
    make_page("Opmaak", description="<img src=x onerror=alert(1)> spoorwegfietsplan", state="published")
    risky = client.get("/search", query_string={"q": "spoorwegfietsplan"}).get_data(as_text=True)
    assert "<img" not in risky and "onerror=alert(1)&gt;" in risky
    response = client.get("/search", query_string={"q": "fietsplan"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "2 resultaten" in html and "<mark>fietsplan</mark>" in html
    assert html.index("Fietsplan") < html.index("Begroting")  # the title match ranks first
    assert "Geheim" not in html
    assert 'action="/search"' in client.get("/").get_data(as_text=True)  # the header search box


@pytest.mark.slow  # 25 documents, each saved and published
def test_filters_sort_and_pagination(make_page, client, app):
    from app.extensions import db

    for n in range(25):
        document = make_page(f"Nota {n:02d}", "paginawoord", state="published")
        document.updated_at = datetime(2020 + n % 5, 1, 1 + n)
    db.session.commit()
    data = client.get("/api/search?q=paginawoord").get_json()
    assert data["total"] == 25 and len(data["results"]) == 20 and data["pages"] == 2
    assert data["facets"]["year"] == {"2020": 5, "2021": 5, "2022": 5, "2023": 5, "2024": 5}
    second = client.get("/api/search?q=paginawoord&page=2").get_json()
    assert len(second["results"]) == 5
    assert not {r["id"] for r in data["results"]} & {r["id"] for r in second["results"]}
    filtered = client.get("/api/search?q=paginawoord&year=2022").get_json()
    assert filtered["total"] == 5 and all(r["year"] == "2022" for r in filtered["results"])
    newest = client.get("/api/search?q=paginawoord&sort=date").get_json()["results"]
    assert newest[0]["year"] == "2024" and newest[-1]["year"] in ("2020", "2021")
    page = client.get("/search?q=paginawoord&year=2022").get_data(as_text=True)
    assert "5 resultaten" in page and "Pagina" not in page


def test_api_search_contract(make_page, make_meeting, make_decision, item_titled, client):
    make_page("Actieplan", "Het actieplan mobiliteit.", state="published")
    meeting = make_meeting(start=MARCH_10, state="minutes_approved", is_public=True, items=["Actieplan goedkeuren"])
    item = item_titled(meeting, "Actieplan goedkeuren")
    decision = make_decision(item, "Het actieplan mobiliteit wordt goedgekeurd.")
    assert decision.decided_on == date(2025, 3, 10)  # taken on the day of its meeting
    data = client.get("/api/search?q=actieplan").get_json()
    assert set(data) >= {"total", "results", "facets"}
    assert data["total"] == 4
    for result in data["results"]:
        assert set(result) >= {"type", "id", "title", "url", "snippet"}
    assert data["facets"]["type"] == {"document": 1, "meeting": 1, "agenda_item": 1, "decision": 1}
    assert data["facets"]["body"] == {"taskforce": 4}
    only = client.get("/api/search?q=actieplan&type=decision&body=taskforce").get_json()
    assert [r["type"] for r in only["results"]] == ["decision"]


def test_zoek_in_besluiten(make_page, make_meeting, make_decision, item_titled, client):
    make_page("Besluitvorming", "over de fietsbrug", state="published")
    meeting = make_meeting(start=MARCH_10, state="minutes_approved", is_public=True, items=["Fietsbrug"])
    make_decision(item_titled(meeting, "Fietsbrug"), "De fietsbrug wordt gebouwd.")
    html = client.get("/search/decisions", query_string={"q": "fietsbrug"}).get_data(as_text=True)
    assert "Zoek in besluiten" in html and "1 resultaat" in html and "De fietsbrug wordt gebouwd" in html
    listing = client.get("/search/decisions").get_data(as_text=True)  # no words: every decision, newest first
    assert "1 resultaat" in listing


def test_unknown_filters_and_pages_do_not_break(client, make_page):
    make_page("Iets", "woord", state="published")
    assert client.get("/search?q=woord&page=999999999&sort=bogus&type=<x>").status_code == 200
    assert client.get("/api/search?q=woord&page=-1&pagelen=abc").status_code == 200
