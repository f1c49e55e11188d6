"""Meeting mails through a real SMTP server: the invitation with agenda.docx and an iTIP calendar
request, the update and the cancellation (same UID, higher SEQUENCE, as the .ics download and the
body feed), the record's notices, and an SMTP outage during publication."""
import io
from datetime import timedelta

import pytest
from docx import Document
from icalendar import Calendar

from app.extensions import db
from app.meetings.services import transition_meeting, update_meeting
from app.minutes.comments import share_draft_minutes
from app.notify.models import NotificationPreference
from tests.factories import local

TASKFORCE = "Taskforce Spitsregio Leuven"


@pytest.fixture
def invited(secretary, member, make_user):
    """The Taskforce's seats that matter here: a substitute who reads English, an observer, a
    member who switched meeting mails off, and a member of another body."""
    people = {
        "secretary": secretary, "member": member,
        "substitute": make_user(email="pv@example.be", name="Piet Plaatsvervanger",
                                memberships={"taskforce": "plaatsvervanger"}),
        "observer": make_user(email="obs@example.be", name="Olga Waarnemer", memberships={"taskforce": "waarnemer"}),
        "quiet": make_user(email="stil@example.be", name="Stijn Stil", memberships={"taskforce": "lid"}),
        "outsider": make_user(email="ander@example.be", name="Anne Ander",
                              memberships={"toekomstforum-mobiliteit": "lid"}),
    }
    people["substitute"].language = "en"
    db.session.add(NotificationPreference(user_id=people["quiet"].id, meetings=False, decisions=False))
    db.session.commit()
    return people


def parts(message) -> dict:
    """content type -> the MIME parts of that type."""
    found = {}
    for part in message.walk():
        found.setdefault(part.get_content_type(), []).append(part)
    return found


def calendar_of(message):
    [part] = parts(message)["text/calendar"]
    calendar = Calendar.from_ical(part.get_content())
    assert part.get_param("method") == str(calendar["METHOD"])  # the method twice (RFC 6047)
    return calendar


def event_of(calendar):
    [event] = calendar.walk("VEVENT")
    return event


def text_of(message) -> str:
    return message.get_body(("plain",)).get_content()


def feed_event(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return event_of(Calendar.from_ical(response.data))


def test_publishing_the_agenda_invites_every_seat_with_the_agenda_and_a_calendar_request(
        smtp, api, client, invited, make_meeting):
    meeting = make_meeting(user=invited["secretary"], items=["Fietssnelweg F25 Leuven–Aarschot"],
                           location="Provinciehuis Leuven", title="Taskforce najaar")
    meeting.title = "Taskforce\nnajaar"  # a line break from before the edge refused them
    db.session.commit()
    assert smtp.messages == []  # planning mails nobody
    api.login("sec@example.be")
    response = api.post(f"/api/meetings/{meeting.id}/transition", json={"transition": "publish_agenda"})
    assert response.status_code == 200, response.get_json()

    for key in ("secretary", "member", "substitute", "observer"):
        assert len(smtp.to(invited[key].email)) == 1, key
    assert smtp.to("stil@example.be") == [] and smtp.to("ander@example.be") == []

    [message] = smtp.to("lid@example.be")
    assert message["Subject"].startswith("Uitnodiging: Taskforce najaar op ")
    assert message["List-Unsubscribe"] and "Provinciehuis Leuven" in text_of(message)
    calendar = calendar_of(message)
    event = event_of(calendar)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == f"meeting-{meeting.id}@spitsregio-leuven.be" and int(event["SEQUENCE"]) == 0
    assert str(event["ORGANIZER"]) == "mailto:noreply@spitsregio.be"
    assert event["ORGANIZER"].params["CN"] == TASKFORCE
    [attendee] = [event["ATTENDEE"]]
    assert str(attendee) == "mailto:lid@example.be"
    assert (attendee.params["PARTSTAT"], attendee.params["RSVP"]) == ("NEEDS-ACTION", "TRUE")
    assert event["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]
    assert str(event["LOCATION"]) == "Provinciehuis Leuven"
    description = str(event["DESCRIPTION"])
    assert "Fietssnelweg F25 Leuven–Aarschot" in description and f"/meetings/{meeting.id}" in description

    [attachment] = [p for p in message.iter_attachments() if p.get_filename().endswith(".docx")]
    agenda = "\n".join(p.text for p in Document(io.BytesIO(attachment.get_content())).paragraphs)
    assert "Agenda" in agenda and "Fietssnelweg F25 Leuven–Aarschot" in agenda and "Provinciehuis Leuven" in agenda

    [english] = smtp.to("pv@example.be")  # the substitute's own language, the .docx too
    assert english["Subject"].startswith("Invitation: ")
    assert str(event_of(calendar_of(english))["ATTENDEE"]) == "mailto:pv@example.be"
    [document] = [p for p in english.iter_attachments() if p.get_filename().endswith(".docx")]
    assert "Planned duration:" in "\n".join(p.text for p in Document(io.BytesIO(document.get_content())).paragraphs)

    client.login("lid@example.be")  # the body feed: the same UID and SEQUENCE
    downloaded = feed_event(client, "/bodies/taskforce/meetings.ics")
    assert (str(downloaded["UID"]), int(downloaded["SEQUENCE"])) == (str(event["UID"]), 0)


def test_a_moved_meeting_sends_an_update_and_a_cancellation_ends_it(smtp, api, client, secretary, member,
                                                                    make_meeting):
    meeting = make_meeting(user=secretary, state="agenda_published", location="Leuven")
    api.login("sec@example.be")
    start = local(21, 10)
    response = api.patch(f"/api/meetings/{meeting.id}",
                         json={"start": start.isoformat(), "end": (start + timedelta(hours=2)).isoformat()})
    assert response.status_code == 200, response.get_json()
    invitation, update = smtp.to("lid@example.be")
    first, second = event_of(calendar_of(invitation)), event_of(calendar_of(update))
    assert update["Subject"].startswith("Gewijzigd: ")
    assert str(second["UID"]) == str(first["UID"]) and int(second["SEQUENCE"]) == int(first["SEQUENCE"]) + 1
    assert second.decoded("DTSTART").replace(tzinfo=None) == start
    assert api.patch(f"/api/meetings/{meeting.id}", json={"is_public": True}).status_code == 200
    assert len(smtp.to("lid@example.be")) == 2  # not in the calendar: no mail, no new SEQUENCE

    response = api.post(f"/api/meetings/{meeting.id}/transition",
                        json={"transition": "cancel", "comment": "Geen quorum: te veel verontschuldigingen"})
    assert response.status_code == 200, response.get_json()
    cancellation = smtp.to("lid@example.be")[-1]
    calendar = calendar_of(cancellation)
    event = event_of(calendar)
    assert cancellation["Subject"].startswith("Geannuleerd: ")
    assert str(calendar["METHOD"]) == "CANCEL" and str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == str(first["UID"]) and int(event["SEQUENCE"]) == int(second["SEQUENCE"]) + 1
    assert "Geen quorum: te veel verontschuldigingen" in text_of(cancellation)
    assert len(smtp.to("lid@example.be")) == 3 and len(smtp.to("voorzitter@spitsregio.be")) == 3

    client.login("lid@example.be")
    for url in (f"/meetings/{meeting.id}.ics", "/bodies/taskforce/meetings.ics"):
        downloaded = feed_event(client, url)
        assert (str(downloaded["UID"]), int(downloaded["SEQUENCE"])) == (str(event["UID"]), int(event["SEQUENCE"]))
        assert str(downloaded["STATUS"]) == "CANCELLED"


def test_no_calendar_mail_for_a_meeting_never_announced_or_over(smtp, invited, make_meeting, secretary):
    planned = make_meeting(user=secretary, state="cancelled")  # the agenda never went out
    update_meeting(secretary, make_meeting(user=secretary), {"location": "Tienen"})  # still planned
    make_meeting(user=secretary, state="held")  # published after the fact: it is over
    assert planned.ics_sequence == 1 and smtp.messages == []


def test_the_records_notices_reach_the_members_who_want_them(smtp, invited, make_meeting, secretary):
    meeting = make_meeting(user=secretary, state="held", items=["Jobbeurs Oost-Brabant"])
    share_draft_minutes(secretary, meeting)
    [shared] = smtp.to("lid@example.be")
    assert shared["Subject"].startswith("Ontwerpverslag ter inzage: ")
    assert f"http://127.0.0.1:5000/meetings/{meeting.id}/minutes" in text_of(shared)
    assert len(smtp.to("stil@example.be")) == 1 and len(smtp.to("obs@example.be")) == 1
    assert smtp.to("ander@example.be") == []  # another body's member reads no draft

    transition_meeting(secretary, meeting, "publish_decisions")
    decisions = smtp.to("lid@example.be")[-1]
    assert decisions["Subject"].startswith("Besluitenlijst gepubliceerd: ")
    assert f"/decisions?meeting={meeting.id}" in text_of(decisions)
    assert len(smtp.to("stil@example.be")) == 1  # decision lists switched off

    transition_meeting(secretary, meeting, "approve_minutes")
    approved = smtp.to("lid@example.be")[-1]
    assert approved["Subject"].startswith("Verslag goedgekeurd: ")
    assert f"/meetings/{meeting.id}/minutes" in approved.get_body(("html",)).get_content()
    assert len(smtp.to("lid@example.be")) == 3 and smtp.to("ander@example.be") == []


def test_an_smtp_outage_does_not_stop_the_publication_and_send_mail_delivers_once(
        smtp, api, runner, invited, make_meeting):
    meeting = make_meeting(user=invited["secretary"])
    smtp.refuse = "451 4.3.0 Probeer later opnieuw"
    api.login("sec@example.be")
    response = api.post(f"/api/meetings/{meeting.id}/transition", json={"transition": "publish_agenda"})
    assert response.status_code == 200 and response.get_json()["state"] == "agenda_published"
    assert smtp.messages == []
    smtp.refuse = None
    result = runner.invoke(args=["send-mail", "--now"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(args=["send-mail", "--now"]).output.startswith("Sent: 0")
    assert len(smtp.to("lid@example.be")) == 1 and len(smtp.to("pv@example.be")) == 1
