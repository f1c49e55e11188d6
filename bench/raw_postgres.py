"""The baseline for SEARCH_BACKEND=postgres: the same queries run directly as SQL on the
`search_entries` table of the benchmark database, with psycopg on one connection, without the app.

`run(full=False)` is the engine's floor: websearch_to_tsquery on the weighted tsvector, the field
filters, ts_rank_cd order (or the date sort), top 20; no permission filter, no facets, no headlines.
`run(full=True)` adds what a results page shows, as the app asks for it: the total and the five
facet counts (one GROUPING SETS query) and ts_headline snippets of the 20 hits.

The query text gets the app's one rewrite (NOT word -> -word, which websearch_to_tsquery would
otherwise read as a word), so both run the same tsquery; the app's fallbacks when nothing matches
(any word, then the typo query: misspelt words replaced by the corpus's lexemes within one or two
edits, found through the trigram-indexed `search_words`) are app work and not repeated here, so for
a typo the floor is the cost of finding nothing.
"""
import psycopg
from sqlalchemy.engine import make_url

from app.search.models import TEXT_SEARCH_CONFIG
from app.search.postgres_search import HEADLINE_CHARS, HEADLINE_OPTIONS, to_websearch

FACETS = ("type", "body", "year", "action_line", "state")
TSQUERY = f"websearch_to_tsquery('{TEXT_SEARCH_CONFIG}', %(q)s)"


def libpq_url(database_url: str) -> str:
    """postgresql+psycopg://... -> postgresql://... (what psycopg.connect takes)."""
    return make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)


class RawPostgres:
    def __init__(self, database_url: str):
        self.connection = psycopg.connect(libpq_url(database_url), autocommit=True)

    def close(self) -> None:
        self.connection.close()

    def run(self, q: str, filters: dict, sort: str, full: bool = True) -> int | None:
        """Top 20 for the query (and with `full` the total, facet counts and snippets); returns the
        total when `full`, else None (the floor counts nothing)."""
        q = to_websearch(q)
        where, params = [], {"q": q}
        if q:
            where.append(f"search_vector @@ {TSQUERY}")
        for name in FACETS:
            if filters.get(name):
                where.append(f"{name} = %(f_{name})s")
                params[f"f_{name}"] = str(filters[name])
        condition = " AND ".join(where) or "TRUE"
        if not q and sort == "relevance":
            sort = "date"
        order = {"date": "date DESC, key", "date_asc": "date ASC, key"}.get(sort, "score DESC, date DESC, key")
        score = f"ts_rank_cd(search_vector, {TSQUERY}, 1)" if q else "0"
        with self.connection.cursor() as cursor:
            total = None
            if full:
                grouping = ", ".join(f"GROUPING({name})" for name in FACETS)
                cursor.execute(
                    f"SELECT {', '.join(FACETS)}, {grouping}, count(*) FROM search_entries WHERE {condition} "
                    f"GROUP BY GROUPING SETS ({', '.join(f'({name})' for name in FACETS)})", params)
                total = sum(row[-1] for row in cursor.fetchall() if row[len(FACETS)] == 0)
                if not total:
                    return 0
            if full and q:
                headline = f"ts_headline('{TEXT_SEARCH_CONFIG}', left(text, {HEADLINE_CHARS}), {TSQUERY}, %(options)s)"
                cursor.execute(
                    f"SELECT key, title, {headline} FROM (SELECT key, title, text, date, {score} AS score "
                    f"FROM search_entries WHERE {condition} ORDER BY {order} LIMIT 20) AS found ORDER BY {order}",
                    {**params, "options": HEADLINE_OPTIONS})
            else:
                cursor.execute(f"SELECT key, title, {score} AS score FROM search_entries WHERE {condition} "
                               f"ORDER BY {order} LIMIT 20", params)
            cursor.fetchall()
        return total
