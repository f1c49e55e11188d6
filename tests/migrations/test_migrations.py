"""The migrations build the same schema as the models: upgrade an empty SQLite file (and an empty
PostgreSQL database when TEST_DATABASE_URL names a server), then compare."""
import os

import flask_migrate
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from app import create_app
from app.extensions import db

pytestmark = pytest.mark.slow  # every migration up and down, on SQLite and PostgreSQL


def sqlite_app(tmp_path, name: str):
    """An app on a new, empty SQLite file; returns the app and the file's URL."""
    url = f"sqlite:///{tmp_path / name}"
    return create_app("testing", {"INSTANCE_PATH": str(tmp_path), "SQLALCHEMY_DATABASE_URI": url,
                                  "SECRET_KEY": "test"}), url


def test_upgrade_empty_database_matches_models(tmp_path):
    app, url = sqlite_app(tmp_path, "migrated.sqlite")
    with app.app_context():
        flask_migrate.upgrade()
        db.engine.dispose()
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, db.metadata)
            tables = set(inspect(connection).get_table_names())
    finally:
        engine.dispose()
    assert differences == []
    assert {"users", "bodies", "memberships", "fixed_agenda_items", "workflow_transitions", "versions",
            "alembic_version"} <= tables


def test_downgrade_to_base_and_up_again(tmp_path):
    app, _ = sqlite_app(tmp_path, "roundtrip.sqlite")
    with app.app_context():
        flask_migrate.upgrade()
        flask_migrate.downgrade(revision="base")
        assert inspect(db.engine).get_table_names() == ["alembic_version"]
        flask_migrate.upgrade()
        assert "users" in inspect(db.engine).get_table_names()
        db.engine.dispose()


# --- the same on PostgreSQL, in a database of its own (when TEST_DATABASE_URL names one) -------------

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "")


@pytest.fixture
def postgres_url():
    """A new, empty PostgreSQL database for this test, dropped afterwards."""
    if not POSTGRES_URL.startswith("postgresql"):
        pytest.skip("TEST_DATABASE_URL is not a PostgreSQL database")
    server = make_url(POSTGRES_URL)
    name = f"spitsregio_migrations_test_{os.getpid()}"
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield server.set(database=name).render_as_string(hide_password=False)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def _compare(url):
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return compare_metadata(context, db.metadata), set(inspect(connection).get_table_names())
    finally:
        engine.dispose()


def test_postgres_upgrade_matches_models_and_downgrades(tmp_path, postgres_url):
    app = create_app("testing", {"INSTANCE_PATH": str(tmp_path), "SQLALCHEMY_DATABASE_URI": postgres_url,
                                 "SECRET_KEY": "test"})
    with app.app_context():
        flask_migrate.upgrade()
        db.engine.dispose()
    differences, tables = _compare(postgres_url)
    assert differences == []
    assert {"users", "documents", "search_outbox", "search_entries", "alembic_version"} <= tables
    with app.app_context():
        flask_migrate.downgrade(revision="base")
        assert inspect(db.engine).get_table_names() == ["alembic_version"]
        flask_migrate.upgrade()
        assert "search_entries" in inspect(db.engine).get_table_names()
        db.engine.dispose()
