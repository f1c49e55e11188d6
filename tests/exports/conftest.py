"""Fixtures for the PDF export tests: real sample files, and one conversion cache for the module
(LibreOffice takes seconds to start; what one test converted, the next finds cached)."""
from datetime import datetime

import pytest

from app.meetings import agenda
from app.meetings.services import transition_meeting
from tests.factories import make_file, make_page
from tests.samples import samples  # noqa: F401

START = datetime(2026, 12, 15, 14, 0)


@pytest.fixture(scope="module")
def pdf_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("pdf-cache")


@pytest.fixture
def shared_cache(app, pdf_cache):
    app.config["PDF_CACHE_PATH"] = str(pdf_cache)
    return pdf_cache


@pytest.fixture
def pack_meeting(make_meeting, secretary, samples, monkeypatch):
    """A public meeting with an open item carrying a published PDF, an internal .docx and a
    published Markdown page, and a closed (besloten) item with a published PDF."""
    # the text extraction for search (a child process per upload) is not what these tests are about
    monkeypatch.setattr("app.documents.uploads.extract_in_child", lambda kind, path, **limits: ("ok", ""))
    meeting = make_meeting(user=secretary, start=START, items=["Fietssnelweg F25"], is_public=True,
                           location="Provinciehuis Leuven", online_url="https://meet.example.be/tf")
    closed = agenda.add_item(secretary, meeting, {"title": "Personeelsdossier", "public": False})
    # Varia moved up by hand: the items with documents close the agenda
    agenda.move_item(secretary, next(item for item in meeting.items if item.title == "Varia"), 4)
    open_item = next(item for item in meeting.items if item.title == "Fietssnelweg F25")
    link = {"meeting_id": meeting.id, "agenda_item_id": open_item.id}
    make_file(secretary, "Nota tracé", "nota.pdf", samples.pdf("Tekst van de nota over het trace"),
              state="published", **link)
    make_file(secretary, "Interne analyse", "analyse.docx", samples.docx("Vertrouwelijke analyse van de kosten"),
              state="internal", **link)
    make_page(secretary, "Persbericht", "Het **persbericht** over de F25.", state="published", **link)
    make_file(secretary, "Dossier", "dossier.pdf", samples.pdf("Gevoelig dossier"), state="published",
              meeting_id=meeting.id, agenda_item_id=closed.id)
    transition_meeting(secretary, meeting, "publish_agenda")
    return meeting
