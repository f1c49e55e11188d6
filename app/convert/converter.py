"""Documents to PDF: .docx/.odt through LibreOffice headless, PDFs checked and cleaned, each in a
child process with a time and memory limit, cached by the sha256 of the bytes.

`convert_many` converts a whole pack at once: the office files in a LibreOffice process per core
(several files per process: a start costs seconds), beside one PDF checker; `convert_to_pdf` is the
same for one file. Nothing here raises for a bad file or a missing LibreOffice: the result
says what happened.
"""
import hashlib
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from app.convert import pdfcheck
from app.convert.cache import CacheFolder
from app.convert.children import Batch, run_batches

OFFICE_SUFFIXES = ("docx", "odt")
SUPPORTED = OFFICE_SUFFIXES + ("pdf",)
#: statuses that depend on this server rather than on the bytes: never remembered
TRANSIENT = ("unavailable",)
#: the fewest files a LibreOffice process of its own is started for (see office_processes)
FILES_PER_PROCESS = 4

_cache = CacheFolder("pdf", "PDF_CACHE_PATH")


@dataclass(frozen=True)
class Conversion:
    """ok (then `path` is the PDF), unavailable (no LibreOffice), unsupported (a kind we do not
    convert), failed (LibreOffice could not read it), timeout, encrypted or damaged."""
    status: str
    path: Path | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def soffice_path() -> str | None:
    """The LibreOffice program: SOFFICE_PATH when configured (empty: none), else found on PATH."""
    configured = current_app.config.get("SOFFICE_PATH")
    if configured is not None:
        return configured if configured and os.access(configured, os.X_OK) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def is_available() -> bool:
    return soffice_path() is not None


def convert_to_pdf(data: bytes, suffix: str) -> Conversion:
    return convert_many([(data, suffix)])[0]


def convert_many(files: list[tuple[bytes, str]]) -> list[Conversion]:
    """The PDF of each (bytes, suffix), in order; what is not cached yet converts in one go."""
    results: list[Conversion | None] = [None] * len(files)
    todo: dict[str, tuple[str, bytes, list[int]]] = {}
    soffice = soffice_path()
    for index, (data, suffix) in enumerate(files):
        suffix = suffix.lower().lstrip(".")
        if suffix not in SUPPORTED:
            results[index] = Conversion("unsupported")
            continue
        key = hashlib.sha256(data).hexdigest()
        known = _cached(key)
        if known is not None:
            results[index] = known
        elif suffix in OFFICE_SUFFIXES and soffice is None:
            results[index] = Conversion("unavailable")
        else:
            todo.setdefault(key, (suffix, data, []))[2].append(index)
    if todo:
        for key, conversion in _convert(todo, soffice).items():
            for index in todo[key][2]:
                results[index] = conversion
    return results


def _cached(key: str) -> Conversion | None:
    path = _cache.get(key)
    if path is not None:
        return Conversion("ok", path)
    failure = _cache.failure(key)
    return Conversion(failure) if failure else None


def _convert(todo: dict[str, tuple[str, bytes, list[int]]], soffice: str | None) -> dict[str, Conversion]:
    config = current_app.config
    timeout = config.get("PDF_CONVERT_TIMEOUT", 60)
    memory_mb = config.get("PDF_CONVERT_MEMORY_MB", 2048)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "SAL_USE_VCLPLUGIN": "svp"}
    with tempfile.TemporaryDirectory(prefix="spitsregio-convert-") as work:
        inputs, outdir = Path(work) / "in", Path(work) / "out"
        inputs.mkdir()
        outdir.mkdir()
        paths: dict[str, Path] = {}
        for key, (suffix, data, _indexes) in todo.items():
            paths[key] = inputs / f"{key}.{suffix}"
            paths[key].write_bytes(data)
        office = [p for p in paths.values() if p.suffix[1:] in OFFICE_SUFFIXES]
        pdfs = [p for p in paths.values() if p.suffix == ".pdf"]
        batches = [Batch(lambda pending, profile: _soffice_argv(soffice, pending, profile, outdir),
                         share, outdir, timeout, memory_mb, env)
                   for share in shares(office, office_processes(len(office)))]
        if pdfs:
            batches.append(Batch(lambda pending, _scratch: [sys.executable, "-s", pdfcheck.__file__, str(outdir),
                                                            *map(str, pending)],
                                 pdfs, outdir, timeout, memory_mb, env))
        run_batches(batches)
        statuses = {path: status for batch in batches for path, status in batch.statuses.items()}
        return {key: _keep(key, statuses.get(path, "failed"), outdir / f"{key}.pdf") for key, path in paths.items()}


def office_processes(files: int) -> int:
    """How many LibreOffice processes convert `files` side by side: PDF_CONVERT_PROCESSES when
    configured, else one per core, and never one for fewer than FILES_PER_PROCESS files (a start
    costs over a second of CPU, a short file a tenth of that). Measured on a loaded 2-core machine
    (bench/README.md), two processes finish sooner than one although they take more CPU."""
    if files == 0:
        return 0
    wanted = int(current_app.config.get("PDF_CONVERT_PROCESSES") or len(os.sched_getaffinity(0)))
    return max(1, min(wanted, -(-files // FILES_PER_PROCESS)))


def shares(paths: list[Path], processes: int) -> list[list[Path]]:
    """`paths` dealt out to `processes` batches of about the same number of bytes, each batch in
    the order given (a hang then costs the file it hung on, as in one batch)."""
    loads = [[0, []] for _ in range(processes)]
    for path in sorted(paths, key=lambda p: p.stat().st_size, reverse=True):
        lightest = min(loads, key=lambda load: load[0])
        lightest[0] += path.stat().st_size
        lightest[1].append(path)
    order = {path: index for index, path in enumerate(paths)}
    return [sorted(share, key=order.__getitem__) for _size, share in loads if share]


def _soffice_argv(soffice: str, pending: list[Path], profile: Path, outdir: Path) -> list[str]:
    # A profile of its own per process: two conversions sharing one fail or hang.
    return [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible", "--norestore",
            "--nologo", "--nodefault", "--nolockcheck", "--convert-to", "pdf", "--outdir", str(outdir),
            *map(str, pending)]


def _keep(key: str, status: str, produced: Path) -> Conversion:
    if status == "ok":
        return Conversion("ok", _cache.put(key, produced.read_bytes()))
    if status not in TRANSIENT:
        _cache.remember_failure(key, status)
    return Conversion(status)
