"""The backup file: a tar archive (manifest.json, data/<table>.jsonl, files/<upload>) in a gzip
container (container.py), written and read as a stream, and checked completely before a restore
uses it. Format 1 (any gzip header, records with raw UTF-8) is still read.
"""
import gzip
import hashlib
import io
import json
import os
import re
import tarfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from app.backup.container import CHUNK, DIGEST_SIZE, GZIP_HEADER, GzipWriter, StrictGzipReader
from app.backup.errors import BackupError
from app.backup.records import parse_rows
from app.core.timeutil import utcnow

FORMAT_VERSION = 2
READABLE_FORMATS = (1, 2)
#: what a format 2 manifest says it is, so another tool's manifest.json is not taken for ours
KIND = "spitsregio-backup"
SHA256 = re.compile(r"[0-9a-f]{64}")


class _HashingReader:
    def __init__(self, file):
        self.file, self.sha = file, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.file.read(size)
        self.sha.update(data)
        return data


class BackupWriter:
    """Adds members to a new backup file; `close()` completes it, `abort()` leaves it unfinished."""

    def __init__(self, path: Path):
        self.file = open(path, "wb")
        self.gzip = GzipWriter(self.file)
        self.tar = tarfile.open(fileobj=self.gzip, mode="w|", format=tarfile.PAX_FORMAT)

    def _info(self, name: str, size: int) -> tarfile.TarInfo:
        info = tarfile.TarInfo(name)
        info.size, info.mtime = size, int(utcnow().timestamp())
        return info

    def add_bytes(self, name: str, data: bytes) -> str:
        """Add `data` as `name`; returns its sha256."""
        self.tar.addfile(self._info(name, len(data)), io.BytesIO(data))
        return hashlib.sha256(data).hexdigest()

    def add_file(self, name: str, path: Path) -> tuple[int, str]:
        """Add the file at `path` as `name`, streamed; returns its size and sha256."""
        with path.open("rb") as file:
            size = path.stat().st_size
            reader = _HashingReader(file)
            self.tar.addfile(self._info(name, size), reader)
        return size, reader.sha.hexdigest()

    def close(self) -> None:
        self.tar.close()
        self.gzip.finish()
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()

    def abort(self) -> None:
        self.file.close()


# --- reading -------------------------------------------------------------------------------------

def _scan(source: Path, take) -> bool:
    """Read every member of the backup at `source` in order, giving `take(name, reader)` each
    one, then the container to its very end (its checksum). Returns whether the container is
    format 2's (GZIP_HEADER); BackupError on anything unreadable."""
    try:
        with open(source, "rb") as raw:
            strict = raw.read(len(GZIP_HEADER)) == GZIP_HEADER
            if strict:
                stream = StrictGzipReader(raw, raw.read(DIGEST_SIZE))
            else:
                raw.seek(0)
                if raw.read(2) != GZIP_HEADER[:2]:
                    raise BackupError(f"{source.name} is not a Spitsregio backup (not a .tar.gz file)")
                raw.seek(0)
                stream = gzip.GzipFile(fileobj=raw, mode="rb")
            with tarfile.open(fileobj=stream, mode="r|") as archive:
                for member in archive:
                    if not member.isfile():
                        raise BackupError(f"unexpected entry {member.name!r} in the backup (not a file)")
                    take(member.name, archive.extractfile(member))
            while stream.read(CHUNK):
                pass
    except BackupError:
        raise
    except (OSError, EOFError, ValueError, zlib.error, tarfile.TarError) as error:
        raise BackupError(f"{source.name} is damaged or not a Spitsregio backup: {error}") from error
    return strict


def _stream_hash(reader, sink=None) -> tuple[int, str]:
    sha, size = hashlib.sha256(), 0
    while data := reader.read(CHUNK):
        sha.update(data)
        size += len(data)
        if sink is not None:
            sink.write(data)
    return size, sha.hexdigest()


@dataclass
class Backup:
    """A backup file checked against its manifest: the records of each table (JSON values) and
    the uploads' names, sizes and sha256 (their bytes stay in the file)."""
    manifest: dict
    tables: dict[str, list[dict]]
    files: dict[str, dict]


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_safe_path(name) -> bool:
    if not isinstance(name, str) or not name or "\x00" in name:
        return False
    path = PurePosixPath(name)
    return not path.is_absolute() and path.as_posix() == name and not {"..", "."} & set(path.parts)


def _check_manifest(data: bytes | None, strict: bool) -> dict:
    if data is None:
        raise BackupError("the file holds no manifest.json: it is not a Spitsregio backup")
    try:
        manifest = json.loads(data)
    except ValueError as error:
        raise BackupError(f"the manifest is damaged: {error}") from error
    version = manifest.get("format") if isinstance(manifest, dict) else None
    if version not in READABLE_FORMATS or isinstance(version, bool):
        raise BackupError(f"backup format {version!r} is not one this version reads "
                          f"({', '.join(map(str, READABLE_FORMATS))})")
    if version >= 2 and manifest.get("kind") != KIND:
        raise BackupError("the manifest does not say it is a Spitsregio backup")
    if strict != (version >= 2):
        raise BackupError("the file's compressed container does not match its format: it is damaged")
    tables, files = manifest.get("tables"), manifest.get("files")
    revision = manifest.get("revision")
    if not (isinstance(tables, dict) and isinstance(files, dict) and (revision is None or isinstance(revision, str))
            and all(isinstance(entry, dict) and _is_count(entry.get("rows"))
                    and SHA256.fullmatch(str(entry.get("sha256"))) for entry in tables.values())
            and all(_is_safe_path(name) and isinstance(entry, dict) and _is_count(entry.get("bytes"))
                    and SHA256.fullmatch(str(entry.get("sha256"))) for name, entry in files.items())):
        raise BackupError("the manifest is damaged: its tables, files or revision are not what a backup lists")
    return manifest


def _differences(what: str, listed, present) -> None:
    missing, extra = sorted(set(listed) - set(present)), sorted(set(present) - set(listed))
    if missing:
        raise BackupError(f"{what} {', '.join(missing[:5])}: listed in the manifest, missing from the backup")
    if extra:
        raise BackupError(f"{what} {', '.join(extra[:5])}: in the backup, not listed in its manifest")


def read_backup(source: Path) -> Backup:
    """Read and check the whole backup at `source` (touching nothing else): the container, the
    manifest, each table's sha256 and row count, each file's sha256 and size."""
    source = Path(source)
    found: dict[str, object] = {}
    data: dict[str, bytes] = {}
    hashes: dict[str, tuple[int, str]] = {}

    def take(name: str, reader) -> None:
        if name in found:
            raise BackupError(f"the backup holds {name!r} twice")
        if name == "manifest.json" or (name.startswith("data/") and name.endswith(".jsonl")):
            found[name] = data[name] = reader.read()
        elif name.startswith("files/"):
            found[name] = hashes[name[len("files/"):]] = _stream_hash(reader)
        else:
            raise BackupError(f"unexpected entry {name!r}: not a Spitsregio backup")

    strict = _scan(source, take)
    manifest = _check_manifest(data.pop("manifest.json", None), strict)
    records = {name[len("data/"):-len(".jsonl")]: value for name, value in data.items()}
    _differences("table", manifest["tables"], records)
    _differences("file", manifest["files"], hashes)
    tables = {}
    for name, entry in manifest["tables"].items():
        if hashlib.sha256(records[name]).hexdigest() != entry["sha256"]:
            raise BackupError(f"table {name} is damaged in the backup (its sha256 does not match)")
        tables[name] = parse_rows(name, records[name])
        if len(tables[name]) != entry["rows"]:
            raise BackupError(f"table {name} holds {len(tables[name])} rows, the manifest says {entry['rows']}")
    for name, entry in manifest["files"].items():
        if hashes[name] != (entry["bytes"], entry["sha256"]):
            raise BackupError(f"file {name} is damaged in the backup (its size or sha256 does not match)")
    return Backup(manifest, tables, manifest["files"])


def extract_files(source: Path, folder: Path, files: dict[str, dict]) -> None:
    """Write the uploads of the (already checked) backup into `folder`, checking each again."""
    written = set()

    def take(name: str, reader) -> None:
        if not name.startswith("files/"):
            return
        name = name[len("files/"):]
        if name not in files or name in written:
            raise BackupError(f"the backup changed while it was restored ({name})")
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as sink:
            if _stream_hash(reader, sink) != (files[name]["bytes"], files[name]["sha256"]):
                raise BackupError(f"the backup changed while it was restored ({name})")
        written.add(name)

    _scan(Path(source), take)
    _differences("file", files, written)
