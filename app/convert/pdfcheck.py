"""Reads uploaded PDFs in a child process and writes a clean copy the web process may merge.

    python app/convert/pdfcheck.py OUTDIR FILE...

For each FILE: OUTDIR/<stem>.pdf (what pypdf wrote after reading it all, content streams
decoded once), or OUTDIR/<stem>.status holding `encrypted` or `damaged`. pypdf has had
denial-of-service bugs: a hostile file can only exhaust this child (see app/convert/children.py).
"""
import io
import os
import sys
from pathlib import Path


def check(source: Path, outdir: Path) -> str:
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import DependencyError, FileNotDecryptedError

    target = outdir / f"{source.stem}.pdf"
    partial = outdir / f"{source.stem}.part"
    try:
        reader = PdfReader(io.BytesIO(source.read_bytes()), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return "encrypted"  # a password is needed to open it
        if len(reader.pages) == 0:
            return "damaged"
        writer = PdfWriter(clone_from=reader)
        for page in writer.pages:
            page.get_contents()  # decode what merging will read, here rather than in the web process
        with open(partial, "wb") as out:
            writer.write(out)
        os.replace(partial, target)
    except (DependencyError, FileNotDecryptedError):
        return "encrypted"
    except Exception:  # whatever a broken file makes the parser raise
        partial.unlink(missing_ok=True)
        return "damaged"
    return "ok"


def main(argv: list[str]) -> int:
    outdir, sources = Path(argv[0]), [Path(arg) for arg in argv[1:]]
    for source in sources:
        status = check(source, outdir)
        if status != "ok":
            (outdir / f"{source.stem}.status").write_text(status)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
