"""The indexable types: per type a builder producing a plain search document, and its dependents.

A search document is a plain dict (see `SearchDoc`) that any backend can store. Builders read the
object only; they never touch the index. `dependents(obj)` names the objects whose security follows
`obj` (a meeting's items, decisions and minutes), reindexed whenever `obj` changes.
"""
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Callable, Iterable

from flask import current_app

from app.core.permissions import allowed_principals
from app.search.lexicon import analysis_version

#: the fields of a search document, all plain values
DOC_FIELDS = ("key", "type", "id", "title", "text", "keywords", "body", "year", "action_line", "state",
              "date", "url", "principals", "parents")


@dataclass
class IndexedType:
    name: str
    model: type
    #: obj -> SearchDoc dict, or None when the object should not be in the index
    build: Callable[[Any], dict | None]
    #: obj -> objects (of registered types) to reindex with it
    dependents: Callable[[Any], Iterable[Any]] = field(default=lambda obj: ())


#: name -> IndexedType
TYPES: dict[str, IndexedType] = {}
#: model class -> IndexedType
BY_MODEL: dict[type, IndexedType] = {}
#: model class -> fn(obj) -> [(type or scope name, id)]: non-indexed rows whose change refreshes entries
TRIGGERS: dict[type, Callable[[Any], Iterable[tuple[str, int]]]] = {}
#: scope name -> fn(session, id) -> objects of registered types: an outbox row naming a scope stands
#: for a set of entries loaded in bulk when it is applied (e.g. a body's private meetings, whose
#: owners change with the body's seats)
SCOPES: dict[str, Callable[[Any, int], Iterable[Any]]] = {}


def register(name: str, model: type, build, dependents=None) -> IndexedType:
    entry = IndexedType(name, model, build, dependents or (lambda obj: ()))
    TYPES[name] = entry
    BY_MODEL[model] = entry
    return entry


def register_trigger(model: type, fn) -> None:
    """When a `model` row changes, refresh the entries `fn(row)` names. `fn` must only read
    column attributes (it runs inside a flush, where lazy loading is not allowed)."""
    TRIGGERS[model] = fn


def register_scope(name: str, expand) -> None:
    """An outbox row (`name`, id) refreshes the entries of every object `expand(session, id)`
    returns; `expand` loads them in a bounded number of queries, with what their builders read.
    Their dependents are not added: the scope names every entry it touches."""
    if name in TYPES:
        raise ValueError(f"{name!r} is already an indexed type")
    SCOPES[name] = expand


def key_of(type_name: str, object_id: int) -> str:
    return f"{type_name}:{object_id}"


def type_of(obj) -> IndexedType | None:
    return BY_MODEL.get(type(obj))


def build_doc(obj) -> dict | None:
    entry = type_of(obj)
    return entry.build(obj) if entry else None


def fingerprint(doc: dict) -> str:
    """A hash of everything a document says, and of the analysis that indexes it: check-index
    compares it with the stored one, so entries indexed with another lexicon (or by code that
    analysed differently) are reported stale until `reindex`."""
    payload = {k: doc.get(k) for k in DOC_FIELDS}
    payload["analysis"] = analysis_version()
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()[:32]


def make_doc(type_name: str, obj, *, title: str, text: str = "", keywords: Iterable[str] = (), body=None,
             when=None, action_line=None, state: str = "", url: str = "", parents: Iterable[str] = ()) -> dict:
    """A search document with the security of `obj` (its allowed principals). `text` is what
    snippets show; `keywords` (names, tags, file names, titles of what it belongs to) are found
    but never shown as a snippet."""
    if isinstance(when, datetime):
        moment = when
    elif isinstance(when, date):
        moment = datetime(when.year, when.month, when.day)
    else:
        moment = datetime(1970, 1, 1)
    doc = {
        "key": key_of(type_name, obj.id),
        "type": type_name,
        "id": obj.id,
        "title": (title or "").strip()[:500],
        "text": (text or "")[: current_app.config.get("SEARCH_MAX_TEXT", 500_000)],
        "keywords": "\n".join(word for word in keywords if word)[:10_000],
        "body": body.slug if body is not None else "",
        "year": str(moment.year) if when is not None else "",
        "action_line": str(action_line.number) if action_line is not None else "",
        "state": state or "",
        "date": moment,
        "url": url,
        "principals": sorted(set(allowed_principals(obj))),
        "parents": sorted(set(parents)),
    }
    doc["fingerprint"] = fingerprint(doc)
    return doc


def path_for(endpoint: str, anchor: str = "", **values) -> str:
    """The path of an object's page, built without a request (indexing also runs from the CLI)."""
    return current_app.url_map.bind("").build(endpoint, values) + anchor
