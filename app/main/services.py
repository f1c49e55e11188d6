"""What the start page shows."""
from app.core.permissions import VIEW, can
from app.core.timeutil import utcnow
from app.extensions import db
from app.meetings.models import Meeting


def upcoming_meetings(user, limit: int = 10) -> list[Meeting]:
    """The next meetings `user` may see, soonest first."""
    candidates = db.session.scalars(
        db.select(Meeting).where(Meeting.start_at >= utcnow()).order_by(Meeting.start_at).limit(limit * 5)
    ).all()
    return [meeting for meeting in candidates if can(user, VIEW, meeting)][:limit]
