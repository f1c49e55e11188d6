"""Meetings (vergaderingen), their agenda items and attendance."""
from datetime import datetime

from sqlalchemy import Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.timeutil import utcnow
from app.extensions import db

ATTENDANCE_STATUSES = ("aanwezig", "verontschuldigd", "afwezig")
#: states in which the public reads a held meeting's decisions (of its public items): the decision
#: list (besluitenlijst) is published, or the minutes are approved
DECISIONS_PUBLIC_STATES = ("decisions_published", "minutes_approved")

#: the decisions a feedback item (terugkoppeling) reports, kept when its text is edited
feedback_decisions = Table(
    "agenda_item_feedback_decisions",
    db.metadata,
    Column("agenda_item_id", ForeignKey("agenda_items.id", ondelete="CASCADE"), primary_key=True),
    Column("decision_id", ForeignKey("decisions.id", ondelete="CASCADE"), primary_key=True, index=True),
)


def published_only_if(level: str, condition: bool) -> str:
    """`level`, except that what would be published stays internal unless `condition` holds."""
    return "internal" if level == "published" and not condition else level


class OnAgendaItem:
    """For what is recorded under an agenda item (minutes, decisions): its meeting, its body, who
    may read it and its owners are the item's. (Properties only: no columns.)"""

    @property
    def meeting(self) -> "Meeting":
        return self.agenda_item.meeting

    @property
    def body_id(self) -> int:
        return self.agenda_item.meeting.body_id

    @property
    def access_level(self) -> str:
        return self.agenda_item.access_level

    @property
    def owner_user_ids(self) -> set[int]:
        return self.agenda_item.owner_user_ids


class Meeting(db.Model):
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id"), index=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    #: stored in UTC; shown in Europe/Brussels
    start_at: Mapped[datetime] = mapped_column(index=True)
    end_at: Mapped[datetime | None]
    location: Mapped[str] = mapped_column(String(300), default="")
    online_url: Mapped[str] = mapped_column(String(500), default="")
    #: planned -> agenda_published -> held -> (decisions_published) -> minutes_approved, or
    #: cancelled before it is held (MEETING_WORKFLOW)
    state: Mapped[str] = mapped_column(String(30), default="planned")
    #: once the agenda is published, may the public see it (besides the members)?
    is_public: Mapped[bool] = mapped_column(default=False)
    #: bumped on every agenda change; a save based on an older value is refused
    agenda_version: Mapped[int] = mapped_column(default=1)
    #: iCalendar SEQUENCE, bumped when time or place changes
    ics_sequence: Mapped[int] = mapped_column(default=0)
    #: the body's n-th meeting of the (Brussels) year, stored when the meeting is held: planning an
    #: earlier meeting afterwards renumbers nothing held (None before: see meetings.numbering)
    number_in_year: Mapped[int | None]
    #: who approved the minutes, and when (the approve_minutes transition)
    approved_at: Mapped[datetime | None]
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: why the meeting was cancelled (the cancel transition)
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    #: when the secretary put the draft minutes up for comment (ter inzage) to the members
    minutes_shared_at: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    body = relationship("Body")
    approved_by = relationship("User", foreign_keys=[approved_by_id])
    items = relationship(
        "AgendaItem", back_populates="meeting", cascade="all, delete-orphan",
        order_by="AgendaItem.position",
    )
    attendance = relationship("Attendance", back_populates="meeting", cascade="all, delete-orphan")

    @property
    def access_level(self) -> str:
        if self.state == "planned":
            return "private"
        return "published" if self.is_public else "internal"

    @property
    def owner_user_ids(self) -> set[int]:
        """The author and the chairs (voorzitter) of the body: a chair may publish the agenda,
        so reads the draft (planned, private) agenda too."""
        owners = {self.created_by_id} if self.created_by_id else set()
        if self.body is not None:
            owners |= {m.user_id for m in self.body.memberships if m.role == "voorzitter"}
        return owners


class AgendaItem(db.Model):
    """An agenda item (agendapunt) of one meeting."""
    __tablename__ = "agenda_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    #: 0-based order; the shown number is position + 1
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(20), default="ter_informatie")
    presenter: Mapped[str] = mapped_column(String(200), default="")
    action_line_id: Mapped[int | None] = mapped_column(ForeignKey("action_lines.id"))
    duration_minutes: Mapped[int | None]
    #: copied from a mandatory fixed item of the body: can be edited, never removed
    is_fixed: Mapped[bool] = mapped_column(default=False)
    #: copied from a standing (non-mandatory) item such as "Varia": may be skipped with a reason
    is_standing: Mapped[bool] = mapped_column(default=False)
    fixed_item_id: Mapped[int | None] = mapped_column(ForeignKey("fixed_agenda_items.id", ondelete="SET NULL"))
    skipped: Mapped[bool] = mapped_column(default=False)
    skip_reason: Mapped[str] = mapped_column(Text, default="")
    #: False for a closed (besloten) item: never shown to the public
    is_public: Mapped[bool] = mapped_column(default=True)
    #: the item this one continues (postponed from an earlier meeting, or referred by another body)
    continues_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    meeting = relationship("Meeting", back_populates="items")
    action_line = relationship("ActionLine")
    fixed_item = relationship("FixedAgendaItem")
    continues_item = relationship("AgendaItem", remote_side=[id], back_populates="continued_by")
    continued_by = relationship("AgendaItem", back_populates="continues_item")
    feedback_decisions = relationship("Decision", secondary=feedback_decisions, order_by="Decision.id")
    decisions = relationship(
        "Decision", back_populates="agenda_item", cascade="all, delete-orphan",
        order_by="Decision.number",
    )

    @property
    def number(self) -> int:
        return self.position + 1

    @property
    def body_id(self) -> int:
        return self.meeting.body_id

    @property
    def access_level(self) -> str:
        """The meeting's; a closed (besloten) item is never public."""
        return published_only_if(self.meeting.access_level, self.is_public)

    @property
    def owner_user_ids(self) -> set[int]:
        return self.meeting.owner_user_ids


class Attendance(db.Model):
    """Whether a member attended (aanwezig / verontschuldigd / afwezig), and who stood in."""
    __tablename__ = "attendances"
    __table_args__ = (UniqueConstraint("meeting_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(20))
    #: who replaced an excused member (plaatsvervanger)
    substitute_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: a guest without an account who stood in (free text); "" when none, or a user stood in
    substitute_name: Mapped[str] = mapped_column(String(200), default="")

    meeting = relationship("Meeting", back_populates="attendance")
    user = relationship("User", foreign_keys=[user_id])
    substitute = relationship("User", foreign_keys=[substitute_id])

    @property
    def substitute_label(self) -> str:
        """Who stood in, as the minutes name them: the substitute's name, the guest's, or ""."""
        return self.substitute.name if self.substitute is not None else self.substitute_name
