"""Backups round-trip any data: generated rows in every table, every text column holding any
Unicode a database stores (line and paragraph separators, controls, astral characters, values as
long as the column allows), and upload files of arbitrary bytes, restored into an empty instance
and compared row by row, column by column, file by file (sha256)."""
import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from app.backup.services import restore_backup, write_backup
from app.extensions import db
from tests.backup.helpers import (
    empty_database, empty_folder, file_digests, insert_dataset, snapshot, tables, write_files,
)
from tests.backup.strategies import datasets, uploads

pytestmark = pytest.mark.slow  # 20 generated instances, each backed up and restored

EXAMPLES = 20


@pytest.mark.filterwarnings("ignore:Generating overly large repr")  # a failing dataset is large
def test_any_rows_and_files_survive_backup_and_restore(app, target, tmp_path):
    source_engine = db.engine
    with target.app_context():
        target_engine = db.engine
    source_uploads, target_uploads = Path(app.config["UPLOAD_PATH"]), Path(target.config["UPLOAD_PATH"])
    archive = tmp_path / "backup.tar.gz"
    ran = []

    # no shrinking: minimising a whole database takes minutes; the failure names the table
    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              phases=[Phase.explicit, Phase.generate],
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(dataset=datasets(tables(), source_engine.dialect), files=uploads)
    def round_trip(dataset, files):
        for engine in (source_engine, target_engine):
            empty_database(engine)
        for folder in (source_uploads, target_uploads):
            empty_folder(folder)
        insert_dataset(source_engine, dataset)
        write_files(source_uploads, files)
        before = snapshot(source_engine)
        assert {name: len(rows) for name, rows in before.items()} == \
               {name: len(rows) for name, rows in dataset.items()}

        write_backup(archive)
        with target.app_context():
            restore_backup(archive)

        after = snapshot(target_engine)
        for table in before:  # one table at a time: a failure names it and shows the rows that differ
            assert after[table] == before[table], table
        assert file_digests(target_uploads) == {name: hashlib.sha256(data).hexdigest()
                                                for name, data in files.items()}
        ran.append(sum(map(len, dataset.values())))

    round_trip()
    assert len(ran) == EXAMPLES  # so many generated instances went through a backup and a restore
