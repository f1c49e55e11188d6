from datetime import datetime

from app.minutes import services
from app.minutes.models import MinutesRevision


def test_secretary_writes_minutes_with_description_beside(client, make_meeting, people, item_titled):
    meeting = make_meeting(state="held", start=datetime(2026, 3, 10, 14, 0), items=["Mobiliteitsplan regio Leuven"])
    item = item_titled(meeting, "Mobiliteitsplan regio Leuven")
    client.login(people.secretary.email)
    url = f"/meetings/{meeting.id}/items/{item.id}/minutes"
    page = client.get(url).get_data(as_text=True)
    assert "Toelichting bij <strong>Mobiliteitsplan regio Leuven</strong>" in page
    assert 'src="/static/js/minutes.js"' in page
    response = client.submit(url, {"text": "De **taskforce** keurt goed.", "base_revision": ""})
    assert response.status_code == 302
    overview = client.get(f"/meetings/{meeting.id}/minutes").get_data(as_text=True)
    assert "De <strong>taskforce</strong> keurt goed." in overview
    # a preview renders on the server without saving
    response = client.submit(url, {"text": "*schets*", "base_revision": "1", "preview": "Voorbeeld"})
    assert "<em>schets</em>" in response.get_data(as_text=True)
    assert MinutesRevision.query.count() == 1


def test_autosave_answers_json_and_refuses_stale_saves(client, make_meeting, people, item_titled):
    meeting = make_meeting(state="held", start=datetime(2026, 3, 10, 14, 0), items=["Mobiliteitsplan regio Leuven"])
    item = item_titled(meeting, "Varia")
    client.login(people.secretary.email)
    url = f"/meetings/{meeting.id}/items/{item.id}/minutes"
    headers = {"Accept": "application/json"}
    first = client.submit(url, {"text": "Concept", "base_revision": "", "autosave": "1"}, headers=headers)
    assert first.status_code == 200 and first.get_json()["revision"] == 1
    second = client.submit(url, {"text": "Concept 2", "base_revision": "1", "autosave": "1"}, headers=headers)
    assert second.get_json()["revision"] == 2
    stale = client.submit(url, {"text": "Oude tab", "base_revision": "1", "autosave": "1"}, headers=headers)
    assert stale.status_code == 409 and "error" in stale.get_json()
    assert services.minutes_text(item) == "Concept 2"
    assert MinutesRevision.query.order_by(MinutesRevision.number.desc()).first().kind == "autosave"


def test_script_in_minutes_never_reaches_the_browser(client, make_meeting, people, item_titled):
    meeting = make_meeting(state="held", start=datetime(2026, 3, 10, 14, 0), items=["Mobiliteitsplan regio Leuven"])
    item = item_titled(meeting, "Varia")
    services.save_minutes(people.secretary, item,
                          "<script>alert(1)</script> [klik](javascript:alert(2)) <img src=x onerror=alert(3)>")
    client.login(people.member.email)
    page = client.get(f"/meetings/{meeting.id}/minutes").get_data(as_text=True)
    assert "<script>alert" not in page and "javascript:" not in page and "onerror" not in page


def test_member_reads_but_cannot_edit_and_outsider_cannot_read(client, make_meeting, people, item_titled):
    meeting = make_meeting(state="held", start=datetime(2026, 3, 10, 14, 0), items=["Mobiliteitsplan regio Leuven"])
    item = item_titled(meeting, "Varia")
    client.login(people.member.email)
    assert client.get(f"/meetings/{meeting.id}/minutes").status_code == 200
    assert client.get(f"/meetings/{meeting.id}/items/{item.id}/minutes").status_code == 403
    client.logout()
    client.login(people.other_secretary.email)
    assert client.get(f"/meetings/{meeting.id}/minutes").status_code == 403
    assert client.get(f"/meetings/{meeting.id}/minutes.docx").status_code == 403


def test_revisions_page_compares_and_restores(client, make_meeting, people, item_titled):
    meeting = make_meeting(state="held", start=datetime(2026, 3, 10, 14, 0), items=["Mobiliteitsplan regio Leuven"])
    item = item_titled(meeting, "Varia")
    services.save_minutes(people.secretary, item, "Regel een")
    services.save_minutes(people.secretary, item, "Regel twee")
    client.login(people.secretary.email)
    base = f"/meetings/{meeting.id}/items/{item.id}/minutes/revisions"
    page = client.get(f"{base}?old=1&new=2").get_data(as_text=True)
    assert "<del>- Regel een</del>" in page and "<ins>+ Regel twee</ins>" in page
    assert client.submit(f"{base}/1/restore").status_code == 302
    assert services.minutes_text(item) == "Regel een"
    assert "teruggezet" in client.get(base).get_data(as_text=True)


def test_approve_previous_minutes_from_the_fixed_item(client, make_meeting, people, item_titled):
    first = make_meeting(state="held", items=["Mobiliteitsplan regio Leuven"], start=datetime(2026, 1, 20, 14, 0))
    second = make_meeting(state="held", items=["Mobiliteitsplan regio Leuven"], start=datetime(2026, 3, 10, 14, 0))
    client.login(people.member.email)
    assert "Verslag vorige vergadering goedkeuren" not in client.get(f"/meetings/{second.id}/minutes").get_data(as_text=True)
    assert client.submit(f"/meetings/{second.id}/approve-previous").status_code == 403
    client.logout()
    client.login(people.chair.email)
    page = client.get(f"/meetings/{second.id}/minutes").get_data(as_text=True)
    assert "Verslag vorige vergadering goedkeuren" in page
    response = client.submit(f"/meetings/{second.id}/approve-previous", {"comment": "", "confirm": "1"})
    assert response.status_code == 302
    assert first.state == "minutes_approved"
    assert "Goedgekeurd en vergrendeld" in client.get(f"/meetings/{first.id}/minutes").get_data(as_text=True)


def test_locked_item_editor_asks_for_a_reason(client, make_meeting, people, item_titled):
    meeting = make_meeting(state="held", start=datetime(2026, 3, 10, 14, 0), items=["Mobiliteitsplan regio Leuven"])
    item = item_titled(meeting, "Mobiliteitsplan regio Leuven")
    services.save_minutes(people.secretary, item, "Beslist")
    client.login(people.secretary.email)
    url = f"/meetings/{meeting.id}/items/{item.id}/minutes"
    assert client.submit(f"{url[:-len('/minutes')]}/lock").status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert "Vergrendeld sinds" in page and 'name="reason"' not in page
    page = client.get(f"{url}?correct=1").get_data(as_text=True)
    assert "vergrendeld" in page and 'name="reason"' in page
    response = client.submit(url, {"text": "Anders", "base_revision": "1"})
    assert response.status_code == 409 and "vraagt een reden" in response.get_data(as_text=True)
    assert client.submit(url, {"text": "Anders", "base_revision": "1", "reason": "Nalezing"}).status_code == 302
    assert services.minutes_text(item) == "Anders"


def test_house_style_upload_is_for_the_beheerder_and_checked(client, people, request_ctx):
    import io

    from docx import Document

    client.login(people.secretary.email)
    assert client.get("/bodies/taskforce/house-style").status_code == 403
    client.logout()
    client.login(people.admin.email)
    bad = client.submit("/bodies/taskforce/house-style",
                        {"file": (io.BytesIO(b"not a word file"), "sjabloon.docx")},
                        content_type="multipart/form-data")
    assert bad.status_code == 400 and "geen geldig Word-bestand" in bad.get_data(as_text=True)
    template = Document()
    template.sections[0].header.paragraphs[0].text = "Briefhoofd Taskforce"
    buffer = io.BytesIO()
    template.save(buffer)
    buffer.seek(0)
    good = client.submit("/bodies/taskforce/house-style", {"file": (buffer, "huisstijl.docx")},
                         content_type="multipart/form-data")
    assert good.status_code == 302
    page = client.get("/bodies/taskforce/house-style").get_data(as_text=True)
    assert "huisstijl.docx" in page


def test_open_actions_roll_forward_and_the_meeting_records_what_was_said(client, make_meeting, people, item_titled):
    from app.decisions import actions, services as decisions

    earlier = make_meeting(state="held", items=["Mobiliteitsplan regio Leuven"], start=datetime(2026, 1, 20, 14, 0))
    later = make_meeting(state="held", items=["Mobiliteitsplan regio Leuven"], start=datetime(2026, 3, 10, 14, 0))
    decision = decisions.create_decision(people.secretary, item_titled(earlier, "Mobiliteitsplan regio Leuven"), "B")
    action = actions.create_action(people.secretary, {"title": "Tellingen fietsroutes", "owner": "VOKA"},
                                     decision=decision)
    actions.create_action(people.secretary, {"title": "Al klaar", "status": "afgerond"}, decision=decision)
    client.login(people.secretary.email)
    page = client.get(f"/meetings/{later.id}/minutes").get_data(as_text=True)
    follow = page[page.index("Opvolging acties"):page.index("4. Mobiliteitsplan regio Leuven")]
    assert "Tellingen fietsroutes" in follow and "Al klaar" not in follow
    response = client.submit(f"/meetings/{later.id}/actions/{action.id}/follow-up",
                             {"comment": "VOKA meldt vertraging; nieuwe deadline in juni."})
    assert response.status_code == 302
    page = client.get(f"/meetings/{later.id}/minutes").get_data(as_text=True)
    assert "VOKA meldt vertraging; nieuwe deadline in juni." in page
    assert "in de vergadering van" in client.get(f"/actions/{action.id}").get_data(as_text=True)
    client.logout()
    client.login(people.member.email)
    assert client.submit(f"/meetings/{later.id}/actions/{action.id}/follow-up", {"comment": "x"}).status_code == 403
