"""The converter: cached by content, unavailable without LibreOffice, a hang killed with its
process group, one batch for many files."""
import os
import stat
import sys
import time

import pytest

from app.convert import convert_many, convert_to_pdf, is_available
from app.convert.converter import office_processes

#: converts each input after a moment, and hangs on one whose bytes say HANG
SLOW_SOFFICE = """#!{python}
import pathlib, sys, time
args = sys.argv[1:]
out = pathlib.Path(args[args.index("--outdir") + 1])
for name in args[args.index("--outdir") + 2:]:
    path = pathlib.Path(name)
    time.sleep(60 if b"HANG" in path.read_bytes() else 0.3)
    (out / (path.stem + ".pdf")).write_bytes({pdf!r})
"""
HANGING_SOFFICE = """#!/bin/sh
sleep 60 &
echo $! > "{pids}"
wait
"""


def fake_soffice(tmp_path, script: str) -> str:
    path = tmp_path / "soffice"
    path.write_text(script)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


def test_without_libreoffice_office_files_are_unavailable_and_pdfs_still_checked(app, samples):
    app.config["SOFFICE_PATH"] = ""
    assert not is_available()
    docx, pdf, text = convert_many([(samples.docx("Hallo"), "docx"), (samples.pdf("Hallo"), "pdf"), (b"x", "txt")])
    assert (docx.status, pdf.status, text.status) == ("unavailable", "ok", "unsupported")
    assert pdf.path.read_bytes().startswith(b"%PDF-")
    # not remembered: once LibreOffice is there, the same file converts
    app.config["SOFFICE_PATH"] = "/nonexistent/soffice"
    assert convert_to_pdf(samples.docx("Hallo"), "docx").status == "unavailable"


def test_broken_and_encrypted_pdfs_are_named_and_remembered(app, samples):
    broken, locked = convert_many([(b"%PDF-1.4\nnot really a pdf", "pdf"), (samples.encrypted_pdf("geheim"), "pdf")])
    assert (broken.status, locked.status) == ("damaged", "encrypted")
    cache = app.config.get("PDF_CACHE_PATH") or os.path.join(app.instance_path, "cache", "pdf")
    assert sorted(name.rsplit(".", 1)[1] for name in os.listdir(cache)) == ["failed", "failed"]
    started = time.monotonic()
    assert convert_to_pdf(b"%PDF-1.4\nnot really a pdf", "pdf").status == "damaged"
    assert time.monotonic() - started < 0.1  # no child process the second time


def test_a_hanging_converter_is_killed_with_its_children(app, samples, tmp_path):
    pids = tmp_path / "pids"
    app.config.update(SOFFICE_PATH=fake_soffice(tmp_path, HANGING_SOFFICE.format(pids=pids)), PDF_CONVERT_TIMEOUT=1)
    started = time.monotonic()
    (result,) = convert_many([(samples.docx("Hangt"), "docx")])
    assert result.status == "timeout"
    assert time.monotonic() - started < 5
    assert not alive(int(pids.read_text()))  # the shell's own child went with it


def alive(pid: int) -> bool:
    """Running (a killed child may linger as a zombie until someone reaps it)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            return not any(line.startswith("State:") and "Z" in line for line in status)
    except FileNotFoundError:
        return False


@pytest.mark.slow
def test_a_batch_loses_only_the_file_it_hung_on(app, samples, tmp_path):
    """The limit counts from the last file done: a slow batch goes on, a hang costs one file."""
    script = SLOW_SOFFICE.format(python=sys.executable, pdf=samples.pdf("Omgezet"))
    app.config.update(SOFFICE_PATH=fake_soffice(tmp_path, script), PDF_CONVERT_TIMEOUT=0.8)
    files = [(b"PK first", "docx"), (b"PK second HANG", "docx"), (b"PK third", "docx"), (b"PK fourth", "docx"),
             (b"PK fifth", "docx")]
    assert [result.status for result in convert_many(files)] == ["ok", "timeout", "ok", "ok", "ok"]


#: converts every input and logs "<pid> <profile> <inputs>" per process
LOGGING_SOFFICE = """#!{python}
import os, pathlib, sys
args = sys.argv[1:]
out = pathlib.Path(args[args.index("--outdir") + 1])
names = args[args.index("--outdir") + 2:]
profile = next(arg for arg in args if arg.startswith("-env:UserInstallation="))
with open({log!r}, "a") as log:
    log.write(f"{{os.getpid()}} {{profile}} {{len(names)}}\\n")
for name in names:
    (out / (pathlib.Path(name).stem + ".pdf")).write_bytes({pdf!r})
"""


def test_office_files_split_over_processes_each_with_its_own_profile(app, samples, tmp_path):
    log = tmp_path / "calls"
    script = LOGGING_SOFFICE.format(python=sys.executable, log=str(log), pdf=samples.pdf("Omgezet"))
    app.config.update(SOFFICE_PATH=fake_soffice(tmp_path, script), PDF_CONVERT_PROCESSES=2)
    files = [(f"PK document {n}".encode() * (n + 1), "docx") for n in range(9)]
    assert [result.status for result in convert_many(files)] == ["ok"] * 9
    calls = [line.split() for line in log.read_text().splitlines()]
    assert len(calls) == 2 and len({pid for pid, _profile, _count in calls}) == 2
    assert calls[0][1] != calls[1][1]  # two profiles: one LibreOffice per profile at a time
    assert sorted(int(count) for _pid, _profile, count in calls) == [4, 5]
    log.unlink()
    app.config["PDF_CONVERT_PROCESSES"] = 1
    convert_many([(f"PK other {n}".encode(), "docx") for n in range(9)])
    assert [line.split()[2] for line in log.read_text().splitlines()] == ["9"]


@pytest.mark.parametrize("cores, files, processes", [
    (2, 20, 2),  # a process per core
    (2, 5, 2),
    (2, 4, 1),  # too few files to pay for a second start
    (1, 20, 1),
    (8, 20, 5),  # at least four files each
])
def test_a_libreoffice_process_per_core_for_at_least_four_files(app, monkeypatch, cores, files, processes):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cores)))
    assert office_processes(files) == processes
    app.config["PDF_CONVERT_PROCESSES"] = 3
    assert office_processes(files) == min(3, -(-files // 4))
