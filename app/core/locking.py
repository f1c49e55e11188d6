"""Writers of the same object one after the other: a row lock held until the service commits.

Concurrent saves that number something (a minutes revision, an agenda position, a version) or
insert a row a unique constraint allows once (the minutes of an item, a member's attendance,
a vote) read what is there and then write the next. Two requests reading at the same moment
write the same number, and the second fails on the constraint: a 500. A service that writes
such rows first locks the object they belong to (the meeting, the agenda item), so the second
request waits for the first to commit and then reads what it wrote.

PostgreSQL locks the row (`SELECT ... FOR NO KEY UPDATE`, which still lets other transactions
insert rows referring to it). SQLite has one write lock for the whole database, and its default
(deferred) transactions take it only when they first write: the lock is a write that changes
nothing. Either way the lock ends with the commit or rollback.
"""
from flask_babel import gettext as _
from sqlalchemy import select, text

from app.core.errors import NotFound
from app.extensions import db


def lock_row(obj, gone_message: str | None = None) -> None:
    """Hold the write lock on `obj`'s row until this transaction ends. Queries after it see
    what others committed before it; objects already loaded keep what they held (see
    `lock_for_writing`). Raises NotFound when the row was deleted in the meantime."""
    table = type(obj).__table__
    if db.session.get_bind().dialect.name == "postgresql":
        found = db.session.execute(
            select(table.c.id).where(table.c.id == obj.id).with_for_update(key_share=True)).first()
        exists = found is not None
    else:
        result = db.session.execute(text(f'UPDATE "{table.name}" SET id = id WHERE id = :id'), {"id": obj.id})
        exists = result.rowcount == 1
    if not exists:
        raise NotFound(gone_message or _("Dit werd intussen verwijderd door iemand anders. Herlaad de pagina."))


def lock_for_writing(obj, gone_message: str | None = None) -> None:
    """The first step of a service that writes rows belonging to `obj`: lock its row, then forget
    what the session loaded before (the agenda, the attendance, the current revision), so that
    every check and number that follows is based on the committed state. Call it before
    changing anything (what was changed already is flushed first, then read back)."""
    db.session.flush()
    lock_row(obj, gone_message)
    db.session.expire_all()
