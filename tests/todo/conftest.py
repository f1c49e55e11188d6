"""Test data for the to-do list: meetings with draft minutes, remarks, actions."""
from datetime import timedelta

import pytest

from app.core.timeutil import utcnow
from app.decisions.actions import create_action, today
from app.extensions import db
from app.meetings.services import transition_meeting
from app.minutes.models import MinutesComment
from app.minutes.services import save_minutes


@pytest.fixture
def held(make_meeting, admin):
    """held(days=-7, decisions_published=False, shared=False, body="taskforce", items=(...),
    state="held") -> a meeting that took place `days` ago, its minutes a draft unless `state` says
    otherwise."""

    def make(days=-7, decisions_published=False, shared=False, body="taskforce", items=("Fietssnelwegen",),
             state="held", **kwargs):
        meeting = make_meeting(body=body, days=days, state=state, items=items, **kwargs)
        if decisions_published:
            transition_meeting(admin, meeting, "publish_decisions")
        if shared:
            # Sharing the draft for comment is another helper's service, written in parallel: the
            # column is set directly here.
            meeting.minutes_shared_at = utcnow()
            db.session.commit()
        return meeting

    return make


@pytest.fixture
def write_minutes(admin, request_ctx):
    """write_minutes(meeting): every item not skipped gets its treatment."""

    def write(meeting, text="Besproken en goedgekeurd."):
        for item in meeting.items:
            if not item.skipped:
                save_minutes(admin, item, text)
        return meeting

    return write


@pytest.fixture
def remark():
    """remark(meeting, user, text, answered=False) -> a MinutesComment, made directly through
    db.session: the comments service is being written in parallel by someone else."""

    def make(meeting, user, text="Punt 2: de naam van de schepen is fout gespeld.", answered=False, item=None):
        row = MinutesComment(meeting_id=meeting.id, user_id=user.id, text=text,
                             agenda_item_id=item.id if item is not None else None)
        if answered:
            row.answer, row.answered_at = "Aangepast.", utcnow()
        db.session.add(row)
        db.session.commit()
        return row

    return make


@pytest.fixture
def action(make_decision, admin, request_ctx):
    """action(item, title, owner=None, due_in_days=None, status="gepland") -> an Action under a new
    decision on `item`, due `due_in_days` from today (Brussels)."""

    def make(item, title, owner=None, due_in_days=None, status="gepland"):
        decision = make_decision(item, f"Besluit: {title}", user=admin)
        data = {"title": title, "status": status}
        if owner is not None:
            data["owner"] = owner.email
        if due_in_days is not None:
            data["due"] = (today() + timedelta(days=due_in_days)).isoformat()
        return create_action(admin, data, decision=decision)

    return make
