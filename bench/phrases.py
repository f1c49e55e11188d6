"""Phrases side by side in one process (issue 16: phrases' p95 at most 2x single words' at 100k, and
at most raw Whoosh's bare top 20 at 10k):

    python -m bench.phrases INSTANCE_FOLDER [ROUNDS]    prints a JSON summary

For each round, each query of the mix's words and phrases and each benchmark user, in turn: the
app's search (phrases matched by their n-gram terms), the app's search with phrases as Whoosh's own
Phrase (what it did before the n-gram fields, on the same index), and raw Whoosh's bare top 20 of
the same parsed query. Also checks that both app paths give the same totals and the same hit set
when everything fits on one page. Needs an index built with the n-gram fields (`reindex`).
"""
import json
import os
import sys
import time
from pathlib import Path

from bench.queries import MIX
from bench.stats import summary


def main(argv: list[str]) -> int:
    from bench.corpus import make_app

    instance = Path(argv[0])
    rounds = int(argv[1]) if len(argv) > 1 else 3
    app = make_app(instance, "whoosh")
    with app.app_context():
        from app.search import whoosh_index
        from app.search.index import search
        from app.search.whoosh_phrases import as_phrases
        from bench.harness import USERS, _users
        from bench.raw import RawWhoosh

        users = _users()
        raw = RawWhoosh(app.config["SEARCH_INDEX_PATH"])
        parse = whoosh_index.parse

        def as_whoosh_phrase(parser, text):
            return parse(parser, text).accept(as_phrases)

        def old(q, user):
            whoosh_index.parse = as_whoosh_phrase
            try:
                return search(q, user, {}, 1, "relevance")
            finally:
                whoosh_index.parse = parse

        runs = {"app": lambda q, user: search(q, user, {}, 1, "relevance"), "app_whoosh_phrase": old,
                "raw_bare_top20": lambda q, user: raw.run(q, {}, "relevance", full=False)}
        queries = [query for query in MIX if query.kind in ("word", "phrase")]
        times = {(name, kind): [] for name in runs for kind in ("word", "phrase")}
        differences = []
        load = [os.getloadavg()[0]]
        for round_ in range(rounds + 1):  # round 0 warms up
            for query in queries:
                for user, email in zip(users, USERS):
                    answers = {}
                    for name, run in runs.items():
                        started = time.perf_counter()
                        answers[name] = run(query.q, user)
                        if round_:
                            times[name, query.kind].append(time.perf_counter() - started)
                    new, before = answers["app"], answers["app_whoosh_phrase"]
                    if not round_ and (new.total != before.total or (new.total <= 20 and {
                            (h.type, h.id) for h in new.hits} != {(h.type, h.id) for h in before.hits})):
                        differences.append(f"{query.q} [{email}]: {new.total} != {before.total}")
        load.append(os.getloadavg()[0])
        raw.close()
    out = {"instance": str(instance), "rounds": rounds, "load_average_start_end": load,
           "differences": differences,
           "p95_ms": {f"{name} {kind}": summary(values)["p95_ms"] for (name, kind), values in times.items()},
           "p50_ms": {f"{name} {kind}": summary(values)["p50_ms"] for (name, kind), values in times.items()}}
    p95 = out["p95_ms"]
    out["phrase_vs_word_p95"] = {"app": round(p95["app phrase"] / p95["app word"], 2),
                                 "app_whoosh_phrase": round(p95["app_whoosh_phrase phrase"] / p95["app word"], 2)}
    out["app_phrase_vs_raw_bare_phrase_p95"] = round(p95["app phrase"] / p95["raw_bare_top20 phrase"], 2)
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
