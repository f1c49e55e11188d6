"""Small real images for the logo tests: a PNG (with correct chunk checksums) and a JPEG header
python-docx reads the size from."""
import struct
import zlib


def png_bytes(width: int = 40, height: int = 20, colour=(0x0B, 0x53, 0x94)) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + bytes(colour) * width
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b""))


def jpeg_bytes(width: int = 30, height: int = 10) -> bytes:
    app0 = b"JFIF\x00\x01\x01\x01\x00\x48\x00\x48\x00\x00"
    sof = struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00"
    return (b"\xff\xd8" + b"\xff\xe0" + struct.pack(">H", len(app0) + 2) + app0
            + b"\xff\xc0" + struct.pack(">H", len(sof) + 2) + sof + b"\xff\xd9")
