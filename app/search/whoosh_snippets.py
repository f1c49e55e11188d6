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
import re
import threading
from bisect import bisect_left, bisect_right
from collections import deque
from itertools import accumulate

from whoosh.analysis import CompositeAnalyzer, RegexTokenizer, Token
from whoosh.highlight import FIRST, BasicFragmentScorer, ContextFragmenter, Highlighter, mkfrag, top_fragments

from app.search.whoosh_phrases import phrase_words
from app.search.whoosh_query import MarkFormatter

#: tokenizer patterns whose words are made of known characters (Whoosh's RegexTokenizer default:
#: word characters and *, dots only between them), and a character none of their words can span
GAPS = {r"[\w\*]+(\.?[\w\*]+)*": re.compile(r"[^\w*.]"), r"\w+(\.?\w+)*": re.compile(r"[^\w.]")}

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
        self.splitter = _splitter(self.pattern)
        #: a character no word of the tokenizer can span: known for Whoosh's default pattern only
        self.windows = GAPS.get(self.pattern.pattern) if self.pattern is not None else None
        self._words: dict[str, tuple] = {}
        #: word -> the set of its terms (for deciding whether it matches)
        self._terms: dict[str, frozenset] = {}
        self._lock = threading.Lock()

    @staticmethod
    def words(query, searcher, fieldname: str = "text") -> frozenset:
        """The terms of `query` in `fieldname` that exist in the index, typo terms expanded (what
        Whoosh's highlighter marks; a phrase matched by its n-grams gives its words: whoosh_phrases);
        once per query rather than once per hit."""
        reader = searcher.reader()
        terms = query.existing_terms(reader, fieldname=fieldname, expand=True) | phrase_words(query, reader, fieldname)
        return frozenset(text.decode("utf-8") if isinstance(text, bytes) else text for _name, text in terms)

    def highlight(self, text: str, words: frozenset, matches: list | None = None) -> str:
        """`text`'s best fragments with `words` marked; "" when none of them occurs. `matches`: where
        the words are in the text (the start characters the index stores, see
        SearcherArrays.match_starts), so only the text around them is read; None: the whole text is."""
        if self.pattern is None:
            tokens = self.analyzer(text, positions=True, chars=True, mode="index", removestops=False)
            fragments = self.fragmenter.fragment_tokens(text, Highlighter._merge_matched_tokens(_mark(tokens, words)))
        else:
            # around the matches, unless their windows would cover the text anyway
            near = matches is not None and self.windows is not None and \
                len(matches) * (6 * self.fragmenter.surround + 120) < len(text)
            seen = self._seen_near(text, matches) if near else self._seen(text, words)
            fragments = self._fragments(text, words, seen)
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

    def _seen(self, text: str, words: frozenset) -> list:
        """(start, word) of the tokens whose turn can change the fragments, in text order.

        The fragmenter only looks at a word that matches nothing, while it is waiting for a match,
        to remember where the `surround` characters before the next match begin; every other turn
        of its loop is within the words after a match that add up to 2 * surround characters (its
        countdown, at most twice `surround`, loses each word's length). So the words before each
        match from surround characters before the previous word's start, and the words from each
        match to two past that countdown, give the same fragments; the rest is skipped without
        being analysed. Words are found up to the fragmenter's character limit (and the first past it,
        where it stops): the text is split with C-level regular expressions, and which words
        match is decided once per distinct word."""
        pattern, charlimit, surround = self.pattern, self.fragmenter.charlimit, self.fragmenter.surround
        cut = bool(charlimit) and len(text) > charlimit
        starts, found = self._split(text[:charlimit] if cut else text)
        if cut:
            resume = starts.pop() if found else 0  # the last may be cut at the limit: read again
            found = found[:-1]
            for m in pattern.finditer(text, resume):
                starts.append(m.start())
                found.append(m.group())
                if m.start() >= charlimit:
                    break
        terms = self._terms.get
        hits = {word for word in set(found) if not words.isdisjoint(terms(word) or self._word_terms(word))}
        if not hits:
            return []
        ranges = _ranges(starts, found, [n for n, word in enumerate(found) if word in hits], surround)
        seen = []
        for low, high in ranges:
            seen.extend(zip(starts[low:high], found[low:high]))
        return seen

    def _seen_near(self, text: str, matches: list) -> list:
        """What _seen gives, from the text around `matches` (the sorted start characters of the
        matched words, as the index stores them) instead of the whole text.

        Each match gets a window of characters around it; overlapping windows are joined, each is
        moved out to characters no word can span (neither a word character nor a dot) and read with
        the tokenizer there. The ranges of words kept are then _seen's, as long as each window holds
        the surround characters before the word before its first match and the countdown's words
        after its last; when one does not, every window is widened and read again."""
        surround, charlimit = self.fragmenter.surround, self.fragmenter.charlimit
        if charlimit:
            matches = [m for m in matches if m < charlimit]  # the fragmenter stops at the limit
        before, after = 2 * surround + 60, 4 * surround + 60
        hit = set(matches)
        while True:
            seen, enough = [], True
            for low, high in _windows(text, matches, before, after, self.windows):
                starts, found = self._split(text[low:high])
                starts = [low + start for start in starts]
                hits = [n for n, start in enumerate(starts) if start in hit]
                if not hits:
                    continue
                ranges, first = _ranges(starts, found, hits, surround), hits[0]
                if low > 0 and (first == 0 or low > starts[first - 1] - surround):
                    enough = False  # the words before the first match may begin before the window
                if high < len(text) and ranges and ranges[-1][1] >= len(found):
                    enough = False  # the countdown may run past the window
                if not enough:
                    break
                for start, stop in ranges:
                    seen.extend(zip(starts[start:stop], found[start:stop]))
            if enough:
                return seen
            before, after = 2 * before, 2 * after

    def _word_terms(self, word: str) -> frozenset:
        terms = frozenset(part[0] for part in self._analysed(word))
        with self._lock:
            if len(self._terms) >= MAX_WORDS:
                self._terms.clear()
            self._terms[word] = terms
        return terms

    def _split(self, text: str) -> tuple[list, list]:
        """The start and the text of every token of `text`: re.split and the running sum of the
        parts' lengths (C speed) when the tokenizer's pattern allows it, else re.finditer."""
        if self.splitter is None:
            found = [(m.start(), m.group()) for m in self.pattern.finditer(text)]
            return [start for start, _word in found], [word for _start, word in found]
        parts = self.splitter.split(text)  # gap, word, gap, word, ..., gap
        return list(accumulate(map(len, parts)))[0::2][:len(parts) // 2], parts[1::2]

    def _tokens(self, words: frozenset, seen: list):
        """(startchar, endchar, matched, term) of every token of `seen` (what _seen keeps),
        consecutive matched ones merged: what Whoosh's analyzer, set_matched_filter and
        Highlighter._merge_matched_tokens yield, as tuples."""
        merged = None  # a matched token being extended, as a list [start, end, True, term]
        for offset, word in seen:
            for term, first, last in self._analysed(word):
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

    def _fragments(self, text: str, words: frozenset, seen: list):
        """ContextFragmenter.fragment_tokens over the tuples of _tokens (Token objects only for the
        matches): the same fragments."""
        maxchars, surround, charlimit = self.fragmenter.maxchars, self.fragmenter.surround, self.fragmenter.charlimit
        first = None
        firsts = deque()
        countdown = -1
        tks = []
        endchar = None
        currentlen = 0
        for startchar, endchar, matched, term in self._tokens(words, seen):
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


def _ranges(starts: list, found: list, hits: list, surround: int) -> list[list[int]]:
    """The ranges [low, high) of the words (`found`, beginning at `starts`) the fragmenter must
    see around the matched ones (indices `hits`, ascending): from the word surround characters
    before the word before a match, to two words past the end of its countdown."""
    #: the words' lengths summed: a match's countdown has run out once the words after it
    #: add up to 2 * surround characters (each of a word's parts counts its whole length)
    lengths = list(accumulate(map(len, found)))
    ranges = []
    for n in hits:
        low = bisect_left(starts, starts[n - 1] - surround) if n else 0
        high = min(len(found), bisect_right(lengths, lengths[n] + 2 * surround) + 2)
        if ranges and low <= ranges[-1][1]:
            ranges[-1][1] = max(ranges[-1][1], high)
        else:
            ranges.append([low, high])
    return ranges


def _windows(text: str, matches: list, before: int, after: int, gap) -> list[tuple[int, int]]:
    """[low, high) around each of `matches`, joined where they overlap, low and high moved out to
    the start of the text or a character after a `gap` character (where no word can span)."""
    windows = []
    for m in matches:
        low, high = max(0, m - before), min(len(text), m + after)
        if windows and low <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], high)
        else:
            windows.append([low, high])
    moved = []
    for low, high in windows:
        while low > 0 and not gap.match(text, low - 1):
            low -= 1
        while high < len(text) and not gap.match(text, high - 1):
            high += 1
        if moved and low <= moved[-1][1]:
            moved[-1] = (moved[-1][0], high)
        else:
            moved.append((low, high))
    return moved


def _mark(tokens, words):
    for token in tokens:
        token.matched = token.text in words
        yield token


#: a sample to check a splitter against the tokenizer it stands for
_SAMPLE = "Een test: F25.doc, 2.5 km -- café's e-mail (fiets)snelweg ... x.y.z_1 ! zo.   Ë  \n\tslot."


def _splitter(pattern):
    """The tokenizer's pattern as one capturing group (its own groups made non-capturing), for
    re.split; None when that does not give exactly the tokenizer's words on a sample."""
    if pattern is None:
        return None
    try:
        inner = re.sub(r"(?<!\\)\((?!\?)", "(?:", pattern.pattern)
        splitter = re.compile("(" + inner + ")", pattern.flags)
    except (re.error, TypeError):
        return None
    if splitter.groups != 1:
        return None
    parts = splitter.split(_SAMPLE)
    expected = [(m.start(), m.group()) for m in pattern.finditer(_SAMPLE)]
    got = list(zip(list(accumulate(map(len, parts)))[0::2], parts[1::2]))
    return splitter if got == expected else None
