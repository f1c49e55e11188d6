"""Typo tolerance of the PostgreSQL backend, on titles and texts alike: the lexemes of the corpus
(`search_words`, trigram-indexed) stand in for Whoosh's lexicon.

As Whoosh's fuzzy fallback (app.search.whoosh_query.fuzzy_query): every query word of 4 letters or
more is stemmed, and lexemes within one edit (two from 7 letters on) that start with the same
letter replace it; any of them may match. pg_trgm narrows the lexemes to a few candidates through
its index, the exact edit distance is computed here.
"""
import re

from sqlalchemy import text

from app.search.lexicon import fold
from app.search.models import TEXT_SEARCH_CONFIG, SearchWord

#: no word of a language is longer; a pasted 300-letter token would cost seconds of edit distances
MAX_WORD = 40
#: at most this many query words are expanded
MAX_WORDS = 12
#: pg_trgm similarity a lexeme needs to be a candidate (low: two edits in a short word leave few
#: trigrams in common; the edit distance decides)
CANDIDATE_SIMILARITY = 0.25
#: candidates per query word, the most similar first
CANDIDATES = 60

_CANDIDATES = text(f"""
SELECT t.n, t.stem, w.word
FROM (SELECT n, (unnest(to_tsvector('{TEXT_SEARCH_CONFIG}', word))).lexeme AS stem
      FROM unnest(CAST(:words AS text[])) WITH ORDINALITY AS q(word, n)) AS t
LEFT JOIN LATERAL (SELECT word FROM {SearchWord.__tablename__} WHERE word % t.stem
                   ORDER BY similarity(word, t.stem) DESC, word LIMIT {CANDIDATES}) AS w ON TRUE
ORDER BY t.n
""")


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of a and b, or limit + 1 as soon as it must exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def allowed_edits(stem: str) -> int:
    return 2 if len(stem) >= 7 else 1


def _quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def typo_tsquery(connection, query: str) -> str | None:
    """A tsquery (as text) of the lexemes the words of `query` may be typos of, any of them
    matching; None when no word has one."""
    words = [word for word in dict.fromkeys(re.findall(r"\w+", fold(query)))
             if 4 <= len(word) <= MAX_WORD][:MAX_WORDS]
    if not words:
        return None
    # % uses the trigram index with this threshold: set for the session (searches run in
    # autocommit), and nothing else in the app compares with %.
    connection.execute(text("SELECT set_config('pg_trgm.similarity_threshold', :value, false)"),
                       {"value": str(CANDIDATE_SIMILARITY)})
    lexemes = {}
    for _n, stem, word in connection.execute(_CANDIDATES, {"words": words}):
        # stop words have no stem; Whoosh's fuzzy terms need 4 letters of the stem as well
        if word is None or len(stem) < 4 or word[0] != stem[0]:
            continue
        if edit_distance(stem, word, allowed_edits(stem)) <= allowed_edits(stem):
            lexemes[word] = None
    if not lexemes:
        return None
    return " | ".join(_quote(lexeme) for lexeme in sorted(lexemes))
