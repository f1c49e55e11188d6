"""Throughput under many clients against what the cores allow (issue 16): per scenario, one client,
then many, then one again, on one server and with one client program (bench.loadtest.load), the
server's CPU time from /proc; the targets and the table rows of the load test."""
import time

from bench import loadtest


def scenario(server, requests: list, clients: int, seconds: float, cores: int) -> dict:
    """`clients` clients for `seconds` between two single-client halves (the load on a shared machine
    moves: the single-client median is the mean of the two halves' medians)."""
    half = max(1.0, seconds / 2)
    before = _long_enough(server, requests, 1, half)
    many = _long_enough(server, requests, clients, seconds)
    after = _long_enough(server, requests, 1, half)
    median = (before["latency_p50_ms"] + after["latency_p50_ms"]) / 2
    mean = (before["latency_mean_ms"] + after["latency_mean_ms"]) / 2
    many["single_client"] = {"latency_p50_ms": round(median, 2), "latency_mean_ms": round(mean, 2),
                             "rps": round((before["rps"] + after["rps"]) / 2, 1),
                             "requests": before["requests"] + after["requests"],
                             "errors": before["errors"] + after["errors"]}
    if before.get("server_cpu_ms_per_request") is not None:
        many["single_client"]["server_cpu_ms_per_request"] = round(
            (before["server_cpu_ms_per_request"] + after["server_cpu_ms_per_request"]) / 2, 2)
    many["errors"] += before["errors"] + after["errors"]
    many["error_samples"] = (many["error_samples"] + before["error_samples"] + after["error_samples"])[:5]
    # what the cores allow: cores ÷ the single-client median (the yardstick); and, for a mix
    # whose mean is above its median, cores ÷ the mean time (what the cores can serve at most)
    many["cores_allow_rps"] = round(cores * 1000 / median, 1)
    many["ratio_to_cores_allow"] = round(many["rps"] / many["cores_allow_rps"], 2)
    many["ratio_to_cores_allow_by_mean"] = round(many["rps"] * mean / (cores * 1000), 2)
    return many


def _long_enough(server, requests: list, clients: int, seconds: float) -> dict:
    """`clients` clients for `seconds`, or for twice as long (and so on, up to about 60 s) until the
    run has answered the whole list once and each client at least once (wrk does not count the
    requests still open at the end): the median of two slow pages on a busy machine says little."""
    while True:
        out = _timed_load(server, requests, clients, seconds)
        if out["requests"] >= max(len(requests), clients) or seconds >= 30:
            return out
        seconds *= 2


def _timed_load(server, requests: list, clients: int, seconds: float) -> dict:
    """A load run, with the server's CPU time: the cores it got (other processes on the machine and
    the client take the rest) and its CPU time per request."""
    cpu = server.cpu_seconds()
    out = loadtest.load(server.port, requests, clients, seconds)
    if cpu is not None:
        used = server.cpu_seconds() - cpu
        out["server_cores_used"] = round(used / out["seconds"], 2)
        out["server_cpu_ms_per_request"] = round(1000 * used / max(1, out["requests"]), 2)
    drain(server)
    return out


def drain(server, timeout: float = 60) -> None:
    """Wait until the server is idle: when the clients stop, the requests already sent (up to one
    per client) are still served, and would slow the next run and count in its CPU time."""
    deadline = time.monotonic() + timeout
    last = server.cpu_seconds()
    if last is None:
        time.sleep(0.5)
        return
    while time.monotonic() < deadline:
        time.sleep(0.3)
        now = server.cpu_seconds()
        if now - last < 0.02:  # under 7 % of a core: idle
            return
        last = now


def targets(load: dict) -> dict:
    """Per scenario: the many-client throughput at least 80 % of cores ÷ the single-client median,
    with no error."""
    out = {}
    for name in ("search", "meeting_page"):
        block = load[name]
        out[f"{name}_throughput_80pct"] = {
            "rps": block["rps"], "cores_allow_rps": block["cores_allow_rps"],
            "ratio": block["ratio_to_cores_allow"], "by_mean": block["ratio_to_cores_allow_by_mean"],
            "errors": block["errors"], "met": block["ratio_to_cores_allow"] >= 0.8 and block["errors"] == 0}
    return out


def rows(load: dict) -> list[tuple[str, str]]:
    """The table's rows for the load test."""
    rows = []
    for name in ("meeting_page", "search"):
        block = load[name]
        single = block["single_client"]
        label = name.replace("_", " ")
        rows.append((f"{label}, 1 client ({load.get('client', 'http.client')}): p50 / mean",
                     f"{single['latency_p50_ms']} / {single['latency_mean_ms']} ms, {single['rps']} req/s"))
        rows.append((f"{label} under load ({load['server']} {load['workers']}w, {load['clients']} clients)",
                     f"{block['rps']} req/s, p95 {block['latency_p95_ms']} ms, errors {block['errors']}"))
        rows.append((f"{label}: throughput / ({load['cores']} ÷ 1-client p50) (target ≥ 0.8); by mean",
                     f"{block['rps']} / {block['cores_allow_rps']} = {block['ratio_to_cores_allow']}; "
                     f"{block['ratio_to_cores_allow_by_mean']} (server: {block.get('server_cores_used', '–')} cores, "
                     f"CPU {block.get('server_cpu_ms_per_request', '–')} ms/request, 1 client "
                     f"{single.get('server_cpu_ms_per_request', '–')}; client {block['client_cpu_s']} s CPU)"))
    return rows
