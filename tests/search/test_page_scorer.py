"""whoosh_score.PageScorer (on whoosh_arrays) scores as Whoosh scores (BM25F, boosts, OR / AND / AND NOT, typo terms,
terms on any field, fields that are not scorable), ranks ties by document number and orders by
date as Whoosh's sorting collector does, on an index of two segments with deleted documents."""
import random
from collections import Counter
from datetime import datetime

import pytest
from whoosh import fields
from whoosh.filedb.filestore import RamStorage
from whoosh.query import And, AndNot, FuzzyTerm, Or, Phrase, Term

from app.search.whoosh_arrays import SearcherArrays, to_set
from app.search.whoosh_query import TypoTerm, dutch_analyzer
from app.search.whoosh_score import PageScorer

WORDS = "zorg jobbeurs leuven mobiliteit fietspad fietspaden tienen besluit verslag arbeidsmarkt de het".split()


@pytest.fixture(scope="module")
def searcher():
    analyzer = dutch_analyzer()
    schema = fields.Schema(
        key=fields.ID(stored=True, unique=True),
        title=fields.TEXT(analyzer=analyzer, stored=True, field_boost=2.0),
        text=fields.TEXT(analyzer=analyzer, stored=True),
        # a field the backend's schema does not have (as H2's word pairs), boosted
        text_pairs=fields.TEXT(analyzer=analyzer, field_boost=1.5),
        tags=fields.KEYWORD(),  # not scorable: Whoosh scores the weight
        date=fields.DATETIME(stored=True, sortable=True),
    )
    ix = RamStorage().create_index(schema)
    rng = random.Random(7)

    def doc(n, words=None):
        words = words or " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 60)))
        return {"key": str(n), "title": " ".join(words.split()[:3]), "text": words,
                "text_pairs": " ".join(words.split()[::2]), "tags": rng.choice(("a", "b", "a b")),
                "date": datetime(2020, 1 + n % 3, 1)}  # many equal dates

    writer = ix.writer()
    for n in range(300):
        # every fifth document the same text: equal scores, ranked by document number
        writer.add_document(**doc(n, "zorg leuven jobbeurs verslag" if n % 5 == 0 else None))
    writer.commit()
    writer = ix.writer()
    for n in range(0, 300, 7):
        writer.update_document(**doc(n))  # deleted in the first segment, added in a second
    writer.commit(merge=False)
    searcher = ix.searcher()
    assert len(searcher.reader().leaf_readers()) == 2 and searcher.reader().has_deletions()
    yield searcher
    searcher.close()


QUERIES = [
    Term("text", "zorg"),
    Or([Term("title", "zorg"), Term("text", "zorg"), Term("text_pairs", "zorg")]),
    And([Or([Term("title", "zorg"), Term("text", "jobbeur")]), Term("text", "leuv")]),
    Or([And([Term("text", "zorg"), Term("text", "tien")]), Term("title", "besluit", boost=3.0)], boost=0.5),
    AndNot(Or([Term("text", "mobiliteit"), Term("text_pairs", "verslag")]), Term("text", "fietspad")),
    Or([AndNot(Term("text", "leuv"), Term("title", "zorg")), Term("tags", "b")]),
    Or([TypoTerm("text", "mobilitiet", maxdist=2, prefixlength=1), TypoTerm("title", "arbiedsmarkt", maxdist=2,
                                                                            prefixlength=1, boost=2.0)]),
    Term("text", "onbestaand"),
]


def whoosh_fuzzy(node):
    if isinstance(node, FuzzyTerm):
        return FuzzyTerm(node.fieldname, node.text, boost=node.boost, maxdist=node.maxdist,
                         prefixlength=node.prefixlength, constantscore=node.constantscore)
    return node


@pytest.mark.parametrize("query", QUERIES, ids=str)
def test_scores_and_page_as_whoosh_ranks_every_match(searcher, query, search_backend):
    if search_backend != "whoosh":
        pytest.skip("the Whoosh backend's scorer")
    scorer = PageScorer(SearcherArrays(searcher))
    assert scorer.can_score(query)
    expected = searcher.search(query.accept(whoosh_fuzzy), limit=None)
    found, scores = scorer.scores(query)
    matched = found & scorer.arrays.live
    assert to_set(matched) == {hit.docnum for hit in expected} == scorer.arrays.docs(query)
    for hit in expected:
        assert scores[hit.docnum] == pytest.approx(hit.score, rel=1e-12), hit.docnum
    ranked = scorer.top(scores, matched, 25)
    want = [(hit.score, hit.docnum) for hit in expected][:25]
    assert len(ranked) == len(want)
    for (docnum, score), (want_score, want_doc) in zip(ranked, want):
        assert score == pytest.approx(want_score, rel=1e-12)
        if abs(score - want_score) == 0 and docnum != want_doc:
            raise AssertionError((docnum, want_doc))


def test_ties_come_by_document_number(searcher, search_backend):
    if search_backend != "whoosh":
        pytest.skip("the Whoosh backend's scorer")
    scorer = PageScorer(SearcherArrays(searcher))
    query = And([Term("text", "zorg"), Term("text", "jobbeur"), Term("text", "verslag")])
    found, scores = scorer.scores(query)
    matched = found & scorer.arrays.live
    ranked = [docnum for docnum, _score in scorer.top(scores, matched, 40)]
    tied = Counter(scores[docnum] for docnum in ranked).most_common(1)[0][0]  # the identical texts
    same = [docnum for docnum in ranked if scores[docnum] == tied]
    assert len(same) > 5 and same == sorted(same)
    assert ranked == [hit.docnum for hit in searcher.search(query, limit=None)][:40]


@pytest.mark.parametrize("newest_first", [True, False])
@pytest.mark.parametrize("query", [
    Or([Term("text", "zorg"), Term("text", "leuv")]),
    And([Term("title", "besluit"), Term("text", "tien"), Term("text", "verslag")]),
], ids=("many", "few"))
def test_date_order_as_whoosh_sorts(searcher, newest_first, query, search_backend):
    if search_backend != "whoosh":
        pytest.skip("the Whoosh backend's scorer")
    arrays = SearcherArrays(searcher)
    matched = arrays.mask(query)
    assert 3 < matched.sum()
    expected = searcher.search(query, limit=None, sortedby="date", reverse=newest_first)
    assert arrays.by_date(matched, 60, newest_first) == [hit.docnum for hit in expected][:60]


def test_what_the_scorer_leaves_to_whoosh(searcher, search_backend):
    if search_backend != "whoosh":
        pytest.skip("the Whoosh backend's scorer")
    scorer = PageScorer(SearcherArrays(searcher))
    assert not scorer.can_score(Phrase("text", ["zorg", "leuv"]))
    assert not scorer.can_score(Or([Term("text", "zorg"), Term("text", "leuv")], scale=0.9))
    assert not scorer.can_score(Term("unknown_field", "zorg"))
    assert scorer.can_score(Or([Term("text", "zorg"), Term("text_pairs", "leuv")]))
