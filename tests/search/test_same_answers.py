"""The Whoosh backend's fast paths (set matching, facet columns, cached permission sets, its own
BM25F scoring of the shown page and date order, snippets without Whoosh's analyzer pass) give what
plain Whoosh gives for the same parsed query: the same total, facet counts, hits in the same order
and the same highlighted snippets.

The reference order is Whoosh ranking ALL matches (limit=None; ties by document number): Whoosh's
own top-k skips blocks of postings by their quality and is not exact (its top 20 for
`(zorg OR jobbeurs) AND leuven` misses a document it ranks 8th over every match). Whoosh adds a
node's scores in a tree order of its own, so two hits whose scores differ by no more than 1e-12
(relative) may come in either order; everything else must match exactly.

Phrases, matched by their n-gram terms (whoosh_phrases), are compared with Whoosh's own Phrase: the
same total, facets and snippets, hits among Whoosh's (the order follows the n-gram terms' scores)."""
import random
from datetime import datetime

import pytest
from whoosh import sorting
from whoosh.highlight import ContextFragmenter
from whoosh.query import Every, FuzzyTerm, Or, Term

from app.search.results import FACETS
from app.search.whoosh_index import WhooshBackend
from app.search.whoosh_phrases import as_phrases
from app.search.whoosh_query import MarkFormatter, fuzzy_query, parse

WORDS = ("mobiliteit fietssnelweg fietspaden fietspad arbeidsmarkt zorg kenniseconomie vergaderingen vergadering "
         "besluiten besluit duurzame economische ontwikkeling goedkeuring verslag vervoerregio Leuven Tienen "
         "CAFÉ geïnteresseerd de het een van in op voor en met knelpuntberoepen opleidingen bedrijventerreinen "
         "leegstand begroting straat straten jobbeurs F25 agrovoeding brownfields 2024 e-mail").split()
PRINCIPALS = ("anonymous", "authenticated", "group:taskforce", "group:bureau", "user:7")
QUERIES = ("mobiliteit", "fietspaden", "vergaderingen", "straat", "cafe", "Leuven", '"duurzame economische ontwikkeling"',
           '"vervoerregio Leuven"', "arbeidsmarkt AND zorg", "mobiliteit NOT fiets", "mobiliteit OR besluiten",
           "(zorg OR jobbeurs) AND leuven", "mobilitiet", "arbiedsmarkt", "fietspad~", "de", "", "onbestaandwoord")


def _text(rng, words):
    sentences = []
    for _ in range(words // 12 + 1):
        sentence = " ".join(rng.choice(WORDS) for _ in range(12))
        sentences.append(sentence[0].upper() + sentence[1:] + rng.choice((".", ";", "!", ",")))
    return " ".join(sentences)


def make_backend(path) -> WhooshBackend:
    """An index of 250 entries of random sentences (short to past the highlighter's 32,768
    characters), mixed principals and facets."""
    rng = random.Random(16)
    docs = []
    for n in range(250):
        principals = rng.sample(PRINCIPALS, rng.randint(1, 2))
        docs.append({
            "key": f"document:{n}", "type": rng.choice(("document", "decision", "agenda_item", "minutes")),
            "id": n, "title": _text(rng, 4)[:60],
            "text": _text(rng, 6000 if n % 100 == 7 else rng.choice((10, 60, 400, 2000))),
            "body": rng.choice(("taskforce", "bureau", "")), "year": str(rng.randint(2019, 2024)),
            "action_line": rng.choice(("1", "2", "3", "")), "state": rng.choice(("published", "private")),
            "date": datetime(2019 + n % 6, 1 + n % 12, 1 + n % 28), "url": f"/documents/{n}",
            "principals": principals, "parents": [], "fingerprint": str(n),
        })
    whoosh = WhooshBackend(str(path))
    whoosh.rebuild(docs)
    # a second segment, and deleted documents in the first: every tenth entry updated, a few removed
    updated = [dict(doc, text=_text(rng, 80), principals=["anonymous"]) for doc in docs[::10]]
    whoosh.apply(updated, [doc["key"] for doc in docs[5:250:40]], [])
    return whoosh


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    whoosh = make_backend(tmp_path_factory.mktemp("index"))
    yield whoosh
    whoosh.close()


def whoosh_fuzzy(node):
    """The app's typo terms as Whoosh's own FuzzyTerm."""
    if isinstance(node, FuzzyTerm):
        return FuzzyTerm(node.fieldname, node.text, boost=node.boost, maxdist=node.maxdist,
                         prefixlength=node.prefixlength, constantscore=node.constantscore)
    return node


def plain_whoosh(backend, text, principals, filters, page, sort, every_hit=False):
    """What Whoosh itself answers: its matcher (its own Phrase), facet collector and highlighter;
    with `every_hit` all the matches rather than the page."""
    searcher = backend._get_searcher()
    allowed = set(searcher.docs_for_query(Or([Term("principals", p) for p in principals])))
    for name, value in filters.items():
        allowed &= set(searcher.docs_for_query(Term(name, value)))
    query = parse(backend.parser, text).accept(whoosh_fuzzy).accept(as_phrases) if text else Every()
    if not text and sort == "relevance":
        sort = "date"
    kwargs = {"date": {"sortedby": "date", "reverse": True}, "date_asc": {"sortedby": "date"}}.get(sort, {})
    facets = sorting.Facets()
    for name in FACETS:
        facets.add_facet(name, sorting.FieldFacet(name, maptype=sorting.Count))
    if text and searcher.search(query, limit=1, filter=allowed or {-1}).is_empty():
        query = fuzzy_query(text).accept(whoosh_fuzzy)
    # the facets from Whoosh's facet collector over every match; the hits from Whoosh ranking every
    # match (its top-k with block skipping is not exact)
    grouped = searcher.search(query, limit=1, filter=allowed or {-1}, groupedby=facets)
    counts = {name: {k: v for k, v in grouped.groups(name).items() if k} for name in FACETS}
    results = searcher.search(query, limit=None, filter=allowed or {-1}, **kwargs)
    results.fragmenter = ContextFragmenter(maxchars=220, surround=50)
    results.formatter = MarkFormatter()
    shown = results if every_hit else results[(page - 1) * 20: page * 20]
    hits = [(f"{hit['type']}:{hit['id']}", hit.highlights("text", top=2) if text else None, hit.score)
            for hit in shown]
    # the reference's next hit too: a near tie across the page's end may swap
    after = [] if every_hit else [(f"{hit['type']}:{hit['id']}", None, hit.score)
                                  for hit in results[page * 20: page * 20 + 1]]
    return len(grouped), counts, hits, after


def near(a, b) -> bool:
    return a is not None and b is not None and abs(a - b) <= 1e-12 * max(abs(a), abs(b))


def assert_same_order(got, expected, after, text):
    """`got` (key, score) is `expected` (key, snippet, score) in order, except that hits whose
    reference scores are within 1e-12 of each other may come in either order."""
    assert len(got) == len(expected), text
    pool = expected + after
    for n, (key, score) in enumerate(got):
        if key == pool[n][0]:
            if score and pool[n][2] is not None:
                assert near(score, pool[n][2]), (text, key, score, pool[n][2])
            continue
        # a swap is allowed only inside a group of near-equal reference scores
        group = [item[0] for item in pool if near(item[2], pool[n][2])]
        assert key in group, (text, n, key, [item[0] for item in expected])


@pytest.mark.parametrize("principals", [("anonymous",), ("authenticated", "group:taskforce"), PRINCIPALS])
def test_the_backend_answers_as_plain_whoosh(backend, principals, search_backend):
    if search_backend != "whoosh":
        pytest.skip("the Whoosh backend's own fast paths")
    cases = [(q, {}, 1, "relevance") for q in QUERIES]
    cases += [("mobiliteit", {"type": "decision"}, 1, "relevance"), ("mobiliteit", {}, 2, "relevance"),
              ("zorg", {"body": "taskforce", "year": "2021"}, 1, "relevance"), ("leuven", {}, 1, "date"),
              ("", {"type": "document"}, 1, "relevance"), ("", {}, 3, "date"), ("", {}, 2, "date_asc"),
              ("mobiliteit OR besluiten", {}, 2, "date_asc"), ("(zorg OR jobbeurs) AND leuven", {}, 2, "relevance"),
              ("mobilitiet", {}, 2, "relevance")]
    checked_snippets = 0
    for text, filters, page, sort in cases:
        phrase = '"' in text
        total, counts, hits, after = plain_whoosh(backend, text, principals, filters, page, sort, every_hit=phrase)
        results = backend.search(text, set(principals), filters, page, 20, sort)
        assert results.total == total, text
        assert {name: results.facets.get(name, {}) for name in FACETS} == counts, text
        if phrase:
            # the same set of matches; the page is ranked by the n-gram terms, each hit one of Whoosh's
            assert len(results.hits) == min(20, max(0, total - (page - 1) * 20)), text
            whoosh_keys = {key for key, _snippet, _score in hits}
            assert {f"{hit.type}:{hit.id}" for hit in results.hits} <= whoosh_keys, text
        else:
            got = [(f"{hit.type}:{hit.id}", hit.score) for hit in results.hits]
            assert_same_order(got, hits, after, text)
        by_key = {key: snippet for key, snippet, _score in hits}
        for hit in results.hits:
            snippet = by_key.get(f"{hit.type}:{hit.id}")
            if snippet:
                assert hit.snippet == snippet, (text, hit.id)
                checked_snippets += 1
    assert checked_snippets > 80
