"""The timetable: planned starts from the meeting start and the durations, the total, the overrun."""
from app.meetings import agenda
from app.meetings.timetable import timetable


def test_items_start_after_the_durations_before_them(make_meeting, secretary, local):
    meeting = make_meeting(user=secretary, start=local(10, 14), hours=1, items=["Fietssnelweg F25", "Jobbeurs"])
    first, second = meeting.items[0], meeting.items[1]
    agenda.update_item(secretary, first, {"duration": 10})
    agenda.update_item(secretary, second, {"duration": 25})
    plan = timetable(meeting)
    starts = [(plan.slot(i).start.hour, plan.slot(i).start.minute) for i in meeting.items]
    assert starts[0] == (14, 0) and starts[1] == (14, 10) and starts[2] == (14, 35)
    assert plan.total_minutes == 35 and plan.overrun_minutes == 0


def test_a_plan_past_the_planned_end_says_by_how_much(make_meeting, secretary, local):
    meeting = make_meeting(user=secretary, start=local(10, 14), hours=1)
    for item, minutes in zip(meeting.items, (30, 20, 25)):
        agenda.update_item(secretary, item, {"duration": minutes})
    plan = timetable(meeting)
    assert plan.total_minutes == 75 and plan.overrun_minutes == 15


def test_a_skipped_item_takes_no_time(make_meeting, secretary, local):
    meeting = make_meeting(user=secretary, start=local(10, 9), hours=2, items=["Jobbeurs"])
    varia = next(i for i in meeting.items if i.is_standing)
    jobbeurs = next(i for i in meeting.items if i.title == "Jobbeurs")
    agenda.update_item(secretary, varia, {"duration": 15})
    agenda.update_item(secretary, jobbeurs, {"duration": 20})
    agenda.skip_item(secretary, varia, "Geen punten")
    plan = timetable(meeting)
    assert plan.slot(varia).minutes is None and plan.total_minutes == 20
    assert plan.end.hour == 9 and plan.end.minute == 20
