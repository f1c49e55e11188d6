"""HTTP side of the benchmark: a server on a free loopback port (gunicorn with 2 workers, or a
threaded Werkzeug server in this process for the quick test) and clients built on http.client."""
import http.client
import json
import logging
import socket
import subprocess
import sys
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


class GunicornServer(Server):
    kind = "gunicorn"

    def __init__(self, instance: Path, env: dict, workers: int = 2, log_path: Path | None = None):
        """`env`: the server's whole environment (BENCH_INSTANCE, DATABASE_URL, SEARCH_BACKEND, ...;
        see bench.harness.child_env)."""
        self.port = free_port()
        self.workers = workers
        self.log_path = log_path or instance.parent / "gunicorn.log"
        gunicorn = Path(sys.executable).parent / "gunicorn"
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [str(gunicorn), "--workers", str(workers), "--bind", f"127.0.0.1:{self.port}", "--timeout", "120",
             "--log-level", "warning", "bench.wsgi:app"],
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


def load(port: int, requests: list[tuple[str, str | None]], clients: int, duration: float) -> dict:
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

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    from bench.stats import summary

    return {
        "requests": len(latencies), "errors": len(errors), "error_samples": errors[:5],
        "rps": round((len(latencies) - len(errors)) / elapsed, 1), "seconds": round(elapsed, 1),
        **{f"latency_{k}": v for k, v in summary(latencies).items() if k in ("p50_ms", "p95_ms")},
    }
