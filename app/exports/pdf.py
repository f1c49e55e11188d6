"""Word exports as PDF (agenda.pdf, minutes.pdf): the .docx converted by LibreOffice (app/convert),
or a clear 503 saying why not."""
import io
import zipfile

from flask_babel import gettext as _

from app.convert import convert_to_pdf
from app.core.errors import DomainError

PDF = "application/pdf"
#: a fixed time stamp for the members of a generated .docx (see stable_docx)
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


class PdfUnavailable(DomainError, status=503, code="pdf_unavailable"):
    """No PDF can be made here (LibreOffice is missing) or of this document."""


def stable_docx(data: bytes) -> bytes:
    """The same .docx with a fixed time on its zip members: python-docx stamps them with the clock,
    so the same document would otherwise never hit the conversion cache twice."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = info.external_attr
            target.writestr(member, source.read(info))
    return buffer.getvalue()


def docx_to_pdf(data: bytes) -> bytes:
    """The PDF of a .docx this app generated; PdfUnavailable (503) when it cannot be made."""
    conversion = convert_to_pdf(stable_docx(data), "docx")
    if conversion.ok:
        return conversion.path.read_bytes()
    if conversion.status == "unavailable":
        raise PdfUnavailable(_("PDF is op deze server niet beschikbaar (LibreOffice ontbreekt). "
                               "Download de Word-versie."))
    raise PdfUnavailable(_("Dit document kon niet naar PDF worden omgezet. Download de Word-versie."))
