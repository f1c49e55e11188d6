"""Agenda proposals (voorstellen van agendapunten): a member asks the secretary of their body to put
an item on a meeting's agenda, with a description and documents."""
from datetime import datetime

from sqlalchemy import Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.timeutil import utcnow
from app.extensions import db

#: open -> accepted (onto a meeting) | postponed (still to be decided) | declined (with a reason)
PROPOSAL_STATES = ("open", "postponed", "accepted", "declined")
#: the states in which the secretary still decides: a postponed proposal waits for a later meeting
PENDING_STATES = ("open", "postponed")

#: the documents sent with a proposal (files uploaded by the proposer, private until accepted)
proposal_documents = Table(
    "agenda_proposal_documents",
    db.metadata,
    Column("proposal_id", ForeignKey("agenda_proposals.id", ondelete="CASCADE"), primary_key=True),
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class AgendaProposal(db.Model):
    """A proposed agenda item. Who may read it: its proposer, the body's secretary and the beheerder
    (`access_level` private, the proposer its owner); the body's other members see the pending ones
    (app/proposals/services.py)."""
    __tablename__ = "agenda_proposals"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id"), index=True)
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    #: Markdown, rendered sanitised
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(20), default="ter_bespreking")
    #: PROPOSAL_STATES
    state: Mapped[str] = mapped_column(String(20), default="open", index=True)
    #: the secretary's note on a postponement, or the reason of a decline
    decision_note: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]
    #: where an accepted proposal went: the meeting and the agenda item made from it
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    body = relationship("Body")
    proposed_by = relationship("User", foreign_keys=[proposed_by_id])
    decided_by = relationship("User", foreign_keys=[decided_by_id])
    meeting = relationship("Meeting")
    agenda_item = relationship("AgendaItem")
    documents = relationship("Document", secondary=proposal_documents, order_by="Document.title")

    @property
    def access_level(self) -> str:
        return "private"

    @property
    def owner_user_ids(self) -> set[int]:
        return {self.proposed_by_id} if self.proposed_by_id else set()

    @property
    def is_pending(self) -> bool:
        return self.state in PENDING_STATES
