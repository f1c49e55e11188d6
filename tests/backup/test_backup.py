"""Backup and restore: a round trip into an empty instance gives back every record and file."""
import tarfile

import pytest
from sqlalchemy import create_engine, select

from app import create_app
from app.backup.services import BackupError, restore_backup, write_backup
from app.extensions import db


def _snapshot(engine) -> dict:
    with engine.connect() as connection:
        return {
            table.name: [tuple(row) for row in connection.execute(
                select(table).order_by(*(table.primary_key.columns or table.columns)))]
            for table in db.metadata.sorted_tables
        }


def _files(root) -> dict:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def populated(seeded, app, tmp_path):
    from pathlib import Path
    uploads = Path(app.config["UPLOAD_PATH"])
    (uploads / "ab").mkdir(parents=True)
    (uploads / "ab" / "3f2e.pdf").write_bytes(b"%PDF-1.4 demo\n")
    (uploads / "notes.txt").write_text("Notulen van de Taskforce")
    return app


def _stamp_head(app):
    from flask_migrate import stamp
    stamp(revision="head")


def test_round_trip_restores_every_record_and_file(populated, tmp_path, runner):
    app = populated
    _stamp_head(app)
    before = _snapshot(db.engine)
    files_before = _files(__import__("pathlib").Path(app.config["UPLOAD_PATH"]))
    target = tmp_path / "backup.tar.gz"
    result = runner.invoke(args=["backup", "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert "Backup written" in result.output

    with tarfile.open(target) as archive:
        names = archive.getnames()
    assert "manifest.json" in names and "data/users.jsonl" in names and "files/ab/3f2e.pdf" in names

    empty = tmp_path / "restored"
    other = create_app("testing", {
        "INSTANCE_PATH": str(empty), "SECRET_KEY": "x",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{empty / 'db.sqlite'}",
        "UPLOAD_PATH": str(empty / "uploads"), "SEARCH_INDEX_PATH": str(empty / "index"),
    })
    with other.app_context():
        from flask_migrate import upgrade
        upgrade()
        other_runner = other.test_cli_runner()
        result = other_runner.invoke(args=["restore", str(target)])
        assert result.exit_code == 0, result.output
        after = _snapshot(db.engine)
        db.engine.dispose()
    assert after == before
    assert _files(empty / "uploads") == files_before


def test_restore_refuses_a_non_empty_instance(populated, tmp_path):
    _stamp_head(populated)
    target = tmp_path / "b.tar.gz"
    write_backup(target)
    with pytest.raises(BackupError, match="not empty"):
        restore_backup(target)


def test_restore_refuses_a_damaged_backup(populated, tmp_path):
    _stamp_head(populated)
    target = tmp_path / "b.tar.gz"
    write_backup(target)
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(target) as source, tarfile.open(damaged, "w:gz") as copy:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "data/users.jsonl":
                data = data.replace(b"spitsregio.be", b"evil.example")
            member.size = len(data)
            copy.addfile(member, __import__("io").BytesIO(data))
    with pytest.raises(BackupError, match="users"):
        restore_backup(damaged)


def test_unreachable_database_answers_503_and_writes_nothing(tmp_path):
    app = create_app("testing", {
        "INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x",
        # nothing listens on port 1
        "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://spitsregio@127.0.0.1:1/none?connect_timeout=2",
    })
    client = app.test_client()
    page = client.get("/")
    assert page.status_code == 503
    assert "databank is tijdelijk niet bereikbaar" in page.get_data(as_text=True)
    api = client.get("/api/bodies")
    assert api.status_code == 503
    assert "error" in api.get_json()
