"""Typos in the text as well as the title, snippets of long texts and pages past the end, on every
backend (tests/search/conftest.py): what a member sees whichever backend answers."""
import pytest

from app.search.index import search
from app.search.postgres_typos import allowed_edits, edit_distance


def keys(results):
    return [f"{hit.type}:{hit.id}" for hit in results.hits]


def test_edit_distance_counts_like_levenshtein_and_stops_early():
    assert edit_distance("mobiliteit", "mobiliteit", 2) == 0
    assert edit_distance("mobilitiet", "mobiliteit", 2) == 2  # a transposition is two edits
    assert edit_distance("fiets", "fietst", 1) == 1
    assert edit_distance("kat", "kast", 1) == 1
    assert edit_distance("arbeid", "zorg", 2) == 3  # more than the limit: limit + 1
    assert edit_distance("abc", "abcdef", 1) == 2
    assert (allowed_edits("fiets"), allowed_edits("mobiliteit")) == (1, 2)


def test_a_typo_finds_a_word_that_only_the_text_holds(make_page):
    in_text = make_page("Verslag", "Het overleg ging over mobiliteit in de regio.", state="published")
    transposed = make_page("Nota", "Een nota over de arbeidsmarkt van morgen.", state="published")
    make_page("Varia", "Over de begroting van volgend jaar.", state="published")
    results = search("mobilitiet", None)
    assert results.fuzzy and keys(results) == [f"document:{in_text.id}"]
    assert "<mark>mobiliteit</mark>" in results.hits[0].snippet
    results = search("arbiedsmarkt", None)
    assert results.fuzzy and keys(results) == [f"document:{transposed.id}"]


def test_a_typo_far_from_every_word_finds_nothing(make_page):
    make_page("Verslag", "Het overleg ging over mobiliteit in de regio.", state="published")
    results = search("mbltt", None)
    assert results.total == 0 and results.hits == []
    # stop words alone are not typos of anything
    assert search("deze zijn", None).total == 0


def test_a_word_written_after_the_first_index_is_typo_tolerant_too(make_page):
    make_page("Verslag", "Het overleg ging over mobiliteit.", state="published")
    assert search("zwembadrenovatei", None).total == 0
    later = make_page("Nieuw", "De zwembadrenovatie loopt vertraging op.", state="published")
    results = search("zwembadrenovatei", None)
    assert results.fuzzy and keys(results) == [f"document:{later.id}"]


def test_a_typo_respects_the_permissions(make_page):
    make_page("Intern", "Alleen over mobiliteit.", state="private")
    assert search("mobilitiet", None).total == 0


def test_a_match_deep_in_a_long_text_is_marked_in_the_snippet(make_page):
    filler = "Het verslag van de vergadering bevat veel tekst over andere zaken. " * 400  # ~27,000 characters
    page = make_page("Lang verslag", filler + "Daarna kwam de fietssnelweg aan bod. " + filler, state="published")
    hit = search("fietssnelweg", None).hits[0]
    assert hit.id == page.id
    assert "<mark>fietssnelweg</mark>" in hit.snippet
    assert len(hit.snippet) < 600


def test_a_title_only_hit_shows_the_opening_of_its_text(make_page):
    make_page("Fietsbrug", "Het college keurde het ontwerp goed. " * 100, state="published")
    hit = search("fietsbrug", None).hits[0]
    assert "<mark>" not in hit.snippet and hit.snippet.startswith("Het college keurde het ontwerp goed.")


def test_total_facets_and_a_page_past_the_end(make_page, secretary):
    pages = [make_page(f"Fietsplan {n}", f"Plan {n} over fietspaden.", state="published" if n % 2 else "private")
             for n in range(5)]
    results = search("fietspaden", secretary, pagelen=2)
    assert results.total == 5 and results.pages == 3 and len(results.hits) == 2
    assert results.facets["state"] == {"published": 2, "private": 3}
    assert results.facets["type"] == {"document": 5}
    last = search("fietspaden", secretary, page=9, pagelen=2)
    assert last.page == 3 and len(last.hits) == 1
    every = {hit.id for n in (1, 2, 3) for hit in search("fietspaden", secretary, page=n, pagelen=2).hits}
    assert every == {page.id for page in pages}
    only = search("fietspaden", secretary, {"state": "published"})
    assert only.total == 2 and only.facets["state"] == {"published": 2}
    # the anonymous visitor counts only what he may read
    assert search("fietspaden", None).facets["state"] == {"published": 2}


def test_postgres_words_are_the_lexemes_of_the_entries(make_page, search_backend, app):
    if search_backend != "postgres":
        pytest.skip("the words table is the PostgreSQL backend's (Whoosh reads its own lexicon)")
    from sqlalchemy import text

    from app.extensions import db
    from app.search.index import reindex

    def words():
        return set(db.session.execute(text("SELECT word FROM search_words")).scalars())

    def lexemes():
        return set(db.session.execute(text(
            "SELECT DISTINCT lexeme FROM search_entries, unnest(search_vector)")).scalars())

    make_page("Verslag", "Het overleg ging over mobiliteit.", state="published")
    make_page("Nieuw", "De zwembadrenovatie loopt vertraging op.", state="published")
    assert lexemes() <= words() and {"mobiliteit", "overleg"} <= words()
    db.session.execute(text("INSERT INTO search_words (word) VALUES ('verouderd')"))
    db.session.commit()
    reindex()
    assert words() == lexemes()
