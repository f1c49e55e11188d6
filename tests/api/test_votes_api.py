"""PUT /api/decisions/<id>/vote: each status code, and the outcome in the decision JSON."""
import pytest

from app.meetings.attendance import record_attendance
from tests.decisions.voting import voting_room


@pytest.fixture
def room(people, make_meeting, make_user):
    return voting_room(people, make_meeting, make_user)


def _url(room) -> str:
    return f"/api/decisions/{room.decision.id}/vote"


def _saved(api, room) -> dict:
    return api.get(f"/api/decisions/{room.decision.id}").get_json()


def test_a_decision_without_a_vote_has_no_outcome(api, room, people):
    api.login(people.member.email)
    data = _saved(api, room)
    assert data["outcome"] is None and data["vote_kind"] is None and data["vote"] is None


def test_200_per_member_with_a_substitute(api, room, people):
    api.login(people.secretary.email)
    response = api.put(_url(room), json={"members": {
        str(room.chair.id): "voor", str(room.substitute.id): "voor", str(room.member.id): "tegen",
        str(room.vera.id): "onthouding", str(room.lieve.id): ""}})
    assert response.status_code == 200
    data = response.get_json()
    assert data["outcome"] == "aangenomen" and data["vote_kind"] == "per_member"
    assert (data["vote"]["voor"], data["vote"]["tegen"], data["vote"]["onthouding"]) == (2, 1, 1)
    paul = next(m for m in data["vote"]["members"] if m["user"] == room.substitute.id)
    assert paul == {"user": room.substitute.id, "name": "Paul Plaatsvervanger", "choice": "voor",
                    "replaces": room.arno.id, "replaces_name": "Arno Claes"}
    assert _saved(api, room)["outcome"] == "aangenomen"


@pytest.mark.parametrize("body, outcome, kind, counts", [
    ({"counts": {"voor": 1, "tegen": 3, "onthouding": 1}}, "verworpen", "counts", (1, 3, 1)),
    ({"unanimous": True}, "aangenomen", "unanimous", (5, 0, 0)),
    ({"secret": True, "counts": {"voor": 3, "tegen": 2}}, "aangenomen", "secret", (3, 2, 0)),
])
def test_200_counts_unanimous_and_secret(api, room, people, body, outcome, kind, counts):
    api.login(people.secretary.email)
    response = api.put(_url(room), json=body)
    assert response.status_code == 200, response.get_json()
    data = response.get_json()
    assert (data["outcome"], data["vote_kind"]) == (outcome, kind)
    assert (data["vote"]["voor"], data["vote"]["tegen"], data["vote"]["onthouding"]) == counts
    assert data["vote"]["members"] == []


def test_200_clearing_the_vote_clears_the_outcome(api, room, people):
    api.login(people.secretary.email)
    api.put(_url(room), json={"unanimous": True})
    data = api.put(_url(room), json={"counts": {}}).get_json()
    assert (data["outcome"], data["vote_kind"], data["vote"]) == (None, None, None)


@pytest.mark.parametrize("body", [
    "observer", "absent", "replaced",
    {"members": {"abc": "voor"}}, {"members": ["voor"]}, {"counts": {"voor": "veel"}}, {"counts": {"voor": 9}},
    {"counts": {"voor": 1}, "unanimous": True}, {"secret": True, "members": {}}, {"unanimous": "ja"}, {},
])
def test_400_bad_votes_save_nothing(api, room, people, body):
    who = {"observer": room.observer, "absent": room.tom, "replaced": room.arno}
    if isinstance(body, str):
        body = {"members": {str(who[body].id): "voor"}}
    api.login(people.secretary.email)
    response = api.put(_url(room), json=body)
    assert response.status_code == 400
    assert response.get_json()["error"]
    assert _saved(api, room)["vote"] is None


def test_400_not_a_json_object(api, room, people):
    api.login(people.secretary.email)
    assert api.put(_url(room), data="voor", content_type="application/json").status_code == 400
    assert api.put(_url(room), json=["voor"]).status_code == 400


def test_401_without_a_token(api, room):
    response = api.put(_url(room), json={"unanimous": True})
    assert response.status_code == 401
    assert response.get_json()["error"]


def test_403_for_a_member_who_does_not_edit(api, room, people):
    api.login(people.member.email)
    assert api.put(_url(room), json={"unanimous": True}).status_code == 403
    api.login(people.other_secretary.email)  # the secretary of another body does not even read it
    assert api.put(_url(room), json={"unanimous": True}).status_code == 403
    api.login(people.member.email)
    assert _saved(api, room)["vote"] is None


def test_404_unknown_decision(api, people, seeded):
    api.login(people.secretary.email)
    assert api.put("/api/decisions/99999/vote", json={"unanimous": True}).status_code == 404


def test_409_without_quorum(api, room, people):
    record_attendance(people.secretary, room.meeting, [
        {"user_id": room.vera.id, "status": "afwezig"}, {"user_id": room.lieve.id, "status": "afwezig"}])
    api.login(people.secretary.email)
    response = api.put(_url(room), json={"unanimous": True})
    assert response.status_code == 409
    assert "quorum" in response.get_json()["error"]
    assert _saved(api, room)["vote"] is None
