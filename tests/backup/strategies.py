"""Hypothesis strategies derived from the SQLAlchemy metadata: a dataset holds rows for every
table (foreign keys point at rows that exist, unique constraints and CHECKs hold) whose text
columns carry any Unicode a database stores, plus upload files of arbitrary bytes.

Nothing here knows a table by name: a new table or column is covered as soon as it is in the
metadata, and a column type or CHECK constraint the strategies cannot fill fails loudly."""
import string
from datetime import timezone

from hypothesis import strategies as st
from sqlalchemy import (
    ARRAY, JSON, Boolean, Date, DateTime, Float, Integer, LargeBinary, Numeric, String, Time,
)
from sqlalchemy.dialects.postgresql import TSVECTOR

#: characters that break line-based formats or trip up encoders: every line separator Python's
#: str.splitlines() knows, controls, BOM and non-characters, quotes and JSON punctuation, astral
#: characters (emoji, a ZWJ sequence, the last code point), combining marks and RTL overrides.
#: NUL is left out: PostgreSQL refuses it in text (the app refuses it at the edge).
AWKWARD = ("\n\r\u2028\u2029\u0085\x1c\x1d\x1e\x0b\x0c\t\x01\x1f\x7f\x80\x9f\ufeff\ufffe\uffff"
           "\u200b\u202e\"'\\{}[],:\U0001F600\U0001F469\u200d\U0001F4BB\U0010FFFF\U00020000e\u0301é€")
#: how long a generated Text (unbounded) value gets at most
TEXT_LIMIT = 10_000
INT32 = (-2**31, 2**31 - 1)
INT64 = (-2**63, 2**63 - 1)

characters = st.one_of(st.sampled_from(AWKWARD), st.characters(codec="utf-8", exclude_characters="\x00"))


def text(limit: int | None) -> st.SearchStrategy[str]:
    """Short text of any characters, or text filling the whole column (`limit` characters)."""
    limit = limit or TEXT_LIMIT
    short = st.text(characters, max_size=min(limit, 40))
    full = st.text(characters, min_size=1, max_size=8).map(lambda piece: (piece * limit)[:limit])
    return st.one_of(short, short, full)


def _tsvector() -> st.SearchStrategy[str]:
    """A tsvector literal: quoted lexemes of awkward characters with positions and weights."""
    lexeme = st.text(characters.filter(lambda c: not c.isspace()), min_size=1, max_size=12).map(
        lambda word: "'" + word.replace("\\", "\\\\").replace("'", "''") + "'")
    entry = st.tuples(lexeme, st.integers(1, 16383), st.sampled_from("ABCD")).map(
        lambda parts: f"{parts[0]}:{parts[1]}{parts[2]}")
    return st.lists(entry, max_size=4).map(" ".join)


_json_leaf = st.one_of(st.none(), st.booleans(), st.integers(-2**53, 2**53),
                       st.floats(allow_nan=False, allow_infinity=False), text(60))
json_values = st.recursive(_json_leaf, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(text(20), inner, max_size=3)), max_leaves=8)


def value_strategy(column, dialect) -> st.SearchStrategy:
    """Any value the column's type holds on `dialect` (the type as that dialect implements it)."""
    kind = column.type.dialect_impl(dialect)
    if isinstance(kind, TSVECTOR):
        return _tsvector()
    if isinstance(kind, ARRAY):
        length = getattr(kind.item_type, "length", None)
        return st.lists(text(length), max_size=4)
    if isinstance(kind, JSON):
        return json_values
    if isinstance(kind, LargeBinary):
        return st.binary(max_size=512)
    if isinstance(kind, String):  # Text and Unicode too
        return text(kind.length)
    if isinstance(kind, Boolean):
        return st.booleans()
    if isinstance(kind, Integer):
        low, high = INT64 if "big" in type(kind).__name__.lower() else INT32
        return st.integers(low, high)
    if isinstance(kind, Float):
        # SQLite turns NaN into NULL, which a NOT NULL column refuses
        return st.floats(allow_nan=dialect.name != "sqlite", width=64)
    if isinstance(kind, Numeric):
        return st.decimals(allow_nan=False, allow_infinity=False, places=kind.scale or 0,
                           min_value=-10**6, max_value=10**6)
    if isinstance(kind, DateTime):
        zone = st.just(timezone.utc) if kind.timezone else st.none()
        return st.datetimes(timezones=zone)
    if isinstance(kind, Date):
        return st.dates()
    if isinstance(kind, Time):
        return st.times()
    raise TypeError(f"no strategy for {column.table.name}.{column.name} of type {kind!r}: add one")


#: the CHECK constraints of the schema, as the rows a strategy may produce must satisfy them
CHECKS = {
    "weight >= 0": lambda row: row["weight"] >= 0,
    "action_id IS NOT NULL OR objective_id IS NOT NULL":
        lambda row: row["action_id"] is not None or row["objective_id"] is not None,
}


def _checks(table):
    found = []
    for constraint in table.constraints:
        sql = getattr(constraint, "sqltext", None)
        if sql is not None:
            if str(sql) not in CHECKS:
                raise LookupError(f"CHECK ({sql}) on {table.name}: tell tests/backup/strategies.py")
            found.append(CHECKS[str(sql)])
    return found


def _unique_keys(table) -> list[tuple[str, ...]]:
    """The column sets whose values must be unique: primary key, unique constraints and indexes."""
    sets = [list(table.primary_key.columns)]
    sets += [list(c.columns) for c in table.constraints if type(c).__name__ == "UniqueConstraint"]
    sets += [list(index.columns) for index in table.indexes if index.unique]
    return sorted({tuple(column.name for column in columns) for columns in sets if columns})


def deferred_columns(table, tables) -> list:
    """Foreign keys to the table itself or to a table that comes later (cycles): such a row goes
    in with NULL there, and the reference is set once every row exists."""
    position = {t.name: n for n, t in enumerate(tables)}
    return [fk.parent for fk in table.foreign_keys
            if position[fk.column.table.name] >= position[table.name]]


class _Pick(int):
    """A reference drawn before the rows it points at exist: the n-th row of the parent table
    (modulo its size), replaced by that row's key once the dataset is drawn."""


def _row(table, dialect, max_rows: int) -> st.SearchStrategy[dict]:
    fields = {}
    for column in table.columns:
        if column.foreign_keys:
            value = st.integers(0, max_rows - 1).map(_Pick)
        else:
            value = value_strategy(column, dialect)
        fields[column.name] = st.one_of(st.none(), value) if column.nullable else value
    row = st.fixed_dictionaries(fields)
    for check in _checks(table):  # a check sees the references as picks, NULL or not as they will be
        row = row.filter(check)
    return row


def _resolve(tables, drawn: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Replace the picks by keys of existing rows (later and own tables' once every table is
    done) and drop the rows that would break a unique constraint (never the first)."""
    rows = {}
    for table in tables:
        deferred = {column.name for column in deferred_columns(table, tables)}
        kept, seen = [], set()
        for row in map(dict, drawn[table.name]):
            for column in table.columns:
                if column.name not in deferred and isinstance(row[column.name], _Pick):
                    row[column.name] = _target(column, rows, row[column.name])
            keys = {(key, tuple(row[name] for name in key)) for key in _unique_keys(table)}
            if not keys & seen:
                kept.append(row)
                seen |= keys
        rows[table.name] = kept
    for table in tables:
        for column in deferred_columns(table, tables):
            for row in rows[table.name]:
                if isinstance(row[column.name], _Pick):
                    row[column.name] = _target(column, rows, row[column.name])
    return rows


def _target(column, rows, pick: int):
    key = next(iter(column.foreign_keys)).column
    parents = rows[key.table.name]
    return parents[pick % len(parents)][key.name]


def datasets(tables, dialect, max_rows: int = 2) -> st.SearchStrategy[dict[str, list[dict]]]:
    """{table name: [row, ...]} with 1 to `max_rows` rows in every table of `tables` (sorted so a
    table comes after those it refers to, as MetaData.sorted_tables gives them)."""
    for table in tables:
        deferred = {column.name for column in deferred_columns(table, tables)}
        if any(deferred & set(key) for key in _unique_keys(table)):
            raise LookupError(f"{table.name}: a unique key holds a deferred reference; teach _resolve")
    drawn = st.fixed_dictionaries({table.name: st.lists(_row(table, dialect, max_rows), min_size=1,
                                                        max_size=max_rows) for table in tables})
    return drawn.map(lambda rows: _resolve(tables, rows))


_segment = st.text(st.one_of(st.sampled_from(string.ascii_letters + string.digits + " -_+~"),
                             st.characters(categories=("L", "N", "So"), codec="utf-8")),
                   min_size=1, max_size=12)
#: relative upload paths: folders never hold a dot, files always end in ".bin", so no path is
#: both a file and a folder
upload_paths = st.tuples(st.lists(_segment, max_size=2), _segment).map(
    lambda parts: "/".join([*parts[0], parts[1] + ".bin"]))
uploads = st.dictionaries(upload_paths, st.one_of(st.binary(max_size=2048), st.binary(min_size=1, max_size=4).map(
    lambda piece: piece * 20_000)), max_size=3)
