"""Session hooks: record index changes in the outbox inside the same transaction, apply them
after the commit. A crash (or a busy writer) between commit and apply leaves the rows in the
outbox: the next drain applies them with its own, after the next commit that records a change, or
`flask --app wsgi search-drain`.

A workflow transition needs no effect of its own here: it changes the object's state, so the flush
records the object, and reindexing it reindexes what follows its security (registry dependents).
A seat in a body changes no indexed row but may change owners: app.search.security records it."""
import logging

from contextlib import contextmanager

from flask import current_app, has_app_context
from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import event, insert

from app.core.timeutil import utcnow
from app.search import index, registry
from app.search.models import SearchOutbox

log = logging.getLogger(__name__)
_PENDING = "search_outbox_pending"
DEFERRED = "search_indexing_deferred"
_installed = False


def _changes(session) -> set[tuple[str, int]]:
    keys = set()
    for obj in list(session.new) + list(session.dirty) + list(session.deleted):
        entry = registry.BY_MODEL.get(type(obj))
        if entry is not None:
            if obj in session.dirty and not session.is_modified(obj):
                continue
            if getattr(obj, "id", None) is not None:
                keys.add((entry.name, obj.id))
            continue
        trigger = registry.TRIGGERS.get(type(obj))
        if trigger is not None:
            keys.update((name, object_id) for name, object_id in trigger(obj) if object_id is not None)
    return keys


def after_flush(session, flush_context) -> None:
    keys = _changes(session)
    if not keys:
        return
    now = utcnow()
    session.connection().execute(
        insert(SearchOutbox.__table__),
        [{"object_type": name, "object_id": object_id, "created_at": now} for name, object_id in sorted(keys)],
    )
    session.info[_PENDING] = True


def after_commit(session) -> None:
    if not session.info.pop(_PENDING, False) or not has_app_context():
        return
    if current_app.extensions.get(DEFERRED):
        return  # inside deferred_indexing(): the rows wait in the outbox for one drain at the end
    try:
        index.drain()
    except Exception:  # the rows stay in the outbox; never fail the user's save
        log.exception("applying the search outbox failed; it will be retried")


@contextmanager
def deferred_indexing():
    """Many commits in a row (the demo data, an import): record them in the outbox as usual but
    apply the outbox once at the end instead of after every commit."""
    app = current_app._get_current_object()
    app.extensions[DEFERRED] = app.extensions.get(DEFERRED, 0) + 1
    try:
        yield
    finally:
        app.extensions[DEFERRED] -= 1
    if not app.extensions[DEFERRED]:
        index.drain()


def after_rollback(session) -> None:
    session.info.pop(_PENDING, None)


def install() -> None:
    global _installed
    if _installed:
        return
    event.listen(FlaskSession, "after_flush", after_flush)
    event.listen(FlaskSession, "after_commit", after_commit)
    event.listen(FlaskSession, "after_soft_rollback", lambda session, previous: after_rollback(session))
    _installed = True
