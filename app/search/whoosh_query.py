"""Whoosh's side of the Dutch search: the analyzer and schema, and how a user's text becomes a query
(parsed, tamed, relaxed to typos) and is highlighted. Matching is in whoosh_arrays."""
import html
import logging

from whoosh import fields, qparser
from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.automata import lev
from whoosh.codec.base import Automata
from whoosh.highlight import HtmlFormatter, get_text
from whoosh.query import AndNot, FuzzyTerm, Not, NullQuery, Or
from whoosh.support.charset import accent_map

from app.search.lexicon import MIN_COMPOUND, compound_parts, lemma
from app.search.whoosh_phrases import NgramField, as_ngrams

log = logging.getLogger(__name__)

#: searched by users' words: the title, the text (snippets come from it) and the keywords (names,
#: tags, file names, the titles of what an entry belongs to: found, never shown as a snippet)
TEXT_FIELDS = ("title", "text", "keywords")


class LexiconFilter(Filter):
    """Word forms the stemmer does not unify, as their lemma (steden -> stad): app.search.lexicon."""

    def __call__(self, tokens):
        for token in tokens:
            token.text = lemma(token.text)
            yield token


class CompoundFilter(Filter):
    """When indexing (and highlighting, which analyses as the index does), a compound of the
    domain's words also as each of its parts, at the compound's position and characters: phrases
    keep working, "mobiliteit" finds and marks "mobiliteitsplan". Queries are not split. After the
    stop filter, which renumbers positions."""

    def __call__(self, tokens):
        for token in tokens:
            if token.mode != "index" or len(token.text) < MIN_COMPOUND:
                yield token
                continue
            parts = compound_parts(token.text)
            yield token
            # the token is one reused object: the filters after this one have finished with it
            for part in parts:
                token.text = part
                yield token


def dutch_analyzer():
    """Snowball Dutch stemming and stop words, with case and accents folded (é = e, ë = e), the
    lexicon's lemmas before stemming and the domain's compounds split when indexing."""
    return (RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map) | LexiconFilter()
            | StopFilter(lang="nl") | CompoundFilter() | StemFilter(lang="nl"))


def make_schema() -> fields.Schema:
    analyzer = dutch_analyzer()
    return fields.Schema(
        key=fields.ID(stored=True, unique=True),
        type=fields.ID(stored=True, sortable=True),
        id=fields.STORED,
        title=fields.TEXT(analyzer=analyzer, stored=True, field_boost=2.0),
        # with the characters of each word, so snippets read only the text around the matches
        text=fields.TEXT(analyzer=analyzer, stored=True, chars=True),
        keywords=fields.TEXT(analyzer=analyzer),
        # phrases as sets: consecutive analysed words as pair and triple terms (whoosh_phrases)
        title_ngrams=NgramField(analyzer, field_boost=2.0),
        text_ngrams=NgramField(analyzer),
        keywords_ngrams=NgramField(analyzer),
        body=fields.ID(stored=True, sortable=True),
        year=fields.ID(stored=True, sortable=True),
        action_line=fields.ID(stored=True, sortable=True),
        state=fields.ID(stored=True, sortable=True),
        date=fields.DATETIME(stored=True, sortable=True),
        url=fields.STORED,
        principals=fields.KEYWORD(stored=True),
        parents=fields.KEYWORD(stored=True),
        fingerprint=fields.STORED,
    )


def make_parser(schema):
    """The parser of users' queries, over the title, text and keywords."""
    parser = qparser.MultifieldParser(list(TEXT_FIELDS), schema, group=qparser.OrGroup.factory(0.9))
    # No field, wildcard, range or boost syntax from users: only words, "phrases", AND/OR/NOT,
    # parentheses and an explicit typo marker (word~).
    for plugin in (qparser.FieldsPlugin, qparser.WildcardPlugin, qparser.RangePlugin,
                   qparser.BoostPlugin, qparser.PlusMinusPlugin):
        parser.remove_plugin_class(plugin)
    parser.add_plugin(qparser.FuzzyTermPlugin())
    return parser


def parse(parser, text: str):
    """`text` as a query; NOT binds as users mean it, typo markers stay cheap and phrases are
    matched as n-gram terms (whoosh_phrases)."""
    try:
        query = parser.parse(text)
    except Exception:  # the parser is forgiving; this is the last line of defence
        log.info("unparsable query %r", text)
        query = parser.parse(_plain_words(text))
    return query.accept(_tame_fuzzy).accept(or_not_as_and_not).accept(as_ngrams)


#: no word of a language is longer; a pasted 300-letter token would cost seconds of edit distances
MAX_FUZZY_WORD = 40


def fuzzy_query(text: str):
    """Every word of `text`, stemmed, allowed one or two typos: used when nothing matched."""
    analyzer = dutch_analyzer()
    words = [token.text for token in analyzer(text)]
    clauses = []
    for word in words[:12]:
        if not 4 <= len(word) <= MAX_FUZZY_WORD:
            continue
        distance = 2 if len(word) >= 7 else 1
        automaton = Automaton(word, distance, 1)  # one for the word's three fields
        clauses.append(Or([TypoTerm(name, word, maxdist=distance, prefixlength=1, automaton=automaton)
                           for name in TEXT_FIELDS]))
    return Or(clauses) if clauses else NullQuery


class MarkFormatter(HtmlFormatter):
    """Matches as plain <mark>…</mark>; the surrounding text is HTML-escaped by HtmlFormatter."""

    def format_token(self, text, token, replace=False):
        return "<mark>%s</mark>" % html.escape(get_text(text, token, replace), quote=False)


class Automaton:
    """A word's Levenshtein automaton (3-7 ms to build in Python), built on first use and shared by
    the typo terms of one query that look for the same word in different fields."""

    def __init__(self, text: str, maxdist: int, prefixlength: int):
        self.key = text, maxdist, prefixlength
        self._dfa = None

    def dfa(self):
        if self._dfa is None:
            self._dfa = lev.levenshtein_automaton(*self.key).to_dfa()
        return self._dfa


class TypoTerm(FuzzyTerm):
    """A FuzzyTerm that expands itself once per segment and builds its Levenshtein automaton once
    (per query, for all the fields it is asked in, when given one to share).

    Whoosh's FuzzyTerm builds the automaton (in Python) for every segment and expands the word
    twice per segment (to estimate the size, then to match), and once more over the whole index for
    the highlighter. The same words come out; the expansions live as long as the query object (one
    search), so nothing is remembered between searches.
    """

    def __init__(self, *args, automaton: Automaton | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if automaton is None or automaton.key != (self.text, self.maxdist, self.prefixlength):
            automaton = Automaton(self.text, self.maxdist, self.prefixlength)
        self._automaton = automaton
        self._expanded: dict[int, tuple] = {}

    def _btexts(self, ixreader):
        found = self._expanded.get(id(ixreader))
        if found is None:
            if hasattr(ixreader, "cursor") and hasattr(ixreader, "_codec"):  # one segment: what terms_within does
                cursor = ixreader.cursor(ixreader.schema[self.fieldname].spelling_fieldname(self.fieldname))
                found = tuple(Automata.find_matches(self._automaton.dfa(), cursor))
            else:
                found = tuple(super()._btexts(ixreader))
            self._expanded[id(ixreader)] = found
        return found


def _tame_fuzzy(node):
    """A user's word~N costs time exponential in N: allow at most two edits after a fixed first letter."""
    if isinstance(node, FuzzyTerm):
        return TypoTerm(node.fieldname, node.text, boost=node.boost, maxdist=max(1, min(int(node.maxdist), 2)),
                        prefixlength=max(int(node.prefixlength), 1), constantscore=node.constantscore)
    return node


def or_not_as_and_not(node):
    """"mobiliteit NOT fiets" parses, with OR as the default, to mobiliteit OR (NOT fiets), which
    matches nearly everything: read it as mobiliteit AND NOT fiets, as users mean it."""
    if isinstance(node, Or):
        negatives = [sub.query for sub in node.subqueries if isinstance(sub, Not)]
        positives = [sub for sub in node.subqueries if not isinstance(sub, Not)]
        if negatives and positives:
            positive = positives[0] if len(positives) == 1 else Or(positives, boost=node.boost)
            return AndNot(positive, negatives[0] if len(negatives) == 1 else Or(negatives))
    return node


def is_null(query) -> bool:
    return query is None or query is NullQuery or type(query) is type(NullQuery)


def _plain_words(text: str) -> str:
    return " ".join(word for word in "".join(c if c.isalnum() else " " for c in text).split())

