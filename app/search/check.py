"""`flask --app wsgi check-index` and `reindex --security`: the index compared with the database,
and the entries whose security drifted refreshed without a full rebuild."""
import logging

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.core.timeutil import utcnow
from app.extensions import db
from app.search import registry
from app.search.index import all_docs, backend, drain, waiting
from app.search.models import SearchOutbox

log = logging.getLogger(__name__)


class IndexBroken(Exception):
    """The index cannot be read, so nothing in it can be repaired entry by entry: rebuild it."""


def check_index() -> dict:
    """Compare the index with the database: missing, stale and superfluous entries; among the stale
    ones those whose stored principals differ from what allowed_principals says now; and the number
    of changes still waiting in the outbox."""
    with Session(db.engine) as session:
        expected = {doc["key"]: (doc["fingerprint"], tuple(doc["principals"])) for doc in all_docs(session)}
    pending = waiting()
    try:
        engine = backend()
        stored = engine.stored() if engine.exists() else {}
        broken = None
    except Exception as error:  # a damaged index: report it rather than fail
        log.exception("the search index cannot be read")
        stored, broken = {}, f"{type(error).__name__}: {error}"
    common = set(expected) & set(stored)
    return {
        "broken": broken,
        "missing": sorted(set(expected) - set(stored)),
        "stale": sorted(key for key in common if expected[key][0] != stored[key][0]),
        "stale_security": sorted(key for key in common if expected[key][1] != stored[key][1]),
        "extra": sorted(set(stored) - set(expected)),
        "pending": pending,
        "indexed": len(stored),
        "expected": len(expected),
    }


def repair_security() -> list[str]:
    """Refresh every entry whose stored principals drifted, and remove the entries nobody should
    find (extra): through the outbox, so the drain writes each object's state as it is then, and
    a save made meanwhile is never overwritten by an older view. Returns the keys it queued; they
    stay in the outbox when the writer is busy (applied by the next drain)."""
    report = check_index()
    if report["broken"]:
        raise IndexBroken(report["broken"])
    keys = sorted(set(report["stale_security"]) | set(report["extra"]))
    rows = []
    for key in keys:
        type_name, _sep, object_id = key.rpartition(":")
        if type_name in registry.TYPES and object_id.isdigit():
            rows.append({"object_type": type_name, "object_id": int(object_id), "created_at": utcnow()})
    if rows:
        with Session(db.engine) as session:
            session.execute(insert(SearchOutbox.__table__), rows)
            session.commit()
        drain()
    return keys
