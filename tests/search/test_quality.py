"""Search quality, on every backend (tests/search/conftest.py runs each test on Whoosh and, on
PostgreSQL, on PostgreSQL full-text search): irregular forms and compounds found, snippets from
the text that matched, decisions titled by their reference, an outdated analysis reported."""
from datetime import datetime
from html.parser import HTMLParser

import pytest

from app.extensions import db
from app.search import registry
from app.search.check import check_index
from app.search.index import reindex, search

MARCH_10 = datetime(2025, 3, 10, 13, 0)


def key(document):
    return f"document:{document.id}"


def exact(query):
    """The hits of `query` as typed: none when only the typo-tolerant fallback found something."""
    results = search(query, None)
    return [] if results.fuzzy else [f"{hit.type}:{hit.id}" for hit in results.hits]


@pytest.fixture
def forms(make_page):
    """Pages that say one form of a word each; `other` shares none of them."""
    return {
        "plural": make_page("Jobbeurzen", "De jobbeurzen in de steden trokken veel leden en fietsen aan.",
                            state="published"),
        "singular": make_page("Een jobbeurs", "Een jobbeurs in elke stad, voor elk lid, met een fiets.",
                              state="published"),
        "participle": make_page("Het plan", "Het plan werd goedgekeurd door de raad.", state="published"),
        "other": make_page("Varia", "Over de begroting van volgend jaar.", state="published"),
    }


@pytest.mark.parametrize("query", ["jobbeurs", "jobbeurzen", "stad", "steden", "lid", "leden", "fiets", "fietsen"])
def test_irregular_forms_find_each_other(forms, find, query):
    assert set(find(query)) == {key(forms["plural"]), key(forms["singular"])}


def test_participles_find_the_verb_and_its_noun(forms, find):
    assert find("goedkeuren") == [key(forms["participle"])]
    assert find("goedgekeurd") == [key(forms["participle"])]


def test_phrases_of_lexicon_words_still_match_exactly(forms, find):
    assert find('"steden trokken"') == [key(forms["plural"])]
    assert find('"stad trokken"') == [key(forms["plural"])]  # a lemma stands where its form stood
    assert exact('"stad jobbeurs"') == []


@pytest.fixture
def compounds(make_page):
    return {
        "project": make_page("Stand van zaken", "Het fietssnelwegproject van Leuven naar Tienen schiet op.",
                             state="published"),
        "plan": make_page("Nota", "Het nieuwe mobiliteitsplan voor de regio.", state="published"),
        "words": make_page("Losse woorden", "Een plan voor mobiliteit met een project.", state="published"),
    }


def test_a_part_finds_its_compound(compounds, find):
    assert find("fietssnelweg") == [key(compounds["project"])]
    assert key(compounds["project"]) in find("snelweg")
    assert set(find("mobiliteit")) == {key(compounds["plan"]), key(compounds["words"])}
    assert find("mobiliteitsplannen") == [key(compounds["plan"])]  # the lexicon on the compound's head


def test_the_query_side_does_not_split(compounds, find):
    # "mobiliteitsplan" asks for that word: a text with "plan" and "mobiliteit" apart is not it
    assert find("mobiliteitsplan") == [key(compounds["plan"])]


def test_phrases_across_compounds_still_work(compounds, find):
    assert find('"het fietssnelwegproject van Leuven"') == [key(compounds["project"])]
    assert find('"nieuwe mobiliteitsplan"') == [key(compounds["plan"])]
    assert exact('"fietssnelwegproject Tienen"') == []


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def plain(snippet: str) -> str:
    parser = _Text()
    parser.feed(snippet)
    return "".join(parser.parts)


def hit_of(query, wanted_type, user=None):
    results = search(query, user)
    return next(hit for hit in results.hits if hit.type == wanted_type)


def test_names_and_tags_are_found_but_never_the_snippet(make_meeting, item_titled, make_file, samples):
    meeting = make_meeting(start=MARCH_10, state="minutes_approved", is_public=True, items=["Pendelfonds"])
    item = item_titled(meeting, "Pendelfonds")
    item.description, item.presenter = "Het fonds steunt pendelaars.", "Griet Vandersmissen"
    db.session.commit()
    document = make_file("Jaarverslag", "jaarverslag-tienen.pdf", samples.pdf("Het verslag over treinen."),
                         state="published", tags=["zuiderkempen"])
    snippet = plain(hit_of("Vandersmissen", "agenda_item").snippet)
    assert "Vandersmissen" not in snippet and snippet.startswith("Het fonds steunt pendelaars")
    for query in ("zuiderkempen", "jaarverslag-tienen.pdf"):
        found = hit_of(query, "document")
        assert found.id == document.id
        assert "zuiderkempen" not in found.snippet and ".pdf" not in found.snippet
        assert plain(found.snippet).startswith("Het verslag over treinen")
    assert "<mark>pendelaars</mark>" in hit_of("pendelaars", "agenda_item").snippet


def test_decision_hits_are_titled_with_their_reference(make_meeting, make_decision, item_titled, client):
    meeting = make_meeting(start=MARCH_10, state="minutes_approved", is_public=True, items=["Fietsbrug"])
    decision = make_decision(item_titled(meeting, "Fietsbrug"), "De **fietsbrug** over de Dijle wordt gebouwd.")
    assert decision.reference and decision.reference.startswith("TF-")
    data = client.get("/api/search", query_string={"q": "fietsbrug", "type": "decision"}).get_json()
    assert [r["title"] for r in data["results"]] == [f"{decision.reference} De fietsbrug over de Dijle wordt gebouwd."]
    assert "Besluit 1" not in client.get("/search/decisions", query_string={"q": "fietsbrug"}).get_data(as_text=True)
    # the agenda item's title finds the decision, but its snippet is the decision's text
    assert "fietsbrug over de Dijle wordt gebouwd" in plain(hit_of("Fietsbrug", "decision").snippet)


def test_zoek_in_besluiten_keeps_the_query_and_results_come_before_facets(make_page, client):
    make_page("Fietsbrug", "over de fietsbrug", state="published")
    html = client.get("/search", query_string={"q": "fietsbrug"}).get_data(as_text=True)
    assert 'href="/search/decisions?q=fietsbrug"' in html
    assert html.index('class="search-results"') < html.index('class="search-facets"')
    assert html.index("Soort") > html.index("1 resultaat")
    back = client.get("/search/decisions", query_string={"q": "fietsbrug"}).get_data(as_text=True)
    assert 'href="/search?q=fietsbrug"' in back and "Overal zoeken" in back


def test_an_index_built_with_another_analysis_is_reported_stale(make_page, app, monkeypatch):
    page = make_page("Mobiliteitsplan", "tekst", state="published")
    assert check_index()["stale"] == []
    monkeypatch.setattr(registry, "analysis_version", lambda: "another lexicon")
    assert key(page) in check_index()["stale"]
    reindex()
    assert check_index()["stale"] == []


def test_a_whoosh_index_from_before_the_keywords_field_keeps_working_and_is_reported(
        make_page, search_backend, monkeypatch, find):
    if search_backend != "whoosh":
        pytest.skip("Whoosh keeps its schema in the index folder; PostgreSQL's vector needs no column")
    from app.search import whoosh_files
    from app.search.index import backend

    def old_schema():
        schema = make_schema()
        schema.remove("keywords")
        return schema

    make_schema = whoosh_files.make_schema
    first = make_page("Oud", "een nota", state="published")
    monkeypatch.setattr(whoosh_files, "make_schema", old_schema)
    reindex()
    monkeypatch.undo()
    backend().close()
    assert "keywords" not in backend().open().schema
    later = make_page("Nieuw", "een andere nota", tags=["zuiderkempen"], state="published")
    assert find("zuiderkempen") == [key(later)]  # in the old index the keywords go with the text
    assert find("nota") and key(first) in find("nota")
    assert key(later) in check_index()["stale"]
    reindex()
    assert "keywords" in backend().open().schema and check_index()["stale"] == []
    assert find("zuiderkempen") == [key(later)]
