"""The minutes screen runs a bounded number of queries, whatever the number of items: the same
count for a meeting of 2 items as for one of 12, each item with minutes, a decision with votes
and an action."""
from datetime import datetime

import pytest

from app.decisions import actions
from app.decisions import services as decisions
from app.meetings import agenda, services
from app.minutes import services as minutes
from tests.decisions.voting import everyone_present
from tests.meetings.test_query_counts import _queries


def _held_meeting_with(people, items: int, start: datetime):
    user = people.secretary
    meeting = services.create_meeting(user, "taskforce", start)
    added = [agenda.add_item(user, meeting, {"title": f"Punt {n}", "kind": "ter_beslissing", "action_line": 1})
             for n in range(items)]
    services.transition_meeting(user, meeting, "publish_agenda")
    services.transition_meeting(user, meeting, "mark_held")
    everyone_present(user, meeting)  # votes follow the attendance
    for n, item in enumerate(added):
        minutes.save_minutes(user, item, f"Het verslag van **punt {n}**.")
        decision = decisions.create_decision(user, item, f"Besluit {n}")
        decisions.record_votes(user, decision, per_member={people.chair.id: "tegen", people.member.id: "voor"})
        actions.create_action(user, {"title": f"Actie {n}", "owner": user.email, "due": "2026-12-31"},
                              decision=decision)
    return meeting


@pytest.fixture
def meetings(people, request_ctx):
    """An earlier meeting, then a meeting of 2 items and one of 12 in the same slot: both have the
    earlier one to approve and its open action to follow up, and neither rolls the other's
    actions forward, so only the number of items differs."""
    _held_meeting_with(people, 1, datetime(2026, 2, 10, 14, 0))
    small = _held_meeting_with(people, 2, datetime(2026, 3, 10, 14, 0))
    large = _held_meeting_with(people, 12, datetime(2026, 3, 10, 14, 0))
    return small, large


@pytest.mark.parametrize("who", ["secretary", "member"])
def test_minutes_page_queries_do_not_grow_with_the_agenda(client, people, meetings, who):
    small, large = meetings
    client.login(getattr(people, who).email)
    page = client.get(f"/meetings/{large.id}/minutes").get_data(as_text=True)
    assert "Het verslag van <strong>punt 11</strong>." in page
    assert "Stemming: 1 voor, 1 tegen, 0 onthouding" in page and "Actie 0" in page
    count_small = _queries(lambda: client.get(f"/meetings/{small.id}/minutes"))
    count_large = _queries(lambda: client.get(f"/meetings/{large.id}/minutes"))
    print("minutes page", who, count_small, count_large)
    assert count_large == count_small
