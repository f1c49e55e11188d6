"""A missing or damaged Whoosh index: search says so (503), the rest of the app keeps working,
saves lose nothing, check-index calls it broken, and `reindex` repairs it. Whoosh leaves a file
open when it fails to read a damaged one; the backend closes it (the warnings filter would fail
these tests on a leaked handle)."""
import shutil
from pathlib import Path

import pytest

from app.extensions import db
from app.search.index import backend, search
from app.search.models import SearchOutbox

UNAVAILABLE = "Zoeken is tijdelijk niet beschikbaar"


@pytest.fixture(autouse=True)
def _whoosh_only(search_backend):
    if search_backend != "whoosh":
        pytest.skip("the index folder is Whoosh's (PostgreSQL keeps its entries in the database)")


def waiting():
    return db.session.scalar(db.select(db.func.count(SearchOutbox.id)))


def assert_search_unavailable(client):
    page = client.get("/search", query_string={"q": "herstelwoord"})
    assert page.status_code == 503
    html = page.get_data(as_text=True)
    assert UNAVAILABLE in html and "reindex" in html and 'role="alert"' in html
    assert 'name="q"' in html  # the search form is still there
    api = client.get("/api/search", query_string={"q": "herstelwoord"})
    assert api.status_code == 503
    assert api.get_json()["detail"] == "search_index_unavailable" and UNAVAILABLE in api.get_json()["error"]


def assert_rest_works(client, document):
    for url in ("/", f"/documents/{document.id}", "/meetings"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert UNAVAILABLE not in response.get_data(as_text=True)


def assert_repaired(runner, find, *documents):
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 0, result.output
    assert set(find("herstelwoord")) == {f"document:{d.id}" for d in documents}
    assert waiting() == 0
    assert runner.invoke(args=["check-index"]).exit_code == 0


def test_deleted_index_is_reported_and_reindex_rebuilds_it(make_page, client, runner, find, app):
    first = make_page("Voor het verlies", "herstelwoord een", state="published")
    assert find("herstelwoord") == [f"document:{first.id}"]
    shutil.rmtree(app.config["SEARCH_INDEX_PATH"])

    assert_search_unavailable(client)
    assert_rest_works(client, first)
    # A save still works; its change waits in the outbox instead of starting a partial index
    # that would look complete.
    second = make_page("Na het verlies", "herstelwoord twee", state="published")
    assert waiting() > 0 and not backend().exists()
    assert_search_unavailable(client)
    check = runner.invoke(args=["check-index"])
    assert check.exit_code == 1 and f"document:{first.id}" in check.output

    assert_repaired(runner, find, first, second)
    assert client.get("/search", query_string={"q": "herstelwoord"}).status_code == 200


@pytest.mark.slow  # Whoosh retries reading the damaged segments, with pauses, before it gives up
def test_damaged_index_is_reported_and_reindex_replaces_it(make_page, client, runner, find, app):
    first = make_page("Voor de schade", "herstelwoord een", state="published")
    assert find("herstelwoord") == [f"document:{first.id}"]
    root = Path(app.config["SEARCH_INDEX_PATH"])
    generation = root / (root / "CURRENT").read_text().strip()
    # A segment lost (a disk error, a bad copy); the shapes below fail faster.
    for path in generation.glob("*.seg"):
        path.unlink()
    backend().close()  # as a freshly started worker, which has no searcher open on the old files

    assert_search_unavailable(client)
    assert_rest_works(client, first)
    second = make_page("Na de schade", "herstelwoord twee", state="published")  # the save succeeds
    assert waiting() > 0  # the failed index write is kept for a retry
    check = runner.invoke(args=["check-index"])
    assert check.exit_code == 1 and "cannot be read" in check.output

    assert_repaired(runner, find, first, second)
    assert sorted(h.id for h in search("herstelwoord", None).hits) == sorted([first.id, second.id])


def test_a_new_instance_without_an_index_is_not_an_error(app, client):
    # Nothing saved yet: no index folder, and nothing missing from it.
    assert not Path(app.config["SEARCH_INDEX_PATH"]).exists()
    assert not backend().exists()
    response = client.get("/search", query_string={"q": "iets"})
    assert response.status_code == 200 and UNAVAILABLE not in response.get_data(as_text=True)


def _generation(root: Path) -> Path:
    return root / (root / "CURRENT").read_text().strip()


def _halve(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


#: how an index folder gets damaged: a bad copy, a full disk, a hand edit, a crash mid-write
DAMAGE = {
    "CURRENT overwritten with bytes": lambda root: (root / "CURRENT").write_bytes(b"\x89PNG\r\n\x1a\n\xff\x00kapot"),
    "CURRENT overwritten with text": lambda root: (root / "CURRENT").write_text("kapot\n"),
    "CURRENT emptied": lambda root: (root / "CURRENT").write_bytes(b""),
    "CURRENT naming a path elsewhere": lambda root: (root / "CURRENT").write_text("../../etc"),
    "generation folder gone": lambda root: shutil.rmtree(_generation(root)),
    "table of contents overwritten": lambda root: [p.write_bytes(b"kapot" * 20) for p in _generation(root).glob("*.toc")],
    "table of contents cut short": lambda root: [_halve(p) for p in _generation(root).glob("*.toc")],
    "table of contents gone": lambda root: [p.unlink() for p in _generation(root).glob("*.toc")],
    "segments cut short": lambda root: [_halve(p) for p in _generation(root).glob("*.seg")],
    "every file emptied": lambda root: [p.write_bytes(b"") for p in _generation(root).iterdir()],
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_each_shape_of_damage_answers_503_keeps_saves_and_is_repaired(damage, make_page, client, runner, find, app):
    first = make_page("Voor de schade", "herstelwoord een", state="published")
    assert find("herstelwoord") == [f"document:{first.id}"]
    damage(Path(app.config["SEARCH_INDEX_PATH"]))
    backend().close()  # as a freshly started worker

    assert_search_unavailable(client)
    assert_rest_works(client, first)
    second = make_page("Na de schade", "herstelwoord twee", state="published")  # the save succeeds
    assert waiting() > 0  # and its change waits in the outbox
    assert_search_unavailable(client)
    check = runner.invoke(args=["check-index"])
    assert check.exit_code == 1 and "cannot be read" in check.output

    assert_repaired(runner, find, first, second)
