"""The letterhead survives the conversion to PDF (LibreOffice): agenda.pdf and minutes.pdf read back
with pypdf show the body's name, the draft mark, the title line, the date and "Pagina X van Y"."""
import io
from datetime import datetime

import pytest
from pypdf import PdfReader

from app.meetings import agenda
from app.meetings.services import transition_meeting
from tests.exports.images import png_bytes
from tests.exports.test_house_style import upload_logo

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("shared_cache")]


def pdf_text(client, url: str) -> tuple[str, PdfReader]:
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    reader = PdfReader(io.BytesIO(response.data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages), reader


def test_agenda_and_minutes_pdf_carry_the_letterhead(client, admin, make_meeting):
    client.login(admin.email)
    assert upload_logo(client, png_bytes(300, 100)).status_code == 302
    meeting = make_meeting(start=datetime(2026, 3, 10, 14, 0), location="Provinciehuis Leuven")
    item = next(i for i in meeting.items if i.title == "Varia")
    agenda.update_item(admin, item, {"description": "Lange toelichting.\n\n" + "Nog een alinea.\n\n" * 60})
    for transition in ("publish_agenda", "mark_held"):
        transition_meeting(admin, meeting, transition)
    text, reader = pdf_text(client, f"/meetings/{meeting.id}/agenda.pdf")
    pages = len(reader.pages)
    assert pages >= 2  # the letterhead and footer are on every page
    assert text.count("Taskforce Spitsregio Leuven") >= pages + 1  # each header, and the title line
    assert "Agenda – Taskforce Spitsregio Leuven, dinsdag 10 maart 2026" in text
    assert "14:00 – 16:00 · Provinciehuis Leuven" in text
    for page in range(1, pages + 1):
        assert f"Pagina {page} van {pages}" in text
    assert text.count("10 maart 2026") >= pages
    assert "ONTWERP" not in text  # a held meeting's agenda is no draft
    assert any("/XObject" in (page["/Resources"] or {}) for page in reader.pages)  # the logo image
    minutes, _reader = pdf_text(client, f"/meetings/{meeting.id}/minutes.pdf")
    assert "ONTWERP" in minutes and "Taskforce Spitsregio Leuven" in minutes and "Pagina 1 van" in minutes
