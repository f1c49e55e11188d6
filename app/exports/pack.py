"""The meeting pack (vergaderbundel) as one PDF: a cover with the contents, the agenda, then every
document in agenda order behind a separator page naming its item; bookmarks per agenda item with
its documents nested; "Pagina X van Y" on every page.

Like the other exports: plain data in (a `Pack`, already filtered for its reader), bytes out. The
conversions go through app/convert (LibreOffice and the PDF checker in child processes, cached by
content), all of one pack in one go. A document that cannot be put in (a kind we do not convert,
a broken or encrypted file, no LibreOffice) keeps its separator page, which then says why and
links to it.
"""
import io
import re
import unicodedata
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import ngettext
from pypdf import PdfReader

from app.convert import Conversion, convert_many, is_available
from app.exports import pack_pages, word
from app.exports.pdf import stable_docx
from app.exports.pdf_merge import Assembly
from app.exports.pdf_text import text_pages

CONVERTED_KINDS = ("pdf", "docx", "odt")
#: indent (points) of a document under its item in the contents
CONTENTS_INDENT = 14


@dataclass
class PackDocument:
    title: str
    #: pdf, docx, odt, txt or md (a file), or page (Markdown in `text`)
    kind: str
    #: where the reader reads or downloads it
    url: str
    #: the file's bytes; None when the file is missing on the server
    data: bytes | None = None
    text: str = ""
    filename: str = ""
    #: a status known without trying (encrypted at upload): never handed to a converter
    problem: str = ""


@dataclass
class PackItem:
    #: None for the documents of the meeting itself
    number: int | None
    title: str
    meta: str = ""
    #: Markdown, for the agenda without LibreOffice (made plain text only then)
    description: str = ""
    documents: list[PackDocument] = field(default_factory=list)
    #: a line above the description (the item is skipped this time, and why)
    note: str = ""


@dataclass
class Pack:
    body: str
    meeting_title: str
    #: the date and hours on the Brussels clock, as a line
    when: str
    location: str
    online_url: str
    #: the agenda export (as this reader may see it); None: the agenda as plain text pages
    agenda_docx: bytes | None
    #: in pack order: the meeting's own documents (number None) first, then every visible item
    items: list[PackItem]


def _xml_text(text: str) -> str:
    """Text Word accepts: no control characters but tab and newline."""
    return "".join(c for c in text if c in "\t\n"
                   or (unicodedata.category(c) not in ("Cc", "Cs") and c not in "\ufffe\uffff"))


def _text_docx(title: str, text: str, markdown: bool) -> bytes:
    doc = word.new_document()
    word.add_title_block(doc, _xml_text(title))
    if markdown:
        word.add_markdown(doc, _xml_text(text))
    else:
        for line in _xml_text(text).splitlines():
            doc.add_paragraph(line)
    return stable_docx(word.document_bytes(doc))


def _source(document: PackDocument) -> tuple[bytes, str] | str:
    """What to convert for a document, or the status that rules it out."""
    if document.problem:
        return document.problem
    if document.kind == "page":
        return _text_docx(document.title, document.text, markdown=True), "docx"
    if document.data is None:
        return "missing"
    if document.kind in CONVERTED_KINDS:
        return document.data, document.kind
    if document.kind in ("md", "txt"):
        text = document.data.decode("utf-8-sig", errors="replace")
        return _text_docx(document.title, text, markdown=document.kind == "md"), "docx"
    return "unsupported"


def _reader(conversion: Conversion) -> PdfReader | None:
    if not conversion.ok:
        return None
    try:
        reader = PdfReader(io.BytesIO(conversion.path.read_bytes()))  # no file left open behind it
        return reader if len(reader.pages) else None
    except Exception:  # a cached file pypdf cannot follow after all: explained like any broken file
        return None


#: an item heading in the agenda export ("5. Fietssnelweg F25")
ITEM_HEADING = re.compile(r"(\d+)\. ")


def _agenda(pack: Pack, conversion: Conversion | None) -> tuple[PdfReader, dict[int, tuple[int, float | None]]]:
    """The agenda's pages and where each item's heading is on them (number -> (page, top)): the
    Word agenda converted (LibreOffice exports its headings as bookmarks), else text pages."""
    reader = _reader(conversion) if conversion is not None else None
    if reader is None:
        text = text_pages([pack_pages.agenda(pack)])
        return PdfReader(io.BytesIO(text.data)), {
            int(name.removeprefix("item-")): place for name, place in text.anchors.items()}
    places = {}
    for entry in reader.outline:
        match = ITEM_HEADING.match(entry.title or "") if not isinstance(entry, list) else None
        if match and int(match.group(1)) not in places:
            places[int(match.group(1))] = (reader.get_destination_page_number(entry), getattr(entry, "top", None))
    return reader, places


def _outcomes(conversions: list[Conversion], wanted: list[int | str]) -> tuple[list, list[str]]:
    """Each entry's converted PDF (read) or None, and its status."""
    readers, statuses = [], []
    for want in wanted:
        reader = _reader(conversions[want]) if isinstance(want, int) else None
        readers.append(reader)
        statuses.append("ok" if reader else want if isinstance(want, str)
                        else "damaged" if conversions[want].ok else conversions[want].status)
    return readers, statuses


def build_pack(pack: Pack) -> bytes:
    entries = [(item, index, doc) for item in pack.items for index, doc in enumerate(item.documents, 1)]
    sources = [(stable_docx(pack.agenda_docx), "docx")] if pack.agenda_docx is not None else []
    wanted: list[int | str] = []
    for _item, _index, doc in entries:
        source = _source(doc)
        wanted.append(source if isinstance(source, str) else len(sources))
        if not isinstance(source, str):
            sources.append(source)
    conversions = convert_many(sources)
    readers, statuses = _outcomes(conversions, wanted)
    agenda, in_agenda = _agenda(pack, conversions[0] if pack.agenda_docx is not None else None)
    separators = text_pages([pack_pages.separator(item, index, doc, status)
                             for (item, index, doc), status in zip(entries, statuses)])
    separator_pages = PdfReader(io.BytesIO(separators.data))
    starts = separators.starts + [len(separator_pages.pages)]

    def layout(cover_pages: int) -> list[tuple[int, int]]:
        """(separator page, document page) of each entry when the cover takes `cover_pages`."""
        page, places = cover_pages + len(agenda.pages), []
        for position, reader in enumerate(readers):
            places.append((page, page + starts[position + 1] - starts[position]))
            page = places[-1][1] + (len(reader.pages) if reader else 0)
        return places

    notes = _notes(statuses)
    cover_pages = 1
    for _attempt in range(3):  # the contents' page numbers depend on how long the cover is
        cover = PdfReader(io.BytesIO(text_pages([pack_pages.cover(pack, _contents(
            pack, entries, statuses, layout(cover_pages), cover_pages), notes)]).data))
        if len(cover.pages) == cover_pages:
            break
        cover_pages = len(cover.pages)
    places = layout(len(cover.pages))

    assembly = Assembly()
    assembly.add(cover)
    agenda_first = assembly.add(agenda)
    for position, reader in enumerate(readers):
        assembly.add(separator_pages, pages=(starts[position], starts[position + 1]))
        if reader is not None and assembly.add(reader) is None:
            # Not seen: pypdf (the PDF checker) or LibreOffice wrote it. Should it happen, a page
            # says so (the contents may then be off by its length) rather than a server error.
            assembly.add(text_pages([pack_pages.left_out(entries[position][2], "damaged")]).data)
    _bookmarks(assembly, pack, entries, places, agenda_first, in_agenda)
    assembly.number_pages(lambda n, total: _("Pagina %(n)d van %(total)d", n=n, total=total))
    return assembly.bytes(f"{_('Vergaderbundel')} – {pack.body} – {pack.when}")


def _notes(statuses: list[str]) -> list[str]:
    notes = []
    if not is_available():
        notes.append(_("Deze server kan geen Word- of OpenDocument-bestanden omzetten (LibreOffice ontbreekt): "
                       "zulke documenten staan niet in de bundel; hun scheidingspagina geeft een link."))
    missing = sum(1 for status in statuses if status != "ok")
    if missing:
        notes.append(ngettext("%(num)d document kon niet worden opgenomen; de scheidingspagina zegt waarom.",
                              "%(num)d documenten konden niet worden opgenomen; hun scheidingspagina zegt waarom.",
                              missing))
    if not statuses:
        notes.append(_("Er zijn geen bijlagen die u kunt lezen."))
    return notes


def _contents(pack, entries, statuses, places, cover_pages) -> list[tuple[str, int, float]]:
    rows = [(_("Agenda"), cover_pages + 1, 0)]
    current = None
    for (item, _index, doc), status, (separator, _document) in zip(entries, statuses, places):
        if item is not current:
            current = item
            rows.append((pack_pages.item_label(item), separator + 1, 0))
        label = pack_pages.short(doc.title) + ("" if status == "ok" else " " + _("(niet opgenomen)"))
        rows.append((label, separator + 1, CONTENTS_INDENT))
    return rows


def _bookmarks(assembly: Assembly, pack: Pack, entries, places, agenda_first: int, in_agenda: dict) -> None:
    """Agenda, then each item (at its heading in the agenda) with its documents (their separators) nested."""
    assembly.bookmark(_("Agenda"), agenda_first)
    by_item: dict[int, list[tuple[PackDocument, int]]] = {}
    for (item, _index, doc), (separator, _document) in zip(entries, places):
        by_item.setdefault(id(item), []).append((doc, separator))
    for item in pack.items:
        documents = by_item.get(id(item), [])
        if item.number is None:
            if not documents:
                continue
            parent = assembly.bookmark(pack_pages.item_label(item), documents[0][1])
        else:
            page, top = in_agenda.get(item.number, (0, None))
            parent = assembly.bookmark(pack_pages.item_label(item), agenda_first + page, top=top)
        for doc, separator in documents:
            assembly.bookmark(pack_pages.short(doc.title), separator, parent=parent)
