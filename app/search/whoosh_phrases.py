"""Phrases matched as sets: consecutive analysed words indexed as pair and triple terms
(`title_ngrams`, `text_ngrams`, `keywords_ngrams`), and a quoted phrase rewritten into them.

Whoosh checks a phrase's word positions in Python for every document holding all its words (the
slowest kind of query at 100,000 entries). Here a phrase of two or three words is one term of the
n-gram field, matched and scored as fast as a word, with the same documents as Whoosh's Phrase:

- the n-grams come from the field's own analysis (lexicon, stop words dropped and positions
  renumbered, stemming), so "goedkeuring van het verslag" holds the pair "goedkeur verslag" as
  Whoosh's Phrase finds "goedkeuring verslag" in it;
- a compound and its parts share one position: every term at a position pairs with every term at
  the next one (what Whoosh's Phrase matches: "fietssnelweg F25" finds "fietssnelwegproject F25"),
  never with the other terms at its own position ("fietssnelweg project" does not find
  "fietssnelwegproject", nor does Whoosh's Phrase);
- four words and more: the chain of their triples gives the candidates, then positions are
  checked in the source field for those candidates only.

A phrase with slop ("a b"~3) stays Whoosh's Phrase. An index built before these fields (an older
generation) answers with Whoosh's Phrase until `reindex` builds them.
"""
import itertools
import threading
from collections import Counter

from whoosh import fields
from whoosh.analysis import Token, Tokenizer
from whoosh.matching import NullMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query import And, Phrase, Term
from whoosh.reading import TermNotFound
from whoosh.system import pack_uint

#: the searchable fields with an n-gram field beside them
SOURCES = ("title", "text", "keywords")
#: pairs and triples; longer phrases are chains of triples checked by position
LONGEST = 3
#: the analysed words of a gram are joined by a space, which no analysed word contains
SEPARATOR = " "
#: distinct words whose analysis is remembered per process (a word and its terms: ~200 bytes)
MAX_WORDS = 200_000


def ngram_field(fieldname: str) -> str:
    return f"{fieldname}_ngrams"


class WordNgrams(Tokenizer):
    """The analyser of an n-gram field: the source text through `analyzer` (index mode), then each
    run of two and three consecutive positions as grams, every term at a position (a compound and
    its parts) with every term at the next.

    Each distinct word is analysed once (cached): no filter of the Dutch chain depends on a word's
    neighbours, and stop words only shift the positions after them, which the runs follow."""

    def __init__(self, analyzer):
        self.analyzer = analyzer
        self._words: dict[str, tuple] = {}
        self._lock = threading.Lock()
        first = getattr(analyzer, "items", [None])[0]
        self._pattern = getattr(first, "expression", None) if not getattr(first, "gaps", True) else None

    def __getstate__(self):  # the schema is pickled into the index: not the cache or the lock
        return {"analyzer": self.analyzer}

    def __setstate__(self, state):
        self.__init__(state["analyzer"])

    def __eq__(self, other):
        return type(other) is type(self) and other.analyzer == self.analyzer

    def __repr__(self):
        return f"{type(self).__name__}({self.analyzer!r})"

    def _terms(self, word: str) -> tuple:
        terms = self._words.get(word)
        if terms is None:
            terms = tuple(dict.fromkeys(token.text for token in self.analyzer(word, mode="index")))
            with self._lock:
                if len(self._words) >= MAX_WORDS:
                    self._words.clear()
                self._words[word] = terms
        return terms

    def positions(self, text: str) -> list[tuple]:
        """The terms at each position of `text`, as the source field indexes them."""
        if self._pattern is None:  # not a plain tokenizer first: let the analyzer number positions
            at: dict[int, dict] = {}
            for token in self.analyzer(text, mode="index", positions=True):
                at.setdefault(token.pos, {})[token.text] = None
            return [tuple(at[pos]) for pos in sorted(at)]
        found = []
        for match in self._pattern.finditer(text):
            terms = self._terms(match.group())
            if terms:
                found.append(terms)
        return found

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for gram in grams(self.positions(value)):
            token.text = gram
            token.boost = 1.0
            token.stopped = False
            yield token


class NgramField(fields.TEXT):
    """A TEXT field (frequencies, lengths for scoring, no positions) of WordNgrams over `analyzer`,
    indexed with the grams counted in C rather than token by token through Whoosh's Format."""

    def __init__(self, analyzer, field_boost=1.0):
        super().__init__(analyzer=WordNgrams(analyzer), phrase=False, field_boost=field_boost)

    def index(self, value, **kwargs):
        if not isinstance(value, str):
            return super().index(value, **kwargs)
        boost = self.format.field_boost
        counts = Counter(grams(self.analyzer.positions(value)))
        return [(gram.encode("utf-8"), freq, freq * boost, pack_uint(freq)) for gram, freq in counts.items()]


def grams(at: list[tuple]) -> list[str]:
    """Every pair and triple of terms at consecutive positions (joined in C: this runs for every
    word of every entry when indexing)."""
    if all(len(terms) == 1 for terms in at):  # no compound: one term per position
        words = [terms[0] for terms in at]
        return [gram for size in range(2, LONGEST + 1)
                for gram in map(SEPARATOR.join, zip(*(words[start:] for start in range(size))))]
    found = []
    for size in range(2, LONGEST + 1):
        for window in zip(*(at[start:] for start in range(size))):
            found.extend(map(SEPARATOR.join, itertools.product(*window)))
    return found


class PhraseTerms(And):
    """A phrase as an And of n-gram terms (one term for two or three words, overlapping triples for
    more), remembering the Phrase it stands for: an index without the n-gram fields, and the
    snippets (which mark the phrase's words in the text), use that."""

    def __init__(self, subqueries, boost=1.0, phrase=None):
        super().__init__(subqueries, boost=boost)
        self.phrase = phrase

    def apply(self, fn):
        return type(self)([fn(q) for q in self.subqueries], boost=self.boost, phrase=self.phrase)

    def __eq__(self, other):
        return super().__eq__(other) and self.phrase == other.phrase

    __hash__ = And.__hash__

    @property
    def exact(self) -> bool:
        """Whether the n-gram terms alone match exactly the phrase's documents."""
        return len(self.phrase.words) <= LONGEST

    def available(self, schema) -> bool:
        return all(q.fieldname in schema for q in self.subqueries)

    def matcher(self, searcher, context=None):
        if not self.available(searcher.schema):
            return self.phrase.matcher(searcher, context)
        matcher = super().matcher(searcher, context)
        if self.exact or not matcher.is_active():
            return matcher
        reader = searcher.reader()
        if not reader.is_atomic():  # positions are per segment; Whoosh asks per segment anyway
            return self.phrase.matcher(searcher, context)
        docs = verify_positions(reader, self.phrase.fieldname, self.phrase.words, set(matcher.all_ids()))
        return FilterMatcher(super().matcher(searcher, context), docs) if docs else NullMatcher()


def as_ngrams(node):
    """A Phrase (no slop, two words or more, on a field with n-grams) as PhraseTerms; for `accept`."""
    if type(node) is not Phrase or node.slop != 1 or node.fieldname not in SOURCES or len(node.words) < 2:
        return node
    words = list(node.words)
    size = min(len(words), LONGEST)
    field = ngram_field(node.fieldname)
    terms = [Term(field, SEPARATOR.join(words[start:start + size])) for start in range(len(words) - size + 1)]
    return PhraseTerms(terms, boost=node.boost, phrase=node)


def as_phrases(node):
    """PhraseTerms back to Whoosh's own Phrase; for `accept` (tests, comparisons)."""
    return node.phrase if isinstance(node, PhraseTerms) else node


def phrase_words(query, reader, fieldname: str) -> set:
    """The (fieldname, word) of the phrases under `query` in `fieldname` that exist in the index:
    what Whoosh's Phrase adds to `existing_terms`, for the snippets to mark."""
    found = set()
    if isinstance(query, PhraseTerms):
        if query.phrase.fieldname == fieldname:
            found |= query.phrase.existing_terms(reader, fieldname=fieldname)
        return found
    for child in query.children():
        found |= phrase_words(child, reader, fieldname)
    return found


def verify_positions(reader, fieldname: str, words, docs: set) -> set:
    """The documents of `docs` (one segment's numbers) where `words` are at consecutive positions
    of `fieldname` (each word may be any term at its position, as Whoosh's Phrase matches)."""
    if not docs:
        return set()
    field = reader.schema[fieldname]
    matchers = []
    for word in words:
        try:
            matchers.append(reader.postings(fieldname, field.to_bytes(word)))
        except (TermNotFound, ValueError):
            return set()
    found = set()
    for doc in sorted(docs):
        positions = []
        for matcher in matchers:
            if matcher.is_active() and matcher.id() < doc:
                matcher.skip_to(doc)
            if not matcher.is_active() or matcher.id() != doc:
                break
            positions.append(set(matcher.value_as("positions")))
        else:
            if any(all(start + i in positions[i] for i in range(1, len(positions))) for start in positions[0]):
                found.add(doc)
    return found
