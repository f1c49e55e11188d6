"""Child processes that turn a batch of files into PDFs, each with a time and memory limit.

One process converts a whole batch (a LibreOffice start costs seconds, a file a fraction of that).
It writes `<stem>.pdf` for each input it converts, or `<stem>.status` naming why not. The time limit
counts from the last file done: a batch that makes no progress for that long is killed with its
whole process group; the file it hung on (the first without an outcome) is a `timeout`, and the
files after it go on in a fresh process.
"""
import os
import resource
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Callable

#: what a batch's command gets: the pending inputs and a fresh scratch folder (a LibreOffice
#: profile) for this process alone; it returns the argv
Command = Callable[[list[Path], Path], list[str]]
STATUS_CHARS = 40


def _memory_limit(memory_bytes: int):
    def apply():  # runs in the child between fork and exec
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    return apply


class Batch:
    def __init__(self, command: Command, inputs: list[Path], outdir: Path, timeout: float, memory_mb: int,
                 env: dict | None = None):
        self.command = command
        self.pending = list(inputs)
        self.outdir = outdir
        self.timeout = timeout
        self.memory_bytes = memory_mb * 1024 * 1024
        self.env = env
        #: input -> ok, timeout, failed, or what the child wrote in <stem>.status
        self.statuses: dict[Path, str] = {}
        self.process: subprocess.Popen | None = None
        self.scratch: str | None = None
        self.deadline = 0.0
        self.progress = 0

    @property
    def done(self) -> bool:
        return self.process is None and not self.pending

    def start(self) -> None:
        self.scratch = tempfile.mkdtemp(prefix="spitsregio-child-")
        env = dict(self.env or {}, HOME=self.scratch, TMPDIR=self.scratch)
        try:
            self.process = subprocess.Popen(
                self.command(self.pending, Path(self.scratch)), stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=self.scratch,
                start_new_session=True, preexec_fn=_memory_limit(self.memory_bytes))
        except OSError:  # the program is gone or not executable: nothing of this batch converts
            shutil.rmtree(self.scratch, ignore_errors=True)
            self.scratch = None
            self.statuses.update((path, "unavailable") for path in self.pending)
            self.pending = []
            return
        self.deadline = time.monotonic() + self.timeout
        self.progress = 0

    def poll(self) -> None:
        """Settle the batch once its process ended or ran out of time; go on with what is left."""
        if self.process is None:
            return
        finished = self.process.poll() is not None
        if not finished:
            done = self._done_count()
            if done > self.progress:  # a file more converted: the clock starts again
                self.progress, self.deadline = done, time.monotonic() + self.timeout
            if time.monotonic() < self.deadline:
                return
        self.stop()
        self._settle(timed_out=not finished)
        if self.pending:
            self.start()

    def stop(self) -> None:
        try:  # the whole group: LibreOffice's launcher leaves soffice.bin behind it
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()
        self.process = None
        shutil.rmtree(self.scratch, ignore_errors=True)
        self.scratch = None

    def _settle(self, timed_out: bool) -> None:
        pending, self.pending = self.pending, []
        for index, path in enumerate(pending):
            outcome = self._outcome(path)
            if outcome is None and timed_out:
                self.statuses[path] = "timeout"
                self.pending = pending[index + 1:]
                return
            self.statuses[path] = outcome or "failed"

    def _done_count(self) -> int:
        names = set(os.listdir(self.outdir))
        return sum(1 for path in self.pending if f"{path.stem}.pdf" in names or f"{path.stem}.status" in names)

    def _outcome(self, path: Path) -> str | None:
        pdf = self.outdir / f"{path.stem}.pdf"
        if pdf.is_file() and pdf.stat().st_size > 0:
            return "ok"
        try:
            return (self.outdir / f"{path.stem}.status").read_text()[:STATUS_CHARS].strip() or "failed"
        except OSError:
            return None


def run_batches(batches: list[Batch], poll_seconds: float = 0.05) -> None:
    """Run the batches side by side (one process each) until every input has its outcome."""
    for batch in batches:
        if batch.pending:
            batch.start()
    try:
        while not all(batch.done for batch in batches):
            time.sleep(poll_seconds)
            for batch in batches:
                batch.poll()
    finally:  # an interrupted request leaves no converter behind
        for batch in batches:
            if batch.process is not None:
                batch.stop()
