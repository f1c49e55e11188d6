"""Decisions (besluiten) taken under an agenda item, votes, objectives, actions and progress."""
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.timeutil import utcnow
from app.extensions import db
from app.meetings.models import DECISIONS_PUBLIC_STATES, OnAgendaItem, published_only_if

VOTE_CHOICES = ("voor", "tegen", "onthouding")
#: per_member: who voted what; counts: only the numbers; unanimous (eenparig): every voting member
#: present for; secret: counts only, no names ever
VOTE_KINDS = ("per_member", "counts", "unanimous", "secret")
OUTCOMES = ("aangenomen", "verworpen")
OUTCOME_LABELS = {"aangenomen": _l("aangenomen"), "verworpen": _l("verworpen")}
ACTION_STATUSES = ("gepland", "lopend", "afgerond", "geannuleerd")
OPEN_STATUSES = ("gepland", "lopend")
STATUS_LABELS = {"gepland": _l("gepland"), "lopend": _l("lopend"), "afgerond": _l("afgerond"),
                 "geannuleerd": _l("geannuleerd")}
VOTE_LABELS = {"voor": _l("voor"), "tegen": _l("tegen"), "onthouding": _l("onthouding")}

# Input limits, shared by the services, the forms and the API.
MAX_DECISION_TEXT = 10_000
MAX_TITLE = 300
MAX_DESCRIPTION = 20_000
MAX_COMMENT = 5_000
MAX_UNIT = 40


class Decision(OnAgendaItem, db.Model):
    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True)
    #: 1, 2, ... within the meeting; the readable reference adds body, year and meeting number
    number: Mapped[int]
    #: the readable reference, e.g. TF-2026-03/2, stored once the meeting is held (None before)
    reference: Mapped[str | None] = mapped_column(String(60))
    text: Mapped[str] = mapped_column(Text)
    action_line_id: Mapped[int | None] = mapped_column(ForeignKey("action_lines.id"))
    decided_on: Mapped[date]
    votes_for: Mapped[int | None]
    votes_against: Mapped[int | None]
    votes_abstain: Mapped[int | None]
    #: how the vote was taken (VOTE_KINDS); None without a vote
    vote_kind: Mapped[str | None] = mapped_column(String(20))
    #: aangenomen / verworpen, by the body's majority rule when the vote was recorded; None without a vote
    outcome: Mapped[str | None] = mapped_column(String(20))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    agenda_item = relationship("AgendaItem", back_populates="decisions")
    action_line = relationship("ActionLine")
    votes = relationship("Vote", back_populates="decision", cascade="all, delete-orphan",
                         order_by="Vote.id")
    actions = relationship("Action", back_populates="decision", order_by="Action.id")

    @property
    def access_level(self) -> str:
        """As its agenda item, except that the public reads it only once the meeting's decision
        list is published or its minutes approved (a held meeting's decisions are a draft before)."""
        return published_only_if(self.agenda_item.access_level,
                                 self.agenda_item.meeting.state in DECISIONS_PUBLIC_STATES)

    @property
    def owner_user_ids(self) -> set[int]:
        """None: unlike the item and its minutes, a decision of a planned (private) meeting is not
        opened to the meeting's author and chairs."""
        return set()

    @property
    def has_vote(self) -> bool:
        return any(v is not None for v in (self.votes_for, self.votes_against, self.votes_abstain))


class Vote(db.Model):
    """How one member voted on a decision (voor / tegen / onthouding)."""
    __tablename__ = "votes"
    __table_args__ = (UniqueConstraint("decision_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    choice: Mapped[str] = mapped_column(String(20))
    #: the member this voter stood in for (a plaatsvervanger voting in place of an excused member)
    replaces_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    decision = relationship("Decision", back_populates="votes")
    user = relationship("User", foreign_keys=[user_id])
    replaces = relationship("User", foreign_keys=[replaces_user_id])


class Objective(db.Model):
    """A measurable objective (doelstelling) within an action line of a body."""
    __tablename__ = "objectives"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id"), index=True)
    action_line_id: Mapped[int] = mapped_column(ForeignKey("action_lines.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    #: what is measured, e.g. "Aandeel fietsverplaatsingen woon-werk"; empty: progress from actions
    indicator: Mapped[str] = mapped_column(String(300), default="")
    unit: Mapped[str] = mapped_column(String(40), default="")
    baseline: Mapped[float | None] = mapped_column(Float)
    target: Mapped[float | None] = mapped_column(Float)
    target_date: Mapped[date | None]
    #: shown to the public, or only to the members of the body
    is_public: Mapped[bool] = mapped_column(default=False)
    #: the indicator is the sum of its actions' latest reported contributions, not measured itself
    sums_actions: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    body = relationship("Body")
    action_line = relationship("ActionLine")
    actions = relationship("Action", back_populates="objective", order_by="Action.id")
    updates = relationship("ProgressUpdate", back_populates="objective",
                           order_by="ProgressUpdate.created_at.desc(), ProgressUpdate.id.desc()")

    @property
    def access_level(self) -> str:
        return "published" if self.is_public else "internal"

    @property
    def owner_user_ids(self) -> set[int]:
        return set()


class Action(db.Model):
    """An action (actie) following from a decision and/or serving an objective."""
    __tablename__ = "actions"
    __table_args__ = (CheckConstraint("weight >= 0", name="weight_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the body it belongs to: its decision's, or set explicitly when it has no decision
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id"), index=True)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id", ondelete="SET NULL"), index=True)
    objective_id: Mapped[int | None] = mapped_column(ForeignKey("objectives.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    #: owner is a person (a user) or an organisation, never both
    owner_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    owner_organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"))
    due_on: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default="gepland", index=True)
    #: how much this action counts in its objective's progress (Decidim's weight)
    weight: Mapped[int] = mapped_column(default=1)
    #: 0-100, the latest reported completion
    progress: Mapped[int] = mapped_column(default=0)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    body = relationship("Body")
    decision = relationship("Decision", back_populates="actions")
    objective = relationship("Objective", back_populates="actions")
    owner_user = relationship("User", foreign_keys=[owner_user_id])
    owner_organisation = relationship("Organisation")
    updates = relationship("ProgressUpdate", back_populates="action", cascade="all, delete-orphan",
                           order_by="ProgressUpdate.created_at.desc(), ProgressUpdate.id.desc()")

    @property
    def access_level(self) -> str:
        return self.decision.access_level if self.decision is not None else "internal"

    @property
    def owner_user_ids(self) -> set[int]:
        return {self.owner_user_id} if self.owner_user_id else set()

    @property
    def owner_name(self) -> str:
        if self.owner_user is not None:
            return self.owner_user.name
        if self.owner_organisation is not None:
            return self.owner_organisation.name
        return ""

    @property
    def public_owner_name(self) -> str:
        """The owner as the public sees it: an organisation, never a person."""
        return self.owner_organisation.name if self.owner_organisation is not None else ""

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.due_on is not None and self.due_on < today

    @property
    def action_line(self):
        if self.objective is not None:
            return self.objective.action_line
        if self.decision is not None:
            return self.decision.action_line
        return None


class ProgressUpdate(db.Model):
    """A progress report on an action or an objective: a measured value and a comment (history)."""
    __tablename__ = "progress_updates"
    __table_args__ = (
        CheckConstraint("action_id IS NOT NULL OR objective_id IS NOT NULL", name="has_subject"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int | None] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), index=True)
    objective_id: Mapped[int | None] = mapped_column(ForeignKey("objectives.id", ondelete="CASCADE"), index=True)
    #: a measured value of the objective's indicator (on an objective), or an action's reported
    #: contribution (on an action), in the objective's unit
    value: Mapped[float | None] = mapped_column(Float)
    #: the day the value was measured (defaults to the day it was reported)
    measured_on: Mapped[date | None]
    #: 0-100, how far the action is (actions only)
    progress: Mapped[int | None]
    #: the action's status after this report, when it changed
    status: Mapped[str | None] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")
    #: set when the update was recorded in a meeting (follow-up of open actions)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    action = relationship("Action", back_populates="updates")
    objective = relationship("Objective", back_populates="updates")
    meeting = relationship("Meeting")
    user = relationship("User")
