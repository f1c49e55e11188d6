"""The house style of the Word exports: the body's logo (checked, replaced, removed), the letterhead
with the body's name, logo and draft mark, the footer with date and page numbers, and a body's own
template beside it. Read back with python-docx."""
import io
from datetime import datetime
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Mm
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from app.backup.services import write_backup
from app.bodies import house_style
from app.bodies.services import get_body
from app.core.timeutil import BRUSSELS
from app.extensions import db
from tests.exports.images import jpeg_bytes, png_bytes

START = datetime(2026, 3, 10, 14, 0)
PAGE = "/bodies/taskforce/house-style"
LOGO = "/bodies/taskforce/house-style/logo"


def upload_logo(client, data: bytes, name: str = "logo.png"):
    """Post the logo form as a browser does; the body encoded in memory (the test client would
    spool a large one to a temporary file it never closes)."""
    boundary, body = encode_multipart(
        {"csrf_token": client.csrf_token(), "logo": FileStorage(io.BytesIO(data), name)})
    return client.raw.post(LOGO, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def upload_template(client, template: Document):
    buffer = io.BytesIO()
    template.save(buffer)
    buffer.seek(0)
    response = client.submit(PAGE, {"file": (buffer, "huisstijl.docx")}, content_type="multipart/form-data")
    assert response.status_code == 302


def docx(client, url: str) -> Document:
    response = client.get(url)
    assert response.status_code == 200, url
    return Document(io.BytesIO(response.data))


def header_text(doc) -> str:
    return "\n".join(p.text for p in doc.sections[0].header.paragraphs)


def header_images(doc) -> list:
    """The image parts the first section's header refers to."""
    part = doc.sections[0].header.part
    return [rel.target_part for rel in part.rels.values() if rel.reltype.endswith("/image")]


def footer_text(doc) -> str:
    return "\n".join(p.text for p in doc.sections[0].footer.paragraphs)


def logos_on_disk(app) -> list[str]:
    folder = Path(app.config["UPLOAD_PATH"]) / "logos"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize("data, name, message", [
    (b"GIF89a not what we take", "logo.png", "Dit is geen PNG- of JPEG-afbeelding."),
    (b"%PDF-1.4 a document", "logo.jpg", "Dit is geen PNG- of JPEG-afbeelding."),
    (png_bytes()[:-20], "logo.png", "Deze afbeelding is beschadigd of onvolledig."),  # cut short
    (png_bytes()[:40] + b"X" + png_bytes()[41:], "logo.png", "Deze afbeelding is beschadigd of onvolledig."),
    (b"\xff\xd8\xff\xe0 no frame header at all", "logo.jpg", "Deze afbeelding is beschadigd of onvolledig."),
    (png_bytes() + b"\x00" * (1024 * 1024), "groot.png", "Een logo is hoogstens 1 MB groot."),
    (b"", "leeg.png", "Kies een logo (PNG of JPEG)."),
])
def test_a_bad_logo_is_a_form_error_not_a_500(client, admin, app, data, name, message):
    client.login(admin.email)
    response = upload_logo(client, data, name)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page and 'role="alert"' in page
    assert logos_on_disk(app) == [] and get_body("taskforce").logo_stored_name is None


def test_a_logo_is_uploaded_replaced_and_removed_by_the_beheerder_only(client, admin, secretary, app):
    client.login(secretary.email)
    assert upload_logo(client, png_bytes()).status_code == 403
    client.logout()
    client.login(admin.email)
    assert upload_logo(client, png_bytes(), "../../logo taskforce.png").status_code == 302
    (stored,) = logos_on_disk(app)
    assert stored.startswith("taskforce-") and stored.endswith(".png")
    page = client.get(PAGE).get_data(as_text=True)
    assert "logo taskforce.png" in page and "Logo verwijderen" in page
    image = client.get(LOGO)
    assert image.status_code == 200 and image.mimetype == "image/png" and image.data == png_bytes()
    # a JPEG replaces it: the old file goes
    assert upload_logo(client, jpeg_bytes(), "logo.jpg").status_code == 302
    (replaced,) = logos_on_disk(app)
    assert replaced != stored and replaced.endswith(".jpg")
    assert client.get(LOGO).mimetype == "image/jpeg"
    response = client.submit(LOGO, {"remove": "1"})
    assert response.status_code == 302
    assert logos_on_disk(app) == [] and get_body("taskforce").logo_stored_name is None
    assert "Nog geen logo" in client.get(PAGE).get_data(as_text=True)
    assert client.get(LOGO).status_code == 404


def test_every_export_has_the_letterhead_footer_and_title_line(client, admin, make_meeting, app):
    client.login(admin.email)
    assert upload_logo(client, png_bytes(300, 100)).status_code == 302
    meeting = make_meeting(start=START, state="held", location="Provinciehuis Leuven")
    today = datetime.now(BRUSSELS)
    expected = {
        f"/meetings/{meeting.id}/agenda.docx": ("10 maart 2026", None),
        f"/meetings/{meeting.id}/minutes.docx": ("10 maart 2026", "ONTWERP"),
        f"/meetings/{meeting.id}/decisions.docx": ("10 maart 2026", None),
        "/actions.docx?body=taskforce": (str(today.year), None),
    }
    for url, (date_text, mark) in expected.items():
        doc = docx(client, url if "decisions" not in url else f"/decisions.docx?meeting={meeting.id}")
        header = header_text(doc)
        assert "Taskforce Spitsregio Leuven" in header, url
        assert (mark in header) if mark else ("ONTWERP" not in header), url
        (image,) = header_images(doc)
        assert image.content_type == "image/png", url
        (inline,) = doc.sections[0].header._element.xpath(".//wp:inline/wp:extent")
        assert abs(int(inline.get("cy")) - Mm(15)) < Mm(0.5) and abs(int(inline.get("cx")) - Mm(45)) < Mm(0.5)
        footer = footer_text(doc)
        footer_xml = doc.sections[0].footer._element.xml
        assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml and "Pagina" in footer, url
        assert date_text in footer, url
    agenda = docx(client, f"/meetings/{meeting.id}/agenda.docx")
    assert agenda.paragraphs[0].text == "Agenda – Taskforce Spitsregio Leuven, dinsdag 10 maart 2026"
    assert agenda.paragraphs[1].text == "14:00 – 16:00 · Provinciehuis Leuven"


def test_approved_minutes_lose_the_draft_mark_and_a_body_without_logo_has_its_name(client, admin, make_meeting):
    meeting = make_meeting(start=START, state="minutes_approved", body="burgemeestersoverleg")
    client.login(admin.email)
    doc = docx(client, f"/meetings/{meeting.id}/minutes.docx")
    assert header_text(doc) == "Burgemeestersoverleg Oost-Brabant"
    assert header_images(doc) == []
    planned = make_meeting(start=START, body="burgemeestersoverleg")
    assert "ONTWERP" in header_text(docx(client, f"/meetings/{planned.id}/agenda.docx"))


def test_a_template_keeps_its_own_header_and_gets_the_mark(client, admin, make_meeting):
    client.login(admin.email)
    template = Document()
    template.sections[0].header.paragraphs[0].text = "Briefhoofd ERSV Vlaams-Brabant"
    template.styles["Normal"].font.name = "Georgia"
    upload_template(client, template)
    assert upload_logo(client, png_bytes()).status_code == 302
    meeting = make_meeting(start=START, state="held")
    doc = docx(client, f"/meetings/{meeting.id}/minutes.docx")
    paragraphs = [p.text for p in doc.sections[0].header.paragraphs]
    assert paragraphs == ["Briefhoofd ERSV Vlaams-Brabant", "ONTWERP"]
    assert header_images(doc) == []  # the template's letterhead, not ours
    assert doc.styles["Normal"].font.name == "Georgia"
    assert "10 maart 2026" in footer_text(doc) and "NUMPAGES" in doc.sections[0].footer._element.xml


def test_a_template_without_header_gets_the_letterhead_in_its_style(client, admin, make_meeting):
    client.login(admin.email)
    template = Document()
    template.styles["Normal"].font.name = "Georgia"
    template.sections[0].footer.paragraphs[0].text = "ERSV Vlaams-Brabant – Diestsepoort 6, Leuven"
    upload_template(client, template)
    assert upload_logo(client, jpeg_bytes()).status_code == 302
    meeting = make_meeting(start=START)
    doc = docx(client, f"/meetings/{meeting.id}/agenda.docx")
    assert "Taskforce Spitsregio Leuven" in header_text(doc) and "ONTWERP" in header_text(doc)
    (image,) = header_images(doc)
    assert image.content_type == "image/jpeg"
    assert doc.styles["Normal"].font.name == "Georgia"
    footer = [p.text for p in doc.sections[0].footer.paragraphs]
    assert footer[0] == "ERSV Vlaams-Brabant – Diestsepoort 6, Leuven"  # the template's footer stays
    assert footer[1].startswith("10 maart 2026\tPagina ")


def test_the_letterhead_follows_a_logo_file_gone_missing(admin, app, request_ctx):
    body = get_body("taskforce")
    house_style.save_logo(admin, body, png_bytes(), "logo.png")
    assert house_style.letterhead(body.id).logo_path is not None
    (Path(app.config["UPLOAD_PATH"]) / "logos" / body.logo_stored_name).unlink()
    db.session.expire_all()
    assert house_style.letterhead(body.id).logo_path is None  # no logo rather than a broken export
    assert house_style.letterhead(None).name == ""


def test_the_backup_takes_the_logo_along(admin, app, request_ctx, tmp_path):
    body = get_body("taskforce")
    house_style.save_logo(admin, body, png_bytes(), "logo.png")
    manifest = write_backup(tmp_path / "backup.tar.gz")
    assert f"logos/{body.logo_stored_name}" in manifest["files"]
