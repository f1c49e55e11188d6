"""A restore checks the whole backup before it touches anything, and refuses a damaged, cut-off or
foreign file with a message saying what is wrong; the target holds afterwards what it held."""
import gzip
import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from sqlalchemy import select

from app.backup.archive import BackupWriter, read_backup
from app.backup.services import BackupError, restore_backup
from app.extensions import db
from tests.backup.helpers import SEPARATORS, file_digests, snapshot

def _members(path: Path) -> dict[str, bytes]:
    with tarfile.open(path) as archive:
        return {member.name: archive.extractfile(member).read() for member in archive}


def _rebuild(source: Path, target: Path, change) -> Path:
    """A copy of the backup in a sound container, its members changed by `change(members)`."""
    members = change(_members(source))
    writer = BackupWriter(target)
    for name, data in members.items():
        writer.add_bytes(name, data)
    writer.close()
    return target


def _manifest(change):
    def edit(members):
        manifest = json.loads(members["manifest.json"])
        change(manifest)
        members["manifest.json"] = json.dumps(manifest).encode()
        return members
    return edit


def _untouched(target) -> None:
    with target.app_context():
        assert all(not rows for rows in snapshot(db.engine).values())
    folder = Path(target.config["UPLOAD_PATH"])
    assert file_digests(folder) == {}
    assert not list(folder.parent.glob(f".{folder.name}-restoring-*"))


def _refused(target, path: Path, message: str) -> None:
    with target.app_context(), pytest.raises(BackupError, match=message):
        restore_backup(path)


def _positions(size: int) -> list[int]:
    """Every byte of the gzip header and trailer, and about 60 spread over the rest."""
    return sorted({*range(64), *range(size - 16, size), *range(64, size, max(1, (size - 80) // 60))})


def test_a_cut_or_a_flipped_byte_anywhere_is_refused(good, target, tmp_path):
    data = good.read_bytes()
    broken = tmp_path / "broken.tar.gz"
    for position in _positions(len(data)):
        broken.write_bytes(data[:position])
        _refused(target, broken, "cut off|damaged|not a Spitsregio backup")
        flipped = bytearray(data)
        flipped[position] ^= position % 255 + 1  # every bit pattern, somewhere
        broken.write_bytes(bytes(flipped))
        _refused(target, broken, "damaged|cut off|not a Spitsregio backup")
    broken.write_bytes(data + b"\x00")
    _refused(target, broken, "damaged: more bytes follow the end")
    _untouched(target)


#: (how the backup is changed, what the refusal says); each rebuilt in a sound container, so the
#: checks behind the container's are the ones that must refuse it
CHANGES = [
    (lambda m: {k: v for k, v in m.items() if k != "files/leeg.bin"}, "file leeg.bin: listed in the manifest, missing"),
    (lambda m: {**m, "files/extra.bin": b"x"}, "file extra.bin: in the backup, not listed"),
    (lambda m: {k: v for k, v in m.items() if k != "data/users.jsonl"}, "table users: listed in the manifest, missing"),
    (lambda m: {k: v for k, v in m.items() if k != "manifest.json"}, "no manifest.json"),
    (lambda m: {**m, "README.txt": b"hallo"}, "unexpected entry 'README.txt'"),
    (lambda m: {**m, "data/users.jsonl": m["data/users.jsonl"].replace(b"Lotte", b"Lotta")}, "table users is damaged"),
    (lambda m: {**m, "files/ab/3f2e.pdf": b"%PDF-1.5"}, "file ab/3f2e.pdf is damaged"),
    (lambda m: {**m, "manifest.json": m["manifest.json"][:-3]}, "the manifest is damaged"),
    (_manifest(lambda m: m.update(format=3)), "backup format 3 is not one this version reads"),
    (_manifest(lambda m: m.update(format="2")), "backup format '2' is not one"),
    (_manifest(lambda m: m.pop("kind")), "does not say it is a Spitsregio backup"),
    (_manifest(lambda m: m["tables"]["users"].update(rows=2)), "table users holds 1 rows, the manifest says 2"),
    (_manifest(lambda m: m["tables"]["users"].update(rows=-1)), "the manifest is damaged"),
    (_manifest(lambda m: m["files"].update({"../evil.sh": m["files"].pop("leeg.bin")})), "the manifest is damaged"),
    (_manifest(lambda m: m.update(revision="0001")), "the database is at revision"),
    (_manifest(lambda m: m["tables"].pop("users")), "table users: in the backup, not listed"),
]


def test_a_damaged_or_inconsistent_backup_is_refused(good, target, tmp_path):
    for number, (change, message) in enumerate(CHANGES):
        _refused(target, _rebuild(good, tmp_path / f"changed-{number}.tar.gz", change), message)
    _untouched(target)


def test_files_that_are_no_backup_are_refused(good, target, tmp_path):
    other = tmp_path / "other.tar.gz"
    cases = {
        b"": "not a Spitsregio backup",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n": "not a Spitsregio backup",
        gzip.compress(b"gewoon tekst"): "damaged or not a Spitsregio backup",
    }
    for data, message in cases.items():
        other.write_bytes(data)
        _refused(target, other, message)
    with tarfile.open(other, "w:gz") as archive:
        info = tarfile.TarInfo("notulen.txt")
        info.size = 5
        archive.addfile(info, io.BytesIO(b"hallo"))
    _refused(target, other, "unexpected entry 'notulen.txt'")
    # a sound backup's members in another gzip container: not what this format writes
    with tarfile.open(other, "w:gz") as archive:
        for name, data in _members(good).items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    _refused(target, other, "container does not match its format")
    _untouched(target)


def test_a_damaged_backup_leaves_a_populated_instance_as_it_was(good, app):
    before, files = snapshot(db.engine), file_digests(Path(app.config["UPLOAD_PATH"]))
    data = good.read_bytes()
    good.write_bytes(data[: len(data) // 2])
    with pytest.raises(BackupError, match="cut off"):
        restore_backup(good)
    assert snapshot(db.engine) == before
    assert file_digests(Path(app.config["UPLOAD_PATH"])) == files


def test_a_format_1_backup_with_line_separators_in_its_records_still_restores(good, app, target, tmp_path):
    """Format 1 wrote records with raw UTF-8 (ensure_ascii=False) in any gzip container; it lost
    every backup whose text held a line separator. Such a file restores now."""
    members = _members(good)
    manifest = json.loads(members["manifest.json"])
    manifest["format"] = 1
    del manifest["kind"]
    old = tmp_path / "format1.tar.gz"
    with tarfile.open(old, "w:gz") as archive:
        for name, data in members.items():
            if name.startswith("data/"):
                rows = [json.loads(line) for line in data.split(b"\n") if line]
                data = "".join(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n" for row in rows).encode()
                manifest["tables"][name[5:-6]]["sha256"] = hashlib.sha256(data).hexdigest()
            if name != "manifest.json":
                info = tarfile.TarInfo(name)
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
        data = json.dumps(manifest).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    assert "\u2028".encode() in _members(old)["data/users.jsonl"]  # raw, as format 1 wrote it
    assert read_backup(old).manifest["format"] == 1
    with target.app_context():
        restore_backup(old)
        after = snapshot(db.engine)
    assert after == snapshot(db.engine)
    users = db.metadata.tables["users"]
    with db.engine.connect() as connection:
        assert SEPARATORS in connection.execute(select(users.c.name)).scalar_one()
    assert file_digests(Path(target.config["UPLOAD_PATH"])) == file_digests(Path(app.config["UPLOAD_PATH"]))
