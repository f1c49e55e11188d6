"""What each user wants mailed. No row: everything on, reminders daily."""
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db

#: the kinds of notification a user can switch off (account mails, such as a password reset, always go)
KINDS = ("meetings", "minutes", "decisions", "actions", "reminders", "digest")
FREQUENCIES = ("daily", "weekly")


class NotificationPreference(db.Model):
    __tablename__ = "notification_preferences"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    #: invitations, changes and cancellations of meetings of the user's bodies
    meetings: Mapped[bool] = mapped_column(default=True)
    #: draft minutes open for comment, minutes approved
    minutes: Mapped[bool] = mapped_column(default=True)
    #: a decision list published
    decisions: Mapped[bool] = mapped_column(default=True)
    #: an action assigned to the user (or to their organisation)
    actions: Mapped[bool] = mapped_column(default=True)
    #: the user's own actions due within a week or overdue
    reminders: Mapped[bool] = mapped_column(default=True)
    #: "daily" or "weekly"
    reminder_frequency: Mapped[str] = mapped_column(String(10), default="daily")
    #: a secretary's weekly list of the overdue actions of their bodies
    digest: Mapped[bool] = mapped_column(default=True)

    def wants(self, kind: str) -> bool:
        return bool(getattr(self, kind))
