"""The search outbox: index changes recorded in the same transaction as the change itself."""
from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.timeutil import utcnow
from app.extensions import db


class SearchOutbox(db.Model):
    """One object whose search entry must be refreshed (or removed) once the transaction commits.

    A row says only *which* object changed; the indexer reads the object's state at the time it
    applies the row, so replaying a row twice or out of order is harmless.
    """
    __tablename__ = "search_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: a registered search type, e.g. "document" or "meeting"
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
