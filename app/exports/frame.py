"""The frame every Word export shares: the letterhead (the body's logo and name, a draft mark) in the
page header and "date · Pagina X van Y" in the footer, over the built-in style or a body's template."""
from dataclasses import dataclass
from datetime import date, datetime

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.image.image import Image
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from flask_babel import format_date
from flask_babel import gettext as _

from app.core.text import xml_safe
from app.core.timeutil import BRUSSELS
from app.exports.word import add_title_block, new_document

MARK_COLOUR = RGBColor(0xB0, 0x1E, 0x1E)
QUIET_COLOUR = RGBColor(0x55, 0x55, 0x55)
#: the logo in the page header: this high, unless that makes it wider than LOGO_MAX_WIDTH
LOGO_HEIGHT, LOGO_MAX_WIDTH = Mm(15), Mm(60)
#: what is left between the margins of the built-in A4 page
BUILTIN_TEXT_WIDTH = Mm(160)
#: the children of w:pPr that come after w:pBdr (Word refuses them out of the schema's order)
PPR_AFTER_BORDER = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)


@dataclass(frozen=True)
class Letterhead:
    """How an export looks: a body's template (None: the built-in style) and, in the page header,
    the body's name and logo. A template with a header of its own keeps it."""
    name: str = ""
    logo_path: str | None = None
    template_path: str | None = None


def start_document(letterhead: Letterhead | None, title: str, lines=(), *, mark: str | None = None,
                   day: date | None = None) -> Document:
    """The frame of every export: the house style, the letterhead (logo, body, `mark` such as
    "ONTWERP") in the page header, "date · Pagina X van Y" in the footer, then the title block.
    `day` is the document's date (the meeting's; default today)."""
    letterhead = letterhead or Letterhead()
    doc = new_document(letterhead.template_path)
    add_letterhead(doc, letterhead, mark)
    day = day or datetime.now(BRUSSELS).date()
    add_page_number_footer(doc, _("Pagina"), _("van"), format_date(day, "long"))
    add_title_block(doc, title, lines)
    return doc


# --- footer --------------------------------------------------------------------------------------

def _field(paragraph, instruction: str) -> None:
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run._r.append(begin)
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    run = paragraph.add_run()
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(separate)
    paragraph.add_run("1")
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def add_page_number_footer(doc, page_word: str = "Pagina", of_word: str = "van", date_text: str = "") -> None:
    """'date    Pagina N van M' in every footer in use, as live PAGE / NUMPAGES fields; a template's
    own footer text stays above it."""
    for section in doc.sections:
        for footer in _stories(doc, section, "footer"):
            paragraph = _free_paragraph(footer)
            _right_tab(paragraph, _text_width(section))
            if date_text:
                paragraph.add_run(xml_safe(date_text))
            paragraph.add_run(f"\t{page_word} ")
            _field(paragraph, "PAGE")
            paragraph.add_run(f" {of_word} ")
            _field(paragraph, "NUMPAGES")


# --- header --------------------------------------------------------------------------------------

def add_letterhead(doc, letterhead: Letterhead, mark: str | None = None) -> None:
    """Logo and name (and `mark`) in the page header; a header the template brings stays, and only
    gets the mark under it."""
    for section in doc.sections:
        for header in _stories(doc, section, "header"):
            if _has_content(header):
                if mark:
                    paragraph = header.add_paragraph()
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                    _mark_run(paragraph, mark)
                continue
            paragraph = _free_paragraph(header)
            if letterhead.logo_path:
                _add_logo(paragraph, letterhead.logo_path)
                paragraph.add_run("  ")
            if letterhead.name:
                name = paragraph.add_run(xml_safe(letterhead.name))
                name.bold, name.font.size, name.font.color.rgb = True, Pt(12), QUIET_COLOUR
            if mark:
                _right_tab(paragraph, _text_width(section))
                paragraph.add_run("\t")
                _mark_run(paragraph, mark)
            if letterhead.logo_path or letterhead.name or mark:
                _bottom_border(paragraph)


def _stories(doc, section, kind: str) -> list:
    """The headers (or footers) a section shows: the default one, the first page's and the even
    pages' when the template turned those on."""
    stories = [getattr(section, kind)]
    if section.different_first_page_header_footer:
        stories.append(getattr(section, f"first_page_{kind}"))
    if doc.settings.odd_and_even_pages_header_footer:
        stories.append(getattr(section, f"even_page_{kind}"))
    return stories


def _has_content(story) -> bool:
    """Whether a header or footer of the template shows something (text or a picture)."""
    if story.is_linked_to_previous:
        return False
    element = story._element
    return bool(element.xpath(".//w:drawing | .//w:pict")) or any(
        (t.text or "").strip() for t in element.xpath(".//w:t"))


def _free_paragraph(story):
    """An empty paragraph to write in: the story's own empty one, or a new one after its content."""
    if not _has_content(story) and story.paragraphs:
        paragraph = story.paragraphs[0]
        paragraph.text = ""
        return paragraph
    return story.add_paragraph()


def _text_width(section):
    try:
        return section.page_width - section.left_margin - section.right_margin
    except TypeError:  # a template section without margins: the built-in ones
        return BUILTIN_TEXT_WIDTH


def _right_tab(paragraph, position) -> None:
    """One right-aligned tab stop at the right margin; the style's own tab stops (Word's Header and
    Footer styles have a centred one) are cleared so a tab jumps straight there."""
    style = paragraph.style
    while style is not None:
        for stop in style.paragraph_format.tab_stops:
            paragraph.paragraph_format.tab_stops.add_tab_stop(stop.position, WD_TAB_ALIGNMENT.CLEAR)
        style = style.base_style
    paragraph.paragraph_format.tab_stops.add_tab_stop(position, WD_TAB_ALIGNMENT.RIGHT)


def _add_logo(paragraph, path: str) -> None:
    image = Image.from_file(path)
    width = int(LOGO_HEIGHT * image.px_width / image.px_height)
    height = LOGO_HEIGHT
    if width > LOGO_MAX_WIDTH:
        width, height = LOGO_MAX_WIDTH, int(LOGO_MAX_WIDTH * image.px_height / image.px_width)
    paragraph.add_run().add_picture(path, width=width, height=height)


def _mark_run(paragraph, mark: str):
    run = paragraph.add_run(xml_safe(mark))
    run.bold, run.font.size, run.font.color.rgb = True, Pt(14), MARK_COLOUR
    return run


def _bottom_border(paragraph) -> None:
    """A thin line under the letterhead."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "4"), ("w:color", "999999")):
        bottom.set(qn(name), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *PPR_AFTER_BORDER)
