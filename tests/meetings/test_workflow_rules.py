"""One home for every rule: guards and effects of the workflow engine, one approval path whoever
takes it (page, API, demo data), numbers frozen once a meeting is held."""
from datetime import datetime

import pytest

from app.core.errors import Conflict
from app.core.permissions import EDIT
from app.core.workflow import Transition, Workflow, apply_transition, guard, on_transition
from app.decisions import services as decisions
from app.decisions.demo import record_demo_decisions
from app.decisions.numbering import decision_reference
from app.extensions import db
from app.meetings import services
from app.meetings.demo import seed_demo_meetings
from app.meetings.models import Meeting
from app.minutes import services as minutes
from app.minutes.models import Minutes


def _held(user, start: datetime, title: str = "") -> Meeting:
    meeting = services.create_meeting(user, "taskforce", start, title=title)
    services.transition_meeting(user, meeting, "publish_agenda")
    services.transition_meeting(user, meeting, "mark_held")
    return meeting


def _approval_item(meeting):
    return next(item for item in meeting.items if item.title == "Goedkeuring verslag vorige vergadering")


@pytest.fixture
def two_meetings(people, request_ctx):
    """A held meeting with minutes on an item, and the next one where they are approved."""
    first = _held(people.secretary, datetime(2026, 1, 20, 14, 0))
    second = _held(people.secretary, datetime(2026, 3, 10, 14, 0))
    minutes.save_minutes(people.secretary, first.items[-1], "Besproken en beslist.")
    return first, second


def _assert_approved_and_locked(first, second, approver, comment=""):
    db.session.expire_all()
    assert first.state == "minutes_approved"
    assert first.approved_by_id == approver.id and first.approved_at is not None
    rows = db.session.scalars(db.select(Minutes).join(Minutes.agenda_item).filter_by(meeting_id=first.id)).all()
    assert rows and all(row.locked_at is not None and row.locked_by_id == approver.id for row in rows)
    line = minutes.minutes_text(_approval_item(second))
    assert "Het verslag van de vergadering van 20/01/2026 wordt goedgekeurd." in line
    assert comment in line


def test_the_meeting_pages_workflow_button_locks_and_records(client, two_meetings, people):
    first, second = two_meetings
    client.login(people.chair.email)
    response = client.submit(f"/meetings/{first.id}/transition",
                             {"transition": "approve_minutes", "comment": "Met een correctie.", "confirm": "1"})
    assert response.status_code == 302
    _assert_approved_and_locked(first, second, people.chair, "Met een correctie.")


def test_the_fixed_item_on_the_next_meeting_takes_the_same_path(client, two_meetings, people):
    first, second = two_meetings
    client.login(people.chair.email)
    asked = client.submit(f"/meetings/{second.id}/approve-previous")
    assert asked.status_code == 200 and "Verslag goedkeuren?" in asked.get_data(as_text=True)  # asks first
    assert client.submit(f"/meetings/{second.id}/approve-previous", {"confirm": "1"}).status_code == 302
    _assert_approved_and_locked(first, second, people.chair)


def test_the_api_transition_locks_and_records(api, two_meetings, people):
    first, second = two_meetings
    response = api.login(people.chair.email).post(f"/api/meetings/{first.id}/transition",
                                                  json={"transition": "approve_minutes"})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["approved_by"] == people.chair.name
    assert response.get_json()["approved_at"]
    _assert_approved_and_locked(first, second, people.chair)


def test_the_demo_data_approves_through_the_workflow(seeded, request_ctx):
    seed_demo_meetings(decide=record_demo_decisions)
    approved = db.session.scalars(db.select(Meeting).filter_by(state="minutes_approved")).all()
    assert approved
    assert all(m.approved_at is not None and m.approved_by_id is not None for m in approved)
    held = db.session.scalars(db.select(Meeting).where(Meeting.state.in_(("held", "minutes_approved")))).all()
    assert all(m.number_in_year for m in held)
    assert all(d.reference for m in held for item in m.items for d in item.decisions)


def test_a_guard_says_why_not_and_an_effect_follows_every_caller(people, request_ctx):
    workflow = Workflow("test-lamp", "off", {"off": "uit", "on": "aan"},
                        (Transition("switch_on", ("off",), "on", EDIT, "aan"),))
    seen = []

    @guard(workflow, "switch_on")
    def only_by_day(obj, user):
        return "Niet 's nachts." if obj.night else None

    @on_transition(workflow, "switch_on")
    def remember(event):
        seen.append((event.obj.id, event.from_state, event.transition.name, event.user.id))

    class Lamp:
        __tablename__ = "lamps"
        body_id, access_level, state = None, "published", "off"

        def __init__(self, id, night):
            self.id, self.night = id, night

    dark = Lamp(1, night=True)
    assert workflow.available(people.admin, dark) == []
    with pytest.raises(Conflict, match="Niet 's nachts."):
        apply_transition(workflow, dark, "switch_on", people.admin)
    assert dark.state == "off" and seen == []
    day = Lamp(2, night=False)
    assert [t.name for t in workflow.available(people.admin, day)] == ["switch_on"]
    apply_transition(workflow, day, "switch_on", people.admin, "licht")
    assert day.state == "on" and seen == [(2, "off", "switch_on", people.admin.id)]
    db.session.rollback()


def test_numbers_are_frozen_once_held(people, request_ctx):
    march = _held(people.secretary, datetime(2026, 3, 10, 14, 0))
    decision = decisions.create_decision(people.secretary, march.items[-1], "De Taskforce beslist.")
    assert march.number_in_year == 1 and decision_reference(decision) == "TF-2026-01/1"
    planned = services.create_meeting(people.secretary, "taskforce", datetime(2026, 4, 20, 14, 0))
    draft = decisions.create_decision(people.secretary, planned.items[-1], "Voorlopig.")
    assert decision_reference(draft) == "TF-2026-02/1"  # provisional while planned
    # a meeting planned later but earlier in the year renumbers nothing held...
    services.create_meeting(people.secretary, "taskforce", datetime(2026, 2, 3, 14, 0))
    db.session.expire_all()
    assert march.number_in_year == 1 and decision_reference(decision) == "TF-2026-01/1"
    # ...and the planned meeting gets its final number when it is held
    services.transition_meeting(people.secretary, planned, "publish_agenda")
    services.transition_meeting(people.secretary, planned, "mark_held")
    assert planned.number_in_year == 3 and decision_reference(draft) == "TF-2026-03/1"
