"""The app on a benchmark instance, for gunicorn (the harness sets the environment, see
bench.harness.child_env):

    BENCH_INSTANCE=... DATABASE_URL=... SEARCH_BACKEND=whoosh|postgres gunicorn bench.wsgi:app

Without DATABASE_URL the database is the SQLite file in the instance folder."""
import os
from pathlib import Path

from bench.corpus import make_app

app = make_app(Path(os.environ["BENCH_INSTANCE"]),
               os.environ.get("SEARCH_BACKEND") or os.environ.get("BENCH_BACKEND", "whoosh"),
               os.environ.get("DATABASE_URL") or None)
