"""The item's minutes editor records the vote and the actions of its decisions right there (plain
forms, back to the item at the decision or action), approves the minutes from their page, shows a
locked item read-only, and prints the minutes without their version controls."""
import re
from datetime import date, datetime

import pytest

from app.decisions import actions
from app.decisions.models import Action
from app.minutes import services
from tests.decisions.voting import voting_room


@pytest.fixture
def room(people, make_meeting, make_user):
    return voting_room(people, make_meeting, make_user)


def _editor(room) -> str:
    return f"/meetings/{room.meeting.id}/items/{room.item.id}/minutes"


def test_the_editor_holds_each_decisions_vote_and_action_forms(client, room, people):
    client.login(people.secretary.email)
    page = client.get(_editor(room)).get_data(as_text=True)
    section = page[page.index(f'id="decision-{room.decision.id}"'):]
    assert f'action="{_editor(room)[:-len("/minutes")]}/decisions/{room.decision.id}/vote"' in section
    for voter in (room.chair, room.member, room.vera, room.lieve, room.substitute):
        assert f'name="vote-{voter.id}"' in section
    assert f'name="vote-{room.observer.id}"' not in section
    assert "Paul Plaatsvervanger (plaatsvervanger voor Arno Claes)" in section
    assert "Quorum bereikt" in page and "Nog geen stemming." in section
    assert f"/decisions/{room.decision.id}/actions" in section and "Actie toevoegen" in section
    # the decision page stays, one link away
    assert f'href="/decisions/{room.decision.id}"' in section


def test_secretary_records_a_vote_inline_and_returns_to_the_decision(client, room, people):
    client.login(people.secretary.email)
    url = f"/meetings/{room.meeting.id}/items/{room.item.id}/decisions/{room.decision.id}/vote"
    response = client.submit(url, {"mode": "members", f"vote-{room.chair.id}": "voor",
                                   f"vote-{room.substitute.id}": "voor", f"vote-{room.member.id}": "tegen"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{_editor(room)}#decision-{room.decision.id}")
    assert (room.decision.vote_kind, room.decision.outcome) == ("per_member", "aangenomen")
    page = client.get(_editor(room)).get_data(as_text=True)
    assert "De stemming is bewaard." in page
    assert "Stemming: 2 voor, 1 tegen, 0 onthouding" in page and "aangenomen" in page
    # the same rules as the decision page: the counts never exceed who may vote
    response = client.submit(url, {"mode": "counts", "voor": "9", "tegen": "0", "onthouding": ""})
    assert response.status_code == 302
    assert "maar er zijn maar 5 stemgerechtigde leden" in client.get(_editor(room)).get_data(as_text=True)
    assert room.decision.votes_for == 2


def test_no_quorum_no_inline_vote(client, people, make_meeting, item_titled, make_decision):
    meeting = make_meeting(state="held", items=["Mobiliteitsplan regio Leuven"])
    item = item_titled(meeting, "Mobiliteitsplan regio Leuven")
    decision = make_decision(item, "Zonder quorum")
    client.login(people.secretary.email)
    response = client.submit(f"/meetings/{meeting.id}/items/{item.id}/decisions/{decision.id}/vote",
                             {"mode": "unanimous"})
    assert response.status_code == 302
    page = client.get(f"/meetings/{meeting.id}/items/{item.id}/minutes").get_data(as_text=True)
    assert "Er is geen quorum" in page and "Quorum niet bereikt" in page
    assert decision.vote_kind is None


def test_secretary_adds_and_edits_an_action_inline(client, room, people):
    client.login(people.secretary.email)
    base = f"/meetings/{room.meeting.id}/items/{room.item.id}"
    response = client.submit(f"{base}/decisions/{room.decision.id}/actions", {
        "title": "Tellingen fietsroutes", "owner": f"user:{people.member.id}", "due": "2026-06-30",
        "status": "gepland", "objective": ""})
    assert response.status_code == 302
    action = Action.query.filter_by(title="Tellingen fietsroutes").one()
    assert response.headers["Location"].endswith(f"{_editor(room)}#action-{action.id}")
    assert (action.decision_id, action.owner_user_id, action.due_on) == (room.decision.id, people.member.id,
                                                                           date(2026, 6, 30))
    actions.update_action(people.secretary, action, {"description": "Op vier assen", "weight": "3"})
    response = client.submit(f"{base}/actions/{action.id}", {
        "title": "Tellingen fietsroutes (najaar)", "owner": f"user:{people.member.id}", "due": "2026-09-30",
        "status": "lopend", "objective": ""})
    assert response.headers["Location"].endswith(f"#action-{action.id}")
    assert (action.title, action.status, action.due_on) == ("Tellingen fietsroutes (najaar)", "lopend",
                                                            date(2026, 9, 30))
    # what the inline form does not show stays as it was
    assert (action.description, action.weight) == ("Op vier assen", 3)
    page = client.get(_editor(room)).get_data(as_text=True)
    row = page[page.index(f'id="action-{action.id}"'):]
    assert "Tellingen fietsroutes (najaar)" in row and "Lotte Lid" in row and "lopend" in row.lower()
    # bad input is a message at the decision, nothing saved
    response = client.submit(f"{base}/decisions/{room.decision.id}/actions", {"title": "", "status": "gepland"})
    assert response.headers["Location"].endswith(f"#decision-{room.decision.id}")
    assert Action.query.count() == 1


def test_inline_forms_refuse_members_and_other_items(client, room, people, item_titled):
    base = f"/meetings/{room.meeting.id}/items/{room.item.id}"
    client.login(people.member.email)
    assert client.submit(f"{base}/decisions/{room.decision.id}/vote", {"mode": "unanimous"}).status_code == 403
    assert client.submit(f"{base}/decisions/{room.decision.id}/actions", {"title": "X", "status": "gepland"}).status_code == 403
    assert room.decision.vote_kind is None and Action.query.count() == 0
    client.logout()
    client.login(people.secretary.email)
    other = item_titled(room.meeting, "Varia")
    response = client.submit(f"/meetings/{room.meeting.id}/items/{other.id}/decisions/{room.decision.id}/vote",
                             {"mode": "unanimous"})
    assert response.status_code == 404 and room.decision.vote_kind is None


def test_chair_approves_the_minutes_from_their_page_after_confirming(client, people, make_meeting):
    meeting = make_meeting(state="held", items=["Mobiliteitsplan regio Leuven"], start=datetime(2026, 3, 10, 14, 0))
    url = f"/meetings/{meeting.id}/minutes"
    client.login(people.member.email)
    assert f'action="{url}/approve"' not in client.get(url).get_data(as_text=True)
    assert client.submit(f"{url}/approve", {"confirm": "1"}).status_code == 403
    client.logout()
    client.login(people.chair.email)
    assert f'action="{url}/approve"' in client.get(url).get_data(as_text=True)
    asked = client.submit(f"{url}/approve")
    assert asked.status_code == 200 and "Bevestigen: Verslag goedkeuren" in asked.get_data(as_text=True)
    assert meeting.state == "held"
    response = client.submit(f"{url}/approve", {"confirm": "1", "comment": "Zonder opmerkingen"})
    assert response.status_code == 302 and response.headers["Location"].endswith(url)
    assert meeting.state == "minutes_approved" and meeting.approved_by_id == people.chair.id
    page = client.get(url).get_data(as_text=True)
    assert "Goedgekeurd en vergrendeld" in page and f'action="{url}/approve"' not in page


def test_a_locked_items_editor_is_read_only_and_says_since_when_and_by_whom(client, people, make_meeting, item_titled,
                                                                           make_decision):
    meeting = make_meeting(state="held", items=["Mobiliteitsplan regio Leuven"], start=datetime(2026, 3, 10, 14, 0))
    item = item_titled(meeting, "Mobiliteitsplan regio Leuven")
    services.save_minutes(people.secretary, item, "Het plan is **goedgekeurd**.")
    make_decision(item, "De Taskforce keurt het plan goed.")
    url = f"/meetings/{meeting.id}/items/{item.id}/minutes"
    client.login(people.chair.email)
    assert client.get(url).status_code == 403  # not locked: the editor is for the secretariat
    client.submit(f"/meetings/{meeting.id}/minutes/approve", {"confirm": "1"})
    response = client.get(url)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert re.search(r"Vergrendeld sinds \d+ \w+\.? 20\d\d, \d\d:\d\d door Carl Voorzitter", page), page
    assert "Het plan is <strong>goedgekeurd</strong>." in page and "De Taskforce keurt het plan goed." in page
    assert 'name="text"' not in page and "/vote" not in page and "correctie" not in page.lower()
    # the post still refuses, with a message
    refused = client.submit(url, {"text": "Anders", "base_revision": "1"})
    assert refused.status_code == 403 and "geen toestemming" in refused.get_data(as_text=True)
    client.logout()
    client.login(people.secretary.email)
    page = client.get(url).get_data(as_text=True)
    assert "Vergrendeld sinds" in page and 'name="text"' not in page
    assert f'href="{url}?correct=1"' in page
    assert 'name="reason"' in client.get(f"{url}?correct=1").get_data(as_text=True)
    refused = client.submit(url, {"text": "Anders", "base_revision": "1"})
    assert refused.status_code == 409 and "vraagt een reden" in refused.get_data(as_text=True)
    assert services.minutes_text(item) == "Het plan is **goedgekeurd**."


def test_printed_minutes_hide_the_version_controls(client, people, make_meeting, item_titled):
    first = make_meeting(state="held", items=["Mobiliteitsplan regio Leuven"], start=datetime(2026, 1, 20, 14, 0))
    second = make_meeting(state="held", items=["Mobiliteitsplan regio Leuven"], start=datetime(2026, 3, 10, 14, 0))
    services.save_minutes(people.secretary, item_titled(second, "Mobiliteitsplan regio Leuven"), "Besproken")
    client.login(people.secretary.email)
    page = client.get(f"/meetings/{second.id}/minutes").get_data(as_text=True)
    version = re.search(r'<p class="([^"]*)">Versie 1, ', page)
    assert version and "no-print" in version.group(1).split()
    assert re.search(r'<span class="no-print">· <a href="/meetings/%d/minutes">Verslag bekijken</a>' % first.id, page)
    response = client.get("/static/css/print.css")
    css = response.get_data(as_text=True)
    response.close()
    assert re.search(r"\.no-print[^{]*\{[^}]*display:\s*none", css)
