"""The meeting pages: planning, the agenda editor without JavaScript, messages, the public view."""
import io
import re
from datetime import datetime

from docx import Document

from app.meetings import services
from app.meetings import agenda, attendance, queries


def login(client, email):
    client.logout()  # the login page sends a logged-in user away without logging in
    client.login(email)


def logout(client):
    client.logout()


def text(response):
    return response.get_data(as_text=True)


def test_plan_meeting_through_the_form(client, secretary):
    login(client, "sec@example.be")
    page = client.get("/bodies/taskforce/meetings/new")
    assert page.status_code == 200 and 'name="start_time"' in text(page)
    response = client.submit("/bodies/taskforce/meetings/new", {
        "date": "2026-12-15", "start_time": "14:00", "end_time": "16:00", "location": "Provinciehuis Leuven",
        "title": "Taskforce december"})
    assert response.status_code == 302
    show = client.get(response.headers["Location"])
    html = text(show)
    assert "Taskforce december" in html and "Provinciehuis Leuven" in html
    for title in ("Goedkeuring verslag vorige vergadering", "Terugkoppeling Burgemeestersoverleg Oost-Brabant",
                  "Opvolging acties", "Varia"):
        assert title in html
    meeting = queries.visible_meetings(secretary)[0]
    fixed = meeting.items[0]
    assert f"/items/{fixed.id}/delete" not in html  # no delete button for a fixed item
    assert f"/items/{fixed.id}/edit" in html
    assert f"/items/{meeting.items[3].id}/skip" in html  # the standing item can be skipped


def test_form_errors_are_messages_and_nothing_is_saved(client, secretary):
    login(client, "sec@example.be")
    response = client.submit("/bodies/taskforce/meetings/new", {"date": "2026-12-15", "start_time": "14:00",
                                                                "end_time": "13:00"})
    assert response.status_code == 400
    assert "Een vergadering kan niet eindigen voor ze begint." in text(response)
    response = client.submit("/bodies/taskforce/meetings/new", {"date": "", "start_time": "14:00"})
    assert response.status_code == 400 and "Een datum is verplicht." in text(response)
    assert client.get("/bodies/bestaat-niet/meetings/new").status_code == 404
    assert queries.visible_meetings(secretary) == []


def test_agenda_editing_without_javascript(client, secretary, make_meeting):
    meeting = make_meeting(user=secretary)
    login(client, "sec@example.be")
    base = f"/meetings/{meeting.id}"
    response = client.submit(f"{base}/items/new", {"title": "", "kind": "ter_informatie", "action_line": "0",
                                                   "agenda_version": meeting.agenda_version})
    assert response.status_code == 400 and "Een titel is verplicht." in text(response)
    response = client.submit(f"{base}/items/new", {
        "title": "Fietssnelweg F25", "description": "**Stand** van zaken", "kind": "ter_beslissing",
        "presenter": "Interleuven", "action_line": "4", "duration": "20", "public": "y",
        "agenda_version": meeting.agenda_version})
    assert response.status_code == 302
    item = meeting.items[-2]  # before Varia, the closing standing item
    assert item.title == "Fietssnelweg F25" and item.action_line.number == 4 and item.number == 4
    assert meeting.items[-1].title == "Varia"
    html = text(client.get(base))
    assert "<strong>Stand</strong> van zaken" in html and "Ter beslissing" in html
    # up, without JavaScript
    response = client.submit(f"{base}/items/{item.id}/move", {"direction": "up", "agenda_version": meeting.agenda_version})
    assert response.status_code == 302
    assert item.number == 3
    # an old version: a clear message, nothing changed
    stale = meeting.agenda_version - 1
    response = client.submit(f"{base}/items/{item.id}/move", {"direction": "up", "agenda_version": stale},
                             follow_redirects=True)
    assert "intussen gewijzigd" in text(response) and item.number == 3
    response = client.submit(f"{base}/items/{item.id}/edit", {
        "title": "Fietssnelweg F25 (bijgewerkt)", "kind": "ter_bespreking", "action_line": "4",
        "agenda_version": stale})
    assert response.status_code == 409 and "intussen gewijzigd" in text(response)
    assert item.title == "Fietssnelweg F25"
    # removing the fixed item through a crafted post is refused too
    response = client.submit(f"{base}/items/{meeting.items[0].id}/delete",
                             {"agenda_version": meeting.agenda_version, "confirm": "1"}, follow_redirects=True)
    assert "kan niet verwijderd worden" in text(response) and len(meeting.items) == 5
    # skip the standing item with a reason
    varia = meeting.items[4] if meeting.items[4].title == "Varia" else meeting.items[3]
    response = client.submit(f"{base}/items/{varia.id}/skip", {"reason": "Geen punten",
                                                                "agenda_version": meeting.agenda_version})
    assert response.status_code == 302 and varia.skipped
    assert "Reden: Geen punten" in text(client.get(base))


def test_js_move_answers_json(client, secretary, make_meeting):
    meeting = make_meeting(user=secretary)
    login(client, "sec@example.be")
    item = meeting.items[3]
    response = client.submit(f"/meetings/{meeting.id}/items/{item.id}/move",
                             {"position": "1", "agenda_version": meeting.agenda_version},
                             headers={"Accept": "application/json"})
    assert response.status_code == 200 and response.get_json()["ok"]
    assert item.number == 1
    response = client.submit(f"/meetings/{meeting.id}/items/{item.id}/move",
                             {"position": "9", "agenda_version": meeting.agenda_version},
                             headers={"Accept": "application/json"})
    assert response.status_code == 400 and response.get_json()["error"]


def test_markdown_preview_is_sanitised(client, secretary):
    login(client, "sec@example.be")
    response = client.submit("/meetings/preview", {"text": "**vet** <script>alert(1)</script>"})
    assert response.status_code == 200
    html = response.get_json()["html"]
    assert "<strong>vet</strong>" in html and "<script" not in html


def test_lid_cannot_edit_and_public_sees_only_public_items(client, secretary, member, make_meeting):
    meeting = make_meeting(user=secretary, is_public=True)
    closed = agenda.add_item(secretary, meeting, {"title": "Besloten personeelsdossier", "public": False})
    # planned: the public is sent to the login page, a lid gets 403
    assert client.get(f"/meetings/{meeting.id}").status_code == 302
    login(client, "lid@example.be")
    assert client.get(f"/meetings/{meeting.id}").status_code == 403
    services.transition_meeting(secretary, meeting, "publish_agenda")
    html = text(client.get(f"/meetings/{meeting.id}"))
    assert "Besloten personeelsdossier" in html and "besloten" in html
    assert f"/items/{closed.id}/edit" not in html and "Agendapunt toevoegen" not in html
    assert client.get(f"/meetings/{meeting.id}/items/new").status_code == 403
    assert client.submit(f"/meetings/{meeting.id}/items/{closed.id}/delete",
                         {"agenda_version": meeting.agenda_version}).status_code == 403
    logout(client)
    html = text(client.get(f"/meetings/{meeting.id}"))
    assert "Goedkeuring verslag vorige vergadering" in html
    assert "Besloten personeelsdossier" not in html
    document = Document(io.BytesIO(client.get(f"/meetings/{meeting.id}/agenda.docx").data))
    words = "\n".join(p.text for p in document.paragraphs)
    assert "Goedkeuring verslag vorige vergadering" in words and "Besloten personeelsdossier" not in words


def test_meeting_lists_and_body_page(client, secretary, admin, make_meeting):
    past = make_meeting(start=datetime(2025, 3, 10, 14, 0), title="Taskforce maart 2025", is_public=True,
                        state="held")
    upcoming = make_meeting(user=admin, days=20, title="Taskforce komend")
    services.transition_meeting(admin, upcoming, "publish_agenda")
    services.update_meeting(admin, upcoming, {"is_public": True})
    hidden = make_meeting(user=admin, days=30, title="Nog niet gepubliceerd")
    html = text(client.get("/meetings"))
    assert "Taskforce maart 2025" in html and "Taskforce komend" in html and "Nog niet gepubliceerd" not in html
    assert html.index("Taskforce komend") < html.index("Taskforce maart 2025")
    body = text(client.get("/bodies/taskforce"))
    assert "2025" in body and "Aantal vergaderingen per jaar" in body
    assert re.search(r"het minimum van 6 wordt dit jaar niet meer gehaald", body)
    assert "Vergadering plannen" not in body
    login(client, "sec@example.be")
    body = text(client.get("/bodies/taskforce"))
    assert "Nog niet gepubliceerd" in body and "Vergadering plannen" in body
    assert hidden.id


def test_attendance_page_records_and_shows_quorum(client, secretary, member, make_meeting):
    meeting = make_meeting(user=secretary)
    login(client, "sec@example.be")
    page = client.get(f"/meetings/{meeting.id}/attendance")
    assert page.status_code == 200 and "Lotte Lid" in text(page)
    response = client.submit(f"/meetings/{meeting.id}/attendance", {f"status-{member.id}": "aanwezig"})
    assert response.status_code == 302
    assert attendance.attendance_rows(meeting)
    html = text(client.get(f"/meetings/{meeting.id}"))
    assert "Lotte Lid: aanwezig" in html and "Quorum" in html
    response = client.submit(f"/meetings/{meeting.id}/attendance",
                             {f"status-{member.id}": "aanwezig", f"substitute-{member.id}": str(secretary.id)})
    assert response.status_code == 400 and "geen plaatsvervanger" in text(response)


def test_publish_through_the_page_and_history(client, secretary, member, make_meeting):
    meeting = make_meeting(user=secretary, start=services_local(2026, 12, 15, 14), end=services_local(2026, 12, 15, 16))
    login(client, "lid@example.be")
    assert client.submit(f"/meetings/{meeting.id}/transition", {"transition": "publish_agenda"}).status_code == 403
    login(client, "sec@example.be")
    html = text(client.get(f"/meetings/{meeting.id}"))
    assert "dinsdag 15 december 2026, 14:00 – 16:00" in html and 'value="publish_agenda"' in html
    asked = text(client.submit(f"/meetings/{meeting.id}/transition", {"transition": "publish_agenda"}))
    assert "Agenda publiceren?" in asked and meeting.state == "planned"  # the button asks first
    response = client.submit(f"/meetings/{meeting.id}/transition",
                             {"transition": "publish_agenda", "comment": "Verstuurd naar de leden", "confirm": "1"},
                             follow_redirects=True)
    html = text(response)
    assert meeting.state == "agenda_published"
    assert "Agenda publiceren (Sara Secretaris) – Verstuurd naar de leden" in html
    response = client.submit(f"/meetings/{meeting.id}/transition", {"transition": "approve_minutes"},
                             follow_redirects=True)
    assert "niet mogelijk" in text(response) and meeting.state == "agenda_published"


def services_local(year, month, day, hour):
    from datetime import datetime

    return datetime(year, month, day, hour, 0)
