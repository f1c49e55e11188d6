"""The search interface: index(obj), unindex(obj), search(query, user, ...), plus the outbox drain,
reindex and check. Callers never see the backend: Whoosh (an index folder per host) or PostgreSQL
full-text search (shared by every host), chosen by SEARCH_BACKEND."""
import logging
import re

from flask import current_app
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.core.permissions import user_principals
from app.extensions import db
from app.search import registry
from app.search.models import SearchOutbox
from app.search.results import FACETS, Results

log = logging.getLogger(__name__)

SORTS = ("relevance", "date", "date_asc")


class SearchUnavailable(Exception):
    """The index is missing or damaged: searching says so (HTTP 503), everything else keeps
    working, and `flask --app wsgi reindex` repairs it."""


#: what search() filters on: the facets
FILTERS = FACETS
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def backend():
    """The backend of the current app, chosen by SEARCH_BACKEND."""
    app = current_app._get_current_object()
    existing = app.extensions.get("search_backend")
    if existing is not None:
        return existing
    kind = app.config.get("SEARCH_BACKEND", "whoosh")
    if kind == "postgres":
        # imported on choice: a host on PostgreSQL search never loads Whoosh, and the other way round
        from app.search.postgres_index import PostgresBackend

        existing = PostgresBackend(db.engine)
    elif kind == "whoosh":
        from app.search.whoosh_index import WhooshBackend

        existing = WhooshBackend(app.config["SEARCH_INDEX_PATH"],
                                 writer_timeout=app.config.get("SEARCH_WRITER_TIMEOUT", 10.0))
    else:
        raise RuntimeError(f"unknown SEARCH_BACKEND {kind!r} (whoosh or postgres)")
    app.extensions["search_backend"] = existing
    return existing


# --- one writer at a time, across processes ----------------------------------------------------------

def writer(timeout: float | None = None):
    """The backend's writer lock, one writer at a time across processes (Whoosh: a file lock beside
    the index folder; PostgreSQL: an advisory lock shared by every host). A context manager yielding
    True when acquired, False when `timeout` seconds (default SEARCH_WRITER_TIMEOUT) passed first."""
    if timeout is None:
        timeout = current_app.config.get("SEARCH_WRITER_TIMEOUT", 10.0)
    return backend().writer_lock(timeout)


# --- the interface -----------------------------------------------------------------------------------

def index(obj) -> None:
    """Write `obj` (and what depends on it) to the index now. Normal saves need not call this:
    the session hooks record every change in the outbox and apply it after the commit."""
    entry = registry.type_of(obj)
    if entry is None:
        raise ValueError(f"not an indexable object: {obj!r}")
    docs = _collect(entry, obj)
    with writer() as acquired:
        if not acquired:
            raise TimeoutError("search index busy")
        backend().apply(docs, [], [])


def unindex(obj) -> None:
    """Remove `obj` (and entries under it, such as a meeting's items) from the index now."""
    entry = registry.type_of(obj)
    if entry is None:
        raise ValueError(f"not an indexable object: {obj!r}")
    key = registry.key_of(entry.name, obj.id)
    with writer() as acquired:
        if not acquired:
            raise TimeoutError("search index busy")
        backend().apply([], [key], [key])


def clean_query(text: str | None) -> str:
    """A user's query made safe to parse: no control characters, at most SEARCH_MAX_QUERY chars."""
    limit = current_app.config.get("SEARCH_MAX_QUERY", 300)
    text = _CONTROL.sub(" ", text or "")
    return " ".join(text.split())[:limit].strip()


def search(query: str | None, user, filters: dict | None = None, page: int = 1,
           sort: str = "relevance", pagelen: int = 20):
    """What `user` may read that matches `query`: ranked hits with snippets and facet counts."""
    filters = {name: str(value)[:100] for name, value in (filters or {}).items()
               if name in FILTERS and value not in (None, "")}
    if sort not in SORTS:
        sort = "relevance"
    page = max(1, min(int(page or 1), 1000))
    pagelen = max(1, min(int(pagelen or 20), 100))
    engine = backend()
    try:
        present = engine.exists()
    except Exception as error:  # e.g. Whoosh's CURRENT overwritten
        log.exception("the search index cannot be read")
        raise SearchUnavailable("the search index cannot be read") from error
    if not present and _has_content():
        raise SearchUnavailable("the search index is missing")
    try:
        return engine.search(clean_query(query), user_principals(user), filters, page, pagelen, sort)
    except Exception as error:
        log.exception("the search index cannot be read")
        raise SearchUnavailable("the search index cannot be read") from error


def empty_results(page: int = 1, pagelen: int = 20):
    """No hits and no facets, in the shape search() returns (for a page that cannot search)."""
    return Results.empty(page, pagelen)


def _has_content() -> bool:
    """Whether the database holds something that should already be in the index: an indexable
    object with no change waiting in the outbox. (On a new instance everything saved so far is
    still in the outbox, so its first index is built from the outbox alone.)"""
    with Session(db.engine) as session:
        for entry in list(registry.TYPES.values()):
            queued = select(SearchOutbox.object_id).where(SearchOutbox.object_type == entry.name)
            statement = select(entry.model.id).where(entry.model.id.not_in(queued)).limit(1)
            if session.execute(statement).first() is not None:
                return True
    return False


# --- the outbox --------------------------------------------------------------------------------------

def waiting() -> int:
    """How many changes wait in the outbox for the next drain."""
    with Session(db.engine) as session:
        return session.scalar(select(func.count(SearchOutbox.id)))


def _collect(entry, obj) -> list[dict]:
    docs = {}
    doc = entry.build(obj)
    if doc is not None:
        docs[doc["key"]] = doc
    for dependent in entry.dependents(obj):
        dependent_entry = registry.type_of(dependent)
        if dependent_entry is None:
            continue
        dependent_doc = dependent_entry.build(dependent)
        if dependent_doc is not None:
            docs[dependent_doc["key"]] = dependent_doc
    return list(docs.values())


def _collect_scope(session, name: str, object_id: int, docs: dict, delete_keys: list) -> None:
    """The entries of a scope row (registry.SCOPES), loaded in bulk, into `docs` / `delete_keys`."""
    try:
        objects = list(registry.SCOPES[name](session, object_id))
        for obj in objects:
            entry = registry.type_of(obj)
            doc = entry.build(obj)
            if doc is None:
                delete_keys.append(registry.key_of(entry.name, obj.id))
            else:
                docs[doc["key"]] = doc
    except Exception:
        log.exception("could not build the search entries of %s:%s", name, object_id)


def drain(timeout: float | None = None, batch: int = 200) -> int:
    """Apply the outbox to the index; returns how many rows were applied. Safe to call from any
    process at any time: rows name objects, whose current state is indexed. Called after every
    commit that records a change (app.search.hooks), by `reindex` and by `flask search-drain`;
    never by a search, which only reads."""
    applied = 0
    with writer(timeout) as acquired:
        if not acquired:
            log.info("search writer busy: outbox left for the next writer")
            return 0
        with Session(db.engine) as session:
            for _round in range(1000):
                rows = session.execute(
                    select(SearchOutbox.id, SearchOutbox.object_type, SearchOutbox.object_id)
                    .order_by(SearchOutbox.id).limit(batch)
                ).all()
                if not rows:
                    break
                docs, delete_keys = {}, []
                for key in dict.fromkeys((row.object_type, row.object_id) for row in rows):
                    type_name, object_id = key
                    if type_name in registry.SCOPES:
                        _collect_scope(session, type_name, object_id, docs, delete_keys)
                        continue
                    entry = registry.TYPES.get(type_name)
                    if entry is None:
                        continue
                    obj = session.get(entry.model, object_id)
                    if obj is None:
                        delete_keys.append(registry.key_of(type_name, object_id))
                        continue
                    try:
                        collected = _collect(entry, obj)
                    except Exception:
                        log.exception("could not build the search entry of %s:%s", *key)
                        continue
                    if not any(doc["key"] == registry.key_of(type_name, object_id) for doc in collected):
                        delete_keys.append(registry.key_of(type_name, object_id))
                    for doc in collected:
                        docs[doc["key"]] = doc
                try:
                    present = backend().exists()
                except Exception:
                    log.exception("the search index cannot be read: outbox kept; "
                                  "run `flask --app wsgi reindex`")
                    return applied
                if not present and _has_content():
                    # The index is gone (deleted, or a new disk) while the database is not empty:
                    # writing these few entries would make a partial index look complete. Keep the
                    # rows; search reports the index missing until `reindex` rebuilds it.
                    log.error("the search index is missing: run `flask --app wsgi reindex`")
                    return applied
                try:
                    backend().apply(list(docs.values()), delete_keys, delete_keys)
                except Exception:
                    log.exception("search index update failed: outbox kept for a retry")
                    session.rollback()
                    return applied
                session.execute(delete(SearchOutbox).where(SearchOutbox.id.in_([row.id for row in rows])))
                session.commit()
                applied += len(rows)
                session.expunge_all()
    return applied


# --- reindex and check -------------------------------------------------------------------------------

def all_docs(session):
    """Every entry the database says the index should hold, built afresh."""
    for entry in list(registry.TYPES.values()):
        for obj in session.scalars(select(entry.model).order_by(entry.model.id)).yield_per(200):
            try:
                doc = entry.build(obj)
            except Exception:
                log.exception("could not build the search entry of %s:%s", entry.name, obj.id)
                continue
            if doc is not None:
                yield doc
        session.expunge_all()


def reindex(timeout: float = 600) -> int:
    """Rebuild the index from the database into a new generation and swap it in; searches keep
    using the old one meanwhile. Writers that commit during the rebuild leave their rows in the
    outbox, applied to the new generation right after the swap."""
    with writer(timeout) as acquired:
        if not acquired:
            raise TimeoutError("search index busy")
        with Session(db.engine) as session:
            count = backend().rebuild(all_docs(session))
    drain()
    return count
