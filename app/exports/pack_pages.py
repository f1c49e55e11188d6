"""The pack's own text pages: the cover with its contents, a separator before each document (with
the reason and a link when the document could not be put in), and the agenda when LibreOffice is
missing. Plain data in, pdf_text Blocks out."""
from flask_babel import gettext as _

from app.core.markdown import markdown_to_text
from app.exports.pdf_text import Block

#: a title in a bookmark, a separator heading or the list of contents is cut at this many characters
TITLE_CHARS = 200


def short(text: str, limit: int = TITLE_CHARS) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def reason(status: str) -> str:
    """Why a document is not in the pack, for its reader."""
    reasons = {
        "unavailable": _("LibreOffice is op deze server niet geïnstalleerd: dit document kon niet naar PDF "
                         "worden omgezet."),
        "unsupported": _("Dit soort bestand kan niet in de bundel worden opgenomen."),
        "encrypted": _("Het bestand is met een wachtwoord beveiligd."),
        "damaged": _("Het bestand is beschadigd of kon niet worden gelezen."),
        "failed": _("Het bestand kon niet naar PDF worden omgezet."),
        "timeout": _("Het omzetten naar PDF duurde te lang en werd afgebroken."),
        "missing": _("Het bestand ontbreekt op de server."),
    }
    return reasons.get(status, reasons["failed"])


def item_label(item) -> str:
    return f"{item.number}. {short(item.title)}" if item.number is not None else _("Stukken bij de vergadering")


def separator(item, index: int, document, status: str) -> list[Block]:
    """The page before the `index`-th document (1-based) of `item`; says why it is left out unless
    `status` is ok."""
    blocks = [
        Block(_("Agendapunt %(n)d", n=item.number) if item.number is not None else _("Vergadering"), "meta"),
        Block(item_label(item), "heading"),
        Block(_("Bijlage %(i)d van %(n)d", i=index, n=len(item.documents)), "meta"),
        Block(short(document.title), "title"),
    ]
    if document.filename:
        blocks.append(Block(document.filename, "meta"))
    return blocks + (left_out(document, status) if status != "ok" else [])


def left_out(document, status: str) -> list[Block]:
    """Why `document` is not in the pack, and where to read it."""
    return [
        Block(_("Niet opgenomen in deze bundel"), "heading"),
        Block(reason(status)),
        Block(_("Lees of download het document op %(url)s", url=document.url), link=document.url),
    ]


def _meeting_heading(pack, title: str) -> list[Block]:
    """The title, the body, the meeting's own title (when it has one), when and where."""
    blocks = [Block(title, "title"), Block(pack.body, "heading")]
    if pack.meeting_title and pack.meeting_title != pack.body:
        blocks.append(Block(pack.meeting_title, "subheading"))
    blocks.append(Block(pack.when))
    if pack.location:
        blocks.append(Block(_("Plaats: %(place)s", place=pack.location)))
    return blocks


def cover(pack, contents: list[tuple[str, int, float]], notes: list[str]) -> list[Block]:
    """The first page(s): the meeting, notes on what is missing, and the contents with page numbers
    ((label, page, indent) rows)."""
    blocks = _meeting_heading(pack, _("Vergaderbundel"))
    if pack.online_url:
        blocks.append(Block(_("Online: %(url)s", url=pack.online_url), link=pack.online_url))
    for note in notes:
        blocks.append(Block(note, "subheading"))
    blocks.append(Block(_("Inhoud"), "heading"))
    for label, page, indent in contents:
        blocks.append(Block(label, "body" if indent else "subheading", right=str(page), indent=indent))
    return blocks


def agenda(pack) -> list[Block]:
    """The agenda as plain text pages, for a server without LibreOffice (the Word agenda otherwise)."""
    blocks = _meeting_heading(pack, _("Agenda"))
    for item in pack.items:
        if item.number is None:
            continue
        blocks.append(Block(item_label(item), "heading", anchor=f"item-{item.number}"))
        if item.meta:
            blocks.append(Block(item.meta, "meta"))
        if item.note:
            blocks.append(Block(item.note))
        for paragraph in markdown_to_text(item.description).split("\n"):
            if paragraph.strip():
                blocks.append(Block(paragraph))
        if item.documents:
            blocks.append(Block(_("Bijlagen:"), "subheading"))
            blocks += [Block("• " + short(d.title), indent=12) for d in item.documents]
    return blocks
