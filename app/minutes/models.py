"""Minutes (notulen) per agenda item, pointing to immutable revisions as Indico's notes do."""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.timeutil import utcnow
from app.extensions import db
from app.meetings.models import OnAgendaItem, published_only_if


def minutes_access_level(meeting, level: str) -> str:
    """Members read minutes in draft; the public only once approved (and the item is public):
    `level` is the access level of what the minutes are of (an item, or the whole meeting)."""
    return published_only_if(level, meeting.state == "minutes_approved")


@dataclass(frozen=True)
class MeetingMinutes:
    """The minutes of a whole meeting (its Word document), as the permission check sees them."""
    meeting: object

    @property
    def body_id(self) -> int:
        return self.meeting.body_id

    @property
    def access_level(self) -> str:
        return minutes_access_level(self.meeting, self.meeting.access_level)

    @property
    def owner_user_ids(self) -> set[int]:
        return self.meeting.owner_user_ids


class Minutes(OnAgendaItem, db.Model):
    """The treatment (behandeling) of one agenda item; its text lives in its revisions."""
    __tablename__ = "minutes"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), unique=True)
    #: the revision shown now; a restore adds a new revision rather than moving this back
    current_revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("minutes_revisions.id", use_alter=True, ondelete="SET NULL"))
    #: set when the item was locked after the meeting: changes then need a reason
    locked_at: Mapped[datetime | None]
    locked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    agenda_item = relationship("AgendaItem")
    locked_by = relationship("User")
    current_revision = relationship(
        "MinutesRevision", foreign_keys=[current_revision_id], post_update=True)
    revisions = relationship(
        "MinutesRevision", foreign_keys="MinutesRevision.minutes_id", back_populates="minutes",
        order_by="MinutesRevision.number", cascade="all, delete-orphan")

    @property
    def text(self) -> str:
        return self.current_revision.text if self.current_revision else ""

    @property
    def access_level(self) -> str:
        return minutes_access_level(self.meeting, super().access_level)


class MinutesRevision(db.Model):
    """One saved state of an item's minutes: never changed after it is written."""
    __tablename__ = "minutes_revisions"
    __table_args__ = (UniqueConstraint("minutes_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(ForeignKey("minutes.id", ondelete="CASCADE"), index=True)
    #: 1, 2, 3... per item
    number: Mapped[int]
    text: Mapped[str] = mapped_column(Text, default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: why the text changed after approval or lock (required then), or a restore note
    reason: Mapped[str] = mapped_column(Text, default="")
    #: the revision number this one restored, if it is a restore
    restored_from: Mapped[int | None]
    #: the kind of save: "edit", "autosave", "restore", "correction", "approval"
    kind: Mapped[str] = mapped_column(String(20), default="edit")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    minutes = relationship("Minutes", foreign_keys=[minutes_id], back_populates="revisions")
    user = relationship("User")


class MinutesComment(db.Model):
    """A member's remark on the draft minutes of a meeting (Decreet Lokaal Bestuur art. 32), and
    the secretariat's answer."""
    __tablename__ = "minutes_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    #: the agenda item the remark is about, or None for the minutes as a whole
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id", ondelete="SET NULL"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: the secretariat's answer; answered_at set means the remark is dealt with
    answer: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[datetime | None]
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    meeting = relationship("Meeting")
    agenda_item = relationship("AgendaItem")
    user = relationship("User", foreign_keys=[user_id])
    answered_by = relationship("User", foreign_keys=[answered_by_id])
