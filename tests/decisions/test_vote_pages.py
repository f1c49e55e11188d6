"""The vote form without JavaScript, the outcome where decisions are shown, the Word exports read
back, and the beheerder setting a body's quorum and majority rule."""
import io

import pytest
from docx import Document

from app.bodies.services import get_body
from app.decisions import services
from app.extensions import db
from app.meetings.attendance import record_attendance
from tests.decisions.voting import voting_room


@pytest.fixture
def room(people, make_meeting, make_user):
    return voting_room(people, make_meeting, make_user)


def _page(client, room) -> str:
    return client.get(f"/decisions/{room.decision.id}").get_data(as_text=True)


def test_the_form_offers_only_who_may_vote_and_the_four_ways(client, room, people):
    client.login(people.secretary.email)
    page = _page(client, room)
    for voter in (room.chair, room.member, room.vera, room.lieve, room.substitute):
        assert f'name="vote-{voter.id}"' in page
    for no_vote in (room.observer, room.secretary, room.tom, room.arno):
        assert f'name="vote-{no_vote.id}"' not in page
    assert "Paul Plaatsvervanger (plaatsvervanger voor Arno Claes)" in page
    assert 'value="unanimous"' in page and 'name="secret"' in page and 'value="counts"' in page
    assert "Quorum bereikt" in page and "5 van 6 stemgerechtigde leden" in page


def test_vote_per_member_then_the_outcome_everywhere(client, room, people):
    client.login(people.secretary.email)
    response = client.submit(f"/decisions/{room.decision.id}/vote", {
        "mode": "members", f"vote-{room.chair.id}": "voor", f"vote-{room.substitute.id}": "voor",
        f"vote-{room.member.id}": "tegen", f"vote-{room.vera.id}": ""})
    assert response.status_code == 302
    assert room.decision.outcome == "aangenomen" and room.decision.vote_kind == "per_member"
    page = _page(client, room)
    assert "Uitslag" in page and "aangenomen" in page
    assert "Paul Plaatsvervanger (plaatsvervanger voor Arno Claes): voor" in page
    assert "aangenomen" in client.get("/decisions").get_data(as_text=True)
    minutes = client.get(f"/meetings/{room.meeting.id}/minutes").get_data(as_text=True)
    assert "Stemming: 2 voor, 1 tegen, 0 onthouding" in minutes and "aangenomen" in minutes
    edit = client.get(f"/meetings/{room.meeting.id}/items/{room.item.id}/minutes").get_data(as_text=True)
    assert "aangenomen" in edit


def test_unanimous_and_secret_through_the_page(client, room, people):
    client.login(people.secretary.email)
    assert client.submit(f"/decisions/{room.decision.id}/vote", {"mode": "unanimous"}).status_code == 302
    assert (room.decision.votes_for, room.decision.vote_kind) == (5, "unanimous")
    response = client.submit(f"/decisions/{room.decision.id}/vote", {
        "mode": "counts", "voor": "1", "tegen": "3", "onthouding": "", "secret": "y"})
    assert response.status_code == 302
    assert (room.decision.vote_kind, room.decision.outcome, room.decision.votes) == ("secret", "verworpen", [])
    page = _page(client, room)
    assert "Geheime stemming: 1 voor, 3 tegen, 0 onthouding" in page and "verworpen" in page
    # counts emptied: no vote, no outcome
    client.submit(f"/decisions/{room.decision.id}/vote", {"mode": "counts", "voor": "", "tegen": "", "onthouding": ""})
    assert (room.decision.votes_for, room.decision.outcome, room.decision.vote_kind) == (None, None, None)


def test_refusals_are_messages_on_the_page_and_save_nothing(client, room, people):
    client.login(people.secretary.email)
    response = client.submit(f"/decisions/{room.decision.id}/vote",
                             {"mode": "counts", "voor": "6", "tegen": "", "onthouding": ""})
    assert response.status_code == 400
    assert "maar er zijn maar 5 stemgerechtigde leden" in response.get_data(as_text=True)
    response = client.submit(f"/decisions/{room.decision.id}/vote",
                             {"mode": "members", f"vote-{room.observer.id}": "voor"})
    assert response.status_code == 400 and "geen stem" in response.get_data(as_text=True)
    record_attendance(people.secretary, room.meeting, [{"user_id": room.vera.id, "status": "afwezig"},
                                                       {"user_id": room.lieve.id, "status": "afwezig"}])
    response = client.submit(f"/decisions/{room.decision.id}/vote", {"mode": "unanimous"})
    assert response.status_code == 409 and "geen quorum" in response.get_data(as_text=True)
    db.session.expire_all()
    assert room.decision.votes_for is None and room.decision.outcome is None


def test_members_see_the_outcome_but_cannot_vote(client, room, people):
    services.record_votes(people.secretary, room.decision, unanimous=True)
    client.login(people.member.email)
    page = _page(client, room)
    assert "Eenparige stemming: 5 voor" in page and "aangenomen" in page and 'value="unanimous"' not in page
    assert client.submit(f"/decisions/{room.decision.id}/vote", {"mode": "unanimous"}).status_code == 403


def _texts(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


def test_word_exports_carry_the_outcome(client, room, people):
    services.record_votes(people.secretary, room.decision, per_member={
        room.chair.id: "voor", room.substitute.id: "tegen", room.member.id: "tegen"})
    client.login(people.secretary.email)
    minutes = Document(io.BytesIO(client.get(f"/meetings/{room.meeting.id}/minutes.docx").data))
    vote = next(p for p in minutes.paragraphs if p.text.startswith("Stemming: 1 voor, 2 tegen, 0 onthouding"))
    assert "Paul Plaatsvervanger (plaatsvervanger voor Arno Claes): tegen" in vote.text
    assert vote.text.endswith("Uitslag: verworpen")
    assert any(run.bold and run.text == "Uitslag: verworpen" for run in vote.runs)
    decision_list = Document(io.BytesIO(client.get(f"/decisions.docx?meeting={room.meeting.id}").data))
    outcome = decision_list.tables[0].rows[1].cells[3].text  # the outcome column
    assert outcome.startswith("Stemming: 1 voor, 2 tegen") and outcome.endswith("Uitslag: verworpen")


def test_the_beheerder_sets_quorum_and_majority_rule(client, admin, seeded):
    client.login(admin.email)
    form = {"slug": "taskforce", "name": "Taskforce Spitsregio Leuven", "abbreviation": "TF",
            "reports_to": "burgemeestersoverleg", "min_meetings_per_year": "6"}
    page = client.get("/admin/bodies/taskforce").get_data(as_text=True)
    assert 'name="quorum"' in page and 'value="two_thirds"' in page
    response = client.submit("/admin/bodies/taskforce", {**form, "quorum": "3", "majority_rule": "two_thirds"})
    assert response.status_code == 302
    db.session.expire_all()
    body = get_body("taskforce")
    assert (body.quorum, body.majority_rule) == (3, "two_thirds")
    for bad in ({"quorum": "99"}, {"quorum": "0"}, {"quorum": "drie"}, {"majority_rule": "unaniem"}):
        response = client.submit("/admin/bodies/taskforce", {**form, "quorum": "3", "majority_rule": "simple", **bad})
        assert response.status_code == 400, bad
    assert "Het quorum ligt tussen 1 en het aantal stemgerechtigde leden (4)" in client.submit(
        "/admin/bodies/taskforce", {**form, "quorum": "5"}).get_data(as_text=True)
    db.session.expire_all()
    assert (get_body("taskforce").quorum, get_body("taskforce").majority_rule) == (3, "two_thirds")
    assert client.submit("/admin/bodies/taskforce", {**form, "quorum": "", "majority_rule": "simple"}).status_code == 302
    db.session.expire_all()
    assert get_body("taskforce").quorum is None
