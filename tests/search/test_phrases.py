"""Phrases matched by their n-gram terms (app.search.whoosh_phrases) find exactly the documents
Whoosh's own Phrase finds: stop words, lexicon forms, compounds, repeated words, three words and
more, over segments with deleted documents; snippets still mark the phrase's words; an index from
before the n-gram fields keeps answering through Whoosh's Phrase."""
import random
from datetime import datetime

import pytest
from whoosh.query import Phrase

from app.search.whoosh_index import WhooshBackend
from app.search.whoosh_phrases import PhraseTerms, as_phrases
from app.search.whoosh_arrays import SearcherArrays, to_set
from app.search.whoosh_query import make_schema, parse
from app.search.whoosh_score import PageScorer

VOCABULARY = ("duurzame economische ontwikkeling groei goedkeuring verslag vervoerregio Leuven Tienen fietssnelweg "
              "fietssnelwegproject F25 project mobiliteitsplan mobiliteit plan steden stad jobbeurzen jobbeurs "
              "snelle regionale fietsroutes verbinden morgen de het van een in op en naar").split()
PHRASES = ('"duurzame economische ontwikkeling"', '"goedkeuring verslag"', '"goedkeuring van het verslag"',
           '"fietssnelweg F25"', '"vervoerregio Leuven"', '"fietssnelweg project"', '"mobiliteit plan"',
           '"stad jobbeurs"', '"steden jobbeurzen"', '"Leuven Leuven"', '"snelle regionale fietsroutes verbinden"',
           '"economische ontwikkeling goedkeuring verslag Tienen"', '"de het van"', '"mobiliteit de plan"',
           '"duurzame economische ontwikkeling" OR Tienen', '"vervoerregio Leuven" NOT "fietssnelweg F25"')


def _doc(n, title, text, principals=("anonymous",)):
    return {"key": f"document:{n}", "type": "document", "id": n, "title": title, "text": text, "keywords": "",
            "body": "taskforce", "year": "2024", "action_line": "", "state": "published",
            "date": datetime(2024, 1, 1 + n % 28), "url": f"/documents/{n}", "principals": list(principals),
            "parents": [], "fingerprint": str(n)}


#: documents that tell a chain of pairs (or triples) from the phrase
TRAPS = {
    1: "Duurzame economische groei en economische ontwikkeling in Leuven.",  # pairs of the phrase, not the phrase
    2: "Duurzame economische ontwikkeling in Leuven.",
    3: "Snelle regionale fietsroutes morgen regionale fietsroutes verbinden.",  # both triples, not the four words
    4: "Snelle regionale fietsroutes verbinden de steden.",
    5: "Het fietssnelwegproject F25 schiet op.",  # a compound's part before the next word
    6: "Goedkeuring van het verslag van de vorige vergadering.",  # stop words in between
}


def _backend(path) -> WhooshBackend:
    rng = random.Random(2)
    docs = [_doc(n, text[:30], text) for n, text in TRAPS.items()]
    for n in range(10, 310):
        words = [rng.choice(VOCABULARY) for _ in range(rng.choice((5, 40, 300)))]
        docs.append(_doc(n, " ".join(words[:6]), " ".join(words), rng.sample(("anonymous", "user:7"), 1)))
    whoosh = WhooshBackend(str(path))
    whoosh.rebuild(docs)
    # a second segment and deleted documents in the first
    whoosh.apply([dict(doc, text=doc["text"] + " vervoerregio Leuven") for doc in docs[20::25]],
                 [doc["key"] for doc in docs[9::40]], [])
    return whoosh


@pytest.fixture(scope="module")
def whoosh(tmp_path_factory):
    backend = _backend(tmp_path_factory.mktemp("phrases"))
    yield backend
    backend.close()


@pytest.fixture(autouse=True)
def whoosh_only(search_backend):
    if search_backend != "whoosh":
        pytest.skip("Whoosh's n-gram fields")


def _phrase_terms(query) -> list:
    found = [query] if isinstance(query, PhraseTerms) else []
    for child in query.children():
        found += _phrase_terms(child)
    return found


def _ids(searcher, docnums) -> set:
    return {searcher.stored_fields(docnum)["id"] for docnum in docnums}


def _random_phrases(count=60):
    rng = random.Random(5)
    return ['"%s"' % " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(2, 5))) for _ in range(count)]


@pytest.mark.parametrize("text", PHRASES + tuple(_random_phrases()))
def test_phrases_match_what_whooshs_phrase_matches(whoosh, text):
    searcher = whoosh._get_searcher()
    query = parse(whoosh.parser, text)
    original = query.accept(as_phrases)
    assert not _phrase_terms(original)
    arrays = SearcherArrays(searcher)
    expected = set(searcher.docs_for_query(original))
    assert arrays.docs(query) == expected, text
    if _phrase_terms(query):
        # scored as words are, over the n-gram terms, as Whoosh scores the rewritten query
        scorer = PageScorer(arrays)
        assert scorer.can_score(query)
        found, scores = scorer.scores(query)
        assert to_set(found & arrays.live) == expected, text
        for hit in searcher.search(query, limit=None):
            assert scores[hit.docnum] == pytest.approx(hit.score, rel=1e-12), text
    assert set(searcher.docs_for_query(query)) == expected, text  # Whoosh running the rewritten query
    results = whoosh.search(text, {"anonymous", "user:7"}, {}, 1, 20, "relevance")
    if expected or not results.fuzzy:  # nothing matched: the typo fallback answers
        assert results.total == len(expected) and not results.fuzzy
    assert results.fuzzy or {hit.id for hit in results.hits} <= _ids(searcher, expected)


def test_the_traps(whoosh):
    searcher = whoosh._get_searcher()

    def ids(text):
        return _ids(searcher, SearcherArrays(searcher).docs(parse(whoosh.parser, text))) & set(TRAPS)

    assert ids('"duurzame economische ontwikkeling"') == {2}
    assert ids('"economische ontwikkeling"') == {1, 2}
    assert ids('"snelle regionale fietsroutes verbinden"') == {4}
    assert ids('"regionale fietsroutes"') == {3, 4}
    assert ids('"fietssnelweg F25"') == {5}  # as Whoosh's Phrase: the part stands where its compound stood
    assert ids('"fietssnelweg project"') == set()  # the parts of one compound are not a phrase
    assert ids('"goedkeuring verslag"') == {6}
    assert ids('"goedkeuring van het verslag"') == {6}
    assert ids('"verslag goedkeuring"') == set()


def test_shapes_of_the_rewrite(whoosh):
    two = _phrase_terms(parse(whoosh.parser, '"goedkeuring verslag"'))
    assert [[(t.fieldname, t.text) for t in q.subqueries] for q in two] == [
        [("title_ngrams", "goedkeur verslag")], [("text_ngrams", "goedkeur verslag")],
        [("keywords_ngrams", "goedkeur verslag")]]
    four = _phrase_terms(parse(whoosh.parser, '"snelle regionale fietsroutes verbinden"'))
    assert [t.text for t in four[1].subqueries] == ["snell regional fietsroutes", "regional fietsroutes verbind"]
    assert not four[1].exact and two[1].exact
    # a phrase with slop stays Whoosh's
    slop = parse(whoosh.parser, '"goedkeuring verslag"~3')
    assert not _phrase_terms(slop) and any(isinstance(q, Phrase) for q in slop.children())


def test_snippets_mark_the_words_of_the_phrase(whoosh):
    results = whoosh.search('"goedkeuring van het verslag"', {"anonymous"}, {}, 1, 20, "relevance")
    trap = next(hit for hit in results.hits if hit.id == 6)
    assert "<mark>Goedkeuring</mark> van het <mark>verslag</mark>" in trap.snippet


def test_the_page_is_scored_and_ordered(whoosh):
    results = whoosh.search('"vervoerregio Leuven"', {"anonymous", "user:7"}, {}, 1, 20, "relevance")
    scores = [hit.score for hit in results.hits]
    assert results.total > 20 and len(scores) == 20
    assert all(score > 0 for score in scores) and scores == sorted(scores, reverse=True)


def test_an_index_from_before_the_ngram_fields_answers_through_whooshs_phrase(tmp_path, monkeypatch):
    from app.search import whoosh_files

    def old_schema():
        schema = make_schema()
        for name in ("title_ngrams", "text_ngrams", "keywords_ngrams"):
            schema.remove(name)
        return schema

    monkeypatch.setattr(whoosh_files, "make_schema", old_schema)
    old = _backend(tmp_path / "old")
    monkeypatch.undo()
    new = _backend(tmp_path / "new")
    try:
        assert "text_ngrams" not in old._get_searcher().schema
        for text in PHRASES:
            answers = [backend.search(text, {"anonymous", "user:7"}, {}, 1, 20, "relevance") for backend in (old, new)]
            assert (answers[0].total, answers[0].fuzzy) == (answers[1].total, answers[1].fuzzy), text
            assert {hit.id for hit in answers[0].hits} <= set(TRAPS) | set(range(10, 310))
            if answers[0].total:
                assert answers[0].hits and all(hit.score > 0 for hit in answers[0].hits), text
        # an entry written into the old index later gets no n-grams, and is found
        old.apply([_doc(400, "Nieuw", "De vervoerregio Leuven vergadert.")], [], [])
        assert 400 in {hit.id for hit in old.search('"vervoerregio Leuven"', {"anonymous"}, {}, 1, 500,
                                                        "relevance").hits}
    finally:
        old.close()
        new.close()
