"""Backup fixtures: a second instance, of the same kind of database, to restore into."""
from pathlib import Path

import pytest
from flask_migrate import stamp
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app import create_app
from app.backup.services import write_backup
from app.extensions import db
from tests.backup.helpers import SEPARATORS, empty_database, empty_folder, write_files


def _postgres_database(url: str, name: str, drop: bool = False) -> str:
    """Create (or drop) the database `name` on the server of `url`; returns its URL."""
    server = make_url(url)
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            if not drop:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return server.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def _restore_target(database_url, tmp_path_factory):
    """The target instance, made once per run (creating a schema takes seconds): a SQLite file,
    or a PostgreSQL database beside the test database when the suite runs on PostgreSQL."""
    folder = tmp_path_factory.mktemp("restore-target")
    postgres = database_url.startswith("postgresql")
    name = f"{make_url(database_url).database}_restore_target" if postgres else None
    url = _postgres_database(database_url, name) if postgres else f"sqlite:///{folder / 'target.sqlite'}"
    other = create_app("testing", {
        "INSTANCE_PATH": str(folder), "SECRET_KEY": "test-secret", "SQLALCHEMY_DATABASE_URI": url,
        "UPLOAD_PATH": str(folder / "uploads"), "SEARCH_INDEX_PATH": str(folder / "search-index"),
    })
    with other.app_context():
        db.create_all()
        stamp(revision="head")  # restore insists on the backup's schema revision
    yield other
    with other.app_context():
        db.engine.dispose()
    if postgres:
        _postgres_database(database_url, name, drop=True)


def _clear(instance) -> None:
    uploads = Path(instance.config["UPLOAD_PATH"])
    with instance.app_context():
        empty_database(db.engine)
    empty_folder(uploads)
    for staging in uploads.parent.glob(f".{uploads.name}-restoring-*"):
        empty_folder(staging)


@pytest.fixture
def target(app, _restore_target):
    """An empty instance (schema at the head revision, no rows, no uploads) to restore into; the
    source (the `app` fixture) is stamped at head too, so the revisions match."""
    stamp(revision="head")
    _clear(_restore_target)
    yield _restore_target
    _clear(_restore_target)


@pytest.fixture
def good(app, target, tmp_path) -> Path:
    """A sound backup of an instance with a user whose name holds every line separator, and two
    uploads; the `target` is the empty instance to restore into."""
    users = db.metadata.tables["users"]
    with db.engine.begin() as connection:
        connection.execute(users.insert(), [{"id": 7, "email": "lid@example.be", "password_hash": "x",
                                             "name": f"Lotte{SEPARATORS}Lid \U0001F600"}])
    write_files(Path(app.config["UPLOAD_PATH"]), {"ab/3f2e.pdf": b"%PDF-1.4\x00\xff\r\n", "leeg.bin": b""})
    path = tmp_path / "good.tar.gz"
    write_backup(path)
    return path
