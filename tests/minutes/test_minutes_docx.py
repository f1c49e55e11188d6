import io
from datetime import datetime
from pathlib import Path

from docx import Document

from app.decisions import actions, services as decisions
from app.meetings.models import Attendance
from app.minutes import services
from app.extensions import db
from tests.decisions.voting import everyone_present

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _meeting_with_minutes(make_meeting, people, item_titled):
    earlier = make_meeting(state="held", items=["Mobiliteitsplan regio Leuven"], start=datetime(2026, 1, 20, 14, 0))
    old = decisions.create_decision(people.secretary, item_titled(earlier, "Mobiliteitsplan regio Leuven"), "Oud", 4)
    open_action = actions.create_action(people.secretary, {"title": "Fietsbarometer", "owner": "VOKA"}, decision=old)
    meeting = make_meeting(state="held", items=["Mobiliteitsplan regio Leuven"], start=datetime(2026, 3, 10, 14, 0))
    db.session.add_all([
        Attendance(meeting=meeting, user=people.chair, status="aanwezig"),
        Attendance(meeting=meeting, user=people.member, status="verontschuldigd"),
        Attendance(meeting=meeting, user=people.secretary, status="aanwezig"),
        Attendance(meeting=meeting, user=people.other_secretary, status="afwezig"),
    ])
    db.session.commit()
    item = item_titled(meeting, "Mobiliteitsplan regio Leuven")
    services.save_minutes(people.secretary, item, (
        "De voorzitter licht **het plan** toe, *kort*.\n\n"
        "- eerste punt\n- tweede punt\n\n"
        "| Gemeente | Stand |\n|---|---|\n| Leuven | klaar |\n\n"
        "Zie [de nota](https://example.be/nota) en [dit](javascript:alert(1)).\n\n<script>alert(2)</script>"))
    decision = decisions.create_decision(people.secretary, item, "De taskforce **keurt** het plan goed.", 4)
    # votes follow the attendance: the vote is taken with a full room (13 voting members present),
    # then the list goes back to the one this test reads in the minutes
    listed = [(a.user, a.status) for a in meeting.attendance]
    everyone_present(people.secretary, meeting, voters=13)
    decisions.record_votes(people.secretary, decision, counts={"voor": 10, "tegen": 1, "onthouding": 2})
    meeting.attendance.clear()
    db.session.flush()
    db.session.add_all([Attendance(meeting=meeting, user=user, status=status) for user, status in listed])
    db.session.commit()
    actions.create_action(people.secretary, {"title": "Plan bezorgen", "owner": people.member.email,
                                               "due": "2026-04-30"}, decision=decision)
    actions.create_action(people.secretary, {"title": "Pers informeren", "owner": "UNIZO"}, decision=decision)
    actions.report_progress(people.secretary, open_action, {"comment": "Uitgesteld naar mei"}, meeting=meeting)
    return meeting


def _paragraph_texts(doc):
    return [p.text for p in doc.paragraphs]


def test_minutes_docx_structure_formatting_and_tables(client, make_meeting, people, item_titled):
    meeting = _meeting_with_minutes(make_meeting, people, item_titled)
    client.login(people.member.email)
    response = client.get(f"/meetings/{meeting.id}/minutes.docx")
    assert response.status_code == 200
    assert response.mimetype.endswith("wordprocessingml.document")
    doc = Document(io.BytesIO(response.data))
    texts = _paragraph_texts(doc)
    assert doc.paragraphs[0].style.name == "Title" and "Taskforce Spitsregio Leuven" in texts[0]
    assert "Aanwezig: Carl Voorzitter, Sara Secretaris" in texts
    assert "Verontschuldigd: Lotte Lid" in texts and "Afwezig: Otto Buiten" in texts
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading 1")]
    assert "4. Mobiliteitsplan regio Leuven" in headings
    assert "Acties" in texts[texts.index("4. Mobiliteitsplan regio Leuven"):]  # the item's own actions
    # Markdown became real Word formatting, not asterisks
    treatment = next(p for p in doc.paragraphs if p.text.startswith("De voorzitter licht"))
    assert "**" not in treatment.text
    assert any(r.bold and r.text == "het plan" for r in treatment.runs)
    assert any(r.italic and r.text == "kort" for r in treatment.runs)
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert "eerste punt" in bullets and "tweede punt" in bullets
    link_para = next(p for p in doc.paragraphs if p.text.startswith("Zie"))
    hyperlinks = link_para._p.findall(f"{W}hyperlink")
    assert len(hyperlinks) == 1
    rel = link_para.part.rels[hyperlinks[0].get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")]
    assert rel.target_ref == "https://example.be/nota"
    xml = doc.element.xml
    assert "javascript:" not in xml and "alert(2)" not in xml
    # decisions set apart, with reference and vote
    assert "Besluit TF-2026-02/1 – 4. Mobiliteit" in texts
    assert any("Stemming: 10 voor, 1 tegen, 2 onthouding" in t for t in texts)
    # the Markdown table, then the item's action table (what, who, by when)
    markdown_table, action_table = doc.tables[0], doc.tables[-1]
    assert [c.text for c in markdown_table.rows[1].cells] == ["Leuven", "klaar"]
    rows = [[c.text for c in row.cells] for row in action_table.rows]
    assert rows[0] == ["Wat", "Wie", "Tegen wanneer", "Status"]
    assert rows[1:] == [["Plan bezorgen", "Lotte Lid", "30-04-2026", "gepland"],
                        ["Pers informeren", "UNIZO", "", "gepland"]]
    # open actions rolled forward under "Opvolging acties", with what was said
    follow = texts.index("3. Opvolging acties") if "3. Opvolging acties" in texts else None
    assert follow is not None
    assert any(t.startswith("Fietsbarometer (VOKA") for t in texts[follow:])
    assert "Uitgesteld naar mei" in texts
    # page numbers in the footer as fields
    footer_xml = doc.sections[0].footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml


def test_exports_use_the_body_house_style(client, make_meeting, people, item_titled, app):
    from docx.shared import Mm

    meeting = _meeting_with_minutes(make_meeting, people, item_titled)
    template = Document()
    template.sections[0].header.paragraphs[0].text = "Briefhoofd ERSV Vlaams-Brabant"
    template.styles["Normal"].font.name = "Georgia"
    template.sections[0].left_margin = Mm(40)
    buffer = io.BytesIO()
    template.save(buffer)
    client.login(people.admin.email)
    client.submit("/bodies/taskforce/house-style", {"file": (io.BytesIO(buffer.getvalue()), "stijl.docx")},
                  content_type="multipart/form-data")
    stored = list((Path(app.config["UPLOAD_PATH"]) / "templates").glob("*.docx"))
    assert len(stored) == 1 and stored[0].name.startswith("taskforce-") and stored[0].name != "stijl.docx"
    for url in (f"/meetings/{meeting.id}/minutes.docx", "/decisions.docx?body=taskforce",
                "/actions.docx?body=taskforce"):
        doc = Document(io.BytesIO(client.get(url).data))
        assert doc.sections[0].header.paragraphs[0].text == "Briefhoofd ERSV Vlaams-Brabant", url
        assert doc.styles["Normal"].font.name == "Georgia"
        assert abs(doc.sections[0].left_margin - Mm(40)) < Mm(0.1)  # stored in twips
    # another body keeps the built-in style, with its own name as the letterhead
    other = Document(io.BytesIO(client.get("/decisions.docx?body=burgemeestersoverleg").data))
    assert other.sections[0].header.paragraphs[0].text == "Burgemeestersoverleg Oost-Brabant"
    assert other.styles["Normal"].font.name == "Calibri"


def test_decision_and_action_lists_as_docx_and_csv(client, make_meeting, people, item_titled):
    import csv

    meeting = _meeting_with_minutes(make_meeting, people, item_titled)
    client.login(people.member.email)
    doc = Document(io.BytesIO(client.get(f"/meetings/{meeting.id}/decisions.docx", follow_redirects=True).data))
    texts = _paragraph_texts(doc)
    assert texts[0] == "Besluitenlijst"
    listed = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert [row[0] for row in listed] == ["Nummer", "TF-2026-02/1"]  # not the earlier meeting's TF-2026-01/1
    assert listed[1][1] == "Taskforce Spitsregio Leuven, 10-03-2026\n4. Mobiliteitsplan regio Leuven"
    actions = Document(io.BytesIO(client.get("/actions.docx?status=open").data))
    rows = [[c.text for c in row.cells] for row in actions.tables[0].rows]
    assert rows[0][:4] == ["Wat", "Wie", "Tegen wanneer", "Status"]
    assert sorted(r[0] for r in rows[1:]) == ["Fietsbarometer", "Pers informeren", "Plan bezorgen"]
    response = client.get("/actions.csv?action_line=4")
    assert response.mimetype == "text/csv"
    text = response.data.decode("utf-8-sig")
    parsed = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert parsed[0][:5] == ["Nummer", "Actie", "Eigenaar", "Deadline", "Status"]
    by_title = {row[1]: row for row in parsed[1:]}
    assert by_title["Plan bezorgen"][2:5] == ["Lotte Lid", "30-04-2026", "gepland"]
    assert by_title["Plan bezorgen"][7] == "TF-2026-02/1"


def test_csv_neutralises_formulas(client, make_meeting, people, item_titled):
    meeting = make_meeting(state="held", start=datetime(2026, 3, 10, 14, 0), items=["Mobiliteitsplan regio Leuven"])
    decision = decisions.create_decision(people.secretary, item_titled(meeting, "Varia"), "Besluit")
    actions.create_action(people.secretary, {"title": "=HYPERLINK(\"http://x\")"}, decision=decision)
    client.login(people.member.email)
    import csv

    text = client.get("/actions.csv").data.decode("utf-8-sig")
    row = list(csv.reader(io.StringIO(text), delimiter=";"))[1]
    assert row[1] == "'=HYPERLINK(\"http://x\")"


def test_a_template_without_the_export_styles_still_exports(client, make_meeting, people, item_titled):
    """Word saves only the styles a document uses: a real letterhead may lack "Title" or "List Bullet"."""
    meeting = _meeting_with_minutes(make_meeting, people, item_titled)
    template = Document()
    template.sections[0].header.paragraphs[0].text = "Briefhoofd zonder stijlen"
    styles = template.styles.element
    for style in list(styles):
        name = style.find(f"{W}name")
        if name is not None and name.get(f"{W}val") in ("Title", "List Bullet", "heading 1", "Table Grid"):
            styles.remove(style)
    buffer = io.BytesIO()
    template.save(buffer)
    assert "Title" not in {s.name for s in Document(io.BytesIO(buffer.getvalue())).styles}
    client.login(people.admin.email)
    response = client.submit("/bodies/taskforce/house-style", {"file": (io.BytesIO(buffer.getvalue()), "kaal.docx")},
                             content_type="multipart/form-data")
    assert response.status_code == 302
    doc = Document(io.BytesIO(client.get(f"/meetings/{meeting.id}/minutes.docx").data))
    assert doc.sections[0].header.paragraphs[0].text == "Briefhoofd zonder stijlen"
    assert doc.paragraphs[0].style.name == "Title"
    assert "4. Mobiliteitsplan regio Leuven" in [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
