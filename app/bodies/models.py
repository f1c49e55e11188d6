"""Bodies and who sits in them."""
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.timeutil import utcnow
from app.extensions import db

ORGANISATION_KINDS = (
    "gemeente", "vakbond", "werkgeversorganisatie", "provincie", "deskundige", "intercommunale",
    "taskforce",
)
MEMBERSHIP_ROLES = ("voorzitter", "lid", "secretaris", "waarnemer", "plaatsvervanger")
AGENDA_ITEM_KINDS = ("ter_informatie", "ter_bespreking", "ter_beslissing")
#: simple: more for than against; absolute: more for than half of the votes cast (abstentions
#: count as cast); two_thirds: at least two thirds of for + against
MAJORITY_RULES = ("simple", "absolute", "two_thirds")


class Organisation(db.Model):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(30))

    def __repr__(self) -> str:
        return f"<Organisation {self.name}>"


class ActionLine(db.Model):
    """One of the action lines (actielijnen) of the action plan."""
    __tablename__ = "action_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(unique=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")

    @property
    def label(self) -> str:
        return f"{self.number}. {self.name}"


class Body(db.Model):
    """A body (orgaan) that meets: the Taskforce, the Burgemeestersoverleg, a working group."""
    __tablename__ = "bodies"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(200))
    #: short code used in readable numbers, e.g. TF in TF-2026-03/2
    abbreviation: Mapped[str] = mapped_column(String(12))
    description: Mapped[str] = mapped_column(Text, default="")
    #: the body this one reports to (the Taskforce reports to the Burgemeestersoverleg)
    reports_to_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id"))
    min_meetings_per_year: Mapped[int] = mapped_column(default=0)
    #: voting members present (in person or by substitute) needed to vote; None: more than half
    quorum: Mapped[int | None]
    #: how a vote is decided (MAJORITY_RULES): "simple" = more for than against, abstentions do
    #: not count, a tie rejects
    majority_rule: Mapped[str] = mapped_column(String(20), default="simple")
    #: the logo on the letterhead of the Word exports: its file under UPLOAD_PATH/logos/ (never the
    #: uploader's name), None without a logo (app/bodies/house_style.py)
    logo_stored_name: Mapped[str | None] = mapped_column(String(80))
    logo_original_name: Mapped[str | None] = mapped_column(String(255))
    logo_size: Mapped[int | None]
    logo_uploaded_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    reports_to = relationship("Body", remote_side=[id], back_populates="reporting_bodies")
    reporting_bodies = relationship("Body", back_populates="reports_to")
    memberships = relationship(
        "Membership", back_populates="body", cascade="all, delete-orphan", lazy="selectin"
    )
    fixed_items = relationship(
        "FixedAgendaItem",
        back_populates="body",
        foreign_keys="FixedAgendaItem.body_id",
        cascade="all, delete-orphan",
        order_by="FixedAgendaItem.position",
    )

    # Bodies themselves are public: the public view lists them.
    access_level = "published"

    @property
    def body_id(self) -> int:
        return self.id

    def __repr__(self) -> str:
        return f"<Body {self.slug}>"


class Membership(db.Model):
    """A user's seat in a body, with the role local to that body."""
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "body_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    #: the organisation the member represents in this body
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user = relationship("User", back_populates="memberships")
    body = relationship("Body", back_populates="memberships")
    organisation = relationship("Organisation")


class FixedAgendaItem(db.Model):
    """An item every new meeting of the body gets (vast agendapunt)."""
    __tablename__ = "fixed_agenda_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(20), default="ter_informatie")
    #: mandatory items can never be removed from a meeting; standing ones (Varia) may be skipped
    mandatory: Mapped[bool] = mapped_column(default=True)
    #: for the feedback loop: the body whose decisions this item reports
    feedback_from_body_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id"))

    body = relationship("Body", back_populates="fixed_items", foreign_keys=[body_id])
    feedback_from_body = relationship("Body", foreign_keys=[feedback_from_body_id])


class HouseStyle(db.Model):
    """The uploaded Word template of a body; the file lives under UPLOAD_PATH/templates/."""
    __tablename__ = "house_styles"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"), unique=True)
    #: the generated file name under UPLOAD_PATH/templates/ (never the uploader's name)
    stored_name: Mapped[str] = mapped_column(String(80))
    original_name: Mapped[str] = mapped_column(String(255), default="")
    size: Mapped[int]
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)

    body = relationship("Body")
    uploaded_by = relationship("User")
