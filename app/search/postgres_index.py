"""The PostgreSQL backend (SEARCH_BACKEND="postgres"): full-text search in the shared database, so
several app hosts share one index.

Entries live in `search_entries` (app.search.models.SearchEntry): a weighted tsvector (title A,
text B, keywords C) under the `spitsregio_dutch` configuration (PostgreSQL's dutch stemmer and stop words, with
accents folded by unaccent), a GIN index on it, and the readers' principals as an array matched
with `&&` inside the query, so facet counts never see what a user may not read. User queries go
through websearch_to_tsquery (quotes are phrases, `or`, `-word`); when every word is required and
nothing matches, any word may match; when still nothing matches, titles are searched with pg_trgm
word similarity, which tolerates small typos.
The lexicon (app.search.lexicon) runs in Python before PostgreSQL analyses anything: entries and
queries alike have their words replaced by their lemmas (steden -> stad), and each part of the
domain's compounds is added to the vector after the words it came from (a tsvector cannot hold
two words at one position; phrases of the words themselves keep working).

The methods mirror WhooshBackend's (writer_lock, apply, rebuild, stored, search, exists, close);
the writer lock is an advisory lock in the database, one writer across all hosts.
"""
import html
import logging
import re
import time
from contextlib import contextmanager

from sqlalchemy import inspect, text

from app.search.lexicon import compound_text, fold, normalise_text
from app.search.models import TEXT_SEARCH_CONFIG, SearchEntry
from app.search.results import FACETS, Hit, Results, shorten

log = logging.getLogger(__name__)

TABLE = SearchEntry.__tablename__
#: the advisory lock key of the index writer ("SPITSRGO"); advisory locks are per database
WRITER_LOCK_KEY = 0x5350495453524730
#: ts_headline works on this much text: parsing a whole 500 000-character document per hit is slow,
#: and a match further on still finds the entry (the snippet then shows its opening)
HEADLINE_CHARS = 100_000
#: the tsvector is built from at most this much text (a tsvector is limited to 1 MB)
VECTOR_CHARS = 300_000
#: pg_trgm word similarity a title word needs to count as a typo of the query word
TYPO_SIMILARITY = 0.6
#: ts_headline marks matches with these (control characters, stripped from stored text), which
#: become <mark> after the snippet is escaped: ts_headline itself escapes nothing
START, STOP = "\x02", "\x03"
HEADLINE_OPTIONS = (f"StartSel={START}, StopSel={STOP}, MaxFragments=2, MaxWords=35, MinWords=15, "
                    'ShortWord=3, FragmentDelimiter=" … "')
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_TOKENS = re.compile(r'"[^"]*"?|\S+')

_UPSERT = text(f"""
INSERT INTO {TABLE} (key, type, object_id, title, text, body, year, action_line, state, date, url,
                     principals, parents, fingerprint, search_vector)
VALUES (:key, :type, :object_id, :title, :text, :body, :year, :action_line, :state, :date, :url,
        :principals, :parents, :fingerprint,
        setweight(to_tsvector('{TEXT_SEARCH_CONFIG}', :title_words), 'A')
        || setweight(to_tsvector('{TEXT_SEARCH_CONFIG}', :text_words), 'B')
        || setweight(to_tsvector('{TEXT_SEARCH_CONFIG}', :keyword_words), 'C'))
ON CONFLICT (key) DO UPDATE SET
    type = EXCLUDED.type, object_id = EXCLUDED.object_id, title = EXCLUDED.title, text = EXCLUDED.text,
    body = EXCLUDED.body, year = EXCLUDED.year, action_line = EXCLUDED.action_line,
    state = EXCLUDED.state, date = EXCLUDED.date, url = EXCLUDED.url, principals = EXCLUDED.principals,
    parents = EXCLUDED.parents, fingerprint = EXCLUDED.fingerprint, search_vector = EXCLUDED.search_vector
""")


def _clean(value: str) -> str:
    """PostgreSQL text holds no NUL, and the headline markers must be ours alone."""
    return _UNSAFE.sub(" ", value or "")


def _words(value: str) -> str:
    """`value` as PostgreSQL should analyse it: the lexicon's lemmas, then the compounds' parts."""
    value = normalise_text(value)
    return f"{value}\n{compound_text(value)}"


def _row(doc: dict) -> dict:
    title, text_ = _clean(doc["title"]), _clean(doc["text"])
    return {
        "title_words": _words(title), "text_words": _words(text_[:VECTOR_CHARS]),
        "keyword_words": _words(_clean(doc.get("keywords", ""))),
        "key": doc["key"], "type": doc["type"], "object_id": doc["id"], "title": title,
        "text": text_, "body": doc["body"], "year": doc["year"],
        "action_line": doc["action_line"], "state": doc["state"], "date": doc["date"],
        "url": _clean(doc["url"]), "principals": list(doc["principals"]), "parents": list(doc["parents"]),
        "fingerprint": doc["fingerprint"],
    }


def to_websearch(query: str) -> str:
    """The search form's syntax (AND, OR, NOT, as the help text says) in websearch_to_tsquery's:
    NOT word becomes -word, AND is what words mean anyway; "phrases" and or stay as they are."""
    words, negate = [], False
    for token in _TOKENS.findall(query):
        if token == "AND":
            continue
        if token == "NOT":
            negate = True
            continue
        words.append(f"-{token}" if negate and not token.startswith("-") else token)
        negate = False
    return " ".join(words)


def any_word_query(query: str) -> str | None:
    """The user's query with every word (or quoted phrase) optional, or None when the user already
    used operators (or, -word) or typed a single word: then there is nothing to relax."""
    tokens = _TOKENS.findall(query)
    if len(tokens) < 2 or any(token.lower() == "or" or token.startswith("-") for token in tokens):
        return None
    return " or ".join(tokens)


def _snippet(headline: str | None, fallback: str) -> str:
    if not headline:
        return html.escape(shorten(fallback), quote=False)
    escaped = html.escape(" ".join(headline.split()), quote=False)
    return escaped.replace(START, "<mark>").replace(STOP, "</mark>")


class PostgresBackend:
    def __init__(self, engine):
        if engine.dialect.name != "postgresql":
            raise RuntimeError('SEARCH_BACKEND="postgres" needs a PostgreSQL DATABASE_URL')
        self.engine = engine
        self._exists = False

    # --- one writer across every host ----------------------------------------------------------

    @contextmanager
    def writer_lock(self, timeout: float):
        """Hold the writer's advisory lock; yields True when acquired within `timeout` seconds."""
        connection = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        acquired = False
        try:
            deadline = time.monotonic() + timeout
            while True:
                acquired = bool(connection.execute(text("SELECT pg_try_advisory_lock(:key)"),
                                                   {"key": WRITER_LOCK_KEY}).scalar())
                if acquired or time.monotonic() >= deadline:
                    break
                time.sleep(0.02)
            yield acquired
        finally:
            try:
                if acquired:
                    connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": WRITER_LOCK_KEY})
            except Exception:
                # Never hand a connection that may still hold the lock back to the pool.
                connection.invalidate()
                raise
            finally:
                connection.close()

    # --- writing (the caller holds the writer lock) ------------------------------------------

    def exists(self) -> bool:
        """Whether the table is there (asked on every search: remembered once it is; should it
        vanish later, the query fails and search reports the index unavailable)."""
        if not self._exists:
            with self.engine.connect() as connection:
                self._exists = inspect(connection).has_table(TABLE)
        return self._exists

    def apply(self, docs: list[dict], delete_keys: list[str], delete_parents: list[str]) -> None:
        with self.engine.begin() as connection:
            if delete_keys:
                connection.execute(text(f"DELETE FROM {TABLE} WHERE key = ANY(:keys)"), {"keys": list(delete_keys)})
            if delete_parents:
                connection.execute(text(f"DELETE FROM {TABLE} WHERE parents && CAST(:keys AS varchar[])"),
                                   {"keys": list(delete_parents)})
            if docs:
                connection.execute(_UPSERT, [_row(doc) for doc in docs])

    def rebuild(self, docs, batch: int = 200) -> int:
        """Replace every entry in one transaction: searches see the old entries until it commits."""
        count = 0
        with self.engine.begin() as connection:
            connection.execute(text(f"DELETE FROM {TABLE}"))
            rows = []
            for doc in docs:
                rows.append(_row(doc))
                if len(rows) >= batch:
                    connection.execute(_UPSERT, rows)
                    count += len(rows)
                    rows = []
            if rows:
                connection.execute(_UPSERT, rows)
                count += len(rows)
        return count

    def stored(self) -> dict[str, tuple[str, tuple[str, ...]]]:
        """key -> (fingerprint, sorted principals) of every entry."""
        with self.engine.connect() as connection:
            rows = connection.execute(text(f"SELECT key, fingerprint, principals FROM {TABLE}")).all()
        return {row.key: (row.fingerprint, tuple(sorted(row.principals or ()))) for row in rows}

    def close(self) -> None:
        """Nothing to release: connections belong to the app's engine."""

    # --- searching -----------------------------------------------------------------------------

    def search(self, query: str, principals: set[str], filters: dict, page: int, pagelen: int,
               sort: str) -> Results:
        empty = Results.empty(page, pagelen)
        if not principals:
            return empty
        where = ["principals && CAST(:principals AS varchar[])"]
        params = {"principals": sorted(principals)}
        for name in FACETS:
            if filters.get(name):
                where.append(f"{name} = :filter_{name}")
                params[f"filter_{name}"] = str(filters[name])
        typed = to_websearch(query)
        query = normalise_text(typed)
        if query != typed:
            # ts_headline reads the stored text, which has the words as typed (steden), not their
            # lemma (stad): mark either
            params["typed"] = any_word_query(typed) or typed
            marks = (f"(websearch_to_tsquery('{TEXT_SEARCH_CONFIG}', :query)"
                     f" || websearch_to_tsquery('{TEXT_SEARCH_CONFIG}', :typed))")
        else:
            marks = None
        with self.engine.connect() as connection:
            if not query:
                return self._run(connection, where, params, None, page, pagelen,
                                 "date" if sort == "relevance" else sort)
            tsquery = f"websearch_to_tsquery('{TEXT_SEARCH_CONFIG}', :query)"
            match = f"search_vector @@ {tsquery}"
            has_lexemes = connection.execute(text(f"SELECT numnode({tsquery}) > 0"),
                                             {**params, "query": query}).scalar()
            if has_lexemes:
                results = self._run(connection, [*where, match], {**params, "query": query}, tsquery,
                                    page, pagelen, sort, marks=marks)
                relaxed = any_word_query(query)
                if results.total == 0 and relaxed:
                    results = self._run(connection, [*where, match], {**params, "query": relaxed}, tsquery,
                                        page, pagelen, sort, marks=marks)
                if results.total:
                    return results
            return self._typos(connection, query, where, params, page, pagelen, sort) or empty

    def _typos(self, connection, query, where, params, page, pagelen, sort) -> Results | None:
        """Titles with a word close to a query word (pg_trgm word similarity): small typos."""
        words = [word for word in dict.fromkeys(re.findall(r"\w+", fold(query))) if len(word) >= 4][:12]
        if words:  # without stop words ("deze", "zijn"): they would look like typos of anything
            words = connection.execute(text(
                f"SELECT word FROM unnest(CAST(:words AS text[])) WITH ORDINALITY AS w(word, n) "
                f"WHERE length(to_tsvector('{TEXT_SEARCH_CONFIG}', word)) > 0 ORDER BY n"
            ), {"words": words}).scalars().all()
        if not words:
            return None
        # <% uses the trigram index with this threshold (for this transaction only).
        connection.execute(text("SELECT set_config('pg_trgm.word_similarity_threshold', :value, true)"),
                           {"value": str(TYPO_SIMILARITY)})
        names = [f"word_{n}" for n in range(len(words))]
        typo = "(" + " OR ".join(f":{name} <% title" for name in names) + ")"
        score = "GREATEST(" + ", ".join(f"word_similarity(:{name}, title)" for name in names) + ")"
        results = self._run(connection, [*where, typo], {**params, **dict(zip(names, words))}, None,
                            page, pagelen, sort, score=score)
        if not results.total:
            return None
        results.fuzzy = True
        return results

    def _run(self, connection, where, params, tsquery, page, pagelen, sort, score=None, marks=None) -> Results:
        """One page of hits and the facet counts; `marks` is the tsquery ts_headline marks (by
        default `tsquery`)."""
        condition = " AND ".join(where)
        counts = {name: {} for name in FACETS}
        grouping = ", ".join(f"GROUPING({name}) AS g_{name}" for name in FACETS)
        rows = connection.execute(text(
            f"SELECT {', '.join(FACETS)}, {grouping}, count(*) AS n FROM {TABLE} WHERE {condition} "
            f"GROUP BY GROUPING SETS ({', '.join(f'({name})' for name in FACETS)})"
        ), params).mappings().all()
        total = 0
        for row in rows:
            for name in FACETS:
                if row[f"g_{name}"] == 0:
                    if name == "type":
                        total += row["n"]
                    if row[name]:
                        counts[name][row[name]] = row["n"]
        if not total:
            return Results(0, [], counts, page, pagelen)
        pages = max(1, -(-total // pagelen))
        page = min(max(1, page), pages)
        if score is None:
            score = f"ts_rank_cd(search_vector, {tsquery}, 1)" if tsquery else "0"
        order = {"date": "date DESC, key", "date_asc": "date ASC, key"}.get(sort, "score DESC, date DESC, key")
        headline = (f"ts_headline('{TEXT_SEARCH_CONFIG}', left(text, {HEADLINE_CHARS}), {marks or tsquery}, :options)"
                    if tsquery else "NULL")
        hits = connection.execute(text(
            f"SELECT key, type, object_id, title, url, body, year, action_line, state, date, score, "
            f"{headline} AS headline, left(text, 1000) AS opening "
            f"FROM (SELECT *, {score} AS score FROM {TABLE} WHERE {condition} "
            f"      ORDER BY {order} LIMIT :limit OFFSET :offset) AS found "
            f"ORDER BY {order}"
        ), {**params, "options": HEADLINE_OPTIONS, "limit": pagelen, "offset": (page - 1) * pagelen}).mappings()
        return Results(total, [
            Hit(type=row["type"], id=row["object_id"], title=row["title"], url=row["url"],
                snippet=_snippet(row["headline"], row["opening"]), title_html=html.escape(row["title"]),
                body=row["body"], year=row["year"], action_line=row["action_line"], state=row["state"],
                date=row["date"], score=float(row["score"] or 0.0))
            for row in hits
        ], counts, page, pagelen)
