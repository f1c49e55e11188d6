"""Searching the PostgreSQL backend's entries: one statement per attempt answers the page, the
total and the facet counts (a materialised CTE of the permission-filtered matches, ranked once),
with ts_headline snippets of the shown hits only.

An attempt that finds nothing falls back, as before: any word of the query, then the typo query
(app.search.postgres_typos: misspelt words replaced by the lexemes of the corpus they are typos of,
in titles and texts alike).
"""
import html
import re

from sqlalchemy import text

from app.search.lexicon import normalise_text
from app.search.models import TEXT_SEARCH_CONFIG, SearchEntry
from app.search.postgres_typos import typo_tsquery
from app.search.results import FACETS, Hit, Results, shorten

TABLE = SearchEntry.__tablename__
#: ts_headline first reads a window of this many characters of a hit's text, starting a little
#: (HEADLINE_LEAD characters) before the first place a lexeme of the query occurs as a substring;
#: only when no match is marked there does it read up to HEADLINE_CHARS. ts_headline analyses
#: every word it is given (~1 ms per 8,000 characters): snippets of long texts cost more than the
#: search itself
HEADLINE_WINDOW = 1_200
HEADLINE_LEAD = 200
#: the lexemes of a tsquery, from querytree()'s text ('word' & !'other' <-> 'third')
_LEXEMES = r"'((?:[^']|'')+)'"
#: ts_headline works on at most this much text: a match further on still finds the entry (the
#: snippet then shows its opening)
HEADLINE_CHARS = 100_000
#: ts_headline marks matches with these (control characters, stripped from stored text), which
#: become <mark> after the snippet is escaped: ts_headline itself escapes nothing
START, STOP = "\x02", "\x03"
HEADLINE_OPTIONS = (f"StartSel={START}, StopSel={STOP}, MaxFragments=2, MaxWords=35, MinWords=15, "
                    'ShortWord=3, FragmentDelimiter=" … "')
_TOKENS = re.compile(r'"[^"]*"?|\S+')
_ORDERS = {"date": "{p}date DESC, {p}key", "date_asc": "{p}date ASC, {p}key"}
_RELEVANCE = "{s}score DESC, {p}date DESC, {p}key"
#: which facet a GROUPING SETS row counts (exactly one of the five columns is grouped on)
_FACET_OF_ROW = "CASE " + " ".join(f"WHEN GROUPING({name}) = 0 THEN '{name}'" for name in FACETS) + " END"


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


def _order(sort: str, prefix: str = "", score_prefix: str = "") -> str:
    template = _ORDERS.get(sort, _RELEVANCE)
    return template.format(p=prefix, s=score_prefix)


def search(connection, query: str, principals: set[str], filters: dict, page: int, pagelen: int,
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
    if not query:
        return run(connection, where, params, None, page, pagelen, "date" if sort == "relevance" else sort)
    marks = None
    if query != typed:
        # ts_headline reads the stored text, which has the words as typed (steden), not their
        # lemma (stad): mark either
        params["typed"] = any_word_query(typed) or typed
        marks = (f"(websearch_to_tsquery('{TEXT_SEARCH_CONFIG}', :query)"
                 f" || websearch_to_tsquery('{TEXT_SEARCH_CONFIG}', :typed))")
    tsquery = f"websearch_to_tsquery('{TEXT_SEARCH_CONFIG}', :query)"
    # A query of stop words only is an empty tsquery: it matches nothing, through the index at once.
    results = run(connection, where, {**params, "query": query}, tsquery, page, pagelen, sort, marks)
    relaxed = any_word_query(query)
    if results.total == 0 and relaxed:
        results = run(connection, where, {**params, "query": relaxed}, tsquery, page, pagelen, sort, marks)
    if results.total:
        return results
    typo = typo_tsquery(connection, query)
    if typo is None:
        return empty
    params.pop("typed", None)
    results = run(connection, where, {**params, "typo": typo}, "CAST(:typo AS tsquery)", page, pagelen, sort)
    if not results.total:
        return empty
    results.fuzzy = True
    return results


def run(connection, where, params, tsquery, page, pagelen, sort, marks=None) -> Results:
    """One page of hits, the total and the facet counts of `where` (and `tsquery` when given) in
    one statement; `marks` is the tsquery ts_headline marks (by default `tsquery`)."""
    page = max(1, page)
    results = _run(connection, where, params, tsquery, page, pagelen, sort, marks)
    if results.total and not results.hits and page > results.pages:  # past the end: the last page
        results = _run(connection, where, params, tsquery, results.pages, pagelen, sort, marks)
    return results


def _headline(marks: str) -> tuple[str, str]:
    """The joins and the expression of a hit's snippet. A hit whose text does not match (its title
    or keywords did; `ts_filter` keeps the text's lexemes, weight B) gets its opening, without
    ts_headline; otherwise ts_headline reads a window around the first occurrence of a query
    lexeme, and the text up to HEADLINE_CHARS only when the window shows no match (a lexeme that
    is not a substring of its word, an accent)."""
    config, lead, window = TEXT_SEARCH_CONFIG, HEADLINE_LEAD, HEADLINE_WINDOW
    first_at = (f"(SELECT min(NULLIF(strpos(lower(left(e.text, {HEADLINE_CHARS})), lexeme[1]), 0)) "
                f"FROM regexp_matches(querytree({marks}), :lexemes, 'g') AS lexeme)")
    joins = (
        f"LEFT JOIN LATERAL (SELECT ts_filter(e.search_vector, '{{b}}') @@ {marks} AS in_text, "
        f"  {first_at} AS at) AS m ON e.key IS NOT NULL "
        f"LEFT JOIN LATERAL (SELECT CASE WHEN COALESCE(m.at, 1) <= {lead} THEN 1 "
        f"  ELSE m.at - {lead} + strpos(substr(e.text, m.at - {lead}, {lead}), ' ') END AS start) AS w ON m.in_text "
        f"LEFT JOIN LATERAL (SELECT ts_headline('{config}', substr(e.text, w.start, {window}), {marks}, :options) "
        f"  AS first) AS h ON m.in_text"
    )
    headline = (f"CASE WHEN NOT m.in_text THEN NULL "
                f"WHEN strpos(h.first, chr(2)) > 0 OR (w.start = 1 AND length(e.text) <= {window}) THEN h.first "
                f"ELSE ts_headline('{config}', left(e.text, {HEADLINE_CHARS}), {marks}, :options) END")
    return joins, headline


def _run(connection, where, params, tsquery, page, pagelen, sort, marks) -> Results:
    condition = " AND ".join([*where, f"search_vector @@ {tsquery}"] if tsquery else where)
    score = f"ts_rank_cd(search_vector, {tsquery}, 1)" if tsquery else "0::real"
    joins, headline = _headline(marks or tsquery) if tsquery else ("", "NULL")
    facet_rows = ", ".join(f"({name})" for name in FACETS)
    # With a query the matches are ranked once and kept for the counts and the page; without one
    # the counts and the page each read ix_search_entries_date_facets (the page backwards, 20
    # entries), which beats keeping every readable entry (at 100k: 200 against 385 ms).
    materialized = "MATERIALIZED" if tsquery else "NOT MATERIALIZED"
    statement = text(
        f"WITH matched AS {materialized} ("
        f"  SELECT key, {', '.join(FACETS)}, date, {score} AS score FROM {TABLE} WHERE {condition}"
        f"), counted AS ("
        f"  SELECT json_agg(json_build_array(facet, value, n)) AS facets FROM ("
        f"    SELECT {_FACET_OF_ROW} AS facet, COALESCE({', '.join(FACETS)}) AS value, count(*) AS n"
        f"    FROM matched GROUP BY GROUPING SETS ({facet_rows})) AS grouped"
        f"), shown AS ("
        f"  SELECT key, score FROM matched ORDER BY {_order(sort)} LIMIT :limit OFFSET :offset"
        f") "
        f"SELECT counted.facets, e.key, e.type, e.object_id, e.title, e.url, e.body, e.year, e.action_line, "
        f"  e.state, e.date, shown.score, {headline} AS headline, left(e.text, 1000) AS opening "
        f"FROM counted LEFT JOIN (shown JOIN {TABLE} AS e ON e.key = shown.key) ON TRUE {joins} "
        f"ORDER BY {_order(sort, 'e.', 'shown.')}"
    )
    rows = connection.execute(statement, {**params, "options": HEADLINE_OPTIONS, "lexemes": _LEXEMES, "limit": pagelen,
                                          "offset": (page - 1) * pagelen}).mappings().all()
    counts = {name: {} for name in FACETS}
    total = 0
    for facet, value, n in rows[0]["facets"] or ():  # the same on every row
        if facet == "type":
            total += n
        if value:
            counts[facet][value] = n
    hits = [
        Hit(type=row["type"], id=row["object_id"], title=row["title"], url=row["url"],
            snippet=_snippet(row["headline"], row["opening"]), title_html=html.escape(row["title"]),
            body=row["body"], year=row["year"], action_line=row["action_line"], state=row["state"],
            date=row["date"], score=float(row["score"] or 0.0))
        for row in rows if row["key"] is not None
    ]
    return Results(total, hits, counts, page, pagelen)
