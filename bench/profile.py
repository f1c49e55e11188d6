"""Profile the search service (or the raw Whoosh baseline) over the query mix with pyinstrument:

    python -m bench.profile --size large [--backend whoosh|postgres] [--raw] [--kind facets] [--user ...]

Needs a generated corpus with its index (run `python -m bench --size SIZE` first) and the `bench`
extra (pip install -e ".[bench]").
"""
import argparse
import sys

from bench.harness import _raw_engine, default_database_url, default_work
from bench.queries import MIX


def main(argv=None) -> int:
    from pyinstrument import Profiler

    parser = argparse.ArgumentParser(prog="python -m bench.profile")
    parser.add_argument("--size", default="small")
    parser.add_argument("--backend", default="whoosh")
    parser.add_argument("--database-url", help="the corpus's database (default as python -m bench)")
    parser.add_argument("--raw", action="store_true", help="profile the raw engine (Whoosh or SQL) instead of the app")
    parser.add_argument("--kind", help="only queries of this kind (word, form, phrase, filter, facets, ...)")
    parser.add_argument("--user", default="beheerder@spitsregio.be", help="e-mail, or 'anoniem'")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--all", action="store_true", help="show library frames too")
    args = parser.parse_args(argv)

    from bench.corpus import make_app

    database_url = args.database_url or default_database_url(args.size, args.backend)
    app = make_app(default_work(args.size, database_url) / "instance", args.backend, database_url)
    queries = [q for q in MIX if not args.kind or q.kind == args.kind]
    with app.app_context():
        from flask_login import AnonymousUserMixin

        from app.auth.models import User
        from app.extensions import db
        from app.search.index import search

        user = AnonymousUserMixin() if args.user == "anoniem" else \
            db.session.scalar(db.select(User).filter_by(email=args.user))
        if args.raw:
            engine = _raw_engine(app, args.backend)
            ask = lambda q: engine.run(q.q, q.filters, q.sort)  # noqa: E731
        else:
            ask = lambda q: search(q.q, user, q.filters, 1, q.sort)  # noqa: E731
        for query in queries:  # warm up: open the searcher, fill the caches
            ask(query)
        profiler = Profiler()
        profiler.start()
        for _ in range(args.rounds):
            for query in queries:
                ask(query)
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=args.all))
    return 0


if __name__ == "__main__":
    sys.exit(main())
