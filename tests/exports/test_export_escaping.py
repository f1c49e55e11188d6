"""Every export escapes or cleans what its format needs, whatever the database holds: hostile values
are written straight into the tables (as data from before the input checks would be), then the
.ics, .csv and .docx files are read back with the libraries a user's software would use."""
import csv
import io
import re

import pytest
from docx import Document
from icalendar import Calendar
from sqlalchemy import text

from app.decisions import actions
from app.extensions import db

#: what the database may hold in a one-line field (PostgreSQL refuses NUL: SQLite only)
LINE_BREAKS = ["A\r\nX-EVIL:1", "A\rX-EVIL:2", "A\nX-EVIL:3", "A\u2028X-EVIL:4", "A\x85X-EVIL:5", "A\x0bX-EVIL:6"]
CONTROLS = ["bell\x07", "esc\x1b[31m", "ff\x0c", "us\x1f", "del\x7f"]
SPECIAL = ["semi;colon, comma\\backslash \"quoted\"", "lang " + "é" * 120]
FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"klik\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1", "\n=1"]


def _nul():
    return [] if db.engine.dialect.name == "postgresql" else ["nul\x00byte"]


def _store(sql: str, **params) -> None:
    """Write past the services and their checks."""
    db.session.execute(text(sql), params)
    db.session.commit()


@pytest.fixture
def meeting(make_meeting, make_decision, people, item_titled):
    meeting = make_meeting(items=["Mobiliteitsplan"], location="Provinciehuis")
    item = item_titled(meeting, "Mobiliteitsplan")
    decision = make_decision(item, "Het plan wordt goedgekeurd.")
    actions.create_action(people.secretary, {"title": "Plan bezorgen"}, decision=decision)
    return meeting


def _ics_lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    lines = data[:-2].split(b"\r\n")
    assert not any(b"\r" in line or b"\n" in line for line in lines), "a raw CR or LF inside a line"
    assert all(len(line) <= 75 for line in lines), "a line not folded at 75 octets"
    return lines


def test_ics_escapes_titles_places_and_calendar_names(client, meeting, people):
    client.login(people.secretary.email)
    for hostile in LINE_BREAKS + CONTROLS + SPECIAL + _nul():
        _store("UPDATE meetings SET title = :t, location = :l WHERE id = :id", t=hostile, l="Zaal " + hostile,
               id=meeting.id)
        _store("UPDATE bodies SET name = :n WHERE id = :id", n="Taskforce " + hostile, id=meeting.body_id)
        for url, name in ((f"/meetings/{meeting.id}.ics", hostile), ("/bodies/taskforce/meetings.ics",
                                                                    "Taskforce " + hostile)):
            response = client.get(url)
            assert response.status_code == 200, (url, hostile)
            lines = _ics_lines(response.data)
            assert not any(line.startswith(b"X-EVIL") for line in lines)
            calendar = Calendar.from_ical(response.data)
            event = calendar.walk("VEVENT")[0]
            assert "X-EVIL" not in event and "X-EVIL" not in calendar
            assert not calendar.errors and not event.errors
            assert str(event["SUMMARY"]) == _expected(hostile)
            assert str(event["LOCATION"]) == "Zaal " + _expected(hostile)
            # an X- property is parsed back as it stands; calendars read it as TEXT
            assert _unescape(str(calendar["X-WR-CALNAME"])) == _expected(name)
            # the body's name opens the description; the agenda follows it
            assert str(event["DESCRIPTION"]).startswith(_expected("Taskforce " + hostile) + "\n")


def _unescape(value: str) -> str:
    """RFC 5545 TEXT unescaped: \\n (or \\N) a line break, \\; \\, \\\\ the character."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _expected(stored: str) -> str:
    """What a calendar shows for text stored with other line breaks or controls."""
    for brk in ("\r\n", "\r", "\u2028", "\x85", "\x0b", "\x0c"):
        stored = stored.replace(brk, "\n")
    return "".join(c for c in stored if c == "\n" or c == "\t" or (c >= " " and c != "\x7f"))


def test_csv_neutralises_formulas_and_keeps_cells_whole(client, meeting, people):
    hostile = FORMULAS + ["two\r\nlines; \"quoted\"", "ctrl\x1b\x07"] + _nul()
    for value in hostile:
        _store("UPDATE actions SET title = :t", t=value)
        client.login(people.secretary.email)
        response = client.get("/actions.csv")
        assert response.status_code == 200
        rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"), newline=""), delimiter=";"))
        assert len(rows) == 2 and len(rows[1]) == len(rows[0]), repr(value)
        cell = rows[1][1]
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n")), repr(cell)
        cleaned = "".join(c for c in value if c in "\t\r\n" or c >= " ")
        assert cell in (cleaned, "'" + cleaned), repr(cell)
        client.logout()


def _docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_word_exports_leave_out_what_xml_cannot_hold(client, meeting, people, item_titled):
    hostile = "".join(CONTROLS) + "".join(_nul()) + "\x0b\x1c"
    item = item_titled(meeting, "Mobiliteitsplan")
    client.login(people.secretary.email)
    saved = client.submit(f"/meetings/{meeting.id}/items/{item.id}/minutes", {"text": "Besproken."})
    assert saved.status_code == 302
    _store("UPDATE minutes_revisions SET text = :t", t="Verslag " + hostile)
    _store("UPDATE agenda_items SET title = :t, description = :d, presenter = :p WHERE id = :id",
           t="Punt " + hostile, d="Punt " + hostile, p="Punt " + hostile, id=item.id)
    _store("UPDATE decisions SET text = :t", t="Besluit " + hostile)
    _store("UPDATE actions SET title = :t", t="Actie " + hostile)
    _store("UPDATE meetings SET title = :t, location = :l WHERE id = :id", t="Vergadering " + hostile,
           l="Vergadering " + hostile, id=meeting.id)
    _store("UPDATE users SET name = :t WHERE id = :id", t="Sara " + hostile, id=people.secretary.id)
    expected = "".join(c for c in hostile if c >= " ")  # DEL is allowed in XML
    shown = {f"/meetings/{meeting.id}/minutes.docx": ("Vergadering", "Punt", "Verslag", "Besluit", "Actie"),
             f"/meetings/{meeting.id}/agenda.docx": ("Vergadering", "Punt"),
             f"/meetings/{meeting.id}/decisions.docx": ("Besluit",),
             "/decisions.docx?body=taskforce": ("Besluit",),
             "/actions.docx": ("Actie",)}
    for url, parts in shown.items():
        response = client.get(url, follow_redirects=True)
        assert response.status_code == 200, url
        text_ = _docx_text(response.data)
        for part in parts:
            assert f"{part} {expected}" in text_, (url, part)
