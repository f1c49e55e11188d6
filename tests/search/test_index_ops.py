"""The outbox, reindex, check-index and several writers at once."""
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.extensions import db
from app.search import hooks
from app.search.check import check_index
from app.search.index import backend, drain, reindex, search
from app.search.models import SearchOutbox


def outbox_rows():
    return db.session.execute(db.select(SearchOutbox.object_type, SearchOutbox.object_id)).all()


def test_outbox_row_is_written_in_the_same_transaction(make_page, secretary, monkeypatch, find):
    # A crash right after the commit: the index is never told.
    monkeypatch.setattr("app.search.index.drain", lambda *a, **k: 0)
    document = make_page("Na de crash", "herstelwoord", state="published")
    assert ("document", document.id) in outbox_rows()
    monkeypatch.undo()
    # Searching only reads: the row waits for the next writer.
    assert find("herstelwoord") == []
    assert ("document", document.id) in outbox_rows()
    # The next commit that records a change drains the whole outbox, the leftover with it.
    later = make_page("Later", "herstelwoord later", state="published")
    assert set(find("herstelwoord")) == {f"document:{document.id}", f"document:{later.id}"}
    assert outbox_rows() == []


def test_a_rollback_leaves_no_outbox_row(make_page, secretary):
    document = make_page("Terugdraaien", "tekst", state="published")
    document.title = "Gewijzigd maar teruggedraaid"
    db.session.flush()
    assert outbox_rows() != []
    db.session.rollback()
    assert outbox_rows() == []


def test_a_restart_writes_nothing_and_search_drain_applies_the_leftovers(app, make_page, monkeypatch,
                                                                         database_url, runner):
    from app import create_app

    monkeypatch.setattr("app.search.index.drain", lambda *a, **k: 0)
    document = make_page("Opstart", "opstartwoord", state="published")
    monkeypatch.undo()
    left = outbox_rows()
    assert ("document", document.id) in left
    restarted = create_app("testing", {"INSTANCE_PATH": app.instance_path, "SQLALCHEMY_DATABASE_URI": database_url,
                                       "SECRET_KEY": "x", "SEARCH_INDEX_PATH": app.config["SEARCH_INDEX_PATH"],
                                       "SEARCH_BACKEND": app.config["SEARCH_BACKEND"]})
    with restarted.app_context():
        db.engine.dispose()  # the restarted app's connections, not left for the garbage collector
    assert outbox_rows() == left  # starting an app applies nothing
    assert search("opstartwoord", None).hits == []

    result = runner.invoke(args=["search-drain"])
    assert result.exit_code == 0, result.output
    assert f"Applied {len(left)} waiting changes." in result.output
    assert outbox_rows() == []
    assert [h.id for h in search("opstartwoord", None).hits] == [document.id]


def test_search_drain_says_when_changes_still_wait(make_page, runner, app):
    from app.search.index import writer

    with writer() as held:
        assert held
        app.config["SEARCH_WRITER_TIMEOUT"] = 0.2
        document = make_page("Tijdens slot", "slotwoord", state="published")
        result = runner.invoke(args=["search-drain"])
    app.config["SEARCH_WRITER_TIMEOUT"] = 10.0
    assert result.exit_code == 1 and "Still waiting: " in result.output
    assert ("document", document.id) in outbox_rows()


def test_check_index_reports_and_reindex_repairs(make_page, runner, find):
    first = make_page("Eerste", "controlewoord een", state="published")
    second = make_page("Tweede", "controlewoord twee", state="published")
    assert check_index()["missing"] == [] and check_index()["stale"] == []
    # Drift: one entry vanishes, another goes stale behind the index's back.
    backend().apply([], [f"document:{first.id}"], [])
    hooks_off = hooks._installed
    db.session.execute(db.text("UPDATE documents SET title='Tweede herzien' WHERE id=:id"), {"id": second.id})
    db.session.execute(db.text("DELETE FROM search_outbox"))
    db.session.commit()
    assert hooks_off
    report = check_index()
    assert report["missing"] == [f"document:{first.id}"]
    assert report["stale"] == [f"document:{second.id}"]
    result = runner.invoke(args=["check-index"])
    assert result.exit_code == 1 and f"document:{first.id}" in result.output
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(args=["check-index"]).exit_code == 0
    assert set(find("controlewoord")) == {f"document:{first.id}", f"document:{second.id}"}


def test_reindex_swaps_in_a_new_generation_while_searches_keep_working(make_page, find, search_backend):
    if search_backend != "whoosh":
        pytest.skip("index generations are Whoosh's; see test_postgres_rebuild_is_one_transaction")
    make_page("Generatie", "generatiewoord", state="published")
    root = Path(backend().root)
    assert find("generatiewoord")
    before = (root / "CURRENT").read_text()
    reindex()
    after = (root / "CURRENT").read_text()
    assert before != after and (root / after).is_dir()
    assert find("generatiewoord")  # the per-process searcher followed the swap


def test_postgres_rebuild_is_one_transaction(make_page, find, search_backend):
    """Readers see the old entries until the rebuild commits, and a failed rebuild changes nothing."""
    if search_backend != "postgres":
        pytest.skip("the PostgreSQL backend's rebuild")
    from app.search.registry import build_doc

    kept = make_page("Blijft", "transactiewoord", state="published")
    fresh = make_page("Nieuw", "transactiewoord", state="published")
    seen_during = []

    def docs():
        yield build_doc(fresh)
        seen_during.append(set(find("transactiewoord")))  # another connection, mid-rebuild
        raise RuntimeError("the database went away mid-rebuild")

    with pytest.raises(RuntimeError):
        backend().rebuild(docs())
    both = {f"document:{kept.id}", f"document:{fresh.id}"}
    assert seen_during == [both] and set(find("transactiewoord")) == both  # nothing changed
    assert backend().rebuild(iter([build_doc(fresh)])) == 1
    assert find("transactiewoord") == [f"document:{fresh.id}"]
    count = reindex()
    report = check_index()
    assert count == report["expected"] == report["indexed"] and report["missing"] == report["extra"] == []
    assert set(find("transactiewoord")) == both


def test_a_busy_writer_lock_loses_no_update(make_page, app, find):
    from app.search.index import writer

    with writer() as held:
        assert held
        app.config["SEARCH_WRITER_TIMEOUT"] = 0.2
        document = make_page("Tijdens slot", "slotwoord", state="published")  # no error for the user
        assert ("document", document.id) in outbox_rows()
    app.config["SEARCH_WRITER_TIMEOUT"] = 10.0
    assert drain() > 0
    assert find("slotwoord") == [f"document:{document.id}"]


WORKER = textwrap.dedent("""
    import sys
    from app import create_app
    from app.auth.models import User
    from app.documents import services
    from app.extensions import db

    url = sys.argv[2]
    # SQLite: wait for the other writers' database lock instead of failing at once.
    options = {"connect_args": {"timeout": 60}} if url.startswith("sqlite") else {}
    app = create_app("testing", {"INSTANCE_PATH": sys.argv[1], "SQLALCHEMY_DATABASE_URI": url,
                                 "SECRET_KEY": "x", "SEARCH_INDEX_PATH": sys.argv[3], "UPLOAD_PATH": sys.argv[4],
                                 "SEARCH_BACKEND": sys.argv[8],
                                 "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, **options}})
    with app.app_context():
        user = db.session.get(User, int(sys.argv[5]))
        for n in range(int(sys.argv[7])):
            document = services.create_document(user, f"Werker {sys.argv[6]} stuk {n}", text="gelijktijdig schrijven",
                                                 body_slug="taskforce")
            services.transition_document(user, document, "publish")
        db.session.remove()
        db.engine.dispose()
    print("ok")
""")


@pytest.mark.slow  # four child processes, each starting the app
def test_concurrent_writers_lose_no_update(app, secretary, database_url, tmp_path, find):
    script = tmp_path / "worker.py"
    script.write_text(WORKER)
    project = Path(__file__).resolve().parents[2]
    processes = [
        subprocess.Popen(
            [sys.executable, str(script), str(tmp_path / f"w{n}"), database_url, app.config["SEARCH_INDEX_PATH"],
             app.config["UPLOAD_PATH"], str(secretary.id), str(n), "6", app.config["SEARCH_BACKEND"]],
            cwd=project, env={**os.environ, "PYTHONPATH": str(project)},
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for n in range(4)
    ]
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0 and "ok" in out, err[-2000:]
    results = search("gelijktijdig", None, pagelen=100)
    assert results.total == 24
    assert check_index()["missing"] == [] and outbox_rows() == []
