"""The to-do list on the start page, and its approve button: the meeting's own transition route."""
import re

from app.extensions import db
from app.meetings.models import AgendaItem, Meeting
from app.meetings.queries import meeting_label
from app.minutes.models import Minutes

APPROVE_FORM = re.compile(
    r'<form method="post" action="(/meetings/(\d+)/transition)"[^>]*>\s*'
    r'<input type="hidden" name="csrf_token" value="([^"]+)">\s*'
    r'<input type="hidden" name="transition" value="approve_minutes">')


def test_anonymous_visitors_see_the_start_page_as_before(client, held, request_ctx):
    held()
    html = client.get("/").get_data(as_text=True)
    assert "Komende vergaderingen" in html
    assert "Te doen" not in html and "Niets te doen" not in html


def test_a_user_with_nothing_to_do_is_told_so(client, outsider):
    client.login(outsider.email)
    html = client.get("/").get_data(as_text=True)
    assert "Te doen" in html and "Niets te doen" in html


def test_each_role_sees_its_groups_with_counts(client, people, held, remark, action, item_titled, request_ctx):
    meeting = held(shared=True)
    remark(meeting, people.member)
    late = action(item_titled(meeting, "Fietssnelwegen"), "Fietstelling 2025", owner=people.member, due_in_days=-2)
    label = meeting_label(meeting)

    client.login(people.chair.email)
    html = client.get("/").get_data(as_text=True)
    assert "Verslagen goed te keuren <span class=\"badge\">1</span>" in html
    assert label in html and "Verslag goedkeuren" in html
    assert "Opmerkingen te beantwoorden" not in html
    client.logout()

    client.login(people.secretary.email)
    html = client.get("/").get_data(as_text=True)
    for title in ("Verslagen te schrijven", "Opmerkingen te beantwoorden", "Acties over tijd"):
        assert f"{title} <span class=\"badge\">1</span>" in html
    assert f'href="/actions/{late.id}"' in html and "te laat" in html
    assert not APPROVE_FORM.search(html)
    client.logout()

    client.login(people.member.email)
    html = client.get("/").get_data(as_text=True)
    assert "Mijn open acties <span class=\"badge\">1</span>" in html
    assert "Ontwerpverslagen ter inzage <span class=\"badge\">1</span>" in html
    assert f'href="/meetings/{meeting.id}"' in html
    assert "Verslagen goed te keuren" not in html and "Acties over tijd" not in html


def test_the_list_speaks_english_too(client, people, held, request_ctx):
    held()
    client.login(people.chair.email)
    client.submit("/language/en", {"next": "/"})
    html = client.get("/").get_data(as_text=True)
    assert "To do" in html and "Minutes to approve" in html


def test_the_approve_button_approves_and_locks_through_the_meeting_route(client, people, held, write_minutes,
                                                                        request_ctx):
    meeting = write_minutes(held(decisions_published=True))
    client.login(people.chair.email)
    form = APPROVE_FORM.search(client.get("/").get_data(as_text=True))
    assert form and int(form.group(2)) == meeting.id

    asked = client.raw.post(form.group(1), data={"csrf_token": form.group(3), "transition": "approve_minutes"})
    assert asked.status_code == 200 and "Verslag goedkeuren?" in asked.get_data(as_text=True)  # asks first
    response = client.raw.post(form.group(1), data={"csrf_token": form.group(3), "transition": "approve_minutes",
                                                    "confirm": "1"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/meetings/{meeting.id}#status")

    db.session.expire_all()
    approved = db.session.get(Meeting, meeting.id)
    assert approved.state == "minutes_approved" and approved.approved_by_id == people.chair.id
    minutes = db.session.scalars(db.select(Minutes).join(Minutes.agenda_item)
                                 .where(AgendaItem.meeting_id == meeting.id)).all()
    assert minutes and all(m.locked_at is not None and m.locked_by_id == people.chair.id for m in minutes)
    html = client.get("/").get_data(as_text=True)
    assert "Verslagen goed te keuren" not in html


def test_the_approve_route_refuses_without_csrf_or_permission(client, people, held, request_ctx):
    meeting = held()
    client.login(people.chair.email)
    response = client.raw.post(f"/meetings/{meeting.id}/transition", data={"transition": "approve_minutes"})
    assert response.status_code == 400
    client.logout()

    client.login(people.member.email)
    client.submit(f"/meetings/{meeting.id}/transition", {"transition": "approve_minutes"})
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).state == "held"
