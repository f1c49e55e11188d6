"""Production-like runs: the real `flask --app wsgi` commands in child processes, configured only
through the environment, on a database and instance folder of their own."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PROJECT = Path(__file__).resolve().parents[2]
POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "")


class Host:
    """One app host: an instance folder and an environment, sharing a database with other hosts."""

    def __init__(self, instance: Path, database_url: str, **environment):
        self.instance = instance
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("SEARCH_", "SPITSREGIO_", "DATABASE_"))},
            "PYTHONPATH": str(PROJECT),
            "SPITSREGIO_CONFIG": "production",
            "SPITSREGIO_INSTANCE": str(instance),
            "DATABASE_URL": database_url,
            "SECRET_KEY": "production-test",
            **environment,
        }

    def run(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run(list(args), cwd=PROJECT, env=self.env, capture_output=True, text=True,
                              timeout=timeout)

    def flask(self, *args: str) -> subprocess.CompletedProcess:
        result = self.run(sys.executable, "-m", "flask", "--app", "wsgi", *args)
        assert result.returncode == 0, f"flask {' '.join(args)}:\n{result.stdout}\n{result.stderr[-3000:]}"
        return result

    def python(self, code: str) -> str:
        """Run `code` with `app` (wsgi's) and `client` (its test client) defined; returns stdout."""
        prelude = "from wsgi import app\nclient = app.test_client()\n"
        result = self.run(sys.executable, "-c", prelude + code)
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout


@pytest.fixture
def new_postgres_database():
    """new_postgres_database() -> the URL of a new, empty PostgreSQL database, dropped after the
    test; skipped without a PostgreSQL TEST_DATABASE_URL."""
    if not POSTGRES_URL.startswith("postgresql"):
        pytest.skip("TEST_DATABASE_URL is not a PostgreSQL database")
    server = make_url(POSTGRES_URL)
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    names = []

    def create() -> str:
        name = f"spitsregio_production_test_{os.getpid()}_{len(names)}"
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        names.append(name)
        return server.set(database=name).render_as_string(hide_password=False)

    try:
        yield create
        with admin.connect() as connection:
            for name in names:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@pytest.fixture
def postgres_database(new_postgres_database):
    """A new, empty PostgreSQL database (dropped afterwards)."""
    return new_postgres_database()
