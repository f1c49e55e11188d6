"""The logo of a body's letterhead: a PNG or JPEG of at most 1 MB, checked by its content.

A name ending in .png proves nothing: the bytes must start as a PNG or JPEG does, be complete
(every PNG chunk with a correct checksum up to IEND; a JPEG up to its end marker) and python-docx
must read the image's size from them, as it does when it places the logo in a header.
"""
import struct
import zlib

from docx.image.image import Image
from flask_babel import gettext as _

from app.core.errors import Invalid

MAX_LOGO_BYTES = 1024 * 1024
#: larger than any letterhead needs; a logo claiming more is damaged or a decompression trap
MAX_LOGO_PIXELS = 10_000
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_START = b"\xff\xd8\xff"
JPEG_END = b"\xff\xd9"


def check_logo(data: bytes) -> str:
    """The file extension to store the logo under ("png" or "jpg"); Invalid with a message otherwise."""
    if not data:
        raise Invalid(_("Kies een logo (PNG of JPEG)."))
    if len(data) > MAX_LOGO_BYTES:
        raise Invalid(_("Een logo is hoogstens %(mb)d MB groot.", mb=MAX_LOGO_BYTES // (1024 * 1024)))
    if data.startswith(PNG_SIGNATURE):
        complete, extension = _png_is_complete(data), "png"
    elif data.startswith(JPEG_START):
        complete, extension = data.rfind(JPEG_END) > len(JPEG_START), "jpg"
    else:
        raise Invalid(_("Dit is geen PNG- of JPEG-afbeelding."))
    if not complete or not _size_is_readable(data):
        raise Invalid(_("Deze afbeelding is beschadigd of onvolledig."))
    return extension


def _png_is_complete(data: bytes) -> bool:
    """Every chunk whole and with its CRC right, ending in IEND."""
    at = len(PNG_SIGNATURE)
    while at + 12 <= len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        end = at + 12 + length
        if end > len(data):
            return False
        (crc,) = struct.unpack(">I", data[end - 4:end])
        if zlib.crc32(data[at + 4:end - 4]) != crc:
            return False
        if kind == b"IEND":
            return True
        at = end
    return False


def _size_is_readable(data: bytes) -> bool:
    try:
        image = Image.from_blob(data)
    except Exception:  # python-docx raises several kinds (unrecognised, truncated, struct) for a bad image
        return False
    return (image.content_type in ("image/png", "image/jpeg")
            and 0 < image.px_width <= MAX_LOGO_PIXELS and 0 < image.px_height <= MAX_LOGO_PIXELS)
