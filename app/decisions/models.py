"""Decisions (besluiten) taken under an agenda item."""
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.timeutil import utcnow
from app.extensions import db


class Decision(db.Model):
    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True)
    #: 1, 2, ... within the meeting; the readable reference adds body, year and meeting number
    number: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    action_line_id: Mapped[int | None] = mapped_column(ForeignKey("action_lines.id"))
    decided_on: Mapped[date]
    votes_for: Mapped[int | None]
    votes_against: Mapped[int | None]
    votes_abstain: Mapped[int | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    agenda_item = relationship("AgendaItem", back_populates="decisions")
    action_line = relationship("ActionLine")

    @property
    def meeting(self):
        return self.agenda_item.meeting

    @property
    def body_id(self) -> int:
        return self.agenda_item.meeting.body_id

    @property
    def access_level(self) -> str:
        return self.agenda_item.access_level

    @property
    def owner_user_ids(self) -> set[int]:
        return set()
