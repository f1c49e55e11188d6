"""Reading the PDF exports back as a reader sees them: the response, the bookmarks, the text."""
import io

from pypdf import PdfReader


def read(response) -> PdfReader:
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/pdf"
    return PdfReader(io.BytesIO(response.data))


def outline(reader: PdfReader, entries=None) -> list:
    """The bookmarks as [title, page] or [title, page, [children...]]."""
    shown = []
    for entry in reader.outline if entries is None else entries:
        if isinstance(entry, list):
            shown[-1].append(outline(reader, entry))
        else:
            shown.append([entry.title, reader.get_destination_page_number(entry)])
    return shown


def text(reader: PdfReader, first: int = 0, last: int | None = None) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages[first:last])
