"""The shown page of a terms-only query, ranked as plain Whoosh ranks every match (BM25F, ties by
document number), without Whoosh's collector.

Whoosh scores a query document by document through a tree of matchers in Python (a method call
per posting per level), and its top-k skips blocks of postings whose quality cannot reach the top,
which is not exact. Here each term's postings are read a block at a time (ids and weights as
arrays) and scored in one comprehension with BM25F as Whoosh computes it:

    idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))

idf and the average field length from the top-level searcher (Whoosh's own functions), tf the
posting's weight (field boosts are applied to the weights when indexing), fl the document's field
length as the index stores it (quantised to a byte), so K1 * ((1 - B) + B * fl / avgfl) is one of
256 numbers per field, computed once per searcher. OR adds its matching subqueries' scores, AND
adds all of them, AND NOT keeps the first's; boosts multiply. Terms on any field work (a field that
is not scorable scores its weight, as Whoosh's WeightScorer does). Whoosh adds a node's scores in
a tree order of its own, so a score may differ from Whoosh's in the last bit (1e-16 relative).

Also the per-searcher date order (the key Whoosh's date sort uses, ties by document number).
"""
import heapq
from array import array
from itertools import accumulate, islice

from whoosh.matching.wrappers import FilterMatcher
from whoosh.query import And, AndNot, Or, Term
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

from app.search.whoosh_query import TypoTerm, matching


class PageScorer:
    """Built once per searcher; holds that searcher's field-length norms and date order."""

    def __init__(self, searcher):
        self.searcher = searcher
        self.schema = searcher.schema
        self.weighting = searcher.weighting
        self.leaves = list(searcher.reader().leaf_readers())
        self._norms: dict[str, list] = {}
        self._ranks: dict[bool, tuple[list, list]] = {}

    # --- what can be scored here ---------------------------------------------------------------

    def can_score(self, query) -> bool:
        """Terms (typo terms too) on fields of the schema joined by OR, AND and AND NOT, scored
        with Whoosh's default BM25F; anything else (phrases, a coordination bonus) goes through
        Whoosh."""
        return type(self.weighting) is BM25F and self._supported(query)

    def _supported(self, query) -> bool:
        if type(query) in (Or, And):
            if getattr(query, "scale", None) or getattr(query, "minmatch", 0):
                return False
            return bool(query.subqueries) and all(self._supported(sub) for sub in query.subqueries)
        if type(query) is AndNot:
            return self._supported(query.a) and self._supported(query.b)
        if type(query) in (Term, TypoTerm):
            return query.fieldname in self.schema
        return False

    # --- scores ----------------------------------------------------------------------------------

    def scores(self, query) -> dict:
        """document number -> score, for every document matching `query` (deleted ones may be
        among them: the caller ranks only its matched set)."""
        kind = type(query)
        if kind is Term:
            return self._term_scores(query.fieldname, query.text, query.boost)
        if kind is TypoTerm:
            return self._typo_scores(query)
        if kind is AndNot:
            excluded = matching(self.searcher, query.b)
            return {d: s for d, s in self.scores(query.a).items() if d not in excluded}
        parts = [self.scores(sub) for sub in query.subqueries]
        if kind is Or:
            found = _add(parts)
        else:
            common = set(min(parts, key=len)).intersection(*parts)
            found = _add([{d: part[d] for d in common} for part in parts])
        if query.boost != 1.0:
            boost = query.boost
            found = {d: s * boost for d, s in found.items()}
        return found

    def _term_scores(self, fieldname: str, text, boost: float = 1.0, leaves=None) -> dict:
        field = self.schema[fieldname]
        try:
            btext = field.to_bytes(text)
        except ValueError:
            return {}
        found = {}
        leaves = self.leaves if leaves is None else leaves
        scorable = field.scorable
        if scorable:
            norms = self._field_norms(fieldname)
            idf = self.searcher.idf(fieldname, btext)
            k1p1 = self.weighting.K1 + 1
        for reader, offset in leaves:
            ids, weights = _postings(reader, fieldname, btext)
            if not ids:
                continue
            if offset:
                ids = [d + offset for d in ids]
            if scorable:
                values = [idf * ((w * k1p1) / (w + norms[d])) for d, w in zip(ids, weights)]
            else:
                values = list(weights)  # WeightScorer: the weight is the score
            found.update(zip(ids, values))
        if boost != 1.0:
            found = {d: s * boost for d, s in found.items()}
        return found

    def _typo_scores(self, query: TypoTerm) -> dict:
        """Per segment, the words the typo term expands to there, OR-ed as Whoosh's MultiTerm does
        (its boost only when there is more than one word)."""
        found = {}
        for leaf in self.leaves:
            words = [word for word in query._btexts(leaf[0]) if word]
            parts = [self._term_scores(query.fieldname, word, 1.0, [leaf]) for word in words]
            segment = _add(parts) if parts else {}
            if len(words) > 1 and query.boost != 1.0:
                segment = {d: s * query.boost for d, s in segment.items()}
            found.update(segment)
        return found

    def _field_norms(self, fieldname: str) -> list:
        """K1 * ((1 - B) + B * fl / avgfl) per document number (all segments, deleted ones too)."""
        norms = self._norms.get(fieldname)
        if norms is None:
            weighting = self.weighting
            b = weighting._field_B.get(fieldname, weighting.B)
            k1 = weighting.K1
            avgfl = self.searcher.avg_field_length(fieldname) or 1
            table = [k1 * ((1 - b) + b * byte_to_length(byte) / avgfl) for byte in range(256)]
            norms = []
            for reader, _offset in self.leaves:
                norms.extend(table[byte] for byte in _length_bytes(reader, fieldname))
            self._norms[fieldname] = norms
        return norms

    # --- pages -----------------------------------------------------------------------------------

    def page(self, query, matched: set, scored, scores: dict | None, limit: int, sort_kwargs: dict) -> list:
        """The first `limit` of `matched` as (document number, score): by relevance from `scores`
        (as Whoosh ranks every match), by date from the per-searcher date order, or from
        Whoosh's own results `scored` (phrases), searched here when not given."""
        if scores is not None:
            return self.top(scores, matched, limit)
        if scored is None:
            if "sortedby" in sort_kwargs:
                newest_first = sort_kwargs.get("reverse", False)
                return [(docnum, 0.0) for docnum in self.by_date(matched, limit, newest_first)]
            scored = self.searcher.search(query, limit=None, filter=matched, **sort_kwargs)
        return [(hit.docnum, hit.score) for hit in scored[:limit]]

    @staticmethod
    def top(scores: dict, matched: set, k: int) -> list[tuple[int, float]]:
        """The best `k` of `matched` (a subset of the keys of `scores`) as (document number,
        score): highest score first, ties by document number, as Whoosh ranks every match."""
        get = scores.__getitem__
        best = heapq.nlargest(k, matched, key=get)
        if not best:
            return []
        threshold = get(best[-1])
        tied = [d for d in matched if get(d) >= threshold]
        tied.sort(key=lambda d: (-get(d), d))
        return [(d, get(d)) for d in tied[:k]]

    def by_date(self, matched: set, k: int, newest_first: bool) -> list[int]:
        """The first `k` of `matched` in Whoosh's date order (sortedby="date")."""
        found = self._ranks.get(newest_first)
        if found is None:
            found = self._date_rank(newest_first)
        order, rank = found
        if len(matched) * 8 >= len(order):
            # many matches (browsing): the first k of the date order that match, found early
            return list(islice(filter(matched.__contains__, order), k))
        return heapq.nsmallest(k, matched, key=rank.__getitem__)

    def _date_rank(self, newest_first: bool) -> tuple[list, list]:
        """Every document in the order of (the date column's sort key, document number), reversed
        for newest first (what Whoosh's sorting collector sorts by), and each one's position."""
        items = []
        for reader, offset in self.leaves:
            column = reader.column_reader("date", reverse=False, translate=False)
            items.extend((column.sort_key(d), offset + d) for d in range(reader.doc_count_all()))
        items.sort(reverse=newest_first)
        order = [docnum for _key, docnum in items]
        rank = [0] * len(order)
        for position, docnum in enumerate(order):
            rank[docnum] = position
        self._ranks[newest_first] = order, rank
        return order, rank


def _add(parts: list[dict]) -> dict:
    """The sum per document of the dicts in `parts` (a document missing from one adds nothing)."""
    found = dict(parts[0])
    for part in parts[1:]:
        get = found.get
        found.update({d: get(d, 0.0) + s for d, s in part.items()})
    return found


def _postings(reader, fieldname: str, btext) -> tuple[list, list]:
    """A term's (document numbers, weights) in one segment, deleted documents included, read a
    block at a time."""
    try:
        postings = reader.postings(fieldname, btext)
    except TermNotFound:
        return [], []
    if isinstance(postings, FilterMatcher):
        postings = postings.child
    ids, weights = [], []
    if all(hasattr(postings, name) for name in ("_read_data", "_data", "_byteids", "_blocklength", "_next_block")):
        # whoosh3 blocks: the ids delta-encoded (Whoosh decodes them with a Python generator, here
        # itertools.accumulate), the weights None (all 1.0), one float for all, or an array
        while postings.is_active():
            if postings._i or postings._ids is not None or postings._weights is not None:
                return _stepped(postings, ids, weights)  # a block already being read: not ours
            if postings._data is None:
                postings._read_data()
            block_ids, block_weights = postings._data[0], postings._data[1]
            ids.extend(block_ids if postings._byteids else accumulate(block_ids))
            if block_weights is None or isinstance(block_weights, float):
                # as Whoosh stores it for scoring: a 32-bit float
                weight = 1.0 if block_weights is None else array("f", [block_weights])[0]
                weights.extend([weight] * postings._blocklength)
            else:
                weights.extend(block_weights)
            postings._next_block()
        return ids, weights
    return _stepped(postings, ids, weights)


def _stepped(postings, ids: list, weights: list) -> tuple[list, list]:
    """The rest of the postings, one at a time (any matcher)."""
    while postings.is_active():
        ids.append(postings.id())
        weights.append(postings.weight())
        postings.next()
    return ids, weights


def _length_bytes(reader, fieldname: str):
    """The segment's stored (byte-quantised) length of `fieldname` per document; zeros when the
    field has none."""
    count = reader.doc_count_all()
    column = None
    if hasattr(reader, "_cached_reader"):
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
        column = reader._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if column is None:
        from whoosh.util.numeric import length_to_byte
        return [length_to_byte(reader.doc_field_length(d, fieldname, 0) or 0) for d in range(count)]
    return [column[d] for d in range(count)]
