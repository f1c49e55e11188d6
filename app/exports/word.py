"""The shared Word toolkit: A4 documents, title blocks, Markdown as real Word structure, hyperlinks
(the letterhead and footer every export has are in app/exports/frame.py).

Word files are XML, and XML 1.0 cannot hold most control characters (python-docx refuses them).
The input checks keep them out of new text, but the database may hold older text: everything
written through these helpers passes `xml_safe`; an export handing data to python-docx itself
cleans it with `xml_clean` (app/core/text.py) first.
"""
import io

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from lxml import html as lxml_html

from app.core.markdown import markdown_to_html
from app.core.text import xml_safe

HEADING_LEVELS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 4, "h6": 4}
INLINE_FORMAT = {"strong": "bold", "b": "bold", "em": "italic", "i": "italic", "u": "underline",
                 "s": "strike", "del": "strike", "code": "code"}
LINK_COLOUR = RGBColor(0x0B, 0x53, 0x94)


def new_document(template_path=None) -> Document:
    """A document on A4 with sane margins; a house-style template keeps its own look."""
    doc = Document(template_path) if template_path else Document()
    for section in doc.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        if template_path is None:
            section.left_margin = section.right_margin = Mm(25)
            section.top_margin = section.bottom_margin = Mm(20)
    if template_path is None:
        normal = doc.styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(11)
        doc.styles["Title"].font.size = Pt(20)  # a title line with the meeting fits on one or two lines
    return doc


def add_title_block(doc, title: str, lines=()) -> None:
    """The document title (style Title) and one compact line under it (place, hours, link...)."""
    doc.add_paragraph(xml_safe(title), style="Title")
    compact = " · ".join(xml_safe(line) for line in lines if line)
    if compact:
        doc.add_paragraph(compact, style="Subtitle" if _has_style(doc, "Subtitle") else None)


def add_heading(doc, text: str, level: int = 1):
    return doc.add_heading(xml_safe(text), level=level)


def _has_style(doc, name: str) -> bool:
    try:
        doc.styles[name]
    except KeyError:
        return False
    return True


# --- numbering -----------------------------------------------------------------------------------

def _new_num_id(doc, style_name: str) -> int | None:
    """A fresh w:num on the abstract numbering of `style_name`, restarting at 1.

    Without it every numbered list in the document continues the previous one's numbers.
    """
    style = doc.styles[style_name]
    ppr = style.element.pPr
    if ppr is None or ppr.numPr is None or ppr.numPr.numId is None:
        return None
    numbering = doc.part.numbering_part.element
    base = numbering.num_having_numId(ppr.numPr.numId.val)
    num = numbering.add_num(base.abstractNumId.val)
    override = num.add_lvlOverride(ilvl=0)
    override.add_startOverride(1)
    return num.numId


def _set_num(paragraph, num_id: int | None) -> None:
    """Attach the paragraph to its own list (nested lists use their own "List Number 2" style)."""
    if num_id is None:
        return
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id


# --- Markdown --------------------------------------------------------------------------------------

def add_markdown(doc, text: str | None, container=None, heading_offset: int = 1) -> None:
    """Markdown -> sanitised HTML -> Word: headings, paragraphs, runs, links, lists, tables.

    `container` is where to add (the document, or a table cell); a Markdown "# x" becomes
    Heading 1 + `heading_offset`, so it sits below the document's own item headings.
    """
    source = markdown_to_html(xml_safe(text))
    if not source.strip():
        return
    root = lxml_html.fragment_fromstring(source, create_parent="div")
    _Writer(doc, container or doc, heading_offset).blocks(root)


class _Writer:
    def __init__(self, doc, container, heading_offset: int = 1):
        self.doc = doc
        self.container = container
        self.heading_offset = heading_offset

    # blocks
    def blocks(self, element) -> None:
        if element.text and element.text.strip():
            self.inline_paragraph(element)
            return
        for child in element:
            self.block(child)
            if child.tail and child.tail.strip():
                paragraph = self.container.add_paragraph()
                self._text(paragraph, child.tail, {})

    def block(self, element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in HEADING_LEVELS:
            level = min(HEADING_LEVELS[tag] + self.heading_offset, 4)
            paragraph = self.container.add_paragraph(style=f"Heading {level}")
            self.inline(paragraph, element, {})
        elif tag in ("ul", "ol"):
            self.list(element, ordered=tag == "ol", level=0)
        elif tag == "table":
            self.table(element)
        elif tag == "blockquote":
            for child in element:
                self.block(child)
        elif tag == "pre":
            paragraph = self.container.add_paragraph()
            run = paragraph.add_run(xml_safe(element.text_content()))
            run.font.name = "Consolas"
        elif tag == "hr":
            self.container.add_paragraph("—" * 10)
        elif tag:
            self.inline_paragraph(element)

    def inline_paragraph(self, element, style=None):
        paragraph = self.container.add_paragraph(style=style)
        self.inline(paragraph, element, {})
        return paragraph

    def list(self, element, ordered: bool, level: int) -> None:
        depth = "" if level == 0 else f" {min(level + 1, 3)}"
        style = ("List Number" if ordered else "List Bullet") + depth
        if not _has_style(self.doc, style):
            style = "List Number" if ordered else "List Bullet"
        num_id = _new_num_id(self.doc, style) if ordered else None
        for li in element:
            if getattr(li, "tag", None) != "li":
                continue
            paragraph = self.container.add_paragraph(style=style)
            _set_num(paragraph, num_id)
            nested = []
            if li.text:
                self._text(paragraph, li.text, {})
            for child in li:
                if child.tag in ("ul", "ol"):
                    nested.append(child)
                elif child.tag == "p":
                    self.inline(paragraph, child, {})
                else:
                    self.inline_element(paragraph, child, {})
                if child.tail and child.tail.strip():
                    self._text(paragraph, child.tail, {})
            for child in nested:
                self.list(child, ordered=child.tag == "ol", level=level + 1)

    def table(self, element) -> None:
        rows = element.findall(".//tr")
        if not rows:
            return
        width = max(len(row.findall("./th") + row.findall("./td")) for row in rows)
        table = self.container.add_table(rows=len(rows), cols=width)
        if _has_style(self.doc, "Table Grid"):
            table.style = "Table Grid"
        for r, row in enumerate(rows):
            cells = [c for c in row if c.tag in ("th", "td")]
            for c, cell in enumerate(cells):
                paragraph = table.cell(r, c).paragraphs[0]
                self.inline(paragraph, cell, {"bold": True} if cell.tag == "th" else {})

    # inline
    def inline(self, paragraph, element, fmt: dict) -> None:
        if element.text:
            self._text(paragraph, element.text, fmt)
        for child in element:
            self.inline_element(paragraph, child, fmt)
            if child.tail:
                self._text(paragraph, child.tail, fmt)

    def inline_element(self, paragraph, element, fmt: dict) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "br":
            paragraph.add_run().add_break()
        elif tag == "a":
            self._link(paragraph, element, fmt)
        elif tag in INLINE_FORMAT:
            self.inline(paragraph, element, {**fmt, INLINE_FORMAT[tag]: True})
        else:
            self.inline(paragraph, element, fmt)

    def _text(self, paragraph, text: str, fmt: dict):
        text = " ".join(xml_safe(text).split("\n"))
        if not text:
            return None
        run = paragraph.add_run(text)
        run.bold = fmt.get("bold") or None
        run.italic = fmt.get("italic") or None
        run.underline = fmt.get("underline") or None
        if fmt.get("strike"):
            run.font.strike = True
        if fmt.get("code"):
            run.font.name = "Consolas"
        return run

    def _link(self, paragraph, element, fmt: dict) -> None:
        href = element.get("href") or ""
        label = element.text_content() or href
        if not href.startswith(("http://", "https://", "mailto:")):
            self._text(paragraph, label, fmt)
            return
        add_hyperlink(paragraph, href, label, bold=fmt.get("bold", False), italic=fmt.get("italic", False))


def add_hyperlink(paragraph, url: str, text: str, bold: bool = False, italic: bool = False):
    """A real Word hyperlink (w:hyperlink with an external relationship), blue and underlined."""
    r_id = paragraph.part.relate_to(xml_safe(url), RT.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    if _has_style(paragraph.part.document, "Hyperlink"):
        style = OxmlElement("w:rStyle")
        style.set(qn("w:val"), paragraph.part.document.styles["Hyperlink"].style_id)
        rpr.append(style)
    for flag, on in (("w:b", bold), ("w:i", italic)):
        if on:
            rpr.append(OxmlElement(flag))
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), str(LINK_COLOUR))
    rpr.append(colour)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    rpr.append(underline)
    run.append(rpr)
    text_element = OxmlElement("w:t")
    text_element.text = xml_safe(text)
    text_element.set(qn("xml:space"), "preserve")
    run.append(text_element)
    hyperlink.append(run)
    paragraph._p.append(hyperlink)
    return hyperlink


def document_bytes(doc) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
