"""Highlighted snippets, exactly as Whoosh's highlighter makes them (ContextFragmenter, the two best
fragments in text order, <mark>), without running the analyzer chain over every word of every hit.

Whoosh re-analyses a hit's whole text for each snippet: tokenizer, lower case, accents, stop words
and the Dutch stemmer, a generator per filter per word (two thirds of a word query's time). Here the
text is split with the analyzer's own tokenizer pattern (C speed) and each distinct word is analysed
once per process, through the same analyzer; ContextFragmenter's loop is followed step by step
over plain tuples (a Token object only for a match), and the scorer and formatter are Whoosh's.
That is exact as long as the analysis of a word does not depend on its neighbours (true of every
filter in the chain: case, accents, stop words, stemming, splitting a word into parts); an analyzer
whose first step is not a RegexTokenizer goes through Whoosh's own path.
"""
import threading
from collections import deque

from whoosh.analysis import CompositeAnalyzer, RegexTokenizer, Token
from whoosh.highlight import FIRST, BasicFragmentScorer, ContextFragmenter, Highlighter, mkfrag, top_fragments

from app.search.whoosh_phrases import phrase_words
from app.search.whoosh_query import MarkFormatter

#: distinct words remembered per process (a word and its analysis: ~200 bytes)
MAX_WORDS = 200_000


class Snippets:
    def __init__(self, analyzer, maxchars: int = 220, surround: int = 50, top: int = 2):
        self.analyzer = analyzer
        self.fragmenter = ContextFragmenter(maxchars=maxchars, surround=surround)
        self.formatter = MarkFormatter()
        self.scorer = BasicFragmentScorer()
        self.top = top
        first = analyzer.items[0] if isinstance(analyzer, CompositeAnalyzer) else None
        self.pattern = first.expression if isinstance(first, RegexTokenizer) and not first.gaps else None
        self._words: dict[str, tuple] = {}
        self._lock = threading.Lock()

    @staticmethod
    def words(query, searcher, fieldname: str = "text") -> frozenset:
        """The terms of `query` in `fieldname` that exist in the index, typo terms expanded (what
        Whoosh's highlighter marks; a phrase matched by its n-grams gives its words: whoosh_phrases);
        once per query rather than once per hit."""
        reader = searcher.reader()
        terms = query.existing_terms(reader, fieldname=fieldname, expand=True) | phrase_words(query, reader, fieldname)
        return frozenset(text.decode("utf-8") if isinstance(text, bytes) else text for _name, text in terms)

    def highlight(self, text: str, words: frozenset) -> str:
        """`text`'s best fragments with `words` marked; "" when none of them occurs."""
        if self.pattern is None:
            tokens = self.analyzer(text, positions=True, chars=True, mode="index", removestops=False)
            fragments = self.fragmenter.fragment_tokens(text, Highlighter._merge_matched_tokens(_mark(tokens, words)))
        else:
            fragments = self._fragments(text, words)
        fragments = top_fragments(fragments, self.top, self.scorer, FIRST, minscore=1)
        return self.formatter.format(fragments)

    def _analysed(self, word: str) -> tuple:
        parts = self._words.get(word)
        if parts is None:
            parts = tuple((t.text, t.startchar, t.endchar) for t in self.analyzer(
                word, positions=True, chars=True, mode="index", removestops=False))
            with self._lock:
                if len(self._words) >= MAX_WORDS:
                    self._words.clear()
                self._words[word] = parts
        return parts

    def _tokens(self, text: str, words: frozenset):
        """(startchar, endchar, matched, term) of every token, consecutive matched ones merged: what
        Whoosh's analyzer, set_matched_filter and Highlighter._merge_matched_tokens yield, as tuples."""
        merged = None  # a matched token being extended, as a list [start, end, True, term]
        for match in self.pattern.finditer(text):
            offset = match.start()  # no limit here: the fragmenter stops asking at its character limit
            for term, first, last in self._analysed(match.group()):
                start, end = offset + first, offset + last
                if term not in words:
                    if merged is not None:
                        yield tuple(merged)
                        merged = None
                    yield start, end, False, term
                elif merged is None:
                    merged = [start, end, True, term]
                elif start <= merged[1]:
                    if end > merged[1]:
                        merged[3] += term[merged[1] - end:]
                        merged[1] = end
                else:
                    yield tuple(merged)
                    merged = None
                    yield start, end, True, term
        if merged is not None:
            yield tuple(merged)

    def _fragments(self, text: str, words: frozenset):
        """ContextFragmenter.fragment_tokens over the tuples of _tokens (Token objects only for the
        matches): the same fragments."""
        maxchars, surround, charlimit = self.fragmenter.maxchars, self.fragmenter.surround, self.fragmenter.charlimit
        first = None
        firsts = deque()
        countdown = -1
        tks = []
        endchar = None
        currentlen = 0
        for startchar, endchar, matched, term in self._tokens(text, words):
            tlength = endchar - startchar
            if charlimit and endchar > charlimit:
                break
            if countdown < 0 and not matched:
                firsts.append(startchar)
                while firsts and endchar - firsts[0] > surround:
                    firsts.popleft()
            elif currentlen + tlength > maxchars:
                countdown = 0
            elif matched:
                countdown = surround
                if first is None:
                    if firsts:
                        first = firsts[0]
                    else:
                        first = startchar
                        countdown += surround
                tks.append(Token(positions=True, chars=True, removestops=False, mode="index", text=term,
                                 startchar=startchar, endchar=endchar, matched=True))
            if countdown >= 0:
                currentlen += tlength
                countdown -= tlength
                if countdown <= 0:
                    yield mkfrag(text, tks, startchar=first, endchar=endchar)
                    tks = []
                    firsts = deque()
                    first = None
                    currentlen = 0
        if tks:
            yield mkfrag(text, tks, startchar=first, endchar=endchar)


def _mark(tokens, words):
    for token in tokens:
        token.matched = token.text in words
        yield token
