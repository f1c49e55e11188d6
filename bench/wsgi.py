"""The app on a benchmark instance, for gunicorn: BENCH_INSTANCE=... gunicorn bench.wsgi:app"""
import os
from pathlib import Path

from bench.corpus import make_app

app = make_app(Path(os.environ["BENCH_INSTANCE"]), os.environ.get("BENCH_BACKEND", "whoosh"))
