"""Whoosh's documents as numpy arrays, one set per searcher: which documents a query matches (a
boolean mask over the document numbers), the documents each set of principals may read, the facet
values and the date order.

Whoosh matches a query document by document through a tree of matchers in Python (a method call per
posting per level); at 100,000 entries that, the facet counts and the ranking took most of a query's
time and grew with its matches. Here a term's postings are read a block at a time (ids and weights as
arrays), OR / AND / AND NOT are `|`, `&` and `& ~` on masks, a facet count is a `bincount` of the
matches' value codes, and the first of the date order a slice. The same documents come out as
Whoosh's `docs_for_query` gives (tests/search/test_same_answers.py).
"""
from bisect import bisect_left
from itertools import accumulate

import numpy as np
from whoosh.columns import NumericColumn
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query import And, AndNot, Every, Or, Term
from whoosh.reading import TermNotFound

from app.search.results import FACETS
from app.search.whoosh_phrases import PhraseTerms, verify_positions
from app.search.whoosh_query import TypoTerm


class SearcherArrays:
    """Built once per searcher (a new one after every change of the index)."""

    def __init__(self, searcher):
        self.searcher = searcher
        self.schema = searcher.schema
        #: (segment reader, first document number, documents in the segment, deleted ones included)
        self.leaves = [(reader, offset, reader.doc_count_all()) for reader, offset in searcher.reader().leaf_readers()]
        self.size = sum(count for _reader, _offset, count in self.leaves)
        self.live = np.ones(self.size, dtype=bool)
        for reader, offset, count in self.leaves:
            if not reader.has_deletions():
                continue
            deleted = getattr(reader, "deleted_docs_set", None)
            if deleted is None:
                deleted = [d for d in range(count) if reader.is_deleted(d)]
            if deleted:
                self.live[np.fromiter(deleted, dtype=np.int64, count=len(deleted)) + offset] = False
        self._allowed: dict[frozenset, np.ndarray] = {}
        self._facets: dict[str, tuple[np.ndarray, list]] | None = None
        self._date_order: np.ndarray | None = None

    # --- postings --------------------------------------------------------------------------------

    def postings(self, fieldname: str, btext, leaves=None) -> tuple[np.ndarray, np.ndarray]:
        """A term's (document numbers, weights) over `leaves` (default: every segment), deleted
        documents included."""
        all_ids, all_weights = [], []
        for reader, offset, _count in self.leaves if leaves is None else leaves:
            ids, weights = segment_postings(reader, fieldname, btext)
            if ids:
                all_ids.append(np.array(ids, dtype=np.int64) + offset)
                all_weights.append(np.array(weights, dtype=np.float64))
        if not all_ids:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
        if len(all_ids) == 1:
            return all_ids[0], all_weights[0]
        return np.concatenate(all_ids), np.concatenate(all_weights)

    def term_mask(self, fieldname: str, text) -> np.ndarray:
        """The documents holding a term (deleted ones included)."""
        mask = np.zeros(self.size, dtype=bool)
        try:
            btext = self.schema[fieldname].to_bytes(text) if fieldname in self.schema else None
        except ValueError:
            btext = None
        if btext is not None:
            for reader, offset, _count in self.leaves:
                ids = segment_ids(reader, fieldname, btext)
                if ids:
                    mask[np.array(ids, dtype=np.int64) + offset] = True
        return mask

    # --- matching --------------------------------------------------------------------------------

    def mask(self, query) -> np.ndarray:
        """The documents matching `query` (deleted ones left out). Terms, OR, AND, AND NOT, typo
        terms (the union of the words they expand to, segment by segment) and phrases (their n-gram
        terms, positions checked for four words and more; Whoosh's Phrase on an index without
        n-grams) as arrays; any other kind through Whoosh."""
        return self._mask(query) & self.live

    def docs(self, query) -> set:
        """The same as a set of document numbers."""
        return to_set(self.mask(query))

    def _mask(self, query) -> np.ndarray:
        if isinstance(query, PhraseTerms):
            return self._phrase_mask(query)
        if isinstance(query, Or) and query.subqueries:
            return np.logical_or.reduce([self._mask(sub) for sub in query.subqueries])
        if isinstance(query, And) and query.subqueries:
            return np.logical_and.reduce([self._mask(sub) for sub in query.subqueries])
        if isinstance(query, AndNot):
            return self._mask(query.a) & ~self._mask(query.b)
        if type(query) is Term:
            return self.term_mask(query.fieldname, query.text)
        if isinstance(query, TypoTerm):
            return self._typo_mask(query)
        if isinstance(query, Every):
            return self.live.copy()
        return self.from_docs(self.searcher.docs_for_query(query))

    def _phrase_mask(self, query: PhraseTerms) -> np.ndarray:
        if not query.available(self.schema):
            return self.from_docs(self.searcher.docs_for_query(query.phrase))
        found = np.logical_and.reduce([self.term_mask(term.fieldname, term.text) for term in query.subqueries])
        return found if query.exact else self.verify_positions(query, found)

    def verify_positions(self, query: PhraseTerms, found: np.ndarray) -> np.ndarray:
        """`found` (the documents holding all of a long phrase's n-grams) less those where its words
        are not at consecutive positions, segment by segment."""
        for reader, offset, count in self.leaves:
            candidates = np.flatnonzero(found[offset:offset + count])
            if len(candidates):
                kept = verify_positions(reader, query.phrase.fieldname, query.phrase.words, set(candidates.tolist()))
                found[offset:offset + count] = False
                if kept:
                    found[np.fromiter(kept, dtype=np.int64, count=len(kept)) + offset] = True
        return found

    def _typo_mask(self, query: TypoTerm) -> np.ndarray:
        found = np.zeros(self.size, dtype=bool)
        for leaf in self.leaves:
            for word in query._btexts(leaf[0]):
                ids = segment_ids(leaf[0], query.fieldname, word)
                if ids:
                    found[np.array(ids, dtype=np.int64) + leaf[1]] = True
        return found

    def from_docs(self, docs) -> np.ndarray:
        mask = np.zeros(self.size, dtype=bool)
        docs = np.fromiter(docs, dtype=np.int64)
        if len(docs):
            mask[docs] = True
        return mask

    # --- who may read what -----------------------------------------------------------------------

    def allowed(self, principals: frozenset) -> np.ndarray:
        """The documents these principals may read (never a deleted one), cached per searcher."""
        found = self._allowed.get(principals)
        if found is None:
            found = self.mask(Or([Term("principals", p) for p in sorted(principals)]))
            found.flags.writeable = False
            self._allowed[principals] = found
        return found

    # --- facets ----------------------------------------------------------------------------------

    def facet_counts(self, matched: np.ndarray) -> dict[str, dict[str, int]]:
        """Per facet, value -> how many of `matched` have it (values no match has left out)."""
        counts = {}
        for name, (codes, labels) in self._facet_codes().items():
            found = np.bincount(codes[matched], minlength=len(labels))
            counts[name] = {labels[code]: int(found[code]) for code in np.flatnonzero(found[1:]) + 1}
        return counts

    def facet_mask(self, filters: dict) -> np.ndarray | None:
        """The documents with every facet value of `filters` (facet name -> value; empty values
        ignored); None without a filter."""
        found = None
        for name, value in filters.items():
            if value and name in FACETS:
                codes, labels = self._facet_codes()[name]
                code = labels.index(str(value)) if str(value) in labels else -1
                mask = codes == code
                found = mask if found is None else found & mask
        return found

    def _facet_codes(self) -> dict[str, tuple[np.ndarray, list]]:
        """Per facet, the code of every document's value (0: none) and the values by code: from
        each value's postings, once per searcher."""
        if self._facets is None:
            facets = {}
            for name in FACETS:
                codes = np.zeros(self.size, dtype=np.int32)
                labels = [""]
                for value in self.searcher.lexicon(name):
                    text = value.decode("utf-8")
                    if text:
                        labels.append(text)
                        codes[self.term_mask(name, text)] = len(labels) - 1
                facets[name] = codes, labels
            self._facets = facets
        return self._facets

    # --- date order ------------------------------------------------------------------------------

    def by_date(self, matched: np.ndarray, k: int, newest_first: bool) -> list[int]:
        """The first `k` of `matched` in Whoosh's date order (sortedby="date": the date column's
        sort key, ties by document number; both reversed for newest first)."""
        order = self._date_order
        if order is None:
            keys = [column_values(reader.column_reader("date", reverse=False, translate=False), count)
                    for reader, _offset, count in self.leaves]
            keys = np.concatenate(keys) if keys else np.empty(0)
            order = self._date_order = np.lexsort((np.arange(self.size), keys))
        if newest_first:
            order = order[::-1]
        return order[matched[order]][:k].tolist()


def match_starts(searcher, fieldname: str, words, docnums: list) -> dict[int, list[int]] | None:
    """Per document of `docnums`, the sorted start characters of the words of `fieldname` whose
    terms are among `words`, from the characters the index stores with each posting (what the
    snippets need to read only the text around them); None when the field stores none (an index
    built before it did)."""
    field = searcher.schema[fieldname] if fieldname in searcher.schema else None
    if field is None or not field.format.supports("characters"):
        return None
    found = {docnum: set() for docnum in docnums}
    terms = [field.to_bytes(word) for word in words]
    for reader, offset in searcher.reader().leaf_readers():
        count = reader.doc_count_all()
        docs = sorted(docnum - offset for docnum in docnums if offset <= docnum < offset + count)
        if not docs:
            continue
        for term in terms:
            postings = _leaf_postings(reader, fieldname, term)
            if postings is None:
                continue
            for doc, value in _values_at(postings, docs):
                found[doc + offset].update(start for _pos, start, _end in field.format.decode_characters(value))
    return {docnum: sorted(starts) for docnum, starts in found.items()}


def _values_at(postings, docs: list):
    """(document, posting value) for those of `docs` (ascending) the postings hold: whoosh3's
    blocks are skipped by their last id and searched with bisect (Whoosh's skip_to steps through a
    block one posting at a time, in Python)."""
    if not _blocked(postings) or postings._i or postings._ids is not None:
        for doc in docs:
            if not postings.is_active():
                return
            if postings.id() < doc:
                postings.skip_to(doc)
            if postings.is_active() and postings.id() == doc:
                yield doc, postings.value()
        return
    for doc in docs:
        while postings.is_active() and postings._maxid < doc:
            postings._next_block()
        if not postings.is_active():
            return
        if postings._ids is None:
            postings._read_ids()
        i = bisect_left(postings._ids, doc)
        if i < len(postings._ids) and postings._ids[i] == doc:
            if postings._values is None:
                postings._read_values()
            yield doc, postings._values[i]


def to_set(mask: np.ndarray) -> set:
    return set(np.flatnonzero(mask).tolist())


def column_values(column, count: int) -> np.ndarray:
    """The sort keys of a column reader for a segment's `count` documents: read as one array when
    Whoosh stores them as fixed-width numbers, else one at a time."""
    if type(column) is NumericColumn.Reader and column._typecode in "bBhHiIlLqQfd":
        stored = min(column._count, count)
        raw = column._dbfile.get(column._basepos, stored * column._fixedlen)
        values = np.frombuffer(raw, dtype=">" + column._typecode).copy()  # not a view of the segment's file
        if stored < count:
            values = np.concatenate([values, np.full(count - stored, column._default, dtype=values.dtype)])
        return values
    return np.array([column.sort_key(d) for d in range(count)])


def segment_postings(reader, fieldname: str, btext) -> tuple[list, list]:
    """A term's (document numbers, weights) in one segment, deleted documents included, read a
    block at a time."""
    postings = _leaf_postings(reader, fieldname, btext)
    ids, weights = [], []
    if postings is None:
        return ids, weights
    if _blocked(postings):
        # whoosh3 blocks: the ids delta-encoded (Whoosh decodes them with a Python generator, here
        # itertools.accumulate), the weights None (all 1.0), one float for all, or a tuple
        while postings.is_active():
            if postings._i:
                return _stepped(postings, ids, weights)  # a block already being stepped through: not ours
            if postings._data is None:
                postings._read_data()
            block_ids, block_weights = postings._data[0], postings._data[1]
            if postings._ids is not None:  # decoded already (Whoosh reads the first block's ids at once)
                ids.extend(postings._ids)
            else:
                ids.extend(block_ids if postings._byteids else accumulate(block_ids))
            if block_weights is None or isinstance(block_weights, float):
                weights.extend([1.0 if block_weights is None else block_weights] * postings._blocklength)
            else:
                weights.extend(block_weights)
            postings._next_block()
        return ids, weights
    return _stepped(postings, ids, weights)


def segment_ids(reader, fieldname: str, btext) -> list:
    """A term's document numbers in one segment, deleted documents included."""
    postings = _leaf_postings(reader, fieldname, btext)
    if postings is None:
        return []
    if not _blocked(postings):
        return list(postings.all_ids())
    ids = []
    while postings.is_active():
        if postings._ids is None:
            postings._read_ids()
        ids.extend(postings._ids[postings._i:])
        postings._next_block()
    return ids


def _leaf_postings(reader, fieldname: str, btext):
    try:
        postings = reader.postings(fieldname, btext)
    except TermNotFound:
        return None
    return postings.child if isinstance(postings, FilterMatcher) else postings


def _blocked(postings) -> bool:
    return all(hasattr(postings, name) for name in ("_read_data", "_read_ids", "_read_values", "_data", "_byteids",
                                                     "_blocklength", "_next_block", "_maxid"))


def _stepped(postings, ids: list, weights: list) -> tuple[list, list]:
    """The rest of the postings, one at a time (any matcher)."""
    while postings.is_active():
        ids.append(postings.id())
        weights.append(postings.weight())
        postings.next()
    return ids, weights
