"""A table's rows as JSON lines: one JSON object per row, values portable between SQLite and
PostgreSQL (ISO dates, base64 bytes, decimals as strings).

Lines are written in ASCII (`ensure_ascii`) and split on "\\n" alone. JSON never writes a raw
newline inside a string, so no value can break a line; str.splitlines() also splits on U+2028,
U+2029, U+0085, \\x1c-\\x1e, \\x0b and \\x0c, which format 1 wrote raw, and lost such backups.
Splitting on "\\n" reads format 1 correctly too.
"""
import base64
import binascii
import json
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from sqlalchemy import Date, DateTime, Float, Integer, LargeBinary, Numeric, Time

from app.backup.errors import BackupError


def _encode(value):
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode()
    if isinstance(value, Decimal):
        return str(value)
    return value


def encode_rows(rows) -> tuple[bytes, int]:
    """The JSON lines of `rows` (mappings of column name to value), and how many there are."""
    lines = [json.dumps({key: _encode(value) for key, value in row.items()}, ensure_ascii=True,
                        sort_keys=True, separators=(",", ":")) for row in rows]
    return "".join(line + "\n" for line in lines).encode("ascii"), len(lines)


def parse_rows(table: str, data: bytes) -> list[dict]:
    """The records of one table's JSON lines; BackupError on anything that is not one."""
    if data and not data.endswith(b"\n"):
        raise BackupError(f"the rows of table {table} are cut off")
    rows = []
    for number, line in enumerate(data.split(b"\n")[:-1], 1):
        try:
            row = json.loads(line)
        except ValueError as error:  # UnicodeDecodeError included
            raise BackupError(f"table {table}, line {number} is not a JSON record: {error}") from error
        if not isinstance(row, dict):
            raise BackupError(f"table {table}, line {number} is not a JSON object")
        rows.append(row)
    return rows


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
        return base64.b64decode(value, validate=True)
    if isinstance(kind, Float):
        return float(value)
    if isinstance(kind, Numeric) and not isinstance(kind, Integer):
        return Decimal(value)
    return value


def decode_rows(table, rows: list[dict]) -> list[dict]:
    """Rows of JSON values as the values `table`'s columns take; every column must be there."""
    columns = {column.name: column for column in table.columns}
    decoded = []
    for number, row in enumerate(rows, 1):
        if row.keys() != columns.keys():
            differ = sorted(row.keys() ^ columns.keys())
            raise BackupError(f"table {table.name}, row {number}: columns {', '.join(differ)} do not "
                              "match this version's schema")
        values = {}
        for name, value in row.items():
            try:
                values[name] = _decode(columns[name], value)
            except (ValueError, TypeError, binascii.Error, InvalidOperation) as error:
                raise BackupError(f"table {table.name}, row {number}, column {name}: {error}") from error
        decoded.append(values)
    return decoded
