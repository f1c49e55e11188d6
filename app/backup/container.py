"""The gzip container of a format 2 backup: one member whose header is fixed (no name, no time)
but for an extra field holding the sha256 of every byte after the header. Damage anywhere in the
file is found, even where deflate would decode a changed byte to the same data; the CRC-32 and
length of the data are checked too, and nothing may follow. gzip and tar read it as any .tar.gz.
"""
import hashlib
import os
import struct
import zlib

from app.backup.errors import BackupError

#: gzip magic, deflate, FEXTRA, mtime 0, no extra flags, OS unknown; then the extra field: its
#: length, subfield "SR" of 32 bytes: the sha256 of the rest of the file
GZIP_HEADER = b"\x1f\x8b\x08\x04\x00\x00\x00\x00\x00\xff" + struct.pack("<H", 36) + b"SR" + struct.pack("<H", 32)
DIGEST_SIZE = 32
CHUNK = 1 << 16


class GzipWriter:
    """A one-member gzip stream with GZIP_HEADER, written to a seekable binary file."""

    def __init__(self, target):
        self.target = target
        self.deflater = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
        self.crc = self.size = 0
        self.sha = hashlib.sha256()
        target.write(GZIP_HEADER + bytes(DIGEST_SIZE))  # the digest is filled in by finish()

    def _out(self, data: bytes) -> None:
        self.sha.update(data)
        self.target.write(data)

    def write(self, data) -> int:
        self.crc = zlib.crc32(data, self.crc)
        self.size += len(data)
        self._out(self.deflater.compress(data))
        return len(data)

    def finish(self) -> None:
        self._out(self.deflater.flush() + struct.pack("<II", self.crc, self.size & 0xFFFFFFFF))
        self.target.seek(len(GZIP_HEADER))
        self.target.write(self.sha.digest())
        self.target.seek(0, os.SEEK_END)


class StrictGzipReader:
    """Reads what GzipWriter wrote (after its header), refusing damage anywhere: a sha256 of
    the bytes that does not match the header's, bad deflate data, a CRC-32 or length that does not
    match, a cut-off end, bytes after the end."""

    def __init__(self, raw, digest: bytes):
        self.raw, self.digest = raw, digest
        self.inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        self.crc = self.size = 0
        self.sha = hashlib.sha256()
        self.buffer = b""
        self.ended = False

    def read(self, size: int = -1) -> bytes:
        while (size < 0 or len(self.buffer) < size) and not self.ended:
            self._inflate()
        size = len(self.buffer) if size < 0 else size
        data, self.buffer = self.buffer[:size], self.buffer[size:]
        return data

    def _read_raw(self, size: int) -> bytes:
        data = self.raw.read(size)
        self.sha.update(data)
        return data

    def _inflate(self) -> None:
        if self.inflater.eof:
            self._end()
            return
        chunk = self.inflater.unconsumed_tail or self._read_raw(CHUNK)
        try:
            data = self.inflater.decompress(chunk, CHUNK)
        except zlib.error as error:
            raise BackupError(f"the file is damaged: its compressed data does not decompress ({error})") from error
        if not chunk and not data and not self.inflater.eof:
            raise BackupError("the file is cut off: the compressed data ends too early")
        self.crc = zlib.crc32(data, self.crc)
        self.size += len(data)
        self.buffer += data

    def _end(self) -> None:
        trailer = self.inflater.unused_data
        trailer += self._read_raw(max(0, 9 - len(trailer)))
        if len(trailer) < 8:
            raise BackupError("the file is cut off: its checksum is missing")
        if len(trailer) > 8:
            raise BackupError("the file is damaged: more bytes follow the end of its compressed data")
        if struct.unpack("<II", trailer) != (self.crc, self.size & 0xFFFFFFFF) or self.sha.digest() != self.digest:
            raise BackupError("the file is damaged: its checksum does not match its contents")
        self.ended = True
