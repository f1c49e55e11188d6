"""Files kept in the instance folder by a key (a content hash): written atomically, so several
workers may fill the same folder; a failure is remembered beside them as `<key>.failed`."""
import json
import os
import re
import tempfile
import time
from pathlib import Path

from flask import current_app

#: how long a failure is remembered, by status; other failures hold as long as the bytes are the same
FAILURE_SECONDS = {"timeout": 3600}
KEY = re.compile(r"[0-9a-z-]{1,100}")


def _atomic_write(target: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".part-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class CacheFolder:
    """instance/cache/<name>/ (or the folder the config key names): `<key>.pdf` and failure markers."""

    def __init__(self, name: str, config_key: str | None = None):
        self.name = name
        self.config_key = config_key

    @property
    def path(self) -> Path:
        configured = current_app.config.get(self.config_key) if self.config_key else None
        folder = Path(configured) if configured else Path(current_app.instance_path) / "cache" / self.name
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def file(self, key: str) -> Path:
        if not KEY.fullmatch(key or ""):
            raise ValueError(f"bad cache key {key!r}")
        return self.path / f"{key}.pdf"

    def get(self, key: str) -> Path | None:
        found = self.file(key)
        return found if found.is_file() else None

    def put(self, key: str, data: bytes) -> Path:
        target = self.file(key)
        _atomic_write(target, data)
        self.file(key).with_suffix(".failed").unlink(missing_ok=True)
        return target

    def failure(self, key: str) -> str | None:
        """The status of a remembered failure for `key` (None when none, or when it expired)."""
        marker = self.file(key).with_suffix(".failed")
        try:
            status = json.loads(marker.read_text())["status"]
            age = time.time() - marker.stat().st_mtime
        except (OSError, ValueError, KeyError, TypeError):
            return None
        limit = FAILURE_SECONDS.get(status)
        return None if limit is not None and age > limit else status

    def remember_failure(self, key: str, status: str) -> None:
        _atomic_write(self.file(key).with_suffix(".failed"), json.dumps({"status": status}).encode())

    def prune(self, prefix: str, keep: int) -> None:
        """Keep the `keep` newest files whose key starts with `prefix`; remove the older ones."""
        files = []
        for path in self.path.glob(f"{prefix}*.pdf"):
            try:
                files.append((path.stat().st_mtime, path))
            except FileNotFoundError:  # another worker pruned it first
                continue
        for _mtime, old in sorted(files, reverse=True)[keep:]:
            old.unlink(missing_ok=True)
