"""The meeting pack in the browser: a member opens the meeting page, clicks the pack button and gets
one PDF holding the agenda and the attachments, with bookmarks; the public visitor's pack lacks the
internal document. The meeting page passes axe and fits a 390-pixel phone."""
import json

import pytest
from pypdf import PdfReader

from tests.browser.conftest import DEMO_PASSWORD, login, new_page, serious_violations, sideways_overflow
from tests.exports.pdf_reading import outline, text
from tests.samples import docx_bytes, pdf_bytes

pytestmark = pytest.mark.browser

ITEM = "Pendelbus bedrijventerrein Haasrode"
PUBLIC_TEXT = "De pendelbus rijdt elk halfuur vanaf het station"
INTERNAL_TEXT = "Raming van de exploitatiekosten voor drie jaar"
#: building a pack converts the agenda and the .docx with LibreOffice: seconds, more on a busy machine
DOWNLOAD_MS = 120_000


@pytest.fixture(scope="module")
def pack_meeting(browser, live_server) -> int:
    """A public Taskforce meeting planned by the secretary through the API: an item with a published
    PDF and an internal Word file, and its agenda published. Returns its id."""
    context = browser.new_context(base_url=live_server)
    api = context.request
    try:
        token = api.post("/api/login", data={"email": "secretaris@spitsregio.be", "password": DEMO_PASSWORD}).json()
        auth = {"Authorization": f"Bearer {token['token']}"}

        def call(path: str, **kwargs) -> dict:
            response = api.post(path, headers=auth, **kwargs)
            assert response.ok, f"{path}: {response.status} {response.text()[:300]}"
            return response.json()

        meeting = call("/api/meetings", data={"body": "taskforce", "start": "2027-03-17T14:00", "is_public": True,
                                              "location": "Provinciehuis Leuven"})
        item = call(f"/api/meetings/{meeting['id']}/items", data={"title": ITEM})
        for title, filename, mime, data, transition in (
            ("Dienstregeling pendelbus", "dienstregeling.pdf", "application/pdf", pdf_bytes(PUBLIC_TEXT), "publish"),
            ("Kostenraming pendelbus", "kostenraming.docx",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx_bytes(INTERNAL_TEXT),
             "share"),
        ):
            document = call("/api/documents", multipart={
                "file": {"name": filename, "mimeType": mime, "buffer": data}, "title": title,
                "meeting": str(meeting["id"]), "agenda_item": str(item["id"])})
            call(f"/api/documents/{document['id']}/transition", data={"transition": transition})
        call(f"/api/meetings/{meeting['id']}/transition", data={"transition": "publish_agenda"})
        return meeting["id"]
    finally:
        context.close()


def download_pack(page, meeting_id: int) -> PdfReader:
    """Open the meeting page and click its pack button, as a reader does; the PDF that arrives."""
    page.goto(f"/meetings/{meeting_id}")
    with page.expect_download(timeout=DOWNLOAD_MS) as arrival:
        page.get_by_role("link", name="Vergaderbundel (PDF)").click()
    download = arrival.value
    assert download.suggested_filename == "vergaderbundel-taskforce-2027-03-17.pdf"
    return PdfReader(download.path())


def test_a_member_downloads_the_pack_with_agenda_attachments_and_bookmarks(page, pack_meeting):
    login(page, "lid@spitsregio.be")
    page.set_default_navigation_timeout(DOWNLOAD_MS)
    reader = download_pack(page, pack_meeting)
    tree = outline(reader)
    titles = [entry[0] for entry in tree]
    assert titles[0] == "Agenda" and "1. Goedkeuring verslag vorige vergadering" in titles, titles
    assert titles[-2:] == [f"4. {ITEM}", "5. Varia"], titles  # a new item goes before the closing Varia
    item = tree[-2]
    assert [child[0] for child in item[2]] == ["Dienstregeling pendelbus", "Kostenraming pendelbus"]
    everything = text(reader)
    assert "Vergaderbundel" in text(reader, 0, 1) and "Provinciehuis Leuven" in text(reader, 0, 1)
    assert ITEM in text(reader, 1, item[2][0][1])  # in the agenda, before the attachments
    assert PUBLIC_TEXT in everything and INTERNAL_TEXT in everything
    assert f"Pagina {len(reader.pages)} van {len(reader.pages)}" in text(reader, len(reader.pages) - 1)


def test_the_public_visitors_pack_lacks_the_internal_document(browser, live_server, pack_meeting):
    page = new_page(browser, live_server)
    try:
        page.set_default_navigation_timeout(DOWNLOAD_MS)
        reader = download_pack(page, pack_meeting)
    finally:
        page.context.close()
    tree = outline(reader)
    item = next(entry for entry in tree if entry[0] == f"4. {ITEM}")
    assert [child[0] for child in item[2]] == ["Dienstregeling pendelbus"]
    everything = text(reader)
    assert PUBLIC_TEXT in everything
    assert "Kostenraming" not in everything and INTERNAL_TEXT not in everything


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_the_meeting_page_passes_axe_and_fits_a_phone(browser, live_server, pack_meeting, phone):
    page = new_page(browser, live_server, phone=phone)
    try:
        login(page, "lid@spitsregio.be")
        page.goto(f"/meetings/{pack_meeting}")
        assert page.get_by_role("link", name="Vergaderbundel (PDF)").is_visible()
        violations = serious_violations(page)
        assert violations == [], json.dumps(violations, indent=1)
        assert sideways_overflow(page) <= 0
    finally:
        page.context.close()
