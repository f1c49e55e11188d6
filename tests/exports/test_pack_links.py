"""The meeting JSON names where its pack, agenda and minutes download (GET /api/meetings/<id>
`downloads`), as its caller may fetch them: every link downloads with the same bearer token, the
minutes only for who may read them, a PDF only where the server can make it."""
import pytest

from tests.exports.pdf_reading import outline, read, text
from tests.factories import make_minutes

pytestmark = pytest.mark.usefixtures("shared_cache")

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def downloads(api, meeting) -> dict:
    response = api.get(f"/api/meetings/{meeting.id}")
    assert response.status_code == 200
    return response.get_json()["downloads"]


@pytest.mark.slow
def test_a_members_links_all_download_with_the_token(api, member, pack_meeting):
    api.login("lid@example.be")
    links = downloads(api, pack_meeting)
    base = f"/meetings/{pack_meeting.id}"
    assert links == {"pack_pdf": f"{base}/pack.pdf", "agenda_docx": f"{base}/agenda.docx",
                     "agenda_pdf": f"{base}/agenda.pdf", "minutes_docx": f"{base}/minutes.docx",
                     "minutes_pdf": f"{base}/minutes.pdf"}
    pack = read(api.get(links["pack_pdf"]))
    assert [child[0] for child in outline(pack)[5][2]] == ["Interne analyse", "Nota tracé", "Persbericht"]
    assert "Vertrouwelijke analyse van de kosten" in text(pack)
    assert "Fietssnelweg F25" in text(read(api.get(links["agenda_pdf"])))
    assert "Verslag" in text(read(api.get(links["minutes_pdf"])))
    for name in ("agenda_docx", "minutes_docx"):
        response = api.get(links[name])
        assert response.status_code == 200 and response.mimetype == DOCX, name


def test_the_public_gets_no_minutes_links_until_they_are_approved(api, client, secretary, make_meeting,
                                                                   item_titled):
    held = make_meeting(user=secretary, state="held", items=["Jobbeurs"], is_public=True)
    make_minutes(secretary, item_titled(held, "Jobbeurs"), "De jobbeurs gaat door in Tienen.")
    public = downloads(api, held)
    assert public["minutes_docx"] is None and public["minutes_pdf"] is None
    assert public["pack_pdf"] == f"/meetings/{held.id}/pack.pdf"
    for url in (f"/meetings/{held.id}/minutes.docx", f"/meetings/{held.id}/minutes.pdf"):
        assert client.get(url).status_code == 403  # what the missing link stands for
    response = api.get(public["agenda_docx"])
    assert response.status_code == 200 and response.mimetype == DOCX
    api.login("sec@example.be")
    assert downloads(api, held)["minutes_docx"] == f"/meetings/{held.id}/minutes.docx"


def test_without_libreoffice_no_pdf_links_but_the_pack(app, api, member, pack_meeting, tmp_path):
    app.config.update(SOFFICE_PATH="/nonexistent/soffice", PDF_CACHE_PATH=str(tmp_path / "cold"))
    api.login("lid@example.be")
    links = downloads(api, pack_meeting)
    assert links["agenda_pdf"] is None and links["minutes_pdf"] is None
    assert links["minutes_docx"] is not None
    assert "LibreOffice ontbreekt" in text(read(api.get(links["pack_pdf"])), 0, 1)
