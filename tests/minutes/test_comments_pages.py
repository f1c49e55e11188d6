"""The draft minutes for comment on the pages (no JavaScript): members remark, the secretary answers
beside the item's minutes and puts the draft up for comment; the approval line on the meeting page
and in the .docx; the public's wording while minutes await approval."""
import io
from datetime import datetime

import pytest
from docx import Document

from app.core.timeutil import to_local
from app.extensions import db
from app.meetings import services as meetings
from app.minutes import comments, services as minutes
from app.minutes.models import MinutesComment

START = datetime(2026, 3, 10, 14, 0)
TITLE = "Mobiliteitsplan regio Leuven"


@pytest.fixture
def held(make_meeting, people, request_ctx):
    meeting = make_meeting(state="held", start=START, items=[TITLE], is_public=True)
    minutes.save_minutes(people.secretary, _item(meeting), "De taskforce bespreekt het **plan**.")
    return meeting


def _item(meeting):
    return next(item for item in meeting.items if item.title == TITLE)


def test_a_member_reads_the_draft_and_posts_a_remark_through_the_page(client, held, people):
    item = _item(held)
    client.login(people.member.email)
    meeting_page = client.get(f"/meetings/{held.id}").get_data(as_text=True)
    assert "Ontwerpverslag ter inzage" in meeting_page
    assert f"/meetings/{held.id}/minutes/comments" in meeting_page
    assert "Ter inzage leggen voor de leden" not in meeting_page  # the secretary's button
    page = client.get(f"/meetings/{held.id}/minutes/comments").get_data(as_text=True)
    assert "De taskforce bespreekt het <strong>plan</strong>." in page
    assert f'name="item" value="{item.id}"' in page
    response = client.submit(f"/meetings/{held.id}/minutes/comments",
                             {"text": "Schepen Peeters was verontschuldigd.", "item": str(item.id)})
    assert response.status_code == 302
    comment = db.session.scalar(db.select(MinutesComment))
    assert response.headers["Location"].endswith(f"/meetings/{held.id}/minutes/comments#comment-{comment.id}")
    assert comment.agenda_item_id == item.id and comment.user_id == people.member.id
    page = client.get(f"/meetings/{held.id}/minutes/comments").get_data(as_text=True)
    assert "Schepen Peeters was verontschuldigd." in page and "nog te behandelen" in page
    assert "Beantwoorden en afhandelen" not in page  # members do not answer
    assert "Opmerkingen: 1, waarvan nog te behandelen: 1." in client.get(f"/meetings/{held.id}").get_data(as_text=True)


@pytest.mark.parametrize("text, status", [("   ", 400), ("x" * (comments.MAX_COMMENT + 1), 400)])
def test_a_refused_remark_is_shown_again_with_its_message(client, held, people, text, status):
    client.login(people.member.email)
    response = client.submit(f"/meetings/{held.id}/minutes/comments", {"text": text, "item": ""})
    assert response.status_code == status
    page = response.get_data(as_text=True)
    assert 'role="alert"' in page and "De opmerking" in page
    assert db.session.scalar(db.select(db.func.count(MinutesComment.id))) == 0


def test_a_remark_after_approval_is_refused_on_the_page(client, held, people):
    meetings.transition_meeting(people.chair, held, "approve_minutes")
    client.login(people.member.email)
    page = client.get(f"/meetings/{held.id}/minutes/comments").get_data(as_text=True)
    assert "Opmerking toevoegen" not in page
    response = client.submit(f"/meetings/{held.id}/minutes/comments", {"text": "Te laat"})
    assert response.status_code == 409 and "al goedgekeurd" in response.get_data(as_text=True)


def test_outsiders_see_no_draft_and_cannot_post(client, held, people):
    client.login(people.other_secretary.email)
    assert "Ontwerpverslag ter inzage" not in client.get(f"/meetings/{held.id}").get_data(as_text=True)
    assert client.get(f"/meetings/{held.id}/minutes/comments").status_code == 403
    assert client.submit(f"/meetings/{held.id}/minutes/comments", {"text": "Van buiten"}).status_code == 403
    client.logout()
    assert client.get(f"/meetings/{held.id}/minutes/comments").status_code == 302  # to the login page
    assert db.session.scalar(db.select(db.func.count(MinutesComment.id))) == 0


def test_the_secretary_answers_beside_the_items_minutes(client, held, people):
    item = _item(held)
    comment = comments.add_comment(people.member, held, "Graag het bedrag vermelden.", item.id)
    client.login(people.secretary.email)
    editor = f"/meetings/{held.id}/items/{item.id}/minutes"
    page = client.get(editor).get_data(as_text=True)
    aside = page[page.index("minutes-editor__context"):page.index("minutes-editor__main")]
    assert "Opmerkingen van de leden" in aside and "Graag het bedrag vermelden." in aside
    response = client.submit(f"/meetings/{held.id}/minutes/comments/{comment.id}/answer",
                             {"answer": "Bedrag toegevoegd.", "back": "item"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"{editor}#comment-{comment.id}")
    db.session.expire_all()
    assert comment.answer == "Bedrag toegevoegd." and comment.answered_by_id == people.secretary.id
    page = client.get(f"/meetings/{held.id}/minutes/comments").get_data(as_text=True)
    assert "Bedrag toegevoegd." in page and "Behandeld door Sara Secretaris" in page


def test_a_member_cannot_answer_through_the_page(client, held, people):
    comment = comments.add_comment(people.member, held, "Vraag")
    client.login(people.member.email)
    assert client.submit(f"/meetings/{held.id}/minutes/comments/{comment.id}/answer",
                         {"answer": "Zelf opgelost"}).status_code == 403
    assert client.submit(f"/meetings/{held.id}/minutes/comments/9999/answer", {"answer": "?"}).status_code == 404
    db.session.expire_all()
    assert comment.answered_at is None


def test_the_secretary_puts_the_draft_up_for_comment_once(client, held, people):
    client.login(people.secretary.email)
    page = client.get(f"/meetings/{held.id}").get_data(as_text=True)
    assert "Ter inzage leggen voor de leden" in page
    response = client.submit(f"/meetings/{held.id}/minutes/share")
    assert response.status_code == 302 and response.headers["Location"].endswith("#draft-minutes")
    db.session.expire_all()
    assert held.minutes_shared_at is not None
    page = client.get(f"/meetings/{held.id}").get_data(as_text=True)
    assert "Ter inzage sinds" in page and "Ter inzage leggen voor de leden" not in page
    client.submit(f"/meetings/{held.id}/minutes/share")
    assert "ligt al ter inzage" in client.get(f"/meetings/{held.id}").get_data(as_text=True)  # the flash
    client.logout()
    client.login(people.member.email)
    assert client.submit(f"/meetings/{held.id}/minutes/share").status_code == 403


def test_the_public_reads_that_the_minutes_await_approval(client, held, people):
    assert "Het verslag is nog niet goedgekeurd." in client.get(f"/meetings/{held.id}/minutes").get_data(as_text=True)
    meetings.transition_meeting(people.chair, held, "approve_minutes")
    page = client.get(f"/meetings/{held.id}/minutes").get_data(as_text=True)
    assert "Het verslag is nog niet goedgekeurd." not in page and "<strong>plan</strong>" in page


def test_the_approval_line_on_the_meeting_page_and_in_the_docx(client, held, people):
    meetings.transition_meeting(people.chair, held, "approve_minutes")
    day = to_local(held.approved_at).strftime("%d-%m-%Y")
    client.login(people.member.email)
    assert "Goedgekeurd op" in client.get(f"/meetings/{held.id}").get_data(as_text=True)
    assert f"door {people.chair.name}" in client.get(f"/meetings/{held.id}").get_data(as_text=True)
    doc = Document(io.BytesIO(client.get(f"/meetings/{held.id}/minutes.docx").data))
    line = next(p for p in doc.paragraphs if p.text.startswith("Goedgekeurd op"))
    assert line.text == f"Goedgekeurd op {day} door {people.chair.name}" and line.runs[0].bold
    client.logout()
    public = Document(io.BytesIO(client.get(f"/meetings/{held.id}/minutes.docx").data))
    assert f"Goedgekeurd op {day}" in [p.text for p in public.paragraphs]


def test_a_draft_docx_has_no_approval_line(client, held, people):
    client.login(people.member.email)
    doc = Document(io.BytesIO(client.get(f"/meetings/{held.id}/minutes.docx").data))
    assert not any(p.text.startswith("Goedgekeurd op") for p in doc.paragraphs)
