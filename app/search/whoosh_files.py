"""The Whoosh index folder on disk: generations named by CURRENT, the writers' file lock, and a
storage that closes what Whoosh leaves open when a damaged file cannot be read.

Layout of SEARCH_INDEX_PATH:
    CURRENT          the name of the live generation (replaced atomically by `reindex`)
    gen-<stamp>/     a Whoosh index
    (SEARCH_INDEX_PATH.lock beside it: the writers' file lock)
"""
import errno
import fcntl
import os
import pickle
import re
import time
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.codec import whoosh3
from whoosh.filedb import compound
from whoosh.filedb.filestore import FileStorage

from app.search.whoosh_query import make_schema

#: what `_new_generation` names a generation; CURRENT holding anything else is damage
GENERATION = re.compile(r"gen-[0-9]+-[0-9]+")


class DamagedIndex(Exception):
    """The index folder is there, but CURRENT names no generation that can be opened."""


class TrackingStorage(FileStorage):
    """Whoosh leaves a file open when reading it fails (a table of contents or a segment overwritten
    or cut short): one handle lost per attempt, per request. While `tracking` is a list, every file
    opened is recorded in it, so that `closing_on_failure` can close them."""

    tracking: list | None = None

    def open_file(self, name, **kwargs):
        handle = super().open_file(name, **kwargs)
        if self.tracking is not None:
            self.tracking.append(handle)
        return handle


@contextmanager
def closing_on_failure(storage):
    """Close the files `storage` opens inside the block if the block fails; on success they belong
    to the reader or writer that opened them."""
    if not isinstance(storage, TrackingStorage) or storage.tracking is not None:
        yield  # not ours, or already tracked by an outer block
        return
    storage.tracking = []
    try:
        yield
    except BaseException:
        for handle in storage.tracking:
            if not handle.is_closed:
                try:
                    handle.close()
                except Exception:  # closing a half-read file: nothing more to do
                    pass
        raise
    finally:
        storage.tracking = None


#: what peek returns at most: more than a block header of postings, little to copy
PEEK = 512


class _ViewFile:
    """A read-only file over a memoryview: what io.BytesIO would be, without copying the view."""

    def __init__(self, view: memoryview):
        self._view = view
        self._pos = 0

    def read(self, size: int = -1) -> bytes:
        start = self._pos
        end = len(self._view) if size is None or size < 0 else min(start + size, len(self._view))
        self._pos = max(start, end)
        return self._view[start:end].tobytes()

    def peek(self, size: int = 0) -> bytes:
        """Some of the bytes ahead, without moving: pickle's Unpickler then reads a block's header
        in two calls instead of one per opcode (20 per block of postings)."""
        return self._view[self._pos:self._pos + min(max(size, 1), PEEK)].tobytes()

    def readline(self, size: int = -1) -> bytes:
        view, start = self._view, self._pos
        end = len(view) if size is None or size < 0 else min(start + size, len(view))
        newline = view.obj.find(b"\n", start, end) if hasattr(view.obj, "find") else -1
        if newline >= 0:
            end = newline + 1
        return self.read(end - start)

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._pos, os.SEEK_END: len(self._view)}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        self._view = memoryview(b"")


class ViewBufferFile(compound.BufferFile):
    """Whoosh's BufferFile reads a file inside a memory-mapped compound segment through
    io.BytesIO(view), which copies it: every worker held a private copy of the whole segment (its
    postings, stored fields and term index: 150 MB at 100,000 entries) on top of the mapping.
    This one reads the mapping itself, so a worker holds only the pages it touches, shared with
    the other workers through the page cache."""

    def __init__(self, buf, name=None, onclose=None):
        super().__init__(b"", name=name, onclose=onclose)
        self._buf = buf
        self.file = _ViewFile(memoryview(buf))


# CompoundStorage.open_file names BufferFile from its module: the one place Whoosh makes the copy.
compound.BufferFile = ViewBufferFile


def _block_dumps(obj, protocol=None):
    """Whoosh pickles each block of postings with protocol 2, which writes every posting's value
    (its positions, as bytes) as a call of _codecs.encode: reading a block of 128 postings then made
    256 function calls (0.8 µs a posting, most of a word query's time at 100,000 entries). Protocol
    4 writes bytes as bytes; Whoosh reads any protocol, so indexes written before still open."""
    return pickle.dumps(obj, max(protocol or 0, 4))


# whoosh3's codec pickles blocks (and inlined postings) through the `dumps` it imported
whoosh3.dumps = _block_dumps


class IndexFolder:
    """The generations under `root` and the writers' lock beside it."""

    def __init__(self, root: Path):
        self.root = root

    def current_name(self) -> str | None:
        """The live generation; None before the first index. DamagedIndex when CURRENT is there but
        names no generation (overwritten, emptied, or its folder gone)."""
        try:
            raw = (self.root / "CURRENT").read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise DamagedIndex(f"CURRENT cannot be read: {error}") from error
        name = raw.decode("ascii", errors="replace").strip()
        if not GENERATION.fullmatch(name) or not (self.root / name).is_dir():
            raise DamagedIndex(f"CURRENT names no index generation: {name[:40]!r}")
        return name

    def set_current(self, name: str) -> None:
        tmp = self.root / f"CURRENT.{os.getpid()}.tmp"
        tmp.write_text(name)
        os.replace(tmp, self.root / "CURRENT")

    def new_generation(self) -> tuple[str, object]:
        self.root.mkdir(parents=True, exist_ok=True)
        name = f"gen-{time.time_ns()}-{os.getpid()}"
        folder = self.root / name
        folder.mkdir()
        return name, whoosh_index.create_in(str(folder), make_schema())

    def open(self, create: bool = True):
        """The live index (created empty on first use when `create`), on a TrackingStorage."""
        name = self.current_name()
        if name is not None:
            storage = TrackingStorage(str(self.root / name))
            with closing_on_failure(storage):
                return storage.open_index()
        if not create:
            return None
        name, ix = self.new_generation()
        self.set_current(name)
        return ix

    @contextmanager
    def writer_lock(self, timeout: float):
        """Hold the writer's file lock, shared by every process using this index folder; yields
        True when acquired within `timeout` seconds."""
        self.root.parent.mkdir(parents=True, exist_ok=True)
        handle = open(str(self.root) + ".lock", "a+")
        deadline = time.monotonic() + timeout
        acquired = False
        try:
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    acquired = True
                    break
                except OSError as error:
                    if error.errno not in (errno.EAGAIN, errno.EACCES):
                        raise
                    if time.monotonic() >= deadline:
                        break
                    time.sleep(0.02)
            yield acquired
        finally:
            if acquired:
                fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()
