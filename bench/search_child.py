"""A search worker in a process of its own, so its memory is a worker's holding an open searcher:

    [DATABASE_URL=...] python -m bench.search_child INSTANCE_FOLDER [BACKEND]    prints one JSON line

Runs the query mix once for every benchmark user (which opens the searcher and fills its per-searcher
caches: facet columns, permission sets), then reports the resident set (VmRSS) and its peak.
"""
import json
import resource
import sys

from bench.reindex_child import child_app, rss_mb


def main(argv: list[str]) -> int:
    from bench.harness import USERS
    from bench.queries import MIX

    app = child_app(argv)
    with app.app_context():
        from flask_login import AnonymousUserMixin

        from app.auth.models import User
        from app.extensions import db
        from app.search.index import search

        before = rss_mb()
        users = [AnonymousUserMixin() if email is None else db.session.scalar(db.select(User).filter_by(email=email))
                 for email in USERS]
        for query in MIX:
            for user in users:
                search(query.q, user, query.filters, 1, query.sort)
        db.session.remove()
    after = rss_mb()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(json.dumps({"rss_before_mb": round(before, 1), "rss_mb": round(after, 1), "peak_rss_mb": round(peak, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
