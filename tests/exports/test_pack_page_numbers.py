"""Page numbers on every page of the pack, whatever the page brings: a rotated page, a crop box, a
content array, no fonts of its own, a font named like ours, a transformation left in force."""
import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, RectangleObject

from app.exports.pdf_merge import Assembly
from app.exports.pdf_text import A4
from tests.samples import pdf_bytes


def _page(writer: PdfWriter, *contents: bytes, fonts: bool = False):
    page = writer.add_blank_page(*A4)
    streams = []
    for data in contents:
        stream = DecodedStreamObject()
        stream.set_data(data)
        streams.append(writer._add_object(stream))
    page[NameObject("/Contents")] = ArrayObject(streams) if len(streams) > 1 else streams[0]
    if fonts:  # its own /F1, which is not our Helvetica
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject({
            NameObject("/F1"): writer._add_object(DictionaryObject({
                NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Courier")}))})})
    return page


def awkward_pages() -> bytes:
    writer = PdfWriter()
    _page(writer, b"0 0 1 rg 100 100 50 50 re f", b"0 1 0 rg 200 200 50 50 re f")  # an array, no fonts
    _page(writer, b"BT /F1 12 Tf 100 700 Td (Eigen lettertype) Tj ET", fonts=True)
    _page(writer, b"1 0 0 1 300 400 cm 0.5 0 0 0.5 0 0 cm 0 g 0 0 10 10 re f")  # a cm never undone
    rotated = _page(writer, b"0 g 10 10 20 20 re f")
    rotated.rotate(90)
    cropped = _page(writer, b"0 g 150 150 20 20 re f")
    cropped.cropbox = RectangleObject((100, 100, 400, 500))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def label_places(page) -> list[tuple[str, float, float]]:
    """Each piece of text on the page with where it starts, in default user space."""
    found = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((text.strip(), x, y))

    page.extract_text(visitor_text=visit)
    return found


def test_every_page_gets_its_number_inside_its_visible_area():
    assembly = Assembly()
    assembly.add(pdf_bytes("Een gewone pagina"))
    assembly.add(awkward_pages())
    assembly.number_pages(lambda n, total: f"Pagina {n} van {total}")
    reader = PdfReader(io.BytesIO(assembly.bytes("Bundel")))
    assert len(reader.pages) == 6
    for number, page in enumerate(reader.pages, 1):
        labels = [(x, y) for text, x, y in label_places(page) if text == f"Pagina {number} van 6"]
        assert len(labels) == 1, (number, label_places(page))
        (x, y), box = labels[0], page.cropbox
        assert page.rotation % 360 == 0, number  # turned into its content: the label reads upright
        # bottom right of what a reader sees, whatever the page left in force before it
        assert float(box.left) + float(box.width) / 2 < x < float(box.right), (number, x, box)
        assert float(box.bottom) < y < float(box.bottom) + 40, (number, y, box)
    assert "Eigen lettertype" in reader.pages[2].extract_text()  # its own font untouched
    assert reader.pages[2]["/Resources"]["/Font"]["/F1"]["/BaseFont"] == "/Courier"
