"""HTTP side of the benchmark: a server on a free loopback port (gunicorn with 2 workers, or a
threaded Werkzeug server in this process for the quick test), one-off requests on http.client, and
the load generator: wrk (C, a few % of one core) when installed, else http.client threads (which
take the CPU the server needs: their figures are a lower bound)."""
import http.client
import json
import logging
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    kind = ""
    port = 0

    def stop(self) -> None: ...

    def log_errors(self) -> int:
        return 0

    def cpu_seconds(self) -> float | None:
        """CPU time (user + system) the server's processes have used so far; None if unknown."""
        return None


class GunicornServer(Server):
    kind = "gunicorn"

    def __init__(self, instance: Path, env: dict, workers: int = 2, log_path: Path | None = None,
                 options: tuple[str, ...] = ()):
        """`env`: the server's whole environment (BENCH_INSTANCE, DATABASE_URL, SEARCH_BACKEND, ...;
        see bench.harness.child_env); `options`: more gunicorn arguments (e.g. a worker class)."""
        self.port = free_port()
        self.workers = workers
        self.log_path = log_path or instance.parent / "gunicorn.log"
        gunicorn = Path(sys.executable).parent / "gunicorn"
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [str(gunicorn), "--workers", str(workers), "--bind", f"127.0.0.1:{self.port}", "--timeout", "120",
             "--log-level", "warning", *options, "bench.wsgi:app"],
            cwd=str(REPO), env=env, stdout=self.log, stderr=subprocess.STDOUT)
        wait_ready(self.port, self.process)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()

    def cpu_seconds(self) -> float | None:
        """The master's and its workers' CPU time, from /proc (Linux): with the wall time of a load run
        it says how many cores the server got, which other processes on the machine may cut."""
        try:
            master = self.process.pid
            children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
            total = 0
            for pid in (master, *children):
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
            return total / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            return None

    def log_errors(self) -> int:
        """Tracebacks, lock errors and worker timeouts the server logged."""
        text = self.log_path.read_text(errors="replace")
        return sum(text.count(marker) for marker in ("Traceback", "LockError", "WORKER TIMEOUT", "database is locked"))


class ThreadServer(Server):
    """A threaded Werkzeug server in this process: real HTTP on loopback, without gunicorn."""
    kind = "werkzeug-thread"
    workers = 1

    def __init__(self, app):
        from werkzeug.serving import make_server

        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        self.errors = []
        handler = _CountingHandler(self.errors)
        app.logger.addHandler(handler)
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.port = self.server.server_port
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        wait_ready(self.port)

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=10)

    def log_errors(self) -> int:
        return len(self.errors)


class _CountingHandler(logging.Handler):
    def __init__(self, sink):
        super().__init__(logging.ERROR)
        self.sink = sink

    def emit(self, record):
        self.sink.append(record.getMessage())


def wait_ready(port: int, process=None, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            status, _body = request(port, "GET", "/api/bodies")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the server did not answer in time")


def request(port: int, method: str, path: str, token: str | None = None, body: dict | None = None,
            timeout: float = 120) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        headers = {"Connection": "close"}
        payload = None
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if body is not None:
            payload = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        connection.request(method, path, body=payload, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def login(port: int, email: str, password: str) -> str:
    status, body = request(port, "POST", "/api/login", body={"email": email, "password": password})
    if status != 200:
        raise RuntimeError(f"login of {email} failed: {status} {body[:200]!r}")
    return json.loads(body)["token"]


def search_path(query) -> str:
    args = {"q": query.q, **query.filters}
    if query.sort != "relevance":
        args["sort"] = query.sort
    return "/api/search?" + urlencode(args)


WRK_SCRIPT = Path(__file__).with_name("wrk_requests.lua")


def load(port: int, requests: list[tuple[str, str | None]], clients: int, duration: float) -> dict:
    """`clients` concurrent clients sending GET requests (path, token) round-robin for `duration`
    seconds, each waiting for its answer before the next request (a closed loop). The same client
    measures one client alone (the single-client median) and many (the throughput)."""
    if shutil.which("wrk"):
        return wrk_load(port, requests, clients, duration)
    return thread_load(port, requests, clients, duration)


def wrk_load(port: int, requests: list[tuple[str, str | None]], clients: int, duration: float) -> dict:
    """The load through wrk: `clients` connections on up to 2 threads, bearer tokens per request
    (bench/wrk_requests.lua); an answer other than 200 and a socket error or timeout are errors.
    Latency is from sending the request to the end of the answer (the connect is not in it)."""
    threads = max(1, min(2, clients))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", prefix="wrk-requests-") as listing:
        listing.write("".join(f"{path}\t{token or ''}\n" for path, token in requests))
        listing.flush()
        completed = subprocess.run(
            ["wrk", "-t", str(threads), "-c", str(clients), "-d", f"{max(1, round(duration))}s", "--timeout", "120s",
             "-s", str(WRK_SCRIPT), f"http://127.0.0.1:{port}", "--", listing.name, str(threads)],
            capture_output=True, text=True, timeout=duration + 180)
    lines = [line for line in completed.stdout.splitlines() if line.startswith("{")]
    if completed.returncode != 0 or not lines:
        raise RuntimeError(f"wrk failed ({completed.returncode}): {completed.stderr[-500:]} {completed.stdout[-500:]}")
    raw = json.loads(lines[-1])
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds = raw["duration_us"] / 1e6
    socket_errors = raw["connect"] + raw["read"] + raw["write"] + raw["timeout"]
    errors = raw["non200"] + socket_errors
    samples = [f"status {status}" for status in raw["samples"]]
    if socket_errors:
        samples.append(", ".join(f"{kind} {raw[kind]}" for kind in ("connect", "read", "write", "timeout") if raw[kind]))
    return {
        "client": "wrk", "requests": raw["requests"], "errors": errors, "error_samples": samples[:5],
        "rps": round((raw["requests"] - raw["non200"]) / seconds, 1), "seconds": round(seconds, 1),
        "latency_p50_ms": round(raw["p50_us"] / 1000, 2), "latency_p95_ms": round(raw["p95_us"] / 1000, 2),
        "latency_mean_ms": round(raw["mean_us"] / 1000, 2),
        # the generator's own CPU time: the cores it took from the server
        "client_cpu_s": round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 2),
    }


def thread_load(port: int, requests: list[tuple[str, str | None]], clients: int, duration: float) -> dict:
    """`clients` threads sending GET requests (path, token) round-robin for `duration` seconds."""
    latencies, errors, lock = [], [], threading.Lock()
    stop_at = time.monotonic() + duration

    def client(offset: int):
        n = offset
        while time.monotonic() < stop_at:
            path, token = requests[n % len(requests)]
            n += clients
            started = time.perf_counter()
            try:
                status, _body = request(port, "GET", path, token)
                failed = status != 200
            except OSError as error:
                status, failed = repr(error), True
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if failed:
                    errors.append(f"{status} {path}")

    started, cpu_before = time.monotonic(), time.process_time()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    from bench.stats import summary

    return {
        "client": "http.client", "requests": len(latencies), "errors": len(errors), "error_samples": errors[:5],
        "rps": round((len(latencies) - len(errors)) / elapsed, 1), "seconds": round(elapsed, 1),
        **{f"latency_{k}": v for k, v in summary(latencies).items() if k in ("p50_ms", "p95_ms")},
        "latency_mean_ms": round(1000 * sum(latencies) / max(1, len(latencies)), 2),
        # this process's CPU time (with the in-process thread server: the server's too)
        "client_cpu_s": round(time.process_time() - cpu_before, 2),
    }
