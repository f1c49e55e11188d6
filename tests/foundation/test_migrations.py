"""The migrations build the same schema as the models: upgrade an empty SQLite file, then compare."""
import flask_migrate
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from app import create_app
from app.extensions import db


def test_upgrade_empty_database_matches_models(tmp_path):
    url = f"sqlite:///{tmp_path / 'migrated.sqlite'}"
    app = create_app("testing", {"INSTANCE_PATH": str(tmp_path), "SQLALCHEMY_DATABASE_URI": url,
                                 "SECRET_KEY": "test"})
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
    url = f"sqlite:///{tmp_path / 'roundtrip.sqlite'}"
    app = create_app("testing", {"INSTANCE_PATH": str(tmp_path), "SQLALCHEMY_DATABASE_URI": url,
                                 "SECRET_KEY": "test"})
    with app.app_context():
        flask_migrate.upgrade()
        flask_migrate.downgrade(revision="base")
        assert inspect(db.engine).get_table_names() == ["alembic_version"]
        flask_migrate.upgrade()
        assert "users" in inspect(db.engine).get_table_names()
        db.engine.dispose()
