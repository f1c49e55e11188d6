"""The benchmark run: corpus, reindex, search latency (service, HTTP API, raw engine: Whoosh or
PostgreSQL), incremental update, meeting page and minutes.docx, and load under a real server.
Returns one JSON-able dict."""
import io
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from bench import loadtest, throughput
from bench.queries import KINDS, MIX
from bench.stats import machine, summary

BENCH_DIR = Path(__file__).resolve().parent
USERS = (None, "lid@spitsregio.be", "beheerder@spitsregio.be")  # anonymous, a Taskforce member, the beheerder
#: the benchmark database of SEARCH_BACKEND=postgres (trust auth on the loopback server)
POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/spitsregio_bench_{size}"


def default_database_url(size: str, backend: str) -> str | None:
    """postgres: a database of its own per size; whoosh: None, the SQLite file in the instance."""
    return POSTGRES_URL.format(size=size) if backend == "postgres" else None


def default_work(size: str, database_url: str | None) -> Path:
    """bench/.work/SIZE for a SQLite corpus, bench/.work/SIZE-postgres for a PostgreSQL one (the
    instance folder holds the uploads that database refers to)."""
    from bench.corpus import is_postgres

    return BENCH_DIR / ".work" / (f"{size}-postgres" if is_postgres(database_url) else size)


def child_env(instance: Path, backend: str, database_url: str | None) -> dict:
    """The environment of every child process (reindex child, gunicorn): this instance, database
    and backend, whatever the calling shell says."""
    from bench.corpus import database_uri

    env = {key: value for key, value in os.environ.items()
           if key not in ("DATABASE_URL", "SEARCH_BACKEND", "SEARCH_INDEX_PATH", "UPLOAD_PATH", "SPITSREGIO_INSTANCE")}
    env.update(BENCH_INSTANCE=str(instance), BENCH_BACKEND=backend, SEARCH_BACKEND=backend,
               DATABASE_URL=database_uri(instance, database_url), PYTHONPATH=str(BENCH_DIR.parent))
    return env


def safe_url(database_url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(database_url).render_as_string(hide_password=True)


@dataclass
class Plan:
    rounds: int          # how many times the query mix is run (per user) for the latencies
    page_runs: int       # meeting page and minutes.docx requests
    load_seconds: float  # per load scenario
    server: str          # "gunicorn" or "thread"
    workers: int = 2
    clients: int = 16
    gunicorn_options: tuple[str, ...] = ()  # more gunicorn arguments for the load test's server


PLANS = {
    "tiny": Plan(rounds=1, page_runs=2, load_seconds=1.5, server="thread"),
    "small": Plan(rounds=3, page_runs=10, load_seconds=15, server="gunicorn"),
    "large": Plan(rounds=2, page_runs=10, load_seconds=30, server="gunicorn"),
}


def log(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def run(size: str, backend: str = "whoosh", work: Path | None = None, server: str | None = None,
        reuse: bool = False, plan: Plan | None = None, database_url: str | None = None,
        keep_index: bool = False) -> dict:
    """One benchmark run. `database_url`: the app's database (default: see default_database_url);
    a PostgreSQL database is dropped and created anew unless the corpus is reused. `keep_index`:
    measure the index a previous run built (its reindex figures are reported) instead of
    reindexing (8 to 20 minutes at 100,000 objects)."""
    from bench.corpus import database_uri, generate

    plan = plan or PLANS[size]
    if server:
        plan.server = server
    if database_url is None:
        database_url = default_database_url(size, backend)
    work = work or default_work(size, database_url)
    work.mkdir(parents=True, exist_ok=True)
    database = safe_url(database_uri(work / "instance", database_url))
    result = {"size": size, "backend": backend, "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "database": database, "machine": machine()}
    # the machine may be shared (other test runs): the load average says how much
    result["machine"]["loadavg_start"] = os.getloadavg()[0]

    marker = work / "corpus.json"
    if reuse and marker.exists():
        result["corpus"] = json.loads(marker.read_text())
        if result["corpus"].get("database", database) != database:
            raise RuntimeError(f"the corpus in {work} is in {result['corpus']['database']}, not {database}")
        log(f"reusing the corpus in {work} ({database})")
    else:
        log(f"generating the {size} corpus in {work} ({database})")
        result["corpus"] = generate(work, size, backend, database_url=database_url)
        result["corpus"]["database"] = database
        marker.write_text(json.dumps(result["corpus"]))
    log(f"corpus: {result['corpus']['searchable_objects']} searchable objects in {result['corpus']['seconds']} s")

    instance = work / "instance"
    reindexed = work / "reindex.json"  # the figures of the reindex that built the index in `work`
    if keep_index:
        if not reuse or not reindexed.exists():
            raise RuntimeError(f"--keep-index needs --reuse and {reindexed} (written by a run that reindexed, or "
                               f"`python -m bench.reindex_child {instance} {backend} > {reindexed}`)")
        result["reindex"] = dict(json.loads(reindexed.read_text()), kept=True)
        log(f"keeping the index; its reindex: {result['reindex']}")
    else:
        log("full reindex (child process)")
        result["reindex"] = reindex_in_child(instance, backend, database_url)
        reindexed.write_text(json.dumps(result["reindex"]))
        log(f"reindex: {result['reindex']}")
    result["search_worker"] = search_worker_in_child(instance, backend, database_url)
    log(f"search worker memory: {result['search_worker']}")

    from bench.corpus import make_app

    app = make_app(instance, backend, database_url)
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

def _in_child(module: str, instance: Path, backend: str, database_url: str | None) -> dict:
    completed = subprocess.run(
        [sys.executable, "-m", module, str(instance), backend],
        cwd=str(BENCH_DIR.parent), env=child_env(instance, backend, database_url),
        capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"{module} failed:\n{completed.stderr[-3000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def reindex_in_child(instance: Path, backend: str, database_url: str | None = None) -> dict:
    return _in_child("bench.reindex_child", instance, backend, database_url)


def search_worker_in_child(instance: Path, backend: str, database_url: str | None = None) -> dict:
    """The RSS of a process that has run the query mix once (its searcher open, its caches full)."""
    return _in_child("bench.search_child", instance, backend, database_url)


# --- search --------------------------------------------------------------------------------------

def _users():
    from flask_login import AnonymousUserMixin

    from app.auth.models import User
    from app.extensions import db

    users = []
    for email in USERS:
        users.append(AnonymousUserMixin() if email is None else db.session.scalar(db.select(User).filter_by(email=email)))
    return users


#: the raw engine measured for each backend, and which of its two runs the target compares with:
#: Whoosh's "same answer" (top 20, facets, snippets), PostgreSQL's bare top 20 (the engine's floor)
RAW = {"whoosh": ("raw_whoosh", "same answer"), "postgres": ("raw_postgres", "top 20 only")}


def _raw_engine(app, backend: str):
    if backend == "whoosh":
        from bench.raw import RawWhoosh

        return RawWhoosh(app.config["SEARCH_INDEX_PATH"])
    if backend == "postgres":
        from bench.raw_postgres import RawPostgres

        return RawPostgres(app.config["SQLALCHEMY_DATABASE_URI"])
    return None


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

    raw, raw_bare = [], []
    raw_by_kind, raw_bare_by_kind = {kind: [] for kind in KINDS}, {kind: [] for kind in KINDS}
    raw_totals = {}
    engine = _raw_engine(app, backend)
    if engine is not None:
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
                            raw_bare_by_kind[query.kind].append(bare)
                        else:
                            raw_totals[query.label()] = total
        finally:
            engine.close()

    api = api_latencies(app, plan)
    name, baseline = RAW.get(backend, ("raw", ""))
    out = {
        "queries": len(MIX), "users": len(USERS), "rounds": plan.rounds,
        "service": summary(service), "api_http": api["summary"], "api_server": api["server"],
        "raw_engine": name, "raw_baseline": baseline,
        name: summary(raw) if raw else None,
        f"{name}_bare": summary(raw_bare) if raw_bare else None,
        "by_kind": {kind: {"service_p95_ms": summary(service_by_kind[kind])["p95_ms"],
                           "raw_p95_ms": summary(raw_by_kind[kind])["p95_ms"] if raw else None,
                           "raw_bare_p95_ms": summary(raw_bare_by_kind[kind])["p95_ms"] if raw else None}
                    for kind in KINDS},
        "totals": totals, "raw_totals": raw_totals,
    }
    if "phrase" in KINDS and "word" in KINDS:
        out["phrase_vs_word_p95"] = round(out["by_kind"]["phrase"]["service_p95_ms"]
                                          / out["by_kind"]["word"]["service_p95_ms"], 2)
    if raw:
        same, floor = out[name]["p95_ms"], out[f"{name}_bare"]["p95_ms"]
        out["service_vs_raw_same_answer_p95"] = round(out["service"]["p95_ms"] / same, 2)
        out["service_vs_raw_bare_p95"] = round(out["service"]["p95_ms"] / floor, 2)
        reference = same if baseline == "same answer" else floor
        out["service_vs_raw_p95"] = round(out["service"]["p95_ms"] / reference, 2)
        out["api_vs_raw_p95"] = round(out["api_http"]["p95_ms"] / reference, 2)
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


def _start_server(app, plan: Plan, workers: int, options: tuple[str, ...] = ()):
    if plan.server == "gunicorn":
        instance = Path(app.instance_path)
        env = child_env(instance, app.config["SEARCH_BACKEND"], app.config["SQLALCHEMY_DATABASE_URI"])
        return loadtest.GunicornServer(instance, env, workers=workers, options=options,
                                       log_path=instance.parent / f"gunicorn-{workers}w.log")
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
    """Per scenario (the meeting page, the search mix; 3 users each), on one server (gunicorn with
    plan.workers workers) and with one client (wrk, else http.client threads): one client alone for
    half the time, `plan.clients` clients for the whole time, one client alone again. What the cores
    allow is cores ÷ the single-client median (issue 16; cores = the workers, at most the machine's),
    and the target is a 16-client throughput of at least 80 % of it."""
    from app.seed import DEMO_PASSWORD

    server = _start_server(app, plan, workers=plan.workers, options=plan.gunicorn_options)
    try:
        tokens = [None if email is None else loadtest.login(server.port, email, DEMO_PASSWORD) for email in USERS]
        searches = [(loadtest.search_path(query), token) for query in MIX for token in tokens]
        pages = [(f"/meetings/{meeting_id}", token) for token in tokens]
        # warm every worker: the first search of a process opens the index, the first page compiles
        # its templates
        warm = min(3.0, plan.load_seconds)
        loadtest.load(server.port, searches, plan.clients, warm)
        loadtest.load(server.port, pages, plan.clients, warm)
        throughput.drain(server)
        out = {"server": server.kind, "workers": server.workers if plan.server == "gunicorn" else 1,
               "clients": plan.clients, "seconds_per_scenario": plan.load_seconds,
               "cores": min(plan.workers, os.cpu_count() or 1)}
        out["meeting_page"] = throughput.scenario(server, pages, plan.clients, plan.load_seconds, out["cores"])
        log(f"load meeting page: {out['meeting_page']}")
        out["search"] = throughput.scenario(server, searches, plan.clients, plan.load_seconds, out["cores"])
        log(f"load search: {out['search']}")
        out["client"] = out["search"]["client"]
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
    if search.get("service_vs_raw_p95") is not None:
        ratio = search["service_vs_raw_p95"]
        out["search_p95_within_1_5x_raw"] = {"ratio": ratio, "met": ratio <= 1.5,
                                             "baseline": f"{search['raw_engine']}, {search['raw_baseline']}"}
    for kind, block in search["by_kind"].items():
        if block.get("raw_bare_p95_ms"):
            ratio = round(block["service_p95_ms"] / block["raw_bare_p95_ms"], 2)
            out[f"{kind}_p95_within_raw_top20"] = {"ratio": ratio, "met": ratio <= 1}
    if search.get("phrase_vs_word_p95") is not None:
        ratio = search["phrase_vs_word_p95"]
        out["phrase_p95_within_2x_word"] = {"ratio": ratio, "met": ratio <= 2}
    worker = result.get("search_worker")
    if worker and result["size"] == "large":
        out["search_worker_rss_within_300mb"] = {"rss_mb": worker["rss_mb"], "met": worker["rss_mb"] <= 300}
    load = result["load"]
    errors = load["meeting_page"]["errors"] + load["search"]["errors"] + load["server_log_errors"]
    out["no_errors_under_load"] = {"errors": errors, "met": errors == 0}
    out.update(throughput.targets(load))
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

    name = s.get("raw_engine", "raw_whoosh")
    engine = {"raw_whoosh": "raw Whoosh", "raw_postgres": "raw PostgreSQL"}.get(name, name)
    raw, bare = s.get(name), s.get(f"{name}_bare")
    rows = [
        ("database", result.get("database", "sqlite")),
        ("searchable objects", f"{c['searchable_objects']:,} ({c['files']['pdf']} PDF, {c['files']['docx']} DOCX files)"),
        ("search p50 / p95: service", f"{ms(s['service'], 'p50_ms')} / {ms(s['service'])}"),
        (f"search p50 / p95: HTTP API ({s['api_server']})", f"{ms(s['api_http'], 'p50_ms')} / {ms(s['api_http'])}"),
        (f"search p50 / p95: {engine}, same answer", f"{ms(raw, 'p50_ms')} / {ms(raw)}"),
        (f"search p50 / p95: {engine}, top 20 only", f"{ms(bare, 'p50_ms')} / {ms(bare)}"),
        ("service / raw p95: same answer, top 20 only",
         f"{s.get('service_vs_raw_same_answer_p95', '–')} / {s.get('service_vs_raw_bare_p95', '–')}"),
        ("full reindex", f"{result['reindex']['count']:,} in {result['reindex']['seconds']} s = "
                         f"{result['reindex']['objects_per_s']} objects/s"
                         + (" (the run that built the kept index)" if result["reindex"].get("kept") else "")),
        ("reindex peak RSS", f"{result['reindex']['peak_rss_mb']} MB (before: {result['reindex']['rss_before_mb']} MB)"),
        ("incremental update (commit + index) p50 / max",
         f"{ms(result['incremental_update'], 'p50_ms')} / {ms(result['incremental_update'], 'max_ms')}"),
        (f"meeting page, {result['pages']['meeting_items']} items, p50 / p95",
         f"{ms(result['pages']['meeting_page'], 'p50_ms')} / {ms(result['pages']['meeting_page'])}"),
        ("minutes.docx p50 / p95", f"{ms(result['pages']['minutes_docx'], 'p50_ms')} / {ms(result['pages']['minutes_docx'])}"),
    ]
    for kind, block in s["by_kind"].items():
        rows.append((f"p95 {kind}: service / raw top 20 (target ≤ 1)",
                     f"{block['service_p95_ms']:.1f} / {block.get('raw_bare_p95_ms') or 0:.1f} ms"))
    if result.get("search_worker"):
        worker = result["search_worker"]
        rows.append(("search worker RSS after the mix (peak)", f"{worker['rss_mb']} MB ({worker['peak_rss_mb']} MB)"))
    load = result["load"]
    rows += throughput.rows(load)
    rows.append(("server log errors", str(load["server_log_errors"])))
    for name, target in result["targets"].items():
        rows.append((f"target: {name}", ("met" if target["met"] else "MISSED") + " " +
                     ", ".join(f"{k}={v}" for k, v in target.items() if k != "met")))
    rows.append(("load average (start / end)", f"{result['machine'].get('loadavg_start', 0):.1f} / "
                                               f"{result['machine'].get('loadavg_end', 0):.1f}"))
    lines = [f"| {result['size']} ({result['backend']}) | |", "|---|---|"]
    lines += [f"| {label} | {value} |" for label, value in rows]
    return "\n".join(lines)
