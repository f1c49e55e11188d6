"""What each role finds on its to-do list, and what it never finds there."""
import pytest

from flask_login import AnonymousUserMixin

from app.core.permissions import VIEW, can
from app.meetings.agenda import skip_item
from app.meetings.queries import meeting_label
from app.meetings.services import transition_meeting
from app.minutes.services import save_minutes
from app.todo.services import MAX_SHOWN, todo_for


def entries(todo, key, section=None):
    return [entry for s in todo.sections if section in (None, s.title)
            for group in s.groups if group.key == key for entry in group.entries]


def labels(todo, key, section=None):
    return [entry.label for entry in entries(todo, key, section)]


def keys(todo):
    return {group.key for section in todo.sections for group in section.groups}


TASKFORCE = "Taskforce Spitsregio Leuven"


@pytest.fixture
def item(item_titled):
    return lambda meeting: item_titled(meeting, "Fietssnelwegen")


# --- chair ---------------------------------------------------------------------------------------

def test_chair_sees_minutes_to_approve_oldest_first_with_the_approve_button(people, held, request_ctx):
    later = held(days=-3, decisions_published=True)
    older = held(days=-40)
    held(days=-60, body="burgemeestersoverleg")  # not their body

    todo = todo_for(people.chair)
    found = entries(todo, "approve_minutes", TASKFORCE)
    assert [e.label for e in found] == [meeting_label(older), meeting_label(later)]
    assert all(e.button is not None and e.button.transition == "approve_minutes" for e in found)
    assert found[0].button.url == f"/meetings/{older.id}/transition"
    assert found[0].url == f"/meetings/{older.id}"
    assert [s.role for s in todo.sections if s.title == TASKFORCE] == ["voorzitter"]


def test_chair_sees_agendas_to_publish_soon_or_late_not_far_ahead(people, make_meeting, request_ctx):
    soon = make_meeting(days=5, title="Over vijf dagen")
    late = make_meeting(days=-2, title="Al voorbij, agenda nooit gepubliceerd")
    make_meeting(days=60, title="Over twee maanden")
    make_meeting(days=3, state="agenda_published", title="Al gepubliceerd")

    found = entries(todo_for(people.chair), "publish_agenda")
    assert [e.label for e in found] == [late.title, soon.title]
    assert [e.overdue for e in found] == [True, False]


def test_approved_or_cancelled_meetings_ask_nothing_of_the_chair(people, held, make_meeting, admin, request_ctx):
    held(days=-30, state="minutes_approved")
    make_meeting(days=-4, state="minutes_approved")
    cancelled = make_meeting(days=4)
    transition_meeting(admin, cancelled, "cancel", "Geen agendapunten")
    assert not {"approve_minutes", "publish_agenda"} & keys(todo_for(people.chair))


def test_only_a_chair_gets_the_chair_groups(people, held, make_meeting, request_ctx):
    held()
    make_meeting(days=5)
    for user in (people.member, people.secretary):
        assert not {"approve_minutes", "publish_agenda"} & keys(todo_for(user))


# --- secretary -----------------------------------------------------------------------------------

def test_secretary_sees_held_meetings_whose_minutes_are_not_written(people, held, write_minutes, request_ctx):
    empty = held(days=-10)
    written = write_minutes(held(days=-20))
    found = entries(todo_for(people.secretary), "write_minutes", TASKFORCE)
    assert [e.label for e in found] == [meeting_label(empty)]
    assert found[0].url == f"/meetings/{empty.id}/minutes"
    assert "agendapunten zonder verslag" in found[0].detail
    assert meeting_label(written) not in labels(todo_for(people.secretary), "write_minutes")


def test_blank_and_skipped_items_count_right(people, make_meeting, write_minutes, request_ctx):
    meeting = make_meeting(days=-10, state="agenda_published", items=("Fietssnelwegen",))
    varia = next(i for i in meeting.items if i.is_standing)
    transition_meeting(people.secretary, meeting, "mark_held")
    write_minutes(meeting)
    save_minutes(people.secretary, varia, "   \n")  # a blank revision says nothing
    found = entries(todo_for(people.secretary), "write_minutes")
    assert [e.detail for e in found] == ["1 agendapunt zonder verslag"]

    skipped = make_meeting(days=-20, state="agenda_published", items=("Fietssnelwegen",))
    skip_item(people.secretary, next(i for i in skipped.items if i.is_standing), "Geen varia")
    transition_meeting(people.secretary, skipped, "mark_held")
    write_minutes(skipped)
    assert labels(todo_for(people.secretary), "write_minutes") == [meeting_label(meeting)]


def test_secretary_sees_unanswered_remarks_only(people, held, remark, item, request_ctx):
    meeting = held(shared=True)
    open_remark = remark(meeting, people.member, "De naam van de schepen is fout gespeld.", item=item(meeting))
    remark(meeting, people.member, "Al beantwoord.", answered=True)
    found = entries(todo_for(people.secretary), "answer_remarks", TASKFORCE)
    assert len(found) == 1
    assert found[0].label == f"Opmerking bij {meeting_label(meeting)}"
    assert found[0].detail == "Lotte Lid: De naam van de schepen is fout gespeld."
    assert found[0].url == f"/meetings/{meeting.id}/minutes#item-{open_remark.agenda_item_id}"
    assert "answer_remarks" not in keys(todo_for(people.member))
    assert "answer_remarks" not in keys(todo_for(people.chair))


def test_secretary_sees_overdue_actions_of_the_body(people, held, action, item, request_ctx):
    meeting = held()
    late = action(item(meeting), "Fietstelling 2025", owner=people.member, due_in_days=-3)
    action(item(meeting), "Nog niet te laat", owner=people.member, due_in_days=3)
    action(item(meeting), "Afgerond maar laat", owner=people.member, due_in_days=-3, status="afgerond")
    action(item(meeting), "Zonder deadline")
    found = entries(todo_for(people.secretary), "overdue_actions", TASKFORCE)
    assert [e.label for e in found] == [late.title]
    assert found[0].overdue and found[0].url == f"/actions/{late.id}"
    assert found[0].detail == "TF · Lotte Lid"


def test_secretary_of_another_body_sees_none_of_it(people, held, remark, action, item, request_ctx):
    meeting = held(shared=True)
    remark(meeting, people.member)
    action(item(meeting), "Fietstelling", owner=people.member, due_in_days=-3)
    todo = todo_for(people.other_secretary)
    assert todo.is_empty, todo


def test_a_global_secretariat_sees_every_body_in_one_section(make_user, held, remark, request_ctx):
    global_secretary = make_user(email="globaal@example.be", global_role="secretaris")
    taskforce, bo = held(days=-20), held(days=-10, body="burgemeestersoverleg")
    remark(bo, global_secretary)
    todo = todo_for(global_secretary)
    assert [(s.title, s.role) for s in todo.sections] == [("Alle organen", "secretaris")]
    assert labels(todo, "write_minutes") == [meeting_label(taskforce), meeting_label(bo)]
    assert len(entries(todo, "answer_remarks")) == 1


# --- member --------------------------------------------------------------------------------------

def test_member_sees_own_open_actions_soonest_first_overdue_marked(people, held, action, item, request_ctx):
    meeting = held()
    later = action(item(meeting), "Later", owner=people.member, due_in_days=20)
    late = action(item(meeting), "Te laat", owner=people.member, due_in_days=-1)
    undated = action(item(meeting), "Zonder deadline", owner=people.member)
    action(item(meeting), "Afgerond", owner=people.member, due_in_days=-5, status="afgerond")
    action(item(meeting), "Van iemand anders", owner=people.chair, due_in_days=2)
    found = entries(todo_for(people.member), "my_actions", TASKFORCE)
    assert [e.label for e in found] == [late.title, later.title, undated.title]
    assert [e.overdue for e in found] == [True, False, False]
    assert [s.role for s in todo_for(people.member).sections] == ["lid"]


def test_member_sees_draft_minutes_shared_for_comment(people, held, request_ctx):
    shared = held(days=-10, shared=True)
    held(days=-5)  # not shared yet
    held(days=-30, shared=True, state="minutes_approved")  # approved: comment time is over
    found = entries(todo_for(people.member), "comment_minutes", TASKFORCE)
    assert [e.label for e in found] == [meeting_label(shared)]
    assert found[0].url == f"/meetings/{shared.id}"


def test_a_member_of_another_body_sees_nothing_of_the_taskforce(people, outsider, held, remark, action, item,
                                                                 make_meeting, request_ctx):
    meeting = held(shared=True)
    remark(meeting, people.member)
    action(item(meeting), "Fietstelling", owner=people.member, due_in_days=-3)
    make_meeting(days=5)
    assert todo_for(outsider).is_empty


def test_own_actions_elsewhere_only_when_the_owner_may_read_them(outsider, held, action, item, request_ctx):
    public = held(is_public=True, decisions_published=True)  # the public reads its decisions' actions
    internal = held(days=-9)
    mine = [action(item(public), "Publieke actie", owner=outsider, due_in_days=4),
            action(item(internal), "Interne actie", owner=outsider, due_in_days=5)]
    readable = [a.title for a in mine if can(outsider, VIEW, a)]
    assert "Publieke actie" in readable
    todo = todo_for(outsider)
    assert labels(todo, "my_actions", "Andere organen") == readable
    assert [s.role for s in todo.sections] == ["actiehouder"]


# --- the list as a whole -------------------------------------------------------------------------

def test_nothing_to_do_and_anonymous(people, request_ctx):
    assert todo_for(people.member).is_empty
    assert todo_for(AnonymousUserMixin()).is_empty


def test_a_group_shows_the_first_entries_and_counts_all(people, held, action, item, request_ctx):
    meeting = held()
    for n in range(MAX_SHOWN + 2):
        action(item(meeting), f"Actie {n}", owner=people.member, due_in_days=n)
    group = next(g for s in todo_for(people.member).sections for g in s.groups if g.key == "my_actions")
    assert (len(group.entries), group.count, group.more) == (MAX_SHOWN, MAX_SHOWN + 2, 2)
