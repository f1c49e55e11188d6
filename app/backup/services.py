"""Write and restore backups: every table as JSON lines, the uploads, and a manifest of checksums.

The dump is portable between SQLite and PostgreSQL (JSON values, not SQL), read inside one
repeatable-read transaction so it is consistent, and checked against its manifest before a restore
touches anything.
"""
import base64
import hashlib
import io
import json
import os
import tarfile
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from alembic.migration import MigrationContext
from flask import current_app
from sqlalchemy import Date, DateTime, Integer, LargeBinary, Numeric, Time, func, select, text

from app.core.timeutil import utcnow
from app.extensions import db

FORMAT_VERSION = 1


class BackupError(Exception):
    """A backup cannot be written or restored; the message says why."""


def _encode(value):
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _decode(column, value):
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    if isinstance(kind, Time):
        return time.fromisoformat(value)
    if isinstance(kind, LargeBinary):
        return base64.b64decode(value)
    if isinstance(kind, Numeric) and not isinstance(kind, Integer):
        return Decimal(value)
    return value


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(utcnow().timestamp())
    archive.addfile(info, io.BytesIO(data))


def _tables():
    return list(db.metadata.sorted_tables)


def write_backup(target: Path) -> dict:
    """Write a .tar.gz backup to `target` and return its manifest."""
    upload_root = Path(current_app.config["UPLOAD_PATH"])
    manifest = {"format": FORMAT_VERSION, "created_at": utcnow().isoformat(), "tables": {}, "files": {}}
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    engine = db.engine
    options = {"isolation_level": "REPEATABLE READ"} if engine.dialect.name == "postgresql" else {}
    with tarfile.open(partial, "w:gz") as archive:
        with engine.connect().execution_options(**options) as connection, connection.begin():
            manifest["revision"] = MigrationContext.configure(connection).get_current_revision()
            manifest["dialect"] = engine.dialect.name
            for table in _tables():
                order = [column for column in table.primary_key.columns] or list(table.columns)
                rows = connection.execute(select(table).order_by(*order)).mappings()
                lines = [json.dumps({key: _encode(value) for key, value in row.items()}, ensure_ascii=False,
                                    sort_keys=True) for row in rows]
                data = ("\n".join(lines) + ("\n" if lines else "")).encode()
                _add_bytes(archive, f"data/{table.name}.jsonl", data)
                manifest["tables"][table.name] = {"rows": len(lines), "sha256": _sha256(data)}
        # Uploads are written before their rows commit and never changed in place, so every file a
        # row of the snapshot names is already there.
        if upload_root.exists():
            for path in sorted(p for p in upload_root.rglob("*") if p.is_file()):
                relative = path.relative_to(upload_root).as_posix()
                data = path.read_bytes()
                _add_bytes(archive, f"files/{relative}", data)
                manifest["files"][relative] = {"bytes": len(data), "sha256": _sha256(data)}
        _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2, sort_keys=True).encode())
    os.replace(partial, target)
    return manifest


def _read_archive(source: Path) -> tuple[dict, dict[str, bytes]]:
    try:
        with tarfile.open(source, "r:gz") as archive:
            members = {}
            for member in archive.getmembers():
                if not member.isfile():
                    continue
                name = member.name
                if name.startswith("/") or ".." in Path(name).parts:
                    raise BackupError(f"unsafe path in backup: {name}")
                members[name] = archive.extractfile(member).read()
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"cannot read backup {source}: {error}") from error
    if "manifest.json" not in members:
        raise BackupError("the backup has no manifest.json")
    manifest = json.loads(members.pop("manifest.json"))
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"unknown backup format {manifest.get('format')}")
    for name, entry in manifest["tables"].items():
        data = members.get(f"data/{name}.jsonl")
        if data is None or _sha256(data) != entry["sha256"]:
            raise BackupError(f"table {name} is missing or damaged in the backup")
    for name, entry in manifest["files"].items():
        data = members.get(f"files/{name}")
        if data is None or _sha256(data) != entry["sha256"]:
            raise BackupError(f"file {name} is missing or damaged in the backup")
    return manifest, members


def database_is_empty() -> bool:
    with db.engine.connect() as connection:
        for table in _tables():
            if connection.execute(select(func.count()).select_from(table)).scalar():
                return False
    return True


def restore_backup(source: Path) -> dict:
    """Restore a backup into an empty instance whose schema is at the backup's revision."""
    manifest, members = _read_archive(Path(source))
    with db.engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    if current != manifest.get("revision"):
        raise BackupError(
            f"the database is at revision {current}, the backup at {manifest.get('revision')}: "
            "run `flask db upgrade` (or check out the matching version) first"
        )
    if not database_is_empty():
        raise BackupError("the database is not empty: restore only into an empty instance")
    upload_root = Path(current_app.config["UPLOAD_PATH"])
    if upload_root.exists() and any(p.is_file() for p in upload_root.rglob("*")):
        raise BackupError(f"the upload folder {upload_root} is not empty")
    known = {table.name: table for table in _tables()}
    with db.engine.begin() as connection:
        for name in manifest["tables"]:
            if name not in known:
                raise BackupError(f"the backup has a table {name} this version does not know")
        position = {table.name: n for n, table in enumerate(_tables())}
        links = []  # (table, primary key, values) of references filled in once every row exists
        for table in _tables():
            data = members.get(f"data/{table.name}.jsonl", b"").decode()
            rows = [json.loads(line) for line in data.splitlines() if line]
            if not rows:
                continue
            columns = {column.name: column for column in table.columns}
            # PostgreSQL checks each foreign key at once: a reference to a row not inserted yet
            # (a cycle such as minutes <-> their current revision, or a folder under a newer
            # folder) goes in as NULL and is set after all inserts.
            later = {fk.parent.name for fk in table.foreign_keys
                     if position.get(fk.column.table.name, -1) >= position[table.name]}
            decoded = []
            for row in rows:
                values = {key: _decode(columns[key], value) for key, value in row.items() if key in columns}
                pending = {key: values[key] for key in later if values.get(key) is not None}
                if pending:
                    # an update would stamp `onupdate` columns (updated_at) with now: keep the backup's
                    pending.update({c.name: values.get(c.name) for c in table.columns if c.onupdate is not None})
                    values.update(dict.fromkeys(key for key in pending if key in later))
                    links.append((table, {c.name: values[c.name] for c in table.primary_key.columns}, pending))
                decoded.append(values)
            connection.execute(table.insert(), decoded)
        for table, key, pending in links:
            connection.execute(table.update().where(*(table.c[name] == value for name, value in key.items()))
                               .values(pending))
        if connection.dialect.name == "postgresql":
            _reset_sequences(connection)
    for name in manifest["files"]:
        path = upload_root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(members[f"files/{name}"])
    return manifest


def _reset_sequences(connection) -> None:
    """After inserting explicit ids, move each serial sequence past the highest id."""
    for table in _tables():
        for column in table.primary_key.columns:
            if isinstance(column.type, Integer) and column.autoincrement in (True, "auto"):
                connection.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', '{column.name}'), "
                    f"COALESCE((SELECT MAX(\"{column.name}\") FROM \"{table.name}\"), 0) + 1, false)"
                ))
