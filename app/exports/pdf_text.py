"""A small PDF writer for plain text pages: the pack's cover and separator pages, its agenda when
LibreOffice is missing, and the page-number overlays. Helvetica (a PDF standard font, so nothing
is embedded) in WinAnsi encoding, word-wrapped on A4, with clickable links."""
import unicodedata
import zlib
from dataclasses import dataclass
from urllib.parse import quote

A4 = (595.28, 841.89)
MARGIN = 70.87  # 25 mm
LINK_COLOUR = "0.043 0.325 0.58"
GREY = "0.35 0.35 0.35"

# Advance widths (1/1000 em) of the ASCII characters 32..126, from Adobe's AFM files.
_ASCII_WIDTHS = {
    "F1": "278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 556 "
          "556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 556 833 722 778 667 778 "
          "722 667 611 722 667 944 667 667 611 278 278 278 469 556 333 556 556 500 556 556 278 556 556 222 222 "
          "500 222 833 556 556 556 556 333 500 278 556 500 722 500 500 500 334 260 334 584",
    "F2": "278 333 474 556 556 889 722 238 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 556 "
          "556 333 333 584 584 584 611 975 722 722 722 722 667 611 778 722 278 556 722 611 833 722 778 667 778 "
          "722 667 611 722 667 944 667 667 611 333 278 333 584 556 333 556 611 556 611 556 333 611 611 278 278 "
          "556 278 889 611 611 611 611 389 556 333 611 556 778 556 556 500 389 280 389 584",
}
WIDTHS = {font: dict(zip(map(chr, range(32, 127)), map(int, row.split()))) for font, row in _ASCII_WIDTHS.items()}
#: beyond ASCII: an accented letter is as wide as its base letter; these few are not
OTHER_WIDTHS = {"—": 1000, "…": 1000, "‰": 1000, "•": 350, "‘": 250, "’": 250, "‚": 250, "“": 420, "”": 420,
                "„": 420, "€": 556, "«": 556, "»": 556, "°": 400, "©": 737, "®": 737, "§": 556}
FONTS = {"F1": "Helvetica", "F2": "Helvetica-Bold"}
#: the font dictionary of Helvetica, for a label drawn on a page this module did not write
FONT_OBJECT = {"/Type": "/Font", "/Subtype": "/Type1", "/BaseFont": "/Helvetica", "/Encoding": "/WinAnsiEncoding"}

#: style -> (font, size, space before, space after, colour)
STYLES = {
    "title": ("F2", 24, 0, 14, "0 0 0"),
    "heading": ("F2", 15, 16, 6, "0 0 0"),
    "subheading": ("F2", 11.5, 10, 3, "0 0 0"),
    "body": ("F1", 10.5, 0, 4, "0 0 0"),
    "meta": ("F1", 9.5, 0, 4, GREY),
    "small": ("F1", 8.5, 0, 3, GREY),
}


@dataclass
class Block:
    """A paragraph: its text, style, an optional link, an optional text set flush right on its
    first line (a page number in a list of contents), an indent in points, and an optional anchor
    name under which text_pages reports where the paragraph landed."""
    text: str
    style: str = "body"
    link: str = ""
    right: str = ""
    indent: float = 0
    anchor: str = ""


@dataclass
class TextPdf:
    data: bytes
    #: the (0-based) page on which each section starts
    starts: list[int]
    #: anchor -> (page, top of its first line)
    anchors: dict[str, tuple[int, float]]


def clean(text: str) -> str:
    """One line of printable text: control characters and runs of white space become one space."""
    text = str(text or "")
    if not text.isprintable():  # printable text has no control characters: the usual case, checked at C speed
        text = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in text)
    return " ".join(text.split())


def _char(c: str) -> str:
    """`c` if WinAnsi (cp1252) has it, else its unaccented base letter, else '?'."""
    try:
        c.encode("cp1252")
        return c
    except UnicodeEncodeError:
        base = unicodedata.normalize("NFKD", c).encode("cp1252", "ignore").decode("cp1252")
        return base[:1] or "?"


def encodable(text: str) -> str:
    try:
        text.encode("cp1252")  # the usual case, at C speed
        return text
    except UnicodeEncodeError:
        return "".join(_char(c) for c in text)


def char_width(c: str, font: str) -> int:
    if c in WIDTHS[font]:
        return WIDTHS[font][c]
    if c in OTHER_WIDTHS:
        return OTHER_WIDTHS[c]
    base = unicodedata.normalize("NFKD", c)[:1]
    return WIDTHS[font].get(base, 556)


def text_width(text: str, font: str, size: float) -> float:
    widths = WIDTHS[font]
    return sum(widths[c] if c in widths else char_width(c, font) for c in text) * size / 1000


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap; a word wider than the line is cut between characters."""
    lines, line = [], ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, font, size) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while len(word) > 1 and text_width(word, font, size) > width:
            cut = 1
            while cut < len(word) - 1 and text_width(word[:cut + 1], font, size) <= width:
                cut += 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line or not lines:
        lines.append(line)
    return lines


def _string(text: str) -> bytes:
    data = encodable(text).encode("cp1252")
    return b"(" + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _number(value: float) -> bytes:
    return (b"%.2f" % value).rstrip(b"0").rstrip(b".")


class _Pdf:
    """Objects, pages and the cross-reference table of one small PDF file."""

    def __init__(self):
        self.objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
        self.fonts = {name: self.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>"
                                     % base.encode()) for name, base in FONTS.items()}
        self.pages: list[int] = []

    def add(self, body: bytes) -> int:
        self.objects.append(body)
        return len(self.objects)

    def page(self, box: tuple[float, float, float, float], content: bytes, annotations: list[bytes] = ()) -> None:
        data = zlib.compress(content)
        stream = self.add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
        fonts = b" ".join(b"/%s %d 0 R" % (name.encode(), ref) for name, ref in self.fonts.items())
        annots = b" /Annots [%s]" % b" ".join(b"%d 0 R" % self.add(a) for a in annotations) if annotations else b""
        self.pages.append(self.add(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [%s] /Contents %d 0 R /Resources << /Font << %s >> >>%s >>"
            % (b" ".join(map(_number, box)), stream, fonts, annots)))

    def bytes(self) -> bytes:
        self.objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
            b" ".join(b"%d 0 R" % ref for ref in self.pages), len(self.pages))
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(self.objects, 1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(self.objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
        out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(self.objects) + 1, xref)
        return bytes(out)


def _link(url: str, rect: tuple[float, float, float, float]) -> bytes:
    uri = quote(url, safe=":/?#[]@!$&'()*+,;=%~").encode("ascii")
    return (b"<< /Type /Annot /Subtype /Link /Border [0 0 0] /Rect [%s] /A << /S /URI /URI %s >> >>"
            % (b" ".join(map(_number, rect)), _string(uri.decode("ascii"))))


def text_pages(sections: list[list[Block]]) -> TextPdf:
    """A PDF with each section starting on a new A4 page."""
    pdf, starts, anchors = _Pdf(), [], {}
    width, height = A4
    for blocks in sections:
        starts.append(len(pdf.pages))
        ops, annotations, y = [], [], height - MARGIN
        for block in blocks:
            font, size, before, after, colour = STYLES[block.style]
            right = clean(block.right)
            left = MARGIN + block.indent
            room = width - MARGIN - left - (text_width(right, font, size) + 12 if right else 0)
            leading = size * 1.3
            y -= before if y < height - MARGIN else 0
            for number, line in enumerate(wrap(encodable(clean(block.text)), font, size, room)):
                if y - leading < MARGIN:
                    pdf.page((0, 0, width, height), b"\n".join(ops), annotations)
                    ops, annotations, y = [], [], height - MARGIN
                if block.anchor and number == 0:
                    anchors[block.anchor] = (len(pdf.pages), y)
                y -= leading
                fill = LINK_COLOUR if block.link else colour
                ops.append(b"BT /%s %s Tf %s rg %s %s Td %s Tj ET" % (
                    font.encode(), _number(size), fill.encode(), _number(left), _number(y), _string(line)))
                if right and number == 0:
                    ops.append(b"BT /%s %s Tf %s rg %s %s Td %s Tj ET" % (
                        font.encode(), _number(size), colour.encode(),
                        _number(width - MARGIN - text_width(right, font, size)), _number(y), _string(right)))
                if block.link:
                    annotations.append(_link(block.link, (left, y - size * 0.25, left + text_width(line, font, size),
                                                          y + size)))
            y -= after
        pdf.page((0, 0, width, height), b"\n".join(ops), annotations)
    return TextPdf(pdf.bytes(), starts, anchors)


def corner_label(box: tuple[float, float, float, float], label: str, font: str, size: float = 8) -> bytes:
    """Content-stream operators drawing `label` at the bottom right of `box` (left, bottom, right,
    top) on a white patch, so that it reads over whatever the page has there; `font` names the
    page's resource for Helvetica (FONT_OBJECT)."""
    left, bottom, right, top = box
    text = encodable(clean(label))
    text_w = text_width(text, "F1", size)
    x, y = right - min(36, (right - left) / 10) - text_w, bottom + min(18, (top - bottom) / 20)
    return b"q 1 g %s %s %s %s re f Q BT /%s %s Tf 0.25 g %s %s Td %s Tj ET" % (
        _number(x - 3), _number(y - 3), _number(text_w + 6), _number(size + 4),
        font.encode(), _number(size), _number(x), _number(y), _string(text))
