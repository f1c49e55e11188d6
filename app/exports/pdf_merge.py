"""Putting PDFs one after another with pypdf: bookmarks (the outline) and a page number on every page.

The parts are PDFs this app wrote, LibreOffice wrote, or the PDF checker (app/convert) rewrote
after reading them in a child process: the web process never parses an upload as it came in.
"""
import io
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import Fit

from app.exports.pdf_text import overlay_pages


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
        upright: a rotated page's rotation moves into its content first)."""
        total = len(self.writer.pages)
        boxes = []
        for page in self.writer.pages:
            if page.rotation % 360:
                page.transfer_rotation_to_content()
            box = page.cropbox
            xs, ys = sorted((float(box.left), float(box.right))), sorted((float(box.bottom), float(box.top)))
            boxes.append((xs[0], ys[0], xs[1], ys[1]))
        overlay = PdfReader(io.BytesIO(overlay_pages(boxes, [label(n, total) for n in range(1, total + 1)])))
        for page, numbered in zip(self.writer.pages, overlay.pages):
            page.merge_page(numbered)

    def bytes(self, title: str = "") -> bytes:
        if title:
            self.writer.add_metadata({"/Title": title})
        self.writer.page_mode = "/UseOutlines"  # a reader opens the pack with its bookmarks shown
        buffer = io.BytesIO()
        self.writer.write(buffer)
        return buffer.getvalue()
