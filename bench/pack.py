"""The meeting pack benchmark: a 40-item Taskforce meeting with 20 attachments (10 PDF, 10 DOCX of
a few pages each), its pack.pdf requested by the beheerder through the WSGI test client.

    python -m bench.pack [--items 40] [--attachments 20] [--runs 3] [--processes N] [--work DIR] [--out FILE]

Measures, each `--runs` times: the first build with a cold conversion cache (LibreOffice converts
the agenda and every .docx, the PDF checker reads every PDF), a build with a warm conversion cache
(the pack itself rebuilt), and the cached pack. Prints a Markdown table and writes JSON
(bench/results/pack.json by default). Target: the cold build under 10 s on this machine.
"""
import argparse
import io
import json
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bench.files import make_docx, make_pdf
from bench.harness import BENCH_DIR, log
from bench.stats import machine, summary
from bench.text import DutchText

TARGET_SECONDS = 10.0


def make_meeting(items: int, attachments: int, seed: int = 11) -> int:
    """The meeting, planned and filled through the app's services; returns its id."""
    from app.auth.services import get_user_by_email
    from app.documents.services import create_document, transition_document
    from app.meetings.agenda import add_item
    from app.meetings.services import create_meeting, transition_meeting

    text = DutchText(random.Random(seed))
    admin = get_user_by_email("beheerder@spitsregio.be")
    start = datetime(2026, 12, 15, 14, 0)
    meeting = create_meeting(admin, "taskforce", start, start + timedelta(hours=3), location="Provinciehuis Leuven",
                             online_url="https://meet.example.be/taskforce")
    while len(meeting.items) < items:
        line = text.line()
        add_item(admin, meeting, {"title": text.item_title(line), "kind": "ter_bespreking", "action_line": line,
                                  "description": text.paragraph(3, line)})
    targets = meeting.items[-attachments:] if attachments <= len(meeting.items) else meeting.items
    for number in range(attachments):
        item, line = targets[number % len(targets)], text.line()
        title = text.document_title(line, 2026)
        sections = text.document_body(line, 2026, words=1500)  # a few pages
        data, filename = ((make_pdf(title, sections), f"nota-{number}.pdf") if number % 2 == 0
                          else (make_docx(title, sections), f"nota-{number}.docx"))
        document = create_document(admin, title, file_data=data, filename=filename, meeting_id=meeting.id,
                                   agenda_item_id=item.id)
        transition_document(admin, document, "share")
    transition_meeting(admin, meeting, "publish_agenda")
    return meeting.id


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (LibreOffice, the PDF checker)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed_get(client, url: str, cpu: list[float] | None = None) -> tuple[float, bytes]:
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    response = client.get(url)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    if cpu is not None:
        cpu.append(_cpu_seconds() - cpu_started)
    return elapsed, response.data


def run(work: Path, items: int = 40, attachments: int = 20, runs: int = 3, processes: int | None = None) -> dict:
    from pypdf import PdfReader

    from app.extensions import db
    from app.seed import DEMO_PASSWORD, seed_demo
    from bench.corpus import make_app

    instance = work / "instance"
    shutil.rmtree(instance, ignore_errors=True)
    app = make_app(instance)
    app.config["PDF_CONVERT_PROCESSES"] = processes  # None: one per core
    load_start = os.getloadavg()
    with app.app_context():
        db.create_all()
        seed_demo()
        with app.test_request_context():
            meeting_id = make_meeting(items, attachments)
    log(f"meeting {meeting_id}: {items} items, {attachments} attachments")
    # requests outside the set-up's app context: each one loads its user afresh, as in a server
    client = app.test_client()
    token = client.post("/api/login", json={"email": "beheerder@spitsregio.be",
                                            "password": DEMO_PASSWORD}).get_json()["token"]
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    url = f"/meetings/{meeting_id}/pack.pdf"
    caches = {name: instance / "cache" / name for name in ("pdf", "pack")}
    cold, warm, cached, cold_cpu, warm_cpu = [], [], [], [], []
    data = b""
    for round_number in range(runs):
        for folder in caches.values():
            shutil.rmtree(folder, ignore_errors=True)
        elapsed, data = timed_get(client, url, cold_cpu)
        cold.append(elapsed)
        shutil.rmtree(caches["pack"], ignore_errors=True)
        warm.append(timed_get(client, url, warm_cpu)[0])
        cached.append(timed_get(client, url)[0])
        log(f"round {round_number + 1}: cold {cold[-1]:.2f} s (CPU {cold_cpu[-1]:.2f} s), warm {warm[-1]:.2f} s "
            f"(CPU {warm_cpu[-1]:.2f} s), cached {cached[-1]:.3f} s")
    reader = PdfReader(io.BytesIO(data))
    result = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        "load_average": {"start": [round(v, 2) for v in load_start], "end": [round(v, 2) for v in os.getloadavg()]},
        "meeting": {"items": items, "attachments": attachments, "pages": len(reader.pages), "bytes": len(data),
                    "bookmarks": _count(reader.outline)},
        "cold": summary(cold), "warm_conversions": summary(warm), "cached_pack": summary(cached),
        "cpu_seconds": {"cold": [round(v, 2) for v in cold_cpu], "warm_conversions": [round(v, 2) for v in warm_cpu]},
        "target_seconds": TARGET_SECONDS, "office_processes": processes or "one per core",
    }
    result["cold_under_target"] = result["cold"]["max_ms"] < TARGET_SECONDS * 1000
    return result


def _count(outline) -> int:
    return sum(_count(entry) if isinstance(entry, list) else 1 for entry in outline)


def table(result: dict) -> str:
    def line(label, block, cpu=()):
        cpu_text = f"{sorted(cpu)[len(cpu) // 2]:.2f}" if cpu else "–"
        return f"| {label} | {block['p50_ms'] / 1000:.2f} | {block['max_ms'] / 1000:.2f} | {cpu_text} | {block['n']} |"

    meeting = result["meeting"]
    return "\n".join([
        f"Pack of {meeting['items']} items, {meeting['attachments']} attachments: {meeting['pages']} pages, "
        f"{meeting['bytes'] / 1e6:.1f} MB, {meeting['bookmarks']} bookmarks; LibreOffice processes: "
        f"{result['office_processes']}; load average "
        f"{result['load_average']['start'][0]} / {result['load_average']['end'][0]}",
        "",
        "| pack.pdf | p50 (s) | max (s) | CPU p50 (s), with children | runs |",
        "|---|---|---|---|---|",
        line("first build, cold conversion cache", result["cold"], result["cpu_seconds"]["cold"]),
        line("rebuilt, warm conversion cache", result["warm_conversions"], result["cpu_seconds"]["warm_conversions"]),
        line("cached pack", result["cached_pack"]),
    ])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pack", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=40)
    parser.add_argument("--attachments", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--processes", type=int, help="LibreOffice processes (default: one per core)")
    parser.add_argument("--work", type=Path, help="instance folder parent (default: a temporary folder)")
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "results" / "pack.json")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="spitsregio-bench-pack-"))
    try:
        result = run(work, args.items, args.attachments, args.runs, args.processes)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    print(table(result))
    print(f"\nJSON: {args.out}")
    return 0 if result["cold_under_target"] else 1


if __name__ == "__main__":
    sys.exit(main())
