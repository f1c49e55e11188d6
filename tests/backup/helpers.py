"""Put a generated dataset into a database, empty one, and take the snapshots a round trip compares:
every row of every table with all its columns, and every upload by its sha256."""
import hashlib
import shutil
from pathlib import Path

from sqlalchemy import select

from app.extensions import db
from tests.backup.strategies import deferred_columns

#: every character str.splitlines() splits on, which format 1 wrote raw into its records
SEPARATORS = "\n\r\u2028\u2029\u0085\x1c\x1d\x1e\x0b\x0c"


def tables() -> list:
    import app.models  # noqa: F401  (every table in the metadata)
    return list(db.metadata.sorted_tables)


def insert_dataset(engine, dataset: dict[str, list[dict]]) -> None:
    """Insert the rows as they are (explicit ids), references to later rows set afterwards."""
    ordered = tables()
    with engine.begin() as connection:
        links = []
        for table in ordered:
            deferred = {column.name for column in deferred_columns(table, ordered)}
            rows = dataset[table.name]
            connection.execute(table.insert(), [{**row, **dict.fromkeys(deferred)} for row in rows])
            for row in rows:
                later = {name: row[name] for name in deferred if row[name] is not None}
                if later:
                    # an UPDATE stamps `onupdate` columns (updated_at): keep the generated values
                    later.update({c.name: row[c.name] for c in table.columns if c.onupdate is not None})
                    key = [table.c[c.name] == row[c.name] for c in table.primary_key.columns]
                    links.append(table.update().where(*key).values(later))
        for statement in links:
            connection.execute(statement)


def empty_database(engine) -> None:
    """Delete every row (faster than TRUNCATE on PostgreSQL for a few rows), in one round trip:
    references that form cycles are cleared first, then tables go from the last to the first."""
    ordered = tables()
    statements = [f'UPDATE "{table.name}" SET ' + ", ".join(f'"{column.name}" = NULL' for column in deferred)
                  for table in ordered if (deferred := deferred_columns(table, ordered))]
    statements += [f'DELETE FROM "{table.name}"' for table in reversed(ordered)]
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.exec_driver_sql("; ".join(statements))
        else:  # the sqlite3 driver runs one statement at a time
            for statement in statements:
                connection.exec_driver_sql(statement)


def empty_folder(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def write_files(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _comparable(value):
    # NaN is not equal to itself; the hex form of a float is exact
    return value.hex() if isinstance(value, float) else value


def snapshot(engine) -> dict[str, list[tuple]]:
    """Every row of every table, all columns, in primary key order."""
    with engine.connect() as connection:
        return {table.name: [tuple(_comparable(value) for value in row) for row in connection.execute(
                    select(table).order_by(*table.primary_key.columns))]
                for table in tables()}


def file_digests(root: Path) -> dict[str, str]:
    """Every file under `root` (relative path) with the sha256 of its bytes."""
    root = Path(root)
    if not root.exists():
        return {}
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in root.rglob("*") if path.is_file()}

