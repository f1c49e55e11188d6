"""Shared by the documents and search tests: people in and out of the Taskforce, content factories
and real sample files (PDF, DOCX, ODT, an encrypted PDF)."""
import io
from datetime import date, datetime

import pytest

from app.extensions import db


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


@pytest.fixture
def secretary(seeded, make_user):
    return make_user(email="sec@example.be", name="Sara Secretaris", memberships={"taskforce": "secretaris"})


@pytest.fixture
def member(seeded, make_user):
    return make_user(email="lid@example.be", name="Lotte Lid", memberships={"taskforce": "lid"})


@pytest.fixture
def outsider(seeded, make_user):
    """A member of another body: reads only what is published for the Taskforce."""
    return make_user(email="tf-hv@example.be", name="Olaf Ander", memberships={"toekomstforum-mobiliteit": "lid"})


@pytest.fixture
def make_page(secretary):
    """make_page(title, text, state="private", body="taskforce", user=secretary) -> Document."""
    from app.documents import services

    def make(title, text="", state="private", body="taskforce", user=None, **kwargs):
        author = user or secretary
        document = services.create_document(author, title, text=text, body_slug=body, **kwargs)
        if state in ("internal", "published"):
            services.transition_document(author, document, "share" if state == "internal" else "publish")
        return document

    return make


@pytest.fixture
def make_meeting(seeded, secretary):
    """make_meeting(state="planned", is_public=False, items=[...]) -> Meeting (rows written directly)."""
    from app.bodies.models import Body
    from app.meetings.models import AgendaItem, Meeting

    def make(state="planned", is_public=False, start=datetime(2025, 3, 10, 13, 0), items=(), body="taskforce",
             title="Vergadering Taskforce"):
        owner = db.session.scalar(db.select(Body).filter_by(slug=body))
        meeting = Meeting(body_id=owner.id, title=title, start_at=start, state=state, is_public=is_public,
                          created_by_id=secretary.id)
        for position, item_title in enumerate(items):
            meeting.items.append(AgendaItem(title=item_title, position=position))
        db.session.add(meeting)
        db.session.commit()
        return meeting

    return make


@pytest.fixture
def make_decision():
    from app.decisions.models import Decision

    def make(item, text, decided_on=date(2025, 3, 10), number=1):
        decision = Decision(agenda_item_id=item.id, number=number, text=text, decided_on=decided_on)
        db.session.add(decision)
        db.session.commit()
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
