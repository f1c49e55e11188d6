"""The latest results of each backend side by side, as a Markdown table:

    python -m bench.compare [--size small] [--backends whoosh postgres]

Reads bench/results/SIZE-BACKEND.json (written by `python -m bench`).
"""
import argparse
import json
import sys

from bench.harness import BENCH_DIR


def _ms(block, key="p95_ms"):
    return "–" if not block or block.get(key) is None else f"{block[key]:.1f}"


def rows(result: dict) -> dict:
    s, load = result["search"], result["load"]
    raw = s.get(s.get("raw_engine", "raw_whoosh"))
    bare = s.get(f"{s.get('raw_engine', 'raw_whoosh')}_bare")
    out = {
        "run (UTC), load average start / end": f"{result['date'][:16].replace('T', ' ')}, "
                                               f"{result['machine'].get('loadavg_start', 0):.1f} / "
                                               f"{result['machine'].get('loadavg_end', 0):.1f}",
        "database": result.get("database", "sqlite").split("://")[0].split("+")[0],
        "searchable objects": f"{result['corpus']['searchable_objects']:,}",
        "search p50 / p95, service (ms)": f"{_ms(s['service'], 'p50_ms')} / {_ms(s['service'])}",
        "search p50 / p95, HTTP API, 1 worker (ms)": f"{_ms(s['api_http'], 'p50_ms')} / {_ms(s['api_http'])}",
        "raw engine p50 / p95, same answer (ms)": f"{_ms(raw, 'p50_ms')} / {_ms(raw)}",
        "raw engine p50 / p95, top 20 only (ms)": f"{_ms(bare, 'p50_ms')} / {_ms(bare)}",
    }
    if raw and bare:
        service = s["service"]["p95_ms"]
        out["service / raw p95: same answer, top 20 only"] = (f"{service / raw['p95_ms']:.2f} / "
                                                             f"{service / bare['p95_ms']:.2f}")
    for kind, block in s["by_kind"].items():
        bare_kind = block.get("raw_bare_p95_ms")
        out[f"service p95, {kind} (ms)"] = f"{block['service_p95_ms']:.0f}" + (
            f" (raw top 20: {bare_kind:.0f})" if bare_kind else "")
    if result.get("search_worker"):
        out["search worker RSS (MB)"] = f"{result['search_worker']['rss_mb']:.0f}"
    reindex = result["reindex"]
    out["full reindex (objects/s)"] = f"{reindex['objects_per_s']:.0f} ({reindex['seconds']:.0f} s)"
    out["reindex peak RSS (MB)"] = f"{reindex['peak_rss_mb']:.0f}"
    update = result["incremental_update"]
    out["incremental update p50 / max (ms)"] = f"{_ms(update, 'p50_ms')} / {_ms(update, 'max_ms')}"
    pages = result["pages"]
    out["meeting page p50 / p95 (ms)"] = f"{_ms(pages['meeting_page'], 'p50_ms')} / {_ms(pages['meeting_page'])}"
    out["minutes.docx p50 / p95 (ms)"] = f"{_ms(pages['minutes_docx'], 'p50_ms')} / {_ms(pages['minutes_docx'])}"
    for name in ("search", "meeting_page"):
        block = load[name]
        out[f"{name.replace('_', ' ')} under load: req/s, p95 (ms)"] = f"{block['rps']}, {block['latency_p95_ms']:.0f}"
    out["errors under load (requests + server log)"] = str(
        load["search"]["errors"] + load["meeting_page"]["errors"] + load["server_log_errors"])
    return out


def table(size: str, backends: list[str]) -> str:
    results = {}
    for backend in backends:
        path = BENCH_DIR / "results" / f"{size}-{backend}.json"
        if path.exists():
            results[backend] = rows(json.loads(path.read_text()))
    if not results:
        return f"no results for {size}"
    labels = list(dict.fromkeys(label for r in results.values() for label in r))
    lines = [f"| {size} | " + " | ".join(results) + " |", "|---|" + "---|" * len(results)]
    lines += [f"| {label} | " + " | ".join(r.get(label, "–") for r in results.values()) + " |" for label in labels]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.compare")
    parser.add_argument("--size", default="small")
    parser.add_argument("--backends", nargs="+", default=["whoosh", "postgres"])
    args = parser.parse_args(argv)
    print(table(args.size, args.backends))
    return 0


if __name__ == "__main__":
    sys.exit(main())
