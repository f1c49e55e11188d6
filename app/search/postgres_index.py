"""The PostgreSQL backend (SEARCH_BACKEND="postgres"): full-text search in the shared database, so
several app hosts share one index.

Entries live in `search_entries` (app.search.models.SearchEntry): a weighted tsvector (title A,
text B, keywords C) under the `spitsregio_dutch` configuration (PostgreSQL's dutch stemmer and stop words, with
accents folded by unaccent), a GIN index on it, and the readers' principals as an array matched
with `&&` inside the query, so facet counts never see what a user may not read. Searching is in
app.search.postgres_search (one statement for the page, total and facets) and typo tolerance in
app.search.postgres_typos, which reads `search_words`: every lexeme of the entries, added here as
entries are written (a full rebuild starts it afresh).
The lexicon (app.search.lexicon) runs in Python before PostgreSQL analyses anything: entries and
queries alike have their words replaced by their lemmas (steden -> stad), and each part of the
domain's compounds is added to the vector after the words it came from (a tsvector cannot hold
two words at one position; phrases of the words themselves keep working).

The methods mirror WhooshBackend's (writer_lock, apply, rebuild, stored, search, exists, close);
the writer lock is an advisory lock in the database, one writer across all hosts.
"""
import logging
import re
import time
from contextlib import contextmanager

from sqlalchemy import inspect, text

from app.search import postgres_search
from app.search.lexicon import compound_text, normalise_text
from app.search.models import TEXT_SEARCH_CONFIG, SearchEntry, SearchWord
from app.search.results import Results

log = logging.getLogger(__name__)

TABLE = SearchEntry.__tablename__
#: the advisory lock key of the index writer ("SPITSRGO"); advisory locks are per database
WRITER_LOCK_KEY = 0x5350495453524730
#: the tsvector is built from at most this much text (a tsvector is limited to 1 MB)
VECTOR_CHARS = 300_000
#: the lexemes of the entries just written, added to the words typos are matched against
_ADD_WORDS = text(f"INSERT INTO {SearchWord.__tablename__} (word) SELECT DISTINCT lexeme FROM {TABLE}, "
                  f"unnest(search_vector) WHERE key = ANY(:keys) ON CONFLICT DO NOTHING")
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

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
                connection.execute(_ADD_WORDS, {"keys": sorted(doc["key"] for doc in docs)})

    def rebuild(self, docs, batch: int = 200) -> int:
        """Replace every entry in one transaction: searches see the old entries until it commits."""
        count = 0
        with self.engine.begin() as connection:
            connection.execute(text(f"DELETE FROM {TABLE}"))
            connection.execute(text(f"DELETE FROM {SearchWord.__tablename__}"))
            rows = []
            for doc in docs:
                rows.append(_row(doc))
                if len(rows) >= batch:
                    count += self._write(connection, rows)
                    rows = []
            if rows:
                count += self._write(connection, rows)
        self._tidy()
        return count

    def _tidy(self) -> None:
        """After a full rebuild: merge the GIN indexes' pending lists (a bulk insert leaves its
        entries there, and every search then scans them all: 22 ms for a word that is not there
        at 10k entries, against 0.03 ms after) and give the planner statistics of the new
        entries. Autovacuum would do both, but only minutes later."""
        try:
            with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(text(f"VACUUM (ANALYZE) {TABLE}, {SearchWord.__tablename__}"))
        except Exception:  # e.g. a database user that may not vacuum: searches still work, slower
            log.warning("could not vacuum the search tables after a rebuild", exc_info=True)

    @staticmethod
    def _write(connection, rows: list[dict]) -> int:
        connection.execute(_UPSERT, rows)
        connection.execute(_ADD_WORDS, {"keys": sorted(row["key"] for row in rows)})
        return len(rows)

    def stored(self) -> dict[str, tuple[str, tuple[str, ...]]]:
        """key -> (fingerprint, sorted principals) of every entry."""
        with self.engine.connect() as connection:
            rows = connection.execute(text(f"SELECT key, fingerprint, principals FROM {TABLE}")).all()
        return {row.key: (row.fingerprint, tuple(sorted(row.principals or ()))) for row in rows}

    def close(self) -> None:
        """Nothing to release: connections belong to the app's engine."""

    # --- searching (app.search.postgres_search) -------------------------------------------------

    def search(self, query: str, principals: set[str], filters: dict, page: int, pagelen: int,
               sort: str) -> Results:
        # Autocommit: every statement of a search only reads, and BEGIN and ROLLBACK would be two
        # more round trips to the server per search.
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            return postgres_search.search(connection, query, principals, filters, page, pagelen, sort)
