"""Backup and restore of the demo data through the commands: a round trip into an empty instance
gives back every record and file; a non-empty instance is refused."""
import tarfile
from pathlib import Path

import pytest

from app import create_app
from app.backup.services import BackupError, restore_backup, write_backup
from app.extensions import db
from tests.backup.helpers import file_digests, snapshot, write_files


@pytest.fixture
def populated(seeded, app):
    write_files(Path(app.config["UPLOAD_PATH"]), {"ab/3f2e.pdf": b"%PDF-1.4 demo\n",
                                                  "notes.txt": "Notulen van de Taskforce".encode()})
    return app


def test_round_trip_restores_every_record_and_file(populated, target, tmp_path, runner):
    before, files_before = snapshot(db.engine), file_digests(Path(populated.config["UPLOAD_PATH"]))
    archive = tmp_path / "backup.tar.gz"
    result = runner.invoke(args=["backup", "--output", str(archive)])
    assert result.exit_code == 0, result.output
    assert "Backup written" in result.output

    with tarfile.open(archive) as opened:
        names = opened.getnames()
    assert "manifest.json" in names and "data/users.jsonl" in names and "files/ab/3f2e.pdf" in names

    with target.app_context():
        result = target.test_cli_runner().invoke(args=["restore", str(archive)])
        assert result.exit_code == 0, result.output
        assert "Search index rebuilt" in result.output
        after = snapshot(db.engine)
    assert before["users"] and before["bodies"] and after == before
    assert file_digests(Path(target.config["UPLOAD_PATH"])) == files_before


def test_restore_refuses_a_non_empty_instance(populated, target, tmp_path):
    archive = tmp_path / "b.tar.gz"
    write_backup(archive)
    with pytest.raises(BackupError, match="not empty"):
        restore_backup(archive)


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
