"""Draft minutes for comment (art. 32 DLB): who may remark and when, the secretariat's answers,
putting the draft up for comment, and the meeting page's part."""
from datetime import datetime

import pytest
from flask_login import AnonymousUserMixin

from app.core.errors import Conflict, Invalid, NotAllowed, NotFound
from app.extensions import db
from app.meetings import services as meetings
from app.meetings.overview import meeting_overview
from app.minutes import comments
from app.minutes.models import MinutesComment

START = datetime(2026, 3, 10, 14, 0)


@pytest.fixture
def held(make_meeting, request_ctx):
    return make_meeting(state="held", start=START, items=["Mobiliteitsplan regio Leuven"])


def _item(meeting):
    return next(item for item in meeting.items if item.title == "Mobiliteitsplan regio Leuven")


def _count() -> int:
    return db.session.scalar(db.select(db.func.count(MinutesComment.id)))


def test_every_seat_of_the_body_and_the_beheerder_may_remark(held, people, make_user):
    observer = make_user(name="Wim Waarnemer", memberships={"taskforce": "waarnemer"})
    substitute = make_user(name="Pia Plaatsvervanger", memberships={"taskforce": "plaatsvervanger"})
    authors = [people.member, people.chair, people.secretary, people.admin, observer, substitute]
    for author in authors:
        comment = comments.add_comment(author, held, f"  Opmerking van {author.name}\r\n  ")
        assert comment.text == f"Opmerking van {author.name}" and comment.user_id == author.id
        assert comment.agenda_item_id is None and comment.answered_at is None
    listed = comments.list_comments(people.member, held)
    assert [c.user_id for c in listed] == [a.id for a in authors]


def test_a_remark_about_one_item(held, people):
    item = _item(held)
    comment = comments.add_comment(people.member, held, "Het bedrag in punt 5 klopt niet.", str(item.id))
    assert comment.agenda_item_id == item.id
    assert comments.by_item([comment]) == {item.id: [comment]}


@pytest.mark.parametrize("who", ["other_secretary", "anonymous"])
def test_outsiders_neither_read_nor_remark(held, people, who):
    user = AnonymousUserMixin() if who == "anonymous" else getattr(people, who)
    with pytest.raises(NotAllowed):
        comments.add_comment(user, held, "Mag ik ook iets zeggen?")
    with pytest.raises(NotAllowed):
        comments.list_comments(user, held)
    assert _count() == 0


@pytest.mark.parametrize("state", ["planned", "agenda_published"])
def test_no_remarks_before_the_meeting_is_held(make_meeting, people, request_ctx, state):
    meeting = make_meeting(state=state, start=START)
    with pytest.raises(Conflict, match="niet gehouden"):
        comments.add_comment(people.secretary, meeting, "Te vroeg")
    assert _count() == 0


def test_remarks_while_decisions_are_published_but_none_once_approved(held, people):
    meetings.transition_meeting(people.chair, held, "publish_decisions")
    comments.add_comment(people.member, held, "Nog een opmerking")
    meetings.transition_meeting(people.chair, held, "approve_minutes")
    with pytest.raises(Conflict, match="al goedgekeurd"):
        comments.add_comment(people.member, held, "Te laat")
    assert _count() == 1
    assert len(comments.list_comments(people.member, held)) == 1  # still readable afterwards


def test_no_remarks_on_a_cancelled_meeting(make_meeting, people, request_ctx):
    meeting = make_meeting(state="agenda_published", start=START)
    meetings.transition_meeting(people.chair, meeting, "cancel", "Geen quorum verwacht")
    with pytest.raises(Conflict):
        comments.add_comment(people.member, meeting, "Geen verslag")


@pytest.mark.parametrize("text", ["", "   \n ", None, 42, ["tekst"], "x" * (comments.MAX_COMMENT + 1)])
def test_bad_text_is_refused_and_nothing_saved(held, people, text):
    with pytest.raises(Invalid):
        comments.add_comment(people.member, held, text)
    assert _count() == 0


def test_the_longest_text_is_accepted(held, people):
    assert len(comments.add_comment(people.member, held, "x" * comments.MAX_COMMENT).text) == comments.MAX_COMMENT


@pytest.mark.parametrize("item", ["abc", True, 0, -1, 99999, "other"])
def test_an_item_not_of_this_meeting_is_refused(held, make_meeting, people, item):
    if item == "other":
        item = make_meeting(state="held", start=datetime(2026, 1, 20, 14, 0)).items[0].id
    with pytest.raises(Invalid):
        comments.add_comment(people.member, held, "Over welk punt?", item)
    assert _count() == 0


def test_the_secretary_answers_and_so_deals_with_a_remark(held, people):
    comment = comments.add_comment(people.member, held, "Mijn naam is fout gespeld.")
    comments.answer_comment(people.secretary, comment, "  Aangepast in de aanwezigheden. ")
    db.session.expire_all()
    assert comment.answer == "Aangepast in de aanwezigheden."
    assert comment.answered_by_id == people.secretary.id and comment.answered_at is not None
    # answering again replaces the answer; an empty answer only marks the remark dealt with
    comments.answer_comment(people.admin, comment, "")
    assert comment.answer == "" and comment.answered_by_id == people.admin.id and comment.answered_at is not None


@pytest.mark.parametrize("who", ["member", "chair", "other_secretary"])
def test_only_editors_answer(held, people, who):
    comment = comments.add_comment(people.member, held, "Vraag")
    with pytest.raises(NotAllowed):
        comments.answer_comment(getattr(people, who), comment, "Antwoord")
    db.session.expire_all()
    assert comment.answered_at is None and comment.answer == ""


def test_a_too_long_answer_is_refused(held, people):
    comment = comments.add_comment(people.member, held, "Vraag")
    with pytest.raises(Invalid):
        comments.answer_comment(people.secretary, comment, "x" * (comments.MAX_COMMENT + 1))
    db.session.rollback()
    assert comment.answered_at is None


def test_get_comment_only_within_its_meeting(held, make_meeting, people):
    comment = comments.add_comment(people.member, held, "Vraag")
    other = make_meeting(state="held", start=datetime(2026, 1, 20, 14, 0))
    assert comments.get_comment(people.secretary, held, comment.id) is comment
    with pytest.raises(NotFound):
        comments.get_comment(people.secretary, other, comment.id)


def test_sharing_the_draft_once_fires_the_hook(held, people, monkeypatch):
    heard = []
    monkeypatch.setattr(comments.draft_minutes_shared, "_receivers", [lambda m, u: heard.append((m.id, u.id))])
    comments.share_draft_minutes(people.secretary, held)
    assert held.minutes_shared_at is not None and heard == [(held.id, people.secretary.id)]
    with pytest.raises(Conflict, match="al ter inzage"):
        comments.share_draft_minutes(people.secretary, held)
    assert len(heard) == 1


@pytest.mark.parametrize("who", ["member", "chair", "other_secretary"])
def test_only_editors_share_the_draft(held, people, who):
    with pytest.raises(NotAllowed):
        comments.share_draft_minutes(getattr(people, who), held)
    assert held.minutes_shared_at is None


@pytest.mark.parametrize("state", ["agenda_published", "minutes_approved"])
def test_a_draft_is_shared_only_between_meeting_and_approval(make_meeting, people, request_ctx, state):
    meeting = make_meeting(state=state, start=START)
    with pytest.raises(Conflict):
        comments.share_draft_minutes(people.secretary, meeting)
    assert meeting.minutes_shared_at is None


def test_the_meeting_page_part_counts_open_remarks_for_members_only(held, people):
    first = comments.add_comment(people.member, held, "Een")
    comments.add_comment(people.chair, held, "Twee")
    comments.answer_comment(people.secretary, first, "Ok")
    draft = meeting_overview(people.secretary, held).parts["draft_minutes"]
    assert (draft.total, draft.open, draft.may_share, draft.shared_at) == (2, 1, True, None)
    assert meeting_overview(people.member, held).parts["draft_minutes"].may_share is False
    assert "draft_minutes" not in meeting_overview(people.other_secretary, held).parts
    comments.share_draft_minutes(people.secretary, held)
    assert meeting_overview(people.secretary, held).parts["draft_minutes"].may_share is False
    meetings.transition_meeting(people.chair, held, "approve_minutes")
    assert "draft_minutes" not in meeting_overview(people.secretary, held).parts
