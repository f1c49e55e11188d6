"""Text extraction from uploaded files, run in a child process with a time and memory limit.

    python app/documents/extract.py KIND PATH    prints {"status": ..., "text": ...} as JSON

A hostile PDF (pypdf has had denial-of-service bugs) can only exhaust the child.
"""
import json
import os
import subprocess
import sys
import zipfile
from xml.etree import ElementTree

MAX_TEXT = 2_000_000
ODT_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def _found(parts: list[str]) -> tuple[str, str]:
    """(status, text) of the text parts an extractor found: no_text when there are none (a scan)."""
    text = "\n".join(parts).strip()
    return ("ok" if text else "no_text"), text


def extract_pdf(path: str) -> tuple[str, str]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    return "encrypted", ""
            except Exception:
                return "encrypted", ""
        parts, size = [], 0
        for page in reader.pages:
            text = page.extract_text() or ""
            parts.append(text)
            size += len(text)
            if size > MAX_TEXT:
                break
    except PdfReadError as error:
        if "encrypt" in str(error).lower() or "password" in str(error).lower():
            return "encrypted", ""
        return "damaged", ""
    except Exception:
        return "damaged", ""
    return _found(parts)


def extract_docx(path: str) -> tuple[str, str]:
    import docx

    try:
        document = docx.Document(path)
        parts = []
        for block in document.iter_inner_content():
            if hasattr(block, "text"):
                parts.append(block.text)
            else:  # a table
                for row in block.rows:
                    parts.append(" | ".join(cell.text for cell in row.cells))
    except Exception:
        return "damaged", ""
    return _found(parts)


def extract_odt(path: str) -> tuple[str, str]:
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("content.xml")
            if info.file_size > 50 * 1024 * 1024:
                return "too_large", ""
            root = ElementTree.fromstring(archive.read(info))
    except Exception:
        return "damaged", ""
    parts = []
    for element in root.iter():
        if element.tag in (ODT_TEXT + "p", ODT_TEXT + "h"):
            parts.append("".join(element.itertext()))
    return _found(parts)


EXTRACTORS = {"pdf": extract_pdf, "docx": extract_docx, "odt": extract_odt}


def _limit(memory_bytes: int, cpu_seconds: int):
    def apply():
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    return apply


def extract_in_child(kind: str, path: str, timeout: float = 30, memory_mb: int = 1024) -> tuple[str, str]:
    """(status, text) of the file at `path`, computed in a limited child process."""
    if kind not in EXTRACTORS:
        raise ValueError(kind)
    env = {key: value for key, value in os.environ.items() if key in ("PATH", "LANG", "LC_ALL")}
    try:
        # run this file as a script: the child imports only the standard library and the parser
        completed = subprocess.run(
            [sys.executable, "-s", os.path.abspath(__file__), kind, path],
            capture_output=True, timeout=timeout, env=env,
            preexec_fn=_limit(memory_mb * 1024 * 1024, int(timeout) + 1),
        )
    except subprocess.TimeoutExpired:
        return "timeout", ""
    if completed.returncode != 0:
        # killed by the CPU limit (SIGXCPU), out of memory (MemoryError), or crashed
        return ("timeout" if completed.returncode in (-9, -24) else "damaged"), ""
    try:
        result = json.loads(completed.stdout)
        return result["status"], result["text"][:MAX_TEXT]
    except (ValueError, KeyError, TypeError):
        return "damaged", ""


def main(argv: list[str]) -> int:
    kind, path = argv
    status, text = EXTRACTORS[kind](path)
    sys.stdout.write(json.dumps({"status": status, "text": text[:MAX_TEXT]}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
