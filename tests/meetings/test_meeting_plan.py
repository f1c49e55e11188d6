"""What the meeting page and the calendar tell about the plan: the order new items land in, the
planned start of each item, the total and the overrun, and the link to the previous minutes."""
from datetime import datetime, timedelta

from icalendar import Calendar

from app.bodies.models import FixedAgendaItem
from app.bodies.services import get_body
from app.extensions import db
from app.meetings import agenda, services
from tests.factories import make_minutes


def test_new_items_land_before_the_closing_standing_items(make_meeting, secretary, item_titled):
    meeting = make_meeting(user=secretary, items=["Fietssnelweg F25", "Jobbeurs"])
    titles = [item.title for item in meeting.items]
    assert titles[-3:] == ["Fietssnelweg F25", "Jobbeurs", "Varia"]
    # once the secretary moves Varia up, it no longer closes the agenda: new items go last
    agenda.move_item(secretary, item_titled(meeting, "Varia"), 4)
    agenda.add_item(secretary, meeting, {"title": "Mobiliteitsplan"})
    assert [item.title for item in meeting.items][-3:] == ["Fietssnelweg F25", "Jobbeurs", "Mobiliteitsplan"]
    assert [item.number for item in meeting.items] == list(range(1, 8))


def test_a_body_closing_with_several_standing_items_keeps_them_all_last(make_meeting, secretary, admin):
    body = get_body("burgemeestersoverleg")
    db.session.add(FixedAgendaItem(body=body, position=9, title="Rondvraag", mandatory=False))
    db.session.commit()
    meeting = make_meeting(body="burgemeestersoverleg", user=admin, items=["Streekbeleid"])
    assert [item.title for item in meeting.items][-3:] == ["Streekbeleid", "Varia", "Rondvraag"]


def test_postponed_items_also_land_before_varia(make_meeting, secretary, item_titled, local):
    first = make_meeting(user=secretary, days=5, items=["Jobbeurs"])
    second = make_meeting(user=secretary, days=40)
    agenda.postpone_item(secretary, item_titled(first, "Jobbeurs"))
    assert [item.title for item in second.items][-2:] == ["Jobbeurs", "Varia"]


def test_the_page_shows_planned_starts_the_total_and_an_overrun(client, make_meeting, secretary, local):
    meeting = make_meeting(user=secretary, start=local(10, 14), hours=1, items=["Fietssnelweg F25"])
    for item, minutes in zip(meeting.items, (10, 15, 20, 25, 5)):
        agenda.update_item(secretary, item, {"duration": minutes})
    client.login("sec@example.be")
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    starts = [page.index(f"Gepland om {time}") for time in ("14:00", "14:10", "14:25", "14:45", "15:10")]
    assert starts == sorted(starts)
    assert "Geplande duur: 75 minuten, van 14:00 tot 15:15." in page
    assert "de agenda loopt 15 minuten uit na het geplande einde om 15:00." in page
    agenda.update_item(secretary, meeting.items[-1], {"duration": None})
    agenda.update_item(secretary, meeting.items[-2], {"duration": None})
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Geplande duur: 45 minuten" in page and "loopt" not in page


def test_without_durations_the_page_shows_no_times(client, make_meeting, secretary):
    meeting = make_meeting(user=secretary)
    client.login("sec@example.be")
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Gepland om" not in page and "Geplande duur" not in page


def description(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    (event,) = [c for c in Calendar.from_ical(response.data).walk("VEVENT")]
    return str(event["DESCRIPTION"])


def test_the_ics_description_holds_the_agenda_with_planned_times(client, make_meeting, secretary, item_titled):
    start = datetime(2026, 7, 7, 14, 0)
    meeting = make_meeting(user=secretary, start=start, end=start + timedelta(hours=2), is_public=True,
                           items=["Personeelsdossier", "Fietssnelweg F25"])
    for item, minutes in zip(meeting.items, (10, 5, 15, 30, 20, 5)):
        agenda.update_item(secretary, item, {"duration": minutes})
    agenda.update_item(secretary, item_titled(meeting, "Personeelsdossier"), {"public": False})
    services.transition_meeting(secretary, meeting, "publish_agenda")
    client.login("sec@example.be")
    text = description(client, f"/meetings/{meeting.id}.ics")
    lines = text.splitlines()
    assert lines[0] == "Taskforce Spitsregio Leuven" and "Agenda" in lines
    assert "14:00  1. Goedkeuring verslag vorige vergadering" in lines
    assert "14:30  4. Personeelsdossier" in lines and "15:00  5. Fietssnelweg F25" in lines
    assert "15:20  6. Varia" in lines and "Gepland einde van de agenda: 15:25." in lines
    client.logout()
    public = description(client, "/bodies/taskforce/meetings.ics")
    assert "Personeelsdossier" not in public  # a closed item stays out of the public feed
    assert "15:00  5. Fietssnelweg F25" in public.splitlines()  # its time still counts


def test_the_approval_item_links_to_the_previous_held_meetings_minutes(client, make_meeting, secretary, member,
                                                                       item_titled):
    held = make_meeting(user=secretary, days=-30, state="held", is_public=True)
    make_meeting(user=secretary, days=-10, state="cancelled")  # not held: not the previous minutes
    make_minutes(secretary, item_titled(held, "Varia"), "Niets te melden.")
    meeting = make_meeting(user=secretary, days=10, is_public=True)
    services.transition_meeting(secretary, meeting, "publish_agenda")
    approval = item_titled(meeting, "Goedkeuring verslag vorige vergadering")
    link = f'href="/meetings/{held.id}/minutes"'
    client.login("lid@example.be")
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    card = page[page.index(f'id="item-{approval.id}"'):]
    card = card[:card.index("</li>")]
    assert link in card and "Verslag van de vorige vergadering" in card
    assert client.get(f"/meetings/{held.id}/minutes").status_code == 200
    client.logout()
    # the public reads draft minutes of no meeting: no link until they are approved
    assert link not in client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    services.transition_meeting(secretary, held, "approve_minutes")
    assert link in client.get(f"/meetings/{meeting.id}").get_data(as_text=True)


def test_no_link_without_a_previous_held_meeting(client, make_meeting, secretary):
    meeting = make_meeting(user=secretary)
    client.login("sec@example.be")
    assert "Verslag van de vorige vergadering" not in client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
