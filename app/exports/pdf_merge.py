"""Putting PDFs one after another with pypdf: bookmarks (the outline) and a page number on every page.

The parts are PDFs this app wrote, LibreOffice wrote, or the PDF checker (app/convert) rewrote
after reading them in a child process: the web process never parses an upload as it came in.
"""
import io
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, Fit, NameObject

from app.exports.pdf_text import FONT_OBJECT, corner_label

#: the page-number font's resource name on every page: unlike /F1, no PDF writer we merge uses it
LABEL_FONT = "SpitsregioPageLabel"


class Assembly:
    def __init__(self):
        self.writer = PdfWriter()

    @property
    def page_count(self) -> int:
        return len(self.writer.pages)

    def add(self, source: PdfReader | Path | bytes, pages: tuple[int, int] | None = None) -> int | None:
        """Append a PDF (read, a path or bytes), or its pages [start, stop); returns the index of
        its first page here, or None when it cannot be read (then nothing of it is added)."""
        start = len(self.writer.pages)
        try:
            if isinstance(source, Path):
                source = source.read_bytes()  # no file left open behind the reader
            reader = source if isinstance(source, PdfReader) else PdfReader(io.BytesIO(source))
            if pages is None and len(reader.pages) == 0:
                return None
            self.writer.append(reader, pages=pages, import_outline=False)
        except Exception:  # pypdf raises many kinds for a file it cannot follow; the caller explains instead
            del self.writer.pages[start:]
            return None
        return start

    def bookmark(self, title: str, page: int, parent=None, top: float | None = None):
        """A bookmark to `page` (at the height `top` on it, when given), under `parent`."""
        fit = Fit.xyz(top=top) if top is not None else Fit.fit()
        return self.writer.add_outline_item(title=title, page_number=page, parent=parent, fit=fit)

    def number_pages(self, label) -> None:
        """`label(n, total)` at the bottom right of every page, over its visible area (its crop box,
        upright: a rotated page's rotation moves into its content first).

        The label goes in as one more content stream per page, after the page's own wrapped in
        q/Q: no content stream is parsed or rewritten (pypdf's merge_page did that for every page,
        a third of a rebuild's time)."""
        total = len(self.writer.pages)
        font = self.writer._add_object(DictionaryObject(
            {NameObject(key): NameObject(value) for key, value in FONT_OBJECT.items()}))
        save = self._stream(b"q\n")
        for number, page in enumerate(self.writer.pages, 1):
            if page.rotation % 360:
                page.transfer_rotation_to_content()
            box = page.cropbox
            xs, ys = sorted((float(box.left), float(box.right))), sorted((float(box.bottom), float(box.top)))
            self._font_resource(page, font)
            drawn = corner_label((xs[0], ys[0], xs[1], ys[1]), label(number, total), LABEL_FONT)
            page[NameObject("/Contents")] = ArrayObject([save, *self._contents(page),
                                                         self._stream(b"\nQ\n" + drawn)])

    def _stream(self, data: bytes):
        stream = DecodedStreamObject()
        stream.set_data(data)
        return self.writer._add_object(stream)  # a content stream must be an indirect object

    @staticmethod
    def _contents(page) -> list:
        """References to the page's content streams, in order."""
        if "/Contents" not in page:
            return []
        raw = page.raw_get("/Contents")
        resolved = raw.get_object()
        return list(resolved) if isinstance(resolved, ArrayObject) else [raw]

    @staticmethod
    def _font_resource(page, font) -> None:
        if "/Resources" not in page:
            page[NameObject("/Resources")] = DictionaryObject()
        resources = page["/Resources"]
        if "/Font" not in resources:
            resources[NameObject("/Font")] = DictionaryObject()
        resources["/Font"][NameObject("/" + LABEL_FONT)] = font

    def bytes(self, title: str = "") -> bytes:
        if title:
            self.writer.add_metadata({"/Title": title})
        self.writer.page_mode = "/UseOutlines"  # a reader opens the pack with its bookmarks shown
        buffer = io.BytesIO()
        self.writer.write(buffer)
        return buffer.getvalue()
