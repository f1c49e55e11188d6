"""The meeting services: planning, fixed items, the feedback loop, agenda edits, attendance, counts."""
from datetime import date, datetime, timedelta

import pytest

from app.core.errors import Conflict, Invalid, NotAllowed
from app.core.timeutil import to_local
from app.extensions import db
from app.meetings import services
from app.decisions import numbering as decision_numbering
from app.meetings import agenda, attendance, numbering, queries, yearly
from app.meetings.models import Meeting


def item_titled(meeting, title):
    return next(item for item in meeting.items if item.title.startswith(title))


def test_new_meeting_gets_the_fixed_items_in_order(make_meeting, secretary):
    meeting = make_meeting(user=secretary, location="Provinciehuis Leuven")
    titles = [item.title for item in meeting.items]
    assert titles == ["Goedkeuring verslag vorige vergadering", "Terugkoppeling Burgemeestersoverleg Oost-Brabant",
                      "Opvolging acties", "Varia"]
    assert [item.number for item in meeting.items] == [1, 2, 3, 4]
    assert [item.is_fixed for item in meeting.items] == [True, True, True, False]
    assert meeting.items[3].is_standing and not meeting.items[0].is_standing
    assert meeting.state == "planned" and meeting.access_level == "private"
    assert to_local(meeting.start_at).hour == 14  # Brussels wall clock in, UTC stored


def test_times_and_inputs_are_checked_and_nothing_is_saved_half(make_meeting, secretary, local):
    start = local(10)
    with pytest.raises(Invalid, match="eindigen"):
        services.create_meeting(secretary, "taskforce", start, start - timedelta(hours=1))
    with pytest.raises(Exception) as error:
        services.create_meeting(secretary, "bestaat-niet", start)
    assert "Onbekend orgaan" in str(error.value)
    with pytest.raises(Invalid):
        services.create_meeting(secretary, "taskforce", start, online_url="javascript:alert(1)")
    assert db.session.scalar(db.select(db.func.count(Meeting.id))) == 0


def test_permissions_lid_and_secretary_of_another_body_cannot_edit(make_meeting, member, bo_secretary, secretary, local):
    with pytest.raises(NotAllowed):
        services.create_meeting(member, "taskforce", local(5))
    with pytest.raises(NotAllowed):
        services.create_meeting(bo_secretary, "taskforce", local(5))
    meeting = make_meeting(user=secretary)
    with pytest.raises(NotAllowed):
        queries.get_meeting(member, meeting.id)  # planned meetings are private
    with pytest.raises(NotAllowed):
        agenda.add_item(bo_secretary, meeting, {"title": "Iets"})
    services.transition_meeting(secretary, meeting, "publish_agenda")
    assert queries.get_meeting(member, meeting.id) is meeting  # members read the published agenda
    with pytest.raises(NotAllowed):
        agenda.add_item(member, meeting, {"title": "Iets"})
    with pytest.raises(NotAllowed):
        agenda.update_item(member, meeting.items[0], {"title": "Anders"})
    with pytest.raises(NotAllowed):
        services.transition_meeting(member, meeting, "mark_held")


def test_fixed_item_can_be_edited_but_not_removed(make_meeting, secretary):
    meeting = make_meeting(user=secretary)
    fixed = meeting.items[0]
    agenda.update_item(secretary, fixed, {"title": "Goedkeuring verslag van 3 maart", "description": "Zie bijlage."})
    assert fixed.title == "Goedkeuring verslag van 3 maart"
    with pytest.raises(Conflict):
        agenda.remove_item(secretary, fixed)
    assert len(meeting.items) == 4


def test_add_edit_move_remove_items_and_numbering(make_meeting, secretary, seeded):
    meeting = make_meeting(user=secretary)
    one = agenda.add_item(secretary, meeting, {"title": "Fietssnelwegen F25", "kind": "ter_bespreking",
                                                 "action_line": 4, "presenter": "Interleuven", "duration": 20})
    two = agenda.add_item(secretary, meeting, {"title": "Kennisas Leuven–Tienen", "action_line": 1})
    assert (one.number, two.number) == (4, 5)  # before Varia
    assert meeting.items[-1].title == "Varia"
    assert one.action_line.number == 4 and one.duration_minutes == 20
    agenda.move_item(secretary, two, 1)
    assert [item.title for item in meeting.items][:2] == ["Kennisas Leuven–Tienen", "Goedkeuring verslag vorige vergadering"]
    assert two.number == 1 and one.number == 5
    agenda.move_item_by(secretary, one, -1)
    assert one.number == 4
    for bad in (0, 7, "x", None):
        with pytest.raises(Invalid):
            agenda.move_item(secretary, one, bad)
    agenda.remove_item(secretary, two)
    assert [item.number for item in meeting.items] == [1, 2, 3, 4, 5]
    with pytest.raises(Invalid):
        agenda.add_item(secretary, meeting, {"title": "  "})
    with pytest.raises(Invalid):
        agenda.add_item(secretary, meeting, {"title": "X", "kind": "ter_stemming"})
    with pytest.raises(Invalid):
        agenda.add_item(secretary, meeting, {"title": "X", "action_line": 9})
    assert len(meeting.items) == 5


def test_a_stale_agenda_version_is_refused(make_meeting, secretary, admin):
    meeting = make_meeting(user=secretary)
    seen = meeting.agenda_version
    agenda.add_item(secretary, meeting, {"title": "Eerste"}, seen)
    assert meeting.agenda_version == seen + 1
    with pytest.raises(Conflict, match="intussen gewijzigd"):
        agenda.add_item(admin, meeting, {"title": "Tweede"}, seen)
    with pytest.raises(Conflict):
        agenda.update_item(admin, meeting.items[0], {"title": "Anders"}, seen)
    assert [item.title for item in meeting.items][-2:] == ["Eerste", "Varia"]
    assert meeting.items[0].title == "Goedkeuring verslag vorige vergadering"
    agenda.add_item(admin, meeting, {"title": "Tweede"}, seen + 1)
    assert meeting.agenda_version == seen + 2


def test_standing_item_skipped_with_reason_and_back(make_meeting, secretary):
    meeting = make_meeting(user=secretary)
    varia = item_titled(meeting, "Varia")
    with pytest.raises(Invalid):
        agenda.skip_item(secretary, varia, "")
    agenda.skip_item(secretary, varia, "Volle agenda")
    assert varia.skipped and varia.skip_reason == "Volle agenda"
    with pytest.raises(Conflict):
        agenda.skip_item(secretary, meeting.items[0], "Geen verslag")
    with pytest.raises(Conflict):
        agenda.remove_item(secretary, varia)
    agenda.unskip_item(secretary, varia)
    assert not varia.skipped and varia.skip_reason == ""


def test_postpone_moves_item_to_next_meeting_linked(make_meeting, secretary, member):
    first = make_meeting(user=secretary, days=10)
    second = make_meeting(user=secretary, days=40)
    item = agenda.add_item(secretary, first, {"title": "Bedrijventerrein Haasrode", "action_line": 2})
    with pytest.raises(Conflict):
        agenda.postpone_item(secretary, first.items[1])
    later = agenda.postpone_item(secretary, item)
    assert later.meeting is second and later.continues_item is item
    assert later.title == item.title and later.action_line_id == item.action_line_id
    assert item.skipped and "Uitgesteld" in item.skip_reason
    assert queries.postponed_to(item) is later
    assert [i.id for i in queries.item_thread(secretary, later)] == [item.id, later.id]
    with pytest.raises(Conflict):
        agenda.postpone_item(secretary, item)
    with pytest.raises(Invalid, match="volgende vergadering"):
        agenda.postpone_item(secretary, agenda.add_item(secretary, second, {"title": "Laatste"}))


def test_refer_item_to_another_body(make_meeting, secretary, admin):
    taskforce = make_meeting(user=admin, days=10)
    mayors = make_meeting(body="burgemeestersoverleg", user=admin, days=30)
    item = agenda.add_item(admin, taskforce, {"title": "Mobiliteitsvisie regio Leuven"})
    referred = agenda.refer_item(admin, item, "burgemeestersoverleg")
    assert referred.meeting is mayors and referred.continues_item is item
    with pytest.raises(NotAllowed):  # the Taskforce secretary is no secretary of the mayors here
        agenda.refer_item(secretary, item, "burgemeestersoverleg")


def test_feedback_loop_both_directions(make_meeting, make_decision, admin):
    # a Taskforce meeting held earlier, with two decisions
    tf1 = make_meeting(user=admin, days=-60)
    tf_item = agenda.add_item(admin, tf1, {"title": "Jobbeurs Oost-Brabant"})
    d1 = make_decision(tf_item, "De Taskforce organiseert een jobbeurs in Tienen.", user=admin)
    d2 = make_decision(tf_item, "Budget voor de jobbeurs: 5.000 euro.", user=admin)
    # the mayors' meeting gets the Taskforce's decisions in its feedback item
    bo1 = make_meeting(body="burgemeestersoverleg", user=admin, days=-30)
    feedback = item_titled(bo1, "Terugkoppeling Taskforce")
    assert [d.id for d in feedback.feedback_decisions] == [d1.id, d2.id]
    reference = decision_numbering.decision_reference(d1)
    assert reference == f"TF-{to_local(tf1.start_at).year}-{numbering.meeting_number(tf1):02d}/1"
    assert reference in feedback.description and "jobbeurs in Tienen" in feedback.description
    # the mayors decide on the Taskforce feedback (a Taskforce matter) and on something else
    on_tf = make_decision(feedback, "Het Burgemeestersoverleg steunt de jobbeurs.", user=admin)
    other = agenda.add_item(admin, bo1, {"title": "Begroting Interleuven"})
    make_decision(other, "De begroting wordt goedgekeurd.", user=admin)
    # the next Taskforce meeting gets only the mayors' decisions on Taskforce matters
    tf2 = make_meeting(user=admin, days=5)
    back = item_titled(tf2, "Terugkoppeling Burgemeestersoverleg")
    assert [d.id for d in back.feedback_decisions] == [on_tf.id]
    assert "steunt de jobbeurs" in back.description and "begroting" not in back.description.lower()
    # the next mayors' meeting does not report the same Taskforce decisions twice
    bo2 = make_meeting(body="burgemeestersoverleg", user=admin, days=20)
    assert item_titled(bo2, "Terugkoppeling Taskforce").feedback_decisions == []
    # editing the text keeps the links
    agenda.update_item(admin, back, {"description": "Eigen tekst."})
    assert [d.id for d in back.feedback_decisions] == [on_tf.id]


def test_parent_decision_on_referred_item_counts_as_taskforce_matter(make_meeting, admin, make_decision):
    tf1 = make_meeting(user=admin, days=-40)
    bo1 = make_meeting(body="burgemeestersoverleg", user=admin, days=-20)
    item = agenda.add_item(admin, tf1, {"title": "Vervoerregio Leuven"})
    # referred on before the mayors met: the item continues a Taskforce item
    referred = agenda.add_item(admin, bo1, {"title": "Vervoerregio Leuven"})
    referred.continues_item = item
    db.session.commit()
    decision = make_decision(referred, "Akkoord met het voorstel van de Taskforce.", user=admin)
    tf2 = make_meeting(user=admin, days=3)
    assert item_titled(tf2, "Terugkoppeling Burgemeestersoverleg").feedback_decisions == [decision]


def test_workflow_publish_hold_approve(make_meeting, secretary, seeded, make_user, client):
    chair = make_user(memberships={"taskforce": "voorzitter"})
    meeting = make_meeting(user=secretary, days=-1)
    with pytest.raises(Conflict):
        services.transition_meeting(secretary, meeting, "mark_held")
    with pytest.raises(Invalid):
        services.transition_meeting(secretary, meeting, "vliegen")
    services.transition_meeting(chair, meeting, "publish_agenda", "Klaar")
    assert meeting.state == "agenda_published" and meeting.access_level == "internal"
    with pytest.raises(NotAllowed):
        services.transition_meeting(chair, meeting, "mark_held")  # marking held is an edit: secretary
    services.transition_meeting(secretary, meeting, "mark_held")
    with pytest.raises(Conflict):
        agenda.add_item(secretary, meeting, {"title": "Te laat"})
    services.transition_meeting(chair, meeting, "approve_minutes")
    assert meeting.state == "minutes_approved"


def test_attendance_and_quorum(make_meeting, secretary, seeded, make_user):
    members = [make_user(memberships={"taskforce": "lid"}) for _ in range(3)]
    substitute = make_user(memberships={"taskforce": "plaatsvervanger"})
    meeting = make_meeting(user=secretary)
    voting = attendance.quorum(meeting).voting  # demo members + these three
    assert voting >= 3
    required = voting // 2 + 1
    assert attendance.quorum(meeting).required == required and not attendance.quorum(meeting).reached
    attendance.record_attendance(secretary, meeting, [
        {"user_id": members[0].id, "status": "aanwezig"},
        {"user_id": members[1].id, "status": "verontschuldigd", "substitute_id": substitute.id},
        {"user_id": members[2].id, "status": "afwezig"},
    ])
    assert attendance.quorum(meeting).present == 2
    rows = {row["user"].id: row for row in attendance.attendance_rows(meeting)}
    assert rows[members[1].id]["substitute"] is substitute and rows[members[2].id]["status"] == "afwezig"
    with pytest.raises(Invalid):
        attendance.record_attendance(secretary, meeting, [{"user_id": members[0].id, "status": "ziek"}])
    with pytest.raises(Invalid):
        attendance.record_attendance(secretary, meeting, [{"user_id": members[0].id, "status": "aanwezig",
                                                         "substitute_id": substitute.id}])
    # one bad entry saves none of them
    with pytest.raises(Invalid):
        attendance.record_attendance(secretary, meeting, [{"user_id": members[2].id, "status": "aanwezig"},
                                                        {"user_id": members[0].id, "status": "ziek"}])
    db.session.commit()
    assert {a.user_id: a.status for a in meeting.attendance}[members[2].id] == "afwezig"
    outsider = make_user()
    with pytest.raises(Invalid):
        attendance.record_attendance(secretary, meeting, [{"user_id": outsider.id, "status": "aanwezig"}])
    everyone = [row["user"] for row in attendance.attendance_rows(meeting) if row["role"] in ("lid", "voorzitter")]
    attendance.record_attendance(secretary, meeting, [{"user_id": u.id, "status": "aanwezig"} for u in everyone])
    assert attendance.quorum(meeting).reached


def test_moving_a_meeting_bumps_the_ics_sequence(make_meeting, secretary, local):
    meeting = make_meeting(user=secretary)
    services.update_meeting(secretary, meeting, {"is_public": True})
    assert meeting.ics_sequence == 0  # not in the calendar event
    services.update_meeting(secretary, meeting, {"title": "Andere titel"})
    assert meeting.ics_sequence == 1  # the SUMMARY: calendars take an update only with a higher SEQUENCE
    services.update_meeting(secretary, meeting, {"start": local(15), "end": local(15, 16)})
    assert meeting.ics_sequence == 2
    services.update_meeting(secretary, meeting, {"location": "Stadhuis Tienen"})
    assert meeting.ics_sequence == 3
    with pytest.raises(Invalid):
        services.update_meeting(secretary, meeting, {"end": local(15, 9)})
    assert meeting.location == "Stadhuis Tienen" and meeting.ics_sequence == 3


def test_year_count_against_minimum(make_meeting, admin, seeded):
    from app.bodies.services import get_body

    body = get_body("taskforce")
    year = 2025
    held = []
    for month in (2, 4, 6):
        held.append(make_meeting(start=datetime(year, month, 10, 14, 0), state="held"))
    make_meeting(start=datetime(year, 11, 20, 14, 0))  # planned, never held
    in_june = yearly.year_count(body, year, today=date(year, 6, 30))
    assert (in_june.held, in_june.minimum) == (3, 6)
    assert in_june.planned == 1 and in_june.missing == 2 and in_june.status == "at_risk"
    after_year = yearly.year_count(body, year, today=date(year + 1, 1, 5))
    assert after_year.status == "unreachable" and after_year.missing == 3
    late_december = yearly.year_count(body, year, today=date(year, 12, 28))
    assert late_december.status == "unreachable"
    on_track = yearly.year_count(body, year, today=date(year, 1, 2))
    assert on_track.status == "at_risk"


def test_meeting_numbers_and_decision_reference(make_meeting, make_decision, admin):
    first = services.create_meeting(admin, "taskforce", "2026-01-20T14:00:00")
    second = services.create_meeting(admin, "taskforce", "2026-03-10T14:00:00")
    third = services.create_meeting(admin, "taskforce", "2026-05-05T14:00:00")
    services.create_meeting(admin, "burgemeestersoverleg", "2026-02-01T10:00:00")
    assert [numbering.meeting_number(m) for m in (first, second, third)] == [1, 2, 3]
    item = agenda.add_item(admin, third, {"title": "Besluit"})
    make_decision(item, "Eerst een ander besluit.", user=admin)
    decision = make_decision(item, "Goedgekeurd.", user=admin)
    assert decision_numbering.decision_reference(decision) == "TF-2026-03/2"
