"""The benchmark run: corpus, reindex, search latency (service, HTTP API, raw Whoosh), incremental
update, meeting page and minutes.docx, and load under a real server. Returns one JSON-able dict."""
import io
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from bench import loadtest
from bench.queries import KINDS, MIX
from bench.stats import machine, summary

BENCH_DIR = Path(__file__).resolve().parent
USERS = (None, "lid@spitsregio.be", "beheerder@spitsregio.be")  # anonymous, a Taskforce member, the beheerder


@dataclass
class Plan:
    rounds: int          # how many times the query mix is run (per user) for the latencies
    page_runs: int       # meeting page and minutes.docx requests
    load_seconds: float  # per load scenario
    server: str          # "gunicorn" or "thread"
    workers: int = 2
    clients: int = 16


PLANS = {
    "tiny": Plan(rounds=1, page_runs=2, load_seconds=1.5, server="thread"),
    "small": Plan(rounds=3, page_runs=10, load_seconds=15, server="gunicorn"),
    "large": Plan(rounds=2, page_runs=10, load_seconds=30, server="gunicorn"),
}


def log(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def run(size: str, backend: str = "whoosh", work: Path | None = None, server: str | None = None,
        reuse: bool = False, plan: Plan | None = None) -> dict:
    from bench.corpus import generate

    plan = plan or PLANS[size]
    if server:
        plan.server = server
    work = work or BENCH_DIR / ".work" / size
    result = {"size": size, "backend": backend, "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "machine": machine()}
    # the machine may be shared (other test runs): the load average says how much
    result["machine"]["loadavg_start"] = os.getloadavg()[0]

    marker = work / "corpus.json"
    if reuse and marker.exists():
        log(f"reusing the corpus in {work}")
        result["corpus"] = json.loads(marker.read_text())
    else:
        log(f"generating the {size} corpus in {work}")
        result["corpus"] = generate(work, size, backend)
        marker.write_text(json.dumps(result["corpus"]))
    log(f"corpus: {result['corpus']['searchable_objects']} searchable objects in {result['corpus']['seconds']} s")

    instance = work / "instance"
    log("full reindex (child process)")
    result["reindex"] = reindex_in_child(instance, backend)
    log(f"reindex: {result['reindex']}")

    from bench.corpus import make_app

    app = make_app(instance, backend)
    # Pages outside any app context: each request then gets its own (its own session and `g`),
    # as under a server; inside a shared one, the identity map and the logged-in user would carry over.
    result["pages"] = page_timings(app, result["corpus"]["big_meeting_id"], plan)
    log("meeting page and minutes.docx done")
    with app.app_context():
        result["search"] = search_latencies(app, plan, backend)
        log("search latencies done")
        result["load"] = load_test(app, instance, backend, result["corpus"]["big_meeting_id"], plan)
        log("load test done")
        # last: it changes the index (and reopens every searcher)
        result["incremental_update"] = incremental_updates(app, result["corpus"]["big_meeting_id"])
        from app.extensions import db

        db.session.remove()
        db.engine.dispose()
    result["machine"]["loadavg_end"] = os.getloadavg()[0]
    result["targets"] = targets(result, BENCH_DIR / "results")
    return result


# --- reindex -------------------------------------------------------------------------------------

def reindex_in_child(instance: Path, backend: str) -> dict:
    completed = subprocess.run(
        [sys.executable, "-m", "bench.reindex_child", str(instance), backend],
        cwd=str(BENCH_DIR.parent), capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"reindex failed:\n{completed.stderr[-3000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


# --- search --------------------------------------------------------------------------------------

def _users():
    from flask_login import AnonymousUserMixin

    from app.auth.models import User
    from app.extensions import db

    users = []
    for email in USERS:
        users.append(AnonymousUserMixin() if email is None else db.session.scalar(db.select(User).filter_by(email=email)))
    return users


def search_latencies(app, plan: Plan, backend: str) -> dict:
    from app.search.index import search

    users = _users()
    service, service_by_kind, totals = [], {kind: [] for kind in KINDS}, {}
    for round_ in range(plan.rounds + 1):  # round 0 warms up (opens the searcher, fills caches)
        for query in MIX:
            for user, email in zip(users, USERS):
                started = time.perf_counter()
                results = search(query.q, user, query.filters, 1, query.sort)
                elapsed = time.perf_counter() - started
                if round_:
                    service.append(elapsed)
                    service_by_kind[query.kind].append(elapsed)
                else:
                    totals[f"{query.label()} [{email or 'anoniem'}]"] = results.total

    raw, raw_bare, raw_by_kind = [], [], {kind: [] for kind in KINDS}
    raw_totals = {}
    if backend == "whoosh":
        from bench.raw import RawWhoosh

        engine = RawWhoosh(app.config["SEARCH_INDEX_PATH"])
        try:
            for round_ in range(plan.rounds + 1):
                for query in MIX:
                    for _user in users:  # as often as the service, for comparable percentiles
                        started = time.perf_counter()
                        total = engine.run(query.q, query.filters, query.sort, full=True)
                        elapsed = time.perf_counter() - started
                        started = time.perf_counter()
                        engine.run(query.q, query.filters, query.sort, full=False)
                        bare = time.perf_counter() - started
                        if round_:
                            raw.append(elapsed)
                            raw_bare.append(bare)
                            raw_by_kind[query.kind].append(elapsed)
                        else:
                            raw_totals[query.label()] = total
        finally:
            engine.close()

    api = api_latencies(app, plan)
    out = {
        "queries": len(MIX), "users": len(USERS), "rounds": plan.rounds,
        "service": summary(service), "api_http": api["summary"], "api_server": api["server"],
        "raw_whoosh": summary(raw) if raw else None,
        "raw_whoosh_bare": summary(raw_bare) if raw_bare else None,
        "by_kind": {kind: {"service_p95_ms": summary(service_by_kind[kind])["p95_ms"],
                           "raw_p95_ms": summary(raw_by_kind[kind])["p95_ms"] if raw else None}
                    for kind in KINDS},
        "totals": totals, "raw_totals": raw_totals,
    }
    if raw:
        out["service_vs_raw_p95"] = round(out["service"]["p95_ms"] / out["raw_whoosh"]["p95_ms"], 2)
        out["api_vs_raw_p95"] = round(out["api_http"]["p95_ms"] / out["raw_whoosh"]["p95_ms"], 2)
    return out


def api_latencies(app, plan: Plan) -> dict:
    """The same mix through GET /api/search, one client at a time, over loopback HTTP to a
    separate server process (gunicorn, one worker) or the in-process thread server."""
    from app.seed import DEMO_PASSWORD

    server = _start_server(app, plan, workers=1)
    try:
        tokens = [None if email is None else loadtest.login(server.port, email, DEMO_PASSWORD) for email in USERS]
        timings = []
        for round_ in range(plan.rounds + 1):
            for query in MIX:
                for token in tokens:
                    started = time.perf_counter()
                    status, body = loadtest.request(server.port, "GET", loadtest.search_path(query), token)
                    elapsed = time.perf_counter() - started
                    if status != 200:
                        raise RuntimeError(f"/api/search answered {status}: {body[:300]!r}")
                    if round_:
                        timings.append(elapsed)
        return {"summary": summary(timings), "server": f"{server.kind} ({server.workers} worker)"}
    finally:
        server.stop()


def _start_server(app, plan: Plan, workers: int):
    if plan.server == "gunicorn":
        return loadtest.GunicornServer(Path(app.instance_path), app.config["SEARCH_BACKEND"], workers=workers,
                                       log_path=Path(app.instance_path).parent / f"gunicorn-{workers}w.log")
    return loadtest.ThreadServer(app)


# --- pages ---------------------------------------------------------------------------------------

def page_timings(app, meeting_id: int, plan: Plan) -> dict:
    """The meeting page and its minutes.docx (a 40-item meeting), as the beheerder, in-process
    through the WSGI test client (called outside an app context: one context per request)."""
    import docx

    from app.seed import DEMO_PASSWORD

    # no cookie jar, as an API client: with a session cookie that has no login in it, Flask-Login's
    # "strong" session protection turns a bearer-token request anonymous (reported to auth)
    client = app.test_client(use_cookies=False)
    response = client.post("/api/login", json={"email": "beheerder@spitsregio.be", "password": DEMO_PASSWORD})
    headers = {"Authorization": f"Bearer {response.get_json()['token']}"}
    page, word = [], []
    size = headings = 0
    for n in range(plan.page_runs + 1):
        started = time.perf_counter()
        response = client.get(f"/meetings/{meeting_id}", headers=headers)
        elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise RuntimeError(f"meeting page answered {response.status_code}")
        if n:
            page.append(elapsed)
        started = time.perf_counter()
        response = client.get(f"/meetings/{meeting_id}/minutes.docx", headers=headers)
        elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise RuntimeError(f"minutes.docx answered {response.status_code}")
        if n:
            word.append(elapsed)
        size = len(response.data)
    document = docx.Document(io.BytesIO(response.data))
    headings = sum(1 for p in document.paragraphs
                   if p.style.name.startswith("Heading") and p.text.split(".", 1)[0].isdigit())
    from app.extensions import db
    from app.meetings.models import Meeting

    with app.app_context():
        items = len(db.session.get(Meeting, meeting_id).items)
        db.session.remove()
    return {"meeting_items": items, "meeting_page": summary(page), "minutes_docx": summary(word),
            "minutes_docx_bytes": size, "minutes_docx_item_headings": headings}


# --- load ----------------------------------------------------------------------------------------

def load_test(app, instance: Path, backend: str, meeting_id: int, plan: Plan) -> dict:
    from app.seed import DEMO_PASSWORD

    server = _start_server(app, plan, workers=plan.workers)
    try:
        tokens = [None if email is None else loadtest.login(server.port, email, DEMO_PASSWORD) for email in USERS]
        searches = [(loadtest.search_path(query), token) for query in MIX for token in tokens]
        pages = [(f"/meetings/{meeting_id}", token) for token in tokens]
        # warm every worker: the first search of a process opens the index
        loadtest.load(server.port, searches[:plan.clients], plan.clients, min(3.0, plan.load_seconds))
        out = {"server": server.kind, "workers": server.workers if plan.server == "gunicorn" else 1,
               "clients": plan.clients, "seconds_per_scenario": plan.load_seconds}
        out["meeting_page"] = loadtest.load(server.port, pages, plan.clients, plan.load_seconds)
        log(f"load meeting page: {out['meeting_page']}")
        out["search"] = loadtest.load(server.port, searches, plan.clients, plan.load_seconds)
        log(f"load search: {out['search']}")
    finally:
        server.stop()
    out["server_log_errors"] = server.log_errors()
    return out


# --- incremental update --------------------------------------------------------------------------

def incremental_updates(app, meeting_id: int, count: int = 5) -> dict:
    """Edit an agenda item and commit: the outbox hook reindexes it (and its meeting, decisions,
    minutes) after the commit, in the same call. Then the new word must be found."""
    from flask_login import AnonymousUserMixin  # noqa: F401

    from app.auth.models import User
    from app.extensions import db
    from app.meetings.models import Meeting
    from app.search.index import search

    admin = db.session.scalar(db.select(User).filter_by(email="beheerder@spitsregio.be"))
    items = db.session.get(Meeting, meeting_id).items[-count:]
    timings, found = [], 0
    for n, item in enumerate(items):
        word = f"benchmarkwoord{n}x{int(time.time())}"
        item.description = f"{item.description}\n\nAangevuld: {word}."
        started = time.perf_counter()
        db.session.commit()
        timings.append(time.perf_counter() - started)
        found += int(search(word, admin).total >= 1)
    return {**summary(timings), "found_after_update": found, "updates": len(items)}


# --- targets -------------------------------------------------------------------------------------

def targets(result: dict, results_dir: Path) -> dict:
    search = result["search"]
    out = {}
    if search.get("raw_whoosh"):
        ratio = search["service_vs_raw_p95"]
        out["search_p95_within_1_5x_raw"] = {"ratio": ratio, "met": ratio <= 1.5}
    load = result["load"]
    errors = load["meeting_page"]["errors"] + load["search"]["errors"] + load["server_log_errors"]
    out["no_errors_under_load"] = {"errors": errors, "met": errors == 0}
    if result["size"] == "large":
        small = results_dir / f"small-{result['backend']}.json"
        if small.exists():
            base = json.loads(small.read_text())
            ratio = round(search["service"]["p95_ms"] / base["search"]["service"]["p95_ms"], 2)
            out["p95_large_within_3x_small"] = {"ratio": ratio, "met": ratio <= 3}
            memory = round(result["reindex"]["peak_rss_mb"] / base["reindex"]["peak_rss_mb"], 2)
            out["reindex_memory_flat"] = {"ratio_large_to_small": memory, "met": memory <= 1.3}
    return out


# --- output --------------------------------------------------------------------------------------

def table(result: dict) -> str:
    """A Markdown table of the headline figures."""
    s, c = result["search"], result["corpus"]

    def ms(block, key="p95_ms"):
        return "–" if not block or block.get(key) is None else f"{block[key]:.1f} ms"

    rows = [
        ("searchable objects", f"{c['searchable_objects']:,} ({c['files']['pdf']} PDF, {c['files']['docx']} DOCX files)"),
        ("search p50 / p95: service", f"{ms(s['service'], 'p50_ms')} / {ms(s['service'])}"),
        (f"search p50 / p95: HTTP API ({s['api_server']})", f"{ms(s['api_http'], 'p50_ms')} / {ms(s['api_http'])}"),
        ("search p50 / p95: raw Whoosh, same answer", f"{ms(s['raw_whoosh'], 'p50_ms')} / {ms(s['raw_whoosh'])}"),
        ("search p50 / p95: raw Whoosh, top 20 only", f"{ms(s['raw_whoosh_bare'], 'p50_ms')} / {ms(s['raw_whoosh_bare'])}"),
        ("service / raw p95", str(s.get("service_vs_raw_p95", "–"))),
        ("full reindex", f"{result['reindex']['count']:,} in {result['reindex']['seconds']} s = "
                         f"{result['reindex']['objects_per_s']} objects/s"),
        ("reindex peak RSS", f"{result['reindex']['peak_rss_mb']} MB (before: {result['reindex']['rss_before_mb']} MB)"),
        ("incremental update (commit + index) p50 / max",
         f"{ms(result['incremental_update'], 'p50_ms')} / {ms(result['incremental_update'], 'max_ms')}"),
        (f"meeting page, {result['pages']['meeting_items']} items, p50 / p95",
         f"{ms(result['pages']['meeting_page'], 'p50_ms')} / {ms(result['pages']['meeting_page'])}"),
        ("minutes.docx p50 / p95", f"{ms(result['pages']['minutes_docx'], 'p50_ms')} / {ms(result['pages']['minutes_docx'])}"),
    ]
    load = result["load"]
    for name in ("meeting_page", "search"):
        block = load[name]
        rows.append((f"{name.replace('_', ' ')} under load ({load['server']} {load['workers']}w, {load['clients']} clients)",
                     f"{block['rps']} req/s, p95 {block['latency_p95_ms']} ms, errors {block['errors']}"))
    rows.append(("server log errors", str(load["server_log_errors"])))
    for name, target in result["targets"].items():
        rows.append((f"target: {name}", ("met" if target["met"] else "MISSED") + " " +
                     ", ".join(f"{k}={v}" for k, v in target.items() if k != "met")))
    rows.append(("load average (start / end)", f"{result['machine'].get('loadavg_start', 0):.1f} / "
                                               f"{result['machine'].get('loadavg_end', 0):.1f}"))
    lines = [f"| {result['size']} ({result['backend']}) | |", "|---|---|"]
    lines += [f"| {label} | {value} |" for label, value in rows]
    return "\n".join(lines)
