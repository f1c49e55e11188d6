"""The demo year of meetings: realistic, idempotent, and showing the feedback loop."""
import pytest

from app.decisions.demo import record_demo_decisions
from app.extensions import db
from app.meetings import queries
from app.meetings.demo import seed_demo_meetings
from app.meetings.models import Meeting


@pytest.mark.slow
def test_demo_meetings_once_with_feedback_loop(seeded):
    created = seed_demo_meetings(decide=record_demo_decisions)
    assert created >= 10
    assert seed_demo_meetings(decide=record_demo_decisions) == 0  # idempotent
    meetings = db.session.scalars(db.select(Meeting).order_by(Meeting.start_at)).all()
    assert len(meetings) == created
    states = {m.state for m in meetings}
    assert {"planned", "agenda_published", "held", "decisions_published", "minutes_approved"} <= states
    upcoming, past = queries.split_upcoming(meetings)
    assert upcoming and past
    taskforce_feedback = [
        item for m in meetings if m.body.slug == "taskforce" for item in m.items
        if item.title.startswith("Terugkoppeling") and item.feedback_decisions
    ]
    mayors_feedback = [
        item for m in meetings if m.body.slug == "burgemeestersoverleg" for item in m.items
        if item.title.startswith("Terugkoppeling") and item.feedback_decisions
    ]
    assert taskforce_feedback and mayors_feedback
    assert "TF-" in mayors_feedback[0].description and "BO-" in taskforce_feedback[0].description
    assert any(item.continues_item_id for m in meetings for item in m.items)  # a postponed topic
    assert any(item.skipped and item.skip_reason for m in meetings for item in m.items)
