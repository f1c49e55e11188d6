"""The real `flask --app wsgi restore` in a child process, as an operator runs it: a cut-off
backup is refused with a message and a non-zero exit, the instance untouched, so the sound backup
then restores into that same instance."""
import sys
from pathlib import Path

import pytest

from app.backup.services import restore_backup
from app.extensions import db
from tests.backup.helpers import file_digests, snapshot
from tests.production.conftest import Host

pytestmark = pytest.mark.slow  # a child process that imports the whole app


def test_the_restore_command_refuses_a_cut_off_backup_then_restores_the_sound_one(good, app, target, tmp_path):
    before = snapshot(db.engine)
    with target.app_context():
        url = db.engine.url.render_as_string(hide_password=False)
    host = Host(Path(target.instance_path), url)
    damaged = tmp_path / "damaged.tar.gz"
    damaged.write_bytes(good.read_bytes()[:-100])

    refused = host.run(sys.executable, "-m", "flask", "--app", "wsgi", "restore", str(damaged))
    assert refused.returncode == 1, refused.stderr[-2000:]
    assert "Error: the file is cut off" in refused.stderr, refused.stderr[-2000:]
    assert "Traceback" not in refused.stderr
    with target.app_context():
        assert not any(snapshot(db.engine).values())
    assert file_digests(Path(target.config["UPLOAD_PATH"])) == {}

    with target.app_context():
        restore_backup(good)
        assert snapshot(db.engine) == before
    assert file_digests(Path(target.config["UPLOAD_PATH"])) == file_digests(Path(app.config["UPLOAD_PATH"]))
