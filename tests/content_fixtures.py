"""Real sample files (PDF, DOCX, ODT, an encrypted PDF) for the documents and search tests, and the
search tests' fixtures."""
import io
from datetime import datetime

import pytest


def pdf_bytes(text: str) -> bytes:
    """A real one-page PDF whose text pypdf reads back."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def docx_bytes(*paragraphs: str) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- the search tests' defaults ----------------------------------------------------------------
# tests/search/conftest.py star-imports this module; its tests were written against a meeting of
# 10 March 2025 whose new items come first (`meeting.items[0]`). These adapt the shared factory
# fixtures of tests/conftest.py to that, and go once the search tests pass those explicitly.

@pytest.fixture
def make_meeting(make_meeting):
    def make(start=datetime(2025, 3, 10, 13, 0), title="Vergadering Taskforce", **kwargs):
        return make_meeting(start=start, title=title, items_first=True, **kwargs)

    return make


@pytest.fixture
def make_decision(make_decision):
    def make(item, text, decided_on=None, **kwargs):
        decision = make_decision(item, text, **kwargs)
        assert decided_on in (None, decision.decided_on), "a decision is taken on the day of its meeting"
        return decision

    return make


@pytest.fixture
def find():
    """find(query, user=None, **filters) -> the keys ("type:id") of the hits, in order."""
    from app.search.index import search

    def run(query, user=None, page=1, sort="relevance", **filters):
        results = search(query, user, filters, page=page, sort=sort)
        return [f"{hit.type}:{hit.id}" for hit in results.hits]

    return run


def odt_bytes(text: str) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", (
            '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
            f'<text:p>{text}</text:p></office:text></office:body></office:document-content>'))
    return buffer.getvalue()


def encrypted_pdf_bytes(text: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(text))))
    writer.encrypt("geheim", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def samples():
    """Real sample files: samples.pdf(text), samples.docx(*paragraphs), ... (no `from conftest import`)."""
    from types import SimpleNamespace

    builders = {name: fn for name, fn in globals().items() if name.endswith("_bytes")}
    return SimpleNamespace(**{name[: -len("_bytes")]: fn for name, fn in builders.items()})
