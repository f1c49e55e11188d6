"""Production set-ups run as an operator would: environment variables and `flask --app wsgi`."""
import json
import sys

import pytest

from tests.production.conftest import Host

pytestmark = pytest.mark.slow  # child processes running the real flask commands, hosts sharing a database

SEARCH = """
import json
for url in ("/search?q=actieplan", "/api/search?q=actieplan", "/", "/meetings"):
    response = client.get(url)
    print(json.dumps([url, response.status_code, response.get_data(as_text=True)[:20000]]))
"""


def statuses(output: str) -> dict:
    return {url: (status, body) for url, status, body in map(json.loads, output.splitlines())}


def test_two_hosts_share_one_postgres_search(postgres_database, tmp_path):
    first = Host(tmp_path / "host-a", postgres_database, SEARCH_BACKEND="postgres")
    second = Host(tmp_path / "host-b", postgres_database, SEARCH_BACKEND="postgres")
    first.flask("db", "upgrade")
    first.flask("seed-demo")
    assert "consistent" in second.flask("check-index").stdout

    first.python("""
from app.auth.services import create_user
from app.documents import services
with app.app_context():
    user = create_user("ops@example.be", "Ops", "een-lang-wachtwoord", global_role="beheerder")
    document = services.create_document(user, "Gedeelde zoekindex", text="Hostoverschrijdend zoeken werkt.",
                                        body_slug="taskforce")
    services.transition_document(user, document, "publish")
""")
    found = json.loads(second.python("""
import json
print(json.dumps(client.get("/api/search?q=hostoverschrijdend").get_json()))
"""))
    assert found["total"] == 1 and found["results"][0]["title"] == "Gedeelde zoekindex"
    assert "<mark>Hostoverschrijdend</mark>" in found["results"][0]["snippet"]
    assert not (tmp_path / "host-b" / "search-index").exists()  # no index folder on either host
    assert not (tmp_path / "host-a" / "search-index").exists()
    assert "Reindexed" in second.flask("reindex").stdout
    assert "consistent" in first.flask("check-index").stdout


def test_damaged_whoosh_index_is_reported_and_reindex_repairs_it(tmp_path):
    """Index files overwritten with garbage (in a child process: Whoosh leaves a file handle of a
    damaged index open, which the test process would report as a leak of ours)."""
    instance = tmp_path / "instance"
    host = Host(instance, f"sqlite:///{instance / 'spitsregio.sqlite'}")
    host.flask("db", "upgrade")
    host.flask("seed-demo")
    before = statuses(host.python(SEARCH))
    assert before["/search?q=actieplan"][0] == 200 and json.loads(before["/api/search?q=actieplan"][1])["total"] > 0

    root = instance / "search-index"
    for path in (root / (root / "CURRENT").read_text().strip()).iterdir():
        path.write_bytes(b"kapot" * 20)
    broken = statuses(host.python(SEARCH))
    assert broken["/search?q=actieplan"][0] == 503
    assert "Zoeken is tijdelijk niet beschikbaar" in broken["/search?q=actieplan"][1]
    assert broken["/api/search?q=actieplan"][0] == 503
    assert json.loads(broken["/api/search?q=actieplan"][1])["detail"] == "search_index_unavailable"
    assert broken["/"][0] == 200 and broken["/meetings"][0] == 200
    check = host.run(sys.executable, "-m", "flask", "--app", "wsgi", "check-index")
    assert check.returncode == 1 and "cannot be read" in check.stdout

    host.flask("reindex")
    after = statuses(host.python(SEARCH))
    assert after["/search?q=actieplan"][0] == 200
    assert json.loads(after["/api/search?q=actieplan"][1])["total"] == json.loads(before["/api/search?q=actieplan"][1])["total"]
    assert "consistent" in host.flask("check-index").stdout
