"""Uploaded files: type found from the content, stored under UPLOAD_PATH with generated names."""
import hashlib
import io
import os
import re
import unicodedata
import uuid
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _

from app.core.errors import Invalid

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "txt": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}
EXTENSIONS = {"pdf": "pdf", "docx": "docx", "odt": "odt", "txt": "txt", "md": "md", "markdown": "md"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted Office file is an OLE container


@dataclass
class Sniffed:
    kind: str
    #: "" when the file looks sound; "encrypted" or "damaged" when it is one of ours but unreadable
    problem: str = ""


def clean_filename(name: str | None) -> str:
    """The uploader's file name as a display/download name: no directories, no control chars."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[\x00-\x1f\x7f\"<>|:*?]", "", name).strip().lstrip(".")
    return name[:200] or "bestand"


def extension_kind(filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    kind = EXTENSIONS.get(ext)
    if kind is None:
        raise Invalid(_("Alleen PDF-, DOCX-, ODT-, TXT- en MD-bestanden zijn toegelaten."))
    return kind


def sniff(data: bytes, filename: str) -> Sniffed:
    """The kind of file, from its bytes; the extension must agree with the content."""
    claimed = extension_kind(filename)
    mismatch = Invalid(_("De inhoud van het bestand past niet bij de extensie .%(ext)s.",
                         ext=filename.rsplit(".", 1)[-1].lower()))
    if data.startswith(b"%PDF-"):
        if claimed != "pdf":
            raise mismatch
        return Sniffed("pdf")
    if data.startswith(b"PK\x03\x04"):
        if claimed not in ("docx", "odt"):
            raise mismatch
        found = _office_kind(data, claimed)
        if found != claimed:
            raise mismatch
        return Sniffed(found)
    if data.startswith(OLE_MAGIC) and claimed in ("docx", "odt"):
        return Sniffed(claimed, "encrypted")
    if claimed in ("txt", "md"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise Invalid(_("Een tekstbestand moet UTF-8 zijn."))
        if "\x00" in text:
            raise mismatch
        return Sniffed(claimed)
    if claimed == "pdf" and b"%PDF-" in data[:1024]:
        return Sniffed("pdf", "damaged")  # junk before the header: readers cope, we report it
    raise mismatch


#: the parts an office file cannot be without: a Word document (OOXML) and an OpenDocument text
OFFICE_PARTS = {"docx": ("[Content_Types].xml", "word/document.xml"), "odt": ("mimetype", "content.xml")}


def _office_kind(data: bytes, claimed: str) -> str | None:
    """"docx" or "odt" for a zip container holding the parts of one (an ODT's mimetype entry
    naming it), None for another kind of zip; Invalid when it is no readable zip at all: four
    magic bytes and garbage are no document, while a real container whose text turns out
    unreadable is stored and reported as damaged."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype").strip() if "mimetype" in names else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError,
            RuntimeError, zlib.error):
        raise Invalid(_("Dit is geen geldig .%(ext)s-bestand: het is beschadigd of onvolledig. "
                        "Bewaar het opnieuw en probeer nog eens.", ext=claimed))
    if all(part in names for part in OFFICE_PARTS["docx"]):
        return "docx"
    if all(part in names for part in OFFICE_PARTS["odt"]) and mimetype == CONTENT_TYPES["odt"].encode():
        return "odt"
    return None


def download_type(content_type: str) -> str:
    """The media type to send a stored file with: without its parameters, because the server adds
    "charset=utf-8" to every text/* type itself (twice otherwise); our text files are UTF-8."""
    return content_type.split(";", 1)[0].strip()


def upload_root() -> Path:
    root = Path(current_app.config["UPLOAD_PATH"]).resolve()
    root.mkdir(parents=True, exist_ok=True)
    return root


def path_of(storage_name: str) -> Path:
    """The file for a generated storage name (checked: it can never leave UPLOAD_PATH)."""
    if not re.fullmatch(r"[0-9a-f]{32}", storage_name or ""):
        raise ValueError("bad storage name")
    return upload_root() / storage_name[:2] / storage_name


def store(data: bytes) -> tuple[str, str]:
    """Write `data` under a new uuid name; returns (storage name, sha256)."""
    storage_name = uuid.uuid4().hex
    target = path_of(storage_name)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".part")
    with open(tmp, "wb") as handle:
        handle.write(data)
    os.replace(tmp, target)
    return storage_name, hashlib.sha256(data).hexdigest()


def remove(storage_name: str) -> None:
    try:
        path_of(storage_name).unlink()
    except (FileNotFoundError, ValueError):
        pass
