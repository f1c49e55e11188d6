"""Core tables: the workflow history and the version history of any content."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.timeutil import utcnow
from app.extensions import db


class WorkflowTransition(db.Model):
    """One workflow step taken on an object: who, when, from which state to which, and why."""
    __tablename__ = "workflow_transitions"
    __table_args__ = (Index("ix_workflow_transitions_object", "object_type", "object_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the kind of object, e.g. "meeting" or "document"
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[int]
    transition: Mapped[str] = mapped_column(String(40))
    from_state: Mapped[str] = mapped_column(String(40))
    to_state: Mapped[str] = mapped_column(String(40))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user = relationship("User")


class Version(db.Model):
    """A saved state of edited content (Plone's CMFEditions): the fields as they were after a save."""
    __tablename__ = "versions"
    __table_args__ = (Index("ix_versions_object", "object_type", "object_id", "number", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[int]
    #: 1, 2, 3... per object
    number: Mapped[int]
    #: the versioned fields, e.g. {"title": ..., "text": ...}
    data: Mapped[dict] = mapped_column(JSON)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user = relationship("User")
