"""A full reindex in a process of its own, so its peak RSS is the reindex's:

    [DATABASE_URL=...] python -m bench.reindex_child INSTANCE_FOLDER [BACKEND]    prints one JSON line

The harness sets DATABASE_URL and SEARCH_BACKEND (bench.harness.child_env); without DATABASE_URL
the database is the SQLite file in the instance folder.
"""
import json
import os
import resource
import sys
import time
from pathlib import Path


def rss_mb() -> float:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def child_app(argv: list[str]):
    """The app of a benchmark child: INSTANCE_FOLDER [BACKEND], the database from DATABASE_URL."""
    from bench.corpus import make_app

    backend = argv[1] if len(argv) > 1 else os.environ.get("SEARCH_BACKEND", "whoosh")
    return make_app(Path(argv[0]), backend, os.environ.get("DATABASE_URL") or None)


def main(argv: list[str]) -> int:
    app = child_app(argv)
    with app.app_context():
        from app.search.index import reindex

        before = rss_mb()
        started = time.perf_counter()
        count = reindex()
        seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(json.dumps({
        "count": count, "seconds": round(seconds, 2), "objects_per_s": round(count / seconds, 1),
        "rss_before_mb": round(before, 1), "peak_rss_mb": round(peak, 1),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
