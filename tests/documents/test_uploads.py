"""Uploads: type from content, size limit, generated names, broken and encrypted files reported."""
import io
import zipfile
from pathlib import Path

import pytest

from app.core.errors import Invalid
from app.documents import services
from app.documents.extract import extract_in_child


def download(client, url):
    """GET a file and close the response (as a WSGI server does), keeping data and headers."""
    response = client.get(url)
    response.get_data()
    response.close()
    return response


def _zip(entries: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def upload(user, data, filename, title="Bijlage"):
    return services.create_document(user, title, body_slug="taskforce", file_data=data, filename=filename)


@pytest.mark.parametrize("make, filename, kind, text", [
    (lambda s: s.pdf("Mobiliteitsplan Leuven"), "plan.pdf", "pdf", "Mobiliteitsplan Leuven"),
    (lambda s: s.docx("Jaarverslag van de taskforce"), "verslag.docx", "docx", "Jaarverslag van de taskforce"),
    (lambda s: s.odt("Nota over de arbeidsmarkt"), "nota.odt", "odt", "Nota over de arbeidsmarkt"),
    (lambda s: "Gewone tekst met é en ü".encode(), "notitie.txt", "txt", "Gewone tekst met é en ü"),
    (lambda s: b"# Titel\n\nEen **Markdown** tekst", "lees.md", "md", "Een Markdown tekst"),
])
def test_supported_files_are_stored_and_read(secretary, app, samples, make, filename, kind, text):
    data = make(samples)
    document = upload(secretary, data, filename)
    stored = document.current_file
    assert stored.file_kind == kind and stored.extraction_status == "ok"
    assert text in stored.extracted_text
    path = Path(app.config["UPLOAD_PATH"]) / stored.storage_name[:2] / stored.storage_name
    assert path.read_bytes() == data and stored.size == len(data)


@pytest.mark.parametrize("make, filename", [
    (lambda s: b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "foto.pdf"),          # an image posing as PDF
    (lambda s: s.pdf("x"), "plan.docx"),                                 # a PDF posing as DOCX
    (lambda s: s.docx("x"), "verslag.pdf"),                              # a DOCX posing as PDF
    (lambda s: b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 50, "programma.txt"),  # binary posing as text
    (lambda s: b"plain", "script.exe"),                                  # extension not allowed
    (lambda s: b"plain", "geen-extensie"),
    (lambda s: b"\xff\xfe\x00\x00 not utf-8 \xc3\x28", "latin.txt"),
    (lambda s: b"PK\x03\x04garbage", "nota.odt"),                        # four magic bytes, no zip
    (lambda s: b"PK\x03\x04" + b"\x00" * 64, "kapot.docx"),
    (lambda s: s.docx("x")[:-30], "afgebroken.docx"),                    # cut off: no central directory
    (lambda s: _zip({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"}),
     "rekenblad.odt"),                                                   # an ODS posing as ODT
    (lambda s: _zip({"mimetype": "application/vnd.oasis.opendocument.text"}), "leeg.odt"),  # no content
    (lambda s: _zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<w/>"}), "tabel.docx"),  # an XLSX
    (lambda s: _zip({"word/document.xml": "<w/>"}), "half.docx"),        # no [Content_Types].xml
])
def test_wrong_types_are_refused(secretary, samples, make, filename):
    data = make(samples)
    with pytest.raises(Invalid):
        upload(secretary, data, filename)


def test_empty_and_too_large_files_are_refused(secretary, app):
    with pytest.raises(Invalid):
        upload(secretary, b"", "leeg.txt")
    app.config["DOCUMENT_MAX_BYTES"] = 1024
    with pytest.raises(Invalid, match="te groot"):
        upload(secretary, b"a" * 2048, "groot.txt")


@pytest.mark.parametrize("make, filename, status", [
    (lambda s: s.encrypted_pdf("geheime tekst"), "geheim.pdf", "encrypted"),
    (lambda s: b"%PDF-1.4\n1 0 obj garbage without end", "kapot.pdf", "damaged"),
    (lambda s: _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document"}), "kapot.docx",
     "damaged"),
    (lambda s: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "beveiligd.docx", "encrypted"),
    (lambda s: s.pdf(""), "scan.pdf", "no_text"),
])
def test_broken_or_encrypted_files_are_stored_and_reported(secretary, client, samples, make, filename, status):
    data = make(samples)
    document = upload(secretary, data, filename)
    assert document.current_file.extraction_status == status
    client.login("sec@example.be")
    page = client.get(f"/documents/{document.id}")
    assert page.status_code == 200
    assert "alert--warning" in page.get_data(as_text=True)
    assert download(client, f"/documents/{document.id}/download").data == data


def test_path_traversal_file_names_cannot_escape(secretary, app):
    document = upload(secretary, b"inhoud", "../../../etc/passwd.txt")
    stored = document.current_file
    assert stored.filename == "passwd.txt"
    assert "/" not in stored.storage_name and ".." not in stored.storage_name
    root = Path(app.config["UPLOAD_PATH"]).resolve()
    files = [p for p in root.rglob("*") if p.is_file()]
    assert files == [root / stored.storage_name[:2] / stored.storage_name]
    document = upload(secretary, b"inhoud", "..\\..\\windows\\win.ini.txt")
    assert document.current_file.filename == "win.ini.txt"


def test_extraction_runs_in_a_child_with_a_time_limit(tmp_path, samples):
    path = tmp_path / "a.pdf"
    path.write_bytes(samples.pdf("tekst"))
    assert extract_in_child("pdf", str(path)) == ("ok", "tekst")
    assert extract_in_child("pdf", str(path), timeout=0.001)[0] == "timeout"
    assert extract_in_child("pdf", str(path), memory_mb=16)[0] in ("damaged", "timeout")


def test_replacing_keeps_the_old_version(secretary, client):
    document = upload(secretary, b"versie een", "nota.txt")
    services.replace_file(secretary, document, b"versie twee", "nota-v2.txt")
    assert [f.number for f in document.files] == [1, 2]
    client.login("sec@example.be")
    assert download(client, f"/documents/{document.id}/download").data == b"versie twee"
    old = download(client, f"/documents/{document.id}/download?version=1")
    assert old.data == b"versie een"
    assert old.headers["Content-Type"] == "text/plain; charset=utf-8"  # one charset, not two
    assert 'filename=nota.txt' in old.headers["Content-Disposition"]


def test_download_carries_content_type_and_file_name(secretary, client, samples):
    data = samples.docx("inhoud")
    document = upload(secretary, data, "Jaarverslag 2025.docx")
    services.transition_document(secretary, document, "publish")
    response = download(client, f"/documents/{document.id}/download")
    assert response.status_code == 200 and response.data == data
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert "attachment" in response.headers["Content-Disposition"]
    assert "Jaarverslag" in response.headers["Content-Disposition"]


def test_request_larger_than_the_limit_is_413(secretary, client, app):
    app.config["MAX_CONTENT_LENGTH"] = 2048
    client.login("sec@example.be")
    response = client.submit("/documents/new?kind=file", {
        "title": "Te groot", "body": "taskforce", "file": (io.BytesIO(b"a" * 4096), "groot.txt")},
        content_type="multipart/form-data")
    assert response.status_code == 413
