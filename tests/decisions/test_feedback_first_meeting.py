"""The feedback item of a new body's first meeting: the parent's decisions on its matters taken in
meetings before it, the same list the other direction's feedback item would compute; a meeting
later the same day has not decided yet."""
from datetime import timedelta

from app.bodies import services as bodies
from app.decisions import services as decisions
from app.meetings import agenda, services
from tests.factories import local


def test_a_new_bodys_first_meeting_reports_the_parents_earlier_decisions(people, request_ctx, item_titled):
    admin = people.admin
    taskforce = bodies.get_body("taskforce")
    group = bodies.save_body(admin, "werkgroep-f25", "Werkgroep F25", "F25", reports_to_slug="taskforce")
    bodies.save_fixed_item(admin, group, "Terugkoppeling Taskforce", feedback_from_slug="taskforce")
    bodies.save_fixed_item(admin, taskforce, "Terugkoppeling Werkgroep F25", feedback_from_slug="werkgroep-f25")
    early = services.create_meeting(admin, "taskforce", local(-40))
    on_group = decisions.create_decision(admin, item_titled(early, "Terugkoppeling Werkgroep F25"),
                                         "De werkgroep F25 start met het tracé.")
    decisions.create_decision(admin, agenda.add_item(admin, early, {"title": "Begroting"}), "Begroting goedgekeurd.")
    first = services.create_meeting(admin, "werkgroep-f25", local(-10, hour=10))
    # the Taskforce meets the afternoon of the group's first meeting: it had not decided yet
    later = services.create_meeting(admin, "taskforce", first.start_at + timedelta(hours=4))
    decisions.create_decision(admin, item_titled(later, "Terugkoppeling Werkgroep F25"), "Nog te beslissen.")
    again = services.create_meeting(admin, "werkgroep-f25", local(-10, hour=10) + timedelta(minutes=1))
    item = item_titled(first, "Terugkoppeling Taskforce")
    assert item.feedback_decisions == [on_group]
    assert "sinds de start" in item.description and on_group.reference in item.description
    # a second group meeting created later that morning reports nothing new (already reported)
    assert item_titled(again, "Terugkoppeling Taskforce").feedback_decisions == []
