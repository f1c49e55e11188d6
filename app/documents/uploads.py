"""A file uploaded to a document: checked for size and type, stored, its text extracted (in a child
process with a time and memory limit), and removed again from storage when the commit fails."""
from contextlib import contextmanager

from flask import current_app
from flask_babel import gettext as _

from app.core.errors import Invalid
from app.core.markdown import markdown_to_text
from app.documents import files
from app.documents.extract import extract_in_child
from app.documents.models import Document, DocumentFile
from app.extensions import db


def _read_upload(data: bytes, filename: str) -> tuple[str, str, files.Sniffed]:
    limit = current_app.config.get("DOCUMENT_MAX_BYTES", 20 * 1024 * 1024)
    if not data:
        raise Invalid(_("Het bestand is leeg."))
    if len(data) > limit:
        raise Invalid(_("Het bestand is te groot (hoogstens %(mb)s MB).", mb=limit // (1024 * 1024)))
    filename = files.clean_filename(filename)
    sniffed = files.sniff(data, filename)
    return filename, files.CONTENT_TYPES[sniffed.kind], sniffed


def check_upload(data: bytes, filename: str) -> None:
    """Refuse (Invalid) a file `add_file` would refuse, before anything is stored."""
    _read_upload(data, filename)


def _extract(sniffed: files.Sniffed, data: bytes, storage_name: str) -> tuple[str, str]:
    if sniffed.problem:
        return sniffed.problem, ""
    if sniffed.kind in ("txt", "md"):
        text = data.decode("utf-8-sig")
        text = markdown_to_text(text) if sniffed.kind == "md" else text
        return ("ok" if text.strip() else "no_text"), text
    return extract_in_child(
        sniffed.kind, str(files.path_of(storage_name)),
        timeout=current_app.config.get("EXTRACT_TIMEOUT", 30),
        memory_mb=current_app.config.get("EXTRACT_MEMORY_MB", 1024),
    )


def add_file(user, document: Document, data: bytes, filename: str) -> DocumentFile:
    filename, content_type, sniffed = _read_upload(data, filename)
    storage_name, digest = files.store(data)
    try:
        status, text = _extract(sniffed, data, storage_name)
    except Exception:
        files.remove(storage_name)
        raise
    number = max((f.number for f in document.files), default=0) + 1
    stored = DocumentFile(
        number=number, filename=filename, storage_name=storage_name, file_kind=sniffed.kind,
        content_type=content_type, size=len(data), sha256=digest, extracted_text=text,
        extraction_status=status, uploaded_by_id=user.id,
    )
    document.files.append(stored)
    return stored


def commit_or_remove_files(*storage_names: str) -> None:
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        for name in storage_names:
            files.remove(name)
        raise


@contextmanager
def files_in_one_commit():
    """For several new files and their rows: the block appends the storage name of each file it
    writes to the list it gets; all of it is committed after the block, or, when the block or the
    commit fails, rolled back with the files removed (nothing half-saved)."""
    stored: list[str] = []
    try:
        yield stored
    except Exception:
        db.session.rollback()
        for name in stored:
            files.remove(name)
        raise
    commit_or_remove_files(*stored)
