"""GET/POST /api/meetings/<id>/minutes/comments: members' remarks on draft minutes, every status code;
and the meeting JSON's approved_at / approved_by."""
from datetime import datetime

import pytest

from app.extensions import db
from app.meetings import services as meetings
from app.minutes import comments
from app.minutes.models import MinutesComment

START = datetime(2026, 3, 10, 14, 0)


@pytest.fixture
def held(make_meeting, request_ctx):
    return make_meeting(state="held", start=START, items=["Mobiliteitsplan regio Leuven"])


def _url(meeting) -> str:
    return f"/api/meetings/{meeting.id}/minutes/comments"


def _count() -> int:
    return db.session.scalar(db.select(db.func.count(MinutesComment.id)))


def test_a_member_posts_a_remark_on_an_item_and_reads_the_list(api, held, people):
    item = next(i for i in held.items if i.title == "Mobiliteitsplan regio Leuven")
    api.login(people.member.email)
    response = api.post(_url(held), json={"text": "Het bedrag klopt niet.", "item": item.id})
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["text"] == "Het bedrag klopt niet." and body["item"] == item.id
    assert body["author"] == people.member.name and body["created_at"]
    assert body["answer"] is None and body["answered_at"] is None and body["answered_by"] is None
    comments.answer_comment(people.secretary, db.session.get(MinutesComment, body["id"]), "Verbeterd.")
    api.login(people.chair.email)
    assert api.post(_url(held), json={"text": "Algemeen akkoord."}).status_code == 201
    listed = api.get(_url(held))
    assert listed.status_code == 200
    first, second = listed.get_json()
    assert (first["id"], first["answer"], first["answered_by"]) == (body["id"], "Verbeterd.", people.secretary.name)
    assert first["answered_at"]
    assert (second["item"], second["author"], second["answer"]) == (None, people.chair.name, None)


def test_without_login_401(api, held):
    assert api.get(_url(held)).status_code == 401
    response = api.post(_url(held), json={"text": "Anoniem"})
    assert response.status_code == 401 and response.get_json()["error"]
    assert _count() == 0


@pytest.mark.parametrize("is_public", [False, True])
def test_a_user_of_another_body_403(api, make_meeting, people, request_ctx, is_public):
    meeting = make_meeting(state="held", start=START, is_public=is_public)
    api.login(people.other_secretary.email)
    assert api.get(_url(meeting)).status_code == 403
    response = api.post(_url(meeting), json={"text": "Van buiten"})
    assert response.status_code == 403 and response.get_json()["error"]
    assert _count() == 0


def test_unknown_meeting_404(api, people):
    api.login(people.member.email)
    assert api.get("/api/meetings/9999/minutes/comments").status_code == 404
    assert api.post("/api/meetings/9999/minutes/comments", json={"text": "Waar?"}).status_code == 404


def test_before_the_meeting_is_held_409(api, make_meeting, people, request_ctx):
    meeting = make_meeting(state="agenda_published", start=START)
    api.login(people.member.email)
    response = api.post(_url(meeting), json={"text": "Te vroeg"})
    assert response.status_code == 409 and "niet gehouden" in response.get_json()["error"]
    assert _count() == 0


def test_once_approved_409_and_the_list_stays(api, held, people):
    api.login(people.member.email)
    assert api.post(_url(held), json={"text": "Op tijd"}).status_code == 201
    meetings.transition_meeting(people.chair, held, "approve_minutes")
    response = api.post(_url(held), json={"text": "Te laat"})
    assert response.status_code == 409 and "goedgekeurd" in response.get_json()["error"]
    assert [c["text"] for c in api.get(_url(held)).get_json()] == ["Op tijd"]


@pytest.mark.parametrize("payload", [
    {"text": ""}, {"text": "   "}, {}, {"text": 12}, {"text": "x" * (comments.MAX_COMMENT + 1)},
    {"text": "Goed", "item": "abc"}, {"text": "Goed", "item": 99999}, {"text": "Goed", "item": [1]},
    ["text"], "tekst",
])
def test_bad_input_400_and_nothing_saved(api, held, people, payload):
    api.login(people.member.email)
    response = api.post(_url(held), json=payload)
    assert response.status_code == 400 and response.get_json()["error"]
    assert _count() == 0


def test_a_body_that_is_not_json_400(api, held, people):
    api.login(people.member.email)
    response = api.post(_url(held), data="text=hallo", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert _count() == 0


def test_the_meeting_json_says_who_approved_and_when(api, held, people):
    api.login(people.member.email)
    before = api.get(f"/api/meetings/{held.id}").get_json()
    assert before["approved_at"] is None and before["approved_by"] is None
    meetings.transition_meeting(people.chair, held, "approve_minutes")
    after = api.get(f"/api/meetings/{held.id}").get_json()
    assert after["approved_by"] == people.chair.name
    assert datetime.fromisoformat(after["approved_at"]).utcoffset() is not None
