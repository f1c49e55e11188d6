"""What a secretariat expects in minutes.docx, read back with python-docx (and, once, as PDF with
pypdf): attendance with substitutes, nothing under an item without minutes, the feedback item's text
and linked decisions, closed items marked for the members and left out of the public copy, ONTWERP
on drafts, and approved minutes ending with the approval line and the signatures."""
import io
import re
from types import SimpleNamespace

import pytest
from docx import Document
from pypdf import PdfReader

from app.auth.services import get_user_by_email
from app.core.timeutil import to_local
from app.decisions import actions, services as decisions
from app.meetings import agenda, services as meetings
from app.meetings.attendance import record_attendance
from app.minutes import approval, services as minutes
from tests.factories import local

OPEN, CLOSED = "Mobiliteitsplan regio Leuven", "Personeelsdossier"
ITEM_HEADING = re.compile(r"^\d+\. ")
FEEDBACK = "2. Terugkoppeling Burgemeestersoverleg Oost-Brabant"


def _day(moment) -> str:
    return to_local(moment).strftime("%d-%m-%Y")


@pytest.fixture
def record(people, make_meeting, make_user, item_titled):
    """A public Taskforce meeting held a month ago: its feedback item reports a published decision of
    the Burgemeestersoverleg; item 5 is open, item 6 closed (besloten); both have minutes and a decision."""
    admin, secretary = people.admin, people.secretary
    parent = make_meeting(body="burgemeestersoverleg", start=local(-60), state="held", is_public=True)
    reported = decisions.create_decision(admin, item_titled(parent, "Terugkoppeling Taskforce Spitsregio Leuven"),
                                         "Het Burgemeestersoverleg steunt de **F25**.")
    meetings.transition_meeting(admin, parent, "publish_decisions")
    meeting = make_meeting(start=local(-30), items=[OPEN, CLOSED], is_public=True)
    agenda.update_item(admin, item_titled(meeting, CLOSED), {"public": False})
    for step in ("publish_agenda", "mark_held"):
        meetings.transition_meeting(admin, meeting, step)
    substitute = make_user(name="Paul Plaatsvervanger", memberships={"taskforce": "plaatsvervanger"})
    vera = get_user_by_email("voorzitter@spitsregio.be")  # the demo chair, seated before Carl
    record_attendance(secretary, meeting, [
        {"user_id": people.chair.id, "status": "aanwezig"}, {"user_id": secretary.id, "status": "aanwezig"},
        {"user_id": people.member.id, "status": "verontschuldigd", "substitute_id": substitute.id},
        {"user_id": vera.id, "status": "afwezig"}])
    open_item, closed_item = item_titled(meeting, OPEN), item_titled(meeting, CLOSED)
    minutes.save_minutes(secretary, open_item, "De taskforce bespreekt het **plan**.\n\n- fietsas\n- F25")
    minutes.save_minutes(secretary, closed_item, "Een vertrouwelijke **personeelszaak**.")
    decision = decisions.create_decision(secretary, open_item, "Het plan wordt goedgekeurd.")
    actions.create_action(secretary, {"title": "Plan bezorgen", "owner": people.member.email, "due": "2026-04-30"},
                          decision=decision)
    decisions.create_decision(secretary, closed_item, "Geheim besluit over het personeel.")
    return SimpleNamespace(meeting=meeting, reported=reported, decision=decision)


def _get(client, meeting) -> Document:
    response = client.get(f"/meetings/{meeting.id}/minutes.docx")
    assert response.status_code == 200
    return Document(io.BytesIO(response.data))


def _texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def _all_text(doc) -> str:
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    header = [p.text for section in doc.sections for p in section.header.paragraphs]
    return "\n".join(_texts(doc) + cells + header)


def _header(doc) -> str:
    return " ".join(p.text for p in doc.sections[0].header.paragraphs)


def _after(texts: list[str], heading: str) -> list[str]:
    """The paragraphs under `heading`, up to the next item heading."""
    start = texts.index(heading) + 1
    end = next((i for i in range(start, len(texts)) if ITEM_HEADING.match(texts[i])), len(texts))
    return texts[start:end]


def test_the_members_draft_copy(client, people, record):
    client.login(people.member.email)
    doc = _get(client, record.meeting)
    texts, everything = _texts(doc), _all_text(doc)
    assert "ONTWERP" in _header(doc)
    # attendance: present, excused with who stood in, absent
    assert "Aanwezig: Carl Voorzitter, Sara Secretaris" in texts
    assert "Verontschuldigd: Lotte Lid (vervangen door Paul Plaatsvervanger)" in texts
    assert "Afwezig: Vera Voorzitter" in texts
    # an item nobody wrote under shows its heading only
    assert "Geen verslag." not in everything
    assert _after(texts, "6. Varia") == []
    # the feedback item: its pre-filled text as Word structure, then the linked decision in full
    under = _after(texts, FEEDBACK)
    reference, day = record.reported.reference, record.reported.decided_on.strftime("%d-%m-%Y")
    assert under[0] == "Besluiten van Burgemeestersoverleg Oost-Brabant sinds de start:"
    bullet = next(p for p in doc.paragraphs if p.text.startswith(f"{reference} ({day})") and p.style.name == "List Bullet")
    assert "**" not in bullet.text and any(run.bold and run.text == reference for run in bullet.runs)
    linked = under.index("Gekoppelde besluiten")
    assert under[linked + 1:linked + 3] == [f"{reference} ({day})", "Het Burgemeestersoverleg steunt de F25."]
    # the open item: minutes, decision, its action in a table; the closed one marked besloten
    assert _after(texts, f"4. {OPEN}")[:3] == ["De taskforce bespreekt het plan.", "fietsas", "F25"]
    assert "Gekoppelde besluiten" not in _after(texts, f"4. {OPEN}")
    assert f"5. {CLOSED} (besloten)" in [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert "Een vertrouwelijke personeelszaak." in _after(texts, f"5. {CLOSED} (besloten)")
    assert "Geheim besluit over het personeel." in texts
    action_rows = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert action_rows == [["Wat", "Wie", "Tegen wanneer", "Status"], ["Plan bezorgen", "Lotte Lid", "30-04-2026", "gepland"]]
    # a draft has no approval and nobody signs it
    assert "Goedgekeurd in de vergadering" not in everything and "De voorzitter" not in everything


def test_approved_at_a_later_meeting_members_and_public_copies(client, people, make_meeting, record):
    later = make_meeting(start=local(-2), state="held")
    approval.approve_previous_minutes(people.chair, later)
    assert _day(later.start_at) != _day(record.meeting.approved_at)  # the meeting's date, not the click's
    client.login(people.member.email)
    doc = _get(client, record.meeting)
    texts = _texts(doc)
    assert "ONTWERP" not in _header(doc)
    assert f"5. {CLOSED} (besloten)" in texts
    closing = texts.index(f"Goedgekeurd in de vergadering van {_day(later.start_at)}")
    assert closing > texts.index(f"5. {CLOSED} (besloten)")
    signatures = [[c.text for c in row.cells] for row in doc.tables[-1].rows]
    # the chair and the secretary present at the meeting (not the demo chair, absent, nor the demo secretary)
    assert signatures[0] == ["De voorzitter", "De secretaris"]
    assert signatures[1][0].startswith("___") and signatures[2] == ["Carl Voorzitter", "Sara Secretaris"]
    # the public copy leaves the closed item out, saying only that it was treated
    client.logout()
    public = _get(client, record.meeting)
    texts, everything = _texts(public), _all_text(public)
    assert "Punt 5 werd in besloten zitting behandeld." in texts
    assert CLOSED not in everything and "personeelszaak" not in everything and "Geheim besluit" not in everything
    assert f"4. {OPEN}" in texts and "Het plan wordt goedgekeurd." in texts
    assert f"Goedgekeurd in de vergadering van {_day(later.start_at)}" in texts
    assert "ONTWERP" not in _header(public)


def test_approved_outside_a_meeting_by_a_body_without_a_chair(client, people, make_meeting):
    """Toekomstforum Mobiliteit has secretaries but no voorzitter: a blank line to write the name on."""
    meeting = make_meeting(body="toekomstforum-mobiliteit", state="minutes_approved")
    client.login(people.admin.email)
    doc = _get(client, meeting)
    assert f"Goedgekeurd in de vergadering van {_day(meeting.approved_at)}" in _texts(doc)
    names = [c.text for c in doc.tables[-1].rows[2].cells]
    assert names[0].strip(".") == "" and len(names[0]) > 10
    assert names[1] == "Hanne Halle"  # the longest seated secretary (Otto Buiten came later)


@pytest.mark.slow
def test_minutes_and_decision_list_as_pdf(client, people, record):
    client.login(people.member.email)
    response = client.get(f"/meetings/{record.meeting.id}/minutes.pdf")
    assert response.status_code == 200
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(response.data)).pages)
    assert "ONTWERP" in text and "Geen verslag" not in text
    assert "Lotte Lid (vervangen door Paul Plaatsvervanger)" in text
    assert f"5. {CLOSED} (besloten)" in text and "Gekoppelde besluiten" in text
    assert f"{record.reported.reference} ({record.reported.decided_on.strftime('%d-%m-%Y')})" in text
    assert "**" not in text
