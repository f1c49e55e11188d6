"""Word and iCalendar exports, parsed back with python-docx and icalendar."""
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from docx import Document
from docx.oxml.ns import qn
from icalendar import Calendar

from app.documents.models import Document as StoredDocument
from app.exports import word
from app.extensions import db
from app.meetings import services
from app.meetings import agenda
from tests.factories import make_file, make_page


def parse_ics(response):
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    return Calendar.from_ical(response.data)


def events(calendar):
    return [c for c in calendar.walk("VEVENT")]


def num_id(paragraph):
    ppr = paragraph._p.pPr
    return ppr.numPr.numId.val if ppr is not None and ppr.numPr is not None else None


def test_agenda_docx_has_title_block_headings_and_items(client, secretary, make_meeting, seeded):
    start = datetime(2026, 12, 15, 14, 0)
    meeting = services.create_meeting(secretary, "taskforce", start, start + timedelta(hours=2),
                                      location="Provinciehuis Leuven, Provincieplein 1")
    agenda.add_item(secretary, meeting, {
        "title": "Fietssnelweg F25", "kind": "ter_beslissing", "presenter": "Interleuven", "action_line": 4,
        "description": "Voorstel:\n\n1. tracé\n2. timing\n\nRisico's:\n\n1. budget\n2. vergunning\n\n"
                       "Meer op [de website](https://www.versterktstreekbeleid.be) en **nu**."})
    client.login("sec@example.be")
    response = client.get(f"/meetings/{meeting.id}/agenda.docx")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert "agenda-taskforce-2026-12-15.docx" in response.headers["Content-Disposition"]
    document = Document(io.BytesIO(response.data))
    paragraphs = document.paragraphs
    assert paragraphs[0].style.name == "Title"
    assert paragraphs[0].text == "Agenda – Taskforce Spitsregio Leuven, dinsdag 15 december 2026"
    assert paragraphs[1].text == "14:00 – 16:00 · Provinciehuis Leuven, Provincieplein 1"
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert headings == ["1. Goedkeuring verslag vorige vergadering",
                        "2. Terugkoppeling Burgemeestersoverleg Oost-Brabant", "3. Opvolging acties", "4. Fietssnelweg F25",
                        "5. Varia"]
    after = paragraphs[[p.text for p in paragraphs].index("4. Fietssnelweg F25") + 1]
    assert "Ter beslissing" in after.text and "Interleuven" in after.text and "Mobiliteit" in after.text
    numbered = [p for p in paragraphs if p.style.name == "List Number"]
    assert [p.text for p in numbered] == ["tracé", "timing", "budget", "vergunning"]
    assert num_id(numbered[0]) == num_id(numbered[1]) != num_id(numbered[2]) == num_id(numbered[3])
    link = next(p for p in paragraphs if "Meer op" in p.text)
    hyperlinks = link._p.findall(qn("w:hyperlink"))
    assert len(hyperlinks) == 1
    assert document.part.rels[hyperlinks[0].get(qn("r:id"))].target_ref == "https://www.versterktstreekbeleid.be"
    assert any(run.bold and run.text == "nu" for run in link.runs)
    assert "*" not in "".join(p.text for p in paragraphs)
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml


def test_markdown_tables_and_bullets_in_word():
    doc = word.new_document()
    word.add_markdown(doc, "## Cijfers\n\n| Gemeente | Jobs |\n|---|---|\n| Leuven | 120 |\n\n- een\n- *twee*")
    parsed = Document(io.BytesIO(word.document_bytes(doc)))
    assert parsed.paragraphs[0].style.name == "Heading 3" and parsed.paragraphs[0].text == "Cijfers"
    table = parsed.tables[0]
    assert [[cell.text for cell in row.cells] for row in table.rows] == [["Gemeente", "Jobs"], ["Leuven", "120"]]
    bullets = [p for p in parsed.paragraphs if p.style.name == "List Bullet"]
    assert [p.text for p in bullets] == ["een", "twee"] and bullets[1].runs[0].italic


def test_feedback_decisions_listed_in_word(client, admin, make_meeting, make_decision):
    tf = make_meeting(user=admin, days=-30)
    item = agenda.add_item(admin, tf, {"title": "Jobbeurs"})
    make_decision(item, "Jobbeurs in Tienen.", user=admin)
    bo = make_meeting(body="burgemeestersoverleg", user=admin, days=1)
    client.login("admin@example.be")
    document = Document(io.BytesIO(client.get(f"/meetings/{bo.id}/agenda.docx").data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Gekoppelde besluiten:" in text and "TF-" in text and "Jobbeurs in Tienen." in text


def test_meeting_ics_uid_timezone_and_sequence(client, secretary, seeded):
    start = datetime(2026, 7, 7, 14, 0)  # summer time: 12:00 UTC
    meeting = services.create_meeting(secretary, "taskforce", start, start + timedelta(hours=2), location="Leuven")
    client.login("sec@example.be")
    calendar = parse_ics(client.get(f"/meetings/{meeting.id}.ics"))
    (event,) = events(calendar)
    uid = str(event["UID"])
    assert uid == f"meeting-{meeting.id}@spitsregio-leuven.be"
    dtstart = event.decoded("DTSTART")
    assert dtstart == datetime(2026, 7, 7, 14, 0, tzinfo=ZoneInfo("Europe/Brussels"))
    assert event["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]
    assert int(event["SEQUENCE"]) == 0 and "DTSTAMP" in event and str(event["LOCATION"]) == "Leuven"
    services.update_meeting(secretary, meeting, {"start": datetime(2026, 7, 8, 10, 0), "end": datetime(2026, 7, 8, 12, 0)})
    (moved,) = events(parse_ics(client.get(f"/meetings/{meeting.id}.ics")))
    assert str(moved["UID"]) == uid and int(moved["SEQUENCE"]) == 1
    assert moved.decoded("DTSTART") == datetime(2026, 7, 8, 10, 0, tzinfo=ZoneInfo("Europe/Brussels"))


def test_body_feed_shows_only_what_the_reader_may_see(client, secretary, make_meeting):
    planned = make_meeting(user=secretary, days=10, title="Voorbereiding")
    published = make_meeting(user=secretary, days=20, title="Publieke vergadering", is_public=True)
    services.transition_meeting(secretary, published, "publish_agenda")
    internal = make_meeting(user=secretary, days=30, title="Interne vergadering")
    services.transition_meeting(secretary, internal, "publish_agenda")
    public = parse_ics(client.get("/bodies/taskforce/meetings.ics"))
    assert [str(e["SUMMARY"]) for e in events(public)] == ["Publieke vergadering"]
    client.login("sec@example.be")
    feed = parse_ics(client.get("/bodies/taskforce/meetings.ics"))
    assert {str(e["UID"]) for e in events(feed)} == {
        f"meeting-{m.id}@spitsregio-leuven.be" for m in (planned, published, internal)}
    assert client.get("/bodies/onbekend/meetings.ics").status_code == 404


def test_agenda_uses_the_body_house_style(client, admin, make_meeting):
    from app.bodies.services import get_body
    from app.bodies.house_style import save_house_style

    template = Document()
    template.sections[0].header.paragraphs[0].text = "Huisstijl Taskforce Spitsregio"
    buffer = io.BytesIO()
    template.save(buffer)
    save_house_style(admin, get_body("taskforce"), buffer.getvalue(), "huisstijl.docx")
    meeting = make_meeting(user=admin)
    client.login("admin@example.be")
    document = Document(io.BytesIO(client.get(f"/meetings/{meeting.id}/agenda.docx").data))
    assert document.sections[0].header.paragraphs[0].text == "Huisstijl Taskforce Spitsregio"
    assert "1. Goedkeuring verslag vorige vergadering" in [p.text for p in document.paragraphs]


def test_agenda_docx_times_durations_documents_and_the_plan(client, secretary, member, seeded, monkeypatch):
    monkeypatch.setattr("app.documents.uploads.extract_in_child", lambda kind, path, **limits: ("ok", ""))
    start = datetime(2026, 12, 15, 14, 0)
    meeting = services.create_meeting(secretary, "taskforce", start, start + timedelta(hours=1),
                                      location="Provinciehuis Leuven", is_public=True)
    for item in meeting.items:
        agenda.update_item(secretary, item, {"duration": 10})
    first = agenda.add_item(secretary, meeting, {"title": "Fietssnelweg F25", "kind": "ter_beslissing",
                                                 "presenter": "Interleuven", "duration": 30})
    agenda.add_item(secretary, meeting, {"title": "Personeelsdossier", "public": False, "duration": 5})
    agenda.add_item(secretary, meeting, {"title": "Rondvraag"})
    link = {"meeting_id": meeting.id, "agenda_item_id": first.id}
    make_file(secretary, "Nota tracé", "nota-trace.pdf", b"%PDF-1.4\n%%EOF\n", state="published", **link)
    make_page(secretary, "Interne analyse", "Vertrouwelijk.", state="internal", **link)
    make_page(secretary, "Concept", "Nog niet gedeeld.", state="private", **link)
    services.transition_meeting(secretary, meeting, "publish_agenda")

    def agenda_text(login=None):
        client.logout()
        if login:
            client.login(login)
        document = Document(io.BytesIO(client.get(f"/meetings/{meeting.id}/agenda.docx").data))
        return document, [p.text for p in document.paragraphs]

    document, texts = agenda_text("lid@example.be")
    meta = texts[texts.index("4. Fietssnelweg F25") + 1]
    assert meta == "Ter beslissing · toelichting: Interleuven · 14:30 (30 min.)"  # after the 3 fixed items of 10 min.
    assert texts[texts.index("5. Personeelsdossier") + 1] == "Ter informatie · 15:00 (5 min.) · besloten"
    assert texts[texts.index("6. Rondvraag") + 1] == "Ter informatie · 15:05"  # no duration: the time only
    attachments = texts[texts.index("Bijlagen"):texts.index("5. Personeelsdossier")]
    assert attachments[1:] == ["Interne analyse", "Nota tracé – nota-trace.pdf"]
    listed = next(p for p in document.paragraphs if p.text.startswith("Nota tracé"))
    targets = [document.part.rels[h.get(qn("r:id"))].target_ref for h in listed._p.findall(qn("w:hyperlink"))]
    assert targets[0].endswith(f"/documents/{listed_id(meeting, 'Nota tracé')}") and targets[1].endswith("/download")
    assert "Geplande duur: 75 min. (14:00 – 15:15)" in texts
    assert "Let op: de planning loopt 15 min. uit over het geplande einde (15:00)." in texts
    # the public: open items only, published documents only
    _document, public = agenda_text()
    assert "Nota tracé – nota-trace.pdf" in public
    assert not any("Interne analyse" in t or "Concept" in t or "Personeelsdossier" in t for t in public)
    assert "4. Fietssnelweg F25" in public and "6. Rondvraag" in public


def listed_id(meeting, title):
    return db.session.scalar(db.select(StoredDocument.id).filter_by(meeting_id=meeting.id, title=title))


def test_agenda_within_its_time_has_no_overrun_line(client, secretary, seeded):
    start = datetime(2026, 12, 15, 14, 0)
    meeting = services.create_meeting(secretary, "taskforce", start, start + timedelta(hours=2))
    agenda.add_item(secretary, meeting, {"title": "Jobbeurs", "duration": 45})
    client.login("sec@example.be")
    texts = [p.text for p in Document(io.BytesIO(client.get(f"/meetings/{meeting.id}/agenda.docx").data)).paragraphs]
    assert "Geplande duur: 45 min. (14:00 – 14:45)" in texts
    assert not any(t.startswith("Let op") for t in texts)
