"""The shown page of a terms-only query (phrases as their n-gram terms included), ranked as plain
Whoosh ranks every match (BM25F, ties by document number), without Whoosh's collector.

Whoosh scores a query document by document through a tree of matchers in Python (a method call
per posting per level), and its top-k skips blocks of postings whose quality cannot reach the top,
which is not exact. Here each term's postings are read a block at a time (whoosh_arrays) and scored
as arrays with BM25F as Whoosh computes it:

    idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))

idf and the average field length from the top-level searcher (Whoosh's own functions), tf the
posting's weight (field boosts are applied to the weights when indexing), fl the document's field
length as the index stores it (quantised to a byte), so K1 * ((1 - B) + B * fl / avgfl) is one of
256 numbers per field, computed once per searcher. OR adds its matching subqueries' scores, AND
adds all of them, AND NOT keeps the first's; boosts multiply. Terms on any field work (a field that
is not scorable scores its weight, as Whoosh's WeightScorer does). The operations are IEEE doubles
in Whoosh's order per document; Whoosh adds a node's scores in a tree order of its own, so a score
may differ from Whoosh's in the last bit (1e-16 relative).
"""
import numpy as np
from whoosh.query import And, AndNot, Or, Term
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

from app.search.whoosh_arrays import SearcherArrays, column_values
from app.search.whoosh_phrases import PhraseTerms
from app.search.whoosh_query import TypoTerm


class PageScorer:
    """Built once per searcher, on its arrays; holds that searcher's field-length norms."""

    def __init__(self, arrays: SearcherArrays):
        self.arrays = arrays
        self.searcher = arrays.searcher
        self.schema = arrays.schema
        self.weighting = self.searcher.weighting
        self._norms: dict[str, np.ndarray] = {}

    # --- what can be scored here ---------------------------------------------------------------

    def can_score(self, query) -> bool:
        """Terms (typo terms too) on fields of the schema joined by OR, AND and AND NOT, and phrases
        matched by their n-gram terms, scored with Whoosh's default BM25F; anything else (a phrase
        on an index without n-grams, a coordination bonus) goes through Whoosh."""
        return type(self.weighting) is BM25F and self._supported(query)

    def _supported(self, query) -> bool:
        if type(query) is PhraseTerms:
            return query.available(self.schema) and self._supported_children(query)
        if type(query) in (Or, And):
            return self._supported_children(query)
        if type(query) is AndNot:
            return self._supported(query.a) and self._supported(query.b)
        if type(query) in (Term, TypoTerm):
            return query.fieldname in self.schema
        return False

    def _supported_children(self, query) -> bool:
        if getattr(query, "scale", None) or getattr(query, "minmatch", 0):
            return False
        return bool(query.subqueries) and all(self._supported(sub) for sub in query.subqueries)

    # --- scores ----------------------------------------------------------------------------------

    def scores(self, query) -> tuple[np.ndarray, np.ndarray]:
        """(the documents matching `query`, every document's score): a mask and an array over the
        document numbers (deleted documents may be in the mask: the caller ranks only what it may
        show)."""
        kind = type(query)
        if kind is Term:
            return self._term_scores(query.fieldname, query.text, query.boost)
        if kind is TypoTerm:
            return self._typo_scores(query)
        if kind is AndNot:
            matched, scores = self.scores(query.a)
            matched = matched & ~self.arrays.mask(query.b)
            return matched, np.where(matched, scores, 0.0)
        parts = [self.scores(sub) for sub in query.subqueries]
        reduce = np.logical_or.reduce if kind is Or else np.logical_and.reduce
        matched = reduce([part[0] for part in parts])
        if kind is PhraseTerms and not query.exact:
            matched = self.arrays.verify_positions(query, matched)
        scores = _add([part[1] for part in parts])
        if kind is not Or:  # a document that does not match the AND adds nothing to an OR above it
            scores = np.where(matched, scores, 0.0)
        if query.boost != 1.0:
            scores *= query.boost
        return matched, scores

    def _term_scores(self, fieldname: str, text, boost: float = 1.0, leaves=None) -> tuple[np.ndarray, np.ndarray]:
        arrays = self.arrays
        matched, scores = np.zeros(arrays.size, dtype=bool), np.zeros(arrays.size)
        field = self.schema[fieldname]
        try:
            btext = field.to_bytes(text)
        except ValueError:
            return matched, scores
        ids, weights = arrays.postings(fieldname, btext, leaves)
        if not len(ids):
            return matched, scores
        matched[ids] = True
        if field.scorable:
            idf = self.searcher.idf(fieldname, btext)
            scores[ids] = idf * ((weights * (self.weighting.K1 + 1)) / (weights + self._field_norms(fieldname)[ids]))
        else:
            scores[ids] = weights  # WeightScorer: the weight is the score
        if boost != 1.0:
            scores *= boost
        return matched, scores

    def _typo_scores(self, query: TypoTerm) -> tuple[np.ndarray, np.ndarray]:
        """Per segment, the words the typo term expands to there, OR-ed as Whoosh's MultiTerm does
        (its boost only when there is more than one word)."""
        matched, scores = np.zeros(self.arrays.size, dtype=bool), np.zeros(self.arrays.size)
        for leaf in self.arrays.leaves:
            words = [word for word in query._btexts(leaf[0]) if word]
            if not words:
                continue
            parts = [self._term_scores(query.fieldname, word, 1.0, [leaf]) for word in words]
            segment = _add([part[1] for part in parts])
            if len(words) > 1 and query.boost != 1.0:
                segment *= query.boost
            scores += segment  # the segments' documents do not overlap
            matched |= np.logical_or.reduce([part[0] for part in parts])
        return matched, scores

    def _field_norms(self, fieldname: str) -> np.ndarray:
        """K1 * ((1 - B) + B * fl / avgfl) per document number (all segments, deleted ones too)."""
        norms = self._norms.get(fieldname)
        if norms is None:
            weighting = self.weighting
            b = weighting._field_B.get(fieldname, weighting.B)
            k1 = weighting.K1
            avgfl = self.searcher.avg_field_length(fieldname) or 1
            table = np.array([k1 * ((1 - b) + b * byte_to_length(byte) / avgfl) for byte in range(256)])
            lengths = [_length_bytes(reader, fieldname, count) for reader, _offset, count in self.arrays.leaves]
            norms = table[np.concatenate(lengths)] if lengths else np.empty(0)
            self._norms[fieldname] = norms
        return norms

    # --- pages -----------------------------------------------------------------------------------

    @staticmethod
    def top(scores: np.ndarray, matched: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The best `k` of `matched` as (document number, score): highest score first, ties by
        document number, as Whoosh ranks every match."""
        docs = np.flatnonzero(matched)
        if len(docs) > k > 0:
            values = scores[docs]
            threshold = np.partition(values, len(values) - k)[len(values) - k]
            docs = docs[values >= threshold]  # the best k and every document tied with the k-th
        best = docs[np.lexsort((docs, -scores[docs]))][:k]
        return list(zip(best.tolist(), scores[best].tolist()))


def _add(parts: list[np.ndarray]) -> np.ndarray:
    """The sum per document of `parts`, in their order (a document missing from one adds 0.0)."""
    found = parts[0].copy()
    for part in parts[1:]:
        found += part
    return found


def _length_bytes(reader, fieldname: str, count: int) -> np.ndarray:
    """The segment's stored (byte-quantised) length of `fieldname` per document; zeros when the
    field has none."""
    perdoc = getattr(reader, "_perdoc", None)
    if hasattr(perdoc, "_cached_reader"):
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

        column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is None:
            return np.zeros(count, dtype=np.intp)
        return column_values(column, count).astype(np.intp)
    from whoosh.util.numeric import length_to_byte
    return np.array([length_to_byte(reader.doc_field_length(d, fieldname, 0) or 0) for d in range(count)], dtype=np.intp)
