"""Write and restore backups: every table as JSON lines, the uploads, and a manifest of checksums.

The dump is portable between SQLite and PostgreSQL (JSON values, not SQL) and read inside one
repeatable-read transaction so it is consistent. A restore first checks the whole file against
its manifest, then the target (same schema revision, no rows, no uploads); it puts the uploads in
a staging folder, inserts every row in one transaction and only then moves the uploads in, so a
refused or failed restore leaves the target as it was.
"""
import json
import os
import shutil
import tempfile
from pathlib import Path

from alembic.migration import MigrationContext
from flask import current_app
from sqlalchemy import Integer, exists, literal, or_, select, text
from sqlalchemy.exc import SQLAlchemyError

from app.backup.archive import FORMAT_VERSION, KIND, BackupWriter, extract_files, read_backup
from app.backup.errors import BackupError
from app.backup.records import decode_rows, encode_rows
from app.core.timeutil import utcnow
from app.extensions import db

__all__ = ["BackupError", "FORMAT_VERSION", "database_is_empty", "restore_backup", "write_backup"]


def _tables():
    return list(db.metadata.sorted_tables)


def _upload_root() -> Path:
    return Path(current_app.config["UPLOAD_PATH"])


def write_backup(target: Path) -> dict:
    """Write a .tar.gz backup to `target` and return its manifest."""
    upload_root = _upload_root()
    manifest = {"format": FORMAT_VERSION, "kind": KIND, "created_at": utcnow().isoformat(),
                "tables": {}, "files": {}}
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    engine = db.engine
    options = {"isolation_level": "REPEATABLE READ"} if engine.dialect.name == "postgresql" else {}
    writer = BackupWriter(partial)
    try:
        with engine.connect().execution_options(**options) as connection, connection.begin():
            manifest["revision"] = MigrationContext.configure(connection).get_current_revision()
            manifest["dialect"] = engine.dialect.name
            for table in _tables():
                order = list(table.primary_key.columns) or list(table.columns)
                data, count = encode_rows(connection.execute(select(table).order_by(*order)).mappings())
                digest = writer.add_bytes(f"data/{table.name}.jsonl", data)
                manifest["tables"][table.name] = {"rows": count, "sha256": digest}
        # Uploads are written before their rows commit and never changed in place, so every file a
        # row of the snapshot names is already there.
        if upload_root.exists():
            for path in sorted(p for p in upload_root.rglob("*") if p.is_file()):
                relative = path.relative_to(upload_root).as_posix()
                size, digest = writer.add_file(f"files/{relative}", path)
                manifest["files"][relative] = {"bytes": size, "sha256": digest}
        writer.add_bytes("manifest.json", json.dumps(manifest, indent=2, sort_keys=True).encode())
        writer.close()
    except BaseException as error:
        writer.abort()
        partial.unlink(missing_ok=True)
        if isinstance(error, OSError | SQLAlchemyError):
            raise BackupError(f"cannot write the backup: {error}") from error
        raise
    os.replace(partial, target)
    return manifest


def database_is_empty() -> bool:
    """Whether no table holds a row (one query)."""
    with db.engine.connect() as connection:
        return not connection.execute(select(or_(*(exists(select(literal(1)).select_from(table))
                                                     for table in _tables())))).scalar()


def _check_target(manifest: dict) -> None:
    """Restore only into an empty instance whose schema is at the backup's revision."""
    try:
        with db.engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
        if current != manifest.get("revision"):
            raise BackupError(
                f"the database is at revision {current}, the backup at {manifest.get('revision')}: "
                "run `flask db upgrade` (or check out the matching version) first"
            )
        if not database_is_empty():
            raise BackupError("the database is not empty: restore only into an empty instance")
    except SQLAlchemyError as error:
        raise BackupError(f"cannot read the target database: {error}") from error
    upload_root = _upload_root()
    if upload_root.exists() and any(p.is_file() for p in upload_root.rglob("*")):
        raise BackupError(f"the upload folder {upload_root} is not empty")
    names = {table.name for table in _tables()}
    if set(manifest["tables"]) != names:
        differ = sorted(set(manifest["tables"]) ^ names)
        raise BackupError(f"the backup's tables do not match this version's schema: {', '.join(differ)}")


def restore_backup(source: Path) -> dict:
    """Restore a backup into an empty instance whose schema is at the backup's revision."""
    source = Path(source)
    backup = read_backup(source)  # the whole file, checked before anything is touched
    _check_target(backup.manifest)
    rows = {table.name: decode_rows(table, backup.tables[table.name]) for table in _tables()}
    upload_root = _upload_root()
    upload_root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{upload_root.name}-restoring-", dir=upload_root.parent))
    try:
        extract_files(source, staging, backup.files)
        _insert(rows)
        try:
            _move_into(staging, upload_root)
        except OSError as error:
            raise BackupError(f"the rows are restored, but the uploads could not be moved into {upload_root} "
                              f"({error}): empty the database and the upload folder, then restore again") from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return backup.manifest


def _insert(rows: dict[str, list[dict]]) -> None:
    """Insert every row in one transaction (rolled back whole if the database refuses one)."""
    tables = _tables()
    position = {table.name: n for n, table in enumerate(tables)}
    try:
        with db.engine.begin() as connection:
            links = []  # (table, primary key, values) of references filled in once every row exists
            for table in tables:
                if not rows[table.name]:
                    continue
                # PostgreSQL checks each foreign key at once: a reference to a row not inserted yet
                # (a cycle such as minutes <-> their current revision, or a folder under a newer
                # folder) goes in as NULL and is set after all inserts.
                later = {fk.parent.name for fk in table.foreign_keys
                         if position.get(fk.column.table.name, -1) >= position[table.name]}
                for values in rows[table.name]:
                    pending = {key: values[key] for key in later if values.get(key) is not None}
                    if pending:
                        # an update would stamp `onupdate` columns (updated_at) with now: keep the backup's
                        pending.update({c.name: values.get(c.name) for c in table.columns if c.onupdate is not None})
                        values.update(dict.fromkeys(key for key in pending if key in later))
                        links.append((table, {c.name: values[c.name] for c in table.primary_key.columns}, pending))
                connection.execute(table.insert(), rows[table.name])
            for table, key, pending in links:
                connection.execute(table.update().where(*(table.c[name] == value for name, value in key.items()))
                                   .values(pending))
            if connection.dialect.name == "postgresql":
                _reset_sequences(connection)
    except SQLAlchemyError as error:
        raise BackupError(f"the database refused the backup's rows, nothing was restored: "
                          f"{getattr(error, 'orig', None) or error}") from error


def _move_into(source: Path, target: Path) -> None:
    """Move the tree under `source` into `target` (which holds no files, perhaps empty folders)."""
    if not target.exists():
        os.replace(source, target)
        return
    for entry in source.iterdir():
        destination = target / entry.name
        if entry.is_dir() and destination.is_dir():
            _move_into(entry, destination)
        else:
            os.replace(entry, destination)


def _reset_sequences(connection) -> None:
    """After inserting explicit ids, move each serial sequence past the highest id (without
    adding to it: the highest id may be the largest the column holds); one query for all."""
    calls = []
    for table in _tables():
        for column in table.primary_key.columns:
            if isinstance(column.type, Integer) and column.autoincrement in (True, "auto"):
                top = f'(SELECT MAX("{column.name}") FROM "{table.name}")'
                calls.append(f"setval(pg_get_serial_sequence('\"{table.name}\"', '{column.name}'), "
                             f"GREATEST(COALESCE({top}, 1), 1), COALESCE({top} >= 1, false))")
    if calls:
        connection.execute(text("SELECT " + ", ".join(calls)))
