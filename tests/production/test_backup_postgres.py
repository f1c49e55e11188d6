"""Backup and restore between PostgreSQL databases, as an operator runs them, with the demo data
(minutes and their current revisions refer to each other) and the PostgreSQL search entries; a
damaged backup is refused and leaves the restored instance as it was."""
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from app.extensions import db
from tests.production.conftest import Host

pytestmark = pytest.mark.slow  # child processes and databases of their own


def snapshot(url: str) -> dict:
    import app.models  # noqa: F401  (every table in the metadata)

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {table.name: [tuple(row) for row in connection.execute(
                        select(table).order_by(*(table.primary_key.columns or table.columns)))]
                    for table in db.metadata.sorted_tables}
    finally:
        engine.dispose()


def files(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_postgres_round_trip_restores_every_record_and_file(new_postgres_database, tmp_path):
    source = Host(tmp_path / "source", new_postgres_database(), SEARCH_BACKEND="postgres")
    target = Host(tmp_path / "target", new_postgres_database(), SEARCH_BACKEND="postgres")
    source.flask("db", "upgrade")
    source.flask("seed-demo")
    archive = tmp_path / "backup.tar.gz"
    source.flask("backup", "--output", str(archive))

    target.flask("db", "upgrade")
    output = target.flask("restore", str(archive)).stdout
    assert "Search index rebuilt" in output

    before, after = snapshot(source.env["DATABASE_URL"]), snapshot(target.env["DATABASE_URL"])
    assert before["minutes"] and before["minutes_revisions"] and before["search_entries"]
    assert after == before
    assert files(tmp_path / "target" / "uploads") == files(tmp_path / "source" / "uploads")
    assert "consistent" in target.flask("check-index").stdout
    # a damaged copy is refused before anything is touched: the restored instance stays as it is
    damaged = tmp_path / "damaged.tar.gz"
    damaged.write_bytes(archive.read_bytes()[:-1000])
    refused = target.run(sys.executable, "-m", "flask", "--app", "wsgi", "restore", str(damaged))
    assert refused.returncode == 1 and "Error: the file is cut off" in refused.stderr, refused.stderr[-2000:]
    assert snapshot(target.env["DATABASE_URL"]) == before
    # the restored instance takes new rows (its sequences moved past the restored ids)
    target.flask("create-user", "nieuw@example.be", "--name", "Nieuw", "--password", "een-lang-wachtwoord")
