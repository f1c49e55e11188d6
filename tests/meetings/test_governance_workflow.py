"""A record a secretariat can sign: the meeting workflow's guards and states (held only once
started, cancelled with a reason, the decision list published), what the public reads when, and the
confirmation every irreversible button asks for."""
from datetime import datetime, timedelta

import pytest
from icalendar import Calendar

from app.core.errors import Conflict, Invalid
from app.decisions import actions
from app.decisions import services as decisions
from app.extensions import db
from app.meetings import agenda, services
from app.meetings.numbering import meeting_number
from app.minutes import services as minutes
from tests.factories import local


def _text(response) -> str:
    return response.get_data(as_text=True)


def _published(user, start: datetime, is_public=True, items=("Fietssnelweg F25",)):
    meeting = services.create_meeting(user, "taskforce", start, is_public=is_public)
    for title in items:
        agenda.add_item(user, meeting, {"title": title, "kind": "ter_beslissing"})
    services.transition_meeting(user, meeting, "publish_agenda")
    return meeting


def _item(meeting, title):
    return next(item for item in meeting.items if item.title == title)


# --- held only once started ------------------------------------------------------------------------

def test_a_meeting_is_held_only_once_it_has_started(people, api, request_ctx):
    future = _published(people.secretary, local(days=30))
    with pytest.raises(Conflict, match="pas gehouden als ze begonnen is"):
        services.transition_meeting(people.secretary, future, "mark_held")
    assert "mark_held" not in [t.name for t in services.available_transitions(people.secretary, future)]
    api.login(people.secretary.email)
    response = api.post(f"/api/meetings/{future.id}/transition", json={"transition": "mark_held"})
    assert response.status_code == 409 and "begonnen" in response.get_json()["error"]
    db.session.expire_all()
    assert future.state == "agenda_published" and future.number_in_year is None
    started = _published(people.secretary, local(days=0, hour=0, minute=1))
    assert api.post(f"/api/meetings/{started.id}/transition", json={"transition": "mark_held"}).status_code == 200


# --- cancel ----------------------------------------------------------------------------------------

def test_cancel_needs_a_reason_and_tells_the_calendars(people, client, api, request_ctx):
    meeting = _published(people.secretary, local(days=20))
    ics_before = Calendar.from_ical(client.get(f"/meetings/{meeting.id}.ics").data).walk("VEVENT")[0]
    api.login(people.chair.email)
    response = api.post(f"/api/meetings/{meeting.id}/transition", json={"transition": "cancel"})
    assert response.status_code == 400 and "reden" in response.get_json()["error"].lower()
    db.session.expire_all()
    assert meeting.state == "agenda_published"
    api.login(people.member.email)
    assert api.post(f"/api/meetings/{meeting.id}/transition",
                    json={"transition": "cancel", "comment": "Geen quorum"}).status_code == 403
    api.login(people.chair.email)
    response = api.post(f"/api/meetings/{meeting.id}/transition",
                        json={"transition": "cancel", "comment": "De voorzitter is ziek."})
    assert response.status_code == 200 and response.get_json()["state"] == "cancelled"
    db.session.expire_all()
    assert meeting.cancel_reason == "De voorzitter is ziek."
    event = Calendar.from_ical(client.get(f"/meetings/{meeting.id}.ics").data).walk("VEVENT")[0]
    assert str(event["STATUS"]) == "CANCELLED" and str(ics_before["STATUS"]) == "CONFIRMED"
    assert int(event["SEQUENCE"]) == int(ics_before["SEQUENCE"]) + 1
    body_feed = Calendar.from_ical(client.get("/bodies/taskforce/meetings.ics").data)
    assert [str(e["STATUS"]) for e in body_feed.walk("VEVENT") if str(e["UID"]) == str(event["UID"])] == ["CANCELLED"]
    client.login(people.member.email)
    page = _text(client.get(f"/meetings/{meeting.id}"))
    assert "Deze vergadering is geannuleerd." in page and "De voorzitter is ziek." in page
    # a held meeting is not cancelled; a cancelled one is not held, edited or numbered
    with pytest.raises(Conflict):
        services.transition_meeting(people.secretary, meeting, "mark_held")
    with pytest.raises(Conflict):
        agenda.add_item(people.secretary, meeting, {"title": "Te laat"})
    later = _published(people.secretary, meeting.start_at + timedelta(days=7))
    earlier = _published(people.secretary, meeting.start_at - timedelta(days=7))
    assert meeting_number(later) == meeting_number(earlier) + 1


def test_cancel_is_refused_once_held(people, request_ctx):
    meeting = _published(people.secretary, local(days=-2))
    services.transition_meeting(people.secretary, meeting, "mark_held")
    with pytest.raises(Conflict):
        services.transition_meeting(people.chair, meeting, "cancel", "Toch niet")
    with pytest.raises(Invalid):
        services.transition_meeting(people.chair, _published(people.secretary, local(days=9)), "cancel", "  ")


# --- the page asks before it acts --------------------------------------------------------------------

@pytest.mark.parametrize("name, state, question", [
    ("publish_agenda", "planned", "Agenda publiceren?"),
    ("mark_held", "agenda_published", "Vergadering gehouden?"),
    ("publish_decisions", "held", "Besluitenlijst publiceren?"),
    ("approve_minutes", "held", "Verslag goedkeuren?"),
    ("cancel", "agenda_published", "Vergadering annuleren?"),
])
def test_every_transition_button_asks_for_confirmation(client, make_meeting, people, name, state, question):
    meeting = make_meeting(user=people.secretary, state=state, days=-1)
    client.login(people.secretary.email)
    page = client.submit(f"/meetings/{meeting.id}/transition", {"transition": name})
    assert page.status_code == 200 and question in _text(page) and 'name="confirm" value="1"' in _text(page)
    db.session.expire_all()
    assert meeting.state == state  # nothing happened yet
    response = client.submit(f"/meetings/{meeting.id}/transition",
                             {"transition": name, "confirm": "1", "comment": "Zo beslist."})
    assert response.status_code == 302
    db.session.expire_all()
    assert meeting.state != state


def test_cancel_confirmation_asks_again_without_a_reason(client, make_meeting, people):
    meeting = make_meeting(user=people.secretary, state="agenda_published")
    client.login(people.secretary.email)
    response = client.submit(f"/meetings/{meeting.id}/transition", {"transition": "cancel", "confirm": "1"})
    assert response.status_code == 400 and "Geef een reden op." in _text(response)
    db.session.expire_all()
    assert meeting.state == "agenda_published"


def test_removing_an_item_asks_first(client, make_meeting, people):
    meeting = make_meeting(user=people.secretary, items=["Weg ermee"])
    item = _item(meeting, "Weg ermee")
    client.login(people.secretary.email)
    page = client.submit(f"/meetings/{meeting.id}/items/{item.id}/delete", {"agenda_version": meeting.agenda_version})
    assert page.status_code == 200 and "verwijderen?" in _text(page)
    assert "Weg ermee" in [i.title for i in meeting.items]
    client.submit(f"/meetings/{meeting.id}/items/{item.id}/delete",
                  {"agenda_version": meeting.agenda_version, "confirm": "1"})
    db.session.expire_all()
    assert "Weg ermee" not in [i.title for i in meeting.items]


# --- publication ---------------------------------------------------------------------------------------

@pytest.fixture
def held_with_decisions(people, request_ctx):
    meeting = _published(people.secretary, local(days=-3), items=("Fietssnelweg F25", "Personeelsdossier"))
    closed = _item(meeting, "Personeelsdossier")
    agenda.update_item(people.secretary, closed, {"public": False})
    open_decision = decisions.create_decision(people.secretary, _item(meeting, "Fietssnelweg F25"),
                                              "De Taskforce steunt het tracé van de F25.")
    closed_decision = decisions.create_decision(people.secretary, closed, "Vertrouwelijk personeelsbesluit.")
    action = actions.create_action(people.secretary, {"title": "Tracé F25 voorleggen", "owner": people.member.email,
                                                      "due": "2027-01-31"}, decision=open_decision)
    actions.report_progress(people.member, action, {"progress": 40, "comment": "Overleg met Jan Peeters loopt."})
    minutes.save_minutes(people.secretary, _item(meeting, "Fietssnelweg F25"), "Ontwerptekst over de F25.")
    services.transition_meeting(people.secretary, meeting, "mark_held")
    return meeting, open_decision, closed_decision, action


def _public_sees(client, api, meeting, decision, action) -> dict:
    client.logout()
    api.token = None
    search = api.get("/api/search?q=tracé").get_json()
    return {
        "page": client.get(f"/decisions/{decision.id}").status_code,
        "api": api.get(f"/api/decisions/{decision.id}").status_code,
        "list": decision.id in [d["id"] for d in api.get("/api/decisions").get_json()],
        "search": f"decision" in [r["type"] for r in search["results"]],
        "action": api.get(f"/api/actions/{action.id}").status_code,
        "minutes.docx": client.get(f"/meetings/{meeting.id}/minutes.docx").status_code,
    }


def test_the_public_reads_decisions_once_the_decision_list_is_published(client, api, people, held_with_decisions):
    meeting, decision, closed, action = held_with_decisions
    assert _public_sees(client, api, meeting, decision, action) == {
        "page": 403, "api": 403, "list": False, "search": False, "action": 403, "minutes.docx": 403}
    services.transition_meeting(people.chair, meeting, "publish_decisions")
    db.session.expire_all()
    assert _public_sees(client, api, meeting, decision, action) == {
        "page": 200, "api": 200, "list": True, "search": True, "action": 200, "minutes.docx": 403}
    # a closed item's decision never
    assert client.get(f"/decisions/{closed.id}").status_code == 403
    assert closed.id not in [d["id"] for d in api.get("/api/decisions").get_json()]
    # approved minutes: now the Word document too
    services.transition_meeting(people.chair, meeting, "approve_minutes")
    assert client.get(f"/meetings/{meeting.id}/minutes.docx").status_code == 200


def test_members_read_the_draft_and_the_persons_behind_actions(client, api, people, held_with_decisions):
    meeting, decision, _closed, action = held_with_decisions
    client.login(people.member.email)
    assert client.get(f"/decisions/{decision.id}").status_code == 200
    assert client.get(f"/meetings/{meeting.id}/minutes.docx").status_code == 200
    page = _text(client.get(f"/actions/{action.id}"))
    assert "Lieve Lid" in page or people.member.name in page
    assert "Overleg met Jan Peeters loopt." in page


def test_the_public_sees_published_actions_without_persons_or_their_notes(client, people, held_with_decisions):
    meeting, _decision, _closed, action = held_with_decisions
    services.transition_meeting(people.chair, meeting, "publish_decisions")
    client.logout()
    page = _text(client.get(f"/actions/{action.id}"))
    assert "Tracé F25 voorleggen" in page and "40%" in page
    assert people.member.name not in page and "Jan Peeters" not in page


def test_a_held_meetings_references_never_change(people, request_ctx):
    held = _published(people.secretary, datetime(2026, 5, 12, 14, 0))
    decision = decisions.create_decision(people.secretary, _item(held, "Fietssnelweg F25"), "Akkoord.")
    services.transition_meeting(people.secretary, held, "mark_held")
    reference = decision.reference
    _published(people.secretary, datetime(2026, 2, 3, 14, 0))  # planned afterwards, earlier in the year
    db.session.expire_all()
    assert decision.reference == reference and held.number_in_year == meeting_number(held)
